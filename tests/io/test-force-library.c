/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-force-library"

#include "config.h"

#include "../cc-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cc-force-library.h"
#include "cc-json.h"

/* The force library: the shipped files, broken files, search, and the
 * user's own forces on disk. Runs with G_TEST_OPTION_ISOLATE_DIRS, so
 * XDG_DATA_HOME is a fresh temporary folder for each test. */

#define FORCES_DIR SOURCE_ROOT "/data/forces"

/* Helpers */

static void
assert_no_problems (CcForceLibrary *lib)
{
  GPtrArray *problems = cc_force_library_get_problems (lib);

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("unexpected problem: %s\n", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static gboolean
has_problem (CcForceLibrary *lib, const char *text)
{
  GPtrArray *problems = cc_force_library_get_problems (lib);

  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (problems->pdata[i], text))
      return TRUE;
  return FALSE;
}

static gboolean
has_problem_prefix (CcForceLibrary *lib, const char *prefix)
{
  GPtrArray *problems = cc_force_library_get_problems (lib);

  for (guint i = 0; i < problems->len; i++)
    if (g_str_has_prefix (problems->pdata[i], prefix))
      return TRUE;
  return FALSE;
}

static void
dump_problems (CcForceLibrary *lib)
{
  GPtrArray *problems = cc_force_library_get_problems (lib);

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) problems->pdata[i]);
}

static void
count_cb (CcForceLibrary *lib, guint *count)
{
  (*count)++;
}

/* The ids of @entries, joined by spaces. */
static char *
ids_of (GPtrArray *entries)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, ((CcForceEntry *) entries->pdata[i])->id);
    }
  return g_string_free (out, FALSE);
}

/* Every check the shipped files must pass. */
static void
check_shipped (CcForceLibrary *lib)
{
  GPtrArray *entries = cc_force_library_get_entries (lib);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) tags = g_hash_table_new (g_str_hash, g_str_equal);
  guint sides[CC_N_SIDES] = { 0 };

  assert_no_problems (lib);
  g_assert_cmpuint (entries->len, >=, 30);
  g_assert_cmpuint (cc_force_library_get_n_entries (lib), ==, entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      CcForceEntry *e = entries->pdata[i];

      g_assert_nonnull (e->id);
      g_assert_false (g_str_has_prefix (e->id, "user-"));
      g_assert_false (g_hash_table_contains (ids, e->id));
      g_hash_table_add (ids, e->id);
      g_assert_true (cc_force_library_lookup (lib, e->id) == e);

      g_assert_nonnull (e->label);
      {
        g_autofree char *stripped = g_strstrip (g_strdup (e->label));

        g_assert_cmpstr (stripped, !=, "");
      }
      g_assert_cmpint (g_utf8_strlen (e->label, -1), <=, CC_FORCE_LABEL_MAX);
      g_assert_nonnull (e->description);
      g_assert_cmpint (g_utf8_strlen (e->description, -1), >=, 20);
      g_assert_cmpint (g_utf8_strlen (e->description, -1), <=, CC_FORCE_DESCRIPTION_MAX);
      g_assert_cmpint (e->strength, >=, 1);
      g_assert_cmpint (e->strength, <=, 5);
      g_assert_cmpint (e->side, <, CC_N_SIDES);
      sides[e->side]++;
      g_assert_nonnull (e->tags);
      g_assert_nonnull (e->tags[0]);
      for (guint t = 0; e->tags[t] != NULL; t++)
        g_hash_table_add (tags, e->tags[t]);
      g_assert_false (e->user);
      g_assert_true (g_str_has_suffix (e->source, ".json"));
    }
  /* Both sides, and each kind the issue asks for. */
  g_assert_cmpuint (sides[CC_SIDE_DRIVING], >=, 10);
  g_assert_cmpuint (sides[CC_SIDE_RESISTING], >=, 10);
  g_assert_true (g_hash_table_contains (tags, "structure"));
  g_assert_true (g_hash_table_contains (tags, "process"));
  g_assert_true (g_hash_table_contains (tags, "culture"));
  g_assert_true (g_hash_table_contains (tags, "benefit"));
  g_assert_true (g_hash_table_contains (tags, "pressure"));
}

/* Tests: the shipped library */

