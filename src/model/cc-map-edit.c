/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-map-edit"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-map-edit.h"
#include "cc-schema.h"

/* A coordinate the file can hold: finite and within the range. */
static double
clamp_coordinate (double v)
{
  if (isnan (v))
    return 0;
  return CLAMP (v, -CC_MAX_COORDINATE, CC_MAX_COORDINATE);
}

static gboolean
is_map (CcItem *sheet)
{
  return sheet != NULL && cc_item_get_kind (sheet) == CC_KIND_MAP;
}

static gboolean
is_node_of (CcItem *item, CcItem *sheet)
{
  return item != NULL && cc_item_get_kind (item) == CC_KIND_NODE && cc_item_get_sheet (item) == sheet;
}

/* A name the file can hold: not empty, not beyond the length limit. */
static gboolean
name_is_valid (const char *name)
{
  return name != NULL && name[0] != '\0' && strlen (name) <= CC_MAX_STRING_LENGTH;
}

static CcItem *
sheet_node (CcProject *project, CcItem *sheet, const char *id)
{
  CcItem *item = cc_project_lookup (project, id);

  if (item == NULL || cc_item_get_kind (item) != CC_KIND_NODE || cc_item_get_sheet (item) != sheet)
    return NULL;
  return item;
}

/* The nodes among @items, each once, in their order; with @sheet, only
 * those on @sheet, otherwise only those on some sheet. */
static GPtrArray *
nodes_among (GPtrArray *items, CcItem *sheet)
{
  GPtrArray *nodes = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      CcItem *item = items->pdata[i];
      CcItem *on = cc_item_get_kind (item) == CC_KIND_NODE ? cc_item_get_sheet (item) : NULL;

      if (on == NULL || (sheet != NULL && on != sheet) || !g_hash_table_add (seen, item))
        continue;
      g_ptr_array_add (nodes, item);
    }
  return nodes;
}

static CcItem *
insert_node (CcProject *project, CcItem *sheet, CcItem *actor, double x, double y)
{
  CcItem *node = cc_item_new (CC_KIND_NODE);

  cc_item_set_string (node, CC_NODE_ACTOR, cc_item_get_id (actor));
  cc_item_set_double (node, CC_NODE_X, clamp_coordinate (x));
  cc_item_set_double (node, CC_NODE_Y, clamp_coordinate (y));
  return cc_project_insert (project, sheet, CC_MAP_NODES, -1, node);
}

static CcItem *
insert_actor (CcProject *project, const char *name, CcSector sector)
{
  CcItem *actor = cc_item_new (CC_KIND_ACTOR);

  cc_item_set_string (actor, CC_ACTOR_NAME, name);
  cc_item_set_int (actor, CC_ACTOR_SECTOR, sector < CC_N_SECTORS ? sector : CC_SECTOR_OTHER);
  return cc_project_insert (project, cc_project_get_root (project), CC_PROJECT_ACTORS, -1, actor);
}

CcItem *
cc_map_add_organisation (CcProject  *project,
                         CcItem     *sheet,
                         CcItem     *actor,
                         const char *name,
                         CcSector    sector,
                         double      x,
                         double      y)
{
  CcItem *node;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (is_map (sheet), NULL);
  g_return_val_if_fail (actor == NULL || cc_item_get_kind (actor) == CC_KIND_ACTOR, NULL);

  if (actor == NULL && !name_is_valid (name))
    return NULL;

  cc_project_begin_group (project, _("Add Organisation"));
  if (actor == NULL)
    actor = insert_actor (project, name, sector);
  node = insert_node (project, sheet, actor, x, y);
  cc_project_end_group (project);
  return node;
}

/* A link type the file knows: built in or the project's; else "informal". */
static const char *
known_link_type (CcProject *project, const char *type)
{
  CcItem *item;

  if (type == NULL || type[0] == '\0')
    return "informal";
  if (cc_builtin_link_type (type) != NULL)
    return type;
  item = cc_project_lookup (project, type);
  if (item != NULL && cc_item_get_kind (item) == CC_KIND_LINK_TYPE)
    return type;
  g_debug ("No link type “%s”; using “informal”", type);
  return "informal";
}

