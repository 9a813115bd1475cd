/* ent-painter.h: draws a world onto any cairo_t, with no display
 *
 * The on-screen canvas, the PNG/SVG/PDF export and the render tests all
 * call this painter, so what is exported is what is seen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "ent-style.h"
#include "ent-world.h"

G_BEGIN_DECLS

/*
 * What part of the map is seen, and how.
 *
 * Map coordinates are those of the layout. View coordinates are
 * device-independent pixels with (0, 0) at the top-left corner of the
 * view: the units of the cairo_t the painter is given. A map point (mx, my)
 * shows at
 *
 *   px = (mx - offset_x) * zoom + width / 2
 *   py = (my - offset_y) * zoom + height / 2
 *
 * so (offset_x, offset_y) is the map point at the centre of the view, and
 * zooming keeps it in place. Discs, lines and text keep their size in view
 * pixels at every zoom: zooming spreads the map, it does not magnify it.
 *
 * scale_factor is the number of device pixels per view pixel (2 on a HiDPI
 * screen). The caller scales its cairo_t itself; the painter only uses the
 * factor to put hairlines on whole device pixels.
 */
typedef struct
{
  double   offset_x;
  double   offset_y;
  double   zoom;
  double   width;
  double   height;
  double   scale_factor;
  gboolean dark;
} EntView;

void     ent_view_init      (EntView       *view,
                             double         width,
                             double         height);
void     ent_view_to_map    (const EntView *view,
                             double         px,
                             double         py,
                             double        *mx,
                             double        *my);
void     ent_view_from_map  (const EntView *view,
                             double         mx,
                             double         my,
                             double        *px,
                             double        *py);
/* Centres and zooms @view so that the @n_actors points of @xy fit inside
 * it with @margin view pixels to spare on every side. */
void     ent_view_fit       (EntView       *view,
                             const double  *xy,
                             guint          n_actors,
                             double         margin);
void     ent_view_fit_rect  (EntView       *view,
                             const double  *xy,
                             guint          n_actors,
                             double         rx,
                             double         ry,
                             double         rw,
                             double         rh);
/* Multiplies the zoom by @factor, keeping the map point under (px, py). */
void     ent_view_zoom_at   (EntView       *view,
                             double         px,
                             double         py,
                             double         factor);

typedef enum
{
  ENT_COLOR_BY_BLOC,
  ENT_COLOR_BY_REGION,
} EntColorMode;

#define ENT_TYPE_COLOR_MODE (ent_color_mode_get_type ())
GType ent_color_mode_get_type (void);

/* A placed label, in view pixels. */
typedef struct
{
  guint  actor;
  double x;
  double y;
  double width;
  double height;
} EntLabelBox;

#define ENT_TYPE_PAINTER (ent_painter_get_type ())
G_DECLARE_FINAL_TYPE (EntPainter, ent_painter, ENT, PAINTER, GObject)

EntPainter   *ent_painter_new              (void);

/*
 * Options. Each has a GObject property of the same name that notifies
 * only when the value changes, so a canvas can redraw on "notify".
 */
void          ent_painter_set_color_mode   (EntPainter    *self,
                                            EntColorMode   mode);
EntColorMode  ent_painter_get_color_mode   (EntPainter    *self);
void          ent_painter_set_show_legend  (EntPainter    *self,
                                            gboolean       show);
gboolean      ent_painter_get_show_legend  (EntPainter    *self);
void          ent_painter_set_show_hulls   (EntPainter    *self,
                                            gboolean       show);
gboolean      ent_painter_get_show_hulls   (EntPainter    *self);
void          ent_painter_set_show_labels  (EntPainter    *self,
                                            gboolean       show);
gboolean      ent_painter_get_show_labels  (EntPainter    *self);
/* Leaves the background unpainted (for exports with transparency). */
void          ent_painter_set_transparent  (EntPainter    *self,
                                            gboolean       transparent);
