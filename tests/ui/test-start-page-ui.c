/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-start-page-ui"

#include "config.h"

#include <adwaita.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cc-io.h"
#include "cc-start-page.h"
#include "cc-store.h"
#include "cc-ui-keys.h"

/* The start page in a real window, over a store in a temporary folder that
 * knows three projects: two whose files are there and one whose file has
 * been deleted. What the user sees of the recent projects, the search of all
 * projects, the New Project buttons, "Remove from List" and the keyboard.
 * Run under a display (xvfb-run -a).
 *
 * With CC_TEST_SCREENSHOTS=DIR, pictures of the page are saved in DIR. */

/* A partnership map and a force field; the police are on the map. */
static const char *river_text =
  "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"Riverside partnership\","
  " \"meta\": {\"description\": \"Who works with whom by the river\"},"
  " \"actors\": ["
  "  {\"id\": \"a1\", \"name\": \"Police Scotland\", \"sector\": \"public\", \"notes\": \"Community safety lead\"},"
  "  {\"id\": \"a2\", \"name\": \"Café Solidarité\", \"sector\": \"community\"}],"
  " \"sheets\": ["
  "  {\"id\": \"m1\", \"type\": \"map\", \"title\": \"Who works with whom\","
  "   \"nodes\": [{\"id\": \"n1\", \"actor\": \"a1\", \"x\": 0, \"y\": 0},"
  "             {\"id\": \"n2\", \"actor\": \"a2\", \"x\": 200, \"y\": 0}],"
  "   \"links\": [{\"id\": \"l1\", \"from\": \"n1\", \"to\": \"n2\", \"type\": \"delivery\"}]},"
  "  {\"id\": \"f1\", \"type\": \"forcefield\", \"title\": \"Opening the harbour path\","
  "   \"change\": \"Open the harbour path at night\","
  "   \"forces\": [{\"id\": \"fo1\", \"side\": \"resisting\", \"label\": \"Insurance costs\", \"strength\": 4}]}]}";

/* No police at all. */
static const char *festival_text =
  "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"Harbour festival design\","
  " \"actors\": [{\"id\": \"b1\", \"name\": \"Harbour Trust\", \"sector\": \"voluntary\"}],"
  " \"sheets\": [{\"id\": \"c1\", \"type\": \"map\", \"title\": \"Festival partners\","
  "   \"nodes\": [{\"id\": \"c1n\", \"actor\": \"b1\", \"x\": 0, \"y\": 0}]}]}";

/* Mentions the police too, but its file is deleted. */
static const char *gone_text =
  "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"Old board plan\","
  " \"actors\": [{\"id\": \"g1\", \"name\": \"Police Scotland\", \"sector\": \"public\"}],"
  " \"sheets\": [{\"id\": \"gm\", \"type\": \"map\", \"title\": \"The old board\","
  "   \"nodes\": [{\"id\": \"gn\", \"actor\": \"g1\", \"x\": 0, \"y\": 0}]}]}";

typedef struct
{
  GtkWindow   *window;
  CcStartPage *page;
  CcStore     *store;
  GtkFlowBox  *recent;
  GtkListBox  *results;
  GtkWidget   *search;

  char        *state_dir;   /* holds the database */
  char        *folder;      /* holds the projects: ~/Partnerships */
  char        *river_uri;
  char        *festival_uri;
  char        *gone_uri;

  /* What the page told */
  GPtrArray   *opened;       /* GFile* of "open" */
  GPtrArray   *hits;         /* "uri sheet item" of "open-hit", "-" for NULL */
  GPtrArray   *new_projects; /* starting points of "new-project" */
  char        *searched;     /* the text of the last "search-changed" */
  guint        n_win_open;   /* "win.open" and "win.open-example" */
  guint        n_win_example;
} Fixture;

/* Helpers */

/* The first widget named @name below @widget (itself included). */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
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

/* Shown on the screen: it and all it is in. */
static gboolean
shown (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_get_mapped (widget);
}

