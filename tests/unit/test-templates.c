/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-templates"

#include "config.h"

#include "../cc-test-util.h"

#include <math.h>
#include <string.h>

#include "cc-canvas-edit.h"
#include "cc-io.h"
#include "cc-template.h"
#include "cc-template-library.h"

/* Canvas templates as data: the rules a template keeps (cc_template_check),
 * the geometry of grids, and the canvas edits that use a template. */

/* Helpers */

static CcItem *
panel_new (const char *id, guint col, guint row, guint col_span, guint row_span)
{
  CcItem *p = cc_item_new (CC_KIND_PANEL);

  cc_item_set_string (p, CC_PANEL_ID, id);
  cc_item_set_string (p, CC_PANEL_TITLE, id);
  cc_item_set_int (p, CC_PANEL_COL, col);
  cc_item_set_int (p, CC_PANEL_ROW, row);
  cc_item_set_int (p, CC_PANEL_COL_SPAN, col_span);
  cc_item_set_int (p, CC_PANEL_ROW_SPAN, row_span);
  return p;
}

static void
add_panel (CcItem *tmpl, CcItem *panel)
{
  cc_item_take_child (tmpl, CC_TEMPLATE_PANELS, -1, panel);
}

static CcItem *
template_new (const char *id, guint columns, guint rows)
{
  CcItem *t = cc_item_new (CC_KIND_TEMPLATE);

  cc_item_set_string (t, CC_TEMPLATE_ID, id);
  cc_item_set_string (t, CC_TEMPLATE_TITLE, "Test template");
  cc_item_set_int (t, CC_TEMPLATE_COLUMNS, columns);
  cc_item_set_int (t, CC_TEMPLATE_ROWS, rows);
  return t;
}

/* A 2 × 2 grid laid out as the shipped power / interest grid: interest to
 * the right, power upwards; row 0 is the top. */
static CcItem *
grid_2x2 (const char *id)
{
  CcItem *t = template_new (id, 2, 2);

  cc_item_set_int (t, CC_TEMPLATE_X_AXIS, CC_AXIS_INTEREST);
  cc_item_set_int (t, CC_TEMPLATE_Y_AXIS, CC_AXIS_POWER);
  add_panel (t, panel_new ("keep-satisfied", 0, 0, 1, 1));
  add_panel (t, panel_new ("manage-closely", 1, 0, 1, 1));
  add_panel (t, panel_new ("monitor", 0, 1, 1, 1));
  add_panel (t, panel_new ("keep-informed", 1, 1, 1, 1));
  return t;
}

/* A plain 2 × 2 board (no axes) with a gain, a pain and two unscored panels,
 * "try" leading to "know". */
static CcItem *
board_2x2 (const char *id)
{
  CcItem *t = template_new (id, 2, 2);
  CcItem *p;

  p = panel_new ("working", 0, 0, 1, 1);
  cc_item_set_int (p, CC_PANEL_SCORE, CC_SCORE_ROLE_GAIN);
  add_panel (t, p);
  p = panel_new ("stuck", 1, 0, 1, 1);
  cc_item_set_int (p, CC_PANEL_SCORE, CC_SCORE_ROLE_PAIN);
  add_panel (t, p);
  p = panel_new ("try", 0, 1, 1, 1);
  cc_item_set_string (p, CC_PANEL_NEXT, "know");
  add_panel (t, p);
  add_panel (t, panel_new ("know", 1, 1, 1, 1));
  return t;
}

static CcItem *
panel_of (CcItem *tmpl, guint i)
{
  return cc_item_get_child (tmpl, CC_TEMPLATE_PANELS, i);
}

typedef struct
{
  GPtrArray *paths;
  GPtrArray *messages;
} Reports;

static void
collect_report (const char *path, const char *message, gpointer data)
{
  Reports *r = data;

  g_assert_nonnull (path);
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  g_ptr_array_add (r->paths, g_strdup (path));
  g_ptr_array_add (r->messages, g_strdup (message));
}

/* @tmpl breaks exactly one rule, reported once at @path. */
static void
assert_breaks_at (CcItem *tmpl, const char *path)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  Reports r = { paths, messages };
  gboolean ok = cc_template_check (tmpl, collect_report, &r);

  for (guint i = 0; i < paths->len; i++)
    g_test_message ("%s: %s", (char *) paths->pdata[i], (char *) messages->pdata[i]);
  g_assert_false (ok);
  g_assert_cmpuint (paths->len, ==, 1);
  g_assert_cmpstr (paths->pdata[0], ==, path);
  /* Without a report function the answer is the same. */
  g_assert_false (cc_template_check (tmpl, NULL, NULL));
}

static void
assert_keeps_rules (CcItem *tmpl)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  Reports r = { paths, messages };
  gboolean ok = cc_template_check (tmpl, collect_report, &r);

  for (guint i = 0; i < paths->len; i++)
    g_printerr ("unexpected: %s: %s\n", (char *) paths->pdata[i], (char *) messages->pdata[i]);
  g_assert_true (ok);
  g_assert_cmpuint (paths->len, ==, 0);
}

static CcItem *
add_actor (CcProject *project, const char *name)
{
  CcItem *actor = cc_item_new (CC_KIND_ACTOR);

  cc_item_set_string (actor, CC_ACTOR_NAME, name);
  return cc_project_insert (project, cc_project_get_root (project), CC_PROJECT_ACTORS, -1, actor);
}

static guint
n_actors (CcProject *project)
{
  return cc_item_get_n_children (cc_project_get_root (project), CC_PROJECT_ACTORS);
}

static guint
n_templates (CcProject *project)
{
  return cc_item_get_n_children (cc_project_get_root (project), CC_PROJECT_TEMPLATES);
}

static guint
n_cards (CcItem *canvas)
{
  return cc_item_get_n_children (canvas, CC_CANVAS_CARDS);
}

/* cc_template_check */

