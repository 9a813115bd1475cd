/* test-dialogs.c: the editing dialogs, driven through their widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ent-compare.h"
#include "ent-dialogs-private.h"
#include "ent-format-native.h"
#include "ent-history.h"

/* ---- Helpers ----------------------------------------------------------- */

static EntDate
d (const char *text)
{
  EntDate date;

  g_assert_true (ent_date_parse (text, &date, NULL));
  return date;
}

static EntWorld *
load_dataset (void)
{
  const char *root = g_getenv ("ENTENTE_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  EntWorld *world;

  g_assert_nonnull (root);
  path = g_build_filename (root, "data", "datasets", "northeast-asia-2025.entente.json", NULL);
  file = g_file_new_for_path (path);
  world = ent_native_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (world);
  return world;
}

/* A fresh world and history, and a window to be the dialogs' parent. */
typedef struct
{
  EntWorld   *world;
  EntHistory *history;
  GtkWindow  *parent;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->world = load_dataset ();
  fixture->history = ent_history_new (fixture->world);
  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->parent, 900, 700);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->parent);
  g_clear_object (&fixture->history);
  g_assert_finalize_object (fixture->world);
}

/* Runs the main loop until @done says so; a time-out fails the test. */
static void
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

static gpointer
child (gpointer     dialog,
       const char  *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), G_OBJECT_TYPE (dialog), name);

  if (object == NULL)
    g_error ("%s has no template child “%s”", G_OBJECT_TYPE_NAME (dialog), name);
  return object;
}

static void
set_text (gpointer    dialog,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, name)), text);
}

static gboolean
can_apply (gpointer dialog)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (child (dialog, "apply_button")));
}

/* The reason shown under the fields, or NULL when none is shown. */
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

/* Destroyed windows leave GTK's list of windows (the test's reference
 * keeps the object itself). */
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

