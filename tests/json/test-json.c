/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "cc-json.h"

/* ---- helpers ---------------------------------------------------------- */

static JsonNode *
parse_ok_len (const char *text, gsize len, const CcJsonLimits *limits)
{
  g_autoptr(GError) error = NULL;
  guint line = 99, column = 99;
  JsonNode *node = cc_json_parse (text, len, limits, &line, &column, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_cmpuint (line, ==, 0);
  g_assert_cmpuint (column, ==, 0);
  return node;
}

static JsonNode *
parse_ok (const char *text)
{
  return parse_ok_len (text, strlen (text), NULL);
}

/* Parses @text (of @len bytes) expecting an error with @code at @line,
 * @column, whose message contains @words. */
static void
check_error (const char         *text,
             gsize               len,
             const CcJsonLimits *limits,
             CcJsonError         code,
             guint               line,
             guint               column,
             const char         *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_strdup_printf ("line %u, column %u: ", line, column);
  guint got_line = 0, got_column = 0;
  JsonNode *node = cc_json_parse (text, len, limits, &got_line, &got_column, &error);

  g_assert_null (node);
  g_assert_nonnull (error);
  if (!g_error_matches (error, CC_JSON_ERROR, (gint) code) ||
      got_line != line || got_column != column ||
      !g_str_has_prefix (error->message, prefix) ||
      strstr (error->message, words) == NULL)
    {
      g_autofree char *shown = g_strescape (len < 200 ? text : "(long text)", NULL);

      g_error ("“%s”: got code %d at %u:%u, “%s”; expected code %d at %u:%u with “%s”",
               shown, error->code, got_line, got_column, error->message, code, line, column, words);
    }
}

static char *
write_text (JsonNode *node)
{
  GString *s = g_string_new (NULL);

  cc_json_write_node (s, node, 0);
  return g_string_free (s, FALSE);
}

/* parse → write → parse → write gives the same bytes and equal trees. */
static void
check_round_trip (const char *text, gsize len)
{
  g_autoptr(JsonNode) a = parse_ok_len (text, len, NULL);
  g_autofree char *ta = write_text (a);
  g_autoptr(JsonNode) b = parse_ok (ta);
  g_autofree char *tb = write_text (b);

  g_assert_cmpstr (ta, ==, tb);
  g_assert_true (json_node_equal (a, b));
}

/* ---- must reject ------------------------------------------------------ */

typedef struct
{
  const char  *text;
  gssize       len;     /* -1: strlen */
  CcJsonError  code;
  guint        line, column;
  const char  *words;
} Reject;

#define SYNTAX    CC_JSON_ERROR_SYNTAX
#define TRUNC     CC_JSON_ERROR_TRUNCATED
#define ENCODING  CC_JSON_ERROR_ENCODING

static const Reject rejects[] = {
  /* empty */
  { "", -1, TRUNC, 1, 1, "the file is empty" },
  { "  \n ", -1, TRUNC, 2, 2, "the file is empty" },
  /* trailing and stray commas */
  { "[1,]", -1, SYNTAX, 1, 4, "a comma must not come before “]”" },
  { "{\"a\":1,}", -1, SYNTAX, 1, 8, "a comma must not come before “}”" },
  { "[1,\n  ]", -1, SYNTAX, 2, 3, "a comma must not come before" },
  { "[1,,2]", -1, SYNTAX, 1, 4, "expected a value, found “,”" },
  { "[,1]", -1, SYNTAX, 1, 2, "expected a value, found “,”" },
  { "{,}", -1, SYNTAX, 1, 2, "expected a member name in double quotes, found “,”" },
  /* numbers */
  { "[01]", -1, SYNTAX, 1, 2, "must not start with a 0 followed by more digits" },
  { "[-01]", -1, SYNTAX, 1, 2, "must not start with a 0" },
  { "[.1]", -1, SYNTAX, 1, 2, "must start with a digit" },
  { "[1.]", -1, SYNTAX, 1, 4, "expected a digit after the decimal point, found “]”" },
  { "[2.e3]", -1, SYNTAX, 1, 4, "after the decimal point" },
  { "[0x10]", -1, SYNTAX, 1, 3, "expected “,” or “]” after an element, found “x10”" },
  { "[NaN]", -1, SYNTAX, 1, 2, "expected a value, found “NaN”" },
  { "[Infinity]", -1, SYNTAX, 1, 2, "expected a value, found “Infinity”" },
  { "[-Infinity]", -1, SYNTAX, 1, 3, "expected a digit after “-”, found “Infinity”" },
  { "[-]", -1, SYNTAX, 1, 3, "expected a digit after “-”, found “]”" },
  { "--1", -1, SYNTAX, 1, 2, "expected a digit after “-”" },
  { "[+1]", -1, SYNTAX, 1, 2, "must not start with “+”" },
  { "[1e]", -1, SYNTAX, 1, 4, "expected a digit in the exponent" },
  { "[1e+]", -1, SYNTAX, 1, 5, "expected a digit in the exponent" },
  { "[1e1.5]", -1, SYNTAX, 1, 5, "expected “,” or “]” after an element, found “.”" },
  { "[-1.0.]", -1, SYNTAX, 1, 6, "“,” or “]”" },
  { "[1true]", -1, SYNTAX, 1, 3, "found “true”" },
  { "[1e999]", -1, CC_JSON_ERROR_NUMBER, 1, 2, "number out of range" },
  { "[-1e999]", -1, CC_JSON_ERROR_NUMBER, 1, 2, "number out of range" },
  { "{\"x\":\n 123.4e400}", -1, CC_JSON_ERROR_NUMBER, 2, 2, "number out of range: 123.4e400" },
  /* quotes, comments, words */
  { "['a']", -1, SYNTAX, 1, 2, "double quotes" },
  { "{'a':1}", -1, SYNTAX, 1, 2, "double quotes" },
  { "/*c*/[]", -1, SYNTAX, 1, 1, "comments are not allowed" },
  { "[1]//c", -1, SYNTAX, 1, 4, "comments are not allowed" },
  { "[1, /*c*/ 2]", -1, SYNTAX, 1, 5, "comments are not allowed" },
  { "[tru]", -1, SYNTAX, 1, 2, "expected a value, found “tru”" },
  { "[truex]", -1, SYNTAX, 1, 2, "found “truex”" },
  { "[True]", -1, SYNTAX, 1, 2, "found “True”" },
  { "[null, nul]", -1, SYNTAX, 1, 8, "found “nul”" },
  { "\x1b[]", -1, SYNTAX, 1, 1, "expected a value, found U+001B" },
  /* structure */
  { "{\"a\" 1}", -1, SYNTAX, 1, 6, "expected “:” after a member name, found “1”" },
  { "{1:2}", -1, SYNTAX, 1, 2, "expected a member name in double quotes" },
  { "{a:2}", -1, SYNTAX, 1, 2, "expected a member name in double quotes, found “a”" },
  { "[1 2]", -1, SYNTAX, 1, 4, "expected “,” or “]” after an element, found “2”" },
  { "{\"a\":1 \"b\":2}", -1, SYNTAX, 1, 8, "expected “,” or “}” after a member" },
  { "[}", -1, SYNTAX, 1, 2, "expected a value, found “}”" },
  { "{]", -1, SYNTAX, 1, 2, "member name" },
  { "[1}", -1, SYNTAX, 1, 3, "“,” or “]”" },
  { "{\"a\":1]", -1, SYNTAX, 1, 7, "“,” or “}”" },
  { "{\"a\":}", -1, SYNTAX, 1, 6, "expected a value, found “}”" },
  { "[]]", -1, SYNTAX, 1, 3, "more text after the end of the document" },
  { "\"a\" \"b\"", -1, SYNTAX, 1, 5, "more text after the end" },
  { "[1]\n\n  x", -1, SYNTAX, 3, 3, "more text after the end" },
  { "[\"a\"b]", -1, SYNTAX, 1, 5, "found “b”" },
  { "[\xc2\xa0" "1]", -1, SYNTAX, 1, 2, "found U+00A0" },
  { "[\f]", -1, SYNTAX, 1, 2, "found U+000C" },
  /* strings */
  { "[\"\\x\"]", -1, SYNTAX, 1, 3, "“\\x” is not a valid escape" },
  { "[\"\\a\"]", -1, SYNTAX, 1, 3, "not a valid escape" },
  { "[\"\\'\"]", -1, SYNTAX, 1, 3, "not a valid escape" },
  { "[\"\\\xc3\xa9\"]", -1, SYNTAX, 1, 3, "a backslash followed by U+00E9" },
  { "[\"\\u12G4\"]", -1, SYNTAX, 1, 3, "four hexadecimal digits" },
  { "[\"\\u00e\"]", -1, SYNTAX, 1, 3, "four hexadecimal digits" },
  { "[\"a\tb\"]", -1, SYNTAX, 1, 4, "control character (U+0009)" },
  { "[\"a\nb\"]", -1, SYNTAX, 1, 4, "control character (U+000A)" },
  { "[\"\x1f\"]", -1, SYNTAX, 1, 3, "control character" },
  { "[\"\\uD800\"]", -1, ENCODING, 1, 3, "surrogate" },
  { "[\"\\uDBFFx\"]", -1, ENCODING, 1, 3, "surrogate" },
  { "[\"\\uDC00\\uD800\"]", -1, ENCODING, 1, 3, "second half of a UTF-16 surrogate pair" },
  { "[\"\\uD800\\u0041\"]", -1, ENCODING, 1, 3, "surrogate" },
  { "[\"\\uD800\\uD800\"]", -1, ENCODING, 1, 3, "surrogate" },
  { "[\"\\uD800\\u00\"]", -1, SYNTAX, 1, 9, "four hexadecimal digits" },
  { "[\"A\\u0000B\"]", -1, ENCODING, 1, 4, "NUL character (\\u0000) is not allowed" },
  { "\"\\u0000\"", -1, ENCODING, 1, 2, "NUL character (\\u0000) is not allowed" },
  /* encoding */
  { "\"\xff\"", -1, ENCODING, 1, 2, "the byte 0xFF is not UTF-8" },
  { "[\"\xff\"]", -1, ENCODING, 1, 3, "not UTF-8" },
  { "[\"é\", \"\xc3\"]", -1, ENCODING, 1, 8, "the byte 0xC3 is not UTF-8" },
  { "{\n  \"é😀\": \"\xe9\"}", -1, ENCODING, 2, 10, "0xE9" },
  { "\"\xc0\xaf\"", -1, ENCODING, 1, 2, "not UTF-8" },           /* overlong */
  { "\"\xed\xa0\x80\"", -1, ENCODING, 1, 2, "not UTF-8" },       /* a surrogate */
  { "\"\xf4\x90\x80\x80\"", -1, ENCODING, 1, 2, "not UTF-8" },   /* past U+10FFFF */
  { "\"\xe2\x82", -1, ENCODING, 1, 2, "not UTF-8" },             /* cut mid-character */
  { "\xEF\xBB\xBF[]", -1, ENCODING, 1, 1, "a byte order mark is not allowed" },
  { "[\0]", 3, ENCODING, 1, 2, "a NUL byte is not allowed" },
  { "[1]\0", 4, ENCODING, 1, 4, "NUL byte" },
  /* truncated */
  { "[", -1, TRUNC, 1, 2, "unexpected end of file inside an array" },
  { "[1,", -1, TRUNC, 1, 4, "unexpected end of file inside an array" },
  { "{", -1, TRUNC, 1, 2, "unexpected end of file inside an object" },
  { "{\"a\"", -1, TRUNC, 1, 5, "unexpected end of file inside an object" },
  { "{\"a\":", -1, TRUNC, 1, 6, "unexpected end of file inside an object" },
  { "{\"a\": [1, 2", -1, TRUNC, 1, 12, "unexpected end of file inside an array" },
  { "{\"a\": 1,\n", -1, TRUNC, 2, 1, "unexpected end of file inside an object" },
  { "\"", -1, TRUNC, 1, 2, "unexpected end of file inside a string" },
  { "[\"a\\", -1, TRUNC, 1, 5, "unexpected end of file inside a string" },
  { "[\"\\u12", -1, TRUNC, 1, 7, "unexpected end of file inside a string" },
  { "[\"\\uD834", -1, TRUNC, 1, 9, "unexpected end of file inside a string" },
  { "[\"\\uD834\\", -1, TRUNC, 1, 10, "unexpected end of file inside a string" },
  { "[\"\\uD834\\uDD1E", -1, TRUNC, 1, 15, "unexpected end of file inside a string" },
  { "-", -1, TRUNC, 1, 2, "unexpected end of file inside a number" },
  { "[1.", -1, TRUNC, 1, 4, "unexpected end of file inside a number" },
  { "1e-", -1, TRUNC, 1, 4, "unexpected end of file inside a number" },
  { "[tru", -1, TRUNC, 1, 5, "unexpected end of file after “tru”" },
  { "nul", -1, TRUNC, 1, 4, "unexpected end of file after “nul”" },
  /* duplicates */
  { "{\"a\": 1,\n \"a\": 2}", -1, CC_JSON_ERROR_DUPLICATE_KEY, 2, 2, "duplicate member \"a\"" },
  { "{\"a\":1,\"\\u0061\":2}", -1, CC_JSON_ERROR_DUPLICATE_KEY, 1, 8, "duplicate member \"a\"" },
  { "[{\"a\":{}}, {\"b\":1, \"c\":[], \"b\":[]}]", -1, CC_JSON_ERROR_DUPLICATE_KEY, 1, 28,
    "duplicate member \"b\"" },
  { "{\"x\\ny\":1, \"x\\ny\":2}", -1, CC_JSON_ERROR_DUPLICATE_KEY, 1, 12, "duplicate member \"x\\ny\"" },
};

static void
test_reject (gconstpointer data)
{
  const Reject *r = data;

  check_error (r->text, r->len < 0 ? strlen (r->text) : (gsize) r->len, NULL,
               r->code, r->line, r->column, r->words);
}

/* ---- must accept ------------------------------------------------------ */

static const char *accepts[] = {
  "[]", "{}", "0", "-0", "1", "-1", "1E+2", "1e-2", "-1.5e-3", "[1e-400]", "[123e65]", "[0e1]", "[0E+1]",
  "[-0.0]", "[1.5E-10]", "true", "false", "null", " [1] ", "\"\"",
  "\"\\u00e9\"", "\"\\uD83D\\uDE00\"", "\"\\uDBFF\\uDFFF\"", "\"\\uFFFF\"", "\"\\u0041\\u0062\\u001f\"",
  "\"\x7f\"", "\"\xe2\x80\xa8\"", "[\"\xef\xbb\xbf\"]", "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"",
  "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "[\"\\/\"]",
  "{\"\":0}", "{\"a\":\"b\",\"a \":\"c\",\"A\":\"d\"}", "[[] ]", "[[[[[]]]]]", "[{}, {}, []]",
  "{\"a\":[1,{\"b\":null}],\"c\":{}}", " \t\r\n[ 1 , 2 ] \r\n",
  "[-9223372036854775808, 9223372036854775807, 999999999999999999, 1000000000000000000]",
  "[9223372036854775808, -9223372036854775809, 100000000000000000000, 18446744073709551616]",
  "[1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 0.1, 0.30000000000000004]",
  "{\"z\": 1, \"a\": 2, \"m\": {\"y\": [true, false, null], \"b\": \"x\"}}",
  "[\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\", \"j\", \"k\", \"l\", \"m\", \"n\", \"o\", \"p\", "
  "\"q\", \"r\", \"s\", \"t\", \"u\", \"v\", \"w\", \"x\", \"y\", \"z\"]",
};

static void
test_accept_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (accepts); i++)
    check_round_trip (accepts[i], strlen (accepts[i]));
}

