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
/* Whatever the caller asks: json-glib frees (and cc_json_write_node writes)
 * trees recursively, so a tree much deeper than this could overflow the
 * stack after a successful parse. */
#define MAX_DEPTH_CAP       10000
#define DEFAULT_MAX_STRING  ((gsize) 16 * 1024 * 1024)
#define DEFAULT_MAX_SIZE    ((gsize) 512 * 1024 * 1024)

/* ---- reading ---------------------------------------------------------- */

/* The parser is iterative: an explicit stack of open arrays and objects, so
 * no input (and no max_depth) can overflow the C stack while parsing. A new
 * array or object is attached to its parent as soon as it opens, so on an
 * error unreffing the root frees everything. */

typedef struct
{
  JsonNode   *node;     /* borrowed: owned by its parent, or the root */
  JsonObject *object;   /* NULL for an array */
  JsonArray  *array;    /* NULL for an object */
} Frame;

typedef struct
{
  const char  *start;
  const char  *p;
  const char  *end;
  guint        max_depth;
  gsize        max_string;
  GString     *buf;       /* decoded string values */
  GString     *key;       /* the member name waiting for its value */
  Frame       *stack;
  guint        depth;
  guint        stack_size;
  guint        line;
  guint        column;
  GError      *error;
} Parser;

/* Bytes that end a run of plain string characters: '"', '\\' and the
 * control characters. */
static const guint8 string_stop[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  ['\\'] = 1,
};

#define IS_WS(c)     ((c) == ' ' || (c) == '\n' || (c) == '\r' || (c) == '\t')
#define IS_DIGIT(c)  ((c) >= '0' && (c) <= '9')

/* Line and column (1-based, in characters) of @at. The text before @at is
 * valid UTF-8: it was checked, or @at is the first bad byte. */
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
  /* Not translated: callers rely on this prefix. */
  ps->error = g_error_new (CC_JSON_ERROR, code, "line %u, column %u: %s",
                           ps->line, ps->column, message);
}

/* @where: “inside a string”, “inside an array”… */
static void
fail_truncated (Parser *ps, const char *where)
{
  fail_at (ps, ps->end, CC_JSON_ERROR_TRUNCATED,
           _("unexpected end of file %s (is the file cut short?)"), where);
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '+' || c == '-';
}

/* Says what stands at @at, for messages: a whole word (“NaN”, “True”),
 * one character, or U+XXXX for what cannot be seen. */
static char *
describe (Parser *ps, const char *at)
{
  gunichar c = g_utf8_get_char (at);

  if (g_ascii_isalnum (*at) || *at == '_')
    {
      const char *q = at;

      while (q < ps->end && q - at < 24 && is_word_char (*q))
        q++;
      return g_strdup_printf ("“%.*s%s”", (int) (q - at), at,
                              q < ps->end && is_word_char (*q) ? "…" : "");
    }
  if (c <= 0x20 || c == 0x7f || (c >= 0x80 && !g_unichar_isgraph (c)))
    return g_strdup_printf ("U+%04X", c);
  return g_strdup_printf ("“%.*s”", (int) (g_utf8_next_char (at) - at), at);
}

