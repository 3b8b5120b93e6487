/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-inspector"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cc-bidi.h"
#include "cc-forcefield-edit.h"
#include "cc-inspector.h"
#include "cc-inspector-private.h"
#include "cc-io.h"
#include "cc-selection.h"
#include "cc-sheet-view-private.h"
#include "cc-window.h"
#include "cc-ui-test-util.h"

static gpointer
child (gpointer widget, GType type, const char *name)
{
  /* The inspector's widgets are its pages'. */
  gpointer found = type == CC_TYPE_INSPECTOR ? (gpointer) cc_inspector_lookup (widget, name)
                                             : gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

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
  CcWindow *window = open_example_window (FALSE);
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
  CcWindow *window = open_example_window (FALSE);
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

/* The details follow an edit once its step is done, not each of its changes. */
static void
test_refresh_per_step (void)
{
  CcWindow *window = open_example_window (FALSE);
  CcProject *project = cc_window_get_project (window);
  CcInspector *inspector = child (window, CC_TYPE_WINDOW, "inspector");
  CcItem *link = first_of (cc_window_get_sheet (window), CC_MAP_LINKS);
  GtkSpinButton *strength = child (inspector, CC_TYPE_INSPECTOR, "strength_spin");
  AdwEntryRow *label = child (inspector, CC_TYPE_INSPECTOR, "link_label_row");
  gint64 old = cc_item_get_int (link, CC_LINK_STRENGTH);
  gint64 value = old == 5 ? 1 : 5;

  cc_selection_select (window_selection (window), link);
  iterate ();
  g_assert_cmpint (gtk_spin_button_get_value_as_int (strength), ==, old);

  cc_project_begin_group (project, "Two changes");
  cc_project_set_int (project, link, CC_LINK_STRENGTH, value);
  cc_project_set_string (project, link, CC_LINK_LABEL, "Pooled budget");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (strength), ==, old);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (label)), !=, "Pooled budget");
  cc_project_end_group (project);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (strength), ==, value);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (label)), ==, "Pooled budget");

  g_assert_true (cc_project_undo (project));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (strength), ==, old);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (label)), ==, cc_item_get_string (link, CC_LINK_LABEL));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
test_sheets (void)
{
  CcWindow *window = open_example_window (FALSE);
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
  CcWindow *window = open_example_window (FALSE);
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

  /* Escape closes the bar: the map keeps the selection and the keyboard */
  g_signal_emit_by_name (entry, "stop-search");
  iterate ();
  gtk_editable_set_text (entry, "");
  iterate ();
  g_assert_true (cc_selection_contains (window_selection (window), node));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == GTK_WIDGET (cc_window_get_sheet_view (window)));

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
  CcWindow *window = open_example_window (FALSE);
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

/* The details panel with nothing selected says what applies to the sheet:
 * link types on a map, cards on a canvas. */
static void
test_empty_panel_per_kind (void)
{
  CcWindow *window = open_example_window (FALSE);
  CcProject *project = cc_window_get_project (window);
  CcInspector *inspector = child (window, CC_TYPE_WINDOW, "inspector");
  GtkLabel *hint = child (inspector, CC_TYPE_INSPECTOR, "hint_label");
  GtkWidget *link_types = child (inspector, CC_TYPE_INSPECTOR, "link_types_group");
  CcItem *canvas = cc_project_find_sheet (project, "Designing a joint employability service");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-inspector", NULL));
  iterate ();
  cc_selection_clear (window_selection (window));
  iterate ();
  g_assert_cmpint (cc_item_get_kind (cc_window_get_sheet (window)), ==, CC_KIND_MAP);
  g_assert_cmpstr (gtk_label_get_text (hint), ==, "Select an organisation, link or group to see its details");
  g_assert_true (gtk_widget_get_visible (link_types));

  g_assert_nonnull (canvas);
  cc_window_select_sheet (window, canvas);
  iterate ();
  g_assert_cmpstr (gtk_label_get_text (hint), ==,
                   "Select a card to edit its text, colour and score, and the organisation it is about");
  g_assert_null (strstr (gtk_label_get_text (hint), "link"));
  g_assert_false (gtk_widget_get_visible (link_types));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* Presses a key in @window as GTK does first: its capture-phase key
 * controllers. */
static gboolean
press_in_window (CcWindow *window, guint keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c) && gtk_event_controller_get_propagation_phase (c) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (c, "key-pressed", keyval, 0, 0, &handled);
    }
  iterate ();
  return handled;
}

/* After the details panel was used, F2 renames the selected organisation,
 * not the sheet, and the map has the keyboard again. */
static void
test_keys_follow_the_selection (void)
{
  CcWindow *window = open_example_window (FALSE);
  CcItem *sheet = cc_window_get_sheet (window);
  CcItem *node = first_of (sheet, CC_MAP_NODES);
  CcSheetView *view = cc_window_get_sheet_view (window);
  CcInspector *inspector = child (window, CC_TYPE_WINDOW, "inspector");
  GtkWidget *add_type = child (inspector, CC_TYPE_INSPECTOR, "add_link_type_button");
  guint nodes = cc_item_get_n_children (sheet, CC_MAP_NODES);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-inspector", NULL));
  iterate ();
  /* Nothing selected: F2 in the panel is the window's (rename the sheet) */
  cc_selection_clear (window_selection (window));
  iterate ();
  gtk_widget_grab_focus (add_type);
  g_assert_false (press_in_window (window, GDK_KEY_F2));

  cc_selection_select (window_selection (window), node);
  iterate ();
  {
    GtkWidget *sector = child (inspector, CC_TYPE_INSPECTOR, "sector_row");

    gtk_widget_grab_focus (sector);
    g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) != NULL);
  }
  g_assert_true (press_in_window (window, GDK_KEY_F2));
  g_assert_nonnull (cc_sheet_view_get_entry (view));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cc_sheet_view_get_entry (view))), ==,
                   cc_item_get_string (cc_project_get_node_actor (cc_window_get_project (window), node), CC_ACTOR_NAME));
  {
    gboolean handled = FALSE;

    g_signal_emit_by_name (cc_sheet_view_get_entry_key_controller (view), "key-pressed", GDK_KEY_Escape, 0, 0,
                           &handled);
    iterate ();
  }

  /* Delete from the panel removes the organisation, not the sheet */
  cc_selection_select (window_selection (window), node);
  gtk_widget_grab_focus (child (inspector, CC_TYPE_INSPECTOR, "sector_row"));
  g_assert_true (press_in_window (window, GDK_KEY_Delete));
  g_assert_cmpuint (cc_item_get_n_children (sheet, CC_MAP_NODES), ==, nodes - 1);
  g_assert_true (cc_window_get_sheet (window) == sheet);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* The shown button below @widget whose label is @text, or NULL */
