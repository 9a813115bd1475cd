/* ent-window-document.c: never lose work
 *
 * Unsaved changes are written to the user's data folder a few seconds
 * after each edit; after a crash the next start offers them back. The open
 * file is watched: when another program changes it, the window reloads it
 * (asking first when there are unsaved changes) and the map animates to
 * the new state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-window"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ent-format-native.h"
#include "ent-window-private.h"
#include "ent-world-ops.h"

#define DEFAULT_AUTOSAVE_DELAY_MS 3000
#define MONITOR_SETTLE_MS          250

static guint
autosave_delay (void)
{
  const char *text = g_getenv ("ENTENTE_AUTOSAVE_DELAY_MS");
  guint64 value;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, 600000, &value, NULL))
    return (guint) value;
  return DEFAULT_AUTOSAVE_DELAY_MS;
}

static char *
autosave_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "entente", "autosave", NULL);
}

static char *
autosave_key (GFile *file)
{
  g_autofree char *uri = NULL;

  if (file == NULL)
    return g_strdup ("untitled");
  uri = g_file_get_uri (file);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA1, uri, -1);
}

/**
 * ent_window_get_autosave_path:
 *
 * Returns: (transfer full): where unsaved changes to @file (or to an
 * untitled document, for %NULL) are kept.
 */
char *
ent_window_get_autosave_path (GFile *file)
{
  g_autofree char *dir = autosave_dir ();
  g_autofree char *key = autosave_key (file);
  g_autofree char *name = g_strconcat (key, ".entente.json", NULL);

  return g_build_filename (dir, name, NULL);
}

static char *
origin_path (const char *autosave_path)
{
  g_autofree char *stem = g_strndup (autosave_path, strlen (autosave_path) - strlen (".entente.json"));

  return g_strconcat (stem, ".origin", NULL);
}

/* ---- Autosave ------------------------------------------------------------ */

static gboolean
autosave_cb (gpointer user_data)
{
  EntWindow *self = user_data;
  g_autofree char *dir = autosave_dir ();
  g_autofree char *path = ent_window_get_autosave_path (self->file);
  g_autofree char *origin = origin_path (path);
  g_autofree char *uri = self->file ? g_file_get_uri (self->file) : g_strdup ("");
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  self->autosave_timeout = 0;
  if (!ent_window_is_modified (self))
    return G_SOURCE_REMOVE;

  data = ent_native_to_data (self->world, &length);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents (origin, uri, -1, &error) ||
      !g_file_set_contents (path, data, (gssize) length, &error))
    g_warning ("Could not keep unsaved changes in %s: %s", path, error ? error->message : g_strerror (errno));
  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (EntWindow *self)
{
  if (!ent_window_is_modified (self))
    return;
  /* Each edit restarts the wait, so a burst of edits is written once. */
  g_clear_handle_id (&self->autosave_timeout, g_source_remove);
  self->autosave_timeout = g_timeout_add (autosave_delay (), autosave_cb, self);
}

void
ent_window_discard_autosave (EntWindow *self)
{
  g_autofree char *path = ent_window_get_autosave_path (self->file);
  g_autofree char *origin = origin_path (path);

  g_clear_handle_id (&self->autosave_timeout, g_source_remove);
  g_unlink (path);
  g_unlink (origin);
}

/* ---- Recovery ------------------------------------------------------------ */

/* The most recent autosave left behind, or NULL. */
static char *
find_autosave (void)
{
  g_autofree char *dir = autosave_dir ();
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *best = NULL;
  gint64 best_time = 0;
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf info;

      if (!g_str_has_suffix (name, ".entente.json"))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_stat (path, &info) == 0 && info.st_mtime >= best_time)
        {
          best_time = info.st_mtime;
          g_free (best);
          best = g_steal_pointer (&path);
        }
    }
  return g_steal_pointer (&best);
}

static void
recovery_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      EntWindow        *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "ent-autosave");
  GFile *fallback = g_object_get_data (G_OBJECT (dialog), "ent-fallback");
  g_autofree char *origin = origin_path (path);
  g_autofree char *uri = NULL;
  g_autoptr(GFile) autosave = g_file_new_for_path (path);
  g_autoptr(GFile) file = NULL;
  g_autoptr(EntWorld) world = NULL;
  g_autoptr(GError) error = NULL;

  if (g_file_get_contents (origin, &uri, NULL, NULL) && *uri != '\0')
    file = g_file_new_for_uri (uri);

  if (g_str_equal (response, "restore"))
    world = ent_native_load_file (autosave, NULL, &error);
  if (world == NULL)
    {
      if (error != NULL)
        ent_window_show_toast (self, error->message, FALSE);
      g_unlink (path);
      g_unlink (origin);
      if (fallback != NULL)
        ent_window_open (self, fallback);
      return;
    }

  ent_window_set_world (self, world, file);
  self->restored = TRUE;
  ent_window_update_title (self);
  ent_window_show_toast (self, _("Unsaved changes restored"), FALSE);
}

