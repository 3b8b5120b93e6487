/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-handout"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "cc-bidi.h"
#include "cc-handout.h"
#include "cc-render-private.h"
#include "cc-template.h"
#include "cc-paragraph.h"

/* Page furniture, in points */
#define MARGIN         36.0
#define TITLE_H        38.0
#define FOOTER_H       18.0
#define BLOCK_GAP      10.0
#define CROP_MARK      14.0
#define MAP_CELL_W     9.0
#define MAP_CELL_H     6.0
#define MAX_SCALE      3.0   /* a small sheet is enlarged at most this much */

static const CcRgb draft_red = CC_RGB (0xc01c28);
static const CcRgb rule_grey = CC_RGB (0xc0c4ca);

/* PAGE_STEP: a map drawn as one of its saved views shows it, after the
 * map's own pages: "the map step by step" */
typedef enum { PAGE_COVER, PAGE_SHEET, PAGE_APPENDIX, PAGE_STEP } PageKind;

#define STEP_HEADING_H 40.0  /* the view's name and its place in the steps, above the drawing */

/* The appendix is set in columns of a readable measure: one on a portrait
 * A4, two on a landscape one, three across an A3 */
#define MAX_COLUMNS    3
#define COLUMN_MIN_W   330.0
#define COLUMN_GAP     24.0

typedef struct
{
  PageKind kind;
  guint    sheet;               /* PAGE_SHEET: index into sheets */
  guint    col, row;            /* PAGE_SHEET: the tile */
  guint    first_para, n_paras; /* PAGE_APPENDIX */
  guint    n_columns;           /* PAGE_APPENDIX: columns in use */
  guint    column_first[MAX_COLUMNS]; /* PAGE_APPENDIX: each column's first paragraph */
  guint    step;                /* PAGE_STEP: the view's index in the map's views */
} Page;

typedef enum { PARA_H1, PARA_H2, PARA_H3, PARA_TEXT, PARA_NOTE, N_PARA_STYLES } ParaStyle;

/* Fewer than this many paragraphs a thread are set on one */
#define PARAS_PER_THREAD 250
#define MAX_SET_THREADS  4

typedef struct
{
  ParaStyle    style;
  char        *text;
  gsize        note_at;  /* where notes folded into the entry begin, or 0 */
  double       height;
  CcParagraph *paragraph;  /* set once, to measure and to draw */
} Para;

typedef struct
{
  CcItem  *item;
  CcRect   bounds;       /* the drawing, sheet points */
  double   scale;        /* sheet points to page points */
  double   offset_x;     /* where the drawing starts on the whole poster */
  double   offset_y;
  gboolean legend;       /* a map whose legend shows */
  gboolean turned;       /* on the paper turned a quarter, to fit better */
  CcRect   legend_box;
  guint    first_page;
  double   step_scale;   /* PAGE_STEP: the drawing fitted under the step's heading */
  double   step_offset_x;
  double   step_offset_y;
} SheetInfo;

struct _CcHandout
{
  CcProject        *project;
  CcHandoutOptions  options;
  char             *date;
  GArray           *sheets;   /* SheetInfo */
  GArray           *pages;    /* Page */
  GArray           *paras;    /* Para */
  PangoContext     *pango;
  GHashTable       *fonts;    /* "size weight style" -> PangoFontDescription */
  const PangoFontDescription *para_fonts[N_PARA_STYLES]; /* of fonts, looked up before the threads set */
  GHashTable       *shared;   /* layouts drawn on every page, by what they are */
  double            page_w;   /* the page being laid out or drawn, points */
  double            page_h;
  CcRect            content;  /* where drawings and text go on it */
  guint             columns;  /* of the appendix */
  double            column_w;
  guint             held_maps; /* the helper font maps its layouts use */
};

void
cc_handout_options_init (CcHandoutOptions *options)
{
  memset (options, 0, sizeof *options);
  cc_paper_size ("a4", FALSE, &options->paper_width, &options->paper_height);
  options->fit_orientation = TRUE;
  options->tile_columns = options->tile_rows = 1;
  options->overlap = 28.0;  /* about a centimetre */
}

gboolean
cc_paper_size (const char *name, gboolean landscape, double *width, double *height)
{
  static const struct { const char *name; double w, h; } papers[] = {
    { "a4", 595.28, 841.89 },
    { "a3", 841.89, 1190.55 },
    { "letter", 612.0, 792.0 },
    { "legal", 612.0, 1008.0 },
  };

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (papers); i++)
    if (g_ascii_strcasecmp (name, papers[i].name) == 0)
      {
        *width = landscape ? papers[i].h : papers[i].w;
        *height = landscape ? papers[i].w : papers[i].h;
        return TRUE;
      }
  return FALSE;
}

/* ---- text ------------------------------------------------------------- */

static const PangoFontDescription *
font_for (CcHandout *h, double size, PangoWeight weight, PangoStyle style)
{
  g_autofree char *key = g_strdup_printf ("%g %d %d", size, weight, style);
  PangoFontDescription *font = g_hash_table_lookup (h->fonts, key);

  if (font == NULL)
    {
      font = pango_font_description_from_string (CC_RENDER_FONT);
      pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
      pango_font_description_set_weight (font, weight);
      pango_font_description_set_style (font, style);
      g_hash_table_insert (h->fonts, g_steal_pointer (&key), font);
    }
  return font;
}