static void
test_builtin (void)
{
  g_autoptr(CcForceLibrary) lib = cc_force_library_new ();
  guint changed = 0;
  guint n;

  g_signal_connect (lib, "changed", G_CALLBACK (count_cb), &changed);
  n = cc_force_library_load_builtin (lib);
  g_assert_cmpuint (n, >=, 30);
  g_assert_cmpuint (changed, ==, 1);
  check_shipped (lib);
  g_test_message ("%u shipped forces", n);
}

static void
test_dir_matches_builtin (void)
{
  g_autoptr(CcForceLibrary) from_dir = cc_force_library_new ();
  g_autoptr(CcForceLibrary) builtin = cc_force_library_new ();
  GPtrArray *a, *b;
  guint n;

  n = cc_force_library_load_dir (from_dir, FORCES_DIR);
  check_shipped (from_dir);
  g_assert_cmpuint (cc_force_library_load_builtin (builtin), ==, n);

  /* The resource holds every file of data/forces, unchanged. */
  a = cc_force_library_get_entries (from_dir);
  b = cc_force_library_get_entries (builtin);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      CcForceEntry *x = a->pdata[i], *y = b->pdata[i];

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpstr (x->description, ==, y->description);
      g_assert_cmpstr (x->source, ==, y->source);
      g_assert_cmpint (x->side, ==, y->side);
      g_assert_cmpint (x->strength, ==, y->strength);
      g_assert_true (g_strv_equal ((const char * const *) x->tags, (const char * const *) y->tags));
    }

  /* Loading the same forces twice: every second one is a duplicate,
   * reported and left out. */
  g_assert_cmpuint (cc_force_library_load_dir (builtin, FORCES_DIR), ==, 0);
  g_assert_cmpuint (cc_force_library_get_n_entries (builtin), ==, n);
  g_assert_cmpuint (cc_force_library_get_problems (builtin)->len, ==, n);
  g_assert_true (has_problem (builtin, "barriers-culture.json: forces[5].id: "
                                       "“lack-of-trust” is already used by a force in barriers-culture.json"));
}

static void
test_sorted (void)
{
  g_autoptr(CcForceLibrary) lib = cc_force_library_new ();
  GPtrArray *entries;
  g_autofree char *previous = NULL;

  cc_force_library_load_builtin (lib);
  entries = cc_force_library_get_entries (lib);
  for (guint i = 0; i < entries->len; i++)
    {
      CcForceEntry *e = entries->pdata[i];
      g_autofree char *folded = g_utf8_casefold (e->label, -1);
      g_autofree char *key = g_utf8_collate_key (folded, -1);

      if (previous != NULL)
        g_assert_cmpstr (previous, <=, key);
      g_clear_pointer (&previous, g_free);
      previous = g_steal_pointer (&key);
    }
}

static void
test_missing_dir (void)
{
  g_autoptr(CcForceLibrary) lib = cc_force_library_new ();

  g_assert_cmpuint (cc_force_library_load_dir (lib, "/nonexistent/concord/forces"), ==, 0);
  assert_no_problems (lib);
  g_assert_cmpuint (cc_force_library_get_n_entries (lib), ==, 0);
}

/* Tests: broken files */

#define GOOD_ENTRY(id, label) \
  "{\"id\": \"" id "\", \"label\": \"" label "\", \"description\": \"A force.\", \"side\": \"driving\", \"strength\": 2}"

#define LIBRARY(title, forces) \
  "{\"format\": \"concord-forces\", \"version\": 1, \"title\": \"" title "\", \"forces\": [" forces "]}"

