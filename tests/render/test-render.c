/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "cc-bidi.h"
#include "cc-forcefield-edit.h"
#include "cc-io.h"
#include "cc-map-edit.h"
#include "cc-project.h"
#include "cc-render.h"
#include "cc-template.h"
#include "cc-template-library.h"
#include "cc-handout.h"
#include "cc-paragraph.h"
#include "cc-text-setter.h"
#include "cc-render-private.h"

/* The renderer, judged by what a reader of the handout sees: the names and
 * numbers in the PDF's text, the page count, the image's size and ink, and
 * that zoomed-out or scrolled views draw only what they must.
 *
 * Run with --export-samples DIR to write the sample sheets as PDF and PNG
 * for a look by eye. */

/* ---- building projects ------------------------------------------------ */

static CcItem *
add_actor (CcProject          *project,
           const char         *id,
           const char         *name,
           CcSector            sector,
           CcActorKind         kind,
           gboolean            umbrella,
           int                 influence,
           const char * const *tags)
{
  CcItem *actor = cc_item_new (CC_KIND_ACTOR);

  cc_item_set_id (actor, id);
  cc_item_set_string (actor, CC_ACTOR_NAME, name);
  cc_item_set_int (actor, CC_ACTOR_SECTOR, sector);
  cc_item_set_int (actor, CC_ACTOR_KIND, kind);
  cc_item_set_bool (actor, CC_ACTOR_UMBRELLA, umbrella);
  cc_item_set_int (actor, CC_ACTOR_INFLUENCE, influence);
  if (tags)
    cc_item_set_strv (actor, CC_ACTOR_TAGS, tags);
  return cc_project_insert (project, cc_project_get_root (project), CC_PROJECT_ACTORS, -1, actor);
}

static CcItem *
add_node (CcProject *project, CcItem *map, const char *id, const char *actor, double x, double y)
{
  CcItem *node = cc_item_new (CC_KIND_NODE);

  cc_item_set_id (node, id);
  cc_item_set_string (node, CC_NODE_ACTOR, actor);
  cc_item_set_double (node, CC_NODE_X, x);
  cc_item_set_double (node, CC_NODE_Y, y);
  return cc_project_insert (project, map, CC_MAP_NODES, -1, node);
}

static CcItem *
add_link (CcProject  *project,
          CcItem     *map,
          const char *from,
          const char *to,
          const char *type,
          int         strength,
          const char *label,
          CcStage     stage)
{
  CcItem *link = cc_item_new (CC_KIND_LINK);

  cc_item_set_string (link, CC_LINK_FROM, from);
  cc_item_set_string (link, CC_LINK_TO, to);
  cc_item_set_string (link, CC_LINK_TYPE, type);
  cc_item_set_int (link, CC_LINK_STRENGTH, strength);
  if (label)
    cc_item_set_string (link, CC_LINK_LABEL, label);
  cc_item_set_int (link, CC_LINK_STAGE, stage);
  return cc_project_insert (project, map, CC_MAP_LINKS, -1, link);
}

static CcItem *
add_link_type (CcProject *project, const char *id, const char *label, const char *color, CcDash dash,
               gboolean directed)
{
  CcItem *type = cc_item_new (CC_KIND_LINK_TYPE);

  cc_item_set_id (type, id);
  cc_item_set_string (type, CC_LINK_TYPE_LABEL, label);
  cc_item_set_string (type, CC_LINK_TYPE_COLOR, color);
  cc_item_set_int (type, CC_LINK_TYPE_DASH, dash);
  cc_item_set_bool (type, CC_LINK_TYPE_DIRECTED, directed);
  return cc_project_insert (project, cc_project_get_root (project), CC_PROJECT_LINK_TYPES, -1, type);
}

static CcItem *
add_sheet (CcProject *project, CcKind kind, const char *id, const char *title)
{
  CcItem *sheet = cc_item_new (kind);

  cc_item_set_id (sheet, id);
  cc_item_set_string (sheet, CC_SHEET_TITLE, title);
  return cc_project_insert (project, cc_project_get_root (project), CC_PROJECT_SHEETS, -1, sheet);
}

/* Makes @sheet a canvas of the installed template @id, the project keeping
 * a copy of it as a new canvas's does (none when @id is not installed). */
static void
use_template (CcProject *project, CcItem *sheet, const char *id)
{
  CcItem *installed = cc_template_library_lookup (cc_template_library_get_default (), id);

  cc_item_set_string (sheet, CC_CANVAS_TEMPLATE, id);
  if (installed != NULL && cc_project_find_template (project, id) == NULL)
    cc_project_insert (project, cc_project_get_root (project), CC_PROJECT_TEMPLATES, -1, cc_item_copy (installed));
}

static const char *map_names[] = {
  "Aberdale Council", "NHS Aberdale", "Police Scotland North", "Scottish Fire and Rescue",
  "Aberdale Community Planning Partnership", "Health and Wellbeing Theme Group",
  "Community Safety Theme Group", "Aberdale Voluntary Action", "Aberdale Chamber of Commerce",
  "Northern Housing Association", "Riverside Tenants' Association", "Jane Morrison, Chair",
  "BuildRight Ltd",
};

static CcItem *
build_map (CcProject *project)
{
  const char *health[] = { "Health", NULL };
  const char *safety[] = { "Community safety", NULL };
  const char *council_tags[] = { "Health", "Community safety", "Economy", NULL };
  const char *ava_tags[] = { "Health", "Economy", NULL };
  const char *economy[] = { "Economy", NULL };
  const char *board[] = { "n5", "n6", "n7", NULL };
  const char *safety_group[] = { "n3", "n4", NULL };
  CcItem *map, *group;

  add_link_type (project, "t-funding", "Funding", "#8f5a00", CC_DASH_DASHED, TRUE);
  add_link_type (project, "t-info", "Information sharing", "#0f7b8a", CC_DASH_DASH_DOT, FALSE);

  add_actor (project, "a1", map_names[0], CC_SECTOR_PUBLIC, CC_ACTOR_KIND_ORGANISATION, FALSE, 8, council_tags);
  add_actor (project, "a2", map_names[1], CC_SECTOR_PUBLIC, CC_ACTOR_KIND_ORGANISATION, FALSE, 6, health);
  add_actor (project, "a3", map_names[2], CC_SECTOR_PUBLIC, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, safety);
  add_actor (project, "a4", map_names[3], CC_SECTOR_PUBLIC, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, safety);
  add_actor (project, "a5", map_names[4], CC_SECTOR_PUBLIC, CC_ACTOR_KIND_PARTNERSHIP, FALSE, 10, NULL);
  add_actor (project, "a6", map_names[5], CC_SECTOR_PUBLIC, CC_ACTOR_KIND_WORKING_GROUP, FALSE, 0, health);
  add_actor (project, "a7", map_names[6], CC_SECTOR_PUBLIC, CC_ACTOR_KIND_WORKING_GROUP, FALSE, 0, safety);
  add_actor (project, "a8", map_names[7], CC_SECTOR_VOLUNTARY, CC_ACTOR_KIND_ORGANISATION, TRUE, 4, ava_tags);
  add_actor (project, "a9", map_names[8], CC_SECTOR_PRIVATE, CC_ACTOR_KIND_ORGANISATION, FALSE, 2, economy);
  add_actor (project, "a10", map_names[9], CC_SECTOR_VOLUNTARY, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, NULL);
  add_actor (project, "a11", map_names[10], CC_SECTOR_COMMUNITY, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, NULL);
  add_actor (project, "a12", map_names[11], CC_SECTOR_PUBLIC, CC_ACTOR_KIND_PERSON, FALSE, 0, NULL);
  add_actor (project, "a13", map_names[12], CC_SECTOR_PRIVATE, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, NULL);
  /* An actor of the project that is not on this map: its sector stays out of the legend. */
  add_actor (project, "a14", "Unused Other Body", CC_SECTOR_OTHER, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, NULL);

  map = add_sheet (project, CC_KIND_MAP, "map1", "Aberdale partnership landscape");
  add_node (project, map, "n1", "a1", 170, 60);
  add_node (project, map, "n2", "a2", 840, 60);
  add_node (project, map, "n3", "a3", 1010, 420);
  add_node (project, map, "n4", "a4", 1010, 570);
  add_node (project, map, "n5", "a5", 500, 200);
  add_node (project, map, "n6", "a6", 370, 340);
  add_node (project, map, "n7", "a7", 630, 340);
  add_node (project, map, "n8", "a8", 170, 340);
  add_node (project, map, "n9", "a9", 560, 590);
  add_node (project, map, "n10", "a10", -90, 230);
  add_node (project, map, "n11", "a11", 300, 560);
  add_node (project, map, "n12", "a12", 830, 200);
  add_node (project, map, "n13", "a13", -90, 470);

  add_link (project, map, "n5", "n1", "statutory", 5, NULL, CC_STAGE_NONE);
  add_link (project, map, "n5", "n2", "statutory", 4, NULL, CC_STAGE_NONE);
  add_link (project, map, "n5", "n3", "statutory", 3, NULL, CC_STAGE_NONE);
  add_link (project, map, "n1", "n2", "strategic", 4, "Integration joint board", CC_STAGE_MATURITY);
  add_link (project, map, "n1", "n10", "delivery", 3, "Housing support contract", CC_STAGE_NONE);
  add_link (project, map, "n1", "n8", "t-funding", 4, "Third sector grant", CC_STAGE_NONE);
  add_link (project, map, "n1", "n8", "strategic", 2, NULL, CC_STAGE_NONE);
  add_link (project, map, "n8", "n11", "strategic", 2, NULL, CC_STAGE_DEVELOPMENT);
  add_link (project, map, "n9", "n5", "strategic", 2, "Economic forum", CC_STAGE_NONE);
  add_link (project, map, "n13", "n10", "delivery", 1, "Repairs", CC_STAGE_NONE);
  add_link (project, map, "n12", "n5", "strategic", 5, "Chairs", CC_STAGE_NONE);
  add_link (project, map, "n3", "n7", "strategic", 3, NULL, CC_STAGE_NONE);
  add_link (project, map, "n4", "n7", "strategic", 2, NULL, CC_STAGE_INITIATION);
  add_link (project, map, "n1", "n6", "strategic", 3, NULL, CC_STAGE_NONE);
  add_link (project, map, "n3", "n4", "strategic", 4, NULL, CC_STAGE_NONE);

  group = cc_item_new (CC_KIND_GROUP);
  cc_item_set_string (group, CC_GROUP_TITLE, "Community Planning Board");
  cc_item_set_string (group, CC_GROUP_COLOR, "#3b6fb6");
  cc_item_set_strv (group, CC_GROUP_MEMBERS, board);
  cc_project_insert (project, map, CC_MAP_GROUPS, -1, group);
  group = cc_item_new (CC_KIND_GROUP);
  cc_item_set_string (group, CC_GROUP_TITLE, "Blue-light services");
  cc_item_set_string (group, CC_GROUP_COLOR, "#c01c28");
  cc_item_set_strv (group, CC_GROUP_MEMBERS, safety_group);
  cc_project_insert (project, map, CC_MAP_GROUPS, -1, group);
  return map;
}

typedef struct
{
  CcSide      side;
  const char *label;
  int         strength;
  CcAction    action;
  int         planned;
} ForceSpec;

static const ForceSpec forces_spec[] = {
  { CC_SIDE_DRIVING, "Tight finances and rising demand", 5, CC_ACTION_NONE, -1 },
  { CC_SIDE_DRIVING, "Statutory duty to integrate", 4, CC_ACTION_STRENGTHEN, 5 },
  { CC_SIDE_DRIVING, "Shared vision from the partnership board", 3, CC_ACTION_NONE, -1 },
  { CC_SIDE_DRIVING, "Better experience for people using services", 3, CC_ACTION_NONE, -1 },
  { CC_SIDE_DRIVING, "A champion in the chief executive", 2, CC_ACTION_STRENGTHEN, 4 },
  { CC_SIDE_RESISTING, "Funding regimes not aligned", 4, CC_ACTION_WEAKEN, 2 },
  { CC_SIDE_RESISTING, "Fear of losing control", 4, CC_ACTION_NONE, -1 },
  { CC_SIDE_RESISTING, "Professional silos", 3, CC_ACTION_WEAKEN, 1 },
  { CC_SIDE_RESISTING, "History of mistrust between boards", 2, CC_ACTION_NONE, -1 },
  { CC_SIDE_RESISTING, "Incompatible accounting arrangements", 1, CC_ACTION_REMOVE, -1 },
};

#define FF_CHANGE "Pool health and social care budgets across Aberdale by 2026"

static CcItem *
build_forcefield (CcProject *project, const char *id, gboolean plans, CcOrientation orientation)
{
  CcItem *sheet = add_sheet (project, CC_KIND_FORCEFIELD, id, "Pooling budgets: force field");

  cc_item_set_string (sheet, CC_FORCEFIELD_CHANGE, FF_CHANGE);
  cc_item_set_string (sheet, CC_FORCEFIELD_CURRENT, "Separate budgets and duplicated assessments");
  cc_item_set_string (sheet, CC_FORCEFIELD_DESIRED, "One budget, one assessment, one plan per person");
  cc_item_set_int (sheet, CC_FORCEFIELD_ORIENTATION, orientation);
  for (guint i = 0; i < G_N_ELEMENTS (forces_spec); i++)
    {
      CcItem *force = cc_item_new (CC_KIND_FORCE);

      cc_item_set_int (force, CC_FORCE_SIDE, forces_spec[i].side);
      cc_item_set_string (force, CC_FORCE_LABEL, forces_spec[i].label);
      cc_item_set_int (force, CC_FORCE_STRENGTH, forces_spec[i].strength);
      if (plans)
        {
          cc_item_set_int (force, CC_FORCE_ACTION, forces_spec[i].action);
          cc_item_set_int (force, CC_FORCE_PLANNED, forces_spec[i].planned);
        }
      cc_project_insert (project, sheet, CC_FORCEFIELD_FORCES, -1, force);
    }
  return sheet;
}

typedef struct
{
  const char *id;
  const char *panel;
  const char *text;
  int         score;
  const char *actor;
  const char *color;
} CardSpec;

static const CardSpec cards_spec[] = {
  { "c1", "outcome", "Older people in Aberdale live at home safely for longer", 0, NULL, NULL },
  { "c2", "gain-access", "One phone number for every care service", 4, NULL, NULL },
  { "c3", "gain-rationalisation", "Single assessment team replaces three", 5, "a2", NULL },
  { "c4", "gain-experience", "Tell your story once", 4, NULL, "#d8ecff" },
  { "c5", "gain-outcomes", "Fewer emergency admissions", 3, NULL, NULL },
  { "c6", "gain-compliance", "Meets the integration duty", 2, "a1", NULL },
  { "c7", "pain", "Staff time to redesign pathways", 3, NULL, "#ffd9d6" },
  { "c8", "pain", "Loss of separate budget control", 4, "a1", "#ffd9d6" },
  { "c9", "pain", "IT systems to join up", 2, NULL, "#ffd9d6" },
  { "c10", "activities", "Joint commissioning plan", 0, NULL, NULL },
  { "c11", "processes", "Trust between finance teams", 0, NULL, NULL },
  { "c12", "benefits", "Better services at lower cost", 0, NULL, NULL },
  { "c13", "partners", "Council: adult social care", 0, "a1", "#e3f4e1" },
  { "c14", "partners", "NHS: community health services", 0, "a2", "#e3f4e1" },
  { "c15", "risks", "Overspend carried by one partner", 0, NULL, NULL },
  { "c16", "measures", "Delayed discharges: 120 now, 40 by March 2026", 0, NULL, NULL },
};

static CcItem *
build_canvas (CcProject *project, const char *id, const char *template_id)
{
  CcItem *sheet = add_sheet (project, CC_KIND_CANVAS, id, "Integrated care: collaborative gain");
  const char *links[][3] = { { "c10", "c11", "builds" }, { "c11", "c12", NULL } };

  use_template (project, sheet, template_id);
  for (guint i = 0; i < G_N_ELEMENTS (cards_spec); i++)
    {
      CcItem *card = cc_item_new (CC_KIND_CARD);
      g_autofree char *card_id = g_strdup_printf ("%s-%s", id, cards_spec[i].id);

      cc_item_set_id (card, card_id);
      cc_item_set_string (card, CC_CARD_PANEL, cards_spec[i].panel);
      cc_item_set_string (card, CC_CARD_TEXT, cards_spec[i].text);
      cc_item_set_int (card, CC_CARD_SCORE, cards_spec[i].score);
      if (cards_spec[i].actor)
        cc_item_set_string (card, CC_CARD_ACTOR, cards_spec[i].actor);
      if (cards_spec[i].color)
        cc_item_set_string (card, CC_CARD_COLOR, cards_spec[i].color);
      cc_project_insert (project, sheet, CC_CANVAS_CARDS, -1, card);
    }
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      CcItem *link = cc_item_new (CC_KIND_CARD_LINK);
      g_autofree char *from = g_strdup_printf ("%s-%s", id, links[i][0]);
      g_autofree char *to = g_strdup_printf ("%s-%s", id, links[i][1]);

      cc_item_set_string (link, CC_CARD_LINK_FROM, from);
      cc_item_set_string (link, CC_CARD_LINK_TO, to);
      if (links[i][2])
        cc_item_set_string (link, CC_CARD_LINK_LABEL, links[i][2]);
      cc_project_insert (project, sheet, CC_CANVAS_LINKS, -1, link);
    }
  return sheet;
}

