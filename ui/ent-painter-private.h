/* ent-painter-private.h: what tests may change in the painter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ent-painter.h"

G_BEGIN_DECLS

/* On image surfaces the painter draws ties with its own rasteriser and
 * discs from cached images; %FALSE draws them with cairo's vector calls,
 * as on SVG and PDF, to compare the two. Labels are images either way. */
void ent_painter_set_raster_shortcuts (EntPainter *self,
                                       gboolean    enabled);

G_END_DECLS
