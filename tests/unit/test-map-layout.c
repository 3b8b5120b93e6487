/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/unit: the map's layout, followed incrementally and hit-tested
 * through its index, against a layout made anew. */
#include "config.h"

#include <string.h>

#include "cc-io.h"
#include "cc-map-layout.h"

/* Text as wide as it is long: the layout's callback, without Pango */
static void
measure (gpointer data, CcMapText what, const char *text, double wrap, double *width, double *height)
{
  double w = 6.0 * (double) strlen (text);
  double lines = wrap > 0 ? MIN (3, 1 + (int) (w / wrap)) : 1;

  *width = wrap > 0 ? MIN (w, wrap) : w;
  *height = 13.0 * lines;
}

static CcMapLayout *
layout_of (CcProject *project, CcItem *sheet)
{
  CcMapLayoutSpec spec = { 0 };

  spec.project = project;
  spec.sheet = sheet;
  spec.measure = measure;
  return cc_map_layout_new (&spec);
}

static void
assert_same_rect (const CcRect *a, const CcRect *b)
{
  g_assert_cmpmem (a, sizeof *a, b, sizeof *b);
}

static void
assert_same_layout (CcMapLayout *a, CcMapLayout *b)
{
  g_assert_cmpuint (a->n_nodes, ==, b->n_nodes);
  g_assert_cmpuint (a->n_links, ==, b->n_links);
  g_assert_cmpuint (a->n_groups, ==, b->n_groups);
  for (guint i = 0; i < a->n_nodes; i++)
    {
      assert_same_rect (&a->nodes[i].shape, &b->nodes[i].shape);
      assert_same_rect (&a->nodes[i].box, &b->nodes[i].box);
      g_assert_cmpuint (a->nodes[i].tag_place, ==, b->nodes[i].tag_place);
    }
  for (guint i = 0; i < a->n_links; i++)
    {
      g_assert_cmpint (a->links[i].drawable, ==, b->links[i].drawable);
      if (!a->links[i].drawable)
        continue;
      assert_same_rect (&a->links[i].box, &b->links[i].box);
      assert_same_rect (&a->links[i].label_box, &b->links[i].label_box);
    }
  for (guint i = 0; i < a->n_groups; i++)
    {
      g_assert_true (a->groups[i].item == b->groups[i].item);
      assert_same_rect (&a->groups[i].box, &b->groups[i].box);
      assert_same_rect (&a->groups[i].title_box, &b->groups[i].title_box);
    }
  assert_same_rect (&a->content, &b->content);
}

/* Nodes moved, one edit at a time: the layout followed is the layout made
 * anew, what it hits is what the new one hits, and the damage holds every
 * box that changed */
