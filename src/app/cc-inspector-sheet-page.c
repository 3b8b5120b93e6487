/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-bidi.h"
#include "cc-inspector-private.h"
#include "cc-map-edit.h"
#include "cc-reveal.h"

/* With nothing to edit selected: what applies to the sheet, and on a map
 * its guiding question, its saved views and the project's own link types.
 * Its item is the sheet (or none); its items the one selected item that
 * has nothing more to edit, if any. */

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
  AdwPreferencesGroup *views_group;
  GtkBox              *views_list;     /* a card (a boxed list) a view */
  GtkLabel            *views_empty_label;
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

/* ---- the map's views ---------------------------------------------------- */

static void
rename_view_setter (CcProject *project, CcItem *view, guint field, const CcValue *value)
{
  cc_map_rename_view (project, view, value->s);
}

/* What a view's card says: its place in the handout's order on the name
 * row, what it shows on the row under it. */
static void
show_view_card (CcInspectorSheetPage *self, GtkWidget *card, CcItem *view)
{
  g_autoptr(CcReveal) reveal = cc_reveal_from_view (view);
  g_autofree char *summary = cc_reveal_summarize (cc_inspector_page_get_project (CC_INSPECTOR_PAGE (self)), reveal);
  /* TRANSLATORS: above a view's name in its list: "View 2" */
  g_autofree char *title = g_strdup_printf (_("View %u"), cc_item_get_index (view) + 1);

  adw_preferences_row_set_title (g_object_get_data (G_OBJECT (card), "cc-entry"), title);
  adw_preferences_row_set_title (g_object_get_data (G_OBJECT (card), "cc-summary"), summary);
  cc_field_binding_show (g_object_get_data (g_object_get_data (G_OBJECT (card), "cc-entry"), "cc-binding"));
}

/* A view's card, two rows so that neither its name nor what it shows is
 * cut: its name to edit in place, then what it shows with a button that
 * shows it and a menu to move or delete it. */
