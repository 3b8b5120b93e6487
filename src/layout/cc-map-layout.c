/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-layout"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-bidi.h"
#include "cc-map-layout.h"
#include "cc-spatial-index.h"

/* The map's layout: see cc-map-layout.h. Nothing here sets text: the
 * caller's callback measures it. */

typedef CcMapNode      Node;
typedef CcMapLink      Link;
typedef CcMapGroup     Group;
typedef CcMapLinkStyle LinkStyle;
typedef CcMapLayout    MapLayout;

#define CC_RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

static const CcMapColor group_default_color = CC_RGB (0x5e6c84);
static const CcMapColor unknown_link_color = CC_RGB (0x6b7079);

/* ---- sizes, in points ------------------------------------------------- */

#define NODE_WRAP        CC_MAP_NODE_WRAP
#define PERSON_WRAP      CC_MAP_PERSON_WRAP
#define NODE_PAD_X       12.0
#define NODE_PAD_Y       8.0
#define NODE_MIN_W       72.0
#define NODE_MIN_H       36.0
#define NODE_RADIUS      CC_MAP_NODE_RADIUS
#define NODE_BORDER      CC_MAP_NODE_BORDER
#define RING_OFFSET      CC_MAP_RING_OFFSET
#define RING_WIDTH       CC_MAP_RING_WIDTH
#define TAG_W            CC_MAP_TAG_W
#define TAG_H            CC_MAP_TAG_H
#define TAG_STEP         CC_MAP_TAG_STEP
#define INFLUENCE_STEP   0.05
#define LABEL_WRAP       CC_MAP_LABEL_WRAP
#define GROUP_PAD        24.0
#define SPREAD_GAP       10.0   /* between nodes spread for a room */
#define SPREAD_ROUNDS    600
#define SPREAD_STEP      0.5    /* of what parts a pair, each round: the crowd settles evenly */
/* Pushing across costs this much less than pushing down: screens are wide */
#define SPREAD_ASPECT    1.6
#define PARALLEL_GAP     9.0
#define TAG_PLACES_PER_EDGE CC_MAP_TAG_PLACES_PER_EDGE
#define N_TAG_PLACES        CC_MAP_N_TAG_PLACES
#define TAG_TOP_LEFT        0

typedef struct
{
  CcSpatialIndex *hits;   /* what is where, for hit tests: made when first asked for */
  /* Their handles in it, to follow an update: G_MAXUINT for none */
  guint          *node_entries;
  guint          *line_entries;
  guint          *label_entries;
  guint          *group_entries;
  GHashTable     *link_of;   /* CcItem* -> index + 1 of its link: made when first asked for */
  GHashTable     *group_of;  /* and of its group */
} Private;

static void
clear_hits (Private *priv)
{
  g_clear_pointer (&priv->hits, cc_spatial_index_free);
  g_clear_pointer (&priv->node_entries, g_free);
  g_clear_pointer (&priv->line_entries, g_free);
  g_clear_pointer (&priv->label_entries, g_free);
  g_clear_pointer (&priv->group_entries, g_free);
  g_clear_pointer (&priv->link_of, g_hash_table_unref);
  g_clear_pointer (&priv->group_of, g_hash_table_unref);
}

void
cc_map_color_parse (const char *hex, const CcMapColor *fallback, CcMapColor *out)
{
  guint v = 0;

  if (hex == NULL || strlen (hex) != 7 || hex[0] != '#')
    {
      *out = *fallback;
      return;
    }
  for (int i = 1; i < 7; i++)
    {
      int d = g_ascii_xdigit_value (hex[i]);

      if (d < 0)
        {
          *out = *fallback;
          return;
        }
      v = v << 4 | (guint) d;
    }
  out->r = (v >> 16 & 0xff) / 255.0;
  out->g = (v >> 8 & 0xff) / 255.0;
  out->b = (v & 0xff) / 255.0;
}

/* The boxes of the nodes, by index */
static CcSpatialIndex *
node_box_index (MapLayout *m)
{
  CcSpatialIndex *index = cc_spatial_index_new (160.0);

  for (guint i = 0; i < m->n_nodes; i++)
    cc_spatial_index_insert (index, &m->nodes[i].box, i);
  return index;
}

static CcSector
clamp_sector (gint64 v)
{
  return v >= 0 && v < CC_N_SECTORS ? (CcSector) v : CC_SECTOR_OTHER;
}

static CcActorKind
clamp_kind (gint64 v)
{
  return v >= 0 && v < CC_N_ACTOR_KINDS ? (CcActorKind) v : CC_ACTOR_KIND_ORGANISATION;
}

gboolean
cc_map_badge_centre (const Node *n, double *x, double *y)
{
  double ring = n->umbrella ? RING_OFFSET : 0;

  if (n->sector == CC_SECTOR_OTHER)
    return FALSE;
  if (n->kind == CC_ACTOR_KIND_PERSON)
    {
      /* Low on the ellipse's arc, where it is left of the name */
      *x = n->cx - n->s * (n->w / 2 + ring) * cos (G_PI * 35 / 180);
      *y = n->cy - n->s * (n->h / 2 + ring) * sin (G_PI * 35 / 180);
    }
  else
    {
      /* On the rounded corner, halfway round it: in the corner's notch,
       * left of where the markers' row starts and above the name */
      double r = MIN (NODE_RADIUS, MIN (n->w, n->h) / 2) * n->s, d = (r + ring * n->s) * G_SQRT2 / 2;

      *x = n->shape.x + r - d;
      *y = n->shape.y + r - d;
    }
  return TRUE;
}

/* Everything drawn for @n but its markers: its shape, border or ring, and
 * badge. */
static void
node_box (Node *n)
{
  double bx, by;

  n->box = n->shape;
  cc_rect_inflate (&n->box, (n->umbrella ? RING_OFFSET + RING_WIDTH / 2 : NODE_BORDER / 2) * n->s + 0.5);
  if (cc_map_badge_centre (n, &bx, &by))
    {
      double half = (CC_MAP_BADGE_SIZE / 2 + CC_MAP_BADGE_HALO) * n->s + 0.5;
      CcRect badge = { bx - half, by - half, 2 * half, 2 * half };

      cc_rect_union (&n->box, &badge);
    }
}

