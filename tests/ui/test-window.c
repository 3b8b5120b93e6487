/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <utime.h>

#include "cc-application.h"
#include "cc-io.h"
#include "cc-map-edit.h"
#include "cc-project-dialog.h"
#include "cc-sheet-tool.h"
#include "cc-sheet-view-private.h"
#include "cc-ui-keys.h"
#include "cc-window.h"

/* Widget tests on real windows: run them under a display (xvfb-run -a). */

#define EXAMPLE_PATH SOURCE_ROOT "/data/examples/community-planning.concord"

static char *tmp_dir;
static guint tmp_counter;

/* Helpers */


typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds, for at most 10 seconds. */
static gboolean
wait_for (Condition condition,
          gpointer  data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (10000, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  iterate ();
  return condition (data);
}

static gboolean
is_allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_height (data) > 0;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  guint *ticks = data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
has_two_ticks (gpointer data)
{
  return *(guint *) data >= 2;
}

/* Waits until @widget has been through a couple of frames. */
static void
wait_for_frames (GtkWidget *widget)
{
  guint ticks = 0;
  guint id = gtk_widget_add_tick_callback (widget, tick_cb, &ticks, NULL);

  gtk_widget_queue_draw (widget);
  g_assert_true (wait_for (has_two_ticks, &ticks));
  gtk_widget_remove_tick_callback (widget, id);
}

static gboolean
is_weak_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* A copy of the example in a folder of our own, or NULL (and the test
 * skipped) while the example has not been written. */
static GFile *
copy_example (void)
{
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (EXAMPLE_PATH, G_FILE_TEST_IS_REGULAR))
    {
      g_error ("no example project at " EXAMPLE_PATH);
      return NULL;
    }
  g_file_get_contents (EXAMPLE_PATH, &contents, &length, &error);
  g_assert_no_error (error);
  path = g_strdup_printf ("%s/example-%u.concord", tmp_dir, ++tmp_counter);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GFile *
write_temp_file (const char *name,
                 const char *contents)
{
  g_autofree char *path = g_strdup_printf ("%s/%u-%s", tmp_dir, ++tmp_counter, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static AdwMessageDialog *find_dialog (CcWindow *window);

/* A window showing @file, presented and laid out. */
static CcWindow *
open_window (GFile *file)
{
  CcWindow *window = cc_window_new (NULL);

  cc_window_open (window, file);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  if (find_dialog (window) != NULL)
    g_error ("Opening %s showed “%s”: %s", g_file_peek_path (file),
             adw_message_dialog_get_heading (find_dialog (window)),
             adw_message_dialog_get_body (find_dialog (window)));
  g_assert_nonnull (cc_window_get_file (window));
  g_assert_true (wait_for (is_allocated, cc_window_get_sheet_view (window)));
  return window;
}

static void
destroy_window (CcWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (wait_for (is_weak_null, &weak));
}

/* The visible message dialog over @window, if any. */
static AdwMessageDialog *
find_dialog (CcWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel)
          && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window)
          && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

/* The file chooser GtkFileChooserNative falls back to without a portal. */
static GtkFileChooser *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return GTK_FILE_CHOOSER (toplevel);
    }
  return NULL;
}

static gboolean
has_chooser (gpointer data)
{
  return find_chooser () != NULL;
}

static gboolean
has_no_chooser (gpointer data)
{
  return find_chooser () == NULL;
}

/* Answers the file chooser: saves as @name in the test folder, or cancels. */
static void
answer_chooser (const char *name)
{
  GtkFileChooser *chooser;

  g_assert_true (wait_for (has_chooser, NULL));
  chooser = find_chooser ();
  if (name != NULL)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (tmp_dir);

      g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, NULL));
      gtk_file_chooser_set_current_name (chooser, name);
      gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    }
  else
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  /* The chooser checks the name it was given before it answers. */
  g_assert_true (wait_for (has_no_chooser, NULL));
}

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

/* The texts shown in each row of the sheet list. */
static GPtrArray *
sidebar_rows (CcWindow *window)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  GtkListBox *list = cc_window_get_sheet_list (window);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      GString *text = g_string_new (NULL);

      collect_labels (GTK_WIDGET (row), text);
      g_ptr_array_add (rows, g_string_free (text, FALSE));
    }
  return rows;
}

static const char *
sheet_title (CcItem *sheet)
{
  return cc_item_get_string (sheet, CC_SHEET_TITLE);
}

/* Tests */

static void
test_empty_window (void)
{
  CcWindow *window = cc_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  g_assert_nonnull (cc_window_get_project (window));
  g_assert_null (cc_window_get_file (window));
  g_assert_true (cc_window_is_untouched (window));
  g_assert_cmpuint (cc_project_get_n_sheets (cc_window_get_project (window)), ==, 0);
  g_assert_null (cc_window_get_sheet (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Concord");
  g_assert_null (gtk_list_box_get_row_at_index (cc_window_get_sheet_list (window), 0));

  destroy_window (window);
}

static void
test_sidebar_lists_sheets (void)
{
  g_autoptr(GFile) file = copy_example ();
  g_autoptr(GPtrArray) rows = NULL;
  CcWindow *window;
  CcProject *project;
  guint n;

  if (file == NULL)
    return;
  window = open_window (file);
  project = cc_window_get_project (window);
  g_assert_false (cc_window_is_untouched (window));
  g_assert_true (g_file_equal (cc_window_get_file (window), file));

  n = cc_project_get_n_sheets (project);
  g_assert_cmpuint (n, >, 0);
  rows = sidebar_rows (window);
  g_assert_cmpuint (rows->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const char *title = sheet_title (cc_project_get_sheet (project, i));

      if (title[0] != '\0')
        g_assert_nonnull (strstr (g_ptr_array_index (rows, i), title));
    }

  /* Opened files are remembered as recent. */
  {
    g_autofree char *uri = g_file_get_uri (file);

    g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));
  }

  /* The first sheet is shown. */
  g_assert_true (cc_window_get_sheet (window) == cc_project_get_sheet (project, 0));
  g_assert_true (cc_sheet_view_get_sheet (cc_window_get_sheet_view (window))
                 == cc_project_get_sheet (project, 0));

  destroy_window (window);
}

