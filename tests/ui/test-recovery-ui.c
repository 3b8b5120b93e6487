/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-recovery-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cc-autosave.h"
#include "cc-recovery-dialog.h"
#include "cc-selection.h"
#include "cc-start-page.h"
#include "cc-store.h"
#include "cc-window.h"
#include "cc-ui-test-util.h"

/* Work left by a Concord that did not close cleanly, offered in the real
 * dialog: Restore brings a project back into the window, modified and bound
 * to its file; Discard asks, then drops the work. And a window's autosave:
 * edits reach the database; closing cleanly leaves nothing behind. Each run
 * has a database of its own (main). */

static char *state_dir;

static char *
read_text_file (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
clicked (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  iterate ();
}

/* A snapshot of @text, as a process that has ended left it. */
static void
leave_snapshot (CcStore *store, const char *doc, const char *uri, const char *text)
{
  g_autoptr(CcLoadResult) result = cc_load_bytes (text, strlen (text));
  g_autoptr(GPtrArray) pieces = NULL;
  g_autofree char *sql = NULL;
  const char *sheets[] = { "Who works with whom", NULL };
  sqlite3 *db = NULL;
  pid_t child;
  int status;

  g_assert_true (cc_load_result_is_sound (result));
  pieces = cc_project_snapshot (result->project);
  cc_store_put_snapshot (store, doc, uri, cc_project_get_title (result->project), sheets, pieces, NULL, NULL);
  cc_store_flush (store);

  child = fork ();
  if (child == 0)
    _exit (0);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  sql = g_strdup_printf ("UPDATE snapshots SET session = '%s' || char(9) || '%d' || char(9) || '1' WHERE doc = '%s'",
                         g_get_host_name (), (int) child, doc);
  g_assert_cmpint (sqlite3_open (cc_store_get_path (store), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static const char saved_text[] =
  "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"Riverside partnership\","
  " \"actors\": [{\"id\": \"a1\", \"name\": \"Harbour Trust\", \"sector\": \"voluntary\"}],"
  " \"sheets\": [{\"id\": \"m1\", \"type\": \"map\", \"title\": \"Who works with whom\","
  "  \"nodes\": [{\"id\": \"n1\", \"actor\": \"a1\", \"x\": 0, \"y\": 0}]}]}";

static const char kept_text[] =
  "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"Riverside partnership\","
  " \"actors\": [{\"id\": \"a1\", \"name\": \"Harbour Trust\", \"sector\": \"voluntary\"},"
  "  {\"id\": \"a2\", \"name\": \"Added before the crash\", \"sector\": \"community\"}],"
  " \"sheets\": [{\"id\": \"m1\", \"type\": \"map\", \"title\": \"Who works with whom\","
  "  \"nodes\": [{\"id\": \"n1\", \"actor\": \"a1\", \"x\": 0, \"y\": 0},"
  "   {\"id\": \"n2\", \"actor\": \"a2\", \"x\": 200, \"y\": 0}]}]}";

static void
test_restore_and_discard (void)
{
  CcStore *store = cc_store_get_default (NULL);
  g_autofree char *path = g_build_filename (state_dir, "riverside.concord", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GPtrArray) left = NULL;
  CcRecoveryDialog *dialog;
  CcWindow *window, *restored;
  CcProject *project;
  GtkWidget *confirm = NULL;
  guint restore_row = 0;

  g_assert_nonnull (store);
  g_assert_true (g_file_set_contents (path, saved_text, -1, NULL));
  leave_snapshot (store, "kept-1", uri, kept_text);
  leave_snapshot (store, "kept-2", NULL, saved_text);

  orphans = cc_store_list_orphans (store);
  g_assert_cmpuint (orphans->len, ==, 2);
  window = cc_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  dialog = cc_recovery_dialog_new (window, store, orphans);
  gtk_window_present (GTK_WINDOW (dialog));
  iterate ();
  g_assert_nonnull (gtk_list_box_get_row_at_index (cc_recovery_dialog_get_list (dialog), 1));
  if (g_strcmp0 (((CcSnapshotInfo *) orphans->pdata[1])->doc, "kept-1") == 0)
    restore_row = 1;

  /* Restore: the project as it was kept, in the untouched window, modified,
   * bound to its file, whose text is still the saved one */
  clicked (cc_recovery_dialog_get_button (dialog, restore_row, "restore"));
  restored = window;
  project = cc_window_get_project (restored);
  g_assert_nonnull (cc_project_lookup (project, "a2"));
  g_assert_true (cc_project_get_modified (project));
  g_assert_nonnull (cc_window_get_file (restored));
  g_assert_true (g_file_equal (cc_window_get_file (restored), file));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (restored)), "Riverside partnership"));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (restored)), "•"));
  {
    g_autofree char *on_disk = read_text_file (path);

    g_assert_cmpstr (on_disk, ==, saved_text);
  }
  /* The window keeps it now: no longer an orphan */
  left = cc_store_list_orphans (store);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_cmpstr (((CcSnapshotInfo *) left->pdata[0])->doc, ==, "kept-2");
  g_clear_pointer (&left, g_ptr_array_unref);
  g_assert_nonnull (gtk_list_box_get_row_at_index (cc_recovery_dialog_get_list (dialog), 0));
  g_assert_null (gtk_list_box_get_row_at_index (cc_recovery_dialog_get_list (dialog), 1));

  /* Discard asks first; Cancel keeps it, Discard drops it */
  clicked (cc_recovery_dialog_get_button (dialog, 0, "discard"));
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (dialog))
          confirm = GTK_WIDGET (w);
      }
  }
  g_assert_nonnull (confirm);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
  iterate ();
  left = cc_store_list_orphans (store);
  g_assert_cmpuint (left->len, ==, 1);
  g_clear_pointer (&left, g_ptr_array_unref);
  clicked (cc_recovery_dialog_get_button (dialog, 0, "discard"));
  confirm = NULL;
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (dialog)
            && gtk_widget_get_visible (GTK_WIDGET (w)))
          confirm = GTK_WIDGET (w);
      }
  }
  g_assert_nonnull (confirm);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "discard");
  iterate ();
  cc_store_flush (store);
  left = cc_store_list_snapshots (store);
  /* Only the restored one, kept by its window */
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_cmpstr (((CcSnapshotInfo *) left->pdata[0])->doc, ==, "kept-1");

  /* Saving the restored project writes the kept work to its file and
   * drops the snapshot */
  gtk_widget_activate_action (GTK_WIDGET (restored), "win.save", NULL);
  iterate ();
  cc_store_flush (store);
  {
    g_autofree char *on_disk = read_text_file (path);

    g_assert_nonnull (strstr (on_disk, "Added before the crash"));
  }
  g_clear_pointer (&left, g_ptr_array_unref);
  left = cc_store_list_snapshots (store);
  g_assert_cmpuint (left->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (restored));
  iterate ();
}

