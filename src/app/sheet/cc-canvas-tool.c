/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-canvas-tool"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "cc-canvas-edit.h"
#include "cc-sheet-tools.h"

/* Design canvases: panels of cards, and arrows between cards. A press
 * selects a card or moves it to another panel; from a selected card's
 * handle (or with Alt) it draws an arrow; Connect (C) draws one from the
 * keyboard. A double-click writes a new card in a panel or edits one. On
 * a grid, the canvas's grid (cc-grid-tool.c) adds its own. */

typedef enum
{
  DRAG_NONE,
  DRAG_CARD,       /* a card, to another panel */
  DRAG_CARD_LINK,  /* an arrow from a card */
} DragMode;

typedef enum
{
  EDIT_NONE,
  EDIT_CARD,         /* a card's text */
  EDIT_NEW_CARD,     /* the text of a card to add to edit_panel */
  EDIT_PLACE,        /* an organisation to place on a grid at edit_fx, edit_fy */
} EditMode;

struct _CcCanvasTool
{
  CcSheetTool  base;

  DragMode     drag_mode;
  double       drag_x, drag_y;     /* where the press was, view pixels */
  double       drag_dx, drag_dy;   /* offset from there */
  gboolean     drag_moved;
  gboolean     drag_was_selected;
  gboolean     drag_additive;
  CcItem      *drag_item;
  CcHit        drag_hit;           /* what is under the pointer */

  /* Drawing an arrow from the keyboard. */
  CcItem      *connect_from;
  CcItem      *connect_to;

  EditMode     edit_mode;
  CcItem      *edit_node;          /* EDIT_CARD */
  char        *edit_panel;         /* EDIT_NEW_CARD */
  int          edit_index;
  double       edit_fx, edit_fy;   /* EDIT_PLACE: the point of the grid */

  GtkWidget   *card_menu;
  GtkWidget   *toolbar;
  CcGrid      *grid;               /* while the canvas is a grid */
};

G_DEFINE_FINAL_TYPE (CcCanvasTool, cc_canvas_tool, CC_TYPE_SHEET_TOOL)

/* Drawing a canvas arrow from the keyboard: Connect (C) on a card, then
 * the arrow keys choose the card it goes to, Enter draws it, Escape does
 * not; a click on a card draws it there. */
static void
connect_end (CcCanvasTool *self)
{
  if (self->connect_from == NULL)
    return;
  g_clear_pointer (&self->connect_from, cc_item_unref);
  g_clear_pointer (&self->connect_to, cc_item_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self->base.view));
}

static void
connect_set_target (CcCanvasTool *self,
                    CcItem       *card)
{
  if (card != NULL)
    cc_item_ref (card);
  g_clear_pointer (&self->connect_to, cc_item_unref);
  self->connect_to = card;
  gtk_widget_queue_draw (GTK_WIDGET (self->base.view));
}

/* The card after (or before) @from in the canvas's order, not @skip. */
static CcItem *
card_beside (CcCanvasTool *self,
             CcItem       *from,
             CcItem       *skip,
             gboolean      back)
{
  GPtrArray *all = cc_item_get_children (self->base.sheet, CC_CANVAS_CARDS);
  guint at = 0;

  if (all->len == 0)
    return NULL;
  if (from == NULL || !g_ptr_array_find (all, from, &at))
    at = back ? 0 : all->len - 1;
  for (guint step = 0; step < all->len; step++)
    {
      at = back ? (at + all->len - 1) % all->len : (at + 1) % all->len;
      if (all->pdata[at] != skip)
        return all->pdata[at];
    }
  return NULL;
}

static void
connect_finish (CcCanvasTool *self,
                CcItem       *to)
{
  CcItem *from = self->connect_from != NULL ? cc_item_ref (self->connect_from) : NULL;

  connect_end (self);
  if (from != NULL && to != NULL && to != from && cc_item_get_parent (from) == self->base.sheet
      && cc_item_get_parent (to) == self->base.sheet)
    {
      cc_canvas_link_cards (self->base.project, from, to);
      cc_selection_select (self->base.selection, to);
    }
  g_clear_pointer (&from, cc_item_unref);
}

