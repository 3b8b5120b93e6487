/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-bidi.h"
#include "cc-forcefield-edit.h"
#include "cc-inspector-private.h"

/* A force of a force field: its fields, its action plan and the scores of
 * the participants. */

struct _CcInspectorForcePage
{
  CcInspectorPage      parent_instance;

  GtkLabel            *force_heading;
  AdwEntryRow         *force_label_row;
  AdwComboRow         *force_side_row;
  AdwActionRow        *force_strength_row;
  GtkSpinButton       *force_strength_spin;
  AdwComboRow         *force_actor_row;
  GtkTextView         *force_notes;
  AdwComboRow         *force_action_row;
  AdwEntryRow         *force_plan_row;
  AdwEntryRow         *force_owner_row;
  AdwEntryRow         *force_due_row;
  GtkSwitch           *force_has_planned_switch;
  AdwActionRow        *force_planned_row;
  GtkSpinButton       *force_planned_spin;
  AdwPreferencesGroup *scores_group;
  GtkListBox          *scores_list;
  AdwActionRow        *score_summary_row;
  AdwActionRow        *score_warning_row;
  AdwEntryRow         *add_score_row;
  GtkSpinButton       *add_score_spin;
  GtkButton           *add_score_button;

  GPtrArray           *actor_ids;    /* in force_actor_row's model; "" first, for none */
  gboolean             actors_stale; /* organisations added, removed or renamed */
};

G_DEFINE_FINAL_TYPE (CcInspectorForcePage, cc_inspector_force_page, CC_TYPE_INSPECTOR_PAGE)

static const char *
side_label (guint i)
{
  static const char *labels[] = { N_("Driving"), N_("Resisting") };

  return labels[i];
}

static const char *
action_label (guint i)
{
  static const char *labels[] = { N_("None"), N_("Strengthen"), N_("Weaken"), N_("Remove") };

  return labels[i];
}

G_STATIC_ASSERT (CC_N_SIDES == 2);
G_STATIC_ASSERT (CC_N_ACTIONS == 4);

/* Setters: the model's edits, which keep what goes with the field. */

static void
move_across (CcProject     *project,
             CcItem        *force,
             guint          field,
             const CcValue *value)
{
  /* To the end of the other side, as one step. */
  cc_forcefield_move_force (project, force, (CcSide) value->i, -1);
}

static void
set_strength (CcProject     *project,
              CcItem        *force,
              guint          field,
              const CcValue *value)
{
  g_autoptr(GPtrArray) forces = g_ptr_array_new ();

  g_ptr_array_add (forces, force);
  cc_forcefield_set_strength (project, forces, (int) value->i);
}

static void
set_planned (CcProject     *project,
             CcItem        *force,
             guint          field,
             const CcValue *value)
{
  cc_force_set_planned (project, force, (int) value->i);
}

static void
set_score (CcProject     *project,
           CcItem        *score,
           guint          field,
           const CcValue *value)
{
  CcItem *force = cc_item_get_parent (score);

  if (force != NULL && cc_item_get_kind (force) == CC_KIND_FORCE)
    cc_forcefield_set_score (project, force, cc_item_get_string (score, CC_SCORE_PARTICIPANT), (int) value->i);
}

/* Scores */

static void
score_remove_clicked_cb (GtkButton            *button,
                         CcInspectorForcePage *self)
{
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);
  CcItem *score = g_object_get_data (G_OBJECT (button), "cc-item");
  CcItem *force = cc_inspector_page_get_item (page);

  if (score == NULL || cc_item_get_parent (score) != force || !cc_inspector_page_can_edit (page, force))
    return;
  cc_forcefield_remove_score (cc_inspector_page_get_project (page), force,
                              cc_item_get_string (score, CC_SCORE_PARTICIPANT));
}

/* How a participant is called: by name, or "Participant 3" for one given
 * a number because no name was typed. */
