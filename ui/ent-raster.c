/* ent-raster.c: antialiased lines written straight into an image surface
 *
 * A butt-ended stroke needs no mask: each segment takes the pixels along
 * it up to its own ends (a joint cuts square, and the next segment takes
 * what lies beyond), so every pixel is blended once, and dashes a pixel
 * or more apart do not share pixels.
 *
 * A stroke with round caps and joins is drawn in two steps. First every
 * segment of every dash writes its coverage of the pixels near it into a
 * coverage mask the size of the clip, keeping the largest value per pixel:
 * coverage falls with the distance from the centre line, so the largest
 * value is the coverage by the whole polyline, and segments that overlap
 * at a joint or dashes that touch are not counted twice. Then the pixels
 * written are blended with the colour, row by row over the range each row
 * touched, and the mask is cleared behind them, so a stroke costs what it
 * covers, not the clip.
 *
 * Butt-ended segments are not blended as they come but queued, and the
 * queue is blended band by band: a band of rows at a time, every queued
 * segment that crosses it in the order they came. A stroke walks down
 * its rows a surface stride apart, and a map's ties walk all over a
 * full-screen surface, which is larger than the cache; a band's rows
 * stay in it while every tie through them is drawn. Each pixel still
 * takes the same segments in the same order, so the pixels are the same
 * as blending at once. A flush of 20,000 rows or more is shared out
 * between a thread per processor (or ENTENTE_PAINT_THREADS of them), which
 * claim the bands one at a time and never touch the same row.
 *
 * The coverage of a pixel is that of its unit square by the stroke, taken
 * across the line (the overlap of [d - 1/2, d + 1/2] with [-w/2, w/2] for
 * a pixel centre at distance d) and, at butt ends, along it. Round caps and
 * joins measure the distance to the nearest end point instead. Where the
 * processor has AVX2, the rows of queued segments are covered and blended
 * eight pixels at a time in single precision (a pixel may come out a level
 * apart from the scalar rows; ENTENTE_RASTER_VECTORS=0 keeps to those).
 *
 * Images with alpha (the painter's disc images) are copied over the pixels
 * at whole-pixel offsets by ent_raster_blit(), as cairo would paint them.
 * They join the same queue, so the bands (and the threads) copy them too,
 * each in its turn among the segments, eight pixels at a time with AVX2
 * and exactly as one at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-painter"

#include "config.h"

#include <math.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_ROW_AVX2 1
#endif

#include "ent-layout.h"
#include "ent-raster.h"

#define FLAT_SEGMENT 1e-6    /* device px: shorter segments are points */
#define BAND_ROWS    32      /* rows blended together: 1920 px wide, 240 KiB */
#define QUEUE_MAX    16384   /* segments and images queued before they are drawn */
/* A flush of fewer rows (summed over what is queued: about a millisecond
 * of work) is drawn by the calling thread alone: waking a helper costs
 * about as much as it saves. A 300-actor frame's ties are some 70,000
 * rows; on a 2-core virtual machine, sharing them took its median from
 * 6.5 to 5.5 ms and its 95th percentile from 10.0 to 8.6 ms (six
 * alternating runs each, wall clock). With 100,000 rows, the threshold
 * until a dash became a stretch of its tie's queued item, two threads
 * had made that frame's 95th percentile worse. */
#define MIN_SHARED_ROWS 20000
#define MAX_THREADS  4

typedef enum
{
  END_ROUND,
  END_BUTT,
  END_JOINT,    /* shared with the next segment, which takes what is beyond */
} SegmentEnd;

/* A stroke's colour, premultiplied, 0-255. */
typedef struct
{
  guint32 a;
  guint32 rb;               /* red and blue, 16 bits apart */
  guint32 ag;               /* alpha and green */
  guint32 pixel;            /* the colour as an opaque pixel */
} Ink;

/* Where each row of an image has ink, and the opaque run inside it, found
 * once per image: most of a disc is copied, and only its rim blended. */
typedef struct
{
  int first;        /* the first pixel with ink */
  int opaque0;      /* the opaque run within, half-open; empty if equal */
  int opaque1;
  int end;          /* after the last pixel with ink */
} SpriteRow;

typedef enum
{
  QUEUED_SEGMENT,
  QUEUED_DASHES,            /* a straight dashed stroke, butt-ended */
  QUEUED_IMAGE,
} QueuedKind;

/* The most dashes in a pattern that a straight stroke queues whole. */
#define MAX_QUEUED_DASHES 4

/* A segment waiting to be blended, with its stroke's colour, or an image
 * waiting to be copied, held until then. */
typedef struct
{
  int     r0, r1;           /* mask rows it may touch, half-open */
  int     b0, b1;           /* the bands of the flush it crosses, half-open */
  guint8  kind;             /* QueuedKind */
  guint8  start, end;       /* a segment's SegmentEnd */
  union
  {
    struct
    {
      double  x0, y0, x1, y1;
      double  half;
      Ink     ink;
      guint   dash_first;       /* QUEUED_DASHES: its pattern in dash_data */
      guint   n_dashes;
    } segment;
    struct
    {
      cairo_surface_t *surface;     /* a reference */
      const SpriteRow *rows;
      const guint8    *data;
      int              stride;
      int              x, y;        /* device px of its top left corner */
      int              c0, c1;      /* device columns within the clip */
    } image;
  };
} QueuedItem;

struct _EntRaster
{
  cairo_surface_t *surface;       /* while begun, not owned */
  guint8          *pixels;
  int              stride;
  gboolean         opaque;        /* RGB24: the alpha byte stays 0xff */
  double           scale;         /* device px per user unit */
  double           tx;            /* device position of the user origin */
  double           ty;
  int              clip_x0;       /* device px, half-open */
  int              clip_y0;
  int              clip_x1;
  int              clip_y1;

  /* The coverage mask, clip-sized, all zero between strokes. */
  guint8          *mask;
  gsize            mask_size;
  int              mask_width;
  int             *span_x0;       /* per clip row: the columns written */
  int             *span_x1;
  int              rows_allocated;
  int              row0;          /* the rows written, half-open */
  int              row1;

  Ink              ink;           /* the stroke being drawn */
  gboolean         vectors;       /* rows of queued segments eight pixels at a time */
  gboolean         direct;        /* no pixel is covered twice: blend at once */

  gboolean         banded;        /* queue direct segments, blend by bands */
  GArray          *queue;         /* QueuedItem */
  GArray          *dash_data;     /* double: per queued dashed stroke, offset, period, dashes */
  int              queue_lo;      /* the rows it touches, within the clip */
  int              queue_hi;
  gint64           queue_rows;    /* summed over its items */
  guint           *band_first;    /* per band of the flush: where its items start */
  guint           *band_items;    /* the queue's indices, band by band, in order */
  gsize            band_first_size;
  gsize            band_items_size;
  int              flush_lo;      /* the rows being blended, half-open */
  int              flush_hi;
  int              n_threads;     /* that blend the bands of the queue */
  int              min_shared_rows;   /* in a flush, for the helpers to join */
  GThreadPool     *pool;          /* the n_threads - 1 helpers, once needed */
  GMutex           lock;
  GCond            done;
  int              n_bands;       /* of the flush under way */
  int              generation;    /* of the flush under way */
  int              claim;         /* generation, next band: see claim_bands() */
  int              in_flight;     /* helpers that may hold a band */

  float           *fill_cover;    /* per mask column: a filled row's coverage, all zero between */
  int              fill_cover_size;

  GArray          *device;        /* double pairs: the stroke in device px */
  GArray          *lengths;       /* double: arc length at each point */
  GArray          *piece;         /* double pairs: one dash */
};

static void flush_queue (EntRaster *raster);

static void
ent_thread_pool_free (GThreadPool *pool)
{
  g_thread_pool_free (pool, TRUE, TRUE);
}

EntRaster *
ent_raster_new (void)
{
  EntRaster *raster = g_new0 (EntRaster, 1);

  raster->device = g_array_new (FALSE, FALSE, sizeof (double));
  raster->lengths = g_array_new (FALSE, FALSE, sizeof (double));
  raster->piece = g_array_new (FALSE, FALSE, sizeof (double));
  raster->queue = g_array_sized_new (FALSE, FALSE, sizeof (QueuedItem), 256);
  raster->dash_data = g_array_new (FALSE, FALSE, sizeof (double));
  raster->queue_lo = G_MAXINT;
  raster->banded = TRUE;
  raster->min_shared_rows = MIN_SHARED_ROWS;
  g_mutex_init (&raster->lock);
  g_cond_init (&raster->done);
  {
    /* A thread per usable processor, up to MAX_THREADS, or as many as
     * ENTENTE_PAINT_THREADS says (1 for one). A helper that starts late
     * finds no band left, so a busy processor costs no waiting. */
    const char *env = g_getenv ("ENTENTE_PAINT_THREADS");
    guint64 n = MAX_THREADS;

    if (env != NULL && !g_ascii_string_to_unsigned (env, 10, 1, MAX_THREADS, &n, NULL))
      n = MAX_THREADS;
    raster->n_threads = (int) CLAMP (n, 1, MIN (MAX_THREADS, ent_usable_processors ()));
  }
  /* ENTENTE_RASTER_VECTORS=0 keeps to the scalar rows. */
  raster->vectors = ent_raster_set_vectors (raster, g_strcmp0 (g_getenv ("ENTENTE_RASTER_VECTORS"), "0") != 0);
  return raster;
}

void
ent_raster_free (EntRaster *raster)
{
  if (raster == NULL)
    return;
  g_free (raster->mask);
  g_free (raster->span_x0);
  g_free (raster->span_x1);
  g_array_unref (raster->device);
  g_array_unref (raster->lengths);
  g_array_unref (raster->piece);
  g_array_unref (raster->queue);
  g_array_unref (raster->dash_data);
  g_free (raster->band_first);
  g_free (raster->band_items);
  g_free (raster->fill_cover);
  g_clear_pointer (&raster->pool, ent_thread_pool_free);
  g_mutex_clear (&raster->lock);
  g_cond_clear (&raster->done);
  g_free (raster);
}

static gboolean
clip_rectangle (cairo_t *cr,
                double  *x0,
                double  *y0,
                double  *x1,
                double  *y1)
{
  cairo_rectangle_list_t *list = cairo_copy_clip_rectangle_list (cr);
  gboolean ok = list->status == CAIRO_STATUS_SUCCESS && list->num_rectangles <= 1;

  *x0 = *y0 = *x1 = *y1 = 0;
  if (ok && list->num_rectangles == 1)
    {
      const cairo_rectangle_t *r = &list->rectangles[0];

      *x0 = r->x;
      *y0 = r->y;
      *x1 = r->x + r->width;
      *y1 = r->y + r->height;
    }
  cairo_rectangle_list_destroy (list);
  return ok;
}

static void
ensure_mask (EntRaster *raster)
{
  int w = raster->clip_x1 - raster->clip_x0;
  int h = raster->clip_y1 - raster->clip_y0;
  gsize size = (gsize) MAX (w, 0) * (gsize) MAX (h, 0);

  raster->mask_width = MAX (w, 0);
  if (size > raster->mask_size)
    {
      g_free (raster->mask);
      raster->mask = g_malloc0 (size);
      raster->mask_size = size;
    }
  if (h > raster->rows_allocated)
    {
      raster->span_x0 = g_renew (int, raster->span_x0, h);
      raster->span_x1 = g_renew (int, raster->span_x1, h);
      raster->rows_allocated = h;
    }
  for (int r = 0; r < h; r++)
    {
      raster->span_x0[r] = G_MAXINT;
      raster->span_x1[r] = G_MININT;
    }
  raster->row0 = G_MAXINT;
  raster->row1 = G_MININT;
}

gboolean
ent_raster_probe (cairo_t *cr,
                  double  *scale,
                  double  *tx,
                  double  *ty)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_format_t format;
  double ox = 0, oy = 0, xx = 1, xy = 0, yx = 0, yy = 1;
  double sx, sy, dx, dy;

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_get_operator (cr) != CAIRO_OPERATOR_OVER)
    return FALSE;
  format = cairo_image_surface_get_format (target);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    return FALSE;

  /* The matrix maps user space to the surface's device space, which its
   * device scale and offset (a window's scale factor, a group's place)
   * then map to pixels. */
  cairo_user_to_device (cr, &ox, &oy);
  cairo_user_to_device_distance (cr, &xx, &xy);
  cairo_user_to_device_distance (cr, &yx, &yy);
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_get_device_offset (target, &dx, &dy);
  xx *= sx;
  xy *= sy;
  yx *= sx;
  yy *= sy;
  if (fabs (xy) > 1e-9 || fabs (yx) > 1e-9 || xx <= 0 || fabs (xx - yy) > 1e-9 * xx)
    return FALSE;
  *scale = xx;
  *tx = ox * sx + dx;
  *ty = oy * sy + dy;
  return TRUE;
}

