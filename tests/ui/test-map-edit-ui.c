/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-map-ui"

#include "config.h"

#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "cc-io.h"
#include "cc-map-edit.h"
#include "cc-sheet-view-test.h"

#define EXAMPLE_PATH SOURCE_ROOT "/data/examples/community-planning.concord"

typedef struct
{
  CcProject   *project;
  CcItem      *sheet;
  GtkWidget   *window;
  CcSheetView *view;
} Fixture;


static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GFile) file = g_file_new_for_path (EXAMPLE_PATH);
  g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);

  g_assert_nonnull (result);
  g_assert_nonnull (result->project);
  f->project = g_object_ref (result->project);
  f->sheet = cc_project_get_sheet (f->project, 0);
  g_assert_cmpint (cc_item_get_kind (f->sheet), ==, CC_KIND_MAP);
  cc_project_clear_history (f->project);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  f->view = CC_SHEET_VIEW (cc_sheet_view_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  cc_sheet_view_set_sheet (f->view, f->project, f->sheet);
  gtk_window_present (GTK_WINDOW (f->window));
  iterate ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), >, 0);
  /* Big enough to aim at nodes. */
  cc_sheet_view_set_zoom (f->view, 1.0);
  iterate ();
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate ();
  g_object_unref (f->project);
}

static guint
n_nodes (Fixture *f)
{
  return cc_item_get_n_children (f->sheet, CC_MAP_NODES);
}

static guint
n_links (Fixture *f)
{
  return cc_item_get_n_children (f->sheet, CC_MAP_LINKS);
}

static void
node_view_pos (Fixture *f, CcItem *node, double *x, double *y)
{
  cc_sheet_view_sheet_to_view (f->view, cc_item_get_double (node, CC_NODE_X),
                               cc_item_get_double (node, CC_NODE_Y), x, y);
}

static void
view_to_sheet (Fixture *f, double x, double y, double *sx, double *sy)
{
  CcRect area;

  cc_sheet_view_get_visible_area (f->view, &area);
  *sx = area.x + x / cc_sheet_view_get_zoom (f->view);
  *sy = area.y + y / cc_sheet_view_get_zoom (f->view);
}

/* A node in view, away from the edges. */
static CcItem *
visible_node (Fixture *f, guint skip)
{
  int w = gtk_widget_get_width (GTK_WIDGET (f->view));
  int h = gtk_widget_get_height (GTK_WIDGET (f->view));

  for (guint i = 0; i < n_nodes (f); i++)
    {
      CcItem *node = cc_item_get_child (f->sheet, CC_MAP_NODES, i);
      double x, y, sx, sy;

      node_view_pos (f, node, &x, &y);
      view_to_sheet (f, x, y, &sx, &sy);
      if (x > 80 && y > 80 && x < w - 80 && y < h - 80
          && cc_render_hit_test (f->project, f->sheet, NULL, sx, sy) == node && skip-- == 0)
        return node;
    }
  g_assert_not_reached ();
  return NULL;
}

/* A point of paper with nothing on it, in view pixels. */
static void
empty_spot (Fixture *f, double *x, double *y)
{
  int w = gtk_widget_get_width (GTK_WIDGET (f->view));
  int h = gtk_widget_get_height (GTK_WIDGET (f->view));

  for (double py = h / 3.0; py < h - 60; py += 17)
    for (double px = w / 3.0; px < w - 60; px += 23)
      {
        gboolean clear = TRUE;

        for (int dy = -30; dy <= 30 && clear; dy += 15)
          for (int dx = -60; dx <= 60 && clear; dx += 15)
            {
              double sx, sy;

              view_to_sheet (f, px + dx, py + dy, &sx, &sy);
              clear = cc_render_hit_test (f->project, f->sheet, NULL, sx, sy) == NULL;
            }
        if (clear)
          {
            *x = px;
            *y = py;
            return;
          }
      }
  g_assert_not_reached ();
}






static CcItem *
find_actor (Fixture *f, const char *name)
{
  GPtrArray *actors = cc_item_get_children (cc_project_get_root (f->project), CC_PROJECT_ACTORS);

  for (guint i = 0; i < actors->len; i++)
    if (g_strcmp0 (cc_item_get_string (actors->pdata[i], CC_ACTOR_NAME), name) == 0)
      return actors->pdata[i];
  return NULL;
}

static char *
saved (Fixture *f)
{
  g_autoptr(GBytes) bytes = cc_project_serialize (f->project);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
type_into_entry (Fixture *f, const char *text)
{
  GtkEntry *entry = cc_sheet_view_get_entry (f->view);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  iterate ();
}

static void
test_create (Fixture *f, gconstpointer data)
{
  guint before = n_nodes (f);
  double x, y, sx, sy;
  CcItem *actor, *node;
  g_autofree char *json = NULL;

  empty_spot (f, &x, &y);
  view_to_sheet (f, x, y, &sx, &sy);
  double_click (f, x, y);
  type_into_entry (f, "Riverside Police");
  g_signal_emit_by_name (cc_sheet_view_get_entry (f->view), "activate");
  iterate ();

  g_assert_null (cc_sheet_view_get_entry (f->view));
  g_assert_cmpuint (n_nodes (f), ==, before + 1);
  actor = find_actor (f, "Riverside Police");
  g_assert_nonnull (actor);
  node = cc_item_get_child (f->sheet, CC_MAP_NODES, before);
  g_assert_true (cc_project_get_node_actor (f->project, node) == actor);
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (node, CC_NODE_X), sx, 1.0);
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (node, CC_NODE_Y), sy, 1.0);
  g_assert_true (cc_selection_get_single (cc_sheet_view_get_selection (f->view)) == node);
  json = saved (f);
  g_assert_nonnull (strstr (json, "Riverside Police"));

  /* Escape and an empty name cancel. */
  double_click (f, x + 40, y);
  type_into_entry (f, "Nobody");
  key (cc_sheet_view_get_entry_key_controller (f->view), GDK_KEY_Escape, 0);
  g_assert_null (cc_sheet_view_get_entry (f->view));
  double_click (f, x + 40, y);
  type_into_entry (f, "   ");
  g_signal_emit_by_name (cc_sheet_view_get_entry (f->view), "activate");
  iterate ();
  g_assert_cmpuint (n_nodes (f), ==, before + 1);
  g_assert_null (find_actor (f, "Nobody"));

  /* The exact name of an organisation on the map selects it: no second
   * node of it, stacked somewhere else. */
  {
    guint n_actors = cc_item_get_n_children (cc_project_get_root (f->project), CC_PROJECT_ACTORS);

    cc_selection_clear (cc_sheet_view_get_selection (f->view));
    double_click (f, x + 40, y + 40);
    type_into_entry (f, " riverside police");
    g_signal_emit_by_name (cc_sheet_view_get_entry (f->view), "activate");
    iterate ();
    g_assert_cmpuint (n_nodes (f), ==, before + 1);
    g_assert_cmpuint (cc_item_get_n_children (cc_project_get_root (f->project), CC_PROJECT_ACTORS), ==, n_actors);
    g_assert_true (cc_selection_get_single (cc_sheet_view_get_selection (f->view)) == node);
  }
}

static void
test_tab_chain (Fixture *f, gconstpointer data)
{
  guint before = n_nodes (f), links = n_links (f);
  double x, y;
  CcItem *a, *b, *link;

  empty_spot (f, &x, &y);
  cc_sheet_view_set_link_type (f->view, "strategic");
  double_click (f, x, y);
  type_into_entry (f, "Alpha Trust");
  g_assert_true (key (cc_sheet_view_get_entry_key_controller (f->view), GDK_KEY_Tab, 0));
  g_assert_nonnull (cc_sheet_view_get_entry (f->view));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cc_sheet_view_get_entry (f->view))), ==, "");
  type_into_entry (f, "Beta Forum");
  g_signal_emit_by_name (cc_sheet_view_get_entry (f->view), "activate");
  iterate ();

  g_assert_cmpuint (n_nodes (f), ==, before + 2);
  g_assert_cmpuint (n_links (f), ==, links + 1);
  a = cc_item_get_child (f->sheet, CC_MAP_NODES, before);
  b = cc_item_get_child (f->sheet, CC_MAP_NODES, before + 1);
  g_assert_cmpstr (cc_item_get_string (cc_project_get_node_actor (f->project, b), CC_ACTOR_NAME), ==, "Beta Forum");
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (b, CC_NODE_X), cc_item_get_double (a, CC_NODE_X) + 180, 0.01);
  link = cc_item_get_child (f->sheet, CC_MAP_LINKS, links);
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_FROM), ==, cc_item_get_id (a));
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TO), ==, cc_item_get_id (b));
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, "strategic");

  /* One undo step per organisation. */
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpuint (n_nodes (f), ==, before + 1);
  g_assert_cmpuint (n_links (f), ==, links);
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpuint (n_nodes (f), ==, before);
}

/* Whether a link joins @a and @b, either way. */
static gboolean
are_linked (Fixture *f, CcItem *a, CcItem *b)
{
  for (guint i = 0; i < n_links (f); i++)
    {
      CcItem *link = cc_item_get_child (f->sheet, CC_MAP_LINKS, i);
      const char *from = cc_item_get_string (link, CC_LINK_FROM), *to = cc_item_get_string (link, CC_LINK_TO);

      if ((g_str_equal (from, cc_item_get_id (a)) && g_str_equal (to, cc_item_get_id (b)))
          || (g_str_equal (from, cc_item_get_id (b)) && g_str_equal (to, cc_item_get_id (a))))
        return TRUE;
    }
  return FALSE;
}

