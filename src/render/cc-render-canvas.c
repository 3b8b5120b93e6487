/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-render-private.h"
#include "cc-template.h"

/* Design canvases: the template's panels on a grid, each with a title bar
 * and its cards as sticky notes in list order; card links as arrows; and,
 * where the template scores gain and pain, the verdict under the title.
 *
 * On a grid template (a power/interest grid) a card about an organisation
 * that has values on both axes stands at that point of the grid, over the
 * panels; the axes are labelled along the left and the bottom.
 *
 * Rows grow to fit the tallest panel in them. Cards whose panel the template
 * does not know (or all cards, when the template itself is unknown) get a
 * panel of their own, titled by the panel id, so nothing is ever hidden. */

static const CcRgb gain_accent = CC_RGB (0x1d7a3a);
static const CcRgb pain_accent = CC_RGB (0xb3261e);
static const CcRgb plain_accent = CC_RGB (0x4f5b6d);
static const CcRgb panel_border = CC_RGB (0xc5cbd3);
static const CcRgb card_default = CC_RGB (0xfff1a8);
static const CcRgb link_color = CC_RGB (0x4f5661);
static const CcRgb chain_color = CC_RGB (0xb35c00);

#define COL_W         260.0
#define GAP           16.0
#define PANEL_PAD     10.0
#define TITLE_FONT    11.0
#define PROMPT_FONT   10.0
#define CARD_FONT     10.0
#define ACTOR_FONT    8.5
#define BADGE_FONT    9.5
#define RESULT_FONT   14.0
#define LINK_FONT     9.0
#define CARD_W        114.0
#define CARD_MAX_W    300.0
#define CARD_GAP      10.0
#define CARD_PAD      8.0
#define CARD_MIN_H    46.0
#define CARD_LINES    10
#define ROW_MIN_H     96.0
#define BADGE_H       17.0
#define GRID_COL_W    320.0
#define GRID_ROW_H    240.0
#define GRID_CARD_W   124.0
#define AXIS_FONT     11.0
#define AXIS_GAP      10.0

typedef struct _Panel Panel;

typedef struct
{
  CcItem     *item;
  Panel      *panel;
  const char *text;
  const char *actor;
  CcRgb       color;
  const CcRgb *ink;
  char       *badge;
  CcScoreRole role;
  double      text_h, actor_w, actor_h, badge_w;
  CcRect      box;
  gboolean    placed;     /* stands at its actor's point of the grid */
  double      fx, fy;
} Card;

struct _Panel
{
  const char  *id;
  const char  *title;      /* translated */
  const char  *prompt;     /* translated, may be "" */
  const char  *next;
  const char  *card_color;
  guint        col, row, col_span, row_span;
  CcScoreRole  role;
  gboolean     chain;      /* leads to or follows another panel */
  CcRgb        accent;
  GPtrArray   *cards;      /* Card*, those that flow in the panel */
  guint        n_placed;   /* grid cards standing on the panel */
  double       title_h, prompt_h, needed;
  double       card_w;
  guint        n_cols;
  CcRect       box;
};

typedef struct
{
  CcItem *item;
  Card   *from, *to;
  const char *label;
  double  x1, y1, x2, y2;
  double  label_w, label_h, label_x, label_y;
  CcRect  box;
  gboolean drawable;
  gboolean curved;   /* side to side, as an S-curve */
} CardLink;

typedef struct
{
  CcRenderCtx  *ctx;
  CcTemplate   *tmpl;
  gboolean      grid;
  CcRect        grid_box;   /* the template's panels, on a grid template */
  char         *x_label, *y_label;
  double        x_label_h, y_label_w, y_label_h;
  Panel        *panels;
  guint         n_panels;
  Card         *cards;
  guint         n_cards;
  CardLink     *links;
  guint         n_links;
  guint         columns, rows;
  double        width;
  double        title_h;
  char         *result;
  CcRgb         result_color;
  CcRect        result_box;
  double        result_w, result_h;
  CcRect        bounds;
} CanvasLayout;

static void
accent_for (const CcTemplatePanel *tp, CcScoreRole role, CcRgb *out)
{
  const CcRgb *def = role == CC_SCORE_ROLE_GAIN ? &gain_accent : role == CC_SCORE_ROLE_PAIN ? &pain_accent
                                                                                            : &plain_accent;

  cc_rgb_parse (tp ? tp->color : NULL, def, out);
}

static Panel *
find_panel (CanvasLayout *c, const char *id)
{
  for (guint i = 0; i < c->n_panels; i++)
    if (g_strcmp0 (c->panels[i].id, id) == 0)
      return &c->panels[i];
  return NULL;
}

static void
layout_card (CanvasLayout *c, Card *card, CcItem *item)
{
  gint64 score = cc_item_get_int (item, CC_CARD_SCORE);
  CcItem *actor = cc_project_lookup (c->ctx->project, cc_item_get_string (item, CC_CARD_ACTOR));
  double h;
  CcRgb panel_default;

  card->item = item;
  card->text = cc_item_get_string (item, CC_CARD_TEXT);
  cc_rgb_parse (card->panel->card_color, &card_default, &panel_default);
  cc_rgb_parse (cc_item_get_string (item, CC_CARD_COLOR), &panel_default, &card->color);
  card->ink = cc_rgb_luminance (&card->color) < 0.3 ? &cc_white : &cc_ink;
  if (actor != NULL && cc_item_get_kind (actor) == CC_KIND_ACTOR)
    card->actor = cc_item_get_string (actor, CC_ACTOR_NAME);
  /* A card about an organisation with nothing written on it is named by it. */
  if (card->actor != NULL && card->text[0] == '\0')
    {
      card->text = card->actor;
      card->actor = NULL;
    }
  card->role = card->panel->role;
  if (score > 0)
    {
      switch (card->role)
        {
        case CC_SCORE_ROLE_GAIN:
          card->badge = g_strdup_printf ("+%d", (int) score);
          break;
        case CC_SCORE_ROLE_PAIN:
          /* U+2212 MINUS SIGN */
          card->badge = g_strdup_printf ("\xe2\x88\x92%d", (int) score);
          break;
        case CC_SCORE_ROLE_NONE:
        default:
          card->badge = g_strdup_printf ("%d", (int) score);
          break;
        }
      cc_text_measure_cached (c->ctx, card->badge, BADGE_FONT, CC_TEXT_BOLD, 0, 0, &card->badge_w, &h);
    }
}