/* What "applied" reported, and whether the dialog then went away. */
typedef struct
{
  char     *id;
  char     *message;
  guint     n_applied;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->id, g_free);
  g_clear_pointer (&outcome->message, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

static void
applied_cb (GtkWidget  *dialog,
            const char *id,
            const char *message,
            Outcome    *outcome)
{
  g_assert_false (is_closed (dialog));
  outcome_clear (outcome);
  outcome->id = g_strdup (id);
  outcome->message = g_strdup (message);
  outcome->n_applied++;
}


static void
watch (gpointer  dialog,
       Outcome  *outcome)
{
  g_signal_connect (dialog, "applied", G_CALLBACK (applied_cb), outcome);
}

static void
click (gpointer    dialog,
       const char *name)
{
  GtkWidget *button = child (dialog, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
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

/* Takes a reference (dialogs belong to GTK's list of windows) and shows
 * the dialog, as the window would. */
static gpointer
show (gpointer dialog)
{
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (is_mapped, dialog, "the dialog to show");
  return dialog;
}

/* With ENTENTE_SCREENSHOT_DIR set, shows @dialog and saves the screen as
 * NAME.png there, to look at. */
static void
maybe_screenshot (gpointer    dialog,
                  const char *name)
{
  const char *dir = g_getenv ("ENTENTE_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  gint64 settle;
  int status;

  if (dir == NULL)
    return;
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (is_mapped, dialog, "the dialog to show");
  settle = g_get_monotonic_time () + G_USEC_PER_SEC;
  wait_until (frames_passed, &settle, "the dialog to draw");
  file = g_build_filename (dir, name, NULL);
  command = g_strdup_printf ("import -window root %s.png", file);
  if (!g_spawn_command_line_sync (command, NULL, NULL, &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("Screenshot failed: %s", error->message);
}

/* ---- The world's checks ----------------------------------------------- */

static void
count_cb (EntWorld *world,
          guint    *count)
{
  (*count)++;
}

static void
test_world_checks (Fixture       *fixture,
                   gconstpointer  data)
{
  EntWorld *world = fixture->world;
  const char *two[] = { "KOR", "CHN", NULL };
  const char *one[] = { "KOR", NULL };
  const char *unknown[] = { "KOR", "XXX", NULL };
  g_autoptr(EntMeeting) meeting = ent_meeting_new (NULL, d ("2025-11-01"), ENT_MEETING_SUMMIT, two);
  g_autoptr(EntMeeting) existing = ent_meeting_copy (ent_world_lookup_meeting (world, "asean-summit-2025"));
  g_autoptr(EntRelation) relation = ent_relation_new (NULL, "KOR", "CHN", ENT_RELATION_TRADE);
  g_autoptr(EntActor) actor = ent_actor_new ("VNM", "Vietnam");
  g_autoptr(EntBloc) bloc = ent_bloc_new ("quad", "Quad");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = ent_native_to_data (world, NULL);
  g_autofree char *after = NULL;
  guint n_meetings = ent_world_get_n_meetings (world);
  guint changes = 0;

  g_signal_connect (world, "changed", G_CALLBACK (count_cb), &changes);

  /* Valid items pass; an id the world has is checked as an update. */
  g_assert_true (ent_world_check_meeting (world, meeting, &error));
  g_assert_no_error (error);
  g_assert_true (ent_world_check_meeting (world, existing, &error));
  g_assert_no_error (error);
  g_assert_true (ent_world_check_relation (world, relation, &error));
  g_assert_no_error (error);
  g_assert_true (ent_world_check_actor (world, actor, &error));
  g_assert_no_error (error);
  ent_bloc_add_member (bloc, "USA", d ("2007"), ENT_DATE_NONE);
  g_assert_true (ent_world_check_bloc (world, bloc, &error));
  g_assert_no_error (error);

  /* Invalid ones fail with the add function's error. */
  g_strfreev (meeting->participants);
  meeting->participants = g_strdupv ((GStrv) one);
  g_assert_false (ent_world_check_meeting (world, meeting, &error));
  g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_TOO_FEW_PARTICIPANTS);
  g_clear_error (&error);
  g_strfreev (meeting->participants);
  meeting->participants = g_strdupv ((GStrv) unknown);
  g_assert_false (ent_world_check_meeting (world, meeting, &error));
  g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID);
  g_clear_error (&error);
  g_strfreev (meeting->participants);
  meeting->participants = g_strdupv ((GStrv) two);
  meeting->id = g_strdup ("");
  g_assert_false (ent_world_check_meeting (world, meeting, &error));
  g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_ID);
  g_clear_error (&error);
  meeting->date = (EntDate) { 2025, 2, 30 };
  g_clear_pointer (&meeting->id, g_free);
  g_assert_false (ent_world_check_meeting (world, meeting, &error));
  g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_DATE);
  g_clear_error (&error);

  g_free (relation->actor_b);
  relation->actor_b = g_strdup ("KOR");
  g_assert_false (ent_world_check_relation (world, relation, &error));
  g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_SELF_RELATION);
  g_clear_error (&error);
  g_clear_pointer (&actor->name, g_free);
  g_assert_false (ent_world_check_actor (world, actor, &error));
  g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  bloc->color = g_strdup ("blue");
  g_assert_false (ent_world_check_bloc (world, bloc, &error));
  g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* Nothing changed, and nothing was announced. */
  after = ent_native_to_data (world, NULL);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (ent_world_get_n_meetings (world), ==, n_meetings);
  g_assert_cmpuint (changes, ==, 0);
  g_signal_handlers_disconnect_by_data (world, &changes);
}

/* ---- Meetings ---------------------------------------------------------- */

static EntMeetingDialog *
new_meeting_dialog (Fixture            *fixture,
                    const char         *meeting_id,
                    const char * const *participants,
                    EntDate             date)
{
  EntMeetingDialog *dialog = ent_meeting_dialog_new (fixture->parent, fixture->history, meeting_id, participants, date);

  g_assert_true (ENT_IS_MEETING_DIALOG (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->parent);
  return show (dialog);
}

static void
test_meeting_add (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *preset[] = { "KOR", NULL };
  g_autoptr(EntMeetingDialog) dialog = new_meeting_dialog (fixture, NULL, preset, d ("2025-10-30"));
  g_auto(Outcome) outcome = { 0 };
  guint n_meetings = ent_world_get_n_meetings (fixture->world);
  const EntMeeting *meeting;
  g_autoptr(GDateTime) day = NULL;

  watch (dialog, &outcome);
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "date_row")), ==, "2025-10-30");
  maybe_screenshot (dialog, "meeting-add-one-participant");

  /* One participant is not a meeting. */
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "two participants");

  ent_meeting_dialog_set_participant (dialog, "CHN", TRUE);
  g_assert_true (can_apply (dialog));
  g_assert_null (problem (dialog));

  /* An impossible date says why, and the button waits. */
  set_text (dialog, "date_row", "2025-02-30");
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "2025-02-30");
  set_text (dialog, "date_row", "2025-10");
  g_assert_true (can_apply (dialog));
  set_text (dialog, "date_row", "");
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "needs a date");

  /* A day typed shows on the calendar. */
  set_text (dialog, "date_row", "2025-10-30");
  g_assert_true (can_apply (dialog));
  day = gtk_calendar_get_date (child (dialog, "calendar"));
  g_assert_cmpint (g_date_time_get_year (day), ==, 2025);
  g_assert_cmpint (g_date_time_get_month (day), ==, 10);
  g_assert_cmpint (g_date_time_get_day_of_month (day), ==, 30);

  set_text (dialog, "title_row", "Lee–Xi talks");
  set_text (dialog, "place_row", "Gyeongju");
  set_text (dialog, "topics_row", "trade,  security , ,");
  set_text (dialog, "source_row", "Yonhap, 2025-10-30");
  adw_combo_row_set_selected (child (dialog, "kind_row"), ENT_MEETING_SUMMIT);
  adw_combo_row_set_selected (child (dialog, "status_row"), ENT_MEETING_HELD);
  adw_combo_row_set_selected (child (dialog, "outcome_row"), ENT_OUTCOME_WARMED);
  maybe_screenshot (dialog, "meeting-add-valid");

  click (dialog, "apply_button");
  g_assert_cmpuint (outcome.n_applied, ==, 1);
  g_assert_true (is_closed (dialog));
  g_assert_cmpstr (outcome.message, ==, "Added “Lee–Xi talks” (30 Oct 2025)");

  g_assert_cmpuint (ent_world_get_n_meetings (fixture->world), ==, n_meetings + 1);
  meeting = ent_world_lookup_meeting (fixture->world, outcome.id);
  g_assert_nonnull (meeting);
  g_assert_true (ent_date_equal (meeting->date, d ("2025-10-30")));
  g_assert_cmpuint (g_strv_length (meeting->participants), ==, 2);
  g_assert_cmpstr (meeting->participants[0], ==, "KOR");
  g_assert_cmpstr (meeting->participants[1], ==, "CHN");
  g_assert_cmpint (meeting->kind, ==, ENT_MEETING_SUMMIT);
  g_assert_cmpint (meeting->status, ==, ENT_MEETING_HELD);
  g_assert_cmpint (meeting->outcome, ==, ENT_OUTCOME_WARMED);
  g_assert_cmpstr (meeting->title, ==, "Lee–Xi talks");
  g_assert_cmpstr (meeting->place, ==, "Gyeongju");
  g_assert_cmpstr (meeting->source, ==, "Yonhap, 2025-10-30");
  g_assert_nonnull (meeting->topics);
  g_assert_cmpuint (g_strv_length (meeting->topics), ==, 2);
  g_assert_cmpstr (meeting->topics[0], ==, "trade");
  g_assert_cmpstr (meeting->topics[1], ==, "security");

  /* The edit went through the history. */
  g_assert_cmpstr (ent_history_get_undo_label (fixture->history), ==, "Add Meeting");
  g_assert_true (ent_history_undo (fixture->history, NULL));
  g_assert_null (ent_world_lookup_meeting (fixture->world, outcome.id));
  g_assert_cmpuint (ent_world_get_n_meetings (fixture->world), ==, n_meetings);
}

