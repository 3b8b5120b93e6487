/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-reveal"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-bidi.h"
#include "cc-reveal.h"
#include "cc-schema.h"

CcReveal *
cc_reveal_new (CcRevealKind kind)
{
  CcReveal *reveal = g_new0 (CcReveal, 1);

  g_return_val_if_fail (kind < CC_N_REVEAL_KINDS, NULL);
  reveal->kind = kind;
  reveal->link_types = g_new0 (char *, 1);
  reveal->actor = g_strdup ("");
  reveal->depth = 1;
  return reveal;
}

CcReveal *
cc_reveal_copy (const CcReveal *reveal)
{
  CcReveal *copy;

  if (reveal == NULL)
    return NULL;
  copy = g_memdup2 (reveal, sizeof *reveal);
  copy->link_types = g_strdupv (reveal->link_types);
  copy->actor = g_strdup (reveal->actor);
  return copy;
}

void
cc_reveal_free (CcReveal *reveal)
{
  if (reveal == NULL)
    return;
  g_strfreev (reveal->link_types);
  g_free (reveal->actor);
  g_free (reveal);
}

gboolean
cc_reveal_equal (const CcReveal *a, const CcReveal *b)
{
  gboolean everything_a = a == NULL || a->kind == CC_REVEAL_EVERYTHING;
  gboolean everything_b = b == NULL || b->kind == CC_REVEAL_EVERYTHING;

  if (everything_a || everything_b)
    return everything_a == everything_b;
  if (a->kind != b->kind)
    return FALSE;
  switch (a->kind)
    {
    case CC_REVEAL_SECTOR:
      return a->sectors == b->sectors;
    case CC_REVEAL_STAGE:
      return a->stages == b->stages;
    case CC_REVEAL_LINK_TYPE:
      return g_strv_equal ((const char * const *) a->link_types, (const char * const *) b->link_types);
    case CC_REVEAL_NEIGHBOURHOOD:
      return a->depth == b->depth && g_strcmp0 (a->actor, b->actor) == 0;
    case CC_REVEAL_EVERYTHING:
    case CC_N_REVEAL_KINDS:
    default:
      return TRUE;
    }
}

const char *
cc_reveal_kind_nick (CcRevealKind kind)
{
  return cc_enum_nick (CC_KIND_VIEW, CC_VIEW_REVEAL, kind);
}

const char *
cc_reveal_kind_label (CcRevealKind kind)
{
  static const char *labels[] = { N_("Everything"), N_("Sector"), N_("Link type"), N_("Stage"),
                                  N_("Neighbourhood") };

  g_return_val_if_fail (kind < CC_N_REVEAL_KINDS, NULL);
  return labels[kind];
}

/* ---- what a map holds --------------------------------------------------- */

static CcSector
node_sector (CcProject *project, CcItem *node)
{
  CcItem *actor = cc_project_get_node_actor (project, node);

  return actor != NULL ? (CcSector) cc_item_get_int (actor, CC_ACTOR_SECTOR) : CC_SECTOR_OTHER;
}

/* The link types used on @sheet, in the legend's order: the built-in ones,
 * the project's, then any the project does not know, as first used. */
static GPtrArray *
types_used (CcProject *project, CcItem *sheet)
{
  GPtrArray *links = cc_item_get_children (sheet, CC_MAP_LINKS);
  GPtrArray *types = cc_item_get_children (cc_project_get_root (project), CC_PROJECT_LINK_TYPES);
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *order = g_ptr_array_new ();
  const CcBuiltinLinkType *builtin;
  guint n_builtin;

  for (guint i = 0; i < links->len; i++)
    g_hash_table_add (used, (gpointer) cc_item_get_string (links->pdata[i], CC_LINK_TYPE));
  builtin = cc_builtin_link_types (&n_builtin);
  for (guint i = 0; i < n_builtin; i++)
    if (g_hash_table_remove (used, builtin[i].id))
      g_ptr_array_add (order, (gpointer) builtin[i].id);
  for (guint i = 0; i < types->len; i++)
    if (g_hash_table_remove (used, cc_item_get_id (types->pdata[i])))
      g_ptr_array_add (order, (gpointer) cc_item_get_id (types->pdata[i]));
  for (guint i = 0; i < links->len; i++)
    if (g_hash_table_remove (used, cc_item_get_string (links->pdata[i], CC_LINK_TYPE)))
      g_ptr_array_add (order, (gpointer) cc_item_get_string (links->pdata[i], CC_LINK_TYPE));
  return order;
}