static CcItem *
selected_card (CcCanvasTool *self)
{
  g_autoptr(GPtrArray) cards = cc_selection_get_of_kind (self->base.selection, CC_KIND_CARD);

  return cards->len > 0 ? cards->pdata[cards->len - 1] : NULL;
}

static void
open_entry (CcCanvasTool *self,
            EditMode      mode,
            double        sx,
            double        sy,
            CcItem       *card)
{
  const char *text = "";
  const char *hint = _("Card");
  CcSheetEntryFlags flags = CC_SHEET_ENTRY_TEXT;

  connect_end (self);
  if (mode == EDIT_CARD)
    text = card != NULL ? cc_item_get_string (card, CC_CARD_TEXT) : "";
  else if (mode == EDIT_NEW_CARD)
    {
      hint = _("A new card");
      flags |= CC_SHEET_ENTRY_REPEAT;
    }
  else
    {
      hint = _("Organisation to place here");
      flags = CC_SHEET_ENTRY_SUGGEST;
    }
  self->edit_mode = mode;
  cc_sheet_tool_set_item (&self->edit_node, card);
  cc_sheet_view_open_entry (self->base.view, sx, sy, text, hint, flags, NULL);
}

static void
canvas_entry_cancel (CcSheetTool *tool)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);

  self->edit_mode = EDIT_NONE;
  cc_sheet_tool_set_item (&self->edit_node, NULL);
}

/* Opens the entry for a new card in @panel, at @index (-1: last), over the
 * point (sx, sy) of the sheet. */
static void
open_new_card (CcCanvasTool *self,
               const char   *panel,
               int           index,
               double        sx,
               double        sy)
{
  if (panel == NULL)
    return;
  g_free (self->edit_panel);
  self->edit_panel = g_strdup (panel);
  self->edit_index = index;
  open_entry (self, EDIT_NEW_CARD, sx, sy, NULL);
}

/* A new card after @card, in its panel, opened below it. */
static void
open_card_after (CcCanvasTool *self,
                 CcItem       *card)
{
  g_autoptr(GPtrArray) in_panel = cc_canvas_panel_cards (self->base.sheet, cc_item_get_string (card, CC_CARD_PANEL));
  g_autofree char *panel = g_strdup (cc_item_get_string (card, CC_CARD_PANEL));
  guint at = 0;
  CcRect box;

  g_ptr_array_find (in_panel, card, &at);
  if (!cc_sheet_view_get_box (self->base.view, card, &box))
    return;
  open_new_card (self, panel, (int) at + 1, box.x + box.width / 2, box.y + box.height + 24);
}

static void
canvas_entry_commit (CcSheetTool *tool,
                     const char  *text,
                     CcItem      *actor,
                     gboolean     chain)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);
  g_autofree char *panel = g_strdup (self->edit_panel);
  EditMode mode = self->edit_mode;
  CcItem *card = self->edit_node ? cc_item_ref (self->edit_node) : NULL;
  int index = self->edit_index;
  CcItem *added = NULL;

  canvas_entry_cancel (tool);
  if (mode == EDIT_PLACE && (actor != NULL || text[0] != '\0'))
    {
      /* An organisation already on the grid moves to the new point. */
      CcItem *placed = cc_canvas_place_actor (tool->project, tool->sheet, actor, text, self->edit_fx, self->edit_fy);

      if (placed != NULL)
        cc_selection_select (tool->selection, placed);
    }
  else if (mode == EDIT_CARD && card != NULL && g_strcmp0 (text, cc_item_get_string (card, CC_CARD_TEXT)) != 0)
    {
      cc_project_begin_group (self->base.project, _("Edit Card"));
      cc_project_set_string (self->base.project, card, CC_CARD_TEXT, text);
      cc_project_end_group (self->base.project);
    }
  else if (mode == EDIT_NEW_CARD && text[0] != '\0')
    {
      added = cc_canvas_add_card (self->base.project, self->base.sheet, panel, text, index);
      if (added != NULL)
        cc_selection_select (self->base.selection, added);
    }
  if (chain && added != NULL)
    open_card_after (self, added);
  g_clear_pointer (&card, cc_item_unref);
}

