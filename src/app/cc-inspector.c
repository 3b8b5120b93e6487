/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-inspector"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <string.h>

#include "cc-bidi.h"
#include "cc-forcefield-edit.h"
#include "cc-inspector.h"
#include "cc-canvas-edit.h"
#include "cc-template.h"

struct _CcInspector
{
  GtkWidget         parent_instance;

  /* Template children */
  GtkStack         *stack;
  GtkImage         *hint_image;
  GtkLabel         *hint_label;
  AdwPreferencesGroup *link_types_group;
  GtkListBox       *link_types_list;
  GtkButton        *add_link_type_button;
  AdwEntryRow      *name_row;
  AdwComboRow      *sector_row;
  AdwComboRow      *kind_row;
  GtkSwitch        *umbrella_switch;
  GtkSpinButton    *influence_spin;
  AdwActionRow     *power_row;
  GtkSpinButton    *power_spin;
  AdwActionRow     *interest_row;
  GtkSpinButton    *interest_spin;
  AdwEntryRow      *tags_row;
  GtkTextView      *actor_notes;
  AdwComboRow      *type_row;
  GtkSpinButton    *strength_spin;
  GtkSwitch        *directed_switch;
  AdwComboRow      *stage_row;
  AdwEntryRow      *link_label_row;
  GtkTextView      *link_notes;
  AdwEntryRow      *group_title_row;
  GtkColorButton   *group_color_button;
  GtkLabel         *multi_label;
  AdwPreferencesGroup *multi_group;
  AdwComboRow      *multi_sector_row;
  AdwPreferencesGroup *actor_forces_group;
  GtkListBox       *actor_forces_list;
  AdwPreferencesGroup *multi_forces_group;
  AdwComboRow      *multi_side_row;
  AdwActionRow     *multi_strength_row;
  GtkSpinButton    *multi_strength_spin;
  GtkLabel         *force_heading;
  AdwEntryRow      *force_label_row;
  AdwComboRow      *force_side_row;
  AdwActionRow     *force_strength_row;
  GtkSpinButton    *force_strength_spin;
  AdwComboRow      *force_actor_row;
  GtkTextView      *card_text;
  GtkColorButton   *card_color_button;
  GtkSpinButton    *card_score_spin;
  AdwComboRow      *card_actor_row;
  GtkTextView      *force_notes;
  AdwComboRow      *force_action_row;
  AdwEntryRow      *force_plan_row;
  AdwEntryRow      *force_owner_row;
  AdwEntryRow      *force_due_row;
  GtkSwitch        *force_has_planned_switch;
  AdwActionRow     *force_planned_row;
  GtkSpinButton    *force_planned_spin;
  AdwPreferencesGroup *scores_group;
  GtkListBox       *scores_list;
  AdwActionRow     *score_summary_row;
  AdwActionRow     *score_warning_row;
  AdwEntryRow      *add_score_row;
  GtkSpinButton    *add_score_spin;
  GtkButton        *add_score_button;
  GtkLabel         *driving_total_label;
  GtkLabel         *resisting_total_label;
  GtkLabel         *balance_label;
  AdwPreferencesGroup *planned_group;
  GtkLabel         *planned_driving_label;
  GtkLabel         *planned_resisting_label;
  GtkLabel         *planned_balance_label;
  GtkTextView      *change_text;
  GtkTextView      *current_text;
  GtkTextView      *desired_text;
  AdwComboRow      *orientation_row;
  AdwComboRow      *view_row;

  CcSelection      *selection;
  CcProject        *project;      /* the selection's, while it has one */
  CcItem           *item;         /* the single node, link, group or force shown */
  CcItem           *actor;        /* the actor of a single node */
  CcItem           *forcefield;   /* the force-field sheet shown with nothing selected */
  GPtrArray        *nodes;        /* several selected: the nodes among them */
  GPtrArray        *forces;       /* several selected: the forces among them */
  GPtrArray        *type_ids;     /* link type ids, in the order of type_row's model */
  GPtrArray        *actor_ids;    /* actor ids in force_actor_row's model; "" first, for none */

  guint             updating : 1;
};

G_DEFINE_FINAL_TYPE (CcInspector, cc_inspector, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_SHOW_ITEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh        (CcInspector *self);
static void update_fields  (CcInspector *self);

/* Helpers */

static GtkStringList *
create_label_model (const char *(*label) (guint), guint n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, _(label (i)));
  return list;
}

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

static const char *
stage_label (guint i)
{
  return cc_stage_label (i);
}

static const char *
dash_label (guint i)
{
  static const char *labels[] = { N_("Solid"), N_("Dashed"), N_("Dotted"), N_("Dash-dot") };

  return labels[i];
}

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

G_STATIC_ASSERT (CC_N_SIDES == 2);
G_STATIC_ASSERT (CC_N_ACTIONS == 4);
G_STATIC_ASSERT (CC_N_ORIENTATIONS == 2);
G_STATIC_ASSERT (CC_N_VIEWS == 2);

static void
set_editable_text (GtkEditable *editable,
                   const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text != NULL ? text : "") != 0)
    gtk_editable_set_text (editable, text != NULL ? text : "");
}

static void
set_text_view_text (GtkTextView *view,
                    const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *current = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (current, text != NULL ? text : "") == 0)
    return;
  /* A new text for a new item: not something to undo into. */
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
}

static char *
get_text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
join_tags (const char * const *tags)
{
  return g_strjoinv (", ", (char **) (tags != NULL ? tags : (const char * const[]) { NULL }));
}

static GStrv
split_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0' && !g_ptr_array_find_with_equal_func (tags, parts[i], g_str_equal, NULL))
        g_ptr_array_add (tags, g_strdup (parts[i]));
    }
  g_ptr_array_add (tags, NULL);
  return (GStrv) g_ptr_array_steal (tags, NULL);
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  guint na = a != NULL ? g_strv_length ((char **) a) : 0;
  guint nb = b != NULL ? g_strv_length ((char **) b) : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

static char *
rgba_to_hex (const GdkRGBA *rgba)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (guint) CLAMP (rgba->red * 255 + 0.5, 0, 255),
                          (guint) CLAMP (rgba->green * 255 + 0.5, 0, 255),
                          (guint) CLAMP (rgba->blue * 255 + 0.5, 0, 255));
}

static void
set_color_button (GtkColorButton *button,
                  const char     *color,
                  const char     *fallback)
{
  GdkRGBA rgba;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    gdk_rgba_parse (&rgba, fallback);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
}

/* Shows @text in an entry or a text view of the force and force-field
 * pages, unless the value has not changed since it was last shown there:
 * then what the user typed and has not committed (or what was refused,
 * such as a date that is not one) stays. Returns whether it showed @text. */
static gboolean
show_text (GtkWidget  *widget,
           const char *text)
{
  const char *shown = g_object_get_data (G_OBJECT (widget), "cc-shown");

  text = text != NULL ? text : "";
  if (shown != NULL && strcmp (shown, text) == 0)
    return FALSE;
  if (GTK_IS_TEXT_VIEW (widget))
    set_text_view_text (GTK_TEXT_VIEW (widget), text);
  else
    set_editable_text (GTK_EDITABLE (widget), text);
  g_object_set_data_full (G_OBJECT (widget), "cc-shown", g_strdup (text), g_free);
  return TRUE;
}

