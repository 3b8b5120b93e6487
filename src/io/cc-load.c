/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-load"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-io.h"
#include "cc-json.h"
#include "cc-read-file.h"
#include "cc-template.h"
#include "cc-template-library.h"

/* After this many errors the rest are summed up in one line. */
#define MAX_REPORTED_ERRORS 200

typedef struct
{
  CcLoadResult *result;
  GHashTable   *ids;     /* id -> CcItem* (not owned), all items read */
  GHashTable   *paths;   /* CcItem* -> char* path in the file */
  guint         n_suppressed;
} Reader;

static void
problem_free (CcProblem *problem)
{
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (Reader *r, CcProblemSeverity severity, const char *path,
             guint line, guint column, const char *format, ...) G_GNUC_PRINTF (6, 7);

static void
add_problem (Reader *r, CcProblemSeverity severity, const char *path,
             guint line, guint column, const char *format, ...)
{
  CcProblem *problem;
  va_list args;

  if (severity == CC_PROBLEM_ERROR)
    {
      if (r->result->n_errors++ >= MAX_REPORTED_ERRORS)
        {
          r->n_suppressed++;
          return;
        }
    }
  problem = g_new0 (CcProblem, 1);
  problem->severity = severity;
  problem->path = g_strdup (path ? path : "");
  problem->line = line;
  problem->column = column;
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (r->result->problems, problem);
}

#define error_at(r, path, ...) add_problem (r, CC_PROBLEM_ERROR, path, 0, 0, __VA_ARGS__)

static char *
member_path (const char *path, const char *name)
{
  if (path == NULL || path[0] == '\0')
    return g_strdup (name);
  return g_strconcat (path, ".", name, NULL);
}

/* Reports a problem at member @name (element @index unless -1) of the item
 * at @parent; the path is only built when there is something to report. */
static void G_GNUC_PRINTF (5, 6)
error_field (Reader *r, const char *parent, const char *name, int index, const char *format, ...)
{
  g_autofree char *path = member_path (parent, name);
  g_autofree char *message = NULL;
  va_list args;

  if (index >= 0)
    {
      char *indexed = g_strdup_printf ("%s[%d]", path, index);

      g_free (path);
      path = indexed;
    }
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  add_problem (r, CC_PROBLEM_ERROR, path, 0, 0, "%s", message);
}

static const char *
json_type_name (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      {
        GType t = json_node_get_value_type (node);

        if (t == G_TYPE_STRING)
          return _("a string");
        if (t == G_TYPE_BOOLEAN)
          return _("true or false");
        return _("a number");
      }
    }
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_number (JsonNode *node)
{
  GType t;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  t = json_node_get_value_type (node);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

static char *
enum_choices (const char * const *names)
{
  GString *s = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; names[i]; i++)
    if (names[i][0] != '\0')
      n++;
  for (guint i = 0, k = 0; names[i]; i++)
    {
      if (names[i][0] == '\0')
        continue;
      if (k > 0)
        g_string_append (s, k == n - 1 ? _(" or ") : ", ");
      g_string_append (s, names[i]);
      k++;
    }
  return g_string_free (s, FALSE);
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

/* "1 to 5", for messages. */
static char *
range_text (const CcFieldInfo *field)
{
  g_autofree char *lo = format_number (field->min);
  g_autofree char *hi = format_number (field->max);

  return g_strdup_printf (_("%s to %s"), lo, hi);
}

static gboolean
check_string (Reader *r, const char *parent, const char *name, int index,
              const CcFieldInfo *field, JsonNode *node, const char **out)
{
  const char *s;
  gsize len;

  if (!is_string (node))
    {
      error_field (r, parent, name, index, _("expected a string, found %s"), json_type_name (node));
      return FALSE;
    }
  s = json_node_get_string (node);
  len = strlen (s);
  if (len > CC_MAX_STRING_LENGTH)
    {
      error_field (r, parent, name, index, _("text of %" G_GSIZE_FORMAT " bytes is longer than the limit of %d"),
                len, CC_MAX_STRING_LENGTH);
      return FALSE;
    }
  if (field != NULL && (field->flags & CC_FIELD_NONEMPTY) && s[0] == '\0')
    {
      error_field (r, parent, name, index, _("must not be empty"));
      return FALSE;
    }
  *out = s;
  return TRUE;
}

/* Reads one field's value from @node into @item. FALSE on error. */
static gboolean
read_field (Reader *r, CcItem *item, guint index, const CcFieldInfo *field,
            JsonNode *node, const char *parent, const char *name)
{
  const char *s = NULL;

  switch (field->type)
    {
    case CC_VT_STRING:
      if (!check_string (r, parent, name, -1, field, node, &s))
        return FALSE;
      cc_item_set_string (item, index, s);
      return TRUE;

    case CC_VT_COLOR:
      if (!check_string (r, parent, name, -1, field, node, &s))
        return FALSE;
      if ((s[0] != '\0' || (field->flags & CC_FIELD_REQUIRED)) && !cc_color_is_valid (s))
        {
          error_field (r, parent, name, -1, _("“%s” is not a colour of the form #rrggbb"), s);
          return FALSE;
        }
      cc_item_set_string (item, index, s);
      return TRUE;

    case CC_VT_DATETIME:
      if (!check_string (r, parent, name, -1, field, node, &s))
        return FALSE;
      if (s[0] != '\0' && !cc_datetime_is_valid (s))
        {
          error_field (r, parent, name, -1, _("“%s” is not an RFC 3339 date and time (such as 2026-03-01T09:30:00Z)"), s);
          return FALSE;
        }
      cc_item_set_string (item, index, s);
      return TRUE;

    case CC_VT_DATE:
      if (!check_string (r, parent, name, -1, field, node, &s))
        return FALSE;
      if (s[0] != '\0' && !cc_date_is_valid (s))
        {
          error_field (r, parent, name, -1, _("“%s” is not a date of the form YYYY-MM-DD"), s);
          return FALSE;
        }
      cc_item_set_string (item, index, s);
      return TRUE;

    case CC_VT_REF:
      if (!check_string (r, parent, name, -1, field, node, &s))
        return FALSE;
      if ((field->flags & CC_FIELD_REQUIRED) && s[0] == '\0')
        {
          error_field (r, parent, name, -1, _("must name a %s"), cc_kind_info (field->ref_kind)->name);
          return FALSE;
        }
      cc_item_set_string (item, index, s);
      return TRUE;

    case CC_VT_INT:
      {
        double d;
        gint64 v;

        if (!is_number (node))
          {
            g_autofree char *range = range_text (field);

            error_field (r, parent, name, -1, _("expected a whole number from %s, found %s"), range, json_type_name (node));
            return FALSE;
          }
        d = json_node_get_value_type (node) == G_TYPE_INT64 ? (double) json_node_get_int (node)
                                                            : json_node_get_double (node);
        if (d != floor (d))
          {
            g_autofree char *text = format_number (d);
            g_autofree char *range = range_text (field);

            error_field (r, parent, name, -1, _("expected a whole number from %s, found %s"), range, text);
            return FALSE;
          }
        if (d < field->min || d > field->max)
          {
            g_autofree char *text = format_number (d);
            g_autofree char *range = range_text (field);

            error_field (r, parent, name, -1, _("%s is out of range (%s)"), text, range);
            return FALSE;
          }
        v = (gint64) d;
        cc_item_set_int (item, index, v);
        return TRUE;
      }

    case CC_VT_DOUBLE:
      {
        double d;

        if (!is_number (node))
          {
            error_field (r, parent, name, -1, _("expected a number, found %s"), json_type_name (node));
            return FALSE;
          }
        d = json_node_get_value_type (node) == G_TYPE_INT64 ? (double) json_node_get_int (node)
                                                            : json_node_get_double (node);
        if (!isfinite (d) || d < field->min || d > field->max)
          {
            g_autofree char *text = format_number (d);
            g_autofree char *range = range_text (field);

            error_field (r, parent, name, -1, _("%s is out of range (%s)"), text, range);
            return FALSE;
          }
        cc_item_set_double (item, index, d);
        return TRUE;
      }

    case CC_VT_BOOL:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          error_field (r, parent, name, -1, _("expected true or false, found %s"), json_type_name (node));
          return FALSE;
        }
      cc_item_set_bool (item, index, json_node_get_boolean (node));
      return TRUE;

    case CC_VT_ENUM:
      {
        int v = -1;

        if (is_string (node))
          for (int i = 0; field->enum_values[i]; i++)
            if (strcmp (field->enum_values[i], json_node_get_string (node)) == 0)
              v = i;
        if (v < 0)
          {
            g_autofree char *choices = enum_choices (field->enum_values);

            if (is_string (node))
              error_field (r, parent, name, -1, _("unknown value “%s” (expected %s)"),
                        json_node_get_string (node), choices);
            else
              error_field (r, parent, name, -1, _("expected one of %s, found %s"), choices, json_type_name (node));
            return FALSE;
          }
        cc_item_set_int (item, index, v);
        return TRUE;
      }

    case CC_VT_STRV:
    case CC_VT_REFS:
      {
        JsonArray *array;
        guint n;
        g_autoptr(GPtrArray) strv = NULL;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          {
            error_field (r, parent, name, -1, _("expected an array of strings, found %s"), json_type_name (node));
            return FALSE;
          }
        array = json_node_get_array (node);
        n = json_array_get_length (array);
        strv = g_ptr_array_new_full (n + 1, NULL);
        for (guint i = 0; i < n; i++)
          {
            if (!check_string (r, parent, name, (int) i, NULL, json_array_get_element (array, i), &s))
              return FALSE;
            g_ptr_array_add (strv, (gpointer) s);
          }
        g_ptr_array_add (strv, NULL);
        cc_item_set_strv (item, index, (const char * const *) strv->pdata);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static CcItem *read_item (Reader *r, JsonObject *object, CcKind kind, const char *path);
static void    forget_item (Reader *r, CcItem *item);

static CcKind
sheet_kind (Reader *r, JsonObject *object, const char *path, gboolean *ok)
{
  JsonNode *type = json_object_get_member (object, "type");
  g_autofree char *tpath = member_path (path, "type");

  *ok = FALSE;
  if (type == NULL)
    {
      error_at (r, tpath, _("missing: a sheet needs a type (map, forcefield or canvas)"));
      return CC_KIND_MAP;
    }
  if (is_string (type))
    {
      const char *tag = json_node_get_string (type);

      for (CcKind k = 0; k < CC_N_KINDS; k++)
        if (g_strcmp0 (cc_kind_info (k)->type_tag, tag) == 0)
          {
            *ok = TRUE;
            return k;
          }
      error_at (r, tpath, _("unknown sheet type “%s” (expected map, forcefield or canvas)"), tag);
    }
  else
    error_at (r, tpath, _("expected a string, found %s"), json_type_name (type));
  return CC_KIND_MAP;
}

static void
read_slot (Reader *r, CcItem *item, guint slot_index, const CcSlotInfo *slot,
           JsonNode *node, const char *path)
{
  JsonArray *array;
  guint n;

  if (slot->is_object)
    {
      CcItem *child;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          error_at (r, path, _("expected an object, found %s"), json_type_name (node));
          return;
        }
      child = read_item (r, json_node_get_object (node), slot->kinds[0], path);
      if (child != NULL)
        {
          CcItem *replaced = cc_item_steal_child (item, slot_index, 0);

          forget_item (r, replaced);
          cc_item_unref (replaced);
          cc_item_take_child (item, slot_index, 0, child);
        }
      return;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      error_at (r, path, _("expected an array, found %s"), json_type_name (node));
      return;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *epath = g_strdup_printf ("%s[%u]", path, i);
      CcKind kind = slot->kinds[0];
      CcItem *child;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          error_at (r, epath, _("expected an object, found %s"), json_type_name (element));
          continue;
        }
      if (slot->n_kinds > 1)
        {
          gboolean ok;

          kind = sheet_kind (r, json_node_get_object (element), epath, &ok);
          if (!ok)
            continue;
        }
      child = read_item (r, json_node_get_object (element), kind, epath);
      if (child != NULL)
        cc_item_take_child (item, slot_index, -1, child);
    }
}

/* Reads an item; NULL when it is too damaged to keep (the reason is reported). */
static CcItem *
read_item (Reader *r, JsonObject *object, CcKind kind, const char *path)
{
  const CcKindInfo *info = cc_kind_info (kind);
  g_autoptr(CcItem) item = cc_item_new (kind);
  g_autofree gboolean *seen = g_new0 (gboolean, info->n_fields);
  JsonObject *extra = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  gboolean keep = TRUE;
  gboolean have_id = FALSE;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      int field;

      if (info->id_prefix != NULL && strcmp (name, "id") == 0)
        {
          const char *id;
          CcItem *other;

          have_id = TRUE;
          if (!is_string (node))
            {
              error_field (r, path, name, -1, _("expected a string, found %s"), json_type_name (node));
              keep = FALSE;
              continue;
            }
          id = json_node_get_string (node);
          if (!cc_id_is_valid (id))
            {
              error_field (r, path, name, -1, _("“%s” is not a valid id (1 to %d characters, no control characters)"),
                        id, CC_MAX_ID_LENGTH);
              keep = FALSE;
              continue;
            }
          other = g_hash_table_lookup (r->ids, id);
          if (other != NULL)
            {
              error_field (r, path, name, -1, _("duplicate id “%s” (already used at %s)"), id,
                        (const char *) g_hash_table_lookup (r->paths, other));
              keep = FALSE;
              continue;
            }
          /* Taken at once, so a child with the same id is told apart;
           * given back if the item is dropped (forget_item). */
          cc_item_set_id (item, id);
          g_hash_table_insert (r->ids, (gpointer) cc_item_get_id (item), item);
          g_hash_table_insert (r->paths, item, g_strdup (path));
          continue;
        }
      if (info->type_tag != NULL && strcmp (name, "type") == 0)
        continue;
      if ((kind == CC_KIND_PROJECT || (kind == CC_KIND_TEMPLATE && path[0] == '\0'))
          && (strcmp (name, "format") == 0 || strcmp (name, "version") == 0))
        continue;

      field = cc_kind_find_field (kind, name);
      if (field >= 0)
        {
          const CcFieldInfo *f = &info->fields[field];

          seen[field] = TRUE;
          if (!read_field (r, item, (guint) field, f, node, path, name) && (f->flags & CC_FIELD_REQUIRED))
            keep = FALSE;
          continue;
        }

      {
        gboolean is_slot = FALSE;

        for (guint i = 0; i < info->n_slots; i++)
          if (strcmp (info->slots[i].name, name) == 0)
            {
              g_autofree char *spath = member_path (path, name);

              read_slot (r, item, i, &info->slots[i], node, spath);
              is_slot = TRUE;
              break;
            }
        if (is_slot)
          continue;
      }

      /* A member this build does not know: keep it to write back. */
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, name, json_node_copy (node));
    }

  if (extra != NULL)
    {
      cc_item_set_extra (item, extra);
      json_object_unref (extra);
    }

  if (info->id_prefix != NULL && !have_id)
    {
      g_autofree char *mpath = member_path (path, "id");

      error_at (r, mpath, _("missing: every %s needs an id"), info->name);
      keep = FALSE;
    }
  for (guint i = 0; i < info->n_fields; i++)
    if ((info->fields[i].flags & CC_FIELD_REQUIRED) && !seen[i])
      {
        g_autofree char *mpath = member_path (path, info->fields[i].name);

        error_at (r, mpath, _("missing: a %s needs a %s"), info->name, info->fields[i].name);
        keep = FALSE;
      }

  if (!keep)
    {
      /* What the item and its children entered in the tables leaves with
       * them: nothing may point at an item once it is freed. */
      forget_item (r, item);
      return NULL;
    }
  return g_steal_pointer (&item);
}

