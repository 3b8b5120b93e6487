/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-project.h"

G_BEGIN_DECLS

/* Editing operations on design canvases, for the editor. Each is ONE undo
 * step through the CcProject edit functions. */

/* Adds a card with @text to the panel @panel of @canvas, as the @index-th
 * card of that panel (-1: the last). Returns the card. */
CcItem    *cc_canvas_add_card      (CcProject  *project,
                                    CcItem     *canvas,
                                    const char *panel,
                                    const char *text,
                                    int         index);

/* Moves @card to the panel @panel (last there). FALSE when nothing moved. */
gboolean   cc_canvas_move_card     (CcProject  *project,
                                    CcItem     *card,
                                    const char *panel);

/* Copies of the cards among @items, each right after its original, and the
 * links between them. Returns the new cards. */
GPtrArray *cc_canvas_duplicate     (CcProject  *project,
                                    GPtrArray  *items);

/* An arrow from card @from to card @to of the same canvas; NULL (and nothing
 * done) for the same card or an arrow that is already there. */
CcItem    *cc_canvas_link_cards    (CcProject  *project,
                                    CcItem     *from,
                                    CcItem     *to);

/* Sets the score (1-5; 0 clears it) of the cards among @items. */
void       cc_canvas_set_score     (CcProject  *project,
                                    GPtrArray  *items,
                                    int         score);

/* The cards of @canvas in @panel, in order (a new array of borrowed items). */
GPtrArray *cc_canvas_panel_cards   (CcItem     *canvas,
                                    const char *panel);

G_END_DECLS
