/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "concord-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cc-cli.h"
#include "cc-io.h"
#include "cc-render.h"

/* This file must not use GTK: it runs with no display. */

typedef enum { OUT_PDF, OUT_SVG, OUT_PNG, OUT_CONCORD } OutKind;

enum { OPTION_EXPORT, OPTION_SHEET, OPTION_VALIDATE };

/* The headless verbs. The application lists them in its --help too. */
static const GOptionEntry option_entries[] = {
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export FILE to OUT (.pdf, .svg, .png or .concord) without opening a window"), N_("OUT") },
  { "sheet", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export: only the sheet with this id or title"), N_("SHEET") },
  { "validate", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Check FILE and list its problems; exit status 0 if it is sound, 1 if not"), N_("FILE") },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("FILE") },
};

static const char summary[] = N_("Concord: partnership maps, force-field analyses and collaborative-gain canvases.");

void
cc_cli_describe_options (GApplication *app)
{
  GOptionEntry entries[G_N_ELEMENTS (option_entries)];

  /* All but the remaining-arguments entry, which GApplication handles. */
  memcpy (entries, option_entries, sizeof option_entries);
  memset (&entries[G_N_ELEMENTS (option_entries) - 1], 0, sizeof (GOptionEntry));
  g_application_add_main_option_entries (app, entries);
  g_application_set_option_context_parameter_string (app, _("[FILE…]"));
  g_application_set_option_context_summary (app, _(summary));
}

static gboolean
is_verb (const char *arg)
{
  return g_str_equal (arg, "--export") || g_str_has_prefix (arg, "--export=") ||
         g_str_equal (arg, "--validate") || g_str_has_prefix (arg, "--validate=") ||
         g_str_equal (arg, "--sheet") || g_str_has_prefix (arg, "--sheet=");
}

gboolean
cc_cli_wants_headless (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (is_verb (argv[i]))
        return TRUE;
    }
  return FALSE;
}

static int G_GNUC_PRINTF (1, 2)
fail (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("concord: %s\n", message);
  return 2;
}

static void
print_problems (const char *name, CcLoadResult *result)
{
  for (guint i = 0; i < result->problems->len; i++)
    {
      const CcProblem *problem = result->problems->pdata[i];
      g_autofree char *text = cc_problem_to_string (problem);

      if (problem->severity == CC_PROBLEM_WARNING)
        g_printerr ("%s: %s: %s\n", name, _("warning"), text);
      else
        g_printerr ("%s: %s\n", name, text);
    }
}

/* Reads FILE; returns NULL (and the exit status in @status) when it cannot. */
static CcLoadResult *
load (const char *path, int *status)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  CcLoadResult *result = cc_load_file (file, NULL, &error);

  if (result == NULL)
    {
      *status = fail (_("cannot read “%s”: %s"), path, error->message);
      return NULL;
    }
  return result;
}

static gboolean
out_kind_for (const char *path, OutKind *kind)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf"))
    *kind = OUT_PDF;
  else if (g_str_has_suffix (lower, ".svg"))
    *kind = OUT_SVG;
  else if (g_str_has_suffix (lower, ".png"))
    *kind = OUT_PNG;
  else if (g_str_has_suffix (lower, ".concord"))
    *kind = OUT_CONCORD;
  else
    return FALSE;
  return TRUE;
}

static char *
sheet_names (CcProject *project)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < cc_project_get_n_sheets (project); i++)
    {
      CcItem *sheet = cc_project_get_sheet (project, i);

      g_string_append_printf (s, "%s“%s” (%s)", i ? ", " : "",
                              cc_item_get_string (sheet, CC_SHEET_TITLE), cc_item_get_id (sheet));
    }
  return g_string_free (s, FALSE);
}

static int
run_validate (const char *path)
{
  g_autoptr(CcLoadResult) result = NULL;
  int status = 0;

  result = load (path, &status);
  if (result == NULL)
    return status;
  print_problems (path, result);
  if (!cc_load_result_is_sound (result))
    return 1;
  return 0;
}

