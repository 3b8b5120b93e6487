/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-render"

#include "config.h"

#include "cc-paragraph.h"
#include "cc-text-setter.h"

struct _CcParagraphContext
{
  PangoContext *pango;
  CcTextSetter *setter;   /* made when first asked for */
};

struct _CcParagraph
{
  CcSetText   *set;       /* by the setter, */
  PangoLayout *layout;    /* or by Pango */
  double       width, height;
  CcRgb        second_ink;
  gboolean     has_second_ink;
};

CcParagraphContext *
cc_paragraph_context_new (PangoContext *context)
{
  CcParagraphContext *pc = g_new0 (CcParagraphContext, 1);

  pc->pango = g_object_ref (context);
  return pc;
}

void
cc_paragraph_context_free (CcParagraphContext *pc)
{
  if (pc == NULL)
    return;
  g_clear_pointer (&pc->setter, cc_text_setter_free);
  g_clear_object (&pc->pango);
  g_free (pc);
}

PangoContext *
cc_paragraph_context_get_pango (CcParagraphContext *pc)
{
  return pc->pango;
}

static PangoLayout *
pango_paragraph (CcParagraphContext *pc, const char *text, const CcParagraphSpec *spec)
{
  PangoLayout *layout = pango_layout_new (pc->pango);

  pango_layout_set_font_description (layout, spec->font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_alignment (layout, spec->align);
  if (spec->width > 0)
    {
      pango_layout_set_width (layout, (int) (spec->width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      if (spec->max_lines > 0)
        {
          pango_layout_set_height (layout, -(int) spec->max_lines);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        }
    }
  if (spec->second_at > 0 && spec->second_font != NULL)
    {
      /* The second part as the setter sets it: its size and slant, its ink */
      PangoAttrList *attrs = pango_attr_list_new ();
      PangoAttribute *attr;
      int size = pango_font_description_get_size (spec->second_font);

      attr = pango_font_description_get_size_is_absolute (spec->second_font) ? pango_attr_size_new_absolute (size)
                                                                              : pango_attr_size_new (size);
      attr->start_index = (guint) spec->second_at;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_style_new (pango_font_description_get_style (spec->second_font));
      attr->start_index = (guint) spec->second_at;
      pango_attr_list_insert (attrs, attr);
      if (spec->second_ink != NULL)
        {
          attr = pango_attr_foreground_new ((guint16) (spec->second_ink->r * 65535),
                                            (guint16) (spec->second_ink->g * 65535),
                                            (guint16) (spec->second_ink->b * 65535));
          attr->start_index = (guint) spec->second_at;
          pango_attr_list_insert (attrs, attr);
        }
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  if (spec->width > 0 && spec->max_height > 0)
    {
      pango_layout_set_height (layout, (int) (spec->max_height * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

CcParagraph *
cc_paragraph_new (CcParagraphContext    *pc,
                  const char            *text,
                  const CcParagraphSpec *spec)
{
  CcParagraph *p = g_new0 (CcParagraph, 1);
  guint max_lines = spec->width > 0 ? spec->max_lines : 0;

  g_return_val_if_fail (pc != NULL && spec != NULL && spec->font != NULL, p);

  if (text == NULL)
    text = "";
  if (spec->second_ink != NULL)
    {
      p->second_ink = *spec->second_ink;
      p->has_second_ink = TRUE;
    }
  if (!(spec->width > 0 && spec->max_height > 0))
    {
      if (pc->setter == NULL)
        pc->setter = cc_text_setter_new (pc->pango);
      p->set = cc_text_setter_set (pc->setter, text, spec->font, spec->second_at,
                                   spec->second_at > 0 ? spec->second_font : NULL, spec->width, spec->align,
                                   max_lines);
    }
  if (p->set != NULL)
    {
      p->width = cc_set_text_get_width (p->set);
      p->height = cc_set_text_get_height (p->set);
    }
  else
    {
      PangoRectangle logical;

      p->layout = pango_paragraph (pc, text, spec);
      pango_layout_get_extents (p->layout, NULL, &logical);
      p->width = (double) logical.width / PANGO_SCALE;
      p->height = (double) logical.height / PANGO_SCALE;
    }
  return p;
}

void
cc_paragraph_free (CcParagraph *p)
{
  if (p == NULL)
    return;
  g_clear_pointer (&p->set, cc_set_text_free);
  g_clear_object (&p->layout);
  g_free (p);
}

double
cc_paragraph_get_width (const CcParagraph *p)
{
  return p->width;
}

double
cc_paragraph_get_height (const CcParagraph *p)
{
  return p->height;
}

guint
cc_paragraph_get_n_lines (const CcParagraph *p)
{
  if (p->set != NULL)
    return cc_set_text_get_n_lines (p->set);
  return (guint) pango_layout_get_line_count (p->layout);
}

gboolean
cc_paragraph_is_fast (const CcParagraph *p)
{
  return p->set != NULL;
}

void
cc_paragraph_draw (const CcParagraph *p,
                   cairo_t           *cr,
                   double             x,
                   double             y,
                   const CcRgb       *ink)
{
  cc_set_source (cr, ink);
  if (p->set != NULL)
    {
      cairo_pattern_t *second = p->has_second_ink
        ? cairo_pattern_create_rgb (p->second_ink.r, p->second_ink.g, p->second_ink.b) : NULL;

      cc_set_text_draw (p->set, cr, x, y, second);
      if (second != NULL)
        cairo_pattern_destroy (second);
    }
  else
    {
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, p->layout);
    }
}