static guint
sectors_present (CcProject *project, CcItem *sheet)
{
  GPtrArray *nodes = cc_item_get_children (sheet, CC_MAP_NODES);
  guint mask = 0;

  for (guint i = 0; i < nodes->len; i++)
    mask |= 1u << node_sector (project, nodes->pdata[i]);
  return mask;
}

static guint
stages_present (CcItem *sheet)
{
  GPtrArray *links = cc_item_get_children (sheet, CC_MAP_LINKS);
  guint mask = 0;

  for (guint i = 0; i < links->len; i++)
    {
      gint64 stage = cc_item_get_int (links->pdata[i], CC_LINK_STAGE);

      if (stage > CC_STAGE_NONE && stage < CC_N_STAGES)
        mask |= 1u << stage;
    }
  return mask;
}

static gboolean
actor_on_map (CcItem *sheet, const char *actor)
{
  GPtrArray *nodes = cc_item_get_children (sheet, CC_MAP_NODES);

  if (actor == NULL || actor[0] == '\0')
    return FALSE;
  for (guint i = 0; i < nodes->len; i++)
    if (g_str_equal (cc_item_get_string (nodes->pdata[i], CC_NODE_ACTOR), actor))
      return TRUE;
  return FALSE;
}

/* The @index-th bit set in @mask, or -1. */
static int
nth_bit (guint mask, guint index)
{
  for (int b = 0; b < 32; b++)
    if (mask & (1u << b) && index-- == 0)
      return b;
  return -1;
}

static guint
count_bits (guint mask)
{
  guint n = 0;

  for (; mask != 0; mask &= mask - 1)
    n++;
  return n;
}

guint
cc_reveal_n_steps (CcProject *project, CcItem *sheet, CcRevealKind kind, const char *actor)
{
  g_return_val_if_fail (CC_IS_PROJECT (project), 0);
  g_return_val_if_fail (sheet != NULL, 0);

  if (cc_item_get_kind (sheet) != CC_KIND_MAP)
    return 0;
  switch (kind)
    {
    case CC_REVEAL_SECTOR:
      return count_bits (sectors_present (project, sheet));
    case CC_REVEAL_STAGE:
      return count_bits (stages_present (sheet));
    case CC_REVEAL_LINK_TYPE:
      {
        g_autoptr(GPtrArray) types = types_used (project, sheet);

        return types->len;
      }
    case CC_REVEAL_NEIGHBOURHOOD:
      return actor_on_map (sheet, actor) ? 2 : 0;
    case CC_REVEAL_EVERYTHING:
    case CC_N_REVEAL_KINDS:
    default:
      return 0;
    }
}

CcReveal *
cc_reveal_step (CcProject *project, CcItem *sheet, CcRevealKind kind, const char *actor, guint index)
{
  CcReveal *reveal;

  if (index >= cc_reveal_n_steps (project, sheet, kind, actor))
    return NULL;
  reveal = cc_reveal_new (kind);
  switch (kind)
    {
    case CC_REVEAL_SECTOR:
      {
        guint present = sectors_present (project, sheet);

        /* The first index + 1 of them: every bit up to the one that is. */
        reveal->sectors = present & ((2u << nth_bit (present, index)) - 1);
      }
      break;
    case CC_REVEAL_STAGE:
      {
        guint present = stages_present (sheet);

        reveal->stages = present & ((2u << nth_bit (present, index)) - 1);
      }
      break;
    case CC_REVEAL_LINK_TYPE:
      {
        g_autoptr(GPtrArray) types = types_used (project, sheet);

        g_strfreev (reveal->link_types);
        reveal->link_types = g_new0 (char *, index + 2);
        for (guint i = 0; i <= index; i++)
          reveal->link_types[i] = g_strdup (types->pdata[i]);
      }
      break;
    case CC_REVEAL_NEIGHBOURHOOD:
      g_free (reveal->actor);
      reveal->actor = g_strdup (actor);
      reveal->depth = (int) index + 1;
      break;
    case CC_REVEAL_EVERYTHING:
    case CC_N_REVEAL_KINDS:
    default:
      break;
    }
  return reveal;
}

