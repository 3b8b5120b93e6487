/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cc-io.h"
#include "cc-project.h"
#include "cc-store.h"

G_BEGIN_DECLS

/* One open project and where it lives: the CcProject, its file (NULL: not
 * saved anywhere yet), the watch on that file (cc-file-watch.c), the
 * autosave of its changes (cc-autosave.c), and reading and writing it. It
 * shows nothing and asks nothing: the window binds to it and keeps the
 * dialogs.
 *
 * ::file-changed  someone else changed the file (once a version);
 * ::file-deleted  the file is gone; the project is then marked modified,
 *                 so that closing asks and saving puts the file back.
 *
 * "project" and "file" are notified when they become others: a project
 * shown in place of another, a reload, a save to another file. */

#define CC_TYPE_DOCUMENT (cc_document_get_type ())

G_DECLARE_FINAL_TYPE (CcDocument, cc_document, CC, DOCUMENT, GObject)

/* Holds an empty project, saved nowhere. */
CcDocument   *cc_document_new                 (void);

CcProject    *cc_document_get_project         (CcDocument  *self);
GFile        *cc_document_get_file            (CcDocument  *self);

/* Holds @project, saved in @file (NULL: nowhere yet), in place of what it
 * held: a new watch and a new autosave; what made it an example, new or
 * recovered is forgotten. */
void          cc_document_set_project         (CcDocument  *self,
                                               CcProject   *project,
                                               GFile       *file);

/* The example, not to be saved over. */
gboolean      cc_document_get_is_example      (CcDocument  *self);
void          cc_document_set_is_example      (CcDocument  *self,
                                               gboolean     is_example);
/* A new project the user chose to start. */
gboolean      cc_document_get_is_new          (CcDocument  *self);
void          cc_document_set_is_new          (CcDocument  *self,
                                               gboolean     is_new);
/* The name of the damaged file a partial project was read from, or NULL.
 * Setting it marks the project modified: it is in no file. */
const char   *cc_document_get_recovered_from  (CcDocument  *self);
void          cc_document_set_recovered_from  (CcDocument  *self,
                                               const char  *file_name);

/* Whether it holds the empty project it started with, untouched, so that
 * opening a file may replace it. */
gboolean      cc_document_is_untouched        (CcDocument  *self);

/* The project's title, else its file's name without the suffix, else
 * "Untitled Project". */
char         *cc_document_dup_title           (CcDocument  *self);

/* The base name of @file, never NULL. */
char         *cc_document_dup_file_name       (GFile       *file);

/* Reads @file for showing; a file that was read has the leftovers of an
 * interrupted save of it cleaned away, unless @keep_beside (the example). */
CcLoadResult *cc_document_load_file           (GFile       *file,
                                               gboolean     keep_beside,
                                               GError     **error);

/* The project, as in its file now, among the recent ones (with a
 * thumbnail, made once idle) and in the search across projects. */
void          cc_document_note_in_store       (CcDocument  *self);

/* Whether a save to @file would write over a version someone else made
 * since we loaded or saved it. */
gboolean      cc_document_changed_on_disk     (CcDocument  *self,
                                               GFile       *file);
/* Writes the project to @file, which becomes its file. */
gboolean      cc_document_save                (CcDocument  *self,
                                               GFile       *file,
                                               GError     **error);
/* Reads the file again; when it reads without errors, its project
 * replaces the one held, unsaved changes and all, and TRUE is returned.
 * @result: (out) (optional): what reading gave, for the problems. */
gboolean      cc_document_reload              (CcDocument  *self,
                                               CcLoadResult **result,
                                               GError     **error);
/* Keeps what is held over the other version on disk: modified, so that
 * closing asks, and the next save asks before writing over the file. */
void          cc_document_keep_mine           (CcDocument  *self);

/* The project of an autosave snapshot, which becomes ours in @store. */
CcProject    *cc_document_read_snapshot       (CcStore              *store,
                                               const CcSnapshotInfo *info,
                                               GError              **error);
/* Holds @project, read from the snapshot @info, modified and bound to the
 * snapshot's file; its autosave goes on keeping that snapshot. Returns TRUE
 * when the file was saved again after the snapshot was taken: then a save
 * asks before writing over it. */
gboolean      cc_document_restore             (CcDocument           *self,
                                               CcProject            *project,
                                               const CcSnapshotInfo *info);

/* Drops the autosave's snapshot: the changes were thrown away on purpose. */
void          cc_document_discard_autosave    (CcDocument  *self);

G_END_DECLS
