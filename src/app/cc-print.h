/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cc-handout.h"
#include "cc-project.h"

G_BEGIN_DECLS

/* Printing and exporting handouts from a window.
 *
 * What to put on paper is a CcPaperChoices: which sheets, fitted or as a
 * poster, with a cover and appendix or not, a draft stamp. Printing offers
 * them on a "Sheets" tab of the print dialog; the export dialog offers them
 * with the format. Both print what the same CcHandout lays out. The print
 * settings and page setup, and the choices, are remembered (in the user's
 * configuration folder) from one print to the next and across sessions. */

typedef enum
{
  CC_PAPER_SHEETS_CURRENT,
  CC_PAPER_SHEETS_ALL,
  CC_PAPER_SHEETS_CHOSEN,
} CcPaperSheets;

typedef struct
{
  CcPaperSheets  sheets;
  GPtrArray     *chosen;        /* sheet ids (char *), for CC_PAPER_SHEETS_CHOSEN */
  guint          tile_columns;  /* 1 × 1: fit each sheet to one page */
  guint          tile_rows;
  gboolean       cover_and_appendix;
  gboolean       draft;
  gboolean       turn_to_fit;   /* each sheet's pages turned to suit it (cover and appendix as the paper) */
} CcPaperChoices;

/* The choices of this program, remembered between prints (transfer none). */
CcPaperChoices *cc_paper_choices_get_default   (void);

/* The sheets @choices name in @project, in the project's order; the
 * current one when they name none that is there. */
GPtrArray      *cc_paper_choices_get_sheets    (const CcPaperChoices *choices,
                                                CcProject            *project,
                                                CcItem               *current);

/* A widget to set @choices (kept up to date as it changes) for @project. */
GtkWidget      *cc_paper_choices_widget_new    (CcPaperChoices       *choices,
                                                CcProject            *project,
                                                CcItem               *current);

/* Prints through GtkPrintOperation with @action: the print dialog, or, for
 * GTK_PRINT_OPERATION_ACTION_EXPORT, straight to the PDF @export_path with
 * the remembered choices (for tests). FALSE with @error set on failure. */
gboolean        cc_print_project               (GtkWindow              *parent,
                                                CcProject              *project,
                                                CcItem                 *current,
                                                GtkPrintOperationAction action,
                                                const char             *export_path,
                                                GError                **error);

/* The page setup printing uses (transfer none), for an export to the same paper. */
GtkPageSetup   *cc_print_get_page_setup        (void);
void            cc_print_set_page_setup        (GtkPageSetup           *setup);

G_END_DECLS
