/* ent-window.c: the main window: map, sidebar and timeline
 *
 * Actions live in ent-window-actions.c; autosave, recovery and watching
 * the file on disk in ent-window-document.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#if defined (__GLIBC__)
#include <malloc.h>
#endif

#include "ent-app-resources.h"
#include "ent-csv-import-dialog.h"
#include "ent-format.h"
#include "ent-window-private.h"

G_DEFINE_FINAL_TYPE (EntWindow, ent_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_WORLD,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
ent_window_show_toast (EntWindow  *self,
                       const char *message,
                       gboolean    with_undo)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, with_undo ? 6 : 8);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- The actor list ---------------------------------------------------- */

/* The list's row of @actor, when the search shows it. */
static void
select_in_list (EntWindow *self,
                int        actor)
{
  GListModel *model = G_LIST_MODEL (self->actor_selection);
  guint n = g_list_model_get_n_items (model);
  guint position = GTK_INVALID_LIST_POSITION;

  if (actor >= 0)
    {
      /* Unfiltered, the row is the actor's index. */
      guint start = n == ent_actor_list_get_n (self->actors) ? (guint) actor : 0;

      for (guint i = start; i < n; i++)
        {
          g_autoptr(EntActorItem) item = g_list_model_get_item (model, i);

          if ((int) ent_actor_item_get_index (item) == actor)
            {
              position = i;
              break;
            }
        }
    }
  if (position == gtk_single_selection_get_selected (self->actor_selection))
    return;
  self->rebuilding = TRUE;
  gtk_single_selection_set_selected (self->actor_selection, position);
  self->rebuilding = FALSE;
}

static void
rebuild_actor_list (EntWindow *self)
{
  int selected = self->canvas ? ent_canvas_get_selected (self->canvas) : -1;
  EntDate at = self->canvas ? ent_canvas_get_date (self->canvas) : ENT_DATE_NONE;

  /* Nothing to show anew: the same world, unchanged, at the same date. */
  if (!self->list_stale && ent_actor_list_get_world (self->actors) == self->world &&
      ent_date_equal (ent_actor_list_get_date (self->actors), at))
    return;

  /* Emptying the list unselects its row: that is not the user's doing. */
  self->rebuilding = TRUE;
  self->list_stale = FALSE;
  if (ent_actor_list_get_world (self->actors) != self->world)
    {
      /* A new document: GTK 4.8's list view would make the item of every
       * row the model adds while it watches, but only those on screen
       * when it is given the model afresh. */
      gtk_list_view_set_model (self->actor_list, NULL);
      ent_actor_list_set_world (self->actors, self->world, at);
      gtk_list_view_set_model (self->actor_list, GTK_SELECTION_MODEL (self->actor_selection));
    }
  else
    ent_actor_list_set_world (self->actors, self->world, at);
  self->rebuilding = FALSE;
  select_in_list (self, selected);
}

static gboolean
filter_actor_item (gpointer item,
                   gpointer user_data)
{
  EntWindow *self = user_data;

  return ent_actor_item_matches (item, self->search_folded);
}

/* Filters now, rather than after the search entry's typing delay. */
void
ent_window_apply_search (EntWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  int selected = self->canvas ? ent_canvas_get_selected (self->canvas) : -1;

  GtkFilterListModel *filtered = GTK_FILTER_LIST_MODEL (gtk_single_selection_get_model (self->actor_selection));

  g_free (self->search_folded);
  self->search_folded = query != NULL && *query != '\0' ? g_utf8_casefold (query, -1) : NULL;
  self->rebuilding = TRUE;
  /* With no search there is no filter, so that no actor's item is made
   * before its row is on screen. */
  if (self->search_folded == NULL)
    gtk_filter_list_model_set_filter (filtered, NULL);
  else if (gtk_filter_list_model_get_filter (filtered) == NULL)
    gtk_filter_list_model_set_filter (filtered, GTK_FILTER (self->actor_filter));
  else
    gtk_filter_changed (GTK_FILTER (self->actor_filter), GTK_FILTER_CHANGE_DIFFERENT);
  self->rebuilding = FALSE;
  select_in_list (self, selected);
}

