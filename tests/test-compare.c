/* test-compare.c: the ties that changed between two dates, and their CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ent-compare.h"
#include "ent-format-native.h"
#include "ent-world.h"

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
  return world;
}

typedef struct
{
  const char        *a;
  const char        *b;
  EntTieKind         tie;
  EntTieChangeKind   change;
  int                old_sign;
  int                new_sign;
  const char        *relation;
  const char        *when;
} Expected;

static void
assert_changes (EntWorld       *world,
                GArray         *changes,
                const Expected *expected,
                guint           n_expected,
                EntDate         from,
                EntDate         to)
{
  g_assert_cmpuint (changes->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      const EntTieChange *change = &g_array_index (changes, EntTieChange, i);
      const Expected *want = &expected[i];
      guint a = (guint) ent_world_get_actor_index (world, want->a);
      guint b = (guint) ent_world_get_actor_index (world, want->b);
      g_autofree char *when = ent_date_is_set (change->when) ? ent_date_to_string (change->when) : NULL;

      g_test_message ("change %u: %s-%s %s", i, want->a, want->b, ent_tie_change_kind_to_string (change->change));
      g_assert_cmpuint (change->a, ==, MIN (a, b));
      g_assert_cmpuint (change->b, ==, MAX (a, b));
      g_assert_cmpint (change->tie, ==, want->tie);
      g_assert_cmpint (change->change, ==, want->change);
      g_assert_cmpint (change->old_sign, ==, want->old_sign);
      g_assert_cmpint (change->new_sign, ==, want->new_sign);
      g_assert_cmpstr (change->relation_id, ==, want->relation);
      g_assert_cmpstr (when, ==, want->when);
      g_assert_true (ent_date_equal (change->from, from));
      g_assert_true (ent_date_equal (change->to, to));
    }
}

#define REL ENT_TIE_RELATION
#define MET ENT_TIE_MEETINGS

/*
 * By hand, from data/datasets/northeast-asia-2025.entente.json: between
 * 2024-01-01 and 2025-11-02 four relations began (the Russia-North Korea
 * treaty on 2024-06-19; the U.S.-China rivalry and tariff truce and the
 * Korea-U.S. trade dispute in 2025) and none ended; the six meetings of
 * the week of 2025-10-26 (all planned, all counted) tie nine pairs:
 * ASEAN summit KOR JPN MYS ASEAN (six pairs), Lee-Takaichi KOR-JPN,
 * Lee-Trump KOR-USA, Trump-Xi USA-CHN, APEC KOR USA CHN, Lee-Xi KOR-CHN.
 * No pair's overall sign flips: KOR-USA goes from +0.9 to +0.9-0.4.
 * Sorted by actor index (KOR USA JPN CHN RUS PRK MYS ASEAN).
 */
static const Expected seed_week[] = {
  { "KOR", "USA", REL, ENT_TIE_APPEARED, 0, -1, "kor-usa-trade-talks", "2025" },
  { "KOR", "USA", MET, ENT_TIE_APPEARED, 0, 1, NULL, "2025-10-29" },
  { "KOR", "JPN", MET, ENT_TIE_APPEARED, 0, 1, NULL, "2025-10-26" },
  { "KOR", "CHN", MET, ENT_TIE_APPEARED, 0, 1, NULL, "2025-10-31" },
  { "KOR", "MYS", MET, ENT_TIE_APPEARED, 0, 1, NULL, "2025-10-26" },
  { "KOR", "ASEAN", MET, ENT_TIE_APPEARED, 0, 1, NULL, "2025-10-26" },
  { "USA", "CHN", REL, ENT_TIE_APPEARED, 0, -1, "usa-chn-rare-earths-tariffs", "2025" },
  { "USA", "CHN", REL, ENT_TIE_APPEARED, 0, 1, "usa-chn-tariff-truce", "2025" },
  { "USA", "CHN", MET, ENT_TIE_APPEARED, 0, 1, NULL, "2025-10-30" },
  { "JPN", "MYS", MET, ENT_TIE_APPEARED, 0, 1, NULL, "2025-10-26" },
  { "JPN", "ASEAN", MET, ENT_TIE_APPEARED, 0, 1, NULL, "2025-10-26" },
  { "RUS", "PRK", REL, ENT_TIE_APPEARED, 0, 1, "rus-prk-treaty", "2024-06-19" },
  { "MYS", "ASEAN", MET, ENT_TIE_APPEARED, 0, 1, NULL, "2025-10-26" },
};

