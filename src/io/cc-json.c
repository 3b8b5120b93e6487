/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-json"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc-bidi.h"
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

/* The reader is a pull tokenizer: each call to cc_json_reader_next() gives
 * the next token of the document, checked as strictly as RFC 8259 asks,
 * with an explicit stack of open arrays and objects, so no input (and no
 * max_depth) can overflow the C stack. Each object remembers its member
 * names to refuse a duplicate: the first few in one arena shared by all
 * open objects, and in a hash table once an object has many. */

#define FEW_KEYS 16

typedef enum
{
  STATE_VALUE,        /* a value must come */
  STATE_ARRAY_FIRST,  /* after "[": a value or "]" */
  STATE_OBJECT_FIRST, /* after "{": a member or "}" */
  STATE_MEMBER,       /* after "," in an object */
  STATE_AFTER,        /* after a value */
  STATE_DONE,
  STATE_FAILED,
} State;

typedef struct
{
  gboolean    array;
  gsize       key_start;  /* in keys: this object's first names */
  guint       n_keys;
  GHashTable *key_set;    /* every name once there are more than FEW_KEYS */
} Frame;

struct _CcJsonReader
{
  const char  *start;
  const char  *p;
  const char  *end;
  guint        max_depth;
  gsize        max_string;
  State        state;
  GString     *buf;       /* the decoded string value */
  GString     *key;       /* the decoded member name */
  GString     *keys;      /* names of open objects, NUL after each */
  Frame       *stack;
  guint        depth;
  guint        stack_size;
  gint64       int_value;
  double       double_value;
  guint        line;
  guint        column;
  GError      *error;
};

typedef struct _CcJsonReader Parser;

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
  {
    /* One character of the file: a right-to-left one set apart from the
     * words around it (cc-bidi.h). */
    g_autofree char *one = g_strndup (at, g_utf8_next_char (at) - at);
    g_autofree char *set = cc_bidi_isolate (one);

    return g_strdup_printf ("“%s”", set);
  }
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

static CcJsonToken
parse_number (Parser *ps)
{
  const char *begin = ps->p;
  const char *p = ps->p;
  const char *end = ps->end;
  gboolean negative = FALSE;
  gboolean is_int = TRUE;
  guint64 magnitude = 0;
  gsize n_digits = 0;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
      if (p >= end)
        {
          fail_truncated (ps, _("inside a number"));
          return CC_JSON_TOKEN_ERROR;
        }
    }
  if (*p == '0')
    {
      p++;
      if (p < end && IS_DIGIT (*p))
        {
          fail_at (ps, begin, CC_JSON_ERROR_SYNTAX, _("a number must not start with a 0 followed by more digits"));
          return CC_JSON_TOKEN_ERROR;
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
      return CC_JSON_TOKEN_ERROR;
    }

  if (p < end && *p == '.')
    {
      is_int = FALSE;
      p++;
      if (p >= end)
        {
          fail_truncated (ps, _("inside a number"));
          return CC_JSON_TOKEN_ERROR;
        }
      if (!IS_DIGIT (*p))
        {
          ps->p = p;
          fail_unexpected (ps, _("a digit after the decimal point"));
          return CC_JSON_TOKEN_ERROR;
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
          return CC_JSON_TOKEN_ERROR;
        }
      if (!IS_DIGIT (*p))
        {
          ps->p = p;
          fail_unexpected (ps, _("a digit in the exponent"));
          return CC_JSON_TOKEN_ERROR;
        }
      while (p < end && IS_DIGIT (*p))
        p++;
    }
  ps->p = p;

  if (is_int && n_digits <= 18)
    {
      /* Below 10^18: always fits. */
      ps->int_value = negative ? -(gint64) magnitude : (gint64) magnitude;
      return CC_JSON_TOKEN_INT;
    }

  {
    gsize len = (gsize) (p - begin);
    char small[64];
    char *text = len < sizeof small ? small : g_malloc (len + 1);
    CcJsonToken token = CC_JSON_TOKEN_DOUBLE;
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
            ps->int_value = v;
            token = CC_JSON_TOKEN_INT;
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
        token = CC_JSON_TOKEN_ERROR;
      }
    else
      ps->double_value = d;

  out:
    if (text != small)
      g_free (text);
    return token;
  }
}

