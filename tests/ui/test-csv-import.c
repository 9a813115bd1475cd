/* test-csv-import.c: the CSV import dialog, driven through its widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ent-csv-import-dialog.h"

/* A semicolon-separated edge list with quoted fields (a separator and
 * doubled quotes inside them), and a comma-separated node list beside it
 * that names one actor without ties. */
static const char ties_csv[] =
  "from;to;kind;weight;year;note\n"
  "KOR;USA;alliance;3;1953;\"Mutual Defense Treaty; 1953\"\n"
  "JPN;USA;alliance;2;1960;\"Security Treaty\"\n"
  "KOR;PRK;rivalry;-1;1950;\"Korean War, \"\"armistice\"\" 1953\"\n"
  "CHN;PRK;alliance;1;1961;\n";

static const char ties_nodes_csv[] =
  "id,name,region\r\n"
  "KOR,South Korea,East Asia\r\n"
  "USA,United States,North America\r\n"
  "JPN,Japan,East Asia\r\n"
  "PRK,North Korea,East Asia\r\n"
  "CHN,China,East Asia\r\n"
  "RUS,Russia,Europe\r\n";

/* ---- Helpers ----------------------------------------------------------- */

typedef struct
{
  char *dir;
} Fixture;

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_path = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_remove (child_path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("entente-csv-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* Runs the main loop until @done says so; a time-out fails the test. */
static void
wait_until (gboolean (*done) (gpointer), gpointer data, const char *what, int seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out after %d s waiting for %s", seconds, what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gpointer
child (gpointer     dialog,
       const char  *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), G_OBJECT_TYPE (dialog), name);

  if (object == NULL)
    g_error ("%s has no template child “%s”", G_OBJECT_TYPE_NAME (dialog), name);
  return object;
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
frames_passed (gpointer data)
{
  return g_get_monotonic_time () > *(gint64 *) data;
}

static void
settle (double seconds)
{
  gint64 until = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  wait_until (frames_passed, &until, "the dialog to draw", 60);
}

static EntCsvImportDialog *
open_dialog (GFile *file)
{
  EntCsvImportDialog *dialog = ent_csv_import_dialog_new (NULL, file);

  g_object_ref_sink (dialog);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 760, 900);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (is_mapped, dialog, "the dialog to show", 20);
  return dialog;
}

/* With ENTENTE_SCREENSHOT_DIR set, saves the screen as NAME.png there. */
static void
maybe_screenshot (const char *name)
{
  const char *dir = g_getenv ("ENTENTE_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (dir == NULL)
    return;
  settle (1.0);
  file = g_build_filename (dir, name, NULL);
  command = g_strdup_printf ("import -window root %s.png", file);
  if (!g_spawn_command_line_sync (command, NULL, NULL, &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("Screenshot failed: %s", error->message);
}

static gboolean
is_closed (gpointer dialog)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (window == dialog)
        return FALSE;
    }
  return TRUE;
}

/* The column @field_row shows ("(none)" included). */
static const char *
selected_column (gpointer    dialog,
                 const char *field_row)
{
  GObject *item = adw_combo_row_get_selected_item (child (dialog, field_row));

  g_assert_nonnull (item);
  return gtk_string_object_get_string (GTK_STRING_OBJECT (item));
}

static void
choose_column (gpointer    dialog,
               const char *field_row,
               const char *column)
{
  AdwComboRow *row = child (dialog, field_row);
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), column))
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_error ("%s offers no column “%s”", field_row, column);
}

enum { LINE, TIE, TYPE, SIGN, WEIGHT, DATES, LABEL };

/* The text of the preview's cell; row 1 is the first record. */
static const char *
preview_cell (gpointer dialog,
              int      row,
              int      column)
{
  GtkGrid *grid = child (dialog, "preview_grid");
  GtkWidget *cell = gtk_grid_get_child_at (grid, column, row);

  if (!gtk_widget_get_visible (GTK_WIDGET (grid)))
    return NULL;
  return cell != NULL ? gtk_label_get_text (GTK_LABEL (cell)) : NULL;
}

static gboolean
preview_cell_has_class (gpointer    dialog,
                        int         row,
                        int         column,
                        const char *style)
{
  GtkWidget *cell = gtk_grid_get_child_at (child (dialog, "preview_grid"), column, row);

  return cell != NULL && gtk_widget_has_css_class (cell, style);
}

