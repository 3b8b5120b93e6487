/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-canvas-tool"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cc-canvas-edit.h"
#include "cc-clipboard.h"
#include "cc-sheet-tools.h"
#include "cc-template.h"

/* What a grid adds to a canvas: organisations placed by their values (power
 * and interest, say). A list of the project's organisations not yet on it,
 * to place with a click or a drag; a card dragged, or moved with Alt and
 * the arrows, changes the organisation's values; organisations copied on a
 * map are pasted where their values put them. */

struct _CcGrid
{
  CcSheetTool *tool;        /* the canvas tool, which owns the grid */
  GtkWidget   *toolbar;
  GtkWidget   *place_button;
  GtkWidget   *place_search;
  GtkWidget   *place_list;
  GtkDropTarget *drop;
};

#define ACTOR_DRAG_PREFIX "concord-actor:"

gboolean
cc_grid_is_grid (CcItem *sheet)
{
  g_autoptr(CcTemplate) tmpl = sheet != NULL && cc_item_get_kind (sheet) == CC_KIND_CANVAS
                               ? cc_canvas_get_template (sheet) : NULL;

  return cc_template_is_grid (tmpl);
}

/* The point of the grid where @actor stands, or FALSE. */
static gboolean
grid_point (CcGrid *self, CcItem *actor, double *fx, double *fy)
{
  g_autoptr(CcTemplate) tmpl = cc_canvas_get_template (self->tool->sheet);

  return cc_template_actor_point (tmpl, actor, fx, fy);
}

/* A card about an organisation dragged on a grid sets the organisation's
 * values: it moves by as much of the grid as the pointer did. FALSE when
 * the card is not such a card, to move it between panels instead. */
gboolean
cc_grid_drop_card (CcGrid *self,
                   CcItem *card,
                   double  x0,
                   double  y0,
                   double  sx,
                   double  sy)
{
  CcItem *actor;
  CcHit from, to;
  double sx0, sy0, fx, fy;

  actor = cc_project_lookup (self->tool->project, cc_item_get_string (card, CC_CARD_ACTOR));
  if (actor == NULL || cc_item_get_kind (actor) != CC_KIND_ACTOR)
    return FALSE;
  cc_sheet_view_view_to_sheet (self->tool->view, x0, y0, &sx0, &sy0);
  cc_render_hit_detail (self->tool->project, self->tool->sheet, cc_sheet_view_screen_options (self->tool->view), sx0, sy0, &from);
  cc_render_hit_detail (self->tool->project, self->tool->sheet, cc_sheet_view_screen_options (self->tool->view), sx, sy, &to);
  if (!to.on_grid && !from.on_grid)
    return FALSE;
  if (!grid_point (self, actor, &fx, &fy))
    fx = from.grid_x, fy = from.grid_y;
  cc_canvas_place_actor (self->tool->project, self->tool->sheet, actor, NULL, fx + to.grid_x - from.grid_x,
                         fy + to.grid_y - from.grid_y);
  return TRUE;
}

/* Alt+arrows on a grid: the selected organisations' values, a step at a time. */
gboolean
cc_grid_nudge (CcGrid          *self,
               guint            keyval,
               GdkModifierType  state)
{
  g_autoptr(GPtrArray) cards = cc_selection_get_of_kind (self->tool->selection, CC_KIND_CARD);
  double dx = 0, dy = 0, step = (state & GDK_SHIFT_MASK) ? 0.1 : 0.05;
  gboolean moved = FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: dx = -step; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = step; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: dy = step; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: dy = -step; break;
    default: return FALSE;
    }
  cc_project_begin_group (self->tool->project, _("Move Organisation"));
  for (guint i = 0; i < cards->len; i++)
    {
      CcItem *actor = cc_project_lookup (self->tool->project, cc_item_get_string (cards->pdata[i], CC_CARD_ACTOR));
      double fx = 0.5, fy = 0.5;

      if (actor == NULL || cc_item_get_kind (actor) != CC_KIND_ACTOR)
        continue;
      grid_point (self, actor, &fx, &fy);
      cc_canvas_place_actor (self->tool->project, self->tool->sheet, actor, NULL, fx + dx, fy + dy);
      moved = TRUE;
    }
  cc_project_end_group (self->tool->project);
  return moved;
}

