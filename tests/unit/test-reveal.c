/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "../cc-test-util.h"

#include <string.h>

#include "cc-io.h"
#include "cc-reveal.h"

/* A map of five organisations: Riverside Council (public) in the middle,
 * linked to Acme (private) and Police (public); Acme to Helpers
 * (voluntary), Helpers to Tenants (community). */
#define HEAD \
  "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"T\", \"actors\": [" \
  "{\"id\": \"a1\", \"name\": \"Riverside Council\", \"sector\": \"public\"}," \
  "{\"id\": \"a2\", \"name\": \"Acme\", \"sector\": \"private\"}," \
  "{\"id\": \"a3\", \"name\": \"Helpers\", \"sector\": \"voluntary\"}," \
  "{\"id\": \"a4\", \"name\": \"Tenants\", \"sector\": \"community\"}," \
  "{\"id\": \"a5\", \"name\": \"Police\", \"sector\": \"public\"}]," \
  "\"link_types\": [{\"id\": \"funding\", \"label\": \"Funding\", \"color\": \"#e66100\"}]," \
  "\"sheets\": [{\"id\": \"m1\", \"type\": \"map\", \"title\": \"Map\", \"nodes\": [" \
  "{\"id\": \"n1\", \"actor\": \"a1\", \"x\": 0, \"y\": 0}," \
  "{\"id\": \"n2\", \"actor\": \"a2\", \"x\": 200, \"y\": 0}," \
  "{\"id\": \"n3\", \"actor\": \"a3\", \"x\": 400, \"y\": 0}," \
  "{\"id\": \"n4\", \"actor\": \"a4\", \"x\": 600, \"y\": 0}," \
  "{\"id\": \"n5\", \"actor\": \"a5\", \"x\": 0, \"y\": 200}], \"links\": [" \
  "{\"id\": \"l1\", \"from\": \"n1\", \"to\": \"n2\", \"type\": \"strategic\", \"stage\": \"initiation\"}," \
  "{\"id\": \"l2\", \"from\": \"n2\", \"to\": \"n3\", \"type\": \"delivery\", \"stage\": \"development\"}," \
  "{\"id\": \"l3\", \"from\": \"n3\", \"to\": \"n4\", \"type\": \"funding\"}," \
  "{\"id\": \"l4\", \"from\": \"n1\", \"to\": \"n5\", \"type\": \"statutory\", \"stage\": \"consolidation\"}]"

static const char plain[] = HEAD "}]}";

static CcProject *
load (const char *text, char **errors)
{
  g_autoptr(CcLoadResult) result = cc_load_bytes (text, strlen (text));
  GString *all = g_string_new (NULL);

  g_assert_nonnull (result);
  g_assert_nonnull (result->project);
  for (guint i = 0; i < result->problems->len; i++)
    {
      g_autofree char *line = cc_problem_to_string (result->problems->pdata[i]);

      g_string_append_printf (all, "%s\n", line);
    }
  if (errors != NULL)
    *errors = g_string_free (all, FALSE);
  else
    {
      g_assert_cmpstr (all->str, ==, "");
      g_string_free (all, TRUE);
    }
  return g_object_ref (result->project);
}

static CcItem *
map_of (CcProject *project)
{
  return cc_project_get_sheet (project, 0);
}

/* The ids of what @reveal shows on the map, in sheet order: "n1 n5 l4" */
static char *
shown (CcProject *project, const CcReveal *reveal)
{
  CcItem *map = map_of (project);
  g_autoptr(GHashTable) set = cc_reveal_evaluate (project, map, reveal);
  GString *ids = g_string_new (NULL);

  g_assert_nonnull (set);
  for (guint slot = CC_MAP_NODES; slot <= CC_MAP_LINKS; slot++)
    for (guint i = 0; i < cc_item_get_n_children (map, slot); i++)
      if (g_hash_table_contains (set, cc_item_get_child (map, slot, i)))
        g_string_append_printf (ids, "%s%s", ids->len ? " " : "", cc_item_get_id (cc_item_get_child (map, slot, i)));
  return g_string_free (ids, FALSE);
}

