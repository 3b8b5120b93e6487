/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "cc-map-layout.h"
#include "cc-render.h"

G_BEGIN_DECLS

/* Shared by the sheet renderers. Nothing here knows about GTK. */

typedef struct _CcParagraph        CcParagraph;         /* cc-paragraph.h */
typedef struct _CcParagraphContext CcParagraphContext;

#define CC_RENDER_FONT     "Cantarell, DejaVu Sans, sans-serif"
#define CC_MIN_TEXT_PX     4.0    /* text smaller than this on screen is not drawn */

typedef CcMapColor CcRgb;

/* What one render or measure call works with. */
typedef struct
{
  CcProject             *project;
  CcItem                *sheet;
  PangoContext          *pango;
  const CcRect          *visible;  /* NULL: everything */
  double                 scale;    /* device pixels per point */
  gboolean               legend;
  gboolean               prompts;
  double                 text_scale;  /* 1: as on paper (CcRenderOptions) */
  const CcReveal        *reveal;   /* NULL: everything shown */
  gboolean               high_contrast;
  CcRenderPart           part;
  GHashTable            *moving;   /* CcItem* nodes dragged; NULL: nothing moves */
  GPtrArray             *moving_near;   /* what the moving part lays out: nodes ... */
  GPtrArray             *moving_links;  /* ... and links */
  double                 move_dx, move_dy;
  GHashTable            *fonts;    /* "size|weight|style" -> PangoFontDescription */
  CcParagraphContext    *paragraphs;  /* made when first asked for */
} CcRenderCtx;

/* Per-kind layout: computed once per call, then measured, drawn or hit-tested. */
typedef struct
{
  gpointer (*layout_new)  (CcRenderCtx *ctx);
  void     (*layout_free) (gpointer layout);
  void     (*bounds)      (gpointer layout, CcRect *bounds);   /* everything drawn, without margin */
  void     (*draw)        (gpointer layout, cairo_t *cr);
  CcItem  *(*hit)         (gpointer layout, double x, double y);
  /* Hands a kept layout the context of the call using it (NULL: layouts of
   * this kind are not kept between calls). */
  void     (*set_ctx)     (gpointer layout, CcRenderCtx *ctx);
  /* Optional: the part hit, and the box of an item. */
  gboolean (*hit_detail)  (gpointer layout, double x, double y, CcHit *hit);
  gboolean (*item_bounds) (gpointer layout, CcItem *item, CcRect *box);
  /* Optional, for kept layouts: after @nodes (CcItem*) of the sheet have
   * moved and nothing else has changed, lays out again what that changes.
   * @damage: what looks different since, and @damage_known, whether that
   * could be told. FALSE: the layout must be made anew. */
  gboolean (*update)      (gpointer layout, CcRenderCtx *ctx, GPtrArray *nodes, CcRect *damage,
                           gboolean *damage_known);
} CcSheetRenderer;

/* The layout of @ctx's sheet for @ctx: kept between calls for as long as the
 * project does not change (maps), so that drawing, hit-testing and asking
 * for boxes do not each lay the whole map out again. Release it with
 * cc_render_layout_release() before the project can change. */
gpointer      cc_render_layout_acquire (const CcSheetRenderer *renderer, CcRenderCtx *ctx);
void          cc_render_layout_release (const CcSheetRenderer *renderer, CcRenderCtx *ctx, gpointer layout);
void          cc_render_ctx_init       (CcRenderCtx *ctx, CcProject *project, CcItem *sheet,
                                        const CcRenderOptions *options);
void          cc_render_ctx_clear      (CcRenderCtx *ctx);
gboolean      cc_render_get_other_item_bounds (CcProject *project, CcItem *sheet, const CcRenderOptions *options,
                                               CcItem *item, CcRect *out);

/* For tests: the boxes of force @index of a force field as it is laid out,
 * sheet points: its label with the line under it, its score and the
 * room's "discuss" flag (width < 0 without one). FALSE without that force. */
gboolean      cc_forcefield_part_boxes (CcProject *project, CcItem *sheet, guint index,
                                        CcRect *text, CcRect *pill, CcRect *flag);

/* For tests: how many things a map draws over what should stay in sight:
 * group titles under nodes or other titles, link labels on a node's theme
 * markers; each is described in @report when given. */