static CcJsonToken
parse_literal (Parser *ps)
{
  static const char * const words[] = { "true", "false", "null" };
  const char *word = NULL;
  gsize n, avail = (gsize) (ps->end - ps->p);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (*ps->p == words[i][0])
      word = words[i];
  g_assert (word != NULL);
  n = strlen (word);

  if (avail >= n && memcmp (ps->p, word, n) == 0 && (avail == n || !g_ascii_isalnum (ps->p[n])))
    {
      ps->p += n;
      return word[0] == 'n' ? CC_JSON_TOKEN_NULL : word[0] == 't' ? CC_JSON_TOKEN_TRUE : CC_JSON_TOKEN_FALSE;
    }
  if (avail < n && memcmp (ps->p, word, avail) == 0)
    {
      g_autofree char *where = g_strdup_printf (_("after “%.*s”"), (int) avail, ps->p);

      fail_truncated (ps, where);
      return CC_JSON_TOKEN_ERROR;
    }
  fail_unexpected (ps, _("a value"));
  return CC_JSON_TOKEN_ERROR;
}

static void
skip_ws (Parser *ps)
{
  while (ps->p < ps->end && IS_WS (*ps->p))
    ps->p++;
}

/* Opens the array or object at ps->p and pushes it. */
static CcJsonToken
open_container (Parser *ps)
{
  Frame *frame;

  if (ps->depth >= ps->max_depth)
    {
      fail_at (ps, ps->p, CC_JSON_ERROR_LIMIT, _("nesting deeper than %u levels"), ps->max_depth);
      return CC_JSON_TOKEN_ERROR;
    }
  if (ps->depth == ps->stack_size)
    {
      ps->stack_size = MAX (32, ps->stack_size * 2);
      ps->stack = g_renew (Frame, ps->stack, ps->stack_size);
    }
  frame = &ps->stack[ps->depth++];
  frame->array = *ps->p == '[';
  frame->key_start = ps->keys->len;
  frame->n_keys = 0;
  frame->key_set = NULL;
  ps->p++;
  skip_ws (ps);
  ps->state = frame->array ? STATE_ARRAY_FIRST : STATE_OBJECT_FIRST;
  return frame->array ? CC_JSON_TOKEN_BEGIN_ARRAY : CC_JSON_TOKEN_BEGIN_OBJECT;
}

static CcJsonToken
close_container (Parser *ps)
{
  Frame *frame = &ps->stack[--ps->depth];

  g_string_truncate (ps->keys, frame->key_start);
  g_clear_pointer (&frame->key_set, g_hash_table_unref);
  ps->p++;
  ps->state = STATE_AFTER;
  return frame->array ? CC_JSON_TOKEN_END_ARRAY : CC_JSON_TOKEN_END_OBJECT;
}

/* Has the object on top already a member called ps->key? Remembers it. */
static gboolean
is_duplicate_key (Parser *ps)
{
  Frame *frame = &ps->stack[ps->depth - 1];
  const char *name = ps->key->str;

  if (frame->key_set != NULL)
    return !g_hash_table_add (frame->key_set, g_strdup (name));
  for (const char *k = ps->keys->str + frame->key_start; k < ps->keys->str + ps->keys->len; k += strlen (k) + 1)
    if (strcmp (k, name) == 0)
      return TRUE;
  if (frame->n_keys < FEW_KEYS)
    {
      g_string_append_len (ps->keys, name, (gssize) ps->key->len + 1);
      frame->n_keys++;
      return FALSE;
    }
  /* Many members: from now on a set of them all. */
  frame->key_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (const char *k = ps->keys->str + frame->key_start; k < ps->keys->str + ps->keys->len; k += strlen (k) + 1)
    g_hash_table_add (frame->key_set, g_strdup (k));
  g_string_truncate (ps->keys, frame->key_start);
  g_hash_table_add (frame->key_set, g_strdup (name));
  return FALSE;
}

static CcJsonToken
fail (Parser *ps)
{
  ps->state = STATE_FAILED;
  return CC_JSON_TOKEN_ERROR;
}

