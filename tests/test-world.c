/* test-world.c: the model, its validation, its queries and its igraph mirror
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ent-format-native.h"
#include "ent-igraph.h"
#include "ent-world.h"

static EntDate
d (const char *text)
{
  EntDate date;

  g_assert_true (ent_date_parse (text, &date, NULL));
  return date;
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
add_relation (EntWorld        *world,
              const char      *id,
              const char      *a,
              const char      *b,
              EntRelationType  type,
              const char      *since,
              const char      *until)
{
  g_autoptr(EntRelation) relation = ent_relation_new (id, a, b, type);
  g_autoptr(GError) error = NULL;

  if (since != NULL)
    relation->since = d (since);
  if (until != NULL)
    relation->until = d (until);
  g_assert_true (ent_world_add_relation (world, relation, NULL, &error));
  g_assert_no_error (error);
}

static void
add_meeting (EntWorld           *world,
             const char         *id,
             const char         *date,
             const char * const *participants)
{
  g_autoptr(EntMeeting) meeting = ent_meeting_new (id, d (date), ENT_MEETING_BILATERAL, participants);
  g_autoptr(GError) error = NULL;

  g_assert_true (ent_world_add_meeting (world, meeting, NULL, &error));
  g_assert_no_error (error);
}

/* Six actors, the treaties between them, two meetings and two blocs. */
static EntWorld *
create_sample_world (void)
{
  EntWorld *world = ent_world_new ();
  const char *ids[] = { "KOR", "USA", "JPN", "CHN", "RUS", "PRK" };
  g_autoptr(EntBloc) trilateral = ent_bloc_new ("tri", "Trilateral");
  g_autoptr(EntBloc) north = ent_bloc_new ("north", "North");

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    add_actor (world, ids[i]);
  add_relation (world, "kor-usa", "KOR", "USA", ENT_RELATION_ALLIANCE, "1953-10-01", NULL);
  add_relation (world, "usa-jpn", "USA", "JPN", ENT_RELATION_ALLIANCE, "1960-01-19", NULL);
  add_relation (world, "chn-prk", "CHN", "PRK", ENT_RELATION_ALLIANCE, "1961-07-11", NULL);
  add_relation (world, "rus-prk", "RUS", "PRK", ENT_RELATION_ALLIANCE, "2024-06-19", NULL);
  add_relation (world, "kor-prk", "KOR", "PRK", ENT_RELATION_ARMISTICE, "1953-07-27", NULL);
  add_relation (world, "usa-chn", "USA", "CHN", ENT_RELATION_RIVALRY, "2018", "2030");
  add_meeting (world, "m-kor-usa", "2025-10-29", (const char *[]) { "KOR", "USA", NULL });
  add_meeting (world, "m-usa-chn", "2025-10-30", (const char *[]) { "USA", "CHN", NULL });

  ent_bloc_add_member (trilateral, "KOR", d ("2023-08-18"), ENT_DATE_NONE);
  ent_bloc_add_member (trilateral, "USA", d ("2023-08-18"), ENT_DATE_NONE);
  ent_bloc_add_member (trilateral, "JPN", d ("2023-08-18"), ENT_DATE_NONE);
  g_assert_true (ent_world_add_bloc (world, trilateral, NULL));
  ent_bloc_add_member (north, "CHN", ENT_DATE_NONE, ENT_DATE_NONE);
  ent_bloc_add_member (north, "RUS", ENT_DATE_NONE, ENT_DATE_NONE);
  ent_bloc_add_member (north, "PRK", ENT_DATE_NONE, ENT_DATE_NONE);
  g_assert_true (ent_world_add_bloc (world, north, NULL));
  return world;
}

/* Every vertex is the actor of the same index and every edge joins the
 * actors of the relation of the same index. */
static void
assert_graph_in_step (EntWorld *world)
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

static void
test_world_build (void)
{
  g_autoptr(EntWorld) world = create_sample_world ();

  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 6);
  g_assert_cmpuint (ent_world_get_n_relations (world), ==, 6);
  g_assert_cmpuint (ent_world_get_n_meetings (world), ==, 2);
  g_assert_cmpuint (ent_world_get_n_blocs (world), ==, 2);
  g_assert_cmpstr (ent_world_lookup_actor (world, "PRK")->id, ==, "PRK");
  g_assert_null (ent_world_lookup_actor (world, "XYZ"));
  g_assert_cmpint (ent_world_get_actor_index (world, "JPN"), ==, 2);
  g_assert_cmpint (ent_world_lookup_relation (world, "kor-prk")->sign, ==, -1);
  g_assert_cmpint (ent_world_lookup_relation (world, "kor-usa")->sign, ==, 1);
  assert_graph_in_step (world);
}

typedef struct
{
  guint added, removed, updated, moved, changed, meetings_added;
} Counts;