/* The full sample: a map, a force field with plans, a canvas. */
static CcProject *
sample_project (void)
{
  CcProject *project = cc_project_new ();

  cc_item_set_string (cc_project_get_root (project), CC_PROJECT_TITLE, "Aberdale partnership review");
  build_map (project);
  build_forcefield (project, "ff1", TRUE, CC_ORIENTATION_HORIZONTAL);
  build_canvas (project, "cv1", "collaborative-gain");
  return project;
}

/* A map of n organisations on a grid, each linked to the next two; with
 * @local, only to those on the same row. */
static CcProject *
grid_project (guint n, gboolean local)
{
  static const char *types[] = { "informal", "strategic", "statutory", "delivery" };
  CcItem *root = cc_item_new (CC_KIND_PROJECT);
  CcItem *map = cc_item_new (CC_KIND_MAP);
  guint side = (guint) ceil (sqrt (n));

  cc_item_set_string (root, CC_PROJECT_TITLE, "Grid");
  cc_item_set_id (map, "map");
  cc_item_set_string (map, CC_MAP_TITLE, "Generated map");
  for (guint i = 0; i < n; i++)
    {
      CcItem *actor = cc_item_new (CC_KIND_ACTOR);
      CcItem *node = cc_item_new (CC_KIND_NODE);
      g_autofree char *name = g_strdup_printf ("Organisation %u", i + 1);
      g_autofree char *aid = g_strdup_printf ("a%u", i + 1);
      g_autofree char *nid = g_strdup_printf ("n%u", i + 1);

      cc_item_set_id (actor, aid);
      cc_item_set_string (actor, CC_ACTOR_NAME, name);
      cc_item_set_int (actor, CC_ACTOR_SECTOR, i % CC_N_SECTORS);
      cc_item_take_child (root, CC_PROJECT_ACTORS, -1, actor);
      cc_item_set_id (node, nid);
      cc_item_set_string (node, CC_NODE_ACTOR, aid);
      cc_item_set_double (node, CC_NODE_X, (i % side) * 180.0);
      cc_item_set_double (node, CC_NODE_Y, (i / side) * 120.0);
      cc_item_take_child (map, CC_MAP_NODES, -1, node);
    }
  for (guint i = 0; i < n && n > 2; i++)
    for (guint k = 1; k <= 2; k++)
      {
        CcItem *link;
        g_autofree char *from = g_strdup_printf ("n%u", i + 1);
        g_autofree char *to = g_strdup_printf ("n%u", (i + k) % n + 1);

        if (local && (i % side) + k >= side)
          continue;
        link = cc_item_new (CC_KIND_LINK);

        cc_item_set_string (link, CC_LINK_FROM, from);
        cc_item_set_string (link, CC_LINK_TO, to);
        cc_item_set_string (link, CC_LINK_TYPE, types[(i + k) % 4]);
        cc_item_set_int (link, CC_LINK_STRENGTH, 1 + i % 5);
        cc_item_take_child (map, CC_MAP_LINKS, -1, link);
      }
  cc_item_take_child (root, CC_PROJECT_SHEETS, -1, map);
  return cc_project_new_for_root (root);
}

/* ---- reading the output ----------------------------------------------- */

static GBytes *
export (CcProject *project, CcItem *sheet, CcExportFormat format, double dpi)
{
  g_autoptr(GPtrArray) sheets = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  g_ptr_array_add (sheets, sheet);
  bytes = cc_export_sheets (project, sheets, format, dpi, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

/* The PDF's text in drawing order, with all runs of white space made one
 * space; NULL (and the test skipped) without pdftotext. */
static char *
pdf_text (GBytes *pdf)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) spaces = NULL;
  int fd, status;

  if (tool == NULL)
    {
      g_error ("pdftotext is not installed");
      return NULL;
    }
  fd = g_file_open_tmp ("concord-test-XXXXXX.pdf", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), (gssize) g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { tool, "-raw", "-enc", "UTF-8", path, "-", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (path);
  spaces = g_regex_new ("\\s+", 0, 0, NULL);
  return g_regex_replace_literal (spaces, out, -1, 0, " ", 0, NULL);
}

#define assert_has(text, needle) \
  G_STMT_START { \
    if (strstr ((text), (needle)) == NULL) \
      g_error ("expected \"%s\" in the text: %s", (needle), (text)); \
  } G_STMT_END

#define assert_lacks(text, needle) \
  G_STMT_START { \
    if (strstr ((text), (needle)) != NULL) \
      g_error ("did not expect \"%s\" in the text: %s", (needle), (text)); \
  } G_STMT_END

/* Like strstr, through binary data with NUL bytes in it. */
static const char *
mem_find (const char *data, gsize len, const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; n <= len && i <= len - n; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return data + i;
  return NULL;
}

static gboolean
bytes_contain (GBytes *bytes, const char *needle)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return mem_find (data, len, needle) != NULL;
}

static guint
pdf_page_count (GBytes *pdf)
{
  gsize len;
  const char *data = g_bytes_get_data (pdf, &len);
  const char *p = data, *end = data + len;
  guint pages = 0;

  while ((p = mem_find (p, (gsize) (end - p), "/Type /Page")) != NULL)
    {
      p += strlen ("/Type /Page");
      if (p < end && *p != 's')
        pages++;
    }
  return pages;
}

typedef struct
{
  GBytes *bytes;
  gsize   offset;
} ReadClosure;

static cairo_status_t
read_bytes (void *closure, unsigned char *data, unsigned int length)
{
  ReadClosure *rc = closure;
  gsize size;
  const guchar *src = g_bytes_get_data (rc->bytes, &size);

  if (rc->offset + length > size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, src + rc->offset, length);
  rc->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
png_decode (GBytes *png)
{
  ReadClosure rc = { png, 0 };
  cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_bytes, &rc);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface, int x, int y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + y * stride + x * 4) & 0xffffff;
}

/* ---- map -------------------------------------------------------------- */

static void
test_map_pdf_text (void)
{
  g_autoptr(CcProject) project = sample_project ();
  CcItem *map = cc_project_find_sheet (project, "map1");
  g_autoptr(GBytes) pdf = export (project, map, CC_EXPORT_PDF, 0);
  g_autofree char *text = pdf_text (pdf);

  if (text == NULL)
    return;
  g_assert_cmpuint (pdf_page_count (pdf), ==, 1);
  assert_has (text, "Aberdale partnership landscape");
  for (guint i = 0; i < G_N_ELEMENTS (map_names); i++)
    assert_has (text, map_names[i]);
  /* The legend lists what is used ... */
  assert_has (text, "Legend");
  assert_has (text, "Public");
  assert_has (text, "Private");
  assert_has (text, "Voluntary");
  assert_has (text, "Community");
  assert_has (text, "Strategic partnership");
  assert_has (text, "Statutory partnership");
  assert_has (text, "Service delivery");
  assert_has (text, "Funding");
  assert_has (text, "Partnership body");
  assert_has (text, "Working group");
  assert_has (text, "Person");
  assert_has (text, "Umbrella body");
  assert_has (text, "Economy");
  assert_has (text, "Community safety");
  /* ... and only that */
  assert_lacks (text, "Other");
  assert_lacks (text, "Informal collaboration");
  assert_lacks (text, "Information sharing");
  /* Link labels, stages and group titles */
  assert_has (text, "Integration joint board");
  assert_has (text, "Housing support contract");
  assert_has (text, "Maturity");
  assert_has (text, "Development");
  assert_has (text, "Community Planning Board");
  assert_has (text, "Blue-light services");
}

static void
test_pdf_pages_and_metadata (void)
{
  g_autoptr(CcProject) project = sample_project ();
  g_autoptr(GPtrArray) sheets = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  gsize len;
  const char *data;

  for (guint i = 0; i < cc_project_get_n_sheets (project); i++)
    g_ptr_array_add (sheets, cc_project_get_sheet (project, i));
  pdf = cc_export_sheets (project, sheets, CC_EXPORT_PDF, 0, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (pdf, &len);
  g_assert_true (len > 4 && memcmp (data, "%PDF", 4) == 0);
  g_assert_cmpuint (pdf_page_count (pdf), ==, 3);
  g_assert_true (bytes_contain (pdf, "/Title (Aberdale partnership review)"));
  g_assert_true (bytes_contain (pdf, "/Creator (Concord)"));

  text = pdf_text (pdf);
  if (text == NULL)
    return;
  /* Every sheet's title, each on its page */
  assert_has (text, "Aberdale partnership landscape");
  assert_has (text, "Pooling budgets: force field");
  assert_has (text, "Integrated care: collaborative gain");
}

/* ---- force field ------------------------------------------------------ */

static void
check_forcefield_text (const char *text, gboolean plans)
{
  assert_has (text, FF_CHANGE);
  assert_has (text, "Driving forces");
  assert_has (text, "Resisting forces");
  for (guint i = 0; i < G_N_ELEMENTS (forces_spec); i++)
    assert_has (text, forces_spec[i].label);
  assert_has (text, "Separate budgets and duplicated assessments");
  assert_has (text, "One budget, one assessment, one plan per person");
  assert_has (text, "Driving forces: total 17");
  assert_has (text, "Resisting forces: total 14");
  assert_has (text, "Driving forces prevail by 3");
  if (plans)
    {
      /* 5+5+3+3+4 against 2+4+1+2+0 */
      assert_has (text, "Planned: driving 20, resisting 9");
      assert_has (text, "driving forces would prevail by 11");
      assert_has (text, "4 → 5");
      assert_has (text, "2 → 4");
      assert_has (text, "4 → 2");
      assert_has (text, "3 → 1");
      assert_has (text, "1 → 0");
    }
  else
    {
      assert_lacks (text, "Planned");
      assert_lacks (text, "→");
    }
}

static void
test_forcefield_pdf_text (void)
{
  for (int plans = 0; plans <= 1; plans++)
    for (int o = 0; o < CC_N_ORIENTATIONS; o++)
      {
        g_autoptr(CcProject) project = cc_project_new ();
        CcItem *sheet = build_forcefield (project, "ff", plans, (CcOrientation) o);
        g_autoptr(GBytes) pdf = export (project, sheet, CC_EXPORT_PDF, 0);
        g_autofree char *text = pdf_text (pdf);
        GPtrArray *forces = cc_item_get_children (sheet, CC_FORCEFIELD_FORCES);
        guint count[6] = { 0 };
        g_auto(GStrv) words = NULL;

        if (text == NULL)
          return;
        check_forcefield_text (text, plans);

        /* Every strength is written beside its arrow: the digits 1–5 appear
         * as words at least as often as forces have that strength. */
        words = g_strsplit (text, " ", -1);
        for (guint i = 0; words[i]; i++)
          if (strlen (words[i]) == 1 && words[i][0] >= '1' && words[i][0] <= '5')
            count[words[i][0] - '0']++;
        for (guint s = 1; s <= 5; s++)
          {
            guint expected = 0;

            for (guint i = 0; i < forces->len; i++)
              expected += cc_item_get_int (forces->pdata[i], CC_FORCE_STRENGTH) == (gint64) s;
            g_assert_cmpuint (count[s], >=, expected);
          }
      }
}

static void
test_forcefield_balance (void)
{
  static const struct { int driving[3]; int resisting[3]; const char *sentence; } cases[] = {
    { { 1, 2, 0 }, { 4, 3, 0 }, "Resisting forces prevail by 4" },
    { { 3, 3, 0 }, { 2, 4, 0 }, "Forces are balanced" },
    { { 5, 0, 0 }, { 0, 0, 0 }, "Driving forces prevail by 5" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(CcProject) project = cc_project_new ();
      CcItem *sheet = add_sheet (project, CC_KIND_FORCEFIELD, "ff", "Balance");
      g_autoptr(GBytes) pdf = NULL;
      g_autofree char *text = NULL;

      for (int side = 0; side < 2; side++)
        for (int i = 0; i < 3; i++)
          {
            int s = side ? cases[c].resisting[i] : cases[c].driving[i];
            CcItem *force;
            g_autofree char *label = g_strdup_printf ("%s force %d", side ? "Resisting" : "Driving", i + 1);

            if (s == 0)
              continue;
            force = cc_item_new (CC_KIND_FORCE);
            cc_item_set_int (force, CC_FORCE_SIDE, side);
            cc_item_set_string (force, CC_FORCE_LABEL, label);
            cc_item_set_int (force, CC_FORCE_STRENGTH, s);
            cc_project_insert (project, sheet, CC_FORCEFIELD_FORCES, -1, force);
          }
      pdf = export (project, sheet, CC_EXPORT_PDF, 0);
      text = pdf_text (pdf);
      if (text == NULL)
        return;
      assert_has (text, cases[c].sentence);
    }
}

/* A force's label and the line under it, its score and the "discuss" flag
 * of a room that disagrees stand clear of each other, in both orientations,
 * whatever the score's width. */
static void
test_forcefield_nothing_overlaps (void)
{
  static const char *labels[] = { "Pooled budget and shared expertise", "A chief officer championing the change",
                                  "Funding streams not aligned", "Fear" };

  for (int orientation = 0; orientation < 2; orientation++)
    {
      g_autoptr(CcProject) project = cc_project_new ();
      CcItem *sheet = add_sheet (project, CC_KIND_FORCEFIELD, "f", "Change");
      g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (CcRect));
      guint n = 0;

      cc_project_set_int (project, sheet, CC_FORCEFIELD_ORIENTATION, orientation);
      for (guint i = 0; i < 8; i++)
        {
          CcItem *force = cc_forcefield_add_force (project, sheet, i % 2 ? CC_SIDE_RESISTING : CC_SIDE_DRIVING,
                                                   labels[i % G_N_ELEMENTS (labels)], 3, NULL, -1);

          cc_project_set_int (project, force, CC_FORCE_ACTION, i % 2 ? CC_ACTION_WEAKEN : CC_ACTION_STRENGTHEN);
          cc_project_set_string (project, force, CC_FORCE_PLAN, "Joint budget from April");
          cc_project_set_int (project, force, CC_FORCE_PLANNED, i % 5 + 1);
          cc_forcefield_set_score (project, force, "Ann", 1);
          cc_forcefield_set_score (project, force, "Bob", 5);
        }
      for (guint i = 0; ; i++, n++)
        {
          CcRect text, pill, flag;

          if (!cc_forcefield_part_boxes (project, sheet, i, &text, &pill, &flag))
            break;
          g_assert_cmpfloat (flag.width, >, 0);  /* the room disagrees on each */
          if (cc_rect_intersects (&text, &pill) || cc_rect_intersects (&text, &flag) || cc_rect_intersects (&pill, &flag))
            g_error ("force %u (%s): label %.1f,%.1f %.1fx%.1f, score %.1f,%.1f %.1fx%.1f, flag %.1f,%.1f overlap",
                     i, orientation ? "vertical" : "horizontal", text.x, text.y, text.width, text.height,
                     pill.x, pill.y, pill.width, pill.height, flag.x, flag.y);
          g_array_append_val (boxes, text);
          g_array_append_val (boxes, pill);
          g_array_append_val (boxes, flag);
        }
      g_assert_cmpuint (n, ==, 8);
      /* Nor does one force's run into another's */
      for (guint a = 0; a < boxes->len; a++)
        for (guint b = a + 1; b < boxes->len; b++)
          if (a / 3 != b / 3)
            g_assert_false (cc_rect_intersects (&g_array_index (boxes, CcRect, a), &g_array_index (boxes, CcRect, b)));
    }
}

/* On the example's maps, group titles stand clear of every node, and no
 * link label lies on a node's theme markers. */
static void
test_example_map_overlaps (void)
{
  g_autofree char *path = g_build_filename (SOURCE_ROOT, "data", "examples", "community-planning.concord", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);

  g_assert_nonnull (result);
  g_assert_nonnull (result->project);
  for (guint s = 0; s < cc_project_get_n_sheets (result->project); s++)
    {
      CcItem *sheet = cc_project_get_sheet (result->project, s);
      g_autoptr(GString) report = g_string_new (NULL);

      if (cc_item_get_kind (sheet) != CC_KIND_MAP)
        continue;
      if (cc_map_count_overlaps (result->project, sheet, report) > 0)
        g_error ("on “%s”:\n%s", cc_item_get_string (sheet, CC_SHEET_TITLE), report->str);
    }
}

/* On the example's power / interest grid no card covers another. */
static void
test_example_grid_cards_apart (void)
{
  g_autofree char *path = g_build_filename (SOURCE_ROOT, "data", "examples", "community-planning.concord", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);
  CcItem *grid;
  CcRenderOptions options;
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (CcRect));

  g_assert_nonnull (result->project);
  grid = cc_project_find_sheet (result->project, "Who to engage on the employability service");
  g_assert_nonnull (grid);
  cc_render_options_init (&options);
  for (guint i = 0; i < cc_item_get_n_children (grid, CC_CANVAS_CARDS); i++)
    {
      CcRect box;

      g_assert_true (cc_render_get_item_bounds_full (result->project, grid, &options,
                                                     cc_item_get_child (grid, CC_CANVAS_CARDS, i), &box));
      for (guint j = 0; j < boxes->len; j++)
        if (cc_rect_intersects (&box, &g_array_index (boxes, CcRect, j)))
          g_error ("cards %u and %u of the grid overlap", j, i);
      g_array_append_val (boxes, box);
    }
  g_assert_cmpuint (boxes->len, >, 5);
}

/* ---- canvas ----------------------------------------------------------- */

