/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-force-library-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cc-force-library-panel.h"
#include "cc-ui-keys.h"

/* The force library panel in a real window: its rows, the search, the side
 * buttons, the keyboard and the user's own forces. Run under a display
 * (xvfb-run -a). */

typedef struct
{
  GtkWindow           *window;
  CcForceLibrary      *library;
  CcForceLibraryPanel *panel;
  GtkListBox          *list;
  GtkSearchEntry      *search;
  char                *dir;        /* holds the user's file */
  char                *user_path;

  guint                n_added;    /* add-force emissions */
  char                *label;      /* the last one's arguments */
  char                *description;
  int                  side;
  int                  strength;
} Fixture;

/* Helpers */

static gpointer
child (gpointer widget, const char *name)
{
  gpointer found = gtk_widget_get_template_child (GTK_WIDGET (widget), CC_TYPE_FORCE_LIBRARY_PANEL, name);

  g_assert_nonnull (found);
  return found;
}

/* The first widget named @name below @widget. */
static GtkWidget *
find_named (GtkWidget *widget, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Presses a key where the keyboard focus is: down from the window to the
 * focus (capture), then back up (target, bubble). */
static gboolean
press (Fixture        *f,
       guint           keyval,
       GdkModifierType mods)
{
  GtkWidget *focus = gtk_window_get_focus (f->window);
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

static void
add_force_cb (CcForceLibraryPanel *panel,
              const char          *label,
              const char          *description,
              int                  side,
              int                  strength,
              Fixture             *f)
{
  f->n_added++;
  g_free (f->label);
  f->label = g_strdup (label);
  g_free (f->description);
  f->description = g_strdup (description);
  f->side = side;
  f->strength = strength;
}

static CcForceEntry *
row_entry (GtkListBoxRow *row)
{
  GPtrArray *entries;
  GtkWidget *label = find_named (GTK_WIDGET (row), "title");

  g_assert_nonnull (label);
  /* Rows show labels; ids are unique but labels are enough in these tests. */
  entries = cc_force_library_get_entries (cc_force_library_panel_get_library (
    CC_FORCE_LIBRARY_PANEL (gtk_widget_get_ancestor (GTK_WIDGET (row), CC_TYPE_FORCE_LIBRARY_PANEL))));
  for (guint i = 0; i < entries->len; i++)
    {
      CcForceEntry *e = entries->pdata[i];

      if (g_str_equal (e->label, gtk_label_get_label (GTK_LABEL (label))))
        return e;
    }
  g_assert_not_reached ();
  return NULL;
}

static guint
n_rows (Fixture *f)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (f->list, (int) n) != NULL)
    n++;
  return n;
}

static gboolean
row_shown (GtkListBoxRow *row)
{
  return gtk_widget_get_visible (GTK_WIDGET (row)) && gtk_widget_get_child_visible (GTK_WIDGET (row));
}

/* The rows shown, in order. */
static GPtrArray *
shown_rows (Fixture *f)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (f->list, i)) != NULL; i++)
    if (row_shown (row))
      g_ptr_array_add (rows, row);
  return rows;
}

static GtkListBoxRow *
row_for (Fixture *f, const char *id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (f->list, i)) != NULL; i++)
    if (g_str_equal (row_entry (row)->id, id))
      return row;
  g_assert_not_reached ();
  return NULL;
}

/* A click on a button, as the user makes it (gtk_widget_activate would
 * only click after its short animation). */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  iterate ();
}