void
cc_grid_paste (CcGrid *self,
               GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pasted = NULL;

  /* Organisations copied from a map, placed by their power and interest */
  pasted = cc_clipboard_paste_on_grid (self->tool->project, self->tool->sheet, g_bytes_get_data (bytes, NULL),
                                       g_bytes_get_size (bytes), 0.5, 0.5, &error);
  if (pasted == NULL)
    gtk_widget_error_bell (GTK_WIDGET (self->tool->view));
  else
    cc_selection_set_items (self->tool->selection, pasted);
}

/* ---- the list of organisations to place ------------------------------------------ */

/* Where an organisation clicked in the list goes: its own point, or, with
 * no values yet, the middle of the grid (a little apart from the last). */
static void
place_actor_from_list (CcGrid *self, CcItem *actor)
{
  g_autoptr(CcTemplate) tmpl = cc_canvas_get_template (self->tool->sheet);
  double fx = 0.5, fy = 0.5;
  CcItem *card;

  if (!cc_template_actor_point (tmpl, actor, &fx, &fy))
    {
      guint n = cc_item_get_n_children (self->tool->sheet, CC_CANVAS_CARDS) % 5;

      fx = 0.5 + 0.03 * n;
      fy = 0.5 + 0.03 * n;
    }
  card = cc_canvas_place_actor (self->tool->project, self->tool->sheet, actor, NULL, fx, fy);
  if (card != NULL)
    {
      cc_selection_select (self->tool->selection, card);
      cc_sheet_view_reveal_item (self->tool->view, card);
    }
}

static CcItem *
row_actor (CcGrid *self, GtkListBoxRow *row)
{
  const char *id = row != NULL ? g_object_get_data (G_OBJECT (row), "cc-actor") : NULL;
  CcItem *actor = id != NULL ? cc_project_lookup (self->tool->project, id) : NULL;

  return actor != NULL && cc_item_get_kind (actor) == CC_KIND_ACTOR ? actor : NULL;
}

static void
place_row_activated_cb (CcGrid        *self,
                        GtkListBoxRow *row)
{
  CcItem *actor = row_actor (self, row);

  if (actor == NULL)
    return;
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->place_button));
  place_actor_from_list (self, actor);
}

static gboolean
place_row_visible (GtkListBoxRow *row, gpointer data)
{
  CcGrid *self = data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->place_search));
  const char *name = g_object_get_data (G_OBJECT (row), "cc-name");
  g_autofree char *want = NULL, *have = NULL;

  if (text == NULL || text[0] == '\0')
    return TRUE;
  want = g_utf8_casefold (text, -1);
  have = g_utf8_casefold (name != NULL ? name : "", -1);
  return strstr (have, want) != NULL;
}

static void
place_list_filter_changed_cb (CcGrid *self)
{
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->place_list));
}

/* Enter in the search: the first organisation that matches. */
static void
place_search_activate_cb (CcGrid *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (self->place_list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row) && place_row_visible (GTK_LIST_BOX_ROW (row), self))
      {
        place_row_activated_cb (self, GTK_LIST_BOX_ROW (row));
        return;
      }
  gtk_widget_error_bell (GTK_WIDGET (self->tool->view));
}

static GdkContentProvider *
place_drag_prepare_cb (GtkDragSource *source,
                       double         x,
                       double         y,
                       GtkWidget     *row)
{
  g_autofree char *text = g_strconcat (ACTOR_DRAG_PREFIX, (const char *) g_object_get_data (G_OBJECT (row), "cc-actor"),
                                       NULL);

  return gdk_content_provider_new_typed (G_TYPE_STRING, text);
}

static void
place_popover_show_cb (CcGrid *self)
{
  CcItem *root = cc_project_get_root (self->tool->project);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->place_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->place_list), child);
  for (guint i = 0; i < cc_item_get_n_children (root, CC_PROJECT_ACTORS); i++)
    {
      CcItem *actor = cc_item_get_child (root, CC_PROJECT_ACTORS, i);
      GtkWidget *row, *label;
      GtkDragSource *source;

      if (cc_canvas_find_actor_card (self->tool->sheet, actor) != NULL)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cc_item_get_string (actor, CC_ACTOR_NAME));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _(cc_sector_label ((CcSector) cc_item_get_int (actor, CC_ACTOR_SECTOR))));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      label = gtk_image_new_from_icon_name ("list-add-symbolic");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "cc-actor", g_strdup (cc_item_get_id (actor)), g_free);
      g_object_set_data_full (G_OBJECT (row), "cc-name", g_strdup (cc_item_get_string (actor, CC_ACTOR_NAME)), g_free);
      source = gtk_drag_source_new ();
      gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
      g_signal_connect (source, "prepare", G_CALLBACK (place_drag_prepare_cb), row);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
      gtk_list_box_append (GTK_LIST_BOX (self->place_list), row);
    }
  if (gtk_widget_get_first_child (self->place_list) == NULL)
    {
      GtkWidget *none = gtk_label_new (_("Every organisation of the project is on this grid"));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 12);
      gtk_list_box_set_placeholder (GTK_LIST_BOX (self->place_list), none);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->place_search), "");
  gtk_widget_grab_focus (self->place_search);
}

