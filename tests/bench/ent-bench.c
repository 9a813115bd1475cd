/* ent-bench.c: timings of the layout, the painter, the export and loading
 *
 * One measurement per process, so that each run's peak RSS is its own:
 * tests/bench/run-bench.py starts this program once per case (pinned to
 * one core) and collects the JSON object each run prints as its last line.
 *
 *   ent-bench gen-ba N SEED OUT.edges      Barabási–Albert graph, 2 ties per new node
 *   ent-bench gen-gml FILE.gml OUT.edges   a GML file read with igraph
 *   ent-bench gen-file FILE OUT.edges      any file Entente's importers read
 *   ent-bench write-graphml N_EDGES SEED OUT.graphml
 *   ent-bench layout EDGES [OUT.xy]        cold start until settled, per-tick times
 *   ent-bench meeting EDGES                a meeting added to a settled map
 *   ent-bench paint EDGES XY FRAMES        painter frames at 1920x1080 with labels
 *   ent-bench frame EDGES                  layout step + paint per frame from cold
 *   ent-bench frame-file FILE              the same for a document (the bundled dataset)
 *   ent-bench export EDGES XY OUT.svg      SVG export
 *   ent-bench fr EDGES                     igraph's Fruchterman-Reingold (grid)
 *   ent-bench load FILE                    load a file as the app does
 *   ent-bench clock                        how fast this core runs just now
 *
 * Paint and frame are timed in CPU time with one paint thread, by the wall
 * clock with more (or with ENT_BENCH_CLOCK=wall).
 *
 * ENT_BENCH_CHECKSUM=1 adds to paint and frame a checksum of every frame's
 * pixels, taken outside the timings: a change to the painter that must
 * not change a pixel can be checked against the build before it.
 * ENT_BENCH_FRAMES=1 makes frame print each frame's step and paint times
 * to stderr, to see which frames make its 95th percentile.
 *
 * An edge list file is "N M" on the first line, then M lines "A B" of
 * 0-based node indices.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-bench"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <cairo.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <igraph.h>

#include "ent-export.h"
#include "ent-layout.h"
#include "ent-painter.h"
#include "ent-raster.h"
#include "ent-world.h"

#if defined(__has_include)
#if __has_include("ent-format.h")
#include "ent-format.h"
#define HAVE_ENT_FORMAT_LOAD 1
#endif
#endif

#define VIEW_WIDTH   1920.0
#define VIEW_HEIGHT  1080.0
/* The canvas's own fit margin (ui/ent-canvas.c). */
#define FIT_MARGIN   48.0
#define SEED         20250601u
#define SETTLE_LIMIT 5000
/* Ticks the canvas runs per frame (ui/ent-canvas.c). */
#define TICKS_PER_FRAME 3

typedef struct
{
  guint  n;
  guint  m;
  guint *ab;  /* 2 * m */
} EdgeList;

/* ---- Small helpers ------------------------------------------------------ */

/* Times are the process's CPU time (user + system): the machines this runs
 * on are shared, and CPU time does not count the time other processes
 * hold the core. Totals are also given as wall time (*_wall_ms). */
static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
wall_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The @q quantile (0..1) of @values, which it sorts. */
static double
quantile (double *values,
          guint   n,
          double  q)
{
  double pos;
  guint lo;

  if (n == 0)
    return NAN;
  qsort (values, n, sizeof (double), compare_doubles);
  pos = q * (n - 1);
  lo = (guint) floor (pos);
  if (lo + 1 >= n)
    return values[n - 1];
  return values[lo] + (pos - lo) * (values[lo + 1] - values[lo]);
}

static long
max_rss_kb (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return usage.ru_maxrss;
}

static G_NORETURN void
die (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  fprintf (stderr, "ent-bench: ");
  vfprintf (stderr, format, args);
  fprintf (stderr, "\n");
  va_end (args);
  exit (1);
}

static void
edge_list_clear (EdgeList *list)
{
  g_clear_pointer (&list->ab, g_free);
}

static void
edge_list_read (const char *path,
                EdgeList   *list)
{
  FILE *f = fopen (path, "r");
  guint i;

  if (f == NULL)
    die ("%s: cannot open", path);
  if (fscanf (f, "%u %u", &list->n, &list->m) != 2)
    die ("%s: no header", path);
  list->ab = g_new (guint, 2 * (gsize) MAX (list->m, 1));
  for (i = 0; i < list->m; i++)
    if (fscanf (f, "%u %u", &list->ab[2 * i], &list->ab[2 * i + 1]) != 2
        || list->ab[2 * i] >= list->n || list->ab[2 * i + 1] >= list->n)
      die ("%s: bad edge %u", path, i);
  fclose (f);
}

static void
edge_list_write (const char *path,
                 guint       n,
                 guint       m,
                 const guint *ab)
{
  FILE *f = fopen (path, "w");
  guint i;

  if (f == NULL)
    die ("%s: cannot write", path);
  fprintf (f, "%u %u\n", n, m);
  for (i = 0; i < m; i++)
    fprintf (f, "%u %u\n", ab[2 * i], ab[2 * i + 1]);
  if (fclose (f) != 0)
    die ("%s: write failed", path);
}

