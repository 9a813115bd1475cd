/* ent-canvas.h: the live map widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ent-layout.h"
#include "ent-painter.h"
#include "ent-world.h"

G_BEGIN_DECLS

#define ENT_TYPE_CANVAS (ent_canvas_get_type ())
G_DECLARE_FINAL_TYPE (EntCanvas, ent_canvas, ENT, CANVAS, GtkWidget)

GtkWidget  *ent_canvas_new              (void);

void        ent_canvas_set_world        (EntCanvas  *self,
                                         EntWorld   *world);
EntWorld   *ent_canvas_get_world        (EntCanvas  *self);
EntLayout  *ent_canvas_get_layout       (EntCanvas  *self);
EntPainter *ent_canvas_get_painter      (EntCanvas  *self);

/* The "as of" date; unset shows everything. */
void        ent_canvas_set_date         (EntCanvas  *self,
                                         EntDate     date);
EntDate     ent_canvas_get_date         (EntCanvas  *self);

/* Actor index, or -1. */
void        ent_canvas_set_selected     (EntCanvas  *self,
                                         int         actor);
int         ent_canvas_get_selected     (EntCanvas  *self);

const EntView *ent_canvas_get_view      (EntCanvas  *self);
void        ent_canvas_zoom_at          (EntCanvas  *self,
                                         double      px,
                                         double      py,
                                         double      factor);
void        ent_canvas_fit              (EntCanvas  *self);

/* The map position of every actor, x then y (2 * n numbers), as drawn. */
const double *ent_canvas_get_positions  (EntCanvas  *self,
                                         guint      *n_actors);

/* How many simulation ticks the canvas has stepped, and whether its frame
 * callback is installed: once the map has settled it does no work. */
guint64     ent_canvas_get_ticks        (EntCanvas  *self);
gboolean    ent_canvas_is_animating     (EntCanvas  *self);
/* Whether the ties of a meeting just added are still growing in. */
gboolean    ent_canvas_is_growing       (EntCanvas  *self);

G_END_DECLS
