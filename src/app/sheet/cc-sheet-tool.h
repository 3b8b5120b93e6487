/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cc-project.h"
#include "cc-render.h"
#include "cc-selection.h"
#include "cc-sheet-view-private.h"

G_BEGIN_DECLS

/* What a sheet of one kind means under the pointer and the keyboard.
 *
 * The view keeps what every sheet shares (the viewport, zoom and pan,
 * fitting, the cached drawing, the selection, the inline entry and the
 * keys that pan) and hands the rest to the tool of the sheet's kind, picked
 * from one table (cc_sheet_tool_type_for_sheet()), as the renderer picks a
 * renderer. A view makes one tool of each kind and keeps them, so what a
 * tool remembers (the type of new links, say) outlives a change of sheet. */

#define CC_TYPE_SHEET_TOOL (cc_sheet_tool_get_type ())

typedef struct _CcSheetTool      CcSheetTool;
typedef struct _CcSheetToolClass CcSheetToolClass;

GType cc_sheet_tool_get_type (void) G_GNUC_CONST;

#define CC_SHEET_TOOL(o)           (G_TYPE_CHECK_INSTANCE_CAST ((o), CC_TYPE_SHEET_TOOL, CcSheetTool))
#define CC_IS_SHEET_TOOL(o)        (G_TYPE_CHECK_INSTANCE_TYPE ((o), CC_TYPE_SHEET_TOOL))
#define CC_SHEET_TOOL_CLASS(k)     (G_TYPE_CHECK_CLASS_CAST ((k), CC_TYPE_SHEET_TOOL, CcSheetToolClass))
#define CC_SHEET_TOOL_GET_CLASS(o) (G_TYPE_INSTANCE_GET_CLASS ((o), CC_TYPE_SHEET_TOOL, CcSheetToolClass))

/* Given to a tool when the view shows a sheet of its kind, taken back when
 * it shows another: the context the tool works in. */
struct _CcSheetTool
{
  GObject      parent_instance;

  CcSheetView *view;        /* not a ref: the view owns its tools */
  CcProject   *project;     /* while attached, else NULL */
  CcItem      *sheet;
  CcSelection *selection;
};

/* What a press starts. */
typedef enum
{
  CC_SHEET_DRAG_NONE,   /* nothing: the press is refused */
  CC_SHEET_DRAG_PAN,    /* the view pans */
  CC_SHEET_DRAG_TOOL,   /* the tool follows the drag */
} CcSheetDrag;

/* How the inline entry opens. */
typedef enum
{
  CC_SHEET_ENTRY_LINE     = 0,
  CC_SHEET_ENTRY_TEXT     = 1 << 0,  /* several lines (Shift+Enter starts one) */
  CC_SHEET_ENTRY_SUGGEST  = 1 << 1,  /* offer the project's organisations */
  CC_SHEET_ENTRY_REPEAT   = 1 << 2,  /* Enter commits and asks for the next */
  CC_SHEET_ENTRY_WIDE     = 1 << 3,  /* for a line of several names */
  CC_SHEET_ENTRY_COMPLETE = 1 << 4,  /* offer organisations for the name being
                                      * typed after "--" or "->", and complete it */
} CcSheetEntryFlags;

/* An action a tool adds to the view ("canvas.NAME"), with the type of its
 * parameter (NULL for none). */
typedef struct
{
  const char *name;
  const char *param_type;
  void      (*activate) (CcSheetTool *tool,
                         const char  *name,
                         GVariant    *param);
} CcSheetToolAction;

struct _CcSheetToolClass
{
  GObjectClass parent_class;

  /* The sheet kinds it serves; a tool whose matches() is NULL takes every
   * sheet of @kind. */
  CcKind       kind;
  gboolean   (*matches)          (CcItem *sheet);

  /* Its own actions, and whether each (and each shared one) can be used now. */
  const CcSheetToolAction *actions;
  guint        n_actions;
  gboolean   (*action_enabled)   (CcSheetTool *tool,
                                  const char  *name);

  /* Made once (a new reference), shown over the top-left corner while the
   * tool is in use. */
  GtkWidget *(*create_toolbar)   (CcSheetTool *tool);
  void       (*attach)           (CcSheetTool *tool);
  void       (*detach)           (CcSheetTool *tool);
  /* After a step, and when the selection or the type of new links
   * changed: what the tool shows, brought up to date. */
  void       (*step_done)        (CcSheetTool *tool);
  void       (*update)           (CcSheetTool *tool);

