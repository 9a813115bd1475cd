/* test-canvas.c: the live map in a real window, driven by a real pointer
 *
 * The pointer is moved by xdotool on the X server the suite runs under
 * (Xvfb), so the events go through GTK's gestures like a person's would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ent-application.h"
#include "ent-window-private.h"

static void
wait_until (gboolean   (*done) (gpointer),
            gpointer     data,
            const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
run_for (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
has_actors (gpointer data)
{
  return ent_world_get_n_actors (ent_window_get_world (data)) > 0;
}

static gboolean
is_settled (gpointer data)
{
  return !ent_canvas_is_animating (data);
}

/* Runs a command while the main loop keeps the window alive. */
static void
run_command (const char * const *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  while (g_subprocess_get_identifier (process) != NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s did not finish", argv[0]);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_true (g_subprocess_get_successful (process));
}

typedef struct
{
  EntWindow *window;
  EntCanvas *canvas;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) dataset = ent_application_get_default_dataset ();

  fixture->window = g_object_ref_sink (ent_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  fixture->canvas = ent_window_get_canvas (fixture->window);
  ent_window_open (fixture->window, dataset);
  wait_until (has_actors, fixture->window, "the dataset to load");
  wait_until (is_settled, fixture->canvas, "the map to settle");
  /* Let the last frame reach the X server. */
  run_for (300);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
}

/* The screen position of a point of the canvas. With no window manager the
 * toplevel sits where X put it; ask X. */
static void
canvas_to_screen (Fixture *fixture,
                  double   x,
                  double   y,
                  int     *sx,
                  int     *sy)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (fixture->canvas));
  GdkSurface *surface = gtk_native_get_surface (native);
  double wx, wy, nx, ny;
  Window child;
  int rx, ry;

  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (fixture->canvas), GTK_WIDGET (native),
                                                   x, y, &wx, &wy));
  gtk_native_get_surface_transform (native, &nx, &ny);
  XTranslateCoordinates (gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface)),
                         gdk_x11_surface_get_xid (surface),
                         gdk_x11_display_get_xrootwindow (gdk_surface_get_display (surface)),
                         0, 0, &rx, &ry, &child);
  *sx = rx + (int) round (wx + nx);
  *sy = ry + (int) round (wy + ny);
}

static void
actor_view_position (Fixture *fixture,
                     guint    actor,
                     double  *px,
                     double  *py)
{
  const double *xy = ent_canvas_get_positions (fixture->canvas, NULL);

  ent_view_from_map (ent_canvas_get_view (fixture->canvas), xy[2 * actor], xy[2 * actor + 1], px, py);
}

/* Once settled the canvas does no work at all: no frame callback, no tick. */
static void
test_canvas_idle_when_settled (Fixture       *fixture,
                               gconstpointer  data)
{
  guint64 ticks = ent_canvas_get_ticks (fixture->canvas);
  guint64 layout_ticks = ent_layout_get_tick_count (ent_canvas_get_layout (fixture->canvas));

  g_assert_cmpuint (ticks, >, 0);
  g_assert_true (ent_layout_is_settled (ent_canvas_get_layout (fixture->canvas)));
  run_for (1000);
  g_assert_false (ent_canvas_is_animating (fixture->canvas));
  g_assert_cmpuint (ent_canvas_get_ticks (fixture->canvas), ==, ticks);
  g_assert_cmpuint (ent_layout_get_tick_count (ent_canvas_get_layout (fixture->canvas)), ==, layout_ticks);
}

/* A screenshot of the whole screen, as cairo's ARGB32 in memory (B, G,
 * R, A), @width * 4 bytes a row. */
static guchar *
take_screenshot (int *width,
                 int *height)
{
  g_autofree char *dir = g_dir_make_tmp ("entente-canvas-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "screen.png", NULL);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  guchar *pixels;

  run_command ((const char *[]) { "import", "-window", "root", path, NULL });
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  *width = gdk_texture_get_width (texture);
  *height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) *width * 4 * *height);
  gdk_texture_download (texture, pixels, (gsize) *width * 4);
  g_remove (path);
  g_rmdir (dir);
  return pixels;
}

/* The window shows a map: a screenshot of the canvas has many colours. */
static void
test_canvas_not_blank (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autofree guchar *pixels = NULL;
  int x0, y0, x1, y1, width, height, stride;
  guint red_pixels = 0;

  pixels = take_screenshot (&width, &height);
  stride = width * 4;

  canvas_to_screen (fixture, 0, 0, &x0, &y0);
  canvas_to_screen (fixture, gtk_widget_get_width (GTK_WIDGET (fixture->canvas)),
                    gtk_widget_get_height (GTK_WIDGET (fixture->canvas)), &x1, &y1);
  g_assert_cmpint (x1 - x0, >, 200);
  for (int y = MAX (y0, 0); y < MIN (y1, height); y += 2)
    for (int x = MAX (x0, 0); x < MIN (x1, width); x += 2)
      {
        guint32 pixel = *(guint32 *) (pixels + y * stride + x * 4);
        guchar *p = pixels + y * stride + x * 4;

        g_hash_table_add (colours, GUINT_TO_POINTER (pixel));
        /* Cairo's ARGB32 in memory: B, G, R, A. Strong reds are the
         * China–Russia–North Korea bloc and the rivalries. */
        if (p[2] > 180 && p[1] < 90 && p[0] < 90)
          red_pixels++;
      }
  g_test_message ("%u colours, %u red pixels in the canvas", g_hash_table_size (colours), red_pixels);
  g_assert_cmpuint (g_hash_table_size (colours), >, 50);
  g_assert_cmpuint (red_pixels, >, 20);
}

