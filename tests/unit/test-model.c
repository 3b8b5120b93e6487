/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cc-io.h"
#include "cc-project.h"

/* ---- helpers ---------------------------------------------------------- */

static char *
serialize (CcProject *project)
{
  g_autoptr(GBytes) bytes = cc_project_serialize (project);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return g_strndup (data, len);
}

static void
collect (CcItem *item, GPtrArray *out)
{
  const CcKindInfo *info = cc_item_get_info (item);

  g_ptr_array_add (out, item);
  for (guint s = 0; s < info->n_slots; s++)
    for (guint i = 0; i < cc_item_get_n_children (item, s); i++)
      collect (cc_item_get_child (item, s, i), out);
}

static GPtrArray *
items_of_kind (CcProject *project, CcKind kind, CcItem *sheet)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *out = g_ptr_array_new ();

  collect (cc_project_get_root (project), all);
  for (guint i = 0; i < all->len; i++)
    if (cc_item_get_kind (all->pdata[i]) == kind &&
        (sheet == NULL || cc_item_get_sheet (all->pdata[i]) == sheet))
      g_ptr_array_add (out, all->pdata[i]);
  return out;
}

static gpointer
pick (GRand *rand, GPtrArray *arr)
{
  if (arr->len == 0)
    return NULL;
  return arr->pdata[g_rand_int_range (rand, 0, (gint32) arr->len)];
}