static GtkWidget *
create_view_card (CcInspectorSheetPage *self, CcItem *view, guint index, guint n)
{
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);
  GtkWidget *card = gtk_list_box_new ();
  GtkWidget *entry = adw_entry_row_new ();
  GtkWidget *summary = adw_action_row_new ();
  GtkWidget *show = gtk_button_new_from_icon_name ("view-reveal-symbolic");
  GtkWidget *more = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *name = cc_bidi_isolate (cc_item_get_string (view, CC_VIEW_NAME));
  g_autofree char *show_label = g_strdup_printf (_("Show View “%s”"), name);
  g_autofree char *more_label = g_strdup_printf (_("Move or Delete View “%s”"), name);
  const char *id = cc_item_get_id (view);
  CcFieldBinding *binding;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (card), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (card, "boxed-list");
  /* Names of the project's organisations and types: text, not markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (entry), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (summary), FALSE);

  adw_action_row_set_title_lines (ADW_ACTION_ROW (summary), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (summary), FALSE);

  gtk_widget_set_valign (show, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (show, "flat");
  gtk_widget_set_tooltip_text (show, _("Show This View on the Map"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (show), GTK_ACCESSIBLE_PROPERTY_LABEL, show_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (show), "win.show-view");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (show), "s", id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (summary), show);

  /* Only the moves there are: none up for the first, none down for the last. */
  if (index > 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("Move _Up"), NULL);

      g_menu_item_set_action_and_target_value (item, "views.move-up", g_variant_new_string (id));
      g_menu_append_item (menu, item);
    }
  if (index + 1 < n)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("Move _Down"), NULL);

      g_menu_item_set_action_and_target_value (item, "views.move-down", g_variant_new_string (id));
      g_menu_append_item (menu, item);
    }
  {
    g_autoptr(GMenu) section = g_menu_new ();
    g_autoptr(GMenuItem) item = g_menu_item_new (_("_Delete"), NULL);

    g_menu_item_set_action_and_target_value (item, "views.delete", g_variant_new_string (id));
    g_menu_append_item (section, item);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  }
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), G_MENU_MODEL (menu));
  gtk_widget_set_valign (more, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (more, "flat");
  gtk_widget_set_tooltip_text (more, _("Move or Delete"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL, more_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (summary), more);

  gtk_list_box_append (GTK_LIST_BOX (card), entry);
  gtk_list_box_append (GTK_LIST_BOX (card), summary);

  g_object_set_data_full (G_OBJECT (card), "cc-item", cc_item_ref (view), (GDestroyNotify) cc_item_unref);
  g_object_set_data (G_OBJECT (card), "cc-entry", entry);
  g_object_set_data (G_OBJECT (card), "cc-summary", summary);
  g_object_set_data (G_OBJECT (card), "cc-show", show);
  g_object_set_data (G_OBJECT (card), "cc-more", more);

  binding = cc_inspector_page_bind_item (page, entry, view, CC_VIEW_NAME, NULL,
                                         CC_BIND_KEEP_FOCUSED | CC_BIND_STRIP);
  cc_field_binding_set_setter (binding, rename_view_setter);
  show_view_card (self, card, view);
  return card;
}

/* The cards follow the map's views: built anew for a new sheet and when
 * views come, go or move, else the same ones shown afresh (so that a name
 * being typed stays). */
static void
update_views (CcInspectorSheetPage *self)
{
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);
  CcItem *sheet = cc_inspector_page_get_item (page);
  gboolean map = sheet != NULL && cc_item_get_kind (sheet) == CC_KIND_MAP;
  guint n = map ? cc_item_get_n_children (sheet, CC_MAP_VIEWS) : 0;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gboolean same;
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->views_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_ptr_array_add (rows, child);
  same = rows->len == n && !cc_inspector_page_is_new (page);
  for (guint i = 0; same && i < n; i++)
    same = g_object_get_data (rows->pdata[i], "cc-item") == cc_item_get_child (sheet, CC_MAP_VIEWS, i);

  /* An organisation or link type a view shows may have been renamed. */
  if (same)
    for (guint i = 0; i < n; i++)
      show_view_card (self, rows->pdata[i], cc_item_get_child (sheet, CC_MAP_VIEWS, i));
  else
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
      g_autoptr(CcItem) focus_view = NULL;
      const char *focus_part = NULL;
      guint focus_index = 0;

      /* Where the focus was among the cards: which view's, and which part
       * of it, so that it stays with the view moved (or the card in its
       * place) and never falls to a text row, which would take Ctrl+Z. */
      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->views_list)))
        {
          GtkWidget *card = focus;

          while (gtk_widget_get_parent (card) != GTK_WIDGET (self->views_list))
            card = gtk_widget_get_parent (card);
          for (child = gtk_widget_get_first_child (GTK_WIDGET (self->views_list)); child != card;
               child = gtk_widget_get_next_sibling (child))
            focus_index++;
          focus_view = cc_item_ref (g_object_get_data (G_OBJECT (card), "cc-item"));
          focus_part = "cc-entry";
          if (gtk_widget_is_ancestor (focus, g_object_get_data (G_OBJECT (card), "cc-more"))
              || focus == g_object_get_data (G_OBJECT (card), "cc-more"))
            focus_part = "cc-more";
          else if (focus == g_object_get_data (G_OBJECT (card), "cc-show"))
            focus_part = "cc-show";
        }

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->views_list))) != NULL)
        gtk_box_remove (self->views_list, child);
      focus = NULL;
      for (guint i = 0; i < n; i++)
        {
          CcItem *view = cc_item_get_child (sheet, CC_MAP_VIEWS, i);
          GtkWidget *card = create_view_card (self, view, i, n);

          gtk_box_append (self->views_list, card);
          if (focus_part != NULL && view == focus_view)
            focus = g_object_get_data (G_OBJECT (card), focus_part);
        }
      /* Its view gone: the card now in its place, or the last. */
      if (focus_part != NULL && focus == NULL && n > 0)
        {
          child = gtk_widget_get_first_child (GTK_WIDGET (self->views_list));
          for (guint i = 0; i < MIN (focus_index, n - 1); i++)
            child = gtk_widget_get_next_sibling (child);
          focus = g_object_get_data (G_OBJECT (child), "cc-more");
        }
      if (focus != NULL)
        gtk_widget_grab_focus (focus);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->views_list), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->views_empty_label), n == 0);
}

