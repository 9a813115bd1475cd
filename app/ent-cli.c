/* ent-cli.c: the command line, which needs no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ent-application.h"
#include "ent-cli.h"
#include "ent-export.h"
#include "ent-format.h"
#include "ent-layout.h"
#include "ent-stats.h"

/* A cold start settles in about 300 ticks; this bounds a pathological one. */
#define MAX_LAYOUT_TICKS 5000

typedef struct
{
  gboolean   version;
  gboolean   stats;
  gboolean   json;
  char      *export_path;
  int        width;
  int        height;
  double     scale;
  gboolean   transparent;
  gboolean   no_legend;
  char      *title;
  char      *date;
  GStrv      files;
} CliOptions;

static void
cli_options_clear (CliOptions *options)
{
  g_clear_pointer (&options->export_path, g_free);
  g_clear_pointer (&options->title, g_free);
  g_clear_pointer (&options->date, g_free);
  g_clear_pointer (&options->files, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliOptions, cli_options_clear)

static gboolean
every_actor_placed (EntWorld *world)
{
  for (guint i = 0; i < ent_world_get_n_actors (world); i++)
    if (!ent_world_get_actor (world, i)->has_position)
      return FALSE;
  return TRUE;
}

/* Lays the map out to convergence, unless the document already says where
 * every actor is. */
static EntLayout *
lay_out (EntWorld *world,
         EntDate   at)
{
  EntLayout *layout = ent_layout_new_for_world (world, 1);

  ent_layout_set_date (layout, at);
  if (!every_actor_placed (world))
    for (guint ticks = 0; ticks < MAX_LAYOUT_TICKS && !ent_layout_is_settled (layout); ticks += 50)
      ent_layout_step (layout, 50);
  return layout;
}

static double *
layout_positions (EntLayout *layout,
                  guint      n)
{
  double *xy = g_new0 (double, 2 * MAX (n, 1));

  for (guint i = 0; i < n; i++)
    ent_layout_get_position (layout, i, &xy[2 * i], &xy[2 * i + 1]);
  return xy;
}

static EntWorld *
load_input (CliOptions  *options,
            const char  *what,
            GError     **error)
{
  g_autoptr(GFile) input = NULL;

  if (options->files != NULL && g_strv_length (options->files) > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("%s takes one input file, not %u"), what, g_strv_length (options->files));
      return NULL;
    }
  input = options->files ? g_file_new_for_commandline_arg (options->files[0])
                         : ent_application_get_default_dataset ();
  return ent_format_load_file (input, NULL, NULL, NULL, error);
}

static gboolean
export_document (CliOptions  *options,
                 GError     **error)
{
  g_autoptr(EntWorld) world = NULL;
  g_autoptr(EntLayout) layout = NULL;
  g_autofree double *xy = NULL;
  const EntFormatInfo *data_format = ent_format_for_filename (options->export_path);
  EntImageOptions image;
  EntDate at = ENT_DATE_NONE;
  gboolean is_data;

  if (options->date != NULL && !ent_date_parse (options->date, &at, error))
    return FALSE;

  is_data = data_format != NULL;
  ent_image_options_init (&image);
  if (data_format != NULL && !data_format->can_export)
    {
      g_set_error (error, ENT_EXPORT_ERROR, ENT_EXPORT_ERROR_UNKNOWN_FORMAT,
                   _("%s: Entente reads %s files but does not write them"),
                   options->export_path, _(data_format->name));
      return FALSE;
    }
  if (!is_data && !ent_image_format_for_path (options->export_path, &image.format))
    {
      g_set_error (error, ENT_EXPORT_ERROR, ENT_EXPORT_ERROR_UNKNOWN_FORMAT,
                   _("%s: unknown format; use .png, .svg, .pdf, .entente.json, .graphml, .gml, .gexf or .csv"),
                   options->export_path);
      return FALSE;
    }

  world = load_input (options, "--export", error);
  if (world == NULL)
    return FALSE;

  layout = lay_out (world, at);

  if (is_data)
    {
      g_autoptr(GFile) output = g_file_new_for_commandline_arg (options->export_path);

      return ent_layout_store_positions (layout, world, error) &&
             ent_format_save_file (world, output, error);
    }

  if (options->width > 0)
    image.width = options->width;
  if (options->height > 0)
    image.height = options->height;
  if (options->scale > 0)
    image.scale = options->scale;
  image.transparent = options->transparent;
  image.legend = !options->no_legend;
  image.title = options->title;

  {
    g_autoptr(EntPainter) painter = ent_painter_new ();
    g_autofree char *date_text = ent_date_is_set (at) ? g_strdup_printf (_("As of %s"), options->date) : NULL;

    image.date_text = date_text;
    xy = layout_positions (layout, ent_world_get_n_actors (world));
    return ent_image_export (painter, world, at, xy, &image, options->export_path, error);
  }
}

