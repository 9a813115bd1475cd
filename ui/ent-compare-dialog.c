/* ent-compare-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "ent-compare.h"
#include "ent-compare-dialog.h"
#include "ent-dialogs-private.h"
#include "ent-form.h"
#include "ent-ui-resources.h"

struct _EntCompareDialog
{
  AdwWindow             parent_instance;

  EntWorld             *world;
  GArray               *changes;        /* (element-type EntTieChange), NULL while a date is invalid */
  EntDate               from;
  EntDate               to;
  GPtrArray            *rows;

  GtkButton            *export_button;
  GtkButton            *highlight_button;
  AdwEntryRow          *from_row;
  AdwEntryRow          *to_row;
  AdwPreferencesGroup  *changes_group;
  GtkListBox           *change_list;
  GtkRevealer          *problem_revealer;
  GtkLabel             *problem_label;
};

G_DEFINE_FINAL_TYPE (EntCompareDialog, ent_compare_dialog, ADW_TYPE_WINDOW)

enum
{
  HIGHLIGHT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
pair_name (EntWorld *world,
           guint     a,
           guint     b)
{
  const char *ids[] = { ent_world_get_actor (world, a)->id, ent_world_get_actor (world, b)->id, NULL };

  return ent_form_join_actor_names (world, ids);
}

/* What happened to the tie, as words: "alliance appeared". */
static char *
change_words (EntWorld           *world,
              const EntTieChange *change)
{
  const EntRelation *relation = NULL;
  g_autofree char *type = NULL;

  if (change->change == ENT_TIE_SIGN_CHANGED)
    {
      if (change->new_sign < 0)
        return g_strdup (_("relations turned adversarial"));
      if (change->new_sign > 0)
        return g_strdup (_("relations turned cooperative"));
      return g_strdup (_("relations balanced out"));
    }
  if (change->tie == ENT_TIE_MEETINGS)
    return g_strdup (change->change == ENT_TIE_APPEARED ? _("first meeting") : _("had not met yet"));

  if (change->relation_id != NULL)
    relation = ent_world_lookup_relation (world, change->relation_id);
  type = g_utf8_strdown (relation ? ent_relation_type_get_label (relation->type) : _("Relation"), -1);
  if (change->change == ENT_TIE_APPEARED)
    /* Translators: %s is a kind of relation, such as "alliance" */
    return g_strdup_printf (_("%s appeared"), type);
  /* Translators: %s is a kind of relation, such as "alliance" */
  return g_strdup_printf (_("%s ended"), type);
}

static char *
describe_change (EntWorld           *world,
                 const EntTieChange *change)
{
  g_autofree char *pair = pair_name (world, change->a, change->b);
  g_autofree char *words = change_words (world, change);
  g_autofree char *when = ent_date_to_string (change->when);

  if (when != NULL)
    /* Translators: "Russia–North Korea: alliance appeared (2024-06-19)" */
    return g_strdup_printf (_("%s: %s (%s)"), pair, words, when);
  /* Translators: "Russia–North Korea: alliance appeared" */
  return g_strdup_printf (_("%s: %s"), pair, words);
}

static const char *
change_icon (const EntTieChange *change)
{
  switch (change->change)
    {
    case ENT_TIE_APPEARED: return "list-add-symbolic";
    case ENT_TIE_ENDED: return "list-remove-symbolic";
    case ENT_TIE_SIGN_CHANGED:
    default: return "media-playlist-repeat-symbolic";
    }
}

static void
clear_rows (EntCompareDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->change_list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_change_row (EntCompareDialog   *self,
                const EntTieChange *change)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (change_icon (change));
  g_autofree char *title = describe_change (self->world, change);
  const EntRelation *relation = change->relation_id ? ent_world_lookup_relation (self->world, change->relation_id) : NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (relation != NULL && relation->label != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), ent_relation_get_display_label (relation));
  if (change->new_sign < 0 || (change->change == ENT_TIE_ENDED && change->old_sign < 0))
    gtk_widget_add_css_class (icon, "error");
  else if (change->change == ENT_TIE_APPEARED)
    gtk_widget_add_css_class (icon, "success");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_append (self->change_list, row);
  g_ptr_array_add (self->rows, row);
}

static void
show_changes (EntCompareDialog *self)
{
  g_autofree char *count = NULL;

  clear_rows (self);
  for (guint i = 0; self->changes != NULL && i < self->changes->len; i++)
    add_change_row (self, &g_array_index (self->changes, EntTieChange, i));
  if (self->changes != NULL)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", self->changes->len),
                             self->changes->len);
  adw_preferences_group_set_description (self->changes_group, count);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), self->changes != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->highlight_button), self->changes != NULL && self->changes->len > 0);
}

static void
dates_changed_cb (EntCompareDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->changes, g_array_unref);
  if (ent_form_read_date (GTK_EDITABLE (self->from_row), _("The first date"), FALSE, &self->from, &error) &&
      ent_form_read_date (GTK_EDITABLE (self->to_row), _("The second date"), FALSE, &self->to, &error))
    self->changes = ent_compare_dates (self->world, self->from, self->to);
  ent_form_show_problem (self->problem_revealer, self->problem_label, error);
  show_changes (self);
}

