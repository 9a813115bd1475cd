/* ent-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-dialogs"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ent-form.h"

char *
ent_form_dup_text (GtkEditable *editable)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);

  text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

void
ent_form_set_text (GtkEditable *editable,
                   const char  *text)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));
  gtk_editable_set_text (editable, text != NULL ? text : "");
}

gboolean
ent_form_read_date (GtkEditable  *editable,
                    const char   *field,
                    gboolean      optional,
                    EntDate      *out,
                    GError      **error)
{
  g_autofree char *text = ent_form_dup_text (editable);

  *out = ENT_DATE_NONE;
  if (text == NULL)
    {
      if (optional)
        return TRUE;
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_DATE,
                   _("%s needs a date (YYYY, YYYY-MM or YYYY-MM-DD)"), field);
      return FALSE;
    }
  return ent_date_parse (text, out, error);
}

char *
ent_form_format_date (EntDate date)
{
  g_autoptr(GDateTime) time = NULL;

  if (!ent_date_is_set (date))
    return g_strdup ("");
  time = g_date_time_new_utc (date.year, MAX (date.month, 1), MAX (date.day, 1), 0, 0, 0);
  if (time == NULL)
    return ent_date_to_string (date);
  if (date.day != 0)
    /* Translators: a date known to the day, in g_date_time_format() notation */
    return g_date_time_format (time, _("%-d %b %Y"));
  if (date.month != 0)
    /* Translators: a date known to the month, in g_date_time_format() notation */
    return g_date_time_format (time, _("%b %Y"));
  return g_strdup_printf ("%u", date.year);
}

void
ent_form_show_problem (GtkRevealer  *revealer,
                       GtkLabel     *label,
                       const GError *error)
{
  g_autofree char *sentence = NULL;

  if (error == NULL)
    {
      gtk_revealer_set_reveal_child (revealer, FALSE);
      return;
    }
  /* The model's messages start in lower case to fit inside longer ones. */
  sentence = g_strdup (error->message);
  if (g_unichar_islower (g_utf8_get_char (sentence)))
    {
      char first[8] = { 0 };
      gunichar upper = g_unichar_totitle (g_utf8_get_char (sentence));
      g_autofree char *rest = g_strdup (g_utf8_next_char (sentence));

      g_unichar_to_utf8 (upper, first);
      g_free (sentence);
      sentence = g_strconcat (first, rest, NULL);
    }
  gtk_label_set_text (label, sentence);
  gtk_revealer_set_reveal_child (revealer, TRUE);
}

static gboolean
text_matches (const char *text,
              const char *folded_search)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, folded_search) != NULL;
}

gboolean
ent_form_actor_matches (const EntActor *actor,
                        const char     *search)
{
  g_autofree char *folded_search = NULL;
  GHashTableIter iter;
  gpointer name;

  g_return_val_if_fail (actor != NULL, FALSE);

  if (search == NULL || *search == '\0')
    return TRUE;
  folded_search = g_utf8_casefold (search, -1);
  if (text_matches (actor->name, folded_search) || text_matches (actor->id, folded_search))
    return TRUE;
  if (actor->names == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, actor->names);
  while (g_hash_table_iter_next (&iter, NULL, &name))
    if (text_matches (name, folded_search))
      return TRUE;
  return FALSE;
}

GtkWidget *
ent_form_actor_check_row (const EntActor  *actor,
                          GtkCheckButton **out_check)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  const char *display = ent_actor_get_display_name (actor);
  g_autofree char *subtitle = NULL;

  if (!g_str_equal (display, actor->name))
    subtitle = g_strdup_printf ("%s · %s", actor->name, actor->id);
  else
    subtitle = g_strdup (actor->id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), display);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, display, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  *out_check = GTK_CHECK_BUTTON (check);
  return row;
}

char *
ent_form_join_actor_names (EntWorld           *world,
                           const char * const *ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      const EntActor *actor = ent_world_lookup_actor (world, ids[i]);

      if (i > 0)
        g_string_append (text, "–");
      g_string_append (text, actor != NULL ? ent_actor_get_display_name (actor) : ids[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
