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
#include "ent-format-native.h"
#include "ent-layout.h"
#include "ent-painter-private.h"
#include "ent-window-private.h"
#include "window-test.h"

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

/* Blocs and leaders by their Korean names in the list, the details and on
 * the map; a search still finds them by their English names. */
static void
test_korean_names (void)
{
  g_autoptr(EntWindow) window = open_dataset ();
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  GtkListView *list = ent_window_get_actor_list (window);
  GtkSearchEntry *entry = ent_window_get_search_entry (window);
  EntWorld *world = ent_window_get_world (window);
  EntDate date;
  EntBloc *bloc;

  g_assert_cmpstr (ent_bloc_get_display_name (ent_world_lookup_bloc (world, "kor-usa-jpn")), ==,
                   "한미일 3국 협력");
  /* A relation's label and a meeting's title. */
  g_assert_cmpstr (ent_relation_get_display_label (ent_world_lookup_relation (world, "kor-jpn-basic-treaty")), ==,
                   "한일기본조약");
  g_assert_cmpstr (ent_meeting_get_display_title (ent_world_lookup_meeting (world, "lee-xi-2025-11-01")), ==,
                   "이재명–시진핑 회담");
  /* The picture's title and a leader's title are different words. */
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "picture", "Title"), ==, "제목");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "leader", "Title"), ==, "직함");
  /* The document's own title, in the window's title bar. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "동북아시아, 2025년 가을");
  g_assert_true (ent_date_parse ("2025-11-01", &date, NULL));
  g_assert_cmpstr (ent_leader_get_display_name (ent_actor_get_leader_at (ent_world_lookup_actor (world, "JPN"), date)),
                   ==, "다카이치 사나에");

  /* South Korea's row: its president, then its blocs as of the date. */
  wait_until (list_shows_korea, list, "the list's rows");
  g_assert_true (find_label (GTK_WIDGET (list), "이재명 · 한미일 3국 협력 · 아시아태평양경제협력체(APEC)"));

  /* In Korean and in English the search finds the same rows. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "다카이치");
  ent_window_apply_search (window);
  g_assert_cmpuint (count_visible_rows (list, titles), ==, 1);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "일본");
  g_ptr_array_set_size (titles, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "takaichi");
  ent_window_apply_search (window);
  g_assert_cmpuint (count_visible_rows (list, titles), ==, 1);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "일본");
  g_ptr_array_set_size (titles, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "trilateral");
  ent_window_apply_search (window);
  g_assert_cmpuint (count_visible_rows (list, NULL), ==, 3);
  gtk_editable_set_text (GTK_EDITABLE (entry), "북중러");
  ent_window_apply_search (window);
  g_assert_cmpuint (count_visible_rows (list, NULL), ==, 3);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  ent_window_apply_search (window);

  /* A bloc without a Korean name falls back to its English one. */
  bloc = ent_bloc_copy (ent_world_lookup_bloc (world, "chn-rus-prk"));
  ent_bloc_set_local_name (bloc, "ko", NULL);
  g_assert_cmpstr (ent_bloc_get_display_name (bloc), ==, "China–Russia–North Korea");
  ent_bloc_set_local_name (bloc, "fr", "Chine–Russie–Corée du Nord");
  g_assert_cmpstr (ent_bloc_get_display_name (bloc), ==, "China–Russia–North Korea");
  ent_bloc_free (bloc);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The width of bloc @bloc's name on the bundled map, laid out at @xy, and
 * of the legend card. */
static void
measure_map (EntWorld     *world,
             const double *xy,
             guint         bloc,
             double       *name_width,
             double       *legend_width)
{
  g_autoptr(EntPainter) painter = ent_painter_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1400, 900);
  cairo_t *cr = cairo_create (surface);
  const EntLabelBox *hulls;
  double box[4];
  guint n_hulls;
  EntView view;

  ent_painter_set_show_hulls (painter, TRUE);
  ent_view_init (&view, 1400, 900);
  ent_painter_fit_view (painter, &view, xy, ent_world_get_n_actors (world), 48);
  ent_painter_draw (painter, cr, world, ENT_DATE_NONE, xy, &view);
  *name_width = 0;
  hulls = ent_painter_get_hull_label_boxes (painter, &n_hulls);
  for (guint i = 0; i < n_hulls; i++)
    if (hulls[i].actor == bloc)
      *name_width = hulls[i].width;
  g_assert_true (ent_painter_get_legend_box (painter, box));
  *legend_width = box[2];
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* On the map, a bloc's name and its legend row are in Korean. */
static void
test_korean_map (void)
{
  g_autoptr(GFile) dataset = ent_application_get_default_dataset ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = ent_native_load_file (dataset, NULL, &error);
  g_autoptr(EntLayout) layout = NULL;
  g_autoptr(EntBloc) apec = NULL;
  g_autofree double *xy = NULL;
  double korean_width, english_width, korean_legend, english_legend;
  guint n, index = G_MAXUINT;

  g_assert_no_error (error);
  n = ent_world_get_n_actors (world);
  layout = ent_layout_new_for_world (world, 1);
  while (!ent_layout_is_settled (layout))
    ent_layout_step (layout, 50);
  xy = g_new (double, 2 * n);
  for (guint i = 0; i < n; i++)
    ent_layout_get_position (layout, i, &xy[2 * i], &xy[2 * i + 1]);
  for (guint i = 0; i < ent_world_get_n_blocs (world); i++)
    if (g_str_equal (ent_world_get_bloc (world, i)->id, "apec"))
      index = i;
  g_assert_cmpuint (index, <, ent_world_get_n_blocs (world));

  measure_map (world, xy, index, &korean_width, &korean_legend);
  /* The same map with APEC's Korean name taken away: its English name,
   * "Asia-Pacific Economic Cooperation (APEC)", is much the wider, on the
   * map and in the legend, whose widest row it then is. */
  apec = ent_bloc_copy (ent_world_get_bloc (world, index));
  ent_bloc_set_local_name (apec, "ko", NULL);
  g_assert_true (ent_world_update_bloc (world, apec, &error));
  g_assert_no_error (error);
  measure_map (world, xy, index, &english_width, &english_legend);
  g_test_message ("APEC's name: %.1f px in Korean, %.1f in English; legend %.1f and %.1f px",
                  korean_width, english_width, korean_legend, english_legend);
  g_assert_cmpfloat (korean_width, >, 0);
  g_assert_cmpfloat (english_width, >, 1.4 * korean_width);
  g_assert_cmpfloat (english_legend, >, korean_legend + 10);
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
  g_test_add_func ("/korean/names", test_korean_names);
  g_test_add_func ("/korean/map", test_korean_map);

  return g_test_run ();
}
