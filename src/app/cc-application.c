/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-application"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-application.h"
#include "cc-cli.h"
#include "cc-recovery-dialog.h"
#include "cc-store.h"
#include "cc-window.h"

struct _CcApplication
{
  AdwApplication parent_instance;

  gboolean       local_state_checked;
};

G_DEFINE_FINAL_TYPE (CcApplication, cc_application, ADW_TYPE_APPLICATION)

#define EXAMPLE_NAME "community-planning.concord"

static CcWindow *
get_active_cc_window (CcApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return CC_IS_WINDOW (window) ? CC_WINDOW (window) : NULL;
}

static void
tell (CcWindow *window, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Once, when the first window is up: what became of the local database,
 * and the work a Concord that did not close cleanly left in it. */
static void
check_local_state (CcApplication *self, CcWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  CcStore *store;

  if (self->local_state_checked)
    return;
  self->local_state_checked = TRUE;

  store = cc_store_get_default (&error);
  if (store == NULL)
    {
      /* Translators: %s is why, as "The autosave database PATH is a folder, not a file" */
      g_autofree char *body = g_strdup_printf (_("%s.\n\nConcord works as usual, but without autosave, "
                                                 "recent projects or search across projects."),
                                               error != NULL ? error->message
                                                             : _("The autosave database could not be opened"));

      tell (window, _("No Autosave"), body);
      return;
    }
  if (cc_store_get_notice (store) != NULL)
    tell (window, _("Local Database Replaced"), cc_store_get_notice (store));

  orphans = cc_store_list_orphans (store);
  if (orphans->len > 0)
    gtk_window_present (GTK_WINDOW (cc_recovery_dialog_new (window, store, orphans)));
}

/* For the start-up benchmark (bench/cc-bench-startup.c): with
 * CONCORD_QUIT_AFTER_FIRST_FRAME set, the program prints when the window
 * painted a frame showing a sheet ("first-frame USEC", monotonic clock)
 * and ends. */
static void
first_frame_painted_cb (GdkFrameClock *clock,
                        GtkWidget     *window)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, window);
  /* When, on the clock the benchmark shares (CLOCK_MONOTONIC) */
  g_print ("first-frame %" G_GINT64_FORMAT " %s\n", g_get_monotonic_time (),
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static gboolean
wait_for_sheet_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  if (cc_window_get_sheet (CC_WINDOW (widget)) == NULL)
    return G_SOURCE_CONTINUE;
  /* This frame shows it: once it is painted. */
  g_signal_connect (clock, "after-paint", G_CALLBACK (first_frame_painted_cb), widget);
  return G_SOURCE_REMOVE;
}

static CcWindow *
create_window (CcApplication *self)
{
  CcWindow *window = cc_window_new (GTK_APPLICATION (self));

  if (g_getenv ("CONCORD_QUIT_AFTER_FIRST_FRAME") != NULL)
    gtk_widget_add_tick_callback (GTK_WIDGET (window), wait_for_sheet_cb, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  check_local_state (self, window);
  return window;
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  create_window (CC_APPLICATION (user_data));
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CcApplication *self = CC_APPLICATION (user_data);
  CcWindow *window = get_active_cc_window (self);

  if (window == NULL)
    window = create_window (self);
  cc_window_show_open_dialog (window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  CcApplication *self = CC_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Concord contributors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Concord"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Concord contributors"),
                        "developers", developers,
                        "comments", _("Map partnerships between public, private, voluntary and "
                                      "community organisations, weigh the forces for and against "
                                      "a change, and design the gains of working together."),
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_WEBSITE "/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© The Concord contributors"),
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* The shortcuts window, made when asked for: GTK would build one for every
 * window as it opens (from gtk/help-overlay.ui under the resource base
 * path), a sixth of the start-up */
static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  CcApplication *self = CC_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (APP_PATH "/ui/shortcuts.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (shortcuts, window);
  gtk_window_set_modal (shortcuts, window != NULL);
  gtk_window_present (shortcuts);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CcApplication *self = CC_APPLICATION (user_data);
  GList *windows = NULL;

  /* Each window closes itself, asking first when it holds unsaved
   * changes; the application ends when the last one has gone. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    windows = g_list_prepend (windows, g_object_ref (l->data));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);
}

static const GActionEntry app_actions[] = {
  { "new-window", new_window_action },
  { "open", open_action },
  { "about", about_action },
  { "shortcuts", shortcuts_action },
  { "quit", quit_action },
};

static void
cc_application_constructed (GObject *object)
{
  G_OBJECT_CLASS (cc_application_parent_class)->constructed (object);

  /* style.css is found under this path. */
  g_application_set_resource_base_path (G_APPLICATION (object), APP_PATH);
}

static void
cc_application_startup (GApplication *application)
{
  GtkApplication *app = GTK_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.new-window", { "<Primary>n", NULL } },
    { "app.open", { "<Primary>o", NULL } },
    { "app.quit", { "<Primary>q", NULL } },
    { "app.shortcuts", { "<Primary>question", NULL } },
  };

  G_APPLICATION_CLASS (cc_application_parent_class)->startup (application);

  g_set_application_name (_("Concord"));
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

/* Windows still open (the session ends, say) go now, keeping what they
 * have not saved; then every queued write reaches the database before the
 * process ends. */
static void
cc_application_shutdown (GApplication *application)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (application)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);
  G_APPLICATION_CLASS (cc_application_parent_class)->shutdown (application);
  /* What was left to record (a save's entry among the recent projects) */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  cc_store_reset_default ();
}

static void
cc_application_activate (GApplication *application)
{
  create_window (CC_APPLICATION (application));
}

static void
cc_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CcApplication *self = CC_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      CcWindow *window = cc_window_lookup_for_file (GTK_APPLICATION (self), files[i]);

      if (window != NULL)
        {
          gtk_window_present (GTK_WINDOW (window));
          continue;
        }
      window = create_window (self);
      cc_window_open (window, files[i]);
    }
}

static void
cc_application_class_init (CcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->constructed = cc_application_constructed;
  app_class->startup = cc_application_startup;
  app_class->shutdown = cc_application_shutdown;
  app_class->activate = cc_application_activate;
  app_class->open = cc_application_open;
}

static void
cc_application_init (CcApplication *self)
{
  cc_cli_describe_options (G_APPLICATION (self));
}

CcApplication *
cc_application_new (void)
{
  return g_object_new (CC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

GSettings *
cc_application_get_settings (void)
{
  static GSettings *settings;
  static gboolean looked_up;

  if (!looked_up)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      looked_up = TRUE;
      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
      if (schema != NULL)
        settings = g_settings_new_full (schema, NULL, NULL);
      else
        g_debug ("Settings schema %s not found; settings will not be kept", APP_ID);
    }
  return settings;
}

GFile *
cc_application_get_example_file (void)
{
  g_autofree char *installed = g_build_filename (PKGDATADIR, "examples", EXAMPLE_NAME, NULL);
  g_autofree char *source = NULL;

  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_file_new_for_path (installed);
  source = g_build_filename (SOURCE_DATADIR, "examples", EXAMPLE_NAME, NULL);
  return g_file_new_for_path (source);
}