/* An organisation dragged from the list, dropped on the grid. */
static gboolean
actor_drop_cb (GtkDropTarget *target,
               const GValue  *value,
               double         x,
               double         y,
               CcGrid        *self)
{
  const char *text = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
  CcItem *actor, *card;
  CcHit hit;
  double sx, sy;

  if (text == NULL || !g_str_has_prefix (text, ACTOR_DRAG_PREFIX))
    return FALSE;
  actor = cc_project_lookup (self->tool->project, text + strlen (ACTOR_DRAG_PREFIX));
  if (actor == NULL || cc_item_get_kind (actor) != CC_KIND_ACTOR)
    return FALSE;
  cc_sheet_view_view_to_sheet (self->tool->view, x, y, &sx, &sy);
  cc_render_hit_detail (self->tool->project, self->tool->sheet, cc_sheet_view_screen_options (self->tool->view), sx, sy, &hit);
  if (!hit.on_grid || (card = cc_canvas_place_actor (self->tool->project, self->tool->sheet, actor, NULL, hit.grid_x,
                                                     hit.grid_y)) == NULL)
    return FALSE;
  cc_selection_select (self->tool->selection, card);
  return TRUE;
}

CcGrid *
cc_grid_new (CcSheetTool *tool)
{
  CcGrid *self = g_new0 (CcGrid, 1);
  g_autoptr(GtkBuilder) builder = NULL;

  self->tool = tool;
  builder = cc_sheet_tool_load_toolbar ("cc-grid-toolbar.ui", &self->toolbar);
  g_object_ref (self->toolbar);
  self->place_button = GTK_WIDGET (gtk_builder_get_object (builder, "place_button"));
  self->place_search = GTK_WIDGET (gtk_builder_get_object (builder, "place_search"));
  self->place_list = GTK_WIDGET (gtk_builder_get_object (builder, "place_list"));
  g_signal_connect_swapped (self->place_search, "search-changed", G_CALLBACK (place_list_filter_changed_cb), self);
  g_signal_connect_swapped (self->place_search, "activate", G_CALLBACK (place_search_activate_cb), self);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->place_list), place_row_visible, self, NULL);
  g_signal_connect_swapped (self->place_list, "row-activated", G_CALLBACK (place_row_activated_cb), self);
  g_signal_connect_swapped (gtk_builder_get_object (builder, "place_popover"), "show",
                            G_CALLBACK (place_popover_show_cb), self);
  /* Not to keep the keyboard, as the other tools. */
  gtk_widget_set_focus_on_click (self->place_button, FALSE);
  if (gtk_widget_get_first_child (self->place_button) != NULL)
    gtk_widget_set_focus_on_click (gtk_widget_get_first_child (self->place_button), FALSE);

  self->drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  g_signal_connect (self->drop, "drop", G_CALLBACK (actor_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (tool->view), GTK_EVENT_CONTROLLER (g_object_ref (self->drop)));
  return self;
}

void
cc_grid_free (CcGrid *self)
{
  gtk_widget_remove_controller (GTK_WIDGET (self->tool->view), GTK_EVENT_CONTROLLER (self->drop));
  g_clear_object (&self->drop);
  g_clear_object (&self->toolbar);
  g_free (self);
}

GtkWidget *
cc_grid_get_toolbar (CcGrid *self)
{
  return self->toolbar;
}

/* ---- for tests ------------------------------------------------------------------------ */

static CcGrid *
grid_of (CcSheetView *view)
{
  CcSheetTool *tool = cc_sheet_view_find_tool (view, CC_TYPE_CANVAS_TOOL);

  return cc_canvas_tool_get_grid (CC_CANVAS_TOOL (tool));
}

GtkMenuButton *
cc_sheet_view_get_place_button (CcSheetView *view)
{
  CcGrid *self = grid_of (view);

  return self != NULL ? GTK_MENU_BUTTON (self->place_button) : NULL;
}

GtkListBox *
cc_sheet_view_get_place_list (CcSheetView *view)
{
  CcGrid *self = grid_of (view);

  return self != NULL ? GTK_LIST_BOX (self->place_list) : NULL;
}
