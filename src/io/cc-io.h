/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cc-project.h"

G_BEGIN_DECLS

typedef enum
{
  CC_PROBLEM_ERROR,
  CC_PROBLEM_WARNING,
} CcProblemSeverity;

/* One located problem found while reading a project file. */
typedef struct
{
  CcProblemSeverity  severity;
  char              *path;     /* "sheets[2].links[5].to", or "" for the whole file */
  guint              line;     /* 1-based place in the text for syntax errors; 0 if none */
  guint              column;
  char              *message;  /* "no node \"n77\"" */
} CcProblem;

typedef struct
{
  CcProject *project;   /* what could be read; NULL when nothing could */
  GPtrArray *problems;  /* CcProblem*, errors and warnings in file order */
  guint      n_errors;
  gint64     version;   /* the file's format version, 0 if unknown */
} CcLoadResult;

/* The largest project file Concord reads. */
#define CC_MAX_FILE_SIZE (256 * 1024 * 1024)

CcLoadResult *cc_load_bytes            (const char    *data,
                                        gsize          len);
/* @error is set only when the file cannot be read at all (missing,
 * permission, too large); problems in its content are in the result. */
CcLoadResult *cc_load_file             (GFile         *file,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* Template files (docs/templates.md). */
#define CC_TEMPLATE_FORMAT_NAME    "concord-template"
#define CC_TEMPLATE_FORMAT_VERSION 1
#define CC_TEMPLATE_FILE_MAX       (1024 * 1024)

/* Reads a template file: the template (a CC_KIND_TEMPLATE item), or NULL
 * when it has errors. @problems (optional) receives every problem found
 * (CcProblem*, located in the file; warnings too). */
CcItem       *cc_load_template_bytes   (const char    *data,
                                        gsize          len,
                                        GPtrArray    **problems);
void          cc_load_result_free      (CcLoadResult  *result);
gboolean      cc_load_result_is_sound  (CcLoadResult  *result);
char         *cc_problem_to_string     (const CcProblem *problem);

/* The project as the text of a .concord file: pretty, stable, UTF-8. */
GBytes       *cc_project_serialize     (CcProject     *project);

/* Autosave snapshots: the project as compact JSON text in pieces (arrays of
 * GBytes, which cc_snapshot_join() joins on any thread). Each organisation,
 * node, link, force or card keeps the text it was written as until it
 * changes, and so does each array of them, so a snapshot after an edit
 * gathers the edited array again and refers to the rest as it was.
 * cc_project_prepare_snapshot() makes the missing texts for up to @budget_us
 * microseconds (0: no limit) and says whether it made them all. */
gboolean      cc_project_prepare_snapshot (CcProject *project,
                                           gint64     budget_us);
GPtrArray    *cc_project_snapshot      (CcProject     *project);
GBytes       *cc_snapshot_join         (GPtrArray     *pieces);

/* Writes the bytes atomically (beside, fsync, rename, fsync of the folder;
 * through a chain of symbolic links to the file at its end, made if it is
 * missing), leaving any existing file whole on failure. Removes first what
 * an interrupted save of the same file left beside it. */
gboolean      cc_write_file_atomic     (GFile         *file,
                                        GBytes        *bytes,
                                        GError       **error);

/* Removes the temporary files that saves of @file which never finished
 * (the program was killed, the machine stopped) left beside it: only
 * Concord's own, only once they are a minute old, and never one that a
 * save under way still holds. */
void          cc_clean_interrupted_saves (GFile       *file);

/* Writes the project as it is (no change to the model). */
gboolean      cc_project_write_file    (CcProject     *project,
                                        GFile         *file,
                                        GError       **error);

/* Saves as a user's save does: stamps meta.modified (and meta.created when
 * empty), writes atomically and marks the project unmodified. */
gboolean      cc_project_save          (CcProject     *project,
                                        GFile         *file,
                                        GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcLoadResult, cc_load_result_free)

G_END_DECLS