/* ---- in words ----------------------------------------------------------- */

/* "a", "a and b", "a, b and c" */
static char *
join_list (GPtrArray *words)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0 && i + 1 == words->len)
        /* TRANSLATORS: between the last two of a list: "public, private and voluntary" */
        g_string_append (text, _(" and "));
      else if (i > 0)
        /* TRANSLATORS: between the others of a list */
        g_string_append (text, C_("list", ", "));
      g_string_append (text, words->pdata[i]);
    }
  return g_string_free (text, FALSE);
}

/* @text with its first letter in capitals */
static char *
capitalise (const char *text)
{
  char first[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (text)), first);
  return g_strconcat (first, g_utf8_next_char (text), NULL);
}

static const char *
link_type_label (CcProject *project, const char *id)
{
  const CcBuiltinLinkType *builtin = cc_builtin_link_type (id);
  CcItem *type;

  if (builtin != NULL)
    return _(builtin->label);
  type = cc_project_lookup (project, id);
  if (type != NULL && cc_item_get_kind (type) == CC_KIND_LINK_TYPE)
    return cc_item_get_string (type, CC_LINK_TYPE_LABEL);
  return id;
}

char *
cc_reveal_describe (CcProject *project, const CcReveal *reveal)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  g_autofree char *sentence = NULL;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);

  if (reveal == NULL || reveal->kind == CC_REVEAL_EVERYTHING)
    return g_strdup (_("Everything"));
  switch (reveal->kind)
    {
    case CC_REVEAL_SECTOR:
      for (int s = 0; s < CC_N_SECTORS; s++)
        if (reveal->sectors & (1u << s))
          g_ptr_array_add (words, g_utf8_strdown (_(cc_sector_label ((CcSector) s)), -1));
      if (words->len == 0)
        return g_strdup (_("No sector"));
      list = join_list (words);
      /* TRANSLATORS: %s is a list of sectors: "public and private" */
      sentence = g_strdup_printf (_("%s sector"), list);
      break;
    case CC_REVEAL_STAGE:
      for (int s = CC_STAGE_NONE + 1; s < CC_N_STAGES; s++)
        if (reveal->stages & (1u << s))
          g_ptr_array_add (words, g_utf8_strdown (_(cc_stage_label ((CcStage) s)), -1));
      if (words->len == 0)
        return g_strdup (_("No stage"));
      list = join_list (words);
      /* TRANSLATORS: %s is a list of life-cycle stages: "initiation and development" */
      sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s stage", "%s stages", words->len), list);
      break;
    case CC_REVEAL_LINK_TYPE:
      for (guint i = 0; reveal->link_types[i]; i++)
        g_ptr_array_add (words, cc_bidi_isolate (link_type_label (project, reveal->link_types[i])));
      if (words->len == 0)
        return g_strdup (_("No links"));
      list = join_list (words);
      /* TRANSLATORS: %s is a list of link types: "Informal collaboration and Strategic partnership" */
      return g_strdup_printf (_("%s links"), list);
    case CC_REVEAL_NEIGHBOURHOOD:
      {
        CcItem *actor = cc_project_lookup (project, reveal->actor);
        g_autofree char *name = cc_bidi_isolate (actor != NULL && cc_item_get_kind (actor) == CC_KIND_ACTOR
                                                 ? cc_item_get_string (actor, CC_ACTOR_NAME) : "?");

        /* TRANSLATORS: the organisation and those up to %d links away from it */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Neighbourhood of %s, %d step",
                                             "Neighbourhood of %s, %d steps", (gulong) reveal->depth),
                                name, reveal->depth);
      }
    case CC_REVEAL_EVERYTHING:
    case CC_N_REVEAL_KINDS:
    default:
      return g_strdup (_("Everything"));
    }
  return capitalise (sentence);
}

/* ---- what is shown ------------------------------------------------------ */