static void
item_changed_cb (EntWorld   *world,
                 guint       kind,
                 guint       op,
                 const char *id,
                 Counts     *counts)
{
  switch (op)
    {
    case ENT_CHANGE_ADDED: counts->added++; break;
    case ENT_CHANGE_REMOVED: counts->removed++; break;
    case ENT_CHANGE_UPDATED: counts->updated++; break;
    case ENT_CHANGE_MOVED: counts->moved++; break;
    default: g_assert_not_reached ();
    }
}

static void
changed_cb (EntWorld *world,
            Counts   *counts)
{
  counts->changed++;
}

static void
meeting_added_cb (EntWorld   *world,
                  const char *id,
                  Counts     *counts)
{
  counts->meetings_added++;
}

static void
test_world_edits_and_signals (void)
{
  g_autoptr(EntWorld) world = create_sample_world ();
  g_autoptr(EntActor) renamed = NULL;
  g_autoptr(EntRelation) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_id = NULL;
  Counts counts = { 0 };

  g_signal_connect (world, "item-changed", G_CALLBACK (item_changed_cb), &counts);
  g_signal_connect (world, "changed", G_CALLBACK (changed_cb), &counts);
  g_signal_connect (world, "meeting-added", G_CALLBACK (meeting_added_cb), &counts);

  add_actor (world, "MYS");
  add_meeting (world, NULL, "2025-10-26", (const char *[]) { "KOR", "MYS", "JPN", NULL });
  g_assert_cmpuint (counts.added, ==, 2);
  g_assert_cmpuint (counts.meetings_added, ==, 1);

  renamed = ent_actor_copy (ent_world_lookup_actor (world, "KOR"));
  g_free (renamed->name);
  renamed->name = g_strdup ("Republic of Korea");
  g_assert_true (ent_world_update_actor (world, renamed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ent_world_lookup_actor (world, "KOR")->name, ==, "Republic of Korea");

  changed = ent_relation_copy (ent_world_lookup_relation (world, "usa-jpn"));
  g_free (changed->actor_a);
  changed->actor_a = g_strdup ("KOR");
  changed->type = ENT_RELATION_PARTNERSHIP;
  g_assert_true (ent_world_update_relation (world, changed, &error));
  assert_graph_in_step (world);

  g_assert_true (ent_world_set_actor_position (world, "JPN", TRUE, 10, -20, TRUE, &error));
  g_assert_true (ent_world_set_actor_position (world, "JPN", TRUE, 10, -20, TRUE, &error));
  g_assert_cmpuint (counts.moved, ==, 1);

  g_assert_true (ent_world_remove_relation (world, "kor-usa", &error));
  assert_graph_in_step (world);
  g_assert_true (ent_world_remove_relation (world, "usa-chn", &error));
  assert_graph_in_step (world);

  /* A relation without an id gets a fresh one. */
  {
    g_autoptr(EntRelation) relation = ent_relation_new (NULL, "MYS", "CHN", ENT_RELATION_TRADE);

    g_assert_true (ent_world_add_relation (world, relation, &new_id, &error));
    g_assert_nonnull (new_id);
    g_assert_nonnull (ent_world_lookup_relation (world, new_id));
  }

  g_assert_cmpuint (counts.updated, ==, 2);
  g_assert_cmpuint (counts.removed, ==, 2);
  g_assert_cmpuint (counts.changed, ==, counts.added + counts.removed + counts.updated + counts.moved);
  assert_graph_in_step (world);
}

static void
test_world_remove_actor (void)
{
  g_autoptr(EntWorld) world = create_sample_world ();
  g_autoptr(GError) error = NULL;

  /* Still named by relations, meetings and a bloc. */
  g_assert_false (ent_world_remove_actor (world, "PRK", &error));
  g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_IN_USE);
  g_assert_nonnull (ent_world_lookup_actor (world, "PRK"));
  g_clear_error (&error);

  add_actor (world, "MNG");
  add_actor (world, "VNM");
  add_relation (world, "v", "VNM", "CHN", ENT_RELATION_DISPUTE, NULL, NULL);
  g_assert_true (ent_world_remove_actor (world, "MNG", &error));
  g_assert_no_error (error);
  g_assert_null (ent_world_lookup_actor (world, "MNG"));
  /* Later actors moved down one index; the graph followed. */
  g_assert_cmpint (ent_world_get_actor_index (world, "VNM"), ==, 6);
  assert_graph_in_step (world);
}

typedef gboolean (*BadEdit) (EntWorld *world, GError **error);

static gboolean
bad_duplicate_actor (EntWorld *world, GError **error)
{
  g_autoptr(EntActor) actor = ent_actor_new ("KOR", "Korea again");
  return ent_world_add_actor (world, actor, error);
}

static gboolean
bad_empty_actor_id (EntWorld *world, GError **error)
{
  g_autoptr(EntActor) actor = ent_actor_new ("", "Nobody");
  return ent_world_add_actor (world, actor, error);
}

