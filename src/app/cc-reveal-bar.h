/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cc-sheet-view.h"

G_BEGIN_DECLS

/* The bar that reveals a map one part at a time: the kind of reveal
 * (everything, sector, link type, stage, an organisation's neighbourhood),
 * the steps of it with their label, saving the step shown as a view of
 * the map and showing a saved view. It sets the reveal of a sheet view,
 * and follows that view's sheet and selection (the neighbourhood is the
 * selected organisation's).
 *
 * While it is drawable, keys on the sheet view drive it: R the kind,
 * . and , the next and previous step, 0 everything. */

#define CC_TYPE_REVEAL_BAR (cc_reveal_bar_get_type ())

G_DECLARE_FINAL_TYPE (CcRevealBar, cc_reveal_bar, CC, REVEAL_BAR, GtkWidget)

GtkWidget   *cc_reveal_bar_new        (void);
void         cc_reveal_bar_set_view   (CcRevealBar  *bar,
                                       CcSheetView  *view);
/* Shows @kind from its first step (CC_REVEAL_EVERYTHING: everything). */
void         cc_reveal_bar_set_kind   (CcRevealBar  *bar,
                                       CcRevealKind  kind);
CcRevealKind cc_reveal_bar_get_kind   (CcRevealBar  *bar);
/* Goes @delta steps on; FALSE, with nothing changed, when there is no such
 * step (before the first, past the last, or nothing to step through). */
gboolean     cc_reveal_bar_step       (CcRevealBar  *bar,
                                       int           delta);
/* What the step shown is called ("Public and private sector") */
const char  *cc_reveal_bar_get_label  (CcRevealBar  *bar);
/* Follows the view to the sheet it shows now. */
void         cc_reveal_bar_update     (CcRevealBar  *bar);
/* Shows everything again. */
void         cc_reveal_bar_reset      (CcRevealBar  *bar);
/* Saves what is shown as a view of the map (one undo step). */
CcItem      *cc_reveal_bar_save_view  (CcRevealBar  *bar);
/* Shows the map's view @index. */
void         cc_reveal_bar_show_view  (CcRevealBar  *bar,
                                       guint         index);

G_END_DECLS
