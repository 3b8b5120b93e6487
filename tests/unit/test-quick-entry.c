/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "../cc-test-util.h"

#include <math.h>
#include <string.h>

#include "cc-map-edit.h"
#include "cc-quick-entry.h"
#include "cc-render.h"
#include "cc-schema.h"

/* Quick entry: what each line is read as, what it does to a map (one
 * step, no duplicates), and the message and place of a line that cannot
 * be read. */

typedef struct
{
  CcProject *project;
  CcItem    *map;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->project = cc_project_new ();
  f->map = cc_project_add_sheet (f->project, CC_KIND_MAP, "Test map", -1);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->project);
}

/* Applies @text, asserting it reads. */
static GPtrArray *
enter (Fixture *f, const char *text)
{
  CcQuickLine line;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  g_assert_true (cc_quick_line_parse (f->project, text, &line, NULL, &error));
  g_assert_no_error (error);
  items = cc_quick_line_apply (f->project, f->map, &line, 100, 100);
  cc_quick_line_clear (&line);
  return items;
}

static CcItem *
actor (Fixture *f, const char *name)
{
  CcItem *a = cc_project_find_actor_named (f->project, name);

  g_assert_nonnull (a);
  return a;
}

static guint
n_nodes (Fixture *f)
{
  return cc_item_get_n_children (f->map, CC_MAP_NODES);
}

static guint
n_links (Fixture *f)
{
  return cc_item_get_n_children (f->map, CC_MAP_LINKS);
}

static void
test_organisation (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) first = enter (f, "  Riverside Council ");
  g_autoptr(GPtrArray) again = NULL;
  guint history = cc_project_get_history_length (f->project);

  g_assert_cmpuint (n_nodes (f), ==, 1);
  g_assert_cmpstr (cc_item_get_string (actor (f, "Riverside Council"), CC_ACTOR_NAME), ==, "Riverside Council");
  /* The same name, another case: found, not added again. */
  again = enter (f, "riverside council [pub]");
  g_assert_cmpuint (n_nodes (f), ==, 1);
  g_assert_true (again->pdata[0] == first->pdata[0]);
  g_assert_cmpint (cc_item_get_int (actor (f, "Riverside Council"), CC_ACTOR_SECTOR), ==, CC_SECTOR_PUBLIC);
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);
  /* Typed in a hurry, with spaces between the words: the same one. */
  g_clear_pointer (&again, g_ptr_array_unref);
  again = enter (f, "RIVERSIDE \t  Council");
  g_assert_cmpuint (n_nodes (f), ==, 1);
  g_assert_true (again->pdata[0] == first->pdata[0]);
  /* And a new one is kept with one space between its words. */
  g_clear_pointer (&again, g_ptr_array_unref);
  again = enter (f, "Harbour   Food  Bank");
  g_assert_cmpstr (cc_item_get_string (cc_project_get_node_actor (f->project, again->pdata[0]), CC_ACTOR_NAME), ==,
                   "Harbour Food Bank");
}

static void
test_sector_and_kind (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) a = enter (f, "Food Bank [vol, board]");
  g_autoptr(GPtrArray) b = enter (f, "Mrs Patel [person]");

  g_assert_cmpint (cc_item_get_int (actor (f, "Food Bank"), CC_ACTOR_SECTOR), ==, CC_SECTOR_VOLUNTARY);
  g_assert_cmpint (cc_item_get_int (actor (f, "Food Bank"), CC_ACTOR_KIND), ==, CC_ACTOR_KIND_PARTNERSHIP);
  g_assert_cmpint (cc_item_get_int (actor (f, "Mrs Patel"), CC_ACTOR_KIND), ==, CC_ACTOR_KIND_PERSON);
}

static void
test_link (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) items = enter (f, "Riverside Council [public] -> NHS Board [public] : statutory 4");
  guint history = cc_project_get_history_length (f->project);
  CcItem *link;

  g_assert_cmpuint (n_nodes (f), ==, 2);
  g_assert_cmpuint (n_links (f), ==, 1);
  g_assert_cmpuint (items->len, ==, 3);
  link = cc_item_get_child (f->map, CC_MAP_LINKS, 0);
  g_assert_true (items->pdata[2] == link);
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, "statutory");
  g_assert_cmpint (cc_item_get_int (link, CC_LINK_STRENGTH), ==, 4);
  g_assert_true (cc_item_get_bool (link, CC_LINK_DIRECTED));
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_FROM), ==, cc_item_get_id (items->pdata[0]));

  /* The same two again: the link changes, no second one. */
  g_clear_pointer (&items, g_ptr_array_unref);
  items = enter (f, "nhs board -- RIVERSIDE COUNCIL : deliv");
  g_assert_cmpuint (n_nodes (f), ==, 2);
  g_assert_cmpuint (n_links (f), ==, 1);
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, "delivery");
  g_assert_cmpint (cc_item_get_int (link, CC_LINK_STRENGTH), ==, 4);

  /* One step each, undone whole. */
  g_assert_cmpuint (cc_project_get_history_length (f->project), ==, history + 1);
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpstr (cc_item_get_string (link, CC_LINK_TYPE), ==, "statutory");
  g_assert_true (cc_project_undo (f->project));
  g_assert_cmpuint (n_nodes (f), ==, 0);
  g_assert_cmpuint (n_links (f), ==, 0);
}

