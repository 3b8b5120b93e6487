/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-render-private.h"

/* Force-field analysis, as Lewin's worksheet: the change as a heading, the
 * current (and desired) situation as a band in the middle, driving forces
 * pushing at it from one side and resisting forces from the other. An arrow's
 * length and thickness grow with its strength; scores sit in a column of
 * their own so they can be read down; totals and the balance go beneath.
 * With plans, each force also gets an outlined arrow for its planned
 * strength and the planned totals are given beside the present ones.
 *
 * Horizontal: driving on the left pointing right, resisting on the right
 * pointing left. Vertical: resisting from the top pressing down, driving from
 * the bottom pushing up, with the descriptive text in a column on the left. */

static const CcRgb driving_stroke = CC_RGB (0x1d7a3a);
static const CcRgb driving_fill = CC_RGB (0x5fb878);
static const CcRgb resisting_stroke = CC_RGB (0xb3261e);
static const CcRgb resisting_fill = CC_RGB (0xe8726b);
static const CcRgb band_fill = CC_RGB (0xeef1f5);
static const CcRgb band_stroke = CC_RGB (0x8e96a3);
static const CcRgb desired_color = CC_RGB (0x1d5fa8);
static const CcRgb guide_color = CC_RGB (0xc4c9d0);

#define CHANGE_FONT     15.0
#define HEADER_FONT     13.0
#define LABEL_FONT      11.0
#define NOTE_FONT       8.5
#define SCORE_FONT      11.0
#define BAND_LABEL_FONT 9.0
#define BAND_TEXT_FONT  11.0
#define TOTAL_FONT      12.5
#define BALANCE_FONT    15.0

#define UNIT            44.0    /* arrow length per point of strength */
#define UNIT_V          36.0
#define LABEL_W         210.0
#define SCORE_W         58.0
#define GAP             12.0
#define BAND_W          170.0
#define ROW_GAP         14.0
#define HEADER_W        180.0   /* vertical: the descriptive column */
#define COLUMN_W        150.0   /* vertical: one force */
#define PILL_H          20.0

typedef struct
{
  CcItem     *item;
  CcSide      side;
  int         strength;
  int         planned;     /* the strength after the plan */
  gboolean    ghost;       /* draw the planned arrow */
  const char *label;
  char       *score;       /* "4" or "4 → 2" */
  char       *note;        /* the planned action, or NULL */
  double      label_w, label_h, note_h, score_w;
  double      thickness, ghost_thickness;
  /* placed */
  double      tail_x, tail_y, tip_x, tip_y;
  double      gtail_x, gtail_y, gtip_x, gtip_y;
  double      label_x, label_y, label_wrap;
  PangoAlignment align;
  double      pill_cx, pill_cy;
  CcRect      box;
} Force;

typedef struct
{
  char   *text;
  double  size;
  CcTextStyle style;
  const CcRgb *color;
  double  x, y, w, h, wrap;
  PangoAlignment align;
  gboolean boxed;          /* on a tinted rounded box */
  const CcRgb *box_color;
} Text;

typedef struct
{
  CcRenderCtx *ctx;
  gboolean     vertical;
  gboolean     plans;
  Force       *forces;
  guint        n_forces;
  GArray      *texts;      /* Text, drawn as they are */
  CcRect       band;
  gboolean     desired_line;
  double       desired_y, desired_x1, desired_x2;
  CcRect       bounds;
  double       title_wrap;
  double       title_h;
} FieldLayout;

static double
thickness_for (int strength)
{
  return 6.0 + 3.0 * strength;
}

static void
text_clear (Text *t)
{
  g_free (t->text);
}

/* Adds a text block at (x, y) (the left of its wrap width when wrapped) and
 * returns its height. */
static double
add_text (FieldLayout *f, const char *text, double size, CcTextStyle style, const CcRgb *color,
          double x, double y, double wrap, PangoAlignment align)
{
  Text t = { g_strdup (text), size, style, color, x, y, 0, 0, wrap, align, FALSE, NULL };
  CcRect box;

  cc_text_measure_cached (f->ctx, text, size, style, wrap, 0, &t.w, &t.h);
  g_array_append_val (f->texts, t);
  box.x = wrap > 0 ? (align == PANGO_ALIGN_LEFT ? x : align == PANGO_ALIGN_RIGHT ? x + wrap - t.w
                                                                             : x + (wrap - t.w) / 2)
                   : x;
  box.y = y;
  box.width = t.w;
  box.height = t.h;
  cc_rect_union (&f->bounds, &box);
  return t.h;
}

