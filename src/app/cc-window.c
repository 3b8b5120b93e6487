/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-application.h"
#include "cc-bidi.h"
#include "cc-map-edit.h"
#include "cc-store.h"
#include "cc-window-private.h"

G_DEFINE_FINAL_TYPE (CcWindow, cc_window, ADW_TYPE_APPLICATION_WINDOW)

/* ---- helpers ------------------------------------------------------------ */

gboolean
_cc_window_settings_has_key (GSettings  *settings,
                             const char *key,
                             const char *type)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;

  if (settings == NULL)
    return FALSE;
  g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return FALSE;
  schema_key = g_settings_schema_get_key (schema, key);
  return g_variant_type_equal (g_settings_schema_key_get_value_type (schema_key),
                               G_VARIANT_TYPE (type));
}

CcWindow *
_cc_window_pick_target (CcWindow *self)
{
  CcWindow *window;

  if (cc_window_is_untouched (self))
    return self;
  window = cc_window_new (gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* The dialog's response (its "cc-response") can be chosen while the entry
 * holds more than spaces. */
void
_cc_window_entry_enables_response_cb (GtkEditable      *entry,
                                      AdwMessageDialog *dialog)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, g_object_get_data (G_OBJECT (dialog), "cc-response"),
                                           title[0] != '\0');
}

/* ---- the title, and what the window shows ------------------------------- */

void
_cc_window_update_title (CcWindow *self)
{
  g_autofree char *display = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (self->project == NULL || cc_window_is_untouched (self))
    {
      adw_window_title_set_title (self->window_title, _("Concord"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Concord"));
      return;
    }

  display = cc_document_dup_title (self->document);
  if (cc_project_get_modified (self->project))
    {
      g_autofree char *isolated = cc_bidi_isolate (display);

      title = g_strdup_printf ("• %s", isolated);
    }
  else
    title = g_strdup (display);

  if (cc_window_get_file (self) != NULL)
    subtitle = cc_document_dup_file_name (cc_window_get_file (self));
  else if (cc_document_get_recovered_from (self->document) != NULL)
    {
      g_autofree char *isolated = cc_bidi_isolate (cc_document_get_recovered_from (self->document));

      subtitle = g_strdup_printf (_("Recovered from %s"), isolated);
    }
  else if (cc_document_get_is_example (self->document))
    subtitle = g_strdup (_("Example — not saved"));
  else
    subtitle = g_strdup (_("Not saved"));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

void
_cc_window_update_state (CcWindow *self)
{
  gboolean welcome = cc_window_is_untouched (self);

  if (welcome && g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "welcome") != 0)
    cc_start_page_reload (self->start_page);
  gtk_stack_set_visible_child_name (self->main_stack, welcome ? "welcome" : "project");
  gtk_stack_set_visible_child_name (self->view_stack, self->sheet != NULL ? "sheet" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), !welcome);
  gtk_widget_set_visible (self->outline_button, !welcome);
}

static void
project_notify_cb (CcWindow *self)
{
  _cc_window_update_title (self);
  _cc_window_update_state (self);
  _cc_window_actions_update (self);
}

static void
zoom_changed_cb (CcWindow *self)
{
  g_autofree char *text = g_strdup_printf ("%.0f%%", cc_sheet_view_get_zoom (self->sheet_view) * 100);

  gtk_label_set_text (self->zoom_label, text);
  _cc_window_actions_update (self);
}

/* The sheet view's floating toolbar (the type of new links, the legend
 * switch), if it shows one. */
static GtkWidget *
sheet_toolbar (CcWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sheet_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "sheet-tools"))
      return gtk_widget_get_visible (child) ? child : NULL;
  return NULL;
}

/* The countdown keeps to the sheet's top-right corner, and goes below the
 * sheet's toolbar where the two would meet (a narrow window, the panels
 * open), so that it never covers what is in the toolbar. */
