/* ent-stats.c
 *
 * The report of `entente --stats`: text for students, or JSON whose keys
 * are documented in docs/STATS.md. Both read one EntAnalysis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-analysis"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ent-analysis.h"
#include "ent-stats.h"

#define STATS_FORMAT  "entente-stats"
#define STATS_VERSION 1
/* The text report lists the top of each ranking. */
#define TEXT_TOP 10

typedef struct
{
  guint actors;
  guint relations;
  guint meetings;
  guint blocs;
} Counts;

static Counts
count_items (EntWorld          *world,
             EntDate            at,
             const EntAnalysis *analysis)
{
  Counts counts = { 0 };

  counts.actors = ent_world_get_n_actors (world);
  for (guint i = 0; i < ent_world_get_n_relations (world); i++)
    if (ent_relation_active_at (ent_world_get_relation (world, i), at))
      counts.relations++;
  for (guint i = 0; i < ent_world_get_n_meetings (world); i++)
    if (ent_meeting_counts_at (ent_world_get_meeting (world, i), at))
      counts.meetings++;
  /* A bloc counts when it has a member on the date. */
  counts.blocs = ent_analysis_get_n_blocs (analysis);
  return counts;
}

static guint
n_suggested (const EntAnalysis *analysis)
{
  guint n = 0;

  for (guint c = 0; c < analysis->communities->len; c++)
    if (((EntCommunity *) g_ptr_array_index (analysis->communities, c))->members->len >= 2)
      n++;
  return n;
}

/* ---- JSON --------------------------------------------------------------- */

static void
add_double_or_null (JsonBuilder *builder,
                    const char  *key,
                    double       value)
{
  json_builder_set_member_name (builder, key);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_actor_ids (JsonBuilder       *builder,
               const EntAnalysis *analysis,
               const guint       *actors,
               guint              n)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_string_value (builder, ent_analysis_get_actor_id (analysis, actors[i]));
  json_builder_end_array (builder);
}

static void
add_counts (JsonBuilder       *builder,
            const Counts      *counts,
            const EntAnalysis *analysis)
{
  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "actors");
  json_builder_add_int_value (builder, counts->actors);
  json_builder_set_member_name (builder, "relations");
  json_builder_add_int_value (builder, counts->relations);
  json_builder_set_member_name (builder, "meetings");
  json_builder_add_int_value (builder, counts->meetings);
  json_builder_set_member_name (builder, "blocs");
  json_builder_add_int_value (builder, counts->blocs);
  json_builder_set_member_name (builder, "ties");
  json_builder_add_int_value (builder, analysis->ties->len);
  json_builder_set_member_name (builder, "pairs");
  json_builder_add_int_value (builder, analysis->pairs->len);
  json_builder_end_object (builder);
}

