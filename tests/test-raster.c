/* test-raster.c: the tie rasteriser's bands and threads change no pixel
 *
 * Butt-ended strokes and disc images are queued and blended band by band,
 * by one thread or several; strokes with round caps go through the
 * coverage mask at once. Whatever the mode, every pixel must take the same
 * strokes and images in the same order as when each is drawn as it comes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <glib.h>

#include "ent-raster.h"

#define WIDTH  1200
#define HEIGHT 700

typedef struct
{
  double  xy[12];
  guint   n_points;
  double  width;
  gboolean round_caps;
  double  dashes[4];
  guint   n_dashes;
  double  dash_offset;
  EntRgba color;
  double  alpha;
  guint32 image_seed;   /* not 0: a disc image at xy[0], xy[1] instead */
} Stroke;

static cairo_surface_t *make_sprite (GRand *rand);
static guint8 channel (cairo_surface_t *image, int x, int y, int shift);

/* Strokes of every kind the painter draws, and some it never does:
 * crossing every band edge, leaving the surface, overlapping each other
 * in translucent colours, round caps among butt ones. */
static GArray *
make_strokes (guint   n,
              guint32 seed)
{
  GArray *strokes = g_array_new (FALSE, TRUE, sizeof (Stroke));
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < n; i++)
    {
      Stroke s = { 0 };
      double x = g_rand_double_range (rand, -100, WIDTH + 100);
      double y = g_rand_double_range (rand, -100, HEIGHT + 100);

      s.n_points = (guint) g_rand_int_range (rand, 1, 7);
      for (guint k = 0; k < s.n_points; k++)
        {
          s.xy[2 * k] = x;
          s.xy[2 * k + 1] = y;
          x += g_rand_double_range (rand, -250, 250);
          y += g_rand_double_range (rand, -250, 250);
        }
      s.width = g_rand_double_range (rand, 0.3, 9.0);
      s.round_caps = g_rand_int_range (rand, 0, 6) == 0;
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          s.n_dashes = 2;
          s.dashes[0] = g_rand_double_range (rand, 0.5, 12);
          s.dashes[1] = g_rand_double_range (rand, 0.5, 6);
          s.dash_offset = g_rand_double_range (rand, 0, 10);
          break;
        case 1:
          s.n_dashes = 4;
          s.dashes[0] = 9;
          s.dashes[1] = 3;
          s.dashes[2] = 1.5;
          s.dashes[3] = 3;
          break;
        default:
          break;
        }
      s.color.red = g_rand_double (rand);
      s.color.green = g_rand_double (rand);
      s.color.blue = g_rand_double (rand);
      s.color.alpha = g_rand_int_range (rand, 0, 3) == 0 ? 1.0 : g_rand_double_range (rand, 0.2, 1.0);
      s.alpha = g_rand_int_range (rand, 0, 3) == 0 ? g_rand_double_range (rand, 0.1, 1.0) : 1.0;
      /* Disc images among the ties, as the painter queues them. */
      if (g_rand_int_range (rand, 0, 6) == 0)
        s.image_seed = g_rand_int_range (rand, 1, G_MAXINT32);
      g_array_append_val (strokes, s);
    }
  return strokes;
}

static gboolean use_vectors = FALSE;

/* The strokes on a fresh surface, the rasteriser set as asked (and its
 * rows eight pixels at a time if use_vectors). */
static cairo_surface_t *
draw_strokes (GArray        *strokes,
              gboolean       banded,
              guint          n_threads,
              cairo_format_t format,
              double         scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (format, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  EntRaster *raster = ent_raster_new ();

  cairo_set_source_rgb (cr, 0.95, 0.97, 1.0);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  ent_raster_set_banded (raster, banded, n_threads);
  ent_raster_set_vectors (raster, use_vectors);
  g_assert_true (ent_raster_begin (raster, cr));
  for (guint i = 0; i < strokes->len; i++)
    {
      const Stroke *s = &g_array_index (strokes, Stroke, i);

      if (s->image_seed != 0)
        {
          g_autoptr(GRand) rand = g_rand_new_with_seed (s->image_seed);
          cairo_surface_t *sprite = make_sprite (rand);

          g_assert_true (ent_raster_blit (raster, sprite, (int) floor (s->xy[0]), (int) floor (s->xy[1])));
          /* Dropped at once: a queued image is held until it is copied. */
          cairo_surface_destroy (sprite);
          continue;
        }
      ent_raster_stroke (raster, s->xy, s->n_points, s->width, s->round_caps,
                         s->dashes, s->n_dashes, s->dash_offset, &s->color, s->alpha);
    }
  ent_raster_end (raster);
  ent_raster_free (raster);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* How many pixels differ, and the first of them. */
static guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b,
                   int             *first_x,
                   int             *first_y)
{
  const guint8 *pa = cairo_image_surface_get_data (a);
  const guint8 *pb = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  guint count = 0;

  *first_x = *first_y = -1;
  for (int y = 0; y < HEIGHT; y++)
    {
      const guint32 *ra = (const guint32 *) (gconstpointer) (pa + (gsize) y * stride);
      const guint32 *rb = (const guint32 *) (gconstpointer) (pb + (gsize) y * stride);

      for (int x = 0; x < WIDTH; x++)
        if (ra[x] != rb[x])
          {
            if (count++ == 0)
              {
                *first_x = x;
                *first_y = y;
              }
          }
    }
  return count;
}

static guint
count_inked (cairo_surface_t *surface)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 background = ((const guint32 *) (gconstpointer) data)[0];
  guint count = 0;

  /* The corner may be inked; the most common pixel is the background. */
  for (int y = 0; y < HEIGHT; y += 7)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);

      for (int x = 0; x < WIDTH; x++)
        count += row[x] != background;
    }
  return count;
}

static void
assert_same_pixels (GArray        *strokes,
                    cairo_format_t format,
                    double         scale)
{
  cairo_surface_t *reference = draw_strokes (strokes, FALSE, 1, format, scale);
  const struct { gboolean banded; guint threads; } modes[] = {
    { TRUE, 1 }, { TRUE, 2 }, { TRUE, 3 }, { TRUE, 4 }, { FALSE, 4 },
  };

  /* The strokes must really have drawn something to compare. */
  g_assert_cmpuint (count_inked (reference), >, WIDTH * HEIGHT / 7 / 20);
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      cairo_surface_t *surface = draw_strokes (strokes, modes[m].banded, modes[m].threads, format, scale);
      int x, y;
      guint n = count_differences (reference, surface, &x, &y);

      if (n != 0)
        g_test_message ("banded %d, %u threads: %u pixels differ, the first at %d,%d",
                        modes[m].banded, modes[m].threads, n, x, y);
      g_assert_cmpuint (n, ==, 0);
      cairo_surface_destroy (surface);
    }
  cairo_surface_destroy (reference);
}

