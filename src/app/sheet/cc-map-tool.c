/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-map-tool"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "cc-bidi.h"
#include "cc-clipboard.h"
#include "cc-link-type-menu.h"
#include "cc-map-edit.h"
#include "cc-quick-entry.h"
#include "cc-sheet-tools.h"

/* Maps: organisations and their links. A press selects, moves the
 * selection, draws a link from a selected organisation's handle, moves the
 * legend, or draws a band to select; a double-click names a new
 * organisation or renames one; Tab in the name adds the next, linked. */

typedef enum
{
  DRAG_NONE,
  DRAG_MOVE,
  DRAG_LINK,
  DRAG_BAND,
  DRAG_LEGEND,
} DragMode;

typedef enum
{
  EDIT_NONE,
  EDIT_CREATE,
  EDIT_RENAME,
  EDIT_QUICK,      /* a line of quick entry */
} EditMode;

struct _CcMapTool
{
  CcSheetTool     base;

  DragMode        drag_mode;
  double          drag_x, drag_y;     /* where the press was, view pixels */
  double          drag_dx, drag_dy;   /* offset from there */
  gboolean        drag_moved;
  gboolean        drag_was_selected;
  gboolean        drag_additive;
  CcItem         *drag_item;          /* the node pressed, or the link's source */
  CcItem         *drag_target;        /* the node a link would go to */
  CcRenderMoving *moving;             /* nodes dragged, drawn apart from the rest */

  EditMode        edit_mode;
  CcItem         *edit_node;          /* renamed */
  CcItem         *edit_from;          /* the new one is linked from it */

  GtkWidget      *context_menu;
  GtkWidget      *link_type_button;
  GtkWidget      *link_type_label;
  GtkWidget      *link_type_swatch;
  char           *link_types_signature;
};

G_DEFINE_FINAL_TYPE (CcMapTool, cc_map_tool, CC_TYPE_SHEET_TOOL)

#define CHAIN_STEP  180.0  /* points between organisations added with Tab */
#define NUDGE       10.0   /* points per arrow key press on a selection */
#define NUDGE_BIG   50.0   /* with Shift */

static const char * const link_type_keys[] = { "informal", "strategic", "statutory", "delivery" };

static GPtrArray *
selected_nodes (CcMapTool *self)
{
  return cc_selection_get_of_kind (self->base.selection, CC_KIND_NODE);
}

static GPtrArray *
selected_links (CcMapTool *self)
{
  return cc_selection_get_of_kind (self->base.selection, CC_KIND_LINK);
}

/* The box in view pixels, moved along while the selection is dragged. */
static gboolean
view_box (CcMapTool *self,
          CcItem    *item,
          gboolean   follow_drag,
          CcRect    *out)
{
  if (!cc_sheet_view_get_view_box (self->base.view, item, out))
    return FALSE;
  if (follow_drag && self->drag_mode == DRAG_MOVE && self->drag_moved
      && cc_item_get_kind (item) == CC_KIND_NODE)
    {
      out->x += self->drag_dx;
      out->y += self->drag_dy;
    }
  return TRUE;
}

static CcItem *
node_at (CcMapTool *self,
         double     x,
         double     y)
{
  CcItem *hit = cc_sheet_view_hit_item (self->base.view, x, y);

  return hit != NULL && cc_item_get_kind (hit) == CC_KIND_NODE ? hit : NULL;
}

/* Opens the name entry: for a new organisation at sheet point (sx, sy),
 * linked from @from when there is one, or to rename @node. */
static void
open_entry (CcMapTool *self,
            EditMode   mode,
            double     sx,
            double     sy,
            CcItem    *node,
            CcItem    *from)
{
  const char *text = "";
  const char *hint = _("Organisation name");
  CcItem *source = from != NULL ? cc_project_get_node_actor (self->base.project, from) : NULL;

  if (mode == EDIT_RENAME && node != NULL)
    {
      CcItem *actor = cc_project_get_node_actor (self->base.project, node);

      if (actor != NULL)
        text = cc_item_get_string (actor, CC_ACTOR_NAME);
    }
  if (mode == EDIT_CREATE && from != NULL)
    hint = _("Link to: organisation name");
  if (mode == EDIT_QUICK)
    hint = _("Name [sector] -- Name : type strength");
  self->edit_mode = mode;
  cc_sheet_tool_set_item (&self->edit_node, node);
  cc_sheet_tool_set_item (&self->edit_from, from);
  cc_sheet_view_open_entry (self->base.view, sx, sy, text, hint,
                            mode == EDIT_CREATE ? CC_SHEET_ENTRY_SUGGEST
                            : mode == EDIT_QUICK ? CC_SHEET_ENTRY_REPEAT | CC_SHEET_ENTRY_WIDE | CC_SHEET_ENTRY_COMPLETE
                            : CC_SHEET_ENTRY_LINE, source);
}

static void
entry_closed (CcMapTool *self)
{
  self->edit_mode = EDIT_NONE;
  cc_sheet_tool_set_item (&self->edit_node, NULL);
  cc_sheet_tool_set_item (&self->edit_from, NULL);
}

/* The entry for the next organisation, linked from @node, beside it. */
static void
open_linked_entry (CcMapTool *self,
                   CcItem    *node)
{
  double x, y;

  cc_sheet_view_get_node_centre (self->base.view, node, &x, &y);
  open_entry (self, EDIT_CREATE, x + CHAIN_STEP, y, NULL, node);
}

static void
map_entry_cancel (CcSheetTool *tool)
{
  entry_closed (CC_MAP_TOOL (tool));
}

/* The point of the sheet at the middle of the view. */
static void
view_middle (CcMapTool *self,
             double    *sx,
             double    *sy)
{
  GtkWidget *view = GTK_WIDGET (self->base.view);

  cc_sheet_view_view_to_sheet (self->base.view, gtk_widget_get_width (view) / 2.0, gtk_widget_get_height (view) / 2.0,
                               sx, sy);
}

/* What a new organisation from quick entry keeps clear of, as the screen
 * draws it: every node at its drawn size, every group (a new organisation
 * joins none, even one linked to a member: grouping is the room's call,
 * made with Ctrl+G), the legend and the title. */
static GArray *
obstacles (CcMapTool *self)
{
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (CcMapBox));
  CcItem *sheet = self->base.sheet;
  const guint slots[] = { CC_MAP_NODES, CC_MAP_GROUPS };
  CcRect r;

  for (guint s = 0; s < G_N_ELEMENTS (slots); s++)
    for (guint i = 0; i < cc_item_get_n_children (sheet, slots[s]); i++)
      if (cc_sheet_view_get_box (self->base.view, cc_item_get_child (sheet, slots[s], i), &r))
        g_array_append_val (boxes, ((CcMapBox) { r.x, r.y, r.width, r.height }));
  /* The map itself gives its legend's box. */
  if (cc_sheet_view_get_box (self->base.view, sheet, &r))
    g_array_append_val (boxes, ((CcMapBox) { r.x, r.y, r.width, r.height }));
  if (cc_render_get_map_title_bounds (self->base.project, sheet, cc_sheet_view_screen_options (self->base.view), &r))
    g_array_append_val (boxes, ((CcMapBox) { r.x, r.y, r.width, r.height }));
  return boxes;
}

