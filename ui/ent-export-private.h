/* ent-export-private.h: what tests may change in the export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ent-export.h"

G_BEGIN_DECLS

/* SVGs are written as they are drawn (ent-svg-writer.h); %FALSE draws
 * them on cairo's SVG surface instead, to compare the two. */
void ent_image_export_set_streamed_svg (gboolean streamed);

G_END_DECLS
