/* test-painter.c: the painter draws what it should, with no display
 *
 * Every test renders a small hand-built world onto a cairo image surface
 * and reads pixels back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "ent-format-native.h"
#include "ent-layout.h"
#include "ent-painter-private.h"
#include "ent-style.h"
#include "ent-world.h"

#define VIEW_W 480
#define VIEW_H 320

/* ---- Building worlds -------------------------------------------------------- */

static EntDate
d (const char *text)
{
  EntDate date;

  g_assert_true (ent_date_parse (text, &date, NULL));
  return date;
}

static void
add_actor (EntWorld     *world,
           const char   *id,
           const char   *name,
           EntActorKind  kind,
           const char   *region)
{
  g_autoptr(EntActor) actor = ent_actor_new (id, name);
  g_autoptr(GError) error = NULL;

  actor->kind = kind;
  g_free (actor->region);
  actor->region = g_strdup (region);
  g_assert_true (ent_world_add_actor (world, actor, &error));
  g_assert_no_error (error);
}

static void
add_relation (EntWorld        *world,
              const char      *a,
              const char      *b,
              EntRelationType  type,
              double           strength)
{
  g_autoptr(EntRelation) relation = ent_relation_new (NULL, a, b, type);
  g_autoptr(GError) error = NULL;

  relation->strength = strength;
  relation->sign = ent_relation_type_default_sign (type);
  g_assert_true (ent_world_add_relation (world, relation, NULL, &error));
  g_assert_no_error (error);
}

/* @members is a space-separated list of actor ids. */
static void
add_bloc (EntWorld   *world,
          const char *id,
          const char *name,
          const char *color,
          const char *members)
{
  g_autoptr(EntBloc) bloc = ent_bloc_new (id, name);
  g_auto(GStrv) ids = g_strsplit (members, " ", -1);
  g_autoptr(GError) error = NULL;

  bloc->color = g_strdup (color);
  for (guint i = 0; ids[i] != NULL; i++)
    ent_bloc_add_member (bloc, ids[i], ENT_DATE_NONE, ENT_DATE_NONE);
  g_assert_true (ent_world_add_bloc (world, bloc, &error));
  g_assert_no_error (error);
}

static void
add_meeting (EntWorld         *world,
             const char       *date,
             EntMeetingKind    kind,
             EntMeetingStatus  status,
             const char       *participants)
{
  g_auto(GStrv) ids = g_strsplit (participants, " ", -1);
  g_autoptr(EntMeeting) meeting = ent_meeting_new (NULL, d (date), kind, (const char * const *) ids);
  g_autoptr(GError) error = NULL;

  meeting->status = status;
  g_assert_true (ent_world_add_meeting (world, meeting, NULL, &error));
  g_assert_no_error (error);
}

/* Places actors in view pixels: with the default view (zoom 1, centred on
 * the map origin) a map point (x - W/2, y - H/2) shows at (x, y). */
static double *
positions_in_view (const double *view_xy,
                   guint         n)
{
  double *xy = g_new (double, 2 * n);

  for (guint i = 0; i < n; i++)
    {
      xy[2 * i] = view_xy[2 * i] - VIEW_W / 2.0;
      xy[2 * i + 1] = view_xy[2 * i + 1] - VIEW_H / 2.0;
    }
  return xy;
}

static EntPainter *
plain_painter (void)
{
  EntPainter *painter = ent_painter_new ();

  ent_painter_set_show_legend (painter, FALSE);
  ent_painter_set_show_labels (painter, FALSE);
  ent_painter_set_show_hulls (painter, FALSE);
  return painter;
}

/* ---- Rendering and reading pixels ------------------------------------------ */

static cairo_surface_t *
render_scaled (EntPainter    *painter,
               EntWorld      *world,
               const double  *xy,
               const EntView *view)
{
  int w = (int) ceil (view->width * view->scale_factor);
  int h = (int) ceil (view->height * view->scale_factor);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, view->scale_factor, view->scale_factor);
  ent_painter_draw (painter, cr, world, ENT_DATE_NONE, xy, view);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_surface_t *
render (EntPainter   *painter,
        EntWorld     *world,
        const double *xy,
        gboolean      dark)
{
  EntView view;

  ent_view_init (&view, VIEW_W, VIEW_H);
  view.dark = dark;
  return render_scaled (painter, world, xy, &view);
}

static EntRgba
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 argb;
  double a;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  argb = *(const guint32 *) (data + y * stride + 4 * x);
  a = (argb >> 24 & 0xff) / 255.0;
  if (a == 0)
    return (EntRgba) { 0, 0, 0, 0 };
  return (EntRgba) {
    (argb >> 16 & 0xff) / 255.0 / a,
    (argb >> 8 & 0xff) / 255.0 / a,
    (argb & 0xff) / 255.0 / a,
    a,
  };
}

static double
color_distance (const EntRgba *a,
                const EntRgba *b)
{
  return MAX (fabs (a->red - b->red), MAX (fabs (a->green - b->green), fabs (a->blue - b->blue)));
}

/* @color painted with its alpha over the opaque @under. */
static EntRgba
over (const EntRgba *color,
      const EntRgba *under)
{
  EntRgba result = ent_rgba_mix (under, color, color->alpha);

  result.alpha = 1.0;
  return result;
}

#define assert_color_near(got, want, tolerance)                                        \
  G_STMT_START {                                                                       \
    EntRgba g_ = (got), w_ = (want);                                                   \
    if (color_distance (&g_, &w_) > (tolerance))                                       \
      g_error ("%s:%d: colour (%.3f, %.3f, %.3f) is not near (%.3f, %.3f, %.3f)",      \
               __FILE__, __LINE__, g_.red, g_.green, g_.blue, w_.red, w_.green, w_.blue); \
  } G_STMT_END

/* ---- The view --------------------------------------------------------------- */

static void
test_view_conversions (void)
{
  static const struct {
    double offset_x, offset_y, zoom, px, py;
  } cases[] = {
    { 0, 0, 1, 0, 0 },
    { 10, -20, 2, 100, 50 },
    { -300, 400, 0.25, 479, 319 },
    { 1e4, 1e4, 8, 12.5, 7.25 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      EntView view;
      double mx, my, px, py;

      ent_view_init (&view, VIEW_W, VIEW_H);
      view.offset_x = cases[i].offset_x;
      view.offset_y = cases[i].offset_y;
      view.zoom = cases[i].zoom;

      ent_view_to_map (&view, cases[i].px, cases[i].py, &mx, &my);
      ent_view_from_map (&view, mx, my, &px, &py);
      g_assert_cmpfloat_with_epsilon (px, cases[i].px, 1e-9);
      g_assert_cmpfloat_with_epsilon (py, cases[i].py, 1e-9);

      /* The offset is the map point at the centre. */
      ent_view_from_map (&view, view.offset_x, view.offset_y, &px, &py);
      g_assert_cmpfloat_with_epsilon (px, VIEW_W / 2.0, 1e-9);
      g_assert_cmpfloat_with_epsilon (py, VIEW_H / 2.0, 1e-9);

      /* Zooming about a point keeps that point still. */
      ent_view_to_map (&view, cases[i].px, cases[i].py, &mx, &my);
      ent_view_zoom_at (&view, cases[i].px, cases[i].py, 1.7);
      ent_view_from_map (&view, mx, my, &px, &py);
      g_assert_cmpfloat_with_epsilon (px, cases[i].px, 1e-6);
      g_assert_cmpfloat_with_epsilon (py, cases[i].py, 1e-6);
    }
}

static void
test_view_fit (void)
{
  static const double xy[] = { -500, 20, 300, 80, 40, -900, 12, 1000 };
  EntView view;
  double x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y0 = G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  ent_view_init (&view, VIEW_W, VIEW_H);
  ent_view_fit (&view, xy, G_N_ELEMENTS (xy) / 2, 30);
  for (guint i = 0; i < G_N_ELEMENTS (xy) / 2; i++)
    {
      double px, py;

      ent_view_from_map (&view, xy[2 * i], xy[2 * i + 1], &px, &py);
      x0 = MIN (x0, px);
      x1 = MAX (x1, px);
      y0 = MIN (y0, py);
      y1 = MAX (y1, py);
    }
  g_assert_cmpfloat (x0, >=, 30 - 1e-6);
  g_assert_cmpfloat (y0, >=, 30 - 1e-6);
  g_assert_cmpfloat (x1, <=, VIEW_W - 30 + 1e-6);
  g_assert_cmpfloat (y1, <=, VIEW_H - 30 + 1e-6);
  /* The tall extent fills the height. */
  g_assert_cmpfloat_with_epsilon (y1 - y0, VIEW_H - 60, 1e-6);

  /* One actor: centred, zoom unchanged. */
  view.zoom = 3;
  ent_view_fit (&view, xy, 1, 30);
  g_assert_cmpfloat (view.zoom, ==, 3);
  g_assert_cmpfloat (view.offset_x, ==, -500);
  g_assert_cmpfloat (view.offset_y, ==, 20);
}

/* ---- Style ------------------------------------------------------------------ */

static void
test_style_palettes (void)
{
  const EntStyle *light = ent_style_get (FALSE);
  const EntStyle *dark = ent_style_get (TRUE);
  EntRgba parsed;

  g_assert_false (light->dark);
  g_assert_true (dark->dark);
  g_assert_cmpfloat (color_distance (&light->background, &dark->background), >, 0.5);
  g_assert_cmpfloat (color_distance (&light->label, &light->background), >, 0.5);
  g_assert_cmpfloat (color_distance (&dark->label, &dark->background), >, 0.5);

  for (guint t = 0; t < ENT_N_RELATION_TYPES; t++)
    {
      const EntTieStyle *ts = &light->relation[t];

      g_assert_cmpfloat (ts->max_width, >=, ts->min_width);
      /* Hostile ties are dashed and red-leaning. */
      if (ent_relation_type_default_sign (t) < 0)
        {
          g_assert_cmpuint (ts->n_dashes, >, 0);
          g_assert_cmpfloat (ts->color.red, >, ts->color.blue);
        }
    }
  /* A hostile sign on a friendly type borrows the rivalry look. */
  g_assert_true (ent_style_get_relation (light, ENT_RELATION_TRADE, -1) == &light->relation[ENT_RELATION_RIVALRY]);
  g_assert_true (ent_style_get_relation (light, ENT_RELATION_TRADE, 1) == &light->relation[ENT_RELATION_TRADE]);

  g_assert_true (ent_rgba_parse ("#3584e4", &parsed));
  g_assert_cmpfloat_with_epsilon (parsed.red, 0x35 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (parsed.blue, 0xe4 / 255.0, 1e-9);
  g_assert_true (ent_rgba_parse ("#fff", &parsed));
  g_assert_cmpfloat (parsed.green, ==, 1.0);
  g_assert_false (ent_rgba_parse ("3584e4", &parsed));
  g_assert_false (ent_rgba_parse ("#3584e", &parsed));
  g_assert_false (ent_rgba_parse ("#zzzzzz", &parsed));
  g_assert_false (ent_rgba_parse (NULL, &parsed));

  parsed = ent_style_get_bloc_color (light, 1, NULL);
  g_assert_cmpfloat (color_distance (&parsed, &light->bloc_palette[1]), ==, 0);
  parsed = ent_style_get_bloc_color (light, 1, "#000000");
  g_assert_cmpfloat (parsed.red, ==, 0);
}

/* ---- Actors ------------------------------------------------------------------ */

static EntWorld *
three_actor_world (void)
{
  EntWorld *world = ent_world_new ();

  add_actor (world, "KOR", "South Korea", ENT_ACTOR_STATE, "East Asia");
  add_actor (world, "USA", "United States", ENT_ACTOR_STATE, "North America");
  add_actor (world, "UNO", "United Nations", ENT_ACTOR_ORGANISATION, NULL);
  add_bloc (world, "alliance", "Alliance", "#e01b24", "KOR USA");
  return world;
}

static void
test_actor_fill (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  const EntStyle *style = ent_style_get (dark);
  g_autoptr(EntWorld) world = three_actor_world ();
  g_autoptr(EntPainter) painter = plain_painter ();
  static const double view_xy[] = { 100, 100, 300, 100, 200, 250 };
  g_autofree double *xy = positions_in_view (view_xy, 3);
  cairo_surface_t *surface;
  EntRgba red;

  g_assert_true (ent_rgba_parse ("#e01b24", &red));

  surface = render (painter, world, xy, dark);
  assert_color_near (pixel_at (surface, 100, 100), red, 0.02);
  assert_color_near (pixel_at (surface, 300, 100), red, 0.02);
  /* The organisation has no bloc: the neutral fill. */
  assert_color_near (pixel_at (surface, 200, 250), style->actor_fill, 0.02);
  assert_color_near (ent_painter_get_actor_color (painter, world, ENT_DATE_NONE, 0, dark), red, 1e-9);
  cairo_surface_destroy (surface);

  /* By region: KOR and USA differ, both from the style's region palette. */
  ent_painter_set_color_mode (painter, ENT_COLOR_BY_REGION);
  surface = render (painter, world, xy, dark);
  assert_color_near (pixel_at (surface, 100, 100), ent_style_get_region_color (style, 0), 0.02);
  assert_color_near (pixel_at (surface, 300, 100), ent_style_get_region_color (style, 1), 0.02);
  assert_color_near (pixel_at (surface, 200, 250), style->actor_fill, 0.02);
  cairo_surface_destroy (surface);
}

static void
test_organisation_shape (void)
{
  g_autoptr(EntWorld) world = three_actor_world ();
  g_autoptr(EntPainter) painter = plain_painter ();
  static const double view_xy[] = { 100, 100, 300, 100, 200, 160 };
  g_autofree double *xy = positions_in_view (view_xy, 3);
  const EntStyle *style = ent_style_get (FALSE);
  cairo_surface_t *surface = render (painter, world, xy, FALSE);
  double r = ent_painter_get_actor_radius (painter, 2);
  /* Just inside the corner of the square, outside the inscribed disc. */
  int corner = (int) floor (r * 0.9 * 0.78);

  g_assert_cmpfloat (r, >=, style->actor_min_radius);
  assert_color_near (pixel_at (surface, 200 + corner, 160 + corner), style->actor_fill, 0.1);
  cairo_surface_destroy (surface);
}

/* ---- Ties ---------------------------------------------------------------------- */

static void
test_relation_colors (void)
{
  const EntStyle *style = ent_style_get (FALSE);
  static const double view_xy[] = { 60, 160, 420, 160 };
  g_autofree double *xy = positions_in_view (view_xy, 2);

  for (guint t = 0; t < ENT_N_RELATION_TYPES; t++)
    {
      g_autoptr(EntWorld) world = ent_world_new ();
      g_autoptr(EntPainter) painter = plain_painter ();
      cairo_surface_t *surface;

      g_test_message ("relation type %s", ent_relation_type_to_string (t));
      add_actor (world, "AAA", "A", ENT_ACTOR_STATE, NULL);
      add_actor (world, "BBB", "B", ENT_ACTOR_STATE, NULL);
      add_relation (world, "AAA", "BBB", t, 1.0);

      surface = render (painter, world, xy, FALSE);
      /* Dashes are laid out from the middle, which is always inked. */
      assert_color_near (pixel_at (surface, 240, 160),
                         over (&style->relation[t].color, &style->background), 0.03);
      /* Clear of the line, the background. */
      assert_color_near (pixel_at (surface, 240, 130), style->background, 0.01);
      cairo_surface_destroy (surface);
    }
}

static void
test_parallel_ties (void)
{
  const EntStyle *style = ent_style_get (FALSE);
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntPainter) painter = plain_painter ();
  static const double view_xy[] = { 60, 160, 420, 160 };
  g_autofree double *xy = positions_in_view (view_xy, 2);
  cairo_surface_t *surface;
  /* Rows of pixels wholly inside each line, half a spacing off the axis. */
  int above = (int) floor (160 - style->parallel_spacing / 2);
  int below = (int) floor (160 + style->parallel_spacing / 2);

  add_actor (world, "AAA", "A", ENT_ACTOR_STATE, NULL);
  add_actor (world, "BBB", "B", ENT_ACTOR_STATE, NULL);
  add_relation (world, "AAA", "BBB", ENT_RELATION_ALLIANCE, 0.3);
  add_relation (world, "AAA", "BBB", ENT_RELATION_RIVALRY, 0.3);

  /* Both show, side by side, each in its own colour. */
  surface = render (painter, world, xy, FALSE);
  assert_color_near (pixel_at (surface, 240, above), style->relation[ENT_RELATION_ALLIANCE].color, 0.05);
  assert_color_near (pixel_at (surface, 240, below), style->relation[ENT_RELATION_RIVALRY].color, 0.05);
  cairo_surface_destroy (surface);
}

static void
test_meeting_badge (void)
{
  const EntStyle *style = ent_style_get (FALSE);
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntPainter) painter = plain_painter ();
  static const double view_xy[] = { 100, 100, 400, 100, 100, 250, 400, 250 };
  g_autofree double *xy = positions_in_view (view_xy, 4);
  cairo_surface_t *surface;
  double bend = MIN (style->meeting_bend * 300, 40.0);

  add_actor (world, "AAA", "A", ENT_ACTOR_STATE, NULL);
  add_actor (world, "BBB", "B", ENT_ACTOR_STATE, NULL);
  add_actor (world, "CCC", "C", ENT_ACTOR_STATE, NULL);
  add_actor (world, "DDD", "D", ENT_ACTOR_STATE, NULL);
  add_meeting (world, "2023-08-18", ENT_MEETING_SUMMIT, ENT_MEETING_HELD, "AAA BBB");
  add_meeting (world, "2024-05-01", ENT_MEETING_BILATERAL, ENT_MEETING_HELD, "AAA BBB");
  add_meeting (world, "2025-01-01", ENT_MEETING_CALL, ENT_MEETING_HELD, "AAA BBB");
  add_meeting (world, "2025-09-01", ENT_MEETING_SUMMIT, ENT_MEETING_PLANNED, "CCC DDD");

  surface = render (painter, world, xy, FALSE);
  /* Three meetings: a "×3" badge on the middle of the bowed tie, which
   * bends away from the straight line between the two. */
  assert_color_near (pixel_at (surface, 250 - 8, (int) (100 + bend)), style->badge_fill, 0.05);
  assert_color_near (pixel_at (surface, 250, 100), style->background, 0.01);
  /* A planned-only pair: a lighter, thin line with no badge. Take the most
   * inked pixel across it. */
  {
    EntRgba held = over (&style->meeting.color, &style->background);
    EntRgba darkest = style->background;

    for (int y = (int) (250 + bend) - 2; y <= (int) (250 + bend) + 2; y++)
      {
        EntRgba p = pixel_at (surface, 250, y);

        if (color_distance (&p, &style->background) > color_distance (&darkest, &style->background))
          darkest = p;
      }
    g_assert_cmpfloat (color_distance (&darkest, &style->background), >, 0.1);
    g_assert_cmpfloat (darkest.blue, >, darkest.green);
    g_assert_cmpfloat (color_distance (&darkest, &style->background), <, color_distance (&held, &style->background));
  }
  cairo_surface_destroy (surface);
}

