/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-read-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cc-read-file.h"

char *
cc_format_limit (gsize size)
{
  if (size >= 1024 * 1024 && size % (1024 * 1024) == 0)
    return g_strdup_printf (_("%" G_GSIZE_FORMAT " MiB"), size / (1024 * 1024));
  if (size >= 1024 && size % 1024 == 0)
    return g_strdup_printf (_("%" G_GSIZE_FORMAT " KiB"), size / 1024);
  return g_strdup_printf (_("%" G_GSIZE_FORMAT " bytes"), size);
}

static gboolean
refuse_type (mode_t mode, GError **error)
{
  const char *what;

  if (S_ISREG (mode))
    return FALSE;
  if (S_ISDIR (mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("it is a folder, not a file"));
      return TRUE;
    }
  if (S_ISCHR (mode) || S_ISBLK (mode))
    what = _("it is a device, not a file");
  else if (S_ISFIFO (mode))
    what = _("it is a named pipe (FIFO), not a file");
  else if (S_ISSOCK (mode))
    what = _("it is a socket, not a file");
  else
    what = _("it is not a regular file");
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, what);
  return TRUE;
}

static void
set_too_large (gsize max_size, GError **error)
{
  g_autofree char *limit = cc_format_limit (max_size);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
               _("the file is larger than the limit of %s"), limit);
}

static void
set_no_memory (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                       _("there is not enough memory to read the file"));
}

/* A buffer for up to @size bytes and a NUL, or NULL with @error set. */
static char *
try_buffer (gsize size, GError **error)
{
  char *buf = g_try_malloc (size + 1);

  if (buf == NULL)
    set_no_memory (error);
  return buf;
}

/* Reads some bytes into @buf: their number, 0 at the end, -1 on error. */
typedef gssize (*ReadSome) (gpointer source, char *buf, gsize count, GCancellable *cancellable, GError **error);

static gssize
read_some_fd (gpointer source, char *buf, gsize count, GCancellable *cancellable, GError **error)
{
  int fd = GPOINTER_TO_INT (source);

  for (;;)
    {
      gssize got = read (fd, buf, count);
      int saved = errno;

      if (got >= 0)
        return got;
      if (saved != EINTR)
        {
          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
          return -1;
        }
    }
}

static gssize
read_some_stream (gpointer source, char *buf, gsize count, GCancellable *cancellable, GError **error)
{
  return g_input_stream_read (source, buf, count, cancellable, error);
}

/* Reads until the end, into a buffer sized for @hint bytes that grows up to
 * @max_size; more than that is an error. */
static char *
read_all (ReadSome read_some, gpointer source, gsize hint, gsize max_size, gsize *len,
          GCancellable *cancellable, GError **error)
{
  gsize cap = MIN (MAX (hint, 4096), max_size) + 1;  /* one more: to see the end */
  gsize n = 0;
  char *buf = try_buffer (cap, error);

  if (buf == NULL)
    return NULL;
  for (;;)
    {
      gssize got;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      if (n == cap)
        {
          gsize grown = MIN (cap * 2, max_size + 1);
          char *bigger = g_try_realloc (buf, grown + 1);

          if (bigger == NULL)
            {
              set_no_memory (error);
              goto fail;
            }
          buf = bigger;
          cap = grown;
        }
      got = read_some (source, buf + n, cap - n, cancellable, error);
      if (got < 0)
        goto fail;
      if (got == 0)
        break;
      n += (gsize) got;
      if (n > max_size)
        {
          set_too_large (max_size, error);
          goto fail;
        }
    }
  buf[n] = '\0';
  *len = n;
  return buf;

fail:
  g_free (buf);
  return NULL;
}

static char *
read_local (const char *path, gsize max_size, gsize *len, GCancellable *cancellable, GError **error)
{
  struct stat st;
  char *contents;
  int fd, flags;

  /* Without O_NONBLOCK, opening a named pipe waits for a writer. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      /* A socket cannot be opened at all: say what it is. */
      if (g_stat (path, &st) == 0 && refuse_type (st.st_mode, error))
        return NULL;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      close (fd);
      return NULL;
    }
  if (refuse_type (st.st_mode, error))
    {
      close (fd);
      return NULL;
    }
  if (st.st_size < 0 || (guint64) st.st_size > max_size)
    {
      set_too_large (max_size, error);
      close (fd);
      return NULL;
    }
  flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  contents = read_all (read_some_fd, GINT_TO_POINTER (fd), (gsize) st.st_size, max_size, len, cancellable, error);
  close (fd);
  return contents;
}

/* A file of another file system (gvfs): its type, then a bounded read. */
static char *
read_stream (GFile *file, gsize max_size, gsize *len, GCancellable *cancellable, GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  GFileType type;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  type = g_file_info_get_file_type (info);
  if (type == G_FILE_TYPE_DIRECTORY)
    return refuse_type (S_IFDIR, error), NULL;
  if (type != G_FILE_TYPE_REGULAR)
    return refuse_type (0, error), NULL;
  if (g_file_info_get_size (info) < 0 || (guint64) g_file_info_get_size (info) > max_size)
    {
      set_too_large (max_size, error);
      return NULL;
    }
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  return read_all (read_some_stream, stream, (gsize) g_file_info_get_size (info), max_size, len,
                   cancellable, error);
}

char *
cc_read_file (GFile *file, gsize max_size, gsize *len, GCancellable *cancellable, GError **error)
{
  g_autofree char *path = NULL;
  gsize dummy;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len == NULL)
    len = &dummy;
  *len = 0;
  path = g_file_get_path (file);
  if (path != NULL)
    return read_local (path, max_size, len, cancellable, error);
  return read_stream (file, max_size, len, cancellable, error);
}
