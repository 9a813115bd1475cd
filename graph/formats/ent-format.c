/* ent-format.c: the registry of formats, keyed by extension and content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-format"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ent-format-private.h"
#include "ent-format-csv.h"

static const char * const native_extensions[] = { "entente.json", "json", NULL };
static const char * const native_mime[] = { "application/x-entente+json", "application/json", NULL };
static const char * const graphml_extensions[] = { "graphml", "xml", NULL };
static const char * const graphml_mime[] = { "application/graphml+xml", NULL };
static const char * const gml_extensions[] = { "gml", NULL };
static const char * const gml_mime[] = { "text/x-gml", NULL };
static const char * const gexf_extensions[] = { "gexf", NULL };
static const char * const gexf_mime[] = { "application/gexf+xml", NULL };
static const char * const pajek_extensions[] = { "net", "paj", NULL };
static const char * const pajek_mime[] = { "text/x-pajek", NULL };
static const char * const csv_extensions[] = { "csv", "tsv", NULL };
static const char * const csv_mime[] = { "text/csv", "text/tab-separated-values", NULL };

static const EntFormatInfo native_format = {
  "entente", N_("Entente document"), native_extensions, native_mime, TRUE, TRUE
};
static const EntFormatInfo graphml_format = {
  "graphml", N_("GraphML"), graphml_extensions, graphml_mime, TRUE, TRUE
};
static const EntFormatInfo gml_format = {
  "gml", N_("GML (Graph Modelling Language)"), gml_extensions, gml_mime, TRUE, TRUE
};
static const EntFormatInfo gexf_format = {
  "gexf", N_("GEXF (Gephi)"), gexf_extensions, gexf_mime, TRUE, TRUE
};
static const EntFormatInfo pajek_format = {
  "pajek", N_("Pajek network"), pajek_extensions, pajek_mime, TRUE, FALSE
};
static const EntFormatInfo csv_format = {
  "csv", N_("CSV edge list"), csv_extensions, csv_mime, TRUE, TRUE
};
static const EntFormatInfo atop_format = {
  "atop", N_("ATOP alliance data (CSV)"), csv_extensions, csv_mime, TRUE, FALSE
};
static const EntFormatInfo cow_format = {
  "cow", N_("COW Formal Alliances, dyadic (CSV)"), csv_extensions, csv_mime, TRUE, FALSE
};

static const EntFormatInfo * const formats[] = {
  &native_format, &graphml_format, &gml_format, &gexf_format, &pajek_format,
  &csv_format, &atop_format, &cow_format, NULL
};

const EntFormatInfo * const *
ent_format_list (void)
{
  return formats;
}

const EntFormatInfo *
ent_format_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; formats[i] != NULL; i++)
    if (g_str_equal (formats[i]->id, id))
      return formats[i];
  return NULL;
}

const EntFormatInfo *
ent_format_for_filename (const char *filename)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (filename != NULL, NULL);

  folded = g_utf8_casefold (filename, -1);
  /* The first format that claims an extension wins: plain CSV before the
   * alliance datasets, which are told apart by content. */
  for (guint i = 0; formats[i] != NULL; i++)
    for (guint j = 0; formats[i]->extensions[j] != NULL; j++)
      {
        g_autofree char *suffix = g_strconcat (".", formats[i]->extensions[j], NULL);

        if (g_str_has_suffix (folded, suffix))
          return formats[i];
      }
  return NULL;
}

/* ---- Sniffing ----------------------------------------------------------- */

#define SNIFF_BYTES 4096

static gboolean
has_word_then_bracket (const char *head,
                       const char *word)
{
  gsize n = strlen (word);

  for (const char *p = strstr (head, word); p != NULL; p = strstr (p + 1, word))
    {
      const char *q = p + n;

      if (p > head && (g_ascii_isalnum (p[-1]) || p[-1] == '_'))
        continue;
      while (g_ascii_isspace (*q))
        q++;
      if (*q == '[')
        return TRUE;
    }
  return FALSE;
}

static char *
first_line (const char *head)
{
  const char *end = head + strcspn (head, "\r\n");

  return g_strndup (head, end - head);
}

static gboolean
header_has (const char *line,
            const char *name)
{
  g_auto(GStrv) cells = g_strsplit_set (line, ",;\t", -1);

  for (guint i = 0; cells[i] != NULL; i++)
    {
      g_autofree char *cell = g_strstrip (g_strdup (cells[i]));
      gsize n = strlen (cell);

      if (n >= 2 && cell[0] == '"' && cell[n - 1] == '"')
        {
          cell[n - 1] = '\0';
          memmove (cell, cell + 1, n - 1);
        }
      if (g_ascii_strcasecmp (cell, name) == 0)
        return TRUE;
    }
  return FALSE;
}