static const char *
label_of (GtkWidget  *widget,
          const char *name)
{
  GtkWidget *label = find_named (widget, name);

  g_assert_nonnull (label);
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_true (shown (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

static guint
n_cards (Fixture *f)
{
  guint n = 0;

  while (gtk_flow_box_get_child_at_index (f->recent, (int) n) != NULL)
    n++;
  return n;
}

static GtkFlowBoxChild *
card_at (Fixture *f,
         int      index)
{
  GtkFlowBoxChild *card = gtk_flow_box_get_child_at_index (f->recent, index);

  g_assert_nonnull (card);
  return card;
}

static guint
n_rows (Fixture *f)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (f->results, (int) n) != NULL)
    n++;
  return n;
}

/* A click, as the user makes it (gtk_widget_activate would only click
 * after the button's short animation). */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (shown (button));
  g_signal_emit_by_name (button, "clicked");
  iterate ();
}

/* Types @text into the search and waits for the page to have searched
 * (the entry waits a moment after the last key before it says so). */
static void
search (Fixture    *f,
        const char *text)
{
  g_clear_pointer (&f->searched, g_free);
  gtk_editable_set_text (GTK_EDITABLE (f->search), text);
  for (guint waited = 0; waited < 3000 && g_strcmp0 (f->searched, text) != 0; waited += 10)
    run_for (10);
  g_assert_cmpstr (f->searched, ==, text);
  iterate ();
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

static gboolean
focus_is_in (Fixture   *f,
             GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (f->window);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A thumbnail as the renderer might make one: a white sheet with two
 * organisations and a link. */
static GBytes *
make_thumbnail (int width,
                int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_set_line_width (cr, 4);
  cairo_move_to (cr, width * 0.25, height * 0.5);
  cairo_line_to (cr, width * 0.75, height * 0.5);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
  cairo_arc (cr, width * 0.25, height * 0.5, height * 0.18, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.18, 0.76, 0.49);
  cairo_arc (cr, width * 0.75, height * 0.5, height * 0.18, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png_cb, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

/* Writes @text as @name in the folder, and notes it in the store as if
 * opened now. Returns its URI. */
static char *
note_project (Fixture    *f,
              const char *name,
              const char *text,
              GBytes     *thumbnail)
{
  g_autofree char *path = g_build_filename (f->folder, name, NULL);
  g_autoptr(CcLoadResult) result = cc_load_bytes (text, strlen (text));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *uri = g_file_get_uri (file);

  for (guint i = 0; i < result->problems->len; i++)
    {
      g_autofree char *problem = cc_problem_to_string (result->problems->pdata[i]);

      g_test_message ("%s: %s", name, problem);
    }
  g_assert_true (cc_load_result_is_sound (result));
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  cc_store_note_project (f->store, uri, result->project, thumbnail);
  cc_store_flush (f->store);
  /* Apart in time, so that the recent list has an order. */
  g_usleep (2000);
  return uri;
}

static void
open_cb (CcStartPage *page,
         GFile       *file,
         Fixture     *f)
{
  g_ptr_array_add (f->opened, g_object_ref (file));
}

static void
open_hit_cb (CcStartPage *page,
             const char  *uri,
             const char  *sheet,
             const char  *item,
             Fixture     *f)
{
  g_ptr_array_add (f->hits, g_strdup_printf ("%s %s %s", uri, sheet ? sheet : "-", item ? item : "-"));
}

static void
new_project_cb (CcStartPage *page,
                const char  *starting_point,
                Fixture     *f)
{
  g_ptr_array_add (f->new_projects, g_strdup (starting_point));
}

/* After the page's own handler, which is connected first. */
static void
search_changed_cb (GtkSearchEntry *entry,
                   Fixture        *f)
{
  g_free (f->searched);
  f->searched = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
win_action_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       data)
{
  Fixture *f = data;

  if (g_str_equal (g_action_get_name (G_ACTION (action)), "open"))
    f->n_win_open++;
  else
    f->n_win_example++;
}

static void
delete_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        delete_tree (child);
      else
        g_remove (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

/* Saves what @widget shows as a PNG in $CC_TEST_SCREENSHOTS, if set. */
static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("CC_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;

  if (dir == NULL)
    return;
  iterate ();
  run_for (100);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static const GActionEntry win_actions[] = {
    { "open", win_action_cb, NULL, NULL, NULL, { 0 } },
    { "open-example", win_action_cb, NULL, NULL, NULL, { 0 } },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) thumbnail = make_thumbnail (320, 200);
  g_autofree char *db = NULL;
  g_autofree char *gone_path = NULL;

  f->state_dir = g_dir_make_tmp ("concord-start-page-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->state_dir, "concord.db", NULL);
  f->store = cc_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);

  /* In the home folder (a temporary one: see main()), to be shown with ~. */
  f->folder = g_build_filename (g_get_home_dir (), "Partnerships", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->folder, 0700), ==, 0);
  f->gone_uri = note_project (f, "old-board.concord", gone_text, NULL);
  f->festival_uri = note_project (f, "festival.concord", festival_text, NULL);
  f->river_uri = note_project (f, "riverside.concord", river_text, thumbnail);
  gone_path = g_build_filename (f->folder, "old-board.concord", NULL);
  g_assert_cmpint (g_remove (gone_path), ==, 0);

  f->opened = g_ptr_array_new_with_free_func (g_object_unref);
  f->hits = g_ptr_array_new_with_free_func (g_free);
  f->new_projects = g_ptr_array_new_with_free_func (g_free);

  f->page = cc_start_page_new ();
  cc_start_page_set_store (f->page, f->store);
  g_signal_connect (f->page, "open", G_CALLBACK (open_cb), f);
  g_signal_connect (f->page, "open-hit", G_CALLBACK (open_hit_cb), f);
  g_signal_connect (f->page, "new-project", G_CALLBACK (new_project_cb), f);
  f->recent = GTK_FLOW_BOX (cc_start_page_get_recent_box (f->page));
  f->results = GTK_LIST_BOX (cc_start_page_get_results (f->page));
  f->search = cc_start_page_get_search_entry (f->page);
  g_signal_connect (f->search, "search-changed", G_CALLBACK (search_changed_cb), f);

  f->window = GTK_WINDOW (gtk_window_new ());
  /* The actions a CcWindow has, so that "Open…" and "Open the Example" work. */
  g_action_map_add_action_entries (G_ACTION_MAP (group), win_actions, G_N_ELEMENTS (win_actions), f);
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (group));
  gtk_window_set_default_size (f->window, 1280, 800);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  iterate ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  iterate ();
  g_assert_finalize_object (f->store);
  delete_tree (f->state_dir);
  delete_tree (f->folder);
  g_free (f->state_dir);
  g_free (f->folder);
  g_free (f->river_uri);
  g_free (f->festival_uri);
  g_free (f->gone_uri);
  g_free (f->searched);
  g_ptr_array_unref (f->opened);
  g_ptr_array_unref (f->hits);
  g_ptr_array_unref (f->new_projects);
}

/* Tests */

static void
test_recent_cards (Fixture *f, gconstpointer data)
{
  static const char *titles[] = { "Riverside partnership", "Harbour festival design", "Old board plan" };
  g_autoptr(GFile) river = g_file_new_for_uri (f->river_uri);
  GtkFlowBoxChild *gone;

  screenshot (GTK_WIDGET (f->window), "start-page");

  /* Newest first, with the title, ~/Partnerships and today's time */
  g_assert_cmpuint (n_cards (f), ==, 3);
  for (int i = 0; i < 3; i++)
    {
      GtkWidget *card = GTK_WIDGET (card_at (f, i));

      g_assert_true (shown (card));
      g_assert_cmpstr (label_of (card, "title"), ==, titles[i]);
      g_assert_cmpstr (label_of (card, "folder"), ==, "~/Partnerships");
      g_assert_true (g_str_has_prefix (label_of (card, "date"), "Today "));
      g_assert_cmpint (strlen (label_of (card, "date")), ==, strlen ("Today 14:05"));
    }

  /* The thumbnail where there is one, a placeholder where not */
  g_assert_true (GTK_IS_PICTURE (find_named (GTK_WIDGET (card_at (f, 0)), "thumbnail")));
  g_assert_null (find_named (GTK_WIDGET (card_at (f, 1)), "thumbnail"));
  g_assert_nonnull (find_named (GTK_WIDGET (card_at (f, 1)), "placeholder"));

  /* Only the deleted one is missing, dimmed and with a way to forget it */
  gone = card_at (f, 2);
  g_assert_cmpstr (label_of (GTK_WIDGET (gone), "missing"), ==, "Missing");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (gone), "missing"));
  g_assert_true (shown (find_named (GTK_WIDGET (gone), "remove")));
  for (int i = 0; i < 2; i++)
    {
      g_assert_null (find_named (GTK_WIDGET (card_at (f, i)), "missing"));
      g_assert_null (find_named (GTK_WIDGET (card_at (f, i)), "remove"));
      g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (card_at (f, i)), "missing"));
    }

  /* Activating the missing one opens nothing */
  gtk_widget_activate (GTK_WIDGET (gone));
  iterate ();
  g_assert_cmpuint (f->opened->len, ==, 0);

  /* Activating a present one opens its file */
  gtk_widget_activate (GTK_WIDGET (card_at (f, 0)));
  iterate ();
  g_assert_cmpuint (f->opened->len, ==, 1);
  g_assert_true (g_file_equal (f->opened->pdata[0], river));
}

