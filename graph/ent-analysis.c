/* ent-analysis.c
 *
 * The analysis works on a snapshot of the world (EntAnalysisInput) so that
 * the heavy part can run on a worker thread while the world goes on being
 * edited. See ent-analysis.h for which graph each measure uses and why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-analysis"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ent-analysis.h"
#include "ent-igraph.h"

/* Louvain and ARPACK draw random numbers; a fixed seed gives students the
 * same results every time they look (see seeded_rng_begin). */
#define ANALYSIS_SEED 42
#define PAGERANK_DAMPING 0.85
/* Below this, a pair's cooperative and adversarial ties cancel out. */
#define NET_EPSILON 1e-9

typedef enum
{
  OVERRIDE_FLIP = 1,
  OVERRIDE_REMOVE,
} OverrideOp;

struct _EntAnalysisOverrides
{
  GHashTable *ops;   /* relation id -> OverrideOp */
};

typedef struct
{
  char   *id;
  char   *name;
  GArray *members;   /* guint */
} BlocSnapshot;

struct _EntAnalysisInput
{
  EntDate     at;
  guint       n_actors;
  GStrv       actor_ids;
  GStrv       actor_names;
  GHashTable *actor_index;   /* id -> index + 1, keys borrowed from actor_ids */
  GArray     *ties;          /* EntTie */
  GArray     *tie_types;     /* int: EntRelationType, or -1 for meetings */
  GPtrArray  *blocs;         /* BlocSnapshot */
};

/* ---- Metrics ------------------------------------------------------------ */

static const char * const metric_names[ENT_N_METRICS] = {
  "strength", "betweenness", "eigenvector", "pagerank",
};

const char *
ent_metric_to_string (EntMetric metric)
{
  g_return_val_if_fail (metric < ENT_N_METRICS, NULL);
  return metric_names[metric];
}

gboolean
ent_metric_from_string (const char *text,
                        EntMetric  *out)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint m = 0; m < ENT_N_METRICS; m++)
    if (g_str_equal (text, metric_names[m]))
      {
        if (out != NULL)
          *out = (EntMetric) m;
        return TRUE;
      }
  return FALSE;
}

const char *
ent_metric_get_label (EntMetric metric)
{
  switch (metric)
    {
    case ENT_METRIC_STRENGTH: return _("Weighted degree");
    case ENT_METRIC_BETWEENNESS: return _("Betweenness");
    case ENT_METRIC_EIGENVECTOR: return _("Eigenvector centrality");
    case ENT_METRIC_PAGERANK: return _("PageRank");
    case ENT_N_METRICS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---- Overrides ---------------------------------------------------------- */

EntAnalysisOverrides *
ent_analysis_overrides_new (void)
{
  EntAnalysisOverrides *overrides = g_new0 (EntAnalysisOverrides, 1);

  overrides->ops = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return overrides;
}

void
ent_analysis_overrides_free (EntAnalysisOverrides *overrides)
{
  if (overrides == NULL)
    return;
  g_hash_table_unref (overrides->ops);
  g_free (overrides);
}

static void
overrides_set (EntAnalysisOverrides *overrides,
               const char           *relation_id,
               OverrideOp            op)
{
  g_hash_table_insert (overrides->ops, g_strdup (relation_id), GINT_TO_POINTER (op));
}

void
ent_analysis_overrides_flip_relation (EntAnalysisOverrides *overrides,
                                      const char           *relation_id)
{
  g_return_if_fail (overrides != NULL);
  g_return_if_fail (relation_id != NULL);
  overrides_set (overrides, relation_id, OVERRIDE_FLIP);
}

void
ent_analysis_overrides_remove_relation (EntAnalysisOverrides *overrides,
                                        const char           *relation_id)
{
  g_return_if_fail (overrides != NULL);
  g_return_if_fail (relation_id != NULL);
  overrides_set (overrides, relation_id, OVERRIDE_REMOVE);
}

void
ent_analysis_overrides_reset_relation (EntAnalysisOverrides *overrides,
                                       const char           *relation_id)
{
  g_return_if_fail (overrides != NULL);
  g_return_if_fail (relation_id != NULL);
  g_hash_table_remove (overrides->ops, relation_id);
}

gboolean
ent_analysis_overrides_is_empty (const EntAnalysisOverrides *overrides)
{
  return overrides == NULL || g_hash_table_size (overrides->ops) == 0;
}

/* ---- Input -------------------------------------------------------------- */

static void
bloc_snapshot_free (gpointer data)
{
  BlocSnapshot *bloc = data;

  g_free (bloc->id);
  g_free (bloc->name);
  g_array_unref (bloc->members);
  g_free (bloc);
}

static void
input_clear (gpointer data)
{
  EntAnalysisInput *input = data;

  g_strfreev (input->actor_ids);
  g_strfreev (input->actor_names);
  g_hash_table_unref (input->actor_index);
  g_array_unref (input->ties);
  g_array_unref (input->tie_types);
  g_ptr_array_unref (input->blocs);
}

/* Applies the overrides to the world's ties, keeping their order. */
static void
input_take_ties (EntAnalysisInput           *input,
                 EntWorld                   *world,
                 const EntAnalysisOverrides *overrides)
{
  g_autoptr(GArray) ties = ent_world_get_ties (world, input->at);

  input->ties = g_array_sized_new (FALSE, TRUE, sizeof (EntTie), ties->len);
  input->tie_types = g_array_sized_new (FALSE, TRUE, sizeof (int), ties->len);
  for (guint i = 0; i < ties->len; i++)
    {
      EntTie tie = g_array_index (ties, EntTie, i);
      int type = -1;

      if (tie.kind == ENT_TIE_RELATION)
        {
          const EntRelation *relation = ent_world_get_relation (world, tie.relation);
          OverrideOp op = 0;

          if (!ent_analysis_overrides_is_empty (overrides))
            op = GPOINTER_TO_INT (g_hash_table_lookup (overrides->ops, relation->id));
          if (op == OVERRIDE_REMOVE)
            continue;
          if (op == OVERRIDE_FLIP)
            tie.sign = -tie.sign;
          type = (int) relation->type;
        }
      g_array_append_val (input->ties, tie);
      g_array_append_val (input->tie_types, type);
    }
}

EntAnalysisInput *
ent_analysis_input_new (EntWorld                   *world,
                        EntDate                     at,
                        const EntAnalysisOverrides *overrides)
{
  EntAnalysisInput *input;
  guint n_blocs;

  g_return_val_if_fail (ENT_IS_WORLD (world), NULL);

  input = g_atomic_rc_box_new0 (EntAnalysisInput);
  input->at = at;
  input->n_actors = ent_world_get_n_actors (world);
  input->actor_ids = g_new0 (char *, input->n_actors + 1);
  input->actor_names = g_new0 (char *, input->n_actors + 1);
  input->actor_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < input->n_actors; i++)
    {
      const EntActor *actor = ent_world_get_actor (world, i);

      input->actor_ids[i] = g_strdup (actor->id);
      input->actor_names[i] = g_strdup (ent_actor_get_display_name (actor));
      g_hash_table_insert (input->actor_index, input->actor_ids[i], GUINT_TO_POINTER (i + 1));
    }

  input_take_ties (input, world, overrides);

  n_blocs = ent_world_get_n_blocs (world);
  input->blocs = g_ptr_array_new_full (n_blocs, bloc_snapshot_free);
  for (guint i = 0; i < n_blocs; i++)
    {
      const EntBloc *bloc = ent_world_get_bloc (world, i);
      g_autoptr(GArray) members = ent_world_get_bloc_members (world, i, at);
      BlocSnapshot *snapshot;

      if (members->len == 0)
        continue;
      snapshot = g_new0 (BlocSnapshot, 1);
      snapshot->id = g_strdup (bloc->id);
      snapshot->name = g_strdup (ent_bloc_get_display_name (bloc));
      snapshot->members = g_steal_pointer (&members);
      g_ptr_array_add (input->blocs, snapshot);
    }
  return input;
}

EntAnalysisInput *
ent_analysis_input_ref (EntAnalysisInput *input)
{
  g_return_val_if_fail (input != NULL, NULL);
  return g_atomic_rc_box_acquire (input);
}

void
ent_analysis_input_unref (EntAnalysisInput *input)
{
  g_return_if_fail (input != NULL);
  g_atomic_rc_box_release_full (input, input_clear);
}

/* ---- igraph plumbing ----------------------------------------------------
 * igraph calls the interruption handler from its long loops. The handler
 * is process-wide; the cancellable it looks at belongs to the thread that
 * runs an analysis, so other threads' igraph calls are never interrupted.
 */

static GPrivate current_cancellable;
/* igraph 0.10.2 as packaged is not thread-safe (IGRAPH_THREAD_SAFE 0):
 * its error state and "finally" stack are global, so analyses hold the
 * process-wide igraph lock (see ent-igraph.h). */

static igraph_error_t
interruption_handler (void *data)
{
  GCancellable *cancellable = g_private_get (&current_cancellable);

  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    {
      /* IGRAPH_ALLOW_INTERRUPTION returns at once without unwinding:
       * the handler must free what igraph registered, as an error
       * handler does. */
      IGRAPH_FINALLY_FREE ();
      return IGRAPH_INTERRUPTED;
    }
  return IGRAPH_SUCCESS;
}

static void
install_interruption_handler (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      igraph_set_interruption_handler (interruption_handler);
      g_once_init_leave (&installed, 1);
    }
}

