/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cc-force-library.h"

G_BEGIN_DECLS

/* The force library panel: a search field over the forces of a
 * CcForceLibrary, the user's own first, then the shipped ones, by label.
 * Each row shows the label, the description and the usual side, with a
 * "Driving" and a "Resisting" button that drop the force on that side; the
 * user's own forces also have a remove button. Typing filters live (case and
 * accents do not matter), Down goes from the search to the list, Enter on a
 * row adds the force on its usual side and Shift+Enter on the other. Below
 * the list, a small form saves a force of the user's own, and problems met
 * reading library files are listed.
 *
 * Signals:
 *   add-force (const char *label, const char *description, int side,
 *     int strength): the user chose to add a force; @side is a CcSide,
 *     @strength the suggested 1 to 5. The panel does not touch any sheet:
 *     whoever shows it adds the force (for example with
 *     cc_forcefield_add_force). */

#define CC_TYPE_FORCE_LIBRARY_PANEL (cc_force_library_panel_get_type ())

G_DECLARE_FINAL_TYPE (CcForceLibraryPanel, cc_force_library_panel, CC, FORCE_LIBRARY_PANEL, GtkWidget)

GtkWidget      *cc_force_library_panel_new          (CcForceLibrary      *library);
CcForceLibrary *cc_force_library_panel_get_library  (CcForceLibraryPanel *self);
/* Puts the keyboard in the search field. */
void            cc_force_library_panel_focus_search (CcForceLibraryPanel *self);

G_END_DECLS
