/* ent-format-private.h: what the import and export modules share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ent-format.h"

G_BEGIN_DECLS

/* Files larger than this are refused before they are read. */
#define ENT_FORMAT_MAX_BYTES      (256 * 1024 * 1024)
/* Where custom attributes live in an item's `extra` object. */
#define ENT_FORMAT_ATTRIBUTES_KEY "attributes"
/* Where the document info's `extra` records how the file was mapped. */
#define ENT_FORMAT_IMPORT_KEY     "import"

/* ---- Importing ----------------------------------------------------------
 * An EntImport builds a new world from nodes and edges with attributes
 * named as in the file. It maps the names the model knows (label, weight,
 * sign, type, dates, x/y …) onto actors and relations, keeps the rest as
 * custom attributes, and records the mapping so that an export writes the
 * same names back. Edges are kept until ent_import_finish() so that weights
 * can be scaled into (0, 1] and edges may name nodes declared later.
 */
typedef struct _EntImport EntImport;

EntImport  *ent_import_new             (const char            *format_id,
                                        const char            *display_name,
                                        gsize                  total_bytes,
                                        GCancellable          *cancellable,
                                        EntFormatProgressFunc  progress,
                                        gpointer               user_data);
void        ent_import_free            (EntImport             *import);
const char *ent_import_get_file        (EntImport             *import);
/* Reports progress and checks for cancellation; call it often. */
gboolean    ent_import_tick            (EntImport             *import,
                                        gsize                  offset,
                                        GError               **error);
/* Sets "FILE:LINE: reason" (or "FILE: reason" when @line is 0) and
 * returns FALSE. */
gboolean    ent_import_fail            (EntImport             *import,
                                        GError               **error,
                                        guint                  line,
                                        const char            *format,
                                        ...) G_GNUC_PRINTF (4, 5);
gboolean    ent_import_fail_code       (EntImport             *import,
                                        GError               **error,
                                        int                    code,
                                        guint                  line,
                                        const char            *format,
                                        ...) G_GNUC_PRINTF (5, 6);
void        ent_import_set_directed    (EntImport             *import,
                                        gboolean               directed);
/* Takes @value. */
void        ent_import_set_graph_attribute (EntImport         *import,
                                        const char            *name,
                                        JsonNode              *value);
gboolean    ent_import_has_node        (EntImport             *import,
                                        const char            *id);
/* Both take @attributes (may be NULL). @line is for messages (0: unknown). */
gboolean    ent_import_add_node        (EntImport             *import,
                                        guint                  line,
                                        const char            *id,
                                        JsonObject            *attributes,
                                        GError               **error);
gboolean    ent_import_add_edge        (EntImport             *import,
                                        guint                  line,
                                        const char            *id,
                                        const char            *source,
                                        const char            *target,
                                        JsonObject            *attributes,
                                        GError               **error);
/* Adds a relation as it is (ATOP, COW): no attribute mapping. Takes it. */
gboolean    ent_import_add_relation    (EntImport             *import,
                                        guint                  line,
                                        EntRelation           *relation,
                                        GError               **error);
gboolean    ent_import_add_actor       (EntImport             *import,
                                        guint                  line,
                                        EntActor              *actor,
                                        GError               **error);
gboolean    ent_import_add_bloc        (EntImport             *import,
                                        guint                  line,
                                        EntBloc               *bloc,
                                        GError               **error);
/* Names the file's column for a model field (node fields: name, x, y,
 * kind, region, note; edge fields: label, strength, sign, type, since,
 * until, source, note), so that an export writes the same name back. */
void        ent_import_name_field      (EntImport             *import,
                                        gboolean               edge,
                                        const char            *field,
                                        const char            *name);
/* Leaves the model's edge @field (label, strength, sign, type, since,
 * until) unset even when a column's name looks like it: the user chose no
 * column for it, so such columns stay custom attributes. */
void        ent_import_unmap_edge_field (EntImport            *import,
                                         const char           *field);
EntWorld   *ent_import_peek_world      (EntImport             *import);
/* Returns the world (transfer full), or NULL with @error. */
EntWorld   *ent_import_finish          (EntImport             *import,
                                        GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EntImport, ent_import_free)

/* Sets a JSON value from text in the file: "true" and "false" (any case)
 * as booleans when @type says boolean, numbers as numbers … */
typedef enum
{
  ENT_VALUE_STRING,
  ENT_VALUE_INT,
  ENT_VALUE_DOUBLE,
  ENT_VALUE_BOOL,
} EntValueType;

/* NULL when @text does not fit @type. */
JsonNode   *ent_value_parse            (const char            *text,
                                        EntValueType           type);
/* A number when @text is one, otherwise a string. */
JsonNode   *ent_value_guess            (const char            *text);
/* The value as text ("1", "2.5", "true", "x"). */
char       *ent_value_to_string        (JsonNode              *value);
/* Reads a date from "YYYY-MM-DD", "YYYY", a dateTime, or a number (a
 * year, its integer part). */
gboolean    ent_value_to_date          (JsonNode              *value,
                                        EntDate               *out);
