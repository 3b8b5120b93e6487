/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Libraries of data files (the force library, canvas templates) read every
 * *.json in a folder, in name order, so that which file wins a clash does not
 * depend on the file system. Each returns the file names (char *), or NULL
 * with @error set when the folder cannot be listed. */

/* A folder of the program's own resources, such as ".../templates/". */
GPtrArray *cc_data_files_in_resource (const char  *folder,
                                      GError     **error);
/* A folder on disk; a missing one is G_FILE_ERROR_NOENT. */
GPtrArray *cc_data_files_in_dir      (const char  *dir,
                                      GError     **error);

G_END_DECLS
