/* ent-format-csv.h: CSV edge lists with an optional node list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ent-format.h"

G_BEGIN_DECLS

/*
 * Which column holds what. Each member is a header name as it appears in
 * the file, or NULL when the file has no such column. Columns not named
 * here are kept as custom attributes.
 */
typedef struct
{
  char  separator;     /* ',', ';' or '\t'; 0 to sniff it */
  char *source;        /* required */
  char *target;        /* required */
  char *id;
  char *type;
  char *sign;
  char *weight;
  char *since;         /* also "date" */
  char *until;
  char *label;
} EntCsvMapping;

EntCsvMapping *ent_csv_mapping_new    (void);
void           ent_csv_mapping_free   (EntCsvMapping *mapping);
/* Guesses the separator from the first line and each column's meaning
 * from its header (source/from/actor1/ccode1 …). Returns NULL with @error
 * when no source and target columns can be found. */
EntCsvMapping *ent_csv_mapping_sniff  (const char    *data,
                                       gsize          length,
                                       GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EntCsvMapping, ent_csv_mapping_free)

/* @nodes (may be NULL) is the node list: an id column (id/node/name/key)
 * and attributes. @mapping NULL means sniff. */
EntWorld      *ent_csv_load_bytes     (GBytes                *edges,
                                       GBytes                *nodes,
                                       const EntCsvMapping   *mapping,
                                       const char            *display_name,
                                       GCancellable          *cancellable,
                                       EntFormatProgressFunc  progress,
                                       gpointer               user_data,
                                       GError               **error);
char          *ent_csv_edges_to_data  (EntWorld              *world,
                                       gsize                 *length);
char          *ent_csv_nodes_to_data  (EntWorld              *world,
                                       gsize                 *length);
/* The node list that goes with an edge list: NAME.nodes.csv for NAME.csv
 * and for NAME.edges.csv. */
GFile         *ent_csv_get_nodes_file (GFile                 *edges_file);

/* The column names on the first line of @data, in order. @separator is
 * the separator to use (0 sniffs it) and receives the one used; may be
 * NULL. Returns NULL with @error when the first line cannot be read. */
GStrv          ent_csv_read_header    (const char            *data,
                                       gsize                  length,
                                       char                  *separator,
                                       GError               **error);

/* The mapped fields, as bits of EntCsvPreviewRow.unread. */
typedef enum
{
  ENT_CSV_FIELD_TYPE   = 1 << 0,
  ENT_CSV_FIELD_SIGN   = 1 << 1,
  ENT_CSV_FIELD_WEIGHT = 1 << 2,
  ENT_CSV_FIELD_SINCE  = 1 << 3,
  ENT_CSV_FIELD_UNTIL  = 1 << 4,
  ENT_CSV_FIELD_LABEL  = 1 << 5,
} EntCsvField;

/* One record as an import with a given mapping would read it. */
typedef struct
{
  guint     line;      /* where the record starts in the file */
  GStrv     cells;     /* its fields, as read */
  EntWorld *world;     /* the record imported on its own (a tie of an actor
                        * with itself gives no relation), or NULL */
  double    weight;    /* the weight as read (before scaling), 0 for none */
  guint     unread;    /* EntCsvField bits: mapped cells with text that the
                        * model could not take (kept as custom attributes) */
  char     *error;     /* when @world is NULL: why, without file and line */
} EntCsvPreviewRow;

void           ent_csv_preview_row_free (EntCsvPreviewRow    *row);

/* Reads the header and the first @max_rows records of @data and imports
 * each record on its own with @mapping, for a preview. @data may be the
 * start of a longer file. Returns (element-type EntCsvPreviewRow) the
 * records, or NULL with @error when the header cannot be read or lacks
 * the source or target column. A record that cannot be imported is a row
 * with an error; one that cannot be read (an open quote) ends the list. */
GPtrArray     *ent_csv_preview        (const char            *data,
                                       gsize                  length,
                                       const EntCsvMapping   *mapping,
                                       guint                  max_rows,
                                       GError               **error);

/* As ent_format_load_file() for a CSV edge list, with @mapping (NULL
 * sniffs it); the node list beside it is read too. Safe to call from a
 * worker thread. */
EntWorld      *ent_csv_load_file      (GFile                 *file,
                                       const EntCsvMapping   *mapping,
                                       GCancellable          *cancellable,
                                       EntFormatProgressFunc  progress,
                                       gpointer               user_data,
                                       GError               **error);

G_END_DECLS