/* Two nodes on screen that no link joins. */
static void
unlinked_pair (Fixture *f, guint skip, CcItem **a, CcItem **b)
{
  for (guint i = 0; i < 40; i++)
    for (guint j = i + 1; j < 40; j++)
      {
        CcItem *x = visible_node (f, i), *y = visible_node (f, j);

        if (x != NULL && y != NULL && x != y && !are_linked (f, x, y) && skip-- == 0)
          {
            *a = x;
            *b = y;
            return;
          }
      }
  g_error ("no two organisations on screen without a link");
}

static const char *
name_of (Fixture *f, CcItem *node)
{
  return cc_item_get_string (cc_project_get_node_actor (f->project, node), CC_ACTOR_NAME);
}

/* Whether the entry suggests the organisation @actor. */
static gboolean
suggests (Fixture *f, const char *name)
{
  GtkListBox *list = cc_sheet_view_get_suggestions (f->view);

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkWidget *label = gtk_list_box_row_get_child (gtk_list_box_get_row_at_index (list, i));

      if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), name) == 0)
        return gtk_widget_get_visible (GTK_WIDGET (list));
    }
  return FALSE;
}

static guint
n_actors (Fixture *f)
{
  return cc_item_get_n_children (cc_project_get_root (f->project), CC_PROJECT_ACTORS);
}

/* F2, Tab and the name of an organisation already on the map link to it;
 * one of the project not on the map is placed once; the source is never
 * offered. */
static void
test_tab_to_existing (Fixture *f, gconstpointer data)
{
  GtkEventController *entry_keys = cc_sheet_view_get_entry_key_controller (f->view);
  CcSelection *selection = cc_sheet_view_get_selection (f->view);
  guint nodes = n_nodes (f), links = n_links (f), actors = n_actors (f);
  CcItem *a, *b, *c, *d, *elsewhere, *placed;
  g_autofree char *start = NULL;
  g_autofree char *shouted = NULL;
  double x, y;

  unlinked_pair (f, 0, &a, &b);

  /* Chosen from the suggestions */
  node_view_pos (f, a, &x, &y);
  click (f, x, y);
  g_assert_true (view_key (f, GDK_KEY_F2, 0));
  g_assert_true (key (entry_keys, GDK_KEY_Tab, 0));
  type_into_entry (f, name_of (f, a));
  g_assert_false (suggests (f, name_of (f, a)));
  start = g_utf8_substring (name_of (f, b), 0, 6);
  type_into_entry (f, start);
  g_assert_true (suggests (f, name_of (f, b)));
  {
    GtkListBox *list = cc_sheet_view_get_suggestions (f->view);

    for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (gtk_list_box_get_row_at_index (list, i)))),
                     name_of (f, b)) == 0)
        gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, i));
  }
  g_signal_emit_by_name (cc_sheet_view_get_entry (f->view), "activate");
  iterate ();
  g_assert_cmpuint (n_nodes (f), ==, nodes);
  g_assert_cmpuint (n_actors (f), ==, actors);
  g_assert_cmpuint (n_links (f), ==, links + 1);
  g_assert_true (are_linked (f, a, b));
  g_assert_true (cc_selection_get_single (selection) == b);
  /* One step, and it was only the link */
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpuint (n_links (f), ==, links);
  g_assert_cmpuint (n_nodes (f), ==, nodes);

  /* Typed in full, in another case, with spaces around it */
  unlinked_pair (f, 1, &c, &d);
  node_view_pos (f, c, &x, &y);
  click (f, x, y);
  g_assert_true (view_key (f, GDK_KEY_F2, 0));
  g_assert_true (key (entry_keys, GDK_KEY_Tab, 0));
  shouted = g_strdup_printf ("  %s ", g_utf8_strup (name_of (f, d), -1));
  type_into_entry (f, shouted);
  g_signal_emit_by_name (cc_sheet_view_get_entry (f->view), "activate");
  iterate ();
  g_assert_cmpuint (n_nodes (f), ==, nodes);
  g_assert_cmpuint (n_actors (f), ==, actors);
  g_assert_true (are_linked (f, c, d));

  /* In the project but not on this map: placed once, then linked to */
  elsewhere = cc_item_new (CC_KIND_ACTOR);
  cc_item_set_string (elsewhere, CC_ACTOR_NAME, "Harbour Heritage Trust");
  elsewhere = cc_project_insert (f->project, cc_project_get_root (f->project), CC_PROJECT_ACTORS, -1, elsewhere);
  actors = n_actors (f);
  nodes = n_nodes (f);
  node_view_pos (f, a, &x, &y);
  click (f, x, y);
  g_assert_true (view_key (f, GDK_KEY_F2, 0));
  g_assert_true (key (entry_keys, GDK_KEY_Tab, 0));
  type_into_entry (f, "harbour heritage trust");
  g_signal_emit_by_name (cc_sheet_view_get_entry (f->view), "activate");
  iterate ();
  g_assert_cmpuint (n_nodes (f), ==, nodes + 1);
  g_assert_cmpuint (n_actors (f), ==, actors);
  placed = cc_item_get_child (f->sheet, CC_MAP_NODES, nodes);
  g_assert_true (cc_project_get_node_actor (f->project, placed) == elsewhere);
  g_assert_true (are_linked (f, a, placed));
  node_view_pos (f, b, &x, &y);
  click (f, x, y);
  g_assert_true (view_key (f, GDK_KEY_F2, 0));
  g_assert_true (key (entry_keys, GDK_KEY_Tab, 0));
  type_into_entry (f, "Harbour Heritage Trust");
  g_signal_emit_by_name (cc_sheet_view_get_entry (f->view), "activate");
  iterate ();
  g_assert_cmpuint (n_nodes (f), ==, nodes + 1);
  g_assert_true (are_linked (f, b, placed));
}

/* L on a selected organisation opens the entry to name the other end. */
static void
test_link_by_keyboard (Fixture *f, gconstpointer data)
{
  guint nodes = n_nodes (f), links = n_links (f);
  CcItem *a, *b;
  double x, y;

  unlinked_pair (f, 0, &a, &b);
  cc_selection_clear (cc_sheet_view_get_selection (f->view));
  view_key (f, GDK_KEY_l, 0);   /* nothing selected: nothing to link */
  g_assert_null (cc_sheet_view_get_entry (f->view));
  node_view_pos (f, a, &x, &y);
  click (f, x, y);
  cc_sheet_view_set_link_type (f->view, "statutory");
  g_assert_true (view_key (f, GDK_KEY_l, 0));
  g_assert_nonnull (cc_sheet_view_get_entry (f->view));
  g_assert_cmpstr (gtk_entry_get_placeholder_text (cc_sheet_view_get_entry (f->view)), ==,
                   "Link to: organisation name");
  type_into_entry (f, name_of (f, b));
  g_signal_emit_by_name (cc_sheet_view_get_entry (f->view), "activate");
  iterate ();
  g_assert_null (cc_sheet_view_get_entry (f->view));
  g_assert_cmpuint (n_nodes (f), ==, nodes);
  g_assert_cmpuint (n_links (f), ==, links + 1);
  g_assert_true (are_linked (f, a, b));
  g_assert_cmpstr (cc_item_get_string (cc_item_get_child (f->sheet, CC_MAP_LINKS, links), CC_LINK_TYPE), ==,
                   "statutory");
  /* Linked already: a second time adds nothing */
  node_view_pos (f, a, &x, &y);
  click (f, x, y);
  g_assert_true (view_key (f, GDK_KEY_l, 0));
  type_into_entry (f, name_of (f, b));
  g_signal_emit_by_name (cc_sheet_view_get_entry (f->view), "activate");
  iterate ();
  g_assert_cmpuint (n_links (f), ==, links + 1);
}

/* Keys 1-4 retype the selected links, as one step; with none selected they
 * choose the type of new links. The menu does the same. */
