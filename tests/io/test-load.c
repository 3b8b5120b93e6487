/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cc-io.h"

#define HEAD "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"T\", "
#define ACTORS "\"actors\": [{\"id\": \"a1\", \"name\": \"Council\"}, {\"id\": \"a2\", \"name\": \"Police\"}], "
#define NODES "\"nodes\": [{\"id\": \"n1\", \"actor\": \"a1\", \"x\": 0, \"y\": 0}, " \
              "{\"id\": \"n2\", \"actor\": \"a2\", \"x\": 100, \"y\": 0}]"

typedef struct
{
  const char *name;
  const char *text;
  const char *expect;   /* the first error, as cc_problem_to_string gives it */
  gboolean    readable; /* a partial project can still be opened */
} Case;

static const Case cases[] = {
  { "not-json", "hello", "line 1, column 1:", FALSE },
  { "empty", "", "empty", FALSE },
  { "truncated", HEAD ACTORS "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", \"nodes\": [",
    "unexpected end of file", FALSE },
  { "not-utf8", HEAD "\"actors\": [{\"id\": \"a1\", \"name\": \"Caf\xe9\"}]}", "line 1, column 95: the byte 0xE9 is not UTF-8", FALSE },
  { "nul-escape", HEAD "\"actors\": [{\"id\": \"a1\", \"name\": \"A\\u0000B\"}]}", "\\u0000", FALSE },
  { "comment", "// hi\n" HEAD "\"actors\": []}", "line 1, column 1:", FALSE },
  { "not-object", "[1, 2]", "not a Concord project: the file holds an array", FALSE },
  { "no-format", "{\"version\": 1, \"title\": \"T\"}", "format: not a Concord project", FALSE },
  { "version-string", "{\"format\": \"concord-project\", \"version\": \"1\", \"title\": \"T\"}",
    "version: the format version must be a whole number", FALSE },
  { "missing-title", "{\"format\": \"concord-project\", \"version\": 1}", "title: missing", FALSE },
  { "title-type", "{\"format\": \"concord-project\", \"version\": 1, \"title\": 5}",
    "title: expected a string, found a number", FALSE },
  { "actors-type", HEAD "\"actors\": {}}", "actors: expected an array, found an object", FALSE },
  { "actor-not-object", HEAD "\"actors\": [\"Council\"]}", "actors[0]: expected an object, found a string", FALSE },
  { "missing-name", HEAD "\"actors\": [{\"id\": \"a1\"}]}", "actors[0].name: missing", TRUE },
  { "empty-name", HEAD "\"actors\": [{\"id\": \"a1\", \"name\": \"\"}]}", "actors[0].name: must not be empty", TRUE },
  { "missing-id", HEAD "\"actors\": [{\"name\": \"Council\"}]}", "actors[0].id: missing", TRUE },
  { "bad-id", HEAD "\"actors\": [{\"id\": \"\", \"name\": \"Council\"}]}", "actors[0].id: “” is not a valid id", TRUE },
  { "duplicate-id", HEAD "\"actors\": [{\"id\": \"a1\", \"name\": \"A\"}, {\"id\": \"a1\", \"name\": \"B\"}]}",
    "actors[1].id: duplicate id “a1” (already used at actors[0])", TRUE },
  { "duplicate-key", HEAD "\"actors\": [{\"id\": \"a1\", \"name\": \"A\", \"name\": \"B\"}]}",
    "duplicate member \"name\"", FALSE },
  { "bad-sector", HEAD "\"actors\": [{\"id\": \"a1\", \"name\": \"A\", \"sector\": \"academic\"}]}",
    "actors[0].sector: unknown value “academic” (expected public, private, voluntary, community or other)", TRUE },
  { "influence-range", HEAD "\"actors\": [{\"id\": \"a1\", \"name\": \"A\", \"influence\": 11}]}",
    "actors[0].influence: 11 is out of range (0 to 10)", TRUE },
  { "tags-type", HEAD "\"actors\": [{\"id\": \"a1\", \"name\": \"A\", \"tags\": [\"x\", 3]}]}",
    "actors[0].tags[1]: expected a string, found a number", TRUE },
  { "bad-colour", HEAD "\"link_types\": [{\"id\": \"funding\", \"label\": \"F\", \"color\": \"red\"}]}",
    "link_types[0].color: “red” is not a colour of the form #rrggbb", TRUE },
  { "builtin-type-id", HEAD "\"link_types\": [{\"id\": \"strategic\", \"label\": \"S\", \"color\": \"#000000\"}]}",
    "link_types[0].id: “strategic” is the id of a built-in link type", TRUE },
  { "bad-date", HEAD "\"meta\": {\"created\": \"yesterday\"}}", "meta.created: “yesterday” is not an RFC 3339", TRUE },
  { "unknown-sheet-type", HEAD "\"sheets\": [{\"id\": \"s1\", \"type\": \"timeline\", \"title\": \"X\"}]}",
    "sheets[0].type: unknown sheet type “timeline” (expected map, forcefield or canvas)", TRUE },
  { "sheet-without-type", HEAD "\"sheets\": [{\"id\": \"s1\", \"title\": \"X\"}]}", "sheets[0].type: missing", TRUE },
  { "node-missing-actor", HEAD ACTORS "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", "
    "\"nodes\": [{\"id\": \"n1\", \"actor\": \"a9\", \"x\": 0, \"y\": 0}]}]}",
    "sheets[0].nodes[0].actor: no actor “a9”", TRUE },
  { "node-actor-wrong-kind", HEAD ACTORS "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", "
    "\"nodes\": [{\"id\": \"n1\", \"actor\": \"m\", \"x\": 0, \"y\": 0}]}]}",
    "sheets[0].nodes[0].actor: “m” is a map, not a actor", TRUE },
  { "dangling-link", HEAD ACTORS "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", " NODES ", "
    "\"links\": [{\"id\": \"l1\", \"from\": \"n1\", \"to\": \"n2\", \"type\": \"strategic\"}, "
    "{\"id\": \"l2\", \"from\": \"n1\", \"to\": \"n77\", \"type\": \"strategic\"}]}]}",
    "sheets[0].links[1].to: no node “n77”", TRUE },
  { "link-to-other-sheet", HEAD ACTORS "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", " NODES "}, "
    "{\"id\": \"m2\", \"type\": \"map\", \"title\": \"M2\", \"nodes\": [{\"id\": \"n3\", \"actor\": \"a1\", \"x\": 0, \"y\": 0}], "
    "\"links\": [{\"id\": \"l1\", \"from\": \"n3\", \"to\": \"n1\", \"type\": \"strategic\"}]}]}",
    "sheets[1].links[0].to: node “n1” is on another sheet (sheets[0].nodes[0])", TRUE },
  { "unknown-link-type", HEAD ACTORS "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", " NODES ", "
    "\"links\": [{\"id\": \"l1\", \"from\": \"n1\", \"to\": \"n2\", \"type\": \"bribery\"}]}]}",
    "sheets[0].links[0].type: no link type “bribery”", TRUE },
  { "self-link", HEAD ACTORS "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", " NODES ", "
    "\"links\": [{\"id\": \"l1\", \"from\": \"n1\", \"to\": \"n1\", \"type\": \"strategic\"}]}]}",
    "sheets[0].links[0].to: a link cannot join “n1” to itself", TRUE },
  { "strength-range", HEAD ACTORS "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", " NODES ", "
    "\"links\": [{\"id\": \"l1\", \"from\": \"n1\", \"to\": \"n2\", \"type\": \"strategic\", \"strength\": 9}]}]}",
    "sheets[0].links[0].strength: 9 is out of range (1 to 5)", TRUE },
  { "strength-fraction", HEAD "\"sheets\": [{\"id\": \"f\", \"type\": \"forcefield\", \"title\": \"F\", "
    "\"forces\": [{\"id\": \"f1\", \"side\": \"driving\", \"label\": \"Money\", \"strength\": 2.5}]}]}",
    "sheets[0].forces[0].strength: expected a whole number from 1 to 5, found 2.5", TRUE },
  { "coordinate-huge", HEAD ACTORS "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", "
    "\"nodes\": [{\"id\": \"n1\", \"actor\": \"a1\", \"x\": 1e300, \"y\": 0}]}]}",
    "sheets[0].nodes[0].x: 1e+300 is out of range (-1000000 to 1000000)", TRUE },
  { "not-finite", HEAD ACTORS "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", "
    "\"nodes\": [{\"id\": \"n1\", \"actor\": \"a1\", \"x\": 1e999, \"y\": 0}]}]}", "out of range", FALSE },
  { "big-integer", HEAD ACTORS "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", " NODES ", "
    "\"links\": [{\"id\": \"l1\", \"from\": \"n1\", \"to\": \"n2\", \"type\": \"strategic\", \"strength\": 9223372036854775808}]}]}",
    "sheets[0].links[0].strength: 9.22337203685478e+18 is out of range (1 to 5)", TRUE },
  { "force-side", HEAD "\"sheets\": [{\"id\": \"f\", \"type\": \"forcefield\", \"title\": \"F\", "
    "\"forces\": [{\"id\": \"f1\", \"side\": \"left\", \"label\": \"Money\", \"strength\": 2}]}]}",
    "sheets[0].forces[0].side: unknown value “left” (expected driving or resisting)", TRUE },
  { "group-member", HEAD ACTORS "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", " NODES ", "
    "\"groups\": [{\"id\": \"g1\", \"title\": \"Board\", \"members\": [\"n1\", \"n5\"]}]}]}",
    "sheets[0].groups[0].members[1]: no node “n5”", TRUE },
  { "legend-type", HEAD "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", \"legend\": \"no\"}]}",
    "sheets[0].legend: expected true or false, found a string", TRUE },
  { "legend-far", HEAD "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", \"legend_x\": -2000000, \"legend_y\": 0}]}",
    "sheets[0].legend_x: -2000000 is out of range (-1000000 to 1000000)", TRUE },
  { "card-link-dangling", HEAD "\"sheets\": [{\"id\": \"c\", \"type\": \"canvas\", \"title\": \"C\", \"template\": \"collaborative-gain\", "
    "\"cards\": [{\"id\": \"c1\", \"panel\": \"outcome\"}], \"links\": [{\"id\": \"cl1\", \"from\": \"c1\", \"to\": \"c2\"}]}]}",
    "sheets[0].links[0].to: no card “c2”", TRUE },
  { "question-type", HEAD "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", \"question\": [\"Who?\"]}]}",
    "sheets[0].question: expected a string, found an array", TRUE },
};

