/* ent-actor-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-dialogs"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ent-actor-dialog.h"
#include "ent-dialogs-private.h"
#include "ent-form.h"
#include "ent-ui-resources.h"

struct _EntActorDialog
{
  AdwWindow             parent_instance;

  EntHistory           *history;
  char                 *actor_id;       /* NULL when adding */
  AdwMessageDialog     *confirmation;   /* (weak) while open */

  AdwWindowTitle       *window_title;
  GtkButton            *apply_button;
  AdwEntryRow          *id_row;
  AdwEntryRow          *name_row;
  AdwEntryRow          *korean_name_row;
  AdwComboRow          *kind_row;
  AdwEntryRow          *region_row;
  AdwEntryRow          *leader_name_row;
  AdwEntryRow          *leader_korean_name_row;
  AdwEntryRow          *leader_title_row;
  AdwEntryRow          *leader_korean_title_row;
  AdwEntryRow          *leader_since_row;
  AdwPreferencesGroup  *delete_group;
  GtkButton            *delete_button;
  GtkRevealer          *problem_revealer;
  GtkLabel             *problem_label;
};

G_DEFINE_FINAL_TYPE (EntActorDialog, ent_actor_dialog, ADW_TYPE_WINDOW)

enum
{
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static EntWorld *
get_world (EntActorDialog *self)
{
  return ent_history_get_world (self->history);
}

static void
replace_string (char **field,
                char  *value)
{
  g_free (*field);
  *field = value;
}

/* The leader in office today, as an index into @actor's leaders, or -1. */
static int
current_leader (const EntActor *actor)
{
  const EntLeader *leader = ent_actor_get_leader_at (actor, ent_date_today ());
  guint index;

  if (leader == NULL || !g_ptr_array_find (actor->leaders, leader, &index))
    return -1;
  return (int) index;
}

static gboolean
is_iso_alpha3 (const char *id)
{
  if (id == NULL || strlen (id) != 3)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    if (!g_ascii_isupper (id[i]))
      return FALSE;
  return TRUE;
}

/* Applies the "Current Leader" fields to @actor's list of leaders: the
 * same name edits the current term, a new name starts a new one (ending
 * the previous term where it begins), an empty name removes the current
 * term. */
static gboolean
apply_leader (EntActorDialog  *self,
              EntActor        *actor,
              GError         **error)
{
  g_autofree char *name = ent_form_dup_text (GTK_EDITABLE (self->leader_name_row));
  g_autofree char *title = ent_form_dup_text (GTK_EDITABLE (self->leader_title_row));
  g_autofree char *korean = ent_form_dup_text (GTK_EDITABLE (self->leader_korean_name_row));
  g_autofree char *korean_title = ent_form_dup_text (GTK_EDITABLE (self->leader_korean_title_row));
  int current = current_leader (actor);
  EntLeader *leader = current >= 0 ? g_ptr_array_index (actor->leaders, current) : NULL;
  EntDate since;

  if (!ent_form_read_date (GTK_EDITABLE (self->leader_since_row), _("The leader"), TRUE, &since, error))
    return FALSE;
  if (name == NULL)
    {
      if (title != NULL || korean != NULL || korean_title != NULL || ent_date_is_set (since))
        {
          g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_VALUE,
                       _("the current leader needs a name"));
          return FALSE;
        }
      if (leader != NULL)
        g_ptr_array_remove_index (actor->leaders, (guint) current);
      return TRUE;
    }

  if (leader == NULL || !g_str_equal (leader->name, name))
    {
      if (leader != NULL && !ent_date_is_set (leader->until))
        leader->until = since;
      leader = ent_leader_new (name, NULL);
      g_ptr_array_add (actor->leaders, leader);
    }
  replace_string (&leader->title, g_steal_pointer (&title));
  if (korean != NULL || leader->names != NULL)
    ent_leader_set_local_name (leader, "ko", korean);
  if (korean_title != NULL || leader->titles != NULL)
    ent_leader_set_local_title (leader, "ko", korean_title);
  leader->since = since;
  return TRUE;
}