static void
text_box_last (FieldLayout *f, const CcRgb *color)
{
  Text *t = &g_array_index (f->texts, Text, f->texts->len - 1);
  CcRect box;

  t->boxed = TRUE;
  t->box_color = color;
  box = (CcRect) { t->x + (t->wrap - t->w) / 2 - 14, t->y - 6, t->w + 28, t->h + 12 };
  cc_rect_union (&f->bounds, &box);
}

static void
force_init (FieldLayout *f, Force *force, CcItem *item)
{
  gint64 planned = cc_item_get_int (item, CC_FORCE_PLANNED);
  CcAction action = (CcAction) CLAMP (cc_item_get_int (item, CC_FORCE_ACTION), 0, CC_N_ACTIONS - 1);

  force->item = item;
  force->side = cc_item_get_int (item, CC_FORCE_SIDE) == CC_SIDE_RESISTING ? CC_SIDE_RESISTING : CC_SIDE_DRIVING;
  force->strength = (int) CLAMP (cc_item_get_int (item, CC_FORCE_STRENGTH), 1, 5);
  force->label = cc_item_get_string (item, CC_FORCE_LABEL);
  /* As cc_forcefield_totals counts it. */
  if (planned >= 0)
    force->planned = (int) CLAMP (planned, 0, 5);
  else if (action == CC_ACTION_REMOVE)
    force->planned = 0;
  else
    force->planned = force->strength;
  force->thickness = thickness_for (force->strength);

  if (f->plans && (planned >= 0 || action != CC_ACTION_NONE))
    {
      /* TRANSLATORS: a force's strength now and after the planned action */
      force->score = g_strdup_printf (_("%d → %d"), force->strength, force->planned);
      force->ghost = force->planned != force->strength && force->planned > 0;
      force->ghost_thickness = thickness_for (force->planned);
    }
  else
    force->score = g_strdup_printf ("%d", force->strength);

  switch (action)
    {
    case CC_ACTION_STRENGTHEN:
      force->note = g_strdup (_("Plan: strengthen"));
      break;
    case CC_ACTION_WEAKEN:
      force->note = g_strdup (_("Plan: weaken"));
      break;
    case CC_ACTION_REMOVE:
      force->note = g_strdup (_("Plan: remove"));
      break;
    case CC_ACTION_NONE:
    case CC_N_ACTIONS:
    default:
      break;
    }
}

static void
measure_force (FieldLayout *f, Force *force, double wrap)
{
  double h;

  cc_text_measure_cached (f->ctx, force->label, LABEL_FONT, CC_TEXT_REGULAR, wrap, 4, &force->label_w,
                          &force->label_h);
  force->note_h = 0;
  if (force->note)
    {
      double w;

      cc_text_measure_cached (f->ctx, force->note, NOTE_FONT, CC_TEXT_ITALIC, wrap, 1, &w, &h);
      force->note_h = h + 1;
    }
  cc_text_measure_cached (f->ctx, force->score, SCORE_FONT, CC_TEXT_BOLD, 0, 0, &force->score_w, &h);
  force->label_wrap = wrap;
}

static const CcRgb *
side_stroke (CcSide side)
{
  return side == CC_SIDE_DRIVING ? &driving_stroke : &resisting_stroke;
}

/* ---- the summary beneath ---------------------------------------------- */

static char *
balance_sentence (int driving, int resisting)
{
  if (driving > resisting)
    return g_strdup_printf (_("Driving forces prevail by %d"), driving - resisting);
  if (resisting > driving)
    return g_strdup_printf (_("Resisting forces prevail by %d"), resisting - driving);
  return g_strdup (_("Forces are balanced"));
}

static char *
planned_balance_sentence (int driving, int resisting)
{
  if (driving > resisting)
    return g_strdup_printf (_("after the plan, driving forces would prevail by %d"), driving - resisting);
  if (resisting > driving)
    return g_strdup_printf (_("after the plan, resisting forces would prevail by %d"), resisting - driving);
  return g_strdup (_("after the plan, forces would be balanced"));
}

/* Totals under each side's column (centred on left_cx and right_cx), then
 * the balance across the whole width; returns the bottom. */
