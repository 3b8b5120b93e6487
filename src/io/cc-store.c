/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cc-bidi.h"
#include "cc-io.h"
#include "cc-store.h"

/* Every wait for another process's lock gives up after this long. */
#define BUSY_TIMEOUT_MS 10000

struct _CcStore
{
  GObject       parent_instance;

  char         *path;
  char         *notice;
  char         *session;
  sqlite3      *db;        /* the caller's thread */

  GThread      *writer;
  GAsyncQueue  *jobs;
  GMutex        lock;
  GCond         drained;
  guint         pending;   /* jobs queued and not yet done */
};

G_DEFINE_FINAL_TYPE (CcStore, cc_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (cc-store-error-quark, cc_store_error)

/* ---- the schema ------------------------------------------------------- */

/* migrations[i] takes a database at user_version i to i + 1. */
static const char * const migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE projects ("
  "  uri       TEXT PRIMARY KEY,"
  "  title     TEXT NOT NULL DEFAULT '',"
  "  sheets    TEXT NOT NULL DEFAULT '',"
  "  opened    INTEGER NOT NULL DEFAULT 0,"
  "  thumbnail BLOB);"
  "CREATE TABLE snapshots ("
  "  doc       TEXT PRIMARY KEY,"
  "  session   TEXT NOT NULL,"
  "  uri       TEXT,"
  "  title     TEXT NOT NULL DEFAULT '',"
  "  sheets    TEXT NOT NULL DEFAULT '',"
  "  taken     INTEGER NOT NULL,"
  "  data      BLOB NOT NULL);"
  "CREATE VIRTUAL TABLE search USING fts5 ("
  "  uri UNINDEXED, sheet UNINDEXED, sheet_title UNINDEXED, item UNINDEXED, kind UNINDEXED, text,"
  "  tokenize = 'unicode61 remove_diacritics 2');",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CC_STORE_SCHEMA_VERSION);

/* ---- sessions --------------------------------------------------------- */

/* When a process started, in clock ticks since boot, so that a process id
 * used again after a crash is not taken for the one that crashed. */
static char *
process_start (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *close_paren;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return NULL;
  /* The command name may hold spaces: the fields start after its ')' */
  close_paren = strrchr (stat, ')');
  if (close_paren == NULL)
    return NULL;
  fields = g_strsplit (close_paren + 2, " ", 0);
  /* starttime is field 22 of stat, the 20th after the name */
  return g_strv_length (fields) > 19 ? g_strdup (fields[19]) : NULL;
}

/* Which boot of this computer we are in: a process of an earlier one has
 * gone, whatever its number, and a toolbox with a host name of its own
 * still runs on this computer. "" where it cannot be known. */
static const char *
boot_id (void)
{
  static char *id;

  if (g_once_init_enter (&id))
    {
      char *text = NULL;

      if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &text, NULL, NULL))
        text = g_strdup ("");
      g_once_init_leave (&id, g_strstrip (text));
    }
  return id;
}

/* host, process id, the process's start, boot */
static char *
make_session (void)
{
  g_autofree char *start = process_start (getpid ());

  return g_strdup_printf ("%s\t%d\t%s\t%s", g_get_host_name (), (int) getpid (), start ? start : "", boot_id ());
}

/* Whether the process that wrote @session is still running. A session of
 * another computer sharing the folder counts as running: it is not ours. */