/* Quick entry: the line is done, and (after Enter) the next one asked
 * for; a line that cannot be read stays, saying what is wrong. */
static void
quick_commit (CcMapTool  *self,
              const char *text,
              gboolean    chain)
{
  CcQuickLine line;
  g_autoptr(GError) error = NULL;
  double x, y;
  int at = 0;

  view_middle (self, &x, &y);
  if (text[0] == '\0')
    {
      if (chain)
        open_entry (self, EDIT_QUICK, x, y, NULL, NULL);
      return;
    }
  if (!cc_quick_line_parse (self->base.project, text, &line, &at, &error))
    {
      if (!chain)
        return;
      open_entry (self, EDIT_QUICK, x, y, NULL, NULL);
      gtk_editable_set_text (GTK_EDITABLE (cc_sheet_view_get_entry (self->base.view)), text);
      cc_sheet_view_set_entry_error (self->base.view, error->message, at);
      return;
    }
  {
    g_autoptr(GArray) boxes = obstacles (self);
    guint before = cc_item_get_n_children (self->base.sheet, CC_MAP_NODES);
    g_autoptr(GPtrArray) items = cc_quick_line_apply_clear_of (self->base.project, self->base.sheet, &line, x, y,
                                                               (const CcMapBox *) boxes->data, boxes->len);
    guint after = cc_item_get_n_children (self->base.sheet, CC_MAP_NODES);
    CcRect shown = { 0, 0, -1, -1 };

    cc_selection_set_items (self->base.selection, items);
    /* What was added in sight (or, when nothing was, the two linked), as
     * the view lays the map out now: the one it was linked to may be far
     * off, and the newcomer is what the room looks for. */
    for (guint i = 0; i < items->len; i++)
      {
        CcItem *item = items->pdata[i];
        CcRect box;

        if (cc_item_get_kind (item) == CC_KIND_NODE
            && (after == before || cc_item_get_index (item) >= before)
            && cc_sheet_view_get_box (self->base.view, item, &box))
          cc_rect_union (&shown, &box);
      }
    cc_sheet_view_reveal_box (self->base.view, &shown);
  }
  cc_quick_line_clear (&line);
  if (chain)
    open_entry (self, EDIT_QUICK, x, y, NULL, NULL);
}

/* The organisation named in the entry: @renamed takes the name, or the
 * organisation named is placed (or, on the map already, linked from
 * @from). Returns its node. */
static CcItem *
name_entered (CcMapTool  *self,
              EditMode    mode,
              CcItem     *renamed,
              CcItem     *from,
              CcItem     *actor,
              const char *text,
              double      x,
              double      y)
{
  CcSheetTool *tool = CC_SHEET_TOOL (self);
  CcItem *node = NULL;

  if (mode == EDIT_RENAME && renamed != NULL)
    {
      CcItem *old = cc_project_get_node_actor (tool->project, renamed);

      if (text[0] != '\0' && (old == NULL || g_strcmp0 (cc_item_get_string (old, CC_ACTOR_NAME), text) != 0))
        cc_map_rename_node (tool->project, renamed, text);
      node = renamed;
    }
  else if (mode == EDIT_CREATE && (actor != NULL || text[0] != '\0'))
    {
      /* One already on the map is linked to, not placed again. */
      node = cc_map_place_organisation (tool->project, tool->sheet, from, actor, text,
                                        cc_sheet_view_get_link_type (tool->view), x, y);
      if (node != NULL)
        cc_selection_select (tool->selection, node);
    }
  return node;
}

/* The sector and kind given after a name in brackets. */
static void
apply_suffix (CcMapTool        *self,
              CcItem           *node,
              const CcQuickEnd *end)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

  if (node == NULL)
    return;
  g_ptr_array_add (nodes, node);
  if (end->sector >= 0)
    cc_map_set_sector (self->base.project, nodes, (CcSector) end->sector);
  if (end->kind >= 0)
    cc_map_set_actor_kind (self->base.project, nodes, (CcActorKind) end->kind);
}

/* Creates or renames as the entry says; with @chain, opens the entry again
 * for an organisation linked from the one just made. */
static void
map_entry_commit (CcSheetTool *tool,
                  const char  *text,
                  CcItem      *actor,
                  gboolean     chain)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  EditMode mode = self->edit_mode;
  CcItem *node = NULL;
  g_autoptr(CcItem) from = self->edit_from != NULL ? cc_item_ref (self->edit_from) : NULL;
  g_autoptr(CcItem) renamed = self->edit_node != NULL ? cc_item_ref (self->edit_node) : NULL;
  CcQuickLine line;
  gboolean suffix;
  double x, y;

  cc_sheet_view_get_entry_point (tool->view, &x, &y);
  entry_closed (self);
  if (mode == EDIT_QUICK)
    {
      quick_commit (self, text, chain);
      return;
    }
  /* A name with its sector or kind, as in quick entry: "Food Bank [vol]". */
  suffix = strchr (text, '[') != NULL && (mode == EDIT_CREATE || mode == EDIT_RENAME)
           && cc_quick_line_parse (tool->project, text, &line, NULL, NULL);
  if (suffix && line.link)
    {
      cc_quick_line_clear (&line);
      suffix = FALSE;
    }
  if (suffix)
    cc_project_begin_group (tool->project, mode == EDIT_RENAME ? _("Rename Organisation") : _("Add Organisation"));
  node = name_entered (self, mode, renamed, from, suffix ? NULL : actor, suffix ? line.ends[0].name : text, x, y);
  if (suffix)
    {
      apply_suffix (self, node, &line.ends[0]);
      cc_project_end_group (tool->project);
      cc_quick_line_clear (&line);
    }
  if (chain && node != NULL)
    open_linked_entry (self, node);
}

/* ---- presses ---------------------------------------------------------------- */

static void
set_drag_item (CcMapTool *self,
               CcItem    *item)
{
  cc_sheet_tool_set_item (&self->drag_item, item);
}

static void
map_drag_reset (CcSheetTool *tool)
{
  CcMapTool *self = CC_MAP_TOOL (tool);

  self->drag_mode = DRAG_NONE;
  self->drag_moved = FALSE;
  self->drag_target = NULL;
  set_drag_item (self, NULL);
  g_clear_pointer (&self->moving, cc_render_moving_free);
}

