/* ent-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "ent-export-private.h"
#include "ent-painter-private.h"
#include "ent-svg-writer.h"

G_DEFINE_QUARK (ent-export-error-quark, ent_export_error)

#define FIT_MARGIN 40.0

static gboolean streamed_svg = TRUE;

void
ent_image_export_set_streamed_svg (gboolean streamed)
{
  streamed_svg = streamed;
}

void
ent_image_options_init (EntImageOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (EntImageOptions) {
    .format = ENT_IMAGE_PNG,
    .width = 1600,
    .height = 1000,
    .scale = 1.0,
    .legend = TRUE,
  };
}

gboolean
ent_image_format_for_path (const char     *path,
                           EntImageFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = ENT_IMAGE_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = ENT_IMAGE_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = ENT_IMAGE_PDF;
  else
    return FALSE;
  return TRUE;
}

typedef struct
{
  gboolean    legend;
  gboolean    transparent;
  char       *title;
  char       *date_text;
  int         hovered;
} PainterState;

static void
painter_save (EntPainter   *painter,
              PainterState *state)
{
  state->legend = ent_painter_get_show_legend (painter);
  state->transparent = ent_painter_get_transparent (painter);
  state->title = g_strdup (ent_painter_get_title (painter));
  state->date_text = g_strdup (ent_painter_get_date_text (painter));
  state->hovered = ent_painter_get_hovered (painter);
}

static void
painter_restore (EntPainter   *painter,
                 PainterState *state)
{
  ent_painter_set_show_legend (painter, state->legend);
  ent_painter_set_transparent (painter, state->transparent);
  ent_painter_set_title (painter, state->title);
  ent_painter_set_date_text (painter, state->date_text);
  ent_painter_set_hovered (painter, state->hovered);
  g_free (state->title);
  g_free (state->date_text);
}

static void
draw (EntPainter            *painter,
      cairo_t               *cr,
      EntSvgWriter          *svg,
      EntWorld              *world,
      EntDate                at,
      const double          *xy,
      const EntImageOptions *options)
{
  EntView view;
  guint n = ent_world_get_n_actors (world);

  if (options->view != NULL)
    {
      view = *options->view;
      /* Same centre and zoom, the picture's size. */
      view.width = options->width;
      view.height = options->height;
    }
  else
    {
      cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cairo_t *scratch_cr = cairo_create (scratch);

      /* A first draw measures the legend, so the map can fit beside it. */
      ent_view_init (&view, options->width, options->height);
      view.dark = options->dark;
      ent_view_fit (&view, xy, n, FIT_MARGIN);
      ent_painter_draw (painter, scratch_cr, world, at, xy, &view);
      ent_painter_fit_view (painter, &view, xy, n, FIT_MARGIN);
      cairo_destroy (scratch_cr);
      cairo_surface_destroy (scratch);
    }
  view.dark = options->dark;
  view.scale_factor = options->format == ENT_IMAGE_PNG ? options->scale : 1.0;
  ent_painter_set_svg_writer (painter, svg);
  ent_painter_draw (painter, cr, world, at, xy, &view);
  ent_painter_set_svg_writer (painter, NULL);
}

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  GOutputStream *stream = closure;

  if (!g_output_stream_write_all (stream, data, length, NULL, NULL, NULL))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
ent_image_export (EntPainter            *painter,
                  EntWorld              *world,
                  EntDate                at,
                  const double          *xy,
                  const EntImageOptions *options,
                  const char            *path,
                  GError               **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(EntSvgWriter) svg = NULL;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  PainterState state;
  cairo_t *cr;

  g_return_val_if_fail (ENT_IS_PAINTER (painter), FALSE);
  g_return_val_if_fail (ENT_IS_WORLD (world), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(options->width >= 1 && options->height >= 1 && options->scale > 0 &&
        options->width * options->scale <= ENT_IMAGE_MAX_SIDE &&
        options->height * options->scale <= ENT_IMAGE_MAX_SIDE))
    {
      g_set_error (error, ENT_EXPORT_ERROR, ENT_EXPORT_ERROR_INVALID_SIZE,
                   _("%s: a picture must be between 1 and %.0f pixels on each side"),
                   path, ENT_IMAGE_MAX_SIDE);
      return FALSE;
    }

  /* Replacing through GIO writes a temporary file and renames it. */
  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, ENT_EXPORT_ERROR, ENT_EXPORT_ERROR_WRITE,
                   _("Could not write %s: %s"), path, local_error->message);
      return FALSE;
    }

  switch (options->format)
    {
    case ENT_IMAGE_SVG:
      /* Written as it is drawn: cairo's SVG surface would hold every
       * shape of a big map in memory until the end. */
      if (streamed_svg)
        svg = ent_svg_writer_new (G_OUTPUT_STREAM (stream), options->width, options->height);
      else
        surface = cairo_svg_surface_create_for_stream (write_to_stream, stream, options->width, options->height);
      break;
    case ENT_IMAGE_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_stream, stream, options->width, options->height);
      break;
    case ENT_IMAGE_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) ceil (options->width * options->scale),
                                            (int) ceil (options->height * options->scale));
      break;
    }

  painter_save (painter, &state);
  ent_painter_set_show_legend (painter, options->legend);
  ent_painter_set_transparent (painter, options->transparent);
  ent_painter_set_title (painter, options->title);
  ent_painter_set_date_text (painter, options->date_text);
  ent_painter_set_hovered (painter, -1);

  cr = svg != NULL ? cairo_reference (ent_svg_writer_get_context (svg)) : cairo_create (surface);
  if (options->format == ENT_IMAGE_PNG)
    cairo_scale (cr, options->scale, options->scale);
  draw (painter, cr, svg, world, at, xy, options);
  cairo_destroy (cr);
  painter_restore (painter, &state);

  if (svg != NULL)
    {
      status = CAIRO_STATUS_SUCCESS;
      if (!ent_svg_writer_finish (svg, &local_error))
        status = CAIRO_STATUS_WRITE_ERROR;
    }
  else if (options->format == ENT_IMAGE_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_stream, stream);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  g_clear_pointer (&surface, cairo_surface_destroy);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      /* Closing after cancelling drops the temporary file; the old one stays. */
      g_autoptr(GCancellable) cancel = g_cancellable_new ();

      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancel, NULL);
      g_set_error (error, ENT_EXPORT_ERROR, ENT_EXPORT_ERROR_WRITE,
                   _("Could not write %s: %s"), path,
                   local_error != NULL ? local_error->message : cairo_status_to_string (status));
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &local_error))
    {
      g_set_error (error, ENT_EXPORT_ERROR, ENT_EXPORT_ERROR_WRITE,
                   _("Could not write %s: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}
