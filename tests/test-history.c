/* test-history.c: undo and redo, and the world's insert-at-index edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ent-format-native.h"
#include "ent-history.h"
#include "ent-world.h"

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

static char *
serialize (EntWorld *world)
{
  return ent_native_to_data (world, NULL);
}

static void
add_actor (EntWorld   *world,
           const char *id)
{
  g_autoptr(EntActor) actor = ent_actor_new (id, id);
  g_autoptr(GError) error = NULL;

  g_assert_true (ent_world_add_actor (world, actor, &error));
  g_assert_no_error (error);
}

static void
add_relation (EntWorld   *world,
              const char *id,
              const char *a,
              const char *b)
{
  g_autoptr(EntRelation) relation = ent_relation_new (id, a, b, ENT_RELATION_PARTNERSHIP);
  g_autoptr(GError) error = NULL;

  g_assert_true (ent_world_add_relation (world, relation, NULL, &error));
  g_assert_no_error (error);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
item_changed_cb (EntWorld   *world,
                 guint       kind,
                 guint       op,
                 const char *id,
                 guint      *count)
{
  (*count)++;
}

/* Every relation's edge joins the vertices of its two actors. */
static void
assert_graph_mirrors (EntWorld *world)
{
  const igraph_t *graph = ent_world_get_graph (world);

  g_assert_cmpint (igraph_vcount (graph), ==, ent_world_get_n_actors (world));
  g_assert_cmpint (igraph_ecount (graph), ==, ent_world_get_n_relations (world));
  for (guint i = 0; i < ent_world_get_n_relations (world); i++)
    {
      const EntRelation *relation = ent_world_get_relation (world, i);
      igraph_integer_t from, to;
      int a = ent_world_get_actor_index (world, relation->actor_a);
      int b = ent_world_get_actor_index (world, relation->actor_b);

      g_assert_cmpint (igraph_edge (graph, i, &from, &to), ==, IGRAPH_SUCCESS);
      g_assert_cmpint (MIN (from, to), ==, MIN (a, b));
      g_assert_cmpint (MAX (from, to), ==, MAX (a, b));
    }
}

static const char *
actor_id_at (EntWorld *world,
             guint     index)
{
  return ent_world_get_actor (world, index)->id;
}

/* ---- The world's insert-at-index edits --------------------------------- */

static void
test_world_insert (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntActor) x = ent_actor_new ("X", "Ex");
  g_autoptr(EntActor) first = ent_actor_new ("F", "First");
  g_autoptr(EntRelation) relation = ent_relation_new ("r0", "X", "C", ENT_RELATION_RIVALRY);
  g_autoptr(EntRelation) nameless = ent_relation_new (NULL, "A", "C", ENT_RELATION_TRADE);
  g_autoptr(EntRelation) stranger = ent_relation_new ("r9", "A", "NOBODY", ENT_RELATION_TRADE);
  const char *pair[] = { "A", "B", NULL };
  g_autoptr(EntMeeting) meeting = ent_meeting_new ("m0", d ("2025-01-02"), ENT_MEETING_CALL, pair);
  g_autoptr(EntBloc) bloc = ent_bloc_new ("b0", "Bloc");
  g_autoptr(EntBloc) other_bloc = ent_bloc_new ("b1", "Other");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  guint changes = 0;

  add_actor (world, "A");
  add_actor (world, "B");
  add_actor (world, "C");
  add_relation (world, "r1", "A", "B");
  add_relation (world, "r2", "B", "C");
  g_signal_connect (world, "item-changed", G_CALLBACK (item_changed_cb), &changes);

  /* An actor in the middle shifts the vertices of later actors. */
  g_assert_true (ent_world_insert_actor (world, 1, x, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 4);
  g_assert_cmpstr (actor_id_at (world, 0), ==, "A");
  g_assert_cmpstr (actor_id_at (world, 1), ==, "X");
  g_assert_cmpstr (actor_id_at (world, 2), ==, "B");
  g_assert_cmpint (ent_world_get_actor_index (world, "C"), ==, 3);
  assert_graph_mirrors (world);
  g_assert_true (ent_world_insert_actor (world, 0, first, &error));
  g_assert_cmpstr (actor_id_at (world, 0), ==, "F");
  assert_graph_mirrors (world);
  g_assert_cmpuint (changes, ==, 2);

  /* Relations: at the front, at the end (n appends), and a fresh id. */
  g_assert_true (ent_world_insert_relation (world, 0, relation, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ent_world_get_relation (world, 0)->id, ==, "r0");
  g_assert_cmpstr (ent_world_get_relation (world, 1)->id, ==, "r1");
  g_assert_cmpint (ent_world_get_relation_index (world, "r2"), ==, 2);
  assert_graph_mirrors (world);
  g_assert_true (ent_world_insert_relation (world, 3, nameless, &error));
  g_assert_nonnull (ent_world_get_relation (world, 3)->id);
  g_assert_nonnull (ent_world_lookup_relation (world, ent_world_get_relation (world, 3)->id));
  assert_graph_mirrors (world);

  g_assert_true (ent_world_insert_meeting (world, 0, meeting, &error));
  g_assert_cmpstr (ent_world_get_meeting (world, 0)->id, ==, "m0");
  g_assert_true (ent_world_insert_bloc (world, 0, bloc, &error));
  g_assert_true (ent_world_insert_bloc (world, 0, other_bloc, &error));
  g_assert_cmpstr (ent_world_get_bloc (world, 0)->id, ==, "b1");
  g_assert_cmpstr (ent_world_get_bloc (world, 1)->id, ==, "b0");
  g_assert_nonnull (ent_world_lookup_bloc (world, "b0"));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 7);

  /* The same validation as adding, leaving the world untouched. */
  before = serialize (world);
  g_assert_false (ent_world_insert_actor (world, 0, x, &error));
  g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_DUPLICATE_ID);
  g_clear_error (&error);
  g_assert_false (ent_world_insert_relation (world, 0, stranger, &error));
  g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID);
  g_clear_error (&error);
  g_assert_false (ent_world_insert_meeting (world, 1, meeting, &error));
  g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_DUPLICATE_ID);
  g_clear_error (&error);
  g_assert_false (ent_world_insert_bloc (world, 2, bloc, &error));
  g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_DUPLICATE_ID);
  g_clear_error (&error);
  g_assert_cmpuint (changes, ==, 7);
  {
    g_autofree char *after = serialize (world);

    g_assert_cmpstr (after, ==, before);
  }

  /* An index past the end is a programming error. */
  g_test_expect_message ("entente-world", G_LOG_LEVEL_CRITICAL, "*index <=*");
  g_assert_false (ent_world_insert_bloc (world, 9, bloc, NULL));
  g_test_assert_expected_messages ();
}

/* ---- One round trip per kind of edit ----------------------------------- */

typedef void     (*PrepareFunc) (EntWorld *world);
typedef gboolean (*EditFunc)    (EntHistory *history, GError **error);