static void
test_meeting_calendar_and_search (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(EntMeetingDialog) dialog = new_meeting_dialog (fixture, NULL, NULL, ENT_DATE_NONE);
  g_autoptr(GDateTime) day = g_date_time_new_local (2024, 6, 19, 0, 0, 0);
  g_autofree char *today = ent_date_to_string (ent_date_today ());
  GtkListBox *list = child (dialog, "participant_list");
  guint visible = 0;

  /* No preset date means today; no participants yet. */
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "date_row")), ==, today);
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "found 0");

  /* Picking a day on the calendar fills the date. */
  gtk_calendar_select_day (child (dialog, "calendar"), day);
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "date_row")), ==, "2024-06-19");

  /* The search narrows the list of actors, also by their Korean name. */
  gtk_editable_set_text (child (dialog, "participant_search"), "korea");
  gtk_list_box_invalidate_filter (list);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    visible += GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row);
  g_assert_cmpuint (visible, ==, 2);
  gtk_editable_set_text (child (dialog, "participant_search"), "대한민국");
  gtk_list_box_invalidate_filter (list);
  visible = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    visible += GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row);
  g_assert_cmpuint (visible, ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_meeting_edit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EntMeetingDialog) dialog = new_meeting_dialog (fixture, "asean-summit-2025", NULL, ENT_DATE_NONE);
  g_auto(Outcome) outcome = { 0 };
  const EntMeeting *before = ent_world_lookup_meeting (fixture->world, "asean-summit-2025");
  g_autofree char *note = g_strdup (before->note);
  const EntMeeting *meeting;

  watch (dialog, &outcome);
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "date_row")), ==, "2025-10-26");
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "title_row")), ==, "ASEAN summit");
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "korean_title_row")), ==, "아세안 정상회의");
  g_assert_cmpuint (adw_combo_row_get_selected (child (dialog, "status_row")), ==, ENT_MEETING_PLANNED);
  g_assert_cmpstr (gtk_button_get_label (child (dialog, "apply_button")), ==, "_Save");
  g_assert_true (gtk_widget_get_visible (child (dialog, "delete_group")));
  g_assert_true (can_apply (dialog));
  maybe_screenshot (dialog, "meeting-edit");

  /* Down to one participant the meeting cannot be saved. */
  ent_meeting_dialog_set_participant (dialog, "JPN", FALSE);
  ent_meeting_dialog_set_participant (dialog, "MYS", FALSE);
  ent_meeting_dialog_set_participant (dialog, "ASEAN", FALSE);
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "found 1");
  ent_meeting_dialog_set_participant (dialog, "ASEAN", TRUE);
  g_assert_true (can_apply (dialog));

  adw_combo_row_set_selected (child (dialog, "status_row"), ENT_MEETING_HELD);
  set_text (dialog, "korean_title_row", "제47차 아세안 정상회의");
  click (dialog, "apply_button");
  g_assert_true (is_closed (dialog));
  g_assert_cmpstr (outcome.id, ==, "asean-summit-2025");
  g_assert_cmpstr (outcome.message, ==, "Saved “ASEAN summit” (26 Oct 2025)");

  meeting = ent_world_lookup_meeting (fixture->world, "asean-summit-2025");
  g_assert_cmpint (meeting->status, ==, ENT_MEETING_HELD);
  g_assert_cmpstr (meeting->title, ==, "ASEAN summit");
  g_assert_cmpstr (g_hash_table_lookup (meeting->titles, "ko"), ==, "제47차 아세안 정상회의");
  g_assert_cmpstr (meeting->note, ==, note);
  g_assert_cmpuint (g_strv_length (meeting->participants), ==, 2);
  g_assert_cmpstr (meeting->participants[0], ==, "KOR");
  g_assert_cmpstr (meeting->participants[1], ==, "ASEAN");
  g_assert_cmpstr (ent_history_get_undo_label (fixture->history), ==, "Edit Meeting");
  g_assert_true (ent_history_undo (fixture->history, NULL));
  g_assert_cmpint (ent_world_lookup_meeting (fixture->world, "asean-summit-2025")->status, ==, ENT_MEETING_PLANNED);
}