static GMenuModel *
build_card_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();

  g_menu_append (section, _("_Edit Text"), "canvas.edit-card");
  g_menu_append (section, _("C_onnect To…"), "canvas.connect");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_clear_object (&section);
  section = g_menu_new ();
  g_menu_append (section, _("_Delete"), "canvas.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  return G_MENU_MODEL (menu);
}

/* The card's menu, at view point @at, or beside the selected card. */
static void
show_card_menu (CcCanvasTool       *self,
                const GdkRectangle *at)
{
  CcItem *card = selected_card (self);

  if (self->card_menu == NULL || card == NULL)
    return;
  cc_sheet_view_popup (self->base.view, self->card_menu, at, card);
}

static void
canvas_context_menu (CcSheetTool *tool,
                     double       x,
                     double       y)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);
  GdkRectangle at = { (int) x, (int) y, 1, 1 };
  CcHit hit;

  connect_end (self);
  cc_sheet_view_hit_detail (tool->view, x, y, &hit);
  if (hit.part != CC_HIT_ITEM || cc_item_get_kind (hit.item) != CC_KIND_CARD)
    return;
  if (!cc_selection_contains (tool->selection, hit.item))
    cc_selection_select (tool->selection, hit.item);
  show_card_menu (self, &at);
}

/* ---- presses ------------------------------------------------------------------ */

static void
canvas_drag_reset (CcSheetTool *tool)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);

  self->drag_mode = DRAG_NONE;
  self->drag_moved = FALSE;
  cc_sheet_tool_set_item (&self->drag_item, NULL);
}

static CcSheetDrag
canvas_drag_begin (CcSheetTool     *tool,
                   double           x,
                   double           y,
                   GdkModifierType  state)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);
  CcHit *hit = &self->drag_hit;
  CcItem *handle;

  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = self->drag_dy = 0;
  cc_sheet_view_hit_detail (tool->view, x, y, hit);
  if (self->connect_from != NULL)
    {
      /* Connecting: a card takes the arrow, anywhere else cancels. */
      connect_finish (self, hit->part == CC_HIT_ITEM && cc_item_get_kind (hit->item) == CC_KIND_CARD
                            ? hit->item : NULL);
      return CC_SHEET_DRAG_NONE;
    }
  handle = cc_sheet_view_handle_at (tool->view, x, y);
  if (handle != NULL && cc_item_get_kind (handle) == CC_KIND_CARD)
    {
      /* From the handle of a selected card: an arrow, no modifier needed. */
      cc_sheet_tool_set_item (&self->drag_item, handle);
      self->drag_was_selected = TRUE;
      self->drag_mode = DRAG_CARD_LINK;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (tool->view), "crosshair");
      return CC_SHEET_DRAG_TOOL;
    }
  if (hit->part == CC_HIT_ITEM && cc_item_get_kind (hit->item) == CC_KIND_CARD)
    {
      self->drag_was_selected = cc_sheet_tool_press_select (tool, hit->item, state, &self->drag_additive);
      cc_sheet_tool_set_item (&self->drag_item, hit->item);
      self->drag_mode = (state & GDK_ALT_MASK) ? DRAG_CARD_LINK : DRAG_CARD;
      return CC_SHEET_DRAG_TOOL;
    }
  if (hit->part == CC_HIT_ITEM)
    {
      if (state & CC_SHEET_ADD_TO_SELECTION)
        cc_selection_toggle (tool->selection, hit->item);
      else
        cc_selection_select (tool->selection, hit->item);
      return CC_SHEET_DRAG_TOOL;
    }
  if (!(state & CC_SHEET_ADD_TO_SELECTION))
    cc_selection_clear (tool->selection);
  return CC_SHEET_DRAG_PAN;
}

