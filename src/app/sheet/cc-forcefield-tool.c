/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-forcefield-tool"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "cc-bidi.h"
#include "cc-force-library-panel.h"
#include "cc-forcefield-edit.h"
#include "cc-sheet-tools.h"

/* Force fields: the change, the forces driving and resisting it, and
 * rounds of scores. A press selects a force, moves it to another place or
 * side, or sets its strength by its arrow's tail; a double-click names a
 * new force or edits what is clicked; keys 1-5 set strengths, or score in a
 * round. */

typedef enum
{
  DRAG_NONE,
  DRAG_STRENGTH,   /* a force's arrow, by its tail */
  DRAG_FORCE,      /* a force, to another place or side */
} DragMode;

typedef enum
{
  EDIT_NONE,
  EDIT_FORCE,        /* a force's label */
  EDIT_NEW_FORCE,    /* the label of a force to add */
  EDIT_FIELD,        /* the change, current or desired situation */
  EDIT_PARTICIPANT,  /* who scores in a round */
} EditMode;

struct _CcForcefieldTool
{
  CcSheetTool  base;

  DragMode     drag_mode;
  double       drag_x, drag_y;     /* where the press was, view pixels */
  double       drag_dx, drag_dy;   /* offset from there */
  gboolean     drag_moved;
  gboolean     drag_was_selected;
  gboolean     drag_additive;
  CcItem      *drag_item;
  CcHit        drag_hit;           /* what the press was on */
  int          drag_strength;      /* DRAG_STRENGTH: the strength shown */
  gboolean     drop_valid;         /* DRAG_FORCE: where it would go */
  int          drop_side, drop_index;
  CcRect       drop_mark;          /* the line showing it, sheet coordinates */

  EditMode     edit_mode;
  CcItem      *edit_node;          /* EDIT_FORCE */
  int          edit_side;          /* EDIT_NEW_FORCE */
  int          edit_index;
  guint        edit_field;         /* EDIT_FIELD */

  /* A round of scores, one participant at a time. */
  char        *score_participant;

  GtkWidget   *bar;
  GtkWidget   *library_button;
  /* Tools that go into the "more" menu, least used first, when the bar
   * would not fit (both side panels open at 1280 px) */
  GtkWidget   *optional[3];
  GtkWidget   *more_button;
  guint        hidden;             /* how many of optional are in the menu */
  int          optional_width[3];  /* their natural widths, as last measured in the bar */
};

G_DEFINE_FINAL_TYPE (CcForcefieldTool, cc_forcefield_tool, CC_TYPE_SHEET_TOOL)

#define TOOLS_MARGIN 12

static gboolean
is_vertical (CcForcefieldTool *self)
{
  return cc_item_get_int (self->base.sheet, CC_FORCEFIELD_ORIENTATION) == CC_ORIENTATION_VERTICAL;
}

static void
set_drag_item (CcForcefieldTool *self,
               CcItem           *item)
{
  cc_sheet_tool_set_item (&self->drag_item, item);
}

static void
set_edit_node (CcForcefieldTool *self,
               CcItem           *item)
{
  cc_sheet_tool_set_item (&self->edit_node, item);
}

/* Opens the entry for @mode over sheet point (sx, sy). */
static void
open_entry (CcForcefieldTool *self,
            EditMode          mode,
            double            sx,
            double            sy,
            CcItem           *node,
            CcItem           *unused)
{
  const char *text = "";
  const char *hint = "";

  switch (mode)
    {
    case EDIT_FORCE:
      text = node != NULL ? cc_item_get_string (node, CC_FORCE_LABEL) : "";
      hint = _("Force");
      break;
    case EDIT_NEW_FORCE:
      hint = self->edit_side == CC_SIDE_DRIVING ? _("A force driving the change")
                                                       : _("A force resisting the change");
      break;
    case EDIT_FIELD:
      text = cc_item_get_string (self->base.sheet, self->edit_field);
      hint = self->edit_field == CC_FORCEFIELD_CHANGE ? _("The change at stake")
                  : self->edit_field == CC_FORCEFIELD_CURRENT ? _("The current situation")
                  : _("The desired situation");
      break;
    case EDIT_PARTICIPANT:
      hint = _("Who is scoring? (Enter: a number)");
      break;
    case EDIT_NONE:
    default:
      return;
    }
  self->edit_mode = mode;
  set_edit_node (self, node);
  cc_sheet_view_open_entry (self->base.view, sx, sy, text, hint,
                            mode == EDIT_NEW_FORCE ? CC_SHEET_ENTRY_REPEAT : CC_SHEET_ENTRY_LINE, NULL);
}

static void
ff_entry_cancel (CcSheetTool *tool)
{
  CcForcefieldTool *self = CC_FORCEFIELD_TOOL (tool);

  self->edit_mode = EDIT_NONE;
  set_edit_node (self, NULL);
}

/* ---- rounds of scores and strengths ------------------------------------------- */

/* All the forces of the sheet in the order a round of scores visits them:
 * driving, then resisting. */
static GPtrArray *
forces_in_order (CcForcefieldTool *self)
{
  GPtrArray *all = cc_forcefield_side_forces (self->base.sheet, CC_SIDE_DRIVING);
  g_autoptr(GPtrArray) resisting = cc_forcefield_side_forces (self->base.sheet, CC_SIDE_RESISTING);

  for (guint i = 0; i < resisting->len; i++)
    g_ptr_array_add (all, resisting->pdata[i]);
  return all;
}