static void
test_canvas_pdf_text (void)
{
  g_autoptr(CcProject) project = sample_project ();
  CcItem *canvas = cc_project_find_sheet (project, "cv1");
  g_autoptr(GBytes) pdf = export (project, canvas, CC_EXPORT_PDF, 0);
  g_autofree char *text = pdf_text (pdf);
  int gain, pain;

  cc_canvas_gain_pain (canvas, &gain, &pain);
  g_assert_cmpint (gain, ==, 18);
  g_assert_cmpint (pain, ==, 9);
  if (text == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cards_spec); i++)
    assert_has (text, cards_spec[i].text);
  assert_has (text, "+4");
  assert_has (text, "+5");
  assert_has (text, "\xe2\x88\x92" "3");   /* −3 */
  assert_has (text, "\xe2\x88\x92" "4");
  assert_has (text, "Total gain 18 against total pain 9: gain outweighs pain");
  /* Panel titles, and the prompt of an empty panel */
  assert_has (text, "Desired outcome");
  assert_has (text, "Pain and costs");
  assert_has (text, "Governance and accountability");
  assert_has (text, "Measures: baseline, target, timescale");
  assert_has (text, "Who decides, and who answers to whom?");
  /* Actors named on cards */
  assert_has (text, "Aberdale Council");
  assert_has (text, "NHS Aberdale");
  /* A card link's label */
  assert_has (text, "builds");
}

static void
test_canvas_verdicts (void)
{
  static const struct { int gain; int pain; const char *verdict; } cases[] = {
    { 2, 5, "Total gain 2 against total pain 5: pain outweighs gain" },
    { 3, 3, "Total gain 3 against total pain 3: gain and pain are even" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(CcProject) project = cc_project_new ();
      CcItem *sheet = add_sheet (project, CC_KIND_CANVAS, "cv", "Verdict");
      const char *panels[] = { "gain-access", "pain", "risks" };
      const int scores[] = { cases[c].gain, cases[c].pain, 5 };  /* risks do not count */
      g_autoptr(GBytes) pdf = NULL;
      g_autofree char *text = NULL;
      int gain, pain;

      use_template (project, sheet, "collaborative-gain");
      for (guint i = 0; i < G_N_ELEMENTS (panels); i++)
        {
          CcItem *card = cc_item_new (CC_KIND_CARD);

          cc_item_set_string (card, CC_CARD_PANEL, panels[i]);
          cc_item_set_string (card, CC_CARD_TEXT, panels[i]);
          cc_item_set_int (card, CC_CARD_SCORE, scores[i]);
          cc_project_insert (project, sheet, CC_CANVAS_CARDS, -1, card);
        }
      cc_canvas_gain_pain (sheet, &gain, &pain);
      g_assert_cmpint (gain, ==, cases[c].gain);
      g_assert_cmpint (pain, ==, cases[c].pain);
      pdf = export (project, sheet, CC_EXPORT_PDF, 0);
      text = pdf_text (pdf);
      if (text == NULL)
        return;
      assert_has (text, cases[c].verdict);
    }
}

static void
test_canvas_unknown_template (void)
{
  g_autoptr(CcProject) project = cc_project_new ();
  CcItem *sheet = build_canvas (project, "cv", "no-such-template");
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  CcRect bounds;

  g_assert_null (cc_template_library_lookup (cc_template_library_get_default (), "no-such-template"));
  g_assert_null (cc_project_find_template (project, "no-such-template"));
  cc_render_get_bounds (project, sheet, NULL, &bounds);
  g_assert_cmpfloat (bounds.width, >, 200);
  g_assert_cmpfloat (bounds.height, >, 200);
  pdf = export (project, sheet, CC_EXPORT_PDF, 0);
  text = pdf_text (pdf);
  if (text == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cards_spec); i++)
    assert_has (text, cards_spec[i].text);
  /* Each distinct panel id becomes a panel titled by it */
  assert_has (text, "gain-rationalisation");
  assert_has (text, "activities");
  assert_has (text, "measures");
  /* No template, no gain and pain to weigh */
  assert_lacks (text, "Total gain");
}

static void
test_template_registry (void)
{
  static const char *ids[] = {
    "outcome", "gain-compliance", "gain-access", "gain-rationalisation", "gain-transparency",
    "gain-experience", "gain-outcomes", "pain", "activities", "processes", "benefits", "partners",
    "governance", "risks", "measures",
  };
  CcTemplateLibrary *library = cc_template_library_get_default ();
  g_autoptr(CcTemplate) tmpl = NULL;
  GPtrArray *all = cc_template_library_get_templates (library);

  g_assert_nonnull (cc_template_library_lookup (library, "collaborative-gain"));
  tmpl = cc_template_new (cc_template_library_lookup (library, "collaborative-gain"));
  /* Both shipped templates, and nothing wrong with either */
  g_assert_cmpuint (all->len, >=, 2);
  g_assert_nonnull (cc_template_library_lookup (library, "power-interest"));
  g_assert_cmpuint (cc_template_library_get_problems (library)->len, ==, 0);
  g_assert_false (cc_template_is_grid (tmpl));
  g_assert_cmpint (tmpl->score_min, ==, 1);
  g_assert_cmpint (tmpl->score_max, ==, 5);
  g_assert_cmpstr (tmpl->title, ==, "Collaborative gain");
  g_assert_cmpuint (tmpl->n_panels, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const CcTemplatePanel *p = cc_template_find_panel (tmpl, ids[i]);

      g_assert_nonnull (p);
      g_assert_true (p->title != NULL && p->title[0] != '\0');
      g_assert_true (p->prompt != NULL && p->prompt[0] != '\0');
      g_assert_cmpuint (p->col + p->col_span, <=, tmpl->columns);
      g_assert_cmpuint (p->row + p->row_span, <=, tmpl->rows);
      g_assert_cmpint (p->score_role, ==, g_str_has_prefix (ids[i], "gain-") ? CC_SCORE_ROLE_GAIN
                                          : strcmp (ids[i], "pain") == 0 ? CC_SCORE_ROLE_PAIN
                                          : CC_SCORE_ROLE_NONE);
      /* No two panels share a cell */
      for (guint j = 0; j < i; j++)
        {
          const CcTemplatePanel *q = cc_template_find_panel (tmpl, ids[j]);

          g_assert_false (p->col < q->col + q->col_span && q->col < p->col + p->col_span &&
                          p->row < q->row + q->row_span && q->row < p->row + p->row_span);
        }
    }
  g_assert_cmpstr (cc_template_find_panel (tmpl, "outcome")->title, ==, "Desired outcome");
  g_assert_cmpstr (cc_template_find_panel (tmpl, "gain-rationalisation")->title, ==,
                   "Rationalisation and freed resources");
  g_assert_null (cc_template_find_panel (tmpl, "nonsense"));
  g_assert_null (cc_template_library_lookup (library, NULL));
}

/* ---- images ----------------------------------------------------------- */

static void
test_png_size_and_ink (void)
{
  g_autoptr(CcProject) project = sample_project ();

  for (guint s = 0; s < cc_project_get_n_sheets (project); s++)
    {
      CcItem *sheet = cc_project_get_sheet (project, s);
      static const double dpis[] = { 72, 150 };

      for (guint d = 0; d < G_N_ELEMENTS (dpis); d++)
        {
          g_autoptr(GBytes) png = export (project, sheet, CC_EXPORT_PNG, dpis[d]);
          cairo_surface_t *image = png_decode (png);
          int w = cairo_image_surface_get_width (image), h = cairo_image_surface_get_height (image);
          guint64 inked = 0;
          CcRect bounds;

          cc_render_get_bounds (project, sheet, NULL, &bounds);
          g_assert_cmpfloat (fabs (w - bounds.width * dpis[d] / 72), <=, 3);
          g_assert_cmpfloat (fabs (h - bounds.height * dpis[d] / 72), <=, 3);

          /* White paper at the corners, a drawing in between */
          g_assert_cmphex (pixel_at (image, 0, 0), ==, 0xffffff);
          g_assert_cmphex (pixel_at (image, w - 1, h - 1), ==, 0xffffff);
          for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
              inked += pixel_at (image, x, y) != 0xffffff;
          g_assert_cmpfloat ((double) inked / ((double) w * h), >, 0.03);
          cairo_surface_destroy (image);
        }
    }
}

static void
test_png_default_dpi (void)
{
  g_autoptr(CcProject) project = sample_project ();
  CcItem *sheet = cc_project_find_sheet (project, "ff1");
  g_autoptr(GBytes) png = export (project, sheet, CC_EXPORT_PNG, 0);
  cairo_surface_t *image = png_decode (png);
  CcRect bounds;

  cc_render_get_bounds (project, sheet, NULL, &bounds);
  g_assert_cmpfloat (fabs (cairo_image_surface_get_width (image) - bounds.width * 96 / 72), <=, 3);
  cairo_surface_destroy (image);
}

static void
test_png_too_large (void)
{
  g_autoptr(CcProject) project = cc_project_new ();
  CcItem *map = add_sheet (project, CC_KIND_MAP, "map", "Far apart");
  g_autoptr(GPtrArray) sheets = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) pdf = NULL;

  add_actor (project, "a1", "West", CC_SECTOR_PUBLIC, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, NULL);
  add_actor (project, "a2", "East", CC_SECTOR_PUBLIC, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, NULL);
  add_node (project, map, "n1", "a1", 0, 0);
  add_node (project, map, "n2", "a2", 20000, 0);
  g_ptr_array_add (sheets, map);

  /* 20,000 points at 300 dpi is over 80,000 pixels wide */
  png = cc_export_sheets (project, sheets, CC_EXPORT_PNG, 300, &error);
  g_assert_error (error, CC_EXPORT_ERROR, CC_EXPORT_ERROR_TOO_LARGE);
  g_assert_null (png);
  g_assert_nonnull (strstr (error->message, "pixels"));
  g_clear_error (&error);

  /* Tall and thin fits on a side but not in memory: 30,000 × 15,000 px */
  cc_item_set_double (cc_item_get_child (map, CC_MAP_NODES, 1), CC_NODE_X, 7000);
  cc_item_set_double (cc_item_get_child (map, CC_MAP_NODES, 1), CC_NODE_Y, 3500);
  png = cc_export_sheets (project, sheets, CC_EXPORT_PNG, 288, &error);
  g_assert_error (error, CC_EXPORT_ERROR, CC_EXPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* The same sheet exports as PDF */
  pdf = cc_export_sheets (project, sheets, CC_EXPORT_PDF, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
}

static void
test_svg (void)
{
  g_autoptr(CcProject) project = sample_project ();

  for (guint s = 0; s < cc_project_get_n_sheets (project); s++)
    {
      g_autoptr(GBytes) svg = export (project, cc_project_get_sheet (project, s), CC_EXPORT_SVG, 0);
      gsize len;
      const char *data = g_bytes_get_data (svg, &len);

      g_assert_true (len > 100);
      g_assert_true (g_str_has_prefix (data, "<?xml"));
      g_assert_nonnull (mem_find (data, len, "<svg"));
      g_assert_nonnull (mem_find (data, len, "</svg>"));
    }
}

/* ---- bounds, culling, detail ------------------------------------------ */

static cairo_surface_t *
record (CcProject *project, CcItem *sheet, const CcRenderOptions *options)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);

  cc_render_sheet (cr, project, sheet, options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

/* The example's first map asks its guiding question under its title: in
 * the PDF's text right after the title, inside the map's bounds, above the
 * drawing, and it is paper to a click (not the legend's map). A long one
 * wraps and is cut, still inside the bounds. */
static void
test_map_question (void)
{
  static const char question[] = "Who can influence the success of the new employability service?";
  g_autofree char *path = g_build_filename (SOURCE_ROOT, "data", "examples", "community-planning.concord", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GString) long_question = g_string_new (NULL);
  g_autofree char *text = NULL;
  CcProject *project;
  CcItem *map;
  CcRenderOptions options;
  CcRect with, without, longer;
  cairo_surface_t *surface;
  double x, y, w, h;

  g_assert_nonnull (result);
  project = result->project;
  map = cc_project_get_sheet (project, 0);
  g_assert_cmpstr (cc_item_get_string (map, CC_MAP_QUESTION), ==, question);

  pdf = export (project, map, CC_EXPORT_PDF, 0);
  text = pdf_text (pdf);
  assert_has (text, "Partnership landscape 2026 Who can influence the success of the new employability service?");

  cc_render_options_init (&options);
  options.paper = FALSE;
  cc_render_get_bounds (project, map, &options, &with);
  /* Somewhere on the line under the title, left of every node: paper. */
  for (double hx = with.x + CC_RENDER_MARGIN; hx < with.x + CC_RENDER_MARGIN + 300; hx += 10)
    g_assert_null (cc_render_hit_test (project, map, &options, hx, with.y + CC_RENDER_MARGIN + 32));

  cc_project_set_string (project, map, CC_MAP_QUESTION, "");
  cc_render_get_bounds (project, map, &options, &without);
  /* The question takes a line of its own above the drawing. */
  g_assert_cmpfloat (with.y, <, without.y - 14);
  g_assert_cmpfloat (with.y + with.height, ==, without.y + without.height);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&pdf, g_bytes_unref);
  pdf = export (project, map, CC_EXPORT_PDF, 0);
  text = pdf_text (pdf);
  assert_lacks (text, "Who can influence");

  /* Long: wrapped to the map's width, three lines at most, all drawn
   * inside the bounds. */
  for (guint i = 0; i < 400; i++)
    g_string_append (long_question, "who else ");
  cc_project_set_string (project, map, CC_MAP_QUESTION, long_question->str);
  cc_render_get_bounds (project, map, &options, &longer);
  g_assert_cmpfloat (longer.width, ==, without.width);
  g_assert_cmpfloat (longer.y, <, with.y - 14);
  g_assert_cmpfloat (longer.y, >, with.y - 3 * 24);
  surface = record (project, map, &options);
  cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
  cairo_surface_destroy (surface);
  g_assert_cmpfloat (y, >=, longer.y);
  g_assert_cmpfloat (x + w, <=, longer.x + longer.width);
}

static void
test_bounds_cover_drawing (void)
{
  g_autoptr(CcProject) project = sample_project ();

  build_forcefield (project, "ffv", TRUE, CC_ORIENTATION_VERTICAL);
  build_canvas (project, "cvx", "no-such-template");
  for (guint s = 0; s < cc_project_get_n_sheets (project); s++)
    {
      CcItem *sheet = cc_project_get_sheet (project, s);
      CcRenderOptions options;
      cairo_surface_t *surface;
      CcRect bounds;
      double x, y, w, h;

      cc_render_options_init (&options);
      options.paper = FALSE;
      cc_render_get_bounds (project, sheet, &options, &bounds);
      surface = record (project, sheet, &options);
      cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
      cairo_surface_destroy (surface);

      g_test_message ("sheet %u: bounds %g,%g %gx%g ink %g,%g %gx%g", s, bounds.x, bounds.y, bounds.width,
                      bounds.height, x, y, w, h);
      g_assert_cmpfloat (w, >, 100);
      g_assert_cmpfloat (x, >=, bounds.x);
      g_assert_cmpfloat (y, >=, bounds.y);
      g_assert_cmpfloat (x + w, <=, bounds.x + bounds.width);
      g_assert_cmpfloat (y + h, <=, bounds.y + bounds.height);
      /* and a margin of paper all round */
      g_assert_cmpfloat (x - bounds.x, >=, 12);
      g_assert_cmpfloat (bounds.x + bounds.width - (x + w), >=, 12);
    }
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Renders into an SVG surface and returns its document. cairo writes every
 * glyph drawn as a <symbol id="glyph…">, so text shows as "glyph". */
static GBytes *
render_svg (CcProject *project, CcItem *sheet, const CcRenderOptions *options, double width, double height,
            const cairo_matrix_t *matrix)
{
  GByteArray *data = g_byte_array_new ();
  cairo_surface_t *surface = cairo_svg_surface_create_for_stream (append_bytes, data, width, height);
  cairo_t *cr = cairo_create (surface);

  if (matrix)
    cairo_set_matrix (cr, matrix);
  cc_render_sheet (cr, project, sheet, options);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (data);
}

static void
test_culling (void)
{
  g_autoptr(CcProject) project = grid_project (400, TRUE);  /* 20 × 20, 3,420 × 2,280 pt */
  CcItem *map = cc_project_get_sheet (project, 0);
  CcRenderOptions options;
  CcRect visible = { 700, 500, 400, 300 };
  cairo_surface_t *surface;
  double x, y, w, h, fx, fy, fw, fh;
  g_autoptr(GBytes) full_svg = NULL;
  g_autoptr(GBytes) part_svg = NULL;

  cc_render_options_init (&options);
  options.paper = FALSE;
  surface = record (project, map, &options);
  cairo_recording_surface_ink_extents (surface, &fx, &fy, &fw, &fh);
  cairo_surface_destroy (surface);
  full_svg = render_svg (project, map, &options, 4000, 3000, NULL);

  options.visible = &visible;
  surface = record (project, map, &options);
  cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
  cairo_surface_destroy (surface);
  part_svg = render_svg (project, map, &options, 4000, 3000, NULL);

  g_test_message ("full ink %gx%g, culled ink %g,%g %gx%g; SVG %zu vs %zu bytes", fw, fh, x, y, w, h,
                  g_bytes_get_size (full_svg), g_bytes_get_size (part_svg));
  g_assert_cmpfloat (fw * fh, >, 3000.0 * 2000.0);
  /* What is drawn reaches only a little past the visible area: the nodes,
   * links and labels that cross its edge. */
  g_assert_cmpfloat (x, >=, visible.x - 400);
  g_assert_cmpfloat (y, >=, visible.y - 300);
  g_assert_cmpfloat (x + w, <=, visible.x + visible.width + 400);
  g_assert_cmpfloat (y + h, <=, visible.y + visible.height + 300);
  g_assert_cmpfloat (w * h, <, fw * fh / 10);
  g_assert_cmpuint (g_bytes_get_size (part_svg) * 5, <, g_bytes_get_size (full_svg));
}

static void
test_detail_by_scale (void)
{
  g_autoptr(CcProject) project = grid_project (100, FALSE);
  CcItem *map = cc_project_get_sheet (project, 0);
  CcRenderOptions options;
  cairo_matrix_t m;
  g_autoptr(GBytes) near = NULL;
  g_autoptr(GBytes) far = NULL;

  cc_render_options_init (&options);
  options.legend = FALSE;
  near = render_svg (project, map, &options, 2000, 1400, NULL);
  g_assert_true (bytes_contain (near, "glyph"));

  /* At a tenth of the size, a name would be a pixel high: no text at all */
  options.scale = 0.1;
  cairo_matrix_init_scale (&m, 0.1, 0.1);
  far = render_svg (project, map, &options, 200, 140, &m);
  g_assert_false (bytes_contain (far, "glyph"));
  g_assert_cmpuint (g_bytes_get_size (far) * 3, <, g_bytes_get_size (near));
}

static void
test_huge_map (void)
{
  g_autoptr(CcProject) project = grid_project (10000, FALSE);
  CcItem *map = cc_project_get_sheet (project, 0);
  CcRenderOptions options;
  CcRect bounds, visible;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
  cairo_t *cr = cairo_create (image);
  double zoom = 0.08;
  gint64 start = g_get_monotonic_time ();
  guint inked = 0;

  cc_render_options_init (&options);
  cc_render_get_bounds (project, map, &options, &bounds);
  g_assert_cmpfloat (bounds.width, >, 17000);

  /* The whole map zoomed out to fit a window, then a pan; each completes,
   * and draws something. */
  for (int frame = 0; frame < 3; frame++)
    {
      visible = (CcRect) { bounds.x + frame * 2000, bounds.y, 1280 / zoom, 800 / zoom };
      options.visible = &visible;
      options.scale = zoom;
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
      cairo_paint (cr);
      cairo_scale (cr, zoom, zoom);
      cairo_translate (cr, -visible.x, -visible.y);
      cc_render_sheet (cr, project, map, &options);
      cairo_restore (cr);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    }
  cairo_surface_flush (image);
  for (int y = 0; y < 800; y += 4)
    for (int x = 0; x < 1280; x += 4)
      inked += pixel_at (image, x, y) != 0x808080;
  g_assert_cmpuint (inked, >, 1000);
  g_test_message ("three frames of a 10,000-node map: %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
}


/* ---- drawing apart what is dragged ------------------------------------ */

/* Renders @part of a three-node map (A–B, B–C) with A dragged by (0, 200),
 * at 1:1 into a transparent 600 x 500 image whose origin is sheet (-150, -100). */
static cairo_surface_t *
render_part (CcProject *project, CcItem *map, CcRenderPart part, CcRenderMoving *moving)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 500);
  cairo_t *cr = cairo_create (image);
  CcRenderOptions options;

  cc_render_options_init (&options);
  options.paper = part != CC_RENDER_MOVING;
  options.legend = FALSE;
  options.part = part;
  options.moving = moving;
  options.move_dx = 0;
  options.move_dy = 200;
  cairo_translate (cr, 150, 100);
  cc_render_sheet (cr, project, map, &options);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

static guint32
argb_at (cairo_surface_t *surface, double sx, double sy)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + (int) (sy + 100) * stride + (int) (sx + 150) * 4);
}

