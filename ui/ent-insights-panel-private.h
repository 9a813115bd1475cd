/* ent-insights-panel-private.h: what the tests read and press
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ent-analysis.h"
#include "ent-insights-panel.h"

G_BEGIN_DECLS

typedef enum
{
  ENT_INSIGHTS_WIDGET_METRIC,        /* GtkDropDown: Ties, Weighted degree, Betweenness, ... */
  ENT_INSIGHTS_WIDGET_PATH_FROM,     /* GtkDropDown of actors, in analysis order */
  ENT_INSIGHTS_WIDGET_PATH_TO,
  ENT_INSIGHTS_WIDGET_PATH_COOPERATIVE, /* GtkSwitch */
  ENT_INSIGHTS_WIDGET_FOCUS,         /* GtkSwitch */
  ENT_INSIGHTS_WIDGET_FOCUS_STEPS,   /* GtkSpinButton */
  ENT_INSIGHTS_WIDGET_PROGRESS,      /* GtkRevealer around the progress bar */
  ENT_INSIGHTS_WIDGET_CANCEL,        /* GtkButton */
  ENT_INSIGHTS_WIDGET_REAL_DATA,     /* GtkButton: "Back to the real data" */
  ENT_INSIGHTS_WIDGET_CLEAR,         /* GtkButton: clears the highlight */
  ENT_INSIGHTS_WIDGET_WORLD_SUMMARY, /* GtkLabel */
  ENT_INSIGHTS_WIDGET_ACTOR_SUMMARY, /* GtkLabel */
  ENT_INSIGHTS_WIDGET_PATH_TEXT,     /* GtkLabel */
  ENT_INSIGHTS_WIDGET_WHATIF_TEXT,   /* GtkLabel */
  ENT_INSIGHTS_WIDGET_STATUS,        /* GtkLabel */
} EntInsightsWidget;

GtkWidget         *ent_insights_panel_get_widget          (EntInsightsPanel *self,
                                                           EntInsightsWidget which);

/* The analysis shown (with the what-if changes, if any), and the one of
 * the real data; NULL before the first result. */
const EntAnalysis *ent_insights_panel_get_analysis        (EntInsightsPanel *self);
const EntAnalysis *ent_insights_panel_get_real_analysis   (EntInsightsPanel *self);
/* How many results have been shown so far. */
guint              ent_insights_panel_get_n_results       (EntInsightsPanel *self);
/* TRUE from the start of a computation the panel waits for to its end or
 * cancellation; ent_insights_panel_get_n_running also counts cancelled
 * runs whose worker has not stopped yet. */
gboolean           ent_insights_panel_is_computing        (EntInsightsPanel *self);
guint              ent_insights_panel_get_n_running       (EntInsightsPanel *self);

/* Rows of the lists, in order. */
guint              ent_insights_panel_get_n_unbalanced_rows (EntInsightsPanel *self);
GtkWidget         *ent_insights_panel_get_unbalanced_row  (EntInsightsPanel *self,
                                                           guint             index);
GtkWidget         *ent_insights_panel_get_community_row   (EntInsightsPanel *self,
                                                           guint             index);
GtkWidget         *ent_insights_panel_get_trilateral_row  (EntInsightsPanel *self,
                                                           guint             index);
/* The "Flip" (or "Remove") toggle of @relation_id in the what-if list of
 * the selected actor, or NULL. */
GtkWidget         *ent_insights_panel_get_whatif_toggle   (EntInsightsPanel *self,
                                                           const char       *relation_id,
                                                           gboolean          flip);

/* What the panel last gave the painter: the metric values (NULL for
 * "Ties") and the highlighted actors and pairs (2 indices a pair). */
const double      *ent_insights_panel_get_painter_metric  (EntInsightsPanel *self,
                                                           guint            *n_values);
const guint       *ent_insights_panel_get_highlight       (EntInsightsPanel *self,
                                                           guint            *n_actors,
                                                           const guint     **pairs,
                                                           guint            *n_pairs);

G_END_DECLS