static gboolean
session_is_live (CcStore *self, const char *session)
{
  g_auto(GStrv) parts = g_strsplit (session, "\t", 4);
  g_autofree char *start = NULL;
  gboolean same_host, same_boot;
  gint64 pid;

  if (g_strcmp0 (session, self->session) == 0)
    return TRUE;
  if (g_strv_length (parts) < 3)
    return FALSE;
  same_host = g_str_equal (parts[0], g_get_host_name ());
  same_boot = parts[3] != NULL && parts[3][0] != '\0' && g_str_equal (parts[3], boot_id ());
  if (!same_host && !same_boot)
    return TRUE;
  /* This computer, but started before it last booted */
  if (parts[3] != NULL && parts[3][0] != '\0' && boot_id ()[0] != '\0' && !same_boot)
    return FALSE;
  pid = g_ascii_strtoll (parts[1], NULL, 10);
  if (pid <= 0 || pid > G_MAXINT)
    return FALSE;
  if (kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
    return FALSE;
  start = process_start ((pid_t) pid);
  if (start != NULL && parts[2][0] != '\0')
    return g_str_equal (start, parts[2]);
  return TRUE;
}

/* ---- opening ---------------------------------------------------------- */

/* Why a file operation failed, in words a facilitator understands */
static const char *
reason_of (int errsv)
{
  switch (errsv)
    {
    case EACCES:
    case EPERM:
      return _("permission denied");
    case ENOSPC:
    case EDQUOT:
      return _("the disk is full");
    case EROFS:
      return _("the disk is read-only");
    case ENOTDIR:
      return _("part of its path is a file, not a folder");
    case ELOOP:
      return _("its path runs round a loop of links");
    case ENAMETOOLONG:
      return _("its path is too long");
    case EIO:
      return _("the disk could not be read (an input or output error)");
    default:
      return g_strerror (errsv);
    }
}

/* The folder @dir that could not be made: why, as "~/.local/state is a
 * file, not a folder" or "permission denied" */
static char *
folder_failure (const char *dir, int errsv)
{
  g_autofree char *at = g_strdup (dir);

  /* The nearest part of the path there is: a file where a folder should be? */
  while (at[0] != '\0' && !g_file_test (at, G_FILE_TEST_EXISTS))
    {
      char *parent = g_path_get_dirname (at);

      if (g_str_equal (parent, at))
        {
          g_free (parent);
          break;
        }
      g_free (at);
      at = parent;
    }
  if (g_file_test (at, G_FILE_TEST_EXISTS) && !g_file_test (at, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *where = cc_bidi_isolate (at);

      return g_strdup_printf (_("%s is a file, not a folder"), where);
    }
  return g_strdup (reason_of (errsv));
}

/* Why the database at @path cannot be used. @sys_errno is what the system
 * said when SQLite last failed (0 if nothing), @detail what SQLite said. */
static void
set_open_error (GError **error, const char *path, int sys_errno, const char *detail)
{
  g_autofree char *where = cc_bidi_isolate (path);
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st;

  if (g_stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, CC_STORE_ERROR, CC_STORE_ERROR_FAILED, _("The autosave database %s is a folder, not a file"),
                       where);
          return;
        }
      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, CC_STORE_ERROR, CC_STORE_ERROR_FAILED,
                       _("The autosave database %s is not a file (it is a device, a pipe or a socket)"), where);
          return;
        }
      if (access (path, R_OK) != 0)
        {
          g_set_error (error, CC_STORE_ERROR, CC_STORE_ERROR_FAILED, _("The autosave database %s cannot be read: %s"),
                       where, reason_of (errno));
          return;
        }
      if (access (path, W_OK) != 0)
        {
          g_set_error (error, CC_STORE_ERROR, CC_STORE_ERROR_FAILED,
                       _("The autosave database %s cannot be written: %s"), where, reason_of (errno));
          return;
        }
    }
  else if (errno == ENOENT && access (dir, W_OK | X_OK) != 0)
    {
      g_autofree char *folder = cc_bidi_isolate (dir);

      g_set_error (error, CC_STORE_ERROR, CC_STORE_ERROR_FAILED,
                   _("The autosave database %s cannot be made in the folder %s: %s"), where, folder,
                   reason_of (errno));
      return;
    }
  g_set_error (error, CC_STORE_ERROR, CC_STORE_ERROR_FAILED, _("The autosave database %s could not be opened: %s"),
               where, sys_errno != 0 ? reason_of (sys_errno) : detail);
}

