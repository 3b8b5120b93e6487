/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-recovery-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-bidi.h"
#include "cc-recovery-dialog.h"

struct _CcRecoveryDialog
{
  AdwWindow      parent_instance;

  CcWindow      *parent;   /* weak */
  CcStore       *store;
  GPtrArray     *orphans;  /* CcSnapshotInfo, in the rows' order */
  GtkListBox    *list;
  AdwToastOverlay *toasts;
};

G_DEFINE_FINAL_TYPE (CcRecoveryDialog, cc_recovery_dialog, ADW_TYPE_WINDOW)

/* "today at 14:05", "yesterday at 09:30", "3 November 2026 at 17:00" */
static char *
format_when (gint64 taken)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (taken / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = NULL;
  int days;

  if (when == NULL)
    return g_strdup (_("at an unknown time"));
  time = g_date_time_format (when, "%H:%M");
  days = g_date_time_get_day_of_year (now) - g_date_time_get_day_of_year (when);
  if (g_date_time_get_year (now) == g_date_time_get_year (when) && days == 0)
    return g_strdup_printf (_("today at %s"), time);
  if (g_date_time_get_year (now) == g_date_time_get_year (when) && days == 1)
    return g_strdup_printf (_("yesterday at %s"), time);
  {
    g_autofree char *date = cc_date_format_long (when);

    return g_strdup_printf (_("%s at %s"), date, time);
  }
}

static char *
describe (const CcSnapshotInfo *info)
{
  g_autofree char *where = NULL;
  g_autofree char *when = format_when (info->taken);
  g_autofree char *sheets = NULL;

  if (info->uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (info->uri);

      where = g_file_get_parse_name (file);
    }
  else
    where = g_strdup (_("Never saved"));
  if (info->sheets != NULL && info->sheets[0] != NULL)
    {
      guint n = g_strv_length (info->sheets);
      g_autoptr(GString) list = g_string_new (NULL);
      g_autofree char *first = NULL;

      /* The first few by name: enough to know the project by */
      for (guint i = 0; i < MIN (n, 3); i++)
        {
          if (i > 0)
            g_string_append (list, ", ");
          cc_bidi_append (list, info->sheets[i]);
        }
      if (n > 3)
        first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %u more", "%s and %u more", n - 3),
                                 list->str, n - 3);
      else
        first = g_strdup (list->str);
      sheets = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sheet: %s", "%u sheets: %s", n), n, first);
    }
  else
    sheets = g_strdup (_("No sheets"));
  /* Translators: the file, when the work was kept, and the sheets */
  return g_strdup_printf (_("%s\nKept %s · %s"), where, when, sheets);
}

