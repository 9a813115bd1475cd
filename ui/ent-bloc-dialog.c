/* ent-bloc-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "ent-bloc-dialog.h"
#include "ent-dialogs-private.h"
#include "ent-form.h"
#include "ent-ui-resources.h"

/* The widgets of one actor's row in the member list. */
typedef struct
{
  GtkCheckButton *check;
  GtkEditable    *since;
  GtkEditable    *until;
} MemberRow;

struct _EntBlocDialog
{
  AdwWindow             parent_instance;

  EntHistory           *history;
  char                 *bloc_id;        /* NULL when adding */
  GArray               *members;        /* (element-type MemberRow), one per actor index */
  gboolean              colour_chosen;  /* FALSE keeps an automatic colour automatic */

  AdwWindowTitle       *window_title;
  GtkButton            *apply_button;
  AdwEntryRow          *id_row;
  AdwEntryRow          *name_row;
  AdwEntryRow          *korean_name_row;
  GtkWidget            *colour_button;
  GtkListBox           *member_list;
  AdwEntryRow          *description_row;
  AdwEntryRow          *source_row;
  AdwPreferencesGroup  *delete_group;
  GtkButton            *delete_button;
  GtkRevealer          *problem_revealer;
  GtkLabel             *problem_label;
};

G_DEFINE_FINAL_TYPE (EntBlocDialog, ent_bloc_dialog, ADW_TYPE_WINDOW)

enum
{
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* From the GNOME palette, offered in turn to new blocs. */
static const char * const palette[] = {
  "#3584e4", "#33d17a", "#e66100", "#9141ac", "#e01b24", "#f5c211", "#986a44", "#2190a4",
};

static EntWorld *
get_world (EntBlocDialog *self)
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

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static char *
dup_colour (EntBlocDialog *self)
{
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->colour_button), &rgba);
  return g_strdup_printf ("#%02x%02x%02x", (guint) (CLAMP (rgba.red, 0, 1) * 255 + 0.5),
                          (guint) (CLAMP (rgba.green, 0, 1) * 255 + 0.5),
                          (guint) (CLAMP (rgba.blue, 0, 1) * 255 + 0.5));
}

static void
set_colour (EntBlocDialog *self,
            const char    *colour)
{
  GdkRGBA rgba;

  if (gdk_rgba_parse (&rgba, colour))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->colour_button), &rgba);
}
G_GNUC_END_IGNORE_DEPRECATIONS

/* The first colour of the palette no other bloc uses. */
static const char *
unused_colour (EntWorld *world)
{
  for (guint p = 0; p < G_N_ELEMENTS (palette); p++)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < ent_world_get_n_blocs (world) && !used; i++)
        {
          const char *colour = ent_world_get_bloc (world, i)->color;

          used = colour != NULL && g_ascii_strcasecmp (colour, palette[p]) == 0;
        }
      if (!used)
        return palette[p];
    }
  return palette[ent_world_get_n_blocs (world) % G_N_ELEMENTS (palette)];
}

static gboolean
read_member (EntBlocDialog  *self,
             guint           index,
             EntDate        *since,
             EntDate        *until,
             GError        **error)
{
  const MemberRow *row = &g_array_index (self->members, MemberRow, index);

  if (ent_form_read_date (row->since, NULL, TRUE, since, error) &&
      ent_form_read_date (row->until, NULL, TRUE, until, error))
    return TRUE;
  /* Translators: %s is an actor; what follows is why its dates are wrong */
  g_prefix_error (error, _("%s’s membership: "), ent_actor_get_display_name (ent_world_get_actor (get_world (self), index)));
  return FALSE;
}

static gboolean
is_ticked (EntBlocDialog *self,
           int            index)
{
  return index >= 0 && gtk_check_button_get_active (g_array_index (self->members, MemberRow, index).check);
}

/* The member list the rows describe. The row of an actor that was a member
 * several times edits its last period and keeps the earlier ones; members
 * stay in their order and new ones follow in the world's order. */