static CcSheetDrag
map_drag_begin (CcSheetTool     *tool,
                double           x,
                double           y,
                GdkModifierType  state)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  CcItem *hit, *handle;

  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = self->drag_dy = 0;
  handle = cc_sheet_view_handle_at (tool->view, x, y);
  hit = cc_sheet_view_hit_item (tool->view, x, y);

  if (handle == NULL && hit != NULL && cc_item_get_kind (hit) == CC_KIND_NODE
      && (state & GDK_ALT_MASK) && cc_selection_contains (tool->selection, hit))
    handle = hit;

  if (handle != NULL && cc_item_get_kind (handle) == CC_KIND_NODE)
    {
      self->drag_mode = DRAG_LINK;
      set_drag_item (self, handle);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (tool->view), "crosshair");
    }
  else if (hit != NULL && hit == tool->sheet)
    {
      /* The legend: dragged where the map leaves room for it; set for a
       * room it stands by the map, and stays */
      if (cc_sheet_view_get_text_scale (tool->view) != 1.0)
        return CC_SHEET_DRAG_NONE;
      self->drag_mode = DRAG_LEGEND;
    }
  else if (hit != NULL && cc_item_get_kind (hit) == CC_KIND_NODE)
    {
      self->drag_was_selected = cc_sheet_tool_press_select (tool, hit, state, &self->drag_additive);
      if (cc_selection_contains (tool->selection, hit))
        {
          self->drag_mode = DRAG_MOVE;
          set_drag_item (self, hit);
        }
    }
  else if (hit != NULL)
    {
      if (state & CC_SHEET_ADD_TO_SELECTION)
        cc_selection_toggle (tool->selection, hit);
      else
        cc_selection_select (tool->selection, hit);
    }
  else
    {
      self->drag_additive = (state & CC_SHEET_ADD_TO_SELECTION) != 0;
      if (!self->drag_additive)
        cc_selection_clear (tool->selection);
      self->drag_mode = DRAG_BAND;
    }
  return CC_SHEET_DRAG_TOOL;
}

static void
map_drag_update (CcSheetTool *tool,
                 double       offset_x,
                 double       offset_y)
{
  CcMapTool *self = CC_MAP_TOOL (tool);

  self->drag_dx = offset_x;
  self->drag_dy = offset_y;
  self->drag_moved = TRUE;
  switch (self->drag_mode)
    {
    case DRAG_MOVE:
      if (self->moving == NULL)
        {
          /* From now on the rest is drawn once, and only these each frame. */
          g_autoptr(GPtrArray) nodes = selected_nodes (self);

          self->moving = cc_render_moving_new (tool->project, tool->sheet, nodes);
        }
      gtk_widget_set_cursor_from_name (GTK_WIDGET (tool->view), "grabbing");
      break;
    case DRAG_LEGEND:
      gtk_widget_set_cursor_from_name (GTK_WIDGET (tool->view), "grabbing");
      break;
    case DRAG_LINK:
      {
        CcItem *target = node_at (self, self->drag_x + offset_x, self->drag_y + offset_y);

        self->drag_target = target != self->drag_item ? target : NULL;
      }
      break;
    case DRAG_BAND:
    case DRAG_NONE:
    default:
      break;
    }
}

static CcRenderMoving *
map_get_moving (CcSheetTool *tool,
                double      *dx,
                double      *dy)
{
  CcMapTool *self = CC_MAP_TOOL (tool);

  *dx = self->drag_dx;
  *dy = self->drag_dy;
  return self->moving;
}

static void
band_rect (CcMapTool *self,
           CcRect    *r)
{
  double x1, y1, x2, y2;

  cc_sheet_view_view_to_sheet (self->base.view, self->drag_x, self->drag_y, &x1, &y1);
  cc_sheet_view_view_to_sheet (self->base.view, self->drag_x + self->drag_dx, self->drag_y + self->drag_dy, &x2, &y2);
  r->x = MIN (x1, x2);
  r->y = MIN (y1, y2);
  r->width = fabs (x2 - x1);
  r->height = fabs (y2 - y1);
}

/* Puts the legend's top-left corner at (x, y), one step to undo. */
static void
place_legend (CcMapTool *self,
              double     x,
              double     y)
{
  if (!isfinite (x) || !isfinite (y))
    return;
  x = CLAMP (round (x), -CC_MAX_COORDINATE, CC_MAX_COORDINATE);
  y = CLAMP (round (y), -CC_MAX_COORDINATE, CC_MAX_COORDINATE);
  cc_project_begin_group (self->base.project, _("Move Legend"));
  cc_project_set_double (self->base.project, self->base.sheet, CC_MAP_LEGEND_X, x);
  cc_project_set_double (self->base.project, self->base.sheet, CC_MAP_LEGEND_Y, y);
  cc_project_end_group (self->base.project);
}

static void
map_drag_end (CcSheetTool *tool,
              double       offset_x,
              double       offset_y,
              gboolean     moved)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  g_autoptr(GPtrArray) nodes = NULL;
  double zoom = cc_sheet_view_get_zoom (tool->view);

  self->drag_dx = offset_x;
  self->drag_dy = offset_y;
  self->drag_moved = moved;
  switch (self->drag_mode)
    {
    case DRAG_MOVE:
      if (moved)
        {
          nodes = selected_nodes (self);
          if (nodes->len > 0)
            cc_map_move_nodes (tool->project, nodes, offset_x / zoom, offset_y / zoom);
        }
      else
        cc_sheet_tool_click_select (tool, self->drag_item, self->drag_was_selected, self->drag_additive);
      break;
    case DRAG_LINK:
      if (moved && self->drag_item != NULL)
        {
          g_autoptr(CcItem) from = cc_item_ref (self->drag_item);
          CcItem *to = node_at (self, self->drag_x + offset_x, self->drag_y + offset_y);

          if (to != NULL && to != from)
            cc_map_add_link (tool->project, tool->sheet, from, to, cc_sheet_view_get_link_type (tool->view));
          else if (to == NULL)
            {
              double sx, sy;

              cc_sheet_view_view_to_sheet (tool->view, self->drag_x + offset_x, self->drag_y + offset_y, &sx, &sy);
              cc_sheet_view_drag_reset (tool->view);
              open_entry (self, EDIT_CREATE, sx, sy, NULL, from);
            }
        }
      break;
    case DRAG_BAND:
      if (moved)
        {
          g_autoptr(GPtrArray) inside = g_ptr_array_new ();
          CcRect r;

          band_rect (self, &r);
          cc_render_nodes_in_rect (tool->project, tool->sheet, cc_sheet_view_screen_options (tool->view), &r, inside);
          if (self->drag_additive)
            for (guint i = 0; i < inside->len; i++)
              cc_selection_add (tool->selection, inside->pdata[i]);
          else
            cc_selection_set_items (tool->selection, inside);
        }
      break;
    case DRAG_LEGEND:
      if (moved)
        {
          CcRect box;

          if (cc_sheet_view_get_box (tool->view, tool->sheet, &box))
            place_legend (self, box.x + offset_x / zoom, box.y + offset_y / zoom);
        }
      break;
    case DRAG_NONE:
    default:
      break;
    }
}

static void
map_activate (CcSheetTool *tool,
              double       x,
              double       y)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  CcItem *hit = cc_sheet_view_hit_item (tool->view, x, y);
  double sx, sy;

  cc_sheet_view_view_to_sheet (tool->view, x, y, &sx, &sy);
  if (hit != NULL && cc_item_get_kind (hit) == CC_KIND_NODE)
    {
      double nx, ny;

      cc_selection_select (tool->selection, hit);
      cc_sheet_view_get_node_centre (tool->view, hit, &nx, &ny);
      open_entry (self, EDIT_RENAME, nx, ny, hit, NULL);
    }
  else if (hit == NULL || (hit != tool->sheet && cc_item_get_kind (hit) == CC_KIND_GROUP))
    open_entry (self, EDIT_CREATE, sx, sy, NULL, NULL);
}

static void
show_context_menu (CcMapTool *self)
{
  GPtrArray *items = cc_selection_get_items (self->base.selection);

  cc_sheet_view_popup (self->base.view, self->context_menu, NULL,
                       items->len > 0 ? items->pdata[items->len - 1] : NULL);
}

