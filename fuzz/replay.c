/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A main for a harness without libFuzzer: runs LLVMFuzzerTestOneInput once
 * on each file named, and on each file in each folder named (in name order,
 * leaving out names that start with a dot), so that the corpora and the
 * crash reproducers are ordinary tests, under any compiler and sanitizer.
 * Exit status 0 when every input went through; a failed invariant aborts. */

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "fuzz-common.h"

/* Harnesses that need no set-up leave it out. */
__attribute__((weak)) int LLVMFuzzerInitialize (int *argc, char ***argv);

static gboolean
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, &error))
    {
      fprintf (stderr, "replay: %s\n", error->message);
      return FALSE;
    }
  fprintf (stderr, "replay: %s (%" G_GSIZE_FORMAT " bytes)\n", path, len);
  /* A copy of exactly @len bytes, so that reading past the end is caught. */
  {
    g_autofree guint8 *copy = g_memdup2 (data, len);

    LLVMFuzzerTestOneInput (copy, len);
  }
  return TRUE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int argc, char *argv[])
{
  guint n = 0;
  gboolean ok = TRUE;

  if (LLVMFuzzerInitialize != NULL)
    LLVMFuzzerInitialize (&argc, &argv);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) names = NULL;
      const char *name;

      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          ok = replay_file (argv[i]) && ok;
          n++;
          continue;
        }
      dir = g_dir_open (argv[i], 0, NULL);
      if (dir == NULL)
        {
          fprintf (stderr, "replay: cannot open %s\n", argv[i]);
          ok = FALSE;
          continue;
        }
      names = g_ptr_array_new_with_free_func (g_free);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      g_ptr_array_sort (names, compare_names);
      for (guint j = 0; j < names->len; j++)
        if (g_file_test (names->pdata[j], G_FILE_TEST_IS_REGULAR))
          {
            ok = replay_file (names->pdata[j]) && ok;
            n++;
          }
    }
  printf ("replayed %u inputs\n", n);
  return ok ? 0 : 1;
}
