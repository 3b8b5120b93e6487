/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The template loader, cc_load_template_bytes(), and the library that reads
 * installed templates with it, cc_template_library_load_data(), on any
 * bytes.
 *
 * What must hold:
 *   - every problem is located and reads as UTF-8 text; a template comes
 *     back exactly when no problem is an error;
 *   - the library takes the template exactly when the loader gives one, and
 *     refuses the same file a second time (the first of an id wins);
 *   - a template that was read works: each panel's "next" names a panel,
 *     every point of the grid finds its panel or none, and a canvas made
 *     from it (with an organisation placed on it when it is a grid) is
 *     written as a project that reads back without an error and is written
 *     again the same. */

#include "config.h"

#include <string.h>

#include "cc-canvas-edit.h"
#include "cc-io.h"
#include "cc-template.h"
#include "cc-template-library.h"
#include "fuzz-common.h"

static const char empty_project[] =
  "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"Fuzz\"}";

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  cc_fuzz_init ();
  return 0;
}

static void
check_template (CcItem *item)
{
  g_autoptr(CcTemplate) tmpl = cc_template_new (item);

  if (tmpl->n_panels == 0)
    cc_fuzz_fail ("a template without panels was read");
  for (guint i = 0; i < tmpl->n_panels; i++)
    {
      const CcTemplatePanel *panel = &tmpl->panels[i];

      if (cc_template_find_panel (tmpl, panel->id) != panel)
        cc_fuzz_fail ("panel “%s” is not found by its id", panel->id);
      if (panel->next != NULL && cc_template_find_panel (tmpl, panel->next) == NULL)
        cc_fuzz_fail ("panel “%s” leads to “%s”, which is not there", panel->id, panel->next);
      if (panel->col + panel->col_span > tmpl->columns || panel->row + panel->row_span > tmpl->rows)
        cc_fuzz_fail ("panel “%s” lies outside the grid", panel->id);
    }
  for (int y = 0; y <= 8; y++)
    for (int x = 0; x <= 8; x++)
      cc_template_panel_at (tmpl, x / 8.0, y / 8.0);
}

static void
check_in_project (CcItem *item)
{
  g_autoptr(CcLoadResult) base = cc_load_bytes (empty_project, strlen (empty_project));
  g_autoptr(CcLoadResult) again = NULL;
  g_autoptr(GBytes) text1 = NULL;
  g_autoptr(GBytes) text2 = NULL;
  g_autoptr(CcTemplate) tmpl = cc_template_new (item);
  CcItem *canvas;
  gsize len;
  const char *data;

  if (!cc_load_result_is_sound (base))
    cc_fuzz_fail ("the empty project does not read");
  canvas = cc_project_add_canvas (base->project, item, NULL, -1);
  if (canvas == NULL)
    cc_fuzz_fail ("no canvas was made from the template");
  if (cc_template_is_grid (tmpl))
    cc_canvas_place_actor (base->project, canvas, NULL, "Fuzz", 0.5, 0.5);

  text1 = cc_project_serialize (base->project);
  data = g_bytes_get_data (text1, &len);
  again = cc_load_bytes (data, len);
  if (!cc_load_result_is_sound (again))
    {
      for (guint i = 0; again->problems != NULL && i < again->problems->len; i++)
        {
          g_autofree char *s = cc_problem_to_string (again->problems->pdata[i]);

          fprintf (stderr, "  %s\n", s);
        }
      cc_fuzz_dump ("written", text1);
      cc_fuzz_fail ("a canvas made from the template is written as a project that does not read back");
    }
  text2 = cc_project_serialize (again->project);
  if (!g_bytes_equal (text1, text2))
    {
      cc_fuzz_dump ("written", text1);
      cc_fuzz_dump ("read and written again", text2);
      cc_fuzz_fail ("a project with the template is not written the same once read");
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(CcItem) item = cc_load_template_bytes ((const char *) data, size, &problems);
  g_autoptr(CcTemplateLibrary) library = cc_template_library_new ();
  guint n_errors = 0;
  gboolean taken;

  if (problems == NULL)
    cc_fuzz_fail ("no list of problems");
  for (guint i = 0; i < problems->len; i++)
    {
      const CcProblem *p = problems->pdata[i];
      g_autofree char *text = cc_problem_to_string (p);

      if (p->severity == CC_PROBLEM_ERROR)
        n_errors++;
      if (p->path == NULL || p->message == NULL || p->message[0] == '\0')
        cc_fuzz_fail ("problem %u has no place or no message", i);
      if (!g_utf8_validate (text, -1, NULL))
        cc_fuzz_fail ("problem %u is not UTF-8", i);
    }
  if ((item != NULL) != (n_errors == 0))
    cc_fuzz_fail (item != NULL ? "a template came back with %u errors" : "no template, and %u errors to say why",
                  n_errors);

  taken = cc_template_library_load_data (library, "fuzz.json", (const char *) data, size);
  if (taken != (item != NULL))
    cc_fuzz_fail ("the library %s the template the loader %s", taken ? "took" : "refused",
                  item != NULL ? "read" : "refused");
  if (cc_template_library_load_data (library, "again.json", (const char *) data, size))
    cc_fuzz_fail ("the library took the same template twice");
  for (guint i = 0; i < cc_template_library_get_problems (library)->len; i++)
    if (!g_utf8_validate (cc_template_library_get_problems (library)->pdata[i], -1, NULL))
      cc_fuzz_fail ("library problem %u is not UTF-8", i);

  if (item != NULL)
    {
      check_template (item);
      check_in_project (item);
    }
  return 0;
}
