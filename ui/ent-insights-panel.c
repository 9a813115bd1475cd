/* ent-insights-panel.c
 *
 * The analysis (graph/ent-analysis) runs on a snapshot of the world in a
 * GTask worker thread, so the map stays responsive on large worlds. Edits
 * and date changes restart it after a short pause; a newer run cancels the
 * one in progress. Highlights and disc sizes go to the canvas's painter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-insights"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "ent-insights-panel-private.h"
#include "ent-ui-resources.h"

/* Typing a date or dragging through edits should not start a run per step. */
#define RECOMPUTE_DELAY_MS   150
/* Small worlds finish before a progress bar would be worth showing. */
#define PROGRESS_DELAY_MS    400
#define PULSE_INTERVAL_MS    100
#define LARGE_WORLD_ACTORS   2000
#define N_RANKED             10
#define MAX_LIST_ROWS        30
#define MAX_NAMED_MEMBERS    12

typedef enum
{
  HIGHLIGHT_NONE,
  HIGHLIGHT_COMMUNITY,
  HIGHLIGHT_TRIAD,
  HIGHLIGHT_TRILATERAL,
  HIGHLIGHT_PATH,
  HIGHLIGHT_FOCUS,
} HighlightKind;

typedef enum
{
  WHATIF_FLIP = 1,
  WHATIF_REMOVE,
} WhatIfOp;

/* The metric dropdown: position 0 is "Ties" (the painter's default),
 * the others follow this table. */
static const EntMetric dropdown_metrics[] = {
  ENT_METRIC_STRENGTH, ENT_METRIC_BETWEENNESS, ENT_METRIC_EIGENVECTOR, ENT_METRIC_PAGERANK,
};

struct _EntInsightsPanel
{
  GtkWidget            parent_instance;

  GtkWidget           *content;
  GtkRevealer         *progress_revealer;
  GtkProgressBar      *progress_bar;
  GtkButton           *cancel_button;
  GtkRevealer         *whatif_revealer;
  GtkLabel            *whatif_label;
  GtkButton           *real_data_button;
  GtkLabel            *status_label;
  GtkLabel            *world_summary_label;
  GtkLabel            *actor_summary_label;
  GtkDropDown         *metric_dropdown;
  AdwExpanderRow      *ranking_expander;
  AdwPreferencesGroup *blocs_group;
  GtkSwitch           *blocs_switch;
  AdwPreferencesGroup *balance_group;
  GtkLabel            *balance_label;
  GtkButton           *clear_button;
  GtkDropDown         *from_dropdown;
  GtkDropDown         *to_dropdown;
  GtkSwitch           *cooperative_switch;
  GtkLabel            *path_label;
  AdwPreferencesGroup *trilaterals_group;
  GtkSwitch           *focus_switch;
  GtkSpinButton       *focus_steps;
  AdwPreferencesGroup *whatif_group;

  EntCanvas           *canvas;
  EntWorld            *world;        /* the canvas's, watched for "changed" */

  EntAnalysis         *real;         /* of the data as it is */
  EntAnalysis         *whatif;       /* with the what-if changes, or NULL */
  guint                n_results;

  GHashTable          *whatif_ops;   /* relation id -> WhatIfOp */

  GCancellable        *cancellable;  /* of the run the panel waits for */
  guint                recompute_id;
  gboolean             deferred;     /* a large map's analysis waits until shown */
  guint                progress_id;
  guint                pulse_id;
  guint                n_running;
  gboolean             computing;

  /* Rows added to each list, to take them out again (borrowed). */
  GPtrArray           *ranking_rows;
  GPtrArray           *community_rows;
  GPtrArray           *unbalanced_rows;
  GPtrArray           *trilateral_rows;
  GPtrArray           *whatif_rows;
  GtkStringList       *actor_names;  /* the From and To dropdowns' model */

  HighlightKind        highlight_kind;
  guint                highlight_index;
  GArray              *highlight_actors;
  GArray              *highlight_pairs;
  GArray              *painter_metric; /* NULL sizes by ties */

  /* Set while the panel itself changes its controls. */
  gboolean             updating;
};

G_DEFINE_FINAL_TYPE (EntInsightsPanel, ent_insights_panel, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CANVAS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_recompute (EntInsightsPanel *self);

static const EntAnalysis *
shown_analysis (EntInsightsPanel *self)
{
  return self->whatif != NULL ? self->whatif : self->real;
}

static EntPainter *
canvas_painter (EntInsightsPanel *self)
{
  return self->canvas != NULL ? ent_canvas_get_painter (self->canvas) : NULL;
}

static void
queue_canvas_draw (EntInsightsPanel *self)
{
  if (self->canvas != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* The analysis index of the canvas's selected actor, or -1. */
static int
selected_actor (EntInsightsPanel *self)
{
  const EntAnalysis *analysis = shown_analysis (self);
  int selected;

  if (self->canvas == NULL || self->world == NULL || analysis == NULL)
    return -1;
  selected = ent_canvas_get_selected (self->canvas);
  if (selected < 0 || (guint) selected >= ent_world_get_n_actors (self->world))
    return -1;
  return ent_analysis_get_actor_index (analysis, ent_world_get_actor (self->world, (guint) selected)->id);
}

static char *
format_index (double value)
{
  return isnan (value) ? g_strdup (_("none")) : g_strdup_printf ("%.2f", value);
}

/* ---- Rows ------------------------------------------------------------- */

static GtkWidget *
new_row (const char *title,
         const char *subtitle,
         gboolean    activatable)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), activatable);
  return row;
}

