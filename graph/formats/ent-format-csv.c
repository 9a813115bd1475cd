/* ent-format-csv.c: CSV edge lists and node lists (docs/FORMATS.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-format"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ent-format-private.h"
#include "ent-format-csv.h"

/* A record longer than this is not a plausible CSV line. */
#define MAX_RECORD_BYTES (1024 * 1024)

/* ---- Records ------------------------------------------------------------ */

struct _EntCsvReader
{
  const char *data;
  gsize       length;
  gsize       pos;
  guint       line;
  char        separator;
  gboolean    failed;
  GPtrArray  *fields;
};

char
ent_csv_sniff_separator (const char *data,
                         gsize       length)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n' || c == '\r')
        break;
      else if (c == ',')
        commas++;
      else if (c == ';')
        semicolons++;
      else if (c == '\t')
        tabs++;
    }
  if (tabs > commas && tabs >= semicolons)
    return '\t';
  if (semicolons > commas)
    return ';';
  return ',';
}

EntCsvReader *
ent_csv_reader_new (const char *data,
                    gsize       length,
                    char        separator)
{
  EntCsvReader *reader = g_new0 (EntCsvReader, 1);

  reader->data = ent_format_skip_bom (data, &length);
  reader->length = length;
  reader->line = 1;
  reader->separator = separator ? separator : ent_csv_sniff_separator (reader->data, length);
  reader->fields = g_ptr_array_new_with_free_func (g_free);
  return reader;
}

void
ent_csv_reader_free (EntCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_ptr_array_unref (reader->fields);
  g_free (reader);
}

gsize
ent_csv_reader_offset (EntCsvReader *reader)
{
  return reader->pos;
}

gboolean
ent_csv_reader_failed (EntCsvReader *reader)
{
  return reader->failed;
}

GPtrArray *
ent_csv_reader_next (EntCsvReader  *reader,
                     guint         *line,
                     EntImport     *import,
                     GError       **error)
{
  const char *data = reader->data;
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE, was_quoted = FALSE;
  gsize start;

  g_ptr_array_set_size (reader->fields, 0);
  /* Blank lines between records are not records. */
  while (reader->pos < reader->length && (data[reader->pos] == '\n' || data[reader->pos] == '\r'))
    if (data[reader->pos++] == '\n')
      reader->line++;
  *line = reader->line;
  if (reader->pos >= reader->length)
    {
      g_string_free (field, TRUE);
      return NULL;
    }
  start = reader->pos;
  while (reader->pos < reader->length)
    {
      char c = data[reader->pos];

      if (reader->pos - start > MAX_RECORD_BYTES)
        {
          g_string_free (field, TRUE);
          reader->failed = TRUE;
          ent_import_fail_code (import, error, ENT_FORMAT_ERROR_TOO_LARGE, *line,
                                _("a record is longer than %d MB; is a quote left open?"),
                                MAX_RECORD_BYTES / (1024 * 1024));
          return NULL;
        }
      if (quoted)
        {
          if (c == '"' && reader->pos + 1 < reader->length && data[reader->pos + 1] == '"')
            {
              g_string_append_c (field, '"');
              reader->pos += 2;
              continue;
            }
          if (c == '"')
            quoted = FALSE;
          else
            {
              if (c == '\n')
                reader->line++;
              g_string_append_c (field, c);
            }
          reader->pos++;
          continue;
        }
      if (c == '"' && (field->len == 0 || was_quoted))
        {
          quoted = was_quoted = TRUE;
          reader->pos++;
          continue;
        }
      if (c == reader->separator)
        {
          g_ptr_array_add (reader->fields, g_strdup (was_quoted ? field->str : g_strstrip (field->str)));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          reader->pos++;
          continue;
        }
      if (c == '\n' || c == '\r')
        break;
      g_string_append_c (field, c);
      reader->pos++;
    }
  if (quoted)
    {
      g_string_free (field, TRUE);
      reader->failed = TRUE;
      ent_import_fail_code (import, error, ENT_FORMAT_ERROR_SYNTAX, *line,
                            _("a quoted field starts here but its closing quote is missing"));
      return NULL;
    }
  g_ptr_array_add (reader->fields, g_strdup (was_quoted ? field->str : g_strstrip (field->str)));
  g_string_free (field, TRUE);
  /* The line end: LF, CRLF or CR. */
  if (reader->pos < reader->length && data[reader->pos] == '\r')
    reader->pos++;
  if (reader->pos < reader->length && data[reader->pos] == '\n')
    reader->pos++;
  reader->line++;
  return reader->fields;
}

