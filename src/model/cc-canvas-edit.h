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

/* Sets the score (0 clears it) of the cards among @items, within the scale
 * of their canvas's template (1-5 without one). */
void       cc_canvas_set_score     (CcProject  *project,
                                    GPtrArray  *items,
                                    int         score);

/* Adds a canvas made from @tmpl (a CC_KIND_TEMPLATE item, such as one of the
 * installed templates) at @index of the sheets (-1: last). The project keeps
 * a copy of the template, unless it holds one of that id already. One undo
 * step. Returns the canvas. */
CcItem    *cc_project_add_canvas   (CcProject  *project,
                                    CcItem     *tmpl,
                                    const char *title,
                                    int         index);

/* On a grid canvas: places @actor (or, when NULL, a new organisation called
 * @name) at the point (@fx, @fy) of the grid (each from 0 to 1, x to the
 * right, y upwards) by setting its values on the grid's axes, adding a card
 * about it unless the canvas has one already. One undo step. Returns the
 * actor's card, or NULL when @canvas is no grid or @name is empty. */
CcItem    *cc_canvas_place_actor   (CcProject  *project,
                                    CcItem     *canvas,
                                    CcItem     *actor,
                                    const char *name,
                                    double      fx,
                                    double      fy);

/* Sets @actor's power, interest or influence (@field) to @value, and moves
 * its cards on every grid canvas that measures it to the panel they now
 * fall in. One undo step. A value outside the field's range unsets it. */
void       cc_actor_set_measure    (CcProject  *project,
                                    CcItem     *actor,
                                    guint       field,
                                    double      value);

/* On a grid canvas, a card about an organisation stands for it: its power
 * and interest are where the card stands. That organisation, or NULL for a
 * card of another canvas or about none. */
CcItem    *cc_card_get_grid_actor  (CcProject  *project,
                                    CcItem     *card);

/* The card about @actor on @canvas, or NULL. */
CcItem    *cc_canvas_find_actor_card (CcItem   *canvas,
                                      CcItem   *actor);

/* The cards of @canvas in @panel, in order (a new array of borrowed items). */
GPtrArray *cc_canvas_panel_cards   (CcItem     *canvas,
                                    const char *panel);

G_END_DECLS