static gboolean
check (igraph_error_t  code,
       const char     *what,
       GCancellable   *cancellable,
       GError        **error)
{
  if (code == IGRAPH_SUCCESS)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return ent_igraph_check (code, what, error);
}

/* Stops between stages. */
static gboolean
still_wanted (GCancellable  *cancellable,
              GError       **error)
{
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gint64
pair_key (guint a,
          guint b)
{
  return ((gint64) MIN (a, b) << 32) | MAX (a, b);
}

/* ---- Pairs -------------------------------------------------------------- */

/* The tie that names a pair in sentences: a relation says more than
 * "meetings", so relations come first, then the stronger. */
static gboolean
names_pair_better (const EntTie *tie,
                   const EntTie *than)
{
  if (tie->kind != than->kind)
    return tie->kind == ENT_TIE_RELATION;
  return tie->weight > than->weight;
}

static GArray *
combine_ties (GArray *ties)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GArray *pairs = g_array_new (FALSE, TRUE, sizeof (EntPair));

  for (guint i = 0; i < ties->len; i++)
    {
      const EntTie *tie = &g_array_index (ties, EntTie, i);
      gint64 key = pair_key (tie->a, tie->b);
      gpointer found;
      EntPair *pair;

      if (!g_hash_table_lookup_extended (index, &key, NULL, &found))
        {
          EntPair fresh = { 0 };

          fresh.a = MIN (tie->a, tie->b);
          fresh.b = MAX (tie->a, tie->b);
          fresh.strongest_tie = (int) i;
          fresh.strongest_cooperative_tie = -1;
          g_array_append_val (pairs, fresh);
          found = GUINT_TO_POINTER (pairs->len);
          g_hash_table_insert (index, g_memdup2 (&key, sizeof key), found);
        }
      pair = &g_array_index (pairs, EntPair, GPOINTER_TO_UINT (found) - 1);
      pair->n_ties++;
      if (names_pair_better (tie, &g_array_index (ties, EntTie, pair->strongest_tie)))
        pair->strongest_tie = (int) i;
      if (tie->sign > 0)
        {
          pair->cooperative_weight += tie->weight;
          if (pair->strongest_cooperative_tie < 0 ||
              names_pair_better (tie, &g_array_index (ties, EntTie, pair->strongest_cooperative_tie)))
            pair->strongest_cooperative_tie = (int) i;
        }
      else
        pair->adversarial_weight += tie->weight;
    }

  for (guint i = 0; i < pairs->len; i++)
    {
      EntPair *pair = &g_array_index (pairs, EntPair, i);

      pair->net = pair->cooperative_weight - pair->adversarial_weight;
      pair->sign = pair->net > NET_EPSILON ? 1 : pair->net < -NET_EPSILON ? -1 : 0;
    }
  return pairs;
}

typedef enum
{
  GRAPH_TIES,         /* every pair */
  GRAPH_COOPERATIVE,  /* pairs with a cooperative tie */
  GRAPH_SIGNED,       /* pairs whose ties do not cancel out */
} GraphKind;

