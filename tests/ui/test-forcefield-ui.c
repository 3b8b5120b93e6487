/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-forcefield-ui"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "cc-force-library-panel.h"
#include "cc-forcefield-edit.h"
#include "cc-io.h"
#include "cc-sheet-view-test.h"

/* Force fields edited through the real sheet view: gestures and keys as the
 * view receives them, the model and the saved file checked after each. */

#define EXAMPLE_PATH SOURCE_ROOT "/data/examples/community-planning.concord"

typedef struct
{
  CcProject   *project;
  CcItem      *sheet;
  GtkWidget   *window;
  CcSheetView *view;
} Fixture;


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
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GFile) file = g_file_new_for_path (EXAMPLE_PATH);
  g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);

  g_assert_nonnull (result);
  f->project = g_object_ref (result->project);
  f->sheet = cc_project_find_sheet (f->project, "Integrating health and social care");
  g_assert_nonnull (f->sheet);
  g_assert_cmpint (cc_item_get_kind (f->sheet), ==, CC_KIND_FORCEFIELD);
  /* The classic worksheet, unless a test turns it. */
  cc_item_set_int (f->sheet, CC_FORCEFIELD_ORIENTATION, CC_ORIENTATION_HORIZONTAL);
  cc_project_clear_history (f->project);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  f->view = CC_SHEET_VIEW (cc_sheet_view_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  cc_sheet_view_set_sheet (f->view, f->project, f->sheet);
  gtk_window_present (GTK_WINDOW (f->window));
  iterate ();
  wait_for_monitor (f->window);
  cc_sheet_view_zoom_fit (f->view);
  iterate ();
}

/* The labels of the menu's items, joined with "|". */
static char *
menu_labels (GMenuModel *menu)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; menu != NULL && i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;

      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_string_append_printf (out, "%s|", label);
    }
  return g_string_free (out, FALSE);
}

/* In a narrow view (both side panels open on a projector) the force-field
 * tools fit: what does not goes into a "more" menu, which a wide view does
 * without. */
static void
test_tools_fit (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (EXAMPLE_PATH);
  g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);
  static const int widths[] = { 480, 1200 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      GtkWidget *window = gtk_window_new ();
      CcSheetView *view = CC_SHEET_VIEW (cc_sheet_view_new ());
      CcItem *sheet = cc_project_find_sheet (result->project, "Integrating health and social care");
      GtkWidget *tools;
      GtkMenuButton *more;
      int natural, dummy;

      gtk_window_set_default_size (GTK_WINDOW (window), widths[w], 700);
      gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
      cc_sheet_view_set_sheet (view, result->project, sheet);
      gtk_window_present (GTK_WINDOW (window));
      for (int i = 0; i < 10; i++)
        {
          iterate ();
          g_usleep (20000);
        }
      tools = cc_sheet_view_get_tools (view);
      more = cc_sheet_view_get_more_button (view);
      gtk_widget_measure (tools, GTK_ORIENTATION_HORIZONTAL, -1, &dummy, &natural, NULL, NULL);
      g_assert_cmpint (natural, <=, gtk_widget_get_width (GTK_WIDGET (view)));
      if (widths[w] < 600)
        {
          g_autofree char *labels = menu_labels (gtk_menu_button_get_menu_model (more));

          g_assert_true (gtk_widget_get_visible (GTK_WIDGET (more)));
          g_assert_nonnull (strstr (labels, "_Vertical|"));
        }
      else
        g_assert_false (gtk_widget_get_visible (GTK_WIDGET (more)));
      /* A click on a tool leaves the keyboard on the sheet: a toggle turned
       * off does not keep a focus that makes it look on */
      for (GtkWidget *box = gtk_widget_get_first_child (tools); box != NULL; box = gtk_widget_get_next_sibling (box))
        for (GtkWidget *b = gtk_widget_get_first_child (box); b != NULL; b = gtk_widget_get_next_sibling (b))
          if (GTK_IS_BUTTON (b))
            g_assert_false (gtk_widget_get_focus_on_click (b));
      gtk_window_destroy (GTK_WINDOW (window));
      iterate ();
    }
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate ();
  g_object_unref (f->project);
}

