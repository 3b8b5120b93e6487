/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-inspector"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-inspector.h"

struct _CcInspector
{
  GtkWidget         parent_instance;

  /* Template children */
  GtkStack         *stack;
  GtkLabel         *hint_label;
  AdwPreferencesGroup *link_types_group;
  GtkListBox       *link_types_list;
  GtkButton        *add_link_type_button;
  AdwEntryRow      *name_row;
  AdwComboRow      *sector_row;
  AdwComboRow      *kind_row;
  GtkSwitch        *umbrella_switch;
  GtkSpinButton    *influence_spin;
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

  CcSelection      *selection;
  CcProject        *project;      /* the selection's, while it has one */
  CcItem           *item;         /* the single node, link or group shown */
  CcItem           *actor;        /* the actor of a single node */
  GPtrArray        *nodes;        /* several selected: the nodes among them */
  GPtrArray        *type_ids;     /* link type ids, in the order of type_row's model */

  guint             updating : 1;
};

G_DEFINE_FINAL_TYPE (CcInspector, cc_inspector, GTK_TYPE_WIDGET)

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
  g_autofree char *tooltip = g_strdup_printf (_("Colour of “%s” links"), link_type_label (type));

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

static void
update_fields (CcInspector *self)
{
  g_autofree char *tags = NULL;

  self->updating = TRUE;

  if (self->actor != NULL)
    {
      set_editable_text (GTK_EDITABLE (self->name_row), cc_item_get_string (self->actor, CC_ACTOR_NAME));
      select_in_combo (self, self->sector_row, (guint) cc_item_get_int (self->actor, CC_ACTOR_SECTOR));
      select_in_combo (self, self->kind_row, (guint) cc_item_get_int (self->actor, CC_ACTOR_KIND));
      gtk_switch_set_active (self->umbrella_switch, cc_item_get_bool (self->actor, CC_ACTOR_UMBRELLA));
      gtk_spin_button_set_value (self->influence_spin,
                                 CLAMP (cc_item_get_int (self->actor, CC_ACTOR_INFLUENCE), 0, 10));
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

  self->updating = FALSE;
}

static void
clear_shown (CcInspector *self)
{
  g_clear_pointer (&self->item, cc_item_unref);
  g_clear_pointer (&self->actor, cc_item_unref);
  g_clear_pointer (&self->nodes, g_ptr_array_unref);
}

static void
refresh (CcInspector *self)
{
  guint n = self->selection != NULL ? cc_selection_get_n_items (self->selection) : 0;
  CcItem *single = n == 1 ? cc_selection_get_single (self->selection) : NULL;
  const char *page = "empty";

  clear_shown (self);

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
        default:
          break;
        }
    }
  else if (n > 1)
    {
      g_autofree char *text = NULL;

      self->nodes = cc_selection_get_of_kind (self->selection, CC_KIND_NODE);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item selected", "%u items selected", n), n);
      gtk_label_set_text (self->multi_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->multi_group), self->nodes->len > 0);
      page = "multi";
    }

  if (g_str_equal (page, "empty"))
    {
      gtk_label_set_text (self->hint_label,
                          single != NULL
                          ? _("There is nothing more to edit about this item here")
                          : _("Select an organisation, link or group to see its details"));
      rebuild_link_types (self);
    }

  gtk_stack_set_visible_child_name (self->stack, page);
  update_fields (self);
}

/* Callbacks */

static void
project_changed_cb (CcInspector *self,
                    CcChange    *change)
{
  CcItem *root = cc_project_get_root (self->project);

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
}

static void
spin_changed_cb (CcInspector   *self,
                 GtkSpinButton *spin)
{
  if (self->updating)
    return;
  if (spin == self->influence_spin)
    commit_int (self, self->actor, CC_ACTOR_INFLUENCE, gtk_spin_button_get_value_as_int (spin));
  else if (spin == self->strength_spin)
    commit_int (self, self->item, CC_LINK_STRENGTH, gtk_spin_button_get_value_as_int (spin));
}

static void
color_set_cb (CcInspector    *self,
              GtkColorButton *button)
{
  GdkRGBA rgba;
  g_autofree char *hex = NULL;

  if (self->updating || self->item == NULL || cc_item_get_kind (self->item) != CC_KIND_GROUP)
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  hex = rgba_to_hex (&rgba);
  commit_string (self, self->item, CC_GROUP_COLOR, hex);
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

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/cc-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, CcInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, hint_label);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, link_types_group);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, link_types_list);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, add_link_type_button);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, name_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, sector_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, umbrella_switch);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, influence_spin);
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
  gtk_widget_class_bind_template_callback (widget_class, text_commit_cb);
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

  gtk_widget_init_template (GTK_WIDGET (self));

  self->type_ids = g_ptr_array_new_with_free_func (g_free);

  self->updating = TRUE;
  sectors = create_label_model (sector_label, CC_N_SECTORS);
  multi_sectors = create_label_model (sector_label, CC_N_SECTORS);
  kinds = create_label_model (actor_kind_label, CC_N_ACTOR_KINDS);
  stages = create_label_model (stage_label, CC_N_STAGES);
  adw_combo_row_set_model (self->sector_row, G_LIST_MODEL (sectors));
  adw_combo_row_set_model (self->multi_sector_row, G_LIST_MODEL (multi_sectors));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_model (self->stage_row, G_LIST_MODEL (stages));
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
}