static const char *
item_path (Reader *r, CcItem *item)
{
  const char *path = g_hash_table_lookup (r->paths, item);

  return path ? path : "";
}

/* Takes @item and everything in it out of the reader's tables: called for
 * every item that is dropped or replaced before it is freed. */
static void
forget_item (Reader *r, CcItem *item)
{
  const CcKindInfo *info = cc_item_get_info (item);
  const char *id = cc_item_get_id (item);

  if (id != NULL && id[0] != '\0' && g_hash_table_lookup (r->ids, id) == item)
    g_hash_table_remove (r->ids, id);
  g_hash_table_remove (r->paths, item);
  for (guint s = 0; s < info->n_slots; s++)
    for (guint i = 0; i < cc_item_get_n_children (item, s); i++)
      forget_item (r, cc_item_get_child (item, s, i));
}

/* Removes child @index of @slot of @parent, and forgets it. */
static void
drop_child (Reader *r, CcItem *parent, guint slot, guint index)
{
  CcItem *dropped = cc_item_steal_child (parent, slot, index);

  forget_item (r, dropped);
  cc_item_unref (dropped);
}

/* Is @id a valid target for @field of @item? Reports why not. */
static gboolean
check_ref (Reader *r, CcItem *item, const CcFieldInfo *field, const char *id, int index)
{
  const char *kind_name = cc_kind_info (field->ref_kind)->name;
  CcItem *target;

  if (field->ref_kind == CC_KIND_LINK_TYPE && cc_builtin_link_type (id) != NULL)
    return TRUE;
  target = g_hash_table_lookup (r->ids, id);
  if (target == NULL)
    {
      error_field (r, item_path (r, item), field->name, index, _("no %s “%s”"), kind_name, id);
      return FALSE;
    }
  if (cc_item_get_kind (target) != field->ref_kind)
    {
      error_field (r, item_path (r, item), field->name, index, _("“%s” is a %s, not a %s"), id, cc_item_get_info (target)->name, kind_name);
      return FALSE;
    }
  if ((field->flags & CC_FIELD_SAME_SHEET) && cc_item_get_sheet (target) != cc_item_get_sheet (item))
    {
      error_field (r, item_path (r, item), field->name, index, _("%s “%s” is on another sheet (%s)"), kind_name, id, item_path (r, target));
      return FALSE;
    }
  return TRUE;
}