GHashTable *
cc_reveal_evaluate (CcProject *project, CcItem *sheet, const CcReveal *reveal)
{
  GPtrArray *nodes, *links;
  GHashTable *shown;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (sheet != NULL, NULL);

  if (reveal == NULL || reveal->kind == CC_REVEAL_EVERYTHING || cc_item_get_kind (sheet) != CC_KIND_MAP)
    return NULL;
  nodes = cc_item_get_children (sheet, CC_MAP_NODES);
  links = cc_item_get_children (sheet, CC_MAP_LINKS);
  shown = g_hash_table_new (NULL, NULL);

  switch (reveal->kind)
    {
    case CC_REVEAL_SECTOR:
      for (guint i = 0; i < nodes->len; i++)
        if (reveal->sectors & (1u << node_sector (project, nodes->pdata[i])))
          g_hash_table_add (shown, nodes->pdata[i]);
      for (guint i = 0; i < links->len; i++)
        {
          CcItem *from = cc_project_lookup (project, cc_item_get_string (links->pdata[i], CC_LINK_FROM));
          CcItem *to = cc_project_lookup (project, cc_item_get_string (links->pdata[i], CC_LINK_TO));

          if (from != NULL && to != NULL && g_hash_table_contains (shown, from) && g_hash_table_contains (shown, to))
            g_hash_table_add (shown, links->pdata[i]);
        }
      break;

    case CC_REVEAL_LINK_TYPE:
    case CC_REVEAL_STAGE:
      for (guint i = 0; i < links->len; i++)
        {
          CcItem *link = links->pdata[i];
          gboolean on;

          if (reveal->kind == CC_REVEAL_STAGE)
            on = (reveal->stages & (1u << cc_item_get_int (link, CC_LINK_STAGE))) != 0
                 && cc_item_get_int (link, CC_LINK_STAGE) != CC_STAGE_NONE;
          else
            on = g_strv_contains ((const char * const *) reveal->link_types, cc_item_get_string (link, CC_LINK_TYPE));
          if (!on)
            continue;
          g_hash_table_add (shown, link);
          for (guint end = CC_LINK_FROM; end <= CC_LINK_TO; end++)
            {
              CcItem *node = cc_project_lookup (project, cc_item_get_string (link, end));

              if (node != NULL)
                g_hash_table_add (shown, node);
            }
        }
      break;

    case CC_REVEAL_NEIGHBOURHOOD:
      {
        /* Breadth first from every node of the actor, @depth links out. */
        g_autoptr(GHashTable) distance = g_hash_table_new (NULL, NULL);
        int depth = CLAMP (reveal->depth, 1, 2);

        for (guint i = 0; i < nodes->len; i++)
          if (g_str_equal (cc_item_get_string (nodes->pdata[i], CC_NODE_ACTOR), reveal->actor))
            g_hash_table_insert (distance, nodes->pdata[i], GINT_TO_POINTER (1));
        for (int d = 1; d <= depth; d++)
          for (guint i = 0; i < links->len; i++)
            {
              CcItem *from = cc_project_lookup (project, cc_item_get_string (links->pdata[i], CC_LINK_FROM));
              CcItem *to = cc_project_lookup (project, cc_item_get_string (links->pdata[i], CC_LINK_TO));
              int df = GPOINTER_TO_INT (g_hash_table_lookup (distance, from)); /* distance + 1; 0: not reached */
              int dt = GPOINTER_TO_INT (g_hash_table_lookup (distance, to));

              if (from == NULL || to == NULL)
                continue;
              if (df == d && dt == 0)
                g_hash_table_insert (distance, to, GINT_TO_POINTER (d + 1));
              else if (dt == d && df == 0)
                g_hash_table_insert (distance, from, GINT_TO_POINTER (d + 1));
            }
        /* The links that reach out from within: not those between two
         * organisations at the edge. */
        for (guint i = 0; i < links->len; i++)
          {
            CcItem *from = cc_project_lookup (project, cc_item_get_string (links->pdata[i], CC_LINK_FROM));
            CcItem *to = cc_project_lookup (project, cc_item_get_string (links->pdata[i], CC_LINK_TO));
            int df = GPOINTER_TO_INT (g_hash_table_lookup (distance, from));
            int dt = GPOINTER_TO_INT (g_hash_table_lookup (distance, to));

            if (df > 0 && dt > 0 && MIN (df, dt) <= depth)
              g_hash_table_add (shown, links->pdata[i]);
          }
        {
          GHashTableIter iter;
          gpointer node;

          g_hash_table_iter_init (&iter, distance);
          while (g_hash_table_iter_next (&iter, &node, NULL))
            g_hash_table_add (shown, node);
        }
      }
      break;

    case CC_REVEAL_EVERYTHING:
    case CC_N_REVEAL_KINDS:
    default:
      break;
    }
  return shown;
}