static gboolean
bad_infinite_position (EntWorld *world, GError **error)
{
  g_autoptr(EntActor) actor = ent_actor_new ("FRA", "France");
  actor->has_position = TRUE;
  actor->x = INFINITY;
  return ent_world_add_actor (world, actor, error);
}

static gboolean
bad_unknown_actor (EntWorld *world, GError **error)
{
  g_autoptr(EntRelation) relation = ent_relation_new ("x", "KOR", "XYZ", ENT_RELATION_ALLIANCE);
  return ent_world_add_relation (world, relation, NULL, error);
}

static gboolean
bad_self_relation (EntWorld *world, GError **error)
{
  g_autoptr(EntRelation) relation = ent_relation_new ("x", "KOR", "KOR", ENT_RELATION_ALLIANCE);
  return ent_world_add_relation (world, relation, NULL, error);
}

static gboolean
bad_until_before_since (EntWorld *world, GError **error)
{
  g_autoptr(EntRelation) relation = ent_relation_new ("x", "KOR", "JPN", ENT_RELATION_PARTNERSHIP);
  relation->since = d ("1965-06-22");
  relation->until = d ("1965-06-21");
  return ent_world_add_relation (world, relation, NULL, error);
}

static gboolean
bad_unknown_type (EntWorld *world, GError **error)
{
  g_autoptr(EntRelation) relation = ent_relation_new ("x", "KOR", "JPN", ENT_RELATION_PARTNERSHIP);
  relation->type = (EntRelationType) 99;
  return ent_world_add_relation (world, relation, NULL, error);
}

static gboolean
bad_strength (EntWorld *world, GError **error)
{
  g_autoptr(EntRelation) relation = ent_relation_new ("x", "KOR", "JPN", ENT_RELATION_PARTNERSHIP);
  relation->strength = NAN;
  return ent_world_add_relation (world, relation, NULL, error);
}

static gboolean
bad_duplicate_relation (EntWorld *world, GError **error)
{
  g_autoptr(EntRelation) relation = ent_relation_new ("kor-usa", "KOR", "JPN", ENT_RELATION_PARTNERSHIP);
  return ent_world_add_relation (world, relation, NULL, error);
}

static gboolean
bad_one_participant (EntWorld *world, GError **error)
{
  g_autoptr(EntMeeting) meeting = ent_meeting_new ("x", d ("2025-11-01"), ENT_MEETING_SUMMIT,
                                                   (const char *[]) { "KOR", NULL });
  return ent_world_add_meeting (world, meeting, NULL, error);
}

static gboolean
bad_repeated_participant (EntWorld *world, GError **error)
{
  g_autoptr(EntMeeting) meeting = ent_meeting_new ("x", d ("2025-11-01"), ENT_MEETING_SUMMIT,
                                                   (const char *[]) { "KOR", "KOR", NULL });
  return ent_world_add_meeting (world, meeting, NULL, error);
}

static gboolean
bad_impossible_date (EntWorld *world, GError **error)
{
  /* The struct can hold what the parser refuses; the world refuses it too. */
  g_autoptr(EntMeeting) meeting = ent_meeting_new ("x", (EntDate) { 2025, 2, 30 }, ENT_MEETING_SUMMIT,
                                                   (const char *[]) { "KOR", "CHN", NULL });
  return ent_world_add_meeting (world, meeting, NULL, error);
}

static gboolean
bad_undated_meeting (EntWorld *world, GError **error)
{
  g_autoptr(EntMeeting) meeting = ent_meeting_new ("x", ENT_DATE_NONE, ENT_MEETING_SUMMIT,
                                                   (const char *[]) { "KOR", "CHN", NULL });
  return ent_world_add_meeting (world, meeting, NULL, error);
}

static gboolean
bad_bloc_member (EntWorld *world, GError **error)
{
  g_autoptr(EntBloc) bloc = ent_bloc_new ("b", "B");
  ent_bloc_add_member (bloc, "ATL", ENT_DATE_NONE, ENT_DATE_NONE);
  return ent_world_add_bloc (world, bloc, error);
}

static gboolean
bad_bloc_colour (EntWorld *world, GError **error)
{
  g_autoptr(EntBloc) bloc = ent_bloc_new ("b", "B");
  bloc->color = g_strdup ("blue");
  return ent_world_add_bloc (world, bloc, error);
}

static gboolean
bad_update_unknown (EntWorld *world, GError **error)
{
  g_autoptr(EntActor) actor = ent_actor_new ("ATL", "Atlantis");
  return ent_world_update_actor (world, actor, error);
}

static gboolean
bad_update_invalid (EntWorld *world, GError **error)
{
  g_autoptr(EntRelation) relation = ent_relation_copy (ent_world_lookup_relation (world, "kor-usa"));
  relation->until = d ("1900");
  return ent_world_update_relation (world, relation, error);
}

