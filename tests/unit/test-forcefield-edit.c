/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-forcefield-edit"

#include "config.h"

#include <string.h>

#include "cc-forcefield-edit.h"
#include "cc-io.h"

typedef struct
{
  CcProject *project;
  CcItem    *sheet;
  CcItem    *actor;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  CcItem *sheet = cc_item_new (CC_KIND_FORCEFIELD);
  CcItem *actor = cc_item_new (CC_KIND_ACTOR);

  f->project = cc_project_new ();
  cc_item_set_string (sheet, CC_FORCEFIELD_TITLE, "Joint commissioning");
  cc_item_set_string (sheet, CC_FORCEFIELD_CHANGE, "Pool the two budgets");
  f->sheet = cc_project_insert (f->project, cc_project_get_root (f->project), CC_PROJECT_SHEETS, -1, sheet);
  cc_item_set_string (actor, CC_ACTOR_NAME, "Health board");
  f->actor = cc_project_insert (f->project, cc_project_get_root (f->project), CC_PROJECT_ACTORS, -1, actor);
  cc_project_clear_history (f->project);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_object_unref (f->project);
}

/* "A B | C" : the labels of each side, in order. */
static char *
sides (Fixture *f)
{
  GString *out = g_string_new (NULL);

  for (CcSide side = 0; side < CC_N_SIDES; side++)
    {
      g_autoptr(GPtrArray) forces = cc_forcefield_side_forces (f->sheet, side);

      if (side > 0)
        g_string_append (out, "|");
      for (guint i = 0; i < forces->len; i++)
        g_string_append_printf (out, "%s%s", i ? " " : "", cc_item_get_string (forces->pdata[i], CC_FORCE_LABEL));
    }
  return g_string_free (out, FALSE);
}

static char *
saved (Fixture *f)
{
  g_autoptr(GBytes) bytes = cc_project_serialize (f->project);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
assert_sides (Fixture *f, const char *expected)
{
  g_autofree char *got = sides (f);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_add_and_move (Fixture *f, gconstpointer data)
{
  CcItem *a, *b, *c, *x, *y;
  guint history;

  a = cc_forcefield_add_force (f->project, f->sheet, CC_SIDE_DRIVING, "A", 3, NULL, -1);
  x = cc_forcefield_add_force (f->project, f->sheet, CC_SIDE_RESISTING, "X", 9, "too strong", -1);
  b = cc_forcefield_add_force (f->project, f->sheet, CC_SIDE_DRIVING, "B", 0, NULL, -1);
  c = cc_forcefield_add_force (f->project, f->sheet, CC_SIDE_DRIVING, "C", 2, NULL, 0);
  y = cc_forcefield_add_force (f->project, f->sheet, CC_SIDE_RESISTING, "Y", 4, NULL, 1);
  g_assert_nonnull (a);
  g_assert_null (cc_forcefield_add_force (f->project, f->sheet, CC_SIDE_DRIVING, "", 3, NULL, -1));
  assert_sides (f, "C A B|X Y");
  g_assert_cmpint (cc_item_get_int (x, CC_FORCE_STRENGTH), ==, 5);
  g_assert_cmpint (cc_item_get_int (b, CC_FORCE_STRENGTH), ==, 1);
  g_assert_cmpstr (cc_item_get_string (x, CC_FORCE_NOTES), ==, "too strong");
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, 5);

  /* Reorder within a side: each one step. */
  history = cc_project_get_history_length (f->project);
  cc_forcefield_move_force (f->project, b, CC_SIDE_DRIVING, 0);
  assert_sides (f, "B C A|X Y");
  cc_forcefield_move_force (f->project, b, CC_SIDE_DRIVING, -1);
  assert_sides (f, "C A B|X Y");
  cc_forcefield_move_force (f->project, c, CC_SIDE_DRIVING, 1);
  assert_sides (f, "A C B|X Y");
  cc_forcefield_move_force (f->project, c, CC_SIDE_DRIVING, 1);  /* already there: nothing */
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 3);

  /* Across, at a place, in one step that undoes whole. */
  cc_forcefield_move_force (f->project, a, CC_SIDE_RESISTING, 1);
  assert_sides (f, "C B|X A Y");
  g_assert_cmpint (cc_item_get_int (a, CC_FORCE_SIDE), ==, CC_SIDE_RESISTING);
  cc_forcefield_move_force (f->project, y, CC_SIDE_DRIVING, -1);
  assert_sides (f, "C B Y|X A");
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 5);
  g_assert_true (cc_project_undo (f->project));
  assert_sides (f, "C B|X A Y");
  g_assert_true (cc_project_undo (f->project));
  assert_sides (f, "A C B|X Y");
  g_assert_true (cc_project_redo (f->project));
  assert_sides (f, "C B|X A Y");

  /* The file says it. */
  {
    g_autofree char *json = saved (f);

    g_assert_nonnull (strstr (json, "\"label\": \"A\""));
    g_assert_true (strstr (json, "\"label\": \"C\"") < strstr (json, "\"label\": \"X\""));
  }
}