static char *
get_stripped_text (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

/* Sets a string field when it differs. */
static void
commit_string (CcInspector *self,
               CcItem      *item,
               guint        field,
               const char  *text)
{
  if (item == NULL || self->project == NULL)
    return;
  if (g_strcmp0 (cc_item_get_string (item, field), text) != 0)
    cc_project_set_string (self->project, item, field, text);
}

/* The same, as one undo step named @label. */
static void
commit_string_as (CcInspector *self,
                  CcItem      *item,
                  guint        field,
                  const char  *text,
                  const char  *label)
{
  if (item == NULL || self->project == NULL || g_strcmp0 (cc_item_get_string (item, field), text) == 0)
    return;
  cc_project_begin_group (self->project, label);
  cc_project_set_string (self->project, item, field, text);
  cc_project_end_group (self->project);
}

static void
commit_int_as (CcInspector *self,
               CcItem      *item,
               guint        field,
               gint64       value,
               const char  *label)
{
  if (item == NULL || self->project == NULL || cc_item_get_int (item, field) == value)
    return;
  cc_project_begin_group (self->project, label);
  cc_project_set_int (self->project, item, field, value);
  cc_project_end_group (self->project);
}

static void
commit_int (CcInspector *self,
            CcItem      *item,
            guint        field,
            gint64       value)
{
  if (item == NULL || self->project == NULL)
    return;
  if (cc_item_get_int (item, field) != value)
    cc_project_set_int (self->project, item, field, value);
}

static void
commit_bool (CcInspector *self,
             CcItem      *item,
             guint        field,
             gboolean     value)
{
  if (item == NULL || self->project == NULL)
    return;
  if (!cc_item_get_bool (item, field) != !value)
    cc_project_set_bool (self->project, item, field, value);
}

/* Link types */

static const char *
link_type_label (CcItem *type)
{
  const char *label = cc_item_get_string (type, CC_LINK_TYPE_LABEL);

  return label != NULL && label[0] != '\0' ? label : cc_item_get_id (type);
}

static void
rebuild_type_model (CcInspector *self)
{
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
  if (self->project != NULL)
    {
      CcItem *root = cc_project_get_root (self->project);
      guint n = cc_item_get_n_children (root, CC_PROJECT_LINK_TYPES);

      for (guint i = 0; i < n; i++)
        {
          CcItem *type = cc_item_get_child (root, CC_PROJECT_LINK_TYPES, i);

          gtk_string_list_append (list, link_type_label (type));
          g_ptr_array_add (self->type_ids, g_strdup (cc_item_get_id (type)));
        }
    }
  /* A type this build does not know, kept as it is. */
  if (self->item != NULL && cc_item_get_kind (self->item) == CC_KIND_LINK)
    {
      const char *id = cc_item_get_string (self->item, CC_LINK_TYPE);

      if (id != NULL && id[0] != '\0'
          && !g_ptr_array_find_with_equal_func (self->type_ids, id, g_str_equal, NULL))
        {
          gtk_string_list_append (list, id);
          g_ptr_array_add (self->type_ids, g_strdup (id));
        }
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (list));
  self->updating = FALSE;
}

static void
link_type_commit_cb (CcInspector *self,
                     GtkWidget   *widget)
{
  CcItem *type = g_object_get_data (G_OBJECT (widget), "cc-item");
  const char *text;

  if (self->updating || type == NULL)
    return;
  if (ADW_IS_ENTRY_ROW (widget))
    {
      text = gtk_editable_get_text (GTK_EDITABLE (widget));
      if (text[0] == '\0')
        set_editable_text (GTK_EDITABLE (widget), link_type_label (type));
      else
        commit_string (self, type, CC_LINK_TYPE_LABEL, text);
    }
  else if (GTK_IS_COLOR_BUTTON (widget))
    {
      GdkRGBA rgba;
      g_autofree char *hex = NULL;

      gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (widget), &rgba);
      hex = rgba_to_hex (&rgba);
      commit_string (self, type, CC_LINK_TYPE_COLOR, hex);
    }
  else if (ADW_IS_COMBO_ROW (widget))
    {
      guint dash = adw_combo_row_get_selected (ADW_COMBO_ROW (widget));

      if (dash < CC_N_DASHES)
        commit_int (self, type, CC_LINK_TYPE_DASH, dash);
    }
}

static void
link_type_line_cb (GtkWidget   *row,
                   GParamSpec  *pspec,
                   CcInspector *self)
{
  link_type_commit_cb (self, row);
}

static void
link_type_focus_leave_cb (GtkEventController *controller,
                          CcInspector        *self)
{
  link_type_commit_cb (self, gtk_event_controller_get_widget (controller));
}

static void
update_link_type_row (CcInspector *self,
                      GtkWidget   *row)
{
  CcItem *type = g_object_get_data (G_OBJECT (row), "cc-item");
  GtkWidget *color = g_object_get_data (G_OBJECT (row), "cc-color");
  GtkWidget *dash = g_object_get_data (G_OBJECT (row), "cc-dash");

  const char *shown = g_object_get_data (G_OBJECT (row), "cc-shown");

  self->updating = TRUE;
  /* Not over what is being typed; but an undo shows, focused or not. */
  if ((!gtk_widget_has_focus (row) && gtk_widget_get_focus_child (row) == NULL)
      || g_strcmp0 (shown, gtk_editable_get_text (GTK_EDITABLE (row))) == 0)
    {
      set_editable_text (GTK_EDITABLE (row), link_type_label (type));
      g_object_set_data_full (G_OBJECT (row), "cc-shown", g_strdup (link_type_label (type)), g_free);
    }
  else if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), link_type_label (type)) == 0)
    g_object_set_data_full (G_OBJECT (row), "cc-shown", g_strdup (link_type_label (type)), g_free);
  set_color_button (GTK_COLOR_BUTTON (color), cc_item_get_string (type, CC_LINK_TYPE_COLOR), "#77767b");
  adw_combo_row_set_selected (ADW_COMBO_ROW (dash),
                              (guint) CLAMP (cc_item_get_int (type, CC_LINK_TYPE_DASH), 0, CC_N_DASHES - 1));
  self->updating = FALSE;
}

/* Two rows per type, so that long labels are not cut: the label with its
 * colour, then the line style under it. */
static GtkWidget *
create_link_type_row (CcInspector *self,
                      CcItem      *type,
                      GtkWidget  **dash_row)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *color = gtk_color_button_new ();
  g_autoptr(GtkStringList) dashes = create_label_model (dash_label, CC_N_DASHES);
  GtkWidget *dash = adw_combo_row_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_autofree char *type_label = cc_bidi_isolate (link_type_label (type));
  g_autofree char *tooltip = g_strdup_printf (_("Colour of “%s” links"), type_label);

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
  g_object_set_data_full (G_OBJECT (color), "cc-item", cc_item_ref (type), (GDestroyNotify) cc_item_unref);
  g_object_set_data_full (G_OBJECT (dash), "cc-item", cc_item_ref (type), (GDestroyNotify) cc_item_unref);
  update_link_type_row (self, row);

  g_signal_connect_object (row, "entry-activated", G_CALLBACK (link_type_commit_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (focus, "leave", G_CALLBACK (link_type_focus_leave_cb), self);
  gtk_widget_add_controller (row, focus);
  g_signal_connect_object (color, "color-set", G_CALLBACK (link_type_commit_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dash, "notify::selected", G_CALLBACK (link_type_line_cb), self, 0);
  return row;
}

static void
rebuild_link_types (CcInspector *self)
{
  GtkWidget *child;
  CcItem *root;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->link_types_list))) != NULL)
    gtk_list_box_remove (self->link_types_list, child);
  if (self->project == NULL)
    return;
  root = cc_project_get_root (self->project);
  n = cc_item_get_n_children (root, CC_PROJECT_LINK_TYPES);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *dash = NULL;

      gtk_list_box_append (self->link_types_list,
                           create_link_type_row (self, cc_item_get_child (root, CC_PROJECT_LINK_TYPES, i), &dash));
      gtk_list_box_append (self->link_types_list, dash);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->link_types_list), n > 0);
}

