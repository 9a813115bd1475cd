/* ent-igraph.h: igraph failures as GErrors, never an abort
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <igraph.h>

G_BEGIN_DECLS

/* Installs the error and warning handlers (once per thread). Every
 * entry point of the library that calls igraph calls this first. */
void     ent_igraph_init  (void);

/* Converts @code to a GError (ENT_WORLD_ERROR_IGRAPH) carrying igraph's
 * reason. Returns TRUE when @code is IGRAPH_SUCCESS. */
gboolean ent_igraph_check (igraph_error_t   code,
                           const char      *what,
                           GError         **error);

/* igraph 0.10 keeps its error state and cleanup stack in globals unless it
 * was built thread-safe (Debian's 0.10.2 is not), so every igraph call
 * runs with this recursive lock held:
 *
 *   g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (ent_igraph_get_lock ());
 */
GRecMutex *ent_igraph_get_lock (void);

G_END_DECLS
