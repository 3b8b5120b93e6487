/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "concord-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cc-cli.h"
#include "cc-io.h"
#include "cc-handout.h"
#include "cc-render.h"

/* This file must not use GTK: it runs with no display. */

typedef enum { OUT_PDF, OUT_SVG, OUT_PNG, OUT_CONCORD } OutKind;

enum { OPTION_EXPORT, OPTION_SHEET, OPTION_VALIDATE, OPTION_PAPER, OPTION_LANDSCAPE, OPTION_PORTRAIT, OPTION_TILE,
       OPTION_NO_APPENDIX, OPTION_DRAFT, OPTION_DPI, OPTION_TRANSPARENT };

/* The headless verbs. The application lists them in its --help too. */
static const GOptionEntry option_entries[] = {
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export FILE to OUT (.pdf, .svg, .png or .concord) without opening a window; a PDF is a handout "
       "with a cover, the sheets and an appendix"), N_("OUT") },
  { "sheet", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --export: the sheet with this id or title (again for more; all sheets when not given)"), N_("SHEET") },
  { "validate", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Check FILE and list its problems; exit status 0 if it is sound, 1 if not"), N_("FILE") },
  { "paper", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With a PDF: a4 (the default), a3, letter or legal"), N_("PAPER") },
  { "landscape", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With a PDF: every page wider than tall (without it or --portrait, each sheet's pages are turned to fit it)"),
    NULL },
  { "portrait", 0, 0, G_OPTION_ARG_NONE, NULL, N_("With a PDF: every page taller than wide"), NULL },
  { "tile", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With a PDF: each sheet as a poster over W × H pages, such as 2x3"), N_("WxH") },
  { "no-appendix", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With a PDF: leave out the cover and the appendix, the sheets only"), NULL },
  { "draft", 0, 0, G_OPTION_ARG_NONE, NULL, N_("With a PDF: stamp every page “Draft”"), NULL },
  { "dpi", 0, 0, G_OPTION_ARG_INT, NULL, N_("With a PNG: the resolution, 96 (the default) to 600"), N_("N") },
  { "transparent", 0, 0, G_OPTION_ARG_NONE, NULL, N_("With a PNG: no white paper behind the drawing"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("FILE") },
};

/* What --export is asked for, beyond the files. */
typedef struct
{
  char   **sheets;
  char    *paper;
  gboolean landscape;
  gboolean portrait;
  char    *tile;
  gboolean no_appendix;
  gboolean draft;
  int      dpi;
  gboolean transparent;
} ExportArgs;

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
  if (!g_str_has_prefix (arg, "--") || G_N_ELEMENTS (option_entries) < 2)
    return FALSE;
  /* Any of our options but the file list: "--name" or "--name=…" */
  for (guint i = 0; i < G_N_ELEMENTS (option_entries) - 1; i++)
    {
      gsize len = strlen (option_entries[i].long_name);

      if (strncmp (arg + 2, option_entries[i].long_name, len) == 0 && (arg[2 + len] == '\0' || arg[2 + len] == '='))
        return TRUE;
    }
  return FALSE;
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

/* "2x3": 2 columns, 3 rows. */
static gboolean
parse_tile (const char *text, guint *columns, guint *rows)
{
  guint64 c, r;
  char *end;

  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;
  c = g_ascii_strtoull (text, &end, 10);
  if (*end != 'x' && *end != 'X')
    return FALSE;
  if (!g_ascii_isdigit (end[1]))
    return FALSE;
  r = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '\0' || c < 1 || r < 1 || c > CC_TILE_MAX || r > CC_TILE_MAX)
    return FALSE;
  *columns = (guint) c;
  *rows = (guint) r;
  return TRUE;
}

/* The options that do not fit the output's kind, or hold wrong values. */
static int
check_export_args (OutKind kind, const ExportArgs *args, CcHandoutOptions *handout)
{
  gboolean pdf_only = args->paper != NULL || args->landscape || args->portrait || args->tile != NULL
                      || args->no_appendix || args->draft;
  gboolean png_only = args->dpi != 0 || args->transparent;

  if (kind != OUT_PDF && pdf_only)
    return fail (_("--paper, --landscape, --portrait, --tile, --no-appendix and --draft apply to a PDF only"));
  if (args->landscape && args->portrait)
    return fail (_("use either --landscape or --portrait, not both"));
  if (kind != OUT_PNG && png_only)
    return fail (_("--dpi and --transparent apply to a PNG only"));
  if (kind == OUT_CONCORD && args->sheets != NULL)
    return fail (_("--sheet does not apply to a .concord file: the whole project is saved"));
  if (args->dpi != 0 && (args->dpi < CC_PNG_DPI_MIN || args->dpi > CC_PNG_DPI_MAX))
    return fail (_("--dpi %d is out of range: from %d to %d"), args->dpi, CC_PNG_DPI_MIN, CC_PNG_DPI_MAX);
  cc_handout_options_init (handout);
  handout->cover = handout->appendix = !args->no_appendix;
  handout->draft = args->draft;
  handout->fit_orientation = !args->landscape && !args->portrait;
  if (!cc_paper_size (args->paper != NULL ? args->paper : "a4", args->landscape, &handout->paper_width,
                      &handout->paper_height))
    return fail (_("unknown paper “%s”: use a4, a3, letter or legal"), args->paper);
  if (args->tile != NULL && !parse_tile (args->tile, &handout->tile_columns, &handout->tile_rows))
    return fail (_("--tile “%s” is not columns × rows from 1x1 to %dx%d, such as 2x3"), args->tile, CC_TILE_MAX,
                 CC_TILE_MAX);
  return 0;
}

static int
run_export (const char *out_path, const char *in_path, const ExportArgs *args)
{
  CcHandoutOptions handout;
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
  if ((status = check_export_args (kind, args, &handout)) != 0)
    return status;

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

      for (guint i = 0; args->sheets != NULL && args->sheets[i] != NULL; i++)
        {
          CcItem *sheet = cc_project_find_sheet (result->project, args->sheets[i]);

          if (sheet == NULL)
            {
              g_autofree char *names = sheet_names (result->project);

              return fail (_("no sheet “%s” in “%s” (its sheets: %s)"), args->sheets[i], in_path,
                           names[0] ? names : _("none"));
            }
          if (!g_ptr_array_find (sheets, sheet, NULL))
            g_ptr_array_add (sheets, sheet);
        }
      if (args->sheets == NULL)
        for (guint i = 0; i < cc_project_get_n_sheets (result->project); i++)
          g_ptr_array_add (sheets, cc_project_get_sheet (result->project, i));

      if (sheets->len == 0)
        return fail (_("“%s” has no sheets to export"), in_path);
      if (format == CC_EXPORT_PDF)
        {
          g_autoptr(CcHandout) pages = cc_handout_new (result->project, sheets, &handout);

          bytes = cc_handout_export_pdf (pages, &error);
        }
      else if (format == CC_EXPORT_PNG)
        bytes = cc_export_png (result->project, sheets->pdata[0], args->dpi, args->transparent, &error);
      else
        bytes = cc_export_sheets (result->project, sheets, format, 0, &error);
      if (bytes == NULL)
        return fail (_("cannot export “%s”: %s"), in_path, error->message);
    }

  out = g_file_new_for_commandline_arg (out_path);
  if (!cc_write_file_atomic (out, bytes, &error))
    return fail (_("cannot write “%s”: %s"), out_path, error->message);
  return 0;
}

static int
run_verb (const char *export_path, const char *validate_path, char **files, const ExportArgs *args)
{
  guint n_files = files ? g_strv_length (files) : 0;
  gboolean export_options = args->sheets != NULL || args->paper != NULL || args->landscape || args->portrait
                            || args->tile != NULL
                            || args->no_appendix || args->draft || args->dpi != 0 || args->transparent;

  if (export_path != NULL && validate_path != NULL)
    return fail (_("use either --export or --validate, not both"));

  if (validate_path != NULL)
    {
      if (n_files > 0)
        return fail (_("--validate takes one file; unexpected “%s”"), files[0]);
      if (export_options)
        return fail (_("--sheet, --paper, --landscape, --portrait, --tile, --no-appendix, --draft, --dpi and "
                       "--transparent go with --export"));
      return run_validate (validate_path);
    }

  if (export_path == NULL)
    return fail (_("--sheet and the other export options go with --export: concord --export OUT FILE --sheet SHEET"));
  if (n_files == 0)
    return fail (_("--export needs the project file to export: concord --export OUT FILE"));
  if (n_files > 1)
    return fail (_("--export takes one project file; unexpected “%s”"), files[1]);
  return run_export (export_path, files[0], args);
}

int
cc_cli_run (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *validate_path = NULL;
  ExportArgs export_args = { 0 };
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) args = NULL;
  GOptionEntry entries[G_N_ELEMENTS (option_entries) + 1];
  int status;

  memcpy (entries, option_entries, sizeof option_entries);
  entries[OPTION_EXPORT].arg_data = &export_path;
  entries[OPTION_SHEET].arg_data = &export_args.sheets;
  entries[OPTION_VALIDATE].arg_data = &validate_path;
  entries[OPTION_PAPER].arg_data = &export_args.paper;
  entries[OPTION_LANDSCAPE].arg_data = &export_args.landscape;
  entries[OPTION_PORTRAIT].arg_data = &export_args.portrait;
  entries[OPTION_TILE].arg_data = &export_args.tile;
  entries[OPTION_NO_APPENDIX].arg_data = &export_args.no_appendix;
  entries[OPTION_DRAFT].arg_data = &export_args.draft;
  entries[OPTION_DPI].arg_data = &export_args.dpi;
  entries[OPTION_TRANSPARENT].arg_data = &export_args.transparent;
  entries[G_N_ELEMENTS (option_entries) - 1].arg_data = &files;
  memset (&entries[G_N_ELEMENTS (option_entries)], 0, sizeof (GOptionEntry));

  context = g_option_context_new (_("[FILE…]"));
  g_option_context_set_summary (context, _(summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);

  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    status = fail ("%s", error->message);
  else
    status = run_verb (export_path, validate_path, files, &export_args);

  g_strfreev (export_args.sheets);
  g_free (export_args.paper);
  g_free (export_args.tile);
  return status;
}
