/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-project.h"

G_BEGIN_DECLS

/* Canvas templates: the named panels of a design canvas, laid out on a grid.
 *
 * Templates are data (docs/templates.md). A project keeps a copy of each
 * template its canvases use, as a CC_KIND_TEMPLATE item in the root's
 * "templates" slot, so that a colleague without the template still opens,
 * edits and prints the canvas; the installed templates are the io layer's
 * (cc-template-library.h). A CcTemplate is a read-only view of such an item,
 * built when needed: its strings belong to the item, which it holds. */

typedef enum
{
  CC_SCORE_ROLE_NONE,  /* card scores in this panel count for nothing */
  CC_SCORE_ROLE_GAIN,  /* card scores add to the gain */
  CC_SCORE_ROLE_PAIN,  /* card scores add to the pain */
} CcScoreRole;

typedef struct
{
  const char  *id;
  const char  *title;       /* untranslated */
  const char  *prompt;      /* untranslated question shown in an empty panel, or "" */
  guint        col, row;    /* top-left cell on the template's grid */
  guint        col_span, row_span;
  CcScoreRole  score_role;
  const char  *color;       /* accent "#rrggbb", or NULL for the role's */
  const char  *card_color;  /* colour of cards that have none, or NULL */
  const char  *next;        /* id of the panel this one leads to, or NULL */
} CcTemplatePanel;

typedef struct
{
  CcItem          *item;
  const char      *id;
  const char      *title;       /* untranslated */
  const char      *description;
  guint            columns, rows;
  int              score_min, score_max;
  CcAxis           x_axis, y_axis;  /* both CC_AXIS_NONE, or a grid */
  CcTemplatePanel *panels;
  guint            n_panels;
} CcTemplate;

CcTemplate            *cc_template_new          (CcItem           *item);
void                   cc_template_free         (CcTemplate       *tmpl);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcTemplate, cc_template_free)

const CcTemplatePanel *cc_template_find_panel   (const CcTemplate *tmpl,
                                                 const char       *panel_id);
/* A grid places cards about an organisation by the organisation's values. */
gboolean               cc_template_is_grid      (const CcTemplate *tmpl);
/* The panel covering the point (@fx, @fy) of the grid, each from 0 to 1,
 * x to the right and y upwards; NULL where no panel covers it. */
const CcTemplatePanel *cc_template_panel_at     (const CcTemplate *tmpl,
                                                 double            fx,
                                                 double            fy);

/* The actor field an axis measures, and its range. */
guint                  cc_axis_field            (CcAxis            axis);
const char            *cc_axis_label            (CcAxis            axis);  /* untranslated */
/* Where @actor stands on the grid of @tmpl, each from 0 to 1; FALSE when
 * it has no value on one of the axes (or @tmpl is no grid). */
gboolean               cc_template_actor_point  (const CcTemplate *tmpl,
                                                 CcItem           *actor,
                                                 double           *fx,
                                                 double           *fy);

/* Semantic rules a template must keep beyond its fields' own (unique panel
 * ids, panels inside the grid and not overlapping, "next" naming another
 * panel, a sane score scale, both axes or none). Each broken rule is
 * reported with a path relative to the template ("panels[2].col"). */
typedef void (*CcTemplateReportFunc) (const char *path,
                                      const char *message,
                                      gpointer    user_data);
gboolean               cc_template_check        (CcItem              *item,
                                                 CcTemplateReportFunc report,
                                                 gpointer             user_data);
/* A template or panel id: lower-case words of letters and digits joined by
 * single hyphens, at most CC_TEMPLATE_ID_MAX bytes. */
gboolean               cc_template_id_is_valid  (const char *id);

/* The copy of the template @id that the project holding @root keeps, or NULL. */
CcItem                *cc_project_find_template (CcProject        *project,
                                                 const char       *id);
CcItem                *cc_root_find_template    (CcItem           *root,
                                                 const char       *id);
/* The template of @canvas, from its project's copies; NULL when the project
 * has none of that id (or @canvas is in no project). Free it. */
CcTemplate            *cc_canvas_get_template   (CcItem           *canvas);

/* Sums of the card scores of @canvas in the panels whose score role is gain
 * and pain. Cards in panels the template does not know count for nothing. */
void                   cc_canvas_gain_pain      (CcItem           *canvas,
                                                 int              *gain,
                                                 int              *pain);

G_END_DECLS
