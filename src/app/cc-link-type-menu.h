/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cc-project.h"

G_BEGIN_DECLS

/* The menu of link types, as the map's tools and the outline offer it: the
 * four built-in types (with their keys, 1 to 4), then a section "This
 * Project" with the project's own. Each item activates @action with the
 * type's id. */
GMenu *cc_link_type_menu_new (CcProject  *project,
                              const char *action);

/* How a link type looks: a built-in one, or one of @project's. */
typedef struct
{
  const char *label;   /* untranslated for built-in types */
  const char *color;
  CcDash      dash;
  gboolean    builtin;
} CcLinkTypeLook;

gboolean cc_link_type_get_look    (CcProject      *project,
                                   const char     *id,
                                   CcLinkTypeLook *look);
void     cc_link_type_draw_swatch (cairo_t        *cr,
                                   int             width,
                                   int             height,
                                   CcProject      *project,
                                   const char     *type);

G_END_DECLS
