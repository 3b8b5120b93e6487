/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cc-bidi.h"
#include "cc-forcefield-edit.h"
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
static const CcRgb flag_color = CC_RGB (0xc64600);

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
#define FLAG_ROOM       14.0    /* horizontal: beside the score, for the room's "discuss" flag */

typedef struct
{
  CcItem     *item;
  CcSide      side;
  int         index;       /* among the forces of its side */
  int         strength;    /* the arrow drawn filled: now, or planned in the planned view */
  int         planned;     /* the outlined arrow: planned, or now in the planned view */
  gboolean    ghost;       /* draw the outlined arrow */
  CcScoreStats stats;
  const char *label;
  char       *score;       /* "4" or "4 → 2" */
  char       *note;        /* plan, owner, due date, scores, actor: or NULL */
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
  gboolean     planned_view;   /* arrows and totals at planned strength */
  CcRect       change_box, current_box, desired_box;
  CcRect       side_box[CC_N_SIDES];
  double       unit;
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

/* A due date as people write it: "31 Mar 2027". */
static char *
format_due (const char *due)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (due == NULL || sscanf (due, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;
  dt = g_date_time_new_utc (y, m, d, 12, 0, 0);
  return dt != NULL ? g_date_time_format (dt, "%-d %b %Y") : g_strdup (due);
}

static void
force_init (FieldLayout *f, Force *force, CcItem *item)
{
  gint64 planned = cc_item_get_int (item, CC_FORCE_PLANNED);
  CcAction action = (CcAction) CLAMP (cc_item_get_int (item, CC_FORCE_ACTION), 0, CC_N_ACTIONS - 1);
  const char *plan = cc_item_get_string (item, CC_FORCE_PLAN);
  const char *owner = cc_item_get_string (item, CC_FORCE_OWNER);
  const char *actor_id = cc_item_get_string (item, CC_FORCE_ACTOR);
  g_autofree char *due = format_due (cc_item_get_string (item, CC_FORCE_DUE));
  gboolean has_plan = planned >= 0 || action != CC_ACTION_NONE;
  int now = cc_force_effective_strength (item, FALSE);
  int later = cc_force_effective_strength (item, TRUE);
  g_autoptr(GString) note = g_string_new (NULL);
  static const char *action_words[] = { NULL, N_("Plan: strengthen"), N_("Plan: weaken"), N_("Plan: remove") };

  force->item = item;
  force->side = cc_item_get_int (item, CC_FORCE_SIDE) == CC_SIDE_RESISTING ? CC_SIDE_RESISTING : CC_SIDE_DRIVING;
  force->label = cc_item_get_string (item, CC_FORCE_LABEL);
  cc_force_score_stats (item, &force->stats);

  /* The filled arrow is what the view shows; the outline, the other. */
  force->strength = f->planned_view && has_plan ? later : now;
  force->planned = f->planned_view ? now : later;
  force->thickness = thickness_for (MAX (force->strength, 1));
  if (f->plans && has_plan)
    {
      /* TRANSLATORS: a force's strength now and after the planned action */
      force->score = g_strdup_printf (_("%d → %d"), now, later);
      force->ghost = force->planned != force->strength && force->planned > 0;
      force->ghost_thickness = thickness_for (force->planned);
    }
  else
    force->score = g_strdup_printf ("%d", now);

  /* Under the label: the plan, who and when, the room's scores, the actor. */
  if (action > CC_ACTION_NONE && action < CC_N_ACTIONS)
    g_string_append (note, _(action_words[action]));
  if (plan != NULL && plan[0])
    {
      g_string_append (note, note->len ? _(": ") : _("Plan: "));
      cc_bidi_append (note, plan);
    }
  if ((owner != NULL && owner[0]) || due != NULL)
    {
      if (note->len)
        g_string_append_c (note, '\n');
      g_autofree char *who = cc_bidi_isolate (owner);
      g_autofree char *when = cc_bidi_isolate (due);

      if (owner != NULL && owner[0] && due != NULL)
        /* TRANSLATORS: who carries out an action, and by when */
        g_string_append_printf (note, _("%s, by %s"), who, when);
      else if (owner != NULL && owner[0])
        g_string_append (note, owner);
      else
        g_string_append_printf (note, _("By %s"), when);
    }
  if (force->stats.n > 0)
    {
      if (note->len)
        g_string_append_c (note, '\n');
      if (force->stats.lowest == force->stats.highest)
        g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE, "%u score, all %d", "%u scores, all %d",
                                                   force->stats.n),
                                force->stats.n, force->stats.lowest);
      else
        /* TRANSLATORS: how many scores a force got, and their range */
        g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE, "%u score, %d to %d", "%u scores, %d to %d",
                                                   force->stats.n),
                                force->stats.n, force->stats.lowest, force->stats.highest);
      if (force->stats.disagree)
        g_string_append (note, _(" — discuss"));
    }
  if (actor_id != NULL && actor_id[0])
    {
      CcItem *actor = cc_project_lookup (f->ctx->project, actor_id);

      if (actor != NULL && cc_item_get_kind (actor) == CC_KIND_ACTOR)
        {
          if (note->len)
            g_string_append_c (note, '\n');
          g_autofree char *name = cc_bidi_isolate (cc_item_get_string (actor, CC_ACTOR_NAME));

          g_string_append_printf (note, _("About: %s"), name);
        }
    }
  force->note = note->len ? g_string_free (g_steal_pointer (&note), FALSE) : NULL;
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

      cc_text_measure_cached (f->ctx, force->note, NOTE_FONT, CC_TEXT_ITALIC, wrap, 6, &w, &h);
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