static void
test_bands_change_nothing (void)
{
  g_autoptr(GArray) strokes = make_strokes (600, 7);

  /* The scalar rows, then the rows eight pixels at a time. */
  for (guint v = 0; v < 2; v++)
    {
      use_vectors = v == 1;
      assert_same_pixels (strokes, CAIRO_FORMAT_ARGB32, 1.0);
      assert_same_pixels (strokes, CAIRO_FORMAT_RGB24, 1.0);
      assert_same_pixels (strokes, CAIRO_FORMAT_ARGB32, 2.0);
    }
  use_vectors = FALSE;
}

/* Whether this processor draws rows eight pixels at a time (AVX2). */
static gboolean
have_vector_rows (void)
{
  EntRaster *probe = ent_raster_new ();
  gboolean available = ent_raster_set_vectors (probe, TRUE);

  ent_raster_free (probe);
  return available;
}

/* The rows eight pixels at a time (single precision) against the scalar
 * rows (double): no channel of any pixel more than a level apart, few
 * pixels apart at all, with the bands and threads as they come. */
static void
test_vectors_match_scalar (void)
{
  g_autoptr(GArray) strokes = make_strokes (600, 17);
  const double scales[] = { 1.0, 2.0 };

  if (!have_vector_rows ())
    {
      g_test_skip ("this processor has no AVX2: the rows are all scalar");
      return;
    }
  for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
    for (guint threads = 1; threads <= 2; threads++)
      {
        cairo_surface_t *scalar, *vectors;
        const guint8 *pa, *pb;
        int stride;
        guint differ = 0, worst = 0, inked;

        use_vectors = FALSE;
        scalar = draw_strokes (strokes, TRUE, threads, CAIRO_FORMAT_ARGB32, scales[k]);
        use_vectors = TRUE;
        vectors = draw_strokes (strokes, TRUE, threads, CAIRO_FORMAT_ARGB32, scales[k]);
        use_vectors = FALSE;
        pa = cairo_image_surface_get_data (scalar);
        pb = cairo_image_surface_get_data (vectors);
        stride = cairo_image_surface_get_stride (scalar);
        for (int y = 0; y < HEIGHT; y++)
          for (int x = 0; x < WIDTH * 4; x++)
            {
              guint a = pa[(gsize) y * stride + x], b = pb[(gsize) y * stride + x];
              guint gap = a > b ? a - b : b - a;

              worst = MAX (worst, gap);
              differ += gap != 0 && x % 4 == 0;
            }
        inked = count_inked (scalar) * 7;
        g_test_message ("scale %g, %u threads: %u pixels differ (of about %u inked), by at most %u",
                        scales[k], threads, differ, inked, worst);
        g_assert_cmpuint (inked, >, WIDTH * HEIGHT / 20);
        g_assert_cmpuint (worst, <=, 1);
        g_assert_cmpuint (differ, <, inked / 100);
        cairo_surface_destroy (scalar);
        cairo_surface_destroy (vectors);
      }
}

/* More segments than the queue holds: it is blended in turns, in order. */
static void
test_full_queue (void)
{
  g_autoptr(GArray) strokes = make_strokes (4000, 11);

  for (guint i = 0; i < strokes->len; i++)
    {
      Stroke *s = &g_array_index (strokes, Stroke, i);

      /* Short dashes: many segments per stroke, all queued. */
      s->round_caps = i % 50 == 0;
      s->n_dashes = 2;
      s->dashes[0] = 2.0;
      s->dashes[1] = 1.5;
    }
  assert_same_pixels (strokes, CAIRO_FORMAT_ARGB32, 1.0);
}

/* Queued strokes are on the surface once the rasteriser ends, and a
 * stroke with round caps lands over what was queued before it. */
static void
test_order_with_round_caps (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 100);
  cairo_t *cr = cairo_create (surface);
  EntRaster *raster = ent_raster_new ();
  const double line[] = { 10, 50, 190, 50 };
  const EntRgba red = { 1, 0, 0, 1 }, blue = { 0, 0, 1, 1 };
  const guint32 *row;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  ent_raster_set_banded (raster, TRUE, 2);
  g_assert_true (ent_raster_begin (raster, cr));
  ent_raster_stroke (raster, line, 2, 8.0, FALSE, NULL, 0, 0.0, &red, 1.0);
  ent_raster_stroke (raster, line, 2, 4.0, TRUE, NULL, 0, 0.0, &blue, 1.0);
  ent_raster_end (raster);
  cairo_surface_flush (surface);
  row = (const guint32 *) (gconstpointer) (cairo_image_surface_get_data (surface) +
                                           (gsize) 50 * cairo_image_surface_get_stride (surface));
  /* Blue in the middle, over the red; red at the rim, where the blue
   * does not reach. */
  g_assert_cmphex (row[100], ==, 0xff0000ffu);
  row = (const guint32 *) (gconstpointer) (cairo_image_surface_get_data (surface) +
                                           (gsize) 47 * cairo_image_surface_get_stride (surface));
  g_assert_cmphex (row[100], ==, 0xffff0000u);

  ent_raster_free (raster);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A colour at partial coverage blends with one rounding per channel:
 * with s premultiplied and ca = a c / 255 rounded, each channel is the
 * nearest integer to (s c + d (255 - ca)) / 255, for every coverage a
 * one pixel wide line gives its rows; for an opaque colour ca is c. */