static void
highlight_clicked_cb (EntCompareDialog *self)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_if_fail (self->changes != NULL);

  for (guint i = 0; i < self->changes->len; i++)
    {
      const EntTieChange *change = &g_array_index (self->changes, EntTieChange, i);

      g_array_append_val (pairs, change->a);
      g_array_append_val (pairs, change->b);
    }
  g_signal_emit (self, signals[HIGHLIGHT], 0, pairs);
  gtk_window_destroy (GTK_WINDOW (self));
}

static GBytes *
csv_bytes (EntCompareDialog *self)
{
  GString *csv = g_string_new (NULL);

  ent_compare_write_csv (self->changes, self->world, csv);
  return g_string_free_to_bytes (csv);
}

gboolean
ent_compare_dialog_write_csv (EntCompareDialog  *self,
                              GFile             *file,
                              GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (ENT_IS_COMPARE_DIALOG (self), FALSE);
  g_return_val_if_fail (self->changes != NULL, FALSE);

  bytes = csv_bytes (self);
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static void
csv_written_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(EntCompareDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_prefix_error (&error, _("Could not save the table: "));
      ent_form_show_problem (self->problem_revealer, self->problem_label, error);
    }
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
export_response_cb (GtkNativeDialog  *chooser,
                    int               response,
                    EntCompareDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->changes != NULL)
    {
      /* Atomic: a temporary file renamed over the old one when complete. */
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      bytes = csv_bytes (self);
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                           NULL, csv_written_cb, g_object_ref (self));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_clicked_cb (EntCompareDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *from = ent_date_to_string (self->from);
  g_autofree char *to = ent_date_to_string (self->to);
  g_autofree char *name = g_strdup_printf ("changes-%s-to-%s.csv", from, to);

  gtk_file_filter_set_name (filter, _("CSV tables"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  chooser = gtk_file_chooser_native_new (_("Export Changes"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
G_GNUC_END_IGNORE_DEPRECATIONS

void
ent_compare_dialog_set_dates (EntCompareDialog *self,
                              EntDate           from,
                              EntDate           to)
{
  g_autofree char *from_text = ent_date_to_string (from);
  g_autofree char *to_text = ent_date_to_string (to);

  g_return_if_fail (ENT_IS_COMPARE_DIALOG (self));

  if (from_text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->from_row), from_text);
  if (to_text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->to_row), to_text);
}

GArray *
ent_compare_dialog_get_changes (EntCompareDialog *self)
{
  g_return_val_if_fail (ENT_IS_COMPARE_DIALOG (self), NULL);
  return self->changes;
}

guint
ent_compare_dialog_get_n_rows (EntCompareDialog *self)
{
  g_return_val_if_fail (ENT_IS_COMPARE_DIALOG (self), 0);
  return self->rows->len;
}

const char *
ent_compare_dialog_get_row_text (EntCompareDialog *self,
                                 guint             index)
{
  g_return_val_if_fail (ENT_IS_COMPARE_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return adw_preferences_row_get_title (g_ptr_array_index (self->rows, index));
}

static void
ent_compare_dialog_dispose (GObject *object)
{
  EntCompareDialog *self = ENT_COMPARE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ENT_TYPE_COMPARE_DIALOG);
  G_OBJECT_CLASS (ent_compare_dialog_parent_class)->dispose (object);
}

static void
ent_compare_dialog_finalize (GObject *object)
{
  EntCompareDialog *self = ENT_COMPARE_DIALOG (object);

  g_clear_object (&self->world);
  g_clear_pointer (&self->changes, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (ent_compare_dialog_parent_class)->finalize (object);
}

static void
ent_compare_dialog_class_init (EntCompareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ent_compare_dialog_dispose;
  object_class->finalize = ent_compare_dialog_finalize;

  signals[HIGHLIGHT] = g_signal_new ("highlight", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1, G_TYPE_ARRAY);

  /* Referencing the resource keeps it linked in from the static library. */
  if (ent_ui_get_resource () == NULL)
    g_error ("The dialogs' resources are missing");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/entente/Entente/ui/ent-compare-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EntCompareDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, EntCompareDialog, highlight_button);
  gtk_widget_class_bind_template_child (widget_class, EntCompareDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, EntCompareDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, EntCompareDialog, changes_group);
  gtk_widget_class_bind_template_child (widget_class, EntCompareDialog, change_list);
  gtk_widget_class_bind_template_child (widget_class, EntCompareDialog, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, EntCompareDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, dates_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, highlight_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ent_compare_dialog_init (EntCompareDialog *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

EntCompareDialog *
ent_compare_dialog_new (GtkWindow *parent,
                        EntWorld  *world)
{
  EntCompareDialog *self;
  EntDate first, last;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ENT_IS_WORLD (world), NULL);

  self = g_object_new (ENT_TYPE_COMPARE_DIALOG, "transient-for", parent, NULL);
  self->world = g_object_ref (world);
  ent_world_get_date_range (world, &first, &last);
  if (!ent_date_is_set (first))
    first = last = ent_date_today ();
  ent_compare_dialog_set_dates (self, first, last);
  dates_changed_cb (self);
  return self;
}