static void
layout_node (CcMapLayout *m, Node *n, CcItem *node)
{
  CcItem *actor = cc_project_get_node_actor (m->spec.project, node);
  double pad_x = NODE_PAD_X, pad_y = NODE_PAD_Y, top;
  gint64 influence = 0;
  guint n_tags, fit;

  n->item = node;
  n->cx = cc_item_get_double (node, CC_NODE_X);
  n->cy = cc_item_get_double (node, CC_NODE_Y);
  if (m->spec.centres != NULL)
    {
      const double *centre = g_hash_table_lookup (m->spec.centres, node);

      if (centre != NULL)
        {
          n->cx = centre[0];
          n->cy = centre[1];
        }
    }
  if (m->spec.moving != NULL && g_hash_table_contains (m->spec.moving, node))
    {
      n->moving = TRUE;
      n->cx += m->spec.move_dx;
      n->cy += m->spec.move_dy;
    }
  if (actor != NULL)
    {
      n->name = cc_item_get_string (actor, CC_ACTOR_NAME);
      n->sector = clamp_sector (cc_item_get_int (actor, CC_ACTOR_SECTOR));
      n->kind = clamp_kind (cc_item_get_int (actor, CC_ACTOR_KIND));
      n->umbrella = cc_item_get_bool (actor, CC_ACTOR_UMBRELLA);
      n->tags = cc_item_get_strv (actor, CC_ACTOR_TAGS);
      influence = CLAMP (cc_item_get_int (actor, CC_ACTOR_INFLUENCE), 0, 10);
    }
  else
    {
      n->name = "?";
      n->sector = CC_SECTOR_OTHER;
      n->kind = CC_ACTOR_KIND_ORGANISATION;
    }
  if (n->name == NULL || n->name[0] == '\0')
    n->name = "?";
  n->s = (1.0 + INFLUENCE_STEP * (double) influence) * m->spec.text_scale;

  n->wrap = n->kind == CC_ACTOR_KIND_PERSON ? PERSON_WRAP : NODE_WRAP;
  m->spec.measure (m->spec.measure_data, CC_MAP_TEXT_NAME, n->name, n->wrap, &n->tw, &n->th);

  if (n->kind == CC_ACTOR_KIND_PERSON)
    {
      n->w = n->tw * 1.25 + 20;
      n->h = MAX (n->th * 1.25 + 16, NODE_MIN_H);
      n->w = MAX (n->w, n->h);
    }
  else
    {
      if (n->kind == CC_ACTOR_KIND_PARTNERSHIP)
        pad_x += 4, pad_y += 3;
      n->w = MAX (n->tw + 2 * pad_x, NODE_MIN_W);
      n->h = MAX (n->th + 2 * pad_y, NODE_MIN_H);
    }

  n->shape.width = n->w * n->s;
  n->shape.height = n->h * n->s;
  n->shape.x = n->cx - n->shape.width / 2;
  n->shape.y = n->cy - n->shape.height / 2;

  node_box (n);

  n_tags = n->tags ? g_strv_length ((char **) n->tags) : 0;
  fit = (guint) MAX (1.0, floor ((n->w - 2 * NODE_RADIUS - TAG_W) / TAG_STEP) + 1);
  n->n_tags_shown = MIN (n_tags, fit);
  if (n->n_tags_shown > 0)
    {
      top = n->shape.y - (n->umbrella ? (RING_OFFSET + RING_WIDTH / 2) * n->s : 0) - TAG_H * n->s - 1;
      if (top < n->box.y)
        {
          n->box.height += n->box.y - top;
          n->box.y = top;
        }
    }
  n->laid_box = n->box;
}

static LinkStyle *
link_style (CcMapLayout *m, const char *type_id)
{
  LinkStyle *style = g_hash_table_lookup (m->styles, type_id);
  const CcBuiltinLinkType *builtin;
  CcItem *item;

  if (style != NULL)
    return style;

  style = g_new0 (LinkStyle, 1);
  style->id = g_strdup (type_id);
  builtin = cc_builtin_link_type (type_id);
  item = builtin ? NULL : cc_project_lookup (m->spec.project, type_id);
  if (builtin != NULL)
    {
      guint n, i;
      const CcBuiltinLinkType *all = cc_builtin_link_types (&n);

      style->label = g_strdup (_(builtin->label));
      cc_map_color_parse (builtin->color, &unknown_link_color, &style->color);
      style->dash = builtin->dash;
      style->width = builtin->width;
      style->directed = builtin->directed;
      for (i = 0; i < n && &all[i] != builtin; i++)
        ;
      style->order = (int) i;
    }
  else if (item != NULL && cc_item_get_kind (item) == CC_KIND_LINK_TYPE)
    {
      style->label = g_strdup (cc_item_get_string (item, CC_LINK_TYPE_LABEL));
      cc_map_color_parse (cc_item_get_string (item, CC_LINK_TYPE_COLOR), &unknown_link_color, &style->color);
      style->dash = (CcDash) CLAMP (cc_item_get_int (item, CC_LINK_TYPE_DASH), 0, CC_N_DASHES - 1);
      style->width = CLAMP (cc_item_get_double (item, CC_LINK_TYPE_WIDTH), 0.5, 12.0);
      style->directed = cc_item_get_bool (item, CC_LINK_TYPE_DIRECTED);
      style->order = 100 + (int) cc_item_get_index (item);
    }
  else
    {
      style->label = g_strdup (type_id && type_id[0] ? type_id : _("Link"));
      style->color = unknown_link_color;
      style->dash = CC_DASH_SOLID;
      style->width = 2.0;
      style->order = 10000;
    }
  if (style->label == NULL || style->label[0] == '\0')
    {
      g_free (style->label);
      style->label = g_strdup (type_id);
    }
  g_hash_table_insert (m->styles, style->id, style);
  return style;
}

static void
link_style_free (LinkStyle *style)
{
  g_free (style->id);
  g_free (style->label);
  g_free (style);
}

/* Where the ray from the node's centre along (dx, dy) leaves its shape,
 * @extra points out: a factor of (dx, dy). */
static double
border_t (const Node *n, double dx, double dy, double extra)
{
  double hw = n->shape.width / 2 + extra, hh = n->shape.height / 2 + extra;

  if (dx == 0 && dy == 0)
    return 0;
  if (n->kind == CC_ACTOR_KIND_PERSON)
    return 1.0 / sqrt ((dx / hw) * (dx / hw) + (dy / hh) * (dy / hh));
  return MIN (dx != 0 ? hw / fabs (dx) : G_MAXDOUBLE, dy != 0 ? hh / fabs (dy) : G_MAXDOUBLE);
}