static void
test_retype_links (Fixture *f, gconstpointer data)
{
  CcSelection *selection = cc_sheet_view_get_selection (f->view);
  CcItem *l0 = cc_item_get_child (f->sheet, CC_MAP_LINKS, 0), *l1 = cc_item_get_child (f->sheet, CC_MAP_LINKS, 1);
  CcItem *custom = cc_item_get_child (cc_project_get_root (f->project), CC_PROJECT_LINK_TYPES, 0);
  g_autofree char *t0 = g_strdup (cc_item_get_string (l0, CC_LINK_TYPE));
  g_autofree char *t1 = g_strdup (cc_item_get_string (l1, CC_LINK_TYPE));
  g_autoptr(GPtrArray) both = g_ptr_array_new ();
  GMenuModel *menu;
  guint history;

  cc_sheet_view_set_link_type (f->view, "informal");
  cc_selection_select (selection, l0);
  iterate ();
  history = cc_project_get_history_length (f->project);
  g_assert_true (view_key (f, g_str_equal (t0, "delivery") ? GDK_KEY_2 : GDK_KEY_4, 0));
  g_assert_cmpstr (cc_item_get_string (l0, CC_LINK_TYPE), ==, g_str_equal (t0, "delivery") ? "strategic" : "delivery");
  g_assert_cmpstr (cc_sheet_view_get_link_type (f->view), ==, "informal");
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpstr (cc_item_get_string (l0, CC_LINK_TYPE), ==, t0);

  /* Two at once, one step; the tools say what the selection is */
  g_ptr_array_add (both, l0);
  g_ptr_array_add (both, l1);
  cc_selection_set_items (selection, both);
  iterate ();
  {
    static const char *ids[] = { "informal", "strategic", "statutory", "delivery" };
    static const char *labels[] = { "Informal collaboration", "Strategic partnership", "Statutory partnership", "Service delivery" };
    guint k = 0;
    g_autofree char *text = NULL;

    while (g_str_equal (ids[k], t0) || g_str_equal (ids[k], t1))
      k++;
    g_assert_true (view_key (f, GDK_KEY_1 + k, 0));
    g_assert_cmpstr (cc_item_get_string (l0, CC_LINK_TYPE), ==, ids[k]);
    g_assert_cmpstr (cc_item_get_string (l1, CC_LINK_TYPE), ==, ids[k]);
    text = g_strdup_printf ("Selected links: %s", labels[k]);
    g_assert_cmpstr (cc_sheet_view_get_link_type_text (f->view), ==, text);
  }
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpstr (cc_item_get_string (l0, CC_LINK_TYPE), ==, t0);
  g_assert_cmpstr (cc_item_get_string (l1, CC_LINK_TYPE), ==, t1);

  /* The project's own types, from the menu */
  menu = gtk_menu_button_get_menu_model (cc_sheet_view_get_link_type_button (f->view));
  {
    g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
    g_autofree char *action = NULL;
    g_autoptr(GVariant) target = NULL;

    g_assert_nonnull (section);
    g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
    target = g_menu_model_get_item_attribute_value (section, 0, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
    g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->view), action, target));
  }
  iterate ();
  g_assert_cmpstr (cc_item_get_string (l0, CC_LINK_TYPE), ==, cc_item_get_id (custom));
  g_assert_cmpstr (cc_item_get_string (l1, CC_LINK_TYPE), ==, cc_item_get_id (custom));
  g_assert_cmpstr (cc_sheet_view_get_link_type (f->view), ==, "informal");

  /* Nothing selected: the type of new links, as before */
  cc_selection_clear (selection);
  iterate ();
  history = cc_project_get_history_length (f->project);
  g_assert_true (view_key (f, GDK_KEY_3, 0));
  g_assert_cmpstr (cc_sheet_view_get_link_type (f->view), ==, "statutory");
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history);
  g_assert_cmpstr (cc_sheet_view_get_link_type_text (f->view), ==, "New links: Statutory partnership");
}

/* Whether the whole sheet is in view. */
static gboolean
sheet_in_view (Fixture *f)
{
  CcRect area, bounds;
  CcRenderOptions options;

  cc_render_options_init (&options);
  options.prompts = TRUE;
  cc_render_get_bounds (f->project, f->sheet, &options, &bounds);
  cc_sheet_view_get_visible_area (f->view, &area);
  return bounds.x >= area.x - 0.5 && bounds.y >= area.y - 0.5 && bounds.x + bounds.width <= area.x + area.width + 0.5
         && bounds.y + bounds.height <= area.y + area.height + 0.5;
}

static void
settle (void)
{
  for (int i = 0; i < 30; i++)
    {
      iterate ();
      g_usleep (15000);
    }
}

/* Fitted, the view keeps the whole sheet fitted: when the window grows and
 * when an organisation is added outside the paper. Zoomed by hand, it stays
 * where the user put it. */
static void
test_follows_fit (Fixture *f, gconstpointer data)
{
  double zoom;
  CcItem *far;

  cc_sheet_view_zoom_fit (f->view);
  settle ();
  g_assert_true (sheet_in_view (f));
  zoom = cc_sheet_view_get_zoom (f->view);

  /* Maximised, or a panel closed: larger, still whole */
  gtk_widget_set_size_request (GTK_WIDGET (f->view), 1400, 900);
  settle ();
  g_assert_cmpfloat (cc_sheet_view_get_zoom (f->view), >, zoom);
  g_assert_true (sheet_in_view (f));

  /* An organisation far outside the paper: in view once the view has moved */
  far = cc_map_add_organisation (f->project, f->sheet, NULL, "Far Away Trust", CC_SECTOR_COMMUNITY, 6000, 4000);
  g_assert_nonnull (far);
  settle ();
  g_assert_true (sheet_in_view (f));

  /* Zoomed by hand: a resize keeps that zoom */
  cc_sheet_view_set_zoom (f->view, 1.5);
  gtk_widget_set_size_request (GTK_WIDGET (f->view), 900, 600);
  settle ();
  g_assert_cmpfloat_with_epsilon (cc_sheet_view_get_zoom (f->view), 1.5, 1e-9);
}

/* Ctrl+click adds to the selection and takes away from it, as Shift+click
 * does, as in GNOME's lists. */
static void
test_ctrl_click_adds (Fixture *f, gconstpointer data)
{
  CcItem *a = visible_node (f, 0), *b = visible_node (f, 1);
  CcSelection *selection = cc_sheet_view_get_selection (f->view);
  double x, y;

  node_view_pos (f, a, &x, &y);
  click (f, x, y);
  g_assert_true (cc_selection_get_single (selection) == a);
  node_view_pos (f, b, &x, &y);
  cc_sheet_view_set_test_modifiers (f->view, GDK_CONTROL_MASK);
  click (f, x, y);
  g_assert_cmpuint (cc_selection_get_n_items (selection), ==, 2);
  g_assert_true (cc_selection_contains (selection, a) && cc_selection_contains (selection, b));
  click (f, x, y);
  cc_sheet_view_set_test_modifiers (f->view, 0);
  g_assert_true (cc_selection_get_single (selection) == a);
}

static void
test_move (Fixture *f, gconstpointer data)
{
  CcItem *a = visible_node (f, 0), *b = visible_node (f, 1);
  CcSelection *selection = cc_sheet_view_get_selection (f->view);
  double ax0 = cc_item_get_double (a, CC_NODE_X), ay0 = cc_item_get_double (a, CC_NODE_Y);
  double bx0 = cc_item_get_double (b, CC_NODE_X), by0 = cc_item_get_double (b, CC_NODE_Y);
  double zoom = cc_sheet_view_get_zoom (f->view);
  guint history;
  double x, y;

  node_view_pos (f, a, &x, &y);
  click (f, x, y);
  g_assert_true (cc_selection_get_single (selection) == a);
  node_view_pos (f, b, &x, &y);
  cc_sheet_view_set_test_modifiers (f->view, GDK_SHIFT_MASK);
  click (f, x, y);
  cc_sheet_view_set_test_modifiers (f->view, 0);
  g_assert_cmpuint (cc_selection_get_n_items (selection), ==, 2);

  history = cc_project_get_history_length (f->project);
  drag (f, x, y, 50, 30);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (a, CC_NODE_X), ax0 + 50 / zoom, 0.01);
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (b, CC_NODE_Y), by0 + 30 / zoom, 0.01);
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpfloat (cc_item_get_double (a, CC_NODE_X), ==, ax0);
  g_assert_cmpfloat (cc_item_get_double (a, CC_NODE_Y), ==, ay0);
  g_assert_cmpfloat (cc_item_get_double (b, CC_NODE_X), ==, bx0);

  /* Arrow keys nudge, one step each. */
  g_assert_true (view_key (f, GDK_KEY_Right, 0));
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (a, CC_NODE_X), ax0 + 10, 0.01);
  g_assert_true (view_key (f, GDK_KEY_Down, GDK_SHIFT_MASK));
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (b, CC_NODE_Y), by0 + 50, 0.01);
  g_assert_true (cc_project_undo (f->project));
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpfloat (cc_item_get_double (a, CC_NODE_X), ==, ax0);

  /* Shift+click toggles off; a click on paper clears. */
  cc_sheet_view_set_test_modifiers (f->view, GDK_SHIFT_MASK);
  click (f, x, y);
  cc_sheet_view_set_test_modifiers (f->view, 0);
  g_assert_true (cc_selection_get_single (selection) == a);
  empty_spot (f, &x, &y);
  click (f, x, y);
  g_assert_cmpuint (cc_selection_get_n_items (selection), ==, 0);
}

