/* ent-layout.c: the live force simulation that places actors on the map
 *
 * The core (EntForceSim) follows d3-force: every tick alpha moves towards
 * alpha_target, each force adds to the velocities (scaled by alpha), then
 * velocities decay and positions advance. Many-body repulsion walks a
 * Barnes-Hut quadtree built over the points in Morton order, once per
 * group of neighbouring points, on worker threads for large graphs.
 * EntLayout binds a simulation to an EntWorld: it maps actors to nodes by
 * id across edits so that positions survive, and places new actors where
 * their neighbours already are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-layout"
#define _GNU_SOURCE /* sched_getaffinity () */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#ifdef __linux__
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "ent-igraph.h"
#include "ent-layout.h"

/* ---- Deterministic randomness -------------------------------------------- */

static guint64
splitmix64 (guint64 *state)
{
  guint64 z;

  z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double
random_double (guint64 *state)
{
  return (splitmix64 (state) >> 11) * (1.0 / 9007199254740992.0);
}

/* ---- The core ---------------------------------------------------------- */

/* Positions are quantised to this many bits per axis for the tree: points
 * closer than the root's size / 2^24 share a leaf (and are summed exactly,
 * pair by pair) instead of splitting further. */
#define TREE_KEY_BITS 24
#define TREE_STACK_SIZE (4 * (TREE_KEY_BITS + 2))

/* Graphs smaller than ENT_FORCE_SIM_THREADED_MIN_NODES tick on the calling
 * thread only: waking the workers would cost more than they save. */
#define THREADS_MAX 8
/* Groups of points a thread takes at a time from the many-body pass. */
#define THREAD_CHUNK 8
/* The many-body pass walks the tree once for each group of at most this
 * many points that are neighbours in the tree, not once for each point. */
#define GROUP_MAX_POINTS 32
/* A far cell whose distance to the centre of a group's box is at least
 * EXPANSION_REACH times the box's half diagonal pulls on the group through
 * a series about that centre (see walk_group ()), of this many terms past
 * the first: a term of order k weighs at most 1 / EXPANSION_REACH^k. */
#define EXPANSION_ORDER 5
#define EXPANSION_REACH 2.5

#define INITIAL_RADIUS 20.0
#define INITIAL_ANGLE (G_PI * (3.0 - 2.2360679774997896964))

/* A cell of the Barnes-Hut quadtree, 32 bytes, two to a cache line. The
 * four children of a cell are contiguous; the tree is laid out depth
 * first, as the points are (in Morton order), so a walk reads memory
 * mostly forwards. */
typedef struct
{
  double x;           /* centre of mass */
  double y;
  double reach2;      /* (size / theta)^2: opened when nearer than this */
  guint32 count;      /* points below; 0 for an empty cell */
  gint32 link;        /* >= 0: first child; < 0: a leaf, ~link its first point */
} TreeCell;

typedef struct _ForcePool ForcePool;

/* Two doubles that the compiler keeps in one SIMD register (SSE2, NEON),
 * or in two when there is none: GCC's and Clang's vector extension. */
typedef double Double2 __attribute__ ((vector_size (16)));

/* What one group's walk found, reused from group to group: the cells far
 * enough from every point of the group to act as one body, and the runs
 * of sorted points near enough to be summed one by one. */
typedef struct
{
  double *far_x;
  double *far_y;
  double *far_mass;
  guint   far_len;
  guint   far_cap;
  guint  *near_start;
  guint  *near_end;
  guint   near_len;
  guint   near_cap;
  /* The cells farther still, relative to (centre_x, centre_y), and
   * their pull as a power series in a point's offset from there, as
   * complex coefficients (re, im). */
  double *series_x;
  double *series_y;
  double *series_mass;
  guint   series_len;
  guint   series_cap;
  double  centre_x;
  double  centre_y;
  double  series[2 * (EXPANSION_ORDER + 1)];
  EntManyBodyTerms terms;   /* this thread's share of the pass's */
} WalkScratch;

typedef struct
{
  guint  a;
  guint  b;
  int    sign;
  double strength;
  double bias;        /* share of the correction taken by b */
  double degree_scale;/* 1 / min (degree a, degree b) */
} Link;

struct _EntForceSim
{
  guint           n;
  double         *x;
  double         *y;
  double         *vx;
  double         *vy;
  double         *pin_x;
  double         *pin_y;
  guint8         *pinned;
  double         *mobility;   /* per node, how far it may move; NULL: all freely */

  EntForceParams  params;
  double          alpha;
  guint64         ticks;
  guint64         rng;

  Link           *links;
  guint           n_links;

  guint          *group_members;
  guint          *group_offsets;
  guint           n_groups;

  /* The many-body pass: the points sorted along a Morton curve, and the
   * quadtree built over them, all reused from tick to tick. */
  guint64        *sort_key;
  guint64        *sort_key_tmp;
  guint          *sort_index;     /* sorted position -> node */
  guint          *sort_index_tmp;
  double         *sort_x;
  double         *sort_y;
  TreeCell       *tree;           /* 64-byte aligned */
  guint           tree_len;
  guint           tree_cap;
  guint          *group_start;    /* groups of sorted points, by their tree cell */
  guint          *group_end;
  guint           n_point_groups;
  WalkScratch     scratch[THREADS_MAX];  /* one per thread of a pass */
  guint64         jiggle_salt;    /* this pass's, the same for every thread */
  double          many_body_scale;
  double         *many_body_vx;   /* where the pass adds its push */
  double         *many_body_vy;

  guint           n_threads;      /* asked for; 0: automatic */
  ForcePool      *pool;           /* created on first use, NULL meanwhile */
};

/* ---- Worker threads ---------------------------------------------------
 *
 * A pool owned by one simulation: its workers sleep between passes and
 * take chunks of a pass's items from a shared counter, as does the thread
 * that steps the simulation. Every item is computed whole by one thread,
 * so the result does not depend on how many there are. Workers never call
 * igraph or touch anything outside the simulation.
 */

/* @slot tells the threads of a pass apart (0 for the calling one), for
 * scratch space of their own. */
typedef void (*ForceJob) (EntForceSim *sim,
                          guint        slot,
                          guint        start,
                          guint        end);

typedef struct
{
  ForcePool *pool;
  guint      slot;
  GThread   *thread;
} ForceWorker;

struct _ForcePool
{
  EntForceSim *sim;
  ForceWorker *workers;
  guint        n_workers;

  GMutex       mutex;
  GCond        wake;         /* a pass started, or quit */
  GCond        done;         /* the last worker finished its share */
  guint        generation;   /* counts passes, under mutex */
  guint        running;      /* workers not done with this pass */
  gboolean     quit;

  ForceJob     job;
  guint        n_items;
  guint        chunk;
  gint         next_item;    /* atomic */
};

static void
force_pool_work (ForcePool *pool,
                 guint      slot)
{
  for (;;)
    {
      guint start = (guint) g_atomic_int_add (&pool->next_item, pool->chunk);

      if (start >= pool->n_items)
        return;
      pool->job (pool->sim, slot, start, MIN (start + pool->chunk, pool->n_items));
    }
}

static gpointer
force_pool_worker (gpointer data)
{
  ForceWorker *worker = data;
  ForcePool *pool = worker->pool;
  /* Not read from the pool: a pass may start before this thread does. */
  guint seen = 0;

  g_mutex_lock (&pool->mutex);
  for (;;)
    {
      while (pool->generation == seen && !pool->quit)
        g_cond_wait (&pool->wake, &pool->mutex);
      if (pool->quit)
        break;
      seen = pool->generation;
      g_mutex_unlock (&pool->mutex);

      force_pool_work (pool, worker->slot);

      g_mutex_lock (&pool->mutex);
      if (--pool->running == 0)
        g_cond_signal (&pool->done);
    }
  g_mutex_unlock (&pool->mutex);

  return NULL;
}

static ForcePool *
force_pool_new (EntForceSim *sim,
                guint        n_threads)
{
  ForcePool *pool = g_new0 (ForcePool, 1);
  guint i;

  pool->sim = sim;
  g_mutex_init (&pool->mutex);
  g_cond_init (&pool->wake);
  g_cond_init (&pool->done);
  pool->workers = g_new0 (ForceWorker, n_threads - 1);
  for (i = 0; i + 1 < n_threads; i++)
    {
      g_autoptr(GError) error = NULL;
      ForceWorker *worker = &pool->workers[i];

      worker->pool = pool;
      worker->slot = i + 1;
      worker->thread = g_thread_try_new ("ent-layout", force_pool_worker, worker, &error);
      /* Fewer workers only make the pass slower, never different. */
      if (worker->thread == NULL)
        {
          g_debug ("Layout worker thread not started: %s", error->message);
          break;
        }
      pool->n_workers++;
    }

  return pool;
}

static void
force_pool_free (ForcePool *pool)
{
  guint i;

  g_mutex_lock (&pool->mutex);
  pool->quit = TRUE;
  g_cond_broadcast (&pool->wake);
  g_mutex_unlock (&pool->mutex);
  for (i = 0; i < pool->n_workers; i++)
    g_thread_join (pool->workers[i].thread);

  g_free (pool->workers);
  g_cond_clear (&pool->done);
  g_cond_clear (&pool->wake);
  g_mutex_clear (&pool->mutex);
  g_free (pool);
}

/* Runs @job over items 0 .. @n_items - 1 on the calling thread and the
 * workers, and returns when every item is done. */
static void
force_pool_run (ForcePool *pool,
                ForceJob   job,
                guint      n_items,
                guint      chunk)
{
  g_mutex_lock (&pool->mutex);
  pool->job = job;
  pool->n_items = n_items;
  pool->chunk = chunk;
  g_atomic_int_set (&pool->next_item, 0);
  pool->running = pool->n_workers;
  pool->generation++;
  g_cond_broadcast (&pool->wake);
  g_mutex_unlock (&pool->mutex);

  force_pool_work (pool, 0);

  g_mutex_lock (&pool->mutex);
  while (pool->running > 0)
    g_cond_wait (&pool->done, &pool->mutex);
  g_mutex_unlock (&pool->mutex);
}

/**
 * ent_usable_processors:
 *
 * The processors this process may run on: fewer than the machine has
 * under taskset or a container's CPU set, which g_get_num_processors ()
 * does not see. The layout and the painter size their threads by it.
 */
guint
ent_usable_processors (void)
{
#ifdef __linux__
  cpu_set_t set;

  if (sched_getaffinity (0, sizeof set, &set) == 0 && CPU_COUNT (&set) > 0)
    return CPU_COUNT (&set);
#endif
  return g_get_num_processors ();
}

/* ENTENTE_LAYOUT_THREADS if set, else one per usable processor; 1 to
 * THREADS_MAX. */
static guint
default_thread_count (void)
{
  static gsize cached = 0;

  if (g_once_init_enter (&cached))
    {
      const char *env = g_getenv ("ENTENTE_LAYOUT_THREADS");
      guint64 n = 0;

      if (env == NULL || !g_ascii_string_to_unsigned (env, 10, 1, THREADS_MAX, &n, NULL))
        n = ent_usable_processors ();
      g_once_init_leave (&cached, CLAMP (n, 1, THREADS_MAX));
    }

  return cached;
}

/* Runs @job over @n_items, on the pool when the graph is large enough to
 * gain from it. */
static void
run_job (EntForceSim *sim,
         ForceJob     job,
         guint        n_items,
         guint        chunk)
{
  guint n_threads = ent_force_sim_get_threads (sim);

  if (n_threads < 2 || sim->n < ENT_FORCE_SIM_THREADED_MIN_NODES)
    {
      job (sim, 0, 0, n_items);
      return;
    }
  if (sim->pool == NULL)
    sim->pool = force_pool_new (sim, n_threads);
  force_pool_run (sim->pool, job, n_items, chunk);
}

void
ent_force_params_init_default (EntForceParams *params)
{
  g_return_if_fail (params != NULL);

  params->link_distance = 90.0;
  params->link_stiffness = 1.0;
  params->charge = -350.0;
  params->theta = 0.9;
  params->distance_min = 1.0;
  params->distance_max = INFINITY;
  params->cohesion = 0.2;
  params->gravity = 0.02;
  params->velocity_decay = 0.4;
  params->alpha_min = 0.001;
  /* d3's default: cools from 1 to alpha_min in 300 ticks. */
  params->alpha_decay = 1.0 - pow (0.001, 1.0 / 300.0);
  params->alpha_target = 0.0;
}

static double
jiggle (EntForceSim *sim)
{
  return (random_double (&sim->rng) - 0.5) * 1e-6;
}

/* Places every node not marked in @keep (NULL: every node). */
static void
place_on_spiral (EntForceSim  *sim,
                 const guint8 *keep)
{
  g_autofree guint *order = NULL;
  double turn;
  guint i;

  /* A seeded permutation of the spiral's slots, turned by a seeded angle,
   * so that different seeds give different (but equally even) starts. */
  order = g_new (guint, MAX (sim->n, 1));
  for (i = 0; i < sim->n; i++)
    order[i] = i;
  for (i = sim->n; i > 1; i--)
    {
      guint j = splitmix64 (&sim->rng) % i;
      guint t = order[i - 1];

      order[i - 1] = order[j];
      order[j] = t;
    }
  turn = 2.0 * G_PI * random_double (&sim->rng);

  for (i = 0; i < sim->n; i++)
    {
      double radius = INITIAL_RADIUS * sqrt (0.5 + order[i]);

      double angle = order[i] * INITIAL_ANGLE + turn;

      if (keep != NULL && keep[i])
        continue;
      sim->x[i] = radius * cos (angle);
      sim->y[i] = radius * sin (angle);
      sim->vx[i] = sim->vy[i] = 0.0;
    }
}

static void
resize_node_arrays (EntForceSim *sim,
                    guint        n)
{
  gsize count = MAX (n, 1);

  sim->x = g_renew (double, sim->x, count);
  sim->y = g_renew (double, sim->y, count);
  sim->vx = g_renew (double, sim->vx, count);
  sim->vy = g_renew (double, sim->vy, count);
  sim->pin_x = g_renew (double, sim->pin_x, count);
  sim->pin_y = g_renew (double, sim->pin_y, count);
  sim->pinned = g_renew (guint8, sim->pinned, count);
  sim->sort_key = g_renew (guint64, sim->sort_key, count);
  sim->sort_key_tmp = g_renew (guint64, sim->sort_key_tmp, count);
  sim->sort_index = g_renew (guint, sim->sort_index, count);
  sim->sort_index_tmp = g_renew (guint, sim->sort_index_tmp, count);
  sim->sort_x = g_renew (double, sim->sort_x, count);
  sim->sort_y = g_renew (double, sim->sort_y, count);
  sim->group_start = g_renew (guint, sim->group_start, count);
  sim->group_end = g_renew (guint, sim->group_end, count);
  sim->n = n;
}

EntForceSim *
ent_force_sim_new (guint   n_nodes,
                   guint64 seed)
{
  EntForceSim *sim;

  g_return_val_if_fail (n_nodes < G_MAXINT32 / 4, NULL);

  sim = g_new0 (EntForceSim, 1);
  ent_force_params_init_default (&sim->params);
  sim->alpha = 1.0;
  sim->rng = seed;
  resize_node_arrays (sim, n_nodes);
  memset (sim->pinned, 0, MAX (n_nodes, 1));
  place_on_spiral (sim, NULL);

  return sim;
}

void
ent_force_sim_free (EntForceSim *sim)
{
  guint i;

  if (sim == NULL)
    return;

  g_free (sim->x);
  g_free (sim->y);
  g_free (sim->vx);
  g_free (sim->vy);
  g_free (sim->pin_x);
  g_free (sim->pin_y);
  g_free (sim->pinned);
  g_free (sim->mobility);
  g_clear_pointer (&sim->pool, force_pool_free);
  g_free (sim->sort_key);
  g_free (sim->sort_key_tmp);
  g_free (sim->sort_index);
  g_free (sim->sort_index_tmp);
  g_free (sim->sort_x);
  g_free (sim->sort_y);
  g_free (sim->group_start);
  g_free (sim->group_end);
  for (i = 0; i < THREADS_MAX; i++)
    {
      g_free (sim->scratch[i].far_x);
      g_free (sim->scratch[i].far_y);
      g_free (sim->scratch[i].far_mass);
      g_free (sim->scratch[i].near_start);
      g_free (sim->scratch[i].near_end);
      g_free (sim->scratch[i].series_x);
      g_free (sim->scratch[i].series_y);
      g_free (sim->scratch[i].series_mass);
    }
  g_aligned_free (sim->tree);
  g_free (sim->links);
  g_free (sim->group_members);
  g_free (sim->group_offsets);
  g_free (sim);
}

guint
ent_force_sim_get_n_nodes (EntForceSim *sim)
{
  g_return_val_if_fail (sim != NULL, 0);

  return sim->n;
}

void
ent_force_sim_get_params (EntForceSim    *sim,
                          EntForceParams *params)
{
  g_return_if_fail (sim != NULL);
  g_return_if_fail (params != NULL);

  *params = sim->params;
}

void
ent_force_sim_set_params (EntForceSim          *sim,
                          const EntForceParams *params)
{
  g_return_if_fail (sim != NULL);
  g_return_if_fail (params != NULL);
  g_return_if_fail (params->theta >= 0.0);
  g_return_if_fail (params->distance_min > 0.0);
  g_return_if_fail (params->velocity_decay >= 0.0 && params->velocity_decay <= 1.0);
  g_return_if_fail (params->alpha_decay >= 0.0 && params->alpha_decay <= 1.0);

  sim->params = *params;
}

/**
 * ent_force_sim_set_threads:
 * @n_threads: threads a tick may use, the calling one included; 0 for the
 *   default (ENTENTE_LAYOUT_THREADS, or one per processor the process may
 *   run on, at most 8)
 *
 * Only graphs of ENT_FORCE_SIM_THREADED_MIN_NODES nodes or more use more
 * than one; smaller ones tick faster on the calling thread alone.
 * Positions are the same whatever the count.
 */
void
ent_force_sim_set_threads (EntForceSim *sim,
                           guint        n_threads)
{
  g_return_if_fail (sim != NULL);

  n_threads = MIN (n_threads, THREADS_MAX);
  if (n_threads == sim->n_threads)
    return;
  sim->n_threads = n_threads;
  g_clear_pointer (&sim->pool, force_pool_free);
}

/* The threads a tick of a large enough graph uses. */
guint
ent_force_sim_get_threads (EntForceSim *sim)
{
  g_return_val_if_fail (sim != NULL, 1);

  return sim->n_threads > 0 ? sim->n_threads : default_thread_count ();
}

void
ent_force_sim_set_edges (EntForceSim        *sim,
                         const EntForceEdge *edges,
                         guint               n_edges)
{
  g_autofree guint *degree = NULL;
  guint i;

  g_return_if_fail (sim != NULL);
  g_return_if_fail (edges != NULL || n_edges == 0);

  g_clear_pointer (&sim->links, g_free);
  sim->n_links = 0;
  if (n_edges == 0)
    return;

  sim->links = g_new (Link, n_edges);
  degree = g_new0 (guint, MAX (sim->n, 1));

  for (i = 0; i < n_edges; i++)
    {
      const EntForceEdge *e = &edges[i];
      Link *link;

      if (e->a >= sim->n || e->b >= sim->n || e->a == e->b
          || !(e->strength > 0.0) || !isfinite (e->strength))
        continue;

      link = &sim->links[sim->n_links++];
      link->a = e->a;
      link->b = e->b;
      link->sign = e->sign < 0 ? -1 : 1;
      link->strength = MIN (e->strength, 1.0);
      degree[e->a]++;
      degree[e->b]++;
    }

  /* As in d3: the busier end moves less, and a node with many springs gets
   * weaker ones, so that the sum stays stable. */
  for (i = 0; i < sim->n_links; i++)
    {
      Link *link = &sim->links[i];
      double da = degree[link->a];
      double db = degree[link->b];

      link->bias = da / (da + db);
      link->degree_scale = 1.0 / MIN (da, db);
    }
}

void
ent_force_sim_set_groups (EntForceSim *sim,
                          const guint *members,
                          const guint *offsets,
                          guint        n_groups)
{
  guint total;
  guint g;

  g_return_if_fail (sim != NULL);
  g_return_if_fail (n_groups == 0 || offsets != NULL);

  g_clear_pointer (&sim->group_members, g_free);
  g_clear_pointer (&sim->group_offsets, g_free);
  sim->n_groups = 0;
  if (n_groups == 0)
    return;

  for (g = 0; g < n_groups; g++)
    g_return_if_fail (offsets[g] <= offsets[g + 1]);
  total = offsets[n_groups] - offsets[0];
  g_return_if_fail (total == 0 || members != NULL);

  /* Kept rebased to start at 0, without out-of-range members. */
  sim->group_members = g_new (guint, MAX (total, 1));
  sim->group_offsets = g_new (guint, n_groups + 1);
  sim->group_offsets[0] = 0;
  total = 0;
  for (g = 0; g < n_groups; g++)
    {
      guint k;

      for (k = offsets[g]; k < offsets[g + 1]; k++)
        if (members[k] < sim->n)
          sim->group_members[total++] = members[k];
      sim->group_offsets[g + 1] = total;
    }
  sim->n_groups = n_groups;
}

/**
 * ent_force_sim_set_mobility:
 * @mobility: (array) (nullable): per node, the share of its movement it
 *   keeps (1 moves freely, 0 stays); %NULL lets every node move freely
 *
 * Limits how far nodes move until the simulation next settles, so that an
 * edit moves what it concerns and leaves the rest of the map where the
 * reader left it. Copied.
 */
void
ent_force_sim_set_mobility (EntForceSim  *sim,
                            const double *mobility)
{
  g_return_if_fail (sim != NULL);

  g_clear_pointer (&sim->mobility, g_free);
  if (mobility != NULL && sim->n > 0)
    sim->mobility = g_memdup2 (mobility, sizeof (double) * sim->n);
}

void
ent_force_sim_remap_nodes (EntForceSim *sim,
                           guint        n_nodes,
                           const int   *from)
{
  double *old_x, *old_y, *old_vx, *old_vy, *old_px, *old_py;
  guint8 *old_pinned;
  guint old_n;
  guint i;

  g_return_if_fail (sim != NULL);
  g_return_if_fail (n_nodes < G_MAXINT32 / 4);

  g_clear_pointer (&sim->mobility, g_free);
  old_n = sim->n;
  old_x = g_steal_pointer (&sim->x);
  old_y = g_steal_pointer (&sim->y);
  old_vx = g_steal_pointer (&sim->vx);
  old_vy = g_steal_pointer (&sim->vy);
  old_px = g_steal_pointer (&sim->pin_x);
  old_py = g_steal_pointer (&sim->pin_y);
  old_pinned = g_steal_pointer (&sim->pinned);

  resize_node_arrays (sim, n_nodes);
  for (i = 0; i < n_nodes; i++)
    {
      int src = from != NULL ? from[i] : (i < old_n ? (int) i : -1);

      if (src >= 0 && (guint) src < old_n)
        {
          sim->x[i] = old_x[src];
          sim->y[i] = old_y[src];
          sim->vx[i] = old_vx[src];
          sim->vy[i] = old_vy[src];
          sim->pin_x[i] = old_px[src];
          sim->pin_y[i] = old_py[src];
          sim->pinned[i] = old_pinned[src];
        }
      else
        {
          sim->x[i] = sim->y[i] = 0.0;
          sim->vx[i] = sim->vy[i] = 0.0;
          sim->pin_x[i] = sim->pin_y[i] = 0.0;
          sim->pinned[i] = FALSE;
        }
    }

  g_free (old_x);
  g_free (old_y);
  g_free (old_vx);
  g_free (old_vy);
  g_free (old_px);
  g_free (old_py);
  g_free (old_pinned);

  ent_force_sim_set_edges (sim, NULL, 0);
  ent_force_sim_set_groups (sim, NULL, NULL, 0);
}

/* ---- Forces ---------------------------------------------------------------- */

static void
link_geometry (const EntForceParams *params,
               const Link           *link,
               double               *distance,
               double               *stiffness)
{
  double s = link->strength;

  if (link->sign > 0)
    {
      /* Strong allies sit close; weak partners at arm's length. */
      *distance = params->link_distance * (1.5 - 0.8 * s);
      *stiffness = (0.3 + 0.7 * s);
    }
  else
    {
      /* Rivals are kept far apart, and never pulled together. */
      *distance = params->link_distance * (2.5 + 1.0 * s);
      *stiffness = (0.2 + 0.4 * s);
    }
  *stiffness *= params->link_stiffness * link->degree_scale;
}

static void
apply_links (EntForceSim *sim,
             double       alpha)
{
  guint i;

  for (i = 0; i < sim->n_links; i++)
    {
      const Link *link = &sim->links[i];
      guint a = link->a;
      guint b = link->b;
      double distance, stiffness;
      double dx, dy, l, f;

      link_geometry (&sim->params, link, &distance, &stiffness);

      /* Where the ends are heading, as d3 does: steadier than now. */
      dx = sim->x[b] + sim->vx[b] - sim->x[a] - sim->vx[a];
      dy = sim->y[b] + sim->vy[b] - sim->y[a] - sim->vy[a];
      if (dx == 0.0)
        dx = jiggle (sim);
      if (dy == 0.0)
        dy = jiggle (sim);
      l = sqrt (dx * dx + dy * dy);
      if (link->sign < 0 && l >= distance)
        continue;

      f = (l - distance) / l * alpha * stiffness;
      dx *= f;
      dy *= f;
      sim->vx[b] -= dx * link->bias;
      sim->vy[b] -= dy * link->bias;
      sim->vx[a] += dx * (1.0 - link->bias);
      sim->vy[a] += dy * (1.0 - link->bias);
    }
}

/* The Morton code of a quantised point: x in the even bits, y in the odd,
 * so that two bits at a time, from the top, pick the quadrant of each
 * level (bit 0 east, bit 1 south, as the cells' children). */
static guint64
spread_bits (guint32 v)
{
  guint64 x = v;

  x = (x | (x << 16)) & G_GUINT64_CONSTANT (0x0000ffff0000ffff);
  x = (x | (x << 8)) & G_GUINT64_CONSTANT (0x00ff00ff00ff00ff);
  x = (x | (x << 4)) & G_GUINT64_CONSTANT (0x0f0f0f0f0f0f0f0f);
  x = (x | (x << 2)) & G_GUINT64_CONSTANT (0x3333333333333333);
  x = (x | (x << 1)) & G_GUINT64_CONSTANT (0x5555555555555555);
  return x;
}

/* Sorts the points along a Morton curve (ties by index) into sort_index,
 * sort_x and sort_y; returns the size of the root's square. */
static double
tree_sort_points (EntForceSim *sim)
{
  const guint n_passes = (2 * TREE_KEY_BITS + 7) / 8;
  guint counts[(2 * TREE_KEY_BITS + 7) / 8][256];
  double min_x = INFINITY, min_y = INFINITY;
  double max_x = -INFINITY, max_y = -INFINITY;
  double size, scale, top = (double) ((1u << TREE_KEY_BITS) - 1);
  guint i, pass;

  for (i = 0; i < sim->n; i++)
    {
      min_x = MIN (min_x, sim->x[i]);
      max_x = MAX (max_x, sim->x[i]);
      min_y = MIN (min_y, sim->y[i]);
      max_y = MAX (max_y, sim->y[i]);
    }
  size = MAX (max_x - min_x, max_y - min_y);
  /* Slightly larger, so the far edge falls inside the last cell. */
  size = size > 0.0 ? size * (1.0 + 1e-9) + 1e-9 : 1.0;
  scale = (1u << TREE_KEY_BITS) / size;

  memset (counts, 0, sizeof counts);
  for (i = 0; i < sim->n; i++)
    {
      guint32 qx = (guint32) MIN ((sim->x[i] - min_x) * scale, top);
      guint32 qy = (guint32) MIN ((sim->y[i] - min_y) * scale, top);
      guint64 key = spread_bits (qx) | (spread_bits (qy) << 1);

      sim->sort_key[i] = key;
      sim->sort_index[i] = i;
      for (pass = 0; pass < n_passes; pass++)
        counts[pass][(key >> (8 * pass)) & 0xff]++;
    }

  /* Least significant byte first, each pass stable. */
  for (pass = 0; pass < n_passes; pass++)
    {
      guint shift = 8 * pass;
      guint offset = 0;
      guint b;

      if (sim->n == 0 || counts[pass][(sim->sort_key[0] >> shift) & 0xff] == sim->n)
        continue;
      for (b = 0; b < 256; b++)
        {
          guint c = counts[pass][b];

          counts[pass][b] = offset;
          offset += c;
        }
      for (i = 0; i < sim->n; i++)
        {
          guint64 key = sim->sort_key[i];
          guint to = counts[pass][(key >> shift) & 0xff]++;

          sim->sort_key_tmp[to] = key;
          sim->sort_index_tmp[to] = sim->sort_index[i];
        }
      {
        guint64 *keys = sim->sort_key;
        guint *index = sim->sort_index;

        sim->sort_key = sim->sort_key_tmp;
        sim->sort_key_tmp = keys;
        sim->sort_index = sim->sort_index_tmp;
        sim->sort_index_tmp = index;
      }
    }

  for (i = 0; i < sim->n; i++)
    {
      sim->sort_x[i] = sim->x[sim->sort_index[i]];
      sim->sort_y[i] = sim->y[sim->sort_index[i]];
    }

  return size;
}

/* Reserves @n_cells cells; returns the first. */
static guint
tree_alloc (EntForceSim *sim,
            guint        n_cells)
{
  guint first = sim->tree_len;

  if (sim->tree_len + n_cells > sim->tree_cap)
    {
      guint cap = MAX (2 * sim->tree_cap, sim->tree_len + n_cells);
      TreeCell *tree;

      cap = MAX (cap, 2 * sim->n + 64);
      tree = g_aligned_alloc (cap, sizeof (TreeCell), 64);
      if (sim->tree_len > 0)
        memcpy (tree, sim->tree, sim->tree_len * sizeof (TreeCell));
      g_aligned_free (sim->tree);
      sim->tree = tree;
      sim->tree_cap = cap;
    }
  sim->tree_len += n_cells;

  return first;
}

/* Fills cell @index with the sorted points @lo .. @hi - 1, which share the
 * top 2 * @level bits of their keys, and the cells below it. The first
 * cell on the way down with at most GROUP_MAX_POINTS points (or a leaf)
 * makes a group; @grouped says an ancestor did. */
static void
tree_build_cell (EntForceSim *sim,
                 guint        index,
                 guint        lo,
                 guint        hi,
                 guint        level,
                 double       size,
                 double       inv_theta2,
                 gboolean     grouped)
{
  const guint64 *key = sim->sort_key;
  gboolean leaf = key[lo] == key[hi - 1];
  double sx = 0.0, sy = 0.0;
  TreeCell *cell;
  gint32 link;
  guint p;

  if (!grouped && (leaf || hi - lo <= GROUP_MAX_POINTS))
    {
      sim->group_start[sim->n_point_groups] = lo;
      sim->group_end[sim->n_point_groups] = hi;
      sim->n_point_groups++;
      grouped = TRUE;
    }

  if (leaf)
    {
      for (p = lo; p < hi; p++)
        {
          sx += sim->sort_x[p];
          sy += sim->sort_y[p];
        }
      link = ~(gint32) lo;
    }
  else
    {
      guint shift = 2 * (TREE_KEY_BITS - 1 - level);
      guint first = tree_alloc (sim, 4);
      guint bound[5];
      guint q;

      /* Within the cell the quadrant bits grow with the key. */
      bound[0] = lo;
      bound[4] = hi;
      for (q = 1; q < 4; q++)
        {
          guint a = bound[q - 1], b = hi;

          while (a < b)
            {
              guint mid = a + (b - a) / 2;

              if (((key[mid] >> shift) & 3) < q)
                a = mid + 1;
              else
                b = mid;
            }
          bound[q] = a;
        }

      for (q = 0; q < 4; q++)
        {
          if (bound[q] < bound[q + 1])
            tree_build_cell (sim, first + q, bound[q], bound[q + 1], level + 1,
                             0.5 * size, inv_theta2, grouped);
          else
            memset (&sim->tree[first + q], 0, sizeof (TreeCell));
        }
      for (q = 0; q < 4; q++)
        {
          const TreeCell *child = &sim->tree[first + q];

          sx += child->x * child->count;
          sy += child->y * child->count;
        }
      link = (gint32) first;
    }

  /* Looked up only now: building the children may move the tree. */
  cell = &sim->tree[index];
  cell->count = hi - lo;
  cell->x = sx / cell->count;
  cell->y = sy / cell->count;
  cell->reach2 = size * size * inv_theta2;
  cell->link = link;
}

/* Sorts the points and builds the quadtree over them, for @theta. */
static void
tree_build (EntForceSim *sim,
            double       theta)
{
  double size = tree_sort_points (sim);
  double inv_theta2 = theta > 0.0 ? 1.0 / (theta * theta) : INFINITY;

  sim->tree_len = 0;
  sim->n_point_groups = 0;
  tree_alloc (sim, 1);
  tree_build_cell (sim, 0, 0, sim->n, 0, size, inv_theta2, FALSE);
}

/* A jiggle for two coincident points, the same whichever thread computes
 * it: a hash of the pass's salt, the pair and the axis. */
static double
pair_jiggle (guint64 salt,
             guint   i,
             guint   j,
             guint   axis)
{
  guint64 state = salt ^ ((((guint64) i << 32) | j) * 2 + axis);

  return (random_double (&state) - 0.5) * 1e-6;
}

static void
scratch_add_far (WalkScratch    *scratch,
                 const TreeCell *cell)
{
  if (scratch->far_len == scratch->far_cap)
    {
      scratch->far_cap = MAX (2 * scratch->far_cap, 256);
      scratch->far_x = g_renew (double, scratch->far_x, scratch->far_cap);
      scratch->far_y = g_renew (double, scratch->far_y, scratch->far_cap);
      scratch->far_mass = g_renew (double, scratch->far_mass, scratch->far_cap);
    }
  scratch->far_x[scratch->far_len] = cell->x;
  scratch->far_y[scratch->far_len] = cell->y;
  scratch->far_mass[scratch->far_len] = cell->count;
  scratch->far_len++;
}

static void
scratch_add_near (WalkScratch    *scratch,
                  const TreeCell *cell)
{
  guint start = ~cell->link;

  /* Leaves next to each other in the tree often hold adjacent runs. */
  if (scratch->near_len > 0 && scratch->near_end[scratch->near_len - 1] == start)
    {
      scratch->near_end[scratch->near_len - 1] += cell->count;
      return;
    }
  if (scratch->near_len == scratch->near_cap)
    {
      scratch->near_cap = MAX (2 * scratch->near_cap, 64);
      scratch->near_start = g_renew (guint, scratch->near_start, scratch->near_cap);
      scratch->near_end = g_renew (guint, scratch->near_end, scratch->near_cap);
    }
  scratch->near_start[scratch->near_len] = start;
  scratch->near_end[scratch->near_len] = start + cell->count;
  scratch->near_len++;
}

static inline __attribute__ ((always_inline)) void
scratch_add_series (WalkScratch *scratch,
                    double       ux,
                    double       uy,
                    double       mass)
{
  if (scratch->series_len == scratch->series_cap)
    {
      scratch->series_cap = MAX (2 * scratch->series_cap, 256);
      scratch->series_x = g_renew (double, scratch->series_x, scratch->series_cap);
      scratch->series_y = g_renew (double, scratch->series_y, scratch->series_cap);
      scratch->series_mass = g_renew (double, scratch->series_mass, scratch->series_cap);
    }
  scratch->series_x[scratch->series_len] = ux;
  scratch->series_y[scratch->series_len] = uy;
  scratch->series_mass[scratch->series_len] = mass;
  scratch->series_len++;
}

/* The series of the cells the walk set aside. A cell of mass m at u from
 * the centre pulls a point at offset d from it by m (u - d) / |u - d|^2,
 * whose complex conjugate is m / (u - d), the sum over k of
 * m d^k / u^(k + 1): the coefficient of d^k gains m / u^(k + 1). Two
 * cells at a time, one in each lane, in a fixed order. */
static void
series_build (WalkScratch *scratch)
{
  const Double2 one = { 1.0, 1.0 };
  Double2 re[EXPANSION_ORDER + 1], im[EXPANSION_ORDER + 1];
  guint j, k;

  /* An odd cell out goes with a massless one, which adds nothing. */
  if (scratch->series_len % 2 != 0)
    scratch_add_series (scratch, 1.0, 0.0, 0.0);
  for (k = 0; k <= EXPANSION_ORDER; k++)
    re[k] = im[k] = (Double2) { 0.0, 0.0 };
  for (j = 0; j < scratch->series_len; j += 2)
    {
      Double2 ux, uy, mass, inverse, wr, wi, tr, ti;

      memcpy (&ux, &scratch->series_x[j], sizeof ux);
      memcpy (&uy, &scratch->series_y[j], sizeof uy);
      memcpy (&mass, &scratch->series_mass[j], sizeof mass);
      inverse = one / (ux * ux + uy * uy);
      wr = ux * inverse;        /* 1 / u */
      wi = -uy * inverse;
      tr = mass * wr;
      ti = mass * wi;
      re[0] += tr;
      im[0] += ti;
      for (k = 1; k <= EXPANSION_ORDER; k++)
        {
          Double2 r = tr * wr - ti * wi;

          ti = tr * wi + ti * wr;
          tr = r;
          re[k] += tr;
          im[k] += ti;
        }
    }
  for (k = 0; k <= EXPANSION_ORDER; k++)
    {
      scratch->series[2 * k] = re[k][0] + re[k][1];
      scratch->series[2 * k + 1] = im[k][0] + im[k][1];
    }
}

/* Walks the tree for the sorted points @lo .. @hi - 1 together: a cell
 * acts as one body when it is far enough from the nearest point of their
 * bounding box, so it is far enough from each of them, and the result is
 * at least as close to the exact sum as a walk per point.
 *
 * A far cell farther still from the box's centre, by EXPANSION_REACH
 * times its half diagonal, goes into a series about that centre instead
 * (a local expansion, as in the fast multipole method), which each point
 * evaluates in a few steps whatever the number of such cells; its terms
 * past EXPANSION_ORDER, left out, weigh together at most r^6 / (1 - r),
 * with r = 1 / EXPANSION_REACH, of the cell's pull (0.7 %). Only where
 * distance_max cannot cut any point of the group off from the cell, since
 * the series cannot. */
static void
walk_group (const EntForceSim *sim,
            WalkScratch       *scratch,
            guint              lo,
            guint              hi)
{
  const TreeCell *tree = sim->tree;
  guint stack[TREE_STACK_SIZE];
  guint sp = 0;
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  double dmin2 = sim->params.distance_min * sim->params.distance_min;
  double dmax = sim->params.distance_max;
  double half_diagonal, series_reach2, series_limit2;
  guint64 near_points = 0;
  guint k;

  for (k = lo; k < hi; k++)
    {
      x0 = MIN (x0, sim->sort_x[k]);
      x1 = MAX (x1, sim->sort_x[k]);
      y0 = MIN (y0, sim->sort_y[k]);
      y1 = MAX (y1, sim->sort_y[k]);
    }
  scratch->centre_x = 0.5 * (x0 + x1);
  scratch->centre_y = 0.5 * (y0 + y1);
  half_diagonal = 0.5 * sqrt ((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
  series_reach2 = EXPANSION_REACH * EXPANSION_REACH * half_diagonal * half_diagonal;
  /* Every point of the group nearer than distance_max to the cell. */
  series_limit2 = isfinite (dmax) && dmax > half_diagonal
                  ? (dmax - half_diagonal) * (dmax - half_diagonal)
                  : isfinite (dmax) ? 0.0 : INFINITY;
  scratch->series_len = 0;

  scratch->far_len = 0;
  scratch->near_len = 0;
  stack[sp++] = 0;
  while (sp > 0)
    {
      const TreeCell *cell = &tree[stack[--sp]];
      /* The distance to the box, per axis: written so that the compiler
       * needs no branch for it. */
      double west = x0 - cell->x, east = cell->x - x1;
      double north = y0 - cell->y, south = cell->y - y1;
      double dx = west > 0.0 ? west : 0.0;
      double dy = north > 0.0 ? north : 0.0;
      double d2;

      dx = east > dx ? east : dx;
      dy = south > dy ? south : dy;

      d2 = dx * dx + dy * dy;
      /* A far cell is never nearer to a point than distance_min, so that
       * the sums need not check it; a rare cell that would be is opened. */
      if (cell->reach2 < d2 && d2 >= dmin2)
        {
          double ux = cell->x - scratch->centre_x, uy = cell->y - scratch->centre_y;
          double u2 = ux * ux + uy * uy;

          if (u2 >= series_reach2 && u2 < series_limit2)
            scratch_add_series (scratch, ux, uy, cell->count);
          else
            scratch_add_far (scratch, cell);
        }
      else if (cell->link < 0)
        scratch_add_near (scratch, cell);
      else
        {
          guint first = cell->link;
          int c;

          for (c = 3; c >= 0; c--)
            if (tree[first + c].count > 0)
              {
                g_assert (sp < TREE_STACK_SIZE);
                stack[sp++] = first + c;
              }
        }
    }

  for (k = 0; k < scratch->near_len; k++)
    near_points += scratch->near_end[k] - scratch->near_start[k];
  scratch->terms.near += near_points * (hi - lo);
  scratch->terms.far += (guint64) scratch->far_len * (hi - lo);
  scratch->terms.series_cells += scratch->series_len;
  scratch->terms.series_points += scratch->series_len > 0 ? hi - lo : 0;
  series_build (scratch);
}

/* Adds to (*ax, *ay) the push of sorted point @p on sorted point @k. */
static inline void
near_push (const EntForceSim *sim,
           guint              k,
           guint              p,
           double             dmin2,
           double             dmax2,
           double            *ax,
           double            *ay)
{
  double dx, dy, l;

  if (p == k)
    return;
  dx = sim->sort_x[p] - sim->sort_x[k];
  dy = sim->sort_y[p] - sim->sort_y[k];
  if (dx == 0.0)
    dx = pair_jiggle (sim->jiggle_salt, sim->sort_index[k], sim->sort_index[p], 0);
  if (dy == 0.0)
    dy = pair_jiggle (sim->jiggle_salt, sim->sort_index[k], sim->sort_index[p], 1);
  l = dx * dx + dy * dy;
  if (l >= dmax2)
    return;
  if (l < dmin2)
    l = sqrt (dmin2 * l);
  *ax += dx / l;
  *ay += dy / l;
}

/* The many-body push on sorted point @k, per unit of alpha times charge,
 * from what its group's walk found. */
static void
group_push (const EntForceSim *sim,
            const WalkScratch *scratch,
            guint              k,
            double            *dvx,
            double            *dvy)
{
  double xi = sim->sort_x[k], yi = sim->sort_y[k];
  double dmin2 = sim->params.distance_min * sim->params.distance_min;
  double dmax2 = sim->params.distance_max * sim->params.distance_max;
  Double2 xi2 = { xi, xi }, yi2 = { yi, yi };
  Double2 ax2 = { 0.0, 0.0 }, ay2 = { 0.0, 0.0 };
  Double2 near_x2 = { 0.0, 0.0 }, near_y2 = { 0.0, 0.0 };
  gboolean bounded = isfinite (dmax2);
  double ax, ay;
  guint j;

  /* Far cells two at a time, each in its own lane: the sums are the same
   * on every machine, since each lane adds in a fixed order. */
  for (j = 0; j + 2 <= scratch->far_len; j += 2)
    {
      Double2 dx, dy, l, mass;
      int lane;

      memcpy (&dx, &scratch->far_x[j], sizeof dx);
      memcpy (&dy, &scratch->far_y[j], sizeof dy);
      memcpy (&mass, &scratch->far_mass[j], sizeof mass);
      dx -= xi2;
      dy -= yi2;
      l = dx * dx + dy * dy;
      /* No far cell is nearer than distance_min (see walk_group ()). */
      if (G_LIKELY (!bounded || (l[0] < dmax2 && l[1] < dmax2)))
        {
          Double2 w = mass / l;

          ax2 += dx * w;
          ay2 += dy * w;
          continue;
        }
      for (lane = 0; lane < 2; lane++)
        {
          if (l[lane] >= dmax2)
            continue;
          ax2[lane] += dx[lane] * (mass[lane] / l[lane]);
          ay2[lane] += dy[lane] * (mass[lane] / l[lane]);
        }
    }
  ax = ax2[0] + ax2[1];
  ay = ay2[0] + ay2[1];
  for (; j < scratch->far_len; j++)
    {
      double dx = scratch->far_x[j] - xi;
      double dy = scratch->far_y[j] - yi;
      double l = dx * dx + dy * dy;
      double w;

      if (l >= dmax2)
        continue;
      if (l < dmin2)
        l = sqrt (dmin2 * l);
      w = scratch->far_mass[j] / l;
      ax += dx * w;
      ay += dy * w;
    }

  /* Near points two at a time too, but one by one where a pair holds
   * the point itself, a coincident one or one nearer than distance_min. */
  for (j = 0; j < scratch->near_len; j++)
    {
      guint p = scratch->near_start[j];
      guint end = scratch->near_end[j];

      for (; p + 2 <= end; p += 2)
        {
          Double2 dx, dy, l;
          double tx, ty;
          int lane;

          memcpy (&dx, &sim->sort_x[p], sizeof dx);
          memcpy (&dy, &sim->sort_y[p], sizeof dy);
          dx -= xi2;
          dy -= yi2;
          l = dx * dx + dy * dy;
          if (G_LIKELY (k != p && k != p + 1
                        && dx[0] != 0.0 && dx[1] != 0.0 && dy[0] != 0.0 && dy[1] != 0.0
                        && l[0] >= dmin2 && l[1] >= dmin2
                        && (!bounded || (l[0] < dmax2 && l[1] < dmax2))))
            {
              near_x2 += dx / l;
              near_y2 += dy / l;
              continue;
            }
          for (lane = 0; lane < 2; lane++)
            {
              tx = near_x2[lane];
              ty = near_y2[lane];
              near_push (sim, k, p + lane, dmin2, dmax2, &tx, &ty);
              near_x2[lane] = tx;
              near_y2[lane] = ty;
            }
        }
      for (; p < end; p++)
        near_push (sim, k, p, dmin2, dmax2, &ax, &ay);
    }

  if (scratch->series_len > 0)
    {
      /* Horner's rule in the offset d; the pull is the conjugate. */
      double dr = xi - scratch->centre_x, di = yi - scratch->centre_y;
      double sr = scratch->series[2 * EXPANSION_ORDER];
      double si = scratch->series[2 * EXPANSION_ORDER + 1];
      int o;

      for (o = EXPANSION_ORDER - 1; o >= 0; o--)
        {
          double r = sr * dr - si * di + scratch->series[2 * o];

          si = sr * di + si * dr + scratch->series[2 * o + 1];
          sr = r;
        }
      ax += sr;
      ay -= si;
    }

  *dvx = ax + (near_x2[0] + near_x2[1]);
  *dvy = ay + (near_y2[0] + near_y2[1]);
}

/* Groups start .. end - 1: adds the push on each of their points, times
 * many_body_scale, to many_body_vx/vy at its node. */
static void
many_body_job (EntForceSim *sim,
               guint        slot,
               guint        start,
               guint        end)
{
  WalkScratch *scratch = &sim->scratch[slot];
  double scale = sim->many_body_scale;
  guint g;

  for (g = start; g < end; g++)
    {
      guint k;

      /* The group's nodes are scattered in the velocity arrays: fetch
       * them while the walk runs. */
      for (k = sim->group_start[g]; k < sim->group_end[g]; k++)
        {
          __builtin_prefetch (&sim->many_body_vx[sim->sort_index[k]], 1);
          __builtin_prefetch (&sim->many_body_vy[sim->sort_index[k]], 1);
        }
      walk_group (sim, scratch, sim->group_start[g], sim->group_end[g]);
      for (k = sim->group_start[g]; k < sim->group_end[g]; k++)
        {
          guint i = sim->sort_index[k];
          double ax, ay;

          group_push (sim, scratch, k, &ax, &ay);
          sim->many_body_vx[i] += ax * scale;
          sim->many_body_vy[i] += ay * scale;
        }
    }
}

/* Adds the many-body force with @theta, times @scale, to (@vx, @vy). */
static void
many_body_pass (EntForceSim *sim,
                double       theta,
                double       scale,
                double      *vx,
                double      *vy)
{
  guint i;

  tree_build (sim, theta);
  for (i = 0; i < THREADS_MAX; i++)
    memset (&sim->scratch[i].terms, 0, sizeof sim->scratch[i].terms);
  sim->jiggle_salt = splitmix64 (&sim->rng);
  sim->many_body_scale = scale;
  sim->many_body_vx = vx;
  sim->many_body_vy = vy;
  run_job (sim, many_body_job, sim->n_point_groups, THREAD_CHUNK);
  sim->many_body_vx = sim->many_body_vy = NULL;
}

static void
apply_many_body (EntForceSim *sim,
                 double       alpha)
{
  if (sim->n < 2 || sim->params.charge == 0.0)
    return;

  many_body_pass (sim, sim->params.theta, sim->params.charge * alpha, sim->vx, sim->vy);
}

static void
apply_cohesion (EntForceSim *sim,
                double       alpha)
{
  double k = sim->params.cohesion * alpha;
  guint g;

  if (k == 0.0)
    return;

  for (g = 0; g < sim->n_groups; g++)
    {
      guint start = sim->group_offsets[g];
      guint end = sim->group_offsets[g + 1];
      double cx = 0.0, cy = 0.0;
      guint m;

      if (end - start < 2)
        continue;
      for (m = start; m < end; m++)
        {
          cx += sim->x[sim->group_members[m]];
          cy += sim->y[sim->group_members[m]];
        }
      cx /= end - start;
      cy /= end - start;
      for (m = start; m < end; m++)
        {
          guint i = sim->group_members[m];

          sim->vx[i] += (cx - sim->x[i]) * k;
          sim->vy[i] += (cy - sim->y[i]) * k;
        }
    }
}

static void
apply_gravity (EntForceSim *sim,
               double       alpha)
{
  double k = sim->params.gravity * alpha;
  guint i;

  if (k == 0.0)
    return;

  for (i = 0; i < sim->n; i++)
    {
      sim->vx[i] -= sim->x[i] * k;
      sim->vy[i] -= sim->y[i] * k;
    }
}

static void
integrate (EntForceSim *sim)
{
  double keep = 1.0 - sim->params.velocity_decay;
  guint i;

  for (i = 0; i < sim->n; i++)
    {
      if (sim->pinned[i])
        {
          sim->x[i] = sim->pin_x[i];
          sim->y[i] = sim->pin_y[i];
          sim->vx[i] = sim->vy[i] = 0.0;
          continue;
        }

      sim->vx[i] *= keep;
      sim->vy[i] *= keep;
      if (sim->mobility != NULL)
        {
          sim->vx[i] *= sim->mobility[i];
          sim->vy[i] *= sim->mobility[i];
        }
      /* A broken force must not poison the tree with NaNs. */
      if (!isfinite (sim->vx[i]) || !isfinite (sim->vy[i]))
        sim->vx[i] = sim->vy[i] = 0.0;
      sim->x[i] += sim->vx[i];
      sim->y[i] += sim->vy[i];
    }
}

static void
tick (EntForceSim *sim)
{
  double alpha;

  sim->alpha += (sim->params.alpha_target - sim->alpha) * sim->params.alpha_decay;
  alpha = sim->alpha;

  apply_links (sim, alpha);
  apply_many_body (sim, alpha);
  apply_cohesion (sim, alpha);
  apply_gravity (sim, alpha);
  integrate (sim);
  sim->ticks++;
}

guint
ent_force_sim_step (EntForceSim *sim,
                    guint        n_ticks)
{
  guint done;

  g_return_val_if_fail (sim != NULL, 0);

  for (done = 0; done < n_ticks; done++)
    {
      if (ent_force_sim_is_settled (sim))
        break;
      tick (sim);
    }
  /* Settled: the next reheat, whatever caused it, moves everyone. */
  if (ent_force_sim_is_settled (sim))
    g_clear_pointer (&sim->mobility, g_free);

  return done;
}

const double *
ent_force_sim_get_x (EntForceSim *sim)
{
  g_return_val_if_fail (sim != NULL, NULL);

  return sim->x;
}

const double *
ent_force_sim_get_y (EntForceSim *sim)
{
  g_return_val_if_fail (sim != NULL, NULL);

  return sim->y;
}

void
ent_force_sim_get_position (EntForceSim *sim,
                            guint        index,
                            double      *x,
                            double      *y)
{
  g_return_if_fail (sim != NULL);
  g_return_if_fail (index < sim->n);

  if (x != NULL)
    *x = sim->x[index];
  if (y != NULL)
    *y = sim->y[index];
}

void
ent_force_sim_set_position (EntForceSim *sim,
                            guint        index,
                            double       x,
                            double       y)
{
  g_return_if_fail (sim != NULL);
  g_return_if_fail (index < sim->n);
  g_return_if_fail (isfinite (x) && isfinite (y));

  sim->x[index] = x;
  sim->y[index] = y;
  sim->vx[index] = sim->vy[index] = 0.0;
  if (sim->pinned[index])
    {
      sim->pin_x[index] = x;
      sim->pin_y[index] = y;
    }
}

void
ent_force_sim_pin (EntForceSim *sim,
                   guint        index,
                   double       x,
                   double       y)
{
  g_return_if_fail (sim != NULL);
  g_return_if_fail (index < sim->n);
  g_return_if_fail (isfinite (x) && isfinite (y));

  sim->pinned[index] = TRUE;
  sim->pin_x[index] = sim->x[index] = x;
  sim->pin_y[index] = sim->y[index] = y;
  sim->vx[index] = sim->vy[index] = 0.0;
}

void
ent_force_sim_unpin (EntForceSim *sim,
                     guint        index)
{
  g_return_if_fail (sim != NULL);
  g_return_if_fail (index < sim->n);

  sim->pinned[index] = FALSE;
}

gboolean
ent_force_sim_is_pinned (EntForceSim *sim,
                         guint        index)
{
  g_return_val_if_fail (sim != NULL, FALSE);
  g_return_val_if_fail (index < sim->n, FALSE);

  return sim->pinned[index];
}

void
ent_force_sim_reheat (EntForceSim *sim,
                      double       alpha)
{
  g_return_if_fail (sim != NULL);
  g_return_if_fail (alpha >= 0.0 && alpha <= 1.0);

  sim->alpha = MAX (sim->alpha, alpha);
}

double
ent_force_sim_get_alpha (EntForceSim *sim)
{
  g_return_val_if_fail (sim != NULL, 0.0);

  return sim->alpha;
}

gboolean
ent_force_sim_is_settled (EntForceSim *sim)
{
  g_return_val_if_fail (sim != NULL, TRUE);

  return sim->alpha < sim->params.alpha_min
         && sim->params.alpha_target < sim->params.alpha_min;
}

guint64
ent_force_sim_get_tick_count (EntForceSim *sim)
{
  g_return_val_if_fail (sim != NULL, 0);

  return sim->ticks;
}

void
ent_force_sim_compute_many_body (EntForceSim *sim,
                                 double       theta,
                                 double      *dvx,
                                 double      *dvy)
{
  guint64 rng;

  g_return_if_fail (sim != NULL);
  g_return_if_fail (theta >= 0.0);
  g_return_if_fail (dvx != NULL && dvy != NULL);

  /* Leave the simulation's own random stream where it was. */
  rng = sim->rng;
  memset (dvx, 0, sizeof (double) * sim->n);
  memset (dvy, 0, sizeof (double) * sim->n);
  if (sim->n > 1)
    many_body_pass (sim, theta, sim->params.charge, dvx, dvy);
  sim->rng = rng;
}

void
ent_force_sim_get_many_body_terms (EntForceSim      *sim,
                                   EntManyBodyTerms *terms)
{
  guint i;

  g_return_if_fail (sim != NULL);
  g_return_if_fail (terms != NULL);

  memset (terms, 0, sizeof *terms);
  for (i = 0; i < THREADS_MAX; i++)
    {
      terms->near += sim->scratch[i].terms.near;
      terms->far += sim->scratch[i].terms.far;
      terms->series_cells += sim->scratch[i].terms.series_cells;
      terms->series_points += sim->scratch[i].terms.series_points;
    }
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

gboolean
ent_force_sim_seed_with_igraph (EntForceSim  *sim,
                                GError      **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  igraph_t graph;
  igraph_vector_int_t edge_list;
  igraph_vector_t weights;
  igraph_matrix_t result;
  g_autofree double *lengths = NULL;
  guint n_lengths = 0;
  double cx = 0.0, cy = 0.0, scale, radius = 0.0, shrink, frame;
  gboolean ok = FALSE;
  guint n_coop = 0;
  guint i;

  g_return_val_if_fail (sim != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (sim->n < 2)
    return TRUE;

  locker = g_rec_mutex_locker_new (ent_igraph_get_lock ());
  ent_igraph_init ();

  for (i = 0; i < sim->n_links; i++)
    if (sim->links[i].sign > 0)
      n_coop++;

  if (!ent_igraph_check (igraph_vector_int_init (&edge_list, 2 * n_coop),
                         "Allocating the edge list", error))
    return FALSE;
  if (!ent_igraph_check (igraph_vector_init (&weights, n_coop),
                         "Allocating the edge weights", error))
    goto out_edges;
  if (!ent_igraph_check (igraph_matrix_init (&result, sim->n, 2),
                         "Allocating the layout", error))
    goto out_weights;

  n_coop = 0;
  for (i = 0; i < sim->n_links; i++)
    if (sim->links[i].sign > 0)
      {
        VECTOR (edge_list)[2 * n_coop] = sim->links[i].a;
        VECTOR (edge_list)[2 * n_coop + 1] = sim->links[i].b;
        VECTOR (weights)[n_coop] = sim->links[i].strength;
        n_coop++;
      }
  /* Start from the current positions, so the result is as deterministic
   * as they are, shrunk into the square of side sqrt(n) about the origin
   * that igraph's grid covers: the spiral in map units is far wider, and
   * nodes outside the grid pile into its border cells, where the grid
   * compares nearly every pair (minutes instead of seconds at 100k nodes).
   * The result is rescaled to map units below, whatever its size. */
  for (i = 0; i < sim->n; i++)
    {
      cx += sim->x[i];
      cy += sim->y[i];
    }
  cx /= sim->n;
  cy /= sim->n;
  for (i = 0; i < sim->n; i++)
    radius = MAX (radius, hypot (sim->x[i] - cx, sim->y[i] - cy));
  frame = 0.2 * sqrt (sim->n);
  shrink = radius > frame && isfinite (radius) ? frame / radius : 1.0;
  for (i = 0; i < sim->n; i++)
    {
      MATRIX (result, i, 0) = (sim->x[i] - cx) * shrink;
      MATRIX (result, i, 1) = (sim->y[i] - cy) * shrink;
    }
  cx = cy = 0.0;

  if (!ent_igraph_check (igraph_create (&graph, &edge_list, sim->n, IGRAPH_UNDIRECTED),
                         "Building the graph for the cold start", error))
    goto out_result;
  if (!ent_igraph_check (igraph_layout_fruchterman_reingold (&graph, &result, TRUE,
                                                             50, sqrt (sim->n),
                                                             IGRAPH_LAYOUT_GRID,
                                                             n_coop > 0 ? &weights : NULL,
                                                             NULL, NULL, NULL, NULL),
                         "The Fruchterman-Reingold cold start", error))
    goto out_graph;

  /* Scale so that a typical cooperative tie gets its rest length. */
  lengths = g_new (double, MAX (n_coop, 1));
  for (i = 0; i < n_coop; i++)
    {
      double dx = MATRIX (result, VECTOR (edge_list)[2 * i], 0)
                  - MATRIX (result, VECTOR (edge_list)[2 * i + 1], 0);
      double dy = MATRIX (result, VECTOR (edge_list)[2 * i], 1)
                  - MATRIX (result, VECTOR (edge_list)[2 * i + 1], 1);
      double l = sqrt (dx * dx + dy * dy);

      if (l > 0.0 && isfinite (l))
        lengths[n_lengths++] = l;
    }
  if (n_lengths > 0)
    {
      qsort (lengths, n_lengths, sizeof (double), compare_doubles);
      scale = sim->params.link_distance / lengths[n_lengths / 2];
    }
  else
    scale = 1.0;

  for (i = 0; i < sim->n; i++)
    {
      cx += MATRIX (result, i, 0);
      cy += MATRIX (result, i, 1);
    }
  cx /= sim->n;
  cy /= sim->n;
  for (i = 0; i < sim->n; i++)
    {
      double x = (MATRIX (result, i, 0) - cx) * scale;
      double y = (MATRIX (result, i, 1) - cy) * scale;

      if (sim->pinned[i] || !isfinite (x) || !isfinite (y))
        continue;
      sim->x[i] = x;
      sim->y[i] = y;
      sim->vx[i] = sim->vy[i] = 0.0;
    }
  ok = TRUE;

out_graph:
  igraph_destroy (&graph);
out_result:
  igraph_matrix_destroy (&result);
out_weights:
  igraph_vector_destroy (&weights);
out_edges:
  igraph_vector_int_destroy (&edge_list);
  return ok;
}

/* ---- The world binding ------------------------------------------------- */

/* What the world said about an actor's position at the last sync, to tell
 * the world's own moves (undo, an edit) from ours. */
typedef struct
{
  gboolean has_position;
  double   x;
  double   y;
  gboolean pinned;
} SeenPosition;

struct _EntLayout
{
  GObject       parent_instance;

  EntWorld     *world;
  EntForceSim  *sim;
  EntDate       at;
  guint64       seed;
  gboolean      synced;

  GPtrArray    *ids;         /* node index -> actor id (owned) */
  GHashTable   *index_of;    /* actor id (borrowed from ids) -> index + 1 */
  GArray       *seen;        /* (element-type SeenPosition) */
  GArray       *edges;       /* (element-type EntForceEdge), last set */
  GArray       *group_members;
  GArray       *group_offsets;

  /* Stepping on a worker thread (ent_layout_set_background()). The
   * worker owns the simulation while busy; the main thread then reads
   * the front copy, taken when the job started. */
  gboolean      background;
  GThread      *worker;
  GMutex        lock;
  GCond         cond;
  guint         job_ticks;    /* asked of the worker; 0 when idle */
  guint         job_done;     /* ticks the last job ran, not yet reported */
  gboolean      quit;
  gint          busy;         /* atomic: a job is running */
  double       *front_x;
  double       *front_y;
  guint         front_n;
  double        front_alpha;
  guint64       front_ticks;
  double        tick_usec;    /* a worker tick's recent cost */
};

G_DEFINE_FINAL_TYPE (EntLayout, ent_layout, G_TYPE_OBJECT)

#define SYNC_REHEAT_ALPHA 0.3
#define NEW_NODE_JITTER 4.0

static void
ent_layout_finalize (GObject *object)
{
  EntLayout *self = ENT_LAYOUT (object);

  if (self->worker != NULL)
    {
      g_mutex_lock (&self->lock);
      self->quit = TRUE;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
      g_thread_join (g_steal_pointer (&self->worker));
    }
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_clear_pointer (&self->front_x, g_free);
  g_clear_pointer (&self->front_y, g_free);
  g_clear_pointer (&self->sim, ent_force_sim_free);
  g_clear_pointer (&self->index_of, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_clear_pointer (&self->seen, g_array_unref);
  g_clear_pointer (&self->edges, g_array_unref);
  g_clear_pointer (&self->group_members, g_array_unref);
  g_clear_pointer (&self->group_offsets, g_array_unref);
  g_clear_object (&self->world);

  G_OBJECT_CLASS (ent_layout_parent_class)->finalize (object);
}

static void
ent_layout_class_init (EntLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ent_layout_finalize;
}

static void
ent_layout_init (EntLayout *self)
{
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->index_of = g_hash_table_new (g_str_hash, g_str_equal);
  self->seen = g_array_new (FALSE, TRUE, sizeof (SeenPosition));
  self->edges = g_array_new (FALSE, FALSE, sizeof (EntForceEdge));
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->group_members = g_array_new (FALSE, FALSE, sizeof (guint));
  self->group_offsets = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* How strongly a pair's meetings tie it. The world's weight already sums
 * the meetings' recency weights squashed into (0, 1); the count adds a
 * little more for pairs that meet often. Planned-only ties count half. */
/* ---- Background stepping ---------------------------------------------- */

/* The worker and the pool threads it starts run this much nicer than
 * the rest of the app: when the drawing needs every processor, it gets
 * them, and the simulation takes the time left over. A settling 10k map
 * (2 processors): 32 fps at the same priority, 33-36 fps at +5, and
 * 30 % longer to settle. */
#define WORKER_NICE 5

static void
lower_thread_priority (void)
{
#ifdef __linux__
  /* On Linux a thread's nice value is its own, and threads it starts
   * inherit it. */
  pid_t tid = (pid_t) syscall (SYS_gettid);
  int nice_now;

  errno = 0;
  nice_now = getpriority (PRIO_PROCESS, (id_t) tid);
  if (errno == 0 && setpriority (PRIO_PROCESS, (id_t) tid, MIN (nice_now + WORKER_NICE, 19)) != 0)
    g_debug ("Layout worker priority unchanged: %s", g_strerror (errno));
#endif
}

static gpointer
worker_main (gpointer data)
{
  EntLayout *self = data;

  lower_thread_priority ();
  g_mutex_lock (&self->lock);
  for (;;)
    {
      guint n_ticks, done;
      gint64 start, elapsed;

      while (self->job_ticks == 0 && !self->quit)
        g_cond_wait (&self->cond, &self->lock);
      if (self->quit)
        break;
      n_ticks = self->job_ticks;
      g_mutex_unlock (&self->lock);

      start = g_get_monotonic_time ();
      done = ent_force_sim_step (self->sim, n_ticks);
      elapsed = g_get_monotonic_time () - start;

      g_mutex_lock (&self->lock);
      if (done > 0)
        {
          double per_tick = (double) elapsed / done;

          self->tick_usec = self->tick_usec > 0 ? 0.7 * self->tick_usec + 0.3 * per_tick : per_tick;
        }
      self->job_ticks = 0;
      self->job_done += done;
      g_atomic_int_set (&self->busy, FALSE);
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

/* Waits for a running job: the simulation is the caller's afterwards. */
static void
wait_idle (EntLayout *self)
{
  if (self->worker == NULL)
    return;
  g_mutex_lock (&self->lock);
  while (self->job_ticks != 0)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

static gboolean
is_busy (EntLayout *self)
{
  return self->worker != NULL && g_atomic_int_get (&self->busy);
}

static void
take_front_copy (EntLayout *self)
{
  guint n = self->sim->n;

  if (n != self->front_n)
    {
      self->front_x = g_renew (double, self->front_x, MAX (n, 1));
      self->front_y = g_renew (double, self->front_y, MAX (n, 1));
      self->front_n = n;
    }
  if (n > 0)
    {
      memcpy (self->front_x, ent_force_sim_get_x (self->sim), n * sizeof (double));
      memcpy (self->front_y, ent_force_sim_get_y (self->sim), n * sizeof (double));
    }
  self->front_alpha = ent_force_sim_get_alpha (self->sim);
  self->front_ticks = ent_force_sim_get_tick_count (self->sim);
}

static double
meeting_tie_strength (const EntTie *tie)
{
  double frequency = 1.0 - 1.0 / (1.0 + 0.5 * tie->n_meetings);
  double s = 0.15 + 0.6 * CLAMP (tie->weight, 0.0, 1.0) + 0.25 * frequency;

  if (tie->planned_only)
    s *= 0.5;

  return CLAMP (s, 0.05, 1.0);
}

static void
build_edges (EntLayout *self,
             GArray    *edges)
{
  g_autoptr(GArray) ties = ent_world_get_ties (self->world, self->at);
  guint i;

  g_array_set_size (edges, 0);
  if (ties == NULL)
    return;

  for (i = 0; i < ties->len; i++)
    {
      const EntTie *tie = &g_array_index (ties, EntTie, i);
      EntForceEdge edge;

      edge.a = tie->a;
      edge.b = tie->b;
      edge.sign = tie->sign < 0 ? -1 : 1;
      if (tie->kind == ENT_TIE_MEETINGS)
        edge.strength = meeting_tie_strength (tie);
      else
        edge.strength = CLAMP (tie->weight, 0.05, 1.0);
      g_array_append_val (edges, edge);
    }
}

static void
build_groups (EntLayout *self,
              GArray    *members,
              GArray    *offsets)
{
  guint n_blocs = ent_world_get_n_blocs (self->world);
  guint zero = 0;
  guint b;

  g_array_set_size (members, 0);
  g_array_set_size (offsets, 0);
  g_array_append_val (offsets, zero);

  for (b = 0; b < n_blocs; b++)
    {
      g_autoptr(GArray) bloc_members = ent_world_get_bloc_members (self->world, b, self->at);

      if (bloc_members != NULL)
        g_array_append_vals (members, bloc_members->data, bloc_members->len);
      g_array_append_val (offsets, members->len);
    }
}

static gboolean
uint_arrays_equal (GArray *a,
                   GArray *b)
{
  /* memcmp may not be given the NULL data of an empty array. */
  return a->len == b->len
         && (a->len == 0 || memcmp (a->data, b->data, (gsize) a->len * sizeof (guint)) == 0);
}

static gboolean
edge_arrays_equal (GArray *a,
                   GArray *b)
{
  guint i;

  if (a->len != b->len)
    return FALSE;
  for (i = 0; i < a->len; i++)
    {
      const EntForceEdge *ea = &g_array_index (a, EntForceEdge, i);
      const EntForceEdge *eb = &g_array_index (b, EntForceEdge, i);

      if (ea->a != eb->a || ea->b != eb->b || ea->sign != eb->sign
          || ea->strength != eb->strength)
        return FALSE;
    }
  return TRUE;
}

static gboolean
seen_equal (const SeenPosition *a,
            const SeenPosition *b)
{
  return a->has_position == b->has_position && a->x == b->x && a->y == b->y
         && a->pinned == b->pinned;
}

static double
id_random (EntLayout  *self,
           const char *id,
           guint       salt)
{
  guint64 state = self->seed ^ ((guint64) g_str_hash (id) << 16) ^ salt;

  return random_double (&state);
}

/* Places new, unsaved actors: at the centroid of their placed neighbours
 * (cooperative ones first), cascading through chains of new actors, or
 * else on a seeded spot just outside what is already placed. */
static void
place_new_nodes (EntLayout *self,
                 guint8    *placed)
{
  EntForceSim *sim = self->sim;
  guint n = sim->n;
  double cx = 0.0, cy = 0.0, reach = 0.0;
  guint n_placed = 0;
  gboolean progress = TRUE;
  guint i;

  while (progress)
    {
      progress = FALSE;
      for (i = 0; i < n; i++)
        {
          double sum[2][2] = { { 0.0, 0.0 }, { 0.0, 0.0 } };
          guint count[2] = { 0, 0 };
          const char *id;
          guint e, use;
          double angle, radius;

          if (placed[i])
            continue;

          for (e = 0; e < self->edges->len; e++)
            {
              const EntForceEdge *edge = &g_array_index (self->edges, EntForceEdge, e);
              guint other;
              guint kind = edge->sign > 0 ? 0 : 1;

              if (edge->a == i)
                other = edge->b;
              else if (edge->b == i)
                other = edge->a;
              else
                continue;
              if (placed[other] != 1)
                continue;
              sum[kind][0] += sim->x[other];
              sum[kind][1] += sim->y[other];
              count[kind]++;
            }
          use = count[0] > 0 ? 0 : 1;
          if (count[use] == 0)
            continue;

          id = g_ptr_array_index (self->ids, i);
          angle = 2.0 * G_PI * id_random (self, id, 1);
          radius = NEW_NODE_JITTER * id_random (self, id, 2);
          ent_force_sim_set_position (sim, i,
                                      sum[use][0] / count[use] + radius * cos (angle),
                                      sum[use][1] / count[use] + radius * sin (angle));
          /* Placed this round: neighbours see it from the next round on,
           * so the result does not depend on index order within a round. */
          placed[i] = 2;
          progress = TRUE;
        }
      for (i = 0; i < n; i++)
        if (placed[i] == 2)
          placed[i] = 1;
    }

  for (i = 0; i < n; i++)
    if (placed[i])
      {
        cx += sim->x[i];
        cy += sim->y[i];
        n_placed++;
      }
  if (n_placed > 0)
    {
      cx /= n_placed;
      cy /= n_placed;
    }
  for (i = 0; i < n; i++)
    if (placed[i])
      reach = MAX (reach, hypot (sim->x[i] - cx, sim->y[i] - cy));

  for (i = 0; i < n; i++)
    {
      const char *id;
      double angle, radius;

      if (placed[i])
        continue;
      id = g_ptr_array_index (self->ids, i);
      angle = 2.0 * G_PI * id_random (self, id, 3);
      radius = reach + sim->params.link_distance * (0.5 + 0.5 * id_random (self, id, 4));
      ent_force_sim_set_position (sim, i, cx + radius * cos (angle), cy + radius * sin (angle));
    }
}

/* Where an edit lands: the ends of ties that appeared, went or changed
 * much, and actors that are new or were moved. Nodes near it move freely
 * while the map settles again; the farther away, the less, so that adding
 * a meeting moves what it concerns and the reader's map stays put. */
#define FOCUS_STRENGTH_CHANGE 0.1

static gint64
pair_key (guint a,
          guint b)
{
  return ((gint64) MIN (a, b) << 32) | MAX (a, b);
}

static void
add_pair_weights (GHashTable *weights,
                  guint       a,
                  guint       b,
                  double      signed_strength)
{
  gint64 key = pair_key (a, b);
  double *sum = g_hash_table_lookup (weights, &key);

  if (sum == NULL)
    {
      gint64 *owned = g_memdup2 (&key, sizeof key);

      sum = g_new0 (double, 1);
      g_hash_table_insert (weights, owned, sum);
    }
  *sum += signed_strength;
}

static double *
focus_mobility (GArray       *old_edges,
                GArray       *new_edges,
                const int    *from,
                guint         n,
                guint         old_n,
                const guint8 *touched_nodes)
{
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) after = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree int *to_new = g_new (int, MAX (old_n, 1));
  g_autofree int *distance = g_new (int, MAX (n, 1));
  g_autofree guint *queue = g_new (guint, MAX (n, 1));
  g_autofree guint *offsets = g_new0 (guint, n + 1);
  g_autofree guint *neighbours = g_new (guint, MAX (2 * new_edges->len, 1));
  g_autofree guint *fill = g_new0 (guint, MAX (n, 1));
  GHashTableIter iter;
  gpointer key, value;
  guint head = 0, tail = 0;
  double *mobility;
  guint i;

  for (i = 0; i < old_n; i++)
    to_new[i] = -1;
  for (i = 0; i < n; i++)
    {
      distance[i] = -1;
      if (from[i] >= 0 && (guint) from[i] < old_n)
        to_new[from[i]] = (int) i;
    }
  for (i = 0; i < old_edges->len; i++)
    {
      const EntForceEdge *e = &g_array_index (old_edges, EntForceEdge, i);

      if (e->a < old_n && e->b < old_n && to_new[e->a] >= 0 && to_new[e->b] >= 0)
        add_pair_weights (before, (guint) to_new[e->a], (guint) to_new[e->b], e->sign * e->strength);
    }
  for (i = 0; i < new_edges->len; i++)
    {
      const EntForceEdge *e = &g_array_index (new_edges, EntForceEdge, i);

      add_pair_weights (after, e->a, e->b, e->sign * e->strength);
    }

  /* The nodes where something changed start the search. */
  for (i = 0; i < n; i++)
    if (touched_nodes[i] || from[i] < 0)
      {
        distance[i] = 0;
        queue[tail++] = i;
      }
#define TOUCH(k) G_STMT_START {                                              \
    guint end_a = (guint) (*(gint64 *) (k) >> 32), end_b = (guint) (*(gint64 *) (k) & 0xffffffff); \
    if (distance[end_a] != 0) { distance[end_a] = 0; queue[tail++] = end_a; } \
    if (distance[end_b] != 0) { distance[end_b] = 0; queue[tail++] = end_b; } \
  } G_STMT_END
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      double *old = g_hash_table_lookup (before, key);

      if (old == NULL || fabs (*old - *(double *) value) > FOCUS_STRENGTH_CHANGE)
        TOUCH (key);
    }
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (after, key))
      TOUCH (key);
#undef TOUCH
  if (tail == 0)
    return NULL;

  /* Breadth first over the new ties. */
  for (i = 0; i < new_edges->len; i++)
    {
      const EntForceEdge *e = &g_array_index (new_edges, EntForceEdge, i);

      offsets[e->a + 1]++;
      offsets[e->b + 1]++;
    }
  for (i = 0; i < n; i++)
    offsets[i + 1] += offsets[i];
  for (i = 0; i < new_edges->len; i++)
    {
      const EntForceEdge *e = &g_array_index (new_edges, EntForceEdge, i);

      neighbours[offsets[e->a] + fill[e->a]++] = e->b;
      neighbours[offsets[e->b] + fill[e->b]++] = e->a;
    }
  while (head < tail)
    {
      guint node = queue[head++];

      if (distance[node] >= 2)
        continue;
      for (guint k = offsets[node]; k < offsets[node + 1]; k++)
        if (distance[neighbours[k]] < 0)
          {
            distance[neighbours[k]] = distance[node] + 1;
            queue[tail++] = neighbours[k];
          }
    }

  mobility = g_new (double, MAX (n, 1));
  for (i = 0; i < n; i++)
    mobility[i] = distance[i] >= 0 && distance[i] <= 1 ? 1.0 : distance[i] == 2 ? 0.4 : 0.05;
  return mobility;
}

static void
sync_internal (EntLayout *self,
               gboolean   fresh)
{
  guint n = ent_world_get_n_actors (self->world);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_full (n, g_free);
  g_autoptr(GArray) seen = g_array_sized_new (FALSE, TRUE, sizeof (SeenPosition), n);
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (EntForceEdge));
  g_autoptr(GArray) group_members = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) group_offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree int *from = g_new (int, MAX (n, 1));
  g_autofree guint8 *placed = g_new0 (guint8, MAX (n, 1));
  gboolean changed = fresh || n != self->ids->len;
  guint n_unplaced = 0;
  guint old_n = self->ids != NULL ? self->ids->len : 0;
  g_autofree guint8 *moved = g_new0 (guint8, MAX (n, 1));
  g_autoptr(GArray) old_edges = g_array_ref (self->edges);
  gboolean cold;
  guint i;

  g_array_set_size (seen, n);

  for (i = 0; i < n; i++)
    {
      const EntActor *actor = ent_world_get_actor (self->world, i);
      gpointer old = g_hash_table_lookup (self->index_of, actor->id);

      g_ptr_array_add (ids, g_strdup (actor->id));
      from[i] = old != NULL ? GPOINTER_TO_INT (old) - 1 : -1;
      if (from[i] != (int) i)
        changed = TRUE;
    }

  if (!fresh)
    ent_force_sim_remap_nodes (self->sim, n, from);

  /* The index now belongs to the new id list. */
  g_hash_table_remove_all (self->index_of);
  g_ptr_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  for (i = 0; i < n; i++)
    g_hash_table_insert (self->index_of, g_ptr_array_index (self->ids, i),
                         GUINT_TO_POINTER (i + 1));

  build_edges (self, edges);
  build_groups (self, group_members, group_offsets);
  if (!edge_arrays_equal (edges, self->edges)
      || !uint_arrays_equal (group_members, self->group_members)
      || !uint_arrays_equal (group_offsets, self->group_offsets))
    changed = TRUE;
  ent_force_sim_set_edges (self->sim, (const EntForceEdge *) (gpointer) edges->data, edges->len);
  ent_force_sim_set_groups (self->sim,
                            (const guint *) (gpointer) group_members->data,
                            (const guint *) (gpointer) group_offsets->data,
                            group_offsets->len - 1);
  g_array_unref (self->edges);
  self->edges = g_steal_pointer (&edges);
  g_array_unref (self->group_members);
  self->group_members = g_steal_pointer (&group_members);
  g_array_unref (self->group_offsets);
  self->group_offsets = g_steal_pointer (&group_offsets);

  /* Positions and pins: the world's word wins when it changed since we
   * last looked; otherwise the simulation keeps what it has. */
  for (i = 0; i < n; i++)
    {
      const EntActor *actor = ent_world_get_actor (self->world, i);
      SeenPosition *now = &g_array_index (seen, SeenPosition, i);
      const SeenPosition *before = from[i] >= 0
                                   ? &g_array_index (self->seen, SeenPosition, from[i])
                                   : NULL;
      gboolean saved = actor->has_position && isfinite (actor->x) && isfinite (actor->y);

      now->has_position = saved;
      now->x = saved ? actor->x : 0.0;
      now->y = saved ? actor->y : 0.0;
      now->pinned = saved && actor->pinned;

      if (before != NULL && seen_equal (before, now))
        {
          placed[i] = 1;
          continue;
        }
      if (before != NULL)
        {
          changed = TRUE;
          moved[i] = 1;
        }

      if (now->pinned)
        ent_force_sim_pin (self->sim, i, now->x, now->y);
      else
        {
          if (before != NULL && before->pinned)
            ent_force_sim_unpin (self->sim, i);
          if (saved)
            ent_force_sim_set_position (self->sim, i, now->x, now->y);
        }

      if (saved || before != NULL)
        placed[i] = 1;
      else
        n_unplaced++;
    }
  g_array_unref (self->seen);
  self->seen = g_steal_pointer (&seen);

  /* With nothing placed yet, unsaved actors start on the seeded spiral
   * (the new simulation's own), or, for a big import, from igraph. */
  cold = fresh || n_unplaced == n;
  if (cold)
    {
      if (!fresh)
        place_on_spiral (self->sim, placed);
      if (n_unplaced > ENT_LAYOUT_IGRAPH_COLD_START)
        {
          g_autoptr(GError) error = NULL;

          if (!ent_force_sim_seed_with_igraph (self->sim, &error))
            g_debug ("Keeping the spiral start: %s", error->message);
        }
    }
  else if (n_unplaced > 0)
    place_new_nodes (self, placed);

  if (cold && !fresh)
    ent_force_sim_reheat (self->sim, 1.0);
  else if (changed && !fresh)
    {
      g_autofree double *mobility = focus_mobility (old_edges, self->edges, from, n, old_n, moved);

      ent_force_sim_set_mobility (self->sim, mobility);
      ent_force_sim_reheat (self->sim, SYNC_REHEAT_ALPHA);
    }
  self->synced = TRUE;
}

EntLayout *
ent_layout_new_for_world (EntWorld *world,
                          guint64   seed)
{
  EntLayout *self;

  g_return_val_if_fail (ENT_IS_WORLD (world), NULL);

  self = g_object_new (ENT_TYPE_LAYOUT, NULL);
  self->world = g_object_ref (world);
  self->seed = seed;
  self->at = ENT_DATE_NONE;
  self->sim = ent_force_sim_new (ent_world_get_n_actors (world), seed);
  sync_internal (self, TRUE);

  return self;
}

EntWorld *
ent_layout_get_world (EntLayout *self)
{
  g_return_val_if_fail (ENT_IS_LAYOUT (self), NULL);

  return self->world;
}

EntForceSim *
ent_layout_get_sim (EntLayout *self)
{
  g_return_val_if_fail (ENT_IS_LAYOUT (self), NULL);

  /* The caller may change the simulation: it must be idle. */
  wait_idle (self);
  return self->sim;
}

void
ent_layout_sync (EntLayout *self,
                 EntDate    at)
{
  g_return_if_fail (ENT_IS_LAYOUT (self));

  self->at = at;
  wait_idle (self);
  sync_internal (self, FALSE);
}

void
ent_layout_set_date (EntLayout *self,
                     EntDate    at)
{
  g_return_if_fail (ENT_IS_LAYOUT (self));

  if (ent_date_equal (self->at, at))
    return;
  ent_layout_sync (self, at);
}

EntDate
ent_layout_get_date (EntLayout *self)
{
  g_return_val_if_fail (ENT_IS_LAYOUT (self), ENT_DATE_NONE);

  return self->at;
}

guint
ent_layout_get_n_nodes (EntLayout *self)
{
  g_return_val_if_fail (ENT_IS_LAYOUT (self), 0);

  return self->sim->n;
}

guint
ent_layout_step (EntLayout *self,
                 guint      n_ticks)
{
  g_return_val_if_fail (ENT_IS_LAYOUT (self), 0);

  if (self->background)
    {
      guint done;

      g_mutex_lock (&self->lock);
      if (self->job_ticks != 0)
        {
          g_mutex_unlock (&self->lock);
          return 0;
        }
      done = self->job_done;
      self->job_done = 0;
      if (n_ticks > 0 && !ent_force_sim_is_settled (self->sim))
        {
          take_front_copy (self);
          self->job_ticks = n_ticks;
          g_atomic_int_set (&self->busy, TRUE);
          g_cond_broadcast (&self->cond);
        }
      g_mutex_unlock (&self->lock);
      return done;
    }

  wait_idle (self);
  return ent_force_sim_step (self->sim, n_ticks);
}

/**
 * ent_layout_set_background:
 * @background: whether ent_layout_step() runs its ticks on a worker thread
 *
 * In the background, ent_layout_step() never waits: it starts the ticks
 * on a worker thread and returns the number of ticks the previous call's
 * job ran. While a job runs, positions, alpha and tick count read as they
 * were when it started, and anything that changes the layout (or asks for
 * its simulation) first waits for the job to end. A big map's window thus
 * keeps drawing while the simulation takes longer than a frame.
 */
void
ent_layout_set_background (EntLayout *self,
                           gboolean   background)
{
  g_return_if_fail (ENT_IS_LAYOUT (self));

  background = !!background;
  if (self->background == background)
    return;
  wait_idle (self);
  self->background = background;
  /* In the background one processor stays free for the drawing that
   * goes on meanwhile. */
  ent_force_sim_set_threads (self->sim, 0);
  if (background)
    ent_force_sim_set_threads (self->sim, MAX (ent_force_sim_get_threads (self->sim), 2) - 1);
  if (background && self->worker == NULL)
    self->worker = g_thread_new ("entente-layout", worker_main, self);
}

/**
 * ent_layout_get_tick_usec:
 *
 * Returns: the recent wall time of one tick on the worker thread, in
 * microseconds, or 0 before the first job: to size jobs to the frame.
 */
double
ent_layout_get_tick_usec (EntLayout *self)
{
  double usec;

  g_return_val_if_fail (ENT_IS_LAYOUT (self), 0.0);

  g_mutex_lock (&self->lock);
  usec = self->tick_usec;
  g_mutex_unlock (&self->lock);
  return usec;
}

gboolean
ent_layout_get_background (EntLayout *self)
{
  g_return_val_if_fail (ENT_IS_LAYOUT (self), FALSE);

  return self->background;
}

/**
 * ent_layout_wait:
 *
 * Waits until no background job runs, so that positions are the newest.
 */
void
ent_layout_wait (EntLayout *self)
{
  g_return_if_fail (ENT_IS_LAYOUT (self));

  wait_idle (self);
}

gboolean
ent_layout_get_position (EntLayout *self,
                         guint      index,
                         double    *x,
                         double    *y)
{
  g_return_val_if_fail (ENT_IS_LAYOUT (self), FALSE);

  if (index >= self->sim->n)
    return FALSE;
  if (is_busy (self))
    {
      if (x != NULL)
        *x = self->front_x[index];
      if (y != NULL)
        *y = self->front_y[index];
      return TRUE;
    }
  ent_force_sim_get_position (self->sim, index, x, y);
  return TRUE;
}

gboolean
ent_layout_get_position_by_id (EntLayout  *self,
                               const char *id,
                               double     *x,
                               double     *y)
{
  gpointer found;

  g_return_val_if_fail (ENT_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  found = g_hash_table_lookup (self->index_of, id);
  if (found == NULL)
    return FALSE;
  return ent_layout_get_position (self, GPOINTER_TO_UINT (found) - 1, x, y);
}

void
ent_layout_set_position (EntLayout *self,
                         guint      index,
                         double     x,
                         double     y)
{
  g_return_if_fail (ENT_IS_LAYOUT (self));
  g_return_if_fail (index < self->sim->n);

  wait_idle (self);
  ent_force_sim_set_position (self->sim, index, x, y);
}

void
ent_layout_pin (EntLayout *self,
                guint      index,
                double     x,
                double     y)
{
  g_return_if_fail (ENT_IS_LAYOUT (self));
  g_return_if_fail (index < self->sim->n);

  wait_idle (self);
  ent_force_sim_pin (self->sim, index, x, y);
}

void
ent_layout_unpin (EntLayout *self,
                  guint      index)
{
  g_return_if_fail (ENT_IS_LAYOUT (self));
  g_return_if_fail (index < self->sim->n);

  wait_idle (self);
  ent_force_sim_unpin (self->sim, index);
}

void
ent_layout_reheat (EntLayout *self,
                   double     alpha)
{
  g_return_if_fail (ENT_IS_LAYOUT (self));

  wait_idle (self);
  /* Asked for by name: everyone moves. */
  ent_force_sim_set_mobility (self->sim, NULL);
  ent_force_sim_reheat (self->sim, alpha);
}

gboolean
ent_layout_is_settled (EntLayout *self)
{
  g_return_val_if_fail (ENT_IS_LAYOUT (self), TRUE);

  /* A job runs only on a warm map. */
  if (is_busy (self))
    return FALSE;
  return ent_force_sim_is_settled (self->sim);
}

double
ent_layout_get_alpha (EntLayout *self)
{
  g_return_val_if_fail (ENT_IS_LAYOUT (self), 0.0);

  if (is_busy (self))
    return self->front_alpha;
  return ent_force_sim_get_alpha (self->sim);
}

guint64
ent_layout_get_tick_count (EntLayout *self)
{
  g_return_val_if_fail (ENT_IS_LAYOUT (self), 0);

  if (is_busy (self))
    return self->front_ticks;
  return ent_force_sim_get_tick_count (self->sim);
}

gboolean
ent_layout_store_positions (EntLayout  *self,
                            EntWorld   *world,
                            GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean own = FALSE;
  guint i;

  g_return_val_if_fail (ENT_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (ENT_IS_WORLD (world), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  own = world == self->world;
  wait_idle (self);

  /* Nothing to write: no edit, no signal. */
  for (i = 0; i < self->ids->len && i < self->sim->n; i++)
    {
      const EntActor *actor = ent_world_lookup_actor (world, g_ptr_array_index (self->ids, i));

      if (actor != NULL
          && !(actor->has_position && actor->x == self->sim->x[i] && actor->y == self->sim->y[i]))
        break;
    }
  if (i == self->ids->len || i == self->sim->n)
    return TRUE;

  ent_world_freeze (world);
  for (i = 0; i < self->ids->len && i < self->sim->n; i++)
    {
      const char *id = g_ptr_array_index (self->ids, i);
      const EntActor *actor = ent_world_lookup_actor (world, id);
      double x = self->sim->x[i], y = self->sim->y[i];
      gboolean pinned;

      if (actor == NULL)
        continue;
      if (actor->has_position && actor->x == x && actor->y == y)
        continue;

      pinned = actor->pinned;
      /* Record first: a sync run from the world's signal must see this
       * as our own move, not as the world moving the actor. */
      if (own)
        {
          SeenPosition *seen = &g_array_index (self->seen, SeenPosition, i);

          seen->has_position = TRUE;
          seen->x = x;
          seen->y = y;
          seen->pinned = pinned;
        }
      if (!ent_world_set_actor_position (world, id, TRUE, x, y, pinned, &local_error))
        break;
    }

  /* Thaw even after a failure, so the world is never left frozen. */
  if (local_error == NULL)
    ent_world_thaw (world, &local_error);
  else
    ent_world_thaw (world, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}
