/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-canvas-edit"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-canvas-edit.h"

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

  score = CLAMP (score, 0, 5);
  cc_project_begin_group (project, score > 0 ? _("Score Card") : _("Clear Score"));
  for (guint i = 0; items != NULL && i < items->len; i++)
    if (is_card (items->pdata[i]) && cc_item_get_int (items->pdata[i], CC_CARD_SCORE) != score)
      cc_project_set_int (project, items->pdata[i], CC_CARD_SCORE, score);
  cc_project_end_group (project);
}
