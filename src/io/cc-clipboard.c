/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-clipboard"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-canvas-edit.h"
#include "cc-clipboard.h"
#include "cc-template.h"
#include "cc-io.h"

static gboolean
strv_all_in (const char * const *ids, GHashTable *set)
{
  if (ids[0] == NULL)
    return FALSE;
  for (guint i = 0; ids[i]; i++)
    if (!g_hash_table_contains (set, ids[i]))
      return FALSE;
  return TRUE;
}

GBytes *
cc_clipboard_copy (CcProject *project, CcItem *sheet, GPtrArray *items)
{
  g_autoptr(GHashTable) nodes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) actors = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CcProject) clip = NULL;
  CcItem *root, *map;
  GPtrArray *children;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (sheet != NULL && cc_item_get_kind (sheet) == CC_KIND_MAP, NULL);

  for (guint i = 0; i < items->len; i++)
    if (cc_item_get_kind (items->pdata[i]) == CC_KIND_NODE && cc_item_get_sheet (items->pdata[i]) == sheet)
      g_hash_table_add (nodes, (gpointer) cc_item_get_id (items->pdata[i]));
  if (g_hash_table_size (nodes) == 0)
    return NULL;

  root = cc_item_new (CC_KIND_PROJECT);
  cc_item_set_string (root, CC_PROJECT_TITLE, cc_project_get_title (project));
  map = cc_item_new (CC_KIND_MAP);
  cc_item_set_id (map, cc_item_get_id (sheet));
  cc_item_set_string (map, CC_MAP_TITLE, cc_item_get_string (sheet, CC_MAP_TITLE));

  /* Nodes in sheet order, and their actors in project order. */
  children = cc_item_get_children (sheet, CC_MAP_NODES);
  for (guint i = 0; i < children->len; i++)
    if (g_hash_table_contains (nodes, cc_item_get_id (children->pdata[i])))
      {
        cc_item_take_child (map, CC_MAP_NODES, -1, cc_item_copy (children->pdata[i]));
        g_hash_table_add (actors, (gpointer) cc_item_get_string (children->pdata[i], CC_NODE_ACTOR));
      }
  children = cc_item_get_children (cc_project_get_root (project), CC_PROJECT_ACTORS);
  for (guint i = 0; i < children->len; i++)
    if (g_hash_table_contains (actors, cc_item_get_id (children->pdata[i])))
      cc_item_take_child (root, CC_PROJECT_ACTORS, -1, cc_item_copy (children->pdata[i]));

  children = cc_item_get_children (sheet, CC_MAP_LINKS);
  for (guint i = 0; i < children->len; i++)
    {
      CcItem *link = children->pdata[i];

      if (g_hash_table_contains (nodes, cc_item_get_string (link, CC_LINK_FROM)) &&
          g_hash_table_contains (nodes, cc_item_get_string (link, CC_LINK_TO)))
        {
          cc_item_take_child (map, CC_MAP_LINKS, -1, cc_item_copy (link));
          g_hash_table_add (types, (gpointer) cc_item_get_string (link, CC_LINK_TYPE));
        }
    }
  children = cc_item_get_children (cc_project_get_root (project), CC_PROJECT_LINK_TYPES);
  for (guint i = 0; i < children->len; i++)
    if (g_hash_table_contains (types, cc_item_get_id (children->pdata[i])))
      cc_item_take_child (root, CC_PROJECT_LINK_TYPES, -1, cc_item_copy (children->pdata[i]));

  children = cc_item_get_children (sheet, CC_MAP_GROUPS);
  for (guint i = 0; i < children->len; i++)
    if (strv_all_in (cc_item_get_strv (children->pdata[i], CC_GROUP_MEMBERS), nodes))
      cc_item_take_child (map, CC_MAP_GROUPS, -1, cc_item_copy (children->pdata[i]));

  cc_item_take_child (root, CC_PROJECT_SHEETS, -1, map);
  clip = cc_project_new_for_root (root);
  return cc_project_serialize (clip);
}

static CcItem *
find_actor_named (CcProject *project, const char *name)
{
  GPtrArray *actors = cc_item_get_children (cc_project_get_root (project), CC_PROJECT_ACTORS);

  for (guint i = 0; i < actors->len; i++)
    if (g_strcmp0 (cc_item_get_string (actors->pdata[i], CC_ACTOR_NAME), name) == 0)
      return actors->pdata[i];
  return NULL;
}