static void
clear_group_rows (AdwPreferencesGroup *group,
                  GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
add_group_row (AdwPreferencesGroup *group,
               GPtrArray           *rows,
               GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

static char *
join_names (const EntAnalysis *analysis,
            const guint       *actors,
            guint              n_actors)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint named = MIN (n_actors, MAX_NAMED_MEMBERS);

  for (guint i = 0; i < named; i++)
    {
      if (i > 0)
        g_string_append (text, _(", "));
      g_string_append (text, ent_analysis_get_actor_name (analysis, actors[i]));
    }
  if (n_actors > named)
    {
      g_string_append (text, _(", "));
      g_string_append_printf (text, ngettext ("and %u more", "and %u more", n_actors - named), n_actors - named);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- Highlight -------------------------------------------------------- */

/* Every pair of @actors with a tie (a cooperative one if @cooperative). */
static void
append_pairs_within (const EntAnalysis *analysis,
                     GArray            *actors,
                     gboolean           cooperative,
                     GArray            *pairs)
{
  g_autofree gboolean *inside = g_new0 (gboolean, analysis->n_actors);

  for (guint i = 0; i < actors->len; i++)
    inside[g_array_index (actors, guint, i)] = TRUE;
  for (guint i = 0; i < analysis->pairs->len; i++)
    {
      const EntPair *pair = &g_array_index (analysis->pairs, EntPair, i);

      if (!inside[pair->a] || !inside[pair->b])
        continue;
      if (cooperative && pair->cooperative_weight <= 0)
        continue;
      g_array_append_val (pairs, pair->a);
      g_array_append_val (pairs, pair->b);
    }
}

static GArray *
current_path (EntInsightsPanel  *self,
              const EntAnalysis *analysis)
{
  guint from = gtk_drop_down_get_selected (self->from_dropdown);
  guint to = gtk_drop_down_get_selected (self->to_dropdown);
  EntPathKind kind = gtk_switch_get_active (self->cooperative_switch) ? ENT_PATH_COOPERATIVE : ENT_PATH_ANY;

  if (from >= analysis->n_actors || to >= analysis->n_actors || from == to)
    return NULL;
  return ent_analysis_shortest_path (analysis, from, to, kind, NULL);
}

static void
collect_highlight (EntInsightsPanel  *self,
                   const EntAnalysis *analysis,
                   GArray            *actors,
                   GArray            *pairs)
{
  guint index = self->highlight_index;

  switch (self->highlight_kind)
    {
    case HIGHLIGHT_COMMUNITY:
      if (index < analysis->communities->len)
        {
          const EntCommunity *community = g_ptr_array_index (analysis->communities, index);

          g_array_append_vals (actors, community->members->data, community->members->len);
          append_pairs_within (analysis, actors, TRUE, pairs);
        }
      break;

    case HIGHLIGHT_TRIAD:
      if (index < analysis->unbalanced->len)
        {
          const EntTriad *triad = &g_array_index (analysis->unbalanced, EntTriad, index);
          const guint triad_pairs[6] = {
            triad->actors[0], triad->actors[1],
            triad->actors[0], triad->actors[2],
            triad->actors[1], triad->actors[2],
          };

          g_array_append_vals (actors, triad->actors, 3);
          g_array_append_vals (pairs, triad_pairs, 6);
        }
      break;

    case HIGHLIGHT_TRILATERAL:
      if (index < analysis->trilaterals->len)
        {
          GArray *clique = g_ptr_array_index (analysis->trilaterals, index);

          g_array_append_vals (actors, clique->data, clique->len);
          append_pairs_within (analysis, actors, TRUE, pairs);
        }
      break;

    case HIGHLIGHT_PATH:
      {
        g_autoptr(GArray) path = current_path (self, analysis);

        if (path != NULL)
          {
            g_array_append_vals (actors, path->data, path->len);
            for (guint i = 0; i + 1 < path->len; i++)
              {
                g_array_append_val (pairs, g_array_index (path, guint, i));
                g_array_append_val (pairs, g_array_index (path, guint, i + 1));
              }
          }
      }
      break;

    case HIGHLIGHT_FOCUS:
      {
        int actor = selected_actor (self);
        guint steps = (guint) gtk_spin_button_get_value_as_int (self->focus_steps);
        g_autoptr(GArray) around = NULL;

        if (actor < 0)
          break;
        around = ent_analysis_get_neighbourhood (analysis, (guint) actor, CLAMP (steps, 1, 2), ENT_PATH_ANY, NULL);
        g_array_append_val (actors, actor);
        if (around != NULL)
          g_array_append_vals (actors, around->data, around->len);
        append_pairs_within (analysis, actors, FALSE, pairs);
      }
      break;

    case HIGHLIGHT_NONE:
    default:
      break;
    }
}

/* Recomputes the highlight from what is chosen, and gives it to the painter. */
static void
refresh_highlight (EntInsightsPanel *self)
{
  const EntAnalysis *analysis = shown_analysis (self);
  EntPainter *painter = canvas_painter (self);

  g_array_set_size (self->highlight_actors, 0);
  g_array_set_size (self->highlight_pairs, 0);
  if (analysis != NULL)
    collect_highlight (self, analysis, self->highlight_actors, self->highlight_pairs);
  /* A path or focus follows its controls and may light up again later. */
  if (self->highlight_actors->len == 0 && self->highlight_kind != HIGHLIGHT_PATH
      && self->highlight_kind != HIGHLIGHT_FOCUS)
    self->highlight_kind = HIGHLIGHT_NONE;

  if (painter != NULL)
    ent_painter_set_highlight (painter,
                               (const guint *) self->highlight_actors->data, self->highlight_actors->len,
                               (const guint *) self->highlight_pairs->data, self->highlight_pairs->len / 2);
  queue_canvas_draw (self);
}

static void
set_highlight (EntInsightsPanel *self,
               HighlightKind     kind,
               guint             index)
{
  self->highlight_kind = kind;
  self->highlight_index = index;
  if (kind != HIGHLIGHT_FOCUS && gtk_switch_get_active (self->focus_switch))
    {
      self->updating = TRUE;
      gtk_switch_set_active (self->focus_switch, FALSE);
      self->updating = FALSE;
    }
  refresh_highlight (self);
}

/* A second click on the highlighted row clears it. */
static void
toggle_highlight (EntInsightsPanel *self,
                  HighlightKind     kind,
                  GtkWidget        *row)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "index"));

  if (self->highlight_kind == kind && self->highlight_index == index)
    set_highlight (self, HIGHLIGHT_NONE, 0);
  else
    set_highlight (self, kind, index);
}

static void
community_activated_cb (EntInsightsPanel *self,
                        GtkWidget        *row)
{
  toggle_highlight (self, HIGHLIGHT_COMMUNITY, row);
}

static void
triad_activated_cb (EntInsightsPanel *self,
                    GtkWidget        *row)
{
  toggle_highlight (self, HIGHLIGHT_TRIAD, row);
}

static void
trilateral_activated_cb (EntInsightsPanel *self,
                         GtkWidget        *row)
{
  toggle_highlight (self, HIGHLIGHT_TRILATERAL, row);
}

static void
clear_clicked_cb (EntInsightsPanel *self)
{
  set_highlight (self, HIGHLIGHT_NONE, 0);
}

static void
focus_changed_cb (EntInsightsPanel *self)
{
  if (self->updating)
    return;
  if (gtk_switch_get_active (self->focus_switch))
    set_highlight (self, HIGHLIGHT_FOCUS, 0);
  else if (self->highlight_kind == HIGHLIGHT_FOCUS)
    set_highlight (self, HIGHLIGHT_NONE, 0);
}

static void
focus_steps_changed_cb (EntInsightsPanel *self)
{
  if (self->highlight_kind == HIGHLIGHT_FOCUS)
    refresh_highlight (self);
}

/* ---- Summaries -------------------------------------------------------- */