static gboolean
pair_in_graph (const EntPair *pair,
               GraphKind      kind)
{
  switch (kind)
    {
    case GRAPH_TIES: return TRUE;
    case GRAPH_COOPERATIVE: return pair->strongest_cooperative_tie >= 0;
    case GRAPH_SIGNED: return pair->sign != 0;
    default: g_assert_not_reached ();
    }
}

/*
 * Builds a simple undirected graph over all actors with one edge per pair
 * of @kind, in the order of @pairs. @weights (optional) receives the
 * pair's weight in that graph: all ties' weights for GRAPH_TIES, the
 * cooperative weight for GRAPH_COOPERATIVE, |net| for GRAPH_SIGNED.
 */
static gboolean
build_graph (guint            n_actors,
             GArray          *pairs,
             GraphKind        kind,
             igraph_t        *graph,
             igraph_vector_t *weights,
             GError         **error)
{
  igraph_vector_int_t edges;
  igraph_integer_t n_edges = 0;
  igraph_error_t code;

  if (!ent_igraph_check (igraph_vector_int_init (&edges, 0), "Building a graph", error))
    return FALSE;
  if (weights != NULL &&
      !ent_igraph_check (igraph_vector_init (weights, 0), "Building a graph", error))
    {
      igraph_vector_int_destroy (&edges);
      return FALSE;
    }
  code = igraph_vector_int_reserve (&edges, 2 * (igraph_integer_t) pairs->len);
  for (guint i = 0; code == IGRAPH_SUCCESS && i < pairs->len; i++)
    {
      const EntPair *pair = &g_array_index (pairs, EntPair, i);
      double weight;

      if (!pair_in_graph (pair, kind))
        continue;
      code = igraph_vector_int_push_back (&edges, pair->a);
      if (code == IGRAPH_SUCCESS)
        code = igraph_vector_int_push_back (&edges, pair->b);
      weight = kind == GRAPH_TIES ? pair->cooperative_weight + pair->adversarial_weight
             : kind == GRAPH_COOPERATIVE ? pair->cooperative_weight
             : fabs (pair->net);
      if (code == IGRAPH_SUCCESS && weights != NULL)
        code = igraph_vector_push_back (weights, weight);
      n_edges++;
    }
  if (code == IGRAPH_SUCCESS)
    code = igraph_create (graph, &edges, (igraph_integer_t) n_actors, IGRAPH_UNDIRECTED);
  igraph_vector_int_destroy (&edges);
  if (!ent_igraph_check (code, "Building a graph", error))
    {
      if (weights != NULL)
        igraph_vector_destroy (weights);
      return FALSE;
    }
  g_assert (igraph_ecount (graph) == n_edges);
  return TRUE;
}

/* ---- Stages ------------------------------------------------------------- */

/*
 * Louvain visits vertices in a random order and ARPACK (eigenvector
 * centrality) starts from a slightly randomised vector. Each runs with a
 * fresh RNG of the default's type seeded with ANALYSIS_SEED, so the same
 * world always gives the same numbers, and the default RNG that others
 * use is left where it was. igraph_rng_set_default() copies the struct,
 * so the caller's is saved by value.
 */
typedef struct
{
  igraph_rng_t seeded;
  igraph_rng_t saved;
} SeededRng;

static gboolean
seeded_rng_begin (SeededRng     *rng,
                  GCancellable  *cancellable,
                  GError       **error)
{
  if (!check (igraph_rng_init (&rng->seeded, igraph_rng_default ()->type), "Seeding the analysis",
              cancellable, error))
    return FALSE;
  igraph_rng_seed (&rng->seeded, ANALYSIS_SEED);
  rng->saved = *igraph_rng_default ();
  igraph_rng_set_default (&rng->seeded);
  return TRUE;
}

static void
seeded_rng_end (SeededRng *rng)
{
  igraph_rng_set_default (&rng->saved);
  igraph_rng_destroy (&rng->seeded);
}

static gboolean
copy_vector (const igraph_vector_t *vector,
             double                *out,
             guint                  n)
{
  g_assert ((guint) igraph_vector_size (vector) == n);
  for (guint i = 0; i < n; i++)
    out[i] = VECTOR (*vector)[i];
  return TRUE;
}

/*
 * Exact betweenness costs one breadth-first search per actor: about 7 s
 * for 10,000 actors and 20,000 ties. Above ENT_ANALYSIS_EXACT_BETWEENNESS_LIMIT
 * actors we estimate it from evenly spaced source actors and scale the
 * result by n / sources (Brandes and Pich, 2007), which keeps the ranking
 * of the leading brokers and costs a tenth.
 */
static gboolean
compute_betweenness (EntAnalysis     *analysis,
                     const igraph_t  *graph,
                     igraph_vector_t *result,
                     GCancellable    *cancellable,
                     GError         **error)
{
  igraph_vector_int_t sources;
  guint n = analysis->n_actors;
  guint n_sources = ENT_ANALYSIS_BETWEENNESS_SOURCES;
  gboolean ok;

  if (n <= ENT_ANALYSIS_EXACT_BETWEENNESS_LIMIT)
    return check (igraph_betweenness (graph, result, igraph_vss_all (), FALSE, NULL),
                  "Computing betweenness", cancellable, error);

  if (!check (igraph_vector_int_init (&sources, n_sources), "Computing betweenness", cancellable, error))
    return FALSE;
  for (guint i = 0; i < n_sources; i++)
    VECTOR (sources)[i] = (igraph_integer_t) ((guint64) i * n / n_sources);
  ok = check (igraph_betweenness_subset (graph, result, igraph_vss_all (), FALSE,
                                         igraph_vss_vector (&sources), igraph_vss_all (), NULL),
              "Computing betweenness", cancellable, error);
  igraph_vector_int_destroy (&sources);
  if (!ok)
    return FALSE;
  igraph_vector_scale (result, (double) n / n_sources);
  analysis->betweenness_estimated = TRUE;
  return TRUE;
}