/* ---- Hulls ------------------------------------------------------------------------ */

static void
test_hull (void)
{
  const EntStyle *style = ent_style_get (FALSE);
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntPainter) painter = plain_painter ();
  static const double view_xy[] = { 150, 160, 330, 160, 240, 40, 440, 280 };
  g_autofree double *xy = positions_in_view (view_xy, 4);
  cairo_surface_t *surface;
  EntRgba blue, between, lone;

  g_assert_true (ent_rgba_parse ("#3584e4", &blue));
  add_actor (world, "AAA", "A", ENT_ACTOR_STATE, NULL);
  add_actor (world, "BBB", "B", ENT_ACTOR_STATE, NULL);
  add_actor (world, "CCC", "C", ENT_ACTOR_STATE, NULL);
  add_actor (world, "DDD", "D", ENT_ACTOR_STATE, NULL);
  add_bloc (world, "pair", "Pair", "#3584e4", "AAA BBB");
  add_bloc (world, "lone", "Lone", "#3584e4", "DDD");

  ent_painter_set_show_hulls (painter, TRUE);
  surface = render (painter, world, xy, FALSE);
  /* Two members make a capsule: its inside, between them, is tinted. */
  between = pixel_at (surface, 240, 160);
  g_assert_cmpfloat (color_distance (&between, &style->background), >, 0.02);
  g_assert_cmpfloat (color_distance (&between, &blue), <, color_distance (&style->background, &blue));
  g_assert_cmpfloat (between.blue, >, between.red);
  /* One member makes a ring around it. */
  lone = pixel_at (surface, 440 - (int) ent_painter_get_actor_radius (painter, 3) - 6, 280);
  g_assert_cmpfloat (color_distance (&lone, &style->background), >, 0.02);
  /* Outside the capsule: background. */
  assert_color_near (pixel_at (surface, 240, 100), style->background, 0.005);
  cairo_surface_destroy (surface);

  ent_painter_set_show_hulls (painter, FALSE);
  surface = render (painter, world, xy, FALSE);
  assert_color_near (pixel_at (surface, 240, 160), style->background, 0.005);
  cairo_surface_destroy (surface);
}

/* ---- Labels ------------------------------------------------------------------------- */

static gboolean
boxes_overlap (const EntLabelBox *a,
               const EntLabelBox *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static EntWorld *
crowded_world (guint    n,
               double **out_xy)
{
  EntWorld *world = ent_world_new ();
  double *xy = g_new (double, 2 * n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("A%02u", i);
      g_autofree char *name = g_strdup_printf ("Republic of Place %u", i);

      add_actor (world, id, name, ENT_ACTOR_STATE, NULL);
      /* A 7-wide grid only 12 map units apart, shaken a little. */
      xy[2 * i] = (i % 7) * 12.0 + g_rand_double_range (rand, -3, 3);
      xy[2 * i + 1] = (i / 7) * 12.0 + g_rand_double_range (rand, -3, 3);
    }
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *a = g_strdup_printf ("A%02u", i);
      g_autofree char *b = g_strdup_printf ("A%02u", g_rand_int_range (rand, 0, (gint32) i));

      add_relation (world, a, b, ENT_RELATION_PARTNERSHIP, 0.5);
    }
  *out_xy = xy;
  return world;
}

/* In a crowd, a name that cannot be placed even as a sliver of a box is
 * not measured: the labels are those it would place anyway, and the
 * painter lays out a few names, not all it tries. */
static void
test_labels_crowd_measures_few (void)
{
  g_autofree double *xy = NULL;
  g_autoptr(EntWorld) world = crowded_world (400, &xy);
  g_autoptr(EntPainter) painter = ent_painter_new ();
  const EntLabelBox *boxes;
  guint n_boxes;
  cairo_surface_t *surface;
  EntView view;

  ent_view_init (&view, VIEW_W, VIEW_H);
  ent_view_fit (&view, xy, 400, 40);
  view.zoom = 0.5;
  surface = render_scaled (painter, world, xy, &view);
  boxes = ent_painter_get_label_boxes (painter, &n_boxes);
  g_test_message ("%u labels placed, %u names measured", n_boxes, ent_painter_get_n_label_sizes (painter));
  g_assert_cmpuint (n_boxes, >, 0);
  for (guint i = 0; i < n_boxes; i++)
    for (guint j = i + 1; j < n_boxes; j++)
      g_assert_false (boxes_overlap (&boxes[i], &boxes[j]));
  /* Each of the 400 names would be measured, and the long ones measured
   * again at half width: 499 sizes before. */
  g_assert_cmpuint (ent_painter_get_n_label_sizes (painter), <, 200);
  cairo_surface_destroy (surface);
}

/* A map in motion lays out a few names it has not measured before per
 * frame, so that no frame pays for them all: its labels appear over its
 * first frames, and are then those of a still map. */
static void
test_labels_moving_new_names (void)
{
  g_autofree double *xy = NULL;
  g_autoptr(EntWorld) world = crowded_world (60, &xy);
  g_autoptr(EntPainter) still = ent_painter_new ();
  g_autoptr(EntPainter) moving = ent_painter_new ();
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (EntLabelBox));
  const EntLabelBox *boxes;
  guint n_boxes, frames = 0, last = G_MAXUINT;
  cairo_surface_t *surface;
  EntView view;

  ent_view_init (&view, VIEW_W, VIEW_H);
  ent_view_fit (&view, xy, 60, 40);
  surface = render_scaled (still, world, xy, &view);
  cairo_surface_destroy (surface);
  boxes = ent_painter_get_label_boxes (still, &n_boxes);
  g_array_append_vals (expected, boxes, n_boxes);
  g_test_message ("still: %u labels in one frame", n_boxes);
  g_assert_cmpuint (n_boxes, >, 20);

  ent_painter_set_moving (moving, TRUE);
  /* Until no new name is measured. */
  while (frames < 50 && ent_painter_get_n_label_sizes (moving) != last)
    {
      last = ent_painter_get_n_label_sizes (moving);
      surface = render_scaled (moving, world, xy, &view);
      cairo_surface_destroy (surface);
      boxes = ent_painter_get_label_boxes (moving, &n_boxes);
      if (frames == 0)
        {
          g_test_message ("moving: %u labels in the first frame", n_boxes);
          g_assert_cmpuint (n_boxes, >, 0);
          g_assert_cmpuint (n_boxes, <=, 8);
        }
      frames++;
    }
  g_test_message ("moving: %u labels after %u frames", n_boxes, frames);
  g_assert_cmpuint (frames, >, 3);
  g_assert_cmpuint (n_boxes, ==, expected->len);
  for (guint i = 0; i < n_boxes; i++)
    {
      const EntLabelBox *want = &g_array_index (expected, EntLabelBox, i);

      g_assert_cmpuint (boxes[i].actor, ==, want->actor);
      g_assert_cmpfloat (boxes[i].x, ==, want->x);
      g_assert_cmpfloat (boxes[i].y, ==, want->y);
      g_assert_cmpfloat (boxes[i].width, ==, want->width);
      g_assert_cmpfloat (boxes[i].height, ==, want->height);
    }
}

