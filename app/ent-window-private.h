/* ent-window-private.h: what tests may reach inside the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ent-actor-details.h"
#include "ent-canvas.h"
#include "ent-window.h"

G_BEGIN_DECLS

GtkListBox     *ent_window_get_actor_list   (EntWindow  *self);
GtkSearchEntry *ent_window_get_search_entry (EntWindow  *self);
EntCanvas      *ent_window_get_canvas       (EntWindow  *self);
EntActorDetails *ent_window_get_actor_details (EntWindow *self);
/* The message of the last toast shown, or NULL. */
const char     *ent_window_get_last_toast   (EntWindow  *self);

G_END_DECLS