CcDash
cc_map_free_dash (CcProject *project)
{
  CcItem *root;
  GPtrArray *types, *sheets;
  guint used[CC_N_DASHES] = { 0 }, n_builtin;
  const CcBuiltinLinkType *builtin = cc_builtin_link_types (&n_builtin);
  g_autoptr(GHashTable) builtin_used = g_hash_table_new (g_str_hash, g_str_equal);
  CcDash best = CC_DASH_SOLID;

  g_return_val_if_fail (CC_IS_PROJECT (project), CC_DASH_SOLID);

  root = cc_project_get_root (project);
  types = cc_item_get_children (root, CC_PROJECT_LINK_TYPES);
  for (guint i = 0; i < types->len; i++)
    used[CLAMP (cc_item_get_int (types->pdata[i], CC_LINK_TYPE_DASH), 0, CC_N_DASHES - 1)]++;
  /* A built-in type counts where it is drawn: the legend shows no other */
  sheets = cc_item_get_children (root, CC_PROJECT_SHEETS);
  for (guint i = 0; i < sheets->len; i++)
    {
      GPtrArray *links;

      if (cc_item_get_kind (sheets->pdata[i]) != CC_KIND_MAP)
        continue;
      links = cc_item_get_children (sheets->pdata[i], CC_MAP_LINKS);
      for (guint j = 0; j < links->len; j++)
        {
          const char *type = cc_item_get_string (links->pdata[j], CC_LINK_TYPE);

          if (type != NULL && cc_builtin_link_type (type) != NULL)
            g_hash_table_add (builtin_used, (gpointer) type);
        }
    }
  for (guint i = 0; i < n_builtin; i++)
    if (g_hash_table_contains (builtin_used, builtin[i].id))
      used[builtin[i].dash]++;
  for (int d = 1; d < CC_N_DASHES; d++)
    if (used[d] < used[best])
      best = (CcDash) d;
  return best;
}

CcItem *
cc_map_add_link_type (CcProject  *project,
                      const char *label,
                      const char *color)
{
  CcItem *type;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (label != NULL && label[0] != '\0', NULL);

  type = cc_item_new (CC_KIND_LINK_TYPE);
  cc_item_set_string (type, CC_LINK_TYPE_LABEL, label);
  cc_item_set_string (type, CC_LINK_TYPE_COLOR, color != NULL ? color : "#1c71d8");
  cc_item_set_int (type, CC_LINK_TYPE_DASH, cc_map_free_dash (project));
  cc_project_begin_group (project, _("Add Link Type"));
  type = cc_project_insert (project, cc_project_get_root (project), CC_PROJECT_LINK_TYPES, -1, type);
  cc_project_end_group (project);
  return type;
}

static CcItem *
insert_link (CcProject *project, CcItem *sheet, CcItem *from, CcItem *to, const char *type)
{
  CcItem *link = cc_item_new (CC_KIND_LINK);

  cc_item_set_string (link, CC_LINK_FROM, cc_item_get_id (from));
  cc_item_set_string (link, CC_LINK_TO, cc_item_get_id (to));
  cc_item_set_string (link, CC_LINK_TYPE, known_link_type (project, type));
  return cc_project_insert (project, sheet, CC_MAP_LINKS, -1, link);
}

CcItem *
cc_map_add_link (CcProject  *project,
                 CcItem     *sheet,
                 CcItem     *from,
                 CcItem     *to,
                 const char *type)
{
  CcItem *link;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (is_map (sheet), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);
  if (from == to || !is_node_of (from, sheet) || !is_node_of (to, sheet))
    return NULL;

  cc_project_begin_group (project, _("Add Link"));
  link = insert_link (project, sheet, from, to, type);
  cc_project_end_group (project);
  return link;
}

CcItem *
cc_map_add_linked_organisation (CcProject  *project,
                                CcItem     *sheet,
                                CcItem     *from,
                                const char *name,
                                const char *type,
                                double      x,
                                double      y)
{
  CcItem *node;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (is_map (sheet), NULL);
  if (!is_node_of (from, sheet) || !name_is_valid (name))
    return NULL;

  cc_project_begin_group (project, _("Add Organisation"));
  node = insert_node (project, sheet, insert_actor (project, name, CC_SECTOR_OTHER), x, y);
  insert_link (project, sheet, from, node, type);
  cc_project_end_group (project);
  return node;
}

/* A name as names are compared: case folded, composed, without the spaces
 * around it, and a run of spaces within it as one ("Riverside  Council"
 * typed in a hurry is the council the map has). */
static char *
name_key (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name != NULL ? name : "", -1);
  g_autofree char *folded = g_utf8_casefold (g_strstrip (valid), -1);
  g_autoptr(GString) spaced = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (spaced, c);
      else if (spaced->len > 0 && spaced->str[spaced->len - 1] != ' ')
        g_string_append_c (spaced, ' ');
    }
  return g_utf8_normalize (spaced->str, -1, G_NORMALIZE_DEFAULT_COMPOSE);
}

CcItem *
cc_project_find_actor_named (CcProject *project, const char *name)
{
  g_autofree char *want = NULL;
  GPtrArray *actors;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  want = name_key (name);
  if (want == NULL || want[0] == '\0')
    return NULL;
  actors = cc_item_get_children (cc_project_get_root (project), CC_PROJECT_ACTORS);
  for (guint i = 0; i < actors->len; i++)
    {
      g_autofree char *key = name_key (cc_item_get_string (actors->pdata[i], CC_ACTOR_NAME));

      if (g_strcmp0 (key, want) == 0)
        return actors->pdata[i];
    }
  return NULL;
}

