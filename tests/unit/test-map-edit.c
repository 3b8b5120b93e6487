/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "../cc-test-util.h"

#include <string.h>

#include "cc-io.h"
#include "cc-map-edit.h"

/* Helpers */

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

static CcItem *
lookup (CcProject *project, const char *id)
{
  CcItem *item = cc_project_lookup (project, id);

  g_assert_nonnull (item);
  return item;
}

static const char *
name_of (CcProject *project, CcItem *node)
{
  CcItem *actor = cc_project_get_node_actor (project, node);

  g_assert_nonnull (actor);
  return cc_item_get_string (actor, CC_ACTOR_NAME);
}

static guint
n_actors (CcProject *project)
{
  return cc_item_get_n_children (cc_project_get_root (project), CC_PROJECT_ACTORS);
}

static gboolean
link_touches (CcItem *link, CcItem *node)
{
  return g_str_equal (cc_item_get_string (link, CC_LINK_FROM), cc_item_get_id (node)) ||
         g_str_equal (cc_item_get_string (link, CC_LINK_TO), cc_item_get_id (node));
}

static guint
n_links_on (CcItem *map, CcItem *node)
{
  guint n = 0;

  for (guint i = 0; i < cc_item_get_n_children (map, CC_MAP_LINKS); i++)
    n += link_touches (cc_item_get_child (map, CC_MAP_LINKS, i), node);
  return n;
}

/* A project with one map and an organisation per name, at the positions
 * given, with no history. */
static CcProject *
small_project (const char * const *names, const double *xy, CcItem **nodes)
{
  CcProject *project = cc_project_new ();
  CcItem *map = cc_project_add_sheet (project, CC_KIND_MAP, "Test map", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      CcItem *node = cc_map_add_organisation (project, map, NULL, names[i], CC_SECTOR_PUBLIC,
                                              xy ? xy[2 * i] : 0, xy ? xy[2 * i + 1] : 0);

      if (nodes)
        nodes[i] = node;
    }
  cc_project_clear_history (project);
  return project;
}

static GPtrArray *
array_of (CcItem *first, ...)
{
  GPtrArray *items = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (CcItem *item = first; item != NULL; item = va_arg (args, CcItem *))
    g_ptr_array_add (items, item);
  va_end (args);
  return items;
}

static void
collect_ids (CcItem *item, GHashTable *ids)
{
  const CcKindInfo *info = cc_item_get_info (item);

  if (info->id_prefix != NULL)
    g_hash_table_add (ids, g_strdup (cc_item_get_id (item)));
  for (guint s = 0; s < info->n_slots; s++)
    for (guint i = 0; i < cc_item_get_n_children (item, s); i++)
      collect_ids (cc_item_get_child (item, s, i), ids);
}

/* Adding */

static void
test_add_organisation (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *map = first_map (project);
  g_autofree char *before = text_of (project);
  guint history = cc_project_get_history_length (project);
  guint actors = n_actors (project);
  guint nodes = cc_item_get_n_children (map, CC_MAP_NODES);
  CcItem *node, *actor;

  node = cc_map_add_organisation (project, map, NULL, "Riverside Credit Union", CC_SECTOR_VOLUNTARY, 50, 60);
  g_assert_nonnull (node);
  g_assert_true (cc_item_get_parent (node) == map);
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_NODES), ==, nodes + 1);
  g_assert_cmpuint (n_actors (project), ==, actors + 1);
  actor = cc_project_get_node_actor (project, node);
  g_assert_cmpstr (cc_item_get_string (actor, CC_ACTOR_NAME), ==, "Riverside Credit Union");
  g_assert_cmpint (cc_item_get_int (actor, CC_ACTOR_SECTOR), ==, CC_SECTOR_VOLUNTARY);
  g_assert_cmpfloat (cc_item_get_double (node, CC_NODE_X), ==, 50);
  g_assert_cmpfloat (cc_item_get_double (node, CC_NODE_Y), ==, 60);
  check_one_step (project, before, history, "Add Organisation");

  /* Reusing an actor adds a node but no actor. */
  g_clear_pointer (&before, g_free);
  before = text_of (project);
  history = cc_project_get_history_length (project);
  actors = n_actors (project);
  node = cc_map_add_organisation (project, map, actor, NULL, CC_SECTOR_OTHER, -20, -30);
  g_assert_true (cc_project_get_node_actor (project, node) == actor);
  g_assert_cmpuint (n_actors (project), ==, actors);
  check_one_step (project, before, history, "Add Organisation");

  /* Far out of range lands on the edge of the sheet. */
  g_clear_pointer (&before, g_free);
  before = text_of (project);
  history = cc_project_get_history_length (project);
  node = cc_map_add_organisation (project, map, NULL, "Far Away Trust", CC_SECTOR_COMMUNITY, 1e12, -1e12);
  g_assert_cmpfloat (cc_item_get_double (node, CC_NODE_X), ==, CC_MAX_COORDINATE);
  g_assert_cmpfloat (cc_item_get_double (node, CC_NODE_Y), ==, -CC_MAX_COORDINATE);
  check_one_step (project, before, history, "Add Organisation");

  /* No name, no organisation. */
  g_clear_pointer (&before, g_free);
  before = text_of (project);
  history = cc_project_get_history_length (project);
  g_assert_null (cc_map_add_organisation (project, map, NULL, "", CC_SECTOR_PUBLIC, 0, 0));
  check_no_step (project, before, history);
}

/* Each type of the project draws its own line where there is one to
 * spare: a new type takes the pattern fewest others draw. */
