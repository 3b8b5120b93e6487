/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-render"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-bidi.h"
#include "cc-paragraph.h"
#include "cc-render-private.h"

/* The one renderer for every sheet kind and every surface: the shared pieces
 * (colours, text, shapes, titles), the public entry points and the exporters.
 * Each sheet kind lives in its own file (cc-render-map.c, …). */

const CcRgb cc_ink = CC_RGB (0x1c1f24);
const CcRgb cc_ink_muted = CC_RGB (0x4f5661);
const CcRgb cc_ink_faint = CC_RGB (0x858b94);
const CcRgb cc_white = CC_RGB (0xffffff);

#define MAX_PNG_SIDE    32000
#define MAX_PNG_PIXELS  (400.0 * 1000 * 1000)

G_DEFINE_QUARK (cc-export-error-quark, cc_export_error)

/* ---- colours ---------------------------------------------------------- */

const CcRgb *
cc_ctx_ink (CcRenderCtx *ctx, const CcRgb *c)
{
  static const CcRgb black = CC_RGB (0x000000);

  return ctx->high_contrast ? &black : c;
}

void
cc_rgb_parse (const char *hex, const CcRgb *fallback, CcRgb *out)
{
  cc_map_color_parse (hex, fallback, out);
}

void
cc_rgb_mix (const CcRgb *a, const CcRgb *b, double t, CcRgb *out)
{
  out->r = a->r + (b->r - a->r) * t;
  out->g = a->g + (b->g - a->g) * t;
  out->b = a->b + (b->b - a->b) * t;
}

static double
linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* Relative luminance, as WCAG defines it. */
double
cc_rgb_luminance (const CcRgb *c)
{
  return 0.2126 * linear (c->r) + 0.7152 * linear (c->g) + 0.0722 * linear (c->b);
}

/* Strokes the path. In a PDF a stroke goes out as its path and pen, and
 * cairo's tolerance only sets how finely cairo works out the stroke's
 * extents first, three times over: for a map's thousands of round-capped
 * dots that costs more than the rest of the page. So there the tolerance is
 * coarser, within limits that keep the file the same:
 * - at most 1: a pen narrower than a device unit counts as one unit wide,
 *   and from a tolerance of 2 it would be a point; a thin line would have
 *   no extents, and cairo would leave it out;
 * - less than the dashes' period: cairo swaps a pattern finer than the
 *   tolerance for a coarser one;
 * - dashes that start at the path's start: with an offset, a coarser
 *   outline of a small curve can leave no dash on it at all.
 * PostScript and SVG keep cairo's tolerance: a PostScript page's bounding
 * box is the strokes' extents. */
void
cc_stroke (cairo_t *cr, gboolean preserve)
{
  double tolerance = cairo_get_tolerance (cr), coarse = 1.0;
  int n_dashes = cairo_get_dash_count (cr);
  gboolean paper = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_PDF && n_dashes <= 16;

  if (paper && n_dashes > 0)
    {
      double dashes[16], offset, period = 0, x1, y1, x2, y2;

      cairo_get_dash (cr, dashes, &offset);
      for (int i = 0; i < n_dashes; i++)
        period += dashes[i];
      if (n_dashes % 2)
        period *= 2;
      /* The period on the device: at least this long whichever way it runs */
      x1 = period, y1 = 0, x2 = 0, y2 = period;
      cairo_user_to_device_distance (cr, &x1, &y1);
      cairo_user_to_device_distance (cr, &x2, &y2);
      coarse = MIN (coarse, MAX (hypot (x1, y1), hypot (x2, y2)) * 0.99);
      paper = offset == 0;
    }
  paper = paper && coarse > tolerance;
  if (paper)
    cairo_set_tolerance (cr, coarse);
  if (preserve)
    cairo_stroke_preserve (cr);
  else
    cairo_stroke (cr);
  if (paper)
    cairo_set_tolerance (cr, tolerance);
}

void
cc_set_source (cairo_t *cr, const CcRgb *c)
{
  cairo_set_source_rgb (cr, c->r, c->g, c->b);
}

void
cc_set_source_alpha (cairo_t *cr, const CcRgb *c, double alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, alpha);
}

/* ---- rectangles ------------------------------------------------------- */

gboolean
cc_ctx_sees (CcRenderCtx *ctx, const CcRect *r)
{
  return ctx->visible == NULL || cc_rect_intersects (ctx->visible, r);
}

/* ---- paths ------------------------------------------------------------ */

