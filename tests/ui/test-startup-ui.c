/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-startup-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cc-application.h"
#include "cc-io.h"
#include "cc-recovery-dialog.h"
#include "cc-store.h"
#include "cc-window.h"

/* The application as it starts (run in this process, as `concord` with no
 * file would): a damaged local database is told once, in the first
 * window, and kept; work an ended Concord left is offered. Each case has a
 * state folder of its own. */

typedef struct
{
  char     *state;
  char     *db;
  gboolean  told;
  char     *told_body;
  char     *no_autosave_body;  /* what the "No Autosave" notice said, or NULL */
  gboolean  offered;
  guint     windows;
} Seen;

static gboolean
look_cb (gpointer data)
{
  GApplication *app = data;
  Seen *seen = g_object_get_data (G_OBJECT (app), "seen");
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window)
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), "Local Database Replaced") == 0)
        {
          seen->told = TRUE;
          g_free (seen->told_body);
          seen->told_body = g_strdup (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (window)));
        }
      if (ADW_IS_MESSAGE_DIALOG (window)
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), "No Autosave") == 0)
        {
          g_free (seen->no_autosave_body);
          seen->no_autosave_body = g_strdup (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (window)));
        }
      if (CC_IS_RECOVERY_DIALOG (window))
        seen->offered = TRUE;
      if (CC_IS_WINDOW (window))
        seen->windows++;
    }
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
activate_after_cb (GApplication *app)
{
  /* Once the first window and what it tells are up */
  g_timeout_add (1500, look_cb, app);
}

static void
run_app (Seen *seen)
{
  g_autoptr(CcApplication) app = cc_application_new ();
  char *argv[] = { (char *) "concord", NULL };

  g_setenv ("XDG_STATE_HOME", seen->state, TRUE);
  cc_store_reset_default ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_object_set_data (G_OBJECT (app), "seen", seen);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_after_cb), NULL);
  seen->told = seen->offered = FALSE;
  seen->windows = 0;
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  cc_store_reset_default ();
}

static void
seen_init (Seen *seen)
{
  g_autofree char *dir = NULL;

  memset (seen, 0, sizeof *seen);
  seen->state = g_dir_make_tmp ("concord-startup-XXXXXX", NULL);
  dir = g_build_filename (seen->state, "concord", NULL);
  g_mkdir_with_parents (dir, 0700);
  seen->db = g_build_filename (dir, "concord.db", NULL);
}

static void
seen_clear (Seen *seen)
{
  g_autofree char *dir = g_build_filename (seen->state, "concord", NULL);
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  if (d != NULL)
    g_dir_close (d);
  g_rmdir (dir);
  g_rmdir (seen->state);
  g_free (seen->state);
  g_free (seen->db);
  g_free (seen->told_body);
  g_free (seen->no_autosave_body);
}

/* An application runs once a process: each start is a child of the test,
 * told by STARTUP_PHASE what to look for; the state folder is shared. */
