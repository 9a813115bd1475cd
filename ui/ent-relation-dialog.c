/* ent-relation-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "ent-dialogs-private.h"
#include "ent-form.h"
#include "ent-relation-dialog.h"
#include "ent-ui-resources.h"

struct _EntRelationDialog
{
  AdwWindow             parent_instance;

  EntHistory           *history;
  char                 *relation_id;    /* NULL when adding */

  AdwWindowTitle       *window_title;
  GtkButton            *apply_button;
  AdwComboRow          *actor_a_row;
  AdwComboRow          *actor_b_row;
  AdwComboRow          *type_row;
  GtkSwitch            *adversarial_switch;
  GtkScale             *strength_scale;
  AdwEntryRow          *since_row;
  AdwEntryRow          *until_row;
  AdwEntryRow          *label_row;
  AdwEntryRow          *korean_label_row;
  AdwEntryRow          *source_row;
  AdwPreferencesGroup  *delete_group;
  GtkButton            *delete_button;
  GtkRevealer          *problem_revealer;
  GtkLabel             *problem_label;
};

G_DEFINE_FINAL_TYPE (EntRelationDialog, ent_relation_dialog, ADW_TYPE_WINDOW)

enum
{
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static EntWorld *
get_world (EntRelationDialog *self)
{
  return ent_history_get_world (self->history);
}

static const char *
selected_actor (EntRelationDialog *self,
                AdwComboRow       *row)
{
  guint index = adw_combo_row_get_selected (row);

  if (index >= ent_world_get_n_actors (get_world (self)))
    return NULL;
  return ent_world_get_actor (get_world (self), index)->id;
}

static void
replace_string (char **field,
                char  *value)
{
  g_free (*field);
  *field = value;
}

/* The relation as the fields describe it, keeping what the dialog does not
 * show (note, unknown fields) of the relation being edited. */
static EntRelation *
build_relation (EntRelationDialog  *self,
                GError            **error)
{
  g_autoptr(EntRelation) relation = NULL;
  g_autofree char *korean = NULL;
  const EntRelation *old = NULL;
  const char *a = selected_actor (self, self->actor_a_row);
  const char *b = selected_actor (self, self->actor_b_row);
  EntRelationType type = (EntRelationType) adw_combo_row_get_selected (self->type_row);
  EntDate since, until;

  if (!ent_form_read_date (GTK_EDITABLE (self->since_row), _("The relation"), TRUE, &since, error) ||
      !ent_form_read_date (GTK_EDITABLE (self->until_row), _("The relation"), TRUE, &until, error))
    return NULL;

  if (self->relation_id != NULL)
    old = ent_world_lookup_relation (get_world (self), self->relation_id);
  if (old != NULL)
    relation = ent_relation_copy (old);
  else
    relation = ent_relation_new (NULL, a ? a : "", b ? b : "", type);

  replace_string (&relation->actor_a, g_strdup (a ? a : ""));
  replace_string (&relation->actor_b, g_strdup (b ? b : ""));
  relation->type = type;
  relation->sign = gtk_switch_get_active (self->adversarial_switch) ? -1 : 1;
  relation->strength = gtk_range_get_value (GTK_RANGE (self->strength_scale));
  relation->since = since;
  relation->until = until;
  replace_string (&relation->label, ent_form_dup_text (GTK_EDITABLE (self->label_row)));
  korean = ent_form_dup_text (GTK_EDITABLE (self->korean_label_row));
  if (korean != NULL || relation->labels != NULL)
    ent_relation_set_local_label (relation, "ko", korean);
  replace_string (&relation->source, ent_form_dup_text (GTK_EDITABLE (self->source_row)));

  if (!ent_world_check_relation (get_world (self), relation, error))
    return NULL;
  return g_steal_pointer (&relation);
}

static void
validate (EntRelationDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EntRelation) relation = build_relation (self, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), relation != NULL);
  ent_form_show_problem (self->problem_revealer, self->problem_label, error);
}

static void
field_changed_cb (EntRelationDialog *self)
{
  validate (self);
}

/* A new type brings its usual sign; the switch can still override it. */
static void
type_changed_cb (EntRelationDialog *self)
{
  EntRelationType type = (EntRelationType) adw_combo_row_get_selected (self->type_row);

  if ((guint) type < ENT_N_RELATION_TYPES)
    gtk_switch_set_active (self->adversarial_switch, ent_relation_type_default_sign (type) < 0);
  validate (self);
}

