/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cc-countdown.h"
#include "cc-document.h"
#include "cc-inspector.h"
#include "cc-outline.h"
#include "cc-reveal-bar.h"
#include "cc-selection.h"
#include "cc-sheet-view.h"
#include "cc-start-page.h"
#include "cc-window.h"

G_BEGIN_DECLS

/* CcWindow is in four files sharing this header:
 *
 * cc-window.c          the chrome: construction, the header bar and title,
 *                      the panes, banners and toasts, the find bar, the
 *                      start page, following the document;
 * cc-window-actions.c  the win.* actions, their keys and their enabling;
 * cc-window-sheets.c   the sidebar: the list of sheets, adding, renaming,
 *                      duplicating, deleting and reordering them;
 * cc-window-file.c     opening, saving, closing and reloading, with what
 *                      they ask;
 * cc-window-present.c  presenting to a room. */

#define CONCORD_MIME_TYPE "application/x-concord"
#define CONCORD_SUFFIX    ".concord"

struct _CcWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwWindowTitle       *window_title;
  GtkToggleButton      *sidebar_button;
  GtkWidget            *outline_button;
  GtkStack             *main_stack;
  CcStartPage          *start_page;
  AdwFlap              *flap;
  GtkListBox           *sheet_list;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkRevealer          *disk_revealer;
  GtkLabel             *disk_label;
  GtkWidget            *disk_reload_button;
  GtkWidget            *disk_keep_button;
  GtkWidget            *disk_dismiss_button;
  GtkStack             *view_stack;
  CcSheetView          *sheet_view;
  GtkLabel             *zoom_label;
  GtkRevealer          *reveal_revealer;  /* the reveal bar under a map (win.reveal) */
  CcRevealBar          *reveal_bar;
  CcCountdown          *countdown;       /* over the sheet's corner; hidden until win.countdown */
  AdwToastOverlay      *toast_overlay;
  GPtrArray            *undo_toasts;    /* AdwToast*, shown, with an Undo */
  GtkRevealer          *inspector_revealer;
  CcInspector          *inspector;
  GtkRevealer          *outline_revealer;
  CcOutline            *outline;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GMenuModel           *sheet_menu;
  GMenuModel           *add_sheet_menu;
  GtkWidget            *sheet_popover;
  GtkWidget            *sidebar;
  GtkWidget            *header_bar;
  GtkWidget            *zoom_controls;
  GtkRevealer          *present_bar;
  GtkLabel             *present_label;

  CcSelection          *selection;       /* of the sheet shown */
  GPtrArray            *matches;         /* nodes found by the search bar */
  guint                 match_index;

  CcDocument           *document;        /* the project shown, its file, its watch and autosave */
  CcProject            *project;         /* the document's, followed by document_project_cb */
  GSignalGroup         *project_signals; /* on the project */
  CcItem               *sheet;           /* the sheet shown */

  GtkNativeDialog      *chooser;
  GtkWindow            *close_dialog;

  /* Changed on disk */
  GtkWindow            *disk_dialog;     /* asking before saving over another version */
  gboolean              disk_save_anyway;

  /* Presenting (cc-window-present.c), and what to give back after */
  guint                 present_bar_timeout;
  double                present_pointer_x, present_pointer_y;
  gboolean              presenting;
  gboolean              high_contrast;
  gboolean              present_was_fullscreen;
  gboolean              present_had_sheets;
  gboolean              present_had_inspector;
  gboolean              present_had_outline;

  guint                 populating : 1;
  guint                 close_after_save : 1;
  guint                 force_close : 1;
  guint                 title_asked : 1;  /* the first save asked for a title */
};

/* cc-window.c */
gboolean  _cc_window_settings_has_key          (GSettings        *settings,
                                                const char       *key,
                                                const char       *type);
void      _cc_window_update_title              (CcWindow         *self);
void      _cc_window_update_state              (CcWindow         *self);
void      _cc_window_show_banner               (CcWindow         *self,
                                                const char       *text);
void      _cc_window_show_disk_banner          (CcWindow         *self,
                                                const char       *text,
                                                gboolean          offer_reload);
void      _cc_window_hide_disk_banner          (CcWindow         *self);
void      _cc_window_show_undo_toast           (CcWindow         *self,
                                                const char       *text);
CcWindow *_cc_window_pick_target               (CcWindow         *self);
void      _cc_window_entry_enables_response_cb (GtkEditable      *entry,
                                                AdwMessageDialog *dialog);
void      _cc_window_open_hit                  (CcWindow         *self,
                                                const char       *uri,
                                                const char       *sheet_id,
                                                const char       *item_id);

/* cc-window-actions.c */
void      _cc_window_class_actions_init        (GtkWidgetClass   *widget_class);
void      _cc_window_actions_update            (CcWindow         *self);

/* cc-window-present.c */
void      _cc_window_class_present_init        (GtkWidgetClass   *widget_class);
void      _cc_window_present_init              (CcWindow         *self);
void      _cc_window_present_dispose           (CcWindow         *self);
void      _cc_window_present_sheet_changed     (CcWindow         *self);
void      _cc_window_present_update_bar        (CcWindow         *self);

/* cc-window-sheets.c */
void      _cc_window_class_sheets_init         (GtkWidgetClass   *widget_class);
void      _cc_window_sheets_init               (CcWindow         *self);
gboolean  _cc_window_project_has_sheet         (CcProject        *project,
                                                CcItem           *sheet);
void      _cc_window_show_sheet                (CcWindow         *self,
                                                CcItem           *sheet);
void      _cc_window_rebuild_sheet_list        (CcWindow         *self,
                                                guint             fallback_index);
void      _cc_window_sheets_changed_cb         (CcWindow         *self,
                                                CcChange         *change);
void      _cc_window_add_sheet                 (CcWindow         *self,
                                                const char       *type);
void      _cc_window_rename_sheet              (CcWindow         *self);
void      _cc_window_duplicate_sheet           (CcWindow         *self);
void      _cc_window_delete_sheet              (CcWindow         *self,
                                                gboolean          from_key);
void      _cc_window_step_sheet                (CcWindow         *self,
                                                int               step);

/* cc-window-file.c */
void      _cc_window_save                      (CcWindow         *self);
void      _cc_window_save_as                   (CcWindow         *self);
void      _cc_window_ask_save_changes          (CcWindow         *self);
void      _cc_window_reload                    (CcWindow         *self);

G_END_DECLS
