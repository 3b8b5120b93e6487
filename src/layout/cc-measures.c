/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-measures"

#include "config.h"

#include "cc-measures.h"

GHashTable *
cc_measures_degree (CcItem *sheet)
{
  GHashTable *degree = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *nodes, *links;

  g_return_val_if_fail (cc_item_get_kind (sheet) == CC_KIND_MAP, degree);

  nodes = cc_item_get_children (sheet, CC_MAP_NODES);
  links = cc_item_get_children (sheet, CC_MAP_LINKS);
  for (guint i = 0; i < nodes->len; i++)
    g_hash_table_insert (degree, g_strdup (cc_item_get_id (nodes->pdata[i])), GUINT_TO_POINTER (0));
  for (guint i = 0; i < links->len; i++)
    for (guint end = CC_LINK_FROM; end <= CC_LINK_TO; end++)
      {
        const char *id = cc_item_get_string (links->pdata[i], end);
        gpointer value;

        if (g_hash_table_lookup_extended (degree, id, NULL, &value))
          g_hash_table_insert (degree, g_strdup (id), GUINT_TO_POINTER (GPOINTER_TO_UINT (value) + 1));
      }
  return degree;
}

static void
add_membership (GHashTable *seen, GHashTable *counts, CcItem *member, CcItem *body)
{
  g_autofree char *key = g_strconcat (cc_item_get_id (member), "\n", cc_item_get_id (body), NULL);
  guint count;

  if (!g_hash_table_add (seen, g_steal_pointer (&key)))
    return;
  count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, cc_item_get_id (member)));
  g_hash_table_insert (counts, g_strdup (cc_item_get_id (member)), GUINT_TO_POINTER (count + 1));
}

GHashTable *
cc_measures_memberships (CcProject *project)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint s = 0; s < cc_project_get_n_sheets (project); s++)
    {
      CcItem *sheet = cc_project_get_sheet (project, s);
      GPtrArray *links;

      if (cc_item_get_kind (sheet) != CC_KIND_MAP)
        continue;
      links = cc_item_get_children (sheet, CC_MAP_LINKS);
      for (guint i = 0; i < links->len; i++)
        {
          CcItem *from = cc_project_lookup (project, cc_item_get_string (links->pdata[i], CC_LINK_FROM));
          CcItem *to = cc_project_lookup (project, cc_item_get_string (links->pdata[i], CC_LINK_TO));
          CcItem *a, *b;

          if (from == NULL || to == NULL)
            continue;
          a = cc_project_get_node_actor (project, from);
          b = cc_project_get_node_actor (project, to);
          if (a == NULL || b == NULL)
            continue;
          if (cc_item_get_int (b, CC_ACTOR_KIND) == CC_ACTOR_KIND_PARTNERSHIP &&
              cc_item_get_int (a, CC_ACTOR_KIND) != CC_ACTOR_KIND_PARTNERSHIP)
            add_membership (seen, counts, a, b);
          if (cc_item_get_int (a, CC_ACTOR_KIND) == CC_ACTOR_KIND_PARTNERSHIP &&
              cc_item_get_int (b, CC_ACTOR_KIND) != CC_ACTOR_KIND_PARTNERSHIP)
            add_membership (seen, counts, b, a);
        }
    }
  return counts;
}
