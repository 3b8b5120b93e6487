/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-template"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-template.h"

CcTemplate *
cc_template_new (CcItem *item)
{
  CcTemplate *tmpl;
  GPtrArray *panels;

  g_return_val_if_fail (item != NULL && cc_item_get_kind (item) == CC_KIND_TEMPLATE, NULL);

  tmpl = g_new0 (CcTemplate, 1);
  tmpl->item = cc_item_ref (item);
  tmpl->id = cc_item_get_string (item, CC_TEMPLATE_ID);
  tmpl->title = cc_item_get_string (item, CC_TEMPLATE_TITLE);
  tmpl->description = cc_item_get_string (item, CC_TEMPLATE_DESCRIPTION);
  tmpl->columns = (guint) cc_item_get_int (item, CC_TEMPLATE_COLUMNS);
  tmpl->rows = (guint) cc_item_get_int (item, CC_TEMPLATE_ROWS);
  tmpl->score_min = (int) cc_item_get_int (item, CC_TEMPLATE_SCORE_MIN);
  tmpl->score_max = MAX (tmpl->score_min, (int) cc_item_get_int (item, CC_TEMPLATE_SCORE_MAX));
  tmpl->x_axis = (CcAxis) cc_item_get_int (item, CC_TEMPLATE_X_AXIS);
  tmpl->y_axis = (CcAxis) cc_item_get_int (item, CC_TEMPLATE_Y_AXIS);
  if (tmpl->x_axis == CC_AXIS_NONE || tmpl->y_axis == CC_AXIS_NONE)
    tmpl->x_axis = tmpl->y_axis = CC_AXIS_NONE;

  panels = cc_item_get_children (item, CC_TEMPLATE_PANELS);
  tmpl->panels = g_new0 (CcTemplatePanel, MAX (panels->len, 1));
  for (guint i = 0; i < panels->len; i++)
    {
      CcItem *p = panels->pdata[i];
      CcTemplatePanel *tp = &tmpl->panels[tmpl->n_panels];
      const char *s;

      tp->id = cc_item_get_string (p, CC_PANEL_ID);
      tp->title = cc_item_get_string (p, CC_PANEL_TITLE);
      tp->prompt = cc_item_get_string (p, CC_PANEL_PROMPT);
      /* A copy that breaks the rules was refused on load; still, never
       * place a panel outside the grid. */
      tp->col = MIN ((guint) cc_item_get_int (p, CC_PANEL_COL), tmpl->columns - 1);
      tp->row = MIN ((guint) cc_item_get_int (p, CC_PANEL_ROW), tmpl->rows - 1);
      tp->col_span = CLAMP ((guint) cc_item_get_int (p, CC_PANEL_COL_SPAN), 1, tmpl->columns - tp->col);
      tp->row_span = CLAMP ((guint) cc_item_get_int (p, CC_PANEL_ROW_SPAN), 1, tmpl->rows - tp->row);
      tp->score_role = (CcScoreRole) cc_item_get_int (p, CC_PANEL_SCORE);
      s = cc_item_get_string (p, CC_PANEL_COLOR);
      tp->color = s[0] ? s : NULL;
      s = cc_item_get_string (p, CC_PANEL_CARD_COLOR);
      tp->card_color = s[0] ? s : NULL;
      s = cc_item_get_string (p, CC_PANEL_NEXT);
      tp->next = s[0] ? s : NULL;
      tmpl->n_panels++;
    }
  return tmpl;
}

void
cc_template_free (CcTemplate *tmpl)
{
  if (tmpl == NULL)
    return;
  cc_item_unref (tmpl->item);
  g_free (tmpl->panels);
  g_free (tmpl);
}

const CcTemplatePanel *
cc_template_find_panel (const CcTemplate *tmpl, const char *panel_id)
{
  if (tmpl == NULL || panel_id == NULL)
    return NULL;
  for (guint i = 0; i < tmpl->n_panels; i++)
    if (strcmp (tmpl->panels[i].id, panel_id) == 0)
      return &tmpl->panels[i];
  return NULL;
}

