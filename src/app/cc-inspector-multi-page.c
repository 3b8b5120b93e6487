/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-forcefield-edit.h"
#include "cc-inspector-private.h"
#include "cc-map-edit.h"

/* Several items selected: what their organisations share (the sector),
 * and what their forces share (the side and the strength), each changed
 * for all of them in one step. Its items are those selected. */

struct _CcInspectorMultiPage
{
  CcInspectorPage      parent_instance;

  GtkLabel            *multi_label;
  AdwPreferencesGroup *multi_group;
  AdwComboRow         *multi_sector_row;
  AdwPreferencesGroup *multi_forces_group;
  AdwComboRow         *multi_side_row;
  AdwActionRow        *multi_strength_row;
  GtkSpinButton       *multi_strength_spin;
};

G_DEFINE_FINAL_TYPE (CcInspectorMultiPage, cc_inspector_multi_page, CC_TYPE_INSPECTOR_PAGE)

static const char *
sector_label (guint i)
{
  return cc_sector_label (i);
}

static const char *
side_label (guint i)
{
  static const char *labels[] = { N_("Driving"), N_("Resisting") };

  return labels[i];
}

static GPtrArray *
items_of_kind (CcInspectorPage *page,
               CcKind           kind)
{
  GPtrArray *items = cc_inspector_page_get_items (page);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; items != NULL && i < items->len; i++)
    if (cc_item_get_kind (items->pdata[i]) == kind)
      g_ptr_array_add (out, items->pdata[i]);
  return out;
}

static gboolean
can_edit (CcInspectorMultiPage *self)
{
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);

  return !cc_inspector_page_is_updating (page) && cc_inspector_page_get_project (page) != NULL
         && cc_inspector_page_get_items (page) != NULL;
}

static void
sector_changed_cb (CcInspectorMultiPage *self)
{
  guint selected = adw_combo_row_get_selected (self->multi_sector_row);
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);

  if (can_edit (self) && selected < CC_N_SECTORS)
    cc_map_set_sector (cc_inspector_page_get_project (page), cc_inspector_page_get_items (page), selected);
}

static void
side_changed_cb (CcInspectorMultiPage *self)
{
  guint selected = adw_combo_row_get_selected (self->multi_side_row);
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);

  if (can_edit (self) && selected < CC_N_SIDES)
    cc_forcefield_move_forces (cc_inspector_page_get_project (page), cc_inspector_page_get_items (page), selected);
}

static void
strength_changed_cb (CcInspectorMultiPage *self)
{
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);

  /* A force with scores keeps their median. */
  if (can_edit (self))
    cc_forcefield_set_strength (cc_inspector_page_get_project (page), cc_inspector_page_get_items (page),
                                gtk_spin_button_get_value_as_int (self->multi_strength_spin));
}

/* The sector the nodes' organisations share. */
static void
update_nodes (CcInspectorMultiPage *self,
              GPtrArray            *nodes)
{
  CcProject *project = cc_inspector_page_get_project (CC_INSPECTOR_PAGE (self));
  guint common = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < nodes->len; i++)
    {
      CcItem *actor = cc_project_get_node_actor (project, nodes->pdata[i]);
      guint sector = actor != NULL ? (guint) cc_item_get_int (actor, CC_ACTOR_SECTOR) : GTK_INVALID_LIST_POSITION;

      if (i == 0)
        common = sector;
      else if (sector != common)
        common = GTK_INVALID_LIST_POSITION;
    }
  cc_inspector_select (self->multi_sector_row, common);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->multi_sector_row),
                               common == GTK_INVALID_LIST_POSITION ? _("Mixed") : "");
}