/* Checks the references of every item in @slot of @parent, dropping items
 * whose required references dangle and clearing optional ones. */
static void
check_slot_refs (Reader *r, CcItem *parent, guint slot)
{
  GPtrArray *items = cc_item_get_children (parent, slot);

  for (guint i = items->len; i > 0; i--)
    {
      CcItem *item = items->pdata[i - 1];
      const CcKindInfo *info = cc_item_get_info (item);
      gboolean keep = TRUE;

      for (guint f = 0; f < info->n_fields; f++)
        {
          const CcFieldInfo *field = &info->fields[f];

          if (field->type == CC_VT_REF)
            {
              const char *id = cc_item_get_string (item, f);

              if (id[0] == '\0' || check_ref (r, item, field, id, -1))
                continue;
              if (field->flags & CC_FIELD_REQUIRED)
                keep = FALSE;
              else
                cc_item_set_string (item, f, "");
            }
          else if (field->type == CC_VT_REFS)
            {
              const char * const *ids = cc_item_get_strv (item, f);
              g_autoptr(GPtrArray) good = g_ptr_array_new ();
              g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
              gboolean changed = FALSE;

              for (guint k = 0; ids[k]; k++)
                {
                  if (!g_hash_table_add (seen, (gpointer) ids[k]))
                    {
                      error_field (r, item_path (r, item), field->name, (int) k, _("“%s” is listed twice"), ids[k]);
                      changed = TRUE;
                    }
                  else if (check_ref (r, item, field, ids[k], (int) k))
                    g_ptr_array_add (good, (gpointer) ids[k]);
                  else
                    changed = TRUE;
                }
              if (changed)
                {
                  g_auto(GStrv) copy = NULL;

                  g_ptr_array_add (good, NULL);
                  copy = g_strdupv ((char **) good->pdata);
                  cc_item_set_strv (item, f, (const char * const *) copy);
                }
            }
        }

      if (keep && (info->kind == CC_KIND_LINK || info->kind == CC_KIND_CARD_LINK) &&
          strcmp (cc_item_get_string (item, 0), cc_item_get_string (item, 1)) == 0)
        {
          g_autofree char *path = member_path (item_path (r, item), "to");

          error_at (r, path, _("a link cannot join “%s” to itself"), cc_item_get_string (item, 0));
          keep = FALSE;
        }

      if (!keep)
        drop_child (r, parent, slot, i - 1);
    }
}

