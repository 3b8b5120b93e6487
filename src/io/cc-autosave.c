/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-autosave"

#include "config.h"

#include "cc-autosave.h"
#include "cc-io.h"

/* The longest the main thread spends making texts before it lets a frame
 * be drawn. */
#define SLICE_US 3000

struct _CcAutosave
{
  GObject          parent_instance;

  CcStore         *store;
  CcProject       *project;
  char            *doc;
  char            *uri;

  guint            timeout_id;
  guint            prepare_id;
  gint64           first_pending;  /* monotonic µs of the first edit not in a snapshot, or 0 */
  gboolean         kept;           /* the store holds a snapshot of ours */
  gboolean         discarded;
  gboolean         taking;         /* making texts for a snapshot in slices */
  gint64           prepare_us;

  CcAutosaveStats  stats;
};

G_DEFINE_FINAL_TYPE (CcAutosave, cc_autosave, G_TYPE_OBJECT)

static void schedule (CcAutosave *self);

static void
written_cb (gint64 write_us, gpointer user_data)
{
  CcAutosave *self = user_data;

  if (write_us >= 0)
    {
      self->stats.n_written++;
      self->stats.last_write_us = write_us;
    }
  else if (self->project != NULL && !self->discarded && cc_project_get_modified (self->project))
    {
      /* Not kept (a full disk, a lock held too long): try again soon */
      self->stats.n_failed++;
      schedule (self);
    }
  g_object_unref (self);
}

static void
take (CcAutosave *self)
{
  g_autoptr(GPtrArray) pieces = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < cc_project_get_n_sheets (self->project); i++)
    g_ptr_array_add (titles, (gpointer) cc_item_get_string (cc_project_get_sheet (self->project, i), CC_SHEET_TITLE));
  g_ptr_array_add (titles, NULL);

  pieces = cc_project_snapshot (self->project);
  cc_store_put_snapshot (self->store, self->doc, self->uri, cc_project_get_title (self->project),
                         (const char * const *) titles->pdata, pieces, written_cb, g_object_ref (self));
  self->kept = TRUE;
  self->first_pending = 0;
  self->stats.last_gather_us = g_get_monotonic_time () - start;
  self->stats.last_prepare_us = self->prepare_us;
  self->stats.max_slice_us = MAX (self->stats.max_slice_us, self->stats.last_gather_us);
  self->prepare_us = 0;
}

/* Makes the texts the snapshot lacks a slice at a time, then takes it. */
static gboolean
prepare_cb (gpointer data)
{
  CcAutosave *self = data;
  gint64 start = g_get_monotonic_time ();
  gboolean ready = cc_project_prepare_snapshot (self->project, SLICE_US);
  gint64 spent = g_get_monotonic_time () - start;

  self->prepare_us += spent;
  self->stats.max_slice_us = MAX (self->stats.max_slice_us, spent);
  if (!ready)
    return G_SOURCE_CONTINUE;
  self->prepare_id = 0;
  if (self->taking)
    {
      self->taking = FALSE;
      if (cc_project_get_modified (self->project) && self->first_pending != 0)
        take (self);
    }
  return G_SOURCE_REMOVE;
}

static void
start_preparing (CcAutosave *self)
{
  if (self->prepare_id == 0)
    self->prepare_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, prepare_cb, self, NULL);
}

static gboolean
timeout_cb (gpointer data)
{
  CcAutosave *self = data;

  self->timeout_id = 0;
  self->taking = TRUE;
  /* Usually every text is there but a few: then it is taken at once */
  g_clear_handle_id (&self->prepare_id, g_source_remove);
  prepare_cb (self);
  if (self->taking)
    start_preparing (self);
  return G_SOURCE_REMOVE;
}

/* Debounced: a pause of CC_AUTOSAVE_DELAY_MS, but never later than
 * CC_AUTOSAVE_MAX_MS after the first edit not yet kept. */
