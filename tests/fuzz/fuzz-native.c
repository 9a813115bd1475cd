/* fuzz-native.c: libFuzzer target for the native *.entente.json loader
 *
 * Every input must either load or fail with a GError; a document that
 * loads must save and load again (the saved bytes are themselves valid).
 * Read a piece at a time or as one tree, it must give the same document
 * or the same error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-fuzz"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ent-format-native.h"
#include "ent-format-native-private.h"

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

  /* The same, from the whole tree only. */
  {
    g_autoptr(GError) tree_error = NULL;
    g_autoptr(EntWorld) tree = NULL;

    ent_native_set_whole_tree_only (TRUE);
    tree = ent_native_load_bytes (bytes, "fuzz.entente.json", &tree_error);
    ent_native_set_whole_tree_only (FALSE);
    if ((tree == NULL) != (world == NULL))
      {
        g_printerr ("read in pieces: %s; as one tree: %s\n",
                    error ? error->message : "loaded", tree_error ? tree_error->message : "loaded");
        abort ();
      }
    if (tree == NULL && g_strcmp0 (tree_error->message, error->message) != 0)
      {
        g_printerr ("errors differ: “%s” / “%s”\n", error->message, tree_error->message);
        abort ();
      }
    if (tree != NULL)
      {
        gsize a_length = 0, b_length = 0;
        g_autofree char *a = ent_native_to_data (world, &a_length);
        g_autofree char *b = ent_native_to_data (tree, &b_length);

        if (a_length != b_length || memcmp (a, b, a_length) != 0)
          {
            g_printerr ("read in pieces and as one tree, the documents differ\n");
            abort ();
          }
      }
  }

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