static const CcRenderOptions *
screen (void)
{
  static CcRenderOptions options;

  cc_render_options_init (&options);
  options.prompts = TRUE;
  return &options;
}

static char *
saved (Fixture *f)
{
  g_autoptr(GBytes) bytes = cc_project_serialize (f->project);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
to_view (Fixture *f, double sx, double sy, double *x, double *y)
{
  cc_sheet_view_sheet_to_view (f->view, sx, sy, x, y);
}

/* A sheet point on @part (of @item, when given), scanning the sheet. */
static gboolean
find_part (Fixture *f, CcHitPart part, CcItem *item, int side, double *sx, double *sy, CcHit *out)
{
  CcRect b;
  CcRenderOptions options;

  cc_render_options_init (&options);
  options.prompts = TRUE;
  cc_render_get_bounds (f->project, f->sheet, &options, &b);
  for (double y = b.y; y < b.y + b.height; y += 3)
    for (double x = b.x; x < b.x + b.width; x += 3)
      {
        CcHit hit;

        if (cc_render_hit_detail (f->project, f->sheet, screen (), x, y, &hit) && hit.part == part
            && (item == NULL || hit.item == item) && (side < 0 || hit.side == side))
          {
            *sx = x;
            *sy = y;
            if (out)
              *out = hit;
            return TRUE;
          }
      }
  return FALSE;
}






static void
type_and (Fixture *f, const char *text, guint keyval)
{
  GtkEntry *entry = cc_sheet_view_get_entry (f->view);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  iterate ();
  if (keyval == GDK_KEY_Return)
    g_signal_emit_by_name (entry, "activate");
  else
    key (cc_sheet_view_get_entry_key_controller (f->view), keyval, 0);
  iterate ();
}

static CcItem *
nth (Fixture *f, CcSide side, guint i)
{
  g_autoptr(GPtrArray) forces = cc_forcefield_side_forces (f->sheet, side);

  g_assert_cmpuint (i, <, forces->len);
  return forces->pdata[i];
}

static guint
count (Fixture *f, CcSide side)
{
  g_autoptr(GPtrArray) forces = cc_forcefield_side_forces (f->sheet, side);

  return forces->len;
}

static void
test_add_by_double_click_and_enter (Fixture *f, gconstpointer data)
{
  guint resisting = count (f, CC_SIDE_RESISTING), history = cc_project_get_history_length (f->project);
  double sx, sy, x, y;
  g_autofree char *json = NULL;

  /* Double-click in the open area of the resisting side. */
  g_assert_true (find_part (f, CC_HIT_SIDE, NULL, CC_SIDE_RESISTING, &sx, &sy, NULL));
  to_view (f, sx, sy, &x, &y);
  double_click (f, x, y);
  g_assert_nonnull (cc_sheet_view_get_entry (f->view));
  /* Enter adds it and opens the next one, on the same side. */
  type_and (f, "Waiting lists for assessment", GDK_KEY_Return);
  g_assert_cmpuint (count (f, CC_SIDE_RESISTING), ==, resisting + 1);
  g_assert_nonnull (cc_sheet_view_get_entry (f->view));
  type_and (f, "Union concerns about new contracts", GDK_KEY_Return);
  g_assert_cmpuint (count (f, CC_SIDE_RESISTING), ==, resisting + 2);
  /* An empty entry closes; Escape would too. */
  type_and (f, "", GDK_KEY_Return);
  g_assert_null (cc_sheet_view_get_entry (f->view));
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 2);
  json = saved (f);
  g_assert_nonnull (strstr (json, "\"label\": \"Union concerns about new contracts\""));
  /* Each new force is one step, and the second came after the first. */
  {
    g_autoptr(GPtrArray) forces = cc_forcefield_side_forces (f->sheet, CC_SIDE_RESISTING);
    guint a = 0, b = 0;

    for (guint i = 0; i < forces->len; i++)
      {
        const char *label = cc_item_get_string (forces->pdata[i], CC_FORCE_LABEL);

        if (g_str_equal (label, "Waiting lists for assessment"))
          a = i;
        if (g_str_equal (label, "Union concerns about new contracts"))
          b = i;
      }
    g_assert_cmpuint (b, ==, a + 1);
  }
  g_assert_true (cc_project_undo (f->project));
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpuint (count (f, CC_SIDE_RESISTING), ==, resisting);

  /* The toolbar's action, then Escape: nothing added. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "canvas.add-force", "s", "driving"));
  iterate ();
  g_assert_nonnull (cc_sheet_view_get_entry (f->view));
  type_and (f, "Half typed", GDK_KEY_Escape);
  g_assert_null (cc_sheet_view_get_entry (f->view));
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history);

  /* Enter with a force selected: a new one just after it. */
  {
    CcItem *first = nth (f, CC_SIDE_DRIVING, 0);
    g_autoptr(CcItem) kept = cc_item_ref (first);

    cc_selection_select (cc_sheet_view_get_selection (f->view), first);
    g_assert_true (view_key (f, GDK_KEY_Return, 0));
    type_and (f, "A new chief executive", GDK_KEY_Escape);
    g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history);
    cc_selection_select (cc_sheet_view_get_selection (f->view), first);
    g_assert_true (view_key (f, GDK_KEY_Return, 0));
    type_and (f, "A new chief executive", GDK_KEY_Return);
    g_assert_cmpstr (cc_item_get_string (nth (f, CC_SIDE_DRIVING, 1), CC_FORCE_LABEL), ==, "A new chief executive");
    g_assert_true (nth (f, CC_SIDE_DRIVING, 0) == kept);
  }
}

