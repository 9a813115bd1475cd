/* ent-meeting-dialog.h: adding, editing and deleting a meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ent-history.h"

G_BEGIN_DECLS

/*
 * A modal dialog that adds a meeting to the world of @history, or edits or
 * deletes the meeting @meeting_id, always through @history so that the
 * edit can be undone. The Add (Save) button stays insensitive while the
 * meeting is invalid, and the reason shows under the fields.
 *
 * Signals:
 *  - "applied" (const char *meeting_id, const char *message): after a
 *    successful edit, just before the dialog closes; @message is a
 *    translated sentence for a toast ("Added “Trump–Xi talks” (30 Oct 2025)").
 */
#define ENT_TYPE_MEETING_DIALOG (ent_meeting_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EntMeetingDialog, ent_meeting_dialog, ENT, MEETING_DIALOG, AdwWindow)

/* @meeting_id: NULL to add a meeting. When adding, @preset_participants
 * (actor ids, may be NULL) are ticked and @preset_date (may be unset, for
 * today) fills the date. */
EntMeetingDialog *ent_meeting_dialog_new (GtkWindow          *parent,
                                          EntHistory         *history,
                                          const char         *meeting_id,
                                          const char * const *preset_participants,
                                          EntDate             preset_date);

G_END_DECLS