static PangoLayout *
text_layout_in (CcHandout *h, PangoContext *context, const char *text, double size, PangoWeight weight,
                PangoStyle style, double width)
{
  PangoLayout *layout = pango_layout_new (context);

  pango_layout_set_font_description (layout, font_for (h, size, weight, style));
  pango_layout_set_text (layout, text ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  return layout;
}

static PangoLayout *
text_layout (CcHandout *h, const char *text, double size, PangoWeight weight, PangoStyle style, double width)
{
  return text_layout_in (h, h->pango, text, size, weight, style, width);
}

/* A context of @font_map, a font map no other thread uses meanwhile (Pango's
 * font maps are one per thread): the appendix is set on several at once. */
static PangoContext *
handout_context_new (PangoFontMap *font_map)
{
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *font_options = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, font_options);
  cairo_font_options_destroy (font_options);
  /* Glyphs at their natural advances: laid out as the renderer does, and a
   * PDF then writes runs of text rather than a number for every glyph. */
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

static double
layout_height (PangoLayout *layout)
{
  double w, hgt;

  cc_text_size (layout, &w, &hgt);
  return hgt;
}

static void
draw_text (cairo_t *cr, PangoLayout *layout, double x, double y, const CcRgb *color)
{
  cc_text_draw (cr, layout, x, y, color);
}

/* A layout drawn on many pages (the title block's), made once: one line,
 * ellipsized at @width if it is given. Owned by @h. */
static PangoLayout *
shared_layout (CcHandout *h, const char *text, double size, PangoWeight weight, double width)
{
  g_autofree char *key = g_strdup_printf ("%g %d %g %s", size, weight, width, text);
  PangoLayout *layout = g_hash_table_lookup (h->shared, key);

  if (layout == NULL)
    {
      layout = text_layout (h, text, size, weight, PANGO_STYLE_NORMAL, width);
      if (width > 0)
        {
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          pango_layout_set_height (layout, -1);
        }
      g_hash_table_insert (h->shared, g_steal_pointer (&key), layout);
    }
  return layout;
}

static void
draw_shared_right (CcHandout *h, cairo_t *cr, const char *text, double size, double right, double y,
                   const CcRgb *color)
{
  PangoLayout *layout = shared_layout (h, text, size, PANGO_WEIGHT_NORMAL, 0);
  double w, hgt;

  cc_text_size (layout, &w, &hgt);
  draw_text (cr, layout, right - w, y, color);
}

/* One line of text ending at @right. */
static void
draw_text_right (CcHandout *h, cairo_t *cr, const char *text, double size, PangoWeight weight, double right,
                 double y, const CcRgb *color)
{
  g_autoptr(PangoLayout) layout = text_layout (h, text, size, weight, PANGO_STYLE_NORMAL, 0);
  double w, hgt;

  cc_text_size (layout, &w, &hgt);
  draw_text (cr, layout, right - w, y, color);
}

/* ---- the appendix ------------------------------------------------------ */

static void G_GNUC_PRINTF (3, 4)
add_para (CcHandout *h, ParaStyle style, const char *format, ...)
{
  Para p = { style, NULL, 0, 0, NULL };
  va_list args;

  va_start (args, format);
  p.text = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (h->paras, p);
}

/* Notes go under the entry they are about, in the same paragraph: set in
 * one layout, they never part from it at a page break. */
static void
add_notes (CcHandout *h, const char *notes)
{
  Para *last = h->paras->len > 0 ? &g_array_index (h->paras, Para, h->paras->len - 1) : NULL;
  char *joined;

  if (notes == NULL || notes[0] == '\0')
    return;
  if (last == NULL || last->style != PARA_TEXT || last->note_at != 0)
    {
      add_para (h, PARA_NOTE, "%s", notes);
      return;
    }
  joined = g_strconcat (last->text, "\n", notes, NULL);
  last->note_at = strlen (last->text) + 1;
  g_free (last->text);
  last->text = joined;
}

static const char *
actor_name (CcHandout *h, const char *id)
{
  CcItem *actor = cc_project_lookup (h->project, id);

  return actor != NULL && cc_item_get_kind (actor) == CC_KIND_ACTOR ? cc_item_get_string (actor, CC_ACTOR_NAME)
                                                                      : NULL;
}

static const char *
node_name (CcHandout *h, const char *node_id)
{
  CcItem *node = cc_project_lookup (h->project, node_id);
  CcItem *actor = node != NULL ? cc_project_get_node_actor (h->project, node) : NULL;

  return actor != NULL ? cc_item_get_string (actor, CC_ACTOR_NAME) : node_id;
}

static char *
link_type_label (CcHandout *h, const char *type)
{
  const CcBuiltinLinkType *builtin = cc_builtin_link_type (type);
  CcItem *item;

  if (builtin != NULL)
    return g_strdup (_(builtin->label));
  item = cc_project_lookup (h->project, type);
  if (item != NULL && cc_item_get_kind (item) == CC_KIND_LINK_TYPE)
    return g_strdup (cc_item_get_string (item, CC_LINK_TYPE_LABEL));
  return g_strdup (type);
}

/* The organisations the chosen sheets show, in the project's order. */
static void
appendix_organisations (CcHandout *h)
{
  CcItem *root = cc_project_get_root (h->project);
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean heading = FALSE;

  for (guint s = 0; s < h->sheets->len; s++)
    {
      CcItem *sheet = g_array_index (h->sheets, SheetInfo, s).item;
      CcKind kind = cc_item_get_kind (sheet);
      guint slot, field;

      if (kind == CC_KIND_NEWER_SHEET)
        continue;  /* kept as it is: nothing of it is shown */
      slot = kind == CC_KIND_MAP ? CC_MAP_NODES : kind == CC_KIND_CANVAS ? CC_CANVAS_CARDS : CC_FORCEFIELD_FORCES;
      field = kind == CC_KIND_MAP ? CC_NODE_ACTOR : kind == CC_KIND_CANVAS ? CC_CARD_ACTOR : CC_FORCE_ACTOR;

      for (guint i = 0; i < cc_item_get_n_children (sheet, slot); i++)
        {
          const char *id = cc_item_get_string (cc_item_get_child (sheet, slot, i), field);

          if (id[0] != '\0')
            g_hash_table_add (used, (gpointer) id);
        }
    }

  for (guint i = 0; i < cc_item_get_n_children (root, CC_PROJECT_ACTORS); i++)
    {
      CcItem *actor = cc_item_get_child (root, CC_PROJECT_ACTORS, i);
      const char * const *tags = cc_item_get_strv (actor, CC_ACTOR_TAGS);
      GString *line;

      if (!g_hash_table_contains (used, cc_item_get_id (actor)))
        continue;
      if (!heading)
        {
          add_para (h, PARA_H2, "%s", _("Organisations"));
          heading = TRUE;
        }
      line = g_string_new (NULL);
      cc_bidi_append (line, cc_item_get_string (actor, CC_ACTOR_NAME));
      g_string_append_printf (line, " — %s, %s", _(cc_sector_label ((CcSector) cc_item_get_int (actor, CC_ACTOR_SECTOR))),
                              _(cc_actor_kind_label ((CcActorKind) cc_item_get_int (actor, CC_ACTOR_KIND))));
      if (cc_item_get_bool (actor, CC_ACTOR_UMBRELLA))
        g_string_append_printf (line, ", %s", _("umbrella body"));
      if (cc_item_get_double (actor, CC_ACTOR_POWER) >= 0)
        g_string_append_printf (line, _("; power %g"), cc_item_get_double (actor, CC_ACTOR_POWER));
      if (cc_item_get_double (actor, CC_ACTOR_INTEREST) >= 0)
        g_string_append_printf (line, _("; interest %g"), cc_item_get_double (actor, CC_ACTOR_INTEREST));
      if (tags[0] != NULL)
        {
          GString *themes = g_string_new (NULL);

          for (guint t = 0; tags[t] != NULL; t++)
            {
              if (t > 0)
                g_string_append (themes, ", ");
              cc_bidi_append (themes, tags[t]);
            }
          g_string_append_printf (line, _("; themes: %s"), themes->str);
          g_string_free (themes, TRUE);
        }
      add_para (h, PARA_TEXT, "%s", line->str);
      g_string_free (line, TRUE);
      add_notes (h, cc_item_get_string (actor, CC_ACTOR_NOTES));
    }
}

/* A link as the entry of the organisation it starts from lists it, in
 * words: "to Health Board (Statutory partnership, strength 5, consolidation
 * stage, “Integration scheme”)", or "with …" when it has no direction. */
static void
append_link (CcHandout *h, GString *line, CcItem *link, const char *other, gboolean outgoing)
{
  g_autofree char *type_label = link_type_label (h, cc_item_get_string (link, CC_LINK_TYPE));
  g_autofree char *type = cc_bidi_isolate (type_label);
  g_autofree char *name = cc_bidi_isolate (other);
  CcStage stage = (CcStage) cc_item_get_int (link, CC_LINK_STAGE);
  const char *label = cc_item_get_string (link, CC_LINK_LABEL);

  if (!cc_item_get_bool (link, CC_LINK_DIRECTED))
    /* TRANSLATORS: a link without a direction, to the organisation %s */
    g_string_append_printf (line, _("with %s"), name);
  else if (outgoing)
    g_string_append_printf (line, _("to %s"), name);
  else
    g_string_append_printf (line, _("from %s"), name);
  g_string_append_printf (line, " (%s, ", type);
  g_string_append_printf (line, _("strength %d"), (int) cc_item_get_int (link, CC_LINK_STRENGTH));
  if (stage != CC_STAGE_NONE)
    g_string_append_printf (line, _(", %s stage"), _(cc_stage_label (stage)));
  if (label[0] != '\0')
    {
      g_string_append (line, ", “");
      cc_bidi_append (line, label);
      g_string_append (line, "”");
    }
  g_string_append (line, ")");
}

/* The links of each map, under the organisation each starts from; a link
 * with notes gets an entry of its own, so that its notes stand under it. */
static void
appendix_links (CcHandout *h)
{
  gboolean heading = FALSE;

  for (guint s = 0; s < h->sheets->len; s++)
    {
      CcItem *sheet = g_array_index (h->sheets, SheetInfo, s).item;
      GPtrArray *nodes, *links;
      g_autoptr(GHashTable) from = NULL;  /* node id -> GPtrArray of its plain links */

      if (cc_item_get_kind (sheet) != CC_KIND_MAP || cc_item_get_n_children (sheet, CC_MAP_LINKS) == 0)
        continue;
      if (!heading)
        {
          add_para (h, PARA_H2, "%s", _("Links"));
          heading = TRUE;
        }
      add_para (h, PARA_H3, "%s", cc_item_get_string (sheet, CC_SHEET_TITLE));
      nodes = cc_item_get_children (sheet, CC_MAP_NODES);
      links = cc_item_get_children (sheet, CC_MAP_LINKS);
      from = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < links->len; i++)
        {
          const char *id = cc_item_get_string (links->pdata[i], CC_LINK_FROM);
          GPtrArray *list = g_hash_table_lookup (from, id);

          if (list == NULL)
            g_hash_table_insert (from, (gpointer) id, list = g_ptr_array_new ());
          g_ptr_array_add (list, links->pdata[i]);
        }
      for (guint n = 0; n < nodes->len; n++)
        {
          GPtrArray *list = g_hash_table_lookup (from, cc_item_get_id (nodes->pdata[n]));
          const char *name = node_name (h, cc_item_get_id (nodes->pdata[n]));
          GString *line = NULL;

          for (guint i = 0; list != NULL && i < list->len; i++)
            {
              CcItem *link = list->pdata[i];
              const char *other = node_name (h, cc_item_get_string (link, CC_LINK_TO));
              const char *notes = cc_item_get_string (link, CC_LINK_NOTES);

              if (notes[0] != '\0')
                {
                  GString *own = g_string_new (NULL);

                  cc_bidi_append (own, name);
                  g_string_append (own, ": ");
                  append_link (h, own, link, other, TRUE);
                  add_para (h, PARA_TEXT, "%s", own->str);
                  g_string_free (own, TRUE);
                  add_notes (h, notes);
                  continue;
                }
              /* "Council: to Health Board (…); with Police (…)" */
              if (line == NULL)
                {
                  line = g_string_new (NULL);
                  cc_bidi_append (line, name);
                  g_string_append (line, ": ");
                }
              else
                g_string_append (line, "; ");
              append_link (h, line, link, other, TRUE);
            }
          if (line != NULL)
            {
              add_para (h, PARA_TEXT, "%s", line->str);
              g_string_free (line, TRUE);
            }
        }
    }
}

