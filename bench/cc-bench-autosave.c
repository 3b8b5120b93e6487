/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Autosave of a 10,000-organisation project: what the main thread spends
 * on each snapshot (target: at most 4 ms, so drawing never stalls), and the
 * whole snapshot, written to a database by the store's thread. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "cc-autosave.h"
#include "cc-bench.h"
#include "cc-io.h"
#include "cc-render.h"
#include "cc-store.h"

typedef struct
{
  gboolean done;
  gint64   write_us;
} Written;

static void
written_cb (gint64 write_us, gpointer user_data)
{
  Written *w = user_data;

  w->write_us = write_us;
  w->done = TRUE;
}

void
cc_bench_autosave (const char *dir)
{
  const guint n = 10000, edits = 15;
  g_autoptr(GBytes) bytes = cc_bench_generate_project (n);
  g_autoptr(CcLoadResult) loaded = cc_load_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *db = g_build_filename (dir, "autosave.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (db, &error);
  CcProject *project = loaded->project;
  CcItem *root = cc_project_get_root (project);
  double gather[16], whole[16], write[16], first_ms, prepare_ms = 0, max_slice_ms = 0;
  guint slices = 0;
  gint64 t;

  g_assert (store != NULL && cc_load_result_is_sound (loaded));
  g_assert (edits <= G_N_ELEMENTS (gather));

  /* A project just opened: its texts made in slices while nothing happens */
  t = g_get_monotonic_time ();
  for (gboolean ready = FALSE; !ready; slices++)
    {
      gint64 s = g_get_monotonic_time ();

      ready = cc_project_prepare_snapshot (project, 3000);
      max_slice_ms = MAX (max_slice_ms, (g_get_monotonic_time () - s) / 1000.0);
    }
  prepare_ms = (g_get_monotonic_time () - t) / 1000.0;

  /* For comparison: the first snapshot, had nothing been kept */
  {
    g_autoptr(CcLoadResult) fresh = cc_load_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_autoptr(GPtrArray) pieces = NULL;

    t = g_get_monotonic_time ();
    pieces = cc_project_snapshot (fresh->project);
    first_ms = (g_get_monotonic_time () - t) / 1000.0;
  }

  for (guint i = 0; i < edits; i++)
    {
      CcItem *actor = cc_item_get_child (root, CC_PROJECT_ACTORS, (i * 997) % n);
      g_autofree char *notes = g_strdup_printf ("Edited %u", i);
      g_autoptr(GPtrArray) pieces = NULL;
      const char *sheets[] = { "Generated map", NULL };
      Written w = { FALSE, 0 };
      gint64 start;

      cc_project_set_string (project, actor, CC_ACTOR_NOTES, notes);
      /* What the main thread does: gather the pieces and queue the write */
      start = g_get_monotonic_time ();
      pieces = cc_project_snapshot (project);
      cc_store_put_snapshot (store, "bench", NULL, "Benchmark", sheets, pieces, written_cb, &w);
      gather[i] = (g_get_monotonic_time () - start) / 1000.0;
      while (!w.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert (w.write_us >= 0);
      whole[i] = (g_get_monotonic_time () - start) / 1000.0;
      write[i] = w.write_us / 1000.0;
    }

  printf ("autosave_prepare_%u %.2f ms in %u slices, longest %.2f ms (once, after opening)\n", n, prepare_ms,
          slices, max_slice_ms);
  printf ("autosave_main_thread_%u %.2f ms (target 4)\n", n, cc_bench_median (gather, edits));
  printf ("autosave_snapshot_total_%u %.2f ms (of which written on the store's thread %.2f ms)\n", n,
          cc_bench_median (whole, edits), cc_bench_median (write, edits));
  printf ("# a snapshot with no kept texts would take %.2f ms on the main thread\n", first_ms);

  /* Opening or saving records the project: a thumbnail and the index rows
   * are made on the main thread, the rest written by the store's thread */
  {
    double note[5];

    for (guint i = 0; i < G_N_ELEMENTS (note); i++)
      {
        g_autoptr(GBytes) thumbnail = NULL;
        gint64 start = g_get_monotonic_time ();

        thumbnail = cc_render_thumbnail (project, 320, 200);
        cc_store_note_project (store, "file:///bench.concord", project, thumbnail);
        note[i] = (g_get_monotonic_time () - start) / 1000.0;
        cc_store_flush (store);
      }
    printf ("recent_and_index_main_thread_%u %.2f ms (thumbnail and search rows, at each open and save)\n", n,
            cc_bench_median (note, G_N_ELEMENTS (note)));
    for (guint i = 0; i < G_N_ELEMENTS (note); i++)
      {
        g_autoptr(GBytes) thumbnail = NULL;
        gint64 start = g_get_monotonic_time ();

        thumbnail = cc_render_thumbnail (project, 320, 200);
        note[i] = (g_get_monotonic_time () - start) / 1000.0;
      }
    printf ("# of which the thumbnail %.2f ms\n", cc_bench_median (note, G_N_ELEMENTS (note)));
  }
  fflush (stdout);
  g_clear_object (&store);
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
}
