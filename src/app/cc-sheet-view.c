/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-sheet-view"

#include "config.h"

#include <math.h>

#include "cc-sheet-view.h"

/* A sheet on a zoomable, pannable desk: the renderer draws the sheet on
 * white paper, the widget's CSS background is the desk around it.
 *
 * The view state is the zoom and the sheet point shown at the centre of
 * the widget, so a resize keeps what is in the middle in the middle. */

struct _CcSheetView
{
  GtkWidget  parent_instance;

  CcProject *project;
  CcItem    *sheet;

  double     zoom;
  double     center_x;
  double     center_y;
  gboolean   needs_fit;

  CcRect     bounds;
  gboolean   bounds_valid;

  /* Pointer, for zooming around it. */
  double     pointer_x;
  double     pointer_y;
  gboolean   has_pointer;

  /* Drag to pan. */
  double     drag_center_x;
  double     drag_center_y;

  /* Pinch to zoom. */
  double     pinch_zoom;
  double     pinch_sheet_x;
  double     pinch_sheet_y;
};

G_DEFINE_FINAL_TYPE (CcSheetView, cc_sheet_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define ZOOM_STEP   1.25
#define FIT_MARGIN  32.0   /* pixels around the sheet when fitted */
#define PAN_MARGIN  32.0   /* pixels of desk that may show beyond the sheet */
#define BOTTOM_INSET 56.0  /* room left for controls floating over the bottom */
#define WHEEL_STEP  64.0   /* pixels per wheel notch */
#define KEY_STEP    48.0   /* pixels per arrow key press */

static const CcRect *
get_bounds (CcSheetView *self)
{
  if (!self->bounds_valid)
    {
      CcRenderOptions options;

      cc_render_options_init (&options);
      options.paper = TRUE;
      options.legend = TRUE;
      cc_render_get_bounds (self->project, self->sheet, &options, &self->bounds);
      if (!(self->bounds.width > 0 && self->bounds.height > 0)
          || !isfinite (self->bounds.x) || !isfinite (self->bounds.y)
          || !isfinite (self->bounds.width) || !isfinite (self->bounds.height))
        {
          /* An A4 page, so that there is always something to look at. */
          self->bounds.x = 0;
          self->bounds.y = 0;
          self->bounds.width = 842;
          self->bounds.height = 595;
        }
      self->bounds_valid = TRUE;
    }
  return &self->bounds;
}

/* The centre, along one axis, that keeps the sheet in the part of the view
 * between @margin_lo and @margin_hi from its edges: centred there when it
 * fits, else scrollable until its edge, plus a little desk, reaches them. */
static double
clamp_center (double center,
              double start,
              double length,
              double view,
              double zoom,
              double margin_lo,
              double margin_hi)
{
  double lower, upper;

  if (length * zoom <= view - margin_lo - margin_hi)
    {
      double paper_start = margin_lo + (view - margin_lo - margin_hi - length * zoom) / 2;

      return start - (paper_start - view / 2) / zoom;
    }
  lower = start + (view / 2 - margin_lo) / zoom;
  upper = start + length - (view / 2 - margin_hi) / zoom;
  return CLAMP (center, lower, upper);
}

static void
constrain (CcSheetView *self)
{
  const CcRect *b;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->sheet == NULL || width <= 0 || height <= 0)
    return;
  b = get_bounds (self);
  self->center_x = clamp_center (self->center_x, b->x, b->width, width, self->zoom,
                                 PAN_MARGIN, PAN_MARGIN);
  self->center_y = clamp_center (self->center_y, b->y, b->height, height, self->zoom,
                                 PAN_MARGIN, PAN_MARGIN + BOTTOM_INSET);
}

static void
view_to_sheet (CcSheetView *self,
               double       x,
               double       y,
               double      *sx,
               double      *sy)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  *sx = self->center_x + (x - width / 2) / self->zoom;
  *sy = self->center_y + (y - height / 2) / self->zoom;
}

