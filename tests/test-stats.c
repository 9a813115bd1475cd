/* test-stats.c: the report of `entente --stats`, text and JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <glib.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ent-analysis.h"
#include "ent-date.h"
#include "ent-format-native.h"
#include "ent-stats.h"
#include "ent-world.h"

#define DATASET_NAME "northeast-asia-2025.entente.json"

static EntWorld *
load_dataset (void)
{
  const char *root = g_getenv ("ENTENTE_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  EntWorld *world;

  if (root != NULL && *root != '\0')
    path = g_build_filename (root, "data", "datasets", DATASET_NAME, NULL);
  else
    path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets", DATASET_NAME, NULL);
  file = g_file_new_for_path (path);
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

/* Counts as of 2025-10-30, read off the dataset: all 8 actors; all 16
 * relations (the latest start in 2025); the 4 meetings dated up to the
 * 30th (ASEAN summit and Lee–Takaichi on the 26th, Lee–Trump on the 29th,
 * Trump–Xi on the 30th); 3 blocs, all with members by then. */
typedef struct
{
  const char *date;
  guint       actors;
  guint       relations;
  guint       meetings;
  guint       blocs;
} CountCase;

static const CountCase count_cases[] = {
  { "2025-10-30", 8, 16, 4, 3 },
  { "2025-11-01", 8, 16, 6, 3 },
  /* 2000: not yet the China–Russia treaty (2001), the Russia–North Korea
   * treaty (2024) or the three 2025 relations; the trilateral bloc starts
   * in 2023. */
  { "2000-01-01", 8, 11, 0, 2 },
};

static void
test_text_counts (void)
{
  g_autoptr(EntWorld) world = load_dataset ();

  for (guint c = 0; c < G_N_ELEMENTS (count_cases); c++)
    {
      const CountCase *cc = &count_cases[c];
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *actors = g_strdup_printf ("  Actors: %u\n", cc->actors);
      g_autofree char *relations = g_strdup_printf ("  Relations: %u\n", cc->relations);
      g_autofree char *meetings = g_strdup_printf ("  Meetings: %u\n", cc->meetings);
      g_autofree char *blocs = g_strdup_printf ("  Blocs: %u\n", cc->blocs);
      g_autofree char *as_of = g_strdup_printf ("As of %s\n", cc->date);

      g_assert_true (ent_stats_write (world, date (cc->date), FALSE, out, &error));
      g_assert_no_error (error);
      if (c == 0)
        g_test_message ("%s", out->str);
      g_assert_nonnull (strstr (out->str, as_of));
      g_assert_nonnull (strstr (out->str, actors));
      g_assert_nonnull (strstr (out->str, relations));
      g_assert_nonnull (strstr (out->str, meetings));
      g_assert_nonnull (strstr (out->str, blocs));
      g_assert_nonnull (strstr (out->str, "Balance index: "));
      g_assert_nonnull (strstr (out->str, "South Korea, United States, Japan"));
    }
}

static JsonObject *
get_object (JsonObject *object,
            const char *key)
{
  g_assert_true (json_object_has_member (object, key));
  return json_object_get_object_member (object, key);
}

static JsonArray *
get_array (JsonObject *object,
           const char *key)
{
  g_assert_true (json_object_has_member (object, key));
  return json_object_get_array_member (object, key);
}