/* ---- saved views -------------------------------------------------------- */

CcReveal *
cc_reveal_from_view (CcItem *view)
{
  CcReveal *reveal;
  const char * const *names;

  g_return_val_if_fail (view != NULL && cc_item_get_kind (view) == CC_KIND_VIEW, NULL);

  reveal = cc_reveal_new ((CcRevealKind) CLAMP (cc_item_get_int (view, CC_VIEW_REVEAL), 0, CC_N_REVEAL_KINDS - 1));
  names = cc_item_get_strv (view, CC_VIEW_SECTORS);
  for (guint i = 0; names[i]; i++)
    {
      int s = cc_enum_from_nick (CC_KIND_ACTOR, CC_ACTOR_SECTOR, names[i]);

      if (s >= 0)
        reveal->sectors |= 1u << s;
    }
  names = cc_item_get_strv (view, CC_VIEW_STAGES);
  for (guint i = 0; names[i]; i++)
    {
      int s = cc_enum_from_nick (CC_KIND_LINK, CC_LINK_STAGE, names[i]);

      if (s > CC_STAGE_NONE)
        reveal->stages |= 1u << s;
    }
  g_strfreev (reveal->link_types);
  reveal->link_types = g_strdupv ((char **) cc_item_get_strv (view, CC_VIEW_LINK_TYPES));
  g_free (reveal->actor);
  reveal->actor = g_strdup (cc_item_get_string (view, CC_VIEW_ACTOR));
  reveal->depth = (int) cc_item_get_int (view, CC_VIEW_DEPTH);
  return reveal;
}

static void
set_names (CcItem *view, guint field, CcKind kind, guint enum_field, guint mask)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (int b = 0; b < 32; b++)
    if (mask & (1u << b))
      {
        const char *nick = cc_enum_nick (kind, enum_field, b);

        if (nick != NULL && nick[0] != '\0')
          g_ptr_array_add (names, (gpointer) nick);
      }
  g_ptr_array_add (names, NULL);
  cc_item_set_strv (view, field, (const char * const *) names->pdata);
}

CcItem *
cc_map_add_view (CcProject *project, CcItem *sheet, const CcReveal *reveal, const char *name)
{
  CcItem *view;
  g_autofree char *described = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autoptr(CcReveal) everything = cc_reveal_new (CC_REVEAL_EVERYTHING);

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (sheet != NULL && cc_item_get_kind (sheet) == CC_KIND_MAP, NULL);

  if (reveal == NULL)
    reveal = everything;
  name = stripped[0] != '\0' ? stripped : (described = cc_reveal_describe (project, reveal));

  view = cc_item_new (CC_KIND_VIEW);
  cc_item_set_string (view, CC_VIEW_NAME, name);
  cc_item_set_int (view, CC_VIEW_REVEAL, reveal->kind);
  switch (reveal->kind)
    {
    case CC_REVEAL_SECTOR:
      set_names (view, CC_VIEW_SECTORS, CC_KIND_ACTOR, CC_ACTOR_SECTOR, reveal->sectors);
      break;
    case CC_REVEAL_STAGE:
      set_names (view, CC_VIEW_STAGES, CC_KIND_LINK, CC_LINK_STAGE, reveal->stages);
      break;
    case CC_REVEAL_LINK_TYPE:
      cc_item_set_strv (view, CC_VIEW_LINK_TYPES, (const char * const *) reveal->link_types);
      break;
    case CC_REVEAL_NEIGHBOURHOOD:
      cc_item_set_string (view, CC_VIEW_ACTOR, reveal->actor);
      cc_item_set_int (view, CC_VIEW_DEPTH, CLAMP (reveal->depth, 1, 2));
      break;
    case CC_REVEAL_EVERYTHING:
    case CC_N_REVEAL_KINDS:
    default:
      break;
    }
  cc_project_begin_group (project, _("Save View"));
  view = cc_project_insert (project, sheet, CC_MAP_VIEWS, -1, view);
  cc_project_end_group (project);
  return view;
}

