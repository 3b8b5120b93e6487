/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-countdown"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-countdown.h"

/* What is left is kept as a deadline on the monotonic clock while running
 * and as microseconds while stopped, so that the time shown is worked out
 * from the clock at each tick: ticks that come late (a long layout, a
 * save) show the right second when they come, and lose nothing. */

#define TICK_MS 200  /* how often a second is looked for: well under one */

struct _CcCountdown
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkLabel   *time_label;
  GtkButton  *run_button;
  GtkWidget  *durations_box;
  GtkWidget  *add_minute_button;

  gint64      duration;   /* µs: what was started last, and reset goes back to */
  gint64      left;       /* µs: while stopped */
  gint64      deadline;   /* monotonic µs: while running */
  gboolean    running;
  gboolean    time_is_up;
  int         shown;      /* seconds shown; -1: none yet */
  guint       tick_id;
};

G_DEFINE_FINAL_TYPE (CcCountdown, cc_countdown, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_RUNNING,
  PROP_REMAINING,
  PROP_TIME_IS_UP,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static gint64
left_now (CcCountdown *self)
{
  if (!self->running)
    return self->left;
  return MAX (self->deadline - g_get_monotonic_time (), 0);
}

static int
seconds_of (gint64 us)
{
  /* Rounded up: "00:00" is time up, and a fresh five minutes reads 05:00. */
  return (int) ((us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

static void
show (CcCountdown *self)
{
  int seconds = seconds_of (left_now (self));
  gboolean warning = !self->time_is_up && seconds <= CC_COUNTDOWN_WARNING_SECONDS
                     && (self->running || self->left < self->duration);
  GtkWidget *widget = GTK_WIDGET (self);

  if (self->time_is_up)
    gtk_label_set_text (self->time_label, _("Time’s up"));
  else
    {
      g_autofree char *text = g_strdup_printf ("%02d:%02d", seconds / 60, seconds % 60);

      gtk_label_set_text (self->time_label, text);
    }
  if (warning)
    gtk_widget_add_css_class (widget, "warning");
  else
    gtk_widget_remove_css_class (widget, "warning");
  if (self->time_is_up)
    gtk_widget_add_css_class (widget, "time-up");
  else
    gtk_widget_remove_css_class (widget, "time-up");
  if (self->running)
    gtk_widget_add_css_class (widget, "running");
  else
    gtk_widget_remove_css_class (widget, "running");

  gtk_button_set_icon_name (self->run_button, self->running ? "media-playback-pause-symbolic"
                                                            : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->run_button), self->running ? _("Pause") : _("Start"));
  /* Quick durations to start from; a minute more once going. */
  gtk_widget_set_visible (self->durations_box, !self->running && !self->time_is_up);
  gtk_widget_set_visible (self->add_minute_button, self->running || self->time_is_up);

  if (seconds != self->shown)
    {
      self->shown = seconds;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_REMAINING]);
    }
}

static gboolean
tick_cb (gpointer data)
{
  CcCountdown *self = data;

  if (self->running && self->deadline <= g_get_monotonic_time ())
    {
      self->running = FALSE;
      self->left = 0;
      self->time_is_up = TRUE;
      self->tick_id = 0;
      show (self);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_RUNNING]);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_TIME_IS_UP]);
      return G_SOURCE_REMOVE;
    }
  show (self);
  return G_SOURCE_CONTINUE;
}

static void
start_ticking (CcCountdown *self)
{
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
}

static void
stop_ticking (CcCountdown *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

/* Sets the state, then says what changed. */
static void
set_state (CcCountdown *self,
           gboolean     running,
           gint64       left,
           gboolean     time_is_up)
{
  gboolean was_running = self->running;
  gboolean was_up = self->time_is_up;

  self->running = running;
  self->time_is_up = time_is_up;
  if (running)
    {
      self->deadline = g_get_monotonic_time () + left;
      start_ticking (self);
    }
  else
    {
      self->left = left;
      stop_ticking (self);
    }
  show (self);
  if (was_running != running)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_RUNNING]);
  if (was_up != time_is_up)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_TIME_IS_UP]);
}

void
cc_countdown_start (CcCountdown *self,
                    int          seconds)
{
  g_return_if_fail (CC_IS_COUNTDOWN (self));

  self->duration = (gint64) CLAMP (seconds, 1, CC_COUNTDOWN_MAX_SECONDS) * G_USEC_PER_SEC;
  set_state (self, TRUE, self->duration, FALSE);
}