static void
assert_ids (const EntAnalysis *analysis,
            JsonArray         *ids,
            const guint       *actors,
            guint              n)
{
  g_assert_cmpuint (json_array_get_length (ids), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (json_array_get_string_element (ids, i), ==, ent_analysis_get_actor_id (analysis, actors[i]));
}

static void
check_json (EntWorld  *world,
            EntDate    at,
            const CountCase *cc)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(EntAnalysis) analysis = NULL;
  JsonObject *root, *counts, *centrality, *suggested, *balance;
  JsonArray *communities, *triads, *trilaterals;
  JsonNode *date_node;
  guint shown = 0;

  g_assert_true (ent_stats_write (world, at, TRUE, out, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, out->str, -1, &error));
  g_assert_no_error (error);
  analysis = ent_analysis_compute (world, at, NULL, NULL, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "entente-stats");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  date_node = json_object_get_member (root, "date");
  g_assert_nonnull (date_node);
  if (ent_date_is_set (at))
    {
      g_autofree char *text = ent_date_to_string (at);

      g_assert_cmpstr (json_node_get_string (date_node), ==, text);
    }
  else
    g_assert_true (JSON_NODE_HOLDS_NULL (date_node));

  counts = get_object (root, "counts");
  if (cc != NULL)
    {
      g_assert_cmpint (json_object_get_int_member (counts, "actors"), ==, cc->actors);
      g_assert_cmpint (json_object_get_int_member (counts, "relations"), ==, cc->relations);
      g_assert_cmpint (json_object_get_int_member (counts, "meetings"), ==, cc->meetings);
      g_assert_cmpint (json_object_get_int_member (counts, "blocs"), ==, cc->blocs);
    }
  g_assert_cmpint (json_object_get_int_member (counts, "ties"), ==, analysis->ties->len);
  g_assert_cmpint (json_object_get_int_member (counts, "pairs"), ==, analysis->pairs->len);

  centrality = get_object (root, "centrality");
  g_assert_cmpint (json_object_get_boolean_member (centrality, "betweenness_estimated"), ==,
                   analysis->betweenness_estimated);
  for (guint m = 0; m < ENT_N_METRICS; m++)
    {
      JsonArray *ranking = get_array (centrality, ent_metric_to_string (m));
      g_autoptr(GArray) expected = ent_analysis_rank (analysis, m);

      g_assert_cmpuint (json_array_get_length (ranking), ==, analysis->n_actors);
      for (guint i = 0; i < expected->len; i++)
        {
          JsonObject *entry = json_array_get_object_element (ranking, i);
          guint a = g_array_index (expected, guint, i);

          g_assert_cmpstr (json_object_get_string_member (entry, "actor"), ==, ent_analysis_get_actor_id (analysis, a));
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (entry, "value"),
                                          analysis->metrics[m][a], 1e-12);
        }
    }

  suggested = get_object (root, "suggested_blocs");
  if (isnan (analysis->modularity))
    g_assert_true (json_object_get_null_member (suggested, "modularity"));
  else
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (suggested, "modularity"),
                                    analysis->modularity, 1e-12);
  communities = get_array (suggested, "communities");
  for (guint c = 0; c < analysis->communities->len; c++)
    {
      const EntCommunity *community = g_ptr_array_index (analysis->communities, c);
      JsonObject *entry;

      if (community->members->len < 2)
        continue;
      entry = json_array_get_object_element (communities, shown++);
      assert_ids (analysis, get_array (entry, "members"), (const guint *) community->members->data,
                  community->members->len);
      if (community->best_bloc < 0)
        g_assert_true (json_object_get_null_member (entry, "best_match"));
      else
        {
          JsonObject *match = get_object (entry, "best_match");

          g_assert_cmpstr (json_object_get_string_member (match, "bloc"), ==,
                           ent_analysis_get_bloc_id (analysis, community->best_bloc));
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (match, "jaccard"),
                                          community->jaccard, 1e-12);
        }
    }
  g_assert_cmpuint (json_array_get_length (communities), ==, shown);

  balance = get_object (root, "balance");
  g_assert_cmpint (json_object_get_int_member (balance, "triangles"), ==, analysis->n_triangles);
  g_assert_cmpint (json_object_get_int_member (balance, "balanced"), ==, analysis->n_balanced);
  g_assert_cmpint (json_object_get_int_member (balance, "unbalanced"), ==, analysis->n_unbalanced);
  if (analysis->n_triangles == 0)
    g_assert_true (json_object_get_null_member (balance, "index"));
  else
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (balance, "index"),
                                    analysis->balance_index, 1e-12);
  triads = get_array (balance, "unbalanced_triads");
  g_assert_cmpuint (json_array_get_length (triads), ==, analysis->unbalanced->len);
  for (guint t = 0; t < analysis->unbalanced->len; t++)
    {
      const EntTriad *triad = &g_array_index (analysis->unbalanced, EntTriad, t);
      JsonObject *entry = json_array_get_object_element (triads, t);
      JsonArray *signs = get_array (entry, "signs");

      assert_ids (analysis, get_array (entry, "actors"), triad->actors, 3);
      for (guint k = 0; k < 3; k++)
        g_assert_cmpint (json_array_get_int_element (signs, k), ==, triad->signs[k]);
    }

  trilaterals = get_array (root, "trilaterals");
  g_assert_cmpuint (json_array_get_length (trilaterals), ==, analysis->trilaterals->len);
  for (guint i = 0; i < analysis->trilaterals->len; i++)
    {
      GArray *clique = g_ptr_array_index (analysis->trilaterals, i);

      assert_ids (analysis, json_array_get_array_element (trilaterals, i), (const guint *) clique->data, clique->len);
    }
}

static void
test_json (void)
{
  g_autoptr(EntWorld) world = load_dataset ();

  for (guint c = 0; c < G_N_ELEMENTS (count_cases); c++)
    check_json (world, date (count_cases[c].date), &count_cases[c]);
  check_json (world, ENT_DATE_NONE, NULL);
}

/* The dataset's known structure, through the JSON keys a script would use. */
static void
test_json_dataset_facts (void)
{
  g_autoptr(EntWorld) world = load_dataset ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *trilaterals;
  gboolean found = FALSE;

  g_assert_true (ent_stats_write (world, ENT_DATE_NONE, TRUE, out, &error));
  g_assert_true (json_parser_load_from_data (parser, out->str, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  trilaterals = json_object_get_array_member (root, "trilaterals");
  for (guint i = 0; i < json_array_get_length (trilaterals); i++)
    {
      JsonArray *ids = json_array_get_array_element (trilaterals, i);

      if (json_array_get_length (ids) == 3 &&
          g_str_equal (json_array_get_string_element (ids, 0), "KOR") &&
          g_str_equal (json_array_get_string_element (ids, 1), "USA") &&
          g_str_equal (json_array_get_string_element (ids, 2), "JPN"))
        found = TRUE;
    }
  g_assert_true (found);
}

static void
test_empty_world (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (ent_stats_write (world, ENT_DATE_NONE, FALSE, text, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text->str, "  Actors: 0\n"));
  g_assert_true (ent_stats_write (world, ENT_DATE_NONE, TRUE, json, &error));
  g_assert_true (json_parser_load_from_data (parser, json->str, -1, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/text/counts", test_text_counts);
  g_test_add_func ("/stats/json/matches-analysis", test_json);
  g_test_add_func ("/stats/json/dataset-facts", test_json_dataset_facts);
  g_test_add_func ("/stats/empty-world", test_empty_world);

  return g_test_run ();
}