static void
search_changed_cb (EntWindow      *self,
                   GtkSearchEntry *entry)
{
  ent_window_apply_search (self);
}

static void
setup_actor_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_lines (GTK_LABEL (subtitle), 2);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
bind_actor_row (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  EntActorItem *actor = gtk_list_item_get_item (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  const char *text = ent_actor_item_get_subtitle (actor);

  gtk_label_set_text (GTK_LABEL (title), ent_actor_item_get_title (actor));
  gtk_label_set_text (GTK_LABEL (subtitle), text);
  gtk_widget_set_visible (subtitle, text != NULL && *text != '\0');
}

/* ---- Views of the document ---------------------------------------------- */

static void
show_details (EntWindow *self)
{
  int selected = ent_canvas_get_selected (self->canvas);

  ent_actor_details_show (self->actor_details, self->world, selected, ent_canvas_get_date (self->canvas));
  gtk_stack_set_visible_child_name (self->sidebar_stack, selected >= 0 ? "details" : "actors");
}

/* Everything that shows the world as of the timeline's date. */
void
ent_window_refresh_views (EntWindow *self)
{
  rebuild_actor_list (self);
  if (ent_canvas_get_selected (self->canvas) >= 0)
    ent_actor_details_show (self->actor_details, self->world, ent_canvas_get_selected (self->canvas),
                            ent_canvas_get_date (self->canvas));
}

/* Moves change nothing the list shows. */
static void
world_item_changed_cb (EntWindow  *self,
                       guint       kind,
                       guint       op,
                       const char *id,
                       EntWorld   *world)
{
  if (op != ENT_CHANGE_MOVED)
    self->list_stale = TRUE;
}

static void
world_changed_cb (EntWindow *self,
                  EntWorld  *world)
{
  if (self->list_stale)
    ent_window_refresh_views (self);
}

static void
timeline_changed_cb (EntWindow   *self,
                     GParamSpec  *pspec,
                     EntTimeline *timeline)
{
  ent_canvas_set_date (self->canvas, ent_timeline_get_date (timeline));
  ent_window_refresh_views (self);
  if (self->insights_panel != NULL)
    ent_insights_panel_refresh (self->insights_panel);
}

/* The Insights page is built, and the world analysed, when it is first
 * shown: the window opens on the actors, and building the panel with its
 * dozens of widgets was a tenth of the time to the first frame. */
EntInsightsPanel *
ent_window_get_insights_panel (EntWindow *self)
{
  g_return_val_if_fail (ENT_IS_WINDOW (self), NULL);

  if (self->insights_panel == NULL)
    {
      self->insights_panel = ENT_INSIGHTS_PANEL (ent_insights_panel_new ());
      adw_bin_set_child (self->insights_page, GTK_WIDGET (self->insights_panel));
      ent_insights_panel_set_canvas (self->insights_panel, self->canvas);
    }
  return self->insights_panel;
}

static void
sidebar_mode_changed_cb (EntWindow  *self,
                         GParamSpec *pspec,
                         GtkStack   *stack)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "insights") == 0)
    ent_window_get_insights_panel (self);
}

gboolean
ent_window_is_modified (EntWindow *self)
{
  return self->restored || (self->history != NULL && ent_history_get_is_modified (self->history));
}

void
ent_window_update_title (EntWindow *self)
{
  const EntDocumentInfo *info = self->world ? ent_world_get_info (self->world) : NULL;
  g_autofree char *basename = self->file ? g_file_get_basename (self->file) : NULL;
  const char *title = info && info->title ? ent_document_info_get_display_title (info) : _("Untitled Map");
  g_autofree char *shown = NULL;

  /* A bullet before the title marks unsaved changes, as GNOME apps do. */
  shown = ent_window_is_modified (self) ? g_strdup_printf ("• %s", title) : g_strdup (title);
  adw_window_title_set_title (self->window_title, shown);
  adw_window_title_set_subtitle (self->window_title, basename ? basename : "");
  gtk_window_set_title (GTK_WINDOW (self), shown);
}