static void
test_meeting_delete (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(EntMeetingDialog) dialog = new_meeting_dialog (fixture, "asean-summit-2025", NULL, ENT_DATE_NONE);
  g_auto(Outcome) outcome = { 0 };
  guint n_meetings = ent_world_get_n_meetings (fixture->world);

  watch (dialog, &outcome);
  click (dialog, "delete_button");
  g_assert_true (is_closed (dialog));
  g_assert_cmpstr (outcome.id, ==, "asean-summit-2025");
  g_assert_nonnull (strstr (outcome.message, "ASEAN summit"));
  g_assert_null (ent_world_lookup_meeting (fixture->world, "asean-summit-2025"));
  g_assert_cmpuint (ent_world_get_n_meetings (fixture->world), ==, n_meetings - 1);
  g_assert_true (ent_history_undo (fixture->history, NULL));
  g_assert_nonnull (ent_world_lookup_meeting (fixture->world, "asean-summit-2025"));
}

/* ---- Actors ------------------------------------------------------------ */

static void
test_actor_add (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EntActorDialog) dialog = show (ent_actor_dialog_new (fixture->parent, fixture->history, NULL));
  g_auto(Outcome) outcome = { 0 };
  guint n_actors = ent_world_get_n_actors (fixture->world);
  const EntActor *actor;
  const EntLeader *leader;

  watch (dialog, &outcome);
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "needs an id");

  /* A state's id is its ISO 3166 alpha-3 code, and ids are unique. */
  set_text (dialog, "id_row", "vnm");
  set_text (dialog, "name_row", "Vietnam");
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "ISO 3166");
  set_text (dialog, "id_row", "KOR");
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "already an actor with id “KOR”");
  set_text (dialog, "id_row", "VNM");
  g_assert_true (can_apply (dialog));
  g_assert_null (problem (dialog));

  /* The model's own rules: a name is required. */
  set_text (dialog, "name_row", " ");
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "needs a name");
  set_text (dialog, "name_row", "Vietnam");

  set_text (dialog, "korean_name_row", "베트남");
  set_text (dialog, "region_row", "Southeast Asia");
  set_text (dialog, "leader_title_row", "President");
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "leader needs a name");
  set_text (dialog, "leader_name_row", "Luong Cuong");
  set_text (dialog, "leader_since_row", "2024-10-21");
  g_assert_true (can_apply (dialog));
  maybe_screenshot (dialog, "actor-add");

  click (dialog, "apply_button");
  g_assert_true (is_closed (dialog));
  g_assert_cmpstr (outcome.id, ==, "VNM");
  g_assert_cmpstr (outcome.message, ==, "Added “Vietnam”");
  g_assert_cmpuint (ent_world_get_n_actors (fixture->world), ==, n_actors + 1);
  actor = ent_world_lookup_actor (fixture->world, "VNM");
  g_assert_nonnull (actor);
  g_assert_cmpstr (actor->name, ==, "Vietnam");
  g_assert_cmpint (actor->kind, ==, ENT_ACTOR_STATE);
  g_assert_cmpstr (actor->region, ==, "Southeast Asia");
  g_assert_cmpstr (g_hash_table_lookup (actor->names, "ko"), ==, "베트남");
  g_assert_cmpuint (actor->leaders->len, ==, 1);
  leader = g_ptr_array_index (actor->leaders, 0);
  g_assert_cmpstr (leader->name, ==, "Luong Cuong");
  g_assert_cmpstr (leader->title, ==, "President");
  g_assert_true (ent_date_equal (leader->since, d ("2024-10-21")));
  g_assert_cmpstr (ent_history_get_undo_label (fixture->history), ==, "Add Actor");
  g_assert_true (ent_history_undo (fixture->history, NULL));
  g_assert_null (ent_world_lookup_actor (fixture->world, "VNM"));
}