static gboolean
print_stats (CliOptions  *options,
             GError     **error)
{
  g_autoptr(EntWorld) world = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  EntDate at = ENT_DATE_NONE;

  if (options->date != NULL && !ent_date_parse (options->date, &at, error))
    return FALSE;
  world = load_input (options, "--stats", error);
  if (world == NULL || !ent_stats_write (world, at, options->json, out, error))
    return FALSE;
  fputs (out->str, stdout);
  return fflush (stdout) == 0;
}

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
    { "export", 'e', 0, G_OPTION_ARG_FILENAME, &options.export_path,
      N_("Write FILE to OUT and exit: a picture (.png, .svg, .pdf), or the data with the laid-out positions (.entente.json, .graphml, .gml, .gexf, .csv)"),
      N_("OUT") },
    { "width", 0, 0, G_OPTION_ARG_INT, &options.width,
      N_("Width of the exported picture, in pixels (default 1600)"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &options.height,
      N_("Height of the exported picture, in pixels (default 1000)"), N_("H") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &options.scale,
      N_("Pixels per point in an exported PNG (default 1)"), N_("S") },
    { "transparent", 0, 0, G_OPTION_ARG_NONE, &options.transparent,
      N_("Leave the picture's background transparent"), NULL },
    { "no-legend", 0, 0, G_OPTION_ARG_NONE, &options.no_legend,
      N_("Leave the legend out of the picture"), NULL },
    { "title", 0, 0, G_OPTION_ARG_STRING, &options.title,
      N_("Write TITLE at the top of the picture"), N_("TITLE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &options.date,
      N_("Show the world as of this date"), N_("YYYY-MM-DD") },
    { "stats", 's', 0, G_OPTION_ARG_NONE, &options.stats,
      N_("Print what the analysis finds in FILE (centrality, suggested blocs, balance, trilaterals) and exit"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      N_("With --stats, print JSON (keys in docs/STATS.md)"), NULL },
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
  if (options.stats && options.export_path != NULL)
    {
      g_printerr ("entente: %s\n", _("--stats and --export cannot be used together"));
      *status = 2;
      return TRUE;
    }
  if (options.stats)
    {
      *status = print_stats (&options, &error) ? 0 : 1;
      if (error != NULL)
        g_printerr ("entente: %s\n", error->message);
      return TRUE;
    }
  if (options.json)
    {
      g_printerr ("entente: %s\n", _("--json only applies with --stats"));
      *status = 2;
      return TRUE;
    }
  if (options.export_path != NULL)
    {
      if (!export_document (&options, &error))
        {
          g_printerr ("entente: %s\n", error->message);
          *status = 1;
        }
      else
        {
          *status = 0;
        }
      return TRUE;
    }
  if (options.date != NULL)
    {
      g_printerr ("entente: %s\n", _("--date only applies with --export or --stats"));
      *status = 2;
      return TRUE;
    }

  *files = g_steal_pointer (&options.files);
  return FALSE;
}
