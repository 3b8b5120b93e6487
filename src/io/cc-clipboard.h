/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-project.h"

G_BEGIN_DECLS

/* Copy and paste of map items, within a project and between projects.
 *
 * What is copied is itself a small, valid Concord project: the copied nodes
 * on one map, the links between them, the groups whose members are all
 * copied, and the actors and project link types they use. Pasting reads it
 * with the same strict loader as any file, so nothing pasted can be
 * malformed. */

#define CC_CLIPBOARD_MIME_TYPE "application/x-concord"

/* The nodes among @items (with the links between them, even unselected
 * ones, and the groups wholly inside them), as project text. NULL when no
 * node is among @items. */
GBytes    *cc_clipboard_copy  (CcProject  *project,
                               CcItem     *sheet,
                               GPtrArray  *items);

/* Adds what @data holds to @sheet, offset by (@dx, @dy), as one undo step.
 * Actors come along: one with the same id and name, or else the same name,
 * is reused; others are added. Returns the new nodes, links and groups, or
 * NULL with @error set when @data is not a copied map. */
GPtrArray *cc_clipboard_paste (CcProject  *project,
                               CcItem     *sheet,
                               const char *data,
                               gsize       len,
                               double      dx,
                               double      dy,
                               GError    **error);

/* Places the organisations of copied map items on the grid canvas @sheet
 * (actors come along as for cc_clipboard_paste()): each at its values on
 * the grid's axes where it has them, the others spread from (@fx, @fy) of
 * the grid. One undo step. Returns their cards, or NULL with @error set. */
GPtrArray *cc_clipboard_paste_on_grid (CcProject  *project,
                                       CcItem     *sheet,
                                       const char *data,
                                       gsize       len,
                                       double      fx,
                                       double      fy,
                                       GError    **error);

G_END_DECLS
