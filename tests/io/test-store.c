/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cc-autosave.h"
#include "cc-store.h"
#include "../cc-test-util.h"

/* The local database: snapshots made of kept pieces, a damaged or newer
 * database, snapshots left by a process killed with SIGKILL, two processes
 * writing at once, recent projects and search.
 *
 * The program is also its own child: "--editor DB FILE" edits a project
 * with autosave until it is killed, "--writer DB N" writes to a shared
 * database. */

static const char *project_text =
  "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"Riverside partnership\","
  " \"meta\": {\"description\": \"Who works with whom by the river\"},"
  " \"actors\": ["
  "  {\"id\": \"a1\", \"name\": \"Police Scotland\", \"sector\": \"public\", \"notes\": \"Community safety lead\"},"
  "  {\"id\": \"a2\", \"name\": \"Café Solidarité\", \"sector\": \"community\", \"tags\": [\"food\"]},"
  "  {\"id\": \"a3\", \"name\": \"Harbour Trust\", \"sector\": \"voluntary\"}],"
  " \"sheets\": ["
  "  {\"id\": \"m1\", \"type\": \"map\", \"title\": \"Who works with whom\","
  "   \"nodes\": [{\"id\": \"n1\", \"actor\": \"a1\", \"x\": 0, \"y\": 0},"
  "             {\"id\": \"n2\", \"actor\": \"a2\", \"x\": 200, \"y\": 0}],"
  "   \"links\": [{\"id\": \"l1\", \"from\": \"n1\", \"to\": \"n2\", \"type\": \"delivery\","
  "              \"notes\": \"Night patrols with breakfast after\"}]},"
  "  {\"id\": \"f1\", \"type\": \"forcefield\", \"title\": \"Opening the harbour path\","
  "   \"change\": \"Open the harbour path at night\","
  "   \"forces\": [{\"id\": \"fo1\", \"side\": \"resisting\", \"label\": \"Insurance costs\", \"strength\": 4}]}]}";

static CcProject *
load_project (const char *text)
{
  g_autoptr(CcLoadResult) result = cc_load_bytes (text, strlen (text));

  g_assert_true (cc_load_result_is_sound (result));
  return g_object_ref (result->project);
}

static char *
joined_text (CcProject *project)
{
  g_autoptr(GPtrArray) pieces = cc_project_snapshot (project);
  g_autoptr(GBytes) joined = cc_snapshot_join (pieces);

  return g_strndup (g_bytes_get_data (joined, NULL), g_bytes_get_size (joined));
}

/* The project a snapshot's text gives back, as a file's text. */
static char *
file_text_of_snapshot (const char *snapshot)
{
  g_autoptr(CcLoadResult) result = cc_load_bytes (snapshot, strlen (snapshot));

  g_assert_true (cc_load_result_is_sound (result));
  return text_of (result->project);
}

/* ---- snapshots of a project -------------------------------------------- */

static void
test_snapshot_text (void)
{
  g_autoptr(CcProject) project = load_project (project_text);
  CcItem *police = cc_project_lookup (project, "a1");
  CcItem *cafe = cc_project_lookup (project, "a2");
  g_autofree char *file = text_of (project);
  g_autofree char *snapshot = joined_text (project);
  g_autofree char *back = file_text_of_snapshot (snapshot);
  g_autofree char *edited = NULL;
  g_autofree char *again = NULL;
  GBytes *kept_cafe;

  /* Compact, and the same project */
  g_assert_cmpuint (strlen (snapshot), <, strlen (file));
  g_assert_null (strstr (snapshot, ": "));
  g_assert_cmpstr (back, ==, file);

  /* Each organisation keeps its text; an edit forgets only the edited one's */
  kept_cafe = cc_item_get_text (cafe);
  g_assert_nonnull (kept_cafe);
  g_assert_nonnull (cc_item_get_text (police));
  cc_project_set_string (project, police, CC_ACTOR_NAME, "Police Scotland North");
  g_assert_null (cc_item_get_text (police));
  g_assert_true (cc_item_get_text (cafe) == kept_cafe);

  edited = text_of (project);
  g_free (snapshot);
  snapshot = joined_text (project);
  g_free (back);
  back = file_text_of_snapshot (snapshot);
  g_assert_cmpstr (back, ==, edited);
  g_assert_nonnull (strstr (snapshot, "Police Scotland North"));

  /* Undo, moves, insertions and removals are changes like any other */
  cc_project_undo (project);
  cc_project_move (project, cc_project_lookup (project, "a1"), 2);
  cc_project_remove (project, cc_project_lookup (project, "l1"));
  again = text_of (project);
  g_free (snapshot);
  snapshot = joined_text (project);
  g_free (back);
  back = file_text_of_snapshot (snapshot);
  g_assert_cmpstr (back, ==, again);
  g_assert_null (strstr (snapshot, "Police Scotland North"));
  g_assert_null (strstr (snapshot, "Night patrols"));
}

