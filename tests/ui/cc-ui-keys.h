/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For widget tests: the main loop run until idle or for a while, and key
 * presses offered to a widget's own controllers (shortcut controllers and
 * key controllers) of one phase, as GTK would, without a real event. */

#include <gtk/gtk.h>

static G_GNUC_UNUSED void
iterate (void)
{
  for (int i = 0; i < 5; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static G_GNUC_UNUSED gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds. */
static G_GNUC_UNUSED void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  iterate ();
}

static G_GNUC_UNUSED gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     mods)
{
  const GdkModifierType mask = GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK | GDK_SUPER_MASK;

  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    return gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
           && (gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) & mask) == (mods & mask);
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, mods)
           || trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, mods);
  return FALSE;
}

/* Offers a key press to @widget's controllers of @phase, as GTK does. */
static G_GNUC_UNUSED gboolean
offer_key (GtkWidget           *widget,
           GtkPropagationPhase  phase,
           guint                keyval,
           GdkModifierType      mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;
      if (GTK_IS_SHORTCUT_CONTROLLER (controller))
        {
          /* Global shortcuts are the application's; there is none in these tests. */
          if (gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) != GTK_SHORTCUT_SCOPE_LOCAL)
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

              if (trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, mods)
                  && gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                   widget, gtk_shortcut_get_arguments (shortcut)))
                return TRUE;
            }
        }
      else if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          gboolean handled = FALSE;

          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, mods, &handled);
          if (handled)
            return TRUE;
        }
    }
  return FALSE;
}
