/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-bidi.h"
#include "cc-paragraph.h"
#include "cc-render-private.h"
#include "cc-spatial-index.h"

/* Partnership maps: groups beneath, then links, then nodes, the title above
 * with the round's guiding question under it, and the legend to the right
 * of the drawing.
 *
 * Where nodes, links, labels, markers and groups go is the map layout's
 * (src/layout/cc-map-layout.c), which this renderer feeds with the sizes of
 * texts; the title, the legend and the drawing are its own. The layout is
 * kept between calls and follows organisations as they move; the sizes of
 * names are remembered across calls (cc_text_measure_cached), and only what
 * is in view is drawn. Zoomed far out, names, tags and labels are left out
 * and nodes become plain boxes, a handful of cairo operations per sector. */

/* ---- palette ---------------------------------------------------------- */

typedef struct
{
  CcRgb stroke;
  CcRgb fill;
} SectorColors;

/* Okabe–Ito hues, darkened for borders on white and lightened for fills, so
 * the five sectors stay apart for colour-blind readers and black text reads
 * on every fill. */
static const SectorColors sector_colors[CC_N_SECTORS] = {
  { CC_RGB (0x0a66b0), CC_RGB (0xdaeaf8) },  /* public: blue */
  { CC_RGB (0xc97300), CC_RGB (0xfdebc9) },  /* private: orange */
  { CC_RGB (0x00875f), CC_RGB (0xd1efe3) },  /* voluntary: bluish green */
  { CC_RGB (0xa3428a), CC_RGB (0xf5dcee) },  /* community: reddish purple */
  { CC_RGB (0x6b7079), CC_RGB (0xe8e9eb) },  /* other: grey */
};

/* The same hues for a washed-out projector: borders darker and more
 * saturated, fills stronger, still light enough for black text. */
static const SectorColors sector_colors_high[CC_N_SECTORS] = {
  { CC_RGB (0x00468a), CC_RGB (0xb3d3f4) },  /* public */
  { CC_RGB (0x8f4700), CC_RGB (0xfbcf88) },  /* private */
  { CC_RGB (0x005e42), CC_RGB (0x9fe0c4) },  /* voluntary */
  { CC_RGB (0x791a65), CC_RGB (0xecbbe0) },  /* community */
  { CC_RGB (0x33373e), CC_RGB (0xcdd0d5) },  /* other */
};

/* How a map is drawn: as usual, or for a washed-out projector. Only
 * colours and line widths differ, so the layout holds for both. */
typedef struct
{
  const SectorColors *sectors;   /* CC_N_SECTORS of them */
  double       border;           /* widths of nodes' lines, times the usual */
  double       ring;             /* of umbrella rings: their box leaves room for no more */
  double       lines;            /* of links */
  double       link_dark;        /* how far links' colours go towards black */
  double       group_fill;       /* the alpha of a group's tint */
  double       group_line;       /* and of its outline */
  double       legend_line;      /* grey of the legend's frame */
  const CcRgb *ink;
  const CcRgb *ink_muted;
  const CcRgb *ink_faint;
} Look;

static const CcRgb black = CC_RGB (0x000000);

static const Look look_usual = {
  sector_colors, 1.0, 1.0, 1.0, 0.0, 0.10, 0.75, 0.77, &cc_ink, &cc_ink_muted, &cc_ink_faint,
};

static const Look look_high = {
  sector_colors_high, 1.5, 1.25, 1.5, 0.3, 0.16, 1.0, 0.25, &black, &black, &cc_ink,
};

static const CcRgb tag_colors[] = {
  CC_RGB (0xd55e00),  /* vermilion */
  CC_RGB (0x56b4e9),  /* sky blue */
  CC_RGB (0xf0c800),  /* yellow */
  CC_RGB (0x7b3294),  /* violet */
  CC_RGB (0x1b9e77),  /* teal */
  CC_RGB (0xe7298a),  /* magenta */
  CC_RGB (0x66a61e),  /* leaf green */
  CC_RGB (0x8c564b),  /* brown */
  CC_RGB (0x253494),  /* navy */
  CC_RGB (0x4d4d4d),  /* charcoal */
};


/* ---- sizes, in points ------------------------------------------------- */

#define NODE_FONT        CC_RENDER_NAME_SIZE
#define NODE_MAX_LINES   CC_MAP_NODE_MAX_LINES
#define NODE_RADIUS      CC_MAP_NODE_RADIUS
#define NODE_BORDER      CC_MAP_NODE_BORDER
#define RING_OFFSET      CC_MAP_RING_OFFSET
#define RING_WIDTH       CC_MAP_RING_WIDTH
#define TAG_W            CC_MAP_TAG_W
#define TAG_H            CC_MAP_TAG_H
#define TAG_STEP         CC_MAP_TAG_STEP
#define LABEL_FONT       9.0
#define STAGE_FONT       7.5
#define LABEL_WRAP       CC_MAP_LABEL_WRAP
#define GROUP_FONT       10.5
#define GROUP_RADIUS     14.0
#define LEGEND_GAP       CC_RENDER_LEGEND_GAP
#define LEGEND_PAD       12.0
#define LEGEND_FONT      9.5
#define LEGEND_TITLE     11.0
#define SAMPLE_W         44.0   /* room for a whole dash-dot and an arrowhead */
#define SAMPLE_H         14.0
#define SAMPLE_SCALE     0.8    /* of a sample's lines and badge */
#define TITLE_GAP        20.0
#define QUESTION_FONT    14.0
#define QUESTION_GAP     4.0
/* A question is a sentence; one pasted by mistake is cut, not a wall of
 * text over the map. */
#define QUESTION_LINES   3
#define GRID_CELL        160.0

/* ---- layout ----------------------------------------------------------- */

/* Where things go is cc-map-layout.c's; here are the title, the legend and
 * what an empty map says. */
typedef CcMapNode      Node;
typedef CcMapLink      Link;
typedef CcMapGroup     Group;
typedef CcMapLinkStyle LinkStyle;


typedef enum
{
  ROW_HEADING,
  ROW_SECTOR,
  ROW_KIND,
  ROW_UMBRELLA,
  ROW_LINK,
  ROW_TAG,
} LegendRowType;

typedef struct
{
  LegendRowType  type;
  int            value;
  LinkStyle     *style;
  char          *text;   /* a theme's name, a type's label... */
  char          *shown;  /* ... as set: isolated, so that one in Arabic starts by its sample */
  double         tw, th;
  double         x, y;   /* relative to the legend box, unscaled */
  double         height;
} LegendRow;

typedef struct
{
  CcRenderCtx *ctx;
  gboolean     detail;
  const Look  *look;
  CcMapLayout *geo;

  /* The geometry's, for short */
  Node        *nodes;
  guint        n_nodes;
  GHashTable  *node_of;        /* CcItem* -> Node* */
  Link        *links;
  guint        n_links;
  Group       *groups;
  guint        n_groups;
  GHashTable  *styles;         /* type id -> LinkStyle* */

  CcRect       content;        /* nodes, groups, links and labels */
  CcRect       title_box;       /* the title and the question under it */
  double       title_wrap;
  double       title_h;         /* the title's own height; 0: none */
  char        *question;       /* isolated (cc-bidi.h); NULL: none */
  gboolean     empty;
  CcRect       empty_box;

  GHashTable  *tag_color;      /* tag -> index into tag_colors */
  gpointer    *sorted_tags;    /* the tags used, alphabetically */
  guint        n_tags;

  GArray      *legend_rows;    /* LegendRow */
  CcRect       legend_box;
  double       legend_title_h;

  /* While a reveal is drawn (map_draw): what it shows, and which of the
   * two passes is drawn, the dimmed things or those shown */
  GHashTable  *shown;
  gboolean     pass_shown;
} MapLayout;

static int
compare_utf8 (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* Each theme tag's colour comes from a hash of its text (g_str_hash is djb2:
 * the same on every run and machine), so a tag keeps its colour from sheet
 * to sheet. Where two tags of one sheet would share a colour, the later in
 * alphabetical order takes the next free one. */
static void
assign_tag_colors (MapLayout *m)
{
  gboolean taken[G_N_ELEMENTS (tag_colors)] = { FALSE };
  g_autofree gpointer *tags = NULL;
  guint n_tags = 0;

  m->tag_color = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < m->n_nodes; i++)
    for (guint j = 0; m->nodes[i].tags && m->nodes[i].tags[j]; j++)
      if (m->nodes[i].tags[j][0])
        g_hash_table_insert (m->tag_color, (gpointer) m->nodes[i].tags[j], GUINT_TO_POINTER (0));
  tags = g_hash_table_get_keys_as_array (m->tag_color, &n_tags);
  if (n_tags > 1)
    qsort (tags, n_tags, sizeof (gpointer), compare_utf8);
  for (guint i = 0; i < n_tags; i++)
    {
      guint index = g_str_hash (tags[i]) % G_N_ELEMENTS (tag_colors);

      for (guint k = 0; k < G_N_ELEMENTS (tag_colors) && taken[index]; k++)
        index = (index + 1) % G_N_ELEMENTS (tag_colors);
      taken[index] = TRUE;
      g_hash_table_insert (m->tag_color, tags[i], GUINT_TO_POINTER (index));
    }
  m->sorted_tags = g_steal_pointer (&tags);
  m->n_tags = n_tags;
}

