/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cc-selection.h"

G_BEGIN_DECLS

/* The side panel that shows and edits what is selected on a sheet: an
 * organisation, a link, a group, several items, or (with nothing selected)
 * the project's link types. Every edit goes through the project, so it
 * undoes. */

#define CC_TYPE_INSPECTOR (cc_inspector_get_type ())

G_DECLARE_FINAL_TYPE (CcInspector, cc_inspector, CC, INSPECTOR, GtkWidget)

GtkWidget   *cc_inspector_new           (void);
void         cc_inspector_set_selection (CcInspector *self,
                                         CcSelection *selection);
CcSelection *cc_inspector_get_selection (CcInspector *self);

/* Commits text typed but not yet committed (Enter or leaving the field). */
void         cc_inspector_commit        (CcInspector *self);

G_END_DECLS
