/* ent-relation-dialog.h: adding, editing and deleting a relation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ent-history.h"

G_BEGIN_DECLS

/*
 * A modal dialog that adds a relation to the world of @history, or edits
 * or deletes @relation_id, through @history. The sign follows the type
 * (ent_relation_type_default_sign) until the "Adversarial" switch says
 * otherwise. The Add (Save) button stays insensitive while the relation
 * is invalid, and the reason shows under the fields.
 *
 * Signals:
 *  - "applied" (const char *relation_id, const char *message): after a
 *    successful edit, just before the dialog closes; @message is a
 *    translated sentence for a toast.
 */
#define ENT_TYPE_RELATION_DIALOG (ent_relation_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EntRelationDialog, ent_relation_dialog, ENT, RELATION_DIALOG, AdwWindow)

/* @relation_id: NULL to add a relation, between @preset_actor_a and
 * @preset_actor_b when given (actor ids, may be NULL). */
EntRelationDialog *ent_relation_dialog_new (GtkWindow  *parent,
                                            EntHistory *history,
                                            const char *relation_id,
                                            const char *preset_actor_a,
                                            const char *preset_actor_b);

G_END_DECLS