static double
layout_summary (FieldLayout *f, double y, double left_cx, double right_cx, double x0, double width)
{
  int driving, resisting;
  g_autofree char *dtext = NULL, *rtext = NULL, *balance = NULL;
  double h1, h2, col_w = 300;

  cc_forcefield_totals (f->ctx->sheet, FALSE, &driving, &resisting);
  dtext = g_strdup_printf (_("Driving forces: total %d"), driving);
  rtext = g_strdup_printf (_("Resisting forces: total %d"), resisting);
  h1 = add_text (f, dtext, TOTAL_FONT, CC_TEXT_BOLD, &driving_stroke, left_cx - col_w / 2, y, col_w,
                 PANGO_ALIGN_CENTER);
  h2 = add_text (f, rtext, TOTAL_FONT, CC_TEXT_BOLD, &resisting_stroke, right_cx - col_w / 2, y, col_w,
                 PANGO_ALIGN_CENTER);
  y += MAX (h1, h2) + 18;

  balance = balance_sentence (driving, resisting);
  y += add_text (f, balance, BALANCE_FONT, CC_TEXT_BOLD,
                 driving > resisting ? &driving_stroke : resisting > driving ? &resisting_stroke : &cc_ink,
                 x0, y, width, PANGO_ALIGN_CENTER);
  text_box_last (f, driving > resisting ? &driving_fill : resisting > driving ? &resisting_fill : &band_stroke);
  y += 18;

  if (f->plans)
    {
      int pd, pr;
      g_autofree char *planned = NULL, *pbalance = NULL, *line = NULL;

      cc_forcefield_totals (f->ctx->sheet, TRUE, &pd, &pr);
      planned = g_strdup_printf (_("Planned: driving %d, resisting %d"), pd, pr);
      pbalance = planned_balance_sentence (pd, pr);
      /* TRANSLATORS: the planned totals, then what the balance would be */
      line = g_strdup_printf (_("%s; %s"), planned, pbalance);
      y += add_text (f, line, TOTAL_FONT, CC_TEXT_REGULAR, &cc_ink_muted, x0, y, width, PANGO_ALIGN_CENTER);
      y += 4 + add_text (f, _("Filled arrows show each force now; dashed outlines show its planned strength."),
                         NOTE_FONT + 0.5, CC_TEXT_ITALIC, &cc_ink_faint, x0, y + 4, width, PANGO_ALIGN_CENTER);
    }
  return y;
}

/* ---- horizontal ------------------------------------------------------- */

static double
column_height (FieldLayout *f, CcSide side)
{
  double h = 0;
  gboolean any = FALSE;

  for (guint i = 0; i < f->n_forces; i++)
    {
      Force *force = &f->forces[i];
      double arrows;

      if (force->side != side)
        continue;
      arrows = force->thickness + (force->ghost ? 5 + force->ghost_thickness : 0);
      h += MAX (MAX (force->label_h + force->note_h, arrows), PILL_H) + (any ? ROW_GAP : 0);
      any = TRUE;
    }
  return h;
}

static void
place_column (FieldLayout *f, CcSide side, double y, double band_edge)
{
  double dir = side == CC_SIDE_DRIVING ? -1 : 1;   /* from the band outwards */
  double label_x, pill_cx;

  if (side == CC_SIDE_DRIVING)
    {
      pill_cx = band_edge - 5 * UNIT - GAP - SCORE_W / 2;
      label_x = pill_cx - SCORE_W / 2 - GAP - LABEL_W;
    }
  else
    {
      pill_cx = band_edge + 5 * UNIT + GAP + SCORE_W / 2;
      label_x = pill_cx + SCORE_W / 2 + GAP;
    }

  for (guint i = 0; i < f->n_forces; i++)
    {
      Force *force = &f->forces[i];
      double arrows, row_h, cy, text_h;

      if (force->side != side)
        continue;
      text_h = force->label_h + force->note_h;
      arrows = force->thickness + (force->ghost ? 5 + force->ghost_thickness : 0);
      row_h = MAX (MAX (text_h, arrows), PILL_H);
      cy = y + (row_h - arrows) / 2 + force->thickness / 2;

      force->tip_x = band_edge;
      force->tip_y = cy;
      force->tail_x = band_edge + dir * force->strength * UNIT;
      force->tail_y = cy;
      if (force->ghost)
        {
          double gy = cy + force->thickness / 2 + 5 + force->ghost_thickness / 2;

          force->gtip_x = band_edge;
          force->gtail_x = band_edge + dir * force->planned * UNIT;
          force->gtip_y = force->gtail_y = gy;
        }
      force->pill_cx = pill_cx;
      force->pill_cy = cy;
      force->label_x = label_x;
      force->label_y = cy - text_h / 2;
      force->align = side == CC_SIDE_DRIVING ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;

      force->box.x = side == CC_SIDE_DRIVING ? label_x : band_edge;
      force->box.width = side == CC_SIDE_DRIVING ? band_edge - label_x : label_x + LABEL_W - band_edge;
      force->box.y = y;
      force->box.height = row_h;
      cc_rect_union (&f->bounds, &force->box);
      y += row_h + ROW_GAP;
    }
}

