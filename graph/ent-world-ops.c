/* ent-world-ops.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-world"

#include "config.h"

#include <string.h>

#include "ent-format-native.h"
#include "ent-world-ops.h"

static void
remove_everything (EntWorld *world)
{
  /* Relations, meetings and blocs first: actors in use cannot go. */
  while (ent_world_get_n_blocs (world) > 0)
    ent_world_remove_bloc (world, ent_world_get_bloc (world, 0)->id, NULL);
  while (ent_world_get_n_meetings (world) > 0)
    ent_world_remove_meeting (world, ent_world_get_meeting (world, 0)->id, NULL);
  while (ent_world_get_n_relations (world) > 0)
    ent_world_remove_relation (world, ent_world_get_relation (world, 0)->id, NULL);
  while (ent_world_get_n_actors (world) > 0)
    ent_world_remove_actor (world, ent_world_get_actor (world, 0)->id, NULL);
}

static gboolean
add_everything (EntWorld  *world,
                EntWorld  *source,
                GError   **error)
{
  for (guint i = 0; i < ent_world_get_n_actors (source); i++)
    if (!ent_world_add_actor (world, ent_world_get_actor (source, i), error))
      return FALSE;
  for (guint i = 0; i < ent_world_get_n_relations (source); i++)
    if (!ent_world_add_relation (world, ent_world_get_relation (source, i), NULL, error))
      return FALSE;
  for (guint i = 0; i < ent_world_get_n_meetings (source); i++)
    if (!ent_world_add_meeting (world, ent_world_get_meeting (source, i), NULL, error))
      return FALSE;
  for (guint i = 0; i < ent_world_get_n_blocs (source); i++)
    if (!ent_world_add_bloc (world, ent_world_get_bloc (source, i), error))
      return FALSE;
  ent_world_set_info (world, ent_world_get_info (source));
  return TRUE;
}

gboolean
ent_world_assign (EntWorld  *self,
                  EntWorld  *source,
                  GError   **error)
{
  g_autofree char *backup = NULL;
  gboolean ok;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (ENT_IS_WORLD (source), FALSE);

  /* A valid world always copies into an empty one; should that ever fail,
   * the serialised backup puts the old contents back. */
  backup = ent_native_to_data (self, NULL);
  ent_world_freeze (self);
  remove_everything (self);
  ok = add_everything (self, source, error);
  if (!ok)
    {
      gsize length = strlen (backup);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&backup), length);
      g_autoptr(EntWorld) old = NULL;

      remove_everything (self);
      old = ent_native_load_bytes (bytes, "backup", NULL);
      if (old != NULL)
        add_everything (self, old, NULL);
    }
  return ent_world_thaw (self, ok ? error : NULL) && ok;
}