gboolean
ent_raster_begin (EntRaster *raster,
                  cairo_t   *cr)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  double xx, ox, oy;
  double cx0, cy0, cx1, cy1;
  int width, height;

  g_return_val_if_fail (raster != NULL, FALSE);
  g_return_val_if_fail (raster->surface == NULL, FALSE);

  if (!ent_raster_probe (cr, &xx, &ox, &oy))
    return FALSE;
  if (!clip_rectangle (cr, &cx0, &cy0, &cx1, &cy1))
    return FALSE;

  cairo_surface_flush (target);
  width = cairo_image_surface_get_width (target);
  height = cairo_image_surface_get_height (target);
  raster->surface = target;
  raster->pixels = cairo_image_surface_get_data (target);
  raster->stride = cairo_image_surface_get_stride (target);
  raster->opaque = cairo_image_surface_get_format (target) == CAIRO_FORMAT_RGB24;
  raster->scale = xx;
  raster->tx = ox;
  raster->ty = oy;
  raster->clip_x0 = CLAMP ((int) round (cx0 * xx + ox), 0, width);
  raster->clip_y0 = CLAMP ((int) round (cy0 * xx + oy), 0, height);
  raster->clip_x1 = CLAMP ((int) round (cx1 * xx + ox), raster->clip_x0, width);
  raster->clip_y1 = CLAMP ((int) round (cy1 * xx + oy), raster->clip_y0, height);
  if (raster->pixels == NULL)
    {
      raster->surface = NULL;
      return FALSE;
    }
  ensure_mask (raster);
  return TRUE;
}

void
ent_raster_end (EntRaster *raster)
{
  g_return_if_fail (raster != NULL);

  if (raster->surface == NULL)
    return;
  flush_queue (raster);
  cairo_surface_mark_dirty (raster->surface);
  raster->surface = NULL;
  raster->pixels = NULL;
}

/* Whether the rows of butt-ended segments are covered and blended eight
 * pixels at a time (AVX2), where the processor can; returns whether they
 * are. The coverage is computed in single precision, so a pixel may come
 * out a level apart from the scalar rows. */
gboolean
ent_raster_set_vectors (EntRaster *raster,
                        gboolean   vectors)
{
  g_return_val_if_fail (raster != NULL && raster->surface == NULL, FALSE);

#ifdef HAVE_ROW_AVX2
  raster->vectors = vectors && __builtin_cpu_supports ("avx2");
#else
  (void) vectors;
  raster->vectors = FALSE;
#endif
  return raster->vectors;
}

/* Whether butt-ended strokes are queued and blended by bands (the
 * default), and by how many threads, which then share every flush however
 * small: both leave the pixels as they are. */
void
ent_raster_set_banded (EntRaster *raster,
                       gboolean   banded,
                       guint      n_threads)
{
  g_return_if_fail (raster != NULL && raster->surface == NULL);

  raster->banded = banded;
  raster->min_shared_rows = 0;
  if (raster->pool != NULL && (int) n_threads != raster->n_threads)
    g_clear_pointer (&raster->pool, ent_thread_pool_free);
  raster->n_threads = CLAMP ((int) n_threads, 1, MAX_THREADS);
}

guint
ent_raster_get_threads (EntRaster *raster)
{
  g_return_val_if_fail (raster != NULL, 1);

  return (guint) raster->n_threads;
}

double
ent_raster_get_scale (EntRaster *raster)
{
  return raster->surface != NULL ? raster->scale : 1.0;
}

/* ---- Coverage ------------------------------------------------------------- */

/* div255() of the two 16-bit halves of @x at once. */
static inline guint32
div255_pair (guint32 x)
{
  x += 0x00800080u;
  return ((x + ((x >> 8) & 0x00ff00ffu)) >> 8) & 0x00ff00ffu;
}

/* The stroke's colour at coverage @c (0-255) over the pixel *@dst, two
 * channels per multiplication: (s c + d (255 - a c / 255)) / 255 per
 * channel with one rounding, s premultiplied. No channel can carry into
 * the next: with a c / 255 rounded to ca, s c <= a c <= 255 ca + 127, so
 * each sum is at most 255 * 255 + 127 and rounds to at most 255. */
static inline void
blend_pixel (const EntRaster *raster,
             const Ink       *ink,
             guint32         *dst,
             guint32          c)
{
  guint32 ac, ca, inv, p, rb, ag;

  if (c == 255 && ink->a == 255)
    {
      *dst = ink->pixel;
      return;
    }
  ac = ink->a * c + 128;
  ca = (ac + (ac >> 8)) >> 8;
  if (ca == 0)
    return;
  inv = 255 - ca;
  p = *dst;
  rb = div255_pair (ink->rb * c + (p & 0x00ff00ffu) * inv);
  ag = div255_pair (ink->ag * c + ((p >> 8) & 0x00ff00ffu) * inv);
  *dst = rb | (ag << 8) | (raster->opaque ? 0xff000000u : 0);
}

static inline guint32 *
pixel_row (const EntRaster *raster,
           int              row)
{
  return (guint32 *) (gpointer) (raster->pixels + (gsize) (row + raster->clip_y0) * (gsize) raster->stride) +
         raster->clip_x0;
}

#ifdef HAVE_ROW_AVX2
/* div255_pair() of eight pixels' pairs of channels at once. */
__attribute__ ((target ("avx2")))
static inline __m256i
div255_pair_avx2 (__m256i x)
{
  const __m256i mask_rb = _mm256_set1_epi32 (0x00ff00ff);

  x = _mm256_add_epi32 (x, _mm256_set1_epi32 (0x00800080));
  return _mm256_and_si256 (_mm256_srli_epi32 (_mm256_add_epi32 (x, _mm256_and_si256 (_mm256_srli_epi32 (x, 8), mask_rb)), 8),
                           mask_rb);
}

/* The dashes of a pattern within one period, and the first one again
 * a period on. */
#define MAX_DASH_TERMS (MAX_QUEUED_DASHES / 2 + 1)

/* How the rows of a stretch are covered along the line. */
typedef enum
{
  ROWS_ALONG,     /* within [lo_along, hi_along], and the cuts */
  ROWS_INTERIOR,  /* wholly: the rows clear of both ends */
  ROWS_DASHED,    /* by the dashes, within [lo_along, hi_along] */
} RowsMode;

/* What every vector of a stroke's rows shares, set up once per stroke:
 * the colour and width, where its coverage is cut, and its dashes. */
typedef struct
{
  __m256 half, neg_half, one, zero, point5, lo_along, hi_along, len, scale255, sign;
  __m256i ink_a, ink_rb, ink_ag, c255, c128, mask_rb, alpha, pair;
  __m256 dash_lo[MAX_DASH_TERMS], dash_hi[MAX_DASH_TERMS], period, inv_period, offset;
  double lo_along_d, hi_along_d, len_d;
  guint n_dash_terms;
  gboolean cut_start, cut_end;
} RowConstants;

__attribute__ ((target ("avx2")))
static void
row_constants_init (RowConstants    *k,
                    const EntRaster *raster,
                    const Ink       *ink,
                    double           half,
                    double           len,
                    gboolean         cut_start,
                    gboolean         cut_end)
{
  k->half = _mm256_set1_ps ((float) half);
  k->neg_half = _mm256_set1_ps ((float) -half);
  k->one = _mm256_set1_ps (1.0f);
  k->zero = _mm256_setzero_ps ();
  k->point5 = _mm256_set1_ps (0.5f);
  k->len = _mm256_set1_ps ((float) len);
  k->scale255 = _mm256_set1_ps (255.0f);
  k->sign = _mm256_set1_ps (-0.0f);
  k->ink_a = _mm256_set1_epi32 ((int) ink->a);
  k->ink_rb = _mm256_set1_epi32 ((int) ink->rb);
  k->ink_ag = _mm256_set1_epi32 ((int) ink->ag);
  k->c255 = _mm256_set1_epi32 (255);
  k->c128 = _mm256_set1_epi32 (128);
  k->mask_rb = _mm256_set1_epi32 (0x00ff00ff);
  k->alpha = _mm256_set1_epi32 (raster->opaque ? (int) 0xff000000u : 0);
  /* The low half of each lane into both its halves. */
  k->pair = _mm256_setr_epi8 (0, 1, 0, 1, 4, 5, 4, 5, 8, 9, 8, 9, 12, 13, 12, 13,
                              0, 1, 0, 1, 4, 5, 4, 5, 8, 9, 8, 9, 12, 13, 12, 13);
  k->len_d = len;
  k->n_dash_terms = 0;
  k->lo_along_d = -G_MAXDOUBLE;
  k->hi_along_d = G_MAXDOUBLE;
  k->cut_start = cut_start;
  k->cut_end = cut_end;
}

/* The stretch of the line covered, along it: a dash's, or the whole
 * segment's. */
__attribute__ ((target ("avx2")))
static inline void
row_constants_set_along (RowConstants *k,
                         double        lo_along,
                         double        hi_along)
{
  k->lo_along_d = MAX (lo_along, -1e30);
  k->hi_along_d = MIN (hi_along, 1e30);
  k->lo_along = _mm256_set1_ps ((float) k->lo_along_d);
  k->hi_along = _mm256_set1_ps ((float) k->hi_along_d);
}

/* The dashes @dashes (@n of them, on and off, each gap a pixel or more)
 * of @period, @offset into the pattern at u = 0: a pixel within the
 * stretch is covered by the one dash its 1-pixel window along the line
 * can meet. */
__attribute__ ((target ("avx2")))
static void
row_constants_set_dashes (RowConstants *k,
                          const double *dashes,
                          guint         n,
                          double        period,
                          double        offset)
{
  double at = 0.0;

  k->n_dash_terms = 0;
  for (guint j = 0; j + 1 < n && k->n_dash_terms + 1 < MAX_DASH_TERMS; j += 2)
    {
      k->dash_lo[k->n_dash_terms] = _mm256_set1_ps ((float) at);
      k->dash_hi[k->n_dash_terms] = _mm256_set1_ps ((float) (at + dashes[j]));
      k->n_dash_terms++;
      at += dashes[j] + dashes[j + 1];
    }
  k->dash_lo[k->n_dash_terms] = _mm256_set1_ps ((float) period);
  k->dash_hi[k->n_dash_terms] = _mm256_set1_ps ((float) (period + dashes[0]));
  k->n_dash_terms++;
  k->period = _mm256_set1_ps ((float) period);
  k->inv_period = _mm256_set1_ps ((float) (1.0 / period));
  k->offset = _mm256_set1_ps ((float) offset);
}

/* blend_pixel() of eight pixels @p at coverages @value (0-255 a lane),
 * with no shortcut, which leaves a pixel of coverage 0 as it was. The
 * products fit in 16 bits (see blend_pixel()), so each is one 16-bit
 * multiplication of a pair of channels by the coverage in both halves
 * of its lane. */
__attribute__ ((target ("avx2")))
static inline __m256i
blend_avx2 (const RowConstants *k,
            __m256i             p,
            __m256i             value)
{
  __m256i ac = _mm256_add_epi32 (_mm256_mullo_epi16 (k->ink_a, value), k->c128);
  __m256i ca = _mm256_srli_epi32 (_mm256_add_epi32 (ac, _mm256_srli_epi32 (ac, 8)), 8);
  __m256i inv = _mm256_shuffle_epi8 (_mm256_sub_epi32 (k->c255, ca), k->pair);
  __m256i value2 = _mm256_shuffle_epi8 (value, k->pair);
  __m256i rb = _mm256_add_epi32 (_mm256_mullo_epi16 (k->ink_rb, value2),
                                 _mm256_mullo_epi16 (_mm256_and_si256 (p, k->mask_rb), inv));
  __m256i ag = _mm256_add_epi32 (_mm256_mullo_epi16 (k->ink_ag, value2),
                                 _mm256_mullo_epi16 (_mm256_and_si256 (_mm256_srli_epi32 (p, 8), k->mask_rb), inv));

  rb = div255_pair_avx2 (rb);
  ag = div255_pair_avx2 (ag);
  return _mm256_or_si256 (_mm256_or_si256 (rb, _mm256_slli_epi32 (ag, 8)), k->alpha);
}

/* The columns [@c0, @c1) of one row, from (u, v) = (@uu, @vv) at column
 * @c0 on, covered along the line as @mode says. In a row of the interior
 * every column lies wholly within the stretch and clear of both cuts, so
 * only the distance across the line matters. */