static void
test_blend_rounding (gconstpointer data)
{
  double alpha = *(const double *) data;
  const guint8 background[3] = { 0xf3, 0x40, 0x0c };
  const EntRgba color = { 0x1c / 255.0, 0.9, 0xd7 / 255.0, alpha };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 120, 220);
  cairo_t *cr = cairo_create (surface);
  EntRaster *raster = ent_raster_new ();
  guint8 ink[3];
  guint a = (guint) (alpha * 255.0 + 0.5), checked = 0;
  double ys[48];

  ink[0] = (guint8) (color.red * alpha * 255.0 + 0.5);
  ink[1] = (guint8) (color.green * alpha * 255.0 + 0.5);
  ink[2] = (guint8) (color.blue * alpha * 255.0 + 0.5);
  cairo_set_source_rgb (cr, background[0] / 255.0, background[1] / 255.0, background[2] / 255.0);
  cairo_paint (cr);
  g_assert_true (ent_raster_begin (raster, cr));
  for (guint k = 0; k < G_N_ELEMENTS (ys); k++)
    {
      double line[4];

      ys[k] = 3 + 4.5 * k + k / 48.0 + 0.01;
      line[0] = 10;
      line[1] = ys[k];
      line[2] = 110;
      line[3] = ys[k];
      ent_raster_stroke (raster, line, 2, 1.0, FALSE, NULL, 0, 0.0, &color, 1.0);
    }
  ent_raster_end (raster);
  cairo_surface_flush (surface);

  for (guint k = 0; k < G_N_ELEMENTS (ys); k++)
    for (int row = (int) floor (ys[k]) - 1; row <= (int) floor (ys[k]) + 1; row++)
      {
        guint32 pixel = ((const guint32 *) (gconstpointer) (cairo_image_surface_get_data (surface) +
                                                            (gsize) row * cairo_image_surface_get_stride (surface)))[60];
        guint8 got[3] = { pixel >> 16 & 0xff, pixel >> 8 & 0xff, pixel & 0xff };
        /* The coverage of the row by the line, as the rasteriser finds it. */
        double d = fabs (row + 0.5 - ys[k]);
        double cover = MIN (d + 0.5, 0.5) - MAX (d - 0.5, -0.5);
        int c = cover > 0 ? (int) (MIN (cover, 1.0) * 255.0 + 0.5) : 0;
        int ca = (int) floor (a * c / 255.0 + 0.5);

        if (ca == 0)
          continue;
        for (int ch = 0; ch < 3; ch++)
          {
            int want = (int) floor ((ink[ch] * c + background[ch] * (255 - ca)) / 255.0 + 0.5);

            if (got[ch] != want)
              g_test_message ("row %d, coverage %d, channel %d: %d, not %d", row, c, ch, got[ch], want);
            g_assert_cmpint (got[ch], ==, want);
          }
        checked++;
      }
  g_assert_cmpuint (checked, >=, 60);

  ent_raster_free (raster);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A disc image drawn by cairo, translucent in places. */
static cairo_surface_t *
make_sprite (GRand *rand)
{
  int size = g_rand_int_range (rand, 3, 40);
  cairo_surface_t *sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (sprite);

  cairo_arc (cr, size / 2.0 + g_rand_double_range (rand, -0.5, 0.5), size / 2.0,
             g_rand_double_range (rand, 1, size / 2.0), 0, 2 * G_PI);
  cairo_set_source_rgba (cr, g_rand_double (rand), g_rand_double (rand), g_rand_double (rand),
                         g_rand_int_range (rand, 0, 2) ? 1.0 : g_rand_double (rand));
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, g_rand_double (rand));
  cairo_set_line_width (cr, 1.25);
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_flush (sprite);
  return sprite;
}

/* Copying disc images into the pixels gives what cairo's paint gives,
 * to the bit, at any whole-pixel offset, past the edges and the clip: one
 * pixel at a time, and eight at a time where the processor can. */
static void
test_blit_matches_cairo (void)
{
  const cairo_format_t formats[] = { CAIRO_FORMAT_ARGB32, CAIRO_FORMAT_RGB24 };

  for (guint f = 0; f < 2 * G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (5);
      gboolean vectors = f >= G_N_ELEMENTS (formats);
      cairo_format_t format = formats[f % G_N_ELEMENTS (formats)];
      cairo_surface_t *ours = cairo_image_surface_create (format, 300, 200);
      cairo_surface_t *theirs = cairo_image_surface_create (format, 300, 200);
      cairo_t *ours_cr = cairo_create (ours), *theirs_cr = cairo_create (theirs);
      EntRaster *raster = ent_raster_new ();
      guint copied = 0;
      int x, y;

      for (cairo_t **cr = (cairo_t *[]) { ours_cr, theirs_cr, NULL }; *cr != NULL; cr++)
        {
          /* A background with some transparency on ARGB32. */
          cairo_set_source_rgba (*cr, 0.2, 0.6, 0.9, 0.7);
          cairo_paint (*cr);
          cairo_rectangle (*cr, 20, 10, 250, 170);
          cairo_clip (*cr);
        }
      if (vectors && !ent_raster_set_vectors (raster, TRUE))
        {
          g_test_message ("no AVX2 here: the images are copied one pixel at a time only");
          ent_raster_free (raster);
          cairo_destroy (ours_cr);
          cairo_destroy (theirs_cr);
          cairo_surface_destroy (ours);
          cairo_surface_destroy (theirs);
          continue;
        }
      ent_raster_set_vectors (raster, vectors);
      g_assert_true (ent_raster_begin (raster, ours_cr));
      for (guint i = 0; i < 400; i++)
        {
          cairo_surface_t *sprite = make_sprite (rand);
          int sx = g_rand_int_range (rand, -30, 310), sy = g_rand_int_range (rand, -30, 210);

          copied += ent_raster_blit (raster, sprite, sx, sy);
          cairo_set_source_surface (theirs_cr, sprite, sx, sy);
          cairo_paint (theirs_cr);
          cairo_surface_destroy (sprite);
        }
      ent_raster_end (raster);
      cairo_surface_flush (ours);
      cairo_surface_flush (theirs);
      g_assert_cmpuint (copied, ==, 400);
      for (y = 0; y < 200; y++)
        for (x = 0; x < 300; x++)
          {
            guint32 a = ((const guint32 *) (gconstpointer) (cairo_image_surface_get_data (ours) +
                                                            (gsize) y * cairo_image_surface_get_stride (ours)))[x];
            guint32 b = ((const guint32 *) (gconstpointer) (cairo_image_surface_get_data (theirs) +
                                                            (gsize) y * cairo_image_surface_get_stride (theirs)))[x];

            if (format == CAIRO_FORMAT_RGB24)
              {
                a &= 0x00ffffffu;
                b &= 0x00ffffffu;
              }
            if (a != b)
              g_test_message ("format %d, vectors %d: pixel %d,%d is %08x, cairo's %08x", format, vectors, x, y, a, b);
            g_assert_cmphex (a, ==, b);
          }
      ent_raster_free (raster);
      cairo_destroy (ours_cr);
      cairo_destroy (theirs_cr);
      cairo_surface_destroy (ours);
      cairo_surface_destroy (theirs);
    }
}

/* A straight dashed stroke is covered dash by dash along the one line:
 * the same pixels as each dash stroked as a solid segment of its own,
 * laid out as cairo lays out dashes (the offset walks into a pattern
 * that starts with a dash). */