static CcItem *
selected_force (CcForcefieldTool *self)
{
  g_autoptr(GPtrArray) forces = cc_selection_get_of_kind (self->base.selection, CC_KIND_FORCE);

  return forces->len > 0 ? forces->pdata[forces->len - 1] : NULL;
}

static void
select_force (CcForcefieldTool *self,
              CcItem           *force)
{
  if (force == NULL)
    return;
  cc_selection_select (self->base.selection, force);
  cc_sheet_view_reveal_item (self->base.view, force);
}

/* The next free participant number on this sheet. */
static char *
next_participant (CcForcefieldTool *self)
{
  GPtrArray *forces = cc_item_get_children (self->base.sheet, CC_FORCEFIELD_FORCES);
  guint n = 0;

  for (guint i = 0; i < forces->len; i++)
    {
      GPtrArray *scores = cc_item_get_children (forces->pdata[i], CC_FORCE_SCORES);

      for (guint j = 0; j < scores->len; j++)
        {
          const char *who = cc_item_get_string (scores->pdata[j], CC_SCORE_PARTICIPANT);
          char *end = NULL;
          guint64 v = g_ascii_strtoull (who, &end, 10);

          if (end != who && *end == '\0' && v < G_MAXUINT)
            n = MAX (n, (guint) v);
        }
    }
  return g_strdup_printf ("%u", n + 1);
}

static void
score_round_start (CcForcefieldTool *self,
                   const char       *participant)
{
  g_autoptr(GPtrArray) forces = NULL;

  forces = forces_in_order (self);
  if (forces->len == 0)
    return;
  g_free (self->score_participant);
  self->score_participant = participant != NULL && participant[0] ? g_strdup (participant)
                                                                   : next_participant (self);
  select_force (self, forces->pdata[0]);
  gtk_widget_grab_focus (GTK_WIDGET (self->base.view));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->base.view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Scoring: press 1 to 5 for the selected force; Escape ends the round"), -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->base.view));
}

static void
score_round_end (CcForcefieldTool *self)
{
  g_clear_pointer (&self->score_participant, g_free);
  gtk_widget_queue_draw (GTK_WIDGET (self->base.view));
}

/* In a round: scores the selected force and moves to the next; the round
 * ends after the last. */
static void
score_selected (CcForcefieldTool *self,
                int               score)
{
  g_autoptr(GPtrArray) forces = forces_in_order (self);
  CcItem *force = selected_force (self);
  guint at = 0;

  if (force == NULL || !g_ptr_array_find (forces, force, &at))
    force = forces->len > 0 ? forces->pdata[0] : NULL;
  if (force == NULL)
    return;
  cc_forcefield_set_score (self->base.project, force, self->score_participant, score);
  if (at + 1 < forces->len)
    select_force (self, forces->pdata[at + 1]);
  else
    score_round_end (self);
}

/* Sets (or, with @delta, changes) the strength of the selected forces, in
 * one step. */
static void
set_selected_strength (CcForcefieldTool *self,
                       int               value,
                       gboolean          delta)
{
  g_autoptr(GPtrArray) forces = cc_selection_get_of_kind (self->base.selection, CC_KIND_FORCE);

  if (forces->len == 0)
    return;
  cc_project_begin_group (self->base.project, _("Set Strength"));
  for (guint i = 0; i < forces->len; i++)
    {
      gint64 now = cc_item_get_int (forces->pdata[i], CC_FORCE_STRENGTH);
      gint64 want = CLAMP (delta ? now + value : value, CC_FORCE_MIN_STRENGTH, CC_FORCE_MAX_STRENGTH);

      if (want != now)
        cc_project_set_int (self->base.project, forces->pdata[i], CC_FORCE_STRENGTH, want);
    }
  cc_project_end_group (self->base.project);
}

/* Where the entry for a new force opens: over the force at @index of @side,
 * or past the last one. */
static void
new_force_point (CcForcefieldTool *self,
                 int               side,
                 int               index,
                 double           *x,
                 double           *y)
{
  g_autoptr(GPtrArray) forces = cc_forcefield_side_forces (self->base.sheet, side);
  CcHit hit;
  CcRect box;

  if (index >= 0 && (guint) index < forces->len && cc_sheet_view_get_box (self->base.view, forces->pdata[index], &box))
    {
      *x = box.x + box.width / 2;
      *y = box.y + box.height / 2;
      return;
    }
  if (forces->len > 0 && cc_sheet_view_get_box (self->base.view, forces->pdata[forces->len - 1], &box))
    {
      *x = is_vertical (self) ? box.x + box.width * 1.5 : box.x + box.width / 2;
      *y = is_vertical (self) ? box.y + box.height / 2 : box.y + box.height + 24;
      return;
    }
  /* An empty side: the middle of its area. */
  {
    const CcRect *b = cc_sheet_view_get_bounds (self->base.view);

    for (double py = b->y; py < b->y + b->height; py += 12)
      for (double px = b->x; px < b->x + b->width; px += 24)
        if (cc_render_hit_detail (self->base.project, self->base.sheet, cc_sheet_view_screen_options (self->base.view), px, py, &hit)
            && hit.part == CC_HIT_SIDE && hit.side == side)
          {
            *x = hit.box.x + hit.box.width / 2;
            *y = hit.box.y + hit.box.height / 2;
            return;
          }
    *x = b->x + b->width / 2;
    *y = b->y + b->height / 2;
  }
}

