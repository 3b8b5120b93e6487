/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers shared by the unit and io tests: a project's text, one undo step
 * checked byte for byte, and scratch folders. */

#include <glib/gstdio.h>
#include <string.h>

#include "cc-io.h"

static G_GNUC_UNUSED char *
text_of (CcProject *project)
{
  g_autoptr(GBytes) bytes = cc_project_serialize (project);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static G_GNUC_UNUSED void
assert_loads_soundly (const char *text)
{
  g_autoptr(CcLoadResult) again = cc_load_bytes (text, strlen (text));

  g_assert_nonnull (again);
  g_assert_true (cc_load_result_is_sound (again));
}

/* The edit just made was one undo step labelled @label: the edited project
 * reads back soundly, one undo gives back @before byte for byte and one
 * redo the edited file byte for byte. */
static G_GNUC_UNUSED void
check_one_step (CcProject *project, const char *before, guint history_before, const char *label)
{
  g_autofree char *after = text_of (project);
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_cmpstr (after, !=, before);
  assert_loads_soundly (after);
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history_before + 1);
  g_assert_cmpstr (cc_project_get_undo_label (project), ==, label);

  g_assert_true (cc_project_undo (project));
  undone = text_of (project);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (cc_project_redo (project));
  redone = text_of (project);
  g_assert_cmpstr (redone, ==, after);
}

/* Nothing changed and nothing was recorded. */
static G_GNUC_UNUSED void
check_no_step (CcProject *project, const char *before, guint history_before)
{
  g_autofree char *now = text_of (project);

  g_assert_cmpstr (now, ==, before);
  g_assert_cmpuint (cc_project_get_history_length (project), ==, history_before);
}

/* A new, empty folder: "concord-@what-XXXXXX" in the temporary folder. */
static G_GNUC_UNUSED char *
make_dir_for (const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pattern = g_strdup_printf ("concord-%s-XXXXXX", what);
  char *dir = g_dir_make_tmp (pattern, &error);

  g_assert_no_error (error);
  return dir;
}

static G_GNUC_UNUSED void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_dir_close (dir);
    }
  g_remove (path);
}

static G_GNUC_UNUSED void
write_text (const char *dir, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static G_GNUC_UNUSED char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}
