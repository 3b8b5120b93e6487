/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-inspector"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cc-inspector-private.h"

/* The binding of an inspector row to a field of an item: how the row shows
 * the field and edits it follows from the field's type and flags in the
 * schema tables (cc-schema.c) and the kind of widget the row is. */

struct _CcFieldBinding
{
  CcInspectorPage   *page;      /* not a reference: the page outlives it */
  GtkWidget         *widget;    /* not a reference */
  CcItem            *item;      /* bound to this item; NULL: the page's */
  CcKind             kind;
  guint              field;
  const CcFieldInfo *info;
  const char        *undo_label;
  CcBindFlags        flags;
  CcFieldSetter      setter;
  GPtrArray         *choices;   /* reference rows: not owned */
  char              *fallback;  /* colour rows */
  char              *shown;     /* kept texts: what was last shown */
  char              *tooltip;   /* date rows: the tooltip of a right one */
};

/* Text */

static void
set_editable_text (GtkEditable *editable,
                   const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text != NULL ? text : "") != 0)
    gtk_editable_set_text (editable, text != NULL ? text : "");
}

static char *
get_widget_text (GtkWidget *widget)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (!GTK_IS_TEXT_VIEW (widget))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_widget_text (GtkWidget  *widget,
                 const char *text)
{
  GtkTextBuffer *buffer;
  g_autofree char *current = NULL;

  text = text != NULL ? text : "";
  if (!GTK_IS_TEXT_VIEW (widget))
    {
      set_editable_text (GTK_EDITABLE (widget), text);
      return;
    }
  current = get_widget_text (widget);
  if (g_strcmp0 (current, text) == 0)
    return;
  /* A new text for a new item: not something to undo into. */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
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

/* Bindings */

static gboolean
is_text_row (GtkWidget *widget)
{
  return GTK_IS_TEXT_VIEW (widget) || (GTK_IS_EDITABLE (widget) && !GTK_IS_SPIN_BUTTON (widget));
}

static CcItem *
binding_item (CcFieldBinding *self)
{
  CcItem *item = self->item != NULL ? self->item : cc_inspector_page_get_item (self->page);

  return item != NULL && cc_item_get_kind (item) == self->kind ? item : NULL;
}

void
cc_field_binding_free (CcFieldBinding *self)
{
  g_clear_pointer (&self->item, cc_item_unref);
  g_free (self->fallback);
  g_free (self->shown);
  g_free (self->tooltip);
  g_free (self);
}

/* Marks a date row as holding one that is not a date, or as fine. */
static void
set_invalid (CcFieldBinding *self,
             gboolean        invalid)
{
  if (invalid)
    {
      gtk_widget_add_css_class (self->widget, "error");
      gtk_widget_set_tooltip_text (self->widget, _("Not a date: write it as year-month-day, such as 2026-09-30"));
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->widget), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (self->widget, "error");
      gtk_widget_set_tooltip_text (self->widget, self->tooltip);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->widget), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* Forgets what a text row showed: the next item fills it afresh. */
void
cc_field_binding_forget (CcFieldBinding *self)
{
  g_clear_pointer (&self->shown, g_free);
  if (self->info->type == CC_VT_DATE)
    set_invalid (self, FALSE);
}

static void
show_text (CcFieldBinding *self,
           const char     *text)
{
  GtkWidget *widget = self->widget;

  text = text != NULL ? text : "";
  if (self->flags & CC_BIND_KEEP_TYPED)
    {
      /* Unless the value is what was shown last: then what the user typed
       * and has not committed (or a date that is not one) stays. */
      if (self->shown != NULL && strcmp (self->shown, text) == 0)
        return;
      set_widget_text (widget, text);
      g_free (self->shown);
      self->shown = g_strdup (text);
      if (self->info->type == CC_VT_DATE)
        set_invalid (self, FALSE);
    }
  else if (self->flags & CC_BIND_KEEP_FOCUSED)
    {
      g_autofree char *current = get_widget_text (widget);

      /* Not over what is being typed; but an undo shows, focused or not. */
      if ((!gtk_widget_has_focus (widget) && gtk_widget_get_focus_child (widget) == NULL)
          || g_strcmp0 (self->shown, current) == 0)
        {
          set_widget_text (widget, text);
          g_free (self->shown);
          self->shown = g_strdup (text);
        }
      else if (g_strcmp0 (current, text) == 0)
        {
          g_free (self->shown);
          self->shown = g_strdup (text);
        }
    }
  else
    set_widget_text (widget, text);
}

static guint
choice_index (GPtrArray  *ids,
              const char *id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
show_reference (CcFieldBinding *self,
                CcItem         *item)
{
  CcInspectorPageClass *klass = CC_INSPECTOR_PAGE_GET_CLASS (self->page);
  const char *id = cc_item_get_string (item, self->field);
  guint index = choice_index (self->choices, id);

  if (index == GTK_INVALID_LIST_POSITION && klass->rebuild_choices != NULL)
    {
      klass->rebuild_choices (self->page);
      index = choice_index (self->choices, id);
    }
  /* Still not listed: shown as none, if none is a choice. */
  if (index == GTK_INVALID_LIST_POSITION)
    index = choice_index (self->choices, "");
  cc_inspector_select (ADW_COMBO_ROW (self->widget), index);
}

void
cc_field_binding_show (CcFieldBinding *self)
{
  CcItem *item = binding_item (self);
  GtkWidget *widget = self->widget;

  if (item == NULL)
    return;

  cc_inspector_page_hold (self->page);
  if (is_text_row (widget) && self->info->type == CC_VT_STRV)
    {
      g_autofree char *tags = join_tags (cc_item_get_strv (item, self->field));

      show_text (self, tags);
    }
  else if (is_text_row (widget))
    show_text (self, cc_item_get_string (item, self->field));
  else if (ADW_IS_COMBO_ROW (widget) && self->info->type == CC_VT_REF)
    show_reference (self, item);
  else if (ADW_IS_COMBO_ROW (widget))
    {
      guint n = self->info->enum_values != NULL ? g_strv_length ((char **) self->info->enum_values) : 0;
      gint64 value = cc_item_get_int (item, self->field);

      cc_inspector_select (ADW_COMBO_ROW (widget), (guint) CLAMP (value, 0, (gint64) n - 1));
    }
  else if (GTK_IS_SPIN_BUTTON (widget) && self->info->type == CC_VT_DOUBLE)
    {
      GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (widget));
      double value = cc_item_get_double (item, self->field);

      /* Unset: the middle of the range. */
      if (value < self->info->min)
        value = (gtk_adjustment_get_lower (adjustment) + gtk_adjustment_get_upper (adjustment)) / 2;
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), value);
    }
  else if (GTK_IS_SPIN_BUTTON (widget))
    {
      /* The row's own range clamps the value. */
      gint64 value = cc_item_get_int (item, self->field);

      if (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (widget)) != value)
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), (double) value);
    }
  else if (GTK_IS_SWITCH (widget))
    gtk_switch_set_active (GTK_SWITCH (widget), cc_item_get_bool (item, self->field));
  else if (GTK_IS_COLOR_BUTTON (widget))
    {
      const char *color = cc_item_get_string (item, self->field);
      GdkRGBA rgba;

      if (color == NULL || !gdk_rgba_parse (&rgba, color))
        gdk_rgba_parse (&rgba, self->fallback != NULL ? self->fallback : "#000000");
      gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (widget), &rgba);
    }
  cc_inspector_page_release (self->page);
}

