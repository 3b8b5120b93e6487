/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cc-geometry.h"

G_BEGIN_DECLS

/* A uniform grid of square cells over the plane, each listing the entries
 * that reach into it, so that asking what is near a point or a rectangle
 * looks at what is near it, not at everything. An entry is a box, or a
 * segment with a margin (filed only in the cells along it, so that a long
 * diagonal does not fill every cell of its box), with a value of the
 * caller's: an index into its own arrays, say.
 *
 * Cells are made as entries reach them, so there are no bounds. An entry
 * that would span very many cells is kept on a list of its own, looked at
 * by every query. One index is used by one thread at a time, queries
 * included. */
typedef struct _CcSpatialIndex CcSpatialIndex;

CcSpatialIndex *cc_spatial_index_new            (double          cell_size);
void            cc_spatial_index_free           (CcSpatialIndex *index);
void            cc_spatial_index_clear          (CcSpatialIndex *index);
/* Entries in the index (removed ones not counted) */
guint           cc_spatial_index_get_size       (CcSpatialIndex *index);

/* Each returns a handle for cc_spatial_index_remove(). */
guint           cc_spatial_index_insert         (CcSpatialIndex *index,
                                                 const CcRect   *box,
                                                 guint           value);
/* The box of the entry is the segment's, grown by @pad. */
guint           cc_spatial_index_insert_segment (CcSpatialIndex *index,
                                                 double          x1,
                                                 double          y1,
                                                 double          x2,
                                                 double          y2,
                                                 double          pad,
                                                 guint           value);
void            cc_spatial_index_remove         (CcSpatialIndex *index,
                                                 guint           handle);
/* The box an entry was filed with */
const CcRect   *cc_spatial_index_get_box        (CcSpatialIndex *index,
                                                 guint           handle);

/* Appends to @values (guint) the values of the entries whose box intersects
 * @r (cc_rect_intersects()), or contains the point (cc_rect_contains()):
 * each value once, in ascending order. Segments are found by their box:
 * the caller tells whether the line itself is near. */
void            cc_spatial_index_query          (CcSpatialIndex *index,
                                                 const CcRect   *r,
                                                 GArray         *values);
void            cc_spatial_index_query_point    (CcSpatialIndex *index,
                                                 double          x,
                                                 double          y,
                                                 GArray         *values);
/* Whether any entry's box intersects @r */
gboolean        cc_spatial_index_hits           (CcSpatialIndex *index,
                                                 const CcRect   *r);
/* How much of @r the entries' boxes cover, an entry counted once in each
 * cell it shares with @r: a measure to compare places by, not an area. */
double          cc_spatial_index_overlap        (CcSpatialIndex *index,
                                                 const CcRect   *r);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcSpatialIndex, cc_spatial_index_free)

G_END_DECLS