static void
test_search (Fixture *f, gconstpointer data)
{
  GtkListBoxRow *river_row = NULL;
  GtkListBoxRow *gone_row = NULL;
  GtkListBoxRow *row;
  GtkWidget *placeholder;
  g_autofree char *expected = g_strdup_printf ("%s m1 n1", f->river_uri);

  search (f, "police");
  run_for (400);  /* the New Project buttons make way */
  screenshot (GTK_WIDGET (f->window), "start-page-search");
  g_assert_false (shown (find_named (GTK_WIDGET (f->page), "new-map")));

  /* The organisation on the river map, and on the old board's: that one
   * last, as it cannot be opened */
  g_assert_cmpuint (n_rows (f), ==, 2);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (f->results, i)) != NULL; i++)
    {
      const char *subtitle = label_of (GTK_WIDGET (row), "subtitle");

      g_assert_cmpstr (label_of (GTK_WIDGET (row), "title"), ==, "Police Scotland");
      if (g_str_has_prefix (subtitle, "Riverside"))
        river_row = row;
      else
        gone_row = row;
    }
  g_assert_nonnull (river_row);
  g_assert_nonnull (gone_row);
  g_assert_true (gtk_list_box_get_row_at_index (f->results, 1) == gone_row);
  g_assert_cmpstr (label_of (GTK_WIDGET (river_row), "subtitle"), ==,
                   "Riverside partnership › Who works with whom · organisation");
  g_assert_cmpstr (label_of (GTK_WIDGET (gone_row), "subtitle"), ==, "Old board plan › The old board · organisation");

  /* The missing one says so, and opens nothing */
  g_assert_null (find_named (GTK_WIDGET (river_row), "missing"));
  g_assert_cmpstr (label_of (GTK_WIDGET (gone_row), "missing"), ==, "Missing");
  g_assert_false (gtk_list_box_row_get_activatable (gone_row));
  g_signal_emit_by_name (f->results, "row-activated", gone_row);
  iterate ();
  g_assert_cmpuint (f->hits->len, ==, 0);

  /* The present one opens its project at the sheet and node */
  gtk_widget_activate (GTK_WIDGET (river_row));
  iterate ();
  g_assert_cmpuint (f->hits->len, ==, 1);
  g_assert_cmpstr (f->hits->pdata[0], ==, expected);

  /* Enter in the search opens the best hit that is there */
  gtk_widget_grab_focus (f->search);
  g_signal_emit_by_name (f->search, "activate");
  iterate ();
  g_assert_cmpuint (f->hits->len, ==, 2);
  g_assert_cmpstr (f->hits->pdata[1], ==, expected);

  /* A force on the force field: the sheet is named, the project was found in */
  search (f, "insurance");
  g_assert_cmpuint (n_rows (f), ==, 1);
  row = gtk_list_box_get_row_at_index (f->results, 0);
  g_assert_cmpstr (label_of (GTK_WIDGET (row), "title"), ==, "Insurance costs");
  g_assert_cmpstr (label_of (GTK_WIDGET (row), "subtitle"), ==,
                   "Riverside partnership › Opening the harbour path · force");

  /* Nothing found */
  search (f, "zeppelin");
  g_assert_cmpuint (n_rows (f), ==, 0);
  placeholder = find_named (GTK_WIDGET (f->results), "no-results");
  g_assert_nonnull (placeholder);
  g_assert_true (shown (placeholder));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (placeholder)), ==, "No projects mention “zeppelin”");

  /* Cleared: the recent projects again */
  search (f, "");
  g_assert_true (shown (GTK_WIDGET (f->recent)));
  g_assert_true (shown (find_named (GTK_WIDGET (f->page), "new-map")));
  g_assert_false (shown (GTK_WIDGET (f->results)));
}

