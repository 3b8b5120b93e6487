/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* Sets paragraphs of plain left-to-right Latin text, many of them, faster
 * than a PangoLayout each: every word is shaped once and kept, and lines are
 * broken at spaces and hyphens. Text it cannot set as Pango would (another
 * script, right to left, a tab, a character the font lacks, a word wider
 * than the measure) is refused, for a PangoLayout to set.
 *
 * A setter belongs to one thread and its context's font map; what it sets
 * may be drawn on any thread once the setter's thread is done with it. */
typedef struct _CcTextSetter CcTextSetter;
typedef struct _CcSetText    CcSetText;

CcTextSetter *cc_text_setter_new  (PangoContext *context);
void          cc_text_setter_free (CcTextSetter *setter);

/* Sets @text in lines of @width points (0: unwrapped), aligned by @align:
 * in @font, and from byte @second_at (just after a line break, or 0 for
 * none) in @second_font. NULL when the text is one a PangoLayout must set,
 * or would take more than @max_lines lines (if that is not 0), where
 * Pango ends the last with an ellipsis. @text must outlive what is returned. */
CcSetText    *cc_text_setter_set  (CcTextSetter               *setter,
                                   const char                 *text,
                                   const PangoFontDescription *font,
                                   gsize                       second_at,
                                   const PangoFontDescription *second_font,
                                   double                      width,
                                   PangoAlignment              align,
                                   guint                       max_lines);

double        cc_set_text_get_height  (const CcSetText *set);
/* From the left of the leftmost line to the right of the rightmost, as
 * Pango's logical extents have it */
double        cc_set_text_get_width   (const CcSetText *set);
guint         cc_set_text_get_n_lines (const CcSetText *set);
/* Line @line: bytes @start to @start + @length of the text, from @x
 * points in from the left as aligned */
void          cc_set_text_get_line    (const CcSetText *set,
                                       guint            line,
                                       gsize           *start,
                                       gsize           *length,
                                       double          *x);
/* Draws with the top left at @x, @y in the source of @cr; the part in the
 * second font in @second_source if it is given. */
void          cc_set_text_draw        (const CcSetText *set,
                                       cairo_t         *cr,
                                       double           x,
                                       double           y,
                                       cairo_pattern_t *second_source);
void          cc_set_text_free        (CcSetText *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcTextSetter, cc_text_setter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcSetText, cc_set_text_free)

G_END_DECLS