void
cc_countdown_toggle_running (CcCountdown *self)
{
  g_return_if_fail (CC_IS_COUNTDOWN (self));

  if (self->running)
    set_state (self, FALSE, left_now (self), FALSE);
  else if (self->time_is_up || self->left <= 0)
    set_state (self, TRUE, self->duration, FALSE);
  else
    set_state (self, TRUE, self->left, FALSE);
}

void
cc_countdown_reset (CcCountdown *self)
{
  g_return_if_fail (CC_IS_COUNTDOWN (self));

  set_state (self, FALSE, self->duration, FALSE);
}

void
cc_countdown_add_minute (CcCountdown *self)
{
  gint64 max = (gint64) CC_COUNTDOWN_MAX_SECONDS * G_USEC_PER_SEC;

  g_return_if_fail (CC_IS_COUNTDOWN (self));

  if (self->running)
    set_state (self, TRUE, MIN (left_now (self) + 60 * G_USEC_PER_SEC, max), FALSE);
  else if (self->time_is_up)
    set_state (self, TRUE, 60 * G_USEC_PER_SEC, FALSE);
}

gboolean
cc_countdown_get_running (CcCountdown *self)
{
  g_return_val_if_fail (CC_IS_COUNTDOWN (self), FALSE);

  return self->running;
}

int
cc_countdown_get_remaining (CcCountdown *self)
{
  g_return_val_if_fail (CC_IS_COUNTDOWN (self), 0);

  return seconds_of (left_now (self));
}

gboolean
cc_countdown_get_time_is_up (CcCountdown *self)
{
  g_return_val_if_fail (CC_IS_COUNTDOWN (self), FALSE);

  return self->time_is_up;
}

GtkWidget *
cc_countdown_new (void)
{
  return g_object_new (CC_TYPE_COUNTDOWN, NULL);
}

/* Actions, for the buttons */

static void
toggle_action (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  cc_countdown_toggle_running (CC_COUNTDOWN (widget));
}

static void
reset_action (GtkWidget  *widget,
              const char *name,
              GVariant   *parameter)
{
  cc_countdown_reset (CC_COUNTDOWN (widget));
}

static void
add_minute_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  cc_countdown_add_minute (CC_COUNTDOWN (widget));
}

static void
start_action (GtkWidget  *widget,
              const char *name,
              GVariant   *parameter)
{
  cc_countdown_start (CC_COUNTDOWN (widget), g_variant_get_int32 (parameter) * 60);
}

/* Hidden, it goes on counting: shown again, it says how long is left. */
static void
hide_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  gtk_widget_set_visible (widget, FALSE);
}

static void
cc_countdown_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CcCountdown *self = CC_COUNTDOWN (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_REMAINING:
      g_value_set_int (value, cc_countdown_get_remaining (self));
      break;
    case PROP_TIME_IS_UP:
      g_value_set_boolean (value, self->time_is_up);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_countdown_dispose (GObject *object)
{
  CcCountdown *self = CC_COUNTDOWN (object);

  stop_ticking (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), CC_TYPE_COUNTDOWN);

  G_OBJECT_CLASS (cc_countdown_parent_class)->dispose (object);
}

static void
cc_countdown_class_init (CcCountdownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cc_countdown_get_property;
  object_class->dispose = cc_countdown_dispose;

  props[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_REMAINING] = g_param_spec_int ("remaining", NULL, NULL, 0, CC_COUNTDOWN_MAX_SECONDS,
                                            CC_COUNTDOWN_DEFAULT_SECONDS,
                                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_TIME_IS_UP] = g_param_spec_boolean ("time-is-up", NULL, NULL, FALSE,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "countdown");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TIMER);
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/cc-countdown.ui");
  gtk_widget_class_bind_template_child (widget_class, CcCountdown, box);
  gtk_widget_class_bind_template_child (widget_class, CcCountdown, time_label);
  gtk_widget_class_bind_template_child (widget_class, CcCountdown, run_button);
  gtk_widget_class_bind_template_child (widget_class, CcCountdown, durations_box);
  gtk_widget_class_bind_template_child (widget_class, CcCountdown, add_minute_button);

  gtk_widget_class_install_action (widget_class, "countdown.toggle", NULL, toggle_action);
  gtk_widget_class_install_action (widget_class, "countdown.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "countdown.add-minute", NULL, add_minute_action);
  gtk_widget_class_install_action (widget_class, "countdown.start", "i", start_action);
  gtk_widget_class_install_action (widget_class, "countdown.hide", NULL, hide_action);
}

static void
cc_countdown_init (CcCountdown *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->duration = self->left = (gint64) CC_COUNTDOWN_DEFAULT_SECONDS * G_USEC_PER_SEC;
  self->shown = -1;
  show (self);
}