static void
layout_horizontal (FieldLayout *f, double y)
{
  double band_x = LABEL_W + GAP + SCORE_W + GAP + 5 * UNIT;
  double right_edge = band_x + BAND_W;
  double width = right_edge + 5 * UNIT + GAP + SCORE_W + GAP + LABEL_W;
  double hl, hr, rows_h, text_h = 0, band_h, top;
  const char *current = cc_item_get_string (f->ctx->sheet, CC_FORCEFIELD_CURRENT);
  const char *desired = cc_item_get_string (f->ctx->sheet, CC_FORCEFIELD_DESIRED);
  double band_wrap = BAND_W - 20, w, h, ty;
  gboolean has_current = current && current[0], has_desired = desired && desired[0];
  double left_cx = (LABEL_W + GAP + SCORE_W + GAP + 5 * UNIT) / 2;
  double right_cx = right_edge + (width - right_edge) / 2;
  guint n_driving = 0, n_resisting = 0;

  for (guint i = 0; i < f->n_forces; i++)
    {
      measure_force (f, &f->forces[i], LABEL_W);
      if (f->forces[i].side == CC_SIDE_DRIVING)
        n_driving++;
      else
        n_resisting++;
    }

  /* Column headings */
  add_text (f, _("Driving forces"), HEADER_FONT, CC_TEXT_BOLD, &driving_stroke, left_cx - 150, y, 300,
            PANGO_ALIGN_CENTER);
  h = add_text (f, _("Resisting forces"), HEADER_FONT, CC_TEXT_BOLD, &resisting_stroke, right_cx - 150, y, 300,
                PANGO_ALIGN_CENTER);
  y += h + 14;

  /* The band's text */
  cc_text_measure_cached (f->ctx, _("Current situation"), BAND_LABEL_FONT, CC_TEXT_BOLD, band_wrap, 0, &w, &h);
  text_h += h;
  if (has_current)
    {
      cc_text_measure_cached (f->ctx, current, BAND_TEXT_FONT, CC_TEXT_REGULAR, band_wrap, 0, &w, &h);
      text_h += h + 2;
    }
  if (has_desired)
    {
      cc_text_measure_cached (f->ctx, _("Desired situation"), BAND_LABEL_FONT, CC_TEXT_BOLD, band_wrap, 0, &w, &h);
      text_h += 24 + h;
      cc_text_measure_cached (f->ctx, desired, BAND_TEXT_FONT, CC_TEXT_REGULAR, band_wrap, 0, &w, &h);
      text_h += h + 2;
    }

  hl = column_height (f, CC_SIDE_DRIVING);
  hr = column_height (f, CC_SIDE_RESISTING);
  if (n_driving == 0)
    hl = 20;
  if (n_resisting == 0)
    hr = 20;
  rows_h = MAX (hl, hr);
  band_h = MAX (rows_h + 28, text_h + 28);
  f->band = (CcRect) { band_x, y, BAND_W, band_h };
  cc_rect_union (&f->bounds, &f->band);

  top = y + (band_h - hl) / 2;
  if (n_driving > 0)
    place_column (f, CC_SIDE_DRIVING, top, band_x);
  else
    add_text (f, _("No driving forces yet"), LABEL_FONT, CC_TEXT_ITALIC, &cc_ink_faint, left_cx - 150, top, 300,
              PANGO_ALIGN_CENTER);
  top = y + (band_h - hr) / 2;
  if (n_resisting > 0)
    place_column (f, CC_SIDE_RESISTING, top, right_edge);
  else
    add_text (f, _("No resisting forces yet"), LABEL_FONT, CC_TEXT_ITALIC, &cc_ink_faint, right_cx - 150, top,
              300, PANGO_ALIGN_CENTER);

  ty = y + (band_h - text_h) / 2;
  ty += add_text (f, _("Current situation"), BAND_LABEL_FONT, CC_TEXT_BOLD, &cc_ink_muted, band_x + 10, ty,
                  band_wrap, PANGO_ALIGN_CENTER);
  if (has_current)
    ty += 2 + add_text (f, current, BAND_TEXT_FONT, CC_TEXT_REGULAR, &cc_ink, band_x + 10, ty + 2, band_wrap,
                        PANGO_ALIGN_CENTER);
  if (has_desired)
    {
      f->desired_line = TRUE;
      f->desired_y = ty + 12;
      f->desired_x1 = band_x + 24;
      f->desired_x2 = band_x + BAND_W - 24;
      ty += 24;
      ty += add_text (f, _("Desired situation"), BAND_LABEL_FONT, CC_TEXT_BOLD, &desired_color, band_x + 10, ty,
                      band_wrap, PANGO_ALIGN_CENTER);
      add_text (f, desired, BAND_TEXT_FONT, CC_TEXT_REGULAR, &cc_ink, band_x + 10, ty + 2, band_wrap,
                PANGO_ALIGN_CENTER);
    }

  layout_summary (f, y + band_h + 24, left_cx, right_cx, 0, width);
  f->title_wrap = width;
}

