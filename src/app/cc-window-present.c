/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-application.h"
#include "cc-reveal-bar.h"
#include "cc-sheet-tool.h"
#include "cc-window-private.h"

/* Presenting to a room: the window full screen with its chrome and side
 * panels out of the way, the sheet alone on the screen with its text set
 * for the back of the room (cc_sheet_view_set_presenting()), a small bar
 * that comes with the pointer, Page Up and Page Down (what a presenter's
 * clicker sends) through the sheets, and a high-contrast look for a
 * washed-out projector. Editing works as outside it. The window's two
 * properties, "presenting" and "high-contrast", are the state of win.present
 * and win.high-contrast. */

#define BAR_HIDE_MS 2500

enum {
  PROP_0,
  PROP_PRESENTING,
  PROP_HIGH_CONTRAST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the presenting bar says: the sheet's place and title */
void
_cc_window_present_update_bar (CcWindow *self)
{
  g_autofree char *text = NULL;
  guint n, index = 0;

  if (!self->presenting || self->project == NULL || self->sheet == NULL)
    return;
  n = cc_project_get_n_sheets (self->project);
  for (guint i = 0; i < n; i++)
    if (cc_project_get_sheet (self->project, i) == self->sheet)
      index = i;
  /* TRANSLATORS: the sheet shown while presenting: its place and its title */
  text = g_strdup_printf (_("%u of %u · %s"), index + 1, n, cc_item_get_string (self->sheet, CC_SHEET_TITLE));
  gtk_label_set_text (self->present_label, text);
}

static gboolean
hide_bar_cb (gpointer data)
{
  CcWindow *self = data;

  self->present_bar_timeout = 0;
  gtk_revealer_set_reveal_child (self->present_bar, FALSE);
  return G_SOURCE_REMOVE;
}

/* The bar comes with the pointer and goes a moment after it stops. */
static void
show_bar (CcWindow *self)
{
  if (!self->presenting)
    return;
  gtk_revealer_set_reveal_child (self->present_bar, TRUE);
  g_clear_handle_id (&self->present_bar_timeout, g_source_remove);
  self->present_bar_timeout = g_timeout_add (BAR_HIDE_MS, hide_bar_cb, self);
}

static void
motion_cb (CcWindow *self,
           double    x,
           double    y)
{
  /* Not for the motion that a sheet redrawn under a still pointer sends */
  if (x == self->present_pointer_x && y == self->present_pointer_y)
    return;
  self->present_pointer_x = x;
  self->present_pointer_y = y;
  show_bar (self);
}

/* A clicker's step: the map's reveal, while one is shown, then the sheets.
 * A sheet reached backwards from the next one is shown whole. */
static void
present_step (CcWindow *self,
              int       delta)
{
  if (gtk_revealer_get_reveal_child (self->reveal_revealer) && cc_reveal_bar_step (self->reveal_bar, delta))
    return;
  _cc_window_step_sheet (self, delta);
}

/* Whether the keys are someone else's: the name entry, a text being
 * written in a panel, a menu open */
static gboolean
keys_taken (CcWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (cc_sheet_view_entry_is_open (self->sheet_view))
    return TRUE;
  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_EDITABLE (w) || GTK_IS_TEXT_VIEW (w) || GTK_IS_POPOVER (w))
      return TRUE;
  return FALSE;
}