/* The actor as the fields describe it, keeping what the dialog does not
 * show (position, note, past leaders, other names) of the actor being
 * edited. */
static EntActor *
build_actor (EntActorDialog  *self,
             GError         **error)
{
  g_autoptr(EntActor) actor = NULL;
  g_autofree char *id = ent_form_dup_text (GTK_EDITABLE (self->id_row));
  g_autofree char *korean = ent_form_dup_text (GTK_EDITABLE (self->korean_name_row));
  EntActorKind kind = (EntActorKind) adw_combo_row_get_selected (self->kind_row);
  const EntActor *old = NULL;

  if (self->actor_id != NULL)
    old = ent_world_lookup_actor (get_world (self), self->actor_id);
  if (old != NULL)
    actor = ent_actor_copy (old);
  else
    {
      if (id == NULL)
        {
          g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_ID,
                       _("the actor needs an id"));
          return NULL;
        }
      if (ent_world_lookup_actor (get_world (self), id) != NULL)
        {
          g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_DUPLICATE_ID,
                       _("there is already an actor with id “%s”"), id);
          return NULL;
        }
      if (kind == ENT_ACTOR_STATE && !is_iso_alpha3 (id))
        {
          g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_ID,
                       _("a state’s id is its ISO 3166 code: three capital letters, such as KOR"));
          return NULL;
        }
      actor = ent_actor_new (id, NULL);
    }

  replace_string (&actor->name, ent_form_dup_text (GTK_EDITABLE (self->name_row)));
  actor->kind = kind;
  replace_string (&actor->region, ent_form_dup_text (GTK_EDITABLE (self->region_row)));
  if (korean != NULL || actor->names != NULL)
    ent_actor_set_local_name (actor, "ko", korean);
  if (!apply_leader (self, actor, error))
    return NULL;

  if (!ent_world_check_actor (get_world (self), actor, error))
    return NULL;
  return g_steal_pointer (&actor);
}

static void
validate (EntActorDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EntActor) actor = build_actor (self, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), actor != NULL);
  ent_form_show_problem (self->problem_revealer, self->problem_label, error);
}

static void
field_changed_cb (EntActorDialog *self)
{
  validate (self);
}

static void
finish (EntActorDialog *self,
        const char     *id,
        const char     *message)
{
  g_signal_emit (self, signals[APPLIED], 0, id, message);
  /* Not gtk_window_close(): the edit is made, nothing may veto closing,
   * and close does nothing before the window is realized. */
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
apply_clicked_cb (EntActorDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EntActor) actor = build_actor (self, &error);
  g_autofree char *message = NULL;
  gboolean done;

  if (actor == NULL)
    {
      ent_form_show_problem (self->problem_revealer, self->problem_label, error);
      return;
    }
  if (self->actor_id == NULL)
    done = ent_history_add_actor (self->history, actor, &error);
  else
    done = ent_history_update_actor (self->history, actor, &error);
  if (!done)
    {
      ent_form_show_problem (self->problem_revealer, self->problem_label, error);
      return;
    }

  if (self->actor_id == NULL)
    /* Translators: a toast; %s is a country or organisation */
    message = g_strdup_printf (_("Added “%s”"), actor->name);
  else
    /* Translators: a toast; %s is a country or organisation */
    message = g_strdup_printf (_("Saved “%s”"), actor->name);
  finish (self, actor->id, message);
}

static void
confirmation_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          EntActorDialog   *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (self->actor_id);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  const EntActor *actor;

  if (!g_str_equal (response, "remove"))
    return;
  actor = ent_world_lookup_actor (get_world (self), id);
  g_return_if_fail (actor != NULL);
  name = g_strdup (ent_actor_get_display_name (actor));
  if (!ent_history_remove_actor_with_ties (self->history, id, &error))
    {
      ent_form_show_problem (self->problem_revealer, self->problem_label, error);
      return;
    }
  /* Translators: a toast; %s is a country or organisation */
  message = g_strdup_printf (_("Deleted “%s” and its ties"), name);
  finish (self, id, message);
}