static void
test_scores (Fixture *f, gconstpointer data)
{
  CcItem *force = cc_forcefield_add_force (f->project, f->sheet, CC_SIDE_RESISTING, "Mistrust", 3, NULL, -1);
  CcScoreStats stats;
  guint history = cc_project_get_history_length (f->project);

  cc_force_score_stats (force, &stats);
  g_assert_cmpuint (stats.n, ==, 0);

  cc_forcefield_set_score (f->project, force, "Ann", 5);
  cc_forcefield_set_score (f->project, force, NULL, 4);
  cc_forcefield_set_score (f->project, force, "", 1);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 3);
  g_assert_cmpuint (cc_item_get_n_children (force, CC_FORCE_SCORES), ==, 3);
  g_assert_cmpstr (cc_item_get_string (cc_item_get_child (force, CC_FORCE_SCORES, 1), CC_SCORE_PARTICIPANT), ==, "1");
  g_assert_cmpstr (cc_item_get_string (cc_item_get_child (force, CC_FORCE_SCORES, 2), CC_SCORE_PARTICIPANT), ==, "2");
  cc_force_score_stats (force, &stats);
  g_assert_cmpuint (stats.n, ==, 3);
  g_assert_cmpfloat (stats.median, ==, 4);
  g_assert_cmpint (stats.lowest, ==, 1);
  g_assert_cmpint (stats.highest, ==, 5);
  g_assert_true (stats.disagree);
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_STRENGTH), ==, 4);

  /* A participant scoring again replaces their score. */
  cc_forcefield_set_score (f->project, force, "2", 3);
  g_assert_cmpuint (cc_item_get_n_children (force, CC_FORCE_SCORES), ==, 3);
  cc_force_score_stats (force, &stats);
  g_assert_cmpfloat (stats.median, ==, 4);
  g_assert_true (stats.disagree);

  /* An even count: the mean of the middle two, rounded half up. */
  cc_forcefield_remove_score (f->project, force, "Ann");
  cc_force_score_stats (force, &stats);
  g_assert_cmpuint (stats.n, ==, 2);
  g_assert_cmpfloat (stats.median, ==, 3.5);
  g_assert_false (stats.disagree);
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_STRENGTH), ==, 4);
  cc_forcefield_remove_score (f->project, force, "nobody");

  {
    g_autofree char *json = saved (f);

    g_assert_nonnull (strstr (json, "\"participant\": \"1\""));
    g_assert_nonnull (strstr (json, "\"score\": 4"));
    g_assert_null (strstr (json, "\"Ann\""));
  }

  /* Each score was one step; undone, the strength comes back with it. */
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpuint (cc_item_get_n_children (force, CC_FORCE_SCORES), ==, 3);
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_STRENGTH), ==, 4);
  while (cc_project_get_history_length (f->project) > history)
    g_assert_true (cc_project_undo (f->project));
  g_assert_cmpuint (cc_item_get_n_children (force, CC_FORCE_SCORES), ==, 0);
  g_assert_cmpint (cc_item_get_int (force, CC_FORCE_STRENGTH), ==, 3);
  {
    g_autofree char *json = saved (f);

    g_assert_null (strstr (json, "\"scores\""));
  }
}