static void
check_references (Reader *r, CcItem *root)
{
  GPtrArray *link_types = cc_item_get_children (root, CC_PROJECT_LINK_TYPES);
  GPtrArray *sheets = cc_item_get_children (root, CC_PROJECT_SHEETS);

  for (guint i = link_types->len; i > 0; i--)
    {
      CcItem *type = link_types->pdata[i - 1];

      if (cc_builtin_link_type (cc_item_get_id (type)) != NULL)
        {
          g_autofree char *path = member_path (item_path (r, type), "id");

          error_at (r, path, _("“%s” is the id of a built-in link type"), cc_item_get_id (type));
          drop_child (r, root, CC_PROJECT_LINK_TYPES, i - 1);
        }
    }

  /* Nodes first: a node dropped for want of an actor takes its links along. */
  for (guint i = 0; i < sheets->len; i++)
    {
      CcItem *sheet = sheets->pdata[i];
      const CcKindInfo *info = cc_item_get_info (sheet);

      for (guint s = 0; s < info->n_slots; s++)
        check_slot_refs (r, sheet, s);
    }
}

/* A syntax error's text without its place, which goes in the problem's
 * fields rather than twice in its text. */
static const char *
syntax_message (const char *message, guint line)
{
  const char *rest = line > 0 ? strstr (message, ": ") : NULL;

  return rest != NULL && g_str_has_prefix (message, "line ") ? rest + 2 : message;
}