static gboolean
overlay_child_position_cb (CcWindow     *self,
                           GtkWidget    *child,
                           GdkRectangle *allocation,
                           GtkOverlay   *overlay)
{
  GtkWidget *toolbar;
  graphene_rect_t tools;
  int width, height, minimum, dummy;

  if (child != GTK_WIDGET (self->countdown))
    return FALSE;
  /* Sizes and the allocation are with the child's margins. */
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &width, NULL, NULL);
  width = MAX (minimum, MIN (width, gtk_widget_get_width (GTK_WIDGET (self->sheet_view))));
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &dummy, &height, NULL, NULL);
  allocation->width = width;
  allocation->height = height;
  allocation->x = MAX (gtk_widget_get_width (GTK_WIDGET (self->sheet_view)) - width, 0);
  allocation->y = 0;
  toolbar = sheet_toolbar (self);
  if (toolbar != NULL && gtk_widget_compute_bounds (toolbar, GTK_WIDGET (overlay), &tools)
      && allocation->x + gtk_widget_get_margin_start (child) < tools.origin.x + tools.size.width + 12)
    allocation->y = (int) ceil (tools.origin.y + tools.size.height);
  return TRUE;
}

static void
save_window_state (CcWindow *self)
{
  GSettings *settings = cc_application_get_settings ();
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width, height;

  if (_cc_window_settings_has_key (settings, "window-maximized", "b"))
    g_settings_set_boolean (settings, "window-maximized", maximized);
  if (maximized)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && _cc_window_settings_has_key (settings, "window-width", "i"))
    g_settings_set_int (settings, "window-width", width);
  if (height > 0 && _cc_window_settings_has_key (settings, "window-height", "i"))
    g_settings_set_int (settings, "window-height", height);
}

static void
restore_window_state (CcWindow *self)
{
  GSettings *settings = cc_application_get_settings ();
  int width = 0, height = 0;

  if (_cc_window_settings_has_key (settings, "window-width", "i"))
    width = g_settings_get_int (settings, "window-width");
  if (_cc_window_settings_has_key (settings, "window-height", "i"))
    height = g_settings_get_int (settings, "window-height");
  if (width >= 360 && height >= 294)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (_cc_window_settings_has_key (settings, "window-maximized", "b")
      && g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* ---- banners ------------------------------------------------------------ */

void
_cc_window_show_banner (CcWindow   *self,
                        const char *text)
{
  gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
hide_banner (CcWindow *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
dismiss_banner_cb (CcWindow *self)
{
  hide_banner (self);
}

/* Someone else may change or delete the file while it is open here; the
 * document's watch tells (cc-document.c). The window never picks for the
 * user: a banner offers the choices, and a save over another version asks
 * first (cc-window-file.c). */

void
_cc_window_show_disk_banner (CcWindow   *self,
                             const char *text,
                             gboolean    offer_reload)
{
  gtk_label_set_text (self->disk_label, text);
  gtk_widget_set_visible (self->disk_reload_button, offer_reload);
  gtk_widget_set_visible (self->disk_keep_button, offer_reload);
  gtk_widget_set_visible (self->disk_dismiss_button, !offer_reload);
  gtk_revealer_set_reveal_child (self->disk_revealer, TRUE);
}

void
_cc_window_hide_disk_banner (CcWindow *self)
{
  gtk_revealer_set_reveal_child (self->disk_revealer, FALSE);
}

static void
disk_reload_cb (CcWindow *self)
{
  _cc_window_reload (self);
}

static void
disk_keep_cb (CcWindow *self)
{
  _cc_window_hide_disk_banner (self);
  /* The next save sees the newer version on disk and asks. Until then,
   * closing asks too. */
  cc_document_keep_mine (self->document);
}

static void
disk_dismiss_cb (CcWindow *self)
{
  _cc_window_hide_disk_banner (self);
}

/* ---- toasts ------------------------------------------------------------- */

/* Notifications of what was just deleted, with Undo. Each undoes exactly
 * the step it announced, and goes as soon as that step is no longer the
 * last one: undone, or followed by another edit. */
static void
undo_toast_dismissed_cb (AdwToast *toast,
                         CcWindow *self)
{
  g_ptr_array_remove (self->undo_toasts, toast);
}

static void
undo_toast_clicked_cb (AdwToast *toast,
                       CcWindow *self)
{
  guint64 step = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "cc-undo-step"));

  if (self->project != NULL && step != 0 && cc_project_get_undo_step (self->project) == step)
    cc_project_undo (self->project);
}

/* libadwaita 1.2 frees a toast dismissed while it still slides in twice,
 * and crashes when the animation ends; so a toast that is no longer right
 * leaves the list at once (its Undo does nothing from then on) and is
 * dismissed once it has settled. */
#define TOAST_SETTLE_USEC (600 * G_TIME_SPAN_MILLISECOND)

static gboolean
dismiss_settled_cb (gpointer data)
{
  adw_toast_dismiss (ADW_TOAST (data));
  return G_SOURCE_REMOVE;
}

static void
dismiss_undo_toasts (CcWindow *self,
                     gboolean  all)
{
  guint64 step = self->project != NULL && !all ? cc_project_get_undo_step (self->project) : 0;
  gint64 now = g_get_monotonic_time ();

  for (guint i = self->undo_toasts->len; i > 0; i--)
    {
      AdwToast *toast = self->undo_toasts->pdata[i - 1];
      gint64 age = now - GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "cc-shown-at"));

      if (step != 0 && GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "cc-undo-step")) == step)
        continue;
      g_object_set_data (G_OBJECT (toast), "cc-undo-step", NULL);
      toast = g_ptr_array_steal_index (self->undo_toasts, i - 1);
      if (age >= TOAST_SETTLE_USEC)
        {
          adw_toast_dismiss (toast);
          g_object_unref (toast);
        }
      else
        g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) ((TOAST_SETTLE_USEC - age) / 1000) + 1, dismiss_settled_cb,
                            toast, g_object_unref);
    }
}