static void
dashes_as_segments (EntRaster   *raster,
                    const Stroke *s)
{
  double dx = s->xy[2] - s->xy[0], dy = s->xy[3] - s->xy[1], length = hypot (dx, dy);
  double period = 0.0, at;
  guint i = 0;

  for (guint k = 0; k < s->n_dashes; k++)
    period += s->dashes[k];
  at = -fmod (s->dash_offset, period);
  while (at < length)
    {
      double end = at + s->dashes[i];

      if (i % 2 == 0 && end > 0)
        {
          double a = MAX (at, 0.0) / length, b = MIN (end, length) / length;
          double piece[4] = { s->xy[0] + dx * a, s->xy[1] + dy * a, s->xy[0] + dx * b, s->xy[1] + dy * b };

          ent_raster_stroke (raster, piece, 2, s->width, FALSE, NULL, 0, 0.0, &s->color, s->alpha);
        }
      at = end;
      i = (i + 1) % s->n_dashes;
    }
}

/* Straight dashed strokes of every pattern the painter uses and more:
 * two and four dashes, dashes shorter than a pixel, gaps of a pixel or
 * more (nearer, they go through the mask). */
static GArray *
make_dashed_strokes (guint   n,
                     guint32 seed)
{
  GArray *strokes = g_array_new (FALSE, TRUE, sizeof (Stroke));
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < n; i++)
    {
      Stroke st = { 0 };

      st.n_points = 2;
      st.xy[0] = g_rand_double_range (rand, -80, WIDTH + 80);
      st.xy[1] = g_rand_double_range (rand, -80, HEIGHT + 80);
      st.xy[2] = st.xy[0] + g_rand_double_range (rand, -600, 600);
      st.xy[3] = st.xy[1] + g_rand_double_range (rand, -600, 600);
      st.width = g_rand_double_range (rand, 0.5, 6.0);
      if (g_rand_boolean (rand))
        {
          st.n_dashes = 2;
          st.dashes[0] = g_rand_double_range (rand, 0.0, 14.0);
          st.dashes[1] = g_rand_double_range (rand, 1.0, 8.0);
        }
      else
        {
          st.n_dashes = 4;
          st.dashes[0] = g_rand_double_range (rand, 2.0, 12.0);
          st.dashes[1] = g_rand_double_range (rand, 1.0, 5.0);
          st.dashes[2] = g_rand_double_range (rand, 0.5, 3.0);
          st.dashes[3] = st.dashes[1];
        }
      st.dash_offset = g_rand_double_range (rand, 0.0, 30.0);
      st.color = (EntRgba) { g_rand_double (rand), g_rand_double (rand), g_rand_double (rand),
                             g_rand_double_range (rand, 0.3, 1.0) };
      st.alpha = 1.0;
      g_array_append_val (strokes, st);
    }
  return strokes;
}

/* The dashed @strokes on a white surface: whole, or each dash a stroke. */
static cairo_surface_t *
draw_dashes (GArray   *strokes,
             gboolean  whole,
             gboolean  vectors)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  EntRaster *raster = ent_raster_new ();

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  ent_raster_set_vectors (raster, vectors);
  g_assert_true (ent_raster_begin (raster, cr));
  for (guint k = 0; k < strokes->len; k++)
    {
      const Stroke *st = &g_array_index (strokes, Stroke, k);

      if (whole)
        ent_raster_stroke (raster, st->xy, 2, st->width, FALSE, st->dashes, st->n_dashes,
                           st->dash_offset, &st->color, st->alpha);
      else
        dashes_as_segments (raster, st);
    }
  ent_raster_end (raster);
  ent_raster_free (raster);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* How many channels of @a and @b differ, and by how much at most. */
static guint64
channels_apart (cairo_surface_t *a,
                cairo_surface_t *b,
                int             *worst)
{
  guint64 differ = 0;

  *worst = 0;
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        const guint8 *p = cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a) + 4 * x;
        const guint8 *q = cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b) + 4 * x;

        for (int c = 0; c < 4; c++)
          if (p[c] != q[c])
            {
              differ++;
              *worst = MAX (*worst, ABS (p[c] - q[c]));
            }
      }
  return differ;
}

static void
test_dashes_as_stretches (void)
{
  g_autoptr(GArray) strokes = make_dashed_strokes (300, 7);

  for (int vectors = 0; vectors <= 1; vectors++)
    {
      cairo_surface_t *whole, *dashes;
      guint64 differ;
      int worst;

      if (vectors && !have_vector_rows ())
        {
          g_test_skip ("this processor has no AVX2: the scalar rows are checked, the vector rows cannot be");
          return;
        }
      whole = draw_dashes (strokes, TRUE, vectors);
      dashes = draw_dashes (strokes, FALSE, vectors);
      differ = channels_apart (whole, dashes, &worst);
      g_test_message ("%s rows: %" G_GUINT64_FORMAT " channels differ, by %d at most",
                      vectors ? "vector" : "scalar", differ, worst);
      /* In double precision, the same; in single precision, a pixel here
       * and there a level apart, as /raster/vectors-match-scalar allows. */
      if (!vectors)
        g_assert_cmpuint (differ, ==, 0);
      else
        {
          g_assert_cmpint (worst, <=, 1);
          g_assert_cmpuint (differ, <, WIDTH * HEIGHT / 1000);
        }
      cairo_surface_destroy (whole);
      cairo_surface_destroy (dashes);
    }
}

/* The halo of a label: each covered pixel of coverage a reaches the
 * pixels within the disc with r + a - |o| (scaled to 0-255), the largest
 * reach wins. The plain definition, pixel by pixel, to hold the fast one
 * to. */
static guint8 *
dilate_reference (const guint8 *in,
                  int           w,
                  int           h,
                  int           stride,
                  double        radius)
{
  int reach = (int) ceil (radius + 0.5);
  guint8 *out = g_malloc0 ((gsize) w * h);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        int a = in[y * stride + x];

        if (a == 0)
          continue;
        for (int oy = -reach; oy <= reach; oy++)
          for (int ox = -reach; ox <= reach; ox++)
            {
              int base = (int) floor ((radius - sqrt ((double) (ox * ox + oy * oy))) * 255.0 + 0.5);
              int v = a + base, tx = x + ox, ty = y + oy;

              if (base <= -255 || v <= 0 || tx < 0 || ty < 0 || tx >= w || ty >= h)
                continue;
              out[ty * w + tx] = (guint8) MAX (out[ty * w + tx], MIN (v, 255));
            }
      }
  return out;
}

