/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cc-types.h"

G_BEGIN_DECLS

/* The force library: common forces for force-field analysis sheets, read
 * from files in the "concord-forces" format (docs/force-library.md). The
 * shipped files are compiled into the program (load_builtin) and installed
 * in $datadir/concord/forces (load_dir); the user's own forces live in one
 * file of the same format (load_user) that add_user and remove_user rewrite.
 *
 * Nothing in a file is fatal: a file that cannot be read, or an entry that
 * does not validate, is skipped and reported as one located line, such as
 * "barriers-culture.json: forces[3].strength: 7 is out of range (1 to 5)".
 * An entry whose id is already in the library is skipped the same way.
 *
 * Signals:
 *   changed (): the entries or the problems changed. */

#define CC_FORCE_LIBRARY_FORMAT   "concord-forces"
#define CC_FORCE_LIBRARY_VERSION  1
#define CC_FORCE_LABEL_MAX        60    /* characters */
#define CC_FORCE_DESCRIPTION_MAX  400   /* characters */

#define CC_FORCE_LIBRARY_ERROR (cc_force_library_error_quark ())

typedef enum
{
  CC_FORCE_LIBRARY_ERROR_INVALID = 1,  /* a label, description, side or strength out of bounds */
  CC_FORCE_LIBRARY_ERROR_NOT_FOUND,    /* no force with that id */
  CC_FORCE_LIBRARY_ERROR_NOT_USER,     /* the force is not one of the user's */
  CC_FORCE_LIBRARY_ERROR_NO_USER_FILE, /* load_user was never called */
} CcForceLibraryError;

/* One force of the library. Read-only; reference counted, so an entry held
 * by a view stays valid after the library drops it. */
typedef struct _CcForceEntry CcForceEntry;

struct _CcForceEntry
{
  char      *id;           /* stable id, "lack-of-trust"; the user's start "user-" */
  char      *label;        /* what goes on the arrow, at most 60 characters */
  char      *description;  /* one or two sentences; may be "" for the user's own */
  CcSide     side;         /* the side it usually falls on */
  int        strength;     /* suggested score, 1 to 5 */
  char     **tags;         /* NULL-terminated, never NULL */
  gboolean   user;         /* one of the user's own forces */
  char      *source;       /* base name of the file it came from, "barriers-culture.json" */
};

#define CC_TYPE_FORCE_ENTRY (cc_force_entry_get_type ())

GType           cc_force_entry_get_type   (void) G_GNUC_CONST;
CcForceEntry   *cc_force_entry_ref        (CcForceEntry *entry);
void            cc_force_entry_unref      (CcForceEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcForceEntry, cc_force_entry_unref)

#define CC_TYPE_FORCE_LIBRARY (cc_force_library_get_type ())

G_DECLARE_FINAL_TYPE (CcForceLibrary, cc_force_library, CC, FORCE_LIBRARY, GObject)

GQuark          cc_force_library_error_quark        (void);

CcForceLibrary *cc_force_library_new                (void);

/* Each returns the number of entries added. */
guint           cc_force_library_load_builtin       (CcForceLibrary  *self);
/* Every *.json in @dir, in name order. A missing folder adds nothing and is
 * not a problem; one that cannot be read is. */
guint           cc_force_library_load_dir           (CcForceLibrary  *self,
                                                     const char      *dir);
/* Reads one file's bytes, @data (a file called @name, for the problems):
 * load_dir and load_builtin read each of their files this way. */
guint           cc_force_library_load_data          (CcForceLibrary  *self,
                                                     const char      *name,
                                                     const char      *data,
                                                     gsize            len);
/* Makes @path the user's file and reads it, replacing the user's entries
 * read before. A missing file is an empty library, not a problem. */
guint           cc_force_library_load_user          (CcForceLibrary  *self,
                                                     const char      *path);

/* $XDG_DATA_HOME/concord/forces.json (g_get_user_data_dir ()). */
char           *cc_force_library_default_user_path  (void);
/* The path given to load_user, or NULL. */
const char     *cc_force_library_get_user_path      (CcForceLibrary  *self);

/* All entries, the user's and the shipped ones together, by label
 * (case-folded, then by id). Transfer none: valid until the next change. */
GPtrArray      *cc_force_library_get_entries        (CcForceLibrary  *self);
guint           cc_force_library_get_n_entries      (CcForceLibrary  *self);
CcForceEntry   *cc_force_library_lookup             (CcForceLibrary  *self,
                                                     const char      *id);

/* The entries whose label, description or tags contain every word of
 * @text, ignoring case and accents ("cafe" finds "Café"), in the order of
 * get_entries. Empty or NULL @text gives every entry. Transfer full: an
 * array of references, freed with g_ptr_array_unref. */
GPtrArray      *cc_force_library_search             (CcForceLibrary  *self,
                                                     const char      *text);

/* Problems found so far, one located line (char *) each, shipped files'
 * first, then the user file's. Transfer none: valid until the next change. */
GPtrArray      *cc_force_library_get_problems       (CcForceLibrary  *self);

/* Adds a force to the user's file and saves it, reading the file again first
 * so that changes made meanwhile (by another window, by hand) are kept. A
 * file that could not be read in full is never overwritten: it is renamed
 * to "forces.json.broken-YYYYMMDD-HHMMSS" beside it and a problem says so,
 * then the forces that could be read are saved with the new one. The label
 * is trimmed; @description may be NULL. Returns the new entry (transfer
 * none), or NULL with @error set, the file untouched. */
CcForceEntry   *cc_force_library_add_user           (CcForceLibrary  *self,
                                                     const char      *label,
                                                     const char      *description,
                                                     CcSide           side,
                                                     int              strength,
                                                     GError         **error);
/* Removes one of the user's forces and saves the file, as add_user does. */
gboolean        cc_force_library_remove_user        (CcForceLibrary  *self,
                                                     const char      *id,
                                                     GError         **error);

G_END_DECLS
