/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-project.h"
#include "cc-store.h"

G_BEGIN_DECLS

/* Keeps a snapshot of an open project in the store while it has changes
 * not saved: CC_AUTOSAVE_DELAY_MS after the last step (an edit or a group
 * of them, an undo, a redo: CcProject::step-done), and at least every
 * CC_AUTOSAVE_MAX_MS while edits go on (both well within five seconds). The
 * main thread only gathers the pieces of text (most kept from the last
 * snapshot); the store's thread joins and writes them. Saving, or undoing
 * back to the saved state, drops the snapshot; so does
 * cc_autosave_discard() on a clean close. */

#define CC_AUTOSAVE_DELAY_MS 1000
#define CC_AUTOSAVE_MAX_MS   4000

#define CC_TYPE_AUTOSAVE (cc_autosave_get_type ())
G_DECLARE_FINAL_TYPE (CcAutosave, cc_autosave, CC, AUTOSAVE, GObject)

/* @doc: the snapshot's name (one the store already holds, as when a
 * snapshot is restored), or NULL for a new one. */
CcAutosave *cc_autosave_new          (CcStore    *store,
                                      CcProject  *project,
                                      const char *doc);
const char *cc_autosave_get_doc      (CcAutosave *self);
void        cc_autosave_set_uri      (CcAutosave *self,
                                      const char *uri);
/* Takes a snapshot now if there are changes to keep. */
void        cc_autosave_now          (CcAutosave *self);
/* Drops the snapshot and stops. */
void        cc_autosave_discard      (CcAutosave *self);

typedef struct
{
  guint  n_written;       /* snapshots written */
  guint  n_failed;        /* snapshots the store could not write */
  gint64 last_gather_us;  /* main thread: gathering the last snapshot's pieces */
  gint64 last_prepare_us; /* main thread: making texts for it, over all slices */
  gint64 max_slice_us;    /* main thread: the longest single step */
  gint64 last_write_us;   /* store's thread: joining and writing it */
} CcAutosaveStats;

void        cc_autosave_get_stats    (CcAutosave      *self,
                                      CcAutosaveStats *stats);

G_END_DECLS
