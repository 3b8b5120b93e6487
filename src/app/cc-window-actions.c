/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-bidi.h"
#include "cc-export-dialog.h"
#include "cc-print.h"
#include "cc-project-dialog.h"
#include "cc-window-private.h"

/* The window's actions (win.*), their keys, and when each is enabled. Each
 * is small: what it does at length is in the part of the window it
 * belongs to (cc-window-file.c, cc-window-sheets.c). */

/* ---- helpers ------------------------------------------------------------ */

/* Whether the focus is in a text field. Ctrl+Z there undoes the text (the
 * field's own text.undo), never the project behind the field's back. */
static gboolean
focus_is_text (CcWindow *self)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  return focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus));
}

/* ---- the project -------------------------------------------------------- */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cc_window_show_open_dialog (CC_WINDOW (widget));
}

static void
open_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  cc_window_open_example (CC_WINDOW (widget));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _cc_window_save (CC_WINDOW (widget));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);

  if (self->project != NULL)
    _cc_window_save_as (self);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
project_properties_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);

  if (self->project == NULL || cc_window_is_untouched (self))
    return;
  gtk_window_present (GTK_WINDOW (cc_project_dialog_new (GTK_WINDOW (self), self->project)));
}

/* ---- editing ------------------------------------------------------------ */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);

  /* In a text field, Ctrl+Z is the field's. */
  if (focus_is_text (self) || self->project == NULL)
    return;
  if (g_str_equal (action_name, "win.redo"))
    cc_project_redo (self->project);
  else
    cc_project_undo (self->project);
}

/* ---- the view and its panes --------------------------------------------- */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    cc_sheet_view_zoom_in (self->sheet_view);
  else if (g_str_equal (action_name, "win.zoom-out"))
    cc_sheet_view_zoom_out (self->sheet_view);
  else
    cc_sheet_view_zoom_fit (self->sheet_view);
}

static void
toggle_inspector_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);

  gtk_revealer_set_reveal_child (self->inspector_revealer,
                                 !gtk_revealer_get_reveal_child (self->inspector_revealer));
}

static void
toggle_outline_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);
  gboolean reveal = !gtk_revealer_get_reveal_child (self->outline_revealer);
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  gtk_revealer_set_reveal_child (self->outline_revealer, reveal);
  /* Shown from the keyboard, the keyboard goes there; hidden, back to the sheet. */
  if (reveal)
    cc_outline_grab_focus (self->outline);
  else if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->outline)) && self->sheet != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->sheet_view));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---- sheets (cc-window-sheets.c) ---------------------------------------- */

static void
add_sheet_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _cc_window_add_sheet (CC_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
rename_sheet_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _cc_window_rename_sheet (CC_WINDOW (widget));
}

static void
duplicate_sheet_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _cc_window_duplicate_sheet (CC_WINDOW (widget));
}

static void
delete_sheet_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _cc_window_delete_sheet (CC_WINDOW (widget), g_str_equal (action_name, "win.delete-sheet-key"));
}

static void
step_sheet_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _cc_window_step_sheet (CC_WINDOW (widget), g_str_equal (action_name, "win.next-sheet") ? 1 : -1);
}

/* ---- print and export --------------------------------------------------- */

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->project == NULL || cc_project_get_n_sheets (self->project) == 0)
    return;
  if (!cc_print_project (GTK_WINDOW (self), self->project, self->sheet, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                         NULL, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not print: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
    }
}

static void
exported_cb (CcWindow *self, GFile *file)
{
  g_autofree char *file_name = g_file_get_basename (file);
  g_autofree char *name = cc_bidi_isolate (file_name);
  g_autofree char *text = g_strdup_printf (_("Exported “%s”"), name);
  g_autofree char *uri = g_file_get_uri (file);
  AdwToast *toast = adw_toast_new (text);

  /* To look at it at once, in the viewer the desktop opens it with. */
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-exported");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
open_exported_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);
  g_autofree char *base = NULL;
  CcExportDialog *dialog;

  if (self->project == NULL || cc_project_get_n_sheets (self->project) == 0)
    return;
  if (cc_window_get_file (self) != NULL)
    {
      g_autofree char *name = g_file_get_basename (cc_window_get_file (self));
      char *dot = strrchr (name, '.');

      if (dot != NULL && dot != name)
        *dot = '\0';
      base = g_strdup (name);
    }
  else
    base = g_strdup (cc_project_get_title (self->project));
  dialog = cc_export_dialog_new (GTK_WINDOW (self), self->project, self->sheet, base);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (exported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- search across projects --------------------------------------------- */

static void
search_dialog_open_hit_cb (CcWindow    *self,
                           const char  *uri,
                           const char  *sheet_id,
                           const char  *item_id,
                           CcStartPage *page)
{
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))));
  _cc_window_open_hit (self, uri, sheet_id, item_id);
}

