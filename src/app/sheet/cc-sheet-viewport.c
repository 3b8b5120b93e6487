/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-sheet-view"

#include "config.h"

#include <math.h>

#include "cc-sheet-view-internal.h"

/* The view's viewport: the zoom and the sheet point at the centre of the
 * widget, kept so that the paper never wanders out of view; fitting,
 * smoothly after an edit; wheel, pinch and keyboard panning; and what is
 * where on the sheet, for the tools. */

#define properties cc_sheet_view_properties

#define ZOOM_STEP   1.25
#define FIT_MARGIN  32.0   /* pixels around the sheet when fitted */
#define PRESENT_MARGIN 8.0 /* the same, presenting: the screen is the room's */
#define PRESENT_MAX_NODES 150
#define PAN_MARGIN  32.0   /* pixels of desk that may show beyond the sheet */
#define BOTTOM_INSET CC_SHEET_BOTTOM_INSET
#define WHEEL_STEP  64.0   /* pixels per wheel notch */
#define FIT_MOVE_USEC (200 * G_TIME_SPAN_MILLISECOND)

const CcRect *
cc_sheet_view_get_bounds (CcSheetView *self)
{
  if (!self->bounds_valid && (self->project == NULL || self->sheet == NULL))
    {
      self->bounds = (CcRect) { 0, 0, 842, 595 };
      return &self->bounds;
    }
  if (!self->bounds_valid)
    {
      CcRenderOptions options;

      cc_sheet_viewport_options (self, &options);
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


void
cc_sheet_viewport_constrain (CcSheetView *self)
{
  double margin = PAN_MARGIN, inset = BOTTOM_INSET;
  const CcRect *b;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->sheet == NULL || width <= 0 || height <= 0)
    return;
  b = cc_sheet_view_get_bounds (self);
  if (self->presenting)
    margin = PRESENT_MARGIN, inset = 0;
  self->center_x = clamp_center (self->center_x, b->x, b->width, width, self->zoom, margin, margin);
  self->center_y = clamp_center (self->center_y, b->y, b->height, height, self->zoom, margin, margin + inset);
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
  cc_sheet_viewport_constrain (self);
  cc_sheet_viewport_view_changed (self);
  if (old_zoom != zoom)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}


void
cc_sheet_viewport_options (CcSheetView     *self,
                           CcRenderOptions *options)
{
  cc_render_options_init (options);
  options->paper = TRUE;
  options->legend = TRUE;
  options->prompts = TRUE;
  options->text_scale = self->text_scale;
  options->reveal = self->reveal;
  options->high_contrast = self->high_contrast;
}


/* The zoom that fits the sheet as laid out at @text_scale, which it sets. */
static double
fit_zoom_at (CcSheetView *self,
             double       text_scale,
             double       width,
             double       height)
{
  double margin = self->presenting ? PRESENT_MARGIN : FIT_MARGIN;
  double inset = self->presenting ? 0 : BOTTOM_INSET;  /* the presenting bar goes with the pointer */
  const CcRect *b;

  if (self->text_scale != text_scale)
    {
      self->text_scale = text_scale;
      self->bounds_valid = FALSE;
      g_hash_table_remove_all (self->boxes);
    }
  b = cc_sheet_view_get_bounds (self);
  return MIN ((width - 2 * margin) / b->width, (height - 2 * margin - inset) / b->height);
}


/* Presenting a map: its names at least CC_SHEET_PRESENT_NAME_PX tall. The
 * text grows around each organisation, those that would then cover each
 * other pushed apart: the least growth that lets the map fit at that size,
 * the sheet fitted. A map too crowded for that gets the growth that packs
 * it best and the zoom that sets its names at that size: larger than the
 * view, which follows what is edited. */
static double
present_zoom (CcSheetView *self,
              double       width,
              double       height)
{
  static const double tries[] = { 1.0, 1.5, 2.0, 2.5, 3.0, CC_SHEET_PRESENT_MAX_SCALE };
  const double needed = CC_SHEET_PRESENT_NAME_PX / CC_RENDER_NAME_SIZE;  /* pixels per point of text */
  double lo = 1.0, hi = 0, best = 1.0, best_size = 0;

  self->overflows = FALSE;
  if (cc_item_get_kind (self->sheet) != CC_KIND_MAP)
    return fit_zoom_at (self, 1.0, width, height);
  /* More organisations than any screen shows at that size: as on paper,
   * laid out once, however large */
  if (cc_item_get_n_children (self->sheet, CC_MAP_NODES) > PRESENT_MAX_NODES)
    {
      fit_zoom_at (self, 1.0, width, height);
      self->overflows = TRUE;
      return needed;
    }
  for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
    {
      /* The size of text that the map, fitted, has at this growth */
      double size = fit_zoom_at (self, tries[i], width, height) * tries[i];

      if (size >= needed)
        {
          hi = tries[i];
          break;
        }
      lo = tries[i];
      if (size > best_size)
        best_size = size, best = tries[i];
    }
  if (hi == 0)
    {
      self->overflows = TRUE;
      fit_zoom_at (self, best, width, height);
      return needed / best;
    }
  if (hi == 1.0)
    return fit_zoom_at (self, 1.0, width, height);
  /* The least that is enough, between the last two tried */
  for (int i = 0; i < 8 && hi - lo > 0.02; i++)
    {
      double mid = (lo + hi) / 2;

      if (fit_zoom_at (self, mid, width, height) * mid >= needed)
        hi = mid;
      else
        lo = mid;
    }
  return fit_zoom_at (self, hi, width, height);
}


void
cc_sheet_viewport_fit (CcSheetView *self)
{
  const CcRect *b;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom, old_scale = self->text_scale;

  if (self->sheet == NULL)
    return;
  if (width <= 0 || height <= 0)
    {
      self->needs_fit = TRUE;
      return;
    }
  if (self->presenting)
    {
      gint64 start = g_get_monotonic_time ();

      zoom = present_zoom (self, width, height);
      g_debug ("presenting: text x%.2f at zoom %.3f%s, found in %.1f ms", self->text_scale, zoom,
               self->overflows ? " (larger than the view)" : "", (g_get_monotonic_time () - start) / 1000.0);
    }
  else
    zoom = fit_zoom_at (self, 1.0, width, height);
  if (self->text_scale != old_scale)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
  b = cc_sheet_view_get_bounds (self);
  if (self->overflows)
    {
      /* Where the view was, at the size for the room */
      set_zoom_keeping (self, zoom, self->center_x, self->center_y, width / 2, height / 2);
      self->follows_fit = FALSE;
      return;
    }
  /* set_zoom_keeping() centres the sheet in the room left for it. */
  set_zoom_keeping (self, zoom, b->x + b->width / 2, b->y + b->height / 2, width / 2, height / 2);
  self->follows_fit = TRUE;
}


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
  cc_sheet_viewport_view_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  if (t < 1)
    return G_SOURCE_CONTINUE;
  self->fit_tick = 0;
  return G_SOURCE_REMOVE;
}