static void
test_plans_and_actors (Fixture *f, gconstpointer data)
{
  CcItem *money = cc_forcefield_add_force (f->project, f->sheet, CC_SIDE_DRIVING, "Money", 4, NULL, -1);
  CcItem *doubt = cc_forcefield_add_force (f->project, f->sheet, CC_SIDE_RESISTING, "The board's doubts", 3, NULL, -1);
  g_autoptr(GPtrArray) naming = NULL;
  g_autoptr(CcLoadResult) again = NULL;
  g_autofree char *json = NULL;

  g_assert_cmpint (cc_force_effective_strength (money, FALSE), ==, 4);
  g_assert_cmpint (cc_force_effective_strength (money, TRUE), ==, 4);
  cc_project_set_int (f->project, money, CC_FORCE_PLANNED, 5);
  cc_project_set_int (f->project, doubt, CC_FORCE_ACTION, CC_ACTION_REMOVE);
  g_assert_cmpint (cc_force_effective_strength (money, TRUE), ==, 5);
  g_assert_cmpint (cc_force_effective_strength (doubt, TRUE), ==, 0);
  g_assert_cmpint (cc_force_effective_strength (doubt, FALSE), ==, 3);

  cc_project_set_string (f->project, doubt, CC_FORCE_PLAN, "Visit the board with the figures");
  cc_project_set_string (f->project, doubt, CC_FORCE_OWNER, "Programme lead");
  cc_project_set_string (f->project, doubt, CC_FORCE_DUE, "2027-03-31");
  cc_project_set_string (f->project, doubt, CC_FORCE_ACTOR, cc_item_get_id (f->actor));
  naming = cc_project_forces_naming (f->project, f->actor);
  g_assert_cmpuint (naming->len, ==, 1);
  g_assert_true (naming->pdata[0] == doubt);

  /* Deleting the actor leaves the force, naming no one; undo names it again. */
  cc_project_delete (f->project, f->actor);
  g_assert_cmpstr (cc_item_get_string (doubt, CC_FORCE_ACTOR), ==, "");
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpstr (cc_item_get_string (doubt, CC_FORCE_ACTOR), ==, cc_item_get_id (f->actor));

  /* All of it survives a save and a load. */
  json = saved (f);
  again = cc_load_bytes (json, strlen (json));
  g_assert_true (cc_load_result_is_sound (again));
  g_assert_cmpuint (again->problems->len, ==, 0);
  {
    CcItem *sheet = cc_project_get_sheet (again->project, 0);
    g_autoptr(GPtrArray) resisting = cc_forcefield_side_forces (sheet, CC_SIDE_RESISTING);
    CcItem *d = resisting->pdata[0];

    g_assert_cmpstr (cc_item_get_string (d, CC_FORCE_OWNER), ==, "Programme lead");
    g_assert_cmpstr (cc_item_get_string (d, CC_FORCE_DUE), ==, "2027-03-31");
    g_assert_cmpstr (cc_item_get_string (d, CC_FORCE_PLAN), ==, "Visit the board with the figures");
    g_assert_cmpstr (cc_item_get_string (d, CC_FORCE_ACTOR), ==, cc_item_get_id (f->actor));
  }
}