static void
test_actor_edit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EntActorDialog) dialog = show (ent_actor_dialog_new (fixture->parent, fixture->history, "KOR"));
  g_auto(Outcome) outcome = { 0 };
  const EntActor *actor;
  const EntLeader *previous, *current;

  watch (dialog, &outcome);
  g_assert_false (gtk_editable_get_editable (child (dialog, "id_row")));
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "id_row")), ==, "KOR");
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "korean_name_row")), ==, "대한민국");
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "leader_name_row")), ==, "Lee Jae-myung");
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "leader_korean_name_row")), ==, "이재명");
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "leader_korean_title_row")), ==, "대한민국 대통령");
  g_assert_true (can_apply (dialog));
  maybe_screenshot (dialog, "actor-edit");

  /* A new leader's name starts a new term and ends the previous one. */
  set_text (dialog, "region_row", "Northeast Asia");
  set_text (dialog, "leader_name_row", "A Successor");
  set_text (dialog, "leader_korean_name_row", "후임자");
  set_text (dialog, "leader_since_row", "2030-06-04");
  click (dialog, "apply_button");
  g_assert_true (is_closed (dialog));
  g_assert_cmpstr (outcome.message, ==, "Saved “South Korea”");
  actor = ent_world_lookup_actor (fixture->world, "KOR");
  g_assert_cmpstr (actor->region, ==, "Northeast Asia");
  g_assert_cmpuint (actor->leaders->len, ==, 3);
  previous = g_ptr_array_index (actor->leaders, 1);
  current = g_ptr_array_index (actor->leaders, 2);
  g_assert_cmpstr (previous->name, ==, "Lee Jae-myung");
  g_assert_true (ent_date_equal (previous->until, d ("2030-06-04")));
  g_assert_cmpstr (current->name, ==, "A Successor");
  g_assert_cmpstr (current->title, ==, "President of the Republic of Korea");
  g_assert_cmpstr (g_hash_table_lookup (current->names, "ko"), ==, "후임자");
  g_assert_cmpstr (g_hash_table_lookup (current->titles, "ko"), ==, "대한민국 대통령");
  /* The previous term keeps its own name. */
  g_assert_cmpstr (g_hash_table_lookup (previous->names, "ko"), ==, "이재명");
  g_assert_true (ent_history_undo (fixture->history, NULL));
  g_assert_cmpuint (ent_world_lookup_actor (fixture->world, "KOR")->leaders->len, ==, 2);
}

static void
test_actor_delete (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EntActorDialog) dialog = show (ent_actor_dialog_new (fixture->parent, fixture->history, "RUS"));
  g_auto(Outcome) outcome = { 0 };
  g_autoptr(GPtrArray) ties = ent_world_get_relations_of (fixture->world, "RUS", ENT_DATE_NONE);
  guint n_relations = ent_world_get_n_relations (fixture->world);
  AdwMessageDialog *confirmation;

  g_assert_cmpuint (ties->len, >, 0);
  watch (dialog, &outcome);
  click (dialog, "delete_button");
  confirmation = ent_actor_dialog_get_confirmation (dialog);
  g_assert_nonnull (confirmation);
  g_assert_true (adw_message_dialog_has_response (confirmation, "remove"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (confirmation, "remove"), ==, ADW_RESPONSE_DESTRUCTIVE);
  maybe_screenshot (confirmation, "actor-delete");

  /* Cancelling changes nothing. */
  adw_message_dialog_response (confirmation, "cancel");
  g_assert_nonnull (ent_world_lookup_actor (fixture->world, "RUS"));
  g_assert_false (is_closed (dialog));

  click (dialog, "delete_button");
  adw_message_dialog_response (ent_actor_dialog_get_confirmation (dialog), "remove");
  g_assert_true (is_closed (dialog));
  g_assert_cmpstr (outcome.id, ==, "RUS");
  g_assert_null (ent_world_lookup_actor (fixture->world, "RUS"));
  g_assert_cmpuint (ent_world_get_n_relations (fixture->world), ==, n_relations - ties->len);
  g_assert_cmpstr (ent_history_get_undo_label (fixture->history), ==, "Remove Actor and Its Ties");
  g_assert_true (ent_history_undo (fixture->history, NULL));
  g_assert_nonnull (ent_world_lookup_actor (fixture->world, "RUS"));
  g_assert_cmpuint (ent_world_get_n_relations (fixture->world), ==, n_relations);
}

/* ---- Relations --------------------------------------------------------- */