static GtkButton *
find_button (GtkWidget *widget, const char *text)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0
      && gtk_widget_get_mapped (widget))
    return GTK_BUTTON (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkButton *found = find_button (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether the label @text goes from @window within a few seconds (a toast
 * leaves with an animation). */
static gboolean
label_goes (CcWindow *window, const char *text)
{
  gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  while (shows_label (GTK_WIDGET (window), text))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  return TRUE;
}

/* A notification's Undo undoes the step it announced, or is gone: after
 * Ctrl+Z took that step back, or after another edit. */
static void
test_undo_toast_is_exact (void)
{
  CcWindow *window = open_example_window (FALSE);
  CcProject *project = cc_window_get_project (window);
  CcItem *sheet = cc_window_get_sheet (window);
  CcItem *renamed = cc_project_get_node_actor (project, cc_item_get_child (sheet, CC_MAP_NODES, 0));
  CcItem *node = cc_item_get_child (sheet, CC_MAP_NODES, 1);
  CcItem *actor = cc_project_get_node_actor (project, node);
  GtkWidget *view = child (window, CC_TYPE_WINDOW, "sheet_view");
  guint nodes = cc_item_get_n_children (sheet, CC_MAP_NODES);
  g_autofree char *message = g_strdup_printf ("“%s” removed from the map", cc_item_get_string (actor, CC_ACTOR_NAME));
  GtkButton *undo;

  g_assert_true (renamed != actor);
  cc_project_set_string (project, renamed, CC_ACTOR_NAME, "Renamed Trust");

  /* Delete, then Ctrl+Z: the node is back and the notification goes. */
  cc_selection_select (window_selection (window), node);
  g_assert_true (gtk_widget_activate_action (view, "canvas.delete", NULL));
  iterate ();
  g_assert_true (shows_label (GTK_WIDGET (window), message));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  g_assert_cmpuint (cc_item_get_n_children (sheet, CC_MAP_NODES), ==, nodes);
  g_assert_true (label_goes (window, message));
  g_assert_cmpstr (cc_item_get_string (renamed, CC_ACTOR_NAME), ==, "Renamed Trust");

  /* Its own Undo takes back the deletion, and only that. */
  cc_selection_select (window_selection (window), node);
  g_assert_true (gtk_widget_activate_action (view, "canvas.delete", NULL));
  iterate ();
  undo = find_button (GTK_WIDGET (window), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  iterate ();
  g_assert_cmpuint (cc_item_get_n_children (sheet, CC_MAP_NODES), ==, nodes);
  g_assert_cmpstr (cc_item_get_string (renamed, CC_ACTOR_NAME), ==, "Renamed Trust");
  g_assert_true (label_goes (window, message));

  /* Another edit after the deletion: the notification goes, and undoes nothing. */
  cc_selection_select (window_selection (window), node);
  g_assert_true (gtk_widget_activate_action (view, "canvas.delete", NULL));
  iterate ();
  g_assert_true (shows_label (GTK_WIDGET (window), message));
  cc_project_set_string (project, renamed, CC_ACTOR_NAME, "Renamed Again");
  iterate ();
  g_assert_true (label_goes (window, message));
  g_assert_cmpuint (cc_item_get_n_children (sheet, CC_MAP_NODES), ==, nodes - 1);
  g_assert_cmpstr (cc_item_get_string (renamed, CC_ACTOR_NAME), ==, "Renamed Again");

  /* The same for a deleted sheet. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-sheet", NULL));
  iterate ();
  g_assert_nonnull (find_button (GTK_WIDGET (window), "_Undo"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  {
    gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

    while (find_button (GTK_WIDGET (window), "_Undo") != NULL && g_get_monotonic_time () < end)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (10000);
      }
    g_assert_null (find_button (GTK_WIDGET (window), "_Undo"));
  }
  g_assert_cmpuint (cc_item_get_n_children (sheet, CC_MAP_NODES), ==, nodes - 1);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* A label somewhere below @widget showing @text, or NULL */
static GtkLabel *
find_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
      gtk_widget_get_mapped (widget))
    return GTK_LABEL (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Where @label shows the bytes @from to @to of its text: the leftmost and
 * rightmost x, Pango units */
static void
span_of (GtkLabel *label, gsize from, gsize to, int *left, int *right)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  const char *text = pango_layout_get_text (layout);

  *left = G_MAXINT;
  *right = G_MININT;
  for (const char *p = text + from; p < text + to; p = g_utf8_next_char (p))
    {
      PangoRectangle pos;

      pango_layout_index_to_pos (layout, (int) (p - text), &pos);
      if (pos.width == 0)  /* a bidi control: drawn as nothing */
        continue;
      *left = MIN (*left, MIN (pos.x, pos.x + pos.width));
      *right = MAX (*right, MAX (pos.x, pos.x + pos.width));
    }
}

/* @label reads as Concord wrote it, left to right, with @name (a string
 * of the file's) in its place: what comes before it on its left, what
 * comes after on its right, whatever its own direction. */
static void
assert_name_in_place (GtkLabel *label, const char *name)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  const char *text = pango_layout_get_text (layout);
  const char *at = strstr (text, name);
  gsize start = (gsize) (at - text), end = start + strlen (name);
  int name_left, name_right, before_left, before_right, after_left, after_right;

  g_assert_nonnull (at);
  g_assert_cmpint (pango_layout_get_line_readonly (layout, 0)->resolved_dir, ==, PANGO_DIRECTION_LTR);
  span_of (label, start, end, &name_left, &name_right);
  span_of (label, 0, start, &before_left, &before_right);
  span_of (label, end, strlen (text), &after_left, &after_right);
  if (start > 0 && before_left != G_MAXINT)
    g_assert_cmpint (before_right, <=, name_left);
  if (after_left != G_MAXINT)
    g_assert_cmpint (after_left, >=, name_right);
}

/* A name and a title with a right-to-left override, from a file: the
 * toast and the window's title keep Concord's words in their order, the
 * override ending with the name (U+2068 … U+2069 around it). */
static void
test_hostile_names_keep_their_place (void)
{
  CcWindow *window = open_example_window (FALSE);
  CcProject *project = cc_window_get_project (window);
  CcItem *sheet = cc_window_get_sheet (window);
  CcItem *node = first_of (sheet, CC_MAP_NODES);
  CcItem *actor = cc_project_get_node_actor (project, node);
  GtkWidget *view = child (window, CC_TYPE_WINDOW, "sheet_view");
  const char *name = "\u202EHealth Board";
  const char *title = "\u202EPartnership map";
  g_autofree char *isolated = cc_bidi_isolate (name);
  g_autofree char *message = g_strdup_printf ("“%s” removed from the map", isolated);
  g_autofree char *shown_title = cc_bidi_isolate (title);
  g_autofree char *window_title = g_strdup_printf ("• %s", shown_title);
  GtkLabel *label;

  g_assert_cmpstr (isolated, ==, "\u200E\u2068\u202EHealth Board\u2069");
  cc_project_set_string (project, cc_project_get_root (project), CC_PROJECT_TITLE, title);
  cc_project_set_string (project, actor, CC_ACTOR_NAME, name);
  iterate ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, window_title);
  label = find_label (GTK_WIDGET (window), window_title);
  g_assert_nonnull (label);
  assert_name_in_place (label, title);

  cc_selection_select (window_selection (window), node);
  g_assert_true (gtk_widget_activate_action (view, "canvas.delete", NULL));
  iterate ();
  label = find_label (GTK_WIDGET (window), message);
  g_assert_nonnull (label);
  assert_name_in_place (label, name);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* With nothing selected: the project's link types, added, renamed,
 * recoloured and restyled, each an undoable edit of the file. */
static void
test_link_types (void)
{
  CcWindow *window = open_example_window (FALSE);
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
  /* Its line is one the project's types draw least (cc_map_free_dash()):
   * in the example, solid, which no project type and only one built-in
   * type of its links draws */
  g_assert_cmpint (cc_item_get_int (type, CC_LINK_TYPE_DASH), ==, CC_DASH_SOLID);

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

/* Force fields */

static char *
serialize (CcProject *project)
{
  g_autoptr(GBytes) bytes = cc_project_serialize (project);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static const char *
visible_page (CcInspector *inspector)
{
  return gtk_stack_get_visible_child_name (child (inspector, CC_TYPE_INSPECTOR, "stack"));
}

/* Shows the inspector, hidden at first. */
static void
reveal_inspector (CcWindow *window)
{
  GtkRevealer *revealer = child (window, CC_TYPE_WINDOW, "inspector_revealer");

  if (!gtk_revealer_get_reveal_child (revealer))
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-inspector", NULL));
  /* Mapped when the revealer's transition starts, on a frame. */
  for (guint i = 0; i < 200 && !gtk_widget_get_mapped (child (window, CC_TYPE_WINDOW, "inspector")); i++)
    {
      g_usleep (10000);
      iterate ();
    }
  g_assert_true (gtk_widget_get_mapped (child (window, CC_TYPE_WINDOW, "inspector")));
}

/* The example's force field, shown in the window with the inspector. */
static CcItem *
show_forcefield (CcWindow *window)
{
  CcItem *sheet = cc_project_find_sheet (cc_window_get_project (window), "Integrating health and social care");

  reveal_inspector (window);

  g_assert_nonnull (sheet);
  g_assert_cmpint (cc_item_get_kind (sheet), ==, CC_KIND_FORCEFIELD);
  cc_window_select_sheet (window, sheet);
  iterate ();
  g_assert_true (cc_window_get_sheet (window) == sheet);
  g_assert_true (cc_selection_get_sheet (window_selection (window)) == sheet);
  return sheet;
}

static CcItem *
force_labelled (CcItem *sheet, const char *label)
{
  for (guint i = 0; i < cc_item_get_n_children (sheet, CC_FORCEFIELD_FORCES); i++)
    {
      CcItem *force = cc_item_get_child (sheet, CC_FORCEFIELD_FORCES, i);

      if (g_strcmp0 (cc_item_get_string (force, CC_FORCE_LABEL), label) == 0)
        return force;
    }
  g_assert_not_reached ();
  return NULL;
}

static guint
combo_index_of (AdwComboRow *row, const char *text)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), text) == 0)
        return i;
    }
  g_assert_not_reached ();
  return GTK_INVALID_LIST_POSITION;
}