static void
test_broken_files (void)
{
  g_autofree char *dir = make_dir_for ("forces");
  g_autoptr(CcForceLibrary) lib = cc_force_library_new ();
  g_autofree char *truncated = NULL;
  g_autoptr(GString) deep = g_string_new ("{\"format\": \"concord-forces\", \"version\": 1, \"title\": \"x\", \"forces\": ");
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *problems;
  char *shipped_text;

  write_text (dir, "a-not-json.json", "this is not JSON\n");
  write_text (dir, "b-wrong-format.json",
              "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"x\", \"forces\": []}");
  write_text (dir, "c-mixed.json",
              LIBRARY ("Mixed",
                       GOOD_ENTRY ("good-one", "Good one") ","
                       "{\"id\": \"bad-strength\", \"label\": \"Too strong\", \"side\": \"resisting\", \"strength\": 7},"
                       GOOD_ENTRY ("good-two", "Good two") ","
                       "{\"id\": \"Bad Id\", \"label\": \"\", \"side\": \"sideways\", \"strength\": 2.5,"
                       " \"tags\": [\"ok\", \"Not OK\", \"ok\"]},"
                       "42,"
                       "{\"id\": \"long-label\", \"label\": \"0123456789012345678901234567890123456789012345678901234567890\","
                       " \"side\": \"driving\"},"
                       "{\"id\": \"no-label\", \"side\": \"driving\", \"description\": 3},"
                       "{\"id\": \"two-lines\", \"label\": \"one\\ntwo\", \"side\": \"driving\"},"
                       "{\"id\": \"good-defaults\", \"label\": \"Good defaults\", \"side\": \"resisting\","
                       " \"x-future\": {\"a\": 1}}"));

  /* Truncated: a shipped file cut in half. */
  shipped_text = read_text (FORCES_DIR "/drivers-benefits.json");
  truncated = g_strndup (shipped_text, strlen (shipped_text) / 2);
  g_free (shipped_text);
  write_text (dir, "d-truncated.json", truncated);

  /* Nested far deeper than any force library needs. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  write_text (dir, "e-deep.json", deep->str);

  write_text (dir, "f-duplicate.json", LIBRARY ("Duplicate", GOOD_ENTRY ("good-one", "Again") "," GOOD_ENTRY ("good-three", "Good three")));
  write_text (dir, "g-array.json", "[]");
  write_text (dir, "h-newer.json",
              "{\"format\": \"concord-forces\", \"version\": 2, \"title\": \"Newer\", \"forces\": ["
              GOOD_ENTRY ("from-the-future", "From the future") "]}");
  write_text (dir, "i-no-version.json", "{\"format\": \"concord-forces\", \"title\": \"x\", \"forces\": []}");
  write_text (dir, "j-duplicate-member.json",
              "{\"format\": \"concord-forces\", \"version\": 1, \"version\": 1, \"title\": \"x\", \"forces\": []}");
  write_text (dir, "k-forces-object.json", "{\"format\": \"concord-forces\", \"version\": 1, \"title\": \"x\", \"forces\": {}}");
  write_text (dir, "l-empty.json", "");
  write_text (dir, "m-no-title.json", "{\"format\": \"concord-forces\", \"version\": 1, \"forces\": [" GOOD_ENTRY ("untitled", "Untitled") "]}");
  write_text (dir, "readme.txt", "not a force library, and not read");

  cc_force_library_load_dir (lib, dir);
  dump_problems (lib);

  /* What could be read was read. */
  ids = ids_of (cc_force_library_get_entries (lib));
  g_assert_cmpstr (ids, ==, "from-the-future good-defaults good-one good-three good-two untitled");
  g_assert_cmpint (cc_force_library_lookup (lib, "good-defaults")->strength, ==, 3);
  g_assert_cmpstr (cc_force_library_lookup (lib, "good-defaults")->description, ==, "");
  g_assert_cmpstr (cc_force_library_lookup (lib, "good-one")->label, ==, "Good one");
  g_assert_cmpstr (cc_force_library_lookup (lib, "good-one")->source, ==, "c-mixed.json");

  /* Each problem is one line naming its file and its place. */
  g_assert_true (has_problem (lib, "a-not-json.json: line 1, column 1: expected a value, found “this”")
                 || has_problem_prefix (lib, "a-not-json.json: line 1, column 1: "));
  g_assert_true (has_problem (lib, "b-wrong-format.json: format: not a force library: “format” must be “concord-forces”"));
  g_assert_true (has_problem (lib, "c-mixed.json: forces[1].strength: 7 is out of range (1 to 5)"));
  g_assert_true (has_problem_prefix (lib, "c-mixed.json: forces[3].id: “Bad Id” is not an id"));
  g_assert_true (has_problem (lib, "c-mixed.json: forces[3].label: is empty"));
  g_assert_true (has_problem (lib, "c-mixed.json: forces[3].side: expected “driving” or “resisting”, found “sideways”"));
  g_assert_true (has_problem (lib, "c-mixed.json: forces[3].strength: expected a whole number from 1 to 5, found 2.5"));
  g_assert_true (has_problem_prefix (lib, "c-mixed.json: forces[3].tags[1]: “Not OK” is not a tag"));
  g_assert_true (has_problem (lib, "c-mixed.json: forces[3].tags[2]: “ok” is listed twice"));
  g_assert_true (has_problem (lib, "c-mixed.json: forces[4]: expected an object, found a number"));
  g_assert_true (has_problem (lib, "c-mixed.json: forces[5].label: 61 characters are more than the limit of 60"));
  g_assert_true (has_problem (lib, "c-mixed.json: forces[6].label: missing: every force needs a label"));
  g_assert_true (has_problem (lib, "c-mixed.json: forces[6].description: expected a string, found a number"));
  g_assert_true (has_problem (lib, "c-mixed.json: forces[7].label: contains a line break or another control character"));
  g_assert_true (has_problem_prefix (lib, "d-truncated.json: line "));
  g_assert_true (has_problem_prefix (lib, "e-deep.json: line 1, column "));
  g_assert_true (has_problem (lib, "f-duplicate.json: forces[0].id: “good-one” is already used by a force in c-mixed.json"));
  g_assert_true (has_problem (lib, "g-array.json: not a force library: expected an object, found an array"));
  g_assert_true (has_problem_prefix (lib, "h-newer.json: version: made by a newer Concord (format 2"));
  g_assert_true (has_problem (lib, "i-no-version.json: version: missing: the file does not say its format version"));
  g_assert_true (has_problem_prefix (lib, "j-duplicate-member.json: line 1, column "));
  g_assert_true (has_problem (lib, "k-forces-object.json: forces: expected a list of forces, found an object"));
  g_assert_true (has_problem_prefix (lib, "l-empty.json: line 1, column 1: "));
  g_assert_true (has_problem (lib, "m-no-title.json: title: missing: the file needs a title"));
  g_assert_false (has_problem_prefix (lib, "readme.txt"));

  /* Every problem names a .json file of the folder, then a place. */
  problems = cc_force_library_get_problems (lib);
  for (guint i = 0; i < problems->len; i++)
    {
      const char *p = problems->pdata[i];

      g_assert_null (strchr (p, '\n'));
      g_assert_nonnull (strstr (p, ".json: "));
    }

  /* Search and the shipped forces still work beside the broken files. */
  all = cc_force_library_search (lib, NULL);
  g_assert_cmpuint (all->len, ==, 6);
  g_assert_cmpuint (cc_force_library_load_builtin (lib), >=, 30);

  remove_tree (dir);
}