static gboolean
bad_remove_unknown (EntWorld *world, GError **error)
{
  return ent_world_remove_meeting (world, "nope", error);
}

static const struct {
  const char *name;
  BadEdit     edit;
  int         code;
  const char *words;   /* the message names the problem */
} bad_edits[] = {
  { "duplicate actor", bad_duplicate_actor, ENT_WORLD_ERROR_DUPLICATE_ID, "KOR" },
  { "empty actor id", bad_empty_actor_id, ENT_WORLD_ERROR_INVALID_ID, "id" },
  { "infinite position", bad_infinite_position, ENT_WORLD_ERROR_INVALID_VALUE, "FRA" },
  { "unknown actor", bad_unknown_actor, ENT_WORLD_ERROR_UNKNOWN_ID, "XYZ" },
  { "self relation", bad_self_relation, ENT_WORLD_ERROR_SELF_RELATION, "KOR" },
  { "until before since", bad_until_before_since, ENT_WORLD_ERROR_DATE_ORDER, "1965-06-21" },
  { "unknown type", bad_unknown_type, ENT_WORLD_ERROR_UNKNOWN_TYPE, "type" },
  { "strength", bad_strength, ENT_WORLD_ERROR_INVALID_VALUE, "strength" },
  { "duplicate relation", bad_duplicate_relation, ENT_WORLD_ERROR_DUPLICATE_ID, "kor-usa" },
  { "one participant", bad_one_participant, ENT_WORLD_ERROR_TOO_FEW_PARTICIPANTS, "found 1" },
  { "repeated participant", bad_repeated_participant, ENT_WORLD_ERROR_DUPLICATE_ID, "twice" },
  { "impossible date", bad_impossible_date, ENT_WORLD_ERROR_INVALID_DATE, "2025-02-30" },
  { "undated meeting", bad_undated_meeting, ENT_WORLD_ERROR_INVALID_DATE, "date" },
  { "unknown bloc member", bad_bloc_member, ENT_WORLD_ERROR_UNKNOWN_ID, "ATL" },
  { "bloc colour", bad_bloc_colour, ENT_WORLD_ERROR_INVALID_VALUE, "blue" },
  { "update unknown", bad_update_unknown, ENT_WORLD_ERROR_UNKNOWN_ID, "ATL" },
  { "update invalid", bad_update_invalid, ENT_WORLD_ERROR_DATE_ORDER, "1900" },
  { "remove unknown", bad_remove_unknown, ENT_WORLD_ERROR_UNKNOWN_ID, "nope" },
};

static void
count_any_cb (EntWorld *world,
              guint    *count)
{
  (*count)++;
}

/* Each rejected edit leaves the world byte for byte as it was, emits
 * nothing, and says what was wrong. */
static void
test_world_rejected_edits (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_edits); i++)
    {
      g_autoptr(EntWorld) world = create_sample_world ();
      g_autoptr(GError) error = NULL;
      g_autofree char *before = ent_native_to_data (world, NULL);
      g_autofree char *after = NULL;
      guint emissions = 0;
      guint64 revision = ent_world_get_revision (world);

      g_test_message ("bad edit: %s", bad_edits[i].name);
      g_signal_connect (world, "changed", G_CALLBACK (count_any_cb), &emissions);
      g_assert_false (bad_edits[i].edit (world, &error));
      g_assert_cmpuint (ent_world_get_revision (world), ==, revision);
      g_assert_error (error, ENT_WORLD_ERROR, bad_edits[i].code);
      g_assert_nonnull (strstr (error->message, bad_edits[i].words));
      after = ent_native_to_data (world, NULL);
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpuint (emissions, ==, 0);
      assert_graph_in_step (world);
    }
}

/* Every change moves the revision on, while frozen too, and nothing
 * else does: what is worked out from a world can be kept while it stays. */
static void
test_world_revision (void)
{
  g_autoptr(EntWorld) world = create_sample_world ();
  g_autoptr(EntRelation) changed = ent_relation_new ("usa-chn", "USA", "CHN", ENT_RELATION_TRADE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ties = NULL;
  guint64 revision = ent_world_get_revision (world);

  /* Queries leave it. */
  ties = ent_world_get_ties (world, ENT_DATE_NONE);
  g_assert_nonnull (ent_world_lookup_actor (world, "KOR"));
  g_assert_cmpuint (ent_world_get_revision (world), ==, revision);

#define MOVED_ON(edit) \
  G_STMT_START { \
    edit; \
    g_assert_cmpuint (ent_world_get_revision (world), >, revision); \
    revision = ent_world_get_revision (world); \
  } G_STMT_END

  MOVED_ON (add_actor (world, "MYS"));
  MOVED_ON (add_relation (world, "mys-chn", "MYS", "CHN", ENT_RELATION_TRADE, NULL, NULL));
  MOVED_ON (g_assert_true (ent_world_update_relation (world, changed, &error)));
  MOVED_ON (add_meeting (world, "m-mys-chn", "2025-10-31", (const char *[]) { "MYS", "CHN", NULL }));
  MOVED_ON (g_assert_true (ent_world_remove_meeting (world, "m-mys-chn", &error)));
  MOVED_ON (g_assert_true (ent_world_set_actor_position (world, "JPN", TRUE, 10, -20, TRUE, &error)));
  MOVED_ON (g_assert_true (ent_world_remove_relation (world, "mys-chn", &error)));
  MOVED_ON (g_assert_true (ent_world_remove_actor (world, "MYS", &error)));
  g_assert_no_error (error);

  /* Frozen: each edit, and the thaw. */
  ent_world_freeze (world);
  MOVED_ON (add_actor (world, "VNM"));
  MOVED_ON (g_assert_true (ent_world_thaw (world, &error)));
  g_assert_no_error (error);
#undef MOVED_ON
}

static gboolean
contains_index (GArray *array,
                guint   value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, guint, i) == value)
      return TRUE;
  return FALSE;
}