/* What a toast calls the relation: its label, else "Russia–North Korea
 * alliance". */
static char *
relation_name (EntWorld          *world,
               const EntRelation *relation)
{
  const char *ids[] = { relation->actor_a, relation->actor_b, NULL };
  g_autofree char *pair = NULL;
  g_autofree char *type = NULL;

  if (relation->label != NULL)
    return g_strdup (ent_relation_get_display_label (relation));
  pair = ent_form_join_actor_names (world, ids);
  type = g_utf8_strdown (ent_relation_type_get_label (relation->type), -1);
  /* Translators: "Russia–North Korea alliance" */
  return g_strdup_printf (_("%s %s"), pair, type);
}

static void
finish (EntRelationDialog *self,
        const char        *id,
        const char        *message)
{
  g_signal_emit (self, signals[APPLIED], 0, id, message);
  /* Not gtk_window_close(): the edit is made, nothing may veto closing,
   * and close does nothing before the window is realized. */
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
apply_clicked_cb (EntRelationDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EntRelation) relation = build_relation (self, &error);
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  gboolean done;

  if (relation == NULL)
    {
      ent_form_show_problem (self->problem_revealer, self->problem_label, error);
      return;
    }
  if (self->relation_id == NULL)
    done = ent_history_add_relation (self->history, relation, &id, &error);
  else
    {
      done = ent_history_update_relation (self->history, relation, &error);
      id = g_strdup (relation->id);
    }
  if (!done)
    {
      ent_form_show_problem (self->problem_revealer, self->problem_label, error);
      return;
    }

  name = relation_name (get_world (self), relation);
  if (self->relation_id == NULL)
    /* Translators: a toast; %s is a relation */
    message = g_strdup_printf (_("Added “%s”"), name);
  else
    /* Translators: a toast; %s is a relation */
    message = g_strdup_printf (_("Saved “%s”"), name);
  finish (self, id, message);
}

static void
delete_clicked_cb (EntRelationDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (self->relation_id);
  const EntRelation *relation = ent_world_lookup_relation (get_world (self), id);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (relation != NULL);

  name = relation_name (get_world (self), relation);
  if (!ent_history_remove_relation (self->history, id, &error))
    {
      ent_form_show_problem (self->problem_revealer, self->problem_label, error);
      return;
    }
  /* Translators: a toast; %s is a relation */
  message = g_strdup_printf (_("Deleted “%s”"), name);
  finish (self, id, message);
}

static void
fill_models (EntRelationDialog *self)
{
  g_autoptr(GtkStringList) actors_a = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) actors_b = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  EntWorld *world = get_world (self);

  for (guint i = 0; i < ent_world_get_n_actors (world); i++)
    {
      const char *name = ent_actor_get_display_name (ent_world_get_actor (world, i));

      gtk_string_list_append (actors_a, name);
      gtk_string_list_append (actors_b, name);
    }
  for (guint i = 0; i < ENT_N_RELATION_TYPES; i++)
    gtk_string_list_append (types, ent_relation_type_get_label ((EntRelationType) i));
  adw_combo_row_set_model (self->actor_a_row, G_LIST_MODEL (actors_a));
  adw_combo_row_set_model (self->actor_b_row, G_LIST_MODEL (actors_b));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));
}

static void
select_actor (EntRelationDialog *self,
              AdwComboRow       *row,
              const char        *id,
              guint              fallback)
{
  int index = id ? ent_world_get_actor_index (get_world (self), id) : -1;

  if (index < 0)
    index = (int) MIN (fallback, MAX (ent_world_get_n_actors (get_world (self)), 1) - 1);
  adw_combo_row_set_selected (row, (guint) index);
}