gboolean      ent_painter_get_transparent  (EntPainter    *self);
/* A title drawn in the top-left corner (for export); NULL for none. */
void          ent_painter_set_title        (EntPainter    *self,
                                            const char    *title);
const char   *ent_painter_get_title        (EntPainter    *self);
/* A line under the title such as "As of 12 June 2025"; NULL for none. */
void          ent_painter_set_date_text    (EntPainter    *self,
                                            const char    *text);
const char   *ent_painter_get_date_text    (EntPainter    *self);
/* Actor indices, or -1 for none. */
void          ent_painter_set_selected     (EntPainter    *self,
                                            int            actor);
int           ent_painter_get_selected     (EntPainter    *self);
void          ent_painter_set_hovered      (EntPainter    *self,
                                            int            actor);
int           ent_painter_get_hovered      (EntPainter    *self);
/* A PangoFontDescription family list, e.g. "Cantarell, Noto Sans CJK KR";
 * NULL for the style's. */
void          ent_painter_set_font_family  (EntPainter    *self,
                                            const char    *family);
const char   *ent_painter_get_font_family  (EntPainter    *self);

/* The size of each actor: @n_values numbers, one per actor index, >= 0;
 * copied. NULL sizes actors by their number of ties as of the drawn date. */
void          ent_painter_set_metric       (EntPainter    *self,
                                            const double  *values,
                                            guint          n_values);
/* Marks a path, a triad or any set: @actors are actor indices, @pairs
 * holds 2 * @n_pairs actor indices whose ties are highlighted. Everything
 * else is pushed back. Copied; pass 0 and 0 to clear. */
void          ent_painter_set_highlight    (EntPainter    *self,
                                            const guint   *actors,
                                            guint          n_actors,
                                            const guint   *pairs,
                                            guint          n_pairs);

/*
 * Draws @world as of @at onto @cr. @xy holds the map position of every
 * actor, x then y, 2 * ent_world_get_n_actors() numbers. The painter
 * fills the view rectangle with the background first. The state of @cr
 * is saved and restored.
 */
void          ent_painter_draw             (EntPainter    *self,
                                            cairo_t       *cr,
                                            EntWorld      *world,
                                            EntDate        at,
                                            const double  *xy,
                                            const EntView *view);

/* The actor whose disc or label is under the view point (px, py), or -1.
 * Disc sizes and labels are those of the last draw. */
int           ent_painter_hit_actor        (EntPainter    *self,
                                            EntWorld      *world,
                                            const double  *xy,
                                            const EntView *view,
                                            double         px,
                                            double         py);

/* The labels placed by the last draw, most important first.
 * Returns: (transfer none): valid until the next draw. */
const EntLabelBox *ent_painter_get_label_boxes (EntPainter *self,
                                                guint      *n_boxes);
void          ent_painter_set_suggested_blocs (EntPainter *self,
                                            const guint   *community,
                                            guint          n_actors);
void          ent_painter_set_moving       (EntPainter    *self,
                                            gboolean       moving);
gboolean      ent_painter_get_moving       (EntPainter    *self);
void          ent_painter_set_growth       (EntPainter    *self,
                                            const guint   *pairs,
                                            guint          n_pairs,
                                            double         growth);
void          ent_painter_fit_view         (EntPainter    *self,
                                            EntView       *view,
                                            const double  *xy,
                                            guint          n_actors,
                                            double         margin);
gboolean      ent_painter_get_legend_box   (EntPainter    *self,
                                            double         box[4]);
/* The radius in view pixels of @actor in the last draw, or 0. */
double        ent_painter_get_actor_radius (EntPainter    *self,
                                            guint          actor);
/* The fill colour of @actor as of @at under the current colour mode. */
EntRgba       ent_painter_get_actor_color  (EntPainter    *self,
                                            EntWorld      *world,
                                            EntDate        at,
                                            guint          actor,
                                            gboolean       dark);

G_END_DECLS