/* Step @index of @kind: what it shows and what it is called. */
static void
check_step (CcProject *project, CcRevealKind kind, const char *actor, guint index, const char *ids,
            const char *label)
{
  g_autoptr(CcReveal) reveal = cc_reveal_step (project, map_of (project), kind, actor, index);
  g_autofree char *got = NULL;
  g_autofree char *described = NULL;

  g_assert_nonnull (reveal);
  got = shown (project, reveal);
  g_assert_cmpstr (got, ==, ids);
  described = cc_reveal_describe (project, reveal);
  g_assert_cmpstr (described, ==, label);
}

static void
test_sector_steps (void)
{
  g_autoptr(CcProject) project = load (plain, NULL);

  g_assert_cmpuint (cc_reveal_n_steps (project, map_of (project), CC_REVEAL_SECTOR, NULL), ==, 4);
  check_step (project, CC_REVEAL_SECTOR, NULL, 0, "n1 n5 l4", "Public sector");
  check_step (project, CC_REVEAL_SECTOR, NULL, 1, "n1 n2 n5 l1 l4", "Public and private sector");
  check_step (project, CC_REVEAL_SECTOR, NULL, 2, "n1 n2 n3 n5 l1 l2 l4", "Public, private and voluntary sector");
  check_step (project, CC_REVEAL_SECTOR, NULL, 3, "n1 n2 n3 n4 n5 l1 l2 l3 l4",
              "Public, private, voluntary and community sector");
  g_assert_null (cc_reveal_step (project, map_of (project), CC_REVEAL_SECTOR, NULL, 4));
}

/* Built-in types first, in their order, then the project's: the legend's. */
static void
test_link_type_steps (void)
{
  g_autoptr(CcProject) project = load (plain, NULL);

  g_assert_cmpuint (cc_reveal_n_steps (project, map_of (project), CC_REVEAL_LINK_TYPE, NULL), ==, 4);
  check_step (project, CC_REVEAL_LINK_TYPE, NULL, 0, "n1 n2 l1", "Strategic partnership links");
  check_step (project, CC_REVEAL_LINK_TYPE, NULL, 1, "n1 n2 n5 l1 l4",
              "Strategic partnership and Statutory partnership links");
  check_step (project, CC_REVEAL_LINK_TYPE, NULL, 3, "n1 n2 n3 n4 n5 l1 l2 l3 l4",
              "Strategic partnership, Statutory partnership, Service delivery and Funding links");
}

/* Links with no stage never show in the life cycle. */
static void
test_stage_steps (void)
{
  g_autoptr(CcProject) project = load (plain, NULL);

  g_assert_cmpuint (cc_reveal_n_steps (project, map_of (project), CC_REVEAL_STAGE, NULL), ==, 3);
  check_step (project, CC_REVEAL_STAGE, NULL, 0, "n1 n2 l1", "Initiation stage");
  check_step (project, CC_REVEAL_STAGE, NULL, 1, "n1 n2 n3 l1 l2", "Initiation and development stages");
  check_step (project, CC_REVEAL_STAGE, NULL, 2, "n1 n2 n3 n5 l1 l2 l4",
              "Initiation, development and consolidation stages");
}

/* One step out: the organisation, its partners and the links to them; two:
 * their partners too, but not the links between those at the edge. */
static void
test_neighbourhood_steps (void)
{
  g_autoptr(CcProject) project = load (plain, NULL);

  g_assert_cmpuint (cc_reveal_n_steps (project, map_of (project), CC_REVEAL_NEIGHBOURHOOD, "a1"), ==, 2);
  g_assert_cmpuint (cc_reveal_n_steps (project, map_of (project), CC_REVEAL_NEIGHBOURHOOD, NULL), ==, 0);
  g_assert_cmpuint (cc_reveal_n_steps (project, map_of (project), CC_REVEAL_NEIGHBOURHOOD, "nobody"), ==, 0);
  check_step (project, CC_REVEAL_NEIGHBOURHOOD, "a1", 0, "n1 n2 n5 l1 l4",
              "Neighbourhood of Riverside Council, 1 step");
  check_step (project, CC_REVEAL_NEIGHBOURHOOD, "a1", 1, "n1 n2 n3 n5 l1 l2 l4",
              "Neighbourhood of Riverside Council, 2 steps");
  check_step (project, CC_REVEAL_NEIGHBOURHOOD, "a4", 1, "n2 n3 n4 l2 l3", "Neighbourhood of Tenants, 2 steps");
  g_assert_null (cc_reveal_evaluate (project, map_of (project), NULL));
  g_assert_cmpuint (cc_reveal_n_steps (project, map_of (project), CC_REVEAL_EVERYTHING, NULL), ==, 0);
}