static void
test_link (Fixture *f, gconstpointer data)
{
  CcItem *a = visible_node (f, 0), *b = visible_node (f, 1), *link;
  guint links = n_links (f), history;
  double ax, ay, bx, by, ex, ey;
  GtkGesture *g = cc_sheet_view_get_drag_gesture (f->view);
  g_autofree char *json = NULL;

  node_view_pos (f, a, &ax, &ay);
  node_view_pos (f, b, &bx, &by);
  click (f, ax, ay);
  g_assert_true (view_key (f, GDK_KEY_3, 0));
  g_assert_cmpstr (cc_sheet_view_get_link_type (f->view), ==, "statutory");

  /* Escape cancels a half-drawn link. */
  history = cc_project_get_history_length (f->project);
  cc_sheet_view_set_test_modifiers (f->view, GDK_ALT_MASK);
  g_signal_emit_by_name (g, "drag-begin", ax, ay);
  g_signal_emit_by_name (g, "drag-update", (bx - ax) / 2, (by - ay) / 2);
  g_signal_emit_by_name (g, "drag-update", bx - ax, by - ay);
  iterate ();
  view_key (f, GDK_KEY_Escape, 0);
  g_signal_emit_by_name (g, "drag-end", bx - ax, by - ay);
  iterate ();
  g_assert_cmpuint (n_links (f), ==, links);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history);
  g_assert_false (cc_project_get_modified (f->project));

  drag (f, ax, ay, bx - ax, by - ay);
  cc_sheet_view_set_test_modifiers (f->view, 0);
  g_assert_cmpuint (n_links (f), ==, links + 1);
  link = cc_item_get_child (f->sheet, CC_MAP_LINKS, links);
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_FROM), ==, cc_item_get_id (a));
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TO), ==, cc_item_get_id (b));
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, "statutory");
  json = saved (f);
  g_assert_nonnull (strstr (json, "\"statutory\""));

  /* From the handle to empty paper: a new organisation, already linked. */
  {
    CcRect box;
    guint before = n_nodes (f);

    click (f, ax, ay);
    g_assert_true (cc_render_get_item_bounds (f->project, f->sheet, a, &box));
    cc_sheet_view_sheet_to_view (f->view, box.x + box.width, box.y + box.height / 2, &ax, &ay);
    empty_spot (f, &ex, &ey);
    drag (f, ax, ay, ex - ax, ey - ay);
    g_assert_nonnull (cc_sheet_view_get_entry (f->view));
    type_into_entry (f, "Handle Made");
    g_signal_emit_by_name (cc_sheet_view_get_entry (f->view), "activate");
    iterate ();
    g_assert_cmpuint (n_nodes (f), ==, before + 1);
    g_assert_cmpuint (n_links (f), ==, links + 2);
    link = cc_item_get_child (f->sheet, CC_MAP_LINKS, links + 1);
    g_assert_cmpstr (cc_item_get_string (link, CC_LINK_FROM), ==, cc_item_get_id (a));
  }
}

static void
test_delete (Fixture *f, gconstpointer data)
{
  CcItem *a = visible_node (f, 0);
  const char *id = cc_item_get_id (a);
  g_autofree char *keep = g_strdup (id);
  guint nodes = n_nodes (f), links = n_links (f), touching = 0;
  double x, y;

  for (guint i = 0; i < links; i++)
    {
      CcItem *l = cc_item_get_child (f->sheet, CC_MAP_LINKS, i);

      if (g_strcmp0 (cc_item_get_string (l, CC_LINK_FROM), id) == 0
          || g_strcmp0 (cc_item_get_string (l, CC_LINK_TO), id) == 0)
        touching++;
    }
  g_assert_cmpuint (touching, >, 0);
  node_view_pos (f, a, &x, &y);
  click (f, x, y);
  g_assert_true (view_key (f, GDK_KEY_Delete, 0));
  g_assert_cmpuint (n_nodes (f), ==, nodes - 1);
  g_assert_cmpuint (n_links (f), ==, links - touching);
  g_assert_null (cc_project_lookup (f->project, keep));
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpuint (n_nodes (f), ==, nodes);
  g_assert_cmpuint (n_links (f), ==, links);
  g_assert_nonnull (cc_project_lookup (f->project, keep));
}

static void
test_rename_duplicate (Fixture *f, gconstpointer data)
{
  CcItem *a = visible_node (f, 0);
  CcItem *actor = cc_project_get_node_actor (f->project, a);
  CcSelection *selection = cc_sheet_view_get_selection (f->view);
  guint nodes = n_nodes (f);
  double x, y;

  node_view_pos (f, a, &x, &y);
  click (f, x, y);
  g_assert_true (view_key (f, GDK_KEY_F2, 0));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cc_sheet_view_get_entry (f->view))), ==,
                   cc_item_get_string (actor, CC_ACTOR_NAME));
  type_into_entry (f, "Renamed Council");
  g_signal_emit_by_name (cc_sheet_view_get_entry (f->view), "activate");
  iterate ();
  g_assert_cmpstr (cc_item_get_string (actor, CC_ACTOR_NAME), ==, "Renamed Council");
  g_assert_cmpuint (n_nodes (f), ==, nodes);

  /* Double-click on a node renames too. */
  double_click (f, x, y);
  g_assert_nonnull (cc_sheet_view_get_entry (f->view));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cc_sheet_view_get_entry (f->view))), ==, "Renamed Council");
  key (cc_sheet_view_get_entry_key_controller (f->view), GDK_KEY_Escape, 0);

  g_assert_true (view_key (f, GDK_KEY_d, GDK_CONTROL_MASK));
  g_assert_cmpuint (n_nodes (f), ==, nodes + 1);
  g_assert_true (cc_selection_get_single (selection) == cc_item_get_child (f->sheet, CC_MAP_NODES, nodes));
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (cc_selection_get_single (selection), CC_NODE_X),
                                  cc_item_get_double (a, CC_NODE_X) + 30, 0.01);
}

static void
test_select_all_band (Fixture *f, gconstpointer data)
{
  CcSelection *selection = cc_sheet_view_get_selection (f->view);
  int w = gtk_widget_get_width (GTK_WIDGET (f->view));
  int h = gtk_widget_get_height (GTK_WIDGET (f->view));
  double x = -1, y = -1, x2, y2;
  CcRect r;
  guint expected = 0;

  g_assert_true (view_key (f, GDK_KEY_a, GDK_CONTROL_MASK));
  g_assert_cmpuint (cc_selection_get_n_items (selection), ==, n_nodes (f));
  g_assert_true (view_key (f, GDK_KEY_Escape, 0));
  g_assert_cmpuint (cc_selection_get_n_items (selection), ==, 0);

  /* A band from paper near the top left corner to the middle. */
  for (double py = 10; py < h / 2.0 && x < 0; py += 7)
    for (double px = 10; px < w / 2.0 && x < 0; px += 7)
      {
        double sx, sy;

        view_to_sheet (f, px, py, &sx, &sy);
        if (cc_render_hit_test (f->project, f->sheet, NULL, sx, sy) == NULL)
          x = px, y = py;
      }
  g_assert_cmpfloat (x, >=, 0);
  x2 = w * 0.6;
  y2 = h * 0.6;
  view_to_sheet (f, x, y, &r.x, &r.y);
  view_to_sheet (f, x2, y2, &r.width, &r.height);
  for (guint i = 0; i < n_nodes (f); i++)
    {
      CcItem *node = cc_item_get_child (f->sheet, CC_MAP_NODES, i);
      double nx = cc_item_get_double (node, CC_NODE_X), ny = cc_item_get_double (node, CC_NODE_Y);

      if (nx >= r.x && nx <= r.width && ny >= r.y && ny <= r.height)
        expected++;
    }
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, n_nodes (f));
  drag (f, x, y, x2 - x, y2 - y);
  g_assert_cmpuint (cc_selection_get_n_items (selection), ==, expected);
  for (guint i = 0; i < expected; i++)
    {
      CcItem *node = cc_selection_get_item (selection, i);
      double nx = cc_item_get_double (node, CC_NODE_X), ny = cc_item_get_double (node, CC_NODE_Y);

      g_assert_true (nx >= r.x && nx <= r.width && ny >= r.y && ny <= r.height);
    }
  g_assert_false (cc_project_get_modified (f->project));
}