double
cc_map_link_width (const LinkStyle *style, int strength)
{
  return style->width * (0.5 + 0.25 * strength);
}

static void
layout_link (CcMapLayout *m, Link *l, CcItem *link, double offset)
{
  double ax, ay, bx, by, dx, dy, len, t1, t2, nx, ny;
  double extra_from, extra_to;

  l->item = link;
  l->style->used = TRUE;
  l->strength = (int) CLAMP (cc_item_get_int (link, CC_LINK_STRENGTH), 1, 5);
  l->directed = cc_item_get_bool (link, CC_LINK_DIRECTED) || l->style->directed;
  l->width = cc_map_link_width (l->style, l->strength) * m->spec.text_scale;
  l->label = cc_item_get_string (link, CC_LINK_LABEL);
  l->stage = (CcStage) CLAMP (cc_item_get_int (link, CC_LINK_STAGE), 0, CC_N_STAGES - 1);
  l->label_box = (CcRect) { 0, 0, -1, -1 };

  ax = l->from->cx;
  ay = l->from->cy;
  bx = l->to->cx;
  by = l->to->cy;
  dx = bx - ax;
  dy = by - ay;
  len = hypot (dx, dy);
  if (len < 1e-6)
    return;
  nx = -dy / len;
  ny = dx / len;
  ax += nx * offset;
  ay += ny * offset;
  bx += nx * offset;
  by += ny * offset;

  extra_from = l->from->umbrella ? (RING_OFFSET + RING_WIDTH / 2) * l->from->s : 1.0;
  extra_to = (l->to->umbrella ? (RING_OFFSET + RING_WIDTH / 2) * l->to->s : 1.0) + (l->directed ? 1.5 : 0);
  t1 = border_t (l->from, dx, dy, extra_from);
  t2 = 1.0 - border_t (l->to, -dx, -dy, extra_to);
  if (t2 - t1 < 4.0 / len)
    return;  /* the nodes overlap: nothing to see */

  l->drawable = TRUE;
  l->x1 = ax + dx * t1;
  l->y1 = ay + dy * t1;
  l->x2 = ax + dx * t2;
  l->y2 = ay + dy * t2;
  l->box.x = MIN (l->x1, l->x2);
  l->box.y = MIN (l->y1, l->y2);
  l->box.width = fabs (l->x2 - l->x1);
  l->box.height = fabs (l->y2 - l->y1);
  cc_rect_inflate (&l->box, l->width + (l->directed ? 4.0 + 1.3 * l->width : 0));

  if ((l->label && l->label[0]) || l->stage != CC_STAGE_NONE)
    {
      double w = 0, h = 0, mx = (l->x1 + l->x2) / 2, my = (l->y1 + l->y2) / 2;

      double ts = m->spec.text_scale;

      if (l->label && l->label[0])
        {
          m->spec.measure (m->spec.measure_data, CC_MAP_TEXT_LABEL, l->label, LABEL_WRAP, &l->label_w, &l->label_h);
          l->label_w *= ts;
          l->label_h *= ts;
        }
      if (l->stage != CC_STAGE_NONE)
        {
          m->spec.measure (m->spec.measure_data, CC_MAP_TEXT_STAGE, cc_stage_label (l->stage), 0, &l->stage_w,
                           &l->stage_h);
          l->stage_w *= ts;
          l->stage_h *= ts;
        }
      w = MAX (l->label_w, l->stage_w) + 8 * ts;
      h = l->label_h + l->stage_h + 3 * ts;
      l->label_box = (CcRect) { mx - w / 2, my - h / 2, w, h };
    }
}

/* A coarse grid of what labels should not cover, so that placing each label
 * looks only at what is near it. */
#define GRID_CELL 160.0
#define MAX_PLACED_LABELS 3000

/* Slides each label along its link, from the middle outwards, to the first
 * place where it covers neither a node nor another label; where there is
 * none, to the place it covers least. */
static void
place_labels (CcMapLayout *m)
{
  static const double positions[] = { 0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78 };
  g_autoptr(CcSpatialIndex) grid = NULL;
  guint n_labels = 0;

  for (guint i = 0; i < m->n_links; i++)
    n_labels += m->links[i].drawable && m->links[i].label_box.width > 0;
  if (n_labels == 0 || n_labels > MAX_PLACED_LABELS)
    return;

  grid = cc_spatial_index_new (GRID_CELL);
  for (guint i = 0; i < m->n_nodes; i++)
    cc_spatial_index_insert (grid, &m->nodes[i].box, i);
  for (guint i = 0; i < m->n_links; i++)
    {
      Link *l = &m->links[i];
      CcRect best = l->label_box;
      double least = G_MAXDOUBLE;

      if (!l->drawable || l->label_box.width <= 0)
        continue;
      for (guint p = 0; p < G_N_ELEMENTS (positions); p++)
        {
          CcRect box = l->label_box;
          double t = positions[p], covered;

          box.x = l->x1 + (l->x2 - l->x1) * t - box.width / 2;
          box.y = l->y1 + (l->y2 - l->y1) * t - box.height / 2;
          if (!cc_spatial_index_hits (grid, &box))
            {
              best = box;
              break;
            }
          covered = cc_spatial_index_overlap (grid, &box);
          if (covered < least)
            {
              least = covered;
              best = box;
            }
        }
      l->label_box = best;

      cc_spatial_index_insert (grid, &best, m->n_nodes + i);
    }
}

typedef struct
{
  gconstpointer a, b;
} PairKey;

static guint
pair_hash (gconstpointer key)
{
  const PairKey *k = key;

  return g_direct_hash (k->a) * 31 + g_direct_hash (k->b);
}

static gboolean
pair_equal (gconstpointer x, gconstpointer y)
{
  const PairKey *a = x, *b = y;

  return a->a == b->a && a->b == b->b;
}

