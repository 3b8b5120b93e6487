/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cc-project.h"
#include "cc-render.h"
#include "cc-selection.h"

G_BEGIN_DECLS

#define CC_SHEET_VIEW_MIN_ZOOM 0.05
#define CC_SHEET_VIEW_MAX_ZOOM 8.0

/* Presenting: a map's names at least this many pixels tall (their font's
 * size), link labels and the legend in proportion (at least 14), their
 * text grown at most this many times */
#define CC_SHEET_PRESENT_NAME_PX   21.0
#define CC_SHEET_PRESENT_MAX_SCALE 4.0

#define CC_TYPE_SHEET_VIEW (cc_sheet_view_get_type ())

G_DECLARE_FINAL_TYPE (CcSheetView, cc_sheet_view, CC, SHEET_VIEW, GtkWidget)

GtkWidget *cc_sheet_view_new              (void);
void       cc_sheet_view_set_sheet        (CcSheetView *self,
                                           CcProject   *project,
                                           CcItem      *sheet);
CcProject *cc_sheet_view_get_project      (CcSheetView *self);
CcItem    *cc_sheet_view_get_sheet        (CcSheetView *self);

/* Zoom is in device-independent pixels per sheet point (1.0 = 100 %). */
double     cc_sheet_view_get_zoom         (CcSheetView *self);
void       cc_sheet_view_set_presenting   (CcSheetView *self,
                                           gboolean     presenting);
gboolean   cc_sheet_view_get_presenting   (CcSheetView *self);
double     cc_sheet_view_get_text_scale   (CcSheetView *self);
void       cc_sheet_view_set_high_contrast (CcSheetView *self,
                                            gboolean     high_contrast);
/* Where a map's @node is drawn (moved aside, set for a room) */
void       cc_sheet_view_get_node_centre  (CcSheetView *self,
                                           CcItem      *node,
                                           double      *x,
                                           double      *y);
void       cc_sheet_view_set_zoom         (CcSheetView *self,
                                           double       zoom);
void       cc_sheet_view_zoom_at          (CcSheetView *self,
                                           double       zoom,
                                           double       x,
                                           double       y);
void       cc_sheet_view_zoom_in          (CcSheetView *self);
void       cc_sheet_view_zoom_out         (CcSheetView *self);
void       cc_sheet_view_zoom_fit         (CcSheetView *self);

/* Scrolls by a distance in widget pixels. */
void       cc_sheet_view_pan              (CcSheetView *self,
                                           double       dx,
                                           double       dy);
/* The part of the sheet in view, in sheet coordinates. */
void       cc_sheet_view_get_visible_area (CcSheetView *self,
                                           CcRect      *area);

/* What is selected on the sheet shown; reset when the sheet changes. */
CcSelection *cc_sheet_view_get_selection  (CcSheetView *self);
gboolean     cc_sheet_view_handle_key     (CcSheetView     *self,
                                           guint            keyval,
                                           GdkModifierType  state);

/* The link type new links get on maps (keys 1-4: "informal", "strategic",
 * "statutory", "delivery"; or a project link type id). */
const char *cc_sheet_view_get_link_type   (CcSheetView *self);
void        cc_sheet_view_set_link_type   (CcSheetView *self,
                                           const char  *type);

/* What of a map is shown, the rest drawn dimmed (a copy is kept); NULL
 * shows everything. Cleared when the sheet changes. */
void            cc_sheet_view_set_reveal  (CcSheetView    *self,
                                           const CcReveal *reveal);
const CcReveal *cc_sheet_view_get_reveal  (CcSheetView    *self);

G_END_DECLS