gboolean
ent_window_offer_recovery (EntWindow *self,
                           GFile     *fallback,
                           gboolean   any)
{
  g_autofree char *path = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (ENT_IS_WINDOW (self), FALSE);

  if (any)
    path = find_autosave ();
  else if (fallback != NULL)
    {
      path = ent_window_get_autosave_path (fallback);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        g_clear_pointer (&path, g_free);
    }
  if (path == NULL)
    return FALSE;
  origin = origin_path (path);
  if (g_file_get_contents (origin, &uri, NULL, NULL) && *uri != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);

      name = g_file_get_basename (file);
    }
  body = name ? g_strdup_printf (_("Entente closed before your changes to “%s” were saved."), name)
              : g_strdup (_("Entente closed before your changes to an untitled map were saved."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore Unsaved Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  g_object_set_data_full (G_OBJECT (dialog), "ent-autosave", g_steal_pointer (&path), g_free);
  if (fallback != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "ent-fallback", g_object_ref (fallback), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (recovery_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ---- The file on disk ------------------------------------------------------ */

static char *
checksum_of (const void *data,
             gsize       length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
}

/* The fingerprint of a file's contents; any thread. */
char *
ent_window_document_checksum (GBytes *contents)
{
  return checksum_of (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents));
}

void
ent_window_document_set_checksum (EntWindow *self,
                                  char      *checksum)
{
  g_free (self->file_checksum);
  self->file_checksum = checksum;
}

void
ent_window_document_loaded (EntWindow *self,
                            GBytes    *contents)
{
  ent_window_document_set_checksum (self, ent_window_document_checksum (contents));
}

void
ent_window_document_saved (EntWindow  *self,
                           const char *contents,
                           gsize       length)
{
  g_free (self->file_checksum);
  self->file_checksum = checksum_of (contents, length);
  ent_window_discard_autosave (self);
}

static void
reload_from (EntWindow *self,
             GBytes    *contents)
{
  g_autofree char *name = g_file_get_parse_name (self->file);
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autofree char *message = NULL;
  g_autoptr(EntWorld) fresh = NULL;
  g_autoptr(GError) error = NULL;

  fresh = ent_native_load_bytes (contents, name, &error);
  /* A half-written or broken file on disk never replaces good data. */
  if (fresh == NULL || !ent_world_assign (self->world, fresh, &error))
    {
      ent_window_show_toast (self, error->message, FALSE);
      return;
    }
  ent_window_reset_history (self);
  ent_window_document_loaded (self, contents);
  self->restored = FALSE;
  ent_window_discard_autosave (self);
  ent_window_refresh_views (self);
  ent_window_update_title (self);
  message = g_strdup_printf (_("Reloaded “%s”: it changed on disk"), basename);
  ent_window_show_toast (self, message, FALSE);
}

static void
changed_on_disk_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             EntWindow        *self)
{
  GBytes *contents = g_object_get_data (G_OBJECT (dialog), "ent-contents");

  if (g_str_equal (response, "reload"))
    reload_from (self, contents);
  else
    /* Keep ours; saving will replace the file. Do not ask again for it. */
    ent_window_document_loaded (self, contents);
}

static gboolean
check_file_cb (gpointer user_data)
{
  EntWindow *self = user_data;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  self->monitor_timeout = 0;
  if (self->file == NULL)
    return G_SOURCE_REMOVE;
  contents = g_file_load_bytes (self->file, NULL, NULL, NULL);
  if (contents == NULL)
    return G_SOURCE_REMOVE;   /* deleted or being replaced: wait for the next event */
  checksum = checksum_of (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents));
  if (g_strcmp0 (checksum, self->file_checksum) == 0)
    return G_SOURCE_REMOVE;   /* our own save, or no real change */

  if (!ent_window_is_modified (self))
    {
      reload_from (self, contents);
      return G_SOURCE_REMOVE;
    }

  basename = g_file_get_basename (self->file);
  heading = g_strdup_printf (_("“%s” Changed on Disk"), basename);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Another program changed the file. Reload it and lose your unsaved "
                                     "changes, or keep your version (saving it will replace the file)?"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Mine"),
                                    "reload", _("_Reload"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reload", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "ent-contents", g_bytes_ref (contents), (GDestroyNotify) g_bytes_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (changed_on_disk_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return G_SOURCE_REMOVE;
}

static void
file_changed_cb (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event,
                 EntWindow         *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_RENAMED:
      /* Writers come in bursts; look once they are done. */
      g_clear_handle_id (&self->monitor_timeout, g_source_remove);
      self->monitor_timeout = g_timeout_add (MONITOR_SETTLE_MS, check_file_cb, self);
      break;
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    default:
      break;
    }
}

/* ---- Attaching to a document ------------------------------------------------ */

void
ent_window_document_attach (EntWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_signal_connect_object (self->world, "changed", G_CALLBACK (schedule_autosave), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::is-modified", G_CALLBACK (schedule_autosave), self,
                           G_CONNECT_SWAPPED);
  if (self->file == NULL || !g_file_is_native (self->file))
    return;
  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_WATCH_MOVES, self->cancellable, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Not watching the file: %s", error->message);
      return;
    }
  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (file_changed_cb), self, 0);
}

void
ent_window_document_detach (EntWindow *self)
{
  g_clear_handle_id (&self->autosave_timeout, g_source_remove);
  g_clear_handle_id (&self->monitor_timeout, g_source_remove);
  if (self->world != NULL)
    g_signal_handlers_disconnect_by_func (self->world, schedule_autosave, self);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_func (self->history, schedule_autosave, self);
  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_signal_handlers_disconnect_by_func (self->monitor, file_changed_cb, self);
      g_clear_object (&self->monitor);
    }
  g_clear_pointer (&self->file_checksum, g_free);
}
