/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-forcefield-edit.h"
#include "cc-inspector-private.h"

/* A force field with nothing selected: the balance of its forces, the
 * change and the situations, and how it is drawn. */

struct _CcInspectorForcefieldPage
{
  CcInspectorPage      parent_instance;

  GtkLabel            *driving_total_label;
  GtkLabel            *resisting_total_label;
  GtkLabel            *balance_label;
  AdwPreferencesGroup *planned_group;
  GtkLabel            *planned_driving_label;
  GtkLabel            *planned_resisting_label;
  GtkLabel            *planned_balance_label;
  GtkTextView         *change_text;
  GtkTextView         *current_text;
  GtkTextView         *desired_text;
  AdwComboRow         *orientation_row;
  AdwComboRow         *view_row;
};

G_DEFINE_FINAL_TYPE (CcInspectorForcefieldPage, cc_inspector_forcefield_page, CC_TYPE_INSPECTOR_PAGE)

static const char *
orientation_label (guint i)
{
  static const char *labels[] = { N_("Horizontal"), N_("Vertical") };

  return labels[i];
}

static const char *
view_label (guint i)
{
  static const char *labels[] = { N_("Now"), N_("After the Plan") };

  return labels[i];
}

G_STATIC_ASSERT (CC_N_ORIENTATIONS == 2);
G_STATIC_ASSERT (CC_N_VIEWS == 2);

static void
set_view (CcProject     *project,
          CcItem        *sheet,
          guint          field,
          const CcValue *value)
{
  cc_forcefield_set_view (project, sheet, (CcForcefieldView) value->i);
}

static void
set_number (GtkLabel *label,
            int       n)
{
  g_autofree char *text = g_strdup_printf ("%d", n);

  gtk_label_set_text (label, text);
}

static char *
balance_text (int driving,
              int resisting)
{
  if (driving > resisting)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Driving forces prevail by %d",
                                         "Driving forces prevail by %d", driving - resisting),
                            driving - resisting);
  if (resisting > driving)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Resisting forces prevail by %d",
                                         "Resisting forces prevail by %d", resisting - driving),
                            resisting - driving);
  return g_strdup (_("Forces are balanced"));
}

static void
cc_inspector_forcefield_page_update (CcInspectorPage *page)
{
  CcInspectorForcefieldPage *self = CC_INSPECTOR_FORCEFIELD_PAGE (page);
  CcItem *sheet = cc_inspector_page_get_item (page);
  g_autofree char *balance = NULL;
  int driving, resisting;
  gboolean plans;

  if (sheet == NULL)
    return;
  plans = cc_forcefield_has_plans (sheet);
  cc_forcefield_totals (sheet, FALSE, &driving, &resisting);
  set_number (self->driving_total_label, driving);
  set_number (self->resisting_total_label, resisting);
  balance = balance_text (driving, resisting);
  gtk_label_set_text (self->balance_label, balance);

  gtk_widget_set_visible (GTK_WIDGET (self->planned_group), plans);
  if (plans)
    {
      g_autofree char *planned = NULL;

      cc_forcefield_totals (sheet, TRUE, &driving, &resisting);
      set_number (self->planned_driving_label, driving);
      set_number (self->planned_resisting_label, resisting);
      planned = balance_text (driving, resisting);
      gtk_label_set_text (self->planned_balance_label, planned);
    }
  cc_inspector_page_show_fields (page);
}

/* Sums over many items: every change. */
static gboolean
cc_inspector_forcefield_page_changed (CcInspectorPage *page,
                                      const CcChange  *change)
{
  return TRUE;
}

static void
cc_inspector_forcefield_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CC_TYPE_INSPECTOR_FORCEFIELD_PAGE);

  G_OBJECT_CLASS (cc_inspector_forcefield_page_parent_class)->dispose (object);
}

static void
cc_inspector_forcefield_page_class_init (CcInspectorForcefieldPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CcInspectorPageClass *page_class = CC_INSPECTOR_PAGE_CLASS (klass);

  object_class->dispose = cc_inspector_forcefield_page_dispose;
  page_class->update = cc_inspector_forcefield_page_update;
  page_class->changed = cc_inspector_forcefield_page_changed;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/cc-inspector-forcefield-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcefieldPage, driving_total_label);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcefieldPage, resisting_total_label);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcefieldPage, balance_label);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcefieldPage, planned_group);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcefieldPage, planned_driving_label);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcefieldPage, planned_resisting_label);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcefieldPage, planned_balance_label);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcefieldPage, change_text);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcefieldPage, current_text);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcefieldPage, desired_text);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcefieldPage, orientation_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcefieldPage, view_row);
}

static void
cc_inspector_forcefield_page_init (CcInspectorForcefieldPage *self)
{
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);
  g_autoptr(GtkStringList) orientations = cc_inspector_label_model (orientation_label, CC_N_ORIENTATIONS);
  g_autoptr(GtkStringList) views = cc_inspector_label_model (view_label, CC_N_VIEWS);

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->orientation_row, G_LIST_MODEL (orientations));
  adw_combo_row_set_model (self->view_row, G_LIST_MODEL (views));

  cc_inspector_page_bind (page, GTK_WIDGET (self->change_text), CC_KIND_FORCEFIELD, CC_FORCEFIELD_CHANGE,
                          _("Edit Change"), CC_BIND_KEEP_TYPED);
  cc_inspector_page_bind (page, GTK_WIDGET (self->current_text), CC_KIND_FORCEFIELD, CC_FORCEFIELD_CURRENT,
                          _("Edit Current Situation"), CC_BIND_KEEP_TYPED);
  cc_inspector_page_bind (page, GTK_WIDGET (self->desired_text), CC_KIND_FORCEFIELD, CC_FORCEFIELD_DESIRED,
                          _("Edit Desired Situation"), CC_BIND_KEEP_TYPED);
  cc_inspector_page_bind (page, GTK_WIDGET (self->orientation_row), CC_KIND_FORCEFIELD, CC_FORCEFIELD_ORIENTATION,
                          _("Change Orientation"), CC_BIND_DEFAULT);
  cc_field_binding_set_setter (cc_inspector_page_bind (page, GTK_WIDGET (self->view_row), CC_KIND_FORCEFIELD,
                                                       CC_FORCEFIELD_VIEW, NULL, CC_BIND_DEFAULT),
                               set_view);
}