static void
appendix_force_side (CcHandout *h, CcItem *sheet, CcSide side)
{
  int driving, resisting, planned_driving, planned_resisting;
  gboolean plans = cc_forcefield_has_plans (sheet);

  cc_forcefield_totals (sheet, FALSE, &driving, &resisting);
  cc_forcefield_totals (sheet, TRUE, &planned_driving, &planned_resisting);
  if (plans)
    add_para (h, PARA_H3, side == CC_SIDE_DRIVING ? _("Driving forces: total %d, after the plan %d")
                                                  : _("Resisting forces: total %d, after the plan %d"),
              side == CC_SIDE_DRIVING ? driving : resisting,
              side == CC_SIDE_DRIVING ? planned_driving : planned_resisting);
  else
    add_para (h, PARA_H3, side == CC_SIDE_DRIVING ? _("Driving forces: total %d") : _("Resisting forces: total %d"),
              side == CC_SIDE_DRIVING ? driving : resisting);

  for (guint i = 0; i < cc_item_get_n_children (sheet, CC_FORCEFIELD_FORCES); i++)
    {
      CcItem *force = cc_item_get_child (sheet, CC_FORCEFIELD_FORCES, i);
      gint64 planned = cc_item_get_int (force, CC_FORCE_PLANNED);
      const char *plan = cc_item_get_string (force, CC_FORCE_PLAN);
      const char *owner = cc_item_get_string (force, CC_FORCE_OWNER);
      const char *due = cc_item_get_string (force, CC_FORCE_DUE);
      const char *about = actor_name (h, cc_item_get_string (force, CC_FORCE_ACTOR));
      GString *line;

      if (cc_item_get_int (force, CC_FORCE_SIDE) != side)
        continue;
      line = g_string_new (NULL);
      cc_bidi_append (line, cc_item_get_string (force, CC_FORCE_LABEL));
      g_string_append_printf (line, _(" — strength %d"), (int) cc_item_get_int (force, CC_FORCE_STRENGTH));
      if (planned >= 0)
        g_string_append_printf (line, _(", %d after the plan"), (int) planned);
      if (about != NULL)
        {
          g_autofree char *isolated = cc_bidi_isolate (about);

          g_string_append_printf (line, _("; about %s"), isolated);
        }
      add_para (h, PARA_TEXT, "%s", line->str);
      g_string_free (line, TRUE);
      if (plan[0] != '\0' || owner[0] != '\0' || due[0] != '\0')
        {
          GString *action = g_string_new (_("Action: "));
          g_autofree char *by = cc_bidi_isolate (owner);
          g_autofree char *when = cc_bidi_isolate (due);

          cc_bidi_append (action, plan[0] ? plan : "—");
          if (owner[0] != '\0')
            g_string_append_printf (action, _("; owner %s"), by);
          if (due[0] != '\0')
            g_string_append_printf (action, _("; by %s"), when);
          add_para (h, PARA_NOTE, "%s", action->str);
          g_string_free (action, TRUE);
        }
      add_notes (h, cc_item_get_string (force, CC_FORCE_NOTES));
    }
}

static void
appendix_forces (CcHandout *h)
{
  gboolean heading = FALSE;

  for (guint s = 0; s < h->sheets->len; s++)
    {
      CcItem *sheet = g_array_index (h->sheets, SheetInfo, s).item;
      const char *change;

      if (cc_item_get_kind (sheet) != CC_KIND_FORCEFIELD)
        continue;
      if (!heading)
        {
          add_para (h, PARA_H2, "%s", _("Forces"));
          heading = TRUE;
        }
      add_para (h, PARA_H3, "%s", cc_item_get_string (sheet, CC_SHEET_TITLE));
      change = cc_item_get_string (sheet, CC_FORCEFIELD_CHANGE);
      if (change[0] != '\0')
        {
          g_autofree char *isolated = cc_bidi_isolate (change);

          add_para (h, PARA_TEXT, _("The change: %s"), isolated);
        }
      appendix_force_side (h, sheet, CC_SIDE_DRIVING);
      appendix_force_side (h, sheet, CC_SIDE_RESISTING);
    }
}