static void
type_and_enter (gpointer row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "entry-activated");
}

/* The rows of the scores, in order. */
static GPtrArray *
score_rows (CcInspector *inspector)
{
  GtkWidget *list = child (inspector, CC_TYPE_INSPECTOR, "scores_list");
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *w = gtk_widget_get_first_child (list); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (gtk_widget_has_css_class (w, "cc-score-row"))
      g_ptr_array_add (rows, w);
  return rows;
}

static GtkWidget *
score_row (CcInspector *inspector, const char *participant)
{
  g_autoptr(GPtrArray) rows = score_rows (inspector);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), participant) == 0)
      return rows->pdata[i];
  return NULL;
}

static void
assert_undo (CcProject *project)
{
  g_assert_true (cc_project_undo (project));
  iterate ();
}

static char *
text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* With nothing selected on a map: its guiding question, edited as one
 * undo step, in the file, and put back by undo. */
static void
test_map_question (void)
{
  CcWindow *window = open_example_window (FALSE);
  CcProject *project = cc_window_get_project (window);
  CcInspector *inspector = child (window, CC_TYPE_WINDOW, "inspector");
  GtkWidget *group = child (inspector, CC_TYPE_INSPECTOR, "question_group");
  GtkTextView *question = child (inspector, CC_TYPE_INSPECTOR, "question_text");
  CcItem *sheet = cc_item_get_child (cc_project_get_root (project), CC_PROJECT_SHEETS, 0);
  const char *asked = "Who can influence the success of the new employability service?";
  guint history;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;

  g_assert_cmpint (cc_item_get_kind (sheet), ==, CC_KIND_MAP);
  g_assert_cmpstr (cc_item_get_string (sheet, CC_MAP_QUESTION), ==, asked);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-inspector", NULL));
  iterate ();
  cc_selection_clear (window_selection (window));
  iterate ();
  g_assert_true (cc_window_get_sheet (window) == sheet);
  g_assert_cmpstr (visible_page (inspector), ==, "empty");
  g_assert_true (gtk_widget_get_visible (group));
  text = text_view_text (question);
  g_assert_cmpstr (text, ==, asked);

  history = cc_project_get_history_length (project);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (question), "Who holds the budget for employability?", -1);
  cc_inspector_commit (inspector);
  g_assert_cmpstr (cc_item_get_string (sheet, CC_MAP_QUESTION), ==, "Who holds the budget for employability?");
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 1);
  json = serialize (project);
  g_assert_nonnull (strstr (json, "\"question\": \"Who holds the budget for employability?\""));
  /* Committed again unchanged: no second step. */
  cc_inspector_commit (inspector);
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 1);

  assert_undo (project);
  g_assert_cmpstr (cc_item_get_string (sheet, CC_MAP_QUESTION), ==, asked);
  g_clear_pointer (&text, g_free);
  text = text_view_text (question);
  g_assert_cmpstr (text, ==, asked);

  /* Emptied: no question in the file. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (question), "", -1);
  cc_inspector_commit (inspector);
  g_clear_pointer (&json, g_free);
  json = serialize (project);
  g_assert_null (strstr (json, "\"question\""));
  assert_undo (project);
  g_assert_cmpstr (cc_item_get_string (sheet, CC_MAP_QUESTION), ==, asked);

  /* A canvas has no question to ask. */
  cc_window_select_sheet (window, cc_project_find_sheet (project, "Designing a joint employability service"));
  iterate ();
  g_assert_false (gtk_widget_get_visible (group));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* One force, each of its fields edited through its row: one undo step
 * each, the saved file right, and the rows following undo. */
