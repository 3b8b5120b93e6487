/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What every harness shares: libFuzzer's entry points, and a way to stop
 * with the reason when an invariant does not hold. A harness runs under
 * libFuzzer (built with -Dfuzzing=true) or under replay.c, which feeds it
 * the files of its corpus and of its crash reproducers (suite "fuzz"). */

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize   (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A critical (a g_return_if_fail() that failed) or a warning on hostile
 * input is a bug: stop there, so that the fuzzer keeps the input. */
static inline void
cc_fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

static inline void G_GNUC_NORETURN G_GNUC_PRINTF (1, 2)
cc_fuzz_fail (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  fputs ("fuzz: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  abort ();
}

/* Prints @bytes (text Concord wrote) under a heading, for a failure report. */
static inline void
cc_fuzz_dump (const char *heading, GBytes *bytes)
{
  gsize len = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;

  fprintf (stderr, "----- %s (%" G_GSIZE_FORMAT " bytes) -----\n", heading, len);
  if (data != NULL)
    fwrite (data, 1, len, stderr);
  fputs ("\n----- end -----\n", stderr);
}