static void
test_labels_never_overlap (void)
{
  g_autofree double *xy = NULL;
  g_autoptr(EntWorld) world = crowded_world (40, &xy);
  g_autoptr(EntPainter) painter = ent_painter_new ();
  static const double zooms[] = { 0.25, 1, 3, 8, 16 };

  ent_painter_set_title (painter, "A crowded world");
  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      EntView view;
      const EntLabelBox *boxes;
      guint n_boxes;
      cairo_surface_t *surface;

      ent_view_init (&view, VIEW_W, VIEW_H);
      ent_view_fit (&view, xy, 40, 40);
      view.zoom = zooms[z];
      surface = render_scaled (painter, world, xy, &view);
      boxes = ent_painter_get_label_boxes (painter, &n_boxes);
      g_test_message ("zoom %g: %u labels", zooms[z], n_boxes);
      g_assert_cmpuint (n_boxes, >, 0);
      for (guint i = 0; i < n_boxes; i++)
        {
          g_assert_cmpfloat (boxes[i].x, >=, 0);
          g_assert_cmpfloat (boxes[i].y, >=, 0);
          g_assert_cmpfloat (boxes[i].x + boxes[i].width, <=, VIEW_W);
          g_assert_cmpfloat (boxes[i].y + boxes[i].height, <=, VIEW_H);
          for (guint j = i + 1; j < n_boxes; j++)
            {
              g_assert_cmpuint (boxes[i].actor, !=, boxes[j].actor);
              g_assert_false (boxes_overlap (&boxes[i], &boxes[j]));
            }
        }
      /* Spread out, every actor well inside the view gets its name. */
      if (zooms[z] >= 16)
        for (guint a = 0; a < 40; a++)
          {
            double px, py;
            gboolean labelled = FALSE;

            ent_view_from_map (&view, xy[2 * a], xy[2 * a + 1], &px, &py);
            if (px < 80 || px > VIEW_W - 80 || py < 40 || py > VIEW_H - 40)
              continue;
            for (guint i = 0; i < n_boxes; i++)
              labelled |= boxes[i].actor == a;
            g_assert_true (labelled);
          }
      cairo_surface_destroy (surface);
    }
}

static int
count_ink (cairo_surface_t   *surface,
           const EntLabelBox *box,
           const EntRgba     *background)
{
  int count = 0;

  for (int y = (int) box->y; y < (int) (box->y + box->height); y++)
    for (int x = (int) box->x; x < (int) (box->x + box->width); x++)
      {
        EntRgba p = pixel_at (surface, x, y);

        if (color_distance (&p, background) > 0.3)
          count++;
      }
  return count;
}

static void
test_korean_label (void)
{
  const EntStyle *style = ent_style_get (FALSE);
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntPainter) painter = plain_painter ();
  static const double view_xy[] = { 240, 120 };
  g_autofree double *xy = positions_in_view (view_xy, 1);
  const EntLabelBox *boxes;
  guint n_boxes;
  cairo_surface_t *surface;
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (scratch);
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (style->font_family);

  /* The style's families cover Hangul: no glyph is missing. */
  pango_font_description_set_absolute_size (font, style->label_size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "대한민국", -1);
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);

  add_actor (world, "KOR", "대한민국", ENT_ACTOR_STATE, NULL);
  ent_painter_set_show_labels (painter, TRUE);
  surface = render (painter, world, xy, FALSE);
  boxes = ent_painter_get_label_boxes (painter, &n_boxes);
  g_assert_cmpuint (n_boxes, ==, 1);
  g_assert_cmpuint (boxes[0].actor, ==, 0);
  /* Four Hangul syllables are wider than they are tall, and inked. */
  g_assert_cmpfloat (boxes[0].width, >, 2 * boxes[0].height);
  g_assert_cmpint (count_ink (surface, &boxes[0], &style->background), >, 40);
  cairo_surface_destroy (surface);
}

/* ---- Focus -------------------------------------------------------------------------- */

static void
test_hover_dims (void)
{
  const EntStyle *style = ent_style_get (FALSE);
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntPainter) painter = plain_painter ();
  static const double view_xy[] = { 100, 100, 300, 100, 200, 250 };
  g_autofree double *xy = positions_in_view (view_xy, 3);
  cairo_surface_t *before, *after;
  EntRgba far_before, far_after, tie_before, tie_after;

  add_actor (world, "AAA", "A", ENT_ACTOR_STATE, NULL);
  add_actor (world, "BBB", "B", ENT_ACTOR_STATE, NULL);
  add_actor (world, "CCC", "C", ENT_ACTOR_STATE, NULL);
  add_relation (world, "AAA", "BBB", ENT_RELATION_ALLIANCE, 1.0);
  add_relation (world, "BBB", "CCC", ENT_RELATION_TRADE, 1.0);
  add_bloc (world, "bloc", "Bloc", "#e01b24", "AAA BBB CCC");

  before = render (painter, world, xy, FALSE);
  ent_painter_set_hovered (painter, 0);
  after = render (painter, world, xy, FALSE);

  /* C is not a neighbour of A: pushed toward the background. */
  far_before = pixel_at (before, 200, 250);
  far_after = pixel_at (after, 200, 250);
  g_assert_cmpfloat (color_distance (&far_before, &far_after), >, 0.2);
  g_assert_cmpfloat (color_distance (&far_after, &style->background),
                     <, color_distance (&far_before, &style->background));
  /* A and its neighbour B keep their colour, and so does their tie. */
  assert_color_near (pixel_at (after, 100, 100), pixel_at (before, 100, 100), 0.01);
  assert_color_near (pixel_at (after, 300, 100), pixel_at (before, 300, 100), 0.01);
  tie_before = pixel_at (before, 200, 100);
  tie_after = pixel_at (after, 200, 100);
  assert_color_near (tie_after, tie_before, 0.01);
  /* The B–C tie does not touch A: dimmed. */
  tie_before = pixel_at (before, 250, 175);
  tie_after = pixel_at (after, 250, 175);
  g_assert_cmpfloat (color_distance (&tie_before, &tie_after), >, 0.1);
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
}

static void
test_selection_and_highlight (void)
{
  const EntStyle *style = ent_style_get (FALSE);
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntPainter) painter = plain_painter ();
  static const double view_xy[] = { 100, 100, 300, 100, 200, 250 };
  g_autofree double *xy = positions_in_view (view_xy, 3);
  static const guint path[] = { 0, 1 };
  cairo_surface_t *surface;
  double r;
  EntRgba ring, far_after;

  add_actor (world, "AAA", "A", ENT_ACTOR_STATE, NULL);
  add_actor (world, "BBB", "B", ENT_ACTOR_STATE, NULL);
  add_actor (world, "CCC", "C", ENT_ACTOR_STATE, NULL);
  add_relation (world, "AAA", "BBB", ENT_RELATION_ALLIANCE, 1.0);

  ent_painter_set_selected (painter, 2);
  surface = render (painter, world, xy, FALSE);
  r = ent_painter_get_actor_radius (painter, 2);
  ring = pixel_at (surface, 200, (int) round (250 - r - style->selection_gap - style->selection_width / 2));
  assert_color_near (ring, style->selection, 0.05);
  cairo_surface_destroy (surface);

  ent_painter_set_selected (painter, -1);
  ent_painter_set_highlight (painter, path, 2, path, 1);
  surface = render (painter, world, xy, FALSE);
  /* The highlighted tie glows beside the line; C is pushed back. */
  assert_color_near (pixel_at (surface, 200, 100 - 4), over (&style->highlight, &style->background), 0.05);
  far_after = pixel_at (surface, 200, 250);
  g_assert_cmpfloat (color_distance (&far_after, &style->background),
                     <, color_distance (&style->actor_fill, &style->background));
  cairo_surface_destroy (surface);
}

/* ---- Hit testing -------------------------------------------------------------------- */

static void
test_hit (void)
{
  g_autoptr(EntWorld) world = three_actor_world ();
  g_autoptr(EntPainter) painter = ent_painter_new ();
  static const double view_xy[] = { 100, 100, 300, 100, 200, 250 };
  g_autofree double *xy = positions_in_view (view_xy, 3);
  EntView view;
  static const struct {
    double px, py;
    int    actor;
  } cases[] = {
    { 100, 100, 0 },
    { 103, 98, 0 },
    { 300, 100, 1 },
    { 200, 250, 2 },
    { 200, 100, -1 },
    { 5, 5, -1 },
    { 470, 310, -1 },
  };
  cairo_surface_t *surface;

  ent_view_init (&view, VIEW_W, VIEW_H);
  /* Before any draw, discs are sized as a draw would size them. */
  g_assert_cmpint (ent_painter_hit_actor (painter, world, xy, &view, 100, 100), ==, 0);

  surface = render_scaled (painter, world, xy, &view);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (ent_painter_hit_actor (painter, world, xy, &view, cases[i].px, cases[i].py),
                     ==, cases[i].actor);

  /* A label belongs to its actor. */
  {
    guint n_boxes;
    const EntLabelBox *boxes = ent_painter_get_label_boxes (painter, &n_boxes);

    g_assert_cmpuint (n_boxes, ==, 3);
    for (guint i = 0; i < n_boxes; i++)
      g_assert_cmpint (ent_painter_hit_actor (painter, world, xy, &view,
                                              boxes[i].x + boxes[i].width - 2,
                                              boxes[i].y + boxes[i].height / 2),
                       ==, (int) boxes[i].actor);
  }

  /* Zoomed and panned: the same actor under its new place. */
  view.zoom = 2;
  view.offset_x = xy[2];
  view.offset_y = xy[3];
  g_assert_cmpint (ent_painter_hit_actor (painter, world, xy, &view, VIEW_W / 2.0, VIEW_H / 2.0), ==, 1);
  g_assert_cmpint (ent_painter_hit_actor (painter, world, xy, &view, VIEW_W / 2.0 + 100, VIEW_H / 2.0), ==, -1);
  cairo_surface_destroy (surface);
}

/* ---- Appearance and surfaces --------------------------------------------------------- */

