/* ent-timeline.h: the "as of" date, chosen along the data's own events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ent-world.h"

G_BEGIN_DECLS

#define ENT_TYPE_TIMELINE (ent_timeline_get_type ())
G_DECLARE_FINAL_TYPE (EntTimeline, ent_timeline, ENT, TIMELINE, GtkWidget)

GtkWidget *ent_timeline_new            (void);
/* Takes its stops from @world: every date on which something begins or
 * ends, and every meeting. Stops are evenly spaced, so a week of summits
 * is as easy to step through as seventy years of treaties. */
void       ent_timeline_set_world      (EntTimeline *self,
                                        EntWorld    *world);
/* The chosen date; unset means the end of the timeline (everything). */
EntDate    ent_timeline_get_date       (EntTimeline *self);
void       ent_timeline_set_date       (EntTimeline *self,
                                        EntDate      date);
guint      ent_timeline_get_n_stops    (EntTimeline *self);
EntDate    ent_timeline_get_stop       (EntTimeline *self,
                                        guint        index);
/* Moves to the next (or previous) stop that has a meeting. Returns FALSE
 * at the end (or start). */
gboolean   ent_timeline_step_meeting   (EntTimeline *self,
                                        int          direction);

G_END_DECLS
