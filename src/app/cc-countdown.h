/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A countdown for the current step of a workshop ("five minutes to name
 * who else matters"), large enough to read from the back of the room. It
 * keeps to the clock (g_get_monotonic_time), not to how often it is woken,
 * so a busy main loop makes it late to show a second, never slow. */

#define CC_TYPE_COUNTDOWN (cc_countdown_get_type ())

G_DECLARE_FINAL_TYPE (CcCountdown, cc_countdown, CC, COUNTDOWN, GtkWidget)

#define CC_COUNTDOWN_DEFAULT_SECONDS 300  /* five minutes */
#define CC_COUNTDOWN_MAX_SECONDS     (99 * 60 + 59)  /* what mm:ss shows */
#define CC_COUNTDOWN_WARNING_SECONDS 30   /* the last seconds, in the warning colour */

GtkWidget *cc_countdown_new             (void);
/* Starts counting down @seconds (clamped to 1 … CC_COUNTDOWN_MAX_SECONDS)
 * from now; reset comes back to them. */
void       cc_countdown_start           (CcCountdown *self,
                                         int          seconds);
/* Pauses, or goes on; once time is up, starts the last duration again. */
void       cc_countdown_toggle_running  (CcCountdown *self);
/* Stops, with the last duration to go again. */
void       cc_countdown_reset           (CcCountdown *self);
/* A minute more: while running, or once time is up (then a minute from now). */
void       cc_countdown_add_minute      (CcCountdown *self);
gboolean   cc_countdown_get_running     (CcCountdown *self);
/* Whole seconds left, rounded up: 0 only once time is up. */
int        cc_countdown_get_remaining   (CcCountdown *self);
gboolean   cc_countdown_get_time_is_up  (CcCountdown *self);

G_END_DECLS