static guint
row_index_of (CcRecoveryDialog *self, GtkWidget *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX_ROW);

  return row != NULL ? (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : G_MAXUINT;
}

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
remove_row (CcRecoveryDialog *self, guint index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) index);

  if (row != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
  g_ptr_array_remove_index (self->orphans, index);
  /* Nothing left to decide: close once the confirmation (which is ours)
   * has gone */
  if (self->orphans->len == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
}

static void
restore_clicked_cb (GtkButton *button, CcRecoveryDialog *self)
{
  guint index = row_index_of (self, GTK_WIDGET (button));
  g_autoptr(GError) error = NULL;
  CcWindow *window;

  if (index >= self->orphans->len || self->parent == NULL)
    return;
  window = cc_window_restore_snapshot (self->parent, self->store, self->orphans->pdata[index], &error);
  if (window == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not restore it: %s"), error->message);

      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
      return;
    }
  remove_row (self, index);
}

static void
discard_response_cb (AdwMessageDialog *dialog, const char *response, CcRecoveryDialog *self)
{
  const CcSnapshotInfo *info = g_object_get_data (G_OBJECT (dialog), "cc-info");

  if (g_strcmp0 (response, "discard") != 0 || info == NULL)
    return;
  for (guint i = 0; i < self->orphans->len; i++)
    if (self->orphans->pdata[i] == info)
      {
        cc_store_drop_snapshot (self->store, info->doc);
        remove_row (self, i);
        break;
      }
}

static void
discard_clicked_cb (GtkButton *button, CcRecoveryDialog *self)
{
  guint index = row_index_of (self, GTK_WIDGET (button));
  const CcSnapshotInfo *info;
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (index >= self->orphans->len)
    return;
  info = self->orphans->pdata[index];
  title = cc_bidi_isolate (info->title[0] ? info->title : _("Untitled Project"));
  heading = g_strdup_printf (_("Discard the Unsaved Work on “%s”?"), title);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The changes kept when Concord stopped will be lost for good."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "cc-info", (gpointer) info);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_row (CcRecoveryDialog *self, const CcSnapshotInfo *info)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore"));
  GtkWidget *discard = gtk_button_new_with_mnemonic (_("_Discard"));
  g_autofree char *subtitle = describe (info);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->title[0] ? info->title : _("Untitled Project"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_add_css_class (restore, "suggested-action");
  gtk_widget_add_css_class (discard, "destructive-action");
  gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (discard, GTK_ALIGN_CENTER);
  gtk_widget_set_name (restore, "restore");
  gtk_widget_set_name (discard, "discard");
  g_signal_connect_object (restore, "clicked", G_CALLBACK (restore_clicked_cb), self, 0);
  g_signal_connect_object (discard, "clicked", G_CALLBACK (discard_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), discard);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore);
  return row;
}

static void
cc_recovery_dialog_dispose (GObject *object)
{
  CcRecoveryDialog *self = CC_RECOVERY_DIALOG (object);

  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->store);
  g_clear_pointer (&self->orphans, g_ptr_array_unref);
  G_OBJECT_CLASS (cc_recovery_dialog_parent_class)->dispose (object);
}

static void
cc_recovery_dialog_class_init (CcRecoveryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_recovery_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cc_recovery_dialog_init (CcRecoveryDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *intro = gtk_label_new (_("Concord stopped before this work was saved. Restore it to carry on "
                                      "where you were, or discard it. Work you do not decide on now is "
                                      "offered again next time."));
  GtkWidget *later = gtk_button_new_with_mnemonic (_("Decide _Later"));

  gtk_window_set_title (GTK_WINDOW (self), _("Recover Unsaved Work"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 460);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Unsaved work"), -1);
  gtk_widget_set_halign (later, GTK_ALIGN_END);
  g_signal_connect_swapped (later, "clicked", G_CALLBACK (gtk_window_close), self);

  gtk_box_append (GTK_BOX (content), intro);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (content), later);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, scrolled);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
}

CcRecoveryDialog *
cc_recovery_dialog_new (CcWindow *parent, CcStore *store, GPtrArray *orphans)
{
  CcRecoveryDialog *self;

  g_return_val_if_fail (CC_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (orphans != NULL, NULL);

  self = g_object_new (CC_TYPE_RECOVERY_DIALOG, "transient-for", parent, NULL);
  g_set_weak_pointer (&self->parent, parent);
  self->store = g_object_ref (store);
  self->orphans = g_ptr_array_ref (orphans);
  for (guint i = 0; i < orphans->len; i++)
    gtk_list_box_append (self->list, create_row (self, orphans->pdata[i]));
  return self;
}

GtkListBox *
cc_recovery_dialog_get_list (CcRecoveryDialog *self)
{
  g_return_val_if_fail (CC_IS_RECOVERY_DIALOG (self), NULL);
  return self->list;
}

static GtkWidget *
find_named (GtkWidget *widget, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
cc_recovery_dialog_get_button (CcRecoveryDialog *self, guint row, const char *which)
{
  GtkListBoxRow *r;

  g_return_val_if_fail (CC_IS_RECOVERY_DIALOG (self), NULL);
  r = gtk_list_box_get_row_at_index (self->list, (int) row);
  return r != NULL ? find_named (GTK_WIDGET (r), which) : NULL;
}
