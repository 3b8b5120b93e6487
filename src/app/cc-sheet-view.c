/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-sheet-view"

#include "config.h"

#include <math.h>

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cc-bidi.h"
#include "cc-clipboard.h"
#include "cc-canvas-edit.h"
#include "cc-force-library-panel.h"
#include "cc-forcefield-edit.h"
#include "cc-map-edit.h"
#include "cc-link-type-menu.h"
#include "cc-sheet-view-private.h"
#include "cc-template.h"

/* A sheet on a zoomable, pannable desk: the renderer draws the sheet on
 * white paper, the widget's CSS background is the desk around it.
 *
 * The view state is the zoom and the sheet point shown at the centre of
 * the widget, so a resize keeps what is in the middle in the middle. */

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_MOVE,
  DRAG_LINK,
  DRAG_BAND,
  DRAG_LEGEND,
  DRAG_STRENGTH,   /* a force's arrow, by its tail */
  DRAG_FORCE,      /* a force, to another place or side */
  DRAG_CARD,       /* a card, to another panel */
  DRAG_CARD_LINK,  /* an arrow from a card (Alt+drag) */
} DragMode;

typedef enum
{
  EDIT_NONE,
  EDIT_CREATE,
  EDIT_RENAME,
  EDIT_FORCE,        /* a force's label */
  EDIT_NEW_FORCE,    /* the label of a force to add */
  EDIT_FIELD,        /* the change, current or desired situation */
  EDIT_PARTICIPANT,  /* who scores in a round */
  EDIT_CARD,         /* a card's text */
  EDIT_NEW_CARD,     /* the text of a card to add to edit_panel */
  EDIT_PLACE,        /* an organisation to place on a grid at edit_fx, edit_fy */
} EditMode;

/* What the cached drawing of the sheet was made for. */
typedef struct
{
  CcItem  *sheet;
  guint64  serial;
  double   zoom, center_x, center_y, width, height;
  int      scale;
  gboolean still;    /* without what is being dragged */
} DrawingKey;

struct _CcSheetView
{
  GtkWidget  parent_instance;

  CcProject *project;
  CcItem    *sheet;

  /* The sheet as last drawn: reused while neither the project nor the view
   * changes (a drag, a selection, a hover), so the renderer keeps its
   * texture and only the overlay is drawn again. */
  GskRenderNode *drawing;
  DrawingKey     drawing_key;
  cairo_surface_t *drawing_pixels;   /* the drawing's, to draw again only what changed */
  guint64        drawing_changes;    /* the project's change count it was drawn at */
  GtkWidget     *context_menu;
  guint64        content_serial;

  double     zoom;
  double     center_x;
  double     center_y;
  gboolean   needs_fit;
  gboolean   step_pending;   /* the project changed since the last step's end */
  /* Fitted, and the user has not zoomed since: the view keeps the whole
   * sheet fitted as the view and the sheet change. */
  gboolean   follows_fit;
  int        fit_width, fit_height;   /* the size the view was last allocated */
  /* Moving to a new fit after an edit, smoothly */
  guint      fit_tick;
  gint64     fit_start;
  double     fit_from_zoom, fit_from_x, fit_from_y;
  double     fit_to_zoom, fit_to_x, fit_to_y;

  CcRect     bounds;
  gboolean   bounds_valid;

  /* Pointer, for zooming around it. */
  double     pointer_x;
  double     pointer_y;
  gboolean   has_pointer;

  /* Drags: pan, move the selection, draw a link, or a rubber band. */
  DragMode   drag_mode;
  double     drag_x, drag_y;     /* where the press was, view pixels */
  double     drag_dx, drag_dy;   /* offset from there */
  gboolean   drag_moved;
  gboolean   drag_was_selected;
  gboolean   drag_additive;
  CcItem    *drag_item;          /* the node pressed, or the link's source */
  CcItem    *drag_target;        /* the node a link would go to */
  double     drag_center_x;
  double     drag_center_y;
  CcRenderMoving *moving;        /* nodes dragged, drawn apart from the rest */
  CcHit      drag_hit;           /* force fields: what the press was on */
  int        drag_strength;      /* DRAG_STRENGTH: the strength shown */
  gboolean   drop_valid;         /* DRAG_FORCE: where it would go */
  int        drop_side, drop_index;
  CcRect     drop_mark;          /* the line showing it, sheet coordinates */

  /* Editing (map sheets). */
  CcSelection *selection;
  char        *link_type;
  GHashTable  *boxes;            /* CcItem* -> CcRect*, sheet coordinates */
  GtkGesture  *click;
  GtkGesture  *drag;
  GtkEventController *key;
  GdkModifierType test_state;
  gboolean     space_held;
  guint        open_idle;

  /* The inline name entry. */
  GtkWidget   *editor;           /* box: entry over suggestions */
  GtkWidget   *entry;
  GtkWidget   *suggestions;
  GtkEventController *entry_key;
  GtkWidget   *card_scroller;    /* a card's text, over several lines */
  GtkWidget   *card_text;
  GPtrArray   *matches;          /* CcItem* actors, refs */
  EditMode     edit_mode;
  guint        edit_session;
  gboolean     committing;
  double       edit_x, edit_y;   /* sheet point */
  CcItem      *edit_node;        /* renamed */
  CcItem      *edit_from;        /* the new one is linked from it */
  CcItem      *connect_from;     /* a canvas card an arrow is being drawn from, by keys */
  CcItem      *connect_to;       /* the card it would go to */
  GtkWidget   *card_menu;
  int          edit_side;        /* EDIT_NEW_FORCE */
  int          edit_index;
  guint        edit_field;       /* EDIT_FIELD */
  char        *edit_panel;       /* EDIT_NEW_CARD */
  double       edit_fx, edit_fy;  /* EDIT_PLACE: the point of the grid */

  /* Force fields: a round of scores, one participant at a time. */
  char        *score_participant;

  /* Over the top-left corner of a map: the type of new links, the legend. */
  GtkWidget   *tools;
  GtkWidget   *map_tools;
  GtkWidget   *forcefield_tools;
  GtkWidget   *grid_tools;       /* grids: the organisations to place */
  GtkWidget   *place_button;
  GtkWidget   *place_search;
  GtkWidget   *place_list;
  GtkWidget   *library_button;
  /* Force-field tools that go into the "more" menu, least used first, when
   * the bar would not fit (both side panels open at 1280 px) */
  GtkWidget   *ff_optional[3];
  GtkWidget   *more_button;
  guint        ff_hidden;        /* how many of ff_optional are in the menu */
  int          ff_width[3];      /* their natural widths, as last measured in the bar */
  GtkWidget   *link_type_button;
  GtkWidget   *link_type_label;
  GtkWidget   *link_type_swatch;
  char        *link_types_signature;

  /* Pinch to zoom. */
  double     pinch_zoom;
  double     pinch_sheet_x;
  double     pinch_sheet_y;
};

G_DEFINE_FINAL_TYPE (CcSheetView, cc_sheet_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_DELETED,
  N_VIEW_SIGNALS
};

static guint view_signals[N_VIEW_SIGNALS];

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_LINK_TYPE,
  PROP_SHOW_LEGEND,
  PROP_PLANNED_VIEW,
  PROP_VERTICAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define ZOOM_STEP   1.25
#define FIT_MARGIN  32.0   /* pixels around the sheet when fitted */
#define PAN_MARGIN  32.0   /* pixels of desk that may show beyond the sheet */
#define BOTTOM_INSET 56.0  /* room left for controls floating over the bottom */
#define WHEEL_STEP  64.0   /* pixels per wheel notch */
#define KEY_STEP    48.0   /* pixels per arrow key press */
#define NUDGE       10.0   /* points per arrow key press on a selection */
#define NUDGE_BIG   50.0   /* with Shift */
/* Shift or Ctrl with a click adds to the selection (or takes away), as in
 * GNOME's lists. */
#define ADD_TO_SELECTION (GDK_SHIFT_MASK | GDK_CONTROL_MASK)
#define CHAIN_STEP  180.0  /* points between organisations added with Tab */
#define DUP_OFFSET  30.0
#define DRAG_SLOP   3.0    /* pixels before a press becomes a drag */
#define HANDLE_R    6.0    /* link handle radius, pixels */
#define MAX_MATCHES 6
#define EDITOR_WIDTH 220
#define TOOLS_MARGIN 12

static void editor_commit (CcSheetView *self, gboolean chain, CcItem *actor);
static void editor_cancel (CcSheetView *self);
static void actions_update (CcSheetView *self);
static void tools_update (CcSheetView *self);
static void drag_reset (CcSheetView *self);
static void open_new_card (CcSheetView *self, const char *panel, int index, double sx, double sy);
static gboolean grid_drag_end (CcSheetView *self, CcItem *card, double sx, double sy);
static void reveal_item (CcSheetView *self, CcItem *item);

static gboolean
is_map (CcSheetView *self)
{
  return self->sheet != NULL && cc_item_get_kind (self->sheet) == CC_KIND_MAP;
}

/* How the sheet is laid out on screen (with prompts in what is empty), for
 * asking the renderer what is where. */
static const CcRenderOptions *
screen_options (void)
{
  static CcRenderOptions options;
  static gsize done;

  if (g_once_init_enter (&done))
    {
      cc_render_options_init (&options);
      options.prompts = TRUE;
      g_once_init_leave (&done, 1);
    }
  return &options;
}

static gboolean
is_forcefield (CcSheetView *self)
{
  return self->sheet != NULL && cc_item_get_kind (self->sheet) == CC_KIND_FORCEFIELD;
}

static gboolean
is_canvas (CcSheetView *self)
{
  return self->sheet != NULL && cc_item_get_kind (self->sheet) == CC_KIND_CANVAS;
}

/* A canvas whose template places organisations by their values. */
static gboolean
is_grid (CcSheetView *self)
{
  g_autoptr(CcTemplate) tmpl = is_canvas (self) ? cc_canvas_get_template (self->sheet) : NULL;

  return cc_template_is_grid (tmpl);
}

static gboolean
is_vertical (CcSheetView *self)
{
  return is_forcefield (self) && cc_item_get_int (self->sheet, CC_FORCEFIELD_ORIENTATION) == CC_ORIENTATION_VERTICAL;
}

/* Redraws, and moves the inline entry along with the sheet. */
static void
view_changed (CcSheetView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->edit_mode != EDIT_NONE)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static const CcRect *
get_bounds (CcSheetView *self)
{
  if (!self->bounds_valid)
    {
      CcRenderOptions options;

      cc_render_options_init (&options);
      options.paper = TRUE;
      options.legend = TRUE;
      options.prompts = TRUE;
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
  self->follows_fit = FALSE;   /* fit() sets it again */
  if (self->fit_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fit_tick);
      self->fit_tick = 0;
    }
  constrain (self);
  view_changed (self);
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
  self->follows_fit = TRUE;
}

#define FIT_MOVE_USEC (200 * G_TIME_SPAN_MILLISECOND)

static gboolean
fit_tick_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  double t = (double) (gdk_frame_clock_get_frame_time (clock) - self->fit_start) / FIT_MOVE_USEC;
  double e;

  t = CLAMP (t, 0, 1);
  e = 1 - (1 - t) * (1 - t) * (1 - t);   /* ease out */
  self->zoom = self->fit_from_zoom + (self->fit_to_zoom - self->fit_from_zoom) * e;
  self->center_x = self->fit_from_x + (self->fit_to_x - self->fit_from_x) * e;
  self->center_y = self->fit_from_y + (self->fit_to_y - self->fit_from_y) * e;
  view_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  if (t < 1)
    return G_SOURCE_CONTINUE;
  self->fit_tick = 0;
  return G_SOURCE_REMOVE;
}

/* After an edit changed how far the sheet reaches: fitted again, moving
 * there smoothly where the desktop animates. */
static void
refit_smoothly (CcSheetView *self)
{
  gboolean animate = FALSE;
  double zoom = self->zoom, x = self->center_x, y = self->center_y;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &animate, NULL);
  fit (self);
  if (!animate || !gtk_widget_get_mapped (GTK_WIDGET (self))
      || (zoom == self->zoom && x == self->center_x && y == self->center_y))
    return;
  self->fit_to_zoom = self->zoom;
  self->fit_to_x = self->center_x;
  self->fit_to_y = self->center_y;
  self->fit_from_zoom = self->zoom = zoom;
  self->fit_from_x = self->center_x = x;
  self->fit_from_y = self->center_y = y;
  self->fit_start = g_get_monotonic_time ();
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

    if (clock != NULL)
      self->fit_start = gdk_frame_clock_get_frame_time (clock);
  }
  self->fit_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), fit_tick_cb, NULL, NULL);
  view_changed (self);
}

static void connect_end (CcSheetView *self);
static void show_card_menu (CcSheetView *self, const GdkRectangle *at);

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
  if (self->moving != NULL)
    drag_reset (self);  /* what the drag moved may be gone: start again */
  if (self->follows_fit && self->sheet != NULL)
    {
      /* What an edit added outside the paper comes into the fit, without a
       * jump. */
      const CcRect old = self->bounds;

      get_bounds (self);
      if (old.x != self->bounds.x || old.y != self->bounds.y || old.width != self->bounds.width
          || old.height != self->bounds.height)
        refit_smoothly (self);
    }
  if ((self->connect_from != NULL && cc_item_get_parent (self->connect_from) == NULL)
      || (self->connect_to != NULL && cc_item_get_parent (self->connect_to) == NULL))
    connect_end (self);  /* a card of the arrow was deleted, or undone away */
  if (self->fit_tick == 0)
    constrain (self);
  view_changed (self);
  actions_update (self);
  tools_update (self);
  if (is_map (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
  if (is_forcefield (self))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLANNED_VIEW]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERTICAL]);
    }
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
sheet_to_view (CcSheetView *self,
               double       sx,
               double       sy,
               double      *x,
               double      *y)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  *x = (sx - self->center_x) * self->zoom + width / 2;
  *y = (sy - self->center_y) * self->zoom + height / 2;
}

/* The box the renderer lays @item out in, remembered until the next change. */
static gboolean
get_box (CcSheetView *self,
         CcItem      *item,
         CcRect      *out)
{
  CcRect *box = g_hash_table_lookup (self->boxes, item);

  if (box == NULL)
    {
      CcRect r;

      if (!cc_render_get_item_bounds_full (self->project, self->sheet, screen_options (), item, &r))
        return FALSE;
      box = g_memdup2 (&r, sizeof r);
      g_hash_table_insert (self->boxes, item, box);
    }
  *out = *box;
  return TRUE;
}

static GdkModifierType
get_state (CcSheetView        *self,
           GtkEventController *controller)
{
  if (gtk_event_controller_get_current_event (controller) == NULL)
    return self->test_state;
  return gtk_event_controller_get_current_event_state (controller);
}

static GPtrArray *
selected_nodes (CcSheetView *self)
{
  return cc_selection_get_of_kind (self->selection, CC_KIND_NODE);
}

static GPtrArray *
selected_links (CcSheetView *self)
{
  return cc_selection_get_of_kind (self->selection, CC_KIND_LINK);
}

/* The link type the tools show: that of the selected links (NULL when they
 * are of several), else the type of new links. */
static const char *
shown_link_type (CcSheetView *self)
{
  g_autoptr(GPtrArray) links = self->selection != NULL ? selected_links (self) : NULL;
  const char *type;

  if (links == NULL || links->len == 0)
    return self->link_type;
  type = cc_item_get_string (links->pdata[0], CC_LINK_TYPE);
  for (guint i = 1; i < links->len; i++)
    if (g_strcmp0 (cc_item_get_string (links->pdata[i], CC_LINK_TYPE), type) != 0)
      return NULL;
  return type;
}

static CcItem *
node_of_link_end (CcSheetView *self,
                  CcItem      *link,
                  guint        field)
{
  const char *id = cc_item_get_string (link, field);

  return id != NULL && id[0] != '\0' ? cc_project_lookup (self->project, id) : NULL;
}

/* The selected node or card whose link handle is at view point (x, y). */
static CcItem *
handle_at (CcSheetView *self,
           double       x,
           double       y)
{
  GPtrArray *items = cc_selection_get_items (self->selection);

  for (guint i = items->len; i-- > 0;)
    {
      CcItem *item = items->pdata[i];
      CcRect box;
      double hx, hy;

      if ((cc_item_get_kind (item) != CC_KIND_NODE && cc_item_get_kind (item) != CC_KIND_CARD)
          || !get_box (self, item, &box))
        continue;
      sheet_to_view (self, box.x + box.width, box.y + box.height / 2, &hx, &hy);
      if (hypot (x - hx, y - hy) <= HANDLE_R + 4)
        return item;
    }
  return NULL;
}

static CcItem *
node_at (CcSheetView *self,
         double       x,
         double       y)
{
  double sx, sy;
  CcItem *hit;

  view_to_sheet (self, x, y, &sx, &sy);
  hit = cc_render_hit_test (self->project, self->sheet, NULL, sx, sy);
  return hit != NULL && cc_item_get_kind (hit) == CC_KIND_NODE ? hit : NULL;
}

static void
set_drag_item (CcSheetView *self,
               CcItem      *item)
{
  if (item != NULL)
    cc_item_ref (item);
  g_clear_pointer (&self->drag_item, cc_item_unref);
  self->drag_item = item;
}

/* Drawing a canvas arrow from the keyboard: Connect (C) on a card, then
 * the arrow keys choose the card it goes to, Enter draws it, Escape does
 * not; a click on a card draws it there. */
