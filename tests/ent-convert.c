/* ent-convert.c: reads any file Entente imports and writes it in the
 * format of the output name; used by check-readers.py
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <locale.h>

#include "ent-format.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GFile) input = NULL;
  g_autoptr(EntWorld) world = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      fprintf (stderr, "usage: ent-convert INPUT [OUTPUT…]\n");
      return 2;
    }
  input = g_file_new_for_commandline_arg (argv[1]);
  world = ent_format_load_file (input, NULL, NULL, NULL, &error);
  if (world == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("%u actors, %u relations\n", ent_world_get_n_actors (world), ent_world_get_n_relations (world));
  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GFile) output = g_file_new_for_commandline_arg (argv[i]);

      if (!ent_format_save_file (world, output, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
    }
  return 0;
}