gboolean
cc_template_is_grid (const CcTemplate *tmpl)
{
  return tmpl != NULL && tmpl->x_axis != CC_AXIS_NONE && tmpl->y_axis != CC_AXIS_NONE;
}

const CcTemplatePanel *
cc_template_panel_at (const CcTemplate *tmpl, double fx, double fy)
{
  guint col, row;

  if (tmpl == NULL)
    return NULL;
  fx = CLAMP (fx, 0, 1);
  fy = CLAMP (fy, 0, 1);
  /* A point on a border belongs to the upper, right-hand cell: the middle
   * of a power/interest grid is "manage closely". */
  /* Values are tenths, not exact in binary: 0.7 × 10 must be 7, not a hair
   * over or under it. */
  col = MIN ((guint) floor (fx * tmpl->columns + 1e-9), tmpl->columns - 1);
  row = (guint) MAX (ceil ((1 - fy) * tmpl->rows - 1e-9) - 1, 0);
  row = MIN (row, tmpl->rows - 1);
  for (guint i = 0; i < tmpl->n_panels; i++)
    {
      const CcTemplatePanel *p = &tmpl->panels[i];

      if (col >= p->col && col < p->col + p->col_span && row >= p->row && row < p->row + p->row_span)
        return p;
    }
  return NULL;
}

guint
cc_axis_field (CcAxis axis)
{
  switch (axis)
    {
    case CC_AXIS_INTEREST:
      return CC_ACTOR_INTEREST;
    case CC_AXIS_POWER:
      return CC_ACTOR_POWER;
    case CC_AXIS_INFLUENCE:
      return CC_ACTOR_INFLUENCE;
    case CC_AXIS_NONE:
    case CC_N_AXES:
    default:
      g_return_val_if_reached (CC_ACTOR_POWER);
    }
}

const char *
cc_axis_label (CcAxis axis)
{
  static const char *labels[] = { N_("None"), N_("Interest"), N_("Power"), N_("Influence") };

  g_return_val_if_fail (axis < CC_N_AXES, NULL);
  return labels[axis];
}

/* @actor's value on @axis as a fraction of the field's range; FALSE unset. */
static gboolean
axis_fraction (CcItem *actor, CcAxis axis, double *out)
{
  guint field = cc_axis_field (axis);
  const CcFieldInfo *info = cc_kind_field (CC_KIND_ACTOR, field);
  double v;

  if (info->type == CC_VT_INT)
    {
      /* Influence has no "unset": 0 is its default and a real value. */
      v = (double) cc_item_get_int (actor, field);
    }
  else
    {
      v = cc_item_get_double (actor, field);
      if (v < info->min || v > info->max)
        return FALSE;
    }
  *out = (v - info->min) / (info->max - info->min);
  return TRUE;
}

gboolean
cc_template_actor_point (const CcTemplate *tmpl, CcItem *actor, double *fx, double *fy)
{
  double x, y;

  if (!cc_template_is_grid (tmpl) || actor == NULL || cc_item_get_kind (actor) != CC_KIND_ACTOR)
    return FALSE;
  if (!axis_fraction (actor, tmpl->x_axis, &x) || !axis_fraction (actor, tmpl->y_axis, &y))
    return FALSE;
  if (fx != NULL)
    *fx = x;
  if (fy != NULL)
    *fy = y;
  return TRUE;
}

gboolean
cc_template_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL || (len = strlen (id)) == 0 || len > CC_TEMPLATE_ID_MAX)
    return FALSE;
  if (id[0] == '-' || id[len - 1] == '-' || strstr (id, "--") != NULL)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;
  return TRUE;
}

static void G_GNUC_PRINTF (4, 5)
report_at (CcTemplateReportFunc report, gpointer data, const char *path, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (report != NULL)
    report (path, message, data);
}