static const CcProblem *
first_error (CcLoadResult *result)
{
  for (guint i = 0; i < result->problems->len; i++)
    {
      const CcProblem *p = result->problems->pdata[i];

      if (p->severity == CC_PROBLEM_ERROR)
        return p;
    }
  return NULL;
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(CcLoadResult) result = cc_load_bytes (c->text, strlen (c->text));
  const CcProblem *problem = first_error (result);
  g_autofree char *text = NULL;

  g_assert_nonnull (problem);
  g_assert_false (cc_load_result_is_sound (result));
  text = cc_problem_to_string (problem);
  if (strstr (text, c->expect) == NULL)
    g_error ("case %s: expected “%s” in “%s”", c->name, c->expect, text);
  if (c->readable)
    {
      g_assert_nonnull (result->project);
      /* What could be read is sound, and must be saved under a new name. */
      g_assert_true (cc_project_get_modified (result->project));
      {
        g_autoptr(GBytes) bytes = cc_project_serialize (result->project);
        g_autoptr(CcLoadResult) again = cc_load_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

        g_assert_true (cc_load_result_is_sound (again));
      }
    }
  else
    g_assert_null (result->project);
}

static void
test_dangling_link_drops_only_that_link (void)
{
  const char *text = cases[29].text;
  g_autoptr(CcLoadResult) result = cc_load_bytes (text, strlen (text));
  CcItem *sheet;

  g_assert_cmpstr (cases[29].name, ==, "dangling-link");
  g_assert_cmpuint (result->n_errors, ==, 1);
  sheet = cc_project_get_sheet (result->project, 0);
  g_assert_cmpuint (cc_item_get_n_children (sheet, CC_MAP_LINKS), ==, 1);
  g_assert_cmpstr (cc_item_get_id (cc_item_get_child (sheet, CC_MAP_LINKS, 0)), ==, "l1");
}