/* A value at ps->p (after whitespace). */
static CcJsonToken
next_value (Parser *ps)
{
  Frame *top = ps->depth > 0 ? &ps->stack[ps->depth - 1] : NULL;
  CcJsonToken token = CC_JSON_TOKEN_ERROR;

  if (ps->p >= ps->end)
    {
      fail_truncated (ps, top == NULL ? _("where a value should be")
                          : top->array ? _("inside an array") : _("inside an object"));
      return fail (ps);
    }
  switch (*ps->p)
    {
    case '{':
    case '[':
      token = open_container (ps);
      return token == CC_JSON_TOKEN_ERROR ? fail (ps) : token;
    case '"':
      if (parse_string (ps, ps->buf))
        token = CC_JSON_TOKEN_STRING;
      break;
    case 't':
    case 'f':
    case 'n':
      token = parse_literal (ps);
      break;
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      token = parse_number (ps);
      break;
    case '+':
      fail_at (ps, ps->p, CC_JSON_ERROR_SYNTAX, _("a number must not start with “+”"));
      break;
    case '.':
      fail_at (ps, ps->p, CC_JSON_ERROR_SYNTAX, _("a number must start with a digit, not “.”"));
      break;
    case ']':
    case '}':
      if (top != NULL && top->array && *ps->p == ']')
        {
          const char *q = ps->p - 1;

          /* Something precedes: at least the '['. */
          while (IS_WS (*q))
            q--;
          if (*q == ',')
            {
              fail_at (ps, ps->p, CC_JSON_ERROR_SYNTAX,
                       _("expected a value, found “]” (a comma must not come before “]”)"));
              break;
            }
        }
      fail_unexpected (ps, _("a value"));
      break;
    default:
      fail_unexpected (ps, _("a value"));
      break;
    }
  if (token == CC_JSON_TOKEN_ERROR)
    return fail (ps);
  ps->state = STATE_AFTER;
  return token;
}

/* A member name, then ':', in the object on top of the stack. */
static CcJsonToken
next_member (Parser *ps)
{
  const char *name_at;

  skip_ws (ps);
  if (ps->p >= ps->end)
    {
      fail_truncated (ps, _("inside an object"));
      return fail (ps);
    }
  if (*ps->p != '"')
    {
      if (*ps->p == '}')
        fail_at (ps, ps->p, CC_JSON_ERROR_SYNTAX,
                 _("expected a member name, found “}” (a comma must not come before “}”)"));
      else
        fail_unexpected (ps, _("a member name in double quotes"));
      return fail (ps);
    }
  name_at = ps->p;
  if (!parse_string (ps, ps->key))
    return fail (ps);
  if (is_duplicate_key (ps))
    {
      GString *quoted = g_string_new (NULL);
      g_autofree char *set = NULL;

      cc_json_write_string (quoted, ps->key->str);
      if (quoted->len > 64)
        {
          g_string_truncate (quoted, g_utf8_find_prev_char (quoted->str, quoted->str + 62) - quoted->str);
          g_string_append (quoted, "…\"");
        }
      set = cc_bidi_isolate (quoted->str);
      fail_at (ps, name_at, CC_JSON_ERROR_DUPLICATE_KEY, _("duplicate member %s in one object"), set);
      g_string_free (quoted, TRUE);
      return fail (ps);
    }
  skip_ws (ps);
  if (ps->p >= ps->end)
    {
      fail_truncated (ps, _("inside an object"));
      return fail (ps);
    }
  if (*ps->p != ':')
    {
      fail_unexpected (ps, _("“:” after a member name"));
      return fail (ps);
    }
  ps->p++;
  skip_ws (ps);
  ps->state = STATE_VALUE;
  return CC_JSON_TOKEN_MEMBER;
}