static void
test_dilate_matches_reference (void)
{
  const double radii[] = { 0.5, 1.5, 2.25, 3.0, 6.0 };
  const int sizes[][2] = { { 1, 1 }, { 3, 2 }, { 17, 9 }, { 64, 20 }, { 131, 41 } };
  guint32 state = 42;

  for (guint r = 0; r < G_N_ELEMENTS (radii); r++)
    for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
      for (int density = 0; density < 3; density++)
        {
          int w = sizes[z][0], h = sizes[z][1];
          cairo_surface_t *src = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
          cairo_surface_t *dst = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
          int stride = cairo_image_surface_get_stride (src);
          guint8 *in = cairo_image_surface_get_data (src);
          g_autofree guint8 *expected = NULL;
          const guint8 *out;

          cairo_surface_flush (src);
          for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
              {
                state = state * 1664525u + 1013904223u;
                /* Few, some or most pixels covered; full, faint or partial. */
                if ((int) (state >> 24) % 4 <= density - 1 || (density == 0 && (state >> 20) % 17 == 0))
                  in[y * stride + x] = (guint8) ((state >> 8) % 3 == 0 ? 255 : 1 + (state >> 12) % 255);
                else
                  in[y * stride + x] = 0;
              }
          cairo_surface_mark_dirty (src);
          ent_raster_dilate (src, dst, radii[r]);
          cairo_surface_flush (dst);
          expected = dilate_reference (in, w, h, stride, radii[r]);
          out = cairo_image_surface_get_data (dst);
          for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
              if (out[y * cairo_image_surface_get_stride (dst) + x] != expected[y * w + x])
                g_error ("radius %g, %dx%d, density %d: pixel (%d, %d) is %u, not %u", radii[r], w, h,
                         density, x, y, out[y * cairo_image_surface_get_stride (dst) + x], expected[y * w + x]);
          cairo_surface_destroy (src);
          cairo_surface_destroy (dst);
        }
}

/* A closed outline with round joins (a hull's) goes through the coverage
 * mask, whose rows span the whole shape with nothing inside: every pixel
 * along it is blended as cairo strokes it, nothing inside is touched, and
 * the mask is left clear for the next stroke. */
