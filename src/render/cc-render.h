/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cc-geometry.h"
#include "cc-project.h"
#include "cc-reveal.h"

G_BEGIN_DECLS

/* One renderer for screen, print and export. Sheet coordinates are points
 * (1/72 inch) at 100 %; the caller sets the transform on @cr. The drawing is
 * always on white paper with fixed colours, whatever the desktop theme. */

#define CC_RENDER_MARGIN      36.0  /* paper around the drawing, points */
#define CC_RENDER_LEGEND_GAP  40.0  /* between a map and its legend, points */
#define CC_RENDER_NAME_SIZE   11.0  /* an organisation's name on a map, points */

/* While organisations of a map are dragged, the view draws the rest once
 * (CC_RENDER_STILL) and only what moves on every frame (CC_RENDER_MOVING):
 * the moving nodes, the links that hang on them and the groups they are in.
 * What that is, is worked out once for the drag (see cc_render_moving_new()),
 * so that a frame costs what moves, not the size of the map. */
typedef struct _CcRenderMoving CcRenderMoving;

typedef enum
{
  CC_RENDER_ALL,
  CC_RENDER_STILL,
  CC_RENDER_MOVING,
} CcRenderPart;

typedef struct
{
  gboolean     paper;          /* fill the bounds with white first */
  gboolean     legend;         /* draw the sheet's legend (if the sheet shows it) */
  const CcRect *visible;       /* sheet area in view, for culling; NULL: all */
  double       scale;          /* device pixels per sheet point, for detail; 0: 1 */
  CcRenderPart part;           /* maps only; others draw everything */
  CcRenderMoving *moving;      /* the nodes being dragged, or NULL */
  double       move_dx;        /* how far they are dragged, sheet points */
  double       move_dy;
  gboolean     prompts;        /* on screen: invite to fill in what is empty */
  /* For a room (presentation): a map's organisations, names, links, labels,
   * legend and title drawn this many times larger, each around where it
   * stands, so that text grows while the map keeps its shape (0 or 1: as on
   * paper). Organisations that would come to cover each other are pushed
   * apart as far as needed. */
  double       text_scale;
  const CcReveal *reveal;      /* maps: what is shown, the rest dimmed; NULL: everything */
  /* For a washed-out projector: darker and thicker lines, stronger fills,
   * black text, nothing pale. Only the look changes, never where things
   * are; a view that keeps its drawing must draw it all again when this
   * changes (cc_render_sheet_since() cannot tell). */
  gboolean     high_contrast;
} CcRenderOptions;

/* What part of a sheet a point is on, for editing in place. */
typedef enum
{
  CC_HIT_NONE,
  CC_HIT_ITEM,      /* an item (as cc_render_hit_test() finds it) */
  CC_HIT_LABEL,     /* a force's label */
  CC_HIT_HANDLE,    /* the tail of a force's arrow: drag to set its strength */
  CC_HIT_CHANGE,    /* the change a force field is about */
  CC_HIT_CURRENT,   /* its current situation */
  CC_HIT_DESIRED,   /* its desired situation */
  CC_HIT_SIDE,      /* the open area of one side of a force field */
  CC_HIT_PANEL,     /* the open area of a panel of a canvas */
} CcHitPart;

typedef struct
{
  CcHitPart part;
  CcItem   *item;     /* the item, or the sheet for CHANGE, CURRENT, DESIRED and SIDE */
  int       side;     /* CcSide, for forces and SIDE */
  int       index;    /* a force's place on its side; for SIDE, where a new one would go */
  CcRect    box;      /* the part's box, sheet coordinates */
  const char *panel;  /* canvases: the panel's id (cards, PANEL); valid until the next change */
  /* HANDLE: the arrow's tip, the way the arrow grows from it (a unit
   * vector), and points per step of strength */
  double    tip_x, tip_y, dir_x, dir_y, unit;
  /* Grid canvases: the point is on the grid at (grid_x, grid_y), each from
   * 0 to 1, x to the right and y upwards (cc_canvas_place_actor()) */
  gboolean  on_grid;
  double    grid_x, grid_y;
} CcHit;

/* Like cc_render_hit_test(), telling which part of what is at (@x, @y). */
gboolean  cc_render_hit_detail    (CcProject             *project,
                                   CcItem                *sheet,
                                   const CcRenderOptions *options,
                                   double                 x,
                                   double                 y,
                                   CcHit                 *hit);

void      cc_render_options_init  (CcRenderOptions *options);

/* The area the sheet's drawing covers, legend included, with a margin. */
void      cc_render_get_bounds    (CcProject             *project,
                                   CcItem                *sheet,
                                   const CcRenderOptions *options,
                                   CcRect                *bounds);

void      cc_render_sheet         (cairo_t               *cr,
                                   CcProject             *project,
                                   CcItem                *sheet,
                                   const CcRenderOptions *options);

/* What is drawn at (@x, @y), in sheet coordinates: a node, link or group of
 * a map, a force of a force field, a card or card link of a canvas; the
 * topmost where several overlap. A map's legend gives the map (@sheet)
 * itself. NULL where there is only paper. */
