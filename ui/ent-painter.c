/* ent-painter.c: draws a world onto any cairo_t, with no display
 *
 * One draw goes: background, bloc hulls, ties, actors, labels, legend,
 * title. Everything is measured in view pixels; the caller's cairo_t maps
 * them to device pixels. The per-actor and per-tie scratch arrays live in
 * the painter and keep their size between frames, so a steady redraw
 * allocates only what the world's queries return.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-painter"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ent-painter-private.h"
#include "ent-raster.h"
#include "ent-svg-writer.h"

#define HIT_TOLERANCE      3.0   /* px around a disc that still hits it */
#define GRID_CELL          40.0  /* px, the cells of the label obstacle grid */
#define LABEL_PADDING      1.5   /* px kept free around every label */
#define LABEL_AREA_PER_LABEL 1800.0 /* px² of view per label at most */
#define LEGEND_SAMPLE      28.0  /* px, the line or swatch before a legend row */
#define LEGEND_MAX_GROUPS  10    /* blocs or regions listed before "and N more" */
#define CULL_MARGIN        24.0  /* px beyond the view still drawn */
#define SKETCH_TIES        1500  /* more ties in view than this are sketched */
#define SKETCH_INK         3.0   /* px of sketched tie per px of view, at most */
#define SKETCH_INK_MOVING  0.35  /* ...while the map moves (ent_painter_set_moving) */
#define MOVING_FEWER_LABELS 2000 /* actors from which a moving map places fewer labels */
#define LABEL_DODGE_MAX_TIES 20000 /* ties up to which a label picks the spot its own ties cross least */
#define MOVING_NEW_NAMES   8     /* names a moving map lays out for the first time per frame */

typedef struct
{
  double   x;               /* view px */
  double   y;
  double   radius;
  double   importance;
  EntRgba  fill;
  double   alpha;           /* 1, or less when hovering or highlighting pushes it back */
  guint    degree;
  guint    visible : 1;     /* its disc touches the view */
  guint    focused : 1;     /* hovered, or a neighbour of the hovered actor */
  guint    highlighted : 1;
  guint    organisation : 1;
} ActorState;

typedef struct
{
  double   x0;
  double   y0;
  double   x1;
  double   y1;
  int      actor;           /* whose disc or label this is, or -1 */
  gboolean is_label;        /* labels never overlap; discs are avoided if possible */
} Obstacle;

typedef struct
{
  guint obstacle;
  int   next;
} GridEntry;

typedef struct
{
  guint     bloc;
  double    x;              /* top centre of the hull */
  double    y;
  double    bottom_x;       /* bottom centre of the hull */
  double    bottom_y;
  double    left_x;         /* its leftmost and rightmost points */
  double    left_y;
  double    right_x;
  double    right_y;
  EntRgba   color;
} HullLabel;

struct _EntPainter
{
  GObject       parent_instance;

  EntColorMode  color_mode;
  gboolean      show_legend;
  gboolean      show_hulls;
  gboolean      show_labels;
  gboolean      transparent;
  char         *title;
  char         *date_text;
  char         *font_family;
  int           selected;
  int           hovered;
  GArray       *metric;             /* double, or NULL for degrees */
  GArray       *highlight_actors;   /* guint */
  GArray       *highlight_pairs;    /* guint, two per pair, a < b */
  GArray       *growing_pairs;      /* guint, two per pair: meeting ties growing in */
  GArray       *suggested;          /* guint community per actor, or NULL */
  double        growth;             /* how far they have grown, 0..1 */

  /* The last draw, for hit testing and tests. */
  GWeakRef      last_world;
  EntDate       last_at;
  GArray       *actors;             /* ActorState */
  GArray       *labels;             /* EntLabelBox */
  GArray       *label_widths;       /* int per label: the Pango width it was measured at */
  double        legend_box[4];      /* x, y, width, height; width 0 for none */
  GArray       *ties;               /* EntTie: the last world's as of last_at */
  guint64       ties_revision;      /* of the world when they were worked out */
  GArray       *tie_first;          /* guint per actor + 1: where its ends start in tie_ends */
  GArray       *tie_ends;           /* guint: the other end of each actor's ties, or NULL */

  /* Scratch, reused from frame to frame. */
  GArray       *order;              /* guint */
  GArray       *tie_order;          /* guint */
  GArray       *points;             /* double pairs */
  GArray       *hull;               /* double pairs */
  GArray       *hull_labels;        /* HullLabel */
  GArray       *hull_label_boxes;   /* EntLabelBox, actor = bloc: the hull labels drawn */
  GArray       *badge_boxes;        /* EntLabelBox, actor = G_MAXUINT: the meeting count badges drawn */
  GArray       *obstacles;          /* Obstacle */
  GArray       *grid_heads;         /* int */
  GHashTable   *label_sprites;      /* TextKey -> cairo_surface_t: labels drawn once, for raster targets */
  GByteArray   *key_scratch;        /* the TextKey being looked up */
  GArray       *grid_entries;       /* GridEntry */
  guint         grid_cols;
  guint         grid_rows;
  GPtrArray    *bloc_members;       /* GArray of guint per bloc, as of the drawn date */

  /* Raster targets: ties drawn into the pixels, discs copied from images
   * drawn once, label halos grown from the glyphs. */
  gboolean      raster_shortcuts;   /* FALSE: ties and discs by cairo, halos stroked */
  EntRaster    *raster;
  gboolean      raster_ties;        /* ties go to self->raster in this pass */
  gboolean      raster_labels;      /* label images are copied by self->raster */
  gboolean      label_copies;       /* ...where they can be (tests compare) */
  gboolean      raster_actors;      /* disc images are copied by self->raster */
  guint         sketch_stride;      /* a hairball sketches every n-th tie */
  gboolean      moving;             /* a coarser sketch while the map moves */
  gboolean      raster_frame;       /* the target is an image surface: */
  double        device_scale;       /*   device = user * scale + (tx, ty) */
  double        device_tx;
  double        device_ty;
  GHashTable   *actor_sprites;      /* ActorSpriteKey -> cairo_surface_t */
  EntSvgWriter *svg;                /* shapes go straight to an SVG file */
  gsize         actor_sprite_bytes;
  GHashTable   *text_sizes;         /* TextKey (width, text) -> PangoRectangle, for the label font */
  GHashTable   *text_layouts;       /* the same keys -> PangoLayout, laid out, for the label images */
  PangoContext *label_context;      /* what those layouts are laid out in */
  char         *text_sizes_font;    /* the font they were measured in */
  cairo_surface_t *legend_image;    /* the legend card, on raster targets */
  char         *legend_key;         /* what it shows: legend_signature() */
  gboolean      legend_copied;      /* the last frame's legend came from it */
};

G_DEFINE_FINAL_TYPE (EntPainter, ent_painter, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (EntColorMode, ent_color_mode,
                    G_DEFINE_ENUM_VALUE (ENT_COLOR_BY_BLOC, "bloc"),
                    G_DEFINE_ENUM_VALUE (ENT_COLOR_BY_REGION, "region"))

enum {
  PROP_0,
  PROP_COLOR_MODE,
  PROP_SHOW_LEGEND,
  PROP_SHOW_HULLS,
  PROP_SHOW_LABELS,
  PROP_TRANSPARENT,
  PROP_TITLE,
  PROP_DATE_TEXT,
  PROP_SELECTED,
  PROP_HOVERED,
  PROP_FONT_FAMILY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- The view ---------------------------------------------------------- */

void
ent_view_init (EntView *view,
               double   width,
               double   height)
{
  g_return_if_fail (view != NULL);

  *view = (EntView) {
    .offset_x = 0.0,
    .offset_y = 0.0,
    .zoom = 1.0,
    .width = width,
    .height = height,
    .scale_factor = 1.0,
    .dark = FALSE,
  };
}

void
ent_view_to_map (const EntView *view,
                 double         px,
                 double         py,
                 double        *mx,
                 double        *my)
{
  double zoom;

  g_return_if_fail (view != NULL);

  zoom = view->zoom > 0 ? view->zoom : 1.0;
  if (mx != NULL)
    *mx = (px - view->width / 2) / zoom + view->offset_x;
  if (my != NULL)
    *my = (py - view->height / 2) / zoom + view->offset_y;
}

void
ent_view_from_map (const EntView *view,
                   double         mx,
                   double         my,
                   double        *px,
                   double        *py)
{
  g_return_if_fail (view != NULL);

  if (px != NULL)
    *px = (mx - view->offset_x) * view->zoom + view->width / 2;
  if (py != NULL)
    *py = (my - view->offset_y) * view->zoom + view->height / 2;
}

void
ent_view_fit (EntView      *view,
              const double *xy,
              guint         n_actors,
              double        margin)
{
  ent_view_fit_rect (view, xy, n_actors, margin, margin,
                     view->width - 2 * margin, view->height - 2 * margin);
}

/**
 * ent_view_fit_rect:
 *
 * Zooms and pans @view so that the actors fit inside the rectangle
 * (@rx, @ry, @rw, @rh) of the view, centred in it.
 */
void
ent_view_fit_rect (EntView      *view,
                   const double *xy,
                   guint         n_actors,
                   double        rx,
                   double        ry,
                   double        rw,
                   double        rh)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE;
  double x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double room_x, room_y, zoom;

  g_return_if_fail (view != NULL);
  g_return_if_fail (xy != NULL || n_actors == 0);

  for (guint i = 0; i < n_actors; i++)
    {
      x0 = MIN (x0, xy[2 * i]);
      x1 = MAX (x1, xy[2 * i]);
      y0 = MIN (y0, xy[2 * i + 1]);
      y1 = MAX (y1, xy[2 * i + 1]);
    }
  if (n_actors == 0)
    {
      view->offset_x = view->offset_y = 0.0;
      view->zoom = 1.0;
      return;
    }

  room_x = MAX (1.0, rw);
  room_y = MAX (1.0, rh);
  zoom = G_MAXDOUBLE;
  if (x1 - x0 > 1e-9)
    zoom = MIN (zoom, room_x / (x1 - x0));
  if (y1 - y0 > 1e-9)
    zoom = MIN (zoom, room_y / (y1 - y0));
  /* A single actor, or all in one spot: keep the zoom there was. */
  if (zoom < G_MAXDOUBLE)
    view->zoom = zoom;
  else if (view->zoom <= 0)
    view->zoom = 1.0;
  /* The centre of the actors goes to the centre of the rectangle. */
  view->offset_x = (x0 + x1) / 2 - (rx + rw / 2 - view->width / 2) / view->zoom;
  view->offset_y = (y0 + y1) / 2 - (ry + rh / 2 - view->height / 2) / view->zoom;
}

/**
 * ent_painter_set_suggested_blocs:
 * @community: (array length=n_actors) (nullable): a community number per
 *   actor, as community detection gives them; %NULL draws none
 *
 * Draws each community of two or more actors as a dashed outline around
 * its members, beside the declared blocs' hulls. Copied.
 */
void
ent_painter_set_suggested_blocs (EntPainter  *self,
                                 const guint *community,
                                 guint        n_actors)
{
  g_return_if_fail (ENT_IS_PAINTER (self));

  g_clear_pointer (&self->suggested, g_array_unref);
  if (community != NULL && n_actors > 0)
    {
      self->suggested = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_actors);
      g_array_append_vals (self->suggested, community, n_actors);
    }
}

/**
 * ent_painter_set_growth:
 * @pairs: (array length=n_pairs): two actor indices per pair, or %NULL
 * @growth: how far their meeting ties have grown, 0 (not at all) to 1
 *
 * Draws the meeting ties of @pairs only @growth of the way from their
 * first actor to their second, for the animation of a meeting being
 * added. Copied; a growth of 1 or no pairs draws every tie whole.
 */
/**
 * ent_painter_set_moving:
 * @moving: whether the map is in motion (its layout settling)
 *
 * A hairball in motion is sketched with fewer of its ties, and a map of
 * MOVING_FEWER_LABELS actors or more places fewer labels, so that a big
 * map keeps its frame rate while it settles; still, it is drawn in full.
 * A map in motion also lays out at most MOVING_NEW_NAMES names it has not
 * measured before per frame: the labels of a map just opened appear over
 * its first frames, and no frame pays for them all.
 */
void
ent_painter_set_moving (EntPainter *self,
                        gboolean    moving)
{
  g_return_if_fail (ENT_IS_PAINTER (self));

  self->moving = !!moving;
}

gboolean
ent_painter_get_moving (EntPainter *self)
{
  g_return_val_if_fail (ENT_IS_PAINTER (self), FALSE);

  return self->moving;
}

void
ent_painter_set_growth (EntPainter  *self,
                        const guint *pairs,
                        guint        n_pairs,
                        double       growth)
{
  g_return_if_fail (ENT_IS_PAINTER (self));

  g_clear_pointer (&self->growing_pairs, g_array_unref);
  g_clear_pointer (&self->suggested, g_array_unref);
  if (pairs != NULL && n_pairs > 0)
    {
      self->growing_pairs = g_array_sized_new (FALSE, FALSE, sizeof (guint), 2 * n_pairs);
      g_array_append_vals (self->growing_pairs, pairs, 2 * n_pairs);
    }
  self->growth = CLAMP (growth, 0.0, 1.0);
}

/**
 * ent_painter_fit_view:
 *
 * Like ent_view_fit(), but keeps the actors clear of the legend of the
 * last draw when the view is wide enough to put them beside it.
 */
void
ent_painter_fit_view (EntPainter   *self,
                      EntView      *view,
                      const double *xy,
                      guint         n_actors,
                      double        margin)
{
  double legend_width;

  g_return_if_fail (ENT_IS_PAINTER (self));
  g_return_if_fail (view != NULL);

  legend_width = self->show_legend ? self->legend_box[2] : 0;
  if (legend_width > 0 && view->width - legend_width > 1.2 * legend_width)
    ent_view_fit_rect (view, xy, n_actors, margin, margin,
                       view->width - 2 * margin - legend_width, view->height - 2 * margin);
  else
    ent_view_fit (view, xy, n_actors, margin);
}

/**
 * ent_painter_get_legend_box:
 * @box: (out): x, y, width and height in view pixels
 *
 * Returns: whether the last draw had a legend, and where.
 */
gboolean
ent_painter_get_legend_box (EntPainter *self,
                            double      box[4])
{
  g_return_val_if_fail (ENT_IS_PAINTER (self), FALSE);

  memcpy (box, self->legend_box, sizeof self->legend_box);
  return self->legend_box[2] > 0;
}

void
ent_view_zoom_at (EntView *view,
                  double   px,
                  double   py,
                  double   factor)
{
  double mx, my;

  g_return_if_fail (view != NULL);
  g_return_if_fail (factor > 0);

  ent_view_to_map (view, px, py, &mx, &my);
  view->zoom *= factor;
  /* Move the centre so that (mx, my) shows at (px, py) again. */
  view->offset_x = mx - (px - view->width / 2) / view->zoom;
  view->offset_y = my - (py - view->height / 2) / view->zoom;
}

/* ---- Small drawing helpers ---------------------------------------------- */

static void
set_source (cairo_t       *cr,
            const EntRgba *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* The fills, strokes and paints of the map's shapes. While the painter
 * writes an SVG as it draws (ent_painter_set_svg_writer), they go straight
 * to the file; otherwise to cairo. */
static void
pen_fill (EntPainter *self,
          cairo_t    *cr,
          gboolean    preserve)
{
  if (self->svg != NULL)
    ent_svg_writer_fill (self->svg, cr, preserve);
  else if (preserve)
    cairo_fill_preserve (cr);
  else
    cairo_fill (cr);
}

static void
pen_stroke (EntPainter *self,
            cairo_t    *cr)
{
  if (self->svg != NULL)
    ent_svg_writer_stroke (self->svg, cr, FALSE);
  else
    cairo_stroke (cr);
}

static void
pen_paint (EntPainter *self,
           cairo_t    *cr)
{
  if (self->svg != NULL)
    ent_svg_writer_paint (self->svg, cr);
  else
    cairo_paint (cr);
}

/* Where text (and what goes with it) is drawn: @cr, or for an SVG
 * written as it is drawn, a cairo SVG surface of its own until
 * text_end() splices it into the file. */
static cairo_t *
text_begin (EntPainter *self,
            cairo_t    *cr)
{
  return self->svg != NULL ? ent_svg_writer_begin_cairo (self->svg, cr) : cr;
}

static void
text_end (EntPainter *self,
          cairo_t    *text_cr)
{
  if (self->svg != NULL)
    ent_svg_writer_end_cairo (self->svg, text_cr);
}

/* Opaque colours pushed back by mixing toward the background, so that a
 * dimmed disc does not show the lines beneath it. */
static EntRgba
fade (const EntRgba  *color,
      const EntStyle *style,
      double          alpha)
{
  EntRgba faded = ent_rgba_mix (&style->background, color, alpha);

  faded.alpha = color->alpha;
  return faded;
}

/* Rounds a length to whole device pixels, at least one. */
static double
snap_width (const EntView *view,
            double         width)
{
  double sf = view->scale_factor > 0 ? view->scale_factor : 1.0;

  return MAX (1.0, round (width * sf)) / sf;
}

/* Puts a coordinate where a line of @width covers whole device pixels. */
static double
snap_coord (const EntView *view,
            double         coord,
            double         width)
{
  double sf = view->scale_factor > 0 ? view->scale_factor : 1.0;
  double device_width = MAX (1.0, round (width * sf));

  if (fmod (device_width, 2.0) >= 1.0)
    return (floor (coord * sf) + 0.5) / sf;
  return round (coord * sf) / sf;
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
actor_shape (cairo_t          *cr,
             const ActorState *state,
             const EntStyle   *style,
             double            grow)
{
  double r = state->radius + grow;

  if (state->organisation)
    {
      /* A rounded square of about the disc's area. */
      double half = r * 0.9;

      rounded_rectangle (cr, state->x - half, state->y - half, 2 * half, 2 * half,
                         style->organisation_corner * r);
    }
  else
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, state->x, state->y, r, 0, 2 * G_PI);
    }
}

