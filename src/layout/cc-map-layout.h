/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-geometry.h"
#include "cc-project.h"

G_BEGIN_DECLS

/* Where everything of a partnership map goes: each organisation's shape and
 * box, the links between them (side by side where several join the same
 * two), the labels slid along their links to where they cover least, the
 * theme markers on the corner of a node where no link ends, and the groups
 * with their titles in a corner no node covers. Plain geometry: the sizes
 * of texts come from a callback of the caller's, which sets them.
 *
 * A node's (x, y) is its centre. Sizes are in points. */

#define CC_MAP_NODE_WRAP        132.0
#define CC_MAP_PERSON_WRAP      100.0
#define CC_MAP_NODE_MAX_LINES   3
#define CC_MAP_NODE_RADIUS      8.0
#define CC_MAP_NODE_BORDER      1.8
#define CC_MAP_RING_OFFSET      4.5
#define CC_MAP_RING_WIDTH       3.5
#define CC_MAP_TAG_W            11.0
#define CC_MAP_TAG_H            9.0
#define CC_MAP_TAG_STEP         13.0
#define CC_MAP_LABEL_WRAP       140.0
#define CC_MAP_LABEL_MAX_LINES  2
#define CC_MAP_GROUP_MAX_LINES  2
#define CC_MAP_BADGE_SIZE       11.0  /* a sector's badge, across */
#define CC_MAP_BADGE_HALO       1.2   /* the paper round it */

/* What a text is, for the callback that measures it */
typedef enum
{
  CC_MAP_TEXT_NAME,    /* a node's name, wrapped at the node's wrap */
  CC_MAP_TEXT_LABEL,   /* a link's label, wrapped at CC_MAP_LABEL_WRAP */
  CC_MAP_TEXT_STAGE,   /* a link's stage: cc_stage_label(), untranslated */
  CC_MAP_TEXT_TITLE,   /* a group's title, wrapped as given */
} CcMapText;

typedef void (*CcMapMeasure) (gpointer    data,
                              CcMapText   what,
                              const char *text,
                              double      wrap,
                              double     *width,
                              double     *height);

typedef struct
{
  double r, g, b;
} CcMapColor;

typedef struct
{
  CcItem            *item;
  const char        *name;
  CcSector           sector;
  CcActorKind        kind;
  gboolean           umbrella;
  const char * const *tags;
  guint              n_tags_shown;
  double             cx, cy;
  double             s;        /* influence scale */
  double             w, h;     /* shape, unscaled */
  double             tw, th;   /* name */
  double             wrap;
  CcRect             shape;    /* scaled, in sheet coordinates */
  CcRect             box;      /* everything drawn for the node */
  gboolean           moving;   /* dragged: drawn at an offset */
  CcRect             laid_box; /* the box before the markers were placed */
  guint              tag_place; /* where its theme markers stand (cc_map_tag_row()) */
} CcMapNode;

typedef struct
{
  char    *id;
  char    *label;
  CcMapColor color;
  CcDash   dash;
  double   width;
  gboolean directed;
  gboolean used;
  int      order;
} CcMapLinkStyle;

typedef struct
{
  CcItem          *item;
  CcMapNode       *from, *to;
  CcMapLinkStyle  *style;
  int              strength;
  gboolean         directed;
  gboolean         drawable;
  double           x1, y1, x2, y2;  /* border to border; (x2, y2) is the tip */
  double           width;
  const char      *label;
  CcStage          stage;
  double           label_w, label_h, stage_w, stage_h;
  CcRect           label_box;       /* empty when there is no label */
  CcRect           box;             /* the line's extent */
  gboolean         moving;          /* an end is dragged */
  double           offset;          /* across the line, from others between the same two nodes */
} CcMapLink;

typedef struct
{
  CcItem     *item;
  char       *title;     /* isolated, as the legend's rows are: it starts at its pill's left */
  CcMapColor       color;
  CcRect      box;
  double      title_w, title_h;
  CcRect      title_box; /* its pill: a corner of the box that no node covers */
  gboolean    moving;    /* a member is dragged */
} CcMapGroup;

/* The places along a node's top and bottom edges where its row of theme
 * markers may stand: from the left end of each edge to the right, in
 * tenths, the top edge's first. */
#define CC_MAP_TAG_PLACES_PER_EDGE 11
#define CC_MAP_N_TAG_PLACES        (2 * CC_MAP_TAG_PLACES_PER_EDGE)