int
ent_csv_find_column (GPtrArray          *header,
                     const char * const *names)
{
  for (guint n = 0; names[n] != NULL; n++)
    for (guint i = 0; i < header->len; i++)
      if (g_ascii_strcasecmp (g_ptr_array_index (header, i), names[n]) == 0)
        return (int) i;
  return -1;
}

/* ---- The column mapping ------------------------------------------------- */

static const char * const source_names[] = {
  "source", "from", "src", "actor1", "actor_a", "node1", "source_id", "start_node", NULL
};
static const char * const target_names[] = {
  "target", "to", "dst", "actor2", "actor_b", "node2", "target_id", "end_node", NULL
};
static const char * const edge_id_names[] = { "id", "edge_id", "edge", NULL };
static const char * const type_names[] = { "type", "relation", "relation_type", NULL };
static const char * const sign_names[] = { "sign", NULL };
static const char * const weight_names[] = { "weight", "strength", "value", "w", NULL };
static const char * const since_names[] = { "since", "start", "date", "begin", "start_date", "from_date", "year", NULL };
static const char * const until_names[] = { "until", "end", "end_date", "to_date", NULL };
static const char * const label_names[] = { "label", "title", "name", NULL };
static const char * const node_id_names[] = { "id", "node", "key", "actor", "name", NULL };

EntCsvMapping *
ent_csv_mapping_new (void)
{
  return g_new0 (EntCsvMapping, 1);
}

void
ent_csv_mapping_free (EntCsvMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_free (mapping->source);
  g_free (mapping->target);
  g_free (mapping->id);
  g_free (mapping->type);
  g_free (mapping->sign);
  g_free (mapping->weight);
  g_free (mapping->since);
  g_free (mapping->until);
  g_free (mapping->label);
  g_free (mapping);
}

static char *
header_name (GPtrArray          *header,
             const char * const *names,
             GHashTable         *taken)
{
  for (guint n = 0; names[n] != NULL; n++)
    for (guint i = 0; i < header->len; i++)
      {
        const char *cell = g_ptr_array_index (header, i);

        if (g_ascii_strcasecmp (cell, names[n]) == 0 && !g_hash_table_contains (taken, cell))
          {
            g_hash_table_add (taken, (gpointer) cell);
            return g_strdup (cell);
          }
      }
  return NULL;
}

static EntCsvMapping *
mapping_from_header (GPtrArray  *header,
                     char        separator)
{
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  EntCsvMapping *mapping = ent_csv_mapping_new ();

  mapping->separator = separator;
  mapping->source = header_name (header, source_names, taken);
  mapping->target = header_name (header, target_names, taken);
  mapping->id = header_name (header, edge_id_names, taken);
  mapping->type = header_name (header, type_names, taken);
  mapping->sign = header_name (header, sign_names, taken);
  mapping->weight = header_name (header, weight_names, taken);
  mapping->since = header_name (header, since_names, taken);
  mapping->until = header_name (header, until_names, taken);
  mapping->label = header_name (header, label_names, taken);
  return mapping;
}

/**
 * ent_csv_mapping_sniff:
 *
 * Returns: (transfer full): the mapping the header suggests, or %NULL.
 */