static void
test_check_valid (void)
{
  g_autoptr(CcItem) grid = grid_2x2 ("grid-2x2");
  g_autoptr(CcItem) board = board_2x2 ("board");
  g_autoptr(CcItem) sparse = template_new ("sparse", 3, 3);
  g_autoptr(CcTemplateLibrary) lib = cc_template_library_new ();
  GPtrArray *shipped;

  assert_keeps_rules (grid);
  assert_keeps_rules (board);
  /* Cells no panel covers are allowed; a panel may span the whole grid. */
  add_panel (sparse, panel_new ("wide", 0, 0, 3, 1));
  add_panel (sparse, panel_new ("corner", 2, 2, 1, 1));
  assert_keeps_rules (sparse);

  /* Ids of the documented shape, up to the limit. */
  cc_item_set_string (sparse, CC_TEMPLATE_ID, "grid-3x3-v2");
  assert_keeps_rules (sparse);
  {
    g_autofree char *longest = g_strnfill (CC_TEMPLATE_ID_MAX, 'a');

    cc_item_set_string (sparse, CC_TEMPLATE_ID, longest);
    assert_keeps_rules (sparse);
  }

  /* The shipped templates keep every rule. */
  g_assert_cmpuint (cc_template_library_load_builtin (lib), >=, 2);
  shipped = cc_template_library_get_templates (lib);
  for (guint i = 0; i < shipped->len; i++)
    assert_keeps_rules (shipped->pdata[i]);
  g_assert_cmpuint (cc_template_library_get_problems (lib)->len, ==, 0);
  g_assert_nonnull (cc_template_library_lookup (lib, "power-interest"));
  g_assert_nonnull (cc_template_library_lookup (lib, "collaborative-gain"));
  g_assert_null (cc_template_library_lookup (lib, "no-such-template"));
  g_assert_null (cc_template_library_lookup (lib, NULL));
}

static void
test_check_duplicate_panel_id (void)
{
  g_autoptr(CcItem) t = grid_2x2 ("grid");

  cc_item_set_string (panel_of (t, 2), CC_PANEL_ID, "keep-satisfied");
  assert_breaks_at (t, "panels[2].id");
}

static void
test_check_bad_panel_id (void)
{
  g_autoptr(CcItem) t = grid_2x2 ("grid");

  cc_item_set_string (panel_of (t, 1), CC_PANEL_ID, "Manage_Closely");
  assert_breaks_at (t, "panels[1].id");
}

static void
test_check_outside_grid (void)
{
  {
    g_autoptr(CcItem) t = grid_2x2 ("grid");

    cc_item_set_int (panel_of (t, 3), CC_PANEL_COL, 2);
    assert_breaks_at (t, "panels[3].col");
  }
  {
    g_autoptr(CcItem) t = grid_2x2 ("grid");

    cc_item_set_int (panel_of (t, 3), CC_PANEL_ROW, 5);
    assert_breaks_at (t, "panels[3].row");
  }
}

static void
test_check_span_past_grid (void)
{
  {
    g_autoptr(CcItem) t = template_new ("board", 2, 2);

    add_panel (t, panel_new ("left", 0, 0, 1, 2));
    add_panel (t, panel_new ("right", 1, 0, 2, 1));
    assert_breaks_at (t, "panels[1].col_span");
  }
  {
    g_autoptr(CcItem) t = template_new ("board", 2, 2);

    add_panel (t, panel_new ("top", 0, 0, 2, 1));
    add_panel (t, panel_new ("bottom", 0, 1, 1, 2));
    assert_breaks_at (t, "panels[1].row_span");
  }
}

static void
test_check_overlap (void)
{
  g_autoptr(CcItem) t = template_new ("board", 2, 2);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  Reports r = { paths, messages };

  add_panel (t, panel_new ("top", 0, 0, 2, 1));
  add_panel (t, panel_new ("bottom", 0, 1, 2, 1));
  /* Covers the right-hand cells of both: reported once, naming the first. */
  add_panel (t, panel_new ("risks", 1, 0, 1, 2));
  assert_breaks_at (t, "panels[2]");
  g_assert_false (cc_template_check (t, collect_report, &r));
  g_assert_nonnull (strstr (messages->pdata[0], "“top”"));
}

static void
test_check_next (void)
{
  {
    g_autoptr(CcItem) t = board_2x2 ("board");

    cc_item_set_string (panel_of (t, 2), CC_PANEL_NEXT, "nowhere");
    assert_breaks_at (t, "panels[2].next");
  }
  {
    g_autoptr(CcItem) t = board_2x2 ("board");

    cc_item_set_string (panel_of (t, 2), CC_PANEL_NEXT, "try");
    assert_breaks_at (t, "panels[2].next");
  }
  {
    /* "next" may name a panel that comes later in the file. */
    g_autoptr(CcItem) t = board_2x2 ("board");

    cc_item_set_string (panel_of (t, 0), CC_PANEL_NEXT, "know");
    assert_keeps_rules (t);
  }
}

static void
test_check_score_scale (void)
{
  g_autoptr(CcItem) t = board_2x2 ("board");

  cc_item_set_int (t, CC_TEMPLATE_SCORE_MIN, 4);
  cc_item_set_int (t, CC_TEMPLATE_SCORE_MAX, 2);
  assert_breaks_at (t, "score_max");
  /* A scale of one value is sane. */
  cc_item_set_int (t, CC_TEMPLATE_SCORE_MAX, 4);
  assert_keeps_rules (t);
}

static void
test_check_axes (void)
{
  {
    g_autoptr(CcItem) t = grid_2x2 ("grid");

    cc_item_set_int (t, CC_TEMPLATE_Y_AXIS, CC_AXIS_NONE);
    assert_breaks_at (t, "y_axis");
  }
  {
    g_autoptr(CcItem) t = grid_2x2 ("grid");

    cc_item_set_int (t, CC_TEMPLATE_X_AXIS, CC_AXIS_NONE);
    assert_breaks_at (t, "x_axis");
  }
  {
    g_autoptr(CcItem) t = grid_2x2 ("grid");

    cc_item_set_int (t, CC_TEMPLATE_X_AXIS, CC_AXIS_POWER);
    assert_breaks_at (t, "y_axis");
  }
  {
    g_autoptr(CcItem) t = grid_2x2 ("grid");

    cc_item_set_int (t, CC_TEMPLATE_X_AXIS, CC_AXIS_INFLUENCE);
    assert_keeps_rules (t);
  }
}

