/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Plain geometry, in sheet points: shared by layout and render. */

typedef struct
{
  double x, y, width, height;
} CcRect;

/* Whether @a and @b share more than an edge */
gboolean      cc_rect_intersects     (const CcRect *a, const CcRect *b);
/* Edges included */
gboolean      cc_rect_contains       (const CcRect *r, double x, double y);
void          cc_rect_union          (CcRect *acc, const CcRect *r);  /* an empty acc (width < 0) takes r */
void          cc_rect_inflate        (CcRect *r, double d);

/* Distance from (px, py) to the segment from (x1, y1) to (x2, y2). */
double        cc_segment_distance    (double px, double py, double x1, double y1, double x2, double y2);

G_END_DECLS
