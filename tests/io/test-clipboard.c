/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cc-clipboard.h"
#include "cc-canvas-edit.h"
#include "cc-io.h"
#include "cc-template.h"
#include "cc-template-library.h"

static const char source[] =
  "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"Riverside\","
  " \"actors\": [{\"id\": \"a1\", \"name\": \"Council\", \"sector\": \"public\", \"notes\": \"Lead\"},"
  "  {\"id\": \"a2\", \"name\": \"Police\", \"sector\": \"public\"}, {\"id\": \"a3\", \"name\": \"Food Bank\", \"sector\": \"voluntary\"}],"
  " \"link_types\": [{\"id\": \"funding\", \"label\": \"Funding\", \"color\": \"#c64600\", \"dash\": \"dashed\"}],"
  " \"sheets\": [{\"id\": \"m1\", \"type\": \"map\", \"title\": \"Today\","
  "  \"nodes\": [{\"id\": \"n1\", \"actor\": \"a1\", \"x\": 0, \"y\": 0}, {\"id\": \"n2\", \"actor\": \"a2\", \"x\": 200, \"y\": 0},"
  "   {\"id\": \"n3\", \"actor\": \"a3\", \"x\": 100, \"y\": 150}],"
  "  \"links\": [{\"id\": \"l1\", \"from\": \"n1\", \"to\": \"n2\", \"type\": \"funding\", \"strength\": 4},"
  "   {\"id\": \"l2\", \"from\": \"n2\", \"to\": \"n3\", \"type\": \"informal\"}],"
  "  \"groups\": [{\"id\": \"g1\", \"title\": \"Statutory\", \"members\": [\"n1\", \"n2\"]},"
  "   {\"id\": \"g2\", \"title\": \"All\", \"members\": [\"n1\", \"n2\", \"n3\"]}]}]}";

static CcProject *
load (const char *text)
{
  g_autoptr(CcLoadResult) result = cc_load_bytes (text, strlen (text));

  g_assert_true (cc_load_result_is_sound (result));
  return g_object_ref (result->project);
}

static char *
text_of (CcProject *project)
{
  g_autoptr(GBytes) bytes = cc_project_serialize (project);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static GBytes *
copy_two (CcProject *project)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_ptr_array_add (items, cc_project_lookup (project, "n1"));
  g_ptr_array_add (items, cc_project_lookup (project, "n2"));
  return cc_clipboard_copy (project, cc_project_lookup (project, "m1"), items);
}

static void
test_copy_is_a_project (void)
{
  g_autoptr(CcProject) project = load (source);
  g_autoptr(GBytes) clip = copy_two (project);
  g_autoptr(CcLoadResult) result = cc_load_bytes (g_bytes_get_data (clip, NULL), g_bytes_get_size (clip));
  CcItem *map;

  g_assert_true (cc_load_result_is_sound (result));
  map = cc_project_get_sheet (result->project, 0);
  /* The two nodes, the link between them (not the one to n3), the group
   * wholly inside, their actors and the link type they use. */
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_NODES), ==, 2);
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_LINKS), ==, 1);
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_GROUPS), ==, 1);
  g_assert_cmpuint (cc_item_get_n_children (cc_project_get_root (result->project), CC_PROJECT_ACTORS), ==, 2);
  g_assert_cmpuint (cc_item_get_n_children (cc_project_get_root (result->project), CC_PROJECT_LINK_TYPES), ==, 1);
}

static void
test_paste_same_project (void)
{
  g_autoptr(CcProject) project = load (source);
  g_autoptr(GBytes) clip = copy_two (project);
  g_autofree char *before = text_of (project);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(GError) error = NULL;
  CcItem *map = cc_project_lookup (project, "m1");
  CcItem *node;

  pasted = cc_clipboard_paste (project, map, g_bytes_get_data (clip, NULL), g_bytes_get_size (clip), 30, 30, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pasted->len, ==, 4);
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_NODES), ==, 5);
  /* Same project: the same organisations, placed again. */
  g_assert_cmpuint (cc_item_get_n_children (cc_project_get_root (project), CC_PROJECT_ACTORS), ==, 3);
  node = pasted->pdata[0];
  g_assert_cmpstr (cc_item_get_string (node, CC_NODE_ACTOR), ==, "a1");
  g_assert_cmpfloat (cc_item_get_double (node, CC_NODE_X), ==, 30);
  g_assert_cmpstr (cc_item_get_string (pasted->pdata[2], CC_LINK_TYPE), ==, "funding");
  g_assert_cmpstr (cc_item_get_string (pasted->pdata[2], CC_LINK_FROM), ==, cc_item_get_id (node));

  after = text_of (project);
  {
    g_autoptr(CcLoadResult) again = cc_load_bytes (after, strlen (after));

    g_assert_true (cc_load_result_is_sound (again));
  }
  /* One step undoes the whole paste. */
  g_assert_true (cc_project_undo (project));
  g_clear_pointer (&after, g_free);
  after = text_of (project);
  g_assert_cmpstr (after, ==, before);
}

