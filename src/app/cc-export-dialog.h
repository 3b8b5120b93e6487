/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cc-project.h"

G_BEGIN_DECLS

/* Export (Ctrl+Shift+E): a handout PDF of chosen sheets (cover, sheets,
 * appendix; paper, orientation, poster tiles, draft), or the current sheet
 * as a PNG (96 to 600 dpi, white or transparent) or an SVG. The file is
 * written atomically: a failure is shown in the dialog, and a file that
 * was there is left as it was.
 *
 * Signals:
 *   exported (GFile *file): the file was written. */

#define CC_TYPE_EXPORT_DIALOG (cc_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CcExportDialog, cc_export_dialog, CC, EXPORT_DIALOG, AdwWindow)

typedef enum
{
  CC_EXPORT_DIALOG_PDF,
  CC_EXPORT_DIALOG_PNG,
  CC_EXPORT_DIALOG_SVG,
} CcExportDialogFormat;

CcExportDialog *cc_export_dialog_new         (GtkWindow      *parent,
                                              CcProject      *project,
                                              CcItem         *current,
                                              const char     *base_name);

/* Writes the export to @file as the dialog's choices say; FALSE (and the
 * reason shown in the dialog, and in @error) when it cannot. */
gboolean        cc_export_dialog_export_to   (CcExportDialog *self,
                                              GFile          *file,
                                              GError        **error);

/* The message the dialog shows about the last failure, or NULL. */
const char     *cc_export_dialog_get_error   (CcExportDialog *self);

G_END_DECLS