CcJsonToken
cc_json_reader_next (CcJsonReader *ps)
{
  Frame *frame;

  switch (ps->state)
    {
    case STATE_VALUE:
      return next_value (ps);

    case STATE_ARRAY_FIRST:
      if (ps->p < ps->end && *ps->p == ']')
        return close_container (ps);
      return next_value (ps);

    case STATE_OBJECT_FIRST:
      if (ps->p < ps->end && *ps->p == '}')
        return close_container (ps);
      return next_member (ps);

    case STATE_MEMBER:
      return next_member (ps);

    case STATE_AFTER:
      /* ',' or the end of the array or object the value is in. */
      skip_ws (ps);
      if (ps->depth == 0)
        {
          if (ps->p < ps->end && *ps->p == '/')
            fail_at (ps, ps->p, CC_JSON_ERROR_SYNTAX, _("comments are not allowed in JSON"));
          else if (ps->p < ps->end)
            fail_at (ps, ps->p, CC_JSON_ERROR_SYNTAX, _("more text after the end of the document"));
          if (ps->error != NULL)
            return fail (ps);
          ps->state = STATE_DONE;
          return CC_JSON_TOKEN_END;
        }
      frame = &ps->stack[ps->depth - 1];
      if (ps->p >= ps->end)
        {
          fail_truncated (ps, frame->array ? _("inside an array") : _("inside an object"));
          return fail (ps);
        }
      if (*ps->p == ',')
        {
          ps->p++;
          if (frame->array)
            {
              skip_ws (ps);
              return next_value (ps);
            }
          return next_member (ps);
        }
      if (*ps->p == (frame->array ? ']' : '}'))
        return close_container (ps);
      fail_unexpected (ps, frame->array ? _("“,” or “]” after an element") : _("“,” or “}” after a member"));
      return fail (ps);

    case STATE_DONE:
      return CC_JSON_TOKEN_END;

    case STATE_FAILED:
    default:
      return CC_JSON_TOKEN_ERROR;
    }
}

gboolean
cc_json_skip_bom (const char **data, gsize *len)
{
  g_return_val_if_fail (data != NULL && len != NULL, FALSE);
  if (*data == NULL || *len < 3 || memcmp (*data, "\xEF\xBB\xBF", 3) != 0)
    return FALSE;
  *data += 3;
  *len -= 3;
  return TRUE;
}

CcJsonReader *
cc_json_reader_new (const char *data, gsize len, const CcJsonLimits *limits)
{
  Parser *ps = g_new0 (Parser, 1);
  const char *valid_end = NULL;
  gsize max_size = limits && limits->max_size ? limits->max_size : DEFAULT_MAX_SIZE;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  ps->start = ps->p = data ? data : "";
  ps->end = ps->start + len;
  ps->max_depth = limits && limits->max_depth ? MIN (limits->max_depth, MAX_DEPTH_CAP) : DEFAULT_MAX_DEPTH;
  ps->max_string = limits && limits->max_string_length ? limits->max_string_length : DEFAULT_MAX_STRING;
  ps->buf = g_string_sized_new (256);
  ps->key = g_string_sized_new (64);
  ps->keys = g_string_sized_new (256);
  ps->state = STATE_VALUE;

  if (len > max_size)
    fail_at (ps, ps->start, CC_JSON_ERROR_LIMIT, _("the text is larger than %" G_GSIZE_FORMAT " bytes"), max_size);
  else if (len >= 3 && memcmp (ps->start, "\xEF\xBB\xBF", 3) == 0)
    fail_at (ps, ps->start, CC_JSON_ERROR_ENCODING,
             _("a byte order mark is not allowed (save the file as UTF-8 without one)"));
  else if (!g_utf8_validate_len (ps->start, len, &valid_end))
    {
      if (*valid_end == '\0')
        fail_at (ps, valid_end, CC_JSON_ERROR_ENCODING, _("a NUL byte is not allowed"));
      else
        fail_at (ps, valid_end, CC_JSON_ERROR_ENCODING,
                 _("the byte 0x%02X is not UTF-8 (save the file as UTF-8)"), (guint) (guchar) *valid_end);
    }
  else
    {
      skip_ws (ps);
      if (ps->p >= ps->end)
        fail_at (ps, ps->p, CC_JSON_ERROR_TRUNCATED, _("the file is empty"));
    }
  if (ps->error != NULL)
    ps->state = STATE_FAILED;
  return ps;
}

void
cc_json_reader_free (CcJsonReader *ps)
{
  if (ps == NULL)
    return;
  while (ps->depth > 0)
    g_clear_pointer (&ps->stack[--ps->depth].key_set, g_hash_table_unref);
  g_free (ps->stack);
  g_string_free (ps->buf, TRUE);
  g_string_free (ps->key, TRUE);
  g_string_free (ps->keys, TRUE);
  g_clear_error (&ps->error);
  g_free (ps);
}

const char *
cc_json_reader_get_string (CcJsonReader *ps, gsize *len)
{
  if (len != NULL)
    *len = ps->buf->len;
  return ps->buf->str;
}