static void
connect_end (CcSheetView *self)
{
  if (self->connect_from == NULL)
    return;
  g_clear_pointer (&self->connect_from, cc_item_unref);
  g_clear_pointer (&self->connect_to, cc_item_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
connect_set_target (CcSheetView *self,
                    CcItem      *card)
{
  if (card != NULL)
    cc_item_ref (card);
  g_clear_pointer (&self->connect_to, cc_item_unref);
  self->connect_to = card;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The card after (or before) @from in the canvas's order, not @skip. */
static CcItem *
card_beside (CcSheetView *self,
             CcItem      *from,
             CcItem      *skip,
             gboolean     back)
{
  GPtrArray *all = cc_item_get_children (self->sheet, CC_CANVAS_CARDS);
  guint at = 0;

  if (all->len == 0)
    return NULL;
  if (from == NULL || !g_ptr_array_find (all, from, &at))
    at = back ? 0 : all->len - 1;
  for (guint step = 0; step < all->len; step++)
    {
      at = back ? (at + all->len - 1) % all->len : (at + 1) % all->len;
      if (all->pdata[at] != skip)
        return all->pdata[at];
    }
  return NULL;
}

static void
connect_finish (CcSheetView *self,
                CcItem      *to)
{
  CcItem *from = self->connect_from != NULL ? cc_item_ref (self->connect_from) : NULL;

  connect_end (self);
  if (from != NULL && to != NULL && to != from && cc_item_get_parent (from) == self->sheet
      && cc_item_get_parent (to) == self->sheet)
    {
      cc_canvas_link_cards (self->project, from, to);
      cc_selection_select (self->selection, to);
    }
  g_clear_pointer (&from, cc_item_unref);
}

static void
drag_reset (CcSheetView *self)
{
  self->drag_mode = DRAG_NONE;
  self->drag_moved = FALSE;
  self->drag_target = NULL;
  set_drag_item (self, NULL);
  g_clear_pointer (&self->moving, cc_render_moving_free);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_begin_cb (CcSheetView    *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = get_state (self, GTK_EVENT_CONTROLLER (gesture));
  CcItem *hit, *handle;
  double sx, sy;

  if (button == 0)
    button = GDK_BUTTON_PRIMARY;  /* emitted by a test */
  if (self->sheet == NULL || (button != GDK_BUTTON_PRIMARY && button != GDK_BUTTON_MIDDLE))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  if (self->edit_mode != EDIT_NONE)
    editor_commit (self, FALSE, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self));

  drag_reset (self);
  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = self->drag_dy = 0;
  self->drag_center_x = self->center_x;
  self->drag_center_y = self->center_y;

  if (button == GDK_BUTTON_PRIMARY && !self->space_held && is_forcefield (self))
    {
      CcHit *hit = &self->drag_hit;

      view_to_sheet (self, x, y, &sx, &sy);
      cc_render_hit_detail (self->project, self->sheet, screen_options (), sx, sy, hit);
      if (hit->part == CC_HIT_HANDLE || hit->part == CC_HIT_LABEL || hit->part == CC_HIT_ITEM)
        {
          self->drag_was_selected = cc_selection_contains (self->selection, hit->item);
          self->drag_additive = (state & ADD_TO_SELECTION) != 0;
          if (self->drag_additive)
            cc_selection_toggle (self->selection, hit->item);
          else if (!self->drag_was_selected)
            cc_selection_select (self->selection, hit->item);
          set_drag_item (self, hit->item);
          self->drag_strength = (int) cc_item_get_int (hit->item, CC_FORCE_STRENGTH);
          self->drag_mode = hit->part == CC_HIT_HANDLE ? DRAG_STRENGTH : DRAG_FORCE;
          return;
        }
      if (!(state & ADD_TO_SELECTION))
        cc_selection_clear (self->selection);
    }
  if (button == GDK_BUTTON_PRIMARY && !self->space_held && is_canvas (self))
    {
      CcHit *hit = &self->drag_hit;

      view_to_sheet (self, x, y, &sx, &sy);
      cc_render_hit_detail (self->project, self->sheet, screen_options (), sx, sy, hit);
      if (self->connect_from != NULL)
        {
          /* Connecting: a card takes the arrow, anywhere else cancels. */
          connect_finish (self, hit->part == CC_HIT_ITEM && cc_item_get_kind (hit->item) == CC_KIND_CARD
                                ? hit->item : NULL);
          gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
          return;
        }
      handle = handle_at (self, x, y);
      if (handle != NULL && cc_item_get_kind (handle) == CC_KIND_CARD)
        {
          /* From the handle of a selected card: an arrow, no modifier needed. */
          set_drag_item (self, handle);
          self->drag_was_selected = TRUE;
          self->drag_mode = DRAG_CARD_LINK;
          gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
          return;
        }
      if (hit->part == CC_HIT_ITEM && cc_item_get_kind (hit->item) == CC_KIND_CARD)
        {
          self->drag_was_selected = cc_selection_contains (self->selection, hit->item);
          self->drag_additive = (state & ADD_TO_SELECTION) != 0;
          if (self->drag_additive)
            cc_selection_toggle (self->selection, hit->item);
          else if (!self->drag_was_selected)
            cc_selection_select (self->selection, hit->item);
          set_drag_item (self, hit->item);
          self->drag_mode = (state & GDK_ALT_MASK) ? DRAG_CARD_LINK : DRAG_CARD;
          return;
        }
      if (hit->part == CC_HIT_ITEM)
        {
          if (state & ADD_TO_SELECTION)
            cc_selection_toggle (self->selection, hit->item);
          else
            cc_selection_select (self->selection, hit->item);
          return;
        }
      if (!(state & ADD_TO_SELECTION))
        cc_selection_clear (self->selection);
    }
  if (button == GDK_BUTTON_MIDDLE || self->space_held || !is_map (self))
    {
      self->drag_mode = DRAG_PAN;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      return;
    }

  handle = handle_at (self, x, y);
  view_to_sheet (self, x, y, &sx, &sy);
  hit = cc_render_hit_test (self->project, self->sheet, NULL, sx, sy);

  if (handle == NULL && hit != NULL && cc_item_get_kind (hit) == CC_KIND_NODE
      && (state & GDK_ALT_MASK) && cc_selection_contains (self->selection, hit))
    handle = hit;

  if (handle != NULL)
    {
      self->drag_mode = DRAG_LINK;
      set_drag_item (self, handle);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
    }
  else if (hit != NULL && hit == self->sheet)
    {
      /* The legend: dragged where the map leaves room for it. */
      self->drag_mode = DRAG_LEGEND;
    }
  else if (hit != NULL && cc_item_get_kind (hit) == CC_KIND_NODE)
    {
      self->drag_was_selected = cc_selection_contains (self->selection, hit);
      self->drag_additive = (state & ADD_TO_SELECTION) != 0;
      if (self->drag_additive)
        cc_selection_toggle (self->selection, hit);
      else if (!self->drag_was_selected)
        cc_selection_select (self->selection, hit);
      if (cc_selection_contains (self->selection, hit))
        {
          self->drag_mode = DRAG_MOVE;
          set_drag_item (self, hit);
        }
    }
  else if (hit != NULL)
    {
      if (state & ADD_TO_SELECTION)
        cc_selection_toggle (self->selection, hit);
      else
        cc_selection_select (self->selection, hit);
    }
  else
    {
      self->drag_additive = (state & ADD_TO_SELECTION) != 0;
      if (!self->drag_additive)
        cc_selection_clear (self->selection);
      self->drag_mode = DRAG_BAND;
    }
}

/* Where a force dragged to view point (x, y) would go: before or after the
 * force there, or into the open area of a side; and the line that shows it. */
static void
drop_target_update (CcSheetView *self,
                    double       x,
                    double       y)
{
  gboolean vertical = is_vertical (self);
  CcItem *dragged = self->drag_item;
  g_autoptr(GPtrArray) forces = NULL;
  CcHit hit;
  double sx, sy;
  int side, index;
  guint at;

  self->drop_valid = FALSE;
  view_to_sheet (self, x, y, &sx, &sy);
  if (!cc_render_hit_detail (self->project, self->sheet, screen_options (), sx, sy, &hit) || dragged == NULL)
    return;
  if (hit.part == CC_HIT_SIDE)
    {
      side = hit.side;
      index = hit.index;
    }
  else if (hit.part == CC_HIT_ITEM || hit.part == CC_HIT_LABEL || hit.part == CC_HIT_HANDLE)
    {
      gboolean after = vertical ? sx > hit.box.x + hit.box.width / 2 : sy > hit.box.y + hit.box.height / 2;

      side = hit.side;
      index = hit.index + (after ? 1 : 0);
    }
  else
    return;

  /* The mark: at the edge of the force it would go before, or after the last. */
  forces = cc_forcefield_side_forces (self->sheet, side);
  if (forces->len > 0)
    {
      CcRect box;
      gboolean end = (guint) index >= forces->len;

      if (!get_box (self, forces->pdata[end ? forces->len - 1 : (guint) index], &box))
        return;
      if (vertical)
        self->drop_mark = (CcRect) { end ? box.x + box.width : box.x, box.y, 0, box.height };
      else
        self->drop_mark = (CcRect) { box.x, end ? box.y + box.height + 6 : box.y - 6, box.width, 0 };
    }
  else
    self->drop_mark = (CcRect) { hit.box.x + 20, hit.box.y + hit.box.height / 2, hit.box.width - 40, 0 };

  /* Counted without the force itself when it stays on its side. */
  if (g_ptr_array_find (forces, dragged, &at) && (guint) index > at)
    index--;
  self->drop_side = side;
  self->drop_index = index;
  self->drop_valid = TRUE;
}

static void
drag_update_cb (CcSheetView    *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  if (self->drag_mode == DRAG_NONE)
    return;
  self->drag_dx = offset_x;
  self->drag_dy = offset_y;
  if (!self->drag_moved && hypot (offset_x, offset_y) < DRAG_SLOP)
    return;
  self->drag_moved = TRUE;

  switch (self->drag_mode)
    {
    case DRAG_PAN:
      self->center_x = self->drag_center_x - offset_x / self->zoom;
      self->center_y = self->drag_center_y - offset_y / self->zoom;
      constrain (self);
      view_changed (self);
      return;
    case DRAG_MOVE:
      if (self->moving == NULL)
        {
          /* From now on the rest is drawn once, and only these each frame. */
          g_autoptr(GPtrArray) nodes = selected_nodes (self);

          self->moving = cc_render_moving_new (self->project, self->sheet, nodes);
        }
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      break;
    case DRAG_LEGEND:
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      break;
    case DRAG_STRENGTH:
      {
        CcHit *hit = &self->drag_hit;
        double sx, sy, along;

        view_to_sheet (self, self->drag_x + offset_x, self->drag_y + offset_y, &sx, &sy);
        along = (sx - hit->tip_x) * hit->dir_x + (sy - hit->tip_y) * hit->dir_y;
        self->drag_strength = CLAMP ((int) floor (along / hit->unit + 0.5), CC_FORCE_MIN_STRENGTH,
                                     CC_FORCE_MAX_STRENGTH);
        gtk_widget_set_cursor_from_name (GTK_WIDGET (self), is_vertical (self) ? "ns-resize" : "ew-resize");
      }
      break;
    case DRAG_FORCE:
      drop_target_update (self, self->drag_x + offset_x, self->drag_y + offset_y);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      break;
    case DRAG_CARD:
    case DRAG_CARD_LINK:
      {
        double sx, sy;

        /* What is under the pointer: a panel to drop into, a card to link to. */
        view_to_sheet (self, self->drag_x + offset_x, self->drag_y + offset_y, &sx, &sy);
        cc_render_hit_detail (self->project, self->sheet, screen_options (), sx, sy, &self->drag_hit);
        gtk_widget_set_cursor_from_name (GTK_WIDGET (self), self->drag_mode == DRAG_CARD ? "grabbing" : "crosshair");
      }
      break;
    case DRAG_LINK:
      {
        CcItem *target = node_at (self, self->drag_x + offset_x, self->drag_y + offset_y);

        self->drag_target = target != self->drag_item ? target : NULL;
      }
      break;
    case DRAG_BAND:
    case DRAG_NONE:
    default:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
band_rect (CcSheetView *self,
           CcRect      *r)
{
  double x1, y1, x2, y2;

  view_to_sheet (self, self->drag_x, self->drag_y, &x1, &y1);
  view_to_sheet (self, self->drag_x + self->drag_dx, self->drag_y + self->drag_dy, &x2, &y2);
  r->x = MIN (x1, x2);
  r->y = MIN (y1, y2);
  r->width = fabs (x2 - x1);
  r->height = fabs (y2 - y1);
}

static void editor_open (CcSheetView *self, EditMode mode, double sx, double sy,
                         CcItem *node, CcItem *from);

/* Puts the legend's top-left corner at (x, y), one step to undo. */
static void
place_legend (CcSheetView *self,
              double       x,
              double       y)
{
  if (!is_map (self) || !isfinite (x) || !isfinite (y))
    return;
  x = CLAMP (round (x), -CC_MAX_COORDINATE, CC_MAX_COORDINATE);
  y = CLAMP (round (y), -CC_MAX_COORDINATE, CC_MAX_COORDINATE);
  cc_project_begin_group (self->project, _("Move Legend"));
  cc_project_set_double (self->project, self->sheet, CC_MAP_LEGEND_X, x);
  cc_project_set_double (self->project, self->sheet, CC_MAP_LEGEND_Y, y);
  cc_project_end_group (self->project);
}

static void
drag_end_cb (CcSheetView    *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  DragMode mode = self->drag_mode;
  g_autoptr(GPtrArray) nodes = NULL;

  if (mode == DRAG_NONE)
    return;
  self->drag_dx = offset_x;
  self->drag_dy = offset_y;
  if (!self->drag_moved && hypot (offset_x, offset_y) >= DRAG_SLOP)
    self->drag_moved = TRUE;

  switch (mode)
    {
    case DRAG_MOVE:
      if (self->drag_moved)
        {
          nodes = selected_nodes (self);
          if (nodes->len > 0)
            cc_map_move_nodes (self->project, nodes, offset_x / self->zoom, offset_y / self->zoom);
        }
      else if (self->drag_was_selected && !self->drag_additive && self->drag_item != NULL)
        cc_selection_select (self->selection, self->drag_item);
      break;
    case DRAG_LINK:
      if (self->drag_moved && self->drag_item != NULL)
        {
          CcItem *from = cc_item_ref (self->drag_item);
          CcItem *to = node_at (self, self->drag_x + offset_x, self->drag_y + offset_y);

          if (to != NULL && to != from)
            cc_map_add_link (self->project, self->sheet, from, to, self->link_type);
          else if (to == NULL)
            {
              double sx, sy;

              view_to_sheet (self, self->drag_x + offset_x, self->drag_y + offset_y, &sx, &sy);
              drag_reset (self);
              editor_open (self, EDIT_CREATE, sx, sy, NULL, from);
            }
          cc_item_unref (from);
        }
      break;
    case DRAG_BAND:
      if (self->drag_moved)
        {
          g_autoptr(GPtrArray) inside = g_ptr_array_new ();
          CcRect r;

          band_rect (self, &r);
          cc_render_nodes_in_rect (self->project, self->sheet, &r, inside);
          if (self->drag_additive)
            for (guint i = 0; i < inside->len; i++)
              cc_selection_add (self->selection, inside->pdata[i]);
          else
            cc_selection_set_items (self->selection, inside);
        }
      break;
    case DRAG_STRENGTH:
      if (self->drag_moved && self->drag_item != NULL
          && self->drag_strength != cc_item_get_int (self->drag_item, CC_FORCE_STRENGTH))
        {
          cc_project_begin_group (self->project, _("Set Strength"));
          cc_project_set_int (self->project, self->drag_item, CC_FORCE_STRENGTH, self->drag_strength);
          cc_project_end_group (self->project);
        }
      else if (!self->drag_moved && self->drag_was_selected && !self->drag_additive && self->drag_item != NULL)
        cc_selection_select (self->selection, self->drag_item);
      break;
    case DRAG_FORCE:
      if (self->drag_moved && self->drag_item != NULL)
        {
          drop_target_update (self, self->drag_x + offset_x, self->drag_y + offset_y);
          if (self->drop_valid)
            cc_forcefield_move_force (self->project, self->drag_item, self->drop_side, self->drop_index);
        }
      else if (self->drag_was_selected && !self->drag_additive && self->drag_item != NULL)
        cc_selection_select (self->selection, self->drag_item);
      break;
    case DRAG_CARD:
    case DRAG_CARD_LINK:
      if (self->drag_moved && self->drag_item != NULL)
        {
          CcHit hit;
          double sx, sy;

          view_to_sheet (self, self->drag_x + offset_x, self->drag_y + offset_y, &sx, &sy);
          if (mode == DRAG_CARD && grid_drag_end (self, self->drag_item, sx, sy))
            ;
          else if (cc_render_hit_detail (self->project, self->sheet, screen_options (), sx, sy, &hit))
            {
              if (mode == DRAG_CARD_LINK && hit.part == CC_HIT_ITEM && cc_item_get_kind (hit.item) == CC_KIND_CARD)
                cc_canvas_link_cards (self->project, self->drag_item, hit.item);
              else if (mode == DRAG_CARD && hit.panel != NULL)
                {
                  g_autofree char *panel = g_strdup (hit.panel);

                  cc_canvas_move_card (self->project, self->drag_item, panel);
                }
            }
        }
      else if (self->drag_was_selected && !self->drag_additive && self->drag_item != NULL)
        cc_selection_select (self->selection, self->drag_item);
      break;
    case DRAG_LEGEND:
      if (self->drag_moved)
        {
          CcRect box;

          if (get_box (self, self->sheet, &box))
            place_legend (self, box.x + offset_x / self->zoom, box.y + offset_y / self->zoom);
        }
      break;
    case DRAG_PAN:
    case DRAG_NONE:
    default:
      break;
    }
  if (self->drag_mode == mode)
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
  double sx, sy;
  CcItem *hit;

  self->open_idle = 0;
  if (is_forcefield (self))
    {
      CcHit hit;

      view_to_sheet (self, d->x, d->y, &sx, &sy);
      if (!cc_render_hit_detail (self->project, self->sheet, screen_options (), sx, sy, &hit))
        return G_SOURCE_REMOVE;
      switch (hit.part)
        {
        case CC_HIT_ITEM:
        case CC_HIT_LABEL:
        case CC_HIT_HANDLE:
          cc_selection_select (self->selection, hit.item);
          editor_open (self, EDIT_FORCE, hit.box.x + hit.box.width / 2, hit.box.y + hit.box.height / 2,
                       hit.item, NULL);
          break;
        case CC_HIT_CHANGE:
        case CC_HIT_CURRENT:
        case CC_HIT_DESIRED:
          self->edit_field = hit.part == CC_HIT_CHANGE ? CC_FORCEFIELD_CHANGE
                           : hit.part == CC_HIT_CURRENT ? CC_FORCEFIELD_CURRENT : CC_FORCEFIELD_DESIRED;
          editor_open (self, EDIT_FIELD, hit.box.x + hit.box.width / 2, hit.box.y + MIN (hit.box.height / 2, 20),
                       NULL, NULL);
          break;
        case CC_HIT_SIDE:
          self->edit_side = hit.side;
          self->edit_index = hit.index;
          editor_open (self, EDIT_NEW_FORCE, sx, sy, NULL, NULL);
          break;
        case CC_HIT_NONE:
        default:
          break;
        }
      return G_SOURCE_REMOVE;
    }
  if (is_canvas (self))
    {
      CcHit hit;

      view_to_sheet (self, d->x, d->y, &sx, &sy);
      if (!cc_render_hit_detail (self->project, self->sheet, screen_options (), sx, sy, &hit))
        return G_SOURCE_REMOVE;
      if (hit.part == CC_HIT_ITEM && cc_item_get_kind (hit.item) == CC_KIND_CARD)
        {
          cc_selection_select (self->selection, hit.item);
          editor_open (self, EDIT_CARD, hit.box.x + hit.box.width / 2, hit.box.y + hit.box.height / 2,
                       hit.item, NULL);
        }
      else if (hit.on_grid)
        {
          /* On a grid: name an organisation, and it stands where clicked. */
          self->edit_fx = hit.grid_x;
          self->edit_fy = hit.grid_y;
          editor_open (self, EDIT_PLACE, sx, sy, NULL, NULL);
        }
      else if (hit.part == CC_HIT_PANEL)
        open_new_card (self, hit.panel, -1, sx, sy);
      return G_SOURCE_REMOVE;
    }
  if (!is_map (self))
    return G_SOURCE_REMOVE;
  view_to_sheet (self, d->x, d->y, &sx, &sy);
  hit = cc_render_hit_test (self->project, self->sheet, NULL, sx, sy);
  if (hit != NULL && cc_item_get_kind (hit) == CC_KIND_NODE)
    {
      cc_selection_select (self->selection, hit);
      editor_open (self, EDIT_RENAME, cc_item_get_double (hit, CC_NODE_X),
                   cc_item_get_double (hit, CC_NODE_Y), hit, NULL);
    }
  else if (hit == NULL || (hit != self->sheet && cc_item_get_kind (hit) == CC_KIND_GROUP))
    editor_open (self, EDIT_CREATE, sx, sy, NULL, NULL);
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

  if (n_press != 2 || !(is_map (self) || is_forcefield (self) || is_canvas (self))
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

/* ---- the inline name entry ---------------------------------------------- */

static void
editor_set_item (CcItem **field,
                 CcItem  *item)
{
  if (item != NULL)
    cc_item_ref (item);
  g_clear_pointer (field, cc_item_unref);
  *field = item;
}

static void
editor_close (CcSheetView *self)
{
  self->edit_mode = EDIT_NONE;
  editor_set_item (&self->edit_node, NULL);
  editor_set_item (&self->edit_from, NULL);
  g_ptr_array_set_size (self->matches, 0);
  if (gtk_widget_get_focus_child (GTK_WIDGET (self)) == self->editor)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_set_visible (self->editor, FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
editor_update_matches (CcSheetView *self)
{
  GtkWidget *row;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  while ((row = gtk_widget_get_first_child (self->suggestions)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->suggestions), row);
  g_ptr_array_set_size (self->matches, 0);

  if ((self->edit_mode == EDIT_CREATE || self->edit_mode == EDIT_PLACE) && stripped[0] != '\0')
    {
      g_autoptr(GPtrArray) found = cc_project_match_actors (self->project, stripped, MAX_MATCHES + 1);
      CcItem *source = self->edit_from != NULL ? cc_project_get_node_actor (self->project, self->edit_from) : NULL;

      /* Not the organisation the new link starts from. */
      g_ptr_array_remove (found, source);
      for (guint i = 0; i < found->len && i < MAX_MATCHES; i++)
        {
          GtkWidget *label = gtk_label_new (cc_item_get_string (found->pdata[i], CC_ACTOR_NAME));

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_list_box_append (GTK_LIST_BOX (self->suggestions), label);
          row = gtk_widget_get_last_child (self->suggestions);
          gtk_widget_set_focusable (row, FALSE);
          g_ptr_array_add (self->matches, cc_item_ref (found->pdata[i]));
        }
    }
  gtk_widget_set_visible (self->suggestions, self->matches->len > 0);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
editor_open (CcSheetView *self,
             EditMode     mode,
             double       sx,
             double       sy,
             CcItem      *node,
             CcItem      *from)
{
  const char *text = "";
  const char *placeholder = _("Organisation name");

  if (mode == EDIT_CREATE || mode == EDIT_RENAME ? !is_map (self)
      : mode == EDIT_CARD || mode == EDIT_NEW_CARD ? !is_canvas (self)
      : mode == EDIT_PLACE ? !is_grid (self)
      : !is_forcefield (self))
    return;
  if (self->edit_mode != EDIT_NONE)
    editor_cancel (self);
  connect_end (self);
  self->edit_session++;
  self->edit_mode = mode;
  self->edit_x = sx;
  self->edit_y = sy;
  editor_set_item (&self->edit_node, node);
  editor_set_item (&self->edit_from, from);
  if (mode == EDIT_RENAME && node != NULL)
    {
      CcItem *actor = cc_project_get_node_actor (self->project, node);

      if (actor != NULL)
        text = cc_item_get_string (actor, CC_ACTOR_NAME);
    }
  switch (mode)
    {
    case EDIT_FORCE:
      text = node != NULL ? cc_item_get_string (node, CC_FORCE_LABEL) : "";
      placeholder = _("Force");
      break;
    case EDIT_NEW_FORCE:
      placeholder = self->edit_side == CC_SIDE_DRIVING ? _("A force driving the change")
                                                       : _("A force resisting the change");
      break;
    case EDIT_FIELD:
      text = cc_item_get_string (self->sheet, self->edit_field);
      placeholder = self->edit_field == CC_FORCEFIELD_CHANGE ? _("The change at stake")
                  : self->edit_field == CC_FORCEFIELD_CURRENT ? _("The current situation")
                  : _("The desired situation");
      break;
    case EDIT_PARTICIPANT:
      placeholder = _("Who is scoring? (Enter: a number)");
      break;
    case EDIT_CARD:
      text = node != NULL ? cc_item_get_string (node, CC_CARD_TEXT) : "";
      placeholder = _("Card");
      break;
    case EDIT_NEW_CARD:
      placeholder = _("A new card");
      break;
    case EDIT_PLACE:
      placeholder = _("Organisation to place here");
      break;
    case EDIT_CREATE:
      if (from != NULL)
        placeholder = _("Link to: organisation name");
      break;
    case EDIT_NONE:
    case EDIT_RENAME:
    default:
      break;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  editor_update_matches (self);
  /* A card's text runs over several lines (Shift+Enter starts a new one). */
  {
    gboolean card = mode == EDIT_CARD || mode == EDIT_NEW_CARD;
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->card_text));
    GtkTextIter start, end;

    gtk_widget_set_visible (self->entry, !card);
    gtk_widget_set_visible (self->card_scroller, card);
    gtk_text_buffer_set_text (buffer, card && text ? text : "", -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->card_text), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder,
                                    -1);
    gtk_widget_set_visible (self->editor, TRUE);
    if (card)
      {
        gtk_widget_grab_focus (self->card_text);
        gtk_text_buffer_get_bounds (buffer, &start, &end);
        gtk_text_buffer_select_range (buffer, &start, &end);
      }
    else
      {
        gtk_widget_grab_focus (self->entry);
        gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
      }
  }
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
editor_cancel (CcSheetView *self)
{
  if (self->edit_mode != EDIT_NONE)
    editor_close (self);
}

static CcItem *
exact_match (CcSheetView *self,
             const char  *text)
{
  g_autofree char *want = g_utf8_casefold (text, -1);

  for (guint i = 0; i < self->matches->len; i++)
    {
      g_autofree char *name = g_utf8_casefold (cc_item_get_string (self->matches->pdata[i], CC_ACTOR_NAME), -1);

      if (g_strcmp0 (name, want) == 0)
        return self->matches->pdata[i];
    }
  return NULL;
}

static void score_round_start (CcSheetView *self, const char *participant);
static void canvas_editor_commit (CcSheetView *self, gboolean chain);
static void delete_forces (CcSheetView *self);

/* Where the entry for a new force opens: over the force at @index of @side,
 * or past the last one. */
static void
new_force_point (CcSheetView *self,
                 int          side,
                 int          index,
                 double      *x,
                 double      *y)
{
  g_autoptr(GPtrArray) forces = cc_forcefield_side_forces (self->sheet, side);
  CcHit hit;
  CcRect box;

  if (index >= 0 && (guint) index < forces->len && get_box (self, forces->pdata[index], &box))
    {
      *x = box.x + box.width / 2;
      *y = box.y + box.height / 2;
      return;
    }
  if (forces->len > 0 && get_box (self, forces->pdata[forces->len - 1], &box))
    {
      *x = is_vertical (self) ? box.x + box.width * 1.5 : box.x + box.width / 2;
      *y = is_vertical (self) ? box.y + box.height / 2 : box.y + box.height + 24;
      return;
    }
  /* An empty side: the middle of its area. */
  {
    const CcRect *b = get_bounds (self);

    for (double py = b->y; py < b->y + b->height; py += 12)
      for (double px = b->x; px < b->x + b->width; px += 24)
        if (cc_render_hit_detail (self->project, self->sheet, screen_options (), px, py, &hit)
            && hit.part == CC_HIT_SIDE && hit.side == side)
          {
            *x = hit.box.x + hit.box.width / 2;
            *y = hit.box.y + hit.box.height / 2;
            return;
          }
    *x = b->x + b->width / 2;
    *y = b->y + b->height / 2;
  }
}

static void
open_new_force (CcSheetView *self,
                int          side,
                int          index)
{
  double x, y;

  if (!is_forcefield (self))
    return;
  new_force_point (self, side, index, &x, &y);
  self->edit_side = side;
  self->edit_index = index;
  editor_open (self, EDIT_NEW_FORCE, x, y, NULL, NULL);
}

/* Commits the entry on a force field; with @chain, a new force opens after
 * the one just added, for the next one the room calls out. */
static void
forcefield_editor_commit (CcSheetView *self,
                          gboolean     chain)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  EditMode mode = self->edit_mode;
  CcItem *force = self->edit_node ? cc_item_ref (self->edit_node) : NULL;
  int side = self->edit_side, index = self->edit_index;
  guint field = self->edit_field;
  CcItem *added = NULL;

  self->committing = TRUE;
  editor_close (self);
  switch (mode)
    {
    case EDIT_FORCE:
      if (force != NULL && text[0] != '\0' && g_strcmp0 (text, cc_item_get_string (force, CC_FORCE_LABEL)) != 0)
        {
          cc_project_begin_group (self->project, _("Rename Force"));
          cc_project_set_string (self->project, force, CC_FORCE_LABEL, text);
          cc_project_end_group (self->project);
        }
      break;
    case EDIT_NEW_FORCE:
      if (text[0] != '\0')
        added = cc_forcefield_add_force (self->project, self->sheet, side, text, 3, NULL, index);
      if (added != NULL)
        cc_selection_select (self->selection, added);
      break;
    case EDIT_FIELD:
      if (g_strcmp0 (text, cc_item_get_string (self->sheet, field)) != 0)
        {
          cc_project_begin_group (self->project, field == CC_FORCEFIELD_CHANGE ? _("Edit Change")
                                                 : _("Edit Situation"));
          cc_project_set_string (self->project, self->sheet, field, text);
          cc_project_end_group (self->project);
        }
      break;
    case EDIT_PARTICIPANT:
      self->committing = FALSE;
      score_round_start (self, text);
      break;
    case EDIT_NONE:
    case EDIT_CREATE:
    case EDIT_RENAME:
    default:
      break;
    }
  self->committing = FALSE;
  if (chain && added != NULL)
    {
      g_autoptr(GPtrArray) forces = cc_forcefield_side_forces (self->sheet, side);
      guint at = 0;

      g_ptr_array_find (forces, added, &at);
      open_new_force (self, side, (int) at + 1);
    }
  g_clear_pointer (&force, cc_item_unref);
}

/* Creates or renames as the entry says; with @chain, opens the entry again
 * for an organisation linked from the one just made. */
static void
editor_commit (CcSheetView *self,
               gboolean     chain,
               CcItem      *actor)
{
  g_autofree char *text = NULL;
  EditMode mode = self->edit_mode;
  CcItem *node = NULL, *from, *renamed;
  double x = self->edit_x, y = self->edit_y;

  if (mode == EDIT_NONE || self->committing)
    return;
  if (mode == EDIT_FORCE || mode == EDIT_NEW_FORCE || mode == EDIT_FIELD || mode == EDIT_PARTICIPANT)
    {
      forcefield_editor_commit (self, chain);
      return;
    }
  if (mode == EDIT_CARD || mode == EDIT_NEW_CARD)
    {
      canvas_editor_commit (self, chain);
      return;
    }
  self->committing = TRUE;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  if ((mode == EDIT_CREATE || mode == EDIT_PLACE) && actor == NULL && text[0] != '\0')
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->suggestions));

      if (row != NULL && gtk_widget_get_visible (self->suggestions)
          && (guint) gtk_list_box_row_get_index (row) < self->matches->len)
        actor = self->matches->pdata[gtk_list_box_row_get_index (row)];
      else
        actor = exact_match (self, text);
    }
  if (actor != NULL)
    cc_item_ref (actor);
  from = self->edit_from ? cc_item_ref (self->edit_from) : NULL;
  renamed = self->edit_node ? cc_item_ref (self->edit_node) : NULL;
  editor_close (self);

  if (mode == EDIT_PLACE && (actor != NULL || text[0] != '\0'))
    {
      /* An organisation already on the grid moves to the new point. */
      CcItem *card = cc_canvas_place_actor (self->project, self->sheet, actor, text, self->edit_fx, self->edit_fy);

      if (card != NULL)
        cc_selection_select (self->selection, card);
    }
  else if (mode == EDIT_RENAME && renamed != NULL)
    {
      CcItem *old = cc_project_get_node_actor (self->project, renamed);

      if (text[0] != '\0' && (old == NULL || g_strcmp0 (cc_item_get_string (old, CC_ACTOR_NAME), text) != 0))
        cc_map_rename_node (self->project, renamed, text);
      node = renamed;
    }
  else if (mode == EDIT_CREATE && (actor != NULL || text[0] != '\0'))
    {
      /* One already on the map is linked to, not placed again. */
      node = cc_map_place_organisation (self->project, self->sheet, from, actor, text, self->link_type, x, y);
      if (node != NULL)
        cc_selection_select (self->selection, node);
    }

  self->committing = FALSE;
  if (chain && node != NULL)
    editor_open (self, EDIT_CREATE, cc_item_get_double (node, CC_NODE_X) + CHAIN_STEP,
                 cc_item_get_double (node, CC_NODE_Y), NULL, node);

  g_clear_pointer (&actor, cc_item_unref);
  g_clear_pointer (&from, cc_item_unref);
  g_clear_pointer (&renamed, cc_item_unref);
}

static void
entry_activate_cb (CcSheetView *self)
{
  /* Enter after a new force or card: the next one. An empty entry closes. */
  editor_commit (self, self->edit_mode == EDIT_NEW_FORCE || self->edit_mode == EDIT_NEW_CARD, NULL);
}

static void
entry_changed_cb (CcSheetView *self)
{
  if (self->edit_mode != EDIT_NONE && !self->committing)
    editor_update_matches (self);
}

static void
suggestion_activated_cb (CcSheetView   *self,
                         GtkListBoxRow *row)
{
  guint i = gtk_list_box_row_get_index (row);

  if (i < self->matches->len)
    editor_commit (self, FALSE, self->matches->pdata[i]);
}

static gboolean
entry_key_pressed_cb (CcSheetView           *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  GtkListBox *list = GTK_LIST_BOX (self->suggestions);
  GtkListBoxRow *row;
  int index, n = self->matches->len;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      editor_cancel (self);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      editor_commit (self, TRUE, NULL);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_Up:
      if (n == 0)
        return FALSE;
      row = gtk_list_box_get_selected_row (list);
      index = row ? gtk_list_box_row_get_index (row) : -1;
      index += keyval == GDK_KEY_Down ? 1 : -1;
      if (index < 0 || index >= n)
        gtk_list_box_unselect_all (list);
      else
        gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, index));
      return TRUE;
    default:
      return FALSE;
    }
}

/* In a card's text: Enter keeps it (and opens the next new card), Shift+Enter
 * starts a new line, Escape leaves it as it was, Tab keeps it. */
static gboolean
card_text_key_pressed_cb (CcSheetView           *self,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          GtkEventControllerKey *controller)
{
  switch (keyval)
    {
    case GDK_KEY_Escape:
      editor_cancel (self);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
        return FALSE;
      entry_activate_cb (self);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      editor_commit (self, FALSE, NULL);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
focus_left_idle (gpointer data)
{
  CcSheetView *self = data;
  guint session = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "cc-leave-session"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (self->edit_mode != EDIT_NONE && session == self->edit_session
      && (focus == NULL || !gtk_widget_is_ancestor (focus, self->editor)))
    editor_commit (self, FALSE, NULL);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
entry_focus_leave_cb (CcSheetView *self)
{
  if (self->edit_mode == EDIT_NONE || self->committing)
    return;
  g_object_set_data (G_OBJECT (self), "cc-leave-session", GUINT_TO_POINTER (self->edit_session));
  g_idle_add (focus_left_idle, g_object_ref (self));
}

/* ---- actions -------------------------------------------------------------- */

static void
select_all_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);

  if (is_map (self))
    cc_selection_set_items (self->selection, cc_item_get_children (self->sheet, CC_MAP_NODES));
  else if (is_forcefield (self))
    cc_selection_set_items (self->selection, cc_item_get_children (self->sheet, CC_FORCEFIELD_FORCES));
  else if (is_canvas (self))
    cc_selection_set_items (self->selection, cc_item_get_children (self->sheet, CC_CANVAS_CARDS));
}

static void
delete_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  g_autoptr(GPtrArray) items = NULL;

  if (is_forcefield (self))
    {
      delete_forces (self);
      return;
    }
  if (is_canvas (self) && cc_selection_get_n_items (self->selection) > 0)
    {
      g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_item_unref);
      g_autofree char *message = NULL;
      guint n = cc_selection_get_n_items (self->selection);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (doomed, cc_item_ref (cc_selection_get_item (self->selection, i)));
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item removed from the canvas",
                                              "%u items removed from the canvas", n), n);
      cc_selection_clear (self->selection);
      cc_project_begin_group (self->project, _("Delete"));
      for (guint i = 0; i < doomed->len; i++)
        if (cc_item_get_parent (doomed->pdata[i]) != NULL)
          cc_project_delete (self->project, doomed->pdata[i]);
      cc_project_end_group (self->project);
      g_signal_emit (self, view_signals[SIGNAL_DELETED], 0, message);
      return;
    }
  if (!is_map (self) || cc_selection_get_n_items (self->selection) == 0)
    return;
  /* A plain copy: the selection's array owns its refs. */
  items = g_ptr_array_new ();
  for (guint i = 0; i < cc_selection_get_n_items (self->selection); i++)
    g_ptr_array_add (items, cc_selection_get_item (self->selection, i));
  {
    g_autoptr(GPtrArray) nodes = cc_selection_get_of_kind (self->selection, CC_KIND_NODE);
    CcItem *actor = nodes->len == 1 ? cc_project_get_node_actor (self->project, nodes->pdata[0]) : NULL;
    g_autofree char *message = NULL;

    if (actor != NULL && items->len == 1)
      {
        g_autofree char *name = cc_bidi_isolate (cc_item_get_string (actor, CC_ACTOR_NAME));

        message = g_strdup_printf (_("“%s” removed from the map"), name);
      }
    else if (nodes->len > 0)
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u organisation removed from the map",
                                              "%u organisations removed from the map", nodes->len), nodes->len);
    else
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item removed from the map",
                                              "%u items removed from the map", items->len), items->len);
    cc_selection_clear (self->selection);
    cc_map_delete_items (self->project, items);
    g_signal_emit (self, view_signals[SIGNAL_DELETED], 0, message);
  }
}