/* How many of the canvas's pixels on @screen differ from @frame, which
 * the painter drew for it. */
static guint64
pixels_off_frame (Fixture         *fixture,
                  const guchar    *screen,
                  int              screen_width,
                  int              screen_height,
                  cairo_surface_t *frame,
                  double          *mean)
{
  int width = cairo_image_surface_get_width (frame), height = cairo_image_surface_get_height (frame);
  int stride = screen_width * 4, frame_stride = cairo_image_surface_get_stride (frame);
  const guchar *frame_pixels = cairo_image_surface_get_data (frame);
  guint64 total = 0, differ = 0;
  int x0, y0;

  canvas_to_screen (fixture, 0, 0, &x0, &y0);
  g_assert_cmpint (x0, >=, 0);
  g_assert_cmpint (y0, >=, 0);
  g_assert_cmpint (x0 + width, <=, screen_width);
  g_assert_cmpint (y0 + height, <=, screen_height);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *s = screen + (gsize) (y0 + y) * stride + (gsize) (x0 + x) * 4;
        const guchar *f = frame_pixels + (gsize) y * frame_stride + (gsize) x * 4;
        guint d = MAX (MAX (ABS (s[0] - f[0]), ABS (s[1] - f[1])), ABS (s[2] - f[2]));

        total += d;
        differ += d > 2;
      }
  *mean = (double) total / ((double) width * height);
  return differ;
}

/* What reaches the screen is the painter's frame, pixel for pixel: the
 * frame goes to GTK's renderer without being resampled or shifted. In
 * case the last frame of the settling map reaches the X server late on a
 * loaded machine, a few more tries follow, half a second apart; a frame
 * that is shifted or scaled never matches. */
static void
test_canvas_screen_is_the_frame (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->canvas);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  guint64 differ = G_MAXUINT64;
  cairo_surface_t *frame;
  double mean = 0.0;
  cairo_t *cr;

  g_assert_cmpint (gtk_widget_get_scale_factor (widget), ==, 1);
  /* The pointer where an earlier test left it could rest on a tie and
   * bring up its tooltip over the map: out of the window with it (the
   * screen's far corner). */
  run_command ((const char *[]) { "xdotool", "mousemove", "--sync", "10000", "10000", NULL });
  run_for (300);
  frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  for (int attempt = 1; attempt <= 10 && differ >= (guint64) width * height / 1000; attempt++)
    {
      g_autofree guchar *pixels = NULL;
      int screen_width, screen_height;

      if (attempt > 1)
        run_for (500);
      pixels = take_screenshot (&screen_width, &screen_height);
      cr = cairo_create (frame);
      ent_painter_draw (ent_canvas_get_painter (fixture->canvas), cr, ent_window_get_world (fixture->window),
                        ent_canvas_get_date (fixture->canvas), ent_canvas_get_positions (fixture->canvas, NULL),
                        ent_canvas_get_view (fixture->canvas));
      cairo_destroy (cr);
      cairo_surface_flush (frame);
      differ = pixels_off_frame (fixture, pixels, screen_width, screen_height, frame, &mean);
      g_test_message ("try %d: %" G_GUINT64_FORMAT " of %d pixels differ, mean difference %.4f levels",
                      attempt, differ, width * height, mean);
    }
  g_assert_cmpuint (differ, <, (guint64) width * height / 1000);
  cairo_surface_destroy (frame);
}

/* Dragging an actor moves it there, pins it, and records the move. */
static void
test_canvas_drag_moves_actor (Fixture       *fixture,
                              gconstpointer  data)
{
  EntWorld *world = ent_window_get_world (fixture->window);
  guint actor = (guint) ent_world_get_actor_index (world, "JPN");
  double px, py, mx0, my0, mx1, my1;
  int sx, sy;
  g_autofree char *from_x = NULL, *from_y = NULL, *to_x = NULL, *to_y = NULL;
  const double *xy;

  actor_view_position (fixture, actor, &px, &py);
  xy = ent_canvas_get_positions (fixture->canvas, NULL);
  mx0 = xy[2 * actor];
  my0 = xy[2 * actor + 1];
  canvas_to_screen (fixture, px, py, &sx, &sy);
  from_x = g_strdup_printf ("%d", sx);
  from_y = g_strdup_printf ("%d", sy);
  to_x = g_strdup_printf ("%d", sx + 40);
  to_y = g_strdup_printf ("%d", sy + 25);
  run_command ((const char *[]) { "xdotool", "mousemove", "--sync", from_x, from_y, "mousedown", "1",
                                  "mousemove", "--sync", to_x, from_y,
                                  "mousemove", "--sync", to_x, to_y, NULL });
  run_for (200);
  run_command ((const char *[]) { "xdotool", "mouseup", "1", NULL });
  run_for (200);

  xy = ent_canvas_get_positions (fixture->canvas, NULL);
  mx1 = xy[2 * actor];
  my1 = xy[2 * actor + 1];
  g_test_message ("moved from (%.1f, %.1f) to (%.1f, %.1f)", mx0, my0, mx1, my1);
  /* Pinned where the pointer let go: 40 and 25 view pixels away. */
  g_assert_cmpfloat (fabs ((mx1 - mx0) * ent_canvas_get_view (fixture->canvas)->zoom - 40), <, 3);
  g_assert_cmpfloat (fabs ((my1 - my0) * ent_canvas_get_view (fixture->canvas)->zoom - 25), <, 3);
  g_assert_true (ent_world_get_actor (world, actor)->pinned);
  g_assert_cmpfloat (fabs (ent_world_get_actor (world, actor)->x - mx1), <, 1e-6);
  g_assert_cmpint (ent_canvas_get_selected (fixture->canvas), ==, (int) actor);
}