static GPtrArray *
build_members (EntBlocDialog  *self,
               const EntBloc  *old,
               GError        **error)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) ent_bloc_member_free);
  EntWorld *world = get_world (self);
  EntDate since, until;

  for (guint i = 0; old != NULL && i < old->members->len; i++)
    {
      const EntBlocMember *member = g_ptr_array_index (old->members, i);
      int index = ent_world_get_actor_index (world, member->actor);
      gboolean last = TRUE;

      if (!is_ticked (self, index))
        continue;
      for (guint j = i + 1; j < old->members->len && last; j++)
        last = !g_str_equal (((EntBlocMember *) g_ptr_array_index (old->members, j))->actor, member->actor);
      if (!last)
        {
          g_ptr_array_add (members, ent_bloc_member_copy (member));
          continue;
        }
      if (!read_member (self, (guint) index, &since, &until, error))
        return NULL;
      g_ptr_array_add (members, ent_bloc_member_new (member->actor, since, until));
    }
  for (guint index = 0; index < self->members->len; index++)
    {
      const char *actor = ent_world_get_actor (world, index)->id;

      if (!is_ticked (self, (int) index) || (old != NULL && ent_bloc_has_member_at (old, actor, ENT_DATE_NONE)))
        continue;
      if (!read_member (self, index, &since, &until, error))
        return NULL;
      g_ptr_array_add (members, ent_bloc_member_new (actor, since, until));
    }
  return g_steal_pointer (&members);
}

/* The bloc as the fields describe it, keeping what the dialog does not
 * show (unknown fields) of the bloc being edited. */
static EntBloc *
build_bloc (EntBlocDialog  *self,
            GError        **error)
{
  g_autoptr(EntBloc) bloc = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *id = ent_form_dup_text (GTK_EDITABLE (self->id_row));
  g_autofree char *korean = ent_form_dup_text (GTK_EDITABLE (self->korean_name_row));
  const EntBloc *old = NULL;

  if (self->bloc_id != NULL)
    old = ent_world_lookup_bloc (get_world (self), self->bloc_id);
  if (old == NULL && id != NULL && ent_world_lookup_bloc (get_world (self), id) != NULL)
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_DUPLICATE_ID,
                   _("there is already a bloc with id “%s”"), id);
      return NULL;
    }
  members = build_members (self, old, error);
  if (members == NULL)
    return NULL;

  bloc = old != NULL ? ent_bloc_copy (old) : ent_bloc_new (id, NULL);
  replace_string (&bloc->name, ent_form_dup_text (GTK_EDITABLE (self->name_row)));
  if (korean != NULL || bloc->names != NULL)
    ent_bloc_set_local_name (bloc, "ko", korean);
  if (self->colour_chosen)
    replace_string (&bloc->color, dup_colour (self));
  g_ptr_array_unref (bloc->members);
  bloc->members = g_steal_pointer (&members);
  replace_string (&bloc->description, ent_form_dup_text (GTK_EDITABLE (self->description_row)));
  replace_string (&bloc->source, ent_form_dup_text (GTK_EDITABLE (self->source_row)));

  if (!ent_world_check_bloc (get_world (self), bloc, error))
    return NULL;
  return g_steal_pointer (&bloc);
}

static void
validate (EntBlocDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EntBloc) bloc = build_bloc (self, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), bloc != NULL);
  ent_form_show_problem (self->problem_revealer, self->problem_label, error);
}

static void
field_changed_cb (EntBlocDialog *self)
{
  validate (self);
}

static void
colour_set_cb (EntBlocDialog *self)
{
  self->colour_chosen = TRUE;
  validate (self);
}

static void
member_toggled_cb (GtkCheckButton *check,
                   EntBlocDialog  *self)
{
  for (guint i = 0; i < self->members->len; i++)
    {
      MemberRow *row = &g_array_index (self->members, MemberRow, i);

      if (row->check != check)
        continue;
      gtk_widget_set_sensitive (GTK_WIDGET (row->since), gtk_check_button_get_active (check));
      gtk_widget_set_sensitive (GTK_WIDGET (row->until), gtk_check_button_get_active (check));
    }
  validate (self);
}

static GtkEditable *
add_date_entry (EntBlocDialog *self,
                GtkWidget     *row,
                const char    *placeholder,
                const char    *accessible_label)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 10);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (entry, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (validate), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  return GTK_EDITABLE (entry);
}

