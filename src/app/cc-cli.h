/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* TRUE when the arguments ask for a headless verb (--export, --validate). */
gboolean cc_cli_wants_headless (int argc, char **argv);

/* Runs a headless verb without touching the display. Returns the exit
 * status: 0 done (or sound), 1 the file has problems, 2 bad arguments or an
 * unreadable file. */
int      cc_cli_run            (int argc, char **argv);

/* Lists the headless verbs in the application's --help. */
void     cc_cli_describe_options (GApplication *app);

G_END_DECLS
