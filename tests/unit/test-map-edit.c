/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cc-io.h"
#include "cc-map-edit.h"

static char *
text_of (CcProject *project)
{
  g_autoptr(GBytes) bytes = cc_project_serialize (project);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static CcProject *
example (void)
{
  g_autofree char *path = g_build_filename (SOURCE_ROOT, "data", "examples", "community-planning.concord", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);

  g_assert_nonnull (result);
  g_assert_true (cc_load_result_is_sound (result));
  return g_object_ref (result->project);
}

static CcItem *
first_map (CcProject *project)
{
  for (guint i = 0; i < cc_project_get_n_sheets (project); i++)
    if (cc_item_get_kind (cc_project_get_sheet (project, i)) == CC_KIND_MAP)
      return cc_project_get_sheet (project, i);
  g_assert_not_reached ();
}

/* The edit is one undo step, undo gives back the file byte for byte, redo
 * the edited one, and the edited project reads back soundly. */
static void
check_one_step (CcProject *project, const char *before)
{
  g_autofree char *after = text_of (project);
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_cmpstr (after, !=, before);
  {
    g_autoptr(CcLoadResult) again = cc_load_bytes (after, strlen (after));

    g_assert_true (cc_load_result_is_sound (again));
  }
  g_assert_true (cc_project_undo (project));
  undone = text_of (project);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (cc_project_redo (project));
  redone = text_of (project);
  g_assert_cmpstr (redone, ==, after);
}

static void
test_add_organisation_and_links (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *map = first_map (project);
  g_autofree char *before = text_of (project);
  guint actors = cc_item_get_n_children (cc_project_get_root (project), CC_PROJECT_ACTORS);
  CcItem *node, *next, *link;

  node = cc_map_add_organisation (project, map, NULL, "Riverside Credit Union", CC_SECTOR_VOLUNTARY, 50, 60);
  g_assert_cmpuint (cc_item_get_n_children (cc_project_get_root (project), CC_PROJECT_ACTORS), ==, actors + 1);
  g_assert_cmpstr (cc_item_get_string (cc_project_get_node_actor (project, node), CC_ACTOR_NAME), ==,
                   "Riverside Credit Union");
  g_assert_cmpfloat (cc_item_get_double (node, CC_NODE_X), ==, 50);
  check_one_step (project, before);

  g_clear_pointer (&before, g_free);
  before = text_of (project);
  next = cc_map_add_linked_organisation (project, map, node, "Money Advice Service", "delivery", 230, 60);
  link = cc_item_get_child (map, CC_MAP_LINKS, cc_item_get_n_children (map, CC_MAP_LINKS) - 1);
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_FROM), ==, cc_item_get_id (node));
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TO), ==, cc_item_get_id (next));
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, "delivery");
  check_one_step (project, before);

  g_assert_null (cc_map_add_link (project, map, node, node, "strategic"));
  g_clear_pointer (&before, g_free);
  before = text_of (project);
  link = cc_map_add_link (project, map, next, node, NULL);
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, "informal");
  check_one_step (project, before);

  /* Reusing an actor adds no actor. */
  actors = cc_item_get_n_children (cc_project_get_root (project), CC_PROJECT_ACTORS);
  cc_map_add_organisation (project, map, cc_project_get_node_actor (project, node), NULL, 0, 0, 0);
  g_assert_cmpuint (cc_item_get_n_children (cc_project_get_root (project), CC_PROJECT_ACTORS), ==, actors);
}

