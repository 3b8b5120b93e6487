/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-canvas-ui"

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "cc-canvas-edit.h"
#include "cc-io.h"
#include "cc-sheet-view-test.h"
#include "cc-template.h"

/* Cards of a design canvas edited through the real sheet view. */

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
  f->project = g_object_ref (result->project);
  f->sheet = cc_project_find_sheet (f->project, data != NULL ? data : "Designing a joint employability service");
  g_assert_nonnull (f->sheet);
  cc_project_clear_history (f->project);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  f->view = CC_SHEET_VIEW (cc_sheet_view_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  cc_sheet_view_set_sheet (f->view, f->project, f->sheet);
  gtk_window_present (GTK_WINDOW (f->window));
  iterate ();
  cc_sheet_view_zoom_fit (f->view);
  iterate ();
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate ();
  g_object_unref (f->project);
}

/* A view point on the open part of @panel (or on @card). */
static gboolean
find (Fixture *f, const char *panel, CcItem *card, double *x, double *y)
{
  CcRenderOptions options;
  CcRect b;

  cc_render_options_init (&options);
  options.prompts = TRUE;
  cc_render_get_bounds (f->project, f->sheet, &options, &b);
  for (double sy = b.y; sy < b.y + b.height; sy += 4)
    for (double sx = b.x; sx < b.x + b.width; sx += 4)
      {
        CcHit hit;

        if (!cc_render_hit_detail (f->project, f->sheet, &options, sx, sy, &hit))
          continue;
        if ((card != NULL && hit.item == card)
            || (card == NULL && hit.part == CC_HIT_PANEL && g_strcmp0 (hit.panel, panel) == 0))
          {
            cc_sheet_view_sheet_to_view (f->view, sx, sy, x, y);
            return TRUE;
          }
      }
  return FALSE;
}




/* The key controller the view puts on its card text (capture phase). */
static GtkEventController *
card_text_keys (GtkTextView *view)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c) && gtk_event_controller_get_propagation_phase (c) == GTK_PHASE_CAPTURE)
        return c;
    }
  g_assert_not_reached ();
}

static gboolean
card_key (GtkTextView *view, guint keyval, GdkModifierType state)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (card_text_keys (view), "key-pressed", keyval, 0, state, &handled);
  iterate ();
  return handled;
}

static void
type_and (Fixture *f, const char *text, gboolean enter)
{
  GtkEntry *entry = cc_sheet_view_get_entry (f->view);
  GtkTextView *card = cc_sheet_view_get_card_text (f->view);
  gboolean handled = FALSE;

  if (card != NULL)
    {
      /* A card's text: typed into the text view, Enter or Escape after. */
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (card), text, -1);
      g_assert_true (card_key (card, enter ? GDK_KEY_Return : GDK_KEY_Escape, 0));
      return;
    }
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  if (enter)
    g_signal_emit_by_name (entry, "activate");
  else
    g_signal_emit_by_name (cc_sheet_view_get_entry_key_controller (f->view), "key-pressed", GDK_KEY_Escape, 0, 0,
                           &handled);
  iterate ();
}

static guint
in_panel (Fixture *f, const char *panel)
{
  g_autoptr(GPtrArray) cards = cc_canvas_panel_cards (f->sheet, panel);

  return cards->len;
}

static CcItem *
card_in (Fixture *f, const char *panel, guint i)
{
  g_autoptr(GPtrArray) cards = cc_canvas_panel_cards (f->sheet, panel);

  g_assert_cmpuint (i, <, cards->len);
  return cards->pdata[i];
}