/* The negative fixtures of the schema test fail in Concord too. */
static void
test_schema_fixtures (void)
{
  const char *dir = SOURCE_ROOT "/tests/schema/invalid-forces";
  g_autoptr(CcForceLibrary) lib = cc_force_library_new ();
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  cc_force_library_load_dir (lib, dir);
  dump_problems (lib);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *prefix = g_strconcat (name, ": ", NULL);

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_true (has_problem_prefix (lib, prefix));
      n++;
    }
  g_dir_close (d);
  g_assert_cmpuint (n, >=, 5);
  g_assert_true (has_problem (lib, "strength-7.json: forces[1].strength: 7 is out of range (1 to 5)"));
  /* The good force beside the bad one is still there. */
  g_assert_nonnull (cc_force_library_lookup (lib, "fine"));
}

/* Tests: search */

static void
test_search (void)
{
  g_autoptr(CcForceLibrary) lib = cc_force_library_new ();
  g_autofree char *path = cc_force_library_default_user_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) trust = NULL;
  g_autoptr(GPtrArray) upper = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GPtrArray) accents = NULL;
  g_autoptr(GPtrArray) unaccented = NULL;
  g_autoptr(GPtrArray) tag = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *trust_ids = NULL;
  g_autofree char *upper_ids = NULL;
  CcForceEntry *own;

  cc_force_library_load_builtin (lib);
  cc_force_library_load_user (lib, path);
  own = cc_force_library_add_user (lib, "Réseau fragilisé", "Un partenaire clé s’est retiré.", CC_SIDE_RESISTING, 3, &error);
  g_assert_no_error (error);
  g_assert_nonnull (own);

  all = cc_force_library_search (lib, "");
  g_assert_cmpuint (all->len, ==, cc_force_library_get_n_entries (lib));

  /* Case does not matter; the order is the library's (by label). */
  trust = cc_force_library_search (lib, "trust");
  upper = cc_force_library_search (lib, "TRUST");
  trust_ids = ids_of (trust);
  upper_ids = ids_of (upper);
  g_assert_cmpstr (trust_ids, ==, upper_ids);
  g_assert_cmpuint (trust->len, >=, 3);
  g_assert_nonnull (strstr (trust_ids, "lack-of-trust"));
  g_assert_nonnull (strstr (trust_ids, "history-of-mistrust"));
  g_assert_nonnull (strstr (trust_ids, "trust-built-over-time"));
  for (guint i = 1; i < trust->len; i++)
    {
      guint a, b;

      g_assert_true (g_ptr_array_find (cc_force_library_get_entries (lib), trust->pdata[i - 1], &a));
      g_assert_true (g_ptr_array_find (cc_force_library_get_entries (lib), trust->pdata[i], &b));
      g_assert_cmpuint (a, <, b);
    }

  /* Every word must match, anywhere. */
  words = cc_force_library_search (lib, "  funding   SHORT-term ");
  g_assert_cmpuint (words->len, ==, 1);
  g_assert_cmpstr (((CcForceEntry *) words->pdata[0])->id, ==, "short-term-funding");

  /* Accents do not matter, either way round. */
  accents = cc_force_library_search (lib, "RESEAU fragilise");
  g_assert_cmpuint (accents->len, ==, 1);
  g_assert_true (accents->pdata[0] == own);
  unaccented = cc_force_library_search (lib, "PARTENAIRE clé");
  g_assert_cmpuint (unaccented->len, ==, 1);
  g_assert_true (unaccented->pdata[0] == own);
  g_clear_pointer (&unaccented, g_ptr_array_unref);
  unaccented = cc_force_library_search (lib, "Co-ordination");
  g_assert_true (g_ptr_array_find (unaccented, cc_force_library_lookup (lib, "no-coordination"), NULL));

  /* Tags are searched too. */
  tag = cc_force_library_search (lib, "leadership");
  g_assert_true (g_ptr_array_find (tag, cc_force_library_lookup (lib, "persistent-champion"), NULL));

  none = cc_force_library_search (lib, "xyzzy");
  g_assert_cmpuint (none->len, ==, 0);
}