const char *
cc_json_reader_get_member (CcJsonReader *ps)
{
  return ps->key->str;
}

gint64
cc_json_reader_get_int (CcJsonReader *ps)
{
  return ps->int_value;
}

double
cc_json_reader_get_double (CcJsonReader *ps)
{
  return ps->double_value;
}

guint
cc_json_reader_get_depth (CcJsonReader *ps)
{
  return ps->depth;
}

const GError *
cc_json_reader_get_error (CcJsonReader *ps, guint *line, guint *column)
{
  if (line)
    *line = ps->error ? ps->line : 0;
  if (column)
    *column = ps->error ? ps->column : 0;
  return ps->error;
}

/* As "%" G_GINT64_FORMAT, without printf's cost: a skipped array of
 * millions of numbers is mostly this. */
static void
append_int (GString *out, gint64 value)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (out, p, buf + sizeof buf - p);
}

/* Writes the scalar @token as the writer would (cc_json_write_node). */
static void
write_token (GString *out, CcJsonReader *ps, CcJsonToken token)
{
  switch (token)
    {
    case CC_JSON_TOKEN_STRING:
      cc_json_write_string (out, ps->buf->str);
      break;
    case CC_JSON_TOKEN_INT:
      append_int (out, ps->int_value);
      break;
    case CC_JSON_TOKEN_DOUBLE:
      cc_json_write_double (out, ps->double_value);
      break;
    case CC_JSON_TOKEN_TRUE:
      g_string_append_len (out, "true", 4);
      break;
    case CC_JSON_TOKEN_FALSE:
      g_string_append_len (out, "false", 5);
      break;
    case CC_JSON_TOKEN_NULL:
    default:
      g_string_append_len (out, "null", 4);
      break;
    }
}

gboolean
cc_json_reader_skip (CcJsonReader *ps, CcJsonToken first, GString *compact)
{
  guint depth = ps->depth;
  gboolean need_comma = FALSE;
  CcJsonToken token = first;

  if (first == CC_JSON_TOKEN_ERROR || first == CC_JSON_TOKEN_END)
    return FALSE;
  if (first != CC_JSON_TOKEN_BEGIN_ARRAY && first != CC_JSON_TOKEN_BEGIN_OBJECT)
    {
      if (compact != NULL)
        write_token (compact, ps, first);
      return TRUE;
    }
  /* depth counts the container @first opened. */
  for (;;)
    {
      switch (token)
        {
        case CC_JSON_TOKEN_ERROR:
        case CC_JSON_TOKEN_END:
          return FALSE;
        case CC_JSON_TOKEN_BEGIN_ARRAY:
        case CC_JSON_TOKEN_BEGIN_OBJECT:
          if (compact != NULL)
            {
              if (need_comma)
                g_string_append_c (compact, ',');
              g_string_append_c (compact, token == CC_JSON_TOKEN_BEGIN_ARRAY ? '[' : '{');
            }
          need_comma = FALSE;
          break;
        case CC_JSON_TOKEN_END_ARRAY:
        case CC_JSON_TOKEN_END_OBJECT:
          if (compact != NULL)
            g_string_append_c (compact, token == CC_JSON_TOKEN_END_ARRAY ? ']' : '}');
          need_comma = TRUE;
          if (ps->depth < depth)
            return TRUE;
          break;
        case CC_JSON_TOKEN_MEMBER:
          if (compact != NULL)
            {
              if (need_comma)
                g_string_append_c (compact, ',');
              cc_json_write_string (compact, ps->key->str);
              g_string_append_c (compact, ':');
            }
          need_comma = FALSE;
          break;
        default:
          if (compact != NULL)
            {
              if (need_comma)
                g_string_append_c (compact, ',');
              write_token (compact, ps, token);
            }
          need_comma = TRUE;
          break;
        }
      token = cc_json_reader_next (ps);
    }
}

/* ---- a member's value, found ahead ---------------------------------------- */

/* The scan ahead is not a check: it reads as far as it can make sense of
 * the text and gives up (CC_JSON_PEEK_UNKNOWN) at anything odd, leaving the
 * reader to find and report what is wrong. */

static const char *
scan_string (const char *p, const char *end, gboolean *escaped)
{
  /* p is on the opening quote */
  for (p++; p < end; p++)
    {
      if (*p == '"')
        return p + 1;
      if (*p == '\\')
        {
          *escaped = TRUE;
          p++;
        }
    }
  return NULL;
}