static char *
participant_title (CcItem *score)
{
  const char *participant = cc_item_get_string (score, CC_SCORE_PARTICIPANT);

  for (const char *p = participant; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return g_strdup (participant);
  /* Translators: a participant who gave a score without a name, by number */
  return g_strdup_printf (_("Participant %s"), participant);
}

/* A participant's score: their name, the score to change, a button to
 * take it away. */
static GtkWidget *
create_score_row (CcInspectorForcePage *self,
                  CcItem               *score)
{
  g_autofree char *participant = participant_title (score);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (CC_FORCE_MIN_STRENGTH, CC_FORCE_MAX_STRENGTH, 1);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *who = cc_bidi_isolate (participant);
  g_autofree char *spin_label = g_strdup_printf (_("Score of “%s”"), who);
  g_autofree char *remove_label = g_strdup_printf (_("Remove the Score of “%s”"), who);
  CcFieldBinding *binding;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), participant);
  gtk_widget_add_css_class (row, "cc-score-row");

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, spin_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  g_object_set_data_full (G_OBJECT (row), "cc-item", cc_item_ref (score), (GDestroyNotify) cc_item_unref);
  g_object_set_data (G_OBJECT (row), "cc-spin", spin);
  g_object_set_data (G_OBJECT (row), "cc-remove", remove);
  g_object_set_data_full (G_OBJECT (remove), "cc-item", cc_item_ref (score), (GDestroyNotify) cc_item_unref);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (score_remove_clicked_cb), self, 0);

  binding = cc_inspector_page_bind_item (CC_INSPECTOR_PAGE (self), spin, score, CC_SCORE_VALUE, NULL,
                                         CC_BIND_DEFAULT);
  cc_field_binding_set_setter (binding, set_score);
  cc_field_binding_show (binding);
  return row;
}

static char *
format_median (double median)
{
  if (median == (int) median)
    return g_strdup_printf ("%d", (int) median);
  return g_strdup_printf ("%.1f", median);
}

/* The rows of the scores follow the force's scores; then the summary. */
static void
update_scores (CcInspectorForcePage *self,
               CcItem               *force)
{
  GPtrArray *scores = cc_item_get_children (force, CC_FORCE_SCORES);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gboolean same;
  CcScoreStats stats;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->scores_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "cc-item") != NULL)
      g_ptr_array_add (rows, row);

  same = rows->len == scores->len;
  for (guint i = 0; same && i < rows->len; i++)
    same = g_object_get_data (rows->pdata[i], "cc-item") == scores->pdata[i];

  if (same)
    {
      for (guint i = 0; i < rows->len; i++)
        {
          g_autofree char *title = participant_title (scores->pdata[i]);

          adw_preferences_row_set_title (rows->pdata[i], title);
          cc_field_binding_show (g_object_get_data (g_object_get_data (rows->pdata[i], "cc-spin"), "cc-binding"));
        }
    }
  else
    {
      for (guint i = 0; i < rows->len; i++)
        gtk_list_box_remove (self->scores_list, rows->pdata[i]);
      /* After the summary and the warning, before the row to add one. */
      for (guint i = 0; i < scores->len; i++)
        gtk_list_box_insert (self->scores_list, create_score_row (self, scores->pdata[i]), 2 + i);
    }

  cc_force_score_stats (force, &stats);
  gtk_widget_set_visible (GTK_WIDGET (self->score_summary_row), stats.n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->score_warning_row), stats.n > 0 && stats.disagree);
  if (stats.n == 1)
    {
      g_autofree char *text = g_strdup_printf (_("One score: %d"), stats.lowest);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->score_summary_row), text);
    }
  else if (stats.n > 1)
    {
      g_autofree char *median = format_median (stats.median);
      /* Translators: the median of the scores of a force, how many there
       * are, and the lowest and highest, as in "Median 4 from 5 scores, 2 to 5" */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Median %s from %u score, %d to %d",
                                                            "Median %s from %u scores, %d to %d", stats.n),
                                               median, stats.n, stats.lowest, stats.highest);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->score_summary_row), text);
    }
  if (stats.disagree)
    {
      g_autofree char *text = g_strdup_printf (_("Scores run from %d to %d"), stats.lowest, stats.highest);

      adw_action_row_set_subtitle (self->score_warning_row, text);
    }
}

