/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ent-application.h"
#include "ent-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EntApplication) app = NULL;
  g_auto(GStrv) files = NULL;
  int status;

  setlocale (LC_ALL, "");
  /* ENTENTE_LOCALEDIR points at a build tree's po/ folder, whose
   * <lang>/LC_MESSAGES/entente.mo are the catalogues not yet installed. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ENTENTE_LOCALEDIR") ? g_getenv ("ENTENTE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Export, statistics, --help and --version work with no display. */
  if (ent_cli_handle (&argc, &argv, &files, &status))
    return status;

  app = ent_application_new ();
  return ent_application_run_with_files (app, argv[0], (const char * const *) files);
}