__attribute__ ((target ("avx2,fma")))
static inline __attribute__ ((always_inline)) void
row_avx2 (const RowConstants *k,
          guint32            *dst,
          int                 c0,
          int                 c1,
          __m256              uu,
          __m256              vv,
          __m256              ux8,
          __m256              uy8,
          RowsMode            mode)
{
  const __m256i lane_index = _mm256_setr_epi32 (0, 1, 2, 3, 4, 5, 6, 7);

  for (int col = c0; col < c1; col += 8, uu = _mm256_add_ps (uu, ux8), vv = _mm256_add_ps (vv, uy8))
    {
      __m256 d = _mm256_andnot_ps (k->sign, vv);
      __m256 c = _mm256_sub_ps (_mm256_min_ps (_mm256_add_ps (d, k->point5), k->half),
                                _mm256_max_ps (_mm256_sub_ps (d, k->point5), k->neg_half));
      __m256i take = _mm256_cmpgt_epi32 (_mm256_set1_epi32 (c1 - col), lane_index);
      __m256i value, p;

      c = _mm256_min_ps (_mm256_max_ps (c, k->zero), k->one);
      if (mode == ROWS_DASHED)
        {
          /* The pixel's window along the line, cut to the stretch, from
           * the start of the period it lies in. */
          __m256 shift = _mm256_sub_ps (_mm256_mul_ps (_mm256_floor_ps (_mm256_mul_ps (_mm256_add_ps (uu, k->offset),
                                                                                        k->inv_period)),
                                                       k->period),
                                        k->offset);
          __m256 lo = _mm256_sub_ps (_mm256_max_ps (_mm256_sub_ps (uu, k->point5), k->lo_along), shift);
          __m256 hi = _mm256_sub_ps (_mm256_min_ps (_mm256_add_ps (uu, k->point5), k->hi_along), shift);
          __m256 along = k->zero;

          for (guint t = 0; t < k->n_dash_terms; t++)
            along = _mm256_add_ps (along, _mm256_max_ps (_mm256_sub_ps (_mm256_min_ps (hi, k->dash_hi[t]),
                                                                        _mm256_max_ps (lo, k->dash_lo[t])),
                                                         k->zero));
          c = _mm256_mul_ps (c, _mm256_min_ps (along, k->one));
        }
      else if (mode == ROWS_ALONG)
        {
          __m256 along = _mm256_sub_ps (_mm256_min_ps (_mm256_add_ps (uu, k->point5), k->hi_along),
                                        _mm256_max_ps (_mm256_sub_ps (uu, k->point5), k->lo_along));

          along = _mm256_min_ps (_mm256_max_ps (along, k->zero), k->one);
          c = _mm256_mul_ps (c, along);
          if (k->cut_start)
            c = _mm256_and_ps (c, _mm256_cmp_ps (uu, k->zero, _CMP_GE_OQ));
          if (k->cut_end)
            c = _mm256_and_ps (c, _mm256_cmp_ps (uu, k->len, _CMP_LT_OQ));
        }
      value = _mm256_cvttps_epi32 (_mm256_fmadd_ps (c, k->scale255, k->point5));
      p = _mm256_maskload_epi32 ((const int *) (dst + col), take);
      _mm256_maskstore_epi32 ((int *) (dst + col), take, blend_avx2 (k, p, value));
    }
}

/* The line whose rows are covered: from (x0, y0) along (ux, uy); the
 * centre line crosses row r at x0 + (r + 0.5 - y0) step, and the stroke
 * spans band either side of that, within the columns [lo, hi]. */
typedef struct
{
  double x0, y0, ux, uy, band, step, lo, hi;
} RowLine;

/* Where each of the rows [@r0, @r0 + 8) of @line starts and ends, and
 * (u, v) at its first column, four rows to a vector of doubles. An empty
 * row ends where it starts. */
__attribute__ ((target ("avx2,fma")))
static inline __attribute__ ((always_inline)) void
row_starts_avx2 (const RowLine *line,
                 int            r0,
                 gint32        *c0s,
                 gint32        *c1s,
                 float         *us,
                 float         *vs)
{
  for (int h = 0; h < 8; h += 4)
    {
      __m256d ry = _mm256_add_pd (_mm256_setr_pd (r0 + h, r0 + h + 1, r0 + h + 2, r0 + h + 3),
                                  _mm256_set1_pd (0.5 - line->y0));
      __m256d cross = _mm256_fmadd_pd (ry, _mm256_set1_pd (line->step), _mm256_set1_pd (line->x0));
      __m256d lo = _mm256_max_pd (_mm256_sub_pd (cross, _mm256_set1_pd (line->band)), _mm256_set1_pd (line->lo));
      __m256d hi = _mm256_min_pd (_mm256_add_pd (cross, _mm256_set1_pd (line->band)), _mm256_set1_pd (line->hi));
      __m256d first = _mm256_floor_pd (lo);
      __m256d end = _mm256_blendv_pd (first, _mm256_ceil_pd (hi), _mm256_cmp_pd (hi, lo, _CMP_GT_OQ));
      /* (u, v) at (first + 0.5, r + 0.5), from (x0, y0). */
      __m256d dx = _mm256_add_pd (first, _mm256_set1_pd (0.5 - line->x0));
      __m256d u = _mm256_fmadd_pd (dx, _mm256_set1_pd (line->ux), _mm256_mul_pd (ry, _mm256_set1_pd (line->uy)));
      __m256d v = _mm256_fmsub_pd (dx, _mm256_set1_pd (line->uy), _mm256_mul_pd (ry, _mm256_set1_pd (line->ux)));

      _mm_storeu_si128 ((__m128i *) (c0s + h), _mm256_cvttpd_epi32 (first));
      _mm_storeu_si128 ((__m128i *) (c1s + h), _mm256_cvttpd_epi32 (end));
      _mm_storeu_ps (us + h, _mm256_cvtpd_ps (u));
      _mm_storeu_ps (vs + h, _mm256_cvtpd_ps (v));
    }
}

/* The rows [@r0, @r1) of @line, all in one @mode. */
__attribute__ ((target ("avx2,fma")))
static inline __attribute__ ((always_inline)) void
rows_run_avx2 (const EntRaster    *raster,
               const RowConstants *k,
               const RowLine      *line,
               int                 r0,
               int                 r1,
               RowsMode            mode)
{
  const __m256 lanes = _mm256_setr_ps (0, 1, 2, 3, 4, 5, 6, 7);
  const __m256 ux_ps = _mm256_set1_ps ((float) line->ux), uy_ps = _mm256_set1_ps ((float) line->uy);
  const __m256 ux8 = _mm256_set1_ps ((float) (8 * line->ux)), uy8 = _mm256_set1_ps ((float) (8 * line->uy));
  gsize stride = (gsize) raster->stride / sizeof (guint32);
  guint32 *dst = pixel_row (raster, r0);

  for (int row = r0; row < r1; row += 8, dst += 8 * stride)
    {
      gint32 c0s[8], c1s[8];
      float us[8], vs[8];
      int n = MIN (8, r1 - row);

      row_starts_avx2 (line, row, c0s, c1s, us, vs);
      for (int i = 0; i < n; i++)
        {
          __m256 uu, vv;

          if (c1s[i] <= c0s[i])
            continue;
          uu = mode == ROWS_INTERIOR ? k->zero : _mm256_fmadd_ps (lanes, ux_ps, _mm256_set1_ps (us[i]));
          vv = _mm256_fmadd_ps (lanes, uy_ps, _mm256_set1_ps (vs[i]));
          row_avx2 (k, dst + (gsize) i * stride, c0s[i], c1s[i], uu, vv, ux8, uy8, mode);
        }
    }
}

/* Whether the vector rows may cover the line from (@x0, @y0) to (@x1,
 * @y1): single precision is exact enough while it lies within a few
 * thousand pixels of the mask's corner. */
static inline gboolean
vector_rows_fit (const EntRaster *raster,
                 double           x0,
                 double           y0,
                 double           x1,
                 double           y1)
{
  return raster->vectors && raster->mask_width <= 8192 && raster->clip_y1 - raster->clip_y0 <= 8192 &&
         fabs (x0) < 8192 && fabs (y0) < 8192 && fabs (x1) < 8192 && fabs (y1) < 8192;
}

/* The rows [@r0, @r1) of a butt-ended stretch of the line from (@x0,
 * @y0) along (@ux, @uy), as the scalar loops in cover_stretch() do them,
 * eight pixels at a time: the coverage across and along the line in
 * single precision, nothing before the start of a joint end nor from the
 * end of the other, and the blend of blend_pixel().
 *
 * Most rows of a slanted line lie wholly within the stretch: a column
 * of row r within the stroke's span is at most m = (band + 0.5) |ux|
 * along the line from where the centre line crosses the row, at u =
 * (r + 0.5 - y0) / uy. Those rows are done without the coverage along
 * the line, which is whole there. */
__attribute__ ((target ("avx2,fma")))
static void
rows_avx2 (EntRaster          *raster,
           const RowConstants *k,
           double              x0,
           double              y0,
           double              ux,
           double              uy,
           double              band,
           double              step,
           double              seg_x0,
           double              seg_x1,
           int                 r0,
           int                 r1)
{
  const RowLine line = {
    x0, y0, ux, uy, band, step, MAX (seg_x0, 0.0), MIN (seg_x1, (double) raster->mask_width),
  };
  int i0 = r1, i1 = r1;

  if (r1 <= r0)
    return;
  if (k->n_dash_terms > 0)
    {
      rows_run_avx2 (raster, k, &line, r0, r1, ROWS_DASHED);
      return;
    }
  if (band < G_MAXDOUBLE)
    {
      /* Clear of the ends by a margin of more than single precision's
       * error within 8192 pixels of the corner. */
      double m = (band + 0.5) * fabs (ux) + 0.01;
      double lo_u = MAX (k->lo_along_d + 0.5, k->cut_start ? 0.0 : -1e30) + m;
      double hi_u = MIN (k->hi_along_d - 0.5, k->cut_end ? k->len_d : 1e30) - m;

      if (lo_u <= hi_u)
        {
          /* The rows whose u = (r + 0.5 - y0) / uy lies in [lo_u, hi_u]. */
          double a = lo_u * uy + y0 - 0.5, b = hi_u * uy + y0 - 0.5;
          double first = ceil (MIN (a, b)), last = floor (MAX (a, b));

          first = CLAMP (first, (double) r0, (double) r1);
          last = CLAMP (last + 1, first, (double) r1);
          i0 = (int) first;
          i1 = (int) last;
        }
    }
  rows_run_avx2 (raster, k, &line, r0, i0, ROWS_ALONG);
  rows_run_avx2 (raster, k, &line, i0, i1, ROWS_INTERIOR);
  rows_run_avx2 (raster, k, &line, i1, r1, ROWS_ALONG);
}
#endif

/* The coverage of the stretch [@s0, @s1] of the line from (@x0, @y0)
 * along (@ux, @uy), which runs from (@ax, @ay) to (@bx, @by), in mask
 * coordinates, of half width @half. A round end covers what lies within
 * @half of it; a joint end covers nothing beyond it, so that when strokes
 * are blended at once each pixel of a gently curving polyline is blended
 * by one segment (joints only at @s0 = 0). Only the mask rows [@row_lo,
 * @row_hi) are covered. */
