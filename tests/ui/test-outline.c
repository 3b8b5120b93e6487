/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-outline"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cc-io.h"
#include "cc-map-edit.h"
#include "cc-outline-private.h"
#include "cc-window.h"
#include "cc-ui-keys.h"

/* The outline panel in a real window, driven through its keys. Run under a
 * display (xvfb-run -a). */

#define EXAMPLE_PATH SOURCE_ROOT "/data/examples/community-planning.concord"

typedef struct
{
  CcWindow    *window;
  CcProject   *project;
  CcItem      *sheet;
  CcOutline   *outline;
  GtkListBox  *list;
  CcSelection *selection;
  guint        shown;       /* show-item emissions */
  CcItem      *shown_item;
} Fixture;

/* Helpers */

static gpointer
child (gpointer widget, GType type, const char *name)
{
  gpointer found = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (found);
  return found;
}

/* Presses a key where the keyboard focus is: the key goes down from the
 * window to the focus (capture) and back up (target, bubble), through the
 * same controllers and key bindings a real key press meets. */
static gboolean
press (Fixture        *f,
       guint           keyval,
       GdkModifierType mods)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  gboolean handled = FALSE;

  g_assert_nonnull (focus);
  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_add (chain, w);
  for (guint i = chain->len; i > 0 && !handled; i--)
    handled = offer_key (chain->pdata[i - 1], GTK_PHASE_CAPTURE, keyval, mods);
  for (guint i = 0; i < chain->len && !handled; i++)
    handled = offer_key (chain->pdata[i], i == 0 ? GTK_PHASE_TARGET : GTK_PHASE_BUBBLE, keyval, mods)
              || offer_key (chain->pdata[i], i == 0 ? GTK_PHASE_BUBBLE : GTK_PHASE_TARGET, keyval, mods);
  iterate ();
  return handled;
}

/* Whether @row is the window's focus (the window need not be the active
 * one: other tests' windows share the display). */
static gboolean
has_focus (Fixture       *f,
           GtkListBoxRow *row)
{
  return gtk_window_get_focus (GTK_WINDOW (f->window)) == GTK_WIDGET (row);
}

static void
show_item_cb (CcOutline *outline,
              CcItem    *item,
              Fixture   *f)
{
  f->shown++;
  f->shown_item = item;
}

static guint
n_rows (Fixture *f)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (f->list, n) != NULL)
    n++;
  return n;
}

static GtkListBoxRow *
row_of (Fixture *f,
        CcItem  *item)
{
  GtkListBoxRow *row = cc_outline_find_row (f->outline, item);

  g_assert_nonnull (row);
  g_assert_true (cc_outline_row_get_item (row) == item);
  return row;
}