static void
map_context_menu (CcSheetTool *tool,
                  double       x,
                  double       y)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  GdkRectangle at = { (int) x, (int) y, 1, 1 };
  CcItem *item = cc_sheet_view_hit_item (tool->view, x, y);

  /* A right-click on something not selected selects it first. */
  if (item != NULL && item != tool->sheet && !cc_selection_contains (tool->selection, item))
    cc_selection_select (tool->selection, item);
  cc_sheet_view_popup (tool->view, self->context_menu, &at, NULL);
}

static GMenuModel *
build_context_menu (void)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  GMenu *align = g_menu_new ();
  GMenu *distribute = g_menu_new ();
  struct { const char *label, *action; } items[] = {
    { N_("Align _Left"), "canvas.align::left" }, { N_("Align _Centres"), "canvas.align::centre" },
    { N_("Align _Right"), "canvas.align::right" }, { N_("Align _Top"), "canvas.align::top" },
    { N_("Align _Middles"), "canvas.align::middle" }, { N_("Align _Bottom"), "canvas.align::bottom" },
  };

  g_menu_append (section, _("Cu_t"), "canvas.cut");
  g_menu_append (section, _("_Copy"), "canvas.copy");
  g_menu_append (section, _("_Paste"), "canvas.paste");
  g_menu_append (section, _("_Duplicate"), "canvas.duplicate");
  g_menu_append (section, _("Re_name"), "canvas.rename");
  g_menu_append (section, _("_Link To…"), "canvas.link-to");
  g_menu_append (section, _("_Delete"), "canvas.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  section = g_menu_new ();
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    g_menu_append (align, _(items[i].label), items[i].action);
  g_menu_append (distribute, _("_Horizontally"), "canvas.distribute::horizontal");
  g_menu_append (distribute, _("_Vertically"), "canvas.distribute::vertical");
  g_menu_append_submenu (section, _("_Align"), G_MENU_MODEL (align));
  g_menu_append_submenu (section, _("Di_stribute Evenly"), G_MENU_MODEL (distribute));
  g_menu_append (section, _("_Group"), "canvas.group");
  g_menu_append (section, _("_Ungroup"), "canvas.ungroup");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  g_object_unref (align);
  g_object_unref (distribute);

  section = g_menu_new ();
  align = g_menu_new ();
  g_menu_append (section, _("Show _Legend"), "canvas.show-legend");
  g_menu_append (align, _("_Right of the Map"), "canvas.place-legend::right");
  g_menu_append (align, _("_Left of the Map"), "canvas.place-legend::left");
  g_menu_append (align, _("_Below the Map"), "canvas.place-legend::below");
  g_menu_append_submenu (section, _("_Place Legend"), G_MENU_MODEL (align));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  g_object_unref (align);
  return G_MENU_MODEL (menu);
}

/* ---- the shared edits ------------------------------------------------------ */

static void
map_select_all (CcSheetTool *tool)
{
  cc_selection_set_items (tool->selection, cc_item_get_children (tool->sheet, CC_MAP_NODES));
}

static void
map_delete_selection (CcSheetTool *tool)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  g_autoptr(GPtrArray) items = NULL;

  if (cc_selection_get_n_items (self->base.selection) == 0)
    return;
  /* A plain copy: the selection's array owns its refs. */
  items = g_ptr_array_new ();
  for (guint i = 0; i < cc_selection_get_n_items (self->base.selection); i++)
    g_ptr_array_add (items, cc_selection_get_item (self->base.selection, i));
  {
    g_autoptr(GPtrArray) nodes = cc_selection_get_of_kind (self->base.selection, CC_KIND_NODE);
    CcItem *actor = nodes->len == 1 ? cc_project_get_node_actor (self->base.project, nodes->pdata[0]) : NULL;
    g_autofree char *message = NULL;

    if (actor != NULL && items->len == 1)
      {
        g_autofree char *name = cc_bidi_isolate (cc_item_get_string (actor, CC_ACTOR_NAME));

        message = g_strdup_printf (_("“%s” removed from the map"), name);
      }
    else if (nodes->len > 0)
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u organisation removed from the map",
                                              "%u organisations removed from the map", nodes->len), nodes->len);
    else
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item removed from the map",
                                              "%u items removed from the map", items->len), items->len);
    cc_selection_clear (self->base.selection);
    cc_map_delete_items (self->base.project, items);
    cc_sheet_view_emit_deleted (self->base.view, message);
  }
}

static GBytes *
map_copy (CcSheetTool *tool,
          gboolean     cut)
{
  GBytes *bytes = cc_clipboard_copy (tool->project, tool->sheet, cc_selection_get_items (tool->selection));

  if (bytes != NULL && cut)
    cc_map_delete_items (tool->project, cc_selection_get_items (tool->selection));
  return bytes;
}

static void
map_paste (CcSheetTool *tool,
           GBytes      *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

  pasted = cc_clipboard_paste (tool->project, tool->sheet, g_bytes_get_data (bytes, NULL),
                               g_bytes_get_size (bytes), CC_SHEET_DUP_OFFSET, CC_SHEET_DUP_OFFSET, &error);
  if (pasted == NULL)
    {
      g_debug ("Nothing to paste: %s", error->message);
      gtk_widget_error_bell (GTK_WIDGET (tool->view));
      return;
    }
  for (guint i = 0; i < pasted->len; i++)
    if (cc_item_get_kind (pasted->pdata[i]) == CC_KIND_NODE)
      g_ptr_array_add (nodes, pasted->pdata[i]);
  cc_selection_set_items (tool->selection, nodes);
}

/* ---- the map's own actions -------------------------------------------------- */

static void
align_action (CcSheetTool *tool,
              const char  *name,
              GVariant    *param)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  static const char *names[] = { "left", "centre", "right", "top", "middle", "bottom" };
  const char *how = g_variant_get_string (param, NULL);
  g_autoptr(GPtrArray) nodes = NULL;

  nodes = selected_nodes (self);
  if (g_str_equal (name, "canvas.distribute"))
    {
      cc_map_distribute (self->base.project, nodes, g_str_equal (how, "vertical"));
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (how, names[i]))
      cc_map_align (self->base.project, nodes, (CcAlign) i);
}

static void
group_action (CcSheetTool *tool,
              const char  *name,
              GVariant    *param)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) groups = NULL;

  if (g_str_equal (name, "canvas.group"))
    {
      CcItem *group;

      nodes = selected_nodes (self);
      if (nodes->len == 0)
        {
          gtk_widget_error_bell (GTK_WIDGET (self->base.view));
          return;
        }
      group = cc_map_group (self->base.project, self->base.sheet, nodes, _("New group"));
      cc_selection_select (self->base.selection, group);
      return;
    }
  /* Ungroup: the selected groups, or the groups of the selected nodes. */
  groups = cc_selection_get_of_kind (self->base.selection, CC_KIND_GROUP);
  if (groups->len == 0)
    {
      GPtrArray *all = cc_item_get_children (self->base.sheet, CC_MAP_GROUPS);

      nodes = selected_nodes (self);
      for (guint i = 0; i < all->len; i++)
        for (guint k = 0; k < nodes->len; k++)
          if (g_strv_contains (cc_item_get_strv (all->pdata[i], CC_GROUP_MEMBERS), cc_item_get_id (nodes->pdata[k])) &&
              !g_ptr_array_find (groups, all->pdata[i], NULL))
            g_ptr_array_add (groups, all->pdata[i]);
    }
  if (groups->len == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self->base.view));
      return;
    }
  cc_project_begin_group (self->base.project, _("Ungroup"));
  for (guint i = 0; i < groups->len; i++)
    cc_map_ungroup (self->base.project, groups->pdata[i]);
  cc_project_end_group (self->base.project);
}