static void
cover_stretch (EntRaster *raster,
               const Ink *ink,
               gboolean   direct,
               double     x0,
               double     y0,
               double     ux,
               double     uy,
               double     half,
               SegmentEnd start,
               SegmentEnd end,
               double     s0,
               double     s1,
               double     ax,
               double     ay,
               double     bx,
               double     by,
               int        row_lo,
               int        row_hi)
{
  gboolean butt_start = start == END_BUTT, butt_end = end == END_BUTT;
  gboolean cut_start = start == END_JOINT, cut_end = end == END_JOINT;
  double reach = half + 0.5, band, step;
  double lo_along = butt_start ? s0 : -G_MAXDOUBLE;
  double hi_along = butt_end ? s1 : G_MAXDOUBLE;
  double seg_x0, seg_x1;
  int w = raster->mask_width;
  int h = raster->clip_y1 - raster->clip_y0;
  int r0, r1;

  /* Across a row, the stroke spans reach / |sin| either side of where
   * the centre line crosses it, and no further than the ends' discs. */
  band = fabs (uy) > 1e-9 ? reach / fabs (uy) : G_MAXDOUBLE;
  step = fabs (uy) > 1e-9 ? ux / uy : 0.0;
  seg_x0 = MIN (ax, bx) - reach;
  seg_x1 = MAX (ax, bx) + reach;

  r0 = MAX ((int) floor (MIN (ay, by) - reach), MAX (row_lo, 0));
  r1 = MIN ((int) ceil (MAX (ay, by) + reach), MIN (row_hi, h));
#ifdef HAVE_ROW_AVX2
  if (direct && vector_rows_fit (raster, x0, y0, bx, by))
    {
      RowConstants k;

      row_constants_init (&k, raster, ink, half, s1, cut_start, cut_end);
      row_constants_set_along (&k, lo_along, hi_along);
      rows_avx2 (raster, &k, x0, y0, ux, uy, band, step, seg_x0, seg_x1, r0, r1);
      return;
    }
#endif
  for (int row = r0; row < r1; row++)
    {
      double yc = row + 0.5, ry = yc - y0;
      double lo = seg_x0, hi = seg_x1;
      guint8 *m = raster->mask + (gsize) row * (gsize) w;
      guint32 *dst = direct ? pixel_row (raster, row) : NULL;
      double u, v;
      int c0, c1, first = G_MAXINT, last = G_MININT;

      if (band < G_MAXDOUBLE)
        {
          double cross = x0 + ry * step;

          lo = MAX (lo, cross - band);
          hi = MIN (hi, cross + band);
        }
      if (hi <= 0 || lo >= w || hi <= lo)
        continue;
      /* floor and ceil of what lies within [0, w]: a cast truncates. */
      hi = MIN (hi, (double) w);
      c0 = lo <= 0 ? 0 : (int) lo;
      c1 = (int) hi;
      c1 += c1 < hi;
      /* The mask is the clip's size; the pixels of a queued segment's
       * band are in the cache already. */
      if (dst == NULL && row + 3 < r1)
        __builtin_prefetch (m + 3 * (gsize) w + c0, 1);
      /* Along and across the segment from the first column, then by
       * steps of one column. */
      u = (c0 + 0.5 - x0) * ux + ry * uy;
      v = (c0 + 0.5 - x0) * uy - ry * ux;
      if (dst != NULL && MIN (u, u + (c1 - 1 - c0) * ux) >= s0 + 0.5 &&
          MAX (u, u + (c1 - 1 - c0) * ux) <= s1 - 0.5)
        {
          /* Clear of both ends, which is most of a long segment: only
           * the distance across matters. */
          for (int col = c0; col < c1; col++, v += uy)
            {
              double d = fabs (v);
              double c = MIN (d + 0.5, half) - MAX (d - 0.5, -half);

              if (c > 0)
                blend_pixel (raster, ink, dst + col, (guint32) (MIN (c, 1.0) * 255.0 + 0.5));
            }
          continue;
        }
      for (int col = c0; col < c1; col++, u += ux, v += uy)
        {
          double d, along, c;
          int value;

          if ((cut_start && u < s0) || (cut_end && u >= s1))
            continue;
          if (u < s0 && !butt_start)
            d = sqrt ((col + 0.5 - ax) * (col + 0.5 - ax) + (yc - ay) * (yc - ay));
          else if (u > s1 && !butt_end)
            d = sqrt ((col + 0.5 - bx) * (col + 0.5 - bx) + (yc - by) * (yc - by));
          else
            d = fabs (v);
          c = MIN (d + 0.5, half) - MAX (d - 0.5, -half);
          if (c <= 0)
            continue;
          along = MIN (u + 0.5, hi_along) - MAX (u - 0.5, lo_along);
          if (along <= 0)
            continue;
          value = (int) (MIN (c, 1.0) * MIN (along, 1.0) * 255.0 + 0.5);
          if (dst != NULL)
            {
              blend_pixel (raster, ink, dst + col, (guint32) value);
              continue;
            }
          if (value > m[col])
            m[col] = (guint8) value;
          first = MIN (first, col);
          last = col;
        }
      if (first <= last)
        {
          raster->span_x0[row] = MIN (raster->span_x0[row], first);
          raster->span_x1[row] = MAX (raster->span_x1[row], last + 1);
          raster->row0 = MIN (raster->row0, row);
          raster->row1 = MAX (raster->row1, row + 1);
        }
    }
}

/* The coverage of the segment (x0, y0)-(x1, y1), in mask coordinates, of
 * half width @half, with its ends (see cover_stretch()), in the mask rows
 * [@row_lo, @row_hi). */
static void
cover_rows (EntRaster *raster,
            const Ink *ink,
            gboolean   direct,
            double     x0,
            double     y0,
            double     x1,
            double     y1,
            double     half,
            SegmentEnd start,
            SegmentEnd end,
            int        row_lo,
            int        row_hi)
{
  double dx = x1 - x0, dy = y1 - y0;
  double len = sqrt (dx * dx + dy * dy);

  if (len < FLAT_SEGMENT)
    {
      /* A point: a dot with round caps, nothing with butt ones. */
      if (start != END_ROUND || end != END_ROUND)
        return;
      cover_stretch (raster, ink, direct, x0, y0, 1.0, 0.0, half, start, end, 0.0, 0.0,
                     x0, y0, x1, y1, row_lo, row_hi);
      return;
    }
  cover_stretch (raster, ink, direct, x0, y0, dx / len, dy / len, half, start, end, 0.0, len,
                 x0, y0, x1, y1, row_lo, row_hi);
}

static void image_rows (EntRaster        *raster,
                        const QueuedItem *item,
                        int               row_lo,
                        int               row_hi);

/* The dashes of a straight dashed stroke (QUEUED_DASHES) in the mask rows
 * [@row_lo, @row_hi): those of them that can touch these rows and the
 * clip's columns, each a stretch of the one line, butt-ended. */
static void
cover_dashes (EntRaster        *raster,
              const QueuedItem *item,
              int               row_lo,
              int               row_hi)
{
  const double *pattern = &g_array_index (raster->dash_data, double, item->segment.dash_first);
  const double *dashes = pattern + 2;
  double offset = pattern[0], period = pattern[1];
  double x0 = item->segment.x0, y0 = item->segment.y0, half = item->segment.half;
  double x1 = item->segment.x1, y1 = item->segment.y1;
  double dx = x1 - x0, dy = y1 - y0;
  double len = sqrt (dx * dx + dy * dy), reach = half + 0.5;
  double ux, uy, u_lo = 0.0, u_hi = len;
  int lo = MAX (row_lo, 0), hi = MIN (row_hi, raster->clip_y1 - raster->clip_y0);
  guint n = item->segment.n_dashes;

  if (len < FLAT_SEGMENT || hi <= lo)
    return;
  ux = dx / len;
  uy = dy / len;
#ifdef HAVE_ROW_AVX2
  /* In vectors, the rows of the whole line at once, each pixel covered
   * along it by the one dash it can meet: the gaps are a pixel or more
   * (see ent_raster_stroke()), so what each dash's own rows would give. */
  if (vector_rows_fit (raster, x0, y0, x1, y1))
    {
      RowConstants k;

      row_constants_init (&k, raster, &item->segment.ink, half, len, FALSE, FALSE);
      row_constants_set_along (&k, 0.0, len);
      row_constants_set_dashes (&k, dashes, n, period, offset);
      rows_avx2 (raster, &k, x0, y0, ux, uy,
                 fabs (uy) > 1e-9 ? reach / fabs (uy) : G_MAXDOUBLE, fabs (uy) > 1e-9 ? ux / uy : 0.0,
                 MIN (x0, x1) - reach, MAX (x0, x1) + reach,
                 MAX ((int) floor (MIN (y0, y1) - reach), lo), MIN ((int) ceil (MAX (y0, y1) + reach), hi));
      return;
    }
#endif
  /* The dashes that can touch these rows and the clip's columns. */
  if (fabs (uy) > 1e-9)
    {
      double a = (lo - reach - y0) / uy, b = (hi + reach - y0) / uy;

      u_lo = MAX (u_lo, MIN (a, b));
      u_hi = MIN (u_hi, MAX (a, b));
    }
  if (fabs (ux) > 1e-9)
    {
      double a = (-reach - x0) / ux, b = (raster->mask_width + reach - x0) / ux;

      u_lo = MAX (u_lo, MIN (a, b));
      u_hi = MIN (u_hi, MAX (a, b));
    }
  /* The pattern starts over at n period - offset; a dash on from there,
   * then a gap, and so on. */
  for (double n_period = floor ((u_lo + offset) / period); n_period * period - offset <= u_hi; n_period++)
    {
      double at = n_period * period - offset;

      for (guint j = 0; j + 1 < n; j += 2)
        {
          double a = MAX (at, 0.0), b = MIN (at + dashes[j], len);
          double ax = x0 + a * ux, ay = y0 + a * uy, bx = x0 + b * ux, by = y0 + b * uy;

          at += dashes[j] + dashes[j + 1];
          if (b - a < FLAT_SEGMENT || b < u_lo || a > u_hi)
            continue;
          cover_stretch (raster, &item->segment.ink, TRUE, x0, y0, ux, uy, half, END_BUTT, END_BUTT, a, b,
                         ax, ay, bx, by, row_lo, row_hi);
        }
    }
}

/* Blends the queued segments and copies the queued images crossing band
 * @band, in the order they came. */
static void
flush_band (EntRaster *raster,
            int        band)
{
  const QueuedItem *q = (const QueuedItem *) (gpointer) raster->queue->data;
  int lo = raster->flush_lo + band * BAND_ROWS, hi = lo + BAND_ROWS;

  for (guint k = raster->band_first[band]; k < raster->band_first[band + 1]; k++)
    {
      guint i = raster->band_items[k];

      if (q[i].kind == QUEUED_IMAGE)
        image_rows (raster, &q[i], lo, hi);
      else if (q[i].kind == QUEUED_DASHES)
        cover_dashes (raster, &q[i], lo, hi);
      else
        cover_rows (raster, &q[i].segment.ink, TRUE, q[i].segment.x0, q[i].segment.y0,
                    q[i].segment.x1, q[i].segment.y1, q[i].segment.half,
                    (SegmentEnd) q[i].start, (SegmentEnd) q[i].end, lo, hi);
    }
}

/* Bands are claimed one at a time from a word holding the flush's
 * generation and the next band, so a thread that comes late finds
 * nothing left (or a later flush) and leaves: nobody waits for a thread
 * that has not started. */
#define CLAIM_BAND_BITS 12
#define CLAIM_BAND_MASK ((1 << CLAIM_BAND_BITS) - 1)
#define CLAIM_GEN_MASK  0x7ffff

static void
claim_bands (EntRaster *raster,
             int        generation)
{
  for (;;)
    {
      int word = g_atomic_int_get (&raster->claim);
      int band = word & CLAIM_BAND_MASK;

      if (((word >> CLAIM_BAND_BITS) & CLAIM_GEN_MASK) != generation ||
          band >= g_atomic_int_get (&raster->n_bands))
        return;
      if (g_atomic_int_compare_and_exchange (&raster->claim, word, word + 1))
        flush_band (raster, band);
    }
}

static void
flush_worker (gpointer data,
              gpointer user_data)
{
  EntRaster *raster = user_data;
  int generation = GPOINTER_TO_INT (data) >> 1;

  /* Counted before claiming: the flush waits for whoever may hold a band. */
  g_atomic_int_inc (&raster->in_flight);
  claim_bands (raster, generation);
  if (g_atomic_int_dec_and_test (&raster->in_flight))
    {
      g_mutex_lock (&raster->lock);
      g_cond_signal (&raster->done);
      g_mutex_unlock (&raster->lock);
    }
}

static gboolean
ensure_pool (EntRaster *raster)
{
  if (raster->pool == NULL)
    {
      raster->pool = g_thread_pool_new (flush_worker, raster, raster->n_threads - 1, TRUE, NULL);
      if (raster->pool == NULL)
        raster->n_threads = 1;
    }
  return raster->pool != NULL;
}

/* Lists each band's items, in the order they came: a counting sort. A
 * band then looks only at what crosses it, not at the whole queue. */
static void
sort_into_bands (EntRaster *raster)
{
  QueuedItem *q = (QueuedItem *) (gpointer) raster->queue->data;
  guint n = raster->queue->len;
  int n_bands = raster->n_bands;
  gsize total = 0;

  if ((gsize) n_bands + 1 > raster->band_first_size)
    {
      raster->band_first_size = (gsize) n_bands + 1;
      raster->band_first = g_renew (guint, raster->band_first, raster->band_first_size);
    }
  memset (raster->band_first, 0, ((gsize) n_bands + 1) * sizeof (guint));
  for (guint i = 0; i < n; i++)
    {
      /* Rows from the flush's first, which is where band 0 starts. */
      int r0 = MAX (q[i].r0, raster->flush_lo) - raster->flush_lo;
      int r1 = MIN (q[i].r1, raster->flush_hi) - raster->flush_lo;

      q[i].b0 = r0 / BAND_ROWS;
      q[i].b1 = r1 > r0 ? (r1 - 1) / BAND_ROWS + 1 : q[i].b0;
      for (int b = q[i].b0; b < q[i].b1; b++)
        raster->band_first[b + 1]++;
      total += (gsize) (q[i].b1 - q[i].b0);
    }
  for (int b = 0; b < n_bands; b++)
    raster->band_first[b + 1] += raster->band_first[b];
  if (total > raster->band_items_size)
    {
      raster->band_items_size = MAX (total, 2 * raster->band_items_size);
      raster->band_items = g_renew (guint, raster->band_items, raster->band_items_size);
    }
  /* band_first[b] walks through band b's slots, and ends where band
   * b + 1 starts: shift back afterwards. */
  for (guint i = 0; i < n; i++)
    for (int b = q[i].b0; b < q[i].b1; b++)
      raster->band_items[raster->band_first[b]++] = i;
  for (int b = n_bands; b > 0; b--)
    raster->band_first[b] = raster->band_first[b - 1];
  raster->band_first[0] = 0;
}