static void
test_compare_dataset (void)
{
  g_autoptr(EntWorld) world = load_dataset ();
  g_autoptr(GArray) changes = ent_compare_dates (world, d ("2024-01-01"), d ("2025-11-02"));

  assert_changes (world, changes, seed_week, G_N_ELEMENTS (seed_week), d ("2024-01-01"), d ("2025-11-02"));
}

/* Backwards, the same ties end, with the signs swapped. */
static void
test_compare_backwards (void)
{
  g_autoptr(EntWorld) world = load_dataset ();
  g_autoptr(GArray) changes = ent_compare_dates (world, d ("2025-11-02"), d ("2024-01-01"));
  Expected reversed[G_N_ELEMENTS (seed_week)];

  for (guint i = 0; i < G_N_ELEMENTS (seed_week); i++)
    {
      reversed[i] = seed_week[i];
      reversed[i].change = ENT_TIE_ENDED;
      reversed[i].old_sign = seed_week[i].new_sign;
      reversed[i].new_sign = seed_week[i].old_sign;
    }
  assert_changes (world, changes, reversed, G_N_ELEMENTS (reversed), d ("2025-11-02"), d ("2024-01-01"));
}

static void
test_compare_small_steps (void)
{
  g_autoptr(EntWorld) world = load_dataset ();
  g_autoptr(GArray) same = ent_compare_dates (world, d ("2025-10-27"), d ("2025-10-27"));
  g_autoptr(GArray) quiet = ent_compare_dates (world, d ("1980"), d ("1990"));
  g_autoptr(GArray) one_day = ent_compare_dates (world, d ("2025-10-29"), d ("2025-10-30"));
  static const Expected trump_xi[] = {
    { "USA", "CHN", MET, ENT_TIE_APPEARED, 0, 1, NULL, "2025-10-30" },
  };
  /* 1991 to 1993: Korea and China established relations on 1992-08-24. */
  g_autoptr(GArray) normalisation = ent_compare_dates (world, d ("1991"), d ("1993"));
  static const Expected kor_chn[] = {
    { "KOR", "CHN", REL, ENT_TIE_APPEARED, 0, 1, "kor-chn-relations", "1992-08-24" },
  };

  g_assert_cmpuint (same->len, ==, 0);
  g_assert_cmpuint (quiet->len, ==, 0);
  assert_changes (world, one_day, trump_xi, G_N_ELEMENTS (trump_xi), d ("2025-10-29"), d ("2025-10-30"));
  assert_changes (world, normalisation, kor_chn, G_N_ELEMENTS (kor_chn), d ("1991"), d ("1993"));
}

static void
add_actor (EntWorld   *world,
           const char *id,
           const char *name)
{
  g_autoptr(EntActor) actor = ent_actor_new (id, name);

  g_assert_true (ent_world_add_actor (world, actor, NULL));
}

static void
add_relation (EntWorld        *world,
              const char      *id,
              const char      *a,
              const char      *b,
              EntRelationType  type,
              double           strength,
              const char      *since,
              const char      *until,
              const char      *label)
{
  g_autoptr(EntRelation) relation = ent_relation_new (id, a, b, type);
  g_autoptr(GError) error = NULL;

  relation->strength = strength;
  relation->since = since ? d (since) : ENT_DATE_NONE;
  relation->until = until ? d (until) : ENT_DATE_NONE;
  relation->label = g_strdup (label);
  g_assert_true (ent_world_add_relation (world, relation, NULL, &error));
  g_assert_no_error (error);
}

/* Two neighbours fall out: a partnership ends in 2000, a dispute begins in
 * 2001; a weak trade tie lasts throughout. Cancelled meetings never tie. */