static void
add_score_cb (CcInspectorForcePage *self)
{
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);
  CcItem *force = cc_inspector_page_get_item (page);
  g_autofree char *participant = NULL;

  if (force == NULL || !cc_inspector_page_can_edit (page, force))
    return;
  participant = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_score_row))));
  /* Without a name, the participant gets the next number. */
  cc_forcefield_set_score (cc_inspector_page_get_project (page), force, participant,
                           gtk_spin_button_get_value_as_int (self->add_score_spin));
  gtk_editable_set_text (GTK_EDITABLE (self->add_score_row), "");
}

static void
has_planned_changed_cb (CcInspectorForcePage *self)
{
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);
  CcItem *force = cc_inspector_page_get_item (page);

  if (force != NULL && cc_inspector_page_can_edit (page, force))
    cc_force_set_has_planned (cc_inspector_page_get_project (page), force,
                              gtk_switch_get_active (self->force_has_planned_switch));
}

/* The page */

/* "None", then the project's organisations by name. */
static void
cc_inspector_force_page_rebuild_choices (CcInspectorPage *page)
{
  CcInspectorForcePage *self = CC_INSPECTOR_FORCE_PAGE (page);
  CcItem *force = cc_inspector_page_get_item (page);
  g_autoptr(GtkStringList) list = NULL;

  list = cc_inspector_actor_choices (cc_inspector_page_get_project (page),
                                     force != NULL ? cc_item_get_string (force, CC_FORCE_ACTOR) : NULL,
                                     self->actor_ids);
  adw_combo_row_set_model (self->force_actor_row, G_LIST_MODEL (list));
  self->actors_stale = FALSE;
}

static void
cc_inspector_force_page_update (CcInspectorPage *page)
{
  CcInspectorForcePage *self = CC_INSPECTOR_FORCE_PAGE (page);
  CcItem *force = cc_inspector_page_get_item (page);
  gint64 planned;
  CcScoreStats stats;

  if (force == NULL)
    return;
  if (self->actors_stale)
    cc_inspector_force_page_rebuild_choices (page);
  cc_force_score_stats (force, &stats);
  planned = cc_item_get_int (force, CC_FORCE_PLANNED);

  /* In full, however long: the entry below may have to scroll it. */
  gtk_label_set_text (self->force_heading, cc_item_get_string (force, CC_FORCE_LABEL));
  cc_inspector_page_show_fields (page);

  /* With scores, the strength is their median. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->force_strength_spin), stats.n == 0);
  adw_action_row_set_subtitle (self->force_strength_row,
                               stats.n == 0 ? _("From 1, weak, to 5, strong") : _("The median of the scores below"));

  gtk_switch_set_active (self->force_has_planned_switch, planned >= 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->force_planned_row), planned >= 0);
  if (planned < 0)
    gtk_spin_button_set_value (self->force_planned_spin, cc_force_default_planned (force));

  update_scores (self, force);
}

/* Sums and medians over many items: every change. */
static gboolean
cc_inspector_force_page_changed (CcInspectorPage *page,
                                 const CcChange  *change)
{
  CcInspectorForcePage *self = CC_INSPECTOR_FORCE_PAGE (page);
  CcProject *project = cc_inspector_page_get_project (page);

  /* Organisations added, removed or renamed. */
  if (change->type == CC_CHANGE_SET
      ? cc_item_get_kind (change->item) == CC_KIND_ACTOR && change->field == CC_ACTOR_NAME
      : change->parent == cc_project_get_root (project) && change->slot == CC_PROJECT_ACTORS)
    self->actors_stale = TRUE;
  return TRUE;
}

static void
cc_inspector_force_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CC_TYPE_INSPECTOR_FORCE_PAGE);

  G_OBJECT_CLASS (cc_inspector_force_page_parent_class)->dispose (object);
}