static void
test_deep_nesting (void)
{
  gsize depth = 200000;
  GString *s = g_string_new (HEAD "\"x\": ");

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  {
    g_autoptr(CcLoadResult) result = cc_load_bytes (s->str, s->len);
    const CcProblem *p = first_error (result);

    g_assert_nonnull (p);
    g_assert_null (result->project);
    g_assert_nonnull (strstr (p->message, "nesting"));
  }
  g_string_free (s, TRUE);
}

static void
test_many_errors_capped (void)
{
  GString *s = g_string_new (HEAD "\"actors\": [");

  for (int i = 0; i < 1000; i++)
    g_string_append_printf (s, "%s{\"id\": \"a%d\", \"sector\": \"x\"}", i ? ", " : "", i);
  g_string_append (s, "]}");
  {
    g_autoptr(CcLoadResult) result = cc_load_bytes (s->str, s->len);
    const CcProblem *last = g_ptr_array_index (result->problems, result->problems->len - 1);

    g_assert_cmpuint (result->n_errors, ==, 2000);
    g_assert_cmpuint (result->problems->len, ==, 201);
    g_assert_nonnull (strstr (last->message, "1800 more errors"));
  }
  g_string_free (s, TRUE);
}

/* A file from a newer Concord: opens with a warning and loses nothing. */
static const char newer[] =
  "{\n"
  "  \"format\": \"concord-project\",\n"
  "  \"version\": 3,\n"
  "  \"title\": \"Future\",\n"
  "  \"meta\": {\n"
  "    \"author\": \"Someone\",\n"
  "    \"licence\": \"CC-BY-4.0\"\n"
  "  },\n"
  "  \"actors\": [\n"
  "    {\n"
  "      \"id\": \"a1\",\n"
  "      \"name\": \"Council\",\n"
  "      \"sector\": \"public\",\n"
  "      \"website\": \"https://example.org\",\n"
  "      \"history\": [{\"year\": 2020, \"budget\": 1.5e6, \"ok\": true, \"n\": null}, {}],\n"
  "      \"ratio\": 1.0\n"
  "    }\n"
  "  ],\n"
  "  \"link_types\": [],\n"
  "  \"sheets\": [\n"
  "    {\n"
  "      \"id\": \"m1\",\n"
  "      \"type\": \"map\",\n"
  "      \"title\": \"Map\",\n"
  "      \"nodes\": [\n"
  "        {\n"
  "          \"id\": \"n1\",\n"
  "          \"actor\": \"a1\",\n"
  "          \"x\": 10,\n"
  "          \"y\": 20.5,\n"
  "          \"pinned\": true\n"
  "        }\n"
  "      ],\n"
  "      \"links\": [],\n"
  "      \"groups\": [],\n"
  "      \"viewport\": {\"zoom\": 2, \"centre\": [1, 2]}\n"
  "    }\n"
  "  ],\n"
  "  \"plugins\": {\"sna\": {\"enabled\": false}}\n"
  "}\n";

