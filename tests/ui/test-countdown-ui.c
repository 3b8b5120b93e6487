/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-countdown"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cc-countdown.h"
#include "cc-window.h"
#include "cc-ui-test-util.h"

/* The countdown runs on real time: the tests give it a few seconds and
 * wait for it with the main loop running, as the window does. */

typedef gboolean (*Condition) (CcCountdown *countdown, gpointer data);

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds, or @seconds have gone. */
static gboolean
wait_until (CcCountdown *countdown, Condition condition, gpointer data, double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  guint wake = g_timeout_add (20, wake_cb, NULL);
  gboolean met;

  while (!(met = condition (countdown, data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  return met;
}

static gboolean
remaining_is (CcCountdown *countdown, gpointer data)
{
  return cc_countdown_get_remaining (countdown) == GPOINTER_TO_INT (data);
}

static gboolean
time_is_up (CcCountdown *countdown, gpointer data)
{
  return cc_countdown_get_time_is_up (countdown);
}

/* Runs the main loop for @seconds, whatever happens. */
static void
run_for (double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  guint wake = g_timeout_add (20, wake_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

static const char *
shown_time (CcCountdown *countdown)
{
  GObject *label = gtk_widget_get_template_child (GTK_WIDGET (countdown), CC_TYPE_COUNTDOWN, "time_label");

  return gtk_label_get_text (GTK_LABEL (label));
}

static GtkWidget *
button_labelled (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = button_labelled (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, gpointer data)
{
  (*(guint *) data)++;
}

static CcCountdown *
countdown_in_window (GtkWindow **window)
{
  GtkWidget *countdown = cc_countdown_new ();

  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (*window, countdown);
  gtk_window_present (*window);
  iterate ();
  return CC_COUNTDOWN (countdown);
}

/* Counts down second by second, in the warning colour near the end; pauses
 * where it is; goes on; says when time is up; resets to what was started. */
static void
test_counts_down (void)
{
  GtkWindow *window;
  CcCountdown *countdown = countdown_in_window (&window);
  GtkWidget *widget = GTK_WIDGET (countdown);
  guint remaining_notes = 0, running_notes = 0;
  int paused_at;

  /* Before anything: five minutes to go, not running. */
  g_assert_false (cc_countdown_get_running (countdown));
  g_assert_cmpint (cc_countdown_get_remaining (countdown), ==, CC_COUNTDOWN_DEFAULT_SECONDS);
  g_assert_cmpstr (shown_time (countdown), ==, "05:00");
  g_assert_false (gtk_widget_has_css_class (widget, "warning"));

  g_signal_connect (countdown, "notify::remaining", G_CALLBACK (count_notify_cb), &remaining_notes);
  g_signal_connect (countdown, "notify::running", G_CALLBACK (count_notify_cb), &running_notes);
  cc_countdown_start (countdown, 3);
  g_assert_true (cc_countdown_get_running (countdown));
  g_assert_cmpuint (running_notes, ==, 1);
  g_assert_cmpint (cc_countdown_get_remaining (countdown), ==, 3);
  g_assert_cmpstr (shown_time (countdown), ==, "00:03");
  /* Three seconds are the last thirty. */
  g_assert_true (gtk_widget_has_css_class (widget, "warning"));

  g_assert_true (wait_until (countdown, remaining_is, GINT_TO_POINTER (2), 2.0));
  iterate ();
  g_assert_cmpstr (shown_time (countdown), ==, "00:02");
  g_assert_cmpuint (remaining_notes, >=, 2);

  /* Paused, it stays where it is. */
  cc_countdown_toggle_running (countdown);
  g_assert_false (cc_countdown_get_running (countdown));
  paused_at = cc_countdown_get_remaining (countdown);
  g_assert_cmpint (paused_at, >=, 1);
  g_assert_cmpint (paused_at, <=, 2);
  run_for (1.5);
  g_assert_cmpint (cc_countdown_get_remaining (countdown), ==, paused_at);
  g_assert_false (cc_countdown_get_time_is_up (countdown));

  /* Going on, it runs out. */
  cc_countdown_toggle_running (countdown);
  g_assert_true (cc_countdown_get_running (countdown));
  g_assert_true (wait_until (countdown, time_is_up, NULL, 3.5));
  g_assert_false (cc_countdown_get_running (countdown));
  g_assert_cmpint (cc_countdown_get_remaining (countdown), ==, 0);
  g_assert_cmpstr (shown_time (countdown), ==, "Time’s up");
  g_assert_true (gtk_widget_has_css_class (widget, "time-up"));
  g_assert_false (gtk_widget_has_css_class (widget, "warning"));

  /* Reset: the three seconds again, waiting. */
  cc_countdown_reset (countdown);
  g_assert_false (cc_countdown_get_running (countdown));
  g_assert_false (cc_countdown_get_time_is_up (countdown));
  g_assert_cmpint (cc_countdown_get_remaining (countdown), ==, 3);
  g_assert_cmpstr (shown_time (countdown), ==, "00:03");
  g_assert_false (gtk_widget_has_css_class (widget, "time-up"));
  run_for (1.2);
  g_assert_cmpint (cc_countdown_get_remaining (countdown), ==, 3);

  /* Reset while running stops it too. */
  cc_countdown_toggle_running (countdown);
  g_assert_true (cc_countdown_get_running (countdown));
  cc_countdown_reset (countdown);
  g_assert_false (cc_countdown_get_running (countdown));
  g_assert_cmpint (cc_countdown_get_remaining (countdown), ==, 3);

  gtk_window_destroy (window);
  iterate ();
}

/* The time left follows the clock, not the ticks: a main loop kept busy
 * for a while shows the right time as soon as it is free. */
static void
test_busy_main_loop_does_not_drift (void)
{
  GtkWindow *window;
  CcCountdown *countdown = countdown_in_window (&window);

  cc_countdown_start (countdown, 10);
  g_usleep (2200 * 1000);  /* no ticks meanwhile */
  iterate ();
  g_assert_cmpint (cc_countdown_get_remaining (countdown), <=, 8);
  g_assert_cmpint (cc_countdown_get_remaining (countdown), >=, 7);
  g_assert_cmpstr (shown_time (countdown), ==, (cc_countdown_get_remaining (countdown) == 8 ? "00:08" : "00:07"));

  gtk_window_destroy (window);
  iterate ();
}

/* The quick durations start that many minutes; a minute more while
 * running, and once time is up. */
static void
test_durations_and_a_minute_more (void)
{
  GtkWindow *window;
  CcCountdown *countdown = countdown_in_window (&window);
  GtkWidget *ten = button_labelled (GTK_WIDGET (countdown), "10");
  GtkWidget *more = button_labelled (GTK_WIDGET (countdown), "+1 min");

  g_assert_nonnull (ten);
  g_assert_nonnull (more);
  g_assert_true (gtk_widget_is_visible (ten));
  g_assert_false (gtk_widget_is_visible (more));

  g_signal_emit_by_name (ten, "clicked");
  g_assert_true (cc_countdown_get_running (countdown));
  g_assert_cmpint (cc_countdown_get_remaining (countdown), ==, 600);
  g_assert_cmpstr (shown_time (countdown), ==, "10:00");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (countdown), "warning"));
  /* Running: the durations give way to a minute more. */
  g_assert_false (gtk_widget_is_visible (ten));
  g_assert_true (gtk_widget_is_visible (more));
  g_signal_emit_by_name (more, "clicked");
  g_assert_cmpint (cc_countdown_get_remaining (countdown), ==, 660);
  g_assert_cmpstr (shown_time (countdown), ==, "11:00");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (countdown), "countdown.start", "i", 2));
  g_assert_cmpint (cc_countdown_get_remaining (countdown), ==, 120);
  /* and reset comes back to the last one started */
  cc_countdown_toggle_running (countdown);
  cc_countdown_reset (countdown);
  g_assert_cmpint (cc_countdown_get_remaining (countdown), ==, 120);

  /* Once time is up, a minute more is a minute from then. */
  cc_countdown_start (countdown, 1);
  g_assert_true (wait_until (countdown, time_is_up, NULL, 2.5));
  g_assert_true (gtk_widget_is_visible (more));
  g_signal_emit_by_name (more, "clicked");
  g_assert_true (cc_countdown_get_running (countdown));
  g_assert_false (cc_countdown_get_time_is_up (countdown));
  g_assert_cmpint (cc_countdown_get_remaining (countdown), ==, 60);
  /* Start again after time is up: the last duration. */
  cc_countdown_start (countdown, 1);
  g_assert_true (wait_until (countdown, time_is_up, NULL, 2.5));
  cc_countdown_toggle_running (countdown);
  g_assert_true (cc_countdown_get_running (countdown));
  g_assert_cmpint (cc_countdown_get_remaining (countdown), ==, 1);

  gtk_window_destroy (window);
  iterate ();
}

/* Whether the countdown, shown, lies over the sheet's toolbar. */
static gboolean
covers_toolbar (CcWindow *window)
{
  GtkWidget *view = GTK_WIDGET (cc_window_get_sheet_view (window));
  graphene_rect_t countdown, tools;
  GtkWidget *toolbar = NULL;

  for (GtkWidget *c = gtk_widget_get_first_child (view); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_has_css_class (c, "sheet-tools"))
      toolbar = c;
  g_assert_nonnull (toolbar);
  g_assert_true (gtk_widget_get_mapped (toolbar));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (cc_window_get_countdown (window)), view, &countdown));
  g_assert_true (gtk_widget_compute_bounds (toolbar, view, &tools));
  g_test_message ("countdown %gx%g at %g,%g; toolbar %gx%g at %g,%g; sheet %d wide", countdown.size.width,
                  countdown.size.height, countdown.origin.x, countdown.origin.y, tools.size.width, tools.size.height,
                  tools.origin.x, tools.origin.y, gtk_widget_get_width (view));
  return graphene_rect_intersection (&countdown, &tools, NULL);
}