gboolean
cc_template_check (CcItem *item, CcTemplateReportFunc report, gpointer data)
{
  GPtrArray *panels = cc_item_get_children (item, CC_TEMPLATE_PANELS);
  guint columns = (guint) cc_item_get_int (item, CC_TEMPLATE_COLUMNS);
  guint rows = (guint) cc_item_get_int (item, CC_TEMPLATE_ROWS);
  CcAxis x_axis = (CcAxis) cc_item_get_int (item, CC_TEMPLATE_X_AXIS);
  CcAxis y_axis = (CcAxis) cc_item_get_int (item, CC_TEMPLATE_Y_AXIS);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree int *cells = g_new0 (int, columns * rows);  /* panel index + 1 */
  gboolean ok = TRUE;

  if (!cc_template_id_is_valid (cc_item_get_string (item, CC_TEMPLATE_ID)))
    {
      report_at (report, data, "id", _("“%s” is not a template id (lower-case letters and digits in words "
                                       "joined by hyphens, at most %d characters)"),
                 cc_item_get_string (item, CC_TEMPLATE_ID), CC_TEMPLATE_ID_MAX);
      ok = FALSE;
    }
  if (cc_item_get_int (item, CC_TEMPLATE_SCORE_MIN) > cc_item_get_int (item, CC_TEMPLATE_SCORE_MAX))
    {
      report_at (report, data, "score_max", _("the score scale ends at %d, below its start %d"),
                 (int) cc_item_get_int (item, CC_TEMPLATE_SCORE_MAX),
                 (int) cc_item_get_int (item, CC_TEMPLATE_SCORE_MIN));
      ok = FALSE;
    }
  if ((x_axis == CC_AXIS_NONE) != (y_axis == CC_AXIS_NONE))
    {
      report_at (report, data, x_axis == CC_AXIS_NONE ? "x_axis" : "y_axis",
                 _("a grid needs both axes, x_axis and y_axis"));
      ok = FALSE;
    }
  else if (x_axis != CC_AXIS_NONE && x_axis == y_axis)
    {
      report_at (report, data, "y_axis", _("both axes measure %s"), _(cc_axis_label (x_axis)));
      ok = FALSE;
    }
  if (panels->len == 0)
    {
      report_at (report, data, "panels", _("a template needs at least one panel"));
      ok = FALSE;
    }

  for (guint i = 0; i < panels->len; i++)
    {
      CcItem *p = panels->pdata[i];
      const char *id = cc_item_get_string (p, CC_PANEL_ID);
      guint col = (guint) cc_item_get_int (p, CC_PANEL_COL), row = (guint) cc_item_get_int (p, CC_PANEL_ROW);
      guint col_span = (guint) cc_item_get_int (p, CC_PANEL_COL_SPAN);
      guint row_span = (guint) cc_item_get_int (p, CC_PANEL_ROW_SPAN);
      g_autofree char *path = NULL;
      gboolean placed = TRUE;

      if (!cc_template_id_is_valid (id))
        {
          path = g_strdup_printf ("panels[%u].id", i);
          report_at (report, data, path, _("“%s” is not a panel id (lower-case letters and digits in words "
                                           "joined by hyphens)"), id);
          ok = FALSE;
        }
      else if (!g_hash_table_add (ids, (gpointer) id))
        {
          path = g_strdup_printf ("panels[%u].id", i);
          report_at (report, data, path, _("duplicate panel id “%s”"), id);
          ok = FALSE;
        }
      g_clear_pointer (&path, g_free);
      if (col >= columns || row >= rows)
        {
          path = g_strdup_printf ("panels[%u].%s", i, col >= columns ? "col" : "row");
          report_at (report, data, path, _("%u is outside the grid of %u × %u"), col >= columns ? col : row,
                     columns, rows);
          placed = FALSE;
        }
      else if (col + col_span > columns || row + row_span > rows)
        {
          path = g_strdup_printf ("panels[%u].%s", i, col + col_span > columns ? "col_span" : "row_span");
          report_at (report, data, path, _("the panel reaches past the grid of %u × %u"), columns, rows);
          placed = FALSE;
        }
      g_clear_pointer (&path, g_free);
      for (guint r = row; placed && r < row + row_span; r++)
        for (guint c = col; placed && c < col + col_span; c++)
          if (cells[r * columns + c] != 0)
            {
              CcItem *other = panels->pdata[cells[r * columns + c] - 1];

              path = g_strdup_printf ("panels[%u]", i);
              report_at (report, data, path, _("the panel overlaps “%s” at column %u, row %u"),
                         cc_item_get_string (other, CC_PANEL_ID), c, r);
              placed = FALSE;
            }
          else
            cells[r * columns + c] = (int) i + 1;
      if (!placed)
        ok = FALSE;
    }

  for (guint i = 0; i < panels->len; i++)
    {
      const char *next = cc_item_get_string (panels->pdata[i], CC_PANEL_NEXT);
      g_autofree char *path = g_strdup_printf ("panels[%u].next", i);

      if (next[0] == '\0')
        continue;
      if (strcmp (next, cc_item_get_string (panels->pdata[i], CC_PANEL_ID)) == 0)
        {
          report_at (report, data, path, _("a panel cannot lead to itself"));
          ok = FALSE;
        }
      else if (!g_hash_table_contains (ids, next))
        {
          report_at (report, data, path, _("no panel “%s” in this template"), next);
          ok = FALSE;
        }
    }
  return ok;
}