static void
copy_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkContentProvider) content = NULL;
  GdkContentProvider *providers[2];

  if (!is_map (self))
    return;
  bytes = cc_clipboard_copy (self->project, self->sheet, cc_selection_get_items (self->selection));
  if (bytes == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  /* Our own type for Concord, and the same text for any other program. */
  providers[0] = gdk_content_provider_new_for_bytes (CC_CLIPBOARD_MIME_TYPE, bytes);
  providers[1] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", bytes);
  content = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), content);
  if (g_str_equal (name, "canvas.cut"))
    cc_map_delete_items (self->project, cc_selection_get_items (self->selection));
}

static void
paste_spliced_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CcSheetView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error) < 0
      || !(is_map (self) || is_grid (self)))
    return;
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source));
  if (is_grid (self))
    {
      /* Organisations copied from a map, placed by their power and interest */
      pasted = cc_clipboard_paste_on_grid (self->project, self->sheet, g_bytes_get_data (bytes, NULL),
                                           g_bytes_get_size (bytes), 0.5, 0.5, &error);
      if (pasted == NULL)
        gtk_widget_error_bell (GTK_WIDGET (self));
      else
        cc_selection_set_items (self->selection, pasted);
      return;
    }
  pasted = cc_clipboard_paste (self->project, self->sheet, g_bytes_get_data (bytes, NULL),
                               g_bytes_get_size (bytes), DUP_OFFSET, DUP_OFFSET, &error);
  if (pasted == NULL)
    {
      g_debug ("Nothing to paste: %s", error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  for (guint i = 0; i < pasted->len; i++)
    if (cc_item_get_kind (pasted->pdata[i]) == CC_KIND_NODE)
      g_ptr_array_add (nodes, pasted->pdata[i]);
  cc_selection_set_items (self->selection, nodes);
}

static void
paste_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CcSheetView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) memory = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  if (stream == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  /* The clipboard may be filled by this very process: read without blocking. */
  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, paste_spliced_cb, g_object_ref (self));
}