static const CcRgb *
tag_color (MapLayout *m, const char *tag)
{
  return &tag_colors[GPOINTER_TO_UINT (g_hash_table_lookup (m->tag_color, tag)) % G_N_ELEMENTS (tag_colors)];
}


/* ---- legend ----------------------------------------------------------- */

static void
legend_add (MapLayout *m, LegendRowType type, int value, LinkStyle *style, const char *text)
{
  LegendRow row = { type, value, style, g_strdup (text), cc_bidi_isolate (text), 0, 0, 0, 0 };

  g_array_append_val (m->legend_rows, row);
}

static int
compare_styles (gconstpointer a, gconstpointer b)
{
  const LinkStyle *x = *(LinkStyle * const *) a, *y = *(LinkStyle * const *) b;

  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return g_strcmp0 (x->id, y->id);
}

static void
legend_row_clear (LegendRow *row)
{
  g_free (row->text);
  g_free (row->shown);
}

/* Set for a room, the legend's text and the title grow less than names
 * (LEGEND_FONT and TITLE_SIZE are larger for their part): link labels and
 * the legend come to two thirds of a name's size, the title a little more
 * than a name. */
#define ROOM_LEGEND 0.8
#define ROOM_TITLE  0.6

static double
legend_scale (const CcRenderCtx *ctx)
{
  return MAX (1.0, ctx->text_scale * ROOM_LEGEND);
}

static double
title_scale (const CcRenderCtx *ctx)
{
  return MAX (1.0, ctx->text_scale * ROOM_TITLE);
}

static void
layout_legend (MapLayout *m)
{
  gboolean sectors[CC_N_SECTORS] = { FALSE };
  gboolean kinds[CC_N_ACTOR_KINDS] = { FALSE };
  gboolean umbrella = FALSE, other_kinds = FALSE;
  g_autoptr(GPtrArray) styles = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  double width = 0, y, top, column_x = 0, column_w = 0, column_h, height = 0, ls = legend_scale (m->ctx);
  gboolean any = FALSE;

  m->legend_rows = g_array_new (FALSE, TRUE, sizeof (LegendRow));
  g_array_set_clear_func (m->legend_rows, (GDestroyNotify) legend_row_clear);
  m->legend_box = (CcRect) { 0, 0, -1, -1 };
  if (!m->ctx->legend || m->ctx->part == CC_RENDER_MOVING || m->n_nodes == 0
      || !cc_item_get_bool (m->ctx->sheet, CC_MAP_LEGEND))
    return;

  for (guint i = 0; i < m->n_nodes; i++)
    {
      Node *n = &m->nodes[i];

      sectors[n->sector] = TRUE;
      kinds[n->kind] = TRUE;
      other_kinds |= n->kind != CC_ACTOR_KIND_ORGANISATION;
      umbrella |= n->umbrella;
    }
  g_hash_table_iter_init (&iter, m->styles);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((LinkStyle *) value)->used)
      g_ptr_array_add (styles, value);
  g_ptr_array_sort (styles, compare_styles);

  legend_add (m, ROW_HEADING, 0, NULL, _("Sectors"));
  for (int s = 0; s < CC_N_SECTORS; s++)
    if (sectors[s])
      legend_add (m, ROW_SECTOR, s, NULL, _(cc_sector_label ((CcSector) s)));
  if (other_kinds || umbrella)
    {
      legend_add (m, ROW_HEADING, 0, NULL, _("Kinds"));
      for (int k = 0; k < CC_N_ACTOR_KINDS; k++)
        if (kinds[k] && other_kinds)
          legend_add (m, ROW_KIND, k, NULL, _(cc_actor_kind_label ((CcActorKind) k)));
      if (umbrella)
        legend_add (m, ROW_UMBRELLA, 0, NULL, _("Umbrella body"));
    }
  if (styles->len > 0)
    {
      legend_add (m, ROW_HEADING, 0, NULL, _("Links"));
      for (guint i = 0; i < styles->len; i++)
        {
          LinkStyle *style = styles->pdata[i];

          legend_add (m, ROW_LINK, 0, style, style->label);
        }
    }
  if (m->n_tags > 0)
    {
      legend_add (m, ROW_HEADING, 0, NULL, _("Themes"));
      for (guint i = 0; i < m->n_tags; i++)
        legend_add (m, ROW_TAG, 0, NULL, m->sorted_tags[i]);
    }

  cc_text_measure_cached (m->ctx, _("Legend"), LEGEND_TITLE, CC_TEXT_BOLD, 0, 0, &width, &m->legend_title_h);
  top = y = LEGEND_PAD + m->legend_title_h + 2;
  /* On paper one column; set for a room, as many as keep it no taller than
   * the map, a heading never alone at the foot of one */
  column_h = m->ctx->text_scale != 1.0 && m->content.height > 0 ? MAX (m->content.height / ls, 160) : G_MAXDOUBLE;
  for (guint i = 0; i < m->legend_rows->len; i++)
    {
      LegendRow *row = &g_array_index (m->legend_rows, LegendRow, i);
      gboolean heading = row->type == ROW_HEADING;
      double row_w;

      cc_text_measure_cached (m->ctx, row->shown, LEGEND_FONT, heading ? CC_TEXT_BOLD : CC_TEXT_REGULAR,
                              200, 2, &row->tw, &row->th);
      row->height = heading ? row->th + 2 : MAX (row->th, SAMPLE_H) + 4;
      row_w = heading ? row->tw : SAMPLE_W + 8 + row->tw;
      if (y > top && y + (heading ? 6 + row->height + SAMPLE_H + 4 : row->height) > column_h)
        {
          column_x += column_w + LEGEND_PAD;
          column_w = 0;
          y = top;
        }
      if (heading && y > top)
        y += 6;
      row->x = column_x;
      row->y = y;
      column_w = MAX (column_w, row_w);
      width = MAX (width, column_x + column_w);
      y += row->height;
      height = MAX (height, y);
      any = TRUE;
    }
  if (!any)
    return;
  m->legend_box.width = (width + 2 * LEGEND_PAD) * ls;
  m->legend_box.height = (height + LEGEND_PAD - 2) * ls;
}

static void
map_layout_free (gpointer data)
{
  MapLayout *m = data;

  cc_map_layout_free (m->geo);
  g_clear_pointer (&m->legend_rows, g_array_unref);
  g_clear_pointer (&m->tag_color, g_hash_table_unref);
  g_free (m->sorted_tags);
  g_free (m->question);
  g_free (m);
}

/* The sizes of the texts of a map, for its layout */
static void
measure_map_text (gpointer data, CcMapText what, const char *text, double wrap, double *width, double *height)
{
  CcRenderCtx *ctx = data;

  switch (what)
    {
    case CC_MAP_TEXT_NAME:
      cc_text_measure_cached (ctx, text, NODE_FONT, CC_TEXT_REGULAR, wrap, NODE_MAX_LINES, width, height);
      break;
    case CC_MAP_TEXT_LABEL:
      cc_text_measure_cached (ctx, text, LABEL_FONT, CC_TEXT_REGULAR, wrap, CC_MAP_LABEL_MAX_LINES, width, height);
      break;
    case CC_MAP_TEXT_STAGE:
      cc_text_measure_cached (ctx, _(text), STAGE_FONT, CC_TEXT_ITALIC, 0, 0, width, height);
      break;
    case CC_MAP_TEXT_TITLE:
    default:
      cc_text_measure_cached (ctx, text, GROUP_FONT, CC_TEXT_BOLD, wrap, CC_MAP_GROUP_MAX_LINES, width, height);
      break;
    }
}

/* The geometry's arrays, for short */
static void
map_layout_sync (MapLayout *m)
{
  m->nodes = m->geo->nodes;
  m->n_nodes = m->geo->n_nodes;
  m->node_of = m->geo->node_of;
  m->links = m->geo->links;
  m->n_links = m->geo->n_links;
  m->groups = m->geo->groups;
  m->n_groups = m->geo->n_groups;
  m->styles = m->geo->styles;
}

#define EMPTY_PROMPT_GAP 8.0

/* What an empty map says on screen, to get a room started. */
static const char *
empty_map_prompt (void)
{
  return _("Double-click the paper and type a name to add an organisation");
}

static void map_layout_place_rest (MapLayout *m);

/* Where the map, set for a room and still, has its nodes: what is dragged
 * moves from there and the rest stays */