static char *
planned_balance_heading (int driving, int resisting)
{
  if (driving > resisting)
    return g_strdup_printf (_("After the plan, driving forces would prevail by %d"), driving - resisting);
  if (resisting > driving)
    return g_strdup_printf (_("After the plan, resisting forces would prevail by %d"), resisting - driving);
  return g_strdup (_("After the plan, forces would be balanced"));
}

/* Totals under each side's column (centred on left_cx and right_cx), then
 * the balance across the whole width; returns the bottom. In the planned
 * view the totals are those after the plan, and the balance says how far
 * the plan moves it. */
static double
layout_summary (FieldLayout *f, double y, double left_cx, double right_cx, double x0, double width)
{
  int driving, resisting, now_d, now_r;
  g_autofree char *dtext = NULL, *rtext = NULL, *balance = NULL;
  double h1, h2, col_w = 300;

  cc_forcefield_totals (f->ctx->sheet, FALSE, &now_d, &now_r);
  cc_forcefield_totals (f->ctx->sheet, f->planned_view, &driving, &resisting);
  if (f->planned_view)
    {
      dtext = g_strdup_printf (_("Driving forces: %d after the plan (now %d)"), driving, now_d);
      rtext = g_strdup_printf (_("Resisting forces: %d after the plan (now %d)"), resisting, now_r);
    }
  else
    {
      dtext = g_strdup_printf (_("Driving forces: total %d"), driving);
      rtext = g_strdup_printf (_("Resisting forces: total %d"), resisting);
    }
  h1 = add_text (f, dtext, TOTAL_FONT, CC_TEXT_BOLD, &driving_stroke, left_cx - col_w / 2, y, col_w,
                 PANGO_ALIGN_CENTER);
  h2 = add_text (f, rtext, TOTAL_FONT, CC_TEXT_BOLD, &resisting_stroke, right_cx - col_w / 2, y, col_w,
                 PANGO_ALIGN_CENTER);
  y += MAX (h1, h2) + 18;

  balance = f->planned_view ? planned_balance_heading (driving, resisting) : balance_sentence (driving, resisting);
  y += add_text (f, balance, BALANCE_FONT, CC_TEXT_BOLD,
                 driving > resisting ? &driving_stroke : resisting > driving ? &resisting_stroke : &cc_ink,
                 x0, y, width, PANGO_ALIGN_CENTER);
  text_box_last (f, driving > resisting ? &driving_fill : resisting > driving ? &resisting_fill : &band_stroke);
  y += 18;

  if (f->planned_view)
    {
      int shift = (driving - resisting) - (now_d - now_r);
      g_autofree char *now_balance = balance_sentence (now_d, now_r);
      g_autofree char *line = NULL;

      if (shift > 0)
        /* TRANSLATORS: the balance now, then how far the plan moves it */
        line = g_strdup_printf (_("Now: %s. The plan moves the balance %d towards the change."), now_balance, shift);
      else if (shift < 0)
        line = g_strdup_printf (_("Now: %s. The plan moves the balance %d away from the change."), now_balance,
                                -shift);
      else
        line = g_strdup_printf (_("Now: %s. The plan leaves the balance where it is."), now_balance);
      y += add_text (f, line, TOTAL_FONT, CC_TEXT_REGULAR, &cc_ink_muted, x0, y, width, PANGO_ALIGN_CENTER);
      y += 4 + add_text (f, _("Filled arrows show each force after the plan; dashed outlines show it now."),
                         NOTE_FONT + 0.5, CC_TEXT_ITALIC, &cc_ink_faint, x0, y + 4, width, PANGO_ALIGN_CENTER);
    }
  else if (f->plans)
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
      pill_cx = band_edge - 5 * UNIT - GAP - FLAG_ROOM - SCORE_W / 2;
      label_x = pill_cx - SCORE_W / 2 - GAP - LABEL_W;
    }
  else
    {
      pill_cx = band_edge + 5 * UNIT + GAP + FLAG_ROOM + SCORE_W / 2;
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
  gboolean prompt_desired = !has_desired && f->ctx->prompts;
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
  else if (f->ctx->prompts)
    {
      cc_text_measure_cached (f->ctx, _("Double-click to describe it"), BAND_TEXT_FONT, CC_TEXT_ITALIC, band_wrap,
                              0, &w, &h);
      text_h += h + 2;
    }
  if (has_desired || prompt_desired)
    {
      cc_text_measure_cached (f->ctx, _("Desired situation"), BAND_LABEL_FONT, CC_TEXT_BOLD, band_wrap, 0, &w, &h);
      text_h += 24 + h;
      cc_text_measure_cached (f->ctx, has_desired ? desired : _("Double-click to describe it"), BAND_TEXT_FONT,
                              has_desired ? CC_TEXT_REGULAR : CC_TEXT_ITALIC, band_wrap, 0, &w, &h);
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
  f->current_box = (CcRect) { band_x, y, BAND_W, ty - y };
  ty += add_text (f, _("Current situation"), BAND_LABEL_FONT, CC_TEXT_BOLD, &cc_ink_muted, band_x + 10, ty,
                  band_wrap, PANGO_ALIGN_CENTER);
  if (has_current)
    ty += 2 + add_text (f, current, BAND_TEXT_FONT, CC_TEXT_REGULAR, &cc_ink, band_x + 10, ty + 2, band_wrap,
                        PANGO_ALIGN_CENTER);
  else if (f->ctx->prompts)
    ty += 2 + add_text (f, _("Double-click to describe it"), BAND_TEXT_FONT, CC_TEXT_ITALIC, &cc_ink_faint,
                        band_x + 10, ty + 2, band_wrap, PANGO_ALIGN_CENTER);
  f->current_box.height = ty + 6 - y;
  f->desired_box = (CcRect) { band_x, ty + 6, BAND_W, y + band_h - ty - 6 };
  if (has_desired || prompt_desired)
    {
      f->desired_line = TRUE;
      f->desired_y = ty + 12;
      f->desired_x1 = band_x + 24;
      f->desired_x2 = band_x + BAND_W - 24;
      ty += 24;
      ty += add_text (f, _("Desired situation"), BAND_LABEL_FONT, CC_TEXT_BOLD, &desired_color, band_x + 10, ty,
                      band_wrap, PANGO_ALIGN_CENTER);
      if (has_desired)
        add_text (f, desired, BAND_TEXT_FONT, CC_TEXT_REGULAR, &cc_ink, band_x + 10, ty + 2, band_wrap,
                  PANGO_ALIGN_CENTER);
      else
        add_text (f, _("Double-click to describe it"), BAND_TEXT_FONT, CC_TEXT_ITALIC, &cc_ink_faint,
                  band_x + 10, ty + 2, band_wrap, PANGO_ALIGN_CENTER);
    }
  /* Where a double-click adds a force to a side. */
  f->side_box[CC_SIDE_DRIVING] = (CcRect) { 0, y, band_x, band_h };
  f->side_box[CC_SIDE_RESISTING] = (CcRect) { right_edge, y, width - right_edge, band_h };

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

  f->side_box[CC_SIDE_RESISTING] = (CcRect) { HEADER_W, y, n_columns * COLUMN_W, band_top - y };

  /* The desired situation: a dashed line above the band */
  if ((desired && desired[0]) || f->ctx->prompts)
    {
      double dy = band_top - 0.5 * UNIT_V - 6;
      gboolean has = desired && desired[0];
      const char *text = has ? desired : _("Double-click to describe it");
      double lh;

      f->desired_line = TRUE;
      f->desired_y = dy;
      f->desired_x1 = HEADER_W - 8;
      f->desired_x2 = width;
      cc_text_measure_cached (f->ctx, text, BAND_TEXT_FONT, has ? CC_TEXT_REGULAR : CC_TEXT_ITALIC, header_wrap,
                              0, &w, &h);
      ty = dy - 4 - h;
      add_text (f, text, BAND_TEXT_FONT, has ? CC_TEXT_REGULAR : CC_TEXT_ITALIC, has ? &cc_ink : &cc_ink_faint,
                0, ty, header_wrap, PANGO_ALIGN_LEFT);
      cc_text_measure_cached (f->ctx, _("Desired situation"), BAND_LABEL_FONT, CC_TEXT_BOLD, header_wrap, 0, &w,
                              &lh);
      add_text (f, _("Desired situation"), BAND_LABEL_FONT, CC_TEXT_BOLD, &desired_color, 0, ty - lh - 1,
                header_wrap, PANGO_ALIGN_LEFT);
      f->desired_box = (CcRect) { 0, ty - lh - 1, HEADER_W - 8, dy + 4 - (ty - lh - 1) };
    }

  /* The band, with the current situation in the descriptive column */
  cc_text_measure_cached (f->ctx, _("Current situation"), BAND_LABEL_FONT, CC_TEXT_BOLD, header_wrap, 0, &w, &h);
  text_h = h;
  if (current && current[0])
    {
      cc_text_measure_cached (f->ctx, current, BAND_TEXT_FONT, CC_TEXT_REGULAR, header_wrap, 0, &w, &h);
      text_h += h + 2;
    }
  else if (f->ctx->prompts)
    {
      cc_text_measure_cached (f->ctx, _("Double-click to describe it"), BAND_TEXT_FONT, CC_TEXT_ITALIC,
                              header_wrap, 0, &w, &h);
      text_h += h + 2;
    }
  band_h = MAX (44, text_h + 20);
  f->band = (CcRect) { 0, band_top, width, band_h };
  f->current_box = (CcRect) { 0, band_top, HEADER_W, band_h };
  cc_rect_union (&f->bounds, &f->band);
  ty = band_top + (band_h - text_h) / 2;
  ty += add_text (f, _("Current situation"), BAND_LABEL_FONT, CC_TEXT_BOLD, &cc_ink_muted, 12, ty, header_wrap,
                  PANGO_ALIGN_LEFT);
  if (current && current[0])
    add_text (f, current, BAND_TEXT_FONT, CC_TEXT_REGULAR, &cc_ink, 12, ty + 2, header_wrap, PANGO_ALIGN_LEFT);
  else if (f->ctx->prompts)
    add_text (f, _("Double-click to describe it"), BAND_TEXT_FONT, CC_TEXT_ITALIC, &cc_ink_faint, 12, ty + 2,
              header_wrap, PANGO_ALIGN_LEFT);

  /* Driving forces, from the bottom */
  pill_d = band_top + band_h + arrows_h + 8 + PILL_H / 2;
  place_row (f, CC_SIDE_DRIVING, n_driving, n_columns, band_top + band_h, pill_d, pill_d + PILL_H / 2 + 8);
  labels_d = MAX (labels_d, 20);
  h = add_text (f, _("Driving forces"), HEADER_FONT, CC_TEXT_BOLD, &driving_stroke, 0,
                pill_d + PILL_H / 2 + 8 + labels_d - 18, header_wrap, PANGO_ALIGN_LEFT);
  if (n_driving == 0)
    add_text (f, _("No driving forces yet"), LABEL_FONT, CC_TEXT_ITALIC, &cc_ink_faint, HEADER_W,
              pill_d + PILL_H / 2 + 8, n_columns * COLUMN_W, PANGO_ALIGN_CENTER);

  f->side_box[CC_SIDE_DRIVING] = (CcRect) { HEADER_W, band_top + band_h, n_columns * COLUMN_W,
                                            pill_d + PILL_H / 2 + 8 + labels_d - (band_top + band_h) };
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
  f->planned_view = f->plans && cc_item_get_int (ctx->sheet, CC_FORCEFIELD_VIEW) == CC_VIEW_PLANNED;
  f->unit = f->vertical ? UNIT_V : UNIT;
  f->texts = g_array_new (FALSE, TRUE, sizeof (Text));
  g_array_set_clear_func (f->texts, (GDestroyNotify) text_clear);
  f->bounds = (CcRect) { 0, 0, -1, -1 };

  f->n_forces = forces->len;
  f->forces = g_new0 (Force, forces->len);
  {
    int counts[CC_N_SIDES] = { 0, 0 };

    for (guint i = 0; i < forces->len; i++)
      {
        force_init (f, &f->forces[i], forces->pdata[i]);
        f->forces[i].index = counts[f->forces[i].side]++;
      }
  }

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
  f->change_box = (CcRect) { 0, y, width, 0 };
  if (change && change[0])
    {
      g_autofree char *isolated = cc_bidi_isolate (change);
      g_autofree char *text = g_strdup_printf (_("Change: %s"), isolated);

      f->change_box.height = add_text (f, text, CHANGE_FONT, CC_TEXT_REGULAR, &cc_ink, 0, y, width,
                                       PANGO_ALIGN_LEFT);
    }
  else if (ctx->prompts)
    f->change_box.height = add_text (f, _("Change: double-click to name the change at stake"), CHANGE_FONT,
                                     CC_TEXT_ITALIC, &cc_ink_faint, 0, y, width, PANGO_ALIGN_LEFT);
  else
    f->change_box.height = 20;
  y += f->change_box.height + 22;

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

#define FLAG_R 9.0

static double
pill_width (const Force *force)
{
  return MAX (force->score_w + 14, PILL_H);
}

/* Where the room's "discuss" flag goes: beside the score, on the side away
 * from the label (towards the band), so that it never covers the label or
 * the line under it. */
static void
flag_centre (FieldLayout *f, const Force *force, double *x, double *y)
{
  double off = pill_width (force) / 2 + 4 + FLAG_R;

  *y = force->pill_cy;
  if (f->vertical)
    *x = force->pill_cx + off;
  else
    *x = force->pill_cx + (force->side == CC_SIDE_DRIVING ? 1 : -1) * off;
}

gboolean
cc_forcefield_part_boxes (CcProject *project, CcItem *sheet, guint index, CcRect *text, CcRect *pill, CcRect *flag)
{
  CcRenderCtx ctx;
  FieldLayout *f;
  gboolean found = FALSE;

  cc_render_ctx_init (&ctx, project, sheet, NULL);
  f = field_layout_new (&ctx);
  for (guint i = 0; i < f->n_forces; i++)
    {
      Force *force = &f->forces[i];
      double w, h;

      if (i != index)
        continue;
      found = TRUE;
      /* The text as set: its widest line, where the alignment puts it */
      cc_text_measure_cached (&ctx, force->label, LABEL_FONT, CC_TEXT_REGULAR, force->label_wrap, 4, &w, &h);
      *text = (CcRect) { force->align == PANGO_ALIGN_RIGHT ? force->label_x + force->label_wrap - w
                         : force->align == PANGO_ALIGN_CENTER ? force->label_x + (force->label_wrap - w) / 2
                         : force->label_x,
                         force->label_y, w, force->label_h + force->note_h };
      if (force->note)
        {
          double nw, nh;
          CcRect note;

          cc_text_measure_cached (&ctx, force->note, NOTE_FONT, CC_TEXT_ITALIC, force->label_wrap, 6, &nw, &nh);
          note = (CcRect) { force->align == PANGO_ALIGN_RIGHT ? force->label_x + force->label_wrap - nw
                            : force->align == PANGO_ALIGN_CENTER ? force->label_x + (force->label_wrap - nw) / 2
                            : force->label_x,
                            force->label_y + force->label_h + 1, nw, nh };
          cc_rect_union (text, &note);
        }
      *pill = (CcRect) { force->pill_cx - pill_width (force) / 2, force->pill_cy - PILL_H / 2, pill_width (force),
                         PILL_H };
      if (force->stats.disagree)
        {
          double fx, fy;

          flag_centre (f, force, &fx, &fy);
          *flag = (CcRect) { fx - FLAG_R, fy - FLAG_R, 2 * FLAG_R, 2 * FLAG_R };
        }
      else
        *flag = (CcRect) { 0, 0, -1, -1 };
    }
  field_layout_free (f);
  cc_render_ctx_clear (&ctx);
  return found;
}

static void
draw_force (FieldLayout *f, cairo_t *cr, Force *force)
{
  const CcRgb *stroke = side_stroke (force->side);
  const CcRgb *fill = force->side == CC_SIDE_DRIVING ? &driving_fill : &resisting_fill;
  g_autoptr(PangoLayout) label = NULL;
  g_autoptr(PangoLayout) score = NULL;
  double pill_w = pill_width (force);
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

  /* The room disagrees: a flag by the score, to talk about it. */
  if (force->stats.disagree)
    {
      g_autoptr(PangoLayout) mark = cc_text_layout (f->ctx, "!", SCORE_FONT, CC_TEXT_BOLD, 0, 0, PANGO_ALIGN_LEFT);
      double fx, fy, w, h;

      flag_centre (f, force, &fx, &fy);
      cairo_arc (cr, fx, fy, FLAG_R, 0, 2 * G_PI);
      cc_set_source (cr, &flag_color);
      cairo_fill (cr);
      cc_text_size (mark, &w, &h);
      cc_text_draw (cr, mark, fx - w / 2, fy - h / 2, &cc_white);
    }

  /* The label, and the planned action under it */
  label = cc_text_layout (f->ctx, force->label, LABEL_FONT, CC_TEXT_REGULAR, force->label_wrap, 4, force->align);
  cc_text_draw (cr, label, force->label_x, force->label_y, &cc_ink);
  if (force->note)
    {
      g_autoptr(PangoLayout) note = cc_text_layout (f->ctx, force->note, NOTE_FONT, CC_TEXT_ITALIC,
                                                    force->label_wrap, 6, force->align);

      cc_text_draw (cr, note, force->label_x, force->label_y + force->label_h + 1,
                    force->stats.disagree ? &flag_color : &cc_ink_muted);
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

static gboolean
field_hit_detail (gpointer data, double x, double y, CcHit *hit)
{
  FieldLayout *f = data;

  memset (hit, 0, sizeof *hit);
  for (guint i = f->n_forces; i-- > 0;)
    {
      Force *force = &f->forces[i];
      CcRect label = { force->label_x, force->label_y, force->label_wrap, force->label_h };
      double reach = MAX (11.0, force->thickness / 2 + 5);

      if (!cc_rect_contains (&force->box, x, y) && hypot (x - force->tail_x, y - force->tail_y) > reach)
        continue;
      hit->item = force->item;
      hit->side = force->side;
      hit->index = force->index;
      hit->box = force->box;
      if (hypot (x - force->tail_x, y - force->tail_y) <= reach)
        {
          hit->part = CC_HIT_HANDLE;
          hit->tip_x = force->tip_x;
          hit->tip_y = force->tip_y;
          /* Outwards from the tip, the way the arrow grows. */
          if (f->vertical)
            {
              hit->dir_x = 0;
              hit->dir_y = force->side == CC_SIDE_RESISTING ? -1 : 1;
            }
          else
            {
              hit->dir_x = force->side == CC_SIDE_DRIVING ? -1 : 1;
              hit->dir_y = 0;
            }
          hit->unit = f->unit;
        }
      else if (cc_rect_contains (&label, x, y))
        {
          hit->part = CC_HIT_LABEL;
          hit->box = label;
        }
      else
        hit->part = CC_HIT_ITEM;
      return TRUE;
    }

  hit->item = f->ctx->sheet;
  if (f->change_box.height > 0 && cc_rect_contains (&f->change_box, x, y))
    {
      hit->part = CC_HIT_CHANGE;
      hit->box = f->change_box;
      return TRUE;
    }
  if (f->current_box.height > 0 && cc_rect_contains (&f->current_box, x, y))
    {
      hit->part = CC_HIT_CURRENT;
      hit->box = f->current_box;
      return TRUE;
    }
  if (f->desired_box.height > 0 && cc_rect_contains (&f->desired_box, x, y))
    {
      hit->part = CC_HIT_DESIRED;
      hit->box = f->desired_box;
      return TRUE;
    }
  for (int side = 0; side < CC_N_SIDES; side++)
    if (f->side_box[side].height > 0 && cc_rect_contains (&f->side_box[side], x, y))
      {
        hit->part = CC_HIT_SIDE;
        hit->side = side;
        hit->box = f->side_box[side];
        /* Before the first force whose middle is past the point. */
        hit->index = 0;
        for (guint i = 0; i < f->n_forces; i++)
          {
            Force *force = &f->forces[i];
            double mid = f->vertical ? force->box.x + force->box.width / 2 : force->box.y + force->box.height / 2;

            if ((int) force->side == side && (f->vertical ? x : y) > mid)
              hit->index = force->index + 1;
          }
        return TRUE;
      }
  hit->item = NULL;
  return FALSE;
}

static gboolean
field_item_bounds (gpointer data, CcItem *item, CcRect *box)
{
  FieldLayout *f = data;

  for (guint i = 0; i < f->n_forces; i++)
    if (f->forces[i].item == item)
      {
        *box = f->forces[i].box;
        return TRUE;
      }
  return FALSE;
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
  field_hit_detail,
  field_item_bounds,
};
