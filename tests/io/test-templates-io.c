/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-templates-io"

#include "config.h"

#include "../cc-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cc-canvas-edit.h"
#include "cc-io.h"
#include "cc-template.h"
#include "cc-template-library.h"

/* Template files, the template library and the copies of templates that
 * projects keep. Runs with G_TEST_OPTION_ISOLATE_DIRS, so the installed
 * templates are the shipped ones only. */

#define TEMPLATES_DIR SOURCE_ROOT "/data/templates"

/* Helpers */

static void
dump_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *s = cc_problem_to_string (problems->pdata[i]);

      g_test_message ("problem: %s", s);
    }
}

static guint
count_errors (GPtrArray *problems)
{
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    n += ((CcProblem *) problems->pdata[i])->severity == CC_PROBLEM_ERROR;
  return n;
}

/* Reads @text as a template: NULL (with at least one error, the first at
 * @path) when @path is given; otherwise the template, with no problem. */
static CcItem *
load_template (const char *text, GPtrArray **out_problems)
{
  g_autoptr(GPtrArray) problems = NULL;
  CcItem *tmpl = cc_load_template_bytes (text, strlen (text), &problems);

  g_assert_nonnull (problems);
  dump_problems (problems);
  if (out_problems != NULL)
    *out_problems = g_ptr_array_ref (problems);
  return tmpl;
}

/* @text is no template: its first problem is an error at @path whose text,
 * as cc_problem_to_string gives it, starts with @expect. */
static void
assert_template_error (const char *text, const char *path, const char *expect)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(CcItem) tmpl = load_template (text, &problems);
  const CcProblem *first;
  g_autofree char *s = NULL;

  g_assert_null (tmpl);
  g_assert_cmpuint (problems->len, >=, 1);
  g_assert_cmpuint (count_errors (problems), >=, 1);
  first = problems->pdata[0];
  g_assert_cmpint (first->severity, ==, CC_PROBLEM_ERROR);
  g_assert_cmpstr (first->path, ==, path);
  s = cc_problem_to_string (first);
  if (!g_str_has_prefix (s, expect))
    g_error ("expected “%s…”, found “%s”", expect, s);
}

static CcLoadResult *
load_text (const char *text)
{
  CcLoadResult *result = cc_load_bytes (text, strlen (text));

  g_assert_nonnull (result);
  dump_problems (result->problems);
  return result;
}

/* A template file: a 2 × 2 board, with @extra members (or "") before the panels. */
#define TEMPLATE_HEAD "{\"format\": \"concord-template\", \"version\": 1, \"id\": \"board\", \"title\": \"Board\", " \
                      "\"columns\": 2, \"rows\": 2, "
#define FOUR_PANELS "\"panels\": [" \
  "{\"id\": \"a\", \"title\": \"A\", \"col\": 0, \"row\": 0, \"score\": \"gain\"}, " \
  "{\"id\": \"b\", \"title\": \"B\", \"col\": 1, \"row\": 0, \"score\": \"pain\"}, " \
  "{\"id\": \"c\", \"title\": \"C\", \"col\": 0, \"row\": 1, \"next\": \"d\"}, " \
  "{\"id\": \"d\", \"title\": \"D\", \"col\": 1, \"row\": 1}]}"

/* Template files */

