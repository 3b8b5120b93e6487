/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads a whole file that came from outside (a project, a template, a
 * library of forces), bounded: only a regular file is read, never a device,
 * a named pipe or a socket (which could be endless or never answer), and
 * never more than @max_size bytes, whatever the file says of its size or
 * does while it is read. Returns the contents with a NUL after them, and
 * their length in @len; or NULL with @error set:
 * - G_IO_ERROR_IS_DIRECTORY or G_IO_ERROR_NOT_REGULAR_FILE, with a message
 *   that says what it is instead ("it is a device, not a file");
 * - G_IO_ERROR_MESSAGE_TOO_LARGE, for more than @max_size bytes;
 * - G_IO_ERROR_NO_SPACE, when there is not the memory to hold it;
 * - what the system said, for a file that cannot be opened or read. */
char *cc_read_file (GFile         *file,
                    gsize          max_size,
                    gsize         *len,
                    GCancellable  *cancellable,
                    GError       **error);

/* "256 MiB", "1 MiB", "64 KiB": @size in words for a limit's message. */
char *cc_format_limit (gsize size);

G_END_DECLS
