/* test-editing.c: undo, time, unsaved changes, autosave, reloads and imports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ent-application.h"
#include "ent-csv-import-dialog.h"
#include "ent-dialogs-private.h"
#include "ent-export-dialog.h"
#include "ent-meeting-dialog.h"
#include "ent-format.h"
#include "ent-format-native.h"
#include "ent-window-private.h"

static void
wait_until (gboolean   (*done) (gpointer),
            gpointer     data,
            const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
run_for (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
has_actors (gpointer data)
{
  return ent_world_get_n_actors (ent_window_get_world (data)) > 0;
}

typedef struct
{
  char      *dir;
  char      *path;      /* a copy of the dataset the window has open */
  GFile     *file;
  EntWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) dataset = ent_application_get_default_dataset ();
  g_autofree char *contents = NULL;
  gsize length;

  fixture->dir = g_dir_make_tmp ("entente-editing-XXXXXX", NULL);

  fixture->path = g_build_filename (fixture->dir, "map.entente.json", NULL);
  g_assert_true (g_file_load_contents (dataset, NULL, &contents, &length, NULL, NULL));
  g_assert_true (g_file_set_contents (fixture->path, contents, (gssize) length, NULL));
  fixture->file = g_file_new_for_path (fixture->path);

  fixture->window = g_object_ref_sink (ent_window_new (NULL));
  gtk_window_present (GTK_WINDOW (fixture->window));
  ent_window_open (fixture->window, fixture->file);
  wait_until (has_actors, fixture->window, "the map to load");
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Whatever the test left unsaved is not worth a question. */
  fixture->window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->file);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static char *
serialise (EntWindow *window)
{
  return ent_native_to_data (ent_window_get_world (window), NULL);
}

static void
activate (EntWindow  *window,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
}

/* The newest message dialog over @window. */
static AdwMessageDialog *
find_message_dialog (EntWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == GTK_WINDOW (window) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog (data) != NULL;
}

static void
respond (EntWindow  *window,
         const char *response)
{
  AdwMessageDialog *dialog;

  wait_until (has_message_dialog, window, "a question");
  dialog = find_message_dialog (window);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Remove an actor from the map, undo, redo: the document follows exactly,
 * and the title says when there are unsaved changes. */
static void
test_editing_undo_redo (Fixture       *fixture,
                        gconstpointer  data)
{
  EntWindow *window = fixture->window;
  EntWorld *world = ent_window_get_world (window);
  g_autofree char *before = serialise (window);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  int prk = ent_world_get_actor_index (world, "PRK");

  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));
  ent_canvas_set_selected (ent_window_get_canvas (window), prk);
  activate (window, "win.remove-selected");
  respond (window, "remove");
  g_assert_null (ent_world_lookup_actor (world, "PRK"));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));
  g_assert_nonnull (strstr (ent_window_get_last_toast (window), "North Korea"));
  after = serialise (window);

  activate (window, "win.undo");
  undone = serialise (window);
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));

  activate (window, "win.redo");
  redone = serialise (window);
  g_assert_cmpstr (redone, ==, after);
}

