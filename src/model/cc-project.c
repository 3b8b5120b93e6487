/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-project"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-item-private.h"
#include "cc-project.h"

typedef enum { CMD_SET, CMD_INSERT, CMD_REMOVE, CMD_MOVE } CommandType;

typedef struct
{
  CommandType  type;
  CcItem      *item;
  CcItem      *parent;
  guint        field;
  guint        slot;
  guint        index;
  guint        old_index;
  CcValue      old_value;
  CcValue      new_value;
} Command;

typedef struct
{
  char      *label;
  GPtrArray *commands;  /* Command*, in the order they were done */
  guint64    serial;
} Step;

struct _CcProject
{
  GObject     parent_instance;

  CcItem     *root;
  GHashTable *ids;          /* id -> CcItem*, not owned */

  GPtrArray  *undo_stack;   /* Step* */
  GPtrArray  *redo_stack;   /* Step* */
  Step       *open_step;    /* collecting, while group_depth > 0 */
  guint       group_depth;
  guint64     next_serial;
  guint64     n_changes;    /* every change made, done or undone */
  guint64     saved_serial; /* serial at the top of the undo stack when saved */
  gboolean    saved_unreachable;
  guint       id_counter;
  gint64      format_version;
};

G_DEFINE_FINAL_TYPE (CcProject, cc_project, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_STEP,
  PROP_TITLE,
  N_PROPS
};