static void
test_add_link_type (void)
{
  g_autoptr(CcProject) project = cc_project_new ();
  CcItem *map = cc_item_new (CC_KIND_MAP), *a, *b, *type;
  CcItem *root = cc_project_get_root (project);
  g_autofree char *before = NULL;
  guint history;

  cc_item_set_string (map, CC_SHEET_TITLE, "Map");
  map = cc_project_insert (project, root, CC_PROJECT_SHEETS, -1, map);
  a = cc_map_add_organisation (project, map, NULL, "Council", CC_SECTOR_PUBLIC, 0, 0);
  b = cc_map_add_organisation (project, map, NULL, "Trust", CC_SECTOR_VOLUNTARY, 300, 0);
  cc_map_add_link (project, map, a, b, "strategic");   /* solid */
  cc_map_add_link (project, map, b, a, "informal");    /* dotted */

  before = text_of (project);
  history = cc_project_get_history_length (project);
  type = cc_map_add_link_type (project, "Funding", "#c64600");
  g_assert_nonnull (type);
  g_assert_cmpint (cc_item_get_int (type, CC_LINK_TYPE_DASH), ==, CC_DASH_DASHED);
  g_assert_cmpstr (cc_item_get_string (type, CC_LINK_TYPE_LABEL), ==, "Funding");
  g_assert_cmpstr (cc_item_get_string (type, CC_LINK_TYPE_COLOR), ==, "#c64600");
  check_one_step (project, before, history, "Add Link Type");

  type = cc_map_add_link_type (project, "Accountability", "#613583");
  g_assert_cmpint (cc_item_get_int (type, CC_LINK_TYPE_DASH), ==, CC_DASH_DASH_DOT);
  /* A built-in type no link uses is in no legend, and leaves its line free */
  g_assert_cmpint (cc_map_free_dash (project), ==, CC_DASH_SOLID);
  cc_map_add_link (project, map, a, b, "statutory");   /* dash-dot */
  g_assert_cmpint (cc_map_free_dash (project), ==, CC_DASH_SOLID);
  cc_map_add_link (project, map, a, b, "delivery");    /* dashed */
  type = cc_map_add_link_type (project, "Contract", "#1c71d8");
  g_assert_cmpint (cc_item_get_int (type, CC_LINK_TYPE_DASH), ==, CC_DASH_SOLID);
  /* All taken: the least drawn */
  g_assert_cmpint (cc_map_free_dash (project), ==, CC_DASH_DOTTED);
}

static void
test_add_link (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *map = first_map (project);
  CcItem *council = lookup (project, "n-council");
  CcItem *college = lookup (project, "n-college");
  g_autofree char *before = text_of (project);
  guint history = cc_project_get_history_length (project);
  guint links = cc_item_get_n_children (map, CC_MAP_LINKS);
  CcItem *link;

  link = cc_map_add_link (project, map, council, college, "funding");
  g_assert_nonnull (link);
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_LINKS), ==, links + 1);
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_FROM), ==, "n-council");
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TO), ==, "n-college");
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, "funding");
  check_one_step (project, before, history, "Add Link");

  /* No type: informal. */
  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&before, g_free);
      before = text_of (project);
      history = cc_project_get_history_length (project);
      link = cc_map_add_link (project, map, college, council, i == 0 ? NULL : "");
      g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, "informal");
      check_one_step (project, before, history, "Add Link");
    }

  /* A built-in type other than informal. */
  link = cc_map_add_link (project, map, college, council, "strategic");
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, "strategic");

  /* A type the project does not have would make a file that does not load:
   * informal instead. */
  g_clear_pointer (&before, g_free);
  before = text_of (project);
  history = cc_project_get_history_length (project);
  link = cc_map_add_link (project, map, college, council, "no-such-type");
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, "informal");
  check_one_step (project, before, history, "Add Link");

  /* Not to itself. */
  g_clear_pointer (&before, g_free);
  before = text_of (project);
  history = cc_project_get_history_length (project);
  g_assert_null (cc_map_add_link (project, map, council, council, "strategic"));
  check_no_step (project, before, history);
}

static void
test_add_linked_organisation (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *map = first_map (project);
  CcItem *council = lookup (project, "n-council");
  g_autofree char *before = text_of (project);
  guint history = cc_project_get_history_length (project);
  guint actors = n_actors (project);
  guint links = cc_item_get_n_children (map, CC_MAP_LINKS);
  CcItem *node, *link;

  node = cc_map_add_linked_organisation (project, map, council, "Money Advice Service", "delivery", 230, 60);
  g_assert_nonnull (node);
  g_assert_cmpstr (name_of (project, node), ==, "Money Advice Service");
  g_assert_cmpuint (n_actors (project), ==, actors + 1);
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_LINKS), ==, links + 1);
  link = cc_item_get_child (map, CC_MAP_LINKS, links);
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_FROM), ==, "n-council");
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TO), ==, cc_item_get_id (node));
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, "delivery");
  g_assert_cmpfloat (cc_item_get_double (node, CC_NODE_X), ==, 230);
  /* Actor, node and link go in one undo. */
  check_one_step (project, before, history, "Add Organisation");
  g_assert_true (cc_project_undo (project));
  g_assert_cmpuint (n_actors (project), ==, actors);
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_LINKS), ==, links);
}

/* Moving, deleting, renaming */