static void append_sentence (GString    *text,
                             const char *format,
                             ...) G_GNUC_PRINTF (2, 3);

static void
append_sentence (GString    *text,
                 const char *format,
                 ...)
{
  va_list args;

  if (text->len > 0)
    g_string_append_c (text, ' ');
  va_start (args, format);
  g_string_append_vprintf (text, format, args);
  va_end (args);
}

/* What deleting takes with it, in sentences that leave out what is not
 * there. */
static char *
ties_text (EntWorld   *world,
           const char *id)
{
  g_autoptr(GPtrArray) relations = ent_world_get_relations_of (world, id, ENT_DATE_NONE);
  g_autoptr(GPtrArray) meetings = ent_world_get_meetings_of (world, id, ENT_DATE_NONE);
  g_autoptr(GPtrArray) blocs = ent_world_get_blocs_of (world, id, ENT_DATE_NONE);
  GString *text = g_string_new (NULL);

  if (relations->len > 0)
    append_sentence (text, g_dngettext (GETTEXT_PACKAGE, "Its %u relation goes with it.",
                                        "Its %u relations go with it.", relations->len), relations->len);
  if (blocs->len > 0)
    append_sentence (text, g_dngettext (GETTEXT_PACKAGE, "It leaves %u bloc.",
                                        "It leaves %u blocs.", blocs->len), blocs->len);
  if (meetings->len > 0)
    append_sentence (text, g_dngettext (GETTEXT_PACKAGE,
                                        "It leaves %u meeting, which goes too if fewer than two participants remain.",
                                        "It leaves %u meetings; those with fewer than two participants left go too.",
                                        meetings->len), meetings->len);
  if (text->len > 0)
    g_string_append_c (text, ' ');
  g_string_append (text, _("You can undo this."));
  return g_string_free (text, FALSE);
}