static void
test_sidebar_follows_model (void)
{
  g_autoptr(GFile) file = copy_example ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) after = NULL;
  CcWindow *window;
  CcProject *project;
  CcItem *sheet, *first;
  guint n;

  if (file == NULL)
    return;
  window = open_window (file);
  project = cc_window_get_project (window);
  n = cc_project_get_n_sheets (project);
  first = cc_project_get_sheet (project, 0);

  /* A renamed sheet is renamed in the list. */
  cc_project_set_string (project, first, CC_SHEET_TITLE, "Renamed in the model");
  rows = sidebar_rows (window);
  g_assert_nonnull (strstr (g_ptr_array_index (rows, 0), "Renamed in the model"));

  /* A removed sheet leaves the list; undo brings it back. */
  sheet = cc_project_get_sheet (project, n - 1);
  cc_item_ref (sheet);
  cc_window_select_sheet (window, sheet);
  cc_project_remove (project, sheet);
  after = sidebar_rows (window);
  g_assert_cmpuint (after->len, ==, n - 1);
  g_assert_true (cc_window_get_sheet (window) != sheet);
  g_assert_nonnull (cc_window_get_sheet (window));
  g_assert_true (cc_project_undo (project));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = sidebar_rows (window);
  g_assert_cmpuint (after->len, ==, n);
  cc_item_unref (sheet);

  destroy_window (window);
}

static void
test_select_sheet (void)
{
  g_autoptr(GFile) file = copy_example ();
  CcWindow *window;
  CcProject *project;
  CcSheetView *view;
  GtkListBox *list;
  guint n;

  if (file == NULL)
    return;
  window = open_window (file);
  project = cc_window_get_project (window);
  view = cc_window_get_sheet_view (window);
  list = cc_window_get_sheet_list (window);
  n = cc_project_get_n_sheets (project);

  for (guint i = 0; i < n; i++)
    {
      CcItem *sheet = cc_project_get_sheet (project, i);

      /* As a click on the row does. */
      gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, i));
      iterate ();
      g_assert_true (cc_window_get_sheet (window) == sheet);
      g_assert_true (cc_sheet_view_get_sheet (view) == sheet);
      g_assert_true (cc_sheet_view_get_project (view) == project);
    }

  if (n > 1)
    {
      gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-sheet", NULL));
      g_assert_true (cc_sheet_view_get_sheet (view) == cc_project_get_sheet (project, 1));
      g_assert_true (gtk_list_box_get_selected_row (list) == gtk_list_box_get_row_at_index (list, 1));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-sheet", NULL));
      g_assert_true (cc_sheet_view_get_sheet (view) == cc_project_get_sheet (project, 0));
    }

  destroy_window (window);
}

static void
test_zoom_actions (void)
{
  g_autoptr(GFile) file = copy_example ();
  CcWindow *window;
  CcSheetView *view;
  double fitted, zoom;
  CcRect area;

  if (file == NULL)
    return;
  window = open_window (file);
  view = cc_window_get_sheet_view (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit", NULL));
  fitted = cc_sheet_view_get_zoom (view);
  g_assert_cmpfloat (fitted, >=, CC_SHEET_VIEW_MIN_ZOOM);
  g_assert_cmpfloat (fitted, <=, CC_SHEET_VIEW_MAX_ZOOM);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));
  zoom = cc_sheet_view_get_zoom (view);
  g_assert_cmpfloat (zoom, >, fitted);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL));
  g_assert_cmpfloat (cc_sheet_view_get_zoom (view), <, fitted);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit", NULL));
  g_assert_cmpfloat_with_epsilon (cc_sheet_view_get_zoom (view), fitted, 1e-9);

  /* Clamped at both ends. */
  for (int i = 0; i < 60; i++)
    cc_sheet_view_zoom_in (view);
  g_assert_cmpfloat (cc_sheet_view_get_zoom (view), ==, CC_SHEET_VIEW_MAX_ZOOM);
  for (int i = 0; i < 60; i++)
    cc_sheet_view_zoom_out (view);
  g_assert_cmpfloat (cc_sheet_view_get_zoom (view), ==, CC_SHEET_VIEW_MIN_ZOOM);

  /* Zooming around a point keeps that point still. */
  cc_sheet_view_zoom_fit (view);
  cc_sheet_view_set_zoom (view, 2.0);
  {
    double x = gtk_widget_get_width (GTK_WIDGET (view)) / 2.0 + 30;
    double y = gtk_widget_get_height (GTK_WIDGET (view)) / 2.0 + 20;
    double before_x, before_y;

    cc_sheet_view_get_visible_area (view, &area);
    before_x = area.x + x / 2.0;
    before_y = area.y + y / 2.0;
    cc_sheet_view_zoom_at (view, 2.5, x, y);
    cc_sheet_view_get_visible_area (view, &area);
    g_assert_cmpfloat_with_epsilon (area.x + x / 2.5, before_x, 1e-6);
    g_assert_cmpfloat_with_epsilon (area.y + y / 2.5, before_y, 1e-6);
  }

  destroy_window (window);
}

static void
test_title_and_modified_marker (void)
{
  g_autoptr(GFile) file = copy_example ();
  g_autofree char *original = NULL;
  CcWindow *window;
  CcProject *project;
  const char *title;

  if (file == NULL)
    return;
  window = open_window (file);
  project = cc_window_get_project (window);
  original = g_strdup (cc_project_get_title (project));

  title = gtk_window_get_title (GTK_WINDOW (window));
  g_assert_false (cc_project_get_modified (project));
  if (original[0] != '\0')
    g_assert_cmpstr (title, ==, original);
  g_assert_false (g_str_has_prefix (title, "•"));

  cc_project_set_string (project, cc_project_get_root (project), CC_PROJECT_TITLE, "Riverside CPP");
  g_assert_true (cc_project_get_modified (project));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Riverside CPP");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_false (cc_project_get_modified (project));
  g_assert_cmpstr (cc_project_get_title (project), ==, original);
  title = gtk_window_get_title (GTK_WINDOW (window));
  g_assert_false (g_str_has_prefix (title, "•"));
  if (original[0] != '\0')
    g_assert_cmpstr (title, ==, original);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Riverside CPP");

  destroy_window (window);
}

static void
test_save (void)
{
  g_autoptr(GFile) file = copy_example ();
  g_autoptr(CcLoadResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CcWindow *window;
  CcProject *project;

  if (file == NULL)
    return;
  window = open_window (file);
  project = cc_window_get_project (window);

  cc_project_set_string (project, cc_project_get_root (project), CC_PROJECT_TITLE, "Saved by the test");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Saved by the test");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  iterate ();
  g_assert_null (find_dialog (window));
  g_assert_false (cc_project_get_modified (project));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Saved by the test");
  g_assert_true (g_file_equal (cc_window_get_file (window), file));

  result = cc_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result->project);
  g_assert_cmpuint (result->n_errors, ==, 0);
  g_assert_cmpstr (cc_project_get_title (result->project), ==, "Saved by the test");
  g_assert_cmpuint (cc_project_get_n_sheets (result->project), ==, cc_project_get_n_sheets (project));

  destroy_window (window);
}