static void
open_new_force (CcForcefieldTool *self,
                int               side,
                int               index)
{
  double x, y;

  new_force_point (self, side, index, &x, &y);
  self->edit_side = side;
  self->edit_index = index;
  open_entry (self, EDIT_NEW_FORCE, x, y, NULL, NULL);
}

/* Commits the entry on a force field; with @chain, a new force opens after
 * the one just added, for the next one the room calls out. */
static void
ff_entry_commit (CcSheetTool *tool,
                 const char  *text,
                 CcItem      *actor,
                 gboolean     chain)
{
  CcForcefieldTool *self = CC_FORCEFIELD_TOOL (tool);
  EditMode mode = self->edit_mode;
  CcItem *force = self->edit_node ? cc_item_ref (self->edit_node) : NULL;
  int side = self->edit_side, index = self->edit_index;
  guint field = self->edit_field;
  CcItem *added = NULL;

  ff_entry_cancel (tool);
  switch (mode)
    {
    case EDIT_FORCE:
      if (force != NULL && text[0] != '\0' && g_strcmp0 (text, cc_item_get_string (force, CC_FORCE_LABEL)) != 0)
        {
          cc_project_begin_group (self->base.project, _("Rename Force"));
          cc_project_set_string (self->base.project, force, CC_FORCE_LABEL, text);
          cc_project_end_group (self->base.project);
        }
      break;
    case EDIT_NEW_FORCE:
      if (text[0] != '\0')
        added = cc_forcefield_add_force (self->base.project, self->base.sheet, side, text, 3, NULL, index);
      if (added != NULL)
        cc_selection_select (self->base.selection, added);
      break;
    case EDIT_FIELD:
      if (g_strcmp0 (text, cc_item_get_string (self->base.sheet, field)) != 0)
        {
          cc_project_begin_group (self->base.project, field == CC_FORCEFIELD_CHANGE ? _("Edit Change")
                                                 : _("Edit Situation"));
          cc_project_set_string (self->base.project, self->base.sheet, field, text);
          cc_project_end_group (self->base.project);
        }
      break;
    case EDIT_PARTICIPANT:
      score_round_start (self, text);
      break;
    case EDIT_NONE:
    default:
      break;
    }
  if (chain && added != NULL)
    {
      g_autoptr(GPtrArray) forces = cc_forcefield_side_forces (self->base.sheet, side);
      guint at = 0;

      g_ptr_array_find (forces, added, &at);
      open_new_force (self, side, (int) at + 1);
    }
  g_clear_pointer (&force, cc_item_unref);
}

static void
delete_forces (CcForcefieldTool *self)
{
  g_autoptr(GPtrArray) forces = cc_selection_get_of_kind (self->base.selection, CC_KIND_FORCE);
  g_autofree char *message = NULL;

  if (forces->len == 0)
    return;
  if (forces->len == 1)
    {
      g_autofree char *label = cc_bidi_isolate (cc_item_get_string (forces->pdata[0], CC_FORCE_LABEL));

      message = g_strdup_printf (_("“%s” removed"), label);
    }
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u force removed", "%u forces removed", forces->len),
                               forces->len);
  cc_selection_clear (self->base.selection);
  cc_project_begin_group (self->base.project, forces->len == 1 ? _("Delete Force") : _("Delete Forces"));
  for (guint i = 0; i < forces->len; i++)
    cc_project_delete (self->base.project, forces->pdata[i]);
  cc_project_end_group (self->base.project);
  cc_sheet_view_emit_deleted (self->base.view, message);
}

/* Arrow keys on a force field: along a side (previous, next) and across. */
static gboolean
forcefield_arrow (CcForcefieldTool *self,
                  guint             keyval,
                  gboolean          move)
{
  gboolean vertical = is_vertical (self);
  CcItem *force = selected_force (self);
  int along = 0, across = 0, side, index;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) other = NULL;
  guint at = 0;

  switch (keyval)
    {
    case GDK_KEY_Up: case GDK_KEY_KP_Up: vertical ? (across = -1) : (along = -1); break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: vertical ? (across = 1) : (along = 1); break;
    case GDK_KEY_Left: case GDK_KEY_KP_Left: vertical ? (along = -1) : (across = -1); break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: vertical ? (along = 1) : (across = 1); break;
    default: return FALSE;
    }
  if (force == NULL)
    {
      g_autoptr(GPtrArray) all = forces_in_order (self);

      if (all->len == 0)
        return FALSE;
      select_force (self, all->pdata[0]);
      return TRUE;
    }
  side = cc_item_get_int (force, CC_FORCE_SIDE) == CC_SIDE_RESISTING ? CC_SIDE_RESISTING : CC_SIDE_DRIVING;
  mine = cc_forcefield_side_forces (self->base.sheet, side);
  g_ptr_array_find (mine, force, &at);
  index = (int) at;

  /* Which way is the other side? Horizontal: driving on the left.
   * Vertical: resisting at the top. */
  if (across != 0)
    {
      int towards = vertical ? (across < 0 ? CC_SIDE_RESISTING : CC_SIDE_DRIVING)
                             : (across < 0 ? CC_SIDE_DRIVING : CC_SIDE_RESISTING);

      if (towards == side)
        return TRUE;
      other = cc_forcefield_side_forces (self->base.sheet, towards);
      if (move)
        cc_forcefield_move_force (self->base.project, force, towards, MIN (index, (int) other->len));
      else if (other->len > 0)
        select_force (self, other->pdata[MIN ((guint) index, other->len - 1)]);
      cc_sheet_view_reveal_item (self->base.view, force);
      return TRUE;
    }
  if (index + along < 0 || index + along >= (int) mine->len)
    return TRUE;
  if (move)
    {
      cc_forcefield_move_force (self->base.project, force, side, index + along);
      cc_sheet_view_reveal_item (self->base.view, force);
    }
  else
    select_force (self, mine->pdata[index + along]);
  return TRUE;
}

