/* ent-analysis.h: centrality, suggested blocs, structural balance, paths
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ent-world.h"

G_BEGIN_DECLS

/*
 * How the world's ties become graphs
 * ----------------------------------
 * The analysis starts from ent_world_get_ties() as of a date: one tie per
 * active relation, plus one (cooperative) tie per pair of actors that met.
 * A pair of actors may have several ties (an alliance and a trade dispute).
 *
 * - A "cooperative tie" is a tie whose sign is +1. The cooperative graph has
 *   one edge per pair with at least one cooperative tie, weighted by the sum
 *   of those ties' weights. It is the graph of eigenvector centrality,
 *   PageRank, suggested blocs, trilaterals and cooperative paths.
 * - The "tie graph" has one edge per pair with any tie. It is the graph of
 *   betweenness, paths through any ties and the ego view; weighted degree
 *   sums the weights of all ties, cooperative and adversarial alike (it
 *   measures how engaged an actor is, not how friendly).
 * - The "signed graph" has one edge per pair whose summed signed weight
 *   (sum of sign × weight over the pair's ties) is not zero; the edge's sign
 *   is the sign of that sum. Pairs whose ties cancel out exactly are left
 *   out. Structural balance and the partners/adversaries counts of
 *   ent_analysis_describe_actor() use it.
 */

/* Betweenness is exact up to this many actors; above, it is estimated
 * from ENT_ANALYSIS_BETWEENNESS_SOURCES evenly spaced source actors and
 * scaled to the whole (EntAnalysis.betweenness_estimated says so). */
#define ENT_ANALYSIS_EXACT_BETWEENNESS_LIMIT 2500
#define ENT_ANALYSIS_BETWEENNESS_SOURCES     1000

typedef enum
{
  ENT_METRIC_STRENGTH,      /* weighted degree over all ties */
  ENT_METRIC_BETWEENNESS,   /* unweighted (hop count), on the tie graph */
  ENT_METRIC_EIGENVECTOR,   /* weighted, cooperative graph, scaled to max 1 */
  ENT_METRIC_PAGERANK,      /* weighted, cooperative graph, damping 0.85 */
  ENT_N_METRICS
} EntMetric;

/* Stable machine names ("strength", "betweenness", "eigenvector",
 * "pagerank"), as used in the JSON of docs/STATS.md. */
const char *ent_metric_to_string   (EntMetric  metric);
gboolean    ent_metric_from_string (const char *text,
                                    EntMetric  *out);
/* Translated, for people. */
const char *ent_metric_get_label   (EntMetric  metric);

typedef enum
{
  ENT_PATH_COOPERATIVE,     /* cooperative ties only */
  ENT_PATH_ANY,             /* any tie, cooperative or adversarial */
} EntPathKind;

/* ---- What-if ------------------------------------------------------------
 * Overrides change how relations enter one analysis without editing the
 * world: a relation can be flipped (its sign reversed) or left out. They
 * name relations by id; ids the world does not know, or relations that are
 * not active at the analysed date, are ignored.
 */
typedef struct _EntAnalysisOverrides EntAnalysisOverrides;

EntAnalysisOverrides *ent_analysis_overrides_new             (void);
void                  ent_analysis_overrides_free            (EntAnalysisOverrides *overrides);
void                  ent_analysis_overrides_flip_relation   (EntAnalysisOverrides *overrides,
                                                              const char           *relation_id);
void                  ent_analysis_overrides_remove_relation (EntAnalysisOverrides *overrides,
                                                              const char           *relation_id);
/* Forgets what was said about @relation_id. */
void                  ent_analysis_overrides_reset_relation  (EntAnalysisOverrides *overrides,
                                                              const char           *relation_id);
gboolean              ent_analysis_overrides_is_empty        (const EntAnalysisOverrides *overrides);

/* ---- Input: a snapshot of the world ------------------------------------
 * ent_analysis_input_new() reads the world (on the world's thread) and
 * copies everything the analysis needs: actor ids and names, the ties as
 * of @at with the overrides applied, and the blocs' members as of @at.
 * The input is immutable and reference counted; it may be handed to a
 * worker thread.
 */
typedef struct _EntAnalysisInput EntAnalysisInput;

EntAnalysisInput     *ent_analysis_input_new   (EntWorld                   *world,
                                                EntDate                     at,
                                                const EntAnalysisOverrides *overrides);
EntAnalysisInput     *ent_analysis_input_ref   (EntAnalysisInput           *input);
void                  ent_analysis_input_unref (EntAnalysisInput           *input);

/* ---- Results ----------------------------------------------------------- */

/* One pair of actors with at least one tie. */
typedef struct
{
  guint   a;                    /* actor indices, a < b */
  guint   b;
  guint   n_ties;
  double  cooperative_weight;   /* sum of the weights of cooperative ties */
  double  adversarial_weight;   /* sum of the weights of adversarial ties */
  double  net;                  /* cooperative_weight - adversarial_weight */
  int     sign;                 /* sign of net: +1, -1, or 0 when it cancels */
  /* Indices into ties of the tie that names the pair in sentences: the
   * strongest relation, or the meetings tie when there is no relation. */
  int     strongest_tie;
  int     strongest_cooperative_tie; /* the same among cooperative ties, or -1 */
} EntPair;

/* A triangle of the signed graph. */
typedef struct
{
  guint actors[3];              /* a < b < c */
  int   signs[3];               /* of (a, b), (a, c), (b, c) */
} EntTriad;

