/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cc-project.h"

G_BEGIN_DECLS

#define CC_TYPE_PROJECT_DIALOG (cc_project_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CcProjectDialog, cc_project_dialog, CC, PROJECT_DIALOG, AdwPreferencesWindow)

/* The project's title, author, description and the date its handouts
 * show. Each field is kept, as one undoable step, when it is left, when
 * Enter is pressed in it, or when the dialog closes. */
CcProjectDialog *cc_project_dialog_new        (GtkWindow       *parent,
                                               CcProject       *project);

/* For tests: the rows. */
AdwEntryRow     *cc_project_dialog_get_title_row       (CcProjectDialog *self);
AdwEntryRow     *cc_project_dialog_get_author_row      (CcProjectDialog *self);
GtkTextView     *cc_project_dialog_get_description     (CcProjectDialog *self);
GtkCalendar     *cc_project_dialog_get_calendar        (CcProjectDialog *self);
AdwActionRow    *cc_project_dialog_get_date_row        (CcProjectDialog *self);

G_END_DECLS
