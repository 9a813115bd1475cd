/* ent-actor-details.h: everything the document says about one actor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ent-world.h"

G_BEGIN_DECLS

#define ENT_TYPE_ACTOR_DETAILS (ent_actor_details_get_type ())
G_DECLARE_FINAL_TYPE (EntActorDetails, ent_actor_details, ENT, ACTOR_DETAILS, GtkWidget)

GtkWidget *ent_actor_details_new       (void);
/* Shows @actor of @world as of @at; -1 shows nothing. */
void       ent_actor_details_show      (EntActorDetails *self,
                                        EntWorld        *world,
                                        int              actor,
                                        EntDate          at);
/* The number of relation and meeting rows shown (for tests). */
guint      ent_actor_details_get_n_relations (EntActorDetails *self);
guint      ent_actor_details_get_n_meetings  (EntActorDetails *self);
guint      ent_actor_details_get_n_attributes (EntActorDetails *self);
const char *ent_actor_details_get_name       (EntActorDetails *self);

G_END_DECLS
