/* ent-raster.h: antialiased lines written straight into an image surface
 *
 * cairo's stroker turns every line into a polygon and every dash into a
 * polygon of its own before it rasterises them, which costs far more than
 * the few pixels a thin tie covers. For a cairo_t that draws into an ARGB32
 * or RGB24 image surface with no rotation or shear, EntRaster computes each
 * pixel's coverage from its distance to the line's centre and blends the
 * colour into the surface's premultiplied pixels. Other targets (SVG, PDF,
 * PS) keep cairo's vector drawing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "ent-style.h"

G_BEGIN_DECLS

typedef struct _EntRaster EntRaster;

EntRaster *ent_raster_new      (void);
/* Whether @cr draws into an image surface that EntRaster can write, and
 * if so how user space maps to its pixels, through the matrix and the
 * surface's device scale and offset: pixel = user * @scale + (@tx, @ty). */
gboolean   ent_raster_probe    (cairo_t   *cr,
                                double    *scale,
                                double    *tx,
                                double    *ty);
void       ent_raster_free     (EntRaster *raster);

/* Whether @cr can be drawn into directly: an image surface in ARGB32 or
 * RGB24, a user-to-device transform that only scales (equally in x and y)
 * and translates, and a clip that is one rectangle. On success the surface
 * is flushed and every ent_raster_stroke() until ent_raster_end() writes
 * into it; on failure nothing is changed and the caller draws with cairo. */
gboolean   ent_raster_begin    (EntRaster *raster,
                                cairo_t   *cr);
/* Hands the surface back to cairo (cairo_surface_mark_dirty). */
void       ent_raster_end      (EntRaster *raster);

/* Whether ties' rows are drawn eight pixels at a time (AVX2, where the
 * processor has it; on by default): returns whether they are. */
gboolean   ent_raster_set_vectors (EntRaster *raster,
                                   gboolean   vectors);
/* Whether butt-ended segments are queued and drawn band by band (on by
 * default), and by how many threads; for tests, the threads then share
 * every flush, however small. */
void       ent_raster_set_banded (EntRaster *raster,
                                  gboolean   banded,
                                  guint      n_threads);

guint      ent_raster_get_threads (EntRaster *raster);

/* The size of a user-space unit in device pixels, while begun. */
double     ent_raster_get_scale (EntRaster *raster);

/*
 * Strokes the polyline of @n_points points @xy (x then y, user space) at
 * @width with butt or round caps, and dashes as cairo_set_dash() would lay
 * them out (@n_dashes 0 for a solid line). Joins are round with round
 * caps; with butt caps each segment ends square at the joint, which for a
 * flattened curve (a few degrees per joint) leaves no visible seam.
 * Every pixel is blended once with its coverage by the whole polyline, so
 * overlapping segments and dashes do not darken where they meet.
 */
void       ent_raster_stroke   (EntRaster     *raster,
                                const double  *xy,
                                guint          n_points,
                                double         width,
                                gboolean       round_caps,
                                const double  *dashes,
                                guint          n_dashes,
                                double         dash_offset,
                                const EntRgba *color,
                                double         alpha);

/* Fills the convex polygon of @n_points points @xy (user space, closed)
 * in @color at @alpha, each pixel taking the exact share of it inside, in
 * the 8-bit colour cairo fills with. Returns FALSE, having drawn nothing,
 * for a polygon that is not convex (the caller fills it with cairo). */
gboolean   ent_raster_fill_convex (EntRaster     *raster,
                                   const double  *xy,
                                   guint          n_points,
                                   const EntRgba *color,
                                   double         alpha);
/* Fills, like ent_raster_fill_convex(), what lies inside the convex
 * polygon @outer and outside the convex polygon @inner, which lies within
 * it (none if @n_inner is 0): the outline of a convex shape, stroked with
 * round joins, is the shape grown by half the width less the shape shrunk
 * by as much. FALSE, having drawn nothing, if either is not convex. */
gboolean   ent_raster_fill_ring   (EntRaster     *raster,
                                   const double  *outer,
                                   guint          n_outer,
                                   const double  *inner,
                                   guint          n_inner,
                                   const EntRgba *color,
                                   double         alpha);
/* Copies the ARGB32 image @sprite with its top left corner at device
 * pixel (@x, @y), as painting it with cairo would; queued with the ties. */
gboolean   ent_raster_blit     (EntRaster       *raster,
                                cairo_surface_t *sprite,
                                int              x,
                                int              y);

/* Grows the coverage of the A8 image @src by a disc of @radius pixels
 * into the A8 image @dst of the same size: each pixel takes the largest
 * coverage within the disc, its rim antialiased. This is the outline of
 * a stroke of width 2 @radius with round joins around a shape, without
 * stroking its curves. @radius is at most 100. */
void       ent_raster_dilate   (cairo_surface_t *src,
                                cairo_surface_t *dst,
                                double           radius);
/* Draws into the ARGB32 image @image, over every pixel of it, a square of
 * half side @half centred on (@cx, @cy) with its corners rounded to
 * @corner (a disc when @corner is @half), filled with @fill and outlined
 * with @rim by a line @outline wide along its edge, as filling and then
 * stroking the shape with cairo would; in device pixels. Each pixel's
 * coverage is the exact share of it on the inner side of the edge where
 * it passes closest, taken as straight there. */
void       ent_raster_fill_shape (cairo_surface_t *image,
                                  double           cx,
                                  double           cy,
                                  double           half,
                                  double           corner,
                                  double           outline,
                                  const EntRgba   *fill,
                                  const EntRgba   *rim);

G_END_DECLS