static void
duplicate_action (CcSheetTool *tool,
                  const char  *name,
                  GVariant    *param)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) copies = NULL;

  nodes = selected_nodes (self);
  if (nodes->len == 0)
    return;
  copies = cc_map_duplicate (self->base.project, self->base.sheet, cc_selection_get_items (self->base.selection),
                             CC_SHEET_DUP_OFFSET, CC_SHEET_DUP_OFFSET);
  if (copies != NULL)
    {
      g_autoptr(GPtrArray) copied_nodes = g_ptr_array_new ();

      for (guint i = 0; i < copies->len; i++)
        if (cc_item_get_kind (copies->pdata[i]) == CC_KIND_NODE)
          g_ptr_array_add (copied_nodes, copies->pdata[i]);
      cc_selection_set_items (self->base.selection, copied_nodes);
    }
}

/* The organisation selected last on a map, or NULL. */
static CcItem *
last_selected_node (CcMapTool *self)
{
  g_autoptr(GPtrArray) nodes = selected_nodes (self);

  return nodes != NULL && nodes->len > 0 ? nodes->pdata[nodes->len - 1] : NULL;
}

static void
rename_action (CcSheetTool *tool,
               const char  *name,
               GVariant    *param)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  CcItem *node = last_selected_node (self);

  double x, y;

  if (node == NULL)
    return;
  cc_sheet_view_get_node_centre (self->base.view, node, &x, &y);
  open_entry (self, EDIT_RENAME, x, y, node, NULL);
}

/* The name entry beside the selected organisation, to link it to another
 * one, on the map or not yet: linking without the mouse. */
static void
link_to_action (CcSheetTool *tool,
                const char  *name,
                GVariant    *param)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  CcItem *node = last_selected_node (self);

  if (node != NULL)
    open_linked_entry (self, node);
}

static void
place_legend_action (CcSheetTool *tool,
                     const char  *name,
                     GVariant    *param)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  const char *where = g_variant_get_string (param, NULL);
  CcRenderOptions options;
  CcRect legend, rest;

  if (g_strcmp0 (where, "right") == 0)
    {
      /* Back where it goes by itself: beside the map, whatever it grows to. */
      cc_project_begin_group (self->base.project, _("Move Legend"));
      cc_project_set_double (self->base.project, self->base.sheet, CC_MAP_LEGEND_X, CC_UNSET_COORDINATE);
      cc_project_set_double (self->base.project, self->base.sheet, CC_MAP_LEGEND_Y, CC_UNSET_COORDINATE);
      cc_project_end_group (self->base.project);
      return;
    }
  if (!cc_sheet_view_get_box (self->base.view, self->base.sheet, &legend))
    return;
  /* The rest of the drawing, title included, without its margin. */
  cc_render_options_init (&options);
  options.legend = FALSE;
  cc_render_get_bounds (self->base.project, self->base.sheet, &options, &rest);
  rest.x += CC_RENDER_MARGIN;
  rest.y += CC_RENDER_MARGIN;
  rest.width -= 2 * CC_RENDER_MARGIN;
  rest.height -= 2 * CC_RENDER_MARGIN;
  if (g_strcmp0 (where, "left") == 0)
    place_legend (self, rest.x - CC_RENDER_LEGEND_GAP - legend.width, rest.y);
  else if (g_strcmp0 (where, "below") == 0)
    place_legend (self, rest.x, rest.y + rest.height + CC_RENDER_LEGEND_GAP);
}

static void
retype_links_action (CcSheetTool *tool,
                     const char  *name,
                     GVariant    *param)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  g_autoptr(GPtrArray) links = NULL;

  links = selected_links (self);
  if (links->len > 0)
    cc_map_set_links_type (self->base.project, links, g_variant_get_string (param, NULL));
}

static void
quick_entry_action (CcSheetTool *tool,
                    const char  *name,
                    GVariant    *param)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  double x, y;

  view_middle (self, &x, &y);
  open_entry (self, EDIT_QUICK, x, y, NULL, NULL);
}

static const CcSheetToolAction map_actions[] = {
  { "canvas.quick-entry", NULL, quick_entry_action },
  { "canvas.duplicate", NULL, duplicate_action },
  { "canvas.align", "s", align_action },
  { "canvas.distribute", "s", align_action },
  { "canvas.group", NULL, group_action },
  { "canvas.ungroup", NULL, group_action },
  { "canvas.rename", NULL, rename_action },
  { "canvas.link-to", NULL, link_to_action },
  { "canvas.retype-links", "s", retype_links_action },
  { "canvas.place-legend", "s", place_legend_action },
};

static gboolean
map_action_enabled (CcSheetTool *tool,
                    const char  *name)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  g_autoptr(GPtrArray) nodes = selected_nodes (self);
  g_autoptr(GPtrArray) links = selected_links (self);

  if (g_str_equal (name, "canvas.delete"))
    return cc_selection_get_n_items (tool->selection) > 0;
  if (g_str_equal (name, "canvas.duplicate") || g_str_equal (name, "canvas.rename")
      || g_str_equal (name, "canvas.link-to"))
    return nodes->len > 0;
  if (g_str_equal (name, "canvas.retype-links"))
    return links->len > 0;
  if (g_str_equal (name, "canvas.place-legend"))
    return cc_item_get_bool (tool->sheet, CC_MAP_LEGEND) && cc_item_get_n_children (tool->sheet, CC_MAP_NODES) > 0;
  if (g_str_equal (name, "canvas.planned-view") || g_str_equal (name, "canvas.vertical"))
    return FALSE;
  return TRUE;
}

static gboolean
map_get_switch (CcSheetTool *tool,
                const char  *name)
{
  return g_str_equal (name, "show-legend") ? cc_item_get_bool (tool->sheet, CC_MAP_LEGEND) : FALSE;
}

static void
map_set_switch (CcSheetTool *tool,
                const char  *name,
                gboolean     on)
{
  if (!g_str_equal (name, "show-legend") || cc_item_get_bool (tool->sheet, CC_MAP_LEGEND) == on)
    return;
  cc_project_begin_group (tool->project, on ? _("Show Legend") : _("Hide Legend"));
  cc_project_set_bool (tool->project, tool->sheet, CC_MAP_LEGEND, on);
  cc_project_end_group (tool->project);
}

/* ---- keys -------------------------------------------------------------------- */

/* The node linked to @node that lies most nearly in the direction
 * (@dirx, @diry), nearer ones first; NULL when none lies that way. */