/* Tests: the user's own forces */

static void
test_user_default_path (void)
{
  g_autofree char *path = cc_force_library_default_user_path ();
  g_autofree char *wanted = g_build_filename (g_get_user_data_dir (), "concord", "forces.json", NULL);

  /* GLib takes the folder from XDG_DATA_HOME; here the test's own. */
  g_assert_cmpstr (path, ==, wanted);
  g_assert_nonnull (strstr (path, "/force-library/user/default-path/"));
}

static void
test_user_add_remove (void)
{
  g_autofree char *path = cc_force_library_default_user_path ();
  g_autoptr(CcForceLibrary) lib = cc_force_library_new ();
  g_autoptr(CcForceLibrary) again = NULL;
  g_autoptr(CcForceLibrary) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcForceEntry) held = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first_id = NULL;
  CcForceEntry *first, *second, *loaded;
  guint changed = 0;
  guint n_builtin;

  n_builtin = cc_force_library_load_builtin (lib);
  g_signal_connect (lib, "changed", G_CALLBACK (count_cb), &changed);

  /* No file yet: an empty user library, not a problem. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (cc_force_library_load_user (lib, path), ==, 0);
  g_assert_cmpstr (cc_force_library_get_user_path (lib), ==, path);
  assert_no_problems (lib);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  changed = 0;

  first = cc_force_library_add_user (lib, "  Council elections in May ",
                                     "Purdah stops new commitments for six weeks.",
                                     CC_SIDE_RESISTING, 4, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (first->id, ==, "user-council-elections-in-may");
  g_assert_cmpstr (first->label, ==, "Council elections in May");
  g_assert_true (first->user);
  g_assert_cmpstr (first->source, ==, "forces.json");
  g_assert_true (cc_force_library_lookup (lib, first->id) == first);
  g_assert_cmpuint (cc_force_library_get_n_entries (lib), ==, n_builtin + 1);
  first_id = g_strdup (first->id);

  /* The file exists (its folder was made) and is in the library format. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  text = read_text (path);
  g_assert_nonnull (strstr (text, "\"format\": \"concord-forces\""));
  g_assert_nonnull (strstr (text, "\"label\": \"Council elections in May\""));

  /* Same label again: a new id. No description: allowed for one's own. */
  second = cc_force_library_add_user (lib, "Council elections in May", NULL, CC_SIDE_DRIVING, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->id, ==, "user-council-elections-in-may-2");
  g_assert_cmpstr (second->description, ==, "");

  /* A fresh library (as after a restart) reads both back. */
  again = cc_force_library_new ();
  cc_force_library_load_builtin (again);
  g_assert_cmpuint (cc_force_library_load_user (again, path), ==, 2);
  assert_no_problems (again);
  loaded = cc_force_library_lookup (again, first_id);
  g_assert_nonnull (loaded);
  g_assert_true (loaded->user);
  g_assert_cmpstr (loaded->label, ==, "Council elections in May");
  g_assert_cmpstr (loaded->description, ==, "Purdah stops new commitments for six weeks.");
  g_assert_cmpint (loaded->side, ==, CC_SIDE_RESISTING);
  g_assert_cmpint (loaded->strength, ==, 4);
  g_assert_nonnull (cc_force_library_lookup (again, "user-council-elections-in-may-2"));

  /* Invalid forces are refused, and the file is not touched. */
  g_clear_pointer (&text, g_free);
  text = read_text (path);
  g_assert_null (cc_force_library_add_user (lib, "   ", "x", CC_SIDE_DRIVING, 3, &error));
  g_assert_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cc_force_library_add_user (lib, "0123456789012345678901234567890123456789012345678901234567890",
                                            NULL, CC_SIDE_DRIVING, 3, &error));
  g_assert_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cc_force_library_add_user (lib, "Too strong", NULL, CC_SIDE_DRIVING, 6, &error));
  g_assert_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cc_force_library_add_user (lib, "Two\nlines", NULL, CC_SIDE_DRIVING, 3, &error));
  g_assert_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *after = read_text (path);

    g_assert_cmpstr (after, ==, text);
  }

  /* Built-in forces and unknown ids cannot be removed. */
  g_assert_false (cc_force_library_remove_user (lib, "lack-of-trust", &error));
  g_assert_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_NOT_USER);
  g_clear_error (&error);
  g_assert_false (cc_force_library_remove_user (lib, "user-nothing-like-it", &error));
  g_assert_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_nonnull (cc_force_library_lookup (lib, "lack-of-trust"));

  /* Remove: gone here and on disk; an entry someone holds stays valid. */
  held = cc_force_entry_ref (cc_force_library_lookup (lib, first_id));
  changed = 0;
  g_assert_true (cc_force_library_remove_user (lib, first_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, >=, 1);
  g_assert_null (cc_force_library_lookup (lib, first_id));
  g_assert_cmpstr (held->label, ==, "Council elections in May");

  third = cc_force_library_new ();
  g_assert_cmpuint (cc_force_library_load_user (third, path), ==, 1);
  g_assert_null (cc_force_library_lookup (third, first_id));
  g_assert_nonnull (cc_force_library_lookup (third, "user-council-elections-in-may-2"));
}

