/* ent-insights-panel.h: the analysis of the map, in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ent-canvas.h"

G_BEGIN_DECLS

#define ENT_TYPE_INSIGHTS_PANEL (ent_insights_panel_get_type ())
G_DECLARE_FINAL_TYPE (EntInsightsPanel, ent_insights_panel, ENT, INSIGHTS_PANEL, GtkWidget)

GtkWidget *ent_insights_panel_new        (void);

/* Binds the panel to @canvas (or NULL): it analyses the canvas's world as
 * of the canvas's date, follows its selection, and sizes and highlights
 * actors through its painter. The panel recomputes when the world emits
 * "changed" or the canvas shows another world. */
void       ent_insights_panel_set_canvas (EntInsightsPanel *self,
                                          EntCanvas        *canvas);
EntCanvas *ent_insights_panel_get_canvas (EntInsightsPanel *self);

/* Recomputes soon (debounced); call it when the canvas's date changes. */
void       ent_insights_panel_refresh    (EntInsightsPanel *self);

G_END_DECLS