/* Alt+arrow walks along links to the neighbour that lies that way. */
static void
test_neighbours (Fixture *f, gconstpointer data)
{
  CcSelection *selection = cc_sheet_view_get_selection (f->view);
  CcItem *link = cc_item_get_child (f->sheet, CC_MAP_LINKS, 0);
  CcItem *a = cc_project_lookup (f->project, cc_item_get_string (link, CC_LINK_FROM));
  CcItem *b = cc_project_lookup (f->project, cc_item_get_string (link, CC_LINK_TO));
  g_autoptr(GPtrArray) around = cc_map_neighbours (f->project, a);
  double dx = cc_item_get_double (b, CC_NODE_X) - cc_item_get_double (a, CC_NODE_X);
  double dy = cc_item_get_double (b, CC_NODE_Y) - cc_item_get_double (a, CC_NODE_Y);
  guint keyval = fabs (dx) > fabs (dy) ? (dx > 0 ? GDK_KEY_Right : GDK_KEY_Left) : (dy > 0 ? GDK_KEY_Down : GDK_KEY_Up);
  CcItem *next;

  /* From nothing selected, the walk starts at the first organisation. */
  cc_selection_clear (selection);
  g_assert_true (view_key (f, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_true (cc_selection_get_single (selection) == cc_item_get_child (f->sheet, CC_MAP_NODES, 0));

  cc_selection_select (selection, a);
  g_assert_true (view_key (f, keyval, GDK_ALT_MASK));
  next = cc_selection_get_single (selection);
  g_assert_nonnull (next);
  g_assert_true (next != a);
  g_assert_true (g_ptr_array_find (around, next, NULL));
  {
    double nx = cc_item_get_double (next, CC_NODE_X) - cc_item_get_double (a, CC_NODE_X);
    double ny = cc_item_get_double (next, CC_NODE_Y) - cc_item_get_double (a, CC_NODE_Y);
    double ux = keyval == GDK_KEY_Right ? 1 : keyval == GDK_KEY_Left ? -1 : 0;
    double uy = keyval == GDK_KEY_Down ? 1 : keyval == GDK_KEY_Up ? -1 : 0;

    g_assert_cmpfloat ((nx * ux + ny * uy) / hypot (nx, ny), >=, 0.35);
  }
  /* Walking changes nothing in the project. */
  g_assert_false (cc_project_can_undo (f->project));
}

/* Align, distribute, group and ungroup, from the actions of the map menu. */
static void
test_arrange (Fixture *f, gconstpointer data)
{
  CcSelection *selection = cc_sheet_view_get_selection (f->view);
  GtkWidget *view = GTK_WIDGET (f->view);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  guint groups = cc_item_get_n_children (f->sheet, CC_MAP_GROUPS);
  g_autofree char *before = NULL;
  g_autofree char *undone = NULL;
  CcItem *group;

  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (nodes, cc_item_get_child (f->sheet, CC_MAP_NODES, i));
  cc_selection_set_items (selection, nodes);
  before = saved (f);

  g_assert_true (gtk_widget_activate_action (view, "canvas.align", "s", "top"));
  g_assert_cmpfloat (cc_item_get_double (nodes->pdata[0], CC_NODE_Y), ==, cc_item_get_double (nodes->pdata[1], CC_NODE_Y));
  g_assert_cmpfloat (cc_item_get_double (nodes->pdata[1], CC_NODE_Y), ==, cc_item_get_double (nodes->pdata[2], CC_NODE_Y));
  g_assert_true (cc_project_undo (f->project));
  undone = saved (f);
  g_assert_cmpstr (undone, ==, before);

  g_assert_true (gtk_widget_activate_action (view, "canvas.distribute", "s", "horizontal"));
  {
    double x[3];

    for (guint i = 0; i < 3; i++)
      x[i] = cc_item_get_double (nodes->pdata[i], CC_NODE_X);
    /* The middle one sits halfway between the outer two. */
    g_assert_cmpfloat_with_epsilon (x[0] + x[1] + x[2] - MIN (MIN (x[0], x[1]), x[2]) - MAX (MAX (x[0], x[1]), x[2]),
                                    (MIN (MIN (x[0], x[1]), x[2]) + MAX (MAX (x[0], x[1]), x[2])) / 2, 1e-6);
  }

  cc_selection_set_items (selection, nodes);
  g_assert_true (view_key (f, GDK_KEY_g, GDK_CONTROL_MASK));
  g_assert_cmpuint (cc_item_get_n_children (f->sheet, CC_MAP_GROUPS), ==, groups + 1);
  group = cc_selection_get_single (selection);
  g_assert_nonnull (group);
  g_assert_cmpint (cc_item_get_kind (group), ==, CC_KIND_GROUP);
  g_assert_cmpuint (g_strv_length ((char **) cc_item_get_strv (group, CC_GROUP_MEMBERS)), ==, 3);

  g_assert_true (view_key (f, GDK_KEY_G, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpuint (cc_item_get_n_children (f->sheet, CC_MAP_GROUPS), ==, groups);
}

/* Waits for the asynchronous clipboard read to add @expected nodes. */
static void
wait_for_nodes (Fixture *f, guint expected)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (n_nodes (f) != expected && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  iterate ();
}

static void
test_copy_paste (Fixture *f, gconstpointer data)
{
  CcItem *a = visible_node (f, 0);
  CcItem *b = visible_node (f, 1);
  CcSelection *selection = cc_sheet_view_get_selection (f->view);
  guint nodes = n_nodes (f);
  guint actors = cc_item_get_n_children (cc_project_get_root (f->project), CC_PROJECT_ACTORS);
  g_autofree char *before = saved (f);
  g_autofree char *after_paste = NULL;
  g_autofree char *undone = NULL;
  double x, y;

  node_view_pos (f, a, &x, &y);
  click (f, x, y);
  cc_selection_add (selection, b);
  g_assert_cmpuint (cc_selection_get_n_items (selection), ==, 2);

  g_assert_true (view_key (f, GDK_KEY_c, GDK_CONTROL_MASK));
  g_assert_true (view_key (f, GDK_KEY_v, GDK_CONTROL_MASK));
  wait_for_nodes (f, nodes + 2);
  /* The copies are the same organisations, placed again, and selected. */
  g_assert_cmpuint (n_nodes (f), ==, nodes + 2);
  g_assert_cmpuint (cc_item_get_n_children (cc_project_get_root (f->project), CC_PROJECT_ACTORS), ==, actors);
  g_assert_cmpuint (cc_selection_get_n_items (selection), ==, 2);
  g_assert_true (cc_project_get_node_actor (f->project, cc_selection_get_item (selection, 0)) ==
                 cc_project_get_node_actor (f->project, a) ||
                 cc_project_get_node_actor (f->project, cc_selection_get_item (selection, 0)) ==
                 cc_project_get_node_actor (f->project, b));
  after_paste = saved (f);
  g_assert_cmpstr (after_paste, !=, before);

  /* One undo takes the paste away. */
  g_assert_true (cc_project_undo (f->project));
  undone = saved (f);
  g_assert_cmpstr (undone, ==, before);

  /* Cut removes them; paste brings them back. */
  cc_selection_select (selection, a);
  g_assert_true (view_key (f, GDK_KEY_x, GDK_CONTROL_MASK));
  g_assert_cmpuint (n_nodes (f), ==, nodes - 1);
  g_assert_true (view_key (f, GDK_KEY_v, GDK_CONTROL_MASK));
  wait_for_nodes (f, nodes);
  g_assert_cmpuint (n_nodes (f), ==, nodes);
}


/* ---- links follow a drag; the legend; link types from the toolbar ------- */

/* The view as the user sees it, through the window's own renderer. */
static guchar *
view_pixels (Fixture *f, int *width, int *height)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderNode *node;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  int w = gtk_widget_get_width (GTK_WIDGET (f->view)), h = gtk_widget_get_height (GTK_WIDGET (f->view));
  guchar *data;

  /* What the view hands GTK for a frame. */
  GTK_WIDGET_GET_CLASS (f->view)->snapshot (GTK_WIDGET (f->view), snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_render_node_unref (node);
  data = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, data, (gsize) w * 4);
  *width = w;
  *height = h;
  return data;
}

/* How many pixels differ clearly between two pictures of the view. */
static guint
pixels_differing (const guchar *a, const guchar *b, int width, int height)
{
  guint n = 0;

  for (gsize i = 0; i < (gsize) width * height; i++)
    for (int c = 0; c < 3; c++)
      if (abs ((int) a[i * 4 + c] - (int) b[i * 4 + c]) > 48)
        {
          n++;
          break;
        }
  return n;
}

/* A selected organisation's outline runs across the corner where its
 * sector's badge is: the badge stays on top, in the sector's colour. */
static void
test_selection_keeps_badge (Fixture *f, gconstpointer data)
{
  g_autofree guchar *pixels = NULL;
  CcItem *node = NULL;
  const guchar *p;
  CcRect r;
  double cx, cy;
  int w, h, x, y;

  for (guint skip = 0; node == NULL; skip++)
    {
      CcItem *candidate = visible_node (f, skip);
      CcItem *actor = cc_project_get_node_actor (f->project, candidate);

      if (cc_item_get_int (actor, CC_ACTOR_SECTOR) == CC_SECTOR_PUBLIC
          && cc_item_get_int (actor, CC_ACTOR_KIND) == CC_ACTOR_KIND_ORGANISATION
          && !cc_item_get_bool (actor, CC_ACTOR_UMBRELLA))
        node = candidate;
    }
  /* Zoomed in on it, so that the outline, a few pixels out from the node,
   * runs well inside the badge */
  node_view_pos (f, node, &cx, &cy);
  cc_sheet_view_zoom_at (f->view, 2.0, cx, cy);
  iterate ();
  cc_selection_select (cc_sheet_view_get_selection (f->view), node);
  iterate ();
  g_assert_true (cc_render_get_item_bounds (f->project, f->sheet, node, &r));
  cc_sheet_view_sheet_to_view (f->view, r.x, r.y, &r.x, &r.y);
  pixels = view_pixels (f, &w, &h);
  /* Where the outline (a rounded rectangle 4 pixels out, its corners of 8)
   * crosses the corner's diagonal: inside the public sector's square */
  x = (int) round (r.x + 4 - 8 * G_SQRT2 / 2);
  y = (int) round (r.y + 4 - 8 * G_SQRT2 / 2);
  g_assert_cmpint (x, >, 0);
  g_assert_cmpint (y, >, 0);
  p = pixels + ((gsize) y * w + x) * 4;  /* B, G, R, A */
  g_test_message ("at the corner: #%02x%02x%02x", p[2], p[1], p[0]);
  /* The public border's #0a66b0, not the selection's #3584e4 */
  g_assert_cmpint (p[2], <, 0x20);
  g_assert_cmpint (p[0], <, 0xc8);
}

static void
test_drag_links_follow (Fixture *f, gconstpointer data)
{
  GtkGesture *g = cc_sheet_view_get_drag_gesture (f->view);
  g_autofree guchar *before = NULL, *during = NULL, *after = NULL;
  CcItem *a = NULL;
  int w, h, w2, h2;
  guint during_vs_after, before_vs_after;
  double x, y;

  /* An organisation in view with links to others. */
  for (guint skip = 0; a == NULL; skip++)
    {
      CcItem *node = visible_node (f, skip);
      g_autoptr(GPtrArray) near = cc_map_neighbours (f->project, node);

      if (near->len >= 2)
        a = node;
    }
  node_view_pos (f, a, &x, &y);
  click (f, x, y);
  before = view_pixels (f, &w, &h);

  g_signal_emit_by_name (g, "drag-begin", x, y);
  g_signal_emit_by_name (g, "drag-update", 40.0, 45.0);
  g_signal_emit_by_name (g, "drag-update", 80.0, 90.0);
  iterate ();
  during = view_pixels (f, &w2, &h2);
  g_assert_cmpint (w, ==, w2);
  g_assert_cmpint (h, ==, h2);
  /* Nothing is written until the drop. */
  g_assert_false (cc_project_get_modified (f->project));

  g_signal_emit_by_name (g, "drag-end", 80.0, 90.0);
  iterate ();
  g_assert_true (cc_project_get_modified (f->project));
  after = view_pixels (f, &w2, &h2);

  /* What the drag shows is what the drop gives: the organisation and its
   * links already where they land, not a ghost over the old drawing. */
  during_vs_after = pixels_differing (during, after, w, h);
  before_vs_after = pixels_differing (before, after, w, h);
  g_test_message ("pixels differing: during/after %u, before/after %u", during_vs_after, before_vs_after);
  g_assert_cmpuint (before_vs_after, >, 1000);
  g_assert_cmpuint (during_vs_after * 4, <, before_vs_after);

  /* Escape during a drag puts everything back, and draws it back. */
  node_view_pos (f, a, &x, &y);
  g_signal_emit_by_name (g, "drag-begin", x, y);
  g_signal_emit_by_name (g, "drag-update", -60.0, 10.0);
  iterate ();
  view_key (f, GDK_KEY_Escape, 0);
  g_signal_emit_by_name (g, "drag-end", -60.0, 10.0);
  iterate ();
  g_clear_pointer (&during, g_free);
  during = view_pixels (f, &w2, &h2);
  g_assert_cmpuint (pixels_differing (during, after, w, h), <, 400);
}

static void
test_legend (Fixture *f, gconstpointer data)
{
  CcSelection *selection = cc_sheet_view_get_selection (f->view);
  CcRect box, moved;
  double x, y, zoom;
  guint history;
  GPtrArray *nodes = cc_item_get_children (f->sheet, CC_MAP_NODES);
  double lowest = -G_MAXDOUBLE;

  g_assert_true (cc_item_get_bool (f->sheet, CC_MAP_LEGEND));
  g_assert_true (cc_render_get_item_bounds (f->project, f->sheet, f->sheet, &box));

  /* Dragged by the mouse: one step, and the file says where. */
  cc_sheet_view_zoom_fit (f->view);
  iterate ();
  zoom = cc_sheet_view_get_zoom (f->view);
  cc_sheet_view_sheet_to_view (f->view, box.x + box.width / 2, box.y + 20, &x, &y);
  history = cc_project_get_history_length (f->project);
  drag (f, x, y, -120, 60);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);
  g_assert_cmpuint (cc_selection_get_n_items (selection), ==, 0);
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (f->sheet, CC_MAP_LEGEND_X), box.x - 120 / zoom, 1.0);
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (f->sheet, CC_MAP_LEGEND_Y), box.y + 60 / zoom, 1.0);
  g_assert_true (cc_render_get_item_bounds (f->project, f->sheet, f->sheet, &moved));
  g_assert_cmpfloat_with_epsilon (moved.x, box.x - 120 / zoom, 1.0);
  {
    g_autofree char *json = saved (f);

    g_assert_nonnull (strstr (json, "\"legend_x\""));
    g_assert_nonnull (strstr (json, "\"legend_y\""));
  }
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpfloat (cc_item_get_double (f->sheet, CC_MAP_LEGEND_X), <, -CC_MAX_COORDINATE);
  {
    g_autofree char *json = saved (f);

    g_assert_null (strstr (json, "\"legend_x\""));
  }

  /* Placed from the menu (keyboard): below the map. */
  for (guint i = 0; i < nodes->len; i++)
    lowest = MAX (lowest, cc_item_get_double (nodes->pdata[i], CC_NODE_Y));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "canvas.place-legend", "s", "below"));
  iterate ();
  g_assert_cmpfloat (cc_item_get_double (f->sheet, CC_MAP_LEGEND_Y), >, lowest);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "canvas.place-legend", "s", "left"));
  iterate ();
  g_assert_true (cc_render_get_item_bounds (f->project, f->sheet, f->sheet, &moved));
  for (guint i = 0; i < nodes->len; i++)
    g_assert_cmpfloat (moved.x + moved.width, <, cc_item_get_double (nodes->pdata[i], CC_NODE_X));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "canvas.place-legend", "s", "right"));
  iterate ();
  g_assert_cmpfloat (cc_item_get_double (f->sheet, CC_MAP_LEGEND_X), <, -CC_MAX_COORDINATE);
  g_assert_true (cc_render_get_item_bounds (f->project, f->sheet, f->sheet, &moved));
  g_assert_cmpfloat (moved.x, ==, box.x);

  /* Ctrl+L hides it (an edit of the map, so it undoes) and shows it again. */
  history = cc_project_get_history_length (f->project);
  g_assert_true (view_key (f, GDK_KEY_l, GDK_CONTROL_MASK));
  g_assert_false (cc_item_get_bool (f->sheet, CC_MAP_LEGEND));
  g_assert_false (cc_render_get_item_bounds (f->project, f->sheet, f->sheet, &moved));
  {
    g_autofree char *json = saved (f);

    g_assert_nonnull (strstr (json, "\"legend\": false"));
  }
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);
  g_assert_true (cc_project_undo (f->project));
  iterate ();
  g_assert_true (cc_item_get_bool (f->sheet, CC_MAP_LEGEND));
  {
    gboolean shown = FALSE;

    g_object_get (f->view, "show-legend", &shown, NULL);
    g_assert_true (shown);
  }
  g_assert_true (view_key (f, GDK_KEY_l, GDK_CONTROL_MASK));
  g_assert_true (view_key (f, GDK_KEY_l, GDK_CONTROL_MASK));
  g_assert_true (cc_item_get_bool (f->sheet, CC_MAP_LEGEND));

  /* The menu with the legend's places opens from the keyboard too. */
  {
    GtkWidget *popover = NULL;

    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->view)); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_POPOVER_MENU (child) && popover == NULL)
        popover = child;   /* the map's; the card menu comes after it */
    g_assert_nonnull (popover);
    g_assert_false (gtk_widget_get_visible (popover));
    g_assert_true (view_key (f, GDK_KEY_Menu, 0));
    g_assert_true (gtk_widget_get_visible (popover));
    gtk_popover_popdown (GTK_POPOVER (popover));
    iterate ();
    g_assert_true (view_key (f, GDK_KEY_F10, GDK_SHIFT_MASK));
    g_assert_true (gtk_widget_get_visible (popover));
    gtk_popover_popdown (GTK_POPOVER (popover));
    iterate ();
  }
}