/* Past the value at @p, or NULL. */
static const char *
scan_value (const char *p, const char *end, guint max_depth)
{
  guint depth = 0;
  gboolean escaped;

  for (; p < end; )
    {
      char c = *p;

      if (c == '"')
        {
          p = scan_string (p, end, &escaped);
          if (p == NULL)
            return NULL;
          if (depth == 0)
            return p;
          continue;
        }
      if (c == '{' || c == '[')
        {
          if (++depth > max_depth)
            return NULL;
        }
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return p;  /* the end of a number or word before it */
          if (--depth == 0)
            return p + 1;
        }
      else if (depth == 0 && (c == ',' || IS_WS (c)))
        return p;
      p++;
    }
  return depth == 0 ? p : NULL;
}

CcJsonPeek
cc_json_reader_peek_member (CcJsonReader *ps, const char *name, GString *value)
{
  const char *p = ps->p, *end = ps->end;
  gsize name_len = strlen (name);

  if (ps->state != STATE_OBJECT_FIRST)
    return CC_JSON_PEEK_UNKNOWN;
  for (;;)
    {
      const char *key, *key_end, *after;
      gboolean escaped = FALSE;
      gboolean match;

      while (p < end && IS_WS (*p))
        p++;
      if (p >= end)
        return CC_JSON_PEEK_UNKNOWN;
      if (*p == '}')
        return CC_JSON_PEEK_ABSENT;
      if (*p != '"')
        return CC_JSON_PEEK_UNKNOWN;
      key = p + 1;
      p = scan_string (p, end, &escaped);
      if (p == NULL)
        return CC_JSON_PEEK_UNKNOWN;
      key_end = p - 1;
      if (escaped)
        return CC_JSON_PEEK_UNKNOWN;  /* an escaped name: the reader decodes it */
      match = (gsize) (key_end - key) == name_len && memcmp (key, name, name_len) == 0;
      while (p < end && IS_WS (*p))
        p++;
      if (p >= end || *p != ':')
        return CC_JSON_PEEK_UNKNOWN;
      p++;
      while (p < end && IS_WS (*p))
        p++;
      if (match)
        {
          if (p < end && *p == '"')
            {
              const char *v = p + 1;

              escaped = FALSE;
              p = scan_string (p, end, &escaped);
              if (p == NULL || escaped || (gsize) (p - 1 - v) > ps->max_string)
                return CC_JSON_PEEK_UNKNOWN;
              g_string_truncate (value, 0);
              g_string_append_len (value, v, p - 1 - v);
              return CC_JSON_PEEK_STRING;
            }
          /* The value's text, for a message (a version's number) */
          after = scan_value (p, end, ps->max_depth);
          g_string_truncate (value, 0);
          if (after != NULL)
            g_string_append_len (value, p, MIN (after - p, 64));
          else if (p < end)
            g_string_append_c (value, *p);
          return CC_JSON_PEEK_OTHER;
        }
      after = scan_value (p, end, ps->max_depth);
      if (after == NULL)
        return CC_JSON_PEEK_UNKNOWN;
      p = after;
      while (p < end && IS_WS (*p))
        p++;
      if (p < end && *p == ',')
        p++;
      else if (p < end && *p == '}')
        return CC_JSON_PEEK_ABSENT;
      else
        return CC_JSON_PEEK_UNKNOWN;
    }
}

/* ---- json-glib trees ------------------------------------------------------ */