/* A byte order mark and CRLF line ends (Windows Notepad): read, with a
 * warning, and written back without the mark; a template too. */
static void
test_byte_order_mark (void)
{
  static const char text[] =
    "\xEF\xBB\xBF{\r\n  \"format\": \"concord-project\",\r\n  \"version\": 1,\r\n  \"title\": \"Notepad\",\r\n"
    "  \"actors\": [{\"id\": \"a1\", \"name\": \"Council\"}],\r\n"
    "  \"sheets\": [{\"id\": \"m1\", \"type\": \"map\", \"title\": \"Today\", \"nodes\": []}]\r\n}\r\n";
  static const char bad[] = "\xEF\xBB\xBF{\"format\": \"concord-project\", \"version\": 1, \"title\": 5}";
  g_autoptr(CcLoadResult) result = cc_load_bytes (text, strlen (text));
  g_autoptr(CcLoadResult) broken = cc_load_bytes (bad, strlen (bad));
  g_autoptr(GBytes) bytes = NULL;
  const CcProblem *p;

  g_assert_nonnull (result->project);
  g_assert_cmpuint (result->n_errors, ==, 0);
  g_assert_cmpstr (cc_project_get_title (result->project), ==, "Notepad");
  g_assert_cmpuint (result->problems->len, ==, 1);
  p = result->problems->pdata[0];
  g_assert_cmpint (p->severity, ==, CC_PROBLEM_WARNING);
  g_assert_nonnull (strstr (p->message, "byte order mark, which is ignored"));
  bytes = cc_project_serialize (result->project);
  g_assert_false (g_str_has_prefix (g_bytes_get_data (bytes, NULL), "\xEF\xBB\xBF"));

  /* Errors after it are still found, and placed counting from after it */
  g_assert_null (broken->project);
  g_assert_cmpuint (broken->n_errors, ==, 1);
}

