/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The text of a generated project: one map of @n organisations on a grid,
 * each linked to the next two. */
GBytes *cc_bench_generate_project (guint n);
double  cc_bench_median           (double *values, guint n);
void    cc_bench_frames           (void);

void    cc_bench_autosave (const char *dir);

/* Loading's time and peak memory, each load in a child process. */
void    cc_bench_load       (const char *self, const char *dir);
int     cc_bench_load_child (const char *path, gboolean json_glib);

/* From launch to the example's first frame, whole processes. */
void    cc_bench_startup    (const char *self);

G_END_DECLS