static void
test_strength_from_keys_and_drag (Fixture *f, gconstpointer data)
{
  CcItem *force = nth (f, CC_SIDE_DRIVING, 0);
  CcHit hit;
  double sx, sy, x, y;
  guint history = cc_project_get_history_length (f->project);
  double zoom = cc_sheet_view_get_zoom (f->view);

  cc_sheet_view_zoom_fit (f->view);
  g_assert_true (find_part (f, CC_HIT_LABEL, force, -1, &sx, &sy, NULL));
  to_view (f, sx, sy, &x, &y);
  click (f, x, y);
  g_assert_true (cc_selection_get_single (cc_sheet_view_get_selection (f->view)) == force);

  g_assert_true (view_key (f, GDK_KEY_2, 0));
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_STRENGTH), ==, 2);
  g_assert_true (view_key (f, GDK_KEY_plus, 0));
  g_assert_true (view_key (f, GDK_KEY_KP_Add, 0));
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_STRENGTH), ==, 4);
  g_assert_true (view_key (f, GDK_KEY_minus, 0));
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_STRENGTH), ==, 3);
  g_assert_true (view_key (f, GDK_KEY_5, 0));
  g_assert_true (view_key (f, GDK_KEY_plus, 0));  /* no further than 5 */
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_STRENGTH), ==, 5);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 5);

  /* Dragging the arrow's tail in by two steps: one undo step. */
  history = cc_project_get_history_length (f->project);
  zoom = cc_sheet_view_get_zoom (f->view);
  g_assert_true (find_part (f, CC_HIT_HANDLE, force, -1, &sx, &sy, &hit));
  to_view (f, sx, sy, &x, &y);
  drag (f, x, y, -hit.dir_x * hit.unit * 2 * zoom, -hit.dir_y * hit.unit * 2 * zoom);
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_STRENGTH), ==, 3);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_STRENGTH), ==, 5);
}

