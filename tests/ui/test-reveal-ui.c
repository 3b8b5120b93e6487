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

/* Whether @widget, shown in @bar, lies wholly inside it */
static gboolean
inside (GtkWidget *widget, GtkWidget *bar)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, bar, &bounds));
  return bounds.origin.x >= 0 && bounds.origin.y >= 0
         && bounds.origin.x + bounds.size.width <= gtk_widget_get_width (bar) + 0.5
         && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (bar) + 0.5;
}

/* The widgets under @widget that are shown and do @action, or, for an
 * action NULL, are dropdowns */
static void
find_shown (GtkWidget *widget, const char *action, GPtrArray *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (action == NULL ? GTK_IS_DROP_DOWN (widget)
      : GTK_IS_ACTIONABLE (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    find_shown (child, action, found);
}

/* With the sheets and the details panel open at 1280 and at 1024 pixels
 * wide, the bar under the map is no wider than the map, and its choice
 * of kind, its steps and Save as View are all on it, none cut off; wide,
 * the kinds are buttons again. */
static void
test_bar_fits (void)
{
  const struct { int width, height; gboolean panels; gboolean buttons; } sizes[] = {
    { 1280, 720, TRUE, FALSE }, { 1024, 768, TRUE, FALSE }, { 1280, 720, FALSE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      CcWindow *window = open_example_window (FALSE);
      GtkWidget *bar = GTK_WIDGET (window->reveal_bar);
      /* The kind: buttons, or a dropdown */
      const char *actions[] = { sizes[i].buttons ? "reveal.kind" : NULL, "reveal.previous", "reveal.next",
                                "reveal.save-view" };

      gtk_window_set_default_size (GTK_WINDOW (window), sizes[i].width, sizes[i].height);
      adw_flap_set_reveal_flap (window->flap, sizes[i].panels);
      gtk_revealer_set_reveal_child (window->inspector_revealer, sizes[i].panels);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reveal", NULL));
      for (int t = 0; t < 100 && (ABS (gtk_widget_get_width (GTK_WIDGET (window)) - sizes[i].width) > 20
                                  || !gtk_widget_get_mapped (bar)
                                  || gtk_revealer_get_child_revealed (window->reveal_revealer) == FALSE
                                  || gtk_revealer_get_child_revealed (window->inspector_revealer) != sizes[i].panels);
           t++)
        {
          g_usleep (20000);
          iterate ();
        }
      /* (less the shadows of the window's own decorations) */
      g_assert_cmpint (ABS (gtk_widget_get_width (GTK_WIDGET (window)) - sizes[i].width), <=, 20);
      g_assert_cmpint (gtk_widget_get_width (bar), <=, gtk_widget_get_width (GTK_WIDGET (window->sheet_view)) + 1);
      for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
        {
          g_autoptr(GPtrArray) found = g_ptr_array_new ();

          find_shown (bar, actions[a], found);
          g_assert_cmpuint (found->len, ==, a == 0 && sizes[i].buttons ? CC_N_REVEAL_KINDS : 1);
          for (guint f = 0; f < found->len; f++)
            g_assert_true (inside (found->pdata[f], bar));
          /* The dropdown is the kind: R and the dropdown say the same. */
          if (actions[a] == NULL)
            {
              GtkDropDown *kinds = found->pdata[0];

              cc_reveal_bar_set_kind (window->reveal_bar, CC_REVEAL_SECTOR);
              g_assert_cmpuint (gtk_drop_down_get_selected (kinds), ==, CC_REVEAL_SECTOR);
              gtk_drop_down_set_selected (kinds, CC_REVEAL_STAGE);
              g_assert_cmpint (cc_reveal_bar_get_kind (window->reveal_bar), ==, CC_REVEAL_STAGE);
              g_assert_cmpint (cc_sheet_view_get_reveal (window->sheet_view)->kind, ==, CC_REVEAL_STAGE);
            }
        }
      gtk_window_destroy (GTK_WINDOW (window));
      iterate ();
    }
}

int
main (int argc, char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/reveal/bar-steps-and-saves", test_bar_steps_and_saves);
  g_test_add_func ("/ui/reveal/present-steps", test_present_steps_reveal);
  g_test_add_func ("/ui/reveal/bar-fits", test_bar_fits);
  return g_test_run ();
}