static guint
idx (EntWorld   *world,
     const char *id)
{
  int index = ent_world_get_actor_index (world, id);

  g_assert_cmpint (index, >=, 0);
  return (guint) index;
}

static void
test_world_queries (void)
{
  g_autoptr(EntWorld) world = create_sample_world ();
  g_autoptr(GArray) prk_1990 = ent_world_get_neighbours (world, idx (world, "PRK"), d ("1990"));
  g_autoptr(GArray) prk_now = ent_world_get_neighbours (world, idx (world, "PRK"), d ("2025-11-01"));
  g_autoptr(GArray) usa_before = ent_world_get_neighbours (world, idx (world, "USA"), d ("2025-10-28"));
  g_autoptr(GArray) usa_after = ent_world_get_neighbours (world, idx (world, "USA"), d ("2025-10-31"));
  g_autoptr(GPtrArray) between = ent_world_get_relations_between (world, "USA", "KOR", ENT_DATE_NONE);
  g_autoptr(GPtrArray) before_treaty = ent_world_get_relations_between (world, "USA", "KOR", d ("1953-09-30"));
  g_autoptr(GPtrArray) of_usa = ent_world_get_relations_of (world, "USA", d ("2031"));
  g_autoptr(GPtrArray) meetings = ent_world_get_meetings_of (world, "USA", ENT_DATE_NONE);
  g_autoptr(GPtrArray) meetings_early = ent_world_get_meetings_of (world, "USA", d ("2025-10-29"));
  g_autoptr(GPtrArray) blocs_2020 = ent_world_get_blocs_of (world, "JPN", d ("2020"));
  g_autoptr(GPtrArray) blocs_2024 = ent_world_get_blocs_of (world, "JPN", d ("2024"));
  g_autoptr(GArray) tri_2023 = ent_world_get_bloc_members (world, 0, d ("2023-09"));
  g_autoptr(GArray) tri_2022 = ent_world_get_bloc_members (world, 0, d ("2022"));
  EntDate first, last;

  /* Before the 2024 treaty, North Korea's ties were China's and South Korea's. */
  g_assert_cmpuint (prk_1990->len, ==, 2);
  g_assert_true (contains_index (prk_1990, idx (world, "CHN")));
  g_assert_true (contains_index (prk_1990, idx (world, "KOR")));
  g_assert_cmpuint (prk_now->len, ==, 3);
  g_assert_true (contains_index (prk_now, idx (world, "RUS")));

  /* The 2025-10-30 meeting adds no new neighbour (rivalry already ties
   * the U.S. and China), the 10-29 one is there from that day. */
  g_assert_true (contains_index (usa_before, idx (world, "KOR")));
  g_assert_cmpuint (usa_before->len, ==, usa_after->len);

  g_assert_cmpuint (between->len, ==, 1);
  g_assert_cmpuint (before_treaty->len, ==, 0);
  /* The rivalry ends in 2030. */
  g_assert_cmpuint (of_usa->len, ==, 2);

  g_assert_cmpuint (meetings->len, ==, 2);
  g_assert_cmpstr (((EntMeeting *) g_ptr_array_index (meetings, 0))->id, ==, "m-kor-usa");
  g_assert_cmpuint (meetings_early->len, ==, 1);

  g_assert_cmpuint (blocs_2020->len, ==, 0);
  g_assert_cmpuint (blocs_2024->len, ==, 1);
  g_assert_cmpuint (tri_2023->len, ==, 3);
  g_assert_cmpuint (tri_2022->len, ==, 0);

  ent_world_get_date_range (world, &first, &last);
  g_assert_true (ent_date_equal (first, d ("1953-07-27")));
  g_assert_true (ent_date_equal (last, d ("2030-01-01")));
}