/* Saving a view is one step; the file keeps it as it was saved. */
static void
test_view_saved_and_read_back (void)
{
  g_autoptr(CcProject) project = load (plain, NULL);
  g_autoptr(CcReveal) reveal = cc_reveal_step (project, map_of (project), CC_REVEAL_SECTOR, NULL, 1);
  g_autoptr(CcReveal) around = cc_reveal_step (project, map_of (project), CC_REVEAL_NEIGHBOURHOOD, "a1", 1);
  g_autoptr(CcReveal) types = cc_reveal_step (project, map_of (project), CC_REVEAL_LINK_TYPE, NULL, 3);
  g_autoptr(CcReveal) stages = cc_reveal_step (project, map_of (project), CC_REVEAL_STAGE, NULL, 1);
  g_autoptr(CcProject) again = NULL;
  g_autoptr(GBytes) text = NULL;
  CcItem *view;

  view = cc_map_add_view (project, map_of (project), reveal, NULL);
  g_assert_cmpstr (cc_item_get_string (view, CC_VIEW_NAME), ==, "Public and private sector");
  g_assert_cmpuint (cc_item_get_n_children (map_of (project), CC_MAP_VIEWS), ==, 1);
  g_assert_true (cc_project_undo (project));
  g_assert_cmpuint (cc_item_get_n_children (map_of (project), CC_MAP_VIEWS), ==, 0);
  g_assert_true (cc_project_redo (project));
  cc_map_add_view (project, map_of (project), around, "  Around the council ");
  cc_map_add_view (project, map_of (project), types, NULL);
  cc_map_add_view (project, map_of (project), stages, NULL);

  text = cc_project_serialize (project);
  g_assert_nonnull (strstr (g_bytes_get_data (text, NULL), "\"views\""));
  again = load (g_bytes_get_data (text, NULL), NULL);
  g_assert_cmpuint (cc_item_get_n_children (map_of (again), CC_MAP_VIEWS), ==, 4);
  {
    CcReveal *expected[] = { reveal, around, types, stages };
    const char *names[] = { "Public and private sector", "Around the council", NULL, NULL };

    for (guint i = 0; i < 4; i++)
      {
        CcItem *v = cc_item_get_child (map_of (again), CC_MAP_VIEWS, i);
        g_autoptr(CcReveal) read = cc_reveal_from_view (v);

        g_assert_true (cc_reveal_equal (read, expected[i]));
        if (names[i] != NULL)
          g_assert_cmpstr (cc_item_get_string (v, CC_VIEW_NAME), ==, names[i]);
      }
  }
}

/* Deleting an organisation takes its neighbourhood views with it; deleting
 * a link type takes it out of the views' lists; one undo brings both back. */
static void
test_views_follow_deletes (void)
{
  g_autoptr(CcProject) project = load (plain, NULL);
  g_autoptr(CcReveal) around = cc_reveal_step (project, map_of (project), CC_REVEAL_NEIGHBOURHOOD, "a1", 0);
  g_autoptr(CcReveal) types = cc_reveal_step (project, map_of (project), CC_REVEAL_LINK_TYPE, NULL, 3);
  CcItem *view;

  cc_map_add_view (project, map_of (project), around, NULL);
  view = cc_map_add_view (project, map_of (project), types, NULL);
  cc_project_delete (project, cc_project_lookup (project, "a1"));
  g_assert_cmpuint (cc_item_get_n_children (map_of (project), CC_MAP_VIEWS), ==, 1);
  g_assert_true (cc_project_undo (project));
  g_assert_cmpuint (cc_item_get_n_children (map_of (project), CC_MAP_VIEWS), ==, 2);

  cc_project_delete (project, cc_project_lookup (project, "funding"));
  g_assert_cmpuint (g_strv_length ((char **) cc_item_get_strv (view, CC_VIEW_LINK_TYPES)), ==, 3);
  g_assert_false (g_strv_contains (cc_item_get_strv (view, CC_VIEW_LINK_TYPES), "funding"));
  g_assert_true (cc_project_undo (project));
  g_assert_true (g_strv_contains (cc_item_get_strv (view, CC_VIEW_LINK_TYPES), "funding"));
}