static void
test_link_type_toolbar (Fixture *f, gconstpointer data)
{
  GtkMenuButton *button = cc_sheet_view_get_link_type_button (f->view);
  GPtrArray *types = cc_item_get_children (cc_project_get_root (f->project), CC_PROJECT_LINK_TYPES);
  GMenuModel *menu;
  CcItem *custom, *a = visible_node (f, 0), *b = visible_node (f, 1), *link;
  g_autoptr(GString) labels = g_string_new (NULL);
  guint links = n_links (f);
  double ax, ay, bx, by;

  /* The example's own types are offered after the four built-in ones. */
  g_assert_cmpuint (types->len, >, 0);
  custom = types->pdata[0];
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *label = NULL;

          g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
          g_string_append_printf (labels, "%s|", label);
        }
    }
  g_assert_nonnull (strstr (labels->str, "Strategic partnership|"));
  for (guint i = 0; i < types->len; i++)
    g_assert_nonnull (strstr (labels->str, cc_item_get_string (types->pdata[i], CC_LINK_TYPE_LABEL)));

  /* Choosing one makes it the type of new links, and says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "canvas.link-type", "s",
                                             cc_item_get_id (custom)));
  iterate ();
  g_assert_cmpstr (cc_sheet_view_get_link_type (f->view), ==, cc_item_get_id (custom));
  {
    g_autofree char *expected = g_strdup_printf ("New links: %s", cc_item_get_string (custom, CC_LINK_TYPE_LABEL));

    g_assert_cmpstr (cc_sheet_view_get_link_type_text (f->view), ==, expected);
  }
  node_view_pos (f, a, &ax, &ay);
  node_view_pos (f, b, &bx, &by);
  click (f, ax, ay);
  cc_sheet_view_set_test_modifiers (f->view, GDK_ALT_MASK);
  drag (f, ax, ay, bx - ax, by - ay);
  cc_sheet_view_set_test_modifiers (f->view, 0);
  g_assert_cmpuint (n_links (f), ==, links + 1);
  link = cc_item_get_child (f->sheet, CC_MAP_LINKS, links);
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, cc_item_get_id (custom));

  /* Keys 1-4 still pick the built-in ones. */
  g_assert_true (view_key (f, GDK_KEY_2, 0));
  g_assert_cmpstr (cc_sheet_view_get_link_type (f->view), ==, "strategic");
  g_assert_cmpstr (cc_sheet_view_get_link_type_text (f->view), ==, "New links: Strategic partnership");

  /* A type that leaves the project is no longer offered nor used. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "canvas.link-type", "s",
                                             cc_item_get_id (custom)));
  {
    g_autofree char *id = g_strdup (cc_item_get_id (custom));

    cc_project_delete (f->project, custom);
    iterate ();
    g_assert_cmpstr (cc_sheet_view_get_link_type (f->view), ==, "informal");
    menu = gtk_menu_button_get_menu_model (button);
    g_string_truncate (labels, 0);
    for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
      {
        g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

        for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
          {
            g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (section, i,
                                                                                G_MENU_ATTRIBUTE_TARGET, NULL);

            g_string_append_printf (labels, "%s|", g_variant_get_string (target, NULL));
          }
      }
    g_assert_null (strstr (labels->str, id));
    g_assert_nonnull (strstr (labels->str, "delivery|"));
  }

  /* Other kinds of sheet have no such tools. */
  cc_sheet_view_set_sheet (f->view, f->project, cc_project_get_sheet (f->project, 2));
  iterate ();
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (button)));
}