/* ---- vertical --------------------------------------------------------- */

static void
place_row (FieldLayout *f, CcSide side, guint n_side, guint n_columns, double band_edge, double pill_cy,
           double label_edge)
{
  double x = HEADER_W + (n_columns - n_side) * COLUMN_W / 2;
  double dir = side == CC_SIDE_RESISTING ? -1 : 1;   /* from the band outwards */

  for (guint i = 0; i < f->n_forces; i++)
    {
      Force *force = &f->forces[i];
      double cx = x + COLUMN_W / 2, text_h = force->label_h + force->note_h;
      double arrows = force->thickness + (force->ghost ? 5 + force->ghost_thickness : 0);

      if (force->side != side)
        continue;
      cx -= (arrows - force->thickness) / 2;
      force->tip_x = force->tail_x = cx;
      force->tip_y = band_edge;
      force->tail_y = band_edge + dir * force->strength * UNIT_V;
      if (force->ghost)
        {
          double gx = cx + force->thickness / 2 + 5 + force->ghost_thickness / 2;

          force->gtip_x = force->gtail_x = gx;
          force->gtip_y = band_edge;
          force->gtail_y = band_edge + dir * force->planned * UNIT_V;
        }
      force->pill_cx = x + COLUMN_W / 2;
      force->pill_cy = pill_cy;
      force->label_x = x + 8;
      force->label_y = side == CC_SIDE_RESISTING ? label_edge - text_h : label_edge;
      force->align = PANGO_ALIGN_CENTER;

      force->box.x = x;
      force->box.width = COLUMN_W;
      force->box.y = MIN (force->label_y, band_edge);
      force->box.height = side == CC_SIDE_RESISTING ? band_edge - force->label_y
                                                    : force->label_y + text_h - band_edge;
      cc_rect_union (&f->bounds, &force->box);
      x += COLUMN_W;
    }
}