enum {
  CHANGED,
  STEP_DONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
command_free (Command *cmd)
{
  if (cmd->type == CMD_SET)
    {
      const CcFieldInfo *f = cc_kind_field (cmd->item->kind, cmd->field);

      cc_value_clear (f, &cmd->old_value);
      cc_value_clear (f, &cmd->new_value);
    }
  g_clear_pointer (&cmd->item, cc_item_unref);
  g_clear_pointer (&cmd->parent, cc_item_unref);
  g_free (cmd);
}

static void
step_free (Step *step)
{
  g_free (step->label);
  g_ptr_array_unref (step->commands);
  g_free (step);
}

static Step *
step_new (const char *label)
{
  Step *step = g_new0 (Step, 1);

  step->label = g_strdup (label);
  step->commands = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  return step;
}

static void
register_ids (CcProject *self, CcItem *item)
{
  const CcKindInfo *info = cc_kind_info (item->kind);

  if (info->id_prefix != NULL)
    {
      if (item->id[0] == '\0' || g_hash_table_contains (self->ids, item->id))
        {
          if (item->id[0] != '\0')
            g_critical ("Duplicate id %s; giving the new %s a fresh one", item->id, info->name);
          if (item->id[0] != '\0')  /* "" is shared (cc-item.c) */
            g_free (item->id);
          item->id = cc_project_new_id (self, item->kind);
          /* The text kept for it (and what it is in) has the old id */
          cc_item_forget_text (item);
        }
      g_hash_table_insert (self->ids, item->id, item);
    }
  for (guint i = 0; i < info->n_slots; i++)
    for (guint j = 0; j < item->slots[i]->len; j++)
      register_ids (self, item->slots[i]->pdata[j]);
}

static void
unregister_ids (CcProject *self, CcItem *item)
{
  const CcKindInfo *info = cc_kind_info (item->kind);

  if (info->id_prefix != NULL && g_hash_table_lookup (self->ids, item->id) == item)
    g_hash_table_remove (self->ids, item->id);
  for (guint i = 0; i < info->n_slots; i++)
    for (guint j = 0; j < item->slots[i]->len; j++)
      unregister_ids (self, item->slots[i]->pdata[j]);
}

static void
emit (CcProject *self, CcChangeType type, CcItem *item, CcItem *parent,
      guint field, guint slot, guint index, guint old_index)
{
  CcChange change = { type, item, parent, field, slot, index, old_index };

  self->n_changes++;
  g_signal_emit (self, signals[CHANGED], 0, &change);
  if (type == CC_CHANGE_SET && item == self->root && field == CC_PROJECT_TITLE)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
command_apply (CcProject *self, Command *cmd, gboolean forward)
{
  switch (cmd->type)
    {
    case CMD_SET:
      cc_item_set_value (cmd->item, cmd->field, forward ? &cmd->new_value : &cmd->old_value);
      emit (self, CC_CHANGE_SET, cmd->item, NULL, cmd->field, 0, 0, 0);
      break;

    case CMD_INSERT:
    case CMD_REMOVE:
      if ((cmd->type == CMD_INSERT) == forward)
        {
          cc_item_take_child (cmd->parent, cmd->slot, (int) cmd->index, cc_item_ref (cmd->item));
          register_ids (self, cmd->item);
          emit (self, CC_CHANGE_INSERT, cmd->item, cmd->parent, 0, cmd->slot, cmd->index, 0);
        }
      else
        {
          CcItem *child;

          unregister_ids (self, cmd->item);
          child = cc_item_steal_child (cmd->parent, cmd->slot, cmd->index);
          g_assert (child == cmd->item);
          emit (self, CC_CHANGE_REMOVE, cmd->item, cmd->parent, 0, cmd->slot, cmd->index, 0);
          cc_item_unref (child);
        }
      break;

    case CMD_MOVE:
      {
        guint from = forward ? cmd->old_index : cmd->index;
        guint to = forward ? cmd->index : cmd->old_index;

        cc_item_move_child (cmd->parent, cmd->slot, from, to);
        emit (self, CC_CHANGE_MOVE, cmd->item, cmd->parent, 0, cmd->slot, to, from);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static guint64
current_serial (CcProject *self)
{
  if (self->undo_stack->len == 0)
    return 0;
  return ((Step *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->serial;
}

static void
notify_history (CcProject *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_STEP]);
}

static void
run_command (CcProject *self, Command *cmd, const char *label)
{
  gboolean own_group = self->group_depth == 0;

  if (own_group)
    cc_project_begin_group (self, label);
  command_apply (self, cmd, TRUE);
  g_ptr_array_add (self->open_step->commands, cmd);
  if (own_group)
    cc_project_end_group (self);
}

static void
cc_project_finalize (GObject *object)
{
  CcProject *self = (CcProject *) object;

  g_clear_pointer (&self->open_step, step_free);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_pointer (&self->root, cc_item_unref);

  G_OBJECT_CLASS (cc_project_parent_class)->finalize (object);
}

static void
cc_project_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CcProject *self = CC_PROJECT (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, cc_project_get_modified (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, cc_project_can_undo (self));
      break;
    case PROP_UNDO_STEP:
      g_value_set_uint64 (value, cc_project_get_undo_step (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, cc_project_can_redo (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, cc_project_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_project_class_init (CcProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cc_project_finalize;
  object_class->get_property = cc_project_get_property;

  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Notified whenever the history moves: an edit, undo, redo, a cleared history. */
  properties[PROP_UNDO_STEP] = g_param_spec_uint64 ("undo-step", NULL, NULL, 0, G_MAXUINT64, 0,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CcProject::changed:
   * @change: (type gpointer): a CcChange saying what changed and where
   *
   * Emitted after every change to the project's items, including those
   * made by undo and redo.
   */
  /**
   * CcProject::step-done:
   *
   * Emitted once a step is complete: an edit or a group of them, an undo,
   * a redo. Whoever lays out or redraws on changes can do so here, once,
   * rather than for each ::changed of the step.
   */
  signals[STEP_DONE] = g_signal_new ("step-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
cc_project_init (CcProject *self)
{
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->next_serial = 1;
  self->format_version = CC_FORMAT_VERSION;
}

/**
 * cc_project_new_for_root:
 * @root: (transfer full): a project item, with its children
 *
 * Wraps a tree built by a loader. Items without ids get fresh ones.
 */
CcProject *
cc_project_new_for_root (CcItem *root)
{
  CcProject *self;

  g_return_val_if_fail (root != NULL && root->kind == CC_KIND_PROJECT, NULL);
  self = g_object_new (CC_TYPE_PROJECT, NULL);
  self->root = root;
  register_ids (self, root);
  return self;
}

CcProject *
cc_project_new (void)
{
  /* No title until the user gives one: what shows it says "Untitled
   * Project" in its place, and the first save asks for one. */
  return cc_project_new_for_root (cc_item_new (CC_KIND_PROJECT));
}

CcItem *
cc_project_get_root (CcProject *self)
{
  g_return_val_if_fail (CC_IS_PROJECT (self), NULL);
  return self->root;
}

CcItem *
cc_project_get_meta (CcProject *self)
{
  g_return_val_if_fail (CC_IS_PROJECT (self), NULL);
  return cc_item_get_child (self->root, CC_PROJECT_META, 0);
}

const char *
cc_project_get_title (CcProject *self)
{
  g_return_val_if_fail (CC_IS_PROJECT (self), NULL);
  return cc_item_get_string (self->root, CC_PROJECT_TITLE);
}

CcItem *
cc_project_lookup (CcProject *self, const char *id)
{
  g_return_val_if_fail (CC_IS_PROJECT (self), NULL);
  if (id == NULL || id[0] == '\0')
    return NULL;
  return g_hash_table_lookup (self->ids, id);
}

char *
cc_project_new_id (CcProject *self, CcKind kind)
{
  const char *prefix = cc_kind_info (kind)->id_prefix;

  g_return_val_if_fail (prefix != NULL, NULL);
  for (;;)
    {
      char *id = g_strdup_printf ("%s%u", prefix, ++self->id_counter);

      if (!g_hash_table_contains (self->ids, id))
        return id;
      g_free (id);
    }
}

guint
cc_project_get_n_sheets (CcProject *self)
{
  return cc_item_get_n_children (self->root, CC_PROJECT_SHEETS);
}

CcItem *
cc_project_get_sheet (CcProject *self, guint index)
{
  return cc_item_get_child (self->root, CC_PROJECT_SHEETS, index);
}

CcItem *
cc_project_find_sheet (CcProject *self, const char *id_or_title)
{
  CcItem *item = cc_project_lookup (self, id_or_title);
  guint n = cc_project_get_n_sheets (self);

  if (item != NULL && cc_kind_is_sheet (item->kind))
    return item;
  for (guint i = 0; i < n; i++)
    {
      CcItem *sheet = cc_project_get_sheet (self, i);

      if (g_strcmp0 (cc_item_get_string (sheet, CC_SHEET_TITLE), id_or_title) == 0)
        return sheet;
    }
  for (guint i = 0; i < n; i++)
    {
      CcItem *sheet = cc_project_get_sheet (self, i);
      g_autofree char *a = g_utf8_casefold (cc_item_get_string (sheet, CC_SHEET_TITLE), -1);
      g_autofree char *b = g_utf8_casefold (id_or_title, -1);

      if (g_strcmp0 (a, b) == 0)
        return sheet;
    }
  return NULL;
}

CcItem *
cc_project_get_node_actor (CcProject *self, CcItem *node)
{
  CcItem *actor;

  g_return_val_if_fail (node->kind == CC_KIND_NODE, NULL);
  actor = cc_project_lookup (self, cc_item_get_string (node, CC_NODE_ACTOR));
  return actor != NULL && actor->kind == CC_KIND_ACTOR ? actor : NULL;
}

void
cc_project_set_value (CcProject *self, CcItem *item, guint field, const CcValue *value)
{
  const CcFieldInfo *f;
  Command *cmd;

  g_return_if_fail (CC_IS_PROJECT (self));
  g_return_if_fail (item != NULL);
  f = cc_kind_field (item->kind, field);
  g_return_if_fail (f != NULL);

  if (cc_value_equal (f, &item->values[field], value))
    return;

  cmd = g_new0 (Command, 1);
  cmd->type = CMD_SET;
  cmd->item = cc_item_ref (item);
  cmd->field = field;
  cc_value_copy (f, &item->values[field], &cmd->old_value);
  cc_value_copy (f, value, &cmd->new_value);
  run_command (self, cmd, _("Change"));
}

void
cc_project_set_string (CcProject *self, CcItem *item, guint field, const char *value)
{
  CcValue v = { .s = (char *) (value ? value : "") };

  cc_project_set_value (self, item, field, &v);
}

void
cc_project_set_int (CcProject *self, CcItem *item, guint field, gint64 value)
{
  CcValue v = { .i = value };

  cc_project_set_value (self, item, field, &v);
}

void
cc_project_set_double (CcProject *self, CcItem *item, guint field, double value)
{
  CcValue v = { .d = value };

  cc_project_set_value (self, item, field, &v);
}

void
cc_project_set_bool (CcProject *self, CcItem *item, guint field, gboolean value)
{
  CcValue v = { .i = value ? 1 : 0 };

  cc_project_set_value (self, item, field, &v);
}

void
cc_project_set_strv (CcProject *self, CcItem *item, guint field, const char * const *value)
{
  static const char * const empty[] = { NULL };
  CcValue v = { .v = (char **) (value ? value : empty) };

  cc_project_set_value (self, item, field, &v);
}

/**
 * cc_project_insert:
 * @child: (transfer full): an item not in any project
 *
 * Inserts @child (index -1: at the end). Items without an id get one.
 * Returns: (transfer none): @child
 */
CcItem *
cc_project_insert (CcProject *self, CcItem *parent, guint slot, int index, CcItem *child)
{
  const CcKindInfo *pinfo;
  Command *cmd;
  gboolean allowed = FALSE;

  g_return_val_if_fail (CC_IS_PROJECT (self), NULL);
  g_return_val_if_fail (parent != NULL && child != NULL, NULL);
  g_return_val_if_fail (child->parent == NULL, NULL);
  pinfo = cc_kind_info (parent->kind);
  g_return_val_if_fail (slot < pinfo->n_slots && !pinfo->slots[slot].is_object, NULL);
  for (guint i = 0; i < pinfo->slots[slot].n_kinds; i++)
    allowed |= pinfo->slots[slot].kinds[i] == child->kind;
  g_return_val_if_fail (allowed, NULL);

  if (index < 0 || (guint) index > parent->slots[slot]->len)
    index = (int) parent->slots[slot]->len;

  cmd = g_new0 (Command, 1);
  cmd->type = CMD_INSERT;
  cmd->item = child; /* takes the caller's reference */
  cmd->parent = cc_item_ref (parent);
  cmd->slot = slot;
  cmd->index = (guint) index;
  run_command (self, cmd, _("Add"));
  return child;
}

void
cc_project_remove (CcProject *self, CcItem *item)
{
  Command *cmd;

  g_return_if_fail (CC_IS_PROJECT (self));
  g_return_if_fail (item != NULL && item->parent != NULL);
  g_return_if_fail (!cc_kind_info (item->parent->kind)->slots[item->slot].is_object);

  cmd = g_new0 (Command, 1);
  cmd->type = CMD_REMOVE;
  cmd->item = cc_item_ref (item);
  cmd->parent = cc_item_ref (item->parent);
  cmd->slot = item->slot;
  cmd->index = cc_item_get_index (item);
  run_command (self, cmd, _("Remove"));
}

void
cc_project_move (CcProject *self, CcItem *item, guint index)
{
  Command *cmd;
  guint from;

  g_return_if_fail (CC_IS_PROJECT (self));
  g_return_if_fail (item != NULL && item->parent != NULL);
  g_return_if_fail (index < item->parent->slots[item->slot]->len);

  from = cc_item_get_index (item);
  if (from == index)
    return;
  cmd = g_new0 (Command, 1);
  cmd->type = CMD_MOVE;
  cmd->item = cc_item_ref (item);
  cmd->parent = cc_item_ref (item->parent);
  cmd->slot = item->slot;
  cmd->old_index = from;
  cmd->index = index;
  run_command (self, cmd, _("Move"));
}

static void
strv_without (CcProject *self, CcItem *item, guint field, const char *id)
{
  const char * const *old = cc_item_get_strv (item, field);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  if (!g_strv_contains (old, id))
    return;
  for (guint i = 0; old[i]; i++)
    if (strcmp (old[i], id) != 0)
      g_ptr_array_add (kept, (gpointer) old[i]);
  g_ptr_array_add (kept, NULL);
  cc_project_set_strv (self, item, field, (const char * const *) kept->pdata);
}

/* Removes what refers to @item and would dangle once it is gone. */
static void
delete_dependents (CcProject *self, CcItem *item)
{
  const char *id = item->id;
  CcItem *sheet = cc_item_get_sheet (item);
  guint n_sheets = cc_project_get_n_sheets (self);

  switch (item->kind)
    {
    case CC_KIND_NODE:
      {
        GPtrArray *links = cc_item_get_children (sheet, CC_MAP_LINKS);
        GPtrArray *groups = cc_item_get_children (sheet, CC_MAP_GROUPS);

        for (guint i = links->len; i > 0; i--)
          {
            CcItem *link = links->pdata[i - 1];

            if (g_str_equal (cc_item_get_string (link, CC_LINK_FROM), id) ||
                g_str_equal (cc_item_get_string (link, CC_LINK_TO), id))
              cc_project_remove (self, link);
          }
        for (guint i = 0; i < groups->len; i++)
          strv_without (self, groups->pdata[i], CC_GROUP_MEMBERS, id);
      }
      break;

    case CC_KIND_ACTOR:
      for (guint s = 0; s < n_sheets; s++)
        {
          CcItem *sh = cc_project_get_sheet (self, s);

          if (sh->kind == CC_KIND_MAP)
            {
              GPtrArray *nodes = cc_item_get_children (sh, CC_MAP_NODES);
              GPtrArray *views = cc_item_get_children (sh, CC_MAP_VIEWS);

              for (guint i = nodes->len; i > 0; i--)
                if (g_str_equal (cc_item_get_string (nodes->pdata[i - 1], CC_NODE_ACTOR), id))
                  cc_project_delete (self, nodes->pdata[i - 1]);
              /* A neighbourhood is nothing without its organisation. */
              for (guint i = views->len; i > 0; i--)
                if (g_str_equal (cc_item_get_string (views->pdata[i - 1], CC_VIEW_ACTOR), id))
                  cc_project_remove (self, views->pdata[i - 1]);
            }
          else if (sh->kind == CC_KIND_CANVAS)
            {
              GPtrArray *cards = cc_item_get_children (sh, CC_CANVAS_CARDS);

              for (guint i = 0; i < cards->len; i++)
                if (g_str_equal (cc_item_get_string (cards->pdata[i], CC_CARD_ACTOR), id))
                  cc_project_set_string (self, cards->pdata[i], CC_CARD_ACTOR, "");
            }
          else if (sh->kind == CC_KIND_FORCEFIELD)
            {
              GPtrArray *forces = cc_item_get_children (sh, CC_FORCEFIELD_FORCES);

              /* The force stays; it no longer names anyone. */
              for (guint i = 0; i < forces->len; i++)
                if (g_str_equal (cc_item_get_string (forces->pdata[i], CC_FORCE_ACTOR), id))
                  cc_project_set_string (self, forces->pdata[i], CC_FORCE_ACTOR, "");
            }
        }
      break;

    case CC_KIND_LINK_TYPE:
      for (guint s = 0; s < n_sheets; s++)
        {
          CcItem *sh = cc_project_get_sheet (self, s);

          if (sh->kind == CC_KIND_MAP)
            {
              GPtrArray *links = cc_item_get_children (sh, CC_MAP_LINKS);

              for (guint i = 0; i < links->len; i++)
                if (g_str_equal (cc_item_get_string (links->pdata[i], CC_LINK_TYPE), id))
                  cc_project_set_string (self, links->pdata[i], CC_LINK_TYPE, "informal");
              for (guint i = 0; i < cc_item_get_n_children (sh, CC_MAP_VIEWS); i++)
                strv_without (self, cc_item_get_child (sh, CC_MAP_VIEWS, i), CC_VIEW_LINK_TYPES, id);
            }
        }
      break;

    case CC_KIND_CARD:
      {
        GPtrArray *links = cc_item_get_children (sheet, CC_CANVAS_LINKS);

        for (guint i = links->len; i > 0; i--)
          {
            CcItem *link = links->pdata[i - 1];

            if (g_str_equal (cc_item_get_string (link, CC_CARD_LINK_FROM), id) ||
                g_str_equal (cc_item_get_string (link, CC_CARD_LINK_TO), id))
              cc_project_remove (self, link);
          }
      }
      break;

    default:
      break;
    }
}

/**
 * cc_project_delete:
 *
 * Removes @item and everything that would dangle without it (the links of a
 * node, the nodes of an actor…) as one undo step.
 */
void
cc_project_delete (CcProject *self, CcItem *item)
{
  g_return_if_fail (CC_IS_PROJECT (self));
  g_return_if_fail (item != NULL && item->parent != NULL);

  cc_project_begin_group (self, _("Delete"));
  cc_item_ref (item);
  delete_dependents (self, item);
  cc_project_remove (self, item);
  cc_item_unref (item);
  cc_project_end_group (self);
}

void
cc_project_begin_group (CcProject *self, const char *label)
{
  g_return_if_fail (CC_IS_PROJECT (self));

  if (self->group_depth++ == 0)
    {
      g_assert (self->open_step == NULL);
      self->open_step = step_new (label);
    }
}

void
cc_project_end_group (CcProject *self)
{
  Step *step;

  g_return_if_fail (CC_IS_PROJECT (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  step = g_steal_pointer (&self->open_step);
  if (step->commands->len == 0)
    {
      step_free (step);
      return;
    }
  step->serial = self->next_serial++;
  g_ptr_array_add (self->undo_stack, step);
  if (self->redo_stack->len > 0)
    {
      /* The saved state may have been on the redo branch we drop. */
      for (guint i = 0; i < self->redo_stack->len; i++)
        if (((Step *) self->redo_stack->pdata[i])->serial == self->saved_serial)
          self->saved_unreachable = TRUE;
      g_ptr_array_set_size (self->redo_stack, 0);
    }
  notify_history (self);
  g_signal_emit (self, signals[STEP_DONE], 0);
}

gboolean
cc_project_can_undo (CcProject *self)
{
  g_return_val_if_fail (CC_IS_PROJECT (self), FALSE);
  return self->undo_stack->len > 0 && self->group_depth == 0;
}

gboolean
cc_project_can_redo (CcProject *self)
{
  g_return_val_if_fail (CC_IS_PROJECT (self), FALSE);
  return self->redo_stack->len > 0 && self->group_depth == 0;
}

const char *
cc_project_get_undo_label (CcProject *self)
{
  if (!cc_project_can_undo (self))
    return NULL;
  return ((Step *) self->undo_stack->pdata[self->undo_stack->len - 1])->label;
}

const char *
cc_project_get_redo_label (CcProject *self)
{
  if (!cc_project_can_redo (self))
    return NULL;
  return ((Step *) self->redo_stack->pdata[self->redo_stack->len - 1])->label;
}

gboolean
cc_project_undo (CcProject *self)
{
  Step *step;

  if (!cc_project_can_undo (self))
    return FALSE;
  step = g_ptr_array_steal_index (self->undo_stack, self->undo_stack->len - 1);
  for (guint i = step->commands->len; i > 0; i--)
    command_apply (self, step->commands->pdata[i - 1], FALSE);
  g_ptr_array_add (self->redo_stack, step);
  notify_history (self);
  g_signal_emit (self, signals[STEP_DONE], 0);
  return TRUE;
}

gboolean
cc_project_redo (CcProject *self)
{
  Step *step;

  if (!cc_project_can_redo (self))
    return FALSE;
  step = g_ptr_array_steal_index (self->redo_stack, self->redo_stack->len - 1);
  for (guint i = 0; i < step->commands->len; i++)
    command_apply (self, step->commands->pdata[i], TRUE);
  g_ptr_array_add (self->undo_stack, step);
  notify_history (self);
  g_signal_emit (self, signals[STEP_DONE], 0);
  return TRUE;
}

/**
 * cc_project_get_undo_step:
 * @self: a project
 *
 * Names the step Undo would undo now, so that whoever announced a step can
 * tell whether it is still the last one: each step done gets a number never
 * used before, kept when it is undone and redone.
 *
 * Returns: the step's number, or 0 when there is nothing to undo
 */
guint64
cc_project_get_undo_step (CcProject *self)
{
  g_return_val_if_fail (CC_IS_PROJECT (self), 0);
  return self->group_depth == 0 ? current_serial (self) : 0;
}

guint
cc_project_get_history_length (CcProject *self)
{
  return self->undo_stack->len;
}

void
cc_project_clear_history (CcProject *self)
{
  gboolean modified = cc_project_get_modified (self);

  g_return_if_fail (self->group_depth == 0);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  self->saved_serial = 0;
  self->saved_unreachable = modified;
  notify_history (self);
}

gint64
cc_project_get_format_version (CcProject *self)
{
  g_return_val_if_fail (CC_IS_PROJECT (self), CC_FORMAT_VERSION);
  return self->format_version;
}

void
cc_project_set_format_version (CcProject *self, gint64 version)
{
  g_return_if_fail (CC_IS_PROJECT (self));
  self->format_version = MAX (version, CC_FORMAT_VERSION);
}

gboolean
cc_project_get_modified (CcProject *self)
{
  g_return_val_if_fail (CC_IS_PROJECT (self), FALSE);
  return self->saved_unreachable || current_serial (self) != self->saved_serial;
}

/**
 * cc_project_set_modified:
 *
 * FALSE marks the present state as saved; TRUE marks the project as
 * differing from any file (a recovered or partly read project).
 */
void
cc_project_set_modified (CcProject *self, gboolean modified)
{
  g_return_if_fail (CC_IS_PROJECT (self));
  self->saved_serial = current_serial (self);
  self->saved_unreachable = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
cc_forcefield_totals (CcItem *sheet, gboolean planned, int *driving, int *resisting)
{
  GPtrArray *forces;
  int sums[CC_N_SIDES] = { 0, 0 };

  g_return_if_fail (sheet != NULL && sheet->kind == CC_KIND_FORCEFIELD);
  forces = cc_item_get_children (sheet, CC_FORCEFIELD_FORCES);
  for (guint i = 0; i < forces->len; i++)
    {
      CcItem *force = forces->pdata[i];
      gint64 side = cc_item_get_int (force, CC_FORCE_SIDE);
      gint64 strength = cc_item_get_int (force, CC_FORCE_STRENGTH);

      if (planned)
        {
          gint64 p = cc_item_get_int (force, CC_FORCE_PLANNED);

          if (p >= 0)
            strength = p;
          else if (cc_item_get_int (force, CC_FORCE_ACTION) == CC_ACTION_REMOVE)
            strength = 0;
        }
      if (side >= 0 && side < CC_N_SIDES)
        sums[side] += (int) strength;
    }
  if (driving)
    *driving = sums[CC_SIDE_DRIVING];
  if (resisting)
    *resisting = sums[CC_SIDE_RESISTING];
}

gboolean
cc_forcefield_has_plans (CcItem *sheet)
{
  GPtrArray *forces = cc_item_get_children (sheet, CC_FORCEFIELD_FORCES);

  for (guint i = 0; i < forces->len; i++)
    if (cc_item_get_int (forces->pdata[i], CC_FORCE_PLANNED) >= 0 ||
        cc_item_get_int (forces->pdata[i], CC_FORCE_ACTION) != CC_ACTION_NONE)
      return TRUE;
  return FALSE;
}

/**
 * cc_project_get_change_count:
 *
 * Counts every change the project has announced (edits, undos, redos), so
 * that whatever is worked out from the project can tell when it is stale.
 *
 * Returns: the number of changes so far
 */
guint64
cc_project_get_change_count (CcProject *self)
{
  g_return_val_if_fail (CC_IS_PROJECT (self), 0);
  return self->n_changes;
}
