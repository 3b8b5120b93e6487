/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cc-project.h"

G_BEGIN_DECLS

/* What Concord keeps on this computer, in one SQLite database: autosave
 * snapshots for crash recovery, the recent projects with thumbnails, and a
 * full-text index of every project opened or saved (docs/local-state.md).
 *
 * Reads are on the calling (main) thread; writes go to a thread of the
 * store's own, in order, so a snapshot of a large project never stalls
 * drawing. Several Concord processes may share one database. */

#define CC_TYPE_STORE (cc_store_get_type ())
G_DECLARE_FINAL_TYPE (CcStore, cc_store, CC, STORE, GObject)

#define CC_STORE_SCHEMA_VERSION 1

typedef enum
{
  CC_STORE_ERROR_FAILED,
  CC_STORE_ERROR_NEWER,    /* made by a newer Concord: left alone */
} CcStoreError;

#define CC_STORE_ERROR (cc_store_error_quark ())
GQuark cc_store_error_quark (void);

/* An autosave snapshot. */
typedef struct
{
  char   *doc;      /* the open project it is of */
  char   *uri;      /* its file, or NULL when never saved */
  char   *title;
  char  **sheets;   /* the sheets' titles */
  gint64  taken;    /* when, in microseconds since 1970 (UTC) */
  gsize   size;     /* bytes of project text */
} CcSnapshotInfo;

/* A recent project. */
typedef struct
{
  char   *uri;
  char   *title;
  char  **sheets;
  gint64  opened;     /* last opened or saved, microseconds since 1970 */
  GBytes *thumbnail;  /* PNG, or NULL */
} CcRecentInfo;

/* One search hit: a project, a sheet of it (or none) and an item on it. */
typedef struct
{
  char *uri;
  char *project_title;
  char *sheet;        /* sheet id, or NULL for the project itself */
  char *sheet_title;
  char *item;         /* item id (a node, link, force, card) or NULL */
  char *kind;         /* "project", "sheet", "organisation", "link", "force", "card" */
  char *text;         /* what was found, as indexed */
} CcSearchHit;

/* Opens (or makes) the database at @path. A damaged one (not a database,
 * or one SQLite finds damaged) is moved aside, kept under a name with the time, and a fresh one made: see
 * cc_store_get_notice(). NULL only when no database can be made at all, or
 * one made by a newer Concord is there (CC_STORE_ERROR_NEWER); @error then
 * names the path and the reason, for the user (a folder where the file
 * should be, permission denied, a folder that cannot be made…). */
CcStore        *cc_store_open               (const char    *path,
                                             GError       **error);
/* g_get_user_state_dir()/concord/concord.db, opened once; NULL when it
 * cannot be (the reason is logged the first time, and in @error every
 * time, in words for the user: "The autosave database PATH is a folder,
 * not a file"). */
CcStore        *cc_store_get_default        (GError       **error);
/* For tests: forget the default store (it is closed when unreffed). */
void            cc_store_reset_default      (void);

const char     *cc_store_get_path           (CcStore       *self);
/* What the user should be told once, such as that a damaged database was
 * moved aside, or NULL. */
const char     *cc_store_get_notice         (CcStore       *self);
/* This process's session, as snapshots record it. */
const char     *cc_store_get_session        (CcStore       *self);

/* ---- autosave ---- */

/* Queues a snapshot of @doc, replacing its last one. @pieces (see
 * cc_project_snapshot()) are joined and written on the store's thread;
 * @done, if given, runs on the calling thread's main context afterwards
 * with the microseconds the write took, or -1 if it failed. */
typedef void (*CcStoreDoneFunc) (gint64 write_us, gpointer user_data);
void            cc_store_put_snapshot       (CcStore        *self,
                                             const char     *doc,
                                             const char     *uri,
                                             const char     *title,
                                             const char * const *sheets,
                                             GPtrArray      *pieces,
                                             CcStoreDoneFunc done,
                                             gpointer        user_data);
void            cc_store_drop_snapshot      (CcStore       *self,
                                             const char    *doc);
/* Snapshots no running Concord holds: left by a crash, a kill or a power
 * cut. Newest first. */
GPtrArray      *cc_store_list_orphans       (CcStore       *self);
/* Every snapshot, held or not (for tests and the bench). */
GPtrArray      *cc_store_list_snapshots     (CcStore       *self);
GBytes         *cc_store_load_snapshot      (CcStore       *self,
                                             const char    *doc,
                                             GError       **error);
/* Makes @doc's snapshot this process's, as the snapshot of @new_doc. */
gboolean        cc_store_adopt_snapshot     (CcStore       *self,
                                             const char    *doc,
                                             const char    *new_doc);

/* ---- recent projects and search ---- */

/* Records that @project, at @uri, was opened or saved now: the recent list
 * (with @thumbnail, a PNG, if given) and the search index. */
void            cc_store_note_project       (CcStore       *self,
                                             const char    *uri,
                                             CcProject     *project,
                                             GBytes        *thumbnail);
void            cc_store_forget_project     (CcStore       *self,
                                             const char    *uri);
/* Newest first, at most @max. */
GPtrArray      *cc_store_list_recent        (CcStore       *self,
                                             guint          max);
/* Every word of @query, each as the start of a word, in any project
 * indexed; best first, at most @max. */
GPtrArray      *cc_store_search             (CcStore       *self,
                                             const char    *query,
                                             guint          max);

/* Waits until every queued write is done. */
void            cc_store_flush              (CcStore       *self);

void            cc_snapshot_info_free       (CcSnapshotInfo *info);
void            cc_recent_info_free         (CcRecentInfo   *info);
void            cc_search_hit_free          (CcSearchHit    *hit);

G_END_DECLS
