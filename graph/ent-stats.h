/* ent-stats.h: what `entente --stats` prints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ent-world.h"

G_BEGIN_DECLS

/* Appends to @out a report on @world as of @at (unset: no date limit):
 * counts, centrality rankings, suggested blocs, structural balance and
 * trilaterals. With @json, a JSON object whose keys docs/STATS.md
 * documents; otherwise text for people, translated. */
gboolean ent_stats_write (EntWorld  *world,
                          EntDate    at,
                          gboolean   json,
                          GString   *out,
                          GError   **error);

G_END_DECLS
