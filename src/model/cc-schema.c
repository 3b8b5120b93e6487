/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-schema"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cc-schema.h"

static const char * const sector_names[] = { "public", "private", "voluntary", "community", "other", NULL };
static const char * const actor_kind_names[] = { "organisation", "partnership", "working-group", "person", NULL };
static const char * const dash_names[] = { "solid", "dashed", "dotted", "dash-dot", NULL };
static const char * const stage_names[] = { "", "initiation", "development", "consolidation",
                                            "maturity", "review", "exit", NULL };
static const char * const orientation_names[] = { "horizontal", "vertical", NULL };
static const char * const side_names[] = { "driving", "resisting", NULL };
static const char * const action_names[] = { "none", "strengthen", "weaken", "remove", NULL };
static const char * const view_names[] = { "now", "planned", NULL };
static const char * const axis_names[] = { "none", "interest", "power", "influence", NULL };
static const char * const score_role_names[] = { "none", "gain", "pain", NULL };
static const char * const reveal_names[] = { "everything", "sector", "link-type", "stage", "neighbourhood", NULL };

#define STR(n, fl)        { n, CC_VT_STRING, fl, 0, 0, NULL, 0, 0, NULL }
#define COLOR(n, fl, d)   { n, CC_VT_COLOR, fl, 0, 0, NULL, 0, 0, d }
#define DATETIME(n)       { n, CC_VT_DATETIME, 0, 0, 0, NULL, 0, 0, NULL }
#define DATE(n)           { n, CC_VT_DATE, 0, 0, 0, NULL, 0, 0, NULL }
#define INT(n, fl, lo, hi, d) { n, CC_VT_INT, fl, lo, hi, NULL, 0, d, NULL }
#define DBL(n, fl, lo, hi, d) { n, CC_VT_DOUBLE, fl, lo, hi, NULL, 0, d, NULL }
#define BOOL(n, d)        { n, CC_VT_BOOL, 0, 0, 1, NULL, 0, d, NULL }
#define ENUM(n, fl, names, d) { n, CC_VT_ENUM, fl, 0, 0, names, 0, d, NULL }
#define STRV(n)           { n, CC_VT_STRV, 0, 0, 0, NULL, 0, 0, NULL }
#define REF(n, fl, k)     { n, CC_VT_REF, fl, 0, 0, NULL, k, 0, NULL }
#define REFS(n, fl, k)    { n, CC_VT_REFS, fl, 0, 0, NULL, k, 0, NULL }

static const CcFieldInfo project_fields[] = {
  STR ("title", CC_FIELD_REQUIRED),
};
static const CcSlotInfo project_slots[] = {
  { "meta", TRUE, { CC_KIND_META }, 1 },
  { "actors", FALSE, { CC_KIND_ACTOR }, 1 },
  { "link_types", FALSE, { CC_KIND_LINK_TYPE }, 1 },
  { "sheets", FALSE, { CC_KIND_MAP, CC_KIND_FORCEFIELD, CC_KIND_CANVAS, CC_KIND_NEWER_SHEET }, 4 },
  { "templates", FALSE, { CC_KIND_TEMPLATE }, 1, TRUE },
};

static const CcFieldInfo meta_fields[] = {
  STR ("author", 0),
  DATETIME ("created"),
  DATETIME ("modified"),
  STR ("description", 0),
  DATE ("date"),
};

static const CcFieldInfo actor_fields[] = {
  STR ("name", CC_FIELD_REQUIRED | CC_FIELD_NONEMPTY),
  ENUM ("sector", 0, sector_names, CC_SECTOR_OTHER),
  ENUM ("kind", 0, actor_kind_names, CC_ACTOR_KIND_ORGANISATION),
  BOOL ("umbrella", FALSE),
  INT ("influence", 0, 0, 10, 0),
  DBL ("power", 0, 0, 10, -1),     /* -1: not placed on a grid yet */
  DBL ("interest", 0, 0, 10, -1),
  STRV ("tags"),
  STR ("notes", 0),
};

static const CcFieldInfo link_type_fields[] = {
  STR ("label", CC_FIELD_REQUIRED | CC_FIELD_NONEMPTY),
  COLOR ("color", CC_FIELD_REQUIRED, NULL),
  ENUM ("dash", 0, dash_names, CC_DASH_SOLID),
  DBL ("width", 0, 0.5, 12.0, 2.0),
  BOOL ("directed", FALSE),
};