/* Ctrl+E: quick entry. Each line is done on Enter and the line stays open
 * for the next; names already in the project are found, not repeated; a
 * line that cannot be read stays, saying why, and adds nothing. */
static void
test_quick_entry (Fixture *f, gconstpointer data)
{
  guint nodes = n_nodes (f), links = n_links (f);
  guint history = cc_project_get_history_length (f->project);
  CcItem *known = cc_item_get_child (f->sheet, CC_MAP_NODES, 0);
  g_autofree char *known_name = g_utf8_strup (name_of (f, known), -1);
  g_autofree char *line = g_strdup_printf ("  %s  -> Valley Youth Forum [comm] : statutory 3", known_name);
  GtkEntry *entry;
  CcItem *link, *actor;

  g_assert_true (view_key (f, GDK_KEY_e, GDK_CONTROL_MASK));
  entry = cc_sheet_view_get_entry (f->view);
  g_assert_nonnull (entry);
  type_into_entry (f, line);
  g_signal_emit_by_name (entry, "activate");
  iterate ();
  /* One new organisation, linked from the one the room named again. */
  g_assert_cmpuint (n_nodes (f), ==, nodes + 1);
  g_assert_cmpuint (n_links (f), ==, links + 1);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);
  actor = cc_project_find_actor_named (f->project, "valley youth forum");
  g_assert_nonnull (actor);
  g_assert_cmpint (cc_item_get_int (actor, CC_ACTOR_SECTOR), ==, CC_SECTOR_COMMUNITY);
  link = cc_item_get_child (f->sheet, CC_MAP_LINKS, links);
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_FROM), ==, cc_item_get_id (known));
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, "statutory");
  g_assert_cmpint (cc_item_get_int (link, CC_LINK_STRENGTH), ==, 3);
  g_assert_true (cc_item_get_bool (link, CC_LINK_DIRECTED));

  /* Still open, empty, for the next line. */
  entry = cc_sheet_view_get_entry (f->view);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* A line that cannot be read: kept, with what is wrong, nothing added. */
  type_into_entry (f, "Valley Youth Forum -- Riverside Tenants : nonsense");
  g_signal_emit_by_name (entry, "activate");
  iterate ();
  entry = cc_sheet_view_get_entry (f->view);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Valley Youth Forum -- Riverside Tenants : nonsense");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (entry)), "not a link type"));
  g_assert_cmpuint (n_nodes (f), ==, nodes + 1);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);

  /* Escape closes it; Ctrl+Z takes the line back whole. */
  key (cc_sheet_view_get_entry_key_controller (f->view), GDK_KEY_Escape, 0);
  g_assert_null (cc_sheet_view_get_entry (f->view));
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpuint (n_nodes (f), ==, nodes);
  g_assert_cmpuint (n_links (f), ==, links);
}

/* Ctrl+1 to Ctrl+5 set the selected organisations' sector, Ctrl+6 to
 * Ctrl+9 their kind, each one step; a name entered with "[sector]" takes
 * it, as in quick entry. */
static void
test_sector_keys (Fixture *f, gconstpointer data)
{
  CcItem *a = cc_item_get_child (f->sheet, CC_MAP_NODES, 0);
  CcItem *b = cc_item_get_child (f->sheet, CC_MAP_NODES, 1);
  CcItem *actor_a = cc_project_get_node_actor (f->project, a);
  CcItem *actor_b = cc_project_get_node_actor (f->project, b);
  g_autoptr(GPtrArray) two = g_ptr_array_new ();
  guint history, before = n_nodes (f);
  gint64 kind_a;
  double x, y;
  CcItem *actor;

  g_ptr_array_add (two, a);
  g_ptr_array_add (two, b);
  cc_selection_set_items (cc_sheet_view_get_selection (f->view), two);
  history = cc_project_get_history_length (f->project);
  kind_a = cc_item_get_int (actor_a, CC_ACTOR_KIND);
  g_assert_cmpint (kind_a, !=, CC_ACTOR_KIND_PERSON);
  g_assert_true (view_key (f, GDK_KEY_4, GDK_CONTROL_MASK));
  g_assert_cmpint (cc_item_get_int (actor_a, CC_ACTOR_SECTOR), ==, CC_SECTOR_COMMUNITY);
  g_assert_cmpint (cc_item_get_int (actor_b, CC_ACTOR_SECTOR), ==, CC_SECTOR_COMMUNITY);
  g_assert_true (view_key (f, GDK_KEY_9, GDK_CONTROL_MASK));
  g_assert_cmpint (cc_item_get_int (actor_a, CC_ACTOR_KIND), ==, CC_ACTOR_KIND_PERSON);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 2);
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpint (cc_item_get_int (actor_a, CC_ACTOR_KIND), ==, kind_a);

  cc_selection_clear (cc_sheet_view_get_selection (f->view));
  empty_spot (f, &x, &y);
  double_click (f, x, y);
  type_into_entry (f, "Valley Food Bank [vol, board]");
  g_signal_emit_by_name (cc_sheet_view_get_entry (f->view), "activate");
  iterate ();
  g_assert_cmpuint (n_nodes (f), ==, before + 1);
  actor = find_actor (f, "Valley Food Bank");
  g_assert_nonnull (actor);
  g_assert_cmpint (cc_item_get_int (actor, CC_ACTOR_SECTOR), ==, CC_SECTOR_VOLUNTARY);
  g_assert_cmpint (cc_item_get_int (actor, CC_ACTOR_KIND), ==, CC_ACTOR_KIND_PARTNERSHIP);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 2);
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpuint (n_nodes (f), ==, before);
}

/* In quick entry the organisation being named is offered as it is typed,
 * at either end: Down and Enter complete it, and a second Enter takes the
 * line. */
static void
test_quick_complete (Fixture *f, gconstpointer data)
{
  CcItem *a = cc_item_get_child (f->sheet, CC_MAP_NODES, 0);
  CcItem *b = cc_item_get_child (f->sheet, CC_MAP_NODES, 1);
  const char *name_a = name_of (f, a);
  g_autofree char *name_b = g_strdup (name_of (f, b));
  g_autofree char *start_a = g_utf8_substring (name_a, 0, 6);
  g_autofree char *start_b = g_utf8_substring (name_b, 0, 6);
  g_autofree char *line = NULL;
  g_autofree char *expected = NULL;
  GtkEventController *entry_keys = cc_sheet_view_get_entry_key_controller (f->view);
  guint nodes = n_nodes (f), history = cc_project_get_history_length (f->project);
  GtkEntry *entry;

  g_assert_true (view_key (f, GDK_KEY_e, GDK_CONTROL_MASK));
  type_into_entry (f, start_a);
  g_assert_nonnull (gtk_list_box_get_row_at_index (cc_sheet_view_get_suggestions (f->view), 0));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (cc_sheet_view_get_suggestions (f->view))));
  /* The first suggestion may be another name with the same start: choose ours. */
  for (guint i = 0; i < 7; i++)
    {
      GtkListBoxRow *row;

      g_assert_true (key (entry_keys, GDK_KEY_Down, 0));
      row = gtk_list_box_get_selected_row (cc_sheet_view_get_suggestions (f->view));
      g_assert_nonnull (row);
      if (g_str_equal (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (row))), name_a))
        break;
    }
  entry = cc_sheet_view_get_entry (f->view);
  g_signal_emit_by_name (entry, "activate");
  iterate ();
  expected = g_strconcat (name_a, " ", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, expected);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history);

  line = g_strconcat (expected, "-- ", start_b, NULL);
  type_into_entry (f, line);
  g_assert_nonnull (gtk_list_box_get_row_at_index (cc_sheet_view_get_suggestions (f->view), 0));
  for (guint i = 0; i < 7; i++)
    {
      GtkListBoxRow *row;

      g_assert_true (key (entry_keys, GDK_KEY_Down, 0));
      row = gtk_list_box_get_selected_row (cc_sheet_view_get_suggestions (f->view));
      if (g_str_equal (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (row))), name_b))
        break;
    }
  g_signal_emit_by_name (entry, "activate");
  iterate ();
  g_clear_pointer (&expected, g_free);
  expected = g_strconcat (name_a, " -- ", name_b, " ", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, expected);

  /* Enter again: the link, between the two already on the map. */
  g_signal_emit_by_name (entry, "activate");
  iterate ();
  g_assert_cmpuint (n_nodes (f), ==, nodes);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);
  g_assert_true (are_linked (f, a, b));
}