/* Queues @item, which touches some rows of the clip. */
static void
enqueue (EntRaster        *raster,
         const QueuedItem *item)
{
  int r0 = MAX (item->r0, 0), r1 = MIN (item->r1, raster->clip_y1 - raster->clip_y0);

  raster->queue_lo = MIN (raster->queue_lo, r0);
  raster->queue_hi = MAX (raster->queue_hi, r1);
  raster->queue_rows += r1 - r0;
  g_array_append_vals (raster->queue, item, 1);
  if (raster->queue->len >= QUEUE_MAX)
    flush_queue (raster);
}

/* Blends the queued segments, band by band; with more than one thread,
 * the helpers and this one claim the bands as they go, and no two
 * threads ever touch the same row. */
static void
flush_queue (EntRaster *raster)
{
  const QueuedItem *q = (const QueuedItem *) (gpointer) raster->queue->data;
  guint n = raster->queue->len;
  gint64 rows = raster->queue_rows;

  if (n == 0)
    return;
  raster->flush_lo = raster->queue_lo / BAND_ROWS * BAND_ROWS;
  raster->flush_hi = raster->queue_hi;
  raster->queue_lo = G_MAXINT;
  raster->queue_hi = 0;
  raster->queue_rows = 0;
  g_atomic_int_set (&raster->n_bands, MAX (raster->flush_hi - raster->flush_lo + BAND_ROWS - 1, 0) / BAND_ROWS);
  sort_into_bands (raster);
  if (raster->n_threads > 1 && raster->n_bands > 1 && raster->n_bands < CLAIM_BAND_MASK &&
      rows >= raster->min_shared_rows && ensure_pool (raster))
    {
      int generation = raster->generation = (raster->generation + 1) & CLAIM_GEN_MASK;

      g_atomic_int_set (&raster->claim, generation << CLAIM_BAND_BITS);
      for (int t = 1; t < raster->n_threads; t++)
        g_thread_pool_push (raster->pool, GINT_TO_POINTER (generation << 1 | 1), NULL);
      claim_bands (raster, generation);
      g_mutex_lock (&raster->lock);
      while (g_atomic_int_get (&raster->in_flight) > 0)
        g_cond_wait (&raster->done, &raster->lock);
      g_mutex_unlock (&raster->lock);
      /* No band is left for a helper that starts after this, even once
       * the next flush has set its bands and before it sets this word. */
      g_atomic_int_set (&raster->claim, generation << CLAIM_BAND_BITS | CLAIM_BAND_MASK);
    }
  else
    for (int band = 0; band < raster->n_bands; band++)
      flush_band (raster, band);
  for (guint i = 0; i < n; i++)
    if (q[i].kind == QUEUED_IMAGE)
      cairo_surface_destroy (q[i].image.surface);
  g_array_set_size (raster->queue, 0);
  g_array_set_size (raster->dash_data, 0);
}

/* Covers a segment: at once through the mask, or queued when it can be
 * blended directly. */
static void
cover_segment (EntRaster *raster,
               double     x0,
               double     y0,
               double     x1,
               double     y1,
               double     half,
               SegmentEnd start,
               SegmentEnd end)
{
  QueuedItem q;
  double reach = half + 0.5;

  if (!raster->direct || !raster->banded)
    {
      cover_rows (raster, &raster->ink, raster->direct, x0, y0, x1, y1, half, start, end, 0, G_MAXINT);
      return;
    }
  q.kind = QUEUED_SEGMENT;
  q.segment.x0 = x0;
  q.segment.y0 = y0;
  q.segment.x1 = x1;
  q.segment.y1 = y1;
  q.segment.half = half;
  q.r0 = (int) floor (MIN (y0, y1) - reach);
  q.r1 = (int) ceil (MAX (y0, y1) + reach);
  if (q.r1 <= 0 || q.r0 >= raster->clip_y1 - raster->clip_y0)
    return;
  q.start = (guint8) start;
  q.end = (guint8) end;
  q.segment.ink = raster->ink;
  enqueue (raster, &q);
}

/* A straight stroke from (x0, y0) to (x1, y1) with butt-ended dashes a
 * pixel or more apart, @n_dashes (even) of them in device px, the
 * pattern @offset into it at the start: queued whole, its dashes found
 * band by band, or covered at once. */
static void
cover_dashed_segment (EntRaster    *raster,
                      double        x0,
                      double        y0,
                      double        x1,
                      double        y1,
                      double        half,
                      const double *dashes,
                      guint         n_dashes,
                      double        period,
                      double        offset)
{
  QueuedItem q;
  double reach = half + 0.5;

  q.kind = QUEUED_DASHES;
  q.segment.x0 = x0;
  q.segment.y0 = y0;
  q.segment.x1 = x1;
  q.segment.y1 = y1;
  q.segment.half = half;
  q.segment.ink = raster->ink;
  q.segment.dash_first = raster->dash_data->len;
  q.segment.n_dashes = n_dashes;
  q.start = q.end = END_BUTT;
  q.r0 = (int) floor (MIN (y0, y1) - reach);
  q.r1 = (int) ceil (MAX (y0, y1) + reach);
  if (q.r1 <= 0 || q.r0 >= raster->clip_y1 - raster->clip_y0)
    return;
  g_array_append_vals (raster->dash_data, (double[]) { offset, period }, 2);
  g_array_append_vals (raster->dash_data, dashes, n_dashes);
  if (!raster->banded)
    {
      cover_dashes (raster, &q, 0, G_MAXINT);
      g_array_set_size (raster->dash_data, q.segment.dash_first);
      return;
    }
  enqueue (raster, &q);
}

/* A polyline of mask coordinates with its caps; joins are round. */
static void
cover_polyline (EntRaster    *raster,
                const double *p,
                guint         n,
                double        half,
                gboolean      round_caps)
{
  SegmentEnd cap = round_caps ? END_ROUND : END_BUTT;
  SegmentEnd joint = raster->direct ? END_JOINT : END_ROUND;

  if (n == 1)
    {
      if (round_caps)
        cover_segment (raster, p[0], p[1], p[0], p[1], half, END_ROUND, END_ROUND);
      return;
    }
  for (guint k = 0; k + 1 < n; k++)
    cover_segment (raster, p[2 * k], p[2 * k + 1], p[2 * k + 2], p[2 * k + 3], half,
                   k == 0 ? cap : joint, k + 2 == n ? cap : joint);
}

/* Blends the stroke's colour into every pixel the mask covers, and
 * clears the mask. */
static void
composite (EntRaster *raster)
{
  for (int row = raster->row0; row < raster->row1; row++)
    {
      int x0 = raster->span_x0[row], x1 = raster->span_x1[row];
      guint8 *m = raster->mask + (gsize) row * (gsize) raster->mask_width;
      guint32 *dst = pixel_row (raster, row);

      /* Rows are far apart in memory: ask for the ones ahead early. */
      if (row + 4 < raster->row1 && raster->span_x0[row + 4] < raster->span_x1[row + 4])
        {
          int ahead = raster->span_x0[row + 4];

          __builtin_prefetch (pixel_row (raster, row + 4) + ahead, 1);
          __builtin_prefetch (raster->mask + (gsize) (row + 4) * (gsize) raster->mask_width + ahead, 1);
        }
      /* A closed outline (a hull's) spans the whole row between its two
       * sides, with nothing between: skip what is clear eight at once. */
      for (int x = x0; x < x1;)
        {
          guint64 word;

          if (x + 8 <= x1 && (memcpy (&word, m + x, sizeof word), word == 0))
            {
              x += 8;
              continue;
            }
          if (m[x] != 0)
            {
              blend_pixel (raster, &raster->ink, dst + x, m[x]);
              m[x] = 0;
            }
          x++;
        }
      raster->span_x0[row] = G_MAXINT;
      raster->span_x1[row] = G_MININT;
    }
  raster->row0 = G_MAXINT;
  raster->row1 = G_MININT;
}

/* ---- Strokes -------------------------------------------------------------- */

static void
piece_add (GArray *piece,
           double  x,
           double  y)
{
  double p[2] = { x, y };

  g_array_append_vals (piece, p, 2);
}

/* The point at arc length @s along the device polyline, searching from
 * segment *@k on. */
static void
point_at (EntRaster *raster,
          double     s,
          guint     *k,
          double    *x,
          double    *y)
{
  const double *p = (const double *) (gpointer) raster->device->data;
  const double *len = (const double *) (gpointer) raster->lengths->data;
  guint n = raster->lengths->len;
  double t;

  while (*k + 2 < n && len[*k + 1] < s)
    (*k)++;
  t = len[*k + 1] > len[*k] ? (s - len[*k]) / (len[*k + 1] - len[*k]) : 0.0;
  t = CLAMP (t, 0.0, 1.0);
  *x = p[2 * *k] + (p[2 * *k + 2] - p[2 * *k]) * t;
  *y = p[2 * *k + 1] + (p[2 * *k + 3] - p[2 * *k + 1]) * t;
}

/* One dash: the stretch [s0, s1] of the device polyline. */
static void
cover_dash (EntRaster *raster,
            double     s0,
            double     s1,
            double     half,
            gboolean   round_caps)
{
  const double *p = (const double *) (gpointer) raster->device->data;
  const double *len = (const double *) (gpointer) raster->lengths->data;
  guint n = raster->lengths->len;
  guint k = 0, k1;
  double x, y;

  g_array_set_size (raster->piece, 0);
  point_at (raster, s0, &k, &x, &y);
  piece_add (raster->piece, x, y);
  k1 = k;
  while (k1 + 1 < n - 1 && len[k1 + 1] < s1)
    {
      piece_add (raster->piece, p[2 * (k1 + 1)], p[2 * (k1 + 1) + 1]);
      k1++;
    }
  point_at (raster, s1, &k1, &x, &y);
  piece_add (raster->piece, x, y);
  cover_polyline (raster, (const double *) (gpointer) raster->piece->data,
                  raster->piece->len / 2, half, round_caps);
}

void
ent_raster_stroke (EntRaster     *raster,
                   const double  *xy,
                   guint          n_points,
                   double         width,
                   gboolean       round_caps,
                   const double  *dashes,
                   guint          n_dashes,
                   double         dash_offset,
                   const EntRgba *color,
                   double         alpha)
{
  double half, total = 0.0, period = 0.0;
  double *p, *len;

  g_return_if_fail (raster != NULL && raster->surface != NULL);
  g_return_if_fail (xy != NULL || n_points == 0);

  if (n_points == 0 || width <= 0 || raster->clip_x1 <= raster->clip_x0 ||
      raster->clip_y1 <= raster->clip_y0 || color->alpha * alpha <= 0)
    return;

  /* Into mask coordinates: device pixels from the clip's corner. */
  g_array_set_size (raster->device, 2 * n_points);
  g_array_set_size (raster->lengths, n_points);
  p = (double *) (gpointer) raster->device->data;
  len = (double *) (gpointer) raster->lengths->data;
  for (guint i = 0; i < n_points; i++)
    {
      p[2 * i] = xy[2 * i] * raster->scale + raster->tx - raster->clip_x0;
      p[2 * i + 1] = xy[2 * i + 1] * raster->scale + raster->ty - raster->clip_y0;
      if (!isfinite (p[2 * i]) || !isfinite (p[2 * i + 1]) ||
          fabs (p[2 * i]) > 1e7 || fabs (p[2 * i + 1]) > 1e7)
        return;
      if (i > 0)
        {
          double dx = p[2 * i] - p[2 * i - 2], dy = p[2 * i + 1] - p[2 * i - 1];

          total += sqrt (dx * dx + dy * dy);
        }
      len[i] = total;
    }
  half = width * raster->scale / 2;

  {
    double a = CLAMP (color->alpha * alpha, 0.0, 1.0);
    double min_gap = G_MAXDOUBLE;
    gboolean direct;

    guint32 src_a = (guint32) (a * 255.0 + 0.5);
    guint32 src_r = (guint32) (CLAMP (color->red, 0.0, 1.0) * a * 255.0 + 0.5);
    guint32 src_g = (guint32) (CLAMP (color->green, 0.0, 1.0) * a * 255.0 + 0.5);
    guint32 src_b = (guint32) (CLAMP (color->blue, 0.0, 1.0) * a * 255.0 + 0.5);
    for (guint i = 1; i < n_dashes; i += 2)
      min_gap = MIN (min_gap, dashes[i] * raster->scale);
    /* Butt-ended strokes whose joints cut cleanly cover a pixel once,
     * and so do their dashes when at least a pixel apart. Round caps
     * overlap at joints and go through the mask. */
    direct = !round_caps && (n_dashes == 0 || min_gap >= 1.0);
    /* What is queued goes first. */
    if (!direct)
      flush_queue (raster);
    raster->direct = direct;
    raster->ink.a = src_a;
    raster->ink.rb = src_r << 16 | src_b;
    raster->ink.ag = src_a << 16 | src_g;
    raster->ink.pixel = src_a << 24 | src_r << 16 | src_g << 8 | src_b;
  }

  for (guint i = 0; i < n_dashes; i++)
    period += MAX (dashes[i], 0.0) * raster->scale;
  if (n_dashes == 0 || period <= 0)
    cover_polyline (raster, p, n_points, half, round_caps);
  else
    {
      /* cairo's layout: the offset walks into the pattern, which starts
       * with a dash that is on. */
      double offset = fmod (dash_offset * raster->scale, period);
      double s = 0.0, remain;
      guint i = 0;
      gboolean on = TRUE;
      guint guard = 0;

      if (offset < 0)
        offset += period;
      if (raster->direct && n_points == 2 && n_dashes % 2 == 0 && n_dashes <= MAX_QUEUED_DASHES)
        {
          double device_dashes[MAX_QUEUED_DASHES];
          gboolean valid = TRUE;

          for (guint k = 0; k < n_dashes; k++)
            {
              device_dashes[k] = dashes[k] * raster->scale;
              valid = valid && device_dashes[k] >= 0;
            }
          if (valid)
            {
              cover_dashed_segment (raster, p[0], p[1], p[2], p[3], half, device_dashes, n_dashes, period, offset);
              return;
            }
        }
      while (offset > 0.0 && offset >= dashes[i] * raster->scale)
        {
          offset -= dashes[i] * raster->scale;
          on = !on;
          i = (i + 1) % n_dashes;
        }
      remain = dashes[i] * raster->scale - offset;
      while (s <= total && guard++ < 1000000)
        {
          double end = MIN (s + remain, total);

          if (on && n_points == 2)
            {
              /* A straight stroke: the dash is a stretch of its one
               * segment, with no polyline to walk. */
              SegmentEnd cap = round_caps ? END_ROUND : END_BUTT;
              double f0 = total > 0 ? s / total : 0.0, f1 = total > 0 ? end / total : 0.0;

              cover_segment (raster,
                             p[0] + (p[2] - p[0]) * f0, p[1] + (p[3] - p[1]) * f0,
                             p[0] + (p[2] - p[0]) * f1, p[1] + (p[3] - p[1]) * f1,
                             half, cap, cap);
            }
          else if (on)
            cover_dash (raster, s, end, half, round_caps);
          s += remain;
          if (s > total)
            break;
          on = !on;
          i = (i + 1) % n_dashes;
          remain = dashes[i] * raster->scale;
        }
    }
  if (!raster->direct)
    composite (raster);
}