/* The timeline sets the date the map, the details and the list show. */
static void
test_editing_timeline (Fixture       *fixture,
                       gconstpointer  data)
{
  EntWindow *window = fixture->window;
  EntWorld *world = ent_window_get_world (window);
  EntTimeline *timeline = ent_window_get_timeline (window);
  EntCanvas *canvas = ent_window_get_canvas (window);
  EntDate in_2000 = { 2000, 1, 1 };
  g_autoptr(GArray) ties_2000 = ent_world_get_ties (world, in_2000);
  g_autoptr(GArray) ties_all = ent_world_get_ties (world, ENT_DATE_NONE);
  EntDate shown;

  g_assert_cmpuint (ent_timeline_get_n_stops (timeline), >, 10);
  g_assert_false (ent_date_is_set (ent_canvas_get_date (canvas)));

  ent_timeline_set_date (timeline, in_2000);
  shown = ent_canvas_get_date (canvas);
  g_assert_true (ent_date_is_set (shown));
  g_assert_cmpint (ent_date_start_key (shown), <=, 20000101);
  /* 2000 has fewer ties than the end: the treaty of 2001, the 2024 treaty
   * and the week of meetings are all still to come. */
  g_assert_cmpuint (ties_2000->len, <, ties_all->len);
  g_assert_true (ent_date_equal (ent_layout_get_date (ent_canvas_get_layout (canvas)), shown));

  /* The details of South Korea show no meetings yet in 2000. */
  ent_canvas_set_selected (canvas, ent_world_get_actor_index (world, "KOR"));
  g_assert_cmpuint (ent_actor_details_get_n_meetings (ent_window_get_actor_details (window)), ==, 0);

  /* Stepping from the first meeting's eve reaches each meeting in turn. */
  g_assert_true (ent_timeline_step_meeting (timeline, 1));
  shown = ent_canvas_get_date (canvas);
  g_assert_cmpint (ent_date_start_key (shown), ==, 20251026);
  g_assert_cmpuint (ent_actor_details_get_n_meetings (ent_window_get_actor_details (window)), ==, 2);
}

static gboolean
replay_reached_end (gpointer data)
{
  EntWindow *window = data;

  return !gtk_toggle_button_get_active (window->play_button);
}