static void
schedule (CcAutosave *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 due;

  if (self->discarded)
    return;
  if (self->first_pending == 0)
    self->first_pending = now;
  due = MIN (now + CC_AUTOSAVE_DELAY_MS * 1000, self->first_pending + CC_AUTOSAVE_MAX_MS * 1000);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->taking)
    return;  /* the snapshot being made will hold this edit */
  self->timeout_id = g_timeout_add ((guint) MAX (0, (due - now) / 1000), timeout_cb, self);
}

static void
drop (CcAutosave *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->taking = FALSE;
  self->first_pending = 0;
  if (self->kept)
    cc_store_drop_snapshot (self->store, self->doc);
  self->kept = FALSE;
}

/* Once a step (an edit or a group, an undo, a redo), not for each of its
 * changes: a snapshot is of a whole step, and a step of many changes
 * schedules once. */
static void
project_step_done_cb (CcAutosave *self)
{
  if (cc_project_get_modified (self->project))
    schedule (self);
}

static void
project_modified_cb (CcAutosave *self)
{
  if (!cc_project_get_modified (self->project))
    drop (self);
  else
    schedule (self);
}

static void
cc_autosave_dispose (GObject *object)
{
  CcAutosave *self = CC_AUTOSAVE (object);

  /* Not discarded: the snapshot stays, as after a crash, with the edits
   * made since the last one */
  if (self->project != NULL && !self->discarded && self->first_pending != 0
      && cc_project_get_modified (self->project))
    take (self);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->prepare_id, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cc_autosave_parent_class)->dispose (object);
}

static void
cc_autosave_finalize (GObject *object)
{
  CcAutosave *self = CC_AUTOSAVE (object);

  g_free (self->doc);
  g_free (self->uri);
  G_OBJECT_CLASS (cc_autosave_parent_class)->finalize (object);
}

static void
cc_autosave_class_init (CcAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cc_autosave_dispose;
  object_class->finalize = cc_autosave_finalize;
}

static void
cc_autosave_init (CcAutosave *self)
{
}

CcAutosave *
cc_autosave_new (CcStore *store, CcProject *project, const char *doc)
{
  CcAutosave *self;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);

  self = g_object_new (CC_TYPE_AUTOSAVE, NULL);
  self->store = g_object_ref (store);
  self->project = g_object_ref (project);
  self->doc = doc != NULL ? g_strdup (doc) : g_uuid_string_random ();
  self->kept = doc != NULL;
  g_signal_connect_object (project, "step-done", G_CALLBACK (project_step_done_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "notify::modified", G_CALLBACK (project_modified_cb), self,
                           G_CONNECT_SWAPPED);
  /* The texts of a project just opened are made while nothing happens, so
   * that the first snapshot is as quick as the next */
  start_preparing (self);
  if (cc_project_get_modified (project))
    schedule (self);
  return self;
}

const char *
cc_autosave_get_doc (CcAutosave *self)
{
  g_return_val_if_fail (CC_IS_AUTOSAVE (self), NULL);
  return self->doc;
}

void
cc_autosave_set_uri (CcAutosave *self, const char *uri)
{
  g_return_if_fail (CC_IS_AUTOSAVE (self));

  g_free (self->uri);
  self->uri = g_strdup (uri);
}

void
cc_autosave_now (CcAutosave *self)
{
  g_return_if_fail (CC_IS_AUTOSAVE (self));

  if (self->discarded || !cc_project_get_modified (self->project))
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->prepare_id, g_source_remove);
  self->taking = FALSE;
  if (self->first_pending == 0)
    self->first_pending = g_get_monotonic_time ();
  take (self);
}

void
cc_autosave_discard (CcAutosave *self)
{
  g_return_if_fail (CC_IS_AUTOSAVE (self));

  drop (self);
  g_clear_handle_id (&self->prepare_id, g_source_remove);
  self->discarded = TRUE;
}

void
cc_autosave_get_stats (CcAutosave *self, CcAutosaveStats *stats)
{
  g_return_if_fail (CC_IS_AUTOSAVE (self));
  *stats = self->stats;
}
