/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Start-up: from launching concord on the example project to its window's
 * first frame showing the map, as a whole process: the program says when
 * that frame was painted and ends (CONCORD_QUIT_AFTER_FIRST_FRAME). Also
 * the time to its exit, and what GSK renderer it ran with. Needs a
 * display. */
#define G_LOG_DOMAIN "concord-bench"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

#include "cc-bench.h"

#define RUNS 7

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) e = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (e != NULL && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      remove_tree (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

void
cc_bench_startup (const char *self)
{
  g_autofree char *real = g_file_read_link (self, NULL);
  g_autofree char *bench_dir = g_path_get_dirname (real != NULL ? real : self);
  g_autofree char *program = g_build_filename (bench_dir, "..", "src", "app", "concord", NULL);
  g_autofree char *schemas = g_build_filename (bench_dir, "..", "data", NULL);
  g_autofree char *example = g_build_filename (SOURCE_ROOT, "data", "examples", "community-planning.concord", NULL);
  g_autofree char *state = g_dir_make_tmp ("concord-bench-state-XXXXXX", NULL);
  double times[RUNS], exits[RUNS];
  g_autofree char *renderer = NULL;
  guint done = 0;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("# startup: no display, skipped\n");
      return;
    }
  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                           | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      const char *frame;
      gint64 start, end;

      g_subprocess_launcher_setenv (launcher, "CONCORD_QUIT_AFTER_FIRST_FRAME", "1", TRUE);
      g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", schemas, TRUE);
      g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", state, TRUE);
      start = g_get_monotonic_time ();
      child = g_subprocess_launcher_spawn (launcher, &error, program, example, NULL);
      if (child == NULL || !g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error)
          || !g_subprocess_wait_check (child, NULL, &error))
        {
          printf ("# startup: %s\n", error != NULL ? error->message : "failed");
          continue;
        }
      end = g_get_monotonic_time ();
      frame = out != NULL ? strstr (out, "first-frame ") : NULL;
      if (frame == NULL)
        {
          printf ("# startup: no first frame reported\n");
          continue;
        }
      /* The first run fills the caches a user's machine has warm. */
      if (i > 0)
        {
          char *rest = NULL;

          times[done] = (g_ascii_strtoll (frame + strlen ("first-frame "), &rest, 10) - start) / 1000.0;
          exits[done++] = (end - start) / 1000.0;
          if (renderer == NULL && rest != NULL)
            renderer = g_strstrip (g_strndup (rest, strcspn (rest, "\n")));
        }
    }
  if (done > 0)
    {
      printf ("# startup: drawn with %s\n", renderer != NULL && renderer[0] ? renderer : "an unknown renderer");
      printf ("startup_example %.2f ms\n", cc_bench_median (times, done));
      printf ("startup_to_exit %.2f ms\n", cc_bench_median (exits, done));
    }
  {
    /* What the runs left in their state folder (the local database). */
    g_autoptr(GFile) dir = g_file_new_for_path (state);

    remove_tree (dir);
  }
}
