/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-sheet-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cc-sheet-view-internal.h"

/* A sheet on a zoomable, pannable desk: the renderer draws the sheet on
 * white paper, the widget's CSS background is the desk around it.
 *
 * The view state is the zoom and the sheet point shown at the centre of
 * the widget, so a resize keeps what is in the middle in the middle. What
 * a press, a key or the entry means on the sheet is the tool's (see
 * cc-sheet-tool.h). */

G_DEFINE_FINAL_TYPE (CcSheetView, cc_sheet_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_DELETED,
  N_VIEW_SIGNALS
};

static guint view_signals[N_VIEW_SIGNALS];

GParamSpec *cc_sheet_view_properties[N_PROPS];
#define properties cc_sheet_view_properties

#define BOTTOM_INSET CC_SHEET_BOTTOM_INSET
#define KEY_STEP    48.0   /* pixels per arrow key press */
#define DRAG_SLOP   3.0    /* pixels before a press becomes a drag */
#define TOOLS_MARGIN 12

#define TOOL_CLASS(self) ((self)->tool != NULL ? CC_SHEET_TOOL_GET_CLASS ((self)->tool) : NULL)
/* Calls the tool's @vfunc, when there is a tool and it has one. */
#define TOOL_CALL(self, vfunc, ...) \
  G_STMT_START { \
    if (TOOL_CLASS (self) != NULL && TOOL_CLASS (self)->vfunc != NULL) \
      TOOL_CLASS (self)->vfunc ((self)->tool, ##__VA_ARGS__); \
  } G_STMT_END


/* The toolbar of the tool in use, if it has one and shows it. */
static void
tools_update (CcSheetView *self)
{
  GtkWidget *shown = NULL;

  for (guint i = 0; i < self->n_tools; i++)
    if (self->toolbars[i] != NULL)
      {
        if (self->tools[i] == self->tool)
          shown = self->toolbars[i];
        else
          gtk_widget_set_visible (self->toolbars[i], FALSE);
      }
  if (shown != NULL)
    gtk_widget_set_visible (shown, TRUE);
  /* The tool may hide its toolbar, on some of its sheets. */
  TOOL_CALL (self, update);
  /* Presenting, the room sees the sheet alone */
  gtk_widget_set_visible (self->toolbar, shown != NULL && gtk_widget_get_visible (shown) && !self->presenting);
}

void
cc_sheet_view_tools_update (CcSheetView *self)
{
  tools_update (self);
}

/* The tool's actions and toolbar, as the sheet and the selection are now. */
void
cc_sheet_view_update (CcSheetView *self)
{
  cc_sheet_view_actions_update (self);
  tools_update (self);
}

static void
notify_switches (CcSheetView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLANNED_VIEW]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERTICAL]);
}

/* Each change: what is known of the drawing is known no more (cheap, so
 * that code in the middle of a step never reads a stale box). */
static void
project_changed_cb (CcSheetView *self,
                    CcChange    *change)
{
  /* Names of actors, link types and the like show on the sheet, so any
   * change may alter what is drawn and how far it reaches. */
  self->content_serial++;
  self->bounds_valid = FALSE;
  g_hash_table_remove_all (self->boxes);
  self->step_pending = TRUE;
}

/* Each step, once: what depends on the whole sheet's layout. An edit of
 * 200 organisations is one layout, not 200. */
static void
project_step_done_cb (CcSheetView *self)
{
  if (!self->step_pending)
    return;
  self->step_pending = FALSE;
  /* What the tool holds may be gone (a dragged node, an arrow's card). */
  TOOL_CALL (self, step_done);
  if (self->presenting && self->sheet != NULL)
    {
      /* Set for the room again: what was added may leave less room to
       * grow. A map larger than the view keeps its size and follows what
       * is edited. */
      cc_sheet_viewport_refit_smoothly (self);
      if (self->overflows && self->selection != NULL && cc_selection_get_n_items (self->selection) > 0)
        cc_sheet_view_reveal_item (self, cc_selection_get_item (self->selection, 0));
    }
  else if (self->follows_fit && self->sheet != NULL)
    {
      /* What an edit added outside the paper comes into the fit, without a
       * jump. */
      const CcRect old = self->bounds;

      cc_sheet_view_get_bounds (self);
      if (old.x != self->bounds.x || old.y != self->bounds.y || old.width != self->bounds.width
          || old.height != self->bounds.height)
        cc_sheet_viewport_refit_smoothly (self);
    }
  if (self->fit_tick == 0)
    cc_sheet_viewport_constrain (self);
  cc_sheet_viewport_view_changed (self);
  cc_sheet_view_update (self);
  notify_switches (self);
}