/* Tab from where the page puts the keyboard reaches every way to start:
 * the four kinds of new project, Open and the example. */
static void
test_tab_reaches_new_project (Fixture *f, gconstpointer data)
{
  static const char *names[] = { "new-empty", "new-map", "new-forcefield", "new-canvas", "open", "open-example" };
  gboolean reached[G_N_ELEMENTS (names)] = { FALSE };
  g_autoptr(GString) seen = g_string_new (NULL);

  gtk_widget_grab_focus (GTK_WIDGET (f->page));
  for (int i = 0; i < 40; i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD);
      iterate ();
      focus = gtk_window_get_focus (f->window);
      g_string_append_printf (seen, "%s ", focus != NULL ? gtk_widget_get_name (focus) : "(none)");
      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
          reached[n] |= g_strcmp0 (gtk_widget_get_name (w), names[n]) == 0;
    }
  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    if (!reached[n])
      g_error ("Tab never reaches %s; it goes: %s", names[n], seen->str);
}

static void
test_keyboard (Fixture *f, gconstpointer data)
{
  GtkWidget *map_button = find_named (GTK_WIDGET (f->page), "new-map");
  g_autofree char *action = NULL;
  GtkListBoxRow *first;
  GMenuModel *model;
  GtkWidget *menu;

  /* The page's focus goes to the search */
  gtk_widget_grab_focus (GTK_WIDGET (f->page));
  g_assert_true (focus_is_in (f, f->search));

  /* Down with nothing typed: into the recent projects; Up: back */
  g_assert_true (press (f, GDK_KEY_Down, 0));
  g_assert_true (gtk_window_get_focus (f->window) == GTK_WIDGET (card_at (f, 0)));
  g_assert_true (press (f, GDK_KEY_Up, 0));
  g_assert_true (focus_is_in (f, f->search));

  /* Typing on a button goes to the search */
  gtk_widget_grab_focus (map_button);
  g_assert_true (press (f, GDK_KEY_p, 0));
  g_assert_true (focus_is_in (f, f->search));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->search)), ==, "p");

  /* Down from the search: into the results; Enter opens; Up: back */
  search (f, "insurance");
  g_assert_true (press (f, GDK_KEY_Down, 0));
  first = gtk_list_box_get_row_at_index (f->results, 0);
  g_assert_true (gtk_window_get_focus (f->window) == GTK_WIDGET (first));
  g_assert_true (gtk_widget_activate (GTK_WIDGET (first)));
  iterate ();
  g_assert_cmpuint (f->hits->len, ==, 1);
  g_assert_true (g_str_has_suffix (f->hits->pdata[0], " f1 fo1"));
  g_assert_true (gtk_widget_keynav_failed (GTK_WIDGET (f->results), GTK_DIR_UP));
  iterate ();
  g_assert_true (focus_is_in (f, f->search));

  /* Menu on a card: its menu, with Open and Remove from List */
  search (f, "");
  gtk_widget_grab_focus (GTK_WIDGET (card_at (f, 0)));
  g_assert_true (press (f, GDK_KEY_Menu, 0));
  menu = gtk_widget_get_last_child (GTK_WIDGET (f->page));
  g_assert_true (GTK_IS_POPOVER_MENU (menu));
  g_assert_true (gtk_widget_get_visible (menu));
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu));
  g_assert_cmpint (g_menu_model_get_n_items (model), ==, 2);
  g_assert_true (g_menu_model_get_item_attribute (model, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "start-page.open-recent");
  g_clear_pointer (&action, g_free);
  g_assert_true (g_menu_model_get_item_attribute (model, 1, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "start-page.remove-recent");
  gtk_popover_popdown (GTK_POPOVER (menu));
  iterate ();

  /* Delete on a card forgets it */
  gtk_widget_grab_focus (GTK_WIDGET (card_at (f, 1)));
  g_assert_true (press (f, GDK_KEY_Delete, 0));
  g_assert_cmpuint (n_cards (f), ==, 2);
  g_assert_cmpstr (label_of (GTK_WIDGET (card_at (f, 1)), "title"), ==, "Old board plan");
  g_assert_true (gtk_window_get_focus (f->window) == GTK_WIDGET (card_at (f, 1)));
}

static void
test_new_project (Fixture *f, gconstpointer data)
{
  static const char *points[] = { "empty", "map", "forcefield", "canvas" };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autofree char *name = g_strdup_printf ("new-%s", points[i]);
      GtkWidget *button = find_named (GTK_WIDGET (f->page), name);

      g_assert_nonnull (button);
      click (button);
      g_assert_cmpuint (f->new_projects->len, ==, i + 1);
      g_assert_cmpstr (f->new_projects->pdata[i], ==, points[i]);
    }

  /* Open… and Open the Example use the window's actions */
  click (find_named (GTK_WIDGET (f->page), "open"));
  click (find_named (GTK_WIDGET (f->page), "open-example"));
  g_assert_cmpuint (f->n_win_open, ==, 1);
  g_assert_cmpuint (f->n_win_example, ==, 1);
}

