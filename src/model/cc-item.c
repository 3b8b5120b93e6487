/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-item"

#include "config.h"

#include <string.h>

#include "cc-item-private.h"

static const char * const empty_strv[] = { NULL };
/* Empty texts and lists are one shared value, never freed: most fields of
 * most items are empty, and a million organisations would otherwise hold
 * millions of one-byte allocations. */
static char empty_string[1];

static char *
dup_string (const char *s)
{
  return s == NULL || s[0] == '\0' ? empty_string : g_strdup (s);
}

static void
free_string (char *s)
{
  if (s != empty_string)
    g_free (s);
}

static char **
dup_strv (char **v)
{
  return v == NULL || v[0] == NULL ? (char **) empty_strv : g_strdupv (v);
}

static void
free_strv (char **v)
{
  if (v != (char **) empty_strv)
    g_strfreev (v);
}

void
cc_value_init_default (const CcFieldInfo *field, CcValue *value)
{
  switch (field->type)
    {
    case CC_VT_STRING:
    case CC_VT_COLOR:
    case CC_VT_DATETIME:
    case CC_VT_DATE:
    case CC_VT_REF:
      value->s = dup_string (field->def_str);
      break;
    case CC_VT_STRV:
    case CC_VT_REFS:
      value->v = (char **) empty_strv;
      break;
    case CC_VT_INT:
    case CC_VT_ENUM:
    case CC_VT_BOOL:
      value->i = (gint64) field->def_num;
      break;
    case CC_VT_DOUBLE:
      value->d = field->def_num;
      break;
    default:
      g_assert_not_reached ();
    }
}

void
cc_value_copy (const CcFieldInfo *field, const CcValue *src, CcValue *dest)
{
  switch (field->type)
    {
    case CC_VT_STRING:
    case CC_VT_COLOR:
    case CC_VT_DATETIME:
    case CC_VT_DATE:
    case CC_VT_REF:
      dest->s = dup_string (src->s);
      break;
    case CC_VT_STRV:
    case CC_VT_REFS:
      dest->v = dup_strv (src->v);
      break;
    default:
      *dest = *src;
      break;
    }
}

void
cc_value_clear (const CcFieldInfo *field, CcValue *value)
{
  switch (field->type)
    {
    case CC_VT_STRING:
    case CC_VT_COLOR:
    case CC_VT_DATETIME:
    case CC_VT_DATE:
    case CC_VT_REF:
      free_string (value->s);
      value->s = NULL;
      break;
    case CC_VT_STRV:
    case CC_VT_REFS:
      free_strv (value->v);
      value->v = NULL;
      break;
    default:
      break;
    }
}

gboolean
cc_value_equal (const CcFieldInfo *field, const CcValue *a, const CcValue *b)
{
  switch (field->type)
    {
    case CC_VT_STRING:
    case CC_VT_COLOR:
    case CC_VT_DATETIME:
    case CC_VT_DATE:
    case CC_VT_REF:
      return g_strcmp0 (a->s, b->s) == 0;
    case CC_VT_STRV:
    case CC_VT_REFS:
      return g_strv_equal ((const char * const *) a->v, (const char * const *) b->v);
    case CC_VT_DOUBLE:
      return a->d == b->d;
    default:
      return a->i == b->i;
    }
}

/* Whatever changes in an item (in its @slot, or -1 for its own fields)
 * changes the text of the item and of every item and slot it is in. */
static void
forget_text (CcItem *item, int slot)
{
  for (; item != NULL; slot = (int) item->slot, item = item->parent)
    {
      g_clear_pointer (&item->text, g_bytes_unref);
      if (slot >= 0 && item->slot_text != NULL)
        g_clear_pointer (&item->slot_text[slot], g_ptr_array_unref);
    }
}

void
cc_item_forget_text (CcItem *item)
{
  forget_text (item, -1);
}