/* Play replays the meetings one by one and stops at the end. */
static void
test_editing_replay (Fixture       *fixture,
                     gconstpointer  data)
{
  EntWindow *window = fixture->window;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  EntDate last = ENT_DATE_NONE;

  gtk_drop_down_set_selected (window->speed_dropdown, 2);
  gtk_toggle_button_set_active (window->play_button, TRUE);
  while (gtk_toggle_button_get_active (window->play_button))
    {
      EntDate date = ent_canvas_get_date (ent_window_get_canvas (window));

      if (g_get_monotonic_time () > deadline)
        g_error ("The replay did not finish");
      if (ent_date_is_set (date) && !ent_date_equal (date, last))
        {
          g_ptr_array_add (seen, ent_date_to_string (date));
          last = date;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  wait_until (replay_reached_end, window, "the replay to stop");
  for (guint i = 0; i < seen->len; i++)
    g_test_message ("replay showed %s", (char *) g_ptr_array_index (seen, i));
  /* Five meeting days in the week: 10-26, 10-29, 10-30 and 10-31 as dates,
   * and 11-01, the last date of the data, as the whole map. */
  g_assert_cmpuint (seen->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "2025-10-26");
  g_assert_cmpstr (g_ptr_array_index (seen, 3), ==, "2025-10-31");
  g_assert_false (ent_date_is_set (ent_canvas_get_date (ent_window_get_canvas (window))));
  {
    g_autofree char *text = NULL;

    g_object_get (ent_window_get_timeline (window), "date-text", &text, NULL);
    g_assert_cmpstr (text, ==, "2025-11-01");
  }
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
file_missing (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

/* Unsaved work reaches the autosave folder; saving clears it, atomically
 * into the open file. */
static void
test_editing_autosave_and_save (Fixture       *fixture,
                                gconstpointer  data)
{
  EntWindow *window = fixture->window;
  g_autofree char *autosave = ent_window_get_autosave_path (fixture->file);
  g_autoptr(EntWorld) saved = NULL;

  g_assert_true (ent_history_set_actor_position (ent_window_get_history (window), "JPN", TRUE, 5, 5, TRUE, NULL));
  wait_until (file_exists, autosave, "the autosave");

  activate (window, "win.save");
  wait_until (file_missing, autosave, "the autosave to go");
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));
  saved = ent_native_load_file (fixture->file, NULL, NULL);
  g_assert_true (ent_world_lookup_actor (saved, "JPN")->pinned);
  g_assert_cmpfloat (ent_world_lookup_actor (saved, "JPN")->x, ==, 5);
  /* Every actor's place is saved, so a reopened map looks the same. */
  for (guint i = 0; i < ent_world_get_n_actors (saved); i++)
    g_assert_true (ent_world_get_actor (saved, i)->has_position);
}

static gboolean
window_closed (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* Closing with unsaved changes asks first; Cancel keeps the window. */
static void
test_editing_close_asks (Fixture       *fixture,
                         gconstpointer  data)
{
  EntWindow *window = fixture->window;

  g_assert_true (ent_history_remove_meeting (ent_window_get_history (window),
                                             ent_world_get_meeting (ent_window_get_world (window), 0)->id, NULL));
  gtk_window_close (GTK_WINDOW (window));
  respond (window, "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  gtk_window_close (GTK_WINDOW (window));
  respond (window, "discard");
  wait_until (window_closed, window, "the window to close");
}

static gboolean
has_meetings (gpointer data)
{
  Fixture *fixture = data;

  return ent_world_get_n_meetings (ent_window_get_world (fixture->window)) == 7;
}

/* Another program appends a meeting to the open file: the window shows it
 * without being asked, in the same world, so the map animates. */
static void
test_editing_external_change (Fixture       *fixture,
                              gconstpointer  data)
{
  EntWorld *shown = ent_window_get_world (fixture->window);
  g_autoptr(EntWorld) copy = ent_native_load_file (fixture->file, NULL, NULL);
  g_autoptr(EntMeeting) meeting = ent_meeting_new ("m-new", (EntDate) { 2025, 11, 20 }, ENT_MEETING_CALL,
                                                   (const char *[]) { "KOR", "JPN", NULL });

  g_assert_cmpuint (ent_world_get_n_meetings (shown), ==, 6);
  g_assert_true (ent_world_add_meeting (copy, meeting, NULL, NULL));
  run_for (300);
  g_assert_true (ent_native_save_file (copy, fixture->file, NULL, NULL));

  wait_until (has_meetings, fixture, "the change on disk to appear");
  g_assert_true (ent_window_get_world (fixture->window) == shown);
  g_assert_nonnull (ent_world_lookup_meeting (shown, "m-new"));
  g_assert_nonnull (strstr (ent_window_get_last_toast (fixture->window), "map.entente.json"));
  g_assert_true (ent_canvas_is_animating (ent_window_get_canvas (fixture->window)));
}

static gboolean
shows_karate (gpointer data)
{
  return ent_world_get_n_actors (ent_window_get_world (data)) == 34;
}

static gboolean
has_toast (gpointer data)
{
  return ent_window_get_last_toast (data) != NULL;
}

/* Another program's format opens as a new, untitled document. */
static void
test_editing_import (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *realdata = g_getenv ("ENTENTE_REALDATA");
  g_autofree char *karate = NULL;
  g_autoptr(GFile) file = NULL;

  if (realdata == NULL || !g_file_test (realdata, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the shared real-data folder (ENTENTE_REALDATA) is absent; the import of karate.gml is not tried");
      return;
    }
  karate = g_build_filename (realdata, "igraph_igraph", "examples", "simple", "karate.gml", NULL);
  file = g_file_new_for_path (karate);
  ent_window_open (fixture->window, file);
  wait_until (shows_karate, fixture->window, "the import");
  g_assert_null (ent_window_get_file (fixture->window));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), "karate.gml"));
}

/* Cancelling an open leaves the document as it was. */
static void
test_editing_cancel_open (Fixture       *fixture,
                          gconstpointer  data)
{
  EntWorld *before = ent_window_get_world (fixture->window);
  g_autofree char *big = g_build_filename (fixture->dir, "big.gml", NULL);
  g_autoptr(GString) text = g_string_new ("graph [\n");
  g_autoptr(GFile) file = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (text, "  node [ id %u label \"n%u\" ]\n", i, i);
  for (guint i = 1; i < 200000; i++)
    g_string_append_printf (text, "  edge [ source %u target %u ]\n", i - 1, i);
  g_string_append (text, "]\n");
  g_assert_true (g_file_set_contents (big, text->str, (gssize) text->len, NULL));
  file = g_file_new_for_path (big);

  ent_window_open (fixture->window, file);
  ent_window_cancel_load (fixture->window);
  wait_until (has_toast, fixture->window, "the cancelled open to report");
  g_assert_true (ent_window_get_world (fixture->window) == before);
  g_assert_cmpuint (ent_world_get_n_actors (before), ==, 8);
  g_assert_true (g_file_equal (ent_window_get_file (fixture->window), fixture->file));
}

static gboolean
shows_two_actors (gpointer data)
{
  return ent_world_get_n_actors (ent_window_get_world (data)) == 2;
}

/* Attributes the model has no field for come through an import and show in
 * the details; opened files join the recent files. */
static void
test_editing_attributes_and_recent (Fixture       *fixture,
                                    gconstpointer  data)
{
  static const char graphml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
    "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
    "  <key id=\"pop\" for=\"node\" attr.name=\"population\" attr.type=\"long\"/>\n"
    "  <key id=\"cap\" for=\"node\" attr.name=\"capital\" attr.type=\"string\"/>\n"
    "  <graph edgedefault=\"undirected\">\n"
    "    <node id=\"KOR\"><data key=\"label\">South Korea</data><data key=\"pop\">51700000</data>"
    "<data key=\"cap\">Seoul</data></node>\n"
    "    <node id=\"JPN\"><data key=\"label\">Japan</data></node>\n"
    "    <edge source=\"KOR\" target=\"JPN\"/>\n"
    "  </graph>\n"
    "</graphml>\n";
  g_autofree char *path = g_build_filename (fixture->dir, "two.graphml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  EntActorDetails *details = ent_window_get_actor_details (fixture->window);
  EntWorld *world;

  g_assert_true (g_file_set_contents (path, graphml, -1, NULL));
  ent_window_open (fixture->window, file);
  wait_until (shows_two_actors, fixture->window, "the import");
  world = ent_window_get_world (fixture->window);

  ent_canvas_set_selected (ent_window_get_canvas (fixture->window), ent_world_get_actor_index (world, "KOR"));
  g_assert_cmpuint (ent_actor_details_get_n_attributes (details), ==, 2);
  ent_canvas_set_selected (ent_window_get_canvas (fixture->window), ent_world_get_actor_index (world, "JPN"));
  g_assert_cmpuint (ent_actor_details_get_n_attributes (details), ==, 0);

  if (fixture->window->settings != NULL)
    {
      g_auto(GStrv) recent = g_settings_get_strv (fixture->window->settings, "recent-files");

      g_assert_cmpstr (recent[0], ==, uri);
      g_assert_true (g_strv_length (recent) <= 10);
    }
  else
    g_test_message ("no settings schema: the recent files are not checked");
}

static gpointer
find_toplevel_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

static gboolean
growth_done (gpointer data)
{
  return !ent_canvas_is_growing (data);
}

/* The mission's key sentence: add a meeting through the dialog and the map
 * changes: the model has it, its tie grows in, the actors drift, a toast
 * offers Undo, and Undo takes it away. */
static void
test_editing_add_meeting (Fixture       *fixture,
                          gconstpointer  data)
{
  EntWindow *window = fixture->window;
  EntWorld *world = ent_window_get_world (window);
  EntCanvas *canvas = ent_window_get_canvas (window);
  g_autofree char *before = serialise (window);
  g_autofree char *undone = NULL;
  EntMeetingDialog *dialog;
  GtkWidget *add;
  guint64 ticks;
  int jpn = ent_world_get_actor_index (world, "JPN");

  ent_canvas_set_selected (canvas, jpn);
  activate (window, "win.add-meeting");
  dialog = find_toplevel_of_type (ENT_TYPE_MEETING_DIALOG);
  g_assert_nonnull (dialog);
  /* Japan is ticked already: one more participant makes it valid. */
  ent_meeting_dialog_set_participant (dialog, "PRK", TRUE);
  /* The dialog's Add button is its default widget. */
  add = gtk_window_get_default_widget (GTK_WINDOW (dialog));
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_get_sensitive (add));
  ticks = ent_canvas_get_ticks (canvas);
  g_signal_emit_by_name (add, "clicked");

  g_assert_cmpuint (ent_world_get_n_meetings (world), ==, 7);
  g_assert_true (ent_canvas_is_growing (canvas));
  g_assert_true (ent_canvas_is_animating (canvas));
  g_assert_nonnull (strstr (ent_window_get_last_toast (window), "“"));
  wait_until (growth_done, canvas, "the new tie to grow in");
  g_assert_cmpuint (ent_canvas_get_ticks (canvas), >, ticks);

  activate (window, "win.undo");
  g_assert_cmpuint (ent_world_get_n_meetings (world), ==, 6);
  undone = serialise (window);
  g_assert_cmpstr (undone, ==, before);
}

static gboolean
has_csv_dialog (gpointer data)
{
  return find_toplevel_of_type (ENT_TYPE_CSV_IMPORT_DIALOG) != NULL;
}

/* A plain CSV edge list asks how its columns map before it opens. */
static void
test_editing_csv_opens_dialog (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "ties.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  EntWorld *before = ent_window_get_world (fixture->window);

  g_assert_true (g_file_set_contents (path, "source,target,type\nKOR,JPN,partnership\nKOR,PRK,rivalry\n", -1, NULL));
  ent_window_open (fixture->window, file);
  wait_until (has_csv_dialog, NULL, "the CSV import dialog");
  g_assert_true (ent_window_get_world (fixture->window) == before);
  gtk_window_destroy (find_toplevel_of_type (ENT_TYPE_CSV_IMPORT_DIALOG));
}

static EntExportDialog *
find_export_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ENT_IS_EXPORT_DIALOG (toplevel))
        return ENT_EXPORT_DIALOG (toplevel);
    }
  return NULL;
}