/* The first label below @widget. */
static GtkLabel *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return GTK_LABEL (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *label = first_label (c);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/* Line @n of what a row shows: its title, then the line under it. */
static const char *
row_line (GtkListBoxRow *row,
          guint          n)
{
  static char *lines[2];
  GtkLabel *label = first_label (gtk_list_box_row_get_child (row));
  g_auto(GStrv) split = NULL;

  g_assert_nonnull (label);
  split = g_strsplit (gtk_label_get_text (label), "\n", -1);
  g_assert_cmpuint (g_strv_length (split), ==, 2);
  g_free (lines[n]);
  lines[n] = g_strdup (split[n]);
  return lines[n];
}

static const char *
row_title (GtkListBoxRow *row)
{
  return row_line (row, 0);
}

static const char *
row_subtitle (GtkListBoxRow *row)
{
  return row_line (row, 1);
}

static const char *
actor_name (Fixture *f,
            CcItem  *node)
{
  return cc_item_get_string (cc_project_get_node_actor (f->project, node), CC_ACTOR_NAME);
}

static guint
n_links_at (Fixture *f,
            CcItem  *node)
{
  guint n = 0;

  for (guint i = 0; i < cc_item_get_n_children (f->sheet, CC_MAP_LINKS); i++)
    {
      CcItem *link = cc_item_get_child (f->sheet, CC_MAP_LINKS, i);

      if (g_strcmp0 (cc_item_get_string (link, CC_LINK_FROM), cc_item_get_id (node)) == 0
          || g_strcmp0 (cc_item_get_string (link, CC_LINK_TO), cc_item_get_id (node)) == 0)
        n++;
    }
  return n;
}

/* The node with the most links. */
static CcItem *
busiest_node (Fixture *f)
{
  CcItem *best = NULL;
  guint most = 0;

  for (guint i = 0; i < cc_item_get_n_children (f->sheet, CC_MAP_NODES); i++)
    {
      CcItem *node = cc_item_get_child (f->sheet, CC_MAP_NODES, i);

      if (n_links_at (f, node) > most)
        {
          most = n_links_at (f, node);
          best = node;
        }
    }
  g_assert_nonnull (best);
  return best;
}

static gboolean
is_revealed (Fixture *f)
{
  return gtk_revealer_get_reveal_child (child (f->window, CC_TYPE_WINDOW, "outline_revealer"));
}

/* Under a busy X server the window may not sit on a monitor yet; popovers
 * need one to place themselves. */
static void
wait_for_monitor (GtkWidget *window)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

      if (surface != NULL && gdk_surface_get_mapped (surface)
          && gdk_display_get_monitor_at_surface (gtk_widget_get_display (window), surface) != NULL)
        return;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (EXAMPLE_PATH);
  g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);

  g_assert_nonnull (result);
  g_assert_nonnull (result->project);
  f->window = cc_window_new (NULL);
  cc_window_set_project (f->window, result->project, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  iterate ();
  wait_for_monitor (GTK_WIDGET (f->window));
  f->project = cc_window_get_project (f->window);
  f->sheet = cc_window_get_sheet (f->window);
  g_assert_cmpint (cc_item_get_kind (f->sheet), ==, CC_KIND_MAP);
  f->outline = child (f->window, CC_TYPE_WINDOW, "outline");
  f->list = cc_outline_get_list (f->outline);
  f->selection = cc_outline_get_selection (f->outline);
  g_assert_nonnull (f->selection);
  g_signal_connect (f->outline, "show-item", G_CALLBACK (show_item_cb), f);

  /* Hidden by default, and then it costs nothing: no rows yet. */
  g_assert_false (is_revealed (f));
  g_assert_cmpuint (n_rows (f), ==, 0);

  if (data == NULL)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-outline", NULL));
      run_for (400);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->outline)));
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate ();
}

/* Tests */

/* (a) One row per organisation and per link, organisations first, by name. */
static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  guint n_nodes = cc_item_get_n_children (f->sheet, CC_MAP_NODES);
  guint n_links = cc_item_get_n_children (f->sheet, CC_MAP_LINKS);
  g_autofree char *previous = NULL;

  g_assert_cmpstr (cc_outline_get_page (f->outline), ==, "list");
  g_assert_cmpuint (n_rows (f), ==, n_nodes + n_links);
  for (guint i = 0; i < n_nodes; i++)
    {
      CcItem *node = cc_item_get_child (f->sheet, CC_MAP_NODES, i);

      g_assert_cmpstr (row_title (row_of (f, node)), ==, actor_name (f, node));
    }
  for (guint i = 0; i < n_links; i++)
    {
      CcItem *link = cc_item_get_child (f->sheet, CC_MAP_LINKS, i);
      CcItem *from = cc_project_lookup (f->project, cc_item_get_string (link, CC_LINK_FROM));
      const char *title = row_title (row_of (f, link));

      g_assert_true (g_str_has_prefix (title, actor_name (f, from)));
    }

  for (guint i = 0; i < n_nodes + n_links; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (f->list, i);
      CcItem *item = cc_outline_row_get_item (row);
      g_autofree char *folded = NULL;
      g_autofree char *key = NULL;

      g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (row)));
      g_assert_true (gtk_list_box_row_get_activatable (row));
      g_assert_cmpint (cc_item_get_kind (item), ==, i < n_nodes ? CC_KIND_NODE : CC_KIND_LINK);
      if (i >= n_nodes)
        continue;
      folded = g_utf8_casefold (actor_name (f, item), -1);
      key = g_utf8_collate_key (folded, -1);
      if (previous != NULL)
        g_assert_cmpstr (previous, <=, key);
      g_free (previous);
      previous = g_steal_pointer (&key);
    }
}