static const EntTie *
find_tie (GArray     *ties,
          guint       a,
          guint       b,
          EntTieKind  kind)
{
  for (guint i = 0; i < ties->len; i++)
    {
      const EntTie *tie = &g_array_index (ties, EntTie, i);

      if (tie->a == MIN (a, b) && tie->b == MAX (a, b) && tie->kind == kind)
        return tie;
    }
  return NULL;
}

static void
test_world_ties (void)
{
  g_autoptr(EntWorld) world = create_sample_world ();
  g_autoptr(GArray) ties = NULL;
  g_autoptr(GArray) later = NULL;
  const EntTie *kor_usa, *kor_usa_later;
  guint kor = idx (world, "KOR"), usa = idx (world, "USA"), chn = idx (world, "CHN");

  add_meeting (world, "again", "2025-11-15", (const char *[]) { "KOR", "USA", "CHN", NULL });

  ties = ent_world_get_ties (world, d ("2025-11-01"));
  kor_usa = find_tie (ties, kor, usa, ENT_TIE_MEETINGS);
  g_assert_nonnull (kor_usa);
  g_assert_cmpuint (kor_usa->n_meetings, ==, 1);
  g_assert_cmpint (kor_usa->sign, ==, 1);
  g_assert_cmpfloat (kor_usa->weight, >, 0.0);
  g_assert_cmpfloat (kor_usa->weight, <, 1.0);
  g_assert_null (find_tie (ties, kor, chn, ENT_TIE_MEETINGS));
  g_assert_nonnull (find_tie (ties, kor, usa, ENT_TIE_RELATION));

  later = ent_world_get_ties (world, d ("2025-12-01"));
  kor_usa_later = find_tie (later, kor, usa, ENT_TIE_MEETINGS);
  g_assert_cmpuint (kor_usa_later->n_meetings, ==, 2);
  /* Meeting more often makes the tie stronger. */
  g_assert_cmpfloat (kor_usa_later->weight, >, kor_usa->weight);
  g_assert_nonnull (find_tie (later, kor, chn, ENT_TIE_MEETINGS));
}

static void
test_world_meeting_weight_decays (void)
{
  g_autoptr(EntWorld) world = create_sample_world ();
  g_autoptr(GArray) soon = ent_world_get_ties (world, d ("2025-11-01"));
  g_autoptr(GArray) years_later = ent_world_get_ties (world, d ("2030-01-01"));
  guint kor = idx (world, "KOR"), usa = idx (world, "USA");

  /* The same meeting weighs less as it recedes into the past. */
  g_assert_cmpfloat (find_tie (years_later, kor, usa, ENT_TIE_MEETINGS)->weight, <,
                     find_tie (soon, kor, usa, ENT_TIE_MEETINGS)->weight / 4);
}

static void
test_world_tie_graph (void)
{
  g_autoptr(EntWorld) world = create_sample_world ();
  g_autoptr(GArray) ties = ent_world_get_ties (world, d ("2025-11-01"));
  g_autoptr(GError) error = NULL;
  igraph_t graph;
  igraph_vector_t weights;
  igraph_vector_int_t signs;

  g_assert_true (ent_world_build_tie_graph (world, d ("2025-11-01"), &graph, &weights, &signs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (igraph_vcount (&graph), ==, 6);
  g_assert_cmpint (igraph_ecount (&graph), ==, ties->len);
  for (guint i = 0; i < ties->len; i++)
    {
      g_assert_cmpfloat (VECTOR (weights)[i], ==, g_array_index (ties, EntTie, i).weight);
      g_assert_cmpint (VECTOR (signs)[i], ==, g_array_index (ties, EntTie, i).sign);
    }
  igraph_destroy (&graph);
  igraph_vector_destroy (&weights);
  igraph_vector_int_destroy (&signs);
}

/* An igraph failure becomes a GError: the process carries on. */
static void
test_world_igraph_errors (void)
{
  g_autoptr(GError) error = NULL;
  igraph_vector_int_t edges;
  igraph_t graph;
  igraph_error_t code;

  ent_igraph_init ();
  g_assert_cmpint (igraph_vector_int_init_int (&edges, 3, 0, 1, 2), ==, IGRAPH_SUCCESS);
  /* An edge list of odd length is invalid: igraph's default handler
   * would abort here. */
  code = igraph_create (&graph, &edges, 3, IGRAPH_UNDIRECTED);
  igraph_vector_int_destroy (&edges);
  g_assert_cmpint (code, !=, IGRAPH_SUCCESS);
  g_assert_false (ent_igraph_check (code, "Creating a graph", &error));
  g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_IGRAPH);
  g_assert_nonnull (strstr (error->message, "Creating a graph"));
}

static void
test_world_leaders (void)
{
  g_autoptr(EntActor) actor = ent_actor_new ("USA", "United States");
  EntLeader *biden = ent_leader_new ("Joe Biden", "President");
  EntLeader *trump = ent_leader_new ("Donald Trump", "President");

  biden->since = d ("2021-01-20");
  biden->until = d ("2025-01-20");
  trump->since = d ("2025-01-20");
  g_ptr_array_add (actor->leaders, biden);
  g_ptr_array_add (actor->leaders, trump);

  g_assert_cmpstr (ent_actor_get_leader_at (actor, d ("2023"))->name, ==, "Joe Biden");
  g_assert_cmpstr (ent_actor_get_leader_at (actor, d ("2025-01-20"))->name, ==, "Donald Trump");
  g_assert_cmpstr (ent_actor_get_leader_at (actor, d ("2025-10-29"))->name, ==, "Donald Trump");
  g_assert_cmpstr (ent_actor_get_leader_at (actor, ENT_DATE_NONE)->name, ==, "Donald Trump");
  g_assert_null (ent_actor_get_leader_at (actor, d ("2020")));
}

static void
test_world_freeze (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  guint emissions = 0;

  g_signal_connect (world, "changed", G_CALLBACK (count_any_cb), &emissions);
  ent_world_freeze (world);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("A%u", i);

      add_actor (world, id);
      if (i > 0)
        {
          g_autofree char *prev = g_strdup_printf ("A%u", i - 1);

          add_relation (world, NULL, prev, id, ENT_RELATION_TRADE, NULL, NULL);
        }
    }
  g_assert_cmpuint (emissions, ==, 0);
  g_assert_true (ent_world_thaw (world, NULL));
  g_assert_cmpuint (emissions, ==, 1);
  assert_graph_in_step (world);
}

