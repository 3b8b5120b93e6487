/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cc-selection.h"

G_BEGIN_DECLS

/* The outline panel: the organisations and links of the map a selection
 * belongs to, as rows of a list that screen readers and the keyboard reach
 * like any other. Choosing rows selects their items in the selection (and so
 * on the canvas); the rows follow the selection made elsewhere and every
 * change to the project, undo included. F2 or Enter renames an organisation
 * in its row, or opens the list of link types on a link; keys 1–4 give the
 * selected links a built-in type; Delete removes what is selected. Every
 * edit goes through the project as one undo step.
 *
 * Signals:
 *   show-item (CcItem *item): the user chose @item in the list; the canvas
 *     may bring it into view.
 *   deleted (const char *message): the user deleted items; @message says
 *     what went, for a notification with Undo. */

#define CC_TYPE_OUTLINE (cc_outline_get_type ())

G_DECLARE_FINAL_TYPE (CcOutline, cc_outline, CC, OUTLINE, GtkWidget)

GtkWidget   *cc_outline_new           (void);
void         cc_outline_set_selection (CcOutline   *self,
                                       CcSelection *selection);
CcSelection *cc_outline_get_selection (CcOutline   *self);
/* Puts the keyboard on the first selected row, or the first row. */
gboolean     cc_outline_grab_focus    (CcOutline   *self);

G_END_DECLS