void
cc_path_rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r)
{
  r = MIN (r, MIN (w, h) / 2);
  if (r <= 0.01)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
cc_path_ellipse (cairo_t *cr, double cx, double cy, double rx, double ry)
{
  cairo_matrix_t m;

  if (rx <= 0 || ry <= 0)
    return;
  cairo_get_matrix (cr, &m);
  cairo_new_sub_path (cr);
  cairo_translate (cr, cx, cy);
  cairo_scale (cr, rx, ry);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_close_path (cr);
  cairo_set_matrix (cr, &m);
}

/* A triangle with its tip at (tip_x, tip_y), pointing along (dx, dy), a unit vector. */
void
cc_draw_arrowhead (cairo_t *cr, double tip_x, double tip_y, double dx, double dy,
                   double length, double half_width)
{
  double bx = tip_x - dx * length, by = tip_y - dy * length;

  cairo_move_to (cr, tip_x, tip_y);
  cairo_line_to (cr, bx - dy * half_width, by + dx * half_width);
  cairo_line_to (cr, bx + dy * half_width, by - dx * half_width);
  cairo_close_path (cr);
}

/* ---- text ------------------------------------------------------------- */

static PangoFontDescription *
ctx_font (CcRenderCtx *ctx, double size, CcTextStyle style)
{
  char key[48];
  PangoFontDescription *desc;

  g_snprintf (key, sizeof key, "%.2f|%d", size, (int) style);
  desc = g_hash_table_lookup (ctx->fonts, key);
  if (desc == NULL)
    {
      desc = pango_font_description_from_string (CC_RENDER_FONT);
      pango_font_description_set_size (desc, (int) round (size * PANGO_SCALE));
      pango_font_description_set_weight (desc, style & CC_TEXT_BOLD ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      pango_font_description_set_style (desc, style & CC_TEXT_ITALIC ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
      g_hash_table_insert (ctx->fonts, g_strdup (key), desc);
    }
  return desc;
}

PangoLayout *
cc_text_layout (CcRenderCtx   *ctx,
                const char    *text,
                double         size,
                CcTextStyle    style,
                double         wrap_width,
                int            max_lines,
                PangoAlignment align)
{
  PangoLayout *layout = pango_layout_new (ctx->pango);

  pango_layout_set_font_description (layout, ctx_font (ctx, size, style));
  pango_layout_set_text (layout, text ? text : "", -1);
  pango_layout_set_alignment (layout, align);
  if (wrap_width > 0)
    {
      pango_layout_set_width (layout, (int) round (wrap_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      if (max_lines > 0)
        {
          pango_layout_set_height (layout, -max_lines);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        }
    }
  return layout;
}

CcParagraph *
cc_text_paragraph (CcRenderCtx   *ctx,
                   const char    *text,
                   double         size,
                   CcTextStyle    style,
                   double         wrap_width,
                   int            max_lines,
                   PangoAlignment align)
{
  CcParagraphSpec spec = { 0 };

  if (ctx->paragraphs == NULL)
    ctx->paragraphs = cc_paragraph_context_new (ctx->pango);
  spec.font = ctx_font (ctx, size, style);
  /* The measure in whole Pango units, as cc_text_layout() has it */
  spec.width = wrap_width > 0 ? round (wrap_width * PANGO_SCALE) / PANGO_SCALE : 0;
  spec.align = align;
  spec.max_lines = max_lines > 0 ? (guint) max_lines : 0;
  return cc_paragraph_new (ctx->paragraphs, text, &spec);
}

void
cc_text_size (PangoLayout *layout, double *width, double *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width)
    *width = (double) logical.width / PANGO_SCALE;
  if (height)
    *height = (double) logical.height / PANGO_SCALE;
}

void
cc_text_draw (cairo_t *cr, PangoLayout *layout, double x, double y, const CcRgb *color)
{
  cc_set_source (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Text sizes remembered across calls, so that a map of thousands of names is
 * measured once, not on every frame. */
G_LOCK_DEFINE_STATIC (measure_cache);
static GHashTable *measure_cache;
#define MEASURE_CACHE_MAX 100000

typedef struct
{
  double width, height;
} Extent;

void
cc_text_measure_cached (CcRenderCtx *ctx,
                        const char  *text,
                        double       size,
                        CcTextStyle  style,
                        double       wrap_width,
                        int          max_lines,
                        double      *width,
                        double      *height)
{
  g_autofree char *key = g_strdup_printf ("%.2f|%d|%.2f|%d|%s", size, (int) style, wrap_width, max_lines,
                                          text ? text : "");
  Extent *e;

  G_LOCK (measure_cache);
  if (measure_cache == NULL)
    measure_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  e = g_hash_table_lookup (measure_cache, key);
  if (e != NULL)
    {
      *width = e->width;
      *height = e->height;
      G_UNLOCK (measure_cache);
      return;
    }
  G_UNLOCK (measure_cache);

  {
    g_autoptr(CcParagraph) paragraph = cc_text_paragraph (ctx, text, size, style, wrap_width, max_lines,
                                                          PANGO_ALIGN_LEFT);

    *width = cc_paragraph_get_width (paragraph);
    *height = cc_paragraph_get_height (paragraph);
  }

  e = g_new (Extent, 1);
  e->width = *width;
  e->height = *height;
  G_LOCK (measure_cache);
  if (g_hash_table_size (measure_cache) >= MEASURE_CACHE_MAX)
    g_hash_table_remove_all (measure_cache);
  g_hash_table_replace (measure_cache, g_steal_pointer (&key), e);
  G_UNLOCK (measure_cache);
}

gboolean
cc_ctx_text_readable (CcRenderCtx *ctx, double size)
{
  return size * ctx->scale >= CC_MIN_TEXT_PX;
}

/* ---- titles and labels ------------------------------------------------ */

#define TITLE_SIZE 20.0

/* Isolated (cc-bidi.h): a title in Arabic or Hebrew, which Pango would set
 * as a right-to-left paragraph aligned to the right of its measure, starts
 * at the left as the drawing under it does. */
static char *
sheet_title (CcRenderCtx *ctx)
{
  return cc_bidi_isolate (cc_item_get_string (ctx->sheet, CC_SHEET_TITLE));
}

void
cc_title_measure (CcRenderCtx *ctx, double max_width, double *width, double *height)
{
  g_autofree char *title = sheet_title (ctx);

  if (title == NULL || title[0] == '\0')
    {
      *width = *height = 0;
      return;
    }
  cc_text_measure_cached (ctx, title, TITLE_SIZE, CC_TEXT_BOLD, max_width, 2, width, height);
}

void
cc_title_draw (CcRenderCtx *ctx, cairo_t *cr, double x, double y, double max_width)
{
  g_autofree char *title = sheet_title (ctx);
  g_autoptr(PangoLayout) layout = NULL;
  CcRect box;

  if (title == NULL || title[0] == '\0')
    return;
  cc_title_measure (ctx, max_width, &box.width, &box.height);
  box.x = x;
  box.y = y;
  if (!cc_ctx_sees (ctx, &box))
    return;
  layout = cc_text_layout (ctx, title, TITLE_SIZE, CC_TEXT_BOLD, max_width, 2, PANGO_ALIGN_LEFT);
  cc_text_draw (cr, layout, x, y, cc_ctx_ink (ctx, &cc_ink));
}

#define HALO_PAD_X 4.0
#define HALO_PAD_Y 1.5

void
cc_halo_label_size (PangoLayout *layout, double *w, double *h)
{
  cc_text_size (layout, w, h);
  *w += 2 * HALO_PAD_X;
  *h += 2 * HALO_PAD_Y;
}

void
cc_halo_label_draw (cairo_t *cr, PangoLayout *layout, double cx, double cy, const CcRgb *color)
{
  double w, h, tw;
  PangoRectangle logical;

  cc_halo_label_size (layout, &w, &h);
  cc_path_rounded_rect (cr, cx - w / 2, cy - h / 2, w, h, 4);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_fill (cr);
  pango_layout_get_extents (layout, NULL, &logical);
  tw = (double) logical.width / PANGO_SCALE;
  cc_text_draw (cr, layout, cx - tw / 2 - (double) logical.x / PANGO_SCALE, cy - h / 2 + HALO_PAD_Y, color);
}

/* ---- public entry points ---------------------------------------------- */

void
cc_render_options_init (CcRenderOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->paper = TRUE;
  options->legend = TRUE;
  options->visible = NULL;
  options->scale = 0;
}

static const CcSheetRenderer *
renderer_for (CcItem *sheet)
{
  switch (cc_item_get_kind (sheet))
    {
    case CC_KIND_MAP:
      return &cc_map_renderer;
    case CC_KIND_FORCEFIELD:
      return &cc_forcefield_renderer;
    case CC_KIND_CANVAS:
      return &cc_canvas_renderer;
    case CC_KIND_NEWER_SHEET:
      return &cc_newer_sheet_renderer;
    default:
      return NULL;
    }
}

void
cc_render_ctx_init (CcRenderCtx *ctx, CcProject *project, CcItem *sheet, const CcRenderOptions *options)
{
  cairo_font_options_t *font_options;

  memset (ctx, 0, sizeof *ctx);
  ctx->project = project;
  ctx->sheet = sheet;
  ctx->visible = options ? options->visible : NULL;
  ctx->scale = options && options->scale > 0 && isfinite (options->scale) ? options->scale : 1.0;
  ctx->legend = options ? options->legend : TRUE;
  ctx->prompts = options ? options->prompts : FALSE;
  ctx->text_scale = options && options->text_scale > 0 && options->text_scale <= 16 ? options->text_scale : 1.0;
  ctx->reveal = options ? options->reveal : NULL;
  ctx->high_contrast = options ? options->high_contrast : FALSE;
  if (options != NULL && options->moving != NULL && g_hash_table_size (options->moving->nodes) > 0)
    {
      ctx->part = options->part;
      ctx->moving = options->moving->nodes;
      ctx->moving_near = options->moving->near;
      ctx->moving_links = options->moving->links;
      ctx->move_dx = isfinite (options->move_dx) ? options->move_dx : 0;
      ctx->move_dy = isfinite (options->move_dy) ? options->move_dy : 0;
    }
  else if (options != NULL && options->part == CC_RENDER_MOVING)
    ctx->part = CC_RENDER_MOVING;  /* nothing moves: nothing to draw */
  ctx->fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) pango_font_description_free);

  /* Lay text out the same on every surface and at every zoom: no hinting of
   * metrics, points as the unit, no rounding of glyph positions. */
  ctx->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (ctx->pango, 72.0);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (font_options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (ctx->pango, font_options);
  cairo_font_options_destroy (font_options);
  pango_context_set_round_glyph_positions (ctx->pango, FALSE);
}

void
cc_render_ctx_clear (CcRenderCtx *ctx)
{
  g_clear_pointer (&ctx->paragraphs, cc_paragraph_context_free);
  g_clear_object (&ctx->pango);
  g_clear_pointer (&ctx->fonts, g_hash_table_unref);
}

/* ---- one kept layout per project ------------------------------------------ */

/* What the kept layout became at each of its last few updates: what looks
 * different from change @from to change @to, if that is known. */
typedef struct
{
  CcItem  *sheet;   /* identity only */
  guint64  from, to;
  CcRect   damage;
  gboolean known;
} DamageStep;

#define N_DAMAGE_STEPS 8

typedef struct
{
  GMutex       lock;
  CcItem      *sheet;       /* identity only: a change would bump the count */
  guint64      n_changes;
  gboolean     legend;
  double       text_scale;
  CcRenderCtx  ctx;         /* what the layout was made with */
  gpointer     layout;
  const CcSheetRenderer *renderer;

  /* The changes since the layout was brought up to date, while they are
   * all nodes moving (and so the layout can follow them) */
  GMutex       journal_lock;
  GPtrArray   *moved;       /* CcItem* nodes, not owned */
  guint64      n_recorded;
  gboolean     journal_broken;

  DamageStep   steps[N_DAMAGE_STEPS];   /* a ring, the newest at steps[(next_step - 1) % N] */
  guint        next_step;
} LayoutCache;

static void
journal_reset (LayoutCache *cache)
{
  g_mutex_lock (&cache->journal_lock);
  g_ptr_array_set_size (cache->moved, 0);
  cache->n_recorded = 0;
  cache->journal_broken = FALSE;
  g_mutex_unlock (&cache->journal_lock);
}

static void
journal_changed_cb (CcProject *project, CcChange *change, gpointer data)
{
  LayoutCache *cache = data;

  g_mutex_lock (&cache->journal_lock);
  if (!cache->journal_broken)
    {
      if (change->type == CC_CHANGE_SET && cc_item_get_kind (change->item) == CC_KIND_NODE
          && (change->field == CC_NODE_X || change->field == CC_NODE_Y))
        g_ptr_array_add (cache->moved, change->item);
      else
        cache->journal_broken = TRUE;
    }
  cache->n_recorded++;
  g_mutex_unlock (&cache->journal_lock);
}

static void
record_step (LayoutCache *cache, guint64 from, guint64 to, const CcRect *damage, gboolean known)
{
  DamageStep *step = &cache->steps[cache->next_step++ % N_DAMAGE_STEPS];

  step->sheet = cache->sheet;
  step->from = from;
  step->to = to;
  step->damage = *damage;
  step->known = known;
}

static void
layout_cache_drop (LayoutCache *cache)
{
  if (cache->layout != NULL)
    cache->renderer->layout_free (cache->layout);
  cache->layout = NULL;
  cache->sheet = NULL;
  if (cache->ctx.project != NULL)
    cc_render_ctx_clear (&cache->ctx);
  memset (&cache->ctx, 0, sizeof cache->ctx);
}

static void
layout_cache_free (gpointer data)
{
  LayoutCache *cache = data;

  layout_cache_drop (cache);
  g_ptr_array_unref (cache->moved);
  g_mutex_clear (&cache->journal_lock);
  g_mutex_clear (&cache->lock);
  g_free (cache);
}

static GMutex cache_attach_lock;

static LayoutCache *
layout_cache_for (CcProject *project)
{
  LayoutCache *cache;

  g_mutex_lock (&cache_attach_lock);
  cache = g_object_get_data (G_OBJECT (project), "cc-render-layout");
  if (cache == NULL)
    {
      cache = g_new0 (LayoutCache, 1);
      g_mutex_init (&cache->lock);
      g_mutex_init (&cache->journal_lock);
      cache->moved = g_ptr_array_new ();
      cache->journal_broken = TRUE;  /* nothing kept yet */
      g_object_set_data_full (G_OBJECT (project), "cc-render-layout", cache, layout_cache_free);
      /* Destroyed with the project's signal handlers, before the cache */
      g_signal_connect (project, "changed", G_CALLBACK (journal_changed_cb), cache);
    }
  g_mutex_unlock (&cache_attach_lock);
  return cache;
}

/* Brings the kept layout up to date by moving the nodes moved since, where
 * that is all that changed. */
static gboolean
layout_cache_follow (LayoutCache *cache, guint64 n_changes)
{
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  CcRect damage = { 0, 0, -1, -1 };
  gboolean ok, known = FALSE;

  g_mutex_lock (&cache->journal_lock);
  ok = !cache->journal_broken && cache->n_recorded == n_changes - cache->n_changes;
  g_ptr_array_extend_and_steal (moved, g_steal_pointer (&cache->moved));
  cache->moved = g_ptr_array_new ();
  cache->n_recorded = 0;
  cache->journal_broken = FALSE;
  g_mutex_unlock (&cache->journal_lock);
  if (!ok || cache->renderer->update == NULL)
    return FALSE;
  if (!cache->renderer->update (cache->layout, &cache->ctx, moved, &damage, &known))
    return FALSE;
  record_step (cache, cache->n_changes, n_changes, &damage, known);
  cache->n_changes = n_changes;
  return TRUE;
}

gpointer
cc_render_layout_acquire (const CcSheetRenderer *renderer,
                          CcRenderCtx           *ctx)
{
  LayoutCache *cache;
  guint64 n_changes;

  /* What is dragged is laid out apart, each time: not kept. */
  if (renderer->set_ctx == NULL || ctx->part != CC_RENDER_ALL || ctx->moving != NULL)
    return renderer->layout_new (ctx);

  cache = layout_cache_for (ctx->project);
  g_mutex_lock (&cache->lock);
  n_changes = cc_project_get_change_count (ctx->project);
  if (cache->layout != NULL && cache->sheet == ctx->sheet && cache->n_changes != n_changes
      && cache->legend == ctx->legend && cache->text_scale == ctx->text_scale && cache->renderer == renderer)
    layout_cache_follow (cache, n_changes);
  if (cache->layout == NULL || cache->sheet != ctx->sheet || cache->n_changes != n_changes
      || cache->legend != ctx->legend || cache->text_scale != ctx->text_scale || cache->renderer != renderer)
    {
      CcRenderOptions options;
      const CcRect everything = { 0, 0, -1, -1 };

      /* Whatever the sheet: what changed meanwhile is not known */
      if (cache->layout != NULL)
        record_step (cache, cache->n_changes, n_changes, &everything, FALSE);
      layout_cache_drop (cache);
      journal_reset (cache);
      cc_render_options_init (&options);
      options.legend = ctx->legend;
      options.text_scale = ctx->text_scale;
      cc_render_ctx_init (&cache->ctx, ctx->project, ctx->sheet, &options);
      /* Made under the lock: a map's layout_new may acquire the kept
       * layout itself, but only for a context where something moves,
       * which is never kept (above) */
      g_assert (cache->ctx.moving == NULL);
      cache->layout = renderer->layout_new (&cache->ctx);
      cache->renderer = renderer;
      cache->sheet = ctx->sheet;
      cache->n_changes = n_changes;
      cache->legend = ctx->legend;
      cache->text_scale = ctx->text_scale;
    }
  renderer->set_ctx (cache->layout, ctx);
  return cache->layout;  /* locked until released */
}

void
cc_render_layout_release (const CcSheetRenderer *renderer,
                          CcRenderCtx           *ctx,
                          gpointer               layout)
{
  LayoutCache *cache;

  if (renderer->set_ctx == NULL || ctx->part != CC_RENDER_ALL || ctx->moving != NULL)
    {
      renderer->layout_free (layout);
      return;
    }
  cache = g_object_get_data (G_OBJECT (ctx->project), "cc-render-layout");
  g_assert (cache != NULL && cache->layout == layout);
  renderer->set_ctx (layout, &cache->ctx);
  g_mutex_unlock (&cache->lock);
}

/**
 * cc_render_get_damage:
 * @project: the project
 * @sheet: a sheet of @project
 * @options: (nullable): the options the sheet is drawn with
 * @since: a change count (cc_project_get_change_count()) the sheet was drawn at
 * @damage: (out): the area whose drawing may differ since, sheet coordinates
 *
 * Tells a view that keeps its drawing of @sheet what to draw again after
 * edits: where the renderer followed them (organisations moved on a map),
 * the old and new places of what they changed. Lays the sheet out as
 * drawing it would, so drawing it next costs nothing more.
 *
 * Returns: %TRUE when @damage is known (it may be empty); %FALSE: draw
 * everything again
 */
gboolean
cc_render_get_damage (CcProject             *project,
                      CcItem                *sheet,
                      const CcRenderOptions *options,
                      guint64                since,
                      CcRect                *damage)
{
  const CcSheetRenderer *renderer;
  LayoutCache *cache;
  CcRenderCtx ctx;
  gpointer layout;
  gboolean known = FALSE;
  guint64 now;

  g_return_val_if_fail (CC_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (damage != NULL, FALSE);

  *damage = (CcRect) { 0, 0, -1, -1 };
  now = cc_project_get_change_count (project);
  if (since == now)
    return TRUE;
  renderer = sheet != NULL ? renderer_for (sheet) : NULL;
  if (renderer == NULL || renderer->update == NULL || since > now)
    return FALSE;
  cc_render_ctx_init (&ctx, project, sheet, options);
  ctx.visible = NULL;
  ctx.part = CC_RENDER_ALL;
  ctx.moving = NULL;
  layout = cc_render_layout_acquire (renderer, &ctx);
  cache = g_object_get_data (G_OBJECT (project), "cc-render-layout");
  if (cache != NULL && cache->layout == layout && cache->n_changes == now)
    {
      /* From the newest step back to the one @since falls in */
      guint64 reached = now;

      known = TRUE;
      for (guint i = 0; i < N_DAMAGE_STEPS && known && reached > since; i++)
        {
          const DamageStep *step = &cache->steps[(cache->next_step + N_DAMAGE_STEPS - 1 - i) % N_DAMAGE_STEPS];

          if (cache->next_step < i + 1 || step->to != reached || !step->known || step->sheet != sheet)
            known = FALSE;
          else
            {
              cc_rect_union (damage, &step->damage);
              reached = step->from;
            }
        }
      known = known && reached <= since;
    }
  cc_render_layout_release (renderer, &ctx, layout);
  cc_render_ctx_clear (&ctx);
  if (!known)
    *damage = (CcRect) { 0, 0, -1, -1 };
  return known;
}

static void
content_bounds_to_page (const CcRect *content, CcRect *bounds)
{
  *bounds = *content;
  if (!(bounds->width >= 0 && bounds->height >= 0))
    *bounds = (CcRect) { 0, 0, 0, 0 };
  cc_rect_inflate (bounds, CC_RENDER_MARGIN);
}

void
cc_render_get_bounds (CcProject             *project,
                      CcItem                *sheet,
                      const CcRenderOptions *options,
                      CcRect                *bounds)
{
  const CcSheetRenderer *renderer;
  CcRenderCtx ctx;
  CcRect content = { 0, 0, -1, -1 };
  gpointer layout;

  g_return_if_fail (CC_IS_PROJECT (project));
  g_return_if_fail (sheet != NULL);
  g_return_if_fail (bounds != NULL);

  renderer = renderer_for (sheet);
  if (renderer == NULL)
    {
      content_bounds_to_page (&content, bounds);
      return;
    }
  cc_render_ctx_init (&ctx, project, sheet, options);
  ctx.visible = NULL;  /* bounds are of everything */
  layout = cc_render_layout_acquire (renderer, &ctx);
  renderer->bounds (layout, &content);
  cc_render_layout_release (renderer, &ctx, layout);
  cc_render_ctx_clear (&ctx);
  content_bounds_to_page (&content, bounds);
}

void
cc_render_sheet (cairo_t               *cr,
                 CcProject             *project,
                 CcItem                *sheet,
                 const CcRenderOptions *options)
{
  const CcSheetRenderer *renderer;
  CcRenderCtx ctx;
  gpointer layout;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (CC_IS_PROJECT (project));
  g_return_if_fail (sheet != NULL);

  renderer = renderer_for (sheet);
  if (renderer == NULL)
    return;

  cc_render_ctx_init (&ctx, project, sheet, options);
  if (ctx.part == CC_RENDER_MOVING && cc_item_get_kind (sheet) != CC_KIND_MAP)
    {
      cc_render_ctx_clear (&ctx);
      return;  /* only organisations on maps are dragged */
    }
  layout = cc_render_layout_acquire (renderer, &ctx);

  cairo_save (cr);
  if (options == NULL || options->paper)
    {
      CcRect content = { 0, 0, -1, -1 }, paper;

      renderer->bounds (layout, &content);
      content_bounds_to_page (&content, &paper);
      cairo_save (cr);
      cairo_rectangle (cr, paper.x, paper.y, paper.width, paper.height);
      if (ctx.visible != NULL)
        {
          cairo_clip (cr);
          cairo_rectangle (cr, ctx.visible->x, ctx.visible->y, ctx.visible->width, ctx.visible->height);
        }
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  renderer->draw (layout, cr);
  cairo_restore (cr);

  cc_render_layout_release (renderer, &ctx, layout);
  cc_render_ctx_clear (&ctx);
}

/**
 * cc_render_sheet_since:
 * @cr: a context on an image surface, with the transform cc_render_sheet() would be given
 * @previous: the same drawing as it was at change @since: an image surface
 *   of the same size and format as @cr's
 *
 * Draws @sheet as cc_render_sheet() would, by copying @previous and drawing
 * again only where something changed since (cc_render_get_damage()).
 *
 * Returns: %TRUE when done so; %FALSE, with nothing drawn, when that cannot
 * be: then draw it all with cc_render_sheet()
 */
gboolean
cc_render_sheet_since (cairo_t               *cr,
                       CcProject             *project,
                       CcItem                *sheet,
                       const CcRenderOptions *options,
                       guint64                since,
                       cairo_surface_t       *previous)
{
  cairo_surface_t *target;
  CcRenderOptions again;
  cairo_matrix_t matrix;
  CcRect damage, visible;
  double sx, sy, xs[2], ys[2], px0, py0, px1, py1;
  int w, h, stride;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (CC_IS_PROJECT (project), FALSE);

  target = cairo_get_target (cr);
  if (previous == NULL || sheet == NULL || options == NULL || options->part != CC_RENDER_ALL
      || cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE
      || cairo_surface_get_type (previous) != CAIRO_SURFACE_TYPE_IMAGE
      || cairo_image_surface_get_format (target) != cairo_image_surface_get_format (previous)
      || (w = cairo_image_surface_get_width (target)) != cairo_image_surface_get_width (previous)
      || (h = cairo_image_surface_get_height (target)) != cairo_image_surface_get_height (previous)
      || (stride = cairo_image_surface_get_stride (target)) != cairo_image_surface_get_stride (previous))
    return FALSE;
  cairo_get_matrix (cr, &matrix);
  if (matrix.xy != 0 || matrix.yx != 0)
    return FALSE;  /* turned: the damage is no longer a rectangle of pixels */
  if (!cc_render_get_damage (project, sheet, options, since, &damage))
    return FALSE;

  cairo_surface_flush (previous);
  cairo_surface_flush (target);
  memcpy (cairo_image_surface_get_data (target), cairo_image_surface_get_data (previous), (gsize) stride * (gsize) h);
  cairo_surface_mark_dirty (target);
  if (!(damage.width >= 0 && damage.height >= 0))
    return TRUE;

  /* The whole pixels it reaches into, and a margin for what is smoothed */
  cairo_surface_get_device_scale (target, &sx, &sy);
  xs[0] = damage.x, ys[0] = damage.y, xs[1] = damage.x + damage.width, ys[1] = damage.y + damage.height;
  cairo_user_to_device (cr, &xs[0], &ys[0]);
  cairo_user_to_device (cr, &xs[1], &ys[1]);
  px0 = MAX (floor (MIN (xs[0], xs[1]) * sx) - 2, 0);
  py0 = MAX (floor (MIN (ys[0], ys[1]) * sy) - 2, 0);
  px1 = MIN (ceil (MAX (xs[0], xs[1]) * sx) + 2, w);
  py1 = MIN (ceil (MAX (ys[0], ys[1]) * sy) + 2, h);
  if (!(px1 > px0 && py1 > py0))
    return TRUE;
  xs[0] = px0 / sx, ys[0] = py0 / sy, xs[1] = px1 / sx, ys[1] = py1 / sy;
  cairo_device_to_user (cr, &xs[0], &ys[0]);
  cairo_device_to_user (cr, &xs[1], &ys[1]);
  visible = (CcRect) { MIN (xs[0], xs[1]), MIN (ys[0], ys[1]), fabs (xs[1] - xs[0]), fabs (ys[1] - ys[0]) };
  /* What is culled by its box may still ink a little past it (strokes of a
   * pixel however far out): draw what is near too, clipped. */
  cc_rect_inflate (&visible, 24 + 4 / MAX (fabs (matrix.xx) * sx, 1e-6));

  again = *options;
  again.visible = &visible;
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_rectangle (cr, px0 / sx, py0 / sy, (px1 - px0) / sx, (py1 - py0) / sy);
  cairo_clip (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_set_matrix (cr, &matrix);
  cc_render_sheet (cr, project, sheet, &again);
  cairo_restore (cr);
  return TRUE;
}

/**
 * cc_render_hit_test:
 * @project: the project
 * @sheet: a sheet of @project
 * @options: (nullable): the options the sheet is drawn with
 * @x: a point in sheet coordinates
 * @y: a point in sheet coordinates
 *
 * Finds what is drawn at a point: a node, link or group of a map, a force of
 * a force field, a card of a canvas; the topmost one where several overlap.
 *
 * Returns: (transfer none) (nullable): the item, or %NULL
 */
CcItem *
cc_render_hit_test (CcProject             *project,
                    CcItem                *sheet,
                    const CcRenderOptions *options,
                    double                 x,
                    double                 y)
{
  const CcSheetRenderer *renderer;
  CcRenderCtx ctx;
  gpointer layout;
  CcItem *hit;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (sheet != NULL, NULL);

  renderer = renderer_for (sheet);
  if (renderer == NULL || renderer->hit == NULL)
    return NULL;
  cc_render_ctx_init (&ctx, project, sheet, options);
  ctx.visible = NULL;
  layout = cc_render_layout_acquire (renderer, &ctx);
  hit = renderer->hit (layout, x, y);
  cc_render_layout_release (renderer, &ctx, layout);
  cc_render_ctx_clear (&ctx);
  return hit;
}

/**
 * cc_render_hit_detail:
 * @hit: (out): what is there
 *
 * Returns: %TRUE when something other than plain paper is at (@x, @y)
 */
gboolean
cc_render_hit_detail (CcProject             *project,
                      CcItem                *sheet,
                      const CcRenderOptions *options,
                      double                 x,
                      double                 y,
                      CcHit                 *hit)
{
  const CcSheetRenderer *renderer;
  CcRenderCtx ctx;
  gpointer layout;
  gboolean found;

  g_return_val_if_fail (CC_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  memset (hit, 0, sizeof *hit);
  renderer = renderer_for (sheet);
  if (renderer == NULL)
    return FALSE;
  cc_render_ctx_init (&ctx, project, sheet, options);
  ctx.visible = NULL;
  layout = cc_render_layout_acquire (renderer, &ctx);
  if (renderer->hit_detail != NULL)
    found = renderer->hit_detail (layout, x, y, hit);
  else
    {
      hit->item = renderer->hit (layout, x, y);
      hit->part = hit->item != NULL ? CC_HIT_ITEM : CC_HIT_NONE;
      found = hit->item != NULL;
    }
  cc_render_layout_release (renderer, &ctx, layout);
  cc_render_ctx_clear (&ctx);
  return found;
}

/* The box of an item of a sheet other than a map (see cc-render-map.c). */
gboolean
cc_render_get_other_item_bounds (CcProject             *project,
                                 CcItem                *sheet,
                                 const CcRenderOptions *options,
                                 CcItem                *item,
                                 CcRect                *out)
{
  const CcSheetRenderer *renderer = renderer_for (sheet);
  CcRenderCtx ctx;
  gpointer layout;
  gboolean found;

  if (renderer == NULL || renderer->item_bounds == NULL)
    return FALSE;
  cc_render_ctx_init (&ctx, project, sheet, options);
  ctx.visible = NULL;
  layout = cc_render_layout_acquire (renderer, &ctx);
  found = renderer->item_bounds (layout, item, out);
  cc_render_layout_release (renderer, &ctx, layout);
  cc_render_ctx_clear (&ctx);
  return found;
}

/* ---- export ----------------------------------------------------------- */

static cairo_status_t
write_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
sheet_page_bounds (CcProject *project, CcItem *sheet, CcRect *bounds)
{
  CcRenderOptions options;

  cc_render_options_init (&options);
  cc_render_get_bounds (project, sheet, &options, bounds);
  /* Whole points, so that page sizes and pixel sizes are predictable. */
  bounds->x = floor (bounds->x);
  bounds->y = floor (bounds->y);
  bounds->width = MAX (1.0, ceil (bounds->width));
  bounds->height = MAX (1.0, ceil (bounds->height));
}

static void
draw_page (cairo_t *cr, CcProject *project, CcItem *sheet, const CcRect *bounds, double scale, gboolean paper)
{
  CcRenderOptions options;

  cc_render_options_init (&options);
  options.scale = scale;
  options.paper = paper;
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -bounds->x, -bounds->y);
  cc_render_sheet (cr, project, sheet, &options);
  cairo_restore (cr);
}

static gboolean
finish_surface (cairo_surface_t *surface, cairo_t *cr, GError **error)
{
  cairo_status_t status = cr ? cairo_status (cr) : CAIRO_STATUS_SUCCESS;

  if (cr)
    cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CC_EXPORT_ERROR, CC_EXPORT_ERROR_FAILED,
                   _("Could not draw the export: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static GBytes *
export_pdf (CcProject *project, GPtrArray *sheets, GError **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  cairo_surface_t *surface = NULL;
  cairo_t *cr = NULL;

  for (guint i = 0; i < sheets->len; i++)
    {
      CcItem *sheet = sheets->pdata[i];
      CcRect bounds;

      sheet_page_bounds (project, sheet, &bounds);
      if (surface == NULL)
        {
          surface = cairo_pdf_surface_create_for_stream (write_to_array, data, bounds.width, bounds.height);
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, cc_project_get_title (project));
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Concord");
          cr = cairo_create (surface);
        }
      else
        cairo_pdf_surface_set_size (surface, bounds.width, bounds.height);
      draw_page (cr, project, sheet, &bounds, 1.0, TRUE);
      cairo_show_page (cr);
    }
  if (!finish_surface (surface, cr, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static GBytes *
export_svg (CcProject *project, CcItem *sheet, GError **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  cairo_surface_t *surface;
  CcRect bounds;

  sheet_page_bounds (project, sheet, &bounds);
  surface = cairo_svg_surface_create_for_stream (write_to_array, data, bounds.width, bounds.height);
  cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
  {
    cairo_t *cr = cairo_create (surface);

    draw_page (cr, project, sheet, &bounds, 1.0, TRUE);
    if (!finish_surface (surface, cr, error))
      return NULL;
  }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static GBytes *
export_png (CcProject *project, CcItem *sheet, double dpi, gboolean transparent, GError **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  CcRect bounds;
  double scale = dpi / 72.0, w, h;

  sheet_page_bounds (project, sheet, &bounds);
  w = ceil (bounds.width * scale);
  h = ceil (bounds.height * scale);
  if (w > MAX_PNG_SIDE || h > MAX_PNG_SIDE || w * h > MAX_PNG_PIXELS)
    {
      g_set_error (error, CC_EXPORT_ERROR, CC_EXPORT_ERROR_TOO_LARGE,
                   _("The image would be %.0f × %.0f pixels, more than Concord can write "
                     "(%d pixels a side, %.0f megapixels in all). Export at a lower resolution, or as PDF or SVG."),
                   w, h, MAX_PNG_SIDE, MAX_PNG_PIXELS / 1e6);
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) w, (int) h);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CC_EXPORT_ERROR, CC_EXPORT_ERROR_FAILED,
                   _("Could not make an image of %.0f × %.0f pixels: %s"), w, h,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  cr = cairo_create (surface);
  if (!transparent)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
    }
  draw_page (cr, project, sheet, &bounds, scale, !transparent);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, write_to_array, data);
  if (!finish_surface (surface, NULL, error))
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CC_EXPORT_ERROR, CC_EXPORT_ERROR_FAILED,
                   _("Could not write the image: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

GBytes *
cc_export_sheets (CcProject     *project,
                  GPtrArray     *sheets,
                  CcExportFormat format,
                  double         dpi,
                  GError       **error)
{
  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (sheets != NULL && sheets->len > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < sheets->len; i++)
    if (sheets->pdata[i] == NULL || renderer_for (sheets->pdata[i]) == NULL)
      {
        g_set_error (error, CC_EXPORT_ERROR, CC_EXPORT_ERROR_FAILED,
                     _("Item %u to export is not a sheet"), i + 1);
        return NULL;
      }

  switch (format)
    {
    case CC_EXPORT_PDF:
      return export_pdf (project, sheets, error);
    case CC_EXPORT_SVG:
      return export_svg (project, sheets->pdata[0], error);
    case CC_EXPORT_PNG:
      if (!(dpi > 0) || !isfinite (dpi))
        dpi = 96.0;
      return export_png (project, sheets->pdata[0], dpi, FALSE, error);
    default:
      g_set_error (error, CC_EXPORT_ERROR, CC_EXPORT_ERROR_FAILED, _("Unknown export format"));
      return NULL;
    }
}

GBytes *
cc_export_png (CcProject *project, CcItem *sheet, double dpi, gboolean transparent, GError **error)
{
  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (sheet != NULL && renderer_for (sheet) != NULL, NULL);

  if (!(dpi > 0) || !isfinite (dpi))
    dpi = 96.0;
  return export_png (project, sheet, dpi, transparent, error);
}

GBytes *
cc_render_thumbnail (CcProject *project, int width, int height)
{
  CcItem *sheet;
  CcRect bounds;
  double scale;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  if (cc_project_get_n_sheets (project) == 0)
    return NULL;
  sheet = cc_project_get_sheet (project, 0);
  if (renderer_for (sheet) == NULL)
    return NULL;
  sheet_page_bounds (project, sheet, &bounds);
  scale = MIN (width / MAX (bounds.width, 1.0), height / MAX (bounds.height, 1.0));
  return export_png (project, sheet, 72.0 * scale, FALSE, NULL);
}