static void
test_move (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *map = first_map (project);
  CcItem *a = cc_item_get_child (map, CC_MAP_NODES, 0);
  CcItem *b = cc_item_get_child (map, CC_MAP_NODES, 1);
  CcItem *link = cc_item_get_child (map, CC_MAP_LINKS, 0);
  g_autoptr(GPtrArray) items = array_of (a, b, link, a, NULL);
  g_autofree char *before = text_of (project);
  guint history = cc_project_get_history_length (project);
  double ax = cc_item_get_double (a, CC_NODE_X), ay = cc_item_get_double (a, CC_NODE_Y);
  double bx = cc_item_get_double (b, CC_NODE_X), by = cc_item_get_double (b, CC_NODE_Y);

  /* Listed twice, moved once; the link is not a node. */
  cc_map_move_nodes (project, items, 25, -10);
  g_assert_cmpfloat (cc_item_get_double (a, CC_NODE_X), ==, ax + 25);
  g_assert_cmpfloat (cc_item_get_double (a, CC_NODE_Y), ==, ay - 10);
  g_assert_cmpfloat (cc_item_get_double (b, CC_NODE_X), ==, bx + 25);
  g_assert_cmpfloat (cc_item_get_double (b, CC_NODE_Y), ==, by - 10);
  check_one_step (project, before, history, "Move");

  g_clear_pointer (&before, g_free);
  before = text_of (project);
  history = cc_project_get_history_length (project);
  cc_map_move_nodes (project, items, 0, 0);
  check_no_step (project, before, history);

  cc_map_move_nodes (project, items, 5e6, -5e6);
  g_assert_cmpfloat (cc_item_get_double (a, CC_NODE_X), ==, CC_MAX_COORDINATE);
  g_assert_cmpfloat (cc_item_get_double (b, CC_NODE_Y), ==, -CC_MAX_COORDINATE);
  check_one_step (project, before, history, "Move");
}

static void
test_delete_node (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *map = first_map (project);
  CcItem *tenants = lookup (project, "n-tenants");
  CcItem *housing = lookup (project, "g-housing");
  CcItem *actor = cc_project_get_node_actor (project, tenants);
  g_autoptr(GPtrArray) items = array_of (tenants, NULL);
  g_autofree char *before = text_of (project);
  guint history = cc_project_get_history_length (project);
  guint links = cc_item_get_n_children (map, CC_MAP_LINKS);
  guint nodes = cc_item_get_n_children (map, CC_MAP_NODES);
  guint on_node = n_links_on (map, tenants);

  g_assert_cmpuint (on_node, ==, 2);
  g_assert_true (g_strv_contains (cc_item_get_strv (housing, CC_GROUP_MEMBERS), "n-tenants"));

  cc_map_delete_items (project, items);
  g_assert_null (cc_project_lookup (project, "n-tenants"));
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_NODES), ==, nodes - 1);
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_LINKS), ==, links - on_node);
  g_assert_null (cc_project_lookup (project, "l18"));
  g_assert_null (cc_project_lookup (project, "l24"));
  g_assert_false (g_strv_contains (cc_item_get_strv (housing, CC_GROUP_MEMBERS), "n-tenants"));
  g_assert_cmpuint (g_strv_length ((char **) cc_item_get_strv (housing, CC_GROUP_MEMBERS)), ==, 2);
  /* The organisation stays in the project. */
  g_assert_true (cc_project_lookup (project, cc_item_get_id (actor)) == actor);
  check_one_step (project, before, history, "Delete");

  /* One undo brings back the node, its links and its place in the group. */
  g_assert_true (cc_project_undo (project));
  g_assert_true (cc_project_lookup (project, "n-tenants") == tenants);
  g_assert_cmpuint (n_links_on (map, tenants), ==, on_node);
  g_assert_nonnull (cc_project_lookup (project, "l18"));
  g_assert_true (g_strv_contains (cc_item_get_strv (housing, CC_GROUP_MEMBERS), "n-tenants"));
}

static void
test_delete_mixed (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *map = first_map (project);
  CcItem *rha = lookup (project, "n-rha");
  CcItem *own_link = lookup (project, "l26");     /* rha -> council */
  CcItem *other_link = lookup (project, "l18");   /* tenants -> csg */
  CcItem *group = lookup (project, "g-vsf");
  CcItem *housing = lookup (project, "g-housing");
  /* The node's own link after the node: already gone when reached. */
  g_autoptr(GPtrArray) items = array_of (rha, own_link, other_link, group, NULL);
  g_autofree char *before = text_of (project);
  guint history = cc_project_get_history_length (project);
  guint links = cc_item_get_n_children (map, CC_MAP_LINKS);
  guint groups = cc_item_get_n_children (map, CC_MAP_GROUPS);
  guint on_rha = n_links_on (map, rha);

  cc_map_delete_items (project, items);
  g_assert_null (cc_project_lookup (project, "n-rha"));
  g_assert_null (cc_project_lookup (project, "l26"));
  g_assert_null (cc_project_lookup (project, "l18"));
  g_assert_null (cc_project_lookup (project, "g-vsf"));
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_LINKS), ==, links - on_rha - 1);
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_GROUPS), ==, groups - 1);
  /* A group's nodes stay when the group goes. */
  g_assert_nonnull (cc_project_lookup (project, "n-foodbank"));
  g_assert_false (g_strv_contains (cc_item_get_strv (housing, CC_GROUP_MEMBERS), "n-rha"));
  check_one_step (project, before, history, "Delete");

  /* Nothing to delete: no step. */
  g_clear_pointer (&before, g_free);
  before = text_of (project);
  history = cc_project_get_history_length (project);
  cc_map_delete_items (project, items);
  check_no_step (project, before, history);
}

