/* ent-svg-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-export"

#include "config.h"

#include <cairo-svg.h>
#include <math.h>
#include <string.h>

#include "ent-svg-writer.h"

#define FLUSH_BYTES (64 * 1024)

struct _EntSvgWriter
{
  GOutputStream   *out;
  GError          *error;          /* the first write that failed */
  GString         *buffer;         /* written out at FLUSH_BYTES */
  double           width;
  double           height;
  gboolean         started;
  gboolean         finished;

  cairo_surface_t *null_surface;   /* never drawn on */
  cairo_t         *context;

  /* A fill kept back, in case a stroke of the same path follows: cairo
   * writes the pair as one element, and so does the writer. */
  GString         *pending_fill;   /* its style, empty when none */
  GString         *pending_path;   /* its d="…" and transform */
  GString         *path;           /* scratch */

  /* The cairo surface of the current ent_svg_writer_begin_cairo(). */
  cairo_surface_t *segment_surface;
  GString         *segment;
  guint            n_segments;
};

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
append_to_string (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* ---- Output ------------------------------------------------------------ */

static void
flush (EntSvgWriter *self)
{
  if (self->buffer->len > 0 && self->error == NULL)
    g_output_stream_write_all (self->out, self->buffer->str, self->buffer->len,
                               NULL, NULL, &self->error);
  g_string_truncate (self->buffer, 0);
}

static void
maybe_flush (EntSvgWriter *self)
{
  if (self->buffer->len >= FLUSH_BYTES)
    flush (self);
}

/* Numbers as SVG wants them whatever the locale: at most @decimals
 * places, without trailing zeros. */
static void
append_number (GString *s,
               double   v,
               int      decimals)
{
  static const double scales[] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };
  double scale = scales[CLAMP (decimals, 0, 6)];
  double r = round (v * scale);
  char digits[32];
  guint64 n, whole, part;
  int len = 0;

  if (!isfinite (v))
    {
      g_string_append_c (s, '0');
      return;
    }
  if (fabs (r) >= 1e15)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.0f", v));
      return;
    }
  if (r == 0)
    {
      g_string_append_c (s, '0');
      return;
    }
  if (r < 0)
    g_string_append_c (s, '-');
  n = (guint64) fabs (r);
  whole = n / (guint64) scale;
  part = n % (guint64) scale;

  do
    {
      digits[len++] = (char) ('0' + whole % 10);
      whole /= 10;
    }
  while (whole > 0);
  while (len > 0)
    g_string_append_c (s, digits[--len]);

  if (part > 0)
    {
      int places = CLAMP (decimals, 0, 6);

      while (part % 10 == 0)
        {
          part /= 10;
          places--;
        }
      g_string_append_c (s, '.');
      for (int i = places - 1; i >= 0; i--)
        {
          digits[i] = (char) ('0' + part % 10);
          part /= 10;
        }
      g_string_append_len (s, digits, places);
    }
}

static void
append_color (GString *s,
              double   red,
              double   green,
              double   blue)
{
  g_string_append_printf (s, "#%02x%02x%02x",
                          (guint) round (CLAMP (red, 0, 1) * 255),
                          (guint) round (CLAMP (green, 0, 1) * 255),
                          (guint) round (CLAMP (blue, 0, 1) * 255));
}