static void
test_save_error_is_shown (void)
{
  g_autoptr(GFile) file = copy_example ();
  g_autofree char *dir = NULL;
  CcWindow *window;
  CcProject *project;
  AdwMessageDialog *dialog;

  if (file == NULL)
    return;
  window = open_window (file);
  project = cc_window_get_project (window);

  /* The file's folder has gone: the save fails and says so. */
  g_assert_true (g_file_delete (file, NULL, NULL));
  dir = g_file_get_path (file);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);   /* a folder where the file was */
  cc_project_set_string (project, cc_project_get_root (project), CC_PROJECT_TITLE, "Cannot be saved");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  iterate ();
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (cc_project_get_modified (project));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Cannot be saved");
  adw_message_dialog_response (dialog, "close");
  iterate ();
  g_rmdir (dir);

  destroy_window (window);
}

static void
test_save_as (void)
{
  g_autoptr(GFile) file = copy_example ();
  g_autoptr(GFile) expected = NULL;
  g_autofree char *expected_path = NULL;
  g_autofree char *uri = NULL;
  CcWindow *window;
  CcProject *project;

  if (file == NULL)
    return;
  window = open_window (file);
  project = cc_window_get_project (window);
  cc_project_set_string (project, cc_project_get_root (project), CC_PROJECT_TITLE, "Saved elsewhere");

  /* The suffix is added when the name lacks it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL));
  answer_chooser ("saved-as");
  expected_path = g_build_filename (tmp_dir, "saved-as.concord", NULL);
  expected = g_file_new_for_path (expected_path);
  g_assert_nonnull (cc_window_get_file (window));
  g_assert_true (g_file_equal (cc_window_get_file (window), expected));
  g_assert_true (g_file_test (expected_path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (cc_project_get_modified (project));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Saved elsewhere");

  uri = g_file_get_uri (expected);
  g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));

  {
    g_autoptr(CcLoadResult) result = cc_load_file (expected, NULL, NULL);

    g_assert_nonnull (result);
    g_assert_nonnull (result->project);
    g_assert_cmpstr (cc_project_get_title (result->project), ==, "Saved elsewhere");
  }

  /* Cancelling changes nothing. */
  cc_project_set_string (project, cc_project_get_root (project), CC_PROJECT_TITLE, "Not saved");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL));
  answer_chooser (NULL);
  g_assert_true (g_file_equal (cc_window_get_file (window), expected));
  g_assert_true (cc_project_get_modified (project));

  destroy_window (window);
}

static void
test_window_size_is_kept (void)
{
  GSettings *settings = cc_application_get_settings ();
  CcWindow *window;
  int width, height;

  if (settings == NULL)
    {
      g_error ("settings schema " APP_ID " not compiled in GSETTINGS_SCHEMA_DIR");
      return;
    }
  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = cc_window_new (NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  gtk_window_close (GTK_WINDOW (window));
  iterate ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
}

static gboolean
is_white (const guchar *p)
{
  guint32 v = *(const guint32 *) p;

  return (v >> 24) == 0xff && ((v >> 16) & 0xff) > 245 && ((v >> 8) & 0xff) > 245 && (v & 0xff) > 245;
}

static gboolean
is_ink (const guchar *p)
{
  /* Cairo ARGB32 is a native-endian 32-bit word: BGRA in memory here.
   * Only opaque pixels count: the desk around the paper may be see-through. */
  guint32 v = *(const guint32 *) p;
  int a = v >> 24, r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;
  int max = MAX (r, MAX (g, b)), min = MIN (r, MIN (g, b));

  return a == 0xff && (max - min > 40 || max < 110);
}

static void
test_view_renders (void)
{
  g_autoptr(GFile) file = copy_example ();
  CcWindow *window;
  CcSheetView *view;
  CcProject *project;

  if (file == NULL)
    return;
  window = open_window (file);
  view = cc_window_get_sheet_view (window);
  project = cc_window_get_project (window);

  for (guint s = 0; s < cc_project_get_n_sheets (project); s++)
    {
      g_autoptr(GdkPaintable) paintable = NULL;
      g_autoptr(GskRenderNode) node = NULL;
      GtkSnapshot *snapshot;
      cairo_surface_t *surface;
      cairo_t *cr;
      int width, height, stride;
      guint white = 0, ink = 0;
      const guchar *data;

      cc_window_select_sheet (window, cc_project_get_sheet (project, s));
      wait_for_frames (GTK_WIDGET (view));
      width = gtk_widget_get_width (GTK_WIDGET (view));
      height = gtk_widget_get_height (GTK_WIDGET (view));

      paintable = gtk_widget_paintable_new (GTK_WIDGET (view));
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        g_error ("sheet %u drew nothing in %d × %d (zoom %g)", s, width, height, cc_sheet_view_get_zoom (view));

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cr = cairo_create (surface);
      gsk_render_node_draw (node, cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            const guchar *p = data + y * stride + x * 4;

            if (is_white (p))
              white++;
            else if (is_ink (p))
              ink++;
          }
      cairo_surface_destroy (surface);

      g_test_message ("sheet %u: %u white, %u ink of %d pixels", s, white, ink, width * height);
      /* White paper fills much of the fitted view, and there is a drawing on it. */
      g_assert_cmpuint (white, >, (guint) (width * height) / 10);
      g_assert_cmpuint (ink, >, 200);
    }

  destroy_window (window);
}

static void
test_close_asks (void)
{
  g_autoptr(GFile) file = copy_example ();
  CcWindow *window;
  CcProject *project;
  AdwMessageDialog *dialog;
  gpointer weak;

  if (file == NULL)
    return;
  window = open_window (file);
  project = cc_window_get_project (window);

  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  cc_project_set_string (project, cc_project_get_root (project), CC_PROJECT_TITLE, "Unsaved");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL));
  iterate ();
  g_assert_nonnull (weak);
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Unsaved"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));

  /* Cancel keeps the window and its changes. */
  adw_message_dialog_response (dialog, "cancel");
  iterate ();
  g_assert_nonnull (weak);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (cc_project_get_modified (project));

  /* Save saves, then closes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL));
  iterate ();
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "save");
  g_assert_true (wait_for (is_weak_null, &weak));

  {
    g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);

    g_assert_nonnull (result);
    g_assert_nonnull (result->project);
    g_assert_cmpstr (cc_project_get_title (result->project), ==, "Unsaved");
  }
}

static void
test_close_discard (void)
{
  g_autoptr(GFile) file = copy_example ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *path = NULL;
  CcWindow *window;
  CcProject *project;
  AdwMessageDialog *dialog;
  gpointer weak;

  if (file == NULL)
    return;
  path = g_file_get_path (file);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  window = open_window (file);
  project = cc_window_get_project (window);
  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);

  cc_project_set_string (project, cc_project_get_root (project), CC_PROJECT_TITLE, "Thrown away");
  gtk_window_close (GTK_WINDOW (window));
  iterate ();
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  g_assert_true (wait_for (is_weak_null, &weak));

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
}

static void
test_open_missing_file (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "does-not-exist.concord", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CcWindow *window = cc_window_new (NULL);
  AdwMessageDialog *dialog;

  gtk_window_present (GTK_WINDOW (window));
  cc_window_open (window, file);
  iterate ();

  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "does-not-exist.concord"));
  g_assert_true (cc_window_is_untouched (window));
  g_assert_null (cc_window_get_file (window));
  adw_message_dialog_response (dialog, "close");
  iterate ();

  destroy_window (window);
}

static void
test_open_garbage (void)
{
  const char *garbage[] = {
    "",
    "not json at all",
    "{\"format\": \"concord-project\", \"version\": 1, \"sheets\": [",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "{\"format\": \"something-else\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(GFile) file = write_temp_file ("garbage.concord", garbage[i]);
      g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);
      CcWindow *window = cc_window_new (NULL);
      AdwMessageDialog *dialog;

      gtk_window_present (GTK_WINDOW (window));
      cc_window_open (window, file);
      iterate ();

      /* Never bound to a file that could not be read whole. */
      g_assert_null (cc_window_get_file (window));
      if (result == NULL || result->project == NULL || result->n_errors > 0)
        {
          dialog = find_dialog (window);
          g_assert_nonnull (dialog);
          adw_message_dialog_response (dialog, "cancel");
          adw_message_dialog_response (dialog, "close");
          iterate ();
        }
      g_assert_true (cc_window_is_untouched (window));
      destroy_window (window);
    }
}