static JsonNode *
read_node (CcJsonReader *ps, CcJsonToken token)
{
  JsonNode *node = json_node_alloc ();

  switch (token)
    {
    case CC_JSON_TOKEN_BEGIN_OBJECT:
      {
        JsonObject *object = json_object_new ();

        json_node_init_object (node, object);
        json_object_unref (object);
        while ((token = cc_json_reader_next (ps)) == CC_JSON_TOKEN_MEMBER)
          {
            g_autofree char *name = g_strdup (ps->key->str);
            JsonNode *member = read_node (ps, cc_json_reader_next (ps));

            if (member == NULL)
              goto fail;
            json_node_set_parent (member, node);
            json_object_set_member (object, name, member);
          }
        if (token != CC_JSON_TOKEN_END_OBJECT)
          goto fail;
      }
      return node;
    case CC_JSON_TOKEN_BEGIN_ARRAY:
      {
        JsonArray *array = json_array_new ();

        json_node_init_array (node, array);
        json_array_unref (array);
        while ((token = cc_json_reader_next (ps)) != CC_JSON_TOKEN_END_ARRAY)
          {
            JsonNode *element = read_node (ps, token);

            if (element == NULL)
              goto fail;
            json_node_set_parent (element, node);
            json_array_add_element (array, element);
          }
      }
      return node;
    case CC_JSON_TOKEN_STRING:
      json_node_init_string (node, ps->buf->str);
      return node;
    case CC_JSON_TOKEN_INT:
      json_node_init_int (node, ps->int_value);
      return node;
    case CC_JSON_TOKEN_DOUBLE:
      json_node_init_double (node, ps->double_value);
      return node;
    case CC_JSON_TOKEN_TRUE:
    case CC_JSON_TOKEN_FALSE:
      json_node_init_boolean (node, token == CC_JSON_TOKEN_TRUE);
      return node;
    case CC_JSON_TOKEN_NULL:
      json_node_init_null (node);
      return node;
    default:
      break;
    }
fail:
  json_node_unref (node);
  return NULL;
}

JsonNode *
cc_json_parse (const char         *data,
               gsize               len,
               const CcJsonLimits *limits,
               guint              *line,
               guint              *column,
               GError            **error)
{
  CcJsonReader *ps;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ps = cc_json_reader_new (data, len, limits);
  root = read_node (ps, cc_json_reader_next (ps));
  if (root != NULL && cc_json_reader_next (ps) != CC_JSON_TOKEN_END)
    g_clear_pointer (&root, json_node_unref);
  if (line)
    *line = ps->error ? ps->line : 0;
  if (column)
    *column = ps->error ? ps->column : 0;
  if (ps->error != NULL)
    {
      g_clear_pointer (&root, json_node_unref);
      g_propagate_error (error, g_steal_pointer (&ps->error));
    }
  cc_json_reader_free (ps);
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

/* ---- pretty text from compact text ------------------------------------ */

/* @p is on a scalar of compact text as cc_json_reader_skip() writes it
 * (no white space, strings escaped as cc_json_write_string does): past it. */
static const char *
compact_scalar_end (const char *p, const char *end)
{
  if (*p == '"')
    {
      for (p++; p < end && *p != '"'; p++)
        if (*p == '\\')
          p++;
      return MIN (p + 1, end);
    }
  while (p < end && *p != ',' && *p != ']' && *p != '}' && *p != ':')
    p++;
  return p;
}

/* Is the array at @p (on its '[') all scalars, and if so, how many
 * characters is it on one line ("[1, 2]")? Gives up past @limit. */
static gboolean
compact_scalar_array (const char *p, const char *end, gsize limit, gsize *width)
{
  gsize w = 1;

  for (p++; p < end && *p != ']'; )
    {
      const char *e;

      if (*p == '[' || *p == '{')
        return FALSE;
      e = compact_scalar_end (p, end);
      w += (gsize) g_utf8_strlen (p, e - p);
      p = e;
      if (p < end && *p == ',')
        {
          w += 2;
          p++;
        }
      if (w > limit)
        {
          /* Too long for one line; still, only scalars? */
          while (p < end && *p != ']')
            {
              if (*p == '[' || *p == '{')
                return FALSE;
              p = compact_scalar_end (p, end);
              if (p < end && *p == ',')
                p++;
            }
          *width = w + 1;
          return TRUE;
        }
    }
  *width = w + 1;
  return TRUE;
}

typedef struct
{
  gboolean array;
  gboolean first;
} PrettyFrame;

void
cc_json_write_compact (GString *out, const char *text, gsize len, guint indent_level)
{
  const char *p = text, *end = text + len;
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (PrettyFrame));

  g_return_if_fail (out != NULL);

  while (p < end)
    {
      PrettyFrame *top = stack->len ? &g_array_index (stack, PrettyFrame, stack->len - 1) : NULL;
      guint level = indent_level + stack->len;

      if (*p == ']' || *p == '}')
        {
          if (!top->first)
            {
              g_string_append_c (out, '\n');
              cc_json_write_indent (out, level - 1);
            }
          g_string_append_c (out, *p++);
          g_array_set_size (stack, stack->len - 1);
          continue;
        }
      if (*p == ',')
        {
          p++;
          continue;
        }
      /* An element or a member begins: its own line. */
      if (top != NULL)
        {
          g_string_append_len (out, top->first ? "\n" : ",\n", top->first ? 1 : 2);
          top->first = FALSE;
          cc_json_write_indent (out, level);
          if (!top->array)
            {
              const char *name_end = compact_scalar_end (p, end);

              g_string_append_len (out, p, name_end - p);
              g_string_append_len (out, ": ", 2);
              p = name_end + 1;  /* past ':' */
              if (p >= end)
                break;
            }
        }
      if (*p == '{' || *p == '[')
        {
          PrettyFrame frame = { *p == '[', TRUE };
          gsize width;

          if (p + 1 < end && p[1] == (*p == '[' ? ']' : '}'))
            {
              g_string_append_len (out, *p == '[' ? "[]" : "{}", 2);
              p += 2;
              continue;
            }
          if (*p == '[' && compact_scalar_array (p, end, 4 * LINE_WIDTH, &width) &&
              current_column (out) + width <= LINE_WIDTH)
            {
              g_string_append_c (out, '[');
              for (p++; *p != ']'; )
                {
                  const char *e = compact_scalar_end (p, end);

                  g_string_append_len (out, p, e - p);
                  p = e;
                  if (*p == ',')
                    {
                      g_string_append_len (out, ", ", 2);
                      p++;
                    }
                }
              g_string_append_c (out, ']');
              p++;
              continue;
            }
          g_string_append_c (out, *p++);
          g_array_append_val (stack, frame);
          continue;
        }
      {
        const char *e = compact_scalar_end (p, end);

        g_string_append_len (out, p, e - p);
        p = e;
      }
    }
}