static void
test_add_and_edit (Fixture *f, gconstpointer data)
{
  guint risks = in_panel (f, "risks"), history = cc_project_get_history_length (f->project);
  double x, y;
  CcItem *card;

  /* Double-click a panel, type, Enter: a card; Enter again: the next. */
  g_assert_true (find (f, "risks", NULL, &x, &y));
  double_click (f, x, y);
  type_and (f, "Employers lose interest after the pilot", TRUE);
  g_assert_cmpuint (in_panel (f, "risks"), ==, risks + 1);
  type_and (f, "Data sharing stalls", TRUE);
  type_and (f, "", TRUE);
  g_assert_null (cc_sheet_view_get_entry (f->view));
  g_assert_cmpuint (in_panel (f, "risks"), ==, risks + 2);
  g_assert_cmpstr (cc_item_get_string (card_in (f, "risks", risks + 1), CC_CARD_TEXT), ==, "Data sharing stalls");
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 2);

  /* F2 edits the selected card; Escape in a double-clicked one changes nothing. */
  card = card_in (f, "risks", risks + 1);
  cc_selection_select (cc_sheet_view_get_selection (f->view), card);
  g_assert_true (view_key (f, GDK_KEY_F2, 0));
  type_and (f, "Data sharing between partners stalls", TRUE);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_TEXT), ==, "Data sharing between partners stalls");

  /* Several lines in place: Shift+Enter is a new line, not the end. */
  g_assert_true (view_key (f, GDK_KEY_F2, 0));
  {
    GtkTextView *view = cc_sheet_view_get_card_text (f->view);
    GtkTextBuffer *buffer;
    GtkTextIter end;

    g_assert_nonnull (view);
    /* The one-line entry is not what shows */
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (cc_sheet_view_get_entry (f->view))));
    buffer = gtk_text_view_get_buffer (view);
    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, " between", -1);
    g_assert_false (card_key (view, GDK_KEY_Return, GDK_SHIFT_MASK));
    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, "\nhealth and council", -1);
    g_assert_true (card_key (view, GDK_KEY_Return, 0));
  }
  g_assert_null (cc_sheet_view_get_card_text (f->view));
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_TEXT), ==,
                   "Data sharing between partners stalls between\nhealth and council");
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_TEXT), ==, "Data sharing between partners stalls");
  g_assert_true (find (f, NULL, card, &x, &y));
  double_click (f, x, y);
  type_and (f, "Changed my mind", FALSE);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_TEXT), ==, "Data sharing between partners stalls");
  {
    g_autoptr(GBytes) bytes = cc_project_serialize (f->project);
    g_autofree char *json = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    g_assert_nonnull (strstr (json, "\"text\": \"Data sharing between partners stalls\""));
  }
  while (cc_project_get_history_length (f->project) > history)
    g_assert_true (cc_project_undo (f->project));
  g_assert_cmpuint (in_panel (f, "risks"), ==, risks);
}

