/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-bidi.h"
#include "cc-canvas-edit.h"
#include "cc-forcefield-edit.h"
#include "cc-inspector-private.h"

/* An organisation: of a node on a map, or of a card on a grid. Its item is
 * the actor. */

struct _CcInspectorActorPage
{
  CcInspectorPage      parent_instance;

  AdwEntryRow         *name_row;
  AdwComboRow         *sector_row;
  AdwComboRow         *kind_row;
  GtkSwitch           *umbrella_switch;
  GtkSpinButton       *influence_spin;
  AdwActionRow        *power_row;
  GtkSpinButton       *power_spin;
  AdwActionRow        *interest_row;
  GtkSpinButton       *interest_spin;
  AdwEntryRow         *tags_row;
  GtkTextView         *actor_notes;
  AdwPreferencesGroup *actor_forces_group;
  GtkListBox          *actor_forces_list;
};

G_DEFINE_FINAL_TYPE (CcInspectorActorPage, cc_inspector_actor_page, CC_TYPE_INSPECTOR_PAGE)

static const char *
sector_label (guint i)
{
  return cc_sector_label (i);
}

static const char *
actor_kind_label (guint i)
{
  return cc_actor_kind_label (i);
}

/* Power and interest move the organisation's cards on the grids. */
static void
set_measure (CcProject     *project,
             CcItem        *actor,
             guint          field,
             const CcValue *value)
{
  cc_actor_set_measure (project, actor, field, value->d);
}

/* Power or interest: "not placed" while it has none. */
static void
show_measure (AdwActionRow *row,
              double        value,
              const char   *what)
{
  g_autofree char *subtitle = NULL;

  if (value < 0)
    subtitle = g_strdup_printf (_("%s; not yet placed on a grid"), what);
  adw_action_row_set_subtitle (row, subtitle != NULL ? subtitle : what);
}

/* The forces that name the organisation, on any force field. */
static void
rebuild_forces (CcInspectorActorPage *self)
{
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);
  g_autoptr(GPtrArray) forces = cc_project_forces_naming (cc_inspector_page_get_project (page),
                                                          cc_inspector_page_get_item (page));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actor_forces_list))) != NULL)
    gtk_list_box_remove (self->actor_forces_list, child);
  for (guint i = 0; i < forces->len; i++)
    {
      CcItem *force = forces->pdata[i];
      CcItem *sheet = cc_item_get_sheet (force);
      g_autofree char *title = cc_bidi_isolate (sheet != NULL ? cc_item_get_string (sheet, CC_FORCEFIELD_TITLE) : "");
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
      g_autofree char *subtitle = g_strdup_printf (cc_inspector_force_side (force) == CC_SIDE_RESISTING
                                                   ? _("Resisting, in “%s”") : _("Driving, in “%s”"),
                                                   title);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cc_item_get_string (force, CC_FORCE_LABEL));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Show this force"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      g_object_set_data_full (G_OBJECT (row), "cc-item", cc_item_ref (force), (GDestroyNotify) cc_item_unref);
      gtk_list_box_append (self->actor_forces_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->actor_forces_group), forces->len > 0);
}

static void
actor_force_activated_cb (CcInspectorActorPage *self,
                          GtkListBoxRow        *row)
{
  CcItem *force = g_object_get_data (G_OBJECT (row), "cc-item");
  CcInspector *inspector = cc_inspector_page_get_inspector (CC_INSPECTOR_PAGE (self));

  if (force != NULL && inspector != NULL)
    cc_inspector_show_item (inspector, force);
}

static void
cc_inspector_actor_page_update (CcInspectorPage *page)
{
  CcInspectorActorPage *self = CC_INSPECTOR_ACTOR_PAGE (page);
  CcItem *actor = cc_inspector_page_get_item (page);

  if (actor == NULL)
    return;
  cc_inspector_page_show_fields (page);
  show_measure (self->power_row, cc_item_get_double (actor, CC_ACTOR_POWER), _("Over the partnership, from 0 to 10"));
  show_measure (self->interest_row, cc_item_get_double (actor, CC_ACTOR_INTEREST),
                _("In the partnership, from 0 to 10"));
  rebuild_forces (self);
}

