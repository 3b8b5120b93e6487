/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-sheet-tool.h"
#include "cc-sheet-view-private.h"

G_BEGIN_DECLS

/* What the view's own files (the view, its entry, its actions) share. */

/* What the cached drawing of the sheet was made for. */
typedef struct
{
  CcItem  *sheet;
  guint64  serial;
  double   zoom, center_x, center_y, width, height;
  int      scale;
  gboolean still;    /* without what is being dragged */
  double   text_scale;
  gboolean high_contrast;
} DrawingKey;

struct _CcSheetView
{
  GtkWidget  parent_instance;

  CcProject *project;
  CcItem    *sheet;

  /* One tool of each kind (cc_sheet_tool_types()), and the one the sheet
   * shown takes (NULL for a sheet no tool takes). */
  CcSheetTool **tools;
  GtkWidget   **toolbars;
  guint         n_tools;
  CcSheetTool  *tool;

  /* The sheet as last drawn: reused while neither the project nor the view
   * changes (a drag, a selection, a hover), so the renderer keeps its
   * texture and only the overlay is drawn again. */
  GskRenderNode *drawing;
  DrawingKey     drawing_key;
  cairo_surface_t *drawing_pixels;   /* the drawing's, to draw again only what changed */
  guint64        drawing_changes;    /* the project's change count it was drawn at */
  guint64        content_serial;
  CcReveal      *reveal;           /* what of a map is shown, the rest dimmed; NULL: everything */

  double     zoom;
  double     center_x;
  double     center_y;
  gboolean   needs_fit;
  gboolean   step_pending;   /* the project changed since the last step's end */
  /* Fitted, and the user has not zoomed since: the view keeps the whole
   * sheet fitted as the view and the sheet change. */
  gboolean   follows_fit;
  int        fit_width, fit_height;   /* the size the view was last allocated */
  /* Moving to a new fit after an edit, smoothly */
  guint      fit_tick;
  gint64     fit_start;
  double     fit_from_zoom, fit_from_x, fit_from_y;
  double     fit_to_zoom, fit_to_x, fit_to_y;

  CcRect     bounds;
  gboolean   bounds_valid;

  /* Presenting (cc_sheet_view_set_presenting()): a map's text set for the
   * room at the text scale, and, where the map is too large for the view
   * at that size, the view following what is edited rather than fitted. */
  gboolean   presenting;
  gboolean   overflows;
  gboolean   high_contrast;
  double     text_scale;
  CcRenderOptions screen_options;

  /* Pointer, for zooming around it. */
  double     pointer_x;
  double     pointer_y;
  gboolean   has_pointer;

  /* A press: panned by the view, or followed by the tool. */
  CcSheetDrag drag;
  double     drag_x, drag_y;     /* where the press was, view pixels */
  gboolean   drag_moved;
  double     drag_center_x;
  double     drag_center_y;

  CcSelection *selection;
  char        *link_type;
  GHashTable  *boxes;            /* CcItem* -> CcRect*, sheet coordinates */
  GtkGesture  *click;
  GtkGesture  *drag_gesture;
  GtkEventController *key;
  GdkModifierType test_state;
  gboolean     space_held;
  guint        open_idle;

  /* The inline entry (cc-sheet-entry.c). */
  GtkWidget   *editor;           /* box: entry over suggestions */
  GtkWidget   *entry;
  GtkWidget   *suggestions;
  GtkWidget   *entry_error;      /* why the text cannot be taken */
  GtkEventController *entry_key;
  GtkWidget   *card_scroller;    /* a text of several lines */
  GtkWidget   *card_text;
  GPtrArray   *matches;          /* CcItem* actors, refs */
  GPtrArray   *type_words;       /* or, after a link's ":", link types (char*) */
  gboolean     entry_open;
  CcSheetEntryFlags entry_flags;
  CcItem      *entry_not_actor;  /* not suggested */
  guint        edit_session;
  gboolean     committing;
  double       edit_x, edit_y;   /* sheet point */

  /* The tools' toolbars, over the top-left corner. */
  GtkWidget   *toolbar;

  /* Pinch to zoom. */
  double     pinch_zoom;
  double     pinch_sheet_x;
  double     pinch_sheet_y;
};

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_LINK_TYPE,
  PROP_SHOW_LEGEND,
  PROP_PLANNED_VIEW,
  PROP_VERTICAL,
  PROP_PRESENTING,
  PROP_TEXT_SCALE,
  N_PROPS
};

extern GParamSpec *cc_sheet_view_properties[N_PROPS];

/* cc-sheet-view.c: the toolbar shown, as the tool and presenting are now */
void     cc_sheet_view_tools_update     (CcSheetView *self);

/* cc-sheet-viewport.c */
void     cc_sheet_viewport_init         (CcSheetView *self);
void     cc_sheet_viewport_constrain    (CcSheetView *self);
void     cc_sheet_viewport_fit          (CcSheetView *self);
void     cc_sheet_viewport_refit_smoothly (CcSheetView *self);
/* Redraws, and moves the inline entry along with the sheet. */
void     cc_sheet_viewport_view_changed (CcSheetView *self);
/* How the view draws and lays out the sheet: as on screen, with prompts, at
 * the text scale */
void     cc_sheet_viewport_options      (CcSheetView     *self,
                                         CcRenderOptions *options);

/* cc-sheet-entry.c */
void     cc_sheet_entry_init      (CcSheetView *self);
void     cc_sheet_entry_dispose   (CcSheetView *self);
void     cc_sheet_entry_commit    (CcSheetView *self,
                                   gboolean     chain,
                                   CcItem      *actor);
void     cc_sheet_entry_allocate  (CcSheetView *self,
                                   int          width,
                                   int          height);

/* cc-sheet-view-actions.c */
void     cc_sheet_view_class_install_actions (GtkWidgetClass *widget_class);
void     cc_sheet_view_actions_update        (CcSheetView    *self);

G_END_DECLS
