/* ent-export.h: PNG, SVG and PDF pictures of the map, with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ent-painter.h"

G_BEGIN_DECLS

#define ENT_EXPORT_ERROR (ent_export_error_quark ())

typedef enum
{
  ENT_EXPORT_ERROR_UNKNOWN_FORMAT,
  ENT_EXPORT_ERROR_INVALID_SIZE,
  ENT_EXPORT_ERROR_WRITE,
} EntExportError;

GQuark ent_export_error_quark (void);

typedef enum
{
  ENT_IMAGE_PNG,
  ENT_IMAGE_SVG,
  ENT_IMAGE_PDF,
} EntImageFormat;

typedef struct
{
  EntImageFormat  format;
  double          width;        /* view pixels (points for PDF) */
  double          height;
  double          scale;        /* device pixels per view pixel, for PNG */
  gboolean        transparent;
  gboolean        legend;
  const char     *title;        /* NULL for none */
  const char     *date_text;    /* NULL for none */
  gboolean        dark;
  /* The part of the map to show; NULL fits the whole map. */
  const EntView  *view;
} EntImageOptions;

#define ENT_IMAGE_MAX_SIDE 16384.0

void      ent_image_options_init      (EntImageOptions *options);
/* The format named by @path's extension (.png, .svg, .pdf). */
gboolean  ent_image_format_for_path   (const char      *path,
                                       EntImageFormat  *format);
/* Draws @world as of @at, actors at @xy, into @path with @painter (whose
 * colour mode and sizes it uses; its title, legend, hover and selection
 * are set for the picture and put back after). Writes to a temporary
 * file and renames it, so @path is whole or untouched. */
gboolean  ent_image_export            (EntPainter            *painter,
                                       EntWorld              *world,
                                       EntDate                at,
                                       const double          *xy,
                                       const EntImageOptions *options,
                                       const char            *path,
                                       GError               **error);

G_END_DECLS