static void
paste_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  static const char *types[] = { CC_CLIPBOARD_MIME_TYPE, "text/plain;charset=utf-8", NULL };

  if (!is_map (self) && !is_grid (self))
    return;
  gdk_clipboard_read_async (gtk_widget_get_clipboard (widget), types, G_PRIORITY_DEFAULT, NULL,
                            paste_read_cb, g_object_ref (self));
}

static void
align_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  static const char *names[] = { "left", "centre", "right", "top", "middle", "bottom" };
  const char *how = g_variant_get_string (param, NULL);
  g_autoptr(GPtrArray) nodes = NULL;

  if (!is_map (self))
    return;
  nodes = selected_nodes (self);
  if (g_str_equal (name, "canvas.distribute"))
    {
      cc_map_distribute (self->project, nodes, g_str_equal (how, "vertical"));
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (how, names[i]))
      cc_map_align (self->project, nodes, (CcAlign) i);
}

static void
group_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) groups = NULL;

  if (!is_map (self))
    return;
  if (g_str_equal (name, "canvas.group"))
    {
      CcItem *group;

      nodes = selected_nodes (self);
      if (nodes->len == 0)
        {
          gtk_widget_error_bell (widget);
          return;
        }
      group = cc_map_group (self->project, self->sheet, nodes, _("New group"));
      cc_selection_select (self->selection, group);
      return;
    }
  /* Ungroup: the selected groups, or the groups of the selected nodes. */
  groups = cc_selection_get_of_kind (self->selection, CC_KIND_GROUP);
  if (groups->len == 0)
    {
      GPtrArray *all = cc_item_get_children (self->sheet, CC_MAP_GROUPS);

      nodes = selected_nodes (self);
      for (guint i = 0; i < all->len; i++)
        for (guint k = 0; k < nodes->len; k++)
          if (g_strv_contains (cc_item_get_strv (all->pdata[i], CC_GROUP_MEMBERS), cc_item_get_id (nodes->pdata[k])) &&
              !g_ptr_array_find (groups, all->pdata[i], NULL))
            g_ptr_array_add (groups, all->pdata[i]);
    }
  if (groups->len == 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  cc_project_begin_group (self->project, _("Ungroup"));
  for (guint i = 0; i < groups->len; i++)
    cc_map_ungroup (self->project, groups->pdata[i]);
  cc_project_end_group (self->project);
}

static void
context_pressed_cb (CcSheetView     *self,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkGestureClick *gesture)
{
  GdkRectangle at = { (int) x, (int) y, 1, 1 };
  double sx, sy;
  CcItem *item;

  if (is_canvas (self))
    {
      CcHit hit;

      connect_end (self);
      view_to_sheet (self, x, y, &sx, &sy);
      cc_render_hit_detail (self->project, self->sheet, screen_options (), sx, sy, &hit);
      if (hit.part != CC_HIT_ITEM || cc_item_get_kind (hit.item) != CC_KIND_CARD)
        return;
      if (!cc_selection_contains (self->selection, hit.item))
        cc_selection_select (self->selection, hit.item);
      show_card_menu (self, &at);
      return;
    }
  if (!is_map (self) || self->context_menu == NULL)
    return;
  /* A right-click on something not selected selects it first. */
  view_to_sheet (self, x, y, &sx, &sy);
  item = cc_render_hit_test (self->project, self->sheet, NULL, sx, sy);
  if (item != NULL && item != self->sheet && !cc_selection_contains (self->selection, item))
    cc_selection_select (self->selection, item);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &at);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static GMenuModel *
build_context_menu (void)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  GMenu *align = g_menu_new ();
  GMenu *distribute = g_menu_new ();
  struct { const char *label, *action; } items[] = {
    { N_("Align _Left"), "canvas.align::left" }, { N_("Align _Centres"), "canvas.align::centre" },
    { N_("Align _Right"), "canvas.align::right" }, { N_("Align _Top"), "canvas.align::top" },
    { N_("Align _Middles"), "canvas.align::middle" }, { N_("Align _Bottom"), "canvas.align::bottom" },
  };

  g_menu_append (section, _("Cu_t"), "canvas.cut");
  g_menu_append (section, _("_Copy"), "canvas.copy");
  g_menu_append (section, _("_Paste"), "canvas.paste");
  g_menu_append (section, _("_Duplicate"), "canvas.duplicate");
  g_menu_append (section, _("Re_name"), "canvas.rename");
  g_menu_append (section, _("_Link To…"), "canvas.link-to");
  g_menu_append (section, _("_Delete"), "canvas.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  section = g_menu_new ();
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    g_menu_append (align, _(items[i].label), items[i].action);
  g_menu_append (distribute, _("_Horizontally"), "canvas.distribute::horizontal");
  g_menu_append (distribute, _("_Vertically"), "canvas.distribute::vertical");
  g_menu_append_submenu (section, _("_Align"), G_MENU_MODEL (align));
  g_menu_append_submenu (section, _("Di_stribute Evenly"), G_MENU_MODEL (distribute));
  g_menu_append (section, _("_Group"), "canvas.group");
  g_menu_append (section, _("_Ungroup"), "canvas.ungroup");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  g_object_unref (align);
  g_object_unref (distribute);

  section = g_menu_new ();
  align = g_menu_new ();
  g_menu_append (section, _("Show _Legend"), "canvas.show-legend");
  g_menu_append (align, _("_Right of the Map"), "canvas.place-legend::right");
  g_menu_append (align, _("_Left of the Map"), "canvas.place-legend::left");
  g_menu_append (align, _("_Below the Map"), "canvas.place-legend::below");
  g_menu_append_submenu (section, _("_Place Legend"), G_MENU_MODEL (align));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  g_object_unref (align);
  return G_MENU_MODEL (menu);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) copies = NULL;

  if (!is_map (self))
    return;
  nodes = selected_nodes (self);
  if (nodes->len == 0)
    return;
  copies = cc_map_duplicate (self->project, self->sheet, cc_selection_get_items (self->selection),
                             DUP_OFFSET, DUP_OFFSET);
  if (copies != NULL)
    {
      g_autoptr(GPtrArray) copied_nodes = g_ptr_array_new ();

      for (guint i = 0; i < copies->len; i++)
        if (cc_item_get_kind (copies->pdata[i]) == CC_KIND_NODE)
          g_ptr_array_add (copied_nodes, copies->pdata[i]);
      cc_selection_set_items (self->selection, copied_nodes);
    }
}

/* The organisation selected last on a map, or NULL. */
static CcItem *
last_selected_node (CcSheetView *self)
{
  g_autoptr(GPtrArray) nodes = is_map (self) ? selected_nodes (self) : NULL;

  return nodes != NULL && nodes->len > 0 ? nodes->pdata[nodes->len - 1] : NULL;
}

static void
rename_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  CcItem *node = last_selected_node (self);

  if (node != NULL)
    editor_open (self, EDIT_RENAME, cc_item_get_double (node, CC_NODE_X),
                 cc_item_get_double (node, CC_NODE_Y), node, NULL);
}

/* The name entry beside the selected organisation, to link it to another
 * one, on the map or not yet: linking without the mouse. */
static void
link_to_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  CcItem *node = last_selected_node (self);

  if (node != NULL)
    editor_open (self, EDIT_CREATE, cc_item_get_double (node, CC_NODE_X) + CHAIN_STEP,
                 cc_item_get_double (node, CC_NODE_Y), NULL, node);
}

static void
place_legend_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  const char *where = g_variant_get_string (param, NULL);
  CcRenderOptions options;
  CcRect legend, rest;

  if (!is_map (self))
    return;
  if (g_strcmp0 (where, "right") == 0)
    {
      /* Back where it goes by itself: beside the map, whatever it grows to. */
      cc_project_begin_group (self->project, _("Move Legend"));
      cc_project_set_double (self->project, self->sheet, CC_MAP_LEGEND_X, CC_UNSET_COORDINATE);
      cc_project_set_double (self->project, self->sheet, CC_MAP_LEGEND_Y, CC_UNSET_COORDINATE);
      cc_project_end_group (self->project);
      return;
    }
  if (!get_box (self, self->sheet, &legend))
    return;
  /* The rest of the drawing, title included, without its margin. */
  cc_render_options_init (&options);
  options.legend = FALSE;
  cc_render_get_bounds (self->project, self->sheet, &options, &rest);
  rest.x += CC_RENDER_MARGIN;
  rest.y += CC_RENDER_MARGIN;
  rest.width -= 2 * CC_RENDER_MARGIN;
  rest.height -= 2 * CC_RENDER_MARGIN;
  if (g_strcmp0 (where, "left") == 0)
    place_legend (self, rest.x - CC_RENDER_LEGEND_GAP - legend.width, rest.y);
  else if (g_strcmp0 (where, "below") == 0)
    place_legend (self, rest.x, rest.y + rest.height + CC_RENDER_LEGEND_GAP);
}

static void
show_context_menu (CcSheetView *self)
{
  GdkRectangle at = { gtk_widget_get_width (GTK_WIDGET (self)) / 2,
                      gtk_widget_get_height (GTK_WIDGET (self)) / 2, 1, 1 };
  GPtrArray *items = cc_selection_get_items (self->selection);
  CcRect box;

  if (!is_map (self) || self->context_menu == NULL)
    return;
  /* Beside what it acts on, when that is in view. */
  if (items->len > 0 && get_box (self, items->pdata[items->len - 1], &box))
    {
      double x, y;

      sheet_to_view (self, box.x + box.width, box.y + box.height / 2, &x, &y);
      if (x >= 0 && y >= 0 && x < gtk_widget_get_width (GTK_WIDGET (self))
          && y < gtk_widget_get_height (GTK_WIDGET (self)))
        at = (GdkRectangle) { (int) x, (int) y, 1, 1 };
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &at);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* ---- the force library --------------------------------------------------- */

/* One library for the whole program: the shipped forces and the user's own. */
static CcForceLibrary *
default_force_library (void)
{
  static CcForceLibrary *library;

  if (g_once_init_enter (&library))
    {
      CcForceLibrary *lib = cc_force_library_new ();
      g_autofree char *user = cc_force_library_default_user_path ();

      cc_force_library_load_builtin (lib);
      cc_force_library_load_user (lib, user);
      g_once_init_leave (&library, lib);
    }
  return library;
}

static void
library_add_force_cb (CcSheetView *self,
                      const char  *label,
                      const char  *description,
                      int          side,
                      int          strength)
{
  CcItem *force;

  if (!is_forcefield (self) || side < 0 || side >= CC_N_SIDES)
    return;
  force = cc_forcefield_add_force (self->project, self->sheet, side, label, strength, description, -1);
  if (force != NULL)
    {
      cc_selection_select (self->selection, force);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* The panel is made the first time the library is opened. */
static void
library_popover_show_cb (CcSheetView *self,
                         GtkPopover  *popover)
{
  GtkWidget *panel = gtk_popover_get_child (popover);

  if (panel == NULL)
    {
      panel = cc_force_library_panel_new (default_force_library ());
      gtk_widget_set_size_request (panel, 420, 520);
      g_signal_connect_object (panel, "add-force", G_CALLBACK (library_add_force_cb), self, G_CONNECT_SWAPPED);
      gtk_popover_set_child (popover, panel);
    }
  cc_force_library_panel_focus_search (CC_FORCE_LIBRARY_PANEL (panel));
}

/* ---- placing organisations on a grid ----------------------------------- */

#define ACTOR_DRAG_PREFIX "concord-actor:"

/* Where an organisation clicked in the list goes: its own point, or, with
 * no values yet, the middle of the grid (a little apart from the last). */
static void
place_actor_from_list (CcSheetView *self, CcItem *actor)
{
  g_autoptr(CcTemplate) tmpl = cc_canvas_get_template (self->sheet);
  double fx = 0.5, fy = 0.5;
  CcItem *card;

  if (!cc_template_actor_point (tmpl, actor, &fx, &fy))
    {
      guint n = cc_item_get_n_children (self->sheet, CC_CANVAS_CARDS) % 5;

      fx = 0.5 + 0.03 * n;
      fy = 0.5 + 0.03 * n;
    }
  card = cc_canvas_place_actor (self->project, self->sheet, actor, NULL, fx, fy);
  if (card != NULL)
    {
      cc_selection_select (self->selection, card);
      reveal_item (self, card);
    }
}

static CcItem *
row_actor (CcSheetView *self, GtkListBoxRow *row)
{
  const char *id = row != NULL ? g_object_get_data (G_OBJECT (row), "cc-actor") : NULL;
  CcItem *actor = id != NULL ? cc_project_lookup (self->project, id) : NULL;

  return actor != NULL && cc_item_get_kind (actor) == CC_KIND_ACTOR ? actor : NULL;
}

static void
place_row_activated_cb (CcSheetView   *self,
                        GtkListBoxRow *row)
{
  CcItem *actor = row_actor (self, row);

  if (actor == NULL || !is_grid (self))
    return;
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->place_button));
  place_actor_from_list (self, actor);
}

static gboolean
place_row_visible (GtkListBoxRow *row, gpointer data)
{
  CcSheetView *self = data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->place_search));
  const char *name = g_object_get_data (G_OBJECT (row), "cc-name");
  g_autofree char *want = NULL, *have = NULL;

  if (text == NULL || text[0] == '\0')
    return TRUE;
  want = g_utf8_casefold (text, -1);
  have = g_utf8_casefold (name != NULL ? name : "", -1);
  return strstr (have, want) != NULL;
}

static void
place_list_filter_changed_cb (CcSheetView *self)
{
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->place_list));
}

/* Enter in the search: the first organisation that matches. */
static void
place_search_activate_cb (CcSheetView *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (self->place_list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row) && place_row_visible (GTK_LIST_BOX_ROW (row), self))
      {
        place_row_activated_cb (self, GTK_LIST_BOX_ROW (row));
        return;
      }
  gtk_widget_error_bell (GTK_WIDGET (self));
}

static GdkContentProvider *
place_drag_prepare_cb (GtkDragSource *source,
                       double         x,
                       double         y,
                       GtkWidget     *row)
{
  g_autofree char *text = g_strconcat (ACTOR_DRAG_PREFIX, (const char *) g_object_get_data (G_OBJECT (row), "cc-actor"),
                                       NULL);

  return gdk_content_provider_new_typed (G_TYPE_STRING, text);
}

static void
place_popover_show_cb (CcSheetView *self)
{
  CcItem *root = cc_project_get_root (self->project);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->place_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->place_list), child);
  for (guint i = 0; i < cc_item_get_n_children (root, CC_PROJECT_ACTORS); i++)
    {
      CcItem *actor = cc_item_get_child (root, CC_PROJECT_ACTORS, i);
      GtkWidget *row, *label;
      GtkDragSource *source;

      if (cc_canvas_find_actor_card (self->sheet, actor) != NULL)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cc_item_get_string (actor, CC_ACTOR_NAME));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _(cc_sector_label ((CcSector) cc_item_get_int (actor, CC_ACTOR_SECTOR))));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      label = gtk_image_new_from_icon_name ("list-add-symbolic");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "cc-actor", g_strdup (cc_item_get_id (actor)), g_free);
      g_object_set_data_full (G_OBJECT (row), "cc-name", g_strdup (cc_item_get_string (actor, CC_ACTOR_NAME)), g_free);
      source = gtk_drag_source_new ();
      gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
      g_signal_connect (source, "prepare", G_CALLBACK (place_drag_prepare_cb), row);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
      gtk_list_box_append (GTK_LIST_BOX (self->place_list), row);
    }
  if (gtk_widget_get_first_child (self->place_list) == NULL)
    {
      GtkWidget *none = gtk_label_new (_("Every organisation of the project is on this grid"));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 12);
      gtk_list_box_set_placeholder (GTK_LIST_BOX (self->place_list), none);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->place_search), "");
  gtk_widget_grab_focus (self->place_search);
}

/* An organisation dragged from the list, dropped on the grid. */
static gboolean
actor_drop_cb (GtkDropTarget *target,
               const GValue  *value,
               double         x,
               double         y,
               CcSheetView   *self)
{
  const char *text = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
  CcItem *actor, *card;
  CcHit hit;
  double sx, sy;

  if (text == NULL || !g_str_has_prefix (text, ACTOR_DRAG_PREFIX) || !is_grid (self))
    return FALSE;
  actor = cc_project_lookup (self->project, text + strlen (ACTOR_DRAG_PREFIX));
  if (actor == NULL || cc_item_get_kind (actor) != CC_KIND_ACTOR)
    return FALSE;
  view_to_sheet (self, x, y, &sx, &sy);
  cc_render_hit_detail (self->project, self->sheet, screen_options (), sx, sy, &hit);
  if (!hit.on_grid || (card = cc_canvas_place_actor (self->project, self->sheet, actor, NULL, hit.grid_x,
                                                     hit.grid_y)) == NULL)
    return FALSE;
  cc_selection_select (self->selection, card);
  return TRUE;
}

/* ---- the tools over the map ------------------------------------------- */

typedef struct
{
  const char *label;   /* untranslated for built-in types */
  const char *color;
  CcDash      dash;
  gboolean    builtin;
} LinkTypeLook;