/* A copy of @item with a fresh id (the project gives one on insertion). */
static CcItem *
fresh_copy (CcItem *item)
{
  CcItem *copy = cc_item_copy (item);

  cc_item_set_id (copy, "");
  return copy;
}

/* The project's actor for @actor of the clipboard: the one with its id and
 * name, else one with its name, else a copy added to the project. */
static CcItem *
import_actor (CcProject *project, CcItem *actor)
{
  const char *name = cc_item_get_string (actor, CC_ACTOR_NAME);
  CcItem *target = cc_project_lookup (project, cc_item_get_id (actor));

  if (target == NULL || cc_item_get_kind (target) != CC_KIND_ACTOR ||
      g_strcmp0 (cc_item_get_string (target, CC_ACTOR_NAME), name) != 0)
    target = find_actor_named (project, name);
  if (target == NULL)
    target = cc_project_insert (project, cc_project_get_root (project), CC_PROJECT_ACTORS, -1, fresh_copy (actor));
  return target;
}

/* The copied map in @data, or NULL with @error set. */
static CcLoadResult *
read_copied_map (const char *data, gsize len, GError **error)
{
  CcLoadResult *result = cc_load_bytes (data, len);

  if (!cc_load_result_is_sound (result) || cc_project_get_n_sheets (result->project) != 1 ||
      cc_item_get_kind (cc_project_get_sheet (result->project, 0)) != CC_KIND_MAP)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The clipboard does not hold organisations copied from a Concord map"));
      cc_load_result_free (result);
      return NULL;
    }
  return result;
}

GPtrArray *
cc_clipboard_paste_on_grid (CcProject  *project,
                            CcItem     *sheet,
                            const char *data,
                            gsize       len,
                            double      fx,
                            double      fy,
                            GError    **error)
{
  g_autoptr(CcLoadResult) result = NULL;
  g_autoptr(CcTemplate) tmpl = NULL;
  GPtrArray *cards, *nodes;
  CcItem *map;
  guint spread = 0;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (sheet != NULL && cc_item_get_kind (sheet) == CC_KIND_CANVAS, NULL);

  tmpl = cc_canvas_get_template (sheet);
  if (!cc_template_is_grid (tmpl))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Organisations are pasted onto a grid only"));
      return NULL;
    }
  result = read_copied_map (data, len, error);
  if (result == NULL)
    return NULL;
  map = cc_project_get_sheet (result->project, 0);
  nodes = cc_item_get_children (map, CC_MAP_NODES);
  cards = g_ptr_array_new ();
  cc_project_begin_group (project, _("Paste"));
  for (guint i = 0; i < nodes->len; i++)
    {
      CcItem *copied = cc_project_lookup (result->project, cc_item_get_string (nodes->pdata[i], CC_NODE_ACTOR));
      CcItem *actor, *card;
      double ax, ay;

      if (copied == NULL)
        continue;
      actor = import_actor (project, copied);
      /* An organisation already placed keeps its values; the others are
       * spread down and to the right from where they are pasted. */
      if (!cc_template_actor_point (tmpl, actor, &ax, &ay))
        {
          ax = fx + 0.04 * spread;
          ay = fy - 0.04 * spread;
          spread++;
        }
      card = cc_canvas_place_actor (project, sheet, actor, NULL, ax, ay);
      if (card != NULL && !g_ptr_array_find (cards, card, NULL))
        g_ptr_array_add (cards, card);
    }
  cc_project_end_group (project);
  return cards;
}