EntCsvMapping *
ent_csv_mapping_sniff (const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(EntImport) import = ent_import_new ("csv", "<data>", length, NULL, NULL, NULL);
  g_autoptr(EntCsvReader) reader = NULL;
  g_autoptr(EntCsvMapping) mapping = NULL;
  GPtrArray *header;
  guint line;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  reader = ent_csv_reader_new (data, length, 0);
  header = ent_csv_reader_next (reader, &line, import, error);
  if (header == NULL)
    {
      if (!ent_csv_reader_failed (reader))
        g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_EMPTY, _("the file is empty"));
      return NULL;
    }
  mapping = mapping_from_header (header, reader->separator);
  if (mapping->source == NULL || mapping->target == NULL)
    {
      g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_INVALID,
                   _("the first line must name the columns, with one for the source and one for "
                     "the target of each tie (for example “source,target”)"));
      return NULL;
    }
  return g_steal_pointer (&mapping);
}

/* ---- Loading ------------------------------------------------------------ */

static gboolean
load_nodes (EntImport  *import,
            GBytes     *bytes,
            GError    **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(EntCsvReader) reader = ent_csv_reader_new (data, length, 0);
  g_autoptr(GPtrArray) header = NULL;
  GPtrArray *row;
  guint line;
  int id_column;

  row = ent_csv_reader_next (reader, &line, import, error);
  if (row == NULL)
    return !ent_csv_reader_failed (reader);
  header = g_ptr_array_copy (row, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  g_ptr_array_set_free_func (header, g_free);
  id_column = ent_csv_find_column (header, node_id_names);
  if (id_column < 0)
    return ent_import_fail (import, error, line,
                            _("the node list needs a column named “id” (or “node”, “key”, “actor”, “name”)"));
  while ((row = ent_csv_reader_next (reader, &line, import, error)) != NULL)
    {
      JsonObject *attributes = json_object_new ();

      for (guint i = 0; i < row->len && i < header->len; i++)
        {
          const char *cell = g_ptr_array_index (row, i);

          if ((int) i == id_column || *cell == '\0')
            continue;
          json_object_set_member (attributes, g_ptr_array_index (header, i), ent_value_guess (cell));
        }
      if (!ent_import_add_node (import, line, id_column < (int) row->len ? g_ptr_array_index (row, id_column) : NULL,
                                attributes, error))
        return FALSE;
    }
  return !ent_csv_reader_failed (reader);
}

static int
column_of (GPtrArray  *header,
           const char *name)
{
  if (name == NULL)
    return -1;
  for (guint i = 0; i < header->len; i++)
    if (g_str_equal (g_ptr_array_index (header, i), name))
      return (int) i;
  return -1;
}

/* Where each mapped field is in the header. */
typedef struct
{
  int source;
  int target;
  int id;
  struct { const char *name; const char *canonical; const char *field; int column; } mapped[6];
} Columns;

static gboolean
find_columns (EntImport            *import,
              GPtrArray            *header,
              const EntCsvMapping  *mapping,
              Columns              *columns,
              GError              **error)
{
  const char *names[] = { mapping->type, mapping->sign, mapping->weight,
                          mapping->since, mapping->until, mapping->label };
  Columns init = { -1, -1, -1, {
    { NULL, "type", "type", -1 }, { NULL, "sign", "sign", -1 }, { NULL, "weight", "strength", -1 },
    { NULL, "since", "since", -1 }, { NULL, "until", "until", -1 }, { NULL, "label", "label", -1 },
  } };

  *columns = init;
  columns->source = column_of (header, mapping->source);
  columns->target = column_of (header, mapping->target);
  columns->id = column_of (header, mapping->id);
  if (columns->source < 0 || columns->target < 0)
    return ent_import_fail (import, error, 1,
                            _("the first line must name the columns, with one for the source and one for "
                              "the target of each tie (for example “source,target”)"));
  for (guint m = 0; m < G_N_ELEMENTS (columns->mapped); m++)
    {
      columns->mapped[m].name = names[m];
      columns->mapped[m].column = column_of (header, names[m]);
      if (columns->mapped[m].column >= 0)
        ent_import_name_field (import, TRUE, columns->mapped[m].field, names[m]);
      else
        ent_import_unmap_edge_field (import, columns->mapped[m].field);
    }
  return TRUE;
}

static gboolean
add_record (EntImport      *import,
            GPtrArray      *header,
            GPtrArray      *row,
            guint           line,
            const Columns  *columns,
            GError        **error)
{
  JsonObject *attributes;
  int source = columns->source, target = columns->target, id = columns->id;

  if (row->len > header->len)
    return ent_import_fail (import, error, line, _("the record has %u fields but the header names %u columns"),
                            row->len, header->len);
  attributes = json_object_new ();
  for (guint i = 0; i < row->len; i++)
    {
      const char *cell = g_ptr_array_index (row, i);
      gboolean is_mapped = FALSE;

      if ((int) i == source || (int) i == target || (int) i == id || *cell == '\0')
        continue;
      for (guint m = 0; m < G_N_ELEMENTS (columns->mapped); m++)
        if (columns->mapped[m].column == (int) i)
          {
            json_object_set_member (attributes, columns->mapped[m].canonical, ent_value_guess (cell));
            is_mapped = TRUE;
          }
      if (!is_mapped && !json_object_has_member (attributes, g_ptr_array_index (header, i)))
        json_object_set_member (attributes, g_ptr_array_index (header, i), ent_value_guess (cell));
    }
  return ent_import_add_edge (import, line,
                              id >= 0 && id < (int) row->len ? g_ptr_array_index (row, id) : NULL,
                              source < (int) row->len ? g_ptr_array_index (row, source) : NULL,
                              target < (int) row->len ? g_ptr_array_index (row, target) : NULL,
                              attributes, error);
}

static EntWorld *
load_edges (EntImport            *import,
            GBytes               *bytes,
            GBytes               *nodes,
            const EntCsvMapping  *given,
            GError              **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(EntCsvReader) reader = NULL;
  g_autoptr(EntCsvMapping) sniffed = NULL;
  g_autoptr(GPtrArray) header = NULL;
  const EntCsvMapping *mapping = given;
  GPtrArray *row;
  guint line;
  Columns columns;

  reader = ent_csv_reader_new (data, length, given ? given->separator : 0);
  row = ent_csv_reader_next (reader, &line, import, error);
  if (row == NULL)
    {
      if (!ent_csv_reader_failed (reader))
        ent_import_fail_code (import, error, ENT_FORMAT_ERROR_EMPTY, 0, _("the file is empty"));
      return NULL;
    }
  header = g_ptr_array_copy (row, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  g_ptr_array_set_free_func (header, g_free);
  if (mapping == NULL)
    mapping = sniffed = mapping_from_header (header, reader->separator);
  if (!find_columns (import, header, mapping, &columns, error))
    return NULL;

  if (nodes != NULL && !load_nodes (import, nodes, error))
    return NULL;

  while ((row = ent_csv_reader_next (reader, &line, import, error)) != NULL)
    {
      if (!add_record (import, header, row, line, &columns, error))
        return NULL;
      if (!ent_import_tick (import, ent_csv_reader_offset (reader), error))
        return NULL;
    }
  if (ent_csv_reader_failed (reader))
    return NULL;
  return ent_import_finish (import, error);
}

EntWorld *
ent_csv_load_edges (GBytes     *bytes,
                    EntImport  *import,
                    GError    **error)
{
  return load_edges (import, bytes, NULL, NULL, error);
}

/**
 * ent_csv_load_bytes:
 *
 * Returns: (transfer full): a new world, or %NULL with @error.
 */
EntWorld *
ent_csv_load_bytes (GBytes                *edges,
                    GBytes                *nodes,
                    const EntCsvMapping   *mapping,
                    const char            *display_name,
                    GCancellable          *cancellable,
                    EntFormatProgressFunc  progress,
                    gpointer               user_data,
                    GError               **error)
{
  g_autoptr(EntImport) import = NULL;
  g_autoptr(GError) local_error = NULL;
  EntWorld *world;

  g_return_val_if_fail (edges != NULL, NULL);

  import = ent_import_new ("csv", display_name, g_bytes_get_size (edges), cancellable, progress, user_data);
  world = load_edges (import, edges, nodes, mapping, &local_error);
  if (world == NULL)
    {
      if (local_error == NULL)
        ent_import_fail (import, &local_error, 0, _("the file could not be read"));
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return world;
}

/**
 * ent_csv_read_header:
 *
 * Returns: (transfer full): the column names, or %NULL with @error.
 */
GStrv
ent_csv_read_header (const char  *data,
                     gsize        length,
                     char        *separator,
                     GError     **error)
{
  g_autoptr(EntImport) import = ent_import_new ("csv", "<data>", length, NULL, NULL, NULL);
  g_autoptr(EntCsvReader) reader = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GPtrArray *header;
  guint line;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  reader = ent_csv_reader_new (data, length, separator ? *separator : 0);
  if (separator != NULL)
    *separator = reader->separator;
  header = ent_csv_reader_next (reader, &line, import, error);
  if (header == NULL)
    {
      if (!ent_csv_reader_failed (reader))
        g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_EMPTY, _("the file is empty"));
      return NULL;
    }
  for (guint i = 0; i < header->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (header, i));
  return g_strv_builder_end (builder);
}

void
ent_csv_preview_row_free (EntCsvPreviewRow *row)
{
  if (row == NULL)
    return;
  g_strfreev (row->cells);
  g_clear_object (&row->world);
  g_free (row->error);
  g_free (row);
}

/* The reason alone, without the "FILE:LINE: " the import puts first. */
static char *
plain_reason (const GError *error,
              guint         line)
{
  g_autofree char *prefix = g_strdup_printf ("<preview>:%u: ", line);

  if (g_str_has_prefix (error->message, prefix))
    return g_strdup (error->message + strlen (prefix));
  if (g_str_has_prefix (error->message, "<preview>: "))
    return g_strdup (error->message + strlen ("<preview>: "));
  return g_strdup (error->message);
}

/* The relation's custom attributes: what the import did not understand. */
static JsonObject *
left_attributes (const EntRelation *relation)
{
  JsonNode *node;

  if (relation->extra == NULL || !json_object_has_member (relation->extra, ENT_FORMAT_ATTRIBUTES_KEY))
    return NULL;
  node = json_object_get_member (relation->extra, ENT_FORMAT_ATTRIBUTES_KEY);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
preview_record (EntCsvPreviewRow     *preview,
                GPtrArray            *header,
                GPtrArray            *row,
                const EntCsvMapping  *mapping)
{
  g_autoptr(EntImport) import = ent_import_new ("csv", "<preview>", 1, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  const EntRelation *relation;
  JsonObject *left, *record;
  Columns columns;
  int weight_column;

  if (!find_columns (import, header, mapping, &columns, &error) ||
      !add_record (import, header, row, preview->line, &columns, &error) ||
      (preview->world = ent_import_finish (import, &error)) == NULL)
    {
      preview->error = plain_reason (error, preview->line);
      return;
    }
  if (ent_world_get_n_relations (preview->world) == 0)
    return;
  relation = ent_world_get_relation (preview->world, 0);
  left = left_attributes (relation);
  for (guint m = 0; m < G_N_ELEMENTS (columns.mapped); m++)
    {
      int column = columns.mapped[m].column;

      if (column >= 0 && column < (int) row->len && *(const char *) g_ptr_array_index (row, column) != '\0' &&
          left != NULL && json_object_has_member (left, columns.mapped[m].canonical))
        preview->unread |= 1u << m;
    }
  weight_column = columns.mapped[2].column;
  if (weight_column >= 0 && weight_column < (int) row->len &&
      *(const char *) g_ptr_array_index (row, weight_column) != '\0' &&
      (left == NULL || !json_object_has_member (left, "weight")))
    {
      record = json_object_get_object_member (ent_world_get_info (preview->world)->extra, ENT_FORMAT_IMPORT_KEY);
      preview->weight = relation->strength;
      if (record != NULL && json_object_has_member (record, "weight_scale"))
        preview->weight *= json_object_get_double_member (record, "weight_scale");
    }
}

/**
 * ent_csv_preview:
 *
 * Returns: (transfer container) (element-type EntCsvPreviewRow): the
 * first records as they would be imported, or %NULL with @error.
 */
GPtrArray *
ent_csv_preview (const char           *data,
                 gsize                 length,
                 const EntCsvMapping  *mapping,
                 guint                 max_rows,
                 GError              **error)
{
  g_autoptr(EntImport) import = ent_import_new ("csv", "<preview>", length, NULL, NULL, NULL);
  g_autoptr(EntCsvReader) reader = NULL;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) local_error = NULL;
  Columns columns;
  GPtrArray *row;
  guint line;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (mapping != NULL, NULL);

  reader = ent_csv_reader_new (data, length, mapping->separator);
  row = ent_csv_reader_next (reader, &line, import, &local_error);
  if (row == NULL)
    {
      if (!ent_csv_reader_failed (reader))
        g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_EMPTY, _("the file is empty"));
      else
        {
          g_autofree char *reason = plain_reason (local_error, line);

          g_set_error_literal (error, local_error->domain, local_error->code, reason);
        }
      return NULL;
    }
  header = g_ptr_array_copy (row, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  g_ptr_array_set_free_func (header, g_free);
  if (!find_columns (import, header, mapping, &columns, &local_error))
    {
      g_autofree char *reason = plain_reason (local_error, 1);

      g_set_error_literal (error, local_error->domain, local_error->code, reason);
      return NULL;
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ent_csv_preview_row_free);
  while (rows->len < max_rows)
    {
      EntCsvPreviewRow *preview;

      row = ent_csv_reader_next (reader, &line, import, &local_error);
      if (row == NULL && !ent_csv_reader_failed (reader))
        break;
      preview = g_new0 (EntCsvPreviewRow, 1);
      preview->line = line;
      g_ptr_array_add (rows, preview);
      if (row == NULL)
        {
          preview->error = plain_reason (local_error, line);
          break;
        }
      g_ptr_array_add (row, NULL);
      preview->cells = g_strdupv ((char **) row->pdata);
      g_ptr_array_set_size (row, row->len - 1);
      preview_record (preview, header, row, mapping);
    }
  return g_steal_pointer (&rows);
}

/**
 * ent_csv_load_file:
 *
 * Returns: (transfer full): a new world, or %NULL with @error.
 */
EntWorld *
ent_csv_load_file (GFile                  *file,
                   const EntCsvMapping    *mapping,
                   GCancellable           *cancellable,
                   EntFormatProgressFunc   progress,
                   gpointer                user_data,
                   GError                **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) edges = NULL;
  g_autoptr(GBytes) nodes = NULL;
  g_autoptr(GFile) nodes_file = NULL;
  g_autofree char *nodes_name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  edges = ent_format_read_file (file, name, cancellable, error);
  if (edges == NULL)
    return NULL;
  nodes_file = ent_csv_get_nodes_file (file);
  if (nodes_file != NULL && !g_file_equal (nodes_file, file) && g_file_query_exists (nodes_file, cancellable))
    {
      nodes_name = g_file_get_parse_name (nodes_file);
      nodes = ent_format_read_file (nodes_file, nodes_name, cancellable, error);
      if (nodes == NULL)
        return NULL;
    }
  if (progress != NULL)
    progress (0.0, user_data);
  return ent_csv_load_bytes (edges, nodes, mapping, name, cancellable, progress, user_data, error);
}

/* ---- Writing ------------------------------------------------------------ */

static void
append_cell (GString    *out,
             const char *text)
{
  gsize n = strlen (text);

  if (strpbrk (text, ",;\t\"\r\n") != NULL ||
      (n > 0 && (g_ascii_isspace (text[0]) || g_ascii_isspace (text[n - 1]))))
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    {
      g_string_append (out, text);
    }
}

static void
append_row (GString        *out,
            GPtrArray      *columns,
            EntExportItem  *item,
            gboolean        edge)
{
  if (edge)
    {
      append_cell (out, item->source);
      g_string_append_c (out, ',');
      append_cell (out, item->target);
      g_string_append_c (out, ',');
    }
  append_cell (out, item->id ? item->id : "");
  for (guint i = 0; i < columns->len; i++)
    {
      EntColumn *column = g_ptr_array_index (columns, i);
      g_autofree char *text = ent_value_to_string (json_object_get_member (item->values, column->name));

      g_string_append_c (out, ',');
      append_cell (out, text);
    }
  g_string_append (out, "\r\n");
}

static char *
write_table (EntWorld *world,
             gboolean  edges,
             gsize    *length)
{
  g_autoptr(EntExportTable) table = ent_export_table_new (world);
  GPtrArray *columns = edges ? table->edge_columns : table->node_columns;
  GPtrArray *items = edges ? table->edges : table->nodes;
  GString *out = g_string_new (edges ? "source,target,id" : "id");

  for (guint i = 0; i < columns->len; i++)
    {
      EntColumn *column = g_ptr_array_index (columns, i);

      g_string_append_c (out, ',');
      append_cell (out, column->name);
    }
  g_string_append (out, "\r\n");
  for (guint i = 0; i < items->len; i++)
    append_row (out, columns, g_ptr_array_index (items, i), edges);
  *length = out->len;
  return g_string_free (out, FALSE);
}

/**
 * ent_csv_edges_to_data:
 *
 * Returns: (transfer full): the relations as CSV: source, target, id,
 * then the model fields and custom attributes.
 */
char *
ent_csv_edges_to_data (EntWorld *world,
                       gsize    *length)
{
  g_return_val_if_fail (ENT_IS_WORLD (world), NULL);
  return write_table (world, TRUE, length);
}

/**
 * ent_csv_nodes_to_data:
 *
 * Returns: (transfer full): the actors as CSV: id, then the model fields
 * and custom attributes.
 */
char *
ent_csv_nodes_to_data (EntWorld *world,
                       gsize    *length)
{
  g_return_val_if_fail (ENT_IS_WORLD (world), NULL);
  return write_table (world, FALSE, length);
}

/**
 * ent_csv_get_nodes_file:
 *
 * Returns: (transfer full) (nullable): NAME.nodes.csv beside NAME.csv or
 * NAME.edges.csv.
 */
GFile *
ent_csv_get_nodes_file (GFile *edges_file)
{
  g_autofree char *basename = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *nodes_name = NULL;
  g_autoptr(GFile) parent = NULL;
  const char *dot;

  g_return_val_if_fail (G_IS_FILE (edges_file), NULL);

  basename = g_file_get_basename (edges_file);
  parent = g_file_get_parent (edges_file);
  if (basename == NULL || parent == NULL || g_str_has_suffix (basename, ".nodes.csv"))
    return NULL;
  dot = strrchr (basename, '.');
  stem = dot ? g_strndup (basename, dot - basename) : g_strdup (basename);
  if (g_str_has_suffix (stem, ".edges"))
    stem[strlen (stem) - strlen (".edges")] = '\0';
  nodes_name = g_strconcat (stem, ".nodes.csv", NULL);
  return g_file_get_child (parent, nodes_name);
}
