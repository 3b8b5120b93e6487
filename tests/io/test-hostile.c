/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files a colleague sends: whatever they hold, reading them is memory-safe
 * and bounded, and nothing of theirs or ours is lost. */
#include "config.h"

#include <string.h>

#include "cc-io.h"
#include "../cc-test-util.h"

#define HEAD "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"T\", " \
             "\"actors\": [{\"id\": \"a1\", \"name\": \"Council\"}, {\"id\": \"a2\", \"name\": \"Police\"}], "

static CcLoadResult *
load_text (const char *text)
{
  return cc_load_bytes (text, strlen (text));
}

/* The errors, one a line, as the user is told them. */
static char *
errors_of (CcLoadResult *result)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < result->problems->len; i++)
    {
      const CcProblem *p = result->problems->pdata[i];
      g_autofree char *text = NULL;

      if (p->severity != CC_PROBLEM_ERROR)
        continue;
      text = cc_problem_to_string (p);
      g_string_append_printf (s, "%s\n", text);
    }
  return g_string_free (s, FALSE);
}

static CcItem *
sheet_with_id (CcProject *project, const char *id)
{
  for (guint i = 0; i < cc_project_get_n_sheets (project); i++)
    if (g_strcmp0 (cc_item_get_id (cc_project_get_sheet (project, i)), id) == 0)
      return cc_project_get_sheet (project, i);
  return NULL;
}

/* A sheet dropped for want of a title takes its nodes' ids with it: the
 * next sheet may use them, and nothing reads the freed nodes (under
 * AddressSanitizer this was a heap use-after-free). */
static void
test_dropped_sheet_gives_back_ids (void)
{
  static const char text[] =
    "{\"format\":\"concord-project\",\"version\":1,\"title\":\"t\",\"actors\":[{\"id\":\"a1\",\"name\":\"A\"}],"
    " \"sheets\":[{\"id\":\"m1\",\"type\":\"map\",\"nodes\":[{\"id\":\"n1\",\"actor\":\"a1\",\"x\":0,\"y\":0}]},"
    "           {\"id\":\"m2\",\"type\":\"map\",\"title\":\"\",\"nodes\":[{\"id\":\"n1\",\"actor\":\"a1\",\"x\":0,\"y\":0}]}]}";
  g_autoptr(CcLoadResult) result = load_text (text);
  g_autofree char *errors = errors_of (result);
  CcItem *m2;

  g_assert_cmpstr (errors, ==, "sheets[0].title: missing: a map needs a title\n");
  g_assert_nonnull (result->project);
  g_assert_null (sheet_with_id (result->project, "m1"));
  m2 = sheet_with_id (result->project, "m2");
  g_assert_nonnull (m2);
  g_assert_cmpuint (cc_item_get_n_children (m2, CC_MAP_NODES), ==, 1);
  g_assert_cmpstr (cc_item_get_id (cc_item_get_child (m2, CC_MAP_NODES, 0)), ==, "n1");
}

/* A link may not name a node of a dropped sheet, nor a group list one. */
static void
test_reference_into_dropped_sheet (void)
{
  static const char text[] =
    HEAD "\"sheets\": ["
    "{\"id\": \"m1\", \"type\": \"map\", \"nodes\": [{\"id\": \"n1\", \"actor\": \"a1\", \"x\": 0, \"y\": 0}]},"
    "{\"id\": \"m2\", \"type\": \"map\", \"title\": \"M\", \"nodes\": [{\"id\": \"n2\", \"actor\": \"a2\", \"x\": 0, \"y\": 0}],"
    " \"links\": [{\"id\": \"l1\", \"from\": \"n1\", \"to\": \"n2\", \"type\": \"informal\"}],"
    " \"groups\": [{\"id\": \"g1\", \"members\": [\"n1\", \"n2\"]}]}]}";
  g_autoptr(CcLoadResult) result = load_text (text);
  g_autofree char *errors = errors_of (result);
  CcItem *m2;

  g_assert_cmpstr (errors, ==,
                   "sheets[0].title: missing: a map needs a title\n"
                   "sheets[1].links[0].from: no node “n1”\n"
                   "sheets[1].groups[0].members[0]: no node “n1”\n");
  m2 = sheet_with_id (result->project, "m2");
  g_assert_cmpuint (cc_item_get_n_children (m2, CC_MAP_LINKS), ==, 0);
  g_assert_cmpuint (cc_item_get_n_children (m2, CC_MAP_GROUPS), ==, 1);
  g_assert_cmpstr (cc_item_get_strv (cc_item_get_child (m2, CC_MAP_GROUPS, 0), CC_GROUP_MEMBERS)[0], ==, "n2");
}

/* An item's id is taken as soon as it is read: a child with its parent's id
 * is a duplicate, not a silent replacement of the parent in the id table. */
