/* test-export.c: PNG, SVG and PDF exports, read back by other programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ent-export-private.h"
#include "ent-format-native.h"
#include "ent-layout.h"
#include "svg-check.h"

typedef struct
{
  char       *dir;
  EntWorld   *world;
  EntPainter *painter;
  double     *xy;
} Fixture;

static char *
dataset_path (void)
{
  return g_build_filename (g_getenv ("ENTENTE_SOURCE_ROOT"), "data", "datasets",
                           "northeast-asia-2025.entente.json", NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = dataset_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EntLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  fixture->dir = g_dir_make_tmp ("entente-export-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->world = ent_native_load_file (file, NULL, &error);
  g_assert_no_error (error);
  layout = ent_layout_new_for_world (fixture->world, 7);
  while (!ent_layout_is_settled (layout))
    ent_layout_step (layout, 50);
  n = ent_world_get_n_actors (fixture->world);
  fixture->xy = g_new (double, 2 * n);
  for (guint i = 0; i < n; i++)
    ent_layout_get_position (layout, i, &fixture->xy[2 * i], &fixture->xy[2 * i + 1]);
  fixture->painter = ent_painter_new ();
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_clear_object (&fixture->world);
  g_clear_object (&fixture->painter);
  g_free (fixture->xy);
}

static char *
export (Fixture               *fixture,
        const EntImageOptions *options,
        const char            *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (ent_image_export (fixture->painter, fixture->world, ENT_DATE_NONE, fixture->xy,
                                   options, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Mean absolute difference per channel, 0..1, of two same-sized PNGs,
 * both composited on white. */
static double
png_difference (const char *a_path,
                const char *b_path)
{
  cairo_surface_t *a = cairo_image_surface_create_from_png (a_path);
  cairo_surface_t *b = cairo_image_surface_create_from_png (b_path);
  int width, height, stride_a, stride_b;
  double total = 0;

  g_assert_cmpint (cairo_surface_status (a), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (b), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (a);
  height = cairo_image_surface_get_height (a);
  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  stride_a = cairo_image_surface_get_stride (a);
  stride_b = cairo_image_surface_get_stride (b);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *pa = cairo_image_surface_get_data (a) + y * stride_a + 4 * x;
        const guchar *pb = cairo_image_surface_get_data (b) + y * stride_b + 4 * x;

        /* Premultiplied: adding the missing white gives the colour on white. */
        for (int c = 0; c < 3; c++)
          total += abs ((pa[c] + 255 - pa[3]) - (pb[c] + 255 - pb[3])) / 255.0;
      }
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  return total / (3.0 * width * height);
}

static guint
count_ink (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  int stride = cairo_image_surface_get_stride (surface);
  guint ink = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        const guchar *p = cairo_image_surface_get_data (surface) + y * stride + 4 * x;

        if (p[3] > 0 && (p[0] < 200 || p[1] < 200 || p[2] < 200))
          ink++;
      }
  cairo_surface_destroy (surface);
  return ink;
}

/* The SVG, drawn by librsvg, looks like the PNG of the same view. */
static void
test_export_svg_matches_png (Fixture       *fixture,
                             gconstpointer  data)
{
  EntImageOptions options;
  g_autofree char *png = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *svg_png = g_build_filename (fixture->dir, "svg.png", NULL);
  double difference;

  ent_image_options_init (&options);
  options.width = 900;
  options.height = 600;
  options.title = "Northeast Asia";
  options.date_text = "As of 2 November 2025";
  png = export (fixture, &options, "map.png");
  options.format = ENT_IMAGE_SVG;
  svg = export (fixture, &options, "map.svg");

  run ((const char *[]) { "rsvg-convert", "--width", "900", "--height", "600",
                          "--background-color", "white", "-o", svg_png, svg, NULL });
  difference = png_difference (png, svg_png);
  g_test_message ("mean difference PNG vs SVG via rsvg-convert: %.5f", difference);
  g_assert_cmpfloat (difference, <, 0.01);
  g_assert_cmpuint (count_ink (svg_png), >, 5000);
}

/* Every id in @path once, and every reference (href="#…", url(#…)) to an
 * id that exists. */
