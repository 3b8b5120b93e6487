/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <string.h>
#include "cc-cli.h"

gboolean
cc_cli_wants_headless (int argc, char **argv)
{
  return FALSE;
}

int
cc_cli_run (int argc, char **argv)
{
  return 2;
}
