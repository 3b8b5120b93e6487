/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-forcefield-edit"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc-forcefield-edit.h"

static gboolean
is_forcefield (CcItem *sheet)
{
  return sheet != NULL && cc_item_get_kind (sheet) == CC_KIND_FORCEFIELD;
}

static gboolean
is_force (CcItem *item)
{
  return item != NULL && cc_item_get_kind (item) == CC_KIND_FORCE && is_forcefield (cc_item_get_sheet (item));
}

static CcSide
force_side (CcItem *force)
{
  gint64 side = cc_item_get_int (force, CC_FORCE_SIDE);

  return side == CC_SIDE_RESISTING ? CC_SIDE_RESISTING : CC_SIDE_DRIVING;
}

GPtrArray *
cc_forcefield_side_forces (CcItem *sheet,
                           CcSide  side)
{
  GPtrArray *out = g_ptr_array_new ();
  GPtrArray *forces;

  g_return_val_if_fail (is_forcefield (sheet), out);
  forces = cc_item_get_children (sheet, CC_FORCEFIELD_FORCES);
  for (guint i = 0; i < forces->len; i++)
    if (force_side (forces->pdata[i]) == side)
      g_ptr_array_add (out, forces->pdata[i]);
  return out;
}

/* Where in the sheet's list a force goes to be the @index-th of @side
 * (-1: the last), the force itself (if in the list) left out of the count. */
static guint
slot_index_for (CcItem *sheet,
                CcItem *moving,
                CcSide  side,
                int     index)
{
  GPtrArray *forces = cc_item_get_children (sheet, CC_FORCEFIELD_FORCES);
  guint seen = 0, last_of_side = G_MAXUINT, before_moving = 0;
  gboolean passed = FALSE;

  for (guint i = 0; i < forces->len; i++)
    {
      CcItem *force = forces->pdata[i];

      if (force == moving)
        {
          passed = TRUE;
          continue;
        }
      if (force_side (force) != side)
        continue;
      if (index >= 0 && seen == (guint) index)
        /* In front of this one; the list closes up when @moving leaves it. */
        return passed ? i - 1 : i;
      seen++;
      last_of_side = i;
      before_moving = passed ? 1 : 0;
    }
  if (last_of_side == G_MAXUINT)
    return moving != NULL ? forces->len - 1 : forces->len;
  /* Just after the last of the side. */
  return last_of_side + 1 - before_moving;
}

CcItem *
cc_forcefield_add_force (CcProject  *project,
                         CcItem     *sheet,
                         CcSide      side,
                         const char *label,
                         int         strength,
                         const char *notes,
                         int         index)
{
  CcItem *force;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (is_forcefield (sheet), NULL);
  g_return_val_if_fail (side < CC_N_SIDES, NULL);

  if (label == NULL || label[0] == '\0' || strlen (label) > CC_MAX_STRING_LENGTH)
    return NULL;
  force = cc_item_new (CC_KIND_FORCE);
  cc_item_set_int (force, CC_FORCE_SIDE, side);
  cc_item_set_string (force, CC_FORCE_LABEL, label);
  cc_item_set_int (force, CC_FORCE_STRENGTH, CLAMP (strength, CC_FORCE_MIN_STRENGTH, CC_FORCE_MAX_STRENGTH));
  if (notes != NULL && strlen (notes) <= CC_MAX_STRING_LENGTH)
    cc_item_set_string (force, CC_FORCE_NOTES, notes);
  cc_project_begin_group (project, side == CC_SIDE_DRIVING ? _("Add Driving Force") : _("Add Resisting Force"));
  force = cc_project_insert (project, sheet, CC_FORCEFIELD_FORCES,
                             (int) slot_index_for (sheet, NULL, side, index), force);
  cc_project_end_group (project);
  return force;
}

void
cc_forcefield_move_force (CcProject *project,
                          CcItem    *force,
                          CcSide     side,
                          int        index)
{
  CcItem *sheet;
  guint to;

  g_return_if_fail (CC_IS_PROJECT (project));
  g_return_if_fail (is_force (force));
  g_return_if_fail (side < CC_N_SIDES);

  sheet = cc_item_get_sheet (force);
  to = slot_index_for (sheet, force, side, index);
  if (to == cc_item_get_index (force) && force_side (force) == side)
    return;
  cc_project_begin_group (project, side != force_side (force) ? _("Move Force Across") : _("Reorder Forces"));
  if (force_side (force) != side)
    cc_project_set_int (project, force, CC_FORCE_SIDE, side);
  if (to != cc_item_get_index (force))
    cc_project_move (project, force, to);
  cc_project_end_group (project);
}

void
cc_forcefield_move_forces (CcProject *project,
                           GPtrArray *forces,
                           CcSide     side)
{
  g_return_if_fail (CC_IS_PROJECT (project));
  g_return_if_fail (forces != NULL);
  g_return_if_fail (side < CC_N_SIDES);

  cc_project_begin_group (project, _("Move Forces Across"));
  for (guint i = 0; i < forces->len; i++)
    if (is_force (forces->pdata[i]) && force_side (forces->pdata[i]) != side)
      cc_forcefield_move_force (project, forces->pdata[i], side, -1);
  cc_project_end_group (project);
}