static void
test_snapshot_prepared_in_slices (void)
{
  g_autoptr(GString) text = g_string_new ("{\"format\": \"concord-project\", \"version\": 1, \"title\": \"Many\", \"actors\": [");
  g_autoptr(CcProject) project = NULL;
  g_autofree char *file = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *back = NULL;
  guint slices = 0;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (text, "%s{\"id\": \"a%u\", \"name\": \"Member %u\"}", i ? "," : "", i, i);
  g_string_append (text, "]}");
  project = load_project (text->str);
  file = text_of (project);

  /* A budget of nothing makes one text a call: many calls, then done */
  while (!cc_project_prepare_snapshot (project, 1))
    slices++;
  g_assert_cmpuint (slices, >, 1);
  g_assert_true (cc_project_prepare_snapshot (project, 1));
  for (guint i = 0; i < 3000; i += 500)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);

      g_assert_nonnull (cc_item_get_text (cc_project_lookup (project, id)));
    }
  snapshot = joined_text (project);
  back = file_text_of_snapshot (snapshot);
  g_assert_cmpstr (back, ==, file);
}

static void
collect_items (CcItem *item, GPtrArray *out)
{
  const CcKindInfo *info = cc_item_get_info (item);

  g_ptr_array_add (out, item);
  for (guint s = 0; s < info->n_slots; s++)
    for (guint i = 0; i < cc_item_get_n_children (item, s); i++)
      collect_items (cc_item_get_child (item, s, i), out);
}

static gboolean
has_children (CcItem *item)
{
  const CcKindInfo *info = cc_item_get_info (item);

  for (guint s = 0; s < info->n_slots; s++)
    if (cc_item_get_n_children (item, s) > 0)
      return TRUE;
  return FALSE;
}

static gboolean
in_array_slot (CcItem *item)
{
  CcItem *parent = cc_item_get_parent (item);

  return parent != NULL && !cc_item_get_info (parent)->slots[cc_item_get_slot (item)].is_object;
}

/* Thousands of random edits, undos and redos on the example, with
 * snapshots prepared part way at random: every snapshot reads back as the
 * project the file would hold. */
static void
test_snapshot_random_edits (void)
{
  g_autofree char *text = read_text (SOURCE_ROOT "/data/examples/community-planning.concord");
  g_autoptr(CcProject) project = load_project (text);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  guint checked = 0;

  for (guint step = 0; step < 2500; step++)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new ();
      CcItem *item;
      const CcKindInfo *info;

      collect_items (cc_project_get_root (project), items);
      item = items->pdata[g_rand_int_range (rand, 0, (gint32) items->len)];
      info = cc_item_get_info (item);
      switch (g_rand_int_range (rand, 0, 7))
        {
        case 0:
          for (guint f = 0; f < info->n_fields; f++)
            if (info->fields[f].type == CC_VT_STRING)
              {
                g_autofree char *value = g_strdup_printf ("Edit %u", step);

                cc_project_set_string (project, item, f, value);
                break;
              }
            else if (info->fields[f].type == CC_VT_DOUBLE)
              {
                cc_project_set_double (project, item, f, step * 1.5);
                break;
              }
          break;
        case 1:
          if (in_array_slot (item) && cc_item_get_kind (item) != CC_KIND_ACTOR && !has_children (item))
            {
              CcItem *copy = cc_item_copy (item);

              /* A new id: a copy shares its original's kept text until then */
              cc_item_set_id (copy, "");
              cc_project_insert (project, cc_item_get_parent (item), cc_item_get_slot (item), -1, copy);
            }
          break;
        case 2:
          if (in_array_slot (item) && cc_kind_is_sheet (cc_item_get_kind (item)) == FALSE)
            cc_project_delete (project, item);
          break;
        case 3:
          if (in_array_slot (item))
            cc_project_move (project, item,
                             (guint) g_rand_int_range (rand, 0, (gint32) cc_item_get_n_children (
                                                                  cc_item_get_parent (item), cc_item_get_slot (item))));
          break;
        case 4:
          cc_project_undo (project);
          break;
        case 5:
          cc_project_redo (project);
          break;
        default:
          cc_project_prepare_snapshot (project, g_rand_int_range (rand, 1, 3));
          break;
        }
      if (step % 5 == 0)
        {
          /* Compared as JSON: loading would add back a template the
           * edits deleted */
          g_autofree char *file = text_of (project);
          g_autofree char *snapshot = joined_text (project);
          g_autoptr(JsonParser) a = json_parser_new ();
          g_autoptr(JsonParser) b = json_parser_new ();

          g_assert_true (json_parser_load_from_data (a, file, -1, NULL));
          g_assert_true (json_parser_load_from_data (b, snapshot, -1, NULL));
          if (!json_node_equal (json_parser_get_root (a), json_parser_get_root (b)))
            g_assert_cmpstr (file_text_of_snapshot (snapshot), ==, file);
          checked++;
        }
    }
  g_assert_cmpuint (checked, ==, 500);
}

/* ---- the database -------------------------------------------------------- */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = make_dir_for ("store");
  f->path = g_build_filename (f->dir, "state", "concord", "concord.db", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* @error is for the user: "The autosave database @path …@says…" */
static void
assert_says (const GError *error, const char *path, const char *says)
{
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, says));
  g_assert_true (g_str_has_prefix (error->message, "The "));
}

static gint64
db_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
db_exec (const char *path, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static char *
find_kept (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".damaged-", NULL);
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;
  char *found = NULL;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix) && !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
      found = g_build_filename (dir, name, NULL);
  if (d != NULL)
    g_dir_close (d);
  return found;
}

