/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-project.h"

G_BEGIN_DECLS

/* Network measures on a map sheet. */

/* Number of links on each node of @sheet: node id -> GUINT_TO_POINTER (degree). */
GHashTable *cc_measures_degree          (CcItem *sheet);

/* For each actor, how many partnership bodies it belongs to: the number of
 * distinct linked nodes whose actor is of kind "partnership", over all maps
 * of @project. actor id -> GUINT_TO_POINTER (count). Too many partnerships
 * in one area spread the same people thin; this makes it visible. */
GHashTable *cc_measures_memberships     (CcProject *project);

G_END_DECLS
