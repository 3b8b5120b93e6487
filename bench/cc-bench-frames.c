/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Canvas frame times: the sheet view snapshotted and rendered by GTK's own
 * renderer in a 1280×800 window, as a frame on screen would be. */
#define G_LOG_DOMAIN "concord-bench"

#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "cc-bench.h"
#include "cc-io.h"
#include "cc-map-edit.h"
#include "cc-selection.h"
#include "cc-sheet-view-private.h"

#define WIDTH  1280
#define HEIGHT 800
#define FRAMES 15

static void
iterate (void)
{
  for (int i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

/* One frame: the view's snapshot, then the renderer turning it into pixels. */
static double
frame_ms (GtkWidget *window, GtkWidget *view)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  graphene_rect_t viewport = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (view), gtk_widget_get_height (view));
  gint64 start = g_get_monotonic_time ();
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GdkTexture *texture;

  GTK_WIDGET_GET_CLASS (view)->snapshot (view, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    node = gsk_container_node_new (NULL, 0);
  texture = gsk_renderer_render_texture (renderer, node, &viewport);
  g_object_unref (texture);
  gsk_render_node_unref (node);
  return (g_get_monotonic_time () - start) / 1000.0;
}

typedef void (*Step) (CcProject *project, CcItem *sheet, guint frame);

static double
median_frame (GtkWidget *window, GtkWidget *view, CcProject *project, CcItem *sheet, Step step)
{
  double times[FRAMES];

  frame_ms (window, view);
  for (guint i = 0; i < FRAMES; i++)
    {
      if (step)
        step (project, sheet, i);
      times[i] = frame_ms (window, view);
    }
  return cc_bench_median (times, FRAMES);
}

static CcItem *
middle_node (CcItem *sheet)
{
  return cc_item_get_child (sheet, CC_MAP_NODES, cc_item_get_n_children (sheet, CC_MAP_NODES) / 2);
}

/* An edit each frame (a node nudged): the whole view is drawn again. */
static void
edit_step (CcProject *project, CcItem *sheet, guint frame)
{
  CcItem *node = middle_node (sheet);

  cc_project_set_double (project, node, CC_NODE_X, cc_item_get_double (node, CC_NODE_X) + 3.0);
}

/* A drag as the view does it: the pointer moves, the model changes once, on release. */
static GtkWidget *drag_view;

static void
drag_step (CcProject *project, CcItem *sheet, guint frame)
{
  g_signal_emit_by_name (cc_sheet_view_get_drag_gesture (CC_SHEET_VIEW (drag_view)), "drag-update",
                         3.0 * (frame + 1), 2.0 * (frame + 1));
}

void
cc_bench_frames (void)
{
  static const guint sizes[] = { 200, 2000, 10000 };
  GtkWidget *window, *view;
  double empty;

  if (!gtk_init_check ())
    {
      printf ("# frame times skipped: no display (run under xvfb-run -a)\n");
      return;
    }
  adw_init ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  view = cc_sheet_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 20; i++)
    {
      iterate ();
      g_usleep (10000);
    }

  /* The fixed cost: an empty map of the same size, paper and all. */
  {
    g_autoptr(CcProject) blank = cc_project_new ();
    CcItem *map = cc_item_new (CC_KIND_MAP);

    cc_item_set_string (map, CC_MAP_TITLE, "Empty");
    cc_project_insert (blank, cc_project_get_root (blank), CC_PROJECT_SHEETS, -1, map);
    cc_sheet_view_set_sheet (CC_SHEET_VIEW (view), blank, map);
    cc_sheet_view_zoom_fit (CC_SHEET_VIEW (view));
    iterate ();
    empty = median_frame (window, view, NULL, NULL, NULL);
    cc_sheet_view_set_sheet (CC_SHEET_VIEW (view), NULL, NULL);
    iterate ();
  }
  printf ("frame_empty_canvas %.2f ms\n", empty);
  printf ("# renderer: %s, view %d×%d\n", G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))),
          gtk_widget_get_width (view), gtk_widget_get_height (view));

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GBytes) bytes = cc_bench_generate_project (sizes[s]);
      g_autoptr(CcLoadResult) result = cc_load_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      CcItem *sheet = cc_project_get_sheet (result->project, 0);
      double whole, zoomed, drag, edit, x, y;

      cc_sheet_view_set_sheet (CC_SHEET_VIEW (view), result->project, sheet);
      cc_sheet_view_zoom_fit (CC_SHEET_VIEW (view));
      iterate ();
      whole = median_frame (window, view, result->project, sheet, NULL);
      edit = median_frame (window, view, result->project, sheet, edit_step);

      drag_view = view;
      cc_selection_select (cc_sheet_view_get_selection (CC_SHEET_VIEW (view)), middle_node (sheet));
      cc_sheet_view_sheet_to_view (CC_SHEET_VIEW (view), cc_item_get_double (middle_node (sheet), CC_NODE_X),
                                   cc_item_get_double (middle_node (sheet), CC_NODE_Y), &x, &y);
      g_signal_emit_by_name (cc_sheet_view_get_drag_gesture (CC_SHEET_VIEW (view)), "drag-begin", x, y);
      drag = median_frame (window, view, result->project, sheet, drag_step);
      g_signal_emit_by_name (cc_sheet_view_get_drag_gesture (CC_SHEET_VIEW (view)), "drag-end", 60.0, 40.0);
      iterate ();
      cc_sheet_view_set_zoom (CC_SHEET_VIEW (view), 1.0);
      iterate ();
      zoomed = median_frame (window, view, result->project, sheet, NULL);
      if (sizes[s] == 2000)
        {
          /* One step of many changes, with the view, as the Align menu
           * does it, and its undo: the view lays out once a step. */
          g_autoptr(GPtrArray) items = g_ptr_array_new ();
          double align[5], undo[5];

          for (guint i = 0; i < 200; i++)
            g_ptr_array_add (items, cc_item_get_child (sheet, CC_MAP_NODES, i * 10));
          for (guint r = 0; r < G_N_ELEMENTS (align); r++)
            {
              gint64 t0 = g_get_monotonic_time ();

              cc_map_align (result->project, items, r % 2 ? CC_ALIGN_LEFT : CC_ALIGN_TOP);
              align[r] = (g_get_monotonic_time () - t0) / 1000.0;
              t0 = g_get_monotonic_time ();
              cc_project_undo (result->project);
              undo[r] = (g_get_monotonic_time () - t0) / 1000.0;
            }
          printf ("align_200_of_2000 %.2f ms\n", cc_bench_median (align, G_N_ELEMENTS (align)));
          printf ("undo_align_200_of_2000 %.2f ms\n", cc_bench_median (undo, G_N_ELEMENTS (undo)));
        }
      printf ("frame_whole_map_%u %.2f ms\n", sizes[s], whole);
      printf ("frame_zoomed_in_%u %.2f ms\n", sizes[s], zoomed);
      printf ("frame_after_edit_%u %.2f ms\n", sizes[s], edit);
      printf ("frame_drag_whole_map_%u %.2f ms\n", sizes[s], drag);
      printf ("frame_drag_vs_empty_%u %.2f x\n", sizes[s], drag / empty);
      fflush (stdout);
      cc_sheet_view_set_sheet (CC_SHEET_VIEW (view), NULL, NULL);
      iterate ();
    }
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}