static GHashTable *
still_centres (CcRenderCtx *ctx)
{
  GHashTable *centres = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  CcRenderOptions options;
  CcRenderCtx still;
  MapLayout *kept;

  cc_render_options_init (&options);
  options.legend = ctx->legend;
  options.text_scale = ctx->text_scale;
  cc_render_ctx_init (&still, ctx->project, ctx->sheet, &options);
  kept = cc_render_layout_acquire (&cc_map_renderer, &still);
  for (guint i = 0; i < kept->n_nodes; i++)
    {
      double *centre = g_new (double, 2);

      centre[0] = kept->nodes[i].cx;
      centre[1] = kept->nodes[i].cy;
      g_hash_table_insert (centres, kept->nodes[i].item, centre);
    }
  cc_render_layout_release (&cc_map_renderer, &still, kept);
  cc_render_ctx_clear (&still);
  return centres;
}

static gpointer
map_layout_new (CcRenderCtx *ctx)
{
  MapLayout *m = g_new0 (MapLayout, 1);
  CcMapLayoutSpec spec = { 0 };
  g_autoptr(GHashTable) centres = NULL;

  spec.project = ctx->project;
  spec.sheet = ctx->sheet;
  spec.measure = measure_map_text;
  spec.measure_data = ctx;
  spec.moving = ctx->moving;
  spec.moving_only = ctx->part == CC_RENDER_MOVING;
  spec.moving_near = ctx->moving_near;
  spec.moving_links = ctx->moving_links;
  spec.move_dx = ctx->move_dx;
  spec.move_dy = ctx->move_dy;
  spec.text_scale = ctx->text_scale;
  if (ctx->text_scale != 1.0 && ctx->moving != NULL)
    spec.centres = centres = still_centres (ctx);

  m->ctx = ctx;
  m->detail = cc_ctx_text_readable (ctx, NODE_FONT * ctx->text_scale);
  m->look = ctx->high_contrast ? &look_high : &look_usual;
  m->geo = cc_map_layout_new (&spec);
  m->geo->spec.measure_data = NULL;  /* the call's context: gone after it (see map_update) */
  m->geo->spec.centres = NULL;
  map_layout_sync (m);
  map_layout_place_rest (m);
  return m;
}

/* What the map's layout leaves to the renderer: the title, the legend,
 * and what an empty map says */
static void
map_layout_place_rest (MapLayout *m)
{
  CcRenderCtx *ctx = m->ctx;
  double title_w, title_h;

  g_clear_pointer (&m->legend_rows, g_array_unref);
  g_clear_pointer (&m->tag_color, g_hash_table_unref);
  g_clear_pointer (&m->sorted_tags, g_free);
  m->content = m->geo->content;
  m->empty = FALSE;
  if (m->content.width < 0)
    {
      double w, h;

      m->empty = TRUE;
      cc_text_measure_cached (ctx, _("No organisations on this map yet"), NODE_FONT, CC_TEXT_ITALIC, 0, 0, &w, &h);
      m->empty_box = (CcRect) { 0, 0, w, h };
      /* Room for how to start, which the screen shows (prompts) as a force
       * field says where forces go: measured always, as the layout is kept
       * for calls with and without prompts. */
        {
          double pw, ph;

          cc_text_measure_cached (ctx, empty_map_prompt (), NODE_FONT, CC_TEXT_REGULAR, 0, 0, &pw, &ph);
          m->empty_box.width = MAX (w, pw);
          m->empty_box.height = h + EMPTY_PROMPT_GAP + ph;
        }
      m->content = m->empty_box;
    }

  assign_tag_colors (m);
  layout_legend (m);
  if (m->legend_box.width > 0)
    {
      double lx = cc_item_get_double (ctx->sheet, CC_MAP_LEGEND_X);
      double ly = cc_item_get_double (ctx->sheet, CC_MAP_LEGEND_Y);

      /* Set for a room, the legend grows from its corner: by the side of
       * the map, where it covers no one. */
      if (lx >= -CC_MAX_COORDINATE && ly >= -CC_MAX_COORDINATE && ctx->text_scale == 1.0)
        {
          /* Where the user put it. */
          m->legend_box.x = lx;
          m->legend_box.y = ly;
        }
      else
        {
          m->legend_box.x = m->content.x + m->content.width + LEGEND_GAP * ctx->text_scale;
          m->legend_box.y = m->content.y;
        }
    }

  m->title_wrap = MAX ((m->content.width + (m->legend_box.width > 0 ? LEGEND_GAP + m->legend_box.width : 0))
                       / title_scale (ctx), 400);
  cc_title_measure (ctx, m->title_wrap, &title_w, &title_h);
  m->title_h = title_h;
  /* The question, as a facilitator asks it of the room: under the title,
   * wrapped to the same measure, in the one box that bounds and damage
   * know of. Isolated as the title is, so that one in Arabic starts at the
   * left with the title. */
  g_clear_pointer (&m->question, g_free);
  {
    const char *question = cc_item_get_string (ctx->sheet, CC_MAP_QUESTION);

    if (question != NULL && question[0] != '\0')
      {
        double qw, qh;

        m->question = cc_bidi_isolate (question);
        cc_text_measure_cached (ctx, m->question, QUESTION_FONT, CC_TEXT_ITALIC, m->title_wrap, QUESTION_LINES,
                                &qw, &qh);
        title_w = MAX (title_w, qw);
        title_h += (title_h > 0 ? QUESTION_GAP : 0) + qh;
      }
  }
  title_w *= title_scale (ctx);
  title_h *= title_scale (ctx);
  m->title_box = (CcRect) { m->content.x, m->content.y - TITLE_GAP * ctx->text_scale - title_h, title_w, title_h };
  if (title_h <= 0)
    m->title_box = (CcRect) { 0, 0, -1, -1 };
}

static void
map_bounds (gpointer data, CcRect *bounds)
{
  MapLayout *m = data;

  *bounds = m->content;
  cc_rect_union (bounds, &m->title_box);
  cc_rect_union (bounds, &m->legend_box);
}

/* ---- drawing ---------------------------------------------------------- */

static void
arrow_size (double width, double *length, double *half)
{
  *length = 7.0 + 2.2 * width;
  *half = 3.5 + 1.3 * width;
}

/* Whether @item is drawn in the pass being drawn: with a reveal, the
 * dimmed things are drawn first and then those shown. */
static gboolean
in_pass (MapLayout *m, CcItem *item)
{
  if (m->shown == NULL)
    return TRUE;
  return g_hash_table_contains (m->shown, item) == m->pass_shown;
}

/* Whether the part being drawn includes something that moves or not. */
static gboolean
part_shows (MapLayout *m, gboolean moving)
{
  switch (m->ctx->part)
    {
    case CC_RENDER_STILL:
      return !moving;
    case CC_RENDER_MOVING:
      return moving;
    case CC_RENDER_ALL:
    default:
      return TRUE;
    }
}

/* @dash for a line @width wide; in a legend's @sample, short enough for
 * its whole pattern to show. */
static void
set_dash (cairo_t *cr, CcDash dash, double width, gboolean sample)
{
  switch (dash)
    {
    case CC_DASH_DASHED:
      {
        double d[] = { 4 * width + 4, 2.5 * width + 3 };
        cairo_set_dash (cr, d, 2, 0);
        cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      }
      break;
    case CC_DASH_DOTTED:
      {
        double d[] = { 0, 1.6 * width + 2.5 };
        cairo_set_dash (cr, d, 2, 0);
        cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      }
      break;
    case CC_DASH_DASH_DOT:
      {
        /* Not 0 for the dot: cairo 1.16 leaves out a zero-length dash that
         * is not the pattern's first, and the line looked dashed */
        double d[] = { sample ? 2 * width + 3 : 4 * width + 5, 1.6 * width + 2.5, 0.01, 1.6 * width + 2.5 };
        cairo_set_dash (cr, d, 4, 0);
        cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      }
      break;
    case CC_DASH_SOLID:
    default:
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    }
}

/* The line of a link, shortened under its arrowhead. */
static void
path_link_line (cairo_t *cr, const Link *l)
{
  double x2 = l->x2, y2 = l->y2;

  if (l->directed)
    {
      double len = hypot (l->x2 - l->x1, l->y2 - l->y1), alen, half;

      arrow_size (l->width, &alen, &half);
      alen = MIN (alen * 0.8, len);
      x2 -= (l->x2 - l->x1) / len * alen;
      y2 -= (l->y2 - l->y1) / len * alen;
    }
  cairo_move_to (cr, l->x1, l->y1);
  cairo_line_to (cr, x2, y2);
}

/* The colour links of @style are drawn in */
static void
link_color (const Look *look, const LinkStyle *style, CcRgb *out)
{
  cc_rgb_mix (&style->color, &black, look->link_dark, out);
}

static void
path_link_head (cairo_t *cr, const Link *l)
{
  double len = hypot (l->x2 - l->x1, l->y2 - l->y1), alen, half;

  arrow_size (l->width, &alen, &half);
  cc_draw_arrowhead (cr, l->x2, l->y2, (l->x2 - l->x1) / len, (l->y2 - l->y1) / len, alen, half);
}

