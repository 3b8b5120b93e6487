/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-reveal-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-reveal-bar.h"
#include "cc-reveal.h"

struct _CcRevealBar
{
  GtkWidget     parent_instance;

  /* What the bar lays out (see measure and allocate below): the kind as
   * buttons or as a dropdown, the steps, the views as buttons with words
   * or as icons. */
  GtkWidget    *kinds;
  GtkDropDown  *kind_dropdown;
  GtkWidget    *steps;
  GtkWidget    *actions;
  GtkWidget    *compact_actions;
  GtkLabel     *step_label;
  GtkLabel     *count_label;
  GtkMenuButton *views_button;
  GtkMenuButton *compact_views_button;

  CcSheetView  *view;         /* weak */
  CcSelection  *selection;    /* the view's */
  CcProject    *project;      /* of the sheet below */
  CcItem       *sheet;
  GtkEventController *keys;   /* on the view */

  CcRevealKind  kind;
  int           step;         /* shown, from 0; -1: none (everything, or a view that is no step) */
  char         *actor;        /* the neighbourhood's organisation: the last one selected */
  char         *label;        /* what is shown, in words */
  GMenu        *views_menu;
};

enum { PROP_0, PROP_KIND, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CcRevealBar, cc_reveal_bar, GTK_TYPE_WIDGET)

static gboolean follow_sheet (CcRevealBar *self);

static gboolean
on_map (CcRevealBar *self)
{
  return self->sheet != NULL && cc_item_get_kind (self->sheet) == CC_KIND_MAP;
}

static guint
n_steps (CcRevealBar *self)
{
  return on_map (self) ? cc_reveal_n_steps (self->project, self->sheet, self->kind, self->actor) : 0;
}

/* Shows @reveal (NULL: everything) on the view, and says what it is. */
static void
show (CcRevealBar *self, const CcReveal *reveal, const char *name)
{
  guint n = n_steps (self);
  g_autofree char *count = NULL;

  g_free (self->label);
  if (name != NULL)
    self->label = g_strdup (name);
  else if (self->kind == CC_REVEAL_NEIGHBOURHOOD && n == 0)
    self->label = g_strdup (on_map (self) ? _("Select an organisation on the map") : "");
  else if (self->kind != CC_REVEAL_EVERYTHING && n == 0)
    self->label = g_strdup (_("Nothing on this map to show step by step"));
  else
    self->label = on_map (self) ? cc_reveal_describe (self->project, reveal) : g_strdup ("");
  gtk_label_set_text (self->step_label, self->label);
  if (self->step >= 0 && n > 0)
    count = g_strdup_printf (_("Step %d of %u"), self->step + 1, n);
  gtk_label_set_text (self->count_label, count != NULL ? count : "");

  if (self->view != NULL)
    cc_sheet_view_set_reveal (self->view, reveal);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reveal.previous", self->step > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reveal.next",
                                 n > 0 && (self->step < 0 || (guint) self->step + 1 < n));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reveal.save-view", on_map (self));
}

/* Shows step self->step of the kind chosen. */
static void
show_step (CcRevealBar *self)
{
  g_autoptr(CcReveal) reveal = NULL;

  if (self->step >= 0 && on_map (self))
    reveal = cc_reveal_step (self->project, self->sheet, self->kind, self->actor, (guint) self->step);
  if (reveal == NULL)
    self->step = -1;
  show (self, reveal, NULL);
}

static void
update_views_menu (CcRevealBar *self)
{
  guint n = on_map (self) ? cc_item_get_n_children (self->sheet, CC_MAP_VIEWS) : 0;

  g_menu_remove_all (self->views_menu);
  for (guint i = 0; i < n; i++)
    {
      CcItem *view = cc_item_get_child (self->sheet, CC_MAP_VIEWS, i);
      /* A menu reads "_" as its mnemonic: a name's own are doubled */
      g_auto(GStrv) parts = g_strsplit (cc_item_get_string (view, CC_VIEW_NAME), "_", -1);
      g_autofree char *label = g_strjoinv ("__", parts);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "reveal.show-view", g_variant_new_int32 ((gint32) i));
      g_menu_append_item (self->views_menu, item);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->views_button), n > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->compact_views_button), n > 0);
}