static void
test_user_no_file (void)
{
  g_autoptr(CcForceLibrary) lib = cc_force_library_new ();
  g_autoptr(GError) error = NULL;

  g_assert_null (cc_force_library_add_user (lib, "Anything", NULL, CC_SIDE_DRIVING, 3, &error));
  g_assert_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_NO_USER_FILE);
}

/* Two windows (two libraries) adding to the same file keep each other's. */
static void
test_user_two_writers (void)
{
  g_autofree char *path = cc_force_library_default_user_path ();
  g_autoptr(CcForceLibrary) a = cc_force_library_new ();
  g_autoptr(CcForceLibrary) b = cc_force_library_new ();
  g_autoptr(CcForceLibrary) check = cc_force_library_new ();
  g_autoptr(GError) error = NULL;

  cc_force_library_load_user (a, path);
  cc_force_library_load_user (b, path);
  g_assert_nonnull (cc_force_library_add_user (a, "From window A", NULL, CC_SIDE_DRIVING, 3, &error));
  g_assert_no_error (error);
  g_assert_nonnull (cc_force_library_add_user (b, "From window B", NULL, CC_SIDE_DRIVING, 3, &error));
  g_assert_no_error (error);
  g_assert_nonnull (cc_force_library_lookup (b, "user-from-window-a"));

  g_assert_cmpuint (cc_force_library_load_user (check, path), ==, 2);
}