/* Nodes are drawn a batch at a time, and a batch never holds two that
 * overlap: a node drawn later covers the name of one beneath it. */
static void
test_map_overlapping_nodes (void)
{
  g_autoptr(CcProject) project = cc_project_new ();
  CcItem *map = add_sheet (project, CC_KIND_MAP, "m", "Overlap");
  CcItem *under, *over;
  cairo_surface_t *image;
  CcRect a, b;
  guint32 fill;
  guint inked_beside = 0;

  add_actor (project, "a1", "Aaaaaaaaaaaa", CC_SECTOR_PUBLIC, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, NULL);
  add_actor (project, "a2", "B", CC_SECTOR_PRIVATE, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, NULL);
  add_actor (project, "a3", "Far away", CC_SECTOR_PUBLIC, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, NULL);
  under = add_node (project, map, "n1", "a1", 0, 0);
  over = add_node (project, map, "n2", "a2", 20, 12);
  add_node (project, map, "n3", "a3", 300, 300);
  g_assert_true (cc_render_get_item_bounds (project, map, under, &a));
  g_assert_true (cc_render_get_item_bounds (project, map, over, &b));
  g_assert_cmpfloat (b.x + 6, <, 0);
  g_assert_cmpfloat (b.y + 2, <, 0);

  image = render_part (project, map, CC_RENDER_ALL, NULL);
  /* The upper node's own fill, right of its one-letter name (and clear of
   * its sector's badge, on its top-left corner) */
  fill = argb_at (image, b.x + b.width - 8, b.y + b.height / 2);
  for (double x = b.x + 10; x <= 0; x += 1)
    for (double y = -2; y <= 2; y += 1)
      g_assert_cmphex (argb_at (image, x, y), ==, fill);
  /* and the lower node's name is there to be covered: it shows beside */
  for (double x = a.x + 4; x < b.x - 2; x += 1)
    for (double y = -2; y <= 2; y += 1)
      inked_beside += (argb_at (image, x, y) & 0xffffff) < 0x808080;
  g_assert_cmpuint (inked_beside, >, 5);
  cairo_surface_destroy (image);
}

static void
test_map_moving_parts (void)
{
  g_autoptr(CcProject) project = cc_project_new ();
  g_autoptr(CcRenderMoving) moving = NULL;
  g_autoptr(GPtrArray) dragged = g_ptr_array_new ();
  CcItem *map = add_sheet (project, CC_KIND_MAP, "m", "");
  CcItem *a;
  cairo_surface_t *still, *moved, *all;

  add_actor (project, "aa", "Alpha", CC_SECTOR_PUBLIC, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, NULL);
  add_actor (project, "ab", "Beta", CC_SECTOR_PRIVATE, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, NULL);
  add_actor (project, "ac", "Gamma", CC_SECTOR_VOLUNTARY, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, NULL);
  a = add_node (project, map, "na", "aa", 0, 0);
  add_node (project, map, "nb", "ab", 400, 0);
  add_node (project, map, "nc", "ac", 400, 300);
  /* Solid lines, so that a point of one is never in a gap */
  add_link (project, map, "na", "nb", "strategic", 3, NULL, CC_STAGE_NONE);
  add_link (project, map, "nb", "nc", "strategic", 3, NULL, CC_STAGE_NONE);
  g_ptr_array_add (dragged, a);
  moving = cc_render_moving_new (project, map, dragged);

  /* Still: A and its link are gone; B, C and B–C are there. */
  still = render_part (project, map, CC_RENDER_STILL, moving);
  g_assert_cmphex (argb_at (still, 0, 0), ==, 0xffffffff);        /* A's old place: paper */
  g_assert_cmphex (argb_at (still, 0, 200), ==, 0xffffffff);      /* A's new place: paper */
  g_assert_cmphex (argb_at (still, 200, 0), ==, 0xffffffff);      /* old A–B: paper */
  g_assert_cmphex (argb_at (still, 200, 100), ==, 0xffffffff);    /* new A–B: paper */
  g_assert_cmphex (argb_at (still, 400, 0), !=, 0xffffffff);      /* B */
  g_assert_cmphex (argb_at (still, 400, 150), !=, 0xffffffff);    /* B–C */

  /* Moving: only A where it is dragged to, and A–B from there; no paper. */
  moved = render_part (project, map, CC_RENDER_MOVING, moving);
  g_assert_cmphex (argb_at (moved, 0, 0), ==, 0);
  g_assert_cmphex (argb_at (moved, 0, 200) >> 24, ==, 0xff);
  g_assert_cmphex (argb_at (moved, 200, 100) >> 24, >, 0);
  g_assert_cmphex (argb_at (moved, 200, 0), ==, 0);
  g_assert_cmphex (argb_at (moved, 400, 0), ==, 0);
  g_assert_cmphex (argb_at (moved, 400, 150), ==, 0);

  /* Everything, once A is really there, draws what the two parts drew. */
  cc_project_set_double (project, a, CC_NODE_Y, 200);
  all = render_part (project, map, CC_RENDER_ALL, NULL);
  g_assert_cmphex (argb_at (all, 0, 200), ==, argb_at (moved, 0, 200));
  g_assert_cmphex (argb_at (all, 400, 0), ==, argb_at (still, 400, 0));
  g_assert_cmphex (argb_at (all, 200, 100) >> 24, ==, 0xff);
  g_assert_cmphex (argb_at (all, 0, 0), ==, 0xffffffff);

  /* Nothing dragged: the moving part is empty, the still part is all. */
  cairo_surface_destroy (moved);
  moved = render_part (project, map, CC_RENDER_MOVING, NULL);
  g_assert_cmphex (argb_at (moved, 400, 0), ==, 0);

  cairo_surface_destroy (still);
  cairo_surface_destroy (moved);
  cairo_surface_destroy (all);
}

/* ---- telling things apart without colour ------------------------------ */

/* @sheet drawn at @zoom on paper, (@x, @y) of the sheet at the image's
 * top-left; @sharp: without smoothing, so that the edges of a shape are
 * the same pixels whatever its colour */
static cairo_surface_t *
render_area (CcProject *project, CcItem *sheet, double x, double y, int width, int height, double zoom,
             gboolean legend, gboolean high_contrast, gboolean sharp)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (image);
  CcRenderOptions options;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (sharp)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cc_render_options_init (&options);
  options.legend = legend;
  options.scale = zoom;
  options.high_contrast = high_contrast;
  cairo_scale (cr, zoom, zoom);
  cairo_translate (cr, -x, -y);
  cc_render_sheet (cr, project, sheet, &options);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

/* The pixel at (@x, @y) of @image, as grey from 0 (black) to 1 */
static double
grey_at (cairo_surface_t *image, int x, int y)
{
  guint32 p = pixel_at (image, x, y);

  return (0.299 * (p >> 16 & 0xff) + 0.587 * (p >> 8 & 0xff) + 0.114 * (p & 0xff)) / 255.0;
}

/* The five sectors, in grey: each node's top-left corner (where its badge
 * is) has a shape of dark pixels of its own, so that a sector is told by
 * more than its colour's brightness. */
static void
test_map_sector_badges (void)
{
  g_autoptr(CcProject) project = cc_project_new ();
  CcItem *map = add_sheet (project, CC_KIND_MAP, "m", "");
  CcItem *nodes[CC_N_SECTORS];
  gboolean *masks[CC_N_SECTORS];
  const double zoom = 4, side = 24;  /* the corner looked at, points */
  const int n = (int) (side * zoom);
  cairo_surface_t *image;
  CcRect shape0;

  for (int i = 0; i < CC_N_SECTORS; i++)
    {
      g_autofree char *actor = g_strdup_printf ("a%d", i), *node = g_strdup_printf ("n%d", i);

      add_actor (project, actor, "Org", (CcSector) i, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, NULL);
      nodes[i] = add_node (project, map, node, actor, 200.0 * i, 0);
    }
  g_assert_true (cc_render_get_item_bounds (project, map, nodes[0], &shape0));
  image = render_area (project, map, shape0.x - 12, shape0.y - 12, (int) (zoom * (200 * CC_N_SECTORS)),
                       (int) (zoom * 80), zoom, FALSE, FALSE, TRUE);
  for (int i = 0; i < CC_N_SECTORS; i++)
    {
      CcRect shape;

      g_assert_true (cc_render_get_item_bounds (project, map, nodes[i], &shape));
      masks[i] = g_new0 (gboolean, n * n);
      for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++)
          masks[i][y * n + x] = grey_at (image, (int) ((shape.x - shape0.x) * zoom) + x, y) < 0.6;
    }
  /* Told apart two by two by many pixels: a badge covers some 50 square
   * points, 800 pixels here, and one sector (other) has none; two badges
   * of about that area but of other shapes differ by 100 and more */
  for (int i = 0; i < CC_N_SECTORS; i++)
    for (int j = i + 1; j < CC_N_SECTORS; j++)
      {
        int differ = 0;

        for (int k = 0; k < n * n; k++)
          differ += masks[i][k] != masks[j][k];
        g_test_message ("sectors %d and %d: %d pixels differ", i, j, differ);
        if (differ < 100)
          g_error ("sectors %d and %d look the same in grey: %d pixels differ", i, j, differ);
      }
  for (int i = 0; i < CC_N_SECTORS; i++)
    g_free (masks[i]);
  cairo_surface_destroy (image);
}

/* The legend of the example: each sector's sample carries its badge, on
 * its top-left corner, so that the sample is not the same on all sides. */
static void
test_legend_sector_badges (void)
{
  static const guint32 strokes[] = { 0x0a66b0, 0xc97300, 0x00875f, 0xa3428a };  /* the renderer's */
  g_autofree char *path = g_build_filename (SOURCE_ROOT, "data", "examples", "community-planning.concord", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);
  CcProject *project = result->project;
  CcItem *map = cc_project_lookup (project, "map-landscape");
  const double zoom = 3;
  cairo_surface_t *image;
  CcRect legend;
  int w, h;

  g_assert_nonnull (map);
  g_assert_true (cc_render_get_item_bounds (project, map, map, &legend));
  w = (int) (legend.width * zoom), h = (int) (legend.height * zoom);
  image = render_area (project, map, legend.x, legend.y, w, h, zoom, TRUE, FALSE, FALSE);
  for (guint s = 0; s < G_N_ELEMENTS (strokes); s++)
    {
      int x0 = w, y0 = h, x1 = -1, y1 = -1, top_left = 0, bottom_right = 0;

#define IS_STROKE(px) (abs ((int) ((px) >> 16 & 0xff) - (int) (strokes[s] >> 16 & 0xff)) < 16 \
                       && abs ((int) ((px) >> 8 & 0xff) - (int) (strokes[s] >> 8 & 0xff)) < 16 \
                       && abs ((int) ((px) & 0xff) - (int) (strokes[s] & 0xff)) < 16)
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          if (IS_STROKE (pixel_at (image, x, y)))
            {
              x0 = MIN (x0, x), y0 = MIN (y0, y), x1 = MAX (x1, x), y1 = MAX (y1, y);
            }
      g_assert_cmpint (x1, >, x0);
      /* Only the sample is in this colour: one row's height */
      g_assert_cmpint (y1 - y0, <, 24 * zoom);
      for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++)
          if (IS_STROKE (pixel_at (image, x, y)))
            {
              top_left += x < (x0 + x1) / 2 && y < (y0 + y1) / 2;
              bottom_right += x > (x0 + x1) / 2 && y > (y0 + y1) / 2;
            }
#undef IS_STROKE
      if (top_left < bottom_right * 3 / 2)
        g_error ("sector %u's sample has no badge: %d pixels top left, %d bottom right", s, top_left,
                 bottom_right);
    }
  cairo_surface_destroy (image);
}

/* WCAG's contrast of a grey with white paper */
static double
contrast_with_paper (double grey)
{
  double l = grey <= 0.04045 ? grey / 12.92 : pow ((grey + 0.055) / 1.055, 2.4);

  return 1.05 / (l + 0.05);
}

typedef struct
{
  double border;      /* the darkest grey across a node's left border */
  int    line;        /* pixels across a link, not paper */
  double text;        /* the darkest grey of the name */
  double fill_chroma; /* the fill's max - min channel, 0 to 255 */
} Contrast;

static void
measure_contrast (gboolean high_contrast, Contrast *c)
{
  g_autoptr(CcProject) project = cc_project_new ();
  CcItem *map = add_sheet (project, CC_KIND_MAP, "m", "");
  CcItem *node;
  const double zoom = 4;
  cairo_surface_t *image;
  CcRect shape;
  guint32 fill;

  add_actor (project, "a1", "Council", CC_SECTOR_PUBLIC, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, NULL);
  add_actor (project, "a2", "Trust", CC_SECTOR_OTHER, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, NULL);
  node = add_node (project, map, "n1", "a1", 0, 0);
  add_node (project, map, "n2", "a2", 300, 0);
  add_link (project, map, "n1", "n2", "strategic", 3, NULL, CC_STAGE_NONE);
  g_assert_true (cc_render_get_item_bounds (project, map, node, &shape));
  /* The sheet from (-100, -50), 500 × 100 points */
  image = render_area (project, map, -100, -50, (int) (500 * zoom), (int) (100 * zoom), zoom, FALSE, high_contrast, FALSE);

  c->border = 1;
  for (int x = (int) ((shape.x + 100 - 3) * zoom); x < (int) ((shape.x + 100 + 3) * zoom); x++)
    c->border = MIN (c->border, grey_at (image, x, (int) (50 * zoom)));
  c->line = 0;
  for (int y = (int) (35 * zoom); y < (int) (65 * zoom); y++)
    c->line += grey_at (image, (int) (250 * zoom), y) < 0.9;
  c->text = 1;
  for (int y = (int) ((50 - 8) * zoom); y < (int) ((50 + 8) * zoom); y++)
    for (int x = (int) ((100 - 25) * zoom); x < (int) ((100 + 25) * zoom); x++)
      c->text = MIN (c->text, grey_at (image, x, y));
  fill = pixel_at (image, (int) ((shape.x + shape.width + 100 - 6) * zoom), (int) ((50 + 12) * zoom));
  c->fill_chroma = MAX (MAX (fill >> 16 & 0xff, fill >> 8 & 0xff), fill & 0xff)
                   - MIN (MIN (fill >> 16 & 0xff, fill >> 8 & 0xff), fill & 0xff);
  cairo_surface_destroy (image);
}

