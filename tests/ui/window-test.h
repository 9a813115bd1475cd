/* window-test.h: opening the bundled dataset in a window, for UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ent-application.h"
#include "ent-window-private.h"

/* Runs the main loop until @done says so; a time-out fails the test. */
static inline void
wait_until (gboolean (*done) (gpointer), gpointer data, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static inline gboolean
has_actors (gpointer data)
{
  return ent_world_get_n_actors (ent_window_get_world (data)) > 0;
}

/* A new window, shown, with the bundled dataset loaded. */
static inline EntWindow *
open_dataset (void)
{
  g_autoptr(GFile) dataset = ent_application_get_default_dataset ();
  EntWindow *window = g_object_ref_sink (ent_window_new (NULL));

  gtk_window_present (GTK_WINDOW (window));
  ent_window_open (window, dataset);
  wait_until (has_actors, window, "the bundled dataset to load");
  return window;
}

/* The rows the list shows (the search's result), with their titles. */
static inline guint
count_visible_rows (GtkListView *list,
                    GPtrArray   *titles)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; titles != NULL && i < n; i++)
    {
      g_autoptr(EntActorItem) item = g_list_model_get_item (model, i);

      g_ptr_array_add (titles, (gpointer) ent_actor_item_get_title (item));
    }
  return n;
}
