/* SPDX-License-Identifier: GPL-3.0-or-later */
/* concord-bench --load: what loading a file costs in time and memory.
 *
 * Each figure is measured in a process of its own (the bench runs itself
 * with --load-child FILE), which resets its peak resident size just before
 * it reads the file (/proc/self/clear_refs) and reports how far above its
 * starting size the peak went, and how long the load took. Targets: a peak
 * of at most 8 × the file's size, loading at most 1.0 × the time json-glib
 * takes to parse the same file, every hostile file refused in under 1 s. */
#define G_LOG_DOMAIN "concord-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc-bench.h"
#include "cc-io.h"

/* VmRSS or VmHWM of this process, in bytes. */
static gint64
status_bytes (const char *key)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return -1;
  line = strstr (text, key);
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (key) + 1, NULL, 10) * 1024;
}

/* The child: loads @path once, prints "PEAK_BYTES MS SOUND". */
int
cc_bench_load_child (const char *path, gboolean json_glib)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 base, start, end, peak;
  gboolean sound = FALSE;

  /* The peak so far is forgotten: from here it is this load's. */
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
  base = status_bytes ("VmRSS:");
  start = g_get_monotonic_time ();
  if (json_glib)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autofree char *contents = NULL;
      gsize len;

      if (g_file_get_contents (path, &contents, &len, NULL))
        sound = json_parser_load_from_data (parser, contents, (gssize) len, NULL);
      end = g_get_monotonic_time ();
      peak = status_bytes ("VmHWM:");
    }
  else
    {
      g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);

      end = g_get_monotonic_time ();
      peak = status_bytes ("VmHWM:");
      sound = result != NULL && cc_load_result_is_sound (result);
    }
  printf ("%" G_GINT64_FORMAT " %.2f %d\n", peak - base, (end - start) / 1000.0, sound);
  return 0;
}

typedef struct
{
  double peak;  /* bytes */
  double ms;
  gboolean sound;
} Measure;

static Measure
measure (const char *self, const char *path, gboolean json_glib)
{
  const char *argv[] = { self, json_glib ? "--parse-child" : "--load-child", path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  Measure m = { -1, -1, FALSE };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                     &status, &error))
    g_error ("%s", error->message);
  if (out == NULL || sscanf (out, "%lf %lf %d", &m.peak, &m.ms, &m.sound) != 3)
    g_warning ("the child loading %s said nothing (status %d)", path, status);
  return m;
}

static void
write_file (const char *path, GString *text)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, text->str, (gssize) text->len, &error))
    g_error ("%s", error->message);
}

/* A project of @n organisations and nothing else, as a partner's whole
 * directory might be: 64 bytes or so each. */
static GString *
organisations (guint n)
{
  static const char *sectors[] = { "public", "private", "voluntary", "community", "other" };
  GString *s = g_string_sized_new ((gsize) n * 72);

  g_string_append (s, "{\n  \"format\": \"concord-project\",\n  \"version\": 1,\n  \"title\": \"Directory\",\n"
                      "  \"actors\": [");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s\n    {\n      \"id\": \"a%u\",\n      \"name\": \"Organisation %u\",\n"
                               "      \"sector\": \"%s\"\n    }", i ? "," : "", i + 1, i + 1, sectors[i % 5]);
  g_string_append (s, "\n  ],\n  \"sheets\": []\n}\n");
  return s;
}

static void
report_sound (const char *self, const char *name, const char *path, gsize size)
{
  double loads[5], parses[5], peaks[5], ratios[5];
  guint runs = size > 32 * 1024 * 1024 ? 3 : 5;

  for (guint i = 0; i < runs; i++)
    {
      Measure load = measure (self, path, FALSE);
      Measure parse = measure (self, path, TRUE);

      if (!load.sound)
        g_warning ("%s did not load soundly", name);
      loads[i] = load.ms;
      peaks[i] = load.peak;
      parses[i] = parse.ms;
      ratios[i] = load.ms / parse.ms;
    }
  printf ("load_file_size_%s %.2f MB\n", name, size / 1e6);
  printf ("load_time_%s %.1f ms\n", name, cc_bench_median (loads, runs));
  printf ("json_glib_parse_time_%s %.1f ms\n", name, cc_bench_median (parses, runs));
  printf ("load_vs_json_glib_%s %.2f x (target 1.0)\n", name, cc_bench_median (ratios, runs));
  printf ("load_peak_%s %.1f MB = %.2f x the file (target 8)\n", name, cc_bench_median (peaks, runs) / 1e6,
          cc_bench_median (peaks, runs) / size);
  fflush (stdout);
}