static void
measure_card (CanvasLayout *c, Card *card, double width)
{
  double w, h = CARD_PAD;

  card->box.width = width;
  if (card->text && card->text[0])
    {
      cc_text_measure_cached (c->ctx, card->text, CARD_FONT, CC_TEXT_REGULAR, width - 2 * CARD_PAD, CARD_LINES,
                              &w, &card->text_h);
      h += card->text_h;
    }
  if (card->actor || card->badge)
    {
      double row = card->badge ? BADGE_H : 0;

      if (card->actor)
        {
          double wrap = width - 2 * CARD_PAD - (card->badge ? card->badge_w + 16 : 0);

          cc_text_measure_cached (c->ctx, card->actor, ACTOR_FONT, CC_TEXT_ITALIC, MAX (wrap, 30), 2,
                                  &card->actor_w, &card->actor_h);
          row = MAX (row, card->actor_h);
        }
      h += 6 + row;
    }
  h += CARD_PAD;
  card->box.height = MAX (h, CARD_MIN_H);
}

static void
panel_metrics (CanvasLayout *c, Panel *p, double width)
{
  double w, avail = width - 2 * PANEL_PAD, y = 0, row_h = 0;
  guint n_eff;

  cc_text_measure_cached (c->ctx, p->title, TITLE_FONT, CC_TEXT_BOLD, width - 2 * PANEL_PAD, 3, &w, &p->title_h);
  p->title_h += 12;
  p->n_cols = (guint) MAX (1.0, floor ((avail + CARD_GAP) / (CARD_W + CARD_GAP)));
  /* Along a chain, one card under another: links then run from panel to
   * panel across the gap between them, not behind other cards. */
  if (p->chain)
    p->n_cols = 1;
  n_eff = MIN (p->n_cols, MAX (p->cards->len, 1));
  p->card_w = MIN ((avail - (n_eff - 1) * CARD_GAP) / n_eff, CARD_MAX_W);
  p->n_cols = n_eff;

  if (p->cards->len == 0)
    {
      p->prompt_h = 0;
      if (p->prompt && p->prompt[0])
        cc_text_measure_cached (c->ctx, p->prompt, PROMPT_FONT, CC_TEXT_ITALIC, avail, 0, &w, &p->prompt_h);
      p->needed = p->title_h + 2 * PANEL_PAD + p->prompt_h;
      return;
    }

  /* Cards flow in rows; the cards of a row share its height. */
  for (guint i = 0; i < p->cards->len; i++)
    {
      Card *card = p->cards->pdata[i];

      measure_card (c, card, p->card_w);
      row_h = MAX (row_h, card->box.height);
      if (i % p->n_cols == p->n_cols - 1 || i == p->cards->len - 1)
        {
          y += row_h + (i == p->cards->len - 1 ? 0 : CARD_GAP);
          row_h = 0;
        }
    }
  p->needed = p->title_h + 2 * PANEL_PAD + y;
}

static void
place_cards (Panel *p)
{
  double y = p->box.y + p->title_h + PANEL_PAD;
  guint start = 0;

  while (start < p->cards->len)
    {
      guint end = MIN (start + p->n_cols, p->cards->len);
      double row_h = 0, x = p->box.x + PANEL_PAD;

      for (guint i = start; i < end; i++)
        row_h = MAX (row_h, ((Card *) p->cards->pdata[i])->box.height);
      for (guint i = start; i < end; i++)
        {
          Card *card = p->cards->pdata[i];

          card->box.x = x;
          card->box.y = y;
          card->box.height = row_h;
          x += p->card_w + CARD_GAP;
        }
      y += row_h + CARD_GAP;
      start = end;
    }
}

/* Clips the segment between the centres of two boxes to their borders. */
static gboolean
clip_between (const CcRect *a, const CcRect *b, double gap_b, double *x1, double *y1, double *x2, double *y2)
{
  double ax = a->x + a->width / 2, ay = a->y + a->height / 2;
  double bx = b->x + b->width / 2, by = b->y + b->height / 2;
  double dx = bx - ax, dy = by - ay, ta, tb, len = hypot (dx, dy);

  if (len < 1)
    return FALSE;
  ta = MIN (dx != 0 ? (a->width / 2 + 2) / fabs (dx) : G_MAXDOUBLE,
            dy != 0 ? (a->height / 2 + 2) / fabs (dy) : G_MAXDOUBLE);
  tb = 1 - MIN (dx != 0 ? (b->width / 2 + gap_b) / fabs (dx) : G_MAXDOUBLE,
                dy != 0 ? (b->height / 2 + gap_b) / fabs (dy) : G_MAXDOUBLE);
  if (tb - ta < 6 / len)
    return FALSE;
  *x1 = ax + dx * ta;
  *y1 = ay + dy * ta;
  *x2 = ax + dx * tb;
  *y2 = ay + dy * tb;
  return TRUE;
}

/* Beside the arrow's middle, not on it: a short arrow across the gap
 * between two panels stays visible. Above a flat arrow, to the right of a
 * steep one. */