/* Where both agree JSON is valid and values fit, json-glib reads the same. */
static void
test_accept_matches_json_glib (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (accepts); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonNode) ours = NULL;
      g_autoptr(GError) error = NULL;

      if (strstr (accepts[i], "9223372036854775808"))
        continue;  /* json-glib wraps big integers */
      ours = parse_ok (accepts[i]);
      json_parser_load_from_data (parser, accepts[i], -1, &error);
      g_assert_no_error (error);
      if (!json_node_equal (ours, json_parser_get_root (parser)))
        g_error ("json-glib reads “%s” differently", accepts[i]);
    }
}

/* ---- values ----------------------------------------------------------- */

static void
test_values (void)
{
  g_autoptr(JsonNode) emoji = parse_ok ("\"\\uD83D\\uDE00\"");
  g_autoptr(JsonNode) e_acute = parse_ok ("\"\\u00e9\\u00E9\"");
  g_autoptr(JsonNode) escapes = parse_ok ("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0001\"");
  g_autoptr(JsonNode) two63 = parse_ok ("9223372036854775808");
  g_autoptr(JsonNode) min = parse_ok ("-9223372036854775808");
  g_autoptr(JsonNode) max = parse_ok ("9223372036854775807");
  g_autoptr(JsonNode) below_min = parse_ok ("-9223372036854775809");
  g_autoptr(JsonNode) digits19 = parse_ok ("1000000000000000000");
  g_autoptr(JsonNode) huge = parse_ok ("123456789012345678901234567890");
  g_autoptr(JsonNode) three = parse_ok ("3.0");
  g_autoptr(JsonNode) exp_int = parse_ok ("1E2");
  g_autoptr(JsonNode) tiny = parse_ok ("1e-400");
  g_autoptr(JsonNode) neg_zero_int = parse_ok ("-0");
  g_autoptr(JsonNode) neg_zero = parse_ok ("-0.0");
  g_autoptr(JsonNode) small = parse_ok ("-42");

  g_assert_cmpstr (json_node_get_string (emoji), ==, "\xf0\x9f\x98\x80");
  g_assert_cmpstr (json_node_get_string (e_acute), ==, "éé");
  g_assert_cmpstr (json_node_get_string (escapes), ==, "\"\\/\b\f\n\r\t\001");

  /* Past 64 bits a number is a double, never wrapped to a negative. */
  g_assert_cmpint (json_node_get_value_type (two63), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (two63), ==, 9223372036854775808.0);
  g_assert_cmpint (json_node_get_value_type (below_min), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (below_min), ==, -9223372036854775808.0);
  g_assert_cmpint (json_node_get_value_type (huge), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (huge), ==, 123456789012345678901234567890.0);

  g_assert_cmpint (json_node_get_value_type (min), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (min), ==, G_MININT64);
  g_assert_cmpint (json_node_get_value_type (max), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (max), ==, G_MAXINT64);
  g_assert_cmpint (json_node_get_value_type (digits19), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (digits19), ==, G_GINT64_CONSTANT (1000000000000000000));
  g_assert_cmpint (json_node_get_value_type (small), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (small), ==, -42);

  g_assert_cmpint (json_node_get_value_type (three), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (three), ==, 3.0);
  g_assert_cmpint (json_node_get_value_type (exp_int), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (exp_int), ==, 100.0);
  g_assert_cmpint (json_node_get_value_type (tiny), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (tiny), ==, 0.0);
  g_assert_cmpint (json_node_get_value_type (neg_zero_int), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (neg_zero_int), ==, 0);
  g_assert_cmpint (json_node_get_value_type (neg_zero), ==, G_TYPE_DOUBLE);
  g_assert_true (signbit (json_node_get_double (neg_zero)));
}