static void
test_move_delete_rename (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *map = first_map (project);
  CcItem *node = cc_item_get_child (map, CC_MAP_NODES, 0);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autofree char *before = text_of (project);
  double x = cc_item_get_double (node, CC_NODE_X);
  guint links = cc_item_get_n_children (map, CC_MAP_LINKS);
  guint n_links_on_node = 0;

  g_ptr_array_add (items, node);
  g_ptr_array_add (items, cc_item_get_child (map, CC_MAP_NODES, 1));
  cc_map_move_nodes (project, items, 25, -10);
  g_assert_cmpfloat (cc_item_get_double (node, CC_NODE_X), ==, x + 25);
  check_one_step (project, before);

  for (guint i = 0; i < links; i++)
    {
      CcItem *l = cc_item_get_child (map, CC_MAP_LINKS, i);

      if (g_str_equal (cc_item_get_string (l, CC_LINK_FROM), cc_item_get_id (node)) ||
          g_str_equal (cc_item_get_string (l, CC_LINK_TO), cc_item_get_id (node)))
        n_links_on_node++;
    }
  g_assert_cmpuint (n_links_on_node, >, 0);
  g_clear_pointer (&before, g_free);
  before = text_of (project);
  /* A node and one of its own links in the same call: no double delete. */
  g_ptr_array_set_size (items, 0);
  g_ptr_array_add (items, node);
  for (guint i = 0; i < links; i++)
    {
      CcItem *l = cc_item_get_child (map, CC_MAP_LINKS, i);

      if (g_str_equal (cc_item_get_string (l, CC_LINK_FROM), cc_item_get_id (node)))
        {
          g_ptr_array_add (items, l);
          break;
        }
    }
  cc_map_delete_items (project, items);
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_LINKS), ==, links - n_links_on_node);
  check_one_step (project, before);

  g_assert_false (cc_map_rename_node (project, node, "   "));
  g_clear_pointer (&before, g_free);
  before = text_of (project);
  g_assert_true (cc_map_rename_node (project, node, "  Riverside Borough Council "));
  g_assert_cmpstr (cc_item_get_string (cc_project_get_node_actor (project, node), CC_ACTOR_NAME), ==,
                   "Riverside Borough Council");
  check_one_step (project, before);
}

static void
test_align_distribute_group (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *map = first_map (project);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autofree char *before = NULL;
  CcItem *group;

  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (items, cc_item_get_child (map, CC_MAP_NODES, i));
  cc_project_set_double (project, items->pdata[0], CC_NODE_X, 0);
  cc_project_set_double (project, items->pdata[1], CC_NODE_X, 10);
  cc_project_set_double (project, items->pdata[2], CC_NODE_X, 100);
  cc_project_set_double (project, items->pdata[3], CC_NODE_X, 30);

  before = text_of (project);
  cc_map_distribute (project, items, FALSE);
  /* Sorted 0, 10, 30, 100 → 0, 33.3, 66.7, 100 */
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (items->pdata[1], CC_NODE_X), 100.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (items->pdata[3], CC_NODE_X), 200.0 / 3, 1e-9);
  check_one_step (project, before);

  g_clear_pointer (&before, g_free);
  before = text_of (project);
  cc_map_align (project, items, CC_ALIGN_TOP);
  {
    double top = cc_item_get_double (items->pdata[0], CC_NODE_Y);

    for (guint i = 1; i < items->len; i++)
      g_assert_cmpfloat (cc_item_get_double (items->pdata[i], CC_NODE_Y), ==, top);
  }
  check_one_step (project, before);

  g_clear_pointer (&before, g_free);
  before = text_of (project);
  group = cc_map_group (project, map, items, "Steering group");
  g_assert_cmpuint (g_strv_length ((char **) cc_item_get_strv (group, CC_GROUP_MEMBERS)), ==, 4);
  check_one_step (project, before);
  g_clear_pointer (&before, g_free);
  before = text_of (project);
  cc_map_ungroup (project, group);
  check_one_step (project, before);
}

static void
test_duplicate (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *map = first_map (project);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) created = NULL;
  g_autofree char *before = text_of (project);
  CcItem *a = NULL, *b = NULL;
  GPtrArray *links = cc_item_get_children (map, CC_MAP_LINKS);

  /* Two linked nodes. */
  a = cc_project_lookup (project, cc_item_get_string (links->pdata[0], CC_LINK_FROM));
  b = cc_project_lookup (project, cc_item_get_string (links->pdata[0], CC_LINK_TO));
  g_ptr_array_add (items, a);
  g_ptr_array_add (items, b);
  created = cc_map_duplicate (project, map, items, 30, 30);
  g_assert_cmpuint (created->len, >=, 3);
  g_assert_cmpint (cc_item_get_kind (created->pdata[0]), ==, CC_KIND_NODE);
  g_assert_cmpint (cc_item_get_kind (created->pdata[2]), ==, CC_KIND_LINK);
  g_assert_true (g_str_has_suffix (cc_item_get_string (cc_project_get_node_actor (project, created->pdata[0]),
                                                       CC_ACTOR_NAME), " (copy)"));
  g_assert_cmpfloat (cc_item_get_double (created->pdata[0], CC_NODE_X), ==, cc_item_get_double (a, CC_NODE_X) + 30);
  check_one_step (project, before);
}