static gboolean
compute_tie_metrics (EntAnalysis   *analysis,
                     GCancellable  *cancellable,
                     GError       **error)
{
  igraph_t graph;
  igraph_vector_t weights;
  igraph_vector_t result;
  gboolean ok = FALSE;

  if (!build_graph (analysis->n_actors, analysis->pairs, GRAPH_TIES, &graph, &weights, error))
    return FALSE;
  if (!check (igraph_vector_init (&result, 0), "Computing centrality", cancellable, error))
    goto out_graph;

  if (!check (igraph_strength (&graph, &result, igraph_vss_all (), IGRAPH_ALL, TRUE, &weights),
              "Computing the weighted degree", cancellable, error))
    goto out;
  copy_vector (&result, analysis->metrics[ENT_METRIC_STRENGTH], analysis->n_actors);

  if (!still_wanted (cancellable, error))
    goto out;
  if (!compute_betweenness (analysis, &graph, &result, cancellable, error))
    goto out;
  copy_vector (&result, analysis->metrics[ENT_METRIC_BETWEENNESS], analysis->n_actors);
  ok = TRUE;

out:
  igraph_vector_destroy (&result);
out_graph:
  igraph_vector_destroy (&weights);
  igraph_destroy (&graph);
  return ok;
}

static gboolean
compute_cooperative_metrics (EntAnalysis     *analysis,
                             const igraph_t  *graph,
                             igraph_vector_t *weights,
                             GCancellable    *cancellable,
                             GError         **error)
{
  igraph_vector_t result;
  igraph_arpack_options_t options;
  igraph_real_t value;
  gboolean ok = FALSE;

  if (!check (igraph_vector_init (&result, 0), "Computing centrality", cancellable, error))
    return FALSE;

  if (igraph_ecount (graph) == 0)
    {
      /* igraph answers 1 for everyone here; nobody is central. */
      for (guint i = 0; i < analysis->n_actors; i++)
        analysis->metrics[ENT_METRIC_EIGENVECTOR][i] = 0.0;
    }
  else
    {
      SeededRng rng;
      igraph_error_t code;

      igraph_arpack_options_init (&options);
      if (!seeded_rng_begin (&rng, cancellable, error))
        goto out;
      code = igraph_eigenvector_centrality (graph, &result, &value, FALSE, TRUE, weights, &options);
      seeded_rng_end (&rng);
      if (!check (code, "Computing eigenvector centrality", cancellable, error))
        goto out;
      copy_vector (&result, analysis->metrics[ENT_METRIC_EIGENVECTOR], analysis->n_actors);
    }

  if (!still_wanted (cancellable, error))
    goto out;
  if (!check (igraph_pagerank (graph, IGRAPH_PAGERANK_ALGO_PRPACK, &result, &value,
                               igraph_vss_all (), FALSE, PAGERANK_DAMPING, weights, NULL),
              "Computing PageRank", cancellable, error))
    goto out;
  copy_vector (&result, analysis->metrics[ENT_METRIC_PAGERANK], analysis->n_actors);
  ok = TRUE;

out:
  igraph_vector_destroy (&result);
  return ok;
}

static void
community_free (gpointer data)
{
  EntCommunity *community = data;

  g_array_unref (community->members);
  g_free (community);
}

static int
compare_communities (gconstpointer a,
                     gconstpointer b)
{
  const EntCommunity *x = *(EntCommunity * const *) a;
  const EntCommunity *y = *(EntCommunity * const *) b;

  if (x->members->len != y->members->len)
    return x->members->len > y->members->len ? -1 : 1;
  return (int) g_array_index (x->members, guint, 0) - (int) g_array_index (y->members, guint, 0);
}

/* Sorts communities and fills analysis->community from a membership. */
static void
take_membership (EntAnalysis               *analysis,
                 const igraph_vector_int_t *membership)
{
  guint n_groups = 0;
  g_autofree EntCommunity **by_label = NULL;

  for (guint i = 0; i < analysis->n_actors; i++)
    n_groups = MAX (n_groups, (guint) VECTOR (*membership)[i] + 1);
  by_label = g_new0 (EntCommunity *, n_groups);
  for (guint i = 0; i < analysis->n_actors; i++)
    {
      guint label = (guint) VECTOR (*membership)[i];

      if (by_label[label] == NULL)
        {
          by_label[label] = g_new0 (EntCommunity, 1);
          by_label[label]->members = g_array_new (FALSE, FALSE, sizeof (guint));
          by_label[label]->best_bloc = -1;
          g_ptr_array_add (analysis->communities, by_label[label]);
        }
      g_array_append_val (by_label[label]->members, i);
    }
  g_ptr_array_sort (analysis->communities, compare_communities);
  for (guint c = 0; c < analysis->communities->len; c++)
    {
      EntCommunity *community = g_ptr_array_index (analysis->communities, c);

      for (guint j = 0; j < community->members->len; j++)
        analysis->community[g_array_index (community->members, guint, j)] = c;
    }
}

/* For each community, the declared bloc with the best Jaccard overlap
 * |C ∩ B| / |C ∪ B|; the first bloc wins a tie. */
static void
match_blocs (EntAnalysis *analysis)
{
  GPtrArray *blocs = analysis->input->blocs;
  guint n_communities = analysis->communities->len;
  g_autofree guint *shared = NULL;

  if (n_communities == 0)
    return;
  shared = g_new0 (guint, n_communities);

  for (guint b = 0; b < blocs->len; b++)
    {
      const BlocSnapshot *bloc = g_ptr_array_index (blocs, b);

      memset (shared, 0, n_communities * sizeof (guint));
      for (guint j = 0; j < bloc->members->len; j++)
        shared[analysis->community[g_array_index (bloc->members, guint, j)]]++;
      for (guint c = 0; c < n_communities; c++)
        {
          EntCommunity *community = g_ptr_array_index (analysis->communities, c);
          double jaccard;

          if (shared[c] == 0)
            continue;
          jaccard = (double) shared[c] / (community->members->len + bloc->members->len - shared[c]);
          if (jaccard > community->jaccard)
            {
              community->jaccard = jaccard;
              community->best_bloc = (int) b;
            }
        }
    }
}

static gboolean
run_louvain (const igraph_t      *graph,
             igraph_vector_t     *weights,
             igraph_vector_int_t *membership,
             GCancellable        *cancellable,
             GError             **error)
{
  SeededRng rng;
  igraph_error_t code;

  if (!seeded_rng_begin (&rng, cancellable, error))
    return FALSE;
  code = igraph_community_multilevel (graph, weights, 1.0, membership, NULL, NULL);
  seeded_rng_end (&rng);
  return check (code, "Finding suggested blocs", cancellable, error);
}

