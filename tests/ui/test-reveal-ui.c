/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "cc-reveal-bar.h"
#include "cc-reveal.h"
#include "cc-ui-test-util.h"
#include "cc-window-private.h"

/* A key offered to @controller; whether it took it. */
static gboolean
key (GtkEventController *controller, guint keyval, GdkModifierType state)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
  iterate ();
  return handled;
}

static guint
n_views (CcWindow *window)
{
  return cc_item_get_n_children (window->sheet, CC_MAP_VIEWS);
}

/* Ctrl+Shift+R shows the bar under the example's first map; R and . step
 * through its sectors, which the sheet view then draws; Save as View adds
 * a view that one undo takes away again. */
static void
test_bar_steps_and_saves (void)
{
  CcWindow *window = open_example_window (FALSE);
  GtkEventController *keys = NULL;
  const CcReveal *reveal;
  g_autoptr(GListModel) controllers = NULL;

  g_assert_cmpint (cc_item_get_kind (window->sheet), ==, CC_KIND_MAP);
  g_assert_false (gtk_revealer_get_reveal_child (window->reveal_revealer));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reveal", NULL));
  g_assert_true (gtk_revealer_get_reveal_child (window->reveal_revealer));
  for (int i = 0; i < 50 && !gtk_widget_is_drawable (GTK_WIDGET (window->reveal_bar)); i++)
    {
      g_usleep (20000);
      iterate ();
    }
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (window->reveal_bar)));
  gtk_widget_grab_focus (GTK_WIDGET (window->sheet_view));
  iterate ();

  /* The bar's keys come before the view's: the capture phase of the view */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window->sheet_view));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c)
          && gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (c)) == GTK_PHASE_CAPTURE)
        keys = GTK_EVENT_CONTROLLER (c);
    }
  g_assert_nonnull (keys);

  key (keys, GDK_KEY_r, 0);
  g_assert_cmpint (cc_reveal_bar_get_kind (window->reveal_bar), ==, CC_REVEAL_SECTOR);
  reveal = cc_sheet_view_get_reveal (window->sheet_view);
  g_assert_nonnull (reveal);
  g_assert_cmpuint (reveal->sectors, ==, 1u << CC_SECTOR_PUBLIC);
  g_assert_cmpstr (cc_reveal_bar_get_label (window->reveal_bar), ==, "Public sector");

  key (keys, GDK_KEY_period, 0);
  reveal = cc_sheet_view_get_reveal (window->sheet_view);
  g_assert_cmpuint (reveal->sectors, ==, (1u << CC_SECTOR_PUBLIC) | (1u << CC_SECTOR_PRIVATE));
  g_assert_cmpstr (cc_reveal_bar_get_label (window->reveal_bar), ==, "Public and private sector");
  key (keys, GDK_KEY_comma, 0);
  g_assert_cmpuint (cc_sheet_view_get_reveal (window->sheet_view)->sectors, ==, 1u << CC_SECTOR_PUBLIC);
  /* Before the first step there is none: Page Down may go on to the sheets. */
  g_assert_false (cc_reveal_bar_step (window->reveal_bar, -1));
  g_assert_true (cc_reveal_bar_step (window->reveal_bar, 1));
  while (cc_reveal_bar_step (window->reveal_bar, 1))
    ;
  /* public, private, voluntary, community, other: all on the example's map */
  g_assert_cmpstr (cc_reveal_bar_get_label (window->reveal_bar), ==,
                   "Public, private, voluntary, community and other sector");
  g_assert_true (cc_reveal_bar_step (window->reveal_bar, -3));
  g_assert_cmpstr (cc_reveal_bar_get_label (window->reveal_bar), ==, "Public and private sector");

  g_assert_cmpuint (n_views (window), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->reveal_bar), "reveal.save-view", NULL));
  iterate ();
  g_assert_cmpuint (n_views (window), ==, 1);
  g_assert_cmpstr (cc_item_get_string (cc_item_get_child (window->sheet, CC_MAP_VIEWS, 0), CC_VIEW_NAME), ==,
                   "Public and private sector");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  g_assert_cmpuint (n_views (window), ==, 0);

  /* 0: everything again; hiding the bar shows everything too. */
  key (keys, GDK_KEY_0, 0);
  g_assert_null (cc_sheet_view_get_reveal (window->sheet_view));
  key (keys, GDK_KEY_r, 0);
  g_assert_nonnull (cc_sheet_view_get_reveal (window->sheet_view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reveal", NULL));
  g_assert_null (cc_sheet_view_get_reveal (window->sheet_view));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* A window-level key press, in the capture phase where presenting takes
 * a clicker's keys */
static gboolean
window_key (CcWindow *window, guint keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c)
          && gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (c)) == GTK_PHASE_CAPTURE)
        handled = key (GTK_EVENT_CONTROLLER (c), keyval, 0);
    }
  return handled;
}

/* Presenting with the bar shown, a clicker's Page Down steps the map's
 * reveal to its last step before it goes on to the next sheet; Page Up
 * comes back through them */
static void
test_present_steps_reveal (void)
{
  CcWindow *window = open_example_window (FALSE);
  CcItem *first = window->sheet;
  const CcReveal *reveal;
  guint steps = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reveal", NULL));
  cc_reveal_bar_set_kind (window->reveal_bar, CC_REVEAL_SECTOR);
  cc_window_set_presenting (window, TRUE);
  iterate ();
  reveal = cc_sheet_view_get_reveal (window->sheet_view);
  g_assert_nonnull (reveal);
  g_assert_cmpuint (g_bit_nth_lsf (reveal->sectors, -1), ==, CC_SECTOR_PUBLIC);
  g_assert_cmpuint (__builtin_popcount (reveal->sectors), ==, 1);
  while (window->sheet == first && steps < 10)
    {
      guint before = __builtin_popcount (cc_sheet_view_get_reveal (window->sheet_view)->sectors);

      g_assert_true (window_key (window, GDK_KEY_Page_Down));
      steps++;
      if (window->sheet == first)
        g_assert_cmpuint (__builtin_popcount (cc_sheet_view_get_reveal (window->sheet_view)->sectors), ==, before + 1);
    }
  /* The example's first map has all five sectors: four steps on, then the next sheet */
  g_assert_cmpuint (steps, ==, 5);
  g_assert_true (window->sheet == cc_project_get_sheet (window->project, 1));
  g_assert_true (window_key (window, GDK_KEY_Page_Up));
  g_assert_true (window->sheet == first);
  g_assert_true (cc_window_get_presenting (window));

  cc_window_set_presenting (window, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

int
main (int argc, char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/reveal/bar-steps-and-saves", test_bar_steps_and_saves);
  g_test_add_func ("/ui/reveal/present-steps", test_present_steps_reveal);
  return g_test_run ();
}