/* ---- Images --------------------------------------------------------------- */

static const cairo_user_data_key_t sprite_rows_key;

static const SpriteRow *
sprite_rows (cairo_surface_t *sprite,
             const guint8    *data,
             int              width,
             int              height,
             int              stride)
{
  SpriteRow *rows = cairo_surface_get_user_data (sprite, &sprite_rows_key);

  if (rows != NULL)
    return rows;
  rows = g_new (SpriteRow, MAX (height, 1));
  for (int y = 0; y < height; y++)
    {
      const guint32 *src = (const guint32 *) (gconstpointer) (data + (gsize) y * (gsize) stride);
      SpriteRow *r = &rows[y];
      int x;

      r->first = 0;
      while (r->first < width && src[r->first] == 0)
        r->first++;
      r->end = width;
      while (r->end > r->first && src[r->end - 1] == 0)
        r->end--;
      /* The longest run of opaque pixels. */
      r->opaque0 = r->opaque1 = r->first;
      for (x = r->first; x < r->end;)
        {
          int run = x;

          while (run < r->end && src[run] >> 24 == 255)
            run++;
          if (run - x > r->opaque1 - r->opaque0)
            {
              r->opaque0 = x;
              r->opaque1 = run;
            }
          x = MAX (run, x + 1);
        }
    }
  if (cairo_surface_set_user_data (sprite, &sprite_rows_key, rows, g_free) != CAIRO_STATUS_SUCCESS)
    {
      g_free (rows);
      return NULL;
    }
  return rows;
}

/* The pixels [@c0, @c1) of @src over @dst. */
static inline void
blit_span (guint32       *dst,
           const guint32 *src,
           int            c0,
           int            c1,
           guint32        alpha)
{
  for (int col = c0; col < c1; col++)
    {
      guint32 s = src[col], inv, p;

      if (s == 0)
        continue;
      inv = 255 - (s >> 24);
      if (inv == 0)
        {
          dst[col] = s | alpha;
          continue;
        }
      p = dst[col];
      dst[col] = ((div255_pair ((p & 0x00ff00ffu) * inv) + (s & 0x00ff00ffu)) |
                  ((div255_pair (((p >> 8) & 0x00ff00ffu) * inv) + ((s >> 8) & 0x00ff00ffu)) << 8)) |
                 alpha;
    }
}

/* Device row @row of a queued image: its pixels and the surface's, each
 * indexed by device column, and the columns [*@first, *@end) where the
 * image has ink within the clip. */
static inline void
image_row (const EntRaster  *raster,
           const QueuedItem *item,
           int               row,
           const guint32   **src,
           guint32         **dst,
           int              *first,
           int              *end)
{
  const SpriteRow *r = &item->image.rows[row - item->image.y];

  *src = (const guint32 *) (gconstpointer) (item->image.data + (gsize) (row - item->image.y) * (gsize) item->image.stride) -
         item->image.x;
  *dst = (guint32 *) (gpointer) (raster->pixels + (gsize) row * (gsize) raster->stride);
  *first = MAX (item->image.c0, item->image.x + r->first);
  *end = MIN (item->image.c1, item->image.x + r->end);
}

#ifdef HAVE_ROW_AVX2
/* The rows [@r0, @r1) (device rows) of a queued image, as blit_span()
 * does them, eight pixels at a time, the opaque run included: an opaque
 * pixel of the image replaces the pixel (the blend by 255 - 255 leaves
 * nothing of it) and a clear one leaves it as it was, exactly. */
__attribute__ ((target ("avx2")))
static void
image_rows_avx2 (EntRaster        *raster,
                 const QueuedItem *item,
                 int               r0,
                 int               r1)
{
  const __m256i mask_rb = _mm256_set1_epi32 (0x00ff00ff), c255 = _mm256_set1_epi32 (255);
  const __m256i alpha = _mm256_set1_epi32 (raster->opaque ? (int) 0xff000000u : 0);
  const __m256i lane_index = _mm256_setr_epi32 (0, 1, 2, 3, 4, 5, 6, 7);

  for (int row = r0; row < r1; row++)
    {
      const guint32 *src;
      guint32 *dst;
      int first, end;

      image_row (raster, item, row, &src, &dst, &first, &end);
      for (int col = first; col < end; col += 8)
        {
          __m256i take = _mm256_cmpgt_epi32 (_mm256_set1_epi32 (end - col), lane_index);
          __m256i sv = _mm256_maskload_epi32 ((const int *) (src + col), take);
          __m256i p = _mm256_maskload_epi32 ((const int *) (dst + col), take);
          __m256i inv = _mm256_sub_epi32 (c255, _mm256_srli_epi32 (sv, 24));
          __m256i rb = div255_pair_avx2 (_mm256_mullo_epi32 (_mm256_and_si256 (p, mask_rb), inv));
          __m256i ag = div255_pair_avx2 (_mm256_mullo_epi32 (_mm256_and_si256 (_mm256_srli_epi32 (p, 8), mask_rb), inv));

          rb = _mm256_add_epi32 (rb, _mm256_and_si256 (sv, mask_rb));
          ag = _mm256_add_epi32 (ag, _mm256_and_si256 (_mm256_srli_epi32 (sv, 8), mask_rb));
          _mm256_maskstore_epi32 ((int *) (dst + col), take,
                                  _mm256_or_si256 (_mm256_or_si256 (rb, _mm256_slli_epi32 (ag, 8)), alpha));
        }
    }
}

/* blend_run() eight pixels at a time: returns how many it did. */
__attribute__ ((target ("avx2")))
static int
blend_run_avx2 (const EntRaster *raster,
                guint32         *dst,
                int              n)
{
  const __m256i mask_rb = _mm256_set1_epi32 (0x00ff00ff);
  const __m256i alpha = _mm256_set1_epi32 (raster->opaque ? (int) 0xff000000u : 0);
  const __m256i inv = _mm256_set1_epi32 ((int) (255 - raster->ink.a));
  const __m256i ink_rb = _mm256_set1_epi32 ((int) (raster->ink.rb * 255));
  const __m256i ink_ag = _mm256_set1_epi32 ((int) (raster->ink.ag * 255));
  int i = 0;

  for (; i + 8 <= n; i += 8)
    {
      __m256i p = _mm256_loadu_si256 ((const __m256i *) (dst + i));
      __m256i rb = div255_pair_avx2 (_mm256_add_epi32 (ink_rb, _mm256_mullo_epi32 (_mm256_and_si256 (p, mask_rb), inv)));
      __m256i ag = div255_pair_avx2 (_mm256_add_epi32 (ink_ag, _mm256_mullo_epi32 (_mm256_and_si256 (_mm256_srli_epi32 (p, 8), mask_rb), inv)));

      _mm256_storeu_si256 ((__m256i *) (dst + i), _mm256_or_si256 (_mm256_or_si256 (rb, _mm256_slli_epi32 (ag, 8)), alpha));
    }
  return i;
}
#endif

/* Copies the mask rows [@row_lo, @row_hi) of a queued image. */
static void
image_rows (EntRaster        *raster,
            const QueuedItem *item,
            int               row_lo,
            int               row_hi)
{
  const SpriteRow *rows = item->image.rows;
  int x = item->image.x, y = item->image.y;
  int r0 = MAX (row_lo, item->r0) + raster->clip_y0, r1 = MIN (row_hi, item->r1) + raster->clip_y0;
  guint32 alpha = raster->opaque ? 0xff000000u : 0;

#ifdef HAVE_ROW_AVX2
  if (raster->vectors)
    {
      image_rows_avx2 (raster, item, r0, r1);
      return;
    }
#endif
  for (int row = r0; row < r1; row++)
    {
      const SpriteRow *r = &rows[row - y];
      const guint32 *src;
      guint32 *dst;
      int first, end;
      int opaque0, opaque1;

      image_row (raster, item, row, &src, &dst, &first, &end);
      opaque0 = CLAMP (x + r->opaque0, first, end);
      opaque1 = CLAMP (x + r->opaque1, opaque0, end);

      blit_span (dst, src, first, opaque0, alpha);
      if (opaque1 > opaque0)
        memcpy (dst + opaque0, src + opaque0, (gsize) (opaque1 - opaque0) * sizeof (guint32));
      blit_span (dst, src, opaque1, end, alpha);
    }
}

/* @sprite (ARGB32, premultiplied) over the surface with its top left
 * corner at device pixel (@x, @y), within the clip: what cairo_paint()
 * of it as the source at a whole-pixel offset gives, with the same
 * rounding as pixman, without the cost of a paint per image. The image
 * must not change once copied: what each row holds is kept with it. */
gboolean
ent_raster_blit (EntRaster       *raster,
                 cairo_surface_t *sprite,
                 int              x,
                 int              y)
{
  const guint8 *data;
  const SpriteRow *rows;
  int width, height, stride;
  QueuedItem item;

  g_return_val_if_fail (raster != NULL && raster->surface != NULL, FALSE);

  if (cairo_surface_get_type (sprite) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_image_surface_get_format (sprite) != CAIRO_FORMAT_ARGB32 ||
      (data = cairo_image_surface_get_data (sprite)) == NULL)
    {
      /* The caller paints it with cairo, over what is queued. */
      flush_queue (raster);
      return FALSE;
    }
  width = cairo_image_surface_get_width (sprite);
  height = cairo_image_surface_get_height (sprite);
  stride = cairo_image_surface_get_stride (sprite);
  if ((rows = sprite_rows (sprite, data, width, height, stride)) == NULL)
    {
      flush_queue (raster);
      return FALSE;
    }
  item.kind = QUEUED_IMAGE;
  item.image.rows = rows;
  item.image.data = data;
  item.image.stride = stride;
  item.image.x = x;
  item.image.y = y;
  item.image.c0 = (int) MAX ((gint64) x, (gint64) raster->clip_x0);
  item.image.c1 = (int) MIN ((gint64) x + width, (gint64) raster->clip_x1);
  /* In mask rows, as the segments'. */
  item.r0 = (int) (MAX ((gint64) y, (gint64) raster->clip_y0) - raster->clip_y0);
  item.r1 = (int) (MIN ((gint64) y + height, (gint64) raster->clip_y1) - raster->clip_y0);
  if (item.r1 <= item.r0 || item.image.c1 <= item.image.c0)
    return TRUE;
  if (!raster->banded)
    {
      /* What is queued lies below. */
      flush_queue (raster);
      item.image.surface = sprite;
      image_rows (raster, &item, item.r0, item.r1);
      return TRUE;
    }
  /* Copied with the ties, band by band, in the order they came: held
   * until then, since the caller may drop it. */
  item.image.surface = cairo_surface_reference (sprite);
  enqueue (raster, &item);
  return TRUE;
}

/* ---- Dilation ------------------------------------------------------------- */