static gboolean
compute_communities (EntAnalysis     *analysis,
                     const igraph_t  *graph,
                     igraph_vector_t *weights,
                     GCancellable    *cancellable,
                     GError         **error)
{
  igraph_vector_int_t membership;
  gboolean ok = FALSE;

  if (!check (igraph_vector_int_init (&membership, analysis->n_actors), "Finding suggested blocs",
              cancellable, error))
    return FALSE;

  if (igraph_ecount (graph) == 0)
    {
      for (guint i = 0; i < analysis->n_actors; i++)
        VECTOR (membership)[i] = i;
      analysis->modularity = NAN;
    }
  else
    {
      if (!run_louvain (graph, weights, &membership, cancellable, error))
        goto out;
      if (!check (igraph_modularity (graph, &membership, weights, 1.0, FALSE, &analysis->modularity),
                  "Measuring modularity", cancellable, error))
        goto out;
    }
  take_membership (analysis, &membership);
  match_blocs (analysis);
  ok = TRUE;

out:
  igraph_vector_int_destroy (&membership);
  return ok;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static int
compare_cliques (gconstpointer a,
                 gconstpointer b)
{
  GArray *x = *(GArray * const *) a;
  GArray *y = *(GArray * const *) b;

  if (x->len != y->len)
    return x->len > y->len ? -1 : 1;
  for (guint i = 0; i < x->len; i++)
    {
      int order = compare_uint (&g_array_index (x, guint, i), &g_array_index (y, guint, i));

      if (order != 0)
        return order;
    }
  return 0;
}

static gboolean
compute_trilaterals (EntAnalysis    *analysis,
                     const igraph_t *graph,
                     GCancellable   *cancellable,
                     GError        **error)
{
  igraph_vector_int_list_t cliques;
  igraph_integer_t n;

  if (!check (igraph_vector_int_list_init (&cliques, 0), "Finding trilaterals", cancellable, error))
    return FALSE;
  if (!check (igraph_maximal_cliques (graph, &cliques, 3, 0), "Finding trilaterals",
              cancellable, error))
    {
      igraph_vector_int_list_destroy (&cliques);
      return FALSE;
    }
  n = igraph_vector_int_list_size (&cliques);
  for (igraph_integer_t i = 0; i < n; i++)
    {
      const igraph_vector_int_t *clique = igraph_vector_int_list_get_ptr (&cliques, i);
      igraph_integer_t size = igraph_vector_int_size (clique);
      GArray *members = g_array_sized_new (FALSE, FALSE, sizeof (guint), (guint) size);

      for (igraph_integer_t j = 0; j < size; j++)
        {
          guint actor = (guint) VECTOR (*clique)[j];

          g_array_append_val (members, actor);
        }
      g_array_sort (members, compare_uint);
      g_ptr_array_add (analysis->trilaterals, members);
    }
  igraph_vector_int_list_destroy (&cliques);
  g_ptr_array_sort (analysis->trilaterals, compare_cliques);
  return TRUE;
}

static int
compare_triads (gconstpointer a,
                gconstpointer b)
{
  const EntTriad *x = a;
  const EntTriad *y = b;

  for (guint i = 0; i < 3; i++)
    if (x->actors[i] != y->actors[i])
      return x->actors[i] < y->actors[i] ? -1 : 1;
  return 0;
}

static gboolean
compute_balance (EntAnalysis   *analysis,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GHashTable) signs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  igraph_t graph;
  igraph_vector_int_t triangles;
  igraph_integer_t n;

  for (guint i = 0; i < analysis->pairs->len; i++)
    {
      const EntPair *pair = &g_array_index (analysis->pairs, EntPair, i);
      gint64 key = pair_key (pair->a, pair->b);

      if (pair->sign != 0)
        g_hash_table_insert (signs, g_memdup2 (&key, sizeof key), GINT_TO_POINTER (pair->sign));
    }

  if (!build_graph (analysis->n_actors, analysis->pairs, GRAPH_SIGNED, &graph, NULL, error))
    return FALSE;
  if (!check (igraph_vector_int_init (&triangles, 0), "Listing triangles", cancellable, error))
    {
      igraph_destroy (&graph);
      return FALSE;
    }
  if (!check (igraph_list_triangles (&graph, &triangles), "Listing triangles", cancellable, error))
    {
      igraph_vector_int_destroy (&triangles);
      igraph_destroy (&graph);
      return FALSE;
    }

  n = igraph_vector_int_size (&triangles) / 3;
  for (igraph_integer_t t = 0; t < n; t++)
    {
      EntTriad triad;
      int product;

      for (guint k = 0; k < 3; k++)
        triad.actors[k] = (guint) VECTOR (triangles)[3 * t + k];
      qsort (triad.actors, 3, sizeof (guint), compare_uint);
      triad.signs[0] = GPOINTER_TO_INT (g_hash_table_lookup (signs, &(gint64) { pair_key (triad.actors[0], triad.actors[1]) }));
      triad.signs[1] = GPOINTER_TO_INT (g_hash_table_lookup (signs, &(gint64) { pair_key (triad.actors[0], triad.actors[2]) }));
      triad.signs[2] = GPOINTER_TO_INT (g_hash_table_lookup (signs, &(gint64) { pair_key (triad.actors[1], triad.actors[2]) }));
      g_assert (triad.signs[0] != 0 && triad.signs[1] != 0 && triad.signs[2] != 0);
      product = triad.signs[0] * triad.signs[1] * triad.signs[2];

      analysis->n_triangles++;
      if (product > 0)
        {
          analysis->n_balanced++;
          continue;
        }
      analysis->n_unbalanced++;
      for (guint k = 0; k < 3; k++)
        analysis->unbalanced_of_actor[triad.actors[k]]++;
      g_array_append_val (analysis->unbalanced, triad);
    }
  g_array_sort (analysis->unbalanced, compare_triads);
  analysis->balance_index = analysis->n_triangles > 0
                          ? (double) analysis->n_balanced / analysis->n_triangles
                          : NAN;

  igraph_vector_int_destroy (&triangles);
  igraph_destroy (&graph);
  return TRUE;
}

