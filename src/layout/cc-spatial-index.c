/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "cc-spatial-index.h"

/* An entry reaching into more cells than this is kept apart (big). */
#define MAX_ENTRY_CELLS 4096

typedef enum
{
  ENTRY_REMOVED,
  ENTRY_BOX,
  ENTRY_SEGMENT,
} EntryKind;

typedef struct
{
  CcRect    box;
  double    x1, y1, x2, y2, pad;   /* segments */
  guint     value;
  guint     stamp;                 /* the last query that saw it */
  guint8    kind;
  gboolean  big;
} Entry;

struct _CcSpatialIndex
{
  double      cell;
  GHashTable *cells;    /* gint64 cell id -> GArray of guint handles, in the order filed */
  GArray     *entries;  /* Entry, by handle */
  GArray     *big;      /* guint handles of the entries kept apart */
  guint       n_live;
  guint       stamp;
};

static gint64
cell_id (gint64 cx, gint64 cy)
{
  return (gint64) ((guint64) (guint32) cx << 32 | (guint32) cy);
}

/* Cell ids of neighbours differ little in either half: mixed, not the
 * halves xor-ed as g_int64_hash() does, which puts whole rows of cells in
 * one bucket. */
static guint
cell_hash (gconstpointer key)
{
  guint64 v = *(const guint64 *) key;

  v ^= v >> 33;
  v *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  v ^= v >> 33;
  return (guint) v;
}

/* The cell a coordinate is in, held to what a cell id can tell apart. */
static gint64
cell_of (CcSpatialIndex *index, double v)
{
  double c = floor (v / index->cell);

  if (!(c > -2e9))
    return (gint64) -2000000000;
  if (c > 2e9)
    return (gint64) 2000000000;
  return (gint64) c;
}