CcItem *
cc_map_node_of_actor (CcItem *sheet, CcItem *actor)
{
  const char *id;

  g_return_val_if_fail (is_map (sheet), NULL);
  if (actor == NULL)
    return NULL;
  id = cc_item_get_id (actor);
  for (guint i = 0; i < cc_item_get_n_children (sheet, CC_MAP_NODES); i++)
    {
      CcItem *node = cc_item_get_child (sheet, CC_MAP_NODES, i);

      if (g_strcmp0 (cc_item_get_string (node, CC_NODE_ACTOR), id) == 0)
        return node;
    }
  return NULL;
}

/* Whether a link joins @a and @b, either way. */
static gboolean
linked (CcItem *sheet, CcItem *a, CcItem *b)
{
  const char *ida = cc_item_get_id (a), *idb = cc_item_get_id (b);

  for (guint i = 0; i < cc_item_get_n_children (sheet, CC_MAP_LINKS); i++)
    {
      CcItem *link = cc_item_get_child (sheet, CC_MAP_LINKS, i);
      const char *from = cc_item_get_string (link, CC_LINK_FROM), *to = cc_item_get_string (link, CC_LINK_TO);

      if ((g_strcmp0 (from, ida) == 0 && g_strcmp0 (to, idb) == 0)
          || (g_strcmp0 (from, idb) == 0 && g_strcmp0 (to, ida) == 0))
        return TRUE;
    }
  return FALSE;
}

CcItem *
cc_map_place_organisation (CcProject  *project,
                           CcItem     *sheet,
                           CcItem     *from,
                           CcItem     *actor,
                           const char *name,
                           const char *type,
                           double      x,
                           double      y)
{
  CcItem *node;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (is_map (sheet), NULL);
  g_return_val_if_fail (actor == NULL || cc_item_get_kind (actor) == CC_KIND_ACTOR, NULL);
  if (from != NULL && !is_node_of (from, sheet))
    return NULL;
  if (actor == NULL)
    actor = cc_project_find_actor_named (project, name);
  if (actor == NULL && !name_is_valid (name))
    return NULL;

  node = cc_map_node_of_actor (sheet, actor);
  cc_project_begin_group (project, node != NULL ? _("Add Link") : _("Add Organisation"));
  if (node == NULL)
    {
      if (actor == NULL)
        actor = insert_actor (project, name, CC_SECTOR_OTHER);
      node = insert_node (project, sheet, actor, x, y);
    }
  if (from != NULL && from != node && !linked (sheet, from, node))
    insert_link (project, sheet, from, node, type);
  cc_project_end_group (project);
  return node;
}

/* Whether a new node centred at (@x, @y) keeps clear of the nodes of
 * @sheet and of @boxes. */
static gboolean
is_clear (CcItem         *sheet,
          const CcMapBox *boxes,
          guint           n_boxes,
          double          x,
          double          y)
{
  /* Existing nodes are taken to be as big as the room a new one gets. */
  const double across = 2 * CC_MAP_NEW_NODE_HALF_W + CC_MAP_NEW_NODE_GAP;
  const double down = 2 * CC_MAP_NEW_NODE_HALF_H + CC_MAP_NEW_NODE_GAP;
  const double left = x - CC_MAP_NEW_NODE_HALF_W - CC_MAP_NEW_NODE_GAP;
  const double right = x + CC_MAP_NEW_NODE_HALF_W + CC_MAP_NEW_NODE_GAP;
  const double top = y - CC_MAP_NEW_NODE_HALF_H - CC_MAP_NEW_NODE_GAP;
  const double bottom = y + CC_MAP_NEW_NODE_HALF_H + CC_MAP_NEW_NODE_GAP;

  for (guint i = 0; i < cc_item_get_n_children (sheet, CC_MAP_NODES); i++)
    {
      CcItem *node = cc_item_get_child (sheet, CC_MAP_NODES, i);

      if (fabs (cc_item_get_double (node, CC_NODE_X) - x) < across
          && fabs (cc_item_get_double (node, CC_NODE_Y) - y) < down)
        return FALSE;
    }
  for (guint i = 0; i < n_boxes; i++)
    if (boxes[i].width >= 0 && boxes[i].height >= 0
        && left < boxes[i].x + boxes[i].width && boxes[i].x < right
        && top < boxes[i].y + boxes[i].height && boxes[i].y < bottom)
      return FALSE;
  return TRUE;
}