static void
label_centre (CardLink *l, double *x, double *y)
{
  double dx = l->x2 - l->x1, dy = l->y2 - l->y1, len = hypot (dx, dy);
  double nx = dy / len, ny = -dx / len, off;

  if (l->curved)
    {
      /* In the gap the curve crosses, over it */
      *x = (l->x1 + l->x2) / 2;
      *y = (l->y1 + l->y2) / 2;
      return;
    }
  if (ny > 0 || (ny == 0 && nx < 0))
    nx = -nx, ny = -ny;
  /* Far enough that the label's box clears the line whatever its slant */
  off = fabs (nx) * (l->label_w / 2 + 4) + fabs (ny) * (l->label_h / 2 + 2) + 3;
  *x = (l->x1 + l->x2) / 2 + nx * off;
  *y = (l->y1 + l->y2) / 2 + ny * off;
}

static void
layout_links (CanvasLayout *c)
{
  GPtrArray *items = cc_item_get_children (c->ctx->sheet, CC_CANVAS_LINKS);
  g_autoptr(GHashTable) card_of = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < c->n_cards; i++)
    g_hash_table_insert (card_of, c->cards[i].item, &c->cards[i]);
  c->links = g_new0 (CardLink, items->len);
  for (guint i = 0; i < items->len; i++)
    {
      CcItem *item = items->pdata[i];
      CcItem *from = cc_project_lookup (c->ctx->project, cc_item_get_string (item, CC_CARD_LINK_FROM));
      CcItem *to = cc_project_lookup (c->ctx->project, cc_item_get_string (item, CC_CARD_LINK_TO));
      CardLink *l = &c->links[c->n_links];

      l->from = from ? g_hash_table_lookup (card_of, from) : NULL;
      l->to = to ? g_hash_table_lookup (card_of, to) : NULL;
      if (l->from == NULL || l->to == NULL || l->from == l->to)
        continue;
      c->n_links++;
      l->item = item;
      l->label = cc_item_get_string (item, CC_CARD_LINK_LABEL);
      {
        CcRect *a = &l->from->box, *b = &l->to->box;

        /* Between cards side by side: from the side of one to the side of
         * the other, curving; otherwise straight, border to border. */
        if (b->x >= a->x + a->width + 12 || a->x >= b->x + b->width + 12)
          {
            gboolean right = b->x > a->x;

            l->curved = TRUE;
            l->drawable = TRUE;
            l->x1 = right ? a->x + a->width + 1 : a->x - 1;
            l->y1 = a->y + MIN (a->height / 2, 24);
            l->x2 = right ? b->x - 3 : b->x + b->width + 3;
            l->y2 = b->y + MIN (b->height / 2, 24);
          }
        else
          l->drawable = clip_between (a, b, 3, &l->x1, &l->y1, &l->x2, &l->y2);
      }
      if (!l->drawable)
        continue;
      l->box = (CcRect) { MIN (l->x1, l->x2), MIN (l->y1, l->y2), fabs (l->x2 - l->x1), fabs (l->y2 - l->y1) };
      cc_rect_inflate (&l->box, 8);
      if (l->label && l->label[0])
        {
          CcRect lb;

          cc_text_measure_cached (c->ctx, l->label, LINK_FONT, CC_TEXT_REGULAR, 120, 2, &l->label_w, &l->label_h);
          label_centre (l, &l->label_x, &l->label_y);
          lb = (CcRect) { l->label_x - l->label_w / 2 - 4, l->label_y - l->label_h / 2 - 2,
                          l->label_w + 8, l->label_h + 4 };
          cc_rect_union (&l->box, &lb);
        }
      cc_rect_union (&c->bounds, &l->box);
    }
}

static void
canvas_layout_free (gpointer data)
{
  CanvasLayout *c = data;

  for (guint i = 0; i < c->n_panels; i++)
    g_ptr_array_unref (c->panels[i].cards);
  for (guint i = 0; i < c->n_cards; i++)
    g_free (c->cards[i].badge);
  g_free (c->panels);
  g_free (c->cards);
  g_free (c->links);
  g_free (c->result);
  g_free (c->x_label);
  g_free (c->y_label);
  cc_template_free (c->tmpl);
  g_free (c);
}

/* The grid's box, its axis labels, and the cards standing on it. */
/* Whether the segment from (x1, y1) to (x2, y2) runs through @r. */
static gboolean
segment_crosses (double x1, double y1, double x2, double y2, const CcRect *r)
{
  double len = hypot (x2 - x1, y2 - y1);
  guint steps = (guint) MIN (ceil (len / 2), 2000);

  for (guint s = 0; s <= steps; s++)
    {
      double t = steps > 0 ? (double) s / steps : 0;

      if (cc_rect_contains (r, x1 + (x2 - x1) * t, y1 + (y2 - y1) * t))
        return TRUE;
    }
  return FALSE;
}

/* The line from a card's point to the card, when the card stands off it. */
static gboolean
card_leader (const CanvasLayout *c, const Card *card, const CcRect *b, double *px, double *py, double *ex,
             double *ey)
{
  const CcRect *g = &c->grid_box;

  *px = g->x + card->fx * g->width;
  *py = g->y + (1 - card->fy) * g->height;
  if (cc_rect_contains (b, *px, *py))
    return FALSE;
  *ex = CLAMP (*px, b->x, b->x + b->width);
  *ey = CLAMP (*py, b->y, b->y + b->height);
  return TRUE;
}

/* Whether card @i at @at is clear of the cards before it and their lines,
 * and its own line clear of them. */