static void
layout_links (CcMapLayout *m)
{
  GPtrArray *items = m->spec.moving_only && m->spec.moving_links != NULL
    ? m->spec.moving_links : cc_item_get_children (m->spec.sheet, CC_MAP_LINKS);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (pair_hash, pair_equal, g_free, NULL);
  g_autofree guint *slot = g_new0 (guint, items->len);

  m->links = g_new0 (Link, items->len);
  m->n_links = 0;

  /* Links between the same two nodes are drawn side by side. */
  for (guint i = 0; i < items->len; i++)
    {
      CcItem *link = items->pdata[i];
      CcItem *from = cc_project_lookup (m->spec.project, cc_item_get_string (link, CC_LINK_FROM));
      CcItem *to = cc_project_lookup (m->spec.project, cc_item_get_string (link, CC_LINK_TO));
      Node *nf = from ? g_hash_table_lookup (m->node_of, from) : NULL;
      Node *nt = to ? g_hash_table_lookup (m->node_of, to) : NULL;
      Link *l;
      PairKey *key;
      guint count;

      if (nf == NULL || nt == NULL || nf == nt)
        continue;
      if (m->spec.moving_only && !nf->moving && !nt->moving)
        continue;  /* between two neighbours of what moves */
      l = &m->links[m->n_links++];
      l->moving = nf->moving || nt->moving;
      l->from = nf;
      l->to = nt;
      l->item = link;
      l->style = link_style (m, cc_item_get_string (link, CC_LINK_TYPE));

      key = g_new (PairKey, 1);
      key->a = MIN (nf, nt);
      key->b = MAX (nf, nt);
      count = GPOINTER_TO_UINT (g_hash_table_lookup (pairs, key));
      slot[m->n_links - 1] = count;
      g_hash_table_replace (pairs, key, GUINT_TO_POINTER (count + 1));
    }

  for (guint i = 0; i < m->n_links; i++)
    {
      Link *l = &m->links[i];
      PairKey key = { MIN (l->from, l->to), MAX (l->from, l->to) };
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (pairs, &key));
      double offset = ((double) slot[i] - (count - 1) / 2.0) * PARALLEL_GAP;

      /* The offset is across the line from the lower node to the higher. */
      if (l->from != key.a)
        offset = -offset;
      l->offset = offset;
      layout_link (m, l, l->item, offset);
    }
}

static int
compare_groups_by_area (gconstpointer a, gconstpointer b)
{
  const Group *x = a, *y = b;
  double ax = x->box.width * x->box.height, ay = y->box.width * y->box.height;

  return ax > ay ? -1 : ax < ay;
}

gboolean
cc_map_tag_row_below (guint place)
{
  return place >= TAG_PLACES_PER_EDGE;
}

/* The row of @n's theme markers at @place: on the top edge (or, from
 * TAG_PLACES_PER_EDGE on, the bottom one), from the edge of its shape (or
 * ring) outwards, so many tenths along the room the edge leaves it. */
void
cc_map_tag_row (const Node *n, guint place, CcRect *r)
{
  double ring = n->umbrella ? RING_OFFSET + RING_WIDTH / 2 : 0;
  double row_w = ((n->n_tags_shown > 0 ? n->n_tags_shown - 1 : 0) * TAG_STEP + TAG_W) * n->s;
  double left = n->cx + n->s * (-n->w / 2 + NODE_RADIUS), room = MAX (0, n->s * (n->w - 2 * NODE_RADIUS) - row_w);

  r->x = left + room * (double) (place % TAG_PLACES_PER_EDGE) / (TAG_PLACES_PER_EDGE - 1);
  r->width = row_w;
  r->height = TAG_H * n->s;
  if (cc_map_tag_row_below (place))
    r->y = n->cy + n->s * (n->h / 2 + ring - 0.5);
  else
    r->y = n->cy - n->s * (n->h / 2 + ring - 0.5) - r->height;
}

/* Whether the end of @l at (ex, ey), coming from (fx, fy), runs through
 * @r: the last stretch of the line and its arrowhead. */
static gboolean
link_end_crosses (const Link *l, double ex, double ey, double fx, double fy, const CcRect *r)
{
  double dx = fx - ex, dy = fy - ey, len = hypot (dx, dy);
  CcRect zone = *r;

  if (len < 1e-6)
    return FALSE;
  cc_rect_inflate (&zone, l->width / 2 + (l->directed ? 2.5 + 1.3 * l->width : 1.5));
  for (double t = 0; t <= MIN (24.0, len); t += 2)
    if (cc_rect_contains (&zone, ex + dx / len * t, ey + dy / len * t))
      return TRUE;
  return FALSE;
}

/* Each node's markers at the first corner where no link ends, and its box
 * grown to them. */
static void
place_tags (CcMapLayout *m)
{
  g_autofree guint *conflicts = NULL;
  gboolean any = FALSE;

  for (guint i = 0; i < m->n_nodes && !any; i++)
    any = m->nodes[i].n_tags_shown > 0;
  if (!any)
    return;  /* no markers: nothing to place, and no grid to build */
  conflicts = g_new0 (guint, (gsize) m->n_nodes * N_TAG_PLACES);
  for (guint i = 0; i < m->n_links; i++)
    {
      const Link *l = &m->links[i];

      if (!l->drawable)
        continue;
      for (guint end = 0; end < 2; end++)
        {
          const Node *n = end == 0 ? l->from : l->to;
          guint index = (guint) (n - m->nodes);

          if (n->n_tags_shown == 0)
            continue;
          for (guint c = 0; c < N_TAG_PLACES; c++)
            {
              CcRect r;

              cc_map_tag_row (n, c, &r);
              if (end == 0 ? link_end_crosses (l, l->x1, l->y1, l->x2, l->y2, &r)
                           : link_end_crosses (l, l->x2, l->y2, l->x1, l->y1, &r))
                conflicts[index * N_TAG_PLACES + c] += 2;
            }
        }
    }
  /* Labels (where they would stand first) and other nodes count too */
  {
    g_autoptr(CcSpatialIndex) grid = cc_spatial_index_new (GRID_CELL);

    for (guint i = 0; i < m->n_links; i++)
      if (m->links[i].drawable && m->links[i].label_box.width > 0)
        cc_spatial_index_insert (grid, &m->links[i].label_box, i);
    for (guint i = 0; i < m->n_nodes; i++)
      cc_spatial_index_insert (grid, &m->nodes[i].shape, m->n_links + i);
    for (guint i = 0; i < m->n_nodes; i++)
      for (guint c = 0; c < N_TAG_PLACES && m->nodes[i].n_tags_shown > 0; c++)
        {
          CcRect r;

          cc_map_tag_row (&m->nodes[i], c, &r);
          cc_rect_inflate (&r, 1);
          conflicts[i * N_TAG_PLACES + c] += cc_spatial_index_hits (grid, &r);
        }
  }
  for (guint i = 0; i < m->n_nodes; i++)
    {
      Node *n = &m->nodes[i];
      guint best = TAG_TOP_LEFT;
      CcRect r;

      if (n->n_tags_shown == 0)
        continue;
      for (guint c = 1; c < N_TAG_PLACES; c++)
        if (conflicts[i * N_TAG_PLACES + c] < conflicts[i * N_TAG_PLACES + best])
          best = c;
      n->tag_place = best;


      /* The box: the shape and ring, and the markers where they are now */
      node_box (n);
      cc_map_tag_row (n, best, &r);
      cc_rect_inflate (&r, 1);
      cc_rect_union (&n->box, &r);
    }
}