static void
test_remove_missing (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) recent = NULL;
  GtkWidget *remove = find_named (GTK_WIDGET (card_at (f, 2)), "remove");

  click (remove);
  g_assert_cmpuint (n_cards (f), ==, 2);
  for (int i = 0; i < 2; i++)
    g_assert_null (find_named (GTK_WIDGET (card_at (f, i)), "missing"));

  /* The store has forgotten it: the list and the search */
  cc_store_flush (f->store);
  recent = cc_store_list_recent (f->store, 10);
  g_assert_cmpuint (recent->len, ==, 2);
  for (guint i = 0; i < recent->len; i++)
    g_assert_cmpstr (((CcRecentInfo *) recent->pdata[i])->uri, !=, f->gone_uri);
  cc_start_page_reload (f->page);
  g_assert_cmpuint (n_cards (f), ==, 2);
  search (f, "police");
  g_assert_cmpuint (n_rows (f), ==, 1);
}

static void
test_no_store (Fixture *f, gconstpointer data)
{
  GtkWidget *recent_section = gtk_widget_get_ancestor (GTK_WIDGET (f->recent), GTK_TYPE_STACK);

  cc_start_page_set_store (f->page, NULL);
  iterate ();
  screenshot (GTK_WIDGET (f->window), "start-page-no-store");
  g_assert_false (shown (f->search));
  g_assert_false (shown (recent_section));
  g_assert_cmpuint (n_cards (f), ==, 0);
  g_assert_true (shown (find_named (GTK_WIDGET (f->page), "new-map")));
  g_assert_true (shown (find_named (GTK_WIDGET (f->page), "no-store")));

  cc_start_page_set_store (f->page, f->store);
  g_assert_true (shown (f->search));
  g_assert_cmpuint (n_cards (f), ==, 3);
}

