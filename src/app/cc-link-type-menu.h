/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cc-project.h"

G_BEGIN_DECLS

/* The menu of link types, as the map's tools and the outline offer it: the
 * four built-in types (with their keys, 1 to 4), then a section "This
 * Project" with the project's own. Each item activates @action with the
 * type's id. */
GMenu *cc_link_type_menu_new (CcProject  *project,
                              const char *action);

G_END_DECLS