static gboolean
card_place_is_clear (const CanvasLayout *c, guint i, const CcRect *at)
{
  double px, py, ex, ey;
  gboolean leader = card_leader (c, &c->cards[i], at, &px, &py, &ex, &ey);
  CcRect shrunk;

  for (guint j = 0; j < i; j++)
    {
      const Card *o = &c->cards[j];
      double opx, opy, oex, oey;

      if (!o->placed)
        continue;
      if (cc_rect_intersects (&o->box, at))
        return FALSE;
      shrunk = o->box;
      cc_rect_inflate (&shrunk, -2);
      if (leader && segment_crosses (px, py, ex, ey, &shrunk))
        return FALSE;
      shrunk = *at;
      cc_rect_inflate (&shrunk, -2);
      if (card_leader (c, o, &o->box, &opx, &opy, &oex, &oey) && segment_crosses (opx, opy, oex, oey, &shrunk))
        return FALSE;
    }
  return TRUE;
}

static void
layout_grid (CanvasLayout *c, double top, const double *row_h)
{
  CcTemplate *tmpl = c->tmpl;
  CcRect *g = &c->grid_box;
  double w;

  g->x = 0;
  g->y = top;
  g->width = c->width;
  g->height = (tmpl->rows - 1) * GAP;
  for (guint r = 0; r < tmpl->rows; r++)
    g->height += row_h[r];

  /* U+2192 RIGHTWARDS ARROW: the way the value grows */
  c->x_label = g_strdup_printf ("%s \xe2\x86\x92", _(cc_axis_label (tmpl->x_axis)));
  c->y_label = g_strdup_printf ("%s \xe2\x86\x92", _(cc_axis_label (tmpl->y_axis)));
  cc_text_measure_cached (c->ctx, c->x_label, AXIS_FONT, CC_TEXT_BOLD, 0, 0, &w, &c->x_label_h);
  cc_text_measure_cached (c->ctx, c->y_label, AXIS_FONT, CC_TEXT_BOLD, 0, 0, &c->y_label_w, &c->y_label_h);
  {
    CcRect xl = { g->x, g->y + g->height, g->width, AXIS_GAP + c->x_label_h };
    CcRect yl = { g->x - AXIS_GAP - c->y_label_h, g->y, AXIS_GAP + c->y_label_h, g->height };

    cc_rect_union (&c->bounds, &xl);
    cc_rect_union (&c->bounds, &yl);
  }

  for (guint i = 0; i < c->n_cards; i++)
    {
      Card *card = &c->cards[i];
      CcRect *b = &card->box;

      if (!card->placed)
        continue;
      measure_card (c, card, GRID_CARD_W);
      b->x = g->x + card->fx * g->width - b->width / 2;
      b->y = g->y + (1 - card->fy) * g->height - b->height / 2;
      /* Inside its panel, under the title, so it reads as being there */
      {
        const CcRect *p = &card->panel->box;
        double top = p->y + card->panel->title_h + 4, bottom = p->y + p->height - 4;

        b->x = CLAMP (b->x, p->x + 4, p->x + p->width - b->width - 4);
        b->y = CLAMP (b->y, top, MAX (top, bottom - b->height));
        /* Clear of the cards placed before it and of their lines, its own
         * line clear of them too: the nearest such place around its point.
         * A card moved off its point is tied to it by a line (draw_card). */
        if (!card_place_is_clear (c, i, b))
          {
            double step_x = b->width / 2 + 6, step_y = b->height / 2 + 6;
            double want_x = b->x, want_y = b->y, best_d = G_MAXDOUBLE;
            CcRect best = *b;

            for (int ring = 1; ring <= 8 && best_d == G_MAXDOUBLE; ring++)
              for (int dy = -ring; dy <= ring; dy++)
                for (int dx = -ring; dx <= ring; dx++)
                  {
                    CcRect at = *b;
                    double d;

                    if (MAX (abs (dx), abs (dy)) != ring)
                      continue;
                    at.x = CLAMP (want_x + dx * step_x, p->x + 4, p->x + p->width - b->width - 4);
                    at.y = CLAMP (want_y + dy * step_y, top, MAX (top, bottom - b->height));
                    d = hypot (at.x - want_x, at.y - want_y);
                    if (d < best_d && card_place_is_clear (c, i, &at))
                      {
                        best = at;
                        best_d = d;
                      }
                  }
            if (best_d < G_MAXDOUBLE)
              {
                *b = best;
                continue;
              }
          }
        /* Nowhere clear: the nearest place above or below its point free of
         * the other cards, if there is one. */
        {
          double want = b->y, best = b->y, best_d = G_MAXDOUBLE;

          for (guint k = 0; k <= 2 * i; k++)
            {
              double cand = k == 0 ? want
                            : (k % 2 == 1) ? c->cards[(k - 1) / 2].box.y + c->cards[(k - 1) / 2].box.height + 4
                                           : c->cards[(k - 1) / 2].box.y - 4 - b->height;
              CcRect at = { b->x, cand, b->width, b->height };
              gboolean free = cand >= top - 0.01 && cand + b->height <= MAX (bottom, top + b->height) + 0.01;

              if (k > 0 && !c->cards[(k - 1) / 2].placed)
                continue;
              for (guint j = 0; j < i && free; j++)
                if (c->cards[j].placed && cc_rect_intersects (&c->cards[j].box, &at))
                  free = FALSE;
              if (free && fabs (cand - want) < best_d)
                {
                  best = cand;
                  best_d = fabs (cand - want);
                }
            }
          b->y = best;
        }
      }
    }
}