static void
test_force (void)
{
  CcWindow *window = open_example_window (FALSE);
  CcProject *project = cc_window_get_project (window);
  CcInspector *inspector = child (window, CC_TYPE_WINDOW, "inspector");
  CcItem *sheet = show_forcefield (window);
  CcItem *force = force_labelled (sheet, "Tight finances in both council and health board");
  AdwEntryRow *label = child (inspector, CC_TYPE_INSPECTOR, "force_label_row");
  AdwComboRow *side = child (inspector, CC_TYPE_INSPECTOR, "force_side_row");
  GtkSpinButton *strength = child (inspector, CC_TYPE_INSPECTOR, "force_strength_spin");
  AdwComboRow *about = child (inspector, CC_TYPE_INSPECTOR, "force_actor_row");
  AdwComboRow *action = child (inspector, CC_TYPE_INSPECTOR, "force_action_row");
  AdwEntryRow *plan = child (inspector, CC_TYPE_INSPECTOR, "force_plan_row");
  AdwEntryRow *owner = child (inspector, CC_TYPE_INSPECTOR, "force_owner_row");
  AdwEntryRow *due = child (inspector, CC_TYPE_INSPECTOR, "force_due_row");
  GtkSwitch *has_planned = child (inspector, CC_TYPE_INSPECTOR, "force_has_planned_switch");
  GtkSpinButton *planned = child (inspector, CC_TYPE_INSPECTOR, "force_planned_spin");
  CcItem *council = NULL;
  CcItem *root = cc_project_get_root (project);
  guint index = cc_item_get_index (force);
  guint history;
  g_autofree char *json = NULL;

  /* Names are shown as they are, not as markup. */
  for (guint i = 0; i < cc_item_get_n_children (root, CC_PROJECT_ACTORS); i++)
    if (g_strcmp0 (cc_item_get_string (cc_item_get_child (root, CC_PROJECT_ACTORS, i), CC_ACTOR_NAME),
                   "Riverside Council") == 0)
      council = cc_item_get_child (root, CC_PROJECT_ACTORS, i);
  g_assert_nonnull (council);
  cc_project_set_string (project, council, CC_ACTOR_NAME, "Riverside Council & <b>Partners</b>");
  history = cc_project_get_history_length (project);

  cc_selection_select (window_selection (window), force);
  iterate ();
  g_assert_cmpstr (visible_page (inspector), ==, "force");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (label)), ==, cc_item_get_string (force, CC_FORCE_LABEL));
  g_assert_cmpuint (adw_combo_row_get_selected (side), ==, CC_SIDE_DRIVING);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (strength), ==, 3);
  g_assert_cmpuint (adw_combo_row_get_selected (about), ==, 0);
  g_assert_false (gtk_switch_get_active (has_planned));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (planned)));

  /* Label: on Enter; an empty one is refused and the old one put back. */
  type_and_enter (label, "Tight budgets everywhere");
  g_assert_cmpstr (cc_item_get_string (force, CC_FORCE_LABEL), ==, "Tight budgets everywhere");
  g_assert_cmpstr (gtk_label_get_text (child (inspector, CC_TYPE_INSPECTOR, "force_heading")), ==,
                   "Tight budgets everywhere");
  g_assert_cmpuint (cc_project_get_history_length (project), ==, ++history);
  type_and_enter (label, "   ");
  g_assert_cmpstr (cc_item_get_string (force, CC_FORCE_LABEL), ==, "Tight budgets everywhere");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (label)), ==, "Tight budgets everywhere");
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history);
  assert_undo (project);
  history--;
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (label)), ==, "Tight finances in both council and health board");

  /* Strength. */
  gtk_spin_button_set_value (strength, 5);
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_STRENGTH), ==, 5);
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 1);
  assert_undo (project);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (strength), ==, 3);

  /* Side: to the end of the resisting forces, in one step. */
  adw_combo_row_set_selected (side, CC_SIDE_RESISTING);
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_SIDE), ==, CC_SIDE_RESISTING);
  g_assert_cmpuint (cc_item_get_index (force), ==, cc_item_get_n_children (sheet, CC_FORCEFIELD_FORCES) - 1);
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 1);
  g_assert_true (cc_selection_get_single (window_selection (window)) == force);
  g_assert_cmpstr (visible_page (inspector), ==, "force");
  assert_undo (project);
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_SIDE), ==, CC_SIDE_DRIVING);
  g_assert_cmpuint (cc_item_get_index (force), ==, index);
  g_assert_cmpuint (adw_combo_row_get_selected (side), ==, CC_SIDE_DRIVING);

  /* About: an organisation of the project, by name. */
  adw_combo_row_set_selected (about, combo_index_of (about, "Riverside Council & <b>Partners</b>"));
  g_assert_cmpstr (cc_item_get_string (force, CC_FORCE_ACTOR), ==, cc_item_get_id (council));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (about)), ==, "Riverside Council & <b>Partners</b>");
  g_assert_true (shows_label (GTK_WIDGET (inspector), "Riverside Council & <b>Partners</b>"));
  json = serialize (project);
  {
    g_autofree char *member = g_strdup_printf ("\"actor\": \"%s\"", cc_item_get_id (council));

    g_assert_nonnull (strstr (json, member));
  }
  g_clear_pointer (&json, g_free);
  assert_undo (project);
  g_assert_cmpstr (cc_item_get_string (force, CC_FORCE_ACTOR), ==, "");
  g_assert_cmpuint (adw_combo_row_get_selected (about), ==, 0);
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history);

  /* The action and its plan. */
  adw_combo_row_set_selected (action, CC_ACTION_WEAKEN);
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_ACTION), ==, CC_ACTION_WEAKEN);
  type_and_enter (plan, "Agree a joint budget for the first year");
  type_and_enter (owner, "Both finance directors");
  g_assert_cmpstr (cc_item_get_string (force, CC_FORCE_PLAN), ==, "Agree a joint budget for the first year");
  g_assert_cmpstr (cc_item_get_string (force, CC_FORCE_OWNER), ==, "Both finance directors");
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 3);

  /* A due date that is not one is never written: it stays, marked. */
  type_and_enter (due, "2026-02-30");
  g_assert_cmpstr (cc_item_get_string (force, CC_FORCE_DUE), ==, "");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (due), "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (due)), "year-month-day"));
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 3);
  type_and_enter (due, "next spring");
  g_assert_cmpstr (cc_item_get_string (force, CC_FORCE_DUE), ==, "");
  /* Other edits leave it there to be put right. */
  adw_combo_row_set_selected (action, CC_ACTION_REMOVE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (due)), ==, "next spring");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (due), "error"));
  assert_undo (project);
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_ACTION), ==, CC_ACTION_WEAKEN);
  /* Still wrong while being put right; right, no longer marked. */
  gtk_editable_delete_text (GTK_EDITABLE (due), 0, 5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (due)), ==, "spring");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (due), "error"));
  gtk_editable_set_text (GTK_EDITABLE (due), "2026-09-30");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (due), "error"));
  g_signal_emit_by_name (due, "entry-activated");
  g_assert_cmpstr (cc_item_get_string (force, CC_FORCE_DUE), ==, "2026-09-30");
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 4);

  /* Planned strength: off, on (from the strength, one less to weaken), set. */
  gtk_switch_set_active (has_planned, TRUE);
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_PLANNED), ==, 2);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (planned)));
  gtk_spin_button_set_value (planned, 0);
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_PLANNED), ==, 0);
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 6);

  json = serialize (project);
  g_assert_nonnull (strstr (json, "\"action\": \"weaken\""));
  g_assert_nonnull (strstr (json, "\"plan\": \"Agree a joint budget for the first year\""));
  g_assert_nonnull (strstr (json, "\"owner\": \"Both finance directors\""));
  g_assert_nonnull (strstr (json, "\"due\": \"2026-09-30\""));
  g_assert_nonnull (strstr (json, "\"planned\": 0"));
  g_assert_null (strstr (json, "2026-02-30"));
  g_clear_pointer (&json, g_free);

  /* Undone one by one, the rows follow. */
  assert_undo (project);
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_PLANNED), ==, 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (planned), ==, 2);
  assert_undo (project);
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_PLANNED), ==, -1);
  g_assert_false (gtk_switch_get_active (has_planned));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (planned)));
  assert_undo (project);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (due)), ==, "");
  assert_undo (project);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (owner)), ==, "");
  assert_undo (project);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (plan)), ==, "");
  assert_undo (project);
  g_assert_cmpuint (adw_combo_row_get_selected (action), ==, CC_ACTION_NONE);
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history);

  /* Deleted while a plan was being typed: nothing is written to it. */
  gtk_editable_set_text (GTK_EDITABLE (plan), "Never written");
  cc_project_delete (project, force);
  iterate ();
  g_assert_cmpuint (cc_selection_get_n_items (window_selection (window)), ==, 0);
  g_assert_cmpstr (visible_page (inspector), ==, "forcefield");
  g_assert_cmpstr (cc_item_get_string (force, CC_FORCE_PLAN), ==, "");
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 1);
  assert_undo (project);
  g_assert_cmpuint (cc_item_get_index (force), ==, index);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* Scores: added by name (or by number), changed, removed; the strength is
 * their median and a wide spread is flagged. */