static void
test_window_autosave (void)
{
  CcStore *store = cc_store_get_default (NULL);
  CcWindow *window = open_example_window (TRUE);
  CcProject *project = cc_window_get_project (window);
  CcItem *actor = cc_item_get_child (cc_project_get_root (project), CC_PROJECT_ACTORS, 0);
  g_autoptr(GPtrArray) all = NULL;
  gint64 end;

  /* An edit reaches the database without a save */
  cc_project_set_string (project, actor, CC_ACTOR_NOTES, "Noted in the workshop, not yet saved");
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      g_main_context_iteration (NULL, FALSE);
      cc_store_flush (store);
      g_clear_pointer (&all, g_ptr_array_unref);
      all = cc_store_list_snapshots (store);
    }
  while (all->len == 0 && g_get_monotonic_time () < end);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpstr (((CcSnapshotInfo *) all->pdata[0])->title, ==, cc_project_get_title (project));
  {
    g_autoptr(GBytes) data = cc_store_load_snapshot (store, ((CcSnapshotInfo *) all->pdata[0])->doc, NULL);

    g_assert_nonnull (g_strstr_len (g_bytes_get_data (data, NULL), (gssize) g_bytes_get_size (data),
                                    "Noted in the workshop"));
  }

  /* Closed cleanly, choosing to discard the changes: nothing is left */
  gtk_window_close (GTK_WINDOW (window));
  iterate ();
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window))
          adw_message_dialog_response (ADW_MESSAGE_DIALOG (w), "discard");
      }
  }
  iterate ();
  cc_store_flush (store);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = cc_store_list_snapshots (store);
  g_assert_cmpuint (all->len, ==, 0);
}

/* Whether @page is the page its stack shows (or is going to) */
static gboolean
shown_in_stack (GtkWidget *page)
{
  GtkWidget *stack = gtk_widget_get_parent (page);

  g_assert_true (GTK_IS_STACK (stack));
  return gtk_stack_get_visible_child (GTK_STACK (stack)) == page;
}