/* Up to this radius, r - |o| scaled to 0-255 and a coverage added to it
 * fit in 16 bits, and an uncovered pixel (DILATE_NONE) stays below 0
 * whatever is added to it. */
#define DILATE_MAX_RADIUS 100.0
#define DILATE_NONE       (-30000)

/* Pixels a row of the dilation takes at once: rows are padded to a whole
 * number of them, so the compiler's vector loop needs no scalar tail
 * (for a label's rows of a few dozen pixels, the tail cost as much). */
#define DILATE_BLOCK 16

/* best[x] = max (best[x], from[x] + base) for @w pixels, a multiple of
 * DILATE_BLOCK, for the compiler to vectorise (kept out of line: inlined,
 * it was not). */
static void __attribute__ ((noinline))
reach_row (gint16       *restrict best,
           const gint16 *restrict from,
           gint16                 base,
           int                    w)
{
  for (int x = 0; x < w; x += DILATE_BLOCK)
    for (int k = 0; k < DILATE_BLOCK; k++)
      {
        gint16 v = (gint16) (from[x + k] + base);

        best[x + k] = v > best[x + k] ? v : best[x + k];
      }
}

void
ent_raster_dilate (cairo_surface_t *src,
                   cairo_surface_t *dst,
                   double           radius)
{
  int w = cairo_image_surface_get_width (src);
  int h = cairo_image_surface_get_height (src);
  int src_stride = cairo_image_surface_get_stride (src);
  int dst_stride = cairo_image_surface_get_stride (dst);
  int reach;
  const guint8 *in;
  guint8 *out;

  g_return_if_fail (cairo_image_surface_get_format (src) == CAIRO_FORMAT_A8);
  g_return_if_fail (radius >= 0 && radius <= DILATE_MAX_RADIUS);
  g_return_if_fail (cairo_image_surface_get_format (dst) == CAIRO_FORMAT_A8);
  g_return_if_fail (cairo_image_surface_get_width (dst) == w && cairo_image_surface_get_height (dst) == h);

  cairo_surface_flush (src);
  cairo_surface_flush (dst);
  in = cairo_image_surface_get_data (src);
  out = cairo_image_surface_get_data (dst);
  if (in == NULL || out == NULL)
    return;
  reach = (int) ceil (radius + 0.5);
  /* A pixel of coverage a has its centre about a - 1/2 inside the edge,
   * so a point at o from it lies about |o| - (a - 1/2) outside, and the
   * grown shape covers r + 1/2 minus that of it: r + a - |o|. Each pixel
   * takes the largest of that over the covered pixels within reach: for
   * every offset in the disc, a whole row at once (which the compiler
   * turns into vector maxima), from a copy of the image with a margin
   * of uncovered pixels around it, so no row needs bounds checks. An
   * uncovered pixel reaches nothing: it holds a value no offset's
   * r - |o| can lift above 0. */
  {
    int wb = (w + DILATE_BLOCK - 1) / DILATE_BLOCK * DILATE_BLOCK;
    int side = 2 * reach + 1, pw = wb + 2 * reach, ph = h + 2 * reach;
    int n_offsets = 0;
    g_autofree int *offset_x = g_new (int, side * side);
    g_autofree int *offset_y = g_new (int, side * side);
    g_autofree gint16 *offset_base = g_new (gint16, side * side);
    g_autofree gint16 *padded = g_new (gint16, (gsize) pw * ph);
    g_autofree gint16 *best = g_new (gint16, wb);

    for (int oy = -reach; oy <= reach; oy++)
      for (int ox = -reach; ox <= reach; ox++)
        {
          int base = (int) floor ((radius - sqrt ((double) (ox * ox + oy * oy))) * 255.0 + 0.5);

          if (base <= -255)
            continue;
          offset_x[n_offsets] = ox;
          offset_y[n_offsets] = oy;
          offset_base[n_offsets] = (gint16) base;
          n_offsets++;
        }

    for (gsize i = 0; i < (gsize) pw * ph; i++)
      padded[i] = DILATE_NONE;
    for (int y = 0; y < h; y++)
      {
        const guint8 *row = in + (gsize) y * src_stride;
        gint16 *p = padded + (gsize) (y + reach) * pw + reach;

        for (int x = 0; x < w; x++)
          p[x] = row[x] != 0 ? (gint16) row[x] : DILATE_NONE;
      }

    for (int y = 0; y < h; y++)
      {
        guint8 *d = out + (gsize) y * dst_stride;

        memset (best, 0, (gsize) wb * sizeof (gint16));
        for (int k = 0; k < n_offsets; k++)
          {
            /* The pixel at -o from each of the row's, which reaches it at o. */
            const gint16 *from = padded + (gsize) (y + reach - offset_y[k]) * pw + reach - offset_x[k];
            gint16 base = offset_base[k];

            reach_row (best, from, base, wb);
          }
        for (int x = 0; x < w; x++)
          d[x] = (guint8) MIN (best[x], 255);
      }
  }
  cairo_surface_mark_dirty (dst);
}

/* ---- Convex fills ---------------------------------------------------------- */

/* One side of a convex polygon, from its top vertex down to its bottom
 * one, stepping around the polygon by @step. */
typedef struct
{
  const double *p;
  guint         n;
  int           step;           /* +1 or -1 around the polygon */
  guint         at;             /* the upper end of the first edge left */
  guint         bottom;
} Chain;

static inline guint
chain_next (const Chain *chain,
            guint        i)
{
  return chain->step > 0 ? (i + 1 == chain->n ? 0 : i + 1) : (i == 0 ? chain->n - 1 : i - 1);
}

/* Whether the side from @top stepping by @step reaches @bottom with y
 * never going back up. */
static gboolean
chain_is_monotone (const Chain *chain,
                   guint        top)
{
  for (guint i = top; i != chain->bottom; i = chain_next (chain, i))
    if (chain->p[2 * chain_next (chain, i) + 1] < chain->p[2 * i + 1])
      return FALSE;
  return TRUE;
}

/* The integral over t in [0, 1] of max (0, @u - x), where x runs
 * linearly from @x0 to @x1: how far a side leaves the columns left of
 * @u uncovered, in one piece of a row. */
static inline double
area_left_of (double u,
              double x0,
              double x1)
{
  double lo = MIN (x0, x1), hi = MAX (x0, x1);

  if (u <= lo)
    return 0.0;
  if (u >= hi)
    return u - (x0 + x1) / 2;
  return (u - lo) * (u - lo) / (2 * (hi - lo));
}

/* The piece of the side's edge from vertex @i within the rows [@y0,
 * @y1): its height, and where it crosses the two; FALSE if none. */
static inline gboolean
chain_piece (const Chain *chain,
             guint        i,
             double       y0,
             double       y1,
             double      *d,
             double      *xa,
             double      *xb)
{
  const double *p = chain->p;
  guint j = chain_next (chain, i);
  double ya = p[2 * i + 1], yb = p[2 * j + 1], t0, t1;

  if (yb <= y0 || yb <= ya)
    return FALSE;
  t0 = MAX (ya, y0);
  t1 = MIN (yb, y1);
  *d = t1 - t0;
  *xa = p[2 * i] + (p[2 * j] - p[2 * i]) * (t0 - ya) / (yb - ya);
  *xb = p[2 * i] + (p[2 * j] - p[2 * i]) * (t1 - ya) / (yb - ya);
  return TRUE;
}

/* Adds to @delta[c], over the columns [*@lo, *@hi) the side crosses in
 * the rows [@y0, @y1), how much the share of column c inside the polygon
 * differs, because of this side, from the rows' height: exactly, piece
 * by piece, each piece d high taking d (area_left_of (c + 1) -
 * area_left_of (c)) of column c on its right. A left side leaves what is
 * left of it, a right side what is right of it. */
static void
chain_row (Chain    *chain,
           double    y0,
           double    y1,
           gboolean  is_left,
           float    *delta,
           int       w,
           int      *lo,
           int      *hi)
{
  const double *p = chain->p;
  double d, xa, xb, x_min = G_MAXDOUBLE, x_max = -G_MAXDOUBLE;
  guint i;

  /* Edges wholly above the rows are done with. */
  while (chain->at != chain->bottom && p[2 * chain_next (chain, chain->at) + 1] <= y0)
    chain->at = chain_next (chain, chain->at);
  for (i = chain->at; i != chain->bottom && p[2 * i + 1] < y1; i = chain_next (chain, i))
    if (chain_piece (chain, i, y0, y1, &d, &xa, &xb))
      {
        x_min = MIN (x_min, MIN (xa, xb));
        x_max = MAX (x_max, MAX (xa, xb));
      }
  if (x_min > x_max)
    {
      *lo = *hi = 0;
      return;
    }
  *lo = (int) CLAMP (floor (x_min), 0, w);
  *hi = (int) CLAMP (ceil (x_max), 0, w);
  if (*hi == *lo && *hi < w && x_max >= *hi)
    (*hi)++;
  for (i = chain->at; i != chain->bottom && p[2 * i + 1] < y1; i = chain_next (chain, i))
    if (chain_piece (chain, i, y0, y1, &d, &xa, &xb))
      for (int c = *lo; c < *hi; c++)
        {
          double right = d * (area_left_of (c + 1.0, xa, xb) - area_left_of ((double) c, xa, xb));

          delta[c] += (float) (is_left ? right - d : -right);
        }
}

/* @n pixels from @dst blended with the ink at full coverage, as
 * blend_pixel() does them. */
static void
blend_run (const EntRaster *raster,
           guint32         *dst,
           int              n)
{
  const Ink *ink = &raster->ink;
  guint32 alpha = raster->opaque ? 0xff000000u : 0;
  guint32 inv = 255 - ink->a;
  int i = 0;

  if (inv == 0)
    {
      for (; i < n; i++)
        dst[i] = ink->pixel;
      return;
    }
#ifdef HAVE_ROW_AVX2
  if (raster->vectors)
    i = blend_run_avx2 (raster, dst, n);
#endif
  for (; i < n; i++)
    {
      guint32 p = dst[i];

      dst[i] = div255_pair (ink->rb * 255 + (p & 0x00ff00ffu) * inv) |
               div255_pair (ink->ag * 255 + ((p >> 8) & 0x00ff00ffu) * inv) << 8 | alpha;
    }
}

/* A convex polygon in mask coordinates, ready to be covered row by row. */
typedef struct
{
  const double *p;
  Chain         left;
  Chain         right;
  double        top;            /* its y extent */
  double        bottom;
} Convex;

/* Takes @n points @xy (user space) into @into as mask coordinates, and
 * finds the two sides. FALSE if they are not both downward from the top
 * vertex to the bottom one (not convex), or not finite. */
static gboolean
convex_init (EntRaster    *raster,
             Convex       *poly,
             GArray       *into,
             const double *xy,
             guint         n)
{
  double *p;
  guint top = 0, bottom = 0;

  g_array_set_size (into, 2 * n);
  p = (double *) (gpointer) into->data;
  for (guint i = 0; i < n; i++)
    {
      p[2 * i] = xy[2 * i] * raster->scale + raster->tx - raster->clip_x0;
      p[2 * i + 1] = xy[2 * i + 1] * raster->scale + raster->ty - raster->clip_y0;
      if (!isfinite (p[2 * i]) || !isfinite (p[2 * i + 1]) || fabs (p[2 * i]) > 1e7 || fabs (p[2 * i + 1]) > 1e7)
        return FALSE;
      if (p[2 * i + 1] < p[2 * top + 1])
        top = i;
      if (p[2 * i + 1] > p[2 * bottom + 1])
        bottom = i;
    }
  poly->p = p;
  poly->top = p[2 * top + 1];
  poly->bottom = p[2 * bottom + 1];
  poly->left = (Chain) { p, n, 1, top, bottom };
  poly->right = (Chain) { p, n, -1, top, bottom };
  if (!chain_is_monotone (&poly->left, top) || !chain_is_monotone (&poly->right, top))
    return FALSE;
  {
    /* Which side is which: the one that leaves the top leftmost, or
     * arrives at the bottom leftmost. */
    guint a = chain_next (&poly->left, top), b = chain_next (&poly->right, top);
    double slope_a = (p[2 * a] - p[2 * top]) * (p[2 * b + 1] - p[2 * top + 1]);
    double slope_b = (p[2 * b] - p[2 * top]) * (p[2 * a + 1] - p[2 * top + 1]);

    if (slope_a > slope_b || (slope_a == slope_b && p[2 * a] > p[2 * b]))
      {
        poly->left.step = -1;
        poly->right.step = 1;
      }
  }
  return TRUE;
}

/* The polygon's share of each pixel of mask row @row is its height in the
 * row, *@height, plus @delta[c] (zero outside the sides' columns, which
 * are [*@l0, *@l1) and [*@r0, *@r1)) from the columns [*@l0, max (*@l1,
 * *@r1)) on; FALSE if it does not reach the row. */