static void
test_check_no_panels (void)
{
  g_autoptr(CcItem) t = template_new ("empty", 2, 2);

  assert_breaks_at (t, "panels");
}

static void
test_check_bad_template_id (void)
{
  static const char *bad[] = { "Power-Interest", "power_interest", "power interest", "-grid", "grid-",
                               "grid--2", "grille-é", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(CcItem) t = board_2x2 (bad[i]);

      g_test_message ("id “%s”", bad[i]);
      assert_breaks_at (t, "id");
    }
  {
    g_autofree char *too_long = g_strnfill (CC_TEMPLATE_ID_MAX + 1, 'a');
    g_autoptr(CcItem) t = board_2x2 (too_long);

    assert_breaks_at (t, "id");
  }
  g_assert_true (cc_template_id_is_valid ("power-interest"));
  g_assert_true (cc_template_id_is_valid ("grid-3x3"));
  g_assert_false (cc_template_id_is_valid (NULL));
}

/* Each broken rule is reported where it is, so several at once give several
 * paths, in file order. */
static void
test_check_several (void)
{
  g_autoptr(CcItem) t = board_2x2 ("Bad");
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  Reports r = { paths, messages };

  cc_item_set_string (panel_of (t, 1), CC_PANEL_ID, "working");
  cc_item_set_string (panel_of (t, 2), CC_PANEL_NEXT, "try");
  g_assert_false (cc_template_check (t, collect_report, &r));
  g_assert_cmpuint (paths->len, ==, 3);
  g_assert_cmpstr (paths->pdata[0], ==, "id");
  g_assert_cmpstr (paths->pdata[1], ==, "panels[1].id");
  g_assert_cmpstr (paths->pdata[2], ==, "panels[2].next");
}

/* Grid geometry */

static const char *
panel_id_at (const CcTemplate *tmpl, double fx, double fy)
{
  const CcTemplatePanel *p = cc_template_panel_at (tmpl, fx, fy);

  return p != NULL ? p->id : NULL;
}

static void
test_template_view (void)
{
  g_autoptr(CcItem) item = board_2x2 ("board");
  g_autoptr(CcTemplate) tmpl = NULL;
  const CcTemplatePanel *p;

  cc_item_set_int (item, CC_TEMPLATE_SCORE_MAX, 3);
  cc_item_set_string (panel_of (item, 0), CC_PANEL_COLOR, "#26a269");
  tmpl = cc_template_new (item);
  g_assert_cmpstr (tmpl->id, ==, "board");
  g_assert_cmpuint (tmpl->columns, ==, 2);
  g_assert_cmpuint (tmpl->rows, ==, 2);
  g_assert_cmpint (tmpl->score_min, ==, 1);
  g_assert_cmpint (tmpl->score_max, ==, 3);
  g_assert_cmpuint (tmpl->n_panels, ==, 4);
  g_assert_false (cc_template_is_grid (tmpl));
  g_assert_false (cc_template_is_grid (NULL));

  p = cc_template_find_panel (tmpl, "working");
  g_assert_nonnull (p);
  g_assert_cmpint (p->score_role, ==, CC_SCORE_ROLE_GAIN);
  g_assert_cmpstr (p->color, ==, "#26a269");
  g_assert_null (p->card_color);
  g_assert_null (p->next);
  p = cc_template_find_panel (tmpl, "try");
  g_assert_cmpstr (p->next, ==, "know");
  g_assert_cmpint (p->score_role, ==, CC_SCORE_ROLE_NONE);
  g_assert_null (cc_template_find_panel (tmpl, "nowhere"));
  g_assert_null (cc_template_find_panel (tmpl, NULL));
  g_assert_null (cc_template_find_panel (NULL, "working"));
}

static void
test_panel_at (void)
{
  g_autoptr(CcItem) item = grid_2x2 ("grid");
  g_autoptr(CcTemplate) tmpl = cc_template_new (item);

  g_assert_true (cc_template_is_grid (tmpl));
  /* Inside the cells: x to the right, y upwards, row 0 at the top. */
  g_assert_cmpstr (panel_id_at (tmpl, 0.25, 0.75), ==, "keep-satisfied");
  g_assert_cmpstr (panel_id_at (tmpl, 0.75, 0.75), ==, "manage-closely");
  g_assert_cmpstr (panel_id_at (tmpl, 0.25, 0.25), ==, "monitor");
  g_assert_cmpstr (panel_id_at (tmpl, 0.75, 0.25), ==, "keep-informed");

  /* The middle belongs to the upper, right-hand cell. */
  g_assert_cmpstr (panel_id_at (tmpl, 0.5, 0.5), ==, "manage-closely");
  g_assert_cmpstr (panel_id_at (tmpl, 0.5, 0.25), ==, "keep-informed");
  g_assert_cmpstr (panel_id_at (tmpl, 0.25, 0.5), ==, "keep-satisfied");
  g_assert_cmpstr (panel_id_at (tmpl, 0.49, 0.5), ==, "keep-satisfied");
  g_assert_cmpstr (panel_id_at (tmpl, 0.5, 0.49), ==, "keep-informed");
  g_assert_cmpstr (panel_id_at (tmpl, 0.49, 0.49), ==, "monitor");

  /* The corners and edges are inside, and points beyond are clamped. */
  g_assert_cmpstr (panel_id_at (tmpl, 0, 0), ==, "monitor");
  g_assert_cmpstr (panel_id_at (tmpl, 1, 1), ==, "manage-closely");
  g_assert_cmpstr (panel_id_at (tmpl, 0, 1), ==, "keep-satisfied");
  g_assert_cmpstr (panel_id_at (tmpl, 1, 0), ==, "keep-informed");
  g_assert_cmpstr (panel_id_at (tmpl, -3, 7), ==, "keep-satisfied");
  g_assert_cmpstr (panel_id_at (tmpl, 2, -1), ==, "keep-informed");

  g_assert_null (cc_template_panel_at (NULL, 0.5, 0.5));
}

