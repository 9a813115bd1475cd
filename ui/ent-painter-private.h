/* ent-painter-private.h: what tests may change in the painter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ent-painter.h"
#include "ent-svg-writer.h"

G_BEGIN_DECLS

/* On image surfaces the painter draws ties with its own rasteriser, discs
 * from cached images and the halos of new label images grown from their
 * glyphs; %FALSE draws ties and discs with cairo's vector calls, as on SVG
 * and PDF, and strokes the halos, to compare the two. Labels are images
 * either way. */
void ent_painter_set_raster_shortcuts (EntPainter *self,
                                       gboolean    enabled);

/* Where whole user units are whole device pixels, label images are
 * copied over the frame by the rasteriser, with the discs' copy; %FALSE
 * paints them through cairo, to compare the two. */
void ent_painter_set_label_copies     (EntPainter *self,
                                       gboolean    enabled);

/* While @writer is set, ent_painter_draw() on its context writes the map's
 * shapes straight to the SVG, and its text through cairo (see
 * ent-svg-writer.h). The caller keeps @writer alive and unsets it. */
void ent_painter_set_svg_writer       (EntPainter   *self,
                                       EntSvgWriter *writer);

/* How many label sizes the painter has measured (and keeps). */
guint              ent_painter_get_n_label_sizes    (EntPainter *self);

/* The image the legend card was last drawn into, on a raster target; NULL
 * if it was drawn as it is, or not at all. */
cairo_surface_t   *ent_painter_get_legend_image     (EntPainter *self);

const EntLabelBox *ent_painter_get_hull_label_boxes (EntPainter *self,
                                                     guint      *n_boxes);
const EntLabelBox *ent_painter_get_badge_boxes      (EntPainter *self,
                                                     guint      *n_boxes);

G_END_DECLS