static void
test_structure (void)
{
  g_autoptr(JsonNode) root = parse_ok ("{\"z\": [1, {\"k\": null}], \"a\": true, \"m\": {}}");
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GList) names = json_object_get_members (object);
  JsonNode *z = json_object_get_member (object, "z");
  JsonArray *array = json_node_get_array (z);

  /* Members keep their order. */
  g_assert_cmpuint (g_list_length (names), ==, 3);
  g_assert_cmpstr (names->data, ==, "z");
  g_assert_cmpstr (names->next->data, ==, "a");
  g_assert_cmpstr (names->next->next->data, ==, "m");

  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpint (json_array_get_int_element (array, 0), ==, 1);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (array, 1), "k"));
  g_assert_true (json_object_get_boolean_member (object, "a"));
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (object, "m")), ==, 0);

  /* Parents are set, as json-glib's own parser does. */
  g_assert_null (json_node_get_parent (root));
  g_assert_true (json_node_get_parent (z) == root);
  g_assert_true (json_node_get_parent (json_array_get_element (array, 1)) == z);
}

static void
test_columns (void)
{
  /* Columns count characters; tabs and multi-byte characters are one. */
  check_error ("[\"é😀\", x]", strlen ("[\"é😀\", x]"), NULL, CC_JSON_ERROR_SYNTAX, 1, 8, "found “x”");
  check_error ("\t\tx", 3, NULL, CC_JSON_ERROR_SYNTAX, 1, 3, "found “x”");
  check_error ("[1,\r\n x]", 8, NULL, CC_JSON_ERROR_SYNTAX, 2, 2, "found “x”");
  check_error ("[\n\n\n\"ü\",\n  \"\\q\"]", strlen ("[\n\n\n\"ü\",\n  \"\\q\"]"), NULL,
               CC_JSON_ERROR_SYNTAX, 5, 4, "“\\q”");
}