static GdkModifierType
get_state (CcSheetView        *self,
           GtkEventController *controller)
{
  if (gtk_event_controller_get_current_event (controller) == NULL)
    return self->test_state;
  return gtk_event_controller_get_current_event_state (controller);
}

/* ---- for the tools --------------------------------------------------------- */

void
cc_sheet_view_emit_deleted (CcSheetView *self,
                            const char  *message)
{
  g_signal_emit (self, view_signals[SIGNAL_DELETED], 0, message);
}

static void
drag_reset (CcSheetView *self)
{
  self->drag = CC_SHEET_DRAG_NONE;
  self->drag_moved = FALSE;
  TOOL_CALL (self, drag_reset);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cc_sheet_view_drag_reset (CcSheetView *self)
{
  drag_reset (self);
}

GtkWidget *
cc_sheet_view_add_popover (CcSheetView *self,
                           GMenuModel  *model)
{
  GtkWidget *popover = gtk_popover_menu_new_from_model (model);

  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  return popover;
}

void
cc_sheet_view_popup (CcSheetView        *self,
                     GtkWidget          *popover,
                     const GdkRectangle *at,
                     CcItem             *item)
{
  GdkRectangle where = { gtk_widget_get_width (GTK_WIDGET (self)) / 2,
                         gtk_widget_get_height (GTK_WIDGET (self)) / 2, 1, 1 };
  CcRect box;

  if (popover == NULL)
    return;
  if (at != NULL)
    where = *at;
  else if (item != NULL && cc_sheet_view_get_box (self, item, &box))
    {
      double x, y;

      /* Beside what it acts on, when that is in view. */
      cc_sheet_view_sheet_to_view (self, box.x + box.width, box.y + box.height / 2, &x, &y);
      if (x >= 0 && y >= 0 && x < gtk_widget_get_width (GTK_WIDGET (self))
          && y < gtk_widget_get_height (GTK_WIDGET (self)))
        where = (GdkRectangle) { (int) x, (int) y, 1, 1 };
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &where);
  gtk_popover_popup (GTK_POPOVER (popover));
}

void
cc_sheet_view_draw_banner (CcSheetView *self,
                           cairo_t     *cr,
                           const char  *text,
                           double       cx,
                           double       y)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoFontDescription *font = pango_font_description_from_string ("Bold 15");
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_get_pixel_size (layout, &w, &h);
  cc_path_rounded_rect (cr, cx - w / 2.0 - 18, y, w + 36, h + 16, (h + 16) / 2.0);
  cairo_set_source_rgba (cr, 0.12, 0.12, 0.14, 0.88);
  cairo_fill (cr);
  cairo_move_to (cr, cx - w / 2.0, y + 8);
  cairo_set_source_rgb (cr, 1, 1, 1);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/* ---- presses and keys ------------------------------------------------------ */

static void
drag_begin_cb (CcSheetView    *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = get_state (self, GTK_EVENT_CONTROLLER (gesture));
  CcSheetDrag drag = CC_SHEET_DRAG_PAN;

  if (button == 0)
    button = GDK_BUTTON_PRIMARY;  /* emitted by a test */
  if (self->sheet == NULL || (button != GDK_BUTTON_PRIMARY && button != GDK_BUTTON_MIDDLE))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  if (self->entry_open)
    cc_sheet_entry_commit (self, FALSE, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self));

  drag_reset (self);
  self->drag_x = x;
  self->drag_y = y;
  self->drag_center_x = self->center_x;
  self->drag_center_y = self->center_y;

  if (button == GDK_BUTTON_PRIMARY && !self->space_held && TOOL_CLASS (self) != NULL
      && TOOL_CLASS (self)->drag_begin != NULL)
    drag = TOOL_CLASS (self)->drag_begin (self->tool, x, y, state);
  self->drag = drag;
  if (drag == CC_SHEET_DRAG_NONE)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
  else if (drag == CC_SHEET_DRAG_PAN)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
drag_update_cb (CcSheetView    *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  if (self->drag == CC_SHEET_DRAG_NONE)
    return;
  if (!self->drag_moved && hypot (offset_x, offset_y) < DRAG_SLOP)
    return;
  self->drag_moved = TRUE;
  if (self->drag == CC_SHEET_DRAG_PAN)
    {
      self->center_x = self->drag_center_x - offset_x / self->zoom;
      self->center_y = self->drag_center_y - offset_y / self->zoom;
      cc_sheet_viewport_constrain (self);
      cc_sheet_viewport_view_changed (self);
      return;
    }
  TOOL_CALL (self, drag_update, offset_x, offset_y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (CcSheetView    *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  CcSheetDrag drag = self->drag;

  if (drag == CC_SHEET_DRAG_NONE)
    return;
  if (!self->drag_moved && hypot (offset_x, offset_y) >= DRAG_SLOP)
    self->drag_moved = TRUE;
  if (drag == CC_SHEET_DRAG_TOOL)
    TOOL_CALL (self, drag_end, offset_x, offset_y, self->drag_moved);
  /* Unless the tool started something else meanwhile. */
  if (self->drag == drag)
    drag_reset (self);
}

typedef struct
{
  CcSheetView *self;
  double       x, y;
} OpenData;

static gboolean
open_at_idle (gpointer data)
{
  OpenData *d = data;
  CcSheetView *self = d->self;

  self->open_idle = 0;
  TOOL_CALL (self, activate, d->x, d->y);
  return G_SOURCE_REMOVE;
}

static void
click_pressed_cb (CcSheetView     *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  OpenData *d;

  if (n_press != 2 || TOOL_CLASS (self) == NULL || TOOL_CLASS (self)->activate == NULL
      || (button != 0 && button != GDK_BUTTON_PRIMARY))
    return;
  /* After the drag gesture has seen the same press. */
  g_clear_handle_id (&self->open_idle, g_source_remove);
  d = g_new (OpenData, 1);
  d->self = self;
  d->x = x;
  d->y = y;
  self->open_idle = g_idle_add_full (G_PRIORITY_DEFAULT, open_at_idle, d, g_free);
}

static void
context_pressed_cb (CcSheetView     *self,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkGestureClick *gesture)
{
  TOOL_CALL (self, context_menu, x, y);
}

static gboolean
key_pressed_cb (CcSheetView           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if (self->sheet == NULL || self->entry_open)
    return FALSE;
  if (TOOL_CLASS (self) != NULL && TOOL_CLASS (self)->key_pressed != NULL
      && TOOL_CLASS (self)->key_pressed (self->tool, keyval, state))
    return TRUE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_space:
      /* Held, a drag pans. */
      if (self->tool == NULL)
        return FALSE;
      self->space_held = TRUE;
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      cc_sheet_view_pan (self, -KEY_STEP, 0);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      cc_sheet_view_pan (self, KEY_STEP, 0);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      cc_sheet_view_pan (self, 0, -KEY_STEP);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      cc_sheet_view_pan (self, 0, KEY_STEP);
      return TRUE;
    default:
      return FALSE;
    }
}


static void
key_released_cb (CcSheetView           *self,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_space)
    self->space_held = FALSE;
}

static void
focus_leave_cb (CcSheetView *self)
{
  self->space_held = FALSE;
}

/* ---- drawing ----------------------------------------------------------------- */

static void
draw_overlay (CcSheetView *self,
              cairo_t     *cr)
{
  const GdkRGBA accent = { 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0, 1 };
  CcRenderMoving *moving = NULL;
  double dx = 0, dy = 0;

  if (TOOL_CLASS (self) != NULL && TOOL_CLASS (self)->get_moving != NULL)
    moving = TOOL_CLASS (self)->get_moving (self->tool, &dx, &dy);
  if (moving != NULL)
    {
      /* What is dragged, drawn where it is now: links follow live. */
      CcRenderOptions options;
      CcRect visible;
      double width = gtk_widget_get_width (GTK_WIDGET (self));
      double height = gtk_widget_get_height (GTK_WIDGET (self));

      cc_sheet_view_view_to_sheet (self, 0, 0, &visible.x, &visible.y);
      visible.width = width / self->zoom;
      visible.height = height / self->zoom;
      cc_sheet_viewport_options (self, &options);
      options.paper = FALSE;
      options.legend = FALSE;
      options.prompts = FALSE;
      options.visible = &visible;
      options.scale = self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));
      options.part = CC_RENDER_MOVING;
      options.moving = moving;
      options.move_dx = dx / self->zoom;
      options.move_dy = dy / self->zoom;
      cairo_save (cr);
      cairo_translate (cr, width / 2, height / 2);
      cairo_scale (cr, self->zoom, self->zoom);
      cairo_translate (cr, -self->center_x, -self->center_y);
      cc_render_sheet (cr, self->project, self->sheet, &options);
      cairo_restore (cr);
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  TOOL_CALL (self, draw_overlay, cr, &accent);
}

