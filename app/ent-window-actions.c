/* ent-window-actions.c: what the window's buttons, menus and keys do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ent-actor-dialog.h"
#include "ent-bloc-dialog.h"
#include "ent-compare-dialog.h"
#include "ent-export-dialog.h"
#include "ent-format.h"
#include "ent-meeting-dialog.h"
#include "ent-relation-dialog.h"
#include "ent-window-private.h"

/* Milliseconds between meetings when replaying, by speed. */
static const guint replay_intervals[] = { 4000, 2500, 1200 };

/* ---- Saving ------------------------------------------------------------ */

gboolean
ent_window_save_to (EntWindow *self,
                    GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* The map is saved as it looks, so a reopened map looks the same. */
  if (!ent_layout_store_positions (ent_canvas_get_layout (self->canvas), self->world, &error))
    {
      ent_window_show_toast (self, error->message, FALSE);
      return FALSE;
    }
  if (!ent_native_save_file (self->world, file, NULL, &error))
    {
      ent_window_show_toast (self, error->message, FALSE);
      return FALSE;
    }
  contents = ent_native_to_data (self->world, &length);
  if (self->file == NULL || !g_file_equal (self->file, file))
    {
      ent_window_discard_autosave (self);
      ent_window_document_detach (self);
      g_set_object (&self->file, file);
      ent_window_document_attach (self);
      g_object_notify (G_OBJECT (self), "file");
    }
  ent_history_mark_saved (self->history);
  ent_window_remember_file (self, file);
  self->restored = FALSE;
  ent_window_document_saved (self, contents, length);
  ent_window_update_title (self);
  return TRUE;
}

/* ---- File choosers ----------------------------------------------------- */

static GtkFileFilter *
create_document_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Entente documents"));
  gtk_file_filter_add_pattern (filter, "*.entente.json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  return filter;
}

/* Everything Entente can open, then each format on its own. */
static void
add_import_filters (GtkFileChooser *chooser)
{
  const EntFormatInfo * const *formats = ent_format_list ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("All supported files"));
  for (guint i = 0; formats[i] != NULL; i++)
    for (guint j = 0; formats[i]->can_import && formats[i]->extensions[j] != NULL; j++)
      {
        g_autofree char *pattern = g_strconcat ("*.", formats[i]->extensions[j], NULL);

        gtk_file_filter_add_pattern (all, pattern);
      }
  gtk_file_chooser_add_filter (chooser, all);
  for (guint i = 0; formats[i] != NULL; i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      if (!formats[i]->can_import)
        continue;
      gtk_file_filter_set_name (filter, _(formats[i]->name));
      for (guint j = 0; formats[i]->extensions[j] != NULL; j++)
        {
          g_autofree char *pattern = g_strconcat ("*.", formats[i]->extensions[j], NULL);

          gtk_file_filter_add_pattern (filter, pattern);
        }
      gtk_file_chooser_add_filter (chooser, filter);
    }
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  EntWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      /* Unsaved work is never replaced: the file opens beside it. */
      if (ent_window_is_modified (self))
        {
          EntWindow *window = ent_window_new (gtk_window_get_application (GTK_WINDOW (self)));

          ent_window_open (window, file);
          gtk_window_present (GTK_WINDOW (window));
        }
      else
        ent_window_open (self, file);
    }
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open Map"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  add_import_filters (GTK_FILE_CHOOSER (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  if (ent_window_is_modified (self))
    {
      EntWindow *window = ent_window_new (gtk_window_get_application (GTK_WINDOW (self)));

      ent_window_open (window, file);
      gtk_window_present (GTK_WINDOW (window));
    }
  else
    ent_window_open (self, file);
}

static void
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  EntWindow *self = user_data;
  gboolean close_after = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "ent-close-after"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (ent_window_save_to (self, file) && close_after)
        gtk_window_close (GTK_WINDOW (self));
    }
  g_object_unref (dialog);
}