static void
test_child_with_parent_id (void)
{
  static const char text[] =
    HEAD "\"sheets\": [{\"id\": \"m1\", \"type\": \"map\", \"title\": \"M\","
    " \"nodes\": [{\"id\": \"m1\", \"actor\": \"a1\", \"x\": 0, \"y\": 0}, {\"id\": \"n2\", \"actor\": \"a2\", \"x\": 9, \"y\": 0}]}]}";
  g_autoptr(CcLoadResult) result = load_text (text);
  g_autofree char *errors = errors_of (result);
  CcItem *m1;

  g_assert_cmpstr (errors, ==, "sheets[0].nodes[0].id: duplicate id “m1” (already used at sheets[0])\n");
  m1 = sheet_with_id (result->project, "m1");
  g_assert_nonnull (m1);
  g_assert_cmpuint (cc_item_get_n_children (m1, CC_MAP_NODES), ==, 1);
  g_assert_true (cc_project_lookup (result->project, "m1") == m1);
}

/* Items dropped at every level, then their ids used again and referred to:
 * a force field dropped with its forces, a force dropped with its scores,
 * a node dropped for its actor (only once the whole file is read, so its id
 * still counts as taken); whatever is kept is sound and only its ids are
 * the project's. */
static void
test_dropped_items_everywhere (void)
{
  static const char text[] =
    HEAD "\"sheets\": ["
    "{\"id\": \"ff1\", \"type\": \"forcefield\", \"forces\": [{\"id\": \"f1\", \"side\": \"driving\", \"label\": \"A\", \"strength\": 2}]},"
    "{\"id\": \"ff2\", \"type\": \"forcefield\", \"title\": \"F\", \"forces\": ["
    "  {\"id\": \"f1\", \"side\": \"driving\", \"label\": \"B\", \"strength\": 9, \"scores\": [{\"participant\": \"X\", \"score\": 2}]},"
    "  {\"id\": \"f2\", \"side\": \"resisting\", \"label\": \"C\", \"strength\": 1}]},"
    "{\"id\": \"m1\", \"type\": \"map\", \"title\": \"M\", \"nodes\": ["
    "  {\"id\": \"f1\", \"actor\": \"zz\", \"x\": 0, \"y\": 0},"
    "  {\"id\": \"n2\", \"actor\": \"a2\", \"x\": 0, \"y\": 0}, {\"id\": \"n3\", \"actor\": \"a1\", \"x\": 5, \"y\": 0}],"
    " \"links\": [{\"id\": \"l1\", \"from\": \"f1\", \"to\": \"n2\", \"type\": \"informal\"},"
    "             {\"id\": \"l2\", \"from\": \"n3\", \"to\": \"n2\", \"type\": \"informal\"}]},"
    "{\"id\": \"m2\", \"type\": \"map\", \"title\": \"M2\", \"nodes\": [{\"id\": \"f1\", \"actor\": \"a1\", \"x\": 0, \"y\": 0}]}]}";
  g_autoptr(CcLoadResult) result = load_text (text);
  g_autofree char *errors = errors_of (result);
  g_autofree char *saved = NULL;
  CcItem *ff2, *m1, *m2;

  g_assert_cmpstr (errors, ==,
                   "sheets[0].title: missing: a force field needs a title\n"
                   "sheets[1].forces[0].strength: 9 is out of range (1 to 5)\n"
                   "sheets[3].nodes[0].id: duplicate id “f1” (already used at sheets[2].nodes[0])\n"
                   "sheets[2].nodes[0].actor: no actor “zz”\n"
                   "sheets[2].links[0].from: no node “f1”\n");
  ff2 = sheet_with_id (result->project, "ff2");
  g_assert_cmpuint (cc_item_get_n_children (ff2, CC_FORCEFIELD_FORCES), ==, 1);
  m1 = sheet_with_id (result->project, "m1");
  g_assert_cmpuint (cc_item_get_n_children (m1, CC_MAP_NODES), ==, 2);
  g_assert_cmpuint (cc_item_get_n_children (m1, CC_MAP_LINKS), ==, 1);
  m2 = sheet_with_id (result->project, "m2");
  g_assert_cmpuint (cc_item_get_n_children (m2, CC_MAP_NODES), ==, 0);
  g_assert_null (cc_project_lookup (result->project, "f1"));
  g_assert_nonnull (cc_project_lookup (result->project, "f2"));
  saved = text_of (result->project);
  assert_loads_soundly (saved);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hostile/dropped-sheet-gives-back-ids", test_dropped_sheet_gives_back_ids);
  g_test_add_func ("/hostile/reference-into-dropped-sheet", test_reference_into_dropped_sheet);
  g_test_add_func ("/hostile/child-with-parent-id", test_child_with_parent_id);
  g_test_add_func ("/hostile/dropped-items-everywhere", test_dropped_items_everywhere);
  return g_test_run ();
}