static void
start_in_child (const char *phase)
{
  g_setenv ("STARTUP_PHASE", phase, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
child_seen (Seen *seen)
{
  memset (seen, 0, sizeof *seen);
  seen->state = g_strdup (g_getenv ("STARTUP_STATE"));
  seen->db = g_build_filename (seen->state, "concord", "concord.db", NULL);
}

static void
test_damaged_database_told_once (void)
{
  static const char garbage[] = "Not a database: a shopping list saved in the wrong place.\n";
  Seen seen;

  if (g_test_subprocess ())
    {
      const char *phase = g_getenv ("STARTUP_PHASE");

      child_seen (&seen);
      run_app (&seen);
      g_assert_cmpuint (seen.windows, ==, 1);
      g_assert_false (seen.offered);
      if (g_strcmp0 (phase, "first") == 0)
        {
          g_assert_true (seen.told);
          g_assert_nonnull (strstr (seen.told_body, "concord.db.damaged-"));
        }
      else
        g_assert_false (seen.told);
      return;
    }

  seen_init (&seen);
  g_setenv ("STARTUP_STATE", seen.state, TRUE);
  g_assert_true (g_file_set_contents (seen.db, garbage, -1, NULL));
  start_in_child ("first");
  /* The damaged file is kept beside the new one */
  {
    g_autofree char *dir = g_path_get_dirname (seen.db);
    GDir *d = g_dir_open (dir, 0, NULL);
    const char *name;
    gboolean kept = FALSE;

    while ((name = g_dir_read_name (d)) != NULL)
      kept |= g_str_has_prefix (name, "concord.db.damaged-");
    g_dir_close (d);
    g_assert_true (kept);
  }
  /* and the next start has nothing to tell */
  start_in_child ("second");
  seen_clear (&seen);
}

static void
put_snapshot (const char *db, const char *doc, const char *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (db, &error);
  g_autoptr(CcProject) project = cc_project_new ();
  g_autoptr(GPtrArray) pieces = NULL;
  const char *sheets[] = { "Who is in the room", NULL };

  g_assert_no_error (error);
  cc_item_set_string (cc_project_get_root (project), CC_PROJECT_TITLE, "Left behind");
  pieces = cc_project_snapshot (project);
  cc_store_put_snapshot (store, doc, NULL, "Left behind", sheets, pieces, NULL, NULL);
  cc_store_flush (store);
  if (session != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE snapshots SET session = '%s' WHERE doc = '%s'", session, doc);
      sqlite3 *handle = NULL;

      g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
      sqlite3_busy_timeout (handle, 10000);
      g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (handle);
    }
}

static void
test_orphans_offered (void)
{
  Seen seen;
  g_autofree char *gone = NULL;
  pid_t child;
  int status;

  if (g_test_subprocess ())
    {
      child_seen (&seen);
      run_app (&seen);
      g_assert_false (seen.told);
      if (g_strcmp0 (g_getenv ("STARTUP_PHASE"), "running") == 0)
        g_assert_false (seen.offered);
      else
        g_assert_true (seen.offered);
      return;
    }

  seen_init (&seen);
  g_setenv ("STARTUP_STATE", seen.state, TRUE);
  /* Work of a running Concord (this test) is not offered */
  put_snapshot (seen.db, "running", NULL);
  start_in_child ("running");

  /* Work of a process that has ended is */
  child = fork ();
  if (child == 0)
    _exit (0);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  gone = g_strdup_printf ("%s\t%d\t1", g_get_host_name (), (int) child);
  put_snapshot (seen.db, "left", gone);
  start_in_child ("ended");
  seen_clear (&seen);
}

/* A local database that cannot be opened: the notice says why, in words,
 * and where, whoever asked for the database first. */
static void
test_no_autosave_says_why (void)
{
  Seen seen;

  if (g_test_subprocess ())
    {
      const char *phase = g_getenv ("STARTUP_PHASE");

      child_seen (&seen);
      g_test_expect_message ("cc-store", G_LOG_LEVEL_WARNING, "No local database: *");
      run_app (&seen);
      g_assert_cmpuint (seen.windows, ==, 1);
      g_assert_false (seen.told);
      g_assert_nonnull (seen.no_autosave_body);
      g_test_message ("%s", seen.no_autosave_body);
      g_assert_nonnull (strstr (seen.no_autosave_body, seen.db));
      if (g_strcmp0 (phase, "folder") == 0)
        g_assert_nonnull (strstr (seen.no_autosave_body, "is a folder, not a file."));
      else
        g_assert_nonnull (strstr (seen.no_autosave_body, "was made by a newer version of Concord"));
      g_assert_nonnull (strstr (seen.no_autosave_body, "Concord works as usual, but without autosave"));
      g_assert_null (strstr (seen.no_autosave_body, "could not be opened"));
      return;
    }

  seen_init (&seen);
  g_setenv ("STARTUP_STATE", seen.state, TRUE);
  /* A folder where the database should be */
  g_assert_cmpint (g_mkdir (seen.db, 0700), ==, 0);
  start_in_child ("folder");
  g_assert_true (g_file_test (seen.db, G_FILE_TEST_IS_DIR));
  g_rmdir (seen.db);
  /* A database of a newer Concord */
  {
    sqlite3 *handle = NULL;

    g_assert_cmpint (sqlite3_open (seen.db, &handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 99;", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (handle);
  }
  start_in_child ("newer");
  seen_clear (&seen);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/startup/damaged-database-told-once", test_damaged_database_told_once);
  g_test_add_func ("/startup/orphans-offered", test_orphans_offered);
  g_test_add_func ("/startup/no-autosave-says-why", test_no_autosave_says_why);
  return g_test_run ();
}