static gboolean
present_key_cb (CcWindow        *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  if (!self->presenting || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0
      || keys_taken (self))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      present_step (self, 1);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      present_step (self, -1);
      return TRUE;
    case GDK_KEY_Escape:
      cc_window_set_presenting (self, FALSE);
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * cc_window_set_presenting:
 * @self: a window
 * @presenting: whether to present the sheet shown to a room
 *
 * Makes the window full screen with the sheet alone in it, or leaves that,
 * giving back the panels as they were.
 */
void
cc_window_set_presenting (CcWindow *self,
                          gboolean  presenting)
{
  GtkWindow *window = GTK_WINDOW (self);

  g_return_if_fail (CC_IS_WINDOW (self));

  presenting = !!presenting && self->project != NULL && self->sheet != NULL;
  if (self->presenting == presenting)
    return;
  self->presenting = presenting;
  if (presenting)
    {
      self->present_was_fullscreen = gtk_window_is_fullscreen (window);
      self->present_had_sheets = adw_flap_get_reveal_flap (self->flap);
      self->present_had_inspector = gtk_revealer_get_reveal_child (self->inspector_revealer);
      self->present_had_outline = gtk_revealer_get_reveal_child (self->outline_revealer);
      adw_flap_set_reveal_flap (self->flap, FALSE);
      gtk_revealer_set_reveal_child (self->inspector_revealer, FALSE);
      gtk_revealer_set_reveal_child (self->outline_revealer, FALSE);
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      gtk_widget_set_visible (self->header_bar, FALSE);
      gtk_widget_set_visible (self->zoom_controls, FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "presenting");
      cc_sheet_view_set_presenting (self->sheet_view, TRUE);
      if (!self->present_was_fullscreen)
        gtk_window_fullscreen (window);
      gtk_widget_grab_focus (GTK_WIDGET (self->sheet_view));
      _cc_window_present_update_bar (self);
      show_bar (self);
    }
  else
    {
      g_clear_handle_id (&self->present_bar_timeout, g_source_remove);
      gtk_revealer_set_reveal_child (self->present_bar, FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presenting");
      cc_sheet_view_set_presenting (self->sheet_view, FALSE);
      gtk_widget_set_visible (self->header_bar, TRUE);
      gtk_widget_set_visible (self->zoom_controls, TRUE);
      adw_flap_set_reveal_flap (self->flap, self->present_had_sheets);
      gtk_revealer_set_reveal_child (self->inspector_revealer, self->present_had_inspector);
      gtk_revealer_set_reveal_child (self->outline_revealer, self->present_had_outline);
      if (!self->present_was_fullscreen)
        gtk_window_unfullscreen (window);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTING]);
}

gboolean
cc_window_get_presenting (CcWindow *self)
{
  g_return_val_if_fail (CC_IS_WINDOW (self), FALSE);
  return self->presenting;
}

void
cc_window_set_high_contrast (CcWindow *self,
                             gboolean  high_contrast)
{
  GSettings *settings;

  g_return_if_fail (CC_IS_WINDOW (self));

  high_contrast = !!high_contrast;
  if (self->high_contrast == high_contrast)
    return;
  self->high_contrast = high_contrast;
  cc_sheet_view_set_high_contrast (self->sheet_view, high_contrast);
  settings = cc_application_get_settings ();
  if (settings != NULL && _cc_window_settings_has_key (settings, "high-contrast", "b"))
    g_settings_set_boolean (settings, "high-contrast", high_contrast);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGH_CONTRAST]);
}

/* The sheet shown changed: what the bar says, and a sheet to present */
void
_cc_window_present_sheet_changed (CcWindow *self)
{
  if (self->presenting && self->sheet == NULL)
    cc_window_set_presenting (self, FALSE);
  _cc_window_present_update_bar (self);
  if (self->presenting)
    show_bar (self);
}

static void
present_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CcWindow *self = CC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRESENTING:
      g_value_set_boolean (value, self->presenting);
      break;
    case PROP_HIGH_CONTRAST:
      g_value_set_boolean (value, self->high_contrast);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
present_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  CcWindow *self = CC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRESENTING:
      cc_window_set_presenting (self, g_value_get_boolean (value));
      break;
    case PROP_HIGH_CONTRAST:
      cc_window_set_high_contrast (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
present_previous_cb (CcWindow *self)
{
  present_step (self, -1);
}

static void
present_next_cb (CcWindow *self)
{
  present_step (self, 1);
}

static void
high_contrast_changed_cb (CcWindow   *self,
                          const char *key,
                          GSettings  *settings)
{
  cc_window_set_high_contrast (self, g_settings_get_boolean (settings, key));
}

void
_cc_window_class_present_init (GtkWidgetClass *widget_class)
{
  GObjectClass *object_class = G_OBJECT_CLASS (widget_class);

  object_class->get_property = present_get_property;
  object_class->set_property = present_set_property;
  properties[PROP_PRESENTING] =
    g_param_spec_boolean ("presenting", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGH_CONTRAST] =
    g_param_spec_boolean ("high-contrast", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_bind_template_child (widget_class, CcWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, zoom_controls);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, present_bar);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, present_label);
  gtk_widget_class_bind_template_callback (widget_class, present_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, present_next_cb);

  gtk_widget_class_install_property_action (widget_class, "win.present", "presenting");
  gtk_widget_class_install_property_action (widget_class, "win.high-contrast", "high-contrast");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.high-contrast", NULL);
}

void
_cc_window_present_init (CcWindow *self)
{
  GtkEventController *controller;
  GSettings *settings;

  /* Before the sheet's own keys: Page Up and Page Down are the sheets */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (present_key_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (controller, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* Every window follows the one setting */
  settings = cc_application_get_settings ();
  if (settings != NULL && _cc_window_settings_has_key (settings, "high-contrast", "b"))
    {
      self->high_contrast = g_settings_get_boolean (settings, "high-contrast");
      cc_sheet_view_set_high_contrast (self->sheet_view, self->high_contrast);
      g_signal_connect_object (settings, "changed::high-contrast", G_CALLBACK (high_contrast_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

void
_cc_window_present_dispose (CcWindow *self)
{
  g_clear_handle_id (&self->present_bar_timeout, g_source_remove);
}