static void
test_relation_add (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EntRelationDialog) dialog = show (ent_relation_dialog_new (fixture->parent, fixture->history, NULL, "RUS", "PRK"));
  g_auto(Outcome) outcome = { 0 };
  guint n_relations = ent_world_get_n_relations (fixture->world);
  GtkSwitch *adversarial = child (dialog, "adversarial_switch");
  const EntRelation *relation;

  watch (dialog, &outcome);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpuint (adw_combo_row_get_selected (child (dialog, "actor_a_row")), ==,
                    ent_world_get_actor_index (fixture->world, "RUS"));
  g_assert_cmpuint (adw_combo_row_get_selected (child (dialog, "actor_b_row")), ==,
                    ent_world_get_actor_index (fixture->world, "PRK"));
  g_assert_true (can_apply (dialog));

  /* The sign follows the type... */
  g_assert_false (gtk_switch_get_active (adversarial));
  adw_combo_row_set_selected (child (dialog, "type_row"), ENT_RELATION_RIVALRY);
  g_assert_true (gtk_switch_get_active (adversarial));
  adw_combo_row_set_selected (child (dialog, "type_row"), ENT_RELATION_ALLIANCE);
  g_assert_false (gtk_switch_get_active (adversarial));
  adw_combo_row_set_selected (child (dialog, "type_row"), ENT_RELATION_SANCTIONS);
  g_assert_true (gtk_switch_get_active (adversarial));
  /* ...until the switch overrides it. */
  gtk_switch_set_active (adversarial, FALSE);
  maybe_screenshot (dialog, "relation-add");

  /* Dates are checked as typed, and against each other. */
  set_text (dialog, "since_row", "2025-02-30");
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "2025-02-30");
  set_text (dialog, "since_row", "2024-06-19");
  set_text (dialog, "until_row", "2023");
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "before it begins");
  set_text (dialog, "until_row", "");
  g_assert_true (can_apply (dialog));

  /* An actor cannot be tied to itself. */
  adw_combo_row_set_selected (child (dialog, "actor_b_row"), ent_world_get_actor_index (fixture->world, "RUS"));
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "two different actors");
  adw_combo_row_set_selected (child (dialog, "actor_b_row"), ent_world_get_actor_index (fixture->world, "PRK"));

  gtk_range_set_value (child (dialog, "strength_scale"), 0.7);
  set_text (dialog, "label_row", "Test exemption");
  set_text (dialog, "source_row", "A source");
  click (dialog, "apply_button");
  g_assert_true (is_closed (dialog));
  g_assert_cmpstr (outcome.message, ==, "Added “Test exemption”");

  g_assert_cmpuint (ent_world_get_n_relations (fixture->world), ==, n_relations + 1);
  relation = ent_world_lookup_relation (fixture->world, outcome.id);
  g_assert_nonnull (relation);
  g_assert_cmpstr (relation->actor_a, ==, "RUS");
  g_assert_cmpstr (relation->actor_b, ==, "PRK");
  g_assert_cmpint (relation->type, ==, ENT_RELATION_SANCTIONS);
  g_assert_cmpint (relation->sign, ==, 1);
  g_assert_cmpfloat_with_epsilon (relation->strength, 0.7, 1e-9);
  g_assert_true (ent_date_equal (relation->since, d ("2024-06-19")));
  g_assert_false (ent_date_is_set (relation->until));
  g_assert_cmpstr (relation->label, ==, "Test exemption");
  g_assert_cmpstr (relation->source, ==, "A source");
  g_assert_cmpstr (ent_history_get_undo_label (fixture->history), ==, "Add Relation");
  g_assert_true (ent_history_undo (fixture->history, NULL));
  g_assert_null (ent_world_lookup_relation (fixture->world, outcome.id));
}

static void
test_relation_edit_and_delete (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(EntRelationDialog) dialog = show (ent_relation_dialog_new (fixture->parent, fixture->history, "kor-usa-mdt", NULL, NULL));
  g_autoptr(EntRelationDialog) second = NULL;
  g_auto(Outcome) outcome = { 0 };
  const EntRelation *relation;

  watch (dialog, &outcome);
  g_assert_cmpuint (adw_combo_row_get_selected (child (dialog, "type_row")), ==, ENT_RELATION_ALLIANCE);
  g_assert_false (gtk_switch_get_active (child (dialog, "adversarial_switch")));
  g_assert_cmpfloat_with_epsilon (gtk_range_get_value (child (dialog, "strength_scale")), 0.9, 1e-9);
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "since_row")), ==, "1953-10-01");
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "korean_label_row")), ==, "한미상호방위조약");
  g_assert_true (can_apply (dialog));

  /* The Korean label cleared: only the English one is left. */
  set_text (dialog, "korean_label_row", "");
  set_text (dialog, "until_row", "2030");
  gtk_range_set_value (child (dialog, "strength_scale"), 0.8);
  click (dialog, "apply_button");
  g_assert_true (is_closed (dialog));
  g_assert_cmpstr (outcome.id, ==, "kor-usa-mdt");
  g_assert_cmpstr (outcome.message, ==, "Saved “Mutual Defense Treaty”");
  relation = ent_world_lookup_relation (fixture->world, "kor-usa-mdt");
  g_assert_true (ent_date_equal (relation->until, d ("2030")));
  g_assert_cmpfloat_with_epsilon (relation->strength, 0.8, 1e-9);
  g_assert_nonnull (relation->note);
  g_assert_true (relation->labels == NULL || g_hash_table_lookup (relation->labels, "ko") == NULL);
  g_assert_cmpstr (ent_history_get_undo_label (fixture->history), ==, "Edit Relation");

  second = show (ent_relation_dialog_new (fixture->parent, fixture->history, "kor-usa-mdt", NULL, NULL));
  outcome_clear (&outcome);
  watch (second, &outcome);
  click (second, "delete_button");
  g_assert_true (is_closed (second));
  g_assert_null (ent_world_lookup_relation (fixture->world, "kor-usa-mdt"));
  g_assert_true (ent_history_undo (fixture->history, NULL));
  g_assert_nonnull (ent_world_lookup_relation (fixture->world, "kor-usa-mdt"));
  g_assert_true (ent_history_undo (fixture->history, NULL));
  g_assert_cmpstr (g_hash_table_lookup (ent_world_lookup_relation (fixture->world, "kor-usa-mdt")->labels, "ko"), ==,
                   "한미상호방위조약");
}

/* ---- Blocs ------------------------------------------------------------- */