static void
test_newer_version_keeps_everything (void)
{
  g_autoptr(CcLoadResult) result = cc_load_bytes (newer, strlen (newer));
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *out = NULL;
  const CcProblem *p;

  g_assert_true (cc_load_result_is_sound (result));
  g_assert_cmpint (result->version, ==, 3);
  g_assert_cmpuint (result->problems->len, ==, 1);
  p = result->problems->pdata[0];
  g_assert_cmpint (p->severity, ==, CC_PROBLEM_WARNING);
  g_assert_nonnull (strstr (p->message, "newer Concord"));

  bytes = cc_project_serialize (result->project);
  out = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  /* Unknown members come back unchanged, at every level, and the newer
   * version stays, so that the newer Concord reads its members back as its own. */
  g_assert_nonnull (strstr (out, "\"version\": 3,"));
  g_assert_nonnull (strstr (out, "\"licence\": \"CC-BY-4.0\""));
  g_assert_nonnull (strstr (out, "\"website\": \"https://example.org\""));
  g_assert_nonnull (strstr (out, "\"budget\": 1500000.0"));
  g_assert_nonnull (strstr (out, "\"n\": null"));
  g_assert_nonnull (strstr (out, "\"ratio\": 1.0"));
  g_assert_nonnull (strstr (out, "\"pinned\": true"));
  g_assert_nonnull (strstr (out, "\"viewport\": {"));
  g_assert_nonnull (strstr (out, "\"plugins\": {"));
  g_assert_nonnull (strstr (out, "\"y\": 20.5"));
  /* Written again, it is the same. */
  {
    g_autoptr(CcLoadResult) again = cc_load_bytes (out, strlen (out));
    g_autoptr(GBytes) bytes2 = cc_project_serialize (again->project);

    g_assert_true (g_bytes_equal (bytes, bytes2));
  }
}

/* A hidden or placed legend survives a save; the default is not written. */
static void
test_legend_round_trip (void)
{
  static const char text[] = HEAD ACTORS "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", "
    "\"legend\": false, \"legend_x\": -250.5, \"legend_y\": 40, " NODES "}, "
    "{\"id\": \"m2\", \"type\": \"map\", \"title\": \"M2\", \"legend\": true}]}";
  g_autoptr(CcLoadResult) result = cc_load_bytes (text, strlen (text));
  g_autoptr(GBytes) bytes = NULL;
  CcItem *map, *map2;
  const char *out;

  g_assert_true (cc_load_result_is_sound (result));
  g_assert_cmpuint (result->problems->len, ==, 0);
  map = cc_project_find_sheet (result->project, "m");
  map2 = cc_project_find_sheet (result->project, "m2");
  g_assert_false (cc_item_get_bool (map, CC_MAP_LEGEND));
  g_assert_cmpfloat (cc_item_get_double (map, CC_MAP_LEGEND_X), ==, -250.5);
  g_assert_cmpfloat (cc_item_get_double (map, CC_MAP_LEGEND_Y), ==, 40);
  g_assert_true (cc_item_get_bool (map2, CC_MAP_LEGEND));
  g_assert_cmpfloat (cc_item_get_double (map2, CC_MAP_LEGEND_X), <, -CC_MAX_COORDINATE);

  bytes = cc_project_serialize (result->project);
  out = g_bytes_get_data (bytes, NULL);
  g_assert_nonnull (strstr (out, "\"legend\": false,\n"));
  g_assert_nonnull (strstr (out, "\"legend_x\": -250.5,\n"));
  g_assert_nonnull (strstr (out, "\"legend_y\": 40,\n"));
  /* m2 says what is the default anyway: nothing about the legend is written. */
  g_assert_null (strstr (strstr (out, "\"m2\""), "legend"));
}