/* How a link type id looks; FALSE when the project has no such type. */
static gboolean
link_type_look (CcProject    *project,
                const char   *id,
                LinkTypeLook *look)
{
  const CcBuiltinLinkType *builtin = cc_builtin_link_type (id);
  CcItem *item;

  if (builtin != NULL)
    {
      *look = (LinkTypeLook) { builtin->label, builtin->color, builtin->dash, TRUE };
      return TRUE;
    }
  item = project != NULL && id != NULL ? cc_project_lookup (project, id) : NULL;
  if (item == NULL || cc_item_get_kind (item) != CC_KIND_LINK_TYPE)
    return FALSE;
  *look = (LinkTypeLook) { cc_item_get_string (item, CC_LINK_TYPE_LABEL),
                           cc_item_get_string (item, CC_LINK_TYPE_COLOR),
                           (CcDash) cc_item_get_int (item, CC_LINK_TYPE_DASH), FALSE };
  return TRUE;
}

/* A short line in the colour and dash of the current link type. */
static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  CcSheetView *self = data;
  LinkTypeLook look;
  GdkRGBA color;

  if (!link_type_look (self->project, shown_link_type (self), &look) || !gdk_rgba_parse (&color, look.color))
    return;
  /* A light outline under it, so that dark colours show on the dark pill. */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, 2, height / 2.0);
  cairo_line_to (cr, width - 2, height / 2.0);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_set_line_width (cr, 6);
  cairo_stroke (cr);
  switch (look.dash)
    {
    case CC_DASH_DASHED:
      cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    case CC_DASH_DOTTED:
      cairo_set_dash (cr, (double[]) { 0, 5 }, 2, 0);
      break;
    case CC_DASH_DASH_DOT:
      cairo_set_dash (cr, (double[]) { 6, 4, 0, 4 }, 4, 0);
      break;
    case CC_DASH_SOLID:
    case CC_N_DASHES:
    default:
      break;
    }
  cairo_move_to (cr, 3, height / 2.0);
  cairo_line_to (cr, width - 3, height / 2.0);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, 3.5);
  cairo_stroke (cr);
}

/* The menu of link types: the built-in ones (keys 1-4), then the project's. */
static void
tools_update_menu (CcSheetView *self)
{
  GPtrArray *types = self->project != NULL
    ? cc_item_get_children (cc_project_get_root (self->project), CC_PROJECT_LINK_TYPES) : NULL;
  g_autoptr(GString) signature = g_string_new (NULL);
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GPtrArray) links = selected_links (self);
  /* With links selected, a type is theirs; with none, new links'. */
  const char *action = links->len > 0 ? "canvas.retype-links" : "canvas.link-type";

  g_string_append_printf (signature, "%s\x1d", action);
  for (guint i = 0; types != NULL && i < types->len; i++)
    g_string_append_printf (signature, "%s\x1f%s\x1e", cc_item_get_id (types->pdata[i]),
                            cc_item_get_string (types->pdata[i], CC_LINK_TYPE_LABEL));
  if (self->link_types_signature != NULL && g_str_equal (signature->str, self->link_types_signature))
    return;
  g_free (self->link_types_signature);
  self->link_types_signature = g_strdup (signature->str);

  menu = cc_link_type_menu_new (self->project, action);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->link_type_button), G_MENU_MODEL (menu));
}

static void
tools_update (CcSheetView *self)
{
  LinkTypeLook look;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;

  gtk_widget_set_visible (self->tools, is_map (self) || is_forcefield (self) || is_grid (self));
  gtk_widget_set_visible (self->map_tools, is_map (self));
  gtk_widget_set_visible (self->forcefield_tools, is_forcefield (self));
  gtk_widget_set_visible (self->grid_tools, is_grid (self));
  if (!is_map (self))
    return;
  tools_update_menu (self);
  if (!link_type_look (self->project, self->link_type, &look))
    {
      /* The type was deleted (or undone away): links go back to informal. */
      cc_sheet_view_set_link_type (self, "informal");
      return;
    }
  if (cc_selection_get_n_items (self->selection) > 0)
    {
      g_autoptr(GPtrArray) links = selected_links (self);
      const char *type = shown_link_type (self);

      if (links->len > 0)
        {
          if (type != NULL && link_type_look (self->project, type, &look))
            {
              label = cc_bidi_isolate (look.builtin ? _(look.label) : look.label);
              text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Selected link: %s", "Selected links: %s",
                                                   links->len), label);
            }
          else
            text = g_strdup (_("Selected links: several types"));
          gtk_label_set_text (GTK_LABEL (self->link_type_label), text);
          gtk_widget_set_tooltip_text (self->link_type_button, _("Type of the Selected Links (keys 1–4)"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->link_type_button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
          gtk_widget_queue_draw (self->link_type_swatch);
          return;
        }
    }
  label = cc_bidi_isolate (look.builtin ? _(look.label) : look.label);
  text = g_strdup_printf (_("New links: %s"), label);
  gtk_label_set_text (GTK_LABEL (self->link_type_label), text);
  gtk_widget_set_tooltip_text (self->link_type_button, _("Type of New Links (keys 1–4)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->link_type_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_draw (self->link_type_swatch);
}

static void
tools_init (CcSheetView *self)
{
  GtkWidget *box, *legend;

  self->tools = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->tools, "osd");
  gtk_widget_add_css_class (self->tools, "sheet-tools");

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->link_type_swatch = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->link_type_swatch), 28);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->link_type_swatch), 14);
  gtk_widget_set_valign (self->link_type_swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->link_type_swatch), draw_swatch, self, NULL);
  gtk_box_append (GTK_BOX (box), self->link_type_swatch);
  self->link_type_label = gtk_label_new (NULL);
  gtk_box_append (GTK_BOX (box), self->link_type_label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("pan-down-symbolic"));

  self->map_tools = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (self->tools), self->map_tools);
  self->link_type_button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->link_type_button), box);
  gtk_widget_add_css_class (self->link_type_button, "flat");
  gtk_box_append (GTK_BOX (self->map_tools), self->link_type_button);

  legend = gtk_toggle_button_new_with_mnemonic (_("_Legend"));
  gtk_widget_set_focus_on_click (legend, FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (legend), "canvas.show-legend");
  gtk_widget_set_tooltip_text (legend, _("Show the Legend on the Map (Ctrl+L)"));
  gtk_widget_add_css_class (legend, "flat");
  gtk_box_append (GTK_BOX (self->map_tools), legend);

  /* Force fields: add on either side, see the plan, turn, score a round. */
  self->forcefield_tools = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (self->tools), self->forcefield_tools);
  {
    struct { const char *label, *tooltip, *action, *target; gboolean toggle; } buttons[] = {
      { N_("+ _Driving"), N_("Add a Driving Force"), "canvas.add-force", "driving", FALSE },
      { N_("+ _Resisting"), N_("Add a Resisting Force"), "canvas.add-force", "resisting", FALSE },
      { N_("After the _Plan"), N_("Show Arrows and Totals After the Planned Actions"), "canvas.planned-view", NULL, TRUE },
      { N_("_Vertical"), N_("Resisting Forces Above, Driving Forces Below"), "canvas.vertical", NULL, TRUE },
      { N_("_Score a Round"), N_("Score Every Force for One Participant (Ctrl+R)"), "canvas.score-round", NULL, FALSE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
      {
        GtkWidget *button = buttons[i].toggle ? gtk_toggle_button_new_with_mnemonic (_(buttons[i].label))
                                              : gtk_button_new_with_mnemonic (_(buttons[i].label));

        if (buttons[i].target != NULL)
          {
            g_autofree char *detailed = g_strdup_printf ("%s::%s", buttons[i].action, buttons[i].target);

            gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (button), detailed);
          }
        else
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), buttons[i].action);
        gtk_widget_set_tooltip_text (button, _(buttons[i].tooltip));
        gtk_widget_add_css_class (button, "flat");
        /* A click leaves the keyboard on the sheet, for the keys that follow */
        gtk_widget_set_focus_on_click (button, FALSE);
        gtk_box_append (GTK_BOX (self->forcefield_tools), button);
        if (g_str_equal (buttons[i].action, "canvas.vertical"))
          self->ff_optional[0] = button;
        else if (g_str_equal (buttons[i].action, "canvas.planned-view"))
          self->ff_optional[1] = button;
        else if (g_str_equal (buttons[i].action, "canvas.score-round"))
          self->ff_optional[2] = button;
      }
    self->more_button = gtk_menu_button_new ();
    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->more_button), "view-more-symbolic");
    gtk_widget_set_tooltip_text (self->more_button, _("More Tools"));
    gtk_widget_add_css_class (self->more_button, "flat");
    gtk_widget_set_visible (self->more_button, FALSE);
    gtk_box_append (GTK_BOX (self->forcefield_tools), self->more_button);
  }
  {
    GtkWidget *popover = gtk_popover_new ();

    self->library_button = gtk_menu_button_new ();
    gtk_menu_button_set_label (GTK_MENU_BUTTON (self->library_button), _("_Library"));
    gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (self->library_button), TRUE);
    gtk_widget_set_tooltip_text (self->library_button, _("Common Forces to Add (Ctrl+L)"));
    gtk_widget_add_css_class (self->library_button, "flat");
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->library_button), popover);
    g_signal_connect_object (popover, "show", G_CALLBACK (library_popover_show_cb), self, G_CONNECT_SWAPPED);
    gtk_box_insert_child_after (GTK_BOX (self->forcefield_tools), self->library_button,
                                gtk_widget_get_first_child (self->forcefield_tools) != NULL
                                ? gtk_widget_get_next_sibling (gtk_widget_get_first_child (self->forcefield_tools))
                                : NULL);
  }

  /* Grids: the project's organisations, to place with a click or a drag. */
  self->grid_tools = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (self->tools), self->grid_tools);
  {
    GtkWidget *popover = gtk_popover_new ();
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *scroller = gtk_scrolled_window_new ();
    GtkWidget *hint = gtk_label_new (_("Click to place it by its power and interest (in the middle when it has none yet), or drag it to where it belongs"));

    self->place_search = gtk_search_entry_new ();
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->place_search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Find an organisation"), -1);
    g_signal_connect_object (self->place_search, "search-changed", G_CALLBACK (place_list_filter_changed_cb), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (self->place_search, "activate", G_CALLBACK (place_search_activate_cb), self,
                             G_CONNECT_SWAPPED);
    gtk_box_append (GTK_BOX (box), self->place_search);
    self->place_list = gtk_list_box_new ();
    gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->place_list), TRUE);
    gtk_list_box_set_filter_func (GTK_LIST_BOX (self->place_list), place_row_visible, self, NULL);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->place_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Organisations not on this grid"), -1);
    g_signal_connect_object (self->place_list, "row-activated", G_CALLBACK (place_row_activated_cb), self,
                             G_CONNECT_SWAPPED);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->place_list);
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_widget_set_size_request (scroller, 320, 360);
    gtk_box_append (GTK_BOX (box), scroller);
    gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
    gtk_label_set_max_width_chars (GTK_LABEL (hint), 36);
    gtk_widget_add_css_class (hint, "dim-label");
    gtk_box_append (GTK_BOX (box), hint);
    gtk_popover_set_child (GTK_POPOVER (popover), box);
    g_signal_connect_object (popover, "show", G_CALLBACK (place_popover_show_cb), self, G_CONNECT_SWAPPED);

    self->place_button = gtk_menu_button_new ();
    gtk_menu_button_set_label (GTK_MENU_BUTTON (self->place_button), _("Place _Organisation"));
    gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (self->place_button), TRUE);
    gtk_widget_set_tooltip_text (self->place_button, _("The Project's Organisations Not Yet on This Grid"));
    gtk_widget_add_css_class (self->place_button, "flat");
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->place_button), popover);
    gtk_box_append (GTK_BOX (self->grid_tools), self->place_button);
  }

  /* A click on a tool leaves the keyboard on the sheet, so that a toggle
   * never keeps a focus that makes it look on, and keys go on to the sheet. */
  for (GtkWidget *box = gtk_widget_get_first_child (self->tools); box != NULL; box = gtk_widget_get_next_sibling (box))
    for (GtkWidget *b = gtk_widget_get_first_child (box); b != NULL; b = gtk_widget_get_next_sibling (b))
      {
        gtk_widget_set_focus_on_click (b, FALSE);
        if (GTK_IS_MENU_BUTTON (b) && gtk_widget_get_first_child (b) != NULL)
          gtk_widget_set_focus_on_click (gtk_widget_get_first_child (b), FALSE);
      }
  gtk_widget_set_parent (self->tools, GTK_WIDGET (self));
  gtk_widget_set_visible (self->tools, FALSE);
}