/* For a washed-out projector: borders stand out more from the paper, lines
 * are thicker, text is black and fills stronger. */
static void
test_map_high_contrast (void)
{
  Contrast usual, high;
  CcRenderOptions options;

  cc_render_options_init (&options);
  g_assert_false (options.high_contrast);
  measure_contrast (FALSE, &usual);
  measure_contrast (TRUE, &high);
  g_test_message ("border contrast %.2f -> %.2f, line %d -> %d px, text %.3f -> %.3f, fill chroma %.0f -> %.0f",
                  contrast_with_paper (usual.border), contrast_with_paper (high.border), usual.line, high.line,
                  usual.text, high.text, usual.fill_chroma, high.fill_chroma);
  g_assert_cmpfloat (contrast_with_paper (high.border), >, 1.3 * contrast_with_paper (usual.border));
  g_assert_cmpfloat (high.line, >=, 1.3 * usual.line);
  g_assert_cmpfloat (high.text, <, 0.02);
  g_assert_cmpfloat (usual.text, >, 0.05);
  g_assert_cmpfloat (high.fill_chroma, >, 1.5 * usual.fill_chroma);
}

/* Drawn again only where organisations moved, the example's map is the map
 * drawn anew, at several zooms: but for cairo's rounding of smoothed edges
 * drawn from another origin, a few levels on a few pixels */
static void
assert_nearly_same_pixels (cairo_surface_t *a, cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a), n_differ = 0, most = 0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 pa = *(guint32 *) (cairo_image_surface_get_data (a) + y * stride + 4 * x);
        guint32 pb = *(guint32 *) (cairo_image_surface_get_data (b) + y * stride + 4 * x);

        if (pa == pb)
          continue;
        n_differ++;
        for (int k = 0; k < 32; k += 8)
          most = MAX (most, abs ((int) (pa >> k & 0xff) - (int) (pb >> k & 0xff)));
      }
  g_assert_cmpint (n_differ, <=, w * h / 2000);
  g_assert_cmpint (most, <=, 24);
}

static void
draw_at (cairo_surface_t *surface, CcProject *project, CcItem *sheet, const CcRect *b, double zoom,
         guint64 since, cairo_surface_t *previous, gboolean *partial)
{
  cairo_t *cr = cairo_create (surface);
  CcRenderOptions options;
  CcRect visible = { b->x, b->y, cairo_image_surface_get_width (surface) / zoom,
                     cairo_image_surface_get_height (surface) / zoom };

  cc_render_options_init (&options);
  options.visible = &visible;
  options.scale = zoom;
  options.prompts = TRUE;
  cairo_scale (cr, zoom, zoom);
  cairo_translate (cr, -b->x, -b->y);
  *partial = previous != NULL && cc_render_sheet_since (cr, project, sheet, &options, since, previous);
  if (!*partial)
    cc_render_sheet (cr, project, sheet, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
}

static void
test_map_redrawn_where_changed (void)
{
  g_autofree char *path = g_build_filename (SOURCE_ROOT, "data", "examples", "community-planning.concord", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CcLoadResult) result = cc_load_file (file, NULL, NULL);
  CcProject *project = result->project;
  CcItem *sheet = cc_project_get_sheet (project, 0);
  static const double zooms[] = { 1.0, 0.45, 0.08 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  guint n_partial = 0;

  g_assert_cmpint (cc_item_get_kind (sheet), ==, CC_KIND_MAP);
  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      CcRect b;
      cairo_surface_t *kept;
      guint64 since;
      gboolean partial;

      cc_render_get_bounds (project, sheet, NULL, &b);
      kept = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 700, 500);
      since = cc_project_get_change_count (project);
      draw_at (kept, project, sheet, &b, zooms[z], 0, NULL, &partial);
      for (guint round = 0; round < 6; round++)
        {
          guint n = cc_item_get_n_children (sheet, CC_MAP_NODES);
          CcItem *node = cc_item_get_child (sheet, CC_MAP_NODES, g_rand_int_range (rand, 0, (int) n));
          cairo_surface_t *again = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 700, 500);
          cairo_surface_t *anew = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 700, 500);
          gboolean whole;

          cc_project_set_double (project, node, CC_NODE_X,
                                 cc_item_get_double (node, CC_NODE_X) + g_rand_double_range (rand, -40, 40));
          draw_at (again, project, sheet, &b, zooms[z], since, kept, &partial);
          n_partial += partial;
          draw_at (anew, project, sheet, &b, zooms[z], 0, NULL, &whole);
          g_assert_false (whole);
          assert_nearly_same_pixels (again, anew);
          cairo_surface_destroy (kept);
          cairo_surface_destroy (anew);
          kept = again;
          since = cc_project_get_change_count (project);
        }
      cairo_surface_destroy (kept);
    }
  /* Most moves inside the map's extent are drawn again in part */
  g_assert_cmpuint (n_partial, >, 0);
}

/* What another sheet's layout saw is not taken for this one's damage */
static void
test_map_damage_per_sheet (void)
{
  g_autoptr(CcProject) project = cc_project_new ();
  CcItem *a_map = add_sheet (project, CC_KIND_MAP, "ma", "");
  CcItem *b_map = add_sheet (project, CC_KIND_MAP, "mb", "");
  CcItem *a, *b;
  CcRect bounds, damage;
  guint64 since;

  add_actor (project, "aa", "Alpha", CC_SECTOR_PUBLIC, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, NULL);
  add_actor (project, "ab", "Beta", CC_SECTOR_PRIVATE, CC_ACTOR_KIND_ORGANISATION, FALSE, 0, NULL);
  a = add_node (project, a_map, "na", "aa", 100, 100);
  add_node (project, a_map, "nb", "ab", 400, 0);
  add_node (project, a_map, "ne", "ab", -200, 300);  /* so that the map's extent stays */
  b = add_node (project, b_map, "nc", "aa", 0, 0);
  add_node (project, b_map, "nd", "ab", 300, 300);

  /* Laid out, then a node moved: the damage holds its old and new places */
  cc_render_get_bounds (project, a_map, NULL, &bounds);
  since = cc_project_get_change_count (project);
  cc_project_set_double (project, a, CC_NODE_X, 150);
  g_assert_true (cc_render_get_damage (project, a_map, NULL, since, &damage));
  g_assert_true (cc_rect_contains (&damage, 100, 100));
  g_assert_true (cc_rect_contains (&damage, 150, 100));
  g_assert_false (cc_rect_contains (&damage, 400, 0));
  /* Nothing since: nothing */
  since = cc_project_get_change_count (project);
  g_assert_true (cc_render_get_damage (project, a_map, NULL, since, &damage));
  g_assert_cmpfloat (damage.width, <, 0);

  /* The other sheet laid out meanwhile, and this one's node moved: not
   * known, or known to hold the node */
  cc_render_get_bounds (project, b_map, NULL, &bounds);
  cc_project_set_double (project, a, CC_NODE_Y, 160);
  cc_render_get_bounds (project, b_map, NULL, &bounds);
  if (cc_render_get_damage (project, a_map, NULL, since, &damage))
    g_assert_true (cc_rect_contains (&damage, 150, 160));
  /* Another sheet's node moved: this one's drawing is as it was */
  since = cc_project_get_change_count (project);
  cc_project_set_double (project, b, CC_NODE_X, 80);
  if (cc_render_get_damage (project, a_map, NULL, since, &damage))
    g_assert_cmpfloat (damage.width, <, 0);
}

static void
test_map_legend_placement (void)
{
  g_autoptr(CcProject) project = sample_project ();
  CcItem *map = cc_project_find_sheet (project, "map1");
  CcRect legend, bounds, moved_bounds;
  CcRenderOptions options;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) pdf = NULL;

  /* By itself it sits right of the map, and hit-testing it gives the map. */
  g_assert_true (cc_render_get_item_bounds (project, map, map, &legend));
  g_assert_true (cc_render_hit_test (project, map, NULL, legend.x + 10, legend.y + 10) == map);
  cc_render_options_init (&options);
  cc_render_get_bounds (project, map, &options, &bounds);
  g_assert_cmpfloat (legend.x + legend.width, <=, bounds.x + bounds.width);

  /* Placed: drawn and printed there, and the page grows to hold it. */
  cc_project_set_double (project, map, CC_MAP_LEGEND_X, -900);
  cc_project_set_double (project, map, CC_MAP_LEGEND_Y, 1200);
  g_assert_true (cc_render_get_item_bounds (project, map, map, &moved_bounds));
  g_assert_cmpfloat (moved_bounds.x, ==, -900);
  g_assert_cmpfloat (moved_bounds.y, ==, 1200);
  g_assert_cmpfloat (moved_bounds.width, ==, legend.width);
  g_assert_true (cc_render_hit_test (project, map, NULL, -890, 1210) == map);
  g_assert_null (cc_render_hit_test (project, map, NULL, legend.x + 10, legend.y + 10));
  cc_render_get_bounds (project, map, &options, &bounds);
  g_assert_cmpfloat (bounds.x, <=, -900);
  g_assert_cmpfloat (bounds.y + bounds.height, >=, 1200 + legend.height);
  pdf = export (project, map, CC_EXPORT_PDF, 0);
  text = pdf_text (pdf);
  if (text != NULL)
    assert_has (text, "Legend");

  /* Hidden: not drawn, not printed, not hit. */
  cc_project_set_bool (project, map, CC_MAP_LEGEND, FALSE);
  g_assert_false (cc_render_get_item_bounds (project, map, map, &legend));
  g_assert_null (cc_render_hit_test (project, map, NULL, -890, 1210));
  g_clear_pointer (&pdf, g_bytes_unref);
  g_clear_pointer (&text, g_free);
  pdf = export (project, map, CC_EXPORT_PDF, 0);
  text = pdf_text (pdf);
  if (text != NULL)
    {
      assert_lacks (text, "Legend");
      assert_has (text, "Aberdale partnership landscape");
    }
  cc_render_get_bounds (project, map, &options, &bounds);
  g_assert_cmpfloat (bounds.x, >, -900);
}


/* The layout kept between calls follows every change, undo included, and
 * each sheet and legend setting gets its own. */
static void
test_layout_kept_follows_changes (void)
{
  g_autoptr(CcProject) project = sample_project ();
  CcItem *map = cc_project_find_sheet (project, "map1");
  CcItem *n1 = cc_project_lookup (project, "n1");
  CcItem *other;
  CcRect box, box2, bounds, bounds_no_legend;
  CcRenderOptions options;
  double x0 = cc_item_get_double (n1, CC_NODE_X);

  g_assert_true (cc_render_get_item_bounds (project, map, n1, &box));
  g_assert_true (cc_render_hit_test (project, map, NULL, x0, cc_item_get_double (n1, CC_NODE_Y)) == n1);
  cc_project_set_double (project, n1, CC_NODE_X, x0 + 1000);
  g_assert_true (cc_render_get_item_bounds (project, map, n1, &box2));
  g_assert_cmpfloat_with_epsilon (box2.x, box.x + 1000, 1e-9);
  g_assert_true (cc_render_hit_test (project, map, NULL, x0 + 1000, cc_item_get_double (n1, CC_NODE_Y)) == n1);
  g_assert_true (cc_project_undo (project));
  g_assert_true (cc_render_get_item_bounds (project, map, n1, &box2));
  g_assert_cmpfloat (box2.x, ==, box.x);

  /* A renamed actor changes the node's size at once. */
  cc_project_set_string (project, cc_project_get_node_actor (project, n1), CC_ACTOR_NAME,
                         "A much longer name for the city council than it had before, over three lines");
  g_assert_true (cc_render_get_item_bounds (project, map, n1, &box2));
  g_assert_cmpfloat (box2.height, >, box.height);

  /* With and without the legend, and another sheet in between. */
  cc_render_options_init (&options);
  cc_render_get_bounds (project, map, &options, &bounds);
  options.legend = FALSE;
  cc_render_get_bounds (project, map, &options, &bounds_no_legend);
  g_assert_cmpfloat (bounds_no_legend.width, <, bounds.width);
  other = cc_project_duplicate_sheet (project, map);
  g_assert_nonnull (other);
  g_assert_true (cc_render_get_item_bounds (project, other, cc_item_get_child (other, CC_MAP_NODES, 0), &box2));
  g_assert_false (cc_render_get_item_bounds (project, other, n1, &box2));
  g_assert_true (cc_render_get_item_bounds (project, map, n1, &box2));
  /* Deleting the node leaves nothing behind. */
  cc_project_delete (project, n1);
  g_assert_false (cc_render_get_item_bounds (project, map, n1, &box2));
}

static void
test_hit_test (void)
{
  g_autoptr(CcProject) project = sample_project ();
  CcItem *map = cc_project_find_sheet (project, "map1");
  CcItem *canvas = cc_project_find_sheet (project, "cv1");
  CcItem *ff = cc_project_find_sheet (project, "ff1");
  CcRect bounds;

  g_assert_true (cc_render_hit_test (project, map, NULL, 170, 60) == cc_project_lookup (project, "n1"));
  g_assert_true (cc_render_hit_test (project, map, NULL, 500, 200) == cc_project_lookup (project, "n5"));
  g_assert_null (cc_render_hit_test (project, map, NULL, -5000, -5000));
  /* Halfway along Council – NHS */
  {
    CcItem *hit = cc_render_hit_test (project, map, NULL, 400, 60);

    g_assert_nonnull (hit);
    g_assert_cmpint (cc_item_get_kind (hit), ==, CC_KIND_LINK);
  }

  /* Somewhere on the canvas is each card */
  cc_render_get_bounds (project, canvas, NULL, &bounds);
  {
    g_autoptr(GHashTable) found = g_hash_table_new (g_direct_hash, g_direct_equal);

    for (double y = bounds.y; y < bounds.y + bounds.height; y += 8)
      for (double x = bounds.x; x < bounds.x + bounds.width; x += 8)
        {
          CcItem *hit = cc_render_hit_test (project, canvas, NULL, x, y);

          if (hit && cc_item_get_kind (hit) == CC_KIND_CARD)
            g_hash_table_add (found, hit);
        }
    g_assert_cmpuint (g_hash_table_size (found), ==, G_N_ELEMENTS (cards_spec));
  }

  /* and on the force field, each force */
  cc_render_get_bounds (project, ff, NULL, &bounds);
  {
    g_autoptr(GHashTable) found = g_hash_table_new (g_direct_hash, g_direct_equal);

    for (double y = bounds.y; y < bounds.y + bounds.height; y += 6)
      for (double x = bounds.x; x < bounds.x + bounds.width; x += 12)
        {
          CcItem *hit = cc_render_hit_test (project, ff, NULL, x, y);

          if (hit)
            g_hash_table_add (found, hit);
        }
    g_assert_cmpuint (g_hash_table_size (found), ==, G_N_ELEMENTS (forces_spec));
  }
}

static void
test_empty_sheets (void)
{
  g_autoptr(CcProject) project = cc_project_new ();
  CcItem *sheets[3];

  sheets[0] = add_sheet (project, CC_KIND_MAP, "m", "Empty map");
  sheets[1] = add_sheet (project, CC_KIND_FORCEFIELD, "f", "Empty force field");
  sheets[2] = add_sheet (project, CC_KIND_CANVAS, "c", "Empty canvas");
  use_template (project, sheets[2], "collaborative-gain");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GBytes) pdf = export (project, sheets[i], CC_EXPORT_PDF, 0);
      g_autoptr(GBytes) png = export (project, sheets[i], CC_EXPORT_PNG, 72);
      g_autofree char *text = pdf_text (pdf);

      if (text == NULL)
        return;
      assert_has (text, cc_item_get_string (sheets[i], CC_SHEET_TITLE));
    }
}

/* The text an empty map shows, drawn with or without the screen's prompts. */
static char *
empty_map_text (gboolean prompts)
{
  g_autoptr(CcProject) project = cc_project_new ();
  CcItem *map = add_sheet (project, CC_KIND_MAP, "m", "Empty map");
  g_autoptr(GByteArray) data = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, data, 900, 400);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) pdf = NULL;
  CcRenderOptions options;

  cc_render_options_init (&options);
  options.prompts = prompts;
  cc_render_sheet (cr, project, map, &options);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  pdf = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  return pdf_text (pdf);
}

/* An empty map says how to start on screen, as a force field does; on
 * paper, only that it is empty. */
static void
test_empty_map_prompt (void)
{
  g_autofree char *screen = empty_map_text (TRUE);
  g_autofree char *paper = empty_map_text (FALSE);

  if (screen == NULL || paper == NULL)
    return;
  assert_has (screen, "No organisations on this map yet");
  assert_has (screen, "Double-click the paper and type a name to add an organisation");
  assert_has (paper, "No organisations on this map yet");
  assert_lacks (paper, "Double-click");
}

/* ---- independence from the desktop ------------------------------------ */

static char *self_path;

