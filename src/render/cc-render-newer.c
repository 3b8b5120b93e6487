/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A sheet of a type a newer Concord made: this version cannot draw what is
 * on it, so it draws a card that says what the sheet is and that it is kept
 * as it is. The same card is on screen, in a handout and in an export, so a
 * colleague's sheet never silently turns into a blank page. */

#include "config.h"

#include <glib/gi18n.h>

#include "cc-bidi.h"
#include "cc-render-private.h"

#define CARD_WIDTH   480.0
#define CARD_PAD     24.0
#define CARD_GAP     16.0   /* between the title and the card */
#define HEAD_SIZE    15.0
#define BODY_SIZE    12.0
#define LINE_GAP     8.0

typedef struct
{
  CcRenderCtx *ctx;
  double       title_h;
  char        *head;
  char        *body;
  CcRect       card;
  double       head_h;
  CcRect       bounds;
} NewerLayout;

static gpointer
newer_layout_new (CcRenderCtx *ctx)
{
  NewerLayout *l = g_new0 (NewerLayout, 1);
  const char *type = cc_item_get_string (ctx->sheet, CC_NEWER_SHEET_TYPE);
  g_autofree char *quoted_type = cc_bidi_isolate (type);
  double w, h, body_h;

  l->ctx = ctx;
  cc_title_measure (ctx, CARD_WIDTH, &w, &l->title_h);
  l->head = g_strdup (_("Made by a newer Concord"));
  /* TRANSLATORS: %s is the type of the sheet as the newer Concord names it,
   * for example “timeline” */
  l->body = g_strdup_printf (_("This “%s” sheet is of a kind this version of Concord cannot show. "
                               "It is kept as it is, and saved unchanged with the project. "
                               "Open the project in a newer Concord to see or edit it."),
                             quoted_type);

  cc_text_measure_cached (ctx, l->head, HEAD_SIZE, CC_TEXT_BOLD, CARD_WIDTH - 2 * CARD_PAD, 0, &w, &l->head_h);
  cc_text_measure_cached (ctx, l->body, BODY_SIZE, CC_TEXT_REGULAR, CARD_WIDTH - 2 * CARD_PAD, 0, &w, &body_h);
  h = 2 * CARD_PAD + l->head_h + LINE_GAP + body_h;
  l->card = (CcRect) { 0, l->title_h > 0 ? l->title_h + CARD_GAP : 0, CARD_WIDTH, h };
  l->bounds = (CcRect) { 0, 0, CARD_WIDTH, l->card.y + l->card.height };
  return l;
}

static void
newer_layout_free (gpointer data)
{
  NewerLayout *l = data;

  g_free (l->head);
  g_free (l->body);
  g_free (l);
}

static void
newer_bounds (gpointer data, CcRect *bounds)
{
  NewerLayout *l = data;

  *bounds = l->bounds;
}

static void
newer_draw (gpointer data, cairo_t *cr)
{
  NewerLayout *l = data;
  static const double dash[] = { 6, 4 };
  const double text_w = CARD_WIDTH - 2 * CARD_PAD;
  g_autoptr(PangoLayout) head = NULL;
  g_autoptr(PangoLayout) body = NULL;

  if (l->title_h > 0)
    cc_title_draw (l->ctx, cr, 0, 0, CARD_WIDTH);
  if (!cc_ctx_sees (l->ctx, &l->card))
    return;

  cc_path_rounded_rect (cr, l->card.x, l->card.y, l->card.width, l->card.height, 10);
  cc_set_source_alpha (cr, &cc_ink_faint, 0.08);
  cairo_fill_preserve (cr);
  cairo_save (cr);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_line_width (cr, 1.5);
  cc_set_source (cr, &cc_ink_faint);
  cairo_stroke (cr);
  cairo_restore (cr);

  head = cc_text_layout (l->ctx, l->head, HEAD_SIZE, CC_TEXT_BOLD, text_w, 0, PANGO_ALIGN_LEFT);
  cc_text_draw (cr, head, l->card.x + CARD_PAD, l->card.y + CARD_PAD, &cc_ink);
  body = cc_text_layout (l->ctx, l->body, BODY_SIZE, CC_TEXT_REGULAR, text_w, 0, PANGO_ALIGN_LEFT);
  cc_text_draw (cr, body, l->card.x + CARD_PAD, l->card.y + CARD_PAD + l->head_h + LINE_GAP, &cc_ink_muted);
}

static CcItem *
newer_hit (gpointer data, double x, double y)
{
  (void) data;
  (void) x;
  (void) y;
  return NULL;  /* nothing on it can be picked: it is not ours to edit */
}

const CcSheetRenderer cc_newer_sheet_renderer = {
  newer_layout_new,
  newer_layout_free,
  newer_bounds,
  newer_draw,
  newer_hit,
  NULL,  /* cheap to lay out again */
  NULL,
  NULL,
};