static void
test_scores (void)
{
  CcWindow *window = open_example_window (FALSE);
  CcProject *project = cc_window_get_project (window);
  CcInspector *inspector = child (window, CC_TYPE_WINDOW, "inspector");
  CcItem *sheet = show_forcefield (window);
  CcItem *force = force_labelled (sheet, "Statutory duty to integrate");
  AdwEntryRow *participant = child (inspector, CC_TYPE_INSPECTOR, "add_score_row");
  GtkSpinButton *value = child (inspector, CC_TYPE_INSPECTOR, "add_score_spin");
  GtkButton *add = child (inspector, CC_TYPE_INSPECTOR, "add_score_button");
  GtkSpinButton *strength = child (inspector, CC_TYPE_INSPECTOR, "force_strength_spin");
  GtkWidget *summary = child (inspector, CC_TYPE_INSPECTOR, "score_summary_row");
  GtkWidget *warning = child (inspector, CC_TYPE_INSPECTOR, "score_warning_row");
  guint history = cc_project_get_history_length (project);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *json = NULL;
  GtkWidget *row;

  cc_selection_select (window_selection (window), force);
  iterate ();
  g_assert_false (gtk_widget_get_visible (summary));
  g_assert_false (gtk_widget_get_visible (warning));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (strength)));

  /* Two scores far apart: the room disagrees. */
  gtk_spin_button_set_value (value, 2);
  type_and_enter (participant, "Amira");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (participant)), ==, "");
  gtk_spin_button_set_value (value, 5);
  gtk_editable_set_text (GTK_EDITABLE (participant), "Ben & <i>co</i>");
  g_signal_emit_by_name (add, "clicked");
  iterate ();
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 2);
  g_assert_cmpuint (cc_item_get_n_children (force, CC_FORCE_SCORES), ==, 2);
  /* Median 3.5, rounded half up. */
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_STRENGTH), ==, 4);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (strength), ==, 4);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (strength)));
  g_assert_true (gtk_widget_get_visible (summary));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (summary)), ==,
                   "Median 3.5 from 2 scores, 2 to 5");
  g_assert_true (gtk_widget_get_visible (warning));
  g_assert_true (gtk_widget_has_css_class (warning, "warning"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (warning)), ==, "The room disagrees: discuss");
  g_assert_true (shows_label (GTK_WIDGET (inspector), "The room disagrees: discuss"));
  rows = score_rows (inspector);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "Amira");
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[1]), ==, "Ben & <i>co</i>");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Unnamed, a participant gets a number. */
  gtk_spin_button_set_value (value, 4);
  type_and_enter (participant, "");
  g_assert_nonnull (score_row (inspector, "Participant 1"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (summary)), ==,
                   "Median 4 from 3 scores, 2 to 5");

  /* Amira changes her mind: the room agrees. */
  row = score_row (inspector, "Amira");
  gtk_spin_button_set_value (g_object_get_data (G_OBJECT (row), "cc-spin"), 4);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (summary)), ==,
                   "Median 4 from 3 scores, 4 to 5");
  g_assert_false (gtk_widget_get_visible (warning));
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 4);

  json = serialize (project);
  g_assert_nonnull (strstr (json, "\"participant\": \"Amira\""));
  g_assert_nonnull (strstr (json, "\"participant\": \"Ben &"));
  g_clear_pointer (&json, g_free);

  /* Ben's score taken away. */
  row = score_row (inspector, "Ben & <i>co</i>");
  g_signal_emit_by_name (g_object_get_data (G_OBJECT (row), "cc-remove"), "clicked");
  iterate ();
  g_assert_null (score_row (inspector, "Ben & <i>co</i>"));
  g_assert_cmpuint (cc_item_get_n_children (force, CC_FORCE_SCORES), ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (summary)), ==,
                   "Median 4 from 2 scores, 4 to 4");
  json = serialize (project);
  g_assert_null (strstr (json, "\"participant\": \"Ben &"));
  g_clear_pointer (&json, g_free);

  /* Each undone in turn. */
  assert_undo (project);
  g_assert_nonnull (score_row (inspector, "Ben & <i>co</i>"));
  assert_undo (project);
  g_assert_true (gtk_widget_get_visible (warning));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (g_object_get_data (G_OBJECT (score_row (inspector, "Amira")),
                                                                        "cc-spin")), ==, 2);
  assert_undo (project);
  g_assert_null (score_row (inspector, "Participant 1"));
  assert_undo (project);
  assert_undo (project);
  rows = score_rows (inspector);
  g_assert_cmpuint (rows->len, ==, 0);
  g_assert_false (gtk_widget_get_visible (summary));
  g_assert_false (gtk_widget_get_visible (warning));
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_STRENGTH), ==, 4);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (strength)));
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* With nothing selected: the change, the situations, how it is drawn and
 * the balance of the forces, live. */
