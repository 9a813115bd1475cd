/* ent-csv-import-dialog.h: map a CSV edge list's columns, then import it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ent-format-csv.h"

G_BEGIN_DECLS

/*
 * A modal dialog for a CSV edge list: one row per model field (source,
 * target, type, sign, weight, since, until, label) chooses the column that
 * holds it, starting from the mapping the header names suggest; a preview
 * shows the first records as they will be imported, or why one cannot
 * be. Import reads the whole file (and NAME.nodes.csv beside it) with the
 * chosen mapping on a worker thread, with a progress bar; Cancel stops it
 * and nothing is imported.
 *
 * Signals:
 *  - "imported" (EntWorld *world): the new world (take a reference to keep
 *    it); the dialog closes after emitting it.
 */
#define ENT_TYPE_CSV_IMPORT_DIALOG (ent_csv_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EntCsvImportDialog, ent_csv_import_dialog, ENT, CSV_IMPORT_DIALOG, AdwWindow)

EntCsvImportDialog *ent_csv_import_dialog_new         (GtkWindow          *parent,
                                                       GFile              *file);
/* The mapping the rows show now (transfer full). */
EntCsvMapping      *ent_csv_import_dialog_get_mapping (EntCsvImportDialog *self);
/* Whether an import is running. */
gboolean            ent_csv_import_dialog_is_busy     (EntCsvImportDialog *self);

G_END_DECLS