static void
add_centrality (JsonBuilder       *builder,
                const EntAnalysis *analysis)
{
  json_builder_set_member_name (builder, "centrality");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "betweenness_estimated");
  json_builder_add_boolean_value (builder, analysis->betweenness_estimated);
  for (guint m = 0; m < ENT_N_METRICS; m++)
    {
      g_autoptr(GArray) ranking = ent_analysis_rank (analysis, m);
      const double *values = ent_analysis_get_metric (analysis, m);

      json_builder_set_member_name (builder, ent_metric_to_string (m));
      json_builder_begin_array (builder);
      for (guint i = 0; i < ranking->len; i++)
        {
          guint actor = g_array_index (ranking, guint, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "actor");
          json_builder_add_string_value (builder, ent_analysis_get_actor_id (analysis, actor));
          json_builder_set_member_name (builder, "value");
          json_builder_add_double_value (builder, values[actor]);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

static void
add_suggested_blocs (JsonBuilder       *builder,
                     const EntAnalysis *analysis)
{
  json_builder_set_member_name (builder, "suggested_blocs");
  json_builder_begin_object (builder);
  add_double_or_null (builder, "modularity", analysis->modularity);
  json_builder_set_member_name (builder, "communities");
  json_builder_begin_array (builder);
  for (guint c = 0; c < analysis->communities->len; c++)
    {
      const EntCommunity *community = g_ptr_array_index (analysis->communities, c);

      if (community->members->len < 2)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "members");
      add_actor_ids (builder, analysis, (const guint *) community->members->data, community->members->len);
      json_builder_set_member_name (builder, "best_match");
      if (community->best_bloc < 0)
        json_builder_add_null_value (builder);
      else
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "bloc");
          json_builder_add_string_value (builder, ent_analysis_get_bloc_id (analysis, community->best_bloc));
          json_builder_set_member_name (builder, "jaccard");
          json_builder_add_double_value (builder, community->jaccard);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_balance (JsonBuilder       *builder,
             const EntAnalysis *analysis)
{
  json_builder_set_member_name (builder, "balance");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "triangles");
  json_builder_add_int_value (builder, analysis->n_triangles);
  json_builder_set_member_name (builder, "balanced");
  json_builder_add_int_value (builder, analysis->n_balanced);
  json_builder_set_member_name (builder, "unbalanced");
  json_builder_add_int_value (builder, analysis->n_unbalanced);
  add_double_or_null (builder, "index", analysis->balance_index);
  json_builder_set_member_name (builder, "unbalanced_triads");
  json_builder_begin_array (builder);
  for (guint t = 0; t < analysis->unbalanced->len; t++)
    {
      const EntTriad *triad = &g_array_index (analysis->unbalanced, EntTriad, t);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "actors");
      add_actor_ids (builder, analysis, triad->actors, 3);
      json_builder_set_member_name (builder, "signs");
      json_builder_begin_array (builder);
      for (guint k = 0; k < 3; k++)
        json_builder_add_int_value (builder, triad->signs[k]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_trilaterals (JsonBuilder       *builder,
                 const EntAnalysis *analysis)
{
  json_builder_set_member_name (builder, "trilaterals");
  json_builder_begin_array (builder);
  for (guint i = 0; i < analysis->trilaterals->len; i++)
    {
      GArray *clique = g_ptr_array_index (analysis->trilaterals, i);

      add_actor_ids (builder, analysis, (const guint *) clique->data, clique->len);
    }
  json_builder_end_array (builder);
}

static void
write_json (EntWorld          *world,
            EntDate            at,
            const EntAnalysis *analysis,
            GString           *out)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  Counts counts = count_items (world, at, analysis);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, STATS_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, STATS_VERSION);
  json_builder_set_member_name (builder, "date");
  if (ent_date_is_set (at))
    {
      g_autofree char *date = ent_date_to_string (at);

      json_builder_add_string_value (builder, date);
    }
  else
    json_builder_add_null_value (builder);
  add_counts (builder, &counts, analysis);
  add_centrality (builder, analysis);
  add_suggested_blocs (builder, analysis);
  add_balance (builder, analysis);
  add_trilaterals (builder, analysis);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  g_string_append (out, text);
  g_string_append_c (out, '\n');
}

/* ---- Text --------------------------------------------------------------- */

static void
append_actor_names (GString           *out,
                    const EntAnalysis *analysis,
                    const guint       *actors,
                    guint              n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, _(", "));
      g_string_append (out, ent_analysis_get_actor_name (analysis, actors[i]));
    }
}

static void
text_counts (GString           *out,
             const Counts      *counts,
             const EntAnalysis *analysis)
{
  g_string_append_printf (out, "%s\n", _("Counts"));
  g_string_append_printf (out, _("  Actors: %u\n"), counts->actors);
  g_string_append_printf (out, _("  Relations: %u\n"), counts->relations);
  g_string_append_printf (out, _("  Meetings: %u\n"), counts->meetings);
  g_string_append_printf (out, _("  Blocs: %u\n"), counts->blocs);
  g_string_append_printf (out, _("  Ties (relations and pairs that met): %u, between %u pairs of actors\n"),
                          analysis->ties->len, analysis->pairs->len);
}

static void
text_centrality (GString           *out,
                 const EntAnalysis *analysis)
{
  g_string_append_printf (out, "\n%s\n", _("Most central actors"));
  for (guint m = 0; m < ENT_N_METRICS; m++)
    {
      g_autoptr(GArray) ranking = ent_analysis_rank (analysis, m);
      const double *values = ent_analysis_get_metric (analysis, m);

      if (m == ENT_METRIC_BETWEENNESS && analysis->betweenness_estimated)
        g_string_append_printf (out, _("  %s (estimated from a sample of actors)\n"), ent_metric_get_label (m));
      else
        g_string_append_printf (out, "  %s\n", ent_metric_get_label (m));
      for (guint i = 0; i < MIN (ranking->len, TEXT_TOP); i++)
        {
          guint actor = g_array_index (ranking, guint, i);

          g_string_append_printf (out, "    %2u. %s (%s)  %.3f\n", i + 1,
                                  ent_analysis_get_actor_name (analysis, actor),
                                  ent_analysis_get_actor_id (analysis, actor),
                                  values[actor]);
        }
    }
}