static PangoFontDescription *
make_font (EntPainter     *self,
           const EntStyle *style,
           double          size,
           PangoWeight     weight)
{
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, self->font_family ? self->font_family : style->font_family);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  return desc;
}

/* Layout sizes must not depend on the device scale, or labels would be
 * placed differently on a HiDPI screen than in an export. */
static PangoLayout *
make_layout (cairo_t *cr)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

/* Text with a halo of the background around it, legible over lines. */
static void
show_text_with_halo (cairo_t       *cr,
                     PangoLayout   *layout,
                     double         x,
                     double         y,
                     const EntRgba *color,
                     const EntRgba *halo,
                     double         halo_width,
                     double         alpha)
{
  cairo_move_to (cr, x, y);
  pango_cairo_update_layout (cr, layout);
  if (halo_width > 0)
    {
      pango_cairo_layout_path (cr, layout);
      set_source (cr, halo, alpha);
      cairo_set_line_width (cr, halo_width);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_move_to (cr, x, y);
    }
  set_source (cr, color, alpha);
  pango_cairo_show_layout (cr, layout);
}

/* ---- Preparing a frame ---------------------------------------------------- */

static ActorState *
actor_state (EntPainter *self,
             guint       i)
{
  return &g_array_index (self->actors, ActorState, i);
}

/* Distinct regions in alphabetical order, so that colours survive edits
 * that do not touch regions. Keys are borrowed from the world. */
static GHashTable *
collect_regions (EntWorld *world)
{
  GHashTable *regions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) keys = NULL;
  guint n = ent_world_get_n_actors (world);
  guint index = 0;

  for (guint i = 0; i < n; i++)
    {
      const EntActor *actor = ent_world_get_actor (world, i);

      if (actor->region != NULL && actor->region[0] != '\0')
        g_hash_table_insert (regions, actor->region, NULL);
    }
  keys = g_list_sort (g_hash_table_get_keys (regions), (GCompareFunc) g_utf8_collate);
  for (GList *l = keys; l != NULL; l = l->next)
    g_hash_table_insert (regions, l->data, GUINT_TO_POINTER (index++));
  return regions;
}

static void
assign_colors (EntPainter     *self,
               EntWorld       *world,
               const EntStyle *style)
{
  guint n = self->actors->len;

  for (guint i = 0; i < n; i++)
    actor_state (self, i)->fill = style->actor_fill;

  if (self->color_mode == ENT_COLOR_BY_REGION)
    {
      g_autoptr(GHashTable) regions = collect_regions (world);

      for (guint i = 0; i < n; i++)
        {
          const EntActor *actor = ent_world_get_actor (world, i);
          gpointer index;

          if (actor->region != NULL &&
              g_hash_table_lookup_extended (regions, actor->region, NULL, &index))
            actor_state (self, i)->fill = ent_style_get_region_color (style, GPOINTER_TO_UINT (index));
        }
      return;
    }

  /* Each actor takes the colour of the first bloc it belongs to; later
   * blocs paint in reverse so that the first one wins. */
  for (guint b = self->bloc_members->len; b-- > 0;)
    {
      GArray *members = g_ptr_array_index (self->bloc_members, b);
      const EntBloc *bloc = ent_world_get_bloc (world, b);
      EntRgba color = ent_style_get_bloc_color (style, b, bloc->color);

      for (guint m = 0; m < members->len; m++)
        {
          guint actor = g_array_index (members, guint, m);

          if (actor < n)
            actor_state (self, actor)->fill = color;
        }
    }
}

