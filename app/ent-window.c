/* ent-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ent-app-resources.h"
#include "ent-actor-details.h"
#include "ent-canvas.h"
#include "ent-format-native.h"
#include "ent-window-private.h"

struct _EntWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwFlap              *flap;
  GtkSearchEntry       *search_entry;
  GtkListBox           *actor_list;
  GtkBox               *map_area;
  GtkStack             *sidebar_stack;
  EntActorDetails      *actor_details;
  EntCanvas            *canvas;
  gboolean              list_stale;
  gboolean              rebuilding;

  EntWorld             *world;
  GFile                *file;
  GCancellable         *cancellable;
  char                 *last_toast;
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (EntWindow, ent_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_WORLD,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (EntWindow  *self,
            const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- The actor list ---------------------------------------------------- */

static char *
describe_actor (EntWorld       *world,
                const EntActor *actor)
{
  g_autoptr(GPtrArray) blocs = ent_world_get_blocs_of (world, actor->id, ENT_DATE_NONE);
  const EntLeader *leader = ent_actor_get_leader_at (actor, ENT_DATE_NONE);
  g_autoptr(GString) text = g_string_new (NULL);

  if (leader != NULL)
    g_string_append (text, leader->name);
  for (guint i = 0; i < blocs->len; i++)
    {
      const EntBloc *bloc = g_ptr_array_index (blocs, i);

      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, bloc->name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
create_actor_row (EntWorld       *world,
                  const EntActor *actor)
{
  g_autofree char *subtitle = describe_actor (world, actor);
  g_autofree char *search_text = NULL;
  GtkWidget *row;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ent_actor_get_display_name (actor));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  /* Everything a search may match, folded once here rather than per key. */
  search_text = g_strjoin (" ", actor->id, actor->name, ent_actor_get_display_name (actor), subtitle, NULL);
  g_object_set_data_full (G_OBJECT (row), "ent-search-text",
                          g_utf8_casefold (search_text, -1), g_free);
  g_object_set_data_full (G_OBJECT (row), "ent-actor-id", g_strdup (actor->id), g_free);
  return row;
}

static void
rebuild_actor_list (EntWindow *self)
{
  GtkWidget *child;
  int selected = self->canvas ? ent_canvas_get_selected (self->canvas) : -1;

  /* Emptying the list unselects its row: that is not the user's doing. */
  self->rebuilding = TRUE;
  self->list_stale = FALSE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actor_list))) != NULL)
    gtk_list_box_remove (self->actor_list, child);
  for (guint i = 0; self->world != NULL && i < ent_world_get_n_actors (self->world); i++)
    gtk_list_box_append (self->actor_list, create_actor_row (self->world, ent_world_get_actor (self->world, i)));
  if (selected >= 0)
    gtk_list_box_select_row (self->actor_list, gtk_list_box_get_row_at_index (self->actor_list, selected));
  self->rebuilding = FALSE;
}