static const CcFieldInfo map_fields[] = {
  STR ("title", CC_FIELD_REQUIRED),
  STR ("question", 0),   /* the round's guiding question, under the title */
  BOOL ("legend", TRUE),
  DBL ("legend_x", 0, -CC_MAX_COORDINATE, CC_MAX_COORDINATE, CC_UNSET_COORDINATE),
  DBL ("legend_y", 0, -CC_MAX_COORDINATE, CC_MAX_COORDINATE, CC_UNSET_COORDINATE),
};
static const CcSlotInfo map_slots[] = {
  { "nodes", FALSE, { CC_KIND_NODE }, 1 },
  { "links", FALSE, { CC_KIND_LINK }, 1 },
  { "groups", FALSE, { CC_KIND_GROUP }, 1 },
  { "views", FALSE, { CC_KIND_VIEW }, 1, TRUE },
};

/* A saved view: which sectors, link types or stages it shows, or whose
 * neighbourhood; the members of the other kinds stay empty. The names in
 * "sectors" and "stages" are checked by the loader. */
static const CcFieldInfo view_fields[] = {
  STR ("name", CC_FIELD_REQUIRED | CC_FIELD_NONEMPTY),
  ENUM ("reveal", CC_FIELD_REQUIRED, reveal_names, 0),
  STRV ("sectors"),
  REFS ("link_types", 0, CC_KIND_LINK_TYPE),
  STRV ("stages"),
  REF ("actor", 0, CC_KIND_ACTOR),
  INT ("depth", 0, 1, 2, 1),
};

static const CcFieldInfo node_fields[] = {
  REF ("actor", CC_FIELD_REQUIRED, CC_KIND_ACTOR),
  DBL ("x", CC_FIELD_REQUIRED, -CC_MAX_COORDINATE, CC_MAX_COORDINATE, 0),
  DBL ("y", CC_FIELD_REQUIRED, -CC_MAX_COORDINATE, CC_MAX_COORDINATE, 0),
};

static const CcFieldInfo link_fields[] = {
  REF ("from", CC_FIELD_REQUIRED | CC_FIELD_SAME_SHEET, CC_KIND_NODE),
  REF ("to", CC_FIELD_REQUIRED | CC_FIELD_SAME_SHEET, CC_KIND_NODE),
  REF ("type", CC_FIELD_REQUIRED, CC_KIND_LINK_TYPE),
  INT ("strength", 0, 1, 5, 3),
  BOOL ("directed", FALSE),
  STR ("label", 0),
  ENUM ("stage", 0, stage_names, CC_STAGE_NONE),
  STR ("notes", 0),
};

static const CcFieldInfo group_fields[] = {
  STR ("title", 0),
  COLOR ("color", 0, NULL),
  REFS ("members", CC_FIELD_SAME_SHEET, CC_KIND_NODE),
};

static const CcFieldInfo forcefield_fields[] = {
  STR ("title", CC_FIELD_REQUIRED),
  STR ("change", 0),
  STR ("current", 0),
  STR ("desired", 0),
  ENUM ("orientation", 0, orientation_names, CC_ORIENTATION_HORIZONTAL),
  ENUM ("view", 0, view_names, CC_VIEW_NOW),
};
static const CcSlotInfo forcefield_slots[] = {
  { "forces", FALSE, { CC_KIND_FORCE }, 1 },
};

static const CcFieldInfo force_fields[] = {
  ENUM ("side", CC_FIELD_REQUIRED, side_names, CC_SIDE_DRIVING),
  STR ("label", CC_FIELD_REQUIRED | CC_FIELD_NONEMPTY),
  INT ("strength", CC_FIELD_REQUIRED, 1, 5, 3),
  STR ("notes", 0),
  ENUM ("action", 0, action_names, CC_ACTION_NONE),
  INT ("planned", 0, 0, 5, -1),
  STR ("plan", 0),
  STR ("owner", 0),
  DATE ("due"),
  REF ("actor", 0, CC_KIND_ACTOR),
};
static const CcSlotInfo force_slots[] = {
  { "scores", FALSE, { CC_KIND_SCORE }, 1, TRUE },
};