/* The side and the strength the forces share. */
static void
update_forces (CcInspectorMultiPage *self,
               GPtrArray            *forces)
{
  guint side = GTK_INVALID_LIST_POSITION;
  int lowest = G_MAXINT, highest = G_MININT, first_free = 0;
  guint n_scored = 0;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < forces->len; i++)
    {
      CcItem *force = forces->pdata[i];
      int strength = (int) cc_item_get_int (force, CC_FORCE_STRENGTH);

      if (i == 0)
        side = cc_inspector_force_side (force);
      else if (cc_inspector_force_side (force) != side)
        side = GTK_INVALID_LIST_POSITION;
      lowest = MIN (lowest, strength);
      highest = MAX (highest, strength);
      if (cc_item_get_n_children (force, CC_FORCE_SCORES) > 0)
        n_scored++;
      else if (first_free == 0)
        first_free = strength;
    }

  cc_inspector_select (self->multi_side_row, side);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->multi_side_row),
                               side == GTK_INVALID_LIST_POSITION ? _("Mixed") : "");

  gtk_spin_button_set_value (self->multi_strength_spin, CLAMP (first_free != 0 ? first_free : lowest, 1, 5));
  gtk_widget_set_sensitive (GTK_WIDGET (self->multi_strength_spin), n_scored < forces->len);
  if (n_scored == forces->len)
    subtitle = g_strdup (_("Each is the median of its scores"));
  else if (n_scored > 0 && lowest != highest)
    subtitle = g_strdup_printf (_("Mixed, from %d to %d; forces with scores keep their median"), lowest, highest);
  else if (n_scored > 0)
    subtitle = g_strdup (_("Forces with scores keep their median"));
  else if (lowest != highest)
    subtitle = g_strdup_printf (_("Mixed, from %d to %d"), lowest, highest);
  adw_action_row_set_subtitle (self->multi_strength_row, subtitle != NULL ? subtitle : "");
}

static void
cc_inspector_multi_page_update (CcInspectorPage *page)
{
  CcInspectorMultiPage *self = CC_INSPECTOR_MULTI_PAGE (page);
  GPtrArray *items = cc_inspector_page_get_items (page);
  g_autoptr(GPtrArray) nodes = items_of_kind (page, CC_KIND_NODE);
  g_autoptr(GPtrArray) forces = items_of_kind (page, CC_KIND_FORCE);
  guint n = items != NULL ? items->len : 0;
  g_autofree char *text = NULL;

  if (forces->len == n)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u force selected", "%u forces selected", n), n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item selected", "%u items selected", n), n);
  gtk_label_set_text (self->multi_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->multi_group), nodes->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->multi_forces_group), forces->len > 0);
  update_nodes (self, nodes);
  if (forces->len > 0)
    update_forces (self, forces);
}

/* With forces, every change (their strengths may follow scores); with
 * organisations only, their fields. */
static gboolean
cc_inspector_multi_page_changed (CcInspectorPage *page,
                                 const CcChange  *change)
{
  g_autoptr(GPtrArray) forces = items_of_kind (page, CC_KIND_FORCE);

  if (forces->len > 0)
    return TRUE;
  return change->type == CC_CHANGE_SET && cc_item_get_kind (change->item) == CC_KIND_ACTOR;
}

static void
cc_inspector_multi_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CC_TYPE_INSPECTOR_MULTI_PAGE);

  G_OBJECT_CLASS (cc_inspector_multi_page_parent_class)->dispose (object);
}

static void
cc_inspector_multi_page_class_init (CcInspectorMultiPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CcInspectorPageClass *page_class = CC_INSPECTOR_PAGE_CLASS (klass);

  object_class->dispose = cc_inspector_multi_page_dispose;
  page_class->update = cc_inspector_multi_page_update;
  page_class->changed = cc_inspector_multi_page_changed;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/cc-inspector-multi-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CcInspectorMultiPage, multi_label);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorMultiPage, multi_group);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorMultiPage, multi_sector_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorMultiPage, multi_forces_group);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorMultiPage, multi_side_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorMultiPage, multi_strength_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorMultiPage, multi_strength_spin);
  gtk_widget_class_bind_template_callback (widget_class, sector_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, side_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, strength_changed_cb);
}

static void
cc_inspector_multi_page_init (CcInspectorMultiPage *self)
{
  g_autoptr(GtkStringList) sectors = cc_inspector_label_model (sector_label, CC_N_SECTORS);
  g_autoptr(GtkStringList) sides = cc_inspector_label_model (side_label, CC_N_SIDES);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not edits: the page shows nothing yet. */
  adw_combo_row_set_model (self->multi_sector_row, G_LIST_MODEL (sectors));
  adw_combo_row_set_model (self->multi_side_row, G_LIST_MODEL (sides));
}