CcSpatialIndex *
cc_spatial_index_new (double cell_size)
{
  CcSpatialIndex *index = g_new0 (CcSpatialIndex, 1);

  index->cell = cell_size > 0 && isfinite (cell_size) ? cell_size : 160.0;
  index->cells = g_hash_table_new_full (cell_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  index->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  index->big = g_array_new (FALSE, FALSE, sizeof (guint));
  return index;
}

void
cc_spatial_index_free (CcSpatialIndex *index)
{
  if (index == NULL)
    return;
  g_hash_table_unref (index->cells);
  g_array_unref (index->entries);
  g_array_unref (index->big);
  g_free (index);
}

void
cc_spatial_index_clear (CcSpatialIndex *index)
{
  g_hash_table_remove_all (index->cells);
  g_array_set_size (index->entries, 0);
  g_array_set_size (index->big, 0);
  index->n_live = 0;
}

guint
cc_spatial_index_get_size (CcSpatialIndex *index)
{
  return index->n_live;
}

/* The columns of cells row @cy of what @e reaches into spans. */
static void
entry_row (CcSpatialIndex *index, const Entry *e, gint64 cy, gint64 *x0, gint64 *x1)
{
  double lo, hi, t0, t1, xa, xb;

  if (e->kind != ENTRY_SEGMENT || e->y1 == e->y2)
    {
      *x0 = cell_of (index, e->box.x);
      *x1 = cell_of (index, e->box.x + e->box.width);
      return;
    }
  /* Where the line crosses the row, grown by the margin */
  lo = (double) cy * index->cell - e->pad;
  hi = (double) (cy + 1) * index->cell + e->pad;
  t0 = (lo - e->y1) / (e->y2 - e->y1);
  t1 = (hi - e->y1) / (e->y2 - e->y1);
  if (t0 > t1)
    {
      double t = t0;

      t0 = t1;
      t1 = t;
    }
  t0 = CLAMP (t0, 0, 1);
  t1 = CLAMP (t1, 0, 1);
  xa = e->x1 + (e->x2 - e->x1) * t0;
  xb = e->x1 + (e->x2 - e->x1) * t1;
  *x0 = cell_of (index, MIN (xa, xb) - e->pad);
  *x1 = cell_of (index, MAX (xa, xb) + e->pad);
}

static guint64
entry_n_cells (CcSpatialIndex *index, const Entry *e)
{
  gint64 y0 = cell_of (index, e->box.y), y1 = cell_of (index, e->box.y + e->box.height);
  guint64 n = 0;

  if ((guint64) (y1 - y0) > MAX_ENTRY_CELLS)
    return G_MAXUINT64;
  for (gint64 cy = y0; cy <= y1 && n <= MAX_ENTRY_CELLS; cy++)
    {
      gint64 x0, x1;

      entry_row (index, e, cy, &x0, &x1);
      n += (guint64) (x1 - x0 + 1);
    }
  return n;
}

static guint
file_entry (CcSpatialIndex *index, Entry *e)
{
  guint handle = index->entries->len;
  gint64 y0, y1;

  e->stamp = index->stamp;
  e->big = entry_n_cells (index, e) > MAX_ENTRY_CELLS;
  g_array_append_val (index->entries, *e);
  index->n_live++;
  if (e->big)
    {
      g_array_append_val (index->big, handle);
      return handle;
    }
  y0 = cell_of (index, e->box.y);
  y1 = cell_of (index, e->box.y + e->box.height);
  for (gint64 cy = y0; cy <= y1; cy++)
    {
      gint64 x0, x1;

      entry_row (index, e, cy, &x0, &x1);
      for (gint64 cx = x0; cx <= x1; cx++)
        {
          gint64 key = cell_id (cx, cy);
          GArray *cell = g_hash_table_lookup (index->cells, &key);

          if (cell == NULL)
            {
              cell = g_array_new (FALSE, FALSE, sizeof (guint));
              g_hash_table_insert (index->cells, g_memdup2 (&key, sizeof key), cell);
            }
          g_array_append_val (cell, handle);
        }
    }
  return handle;
}

guint
cc_spatial_index_insert (CcSpatialIndex *index, const CcRect *box, guint value)
{
  Entry e = { 0 };

  e.box = *box;
  e.value = value;
  e.kind = ENTRY_BOX;
  return file_entry (index, &e);
}

guint
cc_spatial_index_insert_segment (CcSpatialIndex *index,
                                 double          x1,
                                 double          y1,
                                 double          x2,
                                 double          y2,
                                 double          pad,
                                 guint           value)
{
  Entry e = { 0 };

  e.x1 = x1;
  e.y1 = y1;
  e.x2 = x2;
  e.y2 = y2;
  e.pad = MAX (pad, 0);
  e.box = (CcRect) { MIN (x1, x2) - e.pad, MIN (y1, y2) - e.pad, fabs (x2 - x1) + 2 * e.pad,
                     fabs (y2 - y1) + 2 * e.pad };
  e.value = value;
  e.kind = ENTRY_SEGMENT;
  return file_entry (index, &e);
}

static void
remove_handle (GArray *list, guint handle)
{
  for (guint i = 0; i < list->len; i++)
    if (g_array_index (list, guint, i) == handle)
      {
        g_array_remove_index (list, i);  /* the order filed stays */
        return;
      }
}

void
cc_spatial_index_remove (CcSpatialIndex *index, guint handle)
{
  Entry *e;
  gint64 y0, y1;

  g_return_if_fail (handle < index->entries->len);
  e = &g_array_index (index->entries, Entry, handle);
  if (e->kind == ENTRY_REMOVED)
    return;
  if (e->big)
    remove_handle (index->big, handle);
  else
    {
      y0 = cell_of (index, e->box.y);
      y1 = cell_of (index, e->box.y + e->box.height);
      for (gint64 cy = y0; cy <= y1; cy++)
        {
          gint64 x0, x1;

          entry_row (index, e, cy, &x0, &x1);
          for (gint64 cx = x0; cx <= x1; cx++)
            {
              gint64 key = cell_id (cx, cy);
              GArray *cell = g_hash_table_lookup (index->cells, &key);

              if (cell != NULL)
                remove_handle (cell, handle);
            }
        }
    }
  e->kind = ENTRY_REMOVED;
  index->n_live--;
}

const CcRect *
cc_spatial_index_get_box (CcSpatialIndex *index, guint handle)
{
  g_return_val_if_fail (handle < index->entries->len, NULL);
  return &g_array_index (index->entries, Entry, handle).box;
}

typedef gboolean (*Visit) (const Entry *e, const CcRect *r, gpointer data);

/* Calls @visit for each entry in each cell @r reaches into, cell by cell
 * (columns, then rows), then for the big entries; @once: each entry only
 * the first time. Stops where @visit returns FALSE. */
static void
visit (CcSpatialIndex *index, const CcRect *r, gboolean once, Visit visit_entry, gpointer data)
{
  gint64 x0 = cell_of (index, r->x), x1 = cell_of (index, r->x + r->width);
  gint64 y0 = cell_of (index, r->y), y1 = cell_of (index, r->y + r->height);
  double n_cells = ((double) (x1 - x0) + 1) * ((double) (y1 - y0) + 1);

  index->stamp++;
  if (once && n_cells > index->entries->len)
    {
      /* Wider than the index holds: every entry, once */
      for (guint i = 0; i < index->entries->len; i++)
        {
          Entry *e = &g_array_index (index->entries, Entry, i);

          if (e->kind != ENTRY_REMOVED && !visit_entry (e, r, data))
            return;
        }
      return;
    }
  if (n_cells <= (double) g_hash_table_size (index->cells) * 4)
    {
      for (gint64 cx = x0; cx <= x1; cx++)
        for (gint64 cy = y0; cy <= y1; cy++)
          {
            gint64 key = cell_id (cx, cy);
            GArray *cell = g_hash_table_lookup (index->cells, &key);

            for (guint i = 0; cell != NULL && i < cell->len; i++)
              {
                Entry *e = &g_array_index (index->entries, Entry, g_array_index (cell, guint, i));

                if (once && e->stamp == index->stamp)
                  continue;
                e->stamp = index->stamp;
                if (!visit_entry (e, r, data))
                  return;
              }
          }
    }
  else
    {
      /* More cells asked for than there are: the cells there are */
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, index->cells);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          gint64 id = *(gint64 *) key;
          gint64 cx = (gint64) (gint32) (guint32) ((guint64) id >> 32), cy = (gint64) (gint32) (guint32) id;
          GArray *cell = value;

          if (cx < x0 || cx > x1 || cy < y0 || cy > y1)
            continue;
          for (guint i = 0; i < cell->len; i++)
            {
              Entry *e = &g_array_index (index->entries, Entry, g_array_index (cell, guint, i));

              if (once && e->stamp == index->stamp)
                continue;
              e->stamp = index->stamp;
              if (!visit_entry (e, r, data))
                return;
            }
        }
    }
  for (guint i = 0; i < index->big->len; i++)
    {
      Entry *e = &g_array_index (index->entries, Entry, g_array_index (index->big, guint, i));

      if (!visit_entry (e, r, data))
        return;
    }
}