/* A message from a NULL error or NULL line and column: no crash. */
static void
test_null_out_arguments (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (cc_json_parse ("[1,]", 4, NULL, NULL, NULL, NULL));
  g_assert_null (cc_json_parse ("[1,]", 4, NULL, NULL, NULL, &error));
  g_assert_error (error, CC_JSON_ERROR, CC_JSON_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "line 1, column 4: "));
}

/* @len bytes of a larger buffer: nothing past them is read. */
static void
test_not_nul_terminated (void)
{
  g_autoptr(JsonNode) array = parse_ok_len ("[1, 2]xxxx", 6, NULL);
  g_autoptr(JsonNode) integer = parse_ok_len ("123456", 3, NULL);
  g_autoptr(JsonNode) big = parse_ok_len ("92233720368547758089", 19, NULL);
  g_autoptr(JsonNode) dbl = parse_ok_len ("1.5999", 3, NULL);
  g_autoptr(JsonNode) exp = parse_ok_len ("2e10000", 3, NULL);
  g_autoptr(JsonNode) str = parse_ok_len ("\"ab\"cd\"", 4, NULL);

  g_assert_cmpuint (json_array_get_length (json_node_get_array (array)), ==, 2);
  g_assert_cmpint (json_node_get_int (integer), ==, 123);
  g_assert_cmpint (json_node_get_value_type (big), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (big), ==, 9223372036854775808.0);
  g_assert_cmpfloat (json_node_get_double (dbl), ==, 1.5);
  g_assert_cmpfloat (json_node_get_double (exp), ==, 20.0);
  g_assert_cmpstr (json_node_get_string (str), ==, "ab");
  check_error ("true", 3, NULL, CC_JSON_ERROR_TRUNCATED, 1, 4, "end of file");
  check_error ("[1, 2]", 5, NULL, CC_JSON_ERROR_TRUNCATED, 1, 6, "end of file");
}

/* ---- limits ----------------------------------------------------------- */

static char *
nested (const char *open, guint depth, const char *middle, const char *close)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, open);
  g_string_append (s, middle);
  for (guint i = 0; close && i < depth; i++)
    g_string_append (s, close);
  return g_string_free (s, FALSE);
}

static void
test_deep_nesting (void)
{
  gsize depth = 1000000;
  char *text = g_malloc (depth * 2);
  g_autofree char *deep_objects = nested ("{\"a\":", 100000, "1", "}");
  g_autofree char *deep_arrays = nested ("[", 100000, "", "]");
  g_autofree char *ok100 = nested ("{\"a\": [", 50, "1", "]}");
  g_autofree char *ok128 = nested ("[", 128, "", "]");
  g_autofree char *over128 = nested ("[", 129, "", "]");
  JsonNode *node;

  /* A million levels: no stack overflow, a located error at the 129th. */
  memset (text, '[', depth);
  memset (text + depth, ']', depth);
  check_error (text, depth * 2, NULL, CC_JSON_ERROR_LIMIT, 1, 129, "nesting deeper than 128 levels");
  check_error (text, depth, NULL, CC_JSON_ERROR_LIMIT, 1, 129, "nesting deeper than 128 levels");
  g_free (text);

  check_error (deep_arrays, strlen (deep_arrays), NULL, CC_JSON_ERROR_LIMIT, 1, 129, "nesting deeper than 128");
  check_error (deep_objects, strlen (deep_objects), NULL, CC_JSON_ERROR_LIMIT, 1, 128 * 5 + 1,
               "nesting deeper than 128");

  /* 100 levels (50 objects, 50 arrays) and exactly 128 are fine. */
  node = parse_ok (ok100);
  json_node_unref (node);
  node = parse_ok (ok128);
  json_node_unref (node);
  check_error (over128, strlen (over128), NULL, CC_JSON_ERROR_LIMIT, 1, 129, "nesting deeper than 128");
  check_round_trip (ok100, strlen (ok100));
}

