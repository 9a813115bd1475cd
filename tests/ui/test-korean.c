/* test-korean.c: the window in Korean, from the build tree's catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LANGUAGE=ko picks the Korean catalogue as long as the locale is not "C"
 * or "POSIX": the suite runs with LC_ALL=C.UTF-8, which glibc accepts, so
 * no ko_KR locale needs to be generated. The catalogue is the one the build
 * writes to <builddir>/po/ko/LC_MESSAGES/entente.mo.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "ent-application.h"
#include "ent-window-private.h"

/* Runs the main loop until @done says so; a time-out fails the test. */
static void
wait_until (gboolean (*done) (gpointer), gpointer data, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
has_actors (gpointer data)
{
  return ent_world_get_n_actors (ent_window_get_world (data)) > 0;
}

static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
list_shows_korea (gpointer data)
{
  return find_label (data, "대한민국");
}

static EntWindow *
open_dataset (void)
{
  g_autoptr(GFile) dataset = ent_application_get_default_dataset ();
  EntWindow *window = g_object_ref_sink (ent_window_new (NULL));

  gtk_window_present (GTK_WINDOW (window));
  ent_window_open (window, dataset);
  wait_until (has_actors, window, "the bundled dataset to load");
  return window;
}

/* The first descendant of @widget that is a button for @action. */
static GtkWidget *
find_action_widget (GtkWidget  *widget,
                    GType       type,
                    const char *action)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_widget (child, type, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The label of the menu item for @action, anywhere in @model. */
static char *
find_menu_label (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *item_action = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;
      const char *name;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_str_equal (item_action, action))
        {
          char *label = NULL;

          g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
          return label;
        }
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_get_next (links, &name, &link))
        {
          g_autoptr(GMenuModel) owned = link;
          char *label = find_menu_label (owned, action);

          if (label != NULL)
            return label;
        }
    }
  return NULL;
}

static void
test_korean_catalogue (void)
{
  /* The catalogue itself, and the vocabulary the graph library uses. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "_Open"), ==, "열기(_O)");
  g_assert_cmpstr (ent_relation_type_get_label (ENT_RELATION_ALLIANCE), ==, "동맹");
  g_assert_cmpstr (ent_meeting_kind_get_label (ENT_MEETING_SUMMIT), ==, "정상회담");
}

/* A window with no document yet is titled in Korean. */
static void
test_korean_title (void)
{
  EntWindow *window = g_object_ref_sink (ent_window_new (NULL));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "제목 없는 지도");
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

static void
test_korean_window (void)
{
  g_autoptr(EntWindow) window = open_dataset ();
  GtkWidget *open = find_action_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "win.open");
  GtkWidget *menu = find_widget_of_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  g_autofree char *open_item = NULL;
  g_autofree char *shortcuts = NULL;
  g_autofree char *about = NULL;
  GtkListView *list = ent_window_get_actor_list (window);
  gboolean found_korea = FALSE;
  gboolean found_china = FALSE;

  /* The header bar's Open button (a label, or only an icon and its
   * tooltip) and the main menu. */
  g_assert_nonnull (open);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (open), ==, "문서 열기(Ctrl+O)");
  if (gtk_button_get_label (GTK_BUTTON (open)) != NULL)
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (open)), ==, "열기(_O)");
  g_assert_nonnull (menu);
  open_item = find_menu_label (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu)), "win.open");
  shortcuts = find_menu_label (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu)), "win.show-help-overlay");
  about = find_menu_label (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu)), "app.about");
  g_assert_cmpstr (open_item, ==, "열기(_O)…");
  g_assert_cmpstr (shortcuts, ==, "키보드 바로 가기(_K)");
  g_assert_cmpstr (about, ==, "Entente 정보(_A)");

  /* The bundled dataset's actors by their Korean names, in the rows the
   * list draws. */
  wait_until (list_shows_korea, list, "the list's rows");
  found_korea = find_label (GTK_WIDGET (list), "대한민국");
  found_china = find_label (GTK_WIDGET (list), "중국");
  g_assert_true (found_korea);
  g_assert_true (found_china);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *localedir = NULL;

  /* As a Korean desktop would start the app: before GTK reads the locale. */
  g_setenv ("LANGUAGE", "ko", TRUE);
  setlocale (LC_ALL, "");
  /* G_TEST_BUILDDIR is <builddir>/tests; the catalogues are in <builddir>/po. */
  localedir = g_build_filename (builddir ? builddir : ".", "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/korean/title", test_korean_title);
  g_test_add_func ("/korean/catalogue", test_korean_catalogue);
  g_test_add_func ("/korean/window", test_korean_window);

  return g_test_run ();
}