/* Thirty organisations entered one after another: no two overlap. */
static void
test_clear_of_others (Fixture *f, gconstpointer data)
{
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *text = g_strdup_printf ("Organisation %u -- Organisation %u", i, (i * 7) % 30);
      g_autoptr(GPtrArray) items = enter (f, text);
    }
  g_assert_cmpuint (n_nodes (f), ==, 30);
  for (guint i = 0; i < n_nodes (f); i++)
    for (guint k = i + 1; k < n_nodes (f); k++)
      {
        CcItem *a = cc_item_get_child (f->map, CC_MAP_NODES, i), *b = cc_item_get_child (f->map, CC_MAP_NODES, k);

        g_assert_false (fabs (cc_item_get_double (a, CC_NODE_X) - cc_item_get_double (b, CC_NODE_X)) < 170
                        && fabs (cc_item_get_double (a, CC_NODE_Y) - cc_item_get_double (b, CC_NODE_Y)) < 80);
      }
}

static gboolean
meet (const CcRect *a, double x, double y, double w, double h)
{
  return a->x < x + w && x < a->x + a->width && a->y < y + h && y < a->y + a->height;
}

/* Thirty organisations, a chain of them and a hub with its spokes, some
 * with long names, some partnership bodies or people: as the renderer
 * draws them, none touches another, nor the boxes it was told to keep
 * clear of (a group, a legend, a title), and each is near what it links
 * to. */
static void
test_clear_of_boxes (Fixture *f, gconstpointer data)
{
  const CcMapBox boxes[] = {
    { 320, -120, 220, 420 },   /* a legend */
    { -420, -60, 300, 240 },   /* a group */
    { -120, -220, 460, 40 },   /* a title */
  };
  static const char * const kinds[] = { "", " [board]", " [person]", " [vol]" };

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) error = NULL;
      CcQuickLine line;

      if (i < 15)
        text = g_strdup_printf ("Chain member %u%s%s -> Chain member %u%s", i, i % 3 == 0 ? " with a long name to wrap" : "",
                                kinds[i % 4], i + 1, (i + 1) % 3 == 0 ? " with a long name to wrap" : "");
      else
        text = g_strdup_printf ("Hub -- Spoke %u%s : stat %u", i, kinds[i % 4], 1 + i % 5);
      g_assert_true (cc_quick_line_parse (f->project, text, &line, NULL, &error));
      items = cc_quick_line_apply_clear_of (f->project, f->map, &line, 100, 100, boxes, G_N_ELEMENTS (boxes));
      cc_quick_line_clear (&line);
      g_assert_cmpuint (items->len, ==, 3);
    }
  /* 16 in the chain, the hub and 15 spokes. */
  g_assert_cmpuint (n_nodes (f), ==, 32);
  for (guint i = 0; i < n_nodes (f); i++)
    {
      CcItem *node = cc_item_get_child (f->map, CC_MAP_NODES, i);
      CcRect box;

      g_assert_true (cc_render_get_item_bounds (f->project, f->map, node, &box));
      for (guint b = 0; b < G_N_ELEMENTS (boxes); b++)
        g_assert_false (meet (&box, boxes[b].x, boxes[b].y, boxes[b].width, boxes[b].height));
      for (guint k = i + 1; k < n_nodes (f); k++)
        {
          CcRect other;

          g_assert_true (cc_render_get_item_bounds (f->project, f->map, cc_item_get_child (f->map, CC_MAP_NODES, k), &other));
          g_assert_false (meet (&box, other.x, other.y, other.width, other.height));
        }
    }
  /* Each link is short: its new end went beside the other. */
  for (guint i = 0; i < n_links (f); i++)
    {
      CcItem *link = cc_item_get_child (f->map, CC_MAP_LINKS, i);
      CcItem *a = cc_project_lookup (f->project, cc_item_get_string (link, CC_LINK_FROM));
      CcItem *b = cc_project_lookup (f->project, cc_item_get_string (link, CC_LINK_TO));

      g_assert_cmpfloat (hypot (cc_item_get_double (a, CC_NODE_X) - cc_item_get_double (b, CC_NODE_X),
                                cc_item_get_double (a, CC_NODE_Y) - cc_item_get_double (b, CC_NODE_Y)), <, 900);
    }
}

/* A new organisation linked to one on the map goes beside that one, even
 * named first; one linked to nothing goes near the point asked for. */