static void
start (EntSvgWriter *self)
{
  if (self->started)
    return;
  self->started = TRUE;
  g_string_append (self->buffer,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                   "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"");
  append_number (self->buffer, self->width, 3);
  g_string_append (self->buffer, "pt\" height=\"");
  append_number (self->buffer, self->height, 3);
  g_string_append (self->buffer, "pt\" viewBox=\"0 0 ");
  append_number (self->buffer, self->width, 3);
  g_string_append_c (self->buffer, ' ');
  append_number (self->buffer, self->height, 3);
  g_string_append (self->buffer, "\" version=\"1.1\">\n");
}

/* ---- Reading what cairo holds -------------------------------------------- */

static gboolean
solid_source (cairo_t *cr,
              double   rgba[4])
{
  cairo_pattern_t *source = cairo_get_source (cr);

  return cairo_get_operator (cr) == CAIRO_OPERATOR_OVER &&
         cairo_pattern_get_type (source) == CAIRO_PATTERN_TYPE_SOLID &&
         cairo_pattern_get_rgba (source, &rgba[0], &rgba[1], &rgba[2], &rgba[3]) == CAIRO_STATUS_SUCCESS;
}

/* @cr's path as d="…", with a transform when user space is not the page's.
 * FALSE if the path draws nothing. */
static gboolean
path_data (EntSvgWriter *self,
           cairo_t      *cr,
           GString      *out)
{
  cairo_path_t *path = cairo_copy_path (cr);
  cairo_matrix_t m;
  gboolean draws = FALSE;

  g_string_truncate (out, 0);
  if (path->status != CAIRO_STATUS_SUCCESS)
    {
      cairo_path_destroy (path);
      return FALSE;
    }
  g_string_append (out, " d=\"");
  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    {
      const cairo_path_data_t *d = &path->data[i];
      int n_points = 0;

      switch (d->header.type)
        {
        case CAIRO_PATH_MOVE_TO:
          g_string_append (out, "M ");
          n_points = 1;
          break;
        case CAIRO_PATH_LINE_TO:
          g_string_append (out, "L ");
          n_points = 1;
          draws = TRUE;
          break;
        case CAIRO_PATH_CURVE_TO:
          g_string_append (out, "C ");
          n_points = 3;
          draws = TRUE;
          break;
        case CAIRO_PATH_CLOSE_PATH:
          g_string_append (out, "Z ");
          draws = TRUE;
          break;
        default:
          break;
        }
      for (int p = 1; p <= n_points; p++)
        {
          append_number (out, d[p].point.x, 3);
          g_string_append_c (out, ' ');
          append_number (out, d[p].point.y, 3);
          g_string_append_c (out, ' ');
        }
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '"');
  cairo_path_destroy (path);

  cairo_get_matrix (cr, &m);
  if (m.xx != 1 || m.yx != 0 || m.xy != 0 || m.yy != 1 || m.x0 != 0 || m.y0 != 0)
    {
      const double terms[] = { m.xx, m.yx, m.xy, m.yy, m.x0, m.y0 };

      g_string_append (out, " transform=\"matrix(");
      for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          /* The translation in 1/1000 units, as the points. */
          append_number (out, terms[i], i < 4 ? 6 : 3);
        }
      g_string_append (out, ")\"");
    }
  return draws;
}

static void
fill_style (GString      *out,
            cairo_t      *cr,
            const double  rgba[4])
{
  g_string_append (out, cairo_get_fill_rule (cr) == CAIRO_FILL_RULE_EVEN_ODD
                        ? "fill-rule:evenodd;fill:" : "fill-rule:nonzero;fill:");
  append_color (out, rgba[0], rgba[1], rgba[2]);
  g_string_append (out, ";fill-opacity:");
  append_number (out, rgba[3], 4);
  g_string_append_c (out, ';');
}

static void
stroke_style (GString      *out,
              cairo_t      *cr,
              const double  rgba[4])
{
  static const char *caps[] = { "butt", "round", "square" };
  static const char *joins[] = { "miter", "round", "bevel" };
  int n_dashes = cairo_get_dash_count (cr);

  g_string_append (out, "stroke-width:");
  append_number (out, cairo_get_line_width (cr), 4);
  g_string_append (out, ";stroke-linecap:");
  g_string_append (out, caps[CLAMP (cairo_get_line_cap (cr), 0, 2)]);
  g_string_append (out, ";stroke-linejoin:");
  g_string_append (out, joins[CLAMP (cairo_get_line_join (cr), 0, 2)]);
  g_string_append (out, ";stroke:");
  append_color (out, rgba[0], rgba[1], rgba[2]);
  g_string_append (out, ";stroke-opacity:");
  append_number (out, rgba[3], 4);
  if (n_dashes > 0)
    {
      double stack[8];
      double *dashes = n_dashes <= (int) G_N_ELEMENTS (stack) ? stack : g_new (double, n_dashes);
      double offset;

      cairo_get_dash (cr, dashes, &offset);
      g_string_append (out, ";stroke-dasharray:");
      for (int i = 0; i < n_dashes; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_number (out, dashes[i], 4);
        }
      g_string_append (out, ";stroke-dashoffset:");
      append_number (out, offset, 4);
      if (dashes != stack)
        g_free (dashes);
    }
  g_string_append (out, ";stroke-miterlimit:");
  append_number (out, cairo_get_miter_limit (cr), 4);
  g_string_append_c (out, ';');
}

static void
write_element (EntSvgWriter *self,
               const char   *style,
               const char   *path)
{
  start (self);
  g_string_append (self->buffer, "<path style=\"");
  g_string_append (self->buffer, style);
  g_string_append_c (self->buffer, '"');
  g_string_append (self->buffer, path);
  g_string_append (self->buffer, "/>\n");
  maybe_flush (self);
}

