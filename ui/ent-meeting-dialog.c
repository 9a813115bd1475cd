/* ent-meeting-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "ent-dialogs-private.h"
#include "ent-form.h"
#include "ent-meeting-dialog.h"
#include "ent-ui-resources.h"

struct _EntMeetingDialog
{
  AdwWindow             parent_instance;

  EntHistory           *history;
  char                 *meeting_id;     /* NULL when adding */
  GPtrArray            *participants;   /* ids, in the order they were ticked */
  GPtrArray            *checks;         /* a GtkCheckButton per actor index */
  gboolean              syncing_date;

  AdwWindowTitle       *window_title;
  GtkButton            *apply_button;
  AdwEntryRow          *date_row;
  GtkMenuButton        *calendar_button;
  GtkCalendar          *calendar;
  AdwEntryRow          *title_row;
  AdwEntryRow          *korean_title_row;
  AdwComboRow          *kind_row;
  AdwComboRow          *status_row;
  AdwComboRow          *outcome_row;
  GtkSearchEntry       *participant_search;
  GtkListBox           *participant_list;
  AdwEntryRow          *place_row;
  AdwEntryRow          *topics_row;
  AdwEntryRow          *source_row;
  AdwPreferencesGroup  *delete_group;
  GtkButton            *delete_button;
  GtkRevealer          *problem_revealer;
  GtkLabel             *problem_label;
};

G_DEFINE_FINAL_TYPE (EntMeetingDialog, ent_meeting_dialog, ADW_TYPE_WINDOW)

enum
{
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static EntWorld *
get_world (EntMeetingDialog *self)
{
  return ent_history_get_world (self->history);
}

static GStrv
read_topics (EntMeetingDialog *self)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->topics_row)), ",", -1);
  g_autoptr(GStrvBuilder) topics = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      g_strv_builder_add (topics, parts[i]);
      n++;
    }
  return n > 0 ? g_strv_builder_end (topics) : NULL;
}

static void
replace_string (char       **field,
                char        *value)
{
  g_free (*field);
  *field = value;
}

/* The meeting as the fields describe it, keeping what the dialog does not
 * show (note, unknown fields) of the meeting being edited. */
static EntMeeting *
build_meeting (EntMeetingDialog  *self,
               GError           **error)
{
  g_autoptr(EntMeeting) meeting = NULL;
  g_autofree char *korean = NULL;
  const EntMeeting *old = NULL;
  EntDate date;

  if (!ent_form_read_date (GTK_EDITABLE (self->date_row), _("The meeting"), FALSE, &date, error))
    return NULL;

  if (self->meeting_id != NULL)
    old = ent_world_lookup_meeting (get_world (self), self->meeting_id);
  if (old != NULL)
    meeting = ent_meeting_copy (old);
  else
    meeting = ent_meeting_new (NULL, date, ENT_MEETING_BILATERAL, NULL);

  g_ptr_array_add (self->participants, NULL);
  g_strfreev (meeting->participants);
  meeting->participants = g_strdupv ((GStrv) self->participants->pdata);
  g_ptr_array_remove_index (self->participants, self->participants->len - 1);

  meeting->date = date;
  meeting->kind = (EntMeetingKind) adw_combo_row_get_selected (self->kind_row);
  meeting->status = (EntMeetingStatus) adw_combo_row_get_selected (self->status_row);
  meeting->outcome = (EntMeetingOutcome) adw_combo_row_get_selected (self->outcome_row);
  replace_string (&meeting->title, ent_form_dup_text (GTK_EDITABLE (self->title_row)));
  korean = ent_form_dup_text (GTK_EDITABLE (self->korean_title_row));
  if (korean != NULL || meeting->titles != NULL)
    ent_meeting_set_local_title (meeting, "ko", korean);
  replace_string (&meeting->place, ent_form_dup_text (GTK_EDITABLE (self->place_row)));
  replace_string (&meeting->source, ent_form_dup_text (GTK_EDITABLE (self->source_row)));
  g_strfreev (meeting->topics);
  meeting->topics = read_topics (self);

  if (!ent_world_check_meeting (get_world (self), meeting, error))
    return NULL;
  return g_steal_pointer (&meeting);
}

static void
validate (EntMeetingDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EntMeeting) meeting = build_meeting (self, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), meeting != NULL);
  ent_form_show_problem (self->problem_revealer, self->problem_label, error);
}

static void
field_changed_cb (EntMeetingDialog *self)
{
  validate (self);
}

static void
date_changed_cb (EntMeetingDialog *self)
{
  g_autofree char *text = ent_form_dup_text (GTK_EDITABLE (self->date_row));
  EntDate date;

  if (!self->syncing_date && text != NULL && ent_date_parse (text, &date, NULL) && date.day != 0)
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (date.year, date.month, date.day, 0, 0, 0);

      self->syncing_date = TRUE;
      if (day != NULL)
        gtk_calendar_select_day (self->calendar, day);
      self->syncing_date = FALSE;
    }
  validate (self);
}

