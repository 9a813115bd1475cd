/* test-dataset.c: the bundled Northeast Asia 2025 dataset holds what it claims
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>
#include <gio/gio.h>

#include "ent-date.h"
#include "ent-world.h"
#include "ent-format-native.h"

#define DATASET_NAME "northeast-asia-2025.entente.json"
#define ARTICLE_SOURCE \
  "Dong-A Ilbo (English edition), 'President Lee to face busy week of diplomacy', 2025-10-25"

/* ---- Helpers ----------------------------------------------------------- */

static char *
dataset_path (void)
{
  const char *root = g_getenv ("ENTENTE_SOURCE_ROOT");

  if (root != NULL && *root != '\0')
    return g_build_filename (root, "data", "datasets", DATASET_NAME, NULL);
  /* G_TEST_SRCDIR is tests/; the dataset lives beside it. */
  return g_test_build_filename (G_TEST_DIST, "..", "data", "datasets", DATASET_NAME, NULL);
}

static EntWorld *
load_dataset (void)
{
  g_autofree char *path = dataset_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  EntWorld *world;

  world = ent_native_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (world);
  return world;
}

static EntDate
date (const char *text)
{
  g_autoptr(GError) error = NULL;
  EntDate result = ENT_DATE_NONE;

  g_assert_true (ent_date_parse (text, &result, &error));
  g_assert_no_error (error);
  return result;
}

static gboolean
strv_contains_all (const char * const *haystack,
                   const char * const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    if (!g_strv_contains (haystack, needles[i]))
      return FALSE;
  return TRUE;
}

static gboolean
pair_has_relation_of_type (EntWorld        *world,
                           const char      *a,
                           const char      *b,
                           EntRelationType  type,
                           EntDate          at)
{
  g_autoptr(GPtrArray) between = ent_world_get_relations_between (world, a, b, at);

  for (guint i = 0; i < between->len; i++)
    {
      const EntRelation *relation = g_ptr_array_index (between, i);

      if (relation->type == type)
        return TRUE;
    }
  return FALSE;
}

static const EntTie *
find_meeting_tie (GArray     *ties,
                  EntWorld   *world,
                  const char *a,
                  const char *b)
{
  int ia = ent_world_get_actor_index (world, a);
  int ib = ent_world_get_actor_index (world, b);

  g_assert_cmpint (ia, >=, 0);
  g_assert_cmpint (ib, >=, 0);
  for (guint i = 0; i < ties->len; i++)
    {
      const EntTie *tie = &g_array_index (ties, EntTie, i);

      if (tie->kind == ENT_TIE_MEETINGS &&
          tie->a == (guint) MIN (ia, ib) && tie->b == (guint) MAX (ia, ib))
        return tie;
    }
  return NULL;
}

/* ---- Document ---------------------------------------------------------- */

static void
test_document (void)
{
  g_autoptr(EntWorld) world = load_dataset ();
  const EntDocumentInfo *info = ent_world_get_info (world);

  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 8);
  g_assert_cmpuint (ent_world_get_n_relations (world), ==, 16);
  g_assert_cmpuint (ent_world_get_n_meetings (world), ==, 6);
  g_assert_cmpuint (ent_world_get_n_blocs (world), ==, 3);

  g_assert_nonnull (info);
  g_assert_cmpstr (info->author, ==, "Entente contributors");
  g_assert_nonnull (info->title);
  g_assert_cmpuint (strlen (info->title), >, 0);
  g_assert_nonnull (info->description);
  g_assert_nonnull (strstr (info->description, "flash summit"));
  g_assert_nonnull (info->sources);
  g_assert_true (g_strv_contains ((const char * const *) info->sources, ARTICLE_SOURCE));
}