static void
flush_pending_fill (EntSvgWriter *self)
{
  if (self->pending_fill->len == 0)
    return;
  g_string_append (self->pending_fill, "stroke:none;");
  write_element (self, self->pending_fill->str, self->pending_path->str);
  g_string_truncate (self->pending_fill, 0);
  g_string_truncate (self->pending_path, 0);
}

/* ---- cairo for the rest -------------------------------------------------- */

static void
copy_state (cairo_t *to,
            cairo_t *from)
{
  cairo_matrix_t m;
  int n_dashes = cairo_get_dash_count (from);

  cairo_get_matrix (from, &m);
  cairo_set_matrix (to, &m);
  cairo_set_source (to, cairo_get_source (from));
  cairo_set_operator (to, cairo_get_operator (from));
  cairo_set_tolerance (to, cairo_get_tolerance (from));
  cairo_set_antialias (to, cairo_get_antialias (from));
  cairo_set_fill_rule (to, cairo_get_fill_rule (from));
  cairo_set_line_width (to, cairo_get_line_width (from));
  cairo_set_line_cap (to, cairo_get_line_cap (from));
  cairo_set_line_join (to, cairo_get_line_join (from));
  cairo_set_miter_limit (to, cairo_get_miter_limit (from));
  if (n_dashes > 0)
    {
      g_autofree double *dashes = g_new (double, n_dashes);
      double offset;

      cairo_get_dash (from, dashes, &offset);
      cairo_set_dash (to, dashes, n_dashes, offset);
    }
}

cairo_t *
ent_svg_writer_begin_cairo (EntSvgWriter *self,
                            cairo_t      *like)
{
  cairo_t *cr;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->segment_surface == NULL, NULL);

  flush_pending_fill (self);
  g_string_truncate (self->segment, 0);
  self->segment_surface = cairo_svg_surface_create_for_stream (append_to_string, self->segment,
                                                               self->width, self->height);
  cr = cairo_create (self->segment_surface);
  if (like != NULL)
    copy_state (cr, like);
  return cr;
}

static gboolean
starts_with (const char *p,
             const char *end,
             const char *prefix)
{
  size_t n = strlen (prefix);

  return (size_t) (end - p) >= n && memcmp (p, prefix, n) == 0;
}

void
ent_svg_writer_end_cairo (EntSvgWriter *self,
                          cairo_t      *cr)
{
  const char *body, *end, *p;
  char prefix[24];
  gboolean empty = TRUE;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->segment_surface != NULL);

  cairo_destroy (cr);
  cairo_surface_finish (self->segment_surface);
  if (cairo_surface_status (self->segment_surface) != CAIRO_STATUS_SUCCESS && self->error == NULL)
    g_set_error (&self->error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                 cairo_status_to_string (cairo_surface_status (self->segment_surface)));
  g_clear_pointer (&self->segment_surface, cairo_surface_destroy);

  /* What lies inside cairo's <svg> element; its ids get a prefix of
   * their own, since every cairo document numbers them from the start. */
  body = strstr (self->segment->str, "<svg");
  body = body != NULL ? strchr (body, '>') : NULL;
  end = g_strrstr (self->segment->str, "</svg>");
  if (body == NULL || end == NULL || end < body)
    return;
  body++;
  for (p = body; p < end; p++)
    if (*p == '<' && !starts_with (p, end, "<g id=\"surface") && !starts_with (p, end, "</g>"))
      {
        empty = FALSE;
        break;
      }
  if (empty)
    return;

  start (self);
  g_snprintf (prefix, sizeof prefix, "c%u-", ++self->n_segments);
  for (p = body; p < end; )
    {
      const char *token = NULL;

      if (starts_with (p, end, "id=\""))
        token = "id=\"";
      else if (starts_with (p, end, "href=\"#"))
        token = "href=\"#";
      else if (starts_with (p, end, "url(#"))
        token = "url(#";
      if (token != NULL)
        {
          g_string_append (self->buffer, token);
          g_string_append (self->buffer, prefix);
          p += strlen (token);
          continue;
        }
      g_string_append_c (self->buffer, *p++);
    }
  maybe_flush (self);
}

/* What the writer cannot write itself, drawn by cairo. */
static void
through_cairo (EntSvgWriter *self,
               cairo_t      *cr,
               int           op,
               gboolean      preserve)
{
  cairo_path_t *path = cairo_copy_path (cr);
  cairo_t *seg = ent_svg_writer_begin_cairo (self, cr);

  cairo_new_path (seg);
  if (path->status == CAIRO_STATUS_SUCCESS)
    {
      cairo_matrix_t m;

      /* The path is in user space, and so is the copy. */
      cairo_get_matrix (cr, &m);
      cairo_set_matrix (seg, &m);
      cairo_append_path (seg, path);
    }
  cairo_path_destroy (path);
  if (op == 0)
    cairo_paint (seg);
  else if (op == 1)
    cairo_fill (seg);
  else
    cairo_stroke (seg);
  ent_svg_writer_end_cairo (self, seg);
  if (!preserve)
    cairo_new_path (cr);
}