static void
cc_sheet_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);

  /* A window resized or maximised, a side panel opened or closed: a view
   * that was fitted stays fitted, and a map presented larger than the
   * screen is set for the room again (the window may be made full screen
   * after the first frame). */
  if (self->needs_fit || ((self->follows_fit || self->overflows) && self->fit_tick == 0
                          && (width != self->fit_width || height != self->fit_height)))
    cc_sheet_viewport_fit (self);
  else if (self->fit_tick == 0)
    cc_sheet_viewport_constrain (self);
  self->fit_width = width;
  self->fit_height = height;

  /* What the toolbar holds, for this width, is settled before it is laid
   * out, so that the frame drawn is the one that fits. */
  TOOL_CALL (self, allocate, width, height);
  if (gtk_widget_get_visible (self->toolbar))
    {
      int tw, th, dummy;

      gtk_widget_measure (self->toolbar, GTK_ORIENTATION_HORIZONTAL, -1, &dummy, &tw, NULL, NULL);
      tw = MIN (tw, MAX (width - 2 * TOOLS_MARGIN, 1));
      gtk_widget_measure (self->toolbar, GTK_ORIENTATION_VERTICAL, tw, &dummy, &th, NULL, NULL);
      gtk_widget_allocate (self->toolbar, tw, th, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (TOOLS_MARGIN, TOOLS_MARGIN)));
    }
  cc_sheet_entry_allocate (self, width, height);
}