typedef struct
{
  LinkStyle *style;
  int        strength;
} Bucket;

static guint
bucket_hash (gconstpointer key)
{
  const Bucket *b = key;

  return g_direct_hash (b->style) ^ (guint) b->strength;
}

static gboolean
bucket_equal (gconstpointer x, gconstpointer y)
{
  const Bucket *a = x, *b = y;

  return a->style == b->style && a->strength == b->strength;
}

/* Whether the link's line passes through the visible area (Liang–Barsky),
 * not just its bounding box: long diagonals past the view are skipped. */
static gboolean
link_visible (MapLayout *m, const Link *l)
{
  const CcRect *v = m->ctx->visible;
  double pad = l->width + 12, t0 = 0, t1 = 1;
  double dx = l->x2 - l->x1, dy = l->y2 - l->y1;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { l->x1 - (v ? v->x - pad : 0), (v ? v->x + v->width + pad : 0) - l->x1,
                  l->y1 - (v ? v->y - pad : 0), (v ? v->y + v->height + pad : 0) - l->y1 };

  if (v == NULL)
    return TRUE;
  if (!cc_rect_intersects (v, &l->box))
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
        }
      else
        {
          double r = q[i] / p[i];

          if (p[i] < 0)
            t0 = MAX (t0, r);
          else
            t1 = MIN (t1, r);
          if (t0 > t1)
            return FALSE;
        }
    }
  return TRUE;
}

/* Links are stroked a bucket (type and strength) at a time: one cairo
 * operation for all the lines of a kind, however many there are. */
static void
draw_links (MapLayout *m, cairo_t *cr)
{
  g_autoptr(GHashTable) buckets = g_hash_table_new_full (bucket_hash, bucket_equal, g_free,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; i < m->n_links; i++)
    {
      Link *l = &m->links[i];
      Bucket probe = { l->style, l->strength };
      GPtrArray *list;

      if (!l->drawable || !part_shows (m, l->moving) || !in_pass (m, l->item) || !link_visible (m, l))
        continue;
      list = g_hash_table_lookup (buckets, &probe);
      if (list == NULL)
        {
          Bucket *b = g_memdup2 (&probe, sizeof probe);

          list = g_ptr_array_new ();
          g_hash_table_insert (buckets, b, list);
          g_ptr_array_add (order, b);
        }
      g_ptr_array_add (list, l);
    }

  /* Thin lines first, so strong links stay on top. */
  for (guint i = 0; i < order->len; i++)
    for (guint j = i + 1; j < order->len; j++)
      {
        Bucket *a = order->pdata[i], *b = order->pdata[j];

        if (cc_map_link_width (a->style, a->strength) > cc_map_link_width (b->style, b->strength) ||
            (cc_map_link_width (a->style, a->strength) == cc_map_link_width (b->style, b->strength) &&
             a->style->order > b->style->order))
          {
            order->pdata[i] = b;
            order->pdata[j] = a;
          }
      }

  cairo_save (cr);
  for (guint i = 0; i < order->len; i++)
    {
      Bucket *b = order->pdata[i];
      GPtrArray *list = g_hash_table_lookup (buckets, b);
      double width = cc_map_link_width (b->style, b->strength) * m->look->lines;
      gboolean heads = FALSE;
      CcRgb color;

      for (guint j = 0; j < list->len; j++)
        path_link_line (cr, list->pdata[j]);
      link_color (m->look, b->style, &color);
      cc_set_source (cr, &color);
      cairo_set_line_width (cr, width);
      /* Dashes finer than a few pixels cannot be seen, and cost the most */
      set_dash (cr, m->detail ? b->style->dash : CC_DASH_SOLID, width, FALSE);
      cc_stroke (cr, FALSE);

      for (guint j = 0; j < list->len; j++)
        if (((Link *) list->pdata[j])->directed)
          {
            path_link_head (cr, list->pdata[j]);
            heads = TRUE;
          }
      if (heads)
        cairo_fill (cr);
    }
  cairo_restore (cr);
}

static void
draw_link_labels (MapLayout *m, cairo_t *cr)
{
  double ts = m->ctx->text_scale;

  if (!cc_ctx_text_readable (m->ctx, LABEL_FONT * ts))
    return;
  for (guint i = 0; i < m->n_links; i++)
    {
      Link *l = &m->links[i];
      CcRect *box = &l->label_box;
      double y, mid;

      if (!l->drawable || box->width < 0 || !part_shows (m, l->moving) || !in_pass (m, l->item)
          || !cc_ctx_sees (m->ctx, box))
        continue;
      cc_path_rounded_rect (cr, box->x, box->y, box->width, box->height, 4 * ts);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
      cairo_fill (cr);
      /* The texts as on paper, scaled around the top of the label's middle */
      mid = box->x + box->width / 2;
      cairo_save (cr);
      cairo_translate (cr, mid, box->y);
      cairo_scale (cr, ts, ts);
      y = 1.5;
      if (l->label && l->label[0])
        {
          g_autoptr(PangoLayout) layout = cc_text_layout (m->ctx, l->label, LABEL_FONT, CC_TEXT_REGULAR,
                                                          LABEL_WRAP, 2, PANGO_ALIGN_CENTER);
          cc_text_draw (cr, layout, -LABEL_WRAP / 2, y, m->look->ink);
          y += l->label_h / ts;
        }
      if (l->stage != CC_STAGE_NONE)
        {
          g_autoptr(PangoLayout) layout = cc_text_layout (m->ctx, _(cc_stage_label (l->stage)), STAGE_FONT,
                                                          CC_TEXT_ITALIC, 0, 0, PANGO_ALIGN_LEFT);
          cc_text_draw (cr, layout, -l->stage_w / ts / 2, y, m->look->ink_muted);
        }
      cairo_restore (cr);
    }
}

static void
draw_groups (MapLayout *m, cairo_t *cr)
{
  for (guint i = 0; i < m->n_groups; i++)
    {
      Group *g = &m->groups[i];

      if (!part_shows (m, g->moving) || !in_pass (m, g->item) || !cc_ctx_sees (m->ctx, &g->box))
        continue;
      cc_path_rounded_rect (cr, g->box.x, g->box.y, g->box.width, g->box.height, GROUP_RADIUS);
      cc_set_source_alpha (cr, &g->color, m->look->group_fill);
      cairo_fill_preserve (cr);
      cc_set_source_alpha (cr, &g->color, m->look->group_line);
      cairo_set_line_width (cr, 1.5 * m->look->border * m->ctx->text_scale);
      cc_stroke (cr, FALSE);
    }
}

/* Group titles go over the links, on a patch of their group's tint, so a
 * link crossing the corner of a group does not strike its title through. */
static void
draw_group_titles (MapLayout *m, cairo_t *cr)
{
  const CcRgb white = CC_RGB (0xffffff);

  double ts = m->ctx->text_scale;

  if (!cc_ctx_text_readable (m->ctx, GROUP_FONT * ts))
    return;
  for (guint i = 0; i < m->n_groups; i++)
    {
      Group *g = &m->groups[i];
      g_autoptr(PangoLayout) layout = NULL;
      CcRgb title_color, tint;
      CcRect box;

      if (!g->title || !g->title[0] || !part_shows (m, g->moving) || !in_pass (m, g->item))
        continue;
      box = g->title_box;
      if (!cc_ctx_sees (m->ctx, &box))
        continue;
      cc_rgb_mix (&white, &g->color, 0.10, &tint);
      cc_path_rounded_rect (cr, box.x, box.y, box.width, box.height, 4);
      cc_set_source_alpha (cr, &tint, 0.92);
      cairo_fill (cr);
      layout = cc_text_layout (m->ctx, g->title, GROUP_FONT, CC_TEXT_BOLD, MAX (g->box.width / ts - 24, 80), 2,
                               PANGO_ALIGN_LEFT);
      cc_rgb_mix (&g->color, &black, m->ctx->high_contrast ? 0.6 : 0.35, &title_color);
      cairo_save (cr);
      cairo_translate (cr, box.x + 4, box.y + 2);
      cairo_scale (cr, ts, ts);
      cc_text_draw (cr, layout, 0, 0, &title_color);
      cairo_restore (cr);
    }
}

/* ---- nodes, a batch at a time ------------------------------------------
 *
 * A node is its ring (umbrella bodies), its body, an inner ring
 * (partnerships), its tags and its name, drawn in that order. Nodes that do
 * not overlap are drawn a batch at a time: every ring of the batch, then every
 * body, and so on, with one cairo operation for each style. The page looks the
 * same as drawing them one by one (no two nodes of a batch share a pixel), and
 * a PDF or a frame holds a few operations rather than thousands. */

typedef enum
{
  PIECE_RING,
  PIECE_BODY,
  PIECE_INNER,
  PIECE_BADGE,
  N_PIECES
} Piece;