static void
add_link_type_cb (CcInspector *self)
{
  CcItem *type;
  GtkWidget *last;

  if (self->project == NULL)
    return;
  type = cc_item_new (CC_KIND_LINK_TYPE);
  cc_item_set_string (type, CC_LINK_TYPE_LABEL, _("New link type"));
  cc_item_set_string (type, CC_LINK_TYPE_COLOR, "#1c71d8");
  cc_item_set_int (type, CC_LINK_TYPE_DASH, CC_DASH_SOLID);
  /* The project takes it. */
  cc_project_insert (self->project, cc_project_get_root (self->project), CC_PROJECT_LINK_TYPES, -1, type);

  /* Ready to be named: the label row, above the new type's line row. */
  last = gtk_widget_get_last_child (GTK_WIDGET (self->link_types_list));
  if (last != NULL && gtk_widget_get_prev_sibling (last) != NULL)
    gtk_widget_grab_focus (gtk_widget_get_prev_sibling (last));
}

/* Showing the selection */

static void
select_in_combo (CcInspector *self,
                 AdwComboRow *row,
                 guint        index)
{
  if (adw_combo_row_get_selected (row) != index)
    adw_combo_row_set_selected (row, index);
}

/* Forces */

/* Whether @item is still in the project (not deleted, nor undone away). */
static gboolean
in_project (CcInspector *self,
            CcItem      *item)
{
  const char *id = cc_item_get_id (item);

  return id != NULL && cc_project_lookup (self->project, id) == item;
}

static gboolean
showing_force (CcInspector *self)
{
  return self->item != NULL && cc_item_get_kind (self->item) == CC_KIND_FORCE;
}

static CcSide
force_side (CcItem *force)
{
  return cc_item_get_int (force, CC_FORCE_SIDE) == CC_SIDE_RESISTING ? CC_SIDE_RESISTING : CC_SIDE_DRIVING;
}

static const char *
actor_name (CcItem *actor)
{
  const char *name = cc_item_get_string (actor, CC_ACTOR_NAME);

  return name != NULL && name[0] != '\0' ? name : cc_item_get_id (actor);
}

static int
compare_actor_names (gconstpointer a,
                     gconstpointer b)
{
  CcItem *x = *(CcItem * const *) a;
  CcItem *y = *(CcItem * const *) b;

  return g_utf8_collate (actor_name (x), actor_name (y));
}

/* "None", then the project's organisations by name. */
static void
rebuild_actor_model (CcInspector *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  gboolean was_updating = self->updating;

  g_ptr_array_set_size (self->actor_ids, 0);
  gtk_string_list_append (list, _("None"));
  g_ptr_array_add (self->actor_ids, g_strdup (""));
  if (self->project != NULL)
    {
      CcItem *root = cc_project_get_root (self->project);
      GPtrArray *children = cc_item_get_children (root, CC_PROJECT_ACTORS);
      g_autoptr(GPtrArray) actors = g_ptr_array_sized_new (children->len);

      for (guint i = 0; i < children->len; i++)
        g_ptr_array_add (actors, children->pdata[i]);
      g_ptr_array_sort (actors, compare_actor_names);
      for (guint i = 0; i < actors->len; i++)
        {
          gtk_string_list_append (list, actor_name (actors->pdata[i]));
          g_ptr_array_add (self->actor_ids, g_strdup (cc_item_get_id (actors->pdata[i])));
        }
    }
  /* An organisation this build cannot find, kept as it is. */
  if (showing_force (self))
    {
      const char *id = cc_item_get_string (self->item, CC_FORCE_ACTOR);

      if (id != NULL && id[0] != '\0'
          && !g_ptr_array_find_with_equal_func (self->actor_ids, id, g_str_equal, NULL))
        {
          gtk_string_list_append (list, id);
          g_ptr_array_add (self->actor_ids, g_strdup (id));
        }
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->force_actor_row, G_LIST_MODEL (list));
  adw_combo_row_set_model (self->card_actor_row, G_LIST_MODEL (list));
  self->updating = was_updating;
}

/* Marks the due date as one that is not a date, or as fine. */
static void
set_due_invalid (CcInspector *self,
                 gboolean     invalid)
{
  GtkWidget *row = GTK_WIDGET (self->force_due_row);

  if (invalid)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, _("Not a date: write it as year-month-day, such as 2026-09-30"));
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, _("The date the action is due, as year-month-day"));
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* What turning a planned strength on starts from: where the action points. */
static int
default_planned (CcItem *force)
{
  int strength = (int) CLAMP (cc_item_get_int (force, CC_FORCE_STRENGTH),
                              CC_FORCE_MIN_STRENGTH, CC_FORCE_MAX_STRENGTH);

  switch (cc_item_get_int (force, CC_FORCE_ACTION))
    {
    case CC_ACTION_STRENGTHEN:
      return MIN (strength + 1, CC_FORCE_MAX_STRENGTH);
    case CC_ACTION_WEAKEN:
      return strength - 1;
    case CC_ACTION_REMOVE:
      return 0;
    default:
      return strength;
    }
}

static void
score_value_changed_cb (GtkSpinButton *spin,
                        CcInspector   *self)
{
  CcItem *score = g_object_get_data (G_OBJECT (spin), "cc-item");

  if (self->updating || !showing_force (self) || score == NULL || cc_item_get_parent (score) != self->item)
    return;
  cc_forcefield_set_score (self->project, self->item, cc_item_get_string (score, CC_SCORE_PARTICIPANT),
                           gtk_spin_button_get_value_as_int (spin));
}

static void
score_remove_clicked_cb (GtkButton   *button,
                         CcInspector *self)
{
  CcItem *score = g_object_get_data (G_OBJECT (button), "cc-item");

  if (self->updating || !showing_force (self) || score == NULL || cc_item_get_parent (score) != self->item)
    return;
  cc_forcefield_remove_score (self->project, self->item, cc_item_get_string (score, CC_SCORE_PARTICIPANT));
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
create_score_row (CcInspector *self,
                  CcItem      *score)
{
  g_autofree char *participant = participant_title (score);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (CC_FORCE_MIN_STRENGTH, CC_FORCE_MAX_STRENGTH, 1);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *who = cc_bidi_isolate (participant);
  g_autofree char *spin_label = g_strdup_printf (_("Score of “%s”"), who);
  g_autofree char *remove_label = g_strdup_printf (_("Remove the Score of “%s”"), who);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), participant);
  gtk_widget_add_css_class (row, "cc-score-row");

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), CLAMP (cc_item_get_int (score, CC_SCORE_VALUE), 1, 5));
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
  g_object_set_data_full (G_OBJECT (spin), "cc-item", cc_item_ref (score), (GDestroyNotify) cc_item_unref);
  g_object_set_data_full (G_OBJECT (remove), "cc-item", cc_item_ref (score), (GDestroyNotify) cc_item_unref);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (score_value_changed_cb), self, 0);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (score_remove_clicked_cb), self, 0);
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
update_scores (CcInspector *self)
{
  GPtrArray *scores = cc_item_get_children (self->item, CC_FORCE_SCORES);
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
          CcItem *score = scores->pdata[i];
          GtkSpinButton *spin = g_object_get_data (rows->pdata[i], "cc-spin");
          g_autofree char *title = participant_title (score);

          adw_preferences_row_set_title (rows->pdata[i], title);
          if (gtk_spin_button_get_value_as_int (spin) != cc_item_get_int (score, CC_SCORE_VALUE))
            gtk_spin_button_set_value (spin, CLAMP (cc_item_get_int (score, CC_SCORE_VALUE), 1, 5));
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

  cc_force_score_stats (self->item, &stats);
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
update_force_fields (CcInspector *self)
{
  CcItem *force = self->item;
  const char *actor = cc_item_get_string (force, CC_FORCE_ACTOR);  /* "" for none */
  gint64 planned = cc_item_get_int (force, CC_FORCE_PLANNED);
  guint index = GTK_INVALID_LIST_POSITION;
  CcScoreStats stats;

  cc_force_score_stats (force, &stats);

  /* In full, however long: the entry below may have to scroll it. */
  gtk_label_set_text (self->force_heading, cc_item_get_string (force, CC_FORCE_LABEL));
  show_text (GTK_WIDGET (self->force_label_row), cc_item_get_string (force, CC_FORCE_LABEL));
  select_in_combo (self, self->force_side_row, force_side (force));
  gtk_spin_button_set_value (self->force_strength_spin,
                             CLAMP (cc_item_get_int (force, CC_FORCE_STRENGTH), 1, 5));
  gtk_widget_set_sensitive (GTK_WIDGET (self->force_strength_spin), stats.n == 0);
  adw_action_row_set_subtitle (self->force_strength_row,
                               stats.n == 0 ? _("From 1, weak, to 5, strong")
                                            : _("The median of the scores below"));

  for (guint i = 0; i < self->actor_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->actor_ids, i), actor) == 0)
      index = i;
  if (index == GTK_INVALID_LIST_POSITION)
    {
      rebuild_actor_model (self);
      for (guint i = 0; i < self->actor_ids->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->actor_ids, i), actor) == 0)
          index = i;
    }
  select_in_combo (self, self->force_actor_row, index);

  show_text (GTK_WIDGET (self->force_notes), cc_item_get_string (force, CC_FORCE_NOTES));
  select_in_combo (self, self->force_action_row,
                   (guint) CLAMP (cc_item_get_int (force, CC_FORCE_ACTION), 0, CC_N_ACTIONS - 1));
  show_text (GTK_WIDGET (self->force_plan_row), cc_item_get_string (force, CC_FORCE_PLAN));
  show_text (GTK_WIDGET (self->force_owner_row), cc_item_get_string (force, CC_FORCE_OWNER));
  if (show_text (GTK_WIDGET (self->force_due_row), cc_item_get_string (force, CC_FORCE_DUE)))
    set_due_invalid (self, FALSE);

  gtk_switch_set_active (self->force_has_planned_switch, planned >= 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->force_planned_row), planned >= 0);
  gtk_spin_button_set_value (self->force_planned_spin,
                             planned >= 0 ? MIN (planned, CC_FORCE_MAX_STRENGTH) : default_planned (force));

  update_scores (self);
}