static EntWorld *
create_falling_out (void)
{
  EntWorld *world = ent_world_new ();
  const char *pair[] = { "ALD", "BRN", NULL };
  g_autoptr(EntMeeting) cancelled = ent_meeting_new ("m1", d ("1998-05-01"), ENT_MEETING_SUMMIT, pair);

  add_actor (world, "ALD", "Aldoria, \"the Free\"");
  add_actor (world, "BRN", "Bernia,\nRepublic of");
  add_relation (world, "partners", "ALD", "BRN", ENT_RELATION_PARTNERSHIP, 0.8, "1990", "2000", "Friendship, and more");
  add_relation (world, "trade", "ALD", "BRN", ENT_RELATION_TRADE, 0.2, "1990", NULL, NULL);
  add_relation (world, "border", "ALD", "BRN", ENT_RELATION_DISPUTE, 0.7, "2001-03", NULL, "The \"border\" question");
  cancelled->status = ENT_MEETING_CANCELLED;
  g_assert_true (ent_world_add_meeting (world, cancelled, NULL, NULL));
  return world;
}

static void
test_compare_sign_change (void)
{
  g_autoptr(EntWorld) world = create_falling_out ();
  g_autoptr(GArray) changes = ent_compare_dates (world, d ("1995"), d ("2005"));
  static const Expected expected[] = {
    { "ALD", "BRN", REL, ENT_TIE_APPEARED, 0, -1, "border", "2001-03" },
    { "ALD", "BRN", REL, ENT_TIE_ENDED, 1, 0, "partners", "2000" },
    { "ALD", "BRN", REL, ENT_TIE_SIGN_CHANGED, 1, -1, NULL, NULL },
  };

  assert_changes (world, changes, expected, G_N_ELEMENTS (expected), d ("1995"), d ("2005"));
}

/* ---- CSV --------------------------------------------------------------- */

/* RFC 4180: records end in CRLF; quoted fields may hold commas, CRLF and
 * doubled quotes. Returns the records, each a NULL-terminated GStrv. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++;; p++)
            {
              g_assert_true (*p != '\0');  /* an unterminated quote */
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
          g_assert_true (*p == ',' || *p == '\r');
        }
      else
        {
          while (*p != ',' && *p != '\r' && *p != '\0')
            {
              g_assert_true (*p != '"' && *p != '\n');
              g_string_append_c (field, *p++);
            }
        }
      g_ptr_array_add (fields, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p == ',')
        {
          p++;
          continue;
        }
      g_assert_true (p[0] == '\r' && p[1] == '\n');
      p += 2;
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (records, g_ptr_array_steal (fields, NULL));
    }
  g_assert_cmpuint (fields->len, ==, 0);
  return records;
}

static void
test_csv_dataset (void)
{
  g_autoptr(EntWorld) world = load_dataset ();
  g_autoptr(GArray) changes = ent_compare_dates (world, d ("2024-01-01"), d ("2025-11-02"));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) records = NULL;
  GStrv header, russia;

  g_assert_true (ent_compare_write_csv (changes, world, out));
  records = parse_csv (out->str);
  g_assert_cmpuint (records->len, ==, changes->len + 1);
  header = g_ptr_array_index (records, 0);
  g_assert_cmpuint (g_strv_length (header), ==, 13);
  g_assert_cmpstr (header[0], ==, "change");
  g_assert_cmpstr (header[2], ==, "actor_a");
  g_assert_cmpstr (header[12], ==, "to");
  for (guint i = 1; i < records->len; i++)
    g_assert_cmpuint (g_strv_length (g_ptr_array_index (records, i)), ==, 13);

  /* The Russia-North Korea treaty is the twelfth change. */
  russia = g_ptr_array_index (records, 12);
  g_assert_cmpstr (russia[0], ==, "appeared");
  g_assert_cmpstr (russia[1], ==, "relation");
  g_assert_cmpstr (russia[2], ==, "RUS");
  g_assert_cmpstr (russia[3], ==, ent_actor_get_display_name (ent_world_lookup_actor (world, "RUS")));
  g_assert_cmpstr (russia[4], ==, "PRK");
  g_assert_cmpstr (russia[6], ==, "0");
  g_assert_cmpstr (russia[7], ==, "1");
  g_assert_cmpstr (russia[8], ==, "rus-prk-treaty");
  g_assert_cmpstr (russia[9], ==, "Treaty on Comprehensive Strategic Partnership");
  g_assert_cmpstr (russia[10], ==, "2024-06-19");
  g_assert_cmpstr (russia[11], ==, "2024-01-01");
  g_assert_cmpstr (russia[12], ==, "2025-11-02");
}