/* What an edit of a force's strength, side or plan also changes. */
static void
test_strength_and_plans (Fixture *f, gconstpointer data)
{
  CcItem *money = cc_forcefield_add_force (f->project, f->sheet, CC_SIDE_DRIVING, "Money", 3, NULL, -1);
  CcItem *duty = cc_forcefield_add_force (f->project, f->sheet, CC_SIDE_DRIVING, "Duty", 2, NULL, -1);
  CcItem *doubt = cc_forcefield_add_force (f->project, f->sheet, CC_SIDE_RESISTING, "Doubt", 4, NULL, -1);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autofree char *before = NULL;
  guint history;

  g_ptr_array_add (all, money);
  g_ptr_array_add (all, duty);
  g_ptr_array_add (all, doubt);
  cc_forcefield_set_score (f->project, duty, "Ann", 5);
  g_assert_cmpint (cc_item_get_int (duty, CC_FORCE_STRENGTH), ==, 5);

  /* A force with scores keeps their median; the others follow, in one step. */
  history = cc_project_get_history_length (f->project);
  g_assert_true (cc_forcefield_set_strength (f->project, all, 1));
  g_assert_cmpint (cc_item_get_int (money, CC_FORCE_STRENGTH), ==, 1);
  g_assert_cmpint (cc_item_get_int (duty, CC_FORCE_STRENGTH), ==, 5);
  g_assert_cmpint (cc_item_get_int (doubt, CC_FORCE_STRENGTH), ==, 1);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);
  g_assert_cmpstr (cc_project_get_undo_label (f->project), ==, "Change Strength");
  g_assert_false (cc_forcefield_set_strength (f->project, all, 1));
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpint (cc_item_get_int (money, CC_FORCE_STRENGTH), ==, 3);
  g_assert_cmpint (cc_item_get_int (doubt, CC_FORCE_STRENGTH), ==, 4);

  /* All to one side, in one step; undone, each back in its place. */
  before = sides (f);
  g_assert_cmpstr (before, ==, "Money Duty|Doubt");
  cc_forcefield_move_forces (f->project, all, CC_SIDE_RESISTING);
  {
    g_autofree char *after = sides (f);

    g_assert_cmpstr (after, ==, "|Doubt Money Duty");
  }
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);
  g_assert_cmpstr (cc_project_get_undo_label (f->project), ==, "Move Forces Across");
  g_assert_true (cc_project_undo (f->project));
  {
    g_autofree char *after = sides (f);

    g_assert_cmpstr (after, ==, before);
  }

  /* A planned strength starts where the action points. */
  g_assert_cmpint (cc_force_default_planned (money), ==, 3);
  cc_project_set_int (f->project, money, CC_FORCE_ACTION, CC_ACTION_STRENGTHEN);
  g_assert_cmpint (cc_force_default_planned (money), ==, 4);
  cc_project_set_int (f->project, money, CC_FORCE_ACTION, CC_ACTION_WEAKEN);
  g_assert_cmpint (cc_force_default_planned (money), ==, 2);
  cc_project_set_int (f->project, money, CC_FORCE_ACTION, CC_ACTION_REMOVE);
  g_assert_cmpint (cc_force_default_planned (money), ==, 0);
  cc_project_set_int (f->project, duty, CC_FORCE_ACTION, CC_ACTION_STRENGTHEN);
  g_assert_cmpint (cc_force_default_planned (duty), ==, 5);
  cc_project_set_int (f->project, money, CC_FORCE_ACTION, CC_ACTION_WEAKEN);

  /* Without a planned strength, setting one does nothing. */
  history = cc_project_get_history_length (f->project);
  g_assert_false (cc_force_set_planned (f->project, money, 4));
  g_assert_cmpint (cc_item_get_int (money, CC_FORCE_PLANNED), ==, -1);
  cc_force_set_has_planned (f->project, money, TRUE);
  g_assert_cmpint (cc_item_get_int (money, CC_FORCE_PLANNED), ==, 2);
  g_assert_cmpstr (cc_project_get_undo_label (f->project), ==, "Plan Strength");
  cc_force_set_has_planned (f->project, money, TRUE);
  g_assert_true (cc_force_set_planned (f->project, money, 9));
  g_assert_cmpint (cc_item_get_int (money, CC_FORCE_PLANNED), ==, 5);
  cc_force_set_has_planned (f->project, money, FALSE);
  g_assert_cmpint (cc_item_get_int (money, CC_FORCE_PLANNED), ==, -1);
  g_assert_cmpstr (cc_project_get_undo_label (f->project), ==, "Remove Planned Strength");
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 3);

  /* What the sheet shows, named for it. */
  cc_forcefield_set_view (f->project, f->sheet, CC_VIEW_PLANNED);
  g_assert_cmpint (cc_item_get_int (f->sheet, CC_FORCEFIELD_VIEW), ==, CC_VIEW_PLANNED);
  g_assert_cmpstr (cc_project_get_undo_label (f->project), ==, "Show After the Plan");
  cc_forcefield_set_view (f->project, f->sheet, CC_VIEW_PLANNED);
  cc_forcefield_set_view (f->project, f->sheet, CC_VIEW_NOW);
  g_assert_cmpstr (cc_project_get_undo_label (f->project), ==, "Show Now");
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/forcefield-edit/add-and-move", Fixture, NULL, setup, test_add_and_move, teardown);
  g_test_add ("/forcefield-edit/scores", Fixture, NULL, setup, test_scores, teardown);
  g_test_add ("/forcefield-edit/plans-and-actors", Fixture, NULL, setup, test_plans_and_actors, teardown);
  g_test_add ("/forcefield-edit/strength-and-plans", Fixture, NULL, setup, test_strength_and_plans, teardown);
  return g_test_run ();
}