/* A syntax error at ps->p, which is not at the end. */
static void
fail_unexpected (Parser *ps, const char *expected)
{
  g_autofree char *here = NULL;

  if (*ps->p == '/')
    {
      fail_at (ps, ps->p, CC_JSON_ERROR_SYNTAX, _("comments are not allowed in JSON"));
      return;
    }
  if (*ps->p == '\'')
    {
      fail_at (ps, ps->p, CC_JSON_ERROR_SYNTAX, _("strings must be in double quotes, not single quotes"));
      return;
    }
  here = describe (ps, ps->p);
  fail_at (ps, ps->p, CC_JSON_ERROR_SYNTAX, _("expected %s, found %s"), expected, here);
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

/* Reads the 4 hex digits after the "\u" at @escape. Returns -1 on error
 * (reported). */
static gint32
read_hex4 (Parser *ps, const char *escape)
{
  const char *digits = escape + 2;
  gint32 v = 0;

  for (int i = 0; i < 4; i++)
    {
      int h;

      if (digits + i >= ps->end)
        {
          fail_truncated (ps, _("inside a string"));
          return -1;
        }
      h = hex_value (digits[i]);
      if (h < 0)
        {
          fail_at (ps, escape, CC_JSON_ERROR_SYNTAX, _("“\\u” must be followed by four hexadecimal digits"));
          return -1;
        }
      v = v * 16 + h;
    }
  return v;
}

/* Decodes the escape at ps->p (a backslash) into @out and moves past it. */
static gboolean
parse_escape (Parser *ps, GString *out)
{
  const char *escape = ps->p;
  gint32 cp;

  if (escape + 1 >= ps->end)
    {
      fail_truncated (ps, _("inside a string"));
      return FALSE;
    }
  ps->p += 2;
  switch (escape[1])
    {
    case '"': g_string_append_c (out, '"'); return TRUE;
    case '\\': g_string_append_c (out, '\\'); return TRUE;
    case '/': g_string_append_c (out, '/'); return TRUE;
    case 'b': g_string_append_c (out, '\b'); return TRUE;
    case 'f': g_string_append_c (out, '\f'); return TRUE;
    case 'n': g_string_append_c (out, '\n'); return TRUE;
    case 'r': g_string_append_c (out, '\r'); return TRUE;
    case 't': g_string_append_c (out, '\t'); return TRUE;
    case 'u':
      break;
    default:
      {
        gunichar c = g_utf8_get_char (escape + 1);

        if (c > 0x20 && c < 0x7f)
          fail_at (ps, escape, CC_JSON_ERROR_SYNTAX,
                   _("“\\%c” is not a valid escape (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)"), (char) c);
        else
          fail_at (ps, escape, CC_JSON_ERROR_SYNTAX,
                   _("a backslash followed by U+%04X is not a valid escape"), c);
        return FALSE;
      }
    }

  cp = read_hex4 (ps, escape);
  if (cp < 0)
    return FALSE;
  ps->p = escape + 6;
  if (cp >= 0xD800 && cp <= 0xDBFF)
    {
      gint32 low;

      if (ps->p >= ps->end || (ps->p + 1 >= ps->end && *ps->p == '\\'))
        {
          fail_truncated (ps, _("inside a string"));
          return FALSE;
        }
      if (ps->p[0] != '\\' || ps->p[1] != 'u')
        {
          fail_at (ps, escape, CC_JSON_ERROR_ENCODING,
                   _("“\\u%04X” is the first half of a UTF-16 surrogate pair, but the second half does not follow"),
                   (guint) cp);
          return FALSE;
        }
      low = read_hex4 (ps, ps->p);
      if (low < 0)
        return FALSE;
      if (low < 0xDC00 || low > 0xDFFF)
        {
          fail_at (ps, escape, CC_JSON_ERROR_ENCODING,
                   _("“\\u%04X” is the first half of a UTF-16 surrogate pair, but “\\u%04X” is not a second half"),
                   (guint) cp, (guint) low);
          return FALSE;
        }
      ps->p += 6;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
  else if (cp >= 0xDC00 && cp <= 0xDFFF)
    {
      fail_at (ps, escape, CC_JSON_ERROR_ENCODING,
               _("“\\u%04X” is the second half of a UTF-16 surrogate pair without a first half"), (guint) cp);
      return FALSE;
    }
  else if (cp == 0)
    {
      fail_at (ps, escape, CC_JSON_ERROR_ENCODING, _("a NUL character (\\u0000) is not allowed in a string"));
      return FALSE;
    }
  g_string_append_unichar (out, (gunichar) cp);
  return TRUE;
}

/* Parses the string at ps->p (on the opening quote) into @out. */
static gboolean
parse_string (Parser *ps, GString *out)
{
  const char *open = ps->p;
  const char *p = ps->p + 1;
  const char *end = ps->end;

  g_string_truncate (out, 0);
  for (;;)
    {
      const char *run = p;

      while (p < end && !string_stop[(guchar) *p])
        p++;
      if (out->len + (gsize) (p - run) > ps->max_string)
        {
          fail_at (ps, open, CC_JSON_ERROR_LIMIT, _("a string longer than %" G_GSIZE_FORMAT " bytes"),
                   ps->max_string);
          return FALSE;
        }
      g_string_append_len (out, run, p - run);

      if (p >= end)
        {
          fail_truncated (ps, _("inside a string"));
          return FALSE;
        }
      if (*p == '"')
        {
          ps->p = p + 1;
          return TRUE;
        }
      if (*p != '\\')
        {
          fail_at (ps, p, CC_JSON_ERROR_SYNTAX,
                   _("a control character (U+%04X) must be written as an escape such as \\n or \\u%04x"),
                   (guint) (guchar) *p, (guint) (guchar) *p);
          return FALSE;
        }
      ps->p = p;
      if (!parse_escape (ps, out))
        return FALSE;
      p = ps->p;
      if (out->len > ps->max_string)
        {
          fail_at (ps, open, CC_JSON_ERROR_LIMIT, _("a string longer than %" G_GSIZE_FORMAT " bytes"),
                   ps->max_string);
          return FALSE;
        }
    }
}

static JsonNode *
parse_number (Parser *ps)
{
  const char *begin = ps->p;
  const char *p = ps->p;
  const char *end = ps->end;
  gboolean negative = FALSE;
  gboolean is_int = TRUE;
  guint64 magnitude = 0;
  gsize n_digits = 0;
  JsonNode *node;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
      if (p >= end)
        {
          fail_truncated (ps, _("inside a number"));
          return NULL;
        }
    }
  if (*p == '0')
    {
      p++;
      if (p < end && IS_DIGIT (*p))
        {
          fail_at (ps, begin, CC_JSON_ERROR_SYNTAX, _("a number must not start with a 0 followed by more digits"));
          return NULL;
        }
      n_digits = 1;
    }
  else if (IS_DIGIT (*p))
    {
      for (; p < end && IS_DIGIT (*p); p++, n_digits++)
        magnitude = magnitude * 10 + (guint64) (*p - '0');  /* exact up to 19 digits */
    }
  else
    {
      ps->p = p;
      fail_unexpected (ps, _("a digit after “-”"));
      return NULL;
    }

  if (p < end && *p == '.')
    {
      is_int = FALSE;
      p++;
      if (p >= end)
        {
          fail_truncated (ps, _("inside a number"));
          return NULL;
        }
      if (!IS_DIGIT (*p))
        {
          ps->p = p;
          fail_unexpected (ps, _("a digit after the decimal point"));
          return NULL;
        }
      while (p < end && IS_DIGIT (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      is_int = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end)
        {
          fail_truncated (ps, _("inside a number"));
          return NULL;
        }
      if (!IS_DIGIT (*p))
        {
          ps->p = p;
          fail_unexpected (ps, _("a digit in the exponent"));
          return NULL;
        }
      while (p < end && IS_DIGIT (*p))
        p++;
    }
  ps->p = p;

  node = json_node_alloc ();
  if (is_int && n_digits <= 18)
    {
      /* Below 10^18: always fits. */
      json_node_init_int (node, negative ? -(gint64) magnitude : (gint64) magnitude);
      return node;
    }

  {
    gsize len = (gsize) (p - begin);
    char small[64];
    char *text = len < sizeof small ? small : g_malloc (len + 1);
    double d;

    memcpy (text, begin, len);
    text[len] = '\0';
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
        /* Too big for 64 bits: a double, never wrapped. */
      }
    d = g_ascii_strtod (text, NULL);
    if (!isfinite (d))
      {
        if (len > 40)
          fail_at (ps, begin, CC_JSON_ERROR_NUMBER, _("number out of range: %.20s… is too large to represent"),
                   text);
        else
          fail_at (ps, begin, CC_JSON_ERROR_NUMBER, _("number out of range: %s is too large to represent"), text);
        g_clear_pointer (&node, json_node_unref);
      }
    else
      json_node_init_double (node, d);

  out:
    if (text != small)
      g_free (text);
  }
  return node;
}

static JsonNode *
parse_literal (Parser *ps)
{
  static const char * const words[] = { "true", "false", "null" };
  const char *word = NULL;
  gsize n, avail = (gsize) (ps->end - ps->p);
  JsonNode *node;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (*ps->p == words[i][0])
      word = words[i];
  g_assert (word != NULL);
  n = strlen (word);

  if (avail >= n && memcmp (ps->p, word, n) == 0 && (avail == n || !g_ascii_isalnum (ps->p[n])))
    {
      ps->p += n;
      node = json_node_alloc ();
      if (word[0] == 'n')
        json_node_init_null (node);
      else
        json_node_init_boolean (node, word[0] == 't');
      return node;
    }
  if (avail < n && memcmp (ps->p, word, avail) == 0)
    {
      g_autofree char *where = g_strdup_printf (_("after “%.*s”"), (int) avail, ps->p);

      fail_truncated (ps, where);
      return NULL;
    }
  fail_unexpected (ps, _("a value"));
  return NULL;
}

/* Opens the array or object at ps->p and pushes it. Its caller attaches it
 * to its parent. Moves the stack: pointers into it are stale after. */
static JsonNode *
open_container (Parser *ps)
{
  Frame *frame;
  JsonNode *node;

  if (ps->depth >= ps->max_depth)
    {
      fail_at (ps, ps->p, CC_JSON_ERROR_LIMIT, _("nesting deeper than %u levels"), ps->max_depth);
      return NULL;
    }
  if (ps->depth == ps->stack_size)
    {
      ps->stack_size = MAX (32, ps->stack_size * 2);
      ps->stack = g_renew (Frame, ps->stack, ps->stack_size);
    }
  frame = &ps->stack[ps->depth++];
  node = json_node_alloc ();
  if (*ps->p == '{')
    {
      frame->object = json_object_new ();
      frame->array = NULL;
      json_node_init_object (node, frame->object);
      json_object_unref (frame->object);
    }
  else
    {
      frame->array = json_array_new ();
      frame->object = NULL;
      json_node_init_array (node, frame->array);
      json_array_unref (frame->array);
    }
  frame->node = node;
  ps->p++;
  return node;
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
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ps.start = ps.p = data ? data : "";
  ps.end = ps.start + len;
  ps.max_depth = limits && limits->max_depth ? MIN (limits->max_depth, MAX_DEPTH_CAP) : DEFAULT_MAX_DEPTH;
  ps.max_string = limits && limits->max_string_length ? limits->max_string_length : DEFAULT_MAX_STRING;

  if (len > max_size)
    {
      fail_at (&ps, ps.start, CC_JSON_ERROR_LIMIT, _("the text is larger than %" G_GSIZE_FORMAT " bytes"), max_size);
      goto done;
    }
  if (len >= 3 && memcmp (ps.start, "\xEF\xBB\xBF", 3) == 0)
    {
      fail_at (&ps, ps.start, CC_JSON_ERROR_ENCODING,
               _("a byte order mark is not allowed (save the file as UTF-8 without one)"));
      goto done;
    }
  if (!g_utf8_validate_len (ps.start, len, &valid_end))
    {
      if (*valid_end == '\0')
        fail_at (&ps, valid_end, CC_JSON_ERROR_ENCODING, _("a NUL byte is not allowed"));
      else
        fail_at (&ps, valid_end, CC_JSON_ERROR_ENCODING,
                 _("the byte 0x%02X is not UTF-8 (save the file as UTF-8)"), (guint) (guchar) *valid_end);
      goto done;
    }

  while (ps.p < ps.end && IS_WS (*ps.p))
    ps.p++;
  if (ps.p >= ps.end)
    {
      fail_at (&ps, ps.p, CC_JSON_ERROR_TRUNCATED, _("the file is empty"));
      goto done;
    }

  ps.buf = g_string_sized_new (256);
  ps.key = g_string_sized_new (64);

  for (;;)
    {
      Frame *top = ps.depth > 0 ? &ps.stack[ps.depth - 1] : NULL;
      JsonNode *value = NULL;
      gboolean opened = FALSE;

      /* A value. ps.p is on its first character (after whitespace). */
      if (ps.p >= ps.end)
        {
          fail_truncated (&ps, top == NULL ? _("where a value should be")
                               : top->array ? _("inside an array") : _("inside an object"));
          goto done;
        }
      switch (*ps.p)
        {
        case '{':
        case '[':
          value = open_container (&ps);
          opened = TRUE;
          break;
        case '"':
          if (parse_string (&ps, ps.buf))
            {
              value = json_node_alloc ();
              json_node_init_string (value, ps.buf->str);
            }
          break;
        case 't':
        case 'f':
        case 'n':
          value = parse_literal (&ps);
          break;
        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          value = parse_number (&ps);
          break;
        case '+':
          fail_at (&ps, ps.p, CC_JSON_ERROR_SYNTAX, _("a number must not start with “+”"));
          break;
        case '.':
          fail_at (&ps, ps.p, CC_JSON_ERROR_SYNTAX, _("a number must start with a digit, not “.”"));
          break;
        case ']':
        case '}':
          if (top != NULL && top->array != NULL && *ps.p == ']')
            {
              const char *q = ps.p - 1;

              /* Something precedes: at least the '['. */
              while (IS_WS (*q))
                q--;
              if (*q == ',')
                {
                  fail_at (&ps, ps.p, CC_JSON_ERROR_SYNTAX,
                           _("expected a value, found “]” (a comma must not come before “]”)"));
                  break;
                }
            }
          fail_unexpected (&ps, _("a value"));
          break;
        default:
          fail_unexpected (&ps, _("a value"));
          break;
        }
      if (value == NULL)
        goto done;

      /* Attach the value to its parent. */
      if (top == NULL)
        root = value;
      else
        {
          if (opened)  /* the stack may have moved */
            top = &ps.stack[ps.depth - 2];
          json_node_set_parent (value, top->node);
          if (top->array)
            json_array_add_element (top->array, value);
          else
            json_object_set_member (top->object, ps.key->str, value);
        }

      if (opened)
        {
          Frame *frame = &ps.stack[ps.depth - 1];

          while (ps.p < ps.end && IS_WS (*ps.p))
            ps.p++;
          if (ps.p < ps.end && *ps.p == (frame->array ? ']' : '}'))
            ps.p++;
          else if (frame->array)
            continue;  /* to the first element */
          else
            goto member;
          ps.depth--;  /* empty: closed at once */
        }

      /* After a value: ',' or the end of its array or object, which may end
       * its parent too. */
      for (;;)
        {
          Frame *frame;

          while (ps.p < ps.end && IS_WS (*ps.p))
            ps.p++;
          if (ps.depth == 0)
            {
              if (ps.p < ps.end && *ps.p == '/')
                fail_at (&ps, ps.p, CC_JSON_ERROR_SYNTAX, _("comments are not allowed in JSON"));
              else if (ps.p < ps.end)
                fail_at (&ps, ps.p, CC_JSON_ERROR_SYNTAX, _("more text after the end of the document"));
              goto done;
            }
          frame = &ps.stack[ps.depth - 1];
          if (ps.p >= ps.end)
            {
              fail_truncated (&ps, frame->array ? _("inside an array") : _("inside an object"));
              goto done;
            }
          if (*ps.p == ',')
            {
              ps.p++;
              break;
            }
          if (*ps.p == (frame->array ? ']' : '}'))
            {
              ps.p++;
              ps.depth--;
              continue;
            }
          fail_unexpected (&ps, frame->array ? _("“,” or “]” after an element") : _("“,” or “}” after a member"));
          goto done;
        }

      if (ps.stack[ps.depth - 1].array)
        {
          while (ps.p < ps.end && IS_WS (*ps.p))
            ps.p++;
          continue;
        }

    member:
      /* A member name, then ':', in the object on top of the stack. */
      {
        JsonObject *object = ps.stack[ps.depth - 1].object;
        const char *name_at;

        while (ps.p < ps.end && IS_WS (*ps.p))
          ps.p++;
        if (ps.p >= ps.end)
          {
            fail_truncated (&ps, _("inside an object"));
            goto done;
          }
        if (*ps.p != '"')
          {
            if (*ps.p == '}')
              fail_at (&ps, ps.p, CC_JSON_ERROR_SYNTAX,
                       _("expected a member name, found “}” (a comma must not come before “}”)"));
            else
              fail_unexpected (&ps, _("a member name in double quotes"));
            goto done;
          }
        name_at = ps.p;
        if (!parse_string (&ps, ps.key))
          goto done;
        if (json_object_has_member (object, ps.key->str))
          {
            GString *quoted = g_string_new (NULL);

            cc_json_write_string (quoted, ps.key->str);
            if (quoted->len > 64)
              {
                g_string_truncate (quoted, g_utf8_find_prev_char (quoted->str, quoted->str + 62) - quoted->str);
                g_string_append (quoted, "…\"");
              }
            fail_at (&ps, name_at, CC_JSON_ERROR_DUPLICATE_KEY, _("duplicate member %s in one object"), quoted->str);
            g_string_free (quoted, TRUE);
            goto done;
          }
        while (ps.p < ps.end && IS_WS (*ps.p))
          ps.p++;
        if (ps.p >= ps.end)
          {
            fail_truncated (&ps, _("inside an object"));
            goto done;
          }
        if (*ps.p != ':')
          {
            fail_unexpected (&ps, _("“:” after a member name"));
            goto done;
          }
        ps.p++;
        while (ps.p < ps.end && IS_WS (*ps.p))
          ps.p++;
      }
    }

done:
  if (ps.buf != NULL)
    g_string_free (ps.buf, TRUE);
  if (ps.key != NULL)
    g_string_free (ps.key, TRUE);
  g_free (ps.stack);

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

/* Arrays of scalars stay on one line if the line ends by this column. */
#define LINE_WIDTH 80

void
cc_json_write_indent (GString *out, guint indent_level)
{
  static const char spaces[] = "                                ";  /* 32 */
  gsize n = (gsize) indent_level * 2;

  g_return_if_fail (out != NULL);

  while (n > 0)
    {
      gsize chunk = MIN (n, sizeof spaces - 1);

      g_string_append_len (out, spaces, chunk);
      n -= chunk;
    }
}

void
cc_json_write_string (GString *out, const char *str)
{
  static const char hex[] = "0123456789abcdef";
  const char *run;
  const char *p;

  g_return_if_fail (out != NULL);

  if (G_UNLIKELY (str == NULL))
    {
      g_critical ("%s: a NULL string, written as \"\"", G_STRFUNC);
      str = "";
    }

  g_string_append_c (out, '"');
  for (run = p = str; *p; p++)
    {
      guchar c = (guchar) *p;

      if (!string_stop[c])
        continue;
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': g_string_append_len (out, "\\\"", 2); break;
        case '\\': g_string_append_len (out, "\\\\", 2); break;
        case '\b': g_string_append_len (out, "\\b", 2); break;
        case '\f': g_string_append_len (out, "\\f", 2); break;
        case '\n': g_string_append_len (out, "\\n", 2); break;
        case '\r': g_string_append_len (out, "\\r", 2); break;
        case '\t': g_string_append_len (out, "\\t", 2); break;
        default:
          {
            char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf] };

            g_string_append_len (out, esc, sizeof esc);
          }
          break;
        }
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

void
cc_json_write_double (GString *out, double value)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (out != NULL);
  g_return_if_fail (isfinite (value));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append_len (out, ".0", 2);
}