static gboolean
ff_key_pressed (CcSheetTool     *tool,
                guint            keyval,
                GdkModifierType  state)
{
  CcForcefieldTool *self = CC_FORCEFIELD_TOOL (tool);
  GtkWidget *widget = GTK_WIDGET (self->base.view);
  gboolean ctrl = (state & GDK_CONTROL_MASK) != 0;
  gboolean alt = (state & GDK_ALT_MASK) != 0;
  CcItem *force = selected_force (self);

  if (ctrl && !alt)
    {
      switch (keyval)
        {
        case GDK_KEY_a:
        case GDK_KEY_A:
          return gtk_widget_activate_action (widget, "canvas.select-all", NULL);
        case GDK_KEY_r:
        case GDK_KEY_R:
          return gtk_widget_activate_action (widget, "canvas.score-round", NULL);
        case GDK_KEY_l:
        case GDK_KEY_L:
          gtk_menu_button_popup (GTK_MENU_BUTTON (self->library_button));
          return TRUE;
        default:
          return FALSE;
        }
    }
  if (alt && !ctrl)
    return forcefield_arrow (self, keyval, TRUE);
  if (ctrl || alt)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->drag_mode == DRAG_STRENGTH || self->drag_mode == DRAG_FORCE)
        cc_sheet_view_drag_reset (self->base.view);
      else if (self->score_participant != NULL)
        score_round_end (self);
      else
        cc_selection_clear (self->base.selection);
      return TRUE;
    case GDK_KEY_1: case GDK_KEY_2: case GDK_KEY_3: case GDK_KEY_4: case GDK_KEY_5:
    case GDK_KEY_KP_1: case GDK_KEY_KP_2: case GDK_KEY_KP_3: case GDK_KEY_KP_4: case GDK_KEY_KP_5:
      {
        int value = keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_5 ? (int) (keyval - GDK_KEY_KP_1) + 1
                                                                     : (int) (keyval - GDK_KEY_1) + 1;

        if (self->score_participant != NULL)
          score_selected (self, value);
        else
          set_selected_strength (self, value, FALSE);
        return TRUE;
      }
    case GDK_KEY_plus: case GDK_KEY_equal: case GDK_KEY_KP_Add:
      set_selected_strength (self, 1, TRUE);
      return TRUE;
    case GDK_KEY_minus: case GDK_KEY_underscore: case GDK_KEY_KP_Subtract:
      set_selected_strength (self, -1, TRUE);
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      delete_forces (self);
      return TRUE;
    case GDK_KEY_F2:
      if (force != NULL)
        {
          CcRect box;

          if (cc_sheet_view_get_box (self->base.view, force, &box))
            open_entry (self, EDIT_FORCE, box.x + box.width / 2, box.y + box.height / 2, force, NULL);
        }
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      /* A new force after the selected one, on its side. */
      if (force != NULL)
        {
          int side = cc_item_get_int (force, CC_FORCE_SIDE) == CC_SIDE_RESISTING ? CC_SIDE_RESISTING
                                                                                 : CC_SIDE_DRIVING;
          g_autoptr(GPtrArray) mine = cc_forcefield_side_forces (self->base.sheet, side);
          guint at = 0;

          g_ptr_array_find (mine, force, &at);
          open_new_force (self, side, (int) at + 1);
        }
      else
        open_new_force (self, CC_SIDE_DRIVING, -1);
      return TRUE;
    default:
      return forcefield_arrow (self, keyval, FALSE);
    }
}

/* ---- presses ------------------------------------------------------------------ */

static void
ff_drag_reset (CcSheetTool *tool)
{
  CcForcefieldTool *self = CC_FORCEFIELD_TOOL (tool);

  self->drag_mode = DRAG_NONE;
  self->drag_moved = FALSE;
  set_drag_item (self, NULL);
}

static CcSheetDrag
ff_drag_begin (CcSheetTool     *tool,
               double           x,
               double           y,
               GdkModifierType  state)
{
  CcForcefieldTool *self = CC_FORCEFIELD_TOOL (tool);
  CcHit *hit = &self->drag_hit;

  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = self->drag_dy = 0;
  cc_sheet_view_hit_detail (tool->view, x, y, hit);
  if (hit->part == CC_HIT_HANDLE || hit->part == CC_HIT_LABEL || hit->part == CC_HIT_ITEM)
    {
      self->drag_was_selected = cc_sheet_tool_press_select (tool, hit->item, state, &self->drag_additive);
      set_drag_item (self, hit->item);
      self->drag_strength = (int) cc_item_get_int (hit->item, CC_FORCE_STRENGTH);
      self->drag_mode = hit->part == CC_HIT_HANDLE ? DRAG_STRENGTH : DRAG_FORCE;
      return CC_SHEET_DRAG_TOOL;
    }
  if (!(state & CC_SHEET_ADD_TO_SELECTION))
    cc_selection_clear (tool->selection);
  return CC_SHEET_DRAG_PAN;
}

/* Where a force dragged to view point (x, y) would go: before or after the
 * force there, or into the open area of a side; and the line that shows it. */