static gboolean
is_highlighted_pair (EntPainter *self,
                     guint       a,
                     guint       b)
{
  if (self->highlight_pairs == NULL)
    return FALSE;
  for (guint i = 0; i + 1 < self->highlight_pairs->len; i += 2)
    {
      guint pa = g_array_index (self->highlight_pairs, guint, i);
      guint pb = g_array_index (self->highlight_pairs, guint, i + 1);

      if ((pa == a && pb == b) || (pa == b && pb == a))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_growing_pair (EntPainter *self,
                 guint       a,
                 guint       b)
{
  if (self->growing_pairs == NULL || self->growth >= 1.0)
    return FALSE;
  for (guint i = 0; i + 1 < self->growing_pairs->len; i += 2)
    {
      guint pa = g_array_index (self->growing_pairs, guint, i);
      guint pb = g_array_index (self->growing_pairs, guint, i + 1);

      if ((pa == a && pb == b) || (pa == b && pb == a))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_highlight (EntPainter *self)
{
  return (self->highlight_actors != NULL && self->highlight_actors->len > 0) ||
         (self->highlight_pairs != NULL && self->highlight_pairs->len > 0);
}

/* Fills self->actors for this frame: positions, sizes, colours, focus. */
static void
prepare_actors (EntPainter     *self,
                EntWorld       *world,
                EntDate         at,
                const double   *xy,
                const EntView  *view,
                const EntStyle *style,
                GArray         *ties)
{
  guint n = ent_world_get_n_actors (world);
  guint n_blocs = ent_world_get_n_blocs (world);
  gboolean hovering;
  double max_importance = 0.0;

  g_array_set_size (self->actors, n);
  if (n > 0)
    memset (self->actors->data, 0, sizeof (ActorState) * n);

  for (guint i = 0; i < ties->len; i++)
    {
      const EntTie *tie = &g_array_index (ties, EntTie, i);

      if (tie->a < n && tie->b < n)
        {
          actor_state (self, tie->a)->degree++;
          actor_state (self, tie->b)->degree++;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      ActorState *state = actor_state (self, i);
      const EntActor *actor = ent_world_get_actor (world, i);

      ent_view_from_map (view, xy[2 * i], xy[2 * i + 1], &state->x, &state->y);
      if (self->metric != NULL && i < self->metric->len)
        state->importance = MAX (0.0, g_array_index (self->metric, double, i));
      else
        state->importance = state->degree;
      max_importance = MAX (max_importance, state->importance);
      state->organisation = actor->kind == ENT_ACTOR_ORGANISATION;
      state->alpha = 1.0;
    }

  for (guint i = 0; i < n; i++)
    {
      ActorState *state = actor_state (self, i);
      double share = max_importance > 0 ? sqrt (state->importance / max_importance) : 0.0;
      double reach;

      state->radius = style->actor_min_radius +
                      (style->actor_max_radius - style->actor_min_radius) * share;
      reach = state->radius + CULL_MARGIN;
      state->visible = state->x > -reach && state->x < view->width + reach &&
                       state->y > -reach && state->y < view->height + reach;
    }

  g_ptr_array_set_size (self->bloc_members, 0);
  for (guint b = 0; b < n_blocs; b++)
    g_ptr_array_add (self->bloc_members, ent_world_get_bloc_members (world, b, at));
  assign_colors (self, world, style);

  if (self->highlight_actors != NULL)
    for (guint i = 0; i < self->highlight_actors->len; i++)
      {
        guint actor = g_array_index (self->highlight_actors, guint, i);

        if (actor < n)
          actor_state (self, actor)->highlighted = TRUE;
      }
  if (self->highlight_pairs != NULL)
    for (guint i = 0; i < self->highlight_pairs->len; i++)
      {
        guint actor = g_array_index (self->highlight_pairs, guint, i);

        if (actor < n)
          actor_state (self, actor)->highlighted = TRUE;
      }

  hovering = self->hovered >= 0 && (guint) self->hovered < n;
  if (hovering)
    {
      actor_state (self, self->hovered)->focused = TRUE;
      for (guint i = 0; i < ties->len; i++)
        {
          const EntTie *tie = &g_array_index (ties, EntTie, i);

          if (tie->a == (guint) self->hovered && tie->b < n)
            actor_state (self, tie->b)->focused = TRUE;
          else if (tie->b == (guint) self->hovered && tie->a < n)
            actor_state (self, tie->a)->focused = TRUE;
        }
      for (guint i = 0; i < n; i++)
        if (!actor_state (self, i)->focused)
          actor_state (self, i)->alpha = style->dim_alpha;
    }
  else if (has_highlight (self))
    {
      for (guint i = 0; i < n; i++)
        if (!actor_state (self, i)->highlighted)
          actor_state (self, i)->alpha = style->highlight_dim_alpha;
    }
}

/* ---- Bloc hulls ------------------------------------------------------------ */

static double
cross (const double *o,
       const double *a,
       const double *b)
{
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const double *p = a, *q = b;

  if (p[0] != q[0])
    return p[0] < q[0] ? -1 : 1;
  if (p[1] != q[1])
    return p[1] < q[1] ? -1 : 1;
  return 0;
}

/* Andrew's monotone chain: self->points (sorted in place) to self->hull,
 * without collinear or repeated points. */
static void
convex_hull (EntPainter *self)
{
  guint n = self->points->len / 2;
  double *pts = (double *) self->points->data;
  double *hull;
  guint k = 0;

  g_array_set_size (self->hull, 4 * n + 2);
  hull = (double *) self->hull->data;
  if (n == 0)
    {
      g_array_set_size (self->hull, 0);
      return;
    }
  qsort (pts, n, 2 * sizeof (double), compare_points);

  for (guint i = 0; i < n; i++)
    {
      while (k >= 2 && cross (&hull[2 * (k - 2)], &hull[2 * (k - 1)], &pts[2 * i]) <= 0)
        k--;
      hull[2 * k] = pts[2 * i];
      hull[2 * k + 1] = pts[2 * i + 1];
      k++;
    }
  for (guint i = n - 1, lower = k + 1; i-- > 0;)
    {
      while (k >= lower && cross (&hull[2 * (k - 2)], &hull[2 * (k - 1)], &pts[2 * i]) <= 0)
        k--;
      hull[2 * k] = pts[2 * i];
      hull[2 * k + 1] = pts[2 * i + 1];
      k++;
    }
  /* The last point repeats the first. */
  if (k > 1)
    k--;
  g_array_set_size (self->hull, 2 * k);
}

/* The hull dilated by @radius: offset edges joined by arcs. One vertex
 * makes a circle and two make a capsule. */
static void
hull_path (cairo_t      *cr,
           const double *hull,
           guint         n,
           double        radius)
{
  double area = 0.0;

  cairo_new_path (cr);
  if (n == 1)
    {
      cairo_arc (cr, hull[0], hull[1], radius, 0, 2 * G_PI);
      cairo_close_path (cr);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      guint j = (i + 1) % n;

      area += hull[2 * i] * hull[2 * j + 1] - hull[2 * j] * hull[2 * i + 1];
    }

  for (guint i = 0; i < n; i++)
    {
      guint prev = (i + n - 1) % n;
      guint next = (i + 1) % n;
      double in_x = hull[2 * i] - hull[2 * prev];
      double in_y = hull[2 * i + 1] - hull[2 * prev + 1];
      double out_x = hull[2 * next] - hull[2 * i];
      double out_y = hull[2 * next + 1] - hull[2 * i + 1];
      /* The outward normal is on the right of a positively wound edge. */
      double a1 = area >= 0 ? atan2 (-in_x, in_y) : atan2 (in_x, -in_y);
      double a2 = area >= 0 ? atan2 (-out_x, out_y) : atan2 (out_x, -out_y);

      if (area >= 0)
        cairo_arc (cr, hull[2 * i], hull[2 * i + 1], radius, a1, a2);
      else
        cairo_arc_negative (cr, hull[2 * i], hull[2 * i + 1], radius, a1, a2);
    }
  cairo_close_path (cr);
}

/* The points of the current path, flattened, into @points (x, y pairs). */
static void
flatten_path (cairo_t *cr,
              GArray  *points)
{
  cairo_path_t *path = cairo_copy_path_flat (cr);

  g_array_set_size (points, 0);
  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    if (path->data[i].header.type == CAIRO_PATH_MOVE_TO || path->data[i].header.type == CAIRO_PATH_LINE_TO)
      g_array_append_vals (points, &path->data[i + 1].point, 2);
  cairo_path_destroy (path);
}

/* Fills the current path, a hull's (convex), in @color, and keeps it: on
 * image surfaces with the rasteriser, its flattened outline row by row
 * (cairo's fill was two fifths of a frame of the bundled map, for its
 * three translucent hulls), elsewhere with cairo. */
static void
fill_hull (EntPainter    *self,
           cairo_t       *cr,
           const EntRgba *color)
{
  gboolean filled = FALSE;

  if (self->raster_frame && ent_raster_begin (self->raster, cr))
    {
      flatten_path (cr, self->points);
      filled = ent_raster_fill_convex (self->raster, (const double *) (gpointer) self->points->data,
                                       self->points->len / 2, color, 1.0);
      ent_raster_end (self->raster);
    }
  if (!filled)
    {
      set_source (cr, color, 1.0);
      pen_fill (self, cr, TRUE);
    }
}

/* Strokes the current path with round joins in @color, @width wide, and
 * clears it: on image surfaces with the rasteriser, the path flattened
 * (cairo's stroker was a seventh of a frame of the bundled map, for its
 * three hulls), elsewhere with cairo. */
static void
stroke_outline (EntPainter    *self,
                cairo_t       *cr,
                const EntRgba *color,
                double         width)
{
  cairo_path_t *path;
  guint start = 0;

  if (!self->raster_frame || !ent_raster_begin (self->raster, cr))
    {
      pen_stroke (self, cr);
      return;
    }
  path = cairo_copy_path_flat (cr);
  g_array_set_size (self->points, 0);
  for (int i = 0; i <= path->num_data; i += i < path->num_data ? path->data[i].header.length : 1)
    {
      const cairo_path_data_t *data = i < path->num_data ? &path->data[i] : NULL;

      /* A subpath ends where the next begins, or at the end. */
      if ((data == NULL || data->header.type == CAIRO_PATH_MOVE_TO) && self->points->len > start + 2)
        ent_raster_stroke (self->raster, &g_array_index (self->points, double, start),
                           (self->points->len - start) / 2, width, TRUE, NULL, 0, 0.0, color, 1.0);
      if (data == NULL)
        break;
      switch (data->header.type)
        {
        case CAIRO_PATH_MOVE_TO:
          start = self->points->len;
          G_GNUC_FALLTHROUGH;
        case CAIRO_PATH_LINE_TO:
          g_array_append_vals (self->points, &data[1].point.x, 1);
          g_array_append_vals (self->points, &data[1].point.y, 1);
          break;
        case CAIRO_PATH_CLOSE_PATH:
          /* Back to the subpath's first point: the round caps there make
           * the last join. */
          if (self->points->len > start + 2)
            g_array_append_vals (self->points, &g_array_index (self->points, double, start), 2);
          break;
        case CAIRO_PATH_CURVE_TO:
        default:
          break;
        }
    }
  cairo_path_destroy (path);
  cairo_new_path (cr);
  ent_raster_end (self->raster);
}

/* The outline of the hull @hull dilated by @radius, @width wide with
 * round joins, and clears the path. On image surfaces it is the hull
 * dilated by half the width less the hull eroded by as much, filled with
 * the rasteriser: stroking it, even with the rasteriser, walked every
 * pixel between its sides. Elsewhere cairo strokes it. */
static void
outline_hull (EntPainter    *self,
              cairo_t       *cr,
              const double  *hull,
              guint          n_hull,
              double         radius,
              const EntRgba *color,
              double         width)
{
  gboolean drawn = FALSE;

  if (self->raster_frame && radius > width && ent_raster_begin (self->raster, cr))
    {
      g_autoptr(GArray) inner = g_array_new (FALSE, FALSE, sizeof (double));

      hull_path (cr, hull, n_hull, radius + width / 2);
      flatten_path (cr, self->points);
      hull_path (cr, hull, n_hull, radius - width / 2);
      flatten_path (cr, inner);
      drawn = ent_raster_fill_ring (self->raster, (const double *) (gpointer) self->points->data, self->points->len / 2,
                                    (const double *) (gpointer) inner->data, inner->len / 2, color, 1.0);
      ent_raster_end (self->raster);
    }
  if (drawn)
    {
      cairo_new_path (cr);
      return;
    }
  hull_path (cr, hull, n_hull, radius);
  set_source (cr, color, 1.0);
  cairo_set_line_width (cr, width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  stroke_outline (self, cr, color, width);
}

static void
draw_hulls (EntPainter     *self,
            cairo_t        *cr,
            EntWorld       *world,
            const EntView  *view,
            const EntStyle *style)
{
  double dim = self->hovered >= 0 ? 0.4 : 1.0;

  g_array_set_size (self->hull_labels, 0);
  for (guint b = 0; b < self->bloc_members->len; b++)
    {
      GArray *members = g_ptr_array_index (self->bloc_members, b);
      const EntBloc *bloc = ent_world_get_bloc (world, b);
      EntRgba color = ent_style_get_bloc_color (style, b, bloc->color);
      double radius = 0.0;
      double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
      const double *hull;
      guint n_hull, top = 0, bottom = 0, left = 0, right = 0;
      HullLabel label;

      if (members->len == 0)
        continue;

      g_array_set_size (self->points, 0);
      for (guint m = 0; m < members->len; m++)
        {
          guint actor = g_array_index (members, guint, m);
          const ActorState *state;

          if (actor >= self->actors->len)
            continue;
          state = actor_state (self, actor);
          g_array_append_val (self->points, state->x);
          g_array_append_val (self->points, state->y);
          radius = MAX (radius, state->radius);
          x0 = MIN (x0, state->x);
          x1 = MAX (x1, state->x);
          y0 = MIN (y0, state->y);
          y1 = MAX (y1, state->y);
        }
      radius += style->hull_padding;
      if (self->points->len == 0 ||
          x1 + radius < 0 || x0 - radius > view->width ||
          y1 + radius < 0 || y0 - radius > view->height)
        continue;

      convex_hull (self);
      hull = (const double *) self->hull->data;
      n_hull = self->hull->len / 2;

      hull_path (cr, hull, n_hull, radius);
      color.alpha = style->hull_fill_alpha * dim;
      fill_hull (self, cr, &color);
      color.alpha = style->hull_outline_alpha * dim;
      outline_hull (self, cr, hull, n_hull, radius, &color, style->hull_outline_width);

      for (guint i = 1; i < n_hull; i++)
        {
          if (hull[2 * i + 1] < hull[2 * top + 1])
            top = i;
          if (hull[2 * i + 1] > hull[2 * bottom + 1])
            bottom = i;
          if (hull[2 * i] < hull[2 * left])
            left = i;
          if (hull[2 * i] > hull[2 * right])
            right = i;
        }
      label.bloc = b;
      label.x = hull[2 * top];
      label.y = hull[2 * top + 1] - radius;
      label.bottom_x = hull[2 * bottom];
      label.bottom_y = hull[2 * bottom + 1] + radius;
      label.left_x = hull[2 * left] - radius;
      label.left_y = hull[2 * left + 1];
      label.right_x = hull[2 * right] + radius;
      label.right_y = hull[2 * right + 1];
      label.color = color;
      label.color.alpha = dim;
      g_array_append_val (self->hull_labels, label);
    }
}

/* The blocs an analysis suggests, as dashed outlines a little wider than
 * the declared blocs' hulls, so both read where they overlap. */
static void
draw_suggested_blocs (EntPainter     *self,
                      cairo_t        *cr,
                      const EntView  *view,
                      const EntStyle *style)
{
  static const double dashes[] = { 6.0, 4.0 };
  guint n = MIN (self->suggested->len, self->actors->len);
  guint n_communities = 0;

  for (guint i = 0; i < n; i++)
    n_communities = MAX (n_communities, g_array_index (self->suggested, guint, i) + 1);
  for (guint c = 0; c < n_communities; c++)
    {
      EntRgba color = style->foreground;
      double radius = 0.0;

      g_array_set_size (self->points, 0);
      for (guint i = 0; i < n; i++)
        {
          const ActorState *state = actor_state (self, i);

          if (g_array_index (self->suggested, guint, i) != c)
            continue;
          g_array_append_val (self->points, state->x);
          g_array_append_val (self->points, state->y);
          radius = MAX (radius, state->radius);
        }
      if (self->points->len < 4)
        continue;
      convex_hull (self);
      hull_path (cr, (const double *) self->hull->data, self->hull->len / 2,
                 radius + style->hull_padding + 8);
      color.alpha = 0.55;
      set_source (cr, &color, 1.0);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_set_line_width (cr, 1.5);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      pen_stroke (self, cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

/* ---- Ties ------------------------------------------------------------------- */

static int
compare_ties (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  GArray *ties = user_data;
  const EntTie *p = &g_array_index (ties, EntTie, *(const guint *) a);
  const EntTie *q = &g_array_index (ties, EntTie, *(const guint *) b);

  if (p->a != q->a)
    return p->a < q->a ? -1 : 1;
  if (p->b != q->b)
    return p->b < q->b ? -1 : 1;
  if (p->kind != q->kind)
    return p->kind < q->kind ? -1 : 1;
  if (p->relation != q->relation)
    return p->relation < q->relation ? -1 : 1;
  return 0;
}

static const EntTieStyle *
tie_style (EntWorld       *world,
           const EntStyle *style,
           const EntTie   *tie)
{
  if (tie->kind == ENT_TIE_MEETINGS)
    return tie->planned_only ? &style->meeting_planned : &style->meeting;
  return ent_style_get_relation (style, ent_world_get_relation (world, tie->relation)->type, tie->sign);
}

/* A tie from a to b, bowed sideways so that its middle passes @offset px
 * to the right of the chord. */
typedef struct
{
  double ax, ay;    /* ends, trimmed to the discs' rims */
  double bx, by;
  double cx, cy;    /* quadratic control point */
  double mx, my;    /* the middle of the curve */
  double length;    /* of the whole curve, or -1 until tie_length() */
} TieGeometry;

/* Five-point Gauss-Legendre quadrature of the speed: exact to a fraction
 * of a pixel for the gentle curves drawn here. */
static double
quadratic_length (const TieGeometry *g,
                  double             from,
                  double             to)
{
  static const double nodes[] = { 0.0, -0.5384693101056831, 0.5384693101056831,
                                  -0.9061798459386640, 0.9061798459386640 };
  static const double weights[] = { 0.5688888888888889, 0.4786286704993665, 0.4786286704993665,
                                    0.2369268850561891, 0.2369268850561891 };
  double length = 0.0;

  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      double t = from + (to - from) * (nodes[i] + 1) / 2;
      double dx = 2 * (1 - t) * (g->cx - g->ax) + 2 * t * (g->bx - g->cx);
      double dy = 2 * (1 - t) * (g->cy - g->ay) + 2 * t * (g->by - g->cy);

      length += weights[i] * sqrt (dx * dx + dy * dy);
    }
  return length * (to - from) / 2;
}

/* The length is needed only to lay out dashes. */
static double
tie_length (TieGeometry *g)
{
  if (g->length < 0)
    g->length = quadratic_length (g, 0, 1);
  return g->length;
}

static gboolean
tie_geometry (const ActorState *a,
              const ActorState *b,
              double            offset,
              TieGeometry      *g)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double chord = sqrt (dx * dx + dy * dy);
  double nx, ny, ta, tb, len;

  if (chord <= a->radius + b->radius + 1.0)
    return FALSE;

  nx = -dy / chord;
  ny = dx / chord;
  g->mx = (a->x + b->x) / 2 + nx * offset;
  g->my = (a->y + b->y) / 2 + ny * offset;
  g->cx = (a->x + b->x) / 2 + nx * 2 * offset;
  g->cy = (a->y + b->y) / 2 + ny * 2 * offset;

  /* Leave each end at the rim, along the curve's tangent there. */
  len = sqrt ((g->cx - a->x) * (g->cx - a->x) + (g->cy - a->y) * (g->cy - a->y));
  ta = a->radius / len;
  g->ax = a->x + (g->cx - a->x) * ta;
  g->ay = a->y + (g->cy - a->y) * ta;
  len = sqrt ((g->cx - b->x) * (g->cx - b->x) + (g->cy - b->y) * (g->cy - b->y));
  tb = b->radius / len;
  g->bx = b->x + (g->cx - b->x) * tb;
  g->by = b->y + (g->cy - b->y) * tb;

  /* Trimming moved the ends; move the control point so that the middle
   * of the curve stays where the offset puts it. */
  g->cx = (4 * g->mx - g->ax - g->bx) / 2;
  g->cy = (4 * g->my - g->ay - g->by) / 2;
  g->length = -1;
  return TRUE;
}

static void
quadratic_point (const TieGeometry *g,
                 double             t,
                 double            *x,
                 double            *y)
{
  double u = 1 - t;

  *x = u * u * g->ax + 2 * u * t * g->cx + t * t * g->bx;
  *y = u * u * g->ay + 2 * u * t * g->cy + t * t * g->by;
}

/* The stretch [t0, t1] of the curve, as one cubic. */
static void
tie_path (cairo_t           *cr,
          const TieGeometry *g,
          double             t0,
          double             t1)
{
  double x0, y0, x1, y1, cx, cy;
  double blend = (1 - t0) * t1 + t0 * (1 - t1);

  quadratic_point (g, t0, &x0, &y0);
  quadratic_point (g, t1, &x1, &y1);
  /* The control point of the stretch, by blossoming. */
  cx = (1 - t0) * (1 - t1) * g->ax + blend * g->cx + t0 * t1 * g->bx;
  cy = (1 - t0) * (1 - t1) * g->ay + blend * g->cy + t0 * t1 * g->by;
  cairo_move_to (cr, x0, y0);
  if (fabs ((x1 - x0) * (cy - y0) - (y1 - y0) * (cx - x0)) < 1e-6 * (1 + fabs (x1 - x0) + fabs (y1 - y0)))
    {
      /* Straight: a line is much cheaper to stroke than a flat curve. */
      cairo_line_to (cr, x1, y1);
      return;
    }
  cairo_curve_to (cr,
                  x0 + 2.0 / 3.0 * (cx - x0), y0 + 2.0 / 3.0 * (cy - y0),
                  x1 + 2.0 / 3.0 * (cx - x1), y1 + 2.0 / 3.0 * (cy - y1),
                  x1, y1);
}

/* Clips the segment from (@x0, @y0) to (@x1, @y1) to the rectangle
 * [@left, @right] x [@top, @bottom] (Liang-Barsky): the part inside runs
 * from *@t0 to *@t1 along it, none if *@t0 > *@t1. %FALSE when the
 * segment runs beside the rectangle, parallel to one of its sides. */
static gboolean
clip_segment (double  x0,
              double  y0,
              double  x1,
              double  y1,
              double  left,
              double  top,
              double  right,
              double  bottom,
              double *t0,
              double *t1)
{
  double dx = x1 - x0, dy = y1 - y0;
  const double p[4] = { -dx, dx, -dy, dy };
  const double q[4] = { x0 - left, right - x0, y0 - top, bottom - y0 };

  *t0 = 0.0;
  *t1 = 1.0;
  for (guint i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      if (p[i] < 0)
        *t0 = MAX (*t0, q[i] / p[i]);
      else
        *t1 = MIN (*t1, q[i] / p[i]);
    }
  return TRUE;
}

/* The stretch of a tie that can show, as curve parameters. Zoomed in, a
 * tie may run thousands of pixels beyond the view, and dashing all of it
 * would cost more than the rest of the frame. A tie's control point sits
 * over the middle of its chord, so the curve moves along the chord
 * evenly in t, and clipping the chord against the view grown by the bow
 * gives the range. */
static gboolean
visible_range (const TieGeometry *g,
               const EntView     *view,
               double             reach,
               double            *t0,
               double            *t1)
{
  double bow = hypot (g->cx - (g->ax + g->bx) / 2, g->cy - (g->ay + g->by) / 2);
  double grow = reach + bow;

  if (!clip_segment (g->ax, g->ay, g->bx, g->by, -grow, -grow, view->width + grow, view->height + grow, t0, t1))
    return FALSE;
  /* The evenness is only close once the ends are trimmed: keep a margin. */
  if (*t0 > 0)
    *t0 = MAX (0.0, *t0 - 0.02);
  if (*t1 < 1)
    *t1 = MIN (1.0, *t1 + 0.02);
  return *t0 < *t1;
}

static double
tie_width (const EntTieStyle *ts,
           const EntTie      *tie)
{
  return ts->min_width + (ts->max_width - ts->min_width) * CLAMP (tie->weight, 0.0, 1.0);
}

/* Dashes are laid out from the middle, so that both ends look alike and
 * the middle of every tie is always inked. Fills @dashes (at most
 * ENT_STYLE_MAX_DASHES) and @offset as for cairo_set_dash(); returns how
 * many dashes there are, 0 for a solid line. */
static guint
dash_pattern (const EntTieStyle *ts,
              double             width,
              double             length,
              double             start,
              double            *dashes,
              double            *offset)
{
  double scale = MAX (1.0, width / 2);
  double period = 0.0;

  *offset = 0.0;
  if (ts->n_dashes == 0)
    return 0;
  for (guint i = 0; i < ts->n_dashes; i++)
    {
      dashes[i] = ts->dashes[i] * scale;
      period += dashes[i];
    }
  *offset = fmod (dashes[0] / 2 - length / 2 + start, period);
  if (*offset < 0)
    *offset += period;
  return ts->n_dashes;
}

static void
set_dash (cairo_t           *cr,
          const EntTieStyle *ts,
          double             width,
          double             length,
          double             start)
{
  double dashes[ENT_STYLE_MAX_DASHES];
  double offset;
  guint n = dash_pattern (ts, width, length, start, dashes, &offset);

  cairo_set_dash (cr, n > 0 ? dashes : NULL, (int) n, offset);
}

/* The stretch [t0, t1] of a tie drawn by the rasteriser: the curve cut
 * into chords that stay within a tenth of a device pixel of it. */
static void
raster_tie (EntPainter        *self,
            const TieGeometry *g,
            double             t0,
            double             t1,
            double             width,
            gboolean           round_caps,
            const double      *dashes,
            guint              n_dashes,
            double             dash_offset,
            const EntRgba     *color,
            double             alpha)
{
  /* A chord over dt of a quadratic strays |a - 2c + b| dt^2 / 4 from it. */
  double bend = hypot (g->ax - 2 * g->cx + g->bx, g->ay - 2 * g->cy + g->by) *
                ent_raster_get_scale (self->raster);
  guint n = 1;
  double *p;

  /* Trimming to unequal rims leaves the control point of a straight tie
   * on its chord: one segment, as tie_path() draws it. */
  if (bend > 1e-9 &&
      fabs ((g->bx - g->ax) * (g->cy - g->ay) - (g->by - g->ay) * (g->cx - g->ax)) >=
      1e-6 * (1 + fabs (g->bx - g->ax) + fabs (g->by - g->ay)))
    n = (guint) CLAMP (ceil ((t1 - t0) / sqrt (4 * 0.1 / bend)), 1.0, 256.0);
  g_array_set_size (self->points, 2 * (n + 1));
  p = &g_array_index (self->points, double, 0);
  for (guint i = 0; i <= n; i++)
    quadratic_point (g, t0 + (t1 - t0) * i / n, &p[2 * i], &p[2 * i + 1]);
  ent_raster_stroke (self->raster, p, n + 1, width, round_caps,
                     dashes, n_dashes, dash_offset, color, alpha);
}

static gboolean
segment_visible (const TieGeometry *g,
                 const EntView     *view,
                 double             reach)
{
  double x0 = MIN (g->ax, MIN (g->bx, g->cx)) - reach;
  double x1 = MAX (g->ax, MAX (g->bx, g->cx)) + reach;
  double y0 = MIN (g->ay, MIN (g->by, g->cy)) - reach;
  double y1 = MAX (g->ay, MAX (g->by, g->cy)) + reach;

  return x1 >= 0 && x0 <= view->width && y1 >= 0 && y0 <= view->height;
}

static double
tie_alpha (EntPainter     *self,
           const EntStyle *style,
           const EntTie   *tie,
           gboolean        highlighted)
{
  if (self->hovered >= 0)
    return (tie->a == (guint) self->hovered || tie->b == (guint) self->hovered) ? 1.0 : style->dim_alpha;
  if (has_highlight (self))
    return highlighted ? 1.0 : style->highlight_dim_alpha;
  return 1.0;
}

/* The offset of tie @j of a pair that has @k: side by side, with meeting
 * ties bowed out further so they read as something other than a treaty. */
static double
tie_offset (const EntStyle *style,
            const EntTie   *tie,
            guint           j,
            guint           k,
            double          chord)
{
  double offset = ((double) j - (k - 1) / 2.0) * style->parallel_spacing;

  if (tie->kind == ENT_TIE_MEETINGS)
    offset += (offset >= 0 ? 1 : -1) * MIN (style->meeting_bend * chord, 40.0);
  return offset;
}

typedef enum
{
  TIE_PASS_GLOW,
  TIE_PASS_LINES,
  TIE_PASS_BADGES,
  TIE_PASS_SKETCH,
} TiePass;

static void
draw_badge (EntPainter        *self,
            cairo_t           *cr,
            PangoLayout       *layout,
            const EntStyle    *style,
            const TieGeometry *g,
            guint              count,
            double             alpha)
{
  g_autofree char *text = g_strdup_printf ("×%u", count);
  double w, h, bw, bh;

  pango_layout_set_text (layout, text, -1);
  layout_size (layout, &w, &h);
  bw = w + 8;
  bh = h + 2;
  /* With the background stroke around it. */
  g_array_append_val (self->badge_boxes, ((EntLabelBox) {
    G_MAXUINT, g->mx - bw / 2 - 1.5, g->my - bh / 2 - 1.5, bw + 3, bh + 3,
  }));
  rounded_rectangle (cr, g->mx - bw / 2, g->my - bh / 2, bw, bh, bh / 2);
  set_source (cr, &style->background, alpha);
  cairo_set_line_width (cr, 3.0);
  cairo_stroke_preserve (cr);
  set_source (cr, &style->badge_fill, alpha);
  cairo_fill (cr);
  cairo_move_to (cr, g->mx - w / 2, g->my - h / 2);
  set_source (cr, &style->badge_text, alpha);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_ties_pass (EntPainter     *self,
                cairo_t        *cr,
                PangoLayout    *badge_layout,
                EntWorld       *world,
                const EntView  *view,
                const EntStyle *style,
                GArray         *ties,
                TiePass         pass)
{
  guint n_order = self->tie_order->len;
  guint n_actors = self->actors->len;

  for (guint start = 0, end; start < n_order; start = end)
    {
      const EntTie *first = &g_array_index (ties, EntTie, g_array_index (self->tie_order, guint, start));
      const ActorState *a, *b;
      double chord;
      gboolean highlighted;

      for (end = start + 1; end < n_order; end++)
        {
          const EntTie *next = &g_array_index (ties, EntTie, g_array_index (self->tie_order, guint, end));

          if (next->a != first->a || next->b != first->b)
            break;
        }
      if (first->a >= n_actors || first->b >= n_actors)
        continue;
      a = actor_state (self, first->a);
      b = actor_state (self, first->b);
      if (!a->visible && !b->visible &&
          ((a->x < 0 && b->x < 0) || (a->y < 0 && b->y < 0) ||
           (a->x > view->width && b->x > view->width) ||
           (a->y > view->height && b->y > view->height)))
        continue;
      highlighted = is_highlighted_pair (self, first->a, first->b);
      if (pass == TIE_PASS_GLOW && !highlighted)
        continue;
      chord = sqrt ((b->x - a->x) * (b->x - a->x) + (b->y - a->y) * (b->y - a->y));

      for (guint j = start; j < end; j++)
        {
          const EntTie *tie = &g_array_index (ties, EntTie, g_array_index (self->tie_order, guint, j));
          const EntTieStyle *ts;
          double width, alpha;
          gboolean growing;
          TieGeometry g;
          double t0, t1;

          /* Only ties of several meetings carry a badge: the others are
           * passed over before anything is worked out for them. */
          if (pass == TIE_PASS_BADGES && (tie->kind != ENT_TIE_MEETINGS || tie->n_meetings <= 1))
            continue;
          growing = tie->kind == ENT_TIE_MEETINGS && is_growing_pair (self, tie->a, tie->b);
          if (pass == TIE_PASS_SKETCH && self->sketch_stride > 1 && j % self->sketch_stride != 0 &&
              !highlighted && !growing &&
              !(self->hovered >= 0 && (tie->a == (guint) self->hovered || tie->b == (guint) self->hovered)))
            continue;
          ts = tie_style (world, style, tie);
          width = tie_width (ts, tie);
          alpha = tie_alpha (self, style, tie, highlighted);
          if (!tie_geometry (a, b, tie_offset (style, tie, j - start, end - start, chord), &g) ||
              !segment_visible (&g, view, width + style->highlight_width) ||
              !visible_range (&g, view, width + style->highlight_width, &t0, &t1))
            continue;
          /* A new meeting's tie grows from one participant to the other. */
          if (growing)
            {
              t1 = MIN (t1, self->growth);
              alpha *= 0.4 + 0.6 * self->growth;
              if (t1 <= t0 || pass == TIE_PASS_BADGES)
                continue;
            }

          switch (pass)
            {
            case TIE_PASS_GLOW:
              if (self->raster_ties)
                {
                  raster_tie (self, &g, t0, t1, width + style->highlight_width, TRUE,
                              NULL, 0, 0.0, &style->highlight, 1.0);
                  break;
                }
              tie_path (cr, &g, t0, t1);
              cairo_set_dash (cr, NULL, 0, 0);
              cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
              cairo_set_line_width (cr, width + style->highlight_width);
              set_source (cr, &style->highlight, 1.0);
              pen_stroke (self, cr);
              break;

            case TIE_PASS_LINES:
              if (self->raster_ties)
                {
                  double dashes[ENT_STYLE_MAX_DASHES];
                  double offset;
                  guint n_dashes = dash_pattern (ts, width, ts->n_dashes > 0 ? tie_length (&g) : 0.0,
                                                 t0 > 0 ? quadratic_length (&g, 0, t0) : 0.0,
                                                 dashes, &offset);

                  raster_tie (self, &g, t0, t1, width, ts->round_caps,
                              dashes, n_dashes, offset, &ts->color, alpha);
                  break;
                }
              tie_path (cr, &g, t0, t1);
              set_dash (cr, ts, width, tie_length (&g), t0 > 0 ? quadratic_length (&g, 0, t0) : 0.0);
              cairo_set_line_cap (cr, ts->round_caps ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
              cairo_set_line_width (cr, width);
              set_source (cr, &ts->color, alpha);
              pen_stroke (self, cr);
              break;

            case TIE_PASS_SKETCH:
              if (self->raster_ties)
                {
                  raster_tie (self, &g, t0, t1, ts->min_width * 0.75, FALSE,
                              NULL, 0, 0.0, &ts->color, 0.7 * alpha);
                  break;
                }
              tie_path (cr, &g, t0, t1);
              cairo_set_line_width (cr, ts->min_width * 0.75);
              set_source (cr, &ts->color, 0.7 * alpha);
              pen_stroke (self, cr);
              break;

            case TIE_PASS_BADGES:
              if (tie->kind == ENT_TIE_MEETINGS && tie->n_meetings > 1)
                draw_badge (self, cr, badge_layout, style, &g, tie->n_meetings, alpha);
              break;

            default:
              g_assert_not_reached ();
            }
        }
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

static guint
count_ties_in_view (EntPainter *self,
                    GArray     *ties)
{
  guint count = 0;

  for (guint i = 0; i < ties->len; i++)
    {
      const EntTie *tie = &g_array_index (ties, EntTie, i);

      if (tie->a < self->actors->len && tie->b < self->actors->len &&
          (actor_state (self, tie->a)->visible || actor_state (self, tie->b)->visible))
        count++;
    }
  return count;
}

/* A hairball of thousands of ties cannot show dashes or widths, and
 * dashing each would take most of a second: draw them thin and solid,
 * hostile ones still red. */
/* In a hairball every pixel is crossed by many ties, and drawing all of
 * them only darkens an already uniform haze: past SKETCH_INK pixels of
 * line per pixel of view, an even sample of them is drawn (in pair order,
 * so every actor keeps its share), and whatever hover or highlight
 * brings forward. */
static guint
sketch_stride (EntPainter    *self,
               const EntView *view,
               GArray        *ties)
{
  double ink = 0.0, most = hypot (view->width, view->height);
  double budget = (self->moving ? SKETCH_INK_MOVING : SKETCH_INK) * view->width * view->height;

  for (guint i = 0; i < ties->len; i++)
    {
      const EntTie *tie = &g_array_index (ties, EntTie, i);
      const ActorState *a, *b;

      if (tie->a >= self->actors->len || tie->b >= self->actors->len)
        continue;
      a = actor_state (self, tie->a);
      b = actor_state (self, tie->b);
      if (a->visible || b->visible)
        ink += MIN (most, sqrt ((b->x - a->x) * (b->x - a->x) + (b->y - a->y) * (b->y - a->y)));
    }
  return budget > 0 && ink > budget ? (guint) ceil (ink / budget) : 1;
}

static void
sketch_ties (EntPainter     *self,
             cairo_t        *cr,
             EntWorld       *world,
             const EntView  *view,
             const EntStyle *style,
             GArray         *ties)
{
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  self->sketch_stride = sketch_stride (self, view, ties);
  draw_ties_pass (self, cr, NULL, world, view, style, ties, TIE_PASS_SKETCH);
  self->sketch_stride = 1;
}

/* The world lists its ties in the same order from frame to frame while
 * nothing changes, and checking the last frame's order is much cheaper
 * than sorting a large map's ties again. */
static gboolean
tie_order_still_sorted (EntPainter *self,
                        GArray     *ties)
{
  if (self->tie_order->len != ties->len)
    return FALSE;
  for (guint i = 1; i < ties->len; i++)
    if (compare_ties (&g_array_index (self->tie_order, guint, i - 1),
                      &g_array_index (self->tie_order, guint, i), ties) > 0)
      return FALSE;
  return TRUE;
}

static void
draw_ties (EntPainter     *self,
           cairo_t        *cr,
           PangoLayout    *layout,
           EntWorld       *world,
           const EntView  *view,
           const EntStyle *style,
           GArray         *ties)
{
  g_autoptr(PangoFontDescription) badge_font = make_font (self, style, style->badge_size, PANGO_WEIGHT_BOLD);
  cairo_t *text_cr;

  if (!tie_order_still_sorted (self, ties))
    {
      g_array_set_size (self->tie_order, ties->len);
      for (guint i = 0; i < ties->len; i++)
        g_array_index (self->tie_order, guint, i) = i;
      g_array_sort_with_data (self->tie_order, compare_ties, ties);
    }

  self->raster_ties = self->raster_frame && ent_raster_begin (self->raster, cr);
  if (self->highlight_pairs != NULL && self->highlight_pairs->len > 0)
    draw_ties_pass (self, cr, layout, world, view, style, ties, TIE_PASS_GLOW);
  if (count_ties_in_view (self, ties) > SKETCH_TIES)
    sketch_ties (self, cr, world, view, style, ties);
  else
    draw_ties_pass (self, cr, layout, world, view, style, ties, TIE_PASS_LINES);
  if (self->raster_ties)
    ent_raster_end (self->raster);
  self->raster_ties = FALSE;
  pango_layout_set_font_description (layout, badge_font);
  pango_layout_set_width (layout, -1);
  text_cr = text_begin (self, cr);
  draw_ties_pass (self, text_cr, layout, world, view, style, ties, TIE_PASS_BADGES);
  text_end (self, text_cr);
}

/* ---- Actors ------------------------------------------------------------------ */

/* Discs from images drawn once. A disc is an arc filled and stroked,
 * which cairo tessellates anew every time; on raster targets each look
 * (shape, radius to a quarter pixel, colours, device scale, and where the
 * centre falls within a device pixel, to a quarter pixel) is drawn once
 * and then copied, at a whole-pixel offset, which pixman does fastest. */
#define SPRITE_STEPS        4                   /* per pixel, for radius and phase */
#define MAX_SPRITE_BYTES    (24 * 1024 * 1024)  /* all actor sprites together */

typedef struct
{
  guint32 fill;             /* RGBA, 8 bits each */
  guint32 rim;
  guint32 scale;            /* device scale, in 1/1024 */
  guint16 radius;           /* in 1/SPRITE_STEPS px */
  guint8  organisation;
  guint8  phase;            /* x phase * SPRITE_STEPS + y phase */
} ActorSpriteKey;

static guint32
pack_rgba (const EntRgba *c)
{
  return (guint32) (CLAMP (c->red, 0.0, 1.0) * 255 + 0.5) << 24 |
         (guint32) (CLAMP (c->green, 0.0, 1.0) * 255 + 0.5) << 16 |
         (guint32) (CLAMP (c->blue, 0.0, 1.0) * 255 + 0.5) << 8 |
         (guint32) (CLAMP (c->alpha, 0.0, 1.0) * 255 + 0.5);
}

static guint
actor_sprite_hash (gconstpointer data)
{
  const ActorSpriteKey *k = data;

  return (k->fill * 31u + k->rim) * 31u + k->scale * 7u + k->radius * 131u +
         k->organisation * 17u + k->phase;
}

static gboolean
actor_sprite_equal (gconstpointer a,
                    gconstpointer b)
{
  return memcmp (a, b, sizeof (ActorSpriteKey)) == 0;
}

static gboolean
draw_actor_sprite (EntPainter       *self,
                   cairo_t          *cr,
                   const EntStyle   *style,
                   const ActorState *state,
                   const EntRgba    *fill,
                   const EntRgba    *rim)
{
  double scale = self->device_scale;
  double dx = state->x * scale + self->device_tx;
  double dy = state->y * scale + self->device_ty;
  double qx = round ((dx - floor (dx)) * SPRITE_STEPS);
  double qy = round ((dy - floor (dy)) * SPRITE_STEPS);
  double ix = floor (dx) + floor (qx / SPRITE_STEPS);
  double iy = floor (dy) + floor (qy / SPRITE_STEPS);
  double radius = round (state->radius * SPRITE_STEPS) / SPRITE_STEPS;
  int pad = (int) ceil ((radius + style->actor_outline_width) * scale) + 2;
  ActorSpriteKey key;
  cairo_surface_t *sprite;

  if (fabs (ix) > 1e6 || fabs (iy) > 1e6 || scale > 16 || radius * SPRITE_STEPS > G_MAXUINT16)
    return FALSE;
  qx = fmod (qx, SPRITE_STEPS);
  qy = fmod (qy, SPRITE_STEPS);
  memset (&key, 0, sizeof key);
  key.fill = pack_rgba (fill);
  key.rim = pack_rgba (rim);
  key.scale = (guint32) round (scale * 1024);
  key.radius = (guint16) (radius * SPRITE_STEPS);
  key.organisation = state->organisation;
  key.phase = (guint8) (qx * SPRITE_STEPS + qy);

  sprite = g_hash_table_lookup (self->actor_sprites, &key);
  if (sprite == NULL)
    {
      int size = 2 * pad + 1;
      double half, corner;

      if (self->actor_sprite_bytes > MAX_SPRITE_BYTES)
        {
          g_hash_table_remove_all (self->actor_sprites);
          self->actor_sprite_bytes = 0;
        }
      sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
      cairo_surface_set_device_scale (sprite, scale, scale);
      /* The shape of actor_shape(), in device pixels: filling and
       * stroking it with cairo cost ten times as much. */
      half = (state->organisation ? radius * 0.9 : radius) * scale;
      corner = state->organisation ? style->organisation_corner * radius * scale : half;
      ent_raster_fill_shape (sprite, pad + qx / SPRITE_STEPS, pad + qy / SPRITE_STEPS, half, corner,
                             style->actor_outline_width * scale, fill, rim);
      self->actor_sprite_bytes += (gsize) size * size * 4;
      g_hash_table_insert (self->actor_sprites, g_memdup2 (&key, sizeof key), sprite);
    }
  if (self->raster_actors && ent_raster_blit (self->raster, sprite, (int) (ix - pad), (int) (iy - pad)))
    return TRUE;
  cairo_set_source_surface (cr, sprite, (ix - pad - self->device_tx) / scale,
                            (iy - pad - self->device_ty) / scale);
  cairo_paint (cr);
  return TRUE;
}

static void
draw_actor (EntPainter       *self,
            cairo_t          *cr,
            const EntStyle   *style,
            guint             i,
            const ActorState *state)
{
  EntRgba fill = fade (&state->fill, style, state->alpha);
  EntRgba rim = ent_rgba_mix (&fill, &style->actor_outline, style->actor_outline_mix);

  if (state->highlighted && has_highlight (self) && self->hovered < 0)
    {
      actor_shape (cr, state, style, style->highlight_width / 2);
      set_source (cr, &style->highlight, 1.0);
      pen_fill (self, cr, FALSE);
    }

  if (!self->raster_frame || !draw_actor_sprite (self, cr, style, state, &fill, &rim))
    {
      actor_shape (cr, state, style, 0);
      set_source (cr, &fill, 1.0);
      pen_fill (self, cr, TRUE);
      set_source (cr, &rim, 1.0);
      cairo_set_line_width (cr, style->actor_outline_width);
      pen_stroke (self, cr);
    }

  if ((int) i == self->selected)
    {
      actor_shape (cr, state, style, style->selection_gap + style->selection_width / 2);
      set_source (cr, &style->selection, 1.0);
      cairo_set_line_width (cr, style->selection_width);
      pen_stroke (self, cr);
    }
}

/* Whether drawing actor @i takes more than its disc image. */
static gboolean
actor_needs_cairo (EntPainter       *self,
                   guint             i,
                   const ActorState *state)
{
  return (state->highlighted && has_highlight (self) && self->hovered < 0) || (int) i == self->selected;
}

static void
draw_actors (EntPainter     *self,
             cairo_t        *cr,
             const EntStyle *style)
{
  /* Disc images are copied straight into the pixels: a cairo paint per
   * disc costs more than the copy. The few actors drawn with more than
   * their image (highlight, selection) are drawn with cairo between. */
  self->raster_actors = self->raster_frame && ent_raster_begin (self->raster, cr);

  /* What is pushed back goes first, so what is in focus lies on top. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->actors->len; i++)
      {
        const ActorState *state = actor_state (self, i);

        if (!state->visible || (state->alpha >= 1.0) != (pass == 1))
          continue;
        if (self->raster_actors && actor_needs_cairo (self, i, state))
          {
            ent_raster_end (self->raster);
            self->raster_actors = FALSE;
            draw_actor (self, cr, style, i, state);
            self->raster_actors = ent_raster_begin (self->raster, cr);
            continue;
          }
        draw_actor (self, cr, style, i, state);
      }
  if (self->raster_actors)
    ent_raster_end (self->raster);
  self->raster_actors = FALSE;
}

/* ---- Label placement -------------------------------------------------------- */

static void
grid_reset (EntPainter    *self,
            const EntView *view)
{
  guint cells;

  self->grid_cols = MAX (1, (guint) ceil (view->width / GRID_CELL));
  self->grid_rows = MAX (1, (guint) ceil (view->height / GRID_CELL));
  cells = self->grid_cols * self->grid_rows;
  g_array_set_size (self->grid_heads, cells);
  for (guint i = 0; i < cells; i++)
    g_array_index (self->grid_heads, int, i) = -1;
  g_array_set_size (self->grid_entries, 0);
  g_array_set_size (self->obstacles, 0);
}

static void
grid_cells (EntPainter     *self,
            const Obstacle *box,
            guint          *c0,
            guint          *r0,
            guint          *c1,
            guint          *r1)
{
  *c0 = (guint) CLAMP (floor (box->x0 / GRID_CELL), 0, self->grid_cols - 1);
  *c1 = (guint) CLAMP (floor (box->x1 / GRID_CELL), 0, self->grid_cols - 1);
  *r0 = (guint) CLAMP (floor (box->y0 / GRID_CELL), 0, self->grid_rows - 1);
  *r1 = (guint) CLAMP (floor (box->y1 / GRID_CELL), 0, self->grid_rows - 1);
}

static void
grid_add (EntPainter     *self,
          const Obstacle *box)
{
  guint c0, r0, c1, r1;
  guint index = self->obstacles->len;

  g_array_append_val (self->obstacles, *box);
  grid_cells (self, box, &c0, &r0, &c1, &r1);
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        int *head = &g_array_index (self->grid_heads, int, r * self->grid_cols + c);
        GridEntry entry = { index, *head };

        *head = (int) self->grid_entries->len;
        g_array_append_val (self->grid_entries, entry);
      }
}

static gboolean
grid_collides (EntPainter     *self,
               const Obstacle *box,
               gboolean        avoid_discs)
{
  guint c0, r0, c1, r1;

  grid_cells (self, box, &c0, &r0, &c1, &r1);
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      for (int e = g_array_index (self->grid_heads, int, r * self->grid_cols + c); e >= 0;)
        {
          const GridEntry *entry = &g_array_index (self->grid_entries, GridEntry, e);
          const Obstacle *other = &g_array_index (self->obstacles, Obstacle, entry->obstacle);

          e = entry->next;
          if (!other->is_label && (!avoid_discs || other->actor == box->actor))
            continue;
          if (box->x0 < other->x1 && other->x0 < box->x1 &&
              box->y0 < other->y1 && other->y0 < box->y1)
            return TRUE;
        }
  return FALSE;
}

static int
compare_label_priority (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  EntPainter *self = user_data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  const ActorState *p = actor_state (self, i), *q = actor_state (self, j);
  int rank_p = (int) i == self->hovered ? 0 : (int) i == self->selected ? 1 : p->highlighted ? 2 : 3;
  int rank_q = (int) j == self->hovered ? 0 : (int) j == self->selected ? 1 : q->highlighted ? 2 : 3;

  if (rank_p != rank_q)
    return rank_p - rank_q;
  if (p->importance != q->importance)
    return p->importance > q->importance ? -1 : 1;
  return i < j ? -1 : i > j;
}

/* The ties of each actor, by their other end, for the labels to keep
 * clear of (up to LABEL_DODGE_MAX_TIES ties; none on bigger maps, whose
 * labels keep to the first free spot). */
static void
index_tie_ends (EntPainter *self,
                guint       n_actors)
{
  guint *first, *ends;

  g_clear_pointer (&self->tie_first, g_array_unref);
  g_clear_pointer (&self->tie_ends, g_array_unref);
  if (self->ties->len == 0 || self->ties->len > LABEL_DODGE_MAX_TIES)
    return;
  self->tie_first = g_array_sized_new (FALSE, TRUE, sizeof (guint), n_actors + 1);
  g_array_set_size (self->tie_first, n_actors + 1);
  self->tie_ends = g_array_sized_new (FALSE, FALSE, sizeof (guint), 2 * self->ties->len);
  g_array_set_size (self->tie_ends, 2 * self->ties->len);
  first = (guint *) (gpointer) self->tie_first->data;
  ends = (guint *) (gpointer) self->tie_ends->data;
  /* Each actor's count, then the end of its stretch; filling each
   * stretch from the back leaves first[i] where actor i's ends start. */
  for (guint t = 0; t < self->ties->len; t++)
    {
      const EntTie *tie = &g_array_index (self->ties, EntTie, t);

      first[tie->a]++;
      first[tie->b]++;
    }
  for (guint i = 1; i <= n_actors; i++)
    first[i] += first[i - 1];
  for (guint t = self->ties->len; t-- > 0;)
    {
      const EntTie *tie = &g_array_index (self->ties, EntTie, t);

      ends[--first[tie->a]] = tie->b;
      ends[--first[tie->b]] = tie->a;
    }
}

/* Whether the segment from (@x0, @y0) to (@x1, @y1) passes through @box. */
static gboolean
segment_meets_box (double          x0,
                   double          y0,
                   double          x1,
                   double          y1,
                   const Obstacle *box)
{
  double t0, t1;

  return clip_segment (x0, y0, x1, y1, box->x0, box->y0, box->x1, box->y1, &t0, &t1) && t0 <= t1;
}

/* How many of @actor's own ties run through @box, up to @limit. */
static guint
own_ties_through (EntPainter     *self,
                  guint           actor,
                  const Obstacle *box,
                  guint           limit)
{
  const ActorState *state = actor_state (self, actor);
  guint first, last, n = 0;

  if (self->tie_first == NULL || actor + 1 >= self->tie_first->len)
    return 0;
  first = g_array_index (self->tie_first, guint, actor);
  last = g_array_index (self->tie_first, guint, actor + 1);
  for (guint k = first; k < last && n < limit; k++)
    {
      guint other = g_array_index (self->tie_ends, guint, k);
      const ActorState *end;

      if (other >= self->actors->len)
        continue;
      end = actor_state (self, other);
      n += segment_meets_box (state->x, state->y, end->x, end->y, box);
    }
  return n;
}

/* Tries the spots around a disc, best first; fills @box on success. Of
 * the free spots, the first its own ties do not cross wins, or else the
 * one they cross least. */
static gboolean
find_label_spot (EntPainter       *self,
                 const EntView    *view,
                 const EntStyle   *style,
                 guint             actor,
                 const ActorState *state,
                 double            width,
                 double            height,
                 gboolean          avoid_discs,
                 Obstacle         *box)
{
  guint best_crossings = G_MAXUINT;
  double r = state->radius + style->label_gap;
  const double spots[][2] = {
    { state->x - width / 2, state->y + r },                     /* below */
    { state->x - width / 2, state->y - r - height },            /* above */
    { state->x + r + 1, state->y - height / 2 },                /* right */
    { state->x - r - 1 - width, state->y - height / 2 },        /* left */
  };

  for (guint s = 0; s < G_N_ELEMENTS (spots); s++)
    {
      Obstacle candidate = {
        spots[s][0] - LABEL_PADDING, spots[s][1] - LABEL_PADDING,
        spots[s][0] + width + LABEL_PADDING, spots[s][1] + height + LABEL_PADDING,
        (int) actor, TRUE,
      };

      if (candidate.x0 < 0 || candidate.y0 < 0 ||
          candidate.x1 > view->width || candidate.y1 > view->height)
        continue;
      if (!grid_collides (self, &candidate, avoid_discs))
        {
          guint crossings = own_ties_through (self, actor, &candidate, best_crossings);

          if (crossings < best_crossings)
            {
              *box = candidate;
              best_crossings = crossings;
            }
          if (crossings == 0)
            return TRUE;
        }
    }
  return best_crossings != G_MAXUINT;
}

static void
add_fixed_obstacle (EntPainter *self,
                    double      x,
                    double      y,
                    double      width,
                    double      height)
{
  Obstacle box = { x, y, x + width, y + height, -1, TRUE };

  if (width > 0 && height > 0)
    grid_add (self, &box);
}

/* The keys of the label caches: a few numbers and the text, in binary.
 * Formatting them as strings cost more than the lookups they serve. */
typedef struct
{
  guint32 hash;
  guint32 length;          /* of data */
  guint8  data[];
} TextKey;

static guint
text_key_hash (gconstpointer key)
{
  return ((const TextKey *) key)->hash;
}

static gboolean
text_key_equal (gconstpointer a,
                gconstpointer b)
{
  const TextKey *ka = a, *kb = b;

  return ka->length == kb->length && memcmp (ka->data, kb->data, ka->length) == 0;
}

/* A key of @n_numbers numbers and the texts @text and @more (each with
 * its NUL, so that two texts never run into each other), built in the
 * painter's scratch: valid until the next one. */
static const TextKey *
text_key (EntPainter   *self,
          const gint64 *numbers,
          guint         n_numbers,
          const char   *text,
          const char   *more)
{
  gsize text_size = strlen (text) + 1;
  gsize more_size = strlen (more) + 1;
  gsize numbers_size = n_numbers * sizeof (gint64);
  guint32 length = (guint32) (numbers_size + text_size + more_size);
  guint32 hash = 2166136261u;
  TextKey *key;

  g_byte_array_set_size (self->key_scratch, (guint) (sizeof (TextKey) + length));
  key = (TextKey *) (gpointer) self->key_scratch->data;
  memcpy (key->data, numbers, numbers_size);
  memcpy (key->data + numbers_size, text, text_size);
  memcpy (key->data + numbers_size + text_size, more, more_size);
  for (guint32 i = 0; i < length; i++)
    hash = (hash ^ key->data[i]) * 16777619u;
  key->hash = hash;
  key->length = length;
  return key;
}

static TextKey *
text_key_copy (const TextKey *key)
{
  return g_memdup2 (key, sizeof (TextKey) + key->length);
}

/* @value to @digits decimals, as the caches tell values apart. */
static gint64
key_number (double value,
            double digits)
{
  return isfinite (value) ? (gint64) llround (value * digits) : G_MININT64;
}

/* Label sizes, measured once per text, width and font: shaping a name
 * costs more than placing it. Layout sizes do not depend on the device
 * scale (hinted metrics are off, as in make_layout()). The last few
 * hundred names measured also keep their laid-out layout, for their label
 * images: a map's first frames place dozens of new names, and laying each
 * out again to draw it cost as much as measuring it. */
#define MAX_TEXT_SIZES   16384
#define MAX_TEXT_LAYOUTS 512

/* The context labels are measured in, and their images drawn in: that of
 * an image surface with no transform, with hinted metrics off. The
 * painter's own, never updated for another cairo context, because
 * pango_cairo_update_layout() has every layout of a context laid out
 * again, even when nothing changed. */
static PangoContext *
label_context (EntPainter  *self,
               PangoLayout *like)
{
  PangoFontMap *map = pango_context_get_font_map (pango_layout_get_context (like));

  if (self->label_context == NULL || pango_context_get_font_map (self->label_context) != map)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
      cairo_t *cr = cairo_create (surface);
      cairo_font_options_t *options = cairo_font_options_create ();

      g_hash_table_remove_all (self->text_layouts);
      g_clear_object (&self->label_context);
      self->label_context = pango_font_map_create_context (map);
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      pango_cairo_context_set_font_options (self->label_context, options);
      pango_cairo_update_context (cr, self->label_context);
      cairo_font_options_destroy (options);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  return self->label_context;
}

/* A layout of @name in the label context, @width wide, with the font and
 * wrapping of @like. */
static PangoLayout *
new_label_layout (EntPainter  *self,
                  PangoLayout *like,
                  const char  *name,
                  int          width)
{
  PangoLayout *layout = pango_layout_new (label_context (self, like));

  pango_layout_set_font_description (layout, pango_layout_get_font_description (like));
  pango_layout_set_wrap (layout, pango_layout_get_wrap (like));
  pango_layout_set_ellipsize (layout, pango_layout_get_ellipsize (like));
  pango_layout_set_height (layout, pango_layout_get_height (like));
  pango_layout_set_alignment (layout, pango_layout_get_alignment (like));
  pango_layout_set_width (layout, width);
  pango_layout_set_text (layout, name, -1);
  return layout;
}

static void
keep_label_layout (EntPainter    *self,
                   const TextKey *key,
                   PangoLayout   *layout)
{
  if (g_hash_table_size (self->text_layouts) >= MAX_TEXT_LAYOUTS)
    g_hash_table_remove_all (self->text_layouts);
  g_hash_table_insert (self->text_layouts, text_key_copy (key), layout);
}

/* The fonts labels are measured and drawn in, besides the family, which
 * the caches are emptied for when it changes: the actors' labels, the
 * blocs' names and the legend's rows. */
typedef enum
{
  LABEL_FONT_ACTOR,
  LABEL_FONT_BLOC,
  LABEL_FONT_LEGEND,
} LabelFont;

/* The key of @name's size and layout at @width in @font (in the painter's
 * scratch, until the next key). */
static const TextKey *
size_key (EntPainter *self,
          LabelFont   font,
          const char *name,
          int         width)
{
  const gint64 numbers[] = { width, font };

  return text_key (self, numbers, G_N_ELEMENTS (numbers), name, "");
}

static const PangoRectangle *
label_extents (EntPainter  *self,
               PangoLayout *layout,
               LabelFont    font,
               const char  *name,
               int          width)
{
  const TextKey *key = size_key (self, font, name, width);
  PangoRectangle *logical = g_hash_table_lookup (self->text_sizes, key);

  if (logical == NULL)
    {
      PangoLayout *measured = new_label_layout (self, layout, name, width);

      if (g_hash_table_size (self->text_sizes) >= MAX_TEXT_SIZES)
        g_hash_table_remove_all (self->text_sizes);
      logical = g_new (PangoRectangle, 1);
      pango_layout_get_extents (measured, NULL, logical);
      g_hash_table_insert (self->text_sizes, text_key_copy (key), logical);
      keep_label_layout (self, key, measured);
    }
  return logical;
}

/* What label_extents() measured @name at @width, if it did. */
static const PangoRectangle *
label_extents_cached (EntPainter *self,
                      LabelFont   font,
                      const char *name,
                      int         width)
{
  return g_hash_table_lookup (self->text_sizes, size_key (self, font, name, width));
}

/* label_extents() of an actor's name the painter has not measured at
 * @width, the @new_names-th this frame: NULL, measuring nothing, once a
 * moving map has laid out MOVING_NEW_NAMES of them. */
static const PangoRectangle *
measure_new_name (EntPainter  *self,
                  PangoLayout *layout,
                  const char  *name,
                  int          width,
                  guint       *new_names)
{
  if (self->moving && *new_names >= MOVING_NEW_NAMES)
    return NULL;
  (*new_names)++;
  return label_extents (self, layout, LABEL_FONT_ACTOR, name, width);
}

/* @name laid out as label_extents() measured it: the same layout while
 * the painter keeps it. */
static PangoLayout *
label_layout (EntPainter  *self,
              PangoLayout *like,
              LabelFont    font,
              const char  *name,
              int          width)
{
  const TextKey *key = size_key (self, font, name, width);
  PangoLayout *layout = g_hash_table_lookup (self->text_layouts, key);

  if (layout == NULL)
    {
      layout = new_label_layout (self, like, name, width);
      keep_label_layout (self, key, layout);
    }
  return layout;
}

/* Forgets the sizes measured in another font. */
static void
label_font_changed (EntPainter                 *self,
                    const PangoFontDescription *font)
{
  g_autofree char *name = pango_font_description_to_string (font);

  if (g_strcmp0 (name, self->text_sizes_font) == 0)
    return;
  g_hash_table_remove_all (self->text_sizes);
  g_hash_table_remove_all (self->text_layouts);
  g_free (self->text_sizes_font);
  self->text_sizes_font = g_steal_pointer (&name);
}

/* Moves the @keep first entries of self->order by label priority to its
 * front, in no particular order (Hoare's selection): a map of 100,000
 * actors tries only a few thousand labels, and sorting them all would cost
 * more than placing them. */
static void
keep_most_important (EntPainter *self,
                     guint       keep)
{
  guint *order = &g_array_index (self->order, guint, 0);
  guint lo = 0, hi = self->order->len - 1;

  while (lo < hi)
    {
      guint pivot = order[lo + (hi - lo) / 2];
      guint i = lo, j = hi;

      while (i <= j)
        {
          while (compare_label_priority (&order[i], &pivot, self) < 0)
            i++;
          while (compare_label_priority (&order[j], &pivot, self) > 0)
            j--;
          if (i <= j)
            {
              guint t = order[i];

              order[i] = order[j];
              order[j] = t;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }
      if (keep <= j)
        hi = j;
      else if (keep >= i)
        lo = i;
      else
        break;
    }
  g_array_set_size (self->order, keep);
}

/* Greedy placement: the most important actors choose first among four
 * spots, preferring spots clear of discs; a name that fits nowhere is
 * shortened with an ellipsis, and dropped if even that does not fit.
 * When the discs cover more than half of the view, a label cannot keep
 * clear of them anyway: they are no obstacles then, only other labels. */
static void
place_labels (EntPainter     *self,
              PangoLayout    *layout,
              EntWorld       *world,
              const EntView  *view,
              const EntStyle *style)
{
  /* The labels of a big map in motion jump from place to place: a quarter
   * of them is enough until it settles. A small map keeps all its labels. */
  gboolean fewer = self->moving && self->actors->len >= MOVING_FEWER_LABELS;
  guint budget = MAX (24, (guint) (view->width * view->height / LABEL_AREA_PER_LABEL / (fewer ? 4 : 1)));
  guint attempts = 3 * budget;
  guint new_names = 0;
  double disc_area = 0.0;
  gboolean crowded;

  g_array_set_size (self->order, 0);
  for (guint i = 0; i < self->actors->len; i++)
    {
      const ActorState *state = actor_state (self, i);

      if (!state->visible)
        continue;
      if (self->hovered >= 0 && !state->focused)
        continue;
      g_array_append_val (self->order, i);
      disc_area += G_PI * state->radius * state->radius;
    }
  crowded = disc_area > view->width * view->height / 2;
  if (!crowded)
    for (guint k = 0; k < self->order->len; k++)
      {
        guint i = g_array_index (self->order, guint, k);
        const ActorState *state = actor_state (self, i);
        Obstacle disc = {
          state->x - state->radius, state->y - state->radius,
          state->x + state->radius, state->y + state->radius,
          (int) i, FALSE,
        };

        grid_add (self, &disc);
      }
  if (self->order->len > 2 * attempts)
    keep_most_important (self, attempts);
  g_array_sort_with_data (self->order, compare_label_priority, self);

  for (guint k = 0; k < self->order->len && self->labels->len < budget && attempts > 0; k++, attempts--)
    {
      guint i = g_array_index (self->order, guint, k);
      const ActorState *state = actor_state (self, i);
      const char *name = ent_actor_get_display_name (ent_world_get_actor (world, i));
      const PangoRectangle *logical;
      int measure = (int) (style->label_max_width * PANGO_SCALE);
      double width, height;
      Obstacle box;
      gboolean placed = FALSE;

      if (name == NULL || name[0] == '\0')
        continue;
      /* A label fits nowhere if a box no wider than nothing and half a
       * line high does not: every spot of a bigger box holds that spot's
       * smaller box, and a line of text is higher than half the font's
       * size. Measuring a new name costs a layout, and a crowded map
       * tries many that fit nowhere. */
      logical = label_extents_cached (self, LABEL_FONT_ACTOR, name, measure);
      if (logical == NULL)
        {
          if (!find_label_spot (self, view, style, i, state, 0.0, style->label_size / 2, FALSE, &box) ||
              (logical = measure_new_name (self, layout, name, measure, &new_names)) == NULL)
            continue;
        }
      width = (double) logical->width / PANGO_SCALE;
      height = (double) logical->height / PANGO_SCALE;

      placed = (!crowded && find_label_spot (self, view, style, i, state, width, height, TRUE, &box)) ||
               find_label_spot (self, view, style, i, state, width, height, FALSE, &box);
      if (!placed && width > 3 * style->label_size)
        {
          measure = (int) (width / 2 * PANGO_SCALE);
          logical = label_extents_cached (self, LABEL_FONT_ACTOR, name, measure);
          if (logical == NULL && (logical = measure_new_name (self, layout, name, measure, &new_names)) == NULL)
            continue;
          width = (double) logical->width / PANGO_SCALE;
          height = (double) logical->height / PANGO_SCALE;
          placed = find_label_spot (self, view, style, i, state, width, height, FALSE, &box);
        }
      if (placed)
        {
          EntLabelBox label = {
            i,
            box.x0 + LABEL_PADDING, box.y0 + LABEL_PADDING,
            box.x1 - box.x0 - 2 * LABEL_PADDING, box.y1 - box.y0 - 2 * LABEL_PADDING,
          };

          grid_add (self, &box);
          g_array_append_val (self->labels, label);
          g_array_append_val (self->label_widths, measure);
        }
    }
}

/* Stroking a halo around every glyph of every label is most of a frame's
 * cost. On raster targets (the canvas, PNG export) each label is drawn
 * once into an image at the device scale and reused while its text, box,
 * colour and font stay the same; SVG and PDF keep real text. */
#define MAX_LABEL_SPRITES 4096

static gboolean
wants_vector_text (cairo_t *cr)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));

  return type == CAIRO_SURFACE_TYPE_SVG || type == CAIRO_SURFACE_TYPE_PDF || type == CAIRO_SURFACE_TYPE_PS;
}

/* Like show_text_with_halo(), into an image @w x @h pixels at @scale, but
 * instead of stroking every glyph outline (most of the cost of a new
 * label), the halo is the glyphs' coverage grown by half its width.
 * @layout is in the label context, which suits any image surface drawn
 * with no transform: updating it for this one would lay it out again. */
static void
draw_text_with_grown_halo (cairo_t        *cr,
                           PangoLayout    *layout,
                           double          x,
                           double          y,
                           int             w,
                           int             h,
                           double          scale,
                           const EntRgba  *color,
                           const EntStyle *style,
                           double          alpha)
{
  cairo_surface_t *glyphs = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
  cairo_surface_t *halo = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
  cairo_t *gcr;

  cairo_surface_set_device_scale (glyphs, scale, scale);
  gcr = cairo_create (glyphs);
  cairo_move_to (gcr, x, y);
  pango_cairo_show_layout (gcr, layout);
  cairo_destroy (gcr);
  /* Both masks in pixels, to be laid pixel for pixel on the sprite. */
  cairo_surface_set_device_scale (glyphs, 1, 1);
  ent_raster_dilate (glyphs, halo, style->label_halo_width / 2 * scale);

  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_scale (cr, 1 / scale, 1 / scale);
  set_source (cr, &style->label_halo, alpha);
  cairo_mask_surface (cr, halo, 0, 0);
  set_source (cr, color, alpha);
  cairo_mask_surface (cr, glyphs, 0, 0);
  cairo_restore (cr);
  cairo_surface_destroy (glyphs);
  cairo_surface_destroy (halo);
}

/* @name, as measured at @layout_width, with the top left corner of its
 * logical rectangle at (@x, @y). */
static void
draw_label_sprite (EntPainter     *self,
                   cairo_t        *cr,
                   PangoLayout    *layout,
                   LabelFont       font,
                   const char     *name,
                   int             layout_width,
                   double          x,
                   double          y,
                   double          box_width,
                   double          box_height,
                   const EntRgba  *color,
                   const EntStyle *style,
                   double          alpha,
                   double          scale)
{
  double pad = style->label_halo_width;
  const gint64 numbers[] = {
    key_number (box_width, 100), key_number (color->red, 1000), key_number (color->green, 1000),
    key_number (color->blue, 1000), key_number (color->alpha, 1000), key_number (alpha, 100),
    key_number (scale, 10000), style->dark, font, layout_width,
  };
  const TextKey *key = text_key (self, numbers, G_N_ELEMENTS (numbers), name,
                                 self->font_family ? self->font_family : "");
  cairo_surface_t *sprite = g_hash_table_lookup (self->label_sprites, key);
  double sx = floor (x - pad), sy = floor (y - pad);

  if (sprite == NULL)
    {
      int w = (int) ceil ((box_width + 2 * pad + 2) * scale);
      int h = (int) ceil ((box_height + 2 * pad + 2) * scale);
      g_autofree TextKey *owned = text_key_copy (key);
      PangoRectangle logical;
      double lx, ly;
      cairo_t *scr;

      if (g_hash_table_size (self->label_sprites) >= MAX_LABEL_SPRITES)
        g_hash_table_remove_all (self->label_sprites);
      sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (w, 1), MAX (h, 1));
      cairo_surface_set_device_scale (sprite, scale, scale);
      scr = cairo_create (sprite);

      /* Laid out already when the name was measured. */
      layout = label_layout (self, layout, font, name, layout_width);
      pango_layout_get_extents (layout, NULL, &logical);
      /* The label's own position inside the sprite keeps its subpixel
       * offset from the whole-pixel corner; the layout's origin lies
       * where it puts the text there. */
      lx = x - sx - (double) logical.x / PANGO_SCALE;
      ly = y - sy - (double) logical.y / PANGO_SCALE;
      if (self->raster_shortcuts)
        draw_text_with_grown_halo (scr, layout, lx, ly, w, h, scale, color, style, alpha);
      else
        show_text_with_halo (scr, layout, lx, ly, color, &style->label_halo, style->label_halo_width, alpha);
      cairo_destroy (scr);
      g_hash_table_insert (self->label_sprites, g_steal_pointer (&owned), sprite);
    }
  /* A label's corner is a whole user unit, and a whole device pixel
   * when draw_labels() set raster_labels. */
  if (self->raster_labels &&
      ent_raster_blit (self->raster, sprite, (int) lround (sx * self->device_scale + self->device_tx),
                       (int) lround (sy * self->device_scale + self->device_ty)))
    return;
  cairo_set_source_surface (cr, sprite, sx, sy);
  cairo_paint (cr);
}

static gboolean
is_whole (double value)
{
  return fabs (value - round (value)) < 1e-9 && fabs (value) < 1e6;
}

/* Label images go over the frame with the discs' copy when whole user
 * units are whole device pixels, as on the canvas and in PNG exports;
 * through cairo otherwise (a fractional zoom of the export). */
static void
begin_label_copies (EntPainter *self,
                    cairo_t    *cr,
                    gboolean    vector)
{
  self->raster_labels = !vector && self->raster_frame && self->label_copies &&
                        is_whole (self->device_scale) && is_whole (self->device_tx) && is_whole (self->device_ty) &&
                        ent_raster_begin (self->raster, cr);
}

static void
end_label_copies (EntPainter *self)
{
  if (self->raster_labels)
    ent_raster_end (self->raster);
  self->raster_labels = FALSE;
}

static void
draw_labels (EntPainter     *self,
             cairo_t        *cr,
             PangoLayout    *layout,
             EntWorld       *world,
             const EntStyle *style,
             const EntView  *view)
{
  gboolean vector = wants_vector_text (cr);
  double scale = MAX (view->scale_factor, 1.0);

  begin_label_copies (self, cr, vector);
  for (guint k = 0; k < self->labels->len; k++)
    {
      const EntLabelBox *label = &g_array_index (self->labels, EntLabelBox, k);
      const ActorState *state = actor_state (self, label->actor);
      const char *name = ent_actor_get_display_name (ent_world_get_actor (world, label->actor));
      EntRgba color = fade (&style->label, style, state->alpha);
      int width = g_array_index (self->label_widths, int, k);
      const PangoRectangle *logical = label_extents (self, layout, LABEL_FONT_ACTOR, name, width);
      double x, y;

      /* Centre the text in its box: the box may be a little wider. The
       * layout is as wide as when measured, its lines centred in it. */
      x = label->x + (label->width - (double) logical->width / PANGO_SCALE) / 2;
      y = label->y;
      if (vector)
        {
          pango_layout_set_width (layout, width);
          pango_layout_set_text (layout, name, -1);
          show_text_with_halo (cr, layout, x - (double) logical->x / PANGO_SCALE, y - (double) logical->y / PANGO_SCALE,
                               &color, &style->label_halo, style->label_halo_width, state->alpha >= 1.0 ? 1.0 : 0.8);
        }
      else
        draw_label_sprite (self, cr, layout, LABEL_FONT_ACTOR, name, width, x, y, label->width, label->height, &color, style,
                           state->alpha >= 1.0 ? 1.0 : 0.8, scale);
    }
  end_label_copies (self);
}

/* Where a bloc's name goes: above the hull, centred on its top, or a
 * little to either side; else below it; else beside it, left or right;
 * moved into the view when it would cross its edge; never over a label,
 * a disc or a badge already there. Fills @box (padded) on success. */
static gboolean
find_hull_label_spot (EntPainter      *self,
                      const EntView   *view,
                      const HullLabel *hl,
                      double           width,
                      double           height,
                      Obstacle        *box)
{
  const double shifts[] = { 0, -0.6, 0.6, -1.2, 1.2 };
  double spots[2 * G_N_ELEMENTS (shifts) + 2][2];
  guint n = 0;

  for (guint k = 0; k < G_N_ELEMENTS (shifts); k++)
    {
      spots[n][0] = hl->x + shifts[k] * width - width / 2;
      spots[n++][1] = hl->y - height - 2;
    }
  for (guint k = 0; k < G_N_ELEMENTS (shifts); k++)
    {
      spots[n][0] = hl->bottom_x + shifts[k] * width - width / 2;
      spots[n++][1] = hl->bottom_y + 2;
    }
  spots[n][0] = hl->left_x - width - 4;
  spots[n++][1] = hl->left_y - height / 2;
  spots[n][0] = hl->right_x + 4;
  spots[n++][1] = hl->right_y - height / 2;

  for (guint k = 0; k < n; k++)
    {
      /* Into the view, if the name fits in it at all. */
      double x = CLAMP (spots[k][0], LABEL_PADDING, MAX (view->width - width - LABEL_PADDING, LABEL_PADDING));
      double y = spots[k][1];
      Obstacle candidate = {
        x - LABEL_PADDING, y - LABEL_PADDING,
        x + width + LABEL_PADDING, y + height + LABEL_PADDING,
        -1, TRUE,
      };

      if (candidate.x0 < 0 || candidate.y0 < 0 ||
          candidate.x1 > view->width || candidate.y1 > view->height ||
          grid_collides (self, &candidate, TRUE))
        continue;
      *box = candidate;
      return TRUE;
    }
  return FALSE;
}

static void
draw_hull_labels (EntPainter     *self,
                  cairo_t        *cr,
                  PangoLayout    *layout,
                  EntWorld       *world,
                  const EntView  *view,
                  const EntStyle *style)
{
  g_autoptr(PangoFontDescription) font = make_font (self, style, style->hull_label_size, PANGO_WEIGHT_BOLD);
  gboolean vector = wants_vector_text (cr);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, -1);
  /* Like the actors' labels: measured once, and on raster targets drawn
   * once into an image (stroking the halo around the glyphs every frame
   * was a third of a frame of the bundled map). */
  begin_label_copies (self, cr, vector);
  for (guint k = 0; k < self->hull_labels->len; k++)
    {
      const HullLabel *hl = &g_array_index (self->hull_labels, HullLabel, k);
      const EntBloc *bloc = ent_world_get_bloc (world, hl->bloc);
      const PangoRectangle *logical;
      const char *name = bloc->name != NULL && bloc->name[0] != '\0' ? ent_bloc_get_display_name (bloc) : NULL;
      EntRgba color = hl->color;
      double width, height;
      Obstacle box;

      if (name == NULL)
        continue;
      logical = label_extents (self, layout, LABEL_FONT_BLOC, name, -1);
      width = (double) logical->width / PANGO_SCALE;
      height = (double) logical->height / PANGO_SCALE;
      if (!find_hull_label_spot (self, view, hl, width, height, &box))
        continue;
      grid_add (self, &box);
      g_array_append_val (self->hull_label_boxes, ((EntLabelBox) {
        hl->bloc, box.x0 + LABEL_PADDING, box.y0 + LABEL_PADDING, width, height,
      }));
      /* A darker shade reads better as text than the hull's own colour. */
      color = ent_rgba_mix (&color, &style->foreground, 0.25);
      color.alpha = hl->color.alpha;
      if (vector)
        {
          pango_layout_set_text (layout, name, -1);
          show_text_with_halo (cr, layout, box.x0 + LABEL_PADDING, box.y0 + LABEL_PADDING,
                               &color, &style->label_halo, style->label_halo_width, 1.0);
        }
      else
        draw_label_sprite (self, cr, layout, LABEL_FONT_BLOC, name, -1, box.x0 + LABEL_PADDING,
                           box.y0 + LABEL_PADDING, width, height, &color, style, 1.0,
                           MAX (view->scale_factor, 1.0));
    }
  end_label_copies (self);
}

/* ---- Legend and title ------------------------------------------------------ */

typedef enum
{
  ROW_TIE,
  ROW_SWATCH,
  ROW_ORGANISATION,
  ROW_SEPARATOR,
  ROW_MORE,
} RowKind;

typedef struct
{
  RowKind            kind;
  const EntTieStyle *tie;
  EntRgba            color;
  char              *text;
} LegendRow;

static void
legend_row_clear (gpointer data)
{
  LegendRow *row = data;

  g_free (row->text);
}

static void
add_row (GArray            *rows,
         RowKind            kind,
         const EntTieStyle *tie,
         const EntRgba     *color,
         const char        *text)
{
  LegendRow row = { kind, tie, { 0 }, g_strdup (text) };

  if (color != NULL)
    row.color = *color;
  g_array_append_val (rows, row);
}

static GArray *
legend_rows (EntPainter     *self,
             EntWorld       *world,
             const EntStyle *style,
             GArray         *ties)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (LegendRow));
  gboolean relation_present[ENT_N_RELATION_TYPES] = { FALSE };
  gboolean held = FALSE, planned = FALSE, organisations = FALSE;
  guint n_groups = 0, n_shown = 0;

  g_array_set_clear_func (rows, legend_row_clear);

  for (guint i = 0; i < ties->len; i++)
    {
      const EntTie *tie = &g_array_index (ties, EntTie, i);

      if (tie->kind == ENT_TIE_MEETINGS)
        {
          if (tie->planned_only)
            planned = TRUE;
          else
            held = TRUE;
        }
      else
        {
          const EntRelation *relation = ent_world_get_relation (world, tie->relation);
          const EntTieStyle *ts = ent_style_get_relation (style, relation->type, tie->sign);

          relation_present[ts - style->relation] = TRUE;
        }
    }
  for (guint t = 0; t < ENT_N_RELATION_TYPES; t++)
    if (relation_present[t])
      add_row (rows, ROW_TIE, &style->relation[t], NULL, ent_relation_type_get_label (t));
  if (held)
    add_row (rows, ROW_TIE, &style->meeting, NULL, _("Meetings"));
  if (planned)
    add_row (rows, ROW_TIE, &style->meeting_planned, NULL, _("Planned meetings"));

  for (guint i = 0; i < self->actors->len; i++)
    if (actor_state (self, i)->organisation)
      organisations = TRUE;

  if (rows->len > 0)
    add_row (rows, ROW_SEPARATOR, NULL, NULL, NULL);

  if (self->color_mode == ENT_COLOR_BY_REGION)
    {
      g_autoptr(GHashTable) regions = collect_regions (world);
      g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (regions), (GCompareFunc) g_utf8_collate);

      for (GList *l = keys; l != NULL; l = l->next, n_groups++)
        if (n_shown < LEGEND_MAX_GROUPS)
          {
            EntRgba color = ent_style_get_region_color (style, n_groups);

            add_row (rows, ROW_SWATCH, NULL, &color, l->data);
            n_shown++;
          }
    }
  else
    {
      for (guint b = 0; b < self->bloc_members->len; b++)
        {
          const EntBloc *bloc = ent_world_get_bloc (world, b);
          EntRgba color = ent_style_get_bloc_color (style, b, bloc->color);

          if (((GArray *) g_ptr_array_index (self->bloc_members, b))->len == 0)
            continue;
          n_groups++;
          if (n_shown < LEGEND_MAX_GROUPS)
            {
              add_row (rows, ROW_SWATCH, NULL, &color, ent_bloc_get_display_name (bloc));
              n_shown++;
            }
        }
    }
  if (n_groups > n_shown)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more", "and %u more", n_groups - n_shown),
                                               n_groups - n_shown);

      add_row (rows, ROW_MORE, NULL, NULL, more);
    }
  if (organisations)
    add_row (rows, ROW_ORGANISATION, NULL, &style->actor_fill, _("Organisation"));

  while (rows->len > 0 && g_array_index (rows, LegendRow, rows->len - 1).kind == ROW_SEPARATOR)
    g_array_set_size (rows, rows->len - 1);
  return rows;
}

static void
legend_size (EntPainter     *self,
             PangoLayout    *layout,
             const EntStyle *style,
             GArray         *rows,
             double         *width,
             double         *height)
{
  double row_height = style->legend_size * 1.7;
  double text_width = 0.0;

  *height = 2 * style->legend_padding;
  for (guint i = 0; i < rows->len; i++)
    {
      const LegendRow *row = &g_array_index (rows, LegendRow, i);

      if (row->kind == ROW_SEPARATOR)
        {
          *height += style->legend_padding;
          continue;
        }
      text_width = MAX (text_width, (double) label_extents (self, layout, LABEL_FONT_LEGEND, row->text, -1)->width / PANGO_SCALE);
      *height += row_height;
    }
  *width = 2 * style->legend_padding + LEGEND_SAMPLE + 8 + text_width;
}

static void
draw_legend (cairo_t        *cr,
             PangoLayout    *layout,
             const EntView  *view,
             const EntStyle *style,
             GArray         *rows,
             double          x,
             double          y,
             double          width,
             double          height)
{
  double row_height = style->legend_size * 1.7;
  double hairline = snap_width (view, 1.0);
  double cy;

  /* Whatever the map left set: cairo strokes a straight sample exactly
   * with mitred joins only, and the legend's image starts afresh. */
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  /* A soft shadow under a card, as Adwaita draws them. */
  rounded_rectangle (cr, x, y + 1, width, height + 1, style->legend_corner);
  set_source (cr, &style->legend_shadow, 1.0);
  cairo_fill (cr);
  rounded_rectangle (cr, x, y, width, height, style->legend_corner);
  set_source (cr, &style->legend_fill, 1.0);
  cairo_fill_preserve (cr);
  set_source (cr, &style->legend_border, 1.0);
  cairo_set_line_width (cr, hairline);
  cairo_stroke (cr);

  cy = y + style->legend_padding;
  for (guint i = 0; i < rows->len; i++)
    {
      const LegendRow *row = &g_array_index (rows, LegendRow, i);
      double sx = x + style->legend_padding;
      double mid = cy + row_height / 2;
      double w, h;

      if (row->kind == ROW_SEPARATOR)
        {
          double ly = snap_coord (view, cy + style->legend_padding / 2, hairline);

          cairo_move_to (cr, x + style->legend_padding, ly);
          cairo_line_to (cr, x + width - style->legend_padding, ly);
          set_source (cr, &style->legend_border, 1.0);
          cairo_set_line_width (cr, hairline);
          cairo_stroke (cr);
          cy += style->legend_padding;
          continue;
        }

      switch (row->kind)
        {
        case ROW_TIE:
          {
            double tw = (row->tie->min_width + row->tie->max_width) / 2;

            cairo_move_to (cr, sx, mid);
            cairo_line_to (cr, sx + LEGEND_SAMPLE, mid);
            set_dash (cr, row->tie, tw, LEGEND_SAMPLE, 0);
            cairo_set_line_cap (cr, row->tie->round_caps ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
            cairo_set_line_width (cr, tw);
            set_source (cr, &row->tie->color, 1.0);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
          }
          break;

        case ROW_SWATCH:
          {
            EntRgba fill = row->color;

            fill.alpha = 0.25;
            rounded_rectangle (cr, sx + 2, mid - 7, LEGEND_SAMPLE - 4, 14, 7);
            set_source (cr, &fill, 1.0);
            cairo_fill_preserve (cr);
            set_source (cr, &row->color, 1.0);
            cairo_set_line_width (cr, 1.5);
            cairo_stroke (cr);
            cairo_new_sub_path (cr);
            cairo_arc (cr, sx + LEGEND_SAMPLE / 2, mid, 3.5, 0, 2 * G_PI);
            cairo_fill (cr);
          }
          break;

        case ROW_ORGANISATION:
          {
            ActorState sample = { .x = sx + LEGEND_SAMPLE / 2, .y = mid, .radius = 6, .organisation = TRUE };
            EntRgba rim = ent_rgba_mix (&row->color, &style->actor_outline, style->actor_outline_mix);

            actor_shape (cr, &sample, style, 0);
            set_source (cr, &row->color, 1.0);
            cairo_fill_preserve (cr);
            set_source (cr, &rim, 1.0);
            cairo_set_line_width (cr, style->actor_outline_width);
            cairo_stroke (cr);
          }
          break;

        case ROW_MORE:
        case ROW_SEPARATOR:
        default:
          break;
        }

      pango_layout_set_text (layout, row->text, -1);
      layout_size (layout, &w, &h);
      cairo_move_to (cr, sx + LEGEND_SAMPLE + 8, mid - h / 2);
      set_source (cr, row->kind == ROW_MORE ? &style->dim_foreground : &style->foreground, 1.0);
      pango_cairo_show_layout (cr, layout);
      cy += row_height;
    }
  cairo_restore (cr);
}

/* What a legend looks like, for its image: its size, rows and colours. */
static char *
legend_signature (EntPainter     *self,
                  const EntStyle *style,
                  GArray         *rows,
                  const double    box[4])
{
  GString *key = g_string_new (NULL);

  g_string_append_printf (key, "%.3f %.3f %.4f %d %s\n", box[2], box[3], self->device_scale, style->dark,
                          self->font_family ? self->font_family : "");
  for (guint i = 0; i < rows->len; i++)
    {
      const LegendRow *row = &g_array_index (rows, LegendRow, i);

      g_string_append_printf (key, "%d %p %08x %s\n", row->kind, (gconstpointer) row->tie,
                              pack_rgba (&row->color), row->text ? row->text : "");
    }
  return g_string_free (key, FALSE);
}

/* The legend card: on image surfaces drawn once into an image and then
 * copied, while it looks the same (its text, tie samples and card were
 * a sixth of a frame of the bundled map); elsewhere drawn. */
#define LEGEND_IMAGE_MARGIN 4   /* user units around the card: its shadow */

static void
draw_legend_card (EntPainter     *self,
                  cairo_t        *cr,
                  PangoLayout    *layout,
                  const EntView  *view,
                  const EntStyle *style,
                  GArray         *rows,
                  const double    box[4])
{
  double scale = self->device_scale, m = LEGEND_IMAGE_MARGIN;
  g_autofree char *key = NULL;
  int ix, iy;

  self->legend_copied = FALSE;
  if (wants_vector_text (cr) || !self->raster_frame || !is_whole (scale) ||
      !is_whole (self->device_tx) || !is_whole (self->device_ty) || !is_whole (box[0]) || !is_whole (box[1]))
    {
      draw_legend (cr, layout, view, style, rows, box[0], box[1], box[2], box[3]);
      return;
    }
  key = legend_signature (self, style, rows, box);
  if (self->legend_image == NULL || g_strcmp0 (key, self->legend_key) != 0)
    {
      cairo_t *icr;

      g_clear_pointer (&self->legend_image, cairo_surface_destroy);
      self->legend_image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil ((box[2] + 2 * m) * scale),
                                                       (int) ceil ((box[3] + 2 * m) * scale));
      cairo_surface_set_device_scale (self->legend_image, scale, scale);
      icr = cairo_create (self->legend_image);
      draw_legend (icr, layout, view, style, rows, m, m, box[2], box[3]);
      cairo_destroy (icr);
      cairo_surface_flush (self->legend_image);
      g_free (self->legend_key);
      self->legend_key = g_steal_pointer (&key);
    }
  self->legend_copied = TRUE;
  ix = (int) lround ((box[0] - m) * scale + self->device_tx);
  iy = (int) lround ((box[1] - m) * scale + self->device_ty);
  if (ent_raster_begin (self->raster, cr))
    {
      gboolean copied = ent_raster_blit (self->raster, self->legend_image, ix, iy);

      ent_raster_end (self->raster);
      if (copied)
        return;
    }
  cairo_set_source_surface (cr, self->legend_image, box[0] - m, box[1] - m);
  cairo_paint (cr);
}

guint
ent_painter_get_n_label_sizes (EntPainter *self)
{
  g_return_val_if_fail (ENT_IS_PAINTER (self), 0);
  return g_hash_table_size (self->text_sizes);
}

cairo_surface_t *
ent_painter_get_legend_image (EntPainter *self)
{
  g_return_val_if_fail (ENT_IS_PAINTER (self), NULL);
  return self->legend_copied ? self->legend_image : NULL;
}

/* Lays out the legend, reserves its corner against labels, and returns
 * what draw_legend needs; NULL when there is no legend. */
static GArray *
reserve_legend (EntPainter     *self,
                PangoLayout    *layout,
                EntWorld       *world,
                const EntView  *view,
                const EntStyle *style,
                GArray         *ties,
                double          box[4])
{
  g_autoptr(PangoFontDescription) font = make_font (self, style, style->legend_size, PANGO_WEIGHT_NORMAL);
  GArray *rows;

  if (!self->show_legend)
    return NULL;
  rows = legend_rows (self, world, style, ties);
  if (rows->len == 0)
    {
      g_array_unref (rows);
      return NULL;
    }
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, -1);
  legend_size (self, layout, style, rows, &box[2], &box[3]);
  box[0] = round (view->width - style->margin - box[2]);
  box[1] = round (style->margin);
  add_fixed_obstacle (self, box[0], box[1], box[2], box[3]);
  return rows;
}

static void
draw_title (EntPainter     *self,
            cairo_t        *cr,
            PangoLayout    *layout,
            const EntStyle *style,
            gboolean        draw)
{
  g_autoptr(PangoFontDescription) title_font = make_font (self, style, style->title_size, PANGO_WEIGHT_BOLD);
  g_autoptr(PangoFontDescription) date_font = make_font (self, style, style->date_size, PANGO_WEIGHT_NORMAL);
  double x = style->margin, y = style->margin;
  double w, h;

  pango_layout_set_width (layout, -1);
  if (self->title != NULL && self->title[0] != '\0')
    {
      pango_layout_set_font_description (layout, title_font);
      pango_layout_set_text (layout, self->title, -1);
      layout_size (layout, &w, &h);
      if (draw)
        show_text_with_halo (cr, layout, x, y, &style->foreground, &style->background, 4.0, 1.0);
      else
        add_fixed_obstacle (self, x, y, w, h);
      y += h + 2;
    }
  if (self->date_text != NULL && self->date_text[0] != '\0')
    {
      pango_layout_set_font_description (layout, date_font);
      pango_layout_set_text (layout, self->date_text, -1);
      layout_size (layout, &w, &h);
      if (draw)
        show_text_with_halo (cr, layout, x, y, &style->dim_foreground, &style->background, 4.0, 1.0);
      else
        add_fixed_obstacle (self, x, y, w, h);
    }
}

/* ---- Drawing ------------------------------------------------------------------ */

/* The ties of @world as of @at, kept from the last draw while the world
 * and the date stay the same: a map of 100,000 actors redrawn every frame
 * would work them out anew each time. Becomes the last world drawn. */
static GArray *
world_ties (EntPainter *self,
            EntWorld   *world,
            EntDate     at)
{
  g_autoptr(EntWorld) last = g_weak_ref_get (&self->last_world);
  guint64 revision = ent_world_get_revision (world);

  if (self->ties == NULL || last != world || self->ties_revision != revision ||
      !ent_date_equal (self->last_at, at))
    {
      g_clear_pointer (&self->ties, g_array_unref);
      self->ties = ent_world_get_ties (world, at);
      self->ties_revision = revision;
      index_tie_ends (self, ent_world_get_n_actors (world));
      g_weak_ref_set (&self->last_world, world);
    }
  return self->ties;
}

/**
 * ent_painter_draw:
 * @self: a painter
 * @cr: any cairo context, in view pixels
 * @world: the world
 * @at: the date to show, or unset for everything
 * @xy: 2 * ent_world_get_n_actors (@world) map coordinates
 * @view: what part of the map to show
 *
 * Draws the whole view, background included.
 */
void
ent_painter_draw (EntPainter    *self,
                  cairo_t       *cr,
                  EntWorld      *world,
                  EntDate        at,
                  const double  *xy,
                  const EntView *view)
{
  const EntStyle *style;
  GArray *ties;
  g_autoptr(GArray) legend = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) label_font = NULL;
  double legend_box[4] = { 0 };
  cairo_t *map_cr;

  g_return_if_fail (ENT_IS_PAINTER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (ENT_IS_WORLD (world));
  g_return_if_fail (xy != NULL || ent_world_get_n_actors (world) == 0);
  g_return_if_fail (view != NULL);

  style = ent_style_get (view->dark);
  ties = world_ties (self, world, at);
  self->last_at = at;
  g_array_set_size (self->labels, 0);
  g_array_set_size (self->label_widths, 0);
  g_array_set_size (self->hull_label_boxes, 0);
  g_array_set_size (self->badge_boxes, 0);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, view->width, view->height);
  cairo_clip (cr);
  if (!self->transparent)
    {
      set_source (cr, &style->background, 1.0);
      pen_paint (self, cr);
    }

  prepare_actors (self, world, at, xy, view, style, ties);
  layout = make_layout (cr);
  self->raster_frame = self->raster_shortcuts && self->svg == NULL &&
                       ent_raster_probe (cr, &self->device_scale, &self->device_tx, &self->device_ty);

  if (self->show_hulls)
    draw_hulls (self, cr, world, view, style);
  if (self->suggested != NULL)
    draw_suggested_blocs (self, cr, view, style);
  draw_ties (self, cr, layout, world, view, style, ties);
  draw_actors (self, cr, style);

  grid_reset (self, view);
  /* Labels and bloc names keep clear of the meeting badges on the ties. */
  for (guint i = 0; i < self->badge_boxes->len; i++)
    {
      const EntLabelBox *badge = &g_array_index (self->badge_boxes, EntLabelBox, i);

      add_fixed_obstacle (self, badge->x, badge->y, badge->width, badge->height);
    }
  /* The caches of text sizes hold for one family. */
  label_font = make_font (self, style, style->label_size, PANGO_WEIGHT_NORMAL);
  label_font_changed (self, label_font);
  self->legend_copied = FALSE;
  legend = reserve_legend (self, layout, world, view, style, ties, legend_box);
  memcpy (self->legend_box, legend_box, sizeof legend_box);
  if (legend == NULL)
    self->legend_box[2] = 0;
  /* From here on the painter draws text, and what goes with it. */
  map_cr = cr;
  cr = text_begin (self, map_cr);
  draw_title (self, cr, layout, style, FALSE);
  if (self->show_labels)
    {
      pango_layout_set_font_description (layout, label_font);
      /* A long name wraps to a second line, centred, before it is cut. */
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_set_height (layout, -2);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      place_labels (self, layout, world, view, style);
      draw_labels (self, cr, layout, world, style, view);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_height (layout, -1);
      pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
    }
  if (self->show_hulls && self->show_labels)
    draw_hull_labels (self, cr, layout, world, view, style);

  if (legend != NULL)
    {
      g_autoptr(PangoFontDescription) font = make_font (self, style, style->legend_size, PANGO_WEIGHT_NORMAL);

      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, -1);
      draw_legend_card (self, cr, layout, view, style, legend, legend_box);
    }
  draw_title (self, cr, layout, style, TRUE);
  text_end (self, cr);

  g_ptr_array_set_size (self->bloc_members, 0);
  cairo_restore (map_cr);
}

