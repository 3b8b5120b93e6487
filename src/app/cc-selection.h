/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cc-project.h"

G_BEGIN_DECLS

/* What is selected on one sheet: the items the canvas outlines and the
 * inspector edits. Items are kept in the order they were selected. Items
 * that leave the project (deleted, or undone) drop out by themselves. */

#define CC_TYPE_SELECTION (cc_selection_get_type ())

G_DECLARE_FINAL_TYPE (CcSelection, cc_selection, CC, SELECTION, GObject)

CcSelection *cc_selection_new          (void);
void         cc_selection_set_sheet    (CcSelection *self,
                                        CcProject   *project,
                                        CcItem      *sheet);
CcProject   *cc_selection_get_project  (CcSelection *self);
CcItem      *cc_selection_get_sheet    (CcSelection *self);

guint        cc_selection_get_n_items  (CcSelection *self);
CcItem      *cc_selection_get_item     (CcSelection *self,
                                        guint        index);
/* The selected items, in selection order (do not modify). */
GPtrArray   *cc_selection_get_items    (CcSelection *self);
/* The only selected item, or NULL when none or several are selected. */
CcItem      *cc_selection_get_single   (CcSelection *self);
gboolean     cc_selection_contains     (CcSelection *self,
                                        CcItem      *item);

void         cc_selection_select       (CcSelection *self,
                                        CcItem      *item);
void         cc_selection_add          (CcSelection *self,
                                        CcItem      *item);
void         cc_selection_remove       (CcSelection *self,
                                        CcItem      *item);
void         cc_selection_toggle       (CcSelection *self,
                                        CcItem      *item);
void         cc_selection_set_items    (CcSelection *self,
                                        GPtrArray   *items);
void         cc_selection_clear        (CcSelection *self);

/* Only the items of @kind among the selected ones (a new array). */
GPtrArray   *cc_selection_get_of_kind  (CcSelection *self,
                                        CcKind       kind);

G_END_DECLS