/* Past the value of compact text at @p. */
static const char *
compact_value_end (const char *p, const char *end)
{
  guint depth = 0;

  while (p < end)
    {
      if (*p == '"')
        {
          p = compact_scalar_end (p, end);
          if (depth == 0)
            return p;
          continue;
        }
      if (*p == '[' || *p == '{')
        depth++;
      else if (*p == ']' || *p == '}')
        {
          if (depth == 0)
            return p;
          if (--depth == 0)
            return p + 1;
        }
      else if (depth == 0 && (*p == ',' || *p == ':'))
        return p;
      p++;
    }
  return p;
}

gboolean
cc_json_compact_next_member (const char **p, const char *end, const char **name, gsize *name_len,
                             const char **value, gsize *value_len)
{
  const char *q = *p;

  if (q < end && *q == ',')
    q++;
  if (q >= end || *q != '"')
    return FALSE;
  *name = q;
  q = compact_scalar_end (q, end);
  *name_len = (gsize) (q - *name);
  if (q >= end || *q != ':')
    return FALSE;
  q++;
  *value = q;
  q = compact_value_end (q, end);
  *value_len = (gsize) (q - *value);
  *p = q;
  return TRUE;
}

const char *
cc_json_token_type_name (CcJsonToken token)
{
  switch (token)
    {
    case CC_JSON_TOKEN_BEGIN_OBJECT:
      return _("an object");
    case CC_JSON_TOKEN_BEGIN_ARRAY:
      return _("an array");
    case CC_JSON_TOKEN_NULL:
      return "null";
    case CC_JSON_TOKEN_STRING:
      return _("a string");
    case CC_JSON_TOKEN_TRUE:
    case CC_JSON_TOKEN_FALSE:
      return _("true or false");
    default:
      return _("a number");
    }
}

const char *
cc_json_node_type_name (JsonNode *node)
{
  CcJsonToken token = CC_JSON_TOKEN_INT;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      token = CC_JSON_TOKEN_BEGIN_OBJECT;
      break;
    case JSON_NODE_ARRAY:
      token = CC_JSON_TOKEN_BEGIN_ARRAY;
      break;
    case JSON_NODE_NULL:
      token = CC_JSON_TOKEN_NULL;
      break;
    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        token = CC_JSON_TOKEN_STRING;
      else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        token = CC_JSON_TOKEN_TRUE;
      break;
    }
  return cc_json_token_type_name (token);
}