static void
undo_step_notify_cb (CcWindow *self)
{
  dismiss_undo_toasts (self, FALSE);
}

void
_cc_window_show_undo_toast (CcWindow   *self,
                            const char *text)
{
  guint64 step = self->project != NULL ? cc_project_get_undo_step (self->project) : 0;
  AdwToast *toast;

  if (step == 0 || step > G_MAXSIZE)
    return;  /* nothing was done that Undo would take back */
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (toast), "cc-undo-step", GSIZE_TO_POINTER ((gsize) step));
  g_object_set_data (G_OBJECT (toast), "cc-shown-at", GSIZE_TO_POINTER ((gsize) g_get_monotonic_time ()));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_toast_clicked_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self, 0);
  g_ptr_array_add (self->undo_toasts, g_object_ref (toast));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
view_deleted_cb (CcWindow    *self,
                 const char  *message,
                 CcSheetView *view)
{
  _cc_window_show_undo_toast (self, message);
}

static void
outline_deleted_cb (CcWindow   *self,
                    const char *message,
                    CcOutline  *outline)
{
  _cc_window_show_undo_toast (self, message);
}

/* ---- following the document --------------------------------------------- */

/* The document holds another project (shown in place of the one before, or
 * reloaded): the window shows it from the start. */
static void
document_project_cb (CcWindow *self)
{
  /* Forget the old sheet before its project goes. */
  g_clear_pointer (&self->sheet, cc_item_unref);
  cc_sheet_view_set_sheet (self->sheet_view, NULL, NULL);
  cc_outline_set_selection (self->outline, NULL);
  cc_outline_set_selection (self->outline, self->selection);

  self->project = cc_document_get_project (self->document);
  self->close_after_save = FALSE;
  self->title_asked = FALSE;
  hide_banner (self);
  _cc_window_hide_disk_banner (self);

  g_signal_group_set_target (self->project_signals, self->project);
  dismiss_undo_toasts (self, TRUE);

  _cc_window_rebuild_sheet_list (self, 0);
  _cc_window_update_title (self);
  _cc_window_update_state (self);
  _cc_window_actions_update (self);

  /* Arrow keys pan, and the zoom keys work, right away. */
  if (self->sheet != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->sheet_view));
}