/* Members this version does not know survive a rewrite of the user file. */
static void
test_user_unknown_members (void)
{
  g_autofree char *path = cc_force_library_default_user_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CcForceLibrary) lib = cc_force_library_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_text (dir, "forces.json",
              "{\"format\": \"concord-forces\", \"version\": 1, \"title\": \"Mine\", \"forces\": ["
              "{\"id\": \"user-kept\", \"label\": \"Kept\", \"side\": \"driving\", \"x-colour\": \"#ff0000\"}],"
              " \"x-note\": [1, 2]}");
  g_assert_cmpuint (cc_force_library_load_user (lib, path), ==, 1);
  assert_no_problems (lib);
  g_assert_nonnull (cc_force_library_add_user (lib, "New", NULL, CC_SIDE_DRIVING, 3, &error));
  g_assert_no_error (error);

  text = read_text (path);
  g_assert_nonnull (strstr (text, "\"title\": \"Mine\""));
  g_assert_nonnull (strstr (text, "\"x-colour\": \"#ff0000\""));
  g_assert_nonnull (strstr (text, "\"x-note\": [1, 2]"));
  g_assert_nonnull (strstr (text, "\"user-kept\""));
  g_assert_nonnull (strstr (text, "\"user-new\""));
}

/* Finds "<name>.broken-*" beside @path; returns its contents. */
static char *
read_broken_copy (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".broken-", NULL);
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;
  char *found = NULL;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        g_autofree char *full = g_build_filename (dir, name, NULL);

        g_free (found);
        found = read_text (full);
        n++;
      }
  g_dir_close (d);
  g_assert_cmpuint (n, ==, 1);
  return found;
}

static void
test_user_broken_file (void)
{
  const char *broken = "{\"format\": \"concord-forces\", \"version\": 1, \"forces\": [ {\"id\": \"user-half";
  g_autofree char *path = cc_force_library_default_user_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CcForceLibrary) lib = cc_force_library_new ();
  g_autoptr(CcForceLibrary) again = cc_force_library_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_text (dir, "forces.json", broken);

  /* Reported, not fatal, and the file is left alone by reading. */
  g_assert_cmpuint (cc_force_library_load_user (lib, path), ==, 0);
  dump_problems (lib);
  g_assert_true (has_problem_prefix (lib, "forces.json: line 1, column "));
  text = read_text (path);
  g_assert_cmpstr (text, ==, broken);

  /* Adding does not overwrite it: it is moved aside whole. */
  g_assert_nonnull (cc_force_library_add_user (lib, "After the crash", NULL, CC_SIDE_DRIVING, 2, &error));
  g_assert_no_error (error);
  kept = read_broken_copy (path);
  g_assert_cmpstr (kept, ==, broken);
  g_assert_true (has_problem_prefix (lib, "forces.json: could not be read in full, so it was kept as “forces.json.broken-"));

  g_assert_cmpuint (cc_force_library_load_user (again, path), ==, 1);
  assert_no_problems (again);
  g_assert_nonnull (cc_force_library_lookup (again, "user-after-the-crash"));
}

/* One bad entry among good ones: the good ones are kept, the whole file is
 * kept aside before the rewrite that would drop the bad one. */
static void
test_user_partly_broken_file (void)
{
  const char *partly = LIBRARY ("Mine",
                                GOOD_ENTRY ("user-good", "Good") ","
                                "{\"id\": \"user-bad\", \"label\": \"Bad\", \"side\": \"driving\", \"strength\": 9}");
  g_autofree char *path = cc_force_library_default_user_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CcForceLibrary) lib = cc_force_library_new ();
  g_autoptr(CcForceLibrary) again = cc_force_library_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_text (dir, "forces.json", partly);
  g_assert_cmpuint (cc_force_library_load_user (lib, path), ==, 1);
  g_assert_true (has_problem (lib, "forces.json: forces[1].strength: 9 is out of range (1 to 5)"));
  g_assert_true (cc_force_library_lookup (lib, "user-good")->user);

  g_assert_true (cc_force_library_remove_user (lib, "user-good", &error));
  g_assert_no_error (error);
  kept = read_broken_copy (path);
  g_assert_cmpstr (kept, ==, partly);

  g_assert_cmpuint (cc_force_library_load_user (again, path), ==, 0);
  assert_no_problems (again);
}

