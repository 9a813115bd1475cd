/* ent-actor-dialog.h: adding, editing and deleting an actor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ent-history.h"

G_BEGIN_DECLS

/*
 * A modal dialog that adds an actor to the world of @history, or edits or
 * deletes @actor_id, through @history. The id can be set only when adding;
 * a state's id is its ISO 3166 alpha-3 code. Deleting asks first, then
 * removes the actor and its ties as one undoable step
 * (ent_history_remove_actor_with_ties).
 *
 * Signals:
 *  - "applied" (const char *actor_id, const char *message): after a
 *    successful edit, just before the dialog closes; @message is a
 *    translated sentence for a toast.
 */
#define ENT_TYPE_ACTOR_DIALOG (ent_actor_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EntActorDialog, ent_actor_dialog, ENT, ACTOR_DIALOG, AdwWindow)

/* @actor_id: NULL to add an actor. */
EntActorDialog *ent_actor_dialog_new (GtkWindow  *parent,
                                      EntHistory *history,
                                      const char *actor_id);

G_END_DECLS