static gboolean
compute_cooperative (EntAnalysis   *analysis,
                     GCancellable  *cancellable,
                     GError       **error)
{
  igraph_t graph;
  igraph_vector_t weights;
  gboolean ok;

  if (!build_graph (analysis->n_actors, analysis->pairs, GRAPH_COOPERATIVE, &graph, &weights, error))
    return FALSE;
  ok = compute_cooperative_metrics (analysis, &graph, &weights, cancellable, error) &&
       still_wanted (cancellable, error) &&
       compute_communities (analysis, &graph, &weights, cancellable, error) &&
       still_wanted (cancellable, error) &&
       compute_trilaterals (analysis, &graph, cancellable, error);
  igraph_vector_destroy (&weights);
  igraph_destroy (&graph);
  return ok;
}

static EntAnalysis *
analysis_new (EntAnalysisInput *input)
{
  EntAnalysis *analysis = g_new0 (EntAnalysis, 1);

  analysis->input = ent_analysis_input_ref (input);
  analysis->at = input->at;
  analysis->n_actors = input->n_actors;
  analysis->ties = g_array_ref (input->ties);
  for (guint m = 0; m < ENT_N_METRICS; m++)
    analysis->metrics[m] = g_new0 (double, MAX (input->n_actors, 1));
  analysis->community = g_new0 (guint, MAX (input->n_actors, 1));
  analysis->communities = g_ptr_array_new_with_free_func (community_free);
  analysis->modularity = NAN;
  analysis->balance_index = NAN;
  analysis->unbalanced = g_array_new (FALSE, FALSE, sizeof (EntTriad));
  analysis->unbalanced_of_actor = g_new0 (guint, MAX (input->n_actors, 1));
  analysis->trilaterals = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  return analysis;
}

void
ent_analysis_free (EntAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  g_clear_pointer (&analysis->ties, g_array_unref);
  g_clear_pointer (&analysis->pairs, g_array_unref);
  for (guint m = 0; m < ENT_N_METRICS; m++)
    g_free (analysis->metrics[m]);
  g_free (analysis->community);
  g_clear_pointer (&analysis->communities, g_ptr_array_unref);
  g_clear_pointer (&analysis->unbalanced, g_array_unref);
  g_free (analysis->unbalanced_of_actor);
  g_clear_pointer (&analysis->trilaterals, g_ptr_array_unref);
  g_clear_pointer (&analysis->input, ent_analysis_input_unref);
  g_free (analysis);
}

static gboolean
log_stage (GTimer     *timer,
           const char *stage)
{
  g_debug ("%s: %.3f s", stage, g_timer_elapsed (timer, NULL));
  g_timer_start (timer);
  return TRUE;
}

EntAnalysis *
ent_analysis_compute_from_input (EntAnalysisInput  *input,
                                 GCancellable      *cancellable,
                                 GError           **error)
{
  g_autoptr(EntAnalysis) analysis = NULL;
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GTimer) timer = NULL;
  gboolean ok;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!still_wanted (cancellable, error))
    return NULL;

  analysis = analysis_new (input);
  analysis->pairs = combine_ties (input->ties);

  locker = g_rec_mutex_locker_new (ent_igraph_get_lock ());
  ent_igraph_init ();
  install_interruption_handler ();
  g_private_set (&current_cancellable, cancellable);

  timer = g_timer_new ();
  ok = still_wanted (cancellable, error) &&
       compute_tie_metrics (analysis, cancellable, error) &&
       log_stage (timer, "weighted degree and betweenness") &&
       still_wanted (cancellable, error) &&
       compute_cooperative (analysis, cancellable, error) &&
       log_stage (timer, "eigenvector, PageRank, Louvain, cliques") &&
       still_wanted (cancellable, error) &&
       compute_balance (analysis, cancellable, error) &&
       log_stage (timer, "balance");

  g_private_set (&current_cancellable, NULL);
  if (!ok)
    return NULL;
  return g_steal_pointer (&analysis);
}

EntAnalysis *
ent_analysis_compute (EntWorld                   *world,
                      EntDate                     at,
                      const EntAnalysisOverrides *overrides,
                      GCancellable               *cancellable,
                      GError                    **error)
{
  g_autoptr(EntAnalysisInput) input = NULL;

  g_return_val_if_fail (ENT_IS_WORLD (world), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  input = ent_analysis_input_new (world, at, overrides);
  return ent_analysis_compute_from_input (input, cancellable, error);
}

/* ---- Reading results ---------------------------------------------------- */

const char *
ent_analysis_get_actor_id (const EntAnalysis *analysis,
                           guint              actor)
{
  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (actor < analysis->n_actors, NULL);
  return analysis->input->actor_ids[actor];
}

const char *
ent_analysis_get_actor_name (const EntAnalysis *analysis,
                             guint              actor)
{
  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (actor < analysis->n_actors, NULL);
  return analysis->input->actor_names[actor];
}

int
ent_analysis_get_actor_index (const EntAnalysis *analysis,
                              const char        *id)
{
  g_return_val_if_fail (analysis != NULL, -1);
  g_return_val_if_fail (id != NULL, -1);
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (analysis->input->actor_index, id)) - 1;
}

guint
ent_analysis_get_n_blocs (const EntAnalysis *analysis)
{
  g_return_val_if_fail (analysis != NULL, 0);
  return analysis->input->blocs->len;
}

static const BlocSnapshot *
get_bloc (const EntAnalysis *analysis,
          guint              bloc)
{
  return g_ptr_array_index (analysis->input->blocs, bloc);
}

const char *
ent_analysis_get_bloc_id (const EntAnalysis *analysis,
                          guint              bloc)
{
  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (bloc < analysis->input->blocs->len, NULL);
  return get_bloc (analysis, bloc)->id;
}

const char *
ent_analysis_get_bloc_name (const EntAnalysis *analysis,
                            guint              bloc)
{
  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (bloc < analysis->input->blocs->len, NULL);
  return get_bloc (analysis, bloc)->name;
}

GArray *
ent_analysis_get_bloc_members (const EntAnalysis *analysis,
                               guint              bloc)
{
  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (bloc < analysis->input->blocs->len, NULL);
  return get_bloc (analysis, bloc)->members;
}

const double *
ent_analysis_get_metric (const EntAnalysis *analysis,
                         EntMetric          metric)
{
  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (metric < ENT_N_METRICS, NULL);
  return analysis->metrics[metric];
}

static int
compare_by_value (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const double *values = user_data;
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  if (values[x] != values[y])
    return values[x] > values[y] ? -1 : 1;
  return compare_uint (a, b);
}

