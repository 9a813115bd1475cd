/* test-window-settings.c: the window remembers its state in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ent-window-private.h"

static AdwFlap *
find_flap (GtkWidget *widget)
{
  if (ADW_IS_FLAP (widget))
    return ADW_FLAP (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwFlap *flap = find_flap (child);

      if (flap != NULL)
        return flap;
    }
  return NULL;
}

static void
reset_settings (GSettings *settings)
{
  const char *keys[] = { "window-width", "window-height", "window-maximized", "sidebar-revealed" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

static void
test_window_settings_restored (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  EntWindow *window;
  AdwFlap *flap;
  int width, height;

  reset_settings (settings);
  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  g_settings_set_boolean (settings, "sidebar-revealed", FALSE);

  window = g_object_ref_sink (ent_window_new (NULL));
  flap = find_flap (GTK_WIDGET (window));
  g_assert_nonnull (flap);

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));
  g_assert_false (adw_flap_get_reveal_flap (flap));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_window_settings_saved (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  EntWindow *window;
  AdwFlap *flap;

  reset_settings (settings);
  window = g_object_ref_sink (ent_window_new (NULL));
  flap = find_flap (GTK_WIDGET (window));
  g_assert_true (adw_flap_get_reveal_flap (flap));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL);
  g_assert_false (adw_flap_get_reveal_flap (flap));
  g_assert_false (g_settings_get_boolean (settings, "sidebar-revealed"));

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  reset_settings (settings);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window-settings/restored", test_window_settings_restored);
  g_test_add_func ("/window-settings/saved", test_window_settings_saved);

  return g_test_run ();
}