static const CcFieldInfo score_fields[] = {
  STR ("participant", CC_FIELD_REQUIRED | CC_FIELD_NONEMPTY),
  INT ("score", CC_FIELD_REQUIRED, 1, 5, 3),
};

static const CcFieldInfo canvas_fields[] = {
  STR ("title", CC_FIELD_REQUIRED),
  STR ("template", CC_FIELD_REQUIRED | CC_FIELD_NONEMPTY),
};
static const CcSlotInfo canvas_slots[] = {
  { "cards", FALSE, { CC_KIND_CARD }, 1 },
  { "links", FALSE, { CC_KIND_CARD_LINK }, 1 },
};

static const CcFieldInfo card_fields[] = {
  STR ("panel", CC_FIELD_REQUIRED | CC_FIELD_NONEMPTY),
  STR ("text", 0),
  COLOR ("color", 0, NULL),
  INT ("score", 0, 1, 5, 0),
  REF ("actor", 0, CC_KIND_ACTOR),
};

static const CcFieldInfo card_link_fields[] = {
  REF ("from", CC_FIELD_REQUIRED | CC_FIELD_SAME_SHEET, CC_KIND_CARD),
  REF ("to", CC_FIELD_REQUIRED | CC_FIELD_SAME_SHEET, CC_KIND_CARD),
  STR ("label", 0),
};

/* Templates: no item id of their own ("id" is a plain field), so a
 * template's and a panel's ids need only be unique among their like. */
static const CcFieldInfo template_fields[] = {
  { "id", CC_VT_STRING, CC_FIELD_REQUIRED | CC_FIELD_NONEMPTY, 0, CC_TEMPLATE_ID_MAX, NULL, 0, 0, NULL },
  { "title", CC_VT_STRING, CC_FIELD_REQUIRED | CC_FIELD_NONEMPTY, 0, 200, NULL, 0, 0, NULL },
  STR ("description", 0),
  INT ("columns", CC_FIELD_REQUIRED, 1, CC_TEMPLATE_GRID_MAX, 1),
  INT ("rows", CC_FIELD_REQUIRED, 1, CC_TEMPLATE_GRID_MAX, 1),
  INT ("score_min", 0, 1, 5, 1),
  INT ("score_max", 0, 1, 5, 5),
  ENUM ("x_axis", 0, axis_names, CC_AXIS_NONE),
  ENUM ("y_axis", 0, axis_names, CC_AXIS_NONE),
};
static const CcSlotInfo template_slots[] = {
  { "panels", FALSE, { CC_KIND_PANEL }, 1 },
};

static const CcFieldInfo panel_fields[] = {
  { "id", CC_VT_STRING, CC_FIELD_REQUIRED | CC_FIELD_NONEMPTY, 0, CC_TEMPLATE_ID_MAX, NULL, 0, 0, NULL },
  STR ("title", CC_FIELD_REQUIRED | CC_FIELD_NONEMPTY),
  STR ("prompt", 0),
  INT ("col", CC_FIELD_REQUIRED, 0, CC_TEMPLATE_GRID_MAX - 1, 0),
  INT ("row", CC_FIELD_REQUIRED, 0, CC_TEMPLATE_GRID_MAX - 1, 0),
  INT ("col_span", 0, 1, CC_TEMPLATE_GRID_MAX, 1),
  INT ("row_span", 0, 1, CC_TEMPLATE_GRID_MAX, 1),
  ENUM ("score", 0, score_role_names, 0),
  COLOR ("color", 0, NULL),
  COLOR ("card_color", 0, NULL),
  STR ("next", 0),
};

/* A sheet of a type this version does not know, in a file of a newer
 * format: read as a title and a type, with the rest kept as it is. */
static const CcFieldInfo newer_sheet_fields[] = {
  STR ("title", 0),
  STR ("type", CC_FIELD_REQUIRED | CC_FIELD_NONEMPTY),
};

#define KIND(k, nm, tag, pfx, f, s) \
  { k, nm, tag, pfx, f, G_N_ELEMENTS (f), s, G_N_ELEMENTS (s) }
#define KIND0(k, nm, tag, pfx, f) { k, nm, tag, pfx, f, G_N_ELEMENTS (f), NULL, 0 }