static gboolean
can_import (gpointer dialog)
{
  return gtk_widget_get_sensitive (child (dialog, "import_button"));
}

static const char *
problem (gpointer dialog)
{
  if (!gtk_revealer_get_reveal_child (child (dialog, "problem_revealer")))
    return NULL;
  return gtk_label_get_text (child (dialog, "problem_label"));
}

static void
assert_problem_mentions (gpointer    dialog,
                         const char *words)
{
  const char *shown = problem (dialog);

  if (shown == NULL || strstr (shown, words) == NULL)
    g_error ("Expected a problem mentioning “%s”, but the dialog shows “%s”", words, shown ? shown : "(nothing)");
}

static void
click (gpointer    dialog,
       const char *name)
{
  GtkWidget *button = child (dialog, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

typedef struct
{
  EntWorld *world;
  guint     n_imported;
  gboolean  open_when_emitted;
} Outcome;

static void
imported_cb (EntCsvImportDialog *dialog,
             EntWorld           *world,
             Outcome            *outcome)
{
  g_assert_true (ENT_IS_WORLD (world));
  outcome->open_when_emitted = !is_closed (dialog);
  g_set_object (&outcome->world, world);
  outcome->n_imported++;
}

static gboolean
has_imported (gpointer data)
{
  return ((Outcome *) data)->n_imported > 0;
}

static gboolean
is_idle (gpointer dialog)
{
  return !ent_csv_import_dialog_is_busy (dialog);
}

static const EntRelation *
relation_between (EntWorld   *world,
                  const char *a,
                  const char *b)
{
  for (guint i = 0; i < ent_world_get_n_relations (world); i++)
    {
      const EntRelation *relation = ent_world_get_relation (world, i);

      if (g_str_equal (relation->actor_a, a) && g_str_equal (relation->actor_b, b))
        return relation;
    }
  g_error ("No relation %s → %s", a, b);
  return NULL;
}

/* ---- The CSV module's preview and loader -------------------------------- */

static void
test_csv_preview_api (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EntCsvMapping) mapping = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) nodes = NULL;
  g_autoptr(EntWorld) world = NULL;
  const EntCsvPreviewRow *row;
  const EntRelation *relation;
  const char *bad = "source,target,type,since\nA,B,friendship,1990\nA,,alliance,1991\nC,C,,\nD,E,alliance,soon\n";
  char separator = 0;

  header = ent_csv_read_header (ties_csv, strlen (ties_csv), &separator, &error);
  g_assert_no_error (error);
  g_assert_cmpint (separator, ==, ';');
  g_assert_cmpuint (g_strv_length (header), ==, 6);
  g_assert_cmpstr (header[2], ==, "kind");

  mapping = ent_csv_mapping_sniff (ties_csv, strlen (ties_csv), &error);
  g_assert_no_error (error);
  g_free (mapping->type);
  mapping->type = g_strdup ("kind");
  rows = ent_csv_preview (ties_csv, strlen (ties_csv), mapping, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpuint (row->line, ==, 4);
  g_assert_cmpstr (row->cells[5], ==, "Korean War, \"armistice\" 1953");
  g_assert_cmpfloat (row->weight, ==, 1);
  relation = ent_world_get_relation (row->world, 0);
  g_assert_cmpint (relation->type, ==, ENT_RELATION_RIVALRY);
  g_assert_cmpint (relation->sign, ==, -1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpfloat (row->weight, ==, 3);
  g_assert_cmpuint (row->unread, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&mapping, ent_csv_mapping_free);

  /* Rows that cannot be imported say why in plain words; values the model
   * cannot take are flagged; a tie with itself is no relation. */
  mapping = ent_csv_mapping_sniff (bad, strlen (bad), &error);
  g_assert_no_error (error);
  rows = ent_csv_preview (bad, strlen (bad), mapping, 8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (row->unread, ==, ENT_CSV_FIELD_TYPE);
  row = g_ptr_array_index (rows, 1);
  g_assert_null (row->world);
  g_assert_cmpstr (row->error, ==, "an edge needs both a source and a target");
  row = g_ptr_array_index (rows, 2);
  g_assert_nonnull (row->world);
  g_assert_cmpuint (ent_world_get_n_relations (row->world), ==, 0);
  row = g_ptr_array_index (rows, 3);
  g_assert_cmpuint (row->unread, ==, ENT_CSV_FIELD_SINCE);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A mapping without a target column is refused. */
  g_clear_pointer (&mapping->target, g_free);
  rows = ent_csv_preview (bad, strlen (bad), mapping, 8, &error);
  g_assert_null (rows);
  g_assert_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_INVALID);
  g_assert_false (g_str_has_prefix (error->message, "<"));
  g_clear_error (&error);
  g_clear_pointer (&mapping, ent_csv_mapping_free);

  /* The loader reads the node list beside the file, with the mapping. */
  file = write_file (fixture, "ties.csv", ties_csv, -1);
  nodes = write_file (fixture, "ties.nodes.csv", ties_nodes_csv, -1);
  mapping = ent_csv_mapping_sniff (ties_csv, strlen (ties_csv), &error);
  g_assert_no_error (error);
  mapping->label = g_strdup ("note");
  world = ent_csv_load_file (file, mapping, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 6);
  g_assert_cmpstr (ent_world_lookup_actor (world, "KOR")->name, ==, "South Korea");
  g_assert_cmpstr (relation_between (world, "KOR", "USA")->label, ==, "Mutual Defense Treaty; 1953");
  g_assert_cmpint (relation_between (world, "KOR", "USA")->type, ==, ENT_RELATION_PARTNERSHIP);
  g_assert_no_error (error);
  g_assert_cmpint (g_remove (g_file_peek_path (file)), ==, 0);
  g_assert_cmpint (g_remove (g_file_peek_path (nodes)), ==, 0);
}

/* ---- The dialog ------------------------------------------------------- */

static void
test_mapping_and_preview (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "ties.csv", ties_csv, -1);
  g_autoptr(GFile) nodes = write_file (fixture, "ties.nodes.csv", ties_nodes_csv, -1);
  g_autoptr(EntCsvImportDialog) dialog = open_dialog (file);
  g_autoptr(EntCsvMapping) mapping = NULL;
  g_autofree char *since_1953 = NULL;
  Outcome outcome = { 0 };
  const EntRelation *relation;

  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &outcome);

  /* The sniffed mapping is preset: from/to, weight, year; the file has no
   * column named like a type, sign, end date or label. */
  g_assert_cmpstr (selected_column (dialog, "source_row"), ==, "from");
  g_assert_cmpstr (selected_column (dialog, "target_row"), ==, "to");
  g_assert_cmpstr (selected_column (dialog, "type_row"), ==, "(none)");
  g_assert_cmpstr (selected_column (dialog, "sign_row"), ==, "(none)");
  g_assert_cmpstr (selected_column (dialog, "weight_row"), ==, "weight");
  g_assert_cmpstr (selected_column (dialog, "since_row"), ==, "year");
  g_assert_cmpstr (selected_column (dialog, "until_row"), ==, "(none)");
  g_assert_cmpstr (selected_column (dialog, "label_row"), ==, "(none)");
  mapping = ent_csv_import_dialog_get_mapping (dialog);
  g_assert_cmpint (mapping->separator, ==, ';');
  g_assert_cmpstr (mapping->source, ==, "from");
  g_assert_cmpstr (mapping->since, ==, "year");
  g_assert_null (mapping->type);
  g_assert_true (strstr (adw_preferences_group_get_description (child (dialog, "columns_group")),
                         "ties.nodes.csv") != NULL);

  /* The preview shows the first rows as they will be imported. */
  g_assert_true (can_import (dialog));
  g_assert_null (problem (dialog));
  g_assert_cmpstr (preview_cell (dialog, 1, LINE), ==, "2");
  g_assert_cmpstr (preview_cell (dialog, 1, TIE), ==, "KOR → USA");
  g_assert_cmpstr (preview_cell (dialog, 1, TYPE), ==, ent_relation_type_get_label (ENT_RELATION_PARTNERSHIP));
  g_assert_cmpstr (preview_cell (dialog, 1, SIGN), ==, "+");
  g_assert_cmpstr (preview_cell (dialog, 1, WEIGHT), ==, "3");
  since_1953 = g_strdup_printf ("since %s", "1953");
  g_assert_cmpstr (preview_cell (dialog, 1, DATES), ==, since_1953);
  g_assert_cmpstr (preview_cell (dialog, 1, LABEL), ==, "—");
  g_assert_cmpstr (preview_cell (dialog, 3, TIE), ==, "KOR → PRK");
  g_assert_cmpstr (preview_cell (dialog, 3, SIGN), ==, "−");
  g_assert_cmpstr (preview_cell (dialog, 3, TYPE), ==, ent_relation_type_get_label (ENT_RELATION_RIVALRY));
  g_assert_cmpstr (preview_cell (dialog, 4, TIE), ==, "CHN → PRK");
  g_assert_null (preview_cell (dialog, 5, TIE));

  /* Remapping a column changes the preview. */
  choose_column (dialog, "type_row", "kind");
  choose_column (dialog, "label_row", "note");
  g_assert_cmpstr (preview_cell (dialog, 1, TYPE), ==, ent_relation_type_get_label (ENT_RELATION_ALLIANCE));
  g_assert_cmpstr (preview_cell (dialog, 1, LABEL), ==, "Mutual Defense Treaty; 1953");
  g_assert_cmpstr (preview_cell (dialog, 3, TYPE), ==, ent_relation_type_get_label (ENT_RELATION_RIVALRY));
  g_assert_cmpstr (preview_cell (dialog, 3, LABEL), ==, "Korean War, \"armistice\" 1953");
  /* A column that is not a date is flagged, not taken. */
  choose_column (dialog, "since_row", "note");
  g_assert_cmpstr (preview_cell (dialog, 1, DATES), ==, "Mutual Defense Treaty; 1953");
  g_assert_true (preview_cell_has_class (dialog, 1, DATES, "warning"));
  choose_column (dialog, "since_row", "year");
  g_assert_cmpstr (preview_cell (dialog, 1, DATES), ==, since_1953);
  maybe_screenshot ("csv-import");

  /* Without a source, Import cannot work, and the dialog says why. */
  choose_column (dialog, "source_row", "(none)");
  g_assert_false (can_import (dialog));
  assert_problem_mentions (dialog, "Source");
  g_assert_null (preview_cell (dialog, 1, TIE));
  maybe_screenshot ("csv-import-no-source");
  choose_column (dialog, "source_row", "to");
  g_assert_false (can_import (dialog));
  assert_problem_mentions (dialog, "different columns");
  choose_column (dialog, "source_row", "from");
  g_assert_true (can_import (dialog));
  g_assert_null (problem (dialog));

  /* Import: the whole file with the chosen mapping, and the node list. */
  click (dialog, "import_button");
  wait_until (has_imported, &outcome, "the “imported” signal", 60);
  g_assert_cmpuint (outcome.n_imported, ==, 1);
  g_assert_true (outcome.open_when_emitted);
  wait_until (is_closed, dialog, "the dialog to close", 20);

  g_assert_cmpuint (ent_world_get_n_actors (outcome.world), ==, 6);
  g_assert_cmpstr (ent_world_lookup_actor (outcome.world, "RUS")->name, ==, "Russia");
  g_assert_cmpstr (ent_world_lookup_actor (outcome.world, "PRK")->name, ==, "North Korea");
  g_assert_cmpuint (ent_world_get_n_relations (outcome.world), ==, 4);
  relation = relation_between (outcome.world, "KOR", "USA");
  g_assert_cmpint (relation->type, ==, ENT_RELATION_ALLIANCE);
  g_assert_cmpint (relation->sign, ==, 1);
  g_assert_cmpfloat_with_epsilon (relation->strength, 1.0, 1e-9);
  g_assert_cmpint (relation->since.year, ==, 1953);
  g_assert_false (ent_date_is_set (relation->until));
  g_assert_cmpstr (relation->label, ==, "Mutual Defense Treaty; 1953");
  relation = relation_between (outcome.world, "JPN", "USA");
  g_assert_cmpfloat_with_epsilon (relation->strength, 2.0 / 3.0, 1e-9);
  g_assert_cmpint (relation->since.year, ==, 1960);
  relation = relation_between (outcome.world, "KOR", "PRK");
  g_assert_cmpint (relation->type, ==, ENT_RELATION_RIVALRY);
  g_assert_cmpint (relation->sign, ==, -1);
  g_assert_cmpfloat_with_epsilon (relation->strength, 1.0 / 3.0, 1e-9);
  g_assert_cmpint (relation->since.year, ==, 1950);
  g_assert_cmpstr (relation->label, ==, "Korean War, \"armistice\" 1953");
  relation = relation_between (outcome.world, "CHN", "PRK");
  g_assert_cmpint (relation->type, ==, ENT_RELATION_ALLIANCE);
  g_assert_null (relation->label);

  g_clear_object (&outcome.world);
  g_assert_cmpint (g_remove (g_file_peek_path (file)), ==, 0);
  g_assert_cmpint (g_remove (g_file_peek_path (nodes)), ==, 0);
}