static gboolean
convex_row (Convex *poly,
            int     row,
            float  *delta,
            int     w,
            double *height,
            int    *l0,
            int    *l1,
            int    *r0,
            int    *r1)
{
  double y0 = MAX ((double) row, poly->top), y1 = MIN (row + 1.0, poly->bottom);

  if (y1 <= y0)
    return FALSE;
  chain_row (&poly->left, y0, y1, TRUE, delta, w, l0, l1);
  chain_row (&poly->right, y0, y1, FALSE, delta, w, r0, r1);
  *height = y1 - y0;
  return TRUE;
}

/* Before a fill: what is queued lies below it, the rows of deltas are
 * there, and the ink is the colour as cairo makes it (16 bits, rounded,
 * then the top 8), so that the inside of a fill is the very colour cairo
 * fills with. */
static void
fill_begin (EntRaster     *raster,
            const EntRgba *color,
            double         alpha)
{
  double a = CLAMP (color->alpha * alpha, 0.0, 1.0);
  guint32 src_a = (guint32) (a * 65535.0 + 0.5) >> 8;
  guint32 src_r = (guint32) (CLAMP (color->red, 0.0, 1.0) * a * 65535.0 + 0.5) >> 8;
  guint32 src_g = (guint32) (CLAMP (color->green, 0.0, 1.0) * a * 65535.0 + 0.5) >> 8;
  guint32 src_b = (guint32) (CLAMP (color->blue, 0.0, 1.0) * a * 65535.0 + 0.5) >> 8;

  flush_queue (raster);
  raster->ink.a = src_a;
  raster->ink.rb = src_r << 16 | src_b;
  raster->ink.ag = src_a << 16 | src_g;
  raster->ink.pixel = src_a << 24 | src_r << 16 | src_g << 8 | src_b;
  /* Two rows of deltas: a ring's outer polygon's and its inner one's. */
  if (raster->fill_cover_size < 2 * (raster->mask_width + 1))
    {
      g_free (raster->fill_cover);
      raster->fill_cover = g_new0 (float, 2 * (raster->mask_width + 1));
      raster->fill_cover_size = 2 * (raster->mask_width + 1);
    }
}

static inline void
blend_share (EntRaster *raster,
             guint32   *dst,
             double     share)
{
  if (share > 0)
    blend_pixel (raster, &raster->ink, dst, (guint32) MIN ((int) (share * 255.0 + 0.5), 255));
}

gboolean
ent_raster_fill_convex (EntRaster     *raster,
                        const double  *xy,
                        guint          n_points,
                        const EntRgba *color,
                        double         alpha)
{
  Convex poly;
  int w, h, r0, r1;

  g_return_val_if_fail (raster != NULL && raster->surface != NULL, FALSE);
  g_return_val_if_fail (xy != NULL || n_points == 0, FALSE);

  if (n_points < 3 || raster->clip_x1 <= raster->clip_x0 || raster->clip_y1 <= raster->clip_y0 ||
      color->alpha * alpha <= 0)
    return TRUE;
  /* Anything but a convex polygon is left to cairo. */
  if (!convex_init (raster, &poly, raster->device, xy, n_points))
    return FALSE;

  w = raster->mask_width;
  h = raster->clip_y1 - raster->clip_y0;
  fill_begin (raster, color, alpha);

  /* Each pixel takes the exact share of it inside: between the sides,
   * the row's height within the polygon, less what each side leaves
   * uncovered in the columns it crosses. */
  r0 = MAX ((int) floor (poly.top), 0);
  r1 = MIN ((int) ceil (poly.bottom), h);
  for (int row = r0; row < r1; row++)
    {
      float *delta = raster->fill_cover;
      guint32 *dst = pixel_row (raster, row);
      double height;
      int l0, l1, q0, q1, inner0, inner1, end;
      guint32 full;

      if (!convex_row (&poly, row, delta, w, &height, &l0, &l1, &q0, &q1))
        continue;
      full = (guint32) MIN ((int) (height * 255.0 + 0.5), 255);
      end = MAX (q1, l1);
      /* Clear of both sides' columns, the whole height. */
      inner0 = l1;
      inner1 = MAX (q0, l1);
      for (int c = l0; c < end; c++)
        {
          if (c == inner0 && inner1 > inner0)
            {
              if (full == 255)
                blend_run (raster, dst + inner0, inner1 - inner0);
              else if (full > 0)
                for (int k = inner0; k < inner1; k++)
                  blend_pixel (raster, &raster->ink, dst + k, full);
              c = inner1;
              if (c >= end)
                break;
            }
          blend_share (raster, dst + c, height + delta[c]);
          delta[c] = 0;
        }
    }
  return TRUE;
}

gboolean
ent_raster_fill_ring (EntRaster     *raster,
                      const double  *outer,
                      guint          n_outer,
                      const double  *inner,
                      guint          n_inner,
                      const EntRgba *color,
                      double         alpha)
{
  Convex out, in;
  gboolean has_inner;
  int w, h, r0, r1;

  g_return_val_if_fail (raster != NULL && raster->surface != NULL, FALSE);
  g_return_val_if_fail (outer != NULL || n_outer == 0, FALSE);
  g_return_val_if_fail (inner != NULL || n_inner == 0, FALSE);

  if (n_outer < 3 || raster->clip_x1 <= raster->clip_x0 || raster->clip_y1 <= raster->clip_y0 ||
      color->alpha * alpha <= 0)
    return TRUE;
  if (!convex_init (raster, &out, raster->device, outer, n_outer))
    return FALSE;
  has_inner = n_inner >= 3;
  if (has_inner && !convex_init (raster, &in, raster->piece, inner, n_inner))
    return FALSE;

  w = raster->mask_width;
  h = raster->clip_y1 - raster->clip_y0;
  fill_begin (raster, color, alpha);

  /* The outer polygon's share of each pixel less the inner one's. */
  r0 = MAX ((int) floor (out.top), 0);
  r1 = MIN ((int) ceil (out.bottom), h);
  for (int row = r0; row < r1; row++)
    {
      float *d_out = raster->fill_cover, *d_in = raster->fill_cover + w + 1;
      guint32 *dst = pixel_row (raster, row);
      double h_out, h_in = 0.0;
      int l0, l1, q0, q1, il0 = 0, il1 = 0, iq0 = 0, iq1 = 0, end, skip0 = 0, skip1 = 0;
      gboolean row_in;

      if (!convex_row (&out, row, d_out, w, &h_out, &l0, &l1, &q0, &q1))
        continue;
      row_in = has_inner && convex_row (&in, row, d_in, w, &h_in, &il0, &il1, &iq0, &iq1);
      end = MAX (q1, l1);
      /* Inside the inner polygon, clear of every side, nothing. */
      if (row_in && fabs (h_out - h_in) < 1e-9)
        {
          skip0 = MAX (il1, l1);
          skip1 = MIN (iq0, q0);
        }
      for (int c = l0; c < end; c++)
        {
          double share = h_out + d_out[c];

          if (c == skip0 && skip1 > skip0)
            {
              c = skip1 - 1;
              continue;
            }
          if (row_in && c >= il0 && c < MAX (iq1, il1))
            share -= h_in + d_in[c];
          d_out[c] = 0;
          d_in[c] = 0;
          blend_share (raster, dst + c, share);
        }
    }
  return TRUE;
}

/* ---- Shapes --------------------------------------------------------------- */

/* The share of a pixel (a unit square about its centre) on the inner side
 * of a straight edge with unit normal (@a, @b), @a >= @b >= 0, that lies
 * @s from the centre: the exact area, piecewise linear then quadratic
 * where a corner of the square crosses the edge. */
static inline double
edge_coverage (double s,
               double a,
               double b)
{
  double t1 = (a - b) / 2, t2 = (a + b) / 2;

  if (s >= t2)
    return 1.0;
  if (s <= -t2)
    return 0.0;
  if (fabs (s) <= t1)
    return 0.5 + s / a;
  if (s > 0)
    return 1.0 - (t2 - s) * (t2 - s) / (2 * a * b);
  return (t2 + s) * (t2 + s) / (2 * a * b);
}

/* Below this radius (device pixels), a rounded corner's pixels are taken
 * as 4 x 4 smaller squares each: the edge bends too much across a pixel
 * to be taken as straight. */
#define SHAPE_SHARP_CORNER 4.0

/* The coverage by the fill (*@fill) and by the outline (*@outline) of a
 * square of side @unit centred at (@px, @py) from the shape's centre,
 * both >= 0 (the shape is symmetric), for a rounded square whose corners'
 * centres lie at (@core, @core) and whose half side is @core + @corner,
 * and an outline @hw either side of its edge. */
static inline void
shape_coverage (double  px,
                double  py,
                double  core,
                double  corner,
                double  hw,
                double  unit,
                double *fill,
                double *outline)
{
  double qx = px - core, qy = py - core, d, a, b;

  /* The signed distance from the edge, and the edge's normal, which the
   * coverage takes the edge to be square to. */
  if (qx > 0 && qy > 0)
    {
      double len = sqrt (qx * qx + qy * qy);

      d = len - corner;
      a = MAX (qx, qy) / len;
      b = MIN (qx, qy) / len;
    }
  else
    {
      d = MAX (qx, qy) - corner;
      a = 1.0;
      b = 0.0;
    }
  d /= unit;
  *fill = edge_coverage (-d, a, b);
  *outline = hw > 0 ? edge_coverage (hw / unit - d, a, b) - edge_coverage (-hw / unit - d, a, b) : 0.0;
}

void
ent_raster_fill_shape (cairo_surface_t *image,
                       double           cx,
                       double           cy,
                       double           half,
                       double           corner,
                       double           outline,
                       const EntRgba   *fill,
                       const EntRgba   *rim)
{
  int w, h, stride;
  guint8 *data;
  double core, hw = outline / 2, reach;
  double fr, fg, fb, fa, rr, rg, rb, ra;
  gboolean sharp;

  g_return_if_fail (cairo_image_surface_get_format (image) == CAIRO_FORMAT_ARGB32);
  g_return_if_fail (half > 0 && corner >= 0 && outline >= 0);

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  if (data == NULL)
    return;
  w = cairo_image_surface_get_width (image);
  h = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);
  corner = MIN (corner, half);
  core = half - corner;
  /* The outline's inner edge has corners of radius corner - hw. */
  sharp = corner - hw < SHAPE_SHARP_CORNER;
  /* A pixel whose centre lies further than this from the edge is wholly
   * on one side of it. */
  reach = hw + G_SQRT2 / 2;
  fa = CLAMP (fill->alpha, 0.0, 1.0);
  fr = CLAMP (fill->red, 0.0, 1.0) * fa;
  fg = CLAMP (fill->green, 0.0, 1.0) * fa;
  fb = CLAMP (fill->blue, 0.0, 1.0) * fa;
  ra = CLAMP (rim->alpha, 0.0, 1.0);
  rr = CLAMP (rim->red, 0.0, 1.0) * ra;
  rg = CLAMP (rim->green, 0.0, 1.0) * ra;
  rb = CLAMP (rim->blue, 0.0, 1.0) * ra;

  for (int y = 0; y < h; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (data + (gsize) y * stride);
      double py = fabs (y + 0.5 - cy), qy = py - core;

      for (int x = 0; x < w; x++)
        {
          double px = fabs (x + 0.5 - cx), qx = px - core;
          double d = qx > 0 && qy > 0 ? sqrt (qx * qx + qy * qy) - corner : MAX (qx, qy) - corner;
          double cf, cs, keep;

          if (d >= reach)
            {
              row[x] = 0;
              continue;
            }
          if (d <= -reach)
            {
              row[x] = (guint32) (fa * 255.0 + 0.5) << 24 | (guint32) (fr * 255.0 + 0.5) << 16 |
                       (guint32) (fg * 255.0 + 0.5) << 8 | (guint32) (fb * 255.0 + 0.5);
              continue;
            }
          if (sharp && qx > -1 && qy > -1)
            {
              cf = cs = 0.0;
              for (int sy = 0; sy < 4; sy++)
                for (int sx = 0; sx < 4; sx++)
                  {
                    double f, o;

                    shape_coverage (fabs (x + (sx + 0.5) / 4 - cx), fabs (y + (sy + 0.5) / 4 - cy),
                                    core, corner, hw, 0.25, &f, &o);
                    cf += f / 16;
                    cs += o / 16;
                  }
            }
          else
            shape_coverage (px, py, core, corner, hw, 1.0, &cf, &cs);
          /* The fill, then the outline over it. */
          keep = 1.0 - ra * cs;
          row[x] = (guint32) ((fa * cf * keep + ra * cs) * 255.0 + 0.5) << 24 |
                   (guint32) ((fr * cf * keep + rr * cs) * 255.0 + 0.5) << 16 |
                   (guint32) ((fg * cf * keep + rg * cs) * 255.0 + 0.5) << 8 |
                   (guint32) ((fb * cf * keep + rb * cs) * 255.0 + 0.5);
        }
    }
  cairo_surface_mark_dirty (image);
}