/* Each group's title in the first corner of its box that no node covers
 * (nor an earlier title): a node of another group, or none, may stand
 * where the title would. */
static void
place_group_titles (CcMapLayout *m)
{
  g_autoptr(CcSpatialIndex) boxes = NULL;
  g_autoptr(GArray) under = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < m->n_groups; i++)
    {
      Group *g = &m->groups[i];
      CcRect tries[5];
      guint best = 0, best_hits = G_MAXUINT;

      if (!g->title || !g->title[0])
        continue;
      if (boxes == NULL)
        boxes = node_box_index (m);
      tries[0] = (CcRect) { g->box.x + 8, g->box.y + 8, g->title_w + 8, g->title_h + 4 };
      tries[1] = (CcRect) { g->box.x + g->box.width - g->title_w - 16, g->box.y + 8, g->title_w + 8, g->title_h + 4 };
      tries[2] = (CcRect) { g->box.x + 8, g->box.y + g->box.height - g->title_h - 12, g->title_w + 8, g->title_h + 4 };
      tries[3] = (CcRect) { tries[1].x, tries[2].y, tries[1].width, tries[1].height };
      tries[4] = (CcRect) { g->box.x + 8, g->box.y - g->title_h - 8, g->title_w + 8, g->title_h + 4 };
      for (guint t = 0; t < G_N_ELEMENTS (tries) && best_hits > 0; t++)
        {
          guint hits;

          g_array_set_size (under, 0);
          cc_spatial_index_query (boxes, &tries[t], under);
          hits = under->len;
          for (guint k = 0; k < i; k++)
            hits += m->groups[k].title_box.width > 0 && cc_rect_intersects (&tries[t], &m->groups[k].title_box);
          if (hits < best_hits)
            {
              best = t;
              best_hits = hits;
            }
        }
      g->title_box = tries[best];
      if (best == 4)
        cc_rect_union (&g->box, &g->title_box);  /* above it: still part of what is drawn */
    }
}

static void
layout_groups (CcMapLayout *m)
{
  GPtrArray *items = cc_item_get_children (m->spec.sheet, CC_MAP_GROUPS);

  m->groups = g_new0 (Group, items->len);
  m->n_groups = 0;
  for (guint i = 0; i < items->len; i++)
    {
      CcItem *item = items->pdata[i];
      const char * const *members = cc_item_get_strv (item, CC_GROUP_MEMBERS);
      Group *g = &m->groups[m->n_groups];
      CcRect box = { 0, 0, -1, -1 };
      gboolean moving = FALSE;

      for (guint j = 0; members && members[j]; j++)
        {
          CcItem *node = cc_project_lookup (m->spec.project, members[j]);
          Node *n = node ? g_hash_table_lookup (m->node_of, node) : NULL;

          if (n != NULL)
            {
              cc_rect_union (&box, &n->box);
              moving |= n->moving;
            }
        }
      if (box.width < 0 || (m->spec.moving_only && !moving))
        continue;
      m->n_groups++;
      g->moving = moving;
      g->item = item;
      g->title = cc_bidi_isolate (cc_item_get_string (item, CC_GROUP_TITLE));
      cc_map_color_parse (cc_item_get_string (item, CC_GROUP_COLOR), &group_default_color, &g->color);
      cc_rect_inflate (&box, GROUP_PAD * m->spec.text_scale);
      if (g->title && g->title[0])
        {
          double ts = m->spec.text_scale;

          m->spec.measure (m->spec.measure_data, CC_MAP_TEXT_TITLE, g->title, MAX (box.width / ts - 24, 80),
                           &g->title_w, &g->title_h);
          g->title_w *= ts;
          g->title_h *= ts;
          box.y -= g->title_h + 4;
          box.height += g->title_h + 4;
          box.width = MAX (box.width, g->title_w + 24);
        }
      g->box = box;
    }
  if (m->n_groups > 1)
    qsort (m->groups, m->n_groups, sizeof (Group), compare_groups_by_area);
}

static void
clear_groups (MapLayout *m)
{
  for (guint i = 0; i < m->n_groups; i++)
    g_free (m->groups[i].title);
  g_clear_pointer (&m->groups, g_free);
  m->n_groups = 0;
}

/* What everything drawn covers; the boxes nodes had before their markers
 * were placed count too, as they always have. */
static void
compute_content (MapLayout *m)
{
  m->content = (CcRect) { 0, 0, -1, -1 };
  for (guint i = 0; i < m->n_nodes; i++)
    cc_rect_union (&m->content, &m->nodes[i].laid_box);
  for (guint i = 0; i < m->n_nodes; i++)
    cc_rect_union (&m->content, &m->nodes[i].box);
  for (guint i = 0; i < m->n_links; i++)
    if (m->links[i].drawable)
      {
        cc_rect_union (&m->content, &m->links[i].box);
        cc_rect_union (&m->content, &m->links[i].label_box);
      }
  for (guint i = 0; i < m->n_groups; i++)
    cc_rect_union (&m->content, &m->groups[i].box);
}

static void spread_nodes (CcMapLayout *m);

CcMapLayout *
cc_map_layout_new (const CcMapLayoutSpec *spec)
{
  MapLayout *m = g_new0 (MapLayout, 1);
  g_autoptr(GPtrArray) subset = NULL;
  GPtrArray *nodes;

  m->spec = *spec;
  if (!(spec->text_scale > 0 && spec->text_scale <= 16))
    m->spec.text_scale = 1.0;
  m->priv = g_new0 (Private, 1);
  if (spec->moving_only)
    nodes = spec->moving_near != NULL ? spec->moving_near : (subset = g_ptr_array_new ());
  else
    nodes = cc_item_get_children (spec->sheet, CC_MAP_NODES);

  m->styles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) link_style_free);
  m->node_of = g_hash_table_new (g_direct_hash, g_direct_equal);
  m->nodes = g_new0 (Node, nodes->len);
  m->n_nodes = nodes->len;
  for (guint i = 0; i < nodes->len; i++)
    {
      layout_node (m, &m->nodes[i], nodes->pdata[i]);
      g_hash_table_insert (m->node_of, nodes->pdata[i], &m->nodes[i]);
    }
  if (m->spec.text_scale != 1.0 && !spec->moving_only && spec->centres == NULL)
    spread_nodes (m);
  layout_links (m);
  /* The markers where no link ends, then the labels where neither nodes
   * nor markers are. */
  place_tags (m);
  place_labels (m);
  layout_groups (m);
  place_group_titles (m);
  compute_content (m);
  return m;
}