static void
test_depth_limits (void)
{
  CcJsonLimits four = { 4, 0, 0 };
  CcJsonLimits many = { 5000, 0, 0 };
  CcJsonLimits unlimited = { G_MAXUINT, 0, 0 };
  g_autofree char *d4 = nested ("[", 4, "", "]");
  g_autofree char *d5 = nested ("[", 5, "", "]");
  g_autofree char *d5000 = nested ("[", 5000, "1", "]");
  g_autofree char *d5001 = nested ("[", 5001, "1", "]");
  g_autofree char *d20000 = nested ("[", 20000, "", NULL);
  JsonNode *node;

  node = parse_ok_len (d4, strlen (d4), &four);
  json_node_unref (node);
  check_error (d5, strlen (d5), &four, CC_JSON_ERROR_LIMIT, 1, 5, "nesting deeper than 4 levels");
  node = parse_ok_len (d5000, strlen (d5000), &many);
  json_node_unref (node);
  check_error (d5001, strlen (d5001), &many, CC_JSON_ERROR_LIMIT, 1, 5001, "nesting deeper than 5000 levels");
  /* Capped, because json-glib frees trees recursively. */
  check_error (d20000, strlen (d20000), &unlimited, CC_JSON_ERROR_LIMIT, 1, 10001,
               "nesting deeper than 10000 levels");
}

static void
test_string_and_size_limits (void)
{
  CcJsonLimits limits = { 0, 8, 0 };
  CcJsonLimits size = { 0, 0, 6 };
  JsonNode *node;

  node = parse_ok_len ("\"12345678\"", 10, &limits);
  json_node_unref (node);
  check_error ("[\"123456789\"]", 13, &limits, CC_JSON_ERROR_LIMIT, 1, 2, "longer than 8 bytes");
  /* Counted decoded: \u00e9 is 2 bytes of UTF-8. */
  node = parse_ok_len ("\"\\u00e9\\u00e9\\u00e9\\u00e9\"", 26, &limits);
  g_assert_cmpstr (json_node_get_string (node), ==, "éééé");
  json_node_unref (node);
  check_error ("\"\\u00e9\\u00e9\\u00e9\\u00e9x\"", 27, &limits, CC_JSON_ERROR_LIMIT, 1, 1, "longer than 8");
  check_error ("\"\\u00e9\\u00e9\\u00e9\\u00e9\\n\"", 28, &limits, CC_JSON_ERROR_LIMIT, 1, 1, "longer than 8");
  /* Member names too. */
  check_error ("{\"abcdefghi\": 1}", 16, &limits, CC_JSON_ERROR_LIMIT, 1, 2, "longer than 8");

  node = parse_ok_len ("[1, 2]", 6, &size);
  json_node_unref (node);
  check_error ("[1, 2] ", 7, &size, CC_JSON_ERROR_LIMIT, 1, 1, "larger than 6 bytes");
}

/* ---- writing ---------------------------------------------------------- */

static char *
write_string (const char *str)
{
  GString *s = g_string_new (NULL);

  cc_json_write_string (s, str);
  return g_string_free (s, FALSE);
}

static void
test_write_string (void)
{
  g_autofree char *plain = write_string ("hello");
  g_autofree char *specials = write_string ("\"\\/\b\f\n\r\t");
  g_autofree char *unicode = write_string ("café 😀 \x7f \xe2\x80\xa8");
  g_autofree char *empty = write_string ("");
  GString *controls = g_string_new (NULL);
  GString *expected = g_string_new ("\"");
  g_autofree char *written = NULL;

  g_assert_cmpstr (plain, ==, "\"hello\"");
  g_assert_cmpstr (specials, ==, "\"\\\"\\\\/\\b\\f\\n\\r\\t\"");
  g_assert_cmpstr (unicode, ==, "\"café 😀 \x7f \xe2\x80\xa8\"");
  g_assert_cmpstr (empty, ==, "\"\"");

  for (int c = 1; c < 0x20; c++)
    {
      g_string_append_c (controls, (char) c);
      switch (c)
        {
        case '\b': g_string_append (expected, "\\b"); break;
        case '\f': g_string_append (expected, "\\f"); break;
        case '\n': g_string_append (expected, "\\n"); break;
        case '\r': g_string_append (expected, "\\r"); break;
        case '\t': g_string_append (expected, "\\t"); break;
        default: g_string_append_printf (expected, "\\u%04x", (guint) c); break;
        }
    }
  g_string_append_c (expected, '"');
  written = write_string (controls->str);
  g_assert_cmpstr (written, ==, expected->str);

  /* Every string reads back as itself. */
  {
    g_autoptr(JsonNode) node = parse_ok (written);

    g_assert_cmpstr (json_node_get_string (node), ==, controls->str);
  }
  g_string_free (controls, TRUE);
  g_string_free (expected, TRUE);
}

static void
check_double (double value, const char *expected)
{
  GString *s = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;

  cc_json_write_double (s, value);
  if (expected)
    g_assert_cmpstr (s->str, ==, expected);
  g_assert_true (strpbrk (s->str, ".eE") != NULL);
  g_assert_cmpfloat (g_ascii_strtod (s->str, NULL), ==, value);
  /* And our own reader reads it as the same double. */
  node = parse_ok (s->str);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (node), ==, value);
  g_assert_true (!signbit (value) == !signbit (json_node_get_double (node)));
  g_string_free (s, TRUE);
}

static void
test_write_double (void)
{
  GRand *rand = g_rand_new_with_seed (42);

  check_double (0.1, "0.1");
  check_double (1.0, "1.0");
  check_double (123.456, "123.456");
  check_double (-0.5, "-0.5");
  check_double (100.0, "100.0");
  check_double (-0.0, "-0.0");
  check_double (0.0, "0.0");
  check_double (1e21, "1e+21");
  check_double (1e15, "1e+15");
  check_double (1.0 / 3.0, "0.3333333333333333");
  check_double (0.1 + 0.2, "0.30000000000000004");
  check_double (9223372036854775808.0, "9.223372036854776e+18");
  check_double (DBL_MAX, NULL);
  check_double (-DBL_MAX, NULL);
  check_double (DBL_MIN, NULL);
  check_double (5e-324, NULL);
  for (int i = 0; i < 2000; i++)
    {
      union { guint64 bits; double d; } u;

      u.bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      if (isfinite (u.d))
        check_double (u.d, NULL);
      check_double (g_rand_double_range (rand, -1e6, 1e6), NULL);
    }
  g_rand_free (rand);
}

