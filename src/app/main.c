/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "concord"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cc-application.h"
#include "cc-cli.h"

/* Without a graphics card's render node, GL is Mesa's software rasteriser:
 * GTK 4.8's GL renderer then takes a third of a second to compile its
 * shaders before the first frame, and draws a sheet no faster than cairo
 * does. Concord asks for the cairo renderer there, unless told otherwise
 * (GSK_RENDERER). */
static void
choose_renderer (void)
{
  g_autoptr(GDir) dri = NULL;
  const char *name;

#ifdef __linux__
  if (g_getenv ("GSK_RENDERER") != NULL)
    return;
  dri = g_dir_open ("/dev/dri", 0, NULL);
  while (dri != NULL && (name = g_dir_read_name (dri)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return;
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
#endif
}

int
main (int argc, char *argv[])
{
  g_autoptr(CcApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Export and validation run with no display at all. */
  if (cc_cli_wants_headless (argc, argv))
    return cc_cli_run (argc, argv);

  choose_renderer ();
  app = cc_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
