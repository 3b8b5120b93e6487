/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-outline"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-bidi.h"
#include "cc-link-type-menu.h"
#include "cc-map-edit.h"
#include "cc-outline-internal.h"

/* The outline's editing: renaming in place, the menu of link types, deleting. */


static void
grab_row_focus (CcOutline     *self,
                GtkListBoxRow *row)
{
  if (row != NULL && gtk_widget_get_mapped (GTK_WIDGET (row)))
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static gboolean
focus_is_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

void
cc_outline_finish_rename (CcOutline *self,
               gboolean   commit)
{
  GtkListBoxRow *row = self->edit_row;
  GtkWidget *entry = self->edit_entry;
  g_autofree char *name = NULL;
  g_autoptr(CcItem) node = NULL;
  RowData *d;

  if (row == NULL)
    return;
  d = cc_outline_row_data (row);
  node = cc_item_ref (d->item);
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  self->edit_row = NULL;
  self->edit_entry = NULL;

  /* Back to the row, so the focus does not fall out of the list. */
  if (focus_is_within (entry))
    grab_row_focus (self, row);
  gtk_list_box_row_set_child (row, d->label);

  if (commit && self->project != NULL && name[0] != '\0'
      && g_strcmp0 (name, cc_outline_node_name (self, node)) != 0)
    {
      if (!cc_map_rename_node (self->project, node, name))
        gtk_widget_error_bell (GTK_WIDGET (self));
    }
}

static void
rename_activate_cb (CcOutline *self,
                    GtkEntry  *entry)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  /* An organisation needs a name. */
  if (name[0] == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_error_bell (GTK_WIDGET (entry));
      return;
    }
  cc_outline_finish_rename (self, TRUE);
}

static void
rename_changed_cb (GtkEditable *entry)
{
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static gboolean
rename_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       CcOutline             *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  cc_outline_finish_rename (self, FALSE);
  return TRUE;
}

static gboolean
rename_left_idle_cb (gpointer data)
{
  CcOutline *self = data;

  if (self->edit_entry != NULL && !focus_is_within (self->edit_entry))
    cc_outline_finish_rename (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
rename_focus_leave_cb (GtkEventControllerFocus *controller,
                       CcOutline               *self)
{
  /* Clicking or tabbing away keeps what was typed, as in the details panel;
   * another window coming to the front does not. Decided once the window is
   * done moving the focus, since the entry then goes. */
  if (self->edit_entry == gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)))
    g_idle_add_full (G_PRIORITY_DEFAULT, rename_left_idle_cb, g_object_ref (self), g_object_unref);
}