static gboolean
collect_intersecting (const Entry *e, const CcRect *r, gpointer data)
{
  if (cc_rect_intersects (&e->box, r))
    g_array_append_val ((GArray *) data, e->value);
  return TRUE;
}

static gboolean
collect_containing (const Entry *e, const CcRect *r, gpointer data)
{
  if (cc_rect_contains (&e->box, r->x, r->y))
    g_array_append_val ((GArray *) data, e->value);
  return TRUE;
}

static int
compare_values (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static void
sort_unique (GArray *values, guint from)
{
  guint n = values->len - from, out = 0;
  guint *v = &g_array_index (values, guint, from);

  if (n < 2)
    return;
  qsort (v, n, sizeof (guint), compare_values);
  for (guint i = 0; i < n; i++)
    if (out == 0 || v[out - 1] != v[i])
      v[out++] = v[i];
  g_array_set_size (values, from + out);
}

void
cc_spatial_index_query (CcSpatialIndex *index, const CcRect *r, GArray *values)
{
  guint from = values->len;

  visit (index, r, TRUE, collect_intersecting, values);
  sort_unique (values, from);
}

void
cc_spatial_index_query_point (CcSpatialIndex *index, double x, double y, GArray *values)
{
  CcRect r = { x, y, 0, 0 };
  guint from = values->len;

  visit (index, &r, TRUE, collect_containing, values);
  sort_unique (values, from);
}

static gboolean
find_intersecting (const Entry *e, const CcRect *r, gpointer data)
{
  if (cc_rect_intersects (&e->box, r))
    {
      *(gboolean *) data = TRUE;
      return FALSE;
    }
  return TRUE;
}

gboolean
cc_spatial_index_hits (CcSpatialIndex *index, const CcRect *r)
{
  gboolean found = FALSE;

  visit (index, r, TRUE, find_intersecting, &found);
  return found;
}

static gboolean
add_overlap (const Entry *e, const CcRect *r, gpointer data)
{
  double w = MIN (e->box.x + e->box.width, r->x + r->width) - MAX (e->box.x, r->x);
  double h = MIN (e->box.y + e->box.height, r->y + r->height) - MAX (e->box.y, r->y);

  if (w > 0 && h > 0)
    *(double *) data += w * h;
  return TRUE;
}

double
cc_spatial_index_overlap (CcSpatialIndex *index, const CcRect *r)
{
  double total = 0;

  visit (index, r, FALSE, add_overlap, &total);
  return total;
}