static void
test_write_double_not_finite (void)
{
  GString *s = g_string_new (NULL);

  if (g_test_undefined ())
    {
      g_test_expect_message ("cc-json", G_LOG_LEVEL_CRITICAL, "*isfinite*");
      cc_json_write_double (s, NAN);
      g_test_assert_expected_messages ();
      g_test_expect_message ("cc-json", G_LOG_LEVEL_CRITICAL, "*isfinite*");
      cc_json_write_double (s, -INFINITY);
      g_test_assert_expected_messages ();
      g_assert_cmpstr (s->str, ==, "");
    }
  g_string_free (s, TRUE);
}

static char *
write_fresh (JsonNode *node)
{
  char *text = write_text (node);

  json_node_unref (node);
  return text;
}

static void
test_write_scalars (void)
{
  /* A fresh node each: json-glib 1.6 corrupts memory when json_node_init_*
   * re-initialises a node that already holds a value. */
  g_autofree char *min = write_fresh (json_node_init_int (json_node_alloc (), G_MININT64));
  g_autofree char *max = write_fresh (json_node_init_int (json_node_alloc (), G_MAXINT64));
  g_autofree char *t = write_fresh (json_node_init_boolean (json_node_alloc (), TRUE));
  g_autofree char *f = write_fresh (json_node_init_boolean (json_node_alloc (), FALSE));
  g_autofree char *n = write_fresh (json_node_init_null (json_node_alloc ()));
  g_autofree char *d = write_fresh (json_node_init_double (json_node_alloc (), 2.0));
  g_autofree char *s = write_fresh (json_node_init_string (json_node_alloc (), "a\"b"));

  g_assert_cmpstr (min, ==, "-9223372036854775808");
  g_assert_cmpstr (max, ==, "9223372036854775807");
  g_assert_cmpstr (t, ==, "true");
  g_assert_cmpstr (f, ==, "false");
  g_assert_cmpstr (n, ==, "null");
  g_assert_cmpstr (d, ==, "2.0");
  g_assert_cmpstr (s, ==, "\"a\\\"b\"");
}

static void
test_write_indent (void)
{
  GString *s = g_string_new (NULL);

  cc_json_write_indent (s, 0);
  g_assert_cmpstr (s->str, ==, "");
  cc_json_write_indent (s, 3);
  g_assert_cmpstr (s->str, ==, "      ");
  g_string_truncate (s, 0);
  cc_json_write_indent (s, 40);
  g_assert_cmpuint (s->len, ==, 80);
  g_assert_cmpuint (strspn (s->str, " "), ==, 80);
  g_string_free (s, TRUE);
}

static void
test_write_layout (void)
{
  g_autoptr(JsonNode) node = parse_ok ("{\"name\": \"A \\\"q\\\" \\n\\u0001/é\", \"tags\": [\"x\", \"y\"], "
                                        "\"empty\": [], \"obj\": {}, \"nums\": [1, -2.5, 1e300, true, null], "
                                        "\"list\": [{\"a\": 1}, 2.5, null, true, [], [1, [2]]]}");
  g_autofree char *text = write_text (node);

  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"name\": \"A \\\"q\\\" \\n\\u0001/é\",\n"
                   "  \"tags\": [\"x\", \"y\"],\n"
                   "  \"empty\": [],\n"
                   "  \"obj\": {},\n"
                   "  \"nums\": [1, -2.5, 1e+300, true, null],\n"
                   "  \"list\": [\n"
                   "    {\n"
                   "      \"a\": 1\n"
                   "    },\n"
                   "    2.5,\n"
                   "    null,\n"
                   "    true,\n"
                   "    [],\n"
                   "    [\n"
                   "      1,\n"
                   "      [2]\n"
                   "    ]\n"
                   "  ]\n"
                   "}");
}

/* An array of scalars stays on one line while the line fits in 80
 * columns, counting the indent and the member name before it. */
static void
test_write_wrapping (void)
{
  /* 26 one-letter strings: "[" + 26 * 3 + 25 * 2 + "]" = 130 columns. */
  g_autoptr(JsonNode) long_array = parse_ok (accepts[G_N_ELEMENTS (accepts) - 1]);
  g_autofree char *long_text = write_text (long_array);
  g_autoptr(JsonNode) fits = parse_ok ("{\"k\": [\"aaaaaaaaaa\", \"bbbbbbbbbb\", \"cccccccccc\", \"dddddddddd\", "
                                       "\"eeeeeeeeeeeee\"]}");
  g_autofree char *fits_text = write_text (fits);
  g_autoptr(JsonNode) too_long = parse_ok ("{\"kk\": [\"aaaaaaaaaa\", \"bbbbbbbbbb\", \"cccccccccc\", "
                                           "\"dddddddddd\", \"eeeeeeeeeeeee\"]}");
  g_autofree char *too_long_text = write_text (too_long);
  g_autoptr(JsonNode) wide = parse_ok ("[\"éééééééééééééééééééé\", \"éééééééééééééééééééé\", \"éééééééééééééééééé\"]");
  g_autofree char *wide_text = write_text (wide);

  g_assert_true (g_str_has_prefix (long_text, "[\n  \"a\",\n  \"b\",\n"));
  g_assert_true (g_str_has_suffix (long_text, "  \"z\"\n]"));
  /* 80 columns exactly, then 81. */
  g_assert_cmpstr (fits_text, ==,
                   "{\n"
                   "  \"k\": [\"aaaaaaaaaa\", \"bbbbbbbbbb\", \"cccccccccc\", \"dddddddddd\", \"eeeeeeeeeeeee\"]\n"
                   "}");
  g_assert_cmpstr (too_long_text, ==,
                   "{\n"
                   "  \"kk\": [\n"
                   "    \"aaaaaaaaaa\",\n"
                   "    \"bbbbbbbbbb\",\n"
                   "    \"cccccccccc\",\n"
                   "    \"dddddddddd\",\n"
                   "    \"eeeeeeeeeeeee\"\n"
                   "  ]\n"
                   "}");
  /* Counted in characters, not bytes. */
  g_assert_null (strchr (wide_text, '\n'));
}