static void
test_closed_outline (void)
{
  const EntRgba green = { 0.1, 0.6, 0.3, 0.8 };
  cairo_surface_t *ours = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cairo_surface_t *theirs = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cairo_t *ours_cr = cairo_create (ours), *theirs_cr = cairo_create (theirs);
  EntRaster *raster = ent_raster_new ();
  double ring[2 * 65];
  guint off = 0, far_off = 0, inside = 0;

  for (guint i = 0; i <= 64; i++)
    {
      ring[2 * i] = 200.3 + 150 * cos (2 * G_PI * (i % 64) / 64);
      ring[2 * i + 1] = 150.6 + 110 * sin (2 * G_PI * (i % 64) / 64);
    }
  for (cairo_t **cr = (cairo_t *[]) { ours_cr, theirs_cr, NULL }; *cr != NULL; cr++)
    {
      cairo_set_source_rgb (*cr, 0.95, 0.9, 0.85);
      cairo_paint (*cr);
    }
  g_assert_true (ent_raster_begin (raster, ours_cr));
  ent_raster_stroke (raster, ring, 65, 1.5, TRUE, NULL, 0, 0.0, &green, 1.0);
  /* The mask is clear again: a short stroke after it blends only itself. */
  ent_raster_stroke (raster, (const double[]) { 190, 150, 210, 150 }, 2, 2.0, TRUE, NULL, 0, 0.0, &green, 1.0);
  ent_raster_end (raster);

  cairo_set_source_rgba (theirs_cr, green.red, green.green, green.blue, green.alpha);
  cairo_set_line_width (theirs_cr, 1.5);
  cairo_set_line_cap (theirs_cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (theirs_cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i <= 64; i++)
    cairo_line_to (theirs_cr, ring[2 * i], ring[2 * i + 1]);
  cairo_close_path (theirs_cr);
  cairo_stroke (theirs_cr);
  cairo_set_line_width (theirs_cr, 2.0);
  cairo_move_to (theirs_cr, 190, 150);
  cairo_line_to (theirs_cr, 210, 150);
  cairo_stroke (theirs_cr);
  cairo_surface_flush (ours);
  cairo_surface_flush (theirs);

  for (int y = 0; y < 300; y++)
    for (int x = 0; x < 400; x++)
      {
        int worst = 0;

        for (int shift = 0; shift < 32; shift += 8)
          worst = MAX (worst, abs (channel (ours, x, y, shift) - channel (theirs, x, y, shift)));
        off += worst > 0;
        far_off += worst > 24;
        if (hypot ((x + 0.5 - 200.3) / 140, (y + 0.5 - 150.6) / 100) < 1 && fabs (y + 0.5 - 150) > 3)
          {
            inside++;
            g_assert_cmphex (((const guint32 *) (gconstpointer) (cairo_image_surface_get_data (ours) +
                                                                  (gsize) y * cairo_image_surface_get_stride (ours)))[x],
                             ==, ((const guint32 *) (gconstpointer) (cairo_image_surface_get_data (theirs) +
                                                                      (gsize) y * cairo_image_surface_get_stride (theirs)))[x]);
          }
      }
  g_test_message ("%u pixels differ from cairo's, %u by more than 24 levels; %u inside untouched", off, far_off, inside);
  g_assert_cmpuint (inside, >, 30000);
  g_assert_cmpuint (far_off, <, 20);
  g_assert_cmpuint (off, <, 2500);

  ent_raster_free (raster);
  cairo_destroy (ours_cr);
  cairo_destroy (theirs_cr);
  cairo_surface_destroy (ours);
  cairo_surface_destroy (theirs);
}

/* Convex fills (the blocs' hulls) as cairo fills them, in every shape a
 * hull takes, across the clip's edges, with the vector rows and without:
 * within a few levels where an edge crosses a pixel (the fill takes each
 * pixel's exact share; cairo samples 15 heights a row where an edge ends
 * in it, up to a fifteenth of a pixel off where the edge is nearly flat),
 * and the same ink overall. */
static void
test_convex_fill_matches_cairo (void)
{
  const EntRgba colors[] = { { 0.2, 0.4, 0.9, 0.12 }, { 0.9, 0.2, 0.1, 0.6 }, { 0.1, 0.5, 0.2, 1.0 } };
  const EntRgba white = { 1, 1, 1, 1 };
  const cairo_format_t formats[] = { CAIRO_FORMAT_ARGB32, CAIRO_FORMAT_RGB24 };
  int worst = 0;

  /* The last pass, white on black, sums the coverage itself: colours
   * round a level apart from cairo's inside the shape. */
  for (guint f = 0; f < 2 * G_N_ELEMENTS (formats) + 1; f++)
    for (guint shape = 0; shape < 6; shape++)
      {
        gboolean vectors = f % 4 >= G_N_ELEMENTS (formats), coverage = f == 2 * G_N_ELEMENTS (formats);
        cairo_surface_t *ours = cairo_image_surface_create (formats[f % 2], 320, 240);
        cairo_surface_t *theirs = cairo_image_surface_create (formats[f % 2], 320, 240);
        cairo_t *ours_cr = cairo_create (ours), *theirs_cr = cairo_create (theirs);
        EntRaster *raster = ent_raster_new ();
        const EntRgba *color = coverage ? &white : &colors[shape % G_N_ELEMENTS (colors)];
        g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
        double ink_ours = 0, ink_theirs = 0;
        cairo_path_t *path;

        for (cairo_t **cr = (cairo_t *[]) { ours_cr, theirs_cr, NULL }; *cr != NULL; cr++)
          {
            if (coverage)
              cairo_set_source_rgb (*cr, 0, 0, 0);
            else
              cairo_set_source_rgba (*cr, 0.95, 0.9, 0.8, 0.9);
            cairo_paint (*cr);
            cairo_rectangle (*cr, 10, 5, 300, 225);
            cairo_clip (*cr);
            cairo_new_path (*cr);
          }
        /* A hull's outline: a disc, a capsule, rounded triangles (one a
         * sliver, one leaving the clip), a tiny one, one at a fractional
         * scale. */
        switch (shape)
          {
          case 0:
            cairo_arc (theirs_cr, 160.3, 120.7, 80, 0, 2 * G_PI);
            break;
          case 1:
            cairo_arc (theirs_cr, 80.2, 60.1, 30, G_PI / 2 + 0.5, 3 * G_PI / 2 + 0.5);
            cairo_arc (theirs_cr, 240.6, 180.4, 30, 3 * G_PI / 2 + 0.5, G_PI / 2 + 0.5);
            break;
          case 2:
            cairo_arc (theirs_cr, 60, 200, 25, G_PI / 2, 1.3 * G_PI);
            cairo_arc (theirs_cr, 150, 30, 25, 1.3 * G_PI, 1.9 * G_PI);
            cairo_arc (theirs_cr, 280, 190, 25, -0.1 * G_PI, G_PI / 2);
            break;
          case 3:
            cairo_arc (theirs_cr, 20, 100, 2, G_PI / 2, 3 * G_PI / 2);
            cairo_arc (theirs_cr, 300, 104, 2, -G_PI / 2, G_PI / 2);
            break;
          case 4:
            cairo_arc (theirs_cr, -20, -30, 60, 0, 2 * G_PI);
            break;
          default:
            cairo_arc (theirs_cr, 200.45, 100.55, 1.7, 0, 2 * G_PI);
            break;
          }
        cairo_close_path (theirs_cr);
        path = cairo_copy_path_flat (theirs_cr);
        for (int i = 0; i < path->num_data; i += path->data[i].header.length)
          if (path->data[i].header.type != CAIRO_PATH_CLOSE_PATH)
            g_array_append_vals (points, &path->data[i + 1].point, 2);
        cairo_path_destroy (path);
        cairo_set_source_rgba (theirs_cr, color->red, color->green, color->blue, color->alpha);
        cairo_fill (theirs_cr);

        if (vectors && !ent_raster_set_vectors (raster, TRUE))
          g_test_message ("no AVX2 here: the scalar rows only");
        ent_raster_set_vectors (raster, vectors);
        g_assert_true (ent_raster_begin (raster, ours_cr));
        g_assert_true (ent_raster_fill_convex (raster, (const double *) (gpointer) points->data, points->len / 2, color, 1.0));
        ent_raster_end (raster);
        cairo_surface_flush (ours);
        cairo_surface_flush (theirs);

        for (int y = 0; y < 240; y++)
          for (int x = 0; x < 320; x++)
            /* RGB24 leaves the top byte unused. */
            for (int bit = 0; bit < (f % 2 == 0 ? 32 : 24); bit += 8)
              {
                int d = abs (channel (ours, x, y, bit) - channel (theirs, x, y, bit));

                if (d > 20)
                  g_error ("shape %u, format %u%s: pixel (%d, %d) is %08x, cairo's %08x", shape, f % 2,
                           vectors ? " with vectors" : "", x, y,
                           ((const guint32 *) (gconstpointer) (cairo_image_surface_get_data (ours) + y * cairo_image_surface_get_stride (ours)))[x],
                           ((const guint32 *) (gconstpointer) (cairo_image_surface_get_data (theirs) + y * cairo_image_surface_get_stride (theirs)))[x]);
                worst = MAX (worst, d);
                ink_ours += channel (ours, x, y, bit);
                ink_theirs += channel (theirs, x, y, bit);
              }
        /* Inside, the very colour cairo fills (RGB24's top byte unused). */
        if (shape != 4 && shape != 5)
          {
            guint32 used = f % 2 == 0 ? 0xffffffffu : 0x00ffffffu;
            const guint32 *row_ours = (const guint32 *) (gconstpointer) (cairo_image_surface_get_data (ours) +
                                                                         120 * cairo_image_surface_get_stride (ours));
            const guint32 *row_theirs = (const guint32 *) (gconstpointer) (cairo_image_surface_get_data (theirs) +
                                                                           120 * cairo_image_surface_get_stride (theirs));

            g_assert_cmphex (row_ours[160] & used, ==, row_theirs[160] & used);
          }
        if (coverage)
          {
            g_test_message ("shape %u: %.1f pixels of ink, cairo's %.1f", shape, ink_ours / 4 / 255, ink_theirs / 4 / 255);
            g_assert_cmpfloat (fabs (ink_ours - ink_theirs) / 4 / 255, <, 0.5 + 0.001 * ink_theirs / 4 / 255);
          }
        ent_raster_free (raster);
        cairo_destroy (ours_cr);
        cairo_destroy (theirs_cr);
        cairo_surface_destroy (ours);
        cairo_surface_destroy (theirs);
      }
  g_test_message ("at most %d levels from cairo's fill", worst);

  /* Not convex: left to cairo, nothing drawn. */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 50, 50);
    cairo_t *cr = cairo_create (surface);
    EntRaster *raster = ent_raster_new ();
    const double zigzag[] = { 5, 5, 15, 5, 15, 35, 35, 35, 35, 5, 45, 5, 45, 45, 5, 45 };

    g_assert_true (ent_raster_begin (raster, cr));
    g_assert_false (ent_raster_fill_convex (raster, zigzag, 8, &colors[2], 1.0));
    ent_raster_end (raster);
    cairo_surface_flush (surface);
    for (int y = 0; y < 50; y++)
      for (int x = 0; x < 50; x++)
        g_assert_cmpuint (channel (surface, x, y, 24), ==, 0);
    ent_raster_free (raster);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
}

