/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-file-watch"

#include "config.h"

#include "cc-file-watch.h"

/* Writers often touch a file several times in a row (truncate, write, close,
 * or write a temporary file and rename it over). Look once they are done. */
#define SETTLE_MS 200

struct _CcFileWatch
{
  GObject       parent_instance;

  GFile        *file;
  GFileMonitor *monitor;       /* NULL: the file cannot be monitored */
  char         *known_etag;    /* of the version we loaded or saved; NULL: there was none */
  char         *reported_etag; /* of the last version ::changed was emitted for */
  guint         settle_id;
  guint         gone : 1;      /* ::deleted was emitted and the file is still away */
};

G_DEFINE_FINAL_TYPE (CcFileWatch, cc_file_watch, G_TYPE_OBJECT)

enum {
  CHANGED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The file's entity tag now, or NULL with @missing set when it is not there.
 * Other errors (say, no permission) leave @missing unset: we cannot tell. */
static char *
query_etag (GFile    *file,
            gboolean *missing)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  *missing = FALSE;
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE, G_FILE_QUERY_INFO_NONE,
                            NULL, &error);
  if (info == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        *missing = TRUE;
      else
        g_debug ("Could not look at %s: %s", g_file_peek_path (file), error->message);
      return NULL;
    }
  return g_strdup (g_file_info_get_etag (info));
}

static void
check_now (CcFileWatch *self)
{
  g_autofree char *etag = NULL;
  gboolean missing;

  etag = query_etag (self->file, &missing);
  if (missing)
    {
      if (!self->gone)
        {
          self->gone = TRUE;
          g_signal_emit (self, signals[DELETED], 0);
        }
      return;
    }
  if (etag == NULL)
    return;

  self->gone = FALSE;
  if (g_strcmp0 (etag, self->known_etag) == 0)
    {
      /* Back to our version (or our own save): nothing to tell. */
      g_clear_pointer (&self->reported_etag, g_free);
      return;
    }
  if (g_strcmp0 (etag, self->reported_etag) == 0)
    return;

  g_free (self->reported_etag);
  self->reported_etag = g_steal_pointer (&etag);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
settle_cb (gpointer data)
{
  CcFileWatch *self = data;

  self->settle_id = 0;
  /* A handler may drop the last other reference. */
  g_object_ref (self);
  check_now (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
monitor_changed_cb (CcFileWatch       *self,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    GFileMonitor      *monitor)
{
  if (event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT || event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;

  /* Whatever it was, look again once the burst is over. */
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MS, settle_cb, self);
}

static void
cc_file_watch_dispose (GObject *object)
{
  CcFileWatch *self = CC_FILE_WATCH (object);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  G_OBJECT_CLASS (cc_file_watch_parent_class)->dispose (object);
}

static void
cc_file_watch_finalize (GObject *object)
{
  CcFileWatch *self = CC_FILE_WATCH (object);

  g_clear_object (&self->file);
  g_free (self->known_etag);
  g_free (self->reported_etag);

  G_OBJECT_CLASS (cc_file_watch_parent_class)->finalize (object);
}

static void
cc_file_watch_class_init (CcFileWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cc_file_watch_dispose;
  object_class->finalize = cc_file_watch_finalize;

  /**
   * CcFileWatch::changed:
   *
   * Emitted when the file on disk has become another version than the
   * known one, once for each such version.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CcFileWatch::deleted:
   *
   * Emitted when the file is no longer there (deleted, or moved away).
   */
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cc_file_watch_init (CcFileWatch *self)
{
}

CcFileWatch *
cc_file_watch_new (GFile *file)
{
  CcFileWatch *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (CC_TYPE_FILE_WATCH, NULL);
  self->file = g_object_ref (file);

  /* With moves watched, a rename over the file or away from it is seen as
   * such, not only as a deletion the file's name happens to be part of. */
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    g_debug ("Not watching %s: %s", g_file_peek_path (file), error->message);
  else
    g_signal_connect_object (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self,
                             G_CONNECT_SWAPPED);

  cc_file_watch_set_known (self);
  return self;
}

GFile *
cc_file_watch_get_file (CcFileWatch *self)
{
  g_return_val_if_fail (CC_IS_FILE_WATCH (self), NULL);
  return self->file;
}

void
cc_file_watch_set_known (CcFileWatch *self)
{
  gboolean missing;

  g_return_if_fail (CC_IS_FILE_WATCH (self));

  g_free (self->known_etag);
  self->known_etag = query_etag (self->file, &missing);
  self->gone = missing;
  g_clear_pointer (&self->reported_etag, g_free);
  /* A pending look finds our version and stays quiet. */
}

void
cc_file_watch_set_unknown (CcFileWatch *self)
{
  g_return_if_fail (CC_IS_FILE_WATCH (self));
  g_clear_pointer (&self->known_etag, g_free);
}

gboolean
cc_file_watch_changed_on_disk (CcFileWatch *self)
{
  g_autofree char *etag = NULL;
  gboolean missing;

  g_return_val_if_fail (CC_IS_FILE_WATCH (self), FALSE);

  etag = query_etag (self->file, &missing);
  if (etag == NULL)
    return FALSE;
  return g_strcmp0 (etag, self->known_etag) != 0;
}
