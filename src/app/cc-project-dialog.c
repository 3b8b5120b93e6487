/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Project Properties: what a handout's cover, its page headers and the
 * PDF's metadata say about the project. */

#include "config.h"

#include <glib/gi18n.h>

#include "cc-project-dialog.h"

struct _CcProjectDialog
{
  AdwPreferencesWindow parent_instance;

  CcProject   *project;
  AdwEntryRow *title_row;
  AdwEntryRow *author_row;
  GtkTextView *description;
  AdwActionRow *date_row;
  GtkMenuButton *date_button;
  GtkCalendar *calendar;
  GtkButton   *print_day_button;
  gboolean     updating;   /* the fields are being set from the project */
  /* Typed into and not kept yet: left as typed when the project changes. */
  gboolean     title_dirty, author_dirty, description_dirty;
};

G_DEFINE_FINAL_TYPE (CcProjectDialog, cc_project_dialog, ADW_TYPE_PREFERENCES_WINDOW)

static const char *
meta_string (CcProjectDialog *self,
             guint            field)
{
  CcItem *meta = cc_project_get_meta (self->project);

  return meta != NULL ? cc_item_get_string (meta, field) : "";
}

static char *
stripped (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

/* Sets a field of the project's meta as one step, making the meta when
 * the file had none. */
static void
set_meta_string (CcProjectDialog *self,
                 guint            field,
                 const char      *value,
                 const char      *label)
{
  CcItem *meta;

  if (self->project == NULL)
    return;  /* a field left as the dialog goes */
  meta = cc_project_get_meta (self->project);
  if (g_strcmp0 (meta != NULL ? cc_item_get_string (meta, field) : "", value) == 0)
    return;
  cc_project_begin_group (self->project, label);
  if (meta == NULL)
    meta = cc_project_insert (self->project, cc_project_get_root (self->project), CC_PROJECT_META, 0,
                              cc_item_new (CC_KIND_META));
  cc_project_set_string (self->project, meta, field, value);
  cc_project_end_group (self->project);
}

static char *
description_text (CcProjectDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return stripped (text);
}

static void
update_date_row (CcProjectDialog *self)
{
  g_autoptr(GDateTime) when = cc_date_parse (meta_string (self, CC_META_DATE));
  g_autofree char *shown = when != NULL ? cc_date_format_long (when) : NULL;

  adw_action_row_set_subtitle (self->date_row, shown != NULL ? shown : _("The day the handout is made"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_day_button), when != NULL);
  if (when != NULL)
    {
      self->updating = TRUE;
      gtk_calendar_select_day (self->calendar, when);
      self->updating = FALSE;
    }
}

static void
title_changed_cb (CcProjectDialog *self)
{
  self->title_dirty |= !self->updating;
}

static void
author_changed_cb (CcProjectDialog *self)
{
  self->author_dirty |= !self->updating;
}

static void
description_changed_cb (CcProjectDialog *self)
{
  self->description_dirty |= !self->updating;
}

/* The fields from the project; one being edited keeps what is typed. */
static void
update_fields (CcProjectDialog *self,
               gboolean         all)
{
  self->updating = TRUE;
  if (all || !self->title_dirty)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), cc_project_get_title (self->project));
  if (all || !self->author_dirty)
    gtk_editable_set_text (GTK_EDITABLE (self->author_row), meta_string (self, CC_META_AUTHOR));
  if (all || !self->description_dirty)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description), meta_string (self, CC_META_DESCRIPTION),
                              -1);
  if (all)
    self->title_dirty = self->author_dirty = self->description_dirty = FALSE;
  self->updating = FALSE;
  update_date_row (self);
}

static void
commit_title (CcProjectDialog *self)
{
  g_autofree char *title = stripped (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));

  if (self->updating || self->project == NULL)
    return;
  self->title_dirty = FALSE;
  if (g_strcmp0 (title, cc_project_get_title (self->project)) == 0)
    return;
  cc_project_begin_group (self->project, _("Change Project Title"));
  cc_project_set_string (self->project, cc_project_get_root (self->project), CC_PROJECT_TITLE, title);
  cc_project_end_group (self->project);
}

static void
commit_author (CcProjectDialog *self)
{
  g_autofree char *author = stripped (gtk_editable_get_text (GTK_EDITABLE (self->author_row)));

  if (self->updating)
    return;
  self->author_dirty = FALSE;
  set_meta_string (self, CC_META_AUTHOR, author, _("Change Author"));
}

static void
commit_description (CcProjectDialog *self)
{
  g_autofree char *text = description_text (self);

  if (self->updating)
    return;
  self->description_dirty = FALSE;
  set_meta_string (self, CC_META_DESCRIPTION, text, _("Change Description"));
}

/* What the fields say now, kept as closing keeps it. */
static void
commit_all (CcProjectDialog *self)
{
  commit_title (self);
  commit_author (self);
  commit_description (self);
}