/* Saved to another file */
static void
document_file_cb (CcWindow *self)
{
  _cc_window_update_title (self);
}

static void
document_file_changed_cb (CcWindow *self)
{
  _cc_window_show_disk_banner (self, _("The file was changed by another program."), TRUE);
}

static void
document_file_deleted_cb (CcWindow *self)
{
  /* The document marked the project modified: what is shown is now the
   * only copy, so closing asks, and saving puts the file back. */
  _cc_window_show_disk_banner (self, _("The file was deleted or moved. Save to keep the project."), FALSE);
}

/* ---- keys and drops ----------------------------------------------------- */

/* Keys meant for the selection the sheet shows go to it wherever the
 * keyboard is, unless it is in a text field, the list of sheets or the
 * outline (which have their own F2 and Delete): after the details panel
 * was used, F2 renames the organisation, not the sheet. */
static gboolean
window_key_capture_cb (CcWindow              *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK);
  gboolean wanted;

  switch (keyval)
    {
    case GDK_KEY_F2:
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_0: case GDK_KEY_1: case GDK_KEY_2: case GDK_KEY_3: case GDK_KEY_4: case GDK_KEY_5:
      wanted = mods == 0;
      break;
    default:
      wanted = FALSE;
      break;
    }
  if (!wanted || self->sheet == NULL || cc_window_is_untouched (self)
      || cc_selection_get_n_items (self->selection) == 0 || focus == NULL
      || focus == GTK_WIDGET (self->sheet_view) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->sheet_view))
      || GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_EDITABLE) != NULL
      || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->sheet_list))
      || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->outline))
      || gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL
      || gtk_widget_get_root (focus) != GTK_ROOT (self))
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->sheet_view));
  return cc_sheet_view_handle_key (self->sheet_view, keyval, state);
}

static gboolean
drop_cb (CcWindow      *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files = NULL;
  gboolean handled = FALSE;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) && g_value_get_boxed (value) != NULL)
    files = gdk_file_list_get_files (g_value_get_boxed (value));
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE) && g_value_get_object (value) != NULL)
    files = g_slist_prepend (NULL, g_value_get_object (value));

  /* The first goes here if this window is empty, the rest into new ones. */
  for (GSList *l = files; l != NULL; l = l->next)
    {
      cc_window_open (self, l->data);
      handled = TRUE;
    }
  g_slist_free (files);
  return handled;
}

/* ---- the find bar, and bringing items into view ------------------------- */

static void
search_mode_cb (CcWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      g_clear_pointer (&self->matches, g_ptr_array_unref);
      if (self->sheet != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->sheet_view));
    }
}

static void
search_changed_cb (CcWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->matches, g_ptr_array_unref);
  gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
  /* Escape empties the entry as it closes the bar: what was found stays
   * selected, for the keys that follow. */
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    return;
  if (self->project == NULL || self->sheet == NULL || cc_item_get_kind (self->sheet) != CC_KIND_MAP)
    return;
  if (text[0] == '\0')
    {
      cc_selection_clear (self->selection);
      return;
    }
  self->matches = cc_map_find_nodes (self->project, self->sheet, text);
  self->match_index = G_MAXUINT;
  cc_selection_set_items (self->selection, self->matches);
  if (self->matches->len == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
}

/* Puts the point (@x, @y) of the sheet in the middle of the view. */
static void
centre_on_point (CcWindow *self,
                 double    x,
                 double    y)
{
  CcRect area;
  double zoom = cc_sheet_view_get_zoom (self->sheet_view);

  cc_sheet_view_get_visible_area (self->sheet_view, &area);
  cc_sheet_view_pan (self->sheet_view,
                     (x - (area.x + area.width / 2)) * zoom,
                     (y - (area.y + area.height / 2)) * zoom);
}

/* Puts @node in the middle of the view. */
static void
centre_on (CcWindow *self,
           CcItem   *node)
{
  double x, y;

  cc_sheet_view_get_node_centre (self->sheet_view, node, &x, &y);
  centre_on_point (self, x, y);
}