static void
show_relation (EntRelationDialog *self,
               const EntRelation *relation)
{
  g_autofree char *since = ent_date_to_string (relation->since);
  g_autofree char *until = ent_date_to_string (relation->until);

  select_actor (self, self->actor_a_row, relation->actor_a, 0);
  select_actor (self, self->actor_b_row, relation->actor_b, 1);
  adw_combo_row_set_selected (self->type_row, relation->type);
  /* After the type, which sets the usual sign. */
  gtk_switch_set_active (self->adversarial_switch, relation->sign < 0);
  gtk_range_set_value (GTK_RANGE (self->strength_scale), relation->strength);
  ent_form_set_text (GTK_EDITABLE (self->since_row), since);
  ent_form_set_text (GTK_EDITABLE (self->until_row), until);
  ent_form_set_text (GTK_EDITABLE (self->label_row), relation->label);
  ent_form_set_text (GTK_EDITABLE (self->korean_label_row),
                     relation->labels != NULL ? g_hash_table_lookup (relation->labels, "ko") : NULL);
  ent_form_set_text (GTK_EDITABLE (self->source_row), relation->source);
}

static void
ent_relation_dialog_dispose (GObject *object)
{
  EntRelationDialog *self = ENT_RELATION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ENT_TYPE_RELATION_DIALOG);
  G_OBJECT_CLASS (ent_relation_dialog_parent_class)->dispose (object);
}

static void
ent_relation_dialog_finalize (GObject *object)
{
  EntRelationDialog *self = ENT_RELATION_DIALOG (object);

  g_clear_object (&self->history);
  g_clear_pointer (&self->relation_id, g_free);
  G_OBJECT_CLASS (ent_relation_dialog_parent_class)->finalize (object);
}

static void
ent_relation_dialog_class_init (EntRelationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ent_relation_dialog_dispose;
  object_class->finalize = ent_relation_dialog_finalize;

  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /* Referencing the resource keeps it linked in from the static library. */
  if (ent_ui_get_resource () == NULL)
    g_error ("The dialogs' resources are missing");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/entente/Entente/ui/ent-relation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EntRelationDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, EntRelationDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, EntRelationDialog, actor_a_row);
  gtk_widget_class_bind_template_child (widget_class, EntRelationDialog, actor_b_row);
  gtk_widget_class_bind_template_child (widget_class, EntRelationDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, EntRelationDialog, adversarial_switch);
  gtk_widget_class_bind_template_child (widget_class, EntRelationDialog, strength_scale);
  gtk_widget_class_bind_template_child (widget_class, EntRelationDialog, since_row);
  gtk_widget_class_bind_template_child (widget_class, EntRelationDialog, until_row);
  gtk_widget_class_bind_template_child (widget_class, EntRelationDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, EntRelationDialog, korean_label_row);
  gtk_widget_class_bind_template_child (widget_class, EntRelationDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, EntRelationDialog, delete_group);
  gtk_widget_class_bind_template_child (widget_class, EntRelationDialog, delete_button);
  gtk_widget_class_bind_template_child (widget_class, EntRelationDialog, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, EntRelationDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, type_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ent_relation_dialog_init (EntRelationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EntRelationDialog *
ent_relation_dialog_new (GtkWindow  *parent,
                         EntHistory *history,
                         const char *relation_id,
                         const char *preset_actor_a,
                         const char *preset_actor_b)
{
  EntRelationDialog *self;
  const EntRelation *relation = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ENT_IS_HISTORY (history), NULL);

  if (relation_id != NULL)
    {
      relation = ent_world_lookup_relation (ent_history_get_world (history), relation_id);
      g_return_val_if_fail (relation != NULL, NULL);
    }

  self = g_object_new (ENT_TYPE_RELATION_DIALOG, "transient-for", parent, NULL);
  self->history = g_object_ref (history);
  self->relation_id = g_strdup (relation_id);
  fill_models (self);

  if (relation != NULL)
    {
      g_autofree char *name = relation_name (ent_history_get_world (history), relation);

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Relation"));
      adw_window_title_set_title (self->window_title, _("Edit Relation"));
      adw_window_title_set_subtitle (self->window_title, name);
      gtk_button_set_label (self->apply_button, _("_Save"));
      gtk_widget_set_visible (GTK_WIDGET (self->delete_group), TRUE);
      show_relation (self, relation);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Relation"));
      select_actor (self, self->actor_a_row, preset_actor_a, 0);
      select_actor (self, self->actor_b_row, preset_actor_b, 1);
      adw_combo_row_set_selected (self->type_row, ENT_RELATION_PARTNERSHIP);
      type_changed_cb (self);
    }
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->apply_button));
  validate (self);
  return self;
}