static void
test_rename (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *council = lookup (project, "n-council");
  CcItem *future_council = NULL;
  CcItem *future = cc_project_get_sheet (project, 1);
  g_autofree char *before = text_of (project);
  guint history = cc_project_get_history_length (project);

  for (guint i = 0; i < cc_item_get_n_children (future, CC_MAP_NODES); i++)
    if (cc_project_get_node_actor (project, cc_item_get_child (future, CC_MAP_NODES, i)) ==
        cc_project_get_node_actor (project, council))
      future_council = cc_item_get_child (future, CC_MAP_NODES, i);
  g_assert_nonnull (future_council);

  g_assert_false (cc_map_rename_node (project, council, ""));
  g_assert_false (cc_map_rename_node (project, council, "   "));
  g_assert_false (cc_map_rename_node (project, council, NULL));
  check_no_step (project, before, history);

  g_assert_true (cc_map_rename_node (project, council, "  Riverside Borough Council "));
  g_assert_cmpstr (name_of (project, council), ==, "Riverside Borough Council");
  /* The organisation, so on every map it is on. */
  g_assert_cmpstr (name_of (project, future_council), ==, "Riverside Borough Council");
  check_one_step (project, before, history, "Rename");
}

/* Several nodes: their organisations, each once, in one step. */
static void
test_set_sector (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *map = first_map (project);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autofree char *before = NULL;
  guint history;

  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (items, cc_item_get_child (map, CC_MAP_NODES, i));
  g_ptr_array_add (items, cc_item_get_child (map, CC_MAP_LINKS, 0));
  cc_map_set_sector (project, items, CC_SECTOR_VOLUNTARY);
  cc_project_clear_history (project);
  before = text_of (project);
  history = cc_project_get_history_length (project);
  g_assert_false (cc_map_set_sector (project, items, CC_SECTOR_VOLUNTARY));
  check_no_step (project, before, history);

  g_assert_true (cc_map_set_sector (project, items, CC_SECTOR_COMMUNITY));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (cc_item_get_int (cc_project_get_node_actor (project, items->pdata[i]), CC_ACTOR_SECTOR), ==,
                     CC_SECTOR_COMMUNITY);
  check_one_step (project, before, history, "Change Sector");
}

/* Duplicating */

static void
test_duplicate (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *map = first_map (project);
  CcItem *rha = lookup (project, "n-rha");
  CcItem *valley = lookup (project, "n-valley-homes");
  CcItem *tenants = lookup (project, "n-tenants");
  CcItem *council = lookup (project, "n-council");
  g_autoptr(GPtrArray) items = array_of (rha, valley, tenants, council, lookup (project, "l18"), NULL);
  g_autoptr(GPtrArray) created = NULL;
  g_autofree char *before = text_of (project);
  guint history = cc_project_get_history_length (project);
  guint actors = n_actors (project);
  guint groups = cc_item_get_n_children (map, CC_MAP_GROUPS);
  GHashTable *copy_of = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_links = 0, n_groups = 0;

  created = cc_map_duplicate (project, map, items, 30, 40);
  /* Nodes first, in the order given. */
  g_assert_cmpuint (created->len, >=, 4);
  for (guint i = 0; i < 4; i++)
    {
      CcItem *orig = items->pdata[i];
      CcItem *copy = created->pdata[i];

      g_assert_cmpint (cc_item_get_kind (copy), ==, CC_KIND_NODE);
      g_assert_true (cc_item_get_parent (copy) == map);
      g_assert_true (cc_project_get_node_actor (project, copy) != cc_project_get_node_actor (project, orig));
      {
        g_autofree char *expected = g_strdup_printf ("%s (copy)", name_of (project, orig));

        g_assert_cmpstr (name_of (project, copy), ==, expected);
      }
      g_assert_cmpint (cc_item_get_int (cc_project_get_node_actor (project, copy), CC_ACTOR_SECTOR), ==,
                       cc_item_get_int (cc_project_get_node_actor (project, orig), CC_ACTOR_SECTOR));
      g_assert_cmpfloat (cc_item_get_double (copy, CC_NODE_X), ==, cc_item_get_double (orig, CC_NODE_X) + 30);
      g_assert_cmpfloat (cc_item_get_double (copy, CC_NODE_Y), ==, cc_item_get_double (orig, CC_NODE_Y) + 40);
      g_hash_table_insert (copy_of, (gpointer) cc_item_get_id (orig), (gpointer) cc_item_get_id (copy));
    }
  g_assert_cmpuint (n_actors (project), ==, actors + 4);

  /* Then the links among them (rha -> council only; tenants -> csg is not
   * among them, though selected), then the groups wholly among them. */
  for (guint i = 4; i < created->len; i++)
    {
      CcItem *item = created->pdata[i];

      if (cc_item_get_kind (item) == CC_KIND_LINK)
        {
          g_assert_cmpuint (n_groups, ==, 0);
          n_links++;
          g_assert_cmpstr (cc_item_get_string (item, CC_LINK_FROM), ==, g_hash_table_lookup (copy_of, "n-rha"));
          g_assert_cmpstr (cc_item_get_string (item, CC_LINK_TO), ==, g_hash_table_lookup (copy_of, "n-council"));
          g_assert_cmpstr (cc_item_get_string (item, CC_LINK_LABEL), ==, "Homelessness support contract");
          g_assert_cmpstr (cc_item_get_string (item, CC_LINK_TYPE), ==, "delivery");
        }
      else
        {
          const char * const *members = cc_item_get_strv (item, CC_GROUP_MEMBERS);

          g_assert_cmpint (cc_item_get_kind (item), ==, CC_KIND_GROUP);
          n_groups++;
          g_assert_cmpstr (cc_item_get_string (item, CC_GROUP_TITLE), ==, "Housing and tenants");
          g_assert_cmpuint (g_strv_length ((char **) members), ==, 3);
          g_assert_cmpstr (members[0], ==, g_hash_table_lookup (copy_of, "n-rha"));
          g_assert_cmpstr (members[1], ==, g_hash_table_lookup (copy_of, "n-valley-homes"));
          g_assert_cmpstr (members[2], ==, g_hash_table_lookup (copy_of, "n-tenants"));
        }
    }
  g_assert_cmpuint (n_links, ==, 1);
  g_assert_cmpuint (n_groups, ==, 1);
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_GROUPS), ==, groups + 1);
  g_hash_table_unref (copy_of);
  check_one_step (project, before, history, "Duplicate");

  /* Nothing to copy: nothing done. */
  {
    g_autoptr(GPtrArray) links_only = array_of (lookup (project, "l18"), NULL);
    g_autoptr(GPtrArray) none = NULL;

    g_clear_pointer (&before, g_free);
    before = text_of (project);
    history = cc_project_get_history_length (project);
    none = cc_map_duplicate (project, map, links_only, 30, 40);
    g_assert_cmpuint (none->len, ==, 0);
    check_no_step (project, before, history);
  }
}