/* Undirected, no loops, no multi-edges. */
static void
edge_list_write_igraph (const char     *path,
                        const igraph_t *graph)
{
  igraph_t copy;
  igraph_vector_int_t edges;
  g_autofree guint *ab = NULL;
  igraph_integer_t i, m;

  if (igraph_copy (&copy, graph) != IGRAPH_SUCCESS)
    die ("igraph_copy failed");
  if (igraph_is_directed (&copy))
    igraph_to_undirected (&copy, IGRAPH_TO_UNDIRECTED_COLLAPSE, NULL);
  igraph_simplify (&copy, TRUE, TRUE, NULL);
  m = igraph_ecount (&copy);
  igraph_vector_int_init (&edges, 2 * m);
  igraph_get_edgelist (&copy, &edges, FALSE);
  ab = g_new (guint, 2 * MAX (m, 1));
  for (i = 0; i < 2 * m; i++)
    ab[i] = (guint) VECTOR (edges)[i];
  edge_list_write (path, (guint) igraph_vcount (&copy), (guint) m, ab);
  igraph_vector_int_destroy (&edges);
  igraph_destroy (&copy);
}

static double *
xy_read (const char *path,
         guint       n)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &contents, &length, &error))
    die ("%s", error->message);
  if (length != 2 * n * sizeof (double))
    die ("%s: expected %u positions", path, n);
  return g_memdup2 (contents, length);
}

/* Relation types cycle so that the painter draws its usual mix of solid,
 * dashed and adversarial ties; one tie in five is a rivalry. */
static const EntRelationType edge_types[] = {
  ENT_RELATION_ALLIANCE, ENT_RELATION_PARTNERSHIP, ENT_RELATION_TRADE,
  ENT_RELATION_MEMBERSHIP, ENT_RELATION_RIVALRY,
};

/* ENT_BENCH_TIES=solid draws every tie solid (alliances and partnerships
 * only), =none leaves the relations out of worlds: to split a frame's
 * cost between ties, dashes and the rest. */
static const char *tie_mode = "mixed";

static EntRelationType
edge_type (guint i)
{
  if (g_str_equal (tie_mode, "solid"))
    return edge_types[i % 2];
  return edge_types[i % G_N_ELEMENTS (edge_types)];
}

/* The same ties as a world built by world_from_edges gives the layout. */
static EntForceEdge *
force_edges (const EdgeList *list)
{
  EntForceEdge *edges = g_new (EntForceEdge, MAX (list->m, 1));
  guint i;

  for (i = 0; i < list->m; i++)
    {
      edges[i].a = list->ab[2 * i];
      edges[i].b = list->ab[2 * i + 1];
      edges[i].sign = ent_relation_type_default_sign (edge_type (i));
      edges[i].strength = 0.5;   /* a new relation's default strength */
    }
  return edges;
}

static EntWorld *
world_from_edges (const EdgeList *list)
{
  EntWorld *world = ent_world_new ();
  g_autoptr(GError) error = NULL;
  guint i;

  ent_world_freeze (world);
  for (i = 0; i < list->n; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      g_autofree char *name = g_strdup_printf ("Actor %u", i);
      g_autoptr(EntActor) actor = ent_actor_new (id, name);

      if (!ent_world_add_actor (world, actor, &error))
        die ("%s", error->message);
    }
  for (i = 0; i < list->m && !g_str_equal (tie_mode, "none"); i++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", i);
      g_autofree char *a = g_strdup_printf ("a%u", list->ab[2 * i]);
      g_autofree char *b = g_strdup_printf ("a%u", list->ab[2 * i + 1]);
      g_autoptr(EntRelation) relation = ent_relation_new (id, a, b, edge_type (i));

      if (!ent_world_add_relation (world, relation, NULL, &error))
        die ("%s", error->message);
    }
  if (!ent_world_thaw (world, &error))
    die ("%s", error->message);
  return world;
}

static double *
layout_xy (EntLayout *layout)
{
  guint n = ent_layout_get_n_nodes (layout);
  double *xy = g_new (double, 2 * (gsize) MAX (n, 1));
  guint i;

  for (i = 0; i < n; i++)
    ent_layout_get_position (layout, i, &xy[2 * i], &xy[2 * i + 1]);
  return xy;
}

/* FNV-1a over the pixels, folded into @hash. */
static guint64
surface_checksum (cairo_surface_t *surface,
                  guint64          hash)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * (gsize) stride);

      for (int x = 0; x < width; x++)
        hash = (hash ^ row[x]) * 0x100000001b3ull;
    }
  return hash;
}

static gboolean
want_checksum (void)
{
  return g_strcmp0 (g_getenv ("ENT_BENCH_CHECKSUM"), "1") == 0;
}

static void
add_checksum (GString *json,
              guint64  hash)
{
  g_string_append_printf (json, ", \"checksum\": \"%016" G_GINT64_MODIFIER "x\"", hash);
}

/* How many threads the painter's rasteriser blends ties with here. */
static guint
paint_threads (void)
{
  EntRaster *raster = ent_raster_new ();
  guint n = ent_raster_get_threads (raster);

  ent_raster_free (raster);
  return n;
}

/* Frames painted by one thread are timed in CPU time, as everything else
 * here; with more paint threads, by the wall clock, since the process's
 * CPU time adds up every thread's. ENT_BENCH_CLOCK=wall times one thread
 * by the wall clock too, to compare the two alike. */
static gboolean
frame_clock_is_wall (void)
{
  static int wall = -1;

  if (wall < 0)
    wall = paint_threads () > 1 || g_strcmp0 (g_getenv ("ENT_BENCH_CLOCK"), "wall") == 0;
  return wall;
}

