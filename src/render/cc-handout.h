/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "cc-render.h"

G_BEGIN_DECLS

/* Pages on paper: what a print and a handout PDF hold. The same pages go to
 * a printer (GtkPrintOperation's draw-page gives each one a cairo_t) and to
 * a PDF, so what is printed is what is exported.
 *
 * Every page of a sheet carries a title block (project, sheet, date,
 * author, and a "Draft" stamp when asked), its legend, and a page number.
 * A sheet is fitted to one page, or tiled over columns × rows pages as a
 * poster, with an overlap, crop marks and a small map of where the page
 * goes. A handout adds a cover (title, description, the sheets) and an
 * appendix of what is behind the drawings: organisations, links, forces
 * and cards, with their notes. The paper is white whatever the theme, and
 * text stays text. */

typedef struct
{
  double       paper_width;   /* points, the page as it is printed */
  double       paper_height;
  guint        tile_columns;  /* 1 × 1: each sheet fitted to one page */
  guint        tile_rows;
  double       overlap;       /* points a tile shares with the next */
  gboolean     cover;
  gboolean     appendix;
  gboolean     draft;
  const char  *date;          /* as printed; NULL: today, "1 December 2026" */
  /* Each sheet's pages on the paper turned a quarter when that sets the
   * sheet larger (a wide map on portrait paper); cover and appendix keep
   * the paper as it is. FALSE: every page as the paper is. */
  gboolean     fit_orientation;
} CcHandoutOptions;

/* A4 portrait, each sheet turned to fit it, fitted, no cover, no appendix,
 * not a draft. */
void         cc_handout_options_init   (CcHandoutOptions *options);

/* The size in points of "a4", "a3", "letter" or "legal" (any case), turned
 * a quarter when @landscape. FALSE for another name. */
gboolean     cc_paper_size             (const char *name,
                                        gboolean    landscape,
                                        double     *width,
                                        double     *height);

#define CC_TILE_MAX 10  /* columns or rows of a poster */

typedef struct _CcHandout CcHandout;

/* The pages of @sheets (CcItem*, in order) of @project as @options say.
 * Laid out once: the project must not change while the handout lives. */
CcHandout   *cc_handout_new            (CcProject              *project,
                                        GPtrArray              *sheets,
                                        const CcHandoutOptions *options);
void         cc_handout_free           (CcHandout              *handout);

guint        cc_handout_get_n_pages    (CcHandout              *handout);
/* Whether page @page is on the paper turned a quarter (fit_orientation):
 * printed in the other orientation, its width the paper's height. */
gboolean     cc_handout_page_is_turned (CcHandout              *handout,
                                        guint                   page);
/* Draws page @page (from 0) on @cr, whose user space is the page in points
 * from its top-left corner, paper white first. */
void         cc_handout_draw_page      (CcHandout              *handout,
                                        cairo_t                *cr,
                                        guint                   page);

/* The whole handout as a PDF: every page, with the project's title, author
 * and description as its metadata and one bookmark a sheet. */
GBytes      *cc_handout_export_pdf     (CcHandout              *handout,
                                        GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcHandout, cc_handout_free)

G_END_DECLS