static void
appendix_cards (CcHandout *h)
{
  gboolean heading = FALSE;

  for (guint s = 0; s < h->sheets->len; s++)
    {
      CcItem *sheet = g_array_index (h->sheets, SheetInfo, s).item;
      g_autoptr(CcTemplate) tmpl = NULL;
      GPtrArray *cards;
      g_autoptr(GPtrArray) panels = g_ptr_array_new ();  /* panel ids in template order, then others */
      int gain, pain;
      gboolean scored = FALSE;

      if (cc_item_get_kind (sheet) != CC_KIND_CANVAS || cc_item_get_n_children (sheet, CC_CANVAS_CARDS) == 0)
        continue;
      if (!heading)
        {
          add_para (h, PARA_H2, "%s", _("Canvas cards"));
          heading = TRUE;
        }
      add_para (h, PARA_H3, "%s", cc_item_get_string (sheet, CC_SHEET_TITLE));
      tmpl = cc_canvas_get_template (sheet);
      cards = cc_item_get_children (sheet, CC_CANVAS_CARDS);
      for (guint i = 0; tmpl != NULL && i < tmpl->n_panels; i++)
        {
          g_ptr_array_add (panels, (gpointer) tmpl->panels[i].id);
          scored |= tmpl->panels[i].score_role != CC_SCORE_ROLE_NONE;
        }
      for (guint i = 0; i < cards->len; i++)
        {
          const char *panel = cc_item_get_string (cards->pdata[i], CC_CARD_PANEL);

          if (!g_ptr_array_find_with_equal_func (panels, panel, g_str_equal, NULL))
            g_ptr_array_add (panels, (gpointer) panel);
        }
      for (guint p = 0; p < panels->len; p++)
        {
          const CcTemplatePanel *tp = cc_template_find_panel (tmpl, panels->pdata[p]);
          gboolean titled = FALSE;

          for (guint i = 0; i < cards->len; i++)
            {
              CcItem *card = cards->pdata[i];
              const char *text = cc_item_get_string (card, CC_CARD_TEXT);
              const char *about = actor_name (h, cc_item_get_string (card, CC_CARD_ACTOR));
              gint64 score = cc_item_get_int (card, CC_CARD_SCORE);
              GString *line;

              if (g_strcmp0 (cc_item_get_string (card, CC_CARD_PANEL), panels->pdata[p]) != 0)
                continue;
              if (!titled)
                {
                  add_para (h, PARA_TEXT, "%s", tp != NULL ? _(tp->title) : (const char *) panels->pdata[p]);
                  titled = TRUE;
                }
              line = g_string_new ("• ");
              cc_bidi_append (line, text[0] ? text : about ? about : "");
              if (text[0] && about != NULL)
                {
                  g_string_append (line, " (");
                  cc_bidi_append (line, about);
                  g_string_append (line, ")");
                }
              if (score > 0)
                g_string_append_printf (line, tp && tp->score_role == CC_SCORE_ROLE_GAIN ? _(" — gain %d")
                                              : tp && tp->score_role == CC_SCORE_ROLE_PAIN ? _(" — pain %d")
                                              : _(" — score %d"), (int) score);
              add_para (h, PARA_NOTE, "%s", line->str);
              g_string_free (line, TRUE);
            }
        }
      if (scored)
        {
          cc_canvas_gain_pain (sheet, &gain, &pain);
          add_para (h, PARA_TEXT, "%s", gain > pain ? _("Gain outweighs pain") : pain > gain ? _("Pain outweighs gain")
                                                                                 : _("Gain and pain are even"));
          add_para (h, PARA_NOTE, _("Total gain %d, total pain %d"), gain, pain);
        }
    }
}

static void
para_font (ParaStyle style, double *size, PangoWeight *weight, PangoStyle *slant, double *indent, double *before,
           double *after)
{
  *weight = PANGO_WEIGHT_NORMAL;
  *slant = PANGO_STYLE_NORMAL;
  *indent = 0;
  switch (style)
    {
    case PARA_H1:
      *size = 18, *weight = PANGO_WEIGHT_BOLD, *before = 0, *after = 10;
      break;
    case PARA_H2:
      *size = 13, *weight = PANGO_WEIGHT_BOLD, *before = 12, *after = 4;
      break;
    case PARA_H3:
      *size = 10.5, *weight = PANGO_WEIGHT_BOLD, *before = 7, *after = 2;
      break;
    case PARA_NOTE:
      *size = 8.5, *slant = PANGO_STYLE_ITALIC, *indent = 14, *before = 0, *after = 3;
      break;
    case PARA_TEXT:
    default:
      *size = 9.5, *before = 2, *after = 1;
      break;
    }
}

/* Sets @p in @pc */
static void
set_para (CcHandout *h, CcParagraphContext *pc, Para *p)
{
  CcParagraphSpec spec = { 0 };
  double size, indent, before, after;
  PangoWeight weight;
  PangoStyle slant;

  para_font (p->style, &size, &weight, &slant, &indent, &before, &after);
  spec.font = h->para_fonts[p->style];
  spec.width = h->column_w - indent;
  spec.align = PANGO_ALIGN_LEFT;
  /* Notes fold only into plain entries (add_notes): in the notes' own font,
   * smaller, italic and muted */
  spec.second_at = p->note_at;
  spec.second_font = h->para_fonts[PARA_NOTE];
  spec.second_ink = &cc_ink_muted;
  /* A note longer than a page ends where the page does (only a long text
   * can be: a line holds at least a few dozen characters). */
  if (strlen (p->text) > 2000)
    spec.max_height = h->content.height;
  p->paragraph = cc_paragraph_new (pc, p->text, &spec);
  p->height = cc_paragraph_get_height (p->paragraph);
}

typedef struct
{
  CcHandout    *h;
  PangoFontMap *font_map;
  guint         from, to;
} ParaRange;

/* The helper threads' font maps, kept from one handout to the next with the
 * fonts they have loaded (a new font map looks every font up again). A
 * handout holds the ones it used while it lives, as its layouts draw with
 * their fonts; one made while they are held uses fresh font maps. */
static PangoFontMap *helper_maps[MAX_SET_THREADS - 1];
static gint helper_map_held[MAX_SET_THREADS - 1];

static PangoFontMap *
hold_helper_map (CcHandout *h, guint slot)
{
  if (!g_atomic_int_compare_and_exchange (&helper_map_held[slot], 0, 1))
    return pango_cairo_font_map_new ();
  h->held_maps |= 1u << slot;
  if (helper_maps[slot] == NULL)
    helper_maps[slot] = pango_cairo_font_map_new ();
  return g_object_ref (helper_maps[slot]);
}

static void
release_helper_maps (CcHandout *h)
{
  for (guint slot = 0; slot < G_N_ELEMENTS (helper_maps); slot++)
    if (h->held_maps & (1u << slot))
      g_atomic_int_set (&helper_map_held[slot], 0);
  h->held_maps = 0;
}

static gpointer
set_paras (gpointer data)
{
  ParaRange *range = data;
  PangoContext *context = range->font_map == NULL ? g_object_ref (range->h->pango)
                                                  : handout_context_new (range->font_map);
  CcParagraphContext *pc = cc_paragraph_context_new (context);

  for (guint i = range->from; i < range->to; i++)
    set_para (range->h, pc, &g_array_index (range->h->paras, Para, i));
  cc_paragraph_context_free (pc);
  g_object_unref (context);
  return NULL;
}

/* Sets every paragraph, a share on each processor: each layout depends only
 * on its own text, so the pages come out the same on one thread or four. */
static void
set_paras_in_parallel (CcHandout *h)
{
  guint n_threads = CLAMP (g_get_num_processors (), 1, MAX_SET_THREADS);
  ParaRange ranges[MAX_SET_THREADS];
  GThread *threads[MAX_SET_THREADS] = { NULL };
  double size, indent, before, after;
  PangoWeight weight;
  PangoStyle slant;

  /* Every font in the table before the threads read it */
  for (int style = 0; style < N_PARA_STYLES; style++)
    {
      para_font ((ParaStyle) style, &size, &weight, &slant, &indent, &before, &after);
      h->para_fonts[style] = font_for (h, size, weight, slant);
    }
  n_threads = MIN (n_threads, MAX (1, h->paras->len / PARAS_PER_THREAD));
  for (guint t = 0; t < n_threads; t++)
    {
      ranges[t] = (ParaRange) { h, t > 0 ? hold_helper_map (h, t - 1) : NULL, h->paras->len * t / n_threads,
                                h->paras->len * (t + 1) / n_threads };
      if (t > 0)
        threads[t] = g_thread_try_new ("concord-handout", set_paras, &ranges[t], NULL);
    }
  set_paras (&ranges[0]);
  for (guint t = 1; t < n_threads; t++)
    {
      if (threads[t] != NULL)
        g_thread_join (threads[t]);
      else
        set_paras (&ranges[t]);
      g_object_unref (ranges[t].font_map);
    }
}