static void
actions_update (CcSheetView *self)
{
  gboolean map = is_map (self);
  g_autoptr(GPtrArray) nodes = selected_nodes (self);
  guint n = cc_selection_get_n_items (self->selection);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.select-all",
                                 map || is_forcefield (self) || is_canvas (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.delete",
                                 (map || is_forcefield (self) || is_canvas (self)) && n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.duplicate", map && nodes->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.rename", map && nodes->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.link-to", map && nodes->len > 0);
  {
    g_autoptr(GPtrArray) cards = cc_selection_get_of_kind (self->selection, CC_KIND_CARD);

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.edit-card", is_canvas (self) && cards->len > 0);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.connect",
                                   is_canvas (self) && cards->len > 0
                                   && cc_item_get_n_children (self->sheet, CC_CANVAS_CARDS) > 1);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.link-type", map);
  {
    g_autoptr(GPtrArray) links = selected_links (self);

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.retype-links", map && links->len > 0);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.show-legend", map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.add-force", is_forcefield (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.vertical", is_forcefield (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.planned-view",
                                 is_forcefield (self) && cc_forcefield_has_plans (self->sheet));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.score-round",
                                 is_forcefield (self)
                                 && cc_item_get_n_children (self->sheet, CC_FORCEFIELD_FORCES) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.place-legend",
                                 map && cc_item_get_bool (self->sheet, CC_MAP_LEGEND)
                                 && cc_item_get_n_children (self->sheet, CC_MAP_NODES) > 0);
}

static void tools_update (CcSheetView *self);

static void
selection_changed_cb (CcSheetView *self)
{
  actions_update (self);
  tools_update (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static const char * const link_type_keys[] = { "informal", "strategic", "statutory", "delivery" };

/* The node linked to @node that lies most nearly in the direction
 * (@dirx, @diry), nearer ones first; NULL when none lies that way. */
static CcItem *
neighbour_towards (CcSheetView *self, CcItem *node, double dirx, double diry)
{
  g_autoptr(GPtrArray) around = cc_map_neighbours (self->project, node);
  double x = cc_item_get_double (node, CC_NODE_X), y = cc_item_get_double (node, CC_NODE_Y);
  CcItem *best = NULL;
  double best_score = G_MAXDOUBLE;

  for (guint i = 0; i < around->len; i++)
    {
      double dx = cc_item_get_double (around->pdata[i], CC_NODE_X) - x;
      double dy = cc_item_get_double (around->pdata[i], CC_NODE_Y) - y;
      double dist = hypot (dx, dy);
      double cosine, score;

      if (dist < 1e-6)
        continue;
      cosine = (dx * dirx + dy * diry) / dist;
      if (cosine < 0.35)
        continue;
      score = dist * (2.0 - cosine);
      if (score < best_score)
        {
          best_score = score;
          best = around->pdata[i];
        }
    }
  return best;
}

/* Moves the selection to a linked neighbour (Alt+arrow), keeping it in view. */
static gboolean
select_neighbour (CcSheetView *self, guint keyval)
{
  CcItem *current = cc_selection_get_single (self->selection);
  CcItem *next = NULL;
  CcRect area;
  double x, y;

  if (current == NULL || cc_item_get_kind (current) != CC_KIND_NODE)
    {
      if (cc_item_get_n_children (self->sheet, CC_MAP_NODES) == 0)
        return FALSE;
      next = cc_item_get_child (self->sheet, CC_MAP_NODES, 0);
    }
  else
    {
      double dirx = keyval == GDK_KEY_Left ? -1 : keyval == GDK_KEY_Right ? 1 : 0;
      double diry = keyval == GDK_KEY_Up ? -1 : keyval == GDK_KEY_Down ? 1 : 0;

      next = neighbour_towards (self, current, dirx, diry);
      if (next == NULL)
        {
          gtk_widget_error_bell (GTK_WIDGET (self));
          return TRUE;
        }
    }
  cc_selection_select (self->selection, next);
  x = cc_item_get_double (next, CC_NODE_X);
  y = cc_item_get_double (next, CC_NODE_Y);
  cc_sheet_view_get_visible_area (self, &area);
  if (x < area.x || x > area.x + area.width || y < area.y || y > area.y + area.height)
    {
      self->center_x = x;
      self->center_y = y;
      constrain (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}


/* ---- force fields ---------------------------------------------------------- */

/* All the forces of the sheet in the order a round of scores visits them:
 * driving, then resisting. */
static GPtrArray *
forces_in_order (CcSheetView *self)
{
  GPtrArray *all = cc_forcefield_side_forces (self->sheet, CC_SIDE_DRIVING);
  g_autoptr(GPtrArray) resisting = cc_forcefield_side_forces (self->sheet, CC_SIDE_RESISTING);

  for (guint i = 0; i < resisting->len; i++)
    g_ptr_array_add (all, resisting->pdata[i]);
  return all;
}

static CcItem *
selected_force (CcSheetView *self)
{
  g_autoptr(GPtrArray) forces = cc_selection_get_of_kind (self->selection, CC_KIND_FORCE);

  return forces->len > 0 ? forces->pdata[forces->len - 1] : NULL;
}

/* Keeps @item in view, scrolling as little as needed. */
static void
reveal_item (CcSheetView *self,
             CcItem      *item)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
  double x1, y1, x2, y2, dx = 0, dy = 0;
  CcRect box;

  if (item == NULL || !get_box (self, item, &box) || w <= 0 || h <= 0)
    return;
  sheet_to_view (self, box.x, box.y, &x1, &y1);
  sheet_to_view (self, box.x + box.width, box.y + box.height, &x2, &y2);
  if (x1 < 24)
    dx = x1 - 24;
  else if (x2 > w - 24)
    dx = MIN (x2 - (w - 24), x1 - 24);
  if (y1 < 24)
    dy = y1 - 24;
  else if (y2 > h - BOTTOM_INSET)
    dy = MIN (y2 - (h - BOTTOM_INSET), y1 - 24);
  if (dx != 0 || dy != 0)
    cc_sheet_view_pan (self, dx, dy);
}

static void
select_force (CcSheetView *self,
              CcItem      *force)
{
  if (force == NULL)
    return;
  cc_selection_select (self->selection, force);
  reveal_item (self, force);
}

/* The next free participant number on this sheet. */
static char *
next_participant (CcSheetView *self)
{
  GPtrArray *forces = cc_item_get_children (self->sheet, CC_FORCEFIELD_FORCES);
  guint n = 0;

  for (guint i = 0; i < forces->len; i++)
    {
      GPtrArray *scores = cc_item_get_children (forces->pdata[i], CC_FORCE_SCORES);

      for (guint j = 0; j < scores->len; j++)
        {
          const char *who = cc_item_get_string (scores->pdata[j], CC_SCORE_PARTICIPANT);
          char *end = NULL;
          guint64 v = g_ascii_strtoull (who, &end, 10);

          if (end != who && *end == '\0' && v < G_MAXUINT)
            n = MAX (n, (guint) v);
        }
    }
  return g_strdup_printf ("%u", n + 1);
}

static void
score_round_start (CcSheetView *self,
                   const char  *participant)
{
  g_autoptr(GPtrArray) forces = NULL;

  if (!is_forcefield (self))
    return;
  forces = forces_in_order (self);
  if (forces->len == 0)
    return;
  g_free (self->score_participant);
  self->score_participant = participant != NULL && participant[0] ? g_strdup (participant)
                                                                   : next_participant (self);
  select_force (self, forces->pdata[0]);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Scoring: press 1 to 5 for the selected force; Escape ends the round"), -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
score_round_end (CcSheetView *self)
{
  g_clear_pointer (&self->score_participant, g_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* In a round: scores the selected force and moves to the next; the round
 * ends after the last. */
static void
score_selected (CcSheetView *self,
                int          score)
{
  g_autoptr(GPtrArray) forces = forces_in_order (self);
  CcItem *force = selected_force (self);
  guint at = 0;

  if (force == NULL || !g_ptr_array_find (forces, force, &at))
    force = forces->len > 0 ? forces->pdata[0] : NULL;
  if (force == NULL)
    return;
  cc_forcefield_set_score (self->project, force, self->score_participant, score);
  if (at + 1 < forces->len)
    select_force (self, forces->pdata[at + 1]);
  else
    score_round_end (self);
}

/* Sets (or, with @delta, changes) the strength of the selected forces, in
 * one step. */
static void
set_selected_strength (CcSheetView *self,
                       int          value,
                       gboolean     delta)
{
  g_autoptr(GPtrArray) forces = cc_selection_get_of_kind (self->selection, CC_KIND_FORCE);

  if (forces->len == 0)
    return;
  cc_project_begin_group (self->project, _("Set Strength"));
  for (guint i = 0; i < forces->len; i++)
    {
      gint64 now = cc_item_get_int (forces->pdata[i], CC_FORCE_STRENGTH);
      gint64 want = CLAMP (delta ? now + value : value, CC_FORCE_MIN_STRENGTH, CC_FORCE_MAX_STRENGTH);

      if (want != now)
        cc_project_set_int (self->project, forces->pdata[i], CC_FORCE_STRENGTH, want);
    }
  cc_project_end_group (self->project);
}

/* Arrow keys on a force field: along a side (previous, next) and across. */
static gboolean
forcefield_arrow (CcSheetView *self,
                  guint        keyval,
                  gboolean     move)
{
  gboolean vertical = is_vertical (self);
  CcItem *force = selected_force (self);
  int along = 0, across = 0, side, index;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) other = NULL;
  guint at = 0;

  switch (keyval)
    {
    case GDK_KEY_Up: case GDK_KEY_KP_Up: vertical ? (across = -1) : (along = -1); break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: vertical ? (across = 1) : (along = 1); break;
    case GDK_KEY_Left: case GDK_KEY_KP_Left: vertical ? (along = -1) : (across = -1); break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: vertical ? (along = 1) : (across = 1); break;
    default: return FALSE;
    }
  if (force == NULL)
    {
      g_autoptr(GPtrArray) all = forces_in_order (self);

      if (all->len == 0)
        return FALSE;
      select_force (self, all->pdata[0]);
      return TRUE;
    }
  side = cc_item_get_int (force, CC_FORCE_SIDE) == CC_SIDE_RESISTING ? CC_SIDE_RESISTING : CC_SIDE_DRIVING;
  mine = cc_forcefield_side_forces (self->sheet, side);
  g_ptr_array_find (mine, force, &at);
  index = (int) at;

  /* Which way is the other side? Horizontal: driving on the left.
   * Vertical: resisting at the top. */
  if (across != 0)
    {
      int towards = vertical ? (across < 0 ? CC_SIDE_RESISTING : CC_SIDE_DRIVING)
                             : (across < 0 ? CC_SIDE_DRIVING : CC_SIDE_RESISTING);

      if (towards == side)
        return TRUE;
      other = cc_forcefield_side_forces (self->sheet, towards);
      if (move)
        cc_forcefield_move_force (self->project, force, towards, MIN (index, (int) other->len));
      else if (other->len > 0)
        select_force (self, other->pdata[MIN ((guint) index, other->len - 1)]);
      reveal_item (self, force);
      return TRUE;
    }
  if (index + along < 0 || index + along >= (int) mine->len)
    return TRUE;
  if (move)
    {
      cc_forcefield_move_force (self->project, force, side, index + along);
      reveal_item (self, force);
    }
  else
    select_force (self, mine->pdata[index + along]);
  return TRUE;
}

static void
delete_forces (CcSheetView *self)
{
  g_autoptr(GPtrArray) forces = cc_selection_get_of_kind (self->selection, CC_KIND_FORCE);
  g_autofree char *message = NULL;

  if (forces->len == 0)
    return;
  if (forces->len == 1)
    {
      g_autofree char *label = cc_bidi_isolate (cc_item_get_string (forces->pdata[0], CC_FORCE_LABEL));

      message = g_strdup_printf (_("“%s” removed"), label);
    }
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u force removed", "%u forces removed", forces->len),
                               forces->len);
  cc_selection_clear (self->selection);
  cc_project_begin_group (self->project, forces->len == 1 ? _("Delete Force") : _("Delete Forces"));
  for (guint i = 0; i < forces->len; i++)
    cc_project_delete (self->project, forces->pdata[i]);
  cc_project_end_group (self->project);
  g_signal_emit (self, view_signals[SIGNAL_DELETED], 0, message);
}

static gboolean
forcefield_key (CcSheetView    *self,
                guint           keyval,
                GdkModifierType state)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean ctrl = (state & GDK_CONTROL_MASK) != 0;
  gboolean alt = (state & GDK_ALT_MASK) != 0;
  CcItem *force = selected_force (self);

  if (ctrl && !alt)
    {
      switch (keyval)
        {
        case GDK_KEY_a:
        case GDK_KEY_A:
          return gtk_widget_activate_action (widget, "canvas.select-all", NULL);
        case GDK_KEY_r:
        case GDK_KEY_R:
          return gtk_widget_activate_action (widget, "canvas.score-round", NULL);
        case GDK_KEY_l:
        case GDK_KEY_L:
          gtk_menu_button_popup (GTK_MENU_BUTTON (self->library_button));
          return TRUE;
        default:
          return FALSE;
        }
    }
  if (alt && !ctrl)
    return forcefield_arrow (self, keyval, TRUE);
  if (ctrl || alt)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->drag_mode == DRAG_STRENGTH || self->drag_mode == DRAG_FORCE)
        drag_reset (self);
      else if (self->score_participant != NULL)
        score_round_end (self);
      else
        cc_selection_clear (self->selection);
      return TRUE;
    case GDK_KEY_1: case GDK_KEY_2: case GDK_KEY_3: case GDK_KEY_4: case GDK_KEY_5:
    case GDK_KEY_KP_1: case GDK_KEY_KP_2: case GDK_KEY_KP_3: case GDK_KEY_KP_4: case GDK_KEY_KP_5:
      {
        int value = keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_5 ? (int) (keyval - GDK_KEY_KP_1) + 1
                                                                     : (int) (keyval - GDK_KEY_1) + 1;

        if (self->score_participant != NULL)
          score_selected (self, value);
        else
          set_selected_strength (self, value, FALSE);
        return TRUE;
      }
    case GDK_KEY_plus: case GDK_KEY_equal: case GDK_KEY_KP_Add:
      set_selected_strength (self, 1, TRUE);
      return TRUE;
    case GDK_KEY_minus: case GDK_KEY_underscore: case GDK_KEY_KP_Subtract:
      set_selected_strength (self, -1, TRUE);
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      delete_forces (self);
      return TRUE;
    case GDK_KEY_F2:
      if (force != NULL)
        {
          CcRect box;

          if (get_box (self, force, &box))
            editor_open (self, EDIT_FORCE, box.x + box.width / 2, box.y + box.height / 2, force, NULL);
        }
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      /* A new force after the selected one, on its side. */
      if (force != NULL)
        {
          int side = cc_item_get_int (force, CC_FORCE_SIDE) == CC_SIDE_RESISTING ? CC_SIDE_RESISTING
                                                                                 : CC_SIDE_DRIVING;
          g_autoptr(GPtrArray) mine = cc_forcefield_side_forces (self->sheet, side);
          guint at = 0;

          g_ptr_array_find (mine, force, &at);
          open_new_force (self, side, (int) at + 1);
        }
      else
        open_new_force (self, CC_SIDE_DRIVING, -1);
      return TRUE;
    case GDK_KEY_space:
      self->space_held = TRUE;
      return TRUE;
    default:
      return forcefield_arrow (self, keyval, FALSE);
    }
}

static void
add_force_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  const char *side = g_variant_get_string (param, NULL);

  open_new_force (self, g_strcmp0 (side, "resisting") == 0 ? CC_SIDE_RESISTING : CC_SIDE_DRIVING, -1);
}

static void
score_round_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  const CcRect *b;

  if (!is_forcefield (self) || cc_item_get_n_children (self->sheet, CC_FORCEFIELD_FORCES) == 0)
    return;
  if (self->score_participant != NULL)
    {
      score_round_end (self);
      return;
    }
  /* Who is scoring, asked where the change is. */
  b = get_bounds (self);
  editor_open (self, EDIT_PARTICIPANT, self->center_x, MAX (b->y + 60, self->center_y - 100), NULL, NULL);
}

/* ---- design canvases ------------------------------------------------------ */

static CcItem *
selected_card (CcSheetView *self)
{
  g_autoptr(GPtrArray) cards = cc_selection_get_of_kind (self->selection, CC_KIND_CARD);

  return cards->len > 0 ? cards->pdata[cards->len - 1] : NULL;
}

/* Opens the entry for a new card in @panel, at @index (-1: last), over the
 * point (sx, sy) of the sheet. */
static void
open_new_card (CcSheetView *self,
               const char  *panel,
               int          index,
               double       sx,
               double       sy)
{
  if (!is_canvas (self) || panel == NULL)
    return;
  g_free (self->edit_panel);
  self->edit_panel = g_strdup (panel);
  self->edit_index = index;
  editor_open (self, EDIT_NEW_CARD, sx, sy, NULL, NULL);
}

/* A new card after @card, in its panel, opened below it. */
static void
open_card_after (CcSheetView *self,
                 CcItem      *card)
{
  g_autoptr(GPtrArray) in_panel = cc_canvas_panel_cards (self->sheet, cc_item_get_string (card, CC_CARD_PANEL));
  g_autofree char *panel = g_strdup (cc_item_get_string (card, CC_CARD_PANEL));
  guint at = 0;
  CcRect box;

  g_ptr_array_find (in_panel, card, &at);
  if (!get_box (self, card, &box))
    return;
  open_new_card (self, panel, (int) at + 1, box.x + box.width / 2, box.y + box.height + 24);
}

/* The card editor's text, trimmed of blank lines and spaces at either end. */
static char *
card_editor_text (CcSheetView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->card_text));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
canvas_editor_commit (CcSheetView *self,
                      gboolean     chain)
{
  g_autofree char *text = card_editor_text (self);
  g_autofree char *panel = g_strdup (self->edit_panel);
  EditMode mode = self->edit_mode;
  CcItem *card = self->edit_node ? cc_item_ref (self->edit_node) : NULL;
  int index = self->edit_index;
  CcItem *added = NULL;

  self->committing = TRUE;
  editor_close (self);
  if (mode == EDIT_CARD && card != NULL && g_strcmp0 (text, cc_item_get_string (card, CC_CARD_TEXT)) != 0)
    {
      cc_project_begin_group (self->project, _("Edit Card"));
      cc_project_set_string (self->project, card, CC_CARD_TEXT, text);
      cc_project_end_group (self->project);
    }
  else if (mode == EDIT_NEW_CARD && text[0] != '\0')
    {
      added = cc_canvas_add_card (self->project, self->sheet, panel, text, index);
      if (added != NULL)
        cc_selection_select (self->selection, added);
    }
  self->committing = FALSE;
  if (chain && added != NULL)
    open_card_after (self, added);
  g_clear_pointer (&card, cc_item_unref);
}

/* The point of the grid where @actor stands, or FALSE. */
static gboolean
grid_point (CcSheetView *self, CcItem *actor, double *fx, double *fy)
{
  g_autoptr(CcTemplate) tmpl = cc_canvas_get_template (self->sheet);

  return cc_template_actor_point (tmpl, actor, fx, fy);
}

/* A card about an organisation dragged on a grid sets the organisation's
 * values: it moves by as much of the grid as the pointer did. FALSE when
 * the card is not such a card, to move it between panels instead. */
static gboolean
grid_drag_end (CcSheetView *self, CcItem *card, double sx, double sy)
{
  CcItem *actor;
  CcHit from, to;
  double sx0, sy0, fx, fy;

  if (!is_grid (self))
    return FALSE;
  actor = cc_project_lookup (self->project, cc_item_get_string (card, CC_CARD_ACTOR));
  if (actor == NULL || cc_item_get_kind (actor) != CC_KIND_ACTOR)
    return FALSE;
  view_to_sheet (self, self->drag_x, self->drag_y, &sx0, &sy0);
  cc_render_hit_detail (self->project, self->sheet, screen_options (), sx0, sy0, &from);
  cc_render_hit_detail (self->project, self->sheet, screen_options (), sx, sy, &to);
  if (!to.on_grid && !from.on_grid)
    return FALSE;
  if (!grid_point (self, actor, &fx, &fy))
    fx = from.grid_x, fy = from.grid_y;
  cc_canvas_place_actor (self->project, self->sheet, actor, NULL, fx + to.grid_x - from.grid_x,
                         fy + to.grid_y - from.grid_y);
  return TRUE;
}

/* Alt+arrows on a grid: the selected organisations' values, a step at a time. */
static gboolean
grid_nudge (CcSheetView *self, guint keyval, GdkModifierType state)
{
  g_autoptr(GPtrArray) cards = cc_selection_get_of_kind (self->selection, CC_KIND_CARD);
  double dx = 0, dy = 0, step = (state & GDK_SHIFT_MASK) ? 0.1 : 0.05;
  gboolean moved = FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: dx = -step; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = step; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: dy = step; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: dy = -step; break;
    default: return FALSE;
    }
  cc_project_begin_group (self->project, _("Move Organisation"));
  for (guint i = 0; i < cards->len; i++)
    {
      CcItem *actor = cc_project_lookup (self->project, cc_item_get_string (cards->pdata[i], CC_CARD_ACTOR));
      double fx = 0.5, fy = 0.5;

      if (actor == NULL || cc_item_get_kind (actor) != CC_KIND_ACTOR)
        continue;
      grid_point (self, actor, &fx, &fy);
      cc_canvas_place_actor (self->project, self->sheet, actor, NULL, fx + dx, fy + dy);
      moved = TRUE;
    }
  cc_project_end_group (self->project);
  return moved;
}

static void
edit_card_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  CcItem *card = is_canvas (self) ? selected_card (self) : NULL;
  CcRect box;

  if (card != NULL && get_box (self, card, &box))
    editor_open (self, EDIT_CARD, box.x + box.width / 2, box.y + box.height / 2, card, NULL);
}

static void
connect_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  CcItem *card = is_canvas (self) ? selected_card (self) : NULL;

  if (card == NULL)
    return;
  connect_end (self);
  self->connect_from = cc_item_ref (card);
  connect_set_target (self, card_beside (self, card, card, FALSE));
  gtk_widget_grab_focus (widget);
}

/* A card's menu, beside the card at (x, y) of the view, or beside the
 * selected card when @at is NULL. */
static void
show_card_menu (CcSheetView        *self,
                const GdkRectangle *at)
{
  GdkRectangle where = { gtk_widget_get_width (GTK_WIDGET (self)) / 2,
                         gtk_widget_get_height (GTK_WIDGET (self)) / 2, 1, 1 };
  CcItem *card = selected_card (self);
  CcRect box;

  if (!is_canvas (self) || self->card_menu == NULL || card == NULL)
    return;
  if (at != NULL)
    where = *at;
  else if (get_box (self, card, &box))
    {
      double x, y;

      sheet_to_view (self, box.x + box.width, box.y + box.height / 2, &x, &y);
      if (x >= 0 && y >= 0 && x < gtk_widget_get_width (GTK_WIDGET (self))
          && y < gtk_widget_get_height (GTK_WIDGET (self)))
        where = (GdkRectangle) { (int) x, (int) y, 1, 1 };
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->card_menu), &where);
  gtk_popover_popup (GTK_POPOVER (self->card_menu));
}

static GMenuModel *
build_card_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();

  g_menu_append (section, _("_Edit Text"), "canvas.edit-card");
  g_menu_append (section, _("C_onnect To…"), "canvas.connect");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_clear_object (&section);
  section = g_menu_new ();
  g_menu_append (section, _("_Delete"), "canvas.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  return G_MENU_MODEL (menu);
}

