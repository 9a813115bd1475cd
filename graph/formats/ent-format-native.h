/* ent-format-native.h: the native *.entente.json format (docs/FORMAT.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ent-world.h"

G_BEGIN_DECLS

#define ENT_FORMAT_ERROR (ent_format_error_quark ())

typedef enum
{
  ENT_FORMAT_ERROR_EMPTY,
  ENT_FORMAT_ERROR_SYNTAX,
  ENT_FORMAT_ERROR_ENCODING,
  ENT_FORMAT_ERROR_NOT_ENTENTE,
  ENT_FORMAT_ERROR_NEWER_VERSION,
  ENT_FORMAT_ERROR_TOO_LARGE,
  ENT_FORMAT_ERROR_TOO_DEEP,
  ENT_FORMAT_ERROR_INVALID,
  ENT_FORMAT_ERROR_UNSUPPORTED,
} EntFormatError;

GQuark    ent_format_error_quark       (void);

#define ENT_NATIVE_FORMAT_VERSION 1
#define ENT_NATIVE_MAX_BYTES      (64 * 1024 * 1024)
#define ENT_NATIVE_MAX_DEPTH      64

/* @display_name names the file in error messages. Returns a new world. */
EntWorld *ent_native_load_bytes        (GBytes      *bytes,
                                        const char  *display_name,
                                        GError     **error);
EntWorld *ent_native_load_file         (GFile       *file,
                                        GCancellable *cancellable,
                                        GError     **error);
char     *ent_native_to_data           (EntWorld    *world,
                                        gsize       *length);
/* Atomic: the old file stays whole until the new one is complete. */
gboolean  ent_native_save_file         (EntWorld    *world,
                                        GFile       *file,
                                        GCancellable *cancellable,
                                        GError     **error);

G_END_DECLS