/**
 * ent_painter_hit_actor:
 *
 * Returns: the index of the actor drawn at (@px, @py) in view pixels, or
 * -1. The nearest disc wins; a label counts as part of its actor.
 */
int
ent_painter_hit_actor (EntPainter    *self,
                       EntWorld      *world,
                       const double  *xy,
                       const EntView *view,
                       double         px,
                       double         py)
{
  g_autoptr(EntWorld) last = NULL;
  guint n;
  int best = -1;
  double best_distance = G_MAXDOUBLE;

  g_return_val_if_fail (ENT_IS_PAINTER (self), -1);
  g_return_val_if_fail (ENT_IS_WORLD (world), -1);
  g_return_val_if_fail (view != NULL, -1);

  n = ent_world_get_n_actors (world);
  g_return_val_if_fail (xy != NULL || n == 0, -1);

  last = g_weak_ref_get (&self->last_world);
  if (last != world || self->actors->len != n)
    {
      /* Not drawn yet, or edited since: size the discs as a draw would. */
      g_autoptr(GArray) ties = ent_world_get_ties (world, self->last_at);

      prepare_actors (self, world, self->last_at, xy, view, ent_style_get (view->dark), ties);
      g_ptr_array_set_size (self->bloc_members, 0);
      g_array_set_size (self->labels, 0);
      g_array_set_size (self->label_widths, 0);
    }

  for (guint i = 0; i < n; i++)
    {
      const ActorState *state = actor_state (self, i);
      double x, y, distance;

      ent_view_from_map (view, xy[2 * i], xy[2 * i + 1], &x, &y);
      distance = hypot (px - x, py - y);
      if (distance <= state->radius + HIT_TOLERANCE && distance < best_distance)
        {
          best = (int) i;
          best_distance = distance;
        }
    }
  if (best >= 0)
    return best;

  for (guint k = 0; k < self->labels->len; k++)
    {
      const EntLabelBox *label = &g_array_index (self->labels, EntLabelBox, k);

      if (label->actor < n &&
          px >= label->x && px <= label->x + label->width &&
          py >= label->y && py <= label->y + label->height)
        return (int) label->actor;
    }
  return -1;
}