static void
canvas_drag_update (CcSheetTool *tool,
                    double       offset_x,
                    double       offset_y)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);

  self->drag_dx = offset_x;
  self->drag_dy = offset_y;
  self->drag_moved = TRUE;
  if (self->drag_mode == DRAG_NONE)
    return;
  /* What is under the pointer: a panel to drop into, a card to link to. */
  cc_sheet_view_hit_detail (tool->view, self->drag_x + offset_x, self->drag_y + offset_y, &self->drag_hit);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (tool->view), self->drag_mode == DRAG_CARD ? "grabbing" : "crosshair");
}

static void
canvas_drag_end (CcSheetTool *tool,
                 double       offset_x,
                 double       offset_y,
                 gboolean     moved)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);
  DragMode mode = self->drag_mode;

  self->drag_dx = offset_x;
  self->drag_dy = offset_y;
  self->drag_moved = moved;
  if (mode == DRAG_NONE)
    return;
  if (moved && self->drag_item != NULL)
    {
      CcHit hit;
      double sx, sy;

      cc_sheet_view_view_to_sheet (tool->view, self->drag_x + offset_x, self->drag_y + offset_y, &sx, &sy);
      if (mode == DRAG_CARD && self->grid != NULL
          && cc_grid_drop_card (self->grid, self->drag_item, self->drag_x, self->drag_y, sx, sy))
        ;
      else if (cc_sheet_view_hit_detail (tool->view, self->drag_x + offset_x, self->drag_y + offset_y, &hit))
        {
          if (mode == DRAG_CARD_LINK && hit.part == CC_HIT_ITEM && cc_item_get_kind (hit.item) == CC_KIND_CARD)
            cc_canvas_link_cards (tool->project, self->drag_item, hit.item);
          else if (mode == DRAG_CARD && hit.panel != NULL)
            {
              g_autofree char *panel = g_strdup (hit.panel);

              cc_canvas_move_card (tool->project, self->drag_item, panel);
            }
        }
    }
  else
    cc_sheet_tool_click_select (tool, self->drag_item, self->drag_was_selected, self->drag_additive);
}

static void
canvas_activate (CcSheetTool *tool,
                 double       x,
                 double       y)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);
  CcHit hit;
  double sx, sy;

  cc_sheet_view_view_to_sheet (tool->view, x, y, &sx, &sy);
  if (!cc_sheet_view_hit_detail (tool->view, x, y, &hit))
    return;
  if (hit.part == CC_HIT_ITEM && cc_item_get_kind (hit.item) == CC_KIND_CARD)
    {
      cc_selection_select (tool->selection, hit.item);
      open_entry (self, EDIT_CARD, hit.box.x + hit.box.width / 2, hit.box.y + hit.box.height / 2, hit.item);
    }
  else if (hit.on_grid && self->grid != NULL)
    {
      /* On a grid: name an organisation, and it stands where clicked. */
      self->edit_fx = hit.grid_x;
      self->edit_fy = hit.grid_y;
      open_entry (self, EDIT_PLACE, sx, sy, NULL);
    }
  else if (hit.part == CC_HIT_PANEL)
    open_new_card (self, hit.panel, -1, sx, sy);
}

/* ---- keys and actions --------------------------------------------------------------- */

static void
edit_card_action (CcSheetTool *tool,
                  const char  *name,
                  GVariant    *param)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);
  CcItem *card = selected_card (self);
  CcRect box;

  if (card != NULL && cc_sheet_view_get_box (self->base.view, card, &box))
    open_entry (self, EDIT_CARD, box.x + box.width / 2, box.y + box.height / 2, card);
}