static void
test_update_like_new (void)
{
  g_autofree char *path = g_build_filename (SOURCE_ROOT, "data", "examples", "community-planning.concord", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);
  CcProject *project = result->project;
  CcItem *sheet = NULL;
  CcMapLayout *kept;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < cc_project_get_n_sheets (project) && sheet == NULL; i++)
    if (cc_item_get_kind (cc_project_get_sheet (project, i)) == CC_KIND_MAP)
      sheet = cc_project_get_sheet (project, i);
  g_assert_nonnull (sheet);
  kept = layout_of (project, sheet);
  g_assert_cmpuint (kept->n_nodes, >, 3);
  /* Asked once, so that the index is followed too */
  cc_map_layout_hit (kept, 0, 0);
  for (guint round = 0; round < 12; round++)
    {
      CcItem *node = cc_item_get_child (sheet, CC_MAP_NODES, g_rand_int_range (rand, 0, (int) kept->n_nodes));
      g_autoptr(GPtrArray) moved = g_ptr_array_new ();
      g_autofree CcRect *before = g_new (CcRect, kept->n_nodes);
      CcMapLayout *fresh;
      CcRect damage;

      for (guint i = 0; i < kept->n_nodes; i++)
        before[i] = kept->nodes[i].box;
      cc_project_set_double (project, node, CC_NODE_X,
                             cc_item_get_double (node, CC_NODE_X) + g_rand_double_range (rand, -150, 150));
      cc_project_set_double (project, node, CC_NODE_Y,
                             cc_item_get_double (node, CC_NODE_Y) + g_rand_double_range (rand, -100, 100));
      g_ptr_array_add (moved, node);
      g_assert_true (cc_map_layout_update (kept, moved, &damage));
      fresh = layout_of (project, sheet);
      assert_same_layout (kept, fresh);
      for (guint i = 0; i < kept->n_nodes; i++)
        if (memcmp (&before[i], &kept->nodes[i].box, sizeof before[i]) != 0)
          {
            CcRect u = damage;

            cc_rect_union (&u, &before[i]);
            cc_rect_union (&u, &kept->nodes[i].box);
            assert_same_rect (&u, &damage);
          }
      for (int p = 0; p < 400; p++)
        {
          double x = g_rand_double_range (rand, fresh->content.x, fresh->content.x + fresh->content.width);
          double y = g_rand_double_range (rand, fresh->content.y, fresh->content.y + fresh->content.height);

          g_assert_true (cc_map_layout_hit (kept, x, y) == cc_map_layout_hit (fresh, x, y));
        }
      cc_map_layout_free (fresh);
    }
  /* Nodes of no sheet of its: nothing to do */
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();
    CcRect damage;

    g_assert_true (cc_map_layout_update (kept, none, &damage));
    g_assert_cmpfloat (damage.width, <, 0);
  }
  cc_map_layout_free (kept);
}

/* Hits through the index are those of a scan: the topmost node, else link,
 * else group */
static void
test_hit_like_scan (void)
{
  g_autofree char *path = g_build_filename (SOURCE_ROOT, "data", "examples", "community-planning.concord", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);
  CcItem *sheet = cc_project_get_sheet (result->project, 0);
  CcMapLayout *m;
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  guint found = 0;

  if (cc_item_get_kind (sheet) != CC_KIND_MAP)
    return;
  m = layout_of (result->project, sheet);
  for (int p = 0; p < 3000; p++)
    {
      double x = g_rand_double_range (rand, m->content.x - 20, m->content.x + m->content.width + 20);
      double y = g_rand_double_range (rand, m->content.y - 20, m->content.y + m->content.height + 20);
      CcItem *expect = NULL;

      for (guint i = m->n_nodes; i-- > 0 && expect == NULL;)
        if (cc_rect_contains (&m->nodes[i].shape, x, y)
            && (m->nodes[i].kind != CC_ACTOR_KIND_PERSON
                || ((x - m->nodes[i].cx) * (x - m->nodes[i].cx) / (m->nodes[i].shape.width * m->nodes[i].shape.width / 4)
                    + (y - m->nodes[i].cy) * (y - m->nodes[i].cy) / (m->nodes[i].shape.height * m->nodes[i].shape.height / 4)) <= 1.0))
          expect = m->nodes[i].item;
      for (guint i = m->n_links; i-- > 0 && expect == NULL;)
        {
          CcMapLink *l = &m->links[i];

          if (l->drawable && ((l->label_box.width > 0 && cc_rect_contains (&l->label_box, x, y))
                              || cc_segment_distance (x, y, l->x1, l->y1, l->x2, l->y2) <= l->width / 2 + 4))
            expect = l->item;
        }
      for (guint i = m->n_groups; i-- > 0 && expect == NULL;)
        if (cc_rect_contains (&m->groups[i].box, x, y))
          expect = m->groups[i].item;
      g_assert_true (cc_map_layout_hit (m, x, y) == expect);
      found += expect != NULL;
    }
  /* A rubber band's nodes: those whose centre it holds, in order */
  for (int p = 0; p < 200; p++)
    {
      CcRect band = { g_rand_double_range (rand, m->content.x, m->content.x + m->content.width),
                      g_rand_double_range (rand, m->content.y, m->content.y + m->content.height),
                      g_rand_double_range (rand, 0, 600), g_rand_double_range (rand, 0, 400) };
      g_autoptr(GPtrArray) inside = g_ptr_array_new ();
      guint k = 0;

      cc_map_layout_nodes_in (m, &band, inside);
      for (guint i = 0; i < m->n_nodes; i++)
        if (m->nodes[i].cx >= band.x && m->nodes[i].cx <= band.x + band.width
            && m->nodes[i].cy >= band.y && m->nodes[i].cy <= band.y + band.height)
          {
            g_assert_cmpuint (k, <, inside->len);
            g_assert_true (inside->pdata[k++] == m->nodes[i].item);
          }
      g_assert_cmpuint (k, ==, inside->len);
    }
  /* Links and groups by their items */
  for (guint i = 0; i < m->n_links; i++)
    g_assert_true (cc_map_layout_get_link (m, m->links[i].item) == &m->links[i]);
  for (guint i = 0; i < m->n_groups; i++)
    g_assert_true (cc_map_layout_get_group (m, m->groups[i].item) == &m->groups[i]);
  g_assert_null (cc_map_layout_get_link (m, sheet));
  g_assert_cmpuint (found, >, 100);
  cc_map_layout_free (m);
}