static void
drop_target_update (CcForcefieldTool *self,
                    double            x,
                    double            y)
{
  gboolean vertical = is_vertical (self);
  CcItem *dragged = self->drag_item;
  g_autoptr(GPtrArray) forces = NULL;
  CcHit hit;
  double sx, sy;
  int side, index;
  guint at;

  self->drop_valid = FALSE;
  cc_sheet_view_view_to_sheet (self->base.view, x, y, &sx, &sy);
  if (!cc_render_hit_detail (self->base.project, self->base.sheet, cc_sheet_view_screen_options (self->base.view), sx, sy, &hit) || dragged == NULL)
    return;
  if (hit.part == CC_HIT_SIDE)
    {
      side = hit.side;
      index = hit.index;
    }
  else if (hit.part == CC_HIT_ITEM || hit.part == CC_HIT_LABEL || hit.part == CC_HIT_HANDLE)
    {
      gboolean after = vertical ? sx > hit.box.x + hit.box.width / 2 : sy > hit.box.y + hit.box.height / 2;

      side = hit.side;
      index = hit.index + (after ? 1 : 0);
    }
  else
    return;

  /* The mark: at the edge of the force it would go before, or after the last. */
  forces = cc_forcefield_side_forces (self->base.sheet, side);
  if (forces->len > 0)
    {
      CcRect box;
      gboolean end = (guint) index >= forces->len;

      if (!cc_sheet_view_get_box (self->base.view, forces->pdata[end ? forces->len - 1 : (guint) index], &box))
        return;
      if (vertical)
        self->drop_mark = (CcRect) { end ? box.x + box.width : box.x, box.y, 0, box.height };
      else
        self->drop_mark = (CcRect) { box.x, end ? box.y + box.height + 6 : box.y - 6, box.width, 0 };
    }
  else
    self->drop_mark = (CcRect) { hit.box.x + 20, hit.box.y + hit.box.height / 2, hit.box.width - 40, 0 };

  /* Counted without the force itself when it stays on its side. */
  if (g_ptr_array_find (forces, dragged, &at) && (guint) index > at)
    index--;
  self->drop_side = side;
  self->drop_index = index;
  self->drop_valid = TRUE;
}

static void
ff_drag_update (CcSheetTool *tool,
                double       offset_x,
                double       offset_y)
{
  CcForcefieldTool *self = CC_FORCEFIELD_TOOL (tool);

  self->drag_dx = offset_x;
  self->drag_dy = offset_y;
  self->drag_moved = TRUE;
  if (self->drag_mode == DRAG_STRENGTH)
    {
      CcHit *hit = &self->drag_hit;
      double sx, sy, along;

      cc_sheet_view_view_to_sheet (tool->view, self->drag_x + offset_x, self->drag_y + offset_y, &sx, &sy);
      along = (sx - hit->tip_x) * hit->dir_x + (sy - hit->tip_y) * hit->dir_y;
      self->drag_strength = CLAMP ((int) floor (along / hit->unit + 0.5), CC_FORCE_MIN_STRENGTH,
                                   CC_FORCE_MAX_STRENGTH);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (tool->view), is_vertical (self) ? "ns-resize" : "ew-resize");
    }
  else if (self->drag_mode == DRAG_FORCE)
    {
      drop_target_update (self, self->drag_x + offset_x, self->drag_y + offset_y);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (tool->view), "grabbing");
    }
}

static void
ff_drag_end (CcSheetTool *tool,
             double       offset_x,
             double       offset_y,
             gboolean     moved)
{
  CcForcefieldTool *self = CC_FORCEFIELD_TOOL (tool);

  self->drag_dx = offset_x;
  self->drag_dy = offset_y;
  self->drag_moved = moved;
  if (self->drag_mode == DRAG_STRENGTH)
    {
      if (moved && self->drag_item != NULL
          && self->drag_strength != cc_item_get_int (self->drag_item, CC_FORCE_STRENGTH))
        {
          cc_project_begin_group (tool->project, _("Set Strength"));
          cc_project_set_int (tool->project, self->drag_item, CC_FORCE_STRENGTH, self->drag_strength);
          cc_project_end_group (tool->project);
        }
      else if (!moved)
        cc_sheet_tool_click_select (tool, self->drag_item, self->drag_was_selected, self->drag_additive);
    }
  else if (self->drag_mode == DRAG_FORCE)
    {
      if (moved && self->drag_item != NULL)
        {
          drop_target_update (self, self->drag_x + offset_x, self->drag_y + offset_y);
          if (self->drop_valid)
            cc_forcefield_move_force (tool->project, self->drag_item, self->drop_side, self->drop_index);
        }
      else
        cc_sheet_tool_click_select (tool, self->drag_item, self->drag_was_selected, self->drag_additive);
    }
}