GPtrArray *
cc_clipboard_paste (CcProject  *project,
                    CcItem     *sheet,
                    const char *data,
                    gsize       len,
                    double      dx,
                    double      dy,
                    GError    **error)
{
  g_autoptr(CcLoadResult) result = NULL;
  g_autoptr(GHashTable) ids = NULL;   /* id in the clipboard -> id in the project */
  CcItem *root, *map;
  GPtrArray *pasted, *children;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (sheet != NULL && cc_item_get_kind (sheet) == CC_KIND_MAP, NULL);

  result = read_copied_map (data, len, error);
  if (result == NULL)
    return NULL;
  root = cc_project_get_root (result->project);
  map = cc_project_get_sheet (result->project, 0);
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  pasted = g_ptr_array_new ();

  cc_project_begin_group (project, _("Paste"));

  children = cc_item_get_children (root, CC_PROJECT_ACTORS);
  for (guint i = 0; i < children->len; i++)
    {
      CcItem *actor = children->pdata[i];
      CcItem *target = import_actor (project, actor);

      g_hash_table_insert (ids, g_strdup (cc_item_get_id (actor)), g_strdup (cc_item_get_id (target)));
    }

  children = cc_item_get_children (root, CC_PROJECT_LINK_TYPES);
  for (guint i = 0; i < children->len; i++)
    {
      CcItem *type = children->pdata[i];
      CcItem *target = cc_project_lookup (project, cc_item_get_id (type));

      if (target == NULL || cc_item_get_kind (target) != CC_KIND_LINK_TYPE)
        {
          CcItem *copy = cc_item_copy (type);

          /* Keep the type's id where it is free, so its links read the same. */
          if (target != NULL)
            cc_item_set_id (copy, "");
          target = cc_project_insert (project, cc_project_get_root (project), CC_PROJECT_LINK_TYPES, -1, copy);
        }
      g_hash_table_insert (ids, g_strdup (cc_item_get_id (type)), g_strdup (cc_item_get_id (target)));
    }

  children = cc_item_get_children (map, CC_MAP_NODES);
  for (guint i = 0; i < children->len; i++)
    {
      CcItem *node = fresh_copy (children->pdata[i]);
      const char *old_id = cc_item_get_id (children->pdata[i]);

      cc_item_set_string (node, CC_NODE_ACTOR, g_hash_table_lookup (ids, cc_item_get_string (node, CC_NODE_ACTOR)));
      cc_item_set_double (node, CC_NODE_X, CLAMP (cc_item_get_double (node, CC_NODE_X) + dx,
                                                  -CC_MAX_COORDINATE, CC_MAX_COORDINATE));
      cc_item_set_double (node, CC_NODE_Y, CLAMP (cc_item_get_double (node, CC_NODE_Y) + dy,
                                                  -CC_MAX_COORDINATE, CC_MAX_COORDINATE));
      cc_project_insert (project, sheet, CC_MAP_NODES, -1, node);
      g_hash_table_insert (ids, g_strdup (old_id), g_strdup (cc_item_get_id (node)));
      g_ptr_array_add (pasted, node);
    }

  children = cc_item_get_children (map, CC_MAP_LINKS);
  for (guint i = 0; i < children->len; i++)
    {
      CcItem *link = fresh_copy (children->pdata[i]);
      const char *type = cc_item_get_string (link, CC_LINK_TYPE);
      const char *mapped = g_hash_table_lookup (ids, type);

      cc_item_set_string (link, CC_LINK_FROM, g_hash_table_lookup (ids, cc_item_get_string (link, CC_LINK_FROM)));
      cc_item_set_string (link, CC_LINK_TO, g_hash_table_lookup (ids, cc_item_get_string (link, CC_LINK_TO)));
      if (mapped != NULL)
        cc_item_set_string (link, CC_LINK_TYPE, mapped);
      g_ptr_array_add (pasted, cc_project_insert (project, sheet, CC_MAP_LINKS, -1, link));
    }

  children = cc_item_get_children (map, CC_MAP_GROUPS);
  for (guint i = 0; i < children->len; i++)
    {
      CcItem *group = fresh_copy (children->pdata[i]);
      const char * const *members = cc_item_get_strv (group, CC_GROUP_MEMBERS);
      g_autoptr(GPtrArray) mapped = g_ptr_array_new ();

      for (guint k = 0; members[k]; k++)
        g_ptr_array_add (mapped, g_hash_table_lookup (ids, members[k]));
      g_ptr_array_add (mapped, NULL);
      cc_item_set_strv (group, CC_GROUP_MEMBERS, (const char * const *) mapped->pdata);
      g_ptr_array_add (pasted, cc_project_insert (project, sheet, CC_MAP_GROUPS, -1, group));
    }

  cc_project_end_group (project);
  return pasted;
}