static guint
count_node_overlaps (CcMapLayout *m)
{
  guint n = 0;

  for (guint i = 0; i < m->n_nodes; i++)
    for (guint j = i + 1; j < m->n_nodes; j++)
      if (cc_rect_intersects (&m->nodes[i].box, &m->nodes[j].box))
        {
          n++;
          g_test_message ("%s covers %s", m->nodes[i].name, m->nodes[j].name);
        }
  return n;
}

/* Set for a room, text two or three times larger: names and shapes grow
 * around their organisations, none of which come to cover another, the
 * map opens up where it must and keeps its order across; on paper (1)
 * nothing moves */
static void
test_room_scale (void)
{
  g_autofree char *path = g_build_filename (SOURCE_ROOT, "data", "examples", "community-planning.concord", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);
  CcItem *sheet = cc_project_get_sheet (result->project, 0);
  CcMapLayout *paper;

  g_assert_true (cc_item_get_kind (sheet) == CC_KIND_MAP);
  paper = layout_of (result->project, sheet);
  for (guint i = 0; i < paper->n_nodes; i++)
    {
      g_assert_cmpfloat (paper->nodes[i].cx, ==, cc_item_get_double (paper->nodes[i].item, CC_NODE_X));
      g_assert_cmpfloat (paper->nodes[i].cy, ==, cc_item_get_double (paper->nodes[i].item, CC_NODE_Y));
    }
  for (double scale = 2.0; scale <= 3.0; scale += 1.0)
    {
      CcMapLayoutSpec spec = { 0 };
      CcMapLayout *room;
      guint kept = 0, pairs = 0;

      spec.project = result->project;
      spec.sheet = sheet;
      spec.measure = measure;
      spec.text_scale = scale;
      room = cc_map_layout_new (&spec);
      g_assert_cmpuint (room->n_nodes, ==, paper->n_nodes);
      g_assert_cmpuint (count_node_overlaps (room), ==, 0);
      for (guint i = 0; i < room->n_nodes; i++)
        {
          g_assert_cmpfloat_with_epsilon (room->nodes[i].shape.width, paper->nodes[i].shape.width * scale, 1e-6);
          for (guint j = 0; j < room->n_nodes; j++)
            if (paper->nodes[i].cx + 1 < paper->nodes[j].cx)
              {
                pairs++;
                kept += room->nodes[i].cx < room->nodes[j].cx;
              }
        }
      /* Most pairs keep their order across (those pushed apart up and
       * down may pass each other a little) */
      g_assert_cmpuint (kept, >=, pairs * 9 / 10);
      g_assert_cmpfloat (room->content.width, >, paper->content.width);
      cc_map_layout_free (room);
    }
  cc_map_layout_free (paper);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/map-layout/update", test_update_like_new);
  g_test_add_func ("/map-layout/hit", test_hit_like_scan);
  g_test_add_func ("/map-layout/room-scale", test_room_scale);
  return g_test_run ();
}