static void
save_as (EntWindow *self,
         gboolean   close_after)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = create_document_filter ();
  g_autofree char *name = NULL;
  const EntDocumentInfo *info = ent_world_get_info (self->world);

  dialog = gtk_file_chooser_native_new (_("Save Map"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  name = g_strdup_printf ("%s.entente.json", info->title ? info->title : _("Untitled Map"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "ent-close-after", GINT_TO_POINTER (close_after));
  g_signal_connect (dialog, "response", G_CALLBACK (save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_as (ENT_WINDOW (widget), FALSE);
}

static gboolean
is_bundled_dataset (GFile *file)
{
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  return path != NULL && g_str_has_prefix (path, PKGDATADIR);
}

/* Saves where the document came from, or asks where. Returns TRUE when
 * saved now (FALSE when a file chooser is open, or saving failed). */
static gboolean
save (EntWindow *self,
      gboolean   close_after)
{
  /* The installed dataset is read-only: saving it means choosing a name. */
  if (self->file == NULL || is_bundled_dataset (self->file))
    {
      save_as (self, close_after);
      return FALSE;
    }
  return ent_window_save_to (self, self->file);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (ENT_WINDOW (widget), FALSE);
}

/* ---- Undo -------------------------------------------------------------- */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_str_equal (action_name, "win.undo"))
    ok = ent_history_undo (self->history, &error);
  else
    ok = ent_history_redo (self->history, &error);
  if (!ok)
    ent_window_show_toast (self, error->message, FALSE);
}

/* ---- The selected actor ------------------------------------------------- */

static const EntActor *
selected_actor (EntWindow *self)
{
  int selected = ent_canvas_get_selected (self->canvas);

  return selected >= 0 ? ent_world_get_actor (self->world, (guint) selected) : NULL;
}

static void
unpin_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);
  const EntActor *actor = selected_actor (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (actor == NULL || !actor->pinned)
    return;
  id = g_strdup (actor->id);
  if (!ent_history_set_actor_position (self->history, id, actor->has_position, actor->x, actor->y,
                                       FALSE, &error))
    ent_window_show_toast (self, error->message, FALSE);
  ent_layout_unpin (ent_canvas_get_layout (self->canvas), (guint) ent_canvas_get_selected (self->canvas));
  ent_layout_reheat (ent_canvas_get_layout (self->canvas), 0.3);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    EntWindow        *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "ent-actor-id");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "remove"))
    return;
  message = g_strdup_printf (_("Removed %s"), (const char *) g_object_get_data (G_OBJECT (dialog), "ent-actor-name"));
  if (!ent_history_remove_actor_with_ties (self->history, id, &error))
    ent_window_show_toast (self, error->message, FALSE);
  else
    ent_window_show_toast (self, message, TRUE);
}

static void
remove_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);
  const EntActor *actor = selected_actor (self);
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (actor == NULL)
    return;
  relations = ent_world_get_relations_of (self->world, actor->id, ENT_DATE_NONE);
  meetings = ent_world_get_meetings_of (self->world, actor->id, ENT_DATE_NONE);
  heading = g_strdup_printf (_("Remove %s?"), ent_actor_get_display_name (actor));
  body = g_strdup_printf (_("Its %u relations and its part in %u meetings go too. You can undo this."),
                          relations->len, meetings->len);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "ent-actor-id", g_strdup (actor->id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "ent-actor-name", g_strdup (ent_actor_get_display_name (actor)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Editing dialogs ------------------------------------------------------ */

static void
applied_cb (GtkWidget  *dialog,
            const char *id,
            const char *message,
            EntWindow  *self)
{
  ent_window_show_toast (self, message, TRUE);
}

static void
present_editor (EntWindow *self,
                GtkWidget *dialog)
{
  g_signal_connect_object (dialog, "applied", G_CALLBACK (applied_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_meeting_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);
  const EntActor *actor = selected_actor (self);
  const char *preset[] = { actor ? actor->id : NULL, NULL };
  EntDate date = ent_timeline_get_date (self->timeline);

  present_editor (self, GTK_WIDGET (ent_meeting_dialog_new (GTK_WINDOW (self), self->history, NULL,
                                                            actor ? preset : NULL, date)));
}

static void
edit_meeting_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  if (ent_world_lookup_meeting (self->world, id) == NULL)
    return;
  present_editor (self, GTK_WIDGET (ent_meeting_dialog_new (GTK_WINDOW (self), self->history, id,
                                                            NULL, ENT_DATE_NONE)));
}

static void
add_actor_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);

  present_editor (self, GTK_WIDGET (ent_actor_dialog_new (GTK_WINDOW (self), self->history, NULL)));
}

static void
edit_actor_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);
  const EntActor *actor = selected_actor (self);

  if (actor != NULL)
    present_editor (self, GTK_WIDGET (ent_actor_dialog_new (GTK_WINDOW (self), self->history, actor->id)));
}

static void
add_relation_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);
  const EntActor *actor = selected_actor (self);

  present_editor (self, GTK_WIDGET (ent_relation_dialog_new (GTK_WINDOW (self), self->history, NULL,
                                                             actor ? actor->id : NULL, NULL)));
}

static void
edit_relation_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  if (ent_world_lookup_relation (self->world, id) != NULL)
    present_editor (self, GTK_WIDGET (ent_relation_dialog_new (GTK_WINDOW (self), self->history, id,
                                                               NULL, NULL)));
}