static const EntFormatInfo *
sniff_text (const char *head)
{
  const char *p = head;
  g_autofree char *line = NULL;

  /* Pajek: the first line that is not a comment starts with a star. */
  while (*p != '\0')
    {
      while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
      if (*p == '%')
        {
          p += strcspn (p, "\n");
          continue;
        }
      break;
    }
  if (*p == '*' && (g_ascii_strncasecmp (p, "*vertices", 9) == 0 ||
                    g_ascii_strncasecmp (p, "*network", 8) == 0 ||
                    g_ascii_strncasecmp (p, "*arcs", 5) == 0 ||
                    g_ascii_strncasecmp (p, "*edges", 6) == 0 ||
                    g_ascii_strncasecmp (p, "*matrix", 7) == 0))
    return &pajek_format;

  if (has_word_then_bracket (head, "graph"))
    return &gml_format;

  line = first_line (head);
  if (header_has (line, "atopid") && (header_has (line, "member") || header_has (line, "mem1")))
    return &atop_format;
  if (header_has (line, "ccode1") && header_has (line, "ccode2"))
    return &cow_format;
  if (strchr (line, ',') != NULL || strchr (line, ';') != NULL || strchr (line, '\t') != NULL)
    return &csv_format;
  return NULL;
}

const EntFormatInfo *
ent_format_sniff (const char *filename,
                  const char *data,
                  gsize       length)
{
  g_autofree char *head = NULL;
  const EntFormatInfo *by_name = filename ? ent_format_for_filename (filename) : NULL;
  const char *p;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  data = ent_format_skip_bom (data, &length);
  head = g_strndup (data, MIN (length, SNIFF_BYTES));
  for (p = head; g_ascii_isspace (*p); p++)
    ;
  if (*p == '{' || *p == '[')
    return &native_format;
  if (*p == '<')
    {
      if (strstr (head, "<gexf") != NULL || strstr (head, ":gexf") != NULL)
        return &gexf_format;
      if (strstr (head, "graphml") != NULL)
        return &graphml_format;
      if (by_name == &gexf_format || by_name == &graphml_format)
        return by_name;
      return &graphml_format;
    }
  if (*p == '\0')
    return by_name;
  return sniff_text (p) ?: by_name;
}

/* ---- Loading ------------------------------------------------------------ */

static EntFormatLoadFunc
get_loader (const EntFormatInfo *format)
{
  if (format == &graphml_format)
    return ent_graphml_load;
  if (format == &gml_format)
    return ent_gml_load;
  if (format == &gexf_format)
    return ent_gexf_load;
  if (format == &pajek_format)
    return ent_pajek_load;
  if (format == &csv_format)
    return ent_csv_load_edges;
  if (format == &atop_format)
    return ent_atop_load;
  if (format == &cow_format)
    return ent_cow_load;
  return NULL;
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

/**
 * ent_format_load_bytes:
 *
 * Returns: (transfer full): a new world, or %NULL with @error.
 */
EntWorld *
ent_format_load_bytes (const EntFormatInfo    *format,
                       GBytes                 *bytes,
                       const char             *display_name,
                       GCancellable           *cancellable,
                       EntFormatProgressFunc   progress,
                       gpointer                user_data,
                       GError                **error)
{
  g_autoptr(EntImport) import = NULL;
  const char *file = display_name ? display_name : "<data>";
  EntFormatLoadFunc load;
  const char *data;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (length > ENT_FORMAT_MAX_BYTES)
    {
      g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_TOO_LARGE,
                   _("%s: the file is %lld MB; Entente imports files up to %d MB"),
                   file, (long long) (length / (1024 * 1024)), ENT_FORMAT_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (length == 0 || is_blank (data, length))
    {
      g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_EMPTY, _("%s: the file is empty"), file);
      return NULL;
    }
  if (format == NULL)
    format = ent_format_sniff (display_name, data, length);
  if (format == NULL)
    {
      g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_UNSUPPORTED,
                   _("%s: not a format Entente can read (expected an Entente document, GraphML, "
                     "GEXF, GML, Pajek or CSV)"), file);
      return NULL;
    }
  if (format == &native_format)
    return ent_native_load_bytes (bytes, file, error);

  load = get_loader (format);
  if (load == NULL || !format->can_import)
    {
      g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_UNSUPPORTED,
                   _("%s: Entente cannot read %s files"), file, _(format->name));
      return NULL;
    }
  import = ent_import_new (format->id, file, length, cancellable, progress, user_data);
  if (progress != NULL)
    progress (0.0, user_data);
  return load (bytes, import, error);
}

/**
 * ent_format_read_file:
 *
 * Reads @file whole, refusing folders and files over the import limit
 * before reading a byte. Errors name the file (@name, its parse name).
 *
 * Returns: (transfer full): the bytes, or %NULL with @error.
 */
