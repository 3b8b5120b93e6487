/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-inspector"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cc-inspector.h"
#include "cc-io.h"
#include "cc-selection.h"
#include "cc-window.h"

#define EXAMPLE_PATH SOURCE_ROOT "/data/examples/community-planning.concord"

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static CcWindow *
open_example (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (EXAMPLE_PATH);
  g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);
  CcWindow *window = cc_window_new (NULL);

  g_assert_nonnull (result);
  g_assert_nonnull (result->project);
  cc_window_set_project (window, result->project, NULL);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  return window;
}

static gpointer
child (gpointer widget, GType type, const char *name)
{
  gpointer found = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (found);
  return found;
}

static CcSelection *
window_selection (CcWindow *window)
{
  return cc_inspector_get_selection (child (window, CC_TYPE_WINDOW, "inspector"));
}

static CcItem *
first_of (CcItem *sheet, guint slot)
{
  g_assert_cmpuint (cc_item_get_n_children (sheet, slot), >, 1);
  return cc_item_get_child (sheet, slot, 0);
}

static void
test_actor (void)
{
  CcWindow *window = open_example ();
  CcProject *project = cc_window_get_project (window);
  CcInspector *inspector = child (window, CC_TYPE_WINDOW, "inspector");
  CcItem *node = first_of (cc_window_get_sheet (window), CC_MAP_NODES);
  CcItem *actor = cc_project_get_node_actor (project, node);
  AdwComboRow *sector = child (inspector, CC_TYPE_INSPECTOR, "sector_row");
  AdwEntryRow *name = child (inspector, CC_TYPE_INSPECTOR, "name_row");
  gint64 old = cc_item_get_int (actor, CC_ACTOR_SECTOR);
  gint64 wanted = old == CC_SECTOR_COMMUNITY ? CC_SECTOR_PRIVATE : CC_SECTOR_COMMUNITY;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *json = NULL;

  cc_selection_select (window_selection (window), node);
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, cc_item_get_string (actor, CC_ACTOR_NAME));

  adw_combo_row_set_selected (sector, wanted);
  g_assert_cmpint (cc_item_get_int (actor, CC_ACTOR_SECTOR), ==, wanted);
  bytes = cc_project_serialize (project);
  json = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (json, wanted == CC_SECTOR_COMMUNITY ? "\"community\"" : "\"private\""));
  g_assert_true (cc_project_undo (project));
  g_assert_cmpint (cc_item_get_int (actor, CC_ACTOR_SECTOR), ==, old);
  g_assert_cmpuint (adw_combo_row_get_selected (sector), ==, old);

  /* Typing is one edit, made on Enter. */
  gtk_editable_set_text (GTK_EDITABLE (name), "Renamed Organisation");
  g_assert_cmpstr (cc_item_get_string (actor, CC_ACTOR_NAME), !=, "Renamed Organisation");
  g_signal_emit_by_name (name, "entry-activated");
  g_assert_cmpstr (cc_item_get_string (actor, CC_ACTOR_NAME), ==, "Renamed Organisation");
  g_assert_true (cc_project_undo (project));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, cc_item_get_string (actor, CC_ACTOR_NAME));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