static gboolean
canvas_key (CcSheetView    *self,
            guint           keyval,
            GdkModifierType state)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean ctrl = (state & GDK_CONTROL_MASK) != 0;
  CcItem *card = selected_card (self);
  g_autoptr(GPtrArray) cards = cc_selection_get_of_kind (self->selection, CC_KIND_CARD);

  if (self->connect_from != NULL)
    {
      switch (keyval)
        {
        case GDK_KEY_Up: case GDK_KEY_KP_Up: case GDK_KEY_Left: case GDK_KEY_KP_Left:
        case GDK_KEY_Down: case GDK_KEY_KP_Down: case GDK_KEY_Right: case GDK_KEY_KP_Right:
        case GDK_KEY_Tab: case GDK_KEY_ISO_Left_Tab:
          {
            gboolean back = keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up || keyval == GDK_KEY_Left
                            || keyval == GDK_KEY_KP_Left || keyval == GDK_KEY_ISO_Left_Tab;
            CcItem *next = card_beside (self, self->connect_to != NULL ? self->connect_to : self->connect_from,
                                        self->connect_from, back);

            connect_set_target (self, next);
            if (next != NULL)
              reveal_item (self, next);
            return TRUE;
          }
        case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter: case GDK_KEY_space:
          connect_finish (self, self->connect_to);
          return TRUE;
        case GDK_KEY_Escape:
          connect_end (self);
          return TRUE;
        default:
          /* Any other key: no arrow, and the key does what it does. */
          connect_end (self);
          break;
        }
    }
  if ((state & GDK_ALT_MASK) && is_grid (self))
    return grid_nudge (self, keyval, state);
  if (state & GDK_ALT_MASK)
    return FALSE;
  if (ctrl)
    {
      switch (keyval)
        {
        case GDK_KEY_a:
        case GDK_KEY_A:
          return gtk_widget_activate_action (widget, "canvas.select-all", NULL);
        case GDK_KEY_v:
        case GDK_KEY_V:
          /* Organisations copied on a map come to a grid where they stand */
          return is_grid (self) && gtk_widget_activate_action (widget, "canvas.paste", NULL);
        case GDK_KEY_d:
        case GDK_KEY_D:
          if (cards->len > 0)
            {
              g_autoptr(GPtrArray) copies = cc_canvas_duplicate (self->project, cards);

              cc_selection_set_items (self->selection, copies);
            }
          return TRUE;
        default:
          return FALSE;
        }
    }
  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->drag_mode == DRAG_CARD || self->drag_mode == DRAG_CARD_LINK)
        drag_reset (self);
      else
        cc_selection_clear (self->selection);
      return TRUE;
    case GDK_KEY_0: case GDK_KEY_1: case GDK_KEY_2: case GDK_KEY_3: case GDK_KEY_4: case GDK_KEY_5:
      cc_canvas_set_score (self->project, cards, (int) (keyval - GDK_KEY_0));
      return cards->len > 0;
    case GDK_KEY_KP_0: case GDK_KEY_KP_1: case GDK_KEY_KP_2: case GDK_KEY_KP_3: case GDK_KEY_KP_4: case GDK_KEY_KP_5:
      cc_canvas_set_score (self->project, cards, (int) (keyval - GDK_KEY_KP_0));
      return cards->len > 0;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      gtk_widget_activate_action (widget, "canvas.delete", NULL);
      return TRUE;
    case GDK_KEY_F2:
      gtk_widget_activate_action (widget, "canvas.edit-card", NULL);
      return TRUE;
    case GDK_KEY_c:
    case GDK_KEY_C:
      return card != NULL && gtk_widget_activate_action (widget, "canvas.connect", NULL);
    case GDK_KEY_Menu:
      show_card_menu (self, NULL);
      return TRUE;
    case GDK_KEY_F10:
      if (!(state & GDK_SHIFT_MASK))
        return FALSE;
      show_card_menu (self, NULL);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (card != NULL)
        open_card_after (self, card);
      return card != NULL;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: case GDK_KEY_Left: case GDK_KEY_KP_Left:
    case GDK_KEY_Down: case GDK_KEY_KP_Down: case GDK_KEY_Right: case GDK_KEY_KP_Right:
      {
        GPtrArray *all = cc_item_get_children (self->sheet, CC_CANVAS_CARDS);
        gboolean back = keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up || keyval == GDK_KEY_Left
                        || keyval == GDK_KEY_KP_Left;
        guint at = 0;

        if (all->len == 0)
          return FALSE;
        if (card == NULL || !g_ptr_array_find (all, card, &at))
          at = back ? 0 : all->len - 1;
        at = back ? (at > 0 ? at - 1 : 0) : MIN (at + 1, all->len - 1);
        cc_selection_select (self->selection, all->pdata[at]);
        reveal_item (self, all->pdata[at]);
        return TRUE;
      }
    case GDK_KEY_space:
      self->space_held = TRUE;
      return TRUE;
    default:
      return FALSE;
    }
}

/* Keys 1-4: the selected links take the type; with none, new links do. */
static gboolean
choose_link_type (CcSheetView *self,
                  const char  *type)
{
  g_autoptr(GPtrArray) links = selected_links (self);

  if (links->len > 0)
    return gtk_widget_activate_action (GTK_WIDGET (self), "canvas.retype-links", "s", type);
  return gtk_widget_activate_action (GTK_WIDGET (self), "canvas.link-type", "s", type);
}

static void
retype_links_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  g_autoptr(GPtrArray) links = NULL;

  if (!is_map (self))
    return;
  links = selected_links (self);
  if (links->len > 0)
    cc_map_set_links_type (self->project, links, g_variant_get_string (param, NULL));
}

static gboolean
key_pressed_cb (CcSheetView           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean ctrl = (state & GDK_CONTROL_MASK) != 0;
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  double dx = 0, dy = 0;

  if (self->sheet == NULL || self->edit_mode != EDIT_NONE)
    return FALSE;

  if (is_forcefield (self) && forcefield_key (self, keyval, state))
    return TRUE;
  if (is_canvas (self) && canvas_key (self, keyval, state))
    return TRUE;

  if (is_map (self))
    {
      if (ctrl && !(state & GDK_ALT_MASK))
        {
          switch (keyval)
            {
            case GDK_KEY_a:
            case GDK_KEY_A:
              return gtk_widget_activate_action (widget, "canvas.select-all", NULL);
            case GDK_KEY_d:
            case GDK_KEY_D:
              return gtk_widget_activate_action (widget, "canvas.duplicate", NULL);
            case GDK_KEY_c:
            case GDK_KEY_C:
              return gtk_widget_activate_action (widget, "canvas.copy", NULL);
            case GDK_KEY_x:
            case GDK_KEY_X:
              return gtk_widget_activate_action (widget, "canvas.cut", NULL);
            case GDK_KEY_v:
            case GDK_KEY_V:
              return gtk_widget_activate_action (widget, "canvas.paste", NULL);
            case GDK_KEY_g:
            case GDK_KEY_G:
              return gtk_widget_activate_action (widget, shift ? "canvas.ungroup" : "canvas.group", NULL);
            case GDK_KEY_l:
            case GDK_KEY_L:
              return gtk_widget_activate_action (widget, "canvas.show-legend", NULL);
            default:
              return FALSE;
            }
        }
      if ((state & GDK_ALT_MASK) && !ctrl &&
          (keyval == GDK_KEY_Left || keyval == GDK_KEY_Right || keyval == GDK_KEY_Up || keyval == GDK_KEY_Down))
        return select_neighbour (self, keyval);
      if (state & GDK_ALT_MASK)
        return FALSE;

      switch (keyval)
        {
        case GDK_KEY_Escape:
          if (self->drag_mode == DRAG_LINK || self->drag_mode == DRAG_MOVE || self->drag_mode == DRAG_BAND)
            drag_reset (self);
          else
            cc_selection_clear (self->selection);
          return TRUE;
        case GDK_KEY_Delete:
        case GDK_KEY_KP_Delete:
        case GDK_KEY_BackSpace:
          /* Swallowed even with nothing selected: never the sheet. */
          gtk_widget_activate_action (widget, "canvas.delete", NULL);
          return TRUE;
        case GDK_KEY_F2:
          return gtk_widget_activate_action (widget, "canvas.rename", NULL);
        case GDK_KEY_l:
        case GDK_KEY_L:
          return !shift && gtk_widget_activate_action (widget, "canvas.link-to", NULL);
        case GDK_KEY_Menu:
          show_context_menu (self);
          return TRUE;
        case GDK_KEY_F10:
          if (!shift)
            return FALSE;
          show_context_menu (self);
          return TRUE;
        case GDK_KEY_space:
          self->space_held = TRUE;
          return TRUE;
        case GDK_KEY_1: case GDK_KEY_2: case GDK_KEY_3: case GDK_KEY_4:
          return choose_link_type (self, link_type_keys[keyval - GDK_KEY_1]);
        case GDK_KEY_KP_1: case GDK_KEY_KP_2: case GDK_KEY_KP_3: case GDK_KEY_KP_4:
          return choose_link_type (self, link_type_keys[keyval - GDK_KEY_KP_1]);
        default:
          break;
        }

      switch (keyval)
        {
        case GDK_KEY_Left: case GDK_KEY_KP_Left: dx = -1; break;
        case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = 1; break;
        case GDK_KEY_Up: case GDK_KEY_KP_Up: dy = -1; break;
        case GDK_KEY_Down: case GDK_KEY_KP_Down: dy = 1; break;
        default: break;
        }
      if (dx != 0 || dy != 0)
        {
          g_autoptr(GPtrArray) nodes = selected_nodes (self);

          if (nodes->len > 0)
            {
              double step = shift ? NUDGE_BIG : NUDGE;

              cc_map_move_nodes (self->project, nodes, dx * step, dy * step);
              return TRUE;
            }
        }
    }

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
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

/* The box in view pixels, moved along while the selection is dragged. */
static gboolean
view_box (CcSheetView *self,
          CcItem      *item,
          gboolean     follow_drag,
          CcRect      *out)
{
  CcRect box;

  if (!get_box (self, item, &box))
    return FALSE;
  sheet_to_view (self, box.x, box.y, &out->x, &out->y);
  out->width = box.width * self->zoom;
  out->height = box.height * self->zoom;
  if (follow_drag && self->drag_mode == DRAG_MOVE && self->drag_moved
      && cc_item_get_kind (item) == CC_KIND_NODE)
    {
      out->x += self->drag_dx;
      out->y += self->drag_dy;
    }
  return TRUE;
}

/* Where the ray from the centre of @r towards (tx, ty) leaves @r. */
static void
border_point (const CcRect *r, double tx, double ty, double *x, double *y)
{
  double cx = r->x + r->width / 2, cy = r->y + r->height / 2;
  double dx = tx - cx, dy = ty - cy, t = 1.0;

  if (dx != 0)
    t = MIN (t, fabs (r->width / 2 / dx));
  if (dy != 0)
    t = MIN (t, fabs (r->height / 2 / dy));
  *x = cx + dx * t;
  *y = cy + dy * t;
}

/* A pill of text centred at (cx, y), large enough to read from the back. */
static void
draw_banner (CcSheetView *self,
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

static void
draw_forcefield_overlay (CcSheetView   *self,
                         cairo_t       *cr,
                         const GdkRGBA *accent)
{
  GPtrArray *items = cc_selection_get_items (self->selection);
  CcRect r;

  for (guint i = 0; i < items->len; i++)
    if (cc_item_get_kind (items->pdata[i]) == CC_KIND_FORCE && view_box (self, items->pdata[i], FALSE, &r))
      {
        cc_path_rounded_rect (cr, r.x - 4, r.y - 4, r.width + 8, r.height + 8, 8);
        cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 1);
        cairo_set_line_width (cr, 3);
        cairo_stroke (cr);
      }

  if (self->drag_mode == DRAG_STRENGTH && self->drag_moved)
    {
      CcHit *hit = &self->drag_hit;
      double tx, ty, ex, ey;
      g_autofree char *label = g_strdup_printf ("%d", self->drag_strength);
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), label);
      PangoFontDescription *font = pango_font_description_from_string ("Bold 16");
      int w, h;

      /* The arrow at the strength it would get, and the number. */
      sheet_to_view (self, hit->tip_x, hit->tip_y, &tx, &ty);
      sheet_to_view (self, hit->tip_x + hit->dir_x * hit->unit * self->drag_strength,
                     hit->tip_y + hit->dir_y * hit->unit * self->drag_strength, &ex, &ey);
      cairo_move_to (cr, ex, ey);
      cairo_line_to (cr, tx, ty);
      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.8);
      cairo_set_line_width (cr, MAX (4, (6 + 3 * self->drag_strength) * self->zoom));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_arc (cr, ex, ey, MAX (w, h) / 2.0 + 8, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 1);
      cairo_fill (cr);
      cairo_move_to (cr, ex - w / 2.0, ey - h / 2.0);
      cairo_set_source_rgb (cr, 1, 1, 1);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }

  if (self->drag_mode == DRAG_FORCE && self->drag_moved && self->drag_item != NULL
      && view_box (self, self->drag_item, FALSE, &r))
    {
      /* The force under the pointer, and where it would land. */
      cc_path_rounded_rect (cr, r.x + self->drag_dx, r.y + self->drag_dy, r.width, r.height, 8);
      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.9);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      if (self->drop_valid)
        {
          double x1, y1, x2, y2;

          sheet_to_view (self, self->drop_mark.x, self->drop_mark.y, &x1, &y1);
          sheet_to_view (self, self->drop_mark.x + self->drop_mark.width, self->drop_mark.y + self->drop_mark.height,
                         &x2, &y2);
          cairo_move_to (cr, x1, y1);
          cairo_line_to (cr, x2, y2);
          cairo_set_line_width (cr, 4);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 1);
          cairo_stroke (cr);
        }
    }

  if (self->score_participant != NULL)
    {
      g_autofree char *who = cc_bidi_isolate (self->score_participant);
      g_autofree char *text = g_strdup_printf (_("Scoring for %s: press 1–5 for the highlighted force · Esc ends"),
                                               who);

      draw_banner (self, cr, text, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                   gtk_widget_get_height (GTK_WIDGET (self)) - BOTTOM_INSET - 56);
    }
}

static void
draw_canvas_overlay (CcSheetView   *self,
                     cairo_t       *cr,
                     const GdkRGBA *accent)
{
  GPtrArray *items = cc_selection_get_items (self->selection);
  CcRect r;

  for (guint i = 0; i < items->len; i++)
    if (view_box (self, items->pdata[i], FALSE, &r))
      {
        cc_path_rounded_rect (cr, r.x - 4, r.y - 4, r.width + 8, r.height + 8, 8);
        cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 1);
        cairo_set_line_width (cr, 3);
        cairo_stroke (cr);
        if (cc_item_get_kind (items->pdata[i]) == CC_KIND_CARD && self->drag_mode != DRAG_CARD
            && self->connect_from == NULL)
          {
            /* The arrow handle: drag from it to another card. */
            cairo_arc (cr, r.x + r.width, r.y + r.height / 2, HANDLE_R, 0, 2 * G_PI);
            cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 1);
            cairo_fill_preserve (cr);
            cairo_set_source_rgb (cr, 1, 1, 1);
            cairo_set_line_width (cr, 2);
            cairo_stroke (cr);
          }
      }
  if (self->connect_from != NULL && view_box (self, self->connect_from, FALSE, &r))
    {
      static const double dash[] = { 8, 5 };
      CcRect t;

      if (self->connect_to != NULL && view_box (self, self->connect_to, FALSE, &t))
        {
          cc_path_rounded_rect (cr, t.x - 5, t.y - 5, t.width + 10, t.height + 10, 10);
          cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.9);
          cairo_set_line_width (cr, 4);
          cairo_stroke (cr);
          cairo_move_to (cr, r.x + r.width / 2, r.y + r.height / 2);
          cairo_line_to (cr, t.x + t.width / 2, t.y + t.height / 2);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_set_line_width (cr, 3);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      draw_banner (self, cr, _("Choose the card to connect to, then Enter (Esc cancels)"),
                   gtk_widget_get_width (GTK_WIDGET (self)) / 2.0, 16);
    }
  if ((self->drag_mode == DRAG_CARD || self->drag_mode == DRAG_CARD_LINK) && self->drag_moved
      && self->drag_item != NULL && view_box (self, self->drag_item, FALSE, &r))
    {
      CcHit *hit = &self->drag_hit;
      double x1, y1, x2, y2;

      /* The panel or card it would go to. */
      if ((self->drag_mode == DRAG_CARD && hit->panel != NULL)
          || (self->drag_mode == DRAG_CARD_LINK && hit->part == CC_HIT_ITEM && hit->item != self->drag_item))
        {
          CcRect target = hit->box;

          if (self->drag_mode == DRAG_CARD && hit->part == CC_HIT_ITEM)
            {
              /* A card's panel: the whole panel lights up. */
              double sx, sy;

              view_to_sheet (self, self->drag_x + self->drag_dx, self->drag_y + self->drag_dy, &sx, &sy);
              target = (CcRect) { sx - 4, sy - 4, 8, 8 };
            }
          sheet_to_view (self, target.x, target.y, &x1, &y1);
          sheet_to_view (self, target.x + target.width, target.y + target.height, &x2, &y2);
          cc_path_rounded_rect (cr, x1 - 3, y1 - 3, x2 - x1 + 6, y2 - y1 + 6, 10);
          cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.9);
          cairo_set_line_width (cr, 3);
          cairo_stroke (cr);
        }
      if (self->drag_mode == DRAG_CARD)
        {
          cc_path_rounded_rect (cr, r.x + self->drag_dx, r.y + self->drag_dy, r.width, r.height, 6);
          cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.18);
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.9);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
      else
        {
          static const double dash[] = { 8, 5 };

          cairo_move_to (cr, r.x + r.width / 2, r.y + r.height / 2);
          cairo_line_to (cr, self->drag_x + self->drag_dx, self->drag_y + self->drag_dy);
          cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 1);
          cairo_set_line_width (cr, 3);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }
}