/* Makes the edit: the setter's, or one setting the field. */
static void
apply (CcFieldBinding *self,
       CcItem         *item,
       const CcValue  *value)
{
  CcProject *project = cc_inspector_page_get_project (self->page);

  if (cc_value_equal (self->info, cc_item_get_value (item, self->field), value))
    return;
  if (self->setter != NULL)
    self->setter (project, item, self->field, value);
  else if (self->undo_label != NULL)
    {
      cc_project_begin_group (project, self->undo_label);
      cc_project_set_value (project, item, self->field, value);
      cc_project_end_group (project);
    }
  else
    cc_project_set_value (project, item, self->field, value);
}

static void
commit_text (CcFieldBinding *self,
             CcItem         *item)
{
  g_autofree char *text = get_widget_text (self->widget);
  CcValue value;

  if (self->info->type == CC_VT_STRV)
    {
      g_auto(GStrv) tags = split_tags (text);

      if (!strv_equal (cc_item_get_strv (item, self->field), (const char * const *) tags))
        {
          value.v = tags;
          apply (self, item, &value);
        }
      cc_field_binding_show (self);
      return;
    }

  if (self->flags & CC_BIND_STRIP)
    g_strstrip (text);
  /* A field that must not be empty: an empty one puts the old one back. */
  if ((self->info->flags & CC_FIELD_NONEMPTY) && text[0] == '\0')
    {
      cc_inspector_page_hold (self->page);
      set_widget_text (self->widget, cc_item_get_string (item, self->field));
      cc_inspector_page_release (self->page);
      return;
    }
  /* Never a date that is not one: it stays, marked, to be put right. */
  if (self->info->type == CC_VT_DATE)
    {
      gboolean valid = text[0] == '\0' || cc_date_is_valid (text);

      if (!valid)
        {
          set_invalid (self, TRUE);
          return;
        }
    }
  value.s = text;
  apply (self, item, &value);
  if (self->info->type == CC_VT_DATE)
    set_invalid (self, FALSE);
  if (!(self->flags & (CC_BIND_KEEP_TYPED | CC_BIND_KEEP_FOCUSED)))
    cc_field_binding_show (self);
}

