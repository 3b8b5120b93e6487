/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include <gtk/gtk.h>

#include "cc-link-type-menu.h"

GMenu *
cc_link_type_menu_new (CcProject  *project,
                       const char *action)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) builtin = g_menu_new ();
  const CcBuiltinLinkType *list = NULL;
  GPtrArray *own;
  guint n = 0;

  g_return_val_if_fail (action != NULL, menu);
  list = cc_builtin_link_types (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(list[i].label), NULL);
      g_autofree char *accel = g_strdup_printf ("%u", i + 1);

      g_menu_item_set_action_and_target (item, action, "s", list[i].id);
      /* The keys 1 to 4, on a map and in the outline alike */
      if (i < 4)
        g_menu_item_set_attribute (item, "accel", "s", accel);
      g_menu_append_item (builtin, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (builtin));

  own = project != NULL ? cc_item_get_children (cc_project_get_root (project), CC_PROJECT_LINK_TYPES) : NULL;
  if (own != NULL && own->len > 0)
    {
      g_autoptr(GMenu) section = g_menu_new ();

      for (guint i = 0; i < own->len; i++)
        {
          CcItem *type = own->pdata[i];
          const char *label = cc_item_get_string (type, CC_LINK_TYPE_LABEL);
          g_autoptr(GMenuItem) item = g_menu_item_new (label[0] != '\0' ? label : cc_item_get_id (type), NULL);

          g_menu_item_set_action_and_target (item, action, "s", cc_item_get_id (type));
          g_menu_append_item (section, item);
        }
      g_menu_append_section (menu, _("This Project"), G_MENU_MODEL (section));
    }
  return menu;
}

/* How a link type id looks; FALSE when the project has no such type. */
gboolean
cc_link_type_get_look (CcProject      *project,
                       const char     *id,
                       CcLinkTypeLook *look)
{
  const CcBuiltinLinkType *builtin = cc_builtin_link_type (id);
  CcItem *item;

  if (builtin != NULL)
    {
      *look = (CcLinkTypeLook) { builtin->label, builtin->color, builtin->dash, TRUE };
      return TRUE;
    }
  item = project != NULL && id != NULL ? cc_project_lookup (project, id) : NULL;
  if (item == NULL || cc_item_get_kind (item) != CC_KIND_LINK_TYPE)
    return FALSE;
  *look = (CcLinkTypeLook) { cc_item_get_string (item, CC_LINK_TYPE_LABEL),
                           cc_item_get_string (item, CC_LINK_TYPE_COLOR),
                           (CcDash) cc_item_get_int (item, CC_LINK_TYPE_DASH), FALSE };
  return TRUE;
}

/* A short line in the colour and dash of link type @type, across @width
 * by @height. */
void
cc_link_type_draw_swatch (cairo_t    *cr,
                          int         width,
                          int         height,
                          CcProject  *project,
                          const char *type)
{
  CcLinkTypeLook look;
  GdkRGBA color;

  if (!cc_link_type_get_look (project, type, &look) || !gdk_rgba_parse (&color, look.color))
    return;
  /* A light outline under it, so that dark colours show on the dark pill. */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, 2, height / 2.0);
  cairo_line_to (cr, width - 2, height / 2.0);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_set_line_width (cr, 6);
  cairo_stroke (cr);
  switch (look.dash)
    {
    case CC_DASH_DASHED:
      cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    case CC_DASH_DOTTED:
      cairo_set_dash (cr, (double[]) { 0, 5 }, 2, 0);
      break;
    case CC_DASH_DASH_DOT:
      /* Not 0 for the dot: cairo 1.16 leaves out a zero-length dash that
       * is not the pattern's first */
      cairo_set_dash (cr, (double[]) { 6, 4, 0.01, 4 }, 4, 0);
      break;
    case CC_DASH_SOLID:
    case CC_N_DASHES:
    default:
      break;
    }
  cairo_move_to (cr, 3, height / 2.0);
  cairo_line_to (cr, width - 3, height / 2.0);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, 3.5);
  cairo_stroke (cr);
}