static void
test_bloc_add (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(EntBlocDialog) dialog = show (ent_bloc_dialog_new (fixture->parent, fixture->history, NULL));
  g_auto(Outcome) outcome = { 0 };
  guint n_blocs = ent_world_get_n_blocs (fixture->world);
  const EntBloc *bloc;
  const EntBlocMember *member;

  watch (dialog, &outcome);
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "needs a non-empty id");

  set_text (dialog, "id_row", "kor-usa-jpn");
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "already a bloc");
  set_text (dialog, "id_row", "usa-jpn-quad");
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "needs a name");
  set_text (dialog, "name_row", "Quad (partial)");
  g_assert_true (can_apply (dialog));

  /* Members' dates are checked, each naming its actor. */
  ent_bloc_dialog_set_member (dialog, "USA", TRUE, "2025-02-30", NULL);
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "United States’s membership");
  assert_problem_mentions (dialog, "2025-02-30");
  ent_bloc_dialog_set_member (dialog, "USA", TRUE, "2007", "2006");
  g_assert_false (can_apply (dialog));
  assert_problem_mentions (dialog, "before it begins");
  ent_bloc_dialog_set_member (dialog, "USA", TRUE, "2007", NULL);
  ent_bloc_dialog_set_member (dialog, "JPN", TRUE, "2007-05", NULL);
  g_assert_true (can_apply (dialog));
  set_text (dialog, "description_row", "Two of the four");
  set_text (dialog, "korean_name_row", "쿼드(일부)");
  maybe_screenshot (dialog, "bloc-add");

  click (dialog, "apply_button");
  g_assert_true (is_closed (dialog));
  g_assert_cmpstr (outcome.id, ==, "usa-jpn-quad");
  g_assert_cmpstr (outcome.message, ==, "Added “Quad (partial)”");
  g_assert_cmpuint (ent_world_get_n_blocs (fixture->world), ==, n_blocs + 1);
  bloc = ent_world_lookup_bloc (fixture->world, "usa-jpn-quad");
  g_assert_nonnull (bloc);
  g_assert_cmpstr (bloc->name, ==, "Quad (partial)");
  g_assert_cmpstr (bloc->description, ==, "Two of the four");
  g_assert_cmpuint (g_hash_table_size (bloc->names), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (bloc->names, "ko"), ==, "쿼드(일부)");
  /* A colour no other bloc has. */
  g_assert_nonnull (bloc->color);
  g_assert_cmpuint (strlen (bloc->color), ==, 7);
  for (guint i = 0; i < n_blocs; i++)
    g_assert_cmpstr (ent_world_get_bloc (fixture->world, i)->color, !=, bloc->color);
  g_assert_cmpuint (bloc->members->len, ==, 2);
  member = g_ptr_array_index (bloc->members, 0);
  g_assert_cmpstr (member->actor, ==, "USA");
  g_assert_true (ent_date_equal (member->since, d ("2007")));
  g_assert_false (ent_date_is_set (member->until));
  member = g_ptr_array_index (bloc->members, 1);
  g_assert_cmpstr (member->actor, ==, "JPN");
  g_assert_true (ent_date_equal (member->since, d ("2007-05")));
  g_assert_cmpstr (ent_history_get_undo_label (fixture->history), ==, "Add Bloc");
  g_assert_true (ent_history_undo (fixture->history, NULL));
  g_assert_null (ent_world_lookup_bloc (fixture->world, "usa-jpn-quad"));
}

static void
test_bloc_edit_and_delete (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(EntBlocDialog) dialog = show (ent_bloc_dialog_new (fixture->parent, fixture->history, "kor-usa-jpn"));
  g_autoptr(EntBlocDialog) second = NULL;
  g_auto(Outcome) outcome = { 0 };
  g_autofree char *colour = g_strdup (ent_world_lookup_bloc (fixture->world, "kor-usa-jpn")->color);
  const EntBloc *bloc;

  watch (dialog, &outcome);
  g_assert_false (gtk_editable_get_editable (child (dialog, "id_row")));
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "korean_name_row")), ==, "한미일 3국 협력");
  g_assert_true (can_apply (dialog));
  maybe_screenshot (dialog, "bloc-edit");

  /* The Korean name cleared: the bloc keeps only its English one. */
  set_text (dialog, "korean_name_row", "");
  /* Japan leaves in 2030; Korea is no longer listed at all. */
  ent_bloc_dialog_set_member (dialog, "JPN", TRUE, "2023-08-18", "2030");
  ent_bloc_dialog_set_member (dialog, "KOR", FALSE, NULL, NULL);
  click (dialog, "apply_button");
  g_assert_true (is_closed (dialog));
  bloc = ent_world_lookup_bloc (fixture->world, "kor-usa-jpn");
  g_assert_cmpstr (bloc->color, ==, colour);
  g_assert_cmpuint (bloc->members->len, ==, 2);
  g_assert_cmpstr (((EntBlocMember *) g_ptr_array_index (bloc->members, 0))->actor, ==, "USA");
  g_assert_cmpstr (((EntBlocMember *) g_ptr_array_index (bloc->members, 1))->actor, ==, "JPN");
  g_assert_true (ent_date_equal (((EntBlocMember *) g_ptr_array_index (bloc->members, 1))->until, d ("2030")));
  g_assert_true (bloc->names == NULL || g_hash_table_lookup (bloc->names, "ko") == NULL);
  g_assert_cmpstr (ent_history_get_undo_label (fixture->history), ==, "Edit Bloc");

  second = show (ent_bloc_dialog_new (fixture->parent, fixture->history, "kor-usa-jpn"));
  outcome_clear (&outcome);
  watch (second, &outcome);
  click (second, "delete_button");
  g_assert_true (is_closed (second));
  g_assert_null (ent_world_lookup_bloc (fixture->world, "kor-usa-jpn"));
  g_assert_true (ent_history_undo (fixture->history, NULL));
  g_assert_true (ent_history_undo (fixture->history, NULL));
  g_assert_cmpuint (ent_world_lookup_bloc (fixture->world, "kor-usa-jpn")->members->len, ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (ent_world_lookup_bloc (fixture->world, "kor-usa-jpn")->names, "ko"), ==,
                   "한미일 3국 협력");
}