typedef struct
{
  const char  *name;
  PrepareFunc  prepare;   /* a direct, unrecorded change before the edit */
  EditFunc     edit;
  const char  *label;
} RoundTrip;

static void
prepare_spare_actor (EntWorld *world)
{
  g_autoptr(EntActor) actor = ent_actor_new ("VNM", "Vietnam");

  g_assert_true (ent_world_insert_actor (world, 2, actor, NULL));
}

static void
prepare_position (EntWorld *world)
{
  g_assert_true (ent_world_set_actor_position (world, "KOR", TRUE, 5.0, -5.0, FALSE, NULL));
}

static gboolean
edit_add_actor (EntHistory  *history,
                GError     **error)
{
  g_autoptr(EntActor) actor = ent_actor_new ("VNM", "Vietnam");

  actor->region = g_strdup ("Southeast Asia");
  ent_actor_set_local_name (actor, "ko", "베트남");
  return ent_history_add_actor (history, actor, error);
}

static gboolean
edit_update_actor (EntHistory  *history,
                   GError     **error)
{
  g_autoptr(EntActor) actor = ent_actor_copy (ent_world_lookup_actor (ent_history_get_world (history), "JPN"));

  g_free (actor->name);
  actor->name = g_strdup ("Nippon");
  g_clear_pointer (&actor->note, g_free);
  actor->note = g_strdup ("Renamed for the test");
  return ent_history_update_actor (history, actor, error);
}

static gboolean
edit_remove_actor (EntHistory  *history,
                   GError     **error)
{
  return ent_history_remove_actor (history, "VNM", error);
}

static gboolean
edit_move_actor (EntHistory  *history,
                 GError     **error)
{
  return ent_history_set_actor_position (history, "KOR", TRUE, 10.5, 20.25, TRUE, error);
}

static gboolean
edit_pin_actor (EntHistory  *history,
                GError     **error)
{
  return ent_history_set_actor_position (history, "KOR", TRUE, 5.0, -5.0, TRUE, error);
}

static gboolean
edit_unplace_actor (EntHistory  *history,
                    GError     **error)
{
  return ent_history_set_actor_position (history, "KOR", FALSE, 0, 0, FALSE, error);
}

static gboolean
edit_add_relation (EntHistory  *history,
                   GError     **error)
{
  g_autoptr(EntRelation) relation = ent_relation_new (NULL, "MYS", "CHN", ENT_RELATION_TRADE);
  g_autofree char *id = NULL;

  relation->strength = 0.6;
  relation->since = d ("2005");
  if (!ent_history_add_relation (history, relation, &id, error))
    return FALSE;
  g_assert_nonnull (id);
  return TRUE;
}

static gboolean
edit_update_relation (EntHistory  *history,
                      GError     **error)
{
  EntWorld *world = ent_history_get_world (history);
  g_autoptr(EntRelation) relation = ent_relation_copy (ent_world_lookup_relation (world, "chn-rus-treaty"));

  relation->strength = 0.95;
  relation->until = d ("2030-01-01");
  g_free (relation->actor_b);
  relation->actor_b = g_strdup ("PRK");
  return ent_history_update_relation (history, relation, error);
}

static gboolean
edit_remove_relation (EntHistory  *history,
                      GError     **error)
{
  return ent_history_remove_relation (history, "kor-chn-relations", error);
}

static gboolean
edit_add_meeting (EntHistory  *history,
                  GError     **error)
{
  const char *who[] = { "JPN", "CHN", "KOR", NULL };
  g_autoptr(EntMeeting) meeting = ent_meeting_new (NULL, d ("2025-11-20"), ENT_MEETING_SUMMIT, who);

  meeting->title = g_strdup ("Trilateral summit");
  return ent_history_add_meeting (history, meeting, NULL, error);
}

static gboolean
edit_update_meeting (EntHistory  *history,
                     GError     **error)
{
  EntWorld *world = ent_history_get_world (history);
  g_autoptr(EntMeeting) meeting = ent_meeting_copy (ent_world_lookup_meeting (world, "apec-2025"));

  meeting->status = ENT_MEETING_HELD;
  meeting->outcome = ENT_OUTCOME_WARMED;
  return ent_history_update_meeting (history, meeting, error);
}

static gboolean
edit_remove_meeting (EntHistory  *history,
                     GError     **error)
{
  return ent_history_remove_meeting (history, "trump-xi-2025-10-30", error);
}

static gboolean
edit_add_bloc (EntHistory  *history,
               GError     **error)
{
  g_autoptr(EntBloc) bloc = ent_bloc_new ("quad", "Quad");

  bloc->color = g_strdup ("#336699");
  ent_bloc_add_member (bloc, "USA", d ("2007"), ENT_DATE_NONE);
  ent_bloc_add_member (bloc, "JPN", d ("2007"), ENT_DATE_NONE);
  return ent_history_add_bloc (history, bloc, error);
}

static gboolean
edit_update_bloc (EntHistory  *history,
                  GError     **error)
{
  EntWorld *world = ent_history_get_world (history);
  g_autoptr(EntBloc) bloc = ent_bloc_copy (ent_world_lookup_bloc (world, "kor-usa-jpn"));

  g_clear_pointer (&bloc->color, g_free);
  bloc->color = g_strdup ("#00aa55");
  g_ptr_array_remove_index (bloc->members, 0);
  return ent_history_update_bloc (history, bloc, error);
}

static gboolean
edit_remove_bloc (EntHistory  *history,
                  GError     **error)
{
  return ent_history_remove_bloc (history, "chn-rus-prk", error);
}

static gboolean
edit_remove_actor_with_ties (EntHistory  *history,
                             GError     **error)
{
  return ent_history_remove_actor_with_ties (history, "KOR", error);
}

static const RoundTrip round_trips[] = {
  { "add-actor", NULL, edit_add_actor, "Add Actor" },
  { "update-actor", NULL, edit_update_actor, "Edit Actor" },
  { "remove-actor", prepare_spare_actor, edit_remove_actor, "Remove Actor" },
  { "move-actor", NULL, edit_move_actor, "Move Actor" },
  { "pin-actor", prepare_position, edit_pin_actor, "Pin Actor" },
  { "unplace-actor", prepare_position, edit_unplace_actor, "Move Actor" },
  { "add-relation", NULL, edit_add_relation, "Add Relation" },
  { "update-relation", NULL, edit_update_relation, "Edit Relation" },
  { "remove-relation", NULL, edit_remove_relation, "Remove Relation" },
  { "add-meeting", NULL, edit_add_meeting, "Add Meeting" },
  { "update-meeting", NULL, edit_update_meeting, "Edit Meeting" },
  { "remove-meeting", NULL, edit_remove_meeting, "Remove Meeting" },
  { "add-bloc", NULL, edit_add_bloc, "Add Bloc" },
  { "update-bloc", NULL, edit_update_bloc, "Edit Bloc" },
  { "remove-bloc", NULL, edit_remove_bloc, "Remove Bloc" },
  { "remove-actor-with-ties", NULL, edit_remove_actor_with_ties, "Remove Actor and Its Ties" },
};