static gboolean
set_sqlite_error (GError **error, sqlite3 *db, int rc, const char *what)
{
  g_set_error (error, CC_STORE_ERROR, CC_STORE_ERROR_FAILED, "%s: %s", what,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
exec (sqlite3 *db, const char *sql, GError **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc == SQLITE_OK)
    return TRUE;
  g_set_error (error, CC_STORE_ERROR, CC_STORE_ERROR_FAILED, "%s", message ? message : sqlite3_errstr (rc));
  sqlite3_free (message);
  return FALSE;
}

static gint64
query_int (sqlite3 *db, const char *sql, int *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  *rc_out = rc;
  return value;
}

static sqlite3 *
connect (const char *path, int *sys_errno, GError **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      if (sys_errno != NULL)
        *sys_errno = db != NULL ? sqlite3_system_errno (db) : 0;
      set_sqlite_error (error, db, rc, _("Could not open the local database"));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (db, 1);
  return db;
}

typedef enum { OPEN_OK, OPEN_DAMAGED, OPEN_NEWER, OPEN_FAILED } OpenStatus;

/* Only a file that is not a database, or one SQLite finds damaged, is moved
 * aside. One that cannot be opened or written (permissions, a full disk, a
 * passing I/O error) is left as it is, with its snapshots, for another time. */
static gboolean
is_damage (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

/* Checks, configures and migrates a connection; a database of a newer
 * schema is left alone, its version in @newer. */
static OpenStatus
prepare (sqlite3 *db, gint64 *newer, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version;
  int rc;
  gboolean ok = FALSE;

  version = query_int (db, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, _("The local database cannot be read"));
      return is_damage (rc) ? OPEN_DAMAGED : OPEN_FAILED;
    }
  if (version > CC_STORE_SCHEMA_VERSION)
    {
      *newer = version;
      g_set_error (error, CC_STORE_ERROR, CC_STORE_ERROR_NEWER, "schema %d", (int) version);
      return OPEN_NEWER;
    }
  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  if (!ok)
    {
      g_set_error (error, CC_STORE_ERROR, CC_STORE_ERROR_FAILED, _("The local database is damaged (%s)"),
                   rc == SQLITE_ROW ? _("its own check failed") : sqlite3_errmsg (db));
      return rc == SQLITE_ROW || is_damage (rc) ? OPEN_DAMAGED : OPEN_FAILED;
    }
  /* Switching to WAL needs the database to itself, and SQLite does not wait
   * for that as it waits for other locks: when several Concords start at
   * once, try again for a while */
  for (gint64 end = g_get_monotonic_time () + BUSY_TIMEOUT_MS * 1000;;)
    {
      rc = sqlite3_exec (db, "PRAGMA journal_mode=WAL;", NULL, NULL, NULL);
      if (((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) || g_get_monotonic_time () > end)
        break;
      g_usleep (20 * 1000);
    }
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, _("Could not set up the local database"));
      return is_damage (rc) ? OPEN_DAMAGED : OPEN_FAILED;
    }
  if (!exec (db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", error))
    return OPEN_FAILED;

  for (gint64 v = version; v < CC_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d;", (int) v + 1);
      gint64 now;

      /* Another process may be migrating too: take the write lock first,
       * and look again once we hold it. */
      if (!exec (db, "BEGIN IMMEDIATE;", error))
        return OPEN_FAILED;
      now = query_int (db, "PRAGMA user_version", &rc);
      if (rc == SQLITE_OK && now > v)
        {
          exec (db, "COMMIT;", NULL);
          v = now - 1;
          continue;
        }
      if (!exec (db, migrations[v], error) || !exec (db, bump, error) || !exec (db, "COMMIT;", error))
        {
          exec (db, "ROLLBACK;", NULL);
          return OPEN_FAILED;
        }
    }
  return OPEN_OK;
}

/* Moves the database and its journal aside, keeping them. */
static char *
move_aside (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *kept = g_strdup_printf ("%s.damaged-%s", path, stamp);
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint n = 2; g_file_test (kept, G_FILE_TEST_EXISTS); n++)
    {
      g_free (kept);
      kept = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (kept, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_warning ("Could not move %s aside: %s", from, g_strerror (errno));
    }
  return kept;
}

static gpointer writer_main (gpointer data);

CcStore *
cc_store_open (const char *path, GError **error)
{
  g_autoptr(CcStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  OpenStatus status;
  int sys_errno = 0;
  gint64 newer = 0;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_autofree char *where = cc_bidi_isolate (dir);
      g_autofree char *why = folder_failure (dir, errsv);

      g_set_error (error, CC_STORE_ERROR, CC_STORE_ERROR_FAILED,
                   _("The folder of the autosave database, %s, cannot be made: %s"), where, why);
      return NULL;
    }
  /* SQLite would wait for ever on a pipe, and fail in its own words on a
   * folder */
  {
    GStatBuf st;

    if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
      {
        set_open_error (error, path, 0, NULL);
        return NULL;
      }
  }

  self = g_object_new (CC_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->session = make_session ();

  self->db = connect (path, &sys_errno, &local_error);
  status = self->db != NULL ? prepare (self->db, &newer, &local_error) : OPEN_FAILED;
  if (status == OPEN_NEWER)
    {
      g_autofree char *where = cc_bidi_isolate (path);

      /* Translators: %s is where the database is; the schemas are whole numbers */
      g_set_error (error, CC_STORE_ERROR, CC_STORE_ERROR_NEWER,
                   _("The autosave database %s was made by a newer version of Concord (schema %d; this one "
                     "knows %d), and is left as it is for that version"),
                   where, (int) newer, CC_STORE_SCHEMA_VERSION);
      return NULL;
    }
  if (status == OPEN_DAMAGED && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *kept = NULL;
      g_autofree char *where = NULL;

      g_clear_pointer (&self->db, sqlite3_close);
      kept = move_aside (path);
      g_message ("%s: %s; kept as %s, and a new one made", path, local_error->message, kept);
      where = cc_bidi_isolate (kept);
      self->notice = g_strdup_printf (_("The local database of recent projects and autosaves was damaged (%s). "
                                        "It was kept as %s and a new one made."),
                                      local_error->message, where);
      g_clear_error (&local_error);
      self->db = connect (path, &sys_errno, &local_error);
      status = self->db != NULL ? prepare (self->db, &newer, &local_error) : OPEN_FAILED;
    }
  if (status != OPEN_OK)
    {
      if (self->db != NULL)
        sys_errno = sqlite3_system_errno (self->db);
      set_open_error (error, path, sys_errno, local_error->message);
      return NULL;
    }

  self->jobs = g_async_queue_new ();
  self->writer = g_thread_try_new ("concord-store", writer_main, self, &local_error);
  if (self->writer == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&self);
}

static CcStore *default_store;
static GError *default_error;  /* why there is none */
static gboolean default_tried;

CcStore *
cc_store_get_default (GError **error)
{
  if (!default_tried)
    {
      g_autofree char *path = g_build_filename (g_get_user_state_dir (), "concord", "concord.db", NULL);

      default_tried = TRUE;
      default_store = cc_store_open (path, &default_error);
      if (default_store == NULL)
        g_warning ("No local database: %s", default_error->message);
    }
  /* Whoever asks first (the start page, to list the recent projects), the
   * notice of the first window still says why */
  if (default_store == NULL && default_error != NULL && error != NULL)
    g_propagate_error (error, g_error_copy (default_error));
  return default_store;
}

void
cc_store_reset_default (void)
{
  if (default_store != NULL)
    cc_store_flush (default_store);
  g_clear_object (&default_store);
  g_clear_error (&default_error);
  default_tried = FALSE;
}

/* ---- the writer thread ------------------------------------------------ */

typedef enum
{
  JOB_SNAPSHOT,
  JOB_DROP_SNAPSHOT,
  JOB_NOTE,
  JOB_FORGET,
  JOB_QUIT,
} JobType;

typedef struct
{
  char *sheet, *sheet_title, *item, *kind, *text;
} IndexRow;

typedef struct
{
  JobType          type;
  char            *doc;
  char            *uri;
  char            *title;
  char            *sheets;   /* one a line */
  gint64           when;
  GPtrArray       *pieces;
  GBytes          *thumbnail;
  GArray          *rows;     /* IndexRow */
  CcStoreDoneFunc  done;
  gpointer         user_data;
  GMainContext    *context;
  gint64           write_us;
} Job;

static void
index_row_clear (gpointer data)
{
  IndexRow *row = data;

  g_free (row->sheet);
  g_free (row->sheet_title);
  g_free (row->item);
  g_free (row->kind);
  g_free (row->text);
}

static void
job_free (Job *job)
{
  g_free (job->doc);
  g_free (job->uri);
  g_free (job->title);
  g_free (job->sheets);
  g_clear_pointer (&job->pieces, g_ptr_array_unref);
  g_clear_pointer (&job->thumbnail, g_bytes_unref);
  g_clear_pointer (&job->rows, g_array_unref);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job);
}

static void
bind_text (sqlite3_stmt *stmt, int i, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
}

static gboolean
run_statement (sqlite3 *db, sqlite3_stmt *stmt, const char *what)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  g_warning ("%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
write_snapshot (sqlite3 *db, CcStore *self, Job *job)
{
  g_autoptr(GBytes) data = cc_snapshot_join (job->pieces);
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO snapshots (doc, session, uri, title, sheets, taken, data) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Could not keep a snapshot: %s", sqlite3_errmsg (db));
      return FALSE;
    }
  bind_text (stmt, 1, job->doc);
  bind_text (stmt, 2, self->session);
  bind_text (stmt, 3, job->uri);
  bind_text (stmt, 4, job->title);
  bind_text (stmt, 5, job->sheets);
  sqlite3_bind_int64 (stmt, 6, job->when);
  sqlite3_bind_blob64 (stmt, 7, g_bytes_get_data (data, NULL), g_bytes_get_size (data), SQLITE_STATIC);
  ok = run_statement (db, stmt, "Could not keep a snapshot");
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
simple_statement (sqlite3 *db, const char *sql, const char *arg, const char *what)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("%s: %s", what, sqlite3_errmsg (db));
      return FALSE;
    }
  bind_text (stmt, 1, arg);
  ok = run_statement (db, stmt, what);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
write_note (sqlite3 *db, Job *job)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (!exec (db, "BEGIN IMMEDIATE;", NULL))
    return FALSE;
  if (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO projects (uri, title, sheets, opened, thumbnail) "
                              "VALUES (?, ?, ?, ?, ?)", -1, &stmt, NULL) != SQLITE_OK)
    goto out;
  bind_text (stmt, 1, job->uri);
  bind_text (stmt, 2, job->title);
  bind_text (stmt, 3, job->sheets);
  sqlite3_bind_int64 (stmt, 4, job->when);
  if (job->thumbnail != NULL)
    sqlite3_bind_blob64 (stmt, 5, g_bytes_get_data (job->thumbnail, NULL), g_bytes_get_size (job->thumbnail),
                         SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 5);
  if (!run_statement (db, stmt, "Could not note a recent project"))
    goto out;
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (!simple_statement (db, "DELETE FROM search WHERE uri = ?", job->uri, "Could not index a project"))
    goto out;
  if (sqlite3_prepare_v2 (db, "INSERT INTO search (uri, sheet, sheet_title, item, kind, text) "
                              "VALUES (?, ?, ?, ?, ?, ?)", -1, &stmt, NULL) != SQLITE_OK)
    goto out;
  for (guint i = 0; i < job->rows->len; i++)
    {
      IndexRow *row = &g_array_index (job->rows, IndexRow, i);

      bind_text (stmt, 1, job->uri);
      bind_text (stmt, 2, row->sheet);
      bind_text (stmt, 3, row->sheet_title);
      bind_text (stmt, 4, row->item);
      bind_text (stmt, 5, row->kind);
      bind_text (stmt, 6, row->text);
      if (!run_statement (db, stmt, "Could not index a project"))
        goto out;
    }
  ok = exec (db, "COMMIT;", NULL);

out:
  if (!ok)
    {
      g_warning ("Could not note %s: %s", job->uri, sqlite3_errmsg (db));
      exec (db, "ROLLBACK;", NULL);
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
job_done_cb (gpointer data)
{
  Job *job = data;

  job->done (job->write_us, job->user_data);
  job_free (job);
  return G_SOURCE_REMOVE;
}

static gpointer
writer_main (gpointer data)
{
  CcStore *self = data;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = connect (self->path, NULL, &error);

  if (db == NULL)
    g_warning ("The local database's writer could not start: %s", error->message);

  for (;;)
    {
      Job *job = g_async_queue_pop (self->jobs);
      gboolean quit = job->type == JOB_QUIT;
      gint64 start = g_get_monotonic_time ();
      gboolean ok = FALSE;

      if (db != NULL)
        switch (job->type)
          {
          case JOB_SNAPSHOT:
            ok = write_snapshot (db, self, job);
            break;
          case JOB_DROP_SNAPSHOT:
            ok = simple_statement (db, "DELETE FROM snapshots WHERE doc = ?", job->doc, "Could not drop a snapshot");
            break;
          case JOB_NOTE:
            ok = write_note (db, job);
            break;
          case JOB_FORGET:
            ok = exec (db, "BEGIN IMMEDIATE;", NULL)
                 && simple_statement (db, "DELETE FROM projects WHERE uri = ?", job->uri, "Could not forget a project")
                 && simple_statement (db, "DELETE FROM search WHERE uri = ?", job->uri, "Could not forget a project")
                 && exec (db, "COMMIT;", NULL);
            if (!ok)
              exec (db, "ROLLBACK;", NULL);
            break;
          case JOB_QUIT:
          default:
            ok = TRUE;
            break;
          }
      job->write_us = ok ? g_get_monotonic_time () - start : -1;

      if (job->done != NULL)
        {
          /* Never here on this thread: as a source of the caller's context */
          GSource *source = g_idle_source_new ();

          g_source_set_priority (source, G_PRIORITY_DEFAULT);
          g_source_set_callback (source, job_done_cb, job, NULL);
          g_source_attach (source, job->context);
          g_source_unref (source);
        }
      else
        job_free (job);

      g_mutex_lock (&self->lock);
      self->pending--;
      g_cond_broadcast (&self->drained);
      g_mutex_unlock (&self->lock);
      if (quit)
        break;
    }
  sqlite3_close (db);
  return NULL;
}

static void
push_job (CcStore *self, Job *job)
{
  g_mutex_lock (&self->lock);
  self->pending++;
  g_mutex_unlock (&self->lock);
  g_async_queue_push (self->jobs, job);
}

void
cc_store_flush (CcStore *self)
{
  g_return_if_fail (CC_IS_STORE (self));

  g_mutex_lock (&self->lock);
  while (self->pending > 0)
    g_cond_wait (&self->drained, &self->lock);
  g_mutex_unlock (&self->lock);
}

/* ---- the object ------------------------------------------------------- */

static void
cc_store_dispose (GObject *object)
{
  CcStore *self = CC_STORE (object);

  /* What is queued is written before the writer ends */
  if (self->writer != NULL)
    {
      Job *job = g_new0 (Job, 1);

      job->type = JOB_QUIT;
      push_job (self, job);
      g_thread_join (g_steal_pointer (&self->writer));
    }
  g_clear_pointer (&self->db, sqlite3_close);
  G_OBJECT_CLASS (cc_store_parent_class)->dispose (object);
}

static void
cc_store_finalize (GObject *object)
{
  CcStore *self = CC_STORE (object);

  g_clear_pointer (&self->jobs, g_async_queue_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->drained);
  g_free (self->path);
  g_free (self->notice);
  g_free (self->session);
  G_OBJECT_CLASS (cc_store_parent_class)->finalize (object);
}

static void
cc_store_class_init (CcStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cc_store_dispose;
  object_class->finalize = cc_store_finalize;
}

static void
cc_store_init (CcStore *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->drained);
}

/* ---- public: snapshots ------------------------------------------------ */

const char *
cc_store_get_path (CcStore *self)
{
  g_return_val_if_fail (CC_IS_STORE (self), NULL);
  return self->path;
}

const char *
cc_store_get_notice (CcStore *self)
{
  g_return_val_if_fail (CC_IS_STORE (self), NULL);
  return self->notice;
}

const char *
cc_store_get_session (CcStore *self)
{
  g_return_val_if_fail (CC_IS_STORE (self), NULL);
  return self->session;
}

static char *
join_lines (const char * const *lines)
{
  return lines != NULL ? g_strjoinv ("\n", (char **) lines) : g_strdup ("");
}

void
cc_store_put_snapshot (CcStore            *self,
                       const char         *doc,
                       const char         *uri,
                       const char         *title,
                       const char * const *sheets,
                       GPtrArray          *pieces,
                       CcStoreDoneFunc     done,
                       gpointer            user_data)
{
  Job *job;

  g_return_if_fail (CC_IS_STORE (self));
  g_return_if_fail (doc != NULL && pieces != NULL);

  job = g_new0 (Job, 1);
  job->type = JOB_SNAPSHOT;
  job->doc = g_strdup (doc);
  job->uri = g_strdup (uri);
  job->title = g_strdup (title ? title : "");
  job->sheets = join_lines (sheets);
  job->when = g_get_real_time ();
  job->pieces = g_ptr_array_ref (pieces);
  job->done = done;
  job->user_data = user_data;
  job->context = g_main_context_ref_thread_default ();
  push_job (self, job);
}

void
cc_store_drop_snapshot (CcStore *self, const char *doc)
{
  Job *job;

  g_return_if_fail (CC_IS_STORE (self));
  g_return_if_fail (doc != NULL);

  job = g_new0 (Job, 1);
  job->type = JOB_DROP_SNAPSHOT;
  job->doc = g_strdup (doc);
  push_job (self, job);
}

static char **
split_lines (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strsplit (text, "\n", -1) : g_new0 (char *, 1);
}

static GPtrArray *
list_snapshots (CcStore *self, gboolean orphans_only)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_snapshot_info_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT doc, session, uri, title, sheets, taken, length(data) FROM snapshots "
                                    "ORDER BY taken DESC", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Could not list snapshots: %s", sqlite3_errmsg (self->db));
      return list;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CcSnapshotInfo *info;

      if (orphans_only && session_is_live (self, (const char *) sqlite3_column_text (stmt, 1)))
        continue;
      info = g_new0 (CcSnapshotInfo, 1);
      info->doc = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      info->uri = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      info->title = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      info->sheets = split_lines ((const char *) sqlite3_column_text (stmt, 4));
      info->taken = sqlite3_column_int64 (stmt, 5);
      info->size = (gsize) sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (list, info);
    }
  sqlite3_finalize (stmt);
  return list;
}