/* The export dialog writes pictures other programs read, and the data with
 * the positions the map shows. */
static void
test_editing_export_dialog (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *svg = g_build_filename (fixture->dir, "map.svg", NULL);
  g_autofree char *png = g_build_filename (fixture->dir, "map.png", NULL);
  g_autofree char *graphml = g_build_filename (fixture->dir, "map.graphml", NULL);
  g_autoptr(GFile) graphml_file = g_file_new_for_path (graphml);
  g_autoptr(EntWorld) exported = NULL;
  g_autoptr(GError) error = NULL;
  EntExportDialog *dialog;
  cairo_surface_t *surface;
  int status = 0;

  activate (fixture->window, "win.export");
  dialog = find_export_dialog ();
  g_assert_nonnull (dialog);

  ent_export_dialog_set_format (dialog, 1);
  g_assert_true (ent_export_dialog_export_to (dialog, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char *[]) { (char *) "rsvg-convert", (char *) "-o", png, svg, NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), >, 100);
  cairo_surface_destroy (surface);

  ent_export_dialog_set_format (dialog, 3);
  g_assert_true (ent_export_dialog_export_to (dialog, graphml, &error));
  exported = ent_format_load_file (graphml_file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ent_world_get_n_actors (exported), ==, 8);
  for (guint i = 0; i < ent_world_get_n_actors (exported); i++)
    g_assert_true (ent_world_get_actor (exported, i)->has_position);
  /* Exporting changes nothing in the document. */
  g_assert_false (ent_window_is_modified (fixture->window));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("entente-editing-data-XXXXXX", NULL);
  int status;

  /* Before any thread starts: autosaves go to a folder of our own. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("ENTENTE_AUTOSAVE_DELAY_MS", "50", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/editing/undo-redo", test_editing_undo_redo);
  ADD ("/editing/timeline", test_editing_timeline);
  ADD ("/editing/replay", test_editing_replay);
  ADD ("/editing/autosave-and-save", test_editing_autosave_and_save);
  ADD ("/editing/close-asks", test_editing_close_asks);
  ADD ("/editing/external-change", test_editing_external_change);
  ADD ("/editing/import", test_editing_import);
  ADD ("/editing/cancel-open", test_editing_cancel_open);
  ADD ("/editing/export-dialog", test_editing_export_dialog);
  ADD ("/editing/attributes-and-recent", test_editing_attributes_and_recent);
  ADD ("/editing/add-meeting", test_editing_add_meeting);
  ADD ("/editing/csv-opens-dialog", test_editing_csv_opens_dialog);
#undef ADD

  status = g_test_run ();
  remove_tree (data_home);
  return status;
}