/* What the layout is made from */
typedef struct
{
  CcProject   *project;
  CcItem      *sheet;
  CcMapMeasure measure;
  gpointer     measure_data;
  /* While nodes are dragged: those dragged (NULL: none), drawn @move_dx,
   * @move_dy away; with @moving_only, the layout holds only @moving_near
   * and @moving_links (cc-render.h, CcRenderMoving) and the groups of
   * what moves */
  GHashTable  *moving;
  gboolean     moving_only;
  GPtrArray   *moving_near;
  GPtrArray   *moving_links;
  double       move_dx, move_dy;
  /* For a room rather than paper: nodes, names, links and their labels
   * drawn this many times larger, each around where it stands (0 or 1: as
   * on paper); the callback measures texts as on paper */
  double       text_scale;
  /* Where a layout for a room put the nodes (CcItem* -> double[2]): taken
   * instead of their places and not spread again, so that while some are
   * dragged the others stay put (NULL: from their places) */
  GHashTable  *centres;
} CcMapLayoutSpec;

/* A colour "#rrggbb", or @fallback */
void cc_map_color_parse (const char *hex, const CcMapColor *fallback, CcMapColor *out);

typedef struct _CcMapLayout CcMapLayout;

struct _CcMapLayout
{
  CcMapLayoutSpec spec;
  CcMapNode      *nodes;     /* in the sheet's order, which is the drawing order */
  guint           n_nodes;
  GHashTable     *node_of;   /* CcItem* -> CcMapNode* */
  CcMapLink      *links;
  guint           n_links;
  CcMapGroup     *groups;    /* the largest first */
  guint           n_groups;
  GHashTable     *styles;    /* link type id -> CcMapLinkStyle* */
  CcRect          content;   /* nodes, groups, links and labels; empty (width < 0) when there are none */
  /*< private >*/
  gpointer        priv;
};

CcMapLayout *cc_map_layout_new    (const CcMapLayoutSpec *spec);
void         cc_map_layout_free   (CcMapLayout           *layout);

/* After @nodes (CcItem*) of the sheet have moved, and nothing else has
 * changed: lays out again what that changes, as cc_map_layout_new() would.
 * @damage: what looks different since, old places and new. FALSE (and
 * nothing done) where it cannot tell; then lay out anew. */
gboolean     cc_map_layout_update (CcMapLayout           *layout,
                                   GPtrArray             *nodes,
                                   CcRect                *damage);

/* The width of a link of @style drawn at @strength */
double       cc_map_link_width    (const CcMapLinkStyle  *style,
                                   int                    strength);
/* The row of @n's theme markers at @place (from 0 to CC_MAP_N_TAG_PLACES) */
void         cc_map_tag_row       (const CcMapNode       *n,
                                   guint                  place,
                                   CcRect                *row);
gboolean     cc_map_tag_row_below (guint                  place);
/* The centre of the badge that tells @n's sector without its colour: on
 * the top-left of its outline (the ring of an umbrella body), half on the
 * paper, clear of the name and of theme markers. FALSE for a sector that
 * has none (other). */
gboolean     cc_map_badge_centre  (const CcMapNode       *n,
                                   double                *x,
                                   double                *y);

/* What is at (@x, @y): the topmost node, else the topmost link (its line or
 * label), else the smallest group; NULL where there is nothing. Looked up
 * in a spatial index made on the first call. */
CcItem      *cc_map_layout_hit    (CcMapLayout           *layout,
                                   double                 x,
                                   double                 y);
/* The items whose boxes reach into @r (nodes, links, groups), in the order
 * drawn within each kind. */
void         cc_map_layout_query  (CcMapLayout           *layout,
                                   const CcRect          *r,
                                   GPtrArray             *items);

/* The link or group of @item as laid out (the first, where an item is
 * there twice), or NULL; looked up, not searched for. */
const CcMapLink  *cc_map_layout_get_link  (CcMapLayout *layout,
                                           CcItem      *item);
const CcMapGroup *cc_map_layout_get_group (CcMapLayout *layout,
                                           CcItem      *item);
/* Appends to @nodes the nodes (CcItem*) whose centre is in @r, edges
 * included, in the sheet's order. */
void         cc_map_layout_nodes_in (CcMapLayout  *layout,
                                     const CcRect *r,
                                     GPtrArray    *nodes);

/* How many things the map draws over what should stay in sight: group
 * titles under nodes or other titles, link labels on a node's theme
 * markers; each is described in @report when given. */
guint        cc_map_layout_count_overlaps (CcMapLayout *layout,
                                           GString     *report);

G_END_DECLS