/* win.countdown shows it over the sheet's top-right corner and hides it;
 * shown, the sheet keeps the keyboard, so editing goes on. */
static void
test_window_action (void)
{
  CcWindow *window = open_example_window (FALSE);
  CcCountdown *countdown = cc_window_get_countdown (window);
  GtkWidget *widget = GTK_WIDGET (countdown);
  GtkWidget *view = GTK_WIDGET (cc_window_get_sheet_view (window));
  graphene_rect_t box;

  g_assert_nonnull (countdown);
  g_assert_false (gtk_widget_get_visible (widget));
  gtk_widget_grab_focus (view);
  iterate ();
  g_assert_true (gtk_widget_has_focus (view));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.countdown", NULL));
  /* Laid out on the next frame. */
  for (int i = 0; i < 100 && gtk_widget_get_width (widget) == 0; i++)
    run_for (0.02);
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_has_focus (view));
  /* Over the sheet, in its top-right corner. */
  g_assert_true (gtk_widget_compute_bounds (widget, view, &box));
  g_assert_cmpfloat (box.origin.y, >=, 0);
  g_assert_cmpfloat (box.origin.y, <, 40);
  g_assert_cmpfloat (box.origin.x + box.size.width, <=, gtk_widget_get_width (view));
  g_assert_cmpfloat (box.origin.x + box.size.width, >, gtk_widget_get_width (view) - 40);
  g_assert_cmpfloat (box.origin.x, >, gtk_widget_get_width (view) / 2.0);

  g_assert_false (covers_toolbar (window));

  /* The sheet narrowed by the panels: it moves below the toolbar, still
   * at the right. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-inspector", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-outline", NULL));
  run_for (0.6);
  g_assert_false (covers_toolbar (window));
  g_assert_true (gtk_widget_compute_bounds (widget, view, &box));
  g_assert_cmpfloat (box.origin.x + box.size.width, >, gtk_widget_get_width (view) - 40);
  gtk_widget_grab_focus (view);

  /* Started from its button, then hidden: it goes on counting. */
  g_signal_emit_by_name (button_labelled (widget, "1"), "clicked");
  g_assert_true (cc_countdown_get_running (countdown));
  g_assert_true (gtk_widget_has_focus (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.countdown", NULL));
  iterate ();
  g_assert_false (gtk_widget_get_visible (widget));
  g_assert_true (cc_countdown_get_running (countdown));

  /* Its own close button hides it; the action shows it again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.countdown", NULL));
  iterate ();
  g_assert_true (gtk_widget_get_visible (widget));
  g_assert_true (gtk_widget_activate_action (widget, "countdown.hide", NULL));
  g_assert_false (gtk_widget_get_visible (widget));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.countdown", NULL));
  g_assert_true (gtk_widget_get_visible (widget));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

int
main (int argc, char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/countdown/counts-down", test_counts_down);
  g_test_add_func ("/ui/countdown/busy-main-loop-does-not-drift", test_busy_main_loop_does_not_drift);
  g_test_add_func ("/ui/countdown/durations-and-a-minute-more", test_durations_and_a_minute_more);
  g_test_add_func ("/ui/countdown/window-action", test_window_action);
  return g_test_run ();
}