/* A device or a named pipe given as a project answers at once with what it
 * is, and the window stays as it was. */
static void
test_open_special_files (void)
{
  g_autofree char *fifo = g_strdup_printf ("%s/%u-pipe.concord", tmp_dir, ++tmp_counter);
  struct { const char *path; const char *says; } cases[] = {
    { "/dev/zero", "it is a device, not a file" },
    { fifo, "it is a named pipe (FIFO), not a file" },
  };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (cases[i].path);
      CcWindow *window = cc_window_new (NULL);
      AdwMessageDialog *dialog;

      gtk_window_present (GTK_WINDOW (window));
      cc_window_open (window, file);
      iterate ();

      g_assert_null (cc_window_get_file (window));
      dialog = find_dialog (window);
      g_assert_nonnull (dialog);
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), cases[i].says));
      adw_message_dialog_response (dialog, "close");
      iterate ();
      g_assert_true (cc_window_is_untouched (window));
      destroy_window (window);
    }
  g_unlink (fifo);
}

/* Opening a file removes what a killed save of it left beside it. */
static void
test_open_removes_interrupted_saves (void)
{
  g_autoptr(GFile) file = copy_example ();
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *name = g_strdup_printf (".%s.concord-save-k1LLed", base);
  g_autoptr(GFile) left = g_file_get_child (dir, name);
  g_autofree char *left_path = g_file_get_path (left);
  struct utimbuf old = { time (NULL) - 300, time (NULL) - 300 };
  CcWindow *window;

  g_assert_true (g_file_set_contents (left_path, "{\"format\": \"concord-pro", -1, NULL));
  g_assert_cmpint (utime (left_path, &old), ==, 0);
  window = open_window (file);
  g_assert_nonnull (cc_window_get_file (window));
  g_assert_false (g_file_test (left_path, G_FILE_TEST_EXISTS));
  destroy_window (window);
}

/* Whether a label of @widget or of a widget inside it reads @text. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
view_key (CcSheetView *view, guint keyval, GdkModifierType state)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (cc_sheet_view_get_key_controller (view), "key-pressed", keyval, 0, state, &handled);
  iterate ();
  return handled;
}

/* A sheet a newer Concord made is listed as such, shown, left alone by
 * every edit, and saved as it was read. */
static void
test_newer_sheet (void)
{
  static const char text[] =
    "{\"format\": \"concord-project\", \"version\": 2, \"title\": \"Harbour\","
    " \"actors\": [{\"id\": \"a1\", \"name\": \"City Council\"}],"
    " \"sheets\": [{\"id\": \"m1\", \"type\": \"map\", \"title\": \"Today\","
    "   \"nodes\": [{\"id\": \"n1\", \"actor\": \"a1\", \"x\": 0, \"y\": 0}]},"
    "  {\"id\": \"t1\", \"type\": \"timeline\", \"title\": \"Milestones\","
    "   \"lanes\": [{\"id\": \"e1\", \"at\": \"2027-03-01\", \"text\": \"Bid\"}], \"zoom\": 1.5}]}";
  g_autoptr(GFile) file = write_temp_file ("newer.concord", text);
  g_autoptr(CcLoadResult) before = cc_load_file (file, NULL, NULL);
  g_autoptr(CcLoadResult) after = NULL;
  g_autoptr(GError) error = NULL;
  CcWindow *window;
  CcProject *project;
  CcSheetView *view;
  GtkListBox *list;
  CcItem *sheet;
  GtkAllocation alloc;
  static const guint keys[] = { GDK_KEY_a, GDK_KEY_Delete, GDK_KEY_BackSpace, GDK_KEY_Return, GDK_KEY_x,
                                GDK_KEY_1, GDK_KEY_F2, GDK_KEY_Tab };

  g_assert_nonnull (before);
  g_assert_nonnull (before->project);
  window = open_window (file);
  project = cc_window_get_project (window);
  view = cc_window_get_sheet_view (window);
  list = cc_window_get_sheet_list (window);
  g_assert_cmpuint (cc_project_get_n_sheets (project), ==, 2);

  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 1));
  iterate ();
  sheet = cc_window_get_sheet (window);
  g_assert_nonnull (sheet);
  g_assert_cmpint (cc_item_get_kind (sheet), ==, CC_KIND_NEWER_SHEET);
  g_assert_true (cc_sheet_view_get_sheet (view) == sheet);
  g_assert_true (has_label (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)), "Made by a newer Concord"));
  g_assert_true (has_label (GTK_WIDGET (window), "A newer Concord made this sheet. It is kept as it is, "
                                                 "and nothing on it can be edited here"));

  /* Keys, a double click and Duplicate change nothing. */
  view_key (view, GDK_KEY_a, GDK_CONTROL_MASK);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    view_key (view, keys[i], 0);
  view_key (view, GDK_KEY_v, GDK_CONTROL_MASK);
  gtk_widget_get_allocation (GTK_WIDGET (view), &alloc);
  g_signal_emit_by_name (cc_sheet_view_get_click_gesture (view), "pressed", 2, alloc.width / 2.0, alloc.height / 2.0);
  iterate ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-sheet", NULL);
  iterate ();
  g_assert_null (cc_sheet_view_get_entry (view));
  g_assert_cmpuint (cc_project_get_n_sheets (project), ==, 2);
  g_assert_false (cc_project_can_undo (project));
  g_assert_false (cc_project_get_modified (project));
  g_assert_null (cc_project_duplicate_sheet (project, sheet));

  /* Saved after an edit elsewhere: the sheet comes back member for member. */
  cc_project_set_string (project, cc_project_get_root (project), CC_PROJECT_TITLE, "Harbour 2");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  iterate ();
  g_assert_false (cc_project_get_modified (project));
  after = cc_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (after->project);
  g_assert_cmpuint (cc_project_get_n_sheets (after->project), ==, 2);
  {
    CcItem *was = cc_project_get_sheet (before->project, 1);
    CcItem *is = cc_project_get_sheet (after->project, 1);

    g_assert_cmpint (cc_item_get_kind (is), ==, CC_KIND_NEWER_SHEET);
    g_assert_cmpstr (cc_item_get_string (is, CC_NEWER_SHEET_TYPE), ==, "timeline");
    g_assert_cmpstr (cc_item_get_string (is, CC_SHEET_TITLE), ==, "Milestones");
    g_assert_nonnull (cc_item_get_extra (is));
    g_assert_true (g_bytes_equal (cc_item_get_extra (was), cc_item_get_extra (is)));
  }

  destroy_window (window);
}

