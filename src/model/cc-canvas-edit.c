/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-canvas-edit"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-canvas-edit.h"
#include "cc-template.h"

static gboolean
is_canvas (CcItem *sheet)
{
  return sheet != NULL && cc_item_get_kind (sheet) == CC_KIND_CANVAS;
}

static gboolean
is_card (CcItem *item)
{
  return item != NULL && cc_item_get_kind (item) == CC_KIND_CARD && is_canvas (cc_item_get_sheet (item));
}

GPtrArray *
cc_canvas_panel_cards (CcItem     *canvas,
                       const char *panel)
{
  GPtrArray *out = g_ptr_array_new ();
  GPtrArray *cards;

  g_return_val_if_fail (is_canvas (canvas), out);
  cards = cc_item_get_children (canvas, CC_CANVAS_CARDS);
  for (guint i = 0; i < cards->len; i++)
    if (g_strcmp0 (cc_item_get_string (cards->pdata[i], CC_CARD_PANEL), panel) == 0)
      g_ptr_array_add (out, cards->pdata[i]);
  return out;
}

CcItem *
cc_canvas_add_card (CcProject  *project,
                    CcItem     *canvas,
                    const char *panel,
                    const char *text,
                    int         index)
{
  g_autoptr(GPtrArray) in_panel = NULL;
  CcItem *card;
  int at = -1;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (is_canvas (canvas), NULL);

  if (panel == NULL || panel[0] == '\0' || strlen (panel) > CC_MAX_STRING_LENGTH
      || (text != NULL && strlen (text) > CC_MAX_STRING_LENGTH))
    return NULL;
  in_panel = cc_canvas_panel_cards (canvas, panel);
  if (index >= 0 && (guint) index < in_panel->len)
    at = (int) cc_item_get_index (in_panel->pdata[index]);
  card = cc_item_new (CC_KIND_CARD);
  cc_item_set_string (card, CC_CARD_PANEL, panel);
  cc_item_set_string (card, CC_CARD_TEXT, text != NULL ? text : "");
  cc_project_begin_group (project, _("Add Card"));
  card = cc_project_insert (project, canvas, CC_CANVAS_CARDS, at, card);
  cc_project_end_group (project);
  return card;
}

gboolean
cc_canvas_move_card (CcProject  *project,
                     CcItem     *card,
                     const char *panel)
{
  CcItem *canvas;
  GPtrArray *cards;

  g_return_val_if_fail (CC_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (is_card (card), FALSE);

  if (panel == NULL || panel[0] == '\0' || g_strcmp0 (cc_item_get_string (card, CC_CARD_PANEL), panel) == 0)
    return FALSE;
  canvas = cc_item_get_sheet (card);
  cards = cc_item_get_children (canvas, CC_CANVAS_CARDS);
  cc_project_begin_group (project, _("Move Card"));
  cc_project_set_string (project, card, CC_CARD_PANEL, panel);
  /* Last of its new panel. */
  cc_project_move (project, card, cards->len - 1);
  cc_project_end_group (project);
  return TRUE;
}

static gboolean
linked (CcItem *canvas, const char *from, const char *to)
{
  GPtrArray *links = cc_item_get_children (canvas, CC_CANVAS_LINKS);

  for (guint i = 0; i < links->len; i++)
    if (g_strcmp0 (cc_item_get_string (links->pdata[i], CC_CARD_LINK_FROM), from) == 0
        && g_strcmp0 (cc_item_get_string (links->pdata[i], CC_CARD_LINK_TO), to) == 0)
      return TRUE;
  return FALSE;
}

CcItem *
cc_canvas_link_cards (CcProject *project,
                      CcItem    *from,
                      CcItem    *to)
{
  CcItem *canvas, *link;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  if (!is_card (from) || !is_card (to) || from == to || cc_item_get_sheet (from) != cc_item_get_sheet (to))
    return NULL;
  canvas = cc_item_get_sheet (from);
  if (linked (canvas, cc_item_get_id (from), cc_item_get_id (to)))
    return NULL;
  link = cc_item_new (CC_KIND_CARD_LINK);
  cc_item_set_string (link, CC_CARD_LINK_FROM, cc_item_get_id (from));
  cc_item_set_string (link, CC_CARD_LINK_TO, cc_item_get_id (to));
  cc_project_begin_group (project, _("Link Cards"));
  link = cc_project_insert (project, canvas, CC_CANVAS_LINKS, -1, link);
  cc_project_end_group (project);
  return link;
}

GPtrArray *
cc_canvas_duplicate (CcProject *project,
                     GPtrArray *items)
{
  GPtrArray *copies = g_ptr_array_new ();
  g_autoptr(GHashTable) copy_of = g_hash_table_new (g_str_hash, g_str_equal);
  CcItem *canvas = NULL;

  g_return_val_if_fail (CC_IS_PROJECT (project), copies);
  cc_project_begin_group (project, _("Duplicate Cards"));
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      CcItem *card = items->pdata[i], *copy;

      if (!is_card (card) || g_hash_table_contains (copy_of, cc_item_get_id (card)))
        continue;
      canvas = cc_item_get_sheet (card);
      copy = cc_item_new (CC_KIND_CARD);
      for (guint f = 0; f < CC_CARD_N_FIELDS; f++)
        cc_item_set_value (copy, f, cc_item_get_value (card, f));
      copy = cc_project_insert (project, canvas, CC_CANVAS_CARDS, (int) cc_item_get_index (card) + 1, copy);
      g_hash_table_insert (copy_of, (gpointer) cc_item_get_id (card), copy);
      g_ptr_array_add (copies, copy);
    }
  if (canvas != NULL)
    {
      GPtrArray *links = cc_item_get_children (canvas, CC_CANVAS_LINKS);
      guint n = links->len;

      /* Arrows between copied cards come along, between the copies. */
      for (guint i = 0; i < n; i++)
        {
          CcItem *a = g_hash_table_lookup (copy_of, cc_item_get_string (links->pdata[i], CC_CARD_LINK_FROM));
          CcItem *b = g_hash_table_lookup (copy_of, cc_item_get_string (links->pdata[i], CC_CARD_LINK_TO));

          if (a != NULL && b != NULL)
            cc_canvas_link_cards (project, a, b);
        }
    }
  cc_project_end_group (project);
  return copies;
}

