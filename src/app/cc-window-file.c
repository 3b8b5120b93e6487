/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-application.h"
#include "cc-bidi.h"
#include "cc-window-private.h"

/* Opening, saving and closing, and what they ask: the file choosers, the
 * questions before a file is replaced, a project named, changes thrown
 * away or another version on disk written over; the reports of files that
 * could not be read. The reading and writing is the document's
 * (cc-document.c). */

#define MAX_PROBLEMS_SHOWN 6
#define MAX_PROBLEM_CHARS  240

static gboolean disk_ask_before_save (CcWindow *self,
                                      GFile    *file);

/* ---- helpers ------------------------------------------------------------ */

static GFile *
get_last_folder (void)
{
  GSettings *settings = cc_application_get_settings ();
  g_autofree char *value = NULL;
  g_autoptr(GFile) folder = NULL;

  if (!_cc_window_settings_has_key (settings, "last-folder", "s"))
    return NULL;
  value = g_settings_get_string (settings, "last-folder");
  if (value == NULL || value[0] == '\0')
    return NULL;
  if (strstr (value, "://") != NULL)
    folder = g_file_new_for_uri (value);
  else
    folder = g_file_new_for_path (value);
  if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    return NULL;
  return g_steal_pointer (&folder);
}

static void
remember_folder_of (GFile *file)
{
  GSettings *settings = cc_application_get_settings ();
  g_autoptr(GFile) parent = NULL;
  g_autofree char *value = NULL;

  if (file == NULL || !_cc_window_settings_has_key (settings, "last-folder", "s"))
    return;
  parent = g_file_get_parent (file);
  if (parent == NULL)
    return;
  value = g_file_is_native (parent) ? g_file_get_path (parent) : g_file_get_uri (parent);
  if (value != NULL)
    g_settings_set_string (settings, "last-folder", value);
}

static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *exec = g_strdup_printf ("%s %%u", g_get_prgname () ? g_get_prgname () : "concord");
  GtkRecentData data = { 0 };

  data.mime_type = (char *) CONCORD_MIME_TYPE;
  data.app_name = (char *) (g_get_application_name () ? g_get_application_name () : "Concord");
  data.app_exec = exec;
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static void
show_message (CcWindow   *self,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The problems of @severity, one a line, at most MAX_PROBLEMS_SHOWN. */
static char *
format_problems (CcLoadResult      *result,
                 CcProblemSeverity  severity)
{
  GString *text = g_string_new (NULL);
  guint total = 0;

  for (guint i = 0; result->problems != NULL && i < result->problems->len; i++)
    {
      const CcProblem *problem = g_ptr_array_index (result->problems, i);
      g_autofree char *line = NULL;

      if (problem->severity != severity)
        continue;
      if (total++ >= MAX_PROBLEMS_SHOWN)
        continue;
      line = cc_problem_to_string (problem);
      if (line == NULL)
        continue;
      if (!g_utf8_validate (line, -1, NULL))
        {
          g_autofree char *valid = g_utf8_make_valid (line, -1);

          g_free (line);
          line = g_steal_pointer (&valid);
        }
      if (g_utf8_strlen (line, -1) > MAX_PROBLEM_CHARS)
        {
          g_autofree char *cut = g_utf8_substring (line, 0, MAX_PROBLEM_CHARS);

          g_free (line);
          line = g_strconcat (cut, "…", NULL);
        }
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }

  if (total > MAX_PROBLEMS_SHOWN)
    {
      guint more = total - MAX_PROBLEMS_SHOWN;

      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "…and %u more problem",
                                                 "…and %u more problems", more), more);
    }
  return g_string_free (text, FALSE);
}

