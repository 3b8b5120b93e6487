/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-file-watch-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "cc-file-watch.h"
#include "cc-window.h"
#include "cc-ui-test-util.h"

/* A project file changed by someone else while it is open: the real window,
 * its file monitor and its banner. The file is written from here, as another
 * program would, and the main loop runs until the window has noticed. */

static char *tmp_dir;

/* Helpers */

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds, for at most @ms milliseconds. */
static gboolean
wait_for_ms (Condition condition,
             gpointer  data,
             guint     ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  iterate ();
  return condition (data);
}

static gboolean
wait_for (Condition condition,
          gpointer  data)
{
  return wait_for_ms (condition, data, 10000);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Long enough for the monitor to report a write and the watch to settle
 * (200 ms): what has not shown by then is not coming. */
static void
let_monitor_settle (void)
{
  wait_for_ms (never, NULL, 1500);
}

static gpointer
child (CcWindow   *window,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), CC_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static gboolean
disk_banner_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (child (data, "disk_revealer"));
}

static gboolean
disk_banner_offers_reload (gpointer data)
{
  return disk_banner_shown (data) && gtk_widget_get_visible (child (data, "disk_reload_button"));
}

static gboolean
disk_banner_tells_deleted (gpointer data)
{
  return disk_banner_shown (data) && gtk_widget_get_visible (child (data, "disk_dismiss_button"))
         && !gtk_widget_get_visible (child (data, "disk_reload_button"));
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static gboolean
is_weak_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
is_allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_height (data) > 0;
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

static gboolean
has_dialog (gpointer data)
{
  return find_dialog (data) != NULL;
}

static gboolean
is_nonzero (gpointer data)
{
  return *(guint *) data != 0;
}

/* Activates @button as the keyboard does, once it is on screen; a button
 * activated so shows itself pressed for a moment before it is clicked. */
/* Answers @dialog as a click on one of its buttons does: the answer, and
 * the dialog gone. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate ();
}

static void
press (CcWindow   *window,
       const char *button)
{
  GtkWidget *widget = child (window, button);
  guint clicked = 0;
  gulong id;

  g_assert_true (gtk_widget_get_visible (widget));
  /* On screen: the banner slides in */
  g_assert_true (wait_for ((Condition) gtk_widget_get_mapped, widget));
  id = g_signal_connect_swapped (widget, "clicked", G_CALLBACK (count_cb), &clicked);
  g_assert_true (gtk_widget_activate (widget));
  g_assert_true (wait_for (is_nonzero, &clicked));
  g_signal_handler_disconnect (widget, id);
}

static void
set_title (CcProject  *project,
           const char *title)
{
  cc_project_set_string (project, cc_project_get_root (project), CC_PROJECT_TITLE, title);
}

/* The title of the project in @file as it is on disk now. */
static char *
title_on_disk (GFile *file)
{
  g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);

  g_assert_nonnull (result);
  g_assert_nonnull (result->project);
  return g_strdup (cc_project_get_title (result->project));
}

/* Rewrites @file with the title @title, as another program would: with
 * @in_place the file itself is truncated and written, else a new file is
 * renamed over it (as most editors, and Concord, save).
 *
 * File times come from a coarse clock (a tick of a few milliseconds), so a
 * write just after another may get its time and so its entity tag. Nobody
 * edits that fast; the pause keeps the test honest about it. */
static void
write_elsewhere (GFile      *file,
                 const char *title,
                 gboolean    in_place)
{
  g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_usleep (50 * 1000);
  g_assert_nonnull (result);
  g_assert_nonnull (result->project);
  set_title (result->project, title);

  if (in_place)
    {
      g_autoptr(GBytes) bytes = cc_project_serialize (result->project);
      FILE *out = g_fopen (g_file_peek_path (file), "wb");
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      g_assert_nonnull (out);
      g_assert_cmpuint (fwrite (data, 1, size, out), ==, size);
      g_assert_cmpint (fclose (out), ==, 0);
    }
  else
    {
      cc_project_write_file (result->project, file, &error);
      g_assert_no_error (error);
    }
}