void
cc_canvas_set_score (CcProject *project,
                     GPtrArray *items,
                     int        score)
{
  g_return_if_fail (CC_IS_PROJECT (project));

  cc_project_begin_group (project, score > 0 ? _("Score Card") : _("Clear Score"));
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      CcItem *card = items->pdata[i];
      g_autoptr(CcTemplate) tmpl = NULL;
      int value = score;

      if (!is_card (card))
        continue;
      tmpl = cc_canvas_get_template (cc_item_get_sheet (card));
      if (value > 0)
        value = CLAMP (value, tmpl ? tmpl->score_min : 1, tmpl ? tmpl->score_max : 5);
      if (cc_item_get_int (card, CC_CARD_SCORE) != value)
        cc_project_set_int (project, card, CC_CARD_SCORE, MAX (value, 0));
    }
  cc_project_end_group (project);
}

CcItem *
cc_project_add_canvas (CcProject  *project,
                       CcItem     *tmpl,
                       const char *title,
                       int         index)
{
  CcItem *root, *sheet;
  const char *id;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (tmpl != NULL && cc_item_get_kind (tmpl) == CC_KIND_TEMPLATE, NULL);

  root = cc_project_get_root (project);
  id = cc_item_get_string (tmpl, CC_TEMPLATE_ID);
  sheet = cc_item_new (CC_KIND_CANVAS);
  cc_item_set_string (sheet, CC_SHEET_TITLE, title != NULL && title[0] ? title : _(cc_item_get_string (tmpl, CC_TEMPLATE_TITLE)));
  cc_item_set_string (sheet, CC_CANVAS_TEMPLATE, id);
  cc_project_begin_group (project, _("Add Sheet"));
  if (cc_root_find_template (root, id) == NULL)
    cc_project_insert (project, root, CC_PROJECT_TEMPLATES, -1, cc_item_copy (tmpl));
  sheet = cc_project_insert (project, root, CC_PROJECT_SHEETS, index, sheet);
  cc_project_end_group (project);
  return sheet;
}

CcItem *
cc_card_get_grid_actor (CcProject *project, CcItem *card)
{
  g_autoptr(CcTemplate) tmpl = NULL;
  CcItem *actor;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (card != NULL && cc_item_get_kind (card) == CC_KIND_CARD, NULL);

  if (!is_canvas (cc_item_get_sheet (card)))
    return NULL;
  tmpl = cc_canvas_get_template (cc_item_get_sheet (card));
  if (!cc_template_is_grid (tmpl))
    return NULL;
  actor = cc_project_lookup (project, cc_item_get_string (card, CC_CARD_ACTOR));
  return actor != NULL && cc_item_get_kind (actor) == CC_KIND_ACTOR ? actor : NULL;
}

CcItem *
cc_canvas_find_actor_card (CcItem *canvas, CcItem *actor)
{
  GPtrArray *cards;

  g_return_val_if_fail (is_canvas (canvas), NULL);
  if (actor == NULL)
    return NULL;
  cards = cc_item_get_children (canvas, CC_CANVAS_CARDS);
  for (guint i = 0; i < cards->len; i++)
    if (g_strcmp0 (cc_item_get_string (cards->pdata[i], CC_CARD_ACTOR), cc_item_get_id (actor)) == 0)
      return cards->pdata[i];
  return NULL;
}

/* @value rounded as the field holds it: influence in whole steps, power and
 * interest to a tenth; unset (the field's default) outside the range. */