static void
fill_member_list (EntBlocDialog *self)
{
  EntWorld *world = get_world (self);

  for (guint i = 0; i < ent_world_get_n_actors (world); i++)
    {
      const EntActor *actor = ent_world_get_actor (world, i);
      g_autofree char *since_label = g_strdup_printf (_("%s a member since"), ent_actor_get_display_name (actor));
      g_autofree char *until_label = g_strdup_printf (_("%s a member until"), ent_actor_get_display_name (actor));
      MemberRow member;
      GtkWidget *row = ent_form_actor_check_row (actor, &member.check);

      member.since = add_date_entry (self, row, _("Since"), since_label);
      member.until = add_date_entry (self, row, _("Until"), until_label);
      g_signal_connect (member.check, "toggled", G_CALLBACK (member_toggled_cb), self);
      gtk_list_box_append (self->member_list, row);
      g_array_append_val (self->members, member);
    }
}

static void
show_bloc (EntBlocDialog *self,
           const EntBloc *bloc)
{
  ent_form_set_text (GTK_EDITABLE (self->id_row), bloc->id);
  ent_form_set_text (GTK_EDITABLE (self->name_row), bloc->name);
  ent_form_set_text (GTK_EDITABLE (self->korean_name_row),
                     bloc->names != NULL ? g_hash_table_lookup (bloc->names, "ko") : NULL);
  if (bloc->color != NULL)
    set_colour (self, bloc->color);
  ent_form_set_text (GTK_EDITABLE (self->description_row), bloc->description);
  ent_form_set_text (GTK_EDITABLE (self->source_row), bloc->source);
  /* Later periods of the same actor overwrite earlier ones: the row shows
   * the last. */
  for (guint i = 0; i < bloc->members->len; i++)
    {
      const EntBlocMember *member = g_ptr_array_index (bloc->members, i);
      int index = ent_world_get_actor_index (get_world (self), member->actor);
      g_autofree char *since = ent_date_to_string (member->since);
      g_autofree char *until = ent_date_to_string (member->until);
      MemberRow *row;

      if (index < 0)
        continue;
      row = &g_array_index (self->members, MemberRow, index);
      ent_form_set_text (row->since, since);
      ent_form_set_text (row->until, until);
      gtk_check_button_set_active (row->check, TRUE);
    }
}

static void
finish (EntBlocDialog *self,
        const char    *id,
        const char    *message)
{
  g_signal_emit (self, signals[APPLIED], 0, id, message);
  /* Not gtk_window_close(): the edit is made, nothing may veto closing,
   * and close does nothing before the window is realized. */
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
apply_clicked_cb (EntBlocDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EntBloc) bloc = build_bloc (self, &error);
  g_autofree char *message = NULL;
  gboolean done;

  if (bloc == NULL)
    {
      ent_form_show_problem (self->problem_revealer, self->problem_label, error);
      return;
    }
  if (self->bloc_id == NULL)
    done = ent_history_add_bloc (self->history, bloc, &error);
  else
    done = ent_history_update_bloc (self->history, bloc, &error);
  if (!done)
    {
      ent_form_show_problem (self->problem_revealer, self->problem_label, error);
      return;
    }

  if (self->bloc_id == NULL)
    /* Translators: a toast; %s is a bloc */
    message = g_strdup_printf (_("Added “%s”"), ent_bloc_get_display_name (bloc));
  else
    /* Translators: a toast; %s is a bloc */
    message = g_strdup_printf (_("Saved “%s”"), ent_bloc_get_display_name (bloc));
  finish (self, bloc->id, message);
}

static void
delete_clicked_cb (EntBlocDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (self->bloc_id);
  const EntBloc *bloc = ent_world_lookup_bloc (get_world (self), id);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (bloc != NULL);

  name = g_strdup (ent_bloc_get_display_name (bloc));
  if (!ent_history_remove_bloc (self->history, id, &error))
    {
      ent_form_show_problem (self->problem_revealer, self->problem_label, error);
      return;
    }
  /* Translators: a toast; %s is a bloc */
  message = g_strdup_printf (_("Deleted “%s”"), name);
  finish (self, id, message);
}