/* (b) Choosing a row selects its item on the canvas. */
static void
test_row_selects (Fixture       *f,
                  gconstpointer  data)
{
  CcItem *node = cc_item_get_child (f->sheet, CC_MAP_NODES, 3);
  CcItem *link = cc_item_get_child (f->sheet, CC_MAP_LINKS, 2);
  GtkListBoxRow *row = row_of (f, node);

  /* A click. */
  gtk_list_box_select_row (f->list, row);
  iterate ();
  g_assert_true (cc_selection_get_single (f->selection) == node);
  g_assert_cmpuint (f->shown, ==, 1);
  g_assert_true (f->shown_item == node);

  /* Several, as with Ctrl+click. */
  gtk_list_box_select_row (f->list, row_of (f, link));
  iterate ();
  g_assert_cmpuint (cc_selection_get_n_items (f->selection), ==, 2);
  g_assert_true (cc_selection_get_item (f->selection, 0) == node);
  g_assert_true (cc_selection_get_item (f->selection, 1) == link);

  /* The keyboard: down to the next row selects it alone. */
  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_assert_true (press (f, GDK_KEY_Down, 0));
  g_assert_cmpuint (cc_selection_get_n_items (f->selection), ==, 1);
  g_assert_true (cc_selection_get_single (f->selection)
                 == cc_outline_row_get_item (gtk_list_box_get_row_at_index (f->list,
                                                                            gtk_list_box_row_get_index (row) + 1)));
  /* Shift+Down adds the one after. */
  g_assert_true (press (f, GDK_KEY_Down, GDK_SHIFT_MASK));
  g_assert_cmpuint (cc_selection_get_n_items (f->selection), ==, 2);

  /* Activating a row (Enter) selects it and opens its name for editing. */
  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_assert_true (press (f, GDK_KEY_Return, 0));
  g_assert_true (cc_selection_contains (f->selection, node));
  g_assert_nonnull (cc_outline_get_entry (f->outline));
  g_assert_true (press (f, GDK_KEY_Escape, 0));
  g_assert_null (cc_outline_get_entry (f->outline));
  g_assert_true (has_focus (f, row));
}

static void
count_cb (gpointer data)
{
  (*(guint *) data)++;
}

/* (c) Selecting on the canvas selects the rows, without echo. */
static void
test_selection_selects_rows (Fixture       *f,
                             gconstpointer  data)
{
  CcItem *node = cc_item_get_child (f->sheet, CC_MAP_NODES, 5);
  CcItem *other = cc_item_get_child (f->sheet, CC_MAP_NODES, 6);
  CcItem *link = cc_item_get_child (f->sheet, CC_MAP_LINKS, 4);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GList *selected;
  guint changes = 0;

  g_signal_connect_swapped (f->selection, "changed", G_CALLBACK (count_cb), &changes);

  cc_selection_select (f->selection, link);
  iterate ();
  selected = gtk_list_box_get_selected_rows (f->list);
  g_assert_cmpuint (g_list_length (selected), ==, 1);
  g_assert_true (selected->data == row_of (f, link));
  g_list_free (selected);
  g_assert_cmpuint (changes, ==, 1);
  /* Made elsewhere: the canvas is not moved. */
  g_assert_cmpuint (f->shown, ==, 0);

  /* Order of selection is kept as the canvas made it. */
  g_ptr_array_add (items, other);
  g_ptr_array_add (items, node);
  cc_selection_set_items (f->selection, items);
  iterate ();
  g_assert_cmpuint (changes, ==, 2);
  g_assert_true (gtk_list_box_row_is_selected (row_of (f, node)));
  g_assert_true (gtk_list_box_row_is_selected (row_of (f, other)));
  g_assert_false (gtk_list_box_row_is_selected (row_of (f, link)));
  g_assert_true (cc_selection_get_item (f->selection, 0) == other);

  cc_selection_clear (f->selection);
  iterate ();
  selected = gtk_list_box_get_selected_rows (f->list);
  g_assert_null (selected);
  g_assert_cmpuint (changes, ==, 3);
}