static void
search (Fixture *f, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (f->search), text);
  run_for (50);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("concord-panel-XXXXXX", &error);
  g_assert_no_error (error);
  f->user_path = g_build_filename (f->dir, "concord", "forces.json", NULL);

  f->library = cc_force_library_new ();
  g_assert_cmpuint (cc_force_library_load_builtin (f->library), >=, 30);
  cc_force_library_load_user (f->library, f->user_path);

  f->panel = CC_FORCE_LIBRARY_PANEL (cc_force_library_panel_new (f->library));
  g_signal_connect (f->panel, "add-force", G_CALLBACK (add_force_cb), f);
  f->list = child (f->panel, "list");
  f->search = child (f->panel, "search_entry");

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 360, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->panel));
  gtk_window_present (f->window);
  iterate ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *concord = g_build_filename (f->dir, "concord", NULL);

  gtk_window_destroy (f->window);
  iterate ();
  g_assert_finalize_object (f->library);
  g_remove (f->user_path);
  g_rmdir (concord);
  g_rmdir (f->dir);
  g_free (f->user_path);
  g_free (f->dir);
  g_free (f->label);
  g_free (f->description);
}

/* Tests */

static void
test_lists_builtin (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) shown = shown_rows (f);
  GPtrArray *entries = cc_force_library_get_entries (f->library);
  GtkListBoxRow *trust = row_for (f, "lack-of-trust");
  GtkWidget *title = find_named (GTK_WIDGET (trust), "title");
  GtkWidget *description = find_named (GTK_WIDGET (trust), "description");
  GtkWidget *hint = find_named (GTK_WIDGET (trust), "hint");

  /* Every shipped force, by label, all shown, no section headers. */
  g_assert_cmpuint (n_rows (f), ==, entries->len);
  g_assert_cmpuint (shown->len, ==, entries->len);
  for (guint i = 0; i < shown->len; i++)
    {
      g_assert_true (row_entry (shown->pdata[i]) == entries->pdata[i]);
      g_assert_null (gtk_list_box_row_get_header (shown->pdata[i]));
    }

  /* Label in bold, the description, the side, two buttons; no remove. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, "Lack of trust");
  g_assert_true (gtk_widget_has_css_class (title, "heading"));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (description)), "Partners doubt"));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (hint)), "Usually resisting, strength 5"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (hint)), "trust"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (find_named (GTK_WIDGET (trust), "resisting")), ==,
                   "Add “Lack of trust” as a resisting force");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (find_named (GTK_WIDGET (trust), "driving")), ==,
                   "Add “Lack of trust” as a driving force");
  g_assert_null (find_named (GTK_WIDGET (trust), "remove"));

  /* No problem to report. */
  g_assert_false (gtk_widget_get_visible (child (f->panel, "problems_expander")));
}

static void
test_search_filters (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) found = cc_force_library_search (f->library, "trust");
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) upper = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) all = NULL;

  search (f, "trust");
  shown = shown_rows (f);
  g_assert_cmpuint (found->len, >=, 3);
  g_assert_cmpuint (shown->len, ==, found->len);
  for (guint i = 0; i < shown->len; i++)
    g_assert_true (row_entry (shown->pdata[i]) == found->pdata[i]);

  /* Case and accents do not matter. */
  search (f, "TRÜST");
  upper = shown_rows (f);
  g_assert_cmpuint (upper->len, ==, found->len);

  /* Nothing found: the list's placeholder says so. */
  search (f, "xyzzy");
  none = shown_rows (f);
  g_assert_cmpuint (none->len, ==, 0);
  {
    GtkWidget *w;
    gboolean seen = FALSE;

    for (w = gtk_widget_get_first_child (GTK_WIDGET (f->list)); w != NULL; w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_LABEL (w) && gtk_widget_get_child_visible (w) &&
          strstr (gtk_label_get_label (GTK_LABEL (w)), "xyzzy") != NULL)
        seen = TRUE;
    g_assert_true (seen);
  }

  /* Escape clears the search: every force again. */
  gtk_widget_grab_focus (GTK_WIDGET (f->search));
  g_signal_emit_by_name (f->search, "stop-search");
  run_for (50);
  all = shown_rows (f);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->search)), ==, "");
  g_assert_cmpuint (all->len, ==, cc_force_library_get_n_entries (f->library));
}