static void
test_write_indent_level (void)
{
  g_autoptr(JsonNode) node = parse_ok ("{\"a\": [{\"b\": 1}]}");
  GString *s = g_string_new ("    \"x\": ");

  cc_json_write_node (s, node, 2);
  g_assert_cmpstr (s->str, ==,
                   "    \"x\": {\n"
                   "      \"a\": [\n"
                   "        {\n"
                   "          \"b\": 1\n"
                   "        }\n"
                   "      ]\n"
                   "    }");
  g_string_free (s, TRUE);
}

static void
add_random_value (GString *s, GRand *rand, guint depth)
{
  guint kind = g_rand_int_range (rand, 0, depth > 5 ? 6 : 8);

  switch (kind)
    {
    case 0: g_string_append_printf (s, "%d", g_rand_int_range (rand, -1000000, 1000000)); break;
    case 1: g_string_append_printf (s, "%" G_GINT64_FORMAT, (gint64) (((guint64) g_rand_int (rand) << 32) | g_rand_int (rand))); break;
    case 2:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        g_string_append (s, g_ascii_dtostr (buf, sizeof buf, g_rand_double_range (rand, -1e10, 1e10)));
      }
      break;
    case 3: g_string_append (s, "\"str \\u00e9\\n\\t\\\"q\\\" 😀 \\uD83D\\uDE00 \\u001b/\""); break;
    case 4: g_string_append (s, g_rand_boolean (rand) ? "true" : "false"); break;
    case 5: g_string_append (s, "null"); break;
    case 6:
      {
        guint n = g_rand_int_range (rand, 0, 6);

        g_string_append_c (s, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i)
              g_string_append (s, ", ");
            add_random_value (s, rand, depth + 1);
          }
        g_string_append_c (s, ']');
      }
      break;
    default:
      {
        guint n = g_rand_int_range (rand, 0, 6);

        g_string_append_c (s, '{');
        for (guint i = 0; i < n; i++)
          {
            g_string_append_printf (s, "%s\"m%u\": ", i ? ", " : "", i);
            add_random_value (s, rand, depth + 1);
          }
        g_string_append_c (s, '}');
      }
      break;
    }
}

/* Random documents round-trip, and the writer is deterministic. */
static void
test_round_trip_random (void)
{
  GRand *rand = g_rand_new_with_seed (7);

  for (int i = 0; i < 200; i++)
    {
      GString *s = g_string_new (NULL);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *first = NULL, *second = NULL;

      add_random_value (s, rand, 0);
      check_round_trip (s->str, s->len);
      node = parse_ok (s->str);
      first = write_text (node);
      second = write_text (node);
      g_assert_cmpstr (first, ==, second);
      /* No trailing spaces. */
      g_assert_null (strstr (first, " \n"));
      g_assert_false (g_str_has_suffix (first, " "));
      g_string_free (s, TRUE);
    }
  g_rand_free (rand);
}

/* The same document laid out differently is written the same. */
static void
test_write_canonical (void)
{
  g_autoptr(JsonNode) a = parse_ok ("{\"a\":[1,2.50,\"\\u0078\"],\"b\":{\"c\":1E1}}");
  g_autoptr(JsonNode) b = parse_ok ("{\n\t\"a\" : [ 1 , 25e-1 , \"x\" ] ,\r\n \"b\" : { \"c\" : 10.0 } }");
  g_autofree char *ta = write_text (a);
  g_autofree char *tb = write_text (b);

  g_assert_cmpstr (ta, ==, tb);
  g_assert_cmpstr (ta, ==, "{\n  \"a\": [1, 2.5, \"x\"],\n  \"b\": {\n    \"c\": 10.0\n  }\n}");
}

/* The reader's compact text of a value, written out pretty, is the text
 * of the same value as a tree: at every indent, for random documents. */
static void
check_compact_like_tree (const char *text, guint indent)
{
  g_autoptr(JsonNode) tree = parse_ok (text);
  g_autoptr(GString) from_tree = g_string_new ("    ");
  g_autoptr(GString) compact = g_string_new (NULL);
  g_autoptr(GString) from_compact = g_string_new ("    ");
  CcJsonReader *reader = cc_json_reader_new (text, strlen (text), NULL);

  cc_json_write_node (from_tree, tree, indent);
  g_assert_true (cc_json_reader_skip (reader, cc_json_reader_next (reader), compact));
  g_assert_cmpint (cc_json_reader_next (reader), ==, CC_JSON_TOKEN_END);
  g_assert_null (cc_json_reader_get_error (reader, NULL, NULL));
  cc_json_reader_free (reader);
  g_assert_null (strpbrk (compact->str, "\n\t"));
  cc_json_write_compact (from_compact, compact->str, compact->len, indent);
  g_assert_cmpstr (from_compact->str, ==, from_tree->str);
}

static void
test_reader_compact (void)
{
  GRand *rand = g_rand_new_with_seed (14);
  const char *fixed[] = {
    "[]", "{}", "1", "\"a\"", "[[], {}, [[]]]", "{\"a\": {\"b\": {}}}",
    "[1, 2.50, 1E2, -0, 9223372036854775807, 9223372036854775808, 1e-7]",
    "{\"x\": [\"a long string that is meant to make the array too wide for one line\", 2]}",
    "[\"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\", \"\\\"]\\\"\", \"a,b:c}\"]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    for (guint indent = 0; indent < 4; indent++)
      check_compact_like_tree (fixed[i], indent);
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(GString) s = g_string_new (NULL);

      add_random_value (s, rand, 0);
      check_compact_like_tree (s->str, i % 5);
    }
  g_rand_free (rand);
}

/* Tokens in order, with their values, and the error of a bad document at
 * its place, however the document is read. */