GBytes *
ent_format_read_file (GFile         *file,
                      const char    *name,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("%s: is a folder, not a file"), name);
      return NULL;
    }
  if (g_file_info_get_size (info) > ENT_FORMAT_MAX_BYTES)
    {
      g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_TOO_LARGE,
                   _("%s: the file is %lld MB; Entente imports files up to %d MB"),
                   name, (long long) (g_file_info_get_size (info) / (1024 * 1024)), ENT_FORMAT_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    g_set_error (error, local_error->domain, local_error->code, "%s: %s", name, local_error->message);
  return bytes;
}

/**
 * ent_format_load_file:
 *
 * Returns: (transfer full): a new world, or %NULL with @error.
 */
EntWorld *
ent_format_load_file (GFile                  *file,
                      GCancellable           *cancellable,
                      EntFormatProgressFunc   progress,
                      gpointer                user_data,
                      GError                **error)
{
  return ent_format_load_file_full (file, cancellable, progress, user_data, NULL, NULL, error);
}

/**
 * ent_format_load_file_full:
 * @contents: (out) (optional): the bytes read, for a caller that wants to
 *   fingerprint the file without reading it again
 * @format_out: (out) (optional): the format the content showed
 *
 * As ent_format_load_file().
 */
EntWorld *
ent_format_load_file_full (GFile                  *file,
                           GCancellable           *cancellable,
                           EntFormatProgressFunc   progress,
                           gpointer                user_data,
                           GBytes                **contents,
                           const EntFormatInfo   **format_out,
                           GError                **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const EntFormatInfo *format;
  const char *data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  bytes = ent_format_read_file (file, name, cancellable, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  format = length > 0 ? ent_format_sniff (name, data, length) : NULL;
  if (contents != NULL)
    *contents = g_bytes_ref (bytes);
  if (format_out != NULL)
    *format_out = format;

  if (format == &csv_format)
    {
      g_autoptr(GFile) nodes_file = ent_csv_get_nodes_file (file);
      g_autoptr(GBytes) nodes = NULL;

      if (nodes_file != NULL && !g_file_equal (nodes_file, file) &&
          g_file_query_exists (nodes_file, cancellable))
        {
          g_autofree char *nodes_name = g_file_get_parse_name (nodes_file);

          nodes = ent_format_read_file (nodes_file, nodes_name, cancellable, error);
          if (nodes == NULL)
            return NULL;
        }
      return ent_csv_load_bytes (bytes, nodes, NULL, name, cancellable, progress, user_data, error);
    }
  return ent_format_load_bytes (format, bytes, name, cancellable, progress, user_data, error);
}

/* ---- Saving ------------------------------------------------------------- */

/**
 * ent_format_to_data:
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error when
 * the format cannot be written.
 */
char *
ent_format_to_data (const EntFormatInfo  *format,
                    EntWorld             *world,
                    gsize                *length,
                    GError              **error)
{
  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (ENT_IS_WORLD (world), NULL);
  g_return_val_if_fail (length != NULL, NULL);

  if (format == &native_format)
    return ent_native_to_data (world, length);
  if (format == &graphml_format)
    return ent_graphml_to_data (world, length);
  if (format == &gml_format)
    return ent_gml_to_data (world, length);
  if (format == &gexf_format)
    return ent_gexf_to_data (world, length);
  if (format == &csv_format)
    return ent_csv_edges_to_data (world, length);
  g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_UNSUPPORTED,
               _("Entente cannot write %s files"), _(format->name));
  return NULL;
}

static gboolean
replace_contents (GFile       *file,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_replace_contents (file, data, length, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not save %s: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * ent_format_save_file:
 *
 * Writes @world in the format @file's name asks for, atomically (each file
 * is written beside and renamed over the old one).
 */
gboolean
ent_format_save_file (EntWorld  *world,
                      GFile     *file,
                      GError   **error)
{
  g_autofree char *basename = NULL;
  g_autofree char *data = NULL;
  const EntFormatInfo *format;
  gsize length;

  g_return_val_if_fail (ENT_IS_WORLD (world), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  basename = g_file_get_basename (file);
  format = basename ? ent_format_for_filename (basename) : NULL;
  if (format == NULL || !format->can_export)
    {
      g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_UNSUPPORTED,
                   _("Could not save %s: Entente writes .entente.json, .graphml, .gml, .gexf "
                     "and .csv files"), basename ? basename : "");
      return FALSE;
    }
  if (format == &native_format)
    return ent_native_save_file (world, file, NULL, error);

  data = ent_format_to_data (format, world, &length, error);
  if (data == NULL || !replace_contents (file, data, length, error))
    return FALSE;
  if (format == &csv_format)
    {
      g_autoptr(GFile) nodes_file = ent_csv_get_nodes_file (file);
      g_autofree char *nodes = ent_csv_nodes_to_data (world, &length);

      return replace_contents (nodes_file, nodes, length, error);
    }
  return TRUE;
}