static void
test_fresh_database (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_null (cc_store_get_notice (store));
  g_assert_cmpint (db_int (f->path, "PRAGMA user_version"), ==, CC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (db_int (f->path, "SELECT count(*) FROM sqlite_master WHERE name IN "
                                    "('projects', 'snapshots', 'search')"), ==, 3);
  g_clear_object (&store);
  /* Opened again, it is the same database, with nothing to tell */
  store = cc_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_null (cc_store_get_notice (store));
  g_assert_null (find_kept (f->path));
}

static void
check_replaced (Fixture *f, const char *garbage, gsize len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_data = NULL;
  gsize kept_len = 0;
  g_autoptr(CcProject) project = load_project (project_text);
  g_autoptr(GPtrArray) hits = NULL;

  store = cc_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  /* The user is told once, and the damaged file is kept as it was */
  g_assert_nonnull (cc_store_get_notice (store));
  kept = find_kept (f->path);
  g_assert_nonnull (kept);
  g_assert_nonnull (strstr (cc_store_get_notice (store), kept));
  g_assert_true (g_file_get_contents (kept, &kept_data, &kept_len, NULL));
  g_assert_cmpuint (kept_len, ==, len);
  g_assert_true (memcmp (kept_data, garbage, len) == 0);
  /* and the new one works */
  cc_store_note_project (store, "file:///tmp/riverside.concord", project, NULL);
  cc_store_flush (store);
  hits = cc_store_search (store, "police", 10);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_object (&store);
  store = cc_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_null (cc_store_get_notice (store));
}

static void
test_garbage_database (Fixture *f, gconstpointer data)
{
  static const char garbage[] = "This is not a database at all, but a note someone saved here.\n";
  g_autofree char *dir = g_path_get_dirname (f->path);

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (f->path, garbage, sizeof garbage - 1, NULL));
  check_replaced (f, garbage, sizeof garbage - 1);
}

static void
test_damaged_database (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (f->path, &error);
  g_autoptr(CcProject) project = load_project (project_text);
  g_autofree char *bytes = NULL;
  gsize len;

  /* A database with something in it ... */
  g_assert_no_error (error);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *uri = g_strdup_printf ("file:///tmp/project-%u.concord", i);

      cc_store_note_project (store, uri, project, NULL);
    }
  cc_store_flush (store);
  g_clear_object (&store);
  db_exec (f->path, "PRAGMA wal_checkpoint(TRUNCATE);");

  /* ... whose pages past the first are overwritten */
  g_assert_true (g_file_get_contents (f->path, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  for (gsize i = 4096; i < len; i++)
    bytes[i] = (char) (0x5a ^ (i * 7));
  g_assert_true (g_file_set_contents (f->path, bytes, (gssize) len, NULL));
  check_replaced (f, bytes, len);
}

static void
test_newer_database (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (f->path, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_clear_object (&store);
  db_exec (f->path, "PRAGMA user_version = 99; PRAGMA wal_checkpoint(TRUNCATE);");
  g_assert_true (g_file_get_contents (f->path, &before, NULL, NULL));

  /* Left alone for the newer Concord that made it */
  store = cc_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, CC_STORE_ERROR, CC_STORE_ERROR_NEWER);
  /* and the user is told so, and where */
  assert_says (error, f->path, "was made by a newer version of Concord (schema 99; this one knows 1)");
  g_assert_null (find_kept (f->path));
  g_assert_cmpint (db_int (f->path, "PRAGMA user_version"), ==, 99);
}

static void
test_migration_from_nothing_is_shared (Fixture *f, gconstpointer data)
{
  /* Two stores opened on one new database: one migrates, the other sees it */
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) a = cc_store_open (f->path, &error);
  g_autoptr(CcStore) b = NULL;

  g_assert_no_error (error);
  b = cc_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_null (cc_store_get_notice (b));
  g_assert_cmpint (db_int (f->path, "PRAGMA user_version"), ==, CC_STORE_SCHEMA_VERSION);
}

/* ---- snapshots in the database ------------------------------------------- */

static void
written_cb (gint64 write_us, gpointer user_data)
{
  *(gint64 *) user_data = write_us;
}

static void
test_snapshots_and_orphans (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (f->path, &error);
  g_autoptr(CcProject) project = load_project (project_text);
  g_autoptr(GPtrArray) pieces = cc_project_snapshot (project);
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GPtrArray) all = NULL;
  const char *sheets[] = { "Who works with whom", "Opening the harbour path", NULL };
  gint64 write_us = -2;

  g_assert_no_error (error);
  cc_store_put_snapshot (store, "doc-1", "file:///tmp/riverside.concord", "Riverside partnership", sheets, pieces,
                         written_cb, &write_us);
  while (write_us == -2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (write_us, >=, 0);

  /* Ours while we run: not an orphan */
  all = cc_store_list_snapshots (store);
  g_assert_cmpuint (all->len, ==, 1);
  orphans = cc_store_list_orphans (store);
  g_assert_cmpuint (orphans->len, ==, 0);
  g_clear_pointer (&orphans, g_ptr_array_unref);

  /* A session whose process has gone */
  db_exec (f->path, "UPDATE snapshots SET session = 'elsewhere' || char(9) || '2147483000' || char(9) || '5'");
  g_clear_pointer (&all, g_ptr_array_unref);
  orphans = cc_store_list_orphans (store);
  g_assert_cmpuint (orphans->len, ==, 0);  /* another computer's: not ours to recover */
  all = cc_store_list_snapshots (store);
  g_assert_cmpuint (all->len, ==, 1);
}