static void
search_next_cb (CcWindow *self)
{
  CcItem *node;

  if (self->matches == NULL)
    search_changed_cb (self);
  if (self->matches == NULL || self->matches->len == 0)
    return;
  self->match_index = self->match_index >= self->matches->len - 1 ? 0 : self->match_index + 1;
  node = g_ptr_array_index (self->matches, self->match_index);
  cc_selection_select (self->selection, node);
  centre_on (self, node);
}

/* Brings what was chosen in the outline into view, unless it is well in view. */
static void
outline_show_item_cb (CcWindow  *self,
                      CcItem    *item,
                      CcOutline *outline)
{
  CcRect area;
  double x, y, margin;

  if (self->project == NULL || item == NULL)
    return;
  if (cc_item_get_kind (item) == CC_KIND_NODE)
    {
      cc_sheet_view_get_node_centre (self->sheet_view, item, &x, &y);
    }
  else if (cc_item_get_kind (item) == CC_KIND_LINK)
    {
      CcItem *from = cc_project_lookup (self->project, cc_item_get_string (item, CC_LINK_FROM));
      CcItem *to = cc_project_lookup (self->project, cc_item_get_string (item, CC_LINK_TO));

      if (from == NULL || to == NULL)
        return;
      double x1, y1, x2, y2;

      cc_sheet_view_get_node_centre (self->sheet_view, from, &x1, &y1);
      cc_sheet_view_get_node_centre (self->sheet_view, to, &x2, &y2);
      x = (x1 + x2) / 2;
      y = (y1 + y2) / 2;
    }
  else
    return;

  cc_sheet_view_get_visible_area (self->sheet_view, &area);
  margin = MIN (area.width, area.height) / 8;
  if (x < area.x + margin || x > area.x + area.width - margin
      || y < area.y + margin || y > area.y + area.height - margin)
    centre_on_point (self, x, y);
}

/* From the inspector: a force that names the organisation shown. Its sheet
 * comes up with the force selected. */
static void
inspector_show_item_cb (CcWindow    *self,
                        CcItem      *item,
                        CcInspector *inspector)
{
  g_autoptr(CcItem) kept = NULL;
  CcItem *sheet;

  if (self->project == NULL || item == NULL || (sheet = cc_item_get_sheet (item)) == NULL)
    return;
  kept = cc_item_ref (item);
  cc_window_select_sheet (self, sheet);
  if (self->sheet == sheet)
    cc_selection_select (self->selection, kept);
}

/* ---- the start page ----------------------------------------------------- */

static void
window_active_cb (CcWindow   *self,
                  GParamSpec *pspec,
                  gpointer    data)
{
  if (gtk_window_is_active (GTK_WINDOW (self)) && cc_window_is_untouched (self))
    cc_start_page_reload (self->start_page);
}

static void
start_new_project_cb (CcWindow   *self,
                      const char *starting_point)
{
  cc_window_new_project (self, starting_point);
}

static void
start_open_cb (CcWindow *self,
               GFile    *file)
{
  cc_window_open (self, file);
}

/* Opens the project of a search hit (or goes to its window) and shows the
 * item found. */
void
_cc_window_open_hit (CcWindow   *self,
                     const char *uri,
                     const char *sheet_id,
                     const char *item_id)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  CcWindow *window = cc_window_lookup_for_file (application, file);

  if (window == NULL)
    {
      cc_window_open (self, file);
      window = cc_window_lookup_for_file (application, file);
    }
  if (window != NULL)
    cc_window_show_item (window, sheet_id, item_id);
}

static void
start_open_hit_cb (CcWindow   *self,
                   const char *uri,
                   const char *sheet_id,
                   const char *item_id)
{
  _cc_window_open_hit (self, uri, sheet_id, item_id);
}

/* ---- GObject ------------------------------------------------------------ */