CcItem *
cc_item_new (CcKind kind)
{
  const CcKindInfo *info = cc_kind_info (kind);
  CcItem *item = g_new0 (CcItem, 1);

  g_ref_count_init (&item->ref_count);
  item->kind = kind;
  item->id = empty_string;
  item->values = g_new0 (CcValue, info->n_fields);
  for (guint i = 0; i < info->n_fields; i++)
    cc_value_init_default (&info->fields[i], &item->values[i]);
  if (info->n_slots > 0)
    {
      item->slots = g_new0 (GPtrArray *, info->n_slots);
      for (guint i = 0; i < info->n_slots; i++)
        item->slots[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_item_unref);
      for (guint i = 0; i < info->n_slots; i++)
        if (info->slots[i].is_object)
          cc_item_take_child (item, i, -1, cc_item_new (info->slots[i].kinds[0]));
    }
  return item;
}

CcItem *
cc_item_ref (CcItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);
  g_ref_count_inc (&item->ref_count);
  return item;
}

void
cc_item_unref (CcItem *item)
{
  const CcKindInfo *info;

  g_return_if_fail (item != NULL);
  if (!g_ref_count_dec (&item->ref_count))
    return;

  info = cc_kind_info (item->kind);
  for (guint i = 0; i < info->n_fields; i++)
    cc_value_clear (&info->fields[i], &item->values[i]);
  g_free (item->values);
  for (guint i = 0; i < info->n_slots; i++)
    {
      /* Children may outlive us (held by an undo command): cut their back link. */
      for (guint j = 0; j < item->slots[i]->len; j++)
        ((CcItem *) item->slots[i]->pdata[j])->parent = NULL;
      g_ptr_array_unref (item->slots[i]);
    }
  g_free (item->slots);
  g_clear_pointer (&item->extra, g_bytes_unref);
  g_clear_pointer (&item->text, g_bytes_unref);
  if (item->slot_text != NULL)
    for (guint i = 0; i < info->n_slots; i++)
      g_clear_pointer (&item->slot_text[i], g_ptr_array_unref);
  g_free (item->slot_text);
  free_string (item->id);
  g_free (item);
}

CcItem *
cc_item_copy (CcItem *item)
{
  const CcKindInfo *info = cc_kind_info (item->kind);
  CcItem *copy = g_new0 (CcItem, 1);

  g_ref_count_init (&copy->ref_count);
  copy->kind = item->kind;
  copy->id = dup_string (item->id);
  copy->values = g_new0 (CcValue, info->n_fields);
  for (guint i = 0; i < info->n_fields; i++)
    cc_value_copy (&info->fields[i], &item->values[i], &copy->values[i]);
  if (info->n_slots > 0)
    {
      copy->slots = g_new0 (GPtrArray *, info->n_slots);
      for (guint i = 0; i < info->n_slots; i++)
        {
          copy->slots[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_item_unref);
          for (guint j = 0; j < item->slots[i]->len; j++)
            cc_item_take_child (copy, i, -1, cc_item_copy (item->slots[i]->pdata[j]));
        }
    }
  /* Unknown members are never changed after loading, so a copy may share them. */
  if (item->extra)
    copy->extra = g_bytes_ref (item->extra);
  copy->file_index = item->file_index;
  if (item->text)
    copy->text = g_bytes_ref (item->text);
  return copy;
}

CcKind
cc_item_get_kind (CcItem *item)
{
  return item->kind;
}

const CcKindInfo *
cc_item_get_info (CcItem *item)
{
  return cc_kind_info (item->kind);
}

const char *
cc_item_get_id (CcItem *item)
{
  return item->id;
}

void
cc_item_set_id (CcItem *item, const char *id)
{
  g_return_if_fail (item->parent == NULL);
  free_string (item->id);
  item->id = dup_string (id);
  forget_text (item, -1);
}

CcItem *
cc_item_get_parent (CcItem *item)
{
  return item->parent;
}

CcItem *
cc_item_get_sheet (CcItem *item)
{
  for (CcItem *it = item; it != NULL; it = it->parent)
    if (cc_kind_is_sheet (it->kind))
      return it;
  return NULL;
}

guint
cc_item_get_slot (CcItem *item)
{
  return item->slot;
}

guint
cc_item_get_index (CcItem *item)
{
  guint index = 0;

  if (item->parent == NULL)
    return 0;
  if (!g_ptr_array_find (item->parent->slots[item->slot], item, &index))
    g_return_val_if_reached (0);
  return index;
}