static void
start_rename (CcOutline     *self,
              GtkListBoxRow *row)
{
  RowData *d = cc_outline_row_data (row);
  const char *name = cc_outline_node_name (self, d->item);
  GtkEventController *keys, *focus;
  GtkWidget *entry;

  cc_outline_finish_rename (self, TRUE);
  if (cc_selection_get_project (self->selection) != self->project)
    return;

  entry = gtk_entry_new ();
  /* The name it starts with is not typing that Ctrl+Z should take away. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (entry), name != NULL ? name : "");
  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), TRUE);
  gtk_widget_set_margin_top (entry, 3);
  gtk_widget_set_margin_bottom (entry, 3);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name of the organisation"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Enter renames, Escape cancels"),
                                  -1);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (rename_key_pressed_cb), self);
  gtk_widget_add_controller (entry, keys);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (rename_focus_leave_cb), self);
  gtk_widget_add_controller (entry, focus);
  g_signal_connect_object (entry, "activate", G_CALLBACK (rename_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (entry, "changed", G_CALLBACK (rename_changed_cb), NULL);

  self->edit_row = row;
  self->edit_entry = entry;
  gtk_list_box_row_set_child (row, entry);
  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
}

/* The links a type applies to: those selected when @row is (or, without
 * @row, the selected ones or the one the keyboard is on), else @row's. */
static GPtrArray *
links_to_edit (CcOutline     *self,
               GtkListBoxRow *row)
{
  GPtrArray *links = g_ptr_array_new ();

  if (row == NULL || gtk_list_box_row_is_selected (row))
    {
      GList *selected = gtk_list_box_get_selected_rows (self->list);

      for (GList *l = selected; l != NULL; l = l->next)
        {
          RowData *d = cc_outline_row_data (l->data);

          if (d != NULL && cc_item_get_kind (d->item) == CC_KIND_LINK)
            g_ptr_array_add (links, d->item);
        }
      g_list_free (selected);
    }
  if (links->len == 0 && row == NULL)
    row = cc_outline_focus_row (self);
  if (links->len == 0 && row != NULL && cc_item_get_kind (cc_outline_row_data (row)->item) == CC_KIND_LINK)
    g_ptr_array_add (links, cc_outline_row_data (row)->item);
  return links;
}

/* Gives @links the type @type, as one step. */
static void
set_link_type (CcOutline  *self,
               GPtrArray  *links,
               const char *type)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_item_unref);

  if (self->project == NULL)
    return;
  for (guint i = 0; i < links->len; i++)
    if (g_strcmp0 (cc_item_get_string (links->pdata[i], CC_LINK_TYPE), type) != 0)
      g_ptr_array_add (changed, cc_item_ref (links->pdata[i]));
  if (changed->len == 0)
    return;
  cc_project_begin_group (self->project, _("Change Link Type"));
  for (guint i = 0; i < changed->len; i++)
    cc_project_set_string (self->project, changed->pdata[i], CC_LINK_TYPE, type);
  cc_project_end_group (self->project);
}

static GMenu *
create_type_menu (CcOutline *self)
{
  return cc_link_type_menu_new (self->project, "outline-row.link-type");
}

static void
open_type_menu (CcOutline     *self,
                GtkListBoxRow *row)
{
  g_autoptr(GMenu) menu = NULL;
  GAction *action;
  graphene_rect_t bounds, view;
  GdkRectangle rect;

  if (self->project == NULL)
    return;
  cc_outline_finish_rename (self, TRUE);
  menu = create_type_menu (self);
  action = g_action_map_lookup_action (G_ACTION_MAP (self->row_actions), "link-type");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (cc_item_get_string (cc_outline_row_data (row)->item, CC_LINK_TYPE)));
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->type_popover), G_MENU_MODEL (menu));
  /* At the row as it will be once scrolled into view (the list may not have
   * been laid out since), and never outside the list: a popover pointing
   * off screen has no monitor to fit in. */
  cc_outline_scroll_to_row (self, row);
  if (gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->list), &bounds)
      && gtk_widget_compute_bounds (GTK_WIDGET (self->scroller), GTK_WIDGET (self), &view))
    {
      double value = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));
      double top = view.origin.y;
      double bottom = view.origin.y + MAX (view.size.height, 1) - 1;
      double y = CLAMP (view.origin.y + bounds.origin.y - value, top, bottom);
      double height = CLAMP (bounds.size.height, 1, bottom - y + 1);

      rect = (GdkRectangle) { (int) (view.origin.x + bounds.origin.x) + 12, (int) y,
                              MAX (1, (int) bounds.size.width - 24), MAX (1, (int) height) };
      gtk_popover_set_pointing_to (GTK_POPOVER (self->type_popover), &rect);
    }
  self->type_row = row;
  gtk_popover_popup (GTK_POPOVER (self->type_popover));
}

void
cc_outline_link_type_change_state_cb (GSimpleAction *action,
                           GVariant      *value,
                           CcOutline     *self)
{
  g_autoptr(GPtrArray) links = NULL;

  g_simple_action_set_state (action, value);
  if (self->type_row == NULL)
    return;
  links = links_to_edit (self, self->type_row);
  set_link_type (self, links, g_variant_get_string (value, NULL));
}

static gboolean
refocus_idle_cb (gpointer data)
{
  CcOutline *self = data;

  if (self->type_row != NULL && !gtk_widget_get_visible (self->type_popover))
    {
      grab_row_focus (self, self->type_row);
      self->type_row = NULL;
    }
  return G_SOURCE_REMOVE;
}