static void
search_dialog_new_project_cb (CcWindow    *self,
                              const char  *starting_point,
                              CcStartPage *page)
{
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))));
  cc_window_new_project (self, starting_point);
}

static void
search_dialog_open_cb (CcWindow    *self,
                       GFile       *file,
                       CcStartPage *page)
{
  g_autoptr(GFile) keep = g_object_ref (file);

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))));
  cc_window_open (self, keep);
}

/* Ctrl+Shift+F: on the start page, its search; over a project, the start
 * page in a window of its own, ready to search. */
static void
search_projects_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);
  CcStartPage *page;
  GtkWidget *dialog, *box, *header;

  if (cc_window_is_untouched (self))
    {
      gtk_widget_grab_focus (cc_start_page_get_search_entry (self->start_page));
      return;
    }
  page = cc_start_page_new ();
  cc_start_page_set_store (page, cc_store_get_default (NULL));
  g_signal_connect_object (page, "open-hit", G_CALLBACK (search_dialog_open_hit_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "new-project", G_CALLBACK (search_dialog_new_project_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "open", G_CALLBACK (search_dialog_open_cb), self, G_CONNECT_SWAPPED);

  dialog = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (dialog), _("Search All Projects"));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 900, 640);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (page));
  adw_window_set_content (ADW_WINDOW (dialog), box);
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (dialog, keys);
  }
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (cc_start_page_get_search_entry (page));
}

/* Ctrl+Shift+R: the bar that reveals a map step by step, under it; hidden,
 * the whole map shows again. */
static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);
  gboolean show = !gtk_revealer_get_reveal_child (self->reveal_revealer);

  if (show && (self->sheet == NULL || cc_item_get_kind (self->sheet) != CC_KIND_MAP))
    return;
  if (!show)
    cc_reveal_bar_reset (self->reveal_bar);
  gtk_revealer_set_reveal_child (self->reveal_revealer, show);
  if (show)
    gtk_widget_grab_focus (GTK_WIDGET (self->sheet_view));
}

/* A saved view of the map shown, by its id: the reveal bar under the map,
 * showing it. The details panel's list of views asks for it; the focus
 * stays there, so that one view after another can be looked at. */
static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);
  CcItem *view = self->project != NULL ? cc_project_lookup (self->project, g_variant_get_string (parameter, NULL))
                                       : NULL;

  if (view == NULL || cc_item_get_kind (view) != CC_KIND_VIEW || self->sheet == NULL
      || cc_item_get_parent (view) != self->sheet)
    return;
  gtk_revealer_set_reveal_child (self->reveal_revealer, TRUE);
  cc_reveal_bar_show_view (self->reveal_bar, cc_item_get_index (view));
}

/* ---- the countdown ------------------------------------------------------ */

/* Shows or hides the countdown over the sheet. Hidden, it goes on counting,
 * so a glance at it later says how long is left. */
static void
countdown_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);
  GtkWidget *countdown = GTK_WIDGET (self->countdown);

  gtk_widget_set_visible (countdown, !gtk_widget_get_visible (countdown));
}

/* ---- enabling ----------------------------------------------------------- */

/* What can be done now: called whenever the project, the sheet shown, the
 * zoom or the history changes. */
