/* ent-items-private.h: the world's own copies of its most numerous items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ent-world.h"

G_BEGIN_DECLS

/* A deep copy whose strings share the struct's block: a separate string
 * costs a malloc chunk of at least 32 bytes, which for the ids of a map of
 * 100,000 actors and 200,000 relations is more than the items themselves.
 * @id, when not NULL, replaces the item's id. The copy is read-only apart
 * from its numbers (its strings cannot be replaced one by one) and is freed
 * only with the matching _free_packed function, never ent_actor_free() or
 * ent_relation_free(). */
EntActor    *ent_actor_copy_packed     (const EntActor    *actor,
                                        const char        *id);
void         ent_actor_free_packed     (EntActor          *actor);
EntRelation *ent_relation_copy_packed  (const EntRelation *relation,
                                        const char        *id);
void         ent_relation_free_packed  (EntRelation       *relation);

G_END_DECLS