static void
connect_action (CcSheetTool *tool,
                const char  *name,
                GVariant    *param)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);
  CcItem *card = selected_card (self);

  if (card == NULL)
    return;
  connect_end (self);
  self->connect_from = cc_item_ref (card);
  connect_set_target (self, card_beside (self, card, card, FALSE));
  gtk_widget_grab_focus (GTK_WIDGET (self->base.view));
}

static gboolean
canvas_key_pressed (CcSheetTool     *tool,
                    guint            keyval,
                    GdkModifierType  state)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);
  GtkWidget *widget = GTK_WIDGET (self->base.view);
  gboolean ctrl = (state & GDK_CONTROL_MASK) != 0;
  CcItem *card = selected_card (self);
  g_autoptr(GPtrArray) cards = cc_selection_get_of_kind (self->base.selection, CC_KIND_CARD);

  if (self->connect_from != NULL)
    {
      switch (keyval)
        {
        case GDK_KEY_Up: case GDK_KEY_KP_Up: case GDK_KEY_Left: case GDK_KEY_KP_Left:
        case GDK_KEY_Down: case GDK_KEY_KP_Down: case GDK_KEY_Right: case GDK_KEY_KP_Right:
        case GDK_KEY_Tab: case GDK_KEY_ISO_Left_Tab:
          {
            gboolean back = keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up || keyval == GDK_KEY_Left
                            || keyval == GDK_KEY_KP_Left || keyval == GDK_KEY_ISO_Left_Tab;
            CcItem *next = card_beside (self, self->connect_to != NULL ? self->connect_to : self->connect_from,
                                        self->connect_from, back);

            connect_set_target (self, next);
            if (next != NULL)
              cc_sheet_view_reveal_item (self->base.view, next);
            return TRUE;
          }
        case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter: case GDK_KEY_space:
          connect_finish (self, self->connect_to);
          return TRUE;
        case GDK_KEY_Escape:
          connect_end (self);
          return TRUE;
        default:
          /* Any other key: no arrow, and the key does what it does. */
          connect_end (self);
          break;
        }
    }
  if ((state & GDK_ALT_MASK) && self->grid != NULL)
    return cc_grid_nudge (self->grid, keyval, state);
  if (state & GDK_ALT_MASK)
    return FALSE;
  if (ctrl)
    {
      switch (keyval)
        {
        case GDK_KEY_a:
        case GDK_KEY_A:
          return gtk_widget_activate_action (widget, "canvas.select-all", NULL);
        case GDK_KEY_v:
        case GDK_KEY_V:
          /* Organisations copied on a map come to a grid where they stand */
          return self->grid != NULL && gtk_widget_activate_action (widget, "canvas.paste", NULL);
        case GDK_KEY_d:
        case GDK_KEY_D:
          if (cards->len > 0)
            {
              g_autoptr(GPtrArray) copies = cc_canvas_duplicate (self->base.project, cards);

              cc_selection_set_items (self->base.selection, copies);
            }
          return TRUE;
        default:
          return FALSE;
        }
    }
  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->drag_mode == DRAG_CARD || self->drag_mode == DRAG_CARD_LINK)
        cc_sheet_view_drag_reset (self->base.view);
      else
        cc_selection_clear (self->base.selection);
      return TRUE;
    case GDK_KEY_0: case GDK_KEY_1: case GDK_KEY_2: case GDK_KEY_3: case GDK_KEY_4: case GDK_KEY_5:
      cc_canvas_set_score (self->base.project, cards, (int) (keyval - GDK_KEY_0));
      return cards->len > 0;
    case GDK_KEY_KP_0: case GDK_KEY_KP_1: case GDK_KEY_KP_2: case GDK_KEY_KP_3: case GDK_KEY_KP_4: case GDK_KEY_KP_5:
      cc_canvas_set_score (self->base.project, cards, (int) (keyval - GDK_KEY_KP_0));
      return cards->len > 0;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      gtk_widget_activate_action (widget, "canvas.delete", NULL);
      return TRUE;
    case GDK_KEY_F2:
      gtk_widget_activate_action (widget, "canvas.edit-card", NULL);
      return TRUE;
    case GDK_KEY_c:
    case GDK_KEY_C:
      return card != NULL && gtk_widget_activate_action (widget, "canvas.connect", NULL);
    case GDK_KEY_Menu:
      show_card_menu (self, NULL);
      return TRUE;
    case GDK_KEY_F10:
      if (!(state & GDK_SHIFT_MASK))
        return FALSE;
      show_card_menu (self, NULL);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (card != NULL)
        open_card_after (self, card);
      return card != NULL;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: case GDK_KEY_Left: case GDK_KEY_KP_Left:
    case GDK_KEY_Down: case GDK_KEY_KP_Down: case GDK_KEY_Right: case GDK_KEY_KP_Right:
      {
        GPtrArray *all = cc_item_get_children (self->base.sheet, CC_CANVAS_CARDS);
        gboolean back = keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up || keyval == GDK_KEY_Left
                        || keyval == GDK_KEY_KP_Left;
        guint at = 0;

        if (all->len == 0)
          return FALSE;
        if (card == NULL || !g_ptr_array_find (all, card, &at))
          at = back ? 0 : all->len - 1;
        at = back ? (at > 0 ? at - 1 : 0) : MIN (at + 1, all->len - 1);
        cc_selection_select (self->base.selection, all->pdata[at]);
        cc_sheet_view_reveal_item (self->base.view, all->pdata[at]);
        return TRUE;
      }
    default:
      return FALSE;
    }
}

