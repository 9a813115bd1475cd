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

G_END_DECLS