/* A rounded convex shape: three circles of @radius and what lies between
 * them, as the painter's hull path goes round its corners. */
static void
rounded_triangle (cairo_t *cr,
                  double   radius)
{
  const double corners[] = { 60, 170, 150, 40, 250, 150 };
  double area = 0;

  cairo_new_path (cr);
  for (int i = 0; i < 3; i++)
    {
      int j = (i + 1) % 3;

      area += corners[2 * i] * corners[2 * j + 1] - corners[2 * j] * corners[2 * i + 1];
    }
  for (int i = 0; i < 3; i++)
    {
      int prev = (i + 2) % 3, next = (i + 1) % 3;
      double a1 = atan2 (-(corners[2 * i] - corners[2 * prev]), corners[2 * i + 1] - corners[2 * prev + 1]);
      double a2 = atan2 (-(corners[2 * next] - corners[2 * i]), corners[2 * next + 1] - corners[2 * i + 1]);

      g_assert_cmpfloat (area, >=, 0);
      cairo_arc (cr, corners[2 * i], corners[2 * i + 1], radius, a1, a2);
    }
  cairo_close_path (cr);
}

static GArray *
flat_points (cairo_t *cr)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_path_t *path = cairo_copy_path_flat (cr);

  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    if (path->data[i].header.type != CAIRO_PATH_CLOSE_PATH)
      g_array_append_vals (points, &path->data[i + 1].point, 2);
  cairo_path_destroy (path);
  return points;
}

/* A hull's outline, stroked with round joins, is its shape grown by half
 * the width less its shape shrunk by as much: filled so, it looks as cairo
 * strokes it, over a map and clear of it inside. */
static void
test_ring_matches_stroke (void)
{
  const EntRgba color = { 0.2, 0.5, 0.3, 0.55 };
  int worst = 0;

  for (int k = 0; k < 3; k++)
    {
      double radius = 18 + 7 * k, width = 1.5 + 0.5 * k;
      cairo_surface_t *ours = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 320, 240);
      cairo_surface_t *theirs = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 320, 240);
      cairo_t *ours_cr = cairo_create (ours), *theirs_cr = cairo_create (theirs);
      EntRaster *raster = ent_raster_new ();
      g_autoptr(GArray) outer = NULL;
      g_autoptr(GArray) inner = NULL;
      double ink_ours = 0, ink_theirs = 0;

      for (cairo_t **cr = (cairo_t *[]) { ours_cr, theirs_cr, NULL }; *cr != NULL; cr++)
        {
          cairo_set_source_rgb (*cr, 0.97, 0.95, 0.9);
          cairo_paint (*cr);
        }
      rounded_triangle (theirs_cr, radius + width / 2);
      outer = flat_points (theirs_cr);
      rounded_triangle (theirs_cr, radius - width / 2);
      inner = flat_points (theirs_cr);
      rounded_triangle (theirs_cr, radius);
      cairo_set_source_rgba (theirs_cr, color.red, color.green, color.blue, color.alpha);
      cairo_set_line_width (theirs_cr, width);
      cairo_set_line_join (theirs_cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (theirs_cr);

      g_assert_true (ent_raster_begin (raster, ours_cr));
      g_assert_true (ent_raster_fill_ring (raster, (const double *) (gpointer) outer->data, outer->len / 2,
                                           (const double *) (gpointer) inner->data, inner->len / 2, &color, 1.0));
      ent_raster_end (raster);
      cairo_surface_flush (ours);
      cairo_surface_flush (theirs);
      for (int y = 0; y < 240; y++)
        for (int x = 0; x < 320; x++)
          for (int bit = 0; bit < 32; bit += 8)
            {
              int d = abs (channel (ours, x, y, bit) - channel (theirs, x, y, bit));

              if (d > 20)
                g_error ("outline %d: pixel (%d, %d) is %u, cairo's %u at bit %d", k, x, y,
                         channel (ours, x, y, bit), channel (theirs, x, y, bit), bit);
              worst = MAX (worst, d);
              ink_ours += 255 - channel (ours, x, y, bit);
              ink_theirs += 255 - channel (theirs, x, y, bit);
            }
      g_test_message ("outline %d: ink %.0f, cairo's %.0f", k, ink_ours, ink_theirs);
      g_assert_cmpfloat (fabs (ink_ours - ink_theirs), <, 0.01 * ink_theirs);
      /* The inside is untouched. */
      g_assert_cmphex (((const guint32 *) (gconstpointer) (cairo_image_surface_get_data (ours) +
                                                            120 * cairo_image_surface_get_stride (ours)))[150],
                       ==, 0xfff8f3e6u);
      ent_raster_free (raster);
      cairo_destroy (ours_cr);
      cairo_destroy (theirs_cr);
      cairo_surface_destroy (ours);
      cairo_surface_destroy (theirs);
    }
  g_test_message ("at most %d levels from cairo's stroke", worst);
}

/* ---- Disc and square images ---------------------------------------------- */

static void
cairo_rounded_square (cairo_t *cr,
                      double   cx,
                      double   cy,
                      double   half,
                      double   corner)
{
  double x = cx - half, y = cy - half, side = 2 * half;

  corner = MIN (corner, half);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + side - corner, y + corner, corner, -G_PI / 2, 0);
  cairo_arc (cr, x + side - corner, y + side - corner, corner, 0, G_PI / 2);
  cairo_arc (cr, x + corner, y + side - corner, corner, G_PI / 2, G_PI);
  cairo_arc (cr, x + corner, y + corner, corner, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static guint8
channel (cairo_surface_t *image,
         int              x,
         int              y,
         int              shift)
{
  const guint8 *data = cairo_image_surface_get_data (image);
  const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * cairo_image_surface_get_stride (image));

  return (guint8) (row[x] >> shift);
}

/* The painter's disc and organisation images: as cairo fills and strokes
 * them, within a few levels at the rim (cairo takes coverage from 15 rows
 * a pixel), over every radius, phase, device scale and colour it draws
 * them in. Without the finer look at tight corners, a pixel was 12 levels
 * off. */
