/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-sheet-tool.h"

G_BEGIN_DECLS

/* One tool per sheet kind (see cc_sheet_tool_types()). */

#define CC_TYPE_MAP_TOOL (cc_map_tool_get_type ())
G_DECLARE_FINAL_TYPE (CcMapTool, cc_map_tool, CC, MAP_TOOL, CcSheetTool)

#define CC_TYPE_FORCEFIELD_TOOL (cc_forcefield_tool_get_type ())
G_DECLARE_FINAL_TYPE (CcForcefieldTool, cc_forcefield_tool, CC, FORCEFIELD_TOOL, CcSheetTool)

#define CC_TYPE_CANVAS_TOOL (cc_canvas_tool_get_type ())
G_DECLARE_FINAL_TYPE (CcCanvasTool, cc_canvas_tool, CC, CANVAS_TOOL, CcSheetTool)

/* A grid: a canvas whose template places organisations by their values.
 * The canvas tool has one while it shows such a canvas, for what a grid
 * adds: its toolbar of organisations to place, dropping them, moving a
 * card by the values, pasting organisations from a map. */
typedef struct _CcGrid CcGrid;

CcGrid    *cc_canvas_tool_get_grid (CcCanvasTool *self);

CcGrid    *cc_grid_new         (CcSheetTool     *tool);
void       cc_grid_free        (CcGrid          *grid);
GtkWidget *cc_grid_get_toolbar (CcGrid          *grid);
gboolean   cc_grid_is_grid     (CcItem          *sheet);
/* A card dragged from view point (x0, y0) to sheet point (sx, sy): TRUE
 * when the grid moved it by its values. */
gboolean   cc_grid_drop_card   (CcGrid          *grid,
                                CcItem          *card,
                                double           x0,
                                double           y0,
                                double           sx,
                                double           sy);
gboolean   cc_grid_nudge       (CcGrid          *grid,
                                guint            keyval,
                                GdkModifierType  state);
void       cc_grid_paste       (CcGrid          *grid,
                                GBytes          *bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcGrid, cc_grid_free)

G_END_DECLS
