/* test-layout.c: the force simulation and its world binding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-test-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "ent-format-native.h"
#include "ent-layout.h"
#include "ent-world.h"

#define SETTLE_LIMIT 1000

/* ---- Helpers ------------------------------------------------------------- */

static guint64
test_random (guint64 *state)
{
  *state ^= *state << 13;
  *state ^= *state >> 7;
  *state ^= *state << 17;
  return *state;
}

/* A clustered random graph: each node ties to a few nearby indices, one
 * tie in five adversarial. */
static EntForceSim *
random_sim_full (guint   n,
                 guint   edges_per_node,
                 guint64 edge_seed,
                 guint64 start_seed)
{
  EntForceSim *sim = ent_force_sim_new (n, start_seed);
  guint m = n * edges_per_node;
  g_autofree EntForceEdge *edges = g_new (EntForceEdge, m);
  guint64 state = edge_seed * 2654435761u + 1;
  guint i;

  for (i = 0; i < m; i++)
    {
      edges[i].a = test_random (&state) % n;
      edges[i].b = (edges[i].a + 1 + test_random (&state) % MIN (n - 1, 20)) % n;
      edges[i].sign = test_random (&state) % 5 == 0 ? -1 : 1;
      edges[i].strength = 0.2 + (test_random (&state) % 80) / 100.0;
    }
  ent_force_sim_set_edges (sim, edges, m);

  return sim;
}

static EntForceSim *
random_sim (guint   n,
            guint   edges_per_node,
            guint64 seed)
{
  return random_sim_full (n, edges_per_node, seed, seed);
}

static guint
settle_sim (EntForceSim *sim)
{
  guint ticks = 0;

  while (!ent_force_sim_is_settled (sim) && ticks < 100 * SETTLE_LIMIT)
    ticks += ent_force_sim_step (sim, 10);
  return ticks;
}

static guint
settle_layout (EntLayout *layout)
{
  return settle_sim (ent_layout_get_sim (layout));
}

static void
add_actor (EntWorld   *world,
           const char *id)
{
  g_autoptr(EntActor) actor = ent_actor_new (id, id);
  g_autoptr(GError) error = NULL;

  ent_world_add_actor (world, actor, &error);
  g_assert_no_error (error);
}

static void
add_relation (EntWorld        *world,
              const char      *a,
              const char      *b,
              EntRelationType  type,
              double           strength)
{
  g_autoptr(EntRelation) relation = ent_relation_new (NULL, a, b, type);
  g_autoptr(GError) error = NULL;

  relation->strength = strength;
  ent_world_add_relation (world, relation, NULL, &error);
  g_assert_no_error (error);
}