static CcProjectDialog *
find_project_dialog (CcWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (CC_IS_PROJECT_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window)
          && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return CC_PROJECT_DIALOG (toplevel);
    }
  return NULL;
}

/* Project Properties: title, author, description and handout date, each
 * change one undo step, saved with the project. */
static void
test_project_properties (void)
{
  g_autoptr(GFile) file = copy_example ();
  g_autoptr(CcLoadResult) saved = NULL;
  CcWindow *window;
  CcProject *project;
  CcProjectDialog *dialog;
  CcItem *meta;
  guint history;

  if (file == NULL)
    return;
  window = open_window (file);
  project = cc_window_get_project (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.project-properties", NULL));
  iterate ();
  dialog = find_project_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cc_project_dialog_get_title_row (dialog))), ==,
                   cc_project_get_title (project));

  /* The title, as one step, and the window's title follows */
  history = cc_project_get_history_length (project);
  gtk_editable_set_text (GTK_EDITABLE (cc_project_dialog_get_title_row (dialog)), "  Harbour Quarter Partnership ");
  g_signal_emit_by_name (cc_project_dialog_get_title_row (dialog), "entry-activated");
  iterate ();
  g_assert_cmpstr (cc_project_get_title (project), ==, "Harbour Quarter Partnership");
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 1);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Harbour Quarter Partnership");

  /* Undone, the dialog shows the old title again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cc_project_dialog_get_title_row (dialog))), ==,
                   cc_project_get_title (project));
  g_assert_cmpstr (cc_project_get_title (project), !=, "Harbour Quarter Partnership");

  /* Author and description: kept when the dialog closes */
  gtk_editable_set_text (GTK_EDITABLE (cc_project_dialog_get_title_row (dialog)), "Harbour Quarter Partnership");
  gtk_editable_set_text (GTK_EDITABLE (cc_project_dialog_get_author_row (dialog)), "Harbour CPP team");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (cc_project_dialog_get_description (dialog)),
                            "Who works with whom on the harbour, and what holds it back.", -1);
  history = cc_project_get_history_length (project);
  gtk_window_close (GTK_WINDOW (dialog));
  iterate ();
  g_assert_null (find_project_dialog (window));
  meta = cc_project_get_meta (project);
  g_assert_nonnull (meta);
  g_assert_cmpstr (cc_project_get_title (project), ==, "Harbour Quarter Partnership");
  g_assert_cmpstr (cc_item_get_string (meta, CC_META_AUTHOR), ==, "Harbour CPP team");
  g_assert_cmpstr (cc_item_get_string (meta, CC_META_DESCRIPTION), ==,
                   "Who works with whom on the harbour, and what holds it back.");
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 3);

  /* The handout's date: picked on the calendar, then the day of printing again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.project-properties", NULL));
  iterate ();
  dialog = find_project_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_action_row_get_subtitle (cc_project_dialog_get_date_row (dialog)), ==,
                   "The day the handout is made");
  {
    g_autoptr(GDateTime) day = g_date_time_new_local (2026, 3, 1, 12, 0, 0);

    gtk_calendar_select_day (cc_project_dialog_get_calendar (dialog), day);
  }
  iterate ();
  g_assert_cmpstr (cc_item_get_string (meta, CC_META_DATE), ==, "2026-03-01");
  g_assert_cmpstr (adw_action_row_get_subtitle (cc_project_dialog_get_date_row (dialog)), ==, "1 March 2026");
  g_assert_true (cc_project_undo (project));
  g_assert_cmpstr (cc_item_get_string (meta, CC_META_DATE), ==, "");
  g_assert_true (cc_project_redo (project));
  gtk_window_close (GTK_WINDOW (dialog));
  iterate ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  iterate ();
  saved = cc_load_file (file, NULL, NULL);
  g_assert_nonnull (saved->project);
  g_assert_cmpstr (cc_project_get_title (saved->project), ==, "Harbour Quarter Partnership");
  g_assert_cmpstr (cc_item_get_string (cc_project_get_meta (saved->project), CC_META_AUTHOR), ==, "Harbour CPP team");
  g_assert_cmpstr (cc_item_get_string (cc_project_get_meta (saved->project), CC_META_DATE), ==, "2026-03-01");

  destroy_window (window);
}

/* A new project without a title asks for one when first saved. */
static void
test_first_save_asks_title (void)
{
  g_autoptr(CcProject) project = cc_project_new ();
  CcWindow *window = cc_window_new (NULL);
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  g_autofree char *path = g_build_filename (tmp_dir, "Harbour Quarter Partnership.concord", NULL);

  cc_window_set_project (window, project, NULL);
  cc_project_add_sheet (project, CC_KIND_MAP, "Today", -1);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  iterate ();
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Name This Project");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "name"));
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gtk_editable_set_text (entry, "Harbour Quarter Partnership");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "name"));
  adw_message_dialog_response (dialog, "name");
  gtk_window_destroy (GTK_WINDOW (dialog));   /* as its button does */
  iterate ();
  g_assert_cmpstr (cc_project_get_title (project), ==, "Harbour Quarter Partnership");
  /* Then the file chooser, which offers the title as the file's name */
  g_assert_true (wait_for (has_chooser, NULL));
  g_assert_cmpstr (gtk_file_chooser_get_current_name (find_chooser ()), ==, "Harbour Quarter Partnership.concord");
  answer_chooser ("Harbour Quarter Partnership.concord");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  /* Undo takes the title back, as any edit */
  g_assert_true (cc_project_undo (project));
  g_assert_cmpstr (cc_project_get_title (project), ==, "");
  /* A project with a file is not asked again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  iterate ();
  if (find_dialog (window) != NULL)
    g_error ("Saving again showed “%s”", adw_message_dialog_get_heading (find_dialog (window)));

  destroy_window (window);
}

/* A file as Windows Notepad saves it (a byte order mark, CRLF line ends)
 * opens, and is saved without the mark. */