void
cc_map_free_point (CcItem         *sheet,
                   const CcMapBox *boxes,
                   guint           n_boxes,
                   double          x,
                   double          y,
                   double          toward_x,
                   double          toward_y,
                   double         *fx,
                   double         *fy)
{
  /* Rings a node's room apart, wider than tall as nodes are. */
  const double step_x = 2 * CC_MAP_NEW_NODE_HALF_W + CC_MAP_NEW_NODE_GAP;
  const double step_y = (2 * CC_MAP_NEW_NODE_HALF_H + CC_MAP_NEW_NODE_GAP) * 1.2;

  g_return_if_fail (is_map (sheet));
  g_return_if_fail (boxes != NULL || n_boxes == 0);

  *fx = x;
  *fy = y;
  for (int ring = 0; ring < 40; ring++)
    {
      double best = G_MAXDOUBLE;

      /* Of the places on the nearest ring with room, the one towards
       * (toward_x, toward_y): a chain called out one by one curls back
       * to the middle instead of running off in a line. */
      for (int k = 0; k < MAX (1, ring * 8); k++)
        {
          double angle = ring == 0 ? 0 : 2 * G_PI * k / (ring * 8);
          double px = round (CLAMP (x + cos (angle) * ring * step_x, -CC_MAX_COORDINATE, CC_MAX_COORDINATE));
          double py = round (CLAMP (y + sin (angle) * ring * step_y, -CC_MAX_COORDINATE, CC_MAX_COORDINATE));
          double d = hypot (px - toward_x, py - toward_y);

          if (d < best - 0.5 && is_clear (sheet, boxes, n_boxes, px, py))
            {
              *fx = px;
              *fy = py;
              best = d;
            }
        }
      if (best < G_MAXDOUBLE)
        return;
    }
}

gboolean
cc_map_set_links_type (CcProject *project, GPtrArray *items, const char *type)
{
  gboolean changed = FALSE;
  const char *known;

  g_return_val_if_fail (CC_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);
  known = known_link_type (project, type);
  cc_project_begin_group (project, _("Change Link Type"));
  for (guint i = 0; i < items->len; i++)
    {
      CcItem *link = items->pdata[i];

      if (cc_item_get_kind (link) == CC_KIND_LINK && cc_item_get_parent (link) != NULL
          && g_strcmp0 (cc_item_get_string (link, CC_LINK_TYPE), known) != 0)
        {
          cc_project_set_string (project, link, CC_LINK_TYPE, known);
          changed = TRUE;
        }
    }
  cc_project_end_group (project);
  return changed;
}

/* Sets @field of the actors of the nodes among @items (each once) to
 * @value, as one step named @label. FALSE when none changed. */
static gboolean
set_actors_int (CcProject  *project,
                GPtrArray  *items,
                guint       field,
                gint64      value,
                const char *label)
{
  g_autoptr(GPtrArray) actors = g_ptr_array_new ();

  for (guint i = 0; i < items->len; i++)
    {
      CcItem *actor;

      if (cc_item_get_kind (items->pdata[i]) != CC_KIND_NODE)
        continue;
      actor = cc_project_get_node_actor (project, items->pdata[i]);
      if (actor != NULL && cc_item_get_int (actor, field) != value && !g_ptr_array_find (actors, actor, NULL))
        g_ptr_array_add (actors, actor);
    }
  if (actors->len == 0)
    return FALSE;
  cc_project_begin_group (project, label);
  for (guint i = 0; i < actors->len; i++)
    cc_project_set_int (project, actors->pdata[i], field, value);
  cc_project_end_group (project);
  return TRUE;
}

gboolean
cc_map_set_sector (CcProject *project, GPtrArray *items, CcSector sector)
{
  g_return_val_if_fail (CC_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);
  g_return_val_if_fail (sector < CC_N_SECTORS, FALSE);
  return set_actors_int (project, items, CC_ACTOR_SECTOR, sector, _("Change Sector"));
}

gboolean
cc_map_set_actor_kind (CcProject *project, GPtrArray *items, CcActorKind kind)
{
  g_return_val_if_fail (CC_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);
  g_return_val_if_fail (kind < CC_N_ACTOR_KINDS, FALSE);
  return set_actors_int (project, items, CC_ACTOR_KIND, kind, _("Change Kind"));
}

void
cc_map_move_nodes (CcProject *project, GPtrArray *items, double dx, double dy)
{
  g_autoptr(GPtrArray) nodes = NULL;

  g_return_if_fail (CC_IS_PROJECT (project));
  if (isnan (dx) || isnan (dy) || (dx == 0 && dy == 0))
    return;
  nodes = nodes_among (items, NULL);
  if (nodes->len == 0)
    return;

  cc_project_begin_group (project, _("Move"));
  for (guint i = 0; i < nodes->len; i++)
    {
      CcItem *node = nodes->pdata[i];

      cc_project_set_double (project, node, CC_NODE_X, clamp_coordinate (cc_item_get_double (node, CC_NODE_X) + dx));
      cc_project_set_double (project, node, CC_NODE_Y, clamp_coordinate (cc_item_get_double (node, CC_NODE_Y) + dy));
    }
  cc_project_end_group (project);
}