/* Flows the paragraphs over as many pages as they need. */
static gboolean
is_heading (const Para *p)
{
  return p->style != PARA_TEXT && p->style != PARA_NOTE;
}

/* What must stand on the same page after paragraph @i: for a heading, the
 * headings under it and two lines of the text that follows (all of it if
 * shorter), so that no heading is left alone at the foot of a column. */
static double
keep_with_next (CcHandout *h, guint i)
{
  double need = 0;

  if (!is_heading (&g_array_index (h->paras, Para, i)))
    return 0;
  for (guint j = i + 1; j < h->paras->len; j++)
    {
      Para *next = &g_array_index (h->paras, Para, j);
      double size, indent, before, after;
      PangoWeight weight;
      PangoStyle slant;

      para_font (next->style, &size, &weight, &slant, &indent, &before, &after);
      if (is_heading (next))
        {
          need += before + next->height + after;
          continue;
        }
      need += before + MIN (next->height, 2 * size * 1.4);
      break;
    }
  return need;
}

static void
paginate_appendix (CcHandout *h)
{
  Page page = { PAGE_APPENDIX, 0, 0, 0, 0, 0, 1, { 0 } };
  double y = 0;

  set_paras_in_parallel (h);
  for (guint i = 0; i < h->paras->len; i++)
    {
      Para *p = &g_array_index (h->paras, Para, i);
      double size, indent, before, after;
      PangoWeight weight;
      PangoStyle slant;
      gboolean top = page.n_paras == 0 || page.column_first[page.n_columns - 1] == i;
      double need;

      para_font (p->style, &size, &weight, &slant, &indent, &before, &after);
      need = (top ? 0 : before) + p->height + after + keep_with_next (h, i);
      if (!top && y + need > h->content.height)
        {
          if (page.n_columns < h->columns)
            page.column_first[page.n_columns++] = i;
          else
            {
              g_array_append_val (h->pages, page);
              page.first_para = i;
              page.n_paras = 0;
              page.n_columns = 1;
              page.column_first[0] = i;
            }
          y = 0;
          top = TRUE;
        }
      y += (top ? 0 : before) + p->height + after;
      page.n_paras++;
    }
  if (page.n_paras > 0)
    g_array_append_val (h->pages, page);
}

/* ---- laying out ------------------------------------------------------- */

/* The page @h lays out or draws next: its size, and where drawings and text
 * go on it. */
static void
set_page_size (CcHandout *h, double width, double height)
{
  h->page_w = width;
  h->page_h = height;
  h->content.x = MARGIN;
  h->content.y = MARGIN + TITLE_H + BLOCK_GAP;
  h->content.width = width - 2 * MARGIN;
  h->content.height = height - 2 * MARGIN - TITLE_H - FOOTER_H - 2 * BLOCK_GAP;
}

static void
page_size (CcHandout *h, const Page *page, double *width, double *height)
{
  gboolean turned = (page->kind == PAGE_SHEET || page->kind == PAGE_STEP) && g_array_index (h->sheets, SheetInfo, page->sheet).turned;

  *width = turned ? h->options.paper_height : h->options.paper_width;
  *height = turned ? h->options.paper_width : h->options.paper_height;
}

static void
layout_sheet (CcHandout *h, SheetInfo *info)
{
  CcRenderOptions options;
  guint cols = h->options.tile_columns, rows = h->options.tile_rows;
  double poster_w = cols * h->content.width - (cols - 1) * h->options.overlap;
  double poster_h = rows * h->content.height - (rows - 1) * h->options.overlap;

  cc_render_options_init (&options);
  cc_render_get_bounds (h->project, info->item, &options, &info->bounds);
  info->bounds.width = MAX (info->bounds.width, 1);
  info->bounds.height = MAX (info->bounds.height, 1);
  info->scale = MIN (MIN (poster_w / info->bounds.width, poster_h / info->bounds.height), MAX_SCALE);
  info->offset_x = (poster_w - info->bounds.width * info->scale) / 2;
  info->offset_y = (poster_h - info->bounds.height * info->scale) / 2;
  info->legend = cc_item_get_kind (info->item) == CC_KIND_MAP
                 && cc_render_get_item_bounds (h->project, info->item, info->item, &info->legend_box);
  {
    /* A step is one page, whatever the tiles of the map's own pages. */
    double room_h = MAX (h->content.height - STEP_HEADING_H, 1);

    info->step_scale = MIN (MIN (h->content.width / info->bounds.width, room_h / info->bounds.height), MAX_SCALE);
    info->step_offset_x = (h->content.width - info->bounds.width * info->step_scale) / 2;
    info->step_offset_y = STEP_HEADING_H + (room_h - info->bounds.height * info->step_scale) / 2;
  }
}

CcHandout *
cc_handout_new (CcProject *project, GPtrArray *sheets, const CcHandoutOptions *options)
{
  CcHandout *h;
  Page page = { 0 };

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (sheets != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  h = g_new0 (CcHandout, 1);
  h->project = g_object_ref (project);
  h->options = *options;
  h->options.tile_columns = CLAMP (h->options.tile_columns, 1, CC_TILE_MAX);
  h->options.tile_rows = CLAMP (h->options.tile_rows, 1, CC_TILE_MAX);
  h->options.paper_width = MAX (h->options.paper_width, 4 * MARGIN);
  h->options.paper_height = MAX (h->options.paper_height, 4 * MARGIN + TITLE_H + FOOTER_H);
  h->options.overlap = CLAMP (h->options.overlap, 0, MIN (h->options.paper_width, h->options.paper_height) / 4);
  if (options->date != NULL)
    h->date = g_strdup (options->date);
  else
    {
      /* The project's own date (Project Properties), else today. */
      CcItem *meta = cc_project_get_meta (project);
      g_autoptr(GDateTime) when = cc_date_parse (meta != NULL ? cc_item_get_string (meta, CC_META_DATE) : NULL);

      if (when == NULL)
        when = g_date_time_new_now_local ();
      h->date = cc_date_format_long (when);
    }
  h->options.date = h->date;
  h->sheets = g_array_new (FALSE, TRUE, sizeof (SheetInfo));
  h->pages = g_array_new (FALSE, TRUE, sizeof (Page));
  h->paras = g_array_new (FALSE, TRUE, sizeof (Para));

  h->fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pango_font_description_free);
  h->shared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  h->pango = handout_context_new (pango_cairo_font_map_get_default ());

  set_page_size (h, h->options.paper_width, h->options.paper_height);
  h->columns = (guint) CLAMP (floor ((h->content.width + COLUMN_GAP) / (COLUMN_MIN_W + COLUMN_GAP)), 1, MAX_COLUMNS);
  h->column_w = (h->content.width - (h->columns - 1) * COLUMN_GAP) / h->columns;

  if (h->options.cover)
    {
      page.kind = PAGE_COVER;
      g_array_append_val (h->pages, page);
    }
  for (guint i = 0; i < sheets->len; i++)
    {
      SheetInfo info = { 0 };

      if (sheets->pdata[i] == NULL || !cc_kind_is_sheet (cc_item_get_kind (sheets->pdata[i])))
        continue;
      info.item = cc_item_ref (sheets->pdata[i]);
      info.first_page = h->pages->len;
      layout_sheet (h, &info);
      if (h->options.fit_orientation && h->options.paper_width != h->options.paper_height)
        {
          /* A wide map on tall paper (or the other way): turned, if that
           * sets it larger. Cover and appendix keep the paper as it is. */
          SheetInfo turned = info;

          set_page_size (h, h->options.paper_height, h->options.paper_width);
          layout_sheet (h, &turned);
          if (turned.scale > info.scale * 1.05)
            {
              info = turned;
              info.turned = TRUE;
            }
          set_page_size (h, h->options.paper_width, h->options.paper_height);
        }
      g_array_append_val (h->sheets, info);
      for (guint r = 0; r < h->options.tile_rows; r++)
        for (guint c = 0; c < h->options.tile_columns; c++)
          {
            page = (Page) { PAGE_SHEET, h->sheets->len - 1, c, r, 0, 0 };
            g_array_append_val (h->pages, page);
          }
      if (cc_item_get_kind (info.item) == CC_KIND_MAP)
        for (guint v = 0; v < cc_item_get_n_children (info.item, CC_MAP_VIEWS); v++)
          {
            page = (Page) { PAGE_STEP, h->sheets->len - 1, 0, 0, 0, 0 };
            page.step = v;
            g_array_append_val (h->pages, page);
          }
    }
  if (h->options.appendix)
    {
      add_para (h, PARA_H1, "%s", _("Appendix: what is behind the drawings"));
      appendix_organisations (h);
      appendix_links (h);
      appendix_forces (h);
      appendix_cards (h);
      if (h->paras->len == 1)
        add_para (h, PARA_TEXT, "%s", _("The sheets hold nothing more to list."));
      paginate_appendix (h);
    }
  return h;
}

