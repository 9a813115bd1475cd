/* ent-bloc-dialog.h: adding, editing and deleting a bloc
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ent-history.h"

G_BEGIN_DECLS

/*
 * A modal dialog that adds a bloc to the world of @history, or edits or
 * deletes @bloc_id, through @history: id (set only when adding), name,
 * colour, members with the dates they joined and left, description and
 * source. The Add (Save) button stays insensitive while the bloc is
 * invalid, and the reason shows under the fields.
 *
 * Signals:
 *  - "applied" (const char *bloc_id, const char *message): after a
 *    successful edit, just before the dialog closes; @message is a
 *    translated sentence for a toast.
 */
#define ENT_TYPE_BLOC_DIALOG (ent_bloc_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EntBlocDialog, ent_bloc_dialog, ENT, BLOC_DIALOG, AdwWindow)

/* @bloc_id: NULL to add a bloc. */
EntBlocDialog *ent_bloc_dialog_new (GtkWindow  *parent,
                                    EntHistory *history,
                                    const char *bloc_id);

G_END_DECLS