static void
update_summaries (EntInsightsPanel *self)
{
  const EntAnalysis *analysis = shown_analysis (self);
  int actor = selected_actor (self);
  g_autofree char *world_text = NULL;
  g_autofree char *actor_text = NULL;

  if (analysis != NULL)
    world_text = ent_analysis_describe_world (analysis);
  else if (self->world == NULL)
    world_text = g_strdup (_("Open a map to analyse it."));
  else
    world_text = g_strdup (_("Analysing the map…"));
  gtk_label_set_text (self->world_summary_label, world_text);

  if (actor >= 0)
    actor_text = ent_analysis_describe_actor (analysis, (guint) actor);
  else
    actor_text = g_strdup (_("Select an actor on the map to read about it here."));
  gtk_label_set_text (self->actor_summary_label, actor_text);
}

/* ---- Who matters most ------------------------------------------------- */

static const char *
metric_explanation (guint position)
{
  switch (position)
    {
    case 1:
      return _("How engaged each actor is: the strength of all its ties, friendly or not.");
    case 2:
      return _("How often an actor lies on the shortest route between two others: a broker.");
    case 3:
      return _("How well connected an actor’s partners are: influence through friends.");
    case 4:
      return _("Like eigenvector, but each partner’s influence is shared among its many ties.");
    case 0:
    default:
      return _("The number of other actors each actor has a tie with.");
    }
}

static char *
format_metric_value (guint  position,
                     double value)
{
  switch (position)
    {
    case 0:
      return g_strdup_printf (ngettext ("%u tie", "%u ties", (guint) value), (guint) value);
    case 2:
      return g_strdup_printf ("%.1f", value);
    case 4:
      return g_strdup_printf ("%.3f", value);
    default:
      return g_strdup_printf ("%.2f", value);
    }
}

/* Ties per actor: the number of pairs each is in. */
static double *
count_ties (const EntAnalysis *analysis)
{
  double *counts = g_new0 (double, MAX (analysis->n_actors, 1));

  for (guint i = 0; i < analysis->pairs->len; i++)
    {
      const EntPair *pair = &g_array_index (analysis->pairs, EntPair, i);

      counts[pair->a] += 1;
      counts[pair->b] += 1;
    }
  return counts;
}

static int
compare_by_value_cb (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const double *values = user_data;
  guint i = *(const guint *) a;
  guint j = *(const guint *) b;

  if (values[i] != values[j])
    return values[i] > values[j] ? -1 : 1;
  return i < j ? -1 : (i > j);
}

static void
update_ranking (EntInsightsPanel *self,
                guint             position)
{
  const EntAnalysis *analysis = shown_analysis (self);
  g_autofree double *tie_counts = NULL;
  g_autoptr(GArray) order = NULL;
  const double *values;

  for (guint i = 0; i < self->ranking_rows->len; i++)
    adw_expander_row_remove (self->ranking_expander, g_ptr_array_index (self->ranking_rows, i));
  g_ptr_array_set_size (self->ranking_rows, 0);
  adw_expander_row_set_subtitle (self->ranking_expander, metric_explanation (position));
  if (analysis == NULL)
    return;

  if (position == 0)
    {
      tie_counts = count_ties (analysis);
      values = tie_counts;
      order = g_array_sized_new (FALSE, FALSE, sizeof (guint), analysis->n_actors);
      for (guint i = 0; i < analysis->n_actors; i++)
        g_array_append_val (order, i);
      g_array_sort_with_data (order, compare_by_value_cb, tie_counts);
    }
  else
    {
      values = ent_analysis_get_metric (analysis, dropdown_metrics[position - 1]);
      order = ent_analysis_rank (analysis, dropdown_metrics[position - 1]);
    }

  for (guint i = 0; i < MIN (order->len, N_RANKED); i++)
    {
      guint actor = g_array_index (order, guint, i);
      g_autofree char *title = g_strdup_printf (_("%u. %s"), i + 1, ent_analysis_get_actor_name (analysis, actor));
      g_autofree char *value = format_metric_value (position, values[actor]);
      GtkWidget *row = new_row (title, NULL, FALSE);
      GtkWidget *label = gtk_label_new (value);

      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_expander_row_add_row (self->ranking_expander, row);
      g_ptr_array_add (self->ranking_rows, row);
    }
}

static void
update_metric (EntInsightsPanel *self)
{
  const EntAnalysis *analysis = shown_analysis (self);
  EntPainter *painter = canvas_painter (self);
  guint position = gtk_drop_down_get_selected (self->metric_dropdown);

  if (position > G_N_ELEMENTS (dropdown_metrics))
    position = 0;

  g_clear_pointer (&self->painter_metric, g_array_unref);
  if (analysis != NULL && position > 0)
    {
      const double *values = ent_analysis_get_metric (analysis, dropdown_metrics[position - 1]);

      self->painter_metric = g_array_sized_new (FALSE, FALSE, sizeof (double), analysis->n_actors);
      g_array_append_vals (self->painter_metric, values, analysis->n_actors);
    }
  if (painter != NULL)
    {
      if (self->painter_metric != NULL)
        ent_painter_set_metric (painter, (const double *) self->painter_metric->data, self->painter_metric->len);
      else
        ent_painter_set_metric (painter, NULL, 0);
    }
  queue_canvas_draw (self);
  update_ranking (self, position);
}

static void
metric_changed_cb (EntInsightsPanel *self)
{
  update_metric (self);
}

/* ---- Suggested blocs -------------------------------------------------- */

static char *
describe_community (const EntAnalysis  *analysis,
                    const EntCommunity *community)
{
  g_autofree char *members = join_names (analysis, (const guint *) community->members->data, community->members->len);

  if (community->best_bloc < 0)
    return g_strdup_printf (_("%s. It matches no declared bloc."), members);
  return g_strdup_printf (_("%s. Closest declared bloc: %s (%.0f%% the same members)."),
                          members, ent_analysis_get_bloc_name (analysis, (guint) community->best_bloc),
                          100.0 * community->jaccard);
}

/* Outlines the suggested blocs on the map while the switch is on. */
static void
update_suggested_hulls (EntInsightsPanel *self)
{
  const EntAnalysis *analysis = shown_analysis (self);
  EntPainter *painter = canvas_painter (self);

  if (painter == NULL)
    return;
  if (analysis != NULL && gtk_switch_get_active (self->blocs_switch))
    ent_painter_set_suggested_blocs (painter, analysis->community, analysis->n_actors);
  else
    ent_painter_set_suggested_blocs (painter, NULL, 0);
  queue_canvas_draw (self);
}

