/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-load"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-io.h"
#include "cc-bidi.h"
#include "cc-json.h"
#include "cc-read-file.h"
#include "cc-reveal.h"
#include "cc-template.h"
#include "cc-template-library.h"

/* After this many errors the rest are summed up in one line. */
#define MAX_REPORTED_ERRORS 200
/* A file with this many errors is not read further, nor opened: no one
 * mends it by hand, and reading it all would only take time. */
#define MAX_ERRORS 10000

/* Items being read, outermost first: an item is added to its parent only
 * once it is whole, so the place of an item still being read is known
 * from here. */
#define MAX_OPEN 8

typedef struct
{
  CcItem *item;
  guint   slot;   /* its slot in the item before it */
} Open;

typedef struct
{
  CcLoadResult *result;
  CcJsonReader *json;
  GHashTable   *ids;     /* id -> CcItem* (not owned), every item kept so far */
  Open          open[MAX_OPEN];
  guint         n_open;
  guint         n_suppressed;
  gboolean      stopped; /* the file is not a project: read no further */
  gboolean      gave_up; /* stopped at MAX_ERRORS */
  GString      *peeked;
  GPtrArray    *isolated; /* texts of the file as set in messages */
  gboolean      indirect; /* reading compact text (read_as_compact) */
} Reader;

/* Text of the file as it may stand among the words of a message: a right-
 * to-left override in an id must not turn the rest of the message round
 * (cc-bidi.h). Valid as long as the reader. */
static const char *
iso (Reader *r, const char *text)
{
  if (!cc_bidi_needs_isolate (text))
    return text;
  g_ptr_array_add (r->isolated, cc_bidi_isolate (text));
  return g_ptr_array_index (r->isolated, r->isolated->len - 1);
}