static void
cc_sheet_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 600;
}

static void
cc_sheet_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  const CcRect *b;
  graphene_rect_t paper, view, clip;
  GskRoundedRect outline;
  CcRenderOptions options;
  CcRect visible;
  DrawingKey key;
  CcRenderMoving *moving = NULL;
  double move_dx, move_dy;
  cairo_t *cr;
  const GdkRGBA shadow = { 0, 0, 0, 0.28 };
  const GdkRGBA edge = { 0, 0, 0, 0.12 };

  if (self->sheet == NULL || width <= 0 || height <= 0)
    return;
  if (TOOL_CLASS (self) != NULL && TOOL_CLASS (self)->get_moving != NULL)
    moving = TOOL_CLASS (self)->get_moving (self->tool, &move_dx, &move_dy);

  b = cc_sheet_view_get_bounds (self);
  graphene_rect_init (&paper,
                      (b->x - self->center_x) * self->zoom + width / 2,
                      (b->y - self->center_y) * self->zoom + height / 2,
                      b->width * self->zoom,
                      b->height * self->zoom);
  graphene_rect_init (&view, 0, 0, width, height);

  /* The paper lifts off the desk. */
  gsk_rounded_rect_init_from_rect (&outline, &paper, 0);
  gtk_snapshot_append_outset_shadow (snapshot, &outline, &shadow, 0, 2, 1, 10);
  gtk_snapshot_append_outset_shadow (snapshot, &outline, &edge, 0, 0, 1, 0);

  if (!graphene_rect_intersection (&paper, &view, &clip))
    {
      gtk_widget_snapshot_child (widget, self->toolbar, snapshot);
      gtk_widget_snapshot_child (widget, self->editor, snapshot);
      return;
    }

  /* Only the part in view is drawn, at the resolution it is seen at. */
  cc_sheet_view_view_to_sheet (self, clip.origin.x, clip.origin.y, &visible.x, &visible.y);
  visible.width = clip.size.width / self->zoom;
  visible.height = clip.size.height / self->zoom;

  memset (&key, 0, sizeof key);  /* the padding too, for memcmp */
  key.sheet = self->sheet;
  key.serial = self->content_serial;
  key.zoom = self->zoom;
  key.center_x = self->center_x;
  key.center_y = self->center_y;
  key.width = width;
  key.height = height;
  key.scale = gtk_widget_get_scale_factor (widget);
  key.still = moving != NULL;
  key.text_scale = self->text_scale;
  key.high_contrast = self->high_contrast;
  if (self->drawing == NULL || memcmp (&key, &self->drawing_key, sizeof key) != 0)
    {
      /* Drawn once into pixels that the renderer uploads once. */
      int pw = (int) ceil (clip.size.width * key.scale);
      int ph = (int) ceil (clip.size.height * key.scale);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (pw, 1), MAX (ph, 1));
      g_autoptr(GBytes) pixels = NULL;
      g_autoptr(GdkTexture) texture = NULL;

      cc_sheet_viewport_options (self, &options);
      options.visible = &visible;
      options.scale = self->zoom * key.scale;
      if (key.still)
        {
          options.part = CC_RENDER_STILL;
          options.moving = moving;
        }

      cairo_surface_set_device_scale (surface, key.scale, key.scale);
      cr = cairo_create (surface);
      cairo_translate (cr, -clip.origin.x, -clip.origin.y);
      cairo_translate (cr, width / 2, height / 2);
      cairo_scale (cr, self->zoom, self->zoom);
      cairo_translate (cr, -self->center_x, -self->center_y);
      {
        /* After an edit, with nothing else different: only what it changed */
        DrawingKey before;

        memcpy (&before, &self->drawing_key, sizeof before);
        before.serial = key.serial;
        /* High contrast strokes reach beyond the boxes damage is told in */
        if (self->drawing == NULL || key.still || self->drawing_key.still || key.high_contrast
            || memcmp (&before, &key, sizeof key) != 0
            || !cc_render_sheet_since (cr, self->project, self->sheet, &options, self->drawing_changes,
                                       self->drawing_pixels))
          cc_render_sheet (cr, self->project, self->sheet, &options);
      }
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      g_clear_pointer (&self->drawing_pixels, cairo_surface_destroy);
      self->drawing_pixels = cairo_surface_reference (surface);
      self->drawing_changes = cc_project_get_change_count (self->project);

      pixels = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                           (gsize) cairo_image_surface_get_stride (surface) * MAX (ph, 1),
                                           (GDestroyNotify) cairo_surface_destroy, surface);
      texture = gdk_memory_texture_new (MAX (pw, 1), MAX (ph, 1), GDK_MEMORY_DEFAULT, pixels,
                                        (gsize) cairo_image_surface_get_stride (surface));
      g_clear_pointer (&self->drawing, gsk_render_node_unref);
      self->drawing = gsk_texture_node_new (texture, &clip);
      self->drawing_key = key;
    }
  if (self->drawing != NULL)
    gtk_snapshot_append_node (snapshot, self->drawing);

  if (TOOL_CLASS (self) != NULL)
    {
      /* Recorded first, so that only the part it inks is handed to the renderer. */
      cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      double ix, iy, iw, ih;

      cr = cairo_create (recording);
      draw_overlay (self, cr);
      cairo_destroy (cr);
      cairo_recording_surface_ink_extents (recording, &ix, &iy, &iw, &ih);
      if (iw > 0 && ih > 0)
        {
          graphene_rect_t ink = GRAPHENE_RECT_INIT (floor (ix), floor (iy), ceil (iw) + 2, ceil (ih) + 2);

          if (graphene_rect_intersection (&ink, &view, &ink))
            {
              cr = gtk_snapshot_append_cairo (snapshot, &ink);
              cairo_set_source_surface (cr, recording, 0, 0);
              cairo_paint (cr);
              cairo_destroy (cr);
            }
        }
      cairo_surface_destroy (recording);
    }
  gtk_widget_snapshot_child (widget, self->toolbar, snapshot);
  gtk_widget_snapshot_child (widget, self->editor, snapshot);
}