/* ---- Comparing two dates ---------------------------------------------- */

static void
highlight_cb (EntCompareDialog *dialog,
              GArray           *pairs,
              GArray          **out)
{
  g_assert_null (*out);
  *out = g_array_ref (pairs);
}

static guint
count_lines (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    n += *lines[i] != '\0';
  return n;
}

static void
test_compare (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EntCompareDialog) dialog = show (ent_compare_dialog_new (fixture->parent, fixture->world));
  g_autoptr(GArray) expected = ent_compare_dates (fixture->world, d ("2024-01-01"), d ("2025-11-02"));
  g_autoptr(GArray) pairs = NULL;
  g_autofree char *dir = g_dir_make_tmp ("entente-dialogs-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "changes.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  EntDate first, last;
  GArray *changes;
  gboolean found = FALSE;

  /* The dates start as the first and last of the data. */
  ent_world_get_date_range (fixture->world, &first, &last);
  first_text = ent_date_to_string (first);
  last_text = ent_date_to_string (last);
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "from_row")), ==, first_text);
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "to_row")), ==, last_text);

  set_text (dialog, "from_row", "2024-01-01");
  set_text (dialog, "to_row", "2025-11-02");
  changes = ent_compare_dialog_get_changes (dialog);
  g_assert_nonnull (changes);
  g_assert_cmpuint (expected->len, ==, 13);
  g_assert_cmpuint (changes->len, ==, expected->len);
  g_assert_cmpuint (ent_compare_dialog_get_n_rows (dialog), ==, expected->len);
  for (guint i = 0; i < ent_compare_dialog_get_n_rows (dialog); i++)
    found |= g_str_equal (ent_compare_dialog_get_row_text (dialog, i),
                          "Russia–North Korea: alliance appeared (2024-06-19)");
  g_assert_true (found);
  g_assert_cmpstr (adw_preferences_group_get_description (child (dialog, "changes_group")), ==, "13 changes");
  maybe_screenshot (dialog, "compare");

  /* The CSV has a header and one line per change. */
  g_assert_true (ent_compare_dialog_write_csv (dialog, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_lines (path), ==, expected->len + 1);

  /* A bad date says why, and there is nothing to show or export. */
  set_text (dialog, "to_row", "2025-02-30");
  g_assert_null (ent_compare_dialog_get_changes (dialog));
  assert_problem_mentions (dialog, "2025-02-30");
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "export_button")));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "highlight_button")));
  set_text (dialog, "to_row", "2025-11-02");
  g_assert_null (problem (dialog));

  /* Show on Map hands the window the pairs, two indices per change. */
  g_signal_connect (dialog, "highlight", G_CALLBACK (highlight_cb), &pairs);
  click (dialog, "highlight_button");
  g_assert_nonnull (pairs);
  g_assert_cmpuint (pairs->len, ==, 2 * expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_assert_cmpuint (g_array_index (pairs, guint, 2 * i), ==, g_array_index (expected, EntTieChange, i).a);
      g_assert_cmpuint (g_array_index (pairs, guint, 2 * i + 1), ==, g_array_index (expected, EntTieChange, i).b);
    }
  g_assert_true (is_closed (dialog));

  g_assert_no_errno (g_unlink (path));
  g_assert_no_errno (g_rmdir (dir));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/world/checks", test_world_checks);
  ADD ("/dialogs/meeting/add", test_meeting_add);
  ADD ("/dialogs/meeting/calendar-and-search", test_meeting_calendar_and_search);
  ADD ("/dialogs/meeting/edit", test_meeting_edit);
  ADD ("/dialogs/meeting/delete", test_meeting_delete);
  ADD ("/dialogs/bloc/add", test_bloc_add);
  ADD ("/dialogs/bloc/edit-and-delete", test_bloc_edit_and_delete);
  ADD ("/dialogs/compare", test_compare);
  ADD ("/dialogs/actor/add", test_actor_add);
  ADD ("/dialogs/actor/edit", test_actor_edit);
  ADD ("/dialogs/actor/delete", test_actor_delete);
  ADD ("/dialogs/relation/add", test_relation_add);
  ADD ("/dialogs/relation/edit-and-delete", test_relation_edit_and_delete);
#undef ADD

  return g_test_run ();
}
