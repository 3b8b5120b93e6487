/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-project.h"

G_BEGIN_DECLS

/* Editing operations on map sheets, for the editor. Each is ONE undo step
 * (a group named for what it does) and goes through the CcProject edit
 * functions, so it notifies and undoes like any other edit. Arrays of items
 * are CcItem* borrowed from the caller. */

/* Adds a node for @actor (or, when @actor is NULL, for a new actor named
 * @name in @sector) at (@x, @y). Returns the node. */
CcItem    *cc_map_add_organisation   (CcProject  *project,
                                      CcItem     *sheet,
                                      CcItem     *actor,
                                      const char *name,
                                      CcSector    sector,
                                      double      x,
                                      double      y);

/* Adds a link of @type (a built-in or project link type id) between two
 * nodes of @sheet. NULL (and nothing done) when @from == @to. */
CcItem    *cc_map_add_link           (CcProject  *project,
                                      CcItem     *sheet,
                                      CcItem     *from,
                                      CcItem     *to,
                                      const char *type);

/* Adds a link type of the project labelled @label, in @color ("#rrggbb"),
 * as one step. Its line is the pattern fewest of the project's types draw
 * (its own, and the built-in ones its links use), so that a new type is
 * told from the others by more than its colour. Returns the type. */
CcItem    *cc_map_add_link_type      (CcProject  *project,
                                      const char *label,
                                      const char *color);
/* That pattern */
CcDash     cc_map_free_dash          (CcProject  *project);

/* Adds, as one step, a new organisation named @name at (@x, @y) linked
 * from @from with a link of @type. Returns the new node. */
CcItem    *cc_map_add_linked_organisation (CcProject  *project,
                                           CcItem     *sheet,
                                           CcItem     *from,
                                           const char *name,
                                           const char *type,
                                           double      x,
                                           double      y);

/* The actor named @name, matched ignoring case and the spaces around it
 * (and how many stand between two words); NULL when none is. */
CcItem    *cc_project_find_actor_named (CcProject  *project,
                                        const char *name);
/* The first node of @actor on the map @sheet, or NULL. */
CcItem    *cc_map_node_of_actor      (CcItem     *sheet,
                                      CcItem     *actor);

/* What naming an organisation in the map's entry does, as one step: @actor
 * (or the actor named @name, or a new one of that name) gets a node at
 * (@x, @y) unless it has one on @sheet already, and with @from that node
 * is linked from @from by a link of @type, unless they are linked already
 * or are the same node. Returns the organisation's node on @sheet. */
CcItem    *cc_map_place_organisation (CcProject  *project,
                                      CcItem     *sheet,
                                      CcItem     *from,
                                      CcItem     *actor,
                                      const char *name,
                                      const char *type,
                                      double      x,
                                      double      y);

/* A box of a map, in sheet coordinates, that a new organisation is kept
 * clear of: a group it is not in, the legend, the title, a node as drawn.
 * The model does not know how big things are drawn; the editor asks the
 * renderer and passes them in. */
typedef struct
{
  double x, y, width, height;
} CcMapBox;

/* How much room a new organisation's node is given, centre to edge, and
 * the gap kept around it: enough for a name wrapped on two lines in the
 * widest node the renderer draws (a partnership body with its ring). */
#define CC_MAP_NEW_NODE_HALF_W  92.0
#define CC_MAP_NEW_NODE_HALF_H  44.0
#define CC_MAP_NEW_NODE_GAP     12.0

/* The point nearest (@x, @y), on rings around it, where a new node is
 * clear of every node of @sheet (by the room above, as the model cannot
 * measure them) and of the @n_boxes @boxes (may be NULL); of the places
 * on the nearest ring with room, the one nearest (@toward_x, @toward_y).
 * (@x, @y) itself when there is no room within forty rings. */
void       cc_map_free_point         (CcItem         *sheet,
                                      const CcMapBox *boxes,
                                      guint           n_boxes,
                                      double          x,
                                      double          y,
                                      double          toward_x,
                                      double          toward_y,
                                      double         *fx,
                                      double         *fy);