static void
ff_activate (CcSheetTool *tool,
             double       x,
             double       y)
{
  CcForcefieldTool *self = CC_FORCEFIELD_TOOL (tool);
  CcHit hit;
  double sx, sy;

  cc_sheet_view_view_to_sheet (tool->view, x, y, &sx, &sy);
  if (!cc_sheet_view_hit_detail (tool->view, x, y, &hit))
    return;
  switch (hit.part)
    {
    case CC_HIT_ITEM:
    case CC_HIT_LABEL:
    case CC_HIT_HANDLE:
      cc_selection_select (tool->selection, hit.item);
      open_entry (self, EDIT_FORCE, hit.box.x + hit.box.width / 2, hit.box.y + hit.box.height / 2, hit.item, NULL);
      break;
    case CC_HIT_CHANGE:
    case CC_HIT_CURRENT:
    case CC_HIT_DESIRED:
      self->edit_field = hit.part == CC_HIT_CHANGE ? CC_FORCEFIELD_CHANGE
                       : hit.part == CC_HIT_CURRENT ? CC_FORCEFIELD_CURRENT : CC_FORCEFIELD_DESIRED;
      open_entry (self, EDIT_FIELD, hit.box.x + hit.box.width / 2, hit.box.y + MIN (hit.box.height / 2, 20),
                  NULL, NULL);
      break;
    case CC_HIT_SIDE:
      self->edit_side = hit.side;
      self->edit_index = hit.index;
      open_entry (self, EDIT_NEW_FORCE, sx, sy, NULL, NULL);
      break;
    case CC_HIT_NONE:
    default:
      break;
    }
}

/* ---- drawing ---------------------------------------------------------------------- */

static void
ff_draw_overlay (CcSheetTool   *tool,
                 cairo_t       *cr,
                 const GdkRGBA *accent)
{
  CcForcefieldTool *self = CC_FORCEFIELD_TOOL (tool);
  GPtrArray *items = cc_selection_get_items (self->base.selection);
  CcRect r;

  for (guint i = 0; i < items->len; i++)
    if (cc_item_get_kind (items->pdata[i]) == CC_KIND_FORCE && cc_sheet_view_get_view_box (self->base.view, items->pdata[i], &r))
      {
        cc_path_rounded_rect (cr, r.x - 4, r.y - 4, r.width + 8, r.height + 8, 8);
        cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 1);
        cairo_set_line_width (cr, 3);
        cairo_stroke (cr);
      }

  if (self->drag_mode == DRAG_STRENGTH && self->drag_moved)
    {
      CcHit *hit = &self->drag_hit;
      double tx, ty, ex, ey;
      g_autofree char *label = g_strdup_printf ("%d", self->drag_strength);
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->base.view), label);
      PangoFontDescription *font = pango_font_description_from_string ("Bold 16");
      int w, h;

      /* The arrow at the strength it would get, and the number. */
      cc_sheet_view_sheet_to_view (self->base.view, hit->tip_x, hit->tip_y, &tx, &ty);
      cc_sheet_view_sheet_to_view (self->base.view, hit->tip_x + hit->dir_x * hit->unit * self->drag_strength,
                     hit->tip_y + hit->dir_y * hit->unit * self->drag_strength, &ex, &ey);
      cairo_move_to (cr, ex, ey);
      cairo_line_to (cr, tx, ty);
      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.8);
      cairo_set_line_width (cr, MAX (4, (6 + 3 * self->drag_strength) * cc_sheet_view_get_zoom (self->base.view)));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_arc (cr, ex, ey, MAX (w, h) / 2.0 + 8, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 1);
      cairo_fill (cr);
      cairo_move_to (cr, ex - w / 2.0, ey - h / 2.0);
      cairo_set_source_rgb (cr, 1, 1, 1);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }

  if (self->drag_mode == DRAG_FORCE && self->drag_moved && self->drag_item != NULL
      && cc_sheet_view_get_view_box (self->base.view, self->drag_item, &r))
    {
      /* The force under the pointer, and where it would land. */
      cc_path_rounded_rect (cr, r.x + self->drag_dx, r.y + self->drag_dy, r.width, r.height, 8);
      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.9);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      if (self->drop_valid)
        {
          double x1, y1, x2, y2;

          cc_sheet_view_sheet_to_view (self->base.view, self->drop_mark.x, self->drop_mark.y, &x1, &y1);
          cc_sheet_view_sheet_to_view (self->base.view, self->drop_mark.x + self->drop_mark.width, self->drop_mark.y + self->drop_mark.height,
                         &x2, &y2);
          cairo_move_to (cr, x1, y1);
          cairo_line_to (cr, x2, y2);
          cairo_set_line_width (cr, 4);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 1);
          cairo_stroke (cr);
        }
    }

  if (self->score_participant != NULL)
    {
      g_autofree char *who = cc_bidi_isolate (self->score_participant);
      g_autofree char *text = g_strdup_printf (_("Scoring for %s: press 1–5 for the highlighted force · Esc ends"),
                                               who);

      cc_sheet_view_draw_banner (self->base.view, cr, text, gtk_widget_get_width (GTK_WIDGET (self->base.view)) / 2.0,
                   gtk_widget_get_height (GTK_WIDGET (self->base.view)) - CC_SHEET_BOTTOM_INSET - 56);
    }
}

/* ---- actions and switches ------------------------------------------------------- */

static void
add_force_action (CcSheetTool *tool,
                  const char  *name,
                  GVariant    *param)
{
  CcForcefieldTool *self = CC_FORCEFIELD_TOOL (tool);
  const char *side = g_variant_get_string (param, NULL);

  open_new_force (self, g_strcmp0 (side, "resisting") == 0 ? CC_SIDE_RESISTING : CC_SIDE_DRIVING, -1);
}

static void
score_round_action (CcSheetTool *tool,
                    const char  *name,
                    GVariant    *param)
{
  CcForcefieldTool *self = CC_FORCEFIELD_TOOL (tool);
  const CcRect *b;
  double cx, cy;

  if (cc_item_get_n_children (self->base.sheet, CC_FORCEFIELD_FORCES) == 0)
    return;
  if (self->score_participant != NULL)
    {
      score_round_end (self);
      return;
    }
  /* Who is scoring, asked where the change is. */
  b = cc_sheet_view_get_bounds (self->base.view);
  cc_sheet_view_get_center (self->base.view, &cx, &cy);
  open_entry (self, EDIT_PARTICIPANT, cx, MAX (b->y + 60, cy - 100), NULL, NULL);
}