static void
test_paste_other_project (void)
{
  g_autoptr(CcProject) from = load (source);
  g_autoptr(GBytes) clip = copy_two (from);
  g_autoptr(CcProject) to = load ("{\"format\": \"concord-project\", \"version\": 1, \"title\": \"Other\","
                                   " \"actors\": [{\"id\": \"x9\", \"name\": \"Police\"}, {\"id\": \"a1\", \"name\": \"Fire\"}],"
                                   " \"sheets\": [{\"id\": \"s\", \"type\": \"map\", \"title\": \"Map\"}]}");
  g_autoptr(GPtrArray) pasted = NULL;
  CcItem *map = cc_project_lookup (to, "s");
  CcItem *council;

  pasted = cc_clipboard_paste (to, map, g_bytes_get_data (clip, NULL), g_bytes_get_size (clip), 0, 0, NULL);
  g_assert_nonnull (pasted);
  /* Police is reused by name; Council comes along with its notes, under a
   * fresh id since "a1" is another organisation here. */
  g_assert_cmpstr (cc_item_get_string (pasted->pdata[1], CC_NODE_ACTOR), ==, "x9");
  council = cc_project_lookup (to, cc_item_get_string (pasted->pdata[0], CC_NODE_ACTOR));
  g_assert_cmpstr (cc_item_get_string (council, CC_ACTOR_NAME), ==, "Council");
  g_assert_cmpstr (cc_item_get_string (council, CC_ACTOR_NOTES), ==, "Lead");
  g_assert_cmpstr (cc_item_get_id (council), !=, "a1");
  /* The custom link type came along. */
  g_assert_nonnull (cc_project_lookup (to, "funding"));
  {
    g_autofree char *text = text_of (to);
    g_autoptr(CcLoadResult) again = cc_load_bytes (text, strlen (text));

    g_assert_true (cc_load_result_is_sound (again));
  }
}

static void
test_paste_garbage (void)
{
  g_autoptr(CcProject) project = load (source);
  g_autofree char *before = text_of (project);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  const char *junk = "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"x\", \"sheets\": []}";

  g_assert_null (cc_clipboard_paste (project, cc_project_lookup (project, "m1"), "hello", 5, 0, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (cc_clipboard_paste (project, cc_project_lookup (project, "m1"), junk, strlen (junk), 0, 0, &error));
  g_assert_nonnull (error);
  after = text_of (project);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (cc_project_can_undo (project));
}

static void
test_copy_nothing (void)
{
  g_autoptr(CcProject) project = load (source);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_ptr_array_add (items, cc_project_lookup (project, "l1"));
  g_assert_null (cc_clipboard_copy (project, cc_project_lookup (project, "m1"), items));
}

/* Organisations copied on a map, pasted onto a power/interest grid: where
 * they already have values they stand there; the others are spread out. */
static void
test_paste_on_grid (void)
{
  g_autoptr(CcProject) project = load (source);
  g_autoptr(GBytes) clip = copy_two (project);
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after_undo = NULL;
  CcItem *council = cc_project_lookup (project, "a1"), *police = cc_project_lookup (project, "a2");
  CcItem *grid, *map_cards;
  guint n_actors;

  grid = cc_project_add_canvas (project, cc_template_library_lookup (cc_template_library_get_default (),
                                                                     "power-interest"), NULL, -1);
  g_assert_nonnull (grid);
  /* On a canvas that is not a grid: refused, nothing done. */
  map_cards = cc_project_add_canvas (project, cc_template_library_lookup (cc_template_library_get_default (),
                                                                          "collaborative-gain"), NULL, -1);
  g_assert_null (cc_clipboard_paste_on_grid (project, map_cards, g_bytes_get_data (clip, NULL),
                                             g_bytes_get_size (clip), 0.5, 0.5, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  cc_actor_set_measure (project, council, CC_ACTOR_POWER, 9);
  cc_actor_set_measure (project, council, CC_ACTOR_INTEREST, 8);
  n_actors = cc_item_get_n_children (cc_project_get_root (project), CC_PROJECT_ACTORS);
  before = text_of (project);

  cards = cc_clipboard_paste_on_grid (project, grid, g_bytes_get_data (clip, NULL), g_bytes_get_size (clip),
                                      0.25, 0.25, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cards);
  g_assert_cmpuint (cards->len, ==, 2);
  /* The same organisations, not copies */
  g_assert_cmpuint (cc_item_get_n_children (cc_project_get_root (project), CC_PROJECT_ACTORS), ==, n_actors);
  g_assert_cmpstr (cc_item_get_string (cc_canvas_find_actor_card (grid, council), CC_CARD_PANEL), ==,
                   "manage-closely");
  g_assert_cmpfloat (cc_item_get_double (council, CC_ACTOR_POWER), ==, 9);
  g_assert_cmpfloat (cc_item_get_double (council, CC_ACTOR_INTEREST), ==, 8);
  /* Police had no values: where it was pasted, low power and interest */
  g_assert_cmpstr (cc_item_get_string (cc_canvas_find_actor_card (grid, police), CC_CARD_PANEL), ==, "monitor");
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (police, CC_ACTOR_POWER), 2.5, 1e-9);

  /* One step */
  g_assert_true (cc_project_undo (project));
  after_undo = text_of (project);
  g_assert_cmpstr (after_undo, ==, before);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clipboard/copy-is-a-project", test_copy_is_a_project);
  g_test_add_func ("/clipboard/paste-same-project", test_paste_same_project);
  g_test_add_func ("/clipboard/paste-other-project", test_paste_other_project);
  g_test_add_func ("/clipboard/paste-garbage", test_paste_garbage);
  g_test_add_func ("/clipboard/copy-nothing", test_copy_nothing);
  g_test_add_func ("/clipboard/paste-on-grid", test_paste_on_grid);
  return g_test_run ();
}