static gboolean
close_idle_cb (gpointer data)
{
  CcWindow *self = data;

  self->force_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* Closes without asking, once the current event is done. */
static void
close_later (CcWindow *self)
{
  self->force_close = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
}

/* ---- saving ------------------------------------------------------------- */

static gboolean
save_to (CcWindow *self,
         GFile    *file)
{
  g_autoptr(GError) error = NULL;

  /* Someone else changed the file: the save waits for the user's answer. */
  if (disk_ask_before_save (self, file))
    return FALSE;

  if (!cc_document_save (self->document, file, &error))
    {
      g_autofree char *file_name = cc_document_dup_file_name (file);
      g_autofree char *name = cc_bidi_isolate (file_name);
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

      self->close_after_save = FALSE;
      show_message (self, heading, error != NULL ? error->message : _("The file could not be written."));
      return FALSE;
    }

  _cc_window_hide_disk_banner (self);
  add_recent (file);
  remember_folder_of (file);
  _cc_window_update_title (self);
  _cc_window_actions_update (self);

  if (self->close_after_save)
    {
      self->close_after_save = FALSE;
      close_later (self);
    }
  return TRUE;
}

static GtkFileFilter *
create_concord_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Concord Projects"));
  gtk_file_filter_add_pattern (filter, "*" CONCORD_SUFFIX);
  gtk_file_filter_add_mime_type (filter, CONCORD_MIME_TYPE);
  return filter;
}

static char *
suggest_file_name (CcWindow *self)
{
  g_autofree char *title = cc_document_dup_title (self->document);

  g_strdelimit (title, "/\\:*?\"<>|", '-');
  cc_bidi_strip_controls (title);
  for (char *p = title; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';
  g_strstrip (title);
  if (title[0] == '\0' || title[0] == '.')
    return g_strdup_printf ("%s%s", _("Untitled Project"), CONCORD_SUFFIX);
  return g_strconcat (title, CONCORD_SUFFIX, NULL);
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  CcWindow *self = user_data;
  GFile *file = g_object_get_data (G_OBJECT (dialog), "cc-file");

  if (g_strcmp0 (response, "replace") == 0 && file != NULL)
    save_to (self, file);
  else
    self->close_after_save = FALSE;
}

static void
save_as_response_cb (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  CcWindow *self = user_data;
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  if (self->chooser == native)
    g_clear_object (&self->chooser);

  if (chosen == NULL)
    {
      self->close_after_save = FALSE;
      return;
    }

  name = cc_document_dup_file_name (chosen);
  if (g_str_has_suffix (name, CONCORD_SUFFIX))
    file = g_object_ref (chosen);
  else
    {
      g_autoptr(GFile) parent = g_file_get_parent (chosen);
      g_autofree char *full = g_strconcat (name, CONCORD_SUFFIX, NULL);

      file = parent != NULL ? g_file_get_child (parent, full) : g_object_ref (chosen);

      /* The chooser asked about the name typed, not this one. */
      if (g_file_query_exists (file, NULL))
        {
          g_autofree char *isolated = cc_bidi_isolate (full);
          g_autofree char *heading = g_strdup_printf (_("Replace “%s”?"), isolated);
          GtkWidget *dialog;

          dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                           _("A file with this name already exists. "
                                             "Replacing it will overwrite its contents."));
          gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
          gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                            "cancel", _("_Cancel"),
                                            "replace", _("_Replace"),
                                            NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                                      ADW_RESPONSE_DESTRUCTIVE);
          adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
          adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
          g_object_set_data_full (G_OBJECT (dialog), "cc-file", g_object_ref (file), g_object_unref);
          g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
    }

  save_to (self, file);
}

static void
name_project_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          gpointer          user_data)
{
  CcWindow *self = user_data;
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "cc-entry");
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (self->project == NULL || g_strcmp0 (response, "cancel") == 0)
    {
      self->close_after_save = FALSE;
      return;
    }
  self->title_asked = TRUE;
  if (g_str_equal (response, "name") && title[0] != '\0')
    {
      cc_project_begin_group (self->project, _("Change Project Title"));
      cc_project_set_string (self->project, cc_project_get_root (self->project), CC_PROJECT_TITLE, title);
      cc_project_end_group (self->project);
    }
  _cc_window_save_as (self);
}

