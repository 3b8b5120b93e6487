/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-sheet-tool"

#include "config.h"

#include "cc-sheet-tools.h"

G_DEFINE_ABSTRACT_TYPE (CcSheetTool, cc_sheet_tool, G_TYPE_OBJECT)

static void
cc_sheet_tool_class_init (CcSheetToolClass *klass)
{
}

static void
cc_sheet_tool_init (CcSheetTool *self)
{
}

/**
 * cc_sheet_tool_types:
 * @n_types: (out): how many
 *
 * The table of tools, one row per sheet kind, in the order they are asked
 * whether they take a sheet. A sheet kind with no row (one made by a newer
 * Concord) is shown and panned, and nothing else.
 *
 * Returns: (transfer none): the tools' types
 */
const GType *
cc_sheet_tool_types (guint *n_types)
{
  static GType types[3];

  if (types[0] == 0)
    {
      types[0] = CC_TYPE_MAP_TOOL;
      types[1] = CC_TYPE_FORCEFIELD_TOOL;
      types[2] = CC_TYPE_CANVAS_TOOL;
    }
  *n_types = G_N_ELEMENTS (types);
  return types;
}

/* The type of the tool for @sheet, or 0 when no tool takes it. */
GType
cc_sheet_tool_type_for_sheet (CcItem *sheet)
{
  guint n;
  const GType *types = cc_sheet_tool_types (&n);

  if (sheet == NULL)
    return 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (types[i]);
      CcSheetToolClass *tool_class = (CcSheetToolClass *) klass;

      if (tool_class->kind == cc_item_get_kind (sheet)
          && (tool_class->matches == NULL || tool_class->matches (sheet)))
        return types[i];
    }
  return 0;
}

gboolean
cc_sheet_tool_press_select (CcSheetTool     *tool,
                            CcItem          *item,
                            GdkModifierType  state,
                            gboolean        *additive)
{
  gboolean was_selected = cc_selection_contains (tool->selection, item);

  *additive = (state & CC_SHEET_ADD_TO_SELECTION) != 0;
  if (*additive)
    cc_selection_toggle (tool->selection, item);
  else if (!was_selected)
    cc_selection_select (tool->selection, item);
  return was_selected;
}

void
cc_sheet_tool_click_select (CcSheetTool *tool,
                            CcItem      *item,
                            gboolean     was_selected,
                            gboolean     additive)
{
  /* A click on one of several selected leaves it alone selected. */
  if (was_selected && !additive && item != NULL)
    cc_selection_select (tool->selection, item);
}

gboolean
cc_sheet_tool_is_active (CcSheetTool *tool)
{
  return tool->sheet != NULL;
}

void
cc_sheet_tool_set_item (CcItem **field,
                        CcItem  *item)
{
  if (item != NULL)
    cc_item_ref (item);
  g_clear_pointer (field, cc_item_unref);
  *field = item;
}

void
cc_sheet_tool_draw_handle (cairo_t       *cr,
                           const GdkRGBA *accent,
                           double         x,
                           double         y)
{
  cairo_arc (cr, x, y, CC_SHEET_HANDLE_R, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

void
cc_sheet_tool_stroke_dashed (cairo_t       *cr,
                             const GdkRGBA *accent,
                             double         width,
                             double         on,
                             double         off)
{
  const double dash[] = { on, off };

  cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 1);
  cairo_set_line_width (cr, width);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* The toolbar in ui/@name, with the objects the tool looks up in it. */
GtkBuilder *
cc_sheet_tool_load_toolbar (const char  *name,
                            GtkWidget  **toolbar)
{
  g_autofree char *path = g_strconcat ("/io/github/concordmaps/Concord/ui/", name, NULL);
  GtkBuilder *builder = gtk_builder_new_from_resource (path);

  *toolbar = GTK_WIDGET (gtk_builder_get_object (builder, "toolbar"));
  return builder;
}