static double
frame_clock_ms (void)
{
  return frame_clock_is_wall () ? wall_ms () : now_ms ();
}

static void
add_paint_threads (GString *json)
{
  g_string_append_printf (json, ", \"paint_threads\": %u, \"frame_clock\": \"%s\"",
                          paint_threads (), frame_clock_is_wall () ? "wall" : "cpu");
}

static void
print_result (GString *json)
{
  g_string_append_printf (json, ", \"max_rss_kb\": %ld}", max_rss_kb ());
  printf ("%s\n", json->str);
  fflush (stdout);
}

static GString *
result_begin (const char *bench)
{
  GString *json = g_string_new ("{");

  g_string_append_printf (json, "\"bench\": \"%s\"", bench);
  return json;
}

static void
add_number (GString    *json,
            const char *key,
            double      value)
{
  if (isfinite (value))
    g_string_append_printf (json, ", \"%s\": %.6g", key, value);
  else
    g_string_append_printf (json, ", \"%s\": null", key);
}

static void
add_string (GString    *json,
            const char *key,
            const char *value)
{
  g_autofree char *escaped = g_strescape (value, NULL);

  g_string_append_printf (json, ", \"%s\": \"%s\"", key, escaped);
}

/* ---- Inputs ------------------------------------------------------------- */

static int
cmd_gen_ba (guint       n,
            guint64     seed,
            const char *out)
{
  igraph_t graph;

  igraph_rng_seed (igraph_rng_default (), seed);
  if (igraph_barabasi_game (&graph, n, 1.0, 2, NULL, FALSE, 1.0, FALSE,
                            IGRAPH_BARABASI_PSUMTREE, NULL) != IGRAPH_SUCCESS)
    die ("igraph_barabasi_game failed");
  edge_list_write_igraph (out, &graph);
  igraph_destroy (&graph);
  return 0;
}

static int
cmd_gen_gml (const char *path,
             const char *out)
{
  igraph_t graph;
  FILE *f = fopen (path, "r");

  if (f == NULL)
    die ("%s: cannot open", path);
  if (igraph_read_graph_gml (&graph, f) != IGRAPH_SUCCESS)
    die ("%s: igraph could not read it", path);
  fclose (f);
  edge_list_write_igraph (out, &graph);
  igraph_destroy (&graph);
  return 0;
}

/* Exit status 3: no importer for this file in this build. */
static int
cmd_gen_file (const char *path,
              const char *out)
{
#ifdef HAVE_ENT_FORMAT_LOAD
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = ent_format_load_file (file, NULL, NULL, NULL, &error);
  g_autofree guint *ab = NULL;
  guint i, m = 0, n;

  if (world == NULL)
    {
      fprintf (stderr, "ent-bench: %s\n", error->message);
      return 3;
    }
  n = ent_world_get_n_actors (world);
  ab = g_new (guint, 2 * (gsize) MAX (ent_world_get_n_relations (world), 1));
  for (i = 0; i < ent_world_get_n_relations (world); i++)
    {
      const EntRelation *r = ent_world_get_relation (world, i);
      int a = ent_world_get_actor_index (world, r->actor_a);
      int b = ent_world_get_actor_index (world, r->actor_b);

      if (a < 0 || b < 0 || a == b)
        continue;
      ab[2 * m] = (guint) a;
      ab[2 * m + 1] = (guint) b;
      m++;
    }
  edge_list_write (out, n, m, ab);
  return 0;
#else
  fprintf (stderr, "ent-bench: this build has no file importers (graph/formats/ent-format.h)\n");
  return 3;
#endif
}

static int
cmd_write_graphml (guint       n_edges,
                   guint64     seed,
                   const char *out)
{
  igraph_t graph;
  FILE *f;

  igraph_rng_seed (igraph_rng_default (), seed);
  /* Two ties per new node: n_edges / 2 + 1 nodes give about n_edges. */
  if (igraph_barabasi_game (&graph, n_edges / 2 + 1, 1.0, 2, NULL, FALSE, 1.0, FALSE,
                            IGRAPH_BARABASI_PSUMTREE, NULL) != IGRAPH_SUCCESS)
    die ("igraph_barabasi_game failed");
  f = fopen (out, "w");
  if (f == NULL)
    die ("%s: cannot write", out);
  if (igraph_write_graph_graphml (&graph, f, TRUE) != IGRAPH_SUCCESS)
    die ("%s: igraph could not write it", out);
  fclose (f);
  printf ("{\"bench\": \"write-graphml\", \"nodes\": %" IGRAPH_PRId ", \"edges\": %" IGRAPH_PRId "}\n",
          igraph_vcount (&graph), igraph_ecount (&graph));
  igraph_destroy (&graph);
  return 0;
}

/* ---- The layout --------------------------------------------------------- */

/* As EntLayout starts a world with no saved positions: the seeded spiral,
 * or igraph's layout for more than ENT_LAYOUT_IGRAPH_COLD_START actors,
 * then ticks until settled. */