static void
check_ids (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;
  guint n_references = 0;

  g_assert_true (g_file_get_contents (path, &svg, NULL, &error));
  g_assert_no_error (error);
  svg_check_document (svg, &n_references);
  g_assert_cmpuint (n_references, >, 0);
}

/* The SVG written as it is drawn looks like the one cairo's SVG surface
 * draws of the same map: hulls, suggested blocs, a highlighted path, a
 * selection, badges, labels, legend and title; or a hairball's sketch. */
static void
compare_with_cairo_svg (Fixture    *fixture,
                        const char *name)
{
  EntImageOptions options;
  g_autofree char *streamed_name = g_strdup_printf ("%s-streamed.svg", name);
  g_autofree char *cairo_name = g_strdup_printf ("%s-cairo.svg", name);
  g_autofree char *streamed_png = g_strdup_printf ("%s/%s-streamed.png", fixture->dir, name);
  g_autofree char *cairo_png = g_strdup_printf ("%s/%s-cairo.png", fixture->dir, name);
  g_autofree char *streamed = NULL;
  g_autofree char *reference = NULL;
  double difference;

  ent_image_options_init (&options);
  options.format = ENT_IMAGE_SVG;
  options.width = 900;
  options.height = 600;
  options.title = (char *) "Streamed";
  options.date_text = (char *) "As of 30 October 2025";
  streamed = export (fixture, &options, streamed_name);
  ent_image_export_set_streamed_svg (FALSE);
  reference = export (fixture, &options, cairo_name);
  ent_image_export_set_streamed_svg (TRUE);

  check_ids (streamed);
  run ((const char *[]) { "rsvg-convert", "--width", "900", "--height", "600",
                          "--background-color", "white", "-o", streamed_png, streamed, NULL });
  run ((const char *[]) { "rsvg-convert", "--width", "900", "--height", "600",
                          "--background-color", "white", "-o", cairo_png, reference, NULL });
  difference = png_difference (streamed_png, cairo_png);
  g_test_message ("%s: mean difference, streamed SVG vs cairo's: %.6f", name, difference);
  g_assert_cmpfloat (difference, <, 0.0005);
  g_assert_cmpuint (count_ink (streamed_png), >, 5000);
}

static void
test_export_svg_streamed (Fixture       *fixture,
                          gconstpointer  data)
{
  guint n = ent_world_get_n_actors (fixture->world);
  g_autofree guint *community = g_new (guint, n);
  const guint path[] = { 0, 1, 2 };
  const guint pairs[] = { 0, 1, 1, 2 };

  g_assert_cmpuint (n, >, 5);
  for (guint i = 0; i < n; i++)
    community[i] = i % 3;
  ent_painter_set_suggested_blocs (fixture->painter, community, n);
  ent_painter_set_highlight (fixture->painter, path, G_N_ELEMENTS (path), pairs, 2);
  ent_painter_set_selected (fixture->painter, 4);
  compare_with_cairo_svg (fixture, "features");
}

static void
test_export_svg_streamed_hairball (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  guint n = 400;

  g_clear_object (&fixture->world);
  fixture->world = ent_world_new ();
  fixture->xy = g_renew (double, fixture->xy, 2 * n);
  ent_world_freeze (fixture->world);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("H%03u", i);
      g_autoptr(EntActor) actor = ent_actor_new (id, id);

      actor->kind = i % 7 == 0 ? ENT_ACTOR_ORGANISATION : ENT_ACTOR_STATE;
      g_assert_true (ent_world_add_actor (fixture->world, actor, NULL));
      fixture->xy[2 * i] = g_rand_double_range (rand, -400, 400);
      fixture->xy[2 * i + 1] = g_rand_double_range (rand, -300, 300);
    }
  /* More ties than a map draws in full: a sample of them is drawn. */
  for (guint k = 0; k < 2400; k++)
    {
      guint a = (guint) g_rand_int_range (rand, 0, (gint32) n);
      guint b = (a + 1 + (guint) g_rand_int_range (rand, 0, (gint32) n - 1)) % n;
      g_autofree char *ia = g_strdup_printf ("H%03u", a);
      g_autofree char *ib = g_strdup_printf ("H%03u", b);
      g_autoptr(EntRelation) relation = ent_relation_new (NULL, ia, ib,
                                                          k % 3 == 0 ? ENT_RELATION_RIVALRY : ENT_RELATION_TRADE);

      relation->sign = ent_relation_type_default_sign (relation->type);
      g_assert_true (ent_world_add_relation (fixture->world, relation, NULL, NULL));
    }
  g_assert_true (ent_world_thaw (fixture->world, NULL));
  compare_with_cairo_svg (fixture, "hairball");
}