static void
layout_vertical (FieldLayout *f, double y)
{
  const char *current = cc_item_get_string (f->ctx->sheet, CC_FORCEFIELD_CURRENT);
  const char *desired = cc_item_get_string (f->ctx->sheet, CC_FORCEFIELD_DESIRED);
  guint n_driving = 0, n_resisting = 0, n_columns;
  double labels_r = 0, labels_d = 0, width, arrows_h = 5 * UNIT_V + 8;
  double band_top, band_h, text_h, w, h, pill_r, pill_d, ty;
  double header_wrap = HEADER_W - 24;

  for (guint i = 0; i < f->n_forces; i++)
    {
      Force *force = &f->forces[i];

      measure_force (f, force, COLUMN_W - 16);
      if (force->side == CC_SIDE_DRIVING)
        {
          n_driving++;
          labels_d = MAX (labels_d, force->label_h + force->note_h);
        }
      else
        {
          n_resisting++;
          labels_r = MAX (labels_r, force->label_h + force->note_h);
        }
    }
  n_columns = MAX (MAX (n_driving, n_resisting), 3);
  width = HEADER_W + n_columns * COLUMN_W;

  /* Resisting forces, from the top */
  add_text (f, _("Resisting forces"), HEADER_FONT, CC_TEXT_BOLD, &resisting_stroke, 0, y, header_wrap,
            PANGO_ALIGN_LEFT);
  if (n_resisting == 0)
    add_text (f, _("No resisting forces yet"), LABEL_FONT, CC_TEXT_ITALIC, &cc_ink_faint, HEADER_W, y,
              n_columns * COLUMN_W, PANGO_ALIGN_CENTER);
  labels_r = MAX (labels_r, 20);
  pill_r = y + labels_r + 8 + PILL_H / 2;
  band_top = pill_r + PILL_H / 2 + 8 + arrows_h;
  place_row (f, CC_SIDE_RESISTING, n_resisting, n_columns, band_top, pill_r, y + labels_r);

  /* The desired situation: a dashed line above the band */
  if (desired && desired[0])
    {
      double dy = band_top - 0.5 * UNIT_V - 6;

      f->desired_line = TRUE;
      f->desired_y = dy;
      f->desired_x1 = HEADER_W - 8;
      f->desired_x2 = width;
      cc_text_measure_cached (f->ctx, desired, BAND_TEXT_FONT, CC_TEXT_REGULAR, header_wrap, 0, &w, &h);
      ty = dy - 4 - h;
      add_text (f, desired, BAND_TEXT_FONT, CC_TEXT_REGULAR, &cc_ink, 0, ty, header_wrap, PANGO_ALIGN_LEFT);
      cc_text_measure_cached (f->ctx, _("Desired situation"), BAND_LABEL_FONT, CC_TEXT_BOLD, header_wrap, 0, &w, &h);
      add_text (f, _("Desired situation"), BAND_LABEL_FONT, CC_TEXT_BOLD, &desired_color, 0, ty - h - 1,
                header_wrap, PANGO_ALIGN_LEFT);
    }

  /* The band, with the current situation in the descriptive column */
  cc_text_measure_cached (f->ctx, _("Current situation"), BAND_LABEL_FONT, CC_TEXT_BOLD, header_wrap, 0, &w, &h);
  text_h = h;
  if (current && current[0])
    {
      cc_text_measure_cached (f->ctx, current, BAND_TEXT_FONT, CC_TEXT_REGULAR, header_wrap, 0, &w, &h);
      text_h += h + 2;
    }
  band_h = MAX (44, text_h + 20);
  f->band = (CcRect) { 0, band_top, width, band_h };
  cc_rect_union (&f->bounds, &f->band);
  ty = band_top + (band_h - text_h) / 2;
  ty += add_text (f, _("Current situation"), BAND_LABEL_FONT, CC_TEXT_BOLD, &cc_ink_muted, 12, ty, header_wrap,
                  PANGO_ALIGN_LEFT);
  if (current && current[0])
    add_text (f, current, BAND_TEXT_FONT, CC_TEXT_REGULAR, &cc_ink, 12, ty + 2, header_wrap, PANGO_ALIGN_LEFT);

  /* Driving forces, from the bottom */
  pill_d = band_top + band_h + arrows_h + 8 + PILL_H / 2;
  place_row (f, CC_SIDE_DRIVING, n_driving, n_columns, band_top + band_h, pill_d, pill_d + PILL_H / 2 + 8);
  labels_d = MAX (labels_d, 20);
  h = add_text (f, _("Driving forces"), HEADER_FONT, CC_TEXT_BOLD, &driving_stroke, 0,
                pill_d + PILL_H / 2 + 8 + labels_d - 18, header_wrap, PANGO_ALIGN_LEFT);
  if (n_driving == 0)
    add_text (f, _("No driving forces yet"), LABEL_FONT, CC_TEXT_ITALIC, &cc_ink_faint, HEADER_W,
              pill_d + PILL_H / 2 + 8, n_columns * COLUMN_W, PANGO_ALIGN_CENTER);

  layout_summary (f, pill_d + PILL_H / 2 + 8 + labels_d + 28, HEADER_W + n_columns * COLUMN_W * 0.25,
                  HEADER_W + n_columns * COLUMN_W * 0.75, 0, width);
  f->title_wrap = width;
}

/* ---- layout ----------------------------------------------------------- */

static void
field_layout_free (gpointer data)
{
  FieldLayout *f = data;

  for (guint i = 0; i < f->n_forces; i++)
    {
      g_free (f->forces[i].score);
      g_free (f->forces[i].note);
    }
  g_free (f->forces);
  g_array_unref (f->texts);
  g_free (f);
}