static CcItem *
neighbour_towards (CcMapTool *self, CcItem *node, double dirx, double diry)
{
  g_autoptr(GPtrArray) around = cc_map_neighbours (self->base.project, node);
  double x = cc_item_get_double (node, CC_NODE_X), y = cc_item_get_double (node, CC_NODE_Y);
  CcItem *best = NULL;
  double best_score = G_MAXDOUBLE;

  for (guint i = 0; i < around->len; i++)
    {
      double dx = cc_item_get_double (around->pdata[i], CC_NODE_X) - x;
      double dy = cc_item_get_double (around->pdata[i], CC_NODE_Y) - y;
      double dist = hypot (dx, dy);
      double cosine, score;

      if (dist < 1e-6)
        continue;
      cosine = (dx * dirx + dy * diry) / dist;
      if (cosine < 0.35)
        continue;
      score = dist * (2.0 - cosine);
      if (score < best_score)
        {
          best_score = score;
          best = around->pdata[i];
        }
    }
  return best;
}

/* Moves the selection to a linked neighbour (Alt+arrow), keeping it in view. */
static gboolean
select_neighbour (CcMapTool *self, guint keyval)
{
  CcItem *current = cc_selection_get_single (self->base.selection);
  CcItem *next = NULL;
  CcRect area;
  double x, y;

  if (current == NULL || cc_item_get_kind (current) != CC_KIND_NODE)
    {
      if (cc_item_get_n_children (self->base.sheet, CC_MAP_NODES) == 0)
        return FALSE;
      next = cc_item_get_child (self->base.sheet, CC_MAP_NODES, 0);
    }
  else
    {
      double dirx = keyval == GDK_KEY_Left ? -1 : keyval == GDK_KEY_Right ? 1 : 0;
      double diry = keyval == GDK_KEY_Up ? -1 : keyval == GDK_KEY_Down ? 1 : 0;

      next = neighbour_towards (self, current, dirx, diry);
      if (next == NULL)
        {
          gtk_widget_error_bell (GTK_WIDGET (self->base.view));
          return TRUE;
        }
    }
  cc_selection_select (self->base.selection, next);
  cc_sheet_view_get_node_centre (self->base.view, next, &x, &y);
  cc_sheet_view_get_visible_area (self->base.view, &area);
  if (x < area.x || x > area.x + area.width || y < area.y || y > area.y + area.height)
    cc_sheet_view_center_on (self->base.view, x, y);
  gtk_widget_queue_draw (GTK_WIDGET (self->base.view));
  return TRUE;
}

/* Keys 1-4: the selected links take the type; with none, new links do. */
static gboolean
choose_link_type (CcMapTool  *self,
                  const char *type)
{
  g_autoptr(GPtrArray) links = selected_links (self);

  if (links->len > 0)
    return gtk_widget_activate_action (GTK_WIDGET (self->base.view), "canvas.retype-links", "s", type);
  return gtk_widget_activate_action (GTK_WIDGET (self->base.view), "canvas.link-type", "s", type);
}

static gboolean
map_key_pressed (CcSheetTool     *tool,
                 guint            keyval,
                 GdkModifierType  state)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  GtkWidget *widget = GTK_WIDGET (tool->view);
  gboolean ctrl = (state & GDK_CONTROL_MASK) != 0;
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  double dx = 0, dy = 0;

  if (ctrl && !(state & GDK_ALT_MASK))
    {
      switch (keyval)
        {
        case GDK_KEY_a:
        case GDK_KEY_A:
          return gtk_widget_activate_action (widget, "canvas.select-all", NULL);
        case GDK_KEY_d:
        case GDK_KEY_D:
          return gtk_widget_activate_action (widget, "canvas.duplicate", NULL);
        case GDK_KEY_c:
        case GDK_KEY_C:
          return gtk_widget_activate_action (widget, "canvas.copy", NULL);
        case GDK_KEY_x:
        case GDK_KEY_X:
          return gtk_widget_activate_action (widget, "canvas.cut", NULL);
        case GDK_KEY_v:
        case GDK_KEY_V:
          return gtk_widget_activate_action (widget, "canvas.paste", NULL);
        case GDK_KEY_g:
        case GDK_KEY_G:
          return gtk_widget_activate_action (widget, shift ? "canvas.ungroup" : "canvas.group", NULL);
        case GDK_KEY_l:
        case GDK_KEY_L:
          return gtk_widget_activate_action (widget, "canvas.show-legend", NULL);
        case GDK_KEY_e:
        case GDK_KEY_E:
          return !shift && gtk_widget_activate_action (widget, "canvas.quick-entry", NULL);
        case GDK_KEY_1: case GDK_KEY_2: case GDK_KEY_3: case GDK_KEY_4: case GDK_KEY_5:
          {
            /* The selected organisations' sector: public, private,
             * voluntary, community, other. */
            g_autoptr(GPtrArray) nodes = selected_nodes (self);

            if (nodes->len == 0)
              return FALSE;
            cc_map_set_sector (self->base.project, nodes, (CcSector) (keyval - GDK_KEY_1));
            return TRUE;
          }
        case GDK_KEY_6: case GDK_KEY_7: case GDK_KEY_8: case GDK_KEY_9:
          {
            /* Their kind: organisation, partnership body, working group, person. */
            g_autoptr(GPtrArray) nodes = selected_nodes (self);

            if (nodes->len == 0)
              return FALSE;
            cc_map_set_actor_kind (self->base.project, nodes, (CcActorKind) (keyval - GDK_KEY_6));
            return TRUE;
          }
        default:
          return FALSE;
        }
    }
  if ((state & GDK_ALT_MASK) && !ctrl &&
      (keyval == GDK_KEY_Left || keyval == GDK_KEY_Right || keyval == GDK_KEY_Up || keyval == GDK_KEY_Down))
    return select_neighbour (self, keyval);
  if (state & GDK_ALT_MASK)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->drag_mode == DRAG_LINK || self->drag_mode == DRAG_MOVE || self->drag_mode == DRAG_BAND)
        cc_sheet_view_drag_reset (self->base.view);
      else
        cc_selection_clear (self->base.selection);
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      /* Swallowed even with nothing selected: never the sheet. */
      gtk_widget_activate_action (widget, "canvas.delete", NULL);
      return TRUE;
    case GDK_KEY_F2:
      return gtk_widget_activate_action (widget, "canvas.rename", NULL);
    case GDK_KEY_l:
    case GDK_KEY_L:
      return !shift && gtk_widget_activate_action (widget, "canvas.link-to", NULL);
    case GDK_KEY_Menu:
      show_context_menu (self);
      return TRUE;
    case GDK_KEY_F10:
      if (!shift)
        return FALSE;
      show_context_menu (self);
      return TRUE;
    case GDK_KEY_1: case GDK_KEY_2: case GDK_KEY_3: case GDK_KEY_4:
      return choose_link_type (self, link_type_keys[keyval - GDK_KEY_1]);
    case GDK_KEY_KP_1: case GDK_KEY_KP_2: case GDK_KEY_KP_3: case GDK_KEY_KP_4:
      return choose_link_type (self, link_type_keys[keyval - GDK_KEY_KP_1]);
    default:
      break;
    }

  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: dx = -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = 1; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: dy = -1; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: dy = 1; break;
    default: break;
    }
  if (dx != 0 || dy != 0)
    {
      g_autoptr(GPtrArray) nodes = selected_nodes (self);

      if (nodes->len > 0)
        {
          double step = shift ? NUDGE_BIG : NUDGE;

          cc_map_move_nodes (self->base.project, nodes, dx * step, dy * step);
          return TRUE;
        }
    }
  return FALSE;
}

