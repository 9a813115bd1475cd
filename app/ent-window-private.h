/* ent-window-private.h: the window's state, shared by its source files
 * (ent-window.c, -actions.c, -document.c), and what tests may reach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ent-actor-details.h"
#include "ent-actor-list.h"
#include "ent-canvas.h"
#include "ent-history.h"
#include "ent-insights-panel.h"
#include "ent-timeline.h"
#include "ent-window.h"

G_BEGIN_DECLS

struct _EntWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwFlap              *flap;
  GtkSearchEntry       *search_entry;
  GtkListView          *actor_list;
  GtkBox               *map_area;
  GtkStack             *sidebar_mode;    /* browse or insights */
  GtkStack             *sidebar_stack;
  EntActorDetails      *actor_details;
  AdwBin               *insights_page;
  EntInsightsPanel     *insights_panel;  /* made when first shown */
  GtkWindow            *shortcuts_window; /* likewise */
  EntTimeline          *timeline;
  GtkToggleButton      *play_button;
  GtkDropDown          *speed_dropdown;
  GtkWidget            *open_button;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkWidget            *save_button;
  guint                 fold_idle;
  EntCanvas            *canvas;
  GtkWidget            *context_menu;    /* a popover on the canvas */
  GMenu                *recent_menu;
  GtkRevealer          *load_revealer;
  GtkLabel             *load_label;
  GtkProgressBar       *load_progress;
  GCancellable         *load_cancellable;

  /* The document */
  EntWorld             *world;
  EntHistory           *history;
  GFile                *file;
  gboolean              restored;        /* recovered from an autosave, not yet saved */
  char                 *file_checksum;   /* of the bytes last read or written */
  GFileMonitor         *monitor;
  guint                 monitor_timeout;
  guint                 autosave_timeout;
  guint                 replay_timeout;
  gboolean              close_confirmed;

  gboolean              list_stale;
  EntActorList         *actors;
  GtkCustomFilter      *actor_filter;
  GtkSingleSelection   *actor_selection;
  char                 *search_folded;
  gboolean              rebuilding;
  GCancellable         *cancellable;
  char                 *last_toast;
  GSettings            *settings;
};

/* ent-window.c */
void      ent_window_show_toast          (EntWindow  *self,
                                          const char *message,
                                          gboolean    with_undo);
void      ent_window_update_title        (EntWindow  *self);
gboolean  ent_window_is_modified         (EntWindow  *self);
void      ent_window_refresh_views       (EntWindow  *self);
/* The Insights page's panel, made now if it was not shown yet. */
EntInsightsPanel *ent_window_get_insights_panel (EntWindow *self);
void      ent_window_reset_history       (EntWindow  *self);
void      ent_window_cancel_load         (EntWindow  *self);
void      ent_window_remember_file       (EntWindow  *self,
                                          GFile      *file);

/* ent-window-actions.c */
void      ent_window_class_add_actions   (GtkWidgetClass *widget_class);
void      ent_window_wire_actions        (EntWindow  *self);
void      ent_window_update_actions      (EntWindow  *self);
gboolean  ent_window_save_to             (EntWindow  *self,
                                          GFile      *file);
void      ent_window_stop_replay         (EntWindow  *self);

/* ent-window-document.c */
void      ent_window_document_attach     (EntWindow  *self);
void      ent_window_document_detach     (EntWindow  *self);
void      ent_window_document_saved      (EntWindow  *self,
                                          const char *contents,
                                          gsize       length);
void      ent_window_document_loaded     (EntWindow  *self,
                                          GBytes     *contents);
char     *ent_window_document_checksum   (GBytes     *contents);
/* @checksum: (transfer full) */
void      ent_window_document_set_checksum (EntWindow *self,
                                            char      *checksum);
void      ent_window_discard_autosave    (EntWindow  *self);
char     *ent_window_get_autosave_path   (GFile      *file);

/* For tests */
GtkListView     *ent_window_get_actor_list    (EntWindow  *self);
void             ent_window_apply_search      (EntWindow  *self);
EntActorList    *ent_window_get_actors        (EntWindow  *self);
GtkSearchEntry  *ent_window_get_search_entry  (EntWindow  *self);
EntCanvas       *ent_window_get_canvas        (EntWindow  *self);
EntActorDetails *ent_window_get_actor_details (EntWindow  *self);
EntTimeline     *ent_window_get_timeline      (EntWindow  *self);
EntHistory      *ent_window_get_history       (EntWindow  *self);
/* The message of the last toast shown, or NULL. */
const char      *ent_window_get_last_toast    (EntWindow  *self);

G_END_DECLS