static void
assert_world_is (EntWorld   *world,
                 const char *expected)
{
  g_autofree char *data = serialize (world);

  g_assert_cmpstr (data, ==, expected);
}

static void
test_round_trip (gconstpointer data)
{
  const RoundTrip *trip = data;
  g_autoptr(EntWorld) world = load_dataset ();
  g_autoptr(EntHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;

  if (trip->prepare != NULL)
    trip->prepare (world);
  history = ent_history_new (world);
  before = serialize (world);

  g_assert_true (trip->edit (history, &error));
  g_assert_no_error (error);
  after = serialize (world);
  g_assert_cmpstr (after, !=, before);
  g_assert_cmpuint (ent_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (ent_history_get_undo_label (history), ==, trip->label);
  text = ent_history_dup_undo_text (history);
  g_assert_true (g_str_has_prefix (text, "Undo "));
  g_assert_true (g_str_has_suffix (text, trip->label));

  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (ent_history_undo (history, &error));
      g_assert_no_error (error);
      assert_world_is (world, before);
      g_assert_cmpstr (ent_history_get_redo_label (history), ==, trip->label);
      assert_graph_mirrors (world);
      g_assert_true (ent_history_redo (history, &error));
      g_assert_no_error (error);
      assert_world_is (world, after);
      assert_graph_mirrors (world);
    }
  g_assert_cmpuint (ent_history_get_n_undo (history), ==, 1);
  g_assert_cmpuint (ent_history_get_n_redo (history), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&history));
}

/* ---- Removing an actor and its ties ------------------------------------ */

static void
assert_strv (GStrv        strv,
             const char  *first,
             ...)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_ptr_array_add (expected, (gpointer) s);
  va_end (args);
  g_ptr_array_add (expected, NULL);
  g_assert_true (g_strv_equal ((const char * const *) strv, (const char * const *) expected->pdata));
}

static gboolean
bloc_names (const EntBloc *bloc,
            const char    *actor)
{
  for (guint i = 0; i < bloc->members->len; i++)
    if (g_str_equal (((EntBlocMember *) g_ptr_array_index (bloc->members, i))->actor, actor))
      return TRUE;
  return FALSE;
}

static void
test_remove_actor_with_ties (void)
{
  g_autoptr(EntWorld) world = load_dataset ();
  g_autoptr(EntHistory) history = ent_history_new (world);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = serialize (world);
  g_autofree char *after = NULL;
  guint n_relations = ent_world_get_n_relations (world);
  guint n_kor_relations = 0;

  for (guint i = 0; i < n_relations; i++)
    n_kor_relations += ent_relation_involves (ent_world_get_relation (world, i), "KOR");
  g_assert_cmpuint (n_kor_relations, ==, 6);

  /* The plain removal refuses, and records nothing. */
  g_assert_false (ent_history_remove_actor (history, "KOR", &error));
  g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_false (ent_history_get_can_undo (history));
  assert_world_is (world, before);

  g_assert_true (ent_history_remove_actor_with_ties (history, "KOR", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ent_history_get_n_undo (history), ==, 1);
  g_assert_null (ent_world_lookup_actor (world, "KOR"));
  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 7);
  g_assert_cmpuint (ent_world_get_n_relations (world), ==, n_relations - n_kor_relations);
  for (guint i = 0; i < ent_world_get_n_relations (world); i++)
    g_assert_false (ent_relation_involves (ent_world_get_relation (world, i), "KOR"));
  /* Four participants leave three; three leave two; pairs go. */
  assert_strv (ent_world_lookup_meeting (world, "asean-summit-2025")->participants, "JPN", "MYS", "ASEAN", NULL);
  assert_strv (ent_world_lookup_meeting (world, "apec-2025")->participants, "USA", "CHN", NULL);
  g_assert_null (ent_world_lookup_meeting (world, "lee-takaichi-2025-10-26"));
  g_assert_null (ent_world_lookup_meeting (world, "lee-trump-2025-10-29"));
  g_assert_null (ent_world_lookup_meeting (world, "lee-xi-2025-11-01"));
  g_assert_nonnull (ent_world_lookup_meeting (world, "trump-xi-2025-10-30"));
  g_assert_cmpuint (ent_world_get_n_meetings (world), ==, 3);
  g_assert_cmpuint (ent_world_get_n_blocs (world), ==, 3);
  for (guint i = 0; i < ent_world_get_n_blocs (world); i++)
    g_assert_false (bloc_names (ent_world_get_bloc (world, i), "KOR"));
  g_assert_cmpuint (ent_world_lookup_bloc (world, "kor-usa-jpn")->members->len, ==, 2);
  g_assert_cmpuint (ent_world_lookup_bloc (world, "apec")->members->len, ==, 5);
  assert_graph_mirrors (world);
  after = serialize (world);

  g_assert_true (ent_history_undo (history, &error));
  g_assert_no_error (error);
  assert_world_is (world, before);
  assert_graph_mirrors (world);
  g_assert_false (ent_history_get_can_undo (history));
  g_assert_true (ent_history_redo (history, &error));
  assert_world_is (world, after);
  g_assert_true (ent_history_undo (history, &error));
  assert_world_is (world, before);

  /* A redo that cannot complete (the world was edited behind the
   * history's back) puts back what it had done and reports why. */
  g_assert_true (ent_world_remove_meeting (world, "apec-2025", NULL));
  g_clear_pointer (&before, g_free);
  before = serialize (world);
  g_assert_false (ent_history_redo (history, &error));
  g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID);
  g_clear_error (&error);
  assert_world_is (world, before);
  assert_graph_mirrors (world);
  g_assert_cmpuint (ent_history_get_n_redo (history), ==, 1);
}

static void
test_remove_unused_actor_with_ties (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntHistory) history = ent_history_new (world);
  g_autoptr(GError) error = NULL;

  add_actor (world, "A");
  add_actor (world, "B");
  g_assert_true (ent_history_remove_actor_with_ties (history, "A", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ent_history_get_undo_label (history), ==, "Remove Actor");
  g_assert_true (ent_history_undo (history, &error));
  g_assert_cmpstr (actor_id_at (world, 0), ==, "A");
  g_assert_cmpstr (actor_id_at (world, 1), ==, "B");

  g_assert_false (ent_history_remove_actor_with_ties (history, "NOBODY", &error));
  g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID);
  g_assert_cmpuint (ent_history_get_n_redo (history), ==, 1);
}

/* ---- A random sequence of edits, undone and redone --------------------- */

#define RANDOM_STEPS 600

typedef struct
{
  EntWorld   *world;
  EntHistory *history;
  GRand      *rand;
  GPtrArray  *snapshots;   /* snapshots[k]: the world after k undo steps */
  guint       position;
  guint       counter;
  guint       n_ok;
  guint       n_failed;
  guint       n_undo;
  guint       n_redo;
} RandomRun;