static void
history_changed_cb (EntWindow  *self,
                    GParamSpec *pspec,
                    EntHistory *history)
{
  ent_window_update_title (self);
  ent_window_update_actions (self);
}

/* A fresh history, for a document that was just replaced as a whole. */
void
ent_window_reset_history (EntWindow *self)
{
  ent_window_document_detach (self);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_func (self->history, history_changed_cb, self);
  g_clear_object (&self->history);
  self->history = ent_history_new (self->world);
  g_signal_connect_object (self->history, "notify", G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  ent_window_document_attach (self);
  ent_window_update_actions (self);
}

void
ent_window_set_world (EntWindow *self,
                      EntWorld  *world,
                      GFile     *file)
{
  g_return_if_fail (ENT_IS_WINDOW (self));
  g_return_if_fail (ENT_IS_WORLD (world));

  ent_window_stop_replay (self);
  ent_window_document_detach (self);
  if (self->world != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->world, world_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->world, world_item_changed_cb, self);
    }
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_func (self->history, history_changed_cb, self);

  g_set_object (&self->world, world);
  g_clear_object (&self->history);
  self->history = ent_history_new (world);
  self->restored = FALSE;
  g_signal_connect_object (world, "item-changed", G_CALLBACK (world_item_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (world, "changed", G_CALLBACK (world_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify", G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

  ent_canvas_set_world (self->canvas, world);
  ent_timeline_set_world (self->timeline, world);
  ent_canvas_set_date (self->canvas, ent_timeline_get_date (self->timeline));
  rebuild_actor_list (self);
  show_details (self);
  ent_window_document_attach (self);
  ent_window_update_title (self);
  ent_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORLD]);
}

EntWorld *
ent_window_get_world (EntWindow *self)
{
  g_return_val_if_fail (ENT_IS_WINDOW (self), NULL);
  return self->world;
}

GFile *
ent_window_get_file (EntWindow *self)
{
  g_return_val_if_fail (ENT_IS_WINDOW (self), NULL);
  return self->file;
}

/* ---- Loading ----------------------------------------------------------- */

typedef struct
{
  GWeakRef  window;
  GFile    *file;
  GBytes   *contents;
  char     *checksum;
  EntWorld *world;
  gboolean  native;
  int       percent;     /* last progress shown, 0..100 */
} Load;

static void
load_free (Load *load)
{
  g_weak_ref_clear (&load->window);
  g_clear_object (&load->file);
  g_clear_pointer (&load->contents, g_bytes_unref);
  g_free (load->checksum);
  g_clear_object (&load->world);
  g_free (load);
}

typedef struct
{
  GWeakRef window;
  double   fraction;
} Progress;

static gboolean
show_progress_cb (gpointer data)
{
  Progress *progress = data;
  g_autoptr(EntWindow) self = g_weak_ref_get (&progress->window);

  if (self != NULL)
    gtk_progress_bar_set_fraction (self->load_progress, progress->fraction);
  g_weak_ref_clear (&progress->window);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* Called on the loading thread: hand whole percents to the main loop. */
static void
load_progress_cb (double   fraction,
                  gpointer user_data)
{
  Load *load = user_data;
  int percent = (int) (CLAMP (fraction, 0, 1) * 100);
  Progress *progress;

  if (percent == load->percent)
    return;
  load->percent = percent;
  progress = g_new0 (Progress, 1);
  progress->fraction = percent / 100.0;
  g_weak_ref_init (&progress->window, NULL);
  {
    g_autoptr(GObject) window = g_weak_ref_get (&load->window);

    g_weak_ref_set (&progress->window, window);
  }
  g_idle_add (show_progress_cb, progress);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;
  const EntFormatInfo *format = NULL;

  /* Read once: the bytes parsed also tell whether the document is ours to
   * save back into, and fingerprint the file so that a change on disk can
   * be told from our own save. */
  load->world = ent_format_load_file_full (load->file, cancellable, load_progress_cb, load,
                                           &load->contents, &format, &error);
  if (load->world == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  load->native = format != NULL && g_str_equal (format->id, "entente");
  /* Only the fingerprint is kept: a big document's bytes are let go
   * before the window builds its map. */
  if (load->contents != NULL)
    load->checksum = ent_window_document_checksum (load->contents);
  g_clear_pointer (&load->contents, g_bytes_unref);
  g_task_return_boolean (task, TRUE);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(EntWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  Load *load = g_task_get_task_data (G_TASK (result));

  gtk_revealer_set_reveal_child (self->load_revealer, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ent_window_show_toast (self, _("Opening cancelled; nothing changed"), FALSE);
      else
        ent_window_show_toast (self, error->message, FALSE);
      return;
    }

  ent_window_remember_file (self, load->file);
  if (!load->native)
    {
      /* An import: the document is new, and saving it asks where. */
      const EntDocumentInfo *info = ent_world_get_info (load->world);

      if (info->title == NULL)
        {
          EntDocumentInfo titled = *info;
          g_autofree char *basename = g_file_get_basename (load->file);

          titled.title = basename;
          ent_world_set_info (load->world, &titled);
        }
      ent_window_set_world (self, load->world, NULL);
    }
  else
    {
      ent_window_set_world (self, load->world, load->file);
      if (load->checksum != NULL)
        ent_window_document_set_checksum (self, g_steal_pointer (&load->checksum));
    }
  /* The map is what people came for: keys go to it first. */
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
#if defined (__GLIBC__)
  /* Reading freed the file's pieces all through the loading thread's heap,
   * between the items it kept, and glibc gives back only the top of a heap
   * by itself: trimming takes 6 MiB off a 100,000-actor map's peak, in
   * under 2 ms. */
  malloc_trim (0);
#endif
}

/* A plain CSV edge list, whose columns the user should map. */
static gboolean
is_plain_csv (GFile *file)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autofree char *basename = g_file_get_basename (file);
  char head[4096];
  gsize length = 0;
  const EntFormatInfo *format;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &length, NULL, NULL))
    return FALSE;
  format = ent_format_sniff (basename, head, length);
  return format != NULL && g_str_equal (format->id, "csv");
}

static void
csv_imported_cb (EntCsvImportDialog *dialog,
                 EntWorld           *world,
                 EntWindow          *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "ent-file");
  const EntDocumentInfo *info = ent_world_get_info (world);

  if (info->title == NULL)
    {
      EntDocumentInfo titled = *info;
      g_autofree char *basename = g_file_get_basename (file);

      titled.title = basename;
      ent_world_set_info (world, &titled);
    }
  ent_window_remember_file (self, file);
  /* An import: the document is new, and saving it asks where. */
  ent_window_set_world (self, world, NULL);
}

void
ent_window_open (EntWindow *self,
                 GFile     *file)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_return_if_fail (ENT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (is_plain_csv (file))
    {
      EntCsvImportDialog *dialog = ent_csv_import_dialog_new (GTK_WINDOW (self), file);

      g_object_set_data_full (G_OBJECT (dialog), "ent-file", g_object_ref (file), g_object_unref);
      g_signal_connect_object (dialog, "imported", G_CALLBACK (csv_imported_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  ent_window_cancel_load (self);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           self->load_cancellable, G_CONNECT_SWAPPED);

  load = g_new0 (Load, 1);
  load->file = g_object_ref (file);
  load->percent = -1;
  g_weak_ref_init (&load->window, self);
  task = g_task_new (self, self->load_cancellable, load_done_cb, g_object_ref (self));
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);

  {
    g_autofree char *basename = g_file_get_basename (file);
    g_autofree char *label = g_strdup_printf (_("Opening %s…"), basename);

    gtk_label_set_text (self->load_label, label);
    gtk_progress_bar_set_fraction (self->load_progress, 0);
    gtk_revealer_set_reveal_child (self->load_revealer, TRUE);
  }
  g_task_run_in_thread (task, load_thread);
}

/* Stops an open in progress; the document stays as it was. */
void
ent_window_cancel_load (EntWindow *self)
{
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
}

/* ---- The map, the list and the details ---------------------------------- */

static void
actor_moved_cb (EntWindow *self,
                int        actor,
                double     x,
                double     y,
                EntCanvas *canvas)
{
  const char *id = ent_world_get_actor (self->world, (guint) actor)->id;
  g_autoptr(GError) error = NULL;

  if (!ent_history_set_actor_position (self->history, id, TRUE, x, y, TRUE, &error))
    ent_window_show_toast (self, error->message, FALSE);
}

static void
canvas_selected_cb (EntWindow  *self,
                    GParamSpec *pspec,
                    EntCanvas  *canvas)
{
  select_in_list (self, ent_canvas_get_selected (canvas));
  show_details (self);
  ent_window_update_actions (self);
}

static void
actor_activated_cb (EntWindow *self,
                    int        actor,
                    EntCanvas *canvas)
{
  adw_flap_set_reveal_flap (self->flap, TRUE);
  show_details (self);
}

static void
actor_selected_cb (EntWindow          *self,
                   GParamSpec         *pspec,
                   GtkSingleSelection *selection)
{
  EntActorItem *item = gtk_single_selection_get_selected_item (selection);

  if (self->rebuilding || self->canvas == NULL)
    return;
  ent_canvas_set_selected (self->canvas, item != NULL ? (int) ent_actor_item_get_index (item) : -1);
}

/* ---- Recent files ----------------------------------------------------- */

#define MAX_RECENT 10

static void
rebuild_recent_menu (EntWindow *self)
{
  g_auto(GStrv) uris = self->settings ? g_settings_get_strv (self->settings, "recent-files") : NULL;

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; uris != NULL && uris[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (uris[i]));
      g_menu_append_item (self->recent_menu, item);
    }
}

/* Puts @file first in the recent files, here and in the desktop's list. */
void
ent_window_remember_file (EntWindow *self,
                          GFile     *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) uris = NULL;
  guint n = 1;

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  if (self->settings == NULL)
    return;
  old = g_settings_get_strv (self->settings, "recent-files");
  g_strv_builder_add (builder, uri);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (!g_str_equal (old[i], uri))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  uris = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-files", (const char * const *) uris);
}

