/* ent-compat.h: newer GTK and libadwaita API, behind version checks
 *
 * Entente builds against GTK 4.8 and libadwaita 1.2 (Debian 12) and runs
 * on current GNOME runtimes. Every use of an API newer than those goes
 * through this one header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Tells assistive technologies about a change they would not see. */
static inline void
ent_compat_announce (GtkWidget  *widget,
                     const char *message)
{
#if GTK_CHECK_VERSION (4, 14, 0)
  gtk_accessible_announce (GTK_ACCESSIBLE (widget), message,
                           GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
#else
  /* Older GTK has no announcements: the description carries the news. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
#endif
}

/* The environment variable, and its value, that keep GDK from setting up
 * OpenGL: GTK 4.16 moved it from the debug flags to GDK_DISABLE. */
#if GTK_CHECK_VERSION (4, 16, 0)
#define ENT_COMPAT_NO_GL_VARIABLE "GDK_DISABLE"
#define ENT_COMPAT_NO_GL_FLAG     "gl"
#else
#define ENT_COMPAT_NO_GL_VARIABLE "GDK_DEBUG"
#define ENT_COMPAT_NO_GL_FLAG     "gl-disable"
#endif

G_END_DECLS