static int
cmd_layout (const char *edges_path,
            const char *xy_out)
{
  EdgeList list = { 0 };
  g_autofree EntForceEdge *edges = NULL;
  g_autofree double *tick_ms = NULL;
  g_autofree double *tick_wall_ms = NULL;
  g_autoptr(GString) json = NULL;
  EntForceSim *sim;
  double t0, w0, t_seed = 0.0, total, total_wall, median, p95, tick_sum = 0.0;
  double tick_wall_sum = 0.0;
  guint ticks = 0, i;

  edge_list_read (edges_path, &list);
  edges = force_edges (&list);
  tick_ms = g_new (double, SETTLE_LIMIT);
  tick_wall_ms = g_new (double, SETTLE_LIMIT);

  t0 = now_ms ();
  w0 = wall_ms ();
  sim = ent_force_sim_new (list.n, SEED);
  ent_force_sim_set_edges (sim, edges, list.m);
  if (list.n > ENT_LAYOUT_IGRAPH_COLD_START)
    {
      g_autoptr(GError) error = NULL;
      double ts = now_ms ();

      if (!ent_force_sim_seed_with_igraph (sim, &error))
        die ("%s", error->message);
      t_seed = now_ms () - ts;
    }
  while (!ent_force_sim_is_settled (sim) && ticks < SETTLE_LIMIT)
    {
      double ts = now_ms ();
      double ws = wall_ms ();

      ent_force_sim_step (sim, 1);
      tick_ms[ticks] = now_ms () - ts;
      /* With more than one thread, CPU time counts every thread's. */
      tick_wall_ms[ticks] = wall_ms () - ws;
      tick_sum += tick_ms[ticks];
      tick_wall_sum += tick_wall_ms[ticks];
      ticks++;
    }
  total = now_ms () - t0;
  total_wall = wall_ms () - w0;

  if (xy_out != NULL)
    {
      g_autofree double *xy = g_new (double, 2 * (gsize) MAX (list.n, 1));
      g_autoptr(GError) error = NULL;

      for (i = 0; i < list.n; i++)
        ent_force_sim_get_position (sim, i, &xy[2 * i], &xy[2 * i + 1]);
      if (!g_file_set_contents (xy_out, (const char *) xy, 2 * list.n * sizeof (double), &error))
        die ("%s", error->message);
    }

  p95 = quantile (tick_ms, ticks, 0.95);
  median = quantile (tick_ms, ticks, 0.5);
  json = result_begin ("layout");
  add_number (json, "nodes", list.n);
  add_number (json, "edges", list.m);
  add_number (json, "ticks", ticks);
  add_number (json, "settled", ent_force_sim_is_settled (sim));
  add_number (json, "tick_median_ms", median);
  add_number (json, "tick_mean_ms", ticks > 0 ? tick_sum / ticks : NAN);
  add_number (json, "tick_p95_ms", p95);
  add_number (json, "ticks_per_s", ticks > 0 ? 1000.0 * ticks / tick_sum : NAN);
  add_number (json, "threads",
              list.n >= ENT_FORCE_SIM_THREADED_MIN_NODES ? ent_force_sim_get_threads (sim) : 1);
  add_number (json, "tick_median_wall_ms", quantile (tick_wall_ms, ticks, 0.5));
  add_number (json, "ticks_per_s_wall", ticks > 0 ? 1000.0 * ticks / tick_wall_sum : NAN);
  {
    EntManyBodyTerms terms;

    /* What the last tick's many-body pass summed. */
    ent_force_sim_get_many_body_terms (sim, &terms);
    add_number (json, "last_tick_near_terms", terms.near);
    add_number (json, "last_tick_far_terms", terms.far);
    add_number (json, "last_tick_series_cells", terms.series_cells);
    add_number (json, "last_tick_series_points", terms.series_points);
  }
  add_number (json, "igraph_seed_ms", t_seed);
  add_number (json, "cold_settled_ms", total);
  add_number (json, "cold_settled_wall_ms", total_wall);
  print_result (json);

  ent_force_sim_free (sim);
  edge_list_clear (&list);
  return 0;
}

/* Steps as the canvas does until settled; returns the ticks run. */
static guint
settle (EntLayout *layout)
{
  guint64 start = ent_layout_get_tick_count (layout);
  guint calls = 0;

  while (!ent_layout_is_settled (layout) && calls++ < SETTLE_LIMIT)
    ent_layout_step (layout, TICKS_PER_FRAME);
  return (guint) (ent_layout_get_tick_count (layout) - start);
}

static gboolean
tied (const EdgeList *list,
      guint           a,
      guint           b)
{
  guint i;

  for (i = 0; i < list->m; i++)
    if ((list->ab[2 * i] == a && list->ab[2 * i + 1] == b)
        || (list->ab[2 * i] == b && list->ab[2 * i + 1] == a))
      return TRUE;
  return FALSE;
}

/* A world laid out from cold through EntLayout; then a meeting between two
 * actors with no tie yet, the layout synced and settled again. */