static void
test_snapshot_of_dead_process (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (f->path, &error);
  g_autoptr(CcProject) project = load_project (project_text);
  g_autoptr(GPtrArray) pieces = cc_project_snapshot (project);
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autofree char *session = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *file = text_of (project);
  g_autofree char *restored = NULL;
  g_autofree char *snapshot = NULL;
  const char *sheets[] = { "Who works with whom", "Opening the harbour path", NULL };
  CcSnapshotInfo *info;
  pid_t child;
  int status;

  g_assert_no_error (error);
  cc_store_put_snapshot (store, "doc-1", NULL, "Riverside partnership", sheets, pieces, NULL, NULL);
  cc_store_flush (store);

  /* A process that has ended, on this computer */
  child = fork ();
  if (child == 0)
    _exit (0);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  session = g_strdup_printf ("%s\t%d\t1", g_get_host_name (), (int) child);
  sql = g_strdup_printf ("UPDATE snapshots SET session = '%s'", session);
  db_exec (f->path, sql);

  orphans = cc_store_list_orphans (store);
  g_assert_cmpuint (orphans->len, ==, 1);
  info = orphans->pdata[0];
  g_assert_cmpstr (info->doc, ==, "doc-1");
  g_assert_null (info->uri);
  g_assert_cmpstr (info->title, ==, "Riverside partnership");
  g_assert_cmpuint (g_strv_length (info->sheets), ==, 2);
  g_assert_cmpstr (info->sheets[1], ==, "Opening the harbour path");
  g_assert_cmpint (ABS (info->taken - g_get_real_time ()), <, 60 * G_USEC_PER_SEC);

  back = cc_store_load_snapshot (store, "doc-1", &error);
  g_assert_no_error (error);
  snapshot = g_strndup (g_bytes_get_data (back, NULL), g_bytes_get_size (back));
  restored = file_text_of_snapshot (snapshot);
  g_assert_cmpstr (restored, ==, file);

  /* Adopted, it is this process's under its new name */
  g_assert_true (cc_store_adopt_snapshot (store, "doc-1", "doc-2"));
  g_clear_pointer (&orphans, g_ptr_array_unref);
  orphans = cc_store_list_orphans (store);
  g_assert_cmpuint (orphans->len, ==, 0);
  g_clear_pointer (&back, g_bytes_unref);
  back = cc_store_load_snapshot (store, "doc-2", &error);
  g_assert_no_error (error);
  cc_store_drop_snapshot (store, "doc-2");
  cc_store_flush (store);
  g_clear_pointer (&back, g_bytes_unref);
  back = cc_store_load_snapshot (store, "doc-2", &error);
  g_assert_null (back);
  g_assert_error (error, CC_STORE_ERROR, CC_STORE_ERROR_FAILED);
}

/* A session's process is judged by its boot and host: an earlier boot's is
 * gone even if its number is in use again; one with another host name but
 * this boot (a toolbox) is this computer's. */
static void
test_sessions_and_boots (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (f->path, &error);
  g_autoptr(CcProject) project = load_project (project_text);
  g_autoptr(GPtrArray) pieces = cc_project_snapshot (project);
  g_autofree char *boot = NULL;
  g_auto(GStrv) ours = NULL;
  const char *sheets[] = { NULL };
  struct { const char *doc; char *session; gboolean orphan; } cases[3];

  g_assert_no_error (error);
  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &boot, NULL, NULL))
    {
      g_test_skip ("no boot id here");
      return;
    }
  g_strstrip (boot);
  ours = g_strsplit (cc_store_get_session (store), "\t", 4);
  g_assert_cmpuint (g_strv_length (ours), ==, 4);
  g_assert_cmpstr (ours[3], ==, boot);

  /* Our own process number and start, but an earlier boot */
  cases[0].doc = "earlier-boot";
  cases[0].session = g_strdup_printf ("%s\t%s\t%s\tnot-this-boot", ours[0], ours[1], ours[2]);
  cases[0].orphan = TRUE;
  /* This boot under another host name, its process gone */
  cases[1].doc = "toolbox-gone";
  cases[1].session = g_strdup_printf ("toolbox-host\t2147483000\t1\t%s", boot);
  cases[1].orphan = TRUE;
  /* This boot under another host name, its process (ours) running */
  cases[2].doc = "toolbox-running";
  cases[2].session = g_strdup_printf ("toolbox-host\t%s\t%s\t%s", ours[1], ours[2], boot);
  cases[2].orphan = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    cc_store_put_snapshot (store, cases[i].doc, NULL, "Boots", sheets, pieces, NULL, NULL);
  cc_store_flush (store);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE snapshots SET session = '%s' WHERE doc = '%s'",
                                              cases[i].session, cases[i].doc);

      db_exec (f->path, sql);
    }
  {
    g_autoptr(GPtrArray) orphans = cc_store_list_orphans (store);

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        gboolean found = FALSE;

        for (guint j = 0; j < orphans->len; j++)
          found |= g_str_equal (((CcSnapshotInfo *) orphans->pdata[j])->doc, cases[i].doc);
        g_assert_true (found == cases[i].orphan);
        g_free (cases[i].session);
      }
  }
}

