/* ent-format.h: the registry of import and export formats (docs/FORMATS.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ent-world.h"
#include "ent-format-native.h"

G_BEGIN_DECLS

/* Called from the thread that loads, which may be a worker thread: the
 * callback must not touch widgets directly (use g_idle_add or GTask). */
typedef void (*EntFormatProgressFunc) (double   fraction,
                                       gpointer user_data);

typedef struct
{
  const char         *id;            /* "graphml" */
  const char         *name;          /* translated, for people */
  const char * const *extensions;    /* without the dot, most usual first */
  const char * const *mime_types;
  gboolean            can_import;
  gboolean            can_export;
} EntFormatInfo;

/* All formats, NULL-terminated, native first. */
const EntFormatInfo * const *ent_format_list        (void);
const EntFormatInfo *ent_format_lookup              (const char    *id);
/* By the file name's extension only (NULL if none matches). */
const EntFormatInfo *ent_format_for_filename        (const char    *filename);
/* By the content: the first bytes of the file decide; @filename (may be
 * NULL) only breaks ties between formats that look alike (CSV flavours). */
const EntFormatInfo *ent_format_sniff               (const char    *filename,
                                                     const char    *data,
                                                     gsize          length);

/* Reads @file in whatever format its content shows (the extension is only
 * a hint). Returns a new world, or NULL and an error naming the file, the
 * line when known, and the reason. When @cancellable is cancelled the
 * half-built world is dropped and G_IO_ERROR_CANCELLED is returned.
 * Safe to call from a worker thread. */
EntWorld            *ent_format_load_file           (GFile                 *file,
                                                     GCancellable          *cancellable,
                                                     EntFormatProgressFunc  progress,
                                                     gpointer               user_data,
                                                     GError               **error);
/* As above, also giving the bytes read (to fingerprint the file without
 * reading it twice) and the format they showed; both optional. */
EntWorld            *ent_format_load_file_full      (GFile                 *file,
                                                     GCancellable          *cancellable,
                                                     EntFormatProgressFunc  progress,
                                                     gpointer               user_data,
                                                     GBytes               **contents,
                                                     const EntFormatInfo  **format,
                                                     GError               **error);
/* As ent_format_load_file(), from memory. @format NULL means sniff. A CSV edge list read
 * this way has no node list. */
EntWorld            *ent_format_load_bytes          (const EntFormatInfo   *format,
                                                     GBytes                *bytes,
                                                     const char            *display_name,
                                                     GCancellable          *cancellable,
                                                     EntFormatProgressFunc  progress,
                                                     gpointer               user_data,
                                                     GError               **error);

/* Reads a whole file, refusing folders and files over the import limit
 * before reading; errors start with @name. */
GBytes              *ent_format_read_file           (GFile                 *file,
                                                     const char            *name,
                                                     GCancellable          *cancellable,
                                                     GError               **error);
/* Writes @world in the format named by @file's extension; atomically. A
 * CSV export writes the edges to @file and the nodes beside it
 * (NAME.nodes.csv for NAME.csv). */
gboolean             ent_format_save_file           (EntWorld              *world,
                                                     GFile                 *file,
                                                     GError               **error);
/* The whole document as one file's bytes. For CSV this is the edge list;
 * ent_csv_nodes_to_data() gives the node list. */
char                *ent_format_to_data             (const EntFormatInfo   *format,
                                                     EntWorld              *world,
                                                     gsize                 *length,
                                                     GError               **error);

G_END_DECLS
