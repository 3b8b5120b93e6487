/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-bidi.h"
#include "cc-inspector-private.h"
#include "cc-map-edit.h"

/* With nothing to edit selected: what applies to the sheet, and on a map
 * its guiding question and the project's own link types. Its item is the sheet (or none); its items
 * the one selected item that has nothing more to edit, if any. */

struct _CcInspectorSheetPage
{
  CcInspectorPage      parent_instance;

  GtkImage            *hint_image;
  GtkLabel            *hint_label;
  AdwPreferencesGroup *question_group;
  GtkTextView         *question_text;
  AdwPreferencesGroup *link_types_group;
  GtkListBox          *link_types_list;
  GtkButton           *add_link_type_button;
};

G_DEFINE_FINAL_TYPE (CcInspectorSheetPage, cc_inspector_sheet_page, CC_TYPE_INSPECTOR_PAGE)

static const char *
dash_label (guint i)
{
  static const char *labels[] = { N_("Solid"), N_("Dashed"), N_("Dotted"), N_("Dash-dot") };

  return labels[i];
}

G_STATIC_ASSERT (CC_N_DASHES == 4);

static const char *
link_type_label (CcItem *type)
{
  const char *label = cc_item_get_string (type, CC_LINK_TYPE_LABEL);

  return label != NULL && label[0] != '\0' ? label : cc_item_get_id (type);
}

/* Two rows per type, so that long labels are not cut: the label with its
 * colour, then the line style under it. */
static GtkWidget *
create_link_type_row (CcInspectorSheetPage *self,
                      CcItem               *type,
                      GtkWidget           **dash_row)
{
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *color = gtk_color_button_new ();
  g_autoptr(GtkStringList) dashes = cc_inspector_label_model (dash_label, CC_N_DASHES);
  GtkWidget *dash = adw_combo_row_new ();
  g_autofree char *type_label = cc_bidi_isolate (link_type_label (type));
  g_autofree char *tooltip = g_strdup_printf (_("Colour of “%s” links"), type_label);
  CcFieldBinding *binding;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Link type"));
  gtk_widget_set_valign (color, GTK_ALIGN_CENTER);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (color), FALSE);
  gtk_widget_set_tooltip_text (color, tooltip);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), color);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dash), _("Line"));
  adw_combo_row_set_model (ADW_COMBO_ROW (dash), G_LIST_MODEL (dashes));
  gtk_widget_add_css_class (dash, "link-type-line");
  *dash_row = dash;

  g_object_set_data_full (G_OBJECT (row), "cc-item", cc_item_ref (type), (GDestroyNotify) cc_item_unref);
  g_object_set_data (G_OBJECT (row), "cc-color", color);
  g_object_set_data (G_OBJECT (row), "cc-dash", dash);

  cc_field_binding_show (cc_inspector_page_bind_item (page, row, type, CC_LINK_TYPE_LABEL, NULL,
                                                      CC_BIND_KEEP_FOCUSED));
  binding = cc_inspector_page_bind_item (page, color, type, CC_LINK_TYPE_COLOR, NULL, CC_BIND_DEFAULT);
  cc_field_binding_set_fallback (binding, "#77767b");
  cc_field_binding_show (binding);
  cc_field_binding_show (cc_inspector_page_bind_item (page, dash, type, CC_LINK_TYPE_DASH, NULL, CC_BIND_DEFAULT));
  return row;
}

/* The rows follow the project's link types: built anew for a new sheet
 * and when types come or go, else the same ones shown afresh. */
static void
update_link_types (CcInspectorSheetPage *self)
{
  CcProject *project = cc_inspector_page_get_project (CC_INSPECTOR_PAGE (self));
  GPtrArray *types = cc_item_get_children (cc_project_get_root (project), CC_PROJECT_LINK_TYPES);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gboolean same;
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->link_types_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_object_get_data (G_OBJECT (child), "cc-item") != NULL)
      g_ptr_array_add (rows, child);
  same = rows->len == types->len && !cc_inspector_page_is_new (CC_INSPECTOR_PAGE (self));
  for (guint i = 0; same && i < rows->len; i++)
    same = g_object_get_data (rows->pdata[i], "cc-item") == types->pdata[i];

  if (same)
    {
      for (guint i = 0; i < rows->len; i++)
        {
          cc_field_binding_show (g_object_get_data (rows->pdata[i], "cc-binding"));
          cc_field_binding_show (g_object_get_data (g_object_get_data (rows->pdata[i], "cc-color"), "cc-binding"));
          cc_field_binding_show (g_object_get_data (g_object_get_data (rows->pdata[i], "cc-dash"), "cc-binding"));
        }
    }
  else
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->link_types_list))) != NULL)
        gtk_list_box_remove (self->link_types_list, child);
      for (guint i = 0; i < types->len; i++)
        {
          GtkWidget *dash = NULL;

          gtk_list_box_append (self->link_types_list, create_link_type_row (self, types->pdata[i], &dash));
          gtk_list_box_append (self->link_types_list, dash);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->link_types_list), types->len > 0);
}

