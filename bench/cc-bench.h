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

G_END_DECLS