static void
test_find_and_match (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *map = first_map (project);
  CcItem *node = cc_item_get_child (map, CC_MAP_NODES, 0);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) matched = NULL;

  cc_project_set_string (project, cc_project_get_node_actor (project, node), CC_ACTOR_NAME, "Café Ünïon");
  found = cc_map_find_nodes (project, map, "cafe un");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (found->pdata[0] == node);
  none = cc_map_find_nodes (project, map, "zzzz");
  g_assert_cmpuint (none->len, ==, 0);

  matched = cc_project_match_actors (project, "river", 50);
  g_assert_cmpuint (matched->len, >, 3);
  /* Names starting with the text come first. */
  g_assert_true (g_str_has_prefix (cc_item_get_string (matched->pdata[0], CC_ACTOR_NAME), "Riverside"));
  for (guint i = 1; i < matched->len; i++)
    {
      const char *prev = cc_item_get_string (matched->pdata[i - 1], CC_ACTOR_NAME);
      const char *cur = cc_item_get_string (matched->pdata[i], CC_ACTOR_NAME);

      if (g_str_has_prefix (cur, "River"))
        g_assert_true (g_str_has_prefix (prev, "River"));
    }
  g_ptr_array_unref (cc_project_match_actors (project, "", 5));
}

static void
test_neighbours (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *map = first_map (project);
  CcItem *link = cc_item_get_child (map, CC_MAP_LINKS, 0);
  CcItem *from = cc_project_lookup (project, cc_item_get_string (link, CC_LINK_FROM));
  CcItem *to = cc_project_lookup (project, cc_item_get_string (link, CC_LINK_TO));
  g_autoptr(GPtrArray) around = cc_map_neighbours (project, from);

  g_assert_true (g_ptr_array_find (around, to, NULL));
  g_assert_false (g_ptr_array_find (around, from, NULL));
}

static void
test_sheets (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *map = first_map (project);
  guint n = cc_project_get_n_sheets (project);
  g_autofree char *before = text_of (project);
  CcItem *copy, *added, *actor;
  CcItem *orig_node = cc_item_get_child (map, CC_MAP_NODES, 0);
  CcItem *copy_node;
  double x = cc_item_get_double (orig_node, CC_NODE_X);

  copy = cc_project_duplicate_sheet (project, map);
  g_assert_cmpuint (cc_project_get_n_sheets (project), ==, n + 1);
  g_assert_cmpuint (cc_item_get_index (copy), ==, cc_item_get_index (map) + 1);
  g_assert_cmpuint (cc_item_get_n_children (copy, CC_MAP_LINKS), ==, cc_item_get_n_children (map, CC_MAP_LINKS));
  check_one_step (project, before);

  /* The copy shares its actors: renaming one renames it on both maps; moving
   * a node on the copy leaves the original where it was. */
  copy_node = cc_item_get_child (copy, CC_MAP_NODES, 0);
  g_assert_cmpstr (cc_item_get_id (copy_node), !=, cc_item_get_id (orig_node));
  actor = cc_project_get_node_actor (project, copy_node);
  g_assert_true (actor == cc_project_get_node_actor (project, orig_node));
  cc_project_set_string (project, actor, CC_ACTOR_NAME, "Renamed Council");
  g_assert_cmpstr (cc_item_get_string (cc_project_get_node_actor (project, orig_node), CC_ACTOR_NAME), ==,
                   "Renamed Council");
  cc_project_set_double (project, copy_node, CC_NODE_X, x + 500);
  g_assert_cmpfloat (cc_item_get_double (orig_node, CC_NODE_X), ==, x);

  g_clear_pointer (&before, g_free);
  before = text_of (project);
  added = cc_project_add_sheet (project, CC_KIND_CANVAS, NULL, 0);
  g_assert_true (cc_project_get_sheet (project, 0) == added);
  g_assert_cmpstr (cc_item_get_string (added, CC_CANVAS_TEMPLATE), ==, "collaborative-gain");
  check_one_step (project, before);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/map-edit/add-organisation-and-links", test_add_organisation_and_links);
  g_test_add_func ("/map-edit/move-delete-rename", test_move_delete_rename);
  g_test_add_func ("/map-edit/align-distribute-group", test_align_distribute_group);
  g_test_add_func ("/map-edit/duplicate", test_duplicate);
  g_test_add_func ("/map-edit/find-and-match", test_find_and_match);
  g_test_add_func ("/map-edit/neighbours", test_neighbours);
  g_test_add_func ("/map-edit/sheets", test_sheets);
  return g_test_run ();
}