void
cc_handout_free (CcHandout *h)
{
  if (h == NULL)
    return;
  for (guint i = 0; i < h->sheets->len; i++)
    cc_item_unref (g_array_index (h->sheets, SheetInfo, i).item);
  for (guint i = 0; i < h->paras->len; i++)
    {
      g_free (g_array_index (h->paras, Para, i).text);
      g_clear_pointer (&g_array_index (h->paras, Para, i).paragraph, cc_paragraph_free);
    }
  release_helper_maps (h);
  g_hash_table_unref (h->shared);
  g_hash_table_unref (h->fonts);
  g_array_unref (h->sheets);
  g_array_unref (h->pages);
  g_array_unref (h->paras);
  g_object_unref (h->pango);
  g_object_unref (h->project);
  g_free (h->date);
  g_free (h);
}

guint
cc_handout_get_n_pages (CcHandout *h)
{
  g_return_val_if_fail (h != NULL, 0);
  return h->pages->len;
}

gboolean
cc_handout_page_is_turned (CcHandout *h, guint index)
{
  const Page *page;

  g_return_val_if_fail (h != NULL, FALSE);
  g_return_val_if_fail (index < h->pages->len, FALSE);
  page = &g_array_index (h->pages, Page, index);
  return (page->kind == PAGE_SHEET || page->kind == PAGE_STEP)
         && g_array_index (h->sheets, SheetInfo, page->sheet).turned;
}

/* ---- drawing ---------------------------------------------------------- */

static const char *
author_of (CcHandout *h)
{
  CcItem *meta = cc_project_get_meta (h->project);

  return meta != NULL ? cc_item_get_string (meta, CC_META_AUTHOR) : "";
}

static void
draw_stamp (CcHandout *h, cairo_t *cr, double right, double y)
{
  g_autoptr(PangoLayout) stamp = text_layout (h, _("DRAFT"), 10, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 0);
  double w, hgt;

  cc_text_size (stamp, &w, &hgt);
  cc_path_rounded_rect (cr, right - w - 12, y, w + 12, hgt + 4, 3);
  cc_set_source (cr, &draft_red);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  draw_text (cr, stamp, right - w - 6, y + 2, &draft_red);
}

/* Project and sheet on the left; date and author on the right. The titles
 * are isolated (cc-bidi.h) so that one in Arabic or Hebrew, which Pango
 * would set as a right-to-left paragraph aligned to the right of its
 * measure, starts at the left margin as the rest of the block does. */
static void
draw_title_block (CcHandout *h, cairo_t *cr, const char *subtitle)
{
  double left = MARGIN, right = h->page_w - MARGIN, top = MARGIN;
  const char *author = author_of (h);
  g_autofree char *title = cc_bidi_isolate (cc_project_get_title (h->project));

  draw_text (cr, shared_layout (h, title, 12, PANGO_WEIGHT_BOLD, (right - left) * 0.62), left, top, &cc_ink);
  if (subtitle != NULL && subtitle[0] != '\0')
    {
      g_autofree char *isolated = cc_bidi_isolate (subtitle);

      draw_text (cr, shared_layout (h, isolated, 10, PANGO_WEIGHT_NORMAL, (right - left) * 0.62), left, top + 17,
                 &cc_ink_muted);
    }
  draw_shared_right (h, cr, h->date, 9, right, top + 2, &cc_ink_muted);
  if (author[0] != '\0')
    draw_shared_right (h, cr, author, 9, right, top + 16, &cc_ink_muted);
  if (h->options.draft)
    {
      g_autoptr(PangoLayout) date = text_layout (h, h->date, 9, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0);
      g_autoptr(PangoLayout) by = text_layout (h, author, 9, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0);
      double dw, bw, hgt;

      cc_text_size (date, &dw, &hgt);
      cc_text_size (by, &bw, &hgt);
      draw_stamp (h, cr, right - MAX (dw, author[0] ? bw : 0) - 12, top + 4);
    }
  cairo_move_to (cr, left, top + TITLE_H - 2);
  cairo_line_to (cr, right, top + TITLE_H - 2);
  cc_set_source (cr, &rule_grey);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
}

static void
draw_footer (CcHandout *h, cairo_t *cr, guint page_index, const Page *page)
{
  double left = MARGIN, right = h->page_w - MARGIN;
  double y = h->page_h - MARGIN - FOOTER_H + 4;
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page_index + 1, h->pages->len);

  draw_text_right (h, cr, number, 8.5, PANGO_WEIGHT_NORMAL, right, y, &cc_ink_muted);
  if (page->kind == PAGE_SHEET && (h->options.tile_columns > 1 || h->options.tile_rows > 1))
    {
      /* "of 2 × 3": columns × rows, as --tile WxH says it */
      g_autofree char *where = g_strdup_printf (_("Row %u, column %u of %u × %u"), page->row + 1, page->col + 1,
                                                h->options.tile_columns, h->options.tile_rows);
      g_autoptr(PangoLayout) label = text_layout (h, where, 8.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0);
      double map_w = h->options.tile_columns * MAP_CELL_W;

      /* Where this page goes in the poster */
      for (guint r = 0; r < h->options.tile_rows; r++)
        for (guint c = 0; c < h->options.tile_columns; c++)
          {
            cairo_rectangle (cr, left + c * MAP_CELL_W, y + r * MAP_CELL_H - 2, MAP_CELL_W - 1.5, MAP_CELL_H - 1.5);
            if (r == page->row && c == page->col)
              {
                cc_set_source (cr, &cc_ink);
                cairo_fill (cr);
              }
            else
              {
                cc_set_source (cr, &rule_grey);
                cairo_set_line_width (cr, 0.6);
                cairo_stroke (cr);
              }
          }
      draw_text (cr, label, left + map_w + 8, y, &cc_ink_muted);
    }
}