static const double piece_grow[N_PIECES] = { RING_OFFSET, 0, -3.5, 0 };

static gboolean
piece_applies (const Node *n, Piece piece)
{
  switch (piece)
    {
    case PIECE_RING:
      return n->umbrella;
    case PIECE_INNER:
      return n->kind == CC_ACTOR_KIND_PARTNERSHIP;
    case PIECE_BADGE:
      return n->sector != CC_SECTOR_OTHER;
    case PIECE_BODY:
    case N_PIECES:
    default:
      return TRUE;
    }
}

/* A plain body, a rounded rectangle with a solid border, is drawn as its
 * core (the rectangle its corners' centres make) stroked with round joins:
 * wide in the border's colour, then narrower in the fill's. The shape is
 * exactly the same, and a PDF holds four corners rather than four curves. */
static gboolean
body_is_core (const Node *n)
{
  return n->kind != CC_ACTOR_KIND_PERSON && n->kind != CC_ACTOR_KIND_WORKING_GROUP;
}

static double
body_radius (const Node *n)
{
  return MIN (NODE_RADIUS, MIN (n->w, n->h) / 2) * n->s;
}

/* Nodes whose @piece is drawn with one operation. */
static gboolean
piece_same_style (const Node *a, const Node *b, Piece piece)
{
  if (a->sector != b->sector || a->s != b->s)
    return FALSE;
  if (piece != PIECE_BODY)
    return TRUE;
  if (body_is_core (a) != body_is_core (b))
    return FALSE;
  return body_is_core (a) ? body_radius (a) == body_radius (b) : a->kind == b->kind;
}

/* The badge of @sector centred on (@x, @y) at @s times its size: a shape
 * of its own for each sector, so that sectors are told apart without their
 * colour (in grey, by the colour-blind, on a poor projector). A node's kind
 * has its shapes and borders already; these are filled marks. */
static void
path_badge (cairo_t *cr, CcSector sector, double x, double y, double s)
{
  double d = CC_MAP_BADGE_SIZE * s;

  switch (sector)
    {
    case CC_SECTOR_PUBLIC:      /* a square */
      cairo_rectangle (cr, x - 0.4 * d, y - 0.4 * d, 0.8 * d, 0.8 * d);
      break;
    case CC_SECTOR_PRIVATE:     /* a disc */
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 0.46 * d, 0, 2 * G_PI);
      cairo_close_path (cr);
      break;
    case CC_SECTOR_VOLUNTARY:   /* a cross: a triangle would pass for a theme marker */
      {
        double a = 0.5 * d, t = 0.19 * d;

        /* Two bars, as rectangles: a PDF holds their corners and size
         * only, and a map of thousands holds thousands of these. The
         * paper's patch stroked across the middle is filled over. */
        cairo_rectangle (cr, x - t, y - a, 2 * t, 2 * a);
        cairo_rectangle (cr, x - a, y - t, 2 * a, 2 * t);
      }
      break;
    case CC_SECTOR_COMMUNITY:   /* a diamond */
      cairo_move_to (cr, x, y - 0.56 * d);
      cairo_line_to (cr, x + 0.56 * d, y);
      cairo_line_to (cr, x, y + 0.56 * d);
      cairo_line_to (cr, x - 0.56 * d, y);
      cairo_close_path (cr);
      break;
    case CC_SECTOR_OTHER:       /* none */
    case CC_N_SECTORS:
    default:
      break;
    }
}

static void
path_node_badge (cairo_t *cr, const Node *n)
{
  double x, y;

  if (cc_map_badge_centre (n, &x, &y))
    path_badge (cr, n->sector, x, y, n->s);
}

/* The outline of @n's @piece, in sheet coordinates. */
static void
path_node_piece (cairo_t *cr, const Node *n, Piece piece)
{
  double grow = piece_grow[piece];

  if (piece == PIECE_BADGE)
    {
      path_node_badge (cr, n);
      return;
    }

  if (piece == PIECE_BODY && body_is_core (n))
    {
      double r = body_radius (n);

      cairo_rectangle (cr, n->shape.x + r, n->shape.y + r, n->shape.width - 2 * r, n->shape.height - 2 * r);
      return;
    }
  if (n->kind == CC_ACTOR_KIND_PERSON)
    cc_path_ellipse (cr, n->cx, n->cy, n->s * (n->w / 2 + grow), n->s * (n->h / 2 + grow));
  else
    cc_path_rounded_rect (cr, n->cx - n->s * (n->w / 2 + grow), n->cy - n->s * (n->h / 2 + grow),
                          n->s * (n->w + 2 * grow), n->s * (n->h + 2 * grow), n->s * (NODE_RADIUS + grow));
}

static void
paint_node_piece (cairo_t *cr, const Look *look, const Node *n, Piece piece)
{
  const SectorColors *c = &look->sectors[n->sector];

  switch (piece)
    {
    case PIECE_RING:
      cc_set_source (cr, &c->stroke);
      cairo_set_line_width (cr, RING_WIDTH * look->ring * n->s);
      cc_stroke (cr, FALSE);
      break;
    case PIECE_BODY:
      if (body_is_core (n))
        {
          double r = body_radius (n), border = NODE_BORDER * look->border * n->s;

          cairo_save (cr);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cc_set_source (cr, &c->stroke);
          cairo_set_line_width (cr, 2 * r + border);
          cc_stroke (cr, TRUE);
          /* The core itself too: a tall body's middle is beyond the stroke */
          cc_set_source (cr, &c->fill);
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, MAX (2 * r - border, 0));
          cc_stroke (cr, FALSE);
          cairo_restore (cr);
          break;
        }
      cc_set_source (cr, &c->fill);
      cairo_fill_preserve (cr);
      cc_set_source (cr, &c->stroke);
      cairo_set_line_width (cr, NODE_BORDER * look->border * n->s);
      if (n->kind == CC_ACTOR_KIND_WORKING_GROUP)
        {
          double d[] = { 5 * n->s, 3 * n->s };
          cairo_set_dash (cr, d, 2, 0);
        }
      cc_stroke (cr, FALSE);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    case PIECE_BADGE:
      /* On a patch of paper, so that it stands clear of the border it sits on */
      cairo_save (cr);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 2 * CC_MAP_BADGE_HALO * n->s);
      cc_stroke (cr, TRUE);
      cairo_restore (cr);
      cc_set_source (cr, &c->stroke);
      cairo_fill (cr);
      break;
    case PIECE_INNER:
    case N_PIECES:
    default:
      cc_set_source (cr, &c->stroke);
      cairo_set_line_width (cr, 1.2 * look->border * n->s);
      cc_stroke (cr, FALSE);
      break;
    }
}

/* A marker standing on @base, pointing up (or, with @down, hanging from
 * it, pointing down). */
static void
path_tag (cairo_t *cr, double x, double base, double s, gboolean down)
{
  cairo_move_to (cr, x, base);
  cairo_line_to (cr, x + s * TAG_W / 2, base + (down ? 1 : -1) * s * TAG_H);
  cairo_line_to (cr, x + s * TAG_W, base);
  cairo_close_path (cr);
}

static void
paint_tags (cairo_t *cr, const Look *look, const CcRgb *color, double s)
{
  cc_set_source (cr, color);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, look->border > 1 ? 1.0 : 0.8);
  cairo_set_line_width (cr, 0.8 * look->border * s);
  cc_stroke (cr, FALSE);
}

static void
path_node_tag (cairo_t *cr, const Node *n, guint i)
{
  CcRect r;

  cc_map_tag_row (n, n->tag_place, &r);
  path_tag (cr, r.x + n->s * i * TAG_STEP, cc_map_tag_row_below (n->tag_place) ? r.y : r.y + r.height, n->s,
            cc_map_tag_row_below (n->tag_place));
}

static void
draw_node_tags (MapLayout *m, cairo_t *cr, Node **batch, guint n_batch)
{
  g_autoptr(GHashTable) done = g_hash_table_new (NULL, NULL);

  /* Every tag of one colour and size at once; a tag's key is its node's
   * place in the batch and its own place on the node. */
#define TAG_KEY(node, tag) GUINT_TO_POINTER (((node) << 8 | (tag)) + 1)
  for (guint j = 0; j < n_batch; j++)
    for (guint t = 0; t < MIN (batch[j]->n_tags_shown, 256); t++)
      {
        const CcRgb *color;

        if (!batch[j]->tags[t][0] || g_hash_table_contains (done, TAG_KEY (j, t)))
          continue;
        color = tag_color (m, batch[j]->tags[t]);
        for (guint k = j; k < n_batch; k++)
          for (guint u = 0; u < MIN (batch[k]->n_tags_shown, 256); u++)
            if (batch[k]->tags[u][0] && batch[k]->s == batch[j]->s && tag_color (m, batch[k]->tags[u]) == color
                && g_hash_table_add (done, TAG_KEY (k, u)))
              path_node_tag (cr, batch[k], u);
        paint_tags (cr, m->look, color, batch[j]->s);
      }
#undef TAG_KEY
}