/* A map's guiding question survives a save, after the title; none is not
 * written. */
static void
test_question_round_trip (void)
{
  static const char text[] = HEAD ACTORS "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", "
    "\"question\": \"Who can influence the success of the new \\\"Works\\\" service?\", " NODES "}, "
    "{\"id\": \"m2\", \"type\": \"map\", \"title\": \"M2\", \"question\": \"\"}]}";
  g_autoptr(CcLoadResult) result = cc_load_bytes (text, strlen (text));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CcLoadResult) again = NULL;
  const char *out;

  g_assert_true (cc_load_result_is_sound (result));
  g_assert_cmpuint (result->problems->len, ==, 0);
  g_assert_cmpstr (cc_item_get_string (cc_project_find_sheet (result->project, "m"), CC_MAP_QUESTION), ==,
                   "Who can influence the success of the new \"Works\" service?");

  bytes = cc_project_serialize (result->project);
  out = g_bytes_get_data (bytes, NULL);
  g_assert_nonnull (strstr (out, "\"title\": \"M\",\n      \"question\": "
                                 "\"Who can influence the success of the new \\\"Works\\\" service?\",\n"));
  g_assert_null (strstr (strstr (out, "\"m2\""), "question"));

  again = cc_load_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_true (cc_load_result_is_sound (again));
  g_assert_cmpstr (cc_item_get_string (cc_project_find_sheet (again->project, "m"), CC_MAP_QUESTION), ==,
                   "Who can influence the success of the new \"Works\" service?");
  g_assert_cmpstr (cc_item_get_string (cc_project_find_sheet (again->project, "m2"), CC_MAP_QUESTION), ==, "");
}

/* A question longer than any text may be is refused, with its place; the
 * map is still read without it. */
static void
test_question_too_long (void)
{
  g_autoptr(GString) text = g_string_new (HEAD "\"sheets\": [{\"id\": \"m\", \"type\": \"map\", \"title\": \"M\", "
                                          "\"question\": \"");
  g_autoptr(CcLoadResult) result = NULL;
  g_autofree char *message = NULL;
  const CcProblem *problem;

  for (guint i = 0; i <= CC_MAX_STRING_LENGTH; i++)
    g_string_append_c (text, '?');
  g_string_append (text, "\"}]}");
  result = cc_load_bytes (text->str, text->len);
  problem = first_error (result);
  g_assert_nonnull (problem);
  message = cc_problem_to_string (problem);
  g_assert_nonnull (strstr (message, "sheets[0].question: text of 65537 bytes is longer than the limit of 65536"));
  g_assert_false (cc_load_result_is_sound (result));
  g_assert_nonnull (result->project);
  g_assert_cmpstr (cc_item_get_string (cc_project_find_sheet (result->project, "m"), CC_MAP_QUESTION), ==, "");
}