/* Each relation's tie joins its two actors, whether read from the igraph
 * mirror or, while frozen, by id. */
static void
assert_tie_ends (EntWorld *world)
{
  g_autoptr(GArray) ties = ent_world_get_ties (world, ENT_DATE_NONE);
  guint n_relation_ties = 0;

  for (guint i = 0; i < ties->len; i++)
    {
      const EntTie *tie = &g_array_index (ties, EntTie, i);
      const EntRelation *relation;
      int a, b;

      if (tie->kind != ENT_TIE_RELATION)
        continue;
      n_relation_ties++;
      relation = ent_world_get_relation (world, tie->relation);
      a = ent_world_get_actor_index (world, relation->actor_a);
      b = ent_world_get_actor_index (world, relation->actor_b);
      g_assert_cmpint (tie->a, ==, MIN (a, b));
      g_assert_cmpint (tie->b, ==, MAX (a, b));
    }
  g_assert_cmpuint (n_relation_ties, ==, ent_world_get_n_relations (world));
}

static void
test_world_ties_ends (void)
{
  g_autoptr(EntWorld) world = create_sample_world ();
  g_autoptr(EntRelation) moved = NULL;
  g_autoptr(GError) error = NULL;

  assert_tie_ends (world);
  g_assert_true (ent_world_remove_relation (world, "usa-jpn", &error));
  g_assert_no_error (error);
  assert_tie_ends (world);
  moved = ent_relation_copy (ent_world_lookup_relation (world, "chn-prk"));
  g_free (moved->actor_b);
  moved->actor_b = g_strdup ("JPN");
  g_assert_true (ent_world_update_relation (world, moved, &error));
  g_assert_no_error (error);
  assert_tie_ends (world);
  add_actor (world, "MYS");
  add_relation (world, "mys-kor", "MYS", "KOR", ENT_RELATION_TRADE, "1960", NULL);
  assert_tie_ends (world);

  /* Frozen, the mirror lags behind: the ties must not. */
  ent_world_freeze (world);
  add_actor (world, "VNM");
  add_relation (world, "vnm-mys", "VNM", "MYS", ENT_RELATION_TRADE, "1990", NULL);
  g_assert_true (ent_world_remove_relation (world, "kor-usa", &error));
  g_assert_no_error (error);
  assert_tie_ends (world);
  g_assert_true (ent_world_thaw (world, &error));
  g_assert_no_error (error);
  assert_tie_ends (world);
}

/* The world keeps a copy of every string of an item (in one block with
 * the item, for actors and relations), whatever the caller does with its
 * own afterwards, and gives out items that copy and free as usual. */
