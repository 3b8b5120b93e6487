/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cc-selection.h"

G_BEGIN_DECLS

/* The side panel that shows and edits what is selected on a sheet: an
 * organisation, a link, a group, a force (with its action plan and
 * participants' scores), several items, or with nothing selected the
 * project's link types on a map and the change, the drawing and the
 * balance of the forces on a force field. Every edit goes through the
 * project, so it undoes, each as one step.
 *
 * Signals:
 *
 *   void show_item (CcInspector *inspector,
 *                   CcItem      *item,     (a gpointer in the signal)
 *                   gpointer     user_data);
 *
 *   "show-item" is emitted when the user asks to see an item that is on
 *   another sheet: today, a force chosen in the list of forces about an
 *   organisation (CC_FORCE_ACTOR naming it). The window is expected to show
 *   the item's sheet (cc_item_get_sheet) and select the item there. The
 *   item is borrowed: ref it to keep it. */

#define CC_TYPE_INSPECTOR (cc_inspector_get_type ())

G_DECLARE_FINAL_TYPE (CcInspector, cc_inspector, CC, INSPECTOR, GtkWidget)

GtkWidget   *cc_inspector_new           (void);
void         cc_inspector_set_selection (CcInspector *self,
                                         CcSelection *selection);
CcSelection *cc_inspector_get_selection (CcInspector *self);

/* Commits text typed but not yet committed (Enter or leaving the field). */
void         cc_inspector_commit        (CcInspector *self);

G_END_DECLS
