/* ent-svg-writer.h: an SVG document written as it is drawn
 *
 * cairo's SVG surface keeps every drawing operation in memory until the
 * page is finished, about a kilobyte each: a map of 100,000 actors and
 * their ties held hundreds of megabytes that way. EntSvgWriter writes the
 * map's plain shapes (solid fills, strokes and the background) to the
 * output as they are drawn, each read from the cairo_t the painter built
 * it in, and sends everything else, text above all, through short-lived
 * cairo SVG surfaces whose output it splices into the document. Paths
 * come from cairo_copy_path(), so arcs are the same curves cairo writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _EntSvgWriter EntSvgWriter;

/* A document of @width by @height points, written to @out. Nothing is
 * written to @out until the first drawing is. */
EntSvgWriter *ent_svg_writer_new            (GOutputStream *out,
                                             double         width,
                                             double         height);
void          ent_svg_writer_free           (EntSvgWriter  *writer);

/* The cairo_t to build paths and set colours in: its target is an SVG
 * surface that is never drawn on, so text measured with it is measured as
 * for SVG. Owned by the writer. */
cairo_t      *ent_svg_writer_get_context    (EntSvgWriter  *writer);

/* These write what cairo_paint(), cairo_fill() and cairo_stroke() on @cr
 * would draw, and clear @cr's path unless @preserve. A source other than a
 * solid colour, or an operator other than OVER, goes through cairo. The
 * page is not clipped: shapes are written as they are. */
void          ent_svg_writer_paint          (EntSvgWriter  *writer,
                                             cairo_t       *cr);
void          ent_svg_writer_fill           (EntSvgWriter  *writer,
                                             cairo_t       *cr,
                                             gboolean       preserve);
void          ent_svg_writer_stroke         (EntSvgWriter  *writer,
                                             cairo_t       *cr,
                                             gboolean       preserve);

/* A cairo_t on a new SVG surface of the page's size, in the state of
 * @like (transform, line and fill settings, source), for drawing what the
 * writer does not write itself. ent_svg_writer_end_cairo() destroys it
 * and splices what it drew into the document, in order. */
cairo_t      *ent_svg_writer_begin_cairo    (EntSvgWriter  *writer,
                                             cairo_t       *like);
void          ent_svg_writer_end_cairo      (EntSvgWriter  *writer,
                                             cairo_t       *cr);

/* Ends the document and writes out what is buffered. FALSE, with @error
 * set, if any write failed. */
gboolean      ent_svg_writer_finish         (EntSvgWriter  *writer,
                                             GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EntSvgWriter, ent_svg_writer_free)

G_END_DECLS
