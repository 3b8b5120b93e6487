/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-outline.h"

G_BEGIN_DECLS

/* For tests: the list, the item a row stands for, the open name entry and
 * the menu of link types. */

GtkListBox    *cc_outline_get_list          (CcOutline     *self);
CcItem        *cc_outline_row_get_item      (GtkListBoxRow *row);
GtkListBoxRow *cc_outline_find_row          (CcOutline     *self,
                                             CcItem        *item);
GtkEditable   *cc_outline_get_entry         (CcOutline     *self);
GtkPopover    *cc_outline_get_type_popover  (CcOutline     *self);
/* The name of the page shown: "list", "empty" (a map with nothing on it)
 * or "other" (not a map). */
const char    *cc_outline_get_page          (CcOutline     *self);

G_END_DECLS