/* load_user again replaces the user's forces; a user force with a shipped
 * id is reported and left out. */
static void
test_user_reload (void)
{
  g_autofree char *dir = make_dir_for ("forces");
  g_autofree char *one = g_build_filename (dir, "one.json", NULL);
  g_autofree char *two = g_build_filename (dir, "two.json", NULL);
  g_autoptr(CcForceLibrary) lib = cc_force_library_new ();
  guint n_builtin = cc_force_library_load_builtin (lib);

  write_text (dir, "one.json", LIBRARY ("One", GOOD_ENTRY ("user-one", "One") "," GOOD_ENTRY ("lack-of-trust", "Mine")));
  write_text (dir, "two.json", LIBRARY ("Two", GOOD_ENTRY ("user-two", "Two")));
  g_assert_cmpuint (cc_force_library_load_user (lib, one), ==, 1);
  g_assert_true (has_problem (lib, "one.json: forces[1].id: “lack-of-trust” is already used by a force in barriers-culture.json"));
  g_assert_cmpstr (cc_force_library_lookup (lib, "lack-of-trust")->label, ==, "Lack of trust");
  g_assert_cmpuint (cc_force_library_get_n_entries (lib), ==, n_builtin + 1);

  g_assert_cmpuint (cc_force_library_load_user (lib, two), ==, 1);
  assert_no_problems (lib);
  g_assert_null (cc_force_library_lookup (lib, "user-one"));
  g_assert_nonnull (cc_force_library_lookup (lib, "user-two"));
  g_assert_cmpuint (cc_force_library_get_n_entries (lib), ==, n_builtin + 1);

  remove_tree (dir);
}

/* What add_user writes is valid strict JSON that reads back the same. */
static void
test_user_file_is_strict_json (void)
{
  g_autofree char *path = cc_force_library_default_user_path ();
  g_autoptr(CcForceLibrary) lib = cc_force_library_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *label = "Quote \" backslash \\ tab\tend";

  cc_force_library_load_user (lib, path);
  g_assert_null (cc_force_library_add_user (lib, label, NULL, CC_SIDE_DRIVING, 3, &error));
  g_assert_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_nonnull (cc_force_library_add_user (lib, "Quote \" backslash \\ “curly” ünïcode", "Line one\nline two",
                                               CC_SIDE_RESISTING, 5, &error));
  g_assert_no_error (error);
  text = read_text (path);
  root = cc_json_parse (text, strlen (text), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);

  {
    g_autoptr(CcForceLibrary) again = cc_force_library_new ();
    CcForceEntry *e;

    g_assert_cmpuint (cc_force_library_load_user (again, path), ==, 1);
    e = cc_force_library_get_entries (again)->pdata[0];
    g_assert_cmpstr (e->label, ==, "Quote \" backslash \\ “curly” ünïcode");
    g_assert_cmpstr (e->description, ==, "Line one\nline two");
    g_assert_cmpint (e->strength, ==, 5);
    g_assert_cmpint (e->side, ==, CC_SIDE_RESISTING);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/force-library/builtin", test_builtin);
  g_test_add_func ("/force-library/dir-matches-builtin", test_dir_matches_builtin);
  g_test_add_func ("/force-library/sorted", test_sorted);
  g_test_add_func ("/force-library/missing-dir", test_missing_dir);
  g_test_add_func ("/force-library/broken-files", test_broken_files);
  g_test_add_func ("/force-library/schema-fixtures", test_schema_fixtures);
  g_test_add_func ("/force-library/search", test_search);
  g_test_add_func ("/force-library/user/default-path", test_user_default_path);
  g_test_add_func ("/force-library/user/add-remove", test_user_add_remove);
  g_test_add_func ("/force-library/user/no-file", test_user_no_file);
  g_test_add_func ("/force-library/user/two-writers", test_user_two_writers);
  g_test_add_func ("/force-library/user/unknown-members", test_user_unknown_members);
  g_test_add_func ("/force-library/user/broken-file", test_user_broken_file);
  g_test_add_func ("/force-library/user/partly-broken-file", test_user_partly_broken_file);
  g_test_add_func ("/force-library/user/reload", test_user_reload);
  g_test_add_func ("/force-library/user/strict-json", test_user_file_is_strict_json);

  return g_test_run ();
}