static void
draw_watermark (CcHandout *h, cairo_t *cr)
{
  g_autoptr(PangoLayout) mark = text_layout (h, _("DRAFT"), 96, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 0);
  double w, hgt;

  cc_text_size (mark, &w, &hgt);
  cairo_save (cr);
  cairo_translate (cr, h->page_w / 2, h->page_h / 2);
  cairo_rotate (cr, -atan2 (h->page_h, h->page_w));
  cc_set_source_alpha (cr, &draft_red, 0.08);
  cairo_move_to (cr, -w / 2, -hgt / 2);
  pango_cairo_show_layout (cr, mark);
  cairo_restore (cr);
}

static void
crop_marks (CcHandout *h, cairo_t *cr)
{
  const CcRect *c = &h->content;
  double xs[2] = { c->x, c->x + c->width }, ys[2] = { c->y, c->y + c->height };

  cc_set_source (cr, &cc_ink);
  cairo_set_line_width (cr, 0.5);
  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 2; j++)
      {
        double dx = i == 0 ? -1 : 1, dy = j == 0 ? -1 : 1;

        cairo_move_to (cr, xs[i] + dx * 3, ys[j]);
        cairo_line_to (cr, xs[i] + dx * (3 + CROP_MARK), ys[j]);
        cairo_move_to (cr, xs[i], ys[j] + dy * 3);
        cairo_line_to (cr, xs[i], ys[j] + dy * (3 + CROP_MARK));
      }
  cairo_stroke (cr);
}