static const CcSheetToolAction ff_actions[] = {
  { "canvas.add-force", "s", add_force_action },
  { "canvas.score-round", NULL, score_round_action },
};

static gboolean
ff_action_enabled (CcSheetTool *tool,
                   const char  *name)
{
  if (g_str_equal (name, "canvas.delete"))
    return cc_selection_get_n_items (tool->selection) > 0;
  if (g_str_equal (name, "canvas.planned-view"))
    return cc_forcefield_has_plans (tool->sheet);
  if (g_str_equal (name, "canvas.score-round"))
    return cc_item_get_n_children (tool->sheet, CC_FORCEFIELD_FORCES) > 0;
  return g_str_equal (name, "canvas.select-all") || g_str_equal (name, "canvas.add-force")
         || g_str_equal (name, "canvas.vertical");
}

static void
ff_select_all (CcSheetTool *tool)
{
  cc_selection_set_items (tool->selection, cc_item_get_children (tool->sheet, CC_FORCEFIELD_FORCES));
}

static void
ff_delete_selection (CcSheetTool *tool)
{
  delete_forces (CC_FORCEFIELD_TOOL (tool));
}

static gboolean
ff_get_switch (CcSheetTool *tool,
               const char  *name)
{
  CcForcefieldTool *self = CC_FORCEFIELD_TOOL (tool);

  if (g_str_equal (name, "planned-view"))
    return cc_item_get_int (tool->sheet, CC_FORCEFIELD_VIEW) == CC_VIEW_PLANNED;
  if (g_str_equal (name, "vertical"))
    return is_vertical (self);
  return TRUE;  /* no legend to hide */
}

static void
ff_set_switch (CcSheetTool *tool,
               const char  *name,
               gboolean     on)
{
  if (g_str_equal (name, "planned-view") && ff_get_switch (tool, name) != on)
    {
      cc_project_begin_group (tool->project, on ? _("Show After the Plan") : _("Show Now"));
      cc_project_set_int (tool->project, tool->sheet, CC_FORCEFIELD_VIEW, on ? CC_VIEW_PLANNED : CC_VIEW_NOW);
      cc_project_end_group (tool->project);
    }
  else if (g_str_equal (name, "vertical") && ff_get_switch (tool, name) != on)
    {
      cc_project_begin_group (tool->project, on ? _("Turn Vertical") : _("Turn Horizontal"));
      cc_project_set_int (tool->project, tool->sheet, CC_FORCEFIELD_ORIENTATION,
                          on ? CC_ORIENTATION_VERTICAL : CC_ORIENTATION_HORIZONTAL);
      cc_project_end_group (tool->project);
    }
}

/* ---- the toolbar: add on either side, the library, the plan, turn, score ---------- */

/* One library for the whole program: the shipped forces and the user's own. */
static CcForceLibrary *
default_force_library (void)
{
  static CcForceLibrary *library;

  if (g_once_init_enter (&library))
    {
      CcForceLibrary *lib = cc_force_library_new ();
      g_autofree char *user = cc_force_library_default_user_path ();

      cc_force_library_load_builtin (lib);
      cc_force_library_load_user (lib, user);
      g_once_init_leave (&library, lib);
    }
  return library;
}

static void
library_add_force_cb (CcForcefieldTool *self,
                      const char       *label,
                      const char       *description,
                      int               side,
                      int               strength)
{
  CcItem *force;

  if (self->base.sheet == NULL || side < 0 || side >= CC_N_SIDES)
    return;
  force = cc_forcefield_add_force (self->base.project, self->base.sheet, side, label, strength, description, -1);
  if (force != NULL)
    {
      cc_selection_select (self->base.selection, force);
      gtk_widget_queue_draw (GTK_WIDGET (self->base.view));
    }
}

/* The panel is made the first time the library is opened. */
static void
library_popover_show_cb (CcForcefieldTool *self,
                         GtkPopover       *popover)
{
  GtkWidget *panel = gtk_popover_get_child (popover);

  if (panel == NULL)
    {
      panel = cc_force_library_panel_new (default_force_library ());
      gtk_widget_set_size_request (panel, 420, 520);
      g_signal_connect_object (panel, "add-force", G_CALLBACK (library_add_force_cb), self, G_CONNECT_SWAPPED);
      gtk_popover_set_child (popover, panel);
    }
  cc_force_library_panel_focus_search (CC_FORCE_LIBRARY_PANEL (panel));
}

/* The "more" menu: the force-field tools that did not fit, in the bar's
 * order. */
static void
overflow_apply (CcForcefieldTool *self, guint hidden)
{
  /* In the bar's order, each with its place in ff_optional (the order in
   * which they go into the menu) */
  static const struct { guint optional; const char *label, *action; } items[] = {
    { 1, N_("After the _Plan"), "canvas.planned-view" },
    { 0, N_("_Vertical"), "canvas.vertical" },
    { 2, N_("_Score a Round"), "canvas.score-round" },
  };
  g_autoptr(GMenu) menu = g_menu_new ();

  self->hidden = hidden;
  for (guint i = 0; i < G_N_ELEMENTS (self->optional); i++)
    gtk_widget_set_visible (self->optional[i], i >= hidden);
  for (guint k = 0; k < G_N_ELEMENTS (items); k++)
    if (items[k].optional < hidden)
      g_menu_append (menu, _(items[k].label), items[k].action);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->more_button), G_MENU_MODEL (menu));
  gtk_widget_set_visible (self->more_button, hidden > 0);
}