static void
set_measure_value (CcProject *project, CcItem *actor, guint field, double value)
{
  const CcFieldInfo *info = cc_kind_field (CC_KIND_ACTOR, field);

  if (info->type == CC_VT_INT)
    {
      gint64 v = (gint64) CLAMP (round (value), info->min, info->max);

      if (cc_item_get_int (actor, field) != v)
        cc_project_set_int (project, actor, field, v);
      return;
    }
  value = (isfinite (value) && value >= info->min && value <= info->max) ? round (value * 10) / 10 : info->def_num;
  if (cc_item_get_double (actor, field) != value)
    cc_project_set_double (project, actor, field, value);
}

/* Puts each card about @actor on a grid canvas in the panel its point falls in. */
static void
follow_measures (CcProject *project, CcItem *actor)
{
  for (guint s = 0; s < cc_project_get_n_sheets (project); s++)
    {
      CcItem *sheet = cc_project_get_sheet (project, s);
      g_autoptr(CcTemplate) tmpl = NULL;
      const CcTemplatePanel *panel;
      double fx, fy;

      if (!is_canvas (sheet) || (tmpl = cc_canvas_get_template (sheet)) == NULL
          || !cc_template_actor_point (tmpl, actor, &fx, &fy)
          || (panel = cc_template_panel_at (tmpl, fx, fy)) == NULL)
        continue;
      for (guint i = 0; i < cc_item_get_n_children (sheet, CC_CANVAS_CARDS); i++)
        {
          CcItem *card = cc_item_get_child (sheet, CC_CANVAS_CARDS, i);

          if (g_strcmp0 (cc_item_get_string (card, CC_CARD_ACTOR), cc_item_get_id (actor)) == 0
              && g_strcmp0 (cc_item_get_string (card, CC_CARD_PANEL), panel->id) != 0)
            cc_project_set_string (project, card, CC_CARD_PANEL, panel->id);
        }
    }
}

void
cc_actor_set_measure (CcProject *project, CcItem *actor, guint field, double value)
{
  g_return_if_fail (CC_IS_PROJECT (project));
  g_return_if_fail (actor != NULL && cc_item_get_kind (actor) == CC_KIND_ACTOR);
  g_return_if_fail (field == CC_ACTOR_POWER || field == CC_ACTOR_INTEREST || field == CC_ACTOR_INFLUENCE);

  cc_project_begin_group (project, field == CC_ACTOR_POWER ? _("Set Power")
                                   : field == CC_ACTOR_INTEREST ? _("Set Interest") : _("Set Influence"));
  set_measure_value (project, actor, field, value);
  follow_measures (project, actor);
  cc_project_end_group (project);
}

CcItem *
cc_canvas_place_actor (CcProject  *project,
                       CcItem     *canvas,
                       CcItem     *actor,
                       const char *name,
                       double      fx,
                       double      fy)
{
  g_autoptr(CcTemplate) tmpl = NULL;
  g_autofree char *trimmed = NULL;
  const CcFieldInfo *xi, *yi;
  const CcTemplatePanel *panel;
  CcItem *card;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (is_canvas (canvas), NULL);
  g_return_val_if_fail (actor == NULL || cc_item_get_kind (actor) == CC_KIND_ACTOR, NULL);

  tmpl = cc_canvas_get_template (canvas);
  if (!cc_template_is_grid (tmpl))
    return NULL;
  if (actor == NULL)
    {
      trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
      if (trimmed[0] == '\0' || strlen (trimmed) > CC_MAX_STRING_LENGTH)
        return NULL;
    }
  fx = isfinite (fx) ? CLAMP (fx, 0, 1) : 0.5;
  fy = isfinite (fy) ? CLAMP (fy, 0, 1) : 0.5;
  xi = cc_kind_field (CC_KIND_ACTOR, cc_axis_field (tmpl->x_axis));
  yi = cc_kind_field (CC_KIND_ACTOR, cc_axis_field (tmpl->y_axis));

  cc_project_begin_group (project, _("Place Organisation"));
  if (actor == NULL)
    {
      actor = cc_item_new (CC_KIND_ACTOR);
      cc_item_set_string (actor, CC_ACTOR_NAME, trimmed);
      actor = cc_project_insert (project, cc_project_get_root (project), CC_PROJECT_ACTORS, -1, actor);
    }
  card = cc_canvas_find_actor_card (canvas, actor);
  if (card == NULL)
    {
      panel = cc_template_panel_at (tmpl, fx, fy);
      card = cc_item_new (CC_KIND_CARD);
      cc_item_set_string (card, CC_CARD_PANEL, panel != NULL ? panel->id : tmpl->panels[0].id);
      cc_item_set_string (card, CC_CARD_ACTOR, cc_item_get_id (actor));
      card = cc_project_insert (project, canvas, CC_CANVAS_CARDS, -1, card);
    }
  set_measure_value (project, actor, cc_axis_field (tmpl->x_axis), xi->min + fx * (xi->max - xi->min));
  set_measure_value (project, actor, cc_axis_field (tmpl->y_axis), yi->min + fy * (yi->max - yi->min));
  follow_measures (project, actor);
  cc_project_end_group (project);
  return card;
}
