/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-inspector"

#include "config.h"

#include "cc-inspector-private.h"

/* A group of a map: its title and colour. */

struct _CcInspectorGroupPage
{
  CcInspectorPage  parent_instance;

  AdwEntryRow     *group_title_row;
  GtkColorButton  *group_color_button;
};

G_DEFINE_FINAL_TYPE (CcInspectorGroupPage, cc_inspector_group_page, CC_TYPE_INSPECTOR_PAGE)

static void
cc_inspector_group_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CC_TYPE_INSPECTOR_GROUP_PAGE);

  G_OBJECT_CLASS (cc_inspector_group_page_parent_class)->dispose (object);
}

static void
cc_inspector_group_page_class_init (CcInspectorGroupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_inspector_group_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/cc-inspector-group-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CcInspectorGroupPage, group_title_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorGroupPage, group_color_button);
}

static void
cc_inspector_group_page_init (CcInspectorGroupPage *self)
{
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  cc_inspector_page_bind (page, GTK_WIDGET (self->group_title_row), CC_KIND_GROUP, CC_GROUP_TITLE, NULL,
                          CC_BIND_DEFAULT);
  cc_field_binding_set_fallback (cc_inspector_page_bind (page, GTK_WIDGET (self->group_color_button), CC_KIND_GROUP,
                                                         CC_GROUP_COLOR, NULL, CC_BIND_DEFAULT),
                                 "#c0bfbc");
}