static void
test_forcefield (void)
{
  CcWindow *window = open_example_window (FALSE);
  CcProject *project = cc_window_get_project (window);
  CcInspector *inspector = child (window, CC_TYPE_WINDOW, "inspector");
  CcItem *sheet = show_forcefield (window);
  CcItem *force = force_labelled (sheet, "Rising demand from an ageing population");
  GtkTextView *change = child (inspector, CC_TYPE_INSPECTOR, "change_text");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (change);
  GtkLabel *balance = child (inspector, CC_TYPE_INSPECTOR, "balance_label");
  GtkLabel *driving = child (inspector, CC_TYPE_INSPECTOR, "driving_total_label");
  GtkLabel *resisting = child (inspector, CC_TYPE_INSPECTOR, "resisting_total_label");
  GtkWidget *planned = child (inspector, CC_TYPE_INSPECTOR, "planned_group");
  GtkLabel *planned_balance = child (inspector, CC_TYPE_INSPECTOR, "planned_balance_label");
  AdwComboRow *orientation = child (inspector, CC_TYPE_INSPECTOR, "orientation_row");
  AdwComboRow *view = child (inspector, CC_TYPE_INSPECTOR, "view_row");
  guint history = cc_project_get_history_length (project);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;

  cc_selection_clear (window_selection (window));
  iterate ();
  g_assert_cmpstr (visible_page (inspector), ==, "forcefield");
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, cc_item_get_string (sheet, CC_FORCEFIELD_CHANGE));
  g_assert_true (shows_label (GTK_WIDGET (inspector), "Forces are balanced"));
  g_assert_cmpstr (gtk_label_get_text (driving), ==, "24");
  g_assert_cmpstr (gtk_label_get_text (resisting), ==, "24");
  g_assert_true (gtk_widget_get_visible (planned));
  g_assert_cmpstr (gtk_label_get_text (planned_balance), ==, "Driving forces prevail by 16");

  /* Live: a force weakened elsewhere, then undone. */
  cc_project_set_int (project, force, CC_FORCE_STRENGTH, 3);
  g_assert_cmpstr (gtk_label_get_text (balance), ==, "Resisting forces prevail by 2");
  g_assert_cmpstr (gtk_label_get_text (driving), ==, "22");
  assert_undo (project);
  g_assert_cmpstr (gtk_label_get_text (balance), ==, "Forces are balanced");
  cc_project_set_int (project, force, CC_FORCE_SIDE, CC_SIDE_RESISTING);
  g_assert_cmpstr (gtk_label_get_text (balance), ==, "Resisting forces prevail by 10");
  assert_undo (project);

  /* The texts, committed on leaving them. */
  gtk_text_buffer_set_text (buffer, "One neighbourhood team, one budget", -1);
  cc_inspector_commit (inspector);
  g_assert_cmpstr (cc_item_get_string (sheet, CC_FORCEFIELD_CHANGE), ==, "One neighbourhood team, one budget");
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 1);
  assert_undo (project);
  g_clear_pointer (&text, g_free);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, cc_item_get_string (sheet, CC_FORCEFIELD_CHANGE));
  g_assert_cmpstr (text, !=, "One neighbourhood team, one budget");

  /* Orientation and what is shown change the sheet. */
  g_assert_cmpuint (adw_combo_row_get_selected (orientation), ==, CC_ORIENTATION_VERTICAL);
  adw_combo_row_set_selected (orientation, CC_ORIENTATION_HORIZONTAL);
  g_assert_cmpint (cc_item_get_int (sheet, CC_FORCEFIELD_ORIENTATION), ==, CC_ORIENTATION_HORIZONTAL);
  adw_combo_row_set_selected (view, CC_VIEW_PLANNED);
  g_assert_cmpint (cc_item_get_int (sheet, CC_FORCEFIELD_VIEW), ==, CC_VIEW_PLANNED);
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 2);
  json = serialize (project);
  g_assert_nonnull (strstr (json, "\"view\": \"planned\""));
  g_assert_null (strstr (json, "\"orientation\": \"vertical\""));
  g_clear_pointer (&json, g_free);
  assert_undo (project);
  g_assert_cmpuint (adw_combo_row_get_selected (view), ==, CC_VIEW_NOW);
  assert_undo (project);
  g_assert_cmpuint (adw_combo_row_get_selected (orientation), ==, CC_ORIENTATION_VERTICAL);
  json = serialize (project);
  g_assert_nonnull (strstr (json, "\"orientation\": \"vertical\""));
  g_clear_pointer (&json, g_free);

  /* A new force field has no plans yet. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-sheet", "s", "forcefield"));
  iterate ();
  g_assert_cmpint (cc_item_get_kind (cc_window_get_sheet (window)), ==, CC_KIND_FORCEFIELD);
  g_assert_cmpstr (visible_page (inspector), ==, "forcefield");
  g_assert_false (gtk_widget_get_visible (planned));
  g_assert_cmpstr (gtk_label_get_text (balance), ==, "Forces are balanced");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* Several forces: the side and strength they share, changed in one step. */