static void
test_sizes (Fixture *f, gconstpointer data)
{
  /* All of it, in a tall window */
  gtk_window_set_default_size (f->window, 1280, 1300);
  run_for (200);
  screenshot (GTK_WIDGET (f->window), "start-page-full");

  /* Nothing asks for more than a small window has */
  gtk_window_set_default_size (f->window, 560, 1000);
  run_for (200);
  screenshot (GTK_WIDGET (f->window), "start-page-narrow");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 600);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("concord-start-home-XXXXXX", &error);
  GtkCssProvider *css;
  int status;

  /* A home of the test's own, before anything asks where home is. */
  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_cmpstr (g_get_home_dir (), ==, home);

  /* What CcApplication gives every window: the style sheet and the icons. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, APP_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    APP_PATH "/icons");

#define ADD(path, func) \
  g_test_add ("/ui/start-page/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("recent-cards", test_recent_cards);
  ADD ("search", test_search);
  ADD ("keyboard", test_keyboard);
  ADD ("tab-reaches-new-project", test_tab_reaches_new_project);
  ADD ("new-project", test_new_project);
  ADD ("remove-missing", test_remove_missing);
  ADD ("no-store", test_no_store);
  ADD ("sizes", test_sizes);
  status = g_test_run ();

  g_object_unref (css);
  delete_tree (home);
  return status;
}
