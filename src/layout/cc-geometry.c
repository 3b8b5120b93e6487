/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "cc-geometry.h"

gboolean
cc_rect_intersects (const CcRect *a, const CcRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

gboolean
cc_rect_contains (const CcRect *r, double x, double y)
{
  return x >= r->x && x <= r->x + r->width && y >= r->y && y <= r->y + r->height;
}

void
cc_rect_union (CcRect *acc, const CcRect *r)
{
  double x1, y1, x2, y2;

  if (r->width < 0 || r->height < 0)
    return;
  if (acc->width < 0 || acc->height < 0)
    {
      *acc = *r;
      return;
    }
  x1 = MIN (acc->x, r->x);
  y1 = MIN (acc->y, r->y);
  x2 = MAX (acc->x + acc->width, r->x + r->width);
  y2 = MAX (acc->y + acc->height, r->y + r->height);
  acc->x = x1;
  acc->y = y1;
  acc->width = x2 - x1;
  acc->height = y2 - y1;
}

void
cc_rect_inflate (CcRect *r, double d)
{
  r->x -= d;
  r->y -= d;
  r->width += 2 * d;
  r->height += 2 * d;
}

double
cc_segment_distance (double px, double py, double x1, double y1, double x2, double y2)
{
  double dx = x2 - x1, dy = y2 - y1, len2 = dx * dx + dy * dy, t;

  t = len2 > 0 ? ((px - x1) * dx + (py - y1) * dy) / len2 : 0;
  t = CLAMP (t, 0, 1);
  return hypot (px - (x1 + t * dx), py - (y1 + t * dy));
}
