/* ent-export-dialog.h: export the map as a picture or the data as a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ent-canvas.h"

G_BEGIN_DECLS

/*
 * A modal dialog: pictures (PNG, SVG, PDF) of the whole map or the
 * current view, at a chosen size and scale, with or without background,
 * legend, title and date stamp, drawn by the canvas's painter exactly as
 * on screen; or the data (GraphML, GML, GEXF, CSV, Entente) with the
 * positions the map shows. Picture settings are remembered in @settings
 * (may be NULL).
 *
 * Signals:
 *  - "exported" (const char *message): after a successful export, with a
 *    translated sentence for a toast.
 */
#define ENT_TYPE_EXPORT_DIALOG (ent_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EntExportDialog, ent_export_dialog, ENT, EXPORT_DIALOG, AdwWindow)

EntExportDialog *ent_export_dialog_new        (GtkWindow       *parent,
                                               EntCanvas       *canvas,
                                               const char      *title,
                                               GSettings       *settings);
/* Chooses the format by its position in the list (0 PNG, 1 SVG, 2 PDF,
 * 3 GraphML, 4 GML, 5 GEXF, 6 CSV, 7 Entente). */
void             ent_export_dialog_set_format (EntExportDialog *self,
                                               guint            format);
/* Exports to @path with the current choices, as the Export button does
 * after its file chooser. */
gboolean         ent_export_dialog_export_to  (EntExportDialog *self,
                                               const char      *path,
                                               GError         **error);

G_END_DECLS
