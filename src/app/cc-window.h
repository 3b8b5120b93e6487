/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cc-countdown.h"
#include "cc-document.h"
#include "cc-project.h"
#include "cc-sheet-view.h"
#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_WINDOW (cc_window_get_type ())

G_DECLARE_FINAL_TYPE (CcWindow, cc_window, CC, WINDOW, AdwApplicationWindow)

CcWindow    *cc_window_new              (GtkApplication *application);

/* Opens @file: in this window when it holds an untouched empty project,
 * else in a new one. Problems in the file are reported in dialogs. */
void         cc_window_open             (CcWindow       *self,
                                         GFile          *file);
void         cc_window_open_example     (CcWindow       *self);
void         cc_window_show_open_dialog (CcWindow       *self);

/* Shows @project, saved in @file (NULL: not saved anywhere yet). */
void         cc_window_set_project      (CcWindow       *self,
                                         CcProject      *project,
                                         GFile          *file);
CcProject   *cc_window_get_project      (CcWindow       *self);
GFile       *cc_window_get_file         (CcWindow       *self);
/* The project shown together with its file, watch and autosave. */
CcDocument  *cc_window_get_document     (CcWindow       *self);
gboolean     cc_window_is_untouched     (CcWindow       *self);

CcItem      *cc_window_get_sheet        (CcWindow       *self);
void         cc_window_select_sheet     (CcWindow       *self,
                                         CcItem         *sheet);
CcSheetView *cc_window_get_sheet_view   (CcWindow       *self);

/* Presenting the sheet shown to a room: full screen, the sheet alone, its
 * text set for the back of the room (win.present, F5) */
void         cc_window_set_presenting   (CcWindow       *self,
                                         gboolean        presenting);
gboolean     cc_window_get_presenting   (CcWindow       *self);
/* For a washed-out projector (win.high-contrast), remembered */
void         cc_window_set_high_contrast (CcWindow      *self,
                                          gboolean       high_contrast);
GtkListBox  *cc_window_get_sheet_list   (CcWindow       *self);
/* The countdown over the sheet's top-right corner (win.countdown shows
 * and hides it). */
CcCountdown *cc_window_get_countdown    (CcWindow       *self);

/* Opens an autosave snapshot's project, modified and bound to its file;
 * returns the window it is in. */
CcWindow    *cc_window_restore_snapshot (CcWindow             *self,
                                         CcStore              *store,
                                         const CcSnapshotInfo *info,
                                         GError              **error);
/* Starts a new project, empty or with a first "map", "forcefield" or
 * "canvas"; returns the window it is in. */
CcWindow    *cc_window_new_project      (CcWindow       *self,
                                         const char     *starting_point);
/* Shows a sheet (by id, or NULL) with an item (by id, or NULL) selected. */
void         cc_window_show_item        (CcWindow       *self,
                                         const char     *sheet_id,
                                         const char     *item_id);

/* The window of @application (NULL: of none) that shows @file, if any. */
CcWindow    *cc_window_lookup_for_file  (GtkApplication *application,
                                         GFile          *file);

G_END_DECLS