static const CcSheetToolAction canvas_actions[] = {
  { "canvas.edit-card", NULL, edit_card_action },
  { "canvas.connect", NULL, connect_action },
};

static gboolean
canvas_action_enabled (CcSheetTool *tool,
                       const char  *name)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);
  g_autoptr(GPtrArray) cards = cc_selection_get_of_kind (tool->selection, CC_KIND_CARD);

  if (g_str_equal (name, "canvas.delete"))
    return cc_selection_get_n_items (tool->selection) > 0;
  if (g_str_equal (name, "canvas.edit-card"))
    return cards->len > 0;
  if (g_str_equal (name, "canvas.connect"))
    return cards->len > 0 && cc_item_get_n_children (tool->sheet, CC_CANVAS_CARDS) > 1;
  if (g_str_equal (name, "canvas.paste"))
    return self->grid != NULL;
  return g_str_equal (name, "canvas.select-all");
}

static void
canvas_select_all (CcSheetTool *tool)
{
  cc_selection_set_items (tool->selection, cc_item_get_children (tool->sheet, CC_CANVAS_CARDS));
}

static void
canvas_delete_selection (CcSheetTool *tool)
{
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_item_unref);
  g_autofree char *message = NULL;
  guint n = cc_selection_get_n_items (tool->selection);

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (doomed, cc_item_ref (cc_selection_get_item (tool->selection, i)));
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item removed from the canvas",
                                          "%u items removed from the canvas", n), n);
  cc_selection_clear (tool->selection);
  cc_project_begin_group (tool->project, _("Delete"));
  for (guint i = 0; i < doomed->len; i++)
    if (cc_item_get_parent (doomed->pdata[i]) != NULL)
      cc_project_delete (tool->project, doomed->pdata[i]);
  cc_project_end_group (tool->project);
  cc_sheet_view_emit_deleted (tool->view, message);
}

/* Organisations copied on a map come to a grid where they stand. */
static void
canvas_paste (CcSheetTool *tool,
              GBytes      *bytes)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);

  if (self->grid != NULL)
    cc_grid_paste (self->grid, bytes);
}

/* ---- drawing ------------------------------------------------------------------------ */