static gpointer
canvas_layout_new (CcRenderCtx *ctx)
{
  CanvasLayout *c = g_new0 (CanvasLayout, 1);
  CcTemplate *tmpl = cc_canvas_get_template (ctx->sheet);
  GPtrArray *cards = cc_item_get_children (ctx->sheet, CC_CANVAS_CARDS);
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();   /* panel ids the template lacks */
  g_autofree double *row_h = NULL;
  g_autofree double *point = g_new0 (double, 2 * MAX (cards->len, 1));  /* grid points, fx fy */
  g_autofree gboolean *placed = g_new0 (gboolean, MAX (cards->len, 1));
  guint n_template = tmpl ? tmpl->n_panels : 0, extra_cols, extra_row0;
  gboolean scored = FALSE;
  double y = 0, w, title_w, col_w, row_min;

  c->ctx = ctx;
  c->tmpl = tmpl;
  c->grid = cc_template_is_grid (tmpl);
  c->bounds = (CcRect) { 0, 0, -1, -1 };
  col_w = c->grid ? GRID_COL_W : COL_W;
  row_min = c->grid ? GRID_ROW_H : ROW_MIN_H;

  for (guint i = 0; i < cards->len; i++)
    {
      const char *pid = cc_item_get_string (cards->pdata[i], CC_CARD_PANEL);

      if (c->grid)
        {
          CcItem *actor = cc_project_lookup (ctx->project, cc_item_get_string (cards->pdata[i], CC_CARD_ACTOR));

          placed[i] = cc_template_actor_point (tmpl, actor, &point[2 * i], &point[2 * i + 1])
                      && cc_template_panel_at (tmpl, point[2 * i], point[2 * i + 1]) != NULL;
          if (placed[i])
            continue;
        }
      if (cc_template_find_panel (tmpl, pid) == NULL &&
          !g_ptr_array_find_with_equal_func (extra, pid, g_str_equal, NULL))
        g_ptr_array_add (extra, (gpointer) pid);
    }

  /* The grid: the template's, with a band of extra rows beneath for panels
   * it does not know. */
  c->columns = tmpl ? tmpl->columns : MIN (MAX (extra->len, 1), 4);
  extra_row0 = tmpl ? tmpl->rows : 0;
  extra_cols = c->columns;
  c->rows = extra_row0 + (extra->len + extra_cols - 1) / extra_cols;
  if (c->rows == 0)
    c->rows = 1;
  c->n_panels = n_template + extra->len;
  c->panels = g_new0 (Panel, MAX (c->n_panels, 1));
  for (guint i = 0; i < n_template; i++)
    {
      const CcTemplatePanel *tp = &tmpl->panels[i];
      Panel *p = &c->panels[i];

      p->id = tp->id;
      p->title = _(tp->title);
      p->prompt = tp->prompt[0] ? _(tp->prompt) : "";
      p->next = tp->next;
      p->col = tp->col;
      p->row = tp->row;
      p->col_span = tp->col_span;
      p->row_span = tp->row_span;
      p->card_color = tp->card_color;
      p->role = tp->score_role;
      scored |= p->role != CC_SCORE_ROLE_NONE;
      accent_for (tp, p->role, &p->accent);
    }
  for (guint i = 0; i < extra->len; i++)
    {
      Panel *p = &c->panels[n_template + i];

      p->id = extra->pdata[i];
      p->title = p->id;
      p->prompt = "";
      p->col = i % extra_cols;
      p->row = extra_row0 + i / extra_cols;
      p->col_span = p->row_span = 1;
      p->role = CC_SCORE_ROLE_NONE;
      accent_for (NULL, p->role, &p->accent);
    }
  for (guint i = 0; i < c->n_panels; i++)
    {
      Panel *next = c->panels[i].next ? find_panel (c, c->panels[i].next) : NULL;

      c->panels[i].cards = g_ptr_array_new ();
      if (next != NULL && next != &c->panels[i])
        c->panels[i].chain = next->chain = TRUE;
    }

  c->n_cards = cards->len;
  c->cards = g_new0 (Card, MAX (cards->len, 1));
  for (guint i = 0; i < cards->len; i++)
    {
      Card *card = &c->cards[i];

      if (placed[i])
        {
          card->placed = TRUE;
          card->fx = point[2 * i];
          card->fy = point[2 * i + 1];
          card->panel = find_panel (c, cc_template_panel_at (tmpl, card->fx, card->fy)->id);
          card->panel->n_placed++;
        }
      else
        {
          card->panel = find_panel (c, cc_item_get_string (cards->pdata[i], CC_CARD_PANEL));
          g_ptr_array_add (card->panel->cards, card);
        }
      layout_card (c, card, cards->pdata[i]);
    }

  c->width = c->columns * col_w + (c->columns - 1) * GAP;

  /* Title, and the verdict on gain and pain */
  cc_title_measure (ctx, c->width, &title_w, &c->title_h);
  if (c->title_h > 0)
    {
      CcRect box = { 0, 0, title_w, c->title_h };

      cc_rect_union (&c->bounds, &box);
      y = c->title_h + 12;
    }
  if (scored)
    {
      int gain, pain;

      cc_canvas_gain_pain (ctx->sheet, &gain, &pain);
      if (gain > pain)
        {
          c->result = g_strdup_printf (_("Total gain %d against total pain %d: gain outweighs pain"), gain, pain);
          c->result_color = gain_accent;
        }
      else if (pain > gain)
        {
          c->result = g_strdup_printf (_("Total gain %d against total pain %d: pain outweighs gain"), gain, pain);
          c->result_color = pain_accent;
        }
      else
        {
          c->result = g_strdup_printf (_("Total gain %d against total pain %d: gain and pain are even"), gain, pain);
          c->result_color = plain_accent;
        }
      cc_text_measure_cached (ctx, c->result, RESULT_FONT, CC_TEXT_BOLD, c->width - 28, 0, &c->result_w,
                              &c->result_h);
      c->result_box = (CcRect) { 0, y + 2, c->result_w + 28, c->result_h + 14 };
      cc_rect_union (&c->bounds, &c->result_box);
      y += c->result_box.height + 18;
    }
  else
    y += 8;

  /* Panels: measure, then size the rows to the tallest, then place */
  for (guint i = 0; i < c->n_panels; i++)
    {
      Panel *p = &c->panels[i];

      panel_metrics (c, p, p->col_span * col_w + (p->col_span - 1) * GAP);
    }
  row_h = g_new0 (double, c->rows);
  for (guint r = 0; r < c->rows; r++)
    row_h[r] = r < extra_row0 ? row_min : ROW_MIN_H;
  for (guint i = 0; i < c->n_panels; i++)
    if (c->panels[i].row_span == 1)
      row_h[c->panels[i].row] = MAX (row_h[c->panels[i].row], c->panels[i].needed);
  for (guint i = 0; i < c->n_panels; i++)
    {
      Panel *p = &c->panels[i];
      double avail = (p->row_span - 1) * GAP;

      if (p->row_span == 1)
        continue;
      for (guint r = p->row; r < p->row + p->row_span; r++)
        avail += row_h[r];
      if (p->needed > avail)
        row_h[p->row + p->row_span - 1] += p->needed - avail;
    }
  for (guint i = 0; i < c->n_panels; i++)
    {
      Panel *p = &c->panels[i];
      double py = y;

      for (guint r = 0; r < p->row; r++)
        py += row_h[r] + GAP;
      p->box.x = p->col * (col_w + GAP);
      p->box.y = py;
      p->box.width = p->col_span * col_w + (p->col_span - 1) * GAP;
      p->box.height = (p->row_span - 1) * GAP;
      for (guint r = p->row; r < p->row + p->row_span; r++)
        p->box.height += row_h[r];
      cc_rect_union (&c->bounds, &p->box);
      place_cards (p);
    }
  if (c->grid)
    layout_grid (c, y, row_h);
  if (c->n_panels == 0)
    {
      cc_text_measure_cached (ctx, _("No cards yet"), PROMPT_FONT, CC_TEXT_ITALIC, 0, 0, &w, &row_h[0]);
      c->bounds.height = MAX (c->bounds.height, y + row_h[0]);
      c->bounds.width = MAX (c->bounds.width, w);
    }

  layout_links (c);
  return c;
}