static void
test_bad_rows (Fixture       *fixture,
               gconstpointer  data)
{
  static const char text[] =
    "source,target,type,sign\n"
    "A,B,friendship,+\n"
    "A,,alliance,\n"
    "C,D,alliance,sideways\n";
  g_autoptr(GFile) file = write_file (fixture, "bad.csv", text, -1);
  g_autoptr(EntCsvImportDialog) dialog = open_dialog (file);

  /* Values the model cannot take are shown as the file has them, marked. */
  g_assert_cmpstr (preview_cell (dialog, 1, TYPE), ==, "friendship");
  g_assert_true (preview_cell_has_class (dialog, 1, TYPE, "warning"));
  g_assert_cmpstr (preview_cell (dialog, 3, SIGN), ==, "sideways");
  g_assert_true (preview_cell_has_class (dialog, 3, SIGN, "warning"));
  /* A row that would stop the import: Import cannot work, and why. */
  g_assert_true (g_str_has_prefix (preview_cell (dialog, 2, TIE), "Cannot be imported"));
  g_assert_false (can_import (dialog));
  assert_problem_mentions (dialog, "Line 3 cannot be imported");
  assert_problem_mentions (dialog, "source and a target");
  maybe_screenshot ("csv-import-bad-rows");

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (g_remove (g_file_peek_path (file)), ==, 0);
}