/* The names of the views of the map in order: "A|B|C" */
static char *
view_names (CcProject *project)
{
  CcItem *map = map_of (project);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < cc_item_get_n_children (map, CC_MAP_VIEWS); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "|" : "",
                            cc_item_get_string (cc_item_get_child (map, CC_MAP_VIEWS, i), CC_VIEW_NAME));
  return g_string_free (names, FALSE);
}

#define assert_views(project, expected) \
  G_STMT_START { g_autofree char *got_ = view_names (project); g_assert_cmpstr (got_, ==, expected); } G_STMT_END

/* Renaming, moving and deleting a view: each one step that undoes back,
 * and what the file keeps. */
static void
test_views_managed (void)
{
  g_autoptr(CcProject) project = load (plain, NULL);
  g_autoptr(CcReveal) everything = cc_reveal_new (CC_REVEAL_EVERYTHING);
  g_autoptr(CcProject) again = NULL;
  g_autoptr(GBytes) text = NULL;
  CcItem *a, *b, *c;
  guint64 step;

  a = cc_map_add_view (project, map_of (project), everything, "A");
  b = cc_map_add_view (project, map_of (project), everything, "B");
  c = cc_map_add_view (project, map_of (project), everything, "C");

  step = cc_project_get_undo_step (project);
  g_assert_true (cc_map_rename_view (project, b, "  Second  "));
  assert_views (project, "A|Second|C");
  g_assert_cmpstr (cc_project_get_undo_label (project), ==, "Rename View");
  /* A view keeps a name: an empty one changes nothing. */
  g_assert_false (cc_map_rename_view (project, b, "   "));
  assert_views (project, "A|Second|C");
  g_assert_true (cc_project_undo (project));
  assert_views (project, "A|B|C");
  g_assert_cmpuint (cc_project_get_undo_step (project), ==, step);
  g_assert_true (cc_project_redo (project));

  cc_map_move_view (project, c, 0);
  assert_views (project, "C|A|Second");
  g_assert_cmpstr (cc_project_get_undo_label (project), ==, "Move View");
  cc_map_move_view (project, c, 2);
  assert_views (project, "A|Second|C");
  g_assert_true (cc_project_undo (project));
  assert_views (project, "C|A|Second");
  g_assert_true (cc_project_undo (project));
  assert_views (project, "A|Second|C");
  g_assert_true (cc_project_redo (project));

  cc_map_delete_view (project, a);
  assert_views (project, "C|Second");
  g_assert_cmpstr (cc_project_get_undo_label (project), ==, "Delete View");
  g_assert_true (cc_project_undo (project));
  assert_views (project, "C|A|Second");
  g_assert_true (cc_project_redo (project));

  text = cc_project_serialize (project);
  again = load (g_bytes_get_data (text, NULL), NULL);
  assert_views (again, "C|Second");
}

/* What a view's row says it shows: its kind, then what of it. */
static void
test_view_summaries (void)
{
  g_autoptr(CcProject) project = load (plain, NULL);
  struct { CcRevealKind kind; const char *actor; guint step; const char *summary; } cases[] = {
    { CC_REVEAL_SECTOR, NULL, 1, "Sector: public, private" },
    { CC_REVEAL_STAGE, NULL, 0, "Stage: initiation" },
    { CC_REVEAL_LINK_TYPE, NULL, 0, "Link type: Strategic partnership" },
    { CC_REVEAL_NEIGHBOURHOOD, "a2", 1, "Neighbourhood: Acme, 2 links out" },
  };
  g_autoptr(CcReveal) none = cc_reveal_new (CC_REVEAL_SECTOR);
  g_autofree char *everything = cc_reveal_summarize (project, NULL);
  g_autofree char *nothing = cc_reveal_summarize (project, none);

  g_assert_cmpstr (everything, ==, "Everything");
  g_assert_cmpstr (nothing, ==, "Sector: none");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CcReveal) reveal = cc_reveal_step (project, map_of (project), cases[i].kind, cases[i].actor,
                                                   cases[i].step);
      g_autofree char *summary = cc_reveal_summarize (project, reveal);

      g_assert_cmpstr (summary, ==, cases[i].summary);
    }
}

/* Names that are no sector or stage, and missing link types, are reported
 * and left out; a neighbourhood of nobody is left out whole. */