static gboolean
chance (RandomRun *run,
        double     p)
{
  return g_rand_double (run->rand) < p;
}

static guint
pick (RandomRun *run,
      guint      n)
{
  return (guint) g_rand_int_range (run->rand, 0, (gint32) n);
}

static const char *
random_actor (RandomRun *run)
{
  guint n = ent_world_get_n_actors (run->world);

  if (n == 0 || chance (run, 0.08))
    return "NOBODY";
  return ent_world_get_actor (run->world, pick (run, n))->id;
}

static EntDate
random_date (RandomRun *run)
{
  EntDate date = ENT_DATE_NONE;

  date.year = (guint16) g_rand_int_range (run->rand, 1950, 2031);
  if (chance (run, 0.7))
    date.month = (guint8) g_rand_int_range (run->rand, 1, 13);
  if (date.month != 0 && chance (run, 0.7))
    date.day = (guint8) g_rand_int_range (run->rand, 1, 29);
  return date;
}

static char *
fresh_name (RandomRun  *run,
            const char *prefix)
{
  return g_strdup_printf ("%s%u", prefix, run->counter++);
}

static gboolean
random_add_actor (RandomRun  *run,
                  GError    **error)
{
  g_autofree char *id = NULL;
  g_autoptr(EntActor) actor = NULL;

  if (chance (run, 0.15))
    id = g_strdup (random_actor (run));
  else if (chance (run, 0.05))
    id = g_strdup ("");
  else
    id = fresh_name (run, "N");
  actor = ent_actor_new (id, chance (run, 0.07) ? "" : "Someone");
  actor->kind = pick (run, ENT_N_ACTOR_KINDS);
  if (chance (run, 0.3))
    {
      actor->has_position = TRUE;
      actor->x = g_rand_double_range (run->rand, -500, 500);
      actor->y = g_rand_double_range (run->rand, -500, 500);
      actor->pinned = chance (run, 0.5);
    }
  if (chance (run, 0.3))
    ent_actor_set_local_name (actor, "ko", "누군가");
  return ent_history_add_actor (run->history, actor, error);
}

static gboolean
random_update_actor (RandomRun  *run,
                     GError    **error)
{
  const char *id = random_actor (run);
  const EntActor *current = ent_world_lookup_actor (run->world, id);
  g_autoptr(EntActor) actor = current ? ent_actor_copy (current) : ent_actor_new (id, "Ghost");

  g_free (actor->name);
  actor->name = fresh_name (run, "Name ");
  g_free (actor->region);
  actor->region = chance (run, 0.5) ? g_strdup ("Somewhere") : NULL;
  actor->kind = chance (run, 0.05) ? ENT_N_ACTOR_KINDS : pick (run, ENT_N_ACTOR_KINDS);
  return ent_history_update_actor (run->history, actor, error);
}

static gboolean
random_move (RandomRun   *run,
             const char  *id,
             GError     **error)
{
  double x = chance (run, 0.04) ? NAN : g_rand_double_range (run->rand, -800, 800);
  double y = g_rand_double_range (run->rand, -800, 800);

  return ent_history_set_actor_position (run->history, id, chance (run, 0.85), x, y,
                                         chance (run, 0.4), error);
}

static gboolean
random_add_relation (RandomRun  *run,
                     GError    **error)
{
  g_autoptr(EntRelation) relation = NULL;
  g_autofree char *id = NULL;
  guint n = ent_world_get_n_relations (run->world);

  if (n > 0 && chance (run, 0.1))
    id = g_strdup (ent_world_get_relation (run->world, pick (run, n))->id);
  else if (chance (run, 0.4))
    id = fresh_name (run, "rel");
  relation = ent_relation_new (id, random_actor (run), random_actor (run), pick (run, ENT_N_RELATION_TYPES));
  relation->strength = chance (run, 0.05) ? 0.0 : g_rand_double_range (run->rand, 0.05, 1.0);
  if (chance (run, 0.5))
    relation->since = random_date (run);
  if (chance (run, 0.3))
    relation->until = random_date (run);
  if (chance (run, 0.5))
    relation->label = fresh_name (run, "Treaty, \"number\" ");
  return ent_history_add_relation (run->history, relation, NULL, error);
}

static gboolean
random_update_relation (RandomRun  *run,
                        GError    **error)
{
  guint n = ent_world_get_n_relations (run->world);
  g_autoptr(EntRelation) relation = NULL;

  if (n == 0 || chance (run, 0.08))
    relation = ent_relation_new ("no-such-relation", random_actor (run), random_actor (run), ENT_RELATION_TRADE);
  else
    relation = ent_relation_copy (ent_world_get_relation (run->world, pick (run, n)));
  relation->type = pick (run, ENT_N_RELATION_TYPES);
  relation->sign = chance (run, 0.05) ? 0 : ent_relation_type_default_sign (relation->type);
  relation->strength = g_rand_double_range (run->rand, 0.05, 1.0);
  if (chance (run, 0.3))
    {
      g_free (relation->actor_b);
      relation->actor_b = g_strdup (random_actor (run));
    }
  g_free (relation->note);
  relation->note = fresh_name (run, "note ");
  return ent_history_update_relation (run->history, relation, error);
}

static const char *
random_relation_id (RandomRun *run)
{
  guint n = ent_world_get_n_relations (run->world);

  if (n == 0 || chance (run, 0.1))
    return "no-such-relation";
  return ent_world_get_relation (run->world, pick (run, n))->id;
}

static GStrv
random_participants (RandomRun *run)
{
  guint n = (guint) g_rand_int_range (run->rand, 1, 5);
  GStrv participants = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    participants[i] = g_strdup (random_actor (run));
  return participants;
}

static gboolean
random_add_meeting (RandomRun  *run,
                    GError    **error)
{
  g_auto(GStrv) who = random_participants (run);
  g_autofree char *id = chance (run, 0.3) ? fresh_name (run, "meet") : NULL;
  g_autoptr(EntMeeting) meeting = NULL;

  meeting = ent_meeting_new (id, chance (run, 0.05) ? ENT_DATE_NONE : random_date (run),
                             pick (run, ENT_N_MEETING_KINDS), (const char * const *) who);
  meeting->status = pick (run, ENT_N_MEETING_STATUSES);
  meeting->outcome = pick (run, ENT_N_OUTCOMES);
  if (chance (run, 0.5))
    meeting->title = fresh_name (run, "Talks\n");
  return ent_history_add_meeting (run->history, meeting, NULL, error);
}

static const char *
random_meeting_id (RandomRun *run)
{
  guint n = ent_world_get_n_meetings (run->world);

  if (n == 0 || chance (run, 0.1))
    return "no-such-meeting";
  return ent_world_get_meeting (run->world, pick (run, n))->id;
}