static void
add_meeting (EntWorld   *world,
             const char *date,
             const char *a,
             const char *b)
{
  const char *participants[] = { a, b, NULL };
  g_autoptr(EntMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  EntDate when;

  ent_date_parse (date, &when, &error);
  g_assert_no_error (error);
  meeting = ent_meeting_new (NULL, when, ENT_MEETING_BILATERAL, participants);
  ent_world_add_meeting (world, meeting, NULL, &error);
  g_assert_no_error (error);
}

static void
add_bloc (EntWorld           *world,
          const char         *id,
          const char * const *members)
{
  g_autoptr(EntBloc) bloc = ent_bloc_new (id, id);
  g_autoptr(GError) error = NULL;
  guint i;

  for (i = 0; members[i] != NULL; i++)
    ent_bloc_add_member (bloc, members[i], ENT_DATE_NONE, ENT_DATE_NONE);
  ent_world_add_bloc (world, bloc, &error);
  g_assert_no_error (error);
}

static const char *camp_a[] = { "A0", "A1", "A2", "A3", "A4", "A5", NULL };
static const char *camp_b[] = { "B0", "B1", "B2", "B3", "B4", "B5", NULL };
static const char *neutrals[] = { "N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", NULL };
static const char *forum[] = { "N0", "N2", "N4", "N6", NULL };

/* Two camps of allies facing each other pair by pair, neutrals trading
 * with both sides, and a forum bloc of neutrals with no ties among them.
 * 20 actors, like a regional dataset. */
static EntWorld *
build_two_camps (void)
{
  EntWorld *world = ent_world_new ();
  guint i;

  for (i = 0; camp_a[i] != NULL; i++)
    add_actor (world, camp_a[i]);
  for (i = 0; camp_b[i] != NULL; i++)
    add_actor (world, camp_b[i]);
  for (i = 0; neutrals[i] != NULL; i++)
    add_actor (world, neutrals[i]);

  for (i = 0; i < 6; i++)
    {
      add_relation (world, camp_a[i], camp_a[(i + 1) % 6], ENT_RELATION_ALLIANCE, 0.8);
      add_relation (world, camp_b[i], camp_b[(i + 1) % 6], ENT_RELATION_ALLIANCE, 0.8);
      add_relation (world, camp_a[i], camp_b[i], ENT_RELATION_RIVALRY, 0.7);
    }
  add_relation (world, "A0", "A3", ENT_RELATION_ALLIANCE, 1.0);
  add_relation (world, "B0", "B3", ENT_RELATION_ALLIANCE, 1.0);

  for (i = 0; neutrals[i] != NULL; i++)
    {
      add_relation (world, neutrals[i], camp_a[i % 6], ENT_RELATION_TRADE, 0.3);
      add_relation (world, neutrals[i], camp_b[(i + 3) % 6], ENT_RELATION_TRADE, 0.3);
    }

  add_bloc (world, "camp-a", camp_a);
  add_bloc (world, "camp-b", camp_b);
  add_bloc (world, "forum", forum);

  return world;
}

static double
distance_between (EntLayout  *layout,
                  const char *a,
                  const char *b)
{
  double ax, ay, bx, by;

  g_assert_true (ent_layout_get_position_by_id (layout, a, &ax, &ay));
  g_assert_true (ent_layout_get_position_by_id (layout, b, &bx, &by));
  return hypot (ax - bx, ay - by);
}

static gboolean
strv_has (const char * const *strv,
          const char         *id)
{
  return g_strv_contains (strv, id);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
median (double *values,
        guint   n)
{
  g_assert_cmpuint (n, >, 0);
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

static void
assert_positions_finite (EntForceSim *sim)
{
  const double *x = ent_force_sim_get_x (sim);
  const double *y = ent_force_sim_get_y (sim);
  guint i;

  for (i = 0; i < ent_force_sim_get_n_nodes (sim); i++)
    {
      g_assert_true (isfinite (x[i]));
      g_assert_true (isfinite (y[i]));
    }
}

/* ---- The core ------------------------------------------------------------ */

static void
test_core_settles (void)
{
  g_autoptr(EntForceSim) sim = random_sim (30, 2, 11);
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  guint ticks;
  double alpha;

  g_assert_cmpfloat (ent_force_sim_get_alpha (sim), ==, 1.0);
  g_assert_false (ent_force_sim_is_settled (sim));

  ticks = settle_sim (sim);
  g_test_message ("30 nodes settled in %u ticks", ticks);
  g_assert_cmpuint (ticks, <, SETTLE_LIMIT);
  g_assert_true (ent_force_sim_is_settled (sim));
  g_assert_cmpuint (ent_force_sim_get_tick_count (sim), ==, ticks);
  assert_positions_finite (sim);

  /* Settled means stopped: stepping changes nothing at all. */
  alpha = ent_force_sim_get_alpha (sim);
  x = g_memdup2 (ent_force_sim_get_x (sim), 30 * sizeof (double));
  y = g_memdup2 (ent_force_sim_get_y (sim), 30 * sizeof (double));
  g_assert_cmpuint (ent_force_sim_step (sim, 100), ==, 0);
  g_assert_cmpfloat (ent_force_sim_get_alpha (sim), ==, alpha);
  g_assert_cmpuint (ent_force_sim_get_tick_count (sim), ==, ticks);
  g_assert_cmpmem (x, 30 * sizeof (double), ent_force_sim_get_x (sim), 30 * sizeof (double));
  g_assert_cmpmem (y, 30 * sizeof (double), ent_force_sim_get_y (sim), 30 * sizeof (double));

  /* A reheat wakes it for a bounded while. */
  ent_force_sim_reheat (sim, 0.3);
  g_assert_cmpfloat (ent_force_sim_get_alpha (sim), ==, 0.3);
  g_assert_false (ent_force_sim_is_settled (sim));
  ticks = settle_sim (sim);
  g_assert_cmpuint (ticks, >, 0);
  g_assert_cmpuint (ticks, <, SETTLE_LIMIT);
}

static void
test_core_deterministic (void)
{
  g_autoptr(EntForceSim) a = random_sim (60, 2, 5);
  g_autoptr(EntForceSim) b = random_sim (60, 2, 5);
  /* The same edges, another seed for the start. */
  g_autoptr(EntForceSim) c = random_sim_full (60, 2, 5, 6);
  double largest = 0.0;
  guint i;

  settle_sim (a);
  settle_sim (b);
  settle_sim (c);
  g_assert_cmpmem (ent_force_sim_get_x (a), 60 * sizeof (double),
                   ent_force_sim_get_x (b), 60 * sizeof (double));
  g_assert_cmpmem (ent_force_sim_get_y (a), 60 * sizeof (double),
                   ent_force_sim_get_y (b), 60 * sizeof (double));

  for (i = 0; i < 60; i++)
    {
      double ax, ay, cx, cy;

      ent_force_sim_get_position (a, i, &ax, &ay);
      ent_force_sim_get_position (c, i, &cx, &cy);
      largest = MAX (largest, hypot (ax - cx, ay - cy));
    }
  g_assert_cmpfloat (largest, >, 1.0);
}

static void
test_core_pinned (void)
{
  g_autoptr(EntForceSim) sim = random_sim (40, 3, 3);
  double x, y;

  ent_force_sim_pin (sim, 7, 500.0, -250.0);
  g_assert_true (ent_force_sim_is_pinned (sim, 7));
  ent_force_sim_step (sim, 50);
  ent_force_sim_get_position (sim, 7, &x, &y);
  g_assert_cmpfloat (x, ==, 500.0);
  g_assert_cmpfloat (y, ==, -250.0);

  /* Moving a pinned node moves its pin. */
  ent_force_sim_set_position (sim, 7, 10.0, 20.0);
  settle_sim (sim);
  ent_force_sim_get_position (sim, 7, &x, &y);
  g_assert_cmpfloat (x, ==, 10.0);
  g_assert_cmpfloat (y, ==, 20.0);

  /* Unpinned, the same node is free to go. */
  ent_force_sim_unpin (sim, 7);
  ent_force_sim_set_position (sim, 7, 3000.0, 3000.0);
  ent_force_sim_reheat (sim, 0.5);
  ent_force_sim_step (sim, 50);
  ent_force_sim_get_position (sim, 7, &x, &y);
  g_assert_cmpfloat (hypot (x - 3000.0, y - 3000.0), >, 50.0);
}

/* The exact many-body velocity change at alpha 1, written out pair by
 * pair, independent of the tree. */
static void
direct_many_body (EntForceSim *sim,
                  double      *dvx,
                  double      *dvy)
{
  EntForceParams params;
  const double *x = ent_force_sim_get_x (sim);
  const double *y = ent_force_sim_get_y (sim);
  guint n = ent_force_sim_get_n_nodes (sim);
  double dmin2, dmax2;
  guint i, j;

  ent_force_sim_get_params (sim, &params);
  dmin2 = params.distance_min * params.distance_min;
  dmax2 = params.distance_max * params.distance_max;
  for (i = 0; i < n; i++)
    {
      double ax = 0.0, ay = 0.0;

      for (j = 0; j < n; j++)
        {
          double dx = x[j] - x[i], dy = y[j] - y[i];
          double l = dx * dx + dy * dy;

          if (j == i)
            continue;
          g_assert_cmpfloat (l, >, 0.0);
          if (l >= dmax2)
            continue;
          if (l < dmin2)
            l = sqrt (dmin2 * l);
          ax += dx / l;
          ay += dy / l;
        }
      dvx[i] = ax * params.charge;
      dvy[i] = ay * params.charge;
    }
}

static double
relative_rms_error (const double *ax,
                    const double *ay,
                    const double *bx,
                    const double *by,
                    guint         n)
{
  double error = 0.0, norm = 0.0;
  guint i;

  for (i = 0; i < n; i++)
    {
      error += (ax[i] - bx[i]) * (ax[i] - bx[i]) + (ay[i] - by[i]) * (ay[i] - by[i]);
      norm += bx[i] * bx[i] + by[i] * by[i];
    }
  g_assert_cmpfloat (norm, >, 0.0);
  return sqrt (error / norm);
}

static void
test_core_barnes_hut (void)
{
  const guint n = 500;
  g_autoptr(EntForceSim) sim = random_sim (n, 2, 17);
  g_autofree double *exact_x = g_new (double, n);
  g_autofree double *exact_y = g_new (double, n);
  g_autofree double *tree_x = g_new (double, n);
  g_autofree double *tree_y = g_new (double, n);
  double error_exact, error_fine, error_default;

  /* A few ticks in, the points are clumped unevenly: a fair test. */
  ent_force_sim_step (sim, 40);

  direct_many_body (sim, exact_x, exact_y);

  ent_force_sim_compute_many_body (sim, 0.0, tree_x, tree_y);
  error_exact = relative_rms_error (tree_x, tree_y, exact_x, exact_y, n);
  ent_force_sim_compute_many_body (sim, 0.5, tree_x, tree_y);
  error_fine = relative_rms_error (tree_x, tree_y, exact_x, exact_y, n);
  ent_force_sim_compute_many_body (sim, 0.9, tree_x, tree_y);
  error_default = relative_rms_error (tree_x, tree_y, exact_x, exact_y, n);

  g_test_message ("many-body relative RMS error: theta 0 %g, 0.5 %g, 0.9 %g",
                  error_exact, error_fine, error_default);
  g_assert_cmpfloat (error_exact, <, 1e-9);
  g_assert_cmpfloat (error_fine, <, 0.02);
  g_assert_cmpfloat (error_default, <, 0.05);
  g_assert_cmpfloat (error_fine, <, error_default);
  g_assert_cmpfloat (error_default, >, 0.0);
}

/* Places nodes @first .. @first + @n - 1 at random in a square of half
 * side @spread around (@cx, @cy). */
static void
place_cluster (EntForceSim *sim,
               guint        first,
               guint        n,
               double       cx,
               double       cy,
               double       spread,
               guint64      seed)
{
  guint64 state = seed;
  guint i;

  for (i = first; i < first + n; i++)
    {
      double u = (test_random (&state) % 1000000) / 1e6 - 0.5;
      double v = (test_random (&state) % 1000000) / 1e6 - 0.5;

      ent_force_sim_set_position (sim, i, cx + 2 * spread * u, cy + 2 * spread * v);
    }
}

/* The largest error of the push on nodes 0 .. @n - 1, relative to the
 * exact push on each. */
static double
max_relative_error (const double *ax,
                    const double *ay,
                    const double *bx,
                    const double *by,
                    guint         n)
{
  double worst = 0.0;
  guint i;

  for (i = 0; i < n; i++)
    {
      double norm = sqrt (bx[i] * bx[i] + by[i] * by[i]);

      g_assert_cmpfloat (norm, >, 0.0);
      worst = MAX (worst, hypot (ax[i] - bx[i], ay[i] - by[i]) / norm);
    }
  return worst;
}

/* A small cluster feels two big ones far away through the series about
 * its group's centre: as exact as the tree, and never across a
 * distance_max that cuts the clusters apart. */
static void
test_core_far_series (void)
{
  const guint n_small = 24, n_big = 1500, n = n_small + 2 * n_big;
  g_autoptr(EntForceSim) sim = ent_force_sim_new (n, 5);
  g_autofree double *exact_x = g_new (double, n);
  g_autofree double *exact_y = g_new (double, n);
  g_autofree double *tree_x = g_new (double, n);
  g_autofree double *tree_y = g_new (double, n);
  EntManyBodyTerms terms;
  EntForceParams params;
  double small_error, error;

  place_cluster (sim, 0, n_small, 0.0, 0.0, 4.0, 3);
  place_cluster (sim, n_small, n_big, 800.0, 0.0, 60.0, 5);
  place_cluster (sim, n_small + n_big, n_big, 0.0, -1200.0, 60.0, 7);

  direct_many_body (sim, exact_x, exact_y);
  ent_force_sim_compute_many_body (sim, 0.9, tree_x, tree_y);
  ent_force_sim_get_many_body_terms (sim, &terms);
  small_error = max_relative_error (tree_x, tree_y, exact_x, exact_y, n_small);
  error = relative_rms_error (tree_x, tree_y, exact_x, exact_y, n);
  g_test_message ("terms: near %" G_GUINT64_FORMAT ", far %" G_GUINT64_FORMAT
                  ", series %" G_GUINT64_FORMAT " cells for %" G_GUINT64_FORMAT
                  " points; error: small cluster %g at worst, all %g",
                  terms.near, terms.far, terms.series_cells, terms.series_points,
                  small_error, error);
  g_assert_cmpuint (terms.series_cells, >, 0);
  g_assert_cmpuint (terms.series_points, >=, n_small);
  g_assert_cmpfloat (small_error, <, 0.01);
  g_assert_cmpfloat (error, <, 0.05);

  /* distance_max beyond every pair: the same pull. */
  ent_force_sim_get_params (sim, &params);
  params.distance_max = 5000.0;
  ent_force_sim_set_params (sim, &params);
  direct_many_body (sim, exact_x, exact_y);
  ent_force_sim_compute_many_body (sim, 0.9, tree_x, tree_y);
  ent_force_sim_get_many_body_terms (sim, &terms);
  g_assert_cmpuint (terms.series_cells, >, 0);
  g_assert_cmpfloat (max_relative_error (tree_x, tree_y, exact_x, exact_y, n_small), <, 0.01);

  /* distance_max between the clusters: the small one feels only itself,
   * summed pair by pair. */
  params.distance_max = 400.0;
  ent_force_sim_set_params (sim, &params);
  direct_many_body (sim, exact_x, exact_y);
  ent_force_sim_compute_many_body (sim, 0.9, tree_x, tree_y);
  g_assert_cmpfloat (max_relative_error (tree_x, tree_y, exact_x, exact_y, n_small), <, 1e-9);
  g_assert_cmpfloat (relative_rms_error (tree_x, tree_y, exact_x, exact_y, n), <, 0.05);
}

/* Large enough for the threads: the same positions, bit for bit, whatever
 * their number, since each node's push is summed whole by one thread. */
static void
test_core_threads (void)
{
  const guint n = ENT_FORCE_SIM_THREADED_MIN_NODES + 1000;
  const guint counts[] = { 1, 2, 3 };
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  guint c;

  for (c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autoptr(EntForceSim) sim = random_sim (n, 2, 23);
      guint i;

      /* A pile of coincident nodes, which the many-body force jiggles. */
      for (i = 0; i < 100; i++)
        ent_force_sim_set_position (sim, 7 * i, 40.0, -40.0);
      ent_force_sim_set_threads (sim, counts[c]);
      g_assert_cmpuint (ent_force_sim_get_threads (sim), ==, counts[c]);
      g_assert_cmpuint (ent_force_sim_step (sim, 25), ==, 25);
      assert_positions_finite (sim);
      if (x == NULL)
        {
          x = g_memdup2 (ent_force_sim_get_x (sim), n * sizeof (double));
          y = g_memdup2 (ent_force_sim_get_y (sim), n * sizeof (double));
          continue;
        }
      g_assert_cmpmem (x, n * sizeof (double), ent_force_sim_get_x (sim), n * sizeof (double));
      g_assert_cmpmem (y, n * sizeof (double), ent_force_sim_get_y (sim), n * sizeof (double));
    }
}

static void
test_core_remap (void)
{
  g_autoptr(EntForceSim) sim = random_sim (10, 2, 9);
  const int from[] = { 9, 3, -1, 0 };
  double old_x[10], old_y[10];
  double x, y;
  guint i;

  settle_sim (sim);
  ent_force_sim_pin (sim, 3, 1.0, 2.0);
  for (i = 0; i < 10; i++)
    ent_force_sim_get_position (sim, i, &old_x[i], &old_y[i]);

  ent_force_sim_remap_nodes (sim, 4, from);
  g_assert_cmpuint (ent_force_sim_get_n_nodes (sim), ==, 4);
  ent_force_sim_get_position (sim, 0, &x, &y);
  g_assert_cmpfloat (x, ==, old_x[9]);
  g_assert_cmpfloat (y, ==, old_y[9]);
  g_assert_true (ent_force_sim_is_pinned (sim, 1));
  g_assert_false (ent_force_sim_is_pinned (sim, 2));
  ent_force_sim_get_position (sim, 3, &x, &y);
  g_assert_cmpfloat (x, ==, old_x[0]);

  /* Edges were cleared with the old indices; the rest still runs. */
  ent_force_sim_set_position (sim, 2, 5.0, 5.0);
  ent_force_sim_reheat (sim, 1.0);
  g_assert_cmpuint (settle_sim (sim), <, SETTLE_LIMIT);
  assert_positions_finite (sim);
}

static void
test_core_igraph_start (void)
{
  const guint n = 300;
  g_autoptr(EntForceSim) sim = random_sim (n, 2, 21);
  g_autoptr(GError) error = NULL;
  EntForceParams params;
  const double *x, *y;
  double lengths[2 * 300];
  guint n_lengths = 0;
  guint64 state = (guint64) 21 * 2654435761u + 1;
  double px, py, med;
  guint i;

  ent_force_sim_pin (sim, 0, 1234.0, 567.0);
  g_assert_true (ent_force_sim_seed_with_igraph (sim, &error));
  g_assert_no_error (error);
  assert_positions_finite (sim);
  ent_force_sim_get_position (sim, 0, &px, &py);
  g_assert_cmpfloat (px, ==, 1234.0);
  g_assert_cmpfloat (py, ==, 567.0);

  /* Scaled so a typical cooperative tie has the rest length: replay the
   * edges random_sim() made and measure them. */
  ent_force_sim_get_params (sim, &params);
  x = ent_force_sim_get_x (sim);
  y = ent_force_sim_get_y (sim);
  for (i = 0; i < 2 * n; i++)
    {
      guint a = test_random (&state) % n;
      guint b = (a + 1 + test_random (&state) % 20) % n;
      gboolean cooperative = test_random (&state) % 5 != 0;

      test_random (&state);
      if (cooperative && a != 0 && b != 0)
        lengths[n_lengths++] = hypot (x[a] - x[b], y[a] - y[b]);
    }
  med = median (lengths, n_lengths);
  g_test_message ("median cooperative tie after the igraph start: %.1f", med);
  g_assert_cmpfloat (med, >, 0.9 * params.link_distance);
  g_assert_cmpfloat (med, <, 1.1 * params.link_distance);

  g_assert_cmpuint (settle_sim (sim), <, SETTLE_LIMIT);
  assert_positions_finite (sim);
}

/* ---- The world binding --------------------------------------------------- */

static void
test_world_shape (void)
{
  g_autoptr(EntWorld) world = build_two_camps ();
  g_autoptr(EntLayout) layout = ent_layout_new_for_world (world, 1);
  double ally_sum = 0.0, rival_sum = 0.0;
  double min_x = INFINITY, max_x = -INFINITY, min_y = INFINITY, max_y = -INFINITY;
  guint ticks, i;

  g_assert_cmpuint (ent_layout_get_n_nodes (layout), ==, 20);
  ticks = settle_layout (layout);
  g_assert_cmpuint (ticks, <, SETTLE_LIMIT);
  g_assert_true (ent_layout_is_settled (layout));
  assert_positions_finite (ent_layout_get_sim (layout));

  for (i = 0; i < 20; i++)
    {
      double x, y;

      g_assert_true (ent_layout_get_position (layout, i, &x, &y));
      min_x = MIN (min_x, x);
      max_x = MAX (max_x, x);
      min_y = MIN (min_y, y);
      max_y = MAX (max_y, y);
    }
  g_assert_false (ent_layout_get_position (layout, 20, NULL, NULL));
  g_test_message ("20 actors settled in %u ticks over %.0f x %.0f units",
                  ticks, max_x - min_x, max_y - min_y);
  /* Roughly a screen's worth at zoom 1: neither a dot nor a continent. */
  g_assert_cmpfloat (MAX (max_x - min_x, max_y - min_y), >, 250.0);
  g_assert_cmpfloat (MAX (max_x - min_x, max_y - min_y), <, 1500.0);

  for (i = 0; i < 6; i++)
    {
      ally_sum += distance_between (layout, camp_a[i], camp_a[(i + 1) % 6]);
      ally_sum += distance_between (layout, camp_b[i], camp_b[(i + 1) % 6]);
      rival_sum += distance_between (layout, camp_a[i], camp_b[i]);
    }
  g_test_message ("mean ally distance %.1f, mean rival distance %.1f",
                  ally_sum / 12, rival_sum / 6);
  g_assert_cmpfloat (ally_sum / 12, <, 0.6 * (rival_sum / 6));
}

static void
test_world_bloc_cohesion (void)
{
  g_autoptr(EntWorld) world = build_two_camps ();
  g_autoptr(EntLayout) layout = ent_layout_new_for_world (world, 2);
  double inside = 0.0, outside = 0.0;
  guint n_inside = 0, n_outside = 0;
  guint i, j;

  settle_layout (layout);

  /* The forum's members share no tie: only the bloc draws them together. */
  for (i = 0; forum[i] != NULL; i++)
    {
      for (j = i + 1; forum[j] != NULL; j++)
        {
          inside += distance_between (layout, forum[i], forum[j]);
          n_inside++;
        }
      for (j = 0; neutrals[j] != NULL; j++)
        if (!strv_has (forum, neutrals[j]))
          {
            outside += distance_between (layout, forum[i], neutrals[j]);
            n_outside++;
          }
    }
  g_test_message ("forum: %.1f among members, %.1f to other neutrals",
                  inside / n_inside, outside / n_outside);
  g_assert_cmpfloat (inside / n_inside, <, outside / n_outside);

  /* And the camps, which are blocs too. */
  inside = outside = 0.0;
  n_inside = n_outside = 0;
  for (i = 0; camp_a[i] != NULL; i++)
    {
      for (j = i + 1; camp_a[j] != NULL; j++)
        {
          inside += distance_between (layout, camp_a[i], camp_a[j]);
          n_inside++;
        }
      for (j = 0; j < ent_world_get_n_actors (world); j++)
        {
          const char *other = ent_world_get_actor (world, j)->id;

          if (strv_has (camp_a, other))
            continue;
          outside += distance_between (layout, camp_a[i], other);
          n_outside++;
        }
    }
  g_assert_cmpfloat (inside / n_inside, <, outside / n_outside);
}

static void
test_world_deterministic (void)
{
  g_autoptr(EntWorld) world = build_two_camps ();
  g_autoptr(EntLayout) a = ent_layout_new_for_world (world, 7);
  g_autoptr(EntLayout) b = ent_layout_new_for_world (world, 7);
  g_autoptr(EntLayout) c = ent_layout_new_for_world (world, 8);
  gsize size = 20 * sizeof (double);
  double largest = 0.0;
  guint i;

  settle_layout (a);
  settle_layout (b);
  settle_layout (c);
  g_assert_cmpmem (ent_force_sim_get_x (ent_layout_get_sim (a)), size,
                   ent_force_sim_get_x (ent_layout_get_sim (b)), size);
  g_assert_cmpmem (ent_force_sim_get_y (ent_layout_get_sim (a)), size,
                   ent_force_sim_get_y (ent_layout_get_sim (b)), size);

  for (i = 0; i < 20; i++)
    {
      double ax, ay, cx, cy;

      ent_layout_get_position (a, i, &ax, &ay);
      ent_layout_get_position (c, i, &cx, &cy);
      largest = MAX (largest, hypot (ax - cx, ay - cy));
    }
  g_assert_cmpfloat (largest, >, 10.0);
}

static void
test_world_pinned (void)
{
  g_autoptr(EntWorld) world = build_two_camps ();
  g_autoptr(EntLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  double x, y;

  ent_world_set_actor_position (world, "A2", TRUE, 321.0, -123.0, TRUE, &error);
  g_assert_no_error (error);
  ent_world_set_actor_position (world, "B2", TRUE, -40.0, 60.0, FALSE, &error);
  g_assert_no_error (error);

  layout = ent_layout_new_for_world (world, 3);
  /* A saved position is the start, pinned or not. */
  g_assert_true (ent_layout_get_position_by_id (layout, "B2", &x, &y));
  g_assert_cmpfloat (x, ==, -40.0);
  g_assert_cmpfloat (y, ==, 60.0);

  settle_layout (layout);
  g_assert_true (ent_layout_get_position_by_id (layout, "A2", &x, &y));
  g_assert_cmpfloat (x, ==, 321.0);
  g_assert_cmpfloat (y, ==, -123.0);
  g_assert_true (ent_layout_get_position_by_id (layout, "B2", &x, &y));
  g_assert_cmpfloat (hypot (x + 40.0, y - 60.0), >, 1.0);

  /* Pinned through the layout (a drag), a node stays where it was put. */
  ent_layout_pin (layout, 0, 50.0, 50.0);
  ent_layout_reheat (layout, 0.5);
  settle_layout (layout);
  ent_layout_get_position (layout, 0, &x, &y);
  g_assert_cmpfloat (x, ==, 50.0);
  g_assert_cmpfloat (y, ==, 50.0);

  /* Unpinned through the world, the next sync frees it. */
  ent_world_set_actor_position (world, "A2", TRUE, 321.0, -123.0, FALSE, &error);
  g_assert_no_error (error);
  ent_layout_sync (layout, ENT_DATE_NONE);
  g_assert_false (ent_layout_is_settled (layout));
  settle_layout (layout);
  g_assert_true (ent_layout_get_position_by_id (layout, "A2", &x, &y));
  g_assert_cmpfloat (hypot (x - 321.0, y + 123.0), >, 1.0);
}

static void
test_world_new_actor (void)
{
  g_autoptr(EntWorld) world = build_two_camps ();
  g_autoptr(EntLayout) layout = ent_layout_new_for_world (world, 4);
  double ax, ay, bx, by, cx, cy, x, y;
  double before_x[20], before_y[20];
  guint i;

  settle_layout (layout);
  for (i = 0; i < 20; i++)
    ent_layout_get_position (layout, i, &before_x[i], &before_y[i]);

  add_actor (world, "NEW");
  add_relation (world, "NEW", "B1", ENT_RELATION_ALLIANCE, 0.9);
  add_relation (world, "NEW", "B4", ENT_RELATION_PARTNERSHIP, 0.6);
  add_relation (world, "NEW", "A1", ENT_RELATION_RIVALRY, 0.6);
  add_actor (world, "LONER");
  ent_layout_sync (layout, ENT_DATE_NONE);

  g_assert_cmpuint (ent_layout_get_n_nodes (layout), ==, 22);
  /* Syncing moves nothing by itself: old actors are where they were. */
  for (i = 0; i < 20; i++)
    {
      ent_layout_get_position (layout, i, &x, &y);
      g_assert_cmpfloat (x, ==, before_x[i]);
      g_assert_cmpfloat (y, ==, before_y[i]);
    }

  /* The newcomer starts among its friends, not its rivals. */
  ent_layout_get_position_by_id (layout, "B1", &ax, &ay);
  ent_layout_get_position_by_id (layout, "B4", &bx, &by);
  cx = 0.5 * (ax + bx);
  cy = 0.5 * (ay + by);
  g_assert_true (ent_layout_get_position_by_id (layout, "NEW", &x, &y));
  g_test_message ("new actor starts %.2f units from its allies' centroid",
                  hypot (x - cx, y - cy));
  g_assert_cmpfloat (hypot (x - cx, y - cy), <, 10.0);
  g_assert_cmpfloat (hypot (x - cx, y - cy), <, 0.1 * hypot (ax - bx, ay - by) + 10.0);

  /* An actor with no tie gets a finite spot off the others. */
  g_assert_true (ent_layout_get_position_by_id (layout, "LONER", &x, &y));
  g_assert_true (isfinite (x) && isfinite (y));
  for (i = 0; i < 21; i++)
    {
      ent_layout_get_position (layout, i, &ax, &ay);
      if (i != (guint) ent_world_get_actor_index (world, "LONER"))
        g_assert_cmpfloat (hypot (x - ax, y - ay), >, 10.0);
    }

  g_assert_false (ent_layout_is_settled (layout));
  g_assert_cmpfloat (ent_layout_get_alpha (layout), >=, 0.3);
  g_assert_cmpuint (settle_layout (layout), <, SETTLE_LIMIT);
  assert_positions_finite (ent_layout_get_sim (layout));
}

static void
test_world_mental_map (void)
{
  g_autoptr(EntWorld) world = build_two_camps ();
  g_autoptr(EntLayout) warm = ent_layout_new_for_world (world, 5);
  g_autoptr(EntLayout) cold = NULL;
  double before_x[20], before_y[20];
  double warm_moves[20], cold_moves[20];
  double warm_median, cold_median;
  guint n = 0;
  guint i;

  settle_layout (warm);
  for (i = 0; i < 20; i++)
    ent_layout_get_position (warm, i, &before_x[i], &before_y[i]);

  add_meeting (world, "2025-03-01", "N1", "B2");
  ent_layout_sync (warm, ENT_DATE_NONE);
  g_assert_false (ent_layout_is_settled (warm));
  g_assert_cmpuint (settle_layout (warm), <, SETTLE_LIMIT);

  /* The same edited world laid out from scratch. */
  cold = ent_layout_new_for_world (world, 6);
  settle_layout (cold);

  for (i = 0; i < 20; i++)
    {
      const char *id = ent_world_get_actor (world, i)->id;
      double x, y;

      if (g_str_equal (id, "N1") || g_str_equal (id, "B2"))
        continue;
      ent_layout_get_position (warm, i, &x, &y);
      warm_moves[n] = hypot (x - before_x[i], y - before_y[i]);
      ent_layout_get_position (cold, i, &x, &y);
      cold_moves[n] = hypot (x - before_x[i], y - before_y[i]);
      n++;
    }
  warm_median = median (warm_moves, n);
  cold_median = median (cold_moves, n);
  g_test_message ("median move of the other actors: warm %.1f, cold %.1f",
                  warm_median, cold_median);
  g_assert_cmpfloat (warm_median, <, 0.2 * cold_median);
}

static void
test_world_sync_without_change (void)
{
  g_autoptr(EntWorld) world = build_two_camps ();
  g_autoptr(EntLayout) layout = ent_layout_new_for_world (world, 9);
  g_autoptr(EntActor) renamed = NULL;
  g_autoptr(GError) error = NULL;

  settle_layout (layout);

  /* A change that moves no tie keeps the map asleep. */
  renamed = ent_actor_copy (ent_world_lookup_actor (world, "A1"));
  g_free (renamed->name);
  renamed->name = g_strdup ("Renamed");
  ent_world_update_actor (world, renamed, &error);
  g_assert_no_error (error);
  ent_layout_sync (layout, ENT_DATE_NONE);
  g_assert_true (ent_layout_is_settled (layout));
  g_assert_cmpuint (ent_layout_step (layout, 10), ==, 0);
}

static void
test_world_remove_actor (void)
{
  g_autoptr(EntWorld) world = build_two_camps ();
  g_autoptr(EntLayout) layout = ent_layout_new_for_world (world, 10);
  g_autoptr(GError) error = NULL;
  double before_x[20], before_y[20];
  guint i;

  add_actor (world, "GONE");
  ent_layout_sync (layout, ENT_DATE_NONE);
  settle_layout (layout);
  for (i = 0; i < 20; i++)
    {
      const char *id = ent_world_get_actor (world, i)->id;

      g_assert_true (ent_layout_get_position_by_id (layout, id, &before_x[i], &before_y[i]));
    }

  ent_world_remove_actor (world, "GONE", &error);
  g_assert_no_error (error);
  ent_layout_sync (layout, ENT_DATE_NONE);
  g_assert_cmpuint (ent_layout_get_n_nodes (layout), ==, 20);
  g_assert_false (ent_layout_get_position_by_id (layout, "GONE", NULL, NULL));
  for (i = 0; i < 20; i++)
    {
      const char *id = ent_world_get_actor (world, i)->id;
      double x, y;

      g_assert_true (ent_layout_get_position_by_id (layout, id, &x, &y));
      g_assert_cmpfloat (x, ==, before_x[i]);
      g_assert_cmpfloat (y, ==, before_y[i]);
    }
}

static void
test_world_date (void)
{
  g_autoptr(EntWorld) world = build_two_camps ();
  g_autoptr(EntLayout) layout = NULL;
  g_autoptr(EntRelation) late = ent_relation_new (NULL, "N3", "N5", ENT_RELATION_ALLIANCE);
  g_autoptr(GError) error = NULL;
  EntDate before, after;
  double near_distance, far_distance;

  ent_date_parse ("2000", &late->since, &error);
  g_assert_no_error (error);
  late->strength = 1.0;
  ent_world_add_relation (world, late, NULL, &error);
  g_assert_no_error (error);
  ent_date_parse ("1990-06-01", &before, &error);
  g_assert_no_error (error);
  ent_date_parse ("2010-06-01", &after, &error);
  g_assert_no_error (error);

  layout = ent_layout_new_for_world (world, 12);
  ent_layout_set_date (layout, after);
  g_assert_true (ent_date_equal (ent_layout_get_date (layout), after));
  settle_layout (layout);
  near_distance = distance_between (layout, "N3", "N5");

  /* Before the alliance, the two are strangers, and drift apart. */
  ent_layout_set_date (layout, before);
  g_assert_false (ent_layout_is_settled (layout));
  settle_layout (layout);
  far_distance = distance_between (layout, "N3", "N5");
  g_test_message ("N3-N5: %.1f allied, %.1f before", near_distance, far_distance);
  g_assert_cmpfloat (near_distance, <, far_distance);

  /* The same date again is no change. */
  ent_layout_set_date (layout, before);
  g_assert_true (ent_layout_is_settled (layout));
}

static void
changed_cb (EntWorld  *world,
            EntLayout *layout)
{
  guint *count = g_object_get_data (G_OBJECT (layout), "changed-count");

  (*count)++;
  ent_layout_sync (layout, ent_layout_get_date (layout));
}

static void
test_world_store_positions (void)
{
  g_autoptr(EntWorld) world = build_two_camps ();
  g_autoptr(EntLayout) layout = ent_layout_new_for_world (world, 13);
  g_autoptr(EntLayout) reopened = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;
  gulong handler;
  guint i;

  settle_layout (layout);
  g_object_set_data (G_OBJECT (layout), "changed-count", &count);
  handler = g_signal_connect (world, "changed", G_CALLBACK (changed_cb), layout);

  g_assert_true (ent_layout_store_positions (layout, world, &error));
  g_assert_no_error (error);
  /* One signal for the lot, and our own positions coming back through
   * it do not wake the map. */
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (ent_layout_is_settled (layout));

  for (i = 0; i < 20; i++)
    {
      const EntActor *actor = ent_world_get_actor (world, i);
      double x, y;

      ent_layout_get_position (layout, i, &x, &y);
      g_assert_true (actor->has_position);
      g_assert_false (actor->pinned);
      g_assert_cmpfloat (actor->x, ==, x);
      g_assert_cmpfloat (actor->y, ==, y);
    }

  /* Nothing left to write: no signal at all this time. */
  count = 0;
  g_assert_true (ent_layout_store_positions (layout, world, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 0);
  g_signal_handler_disconnect (world, handler);

  /* A layout opened on the saved world starts where this one ended. */
  reopened = ent_layout_new_for_world (world, 99);
  for (i = 0; i < 20; i++)
    {
      double x, y, rx, ry;

      ent_layout_get_position (layout, i, &x, &y);
      ent_layout_get_position (reopened, i, &rx, &ry);
      g_assert_cmpfloat (x, ==, rx);
      g_assert_cmpfloat (y, ==, ry);
    }
}

/* Mean distance over pairs tied only cooperatively (@sign > 0) or only
 * adversarially (@sign < 0) as of the layout's date. */
static double
mean_distance_by_sign (EntLayout *layout,
                       EntWorld  *world,
                       int        sign)
{
  g_autoptr(GArray) ties = ent_world_get_ties (world, ent_layout_get_date (layout));
  g_autoptr(GHashTable) signs = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint n = ent_world_get_n_actors (world);
  GHashTableIter iter;
  gpointer key, value;
  double sum = 0.0;
  guint count = 0;
  guint i;

  /* Per pair: bit 1 for a cooperative tie, bit 2 for an adversarial one. */
  for (i = 0; i < ties->len; i++)
    {
      const EntTie *tie = &g_array_index (ties, EntTie, i);
      gpointer pair = GUINT_TO_POINTER (tie->a * n + tie->b + 1);
      guint bits = GPOINTER_TO_UINT (g_hash_table_lookup (signs, pair));

      bits |= tie->sign > 0 ? 1 : 2;
      g_hash_table_insert (signs, pair, GUINT_TO_POINTER (bits));
    }

  g_hash_table_iter_init (&iter, signs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint pair = GPOINTER_TO_UINT (key) - 1;
      double ax, ay, bx, by;

      if (GPOINTER_TO_UINT (value) != (sign > 0 ? 1u : 2u))
        continue;
      ent_layout_get_position (layout, pair / n, &ax, &ay);
      ent_layout_get_position (layout, pair % n, &bx, &by);
      sum += hypot (ax - bx, ay - by);
      count++;
    }
  g_assert_cmpuint (count, >, 0);
  return sum / count;
}

static void
test_dataset (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (SOURCE_DATASET_DEFAULT);
  g_autoptr(EntWorld) world = NULL;
  g_autoptr(EntLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  double friends, foes;
  guint ticks;

  world = ent_native_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (world);
  g_assert_cmpuint (ent_world_get_n_actors (world), >, 2);

  layout = ent_layout_new_for_world (world, 1);
  g_assert_cmpuint (ent_layout_get_n_nodes (layout), ==, ent_world_get_n_actors (world));
  ticks = settle_layout (layout);
  g_assert_cmpuint (ticks, <, SETTLE_LIMIT);
  assert_positions_finite (ent_layout_get_sim (layout));

  friends = mean_distance_by_sign (layout, world, +1);
  foes = mean_distance_by_sign (layout, world, -1);
  g_test_message ("the dataset's %u actors settled in %u ticks; "
                  "cooperative pairs %.1f apart, adversarial ones %.1f",
                  ent_world_get_n_actors (world), ticks, friends, foes);
  g_assert_cmpfloat (friends, <, foes);
}

/* An empty world lays out to nothing, and syncs, without touching memory
 * it does not have (UBSan caught a memcmp of NULL data here). */
static void
test_empty_world (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntLayout) layout = ent_layout_new_for_world (world, 1);

  g_assert_cmpuint (ent_layout_get_n_nodes (layout), ==, 0);
  ent_layout_sync (layout, ENT_DATE_NONE);
  ent_layout_step (layout, 10);
  g_assert_cmpuint (ent_layout_get_n_nodes (layout), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/empty-world", test_empty_world);
  g_test_add_func ("/layout/core/settles", test_core_settles);
  g_test_add_func ("/layout/core/deterministic", test_core_deterministic);
  g_test_add_func ("/layout/core/pinned", test_core_pinned);
  g_test_add_func ("/layout/core/barnes-hut", test_core_barnes_hut);
  g_test_add_func ("/layout/core/far-series", test_core_far_series);
  g_test_add_func ("/layout/core/threads", test_core_threads);
  g_test_add_func ("/layout/core/remap", test_core_remap);
  g_test_add_func ("/layout/core/igraph-start", test_core_igraph_start);
  g_test_add_func ("/layout/world/shape", test_world_shape);
  g_test_add_func ("/layout/world/bloc-cohesion", test_world_bloc_cohesion);
  g_test_add_func ("/layout/world/deterministic", test_world_deterministic);
  g_test_add_func ("/layout/world/pinned", test_world_pinned);
  g_test_add_func ("/layout/world/new-actor", test_world_new_actor);
  g_test_add_func ("/layout/world/mental-map", test_world_mental_map);
  g_test_add_func ("/layout/world/sync-without-change", test_world_sync_without_change);
  g_test_add_func ("/layout/world/remove-actor", test_world_remove_actor);
  g_test_add_func ("/layout/world/date", test_world_date);
  g_test_add_func ("/layout/world/store-positions", test_world_store_positions);
  g_test_add_func ("/layout/dataset", test_dataset);

  return g_test_run ();
}
