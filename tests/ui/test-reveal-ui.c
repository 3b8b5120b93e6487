/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "cc-inspector-private.h"
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
      /* Tab goes through what is shown, never into what the bar left out */
      g_assert_true (gtk_widget_child_focus (bar, GTK_DIR_TAB_FORWARD));
      do
        {
          GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

          g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, bar));
          g_assert_true (gtk_widget_get_mapped (focus));
        }
      while (gtk_widget_child_focus (bar, GTK_DIR_TAB_FORWARD));
      gtk_window_destroy (GTK_WINDOW (window));
      iterate ();
    }
}

/* ---- the views in the details panel ------------------------------------- */

/* The names of the map's views as its file has them, in order: "A|B|C" */
static char *
saved_names (CcWindow *window)
{
  g_autoptr(GBytes) text = cc_project_serialize (window->project);
  g_autoptr(CcLoadResult) result = cc_load_bytes (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  CcItem *map;
  GString *names = g_string_new (NULL);

  g_assert_nonnull (result);
  g_assert_nonnull (result->project);
  map = cc_project_get_sheet (result->project, cc_item_get_index (window->sheet));
  for (guint i = 0; i < cc_item_get_n_children (map, CC_MAP_VIEWS); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "|" : "",
                            cc_item_get_string (cc_item_get_child (map, CC_MAP_VIEWS, i), CC_VIEW_NAME));
  return g_string_free (names, FALSE);
}

/* The names the list shows, in order, and what its rows say they show */
static char *
listed_names (CcWindow *window, GString *summaries)
{
  GtkWidget *list = cc_inspector_lookup (window->inspector, "views_list");
  GString *names = g_string_new (NULL);

  if (!gtk_widget_get_visible (list))
    return g_string_free (names, FALSE);
  for (GtkWidget *card = gtk_widget_get_first_child (list); card != NULL; card = gtk_widget_get_next_sibling (card))
    {
      g_string_append_printf (names, "%s%s", names->len > 0 ? "|" : "",
                              gtk_editable_get_text (g_object_get_data (G_OBJECT (card), "cc-entry")));
      if (summaries != NULL)
        g_string_append_printf (summaries, "%s%s", summaries->len > 0 ? "|" : "",
                                adw_preferences_row_get_title (g_object_get_data (G_OBJECT (card), "cc-summary")));
    }
  return g_string_free (names, FALSE);
}

/* The list and the file say the same, @expected */
#define assert_views(window, expected) \
  G_STMT_START { \
    g_autofree char *saved_ = saved_names (window); \
    g_autofree char *listed_ = listed_names (window, NULL); \
    g_assert_cmpstr (saved_, ==, expected); \
    g_assert_cmpstr (listed_, ==, expected); \
  } G_STMT_END

static GtkWidget *
card_of (CcWindow *window, guint index)
{
  GtkWidget *card = gtk_widget_get_first_child (cc_inspector_lookup (window->inspector, "views_list"));

  for (guint i = 0; i < index && card != NULL; i++)
    card = gtk_widget_get_next_sibling (card);
  g_assert_nonnull (card);
  return card;
}

/* The example, with the details panel open on its first map */
static CcWindow *
open_with_details (void)
{
  CcWindow *window = open_example_window (FALSE);

  gtk_revealer_set_reveal_child (window->inspector_revealer, TRUE);
  cc_selection_clear (cc_sheet_view_get_selection (window->sheet_view));
  for (int i = 0; i < 50 && !gtk_revealer_get_child_revealed (window->inspector_revealer); i++)
    {
      g_usleep (20000);
      iterate ();
    }
  iterate ();
  g_assert_cmpint (cc_item_get_kind (window->sheet), ==, CC_KIND_MAP);
  return window;
}

/* The details panel lists the map's views with what they show; renaming,
 * moving and deleting one there changes the file and undoes back, and the
 * list follows; its show button shows the view on the map. */
static void
test_views_in_details (void)
{
  CcWindow *window = open_with_details ();
  GtkWidget *page = cc_inspector_lookup (window->inspector, "views_group");
  g_autoptr(CcReveal) sector = cc_reveal_step (window->project, window->sheet, CC_REVEAL_SECTOR, NULL, 1);
  g_autoptr(CcReveal) around = cc_reveal_step (window->project, window->sheet, CC_REVEAL_NEIGHBOURHOOD,
                                               "a-cpb", 0);
  g_autoptr(CcReveal) stage = cc_reveal_step (window->project, window->sheet, CC_REVEAL_STAGE, NULL, 0);
  g_autoptr(GString) summaries = g_string_new (NULL);
  g_autofree char *listed = NULL;
  CcItem *a, *b, *c;
  GtkWidget *entry;

  g_assert_nonnull (around);
  a = cc_map_add_view (window->project, window->sheet, sector, "A");
  b = cc_map_add_view (window->project, window->sheet, around, "B");
  c = cc_map_add_view (window->project, window->sheet, stage, "C");
  iterate ();
  g_assert_true (gtk_widget_is_drawable (page));
  g_assert_false (gtk_widget_get_visible (cc_inspector_lookup (window->inspector, "views_empty_label")));
  listed = listed_names (window, summaries);
  g_assert_cmpstr (listed, ==, "A|B|C");
  g_assert_cmpstr (summaries->str, ==, "Sector: public, private|"
                   "Neighbourhood: Riverside Community Planning Board, 1 link out|Stage: initiation");

  /* Renamed in place: Enter commits, one undo puts it back. */
  entry = g_object_get_data (G_OBJECT (card_of (window, 1)), "cc-entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Around the board ");
  g_signal_emit_by_name (entry, "entry-activated");
  iterate ();
  assert_views (window, "A|Around the board|C");
  g_assert_cmpstr (cc_project_get_undo_label (window->project), ==, "Rename View");
  /* A view keeps a name */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "entry-activated");
  iterate ();
  assert_views (window, "A|Around the board|C");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  assert_views (window, "A|B|C");

  /* Moved with its menu; the first has no Move Up, the last no Move Down. */
  {
    GMenuModel *first = gtk_menu_button_get_menu_model (g_object_get_data (G_OBJECT (card_of (window, 0)), "cc-more"));
    GMenuModel *last = gtk_menu_button_get_menu_model (g_object_get_data (G_OBJECT (card_of (window, 2)), "cc-more"));
    g_autofree char *first_action = NULL;
    g_autofree char *last_action = NULL;

    g_assert_true (g_menu_model_get_item_attribute (first, 0, G_MENU_ATTRIBUTE_ACTION, "s", &first_action));
    g_assert_cmpstr (first_action, ==, "views.move-down");
    g_assert_true (g_menu_model_get_item_attribute (last, 0, G_MENU_ATTRIBUTE_ACTION, "s", &last_action));
    g_assert_cmpstr (last_action, ==, "views.move-up");
  }
  g_assert_true (gtk_widget_activate_action (card_of (window, 0), "views.move-down", "s", cc_item_get_id (a)));
  iterate ();
  assert_views (window, "B|A|C");
  g_assert_true (gtk_widget_activate_action (card_of (window, 2), "views.move-up", "s", cc_item_get_id (c)));
  iterate ();
  assert_views (window, "B|C|A");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  assert_views (window, "B|A|C");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  assert_views (window, "A|B|C");

  /* Deleted, and back */
  g_assert_true (gtk_widget_activate_action (card_of (window, 1), "views.delete", "s", cc_item_get_id (b)));
  iterate ();
  assert_views (window, "A|C");
  g_assert_cmpstr (cc_project_get_undo_label (window->project), ==, "Delete View");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  assert_views (window, "A|B|C");

  /* Edits made elsewhere show too. */
  cc_map_rename_view (window->project, c, "Where they start");
  iterate ();
  assert_views (window, "A|B|Where they start");

  /* Show: the bar comes up under the map, showing the view. */
  g_assert_false (gtk_revealer_get_reveal_child (window->reveal_revealer));
  g_signal_emit_by_name (g_object_get_data (G_OBJECT (card_of (window, 1)), "cc-show"), "clicked");
  iterate ();
  g_assert_true (gtk_revealer_get_reveal_child (window->reveal_revealer));
  g_assert_nonnull (cc_sheet_view_get_reveal (window->sheet_view));
  g_assert_true (cc_reveal_equal (cc_sheet_view_get_reveal (window->sheet_view), around));
  g_assert_cmpstr (cc_reveal_bar_get_label (window->reveal_bar), ==, "B");
  g_signal_emit_by_name (g_object_get_data (G_OBJECT (card_of (window, 0)), "cc-show"), "clicked");
  iterate ();
  g_assert_true (cc_reveal_equal (cc_sheet_view_get_reveal (window->sheet_view), sector));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* With no views, the list says how to make one; one saved from the bar
 * shows in it, and goes again with an undo. */
static void
test_views_empty (void)
{
  CcWindow *window = open_with_details ();
  GtkWidget *empty = cc_inspector_lookup (window->inspector, "views_empty_label");

  g_assert_cmpuint (n_views (window), ==, 0);
  g_assert_true (gtk_widget_is_drawable (empty));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (empty)), ==,
                   "Show a map step by step (Ctrl+Shift+R) and choose Save as View");
  assert_views (window, "");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reveal", NULL));
  cc_reveal_bar_set_kind (window->reveal_bar, CC_REVEAL_SECTOR);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->reveal_bar), "reveal.save-view", NULL));
  iterate ();
  assert_views (window, "Public sector");
  g_assert_false (gtk_widget_get_visible (empty));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  assert_views (window, "");
  g_assert_true (gtk_widget_is_drawable (empty));

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
  g_test_add_func ("/ui/reveal/bar-fits", test_bar_fits);
  g_test_add_func ("/ui/reveal/views-in-details", test_views_in_details);
  g_test_add_func ("/ui/reveal/views-empty", test_views_empty);
  return g_test_run ();
}