GPtrArray *
cc_store_list_orphans (CcStore *self)
{
  g_return_val_if_fail (CC_IS_STORE (self), NULL);
  return list_snapshots (self, TRUE);
}

GPtrArray *
cc_store_list_snapshots (CcStore *self)
{
  g_return_val_if_fail (CC_IS_STORE (self), NULL);
  return list_snapshots (self, FALSE);
}

GBytes *
cc_store_load_snapshot (CcStore *self, const char *doc, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  GBytes *data = NULL;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (self), NULL);
  g_return_val_if_fail (doc != NULL, NULL);

  if (sqlite3_prepare_v2 (self->db, "SELECT data FROM snapshots WHERE doc = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, SQLITE_ERROR, _("Could not read the snapshot"));
      return NULL;
    }
  bind_text (stmt, 1, doc);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    data = g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  else if (rc == SQLITE_DONE)
    g_set_error (error, CC_STORE_ERROR, CC_STORE_ERROR_FAILED, _("The snapshot is no longer there"));
  else
    set_sqlite_error (error, self->db, rc, _("Could not read the snapshot"));
  sqlite3_finalize (stmt);
  return data;
}

gboolean
cc_store_adopt_snapshot (CcStore *self, const char *doc, const char *new_doc)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (CC_IS_STORE (self), FALSE);

  /* After what the writer has queued, so an older write cannot follow */
  cc_store_flush (self);
  if (sqlite3_prepare_v2 (self->db, "UPDATE snapshots SET doc = ?, session = ? WHERE doc = ?", -1, &stmt, NULL)
      != SQLITE_OK)
    return FALSE;
  bind_text (stmt, 1, new_doc);
  bind_text (stmt, 2, self->session);
  bind_text (stmt, 3, doc);
  ok = run_statement (self->db, stmt, "Could not take over a snapshot") && sqlite3_changes (self->db) == 1;
  sqlite3_finalize (stmt);
  return ok;
}