/* ---- the toolbar: the type of new links, the legend -------------------------- */

/* The link type the tools show: that of the selected links (NULL when they
 * are of several), else the type of new links. */
static const char *
shown_link_type (CcMapTool *self)
{
  g_autoptr(GPtrArray) links = self->base.selection != NULL ? selected_links (self) : NULL;
  const char *type;

  if (links == NULL || links->len == 0)
    return cc_sheet_view_get_link_type (self->base.view);
  type = cc_item_get_string (links->pdata[0], CC_LINK_TYPE);
  for (guint i = 1; i < links->len; i++)
    if (g_strcmp0 (cc_item_get_string (links->pdata[i], CC_LINK_TYPE), type) != 0)
      return NULL;
  return type;
}

/* A short line in the colour and dash of the current link type. */
static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  CcMapTool *self = data;

  cc_link_type_draw_swatch (cr, width, height, self->base.project, shown_link_type (self));
}

/* The menu of link types: the built-in ones (keys 1-4), then the project's. */
static void
tools_update_menu (CcMapTool *self)
{
  GPtrArray *types = self->base.project != NULL
    ? cc_item_get_children (cc_project_get_root (self->base.project), CC_PROJECT_LINK_TYPES) : NULL;
  g_autoptr(GString) signature = g_string_new (NULL);
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GPtrArray) links = selected_links (self);
  /* With links selected, a type is theirs; with none, new links'. */
  const char *action = links->len > 0 ? "canvas.retype-links" : "canvas.link-type";

  g_string_append_printf (signature, "%s\x1d", action);
  for (guint i = 0; types != NULL && i < types->len; i++)
    g_string_append_printf (signature, "%s\x1f%s\x1e", cc_item_get_id (types->pdata[i]),
                            cc_item_get_string (types->pdata[i], CC_LINK_TYPE_LABEL));
  if (self->link_types_signature != NULL && g_str_equal (signature->str, self->link_types_signature))
    return;
  g_free (self->link_types_signature);
  self->link_types_signature = g_strdup (signature->str);

  menu = cc_link_type_menu_new (self->base.project, action);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->link_type_button), G_MENU_MODEL (menu));
}

static void
tools_update (CcMapTool *self)
{
  CcLinkTypeLook look;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;

  tools_update_menu (self);
  if (!cc_link_type_get_look (self->base.project, cc_sheet_view_get_link_type (self->base.view), &look))
    {
      /* The type was deleted (or undone away): links go back to informal. */
      cc_sheet_view_set_link_type (self->base.view, "informal");
      return;
    }
  if (cc_selection_get_n_items (self->base.selection) > 0)
    {
      g_autoptr(GPtrArray) links = selected_links (self);
      const char *type = shown_link_type (self);

      if (links->len > 0)
        {
          if (type != NULL && cc_link_type_get_look (self->base.project, type, &look))
            {
              label = cc_bidi_isolate (look.builtin ? _(look.label) : look.label);
              text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Selected link: %s", "Selected links: %s",
                                                   links->len), label);
            }
          else
            text = g_strdup (_("Selected links: several types"));
          gtk_label_set_text (GTK_LABEL (self->link_type_label), text);
          gtk_widget_set_tooltip_text (self->link_type_button, _("Type of the Selected Links (keys 1–4)"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->link_type_button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
          gtk_widget_queue_draw (self->link_type_swatch);
          return;
        }
    }
  label = cc_bidi_isolate (look.builtin ? _(look.label) : look.label);
  text = g_strdup_printf (_("New links: %s"), label);
  gtk_label_set_text (GTK_LABEL (self->link_type_label), text);
  gtk_widget_set_tooltip_text (self->link_type_button, _("Type of New Links (keys 1–4)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->link_type_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_draw (self->link_type_swatch);
}

/* The menu of link types, the current one, and whether the legend shows. */
static GtkWidget *
map_create_toolbar (CcSheetTool *tool)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *bar;

  builder = cc_sheet_tool_load_toolbar ("cc-map-toolbar.ui", &bar);
  self->link_type_button = GTK_WIDGET (gtk_builder_get_object (builder, "link_type_button"));
  self->link_type_label = GTK_WIDGET (gtk_builder_get_object (builder, "link_type_label"));
  self->link_type_swatch = GTK_WIDGET (gtk_builder_get_object (builder, "link_type_swatch"));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->link_type_swatch), draw_swatch, self, NULL);
  return g_object_ref (bar);
}

static void
map_update (CcSheetTool *tool)
{
  tools_update (CC_MAP_TOOL (tool));
}

/* ---- drawing ------------------------------------------------------------------ */

static CcItem *
node_of_link_end (CcMapTool *self,
                  CcItem    *link,
                  guint      field)
{
  const char *id = cc_item_get_string (link, field);

  return id != NULL && id[0] != '\0' ? cc_project_lookup (self->base.project, id) : NULL;
}

/* Where the ray from the centre of @r towards (tx, ty) leaves @r. */
static void
border_point (const CcRect *r, double tx, double ty, double *x, double *y)
{
  double cx = r->x + r->width / 2, cy = r->y + r->height / 2;
  double dx = tx - cx, dy = ty - cy, t = 1.0;

  if (dx != 0)
    t = MIN (t, fabs (r->width / 2 / dx));
  if (dy != 0)
    t = MIN (t, fabs (r->height / 2 / dy));
  *x = cx + dx * t;
  *y = cy + dy * t;
}

