/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "concord"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cc-application.h"
#include "cc-cli.h"

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

  app = cc_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