void
cc_reveal_bar_set_kind (CcRevealBar *self, CcRevealKind kind)
{
  g_return_if_fail (CC_IS_REVEAL_BAR (self));
  g_return_if_fail (kind < CC_N_REVEAL_KINDS);

  if (follow_sheet (self) && kind == CC_REVEAL_EVERYTHING)
    return;
  self->kind = kind;
  self->step = kind == CC_REVEAL_EVERYTHING ? -1 : 0;
  show_step (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

CcRevealKind
cc_reveal_bar_get_kind (CcRevealBar *self)
{
  g_return_val_if_fail (CC_IS_REVEAL_BAR (self), CC_REVEAL_EVERYTHING);
  return self->kind;
}

gboolean
cc_reveal_bar_step (CcRevealBar *self, int delta)
{
  guint n;
  int to;

  g_return_val_if_fail (CC_IS_REVEAL_BAR (self), FALSE);

  follow_sheet (self);
  n = n_steps (self);
  if (n == 0 || delta == 0)
    return FALSE;
  /* From a saved view that is no step, on from the start. */
  to = self->step < 0 ? (delta > 0 ? delta - 1 : -1) : self->step + delta;
  if (to < 0 || (guint) to >= n)
    return FALSE;
  self->step = to;
  show_step (self);
  return TRUE;
}

const char *
cc_reveal_bar_get_label (CcRevealBar *self)
{
  g_return_val_if_fail (CC_IS_REVEAL_BAR (self), NULL);
  return self->label;
}

void
cc_reveal_bar_reset (CcRevealBar *self)
{
  g_return_if_fail (CC_IS_REVEAL_BAR (self));
  cc_reveal_bar_set_kind (self, CC_REVEAL_EVERYTHING);
}

CcItem *
cc_reveal_bar_save_view (CcRevealBar *self)
{
  const CcReveal *reveal;

  g_return_val_if_fail (CC_IS_REVEAL_BAR (self), NULL);
  follow_sheet (self);
  if (!on_map (self))
    return NULL;
  reveal = self->view != NULL ? cc_sheet_view_get_reveal (self->view) : NULL;
  return cc_map_add_view (self->project, self->sheet, reveal, NULL);
}

void
cc_reveal_bar_show_view (CcRevealBar *self, guint index)
{
  CcItem *view;
  g_autoptr(CcReveal) reveal = NULL;
  guint n;

  g_return_if_fail (CC_IS_REVEAL_BAR (self));
  follow_sheet (self);
  if (!on_map (self) || index >= cc_item_get_n_children (self->sheet, CC_MAP_VIEWS))
    return;

  view = cc_item_get_child (self->sheet, CC_MAP_VIEWS, index);
  reveal = cc_reveal_from_view (view);
  self->kind = reveal->kind;
  if (reveal->kind == CC_REVEAL_NEIGHBOURHOOD)
    {
      g_free (self->actor);
      self->actor = g_strdup (reveal->actor);
    }
  /* Stepping goes on from the step the view is, if it is one. */
  self->step = -1;
  n = n_steps (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CcReveal) step = cc_reveal_step (self->project, self->sheet, self->kind, self->actor, i);

      if (cc_reveal_equal (step, reveal))
        self->step = (int) i;
    }
  show (self, reveal, cc_item_get_string (view, CC_VIEW_NAME));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/* ---- following the view ------------------------------------------------- */

/* The name of the map's saved view that shows what @reveal does, if any */
static const char *
saved_view_name (CcRevealBar *self, const CcReveal *reveal)
{
  guint n = on_map (self) && reveal != NULL ? cc_item_get_n_children (self->sheet, CC_MAP_VIEWS) : 0;

  for (guint i = 0; i < n; i++)
    {
      CcItem *view = cc_item_get_child (self->sheet, CC_MAP_VIEWS, i);
      g_autoptr(CcReveal) saved = cc_reveal_from_view (view);

      if (cc_reveal_equal (saved, reveal))
        return cc_item_get_string (view, CC_VIEW_NAME);
    }
  return NULL;
}

static void
step_done_cb (CcRevealBar *self)
{
  guint n = n_steps (self);

  update_views_menu (self);
  /* An edit may take away the step shown (the last sector's organisations). */
  if (self->step >= 0 && (guint) self->step >= n)
    self->step = n > 0 ? (int) n - 1 : -1;
  if (self->step >= 0 || self->kind == CC_REVEAL_EVERYTHING)
    show_step (self);
  else
    {
      const CcReveal *shown = self->view != NULL ? cc_sheet_view_get_reveal (self->view) : NULL;

      /* A saved view shown keeps its name */
      show (self, shown, saved_view_name (self, shown));
    }
}

/* Follows the view to another sheet; TRUE if it went to one. */
static gboolean
follow_sheet (CcRevealBar *self)
{
  CcItem *sheet = self->view != NULL ? cc_sheet_view_get_sheet (self->view) : NULL;
  CcProject *project = self->view != NULL ? cc_sheet_view_get_project (self->view) : NULL;

  if (sheet == self->sheet && project == self->project)
    return FALSE;
  /* Another sheet: the view has shown everything since. */
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "step-done", G_CALLBACK (step_done_cb), self, G_CONNECT_SWAPPED);
  g_clear_pointer (&self->sheet, cc_item_unref);
  self->sheet = sheet != NULL ? cc_item_ref (sheet) : NULL;
  g_clear_pointer (&self->actor, g_free);
  update_views_menu (self);
  cc_reveal_bar_set_kind (self, CC_REVEAL_EVERYTHING);
  return TRUE;
}

void
cc_reveal_bar_update (CcRevealBar *self)
{
  g_return_if_fail (CC_IS_REVEAL_BAR (self));
  follow_sheet (self);
}

static void
selection_changed_cb (CcRevealBar *self)
{
  CcItem *single = cc_selection_get_single (self->selection);

  follow_sheet (self);
  if (single != NULL && cc_item_get_kind (single) == CC_KIND_NODE
      && g_strcmp0 (self->actor, cc_item_get_string (single, CC_NODE_ACTOR)) != 0)
    {
      g_free (self->actor);
      self->actor = g_strdup (cc_item_get_string (single, CC_NODE_ACTOR));
      if (self->kind == CC_REVEAL_NEIGHBOURHOOD)
        {
          self->step = MAX (self->step, 0);
          show_step (self);
        }
    }
}

/* Keys on the sheet view while the bar is there; letters the map's own
 * keys leave alone, and never while its entry is open. */
static gboolean
key_pressed_cb (CcRevealBar           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  follow_sheet (self);
  if (!gtk_widget_is_drawable (GTK_WIDGET (self)) || self->view == NULL
      || !gtk_widget_has_focus (GTK_WIDGET (self->view)) || !on_map (self)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_r:
    case GDK_KEY_R:
      {
        /* Shift+R goes back through the kinds. */
        int step = (state & GDK_SHIFT_MASK) ? CC_N_REVEAL_KINDS - 1 : 1;

        cc_reveal_bar_set_kind (self, (CcRevealKind) ((self->kind + step) % CC_N_REVEAL_KINDS));
        return TRUE;
      }
    case GDK_KEY_period:
    case GDK_KEY_greater:
      cc_reveal_bar_step (self, 1);
      return TRUE;
    case GDK_KEY_comma:
    case GDK_KEY_less:
      cc_reveal_bar_step (self, -1);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      cc_reveal_bar_reset (self);
      return TRUE;
    default:
      return FALSE;
    }
}

void
cc_reveal_bar_set_view (CcRevealBar *self, CcSheetView *view)
{
  g_return_if_fail (CC_IS_REVEAL_BAR (self));
  g_return_if_fail (view == NULL || CC_IS_SHEET_VIEW (view));

  if (self->view != NULL)
    {
      gtk_widget_remove_controller (GTK_WIDGET (self->view), self->keys);
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
    }
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->keys);
  self->view = view;
  if (view == NULL)
    return;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  /* Before the view's own keys and its tool's */
  self->keys = g_object_ref (gtk_event_controller_key_new ());
  gtk_event_controller_set_propagation_phase (self->keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (view), self->keys);
  self->selection = g_object_ref (cc_sheet_view_get_selection (view));
  g_signal_connect_object (self->selection, "changed", G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  selection_changed_cb (self);
}

/* ---- laying it out ------------------------------------------------------ */

/* The bar never scrolls nor cuts its controls off: under a map beside the
 * sheets and the details panel it has half a window or less. It takes
 * the first of these that fits: everything in one row; the kind as a
 * dropdown; the views as icons as well; then two rows, the kind and the
 * views above the steps (whose label is then as wide as the bar), with
 * the same narrowing. */

#define SPACING 12      /* between the parts of a row */
#define ROW_SPACING 8   /* between the rows */

typedef struct
{
  gboolean   two_rows;
  GtkWidget *chooser;   /* self->kinds or self->kind_dropdown */
  GtkWidget *views;     /* self->actions or self->compact_actions */
} Plan;

static int
natural_width (GtkWidget *widget)
{
  int min, nat;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  return nat;
}

static int
minimum_width (GtkWidget *widget)
{
  int min, nat;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  return min;
}

static Plan
plan_for (CcRevealBar *self, int width)
{
  const Plan plans[] = {
    { FALSE, self->kinds, self->actions },
    { FALSE, GTK_WIDGET (self->kind_dropdown), self->actions },
    { FALSE, GTK_WIDGET (self->kind_dropdown), self->compact_actions },
    { TRUE, self->kinds, self->actions },
    { TRUE, GTK_WIDGET (self->kind_dropdown), self->actions },
    { TRUE, GTK_WIDGET (self->kind_dropdown), self->compact_actions },
  };
  int steps = minimum_width (self->steps);

  for (guint i = 0; i < G_N_ELEMENTS (plans); i++)
    {
      int needed = natural_width (plans[i].chooser) + SPACING + natural_width (plans[i].views);

      if (!plans[i].two_rows)
        needed += SPACING + steps;
      if (needed <= width)
        return plans[i];
    }
  return plans[G_N_ELEMENTS (plans) - 1];
}

static int
height_for (GtkWidget *widget, int width)
{
  int min, nat;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
  return MAX (min, nat);
}

/* Where the parts of @plan go in @width: x and width of the chooser, the
 * views and the steps. */
static void
place (CcRevealBar *self, const Plan *plan, int width, int x[3], int w[3])
{
  w[0] = MIN (natural_width (plan->chooser), width);
  w[1] = MIN (natural_width (plan->views), MAX (width - w[0] - SPACING, 0));
  x[0] = 0;
  x[1] = width - w[1];
  if (plan->two_rows)
    {
      x[2] = 0;
      w[2] = width;
    }
  else
    {
      x[2] = w[0] + SPACING;
      w[2] = MAX (x[1] - SPACING - x[2], minimum_width (self->steps));
    }
}

static void
cc_reveal_bar_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  CcRevealBar *self = CC_REVEAL_BAR (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* At least the narrowest two rows; at best everything in one. */
      *minimum = MAX (natural_width (GTK_WIDGET (self->kind_dropdown)) + SPACING
                      + natural_width (self->compact_actions), minimum_width (self->steps));
      *natural = natural_width (self->kinds) + SPACING + natural_width (self->steps) + SPACING
                 + natural_width (self->actions);
      *natural = MAX (*natural, *minimum);
    }
  else
    {
      int width = for_size >= 0 ? for_size : natural_width (self->kinds) + 2 * SPACING
                  + natural_width (self->steps) + natural_width (self->actions);
      Plan plan = plan_for (self, width);
      int x[3], w[3];
      int top;

      place (self, &plan, width, x, w);
      top = MAX (height_for (plan.chooser, w[0]), height_for (plan.views, w[1]));
      if (plan.two_rows)
        *minimum = top + ROW_SPACING + height_for (self->steps, w[2]);
      else
        *minimum = MAX (top, height_for (self->steps, w[2]));
      *natural = *minimum;
    }
}