static int
compare_by_cx (gconstpointer a, gconstpointer b, gpointer data)
{
  const Node *nodes = data;
  double x = nodes[*(const guint *) a].cx, y = nodes[*(const guint *) b].cx;

  if (x != y)
    return x < y ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/* Grown for a room, nodes that would cover each other are pushed apart,
 * each pair half each along the way that parts them soonest (across
 * rather than down, a little, for a wide screen), round after round until
 * none do, so that the map keeps its shape where there is room and opens
 * up where there is not. Each round sweeps the nodes from left to right,
 * which settles a crowd from its middle outwards. Shapes and boxes follow
 * their centres. */
static void
spread_nodes (CcMapLayout *m)
{
  g_autofree guint *order = g_new (guint, MAX (m->n_nodes, 1));
  g_autofree double *x0 = g_new (double, MAX (m->n_nodes, 1));
  g_autofree double *y0 = g_new (double, MAX (m->n_nodes, 1));
  g_autofree double *hw = g_new (double, MAX (m->n_nodes, 1));
  g_autofree double *hh = g_new (double, MAX (m->n_nodes, 1));
  double widest = 0;

  /* Each node as the larger half of its box both ways: its theme markers
   * may yet go under it rather than over */
  for (guint i = 0; i < m->n_nodes; i++)
    {
      const Node *n = &m->nodes[i];

      order[i] = i;
      x0[i] = n->cx;
      y0[i] = n->cy;
      hw[i] = MAX (n->cx - n->box.x, n->box.x + n->box.width - n->cx) + SPREAD_GAP / 2;
      hh[i] = MAX (n->cy - n->box.y, n->box.y + n->box.height - n->cy) + SPREAD_GAP / 2;
      widest = MAX (widest, hw[i]);
    }
  for (guint round = 0; round < SPREAD_ROUNDS; round++)
    {
      gboolean moved = FALSE;

      g_qsort_with_data (order, m->n_nodes, sizeof *order, compare_by_cx, m->nodes);
      for (guint i = 0; i < m->n_nodes; i++)
        {
          guint ai = order[i];
          Node *a = &m->nodes[ai];

          for (guint j = i + 1; j < m->n_nodes; j++)
            {
              guint bi = order[j];
              Node *b = &m->nodes[bi];
              double dx = b->cx - a->cx, dy = b->cy - a->cy;
              double ox = hw[ai] + hw[bi] - fabs (dx);
              double oy = hh[ai] + hh[bi] - fabs (dy);

              if (dx >= hw[ai] + widest)
                break;  /* sorted: every one further is clear of @a across */
              if (ox <= 0 || oy <= 0)
                continue;
              /* A little more than needed, so that rounds end */
              if (ox < oy * SPREAD_ASPECT)
                {
                  double push = (ox + 0.5) / 2 * SPREAD_STEP * (dx >= 0 ? 1 : -1);

                  a->cx -= push;
                  b->cx += push;
                }
              else
                {
                  double push = (oy + 0.5) / 2 * SPREAD_STEP * (dy > 0 || (dy == 0 && bi > ai) ? 1 : -1);

                  a->cy -= push;
                  b->cy += push;
                }
              moved = TRUE;
            }
        }
      if (!moved)
        break;
    }
  for (guint i = 0; i < m->n_nodes; i++)
    {
      Node *n = &m->nodes[i];
      double dx = n->cx - x0[i], dy = n->cy - y0[i];

      n->shape.x += dx;
      n->shape.y += dy;
      n->box.x += dx;
      n->box.y += dy;
      n->laid_box.x += dx;
      n->laid_box.y += dy;
    }
}

void
cc_map_layout_free (CcMapLayout *m)
{
  Private *priv;

  if (m == NULL)
    return;
  priv = m->priv;
  g_free (m->nodes);
  g_free (m->links);
  clear_groups (m);
  g_clear_pointer (&m->node_of, g_hash_table_unref);
  g_clear_pointer (&m->styles, g_hash_table_unref);
  clear_hits (priv);
  g_free (priv);
  g_free (m);
}

/* Values in the index of hits: nodes, then links, then groups */
static void
index_link (MapLayout *m, guint i)
{
  Private *priv = m->priv;
  Link *l = &m->links[i];

  priv->line_entries[i] = priv->label_entries[i] = G_MAXUINT;
  if (!l->drawable)
    return;
  /* Near enough the line (see cc_map_layout_hit()), or on its label */
  priv->line_entries[i] = cc_spatial_index_insert_segment (priv->hits, l->x1, l->y1, l->x2, l->y2,
                                                           l->width / 2 + 4, m->n_nodes + i);
  if (l->label_box.width > 0)
    priv->label_entries[i] = cc_spatial_index_insert (priv->hits, &l->label_box, m->n_nodes + i);
}

static void
unindex (Private *priv, guint *entry)
{
  if (*entry != G_MAXUINT)
    cc_spatial_index_remove (priv->hits, *entry);
  *entry = G_MAXUINT;
}

static void
index_groups (MapLayout *m)
{
  Private *priv = m->priv;

  g_free (priv->group_entries);
  priv->group_entries = g_new (guint, MAX (m->n_groups, 1));
  for (guint i = 0; i < m->n_groups; i++)
    priv->group_entries[i] = cc_spatial_index_insert (priv->hits, &m->groups[i].box, m->n_nodes + m->n_links + i);
}

static CcSpatialIndex *
hit_index (MapLayout *m)
{
  Private *priv = m->priv;

  if (priv->hits == NULL)
    {
      priv->hits = cc_spatial_index_new (160.0);
      priv->node_entries = g_new (guint, MAX (m->n_nodes, 1));
      priv->line_entries = g_new (guint, MAX (m->n_links, 1));
      priv->label_entries = g_new (guint, MAX (m->n_links, 1));
      for (guint i = 0; i < m->n_nodes; i++)
        priv->node_entries[i] = cc_spatial_index_insert (priv->hits, &m->nodes[i].shape, i);
      for (guint i = 0; i < m->n_links; i++)
        index_link (m, i);
      index_groups (m);
    }
  return priv->hits;
}

/* A label back in the middle of its link, where placing it starts */
static void
label_to_middle (Link *l)
{
  double mx = (l->x1 + l->x2) / 2, my = (l->y1 + l->y2) / 2, w = l->label_box.width, h = l->label_box.height;

  if (l->drawable && w > 0)
    l->label_box = (CcRect) { mx - w / 2, my - h / 2, w, h };
}

static gboolean
rects_differ (const CcRect *a, const CcRect *b)
{
  return memcmp (a, b, sizeof *a) != 0;
}

gboolean
cc_map_layout_update (CcMapLayout *m, GPtrArray *nodes, CcRect *damage)
{
  Private *priv = m->priv;
  g_autoptr(GHashTable) moved = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree CcRect *old_labels = NULL;
  g_autofree CcRect *old_boxes = NULL;
  g_autofree guint *old_places = NULL;
  Group *old_groups;
  guint n_old_groups;
  gboolean any_tags = FALSE, any_labels = FALSE;

  *damage = (CcRect) { 0, 0, -1, -1 };
  /* Spread for a room, one node moved may push others */
  if (m->spec.moving != NULL || m->spec.moving_only || m->spec.text_scale != 1.0)
    return FALSE;
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *n = g_hash_table_lookup (m->node_of, nodes->pdata[i]);

      if (n != NULL)
        g_hash_table_add (moved, n);
    }
  if (g_hash_table_size (moved) == 0)
    return TRUE;  /* none of this sheet's */

  /* What is placed from everything: kept to compare */
  for (guint i = 0; i < m->n_nodes && !any_tags; i++)
    any_tags = m->nodes[i].n_tags_shown > 0;
  for (guint i = 0; i < m->n_links && !any_labels; i++)
    any_labels = m->links[i].drawable && m->links[i].label_box.width > 0;
  if (any_tags)
    {
      old_boxes = g_new (CcRect, MAX (m->n_nodes, 1));
      old_places = g_new (guint, MAX (m->n_nodes, 1));
      for (guint i = 0; i < m->n_nodes; i++)
        {
          old_boxes[i] = m->nodes[i].box;
          old_places[i] = m->nodes[i].tag_place;
        }
    }

  /* The nodes moved, and their links */
  for (guint i = 0; i < m->n_nodes; i++)
    if (g_hash_table_contains (moved, &m->nodes[i]))
      {
        cc_rect_union (damage, &m->nodes[i].box);
        layout_node (m, &m->nodes[i], m->nodes[i].item);
        if (priv->hits != NULL)
          {
            unindex (priv, &priv->node_entries[i]);
            priv->node_entries[i] = cc_spatial_index_insert (priv->hits, &m->nodes[i].shape, i);
          }
      }
  for (guint i = 0; i < m->n_links; i++)
    {
      Link *l = &m->links[i];

      if (!g_hash_table_contains (moved, l->from) && !g_hash_table_contains (moved, l->to))
        continue;
      if (l->drawable)
        {
          cc_rect_union (damage, &l->box);
          cc_rect_union (damage, &l->label_box);
        }
      l->drawable = FALSE;
      layout_link (m, l, l->item, l->offset);
      if (l->drawable)
        {
          cc_rect_union (damage, &l->box);
          cc_rect_union (damage, &l->label_box);
        }
      if (priv->hits != NULL)
        {
          unindex (priv, &priv->line_entries[i]);
          unindex (priv, &priv->label_entries[i]);
          index_link (m, i);  /* its label again below, if it moves */
        }
      any_labels |= l->drawable && l->label_box.width > 0;
    }

  /* Markers and labels, placed again from the start as a new layout would */
  if (any_labels)
    {
      old_labels = g_new (CcRect, MAX (m->n_links, 1));
      for (guint i = 0; i < m->n_links; i++)
        {
          old_labels[i] = m->links[i].label_box;
          label_to_middle (&m->links[i]);
        }
    }
  place_tags (m);
  place_labels (m);
  for (guint i = 0; old_boxes != NULL && i < m->n_nodes; i++)
    if (rects_differ (&old_boxes[i], &m->nodes[i].box) || old_places[i] != m->nodes[i].tag_place)
      {
        cc_rect_union (damage, &old_boxes[i]);
        cc_rect_union (damage, &m->nodes[i].box);
      }
  for (guint i = 0; old_labels != NULL && i < m->n_links; i++)
    if (rects_differ (&old_labels[i], &m->links[i].label_box))
      {
        if (old_labels[i].width > 0)
          cc_rect_union (damage, &old_labels[i]);
        if (m->links[i].drawable)
          cc_rect_union (damage, &m->links[i].label_box);
        if (priv->hits != NULL)
          {
            unindex (priv, &priv->label_entries[i]);
            if (m->links[i].drawable && m->links[i].label_box.width > 0)
              priv->label_entries[i] = cc_spatial_index_insert (priv->hits, &m->links[i].label_box,
                                                                m->n_nodes + i);
          }
      }
  for (guint i = 0; i < m->n_nodes; i++)
    if (g_hash_table_contains (moved, &m->nodes[i]))
      cc_rect_union (damage, &m->nodes[i].box);

  /* Groups, from their members */
  old_groups = g_steal_pointer (&m->groups);
  n_old_groups = m->n_groups;
  m->n_groups = 0;
  layout_groups (m);
  place_group_titles (m);
  for (guint i = 0; i < MAX (n_old_groups, m->n_groups); i++)
    {
      const Group *a = i < n_old_groups ? &old_groups[i] : NULL, *b = i < m->n_groups ? &m->groups[i] : NULL;

      if (a != NULL && b != NULL && a->item == b->item && !rects_differ (&a->box, &b->box)
          && !rects_differ (&a->title_box, &b->title_box))
        continue;
      if (a != NULL)
        {
          cc_rect_union (damage, &a->box);
          cc_rect_union (damage, &a->title_box);
        }
      if (b != NULL)
        {
          cc_rect_union (damage, &b->box);
          cc_rect_union (damage, &b->title_box);
        }
    }
  for (guint i = 0; i < n_old_groups; i++)
    g_free (old_groups[i].title);
  g_free (old_groups);
  if (priv->hits != NULL)
    {
      for (guint i = 0; i < n_old_groups; i++)
        unindex (priv, &priv->group_entries[i]);
      index_groups (m);
    }
  g_clear_pointer (&priv->group_of, g_hash_table_unref);

  compute_content (m);
  return TRUE;
}