typedef struct
{
  Reader     *reader;
  const char *prefix;
} TemplateReport;

static void
report_template (const char *path, const char *message, gpointer data)
{
  TemplateReport *t = data;
  g_autofree char *full = member_path (t->prefix, path);

  error_at (t->reader, full, "%s", message);
}

/* The rules of templates beyond their fields': a copy that breaks them, or
 * a second copy of one id, is left out (its canvas then falls back to the
 * installed template of that id). */
static void
check_templates (Reader *r, CcItem *root)
{
  GPtrArray *templates = cc_item_get_children (root, CC_PROJECT_TEMPLATES);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) drop = g_ptr_array_new ();

  for (guint i = 0; i < templates->len; i++)
    {
      CcItem *tmpl = templates->pdata[i];
      const char *id = cc_item_get_string (tmpl, CC_TEMPLATE_ID);
      g_autofree char *prefix = g_strdup_printf ("templates[%u]", i);
      TemplateReport t = { r, prefix };

      if (!cc_template_check (tmpl, report_template, &t))
        g_ptr_array_add (drop, tmpl);
      else if (!g_hash_table_add (seen, (gpointer) id))
        {
          g_autofree char *path = member_path (prefix, "id");

          error_at (r, path, _("the file holds a second template “%s”"), id);
          g_ptr_array_add (drop, tmpl);
        }
    }
  for (guint i = templates->len; i > 0; i--)
    if (g_ptr_array_find (drop, templates->pdata[i - 1], NULL))
      drop_child (r, root, CC_PROJECT_TEMPLATES, i - 1);
}