static GtkWidget *
find_of_type (GtkWidget *widget, GType type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The start page of an empty window: a search hit opens its project at
 * the item; a starting point makes a new project; Ctrl+Shift+F over a
 * project opens the search in a window of its own. */
static void
test_start_page_in_window (void)
{
  CcStore *store = cc_store_get_default (NULL);
  g_autofree char *path = g_build_filename (state_dir, "example.concord", NULL);
  g_autofree char *text = read_text_file (EXAMPLE_PATH);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(CcLoadResult) loaded = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  CcWindow *window, *other;
  GtkWidget *page;
  CcSearchHit *hit;
  CcProject *project;
  GtkWidget *search = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  loaded = cc_load_file (file, NULL, NULL);
  cc_store_note_project (store, uri, loaded->project, NULL);
  cc_store_flush (store);
  hits = cc_store_search (store, "police", 10);
  g_assert_cmpuint (hits->len, >=, 1);
  hit = hits->pdata[0];
  g_assert_nonnull (hit->item);

  window = cc_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  page = find_of_type (GTK_WIDGET (window), CC_TYPE_START_PAGE);
  g_assert_nonnull (page);
  g_assert_true (shown_in_stack (page));

  /* A hit: the project in this window, its sheet shown, the item selected */
  g_signal_emit_by_name (page, "open-hit", hit->uri, hit->sheet, hit->item);
  iterate ();
  project = cc_window_get_project (window);
  g_assert_true (g_file_equal (cc_window_get_file (window), file));
  g_assert_cmpstr (cc_item_get_id (cc_window_get_sheet (window)), ==, hit->sheet);
  g_assert_true (cc_selection_contains (cc_sheet_view_get_selection (cc_window_get_sheet_view (window)),
                                        cc_project_lookup (project, hit->item)));
  g_assert_false (shown_in_stack (page));

  /* The same hit again goes to that window */
  other = cc_window_new_project (window, "forcefield");
  g_assert_true (other != window);
  g_assert_cmpuint (cc_project_get_n_sheets (cc_window_get_project (other)), ==, 1);
  g_assert_cmpint (cc_item_get_kind (cc_project_get_sheet (cc_window_get_project (other), 0)), ==,
                   CC_KIND_FORCEFIELD);
  g_assert_false (cc_project_get_modified (cc_window_get_project (other)));
  g_assert_false (cc_project_can_undo (cc_window_get_project (other)));
  g_assert_false (cc_window_is_untouched (other));

  /* Ctrl+Shift+F over a project: the search in a window of its own */
  gtk_widget_activate_action (GTK_WIDGET (other), "win.search-projects", NULL);
  iterate ();
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

        if (gtk_window_get_transient_for (w) == GTK_WINDOW (other)
            && g_strcmp0 (gtk_window_get_title (w), "Search All Projects") == 0)
          search = GTK_WIDGET (w);
      }
  }
  g_assert_nonnull (search);
  page = find_of_type (search, CC_TYPE_START_PAGE);
  g_assert_nonnull (page);
  g_signal_emit_by_name (page, "open-hit", hit->uri, hit->sheet, hit->item);
  iterate ();
  /* already open: its window comes up, and no third one is made */
  g_assert_true (cc_window_lookup_for_file (NULL, file) == window);
  g_assert_cmpstr (cc_item_get_id (cc_window_get_sheet (window)), ==, hit->sheet);

  /* An empty project is a project: the window leaves the start page */
  gtk_window_destroy (GTK_WINDOW (other));
  other = cc_window_new (NULL);
  gtk_window_present (GTK_WINDOW (other));
  iterate ();
  g_assert_true (cc_window_new_project (other, "empty") == other);
  g_assert_cmpuint (cc_project_get_n_sheets (cc_window_get_project (other)), ==, 0);
  g_assert_false (cc_window_is_untouched (other));
  g_assert_false (shown_in_stack (find_of_type (GTK_WIDGET (other), CC_TYPE_START_PAGE)));
  gtk_window_destroy (GTK_WINDOW (other));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_unlink (path);
}

int
main (int argc, char *argv[])
{
  int status;

  /* A database of this run's own, before anything opens one */
  state_dir = g_dir_make_tmp ("concord-recovery-XXXXXX", NULL);
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/recovery/restore-and-discard", test_restore_and_discard);
  g_test_add_func ("/recovery/window-autosave", test_window_autosave);
  g_test_add_func ("/recovery/start-page-in-window", test_start_page_in_window);
  status = g_test_run ();
  cc_store_reset_default ();
  {
    g_autofree char *concord = g_build_filename (state_dir, "concord", NULL);
    const char *names[] = { "concord.db", "concord.db-wal", "concord.db-shm", NULL };

    for (guint i = 0; names[i]; i++)
      {
        g_autofree char *file = g_build_filename (concord, names[i], NULL);

        g_unlink (file);
      }
    g_rmdir (concord);
    {
      g_autofree char *project = g_build_filename (state_dir, "riverside.concord", NULL);

      g_unlink (project);
    }
    g_rmdir (state_dir);
  }
  return status;
}
