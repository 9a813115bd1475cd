/* ent-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ent-cli.h"

typedef struct
{
  gboolean   version;
  GStrv      files;
} CliOptions;

static void
cli_options_clear (CliOptions *options)
{
  g_clear_pointer (&options->files, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliOptions, cli_options_clear)

gboolean
ent_cli_handle (int     *argc,
                char  ***argv,
                GStrv   *files,
                int     *status)
{
  g_auto(CliOptions) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &options.version,
      N_("Show the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.files,
      NULL, N_("[FILE…]") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Explore alliances and diplomacy as a living map."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("entente: %s\n", error->message);
      *status = 2;
      return TRUE;
    }
  if (options.version)
    {
      g_print ("entente %s\n", PACKAGE_VERSION);
      *status = 0;
      return TRUE;
    }

  *files = g_steal_pointer (&options.files);
  return FALSE;
}