/* After an edit changed how far the sheet reaches: fitted again, moving
 * there smoothly where the desktop animates. */
void
cc_sheet_viewport_refit_smoothly (CcSheetView *self)
{
  gboolean animate = FALSE;
  double zoom = self->zoom, x = self->center_x, y = self->center_y;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &animate, NULL);
  cc_sheet_viewport_fit (self);
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
  cc_sheet_viewport_view_changed (self);
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
gboolean
cc_sheet_view_get_box (CcSheetView *self,
                       CcItem      *item,
                       CcRect      *out)
{
  CcRect *box = g_hash_table_lookup (self->boxes, item);

  if (box == NULL)
    {
      CcRect r;

      if (!cc_render_get_item_bounds_full (self->project, self->sheet, cc_sheet_view_screen_options (self), item, &r))
        return FALSE;
      box = g_memdup2 (&r, sizeof r);
      g_hash_table_insert (self->boxes, item, box);
    }
  *out = *box;
  return TRUE;
}


void
cc_sheet_view_view_to_sheet (CcSheetView *self,
                             double       x,
                             double       y,
                             double      *sx,
                             double      *sy)
{
  view_to_sheet (self, x, y, sx, sy);
}


gboolean
cc_sheet_view_get_view_box (CcSheetView *self,
                            CcItem      *item,
                            CcRect      *out)
{
  CcRect box;

  if (!cc_sheet_view_get_box (self, item, &box))
    return FALSE;
  sheet_to_view (self, box.x, box.y, &out->x, &out->y);
  out->width = box.width * self->zoom;
  out->height = box.height * self->zoom;
  return TRUE;
}


gboolean
cc_sheet_view_hit_detail (CcSheetView *self,
                          double       x,
                          double       y,
                          CcHit       *hit)
{
  double sx, sy;

  view_to_sheet (self, x, y, &sx, &sy);
  return cc_render_hit_detail (self->project, self->sheet, cc_sheet_view_screen_options (self), sx, sy, hit);
}


CcItem *
cc_sheet_view_hit_item (CcSheetView *self,
                        double       x,
                        double       y)
{
  double sx, sy;

  view_to_sheet (self, x, y, &sx, &sy);
  return cc_render_hit_test (self->project, self->sheet, cc_sheet_view_screen_options (self), sx, sy);
}


CcItem *
cc_sheet_view_handle_at (CcSheetView *self,
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
          || !cc_sheet_view_get_box (self, item, &box))
        continue;
      sheet_to_view (self, box.x + box.width, box.y + box.height / 2, &hx, &hy);
      if (hypot (x - hx, y - hy) <= CC_SHEET_HANDLE_R + 4)
        return item;
    }
  return NULL;
}