/* Before a project without a title is first saved: its name, for the
 * handout's cover and headers and the file's name. */
static void
ask_project_title (CcWindow *self)
{
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Name This Project"),
                                   _("The name goes on the handout’s cover and page headers, and "
                                     "into the name of the file. You can change it later in "
                                     "Project Properties."));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "skip", _("Save _Untitled"),
                                    "name", _("_Continue"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "name", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "name", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "name");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Project title"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Project title"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data (G_OBJECT (dialog), "cc-response", (gpointer) "name");
  g_signal_connect_object (entry, "changed", G_CALLBACK (_cc_window_entry_enables_response_cb), dialog, 0);
  g_object_set_data (G_OBJECT (dialog), "cc-entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (name_project_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
_cc_window_save_as (CcWindow *self)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = create_concord_filter ();
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->chooser != NULL)
    return;
  title = g_strstrip (g_strdup (cc_project_get_title (self->project)));
  if (title[0] == '\0' && cc_window_get_file (self) == NULL && !self->title_asked)
    {
      ask_project_title (self);
      return;
    }
  name = suggest_file_name (self);

  native = gtk_file_chooser_native_new (_("Save Project"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  if (cc_window_get_file (self) != NULL)
    folder = g_file_get_parent (cc_window_get_file (self));
  if (folder == NULL)
    folder = get_last_folder ();
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  self->chooser = GTK_NATIVE_DIALOG (native);
  g_signal_connect_object (native, "response", G_CALLBACK (save_as_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Saves to the project's file, or asks for one. */
void
_cc_window_save (CcWindow *self)
{

  if (self->project == NULL)
    return;
  if (cc_window_get_file (self) == NULL)
    _cc_window_save_as (self);
  else
    save_to (self, cc_window_get_file (self));
}

/* ---- closing ------------------------------------------------------------ */

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  CcWindow *self = user_data;

  if (g_strcmp0 (response, "discard") == 0)
    {
      /* Thrown away on purpose: nothing to recover */
      cc_document_discard_autosave (self->document);
      close_later (self);
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      if (cc_window_get_file (self) != NULL)
        save_to (self, cc_window_get_file (self));
      else
        _cc_window_save_as (self);
    }
}

void
_cc_window_ask_save_changes (CcWindow *self)
{
  g_autofree char *display = NULL;
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->close_dialog != NULL)
    {
      gtk_window_present (self->close_dialog);
      return;
    }

  display = cc_document_dup_title (self->document);
  title = cc_bidi_isolate (display);
  heading = g_strdup_printf (_("Save changes to “%s”?"), title);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   cc_window_get_file (self) != NULL
                                   ? _("Changes which are not saved will be permanently lost.")
                                   : _("This project has not been saved yet. If you do not save "
                                       "it, it will be permanently lost."));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", cc_window_get_file (self) != NULL ? _("_Save") : _("_Save As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);

  self->close_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->close_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- opening ------------------------------------------------------------ */

static void
open_response_cb (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  CcWindow *self = user_data;
  g_autoptr(GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  if (self->chooser == native)
    g_clear_object (&self->chooser);

  if (files == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      if (i == 0)
        remember_folder_of (file);
      cc_window_open (self, file);
    }
}

static void
accept_partial_project (CcWindow  *self,
                        CcProject *project,
                        GFile     *file)
{
  CcWindow *target = _cc_window_pick_target (self);
  g_autofree char *name = cc_document_dup_file_name (file);
  g_autofree char *isolated = NULL;
  g_autofree char *text = NULL;

  /* Unbound from the damaged file: saving asks for a new name. */
  cc_window_set_project (target, project, NULL);
  cc_document_set_recovered_from (target->document, name);
  _cc_window_update_title (target);
  _cc_window_update_state (target);
  _cc_window_actions_update (target);

  isolated = cc_bidi_isolate (name);
  text = g_strdup_printf (_("Parts of “%s” could not be read and were left out. "
                            "Save the project under a new name to keep the rest."), isolated);
  _cc_window_show_banner (target, text);
}

static void
partial_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  CcWindow *self = user_data;
  CcProject *project = g_object_get_data (G_OBJECT (dialog), "cc-project");
  GFile *file = g_object_get_data (G_OBJECT (dialog), "cc-file");

  if (g_strcmp0 (response, "open") == 0 && project != NULL && file != NULL)
    accept_partial_project (self, project, file);
}

static void
ask_open_partial (CcWindow     *self,
                  GFile        *file,
                  CcLoadResult *result)
{
  g_autofree char *file_name = cc_document_dup_file_name (file);
  g_autofree char *name = cc_bidi_isolate (file_name);
  g_autofree char *heading = g_strdup_printf (_("“%s” Has Problems"), name);
  g_autofree char *problems = format_problems (result, CC_PROBLEM_ERROR);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (_("Some of this project could not be read:\n\n%s\n\n"
                            "You can open what could be read. The file itself will not be "
                            "changed: you will be asked for a new name when you save."),
                          problems);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open What Can Be Read"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cc-project", g_object_ref (result->project),
                          g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "cc-file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (partial_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Why a file could not be opened, for a message. */
static char *
load_failure (CcLoadResult *result,
              GError       *error)
{
  char *body;

  if (result == NULL)
    return g_strdup (error != NULL ? error->message : _("The file could not be read."));
  body = format_problems (result, CC_PROBLEM_ERROR);
  if (body == NULL || body[0] == '\0')
    {
      g_free (body);
      body = g_strdup (_("This is not a Concord project that can be read."));
    }
  return body;
}

/* What was read with a warning, in the window's banner. */
static void
show_warnings (CcWindow     *self,
               CcLoadResult *result)
{
  g_autofree char *warnings = NULL;

  if (result->problems == NULL || result->problems->len == 0)
    return;
  warnings = format_problems (result, CC_PROBLEM_WARNING);
  if (warnings != NULL && warnings[0] != '\0')
    _cc_window_show_banner (self, warnings);
}

static void
open_file_full (CcWindow *self,
                GFile    *file,
                gboolean  example)
{
  g_autoptr(CcLoadResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = cc_document_dup_file_name (file);
  CcWindow *target;

  if (!example)
    {
      CcWindow *other = cc_window_lookup_for_file (gtk_window_get_application (GTK_WINDOW (self)),
                                                   file);

      if (other == NULL && cc_window_get_file (self) != NULL && g_file_equal (cc_window_get_file (self), file))
        other = self;
      if (other != NULL)
        {
          gtk_window_present (GTK_WINDOW (other));
          return;
        }
    }

  result = cc_document_load_file (file, example, &error);

  if (result == NULL || result->project == NULL)
    {
      g_autofree char *heading = NULL;
      g_autofree char *body = NULL;

      if (example)
        heading = g_strdup (_("Could Not Open the Example"));
      else
        {
          g_autofree char *isolated = cc_bidi_isolate (name);

          heading = g_strdup_printf (_("Could Not Open “%s”"), isolated);
        }

      body = load_failure (result, error);
      show_message (self, heading, body);
      return;
    }

  if (result->n_errors > 0)
    {
      ask_open_partial (self, file, result);
      return;
    }

  target = _cc_window_pick_target (self);
  cc_window_set_project (target, result->project, example ? NULL : file);
  if (example)
    {
      cc_document_set_is_example (target->document, TRUE);
      _cc_window_update_title (target);
      _cc_window_update_state (target);
      _cc_window_actions_update (target);
    }
  else
    {
      add_recent (file);
      cc_document_note_in_store (target->document);
    }

  show_warnings (target, result);
}

/* ---- changed on disk: reloading, and saving over another version -------- */

/* Reload: the file as it is now replaces what is shown, unsaved edits too.
 * A file that no longer reads is told, and what is shown stays, banner and
 * all, so that Keep Mine is still there. */
static void
reload_from_disk (CcWindow *self)
{
  g_autoptr(CcLoadResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GFile *file = cc_window_get_file (self);
  guint index = 0;

  if (file == NULL)
    {
      _cc_window_hide_disk_banner (self);
      return;
    }

  /* The same sheet, by place, as the one looked at */
  if (self->sheet != NULL)
    index = cc_item_get_index (self->sheet);
  if (!cc_document_reload (self->document, &result, &error))
    {
      g_autofree char *file_name = cc_document_dup_file_name (file);
      g_autofree char *name = cc_bidi_isolate (file_name);
      g_autofree char *heading = g_strdup_printf (_("Could Not Reload “%s”"), name);
      g_autofree char *body = NULL;

      body = load_failure (result, error);
      show_message (self, heading, body);
      return;
    }

  if (index > 0 && index < cc_project_get_n_sheets (self->project))
    _cc_window_show_sheet (self, cc_project_get_sheet (self->project, index));

  show_warnings (self, result);
}

static void
reload_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  if (g_strcmp0 (response, "reload") == 0)
    reload_from_disk (CC_WINDOW (user_data));
}

/* Reload: the file as it is now replaces what is shown; changes not saved
 * go with it, so the window asks first when there are any. */
void
_cc_window_reload (CcWindow *self)
{
  GtkWidget *dialog;

  if (self->project == NULL || !cc_project_get_modified (self->project))
    {
      reload_from_disk (self);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Reload and Lose Your Changes?"),
                                   _("The changes made here since the last save will be lost for good. "
                                     "Keep Mine keeps them; saving then asks before writing over the file."));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "reload", _("_Reload"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reload", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (reload_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
disk_save_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  CcWindow *self = user_data;

  if (g_strcmp0 (response, "save") == 0 && cc_window_get_file (self) != NULL)
    {
      self->disk_save_anyway = TRUE;
      save_to (self, cc_window_get_file (self));
      self->disk_save_anyway = FALSE;
    }
  else
    self->close_after_save = FALSE;
}

/* Before a save over the window's own file: when someone else has changed it
 * since we loaded or saved it, asks. Returns TRUE when it asked; the answer
 * saves, or not. */
static gboolean
disk_ask_before_save (CcWindow *self,
                      GFile    *file)
{
  g_autofree char *file_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->disk_save_anyway || !cc_document_changed_on_disk (self->document, file))
    return FALSE;

  if (self->disk_dialog != NULL)
    {
      gtk_window_present (self->disk_dialog);
      return TRUE;
    }

  file_name = cc_document_dup_file_name (file);
  name = cc_bidi_isolate (file_name);
  body = g_strdup_printf (_("“%s” was changed by another program after it was opened or "
                            "saved here. Saving replaces those changes with this project."),
                          name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The File Was Changed on Disk"), body);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (disk_save_response_cb), self, 0);

  self->disk_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->disk_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ---- public API --------------------------------------------------------- */

void
cc_window_open (CcWindow *self,
                GFile    *file)
{
  g_return_if_fail (CC_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  open_file_full (self, file, FALSE);
}

void
cc_window_open_example (CcWindow *self)
{
  g_autoptr(GFile) file = cc_application_get_example_file ();

  g_return_if_fail (CC_IS_WINDOW (self));

  open_file_full (self, file, TRUE);
}

void
cc_window_show_open_dialog (CcWindow *self)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) concord = create_concord_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;

  g_return_if_fail (CC_IS_WINDOW (self));

  if (self->chooser != NULL)
    return;

  native = gtk_file_chooser_native_new (_("Open Project"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), concord);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);

  folder = get_last_folder ();
  if (folder == NULL && cc_window_get_file (self) != NULL)
    folder = g_file_get_parent (cc_window_get_file (self));
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);

  self->chooser = GTK_NATIVE_DIALOG (native);
  g_signal_connect_object (native, "response", G_CALLBACK (open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