/* Aligning and distributing */

static const char * const four_names[] = { "Alpha", "Bravo", "Charlie", "Delta", NULL };
static const double four_xy[] = { 0, 40, 10, -20, 100, 30, 30, 70 };

static void
test_align (void)
{
  static const struct { CcAlign align; guint field; double expected; const char *what; } cases[] = {
    { CC_ALIGN_LEFT,   CC_NODE_X, 0,     "left" },
    { CC_ALIGN_CENTRE, CC_NODE_X, 35,    "centre" },
    { CC_ALIGN_RIGHT,  CC_NODE_X, 100,   "right" },
    { CC_ALIGN_TOP,    CC_NODE_Y, -20,   "top" },
    { CC_ALIGN_MIDDLE, CC_NODE_Y, 30,    "middle" },
    { CC_ALIGN_BOTTOM, CC_NODE_Y, 70,    "bottom" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      CcItem *nodes[4];
      g_autoptr(CcProject) project = small_project (four_names, four_xy, nodes);
      g_autoptr(GPtrArray) items = array_of (nodes[0], nodes[1], nodes[2], nodes[3], NULL);
      g_autofree char *before = text_of (project);
      guint other = cases[c].field == CC_NODE_X ? CC_NODE_Y : CC_NODE_X;

      g_test_message ("align %s", cases[c].what);
      cc_map_align (project, items, cases[c].align);
      for (guint i = 0; i < 4; i++)
        {
          g_assert_cmpfloat_with_epsilon (cc_item_get_double (nodes[i], cases[c].field), cases[c].expected, 1e-9);
          /* The other coordinate stays. */
          g_assert_cmpfloat (cc_item_get_double (nodes[i], other), ==, four_xy[2 * i + (other == CC_NODE_Y)]);
        }
      check_one_step (project, before, 0, "Align");
    }

  /* One node: nothing to align with. */
  {
    CcItem *nodes[4];
    g_autoptr(CcProject) project = small_project (four_names, four_xy, nodes);
    g_autoptr(GPtrArray) items = array_of (nodes[2], NULL);
    g_autofree char *before = text_of (project);

    cc_map_align (project, items, CC_ALIGN_LEFT);
    check_no_step (project, before, 0);
  }
}

static void
test_distribute (void)
{
  CcItem *nodes[4];
  g_autoptr(CcProject) project = small_project (four_names, four_xy, nodes);
  g_autoptr(GPtrArray) items = array_of (nodes[0], nodes[1], nodes[2], nodes[3], NULL);
  g_autoptr(GPtrArray) two = array_of (nodes[0], nodes[1], NULL);
  g_autofree char *before = text_of (project);

  /* x: 0, 10, 100, 30 → sorted 0 (A), 10 (B), 30 (D), 100 (C): the ends
   * stay, B and D go to a third and two thirds of the way. */
  cc_map_distribute (project, items, FALSE);
  g_assert_cmpfloat (cc_item_get_double (nodes[0], CC_NODE_X), ==, 0);
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (nodes[1], CC_NODE_X), 100.0 / 3, 1e-9);
  g_assert_cmpfloat (cc_item_get_double (nodes[2], CC_NODE_X), ==, 100);
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (nodes[3], CC_NODE_X), 200.0 / 3, 1e-9);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (cc_item_get_double (nodes[i], CC_NODE_Y), ==, four_xy[2 * i + 1]);
  check_one_step (project, before, 0, "Distribute");

  /* y: 40, -20, 30, 70 → sorted -20 (B), 30 (C), 40 (A), 70 (D): C to 10,
   * A to 40. */
  g_clear_pointer (&before, g_free);
  before = text_of (project);
  cc_map_distribute (project, items, TRUE);
  g_assert_cmpfloat (cc_item_get_double (nodes[1], CC_NODE_Y), ==, -20);
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (nodes[2], CC_NODE_Y), 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (nodes[0], CC_NODE_Y), 40, 1e-9);
  g_assert_cmpfloat (cc_item_get_double (nodes[3], CC_NODE_Y), ==, 70);
  check_one_step (project, before, 1, "Distribute");

  /* Two nodes: nothing between them to space. */
  g_clear_pointer (&before, g_free);
  before = text_of (project);
  cc_map_distribute (project, two, FALSE);
  check_no_step (project, before, 2);
}

/* Groups */