static void
canvas_bounds (gpointer data, CcRect *bounds)
{
  CanvasLayout *c = data;

  *bounds = c->bounds;
}

/* ---- drawing ---------------------------------------------------------- */

static void
draw_panel (CanvasLayout *c, cairo_t *cr, Panel *p)
{
  const CcRgb white = CC_RGB (0xffffff), black = CC_RGB (0);
  CcRgb tint, title_color;
  g_autoptr(PangoLayout) title = NULL;

  if (!cc_ctx_sees (c->ctx, &p->box))
    return;
  cc_rgb_mix (&p->accent, &white, 0.86, &tint);
  cc_rgb_mix (&p->accent, &black, 0.15, &title_color);

  cc_path_rounded_rect (cr, p->box.x, p->box.y, p->box.width, p->box.height, 8);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_save (cr);
  cairo_clip (cr);
  cairo_rectangle (cr, p->box.x, p->box.y, p->box.width, p->title_h);
  cc_set_source (cr, &tint);
  cairo_fill (cr);
  cairo_restore (cr);
  cc_path_rounded_rect (cr, p->box.x, p->box.y, p->box.width, p->box.height, 8);
  cc_set_source (cr, &panel_border);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
  cairo_move_to (cr, p->box.x, p->box.y + p->title_h);
  cairo_line_to (cr, p->box.x + p->box.width, p->box.y + p->title_h);
  cc_set_source (cr, &p->accent);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);

  title = cc_text_layout (c->ctx, p->title, TITLE_FONT, CC_TEXT_BOLD, p->box.width - 2 * PANEL_PAD, 3,
                          PANGO_ALIGN_LEFT);
  cc_text_draw (cr, title, p->box.x + PANEL_PAD, p->box.y + 6, &title_color);

  if (p->cards->len == 0 && p->n_placed == 0 && p->prompt && p->prompt[0])
    {
      g_autoptr(PangoLayout) prompt = cc_text_layout (c->ctx, p->prompt, PROMPT_FONT, CC_TEXT_ITALIC,
                                                      p->box.width - 2 * PANEL_PAD, 0, PANGO_ALIGN_LEFT);

      cc_text_draw (cr, prompt, p->box.x + PANEL_PAD, p->box.y + p->title_h + PANEL_PAD, &cc_ink_faint);
    }
}