static void
test_reorder_and_move_across (Fixture *f, gconstpointer data)
{
  CcItem *first = nth (f, CC_SIDE_DRIVING, 0), *third = nth (f, CC_SIDE_DRIVING, 2);
  guint driving = count (f, CC_SIDE_DRIVING), resisting = count (f, CC_SIDE_RESISTING);
  double sx, sy, x, y, x2, y2;
  CcRect box;

  /* Drag the first driving force below the third. */
  g_assert_true (find_part (f, CC_HIT_LABEL, first, -1, &sx, &sy, NULL));
  g_assert_true (cc_render_get_item_bounds_full (f->project, f->sheet, screen (), third, &box));
  to_view (f, sx, sy, &x, &y);
  to_view (f, box.x + 20, box.y + box.height * 0.8, &x2, &y2);
  drag (f, x, y, x2 - x, y2 - y);
  g_assert_true (nth (f, CC_SIDE_DRIVING, 2) == first);
  g_assert_cmpuint (count (f, CC_SIDE_DRIVING), ==, driving);

  /* And across to the resisting side, first place. */
  {
    CcItem *top = nth (f, CC_SIDE_RESISTING, 0);

    g_assert_true (find_part (f, CC_HIT_LABEL, first, -1, &sx, &sy, NULL));
    g_assert_true (cc_render_get_item_bounds_full (f->project, f->sheet, screen (), top, &box));
    to_view (f, sx, sy, &x, &y);
    to_view (f, box.x + box.width - 30, box.y + 4, &x2, &y2);
    drag (f, x, y, x2 - x, y2 - y);
    g_assert_cmpint (cc_item_get_int (first, CC_FORCE_SIDE), ==, CC_SIDE_RESISTING);
    g_assert_true (nth (f, CC_SIDE_RESISTING, 0) == first);
    g_assert_cmpuint (count (f, CC_SIDE_RESISTING), ==, resisting + 1);
  }
  /* One step: back where it was on the driving side. */
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpint (cc_item_get_int (first, CC_FORCE_SIDE), ==, CC_SIDE_DRIVING);
  g_assert_true (nth (f, CC_SIDE_DRIVING, 2) == first);

  /* From the keyboard: Alt+Up moves it up, Alt+Right across. */
  cc_selection_select (cc_sheet_view_get_selection (f->view), first);
  g_assert_true (view_key (f, GDK_KEY_Up, GDK_ALT_MASK));
  g_assert_true (nth (f, CC_SIDE_DRIVING, 1) == first);
  g_assert_true (view_key (f, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_cmpint (cc_item_get_int (first, CC_FORCE_SIDE), ==, CC_SIDE_RESISTING);
  /* Plain arrows move the selection: down the side, and back across. */
  g_assert_true (view_key (f, GDK_KEY_Left, 0));
  {
    CcItem *now = cc_selection_get_single (cc_sheet_view_get_selection (f->view));

    g_assert_nonnull (now);
    g_assert_cmpint (cc_item_get_int (now, CC_FORCE_SIDE), ==, CC_SIDE_DRIVING);
    g_assert_true (view_key (f, GDK_KEY_Down, 0));
    g_assert_true (cc_selection_get_single (cc_sheet_view_get_selection (f->view)) != now);
  }
  /* Delete removes, with a notification, and undoes. */
  cc_selection_select (cc_sheet_view_get_selection (f->view), first);
  g_assert_true (view_key (f, GDK_KEY_Delete, 0));
  g_assert_cmpuint (count (f, CC_SIDE_RESISTING), ==, resisting);
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpuint (count (f, CC_SIDE_RESISTING), ==, resisting + 1);
}

static void
test_edit_in_place (Fixture *f, gconstpointer data)
{
  CcItem *force = nth (f, CC_SIDE_RESISTING, 1);
  double sx, sy, x, y;
  g_autofree char *json = NULL;

  /* The change statement. */
  g_assert_true (find_part (f, CC_HIT_CHANGE, NULL, -1, &sx, &sy, NULL));
  to_view (f, sx, sy, &x, &y);
  double_click (f, x, y);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cc_sheet_view_get_entry (f->view))), ==,
                   cc_item_get_string (f->sheet, CC_FORCEFIELD_CHANGE));
  type_and (f, "One neighbourhood team per locality by 2028", GDK_KEY_Return);
  g_assert_cmpstr (cc_item_get_string (f->sheet, CC_FORCEFIELD_CHANGE), ==, "One neighbourhood team per locality by 2028");

  /* The desired situation, emptied and then written again. */
  g_assert_true (find_part (f, CC_HIT_DESIRED, NULL, -1, &sx, &sy, NULL));
  to_view (f, sx, sy, &x, &y);
  double_click (f, x, y);
  type_and (f, "", GDK_KEY_Return);
  g_assert_cmpstr (cc_item_get_string (f->sheet, CC_FORCEFIELD_DESIRED), ==, "");
  /* Empty, it still invites a double-click on screen. */
  g_assert_true (find_part (f, CC_HIT_DESIRED, NULL, -1, &sx, &sy, NULL));
  to_view (f, sx, sy, &x, &y);
  double_click (f, x, y);
  type_and (f, "People tell their story once", GDK_KEY_Return);
  g_assert_cmpstr (cc_item_get_string (f->sheet, CC_FORCEFIELD_DESIRED), ==, "People tell their story once");

  /* A force's label: F2, and double-click. */
  cc_selection_select (cc_sheet_view_get_selection (f->view), force);
  g_assert_true (view_key (f, GDK_KEY_F2, 0));
  type_and (f, "Fear of losing control over budgets and staff", GDK_KEY_Return);
  g_assert_cmpstr (cc_item_get_string (force, CC_FORCE_LABEL), ==, "Fear of losing control over budgets and staff");
  g_assert_true (find_part (f, CC_HIT_LABEL, force, -1, &sx, &sy, NULL));
  to_view (f, sx, sy, &x, &y);
  double_click (f, x, y);
  type_and (f, "Loss of control", GDK_KEY_Escape);
  g_assert_cmpstr (cc_item_get_string (force, CC_FORCE_LABEL), ==, "Fear of losing control over budgets and staff");

  json = saved (f);
  g_assert_nonnull (strstr (json, "\"change\": \"One neighbourhood team per locality by 2028\""));
  g_assert_nonnull (strstr (json, "\"desired\": \"People tell their story once\""));
  /* Each edit undoes on its own. */
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpstr (cc_item_get_string (force, CC_FORCE_LABEL), !=, "Fear of losing control over budgets and staff");
}