static const CcKindInfo kinds[CC_N_KINDS] = {
  KIND (CC_KIND_PROJECT, "project", NULL, NULL, project_fields, project_slots),
  KIND0 (CC_KIND_META, "meta", NULL, NULL, meta_fields),
  KIND0 (CC_KIND_ACTOR, "actor", NULL, "a", actor_fields),
  KIND0 (CC_KIND_LINK_TYPE, "link type", NULL, "t", link_type_fields),
  KIND (CC_KIND_MAP, "map", "map", "map", map_fields, map_slots),
  KIND (CC_KIND_FORCEFIELD, "force field", "forcefield", "ff", forcefield_fields, forcefield_slots),
  KIND (CC_KIND_CANVAS, "canvas", "canvas", "cv", canvas_fields, canvas_slots),
  KIND0 (CC_KIND_NODE, "node", NULL, "n", node_fields),
  KIND0 (CC_KIND_LINK, "link", NULL, "l", link_fields),
  KIND0 (CC_KIND_GROUP, "group", NULL, "g", group_fields),
  KIND (CC_KIND_FORCE, "force", NULL, "f", force_fields, force_slots),
  KIND0 (CC_KIND_CARD, "card", NULL, "c", card_fields),
  KIND0 (CC_KIND_CARD_LINK, "card link", NULL, "cl", card_link_fields),
  KIND0 (CC_KIND_SCORE, "score", NULL, NULL, score_fields),
  KIND (CC_KIND_TEMPLATE, "template", NULL, NULL, template_fields, template_slots),
  KIND0 (CC_KIND_PANEL, "panel", NULL, NULL, panel_fields),
  KIND0 (CC_KIND_NEWER_SHEET, "sheet of a newer Concord", NULL, "s", newer_sheet_fields),
  KIND0 (CC_KIND_VIEW, "view", NULL, "v", view_fields),
};

G_STATIC_ASSERT (G_N_ELEMENTS (project_fields) == CC_PROJECT_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (project_slots) == CC_PROJECT_N_SLOTS);
G_STATIC_ASSERT (G_N_ELEMENTS (meta_fields) == CC_META_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (actor_fields) == CC_ACTOR_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (link_type_fields) == CC_LINK_TYPE_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (map_fields) == CC_MAP_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (map_slots) == CC_MAP_N_SLOTS);
G_STATIC_ASSERT (G_N_ELEMENTS (node_fields) == CC_NODE_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (link_fields) == CC_LINK_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (group_fields) == CC_GROUP_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (forcefield_fields) == CC_FORCEFIELD_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (forcefield_slots) == CC_FORCEFIELD_N_SLOTS);
G_STATIC_ASSERT (G_N_ELEMENTS (force_fields) == CC_FORCE_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (force_slots) == CC_FORCE_N_SLOTS);
G_STATIC_ASSERT (G_N_ELEMENTS (score_fields) == CC_SCORE_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (view_names) == CC_N_VIEWS + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (canvas_fields) == CC_CANVAS_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (canvas_slots) == CC_CANVAS_N_SLOTS);
G_STATIC_ASSERT (G_N_ELEMENTS (card_fields) == CC_CARD_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (card_link_fields) == CC_CARD_LINK_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (template_fields) == CC_TEMPLATE_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (template_slots) == CC_TEMPLATE_N_SLOTS);
G_STATIC_ASSERT (G_N_ELEMENTS (panel_fields) == CC_PANEL_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (newer_sheet_fields) == CC_NEWER_SHEET_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (axis_names) == CC_N_AXES + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (view_fields) == CC_VIEW_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (sector_names) == CC_N_SECTORS + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (actor_kind_names) == CC_N_ACTOR_KINDS + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (stage_names) == CC_N_STAGES + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (action_names) == CC_N_ACTIONS + 1);

static const CcBuiltinLinkType builtin_link_types[] = {
  { "informal", N_("Informal collaboration"), "#8a8f98", CC_DASH_DOTTED, 2.0, FALSE },
  { "strategic", N_("Strategic partnership"), "#1c71d8", CC_DASH_SOLID, 2.5, FALSE },
  { "statutory", N_("Statutory partnership"), "#a51d2d", CC_DASH_DASH_DOT, 4.0, FALSE },
  { "delivery", N_("Service delivery"), "#26a269", CC_DASH_DASHED, 2.5, TRUE },
};