/* (d) F2, a new name and Enter rename, as one step; Ctrl+Z in the field undoes the typing. */
static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  CcItem *node = cc_item_get_child (f->sheet, CC_MAP_NODES, 0);
  CcItem *actor = cc_project_get_node_actor (f->project, node);
  g_autofree char *old = g_strdup (cc_item_get_string (actor, CC_ACTOR_NAME));
  GtkListBoxRow *row = row_of (f, node);
  double x = cc_item_get_double (node, CC_NODE_X) + 5;
  guint history;
  GtkEditable *entry;
  int pos;

  /* Something on the map to undo, which Ctrl+Z in the name field must leave alone. */
  cc_project_set_double (f->project, node, CC_NODE_X, x);
  history = cc_project_get_history_length (f->project);

  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_assert_true (press (f, GDK_KEY_F2, 0));
  entry = cc_outline_get_entry (f->outline);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, old);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)), GTK_WIDGET (entry)));

  /* Typed, then Ctrl+Z: the typing goes, the map stays. */
  gtk_editable_delete_text (entry, 0, -1);
  pos = 0;
  gtk_editable_insert_text (entry, "Zzz", -1, &pos);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Zzz");
  for (guint i = 0; i < 3 && g_strcmp0 (gtk_editable_get_text (entry), old) != 0; i++)
    g_assert_true (press (f, GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, old);
  /* Once there is no typing left to undo, Ctrl+Z still leaves the map alone. */
  press (f, GDK_KEY_z, GDK_CONTROL_MASK);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, old);
  g_assert_cmpfloat (cc_item_get_double (node, CC_NODE_X), ==, x);
  g_assert_true (cc_project_can_undo (f->project));
  g_assert_cmpstr (cc_item_get_string (actor, CC_ACTOR_NAME), ==, old);

  /* An empty name is refused and the field stays open. */
  gtk_editable_set_text (entry, "  ");
  g_assert_true (press (f, GDK_KEY_Return, 0));
  g_assert_true (cc_outline_get_entry (f->outline) == entry);
  g_assert_cmpstr (cc_item_get_string (actor, CC_ACTOR_NAME), ==, old);

  gtk_editable_set_text (entry, "  Zebra Crossing Trust ");
  g_assert_true (press (f, GDK_KEY_Return, 0));
  g_assert_null (cc_outline_get_entry (f->outline));
  g_assert_cmpstr (cc_item_get_string (actor, CC_ACTOR_NAME), ==, "Zebra Crossing Trust");
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);
  g_assert_cmpstr (row_title (row), ==, "Zebra Crossing Trust");
  /* Sorted to its new place, with the keyboard still on it. */
  g_assert_cmpint (gtk_list_box_row_get_index (row), ==, (int) cc_item_get_n_children (f->sheet, CC_MAP_NODES) - 1);
  g_assert_true (has_focus (f, row));

  g_assert_true (cc_project_undo (f->project));
  iterate ();
  g_assert_cmpstr (cc_item_get_string (actor, CC_ACTOR_NAME), ==, old);
  g_assert_cmpstr (row_title (row), ==, old);

  /* Escape cancels. */
  g_assert_true (press (f, GDK_KEY_F2, 0));
  entry = cc_outline_get_entry (f->outline);
  gtk_editable_set_text (entry, "Not This");
  g_assert_true (press (f, GDK_KEY_Escape, 0));
  g_assert_null (cc_outline_get_entry (f->outline));
  g_assert_cmpstr (cc_item_get_string (actor, CC_ACTOR_NAME), ==, old);
  g_assert_true (has_focus (f, row));
}