/* Force fields */

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
update_forcefield_fields (CcInspector *self)
{
  CcItem *sheet = self->forcefield;
  gboolean plans = cc_forcefield_has_plans (sheet);
  g_autofree char *balance = NULL;
  int driving, resisting;

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

  show_text (GTK_WIDGET (self->change_text), cc_item_get_string (sheet, CC_FORCEFIELD_CHANGE));
  show_text (GTK_WIDGET (self->current_text), cc_item_get_string (sheet, CC_FORCEFIELD_CURRENT));
  show_text (GTK_WIDGET (self->desired_text), cc_item_get_string (sheet, CC_FORCEFIELD_DESIRED));
  select_in_combo (self, self->orientation_row,
                   (guint) CLAMP (cc_item_get_int (sheet, CC_FORCEFIELD_ORIENTATION), 0, CC_N_ORIENTATIONS - 1));
  select_in_combo (self, self->view_row,
                   (guint) CLAMP (cc_item_get_int (sheet, CC_FORCEFIELD_VIEW), 0, CC_N_VIEWS - 1));
}

/* Several forces: the side and the strength they share. */
static void
update_multi_forces (CcInspector *self)
{
  guint side = GTK_INVALID_LIST_POSITION;
  int lowest = G_MAXINT, highest = G_MININT, first_free = 0;
  guint n_scored = 0;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < self->forces->len; i++)
    {
      CcItem *force = self->forces->pdata[i];
      int strength = (int) cc_item_get_int (force, CC_FORCE_STRENGTH);

      if (i == 0)
        side = force_side (force);
      else if (force_side (force) != side)
        side = GTK_INVALID_LIST_POSITION;
      lowest = MIN (lowest, strength);
      highest = MAX (highest, strength);
      if (cc_item_get_n_children (force, CC_FORCE_SCORES) > 0)
        n_scored++;
      else if (first_free == 0)
        first_free = strength;
    }

  select_in_combo (self, self->multi_side_row, side);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->multi_side_row),
                               side == GTK_INVALID_LIST_POSITION ? _("Mixed") : "");

  gtk_spin_button_set_value (self->multi_strength_spin, CLAMP (first_free != 0 ? first_free : lowest, 1, 5));
  gtk_widget_set_sensitive (GTK_WIDGET (self->multi_strength_spin), n_scored < self->forces->len);
  if (n_scored == self->forces->len)
    subtitle = g_strdup (_("Each is the median of its scores"));
  else if (n_scored > 0 && lowest != highest)
    subtitle = g_strdup_printf (_("Mixed, from %d to %d; forces with scores keep their median"), lowest, highest);
  else if (n_scored > 0)
    subtitle = g_strdup (_("Forces with scores keep their median"));
  else if (lowest != highest)
    subtitle = g_strdup_printf (_("Mixed, from %d to %d"), lowest, highest);
  adw_action_row_set_subtitle (self->multi_strength_row, subtitle != NULL ? subtitle : "");
}