static void
draw_node_name (MapLayout *m, cairo_t *cr, const Node *n)
{
  g_autoptr(CcParagraph) name = cc_text_paragraph (m->ctx, n->name, NODE_FONT, CC_TEXT_REGULAR, n->wrap,
                                                   NODE_MAX_LINES, PANGO_ALIGN_CENTER);

  cairo_save (cr);
  cairo_translate (cr, n->cx, n->cy);
  if (n->s != 1.0)
    cairo_scale (cr, n->s, n->s);
  cc_paragraph_draw (name, cr, -n->wrap / 2, -n->th / 2, m->look->ink);
  cairo_restore (cr);
}

/* The rings and bodies of nodes none of which overlap. */
static void
draw_node_shapes (cairo_t *cr, const Look *look, Node **batch, guint n_batch)
{
  g_autofree gboolean *done = g_new0 (gboolean, MAX (n_batch, 1));

  for (int piece = 0; piece < N_PIECES; piece++)
    {
      memset (done, 0, n_batch * sizeof *done);
      for (guint j = 0; j < n_batch; j++)
        {
          if (done[j] || !piece_applies (batch[j], piece))
            continue;
          for (guint k = j; k < n_batch; k++)
            if (!done[k] && piece_applies (batch[k], piece) && piece_same_style (batch[j], batch[k], piece))
              {
                path_node_piece (cr, batch[k], piece);
                done[k] = TRUE;
              }
          paint_node_piece (cr, look, batch[j], piece);
        }
    }
}

/* A legend's sample of a node, centred on (@cx, @cy). */
static void
draw_node_sample (cairo_t *cr, const Look *look, CcActorKind kind, gboolean umbrella, CcSector sector, double cx,
                  double cy, double w, double h)
{
  Node sample = { 0 };
  Node *batch[] = { &sample };

  sample.kind = kind;
  sample.umbrella = umbrella;
  sample.sector = sector;
  sample.cx = cx;
  sample.cy = cy;
  /* Smaller than a node's, for a sample a third of a node's size: its
   * badge too, which would cover it at full size */
  sample.s = SAMPLE_SCALE;
  sample.w = w / SAMPLE_SCALE;
  sample.h = h / SAMPLE_SCALE;
  sample.shape = (CcRect) { cx - w / 2, cy - h / 2, w, h };
  draw_node_shapes (cr, look, batch, 1);
}

static void
draw_node_batch (MapLayout *m, cairo_t *cr, Node **batch, guint n_batch)
{
  draw_node_shapes (cr, m->look, batch, n_batch);
  draw_node_tags (m, cr, batch, n_batch);
  for (guint j = 0; j < n_batch; j++)
    draw_node_name (m, cr, batch[j]);
}

/* In drawing order, a batch ends before the first node that overlaps one
 * already in it. */
static void
draw_nodes (MapLayout *m, cairo_t *cr)
{
  g_autoptr(CcSpatialIndex) grid = NULL;
  g_autofree Node **batch = g_new (Node *, MAX (m->n_nodes, 1));
  guint n_batch = 0;

  for (guint i = 0; i < m->n_nodes; i++)
    {
      Node *n = &m->nodes[i];

      if (!part_shows (m, n->moving) || !in_pass (m, n->item) || !cc_ctx_sees (m->ctx, &n->box))
        continue;
      if (grid != NULL && cc_spatial_index_hits (grid, &n->box))
        {
          draw_node_batch (m, cr, batch, n_batch);
          n_batch = 0;
          cc_spatial_index_clear (grid);
        }
      if (grid == NULL)
        grid = cc_spatial_index_new (GRID_CELL);
      cc_spatial_index_insert (grid, &n->box, i);
      batch[n_batch++] = n;
    }
  draw_node_batch (m, cr, batch, n_batch);
}

/* Zoomed out: one filled path and one stroked path per sector, and one
 * filled path for the sector's badges. */
static void
draw_nodes_plain (MapLayout *m, cairo_t *cr)
{
  const SectorColors *colors = m->look->sectors;

  for (int s = 0; s < CC_N_SECTORS; s++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < m->n_nodes; i++)
        {
          Node *n = &m->nodes[i];

          if (n->sector != (CcSector) s || !part_shows (m, n->moving) || !in_pass (m, n->item)
              || !cc_ctx_sees (m->ctx, &n->box))
            continue;
          cairo_rectangle (cr, n->shape.x, n->shape.y, n->shape.width, n->shape.height);
          any = TRUE;
        }
      if (!any)
        continue;
      cc_set_source (cr, &colors[s].fill);
      cairo_fill_preserve (cr);
      cc_set_source (cr, &colors[s].stroke);
      cairo_set_line_width (cr, MAX (NODE_BORDER * m->look->border, 1.0 / m->ctx->scale));
      cc_stroke (cr, FALSE);
      if (s == CC_SECTOR_OTHER)
        continue;
      for (guint i = 0; i < m->n_nodes; i++)
        {
          Node *n = &m->nodes[i];

          if (n->sector == (CcSector) s && part_shows (m, n->moving) && in_pass (m, n->item)
              && cc_ctx_sees (m->ctx, &n->box))
            path_node_badge (cr, n);
        }
      cairo_fill (cr);
    }
}

static void draw_legend_rows (MapLayout *m, cairo_t *cr, const CcRect *box);

/* How far what a reveal does not show is mixed toward the paper */
#define REVEAL_DIM 0.8

/* Whether a legend's row is of what @reveal shows: the sectors or link
 * types it reveals; other rows say nothing about it. */
static gboolean
legend_row_revealed (const CcReveal *reveal, const LegendRow *row)
{
  if (reveal == NULL)
    return TRUE;
  if (row->type == ROW_SECTOR && reveal->kind == CC_REVEAL_SECTOR)
    return (reveal->sectors & (1u << row->value)) != 0;
  if (row->type == ROW_LINK && reveal->kind == CC_REVEAL_LINK_TYPE)
    return g_strv_contains ((const char * const *) reveal->link_types, row->style->id);
  return TRUE;
}

static void
draw_legend (MapLayout *m, cairo_t *cr)
{
  double ts = legend_scale (m->ctx);
  CcRect paper = { m->legend_box.x, m->legend_box.y, m->legend_box.width / ts, m->legend_box.height / ts };
  CcRect *box = &paper;
  const CcRect *visible = m->ctx->visible;

  if (box->width <= 0 || !cc_ctx_sees (m->ctx, &m->legend_box))
    return;
  /* Drawn as on paper, scaled around its corner for a room */
  cairo_save (cr);
  cairo_translate (cr, box->x, box->y);
  cairo_scale (cr, ts, ts);
  cairo_translate (cr, -box->x, -box->y);
  m->ctx->visible = NULL;
  draw_legend_rows (m, cr, box);
  m->ctx->visible = visible;
  cairo_restore (cr);
}