CcItem   *cc_render_hit_test      (CcProject             *project,
                                   CcItem                *sheet,
                                   const CcRenderOptions *options,
                                   double                 x,
                                   double                 y);

/* The box of one item as the renderer lays it out, in sheet coordinates: a
 * node's shape (the area cc_render_hit_test() finds it in), a link's extent,
 * a group's box; for a map itself, its legend's box; a force's row. FALSE
 * for anything else, or a legend not shown. */
gboolean  cc_render_get_item_bounds (CcProject           *project,
                                     CcItem              *sheet,
                                     CcItem              *item,
                                     CcRect              *out);
/* The same, laid out with @options (such as the prompts shown on screen). */
gboolean  cc_render_get_item_bounds_full (CcProject             *project,
                                          CcItem                *sheet,
                                          const CcRenderOptions *options,
                                          CcItem                *item,
                                          CcRect                *out);

/* The box of a map's title, laid out with @options (may be NULL); FALSE
 * when it has none. */
gboolean  cc_render_get_map_title_bounds (CcProject             *project,
                                          CcItem                *sheet,
                                          const CcRenderOptions *options,
                                          CcRect                *out);
/* Draws again the badge that tells the sector of node @item of map @sheet
 * (if its sector has one), in sheet coordinates, for what a view draws
 * over the node: a selection's outline would cover it. */
void      cc_render_node_badge    (cairo_t               *cr,
                                   CcProject             *project,
                                   CcItem                *sheet,
                                   const CcRenderOptions *options,
                                   CcItem                *item);

/* For a view that keeps its drawing of @sheet, made at change count @since
 * (cc_project_get_change_count()): the area that may look different now,
 * sheet coordinates (empty: none). FALSE when that cannot be told: draw it
 * all again. Today maps tell it after organisations were moved. */
gboolean  cc_render_get_damage    (CcProject             *project,
                                   CcItem                *sheet,
                                   const CcRenderOptions *options,
                                   guint64                since,
                                   CcRect                *damage);

/* Draws @sheet on @cr as cc_render_sheet() would, by copying @previous,
 * the drawing made at change @since on an image surface of the same size,
 * and drawing again only what changed since. FALSE, with nothing drawn,
 * when it cannot tell what that is: then draw it all. */
gboolean  cc_render_sheet_since   (cairo_t               *cr,
                                   CcProject             *project,
                                   CcItem                *sheet,
                                   const CcRenderOptions *options,
                                   guint64                since,
                                   cairo_surface_t       *previous);

/* Adds to @nodes (CcItem*) the nodes of map @sheet whose centre is in @r,
 * edges included, in the sheet's order (a rubber band's selection). */
void      cc_render_nodes_in_rect (CcProject             *project,
                                   CcItem                *sheet,
                                   const CcRenderOptions *options,
                                   const CcRect          *r,
                                   GPtrArray             *nodes);

/* The nodes of @sheet in @nodes (CcItem*), and what moves with them. Valid
 * while the sheet does not change. */
CcRenderMoving *cc_render_moving_new   (CcProject *project,
                                        CcItem    *sheet,
                                        GPtrArray *nodes);
void            cc_render_moving_free  (CcRenderMoving *moving);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcRenderMoving, cc_render_moving_free)

/* Adds a rectangle with corners of radius @r to the path of @cr. */
void      cc_path_rounded_rect    (cairo_t               *cr,
                                   double                 x,
                                   double                 y,
                                   double                 w,
                                   double                 h,
                                   double                 r);

typedef enum
{
  CC_EXPORT_PDF,
  CC_EXPORT_SVG,
  CC_EXPORT_PNG,
} CcExportFormat;

#define CC_EXPORT_ERROR (cc_export_error_quark ())
typedef enum { CC_EXPORT_ERROR_FAILED = 1, CC_EXPORT_ERROR_TOO_LARGE } CcExportError;
GQuark    cc_export_error_quark   (void);

/* Renders @sheets (CcItem*, at least one) in memory: PDF gets one page per
 * sheet, each page sized to its sheet; SVG and PNG take the first sheet only.
 * PNG is drawn at @dpi (0: 96). */
GBytes   *cc_export_sheets        (CcProject     *project,
                                   GPtrArray     *sheets,
                                   CcExportFormat format,
                                   double         dpi,
                                   GError       **error);

/* One sheet as a PNG at @dpi (0: 96), on white paper or, with
 * @transparent, on nothing. */
GBytes   *cc_export_png           (CcProject     *project,
                                   CcItem        *sheet,
                                   double         dpi,
                                   gboolean       transparent,
                                   GError       **error);

/* The first sheet as a PNG fitted into @width × @height pixels, for the
 * list of recent projects; NULL for a project with no sheets. */
GBytes   *cc_render_thumbnail     (CcProject     *project,
                                   int            width,
                                   int            height);

/* Limits of a PNG's resolution offered to the user. */
#define CC_PNG_DPI_MIN 96
#define CC_PNG_DPI_MAX 600

G_END_DECLS