/* ---- Drag and drop ---------------------------------------------------- */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         EntWindow     *self)
{
  GSList *files = g_value_get_boxed (value);

  if (files == NULL)
    return FALSE;
  for (GSList *l = files; l != NULL; l = l->next)
    {
      /* Unsaved work is never replaced: other files open beside it. */
      if (l == files && !ent_window_is_modified (self))
        ent_window_open (self, l->data);
      else
        {
          EntWindow *window = ent_window_new (gtk_window_get_application (GTK_WINDOW (self)));

          ent_window_open (window, l->data);
          gtk_window_present (GTK_WINDOW (window));
        }
    }
  return TRUE;
}

/* ---- Narrow windows --------------------------------------------------- */

/* On a narrow window the sidebar folds over the map, and the header keeps
 * only what has no other way in (the rest is in the menu and shortcuts). */
static gboolean
apply_fold_cb (gpointer user_data)
{
  EntWindow *self = user_data;
  gboolean wide = !adw_flap_get_folded (self->flap);

  self->fold_idle = 0;
  gtk_widget_set_visible (self->open_button, wide);
  gtk_widget_set_visible (self->undo_button, wide);
  gtk_widget_set_visible (self->redo_button, wide);
  gtk_widget_set_visible (self->save_button, wide);
  return G_SOURCE_REMOVE;
}

