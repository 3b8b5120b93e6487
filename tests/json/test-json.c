/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cc-json.h"

typedef struct
{
  const char  *text;
  CcJsonError  code;
  guint        line, column;
  const char  *words;
} Reject;

static const Reject rejects[] = {
  { "", CC_JSON_ERROR_TRUNCATED, 1, 1, "empty" },
  { "  \n ", CC_JSON_ERROR_TRUNCATED, 2, 2, "empty" },
  { "[1,]", CC_JSON_ERROR_SYNTAX, 1, 4, "expected a value" },
  { "{\"a\":1,}", CC_JSON_ERROR_SYNTAX, 1, 8, "member name" },
  { "[01]", CC_JSON_ERROR_SYNTAX, 1, 2, "start with 0" },
  { "[.1]", CC_JSON_ERROR_SYNTAX, 1, 2, "expected a value" },
  { "[1.]", CC_JSON_ERROR_SYNTAX, 1, 4, "after the decimal point" },
  { "['a']", CC_JSON_ERROR_SYNTAX, 1, 2, "double quotes" },
  { "[0x10]", CC_JSON_ERROR_SYNTAX, 1, 3, "“,” or “]”" },
  { "[NaN]", CC_JSON_ERROR_SYNTAX, 1, 2, "expected a value" },
  { "[Infinity]", CC_JSON_ERROR_SYNTAX, 1, 2, "expected a value" },
  { "[-Infinity]", CC_JSON_ERROR_SYNTAX, 1, 3, "a digit" },
  { "/*c*/[]", CC_JSON_ERROR_SYNTAX, 1, 1, "comments" },
  { "[1]//c", CC_JSON_ERROR_SYNTAX, 1, 4, "after the end" },
  { "[\"\\x\"]", CC_JSON_ERROR_SYNTAX, 1, 3, "not an escape" },
  { "[\"\\uD800\"]", CC_JSON_ERROR_ENCODING, 1, 3, "surrogate" },
  { "[\"\\uDC00\\uD800\"]", CC_JSON_ERROR_ENCODING, 1, 3, "surrogate" },
  { "[\"\\uD800\\u0041\"]", CC_JSON_ERROR_ENCODING, 1, 3, "surrogate" },
  { "[\"\\u12G4\"]", CC_JSON_ERROR_SYNTAX, 1, 3, "four hexadecimal digits" },
  { "[tru]", CC_JSON_ERROR_SYNTAX, 1, 2, "expected a value" },
  { "[tru", CC_JSON_ERROR_TRUNCATED, 1, 5, "end of file" },
  { "{\"a\" 1}", CC_JSON_ERROR_SYNTAX, 1, 6, "“:”" },
  { "{1:2}", CC_JSON_ERROR_SYNTAX, 1, 2, "member name" },
  { "{a:2}", CC_JSON_ERROR_SYNTAX, 1, 2, "member name" },
  { "[1 2]", CC_JSON_ERROR_SYNTAX, 1, 4, "“,” or “]”" },
  { "[\"a\tb\"]", CC_JSON_ERROR_SYNTAX, 1, 4, "control character" },
  { "[\"a\nb\"]", CC_JSON_ERROR_SYNTAX, 1, 4, "control character" },
  { "[-]", CC_JSON_ERROR_SYNTAX, 1, 3, "a digit" },
  { "[+1]", CC_JSON_ERROR_SYNTAX, 1, 2, "expected a value" },
  { "[1e]", CC_JSON_ERROR_SYNTAX, 1, 4, "exponent" },
  { "[1e+]", CC_JSON_ERROR_SYNTAX, 1, 5, "exponent" },
  { "--1", CC_JSON_ERROR_SYNTAX, 1, 2, "a digit" },
  { "[]]", CC_JSON_ERROR_SYNTAX, 1, 3, "after the end" },
  { "[", CC_JSON_ERROR_TRUNCATED, 1, 2, "end of file" },
  { "{\"a\":", CC_JSON_ERROR_TRUNCATED, 1, 6, "end of file" },
  { "\"", CC_JSON_ERROR_TRUNCATED, 1, 2, "inside a string" },
  { "{\"a\": [1, 2", CC_JSON_ERROR_TRUNCATED, 1, 12, "end of file" },
  { "[1e999]", CC_JSON_ERROR_NUMBER, 1, 2, "out of range" },
  { "[-1e999]", CC_JSON_ERROR_NUMBER, 1, 2, "out of range" },
  { "{\"a\": 1,\n \"a\": 2}", CC_JSON_ERROR_DUPLICATE_KEY, 2, 2, "duplicate member \"a\"" },
  { "[\"A\\u0000B\"]", CC_JSON_ERROR_ENCODING, 1, 4, "\\u0000" },
  { "[\"\xff\"]", CC_JSON_ERROR_ENCODING, 1, 3, "not UTF-8" },
  { "\xEF\xBB\xBF[]", CC_JSON_ERROR_ENCODING, 1, 1, "byte order mark" },
  { "[\"é\", \"\xc3\"]", CC_JSON_ERROR_ENCODING, 1, 8, "not UTF-8" },
  { "[1]\n\n  x", CC_JSON_ERROR_SYNTAX, 3, 3, "after the end" },
  { "[\"a\\", CC_JSON_ERROR_TRUNCATED, 1, 5, "inside a string" },
  { "[\"\\u12", CC_JSON_ERROR_TRUNCATED, 1, 7, "inside a string" },
  { "[True]", CC_JSON_ERROR_SYNTAX, 1, 2, "expected a value" },
  { "[null, nul]", CC_JSON_ERROR_SYNTAX, 1, 8, "expected a value" },
};