/* The label of suggestion @i, or NULL past the last. */
static const char *
suggestion (Fixture *f, int i)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (cc_sheet_view_get_suggestions (f->view), i);

  return row != NULL ? gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (row))) : NULL;
}

/* After a link's ":", the link type being typed is offered as names are:
 * the built-in ones and the project's, by any start, whatever its case;
 * Down and Enter complete it, and the strength follows. */
static void
test_quick_type_complete (Fixture *f, gconstpointer data)
{
  GtkEventController *entry_keys = cc_sheet_view_get_entry_key_controller (f->view);
  GtkWidget *list = GTK_WIDGET (cc_sheet_view_get_suggestions (f->view));
  guint links = n_links (f);
  GtkEntry *entry;
  CcItem *link;

  g_assert_true (view_key (f, GDK_KEY_e, GDK_CONTROL_MASK));
  entry = cc_sheet_view_get_entry (f->view);
  /* "St": strategic and statutory, in that order; nothing else. */
  type_into_entry (f, "Valley Youth Forum -- Riverside Tenants : St");
  g_assert_true (gtk_widget_get_visible (list));
  g_assert_cmpstr (suggestion (f, 0), ==, "strategic");
  g_assert_cmpstr (suggestion (f, 1), ==, "statutory");
  g_assert_null (suggestion (f, 2));
  g_assert_true (key (entry_keys, GDK_KEY_Down, 0));
  g_assert_true (key (entry_keys, GDK_KEY_Down, 0));
  g_signal_emit_by_name (entry, "activate");
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Valley Youth Forum -- Riverside Tenants : statutory ");
  g_assert_false (gtk_widget_get_visible (list));
  g_assert_cmpuint (n_links (f), ==, links);
  /* The strength typed after it offers nothing; Enter takes the line. */
  type_into_entry (f, "Valley Youth Forum -- Riverside Tenants : statutory 4");
  g_assert_false (gtk_widget_get_visible (list));
  g_signal_emit_by_name (entry, "activate");
  iterate ();
  g_assert_cmpuint (n_links (f), ==, links + 1);
  link = cc_item_get_child (f->sheet, CC_MAP_LINKS, links);
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, "statutory");
  g_assert_cmpint (cc_item_get_int (link, CC_LINK_STRENGTH), ==, 4);

  /* One of the project's, by its name, after a strength said first. */
  entry = cc_sheet_view_get_entry (f->view);
  type_into_entry (f, "Valley Youth Forum -> Riverside Tenants [vol] : 2 INFO");
  g_assert_cmpstr (suggestion (f, 0), ==, "informal");
  g_assert_cmpstr (suggestion (f, 1), ==, "Information sharing");
  g_assert_null (suggestion (f, 2));
  g_assert_true (key (entry_keys, GDK_KEY_Down, 0));
  g_assert_true (key (entry_keys, GDK_KEY_Down, 0));
  g_signal_emit_by_name (entry, "activate");
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                   "Valley Youth Forum -> Riverside Tenants [vol] : 2 Information sharing ");
  g_signal_emit_by_name (entry, "activate");
  iterate ();
  g_assert_cmpuint (n_links (f), ==, links + 1);
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, "information-sharing");
  g_assert_cmpint (cc_item_get_int (link, CC_LINK_STRENGTH), ==, 2);

  /* Before the ":" it is names that are offered, not types. */
  entry = cc_sheet_view_get_entry (f->view);
  type_into_entry (f, "Stat");
  for (int i = 0; suggestion (f, i) != NULL; i++)
    g_assert_cmpstr (suggestion (f, i), !=, "statutory");
}

static gboolean
boxes_meet (const CcRect *a, const CcRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width && a->y < b->y + b->height && b->y < a->y + a->height;
}

/* New organisations from quick entry go clear of every node, of the
 * groups (one linked to a member stays outside), the legend and the
 * title; each comes into sight as it is added. */
static void
test_quick_placement (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  CcItem *group = cc_item_get_child (f->sheet, CC_MAP_GROUPS, 0);
  const char *member_id = cc_item_get_strv (group, CC_GROUP_MEMBERS)[0];
  CcItem *member = cc_project_lookup (f->project, member_id);
  g_autofree char *member_name = g_strdup (name_of (f, member));
  guint nodes = n_nodes (f);
  int w = gtk_widget_get_width (GTK_WIDGET (f->view)), h = gtk_widget_get_height (GTK_WIDGET (f->view));

  g_assert_true (view_key (f, GDK_KEY_e, GDK_CONTROL_MASK));
  for (guint i = 0; i < 16; i++)
    {
      g_autofree char *line = i % 2 == 0 ? g_strdup_printf ("%s -- Newcomer %u", member_name, i)
                                         : g_strdup_printf ("Newcomer %u -> Newcomer %u : deliv", i - 1, i);
      CcItem *node;
      CcRect box;
      double x1, y1, x2, y2;

      type_into_entry (f, line);
      g_signal_emit_by_name (cc_sheet_view_get_entry (f->view), "activate");
      iterate ();
      g_assert_cmpuint (n_nodes (f), ==, nodes + i + 1);
      node = cc_item_get_child (f->sheet, CC_MAP_NODES, nodes + i);
      /* In sight. */
      g_assert_true (cc_render_get_item_bounds (f->project, f->sheet, node, &box));
      cc_sheet_view_sheet_to_view (f->view, box.x, box.y, &x1, &y1);
      cc_sheet_view_sheet_to_view (f->view, box.x + box.width, box.y + box.height, &x2, &y2);
      g_assert_cmpfloat (x1, >=, 0);
      g_assert_cmpfloat (y1, >=, 0);
      g_assert_cmpfloat (x2, <=, w);
      g_assert_cmpfloat (y2, <=, h);
    }

  /* Laid out as it now stands: clear of everything else. */
  for (guint i = nodes; i < n_nodes (f); i++)
    {
      CcItem *node = cc_item_get_child (f->sheet, CC_MAP_NODES, i);
      CcRect box, other;

      g_assert_true (cc_render_get_item_bounds (f->project, f->sheet, node, &box));
      for (guint k = 0; k < n_nodes (f); k++)
        if (k != i)
          {
            g_assert_true (cc_render_get_item_bounds (f->project, f->sheet, cc_item_get_child (f->sheet, CC_MAP_NODES, k),
                                                      &other));
            g_assert_false (boxes_meet (&box, &other));
          }
      for (guint k = 0; k < cc_item_get_n_children (f->sheet, CC_MAP_GROUPS); k++)
        {
          g_assert_true (cc_render_get_item_bounds (f->project, f->sheet, cc_item_get_child (f->sheet, CC_MAP_GROUPS, k),
                                                    &other));
          g_assert_false (boxes_meet (&box, &other));
        }
      if (cc_render_get_item_bounds (f->project, f->sheet, f->sheet, &other))
        g_assert_false (boxes_meet (&box, &other));
      g_assert_true (cc_render_get_map_title_bounds (f->project, f->sheet, NULL, &other));
      g_assert_false (boxes_meet (&box, &other));
    }
  /* No group took a newcomer in. */
  for (guint k = 0; k < cc_item_get_n_children (f->sheet, CC_MAP_GROUPS); k++)
    for (guint i = nodes; i < n_nodes (f); i++)
      g_assert_false (g_strv_contains (cc_item_get_strv (cc_item_get_child (f->sheet, CC_MAP_GROUPS, k), CC_GROUP_MEMBERS),
                                       cc_item_get_id (cc_item_get_child (f->sheet, CC_MAP_NODES, i))));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/map-ui/create", test_create);
  ADD ("/map-ui/tab-chain", test_tab_chain);
  ADD ("/map-ui/selection-keeps-badge", test_selection_keeps_badge);
  ADD ("/map-ui/tab-to-existing", test_tab_to_existing);
  ADD ("/map-ui/link-by-keyboard", test_link_by_keyboard);
  ADD ("/map-ui/retype-links", test_retype_links);
  ADD ("/map-ui/move", test_move);
  ADD ("/map-ui/ctrl-click-adds", test_ctrl_click_adds);
  ADD ("/map-ui/follows-fit", test_follows_fit);
  ADD ("/map-ui/link", test_link);
  ADD ("/map-ui/delete", test_delete);
  ADD ("/map-ui/rename-duplicate", test_rename_duplicate);
  ADD ("/map-ui/select-all-band", test_select_all_band);
  ADD ("/map-ui/copy-paste", test_copy_paste);
  ADD ("/map-ui/neighbours", test_neighbours);
  ADD ("/map-ui/arrange", test_arrange);
  ADD ("/map-ui/drag-links-follow", test_drag_links_follow);
  ADD ("/map-ui/legend", test_legend);
  ADD ("/map-ui/link-type-toolbar", test_link_type_toolbar);
  ADD ("/map-ui/quick-entry", test_quick_entry);
  ADD ("/map-ui/sector-keys", test_sector_keys);
  ADD ("/map-ui/quick-complete", test_quick_complete);
  ADD ("/map-ui/quick-type-complete", test_quick_type_complete);
  ADD ("/map-ui/quick-placement", test_quick_placement);
  return g_test_run ();
}