static gboolean
node_hit (const Node *n, double x, double y)
{
  if (n->kind == CC_ACTOR_KIND_PERSON)
    {
      double rx = n->shape.width / 2, ry = n->shape.height / 2;
      double dx = (x - n->cx) / rx, dy = (y - n->cy) / ry;

      return dx * dx + dy * dy <= 1.0;
    }
  return cc_rect_contains (&n->shape, x, y);
}

CcItem *
cc_map_layout_hit (CcMapLayout *m, double x, double y)
{
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));

  cc_spatial_index_query_point (hit_index (m), x, y, near);
  /* The last drawn first: nodes over links over groups, each kind in order */
  for (guint i = near->len; i-- > 0;)
    {
      guint v = g_array_index (near, guint, i);

      if (v < m->n_nodes && node_hit (&m->nodes[v], x, y))
        return m->nodes[v].item;
    }
  for (guint i = near->len; i-- > 0;)
    {
      guint v = g_array_index (near, guint, i);
      Link *l;

      if (v < m->n_nodes || v >= m->n_nodes + m->n_links)
        continue;
      l = &m->links[v - m->n_nodes];
      if (l->label_box.width > 0 && cc_rect_contains (&l->label_box, x, y))
        return l->item;
      if (cc_segment_distance (x, y, l->x1, l->y1, l->x2, l->y2) <= l->width / 2 + 4)
        return l->item;
    }
  for (guint i = near->len; i-- > 0;)
    {
      guint v = g_array_index (near, guint, i);

      if (v >= m->n_nodes + m->n_links && cc_rect_contains (&m->groups[v - m->n_nodes - m->n_links].box, x, y))
        return m->groups[v - m->n_nodes - m->n_links].item;
    }
  return NULL;
}