  /* A press at view point (x, y); then the offsets from it. */
  CcSheetDrag (*drag_begin)      (CcSheetTool    *tool,
                                  double          x,
                                  double          y,
                                  GdkModifierType state);
  void       (*drag_update)      (CcSheetTool *tool,
                                  double       dx,
                                  double       dy);
  void       (*drag_end)         (CcSheetTool *tool,
                                  double       dx,
                                  double       dy,
                                  gboolean     moved);
  void       (*drag_reset)       (CcSheetTool *tool);
  /* What is dragged apart from the rest of the sheet, and by how much. */
  CcRenderMoving *(*get_moving)  (CcSheetTool *tool,
                                  double      *dx,
                                  double      *dy);
  /* A double-click, and a right-click, at view point (x, y). */
  void       (*activate)         (CcSheetTool *tool,
                                  double       x,
                                  double       y);
  void       (*context_menu)     (CcSheetTool *tool,
                                  double       x,
                                  double       y);
  /* Keys, before the view's own. */
  gboolean   (*key_pressed)      (CcSheetTool    *tool,
                                  guint           keyval,
                                  GdkModifierType state);
  /* The inline entry the tool opened: kept (with @actor, the organisation
   * chosen among the suggestions, if any), or dropped. */
  void       (*entry_commit)     (CcSheetTool *tool,
                                  const char  *text,
                                  CcItem      *actor,
                                  gboolean     chain);
  void       (*entry_cancel)     (CcSheetTool *tool);
  /* Over the drawing, in view pixels. */
  void       (*draw_overlay)     (CcSheetTool   *tool,
                                  cairo_t       *cr,
                                  const GdkRGBA *accent);
  /* Before the toolbar is measured for a width. */
  void       (*allocate)         (CcSheetTool *tool,
                                  int          width,
                                  int          height);

  /* The shared edits; one a tool leaves NULL is off on its sheets. */
  void       (*select_all)       (CcSheetTool *tool);
  void       (*delete_selection) (CcSheetTool *tool);
  GBytes    *(*copy)             (CcSheetTool *tool,
                                  gboolean     cut);
  void       (*paste)            (CcSheetTool *tool,
                                  GBytes      *bytes);

  /* The view's switches ("show-legend", "planned-view", "vertical"): what
   * they are on this sheet, and a change of one (an edit, to undo). */
  gboolean   (*get_switch)       (CcSheetTool *tool,
                                  const char  *name);
  void       (*set_switch)       (CcSheetTool *tool,
                                  const char  *name,
                                  gboolean     on);
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcSheetTool, g_object_unref)

/* The kind -> tool table. */
const GType *cc_sheet_tool_types          (guint          *n_types);
GType        cc_sheet_tool_type_for_sheet (CcItem         *sheet);

/* Selects @item on a press, or adds or takes it away with Shift or Ctrl.
 * Returns whether it was selected before. */
gboolean     cc_sheet_tool_press_select   (CcSheetTool    *tool,
                                           CcItem         *item,
                                           GdkModifierType state,
                                           gboolean       *additive);
/* What a click (a press not dragged) on @item does in the end. */
void         cc_sheet_tool_click_select   (CcSheetTool    *tool,
                                           CcItem         *item,
                                           gboolean        was_selected,
                                           gboolean        additive);
gboolean     cc_sheet_tool_is_active      (CcSheetTool    *tool);
/* Holds a reference to @item (or none) in @field, letting go of the last. */
void         cc_sheet_tool_set_item       (CcItem        **field,
                                           CcItem         *item);
/* Overlays, view pixels: the round handle a link or arrow is dragged from;
 * the current path stroked dashed in the accent colour (and cleared). */
void         cc_sheet_tool_draw_handle    (cairo_t        *cr,
                                           const GdkRGBA  *accent,
                                           double          x,
                                           double          y);
void         cc_sheet_tool_stroke_dashed  (cairo_t        *cr,
                                           const GdkRGBA  *accent,
                                           double          width,
                                           double          on,
                                           double          off);
