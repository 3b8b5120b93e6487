/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/unit: the spatial index of src/layout, against a plain scan. */
#include "config.h"

#include <math.h>

#include "cc-spatial-index.h"

static gboolean
in_values (GArray *values, guint v)
{
  for (guint i = 0; i < values->len; i++)
    if (g_array_index (values, guint, i) == v)
      return TRUE;
  return FALSE;
}

static void
assert_ascending_unique (GArray *values)
{
  for (guint i = 1; i < values->len; i++)
    g_assert_cmpuint (g_array_index (values, guint, i - 1), <, g_array_index (values, guint, i));
}

/* Boxes and points: what it finds is what a scan of every box finds */
static void
test_boxes_like_a_scan (void)
{
  g_autoptr(CcSpatialIndex) index = cc_spatial_index_new (50);
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);
  CcRect boxes[500];

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      boxes[i] = (CcRect) { g_rand_double_range (rand, -1000, 1000), g_rand_double_range (rand, -1000, 1000),
                            g_rand_double_range (rand, 0, 120), g_rand_double_range (rand, 0, 80) };
      cc_spatial_index_insert (index, &boxes[i], i);
    }
  g_assert_cmpuint (cc_spatial_index_get_size (index), ==, G_N_ELEMENTS (boxes));
  for (guint q = 0; q < 300; q++)
    {
      CcRect r = { g_rand_double_range (rand, -1100, 1100), g_rand_double_range (rand, -1100, 1100),
                   g_rand_double_range (rand, 0, q % 10 == 0 ? 3000 : 200), g_rand_double_range (rand, 0, 200) };
      double px = g_rand_double_range (rand, -1000, 1000), py = g_rand_double_range (rand, -1000, 1000);
      g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) at = g_array_new (FALSE, FALSE, sizeof (guint));
      gboolean any = FALSE;

      cc_spatial_index_query (index, &r, found);
      cc_spatial_index_query_point (index, px, py, at);
      assert_ascending_unique (found);
      assert_ascending_unique (at);
      for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
        {
          g_assert_cmpint (in_values (found, i), ==, cc_rect_intersects (&boxes[i], &r));
          g_assert_cmpint (in_values (at, i), ==, cc_rect_contains (&boxes[i], px, py));
          any |= cc_rect_intersects (&boxes[i], &r);
        }
      g_assert_cmpint (cc_spatial_index_hits (index, &r), ==, any);
    }
}

/* A segment is filed only along itself, and found by its box */
static void
test_segments (void)
{
  g_autoptr(CcSpatialIndex) index = cc_spatial_index_new (100);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  CcRect corner = { 900, 20, 50, 50 }, on_line = { 495, 495, 10, 10 }, far = { 5000, 5000, 10, 10 };

  /* A long diagonal from (0, 0) to (1000, 1000) */
  cc_spatial_index_insert_segment (index, 0, 0, 1000, 1000, 5, 7);
  /* Its box reaches the corner, but the line does not: not filed there */
  cc_spatial_index_query (index, &corner, found);
  g_assert_cmpuint (found->len, ==, 0);
  cc_spatial_index_query (index, &on_line, found);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (g_array_index (found, guint, 0), ==, 7);
  g_array_set_size (found, 0);
  cc_spatial_index_query_point (index, 500, 500, found);
  g_assert_cmpuint (found->len, ==, 1);
  g_array_set_size (found, 0);
  cc_spatial_index_query (index, &far, found);
  g_assert_cmpuint (found->len, ==, 0);
  {
    const CcRect *box = cc_spatial_index_get_box (index, 0);

    g_assert_cmpfloat (box->x, ==, -5);
    g_assert_cmpfloat (box->width, ==, 1010);
  }
  /* Level and upright lines too */
  cc_spatial_index_insert_segment (index, -300, 40, 300, 40, 2, 8);
  cc_spatial_index_insert_segment (index, 40, -300, 40, 300, 2, 9);
  cc_spatial_index_query_point (index, 41, 40, found);
  g_assert_cmpuint (found->len, ==, 3);  /* the diagonal's box holds it too */
  g_assert_cmpuint (g_array_index (found, guint, 0), ==, 7);
  g_assert_cmpuint (g_array_index (found, guint, 1), ==, 8);
  g_assert_cmpuint (g_array_index (found, guint, 2), ==, 9);
  g_array_set_size (found, 0);
  /* Far along the level line, in its box's corner: only the level line */
  cc_spatial_index_query_point (index, 250, 40, found);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (g_array_index (found, guint, 0), ==, 8);
}