static void
test_move_score_duplicate_delete_link (Fixture *f, gconstpointer data)
{
  CcItem *card = card_in (f, "gain-access", 0), *other = card_in (f, "gain-access", 1);
  guint links = cc_item_get_n_children (f->sheet, CC_CANVAS_LINKS);
  guint cards = cc_item_get_n_children (f->sheet, CC_CANVAS_CARDS);
  int gain0, pain0, gain, pain, old;
  double x, y, x2, y2;

  /* Dragged into another panel: one step. */
  g_assert_true (find (f, NULL, card, &x, &y));
  g_assert_true (find (f, "gain-outcomes", NULL, &x2, &y2));
  drag (f, x, y, x2 - x, y2 - y);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "gain-outcomes");
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "gain-access");

  /* Scores from the keyboard move the gain total. */
  cc_canvas_gain_pain (f->sheet, &gain0, &pain0);
  old = (int) cc_item_get_int (card, CC_CARD_SCORE);
  cc_selection_select (cc_sheet_view_get_selection (f->view), card);
  g_assert_true (view_key (f, GDK_KEY_5, 0));
  g_assert_cmpint (cc_item_get_int (card, CC_CARD_SCORE), ==, 5);
  cc_canvas_gain_pain (f->sheet, &gain, &pain);
  g_assert_cmpint (pain, ==, pain0);
  g_assert_cmpint (gain, ==, gain0 - old + 5);
  g_assert_true (view_key (f, GDK_KEY_0, 0));
  g_assert_cmpint (cc_item_get_int (card, CC_CARD_SCORE), ==, 0);
  cc_canvas_gain_pain (f->sheet, &gain, &pain);
  g_assert_cmpint (gain, ==, gain0 - old);

  /* Alt+drag from one card to another: an arrow. */
  g_assert_true (find (f, NULL, card, &x, &y));
  g_assert_true (find (f, NULL, other, &x2, &y2));
  cc_sheet_view_set_test_modifiers (f->view, GDK_ALT_MASK);
  drag (f, x, y, x2 - x, y2 - y);
  cc_sheet_view_set_test_modifiers (f->view, 0);
  g_assert_cmpuint (cc_item_get_n_children (f->sheet, CC_CANVAS_LINKS), ==, links + 1);

  /* Ctrl+D copies both and the arrow between them; Delete and undo. */
  {
    g_autoptr(GPtrArray) both = g_ptr_array_new ();

    g_ptr_array_add (both, card);
    g_ptr_array_add (both, other);
    cc_selection_set_items (cc_sheet_view_get_selection (f->view), both);
  }
  g_assert_true (view_key (f, GDK_KEY_d, GDK_CONTROL_MASK));
  g_assert_cmpuint (cc_item_get_n_children (f->sheet, CC_CANVAS_CARDS), ==, cards + 2);
  g_assert_cmpuint (cc_item_get_n_children (f->sheet, CC_CANVAS_LINKS), ==, links + 2);
  g_assert_cmpuint (cc_selection_get_n_items (cc_sheet_view_get_selection (f->view)), ==, 2);
  g_assert_true (view_key (f, GDK_KEY_Delete, 0));
  g_assert_cmpuint (cc_item_get_n_children (f->sheet, CC_CANVAS_CARDS), ==, cards);
  g_assert_cmpuint (cc_item_get_n_children (f->sheet, CC_CANVAS_LINKS), ==, links + 1);
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpuint (cc_item_get_n_children (f->sheet, CC_CANVAS_CARDS), ==, cards + 2);

  /* Arrows move the selection from card to card. */
  cc_selection_select (cc_sheet_view_get_selection (f->view), card);
  g_assert_true (view_key (f, GDK_KEY_Right, 0));
  g_assert_true (cc_selection_get_single (cc_sheet_view_get_selection (f->view)) != card);
}

