/* ent-export-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-export"

#include "config.h"

#include <glib/gi18n.h>

#include "ent-export-dialog.h"
#include "ent-export.h"
#include "ent-format.h"
#include "ent-ui-resources.h"

enum {
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
  FORMAT_GRAPHML,
  FORMAT_GML,
  FORMAT_GEXF,
  FORMAT_CSV,
  FORMAT_ENTENTE,
  N_FORMATS
};

static const char * const extensions[N_FORMATS] = {
  "png", "svg", "pdf", "graphml", "gml", "gexf", "csv", "entente.json",
};

struct _EntExportDialog
{
  AdwWindow            parent_instance;

  AdwComboRow         *format_row;
  AdwPreferencesGroup *picture_group;
  AdwComboRow         *region_row;
  GtkSpinButton       *width_spin;
  GtkSpinButton       *height_spin;
  AdwActionRow        *scale_row;
  GtkSpinButton       *scale_spin;
  GtkSwitch           *transparent_switch;
  GtkSwitch           *legend_switch;
  GtkSwitch           *title_switch;
  GtkSwitch           *date_switch;
  GtkButton           *export_button;

  EntCanvas           *canvas;
  char                *title;
  GSettings           *settings;
};

G_DEFINE_FINAL_TYPE (EntExportDialog, ent_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
current_format (EntExportDialog *self)
{
  return MIN (adw_combo_row_get_selected (self->format_row), N_FORMATS - 1);
}

static void
format_changed_cb (EntExportDialog *self)
{
  guint format = current_format (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->picture_group), format <= FORMAT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->scale_row), format == FORMAT_PNG);
}

void
ent_export_dialog_set_format (EntExportDialog *self,
                              guint            format)
{
  g_return_if_fail (ENT_IS_EXPORT_DIALOG (self));
  g_return_if_fail (format < N_FORMATS);

  adw_combo_row_set_selected (self->format_row, format);
}

/* A copy of the world that knows where the map shows each actor. */
static EntWorld *
world_with_positions (EntWorld      *world,
                      const double  *xy,
                      guint          n,
                      GError       **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(EntWorld) copy = NULL;
  gsize length;

  data = ent_native_to_data (world, &length);
  bytes = g_bytes_new_take (g_steal_pointer (&data), length);
  copy = ent_native_load_bytes (bytes, NULL, error);
  if (copy == NULL)
    return NULL;
  for (guint i = 0; i < n && i < ent_world_get_n_actors (copy); i++)
    {
      const EntActor *actor = ent_world_get_actor (copy, i);

      if (!ent_world_set_actor_position (copy, actor->id, TRUE, xy[2 * i], xy[2 * i + 1], actor->pinned, error))
        return NULL;
    }
  return g_steal_pointer (&copy);
}

static char *
date_stamp (EntExportDialog *self)
{
  EntDate date = ent_canvas_get_date (self->canvas);
  g_autofree char *text = ent_date_to_string (date);
  EntDate first, last;

  if (text == NULL)
    {
      /* Everything: the last date in the data is as good as "now". */
      ent_world_get_date_range (ent_canvas_get_world (self->canvas), &first, &last);
      text = ent_date_to_string (last);
    }
  return text ? g_strdup_printf (_("As of %s"), text) : NULL;
}

