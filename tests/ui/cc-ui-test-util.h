/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers shared by the window tests. */

#include "cc-io.h"
#include "cc-window.h"

#define EXAMPLE_PATH SOURCE_ROOT "/data/examples/community-planning.concord"

/* Runs the main loop until nothing is left to do. */
static G_GNUC_UNUSED void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A window showing the example project, shown and settled. With @bound, the
 * project is bound to the example's file (as when opened), else to none. */
static G_GNUC_UNUSED CcWindow *
open_example_window (gboolean bound)
{
  g_autoptr(GFile) file = g_file_new_for_path (EXAMPLE_PATH);
  g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);
  CcWindow *window = cc_window_new (NULL);

  g_assert_nonnull (result);
  g_assert_nonnull (result->project);
  cc_window_set_project (window, result->project, bound ? file : NULL);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  return window;
}