/* What is queued when the last reference goes is written all the same */
static void
test_queued_writes_at_close (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  CcStore *store = cc_store_open (f->path, &error);
  g_autoptr(CcProject) project = load_project (project_text);
  g_autoptr(GPtrArray) pieces = cc_project_snapshot (project);
  const char *sheets[] = { NULL };

  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    cc_store_put_snapshot (store, "closing", NULL, "Closing", sheets, pieces, NULL, NULL);
  cc_store_put_snapshot (store, "kept", NULL, "Kept", sheets, pieces, NULL, NULL);
  cc_store_drop_snapshot (store, "closing");
  g_object_unref (store);
  g_assert_cmpint (db_int (f->path, "SELECT count(*) FROM snapshots WHERE doc = 'closing'"), ==, 0);
  g_assert_cmpint (db_int (f->path, "SELECT count(*) FROM snapshots WHERE doc = 'kept'"), ==, 1);
}

/* A database that cannot be opened is no reason to move it aside; the
 * message says why, in words, and where */
static void
test_unopenable_database (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = NULL;
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.db", NULL);

  /* Where the database should be, a folder */
  g_assert_cmpint (g_mkdir_with_parents (f->path, 0700), ==, 0);
  store = cc_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, CC_STORE_ERROR, CC_STORE_ERROR_FAILED);
  assert_says (error, f->path, "is a folder, not a file");
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_DIR));
  g_assert_null (find_kept (f->path));
  g_rmdir (f->path);
  g_clear_error (&error);

  /* A named pipe, which SQLite would wait on for ever */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  store = cc_store_open (fifo, &error);
  g_assert_null (store);
  assert_says (error, fifo, "is not a file");
}

/* The folder the database goes in cannot be made: a file stands where a
 * folder of its path should be */
static void
test_unmakeable_folder (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = NULL;
  g_autofree char *state = g_build_filename (f->dir, "state", NULL);
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autofree char *says = g_strdup_printf ("%s is a file, not a folder", state);

  g_assert_true (g_file_set_contents (state, "not a folder", -1, NULL));
  store = cc_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, CC_STORE_ERROR, CC_STORE_ERROR_FAILED);
  assert_says (error, folder, "cannot be made");
  assert_says (error, folder, says);
}

/* As someone who may not read the database, or write in its folder. Root
 * may do both: the checks then run in a child that is "nobody". */
static void
check_permissions (const char *dir, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *elsewhere = g_build_filename (dir, "locked", "concord.db", NULL);
  g_autofree char *locked = g_path_get_dirname (elsewhere);

  store = cc_store_open (path, &error);
  g_assert_null (store);
  assert_says (error, path, "cannot be read: permission denied");
  g_clear_error (&error);

  /* A folder it cannot write in: the database cannot be made there */
  store = cc_store_open (elsewhere, &error);
  g_assert_null (store);
  assert_says (error, elsewhere, "cannot be made in the folder");
  assert_says (error, locked, "permission denied");
}

static void
test_permission_denied (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (f->path, &error);
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *state = g_build_filename (f->dir, "state", NULL);
  g_autofree char *concord = g_build_filename (f->dir, "state", "concord", NULL);
  pid_t child;
  int status;

  g_assert_no_error (error);
  g_clear_object (&store);
  /* Folders anyone may pass through, a database only its owner reads, a
   * folder no one else writes in */
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (state, 0755), ==, 0);
  g_assert_cmpint (g_chmod (concord, 0755), ==, 0);
  g_assert_cmpint (g_chmod (f->path, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (locked, 0755), ==, 0);
  if (getuid () != 0)
    {
      g_assert_cmpint (g_chmod (f->path, 0200), ==, 0);
      g_assert_cmpint (g_chmod (locked, 0555), ==, 0);
      check_permissions (f->dir, f->path);
      g_chmod (locked, 0755);
      return;
    }
  fflush (stdout);
  child = fork ();
  if (child == 0)
    {
      if (setgid (65534) != 0 || setuid (65534) != 0)
        _exit (77);
      check_permissions (f->dir, f->path);
      _exit (0);
    }
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) == 77)
    {
      g_test_skip ("cannot become nobody");
      return;
    }
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* The default store says why there is none every time it is asked, not
 * only the first: the start page asks before the first window's notice */
static void
test_default_store_keeps_its_reason (Fixture *f, gconstpointer data)
{
  g_autofree char *state = g_build_filename (f->dir, "state", NULL);
  g_autofree char *db = g_build_filename (state, "concord", "concord.db", NULL);
  g_autofree char *old_state = g_strdup (g_getenv ("XDG_STATE_HOME"));

  g_assert_cmpint (g_mkdir_with_parents (db, 0700), ==, 0);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  cc_store_reset_default ();
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;

      if (i == 0)
        g_test_expect_message ("cc-store", G_LOG_LEVEL_WARNING, "No local database: *is a folder, not a file*");
      g_assert_null (cc_store_get_default (&error));
      if (i == 0)
        g_test_assert_expected_messages ();
      assert_says (error, db, "is a folder, not a file");
    }
  g_assert_null (cc_store_get_default (NULL));
  cc_store_reset_default ();
  if (old_state != NULL)
    g_setenv ("XDG_STATE_HOME", old_state, TRUE);
  else
    g_unsetenv ("XDG_STATE_HOME");
}

/* ---- autosave ---------------------------------------------------------- */

