/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The force library's reader, cc_force_library_load_data() (what reads each
 * file of a folder, and the shipped ones), on any bytes.
 *
 * What must hold:
 *   - the entries added are the ones the library lists, each within the
 *     format's bounds: an id, a label of 1 to 60 characters without control
 *     characters, a description of at most 400, a side, a strength from 1 to
 *     5, tags (never NULL), and the file's name as its source;
 *   - every problem is one line of UTF-8 text that starts with the file's
 *     name;
 *   - the same file read again adds nothing (each id is taken) and says so
 *     when the first read added anything;
 *   - a search finds only entries of the library. */

#include "config.h"

#include <string.h>

#include "cc-force-library.h"
#include "fuzz-common.h"

#define NAME "fuzz.json"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  cc_fuzz_init ();
  return 0;
}

static void
check_problems (CcForceLibrary *library)
{
  GPtrArray *problems = cc_force_library_get_problems (library);

  for (guint i = 0; i < problems->len; i++)
    {
      const char *p = problems->pdata[i];

      if (!g_utf8_validate (p, -1, NULL))
        cc_fuzz_fail ("problem %u is not UTF-8", i);
      if (!g_str_has_prefix (p, NAME ": ") && !g_str_has_prefix (p, "again.json: "))
        cc_fuzz_fail ("problem %u does not start with the file's name: %s", i, p);
    }
}

static void
check_entry (CcForceEntry *e)
{
  glong len;

  if (e->id == NULL || e->id[0] == '\0' || e->label == NULL || e->description == NULL || e->tags == NULL)
    cc_fuzz_fail ("an entry lacks a field");
  len = g_utf8_strlen (e->label, -1);
  if (!g_utf8_validate (e->label, -1, NULL) || len < 1 || len > CC_FORCE_LABEL_MAX)
    cc_fuzz_fail ("entry “%s”: a label of %ld characters", e->id, len);
  for (const char *p = e->label; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) < 0x20)
      cc_fuzz_fail ("entry “%s”: a control character in the label", e->id);
  if (g_utf8_strlen (e->description, -1) > CC_FORCE_DESCRIPTION_MAX)
    cc_fuzz_fail ("entry “%s”: a description too long", e->id);
  if (e->side != CC_SIDE_DRIVING && e->side != CC_SIDE_RESISTING)
    cc_fuzz_fail ("entry “%s”: side %d", e->id, (int) e->side);
  if (e->strength < 1 || e->strength > 5)
    cc_fuzz_fail ("entry “%s”: strength %d", e->id, e->strength);
  if (g_strcmp0 (e->source, NAME) != 0 || e->user)
    cc_fuzz_fail ("entry “%s”: from “%s”", e->id, e->source);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(CcForceLibrary) library = cc_force_library_new ();
  g_autoptr(GPtrArray) found = NULL;
  GPtrArray *entries;
  guint n, n_problems;

  n = cc_force_library_load_data (library, NAME, (const char *) data, size);
  entries = cc_force_library_get_entries (library);
  if (n != entries->len || n != cc_force_library_get_n_entries (library))
    cc_fuzz_fail ("%u entries added, %u listed", n, entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      CcForceEntry *e = entries->pdata[i];

      check_entry (e);
      if (cc_force_library_lookup (library, e->id) != e)
        cc_fuzz_fail ("entry “%s” is not found by its id", e->id);
    }
  check_problems (library);

  n_problems = cc_force_library_get_problems (library)->len;
  if (cc_force_library_load_data (library, "again.json", (const char *) data, size) != 0)
    cc_fuzz_fail ("the same forces were added twice");
  if (cc_force_library_get_n_entries (library) != n)
    cc_fuzz_fail ("reading the file again changed the entries");
  if (n > 0 && cc_force_library_get_problems (library)->len <= n_problems)
    cc_fuzz_fail ("reading the file again did not say its ids were taken");
  check_problems (library);

  found = cc_force_library_search (library, "a");
  if (found->len > n)
    cc_fuzz_fail ("a search found %u entries of %u", found->len, n);
  return 0;
}