static void
test_reject (gconstpointer data)
{
  const Reject *r = data;
  g_autoptr(GError) error = NULL;
  guint line = 99, column = 99;
  JsonNode *node = cc_json_parse (r->text, strlen (r->text), NULL, &line, &column, &error);
  g_autofree char *prefix = g_strdup_printf ("line %u, column %u: ", r->line, r->column);

  g_assert_null (node);
  g_assert_error (error, CC_JSON_ERROR, (gint) r->code);
  if (line != r->line || column != r->column || !g_str_has_prefix (error->message, prefix) ||
      strstr (error->message, r->words) == NULL)
    g_error ("%s: got %u:%u “%s”; expected %u:%u with “%s”", r->text, line, column,
             error->message, r->line, r->column, r->words);
}

static const char *accepts[] = {
  "[]", "{}", "0", "-0", "1E+2", "-1.5e-3", "\"\\u00e9\"", "\"\\uD83D\\uDE00\"", "[1e-400]", "true", "null",
  "{\"a\": [1, {\"b\": null}], \"c\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}", " \t\r\n[ 1 , 2 ] \n",
  "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"",
};

static JsonNode *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = cc_json_parse (text, strlen (text), NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static char *
write_text (JsonNode *node)
{
  GString *s = g_string_new (NULL);

  cc_json_write_node (s, node, 0);
  return g_string_free (s, FALSE);
}

static void
test_accept_and_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (accepts); i++)
    {
      g_autoptr(JsonNode) a = parse_ok (accepts[i]);
      g_autofree char *ta = write_text (a);
      g_autoptr(JsonNode) b = parse_ok (ta);
      g_autofree char *tb = write_text (b);

      g_assert_cmpstr (ta, ==, tb);
      g_assert_true (json_node_equal (a, b));
    }
}

static void
test_values (void)
{
  g_autoptr(JsonNode) emoji = parse_ok ("\"\\uD83D\\uDE00\"");
  g_autoptr(JsonNode) big = parse_ok ("9223372036854775808");
  g_autoptr(JsonNode) max = parse_ok ("-9223372036854775808");
  g_autoptr(JsonNode) dbl = parse_ok ("3.0");

  g_assert_cmpstr (json_node_get_string (emoji), ==, "\xf0\x9f\x98\x80");
  /* Past 64 bits a number is a double, never wrapped to a negative. */
  g_assert_cmpint (json_node_get_value_type (big), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (big), ==, 9223372036854775808.0);
  g_assert_cmpint (json_node_get_value_type (max), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (max), ==, G_MININT64);
  g_assert_cmpint (json_node_get_value_type (dbl), ==, G_TYPE_DOUBLE);
}

