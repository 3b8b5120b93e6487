/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The sheet view driven as a user does, for its tests: the view's own
 * gestures and key controller given computed points and keys. A test's
 * Fixture has the view as its member "view". */

#include <gtk/gtk.h>

#include "cc-sheet-view-private.h"

static G_GNUC_UNUSED void
iterate (void)
{
  for (int i = 0; i < 5; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static G_GNUC_UNUSED void
sheet_view_drag (CcSheetView *view, double x, double y, double dx, double dy)
{
  GtkGesture *g = cc_sheet_view_get_drag_gesture (view);

  g_signal_emit_by_name (g, "drag-begin", x, y);
  g_signal_emit_by_name (g, "drag-update", dx / 2, dy / 2);
  g_signal_emit_by_name (g, "drag-update", dx, dy);
  g_signal_emit_by_name (g, "drag-end", dx, dy);
  iterate ();
}

static G_GNUC_UNUSED void
sheet_view_double_click (CcSheetView *view, double x, double y)
{
  sheet_view_drag (view, x, y, 0, 0);
  g_signal_emit_by_name (cc_sheet_view_get_drag_gesture (view), "drag-begin", x, y);
  g_signal_emit_by_name (cc_sheet_view_get_click_gesture (view), "pressed", 2, x, y);
  g_signal_emit_by_name (cc_sheet_view_get_drag_gesture (view), "drag-end", 0.0, 0.0);
  iterate ();
}

/* A key offered to @controller; whether it took it. */
static G_GNUC_UNUSED gboolean
key (GtkEventController *controller, guint keyval, GdkModifierType state)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
  iterate ();
  return handled;
}

#define drag(f, x, y, dx, dy)   sheet_view_drag ((f)->view, (x), (y), (dx), (dy))
#define click(f, x, y)          sheet_view_drag ((f)->view, (x), (y), 0, 0)
#define double_click(f, x, y)   sheet_view_double_click ((f)->view, (x), (y))
#define view_key(f, k, s)       key (cc_sheet_view_get_key_controller ((f)->view), (k), (s))