static void
folded_cb (EntWindow *self)
{
  /* Folding happens while the window is being allocated; showing and
   * hiding buttons must wait until that is over. */
  if (self->fold_idle == 0)
    self->fold_idle = g_idle_add (apply_fold_cb, self);
}

/* ---- Remembered state ------------------------------------------------- */

static GVariant *
sidebar_revealed_to_setting_cb (const GValue       *value,
                                const GVariantType *expected_type,
                                gpointer            user_data)
{
  AdwFlap *flap = user_data;

  /* A folded flap hides itself when the window narrows: that is not the
   * user's choice, so it is not remembered. NULL skips the write. */
  if (adw_flap_get_folded (flap))
    return NULL;
  return g_variant_new_boolean (g_value_get_boolean (value));
}

static gboolean
sidebar_revealed_from_setting_cb (GValue   *value,
                                  GVariant *variant,
                                  gpointer  user_data)
{
  g_value_set_boolean (value, g_variant_get_boolean (variant));
  return TRUE;
}

static void
bind_settings (EntWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      /* Run from the build tree without GSETTINGS_SCHEMA_DIR: keep defaults. */
      g_debug ("No settings schema %s: the window will not remember its state", APP_ID);
      return;
    }

  self->settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "sidebar-revealed", self->flap, "reveal-flap",
                                G_SETTINGS_BIND_DEFAULT,
                                sidebar_revealed_from_setting_cb, sidebar_revealed_to_setting_cb,
                                self->flap, NULL);
}

