/* test-layout-worker.c: a layout stepped on its worker thread
 *
 * In the background, ent_layout_step() must give the very positions the
 * main thread would have computed, never wait, show the positions of the
 * last finished job while one runs, and let edits wait for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-test-layout-worker"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#endif

#include "ent-layout.h"
#include "ent-world.h"

static EntWorld *
build_world (guint n)
{
  EntWorld *world = ent_world_new ();
  guint64 state = 12345;

  ent_world_freeze (world);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      g_autoptr(EntActor) actor = ent_actor_new (id, id);
      g_autoptr(GError) error = NULL;

      ent_world_add_actor (world, actor, &error);
      g_assert_no_error (error);
    }
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *a = g_strdup_printf ("a%u", i);
      g_autofree char *b = NULL;
      g_autoptr(EntRelation) relation = NULL;
      g_autoptr(GError) error = NULL;

      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      b = g_strdup_printf ("a%u", (guint) ((state >> 33) % i));
      relation = ent_relation_new (NULL, a, b, i % 5 == 0 ? ENT_RELATION_RIVALRY : ENT_RELATION_ALLIANCE);
      ent_world_add_relation (world, relation, NULL, &error);
      g_assert_no_error (error);
    }
  ent_world_thaw (world, NULL);
  return world;
}

static void
positions (EntLayout *layout,
           double    *xy)
{
  for (guint i = 0; i < ent_layout_get_n_nodes (layout); i++)
    g_assert_true (ent_layout_get_position (layout, i, &xy[2 * i], &xy[2 * i + 1]));
}

/* Steps in the background until @n_ticks have run, as the canvas does. */
static void
step_background (EntLayout *layout,
                 guint      n_ticks,
                 guint      per_step)
{
  guint done = 0;
  guint64 spins = 0;

  while (done < n_ticks)
    {
      guint ran = ent_layout_step (layout, MIN (per_step, n_ticks - done));

      done += ran;
      if (ran == 0)
        {
          g_usleep (100);
          spins++;
        }
      g_assert_cmpuint (spins, <, 10 * 1000 * 1000);
    }
  /* The last job's ticks are reported by the next call. */
  ent_layout_wait (layout);
}

static void
test_same_positions (void)
{
  g_autoptr(EntWorld) world = build_world (600);
  g_autoptr(EntLayout) front = ent_layout_new_for_world (world, 5);
  g_autoptr(EntLayout) back = ent_layout_new_for_world (world, 5);
  g_autofree double *a = g_new (double, 2 * 600);
  g_autofree double *b = g_new (double, 2 * 600);
  guint done = 0;
  guint threads;

  threads = ent_force_sim_get_threads (ent_layout_get_sim (front));
  ent_layout_set_background (back, TRUE);
  g_assert_true (ent_layout_get_background (back));
  /* A processor stays free for drawing, when there are two or more. */
  g_assert_cmpuint (ent_force_sim_get_threads (ent_layout_get_sim (back)), ==, MAX (threads, 2) - 1);

  for (guint i = 0; i < 40; i++)
    done += ent_layout_step (front, 3);
  g_assert_cmpuint (done, ==, 120);

  /* A job of 3 ticks at a time; each call returns what the last one ran. */
  done = 0;
  while (done < 120)
    {
      guint ran = ent_layout_step (back, 3);

      g_assert_true (ran == 0 || ran == 3);
      done += ran;
      if (ran == 0)
        g_usleep (50);
    }
  /* 120 ticks reported, and one more job of 3 may be running. */
  ent_layout_set_background (back, FALSE);
  g_assert_cmpuint (ent_force_sim_get_threads (ent_layout_get_sim (back)), ==, threads);
  g_assert_cmpuint (ent_layout_get_tick_count (back), >=, 120);
  g_assert_cmpuint (ent_layout_get_tick_count (back), <=, 123);
  if (ent_layout_get_tick_count (back) == 123)
    ent_layout_step (front, 3);
  g_assert_cmpuint (ent_layout_get_tick_count (front), ==, ent_layout_get_tick_count (back));

  positions (front, a);
  positions (back, b);
  g_assert_cmpmem (a, 2 * 600 * sizeof (double), b, 2 * 600 * sizeof (double));
}

/* While a job runs, reads show where it started and do not wait. */
static void
test_reads_during_job (void)
{
  g_autoptr(EntWorld) world = build_world (3000);
  g_autoptr(EntLayout) layout = ent_layout_new_for_world (world, 9);
  guint n = ent_layout_get_n_nodes (layout);
  g_autofree double *before = g_new (double, 2 * n);
  g_autofree double *during = g_new (double, 2 * n);
  g_autofree double *after = g_new (double, 2 * n);
  guint64 ticks;
  double alpha;
  gint64 start, elapsed;

  ent_layout_set_background (layout, TRUE);
  positions (layout, before);
  ticks = ent_layout_get_tick_count (layout);
  alpha = ent_layout_get_alpha (layout);
  g_assert_false (ent_layout_is_settled (layout));

  /* 40 ticks of 3,000 nodes take far longer than the reads below. */
  start = g_get_monotonic_time ();
  g_assert_cmpuint (ent_layout_step (layout, 40), ==, 0);
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpint (elapsed, <, G_USEC_PER_SEC);
  positions (layout, during);
  g_assert_cmpmem (before, 2 * n * sizeof (double), during, 2 * n * sizeof (double));
  g_assert_cmpuint (ent_layout_get_tick_count (layout), ==, ticks);
  g_assert_cmpfloat (ent_layout_get_alpha (layout), ==, alpha);
  g_assert_false (ent_layout_is_settled (layout));
  /* A second step while busy starts nothing and reports nothing. */
  g_assert_cmpuint (ent_layout_step (layout, 40), ==, 0);

  ent_layout_wait (layout);
  g_assert_cmpuint (ent_layout_get_tick_count (layout), ==, ticks + 40);
  positions (layout, after);
  g_assert_true (memcmp (before, after, 2 * n * sizeof (double)) != 0);
  g_assert_cmpuint (ent_layout_step (layout, 0), ==, 40);
}