static void
calendar_day_selected_cb (EntMeetingDialog *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *text = NULL;

  if (self->syncing_date)
    return;
  day = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (day, "%Y-%m-%d");
  self->syncing_date = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
  self->syncing_date = FALSE;
}

static void
participant_toggled_cb (GtkCheckButton   *check,
                        EntMeetingDialog *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "actor-id");
  guint index;
  gboolean listed = g_ptr_array_find_with_equal_func (self->participants, id, g_str_equal, &index);

  if (gtk_check_button_get_active (check) && !listed)
    g_ptr_array_add (self->participants, g_strdup (id));
  else if (!gtk_check_button_get_active (check) && listed)
    g_ptr_array_remove_index (self->participants, index);
  validate (self);
}

static gboolean
participant_filter (GtkListBoxRow *row,
                    gpointer       user_data)
{
  EntMeetingDialog *self = user_data;
  const EntActor *actor = ent_world_get_actor (get_world (self), (guint) gtk_list_box_row_get_index (row));

  return ent_form_actor_matches (actor, gtk_editable_get_text (GTK_EDITABLE (self->participant_search)));
}

static void
participant_search_changed_cb (EntMeetingDialog *self)
{
  gtk_list_box_invalidate_filter (self->participant_list);
}

static void
fill_participant_list (EntMeetingDialog *self)
{
  EntWorld *world = get_world (self);

  for (guint i = 0; i < ent_world_get_n_actors (world); i++)
    {
      const EntActor *actor = ent_world_get_actor (world, i);
      GtkCheckButton *check;
      GtkWidget *row = ent_form_actor_check_row (actor, &check);

      g_object_set_data_full (G_OBJECT (check), "actor-id", g_strdup (actor->id), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (participant_toggled_cb), self);
      gtk_list_box_append (self->participant_list, row);
      g_ptr_array_add (self->checks, check);
    }
  gtk_list_box_set_filter_func (self->participant_list, participant_filter, self, NULL);
}

static void
tick_participants (EntMeetingDialog   *self,
                   const char * const *ids)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      int index = ent_world_get_actor_index (get_world (self), ids[i]);

      if (index >= 0)
        gtk_check_button_set_active (g_ptr_array_index (self->checks, index), TRUE);
    }
}