static EntWorld *
northeast_asia (double **out_xy)
{
  EntWorld *world = ent_world_new ();
  static const struct {
    const char *id, *name, *region;
    EntActorKind kind;
    double x, y;
  } actors[] = {
    { "KOR", "South Korea", "East Asia", ENT_ACTOR_STATE, -40, -40 },
    { "USA", "United States", "Americas", ENT_ACTOR_STATE, -190, -10 },
    { "JPN", "Japan", "East Asia", ENT_ACTOR_STATE, -110, -110 },
    { "CHN", "China", "East Asia", ENT_ACTOR_STATE, 150, 60 },
    { "RUS", "Russia", "Europe", ENT_ACTOR_STATE, 230, -80 },
    { "PRK", "North Korea", "East Asia", ENT_ACTOR_STATE, 90, -90 },
    { "AUS", "Australia", "Oceania", ENT_ACTOR_STATE, -260, 120 },
    { "IND", "India", "South Asia", ENT_ACTOR_STATE, -120, 150 },
    { "PHL", "Philippines", "Southeast Asia", ENT_ACTOR_STATE, 0, 150 },
    { "VNM", "Vietnam", "Southeast Asia", ENT_ACTOR_STATE, 100, 180 },
    { "IDN", "Indonesia", "Southeast Asia", ENT_ACTOR_STATE, 40, 240 },
    { "MNG", "Mongolia", "East Asia", ENT_ACTOR_STATE, 280, 40 },
    { "ASEAN", "ASEAN", NULL, ENT_ACTOR_ORGANISATION, 150, 260 },
    { "UN", "United Nations", NULL, ENT_ACTOR_ORGANISATION, -300, -120 },
  };
  static const struct {
    const char *a, *b;
    EntRelationType type;
    double strength;
  } relations[] = {
    { "USA", "KOR", ENT_RELATION_ALLIANCE, 1.0 },
    { "USA", "JPN", ENT_RELATION_ALLIANCE, 1.0 },
    { "USA", "AUS", ENT_RELATION_ALLIANCE, 0.9 },
    { "USA", "PHL", ENT_RELATION_ALLIANCE, 0.7 },
    { "KOR", "JPN", ENT_RELATION_PARTNERSHIP, 0.6 },
    { "USA", "IND", ENT_RELATION_PARTNERSHIP, 0.5 },
    { "CHN", "RUS", ENT_RELATION_PARTNERSHIP, 0.9 },
    { "CHN", "PRK", ENT_RELATION_ALLIANCE, 0.8 },
    { "RUS", "PRK", ENT_RELATION_ALLIANCE, 0.8 },
    { "KOR", "PRK", ENT_RELATION_ARMISTICE, 0.8 },
    { "KOR", "PRK", ENT_RELATION_RIVALRY, 1.0 },
    { "USA", "CHN", ENT_RELATION_RIVALRY, 0.9 },
    { "USA", "CHN", ENT_RELATION_TRADE, 0.8 },
    { "KOR", "CHN", ENT_RELATION_TRADE, 0.9 },
    { "JPN", "CHN", ENT_RELATION_DISPUTE, 0.5 },
    { "JPN", "RUS", ENT_RELATION_DISPUTE, 0.5 },
    { "USA", "RUS", ENT_RELATION_SANCTIONS, 0.9 },
    { "USA", "PRK", ENT_RELATION_SANCTIONS, 1.0 },
    { "PHL", "CHN", ENT_RELATION_DISPUTE, 0.7 },
    { "VNM", "CHN", ENT_RELATION_TRADE, 0.7 },
    { "VNM", "ASEAN", ENT_RELATION_MEMBERSHIP, 0.5 },
    { "PHL", "ASEAN", ENT_RELATION_MEMBERSHIP, 0.5 },
    { "IDN", "ASEAN", ENT_RELATION_MEMBERSHIP, 0.5 },
    { "MNG", "CHN", ENT_RELATION_TRADE, 0.4 },
    { "MNG", "RUS", ENT_RELATION_PARTNERSHIP, 0.3 },
    { "RUS", "UN", ENT_RELATION_MEMBERSHIP, 0.3 },
    { "USA", "UN", ENT_RELATION_MEMBERSHIP, 0.3 },
  };
  guint n = G_N_ELEMENTS (actors);
  double *xy = g_new (double, 2 * n);

  for (guint i = 0; i < n; i++)
    {
      add_actor (world, actors[i].id, actors[i].name, actors[i].kind, actors[i].region);
      xy[2 * i] = actors[i].x;
      xy[2 * i + 1] = actors[i].y;
    }
  for (guint i = 0; i < G_N_ELEMENTS (relations); i++)
    add_relation (world, relations[i].a, relations[i].b, relations[i].type, relations[i].strength);

  add_bloc (world, "kus-jpn", "Korea–U.S.–Japan", "#3584e4", "KOR USA JPN");
  add_bloc (world, "crn", "China–Russia–North Korea", "#e01b24", "CHN RUS PRK");
  add_bloc (world, "asean", "ASEAN", NULL, "PHL VNM IDN");
  add_bloc (world, "quad", "Quad", NULL, "USA JPN AUS IND");

  add_meeting (world, "2023-08-18", ENT_MEETING_SUMMIT, ENT_MEETING_HELD, "KOR USA JPN");
  add_meeting (world, "2024-11-15", ENT_MEETING_MULTILATERAL, ENT_MEETING_HELD, "KOR USA JPN");
  add_meeting (world, "2023-03-16", ENT_MEETING_BILATERAL, ENT_MEETING_HELD, "KOR JPN");
  add_meeting (world, "2023-09-13", ENT_MEETING_SUMMIT, ENT_MEETING_HELD, "RUS PRK");
  add_meeting (world, "2024-06-19", ENT_MEETING_SUMMIT, ENT_MEETING_HELD, "RUS PRK");
  add_meeting (world, "2024-05-16", ENT_MEETING_SUMMIT, ENT_MEETING_HELD, "CHN RUS");
  add_meeting (world, "2025-11-01", ENT_MEETING_SUMMIT, ENT_MEETING_PLANNED, "KOR CHN");

  *out_xy = xy;
  return world;
}

static void
draw_sample (EntPainter *painter,
             EntWorld   *world,
             double     *xy,
             cairo_t    *cr,
             double      width,
             double      height,
             gboolean    dark)
{
  EntView view;

  /* Fit the map left of the legend, in the top-right corner. */
  ent_view_init (&view, width - 200, height);
  view.dark = dark;
  ent_view_fit (&view, xy, ent_world_get_n_actors (world), 70);
  view.width = width;
  view.offset_x += 100 / view.zoom;
  ent_painter_draw (painter, cr, world, ENT_DATE_NONE, xy, &view);
}

static void
test_sample_png (void)
{
  g_autofree double *xy = NULL;
  g_autoptr(EntWorld) world = northeast_asia (&xy);
  g_autoptr(EntPainter) painter = ent_painter_new ();

  ent_painter_set_title (painter, "Alliances in Northeast Asia");
  ent_painter_set_date_text (painter, "As of 1 June 2025");
  ent_painter_set_selected (painter, 0);

  for (guint dark = 0; dark < 2; dark++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 700);
      cairo_t *cr = cairo_create (surface);
      g_autofree char *path = g_build_filename (g_get_tmp_dir (),
                                                dark ? "entente-painter-sample-dark.png"
                                                     : "entente-painter-sample.png", NULL);

      draw_sample (painter, world, xy, cr, 1000, 700, dark);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", path);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  /* Hovering Korea, for a look at the dimming. */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 700);
    cairo_t *cr = cairo_create (surface);
    g_autofree char *path = g_build_filename (g_get_tmp_dir (), "entente-painter-sample-hover.png", NULL);

    ent_painter_set_hovered (painter, 0);
    draw_sample (painter, world, xy, cr, 1000, 700, FALSE);
    g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
}

static void
test_dark_background (void)
{
  g_autoptr(EntWorld) world = three_actor_world ();
  g_autoptr(EntPainter) painter = ent_painter_new ();
  static const double view_xy[] = { 100, 100, 300, 100, 200, 250 };
  g_autofree double *xy = positions_in_view (view_xy, 3);
  cairo_surface_t *light = render (painter, world, xy, FALSE);
  cairo_surface_t *dark = render (painter, world, xy, TRUE);
  EntRgba light_bg = pixel_at (light, 2, VIEW_H - 2);
  EntRgba dark_bg = pixel_at (dark, 2, VIEW_H - 2);

  assert_color_near (light_bg, ent_style_get (FALSE)->background, 0.005);
  assert_color_near (dark_bg, ent_style_get (TRUE)->background, 0.005);
  g_assert_cmpfloat (color_distance (&light_bg, &dark_bg), >, 0.5);
  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
}

/* A 2x drawing averaged down to 1x matches the 1x drawing. */
static void
test_scale_factor (void)
{
  g_autofree double *xy = NULL;
  g_autoptr(EntWorld) world = northeast_asia (&xy);
  g_autoptr(EntPainter) painter = ent_painter_new ();
  EntView view;
  cairo_surface_t *one, *two;
  const EntLabelBox *boxes;
  guint n_one, n_two;
  g_autofree EntLabelBox *boxes_one = NULL;
  double total = 0.0;
  guint far_off = 0;

  ent_view_init (&view, VIEW_W, VIEW_H);
  ent_view_fit (&view, xy, ent_world_get_n_actors (world), 30);
  one = render_scaled (painter, world, xy, &view);
  boxes = ent_painter_get_label_boxes (painter, &n_one);
  boxes_one = g_memdup2 (boxes, sizeof (EntLabelBox) * n_one);
  view.scale_factor = 2;
  two = render_scaled (painter, world, xy, &view);
  boxes = ent_painter_get_label_boxes (painter, &n_two);

  /* Labels go to the same places at every scale. */
  g_assert_cmpuint (n_one, ==, n_two);
  for (guint i = 0; i < n_one; i++)
    {
      g_assert_cmpuint (boxes_one[i].actor, ==, boxes[i].actor);
      g_assert_cmpfloat_with_epsilon (boxes_one[i].x, boxes[i].x, 0.5);
      g_assert_cmpfloat_with_epsilon (boxes_one[i].y, boxes[i].y, 0.5);
    }

  for (int y = 0; y < VIEW_H; y++)
    for (int x = 0; x < VIEW_W; x++)
      {
        EntRgba p = pixel_at (one, x, y);
        EntRgba q[4] = {
          pixel_at (two, 2 * x, 2 * y), pixel_at (two, 2 * x + 1, 2 * y),
          pixel_at (two, 2 * x, 2 * y + 1), pixel_at (two, 2 * x + 1, 2 * y + 1),
        };
        EntRgba mean = {
          (q[0].red + q[1].red + q[2].red + q[3].red) / 4,
          (q[0].green + q[1].green + q[2].green + q[3].green) / 4,
          (q[0].blue + q[1].blue + q[2].blue + q[3].blue) / 4,
          1,
        };
        double diff = color_distance (&p, &mean);

        total += diff;
        if (diff > 0.5)
          far_off++;
      }
  g_test_message ("mean difference %.4f, %u pixels far off", total / (VIEW_W * VIEW_H), far_off);
  g_assert_cmpfloat (total / (VIEW_W * VIEW_H), <, 0.02);
  g_assert_cmpuint (far_off, <, VIEW_W * VIEW_H / 200);
  cairo_surface_destroy (one);
  cairo_surface_destroy (two);
}

static cairo_status_t
discard_cb (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  *(gsize *) closure += length;
  return CAIRO_STATUS_SUCCESS;
}

static void
test_vector_surfaces (void)
{
  g_autofree double *xy = NULL;
  g_autoptr(EntWorld) world = northeast_asia (&xy);
  g_autoptr(EntPainter) painter = ent_painter_new ();
  gsize svg_bytes = 0, pdf_bytes = 0;
  cairo_surface_t *surfaces[] = {
    cairo_svg_surface_create_for_stream (discard_cb, &svg_bytes, 800, 600),
    cairo_pdf_surface_create_for_stream (discard_cb, &pdf_bytes, 800, 600),
  };

  ent_painter_set_title (painter, "Alliances in Northeast Asia");
  ent_painter_set_date_text (painter, "As of 2025-06-01");
  for (guint i = 0; i < G_N_ELEMENTS (surfaces); i++)
    {
      cairo_t *cr = cairo_create (surfaces[i]);

      draw_sample (painter, world, xy, cr, 800, 600, i == 1);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_finish (surfaces[i]);
      g_assert_cmpint (cairo_surface_status (surfaces[i]), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surfaces[i]);
    }
  g_assert_cmpuint (svg_bytes, >, 1000);
  g_assert_cmpuint (pdf_bytes, >, 1000);
}

/* ---- Options and scale ---------------------------------------------------------------- */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_properties_notify (void)
{
  EntPainter *painter = ent_painter_new ();
  guint count = 0;

  g_signal_connect (painter, "notify", G_CALLBACK (count_notify_cb), &count);
  ent_painter_set_show_legend (painter, TRUE);
  ent_painter_set_selected (painter, -1);
  ent_painter_set_title (painter, NULL);
  ent_painter_set_color_mode (painter, ENT_COLOR_BY_BLOC);
  g_assert_cmpuint (count, ==, 0);

  ent_painter_set_show_legend (painter, FALSE);
  ent_painter_set_selected (painter, 3);
  ent_painter_set_title (painter, "Title");
  ent_painter_set_title (painter, "Title");
  ent_painter_set_color_mode (painter, ENT_COLOR_BY_REGION);
  g_object_set (painter, "hovered", 2, "date-text", "As of 2025", NULL);
  g_assert_cmpuint (count, ==, 6);
  g_assert_cmpint (ent_painter_get_hovered (painter), ==, 2);
  g_assert_cmpstr (ent_painter_get_date_text (painter), ==, "As of 2025");

  g_assert_finalize_object (painter);
}

static void
test_preconditions (void)
{
  g_autoptr(EntPainter) painter = ent_painter_new ();
  EntView view;

  if (g_test_undefined ())
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 4, 4);
      cairo_t *cr = cairo_create (surface);

      ent_view_init (&view, VIEW_W, VIEW_H);
      g_test_expect_message ("entente-painter", G_LOG_LEVEL_CRITICAL, "*ENT_IS_WORLD*");
      ent_painter_draw (painter, cr, NULL, ENT_DATE_NONE, NULL, &view);
      g_test_assert_expected_messages ();
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

static void
test_metric_sizes (void)
{
  g_autoptr(EntWorld) world = three_actor_world ();
  g_autoptr(EntPainter) painter = plain_painter ();
  static const double view_xy[] = { 100, 100, 300, 100, 200, 250 };
  static const double metric[] = { 0, 4, 1 };
  g_autofree double *xy = positions_in_view (view_xy, 3);
  const EntStyle *style = ent_style_get (FALSE);
  cairo_surface_t *surface;

  ent_painter_set_metric (painter, metric, 3);
  surface = render (painter, world, xy, FALSE);
  g_assert_cmpfloat (ent_painter_get_actor_radius (painter, 0), ==, style->actor_min_radius);
  g_assert_cmpfloat (ent_painter_get_actor_radius (painter, 1), ==, style->actor_max_radius);
  /* Area grows with the metric: radius with its square root. */
  g_assert_cmpfloat_with_epsilon (ent_painter_get_actor_radius (painter, 2),
                                  style->actor_min_radius + (style->actor_max_radius - style->actor_min_radius) / 2,
                                  1e-9);
  cairo_surface_destroy (surface);
}

/* Ten thousand actors: drawing stays within a frame budget's reach and the
 * label count within its limit. */