/* (e) Delete removes the organisation with its links, as one step, and says so. */
static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  CcItem *node = busiest_node (f);
  guint links = n_links_at (f, node);
  guint rows = n_rows (f);
  guint n_nodes = cc_item_get_n_children (f->sheet, CC_MAP_NODES);
  guint history = cc_project_get_history_length (f->project);
  int index = gtk_list_box_row_get_index (row_of (f, node));
  g_autoptr(GPtrArray) two = g_ptr_array_new ();
  GtkWidget *focus;

  g_assert_cmpuint (links, >, 1);
  gtk_widget_grab_focus (GTK_WIDGET (row_of (f, node)));
  g_assert_true (press (f, GDK_KEY_Delete, 0));
  g_assert_null (cc_outline_find_row (f->outline, node));
  g_assert_cmpuint (cc_item_get_n_children (f->sheet, CC_MAP_NODES), ==, n_nodes - 1);
  g_assert_cmpuint (n_rows (f), ==, rows - 1 - links);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);
  /* The keyboard stays in the list, on the next row. */
  focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_assert_true (focus == GTK_WIDGET (gtk_list_box_get_row_at_index (f->list, index)));

  g_assert_true (cc_project_undo (f->project));
  iterate ();
  g_assert_cmpuint (n_rows (f), ==, rows);
  g_assert_nonnull (cc_outline_find_row (f->outline, node));
  g_assert_cmpstr (row_title (row_of (f, node)), ==, actor_name (f, node));

  /* Two selected rows go together. */
  g_ptr_array_add (two, cc_item_get_child (f->sheet, CC_MAP_LINKS, 0));
  g_ptr_array_add (two, cc_item_get_child (f->sheet, CC_MAP_LINKS, 1));
  cc_selection_set_items (f->selection, two);
  iterate ();
  gtk_widget_grab_focus (GTK_WIDGET (row_of (f, two->pdata[0])));
  g_assert_true (press (f, GDK_KEY_Delete, 0));
  g_assert_cmpuint (n_rows (f), ==, rows - 2);
  /* One step (the undone one was dropped from the history). */
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);
  g_assert_true (cc_project_undo (f->project));
  iterate ();
  g_assert_cmpuint (n_rows (f), ==, rows);
}

/* Keys 1–4 and the menu of types change a link's type, as one step. */
static void
test_link_type (Fixture       *f,
                gconstpointer  data)
{
  CcItem *link = cc_item_get_child (f->sheet, CC_MAP_LINKS, 0);
  g_autofree char *old = g_strdup (cc_item_get_string (link, CC_LINK_TYPE));
  const char *wanted = g_strcmp0 (old, "strategic") == 0 ? "statutory" : "strategic";
  guint key = g_str_equal (wanted, "strategic") ? GDK_KEY_2 : GDK_KEY_3;
  GtkListBoxRow *row = row_of (f, link);
  GtkPopover *popover = cc_outline_get_type_popover (f->outline);
  guint history = cc_project_get_history_length (f->project);

  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_assert_true (press (f, key, 0));
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, wanted);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, old);

  /* Not on an organisation. */
  gtk_widget_grab_focus (GTK_WIDGET (row_of (f, cc_item_get_child (f->sheet, CC_MAP_NODES, 0))));
  cc_selection_clear (f->selection);
  iterate ();
  g_assert_false (press (f, GDK_KEY_1, 0));
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history);

  /* F2 on a link opens its types, the project's own among them. */
  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_assert_true (press (f, GDK_KEY_F2, 0));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->outline), "outline-row.link-type", "s", "funding"));
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, "funding");
  g_assert_true (g_str_has_prefix (row_subtitle (row), "Funding"));
  gtk_popover_popdown (popover);
  run_for (50);
  g_assert_true (has_focus (f, row));
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, old);
}

/* (f) The rows follow the model, undo included. */
static void
test_follows_model (Fixture       *f,
                    gconstpointer  data)
{
  guint rows = n_rows (f);
  CcItem *node;
  CcItem *link;
  GtkListBoxRow *row;

  node = cc_map_add_organisation (f->project, f->sheet, NULL, "Aardvark Society", CC_SECTOR_VOLUNTARY, 10, 10);
  iterate ();
  g_assert_cmpuint (n_rows (f), ==, rows + 1);
  row = row_of (f, node);
  g_assert_cmpstr (row_title (row), ==, "Aardvark Society");
  g_assert_cmpint (gtk_list_box_row_get_index (row), ==, 0);

  /* Renamed elsewhere (the canvas, the details panel): moves to its place. */
  g_assert_true (cc_map_rename_node (f->project, node, "Zzyzx Forum"));
  iterate ();
  g_assert_cmpstr (row_title (row), ==, "Zzyzx Forum");
  g_assert_cmpint (gtk_list_box_row_get_index (row), ==, (int) cc_item_get_n_children (f->sheet, CC_MAP_NODES) - 1);

  link = cc_map_add_link (f->project, f->sheet, node, cc_item_get_child (f->sheet, CC_MAP_NODES, 0), "delivery");
  iterate ();
  g_assert_cmpuint (n_rows (f), ==, rows + 2);
  g_assert_true (g_str_has_prefix (row_title (row_of (f, link)), "Zzyzx Forum"));

  g_assert_true (cc_project_undo (f->project));
  g_assert_true (cc_project_undo (f->project));
  iterate ();
  g_assert_cmpstr (row_title (row), ==, "Aardvark Society");
  g_assert_cmpuint (n_rows (f), ==, rows + 1);
  g_assert_true (cc_project_undo (f->project));
  iterate ();
  g_assert_cmpuint (n_rows (f), ==, rows);
  g_assert_null (cc_outline_find_row (f->outline, node));
  g_assert_true (cc_project_redo (f->project));
  iterate ();
  g_assert_cmpuint (n_rows (f), ==, rows + 1);
}