static void
test_shipped_files (void)
{
  g_autoptr(GDir) dir = g_dir_open (TEMPLATES_DIR, 0, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(CcTemplateLibrary) builtin = cc_template_library_new ();
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  g_assert_cmpuint (cc_template_library_load_builtin (builtin), >=, 2);
  g_assert_cmpuint (cc_template_library_get_problems (builtin)->len, ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (TEMPLATES_DIR, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(CcItem) tmpl = NULL;
      g_autofree char *base = NULL;
      gsize len;
      const char *id;
      CcItem *compiled;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      tmpl = cc_load_template_bytes (contents, len, &problems);
      dump_problems (problems);
      g_assert_nonnull (tmpl);
      g_assert_cmpuint (problems->len, ==, 0);
      g_assert_true (cc_template_check (tmpl, NULL, NULL));
      id = cc_item_get_string (tmpl, CC_TEMPLATE_ID);
      /* Each file is named after its id, and no two share one. */
      base = g_strndup (name, strlen (name) - strlen (".json"));
      g_assert_cmpstr (id, ==, base);
      g_assert_false (g_hash_table_contains (ids, id));
      g_hash_table_add (ids, g_strdup (id));
      /* The compiled-in copy is the same file. */
      compiled = cc_template_library_lookup (builtin, id);
      g_assert_nonnull (compiled);
      g_assert_cmpuint (cc_item_get_n_children (compiled, CC_TEMPLATE_PANELS), ==,
                        cc_item_get_n_children (tmpl, CC_TEMPLATE_PANELS));
      n++;
    }
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (n, ==, cc_template_library_get_templates (builtin)->len);

  /* The power / interest grid is a grid; collaborative gain is not. */
  {
    g_autoptr(CcTemplate) grid = cc_template_new (cc_template_library_lookup (builtin, "power-interest"));
    g_autoptr(CcTemplate) gain = cc_template_new (cc_template_library_lookup (builtin, "collaborative-gain"));

    g_assert_true (cc_template_is_grid (grid));
    g_assert_cmpint (grid->x_axis, ==, CC_AXIS_INTEREST);
    g_assert_cmpint (grid->y_axis, ==, CC_AXIS_POWER);
    g_assert_cmpstr (cc_template_panel_at (grid, 0.5, 0.5)->id, ==, "manage-closely");
    g_assert_false (cc_template_is_grid (gain));
    g_assert_cmpuint (gain->columns, ==, 4);
    g_assert_cmpuint (gain->rows, ==, 5);
  }
}

static void
test_file_good (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(CcItem) tmpl = load_template (TEMPLATE_HEAD "\"score_max\": 3, " FOUR_PANELS, &problems);
  g_autoptr(CcTemplate) view = NULL;

  g_assert_nonnull (tmpl);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpint (cc_item_get_kind (tmpl), ==, CC_KIND_TEMPLATE);
  view = cc_template_new (tmpl);
  g_assert_cmpstr (view->id, ==, "board");
  g_assert_cmpint (view->score_min, ==, 1);
  g_assert_cmpint (view->score_max, ==, 3);
  g_assert_cmpuint (view->n_panels, ==, 4);
  g_assert_cmpint (view->panels[0].score_role, ==, CC_SCORE_ROLE_GAIN);
  g_assert_cmpint (view->panels[1].score_role, ==, CC_SCORE_ROLE_PAIN);
  g_assert_cmpstr (view->panels[2].next, ==, "d");
  g_assert_cmpuint (view->panels[3].col_span, ==, 1);

  /* Problems are optional. */
  {
    const char *text = TEMPLATE_HEAD FOUR_PANELS;
    g_autoptr(CcItem) again = cc_load_template_bytes (text, strlen (text), NULL);

    g_assert_nonnull (again);
  }
}

static void
test_file_wrong_format (void)
{
  assert_template_error ("{\"format\": \"concord-project\", \"version\": 1, \"id\": \"board\", \"title\": \"Board\", "
                         "\"columns\": 2, \"rows\": 2, " FOUR_PANELS,
                         "format", "format: not a Concord template");
  assert_template_error ("{\"version\": 1, \"id\": \"board\"}", "format", "format: not a Concord template");
  assert_template_error ("[1, 2]", "", "not a Concord template: the file holds an array");
}

static void
test_file_version (void)
{
  assert_template_error ("{\"format\": \"concord-template\", \"version\": 0, \"id\": \"board\", \"title\": \"Board\", "
                         "\"columns\": 2, \"rows\": 2, " FOUR_PANELS,
                         "version", "version: the format version must be a whole number from 1");
  assert_template_error ("{\"format\": \"concord-template\", \"id\": \"board\", \"title\": \"Board\", "
                         "\"columns\": 2, \"rows\": 2, " FOUR_PANELS,
                         "version", "version: ");
  assert_template_error ("{\"format\": \"concord-template\", \"version\": \"1\", \"id\": \"board\", \"title\": \"Board\", "
                         "\"columns\": 2, \"rows\": 2, " FOUR_PANELS,
                         "version", "version: ");
}

static void
test_file_newer_version (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(CcItem) tmpl = load_template ("{\"format\": \"concord-template\", \"version\": 7, \"id\": \"board\", "
                                          "\"title\": \"Board\", \"columns\": 2, \"rows\": 2, "
                                          "\"x-from-the-future\": {\"a\": [1, 2]}, " FOUR_PANELS,
                                          &problems);
  const CcProblem *p;

  /* Read, with one warning. */
  g_assert_nonnull (tmpl);
  g_assert_cmpuint (problems->len, ==, 1);
  p = problems->pdata[0];
  g_assert_cmpint (p->severity, ==, CC_PROBLEM_WARNING);
  g_assert_cmpstr (p->path, ==, "version");
  g_assert_nonnull (strstr (p->message, "newer"));
  g_assert_cmpuint (cc_item_get_n_children (tmpl, CC_TEMPLATE_PANELS), ==, 4);
  g_assert_nonnull (cc_item_get_extra (tmpl));
  {
    GBytes *extra = cc_item_get_extra (tmpl);
    g_autofree char *text = g_strndup (g_bytes_get_data (extra, NULL), g_bytes_get_size (extra));

    g_assert_true (g_str_has_prefix (text, "\"x-from-the-future\":"));
  }
}

static void
test_file_out_of_range (void)
{
  assert_template_error (TEMPLATE_HEAD "\"panels\": [{\"id\": \"a\", \"title\": \"A\", \"col\": 12, \"row\": 0}]}",
                         "panels[0].col", "panels[0].col: 12 is out of range (0 to 11)");
  assert_template_error (TEMPLATE_HEAD "\"panels\": [{\"id\": \"a\", \"title\": \"A\", \"col\": 0, \"row\": -1}]}",
                         "panels[0].row", "panels[0].row: ");
  assert_template_error ("{\"format\": \"concord-template\", \"version\": 1, \"id\": \"board\", \"title\": \"Board\", "
                         "\"columns\": 13, \"rows\": 2, " FOUR_PANELS,
                         "columns", "columns: 13 is out of range (1 to 12)");
  assert_template_error (TEMPLATE_HEAD "\"score_max\": 9, " FOUR_PANELS, "score_max", "score_max: ");
  /* Inside the field's range but outside this grid: a rule. */
  assert_template_error (TEMPLATE_HEAD "\"panels\": [{\"id\": \"a\", \"title\": \"A\", \"col\": 5, \"row\": 0}]}",
                         "panels[0].col", "panels[0].col: 5 is outside the grid of 2 × 2");
}

static void
test_file_missing_title (void)
{
  assert_template_error ("{\"format\": \"concord-template\", \"version\": 1, \"id\": \"board\", "
                         "\"columns\": 2, \"rows\": 2, " FOUR_PANELS,
                         "title", "title: missing");
  assert_template_error (TEMPLATE_HEAD "\"panels\": [{\"id\": \"a\", \"col\": 0, \"row\": 0}]}",
                         "panels[0].title", "panels[0].title: missing");
  assert_template_error ("{\"format\": \"concord-template\", \"version\": 1, \"id\": \"board\", \"title\": \"\", "
                         "\"columns\": 2, \"rows\": 2, " FOUR_PANELS,
                         "title", "title: ");
}

static void
test_file_invalid_json (void)
{
  const char *text = "{\n"
                     "  \"format\": \"concord-template\",\n"
                     "  \"version\": 1\n"
                     "  \"id\": \"board\"\n"
                     "}\n";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(CcItem) tmpl = load_template (text, &problems);
  const CcProblem *p;
  g_autofree char *s = NULL;
  g_autofree char *place = NULL;

  g_assert_null (tmpl);
  g_assert_cmpuint (problems->len, ==, 1);
  p = problems->pdata[0];
  g_assert_cmpint (p->severity, ==, CC_PROBLEM_ERROR);
  g_assert_cmpstr (p->path, ==, "");
  g_assert_cmpuint (p->line, ==, 4);
  g_assert_cmpuint (p->column, >=, 1);
  s = cc_problem_to_string (p);
  place = g_strdup_printf ("line %u, column %u: ", p->line, p->column);
  g_assert_true (g_str_has_prefix (s, place));
  /* The place is said once, as for a project file. */
  g_assert_null (strstr (s + strlen (place), "line "));

  assert_template_error ("", "", "");
  assert_template_error ("{\"format\": \"concord-template\", \"version\": 1, \"format\": \"concord-template\"}", "", "");
}

static void
test_file_rules (void)
{
  assert_template_error (TEMPLATE_HEAD "\"panels\": ["
                         "{\"id\": \"a\", \"title\": \"A\", \"col\": 0, \"row\": 0, \"col_span\": 2}, "
                         "{\"id\": \"b\", \"title\": \"B\", \"col\": 1, \"row\": 0}]}",
                         "panels[1]", "panels[1]: the panel overlaps “a” at column 1, row 0");
  assert_template_error (TEMPLATE_HEAD "\"panels\": ["
                         "{\"id\": \"a\", \"title\": \"A\", \"col\": 0, \"row\": 0}, "
                         "{\"id\": \"a\", \"title\": \"B\", \"col\": 1, \"row\": 0}]}",
                         "panels[1].id", "panels[1].id: duplicate panel id “a”");
  assert_template_error (TEMPLATE_HEAD "\"x_axis\": \"power\", " FOUR_PANELS, "y_axis", "y_axis: ");
  assert_template_error (TEMPLATE_HEAD "\"x_axis\": \"power\", \"y_axis\": \"power\", " FOUR_PANELS,
                         "y_axis", "y_axis: both axes measure");
  assert_template_error ("{\"format\": \"concord-template\", \"version\": 1, \"id\": \"Board\", \"title\": \"Board\", "
                         "\"columns\": 2, \"rows\": 2, " FOUR_PANELS,
                         "id", "id: ");
  assert_template_error (TEMPLATE_HEAD "\"panels\": []}", "panels", "panels: ");
  assert_template_error (TEMPLATE_HEAD "\"panels\": [{\"id\": \"a\", \"title\": \"A\", \"col\": 0, \"row\": 0, "
                         "\"next\": \"z\"}]}",
                         "panels[0].next", "panels[0].next: no panel “z”");
  assert_template_error (TEMPLATE_HEAD "\"score_min\": 4, \"score_max\": 2, " FOUR_PANELS,
                         "score_max", "score_max: ");
}

/* Members Concord does not know are kept in the project's copy. */
static void
test_unknown_members_round_trip (void)
{
  const char *text = "{\"format\": \"concord-template\", \"version\": 1, \"id\": \"board\", \"title\": \"Board\", "
                     "\"x-author\": \"Riverside CPP team\", \"columns\": 2, \"rows\": 2, "
                     "\"panels\": ["
                     "{\"id\": \"a\", \"title\": \"A\", \"col\": 0, \"row\": 0, \"x-note\": [1, \"two\"]}, "
                     "{\"id\": \"b\", \"title\": \"B\", \"col\": 1, \"row\": 0}]}";
  g_autoptr(CcItem) tmpl = load_template (text, NULL);
  g_autoptr(CcProject) project = cc_project_new ();
  g_autofree char *saved = NULL;
  g_autofree char *again = NULL;
  g_autoptr(CcLoadResult) result = NULL;
  CcItem *copy;

  g_assert_nonnull (tmpl);
  cc_project_add_canvas (project, tmpl, "Board", -1);
  saved = text_of (project);
  g_assert_nonnull (strstr (saved, "\"x-author\": \"Riverside CPP team\""));
  g_assert_nonnull (strstr (saved, "\"x-note\""));
  /* The copy is the template without format and version. */
  g_assert_null (strstr (saved, "concord-template"));

  result = load_text (saved);
  g_assert_true (cc_load_result_is_sound (result));
  g_assert_cmpuint (result->problems->len, ==, 0);
  copy = cc_project_find_template (result->project, "board");
  g_assert_nonnull (copy);
  g_assert_nonnull (cc_item_get_extra (copy));
  {
    GBytes *extra = cc_item_get_extra (copy);
    g_autofree char *text = g_strndup (g_bytes_get_data (extra, NULL), g_bytes_get_size (extra));

    g_assert_nonnull (strstr (text, "\"x-author\":\"Riverside CPP team\""));
  }
  g_assert_nonnull (cc_item_get_extra (cc_item_get_child (copy, CC_TEMPLATE_PANELS, 0)));
  again = text_of (result->project);
  g_assert_cmpstr (again, ==, saved);
}

/* The library */

static gboolean
has_problem (CcTemplateLibrary *lib, const char *text)
{
  GPtrArray *problems = cc_template_library_get_problems (lib);

  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (problems->pdata[i], text))
      return TRUE;
  return FALSE;
}

static guint
n_problems_with (CcTemplateLibrary *lib, const char *needle)
{
  GPtrArray *problems = cc_template_library_get_problems (lib);
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    n += strstr (problems->pdata[i], needle) != NULL;
  return n;
}

static void
dump_library (CcTemplateLibrary *lib)
{
  GPtrArray *problems = cc_template_library_get_problems (lib);

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("library problem: %s", (char *) problems->pdata[i]);
}

static void
test_library_dir (void)
{
  g_autofree char *dir = make_dir_for ("templates");
  g_autoptr(CcTemplateLibrary) lib = cc_template_library_new ();
  g_autofree char *broken = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *again = g_build_filename (dir, "again.json", NULL);
  g_autofree char *expect = NULL;
  GPtrArray *problems;
  guint builtin;
  CcItem *shipped;

  write_text (dir, "good.json", TEMPLATE_HEAD FOUR_PANELS);
  write_text (dir, "broken.json", TEMPLATE_HEAD "\"panels\": [{\"id\": \"a\", \"title\": \"A\", \"col\": 12, \"row\": 0}]}");
  write_text (dir, "again.json", "{\"format\": \"concord-template\", \"version\": 1, \"id\": \"power-interest\", "
                                 "\"title\": \"My power grid\", \"columns\": 1, \"rows\": 1, "
                                 "\"panels\": [{\"id\": \"all\", \"title\": \"All\", \"col\": 0, \"row\": 0}]}");
  write_text (dir, "notes.txt", "not a template, and not read");
  {
    g_autofree char *sub = g_build_filename (dir, "folder.json", NULL);

    g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  }

  builtin = cc_template_library_load_builtin (lib);
  g_assert_cmpuint (builtin, >=, 2);
  g_assert_cmpuint (cc_template_library_load_dir (lib, dir), ==, 1);
  dump_library (lib);
  g_assert_cmpuint (cc_template_library_get_templates (lib)->len, ==, builtin + 1);
  g_assert_nonnull (cc_template_library_lookup (lib, "board"));

  /* Each bad file reported once, by its name. */
  problems = cc_template_library_get_problems (lib);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpuint (n_problems_with (lib, "broken.json"), ==, 1);
  g_assert_cmpuint (n_problems_with (lib, "again.json"), ==, 1);
  expect = g_strdup_printf ("%s: panels[0].col: 12 is out of range (0 to 11)", broken);
  g_assert_true (has_problem (lib, expect));
  g_clear_pointer (&expect, g_free);
  expect = g_strdup_printf ("%s: id: a template “power-interest” was read before; this one is skipped", again);
  g_assert_true (has_problem (lib, expect));

  /* The first one read wins. */
  shipped = cc_template_library_lookup (lib, "power-interest");
  g_assert_nonnull (shipped);
  g_assert_cmpstr (cc_item_get_string (shipped, CC_TEMPLATE_TITLE), ==, "Power / interest grid");

  /* Reading the folder again adds nothing, and says so for each file. */
  g_assert_cmpuint (cc_template_library_load_dir (lib, dir), ==, 0);
  g_assert_cmpuint (cc_template_library_get_problems (lib)->len, ==, 5);

  remove_tree (dir);
}

static void
test_library_missing_dir (void)
{
  g_autoptr(CcTemplateLibrary) lib = cc_template_library_new ();
  g_autofree char *dir = make_dir_for ("templates");
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", NULL);
  g_autofree char *file = g_build_filename (dir, "a-file", NULL);

  g_assert_cmpuint (cc_template_library_load_dir (lib, missing), ==, 0);
  write_text (dir, "a-file", "x");
  g_assert_cmpuint (cc_template_library_load_dir (lib, file), ==, 0);
  dump_library (lib);
  g_assert_cmpuint (cc_template_library_get_problems (lib)->len, ==, 0);
  g_assert_cmpuint (cc_template_library_get_templates (lib)->len, ==, 0);
  remove_tree (dir);
}

static void
test_library_data (void)
{
  g_autoptr(CcTemplateLibrary) lib = cc_template_library_new ();
  const char *text = TEMPLATE_HEAD FOUR_PANELS;
  const char *newer = "{\"format\": \"concord-template\", \"version\": 2, \"id\": \"later\", \"title\": \"Later\", "
                      "\"columns\": 1, \"rows\": 1, \"panels\": [{\"id\": \"a\", \"title\": \"A\", \"col\": 0, \"row\": 0}]}";

  g_assert_true (cc_template_library_load_data (lib, "one.json", text, strlen (text)));
  g_assert_false (cc_template_library_load_data (lib, "two.json", text, strlen (text)));
  g_assert_false (cc_template_library_load_data (lib, "three.json", "{", 1));
  /* A newer file is read, and its warning reported. */
  g_assert_true (cc_template_library_load_data (lib, "four.json", newer, strlen (newer)));
  dump_library (lib);
  g_assert_cmpuint (cc_template_library_get_templates (lib)->len, ==, 2);
  g_assert_cmpuint (cc_template_library_get_problems (lib)->len, ==, 3);
  g_assert_true (has_problem (lib, "two.json: id: a template “board” was read before; this one is skipped"));
  g_assert_true (g_str_has_prefix (cc_template_library_get_problems (lib)->pdata[1], "three.json: line 1, column "));
  /* The place once, as in docs/templates.md ("health-check.json: line 14, column 5: expected …"). */
  g_assert_null (strstr ((char *) cc_template_library_get_problems (lib)->pdata[1] + strlen ("three.json: line 1, column "),
                         "line "));
  g_assert_true (g_str_has_prefix (cc_template_library_get_problems (lib)->pdata[2], "four.json: version: "));
}

static void
test_library_default (void)
{
  CcTemplateLibrary *lib = cc_template_library_get_default ();
  g_autofree char *user = cc_template_library_user_dir ();

  g_assert_nonnull (lib);
  g_assert_true (cc_template_library_get_default () == lib);
  g_assert_nonnull (cc_template_library_lookup (lib, "power-interest"));
  g_assert_nonnull (cc_template_library_lookup (lib, "collaborative-gain"));
  g_assert_true (g_str_has_suffix (user, G_DIR_SEPARATOR_S "concord" G_DIR_SEPARATOR_S "templates"));
}

/* Project loading */

#define PROJECT_HEAD "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"T\", "

static const CcProblem *
only_problem (CcLoadResult *result)
{
  g_assert_cmpuint (result->problems->len, ==, 1);
  return result->problems->pdata[0];
}

static void
test_project_takes_installed_copy (void)
{
  const char *text = PROJECT_HEAD "\"sheets\": [{\"id\": \"cv1\", \"type\": \"canvas\", \"title\": \"Grid\", "
                     "\"template\": \"power-interest\", \"cards\": [{\"id\": \"c1\", \"panel\": \"monitor\"}]}]}";
  g_autoptr(CcLoadResult) result = load_text (text);
  g_autoptr(CcLoadResult) again = NULL;
  g_autoptr(CcTemplate) tmpl = NULL;
  g_autofree char *saved = NULL;
  CcItem *copy;

  g_assert_true (cc_load_result_is_sound (result));
  g_assert_cmpuint (result->problems->len, ==, 0);
  copy = cc_project_find_template (result->project, "power-interest");
  g_assert_nonnull (copy);
  /* A copy, not the installed template itself. */
  g_assert_true (copy != cc_template_library_lookup (cc_template_library_get_default (), "power-interest"));
  tmpl = cc_canvas_get_template (cc_project_get_sheet (result->project, 0));
  g_assert_nonnull (tmpl);
  g_assert_true (cc_template_is_grid (tmpl));
  g_assert_cmpuint (tmpl->n_panels, ==, 4);

  /* And saved with the file from then on. */
  saved = text_of (result->project);
  g_assert_nonnull (strstr (saved, "\"templates\""));
  again = load_text (saved);
  g_assert_true (cc_load_result_is_sound (again));
  g_assert_cmpuint (again->problems->len, ==, 0);
  g_assert_cmpuint (cc_item_get_n_children (cc_project_get_root (again->project), CC_PROJECT_TEMPLATES), ==, 1);
}

static void
test_project_template_missing (void)
{
  const char *text = PROJECT_HEAD "\"sheets\": ["
                     "{\"id\": \"cv1\", \"type\": \"canvas\", \"title\": \"Odd\", "
                     "\"template\": \"installed-nowhere\", \"cards\": [{\"id\": \"c1\", \"panel\": \"p1\", "
                     "\"score\": 4}]}, "
                     "{\"id\": \"m1\", \"type\": \"map\", \"title\": \"Map\"}]}";
  g_autoptr(CcLoadResult) result = load_text (text);
  const CcProblem *p;
  CcItem *canvas;
  int gain = -1, pain = -1;

  g_assert_true (cc_load_result_is_sound (result));
  p = only_problem (result);
  g_assert_cmpint (p->severity, ==, CC_PROBLEM_WARNING);
  g_assert_cmpstr (p->path, ==, "sheets[0].template");
  g_assert_nonnull (strstr (p->message, "installed-nowhere"));
  g_assert_null (cc_project_find_template (result->project, "installed-nowhere"));
  canvas = cc_project_get_sheet (result->project, 0);
  g_assert_null (cc_canvas_get_template (canvas));
  /* The cards are kept, and count for nothing. */
  g_assert_cmpuint (cc_item_get_n_children (canvas, CC_CANVAS_CARDS), ==, 1);
  cc_canvas_gain_pain (canvas, &gain, &pain);
  g_assert_cmpint (gain, ==, 0);
  g_assert_cmpint (pain, ==, 0);
  /* A score on such a canvas is within 1 to 5. */
  {
    g_autoptr(GPtrArray) cards = g_ptr_array_new ();

    g_ptr_array_add (cards, cc_item_get_child (canvas, CC_CANVAS_CARDS, 0));
    cc_canvas_set_score (result->project, cards, 9);
    g_assert_cmpint (cc_item_get_int (cards->pdata[0], CC_CARD_SCORE), ==, 5);
  }
  /* Nothing is lost on saving. */
  {
    g_autofree char *saved = text_of (result->project);

    g_assert_nonnull (strstr (saved, "\"installed-nowhere\""));
    g_assert_nonnull (strstr (saved, "\"p1\""));
  }
}

#define MY_GRID_PANELS "\"panels\": [" \
  "{\"id\": \"top-left\", \"title\": \"Top left\", \"col\": 0, \"row\": 0, \"score\": \"gain\"}, " \
  "{\"id\": \"top-right\", \"title\": \"Top right\", \"col\": 1, \"row\": 0, \"score\": \"gain\"}, " \
  "{\"id\": \"bottom-left\", \"title\": \"Bottom left\", \"col\": 0, \"row\": 1}, " \
  "{\"id\": \"bottom-right\", \"title\": \"Bottom right\", \"col\": 1, \"row\": 1, \"score\": \"pain\"}]"

static void
test_project_broken_copy (void)
{
  /* Two panels on one cell: the copy is left out, and with none installed
   * the canvas then has no template. */
  const char *text = PROJECT_HEAD "\"sheets\": [{\"id\": \"cv1\", \"type\": \"canvas\", \"title\": \"Mine\", "
                     "\"template\": \"my-own-grid\"}], "
                     "\"templates\": [{\"id\": \"my-own-grid\", \"title\": \"My own grid\", \"columns\": 2, \"rows\": 2, "
                     "\"panels\": [{\"id\": \"a\", \"title\": \"A\", \"col\": 0, \"row\": 0}, "
                     "{\"id\": \"b\", \"title\": \"B\", \"col\": 0, \"row\": 0}]}]}";
  g_autoptr(CcLoadResult) result = load_text (text);
  const CcProblem *p;
  g_autofree char *s = NULL;

  g_assert_nonnull (result->project);
  g_assert_false (cc_load_result_is_sound (result));
  g_assert_cmpuint (result->n_errors, ==, 1);
  p = result->problems->pdata[0];
  g_assert_cmpint (p->severity, ==, CC_PROBLEM_ERROR);
  g_assert_cmpstr (p->path, ==, "templates[0].panels[1]");
  s = cc_problem_to_string (p);
  g_assert_cmpstr (s, ==, "templates[0].panels[1]: the panel overlaps “a” at column 0, row 0");
  g_assert_null (cc_project_find_template (result->project, "my-own-grid"));
  g_assert_cmpuint (cc_item_get_n_children (cc_project_get_root (result->project), CC_PROJECT_TEMPLATES), ==, 0);
  /* ...and the canvas is warned about. */
  g_assert_cmpuint (result->problems->len, ==, 2);
  p = result->problems->pdata[1];
  g_assert_cmpint (p->severity, ==, CC_PROBLEM_WARNING);
  g_assert_cmpstr (p->path, ==, "sheets[0].template");
  g_assert_true (cc_project_get_modified (result->project));

  /* What is left reads back soundly. */
  {
    g_autofree char *saved = text_of (result->project);
    g_autoptr(CcLoadResult) again = load_text (saved);

    g_assert_true (cc_load_result_is_sound (again));
  }
}

/* @text loads with one error, at @path, and the project keeps the template
 * @id titled @title, with @n_panels panels. */
static void
assert_copy_kept (const char *text, const char *path, const char *id, const char *title, guint n_panels)
{
  g_autoptr(CcLoadResult) result = load_text (text);
  const CcProblem *p;
  CcItem *copy;

  g_assert_nonnull (result->project);
  p = only_problem (result);
  g_assert_cmpint (p->severity, ==, CC_PROBLEM_ERROR);
  g_assert_cmpstr (p->path, ==, path);
  copy = cc_project_find_template (result->project, id);
  g_assert_nonnull (copy);
  g_assert_cmpstr (cc_item_get_string (copy, CC_TEMPLATE_TITLE), ==, title);
  g_assert_cmpuint (cc_item_get_n_children (copy, CC_TEMPLATE_PANELS), ==, n_panels);
  g_assert_cmpuint (cc_item_get_n_children (cc_project_get_root (result->project), CC_PROJECT_TEMPLATES), ==, 1);
}

static void
test_project_broken_copy_of_installed (void)
{
  /* A broken copy of an installed template gives way to the installed one. */
  const char *text = PROJECT_HEAD "\"sheets\": [{\"id\": \"cv1\", \"type\": \"canvas\", \"title\": \"Grid\", "
                     "\"template\": \"power-interest\"}], "
                     "\"templates\": [{\"id\": \"power-interest\", \"title\": \"Old grid\", \"columns\": 2, \"rows\": 2, "
                     "\"x_axis\": \"interest\", "
                     "\"panels\": [{\"id\": \"a\", \"title\": \"A\", \"col\": 0, \"row\": 0}]}]}";

  assert_copy_kept (text, "templates[0].y_axis", "power-interest", "Power / interest grid", 4);
}

static void
test_project_second_copy (void)
{
  const char *text = PROJECT_HEAD "\"sheets\": [{\"id\": \"cv1\", \"type\": \"canvas\", \"title\": \"Mine\", "
                     "\"template\": \"my-own-grid\"}], "
                     "\"templates\": ["
                     "{\"id\": \"my-own-grid\", \"title\": \"First\", \"columns\": 2, \"rows\": 2, " MY_GRID_PANELS "}, "
                     "{\"id\": \"my-own-grid\", \"title\": \"Second\", \"columns\": 1, \"rows\": 1, "
                     "\"panels\": [{\"id\": \"a\", \"title\": \"A\", \"col\": 0, \"row\": 0}]}]}";

  assert_copy_kept (text, "templates[1].id", "my-own-grid", "First", 4);
}

/* A project made with a template its reader does not have: it opens, works
 * and saves unchanged. The text is as Concord writes it. */
static const char my_own_grid_project[] =
  "{\n"
  "  \"format\": \"concord-project\",\n"
  "  \"version\": 1,\n"
  "  \"title\": \"Mine\",\n"
  "  \"meta\": {},\n"
  "  \"actors\": [\n"
  "    {\n"
  "      \"id\": \"a1\",\n"
  "      \"name\": \"Council\",\n"
  "      \"power\": 8,\n"
  "      \"interest\": 2.5\n"
  "    }\n"
  "  ],\n"
  "  \"link_types\": [],\n"
  "  \"sheets\": [\n"
  "    {\n"
  "      \"id\": \"cv1\",\n"
  "      \"type\": \"canvas\",\n"
  "      \"title\": \"My grid\",\n"
  "      \"template\": \"my-own-grid\",\n"
  "      \"cards\": [\n"
  "        {\n"
  "          \"id\": \"c1\",\n"
  "          \"panel\": \"top-left\",\n"
  "          \"actor\": \"a1\"\n"
  "        },\n"
  "        {\n"
  "          \"id\": \"c2\",\n"
  "          \"panel\": \"top-right\",\n"
  "          \"text\": \"Shared offices\",\n"
  "          \"score\": 3\n"
  "        },\n"
  "        {\n"
  "          \"id\": \"c3\",\n"
  "          \"panel\": \"bottom-right\",\n"
  "          \"text\": \"Travel\",\n"
  "          \"score\": 2\n"
  "        },\n"
  "        {\n"
  "          \"id\": \"c4\",\n"
  "          \"panel\": \"bottom-left\",\n"
  "          \"text\": \"Unscored panel\",\n"
  "          \"score\": 5\n"
  "        }\n"
  "      ],\n"
  "      \"links\": []\n"
  "    }\n"
  "  ],\n"
  "  \"templates\": [\n"
  "    {\n"
  "      \"id\": \"my-own-grid\",\n"
  "      \"title\": \"My own grid\",\n"
  "      \"columns\": 2,\n"
  "      \"rows\": 2,\n"
  "      \"score_max\": 3,\n"
  "      \"x_axis\": \"interest\",\n"
  "      \"y_axis\": \"power\",\n"
  "      \"panels\": [\n"
  "        {\n"
  "          \"id\": \"top-left\",\n"
  "          \"title\": \"Top left\",\n"
  "          \"col\": 0,\n"
  "          \"row\": 0,\n"
  "          \"score\": \"gain\"\n"
  "        },\n"
  "        {\n"
  "          \"id\": \"top-right\",\n"
  "          \"title\": \"Top right\",\n"
  "          \"col\": 1,\n"
  "          \"row\": 0,\n"
  "          \"score\": \"gain\"\n"
  "        },\n"
  "        {\n"
  "          \"id\": \"bottom-left\",\n"
  "          \"title\": \"Bottom left\",\n"
  "          \"col\": 0,\n"
  "          \"row\": 1\n"
  "        },\n"
  "        {\n"
  "          \"id\": \"bottom-right\",\n"
  "          \"title\": \"Bottom right\",\n"
  "          \"col\": 1,\n"
  "          \"row\": 1,\n"
  "          \"score\": \"pain\"\n"
  "        }\n"
  "      ]\n"
  "    }\n"
  "  ]\n"
  "}\n";

static void
test_project_own_template (void)
{
  g_autoptr(CcLoadResult) result = load_text (my_own_grid_project);
  g_autoptr(CcTemplate) tmpl = NULL;
  g_autofree char *saved = NULL;
  CcItem *canvas, *actor;
  int gain = -1, pain = -1;

  g_assert_null (cc_template_library_lookup (cc_template_library_get_default (), "my-own-grid"));
  g_assert_true (cc_load_result_is_sound (result));
  g_assert_cmpuint (result->problems->len, ==, 0);
  g_assert_nonnull (cc_project_find_template (result->project, "my-own-grid"));

  canvas = cc_project_get_sheet (result->project, 0);
  tmpl = cc_canvas_get_template (canvas);
  g_assert_nonnull (tmpl);
  g_assert_cmpstr (tmpl->id, ==, "my-own-grid");
  g_assert_cmpuint (tmpl->n_panels, ==, 4);
  g_assert_cmpstr (tmpl->panels[0].id, ==, "top-left");
  g_assert_cmpstr (tmpl->panels[3].id, ==, "bottom-right");
  g_assert_cmpint (tmpl->score_max, ==, 3);
  g_assert_true (cc_template_is_grid (tmpl));
  g_assert_cmpstr (cc_template_panel_at (tmpl, 0.5, 0.5)->id, ==, "top-right");

  /* Gain: 3 (the actor's card has no score); pain: 2; bottom-left counts nothing. */
  cc_canvas_gain_pain (canvas, &gain, &pain);
  g_assert_cmpint (gain, ==, 3);
  g_assert_cmpint (pain, ==, 2);

  /* Re-saved byte for byte. */
  saved = text_of (result->project);
  g_assert_cmpstr (saved, ==, my_own_grid_project);

  /* And it can be edited: the actor's card follows its values. */
  actor = cc_project_lookup (result->project, "a1");
  g_assert_nonnull (actor);
  cc_actor_set_measure (result->project, actor, CC_ACTOR_INTEREST, 9);
  g_assert_cmpstr (cc_item_get_string (cc_project_lookup (result->project, "c1"), CC_CARD_PANEL), ==, "top-right");
  g_assert_true (cc_project_undo (result->project));
  g_clear_pointer (&saved, g_free);
  saved = text_of (result->project);
  g_assert_cmpstr (saved, ==, my_own_grid_project);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/templates-io/file/shipped", test_shipped_files);
  g_test_add_func ("/templates-io/file/good", test_file_good);
  g_test_add_func ("/templates-io/file/wrong-format", test_file_wrong_format);
  g_test_add_func ("/templates-io/file/version", test_file_version);
  g_test_add_func ("/templates-io/file/newer-version", test_file_newer_version);
  g_test_add_func ("/templates-io/file/out-of-range", test_file_out_of_range);
  g_test_add_func ("/templates-io/file/missing-title", test_file_missing_title);
  g_test_add_func ("/templates-io/file/invalid-json", test_file_invalid_json);
  g_test_add_func ("/templates-io/file/rules", test_file_rules);
  g_test_add_func ("/templates-io/file/unknown-members-round-trip", test_unknown_members_round_trip);
  g_test_add_func ("/templates-io/library/dir", test_library_dir);
  g_test_add_func ("/templates-io/library/missing-dir", test_library_missing_dir);
  g_test_add_func ("/templates-io/library/data", test_library_data);
  g_test_add_func ("/templates-io/library/default", test_library_default);
  g_test_add_func ("/templates-io/project/takes-installed-copy", test_project_takes_installed_copy);
  g_test_add_func ("/templates-io/project/template-missing", test_project_template_missing);
  g_test_add_func ("/templates-io/project/broken-copy", test_project_broken_copy);
  g_test_add_func ("/templates-io/project/broken-copy-of-installed", test_project_broken_copy_of_installed);
  g_test_add_func ("/templates-io/project/second-copy", test_project_second_copy);
  g_test_add_func ("/templates-io/project/own-template", test_project_own_template);
  return g_test_run ();
}