static void
test_panel_at_spans_and_gaps (void)
{
  g_autoptr(CcItem) item = template_new ("bands", 3, 2);
  g_autoptr(CcTemplate) tmpl = NULL;

  cc_item_set_int (item, CC_TEMPLATE_X_AXIS, CC_AXIS_INTEREST);
  cc_item_set_int (item, CC_TEMPLATE_Y_AXIS, CC_AXIS_POWER);
  add_panel (item, panel_new ("top", 0, 0, 3, 1));
  add_panel (item, panel_new ("low-left", 0, 1, 1, 1));
  /* (1, 1) and (2, 1) stay blank. */
  assert_keeps_rules (item);
  tmpl = cc_template_new (item);

  g_assert_cmpstr (panel_id_at (tmpl, 0.1, 0.9), ==, "top");
  g_assert_cmpstr (panel_id_at (tmpl, 0.9, 0.9), ==, "top");
  g_assert_cmpstr (panel_id_at (tmpl, 0.9, 0.5), ==, "top");
  g_assert_cmpstr (panel_id_at (tmpl, 0.1, 0.1), ==, "low-left");
  /* On the line between the first and second column: the second. */
  g_assert_null (cc_template_panel_at (tmpl, 1.0 / 3, 0.1));
  g_assert_null (cc_template_panel_at (tmpl, 0.9, 0.1));
}

/* The border rule holds for every value an actor can have, on every grid
 * size: a value on the line between two rows is in the upper one, on the
 * line between two columns in the right-hand one. */
static void
test_panel_at_borders (void)
{
  GString *wrong = g_string_new (NULL);

  for (guint n = 1; n <= CC_TEMPLATE_GRID_MAX; n++)
    {
      g_autoptr(CcItem) rows_item = template_new ("rows", 1, n);
      g_autoptr(CcItem) cols_item = template_new ("columns", n, 1);
      g_autoptr(CcTemplate) rows = NULL;
      g_autoptr(CcTemplate) cols = NULL;
      g_autoptr(CcItem) actor = cc_item_new (CC_KIND_ACTOR);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *id = g_strdup_printf ("p%u", i);

          add_panel (rows_item, panel_new (id, 0, i, 1, 1));
          add_panel (cols_item, panel_new (id, i, 0, 1, 1));
        }
      for (CcItem *t = rows_item; t != NULL; t = t == rows_item ? cols_item : NULL)
        {
          cc_item_set_int (t, CC_TEMPLATE_X_AXIS, CC_AXIS_INTEREST);
          cc_item_set_int (t, CC_TEMPLATE_Y_AXIS, CC_AXIS_POWER);
        }
      rows = cc_template_new (rows_item);
      cols = cc_template_new (cols_item);
      cc_item_set_string (actor, CC_ACTOR_NAME, "A");

      /* Values are kept to a tenth, from 0 to 10. */
      for (guint t = 0; t <= 100; t++)
        {
          double v = t / 10.0, fx, fy;
          guint cell = (guint) ((t * n) / 100);  /* exact: the cell from the left or bottom */
          g_autofree char *want_row = g_strdup_printf ("p%u", n - 1 - MIN (cell, n - 1));
          g_autofree char *want_col = g_strdup_printf ("p%u", MIN (cell, n - 1));
          const char *row, *col;

          cc_item_set_double (actor, CC_ACTOR_POWER, v);
          cc_item_set_double (actor, CC_ACTOR_INTEREST, v);
          g_assert_true (cc_template_actor_point (rows, actor, &fx, &fy));
          row = panel_id_at (rows, fx, fy);
          col = panel_id_at (cols, fx, fy);
          g_assert_nonnull (row);
          g_assert_nonnull (col);
          if (!g_str_equal (row, want_row))
            g_string_append_printf (wrong, " power %g on %u rows: %s, not %s;", v, n, row, want_row);
          if (!g_str_equal (col, want_col))
            g_string_append_printf (wrong, " interest %g on %u columns: %s, not %s;", v, n, col, want_col);
        }
    }
  if (wrong->len > 0)
    g_test_message ("wrong cells:%s", wrong->str);
  g_assert_cmpuint (wrong->len, ==, 0);
  g_string_free (wrong, TRUE);
}