static void
test_large_world (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntPainter) painter = ent_painter_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint n = 10000;
  g_autofree double *xy = g_new (double, 2 * n);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
  cairo_t *cr = cairo_create (surface);
  EntView view;
  gint64 start;
  guint n_boxes;

  ent_world_freeze (world);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("X%05u", i);

      add_actor (world, id, id, ENT_ACTOR_STATE, NULL);
      xy[2 * i] = g_rand_double_range (rand, -2000, 2000);
      xy[2 * i + 1] = g_rand_double_range (rand, -1200, 1200);
    }
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *a = g_strdup_printf ("X%05u", i);
      g_autofree char *b = g_strdup_printf ("X%05u", g_rand_int_range (rand, 0, (gint32) i));

      add_relation (world, a, b, i % 5 == 0 ? ENT_RELATION_RIVALRY : ENT_RELATION_TRADE, 0.5);
    }
  g_assert_true (ent_world_thaw (world, NULL));

  ent_view_init (&view, 1280, 800);
  ent_view_fit (&view, xy, n, 20);
  start = g_get_monotonic_time ();
  ent_painter_draw (painter, cr, world, ENT_DATE_NONE, xy, &view);
  g_test_message ("10000 actors, all in view: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  ent_painter_get_label_boxes (painter, &n_boxes);
  g_assert_cmpuint (n_boxes, <, 1280 * 800 / 1000);

  /* Zoomed in on a corner, most of the world is culled. */
  view.zoom *= 8;
  start = g_get_monotonic_time ();
  ent_painter_draw (painter, cr, world, ENT_DATE_NONE, xy, &view);
  g_test_message ("10000 actors, zoomed in: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The label of the actor @index in the last draw, or NULL. */
static const EntLabelBox *
label_of (EntPainter *painter,
          guint       index)
{
  const EntLabelBox *boxes;
  guint n_boxes;

  boxes = ent_painter_get_label_boxes (painter, &n_boxes);
  for (guint i = 0; i < n_boxes; i++)
    if (boxes[i].actor == index)
      return &boxes[i];
  return NULL;
}

/* A label goes below its disc unless the actor's own ties run through
 * that spot: then above, to the side, or wherever the fewest cross it. */
static void
test_labels_dodge_own_ties (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntPainter) painter = plain_painter ();
  /* HUB at the middle; its partners below it, then around it. */
  double view_xy[] = { 240, 150, 190, 290, 240, 300, 290, 290, 40, 30, 440, 30 };
  g_autofree double *xy = NULL;
  const EntLabelBox *hub;
  cairo_surface_t *surface;

  add_actor (world, "HUB", "Hub", ENT_ACTOR_STATE, NULL);
  add_actor (world, "AAA", "A", ENT_ACTOR_STATE, NULL);
  add_actor (world, "BBB", "B", ENT_ACTOR_STATE, NULL);
  add_actor (world, "CCC", "C", ENT_ACTOR_STATE, NULL);
  add_actor (world, "DDD", "D", ENT_ACTOR_STATE, NULL);
  add_actor (world, "EEE", "E", ENT_ACTOR_STATE, NULL);
  ent_painter_set_show_labels (painter, TRUE);

  /* No ties: below, the first spot. */
  xy = positions_in_view (view_xy, 6);
  surface = render (painter, world, xy, FALSE);
  hub = label_of (painter, 0);
  g_assert_nonnull (hub);
  g_assert_cmpfloat (hub->y, >, 150);
  cairo_surface_destroy (surface);

  /* Three ties straight down through where the label was: above. */
  add_relation (world, "HUB", "AAA", ENT_RELATION_ALLIANCE, 0.8);
  add_relation (world, "HUB", "BBB", ENT_RELATION_ALLIANCE, 0.8);
  add_relation (world, "HUB", "CCC", ENT_RELATION_RIVALRY, 0.8);
  surface = render (painter, world, xy, FALSE);
  hub = label_of (painter, 0);
  g_assert_nonnull (hub);
  g_assert_cmpfloat (hub->y + hub->height, <, 150);
  g_assert_cmpfloat (fabs (hub->x + hub->width / 2 - 240), <, 1);
  cairo_surface_destroy (surface);

  /* Two ties steeply up too, through the spot above: to the right,
   * which none meets. */
  add_relation (world, "HUB", "DDD", ENT_RELATION_TRADE, 0.8);
  add_relation (world, "HUB", "EEE", ENT_RELATION_TRADE, 0.8);
  view_xy[8] = 228;
  view_xy[9] = 20;
  view_xy[10] = 252;
  view_xy[11] = 20;
  g_free (xy);
  xy = positions_in_view (view_xy, 6);
  surface = render (painter, world, xy, FALSE);
  hub = label_of (painter, 0);
  g_assert_nonnull (hub);
  g_assert_cmpfloat (hub->x, >, 240);
  g_assert_cmpfloat (fabs (hub->y + hub->height / 2 - 150), <, 1);
  cairo_surface_destroy (surface);

  /* A tie through every spot: the one fewest cross. Three below, two
   * above, two more to the right (F, G), one to the left (H). */
  add_actor (world, "FFF", "F", ENT_ACTOR_STATE, NULL);
  add_actor (world, "GGG", "G", ENT_ACTOR_STATE, NULL);
  add_actor (world, "HHH", "H", ENT_ACTOR_STATE, NULL);
  add_relation (world, "HUB", "FFF", ENT_RELATION_TRADE, 0.8);
  add_relation (world, "HUB", "GGG", ENT_RELATION_TRADE, 0.8);
  add_relation (world, "HUB", "HHH", ENT_RELATION_TRADE, 0.8);
  {
    double all_xy[18];

    memcpy (all_xy, view_xy, sizeof view_xy);
    all_xy[12] = 470, all_xy[13] = 145;
    all_xy[14] = 470, all_xy[15] = 155;
    all_xy[16] = 10, all_xy[17] = 150;
    g_free (xy);
    xy = positions_in_view (all_xy, 9);
  }
  surface = render (painter, world, xy, FALSE);
  hub = label_of (painter, 0);
  g_assert_nonnull (hub);
  g_assert_cmpfloat (hub->x + hub->width, <, 240);
  cairo_surface_destroy (surface);
}

/* A map of thousands of actors tries only the most important for labels,
 * and when its discs cover the view the labels still never overlap. */
static void
test_label_candidates (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntPainter) painter = plain_painter ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  guint n = 6000;
  g_autofree double *xy = g_new (double, 2 * n);
  g_autofree double *metric = g_new (double, n);
  const EntLabelBox *boxes;
  cairo_surface_t *surface;
  guint n_boxes;
  EntView view;
  /* As place_labels() counts them: three tries per label of the budget. */
  guint attempts = 3 * MAX (24, (guint) (VIEW_W * VIEW_H / 1800.0));

  ent_world_freeze (world);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("L%04u", i);

      add_actor (world, id, id, ENT_ACTOR_STATE, NULL);
      xy[2 * i] = g_rand_double_range (rand, -VIEW_W / 2.0, VIEW_W / 2.0);
      xy[2 * i + 1] = g_rand_double_range (rand, -VIEW_H / 2.0, VIEW_H / 2.0);
      /* Importance in a shuffled order, so that index order does not help. */
      metric[i] = (double) ((i * 7919u) % n);
    }
  g_assert_true (ent_world_thaw (world, NULL));
  ent_painter_set_show_labels (painter, TRUE);
  ent_painter_set_metric (painter, metric, n);

  ent_view_init (&view, VIEW_W, VIEW_H);
  surface = render_scaled (painter, world, xy, &view);
  boxes = ent_painter_get_label_boxes (painter, &n_boxes);
  g_assert_cmpuint (n_boxes, >, 0);
  for (guint i = 0; i < n_boxes; i++)
    {
      g_assert_cmpfloat (metric[boxes[i].actor], >=, n - attempts);
      if (i > 0)
        g_assert_cmpfloat (metric[boxes[i].actor], <, metric[boxes[i - 1].actor]);
      for (guint j = 0; j < i; j++)
        g_assert_false (boxes[i].x < boxes[j].x + boxes[j].width && boxes[j].x < boxes[i].x + boxes[i].width &&
                        boxes[i].y < boxes[j].y + boxes[j].height && boxes[j].y < boxes[i].y + boxes[i].height);
    }
  cairo_surface_destroy (surface);
}

/* A hairball draws a sample of its ties, but every tie of the hovered
 * actor still shows. */
static void
test_sketch_sample_keeps_focus (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntPainter) painter = plain_painter ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  guint n = 300, checked = 0;
  g_autofree double *xy = g_new (double, 2 * n);
  cairo_surface_t *surface;
  EntView view;

  /* Actors on a ring near the edge of the view, so that the middles of
   * the ties between them lie clear of every disc. */
  ent_world_freeze (world);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("H%03u", i);
      double angle = 2 * G_PI * i / n;

      add_actor (world, id, id, ENT_ACTOR_STATE, NULL);
      xy[2 * i] = cos (angle) * (VIEW_W / 2.0 - 25);
      xy[2 * i + 1] = sin (angle) * (VIEW_H / 2.0 - 25);
    }
  /* The hub's ties are alliances (blue), the others trade (orange). */
  for (guint i = 1; i < n; i++)
    for (guint k = 0; k < 8; k++)
      {
        guint other = (guint) g_rand_int_range (rand, 1, (gint32) n);
        g_autofree char *a = g_strdup_printf ("H%03u", i);
        g_autofree char *b = g_strdup_printf ("H%03u", other);

        if (other != i)
          add_relation (world, a, b, ENT_RELATION_TRADE, 0.5);
      }
  for (guint i = 75; i < n - 75; i += 9)
    {
      g_autofree char *b = g_strdup_printf ("H%03u", i);

      add_relation (world, "H000", b, ENT_RELATION_ALLIANCE, 0.5);
    }
  g_assert_true (ent_world_thaw (world, NULL));

  ent_painter_set_hovered (painter, 0);
  ent_view_init (&view, VIEW_W, VIEW_H);
  surface = render_scaled (painter, world, xy, &view);
  for (guint i = 75; i < n - 75; i += 9)
    {
      guint seen = 0;

      /* Dimmed ties drawn after it may hide it here and there: look along
       * its middle for enough clearly blue spots. */
      for (double t = 0.3; t <= 0.7; t += 0.02)
        {
          double px = xy[0] + (xy[2 * i] - xy[0]) * t + VIEW_W / 2.0;
          double py = xy[1] + (xy[2 * i + 1] - xy[1]) * t + VIEW_H / 2.0;
          gboolean blue = FALSE;

          for (int dy = -1; dy <= 1 && !blue; dy++)
            for (int dx = -1; dx <= 1 && !blue; dx++)
              {
                EntRgba p = pixel_at (surface, (int) px + dx, (int) py + dy);

                /* Orange and white beneath have as much red as blue. */
                blue = p.blue > p.red + 0.1;
              }
          seen += blue;
        }
      g_assert_cmpuint (seen, >=, 5);
      checked++;
    }
  g_assert_cmpuint (checked, >, 12);
  cairo_surface_destroy (surface);
}

/* Pixels in a rectangle that differ from the background. */
static guint
count_ink_in (cairo_surface_t *surface,
              int              x0,
              int              y0,
              int              x1,
              int              y1)
{
  EntRgba background = ent_style_get (FALSE)->background;
  guint ink = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        EntRgba pixel = pixel_at (surface, x, y);

        if (color_distance (&pixel, &background) > 0.05)
          ink++;
      }
  return ink;
}

/* ---- Raster shortcuts against cairo ------------------------------------------------ */

/* The mean difference over all pixels, and the largest mean over any
 * 16x16 block, of two same-sized images (channels 0 to 1). */
static void
image_difference (cairo_surface_t *a,
                  cairo_surface_t *b,
                  double          *mean,
                  double          *worst_block)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int bw = (w + 15) / 16, bh = (h + 15) / 16;
  g_autofree double *blocks = g_new0 (double, (gsize) bw * bh);
  double total = 0.0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  *worst_block = 0.0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        EntRgba p = pixel_at (a, x, y), q = pixel_at (b, x, y);
        double diff = (fabs (p.red - q.red) + fabs (p.green - q.green) + fabs (p.blue - q.blue)) / 3;

        total += diff;
        blocks[(y / 16) * bw + x / 16] += diff / 256;
      }
  for (int i = 0; i < bw * bh; i++)
    *worst_block = MAX (*worst_block, blocks[i]);
  *mean = total / ((double) w * h);
}