/* Whether an arrow goes from @from to @to. */
static gboolean
has_arrow (Fixture *f, CcItem *from, CcItem *to)
{
  for (guint i = 0; i < cc_item_get_n_children (f->sheet, CC_CANVAS_LINKS); i++)
    {
      CcItem *link = cc_item_get_child (f->sheet, CC_CANVAS_LINKS, i);

      if (g_strcmp0 (cc_item_get_string (link, CC_CARD_LINK_FROM), cc_item_get_id (from)) == 0
          && g_strcmp0 (cc_item_get_string (link, CC_CARD_LINK_TO), cc_item_get_id (to)) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Arrows without Alt, which window managers take: from the selected card's
 * handle, and from the keyboard or the card's menu (Connect To…). */
static void
test_connect_without_modifier (Fixture *f, gconstpointer data)
{
  CcSelection *selection = cc_sheet_view_get_selection (f->view);
  CcItem *a = card_in (f, "gain-access", 0), *b = card_in (f, "gain-access", 1);
  guint links = cc_item_get_n_children (f->sheet, CC_CANVAS_LINKS);
  CcRenderOptions options;
  CcRect box;
  double hx, hy, x, y;
  g_autofree char *panel = g_strdup (cc_item_get_string (a, CC_CARD_PANEL));

  g_assert_false (has_arrow (f, a, b));
  g_assert_false (has_arrow (f, b, a));

  /* The handle on the selected card's right edge: drag it to another card */
  cc_selection_select (selection, a);
  iterate ();
  cc_render_options_init (&options);
  options.prompts = TRUE;
  g_assert_true (cc_render_get_item_bounds_full (f->project, f->sheet, &options, a, &box));
  cc_sheet_view_sheet_to_view (f->view, box.x + box.width, box.y + box.height / 2, &hx, &hy);
  g_assert_true (find (f, NULL, b, &x, &y));
  drag (f, hx, hy, x - hx, y - hy);
  g_assert_cmpuint (cc_item_get_n_children (f->sheet, CC_CANVAS_LINKS), ==, links + 1);
  g_assert_true (has_arrow (f, a, b));
  g_assert_cmpstr (cc_item_get_string (a, CC_CARD_PANEL), ==, panel);   /* not moved */
  g_assert_true (cc_project_undo (f->project));
  g_assert_false (has_arrow (f, a, b));

  /* C, an arrow key to the next card, Enter */
  cc_selection_select (selection, a);
  iterate ();
  g_assert_true (view_key (f, GDK_KEY_c, 0));
  g_assert_true (view_key (f, GDK_KEY_Escape, 0));   /* Escape: no arrow */
  g_assert_cmpuint (cc_item_get_n_children (f->sheet, CC_CANVAS_LINKS), ==, links);
  g_assert_true (view_key (f, GDK_KEY_c, 0));
  {
    GPtrArray *all = cc_item_get_children (f->sheet, CC_CANVAS_CARDS);
    guint at = 0;
    CcItem *next;

    g_assert_true (g_ptr_array_find (all, a, &at));
    next = all->pdata[(at + 1) % all->len];
    g_assert_true (view_key (f, GDK_KEY_Return, 0));
    g_assert_true (has_arrow (f, a, next));
    g_assert_true (cc_selection_get_single (selection) == next);
    g_assert_true (cc_project_undo (f->project));
    /* Arrow keys choose another card first */
    cc_selection_select (selection, a);
    iterate ();
    g_assert_true (view_key (f, GDK_KEY_c, 0));
    g_assert_true (view_key (f, GDK_KEY_Right, 0));
    g_assert_true (view_key (f, GDK_KEY_Return, 0));
    g_assert_true (has_arrow (f, a, all->pdata[(at + 2) % all->len]));
    g_assert_true (cc_project_undo (f->project));
  }

  /* Connect To… from the card's menu, then a click on the card it goes to */
  cc_selection_select (selection, b);
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "canvas.connect", NULL));
  g_assert_true (find (f, NULL, a, &x, &y));
  drag (f, x, y, 0, 0);
  g_assert_true (has_arrow (f, b, a));
  g_assert_cmpuint (cc_item_get_n_children (f->sheet, CC_CANVAS_LINKS), ==, links + 1);
}

/* ---- the power / interest grid ---------------------------------------- */

#define GRID_SHEET "Who to engage on the employability service"

static CcItem *
actor_named (Fixture *f, const char *name)
{
  CcItem *root = cc_project_get_root (f->project);

  for (guint i = 0; i < cc_item_get_n_children (root, CC_PROJECT_ACTORS); i++)
    {
      CcItem *actor = cc_item_get_child (root, CC_PROJECT_ACTORS, i);

      if (g_strcmp0 (cc_item_get_string (actor, CC_ACTOR_NAME), name) == 0)
        return actor;
    }
  return NULL;
}

static void
test_grid_place_and_drag (Fixture *f, gconstpointer data)
{
  CcItem *fire = actor_named (f, "Fire and Rescue Service, Riverside District");
  CcItem *council = actor_named (f, "Riverside Council");
  CcItem *card, *added;
  guint history = cc_project_get_history_length (f->project);
  guint n_cards = cc_item_get_n_children (f->sheet, CC_CANVAS_CARDS);
  guint n_actors = cc_item_get_n_children (cc_project_get_root (f->project), CC_PROJECT_ACTORS);
  double x, y, x2, y2;

  g_assert_nonnull (fire);
  g_assert_nonnull (council);
  g_assert_null (cc_canvas_find_actor_card (f->sheet, fire));
  g_assert_cmpfloat (cc_item_get_double (fire, CC_ACTOR_POWER), <, 0);

  /* Double-click on "manage closely", name an organisation of the project:
   * its card stands there, and its power and interest say so. */
  g_assert_true (find (f, "manage-closely", NULL, &x, &y));
  double_click (f, x, y);
  type_and (f, "fire and rescue service, riverside district", TRUE);
  card = cc_canvas_find_actor_card (f->sheet, fire);
  g_assert_nonnull (card);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "manage-closely");
  g_assert_cmpfloat (cc_item_get_double (fire, CC_ACTOR_POWER), >=, 5);
  g_assert_cmpfloat (cc_item_get_double (fire, CC_ACTOR_INTEREST), >=, 5);
  g_assert_cmpuint (cc_item_get_n_children (cc_project_get_root (f->project), CC_PROJECT_ACTORS), ==, n_actors);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);
  /* One step back: no card, no values. */
  g_assert_true (cc_project_undo (f->project));
  g_assert_null (cc_canvas_find_actor_card (f->sheet, fire));
  g_assert_cmpfloat (cc_item_get_double (fire, CC_ACTOR_POWER), <, 0);

  /* A name the project does not know: a new organisation, placed. */
  g_assert_true (find (f, "monitor", NULL, &x, &y));
  double_click (f, x, y);
  type_and (f, "Riverside Allotment Society", TRUE);
  added = actor_named (f, "Riverside Allotment Society");
  g_assert_nonnull (added);
  g_assert_cmpfloat (cc_item_get_double (added, CC_ACTOR_POWER), <, 5);
  g_assert_cmpfloat (cc_item_get_double (added, CC_ACTOR_INTEREST), <, 5);
  g_assert_cmpstr (cc_item_get_string (cc_canvas_find_actor_card (f->sheet, added), CC_CARD_PANEL), ==, "monitor");
  g_assert_true (cc_project_undo (f->project));
  g_assert_null (actor_named (f, "Riverside Allotment Society"));
  g_assert_cmpuint (cc_item_get_n_children (f->sheet, CC_CANVAS_CARDS), ==, n_cards);

  /* Dragging the council's card down to "monitor" lowers its power and its
   * interest, the same actor the maps show; one step undoes it. */
  card = cc_canvas_find_actor_card (f->sheet, council);
  g_assert_true (find (f, NULL, card, &x, &y));
  g_assert_true (find (f, "monitor", NULL, &x2, &y2));
  drag (f, x, y, x2 - x, y2 - y);
  g_assert_cmpfloat (cc_item_get_double (council, CC_ACTOR_POWER), <, 5);
  g_assert_cmpfloat (cc_item_get_double (council, CC_ACTOR_INTEREST), <, 5);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "monitor");
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpfloat (cc_item_get_double (council, CC_ACTOR_POWER), ==, 9);
  g_assert_cmpfloat (cc_item_get_double (council, CC_ACTOR_INTEREST), ==, 9);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "manage-closely");

  /* Alt+Left from the keyboard: less interest, a step at a time. */
  cc_selection_select (cc_sheet_view_get_selection (f->view), card);
  g_assert_true (view_key (f, GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (council, CC_ACTOR_INTEREST), 8.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (cc_item_get_double (council, CC_ACTOR_POWER), 9, 1e-9);

  /* Values set elsewhere (the inspector) move the card: position is data. */
  cc_actor_set_measure (f->project, council, CC_ACTOR_POWER, 2);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "keep-informed");
  {
    CcRenderOptions options;
    CcRect box;
    CcHit hit;

    cc_render_options_init (&options);
    g_assert_true (cc_render_get_item_bounds_full (f->project, f->sheet, &options, card, &box));
    g_assert_true (cc_render_hit_detail (f->project, f->sheet, &options, box.x + box.width / 2,
                                         box.y + box.height / 2, &hit));
    g_assert_true (hit.item == card);
    g_assert_cmpstr (hit.panel, ==, "keep-informed");
  }
}