static void
day_selected_cb (CcProjectDialog *self)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;

  if (self->updating)
    return;
  when = gtk_calendar_get_date (self->calendar);
  date = g_date_time_format (when, "%Y-%m-%d");
  set_meta_string (self, CC_META_DATE, date, _("Change Handout Date"));
  gtk_menu_button_popdown (self->date_button);
}

static void
print_day_cb (CcProjectDialog *self)
{
  set_meta_string (self, CC_META_DATE, "", _("Change Handout Date"));
  gtk_menu_button_popdown (self->date_button);
}

static void
project_changed_cb (CcProjectDialog *self,
                    CcChange        *change)
{
  update_fields (self, FALSE);
}

static gboolean
close_request_cb (CcProjectDialog *self)
{
  commit_all (self);
  return FALSE;
}

static void
add_focus_leave (gpointer widget,
                 GCallback callback,
                 gpointer  data)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_swapped (focus, "leave", callback, data);
  gtk_widget_add_controller (GTK_WIDGET (widget), focus);
}

static void
cc_project_dialog_dispose (GObject *object)
{
  CcProjectDialog *self = CC_PROJECT_DIALOG (object);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  G_OBJECT_CLASS (cc_project_dialog_parent_class)->dispose (object);
}

static void
cc_project_dialog_class_init (CcProjectDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cc_project_dialog_dispose;
}

static void
cc_project_dialog_init (CcProjectDialog *self)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *about = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *scroller, *popover, *box;

  gtk_window_set_title (GTK_WINDOW (self), _("Project Properties"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 620);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);

  adw_preferences_group_set_description (group, _("Shown on the handout’s cover and page headers, and in "
                                                  "the PDF’s properties"));
  self->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), _("Title"));
  g_signal_connect_swapped (self->title_row, "entry-activated", G_CALLBACK (commit_title), self);
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (title_changed_cb), self);
  add_focus_leave (self->title_row, G_CALLBACK (commit_title), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->title_row));

  self->author_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->author_row), _("Author"));
  g_signal_connect_swapped (self->author_row, "entry-activated", G_CALLBACK (commit_author), self);
  g_signal_connect_swapped (self->author_row, "changed", G_CALLBACK (author_changed_cb), self);
  add_focus_leave (self->author_row, G_CALLBACK (commit_author), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->author_row));

  /* The date: picked on a calendar, or the day the handout is made. */
  self->date_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), _("Date on Handouts"));
  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  self->print_day_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Use the Day of Printing")));
  g_signal_connect_swapped (self->print_day_button, "clicked", G_CALLBACK (print_day_cb), self);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->print_day_button));
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  self->date_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->date_button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->date_button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->date_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_button), _("Choose the Date"));
  gtk_widget_add_css_class (GTK_WIDGET (self->date_button), "flat");
  adw_action_row_add_suffix (self->date_row, GTK_WIDGET (self->date_button));
  adw_action_row_set_activatable_widget (self->date_row, GTK_WIDGET (self->date_button));
  adw_preferences_group_add (group, GTK_WIDGET (self->date_row));
  adw_preferences_page_add (page, group);

  adw_preferences_group_set_title (about, _("Description"));
  adw_preferences_group_set_description (about, _("A paragraph about the project, on the handout’s cover"));
  self->description = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->description, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->description, 12);
  gtk_text_view_set_bottom_margin (self->description, 12);
  gtk_text_view_set_left_margin (self->description, 12);
  gtk_text_view_set_right_margin (self->description, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->description), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Description"), -1);
  add_focus_leave (self->description, G_CALLBACK (commit_description), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description), "changed",
                            G_CALLBACK (description_changed_cb), self);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 140);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->description));
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_set_overflow (scroller, GTK_OVERFLOW_HIDDEN);
  adw_preferences_group_add (about, scroller);
  adw_preferences_page_add (page, about);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
}

CcProjectDialog *
cc_project_dialog_new (GtkWindow *parent,
                       CcProject *project)
{
  CcProjectDialog *self;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  self = g_object_new (CC_TYPE_PROJECT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->project = g_object_ref (project);
  update_fields (self, TRUE);
  g_signal_connect_object (project, "changed", G_CALLBACK (project_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

AdwEntryRow *
cc_project_dialog_get_title_row (CcProjectDialog *self)
{
  return self->title_row;
}

AdwEntryRow *
cc_project_dialog_get_author_row (CcProjectDialog *self)
{
  return self->author_row;
}

GtkTextView *
cc_project_dialog_get_description (CcProjectDialog *self)
{
  return self->description;
}

GtkCalendar *
cc_project_dialog_get_calendar (CcProjectDialog *self)
{
  return self->calendar;
}

AdwActionRow *
cc_project_dialog_get_date_row (CcProjectDialog *self)
{
  return self->date_row;
}
