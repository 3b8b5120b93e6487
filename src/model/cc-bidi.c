/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-bidi"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-bidi.h"

#define LRM "\xe2\x80\x8e" /* U+200E LEFT-TO-RIGHT MARK */
#define RLM "\xe2\x80\x8f" /* U+200F RIGHT-TO-LEFT MARK */
#define FSI "\xe2\x81\xa8" /* U+2068 FIRST STRONG ISOLATE */
#define PDI "\xe2\x81\xa9" /* U+2069 POP DIRECTIONAL ISOLATE */

gboolean
cc_bidi_concord_is_rtl (void)
{
  /* Translators: "default:RTL" if your language is written right to left,
   * else "default:LTR", as in GTK. Do not translate it otherwise. */
  return strcmp (C_("text direction", "default:LTR"), "default:RTL") == 0;
}

static gboolean
is_rtl_char (gunichar c)
{
  return (c >= 0x0590 && c <= 0x08ff) || (c >= 0xfb1d && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)
         || (c >= 0x10800 && c <= 0x10fff) || (c >= 0x1e800 && c <= 0x1efff);
}

static gboolean
is_bidi_control (gunichar c)
{
  return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

gboolean
cc_bidi_needs_isolate (const char *text)
{
  const guchar *p = (const guchar *) text;

  if (text == NULL)
    return FALSE;
  if (cc_bidi_concord_is_rtl ())
    {
      for (; *p != '\0'; p++)
        if (*p >= 0x80 || g_ascii_isalpha (*p))
          return TRUE;
      return FALSE;
    }
  /* Everything below U+0590 is left to right or neutral: its UTF-8 lead
   * bytes are below 0xd6 */
  for (; *p != '\0'; p++)
    if (*p >= 0xd6)
      {
        gunichar c = g_utf8_get_char_validated ((const char *) p, -1);

        if (c == (gunichar) -1 || c == (gunichar) -2)
          continue;
        if (is_rtl_char (c) || is_bidi_control (c))
          return TRUE;
      }
  return FALSE;
}

void
cc_bidi_append (GString *string, const char *text)
{
  g_return_if_fail (string != NULL);

  if (!cc_bidi_needs_isolate (text))
    {
      g_string_append (string, text != NULL ? text : "");
      return;
    }
  g_string_append (string, cc_bidi_concord_is_rtl () ? RLM FSI : LRM FSI);
  g_string_append (string, text);
  g_string_append (string, PDI);
}

char *
cc_bidi_isolate (const char *text)
{
  GString *string;

  if (!cc_bidi_needs_isolate (text))
    return g_strdup (text != NULL ? text : "");
  string = g_string_sized_new (strlen (text) + 9);
  cc_bidi_append (string, text);
  return g_string_free (string, FALSE);
}

void
cc_bidi_strip_controls (char *text)
{
  char *out = text;

  if (text == NULL)
    return;
  for (const char *p = text; *p != '\0';)
    {
      const char *next = g_utf8_next_char (p);

      if ((guchar) *p < 0xd6 || !is_bidi_control (g_utf8_get_char (p)))
        {
          memmove (out, p, (gsize) (next - p));
          out += next - p;
        }
      p = next;
    }
  *out = '\0';
}
