/* ent-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ent-application.h"
#include "ent-window.h"

struct _EntApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (EntApplication, ent_application, ADW_TYPE_APPLICATION)

GFile *
ent_application_get_default_dataset (void)
{
  const char *override = g_getenv ("ENTENTE_DATASET");

  if (override != NULL && *override != '\0')
    return g_file_new_for_path (override);
  if (g_file_test (DATASET_DEFAULT, G_FILE_TEST_EXISTS))
    return g_file_new_for_path (DATASET_DEFAULT);
  /* Not installed: running from the build tree. */
  return g_file_new_for_path (SOURCE_DATASET_DEFAULT);
}

static void
ent_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autoptr(GFile) dataset = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  window = GTK_WINDOW (ent_window_new (GTK_APPLICATION (application)));
  dataset = ent_application_get_default_dataset ();
  gtk_window_present (window);
  if (!ent_window_offer_recovery (ENT_WINDOW (window), dataset, TRUE))
    ent_window_open (ENT_WINDOW (window), dataset);
}

static void
ent_application_open (GApplication  *application,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      EntWindow *window = ent_window_new (GTK_APPLICATION (application));

      gtk_window_present (GTK_WINDOW (window));
      if (!ent_window_offer_recovery (window, files[i], FALSE))
        ent_window_open (window, files[i]);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = user_data;
  const char *developers[] = { _("Entente contributors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (application),
                        "application-name", _("Entente"),
                        "application-icon", APP_ID,
                        "developer-name", _("Entente contributors"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Explore alliances and diplomacy as a living map."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* Each window asks about its unsaved changes; the application ends when
 * the last one has closed. */
static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
ent_application_startup (GApplication *application)
{
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *help_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (ent_application_parent_class)->startup (application);

  /* The themed icon, for window managers that show one per window (X11). */
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-help-overlay", help_accels);
}

static void
ent_application_class_init (EntApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = ent_application_activate;
  app_class->open = ent_application_open;
  app_class->startup = ent_application_startup;
}

static void
ent_application_init (EntApplication *self)
{
}

EntApplication *
ent_application_new (void)
{
  return g_object_new (ENT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/entente/Entente",
                       NULL);
}

int
ent_application_run_with_files (EntApplication     *self,
                                const char         *argv0,
                                const char * const *files)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_return_val_if_fail (ENT_IS_APPLICATION (self), 1);

  g_ptr_array_add (args, (gpointer) argv0);
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) files[i]);
  g_ptr_array_add (args, NULL);
  return g_application_run (G_APPLICATION (self), (int) args->len - 1, (char **) args->pdata);
}