static void
test_down_into_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) shown = NULL;

  search (f, "funding");
  shown = shown_rows (f);
  g_assert_cmpuint (shown->len, >, 1);

  cc_force_library_panel_focus_search (f->panel);
  iterate ();
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (f->window), GTK_WIDGET (f->search)));
  g_assert_true (press (f, GDK_KEY_Down, 0));
  g_assert_true (gtk_window_get_focus (f->window) == GTK_WIDGET (shown->pdata[0]));

  /* Enter adds the force on its usual side. */
  g_assert_true (press (f, GDK_KEY_Return, 0));
  g_assert_cmpuint (f->n_added, ==, 1);
  g_assert_cmpstr (f->label, ==, row_entry (shown->pdata[0])->label);
  g_assert_cmpint (f->side, ==, row_entry (shown->pdata[0])->side);
}

static void
test_resisting_button (Fixture *f, gconstpointer data)
{
  CcForceEntry *entry = cc_force_library_lookup (f->library, "economies-of-scale");
  GtkListBoxRow *row = row_for (f, "economies-of-scale");
  GtkWidget *resisting = find_named (GTK_WIDGET (row), "resisting");
  GtkWidget *driving = find_named (GTK_WIDGET (row), "driving");

  g_assert_cmpint (entry->side, ==, CC_SIDE_DRIVING);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (resisting), ==, "Add “Economies of scale” as a resisting force");

  /* Against its usual side, as the user asked. */
  click (resisting);
  g_assert_cmpuint (f->n_added, ==, 1);
  g_assert_cmpstr (f->label, ==, "Economies of scale");
  g_assert_cmpstr (f->description, ==, entry->description);
  g_assert_cmpint (f->side, ==, CC_SIDE_RESISTING);
  g_assert_cmpint (f->strength, ==, entry->strength);

  click (driving);
  g_assert_cmpuint (f->n_added, ==, 2);
  g_assert_cmpint (f->side, ==, CC_SIDE_DRIVING);
}

static void
test_enter_on_row (Fixture *f, gconstpointer data)
{
  GtkListBoxRow *row = row_for (f, "lack-of-trust");

  gtk_widget_grab_focus (GTK_WIDGET (row));
  iterate ();
  g_assert_true (gtk_window_get_focus (f->window) == GTK_WIDGET (row));

  g_assert_true (press (f, GDK_KEY_Return, 0));
  g_assert_cmpuint (f->n_added, ==, 1);
  g_assert_cmpstr (f->label, ==, "Lack of trust");
  g_assert_cmpint (f->side, ==, CC_SIDE_RESISTING);
  g_assert_cmpint (f->strength, ==, 5);

  /* Shift+Enter: the other side. */
  g_assert_true (press (f, GDK_KEY_Return, GDK_SHIFT_MASK));
  g_assert_cmpuint (f->n_added, ==, 2);
  g_assert_cmpstr (f->label, ==, "Lack of trust");
  g_assert_cmpint (f->side, ==, CC_SIDE_DRIVING);

  /* Typing on a row goes on in the search. */
  gtk_widget_grab_focus (GTK_WIDGET (row));
  iterate ();
  g_assert_true (press (f, GDK_KEY_m, 0));
  run_for (50);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->search)), ==, "m");
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (f->window), GTK_WIDGET (f->search)));
  search (f, "");

  /* Up from the first row goes back to the search. */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (f->list, 0)));
  iterate ();
  press (f, GDK_KEY_Up, 0);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (f->window), GTK_WIDGET (f->search)));
}

