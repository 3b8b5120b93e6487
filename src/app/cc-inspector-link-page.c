/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-inspector-private.h"

/* A link of a map. */

struct _CcInspectorLinkPage
{
  CcInspectorPage  parent_instance;

  AdwComboRow     *type_row;
  GtkSpinButton   *strength_spin;
  GtkSwitch       *directed_switch;
  AdwComboRow     *stage_row;
  AdwEntryRow     *link_label_row;
  GtkTextView     *link_notes;

  GPtrArray       *type_ids;     /* link type ids, in the order of type_row's model */
  gboolean         types_stale;  /* the project's link types changed */
};

G_DEFINE_FINAL_TYPE (CcInspectorLinkPage, cc_inspector_link_page, CC_TYPE_INSPECTOR_PAGE)

static const char *
stage_label (guint i)
{
  return cc_stage_label (i);
}

static const char *
link_type_label (CcItem *type)
{
  const char *label = cc_item_get_string (type, CC_LINK_TYPE_LABEL);

  return label != NULL && label[0] != '\0' ? label : cc_item_get_id (type);
}

/* The built-in types, then the project's. */
static void
cc_inspector_link_page_rebuild_choices (CcInspectorPage *page)
{
  CcInspectorLinkPage *self = CC_INSPECTOR_LINK_PAGE (page);
  CcProject *project = cc_inspector_page_get_project (page);
  CcItem *link = cc_inspector_page_get_item (page);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const CcBuiltinLinkType *builtins;
  guint n_builtins;

  g_ptr_array_set_size (self->type_ids, 0);
  builtins = cc_builtin_link_types (&n_builtins);
  for (guint i = 0; i < n_builtins; i++)
    {
      gtk_string_list_append (list, _(builtins[i].label));
      g_ptr_array_add (self->type_ids, g_strdup (builtins[i].id));
    }
  if (project != NULL)
    {
      CcItem *root = cc_project_get_root (project);
      guint n = cc_item_get_n_children (root, CC_PROJECT_LINK_TYPES);

      for (guint i = 0; i < n; i++)
        {
          CcItem *type = cc_item_get_child (root, CC_PROJECT_LINK_TYPES, i);

          gtk_string_list_append (list, link_type_label (type));
          g_ptr_array_add (self->type_ids, g_strdup (cc_item_get_id (type)));
        }
    }
  /* A type this build does not know, kept as it is. */
  if (link != NULL)
    {
      const char *id = cc_item_get_string (link, CC_LINK_TYPE);

      if (id != NULL && id[0] != '\0'
          && !g_ptr_array_find_with_equal_func (self->type_ids, id, g_str_equal, NULL))
        {
          gtk_string_list_append (list, id);
          g_ptr_array_add (self->type_ids, g_strdup (id));
        }
    }
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (list));
  self->types_stale = FALSE;
}

static void
cc_inspector_link_page_update (CcInspectorPage *page)
{
  CcInspectorLinkPage *self = CC_INSPECTOR_LINK_PAGE (page);

  if (self->types_stale)
    cc_inspector_link_page_rebuild_choices (page);
  cc_inspector_page_show_fields (page);
}

/* Its own fields, and the names and the list of the project's types. */
static gboolean
cc_inspector_link_page_changed (CcInspectorPage *page,
                                const CcChange  *change)
{
  CcInspectorLinkPage *self = CC_INSPECTOR_LINK_PAGE (page);
  CcProject *project = cc_inspector_page_get_project (page);

  if (change->type == CC_CHANGE_SET && cc_item_get_kind (change->item) == CC_KIND_LINK_TYPE)
    {
      if (change->field == CC_LINK_TYPE_LABEL)
        self->types_stale = TRUE;
      return self->types_stale;
    }
  if (change->type != CC_CHANGE_SET && change->parent == cc_project_get_root (project)
      && change->slot == CC_PROJECT_LINK_TYPES)
    {
      self->types_stale = TRUE;
      return TRUE;
    }
  return change->type == CC_CHANGE_SET && change->item == cc_inspector_page_get_item (page);
}

static void
cc_inspector_link_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CC_TYPE_INSPECTOR_LINK_PAGE);

  G_OBJECT_CLASS (cc_inspector_link_page_parent_class)->dispose (object);
}

static void
cc_inspector_link_page_finalize (GObject *object)
{
  CcInspectorLinkPage *self = CC_INSPECTOR_LINK_PAGE (object);

  g_clear_pointer (&self->type_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (cc_inspector_link_page_parent_class)->finalize (object);
}

static void
cc_inspector_link_page_class_init (CcInspectorLinkPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CcInspectorPageClass *page_class = CC_INSPECTOR_PAGE_CLASS (klass);

  object_class->dispose = cc_inspector_link_page_dispose;
  object_class->finalize = cc_inspector_link_page_finalize;
  page_class->update = cc_inspector_link_page_update;
  page_class->changed = cc_inspector_link_page_changed;
  page_class->rebuild_choices = cc_inspector_link_page_rebuild_choices;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/cc-inspector-link-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CcInspectorLinkPage, type_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorLinkPage, strength_spin);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorLinkPage, directed_switch);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorLinkPage, stage_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorLinkPage, link_label_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorLinkPage, link_notes);
}

static void
cc_inspector_link_page_init (CcInspectorLinkPage *self)
{
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);
  g_autoptr(GtkStringList) stages = cc_inspector_label_model (stage_label, CC_N_STAGES);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->type_ids = g_ptr_array_new_with_free_func (g_free);
  adw_combo_row_set_model (self->stage_row, G_LIST_MODEL (stages));

  cc_field_binding_set_choices (cc_inspector_page_bind (page, GTK_WIDGET (self->type_row), CC_KIND_LINK,
                                                        CC_LINK_TYPE, NULL, CC_BIND_DEFAULT),
                                self->type_ids);
  cc_inspector_page_bind (page, GTK_WIDGET (self->strength_spin), CC_KIND_LINK, CC_LINK_STRENGTH, NULL,
                          CC_BIND_DEFAULT);
  cc_inspector_page_bind (page, GTK_WIDGET (self->directed_switch), CC_KIND_LINK, CC_LINK_DIRECTED, NULL,
                          CC_BIND_DEFAULT);
  cc_inspector_page_bind (page, GTK_WIDGET (self->stage_row), CC_KIND_LINK, CC_LINK_STAGE, NULL, CC_BIND_DEFAULT);
  cc_inspector_page_bind (page, GTK_WIDGET (self->link_label_row), CC_KIND_LINK, CC_LINK_LABEL, NULL,
                          CC_BIND_DEFAULT);
  cc_inspector_page_bind (page, GTK_WIDGET (self->link_notes), CC_KIND_LINK, CC_LINK_NOTES, NULL, CC_BIND_DEFAULT);
}
