/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cc-store.h"

G_BEGIN_DECLS

/* What a window shows when no project is open: four ways to start a new
 * project, buttons to open a file or the example, the recent projects of a
 * CcStore as cards (with their thumbnails, folders and dates; a project whose
 * file has gone is shown as missing and can be removed from the list), and a
 * search of every project the store has indexed.
 *
 * The "Open…" and "Open the Example" buttons use the actions "win.open" and
 * "win.open-example", so they work once the page is inside a CcWindow.
 * Everything else is told with signals; the page opens nothing itself.
 *
 * Keyboard: typing anywhere on the page goes to the search; Down from the
 * search goes into the results (or the recent projects), Up from the first
 * of them back; Enter opens; Menu or Shift+F10 on a recent project offers
 * "Remove from List", which Delete does at once.
 *
 * Signals:
 *   new-project (const char *starting_point): one of "empty", "map",
 *     "forcefield" or "canvas".
 *   open (GFile *file): a recent project was chosen (its file exists).
 *   open-hit (const char *uri, const char *sheet_id, const char *item_id):
 *     a search hit was chosen; @sheet_id and @item_id may be NULL (the hit
 *     is the project itself, or an organisation on no sheet). */

#define CC_TYPE_START_PAGE (cc_start_page_get_type ())

G_DECLARE_FINAL_TYPE (CcStartPage, cc_start_page, CC, START_PAGE, GtkWidget)

/* How many recent projects are shown, and search hits listed. */
#define CC_START_PAGE_MAX_RECENT 24
#define CC_START_PAGE_MAX_HITS   50

CcStartPage *cc_start_page_new              (void);
/* @store may be NULL: then the recent projects and the search are hidden and
 * a short explanation shown instead. Reloads. */
void         cc_start_page_set_store        (CcStartPage *self,
                                             CcStore     *store);
CcStore     *cc_start_page_get_store        (CcStartPage *self);
/* Reads the recent projects again, and runs the search again if there is
 * one: call it whenever the page is shown. */
void         cc_start_page_reload           (CcStartPage *self);

/* For tests: the search entry (a GtkSearchEntry), the GtkFlowBox of recent
 * project cards (each child holds widgets named "title", "folder", "date",
 * and for a missing project "missing" and "remove") and the GtkListBox of
 * search hits (each row holds "title" and "subtitle", and "missing"). The
 * New Project buttons are named "new-empty", "new-map", "new-forcefield"
 * and "new-canvas". */
GtkWidget   *cc_start_page_get_search_entry (CcStartPage *self);
GtkWidget   *cc_start_page_get_recent_box   (CcStartPage *self);
GtkWidget   *cc_start_page_get_results      (CcStartPage *self);

G_END_DECLS