/* (g) Other sheets say what the outline is for; an empty map says it is empty. */
static void
test_other_sheets (Fixture       *f,
                   gconstpointer  data)
{
  CcItem *forcefield = NULL;

  for (guint i = 0; i < cc_project_get_n_sheets (f->project); i++)
    if (cc_item_get_kind (cc_project_get_sheet (f->project, i)) == CC_KIND_FORCEFIELD)
      forcefield = cc_project_get_sheet (f->project, i);
  g_assert_nonnull (forcefield);

  /* Ctrl+Page Down goes to the next sheet from the list too. */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (f->list, 0)));
  g_assert_true (press (f, GDK_KEY_Page_Down, GDK_CONTROL_MASK));
  g_assert_true (cc_window_get_sheet (f->window) == cc_project_get_sheet (f->project, 1));

  cc_window_select_sheet (f->window, forcefield);
  iterate ();
  g_assert_cmpstr (cc_outline_get_page (f->outline), ==, "other");
  g_assert_cmpuint (n_rows (f), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-sheet", "s", "map"));
  iterate ();
  f->sheet = cc_window_get_sheet (f->window);
  g_assert_cmpstr (cc_outline_get_page (f->outline), ==, "empty");
  cc_map_add_organisation (f->project, f->sheet, NULL, "First One", CC_SECTOR_PUBLIC, 0, 0);
  iterate ();
  g_assert_cmpstr (cc_outline_get_page (f->outline), ==, "list");
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_true (cc_project_undo (f->project));
  iterate ();
  g_assert_cmpstr (cc_outline_get_page (f->outline), ==, "empty");

  /* Back to the first map: its rows again. */
  cc_window_select_sheet (f->window, cc_project_get_sheet (f->project, 0));
  iterate ();
  f->sheet = cc_window_get_sheet (f->window);
  g_assert_cmpuint (n_rows (f), ==, cc_item_get_n_children (f->sheet, CC_MAP_NODES)
                                    + cc_item_get_n_children (f->sheet, CC_MAP_LINKS));
}

/* (h) Ctrl+Shift+O and the header-bar button show and hide the outline. */
static void
test_toggle (Fixture       *f,
             gconstpointer  data)
{
  GtkToggleButton *button = child (f->window, CC_TYPE_WINDOW, "outline_button");
  GtkWidget *view = child (f->window, CC_TYPE_WINDOW, "sheet_view");

  g_assert_false (gtk_toggle_button_get_active (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==, "Show Outline (Ctrl+Shift+O)");
  gtk_widget_grab_focus (view);
  g_assert_true (press (f, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_true (is_revealed (f));
  g_assert_true (gtk_toggle_button_get_active (button));
  run_for (400);
  /* Built once shown, and the keyboard went there. */
  g_assert_cmpuint (n_rows (f), >, 0);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)), GTK_WIDGET (f->list)));

  g_assert_true (press (f, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_false (is_revealed (f));
  g_assert_false (gtk_toggle_button_get_active (button));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (f->window)) == view);

  gtk_toggle_button_set_active (button, TRUE);
  g_assert_true (is_revealed (f));
}

/* A map too large to list at once is listed over a few moments, in order,
 * and what changes meanwhile is right in the end. */