static void
test_multi_forces (void)
{
  CcWindow *window = open_example_window (FALSE);
  CcProject *project = cc_window_get_project (window);
  CcInspector *inspector = child (window, CC_TYPE_WINDOW, "inspector");
  CcItem *sheet = show_forcefield (window);
  AdwComboRow *side = child (inspector, CC_TYPE_INSPECTOR, "multi_side_row");
  GtkSpinButton *strength = child (inspector, CC_TYPE_INSPECTOR, "multi_strength_spin");
  g_autoptr(GPtrArray) forces = g_ptr_array_new ();
  guint history = cc_project_get_history_length (project);

  g_ptr_array_add (forces, force_labelled (sheet, "Statutory duty to integrate"));
  g_ptr_array_add (forces, force_labelled (sheet, "Trust built in the hospital discharge pilot"));
  g_ptr_array_add (forces, force_labelled (sheet, "Fear of losing control over budgets"));
  cc_selection_set_items (window_selection (window), forces);
  iterate ();
  g_assert_cmpstr (visible_page (inspector), ==, "multi");
  g_assert_true (shows_label (GTK_WIDGET (inspector), "3 forces selected"));
  g_assert_false (gtk_widget_get_visible (child (inspector, CC_TYPE_INSPECTOR, "multi_group")));
  g_assert_cmpuint (adw_combo_row_get_selected (side), ==, GTK_INVALID_LIST_POSITION);

  adw_combo_row_set_selected (side, CC_SIDE_RESISTING);
  for (guint i = 0; i < forces->len; i++)
    g_assert_cmpint (cc_item_get_int (forces->pdata[i], CC_FORCE_SIDE), ==, CC_SIDE_RESISTING);
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 1);
  gtk_spin_button_set_value (strength, 1);
  for (guint i = 0; i < forces->len; i++)
    g_assert_cmpint (cc_item_get_int (forces->pdata[i], CC_FORCE_STRENGTH), ==, 1);
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 2);

  assert_undo (project);
  g_assert_cmpint (cc_item_get_int (forces->pdata[0], CC_FORCE_STRENGTH), ==, 4);
  g_assert_cmpint (cc_item_get_int (forces->pdata[1], CC_FORCE_STRENGTH), ==, 2);
  assert_undo (project);
  g_assert_cmpint (cc_item_get_int (forces->pdata[0], CC_FORCE_SIDE), ==, CC_SIDE_DRIVING);
  g_assert_cmpint (cc_item_get_int (forces->pdata[2], CC_FORCE_SIDE), ==, CC_SIDE_RESISTING);
  g_assert_cmpuint (adw_combo_row_get_selected (side), ==, GTK_INVALID_LIST_POSITION);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
show_item_cb (CcInspector *inspector, CcItem *item, gpointer data)
{
  *(CcItem **) data = item;
}

/* An organisation's page lists the forces about it; choosing one asks the
 * window to show it. */
static void
test_actor_forces (void)
{
  CcWindow *window = open_example_window (FALSE);
  CcProject *project = cc_window_get_project (window);
  CcInspector *inspector = child (window, CC_TYPE_WINDOW, "inspector");
  CcItem *node = first_of (cc_window_get_sheet (window), CC_MAP_NODES);
  CcItem *actor = cc_project_get_node_actor (project, node);
  CcItem *sheet = cc_project_find_sheet (project, "Integrating health and social care");
  CcItem *force = force_labelled (sheet, "A chief officer championing the change");
  GtkWidget *group = child (inspector, CC_TYPE_INSPECTOR, "actor_forces_group");
  GtkWidget *list = child (inspector, CC_TYPE_INSPECTOR, "actor_forces_list");
  CcItem *shown = NULL;
  GtkWidget *row;

  reveal_inspector (window);
  g_signal_connect (inspector, "show-item", G_CALLBACK (show_item_cb), &shown);
  cc_selection_select (window_selection (window), node);
  iterate ();
  g_assert_cmpstr (visible_page (inspector), ==, "actor");
  g_assert_false (gtk_widget_get_visible (group));

  cc_project_set_string (project, force, CC_FORCE_ACTOR, cc_item_get_id (actor));
  iterate ();
  g_assert_true (gtk_widget_get_visible (group));
  row = gtk_widget_get_first_child (list);
  g_assert_nonnull (row);
  g_assert_null (gtk_widget_get_next_sibling (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "A chief officer championing the change");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Driving, in “Integrating health and social care”");
  g_assert_true (shows_label (GTK_WIDGET (inspector), "A chief officer championing the change"));

  gtk_widget_activate (row);
  iterate ();
  g_assert_true (shown == force);
  /* The window brings the force's sheet up with the force selected. */
  g_assert_true (cc_window_get_sheet (window) == sheet);
  g_assert_true (cc_selection_get_single (window_selection (window)) == force);
  g_assert_cmpstr (visible_page (inspector), ==, "force");
  cc_window_select_sheet (window, cc_item_get_sheet (node));
  cc_selection_select (window_selection (window), node);
  iterate ();

  /* Renamed, the row follows; undone, the list empties. */
  cc_project_set_string (project, force, CC_FORCE_LABEL, "A champion");
  iterate ();
  row = gtk_widget_get_first_child (list);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "A champion");
  assert_undo (project);
  assert_undo (project);
  g_assert_false (gtk_widget_get_visible (group));
  g_assert_null (gtk_widget_get_first_child (list));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}


/* A card of a design canvas: text over several lines, colour, score, the
 * organisation it is about; each one step. */