static void
assert_raster_matches_cairo (EntPainter    *painter,
                             EntWorld      *world,
                             const double  *xy,
                             const EntView *view,
                             const char    *name)
{
  cairo_surface_t *fast, *exact;
  double mean, worst;

  ent_painter_set_raster_shortcuts (painter, TRUE);
  fast = render_scaled (painter, world, xy, view);
  ent_painter_set_raster_shortcuts (painter, FALSE);
  exact = render_scaled (painter, world, xy, view);
  ent_painter_set_raster_shortcuts (painter, TRUE);

  image_difference (fast, exact, &mean, &worst);
  g_test_message ("%s: mean difference %.5f, worst 16x16 block %.4f", name, mean, worst);
  if (g_getenv ("ENTENTE_PAINTER_DUMP") != NULL)
    {
      g_autofree char *fast_path = g_strdup_printf ("%s/%s-raster.png", g_get_tmp_dir (), name);
      g_autofree char *exact_path = g_strdup_printf ("%s/%s-cairo.png", g_get_tmp_dir (), name);

      cairo_surface_write_to_png (fast, fast_path);
      cairo_surface_write_to_png (exact, exact_path);
    }
  /* The densest scene, ties crossing everywhere under the labels, is
   * about 0.004 (1 level in 255 on average); a dash out of step or a
   * halo too thin shows as a block well over 0.05. */
  g_assert_cmpfloat (mean, <, 0.006);
  g_assert_cmpfloat (worst, <, 0.05);
  cairo_surface_destroy (fast);
  cairo_surface_destroy (exact);
}

static cairo_surface_t *
render_on (EntPainter    *painter,
           EntWorld      *world,
           const double  *xy,
           const EntView *view,
           cairo_format_t format,
           double         rotation,
           gboolean       shortcuts)
{
  cairo_surface_t *surface = cairo_image_surface_create (format, (int) view->width, (int) view->height);
  cairo_t *cr = cairo_create (surface);

  cairo_translate (cr, view->width / 2, view->height / 2);
  cairo_rotate (cr, rotation);
  cairo_translate (cr, -view->width / 2, -view->height / 2);
  ent_painter_set_raster_shortcuts (painter, shortcuts);
  ent_painter_draw (painter, cr, world, ENT_DATE_NONE, xy, view);
  ent_painter_set_raster_shortcuts (painter, TRUE);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* RGB24 images take the shortcuts too; a rotated cairo_t cannot, and
 * draws exactly what cairo draws. */
static void
test_raster_targets (void)
{
  g_autofree double *xy = NULL;
  g_autoptr(EntWorld) world = northeast_asia (&xy);
  g_autoptr(EntPainter) painter = ent_painter_new ();
  cairo_surface_t *fast, *exact;
  EntView view;
  double mean, worst;

  ent_view_init (&view, 640, 480);
  ent_view_fit (&view, xy, ent_world_get_n_actors (world), 40);

  fast = render_on (painter, world, xy, &view, CAIRO_FORMAT_RGB24, 0, TRUE);
  exact = render_on (painter, world, xy, &view, CAIRO_FORMAT_RGB24, 0, FALSE);
  image_difference (fast, exact, &mean, &worst);
  g_test_message ("RGB24: mean difference %.5f, worst 16x16 block %.4f", mean, worst);
  g_assert_cmpfloat (mean, <, 0.004);
  g_assert_cmpfloat (worst, <, 0.05);
  g_assert_cmpfloat (mean, >, 0.0);
  cairo_surface_destroy (fast);
  cairo_surface_destroy (exact);

  /* Label images are drawn through any transform, their halos grown
   * or stroked: leave them out. */
  ent_painter_set_show_labels (painter, FALSE);
  fast = render_on (painter, world, xy, &view, CAIRO_FORMAT_ARGB32, 0.3, TRUE);
  exact = render_on (painter, world, xy, &view, CAIRO_FORMAT_ARGB32, 0.3, FALSE);
  image_difference (fast, exact, &mean, &worst);
  g_assert_cmpfloat (mean, ==, 0.0);
  cairo_surface_destroy (fast);
  cairo_surface_destroy (exact);
}

/* The canvas paints into an image whose device scale is the window's
 * scale factor (and a group's image has a device offset): the map must
 * land where cairo_scale() and cairo_translate() would put it, every
 * piece of it, including those the painter writes straight into the
 * pixels. */
static void
test_device_transform (void)
{
  g_autofree double *xy = NULL;
  g_autoptr(EntWorld) world = northeast_asia (&xy);
  g_autoptr(EntPainter) painter = ent_painter_new ();
  EntView view;
  double mean, worst;

  ent_view_init (&view, 320, 240);
  ent_view_fit (&view, xy, ent_world_get_n_actors (world), 30);
  view.scale_factor = 2;
  for (guint offset = 0; offset <= 1; offset++)
    {
      double dx = offset ? 24 : 0, dy = offset ? -16 : 0;
      cairo_surface_t *expected = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 480);
      cairo_surface_t *actual = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 480);
      cairo_t *cr;

      cr = cairo_create (expected);
      cairo_translate (cr, dx, dy);
      cairo_scale (cr, 2, 2);
      ent_painter_draw (painter, cr, world, ENT_DATE_NONE, xy, &view);
      cairo_destroy (cr);

      cairo_surface_set_device_scale (actual, 2, 2);
      cairo_surface_set_device_offset (actual, dx, dy);
      cr = cairo_create (actual);
      ent_painter_draw (painter, cr, world, ENT_DATE_NONE, xy, &view);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_flush (expected);
      cairo_surface_flush (actual);

      image_difference (expected, actual, &mean, &worst);
      g_test_message ("device offset (%g, %g): mean difference %.5f, worst 16x16 block %.4f",
                      dx, dy, mean, worst);
      g_assert_cmpfloat (mean, <, 0.0005);
      g_assert_cmpfloat (worst, <, 0.005);
      cairo_surface_destroy (expected);
      cairo_surface_destroy (actual);
    }
}

/* Label images copied over the frame by the rasteriser give exactly the
 * pixels cairo paints, at a scale factor of 1 and 2, and with a device
 * offset (a group's image). */
static void
test_label_copies_exact (void)
{
  g_autofree double *xy = NULL;
  g_autoptr(EntWorld) world = northeast_asia (&xy);
  g_autoptr(EntPainter) painter = ent_painter_new ();
  EntView view;

  ent_view_init (&view, 400, 300);
  ent_view_fit (&view, xy, ent_world_get_n_actors (world), 30);
  for (int scale = 1; scale <= 2; scale++)
    for (int offset = 0; offset <= 1; offset++)
      {
        cairo_surface_t *images[2];
        guint labels[2];

        view.scale_factor = scale;
        for (int copies = 0; copies <= 1; copies++)
          {
            cairo_t *cr;

            images[copies] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400 * scale, 300 * scale);
            cairo_surface_set_device_scale (images[copies], scale, scale);
            cairo_surface_set_device_offset (images[copies], offset * 7, offset * -5);
            ent_painter_set_label_copies (painter, copies);
            cr = cairo_create (images[copies]);
            ent_painter_draw (painter, cr, world, ENT_DATE_NONE, xy, &view);
            cairo_destroy (cr);
            cairo_surface_flush (images[copies]);
            ent_painter_get_label_boxes (painter, &labels[copies]);
          }
        g_assert_cmpuint (labels[0], >, 3);
        g_assert_cmpuint (labels[0], ==, labels[1]);
        for (int y = 0; y < 300 * scale; y++)
          g_assert_cmpmem (cairo_image_surface_get_data (images[0]) + y * cairo_image_surface_get_stride (images[0]),
                           400 * scale * 4,
                           cairo_image_surface_get_data (images[1]) + y * cairo_image_surface_get_stride (images[1]),
                           400 * scale * 4);
        cairo_surface_destroy (images[0]);
        cairo_surface_destroy (images[1]);
      }
  ent_painter_set_label_copies (painter, TRUE);
}

/* The bundled dataset, its layout settled from @seed (the canvas uses 1);
 * its positions in *@xy. */
static EntWorld *
settled_bundled_map (guint32   seed,
                     double  **xy)
{
  g_autofree char *path = g_build_filename (g_getenv ("ENTENTE_SOURCE_ROOT"), "data", "datasets",
                                            "northeast-asia-2025.entente.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EntLayout) layout = NULL;
  EntWorld *dataset = ent_native_load_file (file, NULL, &error);
  guint n;

  g_assert_no_error (error);
  n = ent_world_get_n_actors (dataset);
  layout = ent_layout_new_for_world (dataset, seed);
  while (!ent_layout_is_settled (layout))
    ent_layout_step (layout, 50);
  *xy = g_new (double, 2 * n);
  for (guint i = 0; i < n; i++)
    ent_layout_get_position (layout, i, &(*xy)[2 * i], &(*xy)[2 * i + 1]);
  return dataset;
}

/* A meeting count badge ("×2") on a tie must not sit on a bloc's name or
 * an actor's label: on the bundled map, as the window lays it out, at
 * every size from a small window to a large screen. Names move aside
 * rather than disappear: every bloc keeps its name on the map. */
static void
test_badges_clear_of_labels (void)
{
  g_autofree double *xy = NULL;
  g_autoptr(EntWorld) dataset = settled_bundled_map (1, &xy);
  g_autoptr(EntPainter) painter = ent_painter_new ();
  guint n = ent_world_get_n_actors (dataset);
  guint n_views = 0, n_blocs_named = 0, n_badges_seen = 0, n_covered = 0, n_unnamed = 0;

  ent_painter_set_show_hulls (painter, TRUE);

  for (int width = 560; width <= 1600; width += 65)
    for (int height = 420; height <= 1000; height += 145)
      {
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
        cairo_t *cr = cairo_create (surface);
        const EntLabelBox *hulls, *badges, *labels;
        guint n_hulls, n_badges, n_labels;
        EntView view;

        ent_view_init (&view, width, height);
        ent_painter_fit_view (painter, &view, xy, n, 48);
        ent_painter_draw (painter, cr, dataset, ENT_DATE_NONE, xy, &view);
        hulls = ent_painter_get_hull_label_boxes (painter, &n_hulls);
        badges = ent_painter_get_badge_boxes (painter, &n_badges);
        labels = ent_painter_get_label_boxes (painter, &n_labels);
        for (guint b = 0; b < n_badges; b++)
          {
            for (guint h = 0; h < n_hulls; h++)
              if (boxes_overlap (&badges[b], &hulls[h]))
                {
                  g_test_message ("%dx%d: the badge at %.0f,%.0f covers bloc %u's name at %.0f,%.0f",
                                  width, height, badges[b].x, badges[b].y, hulls[h].actor, hulls[h].x, hulls[h].y);
                  n_covered++;
                }
            for (guint l = 0; l < n_labels; l++)
              if (boxes_overlap (&badges[b], &labels[l]))
                {
                  g_test_message ("%dx%d: the badge at %.0f,%.0f covers actor %u's label",
                                  width, height, badges[b].x, badges[b].y, labels[l].actor);
                  n_covered++;
                }
          }
        n_views++;
        n_badges_seen += n_badges;
        n_blocs_named += n_hulls;
        /* Every bloc named, but in the smallest windows, where the map
         * is too crowded for all three names: there at least one. */
        g_assert_cmpuint (n_hulls, >=, 1);
        if (height >= 500 && n_hulls != ent_world_get_n_blocs (dataset))
          {
            g_test_message ("%dx%d: %u of %u blocs named", width, height, n_hulls, ent_world_get_n_blocs (dataset));
            n_unnamed++;
          }
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
  g_test_message ("%u views, %u bloc names, %u badges", n_views, n_blocs_named, n_badges_seen);
  g_assert_cmpuint (n_views, >, 20);
  g_assert_cmpuint (n_badges_seen, >=, n_views);
  g_assert_cmpuint (n_covered, ==, 0);
  g_assert_cmpuint (n_unnamed, ==, 0);
}

/* A name wider than a label may be wraps to a second line, centred,
 * rather than being cut: "Association of Southeast Asian Nations" reads
 * whole on the bundled map, and a short name stays on one line. */
/* On image surfaces the legend card is drawn once into an image and then
 * copied: it looks as drawn in place, at scale 1 and 2, and is drawn
 * again when what it shows changes. */
static void
test_legend_image (void)
{
  g_autofree double *xy = NULL;
  g_autoptr(EntWorld) dataset = settled_bundled_map (1, &xy);
  g_autoptr(EntPainter) painter = ent_painter_new ();
  guint n = ent_world_get_n_actors (dataset);
  EntView view;

  ent_view_init (&view, 1000, 700);
  ent_painter_fit_view (painter, &view, xy, n, 48);
  for (int scale = 1; scale <= 2; scale++)
    {
      cairo_surface_t *images[2];
      double box[4];
      int worst = 0, off = 0, total = 0;

      view.scale_factor = scale;
      for (int image = 0; image <= 1; image++)
        {
          cairo_t *cr;

          ent_painter_set_raster_shortcuts (painter, image);
          images[image] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000 * scale, 700 * scale);
          cairo_surface_set_device_scale (images[image], scale, scale);
          cr = cairo_create (images[image]);
          ent_painter_draw (painter, cr, dataset, ENT_DATE_NONE, xy, &view);
          cairo_destroy (cr);
          cairo_surface_flush (images[image]);
          g_assert_true ((ent_painter_get_legend_image (painter) != NULL) == image);
        }
      g_assert_true (ent_painter_get_legend_box (painter, box));

      for (int y = (int) (box[1] - 3) * scale; y < (int) (box[1] + box[3] + 3) * scale; y++)
        for (int x = (int) (box[0] - 3) * scale; x < (int) (box[0] + box[2] + 3) * scale; x++)
          {
            const guint8 *a = cairo_image_surface_get_data (images[0]) + y * cairo_image_surface_get_stride (images[0]) + 4 * x;
            const guint8 *b = cairo_image_surface_get_data (images[1]) + y * cairo_image_surface_get_stride (images[1]) + 4 * x;
            int d = 0;

            for (int c = 0; c < 4; c++)
              d = MAX (d, abs (a[c] - b[c]));
            worst = MAX (worst, d);
            off += d > 2;
            total++;
          }
      /* Drawn over a clear image and then over the map, the card rounds
       * a level apart at most. */
      g_test_message ("scale %d: the legend's image at most %d levels from the legend drawn; %d of %d pixels more than 2",
                      scale, worst, off, total);
      g_assert_cmpint (worst, <=, 2);
      g_assert_cmpint (off, ==, 0);
      cairo_surface_destroy (images[0]);
      cairo_surface_destroy (images[1]);
    }

  /* A legend that shows something else is drawn again. */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 700);
    cairo_surface_t *before;
    cairo_t *cr;

    view.scale_factor = 1;
    cr = cairo_create (surface);
    ent_painter_draw (painter, cr, dataset, ENT_DATE_NONE, xy, &view);
    before = cairo_surface_reference (ent_painter_get_legend_image (painter));
    ent_painter_draw (painter, cr, dataset, ENT_DATE_NONE, xy, &view);
    g_assert_true (ent_painter_get_legend_image (painter) == before);
    view.dark = TRUE;
    ent_painter_draw (painter, cr, dataset, ENT_DATE_NONE, xy, &view);
    g_assert_true (ent_painter_get_legend_image (painter) != before);
    cairo_destroy (cr);
    cairo_surface_destroy (before);
    cairo_surface_destroy (surface);
  }
}