/* The wheel zooms around the pointer. */
static void
test_canvas_scroll_zooms (Fixture       *fixture,
                          gconstpointer  data)
{
  const EntView *view = ent_canvas_get_view (fixture->canvas);
  double zoom = view->zoom;
  double mx, my, after_x, after_y;
  int sx, sy;
  g_autofree char *x = NULL, *y = NULL;
  double px = gtk_widget_get_width (GTK_WIDGET (fixture->canvas)) * 0.3;
  double py = gtk_widget_get_height (GTK_WIDGET (fixture->canvas)) * 0.6;

  ent_view_to_map (view, px, py, &mx, &my);
  canvas_to_screen (fixture, px, py, &sx, &sy);
  x = g_strdup_printf ("%d", sx);
  y = g_strdup_printf ("%d", sy);
  /* Button 4 is the wheel turned away from the user: zoom in. */
  run_command ((const char *[]) { "xdotool", "mousemove", "--sync", x, y, "click", "4", "click", "4", NULL });
  run_for (200);

  g_test_message ("zoom %.3f -> %.3f", zoom, view->zoom);
  g_assert_cmpfloat (view->zoom, >, zoom * 1.2);
  /* The map point under the pointer stayed there. */
  ent_view_to_map (view, px, py, &after_x, &after_y);
  g_assert_cmpfloat (fabs (after_x - mx), <, 1.0);
  g_assert_cmpfloat (fabs (after_y - my), <, 1.0);
}

/* Tab walks the actors; the keyboard zooms and fits. */
static void
test_canvas_keyboard (Fixture       *fixture,
                      gconstpointer  data)
{
  const EntView *view = ent_canvas_get_view (fixture->canvas);
  double zoom;

  gtk_widget_grab_focus (GTK_WIDGET (fixture->canvas));
  run_for (100);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (fixture->canvas)));
  g_assert_cmpint (ent_canvas_get_selected (fixture->canvas), ==, -1);
  run_command ((const char *[]) { "xdotool", "key", "Tab", NULL });
  run_for (100);
  g_assert_cmpint (ent_canvas_get_selected (fixture->canvas), ==, 0);
  run_command ((const char *[]) { "xdotool", "key", "Tab", NULL });
  run_for (100);
  g_assert_cmpint (ent_canvas_get_selected (fixture->canvas), ==, 1);
  run_command ((const char *[]) { "xdotool", "key", "shift+Tab", NULL });
  run_for (100);
  g_assert_cmpint (ent_canvas_get_selected (fixture->canvas), ==, 0);

  zoom = view->zoom;
  run_command ((const char *[]) { "xdotool", "key", "plus", NULL });
  run_for (100);
  g_assert_cmpfloat (view->zoom, >, zoom);
  run_command ((const char *[]) { "xdotool", "key", "0", NULL });
  run_for (100);
  g_assert_cmpfloat (fabs (view->zoom - zoom), <, 1e-6);
}

int
main (int   argc,
      char *argv[])
{
  gdk_set_allowed_backends ("x11");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/canvas/idle-when-settled", Fixture, NULL, fixture_set_up, test_canvas_idle_when_settled, fixture_tear_down);
  g_test_add ("/canvas/not-blank", Fixture, NULL, fixture_set_up, test_canvas_not_blank, fixture_tear_down);
  g_test_add ("/canvas/screen-is-the-frame", Fixture, NULL, fixture_set_up, test_canvas_screen_is_the_frame,
              fixture_tear_down);
  g_test_add ("/canvas/drag-moves-actor", Fixture, NULL, fixture_set_up, test_canvas_drag_moves_actor, fixture_tear_down);
  g_test_add ("/canvas/scroll-zooms", Fixture, NULL, fixture_set_up, test_canvas_scroll_zooms, fixture_tear_down);
  g_test_add ("/canvas/keyboard", Fixture, NULL, fixture_set_up, test_canvas_keyboard, fixture_tear_down);

  return g_test_run ();
}