/* ---- Public ---------------------------------------------------------------- */

EntSvgWriter *
ent_svg_writer_new (GOutputStream *out,
                    double         width,
                    double         height)
{
  EntSvgWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), NULL);

  self = g_new0 (EntSvgWriter, 1);
  self->out = g_object_ref (out);
  self->buffer = g_string_sized_new (FLUSH_BYTES + 4096);
  self->width = width;
  self->height = height;
  self->null_surface = cairo_svg_surface_create_for_stream (discard, NULL, width, height);
  self->context = cairo_create (self->null_surface);
  self->pending_fill = g_string_new (NULL);
  self->pending_path = g_string_new (NULL);
  self->path = g_string_new (NULL);
  self->segment = g_string_new (NULL);
  return self;
}

void
ent_svg_writer_free (EntSvgWriter *self)
{
  if (self == NULL)
    return;
  if (self->segment_surface != NULL)
    cairo_surface_destroy (self->segment_surface);
  cairo_destroy (self->context);
  cairo_surface_destroy (self->null_surface);
  g_string_free (self->buffer, TRUE);
  g_string_free (self->pending_fill, TRUE);
  g_string_free (self->pending_path, TRUE);
  g_string_free (self->path, TRUE);
  g_string_free (self->segment, TRUE);
  g_clear_error (&self->error);
  g_object_unref (self->out);
  g_free (self);
}

cairo_t *
ent_svg_writer_get_context (EntSvgWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->context;
}

void
ent_svg_writer_paint (EntSvgWriter *self,
                      cairo_t      *cr)
{
  double rgba[4];

  g_return_if_fail (self != NULL);

  if (!solid_source (cr, rgba))
    {
      through_cairo (self, cr, 0, TRUE);
      return;
    }
  flush_pending_fill (self);
  start (self);
  g_string_append (self->buffer, "<rect x=\"0\" y=\"0\" width=\"");
  append_number (self->buffer, self->width, 3);
  g_string_append (self->buffer, "\" height=\"");
  append_number (self->buffer, self->height, 3);
  g_string_append (self->buffer, "\" style=\"fill:");
  append_color (self->buffer, rgba[0], rgba[1], rgba[2]);
  g_string_append (self->buffer, ";fill-opacity:");
  append_number (self->buffer, rgba[3], 4);
  g_string_append (self->buffer, ";stroke:none;\"/>\n");
  maybe_flush (self);
}

void
ent_svg_writer_fill (EntSvgWriter *self,
                     cairo_t      *cr,
                     gboolean      preserve)
{
  double rgba[4];

  g_return_if_fail (self != NULL);

  flush_pending_fill (self);
  if (!solid_source (cr, rgba))
    {
      through_cairo (self, cr, 1, preserve);
      return;
    }
  if (path_data (self, cr, self->pending_path))
    {
      fill_style (self->pending_fill, cr, rgba);
      if (!preserve)
        flush_pending_fill (self);
    }
  if (!preserve)
    cairo_new_path (cr);
}

void
ent_svg_writer_stroke (EntSvgWriter *self,
                       cairo_t      *cr,
                       gboolean      preserve)
{
  double rgba[4];
  gboolean draws;

  g_return_if_fail (self != NULL);

  if (!solid_source (cr, rgba))
    {
      flush_pending_fill (self);
      through_cairo (self, cr, 2, preserve);
      return;
    }
  draws = path_data (self, cr, self->path);
  if (self->pending_fill->len > 0 && g_string_equal (self->path, self->pending_path))
    {
      stroke_style (self->pending_fill, cr, rgba);
      write_element (self, self->pending_fill->str, self->pending_path->str);
      g_string_truncate (self->pending_fill, 0);
      g_string_truncate (self->pending_path, 0);
    }
  else
    {
      flush_pending_fill (self);
      if (draws)
        {
          GString *style = g_string_new ("fill:none;");

          stroke_style (style, cr, rgba);
          write_element (self, style->str, self->path->str);
          g_string_free (style, TRUE);
        }
    }
  if (!preserve)
    cairo_new_path (cr);
}

gboolean
ent_svg_writer_finish (EntSvgWriter  *self,
                       GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  self->finished = TRUE;
  flush_pending_fill (self);
  start (self);
  g_string_append (self->buffer, "</svg>\n");
  flush (self);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  return TRUE;
}