static GBytes *
render_in_child (const char * const *env_extra)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *dir = g_dir_make_tmp ("concord-render-XXXXXX", NULL);
  g_autofree char *png_path = g_build_filename (dir, "sheet.png", NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { self_path, "--render-png", png_path, NULL };
  char *contents;
  gsize len;
  int status;

  envp = g_environ_unsetenv (envp, "GTK_THEME");
  /* The child only makes bytes to compare; leaks are the parent's to find. */
  {
    const char *asan = g_environ_getenv (envp, "ASAN_OPTIONS");
    g_autofree char *options = g_strconcat (asan ? asan : "", asan && asan[0] ? ":" : "", "detect_leaks=0", NULL);

    envp = g_environ_setenv (envp, "ASAN_OPTIONS", options, TRUE);
  }
  for (guint i = 0; env_extra && env_extra[i]; i += 2)
    envp = g_environ_setenv (envp, env_extra[i], env_extra[i + 1], TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_file_get_contents (png_path, &contents, &len, &error);
  g_assert_no_error (error);
  g_unlink (png_path);
  g_rmdir (dir);
  return g_bytes_new_take (contents, len);
}

static void
test_independent_of_desktop (void)
{
  const char *dark[] = {
    "GTK_THEME", "Adwaita:dark",
    "ADW_DEBUG_COLOR_SCHEME", "prefer-dark",
    "ADW_DEBUG_HIGH_CONTRAST", "1",
    "GDK_SCALE", "2",
    "GTK_CSD", "0",
    NULL
  };
  g_autoptr(GBytes) plain = render_in_child (NULL);
  g_autoptr(GBytes) themed = render_in_child (dark);

  g_assert_cmpuint (g_bytes_get_size (plain), >, 1000);
  g_assert_true (g_bytes_equal (plain, themed));
}

/* ---- entry points ----------------------------------------------------- */

static int
render_png_to (const char *path)
{
  g_autoptr(CcProject) project = sample_project ();
  g_autoptr(GPtrArray) sheets = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;

  g_ptr_array_add (sheets, cc_project_find_sheet (project, "map1"));
  png = cc_export_sheets (project, sheets, CC_EXPORT_PNG, 72, &error);
  if (png == NULL ||
      !g_file_set_contents (path, g_bytes_get_data (png, NULL), (gssize) g_bytes_get_size (png), &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

static int
export_samples (const char *dir)
{
  g_autoptr(CcProject) project = sample_project ();
  g_autoptr(GError) error = NULL;

  build_forcefield (project, "ffv", TRUE, CC_ORIENTATION_VERTICAL);
  build_forcefield (project, "ffn", FALSE, CC_ORIENTATION_HORIZONTAL);
  build_canvas (project, "cvx", "no-such-template");
  add_sheet (project, CC_KIND_MAP, "empty-map", "An empty map");
  add_sheet (project, CC_KIND_FORCEFIELD, "empty-ff", "An empty force field");
  use_template (project, add_sheet (project, CC_KIND_CANVAS, "empty-cv", "An empty canvas"), "collaborative-gain");
  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < cc_project_get_n_sheets (project); i++)
    {
      CcItem *sheet = cc_project_get_sheet (project, i);
      g_autoptr(GPtrArray) sheets = g_ptr_array_new ();
      static const struct { CcExportFormat format; const char *ext; } formats[] = {
        { CC_EXPORT_PDF, "pdf" }, { CC_EXPORT_PNG, "png" }, { CC_EXPORT_SVG, "svg" },
      };

      g_ptr_array_add (sheets, sheet);
      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          g_autofree char *name = g_strdup_printf ("%s.%s", cc_item_get_id (sheet), formats[f].ext);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autoptr(GBytes) bytes = cc_export_sheets (project, sheets, formats[f].format, 96, &error);

          if (bytes == NULL ||
              !g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), &error))
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
          g_print ("%s\n", path);
        }
    }
  return 0;
}


/* ---- handouts ------------------------------------------------------------ */

/* The share of a drawn page that is not white. */
static double
page_ink (CcHandout *handout, guint page, double w, double h)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (w / 4), (int) (h / 4));
  cairo_t *cr = cairo_create (surface);
  guint inked = 0, total;
  int stride;
  const guchar *data;

  cairo_scale (cr, 0.25, 0.25);
  cc_handout_draw_page (handout, cr, page);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  total = (guint) (cairo_image_surface_get_width (surface) * cairo_image_surface_get_height (surface));
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + 4 * x);

        inked += (px & 0xffffff) != 0xffffff;
      }
  cairo_surface_destroy (surface);
  return (double) inked / total;
}

static void
test_handout_pages (void)
{
  g_autoptr(CcProject) project = sample_project ();
  g_autoptr(GPtrArray) sheets = g_ptr_array_new ();
  CcHandoutOptions options;
  guint n = cc_project_get_n_sheets (project);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sheets, cc_project_get_sheet (project, i));

  /* A page a sheet by default, none blank, whatever the paper */
  cc_handout_options_init (&options);
  options.date = "1 March 2026";
  {
    g_autoptr(CcHandout) h = cc_handout_new (project, sheets, &options);

    g_assert_cmpuint (cc_handout_get_n_pages (h), ==, n);
    for (guint p = 0; p < n; p++)
      g_assert_cmpfloat (page_ink (h, p, options.paper_width, options.paper_height), >, 0.005);
  }
  /* Posters: columns × rows pages a sheet; counts beyond the limits are kept to them */
  options.tile_columns = 3;
  options.tile_rows = 2;
  {
    g_autoptr(CcHandout) h = cc_handout_new (project, sheets, &options);

    g_assert_cmpuint (cc_handout_get_n_pages (h), ==, 6 * n);
    for (guint p = 0; p < 6 * n; p++)
      g_assert_cmpfloat (page_ink (h, p, options.paper_width, options.paper_height), >, 0.002);
  }
  options.tile_columns = 0;
  options.tile_rows = 99;
  {
    g_autoptr(CcHandout) h = cc_handout_new (project, sheets, &options);

    g_assert_cmpuint (cc_handout_get_n_pages (h), ==, CC_TILE_MAX * n);
  }
  /* A cover before the sheets, an appendix after */
  options.tile_columns = options.tile_rows = 1;
  options.cover = options.appendix = TRUE;
  {
    g_autoptr(CcHandout) h = cc_handout_new (project, sheets, &options);
    g_autoptr(GBytes) pdf = NULL;
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_cmpuint (cc_handout_get_n_pages (h), >=, n + 2);
    pdf = cc_handout_export_pdf (h, &error);
    g_assert_no_error (error);
    text = pdf_text (pdf);
    if (text != NULL)
      {
        assert_has (text, "Contents");
        assert_has (text, "1 March 2026");
        assert_has (text, "Appendix");
      }
  }
  /* No sheets: nothing to export, said plainly */
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();
    g_autoptr(CcHandout) h = NULL;
    g_autoptr(GError) error = NULL;

    options.cover = options.appendix = FALSE;
    h = cc_handout_new (project, none, &options);
    g_assert_cmpuint (cc_handout_get_n_pages (h), ==, 0);
    g_assert_null (cc_handout_export_pdf (h, &error));
    g_assert_error (error, CC_EXPORT_ERROR, CC_EXPORT_ERROR_FAILED);
  }
  /* Every paper the command line names, turned for landscape */
  {
    double w, h;

    g_assert_true (cc_paper_size ("A3", TRUE, &w, &h));
    g_assert_cmpfloat_with_epsilon (w, 1190.55, 0.01);
    g_assert_cmpfloat_with_epsilon (h, 841.89, 0.01);
    g_assert_true (cc_paper_size ("legal", FALSE, &w, &h));
    g_assert_cmpfloat (h, ==, 1008);
    g_assert_false (cc_paper_size ("a5", FALSE, &w, &h));
    g_assert_false (cc_paper_size (NULL, FALSE, &w, &h));
  }
}

/* Strokes of every kind, at a scale that makes some dashes finer than a
 * point and some lines thinner than one */
static GBytes *
stroke_sample (gboolean coarse)
{
  static const double dots[] = { 0, 1.5 }, dashes[] = { 4, 2.5 }, dash_dot[] = { 5, 2, 0, 2 }, odd[] = { 3 };
  static const double fine[] = { 0.05, 2 };
  struct { const double *dash; int n; double width; cairo_line_cap_t cap; } strokes[] = {
    { NULL, 0, 0.2, CAIRO_LINE_CAP_BUTT }, { NULL, 0, 3, CAIRO_LINE_CAP_ROUND }, { dots, 2, 0.8, CAIRO_LINE_CAP_ROUND },
    { dots, 2, 4, CAIRO_LINE_CAP_ROUND }, { dashes, 2, 0.5, CAIRO_LINE_CAP_BUTT }, { dash_dot, 4, 1, CAIRO_LINE_CAP_ROUND },
    { odd, 1, 1, CAIRO_LINE_CAP_SQUARE }, { fine, 2, 0.2, CAIRO_LINE_CAP_ROUND },
  };
  g_autoptr(GByteArray) data = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, data, 400, 400);
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, "2026-03-01T10:00:00");
  for (guint scale = 0; scale < 3; scale++)
    for (guint i = 0; i < G_N_ELEMENTS (strokes); i++)
      {
        cairo_save (cr);
        cairo_scale (cr, 1.0 / (1 + 3 * scale), 1.0 / (1 + 3 * scale));
        cairo_set_line_width (cr, strokes[i].width);
        cairo_set_line_cap (cr, strokes[i].cap);
        cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
        cairo_set_dash (cr, strokes[i].dash, strokes[i].n, scale == 1 ? 0 : 0.5);
        for (guint shape = 0; shape < 3; shape++)
          {
            if (shape == 0)
              {
                cairo_move_to (cr, 10, 10 + 30 * i);
                cairo_curve_to (cr, 100, 0 + 30 * i, 200, 40 + 30 * i, 380, 10 + 30 * i);
                cairo_move_to (cr, 10, 300 + 10 * i);
                cairo_line_to (cr, 10, 300 + 10 * i);  /* a dot */
              }
            else  /* a tiny circle, then a small one, each alone */
              cairo_arc (cr, 50 + 10 * i, 300 + 20 * shape, shape == 1 ? 0.3 : 2, 0, 2 * G_PI);
            if (coarse)
              cc_stroke (cr, FALSE);
            else
              cairo_stroke (cr);
          }
        g_assert_cmpfloat (cairo_get_tolerance (cr), ==, 0.1);
        cairo_restore (cr);
      }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Strokes on paper, with the tolerance the renderer uses there, make the
 * very file cairo's own make */
/* A sheet of a newer Concord is not a blank page: screen, PNG, SVG, PDF and
 * handout show a card that names it and says it is kept as it is. */
static void
test_newer_sheet (void)
{
  g_autoptr(CcProject) project = cc_project_new ();
  g_autoptr(GPtrArray) sheets = g_ptr_array_new ();
  CcItem *sheet = cc_item_new (CC_KIND_NEWER_SHEET);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *image;
  CcHandoutOptions options;
  CcRect bounds;
  guint64 inked = 0;
  int w, h;

  cc_item_set_id (sheet, "t1");
  cc_item_set_string (sheet, CC_NEWER_SHEET_TITLE, "Milestones of the partnership");
  cc_item_set_string (sheet, CC_NEWER_SHEET_TYPE, "timeline");
  sheet = cc_project_insert (project, cc_project_get_root (project), CC_PROJECT_SHEETS, -1, sheet);

  cc_render_get_bounds (project, sheet, NULL, &bounds);
  g_assert_cmpfloat (bounds.width, >, 300);
  g_assert_cmpfloat (bounds.height, >, 100);
  /* Nothing on it can be picked */
  g_assert_null (cc_render_hit_test (project, sheet, NULL, bounds.x + bounds.width / 2,
                                     bounds.y + bounds.height / 2));

  pdf = export (project, sheet, CC_EXPORT_PDF, 0);
  text = pdf_text (pdf);
  if (text == NULL)
    return;
  assert_has (text, "Milestones of the partnership");
  assert_has (text, "Made by a newer Concord");
  assert_has (text, "“timeline” sheet");
  assert_has (text, "saved unchanged");

  svg = export (project, sheet, CC_EXPORT_SVG, 0);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (svg, NULL), (gssize) g_bytes_get_size (svg), "<svg"));

  png = export (project, sheet, CC_EXPORT_PNG, 72);
  image = png_decode (png);
  w = cairo_image_surface_get_width (image);
  h = cairo_image_surface_get_height (image);
  g_assert_cmpfloat (fabs (w - bounds.width), <=, 3);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      inked += pixel_at (image, x, y) != 0xffffff;
  g_assert_cmpfloat ((double) inked / ((double) w * h), >, 0.03);
  cairo_surface_destroy (image);

  /* Its handout page is drawn, not left blank */
  g_ptr_array_add (sheets, sheet);
  cc_handout_options_init (&options);
  options.date = "1 March 2026";
  {
    g_autoptr(CcHandout) handout = cc_handout_new (project, sheets, &options);

    g_assert_cmpuint (cc_handout_get_n_pages (handout), ==, 1);
    g_assert_cmpfloat (page_ink (handout, 0, options.paper_width, options.paper_height), >, 0.005);
  }
}

/* The date a handout shows: the project's own (Project Properties), else
 * today, written without padding. */
static void
test_handout_date (void)
{
  g_autoptr(CcProject) project = sample_project ();
  g_autoptr(GPtrArray) sheets = g_ptr_array_new ();
  CcItem *meta = cc_project_get_meta (project);
  CcHandoutOptions options;

  if (meta == NULL)
    meta = cc_project_insert (project, cc_project_get_root (project), CC_PROJECT_META, 0, cc_item_new (CC_KIND_META));
  cc_project_set_string (project, meta, CC_META_DATE, "2026-03-01");
  g_ptr_array_add (sheets, cc_project_get_sheet (project, 0));
  cc_handout_options_init (&options);
  options.cover = TRUE;
  {
    g_autoptr(CcHandout) h = cc_handout_new (project, sheets, &options);
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) pdf = cc_handout_export_pdf (h, &error);
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    text = pdf_text (pdf);
    if (text != NULL)
      assert_has (text, " 1 March 2026");
  }
  cc_project_set_string (project, meta, CC_META_DATE, "");
  {
    g_autoptr(CcHandout) h = cc_handout_new (project, sheets, &options);
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) pdf = cc_handout_export_pdf (h, &error);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%-d %B %Y");
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    text = pdf_text (pdf);
    if (text != NULL)
      {
        assert_has (text, today);
        assert_lacks (text, "\xe2\x80\x87");   /* no figure space before a one-digit day */
      }
  }
}

static void
test_paper_strokes_unchanged (void)
{
  g_autoptr(GBytes) plain = stroke_sample (FALSE);
  g_autoptr(GBytes) coarse = stroke_sample (TRUE);

  g_assert_true (g_bytes_equal (plain, coarse));
}

/* Two handouts alive at once, as when a print and an export overlap: the
 * second sets its appendix on font maps of its own, which what it set keeps
 * for as long as it lives. Both come out whole, the same. */
static void
test_handouts_at_once (void)
{
  g_autoptr(CcProject) project = grid_project (1200, FALSE);
  g_autoptr(GPtrArray) sheets = g_ptr_array_new ();
  g_autoptr(GBytes) first_pdf = NULL;
  g_autoptr(GBytes) second_pdf = NULL;
  g_autoptr(GError) error = NULL;
  CcHandoutOptions options;
  CcHandout *first, *second;

  g_ptr_array_add (sheets, cc_project_get_sheet (project, 0));
  cc_handout_options_init (&options);
  options.date = "1 March 2026";
  options.cover = options.appendix = TRUE;
  first = cc_handout_new (project, sheets, &options);
  second = cc_handout_new (project, sheets, &options);
  second_pdf = cc_handout_export_pdf (second, &error);
  g_assert_no_error (error);
  cc_handout_free (second);
  first_pdf = cc_handout_export_pdf (first, &error);
  g_assert_no_error (error);
  cc_handout_free (first);
  g_assert_cmpint (pdf_page_count (first_pdf), >, 10);
  g_assert_cmpint (pdf_page_count (first_pdf), ==, pdf_page_count (second_pdf));
}

/* ---- the text setter ---------------------------------------------------- */

/* A context as the handout's: points, unhinted, natural advances */
static PangoContext *
setter_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

static PangoFontDescription *
setter_font (double size, PangoStyle style)
{
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, DejaVu Sans, sans-serif");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_style (font, style);
  return font;
}