test_link_and_multi (void)
{
  CcWindow *window = open_example ();
  CcProject *project = cc_window_get_project (window);
  CcInspector *inspector = child (window, CC_TYPE_WINDOW, "inspector");
  CcItem *sheet = cc_window_get_sheet (window);
  CcItem *link = first_of (sheet, CC_MAP_LINKS);
  GtkSpinButton *strength = child (inspector, CC_TYPE_INSPECTOR, "strength_spin");
  AdwComboRow *multi = child (inspector, CC_TYPE_INSPECTOR, "multi_sector_row");
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  gint64 value = cc_item_get_int (link, CC_LINK_STRENGTH) == 5 ? 1 : 5;
  guint history;

  cc_selection_select (window_selection (window), link);
  iterate ();
  gtk_spin_button_set_value (strength, value);
  g_assert_cmpint (cc_item_get_int (link, CC_LINK_STRENGTH), ==, value);

  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (nodes, cc_item_get_child (sheet, CC_MAP_NODES, i));
  cc_selection_set_items (window_selection (window), nodes);
  iterate ();
  history = cc_project_get_history_length (project);
  adw_combo_row_set_selected (multi, CC_SECTOR_OTHER);
  for (guint i = 0; i < nodes->len; i++)
    g_assert_cmpint (cc_item_get_int (cc_project_get_node_actor (project, nodes->pdata[i]), CC_ACTOR_SECTOR),
                     ==, CC_SECTOR_OTHER);
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 1);
  g_assert_true (cc_project_undo (project));
  g_assert_cmpint (cc_item_get_int (cc_project_get_node_actor (project, nodes->pdata[0]), CC_ACTOR_SECTOR),
                   !=, CC_SECTOR_OTHER);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