/* The forces that name the organisation shown, on any force field. */
static void
rebuild_actor_forces (CcInspector *self)
{
  g_autoptr(GPtrArray) forces = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actor_forces_list))) != NULL)
    gtk_list_box_remove (self->actor_forces_list, child);
  if (self->actor == NULL || self->project == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->actor_forces_group), FALSE);
      return;
    }

  forces = cc_project_forces_naming (self->project, self->actor);
  for (guint i = 0; i < forces->len; i++)
    {
      CcItem *force = forces->pdata[i];
      CcItem *sheet = cc_item_get_sheet (force);
      g_autofree char *title = cc_bidi_isolate (sheet != NULL ? cc_item_get_string (sheet, CC_FORCEFIELD_TITLE) : "");
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
      g_autofree char *subtitle = g_strdup_printf (force_side (force) == CC_SIDE_RESISTING
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

/* Forgets what the text fields of the force pages showed: the next item
 * shown fills them afresh. */
static void
forget_shown_texts (CcInspector *self)
{
  GtkWidget *widgets[] = {
    GTK_WIDGET (self->force_label_row), GTK_WIDGET (self->force_notes), GTK_WIDGET (self->force_plan_row),
    GTK_WIDGET (self->force_owner_row), GTK_WIDGET (self->force_due_row), GTK_WIDGET (self->change_text),
    GTK_WIDGET (self->current_text), GTK_WIDGET (self->desired_text),
  };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    g_object_set_data (G_OBJECT (widgets[i]), "cc-shown", NULL);
  set_due_invalid (self, FALSE);
}

/* Power or interest: the value, or "not placed" while it has none. */
static void
show_measure (AdwActionRow *row, GtkSpinButton *spin, double value, const char *what)
{
  g_autofree char *subtitle = NULL;

  if (value < 0)
    subtitle = g_strdup_printf (_("%s; not yet placed on a grid"), what);
  adw_action_row_set_subtitle (row, subtitle != NULL ? subtitle : what);
  gtk_spin_button_set_value (spin, value < 0 ? 5 : value);
}

static void
update_fields (CcInspector *self)
{
  g_autofree char *tags = NULL;

  self->updating = TRUE;

  if (self->item != NULL && cc_item_get_kind (self->item) == CC_KIND_CARD)
    {
      const char *actor = cc_item_get_string (self->item, CC_CARD_ACTOR);
      guint index = 0;

      show_text (GTK_WIDGET (self->card_text), cc_item_get_string (self->item, CC_CARD_TEXT));
      set_color_button (self->card_color_button, cc_item_get_string (self->item, CC_CARD_COLOR), "#fff1a8");
      gtk_spin_button_set_value (self->card_score_spin, CLAMP (cc_item_get_int (self->item, CC_CARD_SCORE), 0, 5));
      for (guint i = 0; i < self->actor_ids->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->actor_ids, i), actor) == 0)
          index = i;
      select_in_combo (self, self->card_actor_row, index);
    }

  if (self->actor != NULL)
    {
      set_editable_text (GTK_EDITABLE (self->name_row), cc_item_get_string (self->actor, CC_ACTOR_NAME));
      select_in_combo (self, self->sector_row, (guint) cc_item_get_int (self->actor, CC_ACTOR_SECTOR));
      select_in_combo (self, self->kind_row, (guint) cc_item_get_int (self->actor, CC_ACTOR_KIND));
      gtk_switch_set_active (self->umbrella_switch, cc_item_get_bool (self->actor, CC_ACTOR_UMBRELLA));
      gtk_spin_button_set_value (self->influence_spin,
                                 CLAMP (cc_item_get_int (self->actor, CC_ACTOR_INFLUENCE), 0, 10));
      show_measure (self->power_row, self->power_spin, cc_item_get_double (self->actor, CC_ACTOR_POWER),
                    _("Over the partnership, from 0 to 10"));
      show_measure (self->interest_row, self->interest_spin, cc_item_get_double (self->actor, CC_ACTOR_INTEREST),
                    _("In the partnership, from 0 to 10"));
      tags = join_tags (cc_item_get_strv (self->actor, CC_ACTOR_TAGS));
      set_editable_text (GTK_EDITABLE (self->tags_row), tags);
      set_text_view_text (self->actor_notes, cc_item_get_string (self->actor, CC_ACTOR_NOTES));
    }
  else if (self->item != NULL && cc_item_get_kind (self->item) == CC_KIND_LINK)
    {
      const char *type = cc_item_get_string (self->item, CC_LINK_TYPE);
      guint index = GTK_INVALID_LIST_POSITION;

      for (guint i = 0; i < self->type_ids->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->type_ids, i), type) == 0)
          index = i;
      if (index == GTK_INVALID_LIST_POSITION)
        {
          rebuild_type_model (self);
          self->updating = TRUE;
          for (guint i = 0; i < self->type_ids->len; i++)
            if (g_strcmp0 (g_ptr_array_index (self->type_ids, i), type) == 0)
              index = i;
        }
      select_in_combo (self, self->type_row, index);
      gtk_spin_button_set_value (self->strength_spin,
                                 CLAMP (cc_item_get_int (self->item, CC_LINK_STRENGTH), 1, 5));
      gtk_switch_set_active (self->directed_switch, cc_item_get_bool (self->item, CC_LINK_DIRECTED));
      select_in_combo (self, self->stage_row,
                       (guint) CLAMP (cc_item_get_int (self->item, CC_LINK_STAGE), 0, CC_N_STAGES - 1));
      set_editable_text (GTK_EDITABLE (self->link_label_row), cc_item_get_string (self->item, CC_LINK_LABEL));
      set_text_view_text (self->link_notes, cc_item_get_string (self->item, CC_LINK_NOTES));
    }
  else if (self->item != NULL && cc_item_get_kind (self->item) == CC_KIND_GROUP)
    {
      set_editable_text (GTK_EDITABLE (self->group_title_row), cc_item_get_string (self->item, CC_GROUP_TITLE));
      set_color_button (self->group_color_button, cc_item_get_string (self->item, CC_GROUP_COLOR), "#c0bfbc");
    }
  else if (showing_force (self))
    update_force_fields (self);
  else if (self->forcefield != NULL)
    update_forcefield_fields (self);
  else if (self->nodes != NULL)
    {
      guint common = GTK_INVALID_LIST_POSITION;

      for (guint i = 0; i < self->nodes->len; i++)
        {
          CcItem *actor = cc_project_get_node_actor (self->project, g_ptr_array_index (self->nodes, i));
          guint sector = actor != NULL ? (guint) cc_item_get_int (actor, CC_ACTOR_SECTOR) : GTK_INVALID_LIST_POSITION;

          if (i == 0)
            common = sector;
          else if (sector != common)
            common = GTK_INVALID_LIST_POSITION;
        }
      select_in_combo (self, self->multi_sector_row, common);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->multi_sector_row),
                                   common == GTK_INVALID_LIST_POSITION ? _("Mixed") : "");
    }
  if (self->forces != NULL && self->forces->len > 0)
    update_multi_forces (self);

  self->updating = FALSE;
}

static void
clear_shown (CcInspector *self)
{
  g_clear_pointer (&self->item, cc_item_unref);
  g_clear_pointer (&self->actor, cc_item_unref);
  g_clear_pointer (&self->forcefield, cc_item_unref);
  g_clear_pointer (&self->nodes, g_ptr_array_unref);
  g_clear_pointer (&self->forces, g_ptr_array_unref);
}

static void
refresh (CcInspector *self)
{
  guint n = self->selection != NULL ? cc_selection_get_n_items (self->selection) : 0;
  CcItem *single = n == 1 ? cc_selection_get_single (self->selection) : NULL;
  CcItem *sheet = self->selection != NULL ? cc_selection_get_sheet (self->selection) : NULL;
  const char *page = "empty";

  clear_shown (self);
  forget_shown_texts (self);

  if (single != NULL && self->project != NULL)
    {
      switch (cc_item_get_kind (single))
        {
        case CC_KIND_NODE:
          self->item = cc_item_ref (single);
          self->actor = cc_project_get_node_actor (self->project, single);
          if (self->actor != NULL)
            {
              cc_item_ref (self->actor);
              page = "actor";
            }
          break;
        case CC_KIND_LINK:
          self->item = cc_item_ref (single);
          rebuild_type_model (self);
          page = "link";
          break;
        case CC_KIND_GROUP:
          self->item = cc_item_ref (single);
          page = "group";
          break;
        case CC_KIND_FORCE:
          self->item = cc_item_ref (single);
          rebuild_actor_model (self);
          page = "force";
          break;
        case CC_KIND_CARD:
          self->item = cc_item_ref (single);
          /* On a grid, a card about an organisation is the organisation:
           * its power and interest are where the card stands. */
          {
            g_autoptr(CcTemplate) tmpl = cc_canvas_get_template (cc_item_get_sheet (single));
            CcItem *actor = cc_project_lookup (self->project, cc_item_get_string (single, CC_CARD_ACTOR));

            if (cc_template_is_grid (tmpl) && actor != NULL && cc_item_get_kind (actor) == CC_KIND_ACTOR)
              {
                self->actor = cc_item_ref (actor);
                page = "actor";
                break;
              }
          }
          rebuild_actor_model (self);
          page = "card";
          break;
        default:
          break;
        }
    }
  else if (n > 1)
    {
      g_autofree char *text = NULL;

      self->nodes = cc_selection_get_of_kind (self->selection, CC_KIND_NODE);
      self->forces = cc_selection_get_of_kind (self->selection, CC_KIND_FORCE);
      if (self->forces->len == n)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u force selected", "%u forces selected", n), n);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item selected", "%u items selected", n), n);
      gtk_label_set_text (self->multi_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->multi_group), self->nodes->len > 0);
      gtk_widget_set_visible (GTK_WIDGET (self->multi_forces_group), self->forces->len > 0);
      page = "multi";
    }
  else if (n == 0 && sheet != NULL && self->project != NULL && cc_item_get_kind (sheet) == CC_KIND_FORCEFIELD)
    {
      self->forcefield = cc_item_ref (sheet);
      page = "forcefield";
    }

  if (g_str_equal (page, "empty"))
    {
      CcKind kind = sheet != NULL ? cc_item_get_kind (sheet) : CC_KIND_PROJECT;
      gboolean newer = kind == CC_KIND_NEWER_SHEET;
      const char *hint;

      /* What applies to this kind of sheet, and nothing else. */
      if (newer)
        hint = _("A newer Concord made this sheet. It is kept as it is, and nothing on it can be edited here");
      else if (single != NULL)
        hint = _("There is nothing more to edit about this item here");
      else if (kind == CC_KIND_CANVAS)
        hint = _("Select a card to edit its text, colour and score, and the organisation it is about");
      else if (kind == CC_KIND_MAP)
        hint = _("Select an organisation, link or group to see its details");
      else
        hint = _("Add a sheet with + in the list of sheets");
      gtk_image_set_from_icon_name (self->hint_image,
                                    newer ? "concord-newer-sheet-symbolic" : "edit-select-all-symbolic");
      gtk_label_set_text (self->hint_label, hint);
      /* Link types belong to maps. */
      gtk_widget_set_visible (GTK_WIDGET (self->link_types_group), kind == CC_KIND_MAP);
      rebuild_link_types (self);
    }
  rebuild_actor_forces (self);

  gtk_stack_set_visible_child_name (self->stack, page);
  update_fields (self);
}

