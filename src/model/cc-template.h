/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-item.h"

G_BEGIN_DECLS

/* Canvas templates: the named panels of a design canvas, laid out on a grid.
 * Templates are data (JSON compiled into the program as a resource); the
 * registry is read once and lives as long as the process. */

typedef enum
{
  CC_SCORE_ROLE_NONE,  /* card scores in this panel count for nothing */
  CC_SCORE_ROLE_GAIN,  /* card scores add to the gain */
  CC_SCORE_ROLE_PAIN,  /* card scores add to the pain */
} CcScoreRole;

typedef struct
{
  const char  *id;
  const char  *title;       /* untranslated; translate with _() at the UI */
  const char  *prompt;      /* untranslated question shown in an empty panel */
  guint        col, row;    /* top-left cell on the template's grid */
  guint        col_span, row_span;
  CcScoreRole  score_role;
  const char  *color;       /* accent "#rrggbb", or NULL for the role's */
  const char  *next;        /* id of the panel this one leads to, or NULL */
} CcTemplatePanel;

typedef struct
{
  const char            *id;
  const char            *title;     /* untranslated */
  guint                  columns, rows;
  const CcTemplatePanel *panels;
  guint                  n_panels;
} CcTemplate;

/* The built-in template with @id, or NULL. */
const CcTemplate      *cc_template_lookup      (const char *id);

/* All built-in templates, in a stable order; @n receives the count. */
const CcTemplate     **cc_template_get_all     (guint *n);

const CcTemplatePanel *cc_template_find_panel  (const CcTemplate *tmpl,
                                                const char       *panel_id);

/* Sums of the card scores of @canvas in the panels whose score role is gain
 * and pain. Cards in panels the template does not know count for nothing. */
void                   cc_canvas_gain_pain     (CcItem *canvas,
                                                int    *gain,
                                                int    *pain);

G_END_DECLS