static void
test_hostile_views (void)
{
  static const char text[] = HEAD ", \"views\": ["
    "{\"id\": \"v1\", \"name\": \"S\", \"reveal\": \"sector\", \"sectors\": [\"public\", \"martian\", \"\"]},"
    "{\"id\": \"v2\", \"name\": \"L\", \"reveal\": \"link-type\", \"link_types\": [\"informal\", \"t99\", \"n1\"]},"
    "{\"id\": \"v3\", \"name\": \"G\", \"reveal\": \"stage\", \"stages\": [\"exit\", \"dormant\"]},"
    "{\"id\": \"v4\", \"name\": \"N\", \"reveal\": \"neighbourhood\", \"actor\": \"a99\", \"depth\": 2},"
    "{\"id\": \"v5\", \"name\": \"N\", \"reveal\": \"neighbourhood\"},"
    "{\"id\": \"v6\", \"name\": \"D\", \"reveal\": \"neighbourhood\", \"actor\": \"a1\", \"depth\": 3},"
    "{\"id\": \"v7\", \"name\": \"\", \"reveal\": \"sector\"},"
    "{\"id\": \"v8\", \"name\": \"K\", \"reveal\": \"colour\"},"
    "{\"id\": \"v9\", \"name\": \"A\", \"reveal\": \"neighbourhood\", \"actor\": \"n1\"}]}]}";
  g_autofree char *errors = NULL;
  g_autoptr(CcProject) project = load (text, &errors);
  CcItem *map = map_of (project);

  g_assert_nonnull (strstr (errors, "sheets[0].views[0].sectors[1]: no sector “martian”"));
  g_assert_nonnull (strstr (errors, "sheets[0].views[0].sectors[2]: no sector “”"));
  g_assert_nonnull (strstr (errors, "sheets[0].views[1].link_types[1]: no link type “t99”"));
  g_assert_nonnull (strstr (errors, "sheets[0].views[1].link_types[2]: “n1” is a node, not a link type"));
  g_assert_nonnull (strstr (errors, "sheets[0].views[2].stages[1]: no stage “dormant”"));
  g_assert_nonnull (strstr (errors, "sheets[0].views[3].actor: no actor “a99”"));
  g_assert_nonnull (strstr (errors, "sheets[0].views[4].actor: a neighbourhood must name an organisation"));
  g_assert_nonnull (strstr (errors, "sheets[0].views[5].depth"));
  g_assert_nonnull (strstr (errors, "sheets[0].views[6].name"));
  g_assert_nonnull (strstr (errors, "sheets[0].views[7].reveal"));
  g_assert_nonnull (strstr (errors, "sheets[0].views[8].actor: “n1” is a node, not a actor"));

  /* v1, v2, v3 kept with what was sound in them, v6 at the default depth;
   * the rest dropped */
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_VIEWS), ==, 4);
  g_assert_cmpstr (cc_item_get_id (cc_item_get_child (map, CC_MAP_VIEWS, 3)), ==, "v6");
  g_assert_cmpint (cc_item_get_int (cc_item_get_child (map, CC_MAP_VIEWS, 3), CC_VIEW_DEPTH), ==, 1);
  {
    g_autoptr(CcReveal) s = cc_reveal_from_view (cc_item_get_child (map, CC_MAP_VIEWS, 0));
    g_autoptr(CcReveal) l = cc_reveal_from_view (cc_item_get_child (map, CC_MAP_VIEWS, 1));
    g_autoptr(CcReveal) g = cc_reveal_from_view (cc_item_get_child (map, CC_MAP_VIEWS, 2));

    g_assert_cmpuint (s->sectors, ==, 1u << CC_SECTOR_PUBLIC);
    g_assert_cmpstrv (l->link_types, ((const char * const[]) { "informal", NULL }));
    g_assert_cmpuint (g->stages, ==, 1u << CC_STAGE_EXIT);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reveal/steps/sector", test_sector_steps);
  g_test_add_func ("/reveal/steps/link-type", test_link_type_steps);
  g_test_add_func ("/reveal/steps/stage", test_stage_steps);
  g_test_add_func ("/reveal/steps/neighbourhood", test_neighbourhood_steps);
  g_test_add_func ("/reveal/views/saved-and-read-back", test_view_saved_and_read_back);
  g_test_add_func ("/reveal/views/follow-deletes", test_views_follow_deletes);
  g_test_add_func ("/reveal/views/hostile", test_hostile_views);
  g_test_add_func ("/reveal/views/managed", test_views_managed);
  g_test_add_func ("/reveal/views/summaries", test_view_summaries);
  return g_test_run ();
}