gboolean
ent_export_dialog_export_to (EntExportDialog  *self,
                             const char       *path,
                             GError          **error)
{
  EntWorld *world;
  guint format, n;
  const double *xy;

  g_return_val_if_fail (ENT_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  world = ent_canvas_get_world (self->canvas);
  xy = ent_canvas_get_positions (self->canvas, &n);
  format = current_format (self);

  if (format <= FORMAT_PDF)
    {
      g_autofree char *stamp = gtk_switch_get_active (self->date_switch) ? date_stamp (self) : NULL;
      EntImageOptions options;

      ent_image_options_init (&options);
      options.format = format == FORMAT_PNG ? ENT_IMAGE_PNG : format == FORMAT_SVG ? ENT_IMAGE_SVG : ENT_IMAGE_PDF;
      options.width = gtk_spin_button_get_value (self->width_spin);
      options.height = gtk_spin_button_get_value (self->height_spin);
      options.scale = gtk_spin_button_get_value (self->scale_spin);
      options.transparent = gtk_switch_get_active (self->transparent_switch);
      options.legend = gtk_switch_get_active (self->legend_switch);
      options.title = gtk_switch_get_active (self->title_switch) ? self->title : NULL;
      options.date_text = stamp;
      options.dark = ent_canvas_get_view (self->canvas)->dark;
      options.view = adw_combo_row_get_selected (self->region_row) == 1 ? ent_canvas_get_view (self->canvas) : NULL;
      return ent_image_export (ent_canvas_get_painter (self->canvas), world, ent_canvas_get_date (self->canvas),
                               xy, &options, path, error);
    }
  else
    {
      g_autoptr(EntWorld) copy = world_with_positions (world, xy, n, error);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      return copy != NULL && ent_format_save_file (copy, file, error);
    }
}

static void
remember (EntExportDialog *self)
{
  guint format = current_format (self);

  if (self->settings == NULL)
    return;
  if (format <= FORMAT_PDF)
    g_settings_set_string (self->settings, "export-format", extensions[format]);
  g_settings_set_int (self->settings, "export-width", gtk_spin_button_get_value_as_int (self->width_spin));
  g_settings_set_int (self->settings, "export-height", gtk_spin_button_get_value_as_int (self->height_spin));
  g_settings_set_boolean (self->settings, "export-transparent", gtk_switch_get_active (self->transparent_switch));
  g_settings_set_boolean (self->settings, "export-legend", gtk_switch_get_active (self->legend_switch));
  g_settings_set_boolean (self->settings, "export-title", gtk_switch_get_active (self->title_switch));
}

static void
recall (EntExportDialog *self)
{
  g_autofree char *format = NULL;

  if (self->settings == NULL)
    return;
  format = g_settings_get_string (self->settings, "export-format");
  for (guint i = 0; i <= FORMAT_PDF; i++)
    if (g_str_equal (format, extensions[i]))
      adw_combo_row_set_selected (self->format_row, i);
  gtk_spin_button_set_value (self->width_spin, g_settings_get_int (self->settings, "export-width"));
  gtk_spin_button_set_value (self->height_spin, g_settings_get_int (self->settings, "export-height"));
  gtk_switch_set_active (self->transparent_switch, g_settings_get_boolean (self->settings, "export-transparent"));
  gtk_switch_set_active (self->legend_switch, g_settings_get_boolean (self->settings, "export-legend"));
  gtk_switch_set_active (self->title_switch, g_settings_get_boolean (self->settings, "export-title"));
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(EntExportDialog) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      name = g_file_get_basename (file);
      if (path != NULL && ent_export_dialog_export_to (self, path, &error))
        {
          remember (self);
          message = g_strdup_printf (_("Exported “%s”"), name);
          g_signal_emit (self, signals[EXPORTED], 0, message);
          gtk_window_close (GTK_WINDOW (self));
        }
      else
        {
          GtkWidget *alert = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export"),
                                                     error ? error->message : _("The file is not on this computer."));

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (alert));
        }
    }
  g_object_unref (chooser);
}

static void
export_clicked_cb (EntExportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  name = g_strdup_printf ("%s.%s", self->title ? self->title : _("Map"), extensions[current_format (self)]);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
ent_export_dialog_dispose (GObject *object)
{
  EntExportDialog *self = ENT_EXPORT_DIALOG (object);

  g_clear_object (&self->canvas);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->title, g_free);
  G_OBJECT_CLASS (ent_export_dialog_parent_class)->dispose (object);
}

static void
ent_export_dialog_class_init (EntExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ent_export_dialog_dispose;

  signals[EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* Referencing the resource keeps it linked in from the static library. */
  if (ent_ui_get_resource () == NULL)
    g_error ("The map's resources are missing");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/entente/Entente/ui/ent-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EntExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, EntExportDialog, picture_group);
  gtk_widget_class_bind_template_child (widget_class, EntExportDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, EntExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, EntExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, EntExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, EntExportDialog, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, EntExportDialog, transparent_switch);
  gtk_widget_class_bind_template_child (widget_class, EntExportDialog, legend_switch);
  gtk_widget_class_bind_template_child (widget_class, EntExportDialog, title_switch);
  gtk_widget_class_bind_template_child (widget_class, EntExportDialog, date_switch);
  gtk_widget_class_bind_template_child (widget_class, EntExportDialog, export_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ent_export_dialog_init (EntExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (format_changed_cb), self);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self);
  format_changed_cb (self);
}

EntExportDialog *
ent_export_dialog_new (GtkWindow  *parent,
                       EntCanvas  *canvas,
                       const char *title,
                       GSettings  *settings)
{
  EntExportDialog *self;

  g_return_val_if_fail (ENT_IS_CANVAS (canvas), NULL);

  self = g_object_new (ENT_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->canvas = g_object_ref (canvas);
  self->title = g_strdup (title);
  self->settings = settings ? g_object_ref (settings) : NULL;
  recall (self);
  return self;
}