void
cc_map_layout_query (CcMapLayout *m, const CcRect *r, GPtrArray *items)
{
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));

  cc_spatial_index_query (hit_index (m), r, near);
  for (guint i = 0; i < near->len; i++)
    {
      guint v = g_array_index (near, guint, i);

      if (v < m->n_nodes)
        g_ptr_array_add (items, m->nodes[v].item);
      else if (v < m->n_nodes + m->n_links)
        g_ptr_array_add (items, m->links[v - m->n_nodes].item);
      else
        g_ptr_array_add (items, m->groups[v - m->n_nodes - m->n_links].item);
    }
}

guint
cc_map_layout_count_overlaps (CcMapLayout *m, GString *report)
{
  g_autoptr(CcSpatialIndex) boxes = node_box_index (m);
  g_autoptr(CcSpatialIndex) markers = cc_spatial_index_new (160.0);
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = 0;

  /* Group titles: under no node and no other title */
  for (guint i = 0; i < m->n_groups; i++)
    {
      const Group *g = &m->groups[i];

      if (g->title_box.width <= 0)
        continue;
      g_array_set_size (near, 0);
      cc_spatial_index_query (boxes, &g->title_box, near);
      for (guint j = 0; j < near->len; j++)
        {
          guint k = g_array_index (near, guint, j);

          n++;
          if (report != NULL)
            g_string_append_printf (report, "group title “%s” under “%s”\n", g->title, m->nodes[k].name);
        }
      for (guint k = 0; k < i; k++)
        if (m->groups[k].title_box.width > 0 && cc_rect_intersects (&g->title_box, &m->groups[k].title_box))
          n++;
    }
  /* Link labels: on no node's markers */
  for (guint k = 0; k < m->n_nodes; k++)
    if (m->nodes[k].n_tags_shown > 0)
      {
        CcRect r;

        cc_map_tag_row (&m->nodes[k], m->nodes[k].tag_place, &r);
        cc_spatial_index_insert (markers, &r, k);
      }
  for (guint i = 0; i < m->n_links; i++)
    {
      const Link *l = &m->links[i];

      if (!l->drawable || l->label_box.width <= 0)
        continue;
      g_array_set_size (near, 0);
      cc_spatial_index_query (markers, &l->label_box, near);
      for (guint j = 0; j < near->len; j++)
        {
          guint k = g_array_index (near, guint, j);

          n++;
          if (report != NULL)
            g_string_append_printf (report, "label “%s” on the markers of “%s”\n", l->label, m->nodes[k].name);
        }
    }
  return n;
}

static GHashTable *
index_by_item (gconstpointer items, gsize size, guint n)
{
  GHashTable *table = g_hash_table_new (g_direct_hash, g_direct_equal);

  /* The first of an item's, as a scan would find it */
  for (guint i = n; i-- > 0;)
    g_hash_table_insert (table, *(CcItem **) ((const char *) items + i * size), GUINT_TO_POINTER (i + 1));
  return table;
}

const CcMapLink *
cc_map_layout_get_link (CcMapLayout *m, CcItem *item)
{
  Private *priv = m->priv;
  guint i;

  if (priv->link_of == NULL)
    priv->link_of = index_by_item (m->links, sizeof (Link), m->n_links);
  i = GPOINTER_TO_UINT (g_hash_table_lookup (priv->link_of, item));
  return i > 0 ? &m->links[i - 1] : NULL;
}

const CcMapGroup *
cc_map_layout_get_group (CcMapLayout *m, CcItem *item)
{
  Private *priv = m->priv;
  guint i;

  if (priv->group_of == NULL)
    priv->group_of = index_by_item (m->groups, sizeof (Group), m->n_groups);
  i = GPOINTER_TO_UINT (g_hash_table_lookup (priv->group_of, item));
  return i > 0 ? &m->groups[i - 1] : NULL;
}

void
cc_map_layout_nodes_in (CcMapLayout *m, const CcRect *r, GPtrArray *nodes)
{
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
  CcRect probe = *r;

  /* A node's centre is inside its shape: the shapes near @r, edges and all */
  cc_rect_inflate (&probe, 1);
  cc_spatial_index_query (hit_index (m), &probe, near);
  for (guint i = 0; i < near->len; i++)
    {
      guint v = g_array_index (near, guint, i);

      if (v < m->n_nodes && m->nodes[v].cx >= r->x && m->nodes[v].cx <= r->x + r->width
          && m->nodes[v].cy >= r->y && m->nodes[v].cy <= r->y + r->height)
        g_ptr_array_add (nodes, m->nodes[v].item);
    }
}