static gboolean
random_update_meeting (RandomRun  *run,
                       GError    **error)
{
  const char *id = random_meeting_id (run);
  const EntMeeting *current = ent_world_lookup_meeting (run->world, id);
  g_autoptr(EntMeeting) meeting = NULL;

  if (current != NULL)
    meeting = ent_meeting_copy (current);
  else
    {
      const char *pair[] = { "KOR", "USA", NULL };

      meeting = ent_meeting_new (id, d ("2020"), ENT_MEETING_CALL, pair);
    }
  if (chance (run, 0.4))
    {
      g_strfreev (meeting->participants);
      meeting->participants = random_participants (run);
    }
  meeting->date = random_date (run);
  meeting->status = pick (run, ENT_N_MEETING_STATUSES);
  g_free (meeting->place);
  meeting->place = fresh_name (run, "Place ");
  return ent_history_update_meeting (run->history, meeting, error);
}

static void
random_members (RandomRun *run,
                EntBloc   *bloc)
{
  guint n = pick (run, 4);

  for (guint i = 0; i < n; i++)
    ent_bloc_add_member (bloc, random_actor (run),
                         chance (run, 0.5) ? random_date (run) : ENT_DATE_NONE, ENT_DATE_NONE);
}

static gboolean
random_add_bloc (RandomRun  *run,
                 GError    **error)
{
  guint n = ent_world_get_n_blocs (run->world);
  g_autofree char *id = NULL;
  g_autoptr(EntBloc) bloc = NULL;

  if (n > 0 && chance (run, 0.1))
    id = g_strdup (ent_world_get_bloc (run->world, pick (run, n))->id);
  else
    id = fresh_name (run, "bloc");
  bloc = ent_bloc_new (id, "A bloc");
  if (chance (run, 0.5))
    bloc->color = g_strdup (chance (run, 0.1) ? "red" : "#a0b0c0");
  random_members (run, bloc);
  return ent_history_add_bloc (run->history, bloc, error);
}

static const char *
random_bloc_id (RandomRun *run)
{
  guint n = ent_world_get_n_blocs (run->world);

  if (n == 0 || chance (run, 0.1))
    return "no-such-bloc";
  return ent_world_get_bloc (run->world, pick (run, n))->id;
}

static gboolean
random_update_bloc (RandomRun  *run,
                    GError    **error)
{
  const char *id = random_bloc_id (run);
  const EntBloc *current = ent_world_lookup_bloc (run->world, id);
  g_autoptr(EntBloc) bloc = current ? ent_bloc_copy (current) : ent_bloc_new (id, "Ghost");

  if (bloc->members->len > 0 && chance (run, 0.5))
    g_ptr_array_remove_index (bloc->members, pick (run, bloc->members->len));
  else
    random_members (run, bloc);
  g_free (bloc->description);
  bloc->description = fresh_name (run, "about ");
  return ent_history_update_bloc (run->history, bloc, error);
}

/* A drag: several moves of one or two actors, as one step. */
static gboolean
random_drag (RandomRun  *run,
             GError    **error)
{
  const char *first = random_actor (run);
  const char *second = random_actor (run);
  guint n = (guint) g_rand_int_range (run->rand, 1, 8);
  gboolean any = FALSE;

  ent_history_begin_group (run->history, "Drag");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) local_error = NULL;

      any |= random_move (run, chance (run, 0.7) ? first : second, &local_error);
    }
  ent_history_end_group (run->history);
  if (!any)
    g_set_error_literal (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID, "no move worked");
  return any;
}

static gboolean
random_edit (RandomRun  *run,
             guint       kind,
             GError    **error)
{
  switch (kind)
    {
    case 0: return random_add_actor (run, error);
    case 1: return random_update_actor (run, error);
    case 2: return ent_history_remove_actor (run->history, random_actor (run), error);
    case 3: return ent_history_remove_actor_with_ties (run->history, random_actor (run), error);
    case 4: return random_move (run, random_actor (run), error);
    case 5: return random_add_relation (run, error);
    case 6: return random_update_relation (run, error);
    case 7: return ent_history_remove_relation (run->history, random_relation_id (run), error);
    case 8: return random_add_meeting (run, error);
    case 9: return random_update_meeting (run, error);
    case 10: return ent_history_remove_meeting (run->history, random_meeting_id (run), error);
    case 11: return random_add_bloc (run, error);
    case 12: return random_update_bloc (run, error);
    case 13: return ent_history_remove_bloc (run->history, random_bloc_id (run), error);
    case 14: return random_drag (run, error);
    /* Adding is more common than removing, so that the world grows. */
    case 15: return random_add_actor (run, error);
    case 16: return random_add_relation (run, error);
    case 17: return random_add_meeting (run, error);
    default: g_assert_not_reached ();
    }
}

#define N_RANDOM_EDIT_KINDS 18

static void
random_step (RandomRun *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint undo_before = ent_history_get_n_undo (run->history);
  guint redo_before = ent_history_get_n_redo (run->history);
  guint roll = pick (run, 100);

  if (roll < 8 && ent_history_get_can_undo (run->history))
    {
      g_assert_true (ent_history_undo (run->history, &error));
      g_assert_no_error (error);
      run->position--;
      run->n_undo++;
      assert_world_is (run->world, g_ptr_array_index (run->snapshots, run->position));
      return;
    }
  if (roll < 18 && ent_history_get_can_redo (run->history))
    {
      g_assert_true (ent_history_redo (run->history, &error));
      g_assert_no_error (error);
      run->position++;
      run->n_redo++;
      assert_world_is (run->world, g_ptr_array_index (run->snapshots, run->position));
      return;
    }

  before = serialize (run->world);
  if (!random_edit (run, pick (run, N_RANDOM_EDIT_KINDS), &error))
    {
      /* Rejected: nothing changed, nothing recorded, redo kept. */
      g_assert_nonnull (error);
      assert_world_is (run->world, before);
      g_assert_cmpuint (ent_history_get_n_undo (run->history), ==, undo_before);
      g_assert_cmpuint (ent_history_get_n_redo (run->history), ==, redo_before);
      run->n_failed++;
      return;
    }
  g_assert_no_error (error);
  after = serialize (run->world);
  if (ent_history_get_n_undo (run->history) == undo_before)
    {
      /* A move to where the actor already was. */
      g_assert_cmpstr (after, ==, before);
      return;
    }
  g_assert_cmpuint (ent_history_get_n_undo (run->history), ==, undo_before + 1);
  g_assert_cmpuint (ent_history_get_n_redo (run->history), ==, 0);
  g_ptr_array_set_size (run->snapshots, run->position + 1);
  g_ptr_array_add (run->snapshots, g_steal_pointer (&after));
  run->position++;
  run->n_ok++;
}