/* What Pango makes of the same: one layout, the second part by attributes */
static PangoLayout *
pango_setting (PangoContext *context, const char *text, const PangoFontDescription *font, gsize second_at,
               const PangoFontDescription *second, double width, PangoAlignment align)
{
  PangoLayout *layout = pango_layout_new (context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_alignment (layout, align);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  if (second_at > 0)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      PangoAttribute *attr = pango_attr_font_desc_new (second);

      attr->start_index = (guint) second_at;
      pango_attr_list_insert (attrs, attr);
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

/* The setter's lines against Pango's: where each starts in the text and on
 * the page, and the height and width of them all */
static void
assert_set_like_pango (const CcSetText *set, PangoLayout *layout)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  PangoRectangle logical;
  guint i = 0;

  /* The setter leaves to Pango only a text Pango breaks inside a word (at
   * a hyphen or a slash, shaping it in two, or anywhere when a word is wider
   * than the measure) or inside a run of spaces */
  if (set == NULL)
    {
      const char *text = pango_layout_get_text (layout);
      gboolean inside = FALSE;

      for (GSList *l = pango_layout_get_lines_readonly (layout)->next; l != NULL; l = l->next)
        {
          int at = ((PangoLayoutLine *) l->data)->start_index;

          inside = inside || (at > 0 && text[at - 1] != ' ' && text[at - 1] != '\n') || text[at] == ' ';
        }
      pango_layout_iter_free (iter);
      g_assert_true (inside);
      return;
    }
  g_assert_cmpuint (cc_set_text_get_n_lines (set), ==, (guint) pango_layout_get_line_count (layout));
  do
    {
      gsize start;
      double x;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      cc_set_text_get_line (set, i++, &start, NULL, &x);
      g_assert_cmpuint (start, ==, (gsize) pango_layout_iter_get_line_readonly (iter)->start_index);
      g_assert_cmpfloat_with_epsilon (x, (double) logical.x / PANGO_SCALE, 0.01);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  pango_layout_get_extents (layout, NULL, &logical);
  g_assert_cmpfloat_with_epsilon (cc_set_text_get_height (set), (double) logical.height / PANGO_SCALE, 0.01);
  g_assert_cmpfloat_with_epsilon (cc_set_text_get_width (set), (double) logical.width / PANGO_SCALE, 0.01);
}

/* Lines start where Pango starts them, and the paragraph is as tall */
static void
test_text_setter_like_pango (void)
{
  static const char *texts[] = {
    "Organisation 26 — Public, Organisation",
    "Works with partners across the area on the themes the board agreed in spring, and reports to the "
    "strategic partnership every quarter, with a written summary, a list of actions and their owners.",
    "Two lines\nmade by a line break\n\nand one left empty",
    "Ends with a line break\n",
    "Café crème, naïve Zoë — Łódź, Ærø, São Paulo: 12 % · €40 … “quoted” ‘single’ Œuvre ß",
    "A well-known cross-sector long-term co-operation, re-examined year-on-year",
    "2024 — 2026: 45 %, 1,200 × 3",
    "Em—dash—joined words and a slash/separated pair",
    "Why? Because! Wait… then a?b, a}b, a|b and ( spaced ) or [ bracketed ] text",
    "Le mot : la phrase ; « guillemets » ! et ‹ chevrons › ?",
    "  Indented,   with   runs   of   spaces   between   the   words   ",
    "See http://example.org/partners/a-b, ranges 12-14 and x-1, 10/12 and a/1",
    "Costs £1,200 (15%) — or 50€ — per year; ratio 3×4 ÷ 2 ± 1°",
    "aaaa bbbb \nc",
    "See section A.12 now, p.12 and a,1 or a:1",
    "aaaa bbbb\u00a0",
    "Lead partner\nNotes on the lead partner, set smaller and in italics, that run on for a line or two "
    "at the narrower widths.",
    "",
  };
  static const double widths[] = { 42, 44, 70, 130, 330, 1000, 0 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT };
  g_autoptr(GObject) context_object = G_OBJECT (setter_context ());
  PangoContext *context = PANGO_CONTEXT (context_object);
  g_autoptr(CcTextSetter) setter = cc_text_setter_new (context);
  PangoFontDescription *font = setter_font (9.5, PANGO_STYLE_NORMAL);
  PangoFontDescription *note = setter_font (8.5, PANGO_STYLE_ITALIC);

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      for (guint a = 0; a < G_N_ELEMENTS (aligns); a++)
        {
          const char *newline = strchr (texts[t], '\n');
          gsize second_at = g_str_has_prefix (texts[t], "Lead") ? (gsize) (newline - texts[t]) + 1 : 0;
          g_autoptr(CcSetText) set = cc_text_setter_set (setter, texts[t], font, second_at, note, widths[w],
                                                         aligns[a], 0);
          g_autoptr(PangoLayout) layout = pango_setting (context, texts[t], font, second_at, note, widths[w],
                                                         aligns[a]);

          g_test_message ("“%s” in %g points, aligned %d", texts[t], widths[w], aligns[a]);
          assert_set_like_pango (set, layout);
        }
  /* And paragraphs of words, numbers and punctuation picked at random */
  {
    static const char *words[] = { "partnership", "the", "of", "co-operation", "Council", "(statutory)", "—",
                                   "“shared", "outcomes”", "12-14", "£1,200", "50%", "e.g.", "a/b", "and/or",
                                   "Zoë’s", "Łódź", "!", "?", ":", ";", "…", "–", "x", "long-term", "«", "»",
                                   "http://example.org/a", "[note]", "10/12", "Trust,", "board.", "(", ")",
                                   "no\u00a0break" };
    g_autoptr(GRand) rand = g_rand_new_with_seed (14);
    GString *text = g_string_new (NULL);
    guint n_set = 0;

    for (guint t = 0; t < 300; t++)
      {
        double width = g_rand_double_range (rand, 90, 400);
        PangoAlignment align = (PangoAlignment) g_rand_int_range (rand, 0, 3);
        g_autoptr(CcSetText) set = NULL;
        g_autoptr(PangoLayout) layout = NULL;

        g_string_truncate (text, 0);
        for (guint w = g_rand_int_range (rand, 1, 60); w > 0; w--)
          g_string_append_printf (text, "%s%s", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                  w > 1 ? (g_rand_int_range (rand, 0, 8) == 0 ? "  " : " ") : "");
        set = cc_text_setter_set (setter, text->str, font, 0, NULL, width, align, 0);
        layout = pango_setting (context, text->str, font, 0, NULL, width, align);
        g_test_message ("“%s” in %g points, aligned %d", text->str, width, align);
        assert_set_like_pango (set, layout);
        n_set += set != NULL;
      }
    /* Most by the setter, all but those with a word broken at a line's end
     * (a third of these words have hyphens or slashes) */
    g_assert_cmpuint (n_set, >, 150);
    g_string_free (text, TRUE);
  }
  pango_font_description_free (font);
  pango_font_description_free (note);
}

/* What it cannot set as Pango would, it leaves to Pango */
static void
test_text_setter_refuses (void)
{
  static const char *texts[] = {
    "شراكة المجتمع",                 /* right to left */
    "Partners: שותפות",              /* a right-to-left word among Latin ones */
    "合作伙伴",                      /* another script */
    "Chair\tTreasurer",              /* a tab */
    "Working together 🤝",           /* an emoji, from another font */
    "co\u00adoperation",             /* a soft hyphen */
    "Cafe\u0301",                    /* a combining accent */
    "hy\u2027phen",                  /* a hyphenation point, a hyphen at a break */
    "Supercalifragilisticexpialidocious", /* wider than the measure */
  };
  g_autoptr(GObject) context_object = G_OBJECT (setter_context ());
  PangoContext *context = PANGO_CONTEXT (context_object);
  g_autoptr(CcTextSetter) setter = cc_text_setter_new (context);
  PangoFontDescription *font = setter_font (9.5, PANGO_STYLE_NORMAL);

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr(CcSetText) set = cc_text_setter_set (setter, texts[t], font, 0, NULL, 60, PANGO_ALIGN_LEFT, 0);

      g_test_message ("“%s”", texts[t]);
      g_assert_null (set);
    }
  /* The second font begins a line, nowhere else */
  g_assert_null (cc_text_setter_set (setter, "Name and notes", font, 5, font, 300, PANGO_ALIGN_LEFT, 0));
  /* Still sets what it takes after refusing; more lines than allowed are
   * Pango's to end with an ellipsis */
  {
    g_autoptr(CcSetText) set = cc_text_setter_set (setter, "Community partners", font, 0, NULL, 60,
                                                   PANGO_ALIGN_LEFT, 2);

    g_assert_nonnull (set);
    g_assert_cmpuint (cc_set_text_get_n_lines (set), ==, 2);
    g_assert_null (cc_text_setter_set (setter, "Community partners", font, 0, NULL, 60, PANGO_ALIGN_LEFT, 1));
  }
  /* A last line wider than the measure only by its spaces: Pango's to end
   * with an ellipsis when lines are limited */
  {
    g_autoptr(CcSetText) unwrapped = cc_text_setter_set (setter, "Community partners", font, 0, NULL, 0,
                                                         PANGO_ALIGN_LEFT, 0);
    double width = cc_set_text_get_width (unwrapped) + 0.5;
    g_autoptr(CcSetText) unlimited = cc_text_setter_set (setter, "Community partners ", font, 0, NULL, width,
                                                         PANGO_ALIGN_LEFT, 0);

    g_assert_nonnull (unlimited);
    g_assert_cmpuint (cc_set_text_get_n_lines (unlimited), ==, 1);
    g_assert_null (cc_text_setter_set (setter, "Community partners ", font, 0, NULL, width, PANGO_ALIGN_LEFT, 1));
  }
  /* A text of book length is Pango's too */
  {
    GString *book = g_string_new (NULL);

    while (book->len < 100 * 1024)
      g_string_append (book, "partners ");
    g_assert_null (cc_text_setter_set (setter, book->str, font, 0, NULL, 300, PANGO_ALIGN_LEFT, 0));
    g_string_free (book, TRUE);
  }
  pango_font_description_free (font);
}

/* ---- paragraphs ---------------------------------------------------------- */

/* Red pixels in @surface (RGB24) whose row is at or past @from_row */
static int
count_reddish (cairo_surface_t *surface, int from_row, int to_row)
{
  const guint8 *pixels = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface), n = 0;

  cairo_surface_flush (surface);
  for (int y = MAX (from_row, 0); y < MIN (to_row, cairo_image_surface_get_height (surface)); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        guint32 px = *(const guint32 *) (pixels + y * stride + 4 * x);
        int r = px >> 16 & 0xff, g = px >> 8 & 0xff, b = px & 0xff;

        n += r > 128 && g < 100 && b < 100;
      }
  return n;
}

/* One type for both setters: plain text by the fast one, the rest by Pango,
 * measured as Pango measures it either way */
static void
test_paragraph_either_setter (void)
{
  static const char *texts[] = {
    "Community partners in the north of the borough",   /* the setter's */
    "\u0645\u062c\u0644\u0633 \u0627\u0644\u0645\u062f\u064a\u0646\u0629",  /* right to left: Pango's */
    "Tabs\tare Pango's",
  };
  g_autoptr(GObject) context_object = G_OBJECT (setter_context ());
  PangoContext *context = PANGO_CONTEXT (context_object);
  g_autoptr(CcParagraphContext) pc = cc_paragraph_context_new (context);
  PangoFontDescription *font = setter_font (11, PANGO_STYLE_NORMAL);
  CcParagraphSpec spec = { 0 };

  g_assert_true (cc_paragraph_context_get_pango (pc) == context);
  spec.font = font;
  spec.width = 120;
  spec.align = PANGO_ALIGN_LEFT;
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autofree char *text = g_strcompress (texts[t]);
      g_autoptr(CcParagraph) p = cc_paragraph_new (pc, text, &spec);
      g_autoptr(PangoLayout) layout = pango_setting (context, text, font, 0, NULL, 120, PANGO_ALIGN_LEFT);
      PangoRectangle logical;

      g_assert_cmpint (cc_paragraph_is_fast (p), ==, t == 0);
      pango_layout_get_extents (layout, NULL, &logical);
      g_assert_cmpfloat_with_epsilon (cc_paragraph_get_width (p), (double) logical.width / PANGO_SCALE, 0.01);
      g_assert_cmpfloat_with_epsilon (cc_paragraph_get_height (p), (double) logical.height / PANGO_SCALE, 0.01);
      g_assert_cmpuint (cc_paragraph_get_n_lines (p), ==, (guint) pango_layout_get_line_count (layout));
    }

  /* At most so many lines, by either */
  {
    g_autoptr(CcParagraph) all = cc_paragraph_new (pc, texts[0], &spec);
    g_autoptr(CcParagraph) two = NULL;
    g_autoptr(CcParagraph) tall = NULL;

    g_assert_cmpuint (cc_paragraph_get_n_lines (all), >, 2);
    spec.max_lines = 2;
    two = cc_paragraph_new (pc, texts[0], &spec);
    g_assert_cmpuint (cc_paragraph_get_n_lines (two), ==, 2);
    g_assert_cmpfloat (cc_paragraph_get_height (two), <, cc_paragraph_get_height (all));
    /* A height to stop at is Pango's */
    spec.max_lines = 0;
    spec.max_height = cc_paragraph_get_height (two) + 1;
    tall = cc_paragraph_new (pc, texts[0], &spec);
    g_assert_false (cc_paragraph_is_fast (tall));
    g_assert_cmpuint (cc_paragraph_get_n_lines (tall), ==, 2);
  }
  /* Unwrapped: one line, max_lines ignored */
  {
    g_autoptr(CcParagraph) line = NULL;

    spec.width = 0;
    spec.max_lines = 1;
    spec.max_height = 0;
    line = cc_paragraph_new (pc, texts[0], &spec);
    g_assert_cmpuint (cc_paragraph_get_n_lines (line), ==, 1);
  }
  pango_font_description_free (font);
}

/* The second part in its own ink, whoever sets it */
static void
test_paragraph_draws_second_part (void)
{
  static const char *texts[] = {
    "Riverside Housing Trust\nRuns the tenants' forum with the council.",
    "Riverside Housing Trust\nRuns the \u0645\u062c\u0644\u0633 with the council.",
  };
  g_autoptr(GObject) context_object = G_OBJECT (setter_context ());
  PangoContext *context = PANGO_CONTEXT (context_object);
  g_autoptr(CcParagraphContext) pc = cc_paragraph_context_new (context);
  PangoFontDescription *font = setter_font (9.5, PANGO_STYLE_NORMAL);
  PangoFontDescription *note = setter_font (8.5, PANGO_STYLE_ITALIC);
  const CcRgb red = { 1, 0, 0 }, black = { 0, 0, 0 };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autofree char *text = g_strcompress (texts[t]);
      CcParagraphSpec spec = { font, 300, PANGO_ALIGN_LEFT, 0, 0, 0, note, &red };
      g_autoptr(CcParagraph) p = NULL;
      g_autoptr(CcParagraph) first = NULL;
      cairo_surface_t *surface;
      cairo_t *cr;
      double first_h;

      spec.second_at = (gsize) (strchr (text, '\n') - text) + 1;
      p = cc_paragraph_new (pc, text, &spec);
      g_assert_cmpint (cc_paragraph_is_fast (p), ==, t == 0);
      {
        CcParagraphSpec plain = { font, 300, PANGO_ALIGN_LEFT, 0, 0, 0, NULL, NULL };

        first = cc_paragraph_new (pc, "Riverside Housing Trust", &plain);
        first_h = cc_paragraph_get_height (first);
      }
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 320, 60);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cc_paragraph_draw (p, cr, 0, 0, &black);
      cairo_destroy (cr);
      g_assert_cmpint (count_reddish (surface, 0, (int) floor (first_h) - 1), ==, 0);
      g_assert_cmpint (count_reddish (surface, (int) ceil (first_h), 60), >, 20);
      cairo_surface_destroy (surface);
    }
  pango_font_description_free (font);
  pango_font_description_free (note);
}

/* Text it sets stays text in a PDF, in order, and the second part takes the
 * second colour */
static void
test_text_setter_draws (void)
{
  static const char *text = "Riverside Housing Trust — Voluntary, Housing association\n"
                            "Runs the tenants’ forum; co-chairs the estate board with the council.";
  gsize second_at = (gsize) (strchr (text, '\n') - text) + 1;
  g_autoptr(GObject) context_object = G_OBJECT (setter_context ());
  PangoContext *context = PANGO_CONTEXT (context_object);
  g_autoptr(CcTextSetter) setter = cc_text_setter_new (context);
  PangoFontDescription *font = setter_font (9.5, PANGO_STYLE_NORMAL);
  PangoFontDescription *note = setter_font (8.5, PANGO_STYLE_ITALIC);
  g_autoptr(CcSetText) set = cc_text_setter_set (setter, text, font, second_at, note, 160, PANGO_ALIGN_LEFT, 0);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *found = NULL;
  cairo_pattern_t *red = cairo_pattern_create_rgb (1, 0, 0);
  cairo_surface_t *surface;
  cairo_t *cr;
  double height;
  int red_above = 0, red_below = 0, stride;
  const guint8 *pixels;

  g_assert_nonnull (set);
  g_assert_cmpuint (cc_set_text_get_n_lines (set), >=, 4);
  height = cc_set_text_get_height (set);

  surface = cairo_pdf_surface_create_for_stream (append_bytes, data, 300, 300);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cc_set_text_draw (set, cr, 20, 20, red);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  pdf = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  found = pdf_text (pdf);
  if (found != NULL)
    {
      assert_has (found, "Riverside Housing Trust — Voluntary, Housing");
      assert_has (found, "Runs the tenants’ forum;");
      assert_has (found, "council.");
      g_assert_true (strstr (found, "Riverside") < strstr (found, "tenants"));
    }

  /* In pixels: black for the first line's, red only below it */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, (int) ceil (height) + 10);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cc_set_text_draw (set, cr, 0, 0, red);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < 200; x++)
      {
        guint32 px = *(const guint32 *) (pixels + y * stride + x * 4);
        gboolean is_red = ((px >> 16) & 0xff) > 0xc0 && ((px >> 8) & 0xff) < 0x60;

        if (is_red && y < 12)
          red_above++;
        else if (is_red)
          red_below++;
      }
  cairo_surface_destroy (surface);
  g_assert_cmpint (red_above, ==, 0);
  g_assert_cmpint (red_below, >, 50);
  cairo_pattern_destroy (red);
  pango_font_description_free (font);
  pango_font_description_free (note);
}

/* ---- text of the file among Concord's words ---------------------------- */