static void
test_csv_quoting (void)
{
  g_autoptr(EntWorld) world = create_falling_out ();
  g_autoptr(GArray) changes = ent_compare_dates (world, d ("1995"), d ("2005"));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) records = NULL;
  GStrv partners, sign;

  g_assert_true (ent_compare_write_csv (changes, world, out));
  /* Fields with commas, quotes or line breaks are quoted, quotes doubled. */
  g_assert_nonnull (strstr (out->str, "\"Aldoria, \"\"the Free\"\"\""));
  g_assert_nonnull (strstr (out->str, "\"Friendship, and more\""));
  records = parse_csv (out->str);
  g_assert_cmpuint (records->len, ==, 4);
  for (guint i = 0; i < records->len; i++)
    g_assert_cmpuint (g_strv_length (g_ptr_array_index (records, i)), ==, 13);

  partners = g_ptr_array_index (records, 2);
  g_assert_cmpstr (partners[0], ==, "ended");
  g_assert_cmpstr (partners[3], ==, "Aldoria, \"the Free\"");
  g_assert_cmpstr (partners[5], ==, "Bernia,\nRepublic of");
  g_assert_cmpstr (partners[6], ==, "1");
  g_assert_cmpstr (partners[7], ==, "0");
  g_assert_cmpstr (partners[9], ==, "Friendship, and more");
  g_assert_cmpstr (partners[10], ==, "2000");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (records, 1))[9], ==, "The \"border\" question");
  sign = g_ptr_array_index (records, 3);
  g_assert_cmpstr (sign[0], ==, "sign-changed");
  g_assert_cmpstr (sign[6], ==, "1");
  g_assert_cmpstr (sign[7], ==, "-1");
  g_assert_cmpstr (sign[8], ==, "");
  g_assert_cmpstr (sign[10], ==, "");
  g_assert_cmpstr (sign[11], ==, "1995");
}

static void
test_csv_rejects_foreign_changes (void)
{
  g_autoptr(EntWorld) dataset = load_dataset ();
  g_autoptr(EntWorld) small = create_falling_out ();
  g_autoptr(GArray) changes = ent_compare_dates (dataset, d ("2024-01-01"), d ("2025-11-02"));
  g_autoptr(GArray) none = ent_compare_dates (small, d ("1995"), d ("1995"));
  g_autoptr(GString) out = g_string_new (NULL);

  /* Changes that name actors the world does not have write nothing. */
  g_assert_false (ent_compare_write_csv (changes, small, out));
  g_assert_cmpuint (out->len, ==, 0);
  /* No changes: just the header. */
  g_assert_true (ent_compare_write_csv (none, small, out));
  g_assert_cmpstr (out->str, ==, "change,tie,actor_a,actor_a_name,actor_b,actor_b_name,"
                                 "old_sign,new_sign,relation,relation_label,when,from,to\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/compare/dataset", test_compare_dataset);
  g_test_add_func ("/compare/backwards", test_compare_backwards);
  g_test_add_func ("/compare/small-steps", test_compare_small_steps);
  g_test_add_func ("/compare/sign-change", test_compare_sign_change);
  g_test_add_func ("/compare/csv/dataset", test_csv_dataset);
  g_test_add_func ("/compare/csv/quoting", test_csv_quoting);
  g_test_add_func ("/compare/csv/foreign-changes", test_csv_rejects_foreign_changes);

  return g_test_run ();
}
