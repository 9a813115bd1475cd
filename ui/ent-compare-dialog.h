/* ent-compare-dialog.h: what changed between two dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ent-world.h"

G_BEGIN_DECLS

/*
 * A modal dialog that lists the ties that appeared, ended or changed sign
 * between two dates of @world (ent_compare_dates), in plain words, and
 * exports them as CSV. The dates start as the first and last date of the
 * data.
 *
 * Signals:
 *  - "highlight" (GArray *pairs): "Show on Map" was pressed; @pairs holds
 *    guint actor indices, two per change (a, b), for the painter's
 *    highlight. The dialog closes after emitting it.
 */
#define ENT_TYPE_COMPARE_DIALOG (ent_compare_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EntCompareDialog, ent_compare_dialog, ENT, COMPARE_DIALOG, AdwWindow)

EntCompareDialog *ent_compare_dialog_new       (GtkWindow        *parent,
                                                EntWorld         *world);
/* Sets both dates (unset leaves that date as it is). */
void              ent_compare_dialog_set_dates (EntCompareDialog *self,
                                                EntDate           from,
                                                EntDate           to);

G_END_DECLS