static void
cc_inspector_force_page_finalize (GObject *object)
{
  CcInspectorForcePage *self = CC_INSPECTOR_FORCE_PAGE (object);

  g_clear_pointer (&self->actor_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (cc_inspector_force_page_parent_class)->finalize (object);
}

static void
cc_inspector_force_page_class_init (CcInspectorForcePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CcInspectorPageClass *page_class = CC_INSPECTOR_PAGE_CLASS (klass);

  object_class->dispose = cc_inspector_force_page_dispose;
  object_class->finalize = cc_inspector_force_page_finalize;
  page_class->update = cc_inspector_force_page_update;
  page_class->changed = cc_inspector_force_page_changed;
  page_class->rebuild_choices = cc_inspector_force_page_rebuild_choices;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/cc-inspector-force-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, force_heading);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, force_label_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, force_side_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, force_strength_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, force_strength_spin);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, force_actor_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, force_notes);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, force_action_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, force_plan_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, force_owner_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, force_due_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, force_has_planned_switch);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, force_planned_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, force_planned_spin);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, scores_group);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, scores_list);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, score_summary_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, score_warning_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, add_score_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, add_score_spin);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorForcePage, add_score_button);
  gtk_widget_class_bind_template_callback (widget_class, add_score_cb);
  gtk_widget_class_bind_template_callback (widget_class, has_planned_changed_cb);
}

static void
cc_inspector_force_page_init (CcInspectorForcePage *self)
{
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);
  g_autoptr(GtkStringList) sides = cc_inspector_label_model (side_label, CC_N_SIDES);
  g_autoptr(GtkStringList) actions = cc_inspector_label_model (action_label, CC_N_ACTIONS);
  CcBindFlags text = CC_BIND_STRIP | CC_BIND_KEEP_TYPED;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->actor_ids = g_ptr_array_new_with_free_func (g_free);
  adw_combo_row_set_model (self->force_side_row, G_LIST_MODEL (sides));
  adw_combo_row_set_model (self->force_action_row, G_LIST_MODEL (actions));

  /* A force needs a label: an empty one puts the old one back. */
  cc_inspector_page_bind (page, GTK_WIDGET (self->force_label_row), CC_KIND_FORCE, CC_FORCE_LABEL,
                          _("Rename Force"), text);
  cc_field_binding_set_setter (cc_inspector_page_bind (page, GTK_WIDGET (self->force_side_row), CC_KIND_FORCE,
                                                       CC_FORCE_SIDE, NULL, CC_BIND_DEFAULT),
                               move_across);
  cc_field_binding_set_setter (cc_inspector_page_bind (page, GTK_WIDGET (self->force_strength_spin), CC_KIND_FORCE,
                                                       CC_FORCE_STRENGTH, NULL, CC_BIND_DEFAULT),
                               set_strength);
  cc_field_binding_set_choices (cc_inspector_page_bind (page, GTK_WIDGET (self->force_actor_row), CC_KIND_FORCE,
                                                        CC_FORCE_ACTOR, _("Change Organisation of Force"),
                                                        CC_BIND_DEFAULT),
                                self->actor_ids);
  cc_inspector_page_bind (page, GTK_WIDGET (self->force_notes), CC_KIND_FORCE, CC_FORCE_NOTES, _("Edit Notes"),
                          CC_BIND_KEEP_TYPED);
  cc_inspector_page_bind (page, GTK_WIDGET (self->force_action_row), CC_KIND_FORCE, CC_FORCE_ACTION,
                          _("Change Action"), CC_BIND_DEFAULT);
  cc_inspector_page_bind (page, GTK_WIDGET (self->force_plan_row), CC_KIND_FORCE, CC_FORCE_PLAN, _("Edit Plan"), text);
  cc_inspector_page_bind (page, GTK_WIDGET (self->force_owner_row), CC_KIND_FORCE, CC_FORCE_OWNER, _("Change Owner"),
                          text);
  /* Never a date that is not one: it stays, marked, to be put right. */
  cc_inspector_page_bind (page, GTK_WIDGET (self->force_due_row), CC_KIND_FORCE, CC_FORCE_DUE,
                          _("Change Due Date"), text);
  cc_field_binding_set_setter (cc_inspector_page_bind (page, GTK_WIDGET (self->force_planned_spin), CC_KIND_FORCE,
                                                       CC_FORCE_PLANNED, NULL, CC_BIND_DEFAULT),
                               set_planned);
}