GtkBuilder  *cc_sheet_tool_load_toolbar   (const char     *name,
                                           GtkWidget     **toolbar);

/* ---- the view, as its tools see it --------------------------------------- */

#define CC_SHEET_ADD_TO_SELECTION (GDK_SHIFT_MASK | GDK_CONTROL_MASK)
#define CC_SHEET_BOTTOM_INSET 56.0   /* room left for controls floating over the bottom */
#define CC_SHEET_HANDLE_R     6.0    /* a link handle's radius, pixels */
#define CC_SHEET_DUP_OFFSET   30.0   /* points between a copy and what it copies */

const CcRenderOptions *cc_sheet_view_screen_options (CcSheetView *view);
CcSheetTool  *cc_sheet_view_find_tool       (CcSheetView       *self,
                                             GType              type);
void          cc_sheet_view_view_to_sheet   (CcSheetView       *self,
                                             double             x,
                                             double             y,
                                             double            *sx,
                                             double            *sy);
/* The box the renderer lays @item out in (sheet points), kept until the
 * next change; and the same in view pixels. */
gboolean      cc_sheet_view_get_box         (CcSheetView       *self,
                                             CcItem            *item,
                                             CcRect            *out);
gboolean      cc_sheet_view_get_view_box    (CcSheetView       *self,
                                             CcItem            *item,
                                             CcRect            *out);
const CcRect *cc_sheet_view_get_bounds      (CcSheetView       *self);
/* What the renderer has at view point (x, y). */
gboolean      cc_sheet_view_hit_detail      (CcSheetView       *self,
                                             double             x,
                                             double             y,
                                             CcHit             *hit);
CcItem       *cc_sheet_view_hit_item        (CcSheetView       *self,
                                             double             x,
                                             double             y);
/* The selected item whose handle (right edge, middle) is at (x, y). */
CcItem       *cc_sheet_view_handle_at       (CcSheetView       *self,
                                             double             x,
                                             double             y);
void          cc_sheet_view_reveal_item     (CcSheetView       *self,
                                             CcItem            *item);
/* The same for a box of the sheet (sheet points): its top left corner
 * wins when it is bigger than the view. */
void          cc_sheet_view_reveal_box      (CcSheetView       *self,
                                             const CcRect      *box);
void          cc_sheet_view_center_on       (CcSheetView       *self,
                                             double             sx,
                                             double             sy);
void          cc_sheet_view_get_center      (CcSheetView       *self,
                                             double            *sx,
                                             double            *sy);
void          cc_sheet_view_emit_deleted    (CcSheetView       *self,
                                             const char        *message);
/* Ends a drag of the tool's, as Escape does. */
void          cc_sheet_view_drag_reset      (CcSheetView       *self);
/* The actions and toolbar of the tool, brought up to date. */
void          cc_sheet_view_update          (CcSheetView       *self);
/* A popover of the tool's, parented to the view, pointing at @at (view
 * pixels) or, when NULL, beside @item when that is in view. */
void          cc_sheet_view_popup           (CcSheetView        *self,
                                             GtkWidget          *popover,
                                             const GdkRectangle *at,
                                             CcItem             *item);
GtkWidget    *cc_sheet_view_add_popover     (CcSheetView        *self,
                                             GMenuModel         *model);
/* A pill of text centred at (cx, y), large enough to read from the back. */
void          cc_sheet_view_draw_banner     (CcSheetView       *self,
                                             cairo_t           *cr,
                                             const char        *text,
                                             double             cx,
                                             double             y);

/* The inline entry, over sheet point (sx, sy), showing @hint (its
 * accessible label too) while it is empty. */
void          cc_sheet_view_open_entry      (CcSheetView       *self,
                                             double             sx,
                                             double             sy,
                                             const char        *text,
                                             const char        *hint,
                                             CcSheetEntryFlags  flags,
                                             CcItem            *not_actor);
gboolean      cc_sheet_view_entry_is_open   (CcSheetView       *self);
void          cc_sheet_view_set_entry_error (CcSheetView       *self,
                                             const char        *message,
                                             int                at);
void          cc_sheet_view_get_entry_point (CcSheetView       *self,
                                             double            *sx,
                                             double            *sy);
void          cc_sheet_view_cancel_entry    (CcSheetView       *self);

G_END_DECLS