/* The "Place Organisation" list: a click places one where its values say
 * (the middle, without values), a drop places it where it is dropped. */
static void
test_grid_place_from_list (Fixture *f, gconstpointer data)
{
  CcItem *fire = actor_named (f, "Fire and Rescue Service, Riverside District");
  CcItem *faith = actor_named (f, "Riverside Faith Forum");
  GtkMenuButton *button = cc_sheet_view_get_place_button (f->view);
  GtkListBox *list = cc_sheet_view_get_place_list (f->view);
  g_autoptr(GListModel) controllers = NULL;
  GtkDropTarget *drop = NULL;
  GtkListBoxRow *row = NULL;
  guint n_rows = 0, history = cc_project_get_history_length (f->project);
  double x, y;

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (button)));
  gtk_menu_button_popup (button);
  iterate ();
  /* The organisations not on the grid yet, and only those */
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (list)); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LIST_BOX_ROW (w))
      {
        const char *id = g_object_get_data (G_OBJECT (w), "cc-actor");

        n_rows++;
        g_assert_null (cc_canvas_find_actor_card (f->sheet, cc_project_lookup (f->project, id)));
        if (g_strcmp0 (id, cc_item_get_id (fire)) == 0)
          row = GTK_LIST_BOX_ROW (w);
      }
  g_assert_cmpuint (n_rows, ==, cc_item_get_n_children (cc_project_get_root (f->project), CC_PROJECT_ACTORS)
                                - cc_item_get_n_children (f->sheet, CC_CANVAS_CARDS));
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  iterate ();
  g_assert_nonnull (cc_canvas_find_actor_card (f->sheet, fire));
  /* No values yet: about the middle, which counts as "manage closely" */
  g_assert_cmpstr (cc_item_get_string (cc_canvas_find_actor_card (f->sheet, fire), CC_CARD_PANEL), ==,
                   "manage-closely");
  g_assert_cmpfloat (cc_item_get_double (fire, CC_ACTOR_POWER), >=, 5);
  g_assert_cmpfloat (cc_item_get_double (fire, CC_ACTOR_POWER), <=, 6.5);
  g_assert_cmpfloat (cc_item_get_double (fire, CC_ACTOR_INTEREST), >=, 5);
  g_assert_cmpfloat (cc_item_get_double (fire, CC_ACTOR_INTEREST), <=, 6.5);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);

  /* Dragged from the list and dropped on "keep informed" */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->view));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (c))
        {
          gsize n_types = 0;
          const GType *types = gtk_drop_target_get_gtypes (GTK_DROP_TARGET (c), &n_types);

          if (n_types == 1 && types[0] == G_TYPE_STRING)
            drop = GTK_DROP_TARGET (c);
        }
    }
  g_assert_nonnull (drop);
  g_assert_true (find (f, "keep-informed", NULL, &x, &y));
  {
    GValue value = G_VALUE_INIT;
    g_autofree char *text = g_strconcat ("concord-actor:", cc_item_get_id (faith), NULL);
    gboolean done = FALSE;

    g_value_init (&value, G_TYPE_STRING);
    g_value_set_string (&value, text);
    g_signal_emit_by_name (drop, "drop", &value, x, y, &done);
    g_value_unset (&value);
    g_assert_true (done);
    /* Something else dropped: refused */
    g_value_init (&value, G_TYPE_STRING);
    g_value_set_string (&value, "file:///etc/passwd");
    g_signal_emit_by_name (drop, "drop", &value, x, y, &done);
    g_value_unset (&value);
    g_assert_false (done);
  }
  iterate ();
  g_assert_cmpstr (cc_item_get_string (cc_canvas_find_actor_card (f->sheet, faith), CC_CARD_PANEL), ==,
                   "keep-informed");
  g_assert_cmpfloat (cc_item_get_double (faith, CC_ACTOR_POWER), <, 5);
  g_assert_cmpfloat (cc_item_get_double (faith, CC_ACTOR_INTEREST), >=, 5);
  g_assert_true (cc_project_undo (f->project));
  g_assert_null (cc_canvas_find_actor_card (f->sheet, faith));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/canvas-ui/add-and-edit", test_add_and_edit);
  ADD ("/canvas-ui/move-score-duplicate-delete-link", test_move_score_duplicate_delete_link);
  ADD ("/canvas-ui/connect-without-modifier", test_connect_without_modifier);
  g_test_add ("/canvas-ui/grid-place-and-drag", Fixture, GRID_SHEET, fixture_setup, test_grid_place_and_drag,
              fixture_teardown);
  g_test_add ("/canvas-ui/grid-place-from-list", Fixture, GRID_SHEET, fixture_setup, test_grid_place_from_list,
              fixture_teardown);
  return g_test_run ();
}