static void
draw_legend_rows (MapLayout *m, cairo_t *cr, const CcRect *box)
{
  g_autoptr(PangoLayout) title = NULL;

  cc_path_rounded_rect (cr, box->x, box->y, box->width, box->height, 6);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, m->look->legend_line, m->look->legend_line + 0.02, m->look->legend_line + 0.05);
  cairo_set_line_width (cr, m->look->border);
  cc_stroke (cr, FALSE);

  title = cc_text_layout (m->ctx, _("Legend"), LEGEND_TITLE, CC_TEXT_BOLD, 0, 0, PANGO_ALIGN_LEFT);
  cc_text_draw (cr, title, box->x + LEGEND_PAD, box->y + LEGEND_PAD - 2, m->look->ink);

  for (guint i = 0; i < m->legend_rows->len; i++)
    {
      LegendRow *row = &g_array_index (m->legend_rows, LegendRow, i);
      double x = box->x + LEGEND_PAD + row->x, y = box->y + row->y;
      double cy = y + row->height / 2;
      g_autoptr(PangoLayout) layout = NULL;
      gboolean dimmed;

      if (row->type == ROW_HEADING)
        {
          layout = cc_text_layout (m->ctx, row->shown, LEGEND_FONT, CC_TEXT_BOLD, 200, 2, PANGO_ALIGN_LEFT);
          cc_text_draw (cr, layout, x, y, m->look->ink_muted);
          continue;
        }

      dimmed = !legend_row_revealed (m->ctx->reveal, row);
      if (dimmed)
        cairo_push_group (cr);
      cairo_save (cr);
      switch (row->type)
        {
        case ROW_SECTOR:
          /* Right of the others, for its badge on its top-left corner */
          draw_node_sample (cr, m->look, CC_ACTOR_KIND_ORGANISATION, FALSE, (CcSector) row->value,
                            x + SAMPLE_W / 2 + 3, cy + 1, 24, SAMPLE_H);
          break;
        case ROW_KIND:
          draw_node_sample (cr, m->look, (CcActorKind) row->value, FALSE, CC_SECTOR_OTHER, x + SAMPLE_W / 2, cy,
                            row->value == CC_ACTOR_KIND_PERSON ? 22 : 24, SAMPLE_H);
          break;
        case ROW_UMBRELLA:
          draw_node_sample (cr, m->look, CC_ACTOR_KIND_ORGANISATION, TRUE, CC_SECTOR_OTHER, x + SAMPLE_W / 2, cy,
                            18, 9);
          break;
        case ROW_LINK:
          {
            Link sample = { 0 };
            CcRgb color;

            sample.x1 = x;
            sample.y1 = cy;
            sample.x2 = x + SAMPLE_W;
            sample.y2 = cy;
            sample.directed = row->style->directed;
            sample.width = cc_map_link_width (row->style, 3) * m->look->lines;
            path_link_line (cr, &sample);
            link_color (m->look, row->style, &color);
            cc_set_source (cr, &color);
            cairo_set_line_width (cr, sample.width);
            set_dash (cr, row->style->dash, sample.width, TRUE);
            cc_stroke (cr, FALSE);
            if (sample.directed)
              {
                path_link_head (cr, &sample);
                cairo_fill (cr);
              }
          }
          break;
        case ROW_TAG:
          path_tag (cr, x + SAMPLE_W / 2 - TAG_W / 2, cy + TAG_H / 2, 1, FALSE);
          paint_tags (cr, m->look, tag_color (m, row->text), 1);
          break;
        case ROW_HEADING:
        default:
          break;
        }
      cairo_restore (cr);

      layout = cc_text_layout (m->ctx, row->shown, LEGEND_FONT, CC_TEXT_REGULAR, 200, 2, PANGO_ALIGN_LEFT);
      cc_text_draw (cr, layout, x + SAMPLE_W + 8, cy - row->th / 2, m->look->ink);
      if (dimmed)
        {
          cairo_pop_group_to_source (cr);
          cairo_paint_with_alpha (cr, 1.0 - REVEAL_DIM);
        }
    }
}

static void
draw_content (MapLayout *m, cairo_t *cr)
{
  draw_groups (m, cr);
  draw_links (m, cr);
  draw_group_titles (m, cr);
  if (m->detail)
    {
      draw_link_labels (m, cr);
      draw_nodes (m, cr);
    }
  else
    draw_nodes_plain (m, cr);
}

static void
map_draw (gpointer data, cairo_t *cr)
{
  MapLayout *m = data;
  g_autoptr(GHashTable) shown = cc_reveal_evaluate (m->ctx->project, m->ctx->sheet, m->ctx->reveal);

  if (shown == NULL)
    draw_content (m, cr);
  else
    {
      /* A group is shown with any member shown. */
      for (guint i = 0; i < m->n_groups; i++)
        {
          const char * const *members = cc_item_get_strv (m->groups[i].item, CC_GROUP_MEMBERS);

          for (guint k = 0; members[k]; k++)
            if (g_hash_table_contains (shown, cc_project_lookup (m->ctx->project, members[k])))
              {
                g_hash_table_add (shown, m->groups[i].item);
                break;
              }
        }
      /* What is not shown is painted together, pale as if mixed toward the
       * paper, and beneath what is: the same batches as always, twice, and
       * on paper the same text to find and copy. */
      m->shown = shown;
      m->pass_shown = FALSE;
      cairo_push_group (cr);
      draw_content (m, cr);
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, 1.0 - REVEAL_DIM);
      m->pass_shown = TRUE;
      draw_content (m, cr);
      m->shown = NULL;
    }

  if (m->ctx->part == CC_RENDER_MOVING)
    return;
  if (m->empty && cc_ctx_sees (m->ctx, &m->empty_box))
    {
      g_autoptr(PangoLayout) layout = cc_text_layout (m->ctx, _("No organisations on this map yet"), NODE_FONT,
                                                      CC_TEXT_ITALIC, 0, 0, PANGO_ALIGN_LEFT);
      double w, h;

      cc_text_draw (cr, layout, m->empty_box.x, m->empty_box.y, m->look->ink_faint);
      if (m->ctx->prompts)
        {
          g_autoptr(PangoLayout) prompt = cc_text_layout (m->ctx, empty_map_prompt (), NODE_FONT, CC_TEXT_REGULAR, 0,
                                                          0, PANGO_ALIGN_LEFT);

          cc_text_size (layout, &w, &h);
          cc_text_draw (cr, prompt, m->empty_box.x, m->empty_box.y + h + EMPTY_PROMPT_GAP, m->look->ink_muted);
        }
    }
  if (m->title_box.width >= 0 && cc_ctx_sees (m->ctx, &m->title_box))
    {
      const CcRect *visible = m->ctx->visible;

      /* As on paper, scaled around the corner for a room */
      cairo_save (cr);
      cairo_translate (cr, m->title_box.x, m->title_box.y);
      cairo_scale (cr, title_scale (m->ctx), title_scale (m->ctx));
      m->ctx->visible = NULL;
      cc_title_draw (m->ctx, cr, 0, 0, m->title_wrap);
      m->ctx->visible = visible;
      if (m->question != NULL)
        {
          g_autoptr(PangoLayout) layout = cc_text_layout (m->ctx, m->question, QUESTION_FONT, CC_TEXT_ITALIC,
                                                          m->title_wrap, QUESTION_LINES, PANGO_ALIGN_LEFT);

          cc_text_draw (cr, layout, 0, m->title_h > 0 ? m->title_h + QUESTION_GAP : 0, m->look->ink_muted);
        }
      cairo_restore (cr);
    }
  draw_legend (m, cr);
}

/* ---- hit testing ------------------------------------------------------ */

static CcItem *
map_hit (gpointer data, double x, double y)
{
  MapLayout *m = data;

  /* The legend is drawn over everything. */
  if (m->legend_box.width > 0 && cc_rect_contains (&m->legend_box, x, y))
    return m->ctx->sheet;
  return cc_map_layout_hit (m->geo, x, y);
}

static void
map_set_ctx (gpointer data, CcRenderCtx *ctx)
{
  MapLayout *m = data;

  m->ctx = ctx;
  m->detail = cc_ctx_text_readable (ctx, NODE_FONT * ctx->text_scale);
  m->look = ctx->high_contrast ? &look_high : &look_usual;
}

guint
cc_map_count_overlaps (CcProject *project, CcItem *sheet, GString *report)
{
  CcRenderCtx ctx;
  MapLayout *m;
  guint n = 0;

  cc_render_ctx_init (&ctx, project, sheet, NULL);
  m = map_layout_new (&ctx);
  n = cc_map_layout_count_overlaps (m->geo, report);
  map_layout_free (m);
  cc_render_ctx_clear (&ctx);
  return n;
}

/* Nodes moved: the layout's geometry follows them; the title and legend
 * move only if the map's extent changed, and then all may look different. */
static gboolean
map_update (gpointer data, CcRenderCtx *ctx, GPtrArray *nodes, CcRect *damage, gboolean *damage_known)
{
  MapLayout *m = data;
  CcRect before, after;
  gboolean updated;

  map_bounds (m, &before);
  m->ctx = ctx;
  m->look = ctx->high_contrast ? &look_high : &look_usual;
  m->geo->spec.measure_data = ctx;
  updated = cc_map_layout_update (m->geo, nodes, damage);
  m->geo->spec.measure_data = NULL;
  if (!updated)
    return FALSE;
  map_layout_sync (m);
  *damage_known = TRUE;
  if (memcmp (&m->content, &m->geo->content, sizeof m->content) != 0 && !(m->empty && m->geo->content.width < 0))
    {
      map_layout_place_rest (m);
      map_bounds (m, &after);
      *damage_known = memcmp (&before, &after, sizeof before) == 0;
      cc_rect_union (damage, &m->title_box);
      cc_rect_union (damage, &m->legend_box);
    }
  return TRUE;
}

const CcSheetRenderer cc_map_renderer = {
  map_layout_new,
  map_layout_free,
  map_bounds,
  map_draw,
  map_hit,
  map_set_ctx,
  NULL,
  NULL,
  map_update,
};

/* ---- item bounds, for the editor ---------------------------------------- */

/**
 * cc_render_get_item_bounds:
 * @project: the project
 * @sheet: a map of @project
 * @item: a node, link or group of @sheet
 * @out: (out): the box, in sheet coordinates
 *
 * Lays the map out as cc_render_sheet() does and gives the box of @item:
 * a node's shape (where cc_render_hit_test() finds it), a link's extent
 * or a group's box.
 *
 * Returns: %TRUE when @item is drawn on @sheet
 */
gboolean
cc_render_get_item_bounds (CcProject *project,
                           CcItem    *sheet,
                           CcItem    *item,
                           CcRect    *out)
{
  return cc_render_get_item_bounds_full (project, sheet, NULL, item, out);
}

