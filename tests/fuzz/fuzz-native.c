/* fuzz-native.c: libFuzzer target for the native *.entente.json loader
 *
 * Every input must either load or fail with a GError; a document that
 * loads must save and load again (the saved bytes are themselves valid).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-fuzz"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "ent-format-native.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

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
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = NULL;

  world = ent_native_load_bytes (bytes, "fuzz.entente.json", &error);
  if (world == NULL)
    {
      /* A refusal must say why. */
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        abort ();
      return 0;
    }
  if (error != NULL)
    abort ();

  /* Round trip: what Entente writes, Entente reads back. */
  {
    g_autofree char *saved = NULL;
    g_autoptr(GBytes) saved_bytes = NULL;
    g_autoptr(EntWorld) again = NULL;
    g_autoptr(GError) again_error = NULL;
    gsize length = 0;

    saved = ent_native_to_data (world, &length);
    if (saved == NULL)
      abort ();
    saved_bytes = g_bytes_new_static (saved, length);
    again = ent_native_load_bytes (saved_bytes, "saved.entente.json", &again_error);
    if (again == NULL)
      {
        g_printerr ("a loaded document did not load again after saving: %s\n", again_error->message);
        abort ();
      }
    if (ent_world_get_n_actors (again) != ent_world_get_n_actors (world) ||
        ent_world_get_n_relations (again) != ent_world_get_n_relations (world) ||
        ent_world_get_n_meetings (again) != ent_world_get_n_meetings (world) ||
        ent_world_get_n_blocs (again) != ent_world_get_n_blocs (world))
      abort ();
  }
  return 0;
}