CcItem *
cc_root_find_template (CcItem *root, const char *id)
{
  if (root == NULL || id == NULL || cc_item_get_kind (root) != CC_KIND_PROJECT)
    return NULL;
  for (guint i = 0; i < cc_item_get_n_children (root, CC_PROJECT_TEMPLATES); i++)
    {
      CcItem *tmpl = cc_item_get_child (root, CC_PROJECT_TEMPLATES, i);

      if (strcmp (cc_item_get_string (tmpl, CC_TEMPLATE_ID), id) == 0)
        return tmpl;
    }
  return NULL;
}

CcItem *
cc_project_find_template (CcProject *project, const char *id)
{
  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  return cc_root_find_template (cc_project_get_root (project), id);
}

CcTemplate *
cc_canvas_get_template (CcItem *canvas)
{
  CcItem *item;

  g_return_val_if_fail (canvas != NULL && cc_item_get_kind (canvas) == CC_KIND_CANVAS, NULL);
  item = cc_root_find_template (cc_item_get_parent (canvas), cc_item_get_string (canvas, CC_CANVAS_TEMPLATE));
  return item != NULL ? cc_template_new (item) : NULL;
}

void
cc_canvas_gain_pain (CcItem *canvas, int *gain, int *pain)
{
  g_autoptr(CcTemplate) tmpl = NULL;
  int sums[3] = { 0, 0, 0 };

  g_return_if_fail (canvas != NULL && cc_item_get_kind (canvas) == CC_KIND_CANVAS);
  tmpl = cc_canvas_get_template (canvas);
  for (guint i = 0; i < cc_item_get_n_children (canvas, CC_CANVAS_CARDS); i++)
    {
      CcItem *card = cc_item_get_child (canvas, CC_CANVAS_CARDS, i);
      const CcTemplatePanel *panel = cc_template_find_panel (tmpl, cc_item_get_string (card, CC_CARD_PANEL));
      gint64 score = cc_item_get_int (card, CC_CARD_SCORE);

      /* A score beyond the template's scale (a file written by hand)
       * counts as the scale's end. */
      if (panel != NULL && score > 0)
        sums[panel->score_role] += CLAMP ((int) score, tmpl->score_min, tmpl->score_max);
    }
  if (gain != NULL)
    *gain = sums[CC_SCORE_ROLE_GAIN];
  if (pain != NULL)
    *pain = sums[CC_SCORE_ROLE_PAIN];
}