static void
test_score_round (Fixture *f, gconstpointer data)
{
  guint n = count (f, CC_SIDE_DRIVING) + count (f, CC_SIDE_RESISTING);
  CcItem *first = nth (f, CC_SIDE_DRIVING, 0), *second = nth (f, CC_SIDE_DRIVING, 1);
  CcScoreStats stats;
  g_autofree char *json = NULL;

  /* Ctrl+R asks who is scoring; then each digit scores a force and moves on. */
  g_assert_true (view_key (f, GDK_KEY_r, GDK_CONTROL_MASK));
  type_and (f, "Ann", GDK_KEY_Return);
  g_assert_true (cc_selection_get_single (cc_sheet_view_get_selection (f->view)) == first);
  g_assert_true (view_key (f, GDK_KEY_1, 0));
  g_assert_true (cc_selection_get_single (cc_sheet_view_get_selection (f->view)) == second);
  g_assert_true (view_key (f, GDK_KEY_KP_4, 0));
  /* Escape ends the round. */
  g_assert_true (view_key (f, GDK_KEY_Escape, 0));
  g_assert_true (view_key (f, GDK_KEY_3, 0));  /* now it sets the strength of the selected force */

  /* A second participant, numbered, scores every force. */
  g_assert_true (view_key (f, GDK_KEY_r, GDK_CONTROL_MASK));
  type_and (f, "", GDK_KEY_Return);
  for (guint i = 0; i < n; i++)
    g_assert_true (view_key (f, GDK_KEY_5, 0));
  cc_force_score_stats (first, &stats);
  g_assert_cmpuint (stats.n, ==, 2);
  g_assert_cmpint (stats.lowest, ==, 1);
  g_assert_cmpint (stats.highest, ==, 5);
  g_assert_true (stats.disagree);
  g_assert_cmpint (cc_item_get_int (first, CC_FORCE_STRENGTH), ==, 3);
  json = saved (f);
  g_assert_nonnull (strstr (json, "\"participant\": \"Ann\""));
  g_assert_nonnull (strstr (json, "\"participant\": \"1\""));
  {
    CcItem *last = nth (f, CC_SIDE_RESISTING, count (f, CC_SIDE_RESISTING) - 1);

    cc_force_score_stats (last, &stats);
    g_assert_cmpuint (stats.n, ==, 1);
  }
  /* The round ended after the last force: digits set strength again. */
  cc_selection_select (cc_sheet_view_get_selection (f->view), first);
  g_assert_true (view_key (f, GDK_KEY_2, 0));
  g_assert_cmpint (cc_item_get_int (first, CC_FORCE_STRENGTH), ==, 2);
}