static void
test_open_notepad_file (void)
{
  static const char text[] =
    "\xEF\xBB\xBF{\r\n  \"format\": \"concord-project\",\r\n  \"version\": 1,\r\n  \"title\": \"Notepad project\",\r\n"
    "  \"sheets\": [{\"id\": \"m1\", \"type\": \"map\", \"title\": \"Today\"}]\r\n}\r\n";
  g_autoptr(GFile) file = write_temp_file ("notepad.concord", text);
  g_autofree char *saved = NULL;
  CcWindow *window = open_window (file);
  CcProject *project = cc_window_get_project (window);

  g_assert_cmpstr (cc_project_get_title (project), ==, "Notepad project");
  g_assert_cmpuint (cc_project_get_n_sheets (project), ==, 1);
  cc_project_set_string (project, cc_project_get_root (project), CC_PROJECT_TITLE, "Saved again");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  iterate ();
  g_assert_true (g_file_get_contents (g_file_peek_path (file), &saved, NULL, NULL));
  g_assert_false (g_str_has_prefix (saved, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (saved, "\"Saved again\""));
  destroy_window (window);
}

static void
test_open_partial (void)
{
  g_autoptr(GFile) example = copy_example ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(CcLoadResult) sound = NULL;
  g_autoptr(CcLoadResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *path = NULL;
  CcWindow *window;
  AdwMessageDialog *dialog;
  CcItem *sheet = NULL;
  const char *needle;

  if (example == NULL)
    return;

  /* The example with one link pointing nowhere. */
  sound = cc_load_file (example, NULL, NULL);
  g_assert_nonnull (sound);
  g_assert_nonnull (sound->project);
  bytes = cc_project_serialize (sound->project);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  for (guint i = 0; i < cc_project_get_n_sheets (sound->project); i++)
    if (cc_item_get_kind (cc_project_get_sheet (sound->project, i)) == CC_KIND_MAP
        && cc_item_get_n_children (cc_project_get_sheet (sound->project, i), CC_MAP_LINKS) > 0)
      sheet = cc_project_get_sheet (sound->project, i);
  if (sheet == NULL)
    {
      g_error ("the example has no map with links");
      return;
    }
  {
    CcItem *link = cc_item_get_child (sheet, CC_MAP_LINKS, 0);
    g_autofree char *member = g_strdup_printf ("\"to\": \"%s\"",
                                               cc_item_get_string (link, CC_LINK_TO));

    needle = strstr (text->str, member);
    g_assert_nonnull (needle);
    g_string_erase (text, needle - text->str, strlen (member));
    g_string_insert (text, needle - text->str, "\"to\": \"no-such-node\"");
  }
  file = write_temp_file ("damaged.concord", text->str);
  path = g_file_get_path (file);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  result = cc_load_file (file, NULL, NULL);
  g_assert_nonnull (result);
  if (result->project == NULL || result->n_errors == 0)
    {
      g_error ("the reader does not report a dangling link as a recoverable error");
      return;
    }

  window = cc_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  cc_window_open (window, file);
  iterate ();

  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  g_assert_true (cc_window_is_untouched (window));

  adw_message_dialog_response (dialog, "open");
  iterate ();

  /* Open, unbound from the damaged file and marked modified. */
  g_assert_false (cc_window_is_untouched (window));
  g_assert_null (cc_window_get_file (window));
  g_assert_true (cc_project_get_modified (cc_window_get_project (window)));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));
  g_assert_cmpuint (cc_project_get_n_sheets (cc_window_get_project (window)), >, 0);

  /* Save asks for a new name rather than overwrite the damaged file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  answer_chooser (NULL);
  g_assert_null (cc_window_get_file (window));
  g_assert_true (cc_project_get_modified (cc_window_get_project (window)));

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  destroy_window (window);
}

static gboolean
drop_files (CcWindow *window,
            GFile   **files,
            gsize     n_files)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, n_files));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &handled);
          iterate ();
          return handled;
        }
    }
  g_assert_not_reached ();
}

/* Files dropped on the window open: here when it is empty, else in a new window. */
static void
test_drop (void)
{
  g_autoptr(GFile) first = copy_example ();
  g_autoptr(GFile) second = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  CcWindow *window;
  CcWindow *other;
  guint n_before;

  if (first == NULL)
    return;
  second = copy_example ();
  window = cc_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  g_assert_true (drop_files (window, &first, 1));
  g_assert_nonnull (cc_window_get_file (window));
  g_assert_true (g_file_equal (cc_window_get_file (window), first));

  n_before = g_list_model_get_n_items (toplevels);
  g_assert_true (drop_files (window, &second, 1));
  g_assert_true (g_file_equal (cc_window_get_file (window), first));
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_before + 1);
  other = cc_window_lookup_for_file (NULL, second);
  g_assert_nonnull (other);
  g_assert_true (other != window);

  destroy_window (other);
  destroy_window (window);
}

static void
test_open_example (void)
{
  g_autoptr(GFile) example = cc_application_get_example_file ();
  CcWindow *window;

  if (!g_file_query_exists (example, NULL))
    {
      g_error ("the example project is missing");
      return;
    }
  window = cc_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", NULL));
  iterate ();

  /* Shown, but not bound to the bundled file: saving asks for a name. */
  g_assert_null (find_dialog (window));
  g_assert_false (cc_window_is_untouched (window));
  g_assert_null (cc_window_get_file (window));
  g_assert_false (cc_project_get_modified (cc_window_get_project (window)));
  g_assert_cmpuint (cc_project_get_n_sheets (cc_window_get_project (window)), >, 0);
  g_assert_nonnull (cc_window_get_sheet (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  answer_chooser (NULL);
  g_assert_null (cc_window_get_file (window));

  destroy_window (window);
}

static void
test_open_reuses_untouched_window (void)
{
  g_autoptr(GFile) first = copy_example ();
  g_autoptr(GFile) second = NULL;
  CcWindow *window;
  CcWindow *other = NULL;
  GListModel *toplevels;
  guint n_before;

  if (first == NULL)
    return;
  second = copy_example ();
  window = open_window (first);
  g_assert_true (g_file_equal (cc_window_get_file (window), first));

  /* A window that holds a project opens another file in a new window. */
  toplevels = gtk_window_get_toplevels ();
  n_before = g_list_model_get_n_items (toplevels);
  cc_window_open (window, second);
  iterate ();
  g_assert_true (g_file_equal (cc_window_get_file (window), first));
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_before + 1);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWindow *toplevel = g_list_model_get_item (toplevels, i);

      g_object_unref (toplevel);   /* the list keeps it alive */
      if (CC_IS_WINDOW (toplevel) && CC_WINDOW (toplevel) != window)
        {
          other = CC_WINDOW (toplevel);
          break;
        }
    }
  g_assert_nonnull (other);
  g_assert_true (g_file_equal (cc_window_get_file (other), second));
  g_assert_true (cc_project_get_n_sheets (cc_window_get_project (other)) > 0);

  /* Opening a file already open presents its window, with no new one. */
  cc_window_open (window, second);
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_before + 1);

  destroy_window (other);

  destroy_window (window);
}