/* Saving and loading again keeps every item. */
static void
test_round_trip (void)
{
  g_autoptr(EntWorld) world = load_dataset ();
  g_autoptr(EntWorld) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  char *data;

  data = ent_native_to_data (world, &length);
  g_assert_nonnull (data);
  bytes = g_bytes_new_take (data, length);
  again = ent_native_load_bytes (bytes, DATASET_NAME, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpuint (ent_world_get_n_actors (again), ==, ent_world_get_n_actors (world));
  g_assert_cmpuint (ent_world_get_n_relations (again), ==, ent_world_get_n_relations (world));
  g_assert_cmpuint (ent_world_get_n_meetings (again), ==, ent_world_get_n_meetings (world));
  g_assert_cmpuint (ent_world_get_n_blocs (again), ==, ent_world_get_n_blocs (world));
}

/* ---- Actors and leaders ------------------------------------------------ */

static const struct
{
  const char   *id;
  const char   *name;
  const char   *korean;
  EntActorKind  kind;
} actor_cases[] = {
  { "KOR", "South Korea", "대한민국", ENT_ACTOR_STATE },
  { "USA", "United States", "미국", ENT_ACTOR_STATE },
  { "JPN", "Japan", "일본", ENT_ACTOR_STATE },
  { "CHN", "China", "중국", ENT_ACTOR_STATE },
  { "RUS", "Russia", "러시아", ENT_ACTOR_STATE },
  { "PRK", "North Korea", "북한", ENT_ACTOR_STATE },
  { "MYS", "Malaysia", "말레이시아", ENT_ACTOR_STATE },
  { "ASEAN", "Association of Southeast Asian Nations", "아세안", ENT_ACTOR_ORGANISATION },
};

static void
test_actors (void)
{
  g_autoptr(EntWorld) world = load_dataset ();

  for (guint i = 0; i < G_N_ELEMENTS (actor_cases); i++)
    {
      const EntActor *actor = ent_world_lookup_actor (world, actor_cases[i].id);

      g_test_message ("actor %s", actor_cases[i].id);
      g_assert_nonnull (actor);
      g_assert_cmpstr (actor->name, ==, actor_cases[i].name);
      g_assert_cmpint (actor->kind, ==, actor_cases[i].kind);
      g_assert_nonnull (actor->region);
      g_assert_nonnull (actor->names);
      g_assert_cmpstr (g_hash_table_lookup (actor->names, "ko"), ==, actor_cases[i].korean);
    }
}

static const struct
{
  const char *actor;
  const char *at;
  const char *leader;     /* NULL: nobody listed */
  const char *title;      /* NULL: not checked */
  const char *since;      /* NULL: not checked */
} leader_cases[] = {
  /* The four leaders the article names, as of its date. */
  { "KOR", "2025-10-25", "Lee Jae-myung", "President of the Republic of Korea", "2025-06-04" },
  { "USA", "2025-10-25", "Donald Trump", "President of the United States", "2025-01-20" },
  { "CHN", "2025-10-25", "Xi Jinping", "President of the People's Republic of China", "2013-03-14" },
  { "JPN", "2025-10-25", "Sanae Takaichi", "Prime Minister of Japan", "2025-10-21" },
  /* The other heads of government on the map. */
  { "RUS", "2025-10-25", "Vladimir Putin", NULL, "2012-05-07" },
  { "PRK", "2025-10-25", "Kim Jong Un", NULL, "2011-12" },
  { "MYS", "2025-10-25", "Anwar Ibrahim", "Prime Minister of Malaysia", "2022-11-24" },
  /* Predecessors, so that earlier dates show the right person. */
  { "KOR", "2023-01-01", "Yoon Suk Yeol", NULL, "2022-05-10" },
  { "KOR", "2025-05-01", NULL, NULL, NULL },
  { "USA", "2022-01-01", "Joe Biden", NULL, "2021-01-20" },
  { "USA", "2018-06-12", "Donald Trump", NULL, "2017-01-20" },
  { "USA", "2025-01-20", "Donald Trump", NULL, "2025-01-20" },
  { "JPN", "2025-01-01", "Shigeru Ishiba", NULL, "2024-10-01" },
  { "JPN", "2025-10-21", "Sanae Takaichi", NULL, "2025-10-21" },
};

static void
test_leaders (void)
{
  g_autoptr(EntWorld) world = load_dataset ();

  for (guint i = 0; i < G_N_ELEMENTS (leader_cases); i++)
    {
      const EntActor *actor = ent_world_lookup_actor (world, leader_cases[i].actor);
      const EntLeader *leader;

      g_test_message ("leader of %s at %s", leader_cases[i].actor, leader_cases[i].at);
      g_assert_nonnull (actor);
      leader = ent_actor_get_leader_at (actor, date (leader_cases[i].at));
      if (leader_cases[i].leader == NULL)
        {
          g_assert_null (leader);
          continue;
        }
      g_assert_nonnull (leader);
      g_assert_cmpstr (leader->name, ==, leader_cases[i].leader);
      if (leader_cases[i].title != NULL)
        g_assert_cmpstr (leader->title, ==, leader_cases[i].title);
      if (leader_cases[i].since != NULL)
        g_assert_true (ent_date_equal (leader->since, date (leader_cases[i].since)));
    }
}

/* ---- Meetings ---------------------------------------------------------- */

static const struct
{
  const char     *id;
  const char     *date;
  EntMeetingKind  kind;
  const char     *participants[5];  /* NULL-terminated, the full set */
  const char     *place;            /* NULL: none given */
  const char     *topics[3];        /* NULL-terminated, topics that must appear */
} meeting_cases[] = {
  { "asean-summit-2025", "2025-10-26", ENT_MEETING_MULTILATERAL,
    { "KOR", "JPN", "MYS", "ASEAN", NULL }, "Malaysia", { NULL } },
  { "lee-takaichi-2025-10-26", "2025-10-26", ENT_MEETING_BILATERAL,
    { "KOR", "JPN", NULL }, "Malaysia", { NULL } },
  { "lee-trump-2025-10-29", "2025-10-29", ENT_MEETING_BILATERAL,
    { "KOR", "USA", NULL }, "Gyeongju, South Korea", { "trade agreement", NULL } },
  { "trump-xi-2025-10-30", "2025-10-30", ENT_MEETING_BILATERAL,
    { "USA", "CHN", NULL }, NULL, { "rare earths", "tariffs", NULL } },
  { "apec-2025", "2025-10-31", ENT_MEETING_MULTILATERAL,
    { "KOR", "USA", "CHN", NULL }, "Gyeongju, South Korea", { NULL } },
  { "lee-xi-2025-11-01", "2025-11-01", ENT_MEETING_BILATERAL,
    { "KOR", "CHN", NULL }, "Gyeongju, South Korea",
    { "North Korean denuclearization", "regional issues", NULL } },
};

static void
test_meetings (void)
{
  g_autoptr(EntWorld) world = load_dataset ();

  for (guint i = 0; i < G_N_ELEMENTS (meeting_cases); i++)
    {
      const EntMeeting *meeting = ent_world_lookup_meeting (world, meeting_cases[i].id);
      const char * const *participants;

      g_test_message ("meeting %s", meeting_cases[i].id);
      g_assert_nonnull (meeting);
      g_assert_true (ent_date_equal (meeting->date, date (meeting_cases[i].date)));
      g_assert_cmpint (meeting->kind, ==, meeting_cases[i].kind);
      /* Reported as scheduled on 2025-10-25: planned, no outcome claimed. */
      g_assert_cmpint (meeting->status, ==, ENT_MEETING_PLANNED);
      g_assert_cmpint (meeting->outcome, ==, ENT_OUTCOME_NEUTRAL);
      g_assert_cmpstr (meeting->source, ==, ARTICLE_SOURCE);
      g_assert_nonnull (meeting->title);

      participants = (const char * const *) meeting->participants;
      g_assert_cmpuint (g_strv_length (meeting->participants), ==,
                        g_strv_length ((char **) meeting_cases[i].participants));
      g_assert_true (strv_contains_all (participants, meeting_cases[i].participants));

      g_assert_cmpstr (meeting->place, ==, meeting_cases[i].place);
      if (meeting_cases[i].topics[0] != NULL)
        {
          g_assert_nonnull (meeting->topics);
          g_assert_true (strv_contains_all ((const char * const *) meeting->topics,
                                            meeting_cases[i].topics));
        }
    }
}

/* The possible U.S.-North Korea "flash summit" is only a possibility. */
static void
test_no_speculative_meeting (void)
{
  g_autoptr(EntWorld) world = load_dataset ();

  for (guint i = 0; i < ent_world_get_n_meetings (world); i++)
    {
      const EntMeeting *meeting = ent_world_get_meeting (world, i);

      g_assert_false (ent_meeting_involves (meeting, "USA") && ent_meeting_involves (meeting, "PRK"));
    }
}

/* ---- Blocs ------------------------------------------------------------- */

static const struct
{
  const char *bloc;
  const char *actor;
  const char *at;
  gboolean    member;
} bloc_cases[] = {
  { "kor-usa-jpn", "KOR", "2025-10-25", TRUE },
  { "kor-usa-jpn", "USA", "2025-10-25", TRUE },
  { "kor-usa-jpn", "JPN", "2025-10-25", TRUE },
  { "kor-usa-jpn", "KOR", "2023-08-18", TRUE },
  { "kor-usa-jpn", "KOR", "2023-08-17", FALSE },
  { "kor-usa-jpn", "CHN", "2025-10-25", FALSE },
  { "chn-rus-prk", "CHN", "2025-10-25", TRUE },
  { "chn-rus-prk", "RUS", "2025-10-25", TRUE },
  { "chn-rus-prk", "PRK", "2025-10-25", TRUE },
  { "chn-rus-prk", "KOR", "2025-10-25", FALSE },
  { "chn-rus-prk", "USA", "2025-10-25", FALSE },
  { "apec", "KOR", "1989", TRUE },
  { "apec", "USA", "1989", TRUE },
  { "apec", "JPN", "1989", TRUE },
  { "apec", "CHN", "1990", FALSE },
  { "apec", "CHN", "1991", TRUE },
  { "apec", "RUS", "1997", FALSE },
  { "apec", "RUS", "1998", TRUE },
  { "apec", "PRK", "2025-10-25", FALSE },
};

static void
test_blocs (void)
{
  g_autoptr(EntWorld) world = load_dataset ();
  static const char *blocs[] = { "kor-usa-jpn", "chn-rus-prk" };

  for (guint i = 0; i < G_N_ELEMENTS (bloc_cases); i++)
    {
      const EntBloc *bloc = ent_world_lookup_bloc (world, bloc_cases[i].bloc);

      g_test_message ("%s in %s at %s", bloc_cases[i].actor, bloc_cases[i].bloc, bloc_cases[i].at);
      g_assert_nonnull (bloc);
      g_assert_cmpint (ent_bloc_has_member_at (bloc, bloc_cases[i].actor, date (bloc_cases[i].at)),
                       ==, bloc_cases[i].member);
    }

  /* The two groupings the article names: three members each, coloured. */
  for (guint i = 0; i < G_N_ELEMENTS (blocs); i++)
    {
      g_autoptr(GArray) members = NULL;
      const EntBloc *bloc = ent_world_lookup_bloc (world, blocs[i]);
      guint index;

      g_assert_nonnull (bloc);
      g_assert_nonnull (bloc->color);
      g_assert_cmpuint (strlen (bloc->color), ==, 7);
      g_assert_nonnull (bloc->source);
      for (index = 0; index < ent_world_get_n_blocs (world); index++)
        if (ent_world_get_bloc (world, index) == bloc)
          break;
      g_assert_cmpuint (index, <, ent_world_get_n_blocs (world));
      members = ent_world_get_bloc_members (world, index, date ("2025-10-25"));
      g_assert_cmpuint (members->len, ==, 3);
    }
  g_assert_cmpstr (ent_world_lookup_bloc (world, "kor-usa-jpn")->name, ==,
                   "South Korea–U.S.–Japan trilateral");
  g_assert_cmpstr (ent_world_lookup_bloc (world, "chn-rus-prk")->name, ==,
                   "China–Russia–North Korea");
  g_assert_cmpstr (ent_world_lookup_bloc (world, "chn-rus-prk")->source, ==, ARTICLE_SOURCE);
  g_assert_cmpstr (ent_world_lookup_bloc (world, "kor-usa-jpn")->color, !=,
                   ent_world_lookup_bloc (world, "chn-rus-prk")->color);
}

/* Every bloc and leader has its Korean name, as every actor has, so that
 * the Korean interface shows no English name on the map or in the list. */
static void
test_korean_names (void)
{
  static const struct
  {
    const char *english;
    const char *korean;
  } leader_names[] = {
    { "Yoon Suk Yeol", "윤석열" },
    { "Lee Jae-myung", "이재명" },
    { "Donald Trump", "도널드 트럼프" },
    { "Joe Biden", "조 바이든" },
    { "Shigeru Ishiba", "이시바 시게루" },
    { "Sanae Takaichi", "다카이치 사나에" },
    { "Xi Jinping", "시진핑" },
    { "Vladimir Putin", "블라디미르 푸틴" },
    { "Kim Jong Un", "김정은" },
    { "Anwar Ibrahim", "안와르 이브라힘" },
  };
  static const struct
  {
    const char *id;
    const char *korean;
  } bloc_names[] = {
    { "kor-usa-jpn", "한미일 3국 협력" },
    { "chn-rus-prk", "북중러" },
    { "apec", "아시아태평양경제협력체(APEC)" },
  };
  g_autoptr(EntWorld) world = load_dataset ();
  guint n_leaders = 0;

  for (guint i = 0; i < ent_world_get_n_actors (world); i++)
    {
      const EntActor *actor = ent_world_get_actor (world, i);

      for (guint j = 0; j < actor->leaders->len; j++, n_leaders++)
        {
          const EntLeader *leader = g_ptr_array_index (actor->leaders, j);
          const char *korean = NULL;

          for (guint k = 0; k < G_N_ELEMENTS (leader_names); k++)
            if (g_str_equal (leader->name, leader_names[k].english))
              korean = leader_names[k].korean;
          g_test_message ("leader %s of %s", leader->name, actor->id);
          g_assert_nonnull (korean);
          g_assert_nonnull (leader->names);
          g_assert_cmpuint (g_hash_table_size (leader->names), ==, 1);
          g_assert_cmpstr (g_hash_table_lookup (leader->names, "ko"), ==, korean);
          /* Every title too, and only in Korean. */
          g_assert_nonnull (leader->title);
          g_assert_nonnull (leader->titles);
          g_assert_cmpuint (g_hash_table_size (leader->titles), ==, 1);
          g_assert_nonnull (g_hash_table_lookup (leader->titles, "ko"));
        }
    }
  g_assert_cmpstr (g_hash_table_lookup (((EntLeader *) g_ptr_array_index (
                       ent_world_lookup_actor (world, "KOR")->leaders, 1))->titles, "ko"), ==, "대한민국 대통령");
  g_assert_cmpstr (g_hash_table_lookup (((EntLeader *) g_ptr_array_index (
                       ent_world_lookup_actor (world, "JPN")->leaders, 1))->titles, "ko"), ==, "일본 총리");
  /* Trump's two terms are two entries. */
  g_assert_cmpuint (n_leaders, ==, G_N_ELEMENTS (leader_names) + 1);

  /* Every relation's label and every meeting's title. */
  for (guint i = 0; i < ent_world_get_n_relations (world); i++)
    {
      const EntRelation *relation = ent_world_get_relation (world, i);

      g_test_message ("relation %s", relation->id);
      g_assert_nonnull (relation->label);
      g_assert_nonnull (relation->labels);
      g_assert_nonnull (g_hash_table_lookup (relation->labels, "ko"));
    }
  for (guint i = 0; i < ent_world_get_n_meetings (world); i++)
    {
      const EntMeeting *meeting = ent_world_get_meeting (world, i);

      g_test_message ("meeting %s", meeting->id);
      g_assert_nonnull (meeting->title);
      g_assert_nonnull (meeting->titles);
      g_assert_nonnull (g_hash_table_lookup (meeting->titles, "ko"));
    }
  g_assert_cmpstr (g_hash_table_lookup (ent_world_lookup_relation (world, "kor-usa-mdt")->labels, "ko"), ==,
                   "한미상호방위조약");
  g_assert_cmpstr (g_hash_table_lookup (ent_world_lookup_meeting (world, "apec-2025")->titles, "ko"), ==,
                   "경주 APEC 정상회의");

  g_assert_cmpuint (ent_world_get_n_blocs (world), ==, G_N_ELEMENTS (bloc_names));
  for (guint i = 0; i < G_N_ELEMENTS (bloc_names); i++)
    {
      const EntBloc *bloc = ent_world_lookup_bloc (world, bloc_names[i].id);

      g_assert_nonnull (bloc);
      g_assert_nonnull (bloc->names);
      g_assert_cmpstr (g_hash_table_lookup (bloc->names, "ko"), ==, bloc_names[i].korean);
    }
}

static void
test_blocs_of (void)
{
  g_autoptr(EntWorld) world = load_dataset ();
  g_autoptr(GPtrArray) of_korea = ent_world_get_blocs_of (world, "KOR", date ("2025-10-25"));
  g_autoptr(GPtrArray) of_korea_2020 = ent_world_get_blocs_of (world, "KOR", date ("2020"));
  g_autoptr(GPtrArray) of_north = ent_world_get_blocs_of (world, "PRK", date ("2025-10-25"));
  gboolean trilateral = FALSE, apec = FALSE;

  for (guint i = 0; i < of_korea->len; i++)
    {
      const EntBloc *bloc = g_ptr_array_index (of_korea, i);

      g_assert_cmpstr (bloc->id, !=, "chn-rus-prk");
      trilateral = trilateral || g_str_equal (bloc->id, "kor-usa-jpn");
      apec = apec || g_str_equal (bloc->id, "apec");
    }
  g_assert_true (trilateral);
  g_assert_true (apec);

  /* Before Camp David, South Korea is only in APEC. */
  g_assert_cmpuint (of_korea_2020->len, ==, 1);
  g_assert_cmpstr (((const EntBloc *) g_ptr_array_index (of_korea_2020, 0))->id, ==, "apec");

  g_assert_cmpuint (of_north->len, ==, 1);
  g_assert_cmpstr (((const EntBloc *) g_ptr_array_index (of_north, 0))->id, ==, "chn-rus-prk");
}

/* ---- Relations --------------------------------------------------------- */

static const struct
{
  const char      *id;
  const char      *a;
  const char      *b;
  EntRelationType  type;
  int              sign;
  const char      *since;   /* NULL: undated */
} relation_cases[] = {
  { "kor-usa-mdt", "KOR", "USA", ENT_RELATION_ALLIANCE, 1, "1953-10-01" },
  { "usa-jpn-security-treaty", "USA", "JPN", ENT_RELATION_ALLIANCE, 1, "1960-01-19" },
  { "chn-prk-treaty", "CHN", "PRK", ENT_RELATION_ALLIANCE, 1, "1961-07-11" },
  { "rus-prk-treaty", "RUS", "PRK", ENT_RELATION_ALLIANCE, 1, "2024-06-19" },
  { "chn-rus-treaty", "CHN", "RUS", ENT_RELATION_PARTNERSHIP, 1, "2001-07-16" },
  { "kor-chn-relations", "KOR", "CHN", ENT_RELATION_PARTNERSHIP, 1, "1992-08-24" },
  { "kor-jpn-basic-treaty", "KOR", "JPN", ENT_RELATION_PARTNERSHIP, 1, "1965-06-22" },
  { "kor-prk-armistice", "KOR", "PRK", ENT_RELATION_ARMISTICE, -1, "1953-07-27" },
  { "usa-prk-armistice", "USA", "PRK", ENT_RELATION_ARMISTICE, -1, "1953-07-27" },
  { "mys-asean-membership", "MYS", "ASEAN", ENT_RELATION_MEMBERSHIP, 1, "1967-08-08" },
  { "usa-chn-rare-earths-tariffs", "USA", "CHN", ENT_RELATION_RIVALRY, -1, "2025" },
  { "usa-chn-tariff-truce", "USA", "CHN", ENT_RELATION_TRADE, 1, "2025" },
  { "kor-usa-trade-talks", "KOR", "USA", ENT_RELATION_DISPUTE, -1, "2025" },
  { "kor-jpn-dokdo", "KOR", "JPN", ENT_RELATION_DISPUTE, -1, NULL },
  { "jpn-chn-senkaku", "JPN", "CHN", ENT_RELATION_DISPUTE, -1, NULL },
  { "jpn-rus-kurils", "JPN", "RUS", ENT_RELATION_DISPUTE, -1, NULL },
};

static void
test_relations (void)
{
  g_autoptr(EntWorld) world = load_dataset ();

  for (guint i = 0; i < G_N_ELEMENTS (relation_cases); i++)
    {
      const EntRelation *relation = ent_world_lookup_relation (world, relation_cases[i].id);

      g_test_message ("relation %s", relation_cases[i].id);
      g_assert_nonnull (relation);
      g_assert_true (ent_relation_involves (relation, relation_cases[i].a));
      g_assert_true (ent_relation_involves (relation, relation_cases[i].b));
      g_assert_cmpint (relation->type, ==, relation_cases[i].type);
      g_assert_cmpint (relation->sign, ==, relation_cases[i].sign);
      g_assert_cmpfloat (relation->strength, >, 0.0);
      g_assert_cmpfloat (relation->strength, <=, 1.0);
      g_assert_false (ent_date_is_set (relation->until));
      if (relation_cases[i].since == NULL)
        {
          g_assert_false (ent_date_is_set (relation->since));
          continue;
        }
      g_assert_true (ent_date_equal (relation->since, date (relation_cases[i].since)));
      /* Active from its first day on, and still in 2025. */
      g_assert_true (ent_relation_active_at (relation, relation->since));
      g_assert_true (ent_relation_active_at (relation, date ("2025-10-25")));
      g_assert_false (ent_relation_active_at (relation,
                                              ent_date_from_days (ent_date_to_days (relation->since) - 1)));
    }
}

/* The article: tensions over rare earth export controls and new tariffs. */
static void
test_us_china_tension (void)
{
  g_autoptr(EntWorld) world = load_dataset ();
  g_autoptr(GPtrArray) between = ent_world_get_relations_between (world, "USA", "CHN",
                                                                  date ("2025-10-25"));
  const EntRelation *rivalry = NULL;

  for (guint i = 0; i < between->len; i++)
    {
      const EntRelation *relation = g_ptr_array_index (between, i);

      if (relation->sign < 0)
        {
          g_assert_null (rivalry);
          rivalry = relation;
        }
    }
  g_assert_nonnull (rivalry);
  g_assert_cmpint (rivalry->type, ==, ENT_RELATION_RIVALRY);
  g_assert_cmpstr (rivalry->source, ==, ARTICLE_SOURCE);
  g_assert_nonnull (rivalry->note);
  g_assert_nonnull (strstr (rivalry->note, "rare earth export controls"));
  g_assert_nonnull (strstr (rivalry->note, "100 percent tariffs"));
  g_assert_nonnull (strstr (rivalry->label, "rare earths"));

  g_assert_true (pair_has_relation_of_type (world, "USA", "CHN", ENT_RELATION_TRADE,
                                            date ("2025-10-25")));
}

static void
test_every_item_sourced (void)
{
  g_autoptr(EntWorld) world = load_dataset ();

  for (guint i = 0; i < ent_world_get_n_relations (world); i++)
    {
      const EntRelation *relation = ent_world_get_relation (world, i);

      g_test_message ("relation %s", relation->id);
      g_assert_nonnull (relation->source);
      g_assert_cmpuint (strlen (relation->source), >, 0);
    }
  for (guint i = 0; i < ent_world_get_n_meetings (world); i++)
    {
      const EntMeeting *meeting = ent_world_get_meeting (world, i);

      g_test_message ("meeting %s", meeting->id);
      g_assert_nonnull (meeting->source);
      g_assert_cmpuint (strlen (meeting->source), >, 0);
    }
  for (guint i = 0; i < ent_world_get_n_blocs (world); i++)
    g_assert_nonnull (ent_world_get_bloc (world, i)->source);
}

/* ---- The world as of a date ------------------------------------------- */

static void
test_as_of_1960 (void)
{
  g_autoptr(EntWorld) world = load_dataset ();
  EntDate at = date ("1960-01-01");

  g_assert_true (ent_relation_active_at (ent_world_lookup_relation (world, "kor-usa-mdt"), at));
  g_assert_false (ent_relation_active_at (ent_world_lookup_relation (world, "rus-prk-treaty"), at));
  /* Signed eighteen days later. */
  g_assert_false (ent_relation_active_at (ent_world_lookup_relation (world, "usa-jpn-security-treaty"), at));

  g_assert_true (pair_has_relation_of_type (world, "KOR", "USA", ENT_RELATION_ALLIANCE, at));
  g_assert_true (pair_has_relation_of_type (world, "KOR", "PRK", ENT_RELATION_ARMISTICE, at));
  g_assert_false (pair_has_relation_of_type (world, "RUS", "PRK", ENT_RELATION_ALLIANCE, at));
  g_assert_false (pair_has_relation_of_type (world, "USA", "CHN", ENT_RELATION_RIVALRY, at));
  g_assert_true (pair_has_relation_of_type (world, "RUS", "PRK", ENT_RELATION_ALLIANCE,
                                            date ("2024-06-19")));
}

static const struct
{
  const char *a;
  const char *b;
  guint       n_meetings;
} meeting_tie_cases[] = {
  { "KOR", "USA", 2 },   /* Lee–Trump, APEC */
  { "USA", "CHN", 2 },   /* Trump–Xi, APEC */
  { "KOR", "CHN", 2 },   /* APEC, Lee–Xi */
  { "KOR", "JPN", 2 },   /* ASEAN summit, Lee–Takaichi */
};

static void
test_meeting_ties (void)
{
  g_autoptr(EntWorld) world = load_dataset ();
  g_autoptr(GArray) ties = ent_world_get_ties (world, date ("2025-11-02"));
  g_autoptr(GArray) before = ent_world_get_ties (world, date ("2025-10-25"));

  for (guint i = 0; i < G_N_ELEMENTS (meeting_tie_cases); i++)
    {
      const EntTie *tie = find_meeting_tie (ties, world, meeting_tie_cases[i].a,
                                            meeting_tie_cases[i].b);

      g_test_message ("meeting tie %s-%s", meeting_tie_cases[i].a, meeting_tie_cases[i].b);
      g_assert_nonnull (tie);
      g_assert_cmpuint (tie->n_meetings, ==, meeting_tie_cases[i].n_meetings);
      g_assert_true (tie->planned_only);
      g_assert_cmpint (tie->sign, ==, 1);
      g_assert_cmpfloat (tie->weight, >, 0.0);

      /* On the article's date none of them has happened yet. */
      g_assert_null (find_meeting_tie (before, world, meeting_tie_cases[i].a,
                                       meeting_tie_cases[i].b));
    }
  g_assert_null (find_meeting_tie (ties, world, "USA", "PRK"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dataset/document", test_document);
  g_test_add_func ("/dataset/round-trip", test_round_trip);
  g_test_add_func ("/dataset/korean-names", test_korean_names);
  g_test_add_func ("/dataset/actors", test_actors);
  g_test_add_func ("/dataset/leaders", test_leaders);
  g_test_add_func ("/dataset/meetings", test_meetings);
  g_test_add_func ("/dataset/no-speculative-meeting", test_no_speculative_meeting);
  g_test_add_func ("/dataset/blocs", test_blocs);
  g_test_add_func ("/dataset/blocs-of", test_blocs_of);
  g_test_add_func ("/dataset/relations", test_relations);
  g_test_add_func ("/dataset/us-china-tension", test_us_china_tension);
  g_test_add_func ("/dataset/sources", test_every_item_sourced);
  g_test_add_func ("/dataset/as-of-1960", test_as_of_1960);
  g_test_add_func ("/dataset/meeting-ties", test_meeting_ties);

  return g_test_run ();
}