/* Its own fields, and what may change which forces name it, or how. */
static gboolean
cc_inspector_actor_page_changed (CcInspectorPage *page,
                                 const CcChange  *change)
{
  CcKind kind = cc_item_get_kind (change->item);

  if (change->type != CC_CHANGE_SET)
    return kind == CC_KIND_FORCE || kind == CC_KIND_FORCEFIELD;
  return change->item == cc_inspector_page_get_item (page)
         || (kind == CC_KIND_FORCE
             && (change->field == CC_FORCE_ACTOR || change->field == CC_FORCE_LABEL || change->field == CC_FORCE_SIDE))
         || (kind == CC_KIND_FORCEFIELD && change->field == CC_FORCEFIELD_TITLE);
}

static void
cc_inspector_actor_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CC_TYPE_INSPECTOR_ACTOR_PAGE);

  G_OBJECT_CLASS (cc_inspector_actor_page_parent_class)->dispose (object);
}

static void
cc_inspector_actor_page_class_init (CcInspectorActorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CcInspectorPageClass *page_class = CC_INSPECTOR_PAGE_CLASS (klass);

  object_class->dispose = cc_inspector_actor_page_dispose;
  page_class->update = cc_inspector_actor_page_update;
  page_class->changed = cc_inspector_actor_page_changed;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/cc-inspector-actor-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CcInspectorActorPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorActorPage, sector_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorActorPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorActorPage, umbrella_switch);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorActorPage, influence_spin);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorActorPage, power_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorActorPage, power_spin);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorActorPage, interest_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorActorPage, interest_spin);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorActorPage, tags_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorActorPage, actor_notes);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorActorPage, actor_forces_group);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorActorPage, actor_forces_list);
  gtk_widget_class_bind_template_callback (widget_class, actor_force_activated_cb);
}

static void
cc_inspector_actor_page_init (CcInspectorActorPage *self)
{
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);
  g_autoptr(GtkStringList) sectors = cc_inspector_label_model (sector_label, CC_N_SECTORS);
  g_autoptr(GtkStringList) kinds = cc_inspector_label_model (actor_kind_label, CC_N_ACTOR_KINDS);

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->sector_row, G_LIST_MODEL (sectors));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  /* An organisation needs a name: an empty one puts the old one back. */
  cc_inspector_page_bind (page, GTK_WIDGET (self->name_row), CC_KIND_ACTOR, CC_ACTOR_NAME, NULL, CC_BIND_STRIP);
  cc_inspector_page_bind (page, GTK_WIDGET (self->sector_row), CC_KIND_ACTOR, CC_ACTOR_SECTOR, NULL, CC_BIND_DEFAULT);
  cc_inspector_page_bind (page, GTK_WIDGET (self->kind_row), CC_KIND_ACTOR, CC_ACTOR_KIND, NULL, CC_BIND_DEFAULT);
  cc_inspector_page_bind (page, GTK_WIDGET (self->umbrella_switch), CC_KIND_ACTOR, CC_ACTOR_UMBRELLA, NULL,
                          CC_BIND_DEFAULT);
  cc_inspector_page_bind (page, GTK_WIDGET (self->influence_spin), CC_KIND_ACTOR, CC_ACTOR_INFLUENCE, NULL,
                          CC_BIND_DEFAULT);
  cc_field_binding_set_setter (cc_inspector_page_bind (page, GTK_WIDGET (self->power_spin), CC_KIND_ACTOR,
                                                       CC_ACTOR_POWER, NULL, CC_BIND_DEFAULT),
                               set_measure);
  cc_field_binding_set_setter (cc_inspector_page_bind (page, GTK_WIDGET (self->interest_spin), CC_KIND_ACTOR,
                                                       CC_ACTOR_INTEREST, NULL, CC_BIND_DEFAULT),
                               set_measure);
  cc_inspector_page_bind (page, GTK_WIDGET (self->tags_row), CC_KIND_ACTOR, CC_ACTOR_TAGS, NULL, CC_BIND_DEFAULT);
  cc_inspector_page_bind (page, GTK_WIDGET (self->actor_notes), CC_KIND_ACTOR, CC_ACTOR_NOTES, NULL, CC_BIND_DEFAULT);
}