/* Which strings are isolated, and how */
static void
test_bidi_isolate (void)
{
  static const char *plain[] = {
    "", "Health Board", "Zoë’s Café — co-operation", "Сотрудничество центр", "合作伙伴中心", "Working together 🤝",
    "1–5 “quoted” (brackets) → arrows",
  };
  static const char *wrapped[] = {
    "شراكة المجتمع", "Partners: שותפות", "\u202EPartnership map", "\u202Aembedded", "\u202Bembedded",
    "\u202Coops", "\u202Doverride", "\u200Emark", "\u200Fmark", "\u2066isolate", "\u2067isolate",
    "\u2068isolate", "\u2069pop", "\u061Cmark", "ܫܠܡܐ", "ދިވެހި", "ߒߞߏ", "\U0001E900 Adlam",
  };
  g_autofree char *null = cc_bidi_isolate (NULL);
  g_autofree char *stripped = g_strdup ("\u202EPartnership\u2069 map\u200E.concord");
  GString *string = g_string_new ("Plan: ");

  g_assert_false (cc_bidi_concord_is_rtl ());
  g_assert_cmpstr (null, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      g_autofree char *isolated = cc_bidi_isolate (plain[i]);

      g_assert_false (cc_bidi_needs_isolate (plain[i]));
      g_assert_cmpstr (isolated, ==, plain[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (wrapped); i++)
    {
      g_autofree char *isolated = cc_bidi_isolate (wrapped[i]);
      g_autofree char *expected = g_strconcat ("\u200E\u2068", wrapped[i], "\u2069", NULL);

      g_test_message ("%s", wrapped[i]);
      g_assert_true (cc_bidi_needs_isolate (wrapped[i]));
      g_assert_cmpstr (isolated, ==, expected);
    }
  cc_bidi_append (string, "\u202Eowner");
  g_string_append (string, "; by Friday");
  g_assert_cmpstr (string->str, ==, "Plan: \u200E\u2068\u202Eowner\u2069; by Friday");
  g_string_free (string, TRUE);
  cc_bidi_strip_controls (stripped);
  g_assert_cmpstr (stripped, ==, "Partnership map.concord");
}

/* Where @layout shows bytes @from to @to of its text: leftmost and
 * rightmost x, Pango units, and how many glyphs have ink */
static void
layout_span (PangoLayout *layout, gsize from, gsize to, int *left, int *right)
{
  const char *text = pango_layout_get_text (layout);

  *left = G_MAXINT;
  *right = G_MININT;
  for (const char *p = text + from; p < text + to; p = g_utf8_next_char (p))
    {
      PangoRectangle pos;

      pango_layout_index_to_pos (layout, (int) (p - text), &pos);
      if (pos.width == 0)
        continue;
      *left = MIN (*left, MIN (pos.x, pos.x + pos.width));
      *right = MAX (*right, MAX (pos.x, pos.x + pos.width));
    }
}

/* An isolated string is Pango's to set (the text setter takes no bidi
 * control), and Pango sets it in its place: the override ends with it, the
 * line stays left to right, the controls are drawn as nothing in the fonts
 * the handout uses. Plain text is not wrapped, so it stays the setter's. */
static void
test_bidi_set_by_pango (void)
{
  static const char *fonts[] = { "Cantarell", "DejaVu Sans" };
  g_autoptr(GObject) context_object = G_OBJECT (setter_context ());
  PangoContext *context = PANGO_CONTEXT (context_object);
  g_autoptr(CcTextSetter) setter = cc_text_setter_new (context);
  PangoFontDescription *font = setter_font (11, PANGO_STYLE_NORMAL);
  g_autofree char *title = cc_bidi_isolate ("\u202EPartnership map");
  g_autofree char *line = g_strdup_printf ("1.  %s — Partnership map", title);
  g_autofree char *plain_name = cc_bidi_isolate ("Council");
  g_autofree char *plain = g_strdup_printf ("%s — Public, Organisation", plain_name);
  g_autofree char *arabic_name = cc_bidi_isolate ("مجلس الصحة");
  g_autofree char *arabic = g_strdup_printf ("%s — Voluntary, Organisation", arabic_name);

  /* The setter's: plain; Pango's: anything isolated */
  {
    g_autoptr(CcSetText) set = cc_text_setter_set (setter, plain, font, 0, NULL, 300, PANGO_ALIGN_LEFT, 0);

    g_assert_nonnull (set);
    g_assert_null (cc_text_setter_set (setter, line, font, 0, NULL, 300, PANGO_ALIGN_LEFT, 0));
    g_assert_null (cc_text_setter_set (setter, arabic, font, 0, NULL, 300, PANGO_ALIGN_LEFT, 0));
  }
  for (guint f = 0; f < G_N_ELEMENTS (fonts); f++)
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (context);
      g_autoptr(PangoLayout) bare = pango_layout_new (context);
      PangoFontDescription *desc = pango_font_description_from_string (fonts[f]);
      const char *text;
      const char *at;
      gsize start, end;
      int number_l, number_r, title_l, title_r, after_l, after_r, w, bare_w;

      pango_font_description_set_absolute_size (desc, 11 * PANGO_SCALE);
      pango_layout_set_font_description (layout, desc);
      pango_layout_set_font_description (bare, desc);
      pango_layout_set_width (layout, 400 * PANGO_SCALE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

      /* The contents line: "1.", then the title turned round by its own
       * override, then Concord's words, left to right */
      pango_layout_set_text (layout, line, -1);
      text = pango_layout_get_text (layout);
      at = strstr (text, "\u202E");
      start = (gsize) (at - text);
      end = (gsize) (strstr (text, "\u2069") - text);
      g_assert_cmpint (pango_layout_get_line_readonly (layout, 0)->resolved_dir, ==, PANGO_DIRECTION_LTR);
      g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
      layout_span (layout, 0, 2, &number_l, &number_r);
      layout_span (layout, start, end, &title_l, &title_r);
      layout_span (layout, end, strlen (text), &after_l, &after_r);
      g_assert_cmpint (number_r, <=, title_l);
      g_assert_cmpint (title_r, <=, after_l);
      /* ... the title reversed: its "P" rightmost of it */
      {
        PangoRectangle p, m;

        pango_layout_index_to_pos (layout, (int) (at - text) + 3, &p);                       /* "P" */
        pango_layout_index_to_pos (layout, (int) (strstr (text, "map\u2069") - text), &m);  /* its "m" */
        g_assert_cmpint (MIN (p.x, p.x + p.width), >, MIN (m.x, m.x + m.width));
      }

      /* An Arabic name: right to left in itself, before Concord's words */
      pango_layout_set_text (layout, arabic, -1);
      text = pango_layout_get_text (layout);
      end = (gsize) (strstr (text, "\u2069") - text);
      g_assert_cmpint (pango_layout_get_line_readonly (layout, 0)->resolved_dir, ==, PANGO_DIRECTION_LTR);
      g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
      layout_span (layout, 0, end, &title_l, &title_r);
      layout_span (layout, end, strlen (text), &after_l, &after_r);
      g_assert_cmpint (title_r, <=, after_l);
      g_assert_cmpint (title_l, <, 2 * PANGO_SCALE);  /* from the left edge, not aligned right */

      /* The marks and isolates take no room: not drawn as boxes */
      pango_layout_set_width (layout, -1);
      pango_layout_set_text (layout, "\u200E\u2068Health Board\u2069 — \u200F\u2066Council\u2069", -1);
      pango_layout_set_text (bare, "Health Board — Council", -1);
      g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
      pango_layout_get_size (layout, &w, NULL);
      pango_layout_get_size (bare, &bare_w, NULL);
      g_assert_cmpint (ABS (w - bare_w), <=, 1);
      pango_font_description_free (desc);
    }
  pango_font_description_free (font);
}

/* A handout of hostile names, through the renderer: the text a PDF reader
 * copies keeps Concord's words whole and the controls inside */
static void
test_bidi_handout (void)
{
  g_autoptr(CcProject) project = cc_project_new ();
  CcItem *map = add_sheet (project, CC_KIND_MAP, "map", "\u202EPartnership map");
  g_autoptr(GPtrArray) sheets = g_ptr_array_new ();
  g_autoptr(CcHandout) handout = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CcHandoutOptions options;

  add_actor (project, "a1", "\u202EHealth Board", CC_SECTOR_PUBLIC, CC_ACTOR_KIND_ORGANISATION, FALSE, 3, NULL);
  add_actor (project, "a2", "Council", CC_SECTOR_PUBLIC, CC_ACTOR_KIND_ORGANISATION, FALSE, 3, NULL);
  add_node (project, map, "n1", "a1", 0, 0);
  add_node (project, map, "n2", "a2", 200, 0);
  g_ptr_array_add (sheets, map);
  cc_handout_options_init (&options);
  options.cover = options.appendix = TRUE;
  options.date = "2 December 2026";
  handout = cc_handout_new (project, sheets, &options);
  pdf = cc_handout_export_pdf (handout, &error);
  g_assert_no_error (error);
  text = pdf_text (pdf);
  if (text == NULL)
    return;
  /* Concord's words after the names are whole, never turned round */
  assert_has (text, "Partnership map");
  assert_has (text, "Public, Organisation");
  assert_has (text, "Council — Public, Organisation");
  assert_lacks (text, "noitasinagrO");
  assert_lacks (text, "pam pihsrentraP —");
}

/* ---- reveal --------------------------------------------------------------- */

/* How dark the map is over @r (0: white paper, 1: black), drawn with @reveal */
static double
darkness_over (CcProject *project, CcItem *sheet, const CcReveal *reveal, const CcRect *r)
{
  int w = (int) ceil (r->width), h = (int) ceil (r->height);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (surface);
  CcRenderOptions options;
  const guchar *data;
  int stride;
  double sum = 0;

  cairo_translate (cr, -r->x, -r->y);
  cc_render_options_init (&options);
  options.reveal = reveal;
  cc_render_sheet (cr, project, sheet, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + 4 * x);

        sum += 1.0 - (((px >> 16) & 0xff) + ((px >> 8) & 0xff) + (px & 0xff)) / (3 * 255.0);
      }
  cairo_surface_destroy (surface);
  return sum / MAX (w * h, 1);
}

/* Revealing the public sector leaves a public organisation as it was and
 * draws a voluntary one pale, as if mostly paper, but still there. */
static void
test_reveal_dims_pixels (void)
{
  g_autoptr(CcProject) project = sample_project ();
  CcItem *map = cc_project_get_sheet (project, 0);
  g_autoptr(CcReveal) reveal = cc_reveal_new (CC_REVEAL_SECTOR);
  CcRect shown, dimmed, legend;
  double shown_before, shown_after, dimmed_before, dimmed_after;

  reveal->sectors = 1u << CC_SECTOR_PUBLIC;
  g_assert_true (cc_render_get_item_bounds (project, map, cc_project_lookup (project, "n1"), &shown));
  g_assert_true (cc_render_get_item_bounds (project, map, cc_project_lookup (project, "n10"), &dimmed));
  shown_before = darkness_over (project, map, NULL, &shown);
  shown_after = darkness_over (project, map, reveal, &shown);
  dimmed_before = darkness_over (project, map, NULL, &dimmed);
  dimmed_after = darkness_over (project, map, reveal, &dimmed);
  g_assert_cmpfloat (fabs (shown_after - shown_before), <, 0.02);
  g_assert_cmpfloat (dimmed_after, <, dimmed_before * 0.4);
  g_assert_cmpfloat (dimmed_after, >, 0.005);
  g_assert_cmpfloat (dimmed_after, <, shown_after * 0.4);

  /* The legend marks the rows shown: dimmed ones make it paler. */
  g_assert_true (cc_render_get_item_bounds (project, map, map, &legend));
  g_assert_cmpfloat (darkness_over (project, map, reveal, &legend), <, darkness_over (project, map, NULL, &legend));
}

/* Each map's views follow its page, one page each, in their order, with
 * their names and their place among the steps. */
static void
test_reveal_handout_steps (void)
{
  g_autoptr(CcProject) project = sample_project ();
  CcItem *map = cc_project_get_sheet (project, 0);
  CcItem *forcefield = cc_project_get_sheet (project, 1);
  g_autoptr(GPtrArray) sheets = g_ptr_array_new ();
  g_autoptr(CcHandout) h = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CcHandoutOptions options;
  const char *names[] = { "First the council", NULL, "Everyone at last" };
  const char *at[3], *forces;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CcReveal) step = cc_reveal_step (project, map, CC_REVEAL_SECTOR, NULL, i);

      g_assert_nonnull (step);
      cc_map_add_view (project, map, step, names[i]);
    }
  g_ptr_array_add (sheets, map);
  g_ptr_array_add (sheets, forcefield);
  cc_handout_options_init (&options);
  options.date = "1 March 2026";
  h = cc_handout_new (project, sheets, &options);
  g_assert_cmpuint (cc_handout_get_n_pages (h), ==, 2 + 3);
  pdf = cc_handout_export_pdf (h, &error);
  g_assert_no_error (error);
  text = pdf_text (pdf);

  at[0] = strstr (text, "First the council The map step by step · Step 1 of 3");
  at[1] = strstr (text, "Public and private sector The map step by step · Step 2 of 3");
  at[2] = strstr (text, "Everyone at last The map step by step · Step 3 of 3");
  forces = strstr (text, cc_item_get_string (forcefield, CC_SHEET_TITLE));
  for (guint i = 0; i < 3; i++)
    if (at[i] == NULL)
      g_error ("step %u not found in: %s", i + 1, text);
  g_assert_nonnull (forces);
  g_assert_true (at[0] < at[1] && at[1] < at[2] && at[2] < forces);
  /* The dimmed organisations are drawn, their names still text. */
  assert_has (at[0], cc_item_get_string (cc_project_lookup (project, "a10"), CC_ACTOR_NAME));
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");

  if (argc == 3 && strcmp (argv[1], "--render-png") == 0)
    return render_png_to (argv[2]);
  if (argc == 3 && strcmp (argv[1], "--export-samples") == 0)
    return export_samples (argv[2]);

  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/map/pdf-text", test_map_pdf_text);
  g_test_add_func ("/render/map/question", test_map_question);
  g_test_add_func ("/render/pdf/pages-and-metadata", test_pdf_pages_and_metadata);
  g_test_add_func ("/render/forcefield/pdf-text", test_forcefield_pdf_text);
  g_test_add_func ("/render/forcefield/balance", test_forcefield_balance);
  g_test_add_func ("/render/forcefield/nothing-overlaps", test_forcefield_nothing_overlaps);
  g_test_add_func ("/render/map/example-overlaps", test_example_map_overlaps);
  g_test_add_func ("/render/canvas/example-grid-cards-apart", test_example_grid_cards_apart);
  g_test_add_func ("/render/canvas/pdf-text", test_canvas_pdf_text);
  g_test_add_func ("/render/canvas/verdicts", test_canvas_verdicts);
  g_test_add_func ("/render/canvas/unknown-template", test_canvas_unknown_template);
  g_test_add_func ("/render/template/registry", test_template_registry);
  g_test_add_func ("/render/png/size-and-ink", test_png_size_and_ink);
  g_test_add_func ("/render/png/default-dpi", test_png_default_dpi);
  g_test_add_func ("/render/png/too-large", test_png_too_large);
  g_test_add_func ("/render/svg", test_svg);
  g_test_add_func ("/render/bounds-cover-drawing", test_bounds_cover_drawing);
  g_test_add_func ("/render/map/culling", test_culling);
  g_test_add_func ("/render/map/detail-by-scale", test_detail_by_scale);
  g_test_add_func ("/render/map/huge", test_huge_map);
  g_test_add_func ("/render/hit-test", test_hit_test);
  g_test_add_func ("/render/map/moving-parts", test_map_moving_parts);
  g_test_add_func ("/render/map/overlapping-nodes", test_map_overlapping_nodes);
  g_test_add_func ("/render/map/layout-kept", test_layout_kept_follows_changes);
  g_test_add_func ("/render/map/legend-placement", test_map_legend_placement);
  g_test_add_func ("/render/empty-sheets", test_empty_sheets);
  g_test_add_func ("/render/empty-map-prompt", test_empty_map_prompt);
  g_test_add_func ("/render/newer-sheet", test_newer_sheet);
  g_test_add_func ("/render/handout-date", test_handout_date);
  g_test_add_func ("/render/independent-of-desktop", test_independent_of_desktop);
  g_test_add_func ("/render/handout-pages", test_handout_pages);
  g_test_add_func ("/render/paper-strokes-unchanged", test_paper_strokes_unchanged);
  g_test_add_func ("/render/handouts-at-once", test_handouts_at_once);
  g_test_add_func ("/render/text-setter/like-pango", test_text_setter_like_pango);
  g_test_add_func ("/render/text-setter/refuses", test_text_setter_refuses);
  g_test_add_func ("/render/text-setter/draws", test_text_setter_draws);
  g_test_add_func ("/render/map/redrawn-where-changed", test_map_redrawn_where_changed);
  g_test_add_func ("/render/map/damage-per-sheet", test_map_damage_per_sheet);
  g_test_add_func ("/render/map/sector-badges", test_map_sector_badges);
  g_test_add_func ("/render/map/legend-sector-badges", test_legend_sector_badges);
  g_test_add_func ("/render/map/high-contrast", test_map_high_contrast);
  g_test_add_func ("/render/paragraph/either-setter", test_paragraph_either_setter);
  g_test_add_func ("/render/paragraph/second-part", test_paragraph_draws_second_part);
  g_test_add_func ("/render/bidi/isolate", test_bidi_isolate);
  g_test_add_func ("/render/bidi/set-by-pango", test_bidi_set_by_pango);
  g_test_add_func ("/render/bidi/handout", test_bidi_handout);
  g_test_add_func ("/render/reveal/dims-pixels", test_reveal_dims_pixels);
  g_test_add_func ("/render/reveal/handout-steps", test_reveal_handout_steps);

  return g_test_run ();
}
