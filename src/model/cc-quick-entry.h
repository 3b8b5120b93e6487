/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-map-edit.h"
#include "cc-project.h"

G_BEGIN_DECLS

/* Quick entry: one line per thing a room calls out, for a map.
 *
 *   Riverside Council                      an organisation (added, or found)
 *   Riverside Council [public]             with its sector, or kind
 *   Riverside Council [vol, board]         several, any unambiguous start
 *   Riverside Council -- NHS Board         a link between them
 *   Riverside Council -> NHS Board         a directed link
 *   ... -- ... : statutory 4               the link's type and strength
 *
 * Sectors: public, private, voluntary, community, other. Kinds:
 * organisation, board (a partnership body), group (a working group),
 * person. Types: the built-in ones (informal, strategic, statutory,
 * delivery) and the project's, by label or id. Names match ignoring case
 * and the spaces around them. */

typedef struct
{
  char *name;
  int   sector;   /* a CcSector, or -1 when not given */
  int   kind;     /* a CcActorKind, or -1 */
} CcQuickEnd;

typedef struct
{
  CcQuickEnd  ends[2];
  gboolean    link;       /* a second end was given */
  gboolean    directed;
  char       *type;       /* a link type id, or NULL when not given */
  int         strength;   /* 1 to 5, or 0 when not given */
} CcQuickLine;

/* Reads @text. FALSE, with @error saying what is wrong and *@error_at (if
 * not NULL) the byte offset it is at, when the line cannot be read. */
gboolean   cc_quick_line_parse (CcProject    *project,
                                const char   *text,
                                CcQuickLine  *line,
                                int          *error_at,
                                GError      **error);
void       cc_quick_line_clear (CcQuickLine  *line);

/* Does what @line says on the map @sheet, as one step: organisations not
 * on it are placed in free space nearest (@x, @y) (the second beside the
 * first), clear of every other node (cc_map_free_point()); found ones
 * take the sector or kind given, and the link is added (or, between two
 * linked already, given the type, strength and direction). Returns the
 * nodes and the link, to select. */
GPtrArray *cc_quick_line_apply (CcProject         *project,
                                CcItem            *sheet,
                                const CcQuickLine *line,
                                double             x,
                                double             y);

/* The same, keeping new organisations clear also of the @n_boxes @boxes
 * (groups, the legend, the title, nodes as drawn), which the editor asks
 * the renderer for. A new organisation linked to one on the map is placed
 * beside that one rather than near (@x, @y), on the side towards it; it
 * joins no group. */
GPtrArray *cc_quick_line_apply_clear_of (CcProject         *project,
                                         CcItem            *sheet,
                                         const CcQuickLine *line,
                                         double             x,
                                         double             y,
                                         const CcMapBox    *boxes,
                                         guint              n_boxes);

/* The words that complete a link type being typed after the “:” from
 * @start, ignoring case: the built-in types by id, the project's by name
 * (found by name or id). Newly allocated strings, built-in ones first. */
GPtrArray *cc_quick_link_types_starting (CcProject         *project,
                                         const char        *start);

G_END_DECLS