static gboolean
cc_window_close_request (GtkWindow *window)
{
  CcWindow *self = CC_WINDOW (window);

  if (!self->force_close && self->project != NULL && cc_project_get_modified (self->project))
    {
      _cc_window_ask_save_changes (self);
      return TRUE;
    }

  save_window_state (self);
  return GTK_WINDOW_CLASS (cc_window_parent_class)->close_request (window);
}

static void
cc_window_dispose (GObject *object)
{
  CcWindow *self = CC_WINDOW (object);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  if (self->close_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->close_dialog), (gpointer *) &self->close_dialog);
      self->close_dialog = NULL;
    }
  if (self->disk_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->disk_dialog), (gpointer *) &self->disk_dialog);
      self->disk_dialog = NULL;
    }
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->project_signals != NULL)
    g_signal_group_set_target (self->project_signals, NULL);
  g_clear_object (&self->project_signals);
  /* A window closed as the user chose leaves nothing to recover; one gone
   * any other way with changes not saved keeps them, as a crash would */
  if (self->document != NULL && (self->force_close || !cc_project_get_modified (self->project)))
    cc_document_discard_autosave (self->document);
  if (self->sheet_popover != NULL)
    g_clear_pointer (&self->sheet_popover, gtk_widget_unparent);
  if (self->inspector != NULL)
    cc_inspector_set_selection (self->inspector, NULL);
  if (self->outline != NULL)
    cc_outline_set_selection (self->outline, NULL);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->sheet, cc_item_unref);
  self->project = NULL;
  g_clear_object (&self->document);

  _cc_window_present_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_WINDOW);

  G_OBJECT_CLASS (cc_window_parent_class)->dispose (object);
}

static void
cc_window_finalize (GObject *object)
{
  CcWindow *self = CC_WINDOW (object);

  g_ptr_array_unref (self->undo_toasts);

  G_OBJECT_CLASS (cc_window_parent_class)->finalize (object);
}

static void
cc_window_class_init (CcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cc_window_dispose;
  object_class->finalize = cc_window_finalize;
  window_class->close_request = cc_window_close_request;

  g_type_ensure (CC_TYPE_SHEET_VIEW);
  g_type_ensure (CC_TYPE_INSPECTOR);
  g_type_ensure (CC_TYPE_OUTLINE);
  g_type_ensure (CC_TYPE_START_PAGE);
  g_type_ensure (CC_TYPE_REVEAL_BAR);
  g_type_ensure (CC_TYPE_COUNTDOWN);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/cc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CcWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, outline_button);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, sheet_list);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, disk_revealer);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, disk_label);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, disk_reload_button);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, disk_keep_button);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, disk_dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, sheet_view);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, reveal_revealer);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, reveal_bar);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, countdown);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, inspector_revealer);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, outline_revealer);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, outline);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, sheet_menu);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, add_sheet_menu);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, sidebar);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_banner_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_new_project_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_open_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_open_hit_cb);
  gtk_widget_class_bind_template_callback (widget_class, disk_reload_cb);
  gtk_widget_class_bind_template_callback (widget_class, disk_keep_cb);
  gtk_widget_class_bind_template_callback (widget_class, disk_dismiss_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, overlay_child_position_cb);

  _cc_window_class_actions_init (widget_class);
  _cc_window_class_sheets_init (widget_class);
  _cc_window_class_present_init (widget_class);
}