static gpointer
field_layout_new (CcRenderCtx *ctx)
{
  FieldLayout *f = g_new0 (FieldLayout, 1);
  GPtrArray *forces = cc_item_get_children (ctx->sheet, CC_FORCEFIELD_FORCES);
  const char *change = cc_item_get_string (ctx->sheet, CC_FORCEFIELD_CHANGE);
  double y = 0, title_w, title_h, width;

  f->ctx = ctx;
  f->vertical = cc_item_get_int (ctx->sheet, CC_FORCEFIELD_ORIENTATION) == CC_ORIENTATION_VERTICAL;
  f->plans = cc_forcefield_has_plans (ctx->sheet);
  f->texts = g_array_new (FALSE, TRUE, sizeof (Text));
  g_array_set_clear_func (f->texts, (GDestroyNotify) text_clear);
  f->bounds = (CcRect) { 0, 0, -1, -1 };

  f->n_forces = forces->len;
  f->forces = g_new0 (Force, forces->len);
  for (guint i = 0; i < forces->len; i++)
    force_init (f, &f->forces[i], forces->pdata[i]);

  /* The title and the change, at a width known only after the layout: lay
   * out once with a provisional width to know it. */
  width = f->vertical ? HEADER_W + 3 * COLUMN_W : 2 * (LABEL_W + SCORE_W + 2 * GAP + 5 * UNIT) + BAND_W;
  if (f->vertical)
    {
      guint nd = 0, nr = 0;

      for (guint i = 0; i < f->n_forces; i++)
        f->forces[i].side == CC_SIDE_DRIVING ? nd++ : nr++;
      width = HEADER_W + MAX (MAX (nd, nr), 3) * COLUMN_W;
    }
  cc_title_measure (ctx, width, &title_w, &title_h);
  f->title_h = title_h;
  if (title_h > 0)
    {
      CcRect box = { 0, 0, title_w, title_h };

      cc_rect_union (&f->bounds, &box);
      y += title_h + 8;
    }
  if (change && change[0])
    {
      g_autofree char *text = g_strdup_printf (_("Change: %s"), change);

      y += add_text (f, text, CHANGE_FONT, CC_TEXT_REGULAR, &cc_ink, 0, y, width, PANGO_ALIGN_LEFT);
    }
  y += 22;

  if (f->vertical)
    layout_vertical (f, y);
  else
    layout_horizontal (f, y);
  return f;
}

static void
field_bounds (gpointer data, CcRect *bounds)
{
  FieldLayout *f = data;

  *bounds = f->bounds;
}

/* ---- drawing ---------------------------------------------------------- */

/* A fat arrow from tail to tip along an axis. */
static void
path_arrow (cairo_t *cr, double tail_x, double tail_y, double tip_x, double tip_y, double thickness)
{
  double dx = tip_x - tail_x, dy = tip_y - tail_y, len = hypot (dx, dy);
  double head_len = MIN (12 + thickness * 0.55, len * 0.6), half = thickness / 2, head_half = half + 6;
  double ux, uy, nx, ny, bx, by;

  if (len < 1)
    return;
  ux = dx / len;
  uy = dy / len;
  nx = -uy;
  ny = ux;
  bx = tip_x - ux * head_len;
  by = tip_y - uy * head_len;
  cairo_move_to (cr, tail_x + nx * half, tail_y + ny * half);
  cairo_line_to (cr, bx + nx * half, by + ny * half);
  cairo_line_to (cr, bx + nx * head_half, by + ny * head_half);
  cairo_line_to (cr, tip_x, tip_y);
  cairo_line_to (cr, bx - nx * head_half, by - ny * head_half);
  cairo_line_to (cr, bx - nx * half, by - ny * half);
  cairo_line_to (cr, tail_x - nx * half, tail_y - ny * half);
  cairo_close_path (cr);
}