/* A suggested bloc (a Louvain community). */
typedef struct
{
  GArray *members;              /* (element-type guint) actor indices, ascending */
  int     best_bloc;            /* index into the input's blocs, or -1 */
  double  jaccard;              /* overlap with best_bloc, 0 if none */
} EntCommunity;

/*
 * Everything one analysis found. Read-only once computed; safe to read
 * from any thread. Actor indices are the world's at the time of the
 * snapshot; ent_analysis_get_actor_id() names them.
 */
typedef struct
{
  EntDate     at;
  guint       n_actors;
  GArray     *ties;             /* (element-type EntTie) with overrides applied */
  GArray     *pairs;            /* (element-type EntPair) */

  /* Centrality: metrics[m][actor]. */
  double     *metrics[ENT_N_METRICS];
  gboolean    betweenness_estimated;

  /* Suggested blocs: Louvain (igraph_community_multilevel) on the
   * cooperative graph. Communities are sorted by size, largest first,
   * then by their smallest actor index; an actor with no cooperative
   * tie is a community of one. */
  guint      *community;        /* actor -> index into communities */
  GPtrArray  *communities;      /* (element-type EntCommunity) */
  double      modularity;       /* NAN when there is no cooperative tie */

  /* Structural balance of the signed graph. */
  guint       n_triangles;
  guint       n_balanced;
  guint       n_unbalanced;
  double      balance_index;    /* n_balanced / n_triangles; NAN without triangles */
  GArray     *unbalanced;       /* (element-type EntTriad), sorted */
  guint      *unbalanced_of_actor; /* actor -> unbalanced triangles it is in */

  /* Maximal cliques of 3 or more on the cooperative graph, each a sorted
   * GArray of guint; largest first, then in order of their members. */
  GPtrArray  *trilaterals;

  /*< private >*/
  EntAnalysisInput *input;
} EntAnalysis;

/* The world is read on the calling thread only, before the work starts. */
EntAnalysis *ent_analysis_compute            (EntWorld                   *world,
                                              EntDate                     at,
                                              const EntAnalysisOverrides *overrides,
                                              GCancellable               *cancellable,
                                              GError                    **error);
/* Safe to run in a worker thread (GTask): touches only @input. Analyses
 * run one at a time (igraph 0.10.2 on Debian is not built thread-safe);
 * the cancellable is checked between stages and inside igraph's long
 * loops, and a cancelled run fails with G_IO_ERROR_CANCELLED. */
EntAnalysis *ent_analysis_compute_from_input (EntAnalysisInput           *input,
                                              GCancellable               *cancellable,
                                              GError                    **error);
void         ent_analysis_free               (EntAnalysis                *analysis);

const char  *ent_analysis_get_actor_id       (const EntAnalysis *analysis,
                                              guint              actor);
const char  *ent_analysis_get_actor_name     (const EntAnalysis *analysis,
                                              guint              actor);
/* -1 when the snapshot has no such actor. */
int          ent_analysis_get_actor_index    (const EntAnalysis *analysis,
                                              const char        *id);
/* Blocs as of the analysed date, in the world's order. */
guint        ent_analysis_get_n_blocs        (const EntAnalysis *analysis);
const char  *ent_analysis_get_bloc_id        (const EntAnalysis *analysis,
                                              guint              bloc);
const char  *ent_analysis_get_bloc_name      (const EntAnalysis *analysis,
                                              guint              bloc);
/* (element-type guint): actor indices of the bloc's members at the date. */
GArray      *ent_analysis_get_bloc_members   (const EntAnalysis *analysis,
                                              guint              bloc);

/* Borrowed: n_actors values, e.g. to size the discs of the map. */
const double *ent_analysis_get_metric        (const EntAnalysis *analysis,
                                              EntMetric          metric);
/* (transfer full) (element-type guint): every actor, highest value first;
 * equal values keep index order. */
GArray      *ent_analysis_rank               (const EntAnalysis *analysis,
                                              EntMetric          metric);

/* The EntPair of two actors, or NULL when they have no tie. */
const EntPair *ent_analysis_find_pair        (const EntAnalysis *analysis,
                                              guint              a,
                                              guint              b);

/* Shortest path by hop count (unweighted: one tie is one step, however
 * strong). Returns (transfer full) (element-type guint) the actors from
 * @from to @to inclusive, or NULL when there is no such path. */
GArray      *ent_analysis_shortest_path      (const EntAnalysis *analysis,
                                              guint              from,
                                              guint              to,
                                              EntPathKind        kind,
                                              GError           **error);
/* One sentence for people: the path and the tie each step uses, or that
 * there is none. */
char        *ent_analysis_explain_path       (const EntAnalysis *analysis,
                                              guint              from,
                                              guint              to,
                                              EntPathKind        kind);

/* Actors within @order (1 or 2) steps of @actor, not counting @actor, in
 * order of distance then index. (transfer full) (element-type guint). */
GArray      *ent_analysis_get_neighbourhood  (const EntAnalysis *analysis,
                                              guint              actor,
                                              guint              order,
                                              EntPathKind        kind,
                                              GError           **error);

/* Plain-language summaries, translated. */
char        *ent_analysis_describe_actor     (const EntAnalysis *analysis,
                                              guint              actor);
char        *ent_analysis_describe_world     (const EntAnalysis *analysis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EntAnalysis, ent_analysis_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EntAnalysisInput, ent_analysis_input_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EntAnalysisOverrides, ent_analysis_overrides_free)

G_END_DECLS
