/* ent-layout.h: the live force simulation that places actors on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ent-date.h"
#include "ent-world.h"

G_BEGIN_DECLS

/* ---- The core: plain arrays, no world, no signals ----------------------
 *
 * A d3-force style simulation: velocity Verlet with velocity decay, and a
 * temperature "alpha" that cools geometrically from 1 to below alpha_min
 * in about 300 ticks, after which stepping does nothing until a reheat.
 * Forces: springs along edges, Barnes-Hut many-body repulsion, cohesion
 * towards the centroid of each group, and a weak pull to the origin.
 *
 * Nothing here touches global state or emits signals, so one simulation
 * may be stepped on a worker thread as long as only that thread uses it.
 * Stepping a large graph also runs the simulation's own worker threads
 * (see ent_force_sim_set_threads()); they sleep between ticks and stop
 * when it is freed.
 * Coordinates are map units (about pixels at zoom 1).
 */

typedef struct _EntForceSim EntForceSim;

typedef struct
{
  guint  a;
  guint  b;
  int    sign;       /* +1 pulls together, -1 only pushes apart */
  double strength;   /* (0, 1]: shorter and stiffer when larger */
} EntForceEdge;

typedef struct
{
  double link_distance;   /* rest length of a full-strength cooperative tie */
  double link_stiffness;  /* multiplies every spring */
  double charge;          /* many-body strength per node; negative repels */
  double theta;           /* Barnes-Hut accuracy; 0 computes every pair */
  double distance_min;    /* repulsion is capped below this distance */
  double distance_max;    /* and ignored beyond it (INFINITY for never) */
  double cohesion;        /* pull towards each group's centroid */
  double gravity;         /* pull towards the origin */
  double velocity_decay;  /* fraction of velocity lost per tick */
  double alpha_min;       /* the simulation stops below this */
  double alpha_decay;     /* fraction of (alpha_target - alpha) per tick */
  double alpha_target;    /* alpha tends to this; > alpha_min keeps it warm */
} EntForceParams;

void          ent_force_params_init_default    (EntForceParams     *params);

/* Nodes start on a seeded phyllotaxis spiral, alpha = 1. */
EntForceSim  *ent_force_sim_new                (guint               n_nodes,
                                                guint64             seed);
void          ent_force_sim_free               (EntForceSim        *sim);

guint         ent_force_sim_get_n_nodes        (EntForceSim        *sim);
void          ent_force_sim_get_params         (EntForceSim        *sim,
                                                EntForceParams     *params);
void          ent_force_sim_set_params         (EntForceSim        *sim,
                                                const EntForceParams *params);

/* Replaces all edges (copied). Edges with an index out of range, a == b or
 * a strength that is not positive are skipped. */
void          ent_force_sim_set_edges          (EntForceSim        *sim,
                                                const EntForceEdge *edges,
                                                guint               n_edges);
/* Replaces all groups (copied). Group g holds the node indices
 * members[offsets[g]] .. members[offsets[g + 1] - 1]; @offsets has
 * @n_groups + 1 entries. */
void          ent_force_sim_set_groups         (EntForceSim        *sim,
                                                const guint        *members,
                                                const guint        *offsets,
                                                guint               n_groups);

/* Resizes to @n_nodes: new node i takes the position, velocity and pin of
 * old node @from[i], or, when @from[i] < 0 (or @from is NULL and i is
 * new), starts at the origin, unpinned, for the caller to place. Edges and
 * groups are cleared, since they named old indices. */
void          ent_force_sim_remap_nodes        (EntForceSim        *sim,
                                                guint               n_nodes,
                                                const int          *from);

/* Runs up to @n_ticks ticks, fewer if it settles first. Returns how many
 * ran: 0 when already settled. */
guint         ent_force_sim_step               (EntForceSim        *sim,
                                                guint               n_ticks);

/* Positions as two arrays of n_nodes each, owned by the simulation and
 * valid until the next step, remap or free. */
const double *ent_force_sim_get_x              (EntForceSim        *sim);
const double *ent_force_sim_get_y              (EntForceSim        *sim);
void          ent_force_sim_get_position       (EntForceSim        *sim,
                                                guint               index,
                                                double             *x,
                                                double             *y);
/* Moves a node and stops it; a pinned node stays pinned, at the new spot. */
void          ent_force_sim_set_position       (EntForceSim        *sim,
                                                guint               index,
                                                double              x,
                                                double              y);
void          ent_force_sim_pin                (EntForceSim        *sim,
                                                guint               index,
                                                double              x,
                                                double              y);
void          ent_force_sim_unpin              (EntForceSim        *sim,
                                                guint               index);
gboolean      ent_force_sim_is_pinned          (EntForceSim        *sim,
                                                guint               index);

/* Raises alpha to at least @alpha (never cools a warmer simulation). */
void          ent_force_sim_set_mobility       (EntForceSim        *sim,
                                                const double       *mobility);
void          ent_force_sim_reheat             (EntForceSim        *sim,
                                                double              alpha);
double        ent_force_sim_get_alpha          (EntForceSim        *sim);
gboolean      ent_force_sim_is_settled         (EntForceSim        *sim);
guint64       ent_force_sim_get_tick_count     (EntForceSim        *sim);