/* Sets the zoom keeping the sheet point (sx, sy) at the view point (x, y). */
static void
set_zoom_keeping (CcSheetView *self,
                  double       zoom,
                  double       sx,
                  double       sy,
                  double       x,
                  double       y)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double old_zoom = self->zoom;

  if (!isfinite (zoom))
    return;
  zoom = CLAMP (zoom, CC_SHEET_VIEW_MIN_ZOOM, CC_SHEET_VIEW_MAX_ZOOM);
  self->zoom = zoom;
  self->center_x = sx - (x - width / 2) / zoom;
  self->center_y = sy - (y - height / 2) / zoom;
  self->needs_fit = FALSE;
  constrain (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (old_zoom != zoom)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
fit (CcSheetView *self)
{
  const CcRect *b;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom;

  if (self->sheet == NULL)
    return;
  if (width <= 0 || height <= 0)
    {
      self->needs_fit = TRUE;
      return;
    }
  b = get_bounds (self);
  zoom = MIN ((width - 2 * FIT_MARGIN) / b->width,
              (height - 2 * FIT_MARGIN - BOTTOM_INSET) / b->height);
  /* set_zoom_keeping() centres the sheet in the room left for it. */
  set_zoom_keeping (self, zoom, b->x + b->width / 2, b->y + b->height / 2, width / 2, height / 2);
}

static void
project_changed_cb (CcSheetView *self,
                    CcChange    *change)
{
  /* Names of actors, link types and the like show on the sheet, so any
   * change may alter what is drawn and how far it reaches. */
  self->bounds_valid = FALSE;
  constrain (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (CcSheetView              *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state;
  GdkScrollUnit unit;

  if (self->sheet == NULL)
    return FALSE;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  unit = gtk_event_controller_scroll_get_unit (controller);

  if (state & GDK_CONTROL_MASK)
    {
      double x, y, sx, sy, factor;

      if (self->has_pointer)
        {
          x = self->pointer_x;
          y = self->pointer_y;
        }
      else
        {
          x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
          y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
        }
      if (unit == GDK_SCROLL_UNIT_WHEEL)
        factor = pow (ZOOM_STEP, -dy);
      else
        factor = exp (-dy / 200.0);
      view_to_sheet (self, x, y, &sx, &sy);
      set_zoom_keeping (self, self->zoom * factor, sx, sy, x, y);
      return TRUE;
    }

  if ((state & GDK_SHIFT_MASK) && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  if (unit == GDK_SCROLL_UNIT_WHEEL)
    {
      dx *= WHEEL_STEP;
      dy *= WHEEL_STEP;
    }
  cc_sheet_view_pan (self, dx, dy);
  return TRUE;
}

static void
motion_cb (CcSheetView *self,
           double       x,
           double       y)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->has_pointer = TRUE;
}

static void
leave_cb (CcSheetView *self)
{
  self->has_pointer = FALSE;
}

static void
drag_begin_cb (CcSheetView    *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (self->sheet == NULL || (button != GDK_BUTTON_PRIMARY && button != GDK_BUTTON_MIDDLE))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_center_x = self->center_x;
  self->drag_center_y = self->center_y;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
drag_update_cb (CcSheetView    *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  self->center_x = self->drag_center_x - offset_x / self->zoom;
  self->center_y = self->drag_center_y - offset_y / self->zoom;
  constrain (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (CcSheetView    *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
pinch_begin_cb (CcSheetView    *self,
                GdkEventSequence *sequence,
                GtkGesture     *gesture)
{
  double x, y;

  if (self->sheet == NULL || !gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    {
      gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  self->pinch_zoom = self->zoom;
  view_to_sheet (self, x, y, &self->pinch_sheet_x, &self->pinch_sheet_y);
}

static void
pinch_scale_changed_cb (CcSheetView    *self,
                        double          scale,
                        GtkGestureZoom *gesture)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  /* The sheet point first under the fingers stays under them, so moving
   * both fingers pans as well. */
  set_zoom_keeping (self, self->pinch_zoom * scale, self->pinch_sheet_x, self->pinch_sheet_y, x, y);
}

static gboolean
key_pressed_cb (CcSheetView           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if (self->sheet == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
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
cc_sheet_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);

  if (self->needs_fit)
    fit (self);
  else
    constrain (self);
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
  cairo_t *cr;
  const GdkRGBA shadow = { 0, 0, 0, 0.28 };
  const GdkRGBA edge = { 0, 0, 0, 0.12 };

  if (self->sheet == NULL || width <= 0 || height <= 0)
    return;

  b = get_bounds (self);
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
    return;

  /* Only the part in view is drawn, at the resolution it is seen at. */
  view_to_sheet (self, clip.origin.x, clip.origin.y, &visible.x, &visible.y);
  visible.width = clip.size.width / self->zoom;
  visible.height = clip.size.height / self->zoom;

  cc_render_options_init (&options);
  options.paper = TRUE;
  options.legend = TRUE;
  options.visible = &visible;
  options.scale = self->zoom * gtk_widget_get_scale_factor (widget);

  cr = gtk_snapshot_append_cairo (snapshot, &clip);
  cairo_translate (cr, width / 2, height / 2);
  cairo_scale (cr, self->zoom, self->zoom);
  cairo_translate (cr, -self->center_x, -self->center_y);
  cc_render_sheet (cr, self->project, self->sheet, &options);
  cairo_destroy (cr);
}

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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_sheet_view_dispose (GObject *object)
{
  CcSheetView *self = CC_SHEET_VIEW (object);

  cc_sheet_view_set_sheet (self, NULL, NULL);

  G_OBJECT_CLASS (cc_sheet_view_parent_class)->dispose (object);
}

static void
cc_sheet_view_class_init (CcSheetViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_sheet_view_dispose;
  object_class->get_property = cc_sheet_view_get_property;
  object_class->set_property = cc_sheet_view_set_property;

  widget_class->measure = cc_sheet_view_measure;
  widget_class->size_allocate = cc_sheet_view_size_allocate;
  widget_class->snapshot = cc_sheet_view_snapshot;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         CC_SHEET_VIEW_MIN_ZOOM, CC_SHEET_VIEW_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sheetview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cc_sheet_view_init (CcSheetView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->zoom = 1.0;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* Left or middle drag pans: there is nothing to edit yet. */
  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
cc_sheet_view_new (void)
{
  return g_object_new (CC_TYPE_SHEET_VIEW, NULL);
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

  if (project == self->project && sheet == self->sheet)
    return;

  if (project != self->project)
    {
      if (self->project != NULL)
        g_signal_handlers_disconnect_by_data (self->project, self);
      g_set_object (&self->project, project);
      if (project != NULL)
        g_signal_connect_object (project, "changed", G_CALLBACK (project_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }

  if (sheet != NULL)
    cc_item_ref (sheet);
  g_clear_pointer (&self->sheet, cc_item_unref);
  self->sheet = sheet;
  self->bounds_valid = FALSE;

  if (sheet != NULL)
    fit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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

double
cc_sheet_view_get_zoom (CcSheetView *self)
{
  g_return_val_if_fail (CC_IS_SHEET_VIEW (self), 1.0);
  return self->zoom;
}

/* Zooms around the point at the view's centre. */
void
cc_sheet_view_set_zoom (CcSheetView *self,
                        double       zoom)
{
  g_return_if_fail (CC_IS_SHEET_VIEW (self));
  cc_sheet_view_zoom_at (self, zoom,
                         gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                         gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

/* Zooms keeping the sheet point under the view point (x, y) in place. */
void
cc_sheet_view_zoom_at (CcSheetView *self,
                       double       zoom,
                       double       x,
                       double       y)
{
  double sx, sy;

  g_return_if_fail (CC_IS_SHEET_VIEW (self));
  view_to_sheet (self, x, y, &sx, &sy);
  set_zoom_keeping (self, zoom, sx, sy, x, y);
}

void
cc_sheet_view_zoom_in (CcSheetView *self)
{
  g_return_if_fail (CC_IS_SHEET_VIEW (self));
  cc_sheet_view_set_zoom (self, self->zoom * ZOOM_STEP);
}

void
cc_sheet_view_zoom_out (CcSheetView *self)
{
  g_return_if_fail (CC_IS_SHEET_VIEW (self));
  cc_sheet_view_set_zoom (self, self->zoom / ZOOM_STEP);
}

void
cc_sheet_view_zoom_fit (CcSheetView *self)
{
  g_return_if_fail (CC_IS_SHEET_VIEW (self));
  fit (self);
}

void
cc_sheet_view_pan (CcSheetView *self,
                   double       dx,
                   double       dy)
{
  g_return_if_fail (CC_IS_SHEET_VIEW (self));

  if (!isfinite (dx) || !isfinite (dy))
    return;
  self->center_x += dx / self->zoom;
  self->center_y += dy / self->zoom;
  constrain (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cc_sheet_view_get_visible_area (CcSheetView *self,
                                CcRect      *area)
{
  double width, height;

  g_return_if_fail (CC_IS_SHEET_VIEW (self));
  g_return_if_fail (area != NULL);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  view_to_sheet (self, 0, 0, &area->x, &area->y);
  area->width = width / self->zoom;
  area->height = height / self->zoom;
}