static int
run_export (const char *out_path, const char *in_path, const char *sheet_name)
{
  g_autoptr(CcLoadResult) result = NULL;
  g_autoptr(GPtrArray) sheets = g_ptr_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) out = NULL;
  int status = 0;
  OutKind kind;

  if (!out_kind_for (out_path, &kind))
    return fail (_("cannot tell the format of “%s”: use a name ending in .pdf, .svg, .png or .concord"),
                 out_path);
  if (kind == OUT_CONCORD && sheet_name != NULL)
    return fail (_("--sheet does not apply to a .concord file: the whole project is saved"));

  result = load (in_path, &status);
  if (result == NULL)
    return status;
  print_problems (in_path, result);
  if (!cc_load_result_is_sound (result))
    {
      g_printerr ("concord: %s\n", _("nothing was exported: the file has errors (see above)"));
      return 1;
    }

  if (kind == OUT_CONCORD)
    bytes = cc_project_serialize (result->project);
  else
    {
      CcExportFormat format = kind == OUT_PDF ? CC_EXPORT_PDF : kind == OUT_SVG ? CC_EXPORT_SVG : CC_EXPORT_PNG;

      if (sheet_name != NULL)
        {
          CcItem *sheet = cc_project_find_sheet (result->project, sheet_name);

          if (sheet == NULL)
            {
              g_autofree char *names = sheet_names (result->project);

              return fail (_("no sheet “%s” in “%s” (its sheets: %s)"), sheet_name, in_path,
                           names[0] ? names : _("none"));
            }
          g_ptr_array_add (sheets, sheet);
        }
      else
        for (guint i = 0; i < cc_project_get_n_sheets (result->project); i++)
          g_ptr_array_add (sheets, cc_project_get_sheet (result->project, i));

      if (sheets->len == 0)
        return fail (_("“%s” has no sheets to export"), in_path);
      bytes = cc_export_sheets (result->project, sheets, format, 0, &error);
      if (bytes == NULL)
        return fail (_("cannot export “%s”: %s"), in_path, error->message);
    }

  out = g_file_new_for_commandline_arg (out_path);
  if (!cc_write_file_atomic (out, bytes, &error))
    return fail (_("cannot write “%s”: %s"), out_path, error->message);
  return 0;
}

int
cc_cli_run (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *validate_path = NULL;
  g_autofree char *sheet = NULL;
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) args = NULL;
  GOptionEntry entries[G_N_ELEMENTS (option_entries) + 1];
  guint n_files;

  memcpy (entries, option_entries, sizeof option_entries);
  entries[OPTION_EXPORT].arg_data = &export_path;
  entries[OPTION_SHEET].arg_data = &sheet;
  entries[OPTION_VALIDATE].arg_data = &validate_path;
  entries[G_N_ELEMENTS (option_entries) - 1].arg_data = &files;
  memset (&entries[G_N_ELEMENTS (option_entries)], 0, sizeof (GOptionEntry));

  context = g_option_context_new (_("[FILE…]"));
  g_option_context_set_summary (context, _(summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);

  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    return fail ("%s", error->message);

  n_files = files ? g_strv_length (files) : 0;
  if (export_path != NULL && validate_path != NULL)
    return fail (_("use either --export or --validate, not both"));

  if (validate_path != NULL)
    {
      if (n_files > 0)
        return fail (_("--validate takes one file; unexpected “%s”"), files[0]);
      if (sheet != NULL)
        return fail (_("--sheet goes with --export"));
      return run_validate (validate_path);
    }

  if (export_path == NULL)
    return fail (_("--sheet goes with --export: concord --export OUT FILE --sheet SHEET"));
  if (n_files == 0)
    return fail (_("--export needs the project file to export: concord --export OUT FILE"));
  if (n_files > 1)
    return fail (_("--export takes one project file; unexpected “%s”"), files[1]);
  return run_export (export_path, files[0], sheet);
}
