/* fuzz-format.c: libFuzzer target for one importer of the format registry
 *
 * Built once per format, with ENT_FUZZ_FORMAT set to the registry id
 * ("graphml", "gml", …). Every input must either load or fail with a
 * GError that says why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-fuzz"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "ent-format.h"

#ifndef ENT_FUZZ_FORMAT
#error "ENT_FUZZ_FORMAT must name a format of the registry"
#endif

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const EntFormatInfo *format;

/* A g_critical() or g_warning() anywhere, ours or a library's, is a bug:
 * abort, which libFuzzer reports with the input (GLib's own fatal logging
 * raises SIGTRAP, which libFuzzer does not catch). */
static GLogWriterOutput
fatal_log_writer (GLogLevelFlags   log_level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  GLogWriterOutput result = g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return result;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (fatal_log_writer, NULL, NULL);
  format = ent_format_lookup (ENT_FUZZ_FORMAT);
  if (format == NULL || !format->can_import)
    {
      g_printerr ("fuzz: no importer “%s” in the registry\n", ENT_FUZZ_FORMAT);
      abort ();
    }
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = NULL;

  world = ent_format_load_bytes (format, bytes, "fuzz." ENT_FUZZ_FORMAT, NULL, NULL, NULL, &error);
  if (world == NULL && (error == NULL || error->message == NULL || error->message[0] == '\0'))
    abort ();
  if (world != NULL && error != NULL)
    abort ();
  return 0;
}