/* The view of the map shown with the id @parameter, if it is one. */
static CcItem *
view_of (CcInspectorSheetPage *self, GVariant *parameter)
{
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);
  CcProject *project = cc_inspector_page_get_project (page);
  CcItem *view = project != NULL ? cc_project_lookup (project, g_variant_get_string (parameter, NULL)) : NULL;

  if (view == NULL || cc_item_get_kind (view) != CC_KIND_VIEW
      || cc_item_get_parent (view) != cc_inspector_page_get_item (page) || !cc_inspector_page_can_edit (page, view))
    return NULL;
  return view;
}

static void
move_view_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CcInspectorSheetPage *self = CC_INSPECTOR_SHEET_PAGE (widget);
  CcItem *view = view_of (self, parameter);
  int delta = g_str_equal (action_name, "views.move-up") ? -1 : 1;
  int to;

  if (view == NULL)
    return;
  to = (int) cc_item_get_index (view) + delta;
  if (to < 0 || (guint) to >= cc_item_get_n_children (cc_item_get_parent (view), CC_MAP_VIEWS))
    return;
  cc_map_move_view (cc_inspector_page_get_project (CC_INSPECTOR_PAGE (self)), view, (guint) to);
}

static void
delete_view_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CcInspectorSheetPage *self = CC_INSPECTOR_SHEET_PAGE (widget);
  CcItem *view = view_of (self, parameter);

  if (view != NULL)
    cc_map_delete_view (cc_inspector_page_get_project (CC_INSPECTOR_PAGE (self)), view);
}

/* ---- the page ----------------------------------------------------------- */

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
  gtk_widget_set_visible (GTK_WIDGET (self->views_group), kind == CC_KIND_MAP);
  if (cc_inspector_page_get_project (page) != NULL)
    {
      update_link_types (self);
      update_views (self);
    }
  cc_inspector_page_show_fields (page);
}

static gboolean
cc_inspector_sheet_page_changed (CcInspectorPage *page,
                                 const CcChange  *change)
{
  CcProject *project = cc_inspector_page_get_project (page);
  CcItem *sheet = cc_inspector_page_get_item (page);

  /* The sheet's own fields (its question, put back by an undo), its views'
   * and the names their rows say what they show with. */
  if (change->type == CC_CHANGE_SET)
    {
      CcKind kind = cc_item_get_kind (change->item);

      return kind == CC_KIND_LINK_TYPE || kind == CC_KIND_ACTOR || change->item == sheet
             || (kind == CC_KIND_VIEW && cc_item_get_parent (change->item) == sheet);
    }
  if (sheet != NULL && change->parent == sheet && change->slot == CC_MAP_VIEWS)
    return TRUE;
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
  gtk_widget_class_bind_template_child (widget_class, CcInspectorSheetPage, views_group);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorSheetPage, views_list);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorSheetPage, views_empty_label);
  gtk_widget_class_bind_template_callback (widget_class, add_link_type_cb);

  gtk_widget_class_install_action (widget_class, "views.move-up", "s", move_view_action);
  gtk_widget_class_install_action (widget_class, "views.move-down", "s", move_view_action);
  gtk_widget_class_install_action (widget_class, "views.delete", "s", delete_view_action);
}

static void
cc_inspector_sheet_page_init (CcInspectorSheetPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cc_inspector_page_bind (CC_INSPECTOR_PAGE (self), GTK_WIDGET (self->question_text), CC_KIND_MAP,
                          CC_MAP_QUESTION, _("Edit Guiding Question"), CC_BIND_KEEP_TYPED);
}