/* Callbacks */

/* Whether @change adds, removes or renames an organisation. */
static gboolean
changes_actors (CcInspector *self,
                CcChange    *change)
{
  if (change->type == CC_CHANGE_SET)
    return cc_item_get_kind (change->item) == CC_KIND_ACTOR && change->field == CC_ACTOR_NAME;
  return change->parent == cc_project_get_root (self->project) && change->slot == CC_PROJECT_ACTORS;
}

/* Whether @change may change which forces name an organisation, or how. */
static gboolean
changes_forces (CcChange *change)
{
  CcKind kind = cc_item_get_kind (change->item);

  if (change->type != CC_CHANGE_SET)
    return kind == CC_KIND_FORCE || kind == CC_KIND_FORCEFIELD;
  return (kind == CC_KIND_FORCE
          && (change->field == CC_FORCE_ACTOR || change->field == CC_FORCE_LABEL || change->field == CC_FORCE_SIDE))
         || (kind == CC_KIND_FORCEFIELD && change->field == CC_FORCEFIELD_TITLE);
}

static void
project_changed_cb (CcInspector *self,
                    CcChange    *change)
{
  CcItem *root = cc_project_get_root (self->project);

  /* The force pages show sums and medians over many items: they follow
   * every change, which is cheap. */
  if (showing_force (self))
    {
      if (changes_actors (self, change))
        rebuild_actor_model (self);
      update_fields (self);
      return;
    }
  if (self->forcefield != NULL || (self->forces != NULL && self->forces->len > 0))
    {
      update_fields (self);
      return;
    }
  if (self->actor != NULL && changes_forces (change))
    rebuild_actor_forces (self);

  if (change->type == CC_CHANGE_SET)
    {
      if (cc_item_get_kind (change->item) == CC_KIND_LINK_TYPE)
        {
          for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->link_types_list));
               row != NULL;
               row = gtk_widget_get_next_sibling (row))
            if (ADW_IS_ENTRY_ROW (row) && g_object_get_data (G_OBJECT (row), "cc-item") == change->item)
              update_link_type_row (self, row);
          if (self->item != NULL && cc_item_get_kind (self->item) == CC_KIND_LINK
              && change->field == CC_LINK_TYPE_LABEL)
            {
              rebuild_type_model (self);
              update_fields (self);
            }
          return;
        }
      if (change->item == self->item || change->item == self->actor)
        {
          /* A node now standing for another actor. */
          if (change->item == self->item && cc_item_get_kind (change->item) == CC_KIND_NODE
              && change->field == CC_NODE_ACTOR)
            refresh (self);
          else
            update_fields (self);
          return;
        }
      if (self->nodes != NULL && cc_item_get_kind (change->item) == CC_KIND_ACTOR)
        update_fields (self);
      return;
    }

  if (change->parent == root && change->slot == CC_PROJECT_LINK_TYPES)
    {
      rebuild_link_types (self);
      if (self->item != NULL && cc_item_get_kind (self->item) == CC_KIND_LINK)
        {
          rebuild_type_model (self);
          update_fields (self);
        }
    }
}