static void
test_deep_nesting (void)
{
  gsize depth = 1000000;
  char *text = g_malloc (depth * 2);
  g_autoptr(GError) error = NULL;
  guint line, column;
  JsonNode *node;

  memset (text, '[', depth);
  memset (text + depth, ']', depth);
  node = cc_json_parse (text, depth * 2, NULL, &line, &column, &error);
  g_assert_null (node);
  g_assert_error (error, CC_JSON_ERROR, CC_JSON_ERROR_LIMIT);
  g_assert_cmpuint (column, ==, 129);
  g_assert_nonnull (strstr (error->message, "nesting deeper than 128"));
  g_free (text);

  /* 100 levels are fine. */
  {
    GString *s = g_string_new (NULL);
    JsonNode *ok;

    for (int i = 0; i < 100; i++)
      g_string_append (s, "{\"a\":");
    g_string_append (s, "1");
    for (int i = 0; i < 100; i++)
      g_string_append_c (s, '}');
    ok = parse_ok (s->str);
    json_node_unref (ok);
    g_string_free (s, TRUE);
  }
}

static void
test_limits (void)
{
  CcJsonLimits limits = { 4, 8, 64 };
  g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL;

  g_assert_null (cc_json_parse ("[[[[[1]]]]]", 11, &limits, NULL, NULL, &e1));
  g_assert_error (e1, CC_JSON_ERROR, CC_JSON_ERROR_LIMIT);
  g_assert_null (cc_json_parse ("[\"123456789\"]", 13, &limits, NULL, NULL, &e2));
  g_assert_error (e2, CC_JSON_ERROR, CC_JSON_ERROR_LIMIT);
  limits.max_size = 4;
  g_assert_null (cc_json_parse ("[1, 2]", 6, &limits, NULL, NULL, &e3));
  g_assert_error (e3, CC_JSON_ERROR, CC_JSON_ERROR_LIMIT);
}

static void
test_not_nul_terminated (void)
{
  const char text[] = "[1, 2]xxxx";
  g_autoptr(GError) error = NULL;
  JsonNode *node = cc_json_parse (text, 6, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 2);
  json_node_unref (node);
}

static void
check_double (double value, const char *expected)
{
  GString *s = g_string_new (NULL);

  cc_json_write_double (s, value);
  if (expected)
    g_assert_cmpstr (s->str, ==, expected);
  g_assert_cmpfloat (g_ascii_strtod (s->str, NULL), ==, value);
  g_string_free (s, TRUE);
}

static void
test_write_double (void)
{
  check_double (0.1, "0.1");
  check_double (1.0, "1.0");
  check_double (123.456, "123.456");
  check_double (-0.5, "-0.5");
  check_double (1e21, "1e+21");
  check_double (1.0 / 3.0, NULL);
  check_double (2.2250738585072014e-308, NULL);
}

static void
test_write_layout (void)
{
  g_autoptr(JsonNode) node = parse_ok ("{\"name\": \"A \\\"q\\\" \\n\\u0001/é\", \"tags\": [\"x\", \"y\"], "
                                        "\"empty\": [], \"obj\": {}, \"list\": [{\"a\": 1}, 2.5, null, true]}");
  g_autofree char *text = write_text (node);

  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"name\": \"A \\\"q\\\" \\n\\u0001/é\",\n"
                   "  \"tags\": [\"x\", \"y\"],\n"
                   "  \"empty\": [],\n"
                   "  \"obj\": {},\n"
                   "  \"list\": [\n"
                   "    {\n"
                   "      \"a\": 1\n"
                   "    },\n"
                   "    2.5,\n"
                   "    null,\n"
                   "    true\n"
                   "  ]\n"
                   "}");
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
  g_test_add_func ("/json/accept-and-round-trip", test_accept_and_round_trip);
  g_test_add_func ("/json/values", test_values);
  g_test_add_func ("/json/deep-nesting", test_deep_nesting);
  g_test_add_func ("/json/limits", test_limits);
  g_test_add_func ("/json/not-nul-terminated", test_not_nul_terminated);
  g_test_add_func ("/json/write-double", test_write_double);
  g_test_add_func ("/json/write-layout", test_write_layout);
  return g_test_run ();
}
