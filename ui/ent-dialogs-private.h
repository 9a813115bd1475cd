/* ent-dialogs-private.h: what tests of the editing dialogs reach into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialogs' fields are template children, which tests find with
 * gtk_widget_get_template_child() under the names in the .ui files; this
 * header adds what a template name alone does not reach.
 */
#pragma once

#include "ent-actor-dialog.h"
#include "ent-bloc-dialog.h"
#include "ent-compare-dialog.h"
#include "ent-meeting-dialog.h"
#include "ent-relation-dialog.h"

G_BEGIN_DECLS

/* Ticks or unticks an actor in the participant list, as a click would. */
void ent_meeting_dialog_set_participant (EntMeetingDialog *self,
                                         const char       *actor_id,
                                         gboolean          active);

/* The open "Delete?" confirmation, or NULL. */
AdwMessageDialog *ent_actor_dialog_get_confirmation (EntActorDialog *self);

/* Ticks or unticks an actor in the member list and types its dates. */
void ent_bloc_dialog_set_member (EntBlocDialog *self,
                                 const char    *actor_id,
                                 gboolean       active,
                                 const char    *since,
                                 const char    *until);

/* The changes listed (NULL while a date is invalid), and the rows. */
GArray     *ent_compare_dialog_get_changes  (EntCompareDialog *self);
guint       ent_compare_dialog_get_n_rows   (EntCompareDialog *self);
const char *ent_compare_dialog_get_row_text (EntCompareDialog *self,
                                             guint             index);
/* What "Export CSV…" writes, written to @file without asking where. */
gboolean    ent_compare_dialog_write_csv    (EntCompareDialog *self,
                                             GFile            *file,
                                             GError          **error);

G_END_DECLS
