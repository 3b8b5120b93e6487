/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-sheet-view.h"

G_BEGIN_DECLS

/* For tests: the view's input controllers, so that tests can emit their
 * signals with computed coordinates, and the inline name entry. */

GtkGesture         *cc_sheet_view_get_click_gesture   (CcSheetView *self);
GtkGesture         *cc_sheet_view_get_drag_gesture    (CcSheetView *self);
/* Grids: the button over the sheet listing the organisations to place, and
 * its list (filled when it opens). */
GtkMenuButton      *cc_sheet_view_get_place_button    (CcSheetView *self);
GtkListBox         *cc_sheet_view_get_place_list      (CcSheetView *self);
/* The text of a card being written, or NULL when no card is. */
GtkTextView        *cc_sheet_view_get_card_text       (CcSheetView *self);
GtkEventController *cc_sheet_view_get_key_controller  (CcSheetView *self);
/* The open inline entry, or NULL; and its own key controller. */
GtkEntry           *cc_sheet_view_get_entry           (CcSheetView *self);
GtkEventController *cc_sheet_view_get_entry_key_controller (CcSheetView *self);
/* The force-field tools' "more" menu, for the tools that do not fit. */
GtkMenuButton      *cc_sheet_view_get_more_button     (CcSheetView *self);
GtkWidget          *cc_sheet_view_get_tools           (CcSheetView *self);
/* The organisations the open entry suggests. */
GtkListBox         *cc_sheet_view_get_suggestions     (CcSheetView *self);
/* Modifiers to assume when a controller has no current event. */
void                cc_sheet_view_set_test_modifiers  (CcSheetView    *self,
                                                       GdkModifierType state);
void                cc_sheet_view_sheet_to_view       (CcSheetView *self,
                                                       double       sx,
                                                       double       sy,
                                                       double      *x,
                                                       double      *y);
/* The button that picks the type of new links, and what it reads. */
GtkMenuButton      *cc_sheet_view_get_link_type_button (CcSheetView *self);
const char         *cc_sheet_view_get_link_type_text   (CcSheetView *self);

G_END_DECLS