const EntLabelBox *
ent_painter_get_label_boxes (EntPainter *self,
                             guint      *n_boxes)
{
  g_return_val_if_fail (ENT_IS_PAINTER (self), NULL);
  g_return_val_if_fail (n_boxes != NULL, NULL);

  *n_boxes = self->labels->len;
  return (const EntLabelBox *) self->labels->data;
}

/* The bloc names drawn on hulls by the last draw (actor is the bloc). */
const EntLabelBox *
ent_painter_get_hull_label_boxes (EntPainter *self,
                                  guint      *n_boxes)
{
  g_return_val_if_fail (ENT_IS_PAINTER (self), NULL);
  g_return_val_if_fail (n_boxes != NULL, NULL);

  *n_boxes = self->hull_label_boxes->len;
  return (const EntLabelBox *) (gpointer) self->hull_label_boxes->data;
}

/* The meeting count badges drawn by the last draw. */
const EntLabelBox *
ent_painter_get_badge_boxes (EntPainter *self,
                             guint      *n_boxes)
{
  g_return_val_if_fail (ENT_IS_PAINTER (self), NULL);
  g_return_val_if_fail (n_boxes != NULL, NULL);

  *n_boxes = self->badge_boxes->len;
  return (const EntLabelBox *) (gpointer) self->badge_boxes->data;
}