/* The velocity change the many-body force would give each node at
 * alpha = 1, computed with @theta (0: every pair exactly). For tests and
 * benchmarks; positions and velocities are untouched. */
void          ent_force_sim_compute_many_body  (EntForceSim        *sim,
                                                double              theta,
                                                double             *dvx,
                                                double             *dvy);

/* What the last many-body pass summed: point-point pushes (@near),
 * point-cell pulls one by one (@far), and cells summed once per group
 * into a series about the group's centre (@series_cells) that each of
 * its @series_points then evaluates. For tests and benchmarks. */
typedef struct
{
  guint64 near;
  guint64 far;
  guint64 series_cells;
  guint64 series_points;
} EntManyBodyTerms;

void          ent_force_sim_get_many_body_terms (EntForceSim      *sim,
                                                 EntManyBodyTerms *terms);

/* Replaces the positions of unpinned nodes with a Fruchterman-Reingold
 * layout from igraph (grid-accelerated), scaled to map units: a better
 * cold start than the spiral for large graphs. */
gboolean      ent_force_sim_seed_with_igraph   (EntForceSim        *sim,
                                                GError            **error);

/* Threads a tick may use, the calling one included (0: the default, from
 * ENTENTE_LAYOUT_THREADS or one per processor the process may run on,
 * 1 to 8). Graphs of fewer nodes than this always tick on the calling
 * thread alone; the result is the same, bit for bit, whatever the count. */
#define ENT_FORCE_SIM_THREADED_MIN_NODES 2000

void          ent_force_sim_set_threads        (EntForceSim        *sim,
                                                guint               n_threads);
guint         ent_force_sim_get_threads        (EntForceSim        *sim);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EntForceSim, ent_force_sim_free)

/* ---- The world binding ---------------------------------------------------
 *
 * Node i is actor i of the world as of the last sync. The layout does not
 * listen to the world: connect its "changed" signal and call
 * ent_layout_sync().
 */

/* Worlds with more unplaced actors than this start from igraph's layout. */
#define ENT_LAYOUT_IGRAPH_COLD_START 2000

#define ENT_TYPE_LAYOUT (ent_layout_get_type ())
G_DECLARE_FINAL_TYPE (EntLayout, ent_layout, ENT, LAYOUT, GObject)

/* Builds nodes from the world's actors (keeping saved positions and pins),
 * edges from its ties and groups from its blocs, with no date limit. */
EntLayout    *ent_layout_new_for_world         (EntWorld           *world,
                                                guint64             seed);
EntWorld     *ent_layout_get_world             (EntLayout          *self);
/* Borrowed; valid until the layout is finalised. */
EntForceSim  *ent_layout_get_sim               (EntLayout          *self);

/* Rebuilds nodes, edges and groups from the world as of @at. Actors
 * already placed keep their positions (matched by id); new actors start
 * at the centroid of their placed neighbours. Reheats to 0.3 when the
 * ties or actors changed. */
void          ent_layout_sync                  (EntLayout          *self,
                                                EntDate             at);
/* Shows the world as of @at (unset: no limit); syncs when it differs. */
void          ent_layout_set_date              (EntLayout          *self,
                                                EntDate             at);
EntDate       ent_layout_get_date              (EntLayout          *self);

guint         ent_layout_get_n_nodes           (EntLayout          *self);
guint         ent_layout_step                  (EntLayout          *self,
                                                guint               n_ticks);
void          ent_layout_set_background        (EntLayout          *self,
                                                gboolean            background);
gboolean      ent_layout_get_background        (EntLayout          *self);
double        ent_layout_get_tick_usec         (EntLayout          *self);
void          ent_layout_wait                  (EntLayout          *self);
/* Returns FALSE when @index is out of range. */
gboolean      ent_layout_get_position          (EntLayout          *self,
                                                guint               index,
                                                double             *x,
                                                double             *y);
gboolean      ent_layout_get_position_by_id    (EntLayout          *self,
                                                const char         *id,
                                                double             *x,
                                                double             *y);
void          ent_layout_set_position          (EntLayout          *self,
                                                guint               index,
                                                double              x,
                                                double              y);
void          ent_layout_pin                   (EntLayout          *self,
                                                guint               index,
                                                double              x,
                                                double              y);
void          ent_layout_unpin                 (EntLayout          *self,
                                                guint               index);
void          ent_layout_reheat                (EntLayout          *self,
                                                double              alpha);
gboolean      ent_layout_is_settled            (EntLayout          *self);
double        ent_layout_get_alpha             (EntLayout          *self);
guint64       ent_layout_get_tick_count        (EntLayout          *self);

/* Writes every node's position into the actor of the same id in @world
 * (usually the layout's own) with ent_world_set_actor_position(), keeping
 * each actor's pinned flag. The world is frozen meanwhile, so it emits
 * one "changed" at the end rather than one per actor. */
gboolean      ent_layout_store_positions       (EntLayout          *self,
                                                EntWorld           *world,
                                                GError            **error);

guint         ent_usable_processors            (void);

G_END_DECLS