static void
run_random_sequence (EntWorld *world,
                     guint32   seed)
{
  g_autoptr(EntHistory) history = ent_history_new (world);
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  RandomRun run = { 0 };

  run.world = world;
  run.history = history;
  run.rand = rand;
  run.snapshots = snapshots;
  g_ptr_array_add (snapshots, serialize (world));

  for (guint step = 0; step < RANDOM_STEPS; step++)
    {
      random_step (&run);
      g_assert_cmpuint (ent_history_get_n_undo (history), ==, run.position);
      g_assert_cmpuint (ent_history_get_n_redo (history), ==, snapshots->len - 1 - run.position);
    }
  g_test_message ("seed %u: %u recorded, %u rejected, %u undos, %u redos; %u actors, %u relations, %u meetings",
                  seed, run.n_ok, run.n_failed, run.n_undo, run.n_redo,
                  ent_world_get_n_actors (world), ent_world_get_n_relations (world),
                  ent_world_get_n_meetings (world));
  g_assert_cmpuint (run.n_ok, >=, RANDOM_STEPS / 4);
  g_assert_cmpuint (run.n_failed, >=, RANDOM_STEPS / 20);

  /* All the way back, through every intermediate world... */
  while (ent_history_get_can_undo (history))
    {
      g_assert_true (ent_history_undo (history, &error));
      g_assert_no_error (error);
      run.position--;
      assert_world_is (world, g_ptr_array_index (snapshots, run.position));
    }
  g_assert_cmpuint (run.position, ==, 0);
  assert_world_is (world, g_ptr_array_index (snapshots, 0));
  assert_graph_mirrors (world);

  /* ...and all the way forward again. */
  while (ent_history_get_can_redo (history))
    {
      g_assert_true (ent_history_redo (history, &error));
      g_assert_no_error (error);
      run.position++;
      assert_world_is (world, g_ptr_array_index (snapshots, run.position));
    }
  g_assert_cmpuint (run.position, ==, snapshots->len - 1);
  assert_graph_mirrors (world);
}

static const guint32 random_seeds[] = { 1, 7, 42, 2025, 31337, 271828 };

static void
test_random_dataset (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (random_seeds); i++)
    {
      g_autoptr(EntWorld) world = load_dataset ();

      run_random_sequence (world, random_seeds[i]);
    }
}

static void
test_random_empty (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (random_seeds); i++)
    {
      g_autoptr(EntWorld) world = ent_world_new ();

      run_random_sequence (world, random_seeds[i]);
    }
}

/* ---- Properties, the saved point, groups and the depth limit ------------ */

typedef struct
{
  guint can_undo;
  guint can_redo;
  guint is_modified;
  guint undo_label;
  guint redo_label;
} NotifyCounts;

static void
connect_counts (EntHistory   *history,
                NotifyCounts *counts)
{
  g_signal_connect (history, "notify::can-undo", G_CALLBACK (count_cb), &counts->can_undo);
  g_signal_connect (history, "notify::can-redo", G_CALLBACK (count_cb), &counts->can_redo);
  g_signal_connect (history, "notify::is-modified", G_CALLBACK (count_cb), &counts->is_modified);
  g_signal_connect (history, "notify::undo-label", G_CALLBACK (count_cb), &counts->undo_label);
  g_signal_connect (history, "notify::redo-label", G_CALLBACK (count_cb), &counts->redo_label);
}

#define assert_counts(c, u, r, m, ul, rl) G_STMT_START {  \
    g_assert_cmpuint ((c)->can_undo, ==, (u));           \
    g_assert_cmpuint ((c)->can_redo, ==, (r));           \
    g_assert_cmpuint ((c)->is_modified, ==, (m));        \
    g_assert_cmpuint ((c)->undo_label, ==, (ul));        \
    g_assert_cmpuint ((c)->redo_label, ==, (rl));        \
  } G_STMT_END

static gboolean
history_add_actor (EntHistory *history,
                   const char *id)
{
  g_autoptr(EntActor) actor = ent_actor_new (id, id);

  return ent_history_add_actor (history, actor, NULL);
}

static void
undo (EntHistory *history)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ent_history_undo (history, &error));
  g_assert_no_error (error);
}

static void
redo (EntHistory *history)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ent_history_redo (history, &error));
  g_assert_no_error (error);
}

static void
test_notify_and_saved_point (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntHistory) history = ent_history_new (world);
  g_autoptr(GError) error = NULL;
  NotifyCounts counts = { 0 };
  gboolean value;

  connect_counts (history, &counts);
  g_assert_false (ent_history_get_is_modified (history));
  g_assert_null (ent_history_get_undo_label (history));

  g_assert_true (history_add_actor (history, "A"));
  assert_counts (&counts, 1, 0, 1, 1, 0);
  g_object_get (history, "can-undo", &value, NULL);
  g_assert_true (value);
  g_object_get (history, "is-modified", &value, NULL);
  g_assert_true (value);

  /* Same values, same label: no notification. */
  g_assert_true (history_add_actor (history, "B"));
  assert_counts (&counts, 1, 0, 1, 1, 0);
  g_assert_true (ent_history_set_actor_position (history, "A", TRUE, 1, 2, FALSE, NULL));
  assert_counts (&counts, 1, 0, 1, 2, 0);
  g_assert_cmpstr (ent_history_get_undo_label (history), ==, "Move Actor");

  /* A move to where the actor is records nothing and notifies nothing. */
  g_assert_true (ent_history_set_actor_position (history, "A", TRUE, 1, 2, FALSE, NULL));
  g_assert_cmpuint (ent_history_get_n_undo (history), ==, 3);
  assert_counts (&counts, 1, 0, 1, 2, 0);

  undo (history);
  assert_counts (&counts, 1, 1, 1, 3, 1);
  undo (history);
  undo (history);
  /* Back at the start, which is the saved point of a new history. */
  assert_counts (&counts, 2, 1, 2, 4, 2);
  g_assert_false (ent_history_get_is_modified (history));
  g_assert_cmpstr (ent_history_get_redo_label (history), ==, "Add Actor");

  redo (history);
  redo (history);
  redo (history);
  assert_counts (&counts, 3, 2, 3, 6, 4);
  g_assert_true (ent_history_get_is_modified (history));

  ent_history_mark_saved (history);
  assert_counts (&counts, 3, 2, 4, 6, 4);
  g_assert_false (ent_history_get_is_modified (history));
  ent_history_mark_saved (history);
  assert_counts (&counts, 3, 2, 4, 6, 4);

  /* Undoing past the saved point modifies; coming back does not. */
  undo (history);
  g_assert_true (ent_history_get_is_modified (history));
  undo (history);
  g_assert_true (ent_history_get_is_modified (history));
  redo (history);
  redo (history);
  g_assert_false (ent_history_get_is_modified (history));
  assert_counts (&counts, 3, 4, 6, 8, 8);

  /* A rejected edit notifies nothing. */
  g_assert_false (history_add_actor (history, "A"));
  assert_counts (&counts, 3, 4, 6, 8, 8);

  /* A new edit after undoing past the saved point leaves it behind for
   * good: even at the same depth, the world is not the saved one. */
  undo (history);
  g_assert_true (history_add_actor (history, "C"));
  g_assert_false (ent_history_get_can_redo (history));
  g_assert_cmpuint (ent_history_get_n_undo (history), ==, 3);
  g_assert_true (ent_history_get_is_modified (history));
  undo (history);
  g_assert_true (ent_history_get_is_modified (history));
  undo (history);
  g_assert_true (ent_history_get_is_modified (history));
  ent_history_mark_saved (history);
  g_assert_false (ent_history_get_is_modified (history));

  /* Menu texts. */
  {
    g_autofree char *undo_text = ent_history_dup_undo_text (history);
    g_autofree char *redo_text = ent_history_dup_redo_text (history);

    g_assert_cmpstr (undo_text, ==, "Undo Add Actor");
    g_assert_cmpstr (redo_text, ==, "Redo Add Actor");
  }

  /* Nothing left to redo, or undo, is an error rather than a crash. */
  redo (history);
  redo (history);
  g_assert_false (ent_history_redo (history, &error));
  g_assert_error (error, ENT_HISTORY_ERROR, ENT_HISTORY_ERROR_NOTHING_TO_REDO);
  g_clear_error (&error);
  {
    g_autofree char *redo_text = ent_history_dup_redo_text (history);

    g_assert_cmpstr (redo_text, ==, "Redo");
  }
  undo (history);
  undo (history);
  undo (history);
  g_assert_false (ent_history_undo (history, &error));
  g_assert_error (error, ENT_HISTORY_ERROR, ENT_HISTORY_ERROR_NOTHING_TO_UNDO);

  g_assert_finalize_object (g_steal_pointer (&history));
}