GArray *
ent_analysis_rank (const EntAnalysis *analysis,
                   EntMetric          metric)
{
  GArray *order;

  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (metric < ENT_N_METRICS, NULL);

  order = g_array_sized_new (FALSE, FALSE, sizeof (guint), analysis->n_actors);
  for (guint i = 0; i < analysis->n_actors; i++)
    g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_by_value, analysis->metrics[metric]);
  return order;
}

const EntPair *
ent_analysis_find_pair (const EntAnalysis *analysis,
                        guint              a,
                        guint              b)
{
  guint lo = MIN (a, b);
  guint hi = MAX (a, b);

  g_return_val_if_fail (analysis != NULL, NULL);

  /* Pairs are few per actor; a scan keeps the result struct plain. */
  for (guint i = 0; i < analysis->pairs->len; i++)
    {
      const EntPair *pair = &g_array_index (analysis->pairs, EntPair, i);

      if (pair->a == lo && pair->b == hi)
        return pair;
    }
  return NULL;
}

/* ---- Paths and neighbourhoods -------------------------------------------
 * These build their graph on demand: an igraph_t caches properties as it
 * is queried, so one shared between threads would not be read-only.
 */

static GraphKind
graph_kind_for_path (EntPathKind kind)
{
  return kind == ENT_PATH_COOPERATIVE ? GRAPH_COOPERATIVE : GRAPH_TIES;
}

GArray *
ent_analysis_shortest_path (const EntAnalysis *analysis,
                            guint              from,
                            guint              to,
                            EntPathKind        kind,
                            GError           **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  igraph_t graph;
  igraph_vector_int_t vertices;
  GArray *path = NULL;
  igraph_integer_t n;

  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (from < analysis->n_actors, NULL);
  g_return_val_if_fail (to < analysis->n_actors, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (ent_igraph_get_lock ());
  ent_igraph_init ();
  if (!build_graph (analysis->n_actors, analysis->pairs, graph_kind_for_path (kind), &graph, NULL, error))
    return NULL;
  if (!ent_igraph_check (igraph_vector_int_init (&vertices, 0), "Finding a path", error))
    {
      igraph_destroy (&graph);
      return NULL;
    }
  /* Unreachable gives an empty path (and an igraph warning, not an error). */
  if (ent_igraph_check (igraph_get_shortest_path (&graph, &vertices, NULL, from, to, IGRAPH_ALL),
                        "Finding a path", error))
    {
      n = igraph_vector_int_size (&vertices);
      if (n > 0)
        {
          path = g_array_sized_new (FALSE, FALSE, sizeof (guint), (guint) n);
          for (igraph_integer_t i = 0; i < n; i++)
            {
              guint actor = (guint) VECTOR (vertices)[i];

              g_array_append_val (path, actor);
            }
        }
    }
  igraph_vector_int_destroy (&vertices);
  igraph_destroy (&graph);
  return path;
}

GArray *
ent_analysis_get_neighbourhood (const EntAnalysis *analysis,
                                guint              actor,
                                guint              order,
                                EntPathKind        kind,
                                GError           **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  igraph_t graph;
  igraph_vector_int_list_t result;
  GArray *neighbours = NULL;

  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (actor < analysis->n_actors, NULL);
  g_return_val_if_fail (order >= 1 && order <= 2, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (ent_igraph_get_lock ());
  ent_igraph_init ();
  if (!build_graph (analysis->n_actors, analysis->pairs, graph_kind_for_path (kind), &graph, NULL, error))
    return NULL;
  if (!ent_igraph_check (igraph_vector_int_list_init (&result, 0), "Finding neighbours", error))
    {
      igraph_destroy (&graph);
      return NULL;
    }
  /* mindist 1 leaves the actor itself out; igraph lists by BFS, so by
   * distance; within a distance we sort by index. */
  if (ent_igraph_check (igraph_neighborhood (&graph, &result, igraph_vss_1 (actor), order, IGRAPH_ALL, 1),
                        "Finding neighbours", error))
    {
      const igraph_vector_int_t *found = igraph_vector_int_list_get_ptr (&result, 0);
      igraph_integer_t n = igraph_vector_int_size (found);
      g_autoptr(GArray) first = NULL;

      neighbours = g_array_sized_new (FALSE, FALSE, sizeof (guint), (guint) n);
      first = g_array_new (FALSE, FALSE, sizeof (guint));
      for (igraph_integer_t i = 0; i < n; i++)
        {
          guint other = (guint) VECTOR (*found)[i];
          const EntPair *pair = ent_analysis_find_pair (analysis, actor, other);

          if (pair != NULL && pair_in_graph (pair, graph_kind_for_path (kind)))
            g_array_append_val (first, other);
          else
            g_array_append_val (neighbours, other);
        }
      g_array_sort (first, compare_uint);
      g_array_sort (neighbours, compare_uint);
      g_array_prepend_vals (neighbours, first->data, first->len);
    }
  igraph_vector_int_list_destroy (&result);
  igraph_destroy (&graph);
  return neighbours;
}

/* ---- Words -------------------------------------------------------------- */

static char *
tie_label (const EntAnalysis *analysis,
           int                tie)
{
  int type = g_array_index (analysis->input->tie_types, int, tie);

  if (type < 0)
    return g_strdup (_("meetings"));
  return g_utf8_strdown (ent_relation_type_get_label ((EntRelationType) type), -1);
}

static const char *
name_of (const EntAnalysis *analysis,
         guint              actor)
{
  return analysis->input->actor_names[actor];
}

/* "South Korea–China (partnership)" */
static void
append_step (GString           *out,
             const EntAnalysis *analysis,
             guint              from,
             guint              to,
             EntPathKind        kind)
{
  const EntPair *pair = ent_analysis_find_pair (analysis, from, to);
  int tie;
  g_autofree char *label = NULL;

  g_assert (pair != NULL);
  tie = kind == ENT_PATH_COOPERATIVE ? pair->strongest_cooperative_tie : pair->strongest_tie;
  label = tie_label (analysis, tie);
  /* Translators: one step of a path: two actors and the tie between them. */
  g_string_append_printf (out, _("%s–%s (%s)"), name_of (analysis, from), name_of (analysis, to), label);
}

char *
ent_analysis_explain_path (const EntAnalysis *analysis,
                           guint              from,
                           guint              to,
                           EntPathKind        kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) path = NULL;
  g_autoptr(GString) through = g_string_new (NULL);
  g_autoptr(GString) steps = g_string_new (NULL);
  const char *a;
  const char *b;

  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (from < analysis->n_actors, NULL);
  g_return_val_if_fail (to < analysis->n_actors, NULL);

  a = name_of (analysis, from);
  b = name_of (analysis, to);
  if (from == to)
    return g_strdup_printf (_("%s is where the path starts and ends."), a);

  path = ent_analysis_shortest_path (analysis, from, to, kind, &error);
  if (error != NULL)
    return g_strdup_printf (_("No path could be computed between %s and %s: %s"), a, b, error->message);
  if (path == NULL)
    {
      if (kind == ENT_PATH_COOPERATIVE)
        return g_strdup_printf (_("There is no path of cooperative ties between %s and %s."), a, b);
      return g_strdup_printf (_("%s and %s are not connected by any ties."), a, b);
    }

  for (guint i = 0; i + 1 < path->len; i++)
    {
      if (i > 0)
        g_string_append (steps, _(", "));
      append_step (steps, analysis, g_array_index (path, guint, i), g_array_index (path, guint, i + 1), kind);
    }
  if (path->len == 2)
    /* Translators: "South Korea and the United States are tied directly: South Korea–United States (alliance)." */
    return g_strdup_printf (_("%s and %s are tied directly: %s."), a, b, steps->str);

  for (guint i = 1; i + 1 < path->len; i++)
    {
      if (i > 1)
        g_string_append (through, i + 2 == path->len ? _(" and ") : _(", "));
      g_string_append (through, name_of (analysis, g_array_index (path, guint, i)));
    }
  /* Translators: "South Korea reaches North Korea through China: South Korea–China (partnership), China–North Korea (alliance)." */
  return g_strdup_printf (_("%s reaches %s through %s: %s."), a, b, through->str, steps->str);
}

static void
append_names (GString           *out,
              const EntAnalysis *analysis,
              GArray            *actors)
{
  for (guint i = 0; i < actors->len; i++)
    {
      if (i > 0)
        g_string_append (out, _(", "));
      g_string_append (out, name_of (analysis, g_array_index (actors, guint, i)));
    }
}

char *
ent_analysis_describe_actor (const EntAnalysis *analysis,
                             guint              actor)
{
  g_autoptr(GArray) partners = NULL;
  g_autoptr(GArray) adversaries = NULL;
  GString *out;

  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (actor < analysis->n_actors, NULL);

  partners = g_array_new (FALSE, FALSE, sizeof (guint));
  adversaries = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < analysis->pairs->len; i++)
    {
      const EntPair *pair = &g_array_index (analysis->pairs, EntPair, i);
      guint other;

      if (pair->a != actor && pair->b != actor)
        continue;
      other = pair->a == actor ? pair->b : pair->a;
      if (pair->sign > 0)
        g_array_append_val (partners, other);
      else if (pair->sign < 0)
        g_array_append_val (adversaries, other);
    }
  g_array_sort (partners, compare_uint);
  g_array_sort (adversaries, compare_uint);

  out = g_string_new (NULL);
  g_string_append_printf (out, _("%s: "), name_of (analysis, actor));
  g_string_append_printf (out, ngettext ("%u partner", "%u partners", partners->len), partners->len);
  if (partners->len > 0)
    {
      g_string_append (out, " (");
      append_names (out, analysis, partners);
      g_string_append (out, ")");
    }
  g_string_append (out, _(", "));
  g_string_append_printf (out, ngettext ("%u adversary", "%u adversaries", adversaries->len), adversaries->len);
  if (adversaries->len > 0)
    {
      g_string_append (out, " (");
      append_names (out, analysis, adversaries);
      g_string_append (out, ")");
    }
  if (analysis->n_unbalanced > 0)
    {
      g_string_append (out, _("; "));
      g_string_append_printf (out,
                              ngettext ("in %u of the %u unbalanced triangle",
                                        "in %u of the %u unbalanced triangles",
                                        analysis->n_unbalanced),
                              analysis->unbalanced_of_actor[actor], analysis->n_unbalanced);
    }
  g_string_append (out, _("."));
  return g_string_free (out, FALSE);
}