static void
test_own_forces (Fixture *f, gconstpointer data)
{
  GtkEditable *label = child (f->panel, "label_entry");
  GtkEditable *description = child (f->panel, "description_entry");
  GtkLabel *error_label = child (f->panel, "add_error_label");
  GtkListBoxRow *first, *second;
  GtkWidget *header;
  CcForceEntry *mine;
  guint before = n_rows (f);

  /* An empty label is refused, with the reason shown. */
  click (child (f->panel, "save_button"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpuint (n_rows (f), ==, before);

  gtk_editable_set_text (label, "Café closes early");
  gtk_editable_set_text (description, "Nowhere to meet informally after five.");
  gtk_drop_down_set_selected (child (f->panel, "side_dropdown"), 1);
  gtk_spin_button_set_value (child (f->panel, "strength_spin"), 2);
  click (child (f->panel, "save_button"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_editable_get_text (label), ==, "");

  mine = cc_force_library_lookup (f->library, "user-cafe-closes-early");
  g_assert_nonnull (mine);
  g_assert_true (mine->user);
  g_assert_cmpint (mine->side, ==, CC_SIDE_RESISTING);
  g_assert_cmpint (mine->strength, ==, 2);
  g_assert_true (g_file_test (f->user_path, G_FILE_TEST_IS_REGULAR));

  /* First, under its own heading; the library's under theirs. */
  g_assert_cmpuint (n_rows (f), ==, before + 1);
  first = gtk_list_box_get_row_at_index (f->list, 0);
  second = gtk_list_box_get_row_at_index (f->list, 1);
  g_assert_true (row_entry (first) == mine);
  header = gtk_list_box_row_get_header (first);
  g_assert_true (GTK_IS_LABEL (header));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (header)), ==, "Your Forces");
  header = gtk_list_box_row_get_header (second);
  g_assert_true (GTK_IS_LABEL (header));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (header)), ==, "Library");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (find_named (GTK_WIDGET (first), "hint"))),
                                   "Yours, usually resisting, strength 2"));

  /* Found without its accent. */
  search (f, "cafe");
  {
    g_autoptr(GPtrArray) shown = shown_rows (f);

    g_assert_cmpuint (shown->len, ==, 1);
    g_assert_true (shown->pdata[0] == (gpointer) first);
  }
  search (f, "");

  /* Its driving button adds it; its remove button removes it for good. */
  click (find_named (GTK_WIDGET (first), "driving"));
  g_assert_cmpstr (f->label, ==, "Café closes early");
  g_assert_cmpstr (f->description, ==, "Nowhere to meet informally after five.");
  g_assert_cmpint (f->side, ==, CC_SIDE_DRIVING);
  click (find_named (GTK_WIDGET (first), "remove"));
  g_assert_null (cc_force_library_lookup (f->library, "user-cafe-closes-early"));
  g_assert_cmpuint (n_rows (f), ==, before);
  g_assert_null (gtk_list_box_row_get_header (gtk_list_box_get_row_at_index (f->list, 0)));

  {
    g_autoptr(CcForceLibrary) again = cc_force_library_new ();

    g_assert_cmpuint (cc_force_library_load_user (again, f->user_path), ==, 0);
  }
}

static void
test_problems_shown (Fixture *f, gconstpointer data)
{
  GtkWidget *expander = child (f->panel, "problems_expander");
  g_autofree char *broken = g_build_filename (f->dir, "broken.json", NULL);

  g_assert_false (gtk_widget_get_visible (expander));
  g_assert_true (g_file_set_contents (broken, "{ not json", -1, NULL));
  cc_force_library_load_dir (f->library, f->dir);
  iterate ();
  g_assert_true (gtk_widget_get_visible (expander));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (child (f->panel, "problems_label")), "broken.json: line 1"));
  g_remove (broken);
}

int
main (int argc, char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/ui/force-library-panel/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("lists-builtin", test_lists_builtin);
  ADD ("search-filters", test_search_filters);
  ADD ("down-into-list", test_down_into_list);
  ADD ("resisting-button", test_resisting_button);
  ADD ("enter-on-row", test_enter_on_row);
  ADD ("own-forces", test_own_forces);
  ADD ("problems-shown", test_problems_shown);
  return g_test_run ();
}
