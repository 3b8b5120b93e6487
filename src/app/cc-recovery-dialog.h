/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cc-store.h"
#include "cc-window.h"

G_BEGIN_DECLS

/* Offers the work a Concord that did not close cleanly left in the local
 * database: each snapshot with its project's title, file, time and sheets,
 * to restore (into @parent if it is untouched, else a new window) or
 * discard. Work left undecided is offered again at the next start. */

#define CC_TYPE_RECOVERY_DIALOG (cc_recovery_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CcRecoveryDialog, cc_recovery_dialog, CC, RECOVERY_DIALOG, AdwWindow)

CcRecoveryDialog *cc_recovery_dialog_new        (CcWindow  *parent,
                                                 CcStore   *store,
                                                 GPtrArray *orphans);
/* For tests: the rows, and a row's Restore and Discard buttons. */
GtkListBox       *cc_recovery_dialog_get_list   (CcRecoveryDialog *self);
GtkWidget        *cc_recovery_dialog_get_button (CcRecoveryDialog *self,
                                                 guint             row,
                                                 const char       *which);

G_END_DECLS