/* ---- the widget ------------------------------------------------------------- */

static const char * const switch_names[] = {
  [PROP_SHOW_LEGEND] = "show-legend",
  [PROP_PLANNED_VIEW] = "planned-view",
  [PROP_VERTICAL] = "vertical",
};

static void
cc_sheet_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CcSheetView *self = CC_SHEET_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, cc_sheet_view_get_zoom (self));
      break;
    case PROP_LINK_TYPE:
      g_value_set_string (value, self->link_type);
      break;
    case PROP_PRESENTING:
      g_value_set_boolean (value, self->presenting);
      break;
    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->text_scale);
      break;
    case PROP_SHOW_LEGEND:
    case PROP_PLANNED_VIEW:
    case PROP_VERTICAL:
      /* A sheet without the switch reads as its default. */
      g_value_set_boolean (value, TOOL_CLASS (self) != NULL && TOOL_CLASS (self)->get_switch != NULL
                                  ? TOOL_CLASS (self)->get_switch (self->tool, switch_names[prop_id])
                                  : G_PARAM_SPEC_BOOLEAN (pspec)->default_value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_sheet_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CcSheetView *self = CC_SHEET_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      cc_sheet_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_LINK_TYPE:
      cc_sheet_view_set_link_type (self, g_value_get_string (value));
      break;
    case PROP_PRESENTING:
      cc_sheet_view_set_presenting (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_LEGEND:
    case PROP_PLANNED_VIEW:
    case PROP_VERTICAL:
      TOOL_CALL (self, set_switch, switch_names[prop_id], g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_sheet_view_dispose (GObject *object)
{
  CcSheetView *self = CC_SHEET_VIEW (object);

  cc_sheet_view_set_sheet (self, NULL, NULL);
  g_clear_pointer (&self->drawing, gsk_render_node_unref);
  g_clear_pointer (&self->drawing_pixels, cairo_surface_destroy);
  g_clear_handle_id (&self->open_idle, g_source_remove);
  for (guint i = 0; i < self->n_tools; i++)
    g_clear_object (&self->tools[i]);
  g_clear_pointer (&self->toolbar, gtk_widget_unparent);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  cc_sheet_entry_dispose (self);
  g_clear_pointer (&self->boxes, g_hash_table_unref);

  G_OBJECT_CLASS (cc_sheet_view_parent_class)->dispose (object);
}

static void
cc_sheet_view_finalize (GObject *object)
{
  CcSheetView *self = CC_SHEET_VIEW (object);

  g_free (self->link_type);
  cc_reveal_free (self->reveal);
  g_free (self->tools);
  g_free (self->toolbars);

  G_OBJECT_CLASS (cc_sheet_view_parent_class)->finalize (object);
}

static void
cc_sheet_view_class_init (CcSheetViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_sheet_view_dispose;
  object_class->finalize = cc_sheet_view_finalize;
  object_class->get_property = cc_sheet_view_get_property;
  object_class->set_property = cc_sheet_view_set_property;

  widget_class->measure = cc_sheet_view_measure;
  widget_class->size_allocate = cc_sheet_view_size_allocate;
  widget_class->snapshot = cc_sheet_view_snapshot;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         CC_SHEET_VIEW_MIN_ZOOM, CC_SHEET_VIEW_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINK_TYPE] =
    g_param_spec_string ("link-type", NULL, NULL, "informal",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The switches of the sheet shown, edits of the sheet (so they undo):
   * whether a map shows its legend; a force field's arrows and totals after
   * the plan, and its vertical layout. */
  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLANNED_VIEW] =
    g_param_spec_boolean ("planned-view", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERTICAL] =
    g_param_spec_boolean ("vertical", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Set for a room: see cc_sheet_view_set_presenting() */
  properties[PROP_PRESENTING] =
    g_param_spec_boolean ("presenting", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How many times larger than on paper a map's text is drawn */
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL, 1.0, CC_SHEET_PRESENT_MAX_SCALE, 1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sheetview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  /**
   * CcSheetView::deleted:
   * @message: what was deleted, for a notification that offers Undo
   */
  view_signals[SIGNAL_DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* Keys are handled by the tools, which activate these; the window's
   * menus may use them too. */
  cc_sheet_view_class_install_actions (widget_class);
}

static void
selection_changed_cb (CcSheetView *self)
{
  cc_sheet_view_update (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* One tool of each kind, with its toolbar. */
static void
tools_init (CcSheetView *self)
{
  const GType *types = cc_sheet_tool_types (&self->n_tools);

  self->toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->toolbar, "osd");
  gtk_widget_add_css_class (self->toolbar, "sheet-tools");
  self->tools = g_new0 (CcSheetTool *, self->n_tools);
  self->toolbars = g_new0 (GtkWidget *, self->n_tools);
  for (guint i = 0; i < self->n_tools; i++)
    {
      self->tools[i] = g_object_new (types[i], NULL);
      self->tools[i]->view = self;
      if (CC_SHEET_TOOL_GET_CLASS (self->tools[i])->create_toolbar != NULL)
        self->toolbars[i] = CC_SHEET_TOOL_GET_CLASS (self->tools[i])->create_toolbar (self->tools[i]);
      if (self->toolbars[i] == NULL)
        continue;
      /* A click on a tool leaves the keyboard on the sheet, so that a toggle
       * never keeps a focus that makes it look on, and keys go on to the sheet. */
      for (GtkWidget *b = gtk_widget_get_first_child (self->toolbars[i]); b != NULL; b = gtk_widget_get_next_sibling (b))
        {
          gtk_widget_set_focus_on_click (b, FALSE);
          if (GTK_IS_MENU_BUTTON (b) && gtk_widget_get_first_child (b) != NULL)
            gtk_widget_set_focus_on_click (gtk_widget_get_first_child (b), FALSE);
        }
      gtk_widget_set_visible (self->toolbars[i], FALSE);
      gtk_box_append (GTK_BOX (self->toolbar), self->toolbars[i]);
      g_object_unref (self->toolbars[i]);  /* the box holds it now */
    }
  gtk_widget_set_parent (self->toolbar, GTK_WIDGET (self));
  gtk_widget_set_visible (self->toolbar, FALSE);
}

static void
cc_sheet_view_init (CcSheetView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->zoom = 1.0;
  self->text_scale = 1.0;
  self->link_type = g_strdup ("informal");
  self->boxes = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->selection = cc_selection_new ();
  g_signal_connect_swapped (self->selection, "changed", G_CALLBACK (selection_changed_cb), self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sheet"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Click to select, double-click paper to add an organisation, "
                                    "drag from a selected organisation's handle to link"),
                                  -1);

  /* The inline name entry, with matching organisations under it. */
  cc_sheet_entry_init (self);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  tools_init (self);

  cc_sheet_viewport_init (self);

  /* Left drag edits (Space + left drag pans), middle drag pans. */
  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  self->click = gesture;

  /* Right-click: what can be done with the selection. */
  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (context_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  self->drag_gesture = gesture;
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect_swapped (controller, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  self->key = controller;

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  cc_sheet_view_actions_update (self);
}

GtkWidget *
cc_sheet_view_new (void)
{
  return g_object_new (CC_TYPE_SHEET_VIEW, NULL);
}

/* Gives the sheet shown to the tool that takes it. */
static void
attach_tool (CcSheetView *self)
{
  GType type = cc_sheet_tool_type_for_sheet (self->sheet);

  self->tool = type != 0 ? cc_sheet_view_find_tool (self, type) : NULL;
  if (self->tool == NULL)
    return;
  self->tool->project = self->project;
  self->tool->sheet = self->sheet;
  self->tool->selection = self->selection;
  TOOL_CALL (self, attach);
}

/* Takes it back, while the tool still has it. */
static void
detach_tool (CcSheetView *self)
{
  if (self->tool == NULL)
    return;
  TOOL_CALL (self, detach);
  self->tool->project = NULL;
  self->tool->sheet = NULL;
  self->tool->selection = NULL;
  self->tool = NULL;
}

/**
 * cc_sheet_view_set_sheet:
 * @project: (nullable): the project holding @sheet
 * @sheet: (nullable): the sheet to show
 *
 * Shows @sheet, fitted to the view. Passing NULL shows nothing.
 */
void
cc_sheet_view_set_sheet (CcSheetView *self,
                         CcProject   *project,
                         CcItem      *sheet)
{
  g_return_if_fail (CC_IS_SHEET_VIEW (self));
  g_return_if_fail (project == NULL || CC_IS_PROJECT (project));
  g_return_if_fail (sheet == NULL || project != NULL);
  g_return_if_fail (sheet == NULL || cc_kind_is_sheet (cc_item_get_kind (sheet)));

  /* Whatever was drawn before is not this sheet's drawing. */
  self->content_serial++;

  if (project == self->project && sheet == self->sheet)
    return;

  cc_sheet_view_cancel_entry (self);
  drag_reset (self);
  g_clear_handle_id (&self->open_idle, g_source_remove);
  detach_tool (self);

  if (project != self->project)
    {
      if (self->project != NULL)
        g_signal_handlers_disconnect_by_data (self->project, self);
      g_set_object (&self->project, project);
      if (project != NULL)
        {
          g_signal_connect_object (project, "changed", G_CALLBACK (project_changed_cb), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (project, "step-done", G_CALLBACK (project_step_done_cb), self,
                                   G_CONNECT_SWAPPED);
        }
    }

  if (sheet != NULL)
    cc_item_ref (sheet);
  g_clear_pointer (&self->sheet, cc_item_unref);
  self->sheet = sheet;
  g_clear_pointer (&self->reveal, cc_reveal_free);
  self->bounds_valid = FALSE;
  g_hash_table_remove_all (self->boxes);
  if (self->selection != NULL)
    cc_selection_set_sheet (self->selection, project, sheet);
  attach_tool (self);
  cc_sheet_view_actions_update (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sheet != NULL ? cc_item_get_string (sheet, CC_SHEET_TITLE) : _("Sheet"),
                                  -1);
  tools_update (self);
  notify_switches (self);

  if (sheet != NULL)
    {
      const CcRect *b = cc_sheet_view_get_bounds (self);

      /* From its middle: where a sheet too large for the view, presented,
       * is shown, rather than where the last sheet was */
      self->center_x = b->x + b->width / 2;
      self->center_y = b->y + b->height / 2;
      cc_sheet_viewport_fit (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}


void
cc_sheet_view_set_reveal (CcSheetView    *self,
                          const CcReveal *reveal)
{
  g_return_if_fail (CC_IS_SHEET_VIEW (self));

  if (reveal != NULL && reveal->kind == CC_REVEAL_EVERYTHING)
    reveal = NULL;
  if (cc_reveal_equal (reveal, self->reveal))
    return;
  g_clear_pointer (&self->reveal, cc_reveal_free);
  self->reveal = cc_reveal_copy (reveal);
  /* The drawing kept is of another reveal: drawn anew, not in part. */
  self->content_serial++;
  g_clear_pointer (&self->drawing, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const CcReveal *
cc_sheet_view_get_reveal (CcSheetView *self)
{
  g_return_val_if_fail (CC_IS_SHEET_VIEW (self), NULL);
  return self->reveal;
}

CcProject *
cc_sheet_view_get_project (CcSheetView *self)
{
  g_return_val_if_fail (CC_IS_SHEET_VIEW (self), NULL);
  return self->project;
}

CcItem *
cc_sheet_view_get_sheet (CcSheetView *self)
{
  g_return_val_if_fail (CC_IS_SHEET_VIEW (self), NULL);
  return self->sheet;
}

CcSelection *
cc_sheet_view_get_selection (CcSheetView *self)
{
  g_return_val_if_fail (CC_IS_SHEET_VIEW (self), NULL);
  return self->selection;
}

const char *
cc_sheet_view_get_link_type (CcSheetView *self)
{
  g_return_val_if_fail (CC_IS_SHEET_VIEW (self), NULL);
  return self->link_type;
}

void
cc_sheet_view_set_link_type (CcSheetView *self,
                             const char  *type)
{
  g_return_if_fail (CC_IS_SHEET_VIEW (self));

  if (type == NULL || type[0] == '\0')
    type = "informal";
  if (g_strcmp0 (type, self->link_type) == 0)
    return;
  g_free (self->link_type);
  self->link_type = g_strdup (type);
  tools_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK_TYPE]);
}
/* ---- for tests ------------------------------------------------------------ */

GtkGesture *
cc_sheet_view_get_click_gesture (CcSheetView *self)
{
  return self->click;
}

GtkGesture *
cc_sheet_view_get_drag_gesture (CcSheetView *self)
{
  return self->drag_gesture;
}

GtkEventController *
cc_sheet_view_get_key_controller (CcSheetView *self)
{
  return self->key;
}

GtkEntry *
cc_sheet_view_get_entry (CcSheetView *self)
{
  return self->entry_open ? GTK_ENTRY (self->entry) : NULL;
}

GtkTextView *
cc_sheet_view_get_card_text (CcSheetView *self)
{
  return self->entry_open && (self->entry_flags & CC_SHEET_ENTRY_TEXT) ? GTK_TEXT_VIEW (self->card_text) : NULL;
}

GtkEventController *
cc_sheet_view_get_entry_key_controller (CcSheetView *self)
{
  return self->entry_key;
}

void
cc_sheet_view_set_test_modifiers (CcSheetView     *self,
                                  GdkModifierType  state)
{
  self->test_state = state;
}

/**
 * cc_sheet_view_handle_key:
 * @self: a sheet view
 * @keyval: the key
 * @state: its modifiers
 *
 * Does what the key does on the view, as when the view has the keyboard:
 * for keys pressed elsewhere in the window that are meant for the
 * selection the view shows.
 *
 * Returns: %TRUE when the key did something
 */
gboolean
cc_sheet_view_handle_key (CcSheetView     *self,
                          guint            keyval,
                          GdkModifierType  state)
{
  g_return_val_if_fail (CC_IS_SHEET_VIEW (self), FALSE);
  return key_pressed_cb (self, keyval, 0, state, NULL);
}

GtkWidget *
cc_sheet_view_get_tools (CcSheetView *self)
{
  return self->toolbar;
}

GtkListBox *
cc_sheet_view_get_suggestions (CcSheetView *self)
{
  return GTK_LIST_BOX (self->suggestions);
}

CcSheetTool *
cc_sheet_view_find_tool (CcSheetView *self,
                         GType        type)
{
  for (guint i = 0; i < self->n_tools; i++)
    if (G_OBJECT_TYPE (self->tools[i]) == type)
      return self->tools[i];
  return NULL;
}