static char *
random_text (GRand *rand)
{
  static const char *words[] = { "Council", "health", "board", "Ūnicode", "“quoted”", "tab\there",
                                 "new\nline", "\"q\"", "back\\slash", "Police", "Fire", "😀", "é" };
  GString *s = g_string_new (NULL);
  int n = g_rand_int_range (rand, 1, 4);

  for (int i = 0; i < n; i++)
    {
      if (i)
        g_string_append_c (s, ' ');
      g_string_append (s, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  return g_string_free (s, FALSE);
}

/* Picks a valid value for a reference field, or returns FALSE. */
static gboolean
random_ref (CcProject *project, GRand *rand, CcItem *item, const CcFieldInfo *field, char **out)
{
  CcItem *sheet = (field->flags & CC_FIELD_SAME_SHEET) ? cc_item_get_sheet (item) : NULL;
  g_autoptr(GPtrArray) targets = NULL;
  CcItem *target;

  if (field->ref_kind == CC_KIND_LINK_TYPE && g_rand_boolean (rand))
    {
      guint n;
      const CcBuiltinLinkType *types = cc_builtin_link_types (&n);

      *out = g_strdup (types[g_rand_int_range (rand, 0, (gint32) n)].id);
      return TRUE;
    }
  targets = items_of_kind (project, field->ref_kind, sheet);
  target = pick (rand, targets);
  if (target == NULL)
    return FALSE;
  *out = g_strdup (cc_item_get_id (target));
  return TRUE;
}

static void
random_set (CcProject *project, GRand *rand, CcItem *item)
{
  const CcKindInfo *info = cc_item_get_info (item);
  const CcFieldInfo *f;
  guint index;
  CcValue v = { 0 };

  if (info->n_fields == 0)
    return;
  index = (guint) g_rand_int_range (rand, 0, (gint32) info->n_fields);
  f = &info->fields[index];

  switch (f->type)
    {
    case CC_VT_STRING:
      v.s = random_text (rand);
      break;
    case CC_VT_COLOR:
      v.s = g_strdup_printf ("#%06x", g_rand_int_range (rand, 0, 0xffffff));
      break;
    case CC_VT_DATETIME:
      v.s = g_strdup_printf ("2026-%02d-%02dT10:%02d:00Z", g_rand_int_range (rand, 1, 13),
                             g_rand_int_range (rand, 1, 29), g_rand_int_range (rand, 0, 60));
      break;
    case CC_VT_DATE:
      v.s = g_strdup_printf ("2027-%02d-%02d", g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
      break;
    case CC_VT_INT:
      v.i = g_rand_int_range (rand, (gint32) f->min, (gint32) f->max + 1);
      break;
    case CC_VT_DOUBLE:
      v.d = g_rand_double_range (rand, MAX (f->min, -2000.0), MIN (f->max, 2000.0));
      break;
    case CC_VT_BOOL:
      v.i = g_rand_boolean (rand);
      break;
    case CC_VT_ENUM:
      v.i = g_rand_int_range (rand, 0, (gint32) g_strv_length ((char **) f->enum_values));
      break;
    case CC_VT_STRV:
      {
        static const char *tags[] = { "health", "economy", "community-safety", "children", NULL };
        int n = g_rand_int_range (rand, 0, 4);

        v.v = g_new0 (char *, n + 1);
        for (int i = 0; i < n; i++)
          v.v[i] = g_strdup (tags[i]);
      }
      break;
    case CC_VT_REF:
      if (!random_ref (project, rand, item, f, &v.s))
        return;
      /* A link must not join a node to itself. */
      if ((cc_item_get_kind (item) == CC_KIND_LINK || cc_item_get_kind (item) == CC_KIND_CARD_LINK) &&
          index <= 1 && g_str_equal (v.s, cc_item_get_string (item, 1 - index)))
        {
          g_free (v.s);
          return;
        }
      break;
    case CC_VT_REFS:
      {
        g_autoptr(GPtrArray) nodes = items_of_kind (project, f->ref_kind, cc_item_get_sheet (item));
        GPtrArray *ids = g_ptr_array_new ();

        for (guint i = 0; i < nodes->len; i++)
          if (g_rand_int_range (rand, 0, 3) == 0)
            g_ptr_array_add (ids, g_strdup (cc_item_get_id (nodes->pdata[i])));
        g_ptr_array_add (ids, NULL);
        v.v = (char **) g_ptr_array_free (ids, FALSE);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  cc_project_set_value (project, item, index, &v);
  cc_value_clear (f, &v);
}

static CcItem *
new_with_refs (CcProject *project, GRand *rand, CcKind kind, CcItem *sheet)
{
  CcItem *item = cc_item_new (kind);

  switch (kind)
    {
    case CC_KIND_ACTOR:
      cc_item_set_string (item, CC_ACTOR_NAME, "New organisation");
      break;
    case CC_KIND_LINK_TYPE:
      cc_item_set_string (item, CC_LINK_TYPE_LABEL, "Funding");
      cc_item_set_string (item, CC_LINK_TYPE_COLOR, "#aa5500");
      break;
    case CC_KIND_MAP:
    case CC_KIND_FORCEFIELD:
      cc_item_set_string (item, CC_SHEET_TITLE, "Sheet");
      break;
    case CC_KIND_CANVAS:
      cc_item_set_string (item, CC_CANVAS_TITLE, "Canvas");
      cc_item_set_string (item, CC_CANVAS_TEMPLATE, "test-template");
      break;
    case CC_KIND_NODE:
      {
        g_autoptr(GPtrArray) actors = items_of_kind (project, CC_KIND_ACTOR, NULL);
        CcItem *actor = pick (rand, actors);

        if (actor == NULL)
          goto fail;
        cc_item_set_string (item, CC_NODE_ACTOR, cc_item_get_id (actor));
        cc_item_set_double (item, CC_NODE_X, g_rand_int_range (rand, 0, 1000));
        cc_item_set_double (item, CC_NODE_Y, g_rand_double_range (rand, 0, 1000));
      }
      break;
    case CC_KIND_LINK:
    case CC_KIND_CARD_LINK:
      {
        g_autoptr(GPtrArray) ends = items_of_kind (project, kind == CC_KIND_LINK ? CC_KIND_NODE : CC_KIND_CARD, sheet);
        CcItem *a = pick (rand, ends), *b = pick (rand, ends);

        if (a == NULL || a == b)
          goto fail;
        cc_item_set_string (item, 0, cc_item_get_id (a));
        cc_item_set_string (item, 1, cc_item_get_id (b));
        if (kind == CC_KIND_LINK)
          cc_item_set_string (item, CC_LINK_TYPE, "strategic");
      }
      break;
    case CC_KIND_FORCE:
      cc_item_set_string (item, CC_FORCE_LABEL, "Shared budgets");
      break;
    case CC_KIND_CARD:
      cc_item_set_string (item, CC_CARD_PANEL, "outcome");
      break;
    default:
      break;
    }
  return item;

fail:
  cc_item_unref (item);
  return NULL;
}

static void
random_insert (CcProject *project, GRand *rand)
{
  CcItem *root = cc_project_get_root (project);
  g_autoptr(GPtrArray) sheets = items_of_kind (project, CC_KIND_MAP, NULL);
  int what = g_rand_int_range (rand, 0, 10);
  CcItem *parent = root, *item;
  guint slot;
  CcKind kind;

  switch (what)
    {
    case 0: kind = CC_KIND_ACTOR; slot = CC_PROJECT_ACTORS; break;
    case 1: kind = CC_KIND_LINK_TYPE; slot = CC_PROJECT_LINK_TYPES; break;
    case 2:
      kind = (CcKind[]) { CC_KIND_MAP, CC_KIND_FORCEFIELD, CC_KIND_CANVAS }[g_rand_int_range (rand, 0, 3)];
      slot = CC_PROJECT_SHEETS;
      break;
    case 3: case 4: kind = CC_KIND_NODE; slot = CC_MAP_NODES; break;
    case 5: kind = CC_KIND_LINK; slot = CC_MAP_LINKS; break;
    case 6: kind = CC_KIND_GROUP; slot = CC_MAP_GROUPS; break;
    case 7: kind = CC_KIND_FORCE; slot = CC_FORCEFIELD_FORCES; break;
    case 8: kind = CC_KIND_CARD; slot = CC_CANVAS_CARDS; break;
    default: kind = CC_KIND_CARD_LINK; slot = CC_CANVAS_LINKS; break;
    }
  if (what >= 3)
    {
      CcKind sheet_kind = what <= 6 ? CC_KIND_MAP : what == 7 ? CC_KIND_FORCEFIELD : CC_KIND_CANVAS;
      g_autoptr(GPtrArray) candidates = items_of_kind (project, sheet_kind, NULL);

      parent = pick (rand, candidates);
      if (parent == NULL)
        return;
    }
  (void) sheets;
  item = new_with_refs (project, rand, kind, parent);
  if (item == NULL)
    return;
  cc_project_insert (project, parent, slot,
                     g_rand_int_range (rand, -1, (gint32) cc_item_get_n_children (parent, slot) + 1), item);
}

static void
random_edit (CcProject *project, GRand *rand)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  CcItem *item;
  int op = g_rand_int_range (rand, 0, 100);

  collect (cc_project_get_root (project), all);
  item = pick (rand, all);

  if (op < 45)
    random_set (project, rand, item);
  else if (op < 75)
    random_insert (project, rand);
  else if (op < 88)
    {
      CcItem *parent = cc_item_get_parent (item);

      if (parent != NULL && !cc_item_get_info (parent)->slots[cc_item_get_slot (item)].is_object)
        cc_project_delete (project, item);
    }
  else
    {
      CcItem *parent = cc_item_get_parent (item);

      if (parent != NULL)
        {
          guint n = cc_item_get_n_children (parent, cc_item_get_slot (item));

          cc_project_move (project, item, (guint) g_rand_int_range (rand, 0, (gint32) n));
        }
    }
}

static CcProject *
load_sound (const char *text)
{
  g_autoptr(CcLoadResult) result = cc_load_bytes (text, strlen (text));

  for (guint i = 0; i < result->problems->len; i++)
    {
      g_autofree char *s = cc_problem_to_string (result->problems->pdata[i]);

      g_printerr ("problem: %s\n", s);
    }
  g_assert_true (cc_load_result_is_sound (result));
  return g_object_ref (result->project);
}

/* ---- tests ------------------------------------------------------------ */

static void
test_random_edits_undo_redo (void)
{
  guint32 seed = g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(CcProject) project = cc_project_new ();
  g_autofree char *original = NULL;
  g_autofree char *final = NULL;
  g_autofree char *text = NULL;
  guint steps = g_test_thorough () ? 20000 : 4000;

  g_test_message ("seed %u", seed);
  /* Start from a project with some content, with a clean history. */
  for (int i = 0; i < 300; i++)
    random_edit (project, rand);
  cc_project_clear_history (project);
  cc_project_set_modified (project, FALSE);
  original = serialize (project);

  for (guint i = 0; i < steps; i++)
    {
      if (g_rand_int_range (rand, 0, 10) == 0)
        {
          int n = g_rand_int_range (rand, 2, 6);

          cc_project_begin_group (project, "Several");
          for (int k = 0; k < n; k++)
            random_edit (project, rand);
          cc_project_end_group (project);
        }
      else
        random_edit (project, rand);
    }
  final = serialize (project);
  g_test_message ("%u undo steps; project text %zu bytes before, %zu after",
                  cc_project_get_history_length (project), strlen (original), strlen (final));
  /* Most edits do something: the history holds thousands of steps. */
  g_assert_cmpuint (cc_project_get_history_length (project), >, steps / 2);
  g_assert_cmpstr (final, !=, original);
  g_assert_true (cc_project_get_modified (project));

  /* Whatever the edits did, the result is a sound file that reads back the same. */
  {
    g_autoptr(CcProject) again = load_sound (final);
    g_autofree char *resaved = serialize (again);

    g_assert_cmpstr (resaved, ==, final);
  }

  while (cc_project_undo (project))
    ;
  text = serialize (project);
  g_assert_cmpstr (text, ==, original);
  g_assert_false (cc_project_get_modified (project));
  g_clear_pointer (&text, g_free);

  while (cc_project_redo (project))
    ;
  text = serialize (project);
  g_assert_cmpstr (text, ==, final);
}

static guint changes_seen;
static CcChangeType last_change;

static void
on_changed (CcProject *project, CcChange *change, gpointer data)
{
  changes_seen++;
  last_change = change->type;
}

static void
test_commands_notify_and_group (void)
{
  g_autoptr(CcProject) project = cc_project_new ();
  CcItem *root = cc_project_get_root (project);
  CcItem *actor = cc_item_new (CC_KIND_ACTOR);
  CcItem *map = cc_item_new (CC_KIND_MAP);
  CcItem *node;

  g_signal_connect (project, "changed", G_CALLBACK (on_changed), NULL);
  cc_item_set_string (actor, CC_ACTOR_NAME, "Riverside Council");
  cc_project_insert (project, root, CC_PROJECT_ACTORS, -1, actor);
  g_assert_cmpuint (changes_seen, ==, 1);
  g_assert_cmpint (last_change, ==, CC_CHANGE_INSERT);
  g_assert_cmpstr (cc_item_get_id (actor), ==, "a1");
  g_assert_true (cc_project_lookup (project, "a1") == actor);
  g_assert_true (cc_project_get_modified (project));

  cc_project_begin_group (project, "Add map");
  cc_item_set_string (map, CC_MAP_TITLE, "Today");
  cc_project_insert (project, root, CC_PROJECT_SHEETS, -1, map);
  node = cc_item_new (CC_KIND_NODE);
  cc_item_set_string (node, CC_NODE_ACTOR, "a1");
  cc_project_insert (project, map, CC_MAP_NODES, -1, node);
  cc_project_end_group (project);
  g_assert_cmpstr (cc_project_get_undo_label (project), ==, "Add map");
  g_assert_cmpuint (cc_project_get_history_length (project), ==, 2);

  /* Deleting the actor takes its node along, as one step. */
  cc_project_delete (project, actor);
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_NODES), ==, 0);
  g_assert_null (cc_project_lookup (project, "a1"));
  g_assert_true (cc_project_undo (project));
  g_assert_cmpuint (cc_item_get_n_children (map, CC_MAP_NODES), ==, 1);
  g_assert_true (cc_project_lookup (project, "a1") == actor);

  /* Setting the same value again records nothing. */
  cc_project_set_string (project, actor, CC_ACTOR_NAME, "Riverside Council");
  g_assert_false (cc_project_can_redo (project) == FALSE && cc_project_get_history_length (project) != 2);
  g_assert_cmpuint (cc_project_get_history_length (project), ==, 2);

  g_assert_true (cc_project_undo (project));
  g_assert_true (cc_project_undo (project));
  g_assert_false (cc_project_get_modified (project));
  g_assert_false (cc_project_can_undo (project));
  g_assert_true (cc_project_can_redo (project));
}

static void
test_modified_after_branch (void)
{
  g_autoptr(CcProject) project = cc_project_new ();
  CcItem *root = cc_project_get_root (project);

  cc_project_set_string (project, root, CC_PROJECT_TITLE, "A");
  cc_project_set_modified (project, FALSE);      /* saved at "A" */
  cc_project_undo (project);
  g_assert_true (cc_project_get_modified (project));
  cc_project_set_string (project, root, CC_PROJECT_TITLE, "B"); /* drops the saved state */
  cc_project_undo (project);
  g_assert_true (cc_project_get_modified (project));
  cc_project_redo (project);
  g_assert_true (cc_project_get_modified (project));
}

static void
test_forcefield_totals (void)
{
  g_autoptr(CcProject) project = cc_project_new ();
  CcItem *sheet = cc_item_new (CC_KIND_FORCEFIELD);
  int d, r;
  struct { CcSide side; int strength; int planned; } forces[] = {
    { CC_SIDE_DRIVING, 4, -1 }, { CC_SIDE_DRIVING, 3, 5 }, { CC_SIDE_RESISTING, 5, 2 }, { CC_SIDE_RESISTING, 2, -1 },
  };

  cc_item_set_string (sheet, CC_FORCEFIELD_TITLE, "Integration");
  cc_project_insert (project, cc_project_get_root (project), CC_PROJECT_SHEETS, -1, sheet);
  for (guint i = 0; i < G_N_ELEMENTS (forces); i++)
    {
      CcItem *f = cc_item_new (CC_KIND_FORCE);

      cc_item_set_int (f, CC_FORCE_SIDE, forces[i].side);
      cc_item_set_string (f, CC_FORCE_LABEL, "force");
      cc_item_set_int (f, CC_FORCE_STRENGTH, forces[i].strength);
      cc_item_set_int (f, CC_FORCE_PLANNED, forces[i].planned);
      cc_project_insert (project, sheet, CC_FORCEFIELD_FORCES, -1, f);
    }
  cc_forcefield_totals (sheet, FALSE, &d, &r);
  g_assert_cmpint (d, ==, 7);
  g_assert_cmpint (r, ==, 7);
  cc_forcefield_totals (sheet, TRUE, &d, &r);
  g_assert_cmpint (d, ==, 9);
  g_assert_cmpint (r, ==, 4);
  g_assert_true (cc_forcefield_has_plans (sheet));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/random-edits-undo-redo", test_random_edits_undo_redo);
  g_test_add_func ("/model/commands-notify-and-group", test_commands_notify_and_group);
  g_test_add_func ("/model/modified-after-branch", test_modified_after_branch);
  g_test_add_func ("/model/forcefield-totals", test_forcefield_totals);
  return g_test_run ();
}