static void
test_autosave_follows_edits (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (f->path, &error);
  g_autoptr(CcProject) project = load_project (project_text);
  g_autoptr(CcAutosave) autosave = cc_autosave_new (store, project, NULL);
  CcItem *police = cc_project_lookup (project, "a1");
  CcAutosaveStats stats;
  gint64 start;
  g_autoptr(GBytes) back = NULL;

  g_assert_no_error (error);
  /* Nothing to keep while nothing changed */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < (CC_AUTOSAVE_DELAY_MS + 300) * 1000)
    g_main_context_iteration (NULL, FALSE);
  cc_store_flush (store);
  g_assert_cmpint (db_int (f->path, "SELECT count(*) FROM snapshots"), ==, 0);

  /* An edit is kept within the delay */
  cc_project_set_string (project, police, CC_ACTOR_NOTES, "Kept by autosave");
  start = g_get_monotonic_time ();
  do
    {
      g_main_context_iteration (NULL, FALSE);
      cc_autosave_get_stats (autosave, &stats);
    }
  while (stats.n_written == 0 && g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC);
  g_assert_cmpuint (stats.n_written, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, (CC_AUTOSAVE_DELAY_MS + 1000) * 1000);
  back = cc_store_load_snapshot (store, cc_autosave_get_doc (autosave), &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (back, NULL), (gssize) g_bytes_get_size (back),
                                  "Kept by autosave"));

  /* Edits that never pause are kept at least every CC_AUTOSAVE_MAX_MS */
  start = g_get_monotonic_time ();
  for (guint i = 0; g_get_monotonic_time () - start < (CC_AUTOSAVE_MAX_MS + 1500) * 1000; i++)
    {
      g_autofree char *notes = g_strdup_printf ("Edit %u", i);
      gint64 t = g_get_monotonic_time ();

      cc_project_set_string (project, police, CC_ACTOR_NOTES, notes);
      while (g_get_monotonic_time () - t < 100 * 1000)
        g_main_context_iteration (NULL, FALSE);
    }
  cc_autosave_get_stats (autosave, &stats);
  g_assert_cmpuint (stats.n_written, >=, 2);

  /* Undone back to the saved state, there is nothing to keep */
  while (cc_project_can_undo (project))
    cc_project_undo (project);
  g_assert_false (cc_project_get_modified (project));
  cc_store_flush (store);
  g_assert_cmpint (db_int (f->path, "SELECT count(*) FROM snapshots"), ==, 0);

  /* A new edit, then a clean close */
  cc_project_set_string (project, police, CC_ACTOR_NOTES, "Once more");
  cc_autosave_now (autosave);
  cc_store_flush (store);
  g_assert_cmpint (db_int (f->path, "SELECT count(*) FROM snapshots"), ==, 1);
  cc_autosave_discard (autosave);
  cc_store_flush (store);
  g_assert_cmpint (db_int (f->path, "SELECT count(*) FROM snapshots"), ==, 0);
}

/* The child: opens FILE, autosaves into DB, and edits the first
 * organisation's notes every 50 ms until killed, saying on stdout each
 * edit it made and each snapshot written. After @pause_after edits it
 * stops editing (0: never). */
static int
run_editor (const char *db, const char *file, guint pause_after)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (db, &error);
  g_autofree char *text = read_text (file);
  g_autoptr(CcProject) project = load_project (text);
  g_autoptr(CcAutosave) autosave = NULL;
  CcItem *actor = cc_item_get_child (cc_project_get_root (project), CC_PROJECT_ACTORS, 0);
  guint written = 0;

  g_assert_no_error (error);
  autosave = cc_autosave_new (store, project, NULL);
  setvbuf (stdout, NULL, _IOLBF, 0);
  printf ("doc %s\n", cc_autosave_get_doc (autosave));
  for (guint i = 1;; i++)
    {
      gint64 t = g_get_monotonic_time ();
      CcAutosaveStats stats;

      if (pause_after == 0 || i <= pause_after)
        {
          g_autofree char *notes = g_strdup_printf ("Edit %u", i);

          cc_project_set_string (project, actor, CC_ACTOR_NOTES, notes);
          printf ("edit %u\n", i);
        }
      while (g_get_monotonic_time () - t < 50 * 1000)
        g_main_context_iteration (NULL, FALSE);
      cc_autosave_get_stats (autosave, &stats);
      if (stats.n_written > written)
        {
          written = stats.n_written;
          printf ("written %u\n", written);
        }
    }
  return 0;
}

typedef struct
{
  GPid   pid;
  FILE  *out;
} Child;

static void
spawn_self (Child *child, const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int out_fd = -1;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CC_TEST_SELF"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &child->pid,
                            NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);
  child->out = fdopen (out_fd, "r");
}

/* Reads the child's lines until one starts with @prefix and its number is
 * at least @at_least; returns that number. Keeps the last "edit" seen. */
static guint
read_until (Child *child, const char *prefix, guint at_least, guint *last_edit, char **doc)
{
  char line[256];

  while (fgets (line, sizeof line, child->out) != NULL)
    {
      guint n = 0;

      if (doc != NULL && g_str_has_prefix (line, "doc "))
        *doc = g_strstrip (g_strdup (line + 4));
      if (sscanf (line, "edit %u", &n) == 1 && last_edit != NULL)
        *last_edit = n;
      if (g_str_has_prefix (line, prefix) && sscanf (line + strlen (prefix), " %u", &n) == 1 && n >= at_least)
        return n;
    }
  g_assert_not_reached ();
  return 0;
}