/* The overlap this tile shares with the next one to the right and below. */
static void
overlap_guides (CcHandout *h, cairo_t *cr, const Page *page)
{
  const CcRect *c = &h->content;
  double dashes[] = { 3, 3 };

  cairo_save (cr);
  cairo_set_dash (cr, dashes, 2, 0);
  cc_set_source (cr, &rule_grey);
  cairo_set_line_width (cr, 0.6);
  if (page->col + 1 < h->options.tile_columns)
    {
      cairo_move_to (cr, c->x + c->width - h->options.overlap, c->y);
      cairo_line_to (cr, c->x + c->width - h->options.overlap, c->y + c->height);
    }
  if (page->row + 1 < h->options.tile_rows)
    {
      cairo_move_to (cr, c->x, c->y + c->height - h->options.overlap);
      cairo_line_to (cr, c->x + c->width, c->y + c->height - h->options.overlap);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_drawing (CcHandout *h, cairo_t *cr, const SheetInfo *info, double x, double y, double scale,
              const CcReveal *reveal)
{
  CcRenderOptions options;

  cc_render_options_init (&options);
  options.reveal = reveal;
  /* Paper is read closely: detail as for a 300 dpi printer, so that no
   * label is dropped as on a zoomed-out screen. */
  options.scale = scale * 300.0 / 72.0;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -info->bounds.x, -info->bounds.y);
  cc_render_sheet (cr, h->project, info->item, &options);
  cairo_restore (cr);
}

static void
draw_sheet_page (CcHandout *h, cairo_t *cr, const Page *page)
{
  const SheetInfo *info = &g_array_index (h->sheets, SheetInfo, page->sheet);
  const CcRect *c = &h->content;
  gboolean tiled = h->options.tile_columns > 1 || h->options.tile_rows > 1;
  double tile_x = page->col * (c->width - h->options.overlap);
  double tile_y = page->row * (c->height - h->options.overlap);
  double x = c->x - tile_x + info->offset_x, y = c->y - tile_y + info->offset_y;

  draw_title_block (h, cr, cc_item_get_string (info->item, CC_SHEET_TITLE));
  cairo_save (cr);
  cairo_rectangle (cr, c->x, c->y, c->width, c->height);
  cairo_clip (cr);
  draw_drawing (h, cr, info, x, y, info->scale, NULL);
  cairo_restore (cr);

  if (tiled && info->legend)
    {
      /* The legend on every tile: where the map's own is not wholly on this
       * page, a copy in the corner. */
      CcRect legend = { x + (info->legend_box.x - info->bounds.x) * info->scale,
                        y + (info->legend_box.y - info->bounds.y) * info->scale,
                        info->legend_box.width * info->scale, info->legend_box.height * info->scale };

      if (!(legend.x >= c->x && legend.y >= c->y && legend.x + legend.width <= c->x + c->width
            && legend.y + legend.height <= c->y + c->height))
        {
          double s = MIN (1.0, MIN (c->height * 0.45 / info->legend_box.height, c->width * 0.3 / info->legend_box.width));
          double lw = info->legend_box.width * s, lh = info->legend_box.height * s;
          double lx = c->x + c->width - lw - 6, ly = c->y + 6;

          cairo_rectangle (cr, lx - 4, ly - 4, lw + 8, lh + 8);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill_preserve (cr);
          cc_set_source (cr, &rule_grey);
          cairo_set_line_width (cr, 0.6);
          cairo_stroke (cr);
          cairo_save (cr);
          cairo_rectangle (cr, lx, ly, lw, lh);
          cairo_clip (cr);
          draw_drawing (h, cr, info, lx - (info->legend_box.x - info->bounds.x) * s,
                        ly - (info->legend_box.y - info->bounds.y) * s, s, NULL);
          cairo_restore (cr);
        }
    }
  if (tiled)
    {
      crop_marks (h, cr);
      overlap_guides (h, cr, page);
    }
  if (h->options.draft)
    draw_watermark (h, cr);
}

/* One step of "the map step by step": the map as one of its views shows
 * it, under the view's name and where it stands among the steps. */
static void
draw_step_page (CcHandout *h, cairo_t *cr, const Page *page)
{
  const SheetInfo *info = &g_array_index (h->sheets, SheetInfo, page->sheet);
  const CcRect *c = &h->content;
  guint n_steps = cc_item_get_n_children (info->item, CC_MAP_VIEWS);
  CcItem *view = cc_item_get_child (info->item, CC_MAP_VIEWS, page->step);
  g_autoptr(CcReveal) reveal = cc_reveal_from_view (view);
  g_autofree char *name = cc_bidi_isolate (cc_item_get_string (view, CC_VIEW_NAME));
  g_autofree char *where = g_strdup_printf (_("The map step by step · Step %u of %u"), page->step + 1, n_steps);
  g_autoptr(PangoLayout) heading = text_layout (h, name, 14, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, c->width);
  g_autoptr(PangoLayout) sub = text_layout (h, where, 10, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, c->width);

  pango_layout_set_height (heading, -1);
  pango_layout_set_ellipsize (heading, PANGO_ELLIPSIZE_END);
  draw_title_block (h, cr, cc_item_get_string (info->item, CC_SHEET_TITLE));
  draw_text (cr, heading, c->x, c->y, &cc_ink);
  draw_text (cr, sub, c->x, c->y + layout_height (heading) + 2, &cc_ink_muted);
  cairo_save (cr);
  cairo_rectangle (cr, c->x, c->y + STEP_HEADING_H, c->width, c->height - STEP_HEADING_H);
  cairo_clip (cr);
  draw_drawing (h, cr, info, c->x + info->step_offset_x, c->y + info->step_offset_y, info->step_scale, reveal);
  cairo_restore (cr);
  if (h->options.draft)
    draw_watermark (h, cr);
}

static const char *
sheet_kind_label (CcItem *sheet)
{
  switch (cc_item_get_kind (sheet))
    {
    case CC_KIND_MAP:
      return _("Partnership map");
    case CC_KIND_FORCEFIELD:
      return _("Force-field analysis");
    case CC_KIND_NEWER_SHEET:
      return _("Sheet of a newer Concord");
    case CC_KIND_CANVAS:
    default:
      return _("Design canvas");
    }
}

static void
draw_cover (CcHandout *h, cairo_t *cr)
{
  double left = MARGIN + 20, width = h->page_w - 2 * (MARGIN + 20), y = h->page_h * 0.2;
  CcItem *meta = cc_project_get_meta (h->project);
  const char *description = meta != NULL ? cc_item_get_string (meta, CC_META_DESCRIPTION) : "";
  const char *author = author_of (h);
  g_autofree char *project_title = cc_bidi_isolate (cc_project_get_title (h->project));
  g_autoptr(PangoLayout) title = text_layout (h, project_title, 26, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, width);
  g_autofree char *by_author = cc_bidi_isolate (author);
  g_autofree char *byline = author[0] ? g_strdup_printf ("%s · %s", by_author, h->date) : g_strdup (h->date);
  g_autoptr(PangoLayout) by = text_layout (h, byline, 11, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, width);

  draw_text (cr, title, left, y, &cc_ink);
  y += layout_height (title) + 10;
  draw_text (cr, by, left, y, &cc_ink_muted);
  y += layout_height (by) + 18;
  if (h->options.draft)
    {
      draw_stamp (h, cr, left + 60, y);
      y += 30;
    }
  if (description[0] != '\0')
    {
      g_autoptr(PangoLayout) desc = text_layout (h, description, 11.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, width);

      pango_layout_set_height (desc, (int) (h->page_h * 0.3 * PANGO_SCALE));
      pango_layout_set_ellipsize (desc, PANGO_ELLIPSIZE_END);
      draw_text (cr, desc, left, y, &cc_ink);
      y += layout_height (desc) + 24;
    }
  {
    g_autoptr(PangoLayout) heading = text_layout (h, _("Contents"), 13, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, width);

    draw_text (cr, heading, left, y, &cc_ink);
    y += layout_height (heading) + 8;
  }
  for (guint i = 0; i < h->sheets->len; i++)
    {
      const SheetInfo *info = &g_array_index (h->sheets, SheetInfo, i);
      g_autofree char *title = cc_bidi_isolate (cc_item_get_string (info->item, CC_SHEET_TITLE));
      g_autofree char *line = g_strdup_printf ("%u.  %s — %s", i + 1, title, sheet_kind_label (info->item));
      g_autofree char *page = g_strdup_printf (_("page %u"), info->first_page + 1);
      g_autoptr(PangoLayout) entry = text_layout (h, line, 11, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, width - 60);

      draw_text (cr, entry, left, y, &cc_ink);
      draw_text_right (h, cr, page, 11, PANGO_WEIGHT_NORMAL, left + width, y, &cc_ink_muted);
      y += layout_height (entry) + 5;
      if (y > h->page_h - MARGIN - FOOTER_H - 20)
        break;
    }
  if (h->options.appendix)
    for (guint p = 0; p < h->pages->len; p++)
      if (g_array_index (h->pages, Page, p).kind == PAGE_APPENDIX)
        {
          g_autofree char *page = g_strdup_printf (_("page %u"), p + 1);
          g_autoptr(PangoLayout) entry = text_layout (h, _("Appendix: organisations, links, forces and cards"), 11,
                                                      PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, width - 60);

          draw_text (cr, entry, left, y, &cc_ink);
          draw_text_right (h, cr, page, 11, PANGO_WEIGHT_NORMAL, left + width, y, &cc_ink_muted);
          break;
        }
}

static void
draw_appendix_page (CcHandout *h, cairo_t *cr, const Page *page)
{
  double y = h->content.y;

  draw_title_block (h, cr, _("Appendix"));
  for (guint c = 0; c < page->n_columns; c++)
    {
      guint end = c + 1 < page->n_columns ? page->column_first[c + 1] : page->first_para + page->n_paras;
      double x = h->content.x + c * (h->column_w + COLUMN_GAP);

      y = h->content.y;
      for (guint i = page->column_first[c]; i < end; i++)
        {
          const Para *p = &g_array_index (h->paras, Para, i);
          const CcRgb *ink = p->style == PARA_NOTE ? &cc_ink_muted : &cc_ink;
          double size, indent, before, after;
          PangoWeight weight;
          PangoStyle slant;

          para_font (p->style, &size, &weight, &slant, &indent, &before, &after);
          if (i > page->column_first[c])
            y += before;
          cc_paragraph_draw (p->paragraph, cr, x + indent, y, ink);
          y += p->height + after;
        }
    }
}

void
cc_handout_draw_page (CcHandout *h, cairo_t *cr, guint index)
{
  const Page *page;

  g_return_if_fail (h != NULL);
  g_return_if_fail (index < h->pages->len);

  page = &g_array_index (h->pages, Page, index);
  {
    double w, hgt;

    page_size (h, page, &w, &hgt);
    set_page_size (h, w, hgt);
  }
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, h->page_w, h->page_h);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  switch (page->kind)
    {
    case PAGE_COVER:
      draw_cover (h, cr);
      break;
    case PAGE_SHEET:
      draw_sheet_page (h, cr, page);
      break;
    case PAGE_STEP:
      draw_step_page (h, cr, page);
      break;
    case PAGE_APPENDIX:
    default:
      draw_appendix_page (h, cr, page);
      break;
    }
  draw_footer (h, cr, index, page);
  cairo_restore (cr);
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
cc_handout_export_pdf (CcHandout *h, GError **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  CcItem *meta;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean appendix_marked = FALSE;
  int sheet_outline = CAIRO_PDF_OUTLINE_ROOT;

  g_return_val_if_fail (h != NULL, NULL);

  if (h->pages->len == 0)
    {
      g_set_error (error, CC_EXPORT_ERROR, CC_EXPORT_ERROR_FAILED, _("There is nothing to export: no sheets"));
      return NULL;
    }
  surface = cairo_pdf_surface_create_for_stream (append_bytes, data, h->options.paper_width, h->options.paper_height);
  meta = cc_project_get_meta (h->project);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, cc_project_get_title (h->project));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Concord");
  if (meta != NULL && cc_item_get_string (meta, CC_META_AUTHOR)[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, cc_item_get_string (meta, CC_META_AUTHOR));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                  meta != NULL && cc_item_get_string (meta, CC_META_DESCRIPTION)[0] != '\0'
                                  ? cc_item_get_string (meta, CC_META_DESCRIPTION)
                                  : _("Partnership handout"));
  cr = cairo_create (surface);
  for (guint i = 0; i < h->pages->len; i++)
    {
      const Page *page = &g_array_index (h->pages, Page, i);
      g_autofree char *link = g_strdup_printf ("page=%u", i + 1);

      if (page->kind == PAGE_SHEET && page->col == 0 && page->row == 0)
        sheet_outline = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT,
                                                       cc_item_get_string (g_array_index (h->sheets, SheetInfo,
                                                                                          page->sheet).item,
                                                                           CC_SHEET_TITLE),
                                                       link, 0);
      else if (page->kind == PAGE_STEP && page->step == 0)
        cairo_pdf_surface_add_outline (surface, sheet_outline, _("The map step by step"), link, 0);
      else if (page->kind == PAGE_APPENDIX && !appendix_marked)
        {
          cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, _("Appendix"), link, 0);
          appendix_marked = TRUE;
        }
      {
        double w, hgt;

        page_size (h, page, &w, &hgt);
        cairo_pdf_surface_set_size (surface, w, hgt);
      }
      cc_handout_draw_page (h, cr, i);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CC_EXPORT_ERROR, CC_EXPORT_ERROR_FAILED, _("Could not draw the export: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}
