/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CC_TYPE_APPLICATION (cc_application_get_type ())

G_DECLARE_FINAL_TYPE (CcApplication, cc_application, CC, APPLICATION, AdwApplication)

CcApplication *cc_application_new              (void);

/* The application's settings, or NULL when the schema is not installed
 * (running from the build tree without GSETTINGS_SCHEMA_DIR). */
GSettings     *cc_application_get_settings     (void);

/* Where the bundled example project is: installed, else in the source tree. */
GFile         *cc_application_get_example_file (void);

G_END_DECLS