static void
test_actor_point (void)
{
  g_autoptr(CcItem) item = grid_2x2 ("grid");
  g_autoptr(CcItem) board_item = board_2x2 ("board");
  g_autoptr(CcTemplate) tmpl = cc_template_new (item);
  g_autoptr(CcTemplate) board = cc_template_new (board_item);
  g_autoptr(CcItem) actor = cc_item_new (CC_KIND_ACTOR);
  g_autoptr(CcItem) card = cc_item_new (CC_KIND_CARD);
  double fx = -1, fy = -1;

  cc_item_set_string (actor, CC_ACTOR_NAME, "Council");
  /* A new actor has neither power nor interest. */
  g_assert_false (cc_template_actor_point (tmpl, actor, &fx, &fy));
  g_assert_cmpfloat (fx, ==, -1);
  g_assert_cmpfloat (fy, ==, -1);

  /* One axis is not enough. */
  cc_item_set_double (actor, CC_ACTOR_INTEREST, 5);
  g_assert_false (cc_template_actor_point (tmpl, actor, &fx, &fy));
  cc_item_set_double (actor, CC_ACTOR_INTEREST, -1);
  cc_item_set_double (actor, CC_ACTOR_POWER, 8);
  g_assert_false (cc_template_actor_point (tmpl, actor, &fx, &fy));

  cc_item_set_double (actor, CC_ACTOR_INTEREST, 5);
  g_assert_true (cc_template_actor_point (tmpl, actor, &fx, &fy));
  g_assert_cmpfloat_with_epsilon (fx, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (fy, 0.8, 1e-9);
  g_assert_true (cc_template_actor_point (tmpl, actor, NULL, NULL));
  g_assert_cmpstr (panel_id_at (tmpl, fx, fy), ==, "manage-closely");

  cc_item_set_double (actor, CC_ACTOR_INTEREST, 0);
  cc_item_set_double (actor, CC_ACTOR_POWER, 10);
  g_assert_true (cc_template_actor_point (tmpl, actor, &fx, &fy));
  g_assert_cmpfloat (fx, ==, 0);
  g_assert_cmpfloat (fy, ==, 1);

  /* Influence has no unset value: 0 is a place on the axis. */
  cc_item_set_int (item, CC_TEMPLATE_X_AXIS, CC_AXIS_INFLUENCE);
  {
    g_autoptr(CcTemplate) influence = cc_template_new (item);
    g_autoptr(CcItem) fresh = cc_item_new (CC_KIND_ACTOR);

    g_assert_true (cc_template_actor_point (influence, actor, &fx, &fy));
    g_assert_cmpfloat (fx, ==, 0);
    g_assert_cmpfloat (fy, ==, 1);
    /* ...but power still has one. */
    g_assert_false (cc_template_actor_point (influence, fresh, &fx, &fy));
  }

  /* No grid, no actor, not an actor. */
  g_assert_false (cc_template_actor_point (board, actor, &fx, &fy));
  g_assert_false (cc_template_actor_point (NULL, actor, &fx, &fy));
  g_assert_false (cc_template_actor_point (tmpl, NULL, &fx, &fy));
  g_assert_false (cc_template_actor_point (tmpl, card, &fx, &fy));
}

/* Canvas edits */

static void
test_add_canvas (void)
{
  g_autoptr(CcProject) project = cc_project_new ();
  g_autoptr(CcItem) tmpl = board_2x2 ("board");
  g_autofree char *empty = text_of (project);
  g_autofree char *one = NULL;
  CcItem *canvas, *second, *copy;
  guint history;

  cc_item_set_string (tmpl, CC_TEMPLATE_DESCRIPTION, "A board for tests");
  history = cc_project_get_history_length (project);
  g_assert_null (cc_project_find_template (project, "board"));

  canvas = cc_project_add_canvas (project, tmpl, NULL, -1);
  g_assert_nonnull (canvas);
  g_assert_cmpint (cc_item_get_kind (canvas), ==, CC_KIND_CANVAS);
  g_assert_cmpstr (cc_item_get_string (canvas, CC_CANVAS_TEMPLATE), ==, "board");
  /* Without a title the canvas is called after the template. */
  g_assert_cmpstr (cc_item_get_string (canvas, CC_SHEET_TITLE), ==, "Test template");
  g_assert_cmpuint (cc_project_get_n_sheets (project), ==, 1);
  g_assert_cmpuint (n_templates (project), ==, 1);
  copy = cc_project_find_template (project, "board");
  g_assert_nonnull (copy);
  /* A copy, not the template itself. */
  g_assert_true (copy != tmpl);
  g_assert_cmpstr (cc_item_get_string (copy, CC_TEMPLATE_DESCRIPTION), ==, "A board for tests");
  g_assert_cmpuint (cc_item_get_n_children (copy, CC_TEMPLATE_PANELS), ==, 4);
  {
    g_autoptr(CcTemplate) view = cc_canvas_get_template (canvas);

    g_assert_nonnull (view);
    g_assert_true (view->item == copy);
    g_assert_cmpuint (view->n_panels, ==, 4);
  }
  check_one_step (project, empty, history, "Add Sheet");

  /* Undo takes away the canvas and the copy together. */
  g_assert_true (cc_project_undo (project));
  g_assert_cmpuint (cc_project_get_n_sheets (project), ==, 0);
  g_assert_cmpuint (n_templates (project), ==, 0);
  g_assert_null (cc_project_find_template (project, "board"));
  g_assert_true (cc_project_redo (project));
  g_assert_cmpuint (n_templates (project), ==, 1);
  canvas = cc_project_get_sheet (project, 0);

  /* A second canvas of the same template shares the copy. */
  one = text_of (project);
  history = cc_project_get_history_length (project);
  second = cc_project_add_canvas (project, tmpl, "Second board", 0);
  g_assert_nonnull (second);
  g_assert_true (cc_project_get_sheet (project, 0) == second);
  g_assert_cmpstr (cc_item_get_string (second, CC_SHEET_TITLE), ==, "Second board");
  g_assert_cmpuint (cc_project_get_n_sheets (project), ==, 2);
  g_assert_cmpuint (n_templates (project), ==, 1);
  check_one_step (project, one, history, "Add Sheet");
  g_assert_true (cc_project_undo (project));
  g_assert_cmpuint (cc_project_get_n_sheets (project), ==, 1);
  g_assert_cmpuint (n_templates (project), ==, 1);
  g_assert_true (cc_project_redo (project));

  /* A different template adds its own copy. */
  {
    g_autoptr(CcItem) grid = grid_2x2 ("grid");

    cc_project_add_canvas (project, grid, "Grid", -1);
    g_assert_cmpuint (n_templates (project), ==, 2);
    g_assert_nonnull (cc_project_find_template (project, "grid"));
    g_assert_nonnull (cc_project_find_template (project, "board"));
  }
}

/* A project with one grid canvas (and its copy) and one actor, no history. */
static CcProject *
grid_project (CcItem **canvas, CcItem **actor)
{
  CcProject *project = cc_project_new ();
  g_autoptr(CcItem) tmpl = grid_2x2 ("grid");

  *canvas = cc_project_add_canvas (project, tmpl, "Grid", -1);
  if (actor != NULL)
    *actor = add_actor (project, "Council");
  cc_project_clear_history (project);
  return project;
}

static void
test_place_existing_actor (void)
{
  CcItem *canvas, *actor, *card, *again;
  g_autoptr(CcProject) project = grid_project (&canvas, &actor);
  g_autofree char *before = text_of (project);
  g_autofree char *placed = NULL;
  guint history = cc_project_get_history_length (project);

  g_assert_null (cc_canvas_find_actor_card (canvas, actor));
  card = cc_canvas_place_actor (project, canvas, actor, NULL, 0.8, 0.3);
  g_assert_nonnull (card);
  g_assert_true (cc_canvas_find_actor_card (canvas, actor) == card);
  g_assert_true (cc_item_get_sheet (card) == canvas);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_ACTOR), ==, cc_item_get_id (actor));
  /* x is interest, y is power. */
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_INTEREST), ==, 8.0);
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_POWER), ==, 3.0);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "keep-informed");
  g_assert_cmpuint (n_cards (canvas), ==, 1);
  g_assert_cmpuint (n_actors (project), ==, 1);
  check_one_step (project, before, history, "Place Organisation");
  /* Undo unsets the values as well as taking the card away. */
  g_assert_true (cc_project_undo (project));
  g_assert_cmpuint (n_cards (canvas), ==, 0);
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_INTEREST), ==, -1);
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_POWER), ==, -1);
  g_assert_true (cc_project_redo (project));
  card = cc_canvas_find_actor_card (canvas, actor);
  g_assert_nonnull (card);

  /* Placing again moves the card: no second one. */
  placed = text_of (project);
  history = cc_project_get_history_length (project);
  again = cc_canvas_place_actor (project, canvas, actor, NULL, 0.2, 0.9);
  g_assert_true (again == card);
  g_assert_cmpuint (n_cards (canvas), ==, 1);
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_INTEREST), ==, 2.0);
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_POWER), ==, 9.0);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "keep-satisfied");
  check_one_step (project, placed, history, "Place Organisation");
  g_assert_true (cc_project_undo (project));
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "keep-informed");
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_INTEREST), ==, 8.0);
  g_assert_true (cc_project_redo (project));

  /* The middle is "manage closely". */
  cc_canvas_place_actor (project, canvas, actor, NULL, 0.5, 0.5);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "manage-closely");
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_INTEREST), ==, 5.0);
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_POWER), ==, 5.0);
}