/* Every canvas's template is kept in the project: a file that holds no copy
 * (an older file, or one written by hand) takes the installed template of
 * that id, in memory. */
static void
complete_templates (Reader *r, CcItem *root)
{
  GPtrArray *sheets = cc_item_get_children (root, CC_PROJECT_SHEETS);

  for (guint i = 0; i < sheets->len; i++)
    {
      CcItem *sheet = sheets->pdata[i];
      const char *id;
      CcItem *installed;

      if (cc_item_get_kind (sheet) != CC_KIND_CANVAS)
        continue;
      id = cc_item_get_string (sheet, CC_CANVAS_TEMPLATE);
      if (cc_root_find_template (root, id) != NULL)
        continue;
      installed = cc_template_library_lookup (cc_template_library_get_default (), id);
      if (installed != NULL)
        cc_item_take_child (root, CC_PROJECT_TEMPLATES, -1, cc_item_copy (installed));
      else
        {
          g_autofree char *path = member_path (item_path (r, sheet), "template");

          add_problem (r, CC_PROBLEM_WARNING, path, 0, 0,
                       _("no template “%s” here, and the file holds no copy of it: the cards are shown "
                         "in panels named by their panel ids"), id);
        }
    }
}

static void
read_document (Reader *r, JsonNode *root_node)
{
  JsonObject *root;
  JsonNode *format, *version;
  CcItem *root_item;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      error_at (r, "", _("not a Concord project: the file holds %s, not an object"),
                json_type_name (root_node));
      return;
    }
  root = json_node_get_object (root_node);

  format = json_object_get_member (root, "format");
  if (format == NULL || !is_string (format) ||
      strcmp (json_node_get_string (format), CC_FORMAT_NAME) != 0)
    {
      error_at (r, "format", _("not a Concord project: “format” must be “%s”"), CC_FORMAT_NAME);
      return;
    }

  version = json_object_get_member (root, "version");
  if (version == NULL)
    {
      error_at (r, "version", _("missing: the file does not say its format version"));
      return;
    }
  if (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) < 1)
    {
      error_at (r, "version", _("the format version must be a whole number from 1"));
      return;
    }
  r->result->version = json_node_get_int (version);
  if (r->result->version > CC_FORMAT_VERSION)
    add_problem (r, CC_PROBLEM_WARNING, "version", 0, 0,
                 _("made by a newer Concord (file format %" G_GINT64_FORMAT "; this version reads %d): "
                   "what this version does not know is kept and saved unchanged, but not shown"),
                 r->result->version, CC_FORMAT_VERSION);

  root_item = read_item (r, root, CC_KIND_PROJECT, "");
  if (root_item == NULL)
    return;
  check_references (r, root_item);
  check_templates (r, root_item);
  complete_templates (r, root_item);
  r->result->project = cc_project_new_for_root (root_item);
  cc_project_set_format_version (r->result->project, r->result->version);
  if (r->result->n_errors > 0)
    cc_project_set_modified (r->result->project, TRUE);
}