static int
cmd_meeting (const char *edges_path)
{
  EdgeList list = { 0 };
  g_autoptr(EntWorld) world = NULL;
  g_autoptr(EntLayout) layout = NULL;
  g_autoptr(EntMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = NULL;
  g_autofree double *before = NULL;
  g_autofree double *after = NULL;
  g_autofree double *moves = NULL;
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;
  const char *participants[3] = { NULL, NULL, NULL };
  EntView view;
  EntDate date;
  double t0, w0, cold_ms, cold_wall, sync_ms, meeting_ms, meeting_wall;
  double median_move, max_move = 0.0, median_aligned, median_control;
  double pcx = 0.0, pcy = 0.0, qcx = 0.0, qcy = 0.0, dot = 0.0, cross = 0.0, angle;
  guint cold_ticks, meeting_ticks, a, b, n_moves = 0, i;

  edge_list_read (edges_path, &list);
  if (list.n < 4)
    die ("too few nodes");
  world = world_from_edges (&list);

  t0 = now_ms ();
  w0 = wall_ms ();
  layout = ent_layout_new_for_world (world, SEED);
  cold_ticks = settle (layout);
  cold_ms = now_ms () - t0;
  cold_wall = wall_ms () - w0;
  before = layout_xy (layout);

  /* Two peripheral actors (late arrivals in preferential attachment)
   * that have no tie yet. */
  a = list.n - 1;
  b = list.n / 2;
  while (tied (&list, a, b) && b + 1 < a)
    b++;
  id_a = g_strdup_printf ("a%u", a);
  id_b = g_strdup_printf ("a%u", b);
  participants[0] = id_a;
  participants[1] = id_b;
  if (!ent_date_parse ("2025-06-01", &date, &error))
    die ("%s", error->message);
  meeting = ent_meeting_new ("bench-meeting", date, ENT_MEETING_BILATERAL, participants);

  t0 = now_ms ();
  w0 = wall_ms ();
  if (!ent_world_add_meeting (world, meeting, NULL, &error))
    die ("%s", error->message);
  ent_layout_sync (layout, ENT_DATE_NONE);
  sync_ms = now_ms () - t0;
  meeting_ticks = settle (layout);
  meeting_ms = now_ms () - t0;
  meeting_wall = wall_ms () - w0;
  after = layout_xy (layout);

  moves = g_new (double, list.n);
  for (i = 0; i < list.n; i++)
    {
      double d;

      if (i == a || i == b)
        continue;
      d = hypot (after[2 * i] - before[2 * i], after[2 * i + 1] - before[2 * i + 1]);
      max_move = MAX (max_move, d);
      moves[n_moves++] = d;
    }
  median_move = quantile (moves, n_moves, 0.5);

  /* The same without the part of the move that is a rigid drift: the
   * others' displacement after removing the best translation and rotation
   * (2-D Procrustes, no scaling). */
  for (i = 0; i < list.n; i++)
    if (i != a && i != b)
      {
        pcx += before[2 * i];
        pcy += before[2 * i + 1];
        qcx += after[2 * i];
        qcy += after[2 * i + 1];
      }
  pcx /= n_moves;
  pcy /= n_moves;
  qcx /= n_moves;
  qcy /= n_moves;
  for (i = 0; i < list.n; i++)
    if (i != a && i != b)
      {
        double px = before[2 * i] - pcx, py = before[2 * i + 1] - pcy;
        double qx = after[2 * i] - qcx, qy = after[2 * i + 1] - qcy;

        dot += px * qx + py * qy;
        cross += px * qy - py * qx;
      }
  angle = atan2 (cross, dot);
  n_moves = 0;
  for (i = 0; i < list.n; i++)
    if (i != a && i != b)
      {
        double px = before[2 * i] - pcx, py = before[2 * i + 1] - pcy;
        double rx = cos (angle) * px - sin (angle) * py;
        double ry = sin (angle) * px + cos (angle) * py;

        moves[n_moves++] = hypot (after[2 * i] - qcx - rx, after[2 * i + 1] - qcy - ry);
      }
  median_aligned = quantile (moves, n_moves, 0.5);

  /* Control: the same reheat with nothing changed. What the others move
   * here is the map relaxing further, not the meeting's doing. */
  ent_layout_reheat (layout, 0.3);
  settle (layout);
  {
    g_autofree double *again = layout_xy (layout);

    n_moves = 0;
    for (i = 0; i < list.n; i++)
      if (i != a && i != b)
        moves[n_moves++] = hypot (again[2 * i] - after[2 * i], again[2 * i + 1] - after[2 * i + 1]);
    median_control = quantile (moves, n_moves, 0.5);
  }

  /* The default zoom: the map fitted into a 1920x1080 view. */
  ent_view_init (&view, VIEW_WIDTH, VIEW_HEIGHT);
  ent_view_fit (&view, after, list.n, FIT_MARGIN);

  json = result_begin ("meeting");
  add_number (json, "nodes", list.n);
  add_number (json, "edges", list.m);
  add_number (json, "cold_ticks", cold_ticks);
  add_number (json, "cold_settled_ms", cold_ms);
  add_number (json, "cold_settled_wall_ms", cold_wall);
  add_number (json, "meeting_ticks", meeting_ticks);
  add_number (json, "meeting_sync_ms", sync_ms);
  add_number (json, "meeting_settled_ms", meeting_ms);
  add_number (json, "meeting_settled_wall_ms", meeting_wall);
  add_number (json, "median_move_units", median_move);
  add_number (json, "max_move_units", max_move);
  add_number (json, "default_zoom", view.zoom);
  add_number (json, "median_move_px", median_move * view.zoom);
  add_number (json, "max_move_px", max_move * view.zoom);
  add_number (json, "median_move_aligned_px", median_aligned * view.zoom);
  add_number (json, "drift_rotation_deg", angle * 180.0 / G_PI);
  add_number (json, "median_move_reheat_only_px", median_control * view.zoom);
  print_result (json);

  edge_list_clear (&list);
  return 0;
}

/* ---- Drawing ------------------------------------------------------------ */

static EntPainter *
bench_painter (void)
{
  EntPainter *painter = ent_painter_new ();

  ent_painter_set_show_labels (painter, TRUE);
  ent_painter_set_show_legend (painter, TRUE);
  return painter;
}

static int
cmd_paint (const char *edges_path,
           const char *xy_path,
           guint       frames)
{
  EdgeList list = { 0 };
  g_autoptr(EntWorld) world = NULL;
  g_autoptr(EntPainter) painter = NULL;
  g_autoptr(GString) json = NULL;
  g_autofree double *xy = NULL;
  g_autofree double *frame_ms = NULL;
  cairo_surface_t *surface;
  EntView view;
  double first_ms = 0.0, t0;
  guint64 hash = 0xcbf29ce484222325ull;
  guint i;

  edge_list_read (edges_path, &list);
  world = world_from_edges (&list);
  xy = xy_read (xy_path, list.n);
  painter = bench_painter ();
  /* ENT_BENCH_MOVING=1: as the canvas paints a map that is settling. */
  ent_painter_set_moving (painter, g_strcmp0 (g_getenv ("ENT_BENCH_MOVING"), "1") == 0);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) VIEW_WIDTH, (int) VIEW_HEIGHT);
  ent_view_init (&view, VIEW_WIDTH, VIEW_HEIGHT);
  ent_view_fit (&view, xy, list.n, FIT_MARGIN);
  frame_ms = g_new (double, MAX (frames, 1));

  /* The first frame also loads fonts and builds caches: apart. */
  for (i = 0; i <= frames; i++)
    {
      cairo_t *cr = cairo_create (surface);

      t0 = frame_clock_ms ();
      ent_painter_draw (painter, cr, world, ENT_DATE_NONE, xy, &view);
      cairo_surface_flush (surface);
      if (i == 0)
        first_ms = frame_clock_ms () - t0;
      else
        frame_ms[i - 1] = frame_clock_ms () - t0;
      cairo_destroy (cr);
      if (want_checksum ())
        hash = surface_checksum (surface, hash);
    }

  json = result_begin ("paint");
  add_number (json, "nodes", list.n);
  add_number (json, "edges", list.m);
  add_string (json, "ties", tie_mode);
  add_string (json, "map", ent_painter_get_moving (painter) ? "moving" : "still");
  add_number (json, "frames", frames);
  add_number (json, "first_frame_ms", first_ms);
  add_number (json, "frame_median_ms", quantile (frame_ms, frames, 0.5));
  add_number (json, "frame_p95_ms", quantile (frame_ms, frames, 0.95));
  {
    guint n_boxes = 0;

    ent_painter_get_label_boxes (painter, &n_boxes);
    add_number (json, "labels_placed", n_boxes);
  }
  if (want_checksum ())
    add_checksum (json, hash);
  add_paint_threads (json);
  print_result (json);

  cairo_surface_destroy (surface);
  edge_list_clear (&list);
  return 0;
}