static void
test_place_rounds (void)
{
  CcItem *canvas, *actor, *card;
  g_autoptr(CcProject) project = grid_project (&canvas, &actor);
  g_autofree char *before = text_of (project);
  guint history = cc_project_get_history_length (project);

  card = cc_canvas_place_actor (project, canvas, actor, NULL, 0.123, 0.456);
  g_assert_nonnull (card);
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_INTEREST), ==, 1.2);
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_POWER), ==, 4.6);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "monitor");
  check_one_step (project, before, history, "Place Organisation");

  /* Outside the grid is clamped to its edge; not a number is the middle. */
  cc_canvas_place_actor (project, canvas, actor, NULL, 1.7, -0.2);
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_INTEREST), ==, 10.0);
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_POWER), ==, 0.0);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "keep-informed");
  cc_canvas_place_actor (project, canvas, actor, NULL, NAN, INFINITY);
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_INTEREST), ==, 5.0);
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_POWER), ==, 5.0);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "manage-closely");
  g_assert_cmpuint (n_cards (canvas), ==, 1);
}

static void
test_place_new_actor (void)
{
  CcItem *canvas, *card, *actor;
  g_autoptr(CcProject) project = grid_project (&canvas, NULL);
  g_autofree char *before = text_of (project);
  guint history = cc_project_get_history_length (project);

  g_assert_cmpuint (n_actors (project), ==, 0);
  card = cc_canvas_place_actor (project, canvas, NULL, "  Health Trust \n", 0.9, 0.9);
  g_assert_nonnull (card);
  g_assert_cmpuint (n_actors (project), ==, 1);
  actor = cc_item_get_child (cc_project_get_root (project), CC_PROJECT_ACTORS, 0);
  g_assert_cmpstr (cc_item_get_string (actor, CC_ACTOR_NAME), ==, "Health Trust");
  g_assert_true (cc_project_lookup (project, cc_item_get_string (card, CC_CARD_ACTOR)) == actor);
  g_assert_true (cc_canvas_find_actor_card (canvas, actor) == card);
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_INTEREST), ==, 9.0);
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_POWER), ==, 9.0);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "manage-closely");
  check_one_step (project, before, history, "Place Organisation");
  /* Undo takes the new actor away too. */
  g_assert_true (cc_project_undo (project));
  g_assert_cmpuint (n_actors (project), ==, 0);
  g_assert_cmpuint (n_cards (canvas), ==, 0);
}

/* A card on a grid stands for its organisation; elsewhere, or about none,
 * it does not. */
static void
test_grid_actor (void)
{
  CcItem *canvas, *actor, *card, *board_card;
  g_autoptr(CcProject) project = grid_project (&canvas, &actor);
  g_autoptr(CcItem) board = board_2x2 ("board");
  CcItem *board_canvas = cc_project_add_canvas (project, board, NULL, -1);

  card = cc_canvas_place_actor (project, canvas, actor, NULL, 0.8, 0.3);
  g_assert_true (cc_card_get_grid_actor (project, card) == actor);
  board_card = cc_canvas_add_card (project, board_canvas, "working", "About them", -1);
  g_assert_nonnull (board_card);
  cc_project_set_string (project, board_card, CC_CARD_ACTOR, cc_item_get_id (actor));
  g_assert_null (cc_card_get_grid_actor (project, board_card));
  cc_project_set_string (project, card, CC_CARD_ACTOR, "");
  g_assert_null (cc_card_get_grid_actor (project, card));
}