/* Keeps @item in view, scrolling as little as needed. */
void
cc_sheet_view_reveal_item (CcSheetView *self,
                           CcItem      *item)
{
  CcRect box;

  if (item != NULL && cc_sheet_view_get_box (self, item, &box))
    cc_sheet_view_reveal_box (self, &box);
}


void
cc_sheet_view_reveal_box (CcSheetView  *self,
                          const CcRect *box)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
  double x1, y1, x2, y2, dx = 0, dy = 0;

  if (box == NULL || box->width < 0 || w <= 0 || h <= 0)
    return;
  sheet_to_view (self, box->x, box->y, &x1, &y1);
  sheet_to_view (self, box->x + box->width, box->y + box->height, &x2, &y2);
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


void
cc_sheet_view_center_on (CcSheetView *self,
                         double       sx,
                         double       sy)
{
  self->center_x = sx;
  self->center_y = sy;
  cc_sheet_viewport_constrain (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}


void
cc_sheet_view_get_center (CcSheetView *self,
                          double      *sx,
                          double      *sy)
{
  *sx = self->center_x;
  *sy = self->center_y;
}


static void
pinch_begin_cb (CcSheetView      *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
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
  cc_sheet_viewport_fit (self);
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
  cc_sheet_viewport_constrain (self);
  cc_sheet_viewport_view_changed (self);
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


void
cc_sheet_view_sheet_to_view (CcSheetView *self,
                             double       sx,
                             double       sy,
                             double      *x,
                             double      *y)
{
  sheet_to_view (self, sx, sy, x, y);
}


/* How the sheet is laid out on screen (with prompts in what is empty, at
 * the view's text scale), for asking the renderer what is where. */
const CcRenderOptions *
cc_sheet_view_screen_options (CcSheetView *self)
{
  cc_sheet_viewport_options (self, &self->screen_options);
  return &self->screen_options;
}

/* Redraws, and moves the inline entry along with the sheet. */
void
cc_sheet_viewport_view_changed (CcSheetView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->entry_open)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}


/* The wheel, the pointer and two fingers. */
void
cc_sheet_viewport_init (CcSheetView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_zoom_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}


/**
 * cc_sheet_view_set_presenting:
 * @self: a sheet view
 * @presenting: whether the sheet is shown to a room
 *
 * Presenting, a map's text is set for the back of the room: names at least
 * %CC_SHEET_PRESENT_NAME_PX pixels tall, grown around each organisation as
 * far as none covers another, the sheet fitted at that size, or, where it
 * is too large for that, followed as it is edited. Editing works as
 * before; nothing of the sheet changes.
 */
void
cc_sheet_view_set_presenting (CcSheetView *self,
                              gboolean     presenting)
{
  g_return_if_fail (CC_IS_SHEET_VIEW (self));

  presenting = !!presenting;
  if (self->presenting == presenting)
    return;
  self->presenting = presenting;
  self->overflows = FALSE;
  cc_sheet_view_tools_update (self);
  if (!presenting && self->text_scale != 1.0)
    {
      self->text_scale = 1.0;
      self->bounds_valid = FALSE;
      g_hash_table_remove_all (self->boxes);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
    }
  /* Fitted anew once the view has its new size (full screen) */
  self->needs_fit = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTING]);
}

gboolean
cc_sheet_view_get_presenting (CcSheetView *self)
{
  g_return_val_if_fail (CC_IS_SHEET_VIEW (self), FALSE);
  return self->presenting;
}

double
cc_sheet_view_get_text_scale (CcSheetView *self)
{
  g_return_val_if_fail (CC_IS_SHEET_VIEW (self), 1.0);
  return self->text_scale;
}

/* Stronger colours and thicker lines, for a washed-out projector */
void
cc_sheet_view_set_high_contrast (CcSheetView *self,
                                 gboolean     high_contrast)
{
  g_return_if_fail (CC_IS_SHEET_VIEW (self));

  high_contrast = !!high_contrast;
  if (self->high_contrast == high_contrast)
    return;
  self->high_contrast = high_contrast;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cc_sheet_view_get_node_centre:
 * @self: a sheet view
 * @node: a node of a map
 * @x: (out): sheet coordinates
 * @y: (out):
 *
 * Where @node is drawn: its place, or, set for a room, where the room's
 * layout moved it.
 */
void
cc_sheet_view_get_node_centre (CcSheetView *self,
                               CcItem      *node,
                               double      *x,
                               double      *y)
{
  CcRect box;

  g_return_if_fail (CC_IS_SHEET_VIEW (self));

  if (self->text_scale != 1.0 && cc_sheet_view_get_box (self, node, &box))
    {
      *x = box.x + box.width / 2;
      *y = box.y + box.height / 2;
      return;
    }
  *x = cc_item_get_double (node, CC_NODE_X);
  *y = cc_item_get_double (node, CC_NODE_Y);
}