static void
test_long_names_wrap (void)
{
  g_autofree double *xy = NULL;
  g_autoptr(EntWorld) dataset = settled_bundled_map (1, &xy);
  g_autoptr(EntPainter) painter = ent_painter_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 700);
  cairo_t *cr = cairo_create (surface);
  const EntLabelBox *boxes;
  const EntLabelBox *asean = NULL, *japan = NULL;
  int asean_index, japan_index;
  guint n = ent_world_get_n_actors (dataset), n_boxes;
  EntView view;

  ent_view_init (&view, 1000, 700);
  ent_painter_fit_view (painter, &view, xy, n, 48);
  ent_painter_draw (painter, cr, dataset, ENT_DATE_NONE, xy, &view);

  asean_index = ent_world_get_actor_index (dataset, "ASEAN");
  japan_index = ent_world_get_actor_index (dataset, "JPN");
  g_assert_cmpint (asean_index, >=, 0);
  g_assert_cmpint (japan_index, >=, 0);
  boxes = ent_painter_get_label_boxes (painter, &n_boxes);
  for (guint i = 0; i < n_boxes; i++)
    {
      if (boxes[i].actor == (guint) asean_index)
        asean = &boxes[i];
      if (boxes[i].actor == (guint) japan_index)
        japan = &boxes[i];
    }
  g_assert_nonnull (asean);
  g_assert_nonnull (japan);
  /* Two lines, no wider than a label may be; Japan one line. */
  g_assert_cmpfloat (asean->height, >, 1.7 * japan->height);
  g_assert_cmpfloat (asean->height, <, 2.3 * japan->height);
  g_assert_cmpfloat (asean->width, <=, ent_style_get (FALSE)->label_max_width + 1);
  g_assert_cmpfloat (asean->width, >, 0.5 * ent_style_get (FALSE)->label_max_width);
  /* Its text is drawn in its box, across it and centred. */
  {
    const EntRgba *ink = &ent_style_get (FALSE)->label;
    int x0 = G_MAXINT, x1 = G_MININT, top = 0, bottom = 0;
    double middle = asean->y + asean->height / 2;
    double reach = ent_painter_get_actor_radius (painter, (guint) asean_index) + 2;
    double cx, cy;

    /* ASEAN's own square may be beside its label, where its ties leave
     * room: its outline is not text. */
    ent_view_from_map (&view, xy[2 * asean_index], xy[2 * asean_index + 1], &cx, &cy);

    cairo_surface_flush (surface);
    for (int y = (int) asean->y - 4; y < (int) (asean->y + asean->height) + 4; y++)
      for (int x = (int) asean->x - 20; x < (int) (asean->x + asean->width) + 20; x++)
        {
          EntRgba p = pixel_at (surface, x, y);
          EntRgba text = { ink->red, ink->green, ink->blue, 1.0 };

          if (color_distance (&p, &text) > 0.45 || (fabs (x + 0.5 - cx) <= reach && fabs (y + 0.5 - cy) <= reach))
            continue;
          x0 = MIN (x0, x);
          x1 = MAX (x1, x + 1);
          top += y < middle;
          bottom += y >= middle;
        }
    g_test_message ("ASEAN's box %.1f..%.1f, its text %d..%d; %d and %d pixels above and below the middle",
                    asean->x, asean->x + asean->width, x0, x1, top, bottom);
    g_assert_cmpint (top, >, 20);
    g_assert_cmpint (bottom, >, 20);
    g_assert_cmpfloat (x0, >=, asean->x - 1);
    g_assert_cmpfloat (x1, <=, asean->x + asean->width + 1);
    g_assert_cmpfloat (x1 - x0, >, 0.8 * asean->width);
    g_assert_cmpfloat (fabs ((x0 - asean->x) - (asean->x + asean->width - x1)), <=, 2.0);
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* On image surfaces ties are rasterised by the painter and discs are
 * copied from images drawn once: the result must look like cairo's own. */
static void
test_raster_matches_cairo (void)
{
  g_autofree double *xy = NULL;
  g_autoptr(EntWorld) dataset = settled_bundled_map (7, &xy);
  g_autoptr(EntWorld) generated = ent_world_new ();
  g_autoptr(EntPainter) painter = ent_painter_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autofree double *gen_xy = NULL;
  const guint n_gen = 160;
  const guint highlight[] = { 0, 1, 1, 2 };
  EntView view;
  guint n = ent_world_get_n_actors (dataset);

  ent_view_init (&view, 1000, 700);
  ent_painter_fit_view (painter, &view, xy, n, 48);
  assert_raster_matches_cairo (painter, dataset, xy, &view, "dataset");

  /* Every meeting tie half grown, zoomed in so that ties leave the view. */
  {
    g_autoptr(GArray) ties = ent_world_get_ties (dataset, ENT_DATE_NONE);
    g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint));
    EntView zoomed = view;

    for (guint i = 0; i < ties->len; i++)
      {
        const EntTie *tie = &g_array_index (ties, EntTie, i);

        if (tie->kind == ENT_TIE_MEETINGS)
          {
            g_array_append_val (pairs, tie->a);
            g_array_append_val (pairs, tie->b);
          }
      }
    g_assert_cmpuint (pairs->len, >, 0);
    ent_painter_set_growth (painter, (const guint *) (gpointer) pairs->data, pairs->len / 2, 0.55);
    ent_view_zoom_at (&zoomed, 500, 350, 1.5);
    assert_raster_matches_cairo (painter, dataset, xy, &zoomed, "dataset-growing");
    ent_painter_set_growth (painter, NULL, 0, 1.0);
  }
  view.dark = TRUE;
  view.scale_factor = 2;
  ent_painter_set_selected (painter, 1);
  ent_painter_set_highlight (painter, highlight, 3, highlight, 2);
  assert_raster_matches_cairo (painter, dataset, xy, &view, "dataset-dark-2x");
  ent_painter_set_highlight (painter, NULL, 0, NULL, 0);
  ent_painter_set_selected (painter, -1);

  /* Every relation type, pairs with several ties, a fractional zoom. */
  gen_xy = g_new (double, 2 * n_gen);
  ent_world_freeze (generated);
  for (guint i = 0; i < n_gen; i++)
    {
      g_autofree char *id = g_strdup_printf ("G%03u", i);

      add_actor (generated, id, id, i % 7 == 0 ? ENT_ACTOR_ORGANISATION : ENT_ACTOR_STATE, NULL);
      gen_xy[2 * i] = g_rand_double_range (rand, -600, 600);
      gen_xy[2 * i + 1] = g_rand_double_range (rand, -400, 400);
    }
  for (guint i = 1; i < n_gen; i++)
    for (guint k = 0; k < 1 + i % 3; k++)
      {
        g_autofree char *a = g_strdup_printf ("G%03u", i);
        g_autofree char *b = g_strdup_printf ("G%03u", g_rand_int_range (rand, 0, (gint32) i));

        add_relation (generated, a, b, (EntRelationType) ((i + k) % ENT_N_RELATION_TYPES),
                      g_rand_double (rand));
      }
  g_assert_true (ent_world_thaw (generated, NULL));
  ent_view_init (&view, 900, 640);
  ent_view_fit (&view, gen_xy, n_gen, 30);
  view.zoom *= 1.37;
  view.offset_x += 13.3;
  assert_raster_matches_cairo (painter, generated, gen_xy, &view, "generated");
  ent_painter_set_hovered (painter, 3);
  assert_raster_matches_cairo (painter, generated, gen_xy, &view, "generated-hover");
}

/* A new meeting's tie grows from its first participant to its second. */
static void
test_tie_growth (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntPainter) painter = plain_painter ();
  g_autoptr(EntActor) a = ent_actor_new ("A", "A");
  g_autoptr(EntActor) b = ent_actor_new ("B", "B");
  g_autoptr(EntMeeting) meeting = ent_meeting_new ("m", (EntDate) { 2025, 10, 30 }, ENT_MEETING_SUMMIT,
                                                   (const char *[]) { "A", "B", NULL });
  const double view_xy[] = { 80, 150, 400, 150 };
  g_autofree double *xy = positions_in_view (view_xy, 2);
  const guint pair[] = { 0, 1 };
  cairo_surface_t *whole, *started, *grown;
  guint near_whole, far_whole, near_started, far_started, far_grown;

  g_assert_true (ent_world_add_actor (world, a, NULL));
  g_assert_true (ent_world_add_actor (world, b, NULL));
  g_assert_true (ent_world_add_meeting (world, meeting, NULL, NULL));

  whole = render (painter, world, xy, FALSE);
  ent_painter_set_growth (painter, pair, 1, 0.25);
  started = render (painter, world, xy, FALSE);
  ent_painter_set_growth (painter, pair, 1, 1.0);
  grown = render (painter, world, xy, FALSE);

  /* Columns near A (x 110..160) and near B (x 320..370), clear of the
   * discs, all heights. */
  near_whole = count_ink_in (whole, 110, 0, 160, VIEW_H);
  far_whole = count_ink_in (whole, 320, 0, 370, VIEW_H);
  near_started = count_ink_in (started, 110, 0, 160, VIEW_H);
  far_started = count_ink_in (started, 320, 0, 370, VIEW_H);
  far_grown = count_ink_in (grown, 320, 0, 370, VIEW_H);
  g_test_message ("ink near A %u -> %u, near B %u -> %u", near_whole, near_started, far_whole, far_started);
  g_assert_cmpuint (far_whole, >, 0);
  g_assert_cmpuint (near_started, >, 0);
  g_assert_cmpuint (far_started, ==, 0);
  g_assert_cmpuint (far_grown, ==, far_whole);

  cairo_surface_destroy (whole);
  cairo_surface_destroy (started);
  cairo_surface_destroy (grown);
}

/* An empty world draws just the background (UBSan caught a memset of the
 * NULL data of an empty array here). */
static void
test_empty_world (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntPainter) painter = ent_painter_new ();
  cairo_surface_t *surface = render (painter, world, NULL, FALSE);
  EntRgba background = ent_style_get (FALSE)->background;
  EntRgba pixel = pixel_at (surface, VIEW_W / 2, VIEW_H / 2);

  g_assert_cmpfloat (color_distance (&pixel, &background), <, 0.01);
  cairo_surface_destroy (surface);
}

/* Suggested blocs are outlined around their members, only when asked. */
static void
test_suggested_blocs (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntPainter) painter = plain_painter ();
  const char *ids[] = { "A", "B", "C", "D" };
  const double view_xy[] = { 100, 100, 160, 100, 320, 220, 380, 220 };
  g_autofree double *xy = positions_in_view (view_xy, 4);
  const guint community[] = { 0, 0, 1, 1 };
  cairo_surface_t *plain, *outlined;
  guint ink_plain, ink_outlined;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(EntActor) actor = ent_actor_new (ids[i], ids[i]);

      g_assert_true (ent_world_add_actor (world, actor, NULL));
    }
  plain = render (painter, world, xy, FALSE);
  ent_painter_set_suggested_blocs (painter, community, 4);
  outlined = render (painter, world, xy, FALSE);

  /* Above the first pair, where only the outline can be. */
  ink_plain = count_ink_in (plain, 90, 50, 170, 85);
  ink_outlined = count_ink_in (outlined, 90, 50, 170, 85);
  g_test_message ("ink above the pair: %u without, %u with the outline", ink_plain, ink_outlined);
  g_assert_cmpuint (ink_plain, ==, 0);
  g_assert_cmpuint (ink_outlined, >, 10);

  ent_painter_set_suggested_blocs (painter, NULL, 0);
  cairo_surface_destroy (outlined);
  outlined = render (painter, world, xy, FALSE);
  g_assert_cmpuint (count_ink_in (outlined, 90, 50, 170, 85), ==, 0);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (outlined);
}