static void
canvas_draw_overlay (CcSheetTool   *tool,
                     cairo_t       *cr,
                     const GdkRGBA *accent)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);
  GPtrArray *items = cc_selection_get_items (self->base.selection);
  CcRect r;

  for (guint i = 0; i < items->len; i++)
    if (cc_sheet_view_get_view_box (self->base.view, items->pdata[i], &r))
      {
        cc_path_rounded_rect (cr, r.x - 4, r.y - 4, r.width + 8, r.height + 8, 8);
        cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 1);
        cairo_set_line_width (cr, 3);
        cairo_stroke (cr);
        if (cc_item_get_kind (items->pdata[i]) == CC_KIND_CARD && self->drag_mode != DRAG_CARD
            && self->connect_from == NULL)
          {
            /* The arrow handle: drag from it to another card. */
            cc_sheet_tool_draw_handle (cr, accent, r.x + r.width, r.y + r.height / 2);
          }
      }
  if (self->connect_from != NULL && cc_sheet_view_get_view_box (self->base.view, self->connect_from, &r))
    {
      static const double dash[] = { 8, 5 };
      CcRect t;

      if (self->connect_to != NULL && cc_sheet_view_get_view_box (self->base.view, self->connect_to, &t))
        {
          cc_path_rounded_rect (cr, t.x - 5, t.y - 5, t.width + 10, t.height + 10, 10);
          cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.9);
          cairo_set_line_width (cr, 4);
          cairo_stroke (cr);
          cairo_move_to (cr, r.x + r.width / 2, r.y + r.height / 2);
          cairo_line_to (cr, t.x + t.width / 2, t.y + t.height / 2);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_set_line_width (cr, 3);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      cc_sheet_view_draw_banner (self->base.view, cr, _("Choose the card to connect to, then Enter (Esc cancels)"),
                   gtk_widget_get_width (GTK_WIDGET (self->base.view)) / 2.0, 16);
    }
  if ((self->drag_mode == DRAG_CARD || self->drag_mode == DRAG_CARD_LINK) && self->drag_moved
      && self->drag_item != NULL && cc_sheet_view_get_view_box (self->base.view, self->drag_item, &r))
    {
      CcHit *hit = &self->drag_hit;
      double x1, y1, x2, y2;

      /* The panel or card it would go to. */
      if ((self->drag_mode == DRAG_CARD && hit->panel != NULL)
          || (self->drag_mode == DRAG_CARD_LINK && hit->part == CC_HIT_ITEM && hit->item != self->drag_item))
        {
          CcRect target = hit->box;

          if (self->drag_mode == DRAG_CARD && hit->part == CC_HIT_ITEM)
            {
              /* A card's panel: the whole panel lights up. */
              double sx, sy;

              cc_sheet_view_view_to_sheet (self->base.view, self->drag_x + self->drag_dx, self->drag_y + self->drag_dy, &sx, &sy);
              target = (CcRect) { sx - 4, sy - 4, 8, 8 };
            }
          cc_sheet_view_sheet_to_view (self->base.view, target.x, target.y, &x1, &y1);
          cc_sheet_view_sheet_to_view (self->base.view, target.x + target.width, target.y + target.height, &x2, &y2);
          cc_path_rounded_rect (cr, x1 - 3, y1 - 3, x2 - x1 + 6, y2 - y1 + 6, 10);
          cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.9);
          cairo_set_line_width (cr, 3);
          cairo_stroke (cr);
        }
      if (self->drag_mode == DRAG_CARD)
        {
          cc_path_rounded_rect (cr, r.x + self->drag_dx, r.y + self->drag_dy, r.width, r.height, 6);
          cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.18);
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.9);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
      else
        {
          cairo_move_to (cr, r.x + r.width / 2, r.y + r.height / 2);
          cairo_line_to (cr, self->drag_x + self->drag_dx, self->drag_y + self->drag_dy);
          cc_sheet_tool_stroke_dashed (cr, accent, 3, 8, 5);
        }
    }
}

