/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-document"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-autosave.h"
#include "cc-document.h"
#include "cc-file-watch.h"
#include "cc-render.h"

struct _CcDocument
{
  GObject       parent_instance;

  CcProject    *project;
  GFile        *file;            /* where the project is saved; NULL: nowhere yet */
  char         *recovered_from;  /* name of the damaged file a partial project came from */

  CcFileWatch  *watch;           /* of self->file; NULL while there is none */
  CcAutosave   *autosave;        /* NULL without a local database */

  guint         is_example : 1;
  guint         is_new : 1;      /* a new project the user chose to start */
};

G_DEFINE_FINAL_TYPE (CcDocument, cc_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_FILE,
  N_PROPS
};

enum {
  FILE_CHANGED,
  FILE_DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define CONCORD_SUFFIX ".concord"
#define THUMBNAIL_W    320
#define THUMBNAIL_H    200

/* ---- autosave ----------------------------------------------------------- */

/* A fresh autosave for the project held, or one that goes on keeping the
 * snapshot @doc (a restored one). The one before is discarded: its project
 * was replaced on purpose. */
static void
start_autosave (CcDocument *self,
                const char *doc)
{
  CcStore *store = cc_store_get_default (NULL);

  if (self->autosave != NULL)
    {
      cc_autosave_discard (self->autosave);
      g_clear_object (&self->autosave);
    }
  if (store == NULL || self->project == NULL)
    return;
  self->autosave = cc_autosave_new (store, self->project, doc);
  if (self->file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->file);

      cc_autosave_set_uri (self->autosave, uri);
    }
}

/* ---- the file on disk --------------------------------------------------- */

static void
watch_changed_cb (CcDocument *self)
{
  g_signal_emit (self, signals[FILE_CHANGED], 0);
}

static void
watch_deleted_cb (CcDocument *self)
{
  /* What is held is now the only copy: closing asks, and saving puts the
   * file back. */
  if (self->project != NULL)
    cc_project_set_modified (self->project, TRUE);
  g_signal_emit (self, signals[FILE_DELETED], 0);
}

/* Watches the file, or nothing when there is none. Called each time the file
 * may have become another one, or what is on disk ours: when a project is
 * held and after a save. */
static void
update_watch (CcDocument *self)
{
  if (self->watch != NULL && self->file != NULL
      && g_file_equal (cc_file_watch_get_file (self->watch), self->file))
    {
      cc_file_watch_set_known (self->watch);
      return;
    }

  if (self->watch != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->watch, self);
      g_clear_object (&self->watch);
    }
  if (self->file == NULL)
    return;

  self->watch = cc_file_watch_new (self->file);
  g_signal_connect_object (self->watch, "changed", G_CALLBACK (watch_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watch, "deleted", G_CALLBACK (watch_deleted_cb), self, G_CONNECT_SWAPPED);
}

/* ---- recent projects and search ----------------------------------------- */

typedef struct
{
  CcProject *project;
  char      *uri;
} Noting;

static gboolean
note_idle_cb (gpointer data)
{
  Noting *noting = data;
  CcStore *store = cc_store_get_default (NULL);
  g_autoptr(GBytes) thumbnail = NULL;

  if (store != NULL)
    {
      thumbnail = cc_render_thumbnail (noting->project, THUMBNAIL_W, THUMBNAIL_H);
      cc_store_note_project (store, noting->uri, noting->project, thumbnail);
    }
  return G_SOURCE_REMOVE;
}

static void
noting_free (gpointer data)
{
  Noting *noting = data;

  g_object_unref (noting->project);
  g_free (noting->uri);
  g_free (noting);
}

/* ---- GObject ------------------------------------------------------------ */

static void
cc_document_dispose (GObject *object)
{
  CcDocument *self = CC_DOCUMENT (object);

  if (self->watch != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->watch, self);
      g_clear_object (&self->watch);
    }
  /* Not discarded: the snapshot stays, as after a crash */
  g_clear_object (&self->autosave);
  g_clear_object (&self->project);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (cc_document_parent_class)->dispose (object);
}

static void
cc_document_finalize (GObject *object)
{
  CcDocument *self = CC_DOCUMENT (object);

  g_free (self->recovered_from);

  G_OBJECT_CLASS (cc_document_parent_class)->finalize (object);
}

