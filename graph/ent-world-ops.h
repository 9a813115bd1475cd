/* ent-world-ops.h: whole-world operations built on the edit functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ent-world.h"

G_BEGIN_DECLS

/* Makes @self hold what @source holds (the file changed on disk, say),
 * keeping the EntWorld object so that views keep their state: listeners
 * see one "changed". Positions of actors that stay are whatever @source
 * says. On failure @self is unchanged. */
gboolean ent_world_assign (EntWorld  *self,
                           EntWorld  *source,
                           GError   **error);

G_END_DECLS