static void
test_saved_point_in_group (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntHistory) history = ent_history_new (world);

  add_actor (world, "A");
  ent_history_begin_group (history, "Drag");
  g_assert_true (ent_history_set_actor_position (history, "A", TRUE, 1, 1, FALSE, NULL));
  /* Saved in the middle of a drag: the rest of the drag modifies, and
   * undo cannot stop half-way, so the saved point is gone. */
  ent_history_mark_saved (history);
  g_assert_false (ent_history_get_is_modified (history));
  g_assert_true (ent_history_set_actor_position (history, "A", TRUE, 2, 2, FALSE, NULL));
  g_assert_true (ent_history_get_is_modified (history));
  ent_history_end_group (history);
  undo (history);
  g_assert_true (ent_history_get_is_modified (history));
  redo (history);
  g_assert_true (ent_history_get_is_modified (history));
}

static void
test_groups (void)
{
  g_autoptr(EntWorld) world = load_dataset ();
  g_autoptr(EntHistory) history = ent_history_new (world);
  g_autofree char *before = serialize (world);
  g_autofree char *after = NULL;
  g_autofree char *middle = NULL;
  NotifyCounts counts = { 0 };
  guint changes = 0;

  connect_counts (history, &counts);

  /* An empty group records and notifies nothing. */
  ent_history_begin_group (history, "Nothing");
  ent_history_end_group (history);
  g_assert_cmpuint (ent_history_get_n_undo (history), ==, 0);
  assert_counts (&counts, 0, 0, 0, 0, 0);

  /* A drag: five moves of KOR, three of USA, two of KOR. */
  ent_history_begin_group (history, "Move Actors");
  for (guint i = 0; i < 5; i++)
    g_assert_true (ent_history_set_actor_position (history, "KOR", TRUE, i, -1.0 * i, TRUE, NULL));
  g_assert_cmpuint (ent_history_get_n_undo (history), ==, 1);
  g_assert_true (ent_history_get_can_undo (history));
  for (guint i = 0; i < 3; i++)
    g_assert_true (ent_history_set_actor_position (history, "USA", TRUE, 100 + i, 7, FALSE, NULL));
  for (guint i = 0; i < 2; i++)
    g_assert_true (ent_history_set_actor_position (history, "KOR", TRUE, 50 + i, 9, FALSE, NULL));
  /* Undo is not allowed half-way through a group. */
  g_test_expect_message ("entente-history", G_LOG_LEVEL_CRITICAL, "*group_depth == 0*");
  g_assert_false (ent_history_undo (history, NULL));
  g_test_assert_expected_messages ();
  ent_history_end_group (history);
  after = serialize (world);
  g_assert_cmpuint (ent_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (ent_history_get_undo_label (history), ==, "Move Actors");
  assert_counts (&counts, 1, 0, 1, 1, 0);

  /* The merged moves undo as three: KOR, USA, KOR. */
  g_signal_connect (world, "item-changed", G_CALLBACK (item_changed_cb), &changes);
  undo (history);
  g_assert_cmpuint (changes, ==, 3);
  assert_world_is (world, before);
  redo (history);
  g_assert_cmpuint (changes, ==, 6);
  assert_world_is (world, after);
  g_assert_cmpfloat (ent_world_lookup_actor (world, "KOR")->x, ==, 51);
  g_assert_cmpfloat (ent_world_lookup_actor (world, "USA")->x, ==, 102);

  /* Nested groups and mixed edits: one step, named by the outer group;
   * moves on either side of another edit do not merge. */
  middle = g_strdup (after);
  ent_history_begin_group (history, "Outer");
  ent_history_begin_group (history, "Inner");
  g_assert_true (ent_history_set_actor_position (history, "JPN", TRUE, 1, 1, FALSE, NULL));
  g_assert_true (history_add_actor (history, "VNM"));
  ent_history_end_group (history);
  g_assert_true (ent_history_set_actor_position (history, "JPN", TRUE, 2, 2, FALSE, NULL));
  ent_history_end_group (history);
  g_assert_cmpuint (ent_history_get_n_undo (history), ==, 2);
  g_assert_cmpstr (ent_history_get_undo_label (history), ==, "Outer");
  changes = 0;
  undo (history);
  g_assert_cmpuint (changes, ==, 3);
  assert_world_is (world, middle);
  undo (history);
  assert_world_is (world, before);

  /* A group's first edit clears the redo list, as any edit. */
  ent_history_begin_group (history, "Drag");
  g_assert_cmpuint (ent_history_get_n_redo (history), ==, 2);
  g_assert_true (ent_history_set_actor_position (history, "CHN", TRUE, 3, 3, FALSE, NULL));
  g_assert_cmpuint (ent_history_get_n_redo (history), ==, 0);
  ent_history_end_group (history);
}

static void
test_depth_limit (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntHistory) history = ent_history_new (world);
  guint max_depth = 0;
  guint depth_notified = 0;

  g_object_get (history, "max-depth", &max_depth, NULL);
  g_assert_cmpuint (max_depth, ==, ENT_HISTORY_DEFAULT_MAX_DEPTH);
  g_signal_connect (history, "notify::max-depth", G_CALLBACK (count_cb), &depth_notified);
  ent_history_set_max_depth (history, 5);
  ent_history_set_max_depth (history, 5);
  g_assert_cmpuint (depth_notified, ==, 1);

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *id = g_strdup_printf ("A%u", i);

      g_assert_true (history_add_actor (history, id));
      g_assert_cmpuint (ent_history_get_n_undo (history), ==, MIN (i + 1, 5));
    }
  for (guint i = 0; i < 5; i++)
    undo (history);
  g_assert_false (ent_history_get_can_undo (history));
  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 3);
  g_assert_cmpstr (actor_id_at (world, 2), ==, "A2");
  /* The saved point (the empty world) was dropped with the oldest steps. */
  g_assert_true (ent_history_get_is_modified (history));

  /* Lowering the limit drops the oldest steps at once. */
  for (guint i = 0; i < 5; i++)
    redo (history);
  g_object_set (history, "max-depth", 2, NULL);
  g_assert_cmpuint (ent_history_get_n_undo (history), ==, 2);
  undo (history);
  undo (history);
  g_assert_false (ent_history_get_can_undo (history));
  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 6);
  g_assert_cmpuint (ent_history_get_n_redo (history), ==, 2);
}