static void
draw_overlay (CcSheetView *self,
              cairo_t     *cr)
{
  GPtrArray *items = cc_selection_get_items (self->selection);
  const GdkRGBA accent = { 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0, 1 };
  CcRect r;

  if (self->moving != NULL)
    {
      /* What is dragged, drawn where it is now: links follow live. */
      CcRenderOptions options;
      CcRect visible;
      double width = gtk_widget_get_width (GTK_WIDGET (self));
      double height = gtk_widget_get_height (GTK_WIDGET (self));

      view_to_sheet (self, 0, 0, &visible.x, &visible.y);
      visible.width = width / self->zoom;
      visible.height = height / self->zoom;
      cc_render_options_init (&options);
      options.paper = FALSE;
      options.legend = FALSE;
      options.visible = &visible;
      options.scale = self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));
      options.part = CC_RENDER_MOVING;
      options.moving = self->moving;
      options.move_dx = self->drag_dx / self->zoom;
      options.move_dy = self->drag_dy / self->zoom;
      cairo_save (cr);
      cairo_translate (cr, width / 2, height / 2);
      cairo_scale (cr, self->zoom, self->zoom);
      cairo_translate (cr, -self->center_x, -self->center_y);
      cc_render_sheet (cr, self->project, self->sheet, &options);
      cairo_restore (cr);
    }

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Selected links and groups, then nodes on top. */
  for (guint i = 0; i < items->len; i++)
    {
      CcItem *item = items->pdata[i];

      if (cc_item_get_kind (item) == CC_KIND_LINK)
        {
          CcItem *from = node_of_link_end (self, item, CC_LINK_FROM);
          CcItem *to = node_of_link_end (self, item, CC_LINK_TO);
          CcRect a, b;
          double x1, y1, x2, y2;

          if (from == NULL || to == NULL || !view_box (self, from, TRUE, &a) || !view_box (self, to, TRUE, &b))
            continue;
          border_point (&a, b.x + b.width / 2, b.y + b.height / 2, &x1, &y1);
          border_point (&b, a.x + a.width / 2, a.y + a.height / 2, &x2, &y2);
          cairo_move_to (cr, x1, y1);
          cairo_line_to (cr, x2, y2);
          cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.55);
          cairo_set_line_width (cr, 7);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_stroke (cr);
        }
      else if (cc_item_get_kind (item) == CC_KIND_GROUP && view_box (self, item, FALSE, &r))
        {
          static const double dash[] = { 6, 4 };

          cc_path_rounded_rect (cr, r.x - 3, r.y - 3, r.width + 6, r.height + 6, 8);
          cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
          cairo_set_line_width (cr, 3);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }

  for (guint i = 0; i < items->len; i++)
    {
      CcItem *item = items->pdata[i];

      if (cc_item_get_kind (item) != CC_KIND_NODE || !view_box (self, item, TRUE, &r))
        continue;
      cc_path_rounded_rect (cr, r.x - 4, r.y - 4, r.width + 8, r.height + 8, 8);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);

      if (self->drag_mode != DRAG_MOVE)
        {
          /* The link handle. */
          cairo_arc (cr, r.x + r.width, r.y + r.height / 2, HANDLE_R, 0, 2 * G_PI);
          cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
    }

  if (self->drag_mode == DRAG_LINK && self->drag_moved && self->drag_item != NULL
      && view_box (self, self->drag_item, FALSE, &r))
    {
      static const double dash[] = { 8, 5 };
      double ex = self->drag_x + self->drag_dx, ey = self->drag_y + self->drag_dy, x1, y1;
      CcRect t;

      if (self->drag_target != NULL && view_box (self, self->drag_target, FALSE, &t))
        {
          cc_path_rounded_rect (cr, t.x - 4, t.y - 4, t.width + 8, t.height + 8, 8);
          cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.8);
          cairo_set_line_width (cr, 3);
          cairo_stroke (cr);
        }
      border_point (&r, ex, ey, &x1, &y1);
      cairo_move_to (cr, x1, y1);
      cairo_line_to (cr, ex, ey);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
      cairo_set_line_width (cr, 3);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_arc (cr, ex, ey, 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  if (self->edit_mode == EDIT_CREATE && self->edit_from != NULL
      && view_box (self, self->edit_from, FALSE, &r))
    {
      static const double dash[] = { 8, 5 };
      double ex, ey, x1, y1;

      sheet_to_view (self, self->edit_x, self->edit_y, &ex, &ey);
      border_point (&r, ex, ey, &x1, &y1);
      cairo_move_to (cr, x1, y1);
      cairo_line_to (cr, ex, ey);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
      cairo_set_line_width (cr, 3);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (self->drag_mode == DRAG_BAND && self->drag_moved)
    {
      double x = MIN (self->drag_x, self->drag_x + self->drag_dx);
      double y = MIN (self->drag_y, self->drag_y + self->drag_dy);

      cairo_rectangle (cr, x + 0.5, y + 0.5, fabs (self->drag_dx), fabs (self->drag_dy));
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }

  if (is_forcefield (self))
    draw_forcefield_overlay (self, cr, &accent);
  if (is_canvas (self))
    draw_canvas_overlay (self, cr, &accent);

  if (self->drag_mode == DRAG_LEGEND && self->drag_moved && view_box (self, self->sheet, FALSE, &r))
    {
      static const double dash[] = { 6, 4 };

      /* Where the legend will land. */
      r.x += self->drag_dx;
      r.y += self->drag_dy;
      cc_path_rounded_rect (cr, r.x, r.y, r.width, r.height, 6);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.12);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

/* The "more" menu: the force-field tools that did not fit, in the bar's
 * order. */
static void
overflow_apply (CcSheetView *self, guint hidden)
{
  /* In the bar's order, each with its place in ff_optional (the order in
   * which they go into the menu) */
  static const struct { guint optional; const char *label, *action; } items[] = {
    { 1, N_("After the _Plan"), "canvas.planned-view" },
    { 0, N_("_Vertical"), "canvas.vertical" },
    { 2, N_("_Score a Round"), "canvas.score-round" },
  };
  g_autoptr(GMenu) menu = g_menu_new ();

  self->ff_hidden = hidden;
  for (guint i = 0; i < G_N_ELEMENTS (self->ff_optional); i++)
    gtk_widget_set_visible (self->ff_optional[i], i >= hidden);
  for (guint k = 0; k < G_N_ELEMENTS (items); k++)
    if (items[k].optional < hidden)
      g_menu_append (menu, _(items[k].label), items[k].action);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->more_button), G_MENU_MODEL (menu));
  gtk_widget_set_visible (self->more_button, hidden > 0);
}

/* How many of the optional tools must go into the menu for the bar to fit
 * in @width. */
static guint
overflow_needed (CcSheetView *self, int width)
{
  int avail = width - 2 * TOOLS_MARGIN, total, more, dummy;
  int widths[G_N_ELEMENTS (self->ff_optional)];
  guint hidden = 0;

  gtk_widget_measure (self->tools, GTK_ORIENTATION_HORIZONTAL, -1, &dummy, &total, NULL, NULL);
  gtk_widget_measure (self->more_button, GTK_ORIENTATION_HORIZONTAL, -1, &dummy, &more, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (self->ff_optional); i++)
    {
      if (gtk_widget_get_visible (self->ff_optional[i]))
        gtk_widget_measure (self->ff_optional[i], GTK_ORIENTATION_HORIZONTAL, -1, &dummy, &self->ff_width[i], NULL,
                            NULL);
      else
        total += self->ff_width[i];   /* in the menu: its width when it was in the bar */
      widths[i] = self->ff_width[i];
    }
  if (gtk_widget_get_visible (self->more_button))
    total -= more;
  /* With everything shown: @total. Each tool moved out saves its width,
   * and the first costs the menu button. */
  while (hidden < G_N_ELEMENTS (self->ff_optional) && total > avail)
    {
      total -= widths[hidden];
      if (hidden == 0)
        total += more;
      hidden++;
    }
  return hidden;
}

static void
cc_sheet_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);

  /* A window resized or maximised, a side panel opened or closed: a view
   * that was fitted stays fitted. */
  if (self->needs_fit || (self->follows_fit && self->fit_tick == 0
                          && (width != self->fit_width || height != self->fit_height)))
    fit (self);
  else if (self->fit_tick == 0)
    constrain (self);
  self->fit_width = width;
  self->fit_height = height;

  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));

  if (gtk_widget_get_visible (self->tools))
    {
      int tw, th, dummy;

      /* What the bar holds, for this width: settled before it is laid out,
       * so that the frame drawn is the one that fits. */
      if (is_forcefield (self))
        {
          guint hidden = overflow_needed (self, width);

          if (hidden != self->ff_hidden)
            overflow_apply (self, hidden);
        }
      gtk_widget_measure (self->tools, GTK_ORIENTATION_HORIZONTAL, -1, &dummy, &tw, NULL, NULL);
      tw = MIN (tw, MAX (width - 2 * TOOLS_MARGIN, 1));
      gtk_widget_measure (self->tools, GTK_ORIENTATION_VERTICAL, tw, &dummy, &th, NULL, NULL);
      gtk_widget_allocate (self->tools, tw, th, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (TOOLS_MARGIN, TOOLS_MARGIN)));
    }

  if (gtk_widget_get_visible (self->editor))
    {
      int ew, eh, entry_h, dummy;
      double x, y;

      gtk_widget_measure (self->editor, GTK_ORIENTATION_HORIZONTAL, -1, &ew, &dummy, NULL, NULL);
      ew = MAX (ew, EDITOR_WIDTH);
      gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, ew, &eh, &dummy, NULL, NULL);
      gtk_widget_measure (gtk_widget_get_visible (self->entry) ? self->entry : self->card_scroller,
                          GTK_ORIENTATION_VERTICAL, ew, &entry_h, &dummy, NULL, NULL);
      sheet_to_view (self, self->edit_x, self->edit_y, &x, &y);
      x = CLAMP (x - ew / 2.0, 0, MAX (0, width - ew));
      y = CLAMP (y - entry_h / 2.0, 0, MAX (0, height - eh));
      gtk_widget_allocate (self->editor, ew, eh, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT ((int) x, (int) y)));
    }
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
    {
      gtk_widget_snapshot_child (widget, self->tools, snapshot);
      gtk_widget_snapshot_child (widget, self->editor, snapshot);
      return;
    }

  /* Only the part in view is drawn, at the resolution it is seen at. */
  view_to_sheet (self, clip.origin.x, clip.origin.y, &visible.x, &visible.y);
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
  key.still = self->moving != NULL;
  if (self->drawing == NULL || memcmp (&key, &self->drawing_key, sizeof key) != 0)
    {
      /* Drawn once into pixels that the renderer uploads once. */
      int pw = (int) ceil (clip.size.width * key.scale);
      int ph = (int) ceil (clip.size.height * key.scale);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (pw, 1), MAX (ph, 1));
      g_autoptr(GBytes) pixels = NULL;
      g_autoptr(GdkTexture) texture = NULL;

      cc_render_options_init (&options);
      options.paper = TRUE;
      options.legend = TRUE;
      options.visible = &visible;
      options.scale = self->zoom * key.scale;
      options.prompts = TRUE;
      if (key.still)
        {
          options.part = CC_RENDER_STILL;
          options.moving = self->moving;
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
        if (self->drawing == NULL || key.still || self->drawing_key.still || memcmp (&before, &key, sizeof key) != 0
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

  if (is_map (self) || is_forcefield (self) || is_canvas (self))
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
  gtk_widget_snapshot_child (widget, self->tools, snapshot);
  gtk_widget_snapshot_child (widget, self->editor, snapshot);
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
    case PROP_LINK_TYPE:
      g_value_set_string (value, self->link_type);
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, !is_map (self) || cc_item_get_bool (self->sheet, CC_MAP_LEGEND));
      break;
    case PROP_PLANNED_VIEW:
      g_value_set_boolean (value, is_forcefield (self)
                                  && cc_item_get_int (self->sheet, CC_FORCEFIELD_VIEW) == CC_VIEW_PLANNED);
      break;
    case PROP_VERTICAL:
      g_value_set_boolean (value, is_vertical (self));
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
    case PROP_SHOW_LEGEND:
      if (is_map (self) && cc_item_get_bool (self->sheet, CC_MAP_LEGEND) != g_value_get_boolean (value))
        {
          cc_project_begin_group (self->project, g_value_get_boolean (value) ? _("Show Legend")
                                                                               : _("Hide Legend"));
          cc_project_set_bool (self->project, self->sheet, CC_MAP_LEGEND, g_value_get_boolean (value));
          cc_project_end_group (self->project);
        }
      break;
    case PROP_PLANNED_VIEW:
      if (is_forcefield (self)
          && (cc_item_get_int (self->sheet, CC_FORCEFIELD_VIEW) == CC_VIEW_PLANNED) != g_value_get_boolean (value))
        {
          cc_project_begin_group (self->project, g_value_get_boolean (value) ? _("Show After the Plan")
                                                                               : _("Show Now"));
          cc_project_set_int (self->project, self->sheet, CC_FORCEFIELD_VIEW,
                              g_value_get_boolean (value) ? CC_VIEW_PLANNED : CC_VIEW_NOW);
          cc_project_end_group (self->project);
        }
      break;
    case PROP_VERTICAL:
      if (is_forcefield (self) && is_vertical (self) != g_value_get_boolean (value))
        {
          cc_project_begin_group (self->project, g_value_get_boolean (value) ? _("Turn Vertical")
                                                                               : _("Turn Horizontal"));
          cc_project_set_int (self->project, self->sheet, CC_FORCEFIELD_ORIENTATION,
                              g_value_get_boolean (value) ? CC_ORIENTATION_VERTICAL : CC_ORIENTATION_HORIZONTAL);
          cc_project_end_group (self->project);
        }
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
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_pointer (&self->tools, gtk_widget_unparent);
  g_clear_handle_id (&self->open_idle, g_source_remove);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->editor, gtk_widget_unparent);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_clear_pointer (&self->boxes, g_hash_table_unref);
  g_clear_pointer (&self->edit_node, cc_item_unref);
  g_clear_pointer (&self->edit_from, cc_item_unref);
  g_clear_pointer (&self->connect_from, cc_item_unref);
  g_clear_pointer (&self->connect_to, cc_item_unref);
  g_clear_pointer (&self->card_menu, gtk_widget_unparent);
  g_clear_pointer (&self->drag_item, cc_item_unref);

  G_OBJECT_CLASS (cc_sheet_view_parent_class)->dispose (object);
}

static void
cc_sheet_view_finalize (GObject *object)
{
  CcSheetView *self = CC_SHEET_VIEW (object);

  g_free (self->link_type);
  g_free (self->link_types_signature);
  g_free (self->score_participant);
  g_free (self->edit_panel);

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
  /* Whether the map shown shows its legend: an edit of the map, so it undoes. */
  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Force fields: arrows and totals after the plan; the vertical layout. */
  properties[PROP_PLANNED_VIEW] =
    g_param_spec_boolean ("planned-view", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERTICAL] =
    g_param_spec_boolean ("vertical", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sheetview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  /* Keys are handled in key_pressed_cb(), which activates these; the
   * window's menus may use them too. */
  /**
   * CcSheetView::deleted:
   * @message: what was deleted, for a notification that offers Undo
   */
  view_signals[SIGNAL_DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "canvas.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "canvas.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "canvas.align", "s", align_action);
  gtk_widget_class_install_action (widget_class, "canvas.distribute", "s", align_action);
  gtk_widget_class_install_action (widget_class, "canvas.group", NULL, group_action);
  gtk_widget_class_install_action (widget_class, "canvas.ungroup", NULL, group_action);
  gtk_widget_class_install_action (widget_class, "canvas.cut", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "canvas.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "canvas.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "canvas.link-to", NULL, link_to_action);
  gtk_widget_class_install_action (widget_class, "canvas.edit-card", NULL, edit_card_action);
  gtk_widget_class_install_action (widget_class, "canvas.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "canvas.retype-links", "s", retype_links_action);
  gtk_widget_class_install_property_action (widget_class, "canvas.link-type", "link-type");
  gtk_widget_class_install_property_action (widget_class, "canvas.show-legend", "show-legend");
  gtk_widget_class_install_action (widget_class, "canvas.place-legend", "s", place_legend_action);
  gtk_widget_class_install_action (widget_class, "canvas.add-force", "s", add_force_action);
  gtk_widget_class_install_action (widget_class, "canvas.score-round", NULL, score_round_action);
  gtk_widget_class_install_property_action (widget_class, "canvas.planned-view", "planned-view");
  gtk_widget_class_install_property_action (widget_class, "canvas.vertical", "vertical");
}

static void
cc_sheet_view_init (CcSheetView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->zoom = 1.0;
  self->link_type = g_strdup ("informal");
  self->boxes = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->matches = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_item_unref);
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
  self->editor = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (self->editor, "card");
  self->entry = gtk_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Organisation name"), -1);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (entry_changed_cb), self);
  self->entry_key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->entry_key, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (self->entry_key, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self);
  gtk_widget_add_controller (self->entry, self->entry_key);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (entry_focus_leave_cb), self);
  gtk_widget_add_controller (self->editor, controller);
  gtk_box_append (GTK_BOX (self->editor), self->entry);
  self->card_text = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->card_text), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->card_text), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->card_text), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->card_text), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->card_text), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->card_text), 6);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (card_text_key_pressed_cb), self);
  gtk_widget_add_controller (self->card_text, controller);
  self->card_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->card_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->card_scroller), TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->card_scroller), 60);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->card_scroller), 220);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->card_scroller), self->card_text);
  gtk_widget_add_css_class (self->card_scroller, "view");
  gtk_widget_set_visible (self->card_scroller, FALSE);
  gtk_box_append (GTK_BOX (self->editor), self->card_scroller);
  self->suggestions = gtk_list_box_new ();
  gtk_widget_set_focusable (self->suggestions, FALSE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->suggestions), TRUE);
  gtk_widget_add_css_class (self->suggestions, "boxed-list");
  g_signal_connect_swapped (self->suggestions, "row-activated", G_CALLBACK (suggestion_activated_cb), self);
  gtk_box_append (GTK_BOX (self->editor), self->suggestions);
  gtk_widget_set_visible (self->editor, FALSE);
  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  tools_init (self);
  {
    GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);

    g_signal_connect (drop, "drop", G_CALLBACK (actor_drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* Left drag edits maps (Space + left drag pans), middle drag pans. */
  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  self->click = gesture;

  /* Right-click: what can be done with the selection. */
  {
    g_autoptr(GMenuModel) model = build_context_menu ();

    self->context_menu = gtk_popover_menu_new_from_model (model);
    gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
    gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
    gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
  }
  {
    g_autoptr(GMenuModel) model = build_card_menu ();

    self->card_menu = gtk_popover_menu_new_from_model (model);
    gtk_popover_set_has_arrow (GTK_POPOVER (self->card_menu), FALSE);
    gtk_widget_set_halign (self->card_menu, GTK_ALIGN_START);
    gtk_widget_set_parent (self->card_menu, GTK_WIDGET (self));
  }
  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (context_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  self->drag = gesture;
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
  g_signal_connect_swapped (controller, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  self->key = controller;

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  actions_update (self);
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

  /* Whatever was drawn before is not this sheet's drawing. */
  self->content_serial++;

  if (project == self->project && sheet == self->sheet)
    return;

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

  editor_cancel (self);
  connect_end (self);
  drag_reset (self);
  g_clear_pointer (&self->score_participant, g_free);
  g_clear_handle_id (&self->open_idle, g_source_remove);
  if (sheet != NULL)
    cc_item_ref (sheet);
  g_clear_pointer (&self->sheet, cc_item_unref);
  self->sheet = sheet;
  self->bounds_valid = FALSE;
  g_hash_table_remove_all (self->boxes);
  if (self->selection != NULL)
    cc_selection_set_sheet (self->selection, project, sheet);
  actions_update (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sheet != NULL ? cc_item_get_string (sheet, CC_SHEET_TITLE) : _("Sheet"),
                                  -1);

  self->link_types_signature = (g_free (self->link_types_signature), NULL);
  tools_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLANNED_VIEW]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERTICAL]);

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
  view_changed (self);
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
  return self->drag;
}

GtkEventController *
cc_sheet_view_get_key_controller (CcSheetView *self)
{
  return self->key;
}

GtkEntry *
cc_sheet_view_get_entry (CcSheetView *self)
{
  return self->edit_mode != EDIT_NONE ? GTK_ENTRY (self->entry) : NULL;
}

GtkMenuButton *
cc_sheet_view_get_place_button (CcSheetView *self)
{
  return GTK_MENU_BUTTON (self->place_button);
}

GtkListBox *
cc_sheet_view_get_place_list (CcSheetView *self)
{
  return GTK_LIST_BOX (self->place_list);
}

GtkTextView *
cc_sheet_view_get_card_text (CcSheetView *self)
{
  return self->edit_mode == EDIT_CARD || self->edit_mode == EDIT_NEW_CARD ? GTK_TEXT_VIEW (self->card_text) : NULL;
}

GtkEventController *
cc_sheet_view_get_entry_key_controller (CcSheetView *self)
{
  return self->entry_key;
}

void
cc_sheet_view_set_test_modifiers (CcSheetView    *self,
                                  GdkModifierType state)
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

GtkMenuButton *
cc_sheet_view_get_more_button (CcSheetView *self)
{
  return GTK_MENU_BUTTON (self->more_button);
}

GtkWidget *
cc_sheet_view_get_tools (CcSheetView *self)
{
  return self->tools;
}

GtkListBox *
cc_sheet_view_get_suggestions (CcSheetView *self)
{
  return GTK_LIST_BOX (self->suggestions);
}

GtkMenuButton *
cc_sheet_view_get_link_type_button (CcSheetView *self)
{
  return GTK_MENU_BUTTON (self->link_type_button);
}

const char *
cc_sheet_view_get_link_type_text (CcSheetView *self)
{
  return gtk_label_get_text (GTK_LABEL (self->link_type_label));
}

void
cc_sheet_view_sheet_to_view (CcSheetView *self,
                             double       sx,
                             double       sy,
                             double      *x,
                             double      *y)
{
  sheet_to_view (self, sx, sy, x, y);
}