static void
set_kind_labels (EntMeetingDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  for (guint i = 0; i < ENT_N_MEETING_KINDS; i++)
    gtk_string_list_append (kinds, ent_meeting_kind_get_label ((EntMeetingKind) i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
}

static void
show_meeting (EntMeetingDialog *self,
              const EntMeeting *meeting)
{
  g_autofree char *date = ent_date_to_string (meeting->date);
  g_autofree char *topics = meeting->topics ? g_strjoinv (", ", meeting->topics) : NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  ent_form_set_text (GTK_EDITABLE (self->title_row), meeting->title);
  ent_form_set_text (GTK_EDITABLE (self->korean_title_row),
                     meeting->titles != NULL ? g_hash_table_lookup (meeting->titles, "ko") : NULL);
  adw_combo_row_set_selected (self->kind_row, meeting->kind);
  adw_combo_row_set_selected (self->status_row, meeting->status);
  adw_combo_row_set_selected (self->outcome_row, meeting->outcome);
  ent_form_set_text (GTK_EDITABLE (self->place_row), meeting->place);
  ent_form_set_text (GTK_EDITABLE (self->topics_row), topics);
  ent_form_set_text (GTK_EDITABLE (self->source_row), meeting->source);
  tick_participants (self, (const char * const *) meeting->participants);
}

/* What a toast calls the meeting: its title, else who met. */
static char *
meeting_name (EntWorld         *world,
              const EntMeeting *meeting)
{
  if (meeting->title != NULL)
    return g_strdup (ent_meeting_get_display_title (meeting));
  return ent_form_join_actor_names (world, (const char * const *) meeting->participants);
}

static void
finish (EntMeetingDialog *self,
        const char       *id,
        const char       *message)
{
  g_signal_emit (self, signals[APPLIED], 0, id, message);
  /* Not gtk_window_close(): the edit is made, nothing may veto closing,
   * and close does nothing before the window is realized. */
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
apply_clicked_cb (EntMeetingDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EntMeeting) meeting = build_meeting (self, &error);
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *date = NULL;
  g_autofree char *message = NULL;
  gboolean done;

  if (meeting == NULL)
    {
      ent_form_show_problem (self->problem_revealer, self->problem_label, error);
      return;
    }
  if (self->meeting_id == NULL)
    done = ent_history_add_meeting (self->history, meeting, &id, &error);
  else
    {
      done = ent_history_update_meeting (self->history, meeting, &error);
      id = g_strdup (meeting->id);
    }
  if (!done)
    {
      ent_form_show_problem (self->problem_revealer, self->problem_label, error);
      return;
    }

  name = meeting_name (get_world (self), meeting);
  date = ent_form_format_date (meeting->date);
  if (self->meeting_id == NULL)
    /* Translators: a toast; the first %s is a meeting, the second its date */
    message = g_strdup_printf (_("Added “%s” (%s)"), name, date);
  else
    /* Translators: a toast; the first %s is a meeting, the second its date */
    message = g_strdup_printf (_("Saved “%s” (%s)"), name, date);
  finish (self, id, message);
}

static void
delete_clicked_cb (EntMeetingDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (self->meeting_id);
  const EntMeeting *meeting = ent_world_lookup_meeting (get_world (self), id);
  g_autofree char *name = NULL;
  g_autofree char *date = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (meeting != NULL);

  name = meeting_name (get_world (self), meeting);
  date = ent_form_format_date (meeting->date);
  if (!ent_history_remove_meeting (self->history, id, &error))
    {
      ent_form_show_problem (self->problem_revealer, self->problem_label, error);
      return;
    }
  /* Translators: a toast; the first %s is a meeting, the second its date */
  message = g_strdup_printf (_("Deleted “%s” (%s)"), name, date);
  finish (self, id, message);
}

static void
ent_meeting_dialog_dispose (GObject *object)
{
  EntMeetingDialog *self = ENT_MEETING_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ENT_TYPE_MEETING_DIALOG);
  G_OBJECT_CLASS (ent_meeting_dialog_parent_class)->dispose (object);
}

static void
ent_meeting_dialog_finalize (GObject *object)
{
  EntMeetingDialog *self = ENT_MEETING_DIALOG (object);

  g_clear_object (&self->history);
  g_clear_pointer (&self->meeting_id, g_free);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  G_OBJECT_CLASS (ent_meeting_dialog_parent_class)->finalize (object);
}

static void
ent_meeting_dialog_class_init (EntMeetingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ent_meeting_dialog_dispose;
  object_class->finalize = ent_meeting_dialog_finalize;

  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /* Referencing the resource keeps it linked in from the static library. */
  if (ent_ui_get_resource () == NULL)
    g_error ("The dialogs' resources are missing");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/entente/Entente/ui/ent-meeting-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, korean_title_row);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, participant_search);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, participant_list);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, place_row);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, topics_row);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, delete_group);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, delete_button);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, EntMeetingDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, participant_search_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ent_meeting_dialog_init (EntMeetingDialog *self)
{
  self->participants = g_ptr_array_new_with_free_func (g_free);
  self->checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  set_kind_labels (self);
}

EntMeetingDialog *
ent_meeting_dialog_new (GtkWindow          *parent,
                        EntHistory         *history,
                        const char         *meeting_id,
                        const char * const *preset_participants,
                        EntDate             preset_date)
{
  EntMeetingDialog *self;
  const EntMeeting *meeting = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ENT_IS_HISTORY (history), NULL);

  if (meeting_id != NULL)
    {
      meeting = ent_world_lookup_meeting (ent_history_get_world (history), meeting_id);
      g_return_val_if_fail (meeting != NULL, NULL);
    }

  self = g_object_new (ENT_TYPE_MEETING_DIALOG, "transient-for", parent, NULL);
  self->history = g_object_ref (history);
  self->meeting_id = g_strdup (meeting_id);
  fill_participant_list (self);

  if (meeting != NULL)
    {
      g_autofree char *name = meeting_name (ent_history_get_world (history), meeting);

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Meeting"));
      adw_window_title_set_title (self->window_title, _("Edit Meeting"));
      adw_window_title_set_subtitle (self->window_title, name);
      gtk_button_set_label (self->apply_button, _("_Save"));
      gtk_widget_set_visible (GTK_WIDGET (self->delete_group), TRUE);
      show_meeting (self, meeting);
    }
  else
    {
      g_autofree char *date = ent_date_to_string (ent_date_is_set (preset_date) ? preset_date : ent_date_today ());

      gtk_window_set_title (GTK_WINDOW (self), _("New Meeting"));
      adw_combo_row_set_selected (self->kind_row, ENT_MEETING_BILATERAL);
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
      tick_participants (self, preset_participants);
    }
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->apply_button));
  validate (self);
  return self;
}

/* ---- For tests ---------------------------------------------------------- */

void
ent_meeting_dialog_set_participant (EntMeetingDialog *self,
                                    const char       *actor_id,
                                    gboolean          active)
{
  int index;

  g_return_if_fail (ENT_IS_MEETING_DIALOG (self));

  index = ent_world_get_actor_index (get_world (self), actor_id);
  g_return_if_fail (index >= 0);
  gtk_check_button_set_active (g_ptr_array_index (self->checks, index), active);
}
