/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cc-types.h"

G_BEGIN_DECLS

/* The installed canvas templates: files in the "concord-template" format
 * (docs/templates.md). The shipped ones are compiled into the program
 * (load_builtin); more are read from folders (load_dir): each
 * $XDG_DATA_DIRS/concord/templates, then the user's own,
 * $XDG_DATA_HOME/concord/templates.
 *
 * Nothing in a file is fatal: a file that cannot be read or does not keep
 * the rules is skipped and reported as one located line, the file's path
 * first, such as "/home/me/.local/share/concord/templates/my-grid.json:
 * panels[2].col: 12 is out of range (0 to 11)" (a shipped file: its name
 * alone). A template
 * whose id was read before is skipped the same way: the first one wins. */

typedef struct _CcTemplateLibrary CcTemplateLibrary;

CcTemplateLibrary *cc_template_library_new            (void);
void               cc_template_library_free           (CcTemplateLibrary *self);

/* Each returns the number of templates added. */
guint              cc_template_library_load_builtin   (CcTemplateLibrary *self);
/* Every *.json in @dir, in name order. A missing folder adds nothing and
 * is not a problem. */
guint              cc_template_library_load_dir       (CcTemplateLibrary *self,
                                                       const char        *dir);
/* Reads one template from @data (a file called @name, for problems). */
gboolean           cc_template_library_load_data      (CcTemplateLibrary *self,
                                                       const char        *name,
                                                       const char        *data,
                                                       gsize              len);

/* The templates (CC_KIND_TEMPLATE items, transfer none), in the order read. */
GPtrArray         *cc_template_library_get_templates  (CcTemplateLibrary *self);
CcItem            *cc_template_library_lookup         (CcTemplateLibrary *self,
                                                       const char        *id);
/* One located line (char *) a problem, in the order found. */
GPtrArray         *cc_template_library_get_problems   (CcTemplateLibrary *self);

/* $XDG_DATA_HOME/concord/templates (g_get_user_data_dir ()). */
char              *cc_template_library_user_dir       (void);

/* The program's library, read on first use: the shipped templates, each
 * system data folder's, then the user's. Lives as long as the process. */
CcTemplateLibrary *cc_template_library_get_default    (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcTemplateLibrary, cc_template_library_free)

G_END_DECLS
