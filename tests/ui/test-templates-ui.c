/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-templates-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cc-template.h"
#include "cc-window.h"
#include "cc-ui-test-util.h"

/* Templates of the user's own, in a real window: one that reads is offered
 * by the Add menu and makes a canvas; a broken one is told, not fatal. The
 * user's folder is made before anything reads it (main). */

#define OWN_ID "my-own-health-check"

static const char own_template[] =
  "{\"format\": \"concord-template\", \"version\": 1, \"id\": \"" OWN_ID "\","
  " \"title\": \"Partnership health check\", \"columns\": 2, \"rows\": 1,"
  " \"panels\": [{\"id\": \"trust\", \"title\": \"Trust\", \"col\": 0, \"row\": 0, \"score\": \"gain\"},"
  "  {\"id\": \"vision\", \"title\": \"A common vision\", \"col\": 1, \"row\": 0}]}";

/* Two panels on one cell */
static const char broken_template[] =
  "{\"format\": \"concord-template\", \"version\": 1, \"id\": \"broken-one\", \"title\": \"Broken\","
  " \"columns\": 1, \"rows\": 1, \"panels\": [{\"id\": \"a\", \"title\": \"A\", \"col\": 0, \"row\": 0},"
  "  {\"id\": \"b\", \"title\": \"B\", \"col\": 0, \"row\": 0}]}";

static char *data_home;

static gboolean
menu_has_target (GMenuModel *menu, const char *target)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) value = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE_STRING);
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (value != NULL && g_strcmp0 (g_variant_get_string (value, NULL), target) == 0)
        return TRUE;
      if (section != NULL && menu_has_target (section, target))
        return TRUE;
    }
  return FALSE;
}

static void
test_own_and_broken (void)
{
  CcWindow *window;
  CcProject *project;
  GMenuModel *menu;
  guint n;
  CcItem *sheet;

  /* The broken file is told once (here, in the log; in the window, a
   * notification) and does not stop the window. */
  g_test_expect_message ("cc-window", G_LOG_LEVEL_MESSAGE, "Template skipped: *broken.json: panels[1]: *");
  window = cc_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  g_test_assert_expected_messages ();

  menu = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (window), CC_TYPE_WINDOW, "add_sheet_menu"));
  g_assert_nonnull (menu);
  g_assert_true (menu_has_target (menu, "canvas:collaborative-gain"));
  g_assert_true (menu_has_target (menu, "canvas:power-interest"));
  g_assert_true (menu_has_target (menu, "canvas:" OWN_ID));
  g_assert_false (menu_has_target (menu, "canvas:broken-one"));

  /* The user's template makes a canvas; the project keeps a copy, and one
   * undo takes both away. */
  project = cc_window_get_project (window);
  n = cc_project_get_n_sheets (project);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-sheet", "s", "canvas:" OWN_ID));
  iterate ();
  g_assert_cmpuint (cc_project_get_n_sheets (project), ==, n + 1);
  sheet = cc_project_get_sheet (project, cc_project_get_n_sheets (project) - 1);
  g_assert_cmpstr (cc_item_get_string (sheet, CC_CANVAS_TEMPLATE), ==, OWN_ID);
  g_assert_cmpstr (cc_item_get_string (sheet, CC_SHEET_TITLE), ==, "Partnership health check");
  g_assert_nonnull (cc_project_find_template (project, OWN_ID));
  g_assert_true (cc_window_get_sheet (window) == sheet);
  g_assert_true (cc_project_undo (project));
  g_assert_cmpuint (cc_project_get_n_sheets (project), ==, n);
  g_assert_null (cc_project_find_template (project, OWN_ID));

  /* A template that is nowhere: nothing added */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-sheet", "s", "canvas:no-such-one"));
  iterate ();
  g_assert_cmpuint (cc_project_get_n_sheets (project), ==, n);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
write_template (const char *dir, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_autofree char *templates = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  data_home = g_dir_make_tmp ("concord-templates-ui-XXXXXX", &error);
  g_assert_no_error (error);
  templates = g_build_filename (data_home, "concord", "templates", NULL);
  g_mkdir_with_parents (templates, 0700);
  write_template (templates, "health.json", own_template);
  write_template (templates, "broken.json", broken_template);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/ui/templates/own-and-broken", test_own_and_broken);
  status = g_test_run ();

  {
    g_autofree char *a = g_build_filename (templates, "health.json", NULL);
    g_autofree char *b = g_build_filename (templates, "broken.json", NULL);
    g_autofree char *c = g_build_filename (data_home, "concord", NULL);

    g_unlink (a);
    g_unlink (b);
    g_rmdir (templates);
    g_rmdir (c);
    g_rmdir (data_home);
  }
  g_free (data_home);
  return status;
}