static void
test_place_refused (void)
{
  CcItem *canvas, *actor, *board_canvas;
  g_autoptr(CcProject) project = grid_project (&canvas, &actor);
  g_autoptr(CcItem) board = board_2x2 ("board");
  g_autofree char *before = NULL;
  g_autofree char *too_long = g_strnfill (CC_MAX_STRING_LENGTH + 1, 'x');
  guint history;

  board_canvas = cc_project_add_canvas (project, board, NULL, -1);
  cc_project_clear_history (project);
  before = text_of (project);
  history = cc_project_get_history_length (project);

  /* No name, or only blanks, or too long. */
  g_assert_null (cc_canvas_place_actor (project, canvas, NULL, NULL, 0.5, 0.5));
  g_assert_null (cc_canvas_place_actor (project, canvas, NULL, "", 0.5, 0.5));
  g_assert_null (cc_canvas_place_actor (project, canvas, NULL, "  \t ", 0.5, 0.5));
  g_assert_null (cc_canvas_place_actor (project, canvas, NULL, too_long, 0.5, 0.5));
  /* Not a grid. */
  g_assert_null (cc_canvas_place_actor (project, board_canvas, actor, NULL, 0.5, 0.5));
  g_assert_null (cc_canvas_place_actor (project, board_canvas, NULL, "Someone", 0.5, 0.5));
  check_no_step (project, before, history);
  g_assert_cmpuint (n_actors (project), ==, 1);
}

static void
test_set_measure (void)
{
  CcItem *canvas, *actor, *card, *other_card, *board_card, *board_canvas, *second;
  g_autoptr(CcProject) project = grid_project (&canvas, &actor);
  g_autoptr(CcItem) board = board_2x2 ("board");
  g_autoptr(CcItem) influence_grid = grid_2x2 ("influence-grid");
  CcItem *influence_canvas, *influence_card;
  g_autofree char *before = NULL;
  guint history;

  /* The same grid twice, a grid of influence and power, and a board. */
  second = cc_project_add_canvas (project, cc_project_find_template (project, "grid"), "Grid 2", -1);
  cc_item_set_int (influence_grid, CC_TEMPLATE_X_AXIS, CC_AXIS_INFLUENCE);
  influence_canvas = cc_project_add_canvas (project, influence_grid, "Influence", -1);
  board_canvas = cc_project_add_canvas (project, board, "Board", -1);
  card = cc_canvas_place_actor (project, canvas, actor, NULL, 0.2, 0.2);
  other_card = cc_canvas_place_actor (project, second, actor, NULL, 0.2, 0.2);
  influence_card = cc_canvas_place_actor (project, influence_canvas, actor, NULL, 0.2, 0.2);
  board_card = cc_canvas_add_card (project, board_canvas, "working", "About the council", -1);
  cc_project_set_string (project, board_card, CC_CARD_ACTOR, cc_item_get_id (actor));
  cc_project_clear_history (project);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "monitor");
  g_assert_cmpstr (cc_item_get_string (other_card, CC_CARD_PANEL), ==, "monitor");
  g_assert_cmpstr (cc_item_get_string (influence_card, CC_CARD_PANEL), ==, "monitor");
  g_assert_cmpint (cc_item_get_int (actor, CC_ACTOR_INFLUENCE), ==, 2);

  /* More power: up a row on both power/interest grids and the influence one. */
  before = text_of (project);
  history = cc_project_get_history_length (project);
  cc_actor_set_measure (project, actor, CC_ACTOR_POWER, 7.25);
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_POWER), ==, 7.3);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "keep-satisfied");
  g_assert_cmpstr (cc_item_get_string (other_card, CC_CARD_PANEL), ==, "keep-satisfied");
  g_assert_cmpstr (cc_item_get_string (influence_card, CC_CARD_PANEL), ==, "keep-satisfied");
  /* A card on a canvas that is no grid stays where it is. */
  g_assert_cmpstr (cc_item_get_string (board_card, CC_CARD_PANEL), ==, "working");
  check_one_step (project, before, history, "Set Power");
  g_assert_true (cc_project_undo (project));
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "monitor");
  g_assert_cmpstr (cc_item_get_string (other_card, CC_CARD_PANEL), ==, "monitor");
  g_assert_true (cc_project_redo (project));
  g_clear_pointer (&before, g_free);

  /* Interest moves the power/interest cards only. */
  before = text_of (project);
  history = cc_project_get_history_length (project);
  cc_actor_set_measure (project, actor, CC_ACTOR_INTEREST, 5);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "manage-closely");
  g_assert_cmpstr (cc_item_get_string (other_card, CC_CARD_PANEL), ==, "manage-closely");
  g_assert_cmpstr (cc_item_get_string (influence_card, CC_CARD_PANEL), ==, "keep-satisfied");
  check_one_step (project, before, history, "Set Interest");
  g_clear_pointer (&before, g_free);

  /* Influence in whole steps, moving the influence grid's card only. */
  before = text_of (project);
  history = cc_project_get_history_length (project);
  cc_actor_set_measure (project, actor, CC_ACTOR_INFLUENCE, 8.4);
  g_assert_cmpint (cc_item_get_int (actor, CC_ACTOR_INFLUENCE), ==, 8);
  g_assert_cmpstr (cc_item_get_string (influence_card, CC_CARD_PANEL), ==, "manage-closely");
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "manage-closely");
  check_one_step (project, before, history, "Set Influence");
  g_clear_pointer (&before, g_free);

  /* Out of range unsets power: the cards stay in the panel they were in. */
  before = text_of (project);
  history = cc_project_get_history_length (project);
  cc_actor_set_measure (project, actor, CC_ACTOR_POWER, 11);
  g_assert_cmpfloat (cc_item_get_double (actor, CC_ACTOR_POWER), ==, -1);
  g_assert_cmpstr (cc_item_get_string (card, CC_CARD_PANEL), ==, "manage-closely");
  g_assert_cmpstr (cc_item_get_string (influence_card, CC_CARD_PANEL), ==, "manage-closely");
  check_one_step (project, before, history, "Set Power");
  g_assert_cmpuint (n_cards (canvas), ==, 1);
  g_assert_cmpuint (n_cards (second), ==, 1);
}