/* The PDF renders with poppler, at the same size and looking the same. */
static void
test_export_pdf_renders (Fixture       *fixture,
                         gconstpointer  data)
{
  EntImageOptions options;
  g_autofree char *png = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *prefix = g_build_filename (fixture->dir, "pdf", NULL);
  g_autofree char *pdf_png = g_build_filename (fixture->dir, "pdf-1.png", NULL);
  double difference;

  ent_image_options_init (&options);
  options.width = 900;
  options.height = 600;
  png = export (fixture, &options, "map.png");
  options.format = ENT_IMAGE_PDF;
  pdf = export (fixture, &options, "map.pdf");

  /* 72 dpi: one PDF point, one pixel. */
  run ((const char *[]) { "pdftoppm", "-png", "-r", "72", pdf, prefix, NULL });
  g_assert_true (g_file_test (pdf_png, G_FILE_TEST_EXISTS));
  difference = png_difference (png, pdf_png);
  g_test_message ("mean difference PNG vs PDF via pdftoppm: %.5f", difference);
  g_assert_cmpfloat (difference, <, 0.02);
}

static guchar
alpha_at (const char *path,
          int         x,
          int         y)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  guchar alpha = cairo_image_surface_get_data (surface)[y * cairo_image_surface_get_stride (surface) + 4 * x + 3];

  cairo_surface_destroy (surface);
  return alpha;
}

static void
test_export_background_and_scale (Fixture       *fixture,
                                  gconstpointer  data)
{
  EntImageOptions options;
  g_autofree char *solid = NULL;
  g_autofree char *clear = NULL;
  g_autofree char *hidpi = NULL;
  cairo_surface_t *surface;

  ent_image_options_init (&options);
  options.width = 400;
  options.height = 300;
  solid = export (fixture, &options, "solid.png");
  options.transparent = TRUE;
  clear = export (fixture, &options, "clear.png");
  g_assert_cmpuint (alpha_at (solid, 2, 298), ==, 255);
  g_assert_cmpuint (alpha_at (clear, 2, 298), ==, 0);

  options.transparent = FALSE;
  options.scale = 2;
  hidpi = export (fixture, &options, "hidpi.png");
  surface = cairo_image_surface_create_from_png (hidpi);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 600);
  cairo_surface_destroy (surface);
}

/* "The current view" exports what a zoomed view shows, not the whole map. */
static void
test_export_current_view (Fixture       *fixture,
                          gconstpointer  data)
{
  EntImageOptions options;
  EntView view;
  g_autofree char *whole = NULL;
  g_autofree char *zoomed = NULL;

  ent_image_options_init (&options);
  options.width = 600;
  options.height = 400;
  options.legend = FALSE;
  whole = export (fixture, &options, "whole.png");

  ent_view_init (&view, 600, 400);
  ent_view_fit (&view, fixture->xy, ent_world_get_n_actors (fixture->world), 40);
  ent_view_zoom_at (&view, 300, 200, 4);
  options.view = &view;
  zoomed = export (fixture, &options, "zoomed.png");
  g_assert_cmpfloat (png_difference (whole, zoomed), >, 0.01);
}

static void
test_export_bad_options (Fixture       *fixture,
                         gconstpointer  data)
{
  EntImageOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "huge.png", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no", "such", "dir.png", NULL);
  EntImageFormat format;

  ent_image_options_init (&options);
  options.width = 100000;
  g_assert_false (ent_image_export (fixture->painter, fixture->world, ENT_DATE_NONE, fixture->xy,
                                    &options, path, &error));
  g_assert_error (error, ENT_EXPORT_ERROR, ENT_EXPORT_ERROR_INVALID_SIZE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  options.width = 100;
  g_assert_false (ent_image_export (fixture->painter, fixture->world, ENT_DATE_NONE, fixture->xy,
                                    &options, missing, &error));
  g_assert_error (error, ENT_EXPORT_ERROR, ENT_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "dir.png"));

  g_assert_true (ent_image_format_for_path ("A.SVG", &format));
  g_assert_cmpint (format, ==, ENT_IMAGE_SVG);
  g_assert_false (ent_image_format_for_path ("map.gif", &format));
}