void
cc_map_delete_items (CcProject *project, GPtrArray *items)
{
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_item_unref);

  g_return_if_fail (CC_IS_PROJECT (project));
  if (items == NULL || items->len == 0)
    return;

  /* Hold them: deleting one may drop another from the caller's array
   * (a selection that follows the project, say). Only what a map shows. */
  for (guint i = 0; i < items->len; i++)
    {
      CcItem *item = items->pdata[i];
      CcKind kind = cc_item_get_kind (item);

      if (kind == CC_KIND_NODE || kind == CC_KIND_LINK || kind == CC_KIND_GROUP)
        g_ptr_array_add (held, cc_item_ref (item));
    }

  cc_project_begin_group (project, _("Delete"));
  for (guint i = 0; i < held->len; i++)
    {
      CcItem *item = held->pdata[i];

      /* Skip what an earlier deletion in this call already took away. */
      if (cc_project_lookup (project, cc_item_get_id (item)) == item)
        cc_project_delete (project, item);
    }
  cc_project_end_group (project);
}

gboolean
cc_map_rename_node (CcProject *project, CcItem *node, const char *name)
{
  CcItem *actor;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (CC_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (node != NULL && cc_item_get_kind (node) == CC_KIND_NODE, FALSE);

  trimmed = g_strstrip (g_strdup (name ? name : ""));
  actor = cc_project_get_node_actor (project, node);
  if (actor == NULL || !name_is_valid (trimmed))
    return FALSE;
  cc_project_begin_group (project, _("Rename"));
  cc_project_set_string (project, actor, CC_ACTOR_NAME, trimmed);
  cc_project_end_group (project);
  return TRUE;
}

GPtrArray *
cc_map_duplicate (CcProject *project, CcItem *sheet, GPtrArray *items, double dx, double dy)
{
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *created = g_ptr_array_new ();
  GPtrArray *links, *groups;

  g_return_val_if_fail (CC_IS_PROJECT (project), created);
  g_return_val_if_fail (is_map (sheet), created);
  nodes = nodes_among (items, sheet);
  if (nodes->len == 0)
    return created;
  if (isnan (dx))
    dx = 0;
  if (isnan (dy))
    dy = 0;

  cc_project_begin_group (project, _("Duplicate"));
  for (guint i = 0; i < nodes->len; i++)
    {
      CcItem *node = nodes->pdata[i];
      CcItem *actor = cc_project_get_node_actor (project, node);
      CcItem *actor_copy, *copy;
      g_autofree char *name = NULL;

      if (actor == NULL)
        continue;
      actor_copy = cc_item_copy (actor);
      cc_item_set_id (actor_copy, "");
      name = g_strdup_printf (_("%s (copy)"), cc_item_get_string (actor, CC_ACTOR_NAME));
      if (name_is_valid (name))
        cc_item_set_string (actor_copy, CC_ACTOR_NAME, name);
      cc_project_insert (project, cc_project_get_root (project), CC_PROJECT_ACTORS, -1, actor_copy);
      copy = insert_node (project, sheet, actor_copy,
                          cc_item_get_double (node, CC_NODE_X) + dx, cc_item_get_double (node, CC_NODE_Y) + dy);
      g_hash_table_insert (ids, g_strdup (cc_item_get_id (node)), g_strdup (cc_item_get_id (copy)));
      g_ptr_array_add (created, copy);
    }

  links = cc_item_get_children (sheet, CC_MAP_LINKS);
  for (guint i = 0, n = links->len; i < n; i++)
    {
      CcItem *link = links->pdata[i];
      const char *from = g_hash_table_lookup (ids, cc_item_get_string (link, CC_LINK_FROM));
      const char *to = g_hash_table_lookup (ids, cc_item_get_string (link, CC_LINK_TO));
      CcItem *copy;

      if (from == NULL || to == NULL)
        continue;
      copy = cc_item_copy (link);
      cc_item_set_id (copy, "");
      cc_item_set_string (copy, CC_LINK_FROM, from);
      cc_item_set_string (copy, CC_LINK_TO, to);
      g_ptr_array_add (created, cc_project_insert (project, sheet, CC_MAP_LINKS, -1, copy));
    }

  groups = cc_item_get_children (sheet, CC_MAP_GROUPS);
  for (guint i = 0, n = groups->len; i < n; i++)
    {
      const char * const *members = cc_item_get_strv (groups->pdata[i], CC_GROUP_MEMBERS);
      g_autoptr(GPtrArray) mapped = g_ptr_array_new ();
      CcItem *copy;
      gboolean all = members[0] != NULL;

      for (guint k = 0; members[k] && all; k++)
        {
          const char *id = g_hash_table_lookup (ids, members[k]);

          all = id != NULL;
          g_ptr_array_add (mapped, (gpointer) id);
        }
      if (!all)
        continue;
      g_ptr_array_add (mapped, NULL);
      copy = cc_item_copy (groups->pdata[i]);
      cc_item_set_id (copy, "");
      cc_item_set_strv (copy, CC_GROUP_MEMBERS, (const char * const *) mapped->pdata);
      g_ptr_array_add (created, cc_project_insert (project, sheet, CC_MAP_GROUPS, -1, copy));
    }
  cc_project_end_group (project);
  return created;
}

void
cc_map_align (CcProject *project, GPtrArray *items, CcAlign align)
{
  g_autoptr(GPtrArray) nodes = nodes_among (items, NULL);
  gboolean horizontal = align == CC_ALIGN_LEFT || align == CC_ALIGN_CENTRE || align == CC_ALIGN_RIGHT;
  guint field = horizontal ? CC_NODE_X : CC_NODE_Y;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, sum = 0, target;

  g_return_if_fail (CC_IS_PROJECT (project));
  if (nodes->len < 2)
    return;
  for (guint i = 0; i < nodes->len; i++)
    {
      double v = cc_item_get_double (nodes->pdata[i], field);

      lo = MIN (lo, v);
      hi = MAX (hi, v);
      sum += v;
    }
  switch (align)
    {
    case CC_ALIGN_LEFT:
    case CC_ALIGN_TOP:
      target = lo;
      break;
    case CC_ALIGN_RIGHT:
    case CC_ALIGN_BOTTOM:
      target = hi;
      break;
    case CC_ALIGN_CENTRE:
    case CC_ALIGN_MIDDLE:
    default:
      target = sum / nodes->len;
      break;
    }
  cc_project_begin_group (project, _("Align"));
  for (guint i = 0; i < nodes->len; i++)
    cc_project_set_double (project, nodes->pdata[i], field, target);
  cc_project_end_group (project);
}

static int
compare_position (gconstpointer a, gconstpointer b, gpointer data)
{
  guint field = GPOINTER_TO_UINT (data);
  double x = cc_item_get_double (*(CcItem **) a, field);
  double y = cc_item_get_double (*(CcItem **) b, field);

  return x < y ? -1 : x > y;
}

void
cc_map_distribute (CcProject *project, GPtrArray *items, gboolean vertical)
{
  g_autoptr(GPtrArray) nodes = nodes_among (items, NULL);
  guint field = vertical ? CC_NODE_Y : CC_NODE_X;
  double first, last;

  g_return_if_fail (CC_IS_PROJECT (project));
  if (nodes->len < 3)
    return;
  /* Stable, so nodes at the same place keep the caller's order. */
  g_ptr_array_sort_with_data (nodes, compare_position, GUINT_TO_POINTER (field));
  first = cc_item_get_double (nodes->pdata[0], field);
  last = cc_item_get_double (nodes->pdata[nodes->len - 1], field);
  cc_project_begin_group (project, _("Distribute"));
  for (guint i = 1; i + 1 < nodes->len; i++)
    cc_project_set_double (project, nodes->pdata[i], field, first + (last - first) * i / (nodes->len - 1));
  cc_project_end_group (project);
}

CcItem *
cc_map_group (CcProject *project, CcItem *sheet, GPtrArray *items, const char *title)
{
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  CcItem *group;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (is_map (sheet), NULL);
  nodes = nodes_among (items, sheet);
  if (nodes->len == 0)
    return NULL;
  for (guint i = 0; i < nodes->len; i++)
    g_ptr_array_add (ids, (gpointer) cc_item_get_id (nodes->pdata[i]));
  g_ptr_array_add (ids, NULL);

  group = cc_item_new (CC_KIND_GROUP);
  cc_item_set_string (group, CC_GROUP_TITLE, title);
  cc_item_set_strv (group, CC_GROUP_MEMBERS, (const char * const *) ids->pdata);
  cc_project_begin_group (project, _("Group"));
  cc_project_insert (project, sheet, CC_MAP_GROUPS, -1, group);
  cc_project_end_group (project);
  return group;
}

void
cc_map_ungroup (CcProject *project, CcItem *group)
{
  g_return_if_fail (CC_IS_PROJECT (project));
  g_return_if_fail (group != NULL && cc_item_get_kind (group) == CC_KIND_GROUP);
  if (cc_project_lookup (project, cc_item_get_id (group)) != group)
    return;

  cc_project_begin_group (project, _("Ungroup"));
  cc_project_remove (project, group);
  cc_project_end_group (project);
}

static int
compare_distance (gconstpointer a, gconstpointer b, gpointer data)
{
  CcItem *origin = data;
  double ox = cc_item_get_double (origin, CC_NODE_X), oy = cc_item_get_double (origin, CC_NODE_Y);
  CcItem *p = *(CcItem **) a, *q = *(CcItem **) b;
  double dp = hypot (cc_item_get_double (p, CC_NODE_X) - ox, cc_item_get_double (p, CC_NODE_Y) - oy);
  double dq = hypot (cc_item_get_double (q, CC_NODE_X) - ox, cc_item_get_double (q, CC_NODE_Y) - oy);

  return dp < dq ? -1 : dp > dq;
}

GPtrArray *
cc_map_neighbours (CcProject *project, CcItem *node)
{
  GPtrArray *out = g_ptr_array_new ();
  CcItem *sheet;
  GPtrArray *links;
  const char *id;

  g_return_val_if_fail (CC_IS_PROJECT (project), out);
  g_return_val_if_fail (node != NULL && cc_item_get_kind (node) == CC_KIND_NODE, out);
  sheet = cc_item_get_sheet (node);
  id = cc_item_get_id (node);
  if (sheet == NULL)
    return out;
  links = cc_item_get_children (sheet, CC_MAP_LINKS);
  for (guint i = 0; i < links->len; i++)
    {
      const char *from = cc_item_get_string (links->pdata[i], CC_LINK_FROM);
      const char *to = cc_item_get_string (links->pdata[i], CC_LINK_TO);
      CcItem *other = NULL;

      if (g_str_equal (from, id))
        other = sheet_node (project, sheet, to);
      else if (g_str_equal (to, id))
        other = sheet_node (project, sheet, from);
      if (other != NULL && other != node && !g_ptr_array_find (out, other, NULL))
        g_ptr_array_add (out, other);
    }
  g_ptr_array_sort_with_data (out, compare_distance, node);
  return out;
}

char *
cc_fold_for_matching (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autofree char *folded = g_utf8_casefold (valid, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  GString *out = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

GPtrArray *
cc_map_find_nodes (CcProject *project, CcItem *sheet, const char *text)
{
  GPtrArray *out = g_ptr_array_new ();
  g_autofree char *needle = NULL;
  GPtrArray *nodes;

  g_return_val_if_fail (CC_IS_PROJECT (project), out);
  if (!is_map (sheet) || text == NULL)
    return out;
  needle = cc_fold_for_matching (text);
  if (needle[0] == '\0')
    return out;
  nodes = cc_item_get_children (sheet, CC_MAP_NODES);
  for (guint i = 0; i < nodes->len; i++)
    {
      CcItem *actor = cc_project_get_node_actor (project, nodes->pdata[i]);
      g_autofree char *name = NULL;

      if (actor == NULL)
        continue;
      name = cc_fold_for_matching (cc_item_get_string (actor, CC_ACTOR_NAME));
      if (strstr (name, needle) != NULL)
        g_ptr_array_add (out, nodes->pdata[i]);
    }
  return out;
}

typedef struct
{
  CcItem *actor;
  char   *key;      /* folded name */
  gboolean prefix;  /* the name starts with the text */
  guint    order;   /* place in the project, the last tie-break */
} Match;

static void
match_clear (gpointer data)
{
  g_free (((Match *) data)->key);
}

/* Prefix matches first, then the others; each alphabetically. */
static int
compare_matches (gconstpointer a, gconstpointer b)
{
  const Match *p = a, *q = b;
  int c;

  if (p->prefix != q->prefix)
    return p->prefix ? -1 : 1;
  if ((c = g_utf8_collate (p->key, q->key)) != 0)
    return c;
  if ((c = strcmp (cc_item_get_string (p->actor, CC_ACTOR_NAME), cc_item_get_string (q->actor, CC_ACTOR_NAME))) != 0)
    return c;
  return p->order < q->order ? -1 : p->order > q->order;
}

GPtrArray *
cc_project_match_actors (CcProject *project, const char *text, guint limit)
{
  GPtrArray *out = g_ptr_array_new ();
  g_autoptr(GArray) matches = NULL;
  g_autofree char *needle = NULL;
  GPtrArray *actors;

  g_return_val_if_fail (CC_IS_PROJECT (project), out);
  if (text == NULL || limit == 0)
    return out;
  needle = cc_fold_for_matching (text);
  if (needle[0] == '\0')
    return out;

  matches = g_array_new (FALSE, FALSE, sizeof (Match));
  g_array_set_clear_func (matches, match_clear);
  actors = cc_item_get_children (cc_project_get_root (project), CC_PROJECT_ACTORS);
  for (guint i = 0; i < actors->len; i++)
    {
      char *name = cc_fold_for_matching (cc_item_get_string (actors->pdata[i], CC_ACTOR_NAME));
      const char *at = strstr (name, needle);
      Match m = { actors->pdata[i], name, at == name, i };

      if (at == NULL)
        {
          g_free (name);
          continue;
        }
      g_array_append_val (matches, m);
    }
  g_array_sort (matches, compare_matches);
  for (guint i = 0; i < matches->len && i < limit; i++)
    g_ptr_array_add (out, g_array_index (matches, Match, i).actor);
  return out;
}

CcItem *
cc_project_add_sheet (CcProject *project, CcKind kind, const char *title, int index)
{
  CcItem *sheet;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (kind == CC_KIND_MAP || kind == CC_KIND_FORCEFIELD, NULL);

  sheet = cc_item_new (kind);
  if (title == NULL || title[0] == '\0')
    title = kind == CC_KIND_MAP ? _("New map") : _("New force field");
  cc_item_set_string (sheet, CC_SHEET_TITLE, title);
  cc_project_begin_group (project, _("Add Sheet"));
  cc_project_insert (project, cc_project_get_root (project), CC_PROJECT_SHEETS, index, sheet);
  cc_project_end_group (project);
  return sheet;
}

/* Gives @item and every item below it a fresh id, recording old -> new
 * in @ids. @item is not in the project nor in any parent. */
static void
renumber (CcProject *project, CcItem *item, GHashTable *ids)
{
  const CcKindInfo *info = cc_item_get_info (item);

  if (info->id_prefix != NULL)
    {
      /* The project's id counter only goes up, so ids handed out here
       * before insertion never repeat. */
      char *id = cc_project_new_id (project, cc_item_get_kind (item));

      g_hash_table_insert (ids, g_strdup (cc_item_get_id (item)), id);
      cc_item_set_id (item, id);
    }
  for (guint s = 0; s < info->n_slots; s++)
    {
      guint n = cc_item_get_n_children (item, s);
      g_autoptr(GPtrArray) children = g_ptr_array_sized_new (n);

      /* Only a child out of its parent takes a new id: take them all out
       * (from the end, so each is cheap) and put them back in order. */
      g_ptr_array_set_size (children, n);
      for (guint i = n; i > 0; i--)
        children->pdata[i - 1] = cc_item_steal_child (item, s, i - 1);
      for (guint i = 0; i < n; i++)
        {
          renumber (project, children->pdata[i], ids);
          cc_item_take_child (item, s, -1, children->pdata[i]);
        }
    }
}

/* Points same-sheet references inside @item at the renumbered items. */
static void
remap (CcItem *item, GHashTable *ids)
{
  const CcKindInfo *info = cc_item_get_info (item);

  for (guint f = 0; f < info->n_fields; f++)
    {
      const CcFieldInfo *field = &info->fields[f];

      if (!(field->flags & CC_FIELD_SAME_SHEET))
        continue;
      if (field->type == CC_VT_REF)
        {
          const char *mapped = g_hash_table_lookup (ids, cc_item_get_string (item, f));

          if (mapped != NULL)
            cc_item_set_string (item, f, mapped);
        }
      else if (field->type == CC_VT_REFS)
        {
          const char * const *old = cc_item_get_strv (item, f);
          g_autoptr(GPtrArray) mapped = g_ptr_array_new ();

          for (guint k = 0; old[k]; k++)
            {
              const char *m = g_hash_table_lookup (ids, old[k]);

              g_ptr_array_add (mapped, (gpointer) (m ? m : old[k]));
            }
          g_ptr_array_add (mapped, NULL);
          {
            g_auto(GStrv) copy = g_strdupv ((char **) mapped->pdata);

            cc_item_set_strv (item, f, (const char * const *) copy);
          }
        }
    }
  for (guint s = 0; s < info->n_slots; s++)
    for (guint i = 0; i < cc_item_get_n_children (item, s); i++)
      remap (cc_item_get_child (item, s, i), ids);
}

CcItem *
cc_project_duplicate_sheet (CcProject *project, CcItem *sheet)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *title = NULL;
  CcItem *copy;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (sheet != NULL && cc_kind_is_sheet (cc_item_get_kind (sheet)), NULL);
  g_return_val_if_fail (cc_item_get_parent (sheet) == cc_project_get_root (project), NULL);

  if (cc_item_get_kind (sheet) == CC_KIND_NEWER_SHEET)
    return NULL;  /* the ids inside it are not ours to renumber */
  copy = cc_item_copy (sheet);
  renumber (project, copy, ids);
  remap (copy, ids);
  title = g_strdup_printf (_("%s (copy)"), cc_item_get_string (sheet, CC_SHEET_TITLE));
  if (strlen (title) <= CC_MAX_STRING_LENGTH)
    cc_item_set_string (copy, CC_SHEET_TITLE, title);
  cc_project_begin_group (project, _("Duplicate Sheet"));
  cc_project_insert (project, cc_project_get_root (project), CC_PROJECT_SHEETS,
                     (int) cc_item_get_index (sheet) + 1, copy);
  cc_project_end_group (project);
  return copy;
}
