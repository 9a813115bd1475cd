/* ent-painter-private.h: what tests may change in the painter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ent-painter.h"

G_BEGIN_DECLS

/* On image surfaces the painter draws ties with its own rasteriser, discs
 * from cached images and the halos of new label images grown from their
 * glyphs; %FALSE draws ties and discs with cairo's vector calls, as on SVG
 * and PDF, and strokes the halos, to compare the two. Labels are images
 * either way. */
void ent_painter_set_raster_shortcuts (EntPainter *self,
                                       gboolean    enabled);

G_END_DECLS