static void
test_group (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *map = first_map (project);
  CcItem *a = lookup (project, "n-college");
  CcItem *b = lookup (project, "n-council");
  g_autoptr(GPtrArray) items = array_of (a, lookup (project, "l26"), b, a, NULL);
  g_autofree char *before = text_of (project);
  guint history = cc_project_get_history_length (project);
  guint groups = cc_item_get_n_children (map, CC_MAP_GROUPS);
  guint nodes = cc_item_get_n_children (map, CC_MAP_NODES);
  const char * const *members;
  CcItem *group;

  group = cc_map_group (project, map, items, "Skills partnership");
  g_assert_nonnull (group);
  g_assert_true (cc_item_get_parent (group) == map);
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_GROUPS), ==, groups + 1);
  g_assert_cmpstr (cc_item_get_string (group, CC_GROUP_TITLE), ==, "Skills partnership");
  members = cc_item_get_strv (group, CC_GROUP_MEMBERS);
  g_assert_cmpuint (g_strv_length ((char **) members), ==, 2);
  g_assert_cmpstr (members[0], ==, "n-college");
  g_assert_cmpstr (members[1], ==, "n-council");
  check_one_step (project, before, history, "Group");

  g_clear_pointer (&before, g_free);
  before = text_of (project);
  history = cc_project_get_history_length (project);
  cc_map_ungroup (project, group);
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_GROUPS), ==, groups);
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_NODES), ==, nodes);
  g_assert_true (cc_project_lookup (project, "n-college") == a);
  check_one_step (project, before, history, "Ungroup");
}

/* Finding */

static void
test_neighbours (void)
{
  static const char * const names[] = { "Centre", "Far", "Near", "Middle", "Unlinked", NULL };
  static const double xy[] = { 0, 0, 300, 0, 0, 10, 0, -100, 1, 1 };
  CcItem *n[5];
  g_autoptr(CcProject) project = small_project (names, xy, n);
  CcItem *map = cc_project_get_sheet (project, 0);
  g_autoptr(GPtrArray) around = NULL;
  g_autoptr(GPtrArray) of_far = NULL;

  cc_map_add_link (project, map, n[0], n[1], NULL);   /* out */
  cc_map_add_link (project, map, n[2], n[0], NULL);   /* in */
  cc_map_add_link (project, map, n[0], n[3], NULL);
  cc_map_add_link (project, map, n[3], n[0], NULL);   /* both ways: once */
  cc_map_add_link (project, map, n[1], n[3], NULL);   /* not Centre's */

  around = cc_map_neighbours (project, n[0]);
  g_assert_cmpuint (around->len, ==, 3);
  g_assert_true (around->pdata[0] == n[2]);
  g_assert_true (around->pdata[1] == n[3]);
  g_assert_true (around->pdata[2] == n[1]);

  of_far = cc_map_neighbours (project, n[4]);
  g_assert_cmpuint (of_far->len, ==, 0);
}

static void
test_find (void)
{
  static const char * const names[] = { "Café Ünïon", "Northbank Straße Trust", "CAFE ROYAL", "Riverside Council", NULL };
  CcItem *n[4];
  g_autoptr(CcProject) project = small_project (names, NULL, n);
  CcItem *map = cc_project_get_sheet (project, 0);
  static const char * const finds_cafes[] = { "Cafe", "cafe", "CAFÉ", "café", "afe", NULL };

  for (guint i = 0; finds_cafes[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) found = cc_map_find_nodes (project, map, finds_cafes[i]);

      g_test_message ("find “%s”", finds_cafes[i]);
      /* In sheet order. */
      g_assert_cmpuint (found->len, ==, 2);
      g_assert_true (found->pdata[0] == n[0]);
      g_assert_true (found->pdata[1] == n[2]);
    }

  {
    g_autoptr(GPtrArray) found = cc_map_find_nodes (project, map, "cafe union");
    g_autoptr(GPtrArray) strasse = cc_map_find_nodes (project, map, "STRASSE");
    g_autoptr(GPtrArray) none = cc_map_find_nodes (project, map, "zzzz");
    g_autoptr(GPtrArray) empty = cc_map_find_nodes (project, map, "");

    g_assert_cmpuint (found->len, ==, 1);
    g_assert_true (found->pdata[0] == n[0]);
    g_assert_cmpuint (strasse->len, ==, 1);
    g_assert_true (strasse->pdata[0] == n[1]);
    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (empty->len, ==, 0);
  }

  /* Found by the name it has now. */
  g_assert_true (cc_map_rename_node (project, n[3], "Riverside Borough Council"));
  {
    g_autoptr(GPtrArray) found = cc_map_find_nodes (project, map, "borough");

    g_assert_cmpuint (found->len, ==, 1);
    g_assert_true (found->pdata[0] == n[3]);
  }
}

