/* ent-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ent-world.h"

G_BEGIN_DECLS

#define ENT_TYPE_WINDOW (ent_window_get_type ())
G_DECLARE_FINAL_TYPE (EntWindow, ent_window, ENT, WINDOW, AdwApplicationWindow)

EntWindow *ent_window_new        (GtkApplication *application);
/* Loads @file on a worker thread; on success it replaces the document,
 * on failure a toast says why and the document stays as it was. */
void       ent_window_open       (EntWindow      *self,
                                  GFile          *file);
/* Replaces the document (for tests and new documents). */
void       ent_window_set_world  (EntWindow      *self,
                                  EntWorld       *world,
                                  GFile          *file);
EntWorld  *ent_window_get_world  (EntWindow      *self);
/* Offers back changes left unsaved by a crash: to any document (@any),
 * or to @fallback only. With none, returns FALSE. When the user declines,
 * @fallback (if any) opens instead. */
gboolean   ent_window_offer_recovery (EntWindow  *self,
                                      GFile      *fallback,
                                      gboolean    any);
GFile     *ent_window_get_file   (EntWindow      *self);

G_END_DECLS