static void
test_reader_tokens (void)
{
  const char *text = "{\"a\": [1, -2.5, \"x\", true, false, null], \"b\": {}}";
  CcJsonToken expect[] = {
    CC_JSON_TOKEN_BEGIN_OBJECT, CC_JSON_TOKEN_MEMBER, CC_JSON_TOKEN_BEGIN_ARRAY, CC_JSON_TOKEN_INT,
    CC_JSON_TOKEN_DOUBLE, CC_JSON_TOKEN_STRING, CC_JSON_TOKEN_TRUE, CC_JSON_TOKEN_FALSE, CC_JSON_TOKEN_NULL,
    CC_JSON_TOKEN_END_ARRAY, CC_JSON_TOKEN_MEMBER, CC_JSON_TOKEN_BEGIN_OBJECT, CC_JSON_TOKEN_END_OBJECT,
    CC_JSON_TOKEN_END_OBJECT, CC_JSON_TOKEN_END, CC_JSON_TOKEN_END,
  };
  CcJsonReader *reader = cc_json_reader_new (text, strlen (text), NULL);
  const GError *error;
  guint line, column;

  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      CcJsonToken token = cc_json_reader_next (reader);

      g_assert_cmpint (token, ==, expect[i]);
      if (i == 1)
        g_assert_cmpstr (cc_json_reader_get_member (reader), ==, "a");
      if (i == 3)
        g_assert_cmpint (cc_json_reader_get_int (reader), ==, 1);
      if (i == 4)
        g_assert_cmpfloat (cc_json_reader_get_double (reader), ==, -2.5);
      if (i == 5)
        g_assert_cmpstr (cc_json_reader_get_string (reader, NULL), ==, "x");
      if (i == 10)
        g_assert_cmpstr (cc_json_reader_get_member (reader), ==, "b");
    }
  cc_json_reader_free (reader);

  text = "{\"a\": 1,\n \"a\": 2}";
  reader = cc_json_reader_new (text, strlen (text), NULL);
  g_assert_true (cc_json_reader_skip (reader, cc_json_reader_next (reader), NULL) == FALSE);
  g_assert_cmpint (cc_json_reader_next (reader), ==, CC_JSON_TOKEN_ERROR);
  error = cc_json_reader_get_error (reader, &line, &column);
  g_assert_error (error, CC_JSON_ERROR, CC_JSON_ERROR_DUPLICATE_KEY);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 2);
  cc_json_reader_free (reader);

  /* Many members: the duplicate is found in the set. */
  {
    g_autoptr(GString) s = g_string_new ("{");

    for (guint i = 0; i < 100; i++)
      g_string_append_printf (s, "\"k%u\": %u, ", i, i);
    g_string_append (s, "\"k57\": 0}");
    check_error (s->str, s->len, NULL, CC_JSON_ERROR_DUPLICATE_KEY, 1, (guint) s->len - 8, "duplicate member \"k57\"");
  }
}

/* A member found ahead, whatever comes before it; unknown where the text
 * cannot be made out, so the reader reports what is wrong. */
static void
test_reader_peek (void)
{
  struct { const char *text; CcJsonPeek peek; const char *value; } cases[] = {
    { "{\"type\": \"map\"}", CC_JSON_PEEK_STRING, "map" },
    { "{\"id\": \"s\", \"nodes\": [{\"type\": \"x\"}, [\"]\"]], \"o\": {\"type\": 1}, \"type\": \"canvas\"}",
      CC_JSON_PEEK_STRING, "canvas" },
    { "{\"id\": \"s\"}", CC_JSON_PEEK_ABSENT, NULL },
    { "{}", CC_JSON_PEEK_ABSENT, NULL },
    { "{\"a\": 5}", CC_JSON_PEEK_ABSENT, NULL },
    { "{\"a\": true, \"b\": null}", CC_JSON_PEEK_ABSENT, NULL },
    { "{\"a\": [1], \"type\": -2.5e3}", CC_JSON_PEEK_OTHER, "-2.5e3" },
    { "{\"type\": 3}", CC_JSON_PEEK_OTHER, NULL },
    { "{\"type\": [\"map\"]}", CC_JSON_PEEK_OTHER, NULL },
    { "{\"t\\u0079pe\": \"map\"}", CC_JSON_PEEK_UNKNOWN, NULL },
    { "{\"type\": \"m\\u0061p\"}", CC_JSON_PEEK_UNKNOWN, NULL },
    { "{\"id\": \"s\", ", CC_JSON_PEEK_UNKNOWN, NULL },
    { "{\"id\": [[[", CC_JSON_PEEK_UNKNOWN, NULL },
    { "{\"id\" \"x\"}", CC_JSON_PEEK_UNKNOWN, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CcJsonReader *reader = cc_json_reader_new (cases[i].text, strlen (cases[i].text), NULL);
      g_autoptr(GString) value = g_string_new (NULL);

      g_assert_cmpint (cc_json_reader_next (reader), ==, CC_JSON_TOKEN_BEGIN_OBJECT);
      g_assert_cmpint (cc_json_reader_peek_member (reader, "type", value), ==, cases[i].peek);
      if (cases[i].value != NULL)
        g_assert_cmpstr (value->str, ==, cases[i].value);
      cc_json_reader_free (reader);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rejects); i++)
    {
      g_autofree char *path = g_strdup_printf ("/json/reject/%u", i);

      g_test_add_data_func (path, &rejects[i], test_reject);
    }
  g_test_add_func ("/json/accept/round-trip", test_accept_round_trip);
  g_test_add_func ("/json/accept/matches-json-glib", test_accept_matches_json_glib);
  g_test_add_func ("/json/read/values", test_values);
  g_test_add_func ("/json/read/structure", test_structure);
  g_test_add_func ("/json/read/columns", test_columns);
  g_test_add_func ("/json/read/null-out-arguments", test_null_out_arguments);
  g_test_add_func ("/json/read/not-nul-terminated", test_not_nul_terminated);
  g_test_add_func ("/json/limits/deep-nesting", test_deep_nesting);
  g_test_add_func ("/json/limits/depth", test_depth_limits);
  g_test_add_func ("/json/limits/string-and-size", test_string_and_size_limits);
  g_test_add_func ("/json/write/string", test_write_string);
  g_test_add_func ("/json/write/double", test_write_double);
  g_test_add_func ("/json/write/double-not-finite", test_write_double_not_finite);
  g_test_add_func ("/json/write/scalars", test_write_scalars);
  g_test_add_func ("/json/write/indent", test_write_indent);
  g_test_add_func ("/json/write/layout", test_write_layout);
  g_test_add_func ("/json/write/wrapping", test_write_wrapping);
  g_test_add_func ("/json/write/indent-level", test_write_indent_level);
  g_test_add_func ("/json/write/canonical", test_write_canonical);
  g_test_add_func ("/json/round-trip/random", test_round_trip_random);
  g_test_add_func ("/json/reader/compact", test_reader_compact);
  g_test_add_func ("/json/reader/tokens", test_reader_tokens);
  g_test_add_func ("/json/reader/peek", test_reader_peek);

  return g_test_run ();
}