static void
update_communities (EntInsightsPanel *self)
{
  const EntAnalysis *analysis = shown_analysis (self);
  guint n_alone = 0;
  guint n_listed = 0;
  g_autofree char *description = NULL;

  clear_group_rows (self->blocs_group, self->community_rows);
  update_suggested_hulls (self);
  if (analysis == NULL)
    {
      adw_preferences_group_set_description (self->blocs_group, NULL);
      return;
    }

  for (guint i = 0; i < analysis->communities->len; i++)
    {
      const EntCommunity *community = g_ptr_array_index (analysis->communities, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (community->members->len < 2)
        {
          n_alone++;
          continue;
        }
      if (n_listed == MAX_LIST_ROWS)
        continue;
      title = g_strdup_printf (ngettext ("Bloc %u: %u actor", "Bloc %u: %u actors", community->members->len),
                               n_listed + 1, community->members->len);
      subtitle = describe_community (analysis, community);
      row = new_row (title, subtitle, TRUE);
      g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (i));
      g_signal_connect_object (row, "activated", G_CALLBACK (community_activated_cb), self, G_CONNECT_SWAPPED);
      add_group_row (self->blocs_group, self->community_rows, row);
      n_listed++;
    }

  if (isnan (analysis->modularity))
    description = g_strdup (_("There are no cooperative ties to group actors by."));
  else
    description = g_strdup_printf (_("Actors that cooperate more among themselves than with the rest, found in the "
                                     "data (modularity %.2f; above 0.3 is a clear split). Click a bloc to see it "
                                     "on the map."),
                                   analysis->modularity);
  if (n_alone > 0)
    {
      g_autofree char *alone = g_strdup_printf (ngettext ("%u actor has no cooperative tie.",
                                                          "%u actors have no cooperative tie.", n_alone),
                                                n_alone);
      g_autofree char *both = g_strconcat (description, " ", alone, NULL);

      g_free (description);
      description = g_steal_pointer (&both);
    }
  adw_preferences_group_set_description (self->blocs_group, description);
}

/* ---- Structural balance ----------------------------------------------- */

/* Why a triangle is unbalanced, in words. signs[] are those of (a, b),
 * (a, c) and (b, c). */
static char *
explain_triad (const EntAnalysis *analysis,
               const EntTriad    *triad)
{
  static const guint ends[3][2] = { { 0, 1 }, { 0, 2 }, { 1, 2 } };
  const char *names[3];
  guint n_adversarial = 0;
  int adversarial = -1;

  for (guint i = 0; i < 3; i++)
    {
      names[i] = ent_analysis_get_actor_name (analysis, triad->actors[i]);
      if (triad->signs[i] < 0)
        {
          n_adversarial++;
          adversarial = (int) i;
        }
    }

  if (n_adversarial == 1)
    {
      guint x = ends[adversarial][0];
      guint y = ends[adversarial][1];
      guint z = 3 - x - y;

      return g_strdup_printf (_("%s and %s are adversaries, yet both cooperate with %s: "
                                "“the friend of my friend is my enemy” is a strain."),
                              names[x], names[y], names[z]);
    }
  if (n_adversarial == 3)
    return g_strdup_printf (_("%s, %s and %s are all adversaries of one another: "
                              "no two of them side together against the third."),
                            names[0], names[1], names[2]);
  return g_strdup_printf (_("%s, %s and %s do not fit the rule that the friend of a friend is a friend."),
                          names[0], names[1], names[2]);
}

static void
update_balance (EntInsightsPanel *self)
{
  const EntAnalysis *analysis = shown_analysis (self);
  g_autofree char *text = NULL;

  clear_group_rows (self->balance_group, self->unbalanced_rows);
  if (analysis == NULL)
    {
      gtk_label_set_text (self->balance_label, "");
      return;
    }

  if (analysis->n_triangles == 0)
    text = g_strdup (_("There are no triangles of ties to test for balance."));
  else
    {
      g_autofree char *index = format_index (analysis->balance_index);

      text = g_strdup_printf (ngettext ("%u of %u triangle is balanced (balance index %s); %u is unbalanced. "
                                        "Unbalanced triangles are under strain: one of the ties tends to change.",
                                        "%u of %u triangles are balanced (balance index %s); %u are unbalanced. "
                                        "Unbalanced triangles are under strain: one of the ties tends to change.",
                                        analysis->n_triangles),
                              analysis->n_balanced, analysis->n_triangles, index, analysis->n_unbalanced);
    }
  if (analysis->unbalanced->len > MAX_LIST_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_("The first %u are listed."), MAX_LIST_ROWS);
      g_autofree char *both = g_strconcat (text, " ", more, NULL);

      g_free (text);
      text = g_steal_pointer (&both);
    }
  gtk_label_set_text (self->balance_label, text);

  for (guint i = 0; i < MIN (analysis->unbalanced->len, MAX_LIST_ROWS); i++)
    {
      const EntTriad *triad = &g_array_index (analysis->unbalanced, EntTriad, i);
      g_autofree char *title = join_names (analysis, triad->actors, 3);
      g_autofree char *subtitle = explain_triad (analysis, triad);
      GtkWidget *row = new_row (title, subtitle, TRUE);

      g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (i));
      g_signal_connect_object (row, "activated", G_CALLBACK (triad_activated_cb), self, G_CONNECT_SWAPPED);
      add_group_row (self->balance_group, self->unbalanced_rows, row);
    }
}

/* ---- Trilaterals ------------------------------------------------------ */

static void
update_trilaterals (EntInsightsPanel *self)
{
  const EntAnalysis *analysis = shown_analysis (self);

  clear_group_rows (self->trilaterals_group, self->trilateral_rows);
  if (analysis == NULL)
    return;

  for (guint i = 0; i < MIN (analysis->trilaterals->len, MAX_LIST_ROWS); i++)
    {
      GArray *clique = g_ptr_array_index (analysis->trilaterals, i);
      g_autofree char *title = join_names (analysis, (const guint *) clique->data, clique->len);
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u actor who all cooperate",
                                                             "%u actors who all cooperate", clique->len),
                                                   clique->len);
      GtkWidget *row = new_row (title, subtitle, TRUE);

      g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (i));
      g_signal_connect_object (row, "activated", G_CALLBACK (trilateral_activated_cb), self, G_CONNECT_SWAPPED);
      add_group_row (self->trilaterals_group, self->trilateral_rows, row);
    }
  if (analysis->trilaterals->len == 0)
    add_group_row (self->trilaterals_group, self->trilateral_rows,
                   new_row (_("No three actors all cooperate with one another"), NULL, FALSE));
}

/* ---- Paths ------------------------------------------------------------ */

static void
update_path (EntInsightsPanel *self)
{
  const EntAnalysis *analysis = shown_analysis (self);
  guint from = gtk_drop_down_get_selected (self->from_dropdown);
  guint to = gtk_drop_down_get_selected (self->to_dropdown);
  EntPathKind kind = gtk_switch_get_active (self->cooperative_switch) ? ENT_PATH_COOPERATIVE : ENT_PATH_ANY;
  g_autofree char *text = NULL;

  if (analysis == NULL || from >= analysis->n_actors || to >= analysis->n_actors)
    gtk_label_set_text (self->path_label, _("Choose two actors to see how one reaches the other."));
  else if (from == to)
    gtk_label_set_text (self->path_label, _("Choose two different actors."));
  else
    {
      text = ent_analysis_explain_path (analysis, from, to, kind);
      gtk_label_set_text (self->path_label, text);
    }
}