/* ---- GObject ----------------------------------------------------------- */

static void
ent_window_dispose (GObject *object)
{
  EntWindow *self = ENT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->fold_idle, g_source_remove);
  ent_window_stop_replay (self);
  ent_window_document_detach (self);
  /* The canvas belongs to the map area, which goes with the template. */
  if (self->insights_panel != NULL)
    ent_insights_panel_set_canvas (self->insights_panel, NULL);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_pointer (&self->shortcuts_window, gtk_window_destroy);
  self->canvas = NULL;
  if (self->actor_list != NULL)
    gtk_list_view_set_model (self->actor_list, NULL);
  g_clear_object (&self->actor_selection);
  g_clear_object (&self->actor_filter);
  g_clear_object (&self->actors);
  if (self->world != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->world, world_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->world, world_item_changed_cb, self);
    }
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_func (self->history, history_changed_cb, self);
  g_clear_object (&self->history);
  g_clear_object (&self->world);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ent_window_parent_class)->dispose (object);
}

static void
ent_window_finalize (GObject *object)
{
  EntWindow *self = ENT_WINDOW (object);

  g_free (self->last_toast);
  g_free (self->file_checksum);
  g_free (self->search_folded);
  G_OBJECT_CLASS (ent_window_parent_class)->finalize (object);
}

static void
ent_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EntWindow *self = ENT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORLD:
      g_value_set_object (value, self->world);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ent_window_class_init (EntWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ent_window_dispose;
  object_class->finalize = ent_window_finalize;
  object_class->get_property = ent_window_get_property;

  properties[PROP_WORLD] =
    g_param_spec_object ("world", NULL, NULL, ENT_TYPE_WORLD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the resource keeps it linked in from the static library;
   * its constructor registers it. */
  g_type_ensure (ENT_TYPE_ACTOR_DETAILS);
  g_type_ensure (ENT_TYPE_TIMELINE);
  if (ent_app_get_resource () == NULL)
    g_error ("The application's resources are missing");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/entente/Entente/ent-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EntWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, actor_list);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, map_area);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, sidebar_mode);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, actor_details);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, insights_page);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, load_revealer);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, load_label);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, load_progress);

  ent_window_class_add_actions (widget_class);
}

