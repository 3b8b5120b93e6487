/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The project loader, cc_load_bytes(), on any bytes; and what Concord writes
 * for what it read, read again.
 *
 * Whenever the loader gives a project, errors or not, that project is
 * written (cc_project_serialize), the text read again and written again.
 * What must hold:
 *   - every problem is located and reads as UTF-8 text;
 *   - the text Concord wrote reads without an error: a project that was
 *     read with errors is what was left once the damaged items were dropped
 *     (with whatever referred to them), so it is sound; warnings may remain
 *     (a newer format version stays a warning);
 *   - the second text is the first, byte for byte: writing is stable, and
 *     nothing read from Concord's own text is lost or changed.
 * What need not hold, and is not checked: that the first text is the input
 * (member order, spacing, defaults written out and numbers' spelling may all
 * differ), nor that a first load with errors keeps what it dropped. */

#include "config.h"

#include <string.h>

#include "cc-io.h"
#include "fuzz-common.h"

/* How many errors the loader lists before it only counts them. */
#define LISTED_ERRORS 200

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  cc_fuzz_init ();
  return 0;
}

static void
check_problems (CcLoadResult *result, const char *what)
{
  guint n_errors = 0;

  for (guint i = 0; i < result->problems->len; i++)
    {
      const CcProblem *p = result->problems->pdata[i];
      g_autofree char *text = cc_problem_to_string (p);

      if (p->severity == CC_PROBLEM_ERROR)
        n_errors++;
      if (p->path == NULL || p->message == NULL || p->message[0] == '\0')
        cc_fuzz_fail ("%s: problem %u has no place or no message", what, i);
      if (!g_utf8_validate (text, -1, NULL))
        cc_fuzz_fail ("%s: problem %u is not UTF-8", what, i);
    }
  /* The loader lists the first 200 errors, then one that says how many more
   * there are; n_errors counts them all. */
  if (n_errors > result->n_errors || (n_errors < result->n_errors && n_errors < LISTED_ERRORS))
    cc_fuzz_fail ("%s: %u errors listed, n_errors says %u", what, n_errors, result->n_errors);
}

static void
print_problems (CcLoadResult *result)
{
  for (guint i = 0; i < result->problems->len; i++)
    {
      g_autofree char *text = cc_problem_to_string (result->problems->pdata[i]);

      fprintf (stderr, "  %s\n", text);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(CcLoadResult) first = cc_load_bytes ((const char *) data, size);
  g_autoptr(CcLoadResult) second = NULL;
  g_autoptr(GBytes) text1 = NULL;
  g_autoptr(GBytes) text2 = NULL;
  gsize len1;
  const char *data1;

  if (first == NULL)
    cc_fuzz_fail ("cc_load_bytes gave no result");
  check_problems (first, "input");
  if (first->project == NULL)
    {
      if (first->n_errors == 0)
        cc_fuzz_fail ("no project, and no error to say why");
      return 0;
    }

  text1 = cc_project_serialize (first->project);
  data1 = g_bytes_get_data (text1, &len1);
  second = cc_load_bytes (data1, len1);
  check_problems (second, "written");
  if (!cc_load_result_is_sound (second))
    {
      fprintf (stderr, "the input read with %u errors:\n", first->n_errors);
      print_problems (first);
      fprintf (stderr, "what Concord wrote for it reads with %u errors:\n", second->n_errors);
      print_problems (second);
      cc_fuzz_dump ("written", text1);
      cc_fuzz_fail ("what Concord wrote does not read back");
    }

  text2 = cc_project_serialize (second->project);
  if (!g_bytes_equal (text1, text2))
    {
      cc_fuzz_dump ("written", text1);
      cc_fuzz_dump ("read and written again", text2);
      cc_fuzz_fail ("what Concord wrote is not what it writes once it has read it");
    }
  return 0;
}