static void
test_large_map (void)
{
  g_autoptr(CcProject) scratch = cc_project_new ();
  g_autoptr(CcProject) project = NULL;
  CcItem *root = cc_project_get_root (scratch);
  CcItem *map = cc_item_new (CC_KIND_MAP);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  const guint n = 800;
  CcWindow *window = cc_window_new (NULL);
  CcOutline *outline = child (window, CC_TYPE_WINDOW, "outline");
  GtkListBox *list = cc_outline_get_list (outline);
  Fixture f = { .window = window, .list = list };
  guint rows;

  cc_item_set_string (map, CC_MAP_TITLE, "Large");
  cc_item_set_id (map, "m");
  for (guint i = 0; i < n; i++)
    {
      CcItem *actor = cc_item_new (CC_KIND_ACTOR);
      CcItem *node = cc_item_new (CC_KIND_NODE);
      g_autofree char *name = g_strdup_printf ("Organisation %04u", n - i);
      g_autofree char *aid = g_strdup_printf ("a%u", i);
      g_autofree char *nid = g_strdup_printf ("n%u", i);

      cc_item_set_id (actor, aid);
      cc_item_set_string (actor, CC_ACTOR_NAME, name);
      cc_item_take_child (root, CC_PROJECT_ACTORS, -1, actor);
      cc_item_set_id (node, nid);
      cc_item_set_string (node, CC_NODE_ACTOR, aid);
      cc_item_set_double (node, CC_NODE_X, (i % 30) * 150.0);
      cc_item_set_double (node, CC_NODE_Y, (i / 30) * 100.0);
      cc_item_take_child (map, CC_MAP_NODES, -1, node);
      g_ptr_array_add (nodes, node);
    }
  for (guint i = 0; i + 1 < n; i++)
    {
      CcItem *link = cc_item_new (CC_KIND_LINK);
      g_autofree char *lid = g_strdup_printf ("l%u", i);

      cc_item_set_id (link, lid);
      cc_item_set_string (link, CC_LINK_FROM, cc_item_get_id (nodes->pdata[i]));
      cc_item_set_string (link, CC_LINK_TO, cc_item_get_id (nodes->pdata[i + 1]));
      cc_item_set_string (link, CC_LINK_TYPE, "strategic");
      cc_item_take_child (map, CC_MAP_LINKS, -1, link);
    }
  cc_item_take_child (root, CC_PROJECT_SHEETS, -1, map);
  project = cc_project_new_for_root (cc_item_ref (root));

  cc_window_set_project (window, project, NULL);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-outline", NULL));
  /* Once on screen, some rows at once, the first ones. */
  for (guint i = 0; i < 1000 && n_rows (&f) == 0; i++)
    g_main_context_iteration (NULL, TRUE);
  rows = n_rows (&f);
  g_assert_cmpuint (rows, >, 0);
  g_assert_cmpuint (rows, <, 2 * n - 1);
  g_assert_cmpstr (row_title (gtk_list_box_get_row_at_index (list, 0)), ==, "Organisation 0001");

  /* Meanwhile Organisation 0800, the last of the organisations, goes with its link. */
  g_ptr_array_add (gone, nodes->pdata[0]);
  cc_map_delete_items (project, gone);
  iterate ();
  g_assert_cmpuint (n_rows (&f), ==, 2 * n - 1 - 2);
  g_assert_null (cc_outline_find_row (outline, nodes->pdata[0]));
  g_assert_cmpstr (row_title (gtk_list_box_get_row_at_index (list, n - 2)), ==, "Organisation 0799");
  g_assert_cmpstr (row_title (gtk_list_box_get_row_at_index (list, n - 1)), ==, "Organisation 0002 – Organisation 0001");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

int
main (int argc, char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func, data) \
  g_test_add ("/ui/outline/" path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("rows", test_rows, NULL);
  ADD ("row-selects", test_row_selects, NULL);
  ADD ("selection-selects-rows", test_selection_selects_rows, NULL);
  ADD ("rename", test_rename, NULL);
  ADD ("delete", test_delete, NULL);
  ADD ("link-type", test_link_type, NULL);
  ADD ("follows-model", test_follows_model, NULL);
  ADD ("other-sheets", test_other_sheets, NULL);
  ADD ("toggle", test_toggle, "hidden");
  g_test_add_func ("/ui/outline/large-map", test_large_map);
  return g_test_run ();
}