void
_cc_window_actions_update (CcWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean welcome = cc_window_is_untouched (self);
  gboolean has_sheet = self->sheet != NULL;
  guint n_sheets = self->project != NULL ? cc_project_get_n_sheets (self->project) : 0;
  guint index = has_sheet ? cc_item_get_index (self->sheet) : 0;
  double zoom = cc_sheet_view_get_zoom (self->sheet_view);

  gtk_widget_action_set_enabled (widget, "win.save", !welcome);
  gtk_widget_action_set_enabled (widget, "win.present", self->sheet != NULL || self->presenting);
  gtk_widget_action_set_enabled (widget, "win.save-as", !welcome);
  gtk_widget_action_set_enabled (widget, "win.project-properties", !welcome);
  gtk_widget_action_set_enabled (widget, "win.undo",
                                 self->project != NULL && cc_project_can_undo (self->project));
  gtk_widget_action_set_enabled (widget, "win.redo",
                                 self->project != NULL && cc_project_can_redo (self->project));
  gtk_widget_action_set_enabled (widget, "win.zoom-in", has_sheet && zoom < CC_SHEET_VIEW_MAX_ZOOM);
  gtk_widget_action_set_enabled (widget, "win.zoom-out", has_sheet && zoom > CC_SHEET_VIEW_MIN_ZOOM);
  gtk_widget_action_set_enabled (widget, "win.zoom-fit", has_sheet);
  gtk_widget_action_set_enabled (widget, "win.add-sheet", !welcome || self->project != NULL);
  gtk_widget_action_set_enabled (widget, "win.print", !welcome && n_sheets > 0);
  gtk_widget_action_set_enabled (widget, "win.export", !welcome && n_sheets > 0);
  gtk_widget_action_set_enabled (widget, "win.rename-sheet", has_sheet);
  gtk_widget_action_set_enabled (widget, "win.duplicate-sheet",
                                 has_sheet && cc_item_get_kind (self->sheet) != CC_KIND_NEWER_SHEET);
  gtk_widget_action_set_enabled (widget, "win.delete-sheet", has_sheet);
  gtk_widget_action_set_enabled (widget, "win.delete-sheet-key", has_sheet);
  gtk_widget_action_set_enabled (widget, "win.find", has_sheet && cc_item_get_kind (self->sheet) == CC_KIND_MAP);
  gtk_widget_action_set_enabled (widget, "win.reveal", has_sheet && cc_item_get_kind (self->sheet) == CC_KIND_MAP);
  gtk_widget_action_set_enabled (widget, "win.show-view", has_sheet && cc_item_get_kind (self->sheet) == CC_KIND_MAP);
  if (!has_sheet || cc_item_get_kind (self->sheet) != CC_KIND_MAP)
    gtk_revealer_set_reveal_child (self->reveal_revealer, FALSE);
  cc_reveal_bar_update (self->reveal_bar);
  gtk_widget_action_set_enabled (widget, "win.next-sheet", has_sheet && index + 1 < n_sheets);
  gtk_widget_action_set_enabled (widget, "win.previous-sheet", has_sheet && index > 0);
}

void
_cc_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", NULL, open_example_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-inspector", NULL, toggle_inspector_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-outline", NULL, toggle_outline_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.reveal", NULL, reveal_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.reveal", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.search-projects", NULL, search_projects_action);
  gtk_widget_class_install_action (widget_class, "win.add-sheet", "s", add_sheet_action);
  gtk_widget_class_install_action (widget_class, "win.rename-sheet", NULL, rename_sheet_action);
  gtk_widget_class_install_action (widget_class, "win.project-properties", NULL, project_properties_action);
  gtk_widget_class_install_action (widget_class, "win.open-exported", "s", open_exported_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-sheet", NULL, duplicate_sheet_action);
  gtk_widget_class_install_action (widget_class, "win.delete-sheet", NULL, delete_sheet_action);
  gtk_widget_class_install_action (widget_class, "win.delete-sheet-key", NULL, delete_sheet_action);
  gtk_widget_class_install_action (widget_class, "win.next-sheet", NULL, step_sheet_action);
  gtk_widget_class_install_action (widget_class, "win.previous-sheet", NULL, step_sheet_action);
  gtk_widget_class_install_action (widget_class, "win.countdown", NULL, countdown_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.countdown", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-inspector", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.toggle-outline", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.search-projects", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.rename-sheet", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK, "win.project-properties", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-sheet-key", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "win.next-sheet", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "win.previous-sheet", NULL);
}