static void
test_near_what_it_links_to (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) far = enter (f, "Far Away");
  CcItem *node = far->pdata[0];
  g_autoptr(GPtrArray) items = NULL;
  CcItem *added;

  cc_project_set_double (f->project, node, CC_NODE_X, 3000);
  cc_project_set_double (f->project, node, CC_NODE_Y, 2000);
  items = enter (f, "Newcomer -- far away");
  g_assert_true (items->pdata[1] == node);
  added = items->pdata[0];
  g_assert_cmpfloat (hypot (cc_item_get_double (added, CC_NODE_X) - 3000, cc_item_get_double (added, CC_NODE_Y) - 2000),
                     <, 300);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = enter (f, "Alone");
  g_assert_cmpfloat (hypot (cc_item_get_double (items->pdata[0], CC_NODE_X) - 100,
                            cc_item_get_double (items->pdata[0], CC_NODE_Y) - 100), <, 1);
}

/* The words offered for a link type being typed. */
static void
test_type_words (Fixture *f, gconstpointer data)
{
  CcItem *type = cc_item_new (CC_KIND_LINK_TYPE);
  g_autoptr(GPtrArray) st = NULL, jo = NULL, none = NULL, all = NULL;

  cc_item_set_string (type, CC_LINK_TYPE_LABEL, "Joint commissioning");
  cc_item_set_string (type, CC_LINK_TYPE_COLOR, "#884488");
  type = cc_project_insert (f->project, cc_project_get_root (f->project), CC_PROJECT_LINK_TYPES, -1, type);
  st = cc_quick_link_types_starting (f->project, "ST");
  g_assert_cmpuint (st->len, ==, 2);
  g_assert_cmpstr (st->pdata[0], ==, "strategic");
  g_assert_cmpstr (st->pdata[1], ==, "statutory");
  jo = cc_quick_link_types_starting (f->project, "joint c");
  g_assert_cmpuint (jo->len, ==, 1);
  g_assert_cmpstr (jo->pdata[0], ==, "Joint commissioning");
  none = cc_quick_link_types_starting (f->project, "x");
  g_assert_cmpuint (none->len, ==, 0);
  all = cc_quick_link_types_starting (f->project, "");
  g_assert_cmpuint (all->len, ==, 5);
}

static void
test_project_type (Fixture *f, gconstpointer data)
{
  CcItem *type = cc_item_new (CC_KIND_LINK_TYPE);
  g_autoptr(GPtrArray) items = NULL;

  cc_item_set_string (type, CC_LINK_TYPE_LABEL, "Joint commissioning");
  cc_item_set_string (type, CC_LINK_TYPE_COLOR, "#884488");
  type = cc_project_insert (f->project, cc_project_get_root (f->project), CC_PROJECT_LINK_TYPES, -1, type);
  g_assert_nonnull (type);
  items = enter (f, "A -- B : joint 2");
  g_assert_cmpstr (cc_item_get_string (items->pdata[2], CC_LINK_TYPE), ==, cc_item_get_id (type));
  g_assert_cmpint (cc_item_get_int (items->pdata[2], CC_LINK_STRENGTH), ==, 2);
}

/* Lines that cannot be read: nothing is added, and the message says why,
 * at the place it is wrong. */
static void
test_errors (Fixture *f, gconstpointer data)
{
  static const struct { const char *text, *words; int at; } cases[] = {
    { "", "name of an organisation is missing", 0 },
    { "A -- ", "name of an organisation is missing", 4 },
    { "A [publ", "without its", 2 },
    { "A [p]", "more than one", 3 },
    { "A [mayor]", "not a sector", 3 },
    { "A -- B : 9", "strength", 8 },
    { "A -- B : nonsense", "not a link type", 8 },
    { "A -- B : s", "more than one link type", 8 },
    { "A : strategic", "belong to a link", 2 },
    { "A -- B -- C", "not more", 4 },
    { "A [public] x -- B", "Nothing may follow", 10 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CcQuickLine line;
      g_autoptr(GError) error = NULL;
      int at = -1;

      g_test_message ("%s", cases[i].text);
      g_assert_false (cc_quick_line_parse (f->project, cases[i].text, &line, &at, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, cases[i].words));
      g_assert_cmpint (at, ==, cases[i].at);
      g_assert_null (line.ends[0].name);
    }
  g_assert_cmpuint (n_nodes (f), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/quick-entry/organisation", Fixture, NULL, setup, test_organisation, teardown);
  g_test_add ("/quick-entry/sector-and-kind", Fixture, NULL, setup, test_sector_and_kind, teardown);
  g_test_add ("/quick-entry/link", Fixture, NULL, setup, test_link, teardown);
  g_test_add ("/quick-entry/clear-of-others", Fixture, NULL, setup, test_clear_of_others, teardown);
  g_test_add ("/quick-entry/clear-of-boxes", Fixture, NULL, setup, test_clear_of_boxes, teardown);
  g_test_add ("/quick-entry/near-what-it-links-to", Fixture, NULL, setup, test_near_what_it_links_to, teardown);
  g_test_add ("/quick-entry/type-words", Fixture, NULL, setup, test_type_words, teardown);
  g_test_add ("/quick-entry/project-type", Fixture, NULL, setup, test_project_type, teardown);
  g_test_add ("/quick-entry/errors", Fixture, NULL, setup, test_errors, teardown);
  return g_test_run ();
}