/* What the canvas does per frame while the map moves: TICKS_PER_FRAME
 * ticks, then a paint, from a cold start until settled. */
static int
frame_world (EntWorld *world)
{
  guint n = ent_world_get_n_actors (world);
  g_autoptr(EntPainter) painter = NULL;
  g_autoptr(EntLayout) layout = NULL;
  g_autoptr(GString) json = NULL;
  g_autoptr(GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) step_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paint_ms = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *surface;
  EntView view;
  guint64 hash = 0xcbf29ce484222325ull;
  guint i;

  painter = bench_painter ();
  /* In motion until settled, as the canvas paints it. */
  ent_painter_set_moving (painter, TRUE);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) VIEW_WIDTH, (int) VIEW_HEIGHT);
  layout = ent_layout_new_for_world (world, SEED);

  /* Warm the painter's fonts once, as the app has by its second frame. */
  {
    g_autofree double *xy = layout_xy (layout);
    cairo_t *cr = cairo_create (surface);

    ent_view_init (&view, VIEW_WIDTH, VIEW_HEIGHT);
    ent_view_fit (&view, xy, n, FIT_MARGIN);
    ent_painter_draw (painter, cr, world, ENT_DATE_NONE, xy, &view);
    cairo_destroy (cr);
  }

  for (i = 0; i < SETTLE_LIMIT && !ent_layout_is_settled (layout); i++)
    {
      g_autofree double *xy = NULL;
      cairo_t *cr = cairo_create (surface);
      double t0 = frame_clock_ms (), t1, t2;

      ent_layout_step (layout, TICKS_PER_FRAME);
      xy = layout_xy (layout);
      ent_view_init (&view, VIEW_WIDTH, VIEW_HEIGHT);
      ent_view_fit (&view, xy, n, FIT_MARGIN);
      t1 = frame_clock_ms ();
      ent_painter_draw (painter, cr, world, ENT_DATE_NONE, xy, &view);
      cairo_surface_flush (surface);
      t2 = frame_clock_ms ();
      cairo_destroy (cr);
      g_array_append_vals (frame_ms, (double[]) { t2 - t0 }, 1);
      g_array_append_vals (step_ms, (double[]) { t1 - t0 }, 1);
      g_array_append_vals (paint_ms, (double[]) { t2 - t1 }, 1);
      if (g_strcmp0 (g_getenv ("ENT_BENCH_FRAMES"), "1") == 0)
        fprintf (stderr, "frame %u: step %.2f ms, paint %.2f ms\n", i, t1 - t0, t2 - t1);
      if (want_checksum ())
        hash = surface_checksum (surface, hash);
    }

  json = result_begin ("frame");
  add_number (json, "nodes", n);
  add_number (json, "edges", ent_world_get_n_relations (world));
  add_number (json, "frames", frame_ms->len);
  add_number (json, "frame_median_ms", quantile ((double *) (gpointer) frame_ms->data, frame_ms->len, 0.5));
  add_number (json, "frame_p95_ms", quantile ((double *) (gpointer) frame_ms->data, frame_ms->len, 0.95));
  add_number (json, "frame_max_ms", quantile ((double *) (gpointer) frame_ms->data, frame_ms->len, 1.0));
  add_number (json, "step_p95_ms", quantile ((double *) (gpointer) step_ms->data, step_ms->len, 0.95));
  add_number (json, "paint_p95_ms", quantile ((double *) (gpointer) paint_ms->data, paint_ms->len, 0.95));
  if (want_checksum ())
    add_checksum (json, hash);
  add_paint_threads (json);
  print_result (json);

  cairo_surface_destroy (surface);
  return 0;
}