CcLoadResult *
cc_load_bytes (const char *data, gsize len)
{
  CcLoadResult *result = g_new0 (CcLoadResult, 1);
  Reader r = { result, NULL, NULL, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  CcJsonLimits limits = { 0, CC_MAX_STRING_LENGTH * 4, CC_MAX_FILE_SIZE };
  guint line = 0, column = 0;

  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);

  if (len > CC_MAX_FILE_SIZE)
    {
      error_at (&r, "", _("the file is larger than the limit of %d MiB"), CC_MAX_FILE_SIZE / (1024 * 1024));
      return result;
    }

  root = cc_json_parse (data, len, &limits, &line, &column, &error);
  if (root == NULL)
    {
      add_problem (&r, CC_PROBLEM_ERROR, "", line, column, "%s", syntax_message (error->message, line));
      return result;
    }

  r.ids = g_hash_table_new (g_str_hash, g_str_equal);
  r.paths = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  read_document (&r, root);
  if (r.n_suppressed > 0)
    {
      CcProblem *problem = g_new0 (CcProblem, 1);

      problem->severity = CC_PROBLEM_ERROR;
      problem->path = g_strdup ("");
      problem->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more error",
                                                       "and %u more errors", r.n_suppressed),
                                          r.n_suppressed);
      g_ptr_array_add (result->problems, problem);
    }
  g_hash_table_unref (r.ids);
  g_hash_table_unref (r.paths);
  return result;
}