gboolean
cc_forcefield_set_strength (CcProject *project,
                            GPtrArray *forces,
                            int        strength)
{
  guint64 before;

  g_return_val_if_fail (CC_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (forces != NULL, FALSE);

  strength = CLAMP (strength, CC_FORCE_MIN_STRENGTH, CC_FORCE_MAX_STRENGTH);
  before = cc_project_get_change_count (project);
  cc_project_begin_group (project, _("Change Strength"));
  for (guint i = 0; i < forces->len; i++)
    {
      CcItem *force = forces->pdata[i];

      /* A force with scores keeps their median. */
      if (is_force (force) && cc_item_get_n_children (force, CC_FORCE_SCORES) == 0
          && cc_item_get_int (force, CC_FORCE_STRENGTH) != strength)
        cc_project_set_int (project, force, CC_FORCE_STRENGTH, strength);
    }
  cc_project_end_group (project);
  return cc_project_get_change_count (project) != before;
}

int
cc_force_default_planned (CcItem *force)
{
  int strength;

  g_return_val_if_fail (force != NULL && cc_item_get_kind (force) == CC_KIND_FORCE, 0);

  strength = (int) CLAMP (cc_item_get_int (force, CC_FORCE_STRENGTH), CC_FORCE_MIN_STRENGTH, CC_FORCE_MAX_STRENGTH);
  switch (cc_item_get_int (force, CC_FORCE_ACTION))
    {
    case CC_ACTION_STRENGTHEN:
      return MIN (strength + 1, CC_FORCE_MAX_STRENGTH);
    case CC_ACTION_WEAKEN:
      return strength - 1;
    case CC_ACTION_REMOVE:
      return 0;
    default:
      return strength;
    }
}

void
cc_force_set_has_planned (CcProject *project,
                          CcItem    *force,
                          gboolean   planned)
{
  gboolean has;

  g_return_if_fail (CC_IS_PROJECT (project));
  g_return_if_fail (is_force (force));

  has = cc_item_get_int (force, CC_FORCE_PLANNED) >= 0;
  if (!planned == !has)
    return;
  cc_project_begin_group (project, planned ? _("Plan Strength") : _("Remove Planned Strength"));
  cc_project_set_int (project, force, CC_FORCE_PLANNED, planned ? cc_force_default_planned (force) : -1);
  cc_project_end_group (project);
}

gboolean
cc_force_set_planned (CcProject *project,
                      CcItem    *force,
                      int        planned)
{
  g_return_val_if_fail (CC_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (is_force (force), FALSE);

  planned = CLAMP (planned, 0, CC_FORCE_MAX_STRENGTH);
  if (cc_item_get_int (force, CC_FORCE_PLANNED) < 0 || cc_item_get_int (force, CC_FORCE_PLANNED) == planned)
    return FALSE;
  cc_project_begin_group (project, _("Plan Strength"));
  cc_project_set_int (project, force, CC_FORCE_PLANNED, planned);
  cc_project_end_group (project);
  return TRUE;
}

void
cc_forcefield_set_view (CcProject *project,
                        CcItem    *sheet,
                        CcForcefieldView view)
{
  g_return_if_fail (CC_IS_PROJECT (project));
  g_return_if_fail (is_forcefield (sheet));
  g_return_if_fail (view < CC_N_VIEWS);

  if (cc_item_get_int (sheet, CC_FORCEFIELD_VIEW) == view)
    return;
  cc_project_begin_group (project, view == CC_VIEW_PLANNED ? _("Show After the Plan") : _("Show Now"));
  cc_project_set_int (project, sheet, CC_FORCEFIELD_VIEW, view);
  cc_project_end_group (project);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

void
cc_force_score_stats (CcItem       *force,
                      CcScoreStats *stats)
{
  GPtrArray *scores;
  g_autofree int *values = NULL;

  g_return_if_fail (stats != NULL);
  memset (stats, 0, sizeof *stats);
  g_return_if_fail (force != NULL && cc_item_get_kind (force) == CC_KIND_FORCE);

  scores = cc_item_get_children (force, CC_FORCE_SCORES);
  if (scores->len == 0)
    return;
  values = g_new (int, scores->len);
  for (guint i = 0; i < scores->len; i++)
    values[i] = (int) CLAMP (cc_item_get_int (scores->pdata[i], CC_SCORE_VALUE), 1, 5);
  qsort (values, scores->len, sizeof (int), compare_ints);
  stats->n = scores->len;
  stats->lowest = values[0];
  stats->highest = values[scores->len - 1];
  stats->median = scores->len % 2 ? values[scores->len / 2]
                                  : (values[scores->len / 2 - 1] + values[scores->len / 2]) / 2.0;
  stats->disagree = stats->highest - stats->lowest >= CC_FORCE_DISAGREEMENT;
}

/* The strength the scores give: their median, rounded half up. */
static int
median_strength (CcItem *force)
{
  CcScoreStats stats;

  cc_force_score_stats (force, &stats);
  if (stats.n == 0)
    return (int) cc_item_get_int (force, CC_FORCE_STRENGTH);
  return CLAMP ((int) floor (stats.median + 0.5), CC_FORCE_MIN_STRENGTH, CC_FORCE_MAX_STRENGTH);
}

static CcItem *
find_score (CcItem     *force,
            const char *participant)
{
  GPtrArray *scores = cc_item_get_children (force, CC_FORCE_SCORES);

  for (guint i = 0; i < scores->len; i++)
    if (g_strcmp0 (cc_item_get_string (scores->pdata[i], CC_SCORE_PARTICIPANT), participant) == 0)
      return scores->pdata[i];
  return NULL;
}

/* The next free number for an unnamed participant. */
static char *
next_participant (CcItem *force)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *name = g_strdup_printf ("%u", n);

      if (find_score (force, name) == NULL)
        return g_steal_pointer (&name);
    }
}

void
cc_forcefield_set_score (CcProject  *project,
                         CcItem     *force,
                         const char *participant,
                         int         score)
{
  g_autofree char *name = NULL;
  CcItem *item;
  int strength;

  g_return_if_fail (CC_IS_PROJECT (project));
  g_return_if_fail (is_force (force));

  score = CLAMP (score, CC_FORCE_MIN_STRENGTH, CC_FORCE_MAX_STRENGTH);
  if (participant == NULL || participant[0] == '\0')
    participant = name = next_participant (force);
  else if (strlen (participant) > CC_MAX_STRING_LENGTH)
    return;

  cc_project_begin_group (project, _("Score Force"));
  item = find_score (force, participant);
  if (item != NULL)
    {
      if (cc_item_get_int (item, CC_SCORE_VALUE) != score)
        cc_project_set_int (project, item, CC_SCORE_VALUE, score);
    }
  else
    {
      item = cc_item_new (CC_KIND_SCORE);
      cc_item_set_string (item, CC_SCORE_PARTICIPANT, participant);
      cc_item_set_int (item, CC_SCORE_VALUE, score);
      cc_project_insert (project, force, CC_FORCE_SCORES, -1, item);
    }
  strength = median_strength (force);
  if (strength != cc_item_get_int (force, CC_FORCE_STRENGTH))
    cc_project_set_int (project, force, CC_FORCE_STRENGTH, strength);
  cc_project_end_group (project);
}

void
cc_forcefield_remove_score (CcProject  *project,
                            CcItem     *force,
                            const char *participant)
{
  CcItem *item;
  int strength;

  g_return_if_fail (CC_IS_PROJECT (project));
  g_return_if_fail (is_force (force));

  item = find_score (force, participant);
  if (item == NULL)
    return;
  cc_project_begin_group (project, _("Remove Score"));
  cc_project_remove (project, item);
  strength = median_strength (force);
  if (strength != cc_item_get_int (force, CC_FORCE_STRENGTH))
    cc_project_set_int (project, force, CC_FORCE_STRENGTH, strength);
  cc_project_end_group (project);
}

int
cc_force_effective_strength (CcItem   *force,
                             gboolean  planned)
{
  int strength;

  g_return_val_if_fail (force != NULL && cc_item_get_kind (force) == CC_KIND_FORCE, 0);

  strength = (int) CLAMP (cc_item_get_int (force, CC_FORCE_STRENGTH), CC_FORCE_MIN_STRENGTH, CC_FORCE_MAX_STRENGTH);
  if (planned)
    {
      gint64 p = cc_item_get_int (force, CC_FORCE_PLANNED);

      if (p >= 0)
        return (int) MIN (p, CC_FORCE_MAX_STRENGTH);
      if (cc_item_get_int (force, CC_FORCE_ACTION) == CC_ACTION_REMOVE)
        return 0;
    }
  return strength;
}

GPtrArray *
cc_project_forces_naming (CcProject *project,
                          CcItem    *actor)
{
  GPtrArray *out = g_ptr_array_new ();
  const char *id;

  g_return_val_if_fail (CC_IS_PROJECT (project), out);
  if (actor == NULL || cc_item_get_kind (actor) != CC_KIND_ACTOR)
    return out;
  id = cc_item_get_id (actor);
  for (guint s = 0; s < cc_project_get_n_sheets (project); s++)
    {
      CcItem *sheet = cc_project_get_sheet (project, s);
      GPtrArray *forces;

      if (!is_forcefield (sheet))
        continue;
      forces = cc_item_get_children (sheet, CC_FORCEFIELD_FORCES);
      for (guint i = 0; i < forces->len; i++)
        if (g_strcmp0 (cc_item_get_string (forces->pdata[i], CC_FORCE_ACTOR), id) == 0)
          g_ptr_array_add (out, forces->pdata[i]);
    }
  return out;
}