static GtkSizeRequestMode
cc_reveal_bar_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
allocate_child (GtkWidget *widget, int bar_width, GtkWidget *child, int x, int y, int width, int height)
{
  /* From the right in a right-to-left language */
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    x = bar_width - x - width;
  gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, width, height }, -1);
}

static void
cc_reveal_bar_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  CcRevealBar *self = CC_REVEAL_BAR (widget);
  Plan plan = plan_for (self, width);
  int x[3], w[3];

  /* Only the chooser and the views chosen are there (as a stack shows
   * one page): the others neither drawn nor in the way of the focus. */
  gtk_widget_set_child_visible (self->kinds, plan.chooser == self->kinds);
  gtk_widget_set_child_visible (GTK_WIDGET (self->kind_dropdown), plan.chooser != self->kinds);
  gtk_widget_set_child_visible (self->actions, plan.views == self->actions);
  gtk_widget_set_child_visible (self->compact_actions, plan.views != self->actions);

  place (self, &plan, width, x, w);
  if (plan.two_rows)
    {
      int top = MAX (height_for (plan.chooser, w[0]), height_for (plan.views, w[1]));

      allocate_child (widget, width, plan.chooser, x[0], 0, w[0], top);
      allocate_child (widget, width, plan.views, x[1], 0, w[1], top);
      allocate_child (widget, width, self->steps, x[2], top + ROW_SPACING, w[2], MAX (height - top - ROW_SPACING, 0));
    }
  else
    {
      allocate_child (widget, width, plan.chooser, x[0], 0, w[0], height);
      allocate_child (widget, width, self->steps, x[2], 0, w[2], height);
      allocate_child (widget, width, plan.views, x[1], 0, w[1], height);
    }
}

