/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "cc-render-private.h"

G_BEGIN_DECLS

/* A paragraph of text, set once to be measured and drawn. Plain Latin text
 * is set by the fast text setter (cc-text-setter.h); anything it refuses
 * (another script, right to left, a word wider than the measure...) by a
 * PangoLayout. Which of the two set it is no concern of the caller: both
 * measure and draw alike.
 *
 * Paragraphs are made in a CcParagraphContext, one a thread and Pango
 * context, which keeps the shaped words the setter has seen; what it sets
 * may be drawn on any thread once its thread is done with it. */
typedef struct _CcParagraphContext CcParagraphContext;

typedef struct
{
  const PangoFontDescription *font;
  /* The measure, points (0: each line as long as it is). Pango sets to it
   * in whole Pango units, rounded down. */
  double                      width;
  PangoAlignment              align;
  /* With a measure: at most so many lines, the last ended with an ellipsis (0: any) */
  guint                       max_lines;
  /* With a measure: lines down to so many points, the last ended with an
   * ellipsis (0: any). Such a paragraph is always Pango's. */
  double                      max_height;
  /* From byte @second_at (just after a line break, 0: none) in
   * @second_font, drawn in @second_ink */
  gsize                       second_at;
  const PangoFontDescription *second_font;
  const CcRgb                *second_ink;
} CcParagraphSpec;

CcParagraphContext *cc_paragraph_context_new  (PangoContext *context);
void                cc_paragraph_context_free (CcParagraphContext *pc);
PangoContext       *cc_paragraph_context_get_pango (CcParagraphContext *pc);

/* Sets @text, which must outlive the paragraph. */
CcParagraph *cc_paragraph_new         (CcParagraphContext    *pc,
                                       const char            *text,
                                       const CcParagraphSpec *spec);
void         cc_paragraph_free        (CcParagraph *paragraph);

/* The logical box, as Pango's logical extents have it: from the left of the
 * leftmost line to the right of the rightmost, and from the top of the
 * first to the bottom of the last. */
double       cc_paragraph_get_width   (const CcParagraph *paragraph);
double       cc_paragraph_get_height  (const CcParagraph *paragraph);
guint        cc_paragraph_get_n_lines (const CcParagraph *paragraph);
/* Whether the text setter set it (for tests: the choice is otherwise hidden) */
gboolean     cc_paragraph_is_fast     (const CcParagraph *paragraph);

/* Draws in @ink with its box's top left at (@x, @y); with a measure and
 * centred or right alignment, @x is the left of the measure. */
void         cc_paragraph_draw        (const CcParagraph *paragraph,
                                       cairo_t           *cr,
                                       double             x,
                                       double             y,
                                       const CcRgb       *ink);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcParagraphContext, cc_paragraph_context_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcParagraph, cc_paragraph_free)

G_END_DECLS