static void
map_draw_overlay (CcSheetTool   *tool,
                  cairo_t       *cr,
                  const GdkRGBA *accent)
{
  CcMapTool *self = CC_MAP_TOOL (tool);
  GPtrArray *items = cc_selection_get_items (tool->selection);
  CcRect r, shape;

  /* Selected links and groups, then nodes on top. */
  for (guint i = 0; i < items->len; i++)
    {
      CcItem *item = items->pdata[i];

      if (cc_item_get_kind (item) == CC_KIND_LINK)
        {
          CcItem *from = node_of_link_end (self, item, CC_LINK_FROM);
          CcItem *to = node_of_link_end (self, item, CC_LINK_TO);
          CcRect a, b;
          double x1, y1, x2, y2;

          if (from == NULL || to == NULL || !view_box (self, from, TRUE, &a) || !view_box (self, to, TRUE, &b))
            continue;
          border_point (&a, b.x + b.width / 2, b.y + b.height / 2, &x1, &y1);
          border_point (&b, a.x + a.width / 2, a.y + a.height / 2, &x2, &y2);
          cairo_move_to (cr, x1, y1);
          cairo_line_to (cr, x2, y2);
          cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.55);
          cairo_set_line_width (cr, 7);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_stroke (cr);
        }
      else if (cc_item_get_kind (item) == CC_KIND_GROUP && cc_sheet_view_get_view_box (self->base.view, item, &r))
        {
          cc_path_rounded_rect (cr, r.x - 3, r.y - 3, r.width + 6, r.height + 6, 8);
          cc_sheet_tool_stroke_dashed (cr, accent, 3, 6, 4);
        }
    }

  for (guint i = 0; i < items->len; i++)
    {
      CcItem *item = items->pdata[i];

      if (cc_item_get_kind (item) != CC_KIND_NODE || !view_box (self, item, TRUE, &r))
        continue;
      cc_path_rounded_rect (cr, r.x - 4, r.y - 4, r.width + 8, r.height + 8, 8);
      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 1);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
      /* The sector's badge on its corner, which the outline runs across */
      if (cc_render_get_item_bounds_full (tool->project, tool->sheet, cc_sheet_view_screen_options (tool->view), item, &shape)
          && shape.width > 0)
        {
          cairo_save (cr);
          cairo_translate (cr, r.x, r.y);
          cairo_scale (cr, r.width / shape.width, r.width / shape.width);
          cairo_translate (cr, -shape.x, -shape.y);
          cc_render_node_badge (cr, tool->project, tool->sheet, cc_sheet_view_screen_options (tool->view), item);
          cairo_restore (cr);
        }

      if (self->drag_mode != DRAG_MOVE)
        {
          /* The link handle. */
          cc_sheet_tool_draw_handle (cr, accent, r.x + r.width, r.y + r.height / 2);
        }
    }

  if (self->drag_mode == DRAG_LINK && self->drag_moved && self->drag_item != NULL
      && cc_sheet_view_get_view_box (self->base.view, self->drag_item, &r))
    {
      double ex = self->drag_x + self->drag_dx, ey = self->drag_y + self->drag_dy, x1, y1;
      CcRect t;

      if (self->drag_target != NULL && cc_sheet_view_get_view_box (self->base.view, self->drag_target, &t))
        {
          cc_path_rounded_rect (cr, t.x - 4, t.y - 4, t.width + 8, t.height + 8, 8);
          cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.8);
          cairo_set_line_width (cr, 3);
          cairo_stroke (cr);
        }
      border_point (&r, ex, ey, &x1, &y1);
      cairo_move_to (cr, x1, y1);
      cairo_line_to (cr, ex, ey);
      cc_sheet_tool_stroke_dashed (cr, accent, 3, 8, 5);
      cairo_arc (cr, ex, ey, 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  if (self->edit_mode == EDIT_CREATE && self->edit_from != NULL
      && cc_sheet_view_get_view_box (self->base.view, self->edit_from, &r))
    {
      double ex, ey, x1, y1;

      cc_sheet_view_get_entry_point (self->base.view, &ex, &ey);
      cc_sheet_view_sheet_to_view (self->base.view, ex, ey, &ex, &ey);
      border_point (&r, ex, ey, &x1, &y1);
      cairo_move_to (cr, x1, y1);
      cairo_line_to (cr, ex, ey);
      cc_sheet_tool_stroke_dashed (cr, accent, 3, 8, 5);
    }

  if (self->drag_mode == DRAG_BAND && self->drag_moved)
    {
      double x = MIN (self->drag_x, self->drag_x + self->drag_dx);
      double y = MIN (self->drag_y, self->drag_y + self->drag_dy);

      cairo_rectangle (cr, x + 0.5, y + 0.5, fabs (self->drag_dx), fabs (self->drag_dy));
      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 1);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }

  if (self->drag_mode == DRAG_LEGEND && self->drag_moved && cc_sheet_view_get_view_box (self->base.view, self->base.sheet, &r))
    {
      /* Where the legend will land. */
      r.x += self->drag_dx;
      r.y += self->drag_dy;
      cc_path_rounded_rect (cr, r.x, r.y, r.width, r.height, 6);
      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.12);
      cairo_fill_preserve (cr);
      cc_sheet_tool_stroke_dashed (cr, accent, 2, 6, 4);
    }
}

/* ---- the tool ------------------------------------------------------------------ */

static void
map_attach (CcSheetTool *tool)
{
  CcMapTool *self = CC_MAP_TOOL (tool);

  g_clear_pointer (&self->link_types_signature, g_free);
}

static void
map_detach (CcSheetTool *tool)
{
  CcMapTool *self = CC_MAP_TOOL (tool);

  map_drag_reset (tool);
  entry_closed (self);
  if (self->context_menu != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->context_menu));
}

static void
map_step_done (CcSheetTool *tool)
{
  CcMapTool *self = CC_MAP_TOOL (tool);

  if (self->moving != NULL)
    cc_sheet_view_drag_reset (tool->view);  /* what the drag moved may be gone: start again */
}

static void
map_allocate (CcSheetTool *tool,
              int          width,
              int          height)
{
  CcMapTool *self = CC_MAP_TOOL (tool);

  if (self->context_menu == NULL)
    {
      g_autoptr(GMenuModel) model = build_context_menu ();

      self->context_menu = cc_sheet_view_add_popover (tool->view, model);
    }
  gtk_popover_present (GTK_POPOVER (self->context_menu));
}

static void
cc_map_tool_dispose (GObject *object)
{
  CcMapTool *self = CC_MAP_TOOL (object);

  map_drag_reset (CC_SHEET_TOOL (self));
  entry_closed (self);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_pointer (&self->link_types_signature, g_free);

  G_OBJECT_CLASS (cc_map_tool_parent_class)->dispose (object);
}

static void
cc_map_tool_class_init (CcMapToolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CcSheetToolClass *tool_class = CC_SHEET_TOOL_CLASS (klass);

  object_class->dispose = cc_map_tool_dispose;

  tool_class->kind = CC_KIND_MAP;
  tool_class->actions = map_actions;
  tool_class->n_actions = G_N_ELEMENTS (map_actions);
  tool_class->action_enabled = map_action_enabled;
  tool_class->create_toolbar = map_create_toolbar;
  tool_class->attach = map_attach;
  tool_class->detach = map_detach;
  tool_class->step_done = map_step_done;
  tool_class->update = map_update;
  tool_class->drag_begin = map_drag_begin;
  tool_class->drag_update = map_drag_update;
  tool_class->drag_end = map_drag_end;
  tool_class->drag_reset = map_drag_reset;
  tool_class->get_moving = map_get_moving;
  tool_class->activate = map_activate;
  tool_class->context_menu = map_context_menu;
  tool_class->key_pressed = map_key_pressed;
  tool_class->entry_commit = map_entry_commit;
  tool_class->entry_cancel = map_entry_cancel;
  tool_class->draw_overlay = map_draw_overlay;
  tool_class->allocate = map_allocate;
  tool_class->select_all = map_select_all;
  tool_class->delete_selection = map_delete_selection;
  tool_class->copy = map_copy;
  tool_class->paste = map_paste;
  tool_class->get_switch = map_get_switch;
  tool_class->set_switch = map_set_switch;
}

static void
cc_map_tool_init (CcMapTool *self)
{
}

/* ---- for tests ------------------------------------------------------------------ */

GtkMenuButton *
cc_sheet_view_get_link_type_button (CcSheetView *view)
{
  CcMapTool *self = CC_MAP_TOOL (cc_sheet_view_find_tool (view, CC_TYPE_MAP_TOOL));

  return GTK_MENU_BUTTON (self->link_type_button);
}

const char *
cc_sheet_view_get_link_type_text (CcSheetView *view)
{
  CcMapTool *self = CC_MAP_TOOL (cc_sheet_view_find_tool (view, CC_TYPE_MAP_TOOL));

  return gtk_label_get_text (GTK_LABEL (self->link_type_label));
}