/* Gives the links among @items the link type @type (a built-in or project
 * link type id; an unknown one is "informal"). FALSE when none changed. */
gboolean   cc_map_set_links_type     (CcProject  *project,
                                      GPtrArray  *items,
                                      const char *type);

/* Puts the organisations of the nodes among @items (each once) in
 * @sector, as one step. FALSE when none changed. */
gboolean   cc_map_set_sector         (CcProject  *project,
                                      GPtrArray  *items,
                                      CcSector    sector);

/* The same for their kind (organisation, partnership body, working
 * group, person). */
gboolean   cc_map_set_actor_kind     (CcProject   *project,
                                      GPtrArray   *items,
                                      CcActorKind  kind);

/* Moves the nodes among @items by (@dx, @dy), clamped to the coordinate range. */
void       cc_map_move_nodes         (CcProject  *project,
                                      GPtrArray  *items,
                                      double      dx,
                                      double      dy);

/* Deletes @items (nodes, links, groups) and what hangs on them. */
void       cc_map_delete_items       (CcProject  *project,
                                      GPtrArray  *items);

/* Renames the actor behind @node; an empty name is refused (FALSE). */
gboolean   cc_map_rename_node        (CcProject  *project,
                                      CcItem     *node,
                                      const char *name);

/* Copies of the nodes among @items (with new actors named "… (copy)"), the
 * links between them and groups wholly within them, offset by (@dx, @dy).
 * Returns the new items (nodes first). */
GPtrArray *cc_map_duplicate          (CcProject  *project,
                                      CcItem     *sheet,
                                      GPtrArray  *items,
                                      double      dx,
                                      double      dy);

typedef enum
{
  CC_ALIGN_LEFT,
  CC_ALIGN_CENTRE,
  CC_ALIGN_RIGHT,
  CC_ALIGN_TOP,
  CC_ALIGN_MIDDLE,
  CC_ALIGN_BOTTOM,
} CcAlign;

/* Aligns node positions (x, y are node centres). Needs two nodes or more. */
void       cc_map_align              (CcProject  *project,
                                      GPtrArray  *items,
                                      CcAlign     align);
/* Spaces three nodes or more evenly between the outermost two. */
void       cc_map_distribute         (CcProject  *project,
                                      GPtrArray  *items,
                                      gboolean    vertical);

/* A group box around the nodes among @items. Returns the group. */
CcItem    *cc_map_group              (CcProject  *project,
                                      CcItem     *sheet,
                                      GPtrArray  *items,
                                      const char *title);
void       cc_map_ungroup            (CcProject  *project,
                                      CcItem     *group);

/* Nodes linked to @node on its sheet, nearest first. */
GPtrArray *cc_map_neighbours         (CcProject  *project,
                                      CcItem     *node);

/* Nodes of @sheet whose actor's name contains @text (case- and
 * accent-insensitive), in sheet order. */
GPtrArray *cc_map_find_nodes         (CcProject  *project,
                                      CcItem     *sheet,
                                      const char *text);

/* @text folded for matching: case folded ("ß" as "ss"), compatibility
 * decomposed, without combining marks, so that "CAFE" matches "Café". */
char      *cc_fold_for_matching      (const char *text);

/* Actors of the project whose name starts with or contains @text, best
 * matches first, at most @limit (for reuse while typing a new name). */
GPtrArray *cc_project_match_actors   (CcProject  *project,
                                      const char *text,
                                      guint       limit);

/* Sheets. */
CcItem    *cc_project_add_sheet      (CcProject  *project,
                                      CcKind      kind,
                                      const char *title,
                                      int         index);
/* A copy right after @sheet; a copied map shares its actors (the same
 * organisations, "today" and "the future"). A sheet of a newer Concord is
 * not copied (NULL): its copy would repeat ids this version cannot see. */
CcItem    *cc_project_duplicate_sheet (CcProject *project,
                                       CcItem    *sheet);

G_END_DECLS