static void
path_changed_cb (EntInsightsPanel *self)
{
  const EntAnalysis *analysis = shown_analysis (self);
  g_autoptr(GArray) path = NULL;

  if (self->updating)
    return;
  update_path (self);
  path = analysis != NULL ? current_path (self, analysis) : NULL;
  if (path != NULL)
    set_highlight (self, HIGHLIGHT_PATH, 0);
  else if (self->highlight_kind == HIGHLIGHT_PATH)
    set_highlight (self, HIGHLIGHT_NONE, 0);
}

/* Refills the From and To lists, keeping the chosen actors by id. */
static void
update_actor_names (EntInsightsPanel *self,
                    const char       *from_id,
                    const char       *to_id)
{
  const EntAnalysis *analysis = shown_analysis (self);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->actor_names));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  int from = -1;
  int to = -1;

  if (analysis != NULL)
    {
      for (guint i = 0; i < analysis->n_actors; i++)
        g_ptr_array_add (names, (gpointer) ent_analysis_get_actor_name (analysis, i));
      from = from_id != NULL ? ent_analysis_get_actor_index (analysis, from_id) : -1;
      to = to_id != NULL ? ent_analysis_get_actor_index (analysis, to_id) : -1;
    }
  g_ptr_array_add (names, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->actor_names, 0, n_items, (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->from_dropdown, from >= 0 ? (guint) from : GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (self->to_dropdown, to >= 0 ? (guint) to : GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;
}

/* ---- What-if ---------------------------------------------------------- */

static EntAnalysisOverrides *
build_overrides (EntInsightsPanel *self)
{
  EntAnalysisOverrides *overrides = ent_analysis_overrides_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->whatif_ops);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (GPOINTER_TO_INT (value) == WHATIF_FLIP)
        ent_analysis_overrides_flip_relation (overrides, key);
      else
        ent_analysis_overrides_remove_relation (overrides, key);
    }
  return overrides;
}

static void
update_banner (EntInsightsPanel *self)
{
  guint n_changes = g_hash_table_size (self->whatif_ops);
  g_autofree char *text = NULL;

  gtk_revealer_set_reveal_child (self->whatif_revealer, n_changes > 0);
  if (n_changes == 0)
    return;

  if (self->real != NULL && self->whatif != NULL)
    {
      g_autofree char *before = format_index (self->real->balance_index);
      g_autofree char *after = format_index (self->whatif->balance_index);

      text = g_strdup_printf (ngettext ("What-if: %u change — balance index %s → %s",
                                        "What-if: %u changes — balance index %s → %s", n_changes),
                              n_changes, before, after);
    }
  else
    text = g_strdup_printf (ngettext ("What-if: %u change", "What-if: %u changes", n_changes), n_changes);
  gtk_label_set_text (self->whatif_label, text);
}

static void
whatif_toggled_cb (GtkToggleButton  *toggle,
                   EntInsightsPanel *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (toggle), ADW_TYPE_ACTION_ROW);
  const char *relation_id = g_object_get_data (G_OBJECT (row), "relation-id");
  GtkToggleButton *flip = g_object_get_data (G_OBJECT (row), "flip-toggle");
  GtkToggleButton *remove = g_object_get_data (G_OBJECT (row), "remove-toggle");
  GtkToggleButton *other = toggle == flip ? remove : flip;

  if (self->updating)
    return;

  self->updating = TRUE;
  if (gtk_toggle_button_get_active (toggle))
    {
      gtk_toggle_button_set_active (other, FALSE);
      g_hash_table_insert (self->whatif_ops, g_strdup (relation_id),
                           GINT_TO_POINTER (toggle == flip ? WHATIF_FLIP : WHATIF_REMOVE));
    }
  else
    g_hash_table_remove (self->whatif_ops, relation_id);
  self->updating = FALSE;

  update_banner (self);
  schedule_recompute (self);
}

static GtkWidget *
new_whatif_toggle (EntInsightsPanel *self,
                   const char       *label,
                   const char       *tooltip,
                   gboolean          active)
{
  GtkWidget *toggle = gtk_toggle_button_new_with_label (label);

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (toggle, tooltip);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), active);
  g_signal_connect_object (toggle, "toggled", G_CALLBACK (whatif_toggled_cb), self, 0);
  return toggle;
}

static GtkWidget *
new_whatif_row (EntInsightsPanel  *self,
                const EntActor    *actor,
                const EntRelation *relation)
{
  const char *other_id = g_str_equal (relation->actor_a, actor->id) ? relation->actor_b : relation->actor_a;
  const EntActor *other = ent_world_lookup_actor (self->world, other_id);
  WhatIfOp op = GPOINTER_TO_INT (g_hash_table_lookup (self->whatif_ops, relation->id));
  g_autofree char *title = g_strdup_printf (_("%s with %s"), ent_relation_type_get_label (relation->type),
                                            other != NULL ? ent_actor_get_display_name (other) : other_id);
  GtkWidget *row = new_row (title, relation->sign < 0 ? _("adversarial") : _("cooperative"), FALSE);
  GtkWidget *flip = new_whatif_toggle (self, _("Flip"), _("Imagine this tie the other way round"),
                                       op == WHATIF_FLIP);
  GtkWidget *remove = new_whatif_toggle (self, _("Remove"), _("Imagine this tie gone"), op == WHATIF_REMOVE);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), flip);
  gtk_box_append (GTK_BOX (box), remove);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "relation-id", g_strdup (relation->id), g_free);
  g_object_set_data (G_OBJECT (row), "flip-toggle", flip);
  g_object_set_data (G_OBJECT (row), "remove-toggle", remove);
  return row;
}

static void
update_whatif_rows (EntInsightsPanel *self)
{
  int selected = self->canvas != NULL ? ent_canvas_get_selected (self->canvas) : -1;
  const EntActor *actor;
  g_autoptr(GPtrArray) relations = NULL;
  g_autofree char *description = NULL;

  clear_group_rows (self->whatif_group, self->whatif_rows);
  if (self->world == NULL || selected < 0 || (guint) selected >= ent_world_get_n_actors (self->world))
    {
      adw_preferences_group_set_description (self->whatif_group,
                                             _("Select an actor on the map to imagine its relations "
                                               "otherwise. The data itself is never changed."));
      return;
    }

  actor = ent_world_get_actor (self->world, (guint) selected);
  description = g_strdup_printf (_("Flip or remove %s’s relations to see what would change. "
                                   "The data itself is never changed."),
                                 ent_actor_get_display_name (actor));
  adw_preferences_group_set_description (self->whatif_group, description);
  relations = ent_world_get_relations_of (self->world, actor->id, ent_canvas_get_date (self->canvas));
  for (guint i = 0; i < relations->len; i++)
    add_group_row (self->whatif_group, self->whatif_rows,
                   new_whatif_row (self, actor, g_ptr_array_index (relations, i)));
  if (relations->len == 0)
    add_group_row (self->whatif_group, self->whatif_rows, new_row (_("No relations on this date"), NULL, FALSE));
}