/* ---- Rejected edits and edits behind the history's back ---------------- */

static void
test_rejected_edits (void)
{
  g_autoptr(EntWorld) world = load_dataset ();
  g_autoptr(EntHistory) history = ent_history_new (world);
  g_autoptr(GError) error = NULL;
  g_autoptr(EntActor) nameless = ent_actor_new ("VNM", "");
  g_autoptr(EntActor) ghost = ent_actor_new ("GHOST", "Ghost");
  g_autoptr(EntRelation) self_tie = ent_relation_new (NULL, "KOR", "KOR", ENT_RELATION_TRADE);
  g_autoptr(EntRelation) unknown_relation = ent_relation_new ("nope", "KOR", "USA", ENT_RELATION_TRADE);
  const char *alone[] = { "KOR", NULL };
  g_autoptr(EntMeeting) lonely = ent_meeting_new (NULL, d ("2025-01-01"), ENT_MEETING_VISIT, alone);
  g_autoptr(EntMeeting) unknown_meeting = NULL;
  g_autoptr(EntBloc) bad_colour = ent_bloc_new ("new-bloc", "New");
  g_autoptr(EntBloc) unknown_bloc = ent_bloc_new ("nope", "Nope");
  g_autofree char *before = NULL;
  NotifyCounts counts = { 0 };
  const char *pair[] = { "KOR", "USA", NULL };

  unknown_meeting = ent_meeting_new ("nope", d ("2025-01-01"), ENT_MEETING_VISIT, pair);
  bad_colour->color = g_strdup ("blue");

  /* One step to undo and one to redo, which a rejected edit must keep. */
  g_assert_true (history_add_actor (history, "X1"));
  g_assert_true (history_add_actor (history, "X2"));
  undo (history);
  before = serialize (world);
  connect_counts (history, &counts);

#define REJECTED(call, domain, code) G_STMT_START {                     \
    g_assert_false (call);                                              \
    g_assert_error (error, domain, code);                               \
    g_clear_error (&error);                                             \
    g_assert_cmpuint (ent_history_get_n_undo (history), ==, 1);         \
    g_assert_cmpuint (ent_history_get_n_redo (history), ==, 1);         \
    assert_world_is (world, before);                                    \
  } G_STMT_END

  REJECTED (ent_history_add_actor (history, nameless, &error), ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_VALUE);
  REJECTED (ent_history_update_actor (history, ghost, &error), ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID);
  REJECTED (ent_history_remove_actor (history, "KOR", &error), ENT_WORLD_ERROR, ENT_WORLD_ERROR_IN_USE);
  REJECTED (ent_history_remove_actor (history, "GHOST", &error), ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID);
  REJECTED (ent_history_remove_actor_with_ties (history, "GHOST", &error), ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID);
  REJECTED (ent_history_set_actor_position (history, "KOR", TRUE, NAN, 0, FALSE, &error),
            ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_VALUE);
  REJECTED (ent_history_set_actor_position (history, "GHOST", TRUE, 0, 0, FALSE, &error),
            ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID);
  REJECTED (ent_history_add_relation (history, self_tie, NULL, &error), ENT_WORLD_ERROR, ENT_WORLD_ERROR_SELF_RELATION);
  REJECTED (ent_history_update_relation (history, unknown_relation, &error), ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID);
  REJECTED (ent_history_remove_relation (history, "nope", &error), ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID);
  REJECTED (ent_history_add_meeting (history, lonely, NULL, &error), ENT_WORLD_ERROR, ENT_WORLD_ERROR_TOO_FEW_PARTICIPANTS);
  REJECTED (ent_history_update_meeting (history, unknown_meeting, &error), ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID);
  REJECTED (ent_history_remove_meeting (history, "nope", &error), ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID);
  REJECTED (ent_history_add_bloc (history, bad_colour, &error), ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_VALUE);
  REJECTED (ent_history_update_bloc (history, unknown_bloc, &error), ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID);
  REJECTED (ent_history_remove_bloc (history, "nope", &error), ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID);
#undef REJECTED

  assert_counts (&counts, 0, 0, 0, 0, 0);
}

static void
test_direct_edits (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntHistory) history = ent_history_new (world);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  /* Direct edits are not recorded... */
  add_actor (world, "A");
  g_assert_false (ent_history_get_can_undo (history));

  /* ...and can make a recorded step impossible to undo: the undo fails,
   * leaving world and history as they were. */
  g_assert_true (history_add_actor (history, "B"));
  g_assert_true (ent_world_remove_actor (world, "B", NULL));
  before = serialize (world);
  g_assert_false (ent_history_undo (history, &error));
  g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID);
  assert_world_is (world, before);
  g_assert_cmpuint (ent_history_get_n_undo (history), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/world/insert", test_world_insert);
  for (guint i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      g_autofree char *path = g_strdup_printf ("/history/round-trip/%s", round_trips[i].name);

      g_test_add_data_func (path, &round_trips[i], test_round_trip);
    }
  g_test_add_func ("/history/remove-actor-with-ties", test_remove_actor_with_ties);
  g_test_add_func ("/history/remove-unused-actor-with-ties", test_remove_unused_actor_with_ties);
  g_test_add_func ("/history/random/dataset", test_random_dataset);
  g_test_add_func ("/history/random/empty", test_random_empty);
  g_test_add_func ("/history/notify-and-saved-point", test_notify_and_saved_point);
  g_test_add_func ("/history/saved-point-in-group", test_saved_point_in_group);
  g_test_add_func ("/history/groups", test_groups);
  g_test_add_func ("/history/depth-limit", test_depth_limit);
  g_test_add_func ("/history/rejected-edits", test_rejected_edits);
  g_test_add_func ("/history/direct-edits", test_direct_edits);

  return g_test_run ();
}