double
ent_painter_get_actor_radius (EntPainter *self,
                              guint       actor)
{
  g_return_val_if_fail (ENT_IS_PAINTER (self), 0.0);

  if (actor >= self->actors->len)
    return 0.0;
  return actor_state (self, actor)->radius;
}

EntRgba
ent_painter_get_actor_color (EntPainter *self,
                             EntWorld   *world,
                             EntDate     at,
                             guint       actor,
                             gboolean    dark)
{
  const EntStyle *style = ent_style_get (dark);
  const EntActor *item;

  g_return_val_if_fail (ENT_IS_PAINTER (self), style->actor_fill);
  g_return_val_if_fail (ENT_IS_WORLD (world), style->actor_fill);
  g_return_val_if_fail (actor < ent_world_get_n_actors (world), style->actor_fill);

  item = ent_world_get_actor (world, actor);
  if (self->color_mode == ENT_COLOR_BY_REGION)
    {
      g_autoptr(GHashTable) regions = collect_regions (world);
      gpointer index;

      if (item->region != NULL &&
          g_hash_table_lookup_extended (regions, item->region, NULL, &index))
        return ent_style_get_region_color (style, GPOINTER_TO_UINT (index));
      return style->actor_fill;
    }

  for (guint b = 0; b < ent_world_get_n_blocs (world); b++)
    {
      const EntBloc *bloc = ent_world_get_bloc (world, b);

      if (ent_bloc_has_member_at (bloc, item->id, at))
        return ent_style_get_bloc_color (style, b, bloc->color);
    }
  return style->actor_fill;
}