static void
set_project (CcInspector *self,
             CcProject   *project)
{
  if (project == self->project)
    return;
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (project_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
selection_changed_cb (CcInspector *self)
{
  /* What was typed for the item shown goes to that item. */
  cc_inspector_commit (self);
  set_project (self, cc_selection_get_project (self->selection));
  refresh (self);
}

static void
text_commit_cb (CcInspector *self)
{
  if (!self->updating)
    cc_inspector_commit (self);
}

static void
combo_changed_cb (CcInspector *self,
                  GParamSpec  *pspec,
                  AdwComboRow *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || self->project == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (row == self->sector_row)
    commit_int (self, self->actor, CC_ACTOR_SECTOR, selected);
  else if (row == self->kind_row)
    commit_int (self, self->actor, CC_ACTOR_KIND, selected);
  else if (row == self->stage_row)
    commit_int (self, self->item, CC_LINK_STAGE, selected);
  else if (row == self->type_row && selected < self->type_ids->len)
    commit_string (self, self->item, CC_LINK_TYPE, g_ptr_array_index (self->type_ids, selected));
  else if (row == self->force_side_row && showing_force (self) && selected < CC_N_SIDES)
    {
      /* To the end of the other side, as one step. */
      if (selected != force_side (self->item))
        cc_forcefield_move_force (self->project, self->item, selected, -1);
    }
  else if (row == self->card_actor_row && self->item != NULL && cc_item_get_kind (self->item) == CC_KIND_CARD
           && selected < self->actor_ids->len)
    commit_string_as (self, self->item, CC_CARD_ACTOR, g_ptr_array_index (self->actor_ids, selected),
                      _("Change Organisation of Card"));
  else if (row == self->force_actor_row && showing_force (self) && selected < self->actor_ids->len)
    commit_string_as (self, self->item, CC_FORCE_ACTOR, g_ptr_array_index (self->actor_ids, selected),
                      _("Change Organisation of Force"));
  else if (row == self->force_action_row && showing_force (self) && selected < CC_N_ACTIONS)
    commit_int_as (self, self->item, CC_FORCE_ACTION, selected, _("Change Action"));
  else if (row == self->orientation_row && self->forcefield != NULL && selected < CC_N_ORIENTATIONS)
    commit_int_as (self, self->forcefield, CC_FORCEFIELD_ORIENTATION, selected, _("Change Orientation"));
  else if (row == self->view_row && self->forcefield != NULL && selected < CC_N_VIEWS)
    commit_int_as (self, self->forcefield, CC_FORCEFIELD_VIEW, selected,
                   selected == CC_VIEW_PLANNED ? _("Show After the Plan") : _("Show Now"));
  else if (row == self->multi_side_row && self->forces != NULL && selected < CC_N_SIDES)
    {
      cc_project_begin_group (self->project, _("Move Forces Across"));
      for (guint i = 0; i < self->forces->len; i++)
        if (force_side (self->forces->pdata[i]) != selected)
          cc_forcefield_move_force (self->project, self->forces->pdata[i], selected, -1);
      cc_project_end_group (self->project);
    }
  else if (row == self->multi_sector_row && self->nodes != NULL)
    {
      g_autoptr(GPtrArray) actors = g_ptr_array_new ();

      for (guint i = 0; i < self->nodes->len; i++)
        {
          CcItem *actor = cc_project_get_node_actor (self->project, g_ptr_array_index (self->nodes, i));

          if (actor != NULL && cc_item_get_int (actor, CC_ACTOR_SECTOR) != selected
              && !g_ptr_array_find (actors, actor, NULL))
            g_ptr_array_add (actors, actor);
        }
      if (actors->len == 0)
        return;
      cc_project_begin_group (self->project, _("Change Sector"));
      for (guint i = 0; i < actors->len; i++)
        cc_project_set_int (self->project, g_ptr_array_index (actors, i), CC_ACTOR_SECTOR, selected);
      cc_project_end_group (self->project);
    }
}

static void
switch_changed_cb (CcInspector *self,
                   GParamSpec  *pspec,
                   GtkSwitch   *widget)
{
  if (self->updating)
    return;
  if (widget == self->umbrella_switch)
    commit_bool (self, self->actor, CC_ACTOR_UMBRELLA, gtk_switch_get_active (widget));
  else if (widget == self->directed_switch)
    commit_bool (self, self->item, CC_LINK_DIRECTED, gtk_switch_get_active (widget));
  else if (widget == self->force_has_planned_switch && showing_force (self))
    {
      gboolean has = cc_item_get_int (self->item, CC_FORCE_PLANNED) >= 0;

      if (gtk_switch_get_active (widget) && !has)
        commit_int_as (self, self->item, CC_FORCE_PLANNED, default_planned (self->item), _("Plan Strength"));
      else if (!gtk_switch_get_active (widget) && has)
        commit_int_as (self, self->item, CC_FORCE_PLANNED, -1, _("Remove Planned Strength"));
    }
}

static void
spin_changed_cb (CcInspector   *self,
                 GtkSpinButton *spin)
{
  if (self->updating)
    return;
  if (spin == self->influence_spin)
    commit_int (self, self->actor, CC_ACTOR_INFLUENCE, gtk_spin_button_get_value_as_int (spin));
  else if ((spin == self->power_spin || spin == self->interest_spin) && self->actor != NULL)
    {
      guint field = spin == self->power_spin ? CC_ACTOR_POWER : CC_ACTOR_INTEREST;

      if (fabs (cc_item_get_double (self->actor, field) - gtk_spin_button_get_value (spin)) > 1e-9)
        cc_actor_set_measure (self->project, self->actor, field, gtk_spin_button_get_value (spin));
    }
  else if (spin == self->strength_spin)
    commit_int (self, self->item, CC_LINK_STRENGTH, gtk_spin_button_get_value_as_int (spin));
  else if (spin == self->force_strength_spin && showing_force (self)
           && cc_item_get_n_children (self->item, CC_FORCE_SCORES) == 0)
    commit_int_as (self, self->item, CC_FORCE_STRENGTH, gtk_spin_button_get_value_as_int (spin),
                   _("Change Strength"));
  else if (spin == self->force_planned_spin && showing_force (self)
           && cc_item_get_int (self->item, CC_FORCE_PLANNED) >= 0)
    commit_int_as (self, self->item, CC_FORCE_PLANNED, gtk_spin_button_get_value_as_int (spin),
                   _("Plan Strength"));
  else if (spin == self->card_score_spin && self->item != NULL && cc_item_get_kind (self->item) == CC_KIND_CARD)
    commit_int_as (self, self->item, CC_CARD_SCORE, gtk_spin_button_get_value_as_int (spin), _("Score Card"));
  else if (spin == self->multi_strength_spin && self->forces != NULL)
    {
      int value = gtk_spin_button_get_value_as_int (spin);

      /* A force with scores keeps their median. */
      cc_project_begin_group (self->project, _("Change Strength"));
      for (guint i = 0; i < self->forces->len; i++)
        if (cc_item_get_n_children (self->forces->pdata[i], CC_FORCE_SCORES) == 0)
          commit_int (self, self->forces->pdata[i], CC_FORCE_STRENGTH, value);
      cc_project_end_group (self->project);
    }
}

static void
add_score_cb (CcInspector *self)
{
  g_autofree char *participant = NULL;

  if (self->updating || !showing_force (self))
    return;
  participant = get_stripped_text (GTK_EDITABLE (self->add_score_row));
  /* Without a name, the participant gets the next number. */
  cc_forcefield_set_score (self->project, self->item, participant,
                           gtk_spin_button_get_value_as_int (self->add_score_spin));
  gtk_editable_set_text (GTK_EDITABLE (self->add_score_row), "");
}

static void
due_changed_cb (CcInspector *self)
{
  g_autofree char *text = NULL;

  if (self->updating || !gtk_widget_has_css_class (GTK_WIDGET (self->force_due_row), "error"))
    return;
  /* Put right, it is no longer marked. */
  text = get_stripped_text (GTK_EDITABLE (self->force_due_row));
  if (text[0] == '\0' || cc_date_is_valid (text))
    set_due_invalid (self, FALSE);
}

static void
actor_force_activated_cb (CcInspector   *self,
                          GtkListBoxRow *row)
{
  CcItem *force = g_object_get_data (G_OBJECT (row), "cc-item");

  if (force != NULL)
    g_signal_emit (self, signals[SIGNAL_SHOW_ITEM], 0, force);
}

static void
color_set_cb (CcInspector    *self,
              GtkColorButton *button)
{
  GdkRGBA rgba;
  g_autofree char *hex = NULL;

  if (self->updating || self->item == NULL)
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  hex = rgba_to_hex (&rgba);
  if (cc_item_get_kind (self->item) == CC_KIND_GROUP && button == self->group_color_button)
    commit_string (self, self->item, CC_GROUP_COLOR, hex);
  else if (cc_item_get_kind (self->item) == CC_KIND_CARD && button == self->card_color_button)
    commit_string_as (self, self->item, CC_CARD_COLOR, hex, _("Colour Card"));
}

/* Virtual functions */

static void
cc_inspector_dispose (GObject *object)
{
  CcInspector *self = CC_INSPECTOR (object);
  GtkWidget *child;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  set_project (self, NULL);
  clear_shown (self);
  g_clear_pointer (&self->type_ids, g_ptr_array_unref);
  g_clear_pointer (&self->actor_ids, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_INSPECTOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cc_inspector_parent_class)->dispose (object);
}

static void
cc_inspector_class_init (CcInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_inspector_dispose;

  /**
   * CcInspector::show-item:
   * @inspector: the inspector
   * @item: (type gpointer): the CcItem to show, a force
   *
   * Emitted when the user asks to see an item of another sheet, such as a
   * force listed on an organisation's page. The window shows the item's
   * sheet and selects it.
   */
  signals[SIGNAL_SHOW_ITEM] = g_signal_new ("show-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/cc-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, CcInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, hint_image);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, hint_label);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, link_types_group);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, link_types_list);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, add_link_type_button);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, name_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, sector_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, umbrella_switch);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, influence_spin);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, power_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, power_spin);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, interest_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, interest_spin);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, tags_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, actor_notes);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, type_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, strength_spin);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, directed_switch);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, stage_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, link_label_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, link_notes);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, group_title_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, group_color_button);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, multi_label);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, multi_group);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, multi_sector_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, actor_forces_group);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, actor_forces_list);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, multi_forces_group);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, multi_side_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, multi_strength_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, multi_strength_spin);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, force_heading);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, force_label_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, force_side_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, force_strength_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, force_strength_spin);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, force_actor_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, card_text);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, card_color_button);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, card_score_spin);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, card_actor_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, force_notes);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, force_action_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, force_plan_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, force_owner_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, force_due_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, force_has_planned_switch);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, force_planned_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, force_planned_spin);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, scores_group);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, scores_list);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, score_summary_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, score_warning_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, add_score_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, add_score_spin);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, add_score_button);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, driving_total_label);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, resisting_total_label);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, balance_label);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, planned_group);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, planned_driving_label);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, planned_resisting_label);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, planned_balance_label);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, change_text);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, current_text);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, desired_text);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, orientation_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, view_row);
  gtk_widget_class_bind_template_callback (widget_class, text_commit_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_score_cb);
  gtk_widget_class_bind_template_callback (widget_class, due_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, actor_force_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, combo_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, switch_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, color_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_link_type_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inspector");
}

static void
cc_inspector_init (CcInspector *self)
{
  g_autoptr(GtkStringList) sectors = NULL;
  g_autoptr(GtkStringList) kinds = NULL;
  g_autoptr(GtkStringList) stages = NULL;
  g_autoptr(GtkStringList) multi_sectors = NULL;
  g_autoptr(GtkStringList) sides = NULL;
  g_autoptr(GtkStringList) multi_sides = NULL;
  g_autoptr(GtkStringList) actions = NULL;
  g_autoptr(GtkStringList) orientations = NULL;
  g_autoptr(GtkStringList) views = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->type_ids = g_ptr_array_new_with_free_func (g_free);
  self->actor_ids = g_ptr_array_new_with_free_func (g_free);

  self->updating = TRUE;
  sectors = create_label_model (sector_label, CC_N_SECTORS);
  multi_sectors = create_label_model (sector_label, CC_N_SECTORS);
  kinds = create_label_model (actor_kind_label, CC_N_ACTOR_KINDS);
  stages = create_label_model (stage_label, CC_N_STAGES);
  adw_combo_row_set_model (self->sector_row, G_LIST_MODEL (sectors));
  adw_combo_row_set_model (self->multi_sector_row, G_LIST_MODEL (multi_sectors));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_model (self->stage_row, G_LIST_MODEL (stages));
  sides = create_label_model (side_label, CC_N_SIDES);
  multi_sides = create_label_model (side_label, CC_N_SIDES);
  actions = create_label_model (action_label, CC_N_ACTIONS);
  orientations = create_label_model (orientation_label, CC_N_ORIENTATIONS);
  views = create_label_model (view_label, CC_N_VIEWS);
  adw_combo_row_set_model (self->force_side_row, G_LIST_MODEL (sides));
  adw_combo_row_set_model (self->multi_side_row, G_LIST_MODEL (multi_sides));
  adw_combo_row_set_model (self->force_action_row, G_LIST_MODEL (actions));
  adw_combo_row_set_model (self->orientation_row, G_LIST_MODEL (orientations));
  adw_combo_row_set_model (self->view_row, G_LIST_MODEL (views));
  self->updating = FALSE;

  refresh (self);
}

/* Public API */

GtkWidget *
cc_inspector_new (void)
{
  return g_object_new (CC_TYPE_INSPECTOR, NULL);
}

void
cc_inspector_set_selection (CcInspector *self,
                            CcSelection *selection)
{
  g_return_if_fail (CC_IS_INSPECTOR (self));
  g_return_if_fail (selection == NULL || CC_IS_SELECTION (selection));

  if (selection == self->selection)
    return;
  cc_inspector_commit (self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_set_object (&self->selection, selection);
  if (selection != NULL)
    g_signal_connect_object (selection, "changed", G_CALLBACK (selection_changed_cb), self,
                             G_CONNECT_SWAPPED);
  set_project (self, selection != NULL ? cc_selection_get_project (selection) : NULL);
  refresh (self);
}

CcSelection *
cc_inspector_get_selection (CcInspector *self)
{
  g_return_val_if_fail (CC_IS_INSPECTOR (self), NULL);
  return self->selection;
}

void
cc_inspector_commit (CcInspector *self)
{
  g_return_if_fail (CC_IS_INSPECTOR (self));

  if (self->updating || self->project == NULL)
    return;

  if (self->actor != NULL)
    {
      const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
      g_autofree char *stripped = g_strstrip (g_strdup (name));
      g_auto(GStrv) tags = split_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
      g_autofree char *notes = get_text_view_text (self->actor_notes);
      CcItem *actor = cc_item_ref (self->actor);

      /* An organisation needs a name: an empty one puts the old one back. */
      if (stripped[0] != '\0')
        commit_string (self, actor, CC_ACTOR_NAME, stripped);
      if (!strv_equal (cc_item_get_strv (actor, CC_ACTOR_TAGS), (const char * const *) tags))
        cc_project_set_strv (self->project, actor, CC_ACTOR_TAGS, (const char * const *) tags);
      commit_string (self, actor, CC_ACTOR_NOTES, notes);
      cc_item_unref (actor);
      update_fields (self);
    }
  else if (self->item != NULL && cc_item_get_kind (self->item) == CC_KIND_LINK)
    {
      g_autofree char *notes = get_text_view_text (self->link_notes);
      CcItem *link = cc_item_ref (self->item);

      commit_string (self, link, CC_LINK_LABEL, gtk_editable_get_text (GTK_EDITABLE (self->link_label_row)));
      commit_string (self, link, CC_LINK_NOTES, notes);
      cc_item_unref (link);
    }
  else if (self->item != NULL && cc_item_get_kind (self->item) == CC_KIND_GROUP)
    {
      commit_string (self, self->item, CC_GROUP_TITLE,
                     gtk_editable_get_text (GTK_EDITABLE (self->group_title_row)));
    }
  else if (self->item != NULL && cc_item_get_kind (self->item) == CC_KIND_CARD)
    {
      g_autofree char *text = get_text_view_text (self->card_text);

      if (in_project (self, self->item))
        commit_string_as (self, self->item, CC_CARD_TEXT, text, _("Edit Card"));
    }
  else if (showing_force (self))
    {
      if (!in_project (self, self->item))
        return;
      /* Read first: each commit refreshes the fields. */
      g_autofree char *label = get_stripped_text (GTK_EDITABLE (self->force_label_row));
      g_autofree char *notes = get_text_view_text (self->force_notes);
      g_autofree char *plan = get_stripped_text (GTK_EDITABLE (self->force_plan_row));
      g_autofree char *owner = get_stripped_text (GTK_EDITABLE (self->force_owner_row));
      g_autofree char *due = get_stripped_text (GTK_EDITABLE (self->force_due_row));
      CcItem *force = cc_item_ref (self->item);

      /* A force needs a label: an empty one puts the old one back. */
      if (label[0] != '\0')
        commit_string_as (self, force, CC_FORCE_LABEL, label, _("Rename Force"));
      else
        set_editable_text (GTK_EDITABLE (self->force_label_row), cc_item_get_string (force, CC_FORCE_LABEL));
      commit_string_as (self, force, CC_FORCE_NOTES, notes, _("Edit Notes"));
      commit_string_as (self, force, CC_FORCE_PLAN, plan, _("Edit Plan"));
      commit_string_as (self, force, CC_FORCE_OWNER, owner, _("Change Owner"));
      /* Never a date that is not one: it stays, marked, to be put right. */
      if (due[0] == '\0' || cc_date_is_valid (due))
        {
          commit_string_as (self, force, CC_FORCE_DUE, due, _("Change Due Date"));
          set_due_invalid (self, FALSE);
        }
      else
        set_due_invalid (self, TRUE);
      cc_item_unref (force);
    }
  else if (self->forcefield != NULL && in_project (self, self->forcefield))
    {
      g_autofree char *change = get_text_view_text (self->change_text);
      g_autofree char *current = get_text_view_text (self->current_text);
      g_autofree char *desired = get_text_view_text (self->desired_text);
      CcItem *sheet = cc_item_ref (self->forcefield);

      commit_string_as (self, sheet, CC_FORCEFIELD_CHANGE, change, _("Edit Change"));
      commit_string_as (self, sheet, CC_FORCEFIELD_CURRENT, current, _("Edit Current Situation"));
      commit_string_as (self, sheet, CC_FORCEFIELD_DESIRED, desired, _("Edit Desired Situation"));
      cc_item_unref (sheet);
    }
}
