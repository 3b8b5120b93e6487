/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-print-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "cc-export-dialog.h"
#include "cc-io.h"
#include "cc-print.h"
#include "cc-window.h"
#include "cc-ui-test-util.h"

/* Printing and exporting from a real window: the print dialog's choices
 * through GtkPrintOperation's export action, and the export dialog's. The
 * PDFs are read back with pdfinfo and pdftotext, as a user would look. */

static char *
run_tool (const char *tool, const char *path, const char *extra)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { tool, extra != NULL ? extra : path, extra != NULL ? path : NULL, extra != NULL ? "-" : NULL,
                         NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                     NULL, &status, &error))
    g_error ("%s did not run: %s", tool, error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static guint
n_pages (const char *pdf)
{
  g_autofree char *info = run_tool ("pdfinfo", pdf, NULL);
  const char *at = strstr (info, "Pages:");

  g_assert_nonnull (at);
  return (guint) g_ascii_strtoull (at + strlen ("Pages:"), NULL, 10);
}

static void
assert_page_size (const char *pdf, const char *size)
{
  g_autofree char *info = run_tool ("pdfinfo", pdf, NULL);

  if (strstr (info, size) == NULL)
    g_error ("%s is not %s:\n%s", pdf, size, info);
}

/* pdftotext's text with runs of white space as one space */
static char *
pdf_text (const char *pdf)
{
  g_autofree char *text = run_tool ("pdftotext", pdf, "-raw");
  g_auto(GStrv) words = g_strsplit_set (text, " \n\t\f", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_string_append_printf (out, "%s%s", out->len ? " " : "", words[i]);
  return g_string_free (out, FALSE);
}

static GtkWidget *
named (GtkWidget *root, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
check_labelled (GtkWidget *root, const char *label)
{
  if (GTK_IS_CHECK_BUTTON (root) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = check_labelled (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
activate (GtkWidget *root, const char *name)
{
  GtkWidget *w = named (root, name);

  g_assert_nonnull (w);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (w), TRUE);
}

static void
test_print_choices (void)
{
  CcWindow *window = open_example_window (TRUE);
  CcProject *project = cc_window_get_project (window);
  g_autofree char *dir = g_dir_make_tmp ("concord-print-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "print.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *ini = g_build_filename (g_get_user_config_dir (), "concord", "print.ini", NULL);
  g_autofree char *saved = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a3 = gtk_paper_size_new (GTK_PAPER_NAME_A3);
  g_autoptr(GError) error = NULL;
  GtkWidget *choices;
  guint sheets = cc_project_get_n_sheets (project);

  /* The "Sheets" tab of the print dialog: all sheets, as posters of 2 × 1
   * pages, stamped "Draft"; the paper A3 landscape, as page setup says. */
  choices = g_object_ref_sink (cc_paper_choices_widget_new (cc_paper_choices_get_default (), project,
                                                            cc_window_get_sheet (window)));
  activate (choices, "sheets-all");
  activate (choices, "poster");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (choices, "tile-columns")), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (choices, "tile-rows")), 1);
  activate (choices, "draft");
  /* Every page as the page setup says */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (choices, "turn")), FALSE);
  g_object_unref (choices);
  gtk_page_setup_set_paper_size (setup, a3);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  cc_print_set_page_setup (setup);

  g_assert_true (cc_print_project (GTK_WINDOW (window), project, cc_window_get_sheet (window),
                                   GTK_PRINT_OPERATION_ACTION_EXPORT, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages (pdf), ==, 2 * sheets);
  assert_page_size (pdf, "1190.55 x 841.89 pts");
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Row 1, column 2 of 2 × 1"));
  g_assert_nonnull (strstr (text, "DRAFT"));
  g_assert_nonnull (strstr (text, "Integrating health and social care"));
  g_assert_nonnull (strstr (text, "Who to engage on the employability service"));
  /* Remembered for the next print, and the next session */
  g_assert_true (g_file_get_contents (ini, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "tile-columns=2"));
  g_assert_nonnull (strstr (saved, "draft=true"));
  g_assert_nonnull (strstr (saved, "turn-to-fit=false"));

  /* Turned to suit each sheet: on portrait A4, the wide first map prints
   * on a landscape page */
  {
    g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

    choices = g_object_ref_sink (cc_paper_choices_widget_new (cc_paper_choices_get_default (), project,
                                                              cc_window_get_sheet (window)));
    activate (choices, "sheets-current");
    activate (choices, "fit");
    gtk_check_button_set_active (GTK_CHECK_BUTTON (named (choices, "turn")), TRUE);
    g_object_unref (choices);
    gtk_page_setup_set_paper_size (setup, a4);
    gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
    cc_print_set_page_setup (setup);
    g_assert_cmpint (cc_item_get_kind (cc_window_get_sheet (window)), ==, CC_KIND_MAP);
    g_assert_true (cc_print_project (GTK_WINDOW (window), project, cc_window_get_sheet (window),
                                     GTK_PRINT_OPERATION_ACTION_EXPORT, pdf, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_pages (pdf), ==, 1);
    assert_page_size (pdf, "841.89 x 595.2");
    gtk_page_setup_set_paper_size (setup, a3);
    gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
    cc_print_set_page_setup (setup);
    choices = g_object_ref_sink (cc_paper_choices_widget_new (cc_paper_choices_get_default (), project,
                                                              cc_window_get_sheet (window)));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (named (choices, "turn")), FALSE);
    g_object_unref (choices);
  }

  /* Only the chosen sheets, fitted */
  choices = g_object_ref_sink (cc_paper_choices_widget_new (cc_paper_choices_get_default (), project,
                                                            cc_window_get_sheet (window)));
  activate (choices, "sheets-chosen");
  for (GtkWidget *b = gtk_widget_get_first_child (named (choices, "sheet-list")); b != NULL;
       b = gtk_widget_get_next_sibling (b))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (b),
                                 g_str_equal (gtk_check_button_get_label (GTK_CHECK_BUTTON (b)), "Future landscape")
                                 || g_str_equal (gtk_check_button_get_label (GTK_CHECK_BUTTON (b)),
                                                 "Integrating health and social care"));
  activate (choices, "fit");
  g_object_unref (choices);
  g_assert_true (cc_print_project (GTK_WINDOW (window), project, cc_window_get_sheet (window),
                                   GTK_PRINT_OPERATION_ACTION_EXPORT, pdf, &error));
  g_assert_cmpuint (n_pages (pdf), ==, 2);
  g_clear_pointer (&text, g_free);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Future landscape"));
  g_assert_null (strstr (text, "Who to engage on the employability service"));

  g_unlink (pdf);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static CcExportDialog *
open_export_dialog (CcWindow *window)
{
  g_autoptr(GListModel) toplevels = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  iterate ();
  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (CC_IS_EXPORT_DIALOG (w))
        return CC_EXPORT_DIALOG (w);
    }
  g_assert_not_reached ();
}

/* The first widget under @root (itself included) of @type and, for a
 * preferences row, titled @title; NULL when there is none. */
/* The shown "Open" button of a notification below @root, or NULL. */
static GtkWidget *
open_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), "_Open") == 0
      && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), "win.open") != 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = open_button (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_widget (GtkWidget *root, GType type, const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type)
      && (title == NULL || (ADW_IS_PREFERENCES_ROW (root)
                            && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwComboRow *
combo (CcExportDialog *dialog, const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, title);

  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

/* The switch of the dialog's row titled @title */
static GtkSwitch *
row_switch (CcExportDialog *dialog, const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  return GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
}

static void
test_export_dialog (void)
{
  CcWindow *window = open_example_window (TRUE);
  CcExportDialog *dialog = open_export_dialog (window);
  g_autofree char *dir = g_dir_make_tmp ("concord-export-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "handout.pdf", NULL);
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *choices = named (GTK_WIDGET (dialog), "paper-choices");
  guint pages;

  /* Every sheet of the example shows in the list, none behind a scroller */
  g_assert_nonnull (choices);
  {
    GtkWidget *list = named (choices, "sheet-list");
    GtkWidget *scroller = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
    int natural;

    adw_combo_row_set_selected (combo (dialog, "_Format"), CC_EXPORT_DIALOG_PDF);
    iterate ();
    gtk_widget_measure (list, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
    g_assert_nonnull (scroller);
    g_assert_cmpint (gtk_widget_get_height (scroller), >=, natural);
    g_assert_cmpint (natural, >, 0);
  }
  /* A handout of the force field on A3: cover, the sheet, the appendix */
  adw_combo_row_set_selected (combo (dialog, "_Format"), CC_EXPORT_DIALOG_PDF);
  adw_combo_row_set_selected (combo (dialog, "_Size"), 1);
  /* Printing last used A3 landscape: the dialog starts from it */
  g_assert_true (gtk_switch_get_active (row_switch (dialog, "_Landscape")));
  gtk_switch_set_active (row_switch (dialog, "_Landscape"), FALSE);
  activate (choices, "sheets-chosen");
  for (GtkWidget *b = gtk_widget_get_first_child (named (choices, "sheet-list")); b != NULL;
       b = gtk_widget_get_next_sibling (b))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (b), g_str_equal (gtk_check_button_get_label (GTK_CHECK_BUTTON (b)),
                                                                    "Integrating health and social care"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (choices, "appendix")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (choices, "draft")), FALSE);
  g_assert_nonnull (check_labelled (choices, "Future landscape"));
  g_assert_true (cc_export_dialog_export_to (dialog, pdf_file, &error));
  g_assert_no_error (error);
  pages = n_pages (pdf);
  g_assert_cmpuint (pages, >=, 3);
  assert_page_size (pdf, "841.89 x 1190.55 pts");
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Contents"));
  g_assert_nonnull (strstr (text, "Appendix"));
  g_assert_nonnull (strstr (text, "Funding streams not aligned"));
  g_assert_nonnull (strstr (text, "Driving forces: total 24"));
  g_assert_null (strstr (text, "DRAFT"));
  g_assert_null (cc_export_dialog_get_error (dialog));
  /* The notification offers to open what was exported */
  {
    g_autofree char *uri = g_file_get_uri (pdf_file);
    GtkWidget *open = open_button (GTK_WIDGET (window));
    GVariant *target;

    g_assert_nonnull (open);
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (open)), ==, "win.open-exported");
    target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (open));
    g_assert_nonnull (target);
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri);
  }

  /* The current sheet as a PNG at 192 dpi with no paper behind it */
  adw_combo_row_set_selected (combo (dialog, "_Format"), CC_EXPORT_DIALOG_PNG);
  g_assert_false (gtk_widget_is_visible (choices));
  {
    GtkWidget *dpi_row = find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "_Resolution");
    GtkSpinButton *dpi = GTK_SPIN_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (dpi_row)));
    GtkSwitch *transparent = row_switch (dialog, "_Transparent Background");
    g_autoptr(GdkTexture) texture = NULL;
    guchar pixel[4];

    g_assert_nonnull (dpi);
    g_assert_nonnull (transparent);
    gtk_spin_button_set_value (dpi, 192);
    gtk_switch_set_active (transparent, TRUE);
    g_assert_true (cc_export_dialog_export_to (dialog, png_file, &error));
    texture = gdk_texture_new_from_file (png_file, &error);
    g_assert_no_error (error);
    {
      g_autoptr(GBytes) at96 = NULL;
      g_autoptr(GdkTexture) small = NULL;

      at96 = cc_export_png (cc_window_get_project (window), cc_window_get_sheet (window), 96, FALSE, NULL);
      small = gdk_texture_new_from_bytes (at96, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ABS (gdk_texture_get_width (texture) - 2 * gdk_texture_get_width (small)), <=, 2);
    }
    {
      gsize stride = 4 * (gsize) gdk_texture_get_width (texture);
      g_autofree guchar *pixels = g_malloc (stride * (gsize) gdk_texture_get_height (texture));

      gdk_texture_download (texture, pixels, stride);
      memcpy (pixel, pixels, 4);
    }
    g_assert_cmpuint (pixel[3], ==, 0);  /* a corner with nothing drawn: clear */
  }

  /* A write that fails (a disk that fills up) is told in the dialog, and
   * the file already there is left whole, with nothing beside it. */
  adw_combo_row_set_selected (combo (dialog, "_Format"), CC_EXPORT_DIALOG_PDF);
  {
    g_autofree char *old = g_build_filename (dir, "old.pdf", NULL);
    g_autoptr(GFile) old_file = g_file_new_for_path (old);
    g_autofree char *kept = NULL;
    struct rlimit limit, small = { 4096, 4096 };
    GDir *d;
    const char *name;
    guint files = 0;

    g_assert_true (g_file_set_contents (old, "the handout from last week", -1, NULL));
    getrlimit (RLIMIT_FSIZE, &limit);
    signal (SIGXFSZ, SIG_IGN);
    small.rlim_max = limit.rlim_max;
    setrlimit (RLIMIT_FSIZE, &small);
    g_assert_false (cc_export_dialog_export_to (dialog, old_file, &error));
    setrlimit (RLIMIT_FSIZE, &limit);
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_nonnull (cc_export_dialog_get_error (dialog));
    g_assert_true (g_str_has_prefix (cc_export_dialog_get_error (dialog), "Could not export to “old.pdf”: "));
    g_assert_true (g_file_get_contents (old, &kept, NULL, NULL));
    g_assert_cmpstr (kept, ==, "the handout from last week");
    d = g_dir_open (dir, 0, NULL);
    while ((name = g_dir_read_name (d)) != NULL)
      files++;
    g_dir_close (d);
    g_assert_cmpuint (files, ==, 3);  /* handout.pdf, map.png, old.pdf */
    g_unlink (old);
  }

  g_unlink (pdf);
  g_unlink (png);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

int
main (int argc, char **argv)
{
  /* Print settings are remembered in the configuration folder: a scratch one */
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  g_test_add_func ("/ui/print/choices", test_print_choices);
  g_test_add_func ("/ui/print/export-dialog", test_export_dialog);
  return g_test_run ();
}
