/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-project.h"

G_BEGIN_DECLS

/* Editing operations on force-field sheets, for the editor, the inspector
 * and the force library. Each is ONE undo step (a group named for what it
 * does) through the CcProject edit functions. */

#define CC_FORCE_MIN_STRENGTH 1
#define CC_FORCE_MAX_STRENGTH 5
/* Scores whose highest and lowest differ by this much are flagged. */
#define CC_FORCE_DISAGREEMENT 2

/* Adds a force on @side of @sheet at @index (-1: last of its side) with
 * @label (not empty), @strength (clamped to 1-5) and @notes (may be NULL).
 * Returns the force. */
CcItem    *cc_forcefield_add_force     (CcProject  *project,
                                        CcItem     *sheet,
                                        CcSide      side,
                                        const char *label,
                                        int         strength,
                                        const char *notes,
                                        int         index);

/* Moves @force to @side, to be the @index-th force of that side (-1: last). */
void       cc_forcefield_move_force    (CcProject  *project,
                                        CcItem     *force,
                                        CcSide      side,
                                        int         index);

/* Moves the forces among @forces that are not on @side to the end of it,
 * as one step. */
void       cc_forcefield_move_forces   (CcProject  *project,
                                        GPtrArray  *forces,
                                        CcSide      side);

/* Sets the strength (clamped to 1-5) of the forces among @forces, as one
 * step; a force with scores keeps their median. FALSE when none changed. */
gboolean   cc_forcefield_set_strength  (CcProject  *project,
                                        GPtrArray  *forces,
                                        int         strength);

/* What turning on a planned strength starts from: where the action points
 * (one more to strengthen, one less to weaken, 0 to remove). */
int        cc_force_default_planned    (CcItem     *force);
/* Gives @force a planned strength, starting from cc_force_default_planned(),
 * or takes it away (-1); one step. */
void       cc_force_set_has_planned    (CcProject  *project,
                                        CcItem     *force,
                                        gboolean    planned);
/* Sets the planned strength (clamped to 0-5) of a force that has one; one
 * step. A force without one is left alone (FALSE). */
gboolean   cc_force_set_planned        (CcProject  *project,
                                        CcItem     *force,
                                        int         planned);

/* Shows @sheet's strengths now or after the plan; one step named for it. */
void       cc_forcefield_set_view      (CcProject  *project,
                                        CcItem     *sheet,
                                        CcForcefieldView view);

/* The forces of @sheet on @side, in order (a new array of borrowed items). */
GPtrArray *cc_forcefield_side_forces   (CcItem     *sheet,
                                        CcSide      side);

/* Sets @participant's score (1-5) of @force, adding the participant when new;
 * the force's strength becomes the median of its scores. A NULL or empty
 * @participant gets the next number ("1", "2", …). */
void       cc_forcefield_set_score     (CcProject  *project,
                                        CcItem     *force,
                                        const char *participant,
                                        int         score);
/* Removes @participant's score; the strength follows the remaining scores. */
void       cc_forcefield_remove_score  (CcProject  *project,
                                        CcItem     *force,
                                        const char *participant);

typedef struct
{
  guint    n;          /* scores held; 0: the strength was set directly */
  double   median;
  int      lowest;
  int      highest;
  gboolean disagree;   /* highest - lowest >= CC_FORCE_DISAGREEMENT */
} CcScoreStats;

void       cc_force_score_stats        (CcItem       *force,
                                        CcScoreStats *stats);

/* The strength a force is drawn and counted with: its strength (which
 * follows the median of its scores, rounded half up, when it holds scores);
 * when @planned, its planned strength if it has one (0 if it is to be
 * removed). */
int        cc_force_effective_strength (CcItem     *force,
                                        gboolean    planned);

/* The forces of every force field of @project that name @actor. */
GPtrArray *cc_project_forces_naming    (CcProject  *project,
                                        CcItem     *actor);

G_END_DECLS