void
cc_outline_type_popover_closed_cb (CcOutline *self)
{
  /* After the menu has done what was chosen: back to the row. */
  if (self->type_row != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT, refocus_idle_cb, g_object_ref (self), g_object_unref);
}

void
cc_outline_start_edit (CcOutline     *self,
            GtkListBoxRow *row)
{
  RowData *d = cc_outline_row_data (row);

  if (d == NULL || self->project == NULL)
    return;
  if (cc_item_get_kind (d->item) == CC_KIND_NODE)
    start_rename (self, row);
  else
    open_type_menu (self, row);
}

/* Key bindings */

gboolean
cc_outline_edit_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  CcOutline *self = CC_OUTLINE (widget);
  GtkListBoxRow *row;

  if (self->edit_row != NULL)
    return TRUE;
  if (cc_outline_is_busy (self))
    return FALSE;
  row = cc_outline_focus_row (self);
  if (row == NULL)
    {
      GList *selected = gtk_list_box_get_selected_rows (self->list);

      if (selected != NULL && selected->next == NULL)
        row = selected->data;
      g_list_free (selected);
    }
  if (row == NULL)
    return FALSE;
  cc_outline_start_edit (self, row);
  return TRUE;
}

gboolean
cc_outline_delete_key_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  CcOutline *self = CC_OUTLINE (widget);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_item_unref);
  GList *selected;
  GtkListBoxRow *row;
  g_autofree char *message = NULL;
  CcItem *actor = NULL;
  guint n_nodes = 0;
  int index = G_MAXINT;

  if (cc_outline_is_busy (self) || self->project == NULL)
    return FALSE;
  selected = gtk_list_box_get_selected_rows (self->list);
  for (GList *l = selected; l != NULL; l = l->next)
    {
      RowData *d = cc_outline_row_data (l->data);

      if (d == NULL)
        continue;
      g_ptr_array_add (items, cc_item_ref (d->item));
      index = MIN (index, gtk_list_box_row_get_index (l->data));
    }
  g_list_free (selected);
  row = cc_outline_focus_row (self);
  if (items->len == 0 && row != NULL)
    {
      g_ptr_array_add (items, cc_item_ref (cc_outline_row_data (row)->item));
      index = gtk_list_box_row_get_index (row);
    }
  if (items->len == 0)
    return FALSE;

  /* Said as the map says it. */
  for (guint i = 0; i < items->len; i++)
    if (cc_item_get_kind (items->pdata[i]) == CC_KIND_NODE)
      {
        n_nodes++;
        actor = cc_project_get_node_actor (self->project, items->pdata[i]);
      }
  if (actor != NULL && items->len == 1)
    {
      g_autofree char *name = cc_bidi_isolate (cc_item_get_string (actor, CC_ACTOR_NAME));

      message = g_strdup_printf (_("“%s” removed from the map"), name);
    }
  else if (n_nodes > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u organisation removed from the map",
                                            "%u organisations removed from the map", n_nodes), n_nodes);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item removed from the map",
                                            "%u items removed from the map", items->len), items->len);

  cc_selection_clear (self->selection);
  cc_map_delete_items (self->project, items);
  g_signal_emit (self, cc_outline_signals[SIGNAL_DELETED], 0, message);

  /* The keyboard stays in the list, on the row that took the place of the first deleted. */
  if (!self->dirty && index != G_MAXINT)
    {
      row = gtk_list_box_get_row_at_index (self->list, index);
      if (row == NULL && index > 0)
        row = gtk_list_box_get_row_at_index (self->list, index - 1);
      grab_row_focus (self, row);
    }
  return TRUE;
}

gboolean
cc_outline_link_type_key_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  CcOutline *self = CC_OUTLINE (widget);
  g_autoptr(GPtrArray) links = NULL;

  if (cc_outline_is_busy (self) || self->project == NULL)
    return FALSE;
  links = links_to_edit (self, NULL);
  if (links->len == 0)
    return FALSE;
  set_link_type (self, links, g_variant_get_string (args, NULL));
  return TRUE;
}