const CcKindInfo *
cc_kind_info (CcKind kind)
{
  g_return_val_if_fail (kind < CC_N_KINDS, NULL);
  return &kinds[kind];
}

const CcFieldInfo *
cc_kind_field (CcKind kind, guint field)
{
  g_return_val_if_fail (kind < CC_N_KINDS, NULL);
  g_return_val_if_fail (field < kinds[kind].n_fields, NULL);
  return &kinds[kind].fields[field];
}

int
cc_kind_find_field (CcKind kind, const char *name)
{
  const CcKindInfo *info = cc_kind_info (kind);

  for (guint i = 0; i < info->n_fields; i++)
    if (strcmp (info->fields[i].name, name) == 0)
      return (int) i;
  return -1;
}

gboolean
cc_kind_is_sheet (CcKind kind)
{
  return kind == CC_KIND_MAP || kind == CC_KIND_FORCEFIELD || kind == CC_KIND_CANVAS || kind == CC_KIND_NEWER_SHEET;
}

const char *
cc_enum_nick (CcKind kind, guint field, gint64 value)
{
  const CcFieldInfo *f = cc_kind_field (kind, field);

  g_return_val_if_fail (f->type == CC_VT_ENUM, NULL);
  if (value < 0 || value >= (gint64) g_strv_length ((char **) f->enum_values))
    return NULL;
  return f->enum_values[value];
}

int
cc_enum_from_nick (CcKind kind, guint field, const char *nick)
{
  const CcFieldInfo *f = cc_kind_field (kind, field);

  g_return_val_if_fail (f->type == CC_VT_ENUM, -1);
  for (int i = 0; f->enum_values[i]; i++)
    if (g_strcmp0 (f->enum_values[i], nick) == 0)
      return i;
  return -1;
}

gboolean
cc_color_is_valid (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

gboolean
cc_datetime_is_valid (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  /* RFC 3339 needs a date, a "T", a time and an offset; GLib's ISO 8601 parser
   * accepts a superset, so check the shape first. */
  if (text == NULL || strlen (text) < 20 || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' '))
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL;
}

gboolean
cc_date_is_valid (const char *text)
{
  unsigned y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-'
      || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  return y >= 1 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

GDateTime *
cc_date_parse (const char *text)
{
  unsigned y, m, d;

  if (!cc_date_is_valid (text) || sscanf (text, "%4u-%2u-%2u", &y, &m, &d) != 3)
    return NULL;
  return g_date_time_new_local ((int) y, (int) m, (int) d, 12, 0, 0);
}

char *
cc_date_format_long (GDateTime *when)
{
  g_return_val_if_fail (when != NULL, NULL);
  return g_date_time_format (when, "%-d %B %Y");
}

gboolean
cc_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;
  len = strlen (id);
  if (len == 0 || len > CC_MAX_ID_LENGTH)
    return FALSE;
  for (const char *p = id; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return g_utf8_validate (id, len, NULL);
}

const CcBuiltinLinkType *
cc_builtin_link_types (guint *n)
{
  if (n)
    *n = G_N_ELEMENTS (builtin_link_types);
  return builtin_link_types;
}

const CcBuiltinLinkType *
cc_builtin_link_type (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_link_types); i++)
    if (g_strcmp0 (builtin_link_types[i].id, id) == 0)
      return &builtin_link_types[i];
  return NULL;
}

const char *
cc_sector_label (CcSector sector)
{
  static const char *labels[] = { N_("Public"), N_("Private"), N_("Voluntary"), N_("Community"), N_("Other") };

  g_return_val_if_fail (sector < CC_N_SECTORS, NULL);
  return labels[sector];
}

const char *
cc_actor_kind_label (CcActorKind kind)
{
  static const char *labels[] = { N_("Organisation"), N_("Partnership body"), N_("Working group"), N_("Person") };

  g_return_val_if_fail (kind < CC_N_ACTOR_KINDS, NULL);
  return labels[kind];
}

const char *
cc_stage_label (CcStage stage)
{
  static const char *labels[] = { N_("No stage"), N_("Initiation"), N_("Development"), N_("Consolidation"),
                                  N_("Maturity"), N_("Review"), N_("Exit") };

  g_return_val_if_fail (stage < CC_N_STAGES, NULL);
  return labels[stage];
}