/* Every accelerator in the shortcuts window does something, and every
 * window accelerator is in the shortcuts window. */
/* The first widget under @widget with the tooltip @text */
static GtkWidget *
find_widget_by_tooltip (GtkWidget  *widget,
                        const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_by_tooltip (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_presenting (gpointer data)
{
  CcSheetView *view = cc_window_get_sheet_view (data);

  /* Fitted for the room once the view has its size */
  return cc_window_get_presenting (data) && cc_sheet_view_get_presenting (view)
         && gtk_widget_get_width (GTK_WIDGET (view)) > 0;
}

/* F5 presents the sheet: the panels and the header bar go, the names are
 * set at least CC_SHEET_PRESENT_NAME_PX tall, Page Down and Page Up go
 * through the sheets, Escape gives everything back; nothing is edited. */
static void
test_present (void)
{
  g_autoptr(GFile) example = cc_application_get_example_file ();
  CcWindow *window = cc_window_new (NULL);
  CcSheetView *view = cc_window_get_sheet_view (window);
  GtkWidget *inspector_button;
  CcProject *project;
  CcItem *first;
  double name_px;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", NULL));
  iterate ();
  project = cc_window_get_project (window);
  first = cc_window_get_sheet (window);
  g_assert_nonnull (first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-inspector", NULL));
  iterate ();
  inspector_button = find_widget_by_tooltip (GTK_WIDGET (window), "Show Details (F9)");
  g_assert_nonnull (inspector_button);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (inspector_button)));

  g_assert_true (offer_key (GTK_WIDGET (window), GTK_PHASE_BUBBLE, GDK_KEY_F5, 0));
  g_assert_true (wait_for (is_presenting, window));
  run_for (300);
  g_assert_false (gtk_widget_get_mapped (inspector_button));        /* the header bar is gone */
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (inspector_button)));
  name_px = cc_sheet_view_get_zoom (view) * cc_sheet_view_get_text_scale (view) * CC_RENDER_NAME_SIZE;
  g_test_message ("names %.1f px at zoom %.3f, text x%.2f", name_px, cc_sheet_view_get_zoom (view),
                  cc_sheet_view_get_text_scale (view));
  g_assert_cmpfloat (name_px, >=, CC_SHEET_PRESENT_NAME_PX - 0.01);

  /* A clicker's keys: the sheets, in order */
  g_assert_true (offer_key (GTK_WIDGET (window), GTK_PHASE_CAPTURE, GDK_KEY_Page_Down, 0));
  iterate ();
  g_assert_true (cc_window_get_sheet (window) == cc_project_get_sheet (project, 1));
  g_assert_true (cc_sheet_view_get_presenting (view));
  g_assert_true (offer_key (GTK_WIDGET (window), GTK_PHASE_CAPTURE, GDK_KEY_Page_Up, 0));
  iterate ();
  g_assert_true (cc_window_get_sheet (window) == first);

  /* A name being typed keeps its keys: Page Down there is no clicker's */
  cc_selection_select (cc_sheet_view_get_selection (view),
                       cc_item_get_child (cc_window_get_sheet (window), CC_MAP_NODES, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "canvas.quick-entry", NULL));
  iterate ();
  g_assert_true (cc_sheet_view_entry_is_open (view));
  g_assert_false (offer_key (GTK_WIDGET (window), GTK_PHASE_CAPTURE, GDK_KEY_Page_Down, 0));
  g_assert_false (offer_key (GTK_WIDGET (window), GTK_PHASE_CAPTURE, GDK_KEY_Escape, 0));
  g_assert_true (cc_window_get_sheet (window) == first);
  g_assert_true (cc_window_get_presenting (window));
  cc_sheet_view_cancel_entry (view);
  iterate ();

  /* High contrast, remembered */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.high-contrast", NULL));
  g_assert_true (g_settings_get_boolean (cc_application_get_settings (), "high-contrast"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.high-contrast", NULL));

  g_assert_true (offer_key (GTK_WIDGET (window), GTK_PHASE_CAPTURE, GDK_KEY_Escape, 0));
  iterate ();
  g_assert_false (cc_window_get_presenting (window));
  g_assert_false (cc_sheet_view_get_presenting (view));
  g_assert_cmpfloat (cc_sheet_view_get_text_scale (view), ==, 1.0);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (inspector_button)));
  run_for (300);
  g_assert_true (gtk_widget_get_mapped (inspector_button));
  g_assert_false (cc_project_get_modified (project));

  destroy_window (window);
}

/* A map of twenty organisations with short names, presented, fits the
 * screen with its names at the room's size, nothing covering anything */
static void
test_present_fits (void)
{
  CcWindow *window = cc_window_new (NULL), *shown;
  CcSheetView *view;
  CcProject *project;
  CcItem *sheet;
  const CcRect *bounds;
  double zoom, name_px;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  shown = cc_window_new_project (window, "map");
  g_assert_true (shown == window);
  project = cc_window_get_project (window);
  sheet = cc_window_get_sheet (window);
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("Partner %d", i + 1);

      cc_map_add_organisation (project, sheet, NULL, name, (CcSector) (i % CC_N_SECTORS),
                               (i % 4) * 170.0, (i / 4) * 70.0);
    }
  iterate ();
  view = cc_window_get_sheet_view (window);
  cc_window_set_presenting (window, TRUE);
  g_assert_true (wait_for (is_presenting, window));
  run_for (300);
  zoom = cc_sheet_view_get_zoom (view);
  name_px = zoom * cc_sheet_view_get_text_scale (view) * CC_RENDER_NAME_SIZE;
  g_test_message ("names %.1f px, text x%.2f", name_px, cc_sheet_view_get_text_scale (view));
  g_assert_cmpfloat (name_px, >=, CC_SHEET_PRESENT_NAME_PX - 0.01);
  g_assert_cmpfloat (cc_sheet_view_get_text_scale (view), >, 1.0);
  bounds = cc_sheet_view_get_bounds (view);
  g_assert_cmpfloat (bounds->width * zoom, <=, gtk_widget_get_width (GTK_WIDGET (view)) + 0.5);
  g_assert_cmpfloat (bounds->height * zoom, <=, gtk_widget_get_height (GTK_WIDGET (view)) + 0.5);
  {
    GPtrArray *nodes = cc_item_get_children (sheet, CC_MAP_NODES);
    g_autofree CcRect *boxes = g_new (CcRect, nodes->len);

    g_assert_cmpuint (nodes->len, ==, 20);
    for (guint i = 0; i < nodes->len; i++)
      {
        g_assert_true (cc_sheet_view_get_box (view, nodes->pdata[i], &boxes[i]));
        for (guint j = 0; j < i; j++)
          g_assert_false (cc_rect_intersects (&boxes[i], &boxes[j]));
      }
  }

  cc_window_set_presenting (window, FALSE);
  cc_project_set_modified (project, FALSE);
  destroy_window (window);
}

