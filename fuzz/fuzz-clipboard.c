/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Paste, cc_clipboard_paste() and cc_clipboard_paste_on_grid(), of any bytes
 * into a small project: the bundled example's actors, link types and
 * templates with two of its sheets, the map "map-future" and the power /
 * interest grid "cv-stakeholders". Each input is pasted onto the map, then,
 * in a fresh copy of the project, onto the grid.
 *
 * What must hold, each time:
 *   - a paste that is refused says why and leaves the project as it was;
 *   - what a paste gives back is in the project;
 *   - the project after a paste is written as text that reads back without
 *     an error (nothing pasted can make a project malformed);
 *   - one undo puts the project back as it was, to the byte (a paste that
 *     added nothing may leave nothing to undo, and then changed nothing). */

#include "config.h"

#include <string.h>

#include "cc-clipboard.h"
#include "cc-io.h"
#include "fuzz-common.h"

#define MAP_ID  "map-future"
#define GRID_ID "cv-stakeholders"

static char   *project_text;   /* the small project, as Concord writes it */
static gsize   project_len;

static void
keep_only (JsonObject *root, const char *member, const char *id)
{
  JsonArray *array = json_object_get_array_member (root, member);
  JsonArray *kept = json_array_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, "id"), MAP_ID) == 0 ||
          g_strcmp0 (json_object_get_string_member (o, "id"), id) == 0)
        json_array_add_element (kept, json_node_copy (json_array_get_element (array, i)));
    }
  json_object_set_array_member (root, member, kept);
}

/* Only the actors the two sheets use: a smaller project reads faster. */
static void
keep_used_actors (JsonObject *root)
{
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *sheets = json_object_get_array_member (root, "sheets");
  JsonArray *actors = json_object_get_array_member (root, "actors");
  JsonArray *kept = json_array_new ();

  for (guint i = 0; i < json_array_get_length (sheets); i++)
    {
      JsonObject *sheet = json_array_get_object_element (sheets, i);

      for (guint k = 0; k < 2; k++)
        {
          const char *slot = k == 0 ? "nodes" : "cards";
          JsonArray *items = json_object_has_member (sheet, slot) ? json_object_get_array_member (sheet, slot) : NULL;

          for (guint j = 0; items != NULL && j < json_array_get_length (items); j++)
            {
              JsonObject *item = json_array_get_object_element (items, j);

              if (json_object_has_member (item, "actor"))
                g_hash_table_add (used, (gpointer) json_object_get_string_member (item, "actor"));
            }
        }
    }
  for (guint i = 0; i < json_array_get_length (actors); i++)
    if (g_hash_table_contains (used, json_object_get_string_member (json_array_get_object_element (actors, i), "id")))
      json_array_add_element (kept, json_node_copy (json_array_get_element (actors, i)));
  json_object_set_array_member (root, "actors", kept);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcLoadResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  JsonObject *root;

  cc_fuzz_init ();
  if (!json_parser_load_from_file (parser, CC_FUZZ_EXAMPLE, &error))
    cc_fuzz_fail ("%s: %s", CC_FUZZ_EXAMPLE, error->message);
  root = json_node_get_object (json_parser_get_root (parser));
  keep_only (root, "sheets", GRID_ID);
  keep_only (root, "templates", "power-interest");
  keep_used_actors (root);
  text = json_to_string (json_parser_get_root (parser), FALSE);

  result = cc_load_bytes (text, strlen (text));
  if (!cc_load_result_is_sound (result) || cc_project_find_sheet (result->project, MAP_ID) == NULL ||
      cc_project_find_sheet (result->project, GRID_ID) == NULL)
    cc_fuzz_fail ("the small project made from %s does not read", CC_FUZZ_EXAMPLE);
  bytes = cc_project_serialize (result->project);
  project_text = g_memdup2 (g_bytes_get_data (bytes, &project_len), g_bytes_get_size (bytes));
  return 0;
}

static CcProject *
small_project (void)
{
  g_autoptr(CcLoadResult) result = cc_load_bytes (project_text, project_len);

  if (!cc_load_result_is_sound (result))
    cc_fuzz_fail ("the small project does not read");
  return g_object_ref (result->project);
}

static void
check_unchanged (CcProject *project, const char *when)
{
  g_autoptr(GBytes) bytes = cc_project_serialize (project);

  if (g_bytes_get_size (bytes) != project_len || memcmp (g_bytes_get_data (bytes, NULL), project_text, project_len) != 0)
    {
      cc_fuzz_dump (when, bytes);
      cc_fuzz_fail ("%s, the project is not as it was", when);
    }
}

static void
check_after_paste (CcProject *project, GPtrArray *pasted, const char *where)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CcLoadResult) again = NULL;
  gsize len;
  const char *data;

  for (guint i = 0; i < pasted->len; i++)
    {
      CcItem *item = pasted->pdata[i];

      if (item == NULL || cc_project_lookup (project, cc_item_get_id (item)) != item)
        cc_fuzz_fail ("pasted on the %s: item %u is not in the project", where, i);
    }
  bytes = cc_project_serialize (project);
  data = g_bytes_get_data (bytes, &len);
  again = cc_load_bytes (data, len);
  if (!cc_load_result_is_sound (again))
    {
      for (guint i = 0; i < again->problems->len; i++)
        {
          g_autofree char *s = cc_problem_to_string (again->problems->pdata[i]);

          fprintf (stderr, "  %s\n", s);
        }
      cc_fuzz_dump ("after the paste", bytes);
      cc_fuzz_fail ("pasted on the %s: the project is written as text that does not read back", where);
    }
  /* A paste of nothing (a copied map without nodes) may leave no step. */
  if (!cc_project_can_undo (project))
    {
      if (pasted->len > 0)
        cc_fuzz_fail ("pasted on the %s: %u items, and nothing to undo", where, pasted->len);
      check_unchanged (project, "after a paste of nothing");
      return;
    }
  if (!cc_project_undo (project))
    cc_fuzz_fail ("pasted on the %s: the undo failed", where);
  check_unchanged (project, "after the paste was undone");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *text = (const char *) data;

  /* Onto the map */
  {
    g_autoptr(CcProject) project = small_project ();
    guint64 before = cc_project_get_change_count (project);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) pasted = cc_clipboard_paste (project, cc_project_find_sheet (project, MAP_ID),
                                                      text, size, 30, 30, &error);

    if (pasted == NULL)
      {
        if (error == NULL)
          cc_fuzz_fail ("a paste on the map was refused without a reason");
        if (cc_project_get_change_count (project) != before || cc_project_can_undo (project))
          cc_fuzz_fail ("a paste on the map was refused, and changed the project");
      }
    else
      {
        if (error != NULL)
          cc_fuzz_fail ("a paste on the map worked and gave an error: %s", error->message);
        check_after_paste (project, pasted, "map");
      }
  }

  /* Onto the grid */
  {
    g_autoptr(CcProject) project = small_project ();
    guint64 before = cc_project_get_change_count (project);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) cards = cc_clipboard_paste_on_grid (project, cc_project_find_sheet (project, GRID_ID),
                                                             text, size, 0.25, 0.75, &error);

    if (cards == NULL)
      {
        if (error == NULL)
          cc_fuzz_fail ("a paste on the grid was refused without a reason");
        if (cc_project_get_change_count (project) != before || cc_project_can_undo (project))
          cc_fuzz_fail ("a paste on the grid was refused, and changed the project");
      }
    else
      {
        if (error != NULL)
          cc_fuzz_fail ("a paste on the grid worked and gave an error: %s", error->message);
        check_after_paste (project, cards, "grid");
      }
  }
  return 0;
}
