/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-project.h"

G_BEGIN_DECLS

/* Revealing a map one part at a time. A CcReveal says what of a map is
 * shown; the rest is drawn dimmed, never hidden, so that everything stays
 * where the room has seen it. It is what the reveal bar shows, what the
 * renderer draws (CcRenderOptions.reveal) and what a saved view of a map
 * (a CC_KIND_VIEW item in its "views" slot) holds.
 *
 * A reveal by sector shows the organisations of those sectors and the
 * links between them; by link type or by stage, those links and the
 * organisations they join; a neighbourhood, the organisation (every node
 * of it on the map), those within @depth links of it and the links that
 * reach out to them. */

typedef enum
{
  CC_REVEAL_EVERYTHING,
  CC_REVEAL_SECTOR,
  CC_REVEAL_LINK_TYPE,
  CC_REVEAL_STAGE,
  CC_REVEAL_NEIGHBOURHOOD,
  CC_N_REVEAL_KINDS
} CcRevealKind;

typedef struct
{
  CcRevealKind kind;
  guint        sectors;     /* SECTOR: bit (1 << CcSector) for each sector shown */
  guint        stages;      /* STAGE: bit (1 << CcStage) for each stage shown */
  char       **link_types;  /* LINK_TYPE: the type ids shown; never NULL */
  char        *actor;       /* NEIGHBOURHOOD: the actor in the middle; never NULL */
  int          depth;       /* NEIGHBOURHOOD: 1 or 2 */
} CcReveal;

CcReveal   *cc_reveal_new          (CcRevealKind    kind);
CcReveal   *cc_reveal_copy         (const CcReveal *reveal);
void        cc_reveal_free         (CcReveal       *reveal);
gboolean    cc_reveal_equal        (const CcReveal *a,
                                    const CcReveal *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcReveal, cc_reveal_free)

/* The name of @kind in a view's "reveal" member: "sector", … */
const char *cc_reveal_kind_nick    (CcRevealKind    kind);
/* Its name for people, untranslated: "Sector", … */
const char *cc_reveal_kind_label   (CcRevealKind    kind);

/* What @reveal shows, in words, for a step or a view's default name:
 * "Public and private sector", "Neighbourhood of Riverside Council, 2
 * steps". Translated. */
char       *cc_reveal_describe     (CcProject      *project,
                                    const CcReveal *reveal);

/* The steps of @kind on map @sheet, each showing more than the one before:
 * by sector, the first k sectors present (public, private, voluntary,
 * community, other); by link type, the first k types used (built-in ones
 * first, then the project's, as the legend lists them); by stage, the
 * first k stages used, in life-cycle order; a neighbourhood of @actor (an
 * actor id; NULL or not on the map: no steps), depth 1 then 2. Everything
 * has no steps. */
guint       cc_reveal_n_steps      (CcProject      *project,
                                    CcItem         *sheet,
                                    CcRevealKind    kind,
                                    const char     *actor);
/* Step @index (from 0) of those; NULL past the last. */
CcReveal   *cc_reveal_step         (CcProject      *project,
                                    CcItem         *sheet,
                                    CcRevealKind    kind,
                                    const char     *actor,
                                    guint           index);

/* What of map @sheet @reveal shows: a set of the nodes and links shown.
 * NULL for everything (and for a NULL @reveal). */
GHashTable *cc_reveal_evaluate     (CcProject      *project,
                                    CcItem         *sheet,
                                    const CcReveal *reveal);

/* Saved views of a map. */
CcReveal   *cc_reveal_from_view    (CcItem         *view);
/* Adds a view named @name (NULL or empty: cc_reveal_describe()) showing
 * @reveal at the end of the views of map @sheet, as one step. */
CcItem     *cc_map_add_view        (CcProject      *project,
                                    CcItem         *sheet,
                                    const CcReveal *reveal,
                                    const char     *name);
/* What @reveal shows, as a view's list says it under its name: its kind
 * and what of it, "Sector: public, private". Translated. */
char       *cc_reveal_summarize    (CcProject      *project,
                                    const CcReveal *reveal);
/* Renames @view to @name without the spaces around it, as one step;
 * FALSE, with nothing changed, for an empty name (a view has one). */
gboolean    cc_map_rename_view     (CcProject      *project,
                                    CcItem         *view,
                                    const char     *name);
/* Moves @view to @index among its map's views (a handout prints them in
 * this order), as one step. */
void        cc_map_move_view       (CcProject      *project,
                                    CcItem         *view,
                                    guint           index);
/* Deletes @view from its map, as one step. */
void        cc_map_delete_view     (CcProject      *project,
                                    CcItem         *view);

G_END_DECLS
