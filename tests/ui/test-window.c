/* test-window.c: the window under a real (virtual) display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ent-application.h"
#include "ent-insights-panel-private.h"
#include "ent-window-private.h"
#include "window-test.h"

static gboolean
has_toast (gpointer data)
{
  return ent_window_get_last_toast (data) != NULL;
}

/* The actor of the list's selected row, or -1. */
static int
selected_row_actor (GtkListView *list)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  EntActorItem *item = gtk_single_selection_get_selected_item (selection);

  return item != NULL ? (int) ent_actor_item_get_index (item) : -1;
}

static void
test_window_lists_actors (void)
{
  g_autoptr(EntWindow) window = open_dataset ();
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  EntWorld *world = ent_window_get_world (window);
  GtkListView *list = ent_window_get_actor_list (window);

  /* One row per actor, named as in the model. */
  g_assert_cmpuint (count_visible_rows (list, titles), ==, ent_world_get_n_actors (world));
  for (guint i = 0; i < ent_world_get_n_actors (world); i++)
    g_assert_cmpstr (g_ptr_array_index (titles, i), ==,
                     ent_actor_get_display_name (ent_world_get_actor (world, i)));
  g_assert_true (g_ptr_array_find_with_equal_func (titles, "South Korea", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (titles, "China", g_str_equal, NULL));

  /* The title comes from the document. */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "2025"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_search (void)
{
  g_autoptr(EntWindow) window = open_dataset ();
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  GtkListView *list = ent_window_get_actor_list (window);
  GtkSearchEntry *entry = ent_window_get_search_entry (window);

  /* A leader's name finds the country. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "takaichi");
  ent_window_apply_search (window);
  g_assert_cmpuint (count_visible_rows (list, titles), ==, 1);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "Japan");

  gtk_editable_set_text (GTK_EDITABLE (entry), "no such actor anywhere");
  ent_window_apply_search (window);
  g_assert_cmpuint (count_visible_rows (list, NULL), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  ent_window_apply_search (window);
  g_assert_cmpuint (count_visible_rows (list, NULL), ==, ent_world_get_n_actors (ent_window_get_world (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
list_has_rows (gpointer data)
{
  return ent_actor_list_get_n_made (ent_window_get_actors (data)) > 0;
}

/* A big map's list makes items only for the rows on screen, until a
 * search needs them all. */
static void
test_window_many_actors (void)
{
  g_autoptr(EntWindow) window = g_object_ref_sink (ent_window_new (NULL));
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  EntActorList *actors = ent_window_get_actors (window);
  gint64 until;

  ent_world_freeze (world);
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      g_autofree char *name = g_strdup_printf ("Actor %u", i);
      g_autoptr(EntActor) actor = ent_actor_new (id, name);

      g_assert_true (ent_world_add_actor (world, actor, NULL));
    }
  g_assert_true (ent_world_thaw (world, NULL));
  gtk_window_present (GTK_WINDOW (window));
  ent_window_set_world (window, world, NULL);
  wait_until (list_has_rows, window, "the list's first rows");
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (ent_actor_list_get_n (actors), ==, 5000);
  g_assert_cmpuint (ent_actor_list_get_n_made (actors), <, 500);

  gtk_editable_set_text (GTK_EDITABLE (ent_window_get_search_entry (window)), "actor 4999");
  ent_window_apply_search (window);
  g_assert_cmpuint (count_visible_rows (ent_window_get_actor_list (window), titles), ==, 1);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "Actor 4999");
  g_assert_cmpuint (ent_actor_list_get_n_made (actors), ==, 5000);

  gtk_editable_set_text (GTK_EDITABLE (ent_window_get_search_entry (window)), "");
  ent_window_apply_search (window);
  g_assert_cmpuint (count_visible_rows (ent_window_get_actor_list (window), NULL), ==, 5000);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A malformed file shows why in the window; the open document stays. */
static void
test_window_malformed_file (void)
{
  g_autoptr(EntWindow) window = open_dataset ();
  g_autoptr(EntWorld) before = g_object_ref (ent_window_get_world (window));
  g_autofree char *dir = g_dir_make_tmp ("entente-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.entente.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint rows_before = count_visible_rows (ent_window_get_actor_list (window), NULL);

  g_assert_true (g_file_set_contents (path, "{\"format\": \"entente\", \"version\": 1,\n \"actors\": [", -1, NULL));
  ent_window_open (window, file);
  wait_until (has_toast, window, "the error toast");

  g_assert_nonnull (strstr (ent_window_get_last_toast (window), "broken.entente.json:"));
  g_assert_true (ent_window_get_world (window) == before);
  g_assert_cmpuint (count_visible_rows (ent_window_get_actor_list (window), NULL), ==, rows_before);
  g_assert_false (g_file_equal (ent_window_get_file (window), file));

  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Selecting an actor on the map shows its leader, relations and meetings. */
static void
test_window_details (void)
{
  g_autoptr(EntWindow) window = open_dataset ();
  EntWorld *world = ent_window_get_world (window);
  EntCanvas *canvas = ent_window_get_canvas (window);
  EntActorDetails *details = ent_window_get_actor_details (window);
  int kor = ent_world_get_actor_index (world, "KOR");
  g_autoptr(GPtrArray) relations = ent_world_get_relations_of (world, "KOR", ENT_DATE_NONE);
  g_autoptr(GPtrArray) meetings = ent_world_get_meetings_of (world, "KOR", ENT_DATE_NONE);

  ent_canvas_set_selected (canvas, kor);
  g_assert_cmpstr (ent_actor_details_get_name (details), ==, "South Korea");
  g_assert_cmpuint (ent_actor_details_get_n_relations (details), ==, relations->len);
  g_assert_cmpuint (ent_actor_details_get_n_meetings (details), ==, meetings->len);
  g_assert_cmpuint (meetings->len, >=, 4);
  /* The list follows the map. */
  g_assert_cmpint (selected_row_actor (ent_window_get_actor_list (window)), ==, kor);

  /* And the map follows the list. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (ent_window_get_actor_list (window))), 3);
  g_assert_cmpint (ent_canvas_get_selected (canvas), ==, 3);
  g_assert_cmpstr (ent_actor_details_get_name (details), ==,
                   ent_actor_get_display_name (ent_world_get_actor (world, 3)));

  /* Searched, the list keeps the selection when its row is shown... */
  gtk_editable_set_text (GTK_EDITABLE (ent_window_get_search_entry (window)),
                         ent_actor_get_display_name (ent_world_get_actor (world, 3)));
  ent_window_apply_search (window);
  g_assert_cmpuint (count_visible_rows (ent_window_get_actor_list (window), NULL), <, ent_world_get_n_actors (world));
  g_assert_cmpint (selected_row_actor (ent_window_get_actor_list (window)), ==, 3);
  g_assert_cmpint (ent_canvas_get_selected (canvas), ==, 3);
  /* ...and a map selection the search hides leaves no row selected. */
  ent_canvas_set_selected (canvas, kor == 3 ? 0 : kor);
  g_assert_cmpint (selected_row_actor (ent_window_get_actor_list (window)), ==, -1);
  g_assert_cmpint (ent_canvas_get_selected (canvas), ==, kor == 3 ? 0 : kor);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_insights (gpointer data)
{
  EntInsightsPanel *panel = ENT_WINDOW (data)->insights_panel;

  return ent_insights_panel_get_analysis (panel) != NULL && !ent_insights_panel_is_computing (panel);
}

/* The Insights page is made, and the world analysed, when first shown. */
static void
test_window_insights_when_shown (void)
{
  g_autoptr(EntWindow) window = open_dataset ();
  const EntAnalysis *analysis;

  g_assert_null (window->insights_panel);
  g_assert_null (adw_bin_get_child (window->insights_page));

  gtk_stack_set_visible_child_name (window->sidebar_mode, "insights");
  g_assert_nonnull (window->insights_panel);
  g_assert_true (adw_bin_get_child (window->insights_page) == GTK_WIDGET (window->insights_panel));
  g_assert_true (ent_insights_panel_get_canvas (window->insights_panel) == ent_window_get_canvas (window));
  wait_until (has_insights, window, "the analysis of the world");
  analysis = ent_insights_panel_get_analysis (window->insights_panel);
  g_assert_cmpint (ent_analysis_get_actor_index (analysis, "KOR"), >=, 0);

  /* Shown again, the same panel. */
  gtk_stack_set_visible_child_name (window->sidebar_mode, "browse");
  gtk_stack_set_visible_child_name (window->sidebar_mode, "insights");
  g_assert_true (ent_window_get_insights_panel (window) == window->insights_panel);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The keyboard shortcuts window is built when first asked for. */
static void
test_window_shortcuts_when_asked (void)
{
  g_autoptr(EntWindow) window = open_dataset ();
  GtkWindow *shortcuts;

  g_assert_null (window->shortcuts_window);
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  shortcuts = window->shortcuts_window;
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (shortcuts));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));

  /* Closed, it is hidden, and shown again when asked. */
  gtk_window_close (shortcuts);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (window->shortcuts_window == shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_narrow (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_width (data) <= 360;
}

/* The window fits a phone-sized screen, 360 pixels wide: the sidebar
 * folds over the map and the header keeps what matters. */
/* Folded, and the header has let go of the buttons it hides. */
static gboolean
is_folded (gpointer data)
{
  return adw_flap_get_folded (ENT_WINDOW (data)->flap) && !gtk_widget_get_visible (ENT_WINDOW (data)->save_button);
}

static gboolean
is_wide (gpointer data)
{
  return gtk_widget_get_width (data) > 800;
}

static void
test_window_narrow (void)
{
  g_autoptr(EntWindow) window = open_dataset ();
  int minimum, natural;

  /* As a person would: the window is shown wide, then made narrow. */
  wait_until (is_wide, window, "the window to be shown");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  wait_until (is_folded, window, "the sidebar to fold");
  /* Folded, the window may be narrower than it could be a moment ago:
   * ask again, as a person dragging the edge further would. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 701);
  wait_until (is_narrow, window, "the window to narrow");
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("narrowest window: %d px, shown at %d px", minimum, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (minimum, <=, 360);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (ent_window_get_canvas (window))));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/lists-actors", test_window_lists_actors);
  g_test_add_func ("/window/search", test_window_search);
  g_test_add_func ("/window/many-actors", test_window_many_actors);
  g_test_add_func ("/window/malformed-file", test_window_malformed_file);
  g_test_add_func ("/window/details", test_window_details);
  g_test_add_func ("/window/insights-when-shown", test_window_insights_when_shown);
  g_test_add_func ("/window/shortcuts-when-asked", test_window_shortcuts_when_asked);
  g_test_add_func ("/window/narrow", test_window_narrow);

  return g_test_run ();
}