/* ---- Options -------------------------------------------------------------------- */

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

void
ent_painter_set_color_mode (EntPainter   *self,
                            EntColorMode  mode)
{
  g_return_if_fail (ENT_IS_PAINTER (self));
  g_return_if_fail (mode == ENT_COLOR_BY_BLOC || mode == ENT_COLOR_BY_REGION);

  if (self->color_mode == mode)
    return;
  self->color_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR_MODE]);
}

EntColorMode
ent_painter_get_color_mode (EntPainter *self)
{
  g_return_val_if_fail (ENT_IS_PAINTER (self), ENT_COLOR_BY_BLOC);
  return self->color_mode;
}

#define BOOLEAN_OPTION(name, PROP)                                    \
  void                                                                \
  ent_painter_set_##name (EntPainter *self,                           \
                          gboolean    value)                          \
  {                                                                   \
    g_return_if_fail (ENT_IS_PAINTER (self));                         \
    value = !!value;                                                  \
    if (self->name == value)                                          \
      return;                                                         \
    self->name = value;                                               \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
  }                                                                   \
  gboolean                                                            \
  ent_painter_get_##name (EntPainter *self)                           \
  {                                                                   \
    g_return_val_if_fail (ENT_IS_PAINTER (self), FALSE);              \
    return self->name;                                                \
  }