static void
report_hostile (const char *self, const char *name, const char *path, gsize size)
{
  Measure m = measure (self, path, FALSE);

  printf ("hostile_%s %.1f MB: refused in %.1f ms (target 1000), peak %.1f MB = %.2f x%s\n", name, size / 1e6,
          m.ms, m.peak / 1e6, m.peak / size, m.sound ? " (ACCEPTED)" : "");
  fflush (stdout);
}

void
cc_bench_load (const char *self, const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "load.concord", NULL);
  GString *s;

  printf ("# loading: peak memory above the process's start and time, each in a process of its own\n");

  /* The map of 10,000 organisations, 20,000 links. */
  {
    g_autoptr(GBytes) bytes = cc_bench_generate_project (10000);

    s = g_string_new_len (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
    write_file (path, s);
    report_sound (self, "map_10000", path, s->len);
    g_string_free (s, TRUE);
  }
  s = organisations (1000000);
  write_file (path, s);
  report_sound (self, "organisations_1000000", path, s->len);
  g_string_free (s, TRUE);

  /* Hostile: an array as large as the limit allows, where an object must be. */
  {
    gsize target = 255 * 1024 * 1024;

    s = g_string_sized_new (target + 2);
    g_string_append_c (s, '[');
    while (s->len + 2 < target)
      g_string_append (s, "0,");
    g_string_append (s, "0]");
    write_file (path, s);
    report_hostile (self, "array_255MiB", path, s->len);
    g_string_truncate (s, 64 * 1024 * 1024 - 3);  /* after a comma */
    g_string_append (s, "0]");
    write_file (path, s);
    report_hostile (self, "array_64MiB", path, s->len);
    /* The same numbers inside a project, as a member this version does
     * not know: the project is sound, and kept whole. */
    g_string_erase (s, 0, 1);
    g_string_prepend (s, "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"x\", \"padding\": [");
    g_string_append (s, "}");
    write_file (path, s);
    {
      Measure m = measure (self, path, FALSE);

      printf ("unknown_member_64MiB %.1f MB: %s in %.1f ms, peak %.1f MB = %.2f x\n", s->len / 1e6,
              m.sound ? "loaded" : "refused", m.ms, m.peak / 1e6, m.peak / s->len);
    }
    /* An object where the format expects an array, then one that is all
     * a single string, then empty objects. */
    g_string_assign (s, "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"x\", \"actors\": {");
    for (guint i = 0; s->len < 64 * 1024 * 1024; i++)
      g_string_append_printf (s, "%s\"k%u\": 0", i ? ", " : "", i);
    g_string_append (s, "}}");
    write_file (path, s);
    report_hostile (self, "object_for_actors_64MiB", path, s->len);
    g_string_assign (s, "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"");
    while (s->len < 64 * 1024 * 1024)
      g_string_append (s, "abcdefghijklmnopqrstuvwxyz012345");
    g_string_append (s, "\"}");
    write_file (path, s);
    report_hostile (self, "long_title_64MiB", path, s->len);
    g_string_assign (s, "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"x\", \"actors\": [");
    for (guint i = 0; s->len < 64 * 1024 * 1024; i++)
      g_string_append (s, i ? ", {}" : "{}");
    g_string_append (s, "]}");
    write_file (path, s);
    report_hostile (self, "empty_actors_64MiB", path, s->len);
    g_string_assign (s, "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"x\", \"x\": ");
    while (s->len < 64 * 1024 * 1024)
      g_string_append (s, "[[[[[[[[[[[[[[[[");
    write_file (path, s);
    report_hostile (self, "deep_64MiB", path, s->len);
    g_string_free (s, TRUE);
  }
  g_unlink (path);
}
