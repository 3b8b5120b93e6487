/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text from a file set among Concord's own words ("“%s” removed from the
 * map", "1.  %s — Partnership map", "%s → %s") must not reorder them: a
 * right-to-left override (U+202E) in a sheet's title would otherwise run on
 * over the words, numbers and punctuation after it, and a name in Arabic or
 * Hebrew at the start of a line would turn the whole line right to left.
 *
 * cc_bidi_isolate() wraps such a string in FIRST STRONG ISOLATE U+2068 …
 * POP DIRECTIONAL ISOLATE U+2069, which keeps its direction inside and
 * ends any embedding or override it leaves open, preceded by a mark of
 * Concord's own direction (U+200E LEFT-TO-RIGHT MARK, or U+200F in a
 * right-to-left translation). The mark is there because Pango 1.50 (and so
 * every GtkLabel) takes a paragraph's direction from its first strong
 * character, looking inside isolates where UAX #9 (rule P2) skips them: a
 * line that starts with the isolated string would still take its direction.
 *
 * Only strings that need it are wrapped: those with a character of the
 * right-to-left blocks (Hebrew, Arabic, Syriac, Thaana, N'Ko and the rest,
 * U+0590–U+08FF, U+FB1D–U+FDFF, U+FE70–U+FEFF, U+10800–U+10FFF,
 * U+1E800–U+1EFFF) or a bidi control (U+061C, U+200E, U+200F,
 * U+202A–U+202E, U+2066–U+2069). Plain left-to-right text is left as it is,
 * so that it stays on the text setter's fast path (cc-text-setter.c takes
 * no bidi control and hands anything wrapped to Pango). When Concord's own
 * text is right to left, every string with a character beyond ASCII
 * punctuation and digits is wrapped.
 *
 * A string alone in its label needs no isolate: an override in it ends with
 * the label's paragraph. */

gboolean  cc_bidi_concord_is_rtl (void);
gboolean  cc_bidi_needs_isolate  (const char *text);
/* @text (NULL is "") as it may be set among Concord's words: a new string */
char     *cc_bidi_isolate        (const char *text);
/* Appends @text to @string as cc_bidi_isolate() has it */
void      cc_bidi_append         (GString    *string,
                                  const char *text);
/* Removes the bidi controls from @text, in place: for a file name made
 * from a title, where an override (U+202E) before "Partnership map" would
 * turn the ".concord" after it round */
void      cc_bidi_strip_controls (char       *text);

G_END_DECLS