void
cc_field_binding_commit (CcFieldBinding *self)
{
  CcItem *item = binding_item (self);
  GtkWidget *widget = self->widget;
  CcValue value;

  if (item == NULL || !cc_inspector_page_can_edit (self->page, item))
    return;

  /* Held: the edit may drop the last other reference to it. */
  cc_item_ref (item);
  if (is_text_row (widget))
    commit_text (self, item);
  else if (ADW_IS_COMBO_ROW (widget))
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (widget));

      if (self->info->type == CC_VT_REF)
        {
          if (self->choices != NULL && selected < self->choices->len)
            {
              value.s = g_ptr_array_index (self->choices, selected);
              apply (self, item, &value);
            }
        }
      else if (self->info->enum_values != NULL && selected < g_strv_length ((char **) self->info->enum_values))
        {
          value.i = selected;
          apply (self, item, &value);
        }
    }
  else if (GTK_IS_SPIN_BUTTON (widget) && self->info->type == CC_VT_DOUBLE)
    {
      value.d = gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget));
      if (fabs (cc_item_get_double (item, self->field) - value.d) > 1e-9)
        apply (self, item, &value);
    }
  else if (GTK_IS_SPIN_BUTTON (widget))
    {
      value.i = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (widget));
      apply (self, item, &value);
    }
  else if (GTK_IS_SWITCH (widget))
    {
      value.i = gtk_switch_get_active (GTK_SWITCH (widget)) ? TRUE : FALSE;
      apply (self, item, &value);
    }
  else if (GTK_IS_COLOR_BUTTON (widget))
    {
      g_autofree char *hex = NULL;
      GdkRGBA rgba;

      gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (widget), &rgba);
      hex = rgba_to_hex (&rgba);
      value.s = hex;
      apply (self, item, &value);
    }
  cc_item_unref (item);
}

static void
text_commit_cb (CcFieldBinding *self)
{
  if (cc_inspector_page_is_updating (self->page))
    return;
  /* Enter, or leaving the row, commits what was typed in the page. */
  if (self->flags & CC_BIND_ALONE)
    cc_field_binding_commit (self);
  else
    cc_inspector_page_commit (self->page);
}

static void
focus_leave_cb (GtkEventController *controller,
                CcFieldBinding     *self)
{
  text_commit_cb (self);
}

static void
value_changed_cb (CcFieldBinding *self)
{
  if (!cc_inspector_page_is_updating (self->page))
    cc_field_binding_commit (self);
}

static void
notify_cb (GObject        *object,
           GParamSpec     *pspec,
           CcFieldBinding *self)
{
  value_changed_cb (self);
}

/* A date put right is no longer marked, before it is committed. */
static void
date_changed_cb (CcFieldBinding *self)
{
  g_autofree char *text = NULL;

  if (cc_inspector_page_is_updating (self->page) || !gtk_widget_has_css_class (self->widget, "error"))
    return;
  text = g_strstrip (get_widget_text (self->widget));
  if (text[0] == '\0' || cc_date_is_valid (text))
    set_invalid (self, FALSE);
}

CcFieldBinding *
cc_field_binding_new (CcInspectorPage *page,
                      GtkWidget       *widget,
                      CcKind           kind,
                      guint            field,
                      CcItem          *item,
                      const char      *undo_label,
                      CcBindFlags      flags)
{
  CcFieldBinding *self = g_new0 (CcFieldBinding, 1);

  self->page = page;
  self->item = item != NULL ? cc_item_ref (item) : NULL;
  self->widget = widget;
  self->kind = kind;
  self->field = field;
  self->info = cc_kind_field (kind, field);
  self->undo_label = undo_label;
  self->flags = flags;
  g_assert (self->info != NULL);

  if (is_text_row (widget))
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
      gtk_widget_add_controller (widget, focus);
      if (ADW_IS_ENTRY_ROW (widget))
        g_signal_connect_swapped (widget, "entry-activated", G_CALLBACK (text_commit_cb), self);
      if (self->info->type == CC_VT_DATE)
        {
          self->tooltip = g_strdup (gtk_widget_get_tooltip_text (widget));
          g_signal_connect_swapped (widget, "changed", G_CALLBACK (date_changed_cb), self);
        }
    }
  else if (ADW_IS_COMBO_ROW (widget))
    g_signal_connect (widget, "notify::selected", G_CALLBACK (notify_cb), self);
  else if (GTK_IS_SPIN_BUTTON (widget))
    g_signal_connect_swapped (widget, "value-changed", G_CALLBACK (value_changed_cb), self);
  else if (GTK_IS_SWITCH (widget))
    g_signal_connect (widget, "notify::active", G_CALLBACK (notify_cb), self);
  else if (GTK_IS_COLOR_BUTTON (widget))
    g_signal_connect_swapped (widget, "color-set", G_CALLBACK (value_changed_cb), self);
  else
    g_critical ("Cannot bind a %s to a field", G_OBJECT_TYPE_NAME (widget));
  return self;
}

gboolean
cc_field_binding_commits_with_page (CcFieldBinding *self)
{
  return is_text_row (self->widget) && !(self->flags & CC_BIND_ALONE);
}


void
cc_field_binding_set_setter (CcFieldBinding *self,
                             CcFieldSetter   setter)
{
  self->setter = setter;
}

void
cc_field_binding_set_choices (CcFieldBinding *self,
                              GPtrArray      *ids)
{
  self->choices = ids;
}

void
cc_field_binding_set_fallback (CcFieldBinding *self,
                               const char     *color)
{
  g_free (self->fallback);
  self->fallback = g_strdup (color);
}