static guint
count_groups (const EntAnalysis *analysis)
{
  guint n = 0;

  for (guint c = 0; c < analysis->communities->len; c++)
    if (((EntCommunity *) g_ptr_array_index (analysis->communities, c))->members->len >= 2)
      n++;
  return n;
}

char *
ent_analysis_describe_world (const EntAnalysis *analysis)
{
  GString *out;
  g_autoptr(GArray) ranking = NULL;
  guint n_groups;

  g_return_val_if_fail (analysis != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, ngettext ("%u actor", "%u actors", analysis->n_actors), analysis->n_actors);
  g_string_append (out, _(", "));
  g_string_append_printf (out, ngettext ("%u tie", "%u ties", analysis->ties->len), analysis->ties->len);
  g_string_append (out, _(". "));

  if (analysis->n_actors > 0 && analysis->ties->len > 0)
    {
      ranking = ent_analysis_rank (analysis, ENT_METRIC_STRENGTH);
      g_string_append_printf (out, _("The most engaged actor is %s. "),
                              name_of (analysis, g_array_index (ranking, guint, 0)));
    }

  n_groups = count_groups (analysis);
  if (n_groups > 0)
    {
      g_string_append_printf (out, ngettext ("Cooperation suggests %u bloc",
                                             "Cooperation suggests %u blocs", n_groups), n_groups);
      g_string_append_printf (out, _(" (modularity %.2f). "), analysis->modularity);
    }

  if (analysis->n_triangles == 0)
    g_string_append (out, _("There are no triangles to test for balance."));
  else
    g_string_append_printf (out,
                            ngettext ("%u of %u triangle is balanced (balance index %.2f).",
                                      "%u of %u triangles are balanced (balance index %.2f).",
                                      analysis->n_triangles),
                            analysis->n_balanced, analysis->n_triangles, analysis->balance_index);

  if (analysis->trilaterals->len > 0)
    {
      g_string_append (out, " ");
      g_string_append_printf (out,
                              ngettext ("%u group of three or more all cooperate with each other.",
                                        "%u groups of three or more all cooperate with each other.",
                                        analysis->trilaterals->len),
                              analysis->trilaterals->len);
    }
  return g_string_free (out, FALSE);
}