const char *ent_value_type_name        (EntValueType           type);

/* ---- Exporting ----------------------------------------------------------
 * The world flattened into nodes and edges with named, typed columns:
 * model fields first (under the names the file was imported with), then
 * custom attributes. Meetings and blocs are not part of it.
 */
typedef enum
{
  ENT_COLUMN_CUSTOM,
  ENT_COLUMN_LABEL,     /* actor name or relation label */
  ENT_COLUMN_X,
  ENT_COLUMN_Y,
  ENT_COLUMN_WEIGHT,
  ENT_COLUMN_SINCE,
  ENT_COLUMN_UNTIL,
  ENT_COLUMN_MODEL,     /* another model field: sign, type, kind, region, note … */
} EntColumnRole;

typedef struct
{
  char          *name;
  EntValueType   type;
  EntColumnRole  role;
} EntColumn;

typedef struct
{
  char      *id;
  char      *source;     /* edges only */
  char      *target;
  JsonObject *values;    /* column name -> scalar JSON value */
} EntExportItem;

typedef struct
{
  gboolean   directed;
  GPtrArray *node_columns;   /* (element-type EntColumn) */
  GPtrArray *edge_columns;
  GPtrArray *graph_columns;
  GPtrArray *nodes;          /* (element-type EntExportItem) */
  GPtrArray *edges;
  JsonObject *graph_values;
  char      *title;
} EntExportTable;

EntExportTable *ent_export_table_new   (EntWorld              *world);
void            ent_export_table_free  (EntExportTable        *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EntExportTable, ent_export_table_free)

/* ---- The modules ------------------------------------------------------- */

typedef EntWorld *(*EntFormatLoadFunc) (GBytes     *bytes,
                                        EntImport  *import,
                                        GError    **error);

EntWorld *ent_graphml_load   (GBytes *bytes, EntImport *import, GError **error);
char     *ent_graphml_to_data (EntWorld *world, gsize *length);
EntWorld *ent_gml_load       (GBytes *bytes, EntImport *import, GError **error);
char     *ent_gml_to_data    (EntWorld *world, gsize *length);
EntWorld *ent_gexf_load      (GBytes *bytes, EntImport *import, GError **error);
char     *ent_gexf_to_data   (EntWorld *world, gsize *length);
EntWorld *ent_pajek_load     (GBytes *bytes, EntImport *import, GError **error);
EntWorld *ent_csv_load_edges (GBytes *bytes, EntImport *import, GError **error);
EntWorld *ent_atop_load      (GBytes *bytes, EntImport *import, GError **error);
EntWorld *ent_cow_load       (GBytes *bytes, EntImport *import, GError **error);

/* ---- CSV records (RFC 4180, with ; and tab too) ------------------------- */

typedef struct _EntCsvReader EntCsvReader;

/* Does not copy @data. @separator 0 sniffs it from the first line. */
EntCsvReader *ent_csv_reader_new    (const char    *data,
                                     gsize          length,
                                     char           separator);
void          ent_csv_reader_free   (EntCsvReader  *reader);
/* The next record's fields (owned by the reader until the next call);
 * NULL at the end or with @error (an unterminated quote). @line receives
 * the line the record starts on. */
GPtrArray    *ent_csv_reader_next   (EntCsvReader  *reader,
                                     guint         *line,
                                     EntImport     *import,
                                     GError       **error);
gsize         ent_csv_reader_offset (EntCsvReader  *reader);
/* Whether ent_csv_reader_next() returned NULL for an error. */
gboolean      ent_csv_reader_failed (EntCsvReader  *reader);
char          ent_csv_sniff_separator (const char  *data,
                                     gsize          length);
/* The index of the header cell named like one of @names (any case), or -1. */
int           ent_csv_find_column   (GPtrArray     *header,
                                     const char * const *names);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EntCsvReader, ent_csv_reader_free)

/* COW country codes: an ISO-like id and a name for @ccode; unknown codes
 * get "COW<ccode>". Returns a new id; @name receives a new string. */
char       *ent_cow_state_id    (int         ccode,
                                 char      **name);
/* Adds the state for @ccode unless the world has it. Returns its id (a
 * new string) or NULL with @error. */
char       *ent_cow_ensure_actor (EntImport  *import,
                                  guint       line,
                                  int         ccode,
                                  const char *name,
                                  GError    **error);
/* A date from year, month and day numbers as the datasets code them: 0
 * (or a value out of range) for an unknown month or day keeps the date
 * to the year or month; a year of 0 or less is no date. */
EntDate     ent_cow_make_date   (int         year,
                                 int         month,
                                 int         day);
/* A whole number from a cell; FALSE for empty, "NA", "." or text. */
gboolean    ent_cow_parse_int   (const char *cell,
                                 int        *out);

/* Skips a UTF-8 byte order mark. */
const char *ent_format_skip_bom (const char *data,
                                 gsize      *length);
/* The line (1-based) of @offset in @data. */
guint       ent_format_line_at  (const char *data,
                                 gsize       offset);

G_END_DECLS