static void
draw_force (FieldLayout *f, cairo_t *cr, Force *force)
{
  const CcRgb *stroke = side_stroke (force->side);
  const CcRgb *fill = force->side == CC_SIDE_DRIVING ? &driving_fill : &resisting_fill;
  g_autoptr(PangoLayout) label = NULL;
  g_autoptr(PangoLayout) score = NULL;
  double pill_w = MAX (force->score_w + 14, PILL_H);
  double guide_x, guide_y;

  if (!cc_ctx_sees (f->ctx, &force->box))
    return;

  /* A faint guide from the score to the arrow's tail */
  cairo_save (cr);
  {
    double d[] = { 1, 3 };

    cairo_set_dash (cr, d, 2, 0);
  }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cc_set_source (cr, &guide_color);
  cairo_set_line_width (cr, 1);
  if (f->vertical)
    {
      guide_x = force->pill_cx;
      guide_y = force->pill_cy + (force->tail_y > force->pill_cy ? PILL_H / 2 : -PILL_H / 2);
      cairo_move_to (cr, guide_x, guide_y);
      cairo_line_to (cr, guide_x, force->tail_y);
    }
  else
    {
      guide_x = force->pill_cx + (force->tail_x > force->pill_cx ? pill_w / 2 : -pill_w / 2);
      cairo_move_to (cr, guide_x, force->tail_y);
      cairo_line_to (cr, force->tail_x, force->tail_y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  /* The planned strength: an outline */
  if (force->ghost)
    {
      double d[] = { 4, 2.5 };

      path_arrow (cr, force->gtail_x, force->gtail_y, force->gtip_x, force->gtip_y, force->ghost_thickness);
      cc_set_source_alpha (cr, fill, 0.15);
      cairo_fill_preserve (cr);
      cairo_save (cr);
      cairo_set_dash (cr, d, 2, 0);
      cc_set_source (cr, stroke);
      cairo_set_line_width (cr, 1.3);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* The strength now */
  path_arrow (cr, force->tail_x, force->tail_y, force->tip_x, force->tip_y, force->thickness);
  cc_set_source (cr, fill);
  cairo_fill_preserve (cr);
  cc_set_source (cr, stroke);
  cairo_set_line_width (cr, 1.3);
  cairo_stroke (cr);

  /* The score */
  cc_path_rounded_rect (cr, force->pill_cx - pill_w / 2, force->pill_cy - PILL_H / 2, pill_w, PILL_H, PILL_H / 2);
  cc_set_source (cr, stroke);
  cairo_fill (cr);
  score = cc_text_layout (f->ctx, force->score, SCORE_FONT, CC_TEXT_BOLD, 0, 0, PANGO_ALIGN_LEFT);
  {
    double w, h;

    cc_text_size (score, &w, &h);
    cc_text_draw (cr, score, force->pill_cx - w / 2, force->pill_cy - h / 2, &cc_white);
  }

  /* The label, and the planned action under it */
  label = cc_text_layout (f->ctx, force->label, LABEL_FONT, CC_TEXT_REGULAR, force->label_wrap, 4, force->align);
  cc_text_draw (cr, label, force->label_x, force->label_y, &cc_ink);
  if (force->note)
    {
      g_autoptr(PangoLayout) note = cc_text_layout (f->ctx, force->note, NOTE_FONT, CC_TEXT_ITALIC,
                                                    force->label_wrap, 1, force->align);

      cc_text_draw (cr, note, force->label_x, force->label_y + force->label_h + 1, &cc_ink_muted);
    }
}

static void
field_draw (gpointer data, cairo_t *cr)
{
  FieldLayout *f = data;

  if (f->title_h > 0)
    cc_title_draw (f->ctx, cr, 0, 0, f->title_wrap);

  /* The band */
  if (cc_ctx_sees (f->ctx, &f->band))
    {
      cc_path_rounded_rect (cr, f->band.x, f->band.y, f->band.width, f->band.height, 8);
      cc_set_source (cr, &band_fill);
      cairo_fill_preserve (cr);
      cc_set_source (cr, &band_stroke);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  if (f->desired_line)
    {
      double d[] = { 6, 4 };

      cairo_save (cr);
      cairo_set_dash (cr, d, 2, 0);
      cc_set_source (cr, &desired_color);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, f->desired_x1, f->desired_y);
      cairo_line_to (cr, f->desired_x2, f->desired_y);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  for (guint i = 0; i < f->n_forces; i++)
    draw_force (f, cr, &f->forces[i]);

  for (guint i = 0; i < f->texts->len; i++)
    {
      Text *t = &g_array_index (f->texts, Text, i);
      g_autoptr(PangoLayout) layout = NULL;
      CcRect box = { t->x, t->y, t->wrap > 0 ? t->wrap : t->w, t->h };

      if (!cc_ctx_sees (f->ctx, &box))
        continue;
      if (t->boxed)
        {
          cc_path_rounded_rect (cr, t->x + (t->wrap - t->w) / 2 - 14, t->y - 6, t->w + 28, t->h + 12, 8);
          cc_set_source_alpha (cr, t->box_color, 0.18);
          cairo_fill_preserve (cr);
          cc_set_source (cr, t->box_color);
          cairo_set_line_width (cr, 1.2);
          cairo_stroke (cr);
        }
      layout = cc_text_layout (f->ctx, t->text, t->size, t->style, t->wrap, 0, t->align);
      cc_text_draw (cr, layout, t->x, t->y, t->color);
    }
}

static CcItem *
field_hit (gpointer data, double x, double y)
{
  FieldLayout *f = data;

  for (guint i = f->n_forces; i-- > 0;)
    if (cc_rect_contains (&f->forces[i].box, x, y))
      return f->forces[i].item;
  return NULL;
}

const CcSheetRenderer cc_forcefield_renderer = {
  field_layout_new,
  field_layout_free,
  field_bounds,
  field_draw,
  field_hit,
  NULL,  /* cheap to lay out again */
};