static void
test_match_actors (void)
{
  static const char * const names[] = { "The River Trust", "Riverside Council", "Alpha Group",
                                        "Council of Riverside", "riverbank trust", "Rïverton Forum", NULL };
  g_autoptr(CcProject) project = small_project (names, NULL, NULL);
  g_autoptr(GPtrArray) all = cc_project_match_actors (project, "river", 50);
  g_autoptr(GPtrArray) three = cc_project_match_actors (project, "RIVER", 3);
  g_autoptr(GPtrArray) empty = cc_project_match_actors (project, "", 50);
  g_autoptr(GPtrArray) null = cc_project_match_actors (project, NULL, 50);
  g_autoptr(GPtrArray) none = cc_project_match_actors (project, "zzz", 50);
  /* Those that start with it, alphabetically, then those that contain it. */
  static const char * const expected[] = { "riverbank trust", "Riverside Council", "Rïverton Forum",
                                           "Council of Riverside", "The River Trust", NULL };

  g_assert_cmpuint (all->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (cc_item_get_string (all->pdata[i], CC_ACTOR_NAME), ==, expected[i]);
  g_assert_cmpuint (three->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (three->pdata[i] == all->pdata[i]);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (null->len, ==, 0);
  g_assert_cmpuint (none->len, ==, 0);
}

/* Sheets */

static void
test_add_sheet (void)
{
  static const struct { CcKind kind; const char *title; } kinds[] = {
    { CC_KIND_MAP, "New map" },
    { CC_KIND_FORCEFIELD, "New force field" },
  };
  g_autoptr(CcProject) project = example ();

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *before = text_of (project);
      guint history = cc_project_get_history_length (project);
      guint n = cc_project_get_n_sheets (project);
      CcItem *sheet;

      /* At the end, with the default title. */
      sheet = cc_project_add_sheet (project, kinds[k].kind, NULL, -1);
      g_assert_cmpint (cc_item_get_kind (sheet), ==, kinds[k].kind);
      g_assert_cmpuint (cc_project_get_n_sheets (project), ==, n + 1);
      g_assert_true (cc_project_get_sheet (project, n) == sheet);
      g_assert_cmpstr (cc_item_get_string (sheet, CC_SHEET_TITLE), ==, kinds[k].title);
      check_one_step (project, before, history, "Add Sheet");

      /* At the front, with a title. */
      g_clear_pointer (&before, g_free);
      before = text_of (project);
      history = cc_project_get_history_length (project);
      sheet = cc_project_add_sheet (project, kinds[k].kind, "Workshop 2", 0);
      g_assert_true (cc_project_get_sheet (project, 0) == sheet);
      g_assert_cmpstr (cc_item_get_string (sheet, CC_SHEET_TITLE), ==, "Workshop 2");
      check_one_step (project, before, history, "Add Sheet");
    }
}

/* Every id inside @copy is new, and every same-sheet reference inside it
 * points inside it. */
static void
check_renumbered (CcProject *project, CcItem *orig, CcItem *copy)
{
  g_autoptr(GHashTable) old_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) new_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer id;

  collect_ids (orig, old_ids);
  collect_ids (copy, new_ids);
  g_assert_cmpuint (g_hash_table_size (new_ids), ==, g_hash_table_size (old_ids));
  g_hash_table_iter_init (&iter, new_ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      CcItem *item = cc_project_lookup (project, id);

      g_assert_false (g_hash_table_contains (old_ids, id));
      g_assert_nonnull (item);
      g_assert_true (item == copy || cc_item_get_sheet (item) == copy);
    }
}

static void
test_duplicate_map (void)
{
  g_autoptr(CcProject) project = example ();
  CcItem *map = first_map (project);
  guint n = cc_project_get_n_sheets (project);
  guint actors = n_actors (project);
  g_autofree char *before = text_of (project);
  guint history = cc_project_get_history_length (project);
  CcItem *copy, *orig_node, *copy_node;
  double x, y;

  copy = cc_project_duplicate_sheet (project, map);
  g_assert_nonnull (copy);
  g_assert_cmpuint (cc_project_get_n_sheets (project), ==, n + 1);
  g_assert_true (cc_project_get_sheet (project, cc_item_get_index (map) + 1) == copy);
  g_assert_cmpstr (cc_item_get_string (copy, CC_SHEET_TITLE), ==, "Partnership landscape 2026 (copy)");
  g_assert_cmpuint (n_actors (project), ==, actors);
  for (guint s = 0; s < CC_MAP_N_SLOTS; s++)
    g_assert_cmpuint (cc_item_get_n_children (copy, s), ==, cc_item_get_n_children (map, s));
  check_renumbered (project, map, copy);

  /* Links join the copy's nodes in the same pattern; groups hold the copy's
   * nodes; nodes stand for the same organisations. */
  for (guint i = 0; i < cc_item_get_n_children (map, CC_MAP_LINKS); i++)
    {
      CcItem *a = cc_item_get_child (map, CC_MAP_LINKS, i);
      CcItem *b = cc_item_get_child (copy, CC_MAP_LINKS, i);
      CcItem *af = lookup (project, cc_item_get_string (a, CC_LINK_FROM));
      CcItem *bf = lookup (project, cc_item_get_string (b, CC_LINK_FROM));
      CcItem *bt = lookup (project, cc_item_get_string (b, CC_LINK_TO));

      g_assert_true (cc_item_get_parent (bf) == copy && cc_item_get_parent (bt) == copy);
      g_assert_cmpuint (cc_item_get_index (bf), ==, cc_item_get_index (af));
      g_assert_cmpstr (cc_item_get_string (b, CC_LINK_TYPE), ==, cc_item_get_string (a, CC_LINK_TYPE));
    }
  for (guint i = 0; i < cc_item_get_n_children (map, CC_MAP_GROUPS); i++)
    {
      const char * const *a = cc_item_get_strv (cc_item_get_child (map, CC_MAP_GROUPS, i), CC_GROUP_MEMBERS);
      const char * const *b = cc_item_get_strv (cc_item_get_child (copy, CC_MAP_GROUPS, i), CC_GROUP_MEMBERS);

      g_assert_cmpuint (g_strv_length ((char **) a), ==, g_strv_length ((char **) b));
      for (guint k = 0; b[k] != NULL; k++)
        {
          CcItem *member = lookup (project, b[k]);

          g_assert_true (cc_item_get_parent (member) == copy);
          g_assert_cmpuint (cc_item_get_index (member), ==, cc_item_get_index (lookup (project, a[k])));
        }
    }
  for (guint i = 0; i < cc_item_get_n_children (map, CC_MAP_NODES); i++)
    g_assert_true (cc_project_get_node_actor (project, cc_item_get_child (copy, CC_MAP_NODES, i)) ==
                   cc_project_get_node_actor (project, cc_item_get_child (map, CC_MAP_NODES, i)));
  check_one_step (project, before, history, "Duplicate Sheet");

  /* Renaming the organisation on the copy renames it on the original… */
  orig_node = cc_item_get_child (map, CC_MAP_NODES, 0);
  copy_node = cc_item_get_child (copy, CC_MAP_NODES, 0);
  g_assert_true (cc_map_rename_node (project, copy_node, "Renamed Board"));
  g_assert_cmpstr (name_of (project, orig_node), ==, "Renamed Board");
  {
    g_autoptr(GPtrArray) on_orig = cc_map_find_nodes (project, map, "renamed board");

    g_assert_cmpuint (on_orig->len, ==, 1);
    g_assert_true (on_orig->pdata[0] == orig_node);
  }

  /* …but moving a node on the copy leaves the original where it was. */
  x = cc_item_get_double (orig_node, CC_NODE_X);
  y = cc_item_get_double (orig_node, CC_NODE_Y);
  {
    g_autoptr(GPtrArray) items = array_of (copy_node, NULL);

    cc_map_move_nodes (project, items, 120, 80);
  }
  g_assert_cmpfloat (cc_item_get_double (copy_node, CC_NODE_X), ==, x + 120);
  g_assert_cmpfloat (cc_item_get_double (orig_node, CC_NODE_X), ==, x);
  g_assert_cmpfloat (cc_item_get_double (orig_node, CC_NODE_Y), ==, y);

  /* Deleting a node on the copy leaves the original's links. */
  {
    guint links = cc_item_get_n_children (map, CC_MAP_LINKS);
    g_autoptr(GPtrArray) items = array_of (copy_node, NULL);

    cc_map_delete_items (project, items);
    g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_LINKS), ==, links);
    g_assert_true (cc_item_get_parent (orig_node) == map);
  }
  {
    g_autofree char *text = text_of (project);

    assert_loads_soundly (text);
  }
}