static void
delete_clicked_cb (EntActorDialog *self)
{
  const EntActor *actor = ent_world_lookup_actor (get_world (self), self->actor_id);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_if_fail (actor != NULL);

  heading = g_strdup_printf (_("Delete “%s”?"), ent_actor_get_display_name (actor));
  body = ties_text (get_world (self), actor->id);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove Actor and Its Ties"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirmation_response_cb), self, 0);
  g_set_weak_pointer (&self->confirmation, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

AdwMessageDialog *
ent_actor_dialog_get_confirmation (EntActorDialog *self)
{
  g_return_val_if_fail (ENT_IS_ACTOR_DIALOG (self), NULL);
  return self->confirmation;
}

static void
show_actor (EntActorDialog *self,
            const EntActor *actor)
{
  int current = current_leader (actor);
  const EntLeader *leader = current >= 0 ? g_ptr_array_index (actor->leaders, current) : NULL;
  const char *korean = actor->names ? g_hash_table_lookup (actor->names, "ko") : NULL;

  ent_form_set_text (GTK_EDITABLE (self->id_row), actor->id);
  ent_form_set_text (GTK_EDITABLE (self->name_row), actor->name);
  ent_form_set_text (GTK_EDITABLE (self->korean_name_row), korean);
  adw_combo_row_set_selected (self->kind_row, actor->kind);
  ent_form_set_text (GTK_EDITABLE (self->region_row), actor->region);
  if (leader != NULL)
    {
      g_autofree char *since = ent_date_to_string (leader->since);

      ent_form_set_text (GTK_EDITABLE (self->leader_name_row), leader->name);
      ent_form_set_text (GTK_EDITABLE (self->leader_korean_name_row),
                         leader->names != NULL ? g_hash_table_lookup (leader->names, "ko") : NULL);
      ent_form_set_text (GTK_EDITABLE (self->leader_title_row), leader->title);
      ent_form_set_text (GTK_EDITABLE (self->leader_korean_title_row),
                         leader->titles != NULL ? g_hash_table_lookup (leader->titles, "ko") : NULL);
      ent_form_set_text (GTK_EDITABLE (self->leader_since_row), since);
    }
}

static void
ent_actor_dialog_dispose (GObject *object)
{
  EntActorDialog *self = ENT_ACTOR_DIALOG (object);

  if (self->confirmation != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirmation));
  g_clear_weak_pointer (&self->confirmation);
  gtk_widget_dispose_template (GTK_WIDGET (self), ENT_TYPE_ACTOR_DIALOG);
  G_OBJECT_CLASS (ent_actor_dialog_parent_class)->dispose (object);
}

static void
ent_actor_dialog_finalize (GObject *object)
{
  EntActorDialog *self = ENT_ACTOR_DIALOG (object);

  g_clear_object (&self->history);
  g_clear_pointer (&self->actor_id, g_free);
  G_OBJECT_CLASS (ent_actor_dialog_parent_class)->finalize (object);
}

static void
ent_actor_dialog_class_init (EntActorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ent_actor_dialog_dispose;
  object_class->finalize = ent_actor_dialog_finalize;

  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /* Referencing the resource keeps it linked in from the static library. */
  if (ent_ui_get_resource () == NULL)
    g_error ("The dialogs' resources are missing");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/entente/Entente/ui/ent-actor-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EntActorDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, EntActorDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, EntActorDialog, id_row);
  gtk_widget_class_bind_template_child (widget_class, EntActorDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, EntActorDialog, korean_name_row);
  gtk_widget_class_bind_template_child (widget_class, EntActorDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, EntActorDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, EntActorDialog, leader_name_row);
  gtk_widget_class_bind_template_child (widget_class, EntActorDialog, leader_korean_name_row);
  gtk_widget_class_bind_template_child (widget_class, EntActorDialog, leader_title_row);
  gtk_widget_class_bind_template_child (widget_class, EntActorDialog, leader_korean_title_row);
  gtk_widget_class_bind_template_child (widget_class, EntActorDialog, leader_since_row);
  gtk_widget_class_bind_template_child (widget_class, EntActorDialog, delete_group);
  gtk_widget_class_bind_template_child (widget_class, EntActorDialog, delete_button);
  gtk_widget_class_bind_template_child (widget_class, EntActorDialog, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, EntActorDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ent_actor_dialog_init (EntActorDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EntActorDialog *
ent_actor_dialog_new (GtkWindow  *parent,
                      EntHistory *history,
                      const char *actor_id)
{
  EntActorDialog *self;
  const EntActor *actor = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ENT_IS_HISTORY (history), NULL);

  if (actor_id != NULL)
    {
      actor = ent_world_lookup_actor (ent_history_get_world (history), actor_id);
      g_return_val_if_fail (actor != NULL, NULL);
    }

  self = g_object_new (ENT_TYPE_ACTOR_DIALOG, "transient-for", parent, NULL);
  self->history = g_object_ref (history);
  self->actor_id = g_strdup (actor_id);

  if (actor != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Actor"));
      adw_window_title_set_title (self->window_title, _("Edit Actor"));
      adw_window_title_set_subtitle (self->window_title, ent_actor_get_display_name (actor));
      gtk_button_set_label (self->apply_button, _("_Save"));
      gtk_widget_set_visible (GTK_WIDGET (self->delete_group), TRUE);
      show_actor (self, actor);
      /* Relations, meetings and blocs name actors by id. */
      gtk_editable_set_editable (GTK_EDITABLE (self->id_row), FALSE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->id_row), _("Relations, meetings and blocs name the actor by its id, so it cannot change"));
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("New Actor"));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->apply_button));
  validate (self);
  return self;
}
