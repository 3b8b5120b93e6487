/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-selection"

#include "config.h"

#include "cc-selection.h"

struct _CcSelection
{
  GObject    parent_instance;

  CcProject *project;
  CcItem    *sheet;
  GPtrArray *items;   /* CcItem*, owned refs */
  gulong     changed_id;
};

G_DEFINE_FINAL_TYPE (CcSelection, cc_selection, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (CcSelection *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
is_in_project (CcSelection *self, CcItem *item)
{
  const char *id = cc_item_get_id (item);

  return self->project != NULL && id[0] != '\0' && cc_project_lookup (self->project, id) == item;
}

static void
project_changed_cb (CcSelection *self, CcChange *change, CcProject *project)
{
  gboolean dropped = FALSE;

  if (change->type != CC_CHANGE_REMOVE)
    return;
  for (guint i = self->items->len; i > 0; i--)
    if (!is_in_project (self, self->items->pdata[i - 1]))
      {
        g_ptr_array_remove_index (self->items, i - 1);
        dropped = TRUE;
      }
  if (dropped)
    emit_changed (self);
}

static void
cc_selection_dispose (GObject *object)
{
  CcSelection *self = CC_SELECTION (object);

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);
  g_clear_pointer (&self->sheet, cc_item_unref);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (cc_selection_parent_class)->dispose (object);
}

static void
cc_selection_finalize (GObject *object)
{
  CcSelection *self = CC_SELECTION (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (cc_selection_parent_class)->finalize (object);
}

static void
cc_selection_class_init (CcSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cc_selection_dispose;
  object_class->finalize = cc_selection_finalize;

  /**
   * CcSelection::changed:
   *
   * Emitted when the selected items change.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cc_selection_init (CcSelection *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_item_unref);
}

CcSelection *
cc_selection_new (void)
{
  return g_object_new (CC_TYPE_SELECTION, NULL);
}

void
cc_selection_set_sheet (CcSelection *self, CcProject *project, CcItem *sheet)
{
  g_return_if_fail (CC_IS_SELECTION (self));

  if (self->project != project)
    {
      if (self->project != NULL)
        g_clear_signal_handler (&self->changed_id, self->project);
      g_set_object (&self->project, project);
      if (project != NULL)
        self->changed_id = g_signal_connect_object (project, "changed", G_CALLBACK (project_changed_cb),
                                                    self, G_CONNECT_SWAPPED);
    }
  if (self->sheet != sheet)
    {
      g_clear_pointer (&self->sheet, cc_item_unref);
      if (sheet != NULL)
        self->sheet = cc_item_ref (sheet);
    }
  if (self->items->len > 0)
    {
      g_ptr_array_set_size (self->items, 0);
      emit_changed (self);
    }
}

CcProject *
cc_selection_get_project (CcSelection *self)
{
  g_return_val_if_fail (CC_IS_SELECTION (self), NULL);
  return self->project;
}

CcItem *
cc_selection_get_sheet (CcSelection *self)
{
  g_return_val_if_fail (CC_IS_SELECTION (self), NULL);
  return self->sheet;
}

guint
cc_selection_get_n_items (CcSelection *self)
{
  g_return_val_if_fail (CC_IS_SELECTION (self), 0);
  return self->items->len;
}

CcItem *
cc_selection_get_item (CcSelection *self, guint index)
{
  g_return_val_if_fail (CC_IS_SELECTION (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return self->items->pdata[index];
}

GPtrArray *
cc_selection_get_items (CcSelection *self)
{
  g_return_val_if_fail (CC_IS_SELECTION (self), NULL);
  return self->items;
}

CcItem *
cc_selection_get_single (CcSelection *self)
{
  g_return_val_if_fail (CC_IS_SELECTION (self), NULL);
  return self->items->len == 1 ? self->items->pdata[0] : NULL;
}

gboolean
cc_selection_contains (CcSelection *self, CcItem *item)
{
  g_return_val_if_fail (CC_IS_SELECTION (self), FALSE);
  return g_ptr_array_find (self->items, item, NULL);
}

void
cc_selection_add (CcSelection *self, CcItem *item)
{
  g_return_if_fail (CC_IS_SELECTION (self));
  g_return_if_fail (item != NULL);

  if (cc_selection_contains (self, item))
    return;
  g_ptr_array_add (self->items, cc_item_ref (item));
  emit_changed (self);
}

void
cc_selection_remove (CcSelection *self, CcItem *item)
{
  g_return_if_fail (CC_IS_SELECTION (self));

  if (g_ptr_array_remove (self->items, item))
    emit_changed (self);
}

void
cc_selection_toggle (CcSelection *self, CcItem *item)
{
  if (cc_selection_contains (self, item))
    cc_selection_remove (self, item);
  else
    cc_selection_add (self, item);
}

void
cc_selection_set_items (CcSelection *self, GPtrArray *items)
{
  g_return_if_fail (CC_IS_SELECTION (self));

  if (items != NULL && items->len == self->items->len)
    {
      gboolean same = TRUE;

      for (guint i = 0; i < items->len && same; i++)
        same = items->pdata[i] == self->items->pdata[i];
      if (same)
        return;
    }
  else if ((items == NULL || items->len == 0) && self->items->len == 0)
    return;

  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; items != NULL && i < items->len; i++)
    if (!g_ptr_array_find (self->items, items->pdata[i], NULL))
      g_ptr_array_add (self->items, cc_item_ref (items->pdata[i]));
  emit_changed (self);
}

void
cc_selection_select (CcSelection *self, CcItem *item)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  if (item != NULL)
    g_ptr_array_add (one, item);
  cc_selection_set_items (self, one);
}

void
cc_selection_clear (CcSelection *self)
{
  cc_selection_set_items (self, NULL);
}

GPtrArray *
cc_selection_get_of_kind (CcSelection *self, CcKind kind)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (CC_IS_SELECTION (self), out);
  for (guint i = 0; i < self->items->len; i++)
    if (cc_item_get_kind (self->items->pdata[i]) == kind)
      g_ptr_array_add (out, self->items->pdata[i]);
  return out;
}