static void
write_scalar (GString *out, JsonNode *node)
{
  GType type;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      g_string_append_len (out, "null", 4);
      return;
    }
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    cc_json_write_string (out, json_node_get_string (node));
  else if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (isfinite (d))
        cc_json_write_double (out, d);
      else
        {
          g_critical ("%s: %g is not a JSON number, written as null", G_STRFUNC, d);
          g_string_append_len (out, "null", 4);
        }
    }
  else if (type == G_TYPE_BOOLEAN)
    {
      if (json_node_get_boolean (node))
        g_string_append_len (out, "true", 4);
      else
        g_string_append_len (out, "false", 5);
    }
  else
    g_string_append_len (out, "null", 4);
}

static gboolean
is_scalar (JsonNode *node)
{
  JsonNodeType type = json_node_get_node_type (node);

  return type == JSON_NODE_VALUE || type == JSON_NODE_NULL;
}

/* The column (in characters, 0-based) where @out ends. */
static gsize
current_column (GString *out)
{
  const char *line_start = out->str + out->len;

  while (line_start > out->str && line_start[-1] != '\n')
    line_start--;
  return (gsize) g_utf8_strlen (line_start, out->str + out->len - line_start);
}

void
cc_json_write_node (GString *out, JsonNode *node, guint indent_level)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (node != NULL);

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
            if (first)
              g_string_append_c (out, '\n');
            else
              g_string_append_len (out, ",\n", 2);
            first = FALSE;
            cc_json_write_indent (out, indent_level + 1);
            cc_json_write_string (out, name);
            g_string_append_len (out, ": ", 2);
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
            g_string_append_len (out, "[]", 2);
            break;
          }
        for (guint i = 0; i < n && scalars; i++)
          scalars = is_scalar (json_array_get_element (array, i));
        if (scalars)
          {
            gsize mark = out->len;
            gsize column = current_column (out);

            g_string_append_c (out, '[');
            for (guint i = 0; i < n; i++)
              {
                if (i > 0)
                  g_string_append_len (out, ", ", 2);
                write_scalar (out, json_array_get_element (array, i));
                if (out->len - mark > 4 * LINE_WIDTH)
                  break;  /* far too long already */
              }
            g_string_append_c (out, ']');
            if (column + g_utf8_strlen (out->str + mark, out->len - mark) <= LINE_WIDTH)
              break;
            g_string_truncate (out, mark);
          }
        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            g_string_append_len (out, i ? ",\n" : "\n", i ? 2 : 1);
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
