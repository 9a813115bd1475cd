/* test-svg-writer.c: an SVG written as it is drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <pango/pangocairo.h>
#include <string.h>

#include "ent-svg-writer.h"
#include "svg-check.h"

static GOutputStream *
memory_stream (void)
{
  return g_memory_output_stream_new_resizable ();
}

/* The document written to @out, as a string. */
static char *
finish (EntSvgWriter  *writer,
        GOutputStream *out)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ent_svg_writer_finish (writer, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* ---- Tests ------------------------------------------------------------------ */

/* A filled and outlined shape is one element, as cairo writes it; numbers
 * are written with points whatever the locale; dashes, caps, joins and a
 * transform are kept. */
static void
test_shapes (void)
{
  g_autoptr(GOutputStream) out = memory_stream ();
  g_autoptr(EntSvgWriter) writer = ent_svg_writer_new (out, 300, 200);
  cairo_t *cr = ent_svg_writer_get_context (writer);
  static const double dashes[] = { 4.0, 2.5 };
  g_autofree char *svg = NULL;

  cairo_set_source_rgb (cr, 1, 1, 1);
  ent_svg_writer_paint (writer, cr);

  cairo_arc (cr, 50, 60, 10, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 0, 0, 0.5);
  ent_svg_writer_fill (writer, cr, TRUE);
  cairo_set_source_rgb (cr, 0, 0, 1);
  cairo_set_line_width (cr, 1.25);
  ent_svg_writer_stroke (writer, cr, FALSE);
  g_assert_false (cairo_has_current_point (cr));

  /* A fill alone, then a stroke of another path. */
  cairo_rectangle (cr, -10.5, 20.125, 30, 40);
  cairo_set_source_rgb (cr, 0, 0.5, 0);
  ent_svg_writer_fill (writer, cr, FALSE);
  cairo_move_to (cr, 0, 0);
  cairo_curve_to (cr, 10, 0, 20, 10, 30.0004, -12.3456);
  cairo_set_dash (cr, dashes, 2, 1.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  ent_svg_writer_stroke (writer, cr, FALSE);
  cairo_set_dash (cr, NULL, 0, 0);

  /* An empty path writes nothing. */
  ent_svg_writer_stroke (writer, cr, FALSE);

  cairo_save (cr);
  cairo_translate (cr, 100, 50);
  cairo_scale (cr, 2, 2);
  cairo_move_to (cr, 0, 0);
  cairo_line_to (cr, 10, 0);
  ent_svg_writer_stroke (writer, cr, FALSE);
  cairo_restore (cr);

  svg = finish (writer, out);
  g_test_message ("%s", svg);
  g_assert_cmpuint (svg_check_document (svg, NULL), ==, 6);
  g_assert_nonnull (strstr (svg, "width=\"300pt\" height=\"200pt\" viewBox=\"0 0 300 200\""));
  g_assert_nonnull (strstr (svg, "<rect x=\"0\" y=\"0\" width=\"300\" height=\"200\" style=\"fill:#ffffff;fill-opacity:1;stroke:none;\"/>"));
  /* Disc and rim together. */
  g_assert_nonnull (strstr (svg, "fill:#ff0000;fill-opacity:0.5;stroke-width:1.25;stroke-linecap:butt;"
                                 "stroke-linejoin:miter;stroke:#0000ff;stroke-opacity:1;stroke-miterlimit:10;\" d=\"M 60 60 C "));
  g_assert_nonnull (strstr (svg, "fill:#008000;fill-opacity:1;stroke:none;\" d=\"M -10.5 20.125 L 19.5 20.125 L 19.5 60.125 L -10.5 60.125 Z M -10.5 20.125\""));
  /* cairo keeps coordinates in 24.8 fixed point: -12.3456 is -12.34375. */
  g_assert_nonnull (strstr (svg, "stroke-linecap:round;stroke-linejoin:bevel;stroke:#008000;stroke-opacity:1;"
                                 "stroke-dasharray:4,2.5;stroke-dashoffset:1.5;stroke-miterlimit:10;\" "
                                 "d=\"M 0 0 C 10 0 20 10 30 -12.344\""));
  g_assert_nonnull (strstr (svg, "d=\"M 0 0 L 10 0\" transform=\"matrix(2,0,0,2,100,50)\""));
  g_assert_cmpuint (count (svg, "<path"), ==, 4);
}

/* A source cairo cannot be described with a colour goes through cairo,
 * and so does text; each of cairo's documents numbers its ids from the
 * start, and the writer keeps them apart. */
static void
test_through_cairo (void)
{
  g_autoptr(GOutputStream) out = memory_stream ();
  g_autoptr(EntSvgWriter) writer = ent_svg_writer_new (out, 300, 200);
  cairo_t *cr = ent_svg_writer_get_context (writer);
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, 0, 100, 0);
  g_autofree char *svg = NULL;

  cairo_pattern_add_color_stop_rgb (gradient, 0, 1, 0, 0);
  cairo_pattern_add_color_stop_rgb (gradient, 1, 0, 0, 1);
  cairo_rectangle (cr, 0, 0, 100, 50);
  cairo_set_source (cr, gradient);
  ent_svg_writer_fill (writer, cr, FALSE);
  cairo_pattern_destroy (gradient);
  g_assert_false (cairo_has_current_point (cr));

  for (guint i = 0; i < 2; i++)
    {
      cairo_t *text = ent_svg_writer_begin_cairo (writer, cr);
      g_autoptr(PangoLayout) layout = pango_cairo_create_layout (text);

      pango_layout_set_text (layout, "Entente 2025", -1);
      cairo_set_source_rgb (text, 0, 0, 0);
      cairo_move_to (text, 10, 60 + 30 * i);
      pango_cairo_show_layout (text, layout);
      ent_svg_writer_end_cairo (writer, text);
    }

  /* Nothing drawn, nothing written. */
  ent_svg_writer_end_cairo (writer, ent_svg_writer_begin_cairo (writer, cr));

  svg = finish (writer, out);
  svg_check_document (svg, NULL);
  g_assert_cmpuint (count (svg, "<svg"), ==, 1);
  g_assert_cmpuint (count (svg, "<?xml"), ==, 1);
  g_assert_cmpuint (count (svg, "Gradient id=\"c1-"), ==, 1);
  g_assert_cmpuint (count (svg, "id=\"c2-glyph"), >=, 8);
  g_assert_cmpuint (count (svg, "id=\"c3-glyph"), >=, 8);
  g_assert_cmpuint (count (svg, "id=\"c4-"), ==, 0);
  /* Every character, the space too, is a glyph. */
  g_assert_cmpuint (count (svg, "xlink:href=\"#c3-glyph"), ==, 12);
}

/* A write that fails is reported by finish, with the stream's reason. */
static void
test_write_error (void)
{
  static char room[256];
  g_autoptr(GOutputStream) out = g_memory_output_stream_new (room, sizeof room, NULL, NULL);
  g_autoptr(EntSvgWriter) writer = ent_svg_writer_new (out, 300, 200);
  cairo_t *cr = ent_svg_writer_get_context (writer);
  g_autoptr(GError) error = NULL;

  cairo_set_source_rgb (cr, 0.2, 0.4, 0.6);
  for (guint i = 0; i < 5000; i++)
    {
      cairo_move_to (cr, i % 300, i / 300.0);
      cairo_line_to (cr, 300 - i % 300, 200 - i / 300.0);
      ent_svg_writer_stroke (writer, cr, FALSE);
    }
  g_assert_false (ent_svg_writer_finish (writer, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (error->domain, ==, G_IO_ERROR);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/svg-writer/shapes", test_shapes);
  g_test_add_func ("/svg-writer/through-cairo", test_through_cairo);
  g_test_add_func ("/svg-writer/write-error", test_write_error);

  return g_test_run ();
}