/* ---- public: recent projects and search ------------------------------- */

static void
add_row (GArray *rows, CcItem *sheet, CcItem *item, const char *kind, GString *text)
{
  IndexRow row;

  g_strstrip (text->str);
  text->len = strlen (text->str);
  if (text->len == 0)
    return;
  row.sheet = sheet ? g_strdup (cc_item_get_id (sheet)) : NULL;
  row.sheet_title = sheet ? g_strdup (cc_item_get_string (sheet, CC_SHEET_TITLE)) : NULL;
  row.item = item ? g_strdup (cc_item_get_id (item)) : NULL;
  row.kind = g_strdup (kind);
  row.text = g_strdup (text->str);
  g_array_append_val (rows, row);
  g_string_truncate (text, 0);
}

static void
append_field (GString *text, CcItem *item, guint field)
{
  const char *value = cc_item_get_string (item, field);

  if (value != NULL && value[0] != '\0')
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, value);
    }
}

static void
append_actor (GString *text, CcItem *actor)
{
  const char * const *tags = cc_item_get_strv (actor, CC_ACTOR_TAGS);

  append_field (text, actor, CC_ACTOR_NAME);
  append_field (text, actor, CC_ACTOR_NOTES);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", tags[i]);
}

/* What search finds, one row an item, in the sheet it is on. */
static GArray *
index_rows (CcProject *project)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (IndexRow));
  CcItem *root = cc_project_get_root (project);
  CcItem *meta = cc_project_get_meta (project);
  g_autoptr(GHashTable) placed = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  g_array_set_clear_func (rows, index_row_clear);
  g_string_append (text, cc_project_get_title (project));
  if (meta != NULL)
    append_field (text, meta, CC_META_DESCRIPTION);
  add_row (rows, NULL, NULL, "project", text);

  for (guint s = 0; s < cc_project_get_n_sheets (project); s++)
    {
      CcItem *sheet = cc_project_get_sheet (project, s);
      CcKind kind = cc_item_get_kind (sheet);

      append_field (text, sheet, CC_SHEET_TITLE);
      if (kind == CC_KIND_FORCEFIELD)
        {
          append_field (text, sheet, CC_FORCEFIELD_CHANGE);
          append_field (text, sheet, CC_FORCEFIELD_CURRENT);
          append_field (text, sheet, CC_FORCEFIELD_DESIRED);
        }
      add_row (rows, sheet, NULL, "sheet", text);

      if (kind == CC_KIND_MAP)
        {
          for (guint i = 0; i < cc_item_get_n_children (sheet, CC_MAP_NODES); i++)
            {
              CcItem *node = cc_item_get_child (sheet, CC_MAP_NODES, i);
              CcItem *actor = cc_project_get_node_actor (project, node);

              if (actor == NULL)
                continue;
              g_hash_table_add (placed, actor);
              append_actor (text, actor);
              add_row (rows, sheet, node, "organisation", text);
            }
          for (guint i = 0; i < cc_item_get_n_children (sheet, CC_MAP_LINKS); i++)
            {
              CcItem *link = cc_item_get_child (sheet, CC_MAP_LINKS, i);

              append_field (text, link, CC_LINK_LABEL);
              append_field (text, link, CC_LINK_NOTES);
              add_row (rows, sheet, link, "link", text);
            }
        }
      else if (kind == CC_KIND_FORCEFIELD)
        for (guint i = 0; i < cc_item_get_n_children (sheet, CC_FORCEFIELD_FORCES); i++)
          {
            CcItem *force = cc_item_get_child (sheet, CC_FORCEFIELD_FORCES, i);

            append_field (text, force, CC_FORCE_LABEL);
            append_field (text, force, CC_FORCE_NOTES);
            append_field (text, force, CC_FORCE_PLAN);
            append_field (text, force, CC_FORCE_OWNER);
            add_row (rows, sheet, force, "force", text);
          }
      else if (kind == CC_KIND_CANVAS)
        for (guint i = 0; i < cc_item_get_n_children (sheet, CC_CANVAS_CARDS); i++)
          {
            CcItem *card = cc_item_get_child (sheet, CC_CANVAS_CARDS, i);

            append_field (text, card, CC_CARD_TEXT);
            add_row (rows, sheet, card, "card", text);
          }
    }
  /* Organisations on no map are found in the project */
  for (guint i = 0; i < cc_item_get_n_children (root, CC_PROJECT_ACTORS); i++)
    {
      CcItem *actor = cc_item_get_child (root, CC_PROJECT_ACTORS, i);

      if (g_hash_table_contains (placed, actor))
        continue;
      append_actor (text, actor);
      {
        IndexRow row = { NULL, NULL, g_strdup (cc_item_get_id (actor)), g_strdup ("organisation"), NULL };

        g_strstrip (text->str);
        row.text = g_strdup (text->str);
        g_string_truncate (text, 0);
        if (row.text[0] != '\0')
          g_array_append_val (rows, row);
        else
          index_row_clear (&row);
      }
    }
  return rows;
}