static void
add_bloc_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);

  present_editor (self, GTK_WIDGET (ent_bloc_dialog_new (GTK_WINDOW (self), self->history, NULL)));
}

static void
edit_bloc_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  if (ent_world_lookup_bloc (self->world, id) != NULL)
    present_editor (self, GTK_WIDGET (ent_bloc_dialog_new (GTK_WINDOW (self), self->history, id)));
}

static void
compare_highlight_cb (EntCompareDialog *dialog,
                      GArray           *pairs,
                      EntWindow        *self)
{
  g_autoptr(GArray) actors = g_array_new (FALSE, FALSE, sizeof (guint));

  g_array_append_vals (actors, pairs->data, pairs->len);
  ent_painter_set_highlight (ent_canvas_get_painter (self->canvas),
                             (const guint *) actors->data, actors->len,
                             (const guint *) pairs->data, pairs->len / 2);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  ent_window_show_toast (self, _("The changes are highlighted on the map; click the map background to clear"), FALSE);
}

static void
compare_dates_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);
  EntCompareDialog *dialog = ent_compare_dialog_new (GTK_WINDOW (self), self->world);

  g_signal_connect_object (dialog, "highlight", G_CALLBACK (compare_highlight_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
exported_cb (EntExportDialog *dialog,
             const char      *message,
             EntWindow       *self)
{
  ent_window_show_toast (self, message, FALSE);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);
  const EntDocumentInfo *info = ent_world_get_info (self->world);
  EntExportDialog *dialog = ent_export_dialog_new (GTK_WINDOW (self), self->canvas,
                                                     ent_document_info_get_display_title (info), self->settings);

  g_signal_connect_object (dialog, "exported", G_CALLBACK (exported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- The map's context menu ------------------------------------------------ */

static GMenuModel *
create_context_menu (gboolean on_actor)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) add = g_menu_new ();
  g_autoptr(GMenu) view = g_menu_new ();

  if (on_actor)
    {
      g_menu_append (edit, _("_Edit Actor…"), "win.edit-actor");
      g_menu_append (edit, _("Add _Meeting With…"), "win.add-meeting");
      g_menu_append (edit, _("Add _Relation With…"), "win.add-relation");
      g_menu_append (edit, _("_Unpin"), "win.unpin");
      g_menu_append (edit, _("_Remove…"), "win.remove-selected");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
    }
  else
    {
      g_menu_append (add, _("Add _Actor…"), "win.add-actor");
      g_menu_append (add, _("Add _Meeting…"), "win.add-meeting");
      g_menu_append (add, _("Add _Bloc…"), "win.add-bloc");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (add));
    }
  g_menu_append (view, _("_Fit to Window"), "canvas.fit");
  g_menu_append (view, _("_Compare Two Dates…"), "win.compare-dates");
  g_menu_append (view, _("E_xport…"), "win.export");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (view));
  return G_MENU_MODEL (menu);
}

static void
context_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    EntWindow       *self)
{
  guint n_actors;
  const double *xy = ent_canvas_get_positions (self->canvas, &n_actors);
  int actor = n_actors ? ent_painter_hit_actor (ent_canvas_get_painter (self->canvas), self->world, xy,
                                                ent_canvas_get_view (self->canvas), x, y)
                       : -1;
  g_autoptr(GMenuModel) model = create_context_menu (actor >= 0);

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  ent_canvas_set_selected (self->canvas, actor);
  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self->canvas));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* ---- Replay ------------------------------------------------------------ */

static gboolean
replay_step_cb (gpointer user_data)
{
  EntWindow *self = user_data;

  if (ent_timeline_step_meeting (self->timeline, 1))
    return G_SOURCE_CONTINUE;
  /* Past the last meeting: show everything and stop. */
  ent_timeline_set_date (self->timeline, ENT_DATE_NONE);
  self->replay_timeout = 0;
  gtk_toggle_button_set_active (self->play_button, FALSE);
  return G_SOURCE_REMOVE;
}

void
ent_window_stop_replay (EntWindow *self)
{
  g_clear_handle_id (&self->replay_timeout, g_source_remove);
  if (self->play_button != NULL && gtk_toggle_button_get_active (self->play_button))
    gtk_toggle_button_set_active (self->play_button, FALSE);
}

static void
start_replay (EntWindow *self)
{
  guint speed = MIN (gtk_drop_down_get_selected (self->speed_dropdown), G_N_ELEMENTS (replay_intervals) - 1);

  /* From the end, start again just before the first meeting. */
  if (!ent_date_is_set (ent_timeline_get_date (self->timeline)) && ent_timeline_get_n_stops (self->timeline) > 0)
    {
      ent_timeline_set_date (self->timeline, ent_timeline_get_stop (self->timeline, 0));
      while (ent_timeline_step_meeting (self->timeline, -1))
        ;
    }
  if (!ent_timeline_step_meeting (self->timeline, 1))
    {
      ent_window_stop_replay (self);
      return;
    }
  self->replay_timeout = g_timeout_add (replay_intervals[speed], replay_step_cb, self);
}