BOOLEAN_OPTION (show_legend, PROP_SHOW_LEGEND)
BOOLEAN_OPTION (show_hulls, PROP_SHOW_HULLS)
BOOLEAN_OPTION (show_labels, PROP_SHOW_LABELS)
BOOLEAN_OPTION (transparent, PROP_TRANSPARENT)

#define STRING_OPTION(name, PROP)                                     \
  void                                                                \
  ent_painter_set_##name (EntPainter *self,                           \
                          const char *value)                          \
  {                                                                   \
    g_return_if_fail (ENT_IS_PAINTER (self));                         \
    if (set_string (&self->name, value))                              \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);   \
  }                                                                   \
  const char *                                                        \
  ent_painter_get_##name (EntPainter *self)                           \
  {                                                                   \
    g_return_val_if_fail (ENT_IS_PAINTER (self), NULL);               \
    return self->name;                                                \
  }

STRING_OPTION (title, PROP_TITLE)
STRING_OPTION (date_text, PROP_DATE_TEXT)
STRING_OPTION (font_family, PROP_FONT_FAMILY)

#define ACTOR_OPTION(name, PROP)                                      \
  void                                                                \
  ent_painter_set_##name (EntPainter *self,                           \
                          int         actor)                          \
  {                                                                   \
    g_return_if_fail (ENT_IS_PAINTER (self));                         \
    actor = MAX (actor, -1);                                          \
    if (self->name == actor)                                          \
      return;                                                         \
    self->name = actor;                                               \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
  }                                                                   \
  int                                                                 \
  ent_painter_get_##name (EntPainter *self)                           \
  {                                                                   \
    g_return_val_if_fail (ENT_IS_PAINTER (self), -1);                 \
    return self->name;                                                \
  }

ACTOR_OPTION (selected, PROP_SELECTED)
ACTOR_OPTION (hovered, PROP_HOVERED)

void
ent_painter_set_metric (EntPainter   *self,
                        const double *values,
                        guint         n_values)
{
  g_return_if_fail (ENT_IS_PAINTER (self));
  g_return_if_fail (values != NULL || n_values == 0);

  g_clear_pointer (&self->metric, g_array_unref);
  if (values != NULL)
    {
      self->metric = g_array_sized_new (FALSE, FALSE, sizeof (double), n_values);
      g_array_append_vals (self->metric, values, n_values);
    }
}

void
ent_painter_set_highlight (EntPainter  *self,
                           const guint *actors,
                           guint        n_actors,
                           const guint *pairs,
                           guint        n_pairs)
{
  g_return_if_fail (ENT_IS_PAINTER (self));
  g_return_if_fail (actors != NULL || n_actors == 0);
  g_return_if_fail (pairs != NULL || n_pairs == 0);

  g_array_set_size (self->highlight_actors, 0);
  g_array_set_size (self->highlight_pairs, 0);
  if (n_actors > 0)
    g_array_append_vals (self->highlight_actors, actors, n_actors);
  if (n_pairs > 0)
    g_array_append_vals (self->highlight_pairs, pairs, 2 * n_pairs);
}

/* ---- GObject ---------------------------------------------------------------------- */

static void
ent_painter_finalize (GObject *object)
{
  EntPainter *self = ENT_PAINTER (object);

  g_free (self->title);
  g_free (self->date_text);
  g_free (self->font_family);
  g_clear_pointer (&self->metric, g_array_unref);
  g_clear_pointer (&self->highlight_actors, g_array_unref);
  g_clear_pointer (&self->highlight_pairs, g_array_unref);
  g_clear_pointer (&self->growing_pairs, g_array_unref);
  g_clear_pointer (&self->label_sprites, g_hash_table_unref);
  g_clear_pointer (&self->key_scratch, g_byte_array_unref);
  g_clear_pointer (&self->actor_sprites, g_hash_table_unref);
  g_clear_pointer (&self->text_sizes, g_hash_table_unref);
  g_clear_pointer (&self->text_layouts, g_hash_table_unref);
  g_clear_object (&self->label_context);
  g_clear_pointer (&self->text_sizes_font, g_free);
  g_clear_pointer (&self->legend_image, cairo_surface_destroy);
  g_clear_pointer (&self->legend_key, g_free);
  g_clear_pointer (&self->raster, ent_raster_free);
  g_weak_ref_clear (&self->last_world);
  g_clear_pointer (&self->ties, g_array_unref);
  g_clear_pointer (&self->tie_first, g_array_unref);
  g_clear_pointer (&self->tie_ends, g_array_unref);
  g_clear_pointer (&self->actors, g_array_unref);
  g_clear_pointer (&self->labels, g_array_unref);
  g_clear_pointer (&self->label_widths, g_array_unref);
  g_clear_pointer (&self->order, g_array_unref);
  g_clear_pointer (&self->tie_order, g_array_unref);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->hull, g_array_unref);
  g_clear_pointer (&self->hull_labels, g_array_unref);
  g_clear_pointer (&self->hull_label_boxes, g_array_unref);
  g_clear_pointer (&self->badge_boxes, g_array_unref);
  g_clear_pointer (&self->obstacles, g_array_unref);
  g_clear_pointer (&self->grid_heads, g_array_unref);
  g_clear_pointer (&self->grid_entries, g_array_unref);
  g_clear_pointer (&self->bloc_members, g_ptr_array_unref);

  G_OBJECT_CLASS (ent_painter_parent_class)->finalize (object);
}

static void
ent_painter_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EntPainter *self = ENT_PAINTER (object);

  switch (prop_id)
    {
    case PROP_COLOR_MODE:
      g_value_set_enum (value, self->color_mode);
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, self->show_legend);
      break;
    case PROP_SHOW_HULLS:
      g_value_set_boolean (value, self->show_hulls);
      break;
    case PROP_SHOW_LABELS:
      g_value_set_boolean (value, self->show_labels);
      break;
    case PROP_TRANSPARENT:
      g_value_set_boolean (value, self->transparent);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DATE_TEXT:
      g_value_set_string (value, self->date_text);
      break;
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    case PROP_HOVERED:
      g_value_set_int (value, self->hovered);
      break;
    case PROP_FONT_FAMILY:
      g_value_set_string (value, self->font_family);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ent_painter_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  EntPainter *self = ENT_PAINTER (object);

  switch (prop_id)
    {
    case PROP_COLOR_MODE:
      ent_painter_set_color_mode (self, g_value_get_enum (value));
      break;
    case PROP_SHOW_LEGEND:
      ent_painter_set_show_legend (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_HULLS:
      ent_painter_set_show_hulls (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_LABELS:
      ent_painter_set_show_labels (self, g_value_get_boolean (value));
      break;
    case PROP_TRANSPARENT:
      ent_painter_set_transparent (self, g_value_get_boolean (value));
      break;
    case PROP_TITLE:
      ent_painter_set_title (self, g_value_get_string (value));
      break;
    case PROP_DATE_TEXT:
      ent_painter_set_date_text (self, g_value_get_string (value));
      break;
    case PROP_SELECTED:
      ent_painter_set_selected (self, g_value_get_int (value));
      break;
    case PROP_HOVERED:
      ent_painter_set_hovered (self, g_value_get_int (value));
      break;
    case PROP_FONT_FAMILY:
      ent_painter_set_font_family (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ent_painter_class_init (EntPainterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ent_painter_finalize;
  object_class->get_property = ent_painter_get_property;
  object_class->set_property = ent_painter_set_property;

  properties[PROP_COLOR_MODE] =
    g_param_spec_enum ("color-mode", NULL, NULL, ENT_TYPE_COLOR_MODE, ENT_COLOR_BY_BLOC, flags);
  properties[PROP_SHOW_LEGEND] = g_param_spec_boolean ("show-legend", NULL, NULL, TRUE, flags);
  properties[PROP_SHOW_HULLS] = g_param_spec_boolean ("show-hulls", NULL, NULL, TRUE, flags);
  properties[PROP_SHOW_LABELS] = g_param_spec_boolean ("show-labels", NULL, NULL, TRUE, flags);
  properties[PROP_TRANSPARENT] = g_param_spec_boolean ("transparent", NULL, NULL, FALSE, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DATE_TEXT] = g_param_spec_string ("date-text", NULL, NULL, NULL, flags);
  properties[PROP_SELECTED] = g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_HOVERED] = g_param_spec_int ("hovered", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_FONT_FAMILY] = g_param_spec_string ("font-family", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ent_painter_init (EntPainter *self)
{
  self->color_mode = ENT_COLOR_BY_BLOC;
  self->show_legend = TRUE;
  self->show_hulls = TRUE;
  self->show_labels = TRUE;
  self->selected = -1;
  self->hovered = -1;
  self->highlight_actors = g_array_new (FALSE, FALSE, sizeof (guint));
  self->highlight_pairs = g_array_new (FALSE, FALSE, sizeof (guint));
  g_weak_ref_init (&self->last_world, NULL);
  self->actors = g_array_new (FALSE, TRUE, sizeof (ActorState));
  self->labels = g_array_new (FALSE, FALSE, sizeof (EntLabelBox));
  self->label_widths = g_array_new (FALSE, FALSE, sizeof (int));
  self->order = g_array_new (FALSE, FALSE, sizeof (guint));
  self->tie_order = g_array_new (FALSE, FALSE, sizeof (guint));
  self->points = g_array_new (FALSE, FALSE, sizeof (double));
  self->hull = g_array_new (FALSE, FALSE, sizeof (double));
  self->hull_labels = g_array_new (FALSE, FALSE, sizeof (HullLabel));
  self->hull_label_boxes = g_array_new (FALSE, FALSE, sizeof (EntLabelBox));
  self->badge_boxes = g_array_new (FALSE, FALSE, sizeof (EntLabelBox));
  self->obstacles = g_array_new (FALSE, FALSE, sizeof (Obstacle));
  self->grid_heads = g_array_new (FALSE, FALSE, sizeof (int));
  self->grid_entries = g_array_new (FALSE, FALSE, sizeof (GridEntry));
  self->bloc_members = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->label_sprites = g_hash_table_new_full (text_key_hash, text_key_equal, g_free,
                                               (GDestroyNotify) cairo_surface_destroy);
  self->key_scratch = g_byte_array_new ();
  self->raster_shortcuts = TRUE;
  self->label_copies = TRUE;
  self->raster = ent_raster_new ();
  self->actor_sprites = g_hash_table_new_full (actor_sprite_hash, actor_sprite_equal, g_free,
                                               (GDestroyNotify) cairo_surface_destroy);
  self->text_sizes = g_hash_table_new_full (text_key_hash, text_key_equal, g_free, g_free);
  self->text_layouts = g_hash_table_new_full (text_key_hash, text_key_equal, g_free, g_object_unref);
}

void
ent_painter_set_svg_writer (EntPainter   *self,
                            EntSvgWriter *writer)
{
  g_return_if_fail (ENT_IS_PAINTER (self));

  self->svg = writer;
}

void
ent_painter_set_label_copies (EntPainter *self,
                              gboolean    enabled)
{
  g_return_if_fail (ENT_IS_PAINTER (self));
  self->label_copies = !!enabled;
}

void
ent_painter_set_raster_shortcuts (EntPainter *self,
                                  gboolean    enabled)
{
  g_return_if_fail (ENT_IS_PAINTER (self));

  enabled = !!enabled;
  if (enabled == self->raster_shortcuts)
    return;
  self->raster_shortcuts = enabled;
  /* Their halos are drawn differently. */
  g_hash_table_remove_all (self->label_sprites);
}

/**
 * ent_painter_new:
 *
 * Returns: (transfer full): a painter with legend, hulls and labels on,
 * colouring actors by bloc.
 */
EntPainter *
ent_painter_new (void)
{
  return g_object_new (ENT_TYPE_PAINTER, NULL);
}
