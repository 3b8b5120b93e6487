/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Tells when one file is changed or deleted by someone else. It remembers
 * the entity tag of the version we last loaded or saved ("known"), and
 * compares the file's tag against it whenever the file monitor reports
 * something: events only say that something happened, the tags say whether
 * it was someone else. So our own saves, followed by set_known, are quiet.
 *
 * ::changed  the file now differs from the known version (once a version);
 * ::deleted  the file is gone (deleted, or moved away). Should it come
 *            back different, that is ::changed. */

#define CC_TYPE_FILE_WATCH (cc_file_watch_get_type ())

G_DECLARE_FINAL_TYPE (CcFileWatch, cc_file_watch, CC, FILE_WATCH, GObject)

/* Watches @file; the version on disk now is the known one. */
CcFileWatch *cc_file_watch_new             (GFile       *file);
GFile       *cc_file_watch_get_file        (CcFileWatch *self);

/* The version on disk now is ours: after a load or a save of our own. */
void         cc_file_watch_set_known       (CcFileWatch *self);

/* No version on disk is ours: as for work restored from a snapshot taken
 * before the file last changed, so that saving over it asks. */
void         cc_file_watch_set_unknown     (CcFileWatch *self);

/* Whether the file on disk, looked at right now, is another version than
 * the known one. A file that is gone is not "changed": saving puts it back. */
gboolean     cc_file_watch_changed_on_disk (CcFileWatch *self);

G_END_DECLS