static int
cmd_frame (const char *edges_path)
{
  EdgeList list = { 0 };
  g_autoptr(EntWorld) world = NULL;

  edge_list_read (edges_path, &list);
  world = world_from_edges (&list);
  edge_list_clear (&list);
  return frame_world (world);
}

#ifdef HAVE_ENT_FORMAT_LOAD
/* The same for a document, as the app opens it: the bundled dataset,
 * with its blocs' hulls, its meetings and its organisations. */
static int
cmd_frame_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = ent_format_load_file (file, NULL, NULL, NULL, &error);

  if (world == NULL)
    die ("%s", error->message);
  return frame_world (world);
}
#endif

/* A document of the graph, with no positions: opened in the app, its map
 * starts cold (the window benchmark). */
static int
cmd_gen_world (const char *edges_path,
               const char *out)
{
  EdgeList list = { 0 };
  g_autoptr(EntWorld) world = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;

  edge_list_read (edges_path, &list);
  world = world_from_edges (&list);
  if (!ent_format_save_file (world, file, &error))
    die ("%s", error->message);
  edge_list_clear (&list);
  return 0;
}

static int
cmd_export (const char *edges_path,
            const char *xy_path,
            const char *out)
{
  EdgeList list = { 0 };
  g_autoptr(EntWorld) world = NULL;
  g_autoptr(EntPainter) painter = NULL;
  g_autoptr(GString) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *xy = NULL;
  EntImageOptions options;
  GStatBuf st;
  double t0, w0, ms, wall;

  edge_list_read (edges_path, &list);
  world = world_from_edges (&list);
  xy = xy_read (xy_path, list.n);
  painter = ent_painter_new ();
  ent_image_options_init (&options);
  options.format = ENT_IMAGE_SVG;
  options.width = VIEW_WIDTH;
  options.height = VIEW_HEIGHT;
  options.legend = TRUE;

  t0 = frame_clock_ms ();
  w0 = wall_ms ();
  if (!ent_image_export (painter, world, ENT_DATE_NONE, xy, &options, out, &error))
    die ("%s", error->message);
  ms = frame_clock_ms () - t0;
  wall = wall_ms () - w0;

  json = result_begin ("export");
  add_number (json, "nodes", list.n);
  add_number (json, "edges", list.m);
  add_number (json, "svg_ms", ms);
  add_number (json, "svg_wall_ms", wall);
  add_number (json, "svg_bytes", g_stat (out, &st) == 0 ? (double) st.st_size : NAN);
  print_result (json);
  g_unlink (out);
  edge_list_clear (&list);
  return 0;
}

/* ---- Peers and loading -------------------------------------------------- */

/* igraph's Fruchterman-Reingold with its grid, at its default 500
 * iterations and start temperature, from a random start. */
/* A chain of dependent additions, one a cycle on any recent x86-64 core:
 * the core's effective clock just now. Shared virtual machines run at
 * very different speeds from one minute to the next; measured beside the
 * other figures, this tells a slow machine from a slow program. */
static int
cmd_clock (void)
{
  const guint64 n = 200000000;
  g_autoptr(GString) json = NULL;
  double best = G_MAXDOUBLE;

  for (guint run = 0; run < 3; run++)
    {
      guint64 x = 0;
      double t0 = now_ms ();

      for (guint64 i = 0; i < n; i++)
        {
#if defined(__x86_64__) && defined(__GNUC__)
          __asm__ volatile ("add $1, %0" : "+r" (x));
#else
          x = x * 3 + 1;
          __asm__ volatile ("" : "+r" (x));
#endif
        }
      best = MIN (best, now_ms () - t0);
    }
  json = result_begin ("clock");
  add_number (json, "chain_additions", (double) n);
  add_number (json, "best_ms", best);
  add_number (json, "effective_ghz", n / (best * 1e6));
  print_result (json);
  return 0;
}