static void
test_world_own_copies (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = NULL;
  g_autoptr(EntActor) copied = NULL;
  g_autoptr(EntRelation) again = NULL;
  EntActor *actor = ent_actor_new ("FRA", "France");
  EntRelation *relation;
  const EntActor *kept;
  const EntRelation *held;

  actor->region = g_strdup ("Europe");
  actor->note = g_strdup ("a note");
  ent_actor_set_local_name (actor, "fr", "la France");
  g_ptr_array_add (actor->leaders, ent_leader_new ("A Leader", "President"));
  actor->extra = json_object_new ();
  json_object_set_string_member (actor->extra, "flag", "tricolour");
  g_assert_true (ent_world_add_actor (world, actor, &error));
  g_assert_no_error (error);
  ent_actor_free (actor);
  add_actor (world, "DEU");
  add_actor (world, "ITA");

  kept = ent_world_lookup_actor (world, "FRA");
  g_assert_nonnull (kept);
  g_assert_cmpstr (kept->id, ==, "FRA");
  g_assert_cmpstr (kept->name, ==, "France");
  g_assert_cmpstr (kept->region, ==, "Europe");
  g_assert_cmpstr (kept->note, ==, "a note");
  g_assert_cmpstr (g_hash_table_lookup (kept->names, "fr"), ==, "la France");
  g_assert_cmpuint (kept->leaders->len, ==, 1);
  g_assert_cmpstr (((EntLeader *) g_ptr_array_index (kept->leaders, 0))->title, ==, "President");
  g_assert_cmpstr (json_object_get_string_member (kept->extra, "flag"), ==, "tricolour");

  /* An update replaces every string; a copy of the result is an ordinary item. */
  copied = ent_actor_copy (kept);
  g_clear_pointer (&copied->name, g_free);
  copied->name = g_strdup ("French Republic");
  g_clear_pointer (&copied->region, g_free);
  g_assert_true (ent_world_update_actor (world, copied, &error));
  g_assert_no_error (error);
  kept = ent_world_lookup_actor (world, "FRA");
  g_assert_cmpstr (kept->name, ==, "French Republic");
  g_assert_null (kept->region);
  g_assert_cmpstr (kept->note, ==, "a note");
  g_assert_cmpuint (kept->leaders->len, ==, 1);

  relation = ent_relation_new (NULL, "FRA", "DEU", ENT_RELATION_ALLIANCE);
  relation->label = g_strdup ("Élysée");
  relation->source = g_strdup ("https://example.org/treaty");
  relation->strength = 0.75;
  relation->since = d ("1963-01-22");
  g_assert_true (ent_world_add_relation (world, relation, &fresh, &error));
  g_assert_no_error (error);
  g_clear_pointer (&relation->actor_b, g_free);
  relation->actor_b = g_strdup ("ITA");
  g_assert_true (ent_world_insert_relation (world, 0, relation, &error));
  g_assert_no_error (error);
  ent_relation_free (relation);

  held = ent_world_lookup_relation (world, fresh);
  g_assert_nonnull (held);
  g_assert_cmpstr (held->id, ==, fresh);
  g_assert_cmpstr (held->actor_a, ==, "FRA");
  g_assert_cmpstr (held->actor_b, ==, "DEU");
  g_assert_cmpstr (held->label, ==, "Élysée");
  g_assert_cmpstr (held->source, ==, "https://example.org/treaty");
  g_assert_null (held->note);
  g_assert_cmpfloat (held->strength, ==, 0.75);
  g_assert_cmpuint (held->since.year, ==, 1963);
  held = ent_world_get_relation (world, 0);
  g_assert_cmpstr (held->actor_b, ==, "ITA");
  g_assert_cmpstr (held->label, ==, "Élysée");
  g_assert_cmpstr (held->id, !=, fresh);
  g_assert_true (ent_world_lookup_relation (world, held->id) == held);

  again = ent_relation_copy (ent_world_lookup_relation (world, fresh));
  g_clear_pointer (&again->label, g_free);
  again->note = g_strdup ("renewed");
  g_assert_true (ent_world_update_relation (world, again, &error));
  g_assert_no_error (error);
  held = ent_world_lookup_relation (world, fresh);
  g_assert_null (held->label);
  g_assert_cmpstr (held->note, ==, "renewed");
  g_assert_cmpstr (held->actor_a, ==, "FRA");
  g_assert_true (ent_world_remove_relation (world, fresh, &error));
  g_assert_no_error (error);
  g_assert_null (ent_world_lookup_relation (world, fresh));
  g_assert_cmpuint (ent_world_get_n_relations (world), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/world/build", test_world_build);
  g_test_add_func ("/world/edits-and-signals", test_world_edits_and_signals);
  g_test_add_func ("/world/remove-actor", test_world_remove_actor);
  g_test_add_func ("/world/rejected-edits", test_world_rejected_edits);
  g_test_add_func ("/world/revision", test_world_revision);
  g_test_add_func ("/world/queries", test_world_queries);
  g_test_add_func ("/world/ties", test_world_ties);
  g_test_add_func ("/world/ties-ends", test_world_ties_ends);
  g_test_add_func ("/world/meeting-weight-decays", test_world_meeting_weight_decays);
  g_test_add_func ("/world/tie-graph", test_world_tie_graph);
  g_test_add_func ("/world/igraph-errors", test_world_igraph_errors);
  g_test_add_func ("/world/leaders", test_world_leaders);
  g_test_add_func ("/world/freeze", test_world_freeze);
  g_test_add_func ("/world/own-copies", test_world_own_copies);

  return g_test_run ();
}