static void
test_shape_matches_cairo (void)
{
  const EntRgba fills[] = {
    { 0.604, 0.600, 0.588, 1.0 }, { 0.20, 0.45, 0.85, 1.0 }, { 0.9, 0.3, 0.1, 0.6 },
  };
  const EntRgba rims[] = {
    { 0.423, 0.420, 0.412, 1.0 }, { 0.10, 0.25, 0.55, 1.0 }, { 0.5, 0.1, 0.0, 0.7 },
  };
  double worst_mean = 0.0;
  int worst = 0;
  guint n_images = 0;

  for (int scale = 1; scale <= 2; scale++)
    for (double radius = 5.0; radius <= 18.0; radius += 0.75)
      for (int phase = 0; phase < 16; phase += 3)
        for (int organisation = 0; organisation <= 1; organisation++)
          {
            guint c = n_images % G_N_ELEMENTS (fills);
            int pad = (int) ceil ((radius + 1.25) * scale) + 2, size = 2 * pad + 1;
            double cx = pad + (phase / 4) / 4.0, cy = pad + (phase % 4) / 4.0;
            double half = (organisation ? 0.9 * radius : radius) * scale;
            double corner = organisation ? 0.35 * radius * scale : half;
            cairo_surface_t *expected = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
            cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
            cairo_t *cr = cairo_create (expected);
            double total = 0.0;

            /* cairo flattens arcs to within a tenth of a pixel by
             * default, which alone moves an edge pixel by 25 levels. */
            cairo_set_tolerance (cr, 0.001);
            cairo_rounded_square (cr, cx, cy, half, corner);
            cairo_set_source_rgba (cr, fills[c].red, fills[c].green, fills[c].blue, fills[c].alpha);
            cairo_fill_preserve (cr);
            cairo_set_source_rgba (cr, rims[c].red, rims[c].green, rims[c].blue, rims[c].alpha);
            cairo_set_line_width (cr, 1.25 * scale);
            cairo_stroke (cr);
            cairo_destroy (cr);
            cairo_surface_flush (expected);

            ent_raster_fill_shape (image, cx, cy, half, corner, 1.25 * scale, &fills[c], &rims[c]);
            cairo_surface_flush (image);

            for (int y = 0; y < size; y++)
              for (int x = 0; x < size; x++)
                for (int shift = 0; shift < 32; shift += 8)
                  {
                    int d = abs (channel (image, x, y, shift) - channel (expected, x, y, shift));

                    if (d > 10)
                      g_error ("scale %d, radius %g, phase %d, organisation %d: pixel (%d, %d) "
                               "is %u, cairo's %u, at bit %d", scale, radius, phase, organisation,
                               x, y, channel (image, x, y, shift), channel (expected, x, y, shift), shift);
                    worst = MAX (worst, d);
                    total += d;
                  }
            worst_mean = MAX (worst_mean, total / (4.0 * size * size));
            n_images++;
            cairo_surface_destroy (expected);
            cairo_surface_destroy (image);
          }
  g_test_message ("%u images: at most %d levels from cairo's, %.3f on average in the worst image",
                  n_images, worst, worst_mean);
  g_assert_cmpfloat (worst_mean, <, 0.5);
}

/* Where the edge is straight the coverage is the exact share of each
 * pixel; a disc's ink is its area. */
static void
test_shape_coverage_exact (void)
{
  const EntRgba white = { 1, 1, 1, 1 };
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 41, 41);
  double ink = 0.0;

  /* A square from 4.75 to 15.25 (no outline): a quarter of the edge
   * pixels' columns, all of those inside. */
  ent_raster_fill_shape (image, 10.0, 10.0, 5.25, 0.0, 0.0, &white, &white);
  cairo_surface_flush (image);
  g_assert_cmpuint (channel (image, 4, 10, 24), ==, 64);
  g_assert_cmpuint (channel (image, 15, 10, 24), ==, 64);
  g_assert_cmpuint (channel (image, 10, 4, 24), ==, 64);
  g_assert_cmpuint (channel (image, 5, 10, 24), ==, 255);
  g_assert_cmpuint (channel (image, 3, 10, 24), ==, 0);
  g_assert_cmpuint (channel (image, 16, 16, 24), ==, 0);
  /* The corner pixel: a quarter of a quarter. */
  g_assert_cmpuint (channel (image, 4, 4, 24), ==, 16);

  /* An outline alone, 2 wide on an edge at 10.5: columns 9 and 10
   * fully, 11 half. */
  ent_raster_fill_shape (image, 20.0, 20.0, 10.5, 0.0, 2.0, &(EntRgba) { 0, 0, 0, 0 }, &white);
  cairo_surface_flush (image);
  g_assert_cmpuint (channel (image, 20 + 9, 20, 24), ==, 128);
  g_assert_cmpuint (channel (image, 20 + 10, 20, 24), ==, 255);
  g_assert_cmpuint (channel (image, 20 + 11, 20, 24), ==, 128);
  g_assert_cmpuint (channel (image, 20 + 8, 20, 24), ==, 0);
  g_assert_cmpuint (channel (image, 20 + 12, 20, 24), ==, 0);

  ent_raster_fill_shape (image, 20.3, 19.6, 12.0, 12.0, 0.0, &white, &white);
  cairo_surface_flush (image);
  for (int y = 0; y < 41; y++)
    for (int x = 0; x < 41; x++)
      ink += channel (image, x, y, 24) / 255.0;
  g_test_message ("a disc of radius 12: ink %.2f, area %.2f", ink, G_PI * 144);
  g_assert_cmpfloat (fabs (ink - G_PI * 144) / (G_PI * 144), <, 0.002);
  cairo_surface_destroy (image);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/raster/bands-change-nothing", test_bands_change_nothing);
  g_test_add_func ("/raster/full-queue", test_full_queue);
  g_test_add_func ("/raster/vectors-match-scalar", test_vectors_match_scalar);
  g_test_add_func ("/raster/order-with-round-caps", test_order_with_round_caps);
  g_test_add_func ("/raster/blit-matches-cairo", test_blit_matches_cairo);
  g_test_add_func ("/raster/dilate-matches-reference", test_dilate_matches_reference);
  g_test_add_func ("/raster/dashes-as-stretches", test_dashes_as_stretches);
  g_test_add_func ("/raster/closed-outline", test_closed_outline);
  g_test_add_func ("/raster/convex-fill-matches-cairo", test_convex_fill_matches_cairo);
  g_test_add_func ("/raster/ring-matches-stroke", test_ring_matches_stroke);
  g_test_add_func ("/raster/shape-matches-cairo", test_shape_matches_cairo);
  g_test_add_func ("/raster/shape-coverage-exact", test_shape_coverage_exact);
  g_test_add_data_func ("/raster/opaque-blend-rounding", (const double[]) { 1.0 }, test_blend_rounding);
  g_test_add_data_func ("/raster/translucent-blend-rounding", (const double[]) { 0.6 }, test_blend_rounding);

  return g_test_run ();
}