static void
text_suggested_blocs (GString           *out,
                      const EntAnalysis *analysis)
{
  guint shown = 0;

  g_string_append_printf (out, "\n%s\n", _("Suggested blocs (groups that cooperate most among themselves)"));
  if (n_suggested (analysis) == 0)
    {
      g_string_append_printf (out, "  %s\n", _("None: too few cooperative ties."));
      return;
    }
  g_string_append_printf (out, _("  Modularity: %.3f (above 0.3 means clearly separate groups)\n"),
                          analysis->modularity);
  for (guint c = 0; c < analysis->communities->len; c++)
    {
      const EntCommunity *community = g_ptr_array_index (analysis->communities, c);

      if (community->members->len < 2)
        continue;
      g_string_append_printf (out, "  %u. ", ++shown);
      append_actor_names (out, analysis, (const guint *) community->members->data, community->members->len);
      g_string_append (out, "\n");
      if (community->best_bloc >= 0)
        g_string_append_printf (out, _("     closest declared bloc: %s (overlap %.0f%%)\n"),
                                ent_analysis_get_bloc_name (analysis, community->best_bloc),
                                100.0 * community->jaccard);
      else
        g_string_append_printf (out, _("     no declared bloc shares a member\n"));
    }
}

static void
text_balance (GString           *out,
              const EntAnalysis *analysis)
{
  g_string_append_printf (out, "\n%s\n", _("Structural balance (a friend of a friend should be a friend)"));
  if (analysis->n_triangles == 0)
    {
      g_string_append_printf (out, "  %s\n", _("No triangles of ties."));
      return;
    }
  g_string_append_printf (out, _("  Triangles: %u balanced, %u unbalanced, of %u\n"),
                          analysis->n_balanced, analysis->n_unbalanced, analysis->n_triangles);
  g_string_append_printf (out, _("  Balance index: %.3f\n"), analysis->balance_index);
  for (guint t = 0; t < analysis->unbalanced->len; t++)
    {
      const EntTriad *triad = &g_array_index (analysis->unbalanced, EntTriad, t);
      const guint *v = triad->actors;

      g_string_append_printf (out, _("  Unbalanced: %s (%s), %s (%s), %s (%s): %s–%s %c, %s–%s %c, %s–%s %c\n"),
                              ent_analysis_get_actor_name (analysis, v[0]), ent_analysis_get_actor_id (analysis, v[0]),
                              ent_analysis_get_actor_name (analysis, v[1]), ent_analysis_get_actor_id (analysis, v[1]),
                              ent_analysis_get_actor_name (analysis, v[2]), ent_analysis_get_actor_id (analysis, v[2]),
                              ent_analysis_get_actor_id (analysis, v[0]), ent_analysis_get_actor_id (analysis, v[1]),
                              triad->signs[0] > 0 ? '+' : '-',
                              ent_analysis_get_actor_id (analysis, v[0]), ent_analysis_get_actor_id (analysis, v[2]),
                              triad->signs[1] > 0 ? '+' : '-',
                              ent_analysis_get_actor_id (analysis, v[1]), ent_analysis_get_actor_id (analysis, v[2]),
                              triad->signs[2] > 0 ? '+' : '-');
    }
}

static void
text_trilaterals (GString           *out,
                  const EntAnalysis *analysis)
{
  g_string_append_printf (out, "\n%s\n", _("Trilaterals (three or more actors all cooperating)"));
  if (analysis->trilaterals->len == 0)
    g_string_append_printf (out, "  %s\n", _("None."));
  for (guint i = 0; i < analysis->trilaterals->len; i++)
    {
      GArray *clique = g_ptr_array_index (analysis->trilaterals, i);

      g_string_append (out, "  ");
      append_actor_names (out, analysis, (const guint *) clique->data, clique->len);
      g_string_append (out, "\n");
    }
}

static void
write_text (EntWorld          *world,
            EntDate            at,
            const EntAnalysis *analysis,
            GString           *out)
{
  const EntDocumentInfo *info = ent_world_get_info (world);
  Counts counts = count_items (world, at, analysis);
  g_autofree char *summary = ent_analysis_describe_world (analysis);

  if (info != NULL && info->title != NULL)
    g_string_append_printf (out, "%s\n", info->title);
  if (ent_date_is_set (at))
    {
      g_autofree char *date = ent_date_to_string (at);

      g_string_append_printf (out, _("As of %s\n"), date);
    }
  else
    g_string_append_printf (out, "%s\n", _("All dates"));
  g_string_append_printf (out, "%s\n\n", summary);

  text_counts (out, &counts, analysis);
  text_centrality (out, analysis);
  text_suggested_blocs (out, analysis);
  text_balance (out, analysis);
  text_trilaterals (out, analysis);
}

gboolean
ent_stats_write (EntWorld  *world,
                 EntDate    at,
                 gboolean   json,
                 GString   *out,
                 GError   **error)
{
  g_autoptr(EntAnalysis) analysis = NULL;

  g_return_val_if_fail (ENT_IS_WORLD (world), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  analysis = ent_analysis_compute (world, at, NULL, NULL, error);
  if (analysis == NULL)
    return FALSE;
  if (json)
    write_json (world, at, analysis, out);
  else
    write_text (world, at, analysis, out);
  return TRUE;
}