/* How many of the optional tools must go into the menu for the bar to fit
 * in @width. */
static guint
overflow_needed (CcForcefieldTool *self, int width)
{
  int avail = width - 2 * TOOLS_MARGIN, total, more, dummy;
  int widths[G_N_ELEMENTS (self->optional)];
  guint hidden = 0;

  gtk_widget_measure (gtk_widget_get_parent (self->bar), GTK_ORIENTATION_HORIZONTAL, -1, &dummy, &total, NULL, NULL);
  gtk_widget_measure (self->more_button, GTK_ORIENTATION_HORIZONTAL, -1, &dummy, &more, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (self->optional); i++)
    {
      if (gtk_widget_get_visible (self->optional[i]))
        gtk_widget_measure (self->optional[i], GTK_ORIENTATION_HORIZONTAL, -1, &dummy, &self->optional_width[i], NULL,
                            NULL);
      else
        total += self->optional_width[i];   /* in the menu: its width when it was in the bar */
      widths[i] = self->optional_width[i];
    }
  if (gtk_widget_get_visible (self->more_button))
    total -= more;
  /* With everything shown: @total. Each tool moved out saves its width,
   * and the first costs the menu button. */
  while (hidden < G_N_ELEMENTS (self->optional) && total > avail)
    {
      total -= widths[hidden];
      if (hidden == 0)
        total += more;
      hidden++;
    }
  return hidden;
}

static GtkWidget *
ff_create_toolbar (CcSheetTool *tool)
{
  CcForcefieldTool *self = CC_FORCEFIELD_TOOL (tool);
  g_autoptr(GtkBuilder) builder = cc_sheet_tool_load_toolbar ("cc-forcefield-toolbar.ui", &self->bar);

  self->library_button = GTK_WIDGET (gtk_builder_get_object (builder, "library_button"));
  g_signal_connect_object (gtk_builder_get_object (builder, "library_popover"), "show",
                           G_CALLBACK (library_popover_show_cb), self, G_CONNECT_SWAPPED);
  /* In the order they go into the "more" menu. */
  self->optional[0] = GTK_WIDGET (gtk_builder_get_object (builder, "vertical_button"));
  self->optional[1] = GTK_WIDGET (gtk_builder_get_object (builder, "planned_button"));
  self->optional[2] = GTK_WIDGET (gtk_builder_get_object (builder, "score_button"));
  self->more_button = GTK_WIDGET (gtk_builder_get_object (builder, "more_button"));
  return g_object_ref (self->bar);
}

static void
ff_allocate (CcSheetTool *tool,
             int          width,
             int          height)
{
  CcForcefieldTool *self = CC_FORCEFIELD_TOOL (tool);
  guint hidden;

  if (!gtk_widget_get_visible (self->bar))
    return;
  hidden = overflow_needed (self, width);
  if (hidden != self->hidden)
    overflow_apply (self, hidden);
}

/* ---- the tool ----------------------------------------------------------------------- */

static void
ff_detach (CcSheetTool *tool)
{
  CcForcefieldTool *self = CC_FORCEFIELD_TOOL (tool);

  ff_drag_reset (tool);
  ff_entry_cancel (tool);
  g_clear_pointer (&self->score_participant, g_free);
}

static void
cc_forcefield_tool_dispose (GObject *object)
{
  CcForcefieldTool *self = CC_FORCEFIELD_TOOL (object);

  ff_detach (CC_SHEET_TOOL (self));

  G_OBJECT_CLASS (cc_forcefield_tool_parent_class)->dispose (object);
}

static void
cc_forcefield_tool_class_init (CcForcefieldToolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CcSheetToolClass *tool_class = CC_SHEET_TOOL_CLASS (klass);

  object_class->dispose = cc_forcefield_tool_dispose;

  tool_class->kind = CC_KIND_FORCEFIELD;
  tool_class->actions = ff_actions;
  tool_class->n_actions = G_N_ELEMENTS (ff_actions);
  tool_class->action_enabled = ff_action_enabled;
  tool_class->create_toolbar = ff_create_toolbar;
  tool_class->detach = ff_detach;
  tool_class->drag_begin = ff_drag_begin;
  tool_class->drag_update = ff_drag_update;
  tool_class->drag_end = ff_drag_end;
  tool_class->drag_reset = ff_drag_reset;
  tool_class->activate = ff_activate;
  tool_class->key_pressed = ff_key_pressed;
  tool_class->entry_commit = ff_entry_commit;
  tool_class->entry_cancel = ff_entry_cancel;
  tool_class->draw_overlay = ff_draw_overlay;
  tool_class->allocate = ff_allocate;
  tool_class->select_all = ff_select_all;
  tool_class->delete_selection = ff_delete_selection;
  tool_class->get_switch = ff_get_switch;
  tool_class->set_switch = ff_set_switch;
}

static void
cc_forcefield_tool_init (CcForcefieldTool *self)
{
}

GtkMenuButton *
cc_sheet_view_get_more_button (CcSheetView *view)
{
  CcForcefieldTool *self = CC_FORCEFIELD_TOOL (cc_sheet_view_find_tool (view, CC_TYPE_FORCEFIELD_TOOL));

  return GTK_MENU_BUTTON (self->more_button);
}