static void
real_data_clicked_cb (EntInsightsPanel *self)
{
  g_hash_table_remove_all (self->whatif_ops);
  update_whatif_rows (self);
  update_banner (self);
  schedule_recompute (self);
}

/* ---- Results ---------------------------------------------------------- */

static void
show_results (EntInsightsPanel *self,
              EntAnalysis      *real,
              EntAnalysis      *whatif)
{
  const EntAnalysis *before = shown_analysis (self);
  guint from = gtk_drop_down_get_selected (self->from_dropdown);
  guint to = gtk_drop_down_get_selected (self->to_dropdown);
  g_autofree char *from_id = NULL;
  g_autofree char *to_id = NULL;

  if (before != NULL && from < before->n_actors)
    from_id = g_strdup (ent_analysis_get_actor_id (before, from));
  if (before != NULL && to < before->n_actors)
    to_id = g_strdup (ent_analysis_get_actor_id (before, to));

  g_clear_pointer (&self->real, ent_analysis_free);
  g_clear_pointer (&self->whatif, ent_analysis_free);
  self->real = real;
  self->whatif = whatif;
  self->n_results++;

  /* Rows are rebuilt, so a highlighted row's index may now name another. */
  if (self->highlight_kind != HIGHLIGHT_PATH && self->highlight_kind != HIGHLIGHT_FOCUS)
    self->highlight_kind = HIGHLIGHT_NONE;

  update_actor_names (self, from_id, to_id);
  update_summaries (self);
  update_metric (self);
  update_communities (self);
  update_balance (self);
  update_trilaterals (self);
  update_path (self);
  update_whatif_rows (self);
  update_banner (self);
  refresh_highlight (self);
}

/* ---- Computing -------------------------------------------------------- */

typedef struct
{
  EntAnalysisInput *real;
  EntAnalysisInput *whatif;   /* NULL without what-if changes */
} Job;

typedef struct
{
  EntAnalysis *real;
  EntAnalysis *whatif;
} JobResult;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->real, ent_analysis_input_unref);
  g_clear_pointer (&job->whatif, ent_analysis_input_unref);
  g_free (job);
}

static void
job_result_free (JobResult *result)
{
  g_clear_pointer (&result->real, ent_analysis_free);
  g_clear_pointer (&result->whatif, ent_analysis_free);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JobResult, job_result_free)

static void
compute_thread_cb (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(JobResult) result = g_new0 (JobResult, 1);
  GError *error = NULL;

  result->real = ent_analysis_compute_from_input (job->real, cancellable, &error);
  if (result->real != NULL && job->whatif != NULL)
    result->whatif = ent_analysis_compute_from_input (job->whatif, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) job_result_free);
}

static gboolean
pulse_cb (gpointer user_data)
{
  EntInsightsPanel *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static gboolean
show_progress_cb (gpointer user_data)
{
  EntInsightsPanel *self = user_data;

  self->progress_id = 0;
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  if (self->pulse_id == 0)
    self->pulse_id = g_timeout_add (PULSE_INTERVAL_MS, pulse_cb, self);
  return G_SOURCE_REMOVE;
}

static void
stop_progress (EntInsightsPanel *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
}

static void
start_progress (EntInsightsPanel *self,
                gboolean          large)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (large)
    show_progress_cb (self);
  else if (!gtk_revealer_get_reveal_child (self->progress_revealer))
    self->progress_id = g_timeout_add (PROGRESS_DELAY_MS, show_progress_cb, self);
}

/* Forgets the run in progress; its worker stops at its next check. */
static void
cancel_computation (EntInsightsPanel *self)
{
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->computing = FALSE;
  stop_progress (self);
}