static void
test_views (Fixture *f, gconstpointer data)
{
  gboolean vertical = TRUE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "canvas.vertical", NULL));
  g_assert_cmpint (cc_item_get_int (f->sheet, CC_FORCEFIELD_ORIENTATION), ==, CC_ORIENTATION_VERTICAL);
  g_object_get (f->view, "vertical", &vertical, NULL);
  g_assert_true (vertical);
  g_assert_true (cc_project_undo (f->project));
  g_object_get (f->view, "vertical", &vertical, NULL);
  g_assert_false (vertical);

  g_assert_true (cc_forcefield_has_plans (f->sheet));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "canvas.planned-view", NULL));
  g_assert_cmpint (cc_item_get_int (f->sheet, CC_FORCEFIELD_VIEW), ==, CC_VIEW_PLANNED);
  {
    g_autofree char *json = saved (f);

    g_assert_nonnull (strstr (json, "\"view\": \"planned\""));
  }

  /* Strengths by keyboard in the vertical layout: arrows swap roles. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "canvas.vertical", NULL));
  cc_selection_select (cc_sheet_view_get_selection (f->view), nth (f, CC_SIDE_DRIVING, 0));
  g_assert_true (view_key (f, GDK_KEY_Right, 0));
  g_assert_true (cc_selection_get_single (cc_sheet_view_get_selection (f->view)) == nth (f, CC_SIDE_DRIVING, 1));
  g_assert_true (view_key (f, GDK_KEY_Up, 0));
  g_assert_cmpint (cc_item_get_int (cc_selection_get_single (cc_sheet_view_get_selection (f->view)), CC_FORCE_SIDE),
                   ==, CC_SIDE_RESISTING);
}


static GtkWidget *
find_widget (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_library (Fixture *f, gconstpointer data)
{
  guint resisting = count (f, CC_SIDE_RESISTING);
  GtkWidget *popover, *panel;
  CcItem *added;

  /* Ctrl+L opens the library over the sheet. */
  g_assert_true (view_key (f, GDK_KEY_l, GDK_CONTROL_MASK));
  iterate ();
  popover = NULL;
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (f->view)); w; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *p = find_widget (w, CC_TYPE_FORCE_LIBRARY_PANEL);

      if (p != NULL)
        popover = p;
    }
  panel = popover;
  g_assert_nonnull (panel);
  g_assert_true (gtk_widget_get_mapped (panel));
  g_assert_cmpuint (cc_force_library_get_n_entries (cc_force_library_panel_get_library (CC_FORCE_LIBRARY_PANEL (panel))),
                    >=, 30);
  g_signal_emit_by_name (panel, "add-force", "Lack of trust", "Partners doubt each other's motives.",
                         (int) CC_SIDE_RESISTING, 4);
  iterate ();
  g_assert_cmpuint (count (f, CC_SIDE_RESISTING), ==, resisting + 1);
  added = nth (f, CC_SIDE_RESISTING, resisting);
  g_assert_cmpstr (cc_item_get_string (added, CC_FORCE_LABEL), ==, "Lack of trust");
  g_assert_cmpstr (cc_item_get_string (added, CC_FORCE_NOTES), ==, "Partners doubt each other's motives.");
  g_assert_cmpint (cc_item_get_int (added, CC_FORCE_STRENGTH), ==, 4);
  g_assert_true (cc_selection_get_single (cc_sheet_view_get_selection (f->view)) == added);
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpuint (count (f, CC_SIDE_RESISTING), ==, resisting);
}

int
main (int argc, char **argv)
{
  g_autofree char *data_home = g_dir_make_tmp ("concord-ff-ui-XXXXXX", NULL);
  int status;

  /* The user's own forces go to a throwaway folder. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  g_test_add_func ("/forcefield-ui/tools-fit", test_tools_fit);
  ADD ("/forcefield-ui/add", test_add_by_double_click_and_enter);
  ADD ("/forcefield-ui/strength", test_strength_from_keys_and_drag);
  ADD ("/forcefield-ui/reorder-and-across", test_reorder_and_move_across);
  ADD ("/forcefield-ui/edit-in-place", test_edit_in_place);
  ADD ("/forcefield-ui/score-round", test_score_round);
  ADD ("/forcefield-ui/views", test_views);
  ADD ("/forcefield-ui/library", test_library);
  status = g_test_run ();
  g_rmdir (data_home);
  return status;
}