/* The chain from one panel to the next: a chevron in the gap between them. */
static void
draw_chain (CanvasLayout *c, cairo_t *cr, Panel *p)
{
  Panel *next = p->next ? find_panel (c, p->next) : NULL;
  double x, y;

  if (next == NULL || next->row != p->row || next->col != p->col + p->col_span)
    return;
  x = p->box.x + p->box.width + GAP / 2;
  y = p->box.y + p->title_h / 2;
  cairo_move_to (cr, x - 5, y - 8);
  cairo_line_to (cr, x + 5, y);
  cairo_line_to (cr, x - 5, y + 8);
  cc_set_source (cr, &chain_color);
  cairo_set_line_width (cr, 3);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

static void
draw_axes (CanvasLayout *c, cairo_t *cr)
{
  CcRect *g = &c->grid_box;
  g_autoptr(PangoLayout) x_label = cc_text_layout (c->ctx, c->x_label, AXIS_FONT, CC_TEXT_BOLD, 0, 0,
                                                   PANGO_ALIGN_LEFT);
  g_autoptr(PangoLayout) y_label = cc_text_layout (c->ctx, c->y_label, AXIS_FONT, CC_TEXT_BOLD, 0, 0,
                                                   PANGO_ALIGN_LEFT);
  double tw, th;

  cc_text_size (x_label, &tw, &th);
  cc_text_draw (cr, x_label, g->x + g->width / 2 - tw / 2, g->y + g->height + AXIS_GAP / 2, &cc_ink_muted);
  /* Upwards along the left edge, read from below */
  cc_text_size (y_label, &tw, &th);
  cairo_save (cr);
  cairo_translate (cr, g->x - AXIS_GAP / 2 - th, g->y + g->height / 2 + tw / 2);
  cairo_rotate (cr, -G_PI / 2);
  cc_text_draw (cr, y_label, 0, 0, &cc_ink_muted);
  cairo_restore (cr);
}

static void
draw_card (CanvasLayout *c, cairo_t *cr, Card *card)
{
  const CcRgb black = CC_RGB (0);
  CcRect *b = &card->box;
  CcRgb edge;
  double bottom = b->y + b->height - CARD_PAD;

  if (card->placed)
    {
      const CcRect *g = &c->grid_box;
      double px = g->x + card->fx * g->width, py = g->y + (1 - card->fy) * g->height;

      if (!cc_rect_contains (b, px, py))
        {
          cairo_move_to (cr, px, py);
          cairo_line_to (cr, CLAMP (px, b->x, b->x + b->width), CLAMP (py, b->y, b->y + b->height));
          cc_set_source (cr, &link_color);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          cairo_arc (cr, px, py, 3.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  if (!cc_ctx_sees (c->ctx, b))
    return;
  /* A sticky note, lifted off the panel a little */
  cc_path_rounded_rect (cr, b->x + 1.2, b->y + 2, b->width, b->height, 3);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.13);
  cairo_fill (cr);
  cc_path_rounded_rect (cr, b->x, b->y, b->width, b->height, 3);
  cc_set_source (cr, &card->color);
  cairo_fill_preserve (cr);
  cc_rgb_mix (&card->color, &black, 0.22, &edge);
  cc_set_source (cr, &edge);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);

  if (card->text && card->text[0])
    {
      g_autoptr(PangoLayout) text = cc_text_layout (c->ctx, card->text, CARD_FONT, CC_TEXT_REGULAR,
                                                    b->width - 2 * CARD_PAD, CARD_LINES, PANGO_ALIGN_LEFT);

      cc_text_draw (cr, text, b->x + CARD_PAD, b->y + CARD_PAD, card->ink);
    }

  if (card->badge)
    {
      const CcRgb *fill = card->role == CC_SCORE_ROLE_GAIN ? &gain_accent
                          : card->role == CC_SCORE_ROLE_PAIN ? &pain_accent : &plain_accent;
      g_autoptr(PangoLayout) badge = cc_text_layout (c->ctx, card->badge, BADGE_FONT, CC_TEXT_BOLD, 0, 0,
                                                     PANGO_ALIGN_LEFT);
      double w = card->badge_w + 12, bh, tw;

      cc_path_rounded_rect (cr, b->x + b->width - CARD_PAD - w, bottom - BADGE_H, w, BADGE_H, BADGE_H / 2);
      cc_set_source (cr, fill);
      cairo_fill (cr);
      cc_text_size (badge, &tw, &bh);
      cc_text_draw (cr, badge, b->x + b->width - CARD_PAD - w / 2 - tw / 2, bottom - BADGE_H / 2 - bh / 2,
                    &cc_white);
    }
  if (card->actor)
    {
      double wrap = b->width - 2 * CARD_PAD - (card->badge ? card->badge_w + 16 : 0);
      g_autoptr(PangoLayout) actor = cc_text_layout (c->ctx, card->actor, ACTOR_FONT, CC_TEXT_ITALIC,
                                                     MAX (wrap, 30), 2, PANGO_ALIGN_LEFT);
      CcRgb muted;

      cc_rgb_mix (card->ink, &card->color, 0.3, &muted);
      cc_text_draw (cr, actor, b->x + CARD_PAD, bottom - card->actor_h, &muted);
    }
}

static void
path_card_link (cairo_t *cr, const CardLink *l, double shorten)
{
  if (l->curved)
    {
      double dir = l->x2 > l->x1 ? 1 : -1, mid = (l->x2 - shorten * dir - l->x1) / 2;

      cairo_move_to (cr, l->x1, l->y1);
      cairo_curve_to (cr, l->x1 + mid, l->y1, l->x2 - shorten * dir - mid, l->y2, l->x2 - shorten * dir, l->y2);
    }
  else
    {
      double len = hypot (l->x2 - l->x1, l->y2 - l->y1);

      cairo_move_to (cr, l->x1, l->y1);
      cairo_line_to (cr, l->x2 - (l->x2 - l->x1) / len * shorten, l->y2 - (l->y2 - l->y1) / len * shorten);
    }
}

static void
draw_link (CanvasLayout *c, cairo_t *cr, CardLink *l)
{
  double len, ux, uy;

  if (!l->drawable || !cc_ctx_sees (c->ctx, &l->box))
    return;
  if (l->curved)
    {
      ux = l->x2 > l->x1 ? 1 : -1;
      uy = 0;
    }
  else
    {
      len = hypot (l->x2 - l->x1, l->y2 - l->y1);
      ux = (l->x2 - l->x1) / len;
      uy = (l->y2 - l->y1) / len;
    }
  path_card_link (cr, l, 8);
  cc_set_source (cr, &link_color);
  cairo_set_line_width (cr, 1.8);
  cairo_stroke (cr);
  cc_draw_arrowhead (cr, l->x2, l->y2, ux, uy, 10, 5);
  cairo_fill (cr);
}

static void
draw_link_label (CanvasLayout *c, cairo_t *cr, CardLink *l)
{
  g_autoptr(PangoLayout) label = NULL;

  if (!l->drawable || !l->label || !l->label[0] || !cc_ctx_sees (c->ctx, &l->box))
    return;
  label = cc_text_layout (c->ctx, l->label, LINK_FONT, CC_TEXT_REGULAR, 120, 2, PANGO_ALIGN_LEFT);
  cc_halo_label_draw (cr, label, l->label_x, l->label_y, &cc_ink_muted);
}

static void
canvas_draw (gpointer data, cairo_t *cr)
{
  CanvasLayout *c = data;

  if (c->title_h > 0)
    cc_title_draw (c->ctx, cr, 0, 0, c->width);
  if (c->result && cc_ctx_sees (c->ctx, &c->result_box))
    {
      CcRect *b = &c->result_box;
      g_autoptr(PangoLayout) result = cc_text_layout (c->ctx, c->result, RESULT_FONT, CC_TEXT_BOLD, c->width - 28,
                                                      0, PANGO_ALIGN_LEFT);

      cc_path_rounded_rect (cr, b->x, b->y, b->width, b->height, b->height / 2);
      cc_set_source_alpha (cr, &c->result_color, 0.12);
      cairo_fill_preserve (cr);
      cc_set_source (cr, &c->result_color);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      cc_text_draw (cr, result, b->x + 14, b->y + 7, &c->result_color);
    }

  for (guint i = 0; i < c->n_panels; i++)
    draw_panel (c, cr, &c->panels[i]);
  for (guint i = 0; i < c->n_panels; i++)
    draw_chain (c, cr, &c->panels[i]);
  if (c->grid)
    draw_axes (c, cr);
  /* Cards over links: an arrow passing behind a card stays out of its text. */
  for (guint i = 0; i < c->n_links; i++)
    draw_link (c, cr, &c->links[i]);
  for (guint i = 0; i < c->n_cards; i++)
    draw_card (c, cr, &c->cards[i]);
  for (guint i = 0; i < c->n_links; i++)
    draw_link_label (c, cr, &c->links[i]);
  if (c->n_panels == 0)
    {
      g_autoptr(PangoLayout) empty = cc_text_layout (c->ctx, _("No cards yet"), PROMPT_FONT, CC_TEXT_ITALIC, 0, 0,
                                                     PANGO_ALIGN_LEFT);

      cc_text_draw (cr, empty, 0, c->bounds.y + c->bounds.height - 14, &cc_ink_faint);
    }
}

static CcItem *
canvas_hit (gpointer data, double x, double y)
{
  CanvasLayout *c = data;

  for (guint i = c->n_cards; i-- > 0;)
    if (cc_rect_contains (&c->cards[i].box, x, y))
      return c->cards[i].item;
  for (guint i = c->n_links; i-- > 0;)
    {
      CardLink *l = &c->links[i];
      cairo_surface_t *surface;
      cairo_t *cr;
      gboolean hit;

      if (!l->drawable || !cc_rect_contains (&l->box, x, y))
        continue;
      if (!l->curved)
        {
          if (cc_segment_distance (x, y, l->x1, l->y1, l->x2, l->y2) <= 5)
            return l->item;
          continue;
        }
      surface = cairo_recording_surface_create (CAIRO_CONTENT_ALPHA, NULL);
      cr = cairo_create (surface);
      path_card_link (cr, l, 0);
      cairo_set_line_width (cr, 10);
      hit = cairo_in_stroke (cr, x, y);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      if (hit)
        return l->item;
    }
  return NULL;
}

static gboolean
canvas_hit_detail (gpointer data, double x, double y, CcHit *hit)
{
  CanvasLayout *c = data;

  memset (hit, 0, sizeof *hit);
  if (c->grid)
    {
      CcRect *g = &c->grid_box;

      hit->on_grid = cc_rect_contains (g, x, y);
      hit->grid_x = CLAMP ((x - g->x) / g->width, 0, 1);
      hit->grid_y = CLAMP (1 - (y - g->y) / g->height, 0, 1);
    }
  hit->item = canvas_hit (data, x, y);
  if (hit->item != NULL)
    {
      hit->part = CC_HIT_ITEM;
      for (guint i = 0; i < c->n_cards; i++)
        if (c->cards[i].item == hit->item)
          {
            hit->box = c->cards[i].box;
            hit->panel = c->cards[i].panel->id;
            hit->index = (int) i;
          }
      return TRUE;
    }
  for (guint i = 0; i < c->n_panels; i++)
    if (cc_rect_contains (&c->panels[i].box, x, y))
      {
        hit->part = CC_HIT_PANEL;
        hit->item = c->ctx->sheet;
        hit->panel = c->panels[i].id;
        hit->box = c->panels[i].box;
        hit->index = (int) c->panels[i].cards->len;
        return TRUE;
      }
  return FALSE;
}

static gboolean
canvas_item_bounds (gpointer data, CcItem *item, CcRect *box)
{
  CanvasLayout *c = data;

  for (guint i = 0; i < c->n_cards; i++)
    if (c->cards[i].item == item)
      {
        *box = c->cards[i].box;
        return TRUE;
      }
  for (guint i = 0; i < c->n_links; i++)
    if (c->links[i].item == item && c->links[i].drawable)
      {
        *box = c->links[i].box;
        return TRUE;
      }
  return FALSE;
}

const CcSheetRenderer cc_canvas_renderer = {
  canvas_layout_new,
  canvas_layout_free,
  canvas_bounds,
  canvas_draw,
  canvas_hit,
  NULL,  /* cheap to lay out again */
  canvas_hit_detail,
  canvas_item_bounds,
};