void
ent_bloc_dialog_set_member (EntBlocDialog *self,
                            const char    *actor_id,
                            gboolean       active,
                            const char    *since,
                            const char    *until)
{
  MemberRow *row;
  int index;

  g_return_if_fail (ENT_IS_BLOC_DIALOG (self));

  index = ent_world_get_actor_index (get_world (self), actor_id);
  g_return_if_fail (index >= 0);
  row = &g_array_index (self->members, MemberRow, index);
  gtk_check_button_set_active (row->check, active);
  ent_form_set_text (row->since, since);
  ent_form_set_text (row->until, until);
}

static void
ent_bloc_dialog_dispose (GObject *object)
{
  EntBlocDialog *self = ENT_BLOC_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ENT_TYPE_BLOC_DIALOG);
  G_OBJECT_CLASS (ent_bloc_dialog_parent_class)->dispose (object);
}

static void
ent_bloc_dialog_finalize (GObject *object)
{
  EntBlocDialog *self = ENT_BLOC_DIALOG (object);

  g_clear_object (&self->history);
  g_clear_pointer (&self->bloc_id, g_free);
  g_clear_pointer (&self->members, g_array_unref);
  G_OBJECT_CLASS (ent_bloc_dialog_parent_class)->finalize (object);
}

static void
ent_bloc_dialog_class_init (EntBlocDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ent_bloc_dialog_dispose;
  object_class->finalize = ent_bloc_dialog_finalize;

  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /* Referencing the resource keeps it linked in from the static library. */
  if (ent_ui_get_resource () == NULL)
    g_error ("The dialogs' resources are missing");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/entente/Entente/ui/ent-bloc-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EntBlocDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, EntBlocDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, EntBlocDialog, id_row);
  gtk_widget_class_bind_template_child (widget_class, EntBlocDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, EntBlocDialog, korean_name_row);
  gtk_widget_class_bind_template_child (widget_class, EntBlocDialog, colour_button);
  gtk_widget_class_bind_template_child (widget_class, EntBlocDialog, member_list);
  gtk_widget_class_bind_template_child (widget_class, EntBlocDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, EntBlocDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, EntBlocDialog, delete_group);
  gtk_widget_class_bind_template_child (widget_class, EntBlocDialog, delete_button);
  gtk_widget_class_bind_template_child (widget_class, EntBlocDialog, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, EntBlocDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, colour_set_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ent_bloc_dialog_init (EntBlocDialog *self)
{
  self->members = g_array_new (FALSE, FALSE, sizeof (MemberRow));
  gtk_widget_init_template (GTK_WIDGET (self));
}

EntBlocDialog *
ent_bloc_dialog_new (GtkWindow  *parent,
                     EntHistory *history,
                     const char *bloc_id)
{
  EntBlocDialog *self;
  const EntBloc *bloc = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ENT_IS_HISTORY (history), NULL);

  if (bloc_id != NULL)
    {
      bloc = ent_world_lookup_bloc (ent_history_get_world (history), bloc_id);
      g_return_val_if_fail (bloc != NULL, NULL);
    }

  self = g_object_new (ENT_TYPE_BLOC_DIALOG, "transient-for", parent, NULL);
  self->history = g_object_ref (history);
  self->bloc_id = g_strdup (bloc_id);
  fill_member_list (self);

  if (bloc != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Bloc"));
      adw_window_title_set_title (self->window_title, _("Edit Bloc"));
      adw_window_title_set_subtitle (self->window_title, ent_bloc_get_display_name (bloc));
      gtk_button_set_label (self->apply_button, _("_Save"));
      gtk_widget_set_visible (GTK_WIDGET (self->delete_group), TRUE);
      self->colour_chosen = bloc->color != NULL;
      show_bloc (self, bloc);
      /* Other documents and exports name the bloc by its id. */
      gtk_editable_set_editable (GTK_EDITABLE (self->id_row), FALSE);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Bloc"));
      set_colour (self, unused_colour (ent_history_get_world (history)));
      self->colour_chosen = TRUE;
    }
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->apply_button));
  validate (self);
  return self;
}