static gboolean
progress_started (gpointer dialog)
{
  return gtk_progress_bar_get_fraction (child (dialog, "progress_bar")) > 0;
}

static GFile *
write_big_file (Fixture *fixture,
                guint    n_rows)
{
  GString *text = g_string_new ("source,target,weight,since,label\n");
  g_autofree char *contents = NULL;

  /* 7i + 1 and i differ modulo 1000 (6i + 1 is odd): no ties with self. */
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "A%u,A%u,%u,%u,\"tie %u\"\n", i % 1000, (i * 7 + 1) % 1000,
                            1 + i % 9, 1900 + i % 120, i);
  contents = g_string_free (text, FALSE);
  return write_file (fixture, "big.csv", contents, -1);
}

static void
weak_notify_cb (gpointer  data,
                GObject  *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) file = write_big_file (fixture, 300000);
  EntCsvImportDialog *dialog = open_dialog (file);
  Outcome outcome = { 0 };
  gboolean finalized = FALSE;

  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &outcome);
  g_assert_cmpstr (preview_cell (dialog, 1, TIE), ==, "A0 → A1");
  g_assert_true (can_import (dialog));

  /* Cancel in the middle of the import: nothing is imported, and the
   * dialog stays, ready to try again. */
  click (dialog, "import_button");
  g_assert_true (ent_csv_import_dialog_is_busy (dialog));
  g_assert_false (can_import (dialog));
  g_assert_true (gtk_revealer_get_reveal_child (child (dialog, "progress_revealer")));
  wait_until (progress_started, dialog, "the import to make progress", 60);
  maybe_screenshot ("csv-import-progress");
  click (dialog, "cancel_button");
  wait_until (is_idle, dialog, "the import to stop", 60);
  g_assert_cmpuint (outcome.n_imported, ==, 0);
  g_assert_null (outcome.world);
  g_assert_false (is_closed (dialog));
  g_assert_false (gtk_revealer_get_reveal_child (child (dialog, "progress_revealer")));
  assert_problem_mentions (dialog, "cancelled");
  g_assert_true (can_import (dialog));
  settle (0.2);
  g_assert_cmpuint (outcome.n_imported, ==, 0);

  /* Closing the dialog during an import stops it too: the dialog (which
   * the import's task holds) goes away, and nothing is emitted. */
  click (dialog, "import_button");
  g_assert_true (ent_csv_import_dialog_is_busy (dialog));
  g_object_weak_ref (G_OBJECT (dialog), weak_notify_cb, &finalized);
  gtk_window_close (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  wait_until (is_true, &finalized, "the dialog to be finalized", 60);
  g_assert_cmpuint (outcome.n_imported, ==, 0);

  g_assert_cmpint (g_remove (g_file_peek_path (file)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/csv/preview-api", test_csv_preview_api);
  ADD ("/csv-import/mapping-and-preview", test_mapping_and_preview);
  ADD ("/csv-import/bad-rows", test_bad_rows);
  ADD ("/csv-import/cancel", test_cancel);
#undef ADD

  return g_test_run ();
}