/* An edit waits for the job, and a freed layout stops its worker. */
static void
test_edits_wait (void)
{
  g_autoptr(EntWorld) world = build_world (3000);
  g_autoptr(EntLayout) layout = ent_layout_new_for_world (world, 3);
  g_autoptr(GError) error = NULL;
  double x, y;

  ent_layout_set_background (layout, TRUE);
  ent_layout_step (layout, 30);
  /* Pinned while the job runs: the pin lands after it, and holds. */
  ent_layout_pin (layout, 7, 1234.0, -567.0);
  ent_layout_get_position (layout, 7, &x, &y);
  g_assert_cmpfloat (x, ==, 1234.0);
  g_assert_cmpfloat (y, ==, -567.0);
  step_background (layout, 30, 10);
  ent_layout_get_position (layout, 7, &x, &y);
  g_assert_cmpfloat (x, ==, 1234.0);
  g_assert_cmpfloat (y, ==, -567.0);

  /* A world edit during a job syncs after it. */
  ent_layout_step (layout, 30);
  {
    g_autoptr(EntActor) actor = ent_actor_new ("newcomer", "Newcomer");

    ent_world_add_actor (world, actor, &error);
    g_assert_no_error (error);
  }
  ent_layout_sync (layout, ENT_DATE_NONE);
  g_assert_cmpuint (ent_layout_get_n_nodes (layout), ==, 3001);
  g_assert_true (ent_layout_get_position_by_id (layout, "newcomer", &x, &y));
  g_assert_true (isfinite (x) && isfinite (y));
  step_background (layout, 9, 3);
  g_assert_true (ent_layout_get_position_by_id (layout, "newcomer", &x, &y));
  g_assert_true (isfinite (x) && isfinite (y));

  /* Dropped with a job running: finalize joins the worker. */
  ent_layout_step (layout, 50);
  g_clear_object (&layout);
}

/* A settled map starts no job: the canvas's frame callback can stop. */
static void
test_settles (void)
{
  g_autoptr(EntWorld) world = build_world (300);
  g_autoptr(EntLayout) layout = ent_layout_new_for_world (world, 1);
  guint64 spins = 0;

  ent_layout_set_background (layout, TRUE);
  while (!ent_layout_is_settled (layout))
    {
      if (ent_layout_step (layout, 3) == 0)
        g_usleep (50);
      g_assert_cmpuint (++spins, <, 10 * 1000 * 1000);
    }
  /* The next call reports the last job's ticks, and starts nothing. */
  g_assert_cmpuint (ent_layout_step (layout, 3), <=, 3);
  g_assert_true (ent_layout_is_settled (layout));
  g_assert_cmpuint (ent_layout_step (layout, 3), ==, 0);
  g_assert_true (ent_layout_is_settled (layout));
}

/* The worker runs nicer than the thread that started it, so drawing
 * comes first when both want a processor. */
static void
test_lower_priority (void)
{
#ifdef __linux__
  g_autoptr(EntWorld) world = build_world (300);
  g_autoptr(EntLayout) layout = ent_layout_new_for_world (world, 7);
  g_autoptr(GDir) tasks = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  int main_nice = getpriority (PRIO_PROCESS, 0);
  gboolean found = FALSE;

  ent_layout_set_background (layout, TRUE);
  ent_layout_step (layout, 1);
  /* The worker sets its priority as it starts: wait for its first job. */
  for (int i = 0; i < 2000 && ent_layout_step (layout, 0) == 0; i++)
    g_usleep (1000);

  tasks = g_dir_open ("/proc/self/task", 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (tasks)) != NULL)
    {
      g_autofree char *comm_path = g_build_filename ("/proc/self/task", name, "comm", NULL);
      g_autofree char *stat_path = g_build_filename ("/proc/self/task", name, "stat", NULL);
      g_autofree char *comm = NULL, *stat = NULL;
      g_auto(GStrv) fields = NULL;
      const char *after_comm;

      if (!g_file_get_contents (comm_path, &comm, NULL, NULL) ||
          !g_str_has_prefix (comm, "entente-layout") ||
          !g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;
      /* "pid (comm) state ppid ...": nice is the 19th field, the 17th
       * after the command's closing parenthesis. */
      after_comm = strrchr (stat, ')');
      g_assert_nonnull (after_comm);
      fields = g_strsplit (after_comm + 2, " ", -1);
      g_assert_cmpuint (g_strv_length (fields), >, 16);
      g_test_message ("worker %s: nice %s, main thread %d", name, fields[16], main_nice);
      g_assert_cmpint (atoi (fields[16]), >, main_nice);
      found = TRUE;
    }
  g_assert_true (found);
#else
  g_test_skip ("Thread priorities are only lowered on Linux");
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout-worker/same-positions", test_same_positions);
  g_test_add_func ("/layout-worker/reads-during-job", test_reads_during_job);
  g_test_add_func ("/layout-worker/edits-wait", test_edits_wait);
  g_test_add_func ("/layout-worker/settles", test_settles);
  g_test_add_func ("/layout-worker/lower-priority", test_lower_priority);

  return g_test_run ();
}