static void
kind_dropdown_cb (CcRevealBar *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  if (selected < CC_N_REVEAL_KINDS && selected != (guint) self->kind)
    cc_reveal_bar_set_kind (self, (CcRevealKind) selected);
}

static void
kind_notify_cb (CcRevealBar *self)
{
  gtk_drop_down_set_selected (self->kind_dropdown, self->kind);
}

/* ---- the widget --------------------------------------------------------- */

static void
previous_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  cc_reveal_bar_step (CC_REVEAL_BAR (widget), -1);
}

static void
next_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  cc_reveal_bar_step (CC_REVEAL_BAR (widget), 1);
}

static void
save_view_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  cc_reveal_bar_save_view (CC_REVEAL_BAR (widget));
}

static void
show_view_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  cc_reveal_bar_show_view (CC_REVEAL_BAR (widget), (guint) MAX (g_variant_get_int32 (parameter), 0));
}

static void
cc_reveal_bar_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CcRevealBar *self = CC_REVEAL_BAR (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_reveal_bar_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CcRevealBar *self = CC_REVEAL_BAR (object);

  switch (prop_id)
    {
    case PROP_KIND:
      cc_reveal_bar_set_kind (self, (CcRevealKind) g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_reveal_bar_dispose (GObject *object)
{
  CcRevealBar *self = CC_REVEAL_BAR (object);

  cc_reveal_bar_set_view (self, NULL);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  g_clear_pointer (&self->sheet, cc_item_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_REVEAL_BAR);
  G_OBJECT_CLASS (cc_reveal_bar_parent_class)->dispose (object);
}

static void
cc_reveal_bar_finalize (GObject *object)
{
  CcRevealBar *self = CC_REVEAL_BAR (object);

  g_free (self->actor);
  g_free (self->label);
  g_clear_object (&self->views_menu);
  G_OBJECT_CLASS (cc_reveal_bar_parent_class)->finalize (object);
}

static void
cc_reveal_bar_class_init (CcRevealBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cc_reveal_bar_get_property;
  object_class->set_property = cc_reveal_bar_set_property;
  object_class->dispose = cc_reveal_bar_dispose;
  object_class->finalize = cc_reveal_bar_finalize;

  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, CC_N_REVEAL_KINDS - 1, CC_REVEAL_EVERYTHING,
                                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/cc-reveal-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, CcRevealBar, kinds);
  gtk_widget_class_bind_template_child (widget_class, CcRevealBar, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CcRevealBar, steps);
  gtk_widget_class_bind_template_child (widget_class, CcRevealBar, actions);
  gtk_widget_class_bind_template_child (widget_class, CcRevealBar, compact_actions);
  gtk_widget_class_bind_template_child (widget_class, CcRevealBar, compact_views_button);
  gtk_widget_class_bind_template_child (widget_class, CcRevealBar, step_label);
  gtk_widget_class_bind_template_child (widget_class, CcRevealBar, count_label);
  gtk_widget_class_bind_template_child (widget_class, CcRevealBar, views_button);

  gtk_widget_class_install_property_action (widget_class, "reveal.kind", "kind");
  gtk_widget_class_install_action (widget_class, "reveal.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "reveal.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "reveal.save-view", NULL, save_view_action);
  gtk_widget_class_install_action (widget_class, "reveal.show-view", "i", show_view_action);

  widget_class->get_request_mode = cc_reveal_bar_get_request_mode;
  widget_class->measure = cc_reveal_bar_measure;
  widget_class->size_allocate = cc_reveal_bar_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "revealbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
cc_reveal_bar_init (CcRevealBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->step = -1;
  self->views_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->views_button, G_MENU_MODEL (self->views_menu));
  gtk_menu_button_set_menu_model (self->compact_views_button, G_MENU_MODEL (self->views_menu));
  g_signal_connect_object (self->kind_dropdown, "notify::selected", G_CALLBACK (kind_dropdown_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::kind", G_CALLBACK (kind_notify_cb), NULL);
  update_views_menu (self);
  show_step (self);
}

GtkWidget *
cc_reveal_bar_new (void)
{
  return g_object_new (CC_TYPE_REVEAL_BAR, NULL);
}