CcItem *
cc_load_template_bytes (const char *data, gsize len, GPtrArray **problems)
{
  CcLoadResult result = { 0 };
  Reader r = { &result, NULL, NULL, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(CcItem) tmpl = NULL;
  CcJsonLimits limits = { 0, CC_MAX_STRING_LENGTH * 4, CC_TEMPLATE_FILE_MAX };
  guint line = 0, column = 0;
  JsonObject *object;
  JsonNode *node;

  result.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  if (problems != NULL)
    *problems = g_ptr_array_ref (result.problems);

  if (len > CC_TEMPLATE_FILE_MAX)
    {
      error_at (&r, "", _("the file is larger than the limit of %d KiB"), CC_TEMPLATE_FILE_MAX / 1024);
      goto out;
    }
  root = cc_json_parse (data, len, &limits, &line, &column, &error);
  if (root == NULL)
    {
      add_problem (&r, CC_PROBLEM_ERROR, "", line, column, "%s", syntax_message (error->message, line));
      goto out;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      error_at (&r, "", _("not a Concord template: the file holds %s, not an object"), json_type_name (root));
      goto out;
    }
  object = json_node_get_object (root);
  node = json_object_get_member (object, "format");
  if (node == NULL || !is_string (node) || strcmp (json_node_get_string (node), CC_TEMPLATE_FORMAT_NAME) != 0)
    {
      error_at (&r, "format", _("not a Concord template: “format” must be “%s”"), CC_TEMPLATE_FORMAT_NAME);
      goto out;
    }
  node = json_object_get_member (object, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) < 1)
    {
      error_at (&r, "version", _("the format version must be a whole number from 1"));
      goto out;
    }
  if (json_node_get_int (node) > CC_TEMPLATE_FORMAT_VERSION)
    add_problem (&r, CC_PROBLEM_WARNING, "version", 0, 0,
                 _("made by a newer Concord (template format %" G_GINT64_FORMAT "; this version reads %d)"),
                 json_node_get_int (node), CC_TEMPLATE_FORMAT_VERSION);

  r.ids = g_hash_table_new (g_str_hash, g_str_equal);
  r.paths = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  tmpl = read_item (&r, object, CC_KIND_TEMPLATE, "");
  g_hash_table_unref (r.ids);
  g_hash_table_unref (r.paths);
  if (tmpl != NULL && result.n_errors == 0)
    {
      TemplateReport t = { &r, "" };

      cc_template_check (tmpl, report_template, &t);
    }

out:
  g_ptr_array_unref (result.problems);
  return result.n_errors == 0 ? g_steal_pointer (&tmpl) : NULL;
}

CcLoadResult *
cc_load_file (GFile *file, GCancellable *cancellable, GError **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  contents = cc_read_file (file, CC_MAX_FILE_SIZE, &len, cancellable, error);
  if (contents == NULL)
    return NULL;
  return cc_load_bytes (contents, len);
}

void
cc_load_result_free (CcLoadResult *result)
{
  if (result == NULL)
    return;
  g_clear_object (&result->project);
  g_ptr_array_unref (result->problems);
  g_free (result);
}

gboolean
cc_load_result_is_sound (CcLoadResult *result)
{
  return result->project != NULL && result->n_errors == 0;
}

char *
cc_problem_to_string (const CcProblem *problem)
{
  if (problem->line > 0)
    return g_strdup_printf (_("line %u, column %u: %s"), problem->line, problem->column, problem->message);
  if (problem->path != NULL && problem->path[0] != '\0')
    return g_strdup_printf ("%s: %s", problem->path, problem->message);
  return g_strdup (problem->message);
}