/* ---- The command line, with no display -------------------------------- */

static int
run_cli_full (const char * const *args,
              char              **out,
              char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "DISPLAY");
  g_autoptr(GError) error = NULL;
  int status = 0;

  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  g_ptr_array_add (argv, (gpointer) g_getenv ("ENTENTE_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static int
run_cli (const char * const *args,
         char              **err)
{
  return run_cli_full (args, NULL, err);
}

static void
test_export_command_line (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *input = dataset_path ();
  g_autofree char *png = g_build_filename (fixture->dir, "cli.png", NULL);
  g_autofree char *svg = g_build_filename (fixture->dir, "cli.svg", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "cli.pdf", NULL);
  g_autofree char *doc = g_build_filename (fixture->dir, "cli.entente.json", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GFile) doc_file = g_file_new_for_path (doc);
  g_autoptr(EntWorld) saved = NULL;
  cairo_surface_t *surface;

  g_assert_cmpint (run_cli ((const char *[]) { "--export", png, "--width", "640", "--height", "480", input, NULL }, &err), ==, 0);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 480);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (count_ink (png), >, 2000);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--export", svg, input, NULL }, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--export", pdf, "--date", "2025-11-02", input, NULL }, &err), ==, 0);
  g_clear_pointer (&err, g_free);

  /* The world with its converged positions. */
  g_assert_cmpint (run_cli ((const char *[]) { "--export", doc, input, NULL }, &err), ==, 0);
  saved = ent_native_load_file (doc_file, NULL, NULL);
  g_assert_nonnull (saved);
  g_assert_cmpuint (ent_world_get_n_actors (saved), ==, ent_world_get_n_actors (fixture->world));
  for (guint i = 0; i < ent_world_get_n_actors (saved); i++)
    g_assert_true (ent_world_get_actor (saved, i)->has_position);
  g_clear_pointer (&err, g_free);

  /* Errors: non-zero, and one line that names the problem. */
  g_assert_cmpint (run_cli ((const char *[]) { "--export", png, "/nonexistent/map.entente.json", NULL }, &err), !=, 0);
  g_assert_true (g_str_has_prefix (err, "entente: "));
  g_assert_nonnull (strstr (err, "/nonexistent/map.entente.json"));
  g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--export", "out.gif", input, NULL }, &err), !=, 0);
  g_assert_nonnull (strstr (err, "out.gif"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--export", png, "--date", "2025-02-30", input, NULL }, &err), !=, 0);
  g_assert_nonnull (strstr (err, "2025-02-30"));
}

/* --stats prints the analysis, as text or as JSON, with no display. */
static void
test_export_stats (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *input = dataset_path ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *counts;

  g_assert_cmpint (run_cli_full ((const char *[]) { "--stats", "--json", "--date", "2025-11-02", input, NULL },
                                 &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  counts = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "actors"), ==, ent_world_get_n_actors (fixture->world));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli_full ((const char *[]) { "--stats", input, NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "South Korea"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli_full ((const char *[]) { "--stats", "/nonexistent.entente.json", NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "/nonexistent.entente.json"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/export/svg-matches-png", test_export_svg_matches_png);
  ADD ("/export/svg-streamed", test_export_svg_streamed);
  ADD ("/export/svg-streamed-hairball", test_export_svg_streamed_hairball);
  ADD ("/export/pdf-renders", test_export_pdf_renders);
  ADD ("/export/background-and-scale", test_export_background_and_scale);
  ADD ("/export/current-view", test_export_current_view);
  ADD ("/export/bad-options", test_export_bad_options);
  ADD ("/export/command-line", test_export_command_line);
  ADD ("/export/stats", test_export_stats);
#undef ADD

  return g_test_run ();
}