static void
test_example_round_trip (void)
{
  g_autofree char *path = g_build_filename (SOURCE_ROOT, "data", "examples", "community-planning.concord", NULL);
  g_autofree char *text = NULL;
  gsize len;
  g_autoptr(CcLoadResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (!g_file_get_contents (path, &text, &len, NULL))
    {
      g_error ("no example project");
      return;
    }
  result = cc_load_bytes (text, len);
  for (guint i = 0; i < result->problems->len; i++)
    {
      g_autofree char *s = cc_problem_to_string (result->problems->pdata[i]);
      g_printerr ("%s\n", s);
    }
  g_assert_true (cc_load_result_is_sound (result));
  g_assert_cmpuint (result->problems->len, ==, 0);
  bytes = cc_project_serialize (result->project);
  /* The example is written exactly as Concord writes. */
  g_assert_cmpstr (g_bytes_get_data (bytes, NULL), ==, text);
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("concord-io-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static CcProject *
small_project (void)
{
  const char *text = HEAD ACTORS "\"sheets\": []}";
  g_autoptr(CcLoadResult) result = cc_load_bytes (text, strlen (text));

  g_assert_true (cc_load_result_is_sound (result));
  return g_object_ref (result->project);
}

static void
test_save_through_symlink (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *real = g_build_filename (dir, "real.concord", NULL);
  g_autofree char *link = g_build_filename (dir, "link.concord", NULL);
  g_autoptr(CcProject) project = small_project ();
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_assert_cmpint (symlink ("real.concord", link), ==, 0);
  cc_project_set_string (project, cc_project_get_root (project), CC_PROJECT_TITLE, "Saved");
  g_assert_true (cc_project_get_modified (project));
  g_assert_true (cc_project_save (project, file, &error));
  g_assert_no_error (error);
  g_assert_false (cc_project_get_modified (project));
  /* The link is still a link, and the real file has the project. */
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_get_contents (real, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"title\": \"Saved\""));
  g_assert_nonnull (strstr (contents, "\"modified\": \""));
  g_unlink (link);
  g_unlink (real);
  g_rmdir (dir);
}

/* A disk that fills up mid-save (a file size limit stands in for it, and
 * works for root too): the old file stays whole, no stray file is left. */
static void
test_failed_save_leaves_file (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "p.concord", NULL);
  g_autoptr(CcProject) project = small_project ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) d = NULL;
  struct rlimit old_limit, limit;
  const char *name;
  int n = 0;

  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = 64;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  cc_project_set_string (project, cc_project_get_root (project), CC_PROJECT_TITLE, "New");
  g_assert_false (cc_project_save (project, file, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_true (cc_project_get_modified (project));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old contents");
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    n++;
  g_assert_cmpint (n, ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_save_onto_folder_fails (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(CcProject) project = small_project ();
  g_autoptr(GError) error = NULL;

  g_assert_false (cc_project_save (project, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_rmdir (dir);
}

static void
test_stable_output (void)
{
  g_autoptr(CcProject) a = small_project ();
  g_autoptr(CcProject) b = small_project ();
  g_autoptr(GBytes) ba = cc_project_serialize (a);
  g_autoptr(GBytes) bb = cc_project_serialize (b);
  const char *text = g_bytes_get_data (ba, NULL);

  g_assert_true (g_bytes_equal (ba, bb));
  g_assert_true (g_str_has_prefix (text, "{\n  \"format\": \"concord-project\",\n  \"version\": 1,\n  \"title\": \"T\",\n"));
  g_assert_true (g_str_has_suffix (text, "}\n"));
  /* Defaults are left out. */
  g_assert_null (strstr (text, "\"sector\""));
}

static void
test_unreadable_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/x.concord");
  g_autoptr(GError) error = NULL;
  CcLoadResult *result = cc_load_file (file, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/load/error/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/load/dangling-link-drops-only-that-link", test_dangling_link_drops_only_that_link);
  g_test_add_func ("/load/deep-nesting", test_deep_nesting);
  g_test_add_func ("/load/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/load/many-errors-capped", test_many_errors_capped);
  g_test_add_func ("/load/newer-version-keeps-everything", test_newer_version_keeps_everything);
  g_test_add_func ("/load/example-round-trip", test_example_round_trip);
  g_test_add_func ("/load/legend-round-trip", test_legend_round_trip);
  g_test_add_func ("/load/question-round-trip", test_question_round_trip);
  g_test_add_func ("/load/question-too-long", test_question_too_long);
  g_test_add_func ("/load/unreadable-file", test_unreadable_file);
  g_test_add_func ("/save/through-symlink", test_save_through_symlink);
  g_test_add_func ("/save/failed-save-leaves-file", test_failed_save_leaves_file);
  g_test_add_func ("/save/onto-folder-fails", test_save_onto_folder_fails);
  g_test_add_func ("/save/stable-output", test_stable_output);
  return g_test_run ();
}