static char **
sheet_titles (CcProject *project)
{
  guint n = cc_project_get_n_sheets (project);
  char **titles = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    titles[i] = g_strdup (cc_item_get_string (cc_project_get_sheet (project, i), CC_SHEET_TITLE));
  return titles;
}

void
cc_store_note_project (CcStore   *self,
                       const char *uri,
                       CcProject  *project,
                       GBytes     *thumbnail)
{
  g_auto(GStrv) titles = NULL;
  Job *job;

  g_return_if_fail (CC_IS_STORE (self));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (CC_IS_PROJECT (project));

  titles = sheet_titles (project);
  job = g_new0 (Job, 1);
  job->type = JOB_NOTE;
  job->uri = g_strdup (uri);
  job->title = g_strdup (cc_project_get_title (project));
  job->sheets = join_lines ((const char * const *) titles);
  job->when = g_get_real_time ();
  job->thumbnail = thumbnail ? g_bytes_ref (thumbnail) : NULL;
  job->rows = index_rows (project);
  push_job (self, job);
}

void
cc_store_forget_project (CcStore *self, const char *uri)
{
  Job *job;

  g_return_if_fail (CC_IS_STORE (self));
  g_return_if_fail (uri != NULL);

  job = g_new0 (Job, 1);
  job->type = JOB_FORGET;
  job->uri = g_strdup (uri);
  push_job (self, job);
}

