/* ent-cli.h: the command line, which needs no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses the command line. Returns TRUE when the command was handled
 * here (export, --help, --version, or an error) with the exit status in
 * @status; otherwise FALSE with the files to open in @files. */
gboolean ent_cli_handle (int     *argc,
                         char  ***argv,
                         GStrv   *files,
                         int     *status);

G_END_DECLS