static void
kill_child (Child *child)
{
  int status = 0;

  kill (child->pid, SIGKILL);
  g_assert_cmpint (waitpid (child->pid, &status, 0), ==, child->pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  fclose (child->out);
  g_spawn_close_pid (child->pid);
}

static guint
edit_in_snapshot (CcStore *store, const char *doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = cc_store_load_snapshot (store, doc, &error);
  g_autofree char *text = NULL;
  g_autoptr(CcLoadResult) result = NULL;
  CcItem *actor;
  guint n = 0;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  result = cc_load_bytes (text, strlen (text));
  g_assert_true (cc_load_result_is_sound (result));
  actor = cc_item_get_child (cc_project_get_root (result->project), CC_PROJECT_ACTORS, 0);
  g_assert_cmpint (sscanf (cc_item_get_string (actor, CC_ACTOR_NOTES), "Edit %u", &n), ==, 1);
  return n;
}

static void
test_sigkill_recovery (Fixture *f, gconstpointer data)
{
  g_autofree char *file = g_build_filename (f->dir, "riverside.concord", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *doc2 = NULL;
  const char *paused[] = { "--editor", f->path, file, "12", NULL };
  const char *busy[] = { "--editor", f->path, file, "0", NULL };
  guint last_edit = 0, kept;
  Child child;

  write_text (f->dir, "riverside.concord", project_text);

  /* Killed after its edits were kept: every edit is in the snapshot */
  spawn_self (&child, paused);
  read_until (&child, "written", 1, &last_edit, &doc);
  g_assert_cmpuint (last_edit, ==, 12);
  kill_child (&child);

  store = cc_store_open (f->path, &error);
  g_assert_no_error (error);
  orphans = cc_store_list_orphans (store);
  g_assert_cmpuint (orphans->len, ==, 1);
  g_assert_cmpstr (((CcSnapshotInfo *) orphans->pdata[0])->doc, ==, doc);
  g_assert_cmpstr (((CcSnapshotInfo *) orphans->pdata[0])->title, ==, "Riverside partnership");
  g_assert_cmpuint (edit_in_snapshot (store, doc), ==, 12);
  cc_store_drop_snapshot (store, doc);
  cc_store_flush (store);

  /* Killed in the middle of edits that never pause: the snapshot holds
   * what it held at most CC_AUTOSAVE_MAX_MS and a write before */
  last_edit = 0;
  spawn_self (&child, busy);
  read_until (&child, "written", 2, &last_edit, &doc2);
  read_until (&child, "edit", last_edit + 10, &last_edit, NULL);
  kill_child (&child);
  g_clear_pointer (&orphans, g_ptr_array_unref);
  orphans = cc_store_list_orphans (store);
  g_assert_cmpuint (orphans->len, ==, 1);
  kept = edit_in_snapshot (store, doc2);
  g_test_message ("killed after edit %u; the snapshot holds edit %u", last_edit, kept);
  g_assert_cmpuint (kept, <=, last_edit);
  g_assert_cmpuint (kept + (CC_AUTOSAVE_MAX_MS + 2000) / 50, >=, last_edit);
  g_assert_cmpuint (kept, >, 1);
}

/* ---- two processes ----------------------------------------------------- */

static int
run_writer (const char *db, guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (db, &error);
  g_autoptr(CcProject) project = NULL;
  g_autoptr(GPtrArray) pieces = NULL;

  if (store == NULL)
    {
      g_printerr ("writer %u: %s\n", n, error->message);
      return 1;
    }
  project = load_project (project_text);
  pieces = cc_project_snapshot (project);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *doc = g_strdup_printf ("writer-%u-%u", n, i % 4);
      g_autofree char *uri = g_strdup_printf ("file:///tmp/writer-%u-%u.concord", n, i);
      g_autoptr(GPtrArray) hits = NULL;
      const char *sheets[] = { "Sheet", NULL };

      cc_store_put_snapshot (store, doc, uri, "Writer", sheets, pieces, NULL, NULL);
      cc_store_note_project (store, uri, project, NULL);
      hits = cc_store_search (store, "harbour", 5);
      g_ptr_array_unref (cc_store_list_recent (store, 10));
      g_ptr_array_unref (cc_store_list_orphans (store));
    }
  cc_store_flush (store);
  return 0;
}

static void
test_two_processes (Fixture *f, gconstpointer data)
{
  enum { N_WRITERS = 4 };
  GPid pids[N_WRITERS];
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  for (guint i = 0; i < N_WRITERS; i++)
    {
      g_autofree char *n = g_strdup_printf ("%u", i);
      const char *argv[] = { g_getenv ("CC_TEST_SELF"), "--writer", f->path, n, NULL };

      g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pids[i], &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_WRITERS; i++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      g_spawn_close_pid (pids[i]);
    }
  /* Nothing lost, nothing damaged */
  g_assert_cmpint (db_int (f->path, "SELECT count(*) FROM snapshots"), ==, N_WRITERS * 4);
  g_assert_cmpint (db_int (f->path, "SELECT count(*) FROM projects"), ==, N_WRITERS * 40);
  g_assert_cmpint (db_int (f->path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"),
                   ==, 1);
  store = cc_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_null (cc_store_get_notice (store));
  hits = cc_store_search (store, "harbour", 1000);
  g_assert_cmpuint (hits->len, >=, N_WRITERS * 40);
}

/* ---- recent projects and search ----------------------------------------- */

static void
test_recent_and_search (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (f->path, &error);
  g_autoptr(CcProject) river = load_project (project_text);
  g_autoptr(CcProject) other = cc_project_new ();
  g_autoptr(GBytes) thumbnail = g_bytes_new_static ("\x89PNG fake", 9);
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  CcSearchHit *hit;
  CcRecentInfo *info;

  g_assert_no_error (error);
  cc_item_set_string (cc_project_get_root (other), CC_PROJECT_TITLE, "Another partnership");
  cc_store_note_project (store, "file:///tmp/other.concord", other, NULL);
  g_usleep (2000);
  cc_store_note_project (store, "file:///tmp/riverside.concord", river, thumbnail);
  cc_store_flush (store);

  recent = cc_store_list_recent (store, 10);
  g_assert_cmpuint (recent->len, ==, 2);
  info = recent->pdata[0];
  g_assert_cmpstr (info->uri, ==, "file:///tmp/riverside.concord");
  g_assert_cmpstr (info->title, ==, "Riverside partnership");
  g_assert_cmpuint (g_strv_length (info->sheets), ==, 2);
  g_assert_true (g_bytes_equal (info->thumbnail, thumbnail));
  g_assert_null (((CcRecentInfo *) recent->pdata[1])->thumbnail);

  /* An organisation on a map: project, sheet and node */
  hits = cc_store_search (store, "Police Scotland", 10);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = hits->pdata[0];
  g_assert_cmpstr (hit->uri, ==, "file:///tmp/riverside.concord");
  g_assert_cmpstr (hit->project_title, ==, "Riverside partnership");
  g_assert_cmpstr (hit->sheet, ==, "m1");
  g_assert_cmpstr (hit->sheet_title, ==, "Who works with whom");
  g_assert_cmpstr (hit->item, ==, "n1");
  g_assert_cmpstr (hit->kind, ==, "organisation");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Word starts, any case, without accents; notes of links; forces; the
   * project itself; an organisation on no map */
  hits = cc_store_search (store, "safe", 10);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((CcSearchHit *) hits->pdata[0])->item, ==, "n1");
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = cc_store_search (store, "cafe solidarite", 10);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((CcSearchHit *) hits->pdata[0])->item, ==, "n2");
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = cc_store_search (store, "breakfast", 10);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((CcSearchHit *) hits->pdata[0])->kind, ==, "link");
  g_assert_cmpstr (((CcSearchHit *) hits->pdata[0])->item, ==, "l1");
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = cc_store_search (store, "insurance", 10);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((CcSearchHit *) hits->pdata[0])->sheet, ==, "f1");
  g_assert_cmpstr (((CcSearchHit *) hits->pdata[0])->item, ==, "fo1");
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = cc_store_search (store, "harbour", 10);
  g_assert_cmpuint (hits->len, ==, 2);  /* the trust (on no map), and the force field with its change */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = cc_store_search (store, "river", 10);
  g_assert_cmpuint (hits->len, >=, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* Quotes and operators in what is typed are words, not syntax */
  hits = cc_store_search (store, "\"police\" OR NEAR(*", 10);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = cc_store_search (store, "  ", 10);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Saved again without the organisation: the index follows */
  cc_project_remove (river, cc_project_lookup (river, "n1"));
  cc_project_remove (river, cc_project_lookup (river, "a1"));
  cc_store_note_project (store, "file:///tmp/riverside.concord", river, thumbnail);
  cc_store_flush (store);
  hits = cc_store_search (store, "police", 10);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  cc_store_forget_project (store, "file:///tmp/riverside.concord");
  cc_store_flush (store);
  hits = cc_store_search (store, "breakfast", 10);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&recent, g_ptr_array_unref);
  recent = cc_store_list_recent (store, 10);
  g_assert_cmpuint (recent->len, ==, 1);
}