/* How much the image differs from the background: the mean, over pixels,
 * of the largest channel difference. */
static double
ink (cairo_surface_t *surface,
     const EntRgba   *background)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  double sum = 0.0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        EntRgba p = pixel_at (surface, x, y);

        sum += MAX (fabs (p.red - background->red),
                    MAX (fabs (p.green - background->green), fabs (p.blue - background->blue)));
      }
  return sum / ((double) w * h);
}

/* A hairball in motion is sketched with fewer ties, and drawn in full
 * again when it stops; a small map looks the same either way. */
/* @world drawn as of @at by @painter, or by a new painter if NULL. */
static cairo_surface_t *
render_at (EntPainter   *painter,
           EntWorld     *world,
           const double *xy,
           EntDate       at)
{
  g_autoptr(EntPainter) fresh = painter == NULL ? plain_painter () : NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_W, VIEW_H);
  cairo_t *cr = cairo_create (surface);
  EntView view;

  ent_view_init (&view, VIEW_W, VIEW_H);
  ent_painter_draw (painter != NULL ? painter : fresh, cr, world, at, xy, &view);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Whether @a and @b are the same image, pixel for pixel. */
static gboolean
same_image (cairo_surface_t *a,
            cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) stride * (gsize) cairo_image_surface_get_height (a)) == 0;
}

/* @world drawn as of @at by @painter, checked against a new painter's. */
static cairo_surface_t *
render_as_fresh (EntPainter   *painter,
                 EntWorld     *world,
                 const double *xy,
                 EntDate       at)
{
  cairo_surface_t *drawn = render_at (painter, world, xy, at);
  cairo_surface_t *fresh = render_at (NULL, world, xy, at);

  g_assert_true (same_image (drawn, fresh));
  cairo_surface_destroy (fresh);
  return drawn;
}

/* The painter keeps a world's ties from one draw to the next; an edit,
 * frozen or not, or another date draws them anew, as a new painter
 * would. */
static void
test_ties_follow_edits (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntPainter) painter = plain_painter ();
  g_autoptr(EntRelation) later = ent_relation_new (NULL, "A", "C", ENT_RELATION_PARTNERSHIP);
  const double xy[] = { -200, -100, 200, -100, 200, 100, -200, 100 };
  cairo_surface_t *before, *after;
  EntDate early;

  add_actor (world, "A", "A", ENT_ACTOR_STATE, NULL);
  add_actor (world, "B", "B", ENT_ACTOR_STATE, NULL);
  add_actor (world, "C", "C", ENT_ACTOR_STATE, NULL);
  add_actor (world, "D", "D", ENT_ACTOR_STATE, NULL);
  add_relation (world, "A", "B", ENT_RELATION_ALLIANCE, 0.5);
  before = render_at (painter, world, xy, ENT_DATE_NONE);

  /* An edit. */
  add_relation (world, "C", "D", ENT_RELATION_RIVALRY, 0.5);
  after = render_as_fresh (painter, world, xy, ENT_DATE_NONE);
  g_assert_false (same_image (before, after));
  cairo_surface_destroy (before);
  before = after;

  /* An edit while frozen, drawn before and after the thaw. */
  ent_world_freeze (world);
  add_relation (world, "B", "C", ENT_RELATION_TRADE, 0.5);
  cairo_surface_destroy (render_at (painter, world, xy, ENT_DATE_NONE));
  g_assert_true (ent_world_thaw (world, NULL));
  after = render_as_fresh (painter, world, xy, ENT_DATE_NONE);
  g_assert_false (same_image (before, after));
  cairo_surface_destroy (before);
  before = after;

  /* Another date: a relation from 2000 on is not there in 1990. */
  g_assert_true (ent_date_parse ("2000", &later->since, NULL));
  g_assert_true (ent_world_add_relation (world, later, NULL, NULL));
  g_assert_true (ent_date_parse ("1990", &early, NULL));
  cairo_surface_destroy (before);
  before = render_at (painter, world, xy, ENT_DATE_NONE);
  after = render_as_fresh (painter, world, xy, early);
  g_assert_false (same_image (before, after));
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
}

static void
test_moving_sketch (void)
{
  g_autoptr(EntWorld) world = ent_world_new ();
  g_autoptr(EntWorld) small = ent_world_new ();
  g_autoptr(EntPainter) painter = plain_painter ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  const EntRgba *background = &ent_style_get (FALSE)->background;
  guint n = 150;
  g_autofree double *xy = g_new (double, 2 * n);
  cairo_surface_t *still, *moving, *again;
  double mean, worst, length = 0.0;

  ent_world_freeze (world);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("M%04u", i);

      add_actor (world, id, id, ENT_ACTOR_STATE, NULL);
      xy[2 * i] = g_rand_double_range (rand, -VIEW_W / 2.0 + 10, VIEW_W / 2.0 - 10);
      xy[2 * i + 1] = g_rand_double_range (rand, -VIEW_H / 2.0 + 10, VIEW_H / 2.0 - 10);
    }
  /* A hairball (more ties than SKETCH_TIES) whose ties add up to about
   * twice the view's area in length: drawn whole when still, sampled when
   * moving. */
  for (guint count = 0; count < 1800; count++)
    {
      guint a = (guint) g_rand_int_range (rand, 0, (gint32) n);
      guint b = (a + 1 + (guint) g_rand_int_range (rand, 0, (gint32) n - 1)) % n;
      g_autofree char *ia = g_strdup_printf ("M%04u", a);
      g_autofree char *ib = g_strdup_printf ("M%04u", b);

      add_relation (world, ia, ib, ENT_RELATION_TRADE, 0.5);
      length += hypot (xy[2 * b] - xy[2 * a], xy[2 * b + 1] - xy[2 * a + 1]);
    }
  g_assert_cmpfloat (length, >, 1.2 * VIEW_W * VIEW_H);
  g_assert_cmpfloat (length, <, 2.8 * VIEW_W * VIEW_H);
  g_assert_true (ent_world_thaw (world, NULL));

  g_assert_false (ent_painter_get_moving (painter));
  still = render (painter, world, xy, FALSE);
  ent_painter_set_moving (painter, TRUE);
  g_assert_true (ent_painter_get_moving (painter));
  moving = render (painter, world, xy, FALSE);
  ent_painter_set_moving (painter, FALSE);
  again = render (painter, world, xy, FALSE);

  g_test_message ("ink: still %.4f, moving %.4f", ink (still, background), ink (moving, background));
  g_assert_cmpfloat (ink (moving, background), <, 0.8 * ink (still, background));
  g_assert_cmpfloat (ink (moving, background), >, 0.1 * ink (still, background));
  image_difference (still, again, &mean, &worst);
  g_assert_cmpfloat (mean, ==, 0.0);
  cairo_surface_destroy (still);
  cairo_surface_destroy (moving);
  cairo_surface_destroy (again);

  /* Twenty ties are all drawn, moving or not. */
  ent_world_freeze (small);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("M%04u", i);

      add_actor (small, id, id, ENT_ACTOR_STATE, NULL);
    }
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *ia = g_strdup_printf ("M%04u", i);
      g_autofree char *ib = g_strdup_printf ("M%04u", (i + 1) % 10);
      g_autofree char *ic = g_strdup_printf ("M%04u", (i + 3) % 10);

      add_relation (small, ia, ib, ENT_RELATION_ALLIANCE, 0.5);
      add_relation (small, ia, ic, ENT_RELATION_RIVALRY, 0.5);
    }
  g_assert_true (ent_world_thaw (small, NULL));
  still = render (painter, small, xy, FALSE);
  ent_painter_set_moving (painter, TRUE);
  moving = render (painter, small, xy, FALSE);
  ent_painter_set_moving (painter, FALSE);
  image_difference (still, moving, &mean, &worst);
  g_assert_cmpfloat (mean, ==, 0.0);
  cairo_surface_destroy (still);
  cairo_surface_destroy (moving);

  /* A small map keeps every label while it moves: 64 actors on a grid
   * wide apart, more than a quarter of the view's label budget. */
  {
    g_autoptr(EntWorld) grid = ent_world_new ();
    g_autoptr(EntPainter) labelled = ent_painter_new ();
    double grid_xy[2 * 64];
    guint n_still = 0, n_moving = 0;
    EntView view;

    ent_world_freeze (grid);
    for (guint i = 0; i < 64; i++)
      {
        g_autofree char *id = g_strdup_printf ("G%02u", i);

        add_actor (grid, id, id, ENT_ACTOR_STATE, NULL);
        grid_xy[2 * i] = (i % 8) * 75.0 - 262.5;
        grid_xy[2 * i + 1] = (i / 8) * 45.0 - 157.5;
      }
    g_assert_true (ent_world_thaw (grid, NULL));
    ent_view_init (&view, 640, 400);
    ent_painter_set_show_legend (labelled, FALSE);
    cairo_surface_destroy (render_scaled (labelled, grid, grid_xy, &view));
    ent_painter_get_label_boxes (labelled, &n_still);
    ent_painter_set_moving (labelled, TRUE);
    cairo_surface_destroy (render_scaled (labelled, grid, grid_xy, &view));
    ent_painter_get_label_boxes (labelled, &n_moving);
    g_test_message ("labels: still %u, moving %u", n_still, n_moving);
    g_assert_cmpuint (n_still, >, 640 * 400 / 1800 / 4);
    g_assert_cmpuint (n_moving, ==, n_still);
  }
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/painter/view/conversions", test_view_conversions);
  g_test_add_func ("/painter/ties/growth", test_tie_growth);
  g_test_add_func ("/painter/hulls/suggested", test_suggested_blocs);
  g_test_add_func ("/painter/empty-world", test_empty_world);
  g_test_add_func ("/painter/view/fit", test_view_fit);
  g_test_add_func ("/painter/style/palettes", test_style_palettes);
  g_test_add_data_func ("/painter/actor/fill/light", GINT_TO_POINTER (FALSE), test_actor_fill);
  g_test_add_data_func ("/painter/actor/fill/dark", GINT_TO_POINTER (TRUE), test_actor_fill);
  g_test_add_func ("/painter/actor/organisation", test_organisation_shape);
  g_test_add_func ("/painter/actor/metric", test_metric_sizes);
  g_test_add_func ("/painter/tie/colors", test_relation_colors);
  g_test_add_func ("/painter/tie/parallel", test_parallel_ties);
  g_test_add_func ("/painter/tie/meeting-badge", test_meeting_badge);
  g_test_add_func ("/painter/hull", test_hull);
  g_test_add_func ("/painter/hull/badges-clear-of-labels", test_badges_clear_of_labels);
  g_test_add_func ("/painter/labels/long-names-wrap", test_long_names_wrap);
  g_test_add_func ("/painter/legend/image", test_legend_image);
  g_test_add_func ("/painter/label/no-overlap", test_labels_never_overlap);
  g_test_add_func ("/painter/label/crowd-measures-few", test_labels_crowd_measures_few);
  g_test_add_func ("/painter/label/moving-new-names", test_labels_moving_new_names);
  g_test_add_func ("/painter/label/korean", test_korean_label);
  g_test_add_func ("/painter/label/dodge-own-ties", test_labels_dodge_own_ties);
  g_test_add_func ("/painter/focus/hover", test_hover_dims);
  g_test_add_func ("/painter/focus/selection-highlight", test_selection_and_highlight);
  g_test_add_func ("/painter/hit", test_hit);
  g_test_add_func ("/painter/appearance/dark", test_dark_background);
  g_test_add_func ("/painter/appearance/scale-factor", test_scale_factor);
  g_test_add_func ("/painter/appearance/sample", test_sample_png);
  g_test_add_func ("/painter/surface/svg-pdf", test_vector_surfaces);
  g_test_add_func ("/painter/options/notify", test_properties_notify);
  g_test_add_func ("/painter/options/preconditions", test_preconditions);
  g_test_add_func ("/painter/large", test_large_world);
  g_test_add_func ("/painter/raster/matches-cairo", test_raster_matches_cairo);
  g_test_add_func ("/painter/raster/targets", test_raster_targets);
  g_test_add_func ("/painter/raster/device-transform", test_device_transform);
  g_test_add_func ("/painter/raster/label-copies-exact", test_label_copies_exact);
  g_test_add_func ("/painter/label/candidates", test_label_candidates);
  g_test_add_func ("/painter/tie/sketch-sample", test_sketch_sample_keeps_focus);
  g_test_add_func ("/painter/tie/moving-sketch", test_moving_sketch);
  g_test_add_func ("/painter/tie/follows-edits", test_ties_follow_edits);

  result = g_test_run ();

  /* Let go of the font caches, so that leak checkers see only our leaks. */
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  return result;
}
