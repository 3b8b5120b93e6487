/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-json"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc-json.h"

G_DEFINE_QUARK (cc-json-error-quark, cc_json_error)

#define DEFAULT_MAX_DEPTH   128
#define DEFAULT_MAX_STRING  (16 * 1024 * 1024)
#define DEFAULT_MAX_SIZE    ((gsize) 512 * 1024 * 1024)

typedef struct
{
  const char  *start;
  const char  *p;
  const char  *end;
  guint        depth;
  guint        max_depth;
  gsize        max_string;
  GString     *buf;
  guint        line;
  guint        column;
  GError      *error;
} Parser;

static JsonNode *parse_value (Parser *ps);

/* Line and column (1-based, in characters) of @at. */
static void
locate (Parser *ps, const char *at, guint *line, guint *column)
{
  const char *line_start = ps->start;
  guint l = 1;

  for (const char *q = ps->start; q < at; q++)
    if (*q == '\n')
      {
        l++;
        line_start = q + 1;
      }
  *line = l;
  /* The text before @at on its line is valid UTF-8 (it was checked, or the
   * error is at the first bad byte). */
  *column = (guint) g_utf8_strlen (line_start, at - line_start) + 1;
}

static void G_GNUC_PRINTF (4, 5)
fail_at (Parser *ps, const char *at, CcJsonError code, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (ps->error != NULL)
    return;
  locate (ps, at, &ps->line, &ps->column);
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  ps->error = g_error_new (CC_JSON_ERROR, code, _("line %u, column %u: %s"),
                           ps->line, ps->column, message);
}

static void
fail_truncated (Parser *ps, const char *what)
{
  fail_at (ps, ps->end, CC_JSON_ERROR_TRUNCATED, _("unexpected end of file %s (is the file cut short?)"), what);
}

/* Says what stands at the parser's position, for messages. */
static char *
describe_here (Parser *ps)
{
  gunichar c = g_utf8_get_char (ps->p);

  if (c < 0x20 || c == 0x7f)
    return g_strdup_printf ("U+%04X", c);
  return g_strdup_printf ("“%.*s”", (int) (g_utf8_next_char (ps->p) - ps->p), ps->p);
}

static void
fail_unexpected (Parser *ps, const char *expected)
{
  g_autofree char *here = describe_here (ps);

  fail_at (ps, ps->p, CC_JSON_ERROR_SYNTAX, _("expected %s, found %s"), expected, here);
}

static inline void
skip_ws (Parser *ps)
{
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\t' || *ps->p == '\r'))
    ps->p++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads 4 hex digits after "\u" at ps->p. Returns -1 on error (reported). */
static gint32
read_hex4 (Parser *ps, const char *escape)
{
  gint32 v = 0;

  if (ps->end - ps->p < 4)
    {
      fail_truncated (ps, _("inside a string"));
      return -1;
    }
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (ps->p[i]);

      if (h < 0)
        {
          fail_at (ps, escape, CC_JSON_ERROR_SYNTAX, _("“\\u” must be followed by four hexadecimal digits"));
          return -1;
        }
      v = v * 16 + h;
    }
  ps->p += 4;
  return v;
}