static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (APP_PATH "/ui/shortcuts.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");
  CcWindow *window = cc_window_new (NULL);
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) bound = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) controllers = NULL;
  /* Application accelerators, set in CcApplication's startup. */
  const char *app_accels[] = { "<Control>o", "<Control>n", "<Control>q", "<Control>question",
                               /* Handled by the map view's key handler (tests/ui/test-map-edit-ui.c). */
                               "Return", "Tab", "1", "2", "3", "4", "<Control>a", "Delete", "<Control>d", "<Control>c", "<Control>x", "<Control>v", "<Control>g", "<Shift><Control>g", "F2",
                               "Left", "Right", "Up", "Down", "Escape", "space",
                               "<Alt>Left", "<Alt>Right", "<Alt>Up", "<Alt>Down", "<Control>l", "Menu", "<Shift>F10",
                               "l", "<Control>e", "<Control>1", "<Control>2", "<Control>3", "<Control>4", "<Control>5",
                               "<Control>6", "<Control>7", "<Control>8", "<Control>9",
                               /* Handled by the outline's list (tests/ui/test-outline.c). */
                               "<Shift>Up", "<Shift>Down", "<Control>space",
                               /* Handled on force fields (tests/ui/test-forcefield-ui.c). */
                               "5", "plus", "minus", "<Control>r",
                               /* Handled on design canvases (tests/ui/test-canvas-ui.c). */
                               "0", "c",
                               /* Handled while presenting (cc-window-present.c, /ui/window/present). */
                               "Page_Down", "Page_Up",
                               /* Handled by the reveal bar on maps (tests/ui/test-reveal-ui.c). */
                               "r", "period", "comma" };
  GSList *objects;

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accels = NULL;
      g_auto(GStrv) parts = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accels, NULL);
      if (accels == NULL)
        continue;
      parts = g_strsplit (accels, " ", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          guint key;
          GdkModifierType mods;

          if (parts[i][0] == '\0')
            continue;
          g_assert_true (gtk_accelerator_parse (parts[i], &key, &mods));
          g_ptr_array_add (listed, gtk_accelerator_name (key, mods));
        }
    }
  g_slist_free (objects);
  g_assert_cmpuint (listed->len, >=, 14);

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          const char *name;
          g_autofree char *accel = NULL;
          guint key;

          if (!GTK_IS_KEYVAL_TRIGGER (trigger) || !GTK_IS_NAMED_ACTION (action))
            continue;
          name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
          if (!g_str_has_prefix (name, "win."))
            continue;
          key = gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger));
          accel = gtk_accelerator_name (key, gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
          /* Keypad twins are not listed separately. */
          if (key == GDK_KEY_KP_Add || key == GDK_KEY_KP_Subtract || key == GDK_KEY_KP_0)
            continue;
          g_test_message ("%s → %s", accel, name);
          g_assert_true (g_ptr_array_find_with_equal_func (listed, accel, g_str_equal, NULL));
          g_ptr_array_add (bound, g_steal_pointer (&accel));
        }
    }
  g_assert_cmpuint (bound->len, >=, 11);

  for (guint i = 0; i < listed->len; i++)
    {
      const char *accel = g_ptr_array_index (listed, i);
      gboolean found = g_ptr_array_find_with_equal_func (bound, accel, g_str_equal, NULL);

      for (guint j = 0; !found && j < G_N_ELEMENTS (app_accels); j++)
        {
          guint key;
          GdkModifierType mods;
          g_autofree char *name = NULL;

          gtk_accelerator_parse (app_accels[j], &key, &mods);
          name = gtk_accelerator_name (key, mods);
          found = g_str_equal (name, accel);
        }
      if (!found)
        g_error ("The shortcuts window lists %s, which nothing handles", accel);
    }

  gtk_window_destroy (GTK_WINDOW (overlay));
  destroy_window (window);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  /* Keep recent files and settings away from the user's own. */
  tmp_dir = g_dir_make_tmp ("concord-ui-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  home = g_build_filename (tmp_dir, "home", NULL);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_STATE_HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/window/empty", test_empty_window);
  g_test_add_func ("/ui/window/sidebar-lists-sheets", test_sidebar_lists_sheets);
  g_test_add_func ("/ui/window/sidebar-follows-model", test_sidebar_follows_model);
  g_test_add_func ("/ui/window/select-sheet", test_select_sheet);
  g_test_add_func ("/ui/window/zoom-actions", test_zoom_actions);
  g_test_add_func ("/ui/window/title-and-modified-marker", test_title_and_modified_marker);
  g_test_add_func ("/ui/window/save", test_save);
  g_test_add_func ("/ui/window/save-error-is-shown", test_save_error_is_shown);
  g_test_add_func ("/ui/window/save-as", test_save_as);
  g_test_add_func ("/ui/window/size-is-kept", test_window_size_is_kept);
  g_test_add_func ("/ui/window/close-asks", test_close_asks);
  g_test_add_func ("/ui/window/close-discard", test_close_discard);
  g_test_add_func ("/ui/window/open-missing-file", test_open_missing_file);
  g_test_add_func ("/ui/window/open-garbage", test_open_garbage);
  g_test_add_func ("/ui/window/open-special-files", test_open_special_files);
  g_test_add_func ("/ui/window/open-removes-interrupted-saves", test_open_removes_interrupted_saves);
  g_test_add_func ("/ui/window/open-partial", test_open_partial);
  g_test_add_func ("/ui/window/newer-sheet", test_newer_sheet);
  g_test_add_func ("/ui/window/open-notepad-file", test_open_notepad_file);
  g_test_add_func ("/ui/window/project-properties", test_project_properties);
  g_test_add_func ("/ui/window/first-save-asks-title", test_first_save_asks_title);
  g_test_add_func ("/ui/window/open-in-new-window", test_open_reuses_untouched_window);
  g_test_add_func ("/ui/window/open-example", test_open_example);
  g_test_add_func ("/ui/window/drop", test_drop);
  g_test_add_func ("/ui/window/present", test_present);
  g_test_add_func ("/ui/window/present-fits", test_present_fits);
  g_test_add_func ("/ui/view/renders", test_view_renders);
  g_test_add_func ("/ui/shortcuts-window", test_shortcuts_window);

  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
