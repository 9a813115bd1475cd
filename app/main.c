/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ent-application.h"
#include "ent-cli.h"
#include "ent-compat.h"

/* GSK_RENDERER=cairo draws every frame without OpenGL, but GDK still
 * loads the GL driver when it opens an X11 display, to choose a visual
 * GL could draw into. Without a GPU that driver is Mesa's llvmpipe with
 * LLVM, a tenth of a second of start-up for nothing: Entente draws
 * nothing with GL itself. So when cairo is asked for, GDK is told to
 * leave GL alone, added to whatever flags its variable already holds. */
static void
leave_gl_alone_for_cairo (void)
{
  const char *renderer = g_getenv ("GSK_RENDERER");
  const char *flags = g_getenv (ENT_COMPAT_NO_GL_VARIABLE);
  g_auto(GStrv) list = NULL;
  g_autofree char *joined = NULL;

  if (g_strcmp0 (renderer, "cairo") != 0)
    return;
  if (flags == NULL || flags[0] == '\0')
    {
      g_setenv (ENT_COMPAT_NO_GL_VARIABLE, ENT_COMPAT_NO_GL_FLAG, TRUE);
      return;
    }
  list = g_strsplit_set (flags, ",: ", -1);
  if (g_strv_contains ((const char * const *) list, ENT_COMPAT_NO_GL_FLAG) ||
      g_strv_contains ((const char * const *) list, "all"))
    return;
  joined = g_strconcat (flags, ",", ENT_COMPAT_NO_GL_FLAG, NULL);
  g_setenv (ENT_COMPAT_NO_GL_VARIABLE, joined, TRUE);
}

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

  leave_gl_alone_for_cairo ();
  app = ent_application_new ();
  return ent_application_run_with_files (app, argv[0], (const char * const *) files);
}