static gboolean
filter_actor_row (GtkListBoxRow *row,
                  gpointer       user_data)
{
  EntWindow *self = user_data;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *haystack = g_object_get_data (G_OBJECT (row), "ent-search-text");
  g_autofree char *needle = NULL;

  if (query == NULL || *query == '\0')
    return TRUE;
  needle = g_utf8_casefold (query, -1);
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

static void
search_changed_cb (EntWindow      *self,
                   GtkSearchEntry *entry)
{
  gtk_list_box_invalidate_filter (self->actor_list);
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
show_details (EntWindow *self)
{
  int selected = ent_canvas_get_selected (self->canvas);

  ent_actor_details_show (self->actor_details, self->world, selected, ent_canvas_get_date (self->canvas));
  gtk_stack_set_visible_child_name (self->sidebar_stack, selected >= 0 ? "details" : "actors");
}

static void
world_changed_cb (EntWindow *self,
                  EntWorld  *world)
{
  if (self->list_stale)
    {
      rebuild_actor_list (self);
      if (ent_canvas_get_selected (self->canvas) >= 0)
        ent_actor_details_show (self->actor_details, self->world, ent_canvas_get_selected (self->canvas),
                                ent_canvas_get_date (self->canvas));
    }
}

/* ---- The document ------------------------------------------------------ */

static void
update_title (EntWindow *self)
{
  const EntDocumentInfo *info = self->world ? ent_world_get_info (self->world) : NULL;
  g_autofree char *basename = self->file ? g_file_get_basename (self->file) : NULL;
  const char *title = info && info->title ? info->title : _("Untitled Map");

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, basename ? basename : "");
  gtk_window_set_title (GTK_WINDOW (self), title);
}

void
ent_window_set_world (EntWindow *self,
                      EntWorld  *world,
                      GFile     *file)
{
  g_return_if_fail (ENT_IS_WINDOW (self));
  g_return_if_fail (ENT_IS_WORLD (world));

  if (self->world != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->world, world_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->world, world_item_changed_cb, self);
    }
  g_set_object (&self->world, world);
  g_signal_connect_object (world, "item-changed", G_CALLBACK (world_item_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (world, "changed", G_CALLBACK (world_changed_cb), self, G_CONNECT_SWAPPED);
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

  rebuild_actor_list (self);
  ent_canvas_set_world (self->canvas, world);
  update_title (self);
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

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  EntWorld *world = ent_native_load_file (task_data, cancellable, &error);

  if (world == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, world, g_object_unref);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(EntWindow) self = user_data;
  g_autoptr(EntWorld) world = NULL;
  g_autoptr(GError) error = NULL;
  GFile *file = g_task_get_task_data (G_TASK (result));

  world = g_task_propagate_pointer (G_TASK (result), &error);
  if (world == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }
  ent_window_set_world (self, world, file);
}

void
ent_window_open (EntWindow *self,
                 GFile     *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ENT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

static gboolean
save_to (EntWindow *self,
         GFile     *file)
{
  g_autoptr(GError) error = NULL;

  /* The map is saved as it looks, so a reopened map looks the same. */
  if (!ent_layout_store_positions (ent_canvas_get_layout (self->canvas), self->world, &error))
    {
      show_toast (self, error->message);
      return FALSE;
    }
  if (!ent_native_save_file (self->world, file, NULL, &error))
    {
      show_toast (self, error->message);
      return FALSE;
    }
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  update_title (self);
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
  g_autoptr(GtkFileFilter) filter = create_document_filter ();

  dialog = gtk_file_chooser_native_new (_("Open Map"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  EntWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      save_to (self, file);
    }
  g_object_unref (dialog);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = create_document_filter ();
  g_autofree char *name = NULL;
  const EntDocumentInfo *info = ent_world_get_info (self->world);

  dialog = gtk_file_chooser_native_new (_("Save Map"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  name = g_strdup_printf ("%s.entente.json", info->title ? info->title : _("Untitled Map"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
G_GNUC_END_IGNORE_DEPRECATIONS

static gboolean
is_bundled_dataset (GFile *file)
{
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  return path != NULL && g_str_has_prefix (path, PKGDATADIR);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);

  /* The installed dataset is read-only: saving it means choosing a name. */
  if (self->file == NULL || is_bundled_dataset (self->file))
    save_as_action (widget, action_name, parameter);
  else
    save_to (self, self->file);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* ---- GObject ----------------------------------------------------------- */

static void
ent_window_dispose (GObject *object)
{
  EntWindow *self = ENT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  /* The canvas belongs to the map area, which goes with the template. */
  self->canvas = NULL;
  if (self->world != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->world, world_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->world, world_item_changed_cb, self);
    }
  g_clear_object (&self->world);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ent_window_parent_class)->dispose (object);
}

static void
ent_window_finalize (GObject *object)
{
  EntWindow *self = ENT_WINDOW (object);

  g_free (self->last_toast);
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

static void show_actors_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter);

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
  if (ent_app_get_resource () == NULL)
    g_error ("The application's resources are missing");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/entente/Entente/ent-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EntWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, actor_list);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, map_area);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, EntWindow, actor_details);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-actors", NULL, show_actors_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
}

static void
actor_moved_cb (EntWindow *self,
                int        actor,
                double     x,
                double     y,
                EntCanvas *canvas)
{
  const char *id = ent_world_get_actor (self->world, (guint) actor)->id;
  g_autoptr(GError) error = NULL;

  if (!ent_world_set_actor_position (self->world, id, TRUE, x, y, TRUE, &error))
    show_toast (self, error->message);
}

static void
canvas_selected_cb (EntWindow  *self,
                    GParamSpec *pspec,
                    EntCanvas  *canvas)
{
  int selected = ent_canvas_get_selected (canvas);
  GtkListBoxRow *row = selected >= 0 ? gtk_list_box_get_row_at_index (self->actor_list, selected) : NULL;

  if (row != gtk_list_box_get_selected_row (self->actor_list))
    gtk_list_box_select_row (self->actor_list, row);
  show_details (self);
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
show_actors_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EntWindow *self = ENT_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->sidebar_stack, "actors");
}

static void
row_selected_cb (EntWindow     *self,
                 GtkListBoxRow *row,
                 GtkListBox    *list)
{
  if (self->rebuilding || self->canvas == NULL)
    return;
  ent_canvas_set_selected (self->canvas, row ? gtk_list_box_row_get_index (row) : -1);
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

static void
ent_window_init (EntWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  bind_settings (self);

  self->canvas = ENT_CANVAS (ent_canvas_new ());
  gtk_box_append (self->map_area, GTK_WIDGET (self->canvas));
  g_signal_connect_object (self->canvas, "actor-moved", G_CALLBACK (actor_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::selected", G_CALLBACK (canvas_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "actor-activated", G_CALLBACK (actor_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->actor_list, "row-selected", G_CALLBACK (row_selected_cb), self, G_CONNECT_SWAPPED);

  self->cancellable = g_cancellable_new ();
  gtk_list_box_set_filter_func (self->actor_list, filter_actor_row, self, NULL);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);

  {
    g_autoptr(EntWorld) empty = ent_world_new ();

    ent_window_set_world (self, empty, NULL);
  }
}

EntWindow *
ent_window_new (GtkApplication *application)
{
  return g_object_new (ENT_TYPE_WINDOW, "application", application, NULL);
}

/* ---- Test access ------------------------------------------------------- */

GtkListBox *
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

const char *
ent_window_get_last_toast (EntWindow *self)
{
  g_return_val_if_fail (ENT_IS_WINDOW (self), NULL);
  return self->last_toast;
}