static void
ent_window_init (EntWindow *self)
{
  g_autoptr(EntWorld) empty = ent_world_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  bind_settings (self);

  self->cancellable = g_cancellable_new ();
  self->canvas = ENT_CANVAS (ent_canvas_new ());
  gtk_box_append (self->map_area, GTK_WIDGET (self->canvas));
  g_signal_connect_object (self->sidebar_mode, "notify::visible-child-name", G_CALLBACK (sidebar_mode_changed_cb),
                           self, G_CONNECT_SWAPPED);
  ent_window_wire_actions (self);

  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
    GtkFilterListModel *filtered;

    self->actors = ent_actor_list_new ();
    self->actor_filter = gtk_custom_filter_new (filter_actor_item, self, NULL);
    filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->actors)), NULL);
    self->actor_selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
    gtk_single_selection_set_autoselect (self->actor_selection, FALSE);
    gtk_single_selection_set_can_unselect (self->actor_selection, TRUE);
    gtk_single_selection_set_selected (self->actor_selection, GTK_INVALID_LIST_POSITION);
    g_signal_connect (factory, "setup", G_CALLBACK (setup_actor_row), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_actor_row), NULL);
    gtk_list_view_set_factory (self->actor_list, factory);
    gtk_list_view_set_model (self->actor_list, GTK_SELECTION_MODEL (self->actor_selection));
    g_object_unref (factory);
  }

  {
    GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  }
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::recent-files", G_CALLBACK (rebuild_recent_menu), self,
                             G_CONNECT_SWAPPED);
  rebuild_recent_menu (self);
  g_signal_connect_object (self->flap, "notify::folded", G_CALLBACK (folded_cb), self, G_CONNECT_SWAPPED);
  apply_fold_cb (self);
  g_signal_connect_object (self->canvas, "actor-moved", G_CALLBACK (actor_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::selected", G_CALLBACK (canvas_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "actor-activated", G_CALLBACK (actor_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->actor_selection, "notify::selected", G_CALLBACK (actor_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::date-text", G_CALLBACK (timeline_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);

  ent_window_set_world (self, empty, NULL);
}

EntWindow *
ent_window_new (GtkApplication *application)
{
  return g_object_new (ENT_TYPE_WINDOW, "application", application, NULL);
}

/* ---- Test access ------------------------------------------------------- */

EntActorList *
ent_window_get_actors (EntWindow *self)
{
  g_return_val_if_fail (ENT_IS_WINDOW (self), NULL);

  return self->actors;
}

GtkListView *
ent_window_get_actor_list (EntWindow *self)
{
  g_return_val_if_fail (ENT_IS_WINDOW (self), NULL);
  return self->actor_list;
}

GtkSearchEntry *
ent_window_get_search_entry (EntWindow *self)
{
  g_return_val_if_fail (ENT_IS_WINDOW (self), NULL);
  return self->search_entry;
}

EntActorDetails *
ent_window_get_actor_details (EntWindow *self)
{
  g_return_val_if_fail (ENT_IS_WINDOW (self), NULL);
  return self->actor_details;
}

EntCanvas *
ent_window_get_canvas (EntWindow *self)
{
  g_return_val_if_fail (ENT_IS_WINDOW (self), NULL);
  return self->canvas;
}

EntTimeline *
ent_window_get_timeline (EntWindow *self)
{
  g_return_val_if_fail (ENT_IS_WINDOW (self), NULL);
  return self->timeline;
}

EntHistory *
ent_window_get_history (EntWindow *self)
{
  g_return_val_if_fail (ENT_IS_WINDOW (self), NULL);
  return self->history;
}

const char *
ent_window_get_last_toast (EntWindow *self)
{
  g_return_val_if_fail (ENT_IS_WINDOW (self), NULL);
  return self->last_toast;
}