static void
test_duplicate_other_sheets (void)
{
  g_autoptr(CcProject) project = example ();

  for (guint i = 0; i < cc_project_get_n_sheets (project); i++)
    {
      CcItem *sheet = cc_project_get_sheet (project, i);
      g_autofree char *before = NULL;
      g_autofree char *title = NULL;
      guint history;
      CcItem *copy;

      if (cc_item_get_kind (sheet) == CC_KIND_MAP)
        continue;
      before = text_of (project);
      history = cc_project_get_history_length (project);
      copy = cc_project_duplicate_sheet (project, sheet);
      g_assert_true (cc_project_get_sheet (project, i + 1) == copy);
      title = g_strdup_printf ("%s (copy)", cc_item_get_string (sheet, CC_SHEET_TITLE));
      g_assert_cmpstr (cc_item_get_string (copy, CC_SHEET_TITLE), ==, title);
      check_renumbered (project, sheet, copy);
      if (cc_item_get_kind (sheet) == CC_KIND_CANVAS)
        {
          g_assert_cmpuint (cc_item_get_n_children (copy, CC_CANVAS_LINKS), ==,
                            cc_item_get_n_children (sheet, CC_CANVAS_LINKS));
          g_assert_cmpuint (cc_item_get_n_children (copy, CC_CANVAS_CARDS), ==,
                            cc_item_get_n_children (sheet, CC_CANVAS_CARDS));
          for (guint k = 0; k < cc_item_get_n_children (copy, CC_CANVAS_LINKS); k++)
            {
              CcItem *link = cc_item_get_child (copy, CC_CANVAS_LINKS, k);

              g_assert_true (cc_item_get_parent (lookup (project, cc_item_get_string (link, CC_CARD_LINK_FROM))) == copy);
              g_assert_true (cc_item_get_parent (lookup (project, cc_item_get_string (link, CC_CARD_LINK_TO))) == copy);
            }
        }
      check_one_step (project, before, history, "Duplicate Sheet");
      i++;
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/map-edit/add-organisation", test_add_organisation);
  g_test_add_func ("/map-edit/add-link", test_add_link);
  g_test_add_func ("/map-edit/add-link-type", test_add_link_type);
  g_test_add_func ("/map-edit/add-linked-organisation", test_add_linked_organisation);
  g_test_add_func ("/map-edit/move", test_move);
  g_test_add_func ("/map-edit/delete-node", test_delete_node);
  g_test_add_func ("/map-edit/delete-mixed", test_delete_mixed);
  g_test_add_func ("/map-edit/rename", test_rename);
  g_test_add_func ("/map-edit/set-sector", test_set_sector);
  g_test_add_func ("/map-edit/duplicate", test_duplicate);
  g_test_add_func ("/map-edit/align", test_align);
  g_test_add_func ("/map-edit/distribute", test_distribute);
  g_test_add_func ("/map-edit/group", test_group);
  g_test_add_func ("/map-edit/neighbours", test_neighbours);
  g_test_add_func ("/map-edit/find", test_find);
  g_test_add_func ("/map-edit/match-actors", test_match_actors);
  g_test_add_func ("/map-edit/add-sheet", test_add_sheet);
  g_test_add_func ("/map-edit/duplicate-map", test_duplicate_map);
  g_test_add_func ("/map-edit/duplicate-other-sheets", test_duplicate_other_sheets);
  return g_test_run ();
}