GPtrArray *
cc_store_list_recent (CcStore *self, guint max)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_recent_info_free);
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (CC_IS_STORE (self), list);

  if (sqlite3_prepare_v2 (self->db, "SELECT uri, title, sheets, opened, thumbnail FROM projects "
                                    "ORDER BY opened DESC LIMIT ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Could not list recent projects: %s", sqlite3_errmsg (self->db));
      return list;
    }
  sqlite3_bind_int64 (stmt, 1, max);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CcRecentInfo *info = g_new0 (CcRecentInfo, 1);

      info->uri = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      info->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->sheets = split_lines ((const char *) sqlite3_column_text (stmt, 2));
      info->opened = sqlite3_column_int64 (stmt, 3);
      if (sqlite3_column_type (stmt, 4) == SQLITE_BLOB)
        info->thumbnail = g_bytes_new (sqlite3_column_blob (stmt, 4), (gsize) sqlite3_column_bytes (stmt, 4));
      g_ptr_array_add (list, info);
    }
  sqlite3_finalize (stmt);
  return list;
}

/* The user's words as an FTS5 query: each word, quoted, as a prefix. */
static char *
fts_query (const char *query)
{
  GString *out = g_string_new (NULL);
  g_autofree char *normal = g_utf8_normalize (query, -1, G_NORMALIZE_DEFAULT);
  const char *p = normal ? normal : "";

  while (*p)
    {
      const char *start;

      while (*p && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        {
          g_string_append_printf (out, "%s\"", out->len > 0 ? " " : "");
          g_string_append_len (out, start, p - start);
          g_string_append (out, "\"*");
        }
    }
  return g_string_free (out, out->len == 0);
}

GPtrArray *
cc_store_search (CcStore *self, const char *query, guint max)
{
  GPtrArray *hits = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_search_hit_free);
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (CC_IS_STORE (self), hits);

  match = fts_query (query ? query : "");
  if (match == NULL)
    return hits;
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT s.uri, coalesce(p.title, ''), s.sheet, s.sheet_title, s.item, s.kind, s.text "
                          "FROM search s LEFT JOIN projects p ON p.uri = s.uri "
                          "WHERE search MATCH ? ORDER BY bm25(search), p.opened DESC LIMIT ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Could not search: %s", sqlite3_errmsg (self->db));
      return hits;
    }
  bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, max);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CcSearchHit *hit = g_new0 (CcSearchHit, 1);

      hit->uri = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      hit->project_title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      hit->sheet = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      hit->sheet_title = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      hit->item = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      hit->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      hit->text = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (hits, hit);
    }
  sqlite3_finalize (stmt);
  return hits;
}

void
cc_snapshot_info_free (CcSnapshotInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->doc);
  g_free (info->uri);
  g_free (info->title);
  g_strfreev (info->sheets);
  g_free (info);
}

void
cc_recent_info_free (CcRecentInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->uri);
  g_free (info->title);
  g_strfreev (info->sheets);
  g_clear_pointer (&info->thumbnail, g_bytes_unref);
  g_free (info);
}

void
cc_search_hit_free (CcSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->uri);
  g_free (hit->project_title);
  g_free (hit->sheet);
  g_free (hit->sheet_title);
  g_free (hit->item);
  g_free (hit->kind);
  g_free (hit->text);
  g_free (hit);
}