static void
cc_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CcDocument *self = CC_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_document_class_init (CcDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cc_document_dispose;
  object_class->finalize = cc_document_finalize;
  object_class->get_property = cc_document_get_property;

  properties[PROP_PROJECT] = g_param_spec_object ("project", NULL, NULL, CC_TYPE_PROJECT,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FILE_CHANGED] = g_signal_new ("file-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FILE_DELETED] = g_signal_new ("file-deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cc_document_init (CcDocument *self)
{
}

/* ---- public API --------------------------------------------------------- */

CcDocument *
cc_document_new (void)
{
  CcDocument *self = g_object_new (CC_TYPE_DOCUMENT, NULL);
  g_autoptr(CcProject) project = cc_project_new ();

  cc_document_set_project (self, project, NULL);
  return self;
}

CcProject *
cc_document_get_project (CcDocument *self)
{
  g_return_val_if_fail (CC_IS_DOCUMENT (self), NULL);
  return self->project;
}

GFile *
cc_document_get_file (CcDocument *self)
{
  g_return_val_if_fail (CC_IS_DOCUMENT (self), NULL);
  return self->file;
}

void
cc_document_set_project (CcDocument *self,
                         CcProject  *project,
                         GFile      *file)
{
  /* The project before goes once those told have let go of its items. */
  g_autoptr(CcProject) before = NULL;

  g_return_if_fail (CC_IS_DOCUMENT (self));
  g_return_if_fail (CC_IS_PROJECT (project));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  before = g_steal_pointer (&self->project);
  self->project = g_object_ref (project);
  g_set_object (&self->file, file);
  g_clear_pointer (&self->recovered_from, g_free);
  self->is_example = FALSE;
  self->is_new = FALSE;
  update_watch (self);
  start_autosave (self, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

gboolean
cc_document_get_is_example (CcDocument *self)
{
  g_return_val_if_fail (CC_IS_DOCUMENT (self), FALSE);
  return self->is_example;
}

void
cc_document_set_is_example (CcDocument *self,
                            gboolean    is_example)
{
  g_return_if_fail (CC_IS_DOCUMENT (self));
  self->is_example = !!is_example;
}

gboolean
cc_document_get_is_new (CcDocument *self)
{
  g_return_val_if_fail (CC_IS_DOCUMENT (self), FALSE);
  return self->is_new;
}

void
cc_document_set_is_new (CcDocument *self,
                        gboolean    is_new)
{
  g_return_if_fail (CC_IS_DOCUMENT (self));
  self->is_new = !!is_new;
}

const char *
cc_document_get_recovered_from (CcDocument *self)
{
  g_return_val_if_fail (CC_IS_DOCUMENT (self), NULL);
  return self->recovered_from;
}

void
cc_document_set_recovered_from (CcDocument *self,
                                const char *file_name)
{
  g_return_if_fail (CC_IS_DOCUMENT (self));

  g_free (self->recovered_from);
  self->recovered_from = g_strdup (file_name);
  if (file_name != NULL)
    cc_project_set_modified (self->project, TRUE);
}

gboolean
cc_document_is_untouched (CcDocument *self)
{
  g_return_val_if_fail (CC_IS_DOCUMENT (self), FALSE);

  return self->project == NULL
         || (self->file == NULL
             && self->recovered_from == NULL
             && !self->is_example
             && !self->is_new
             && cc_project_get_n_sheets (self->project) == 0
             && !cc_project_get_modified (self->project)
             && !cc_project_can_undo (self->project)
             && !cc_project_can_redo (self->project));
}

char *
cc_document_dup_file_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return g_strdup (name != NULL ? name : "");
}

char *
cc_document_dup_title (CcDocument *self)
{
  const char *title;

  g_return_val_if_fail (CC_IS_DOCUMENT (self), NULL);

  title = self->project != NULL ? cc_project_get_title (self->project) : NULL;
  if (title != NULL && title[0] != '\0')
    return g_strdup (title);
  if (self->file != NULL)
    {
      g_autofree char *name = cc_document_dup_file_name (self->file);

      if (g_str_has_suffix (name, CONCORD_SUFFIX) && strlen (name) > strlen (CONCORD_SUFFIX))
        name[strlen (name) - strlen (CONCORD_SUFFIX)] = '\0';
      return g_steal_pointer (&name);
    }
  return g_strdup (_("Untitled Project"));
}

CcLoadResult *
cc_document_load_file (GFile    *file,
                       gboolean  keep_beside,
                       GError  **error)
{
  CcLoadResult *result;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  result = cc_load_file (file, NULL, error);
  /* What a save of this file that never finished left beside it. */
  if (result != NULL && result->project != NULL && !keep_beside)
    cc_clean_interrupted_saves (file);
  return result;
}

/* The thumbnail and the index's rows take a while for a large project: made
 * once the open or the save is done and shown. */
void
cc_document_note_in_store (CcDocument *self)
{
  Noting *noting;

  g_return_if_fail (CC_IS_DOCUMENT (self));

  if (cc_store_get_default (NULL) == NULL || self->project == NULL || self->file == NULL)
    return;
  noting = g_new0 (Noting, 1);
  noting->project = g_object_ref (self->project);
  noting->uri = g_file_get_uri (self->file);
  if (self->autosave != NULL)
    cc_autosave_set_uri (self->autosave, noting->uri);
  g_idle_add_full (G_PRIORITY_LOW, note_idle_cb, noting, noting_free);
}

gboolean
cc_document_changed_on_disk (CcDocument *self,
                             GFile      *file)
{
  g_return_val_if_fail (CC_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return self->watch != NULL && self->file != NULL && g_file_equal (file, self->file)
         && cc_file_watch_changed_on_disk (self->watch);
}

gboolean
cc_document_save (CcDocument *self,
                  GFile      *file,
                  GError    **error)
{
  gboolean moved;

  g_return_val_if_fail (CC_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!cc_project_save (self->project, file, error))
    return FALSE;

  moved = file != self->file;
  if (moved)
    g_set_object (&self->file, file);
  /* What is on disk is ours now */
  update_watch (self);
  g_clear_pointer (&self->recovered_from, g_free);
  self->is_example = FALSE;
  cc_document_note_in_store (self);
  if (moved)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  return TRUE;
}

gboolean
cc_document_reload (CcDocument    *self,
                    CcLoadResult **result,
                    GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(CcLoadResult) loaded = NULL;
  gboolean read;

  g_return_val_if_fail (CC_IS_DOCUMENT (self), FALSE);

  if (result != NULL)
    *result = NULL;
  if (self->file == NULL)
    return FALSE;

  /* Read as opening reads it */
  file = g_object_ref (self->file);
  loaded = cc_load_file (file, NULL, error);
  read = loaded != NULL && loaded->project != NULL && loaded->n_errors == 0;
  if (read)
    {
      cc_document_set_project (self, loaded->project, file);
      cc_document_note_in_store (self);
    }
  if (result != NULL)
    *result = g_steal_pointer (&loaded);
  return read;
}

void
cc_document_keep_mine (CcDocument *self)
{
  g_return_if_fail (CC_IS_DOCUMENT (self));

  /* The watch still knows the version we had, so the next save sees the
   * newer one on disk and asks. */
  if (self->project != NULL)
    cc_project_set_modified (self->project, TRUE);
}

CcProject *
cc_document_read_snapshot (CcStore              *store,
                           const CcSnapshotInfo *info,
                           GError              **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(CcLoadResult) result = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (info != NULL, NULL);

  data = cc_store_load_snapshot (store, info->doc, error);
  if (data == NULL)
    return NULL;
  result = cc_load_bytes (g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  if (result == NULL || result->project == NULL || result->n_errors > 0)
    {
      g_set_error (error, CC_STORE_ERROR, CC_STORE_ERROR_FAILED, _("The snapshot could not be read"));
      return NULL;
    }
  /* Ours now, under the same name, before anything else writes it */
  if (!cc_store_adopt_snapshot (store, info->doc, info->doc))
    {
      g_set_error (error, CC_STORE_ERROR, CC_STORE_ERROR_FAILED, _("The snapshot is no longer there"));
      return NULL;
    }
  return g_object_ref (result->project);
}

gboolean
cc_document_restore (CcDocument           *self,
                     CcProject            *project,
                     const CcSnapshotInfo *info)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (CC_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (CC_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (info->uri != NULL)
    file = g_file_new_for_uri (info->uri);
  cc_document_set_project (self, project, file);
  cc_project_set_modified (project, TRUE);
  start_autosave (self, info->doc);
  /* Saved again since the work was kept (here or elsewhere): a save asks
   * before writing over it */
  if (file != NULL && self->watch != NULL)
    {
      g_autoptr(GFileInfo) file_info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, 0, NULL, NULL);
      g_autoptr(GDateTime) modified = file_info ? g_file_info_get_modification_date_time (file_info) : NULL;

      if (modified != NULL && g_date_time_to_unix (modified) * G_USEC_PER_SEC > info->taken)
        {
          cc_file_watch_set_unknown (self->watch);
          return TRUE;
        }
    }
  return FALSE;
}

void
cc_document_discard_autosave (CcDocument *self)
{
  g_return_if_fail (CC_IS_DOCUMENT (self));

  if (self->autosave != NULL)
    cc_autosave_discard (self->autosave);
}