/* ---- the tool ----------------------------------------------------------------------- */

static GtkWidget *
canvas_create_toolbar (CcSheetTool *tool)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);

  /* A grid's: the organisations to place. */
  self->toolbar = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
  return self->toolbar;
}

static void
canvas_attach (CcSheetTool *tool)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);

  if (cc_grid_is_grid (tool->sheet))
    {
      self->grid = cc_grid_new (tool);
      gtk_box_append (GTK_BOX (self->toolbar), cc_grid_get_toolbar (self->grid));
    }
  if (self->card_menu == NULL)
    {
      g_autoptr(GMenuModel) model = build_card_menu ();

      self->card_menu = cc_sheet_view_add_popover (tool->view, model);
    }
}

static void
canvas_detach (CcSheetTool *tool)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);

  canvas_drag_reset (tool);
  canvas_entry_cancel (tool);
  connect_end (self);
  if (self->grid != NULL)
    {
      gtk_box_remove (GTK_BOX (self->toolbar), cc_grid_get_toolbar (self->grid));
      g_clear_pointer (&self->grid, cc_grid_free);
    }
}

static void
canvas_update (CcSheetTool *tool)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);

  gtk_widget_set_visible (self->toolbar, self->grid != NULL);
}

static void
canvas_step_done (CcSheetTool *tool)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (tool);

  if ((self->connect_from != NULL && cc_item_get_parent (self->connect_from) == NULL)
      || (self->connect_to != NULL && cc_item_get_parent (self->connect_to) == NULL))
    connect_end (self);  /* a card of the arrow was deleted, or undone away */
}

static void
cc_canvas_tool_dispose (GObject *object)
{
  CcCanvasTool *self = CC_CANVAS_TOOL (object);

  if (self->base.sheet != NULL)
    canvas_detach (CC_SHEET_TOOL (self));
  cc_sheet_tool_set_item (&self->drag_item, NULL);
  cc_sheet_tool_set_item (&self->edit_node, NULL);
  g_clear_pointer (&self->connect_from, cc_item_unref);
  g_clear_pointer (&self->connect_to, cc_item_unref);
  g_clear_pointer (&self->card_menu, gtk_widget_unparent);
  g_clear_pointer (&self->edit_panel, g_free);

  G_OBJECT_CLASS (cc_canvas_tool_parent_class)->dispose (object);
}

static void
cc_canvas_tool_class_init (CcCanvasToolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CcSheetToolClass *tool_class = CC_SHEET_TOOL_CLASS (klass);

  object_class->dispose = cc_canvas_tool_dispose;

  tool_class->kind = CC_KIND_CANVAS;
  tool_class->actions = canvas_actions;
  tool_class->n_actions = G_N_ELEMENTS (canvas_actions);
  tool_class->action_enabled = canvas_action_enabled;
  tool_class->create_toolbar = canvas_create_toolbar;
  tool_class->attach = canvas_attach;
  tool_class->detach = canvas_detach;
  tool_class->update = canvas_update;
  tool_class->step_done = canvas_step_done;
  tool_class->drag_begin = canvas_drag_begin;
  tool_class->drag_update = canvas_drag_update;
  tool_class->drag_end = canvas_drag_end;
  tool_class->drag_reset = canvas_drag_reset;
  tool_class->activate = canvas_activate;
  tool_class->context_menu = canvas_context_menu;
  tool_class->key_pressed = canvas_key_pressed;
  tool_class->entry_commit = canvas_entry_commit;
  tool_class->entry_cancel = canvas_entry_cancel;
  tool_class->draw_overlay = canvas_draw_overlay;
  tool_class->select_all = canvas_select_all;
  tool_class->delete_selection = canvas_delete_selection;
  tool_class->paste = canvas_paste;
}

static void
cc_canvas_tool_init (CcCanvasTool *self)
{
}

CcGrid *
cc_canvas_tool_get_grid (CcCanvasTool *self)
{
  return self->grid;
}