static GFile *
copy_example (const char *name)
{
  g_autofree char *contents = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  gsize length;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (EXAMPLE_PATH, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* Tests */

/* The watch on its own: our versions are quiet, others' are told once. */
static void
test_watch (void)
{
  g_autoptr(GFile) file = copy_example ("watch.concord");
  g_autoptr(CcFileWatch) watch = cc_file_watch_new (file);
  guint changed = 0;
  guint deleted = 0;

  g_signal_connect_swapped (watch, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect_swapped (watch, "deleted", G_CALLBACK (count_cb), &deleted);
  g_assert_true (cc_file_watch_get_file (watch) == file);
  g_assert_false (cc_file_watch_changed_on_disk (watch));

  /* Someone else: told once, however many events the write made */
  write_elsewhere (file, "Theirs", TRUE);
  g_assert_true (cc_file_watch_changed_on_disk (watch));
  let_monitor_settle ();
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (deleted, ==, 0);

  /* Ours: a write followed by set_known, before the events arrive */
  write_elsewhere (file, "Ours", FALSE);
  cc_file_watch_set_known (watch);
  g_assert_false (cc_file_watch_changed_on_disk (watch));
  let_monitor_settle ();
  g_assert_cmpuint (changed, ==, 1);

  /* Gone, then back as another version */
  g_assert_cmpint (g_unlink (g_file_peek_path (file)), ==, 0);
  g_assert_false (cc_file_watch_changed_on_disk (watch));
  let_monitor_settle ();
  g_assert_cmpuint (deleted, ==, 1);
  g_assert_cmpuint (changed, ==, 1);
  g_file_set_contents (g_file_peek_path (file), "{}", -1, NULL);
  let_monitor_settle ();
  g_assert_cmpuint (deleted, ==, 1);
  g_assert_cmpuint (changed, ==, 2);

  g_unlink (g_file_peek_path (file));
}

static void
test_window (void)
{
  g_autoptr(GFile) file = copy_example ("open.concord");
  g_autofree char *on_disk = NULL;
  CcWindow *window = cc_window_new (NULL);
  CcProject *project;
  AdwMessageDialog *dialog;
  gpointer weak = window;

  cc_window_open (window, file);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (is_allocated, cc_window_get_sheet_view (window)));
  g_assert_null (find_dialog (window));
  g_assert_true (g_file_equal (cc_window_get_file (window), file));
  g_assert_false (disk_banner_shown (window));

  /* (a) Changed elsewhere: Reload brings the file as it is now */
  write_elsewhere (file, "Changed elsewhere", FALSE);
  g_assert_true (wait_for (disk_banner_offers_reload, window));
  g_assert_true (gtk_widget_get_visible (child (window, "disk_keep_button")));
  g_assert_false (gtk_widget_get_visible (child (window, "disk_dismiss_button")));
  g_assert_cmpstr (gtk_label_get_text (child (window, "disk_label")), ==,
                   "The file was changed by another program.");
  set_title (cc_window_get_project (window), "Unsaved edit");
  press (window, "disk_reload_button");
  /* The unsaved edit would go: it asks; Cancel keeps it, Reload drops it */
  g_assert_true (wait_for (has_dialog, window));
  answer (find_dialog (window), "cancel");
  g_assert_cmpstr (cc_project_get_title (cc_window_get_project (window)), ==, "Unsaved edit");
  press (window, "disk_reload_button");
  g_assert_true (wait_for (has_dialog, window));
  answer (find_dialog (window), "reload");
  project = cc_window_get_project (window);
  g_assert_cmpstr (cc_project_get_title (project), ==, "Changed elsewhere");
  g_assert_false (cc_project_get_modified (project));
  g_assert_false (disk_banner_shown (window));
  g_assert_true (g_file_equal (cc_window_get_file (window), file));
  g_assert_null (find_dialog (window));

  /* (b) Changed again, in place; Keep Mine keeps what is shown... */
  set_title (project, "Mine");
  write_elsewhere (file, "Theirs", TRUE);
  g_assert_true (wait_for (disk_banner_offers_reload, window));
  /* (so that it is Keep Mine that marks it) */
  cc_project_set_modified (project, FALSE);
  press (window, "disk_keep_button");
  g_assert_false (disk_banner_shown (window));
  g_assert_true (cc_window_get_project (window) == project);
  g_assert_cmpstr (cc_project_get_title (project), ==, "Mine");
  g_assert_true (cc_project_get_modified (project));

  /* ...and saving over the newer file asks: Cancel leaves it be... */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_true (wait_for (has_dialog, window));
  dialog = find_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The File Was Changed on Disk");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "open.concord"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "save"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  answer (dialog, "cancel");
  g_assert_null (find_dialog (window));
  on_disk = title_on_disk (file);
  g_assert_cmpstr (on_disk, ==, "Theirs");
  g_clear_pointer (&on_disk, g_free);
  g_assert_true (cc_project_get_modified (project));

  /* ...Save Anyway writes what is shown */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_true (wait_for (has_dialog, window));
  answer (find_dialog (window), "save");
  g_assert_null (find_dialog (window));
  on_disk = title_on_disk (file);
  g_assert_cmpstr (on_disk, ==, "Mine");
  g_clear_pointer (&on_disk, g_free);
  g_assert_false (cc_project_get_modified (project));

  /* (d) Our own saves, that one and a plain one, raise nothing */
  let_monitor_settle ();
  g_assert_false (disk_banner_shown (window));
  set_title (project, "Mine, again");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  iterate ();
  g_assert_null (find_dialog (window));
  g_assert_false (cc_project_get_modified (project));
  on_disk = title_on_disk (file);
  g_assert_cmpstr (on_disk, ==, "Mine, again");
  g_clear_pointer (&on_disk, g_free);
  let_monitor_settle ();
  g_assert_false (disk_banner_shown (window));
  g_assert_null (find_dialog (window));

  /* (c) Deleted: the project stays open, modified, and the banner says so */
  g_assert_cmpint (g_unlink (g_file_peek_path (file)), ==, 0);
  g_assert_true (wait_for (disk_banner_tells_deleted, window));
  g_assert_cmpstr (gtk_label_get_text (child (window, "disk_label")), ==,
                   "The file was deleted or moved. Save to keep the project.");
  g_assert_true (cc_window_get_project (window) == project);
  g_assert_true (g_file_equal (cc_window_get_file (window), file));
  g_assert_true (cc_project_get_modified (project));
  press (window, "disk_dismiss_button");
  g_assert_false (disk_banner_shown (window));

  /* Saving puts it back, without asking */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  iterate ();
  g_assert_null (find_dialog (window));
  g_assert_true (g_file_query_exists (file, NULL));
  g_assert_false (cc_project_get_modified (project));
  let_monitor_settle ();
  g_assert_false (disk_banner_shown (window));

  /* Gone again and back as another version: that is a change */
  g_assert_cmpint (g_unlink (g_file_peek_path (file)), ==, 0);
  g_assert_true (wait_for (disk_banner_tells_deleted, window));
  {
    g_autoptr(GFile) other = copy_example ("other.concord");
    g_autoptr(GError) error = NULL;

    g_usleep (50 * 1000);
    g_file_move (other, file, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_true (wait_for (disk_banner_offers_reload, window));
  press (window, "disk_reload_button");
  /* Marked modified when its file went: Reload asks first */
  g_assert_true (wait_for (has_dialog, window));
  answer (find_dialog (window), "reload");
  g_assert_false (disk_banner_shown (window));
  g_assert_true (cc_window_get_project (window) != project);
  g_assert_false (cc_project_get_modified (cc_window_get_project (window)));

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (wait_for (is_weak_null, &weak));
  g_unlink (g_file_peek_path (file));
}

/* A project not saved anywhere has nothing to watch. */
static void
test_no_file (void)
{
  CcWindow *window = cc_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  g_assert_null (cc_window_get_file (window));
  g_assert_false (disk_banner_shown (window));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path_child = g_build_filename (path, name, NULL);

        if (g_file_test (path_child, G_FILE_TEST_IS_DIR) && !g_file_test (path_child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (path_child);
        else
          g_unlink (path_child);
      }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  /* Keep recent files, settings and the local database away from the user's own. */
  tmp_dir = g_dir_make_tmp ("concord-file-watch-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  home = g_build_filename (tmp_dir, "home", NULL);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_STATE_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/file-watch/watch", test_watch);
  g_test_add_func ("/ui/file-watch/window", test_window);
  g_test_add_func ("/ui/file-watch/no-file", test_no_file);

  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