char *
cc_item_get_path (CcItem *item)
{
  GString *path = g_string_new (NULL);
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();

  for (CcItem *it = item; it->parent != NULL; it = it->parent)
    g_ptr_array_add (chain, it);
  for (guint i = chain->len; i > 0; i--)
    {
      CcItem *it = chain->pdata[i - 1];
      const CcSlotInfo *slot = &cc_kind_info (it->parent->kind)->slots[it->slot];

      if (path->len > 0)
        g_string_append_c (path, '.');
      if (slot->is_object)
        g_string_append (path, slot->name);
      else
        g_string_append_printf (path, "%s[%u]", slot->name, cc_item_get_index (it));
    }
  return g_string_free (path, FALSE);
}

static inline const CcValue *
value_of (CcItem *item, guint field, CcValueType t1, CcValueType t2)
{
  const CcKindInfo *info = cc_kind_info (item->kind);

  g_return_val_if_fail (field < info->n_fields, NULL);
  g_return_val_if_fail (info->fields[field].type == t1 || info->fields[field].type == t2, NULL);
  return &item->values[field];
}

const char *
cc_item_get_string (CcItem *item, guint field)
{
  const CcKindInfo *info = cc_kind_info (item->kind);
  CcValueType t;

  g_return_val_if_fail (field < info->n_fields, "");
  t = info->fields[field].type;
  g_return_val_if_fail (t == CC_VT_STRING || t == CC_VT_COLOR || t == CC_VT_DATETIME || t == CC_VT_DATE || t == CC_VT_REF, "");
  return item->values[field].s;
}

gint64
cc_item_get_int (CcItem *item, guint field)
{
  const CcKindInfo *info = cc_kind_info (item->kind);
  CcValueType t;

  g_return_val_if_fail (field < info->n_fields, 0);
  t = info->fields[field].type;
  g_return_val_if_fail (t == CC_VT_INT || t == CC_VT_ENUM || t == CC_VT_BOOL, 0);
  return item->values[field].i;
}

double
cc_item_get_double (CcItem *item, guint field)
{
  const CcValue *v = value_of (item, field, CC_VT_DOUBLE, CC_VT_DOUBLE);

  return v ? v->d : 0.0;
}

gboolean
cc_item_get_bool (CcItem *item, guint field)
{
  const CcValue *v = value_of (item, field, CC_VT_BOOL, CC_VT_BOOL);

  return v ? v->i != 0 : FALSE;
}

const char * const *
cc_item_get_strv (CcItem *item, guint field)
{
  const CcValue *v = value_of (item, field, CC_VT_STRV, CC_VT_REFS);

  return v ? (const char * const *) v->v : empty_strv;
}

const CcValue *
cc_item_get_value (CcItem *item, guint field)
{
  g_return_val_if_fail (field < cc_kind_info (item->kind)->n_fields, NULL);
  return &item->values[field];
}

void
cc_item_set_value (CcItem *item, guint field, const CcValue *value)
{
  const CcFieldInfo *f = cc_kind_field (item->kind, field);
  CcValue copy;

  g_return_if_fail (f != NULL);
  cc_value_copy (f, value, &copy);
  cc_value_clear (f, &item->values[field]);
  item->values[field] = copy;
  forget_text (item, -1);
}

void
cc_item_set_string (CcItem *item, guint field, const char *value)
{
  CcValue v = { .s = (char *) (value ? value : "") };

  cc_item_set_value (item, field, &v);
}

void
cc_item_set_int (CcItem *item, guint field, gint64 value)
{
  CcValue v = { .i = value };

  cc_item_set_value (item, field, &v);
}

void
cc_item_set_double (CcItem *item, guint field, double value)
{
  CcValue v = { .d = value };

  cc_item_set_value (item, field, &v);
}

void
cc_item_set_bool (CcItem *item, guint field, gboolean value)
{
  CcValue v = { .i = value ? 1 : 0 };

  cc_item_set_value (item, field, &v);
}

void
cc_item_set_strv (CcItem *item, guint field, const char * const *value)
{
  CcValue v = { .v = (char **) (value ? value : empty_strv) };

  cc_item_set_value (item, field, &v);
}