static void
problem_free (CcProblem *problem)
{
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

/* Whether a problem of @severity would be listed (errors past the limit
 * are only counted); counts it. */
static gboolean
take_problem (Reader *r, CcProblemSeverity severity)
{
  if (severity == CC_PROBLEM_ERROR && r->result->n_errors + 1 >= MAX_ERRORS)
    r->stopped = r->gave_up = TRUE;
  if (severity == CC_PROBLEM_ERROR && r->result->n_errors++ >= MAX_REPORTED_ERRORS)
    {
      r->n_suppressed++;
      return FALSE;
    }
  return TRUE;
}

static void
add_problem_text (Reader *r, CcProblemSeverity severity, char *path, guint line, guint column, char *message)
{
  CcProblem *problem = g_new0 (CcProblem, 1);

  problem->severity = severity;
  problem->path = path ? path : g_strdup ("");
  problem->line = line;
  problem->column = column;
  problem->message = message;
  g_ptr_array_add (r->result->problems, problem);
}

static void G_GNUC_PRINTF (4, 5)
add_problem (Reader *r, CcProblemSeverity severity, const char *path, const char *format, ...)
{
  va_list args;
  char *message;

  if (!take_problem (r, severity))
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  add_problem_text (r, severity, g_strdup (path), 0, 0, message);
}

#define error_at(r, path, ...) add_problem (r, CC_PROBLEM_ERROR, path, __VA_ARGS__)

/* The place of @item in the file ("sheets[2].links[5]"), with @member and
 * @index (unless -1) after it. */
static char *
path_of (Reader *r, CcItem *item, const char *member, int index)
{
  GString *path = g_string_new (NULL);
  CcItem *chain[MAX_OPEN * 2];
  CcItem *parents[MAX_OPEN * 2];
  guint slots[MAX_OPEN * 2];
  guint n = 0;

  for (CcItem *it = item; it != NULL && n < G_N_ELEMENTS (chain); )
    {
      CcItem *parent = cc_item_get_parent (it);
      guint slot = cc_item_get_slot (it);

      if (parent == NULL)
        for (guint k = 1; k < r->n_open; k++)
          if (r->open[k].item == it)
            {
              parent = r->open[k - 1].item;
              slot = r->open[k].slot;
            }
      if (parent == NULL)
        break;
      chain[n] = it;
      parents[n] = parent;
      slots[n] = slot;
      n++;
      it = parent;
    }
  for (guint i = n; i > 0; i--)
    {
      const CcSlotInfo *slot = &cc_item_get_info (parents[i - 1])->slots[slots[i - 1]];

      if (path->len > 0)
        g_string_append_c (path, '.');
      if (slot->is_object)
        g_string_append (path, slot->name);
      else
        g_string_append_printf (path, "%s[%u]", slot->name, cc_item_get_file_index (chain[i - 1]));
    }
  if (member != NULL)
    {
      if (path->len > 0)
        g_string_append_c (path, '.');
      g_string_append (path, member);
    }
  if (index >= 0)
    g_string_append_printf (path, "[%d]", index);
  return g_string_free (path, FALSE);
}

/* Reports an error at @member (element @index unless -1) of @item; the
 * path is only made when the error is listed. */
static void G_GNUC_PRINTF (5, 6)
error_field (Reader *r, CcItem *item, const char *member, int index, const char *format, ...)
{
  va_list args;
  char *message;

  if (!take_problem (r, CC_PROBLEM_ERROR))
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  add_problem_text (r, CC_PROBLEM_ERROR, path_of (r, item, member, index), 0, 0, message);
}

/* The reader's syntax error ends the reading: what else was found is of
 * no use in a file that is not JSON, so it alone is told. */
static void
syntax_failure (Reader *r)
{
  guint line = 0, column = 0;
  const GError *error = cc_json_reader_get_error (r->json, &line, &column);
  const char *message, *rest;

  if (r->stopped)
    return;
  r->stopped = TRUE;
  if (error == NULL)
    return;
  g_ptr_array_set_size (r->result->problems, 0);
  r->result->n_errors = 1;
  r->n_suppressed = 0;
  /* Its place goes in the problem's fields rather than twice in its text. */
  message = error->message;
  rest = line > 0 ? strstr (message, ": ") : NULL;
  if (rest != NULL && g_str_has_prefix (message, "line "))
    message = rest + 2;
  add_problem_text (r, CC_PROBLEM_ERROR, NULL, line, column, g_strdup (message));
}

/* The value @token begins is not what the format has there: it is read
 * to its end, and so is the rest of the file. FALSE on a syntax error. */
static gboolean
skip (Reader *r, CcJsonToken token)
{
  if (cc_json_reader_skip (r->json, token, NULL))
    return TRUE;
  syntax_failure (r);
  return FALSE;
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

/* The string just read, within the limits of @field (may be NULL). */
static gboolean
check_string (Reader *r, CcItem *item, const char *name, int index, const CcFieldInfo *field,
              CcJsonToken token, const char **out)
{
  const char *s;
  gsize len;

  if (token != CC_JSON_TOKEN_STRING)
    {
      error_field (r, item, name, index, _("expected a string, found %s"), cc_json_token_type_name (token));
      return FALSE;
    }
  s = cc_json_reader_get_string (r->json, &len);
  if (len > CC_MAX_STRING_LENGTH)
    {
      error_field (r, item, name, index, _("text of %" G_GSIZE_FORMAT " bytes is longer than the limit of %d"),
                   len, CC_MAX_STRING_LENGTH);
      return FALSE;
    }
  if (field != NULL && (field->flags & CC_FIELD_NONEMPTY) && s[0] == '\0')
    {
      error_field (r, item, name, index, _("must not be empty"));
      return FALSE;
    }
  *out = s;
  return TRUE;
}

static gboolean
is_number_token (CcJsonToken token)
{
  return token == CC_JSON_TOKEN_INT || token == CC_JSON_TOKEN_DOUBLE;
}

static double
number_value (Reader *r, CcJsonToken token)
{
  return token == CC_JSON_TOKEN_INT ? (double) cc_json_reader_get_int (r->json)
                                    : cc_json_reader_get_double (r->json);
}

/* Reads the value of field @index of @item, which comes next. FALSE when it
 * is not a value the field may take (reported; the value is read past). */
static gboolean
read_field (Reader *r, CcItem *item, guint index, const CcFieldInfo *field)
{
  const char *name = field->name;
  CcJsonToken token = cc_json_reader_next (r->json);
  const char *s = NULL;
  gboolean ok = FALSE;

  if (token == CC_JSON_TOKEN_ERROR)
    {
      syntax_failure (r);
      return FALSE;
    }

  switch (field->type)
    {
    case CC_VT_STRING:
      if (check_string (r, item, name, -1, field, token, &s))
        {
          cc_item_set_string (item, index, s);
          ok = TRUE;
        }
      break;

    case CC_VT_COLOR:
      if (!check_string (r, item, name, -1, field, token, &s))
        break;
      if ((s[0] != '\0' || (field->flags & CC_FIELD_REQUIRED)) && !cc_color_is_valid (s))
        {
          error_field (r, item, name, -1, _("“%s” is not a colour of the form #rrggbb"), iso (r, s));
          break;
        }
      cc_item_set_string (item, index, s);
      ok = TRUE;
      break;

    case CC_VT_DATETIME:
      if (!check_string (r, item, name, -1, field, token, &s))
        break;
      if (s[0] != '\0' && !cc_datetime_is_valid (s))
        {
          error_field (r, item, name, -1, _("“%s” is not an RFC 3339 date and time (such as 2026-03-01T09:30:00Z)"), iso (r, s));
          break;
        }
      cc_item_set_string (item, index, s);
      ok = TRUE;
      break;

    case CC_VT_DATE:
      if (!check_string (r, item, name, -1, field, token, &s))
        break;
      if (s[0] != '\0' && !cc_date_is_valid (s))
        {
          error_field (r, item, name, -1, _("“%s” is not a date of the form YYYY-MM-DD"), iso (r, s));
          break;
        }
      cc_item_set_string (item, index, s);
      ok = TRUE;
      break;

    case CC_VT_REF:
      if (!check_string (r, item, name, -1, field, token, &s))
        break;
      if ((field->flags & CC_FIELD_REQUIRED) && s[0] == '\0')
        {
          error_field (r, item, name, -1, _("must name a %s"), cc_kind_info (field->ref_kind)->name);
          break;
        }
      cc_item_set_string (item, index, s);
      ok = TRUE;
      break;

    case CC_VT_INT:
      {
        double d;

        if (!is_number_token (token))
          {
            g_autofree char *range = range_text (field);

            error_field (r, item, name, -1, _("expected a whole number from %s, found %s"), range,
                         cc_json_token_type_name (token));
            break;
          }
        d = number_value (r, token);
        if (d != floor (d))
          {
            g_autofree char *text = format_number (d);
            g_autofree char *range = range_text (field);

            error_field (r, item, name, -1, _("expected a whole number from %s, found %s"), range, text);
            break;
          }
        if (d < field->min || d > field->max)
          {
            g_autofree char *text = format_number (d);
            g_autofree char *range = range_text (field);

            error_field (r, item, name, -1, _("%s is out of range (%s)"), text, range);
            break;
          }
        cc_item_set_int (item, index, (gint64) d);
        ok = TRUE;
      }
      break;

    case CC_VT_DOUBLE:
      {
        double d;

        if (!is_number_token (token))
          {
            error_field (r, item, name, -1, _("expected a number, found %s"), cc_json_token_type_name (token));
            break;
          }
        d = number_value (r, token);
        if (!isfinite (d) || d < field->min || d > field->max)
          {
            g_autofree char *text = format_number (d);
            g_autofree char *range = range_text (field);

            error_field (r, item, name, -1, _("%s is out of range (%s)"), text, range);
            break;
          }
        cc_item_set_double (item, index, d);
        ok = TRUE;
      }
      break;

    case CC_VT_BOOL:
      if (token != CC_JSON_TOKEN_TRUE && token != CC_JSON_TOKEN_FALSE)
        {
          error_field (r, item, name, -1, _("expected true or false, found %s"), cc_json_token_type_name (token));
          break;
        }
      cc_item_set_bool (item, index, token == CC_JSON_TOKEN_TRUE);
      ok = TRUE;
      break;

    case CC_VT_ENUM:
      {
        int v = -1;

        if (token == CC_JSON_TOKEN_STRING)
          {
            s = cc_json_reader_get_string (r->json, NULL);
            for (int i = 0; field->enum_values[i]; i++)
              if (strcmp (field->enum_values[i], s) == 0)
                v = i;
          }
        if (v < 0)
          {
            g_autofree char *choices = enum_choices (field->enum_values);

            if (token == CC_JSON_TOKEN_STRING)
              error_field (r, item, name, -1, _("unknown value “%s” (expected %s)"), iso (r, s), choices);
            else
              error_field (r, item, name, -1, _("expected one of %s, found %s"), choices, cc_json_token_type_name (token));
            break;
          }
        cc_item_set_int (item, index, v);
        ok = TRUE;
      }
      break;

    case CC_VT_STRV:
    case CC_VT_REFS:
      {
        g_autoptr(GPtrArray) strv = NULL;
        gboolean good = TRUE;

        if (token != CC_JSON_TOKEN_BEGIN_ARRAY)
          {
            error_field (r, item, name, -1, _("expected an array of strings, found %s"), cc_json_token_type_name (token));
            break;
          }
        strv = g_ptr_array_new_with_free_func (g_free);
        for (int i = 0; ; i++)
          {
            token = cc_json_reader_next (r->json);
            if (token == CC_JSON_TOKEN_END_ARRAY)
              break;
            if (token == CC_JSON_TOKEN_ERROR)
              {
                syntax_failure (r);
                return FALSE;
              }
            if (good && check_string (r, item, name, i, NULL, token, &s))
              g_ptr_array_add (strv, g_strdup (s));
            else
              good = FALSE;
            if (token != CC_JSON_TOKEN_STRING && !skip (r, token))
              return FALSE;
          }
        if (!good)
          return FALSE;
        g_ptr_array_add (strv, NULL);
        cc_item_set_strv (item, index, (const char * const *) strv->pdata);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }

  /* A wrong value is read past, however large. */
  if (!ok && (token == CC_JSON_TOKEN_BEGIN_ARRAY || token == CC_JSON_TOKEN_BEGIN_OBJECT))
    skip (r, token);
  return ok;
}

static CcItem *read_item (Reader *r, CcKind kind, guint slot, guint file_index);

/* Takes @item and everything in it out of the reader's id table: called for
 * every item that is dropped or replaced before it is freed. */
static void
forget_item (Reader *r, CcItem *item)
{
  const CcKindInfo *info = cc_item_get_info (item);
  const char *id = cc_item_get_id (item);

  if (id != NULL && id[0] != '\0' && g_hash_table_lookup (r->ids, id) == item)
    g_hash_table_remove (r->ids, id);
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

/* The structure is not a project's: an object or an array stands where the
 * other, or a plain value, must be. Told at once, and nothing more is read. */
static void
wrong_structure (Reader *r, CcItem *item, const char *member, int index, const char *expected, CcJsonToken token)
{
  if (token == CC_JSON_TOKEN_ERROR)
    {
      syntax_failure (r);
      return;
    }
  error_field (r, item, member, index, _("expected %s, found %s"), expected, cc_json_token_type_name (token));
  r->stopped = TRUE;
}

/* "a number", "an array"… for the text of a value found ahead. */
static const char *
peeked_type_name (const char *text)
{
  switch (text[0])
    {
    case '{': return cc_json_token_type_name (CC_JSON_TOKEN_BEGIN_OBJECT);
    case '[': return cc_json_token_type_name (CC_JSON_TOKEN_BEGIN_ARRAY);
    case '"': return cc_json_token_type_name (CC_JSON_TOKEN_STRING);
    case 't': case 'f': return cc_json_token_type_name (CC_JSON_TOKEN_TRUE);
    case 'n': return cc_json_token_type_name (CC_JSON_TOKEN_NULL);
    default: return cc_json_token_type_name (CC_JSON_TOKEN_INT);
    }
}

/* Reads the sheet just opened (element @index of @slot of @parent), of the
 * kind its "type" says. */
static CcItem *read_sheet (Reader *r, CcItem *parent, guint slot, guint index);

/* A sheet whose "type" could not be found ahead (a name or value written
 * with escapes): read as compact text first, where both are plain. */
/* The object just opened, read to its end as compact text, where names and
 * values are written without escapes; the reader then reads that text
 * until restore_reader() gives back @outer. FALSE on a syntax error. */
static gboolean
read_as_compact (Reader *r, GString *compact, gboolean whole_document, CcJsonReader **outer)
{
  CcJsonLimits limits = { 0, CC_MAX_STRING_LENGTH * 4, 0 };

  *outer = r->json;
  if (!cc_json_reader_skip (r->json, CC_JSON_TOKEN_BEGIN_OBJECT, compact) ||
      (whole_document && cc_json_reader_next (r->json) != CC_JSON_TOKEN_END))
    {
      syntax_failure (r);
      return FALSE;
    }
  limits.max_depth = MAX (1, 128 - cc_json_reader_get_depth (r->json));
  r->json = cc_json_reader_new (compact->str, compact->len, &limits);
  return TRUE;
}

static void
restore_reader (Reader *r, CcJsonReader *outer)
{
  cc_json_reader_free (r->json);
  r->json = outer;
}

/* A sheet whose "type" could not be found ahead (a name or value written
 * with escapes): read as compact text first, where both are plain. */
static CcItem *
read_sheet_indirect (Reader *r, CcItem *parent, guint slot, guint index)
{
  g_autoptr(GString) compact = g_string_new (NULL);
  CcJsonReader *outer;
  CcItem *sheet = NULL;

  if (!read_as_compact (r, compact, FALSE, &outer))
    return NULL;
  r->indirect = TRUE;
  if (cc_json_reader_next (r->json) == CC_JSON_TOKEN_BEGIN_OBJECT &&
      cc_json_reader_peek_member (r->json, "type", r->peeked) != CC_JSON_PEEK_UNKNOWN)
    sheet = read_sheet (r, parent, slot, index);
  else
    {
      g_autofree char *path = path_of (r, parent, cc_item_get_info (parent)->slots[slot].name, (int) index);
      g_autofree char *tpath = g_strconcat (path, ".type", NULL);

      error_at (r, tpath, _("unknown sheet type (expected map, forcefield or canvas)"));
    }
  r->indirect = FALSE;
  restore_reader (r, outer);
  return sheet;
}

static CcItem *
read_sheet (Reader *r, CcItem *parent, guint slot, guint index)
{
  const CcSlotInfo *info = &cc_item_get_info (parent)->slots[slot];
  CcJsonPeek peek = cc_json_reader_peek_member (r->json, "type", r->peeked);
  g_autofree char *path = NULL;
  g_autofree char *tpath = NULL;

  if (peek == CC_JSON_PEEK_UNKNOWN && !r->indirect)
    return read_sheet_indirect (r, parent, slot, index);
  if (peek == CC_JSON_PEEK_STRING)
    for (guint k = 0; k < info->n_kinds; k++)
      if (g_strcmp0 (cc_kind_info (info->kinds[k])->type_tag, r->peeked->str) == 0)
        return read_item (r, info->kinds[k], slot, index);

  path = path_of (r, parent, info->name, (int) index);
  /* A newer Concord's kind of sheet: kept as it is, and said so. */
  if (peek == CC_JSON_PEEK_STRING && r->result->version > CC_FORMAT_VERSION && r->peeked->str[0] != '\0')
    {
      CcItem *sheet;

      add_problem (r, CC_PROBLEM_WARNING, path,
                   _("a “%s” sheet, made by a newer Concord: kept as it is and saved unchanged, but this "
                     "version cannot show or edit it"), iso (r, r->peeked->str));
      sheet = read_item (r, CC_KIND_NEWER_SHEET, slot, index);
      return sheet;
    }
  tpath = g_strconcat (path, ".type", NULL);
  if (peek == CC_JSON_PEEK_UNKNOWN)  /* a type written with escapes even in compact text */
    error_at (r, tpath, _("unknown sheet type (expected map, forcefield or canvas)"));
  else if (peek == CC_JSON_PEEK_STRING)
    error_at (r, tpath, _("unknown sheet type “%s” (expected map, forcefield or canvas)"), iso (r, r->peeked->str));
  else if (peek == CC_JSON_PEEK_ABSENT)
    error_at (r, tpath, _("missing: a sheet needs a type (map, forcefield or canvas)"));
  else
    error_at (r, tpath, _("expected a string, found %s"), peeked_type_name (r->peeked->str));
  skip (r, CC_JSON_TOKEN_BEGIN_OBJECT);
  return NULL;
}

static void
read_slot (Reader *r, CcItem *item, guint slot_index)
{
  const CcSlotInfo *slot = &cc_item_get_info (item)->slots[slot_index];
  CcJsonToken token = cc_json_reader_next (r->json);

  if (slot->is_object)
    {
      CcItem *child;

      if (token != CC_JSON_TOKEN_BEGIN_OBJECT)
        {
          wrong_structure (r, item, slot->name, -1, _("an object"), token);
          return;
        }
      child = read_item (r, slot->kinds[0], slot_index, 0);
      if (child != NULL)
        {
          drop_child (r, item, slot_index, 0);
          cc_item_take_child (item, slot_index, 0, child);
        }
      return;
    }

  if (token != CC_JSON_TOKEN_BEGIN_ARRAY)
    {
      wrong_structure (r, item, slot->name, -1, _("an array"), token);
      return;
    }
  for (guint i = 0; !r->stopped; i++)
    {
      CcItem *child;

      token = cc_json_reader_next (r->json);
      if (token == CC_JSON_TOKEN_END_ARRAY)
        return;
      if (token != CC_JSON_TOKEN_BEGIN_OBJECT)
        {
          wrong_structure (r, item, slot->name, (int) i, _("an object"), token);
          return;
        }
      if (slot->n_kinds > 1)
        child = read_sheet (r, item, slot_index, i);
      else
        child = read_item (r, slot->kinds[0], slot_index, i);
      if (child != NULL)
        cc_item_take_child (item, slot_index, -1, child);
    }
}

/* Reads the item whose object was just opened (element @file_index of
 * @slot of the item being read, if any); NULL when it is too damaged to
 * keep (the reason is reported) or the reading stopped. */
static CcItem *
read_item (Reader *r, CcKind kind, guint slot, guint file_index)
{
  const CcKindInfo *info = cc_kind_info (kind);
  CcItem *item = cc_item_new (kind);
  gboolean seen[32] = { FALSE };
  GString *extra = NULL;
  gboolean is_root = r->n_open == 0;
  gboolean keep = TRUE;
  gboolean have_id = FALSE;

  g_assert (info->n_fields <= G_N_ELEMENTS (seen));
  if (r->n_open == MAX_OPEN)
    {
      /* Deeper than any item of the format: not one of its items. */
      error_field (r, item, NULL, -1, _("nested deeper than the format allows"));
      r->stopped = TRUE;
      cc_item_unref (item);
      return NULL;
    }
  cc_item_set_file_index (item, file_index);
  r->open[r->n_open].item = item;
  r->open[r->n_open].slot = slot;
  r->n_open++;

  while (!r->stopped)
    {
      CcJsonToken token = cc_json_reader_next (r->json);
      const char *name;
      int field;

      if (token == CC_JSON_TOKEN_END_OBJECT)
        break;
      if (token != CC_JSON_TOKEN_MEMBER)
        {
          syntax_failure (r);
          break;
        }
      name = cc_json_reader_get_member (r->json);

      if (info->id_prefix != NULL && strcmp (name, "id") == 0)
        {
          const char *id;
          CcItem *other;

          have_id = TRUE;
          token = cc_json_reader_next (r->json);
          if (token != CC_JSON_TOKEN_STRING)
            {
              error_field (r, item, "id", -1, _("expected a string, found %s"), cc_json_token_type_name (token));
              keep = FALSE;
              skip (r, token);
              continue;
            }
          id = cc_json_reader_get_string (r->json, NULL);
          if (!cc_id_is_valid (id))
            {
              error_field (r, item, "id", -1, _("“%s” is not a valid id (1 to %d characters, no control characters)"),
                           iso (r, id), CC_MAX_ID_LENGTH);
              keep = FALSE;
              continue;
            }
          other = g_hash_table_lookup (r->ids, id);
          if (other != NULL)
            {
              g_autofree char *where = path_of (r, other, NULL, -1);

              error_field (r, item, "id", -1, _("duplicate id “%s” (already used at %s)"), iso (r, id), where);
              keep = FALSE;
              continue;
            }
          /* Taken at once, so a child with the same id is told apart;
           * given back if the item is dropped (forget_item). */
          cc_item_set_id (item, id);
          g_hash_table_insert (r->ids, (gpointer) cc_item_get_id (item), item);
          continue;
        }
      /* Decided before the object was read. */
      if ((info->type_tag != NULL && strcmp (name, "type") == 0) ||
          (is_root && (strcmp (name, "format") == 0 || strcmp (name, "version") == 0)))
        {
          skip (r, cc_json_reader_next (r->json));
          continue;
        }

      field = cc_kind_find_field (kind, name);
      if (field >= 0)
        {
          const CcFieldInfo *f = &info->fields[field];

          seen[field] = TRUE;
          if (!read_field (r, item, (guint) field, f) && (f->flags & CC_FIELD_REQUIRED))
            keep = FALSE;
          continue;
        }

      {
        gboolean is_slot = FALSE;

        for (guint i = 0; i < info->n_slots && !is_slot; i++)
          if (strcmp (info->slots[i].name, name) == 0)
            {
              read_slot (r, item, i);
              is_slot = TRUE;
            }
        if (is_slot)
          continue;
      }

      /* A member this build does not know: kept, to be written back. */
      if (extra == NULL)
        extra = g_string_new (NULL);
      else
        g_string_append_c (extra, ',');
      cc_json_write_string (extra, name);
      g_string_append_c (extra, ':');
      if (!cc_json_reader_skip (r->json, cc_json_reader_next (r->json), extra))
        syntax_failure (r);
    }

  if (extra != NULL)
    {
      g_autoptr(GBytes) bytes = g_string_free_to_bytes (extra);

      cc_item_set_extra (item, bytes);
    }
  if (r->stopped)
    keep = FALSE;
  else if (info->id_prefix != NULL && !have_id)
    {
      error_field (r, item, "id", -1, _("missing: every %s needs an id"), info->name);
      keep = FALSE;
    }
  for (guint i = 0; i < info->n_fields && !r->stopped; i++)
    if ((info->fields[i].flags & CC_FIELD_REQUIRED) && !seen[i])
      {
        error_field (r, item, info->fields[i].name, -1, _("missing: a %s needs a %s"), info->name,
                     info->fields[i].name);
        keep = FALSE;
      }
  r->n_open--;

  if (!keep)
    {
      /* What the item and its children entered in the table leaves with
       * them: nothing may point at an item once it is freed. */
      forget_item (r, item);
      cc_item_unref (item);
      return NULL;
    }
  return item;
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
      error_field (r, item, field->name, index, _("no %s “%s”"), kind_name, iso (r, id));
      return FALSE;
    }
  if (cc_item_get_kind (target) != field->ref_kind)
    {
      error_field (r, item, field->name, index, _("“%s” is a %s, not a %s"), iso (r, id), cc_item_get_info (target)->name,
                   kind_name);
      return FALSE;
    }
  if ((field->flags & CC_FIELD_SAME_SHEET) && cc_item_get_sheet (target) != cc_item_get_sheet (item))
    {
      g_autofree char *where = path_of (r, target, NULL, -1);

      error_field (r, item, field->name, index, _("%s “%s” is on another sheet (%s)"), kind_name, iso (r, id), where);
      return FALSE;
    }
  return TRUE;
}

/* Keeps of @field of @view the names @kind's @enum_field knows (not the
 * empty one), reporting the others. */
static void
check_view_names (Reader *r, CcItem *view, guint field, CcKind kind, guint enum_field, const char *what)
{
  const char * const *names = cc_item_get_strv (view, field);
  g_autoptr(GPtrArray) good = g_ptr_array_new ();
  gboolean changed = FALSE;

  for (guint k = 0; names[k]; k++)
    {
      if (names[k][0] != '\0' && cc_enum_from_nick (kind, enum_field, names[k]) >= 0)
        {
          g_ptr_array_add (good, (gpointer) names[k]);
          continue;
        }
      /* TRANSLATORS: the first %s is "sector" or "stage" */
      error_field (r, view, cc_kind_field (CC_KIND_VIEW, field)->name, (int) k, _("no %s “%s”"), what,
                   iso (r, names[k]));
      changed = TRUE;
    }
  if (changed)
    {
      g_auto(GStrv) copy = NULL;

      g_ptr_array_add (good, NULL);
      copy = g_strdupv ((char **) good->pdata);
      cc_item_set_strv (view, field, (const char * const *) copy);
    }
}

/* A saved view names only sectors and stages there are; one of a
 * neighbourhood, an organisation. */
static gboolean
check_view (Reader *r, CcItem *view)
{
  check_view_names (r, view, CC_VIEW_SECTORS, CC_KIND_ACTOR, CC_ACTOR_SECTOR, _("sector"));
  check_view_names (r, view, CC_VIEW_STAGES, CC_KIND_LINK, CC_LINK_STAGE, _("stage"));
  if (cc_item_get_int (view, CC_VIEW_REVEAL) == CC_REVEAL_NEIGHBOURHOOD
      && cc_item_get_string (view, CC_VIEW_ACTOR)[0] == '\0')
    {
      error_field (r, view, "actor", -1, _("a neighbourhood must name an organisation"));
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
                      error_field (r, item, field->name, (int) k, _("“%s” is listed twice"), iso (r, ids[k]));
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
          error_field (r, item, "to", -1, _("a link cannot join “%s” to itself"), iso (r, cc_item_get_string (item, 0)));
          keep = FALSE;
        }

      if (keep && info->kind == CC_KIND_VIEW)
        keep = check_view (r, item);

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
          error_field (r, type, "id", -1, _("“%s” is the id of a built-in link type"), iso (r, cc_item_get_id (type)));
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

typedef struct
{
  Reader     *reader;
  const char *prefix;
} TemplateReport;

static void
report_template (const char *path, const char *message, gpointer data)
{
  TemplateReport *t = data;
  g_autofree char *full = t->prefix[0] == '\0' ? g_strdup (path)
                        : path[0] == '\0' ? g_strdup (t->prefix) : g_strconcat (t->prefix, ".", path, NULL);

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
      g_autofree char *prefix = path_of (r, tmpl, NULL, -1);
      TemplateReport t = { r, prefix };

      if (!cc_template_check (tmpl, report_template, &t))
        g_ptr_array_add (drop, tmpl);
      else if (!g_hash_table_add (seen, (gpointer) id))
        {
          error_field (r, tmpl, "id", -1, _("the file holds a second template “%s”"), id);
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
          g_autofree char *path = path_of (r, sheet, "template", -1);

          add_problem (r, CC_PROBLEM_WARNING, path,
                       _("no template “%s” here, and the file holds no copy of it: the cards are shown "
                         "in panels named by their panel ids"), id);
        }
    }
}

/* The root read: a project, or a template file's template. */
typedef struct
{
  CcKind      kind;
  const char *format;
  gint64      version;
} RootInfo;

static CcItem *read_root (Reader *r, const RootInfo *root);

/* A root whose format or version could not be found ahead (written with
 * escapes, or text that is not JSON further on): read as compact text. */
static CcItem *
read_root_indirect (Reader *r, const RootInfo *root)
{
  g_autoptr(GString) compact = g_string_new (NULL);
  CcJsonReader *outer;
  CcItem *item;

  if (!read_as_compact (r, compact, TRUE, &outer))
    return NULL;
  r->indirect = TRUE;
  item = read_root (r, root);
  r->indirect = FALSE;
  restore_reader (r, outer);
  return item;
}

/* The whole number @text says, or -1. */
static gint64
version_number (const char *text)
{
  gint64 v = 0;

  if (text[0] < '1' || text[0] > '9')
    return -1;
  for (const char *p = text; *p; p++)
    {
      if (*p < '0' || *p > '9' || v > (G_MAXINT64 - 9) / 10)
        return -1;
      v = v * 10 + (*p - '0');
    }
  return v;
}

/* Reads the root object: refused at once when the file is not of the
 * format (not an object, another format, no version), before anything else
 * is read. */
static CcItem *
read_root (Reader *r, const RootInfo *root)
{
  CcJsonToken token = cc_json_reader_next (r->json);
  CcJsonPeek peek;
  gint64 version;
  CcItem *item;

  if (token == CC_JSON_TOKEN_ERROR)
    {
      syntax_failure (r);
      return NULL;
    }
  if (token != CC_JSON_TOKEN_BEGIN_OBJECT)
    {
      if (root->kind == CC_KIND_TEMPLATE)
        error_at (r, "", _("not a Concord template: the file holds %s, not an object"), cc_json_token_type_name (token));
      else
        error_at (r, "", _("not a Concord project: the file holds %s, not an object"), cc_json_token_type_name (token));
      return NULL;
    }
  peek = cc_json_reader_peek_member (r->json, "format", r->peeked);
  if (peek == CC_JSON_PEEK_UNKNOWN && !r->indirect)
    return read_root_indirect (r, root);
  if (peek != CC_JSON_PEEK_STRING || strcmp (r->peeked->str, root->format) != 0)
    {
      if (root->kind == CC_KIND_TEMPLATE)
        error_at (r, "format", _("not a Concord template: “format” must be “%s”"), root->format);
      else
        error_at (r, "format", _("not a Concord project: “format” must be “%s”"), root->format);
      return NULL;
    }
  peek = cc_json_reader_peek_member (r->json, "version", r->peeked);
  if (peek == CC_JSON_PEEK_UNKNOWN && !r->indirect)
    return read_root_indirect (r, root);
  if (peek == CC_JSON_PEEK_ABSENT)
    {
      if (root->kind == CC_KIND_TEMPLATE)
        error_at (r, "version", _("the format version must be a whole number from 1"));
      else
        error_at (r, "version", _("missing: the file does not say its format version"));
      return NULL;
    }
  version = peek == CC_JSON_PEEK_OTHER ? version_number (r->peeked->str) : -1;
  if (version < 1)
    {
      error_at (r, "version", _("the format version must be a whole number from 1"));
      return NULL;
    }
  r->result->version = version;
  if (version > root->version)
    {
      if (root->kind == CC_KIND_TEMPLATE)
        add_problem (r, CC_PROBLEM_WARNING, "version",
                     _("made by a newer Concord (template format %" G_GINT64_FORMAT "; this version reads %d)"),
                     version, CC_TEMPLATE_FORMAT_VERSION);
      else
        add_problem (r, CC_PROBLEM_WARNING, "version",
                     _("made by a newer Concord (file format %" G_GINT64_FORMAT "; this version reads %d): "
                       "what this version does not know is kept and saved unchanged, but not shown"),
                     version, CC_FORMAT_VERSION);
    }

  item = read_item (r, root->kind, 0, 0);
  if (item == NULL)
    return NULL;
  if (cc_json_reader_next (r->json) != CC_JSON_TOKEN_END)
    {
      syntax_failure (r);
      forget_item (r, item);
      cc_item_unref (item);
      return NULL;
    }
  return item;
}

static void
reader_init (Reader *r, CcLoadResult *result, const char *data, gsize len, gsize max_size)
{
  CcJsonLimits limits = { 0, CC_MAX_STRING_LENGTH * 4, max_size };

  memset (r, 0, sizeof *r);
  r->result = result;
  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  /* A byte order mark, as Windows Notepad writes: RFC 8259 lets a reader
   * ignore it, and a colleague's file should open. Positions are counted
   * after it, as an editor shows them. */
  if (cc_json_skip_bom (&data, &len))
    add_problem (r, CC_PROBLEM_WARNING, "",
                 _("the file starts with a byte order mark, which is ignored (Concord saves files without one)"));
  r->json = cc_json_reader_new (data, len, &limits);
  r->ids = g_hash_table_new (g_str_hash, g_str_equal);
  r->peeked = g_string_new (NULL);
  r->isolated = g_ptr_array_new_with_free_func (g_free);
}

static void
reader_finish (Reader *r)
{
  if (r->gave_up)
    add_problem_text (r, CC_PROBLEM_ERROR, NULL, 0, 0,
                      g_strdup_printf (_("and more errors: reading stopped after %u, as a file this damaged "
                                         "cannot be opened"), MAX_ERRORS));
  else if (r->n_suppressed > 0)
    add_problem_text (r, CC_PROBLEM_ERROR, NULL, 0, 0,
                      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more error",
                                                    "and %u more errors", r->n_suppressed),
                                       r->n_suppressed));
  cc_json_reader_free (r->json);
  g_hash_table_unref (r->ids);
  g_string_free (r->peeked, TRUE);
  g_ptr_array_unref (r->isolated);
}

CcLoadResult *
cc_load_bytes (const char *data, gsize len)
{
  static const RootInfo info = { CC_KIND_PROJECT, CC_FORMAT_NAME, CC_FORMAT_VERSION };
  CcLoadResult *result = g_new0 (CcLoadResult, 1);
  Reader r;
  CcItem *root;

  reader_init (&r, result, data, len, CC_MAX_FILE_SIZE);
  if (len > CC_MAX_FILE_SIZE)
    {
      g_autofree char *limit = cc_format_limit (CC_MAX_FILE_SIZE);

      error_at (&r, "", _("the file is larger than the limit of %s"), limit);
      reader_finish (&r);
      return result;
    }
  root = read_root (&r, &info);
  if (root != NULL)
    {
      check_references (&r, root);
      check_templates (&r, root);
      complete_templates (&r, root);
    }
  if (root != NULL && r.gave_up)
    g_clear_pointer (&root, cc_item_unref);
  if (root != NULL)
    {
      result->project = cc_project_new_for_root (root);
      cc_project_set_format_version (result->project, result->version);
      if (result->n_errors > 0)
        cc_project_set_modified (result->project, TRUE);
    }
  reader_finish (&r);
  return result;
}

CcItem *
cc_load_template_bytes (const char *data, gsize len, GPtrArray **problems)
{
  static const RootInfo info = { CC_KIND_TEMPLATE, CC_TEMPLATE_FORMAT_NAME, CC_TEMPLATE_FORMAT_VERSION };
  CcLoadResult result = { 0 };
  Reader r;
  CcItem *tmpl = NULL;

  reader_init (&r, &result, data, len, CC_TEMPLATE_FILE_MAX);
  if (problems != NULL)
    *problems = g_ptr_array_ref (result.problems);
  if (len > CC_TEMPLATE_FILE_MAX)
    {
      g_autofree char *limit = cc_format_limit (CC_TEMPLATE_FILE_MAX);

      error_at (&r, "", _("the file is larger than the limit of %s"), limit);
    }
  else
    tmpl = read_root (&r, &info);
  if (tmpl != NULL && result.n_errors == 0)
    {
      TemplateReport t = { &r, "" };

      cc_template_check (tmpl, report_template, &t);
    }
  reader_finish (&r);
  g_ptr_array_unref (result.problems);
  if (result.n_errors > 0)
    g_clear_pointer (&tmpl, cc_item_unref);
  return tmpl;
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
