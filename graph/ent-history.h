/* ent-history.h: undo and redo of edits to a world, as invertible commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ent-world.h"

G_BEGIN_DECLS

#define ENT_HISTORY_ERROR (ent_history_error_quark ())

typedef enum
{
  ENT_HISTORY_ERROR_NOTHING_TO_UNDO,
  ENT_HISTORY_ERROR_NOTHING_TO_REDO,
} EntHistoryError;

GQuark ent_history_error_quark (void);

#define ENT_HISTORY_DEFAULT_MAX_DEPTH 1000

/*
 * EntHistory records the edits of one EntWorld so that they can be undone
 * and redone. Each edit function takes the same arguments as the EntWorld
 * function of the same name, performs it, and on success records a
 * command holding copies of the items before and after; on failure it
 * returns the world's GError and records nothing (the redo list stays).
 *
 * Only edits made through the history are recorded. The UI must edit the
 * world through its history and never call the ent_world_* editing
 * functions directly: an edit made behind the history's back is not
 * undoable, and may make a later undo or redo fail (ent_history_undo then
 * returns the world's error and leaves world and history as they were).
 *
 * Properties:
 *  - "world": the world (construct-only)
 *  - "can-undo", "can-redo"
 *  - "undo-label", "redo-label": what the next undo or redo would do
 *    ("Add Meeting"), or NULL
 *  - "is-modified": the world differs from the point marked with
 *    ent_history_mark_saved (also after undoing past that point)
 *  - "max-depth": the most undo steps kept; older ones are dropped
 */
#define ENT_TYPE_HISTORY (ent_history_get_type ())
G_DECLARE_FINAL_TYPE (EntHistory, ent_history, ENT, HISTORY, GObject)

EntHistory  *ent_history_new                (EntWorld          *world);
EntWorld    *ent_history_get_world          (EntHistory        *self);

/* ---- Edits ------------------------------------------------------------ */

gboolean     ent_history_add_actor          (EntHistory        *self,
                                             const EntActor    *actor,
                                             GError           **error);
gboolean     ent_history_update_actor       (EntHistory        *self,
                                             const EntActor    *actor,
                                             GError           **error);
/* Fails with ENT_WORLD_ERROR_IN_USE while relations, meetings or blocs
 * name the actor, like ent_world_remove_actor. */
gboolean     ent_history_remove_actor       (EntHistory        *self,
                                             const char        *id,
                                             GError           **error);
/* One undo step, "Remove Actor and Its Ties": removes the relations that
 * name the actor, drops it from meetings of three or more participants
 * (removing meetings that would be left with fewer than two), drops its
 * bloc memberships, then removes the actor. Undo restores every item in
 * its place. */
gboolean     ent_history_remove_actor_with_ties (EntHistory    *self,
                                             const char        *id,
                                             GError           **error);
/* Moving, pinning and unpinning. A call that changes nothing records
 * nothing. */
gboolean     ent_history_set_actor_position (EntHistory        *self,
                                             const char        *id,
                                             gboolean           has_position,
                                             double             x,
                                             double             y,
                                             gboolean           pinned,
                                             GError           **error);
gboolean     ent_history_add_relation       (EntHistory        *self,
                                             const EntRelation *relation,
                                             char             **out_id,
                                             GError           **error);
gboolean     ent_history_update_relation    (EntHistory        *self,
                                             const EntRelation *relation,
                                             GError           **error);
gboolean     ent_history_remove_relation    (EntHistory        *self,
                                             const char        *id,
                                             GError           **error);
gboolean     ent_history_add_meeting        (EntHistory        *self,
                                             const EntMeeting  *meeting,
                                             char             **out_id,
                                             GError           **error);
gboolean     ent_history_update_meeting     (EntHistory        *self,
                                             const EntMeeting  *meeting,
                                             GError           **error);
gboolean     ent_history_remove_meeting     (EntHistory        *self,
                                             const char        *id,
                                             GError           **error);
gboolean     ent_history_add_bloc           (EntHistory        *self,
                                             const EntBloc     *bloc,
                                             GError           **error);
gboolean     ent_history_update_bloc        (EntHistory        *self,
                                             const EntBloc     *bloc,
                                             GError           **error);
gboolean     ent_history_remove_bloc        (EntHistory        *self,
                                             const char        *id,
                                             GError           **error);

/* ---- Grouping ----------------------------------------------------------
 * Edits between begin and end are one undo step named @label (groups
 * nest; the outermost label wins). Within a group, consecutive moves of
 * the same actor merge into one, so a drag costs one step of memory per
 * actor dragged. An empty group records nothing. Undo and redo are not
 * allowed while a group is open. */
void         ent_history_begin_group        (EntHistory        *self,
                                             const char        *label);
void         ent_history_end_group          (EntHistory        *self);

/* ---- Undo and redo ---------------------------------------------------- */

gboolean     ent_history_get_can_undo       (EntHistory        *self);
gboolean     ent_history_get_can_redo       (EntHistory        *self);
guint        ent_history_get_n_undo         (EntHistory        *self);
guint        ent_history_get_n_redo         (EntHistory        *self);
/* "Add Meeting", or NULL when there is nothing to undo (redo). */
const char  *ent_history_get_undo_label     (EntHistory        *self);
const char  *ent_history_get_redo_label     (EntHistory        *self);
/* For a menu: "Undo Add Meeting", or "Undo" when there is nothing. */
char        *ent_history_dup_undo_text      (EntHistory        *self);
char        *ent_history_dup_redo_text      (EntHistory        *self);
gboolean     ent_history_undo               (EntHistory        *self,
                                             GError           **error);
gboolean     ent_history_redo               (EntHistory        *self,
                                             GError           **error);

/* ---- Saved point and depth -------------------------------------------- */

void         ent_history_mark_saved         (EntHistory        *self);
gboolean     ent_history_get_is_modified    (EntHistory        *self);
guint        ent_history_get_max_depth      (EntHistory        *self);
/* At least 1. Drops the oldest steps beyond the new depth at once. */
void         ent_history_set_max_depth      (EntHistory        *self,
                                             guint              max_depth);

G_END_DECLS