/* Parses a string at ps->p (on the opening quote) into ps->buf. */
static gboolean
parse_string (Parser *ps)
{
  const char *open = ps->p;

  g_string_truncate (ps->buf, 0);
  ps->p++;
  for (;;)
    {
      const char *run = ps->p;

      while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\' && (guchar) *ps->p >= 0x20)
        ps->p++;
      g_string_append_len (ps->buf, run, ps->p - run);

      if (ps->buf->len > ps->max_string)
        {
          fail_at (ps, open, CC_JSON_ERROR_LIMIT, _("a string longer than %" G_GSIZE_FORMAT " bytes"),
                   ps->max_string);
          return FALSE;
        }
      if (ps->p >= ps->end)
        {
          fail_truncated (ps, _("inside a string"));
          return FALSE;
        }
      if (*ps->p == '"')
        {
          ps->p++;
          return TRUE;
        }
      if (*ps->p != '\\')
        {
          fail_at (ps, ps->p, CC_JSON_ERROR_SYNTAX,
                   _("a control character (U+%04X) inside a string must be written as an escape such as \\n or \\u%04X"),
                   (guint) (guchar) *ps->p, (guint) (guchar) *ps->p);
          return FALSE;
        }

      {
        const char *escape = ps->p;

        ps->p++;
        if (ps->p >= ps->end)
          {
            fail_truncated (ps, _("inside a string"));
            return FALSE;
          }
        switch (*ps->p++)
          {
          case '"': g_string_append_c (ps->buf, '"'); break;
          case '\\': g_string_append_c (ps->buf, '\\'); break;
          case '/': g_string_append_c (ps->buf, '/'); break;
          case 'b': g_string_append_c (ps->buf, '\b'); break;
          case 'f': g_string_append_c (ps->buf, '\f'); break;
          case 'n': g_string_append_c (ps->buf, '\n'); break;
          case 'r': g_string_append_c (ps->buf, '\r'); break;
          case 't': g_string_append_c (ps->buf, '\t'); break;
          case 'u':
            {
              gint32 cp = read_hex4 (ps, escape);

              if (cp < 0)
                return FALSE;
              if (cp >= 0xD800 && cp <= 0xDBFF)
                {
                  gint32 low;

                  if (ps->end - ps->p >= 2 && ps->p[0] == '\\' && ps->p[1] == 'u')
                    {
                      ps->p += 2;
                      low = read_hex4 (ps, ps->p - 2);
                      if (low < 0)
                        return FALSE;
                    }
                  else if (ps->end - ps->p < 2)
                    {
                      fail_truncated (ps, _("inside a string"));
                      return FALSE;
                    }
                  else
                    low = -1;
                  if (low < 0xDC00 || low > 0xDFFF)
                    {
                      fail_at (ps, escape, CC_JSON_ERROR_ENCODING,
                               _("“\\u%04X” is half of a UTF-16 surrogate pair without its other half"), (guint) cp);
                      return FALSE;
                    }
                  cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
              else if (cp >= 0xDC00 && cp <= 0xDFFF)
                {
                  fail_at (ps, escape, CC_JSON_ERROR_ENCODING,
                           _("“\\u%04X” is half of a UTF-16 surrogate pair without its other half"), (guint) cp);
                  return FALSE;
                }
              else if (cp == 0)
                {
                  fail_at (ps, escape, CC_JSON_ERROR_ENCODING, _("a NUL character (\\u0000) is not allowed in a string"));
                  return FALSE;
                }
              g_string_append_unichar (ps->buf, (gunichar) cp);
            }
            break;
          default:
            {
              gunichar c = g_utf8_get_char (ps->p - 1);

              if (c > 0x20 && c < 0x7f)
                fail_at (ps, escape, CC_JSON_ERROR_SYNTAX,
                         _("“\\%c” is not an escape JSON knows (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)"),
                         (char) c);
              else
                fail_at (ps, escape, CC_JSON_ERROR_SYNTAX,
                         _("a backslash followed by U+%04X is not an escape JSON knows"), (guint) c);
            }
            return FALSE;
          }
      }
    }
}

static gboolean
is_digit (Parser *ps)
{
  return ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9';
}

static JsonNode *
parse_number (Parser *ps)
{
  const char *begin = ps->p;
  gboolean is_int = TRUE;
  char small[64];
  char *text;
  gsize len;
  JsonNode *node;

  if (*ps->p == '-')
    ps->p++;
  if (ps->p >= ps->end)
    {
      fail_truncated (ps, _("inside a number"));
      return NULL;
    }
  if (*ps->p == '0')
    {
      ps->p++;
      if (is_digit (ps))
        {
          fail_at (ps, begin, CC_JSON_ERROR_SYNTAX, _("a number must not start with 0 followed by more digits"));
          return NULL;
        }
    }
  else if (is_digit (ps))
    while (is_digit (ps))
      ps->p++;
  else
    {
      fail_unexpected (ps, _("a digit"));
      return NULL;
    }
  if (ps->p < ps->end && *ps->p == '.')
    {
      is_int = FALSE;
      ps->p++;
      if (ps->p >= ps->end)
        {
          fail_truncated (ps, _("inside a number"));
          return NULL;
        }
      if (!is_digit (ps))
        {
          fail_unexpected (ps, _("a digit after the decimal point"));
          return NULL;
        }
      while (is_digit (ps))
        ps->p++;
    }
  if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E'))
    {
      is_int = FALSE;
      ps->p++;
      if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
        ps->p++;
      if (ps->p >= ps->end)
        {
          fail_truncated (ps, _("inside a number"));
          return NULL;
        }
      if (!is_digit (ps))
        {
          fail_unexpected (ps, _("a digit in the exponent"));
          return NULL;
        }
      while (is_digit (ps))
        ps->p++;
    }

  len = (gsize) (ps->p - begin);
  text = len < sizeof small ? small : g_malloc (len + 1);
  memcpy (text, begin, len);
  text[len] = '\0';

  node = json_node_alloc ();
  if (is_int)
    {
      gint64 v;

      errno = 0;
      v = g_ascii_strtoll (text, NULL, 10);
      if (errno == 0)
        {
          json_node_init_int (node, v);
          goto out;
        }
    }
  {
    double d = g_ascii_strtod (text, NULL);

    if (!isfinite (d))
      {
        fail_at (ps, begin, CC_JSON_ERROR_NUMBER, _("the number %s is out of range"), text);
        g_clear_pointer (&node, json_node_unref);
        goto out;
      }
    json_node_init_double (node, d);
  }

out:
  if (text != small)
    g_free (text);
  return node;
}

static JsonNode *
parse_literal (Parser *ps, const char *word)
{
  gsize n = strlen (word);
  gsize avail = (gsize) (ps->end - ps->p);
  JsonNode *node;

  if (avail < n && memcmp (ps->p, word, avail) == 0)
    {
      fail_truncated (ps, "");
      return NULL;
    }
  if (avail < n || memcmp (ps->p, word, n) != 0)
    {
      fail_unexpected (ps, _("a value (a string, a number, an object, an array, true, false or null)"));
      return NULL;
    }
  ps->p += n;
  node = json_node_alloc ();
  if (word[0] == 'n')
    json_node_init_null (node);
  else
    json_node_init_boolean (node, word[0] == 't');
  return node;
}

static gboolean
enter (Parser *ps)
{
  if (ps->depth >= ps->max_depth)
    {
      fail_at (ps, ps->p, CC_JSON_ERROR_LIMIT, _("nesting deeper than %u levels"), ps->max_depth);
      return FALSE;
    }
  ps->depth++;
  return TRUE;
}

static JsonNode *
parse_object (Parser *ps)
{
  JsonObject *object;
  JsonNode *node;

  if (!enter (ps))
    return NULL;
  ps->p++;
  object = json_object_new ();
  node = json_node_alloc ();
  json_node_init_object (node, object);
  json_object_unref (object);

  skip_ws (ps);
  if (ps->p < ps->end && *ps->p == '}')
    {
      ps->p++;
      ps->depth--;
      return node;
    }
  for (;;)
    {
      const char *key_at;
      g_autofree char *key = NULL;
      JsonNode *value;

      skip_ws (ps);
      if (ps->p >= ps->end)
        {
          fail_truncated (ps, _("inside an object"));
          goto error;
        }
      if (*ps->p != '"')
        {
          fail_unexpected (ps, _("a member name in double quotes"));
          goto error;
        }
      key_at = ps->p;
      if (!parse_string (ps))
        goto error;
      key = g_strndup (ps->buf->str, ps->buf->len);
      if (json_object_has_member (object, key))
        {
          fail_at (ps, key_at, CC_JSON_ERROR_DUPLICATE_KEY, _("duplicate member \"%s\" in one object"), key);
          goto error;
        }
      skip_ws (ps);
      if (ps->p >= ps->end)
        {
          fail_truncated (ps, _("inside an object"));
          goto error;
        }
      if (*ps->p != ':')
        {
          fail_unexpected (ps, _("“:” after a member name"));
          goto error;
        }
      ps->p++;
      value = parse_value (ps);
      if (value == NULL)
        goto error;
      json_object_set_member (object, key, value);

      skip_ws (ps);
      if (ps->p >= ps->end)
        {
          fail_truncated (ps, _("inside an object"));
          goto error;
        }
      if (*ps->p == ',')
        {
          ps->p++;
          continue;
        }
      if (*ps->p == '}')
        {
          ps->p++;
          ps->depth--;
          return node;
        }
      fail_unexpected (ps, _("“,” or “}” after a member"));
      goto error;
    }

error:
  json_node_unref (node);
  return NULL;
}

static JsonNode *
parse_array (Parser *ps)
{
  JsonArray *array;
  JsonNode *node;

  if (!enter (ps))
    return NULL;
  ps->p++;
  array = json_array_new ();
  node = json_node_alloc ();
  json_node_init_array (node, array);
  json_array_unref (array);

  skip_ws (ps);
  if (ps->p < ps->end && *ps->p == ']')
    {
      ps->p++;
      ps->depth--;
      return node;
    }
  for (;;)
    {
      JsonNode *value = parse_value (ps);

      if (value == NULL)
        goto error;
      json_array_add_element (array, value);
      skip_ws (ps);
      if (ps->p >= ps->end)
        {
          fail_truncated (ps, _("inside an array"));
          goto error;
        }
      if (*ps->p == ',')
        {
          ps->p++;
          continue;
        }
      if (*ps->p == ']')
        {
          ps->p++;
          ps->depth--;
          return node;
        }
      fail_unexpected (ps, _("“,” or “]” after an element"));
      goto error;
    }

error:
  json_node_unref (node);
  return NULL;
}

static JsonNode *
parse_value (Parser *ps)
{
  skip_ws (ps);
  if (ps->p >= ps->end)
    {
      fail_truncated (ps, _("where a value should be"));
      return NULL;
    }
  switch (*ps->p)
    {
    case '{':
      return parse_object (ps);
    case '[':
      return parse_array (ps);
    case '"':
      {
        JsonNode *node;

        if (!parse_string (ps))
          return NULL;
        node = json_node_alloc ();
        json_node_init_string (node, ps->buf->str);
        return node;
      }
    case 't':
      return parse_literal (ps, "true");
    case 'f':
      return parse_literal (ps, "false");
    case 'n':
      return parse_literal (ps, "null");
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return parse_number (ps);
    case ']':
    case '}':
    case ',':
      fail_unexpected (ps, _("a value"));
      return NULL;
    default:
      if (*ps->p == '/')
        fail_at (ps, ps->p, CC_JSON_ERROR_SYNTAX, _("comments are not allowed in JSON"));
      else if (*ps->p == '\'')
        fail_at (ps, ps->p, CC_JSON_ERROR_SYNTAX, _("strings must be in double quotes"));
      else
        fail_unexpected (ps, _("a value (a string, a number, an object, an array, true, false or null)"));
      return NULL;
    }
}

JsonNode *
cc_json_parse (const char         *data,
               gsize               len,
               const CcJsonLimits *limits,
               guint              *line,
               guint              *column,
               GError            **error)
{
  Parser ps = { 0 };
  const char *valid_end = NULL;
  gsize max_size = limits && limits->max_size ? limits->max_size : DEFAULT_MAX_SIZE;
  JsonNode *root = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  ps.start = ps.p = data ? data : "";
  ps.end = ps.start + len;
  ps.max_depth = limits && limits->max_depth ? limits->max_depth : DEFAULT_MAX_DEPTH;
  ps.max_string = limits && limits->max_string_length ? limits->max_string_length : DEFAULT_MAX_STRING;

  if (len > max_size)
    fail_at (&ps, ps.start, CC_JSON_ERROR_LIMIT, _("the text is larger than %" G_GSIZE_FORMAT " bytes"), max_size);
  else if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    fail_at (&ps, ps.start, CC_JSON_ERROR_ENCODING,
             _("a byte order mark is not allowed at the start (save as UTF-8 without one)"));
  else if (!g_utf8_validate_len (ps.start, len, &valid_end))
    {
      if (*valid_end == '\0')
        fail_at (&ps, valid_end, CC_JSON_ERROR_ENCODING, _("a NUL byte is not allowed"));
      else
        fail_at (&ps, valid_end, CC_JSON_ERROR_ENCODING,
                 _("the byte 0x%02X is not UTF-8 (save the file as UTF-8)"), (guint) (guchar) *valid_end);
    }
  else
    {
      skip_ws (&ps);
      if (ps.p >= ps.end)
        fail_at (&ps, ps.p, CC_JSON_ERROR_TRUNCATED, _("the file is empty"));
      else
        {
          ps.buf = g_string_sized_new (256);
          root = parse_value (&ps);
          if (root != NULL)
            {
              skip_ws (&ps);
              if (ps.p < ps.end)
                {
                  fail_at (&ps, ps.p, CC_JSON_ERROR_SYNTAX, _("more text after the end of the document"));
                  g_clear_pointer (&root, json_node_unref);
                }
            }
          g_string_free (ps.buf, TRUE);
        }
    }

  if (ps.error != NULL)
    {
      g_clear_pointer (&root, json_node_unref);
      if (line)
        *line = ps.line;
      if (column)
        *column = ps.column;
      g_propagate_error (error, ps.error);
      return NULL;
    }
  if (line)
    *line = 0;
  if (column)
    *column = 0;
  return root;
}

/* ---- writing ---------------------------------------------------------- */

void
cc_json_write_indent (GString *out, guint indent_level)
{
  for (guint i = 0; i < indent_level; i++)
    g_string_append (out, "  ");
}

void
cc_json_write_string (GString *out, const char *str)
{
  const char *run = str;

  g_string_append_c (out, '"');
  for (const char *p = str; *p; p++)
    {
      guchar c = (guchar) *p;
      const char *esc = NULL;
      char hex[8];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default:
          g_snprintf (hex, sizeof hex, "\\u%04x", c);
          esc = hex;
          break;
        }
      g_string_append (out, esc);
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

void
cc_json_write_double (GString *out, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (isfinite (value));

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
write_scalar (GString *out, JsonNode *node)
{
  GType type;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      g_string_append (out, "null");
      return;
    }
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    cc_json_write_string (out, json_node_get_string (node));
  else if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    cc_json_write_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else
    g_string_append (out, "null");
}

#define ONE_LINE_LIMIT 72

void
cc_json_write_node (GString *out, JsonNode *node, guint indent_level)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            g_string_append (out, first ? "\n" : ",\n");
            first = FALSE;
            cc_json_write_indent (out, indent_level + 1);
            cc_json_write_string (out, name);
            g_string_append (out, ": ");
            cc_json_write_node (out, member, indent_level + 1);
          }
        if (!first)
          {
            g_string_append_c (out, '\n');
            cc_json_write_indent (out, indent_level);
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        gboolean scalars = TRUE;

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        for (guint i = 0; i < n && scalars; i++)
          {
            JsonNodeType t = json_node_get_node_type (json_array_get_element (array, i));

            scalars = t == JSON_NODE_VALUE || t == JSON_NODE_NULL;
          }
        if (scalars)
          {
            gsize mark = out->len;

            g_string_append_c (out, '[');
            for (guint i = 0; i < n; i++)
              {
                if (i > 0)
                  g_string_append (out, ", ");
                write_scalar (out, json_array_get_element (array, i));
              }
            g_string_append_c (out, ']');
            if (out->len - mark <= ONE_LINE_LIMIT)
              break;
            g_string_truncate (out, mark);
          }
        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            g_string_append (out, i ? ",\n" : "\n");
            cc_json_write_indent (out, indent_level + 1);
            cc_json_write_node (out, json_array_get_element (array, i), indent_level + 1);
          }
        g_string_append_c (out, '\n');
        cc_json_write_indent (out, indent_level);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      write_scalar (out, node);
      break;
    }
}