static void
play_toggled_cb (EntWindow       *self,
                 GtkToggleButton *button)
{
  gboolean active = gtk_toggle_button_get_active (button);

  gtk_button_set_icon_name (GTK_BUTTON (button),
                            active ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  g_clear_handle_id (&self->replay_timeout, g_source_remove);
  if (active)
    start_replay (self);
}

static void
speed_changed_cb (EntWindow *self)
{
  /* A new speed applies from the next step. */
  if (self->replay_timeout != 0)
    {
      guint speed = MIN (gtk_drop_down_get_selected (self->speed_dropdown), G_N_ELEMENTS (replay_intervals) - 1);

      g_source_remove (self->replay_timeout);
      self->replay_timeout = g_timeout_add (replay_intervals[speed], replay_step_cb, self);
    }
}

static void
toggle_replay_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);

  gtk_toggle_button_set_active (self->play_button, !gtk_toggle_button_get_active (self->play_button));
}

/* ---- The sidebar --------------------------------------------------------- */

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ent_window_cancel_load (ENT_WINDOW (widget));
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
show_actors_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->sidebar_stack, "actors");
}

/* The keyboard shortcuts window, built when first asked for: GTK builds
 * an application's gtk/help-overlay.ui for every new window, which took
 * a twentieth of the time to the first frame. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);

  if (self->shortcuts_window == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/entente/Entente/ent-shortcuts.ui");

      self->shortcuts_window = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_window_set_transient_for (self->shortcuts_window, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->shortcuts_window, TRUE);
    }
  gtk_window_present (self->shortcuts_window);
}

/* ---- Closing with unsaved changes ----------------------------------------- */

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   EntWindow        *self)
{
  if (g_str_equal (response, "discard"))
    {
      ent_window_discard_autosave (self);
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save"))
    {
      if (save (self, TRUE))
        gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
close_request_cb (GtkWindow *window,
                  gpointer   user_data)
{
  EntWindow *self = ENT_WINDOW (window);
  const EntDocumentInfo *info;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->close_confirmed || !ent_window_is_modified (self))
    {
      ent_window_discard_autosave (self);
      return FALSE;
    }

  info = ent_world_get_info (self->world);
  heading = g_strdup_printf (_("Save changes to “%s”?"),
                             info->title ? ent_document_info_get_display_title (info) : _("Untitled Map"));
  dialog = adw_message_dialog_new (window, heading,
                                   _("If you don’t save, your changes since the last save are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ---- Wiring ---------------------------------------------------------------- */

void
ent_window_update_actions (EntWindow *self)
{
  const EntActor *actor;

  if (self->canvas == NULL || self->history == NULL)
    return;
  actor = selected_actor (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", ent_history_get_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", ent_history_get_can_redo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unpin", actor != NULL && actor->pinned);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-selected", actor != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-actor", actor != NULL);
}

void
ent_window_wire_actions (EntWindow *self)
{
  g_signal_connect_object (self->play_button, "toggled", G_CALLBACK (play_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->speed_dropdown, "notify::selected", G_CALLBACK (speed_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);

  {
    GtkGesture *context = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (context), GDK_BUTTON_SECONDARY);
    g_signal_connect_object (context, "pressed", G_CALLBACK (context_pressed_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (context));
  }
}

void
ent_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.unpin", NULL, unpin_action);
  gtk_widget_class_install_action (widget_class, "win.remove-selected", NULL, remove_selected_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-replay", NULL, toggle_replay_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.add-meeting", NULL, add_meeting_action);
  gtk_widget_class_install_action (widget_class, "win.edit-meeting", "s", edit_meeting_action);
  gtk_widget_class_install_action (widget_class, "win.add-actor", NULL, add_actor_action);
  gtk_widget_class_install_action (widget_class, "win.edit-actor", NULL, edit_actor_action);
  gtk_widget_class_install_action (widget_class, "win.add-relation", NULL, add_relation_action);
  gtk_widget_class_install_action (widget_class, "win.edit-relation", "s", edit_relation_action);
  gtk_widget_class_install_action (widget_class, "win.add-bloc", NULL, add_bloc_action);
  gtk_widget_class_install_action (widget_class, "win.edit-bloc", "s", edit_bloc_action);
  gtk_widget_class_install_action (widget_class, "win.compare-dates", NULL, compare_dates_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.show-actors", NULL, show_actors_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.remove-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.add-meeting", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.toggle-replay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
}