char *
cc_reveal_summarize (CcProject *project, const CcReveal *reveal)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  GString *text;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);

  if (reveal == NULL || reveal->kind >= CC_N_REVEAL_KINDS || reveal->kind == CC_REVEAL_EVERYTHING)
    return g_strdup (_("Everything"));
  switch (reveal->kind)
    {
    case CC_REVEAL_SECTOR:
      for (int s = 0; s < CC_N_SECTORS; s++)
        if (reveal->sectors & (1u << s))
          g_ptr_array_add (words, g_utf8_strdown (_(cc_sector_label ((CcSector) s)), -1));
      break;
    case CC_REVEAL_STAGE:
      for (int s = CC_STAGE_NONE + 1; s < CC_N_STAGES; s++)
        if (reveal->stages & (1u << s))
          g_ptr_array_add (words, g_utf8_strdown (_(cc_stage_label ((CcStage) s)), -1));
      break;
    case CC_REVEAL_LINK_TYPE:
      for (guint i = 0; reveal->link_types[i]; i++)
        g_ptr_array_add (words, cc_bidi_isolate (link_type_label (project, reveal->link_types[i])));
      break;
    case CC_REVEAL_NEIGHBOURHOOD:
      {
        CcItem *actor = cc_project_lookup (project, reveal->actor);

        g_ptr_array_add (words, cc_bidi_isolate (actor != NULL && cc_item_get_kind (actor) == CC_KIND_ACTOR
                                                 ? cc_item_get_string (actor, CC_ACTOR_NAME) : "?"));
        /* TRANSLATORS: how far a neighbourhood reaches: "Neighbourhood: Acme, 2 links out" */
        g_ptr_array_add (words, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d link out", "%d links out",
                                                              (gulong) reveal->depth), reveal->depth));
      }
      break;
    case CC_REVEAL_EVERYTHING:
    case CC_N_REVEAL_KINDS:
    default:
      break;
    }
  text = g_string_new (NULL);
  /* TRANSLATORS: a kind of reveal before what of it is shown: "Sector: public, private" */
  g_string_printf (text, _("%s:"), _(cc_reveal_kind_label (reveal->kind)));
  for (guint i = 0; i < words->len; i++)
    {
      g_string_append (text, i > 0 ? C_("list", ", ") : " ");
      g_string_append (text, words->pdata[i]);
    }
  if (words->len == 0)
    /* TRANSLATORS: a view showing none of its kind: "Sector: none" */
    g_string_append_printf (text, " %s", C_("reveal", "none"));
  return g_string_free (text, FALSE);
}

gboolean
cc_map_rename_view (CcProject *project, CcItem *view, const char *name)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (CC_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (view != NULL && cc_item_get_kind (view) == CC_KIND_VIEW, FALSE);

  stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (stripped[0] == '\0')
    return FALSE;
  if (g_strcmp0 (cc_item_get_string (view, CC_VIEW_NAME), stripped) == 0)
    return TRUE;
  cc_project_begin_group (project, _("Rename View"));
  cc_project_set_string (project, view, CC_VIEW_NAME, stripped);
  cc_project_end_group (project);
  return TRUE;
}

void
cc_map_move_view (CcProject *project, CcItem *view, guint index)
{
  CcItem *sheet;

  g_return_if_fail (CC_IS_PROJECT (project));
  g_return_if_fail (view != NULL && cc_item_get_kind (view) == CC_KIND_VIEW);

  sheet = cc_item_get_parent (view);
  g_return_if_fail (sheet != NULL);
  if (index >= cc_item_get_n_children (sheet, CC_MAP_VIEWS))
    return;
  cc_project_begin_group (project, _("Move View"));
  cc_project_move (project, view, index);
  cc_project_end_group (project);
}

void
cc_map_delete_view (CcProject *project, CcItem *view)
{
  g_return_if_fail (CC_IS_PROJECT (project));
  g_return_if_fail (view != NULL && cc_item_get_kind (view) == CC_KIND_VIEW);
  g_return_if_fail (cc_item_get_parent (view) != NULL);

  cc_project_begin_group (project, _("Delete View"));
  cc_project_delete (project, view);
  cc_project_end_group (project);
}