static void
cc_window_init (CcWindow *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  self->undo_toasts = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (window_key_capture_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }

  g_signal_connect_object (self->sheet_view, "deleted", G_CALLBACK (view_deleted_cb), self, G_CONNECT_SWAPPED);
  /* One selection: what is clicked on the map is what the inspector edits. */
  self->selection = g_object_ref (cc_sheet_view_get_selection (self->sheet_view));
  cc_inspector_set_selection (self->inspector, self->selection);
  cc_outline_set_selection (self->outline, self->selection);
  cc_reveal_bar_set_view (self->reveal_bar, self->sheet_view);
  g_signal_connect_object (self->outline, "show-item", G_CALLBACK (outline_show_item_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inspector, "show-item", G_CALLBACK (inspector_show_item_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outline, "deleted", G_CALLBACK (outline_deleted_cb), self, G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  _cc_window_sheets_init (self);
  _cc_window_present_init (self);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_swapped (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  cc_start_page_set_store (self->start_page, cc_store_get_default (NULL));
  /* What other windows opened or saved meanwhile shows when this one is
   * used again */
  g_signal_connect (self, "notify::is-active", G_CALLBACK (window_active_cb), NULL);

  restore_window_state (self);

  /* The window follows its document's project, whatever replaces it. */
  self->project_signals = g_signal_group_new (CC_TYPE_PROJECT);
  g_signal_group_connect_object (self->project_signals, "changed", G_CALLBACK (_cc_window_sheets_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->project_signals, "notify::modified", G_CALLBACK (project_notify_cb), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->project_signals, "notify::title", G_CALLBACK (project_notify_cb), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->project_signals, "notify::can-undo", G_CALLBACK (project_notify_cb), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->project_signals, "notify::can-redo", G_CALLBACK (project_notify_cb), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->project_signals, "notify::undo-step", G_CALLBACK (undo_step_notify_cb), self,
                                 G_CONNECT_SWAPPED);

  self->document = cc_document_new ();
  g_signal_connect_object (self->document, "notify::project", G_CALLBACK (document_project_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::file", G_CALLBACK (document_file_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "file-changed", G_CALLBACK (document_file_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "file-deleted", G_CALLBACK (document_file_deleted_cb), self,
                           G_CONNECT_SWAPPED);
  document_project_cb (self);
  zoom_changed_cb (self);
}

/* ---- public API --------------------------------------------------------- */

CcWindow *
cc_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (CC_TYPE_WINDOW, "application", application, NULL);
}

void
cc_window_set_project (CcWindow  *self,
                       CcProject *project,
                       GFile     *file)
{
  g_return_if_fail (CC_IS_WINDOW (self));
  g_return_if_fail (CC_IS_PROJECT (project));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  cc_document_set_project (self->document, project, file);
}

CcProject *
cc_window_get_project (CcWindow *self)
{
  g_return_val_if_fail (CC_IS_WINDOW (self), NULL);
  return cc_document_get_project (self->document);
}

GFile *
cc_window_get_file (CcWindow *self)
{
  g_return_val_if_fail (CC_IS_WINDOW (self), NULL);
  return cc_document_get_file (self->document);
}

/* The project shown, its file, and what watches and keeps them. */
CcDocument *
cc_window_get_document (CcWindow *self)
{
  g_return_val_if_fail (CC_IS_WINDOW (self), NULL);
  return self->document;
}

/**
 * cc_window_is_untouched:
 *
 * Returns: TRUE when the window holds the empty project it started with,
 * so that opening a file may replace it.
 */
gboolean
cc_window_is_untouched (CcWindow *self)
{
  g_return_val_if_fail (CC_IS_WINDOW (self), FALSE);

  return cc_document_is_untouched (self->document);
}

CcItem *
cc_window_get_sheet (CcWindow *self)
{
  g_return_val_if_fail (CC_IS_WINDOW (self), NULL);
  return self->sheet;
}

void
cc_window_select_sheet (CcWindow *self,
                        CcItem   *sheet)
{
  g_return_if_fail (CC_IS_WINDOW (self));
  g_return_if_fail (sheet == NULL || _cc_window_project_has_sheet (self->project, sheet));

  _cc_window_show_sheet (self, sheet);
}

CcSheetView *
cc_window_get_sheet_view (CcWindow *self)
{
  g_return_val_if_fail (CC_IS_WINDOW (self), NULL);
  return self->sheet_view;
}

CcCountdown *
cc_window_get_countdown (CcWindow *self)
{
  g_return_val_if_fail (CC_IS_WINDOW (self), NULL);
  return self->countdown;
}

GtkListBox *
cc_window_get_sheet_list (CcWindow *self)
{
  g_return_val_if_fail (CC_IS_WINDOW (self), NULL);
  return self->sheet_list;
}

CcWindow *
cc_window_lookup_for_file (GtkApplication *application,
                           GFile          *file)
{
  GListModel *toplevels;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (CC_IS_WINDOW (window)
          && gtk_window_get_application (window) == application
          && cc_window_get_file (CC_WINDOW (window)) != NULL
          && g_file_equal (cc_window_get_file (CC_WINDOW (window)), file))
        return CC_WINDOW (window);
    }
  return NULL;
}

/**
 * cc_window_restore_snapshot:
 *
 * Opens the project of an autosave snapshot left by a Concord that did not
 * close cleanly: in this window if it is untouched, else in a new one. The
 * project comes back as it was at the snapshot, marked modified and bound
 * to its file if it had one, and the window goes on keeping the snapshot.
 *
 * Returns: (transfer none): the window, or NULL with @error set.
 */
CcWindow *
cc_window_restore_snapshot (CcWindow             *self,
                            CcStore              *store,
                            const CcSnapshotInfo *info,
                            GError              **error)
{
  g_autoptr(CcProject) project = NULL;
  CcWindow *target;

  g_return_val_if_fail (CC_IS_WINDOW (self), NULL);
  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (info != NULL, NULL);

  project = cc_document_read_snapshot (store, info, error);
  if (project == NULL)
    return NULL;

  target = _cc_window_pick_target (self);
  /* Saved again since the work was kept (here or elsewhere): say so */
  if (cc_document_restore (target->document, project, info))
    _cc_window_show_disk_banner (target, _("The file was saved again after this work was kept. Keep the restored "
                                           "work, or reload the file as it is now."), TRUE);
  _cc_window_update_title (target);
  _cc_window_update_state (target);
  _cc_window_actions_update (target);
  return target;
}

/**
 * cc_window_show_item:
 *
 * Shows the sheet of id @sheet_id (if any) with the item of id @item_id
 * (if any) selected and in view, as a search hit asks.
 */
void
cc_window_show_item (CcWindow   *self,
                     const char *sheet_id,
                     const char *item_id)
{
  CcItem *sheet = NULL, *item = NULL;

  g_return_if_fail (CC_IS_WINDOW (self));

  if (self->project == NULL)
    return;
  if (sheet_id != NULL)
    sheet = cc_project_find_sheet (self->project, sheet_id);
  if (item_id != NULL)
    item = cc_project_lookup (self->project, item_id);
  if (sheet == NULL && item != NULL)
    sheet = cc_item_get_sheet (item);
  if (sheet != NULL)
    cc_window_select_sheet (self, sheet);
  if (item != NULL && cc_item_get_sheet (item) == self->sheet)
    {
      cc_selection_select (self->selection, item);
      outline_show_item_cb (self, item, NULL);
    }
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * cc_window_new_project:
 * @starting_point: "empty", "map", "forcefield" or "canvas"
 *
 * Starts a new project (in this window if it is untouched, else in a new
 * one): empty, or with a first sheet of the kind chosen. It is not modified
 * until the first edit, and Save asks where to keep it.
 *
 * Returns: (transfer none): the window.
 */
CcWindow *
cc_window_new_project (CcWindow   *self,
                       const char *starting_point)
{
  g_autoptr(CcProject) project = cc_project_new ();
  CcWindow *target;

  g_return_val_if_fail (CC_IS_WINDOW (self), NULL);

  target = _cc_window_pick_target (self);
  /* No title yet: the window says "Untitled Project", and the first save
   * asks for one, so that no handout is headed "Untitled Project". */
  cc_window_set_project (target, project, NULL);
  cc_document_set_is_new (target->document, TRUE);
  if (g_strcmp0 (starting_point, "map") == 0 || g_strcmp0 (starting_point, "forcefield") == 0
      || g_strcmp0 (starting_point, "canvas") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (target), "win.add-sheet", "s", starting_point);
      /* The starting point is not an edit to undo */
      cc_project_clear_history (project);
      cc_project_set_modified (project, FALSE);
    }
  _cc_window_update_title (target);
  _cc_window_update_state (target);
  _cc_window_actions_update (target);
  gtk_window_present (GTK_WINDOW (target));
  return target;
}
