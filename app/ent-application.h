/* ent-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ENT_TYPE_APPLICATION (ent_application_get_type ())
G_DECLARE_FINAL_TYPE (EntApplication, ent_application, ENT, APPLICATION, AdwApplication)

EntApplication *ent_application_new            (void);
int             ent_application_run_with_files (EntApplication     *self,
                                                const char         *argv0,
                                                const char * const *files);
/* The bundled dataset, installed or (when run from the build tree) in the
 * source tree. */
GFile          *ent_application_get_default_dataset (void);

G_END_DECLS