/* Removing, a value shared by two entries, and what spans very many cells */
static void
test_remove_and_big (void)
{
  g_autoptr(CcSpatialIndex) index = cc_spatial_index_new (10);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  CcRect a = { 0, 0, 20, 20 }, b = { 15, 15, 20, 20 }, huge = { -1e6, -1e6, 2e6, 2e6 }, probe = { 16, 16, 1, 1 };
  guint ha, hb, hh;

  ha = cc_spatial_index_insert (index, &a, 1);
  hb = cc_spatial_index_insert (index, &b, 1);
  hh = cc_spatial_index_insert (index, &huge, 2);
  cc_spatial_index_query (index, &probe, found);
  g_assert_cmpuint (found->len, ==, 2);  /* 1 once, and 2 */
  g_array_set_size (found, 0);
  cc_spatial_index_remove (index, ha);
  cc_spatial_index_remove (index, ha);  /* twice: nothing more */
  g_assert_cmpuint (cc_spatial_index_get_size (index), ==, 2);
  cc_spatial_index_query_point (index, 5, 5, found);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (g_array_index (found, guint, 0), ==, 2);
  g_array_set_size (found, 0);
  cc_spatial_index_remove (index, hh);
  cc_spatial_index_query_point (index, 5, 5, found);
  g_assert_cmpuint (found->len, ==, 0);
  cc_spatial_index_query_point (index, 20, 20, found);
  g_assert_cmpuint (found->len, ==, 1);
  g_array_set_size (found, 0);
  cc_spatial_index_remove (index, hb);
  g_assert_cmpuint (cc_spatial_index_get_size (index), ==, 0);
  g_assert_false (cc_spatial_index_hits (index, &huge));
  /* Non-finite boxes are kept, and do not hang it */
  {
    CcRect odd = { -INFINITY, 0, INFINITY, 10 };

    cc_spatial_index_insert (index, &odd, 3);
    cc_spatial_index_query (index, &probe, found);
    g_assert_cmpuint (found->len, <=, 1);
  }
  cc_spatial_index_clear (index);
  g_assert_cmpuint (cc_spatial_index_get_size (index), ==, 0);
}

/* The overlap measure counts an entry once per cell it shares with the box */
static void
test_overlap (void)
{
  g_autoptr(CcSpatialIndex) index = cc_spatial_index_new (100);
  CcRect inside = { 10, 10, 20, 20 }, across = { 90, 10, 20, 10 }, probe = { 0, 0, 200, 50 };

  cc_spatial_index_insert (index, &inside, 0);
  g_assert_cmpfloat_with_epsilon (cc_spatial_index_overlap (index, &probe), 400, 1e-9);
  cc_spatial_index_insert (index, &across, 1);
  /* In two cells: counted twice */
  g_assert_cmpfloat_with_epsilon (cc_spatial_index_overlap (index, &probe), 400 + 2 * 200, 1e-9);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/spatial-index/boxes", test_boxes_like_a_scan);
  g_test_add_func ("/spatial-index/segments", test_segments);
  g_test_add_func ("/spatial-index/remove-and-big", test_remove_and_big);
  g_test_add_func ("/spatial-index/overlap", test_overlap);
  return g_test_run ();
}