static int
cmd_fr (const char *edges_path)
{
  EdgeList list = { 0 };
  g_autoptr(GString) json = NULL;
  igraph_t graph;
  igraph_vector_int_t edges;
  igraph_matrix_t result;
  double t0, w0, ms, wall;
  guint i;

  edge_list_read (edges_path, &list);
  igraph_rng_seed (igraph_rng_default (), SEED);
  igraph_vector_int_init (&edges, 2 * (igraph_integer_t) list.m);
  for (i = 0; i < 2 * list.m; i++)
    VECTOR (edges)[i] = list.ab[i];
  igraph_create (&graph, &edges, list.n, IGRAPH_UNDIRECTED);
  igraph_matrix_init (&result, 0, 0);

  t0 = now_ms ();
  w0 = wall_ms ();
  if (igraph_layout_fruchterman_reingold (&graph, &result, FALSE, 500, sqrt (list.n),
                                          IGRAPH_LAYOUT_GRID, NULL,
                                          NULL, NULL, NULL, NULL) != IGRAPH_SUCCESS)
    die ("igraph_layout_fruchterman_reingold failed");
  ms = now_ms () - t0;
  wall = wall_ms () - w0;

  json = result_begin ("igraph-fr");
  add_number (json, "nodes", list.n);
  add_number (json, "edges", list.m);
  add_number (json, "iterations", 500);
  add_number (json, "converge_ms", ms);
  add_number (json, "converge_wall_ms", wall);
  add_number (json, "iteration_ms", ms / 500.0);
  print_result (json);

  igraph_matrix_destroy (&result);
  igraph_destroy (&graph);
  igraph_vector_int_destroy (&edges);
  edge_list_clear (&list);
  return 0;
}

static int
cmd_load (const char *path)
{
  g_autoptr(GString) json = NULL;
  double t0, w0, ms, wall;
  guint n, m;
  const char *loader;

#ifdef HAVE_ENT_FORMAT_LOAD
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    g_autoptr(EntWorld) world = NULL;

    t0 = now_ms ();
    w0 = wall_ms ();
    world = ent_format_load_file (file, NULL, NULL, NULL, &error);
    ms = now_ms () - t0;
    wall = wall_ms () - w0;
    if (world == NULL)
      die ("%s", error->message);
    n = ent_world_get_n_actors (world);
    m = ent_world_get_n_relations (world);
    loader = "ent_format_load_file";
  }
#else
  {
    igraph_t graph;
    FILE *f;

    t0 = now_ms ();
    w0 = wall_ms ();
    f = fopen (path, "r");
    if (f == NULL)
      die ("%s: cannot open", path);
    if (igraph_read_graph_graphml (&graph, f, 0) != IGRAPH_SUCCESS)
      die ("%s: igraph could not read it", path);
    fclose (f);
    ms = now_ms () - t0;
    wall = wall_ms () - w0;
    n = igraph_vcount (&graph);
    m = igraph_ecount (&graph);
    igraph_destroy (&graph);
    loader = "igraph_read_graph_graphml (stand-in: no Entente importer in this build)";
  }
#endif

  json = result_begin ("load");
  add_string (json, "loader", loader);
  add_number (json, "nodes", n);
  add_number (json, "edges", m);
  add_number (json, "load_ms", ms);
  add_number (json, "load_wall_ms", wall);
  print_result (json);
  return 0;
}

/* ---- main --------------------------------------------------------------- */

static G_NORETURN void
usage (void)
{
  fprintf (stderr,
           "usage: ent-bench gen-ba N SEED OUT | gen-gml FILE OUT | gen-file FILE OUT\n"
           "       | write-graphml N_EDGES SEED OUT | layout EDGES [XY] | meeting EDGES\n"
           "       | paint EDGES XY FRAMES | frame EDGES | frame-file FILE | export EDGES XY OUT.svg\n"
           "       | fr EDGES | load FILE | gen-world EDGES OUT.entente.json | clock\n");
  exit (2);
}

int
main (int   argc,
      char *argv[])
{
  const char *cmd;

  if (argc < 2)
    usage ();
  cmd = argv[1];
  if (g_getenv ("ENT_BENCH_TIES") != NULL)
    tie_mode = g_getenv ("ENT_BENCH_TIES");

  if (g_str_equal (cmd, "gen-ba") && argc == 5)
    return cmd_gen_ba (atoi (argv[2]), g_ascii_strtoull (argv[3], NULL, 10), argv[4]);
  if (g_str_equal (cmd, "gen-gml") && argc == 4)
    return cmd_gen_gml (argv[2], argv[3]);
  if (g_str_equal (cmd, "gen-file") && argc == 4)
    return cmd_gen_file (argv[2], argv[3]);
  if (g_str_equal (cmd, "write-graphml") && argc == 5)
    return cmd_write_graphml (atoi (argv[2]), g_ascii_strtoull (argv[3], NULL, 10), argv[4]);
  if (g_str_equal (cmd, "layout") && (argc == 3 || argc == 4))
    return cmd_layout (argv[2], argc == 4 ? argv[3] : NULL);
  if (g_str_equal (cmd, "meeting") && argc == 3)
    return cmd_meeting (argv[2]);
  if (g_str_equal (cmd, "paint") && argc == 5)
    return cmd_paint (argv[2], argv[3], atoi (argv[4]));
  if (g_str_equal (cmd, "frame") && argc == 3)
    return cmd_frame (argv[2]);
#ifdef HAVE_ENT_FORMAT_LOAD
  if (g_str_equal (cmd, "frame-file") && argc == 3)
    return cmd_frame_file (argv[2]);
#endif
  if (g_str_equal (cmd, "export") && argc == 5)
    return cmd_export (argv[2], argv[3], argv[4]);
  if (g_str_equal (cmd, "fr") && argc == 3)
    return cmd_fr (argv[2]);
  if (g_str_equal (cmd, "gen-world") && argc == 4)
    return cmd_gen_world (argv[2], argv[3]);
  if (g_str_equal (cmd, "load") && argc == 3)
    return cmd_load (argv[2]);
  if (g_str_equal (cmd, "clock") && argc == 2)
    return cmd_clock ();
  usage ();
}