static void
test_set_score (void)
{
  g_autoptr(CcProject) project = cc_project_new ();
  g_autoptr(CcItem) narrow = board_2x2 ("narrow");
  g_autoptr(CcItem) wide = board_2x2 ("wide");
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autofree char *before = NULL;
  CcItem *canvas, *wide_canvas, *a, *b, *c;
  guint history;

  cc_item_set_int (narrow, CC_TEMPLATE_SCORE_MIN, 2);
  cc_item_set_int (narrow, CC_TEMPLATE_SCORE_MAX, 3);
  canvas = cc_project_add_canvas (project, narrow, NULL, -1);
  wide_canvas = cc_project_add_canvas (project, wide, NULL, -1);
  a = cc_canvas_add_card (project, canvas, "working", "Shared data", -1);
  b = cc_canvas_add_card (project, canvas, "stuck", "Meetings", -1);
  c = cc_canvas_add_card (project, wide_canvas, "working", "Shared data", -1);
  cc_project_clear_history (project);

  g_ptr_array_add (cards, a);
  g_ptr_array_add (cards, c);
  before = text_of (project);
  history = cc_project_get_history_length (project);
  cc_canvas_set_score (project, cards, 5);
  g_assert_cmpint (cc_item_get_int (a, CC_CARD_SCORE), ==, 3);
  g_assert_cmpint (cc_item_get_int (c, CC_CARD_SCORE), ==, 5);
  check_one_step (project, before, history, "Score Card");
  g_clear_pointer (&before, g_free);

  /* Below the scale: its start. */
  g_ptr_array_set_size (cards, 0);
  g_ptr_array_add (cards, b);
  cc_canvas_set_score (project, cards, 1);
  g_assert_cmpint (cc_item_get_int (b, CC_CARD_SCORE), ==, 2);

  {
    int gain = -1, pain = -1;

    cc_canvas_gain_pain (canvas, &gain, &pain);
    g_assert_cmpint (gain, ==, 3);
    g_assert_cmpint (pain, ==, 2);
    cc_canvas_gain_pain (wide_canvas, &gain, NULL);
    g_assert_cmpint (gain, ==, 5);
  }

  /* 0 clears. */
  before = text_of (project);
  history = cc_project_get_history_length (project);
  g_ptr_array_add (cards, a);
  cc_canvas_set_score (project, cards, 0);
  g_assert_cmpint (cc_item_get_int (a, CC_CARD_SCORE), ==, 0);
  g_assert_cmpint (cc_item_get_int (b, CC_CARD_SCORE), ==, 0);
  check_one_step (project, before, history, "Clear Score");
}

static void
test_gain_pain (void)
{
  g_autoptr(CcProject) project = cc_project_new ();
  g_autoptr(CcItem) tmpl = board_2x2 ("board");
  CcItem *canvas, *card;
  int gain = -1, pain = -1;

  canvas = cc_project_add_canvas (project, tmpl, NULL, -1);
  cc_canvas_gain_pain (canvas, &gain, &pain);
  g_assert_cmpint (gain, ==, 0);
  g_assert_cmpint (pain, ==, 0);

  card = cc_canvas_add_card (project, canvas, "working", "A", -1);
  cc_project_set_int (project, card, CC_CARD_SCORE, 4);
  card = cc_canvas_add_card (project, canvas, "working", "B", -1);
  cc_project_set_int (project, card, CC_CARD_SCORE, 2);
  card = cc_canvas_add_card (project, canvas, "stuck", "C", -1);
  cc_project_set_int (project, card, CC_CARD_SCORE, 3);
  /* Unscored panels, and panels the template does not know, count for nothing. */
  card = cc_canvas_add_card (project, canvas, "try", "D", -1);
  cc_project_set_int (project, card, CC_CARD_SCORE, 5);
  card = cc_canvas_add_card (project, canvas, "gone", "E", -1);
  cc_project_set_int (project, card, CC_CARD_SCORE, 5);
  /* An unscored card in a gain panel adds nothing. */
  cc_canvas_add_card (project, canvas, "working", "F", -1);

  cc_canvas_gain_pain (canvas, &gain, &pain);
  g_assert_cmpint (gain, ==, 6);
  g_assert_cmpint (pain, ==, 3);
  cc_canvas_gain_pain (canvas, NULL, NULL);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/templates/check/valid", test_check_valid);
  g_test_add_func ("/templates/grid-actor", test_grid_actor);
  g_test_add_func ("/templates/check/duplicate-panel-id", test_check_duplicate_panel_id);
  g_test_add_func ("/templates/check/bad-panel-id", test_check_bad_panel_id);
  g_test_add_func ("/templates/check/outside-grid", test_check_outside_grid);
  g_test_add_func ("/templates/check/span-past-grid", test_check_span_past_grid);
  g_test_add_func ("/templates/check/overlap", test_check_overlap);
  g_test_add_func ("/templates/check/next", test_check_next);
  g_test_add_func ("/templates/check/score-scale", test_check_score_scale);
  g_test_add_func ("/templates/check/axes", test_check_axes);
  g_test_add_func ("/templates/check/no-panels", test_check_no_panels);
  g_test_add_func ("/templates/check/bad-template-id", test_check_bad_template_id);
  g_test_add_func ("/templates/check/several", test_check_several);
  g_test_add_func ("/templates/view", test_template_view);
  g_test_add_func ("/templates/panel-at", test_panel_at);
  g_test_add_func ("/templates/panel-at/spans-and-gaps", test_panel_at_spans_and_gaps);
  g_test_add_func ("/templates/panel-at/borders", test_panel_at_borders);
  g_test_add_func ("/templates/actor-point", test_actor_point);
  g_test_add_func ("/templates/add-canvas", test_add_canvas);
  g_test_add_func ("/templates/place/existing-actor", test_place_existing_actor);
  g_test_add_func ("/templates/place/rounds", test_place_rounds);
  g_test_add_func ("/templates/place/new-actor", test_place_new_actor);
  g_test_add_func ("/templates/place/refused", test_place_refused);
  g_test_add_func ("/templates/set-measure", test_set_measure);
  g_test_add_func ("/templates/set-score", test_set_score);
  g_test_add_func ("/templates/gain-pain", test_gain_pain);
  return g_test_run ();
}