gboolean
cc_render_get_item_bounds_full (CcProject             *project,
                                CcItem                *sheet,
                                const CcRenderOptions *options,
                                CcItem                *item,
                                CcRect                *out)
{
  CcRenderCtx ctx;
  MapLayout *m;
  gboolean found = FALSE;

  g_return_val_if_fail (CC_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (sheet == NULL || item == NULL)
    return FALSE;
  if (cc_item_get_kind (sheet) != CC_KIND_MAP)
    return cc_render_get_other_item_bounds (project, sheet, options, item, out);

  cc_render_ctx_init (&ctx, project, sheet, options);
  ctx.visible = NULL;
  ctx.legend = TRUE;
  m = cc_render_layout_acquire (&cc_map_renderer, &ctx);
  switch (cc_item_get_kind (item))
    {
    case CC_KIND_NODE:
      {
        Node *n = g_hash_table_lookup (m->node_of, item);

        if (n != NULL)
          {
            *out = n->shape;
            found = TRUE;
          }
      }
      break;
    case CC_KIND_LINK:
      {
        const Link *l = cc_map_layout_get_link (m->geo, item);

        if (l != NULL && l->drawable)
          {
            *out = l->box;
            found = TRUE;
          }
      }
      break;
    case CC_KIND_MAP:
      if (item == sheet && m->legend_box.width > 0)
        {
          *out = m->legend_box;
          found = TRUE;
        }
      break;
    case CC_KIND_GROUP:
      {
        const Group *g = cc_map_layout_get_group (m->geo, item);

        if (g != NULL)
          {
            *out = g->box;
            found = TRUE;
          }
      }
      break;
    default:
      break;
    }
  cc_render_layout_release (&cc_map_renderer, &ctx, m);
  cc_render_ctx_clear (&ctx);
  return found;
}

void
cc_render_node_badge (cairo_t               *cr,
                      CcProject             *project,
                      CcItem                *sheet,
                      const CcRenderOptions *options,
                      CcItem                *item)
{
  CcRenderCtx ctx;
  MapLayout *m;
  Node *n;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (CC_IS_PROJECT (project));

  if (sheet == NULL || item == NULL || cc_item_get_kind (sheet) != CC_KIND_MAP)
    return;
  cc_render_ctx_init (&ctx, project, sheet, options);
  ctx.visible = NULL;
  ctx.legend = TRUE;
  m = cc_render_layout_acquire (&cc_map_renderer, &ctx);
  n = g_hash_table_lookup (m->node_of, item);
  if (n != NULL && piece_applies (n, PIECE_BADGE))
    {
      path_node_piece (cr, n, PIECE_BADGE);
      paint_node_piece (cr, m->look, n, PIECE_BADGE);
    }
  cc_render_layout_release (&cc_map_renderer, &ctx, m);
  cc_render_ctx_clear (&ctx);
}

/**
 * cc_render_get_map_title_bounds:
 * @project: the project
 * @sheet: a map of @project
 * @options: (nullable): as for cc_render_get_item_bounds_full()
 * @out: (out): the box, in sheet coordinates
 *
 * The box of the map's title over its drawing, so that the editor can
 * keep what it adds clear of it.
 *
 * Returns: %FALSE when the map shows no title
 */
gboolean
cc_render_get_map_title_bounds (CcProject             *project,
                                CcItem                *sheet,
                                const CcRenderOptions *options,
                                CcRect                *out)
{
  CcRenderCtx ctx;
  MapLayout *m;
  gboolean found;

  g_return_val_if_fail (CC_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  if (sheet == NULL || cc_item_get_kind (sheet) != CC_KIND_MAP)
    return FALSE;

  cc_render_ctx_init (&ctx, project, sheet, options);
  ctx.visible = NULL;
  ctx.legend = TRUE;
  m = cc_render_layout_acquire (&cc_map_renderer, &ctx);
  found = m->title_box.width > 0 && m->title_box.height > 0;
  if (found)
    *out = m->title_box;
  cc_render_layout_release (&cc_map_renderer, &ctx, m);
  cc_render_ctx_clear (&ctx);
  return found;
}

/**
 * cc_render_nodes_in_rect:
 * @project: the project
 * @sheet: a map of @project
 * @options: (nullable): how the sheet is laid out (its text scale)
 * @r: an area, sheet coordinates
 * @nodes: (element-type CcItem): where to add the nodes found
 *
 * Finds the nodes of @sheet whose centre is in @r, edges included (a
 * rubber band's), in the sheet's order: looked up in the layout's spatial
 * index rather than by a look at every node.
 */
void
cc_render_nodes_in_rect (CcProject             *project,
                         CcItem                *sheet,
                         const CcRenderOptions *options,
                         const CcRect          *r,
                         GPtrArray             *nodes)
{
  CcRenderCtx ctx;
  MapLayout *m;

  g_return_if_fail (CC_IS_PROJECT (project));
  g_return_if_fail (r != NULL && nodes != NULL);

  if (sheet == NULL || cc_item_get_kind (sheet) != CC_KIND_MAP)
    return;
  cc_render_ctx_init (&ctx, project, sheet, options);
  m = cc_render_layout_acquire (&cc_map_renderer, &ctx);
  cc_map_layout_nodes_in (m->geo, r, nodes);
  cc_render_layout_release (&cc_map_renderer, &ctx, m);
  cc_render_ctx_clear (&ctx);
}

/* ---- what a drag moves -------------------------------------------------- */

/**
 * cc_render_moving_new:
 * @project: the project
 * @sheet: a map of @project
 * @nodes: (element-type CcItem): nodes of @sheet being dragged
 *
 * Works out, once for a drag, what the moving part of each frame lays out:
 * the nodes dragged, the nodes at the other end of their links and the other
 * members of their groups, and the links that hang on them.
 *
 * Returns: (transfer full): what moves, for #CcRenderOptions
 */
CcRenderMoving *
cc_render_moving_new (CcProject *project,
                      CcItem    *sheet,
                      GPtrArray *nodes)
{
  CcRenderMoving *moving = g_new0 (CcRenderMoving, 1);
  GPtrArray *all, *links, *groups;
  g_autoptr(GHashTable) needed = g_hash_table_new (g_direct_hash, g_direct_equal);

  g_return_val_if_fail (CC_IS_PROJECT (project), moving);

  moving->nodes = g_hash_table_new (g_direct_hash, g_direct_equal);
  moving->near = g_ptr_array_new ();
  moving->links = g_ptr_array_new ();
  if (sheet == NULL || cc_item_get_kind (sheet) != CC_KIND_MAP || nodes == NULL)
    return moving;

  all = cc_item_get_children (sheet, CC_MAP_NODES);
  links = cc_item_get_children (sheet, CC_MAP_LINKS);
  groups = cc_item_get_children (sheet, CC_MAP_GROUPS);
  for (guint i = 0; i < nodes->len; i++)
    if (cc_item_get_kind (nodes->pdata[i]) == CC_KIND_NODE)
      {
        g_hash_table_add (moving->nodes, nodes->pdata[i]);
        g_hash_table_add (needed, nodes->pdata[i]);
      }
  for (guint i = 0; i < links->len; i++)
    {
      CcItem *from = cc_project_lookup (project, cc_item_get_string (links->pdata[i], CC_LINK_FROM));
      CcItem *to = cc_project_lookup (project, cc_item_get_string (links->pdata[i], CC_LINK_TO));

      if (from != NULL && to != NULL
          && (g_hash_table_contains (moving->nodes, from) || g_hash_table_contains (moving->nodes, to)))
        {
          g_ptr_array_add (moving->links, links->pdata[i]);
          g_hash_table_add (needed, from);
          g_hash_table_add (needed, to);
        }
    }
  for (guint i = 0; i < groups->len; i++)
    {
      const char * const *members = cc_item_get_strv (groups->pdata[i], CC_GROUP_MEMBERS);
      gboolean moves = FALSE;

      for (guint j = 0; members && members[j] && !moves; j++)
        {
          CcItem *node = cc_project_lookup (project, members[j]);

          moves = node != NULL && g_hash_table_contains (moving->nodes, node);
        }
      for (guint j = 0; moves && members[j]; j++)
        {
          CcItem *node = cc_project_lookup (project, members[j]);

          if (node != NULL)
            g_hash_table_add (needed, node);
        }
    }
  /* In the sheet's order, which is the drawing order. */
  for (guint i = 0; i < all->len; i++)
    if (g_hash_table_contains (needed, all->pdata[i]))
      g_ptr_array_add (moving->near, all->pdata[i]);
  return moving;
}

void
cc_render_moving_free (CcRenderMoving *moving)
{
  if (moving == NULL)
    return;
  g_hash_table_unref (moving->nodes);
  g_ptr_array_unref (moving->near);
  g_ptr_array_unref (moving->links);
  g_free (moving);
}