guint         cc_map_count_overlaps    (CcProject *project, CcItem *sheet, GString *report);

extern const CcSheetRenderer cc_map_renderer;
extern const CcSheetRenderer cc_forcefield_renderer;
extern const CcSheetRenderer cc_canvas_renderer;
extern const CcSheetRenderer cc_newer_sheet_renderer;

struct _CcRenderMoving
{
  GHashTable *nodes;   /* set of the nodes dragged */
  GPtrArray  *near;    /* them, the nodes linked to them and their groups' members, in sheet order */
  GPtrArray  *links;   /* the links that hang on them, in sheet order */
};

/* Colours */
#define CC_RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }
extern const CcRgb cc_ink;        /* body text */
extern const CcRgb cc_ink_muted;  /* secondary text */
extern const CcRgb cc_ink_faint;  /* prompts, hints */
extern const CcRgb cc_white;

void          cc_rgb_parse           (const char *hex, const CcRgb *fallback, CcRgb *out);
void          cc_rgb_mix             (const CcRgb *a, const CcRgb *b, double t, CcRgb *out);
double        cc_rgb_luminance       (const CcRgb *c);
/* The colour text of @c is drawn in: black when contrast is high */
const CcRgb  *cc_ctx_ink             (CcRenderCtx *ctx, const CcRgb *c);
void          cc_set_source          (cairo_t *cr, const CcRgb *c);
void          cc_set_source_alpha    (cairo_t *cr, const CcRgb *c, double alpha);
void          cc_stroke              (cairo_t *cr, gboolean preserve);

/* Rectangles: cc-geometry.h */
gboolean      cc_ctx_sees            (CcRenderCtx *ctx, const CcRect *r);

/* Paths */
void          cc_path_ellipse        (cairo_t *cr, double cx, double cy, double rx, double ry);
void          cc_draw_arrowhead      (cairo_t *cr, double tip_x, double tip_y, double dx, double dy,
                                      double length, double half_width);

/* Text */
typedef enum
{
  CC_TEXT_REGULAR = 0,
  CC_TEXT_BOLD    = 1 << 0,
  CC_TEXT_ITALIC  = 1 << 1,
} CcTextStyle;

PangoLayout  *cc_text_layout         (CcRenderCtx   *ctx,
                                      const char    *text,
                                      double         size,
                                      CcTextStyle    style,
                                      double         wrap_width,   /* <= 0: no wrapping */
                                      int            max_lines,    /* 0: any */
                                      PangoAlignment align);
/* The same text as a paragraph (cc-paragraph.h): by the fast text setter
 * where it takes the text, else by Pango. @text must outlive what is
 * returned. */
CcParagraph  *cc_text_paragraph      (CcRenderCtx   *ctx,
                                      const char    *text,
                                      double         size,
                                      CcTextStyle    style,
                                      double         wrap_width,
                                      int            max_lines,
                                      PangoAlignment align);
void          cc_text_size           (PangoLayout *layout, double *width, double *height);
/* Draws @layout with its logical box's top-left at (x, y); with wrapping and
 * centre or right alignment, x is the left of the wrap width. */
void          cc_text_draw           (cairo_t *cr, PangoLayout *layout, double x, double y, const CcRgb *color);
/* Measures without keeping a layout; remembered across calls (thread-safe). */
void          cc_text_measure_cached (CcRenderCtx *ctx,
                                      const char  *text,
                                      double       size,
                                      CcTextStyle  style,
                                      double       wrap_width,
                                      int          max_lines,
                                      double      *width,
                                      double      *height);
gboolean      cc_ctx_text_readable   (CcRenderCtx *ctx, double size);

/* The sheet title: draws at (x, y) (if cr) and returns its size. */
void          cc_title_measure       (CcRenderCtx *ctx, double max_width, double *width, double *height);
void          cc_title_draw          (CcRenderCtx *ctx, cairo_t *cr, double x, double y, double max_width);

/* A label on a white halo, centred on (x, y). */
void          cc_halo_label_size     (PangoLayout *layout, double *w, double *h);
void          cc_halo_label_draw     (cairo_t *cr, PangoLayout *layout, double cx, double cy, const CcRgb *color);

G_END_DECLS