static void
show_status (EntInsightsPanel *self,
             const char       *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(EntInsightsPanel) self = user_data;
  g_autoptr(JobResult) job_result = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  g_assert (self->n_running > 0);
  self->n_running--;

  job_result = g_task_propagate_pointer (G_TASK (result), &error);
  /* A cancelled run was replaced or stopped by whoever cancelled it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || cancellable != self->cancellable)
    return;

  self->computing = FALSE;
  g_clear_object (&self->cancellable);
  stop_progress (self);
  if (job_result == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The map could not be analysed: %s"), error->message);

      g_warning ("%s", error->message);
      show_status (self, text);
      return;
    }
  show_results (self, g_steal_pointer (&job_result->real), g_steal_pointer (&job_result->whatif));
}

static void
start_computation (EntInsightsPanel *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;
  EntDate at;

  cancel_computation (self);
  self->deferred = FALSE;
  show_status (self, NULL);
  if (self->world == NULL)
    {
      show_results (self, NULL, NULL);
      return;
    }

  at = ent_canvas_get_date (self->canvas);
  job = g_new0 (Job, 1);
  job->real = ent_analysis_input_new (self->world, at, NULL);
  if (g_hash_table_size (self->whatif_ops) > 0)
    {
      g_autoptr(EntAnalysisOverrides) overrides = build_overrides (self);

      job->whatif = ent_analysis_input_new (self->world, at, overrides);
    }

  self->cancellable = g_cancellable_new ();
  self->computing = TRUE;
  self->n_running++;
  start_progress (self, ent_world_get_n_actors (self->world) > LARGE_WORLD_ACTORS);

  task = g_task_new (self, self->cancellable, computed_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_computation);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* The analysis notices cancellation itself and returns its own error. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, compute_thread_cb);
}

static gboolean
recompute_cb (gpointer user_data)
{
  EntInsightsPanel *self = user_data;

  self->recompute_id = 0;
  /* A large map's analysis takes a core for seconds or minutes: not
   * while nobody can see it. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) && self->world != NULL &&
      ent_world_get_n_actors (self->world) > LARGE_WORLD_ACTORS)
    {
      cancel_computation (self);
      self->deferred = TRUE;
      return G_SOURCE_REMOVE;
    }
  start_computation (self);
  return G_SOURCE_REMOVE;
}

static void
ent_insights_panel_map (GtkWidget *widget)
{
  EntInsightsPanel *self = ENT_INSIGHTS_PANEL (widget);

  GTK_WIDGET_CLASS (ent_insights_panel_parent_class)->map (widget);
  if (self->deferred && self->recompute_id == 0)
    {
      self->deferred = FALSE;
      start_computation (self);
    }
}

static void
schedule_recompute (EntInsightsPanel *self)
{
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  self->recompute_id = g_timeout_add (RECOMPUTE_DELAY_MS, recompute_cb, self);
}

static void
cancel_clicked_cb (EntInsightsPanel *self)
{
  if (!self->computing && self->recompute_id == 0)
    return;
  cancel_computation (self);
  show_status (self, _("Analysis stopped. The results shown are from before the last change."));
}

/* ---- The canvas and its world ----------------------------------------- */

static void
world_changed_cb (EntInsightsPanel *self)
{
  schedule_recompute (self);
}

static void
bind_world (EntInsightsPanel *self,
            EntWorld         *world)
{
  if (self->world == world)
    return;
  if (self->world != NULL)
    g_signal_handlers_disconnect_by_func (self->world, world_changed_cb, self);
  g_set_object (&self->world, world);
  if (world != NULL)
    g_signal_connect_object (world, "changed", G_CALLBACK (world_changed_cb), self, G_CONNECT_SWAPPED);

  /* What-if changes name relations of the previous document. */
  g_hash_table_remove_all (self->whatif_ops);
  update_banner (self);
  update_whatif_rows (self);
  update_summaries (self);
  schedule_recompute (self);
}

static void
canvas_world_changed_cb (EntInsightsPanel *self)
{
  bind_world (self, ent_canvas_get_world (self->canvas));
}

static void
canvas_selected_changed_cb (EntInsightsPanel *self)
{
  update_summaries (self);
  update_whatif_rows (self);
  if (self->highlight_kind == HIGHLIGHT_FOCUS)
    refresh_highlight (self);
}

void
ent_insights_panel_set_canvas (EntInsightsPanel *self,
                               EntCanvas        *canvas)
{
  EntPainter *painter;

  g_return_if_fail (ENT_IS_INSIGHTS_PANEL (self));
  g_return_if_fail (canvas == NULL || ENT_IS_CANVAS (canvas));

  if (self->canvas == canvas)
    return;

  if (self->canvas != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->canvas, self);
      /* The metric and highlight were ours to give; take them back. */
      painter = canvas_painter (self);
      if (painter != NULL)
        {
          ent_painter_set_metric (painter, NULL, 0);
          ent_painter_set_highlight (painter, NULL, 0, NULL, 0);
          ent_painter_set_suggested_blocs (painter, NULL, 0);
        }
      queue_canvas_draw (self);
    }
  g_set_object (&self->canvas, canvas);
  if (canvas != NULL)
    {
      g_signal_connect_object (canvas, "notify::world", G_CALLBACK (canvas_world_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (canvas, "notify::selected", G_CALLBACK (canvas_selected_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  bind_world (self, canvas != NULL ? ent_canvas_get_world (canvas) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANVAS]);
}

EntCanvas *
ent_insights_panel_get_canvas (EntInsightsPanel *self)
{
  g_return_val_if_fail (ENT_IS_INSIGHTS_PANEL (self), NULL);
  return self->canvas;
}

void
ent_insights_panel_refresh (EntInsightsPanel *self)
{
  g_return_if_fail (ENT_IS_INSIGHTS_PANEL (self));
  schedule_recompute (self);
}

/* ---- For tests ---------------------------------------------------------- */

GtkWidget *
ent_insights_panel_get_widget (EntInsightsPanel  *self,
                               EntInsightsWidget  which)
{
  g_return_val_if_fail (ENT_IS_INSIGHTS_PANEL (self), NULL);

  switch (which)
    {
    case ENT_INSIGHTS_WIDGET_METRIC:
      return GTK_WIDGET (self->metric_dropdown);
    case ENT_INSIGHTS_WIDGET_PATH_FROM:
      return GTK_WIDGET (self->from_dropdown);
    case ENT_INSIGHTS_WIDGET_PATH_TO:
      return GTK_WIDGET (self->to_dropdown);
    case ENT_INSIGHTS_WIDGET_PATH_COOPERATIVE:
      return GTK_WIDGET (self->cooperative_switch);
    case ENT_INSIGHTS_WIDGET_FOCUS:
      return GTK_WIDGET (self->focus_switch);
    case ENT_INSIGHTS_WIDGET_FOCUS_STEPS:
      return GTK_WIDGET (self->focus_steps);
    case ENT_INSIGHTS_WIDGET_PROGRESS:
      return GTK_WIDGET (self->progress_revealer);
    case ENT_INSIGHTS_WIDGET_CANCEL:
      return GTK_WIDGET (self->cancel_button);
    case ENT_INSIGHTS_WIDGET_REAL_DATA:
      return GTK_WIDGET (self->real_data_button);
    case ENT_INSIGHTS_WIDGET_CLEAR:
      return GTK_WIDGET (self->clear_button);
    case ENT_INSIGHTS_WIDGET_WORLD_SUMMARY:
      return GTK_WIDGET (self->world_summary_label);
    case ENT_INSIGHTS_WIDGET_ACTOR_SUMMARY:
      return GTK_WIDGET (self->actor_summary_label);
    case ENT_INSIGHTS_WIDGET_PATH_TEXT:
      return GTK_WIDGET (self->path_label);
    case ENT_INSIGHTS_WIDGET_WHATIF_TEXT:
      return GTK_WIDGET (self->whatif_label);
    case ENT_INSIGHTS_WIDGET_STATUS:
      return GTK_WIDGET (self->status_label);
    default:
      g_return_val_if_reached (NULL);
    }
}

const EntAnalysis *
ent_insights_panel_get_analysis (EntInsightsPanel *self)
{
  g_return_val_if_fail (ENT_IS_INSIGHTS_PANEL (self), NULL);
  return shown_analysis (self);
}

const EntAnalysis *
ent_insights_panel_get_real_analysis (EntInsightsPanel *self)
{
  g_return_val_if_fail (ENT_IS_INSIGHTS_PANEL (self), NULL);
  return self->real;
}

guint
ent_insights_panel_get_n_results (EntInsightsPanel *self)
{
  g_return_val_if_fail (ENT_IS_INSIGHTS_PANEL (self), 0);
  return self->n_results;
}

gboolean
ent_insights_panel_is_computing (EntInsightsPanel *self)
{
  g_return_val_if_fail (ENT_IS_INSIGHTS_PANEL (self), FALSE);
  return self->computing;
}

guint
ent_insights_panel_get_n_running (EntInsightsPanel *self)
{
  g_return_val_if_fail (ENT_IS_INSIGHTS_PANEL (self), 0);
  return self->n_running;
}

guint
ent_insights_panel_get_n_unbalanced_rows (EntInsightsPanel *self)
{
  g_return_val_if_fail (ENT_IS_INSIGHTS_PANEL (self), 0);
  return self->unbalanced_rows->len;
}

static GtkWidget *
row_at (GPtrArray *rows,
        guint      index)
{
  return index < rows->len ? g_ptr_array_index (rows, index) : NULL;
}

GtkWidget *
ent_insights_panel_get_unbalanced_row (EntInsightsPanel *self,
                                       guint             index)
{
  g_return_val_if_fail (ENT_IS_INSIGHTS_PANEL (self), NULL);
  return row_at (self->unbalanced_rows, index);
}

GtkWidget *
ent_insights_panel_get_community_row (EntInsightsPanel *self,
                                      guint             index)
{
  g_return_val_if_fail (ENT_IS_INSIGHTS_PANEL (self), NULL);
  return row_at (self->community_rows, index);
}

GtkWidget *
ent_insights_panel_get_trilateral_row (EntInsightsPanel *self,
                                       guint             index)
{
  g_return_val_if_fail (ENT_IS_INSIGHTS_PANEL (self), NULL);
  return row_at (self->trilateral_rows, index);
}

GtkWidget *
ent_insights_panel_get_whatif_toggle (EntInsightsPanel *self,
                                      const char       *relation_id,
                                      gboolean          flip)
{
  g_return_val_if_fail (ENT_IS_INSIGHTS_PANEL (self), NULL);
  g_return_val_if_fail (relation_id != NULL, NULL);

  for (guint i = 0; i < self->whatif_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->whatif_rows, i);

      if (g_strcmp0 (g_object_get_data (row, "relation-id"), relation_id) == 0)
        return g_object_get_data (row, flip ? "flip-toggle" : "remove-toggle");
    }
  return NULL;
}

const double *
ent_insights_panel_get_painter_metric (EntInsightsPanel *self,
                                       guint            *n_values)
{
  g_return_val_if_fail (ENT_IS_INSIGHTS_PANEL (self), NULL);

  if (n_values != NULL)
    *n_values = self->painter_metric != NULL ? self->painter_metric->len : 0;
  return self->painter_metric != NULL ? (const double *) self->painter_metric->data : NULL;
}

const guint *
ent_insights_panel_get_highlight (EntInsightsPanel  *self,
                                  guint             *n_actors,
                                  const guint      **pairs,
                                  guint             *n_pairs)
{
  g_return_val_if_fail (ENT_IS_INSIGHTS_PANEL (self), NULL);

  if (n_actors != NULL)
    *n_actors = self->highlight_actors->len;
  if (pairs != NULL)
    *pairs = (const guint *) self->highlight_pairs->data;
  if (n_pairs != NULL)
    *n_pairs = self->highlight_pairs->len / 2;
  return (const guint *) self->highlight_actors->data;
}

/* ---- GObject ------------------------------------------------------------ */

static void
ent_insights_panel_dispose (GObject *object)
{
  EntInsightsPanel *self = ENT_INSIGHTS_PANEL (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->canvas, self);
  if (self->world != NULL)
    g_signal_handlers_disconnect_by_data (self->world, self);
  g_clear_object (&self->canvas);
  g_clear_object (&self->world);

  gtk_widget_dispose_template (GTK_WIDGET (self), ENT_TYPE_INSIGHTS_PANEL);
  G_OBJECT_CLASS (ent_insights_panel_parent_class)->dispose (object);
}

static void
ent_insights_panel_finalize (GObject *object)
{
  EntInsightsPanel *self = ENT_INSIGHTS_PANEL (object);

  g_clear_pointer (&self->real, ent_analysis_free);
  g_clear_pointer (&self->whatif, ent_analysis_free);
  g_clear_pointer (&self->whatif_ops, g_hash_table_unref);
  g_clear_pointer (&self->ranking_rows, g_ptr_array_unref);
  g_clear_pointer (&self->community_rows, g_ptr_array_unref);
  g_clear_pointer (&self->unbalanced_rows, g_ptr_array_unref);
  g_clear_pointer (&self->trilateral_rows, g_ptr_array_unref);
  g_clear_pointer (&self->whatif_rows, g_ptr_array_unref);
  g_clear_object (&self->actor_names);
  g_clear_pointer (&self->highlight_actors, g_array_unref);
  g_clear_pointer (&self->highlight_pairs, g_array_unref);
  g_clear_pointer (&self->painter_metric, g_array_unref);

  G_OBJECT_CLASS (ent_insights_panel_parent_class)->finalize (object);
}

static void
ent_insights_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EntInsightsPanel *self = ENT_INSIGHTS_PANEL (object);

  switch (prop_id)
    {
    case PROP_CANVAS:
      g_value_set_object (value, self->canvas);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ent_insights_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EntInsightsPanel *self = ENT_INSIGHTS_PANEL (object);

  switch (prop_id)
    {
    case PROP_CANVAS:
      ent_insights_panel_set_canvas (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ent_insights_panel_class_init (EntInsightsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ent_insights_panel_dispose;
  widget_class->map = ent_insights_panel_map;
  object_class->finalize = ent_insights_panel_finalize;
  object_class->get_property = ent_insights_panel_get_property;
  object_class->set_property = ent_insights_panel_set_property;

  properties[PROP_CANVAS] =
    g_param_spec_object ("canvas", NULL, NULL, ENT_TYPE_CANVAS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the resource keeps it linked in from the static library. */
  if (ent_ui_get_resource () == NULL)
    g_error ("The map's resources are missing");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/entente/Entente/ui/ent-insights-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, content);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, whatif_revealer);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, whatif_label);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, real_data_button);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, world_summary_label);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, actor_summary_label);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, metric_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, ranking_expander);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, blocs_group);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, blocs_switch);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, balance_group);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, balance_label);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, clear_button);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, cooperative_switch);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, path_label);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, trilaterals_group);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, focus_switch);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, focus_steps);
  gtk_widget_class_bind_template_child (widget_class, EntInsightsPanel, whatif_group);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ent_insights_panel_init (EntInsightsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->blocs_switch, "notify::active", G_CALLBACK (update_suggested_hulls), self,
                           G_CONNECT_SWAPPED);

  self->whatif_ops = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->ranking_rows = g_ptr_array_new ();
  self->community_rows = g_ptr_array_new ();
  self->unbalanced_rows = g_ptr_array_new ();
  self->trilateral_rows = g_ptr_array_new ();
  self->whatif_rows = g_ptr_array_new ();
  self->highlight_actors = g_array_new (FALSE, FALSE, sizeof (guint));
  self->highlight_pairs = g_array_new (FALSE, FALSE, sizeof (guint));
  self->actor_names = gtk_string_list_new (NULL);

  gtk_drop_down_set_model (self->from_dropdown, G_LIST_MODEL (self->actor_names));
  gtk_drop_down_set_model (self->to_dropdown, G_LIST_MODEL (self->actor_names));
  gtk_drop_down_set_selected (self->from_dropdown, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (self->to_dropdown, GTK_INVALID_LIST_POSITION);

  g_signal_connect_object (self->metric_dropdown, "notify::selected", G_CALLBACK (metric_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_dropdown, "notify::selected", G_CALLBACK (path_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_dropdown, "notify::selected", G_CALLBACK (path_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cooperative_switch, "notify::active", G_CALLBACK (path_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->focus_switch, "notify::active", G_CALLBACK (focus_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->focus_steps, "value-changed", G_CALLBACK (focus_steps_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->real_data_button, "clicked", G_CALLBACK (real_data_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clear_button, "clicked", G_CALLBACK (clear_clicked_cb), self, G_CONNECT_SWAPPED);

  show_results (self, NULL, NULL);
  self->n_results = 0;
}

GtkWidget *
ent_insights_panel_new (void)
{
  return g_object_new (ENT_TYPE_INSIGHTS_PANEL, NULL);
}