test_sheets (void)
{
  CcWindow *window = open_example ();
  CcProject *project = cc_window_get_project (window);
  guint n = cc_project_get_n_sheets (project);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-sheet", "s", "map"));
  g_assert_cmpuint (cc_project_get_n_sheets (project), ==, n + 1);
  g_assert_cmpint (cc_item_get_kind (cc_window_get_sheet (window)), ==, CC_KIND_MAP);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-sheet", NULL));
  g_assert_cmpuint (cc_project_get_n_sheets (project), ==, n + 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-sheet", NULL));
  g_assert_cmpuint (cc_project_get_n_sheets (project), ==, n + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (cc_project_get_n_sheets (project), ==, n + 2);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
test_find (void)
{
  CcWindow *window = open_example ();
  CcProject *project = cc_window_get_project (window);
  CcItem *node = first_of (cc_window_get_sheet (window), CC_MAP_NODES);
  CcItem *actor = cc_project_get_node_actor (project, node);
  GtkEditable *entry = child (window, CC_TYPE_WINDOW, "search_entry");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  gtk_editable_set_text (entry, cc_item_get_string (actor, CC_ACTOR_NAME));
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_true (cc_selection_contains (window_selection (window), node));
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (cc_selection_get_n_items (window_selection (window)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* A label somewhere below @widget showing @text. */
static gboolean
shows_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
      gtk_widget_get_mapped (widget))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (shows_label (c, text))
      return TRUE;
  return FALSE;
}

/* Deleting on the map says what went, with an Undo that brings it back,
 * and the canvas selection is the one the inspector shows. */
static void
test_delete_toast (void)
{
  CcWindow *window = open_example ();
  CcProject *project = cc_window_get_project (window);
  CcItem *sheet = cc_window_get_sheet (window);
  CcItem *node = first_of (sheet, CC_MAP_NODES);
  CcItem *actor = cc_project_get_node_actor (project, node);
  GtkWidget *view = child (window, CC_TYPE_WINDOW, "sheet_view");
  guint nodes = cc_item_get_n_children (sheet, CC_MAP_NODES);
  g_autofree char *message = g_strdup_printf ("“%s” removed from the map", cc_item_get_string (actor, CC_ACTOR_NAME));

  cc_selection_select (window_selection (window), node);
  g_assert_true (gtk_widget_activate_action (view, "canvas.delete", NULL));
  iterate ();
  g_assert_cmpuint (cc_item_get_n_children (sheet, CC_MAP_NODES), ==, nodes - 1);
  g_assert_true (shows_label (GTK_WIDGET (window), message));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  g_assert_cmpuint (cc_item_get_n_children (sheet, CC_MAP_NODES), ==, nodes);
  g_assert_true (cc_item_get_child (sheet, CC_MAP_NODES, 0) == node);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}


/* With nothing selected: the project's link types, added, renamed,
 * recoloured and restyled, each an undoable edit of the file. */
static void
test_link_types (void)
{
  CcWindow *window = open_example ();
  CcProject *project = cc_window_get_project (window);
  CcInspector *inspector = child (window, CC_TYPE_WINDOW, "inspector");
  GtkListBox *list = child (inspector, CC_TYPE_INSPECTOR, "link_types_list");
  GtkButton *add = child (inspector, CC_TYPE_INSPECTOR, "add_link_type_button");
  CcItem *root = cc_project_get_root (project);
  guint n = cc_item_get_n_children (root, CC_PROJECT_LINK_TYPES);
  GtkWidget *label_row, *line_row, *color;
  CcItem *type;
  GdkRGBA red = { 0.8, 0.1, 0.1, 1 };
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *json = NULL;
  guint rows = 0;

  cc_selection_clear (window_selection (window));
  iterate ();
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (list)); w; w = gtk_widget_get_next_sibling (w))
    rows++;
  /* A label row (with its colour) and a line row per type. */
  g_assert_cmpuint (rows, ==, 2 * n);

  g_signal_emit_by_name (add, "clicked");
  iterate ();
  g_assert_cmpuint (cc_item_get_n_children (root, CC_PROJECT_LINK_TYPES), ==, n + 1);
  type = cc_item_get_child (root, CC_PROJECT_LINK_TYPES, n);
  line_row = gtk_widget_get_last_child (GTK_WIDGET (list));
  label_row = gtk_widget_get_prev_sibling (line_row);
  g_assert_true (ADW_IS_ENTRY_ROW (label_row));
  g_assert_true (ADW_IS_COMBO_ROW (line_row));

  /* A long name is kept whole. */
  gtk_editable_set_text (GTK_EDITABLE (label_row), "Shared commissioning and pooled budgets");
  g_signal_emit_by_name (label_row, "entry-activated");
  g_assert_cmpstr (cc_item_get_string (type, CC_LINK_TYPE_LABEL), ==, "Shared commissioning and pooled budgets");
  adw_combo_row_set_selected (ADW_COMBO_ROW (line_row), CC_DASH_DASH_DOT);
  g_assert_cmpint (cc_item_get_int (type, CC_LINK_TYPE_DASH), ==, CC_DASH_DASH_DOT);
  color = g_object_get_data (G_OBJECT (label_row), "cc-color");
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (color), &red);
  g_signal_emit_by_name (color, "color-set");
  g_assert_cmpstr (cc_item_get_string (type, CC_LINK_TYPE_COLOR), ==, "#cc1a1a");

  bytes = cc_project_serialize (project);
  json = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (json, "\"label\": \"Shared commissioning and pooled budgets\""));
  g_assert_nonnull (strstr (json, "\"dash\": \"dash-dot\""));
  g_assert_nonnull (strstr (json, "\"color\": \"#cc1a1a\""));

  /* Each was one step: undone in turn, the rows follow. */
  g_assert_true (cc_project_undo (project));
  g_assert_cmpstr (cc_item_get_string (type, CC_LINK_TYPE_COLOR), !=, "#cc1a1a");
  g_assert_true (cc_project_undo (project));
  g_assert_cmpint (cc_item_get_int (type, CC_LINK_TYPE_DASH), ==, CC_DASH_SOLID);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (line_row)), ==, CC_DASH_SOLID);
  g_assert_true (cc_project_undo (project));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (label_row)), ==, cc_item_get_string (type, CC_LINK_TYPE_LABEL));
  g_assert_true (cc_project_undo (project));
  iterate ();
  g_assert_cmpuint (cc_item_get_n_children (root, CC_PROJECT_LINK_TYPES), ==, n);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

int
main (int argc, char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/inspector/actor", test_actor);
  g_test_add_func ("/ui/inspector/link-and-multi", test_link_and_multi);
  g_test_add_func ("/ui/inspector/sheets", test_sheets);
  g_test_add_func ("/ui/inspector/find", test_find);
  g_test_add_func ("/ui/inspector/delete-toast", test_delete_toast);
  g_test_add_func ("/ui/inspector/link-types", test_link_types);
  return g_test_run ();
}