static void
add_link_type_cb (CcInspectorSheetPage *self)
{
  CcProject *project = cc_inspector_page_get_project (CC_INSPECTOR_PAGE (self));
  GtkWidget *last;

  if (project == NULL)
    return;
  /* With a line no other type draws, where there is one; the page shows
   * it once the step is done. */
  cc_map_add_link_type (project, _("New link type"), "#1c71d8");

  /* Ready to be named: the label row, above the new type's line row. */
  last = gtk_widget_get_last_child (GTK_WIDGET (self->link_types_list));
  if (last != NULL && gtk_widget_get_prev_sibling (last) != NULL)
    gtk_widget_grab_focus (gtk_widget_get_prev_sibling (last));
}

static void
cc_inspector_sheet_page_update (CcInspectorPage *page)
{
  CcInspectorSheetPage *self = CC_INSPECTOR_SHEET_PAGE (page);
  CcItem *sheet = cc_inspector_page_get_item (page);
  GPtrArray *items = cc_inspector_page_get_items (page);
  CcKind kind = sheet != NULL ? cc_item_get_kind (sheet) : CC_KIND_PROJECT;
  gboolean newer = kind == CC_KIND_NEWER_SHEET;
  const char *hint;

  /* What applies to this kind of sheet, and nothing else. */
  if (newer)
    hint = _("A newer Concord made this sheet. It is kept as it is, and nothing on it can be edited here");
  else if (items != NULL && items->len > 0)
    hint = _("There is nothing more to edit about this item here");
  else if (kind == CC_KIND_CANVAS)
    hint = _("Select a card to edit its text, colour and score, and the organisation it is about");
  else if (kind == CC_KIND_MAP)
    hint = _("Select an organisation, link or group to see its details");
  else
    hint = _("Add a sheet with + in the list of sheets");
  gtk_image_set_from_icon_name (self->hint_image, newer ? "concord-newer-sheet-symbolic" : "edit-select-all-symbolic");
  gtk_label_set_text (self->hint_label, hint);
  /* The question and link types belong to maps. */
  gtk_widget_set_visible (GTK_WIDGET (self->question_group), kind == CC_KIND_MAP);
  gtk_widget_set_visible (GTK_WIDGET (self->link_types_group), kind == CC_KIND_MAP);
  if (cc_inspector_page_get_project (page) != NULL)
    update_link_types (self);
  cc_inspector_page_show_fields (page);
}

static gboolean
cc_inspector_sheet_page_changed (CcInspectorPage *page,
                                 const CcChange  *change)
{
  CcProject *project = cc_inspector_page_get_project (page);

  /* The sheet's own fields (its question, put back by an undo). */
  if (change->type == CC_CHANGE_SET)
    return cc_item_get_kind (change->item) == CC_KIND_LINK_TYPE || change->item == cc_inspector_page_get_item (page);
  return change->parent == cc_project_get_root (project) && change->slot == CC_PROJECT_LINK_TYPES;
}

static void
cc_inspector_sheet_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CC_TYPE_INSPECTOR_SHEET_PAGE);

  G_OBJECT_CLASS (cc_inspector_sheet_page_parent_class)->dispose (object);
}

static void
cc_inspector_sheet_page_class_init (CcInspectorSheetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CcInspectorPageClass *page_class = CC_INSPECTOR_PAGE_CLASS (klass);

  object_class->dispose = cc_inspector_sheet_page_dispose;
  page_class->update = cc_inspector_sheet_page_update;
  page_class->changed = cc_inspector_sheet_page_changed;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/cc-inspector-sheet-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CcInspectorSheetPage, hint_image);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorSheetPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorSheetPage, question_group);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorSheetPage, question_text);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorSheetPage, link_types_group);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorSheetPage, link_types_list);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorSheetPage, add_link_type_button);
  gtk_widget_class_bind_template_callback (widget_class, add_link_type_cb);
}

static void
cc_inspector_sheet_page_init (CcInspectorSheetPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cc_inspector_page_bind (CC_INSPECTOR_PAGE (self), GTK_WIDGET (self->question_text), CC_KIND_MAP,
                          CC_MAP_QUESTION, _("Edit Guiding Question"), CC_BIND_KEEP_TYPED);
}