static void
test_card (void)
{
  CcWindow *window = open_example_window (FALSE);
  CcProject *project = cc_window_get_project (window);
  CcInspector *inspector = child (window, CC_TYPE_WINDOW, "inspector");
  CcItem *sheet = cc_project_find_sheet (project, "Designing a joint employability service");
  CcItem *card = cc_item_get_child (sheet, CC_CANVAS_CARDS, 0);
  CcItem *actor = cc_item_get_child (cc_project_get_root (project), CC_PROJECT_ACTORS, 2);
  GtkTextView *text = child (inspector, CC_TYPE_INSPECTOR, "card_text");
  GtkSpinButton *score = child (inspector, CC_TYPE_INSPECTOR, "card_score_spin");
  GtkColorButton *color = child (inspector, CC_TYPE_INSPECTOR, "card_color_button");
  AdwComboRow *about = child (inspector, CC_TYPE_INSPECTOR, "card_actor_row");
  g_autofree char *old_text = g_strdup (cc_item_get_string (card, CC_CARD_TEXT));
  GdkRGBA blue = { 0.2, 0.4, 0.8, 1 };
  guint history;

  reveal_inspector (window);
  cc_window_select_sheet (window, sheet);
  cc_selection_select (window_selection (window), card);
  iterate ();
  g_assert_cmpstr (visible_page (inspector), ==, "card");
  history = cc_project_get_history_length (project);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text), "First line\nSecond line", -1);
  cc_inspector_commit (inspector);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_TEXT), ==, "First line\nSecond line");
  gtk_spin_button_set_value (score, 4);
  g_assert_cmpint (cc_item_get_int (card, CC_CARD_SCORE), ==, 4);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (color), &blue);
  g_signal_emit_by_name (color, "color-set");
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_COLOR), ==, "#3366cc");
  {
    GListModel *model = adw_combo_row_get_model (about);
    guint wanted = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

        if (g_strcmp0 (gtk_string_object_get_string (item), cc_item_get_string (actor, CC_ACTOR_NAME)) == 0)
          wanted = i;
      }
    g_assert_cmpuint (wanted, !=, GTK_INVALID_LIST_POSITION);
    adw_combo_row_set_selected (about, wanted);
  }
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_ACTOR), ==, cc_item_get_id (actor));
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history + 4);
  {
    g_autoptr(GBytes) bytes = cc_project_serialize (project);
    g_autofree char *json = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    g_assert_nonnull (strstr (json, "\"text\": \"First line\\nSecond line\""));
    g_assert_nonnull (strstr (json, "\"color\": \"#3366cc\""));
  }
  while (cc_project_get_history_length (project) > history)
    assert_undo (project);
  iterate ();
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_TEXT), ==, old_text);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (score), ==, cc_item_get_int (card, CC_CARD_SCORE));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* A grid card's page is its organisation's: editing the power moves it. */
static void
test_grid_card (void)
{
  CcWindow *window = open_example_window (FALSE);
  CcProject *project = cc_window_get_project (window);
  CcInspector *inspector = child (window, CC_TYPE_WINDOW, "inspector");
  CcItem *sheet = cc_project_find_sheet (project, "Who to engage on the employability service");
  CcItem *council = cc_project_lookup (project, "a-council");
  CcItem *card = NULL;
  GtkSpinButton *power = child (inspector, CC_TYPE_INSPECTOR, "power_spin");
  GtkSpinButton *interest = child (inspector, CC_TYPE_INSPECTOR, "interest_spin");
  AdwEntryRow *name = child (inspector, CC_TYPE_INSPECTOR, "name_row");

  g_assert_nonnull (sheet);
  for (guint i = 0; i < cc_item_get_n_children (sheet, CC_CANVAS_CARDS); i++)
    if (g_strcmp0 (cc_item_get_string (cc_item_get_child (sheet, CC_CANVAS_CARDS, i), CC_CARD_ACTOR), "a-council") == 0)
      card = cc_item_get_child (sheet, CC_CANVAS_CARDS, i);
  g_assert_nonnull (card);
  reveal_inspector (window);
  cc_window_select_sheet (window, sheet);
  cc_selection_select (window_selection (window), card);
  iterate ();
  g_assert_cmpstr (visible_page (inspector), ==, "actor");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Riverside Council");
  g_assert_cmpfloat (gtk_spin_button_get_value (power), ==, 9);
  g_assert_cmpfloat (gtk_spin_button_get_value (interest), ==, 9);

  /* Power down to 2: the card now stands in "keep informed", one step. */
  gtk_spin_button_set_value (power, 2);
  iterate ();
  g_assert_cmpfloat (cc_item_get_double (council, CC_ACTOR_POWER), ==, 2);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "keep-informed");
  g_assert_true (cc_project_undo (project));
  iterate ();
  g_assert_cmpfloat (cc_item_get_double (council, CC_ACTOR_POWER), ==, 9);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "manage-closely");
  g_assert_cmpfloat (gtk_spin_button_get_value (power), ==, 9);

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
  g_test_add_func ("/ui/inspector/grid-card", test_grid_card);
  g_test_add_func ("/ui/inspector/link-and-multi", test_link_and_multi);
  g_test_add_func ("/ui/inspector/refresh-per-step", test_refresh_per_step);
  g_test_add_func ("/ui/inspector/sheets", test_sheets);
  g_test_add_func ("/ui/inspector/find", test_find);
  g_test_add_func ("/ui/inspector/delete-toast", test_delete_toast);
  g_test_add_func ("/ui/inspector/undo-toast-is-exact", test_undo_toast_is_exact);
  g_test_add_func ("/ui/inspector/empty-panel-per-kind", test_empty_panel_per_kind);
  g_test_add_func ("/ui/inspector/keys-follow-the-selection", test_keys_follow_the_selection);
  g_test_add_func ("/ui/inspector/hostile-names-keep-their-place", test_hostile_names_keep_their_place);
  g_test_add_func ("/ui/inspector/link-types", test_link_types);
  g_test_add_func ("/ui/inspector/map-question", test_map_question);
  g_test_add_func ("/ui/inspector/force", test_force);
  g_test_add_func ("/ui/inspector/scores", test_scores);
  g_test_add_func ("/ui/inspector/forcefield", test_forcefield);
  g_test_add_func ("/ui/inspector/multi-forces", test_multi_forces);
  g_test_add_func ("/ui/inspector/actor-forces", test_actor_forces);
  g_test_add_func ("/ui/inspector/card", test_card);
  return g_test_run ();
}