gboolean
cc_item_value_is_default (CcItem *item, guint field)
{
  const CcFieldInfo *f = cc_kind_field (item->kind, field);
  CcValue def;
  gboolean equal;

  cc_value_init_default (f, &def);
  equal = cc_value_equal (f, &def, &item->values[field]);
  cc_value_clear (f, &def);
  return equal;
}

guint
cc_item_get_n_children (CcItem *item, guint slot)
{
  g_return_val_if_fail (slot < cc_kind_info (item->kind)->n_slots, 0);
  return item->slots[slot]->len;
}

CcItem *
cc_item_get_child (CcItem *item, guint slot, guint index)
{
  g_return_val_if_fail (slot < cc_kind_info (item->kind)->n_slots, NULL);
  g_return_val_if_fail (index < item->slots[slot]->len, NULL);
  return item->slots[slot]->pdata[index];
}

GPtrArray *
cc_item_get_children (CcItem *item, guint slot)
{
  g_return_val_if_fail (slot < cc_kind_info (item->kind)->n_slots, NULL);
  return item->slots[slot];
}

void
cc_item_take_child (CcItem *item, guint slot, int index, CcItem *child)
{
  GPtrArray *arr;

  g_return_if_fail (slot < cc_kind_info (item->kind)->n_slots);
  g_return_if_fail (child->parent == NULL);
  arr = item->slots[slot];
  if (index < 0 || (guint) index > arr->len)
    index = (int) arr->len;
  g_ptr_array_insert (arr, index, child);
  child->parent = item;
  child->slot = slot;
  forget_text (item, (int) slot);
}

CcItem *
cc_item_steal_child (CcItem *item, guint slot, guint index)
{
  CcItem *child;

  g_return_val_if_fail (slot < cc_kind_info (item->kind)->n_slots, NULL);
  g_return_val_if_fail (index < item->slots[slot]->len, NULL);
  child = g_ptr_array_steal_index (item->slots[slot], index);
  child->parent = NULL;
  forget_text (item, (int) slot);
  return child;
}

void
cc_item_move_child (CcItem *item, guint slot, guint from, guint to)
{
  GPtrArray *arr;
  gpointer child;

  g_return_if_fail (slot < cc_kind_info (item->kind)->n_slots);
  arr = item->slots[slot];
  g_return_if_fail (from < arr->len && to < arr->len);
  child = g_ptr_array_steal_index (arr, from);
  g_ptr_array_insert (arr, to, child);
  forget_text (item, (int) slot);
}

GBytes *
cc_item_get_extra (CcItem *item)
{
  return item->extra;
}

void
cc_item_set_extra (CcItem *item, GBytes *extra)
{
  if (extra != NULL && g_bytes_get_size (extra) == 0)
    extra = NULL;
  if (extra)
    g_bytes_ref (extra);
  g_clear_pointer (&item->extra, g_bytes_unref);
  item->extra = extra;
  forget_text (item, -1);
}

guint
cc_item_get_file_index (CcItem *item)
{
  return item->file_index;
}

void
cc_item_set_file_index (CcItem *item, guint index)
{
  item->file_index = index;
}

GBytes *
cc_item_get_text (CcItem *item)
{
  return item->text;
}

void
cc_item_set_text (CcItem *item, GBytes *text)
{
  if (text)
    g_bytes_ref (text);
  g_clear_pointer (&item->text, g_bytes_unref);
  item->text = text;
}

GPtrArray *
cc_item_get_slot_text (CcItem *item, guint slot)
{
  g_return_val_if_fail (slot < cc_kind_info (item->kind)->n_slots, NULL);
  return item->slot_text != NULL ? item->slot_text[slot] : NULL;
}

void
cc_item_set_slot_text (CcItem *item, guint slot, GPtrArray *pieces)
{
  g_return_if_fail (slot < cc_kind_info (item->kind)->n_slots);

  if (item->slot_text == NULL)
    item->slot_text = g_new0 (GPtrArray *, cc_kind_info (item->kind)->n_slots);
  if (pieces)
    g_ptr_array_ref (pieces);
  g_clear_pointer (&item->slot_text[slot], g_ptr_array_unref);
  item->slot_text[slot] = pieces;
}
