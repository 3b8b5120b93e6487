/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-write-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cc-io.h"

/* Saving writes ".NAME.concord-save-XXXXXX" beside NAME, holding a lock on
 * it while it writes, then renames it over NAME. A save that was killed
 * leaves that file behind; the next open or save of NAME removes it, once
 * it is old enough and nobody holds its lock. */
#define SAVE_MARK        ".concord-save-"
#define SUFFIX_LENGTH    6
/* A file of ours this old, and unlocked, was left by a save that ended. */
#define STALE_SECONDS    60
/* GLib's own temporary files ("NAME.XXXXXX", as earlier versions of
 * Concord wrote them) carry no lock: only much older ones are removed. */
#define LEGACY_SECONDS   (60 * 60)
#define MAX_LINKS        40

static void G_GNUC_PRINTF (3, 4)
set_errno_error (GError **error, int saved, const char *format, ...)
{
  g_autofree char *where = NULL;
  va_list args;

  va_start (args, format);
  where = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", where, g_strerror (saved));
}

/* The file a path names at the end of its chain of symbolic links, so that
 * the rename of a save replaces the file and not a link; for a chain that
 * ends in nothing (d2 → d1 → missing), the missing file at its end. */
static char *
resolve_target (const char *path, GError **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint hops = 0; hops <= MAX_LINKS; hops++)
    {
      GStatBuf st;
      g_autofree char *dir = NULL;
      g_autofree char *base = NULL;
      char *real;

      if (g_lstat (current, &st) == 0 && S_ISLNK (st.st_mode))
        {
          g_autofree char *target = g_file_read_link (current, NULL);
          g_autofree char *parent = NULL;

          if (target == NULL)
            break;
          parent = g_path_get_dirname (current);
          g_free (current);
          current = g_path_is_absolute (target) ? g_steal_pointer (&target)
                                                : g_build_filename (parent, target, NULL);
          continue;
        }
      /* The end of the chain, there or not: a real folder and its name. */
      dir = g_path_get_dirname (current);
      base = g_path_get_basename (current);
      real = realpath (dir, NULL);
      if (real == NULL)
        return g_steal_pointer (&current);
      {
        char *result = g_build_filename (real, base, NULL);

        free (real);
        return result;
      }
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
               _("“%s” leads through too many symbolic links"), path);
  return NULL;
}

/* Is @name, in the folder of @base, a temporary file a save of @base left? */
static gboolean
is_save_of (const char *name, const char *base, gboolean *legacy)
{
  gsize base_len = strlen (base), mark_len = strlen (SAVE_MARK);
  const char *suffix;

  if (name[0] == '.' && strncmp (name + 1, base, base_len) == 0 &&
      strncmp (name + 1 + base_len, SAVE_MARK, mark_len) == 0)
    {
      suffix = name + 1 + base_len + mark_len;
      *legacy = FALSE;
    }
  else if (g_str_has_suffix (base, ".concord") && strncmp (name, base, base_len) == 0 &&
           name[base_len] == '.')
    {
      suffix = name + base_len + 1;
      *legacy = TRUE;
    }
  else
    return FALSE;
  if (strlen (suffix) != SUFFIX_LENGTH)
    return FALSE;
  for (guint i = 0; i < SUFFIX_LENGTH; i++)
    if (!g_ascii_isalnum (suffix[i]))
      return FALSE;
  /* GLib's random letters and digits, not a word such as "backup". */
  if (*legacy)
    {
      for (guint i = 0; i < SUFFIX_LENGTH; i++)
        if (!g_ascii_islower (suffix[i]))
          return TRUE;
      return FALSE;
    }
  return TRUE;
}

/* An old GLib temporary file is removed only if it begins as a project. */
static gboolean
reads_as_project (int fd)
{
  char head[128];
  gssize n = pread (fd, head, sizeof head - 1, 0);

  if (n < 0)
    return FALSE;
  head[n] = '\0';
  return n == 0 || (head[0] == '{' && strstr (head, "\"concord-project\"") != NULL);
}

static void
remove_if_stale (const char *dir, const char *name, gboolean legacy, time_t now)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    return;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_uid != geteuid () ||
      now - st.st_mtime < (legacy ? LEGACY_SECONDS : STALE_SECONDS))
    goto out;
  /* A save under way holds the lock: its file is not ours to remove. */
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    goto out;
  if (legacy && !reads_as_project (fd))
    goto out;
  if (g_unlink (path) == 0)
    g_debug ("removed %s, left by a save that did not finish", path);
out:
  close (fd);
}

static void
clean_beside (const char *target)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  time_t now = time (NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      gboolean legacy;

      if (is_save_of (name, base, &legacy))
        g_ptr_array_add (stale, g_strdup_printf ("%c%s", legacy ? 'L' : 'N', name));
    }
  for (guint i = 0; i < stale->len; i++)
    {
      const char *entry = stale->pdata[i];

      remove_if_stale (dir, entry + 1, entry[0] == 'L', now);
    }
}

void
cc_clean_interrupted_saves (GFile *file)
{
  g_autofree char *path = NULL;
  g_autofree char *target = NULL;

  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    return;
  target = resolve_target (path, NULL);
  if (target != NULL)
    clean_beside (target);
}

static gboolean
write_all (int fd, const char *data, gsize len, const char *tmp, GError **error)
{
  while (len > 0)
    {
      gssize n = write (fd, data, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          set_errno_error (error, saved, _("could not write “%s”"), tmp);
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static void
sync_folder (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

gboolean
cc_write_file_atomic (GFile *file, GBytes *bytes, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  GStatBuf st;
  mode_t mode;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      /* Not a local file (a portal or remote location): GIO's replace is
       * atomic there as far as the backend allows. */
      return g_file_replace_contents (file, data, len, NULL, FALSE,
                                      G_FILE_CREATE_NONE, NULL, NULL, error);
    }

  target = resolve_target (path, error);
  if (target == NULL)
    return FALSE;
  if (g_stat (target, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("“%s” is a folder"), target);
          return FALSE;
        }
      mode = st.st_mode & 07777;
    }
  else
    {
      mode_t mask = umask (0);

      umask (mask);
      mode = 0666 & ~mask;
    }

  clean_beside (target);

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  tmp = g_strdup_printf ("%s/.%s" SAVE_MARK "XXXXXX", dir, base);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_errno_error (error, errno, _("could not create a file in “%s”"), dir);
      return FALSE;
    }
  /* Held until the file is in place: no cleaning removes it meanwhile. */
  flock (fd, LOCK_EX | LOCK_NB);
  if (!write_all (fd, data, len, tmp, error))
    goto fail;
  if (fchmod (fd, mode) != 0 && errno != EPERM)
    {
      set_errno_error (error, errno, _("could not write “%s”"), tmp);
      goto fail;
    }
  if (fsync (fd) != 0)
    {
      set_errno_error (error, errno, _("could not write “%s”"), tmp);
      goto fail;
    }
  if (g_rename (tmp, target) != 0)
    {
      set_errno_error (error, errno, _("could not replace “%s”"), target);
      goto fail;
    }
  close (fd);
  sync_folder (dir);
  return TRUE;

fail:
  g_unlink (tmp);
  close (fd);
  return FALSE;
}
