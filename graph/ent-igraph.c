/* ent-igraph.c
 *
 * igraph's default error handler aborts the process. Ours remembers the
 * reason in thread-local storage, frees what igraph registered on its
 * "finally" stack (as igraph requires of a handler that returns), and lets
 * the failing call return its error code to our caller.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-igraph"

#include "config.h"

#include "ent-igraph.h"
#include "ent-world.h"

static GPrivate last_reason = G_PRIVATE_INIT (g_free);

static void
error_handler (const char     *reason,
               const char     *file,
               int             line,
               igraph_error_t  igraph_errno)
{
  g_private_replace (&last_reason,
                     g_strdup_printf ("%s (%s)", reason, igraph_strerror (igraph_errno)));
  g_debug ("igraph error at %s:%d: %s", file, line, reason);
  IGRAPH_FINALLY_FREE ();
}

static void
warning_handler (const char *reason,
                 const char *file,
                 int         line)
{
  g_debug ("igraph warning at %s:%d: %s", file, line, reason);
}

/* igraph keeps its handlers per thread when built thread-safe, so each
 * thread installs them once. */
void
ent_igraph_init (void)
{
  static GPrivate installed;

  if (g_private_get (&installed) == NULL)
    {
      igraph_set_error_handler (error_handler);
      igraph_set_warning_handler (warning_handler);
      g_private_set (&installed, GINT_TO_POINTER (1));
    }
}

GRecMutex *
ent_igraph_get_lock (void)
{
  static GRecMutex lock;

  return &lock;
}

gboolean
ent_igraph_check (igraph_error_t   code,
                  const char      *what,
                  GError         **error)
{
  const char *reason;

  if (code == IGRAPH_SUCCESS)
    return TRUE;

  reason = g_private_get (&last_reason);
  g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_IGRAPH,
               "%s failed: %s", what, reason ? reason : igraph_strerror (code));
  return FALSE;
}