int
main (int argc, char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "--editor"))
    return run_editor (argv[2], argv[3], (guint) atoi (argv[4]));
  if (argc == 4 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2], (guint) atoi (argv[3]));

  g_setenv ("CC_TEST_SELF", argv[0][0] == '/' ? argv[0] : g_canonicalize_filename (argv[0], NULL), TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/snapshot/text", test_snapshot_text);
  g_test_add_func ("/store/snapshot/prepared-in-slices", test_snapshot_prepared_in_slices);
  g_test_add_func ("/store/snapshot/random-edits", test_snapshot_random_edits);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/database/fresh", test_fresh_database);
  ADD ("/store/database/garbage", test_garbage_database);
  ADD ("/store/database/damaged", test_damaged_database);
  ADD ("/store/database/newer", test_newer_database);
  ADD ("/store/database/shared-migration", test_migration_from_nothing_is_shared);
  ADD ("/store/snapshots/orphans", test_snapshots_and_orphans);
  ADD ("/store/snapshots/dead-process", test_snapshot_of_dead_process);
  ADD ("/store/snapshots/sessions-and-boots", test_sessions_and_boots);
  ADD ("/store/database/queued-writes-at-close", test_queued_writes_at_close);
  ADD ("/store/database/unopenable", test_unopenable_database);
  ADD ("/store/database/unmakeable-folder", test_unmakeable_folder);
  ADD ("/store/database/permission-denied", test_permission_denied);
  ADD ("/store/database/default-keeps-its-reason", test_default_store_keeps_its_reason);
  ADD ("/store/autosave/follows-edits", test_autosave_follows_edits);
  ADD ("/store/autosave/sigkill", test_sigkill_recovery);
  ADD ("/store/two-processes", test_two_processes);
  ADD ("/store/recent-and-search", test_recent_and_search);
#undef ADD
  return g_test_run ();
}
