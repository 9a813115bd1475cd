/* ent-actor-list.h: the sidebar's actors as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ent-world.h"

G_BEGIN_DECLS

#define ENT_TYPE_ACTOR_ITEM (ent_actor_item_get_type ())
G_DECLARE_FINAL_TYPE (EntActorItem, ent_actor_item, ENT, ACTOR_ITEM, GObject)

guint         ent_actor_item_get_index         (EntActorItem *self);
const char   *ent_actor_item_get_title         (EntActorItem *self);
const char   *ent_actor_item_get_subtitle      (EntActorItem *self);
gboolean      ent_actor_item_matches           (EntActorItem *self,
                                                const char   *folded_query);

#define ENT_TYPE_ACTOR_LIST (ent_actor_list_get_type ())
G_DECLARE_FINAL_TYPE (EntActorList, ent_actor_list, ENT, ACTOR_LIST, GObject)

EntActorList *ent_actor_list_new               (void);
EntWorld     *ent_actor_list_get_world         (EntActorList *self);
EntDate       ent_actor_list_get_date          (EntActorList *self);
guint         ent_actor_list_get_n             (EntActorList *self);
guint         ent_actor_list_get_n_made        (EntActorList *self);
void          ent_actor_list_set_world         (EntActorList *self,
                                                EntWorld     *world,
                                                EntDate       at);

G_END_DECLS
