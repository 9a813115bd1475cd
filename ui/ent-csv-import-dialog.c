/* ent-csv-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-import"

#include "config.h"

#include <glib/gi18n.h>

#include "ent-csv-import-dialog.h"
#include "ent-ui-resources.h"

/* The preview reads this much of the file's start, and shows this many
 * records. */
#define HEAD_BYTES   (256 * 1024)
#define PREVIEW_ROWS 8

enum {
  FIELD_SOURCE,
  FIELD_TARGET,
  FIELD_TYPE,
  FIELD_SIGN,
  FIELD_WEIGHT,
  FIELD_SINCE,
  FIELD_UNTIL,
  FIELD_LABEL,
  N_FIELDS
};

static const char * const row_names[N_FIELDS] = {
  "source_row", "target_row", "type_row", "sign_row", "weight_row", "since_row", "until_row", "label_row",
};

/* The preview's columns. */
enum {
  COLUMN_LINE,
  COLUMN_TIE,
  COLUMN_TYPE,
  COLUMN_SIGN,
  COLUMN_WEIGHT,
  COLUMN_DATES,
  COLUMN_LABEL,
  N_COLUMNS
};

/* What the worker thread needs; it reports progress in @percent. */
typedef struct
{
  GFile         *file;
  EntCsvMapping *mapping;
  int            percent;
} Job;

struct _EntCsvImportDialog
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *cancel_button;
  GtkButton           *import_button;
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *columns_group;
  AdwComboRow         *rows[N_FIELDS];
  GtkGrid             *preview_grid;
  GtkLabel            *preview_placeholder;
  GtkRevealer         *problem_revealer;
  GtkImage            *problem_icon;
  GtkLabel            *problem_label;
  GtkRevealer         *progress_revealer;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;

  GFile               *file;
  GBytes              *head;
  GStrv                header;
  char                 separator;
  char                *id_column;
  gboolean             has_nodes;
  char                *read_error;     /* the file could not be read */
  char                *import_error;   /* the last import failed */
  gboolean             cancelled;      /* the last import was cancelled */

  GCancellable        *cancellable;    /* while importing */
  Job                 *job;
  guint                progress_source;
  gboolean             disposed;
};

G_DEFINE_FINAL_TYPE (EntCsvImportDialog, ent_csv_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
job_free (Job *job)
{
  g_clear_object (&job->file);
  ent_csv_mapping_free (job->mapping);
  g_free (job);
}

/* ---- The mapping --------------------------------------------------------- */

/* The column chosen for @field, or NULL for "(none)". */
static const char *
chosen_column (EntCsvImportDialog *self,
               guint               field)
{
  GObject *item = adw_combo_row_get_selected_item (self->rows[field]);
  guint selected = adw_combo_row_get_selected (self->rows[field]);

  if (item == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_object_get_string (GTK_STRING_OBJECT (item));
}

EntCsvMapping *
ent_csv_import_dialog_get_mapping (EntCsvImportDialog *self)
{
  EntCsvMapping *mapping;
  const char *columns[N_FIELDS];
  gboolean id_taken = FALSE;

  g_return_val_if_fail (ENT_IS_CSV_IMPORT_DIALOG (self), NULL);

  for (guint f = 0; f < N_FIELDS; f++)
    {
      columns[f] = chosen_column (self, f);
      if (columns[f] != NULL && g_strcmp0 (columns[f], self->id_column) == 0)
        id_taken = TRUE;
    }
  mapping = ent_csv_mapping_new ();
  mapping->separator = self->separator;
  mapping->source = g_strdup (columns[FIELD_SOURCE]);
  mapping->target = g_strdup (columns[FIELD_TARGET]);
  mapping->type = g_strdup (columns[FIELD_TYPE]);
  mapping->sign = g_strdup (columns[FIELD_SIGN]);
  mapping->weight = g_strdup (columns[FIELD_WEIGHT]);
  mapping->since = g_strdup (columns[FIELD_SINCE]);
  mapping->until = g_strdup (columns[FIELD_UNTIL]);
  mapping->label = g_strdup (columns[FIELD_LABEL]);
  /* The edge id column stays as the header suggested, unless a field
   * above now reads it. */
  mapping->id = id_taken ? NULL : g_strdup (self->id_column);
  return mapping;
}

gboolean
ent_csv_import_dialog_is_busy (EntCsvImportDialog *self)
{
  g_return_val_if_fail (ENT_IS_CSV_IMPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

static void
select_column (EntCsvImportDialog *self,
               guint               field,
               const char         *name)
{
  guint position = 0;

  for (guint i = 0; name != NULL && self->header != NULL && self->header[i] != NULL; i++)
    if (g_str_equal (self->header[i], name))
      {
        position = i + 1;
        break;
      }
  adw_combo_row_set_selected (self->rows[field], position);
}

/* ---- The preview --------------------------------------------------------- */

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *widget;

  while ((widget = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, widget);
}

static GtkWidget *
cell_label (const char *text,
            const char *style,
            const char *tooltip)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_widget_set_tooltip_text (label, tooltip ? tooltip : text);
  return label;
}

static void
attach (GtkGrid   *grid,
        GtkWidget *widget,
        int        column,
        int        row,
        int        width)
{
  gtk_grid_attach (grid, widget, column, row, width, 1);
}

/* The cell of @field in @preview, as the file has it. */
static const char *
raw_cell (EntCsvImportDialog     *self,
          const EntCsvPreviewRow *preview,
          guint                   field)
{
  const char *column = chosen_column (self, field);

  for (guint i = 0; column != NULL && self->header[i] != NULL; i++)
    if (g_str_equal (self->header[i], column))
      return i < g_strv_length (preview->cells) ? preview->cells[i] : NULL;
  return NULL;
}

/* A cell the model could not take: the file's text, marked, with why. */
static GtkWidget *
unread_label (EntCsvImportDialog     *self,
              const EntCsvPreviewRow *preview,
              guint                   field)
{
  const char *text = raw_cell (self, preview, field);
  g_autofree char *tooltip = NULL;

  switch (field)
    {
    case FIELD_TYPE:
      tooltip = g_strdup_printf (_("“%s” is not a relation type Entente knows (alliance, rivalry, trade …); "
                                   "it is kept as a custom attribute"), text);
      break;
    case FIELD_SIGN:
      tooltip = g_strdup_printf (_("“%s” is not a sign (1, -1, +, -); it is kept as a custom attribute"), text);
      break;
    case FIELD_WEIGHT:
      tooltip = g_strdup_printf (_("“%s” is not a weight (a number other than 0); it is kept as a custom attribute"),
                                 text);
      break;
    default:
      tooltip = g_strdup_printf (_("“%s” is not a date, or the dates are out of order; it is kept as a custom "
                                   "attribute"), text);
      break;
    }
  return cell_label (text, "warning", tooltip);
}

static char *
dates_text (const EntRelation *relation)
{
  g_autofree char *since = ent_date_to_string (relation->since);
  g_autofree char *until = ent_date_to_string (relation->until);

  if (since != NULL && until != NULL)
    return g_strdup_printf ("%s – %s", since, until);
  if (since != NULL)
    return g_strdup_printf (_("since %s"), since);
  if (until != NULL)
    return g_strdup_printf (_("until %s"), until);
  return NULL;
}

static void
add_preview_row (EntCsvImportDialog     *self,
                 const EntCsvPreviewRow *preview,
                 int                     y)
{
  GtkGrid *grid = self->preview_grid;
  g_autofree char *line = g_strdup_printf ("%u", preview->line);
  const EntRelation *relation;
  g_autofree char *tie = NULL;
  g_autofree char *weight = NULL;
  g_autofree char *dates = NULL;

  attach (grid, cell_label (line, "dim-label", NULL), COLUMN_LINE, y, 1);
  if (preview->world == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot be imported: %s"), preview->error);
      GtkWidget *label = cell_label (text, "error", NULL);

      /* The reason in full: it says what to fix. */
      gtk_label_set_single_line_mode (GTK_LABEL (label), FALSE);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
      attach (grid, label, COLUMN_TIE, y, N_COLUMNS - COLUMN_TIE);
      return;
    }
  if (ent_world_get_n_relations (preview->world) == 0)
    {
      const char *source = raw_cell (self, preview, FIELD_SOURCE);

      tie = g_strdup_printf ("%s → %s", source, source);
      attach (grid, cell_label (tie, NULL, NULL), COLUMN_TIE, y, 1);
      attach (grid, cell_label (_("Left out: a tie of an actor with itself"), "dim-label", NULL),
              COLUMN_TYPE, y, N_COLUMNS - COLUMN_TYPE);
      return;
    }

  relation = ent_world_get_relation (preview->world, 0);
  tie = g_strdup_printf ("%s → %s", relation->actor_a, relation->actor_b);
  attach (grid, cell_label (tie, NULL, NULL), COLUMN_TIE, y, 1);

  if (preview->unread & ENT_CSV_FIELD_TYPE)
    attach (grid, unread_label (self, preview, FIELD_TYPE), COLUMN_TYPE, y, 1);
  else
    attach (grid, cell_label (ent_relation_type_get_label (relation->type),
                              chosen_column (self, FIELD_TYPE) ? NULL : "dim-label", NULL),
            COLUMN_TYPE, y, 1);

  if (preview->unread & ENT_CSV_FIELD_SIGN)
    attach (grid, unread_label (self, preview, FIELD_SIGN), COLUMN_SIGN, y, 1);
  else
    attach (grid, cell_label (relation->sign < 0 ? "−" : "+", NULL,
                              relation->sign < 0 ? _("Adversarial") : _("Cooperative")),
            COLUMN_SIGN, y, 1);

  if (preview->unread & ENT_CSV_FIELD_WEIGHT)
    attach (grid, unread_label (self, preview, FIELD_WEIGHT), COLUMN_WEIGHT, y, 1);
  else if (preview->weight > 0)
    {
      weight = g_strdup_printf ("%g", preview->weight);
      attach (grid, cell_label (weight, "numeric", NULL), COLUMN_WEIGHT, y, 1);
    }
  else
    attach (grid, cell_label ("—", "dim-label", _("No weight: the default strength")), COLUMN_WEIGHT, y, 1);

  if (preview->unread & ENT_CSV_FIELD_SINCE)
    attach (grid, unread_label (self, preview, FIELD_SINCE), COLUMN_DATES, y, 1);
  else if (preview->unread & ENT_CSV_FIELD_UNTIL)
    attach (grid, unread_label (self, preview, FIELD_UNTIL), COLUMN_DATES, y, 1);
  else if ((dates = dates_text (relation)) != NULL)
    attach (grid, cell_label (dates, "numeric", NULL), COLUMN_DATES, y, 1);
  else
    attach (grid, cell_label ("—", "dim-label", _("No dates: always in force")), COLUMN_DATES, y, 1);

  if (relation->label != NULL)
    attach (grid, cell_label (relation->label, NULL, NULL), COLUMN_LABEL, y, 1);
  else
    attach (grid, cell_label ("—", "dim-label", _("No label")), COLUMN_LABEL, y, 1);
}

static void
add_preview_headings (EntCsvImportDialog *self)
{
  const char *headings[N_COLUMNS] = {
    C_("preview column", "Line"), C_("preview column", "Tie"), C_("preview column", "Type"),
    C_("preview column", "Sign"), C_("preview column", "Weight"), C_("preview column", "Dates"),
    C_("preview column", "Label"),
  };

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkWidget *label = cell_label (headings[c], "caption-heading", NULL);

      gtk_widget_add_css_class (label, "dim-label");
      attach (self->preview_grid, label, c, 0, 1);
    }
}

/* ---- State --------------------------------------------------------------- */

static void
show_problem (EntCsvImportDialog *self,
              const char         *text,
              gboolean            warning)
{
  if (text != NULL)
    {
      gtk_label_set_text (self->problem_label, text);
      gtk_image_set_from_icon_name (self->problem_icon, warning ? "dialog-warning-symbolic"
                                                                : "dialog-information-symbolic");
      if (warning)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->problem_icon), "warning");
          gtk_widget_remove_css_class (GTK_WIDGET (self->problem_icon), "dim-label");
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self->problem_icon), "warning");
          gtk_widget_add_css_class (GTK_WIDGET (self->problem_icon), "dim-label");
        }
    }
  gtk_revealer_set_reveal_child (self->problem_revealer, text != NULL);
}

/* Rebuilds the preview and decides whether Import can work, and if not,
 * why. */
static void
update (EntCsvImportDialog *self)
{
  g_autoptr(EntCsvMapping) mapping = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  const char *placeholder = NULL;

  clear_grid (self->preview_grid);
  if (self->disposed)
    return;

  mapping = ent_csv_import_dialog_get_mapping (self);
  if (self->read_error != NULL)
    reason = g_strdup (self->read_error);
  else if (mapping->source == NULL)
    reason = g_strdup (_("Choose the Source column: each tie needs the actor it starts from."));
  else if (mapping->target == NULL)
    reason = g_strdup (_("Choose the Target column: each tie needs the actor it goes to."));
  else if (g_str_equal (mapping->source, mapping->target))
    reason = g_strdup (_("Source and Target must be different columns."));

  if (reason != NULL)
    placeholder = _("Choose the Source and Target columns to see how the rows will be imported.");
  else if ((rows = ent_csv_preview (g_bytes_get_data (self->head, NULL), g_bytes_get_size (self->head),
                                    mapping, PREVIEW_ROWS, &error)) == NULL)
    {
      reason = g_strdup_printf (_("The file cannot be imported: %s."), error->message);
      placeholder = _("No preview");
    }
  else if (rows->len == 0)
    {
      if (!self->has_nodes)
        reason = g_strdup (_("The file names its columns but has no rows of ties."));
      placeholder = _("The file has no rows below its header.");
    }
  else
    {
      add_preview_headings (self);
      for (guint i = 0; i < rows->len; i++)
        {
          const EntCsvPreviewRow *preview = g_ptr_array_index (rows, i);

          add_preview_row (self, preview, (int) i + 1);
          if (preview->error != NULL && reason == NULL)
            reason = g_strdup_printf (_("Line %u cannot be imported: %s."), preview->line, preview->error);
        }
    }

  gtk_label_set_text (self->preview_placeholder, placeholder ? placeholder : "");
  gtk_widget_set_visible (GTK_WIDGET (self->preview_placeholder), placeholder != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_grid), placeholder == NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), reason == NULL && self->cancellable == NULL);
  if (reason != NULL)
    show_problem (self, reason, TRUE);
  else if (self->import_error != NULL)
    show_problem (self, self->import_error, TRUE);
  else if (self->cancelled)
    show_problem (self, _("Import cancelled; nothing was imported."), FALSE);
  else
    show_problem (self, NULL, FALSE);
}

static void
mapping_changed_cb (EntCsvImportDialog *self)
{
  g_clear_pointer (&self->import_error, g_free);
  self->cancelled = FALSE;
  update (self);
}

/* ---- Importing ----------------------------------------------------------- */

/* Called on the worker thread. */
static void
job_progress_cb (double   fraction,
                 gpointer user_data)
{
  Job *job = user_data;

  g_atomic_int_set (&job->percent, (int) (CLAMP (fraction, 0, 1) * 100));
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  EntWorld *world;

  world = ent_csv_load_file (job->file, job->mapping, cancellable, job_progress_cb, job, &error);
  if (world == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, world, g_object_unref);
}

static gboolean
show_progress_cb (gpointer user_data)
{
  EntCsvImportDialog *self = user_data;
  int percent = self->job ? g_atomic_int_get (&self->job->percent) : 0;
  g_autofree char *text = g_strdup_printf (_("Importing… %d%%"), percent);

  gtk_progress_bar_set_fraction (self->progress_bar, percent / 100.0);
  gtk_label_set_text (self->progress_label, text);
  return G_SOURCE_CONTINUE;
}

static void
set_busy (EntCsvImportDialog *self,
          gboolean            busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !busy);
  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
  if (busy)
    {
      show_problem (self, NULL, FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      show_progress_cb (self);
      self->progress_source = g_timeout_add (100, show_progress_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->progress_source, g_source_remove);
    }
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  EntCsvImportDialog *self = ENT_CSV_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->disposed)
    return;
  self->job = NULL;
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (world == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        self->cancelled = TRUE;
      else
        self->import_error = g_strdup (error->message);
      update (self);
      return;
    }
  g_signal_emit (self, signals[IMPORTED], 0, world);
  gtk_window_close (GTK_WINDOW (self));
}

static void
import_clicked_cb (EntCsvImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->cancellable != NULL || !gtk_widget_get_sensitive (GTK_WIDGET (self->import_button)))
    return;

  g_clear_pointer (&self->import_error, g_free);
  self->cancelled = FALSE;
  job = g_new0 (Job, 1);
  job->file = g_object_ref (self->file);
  job->mapping = ent_csv_import_dialog_get_mapping (self);
  self->job = job;
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  task = g_task_new (self, self->cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, import_clicked_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, import_thread);
}

static void
cancel_clicked_cb (EntCsvImportDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* ---- Reading the file ---------------------------------------------------- */

/* The start of @file: whole records up to HEAD_BYTES. */
static GBytes *
read_head (GFile   *file,
           GError **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *buffer = g_malloc (HEAD_BYTES);
  gsize length = 0;

  stream = g_file_read (file, NULL, error);
  if (stream == NULL || !g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, HEAD_BYTES, &length, NULL, error))
    return NULL;
  if (length == HEAD_BYTES)
    {
      /* More follows: end at the last line break, not inside a record. */
      gsize end = length;

      while (end > 0 && buffer[end - 1] != '\n')
        end--;
      if (end > 0)
        length = end;
    }
  return g_bytes_new (buffer, length);
}

static const char *
separator_name (char separator)
{
  switch (separator)
    {
    case ';':
      return _("semicolons");
    case '\t':
      return _("tabs");
    default:
      return _("commas");
    }
}

static void
read_file (EntCsvImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EntCsvMapping) sniffed = NULL;
  g_autoptr(GFile) nodes_file = NULL;
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autofree char *description = NULL;
  g_autofree char *columns = NULL;
  const char *data;
  gsize length;

  adw_window_title_set_subtitle (self->window_title, basename);
  gtk_string_list_append (model, _("(none)"));

  self->head = read_head (self->file, &error);
  if (self->head == NULL)
    {
      self->read_error = g_strdup_printf (_("The file cannot be read: %s"), error->message);
      goto out;
    }
  data = g_bytes_get_data (self->head, &length);
  self->header = ent_csv_read_header (data, length, &self->separator, &error);
  if (self->header == NULL)
    {
      self->read_error = g_strdup_printf (_("The file cannot be imported: %s."), error->message);
      goto out;
    }
  for (guint i = 0; self->header[i] != NULL; i++)
    gtk_string_list_append (model, self->header[i]);

  nodes_file = ent_csv_get_nodes_file (self->file);
  self->has_nodes = nodes_file != NULL && !g_file_equal (nodes_file, self->file) &&
                    g_file_query_exists (nodes_file, NULL);
  columns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u column separated by %s", "%u columns separated by %s",
                                          g_strv_length (self->header)),
                             g_strv_length (self->header), separator_name (self->separator));
  if (self->has_nodes)
    {
      g_autofree char *nodes_name = g_file_get_basename (nodes_file);

      description = g_strdup_printf (_("%s. Actors’ names and details come from “%s”."), columns, nodes_name);
    }
  else
    {
      description = g_strdup_printf (_("%s. Actors are named by the Source and Target cells."), columns);
    }
  adw_preferences_group_set_description (self->columns_group, description);

  sniffed = ent_csv_mapping_sniff (data, length, NULL);

out:
  for (guint f = 0; f < N_FIELDS; f++)
    adw_combo_row_set_model (self->rows[f], G_LIST_MODEL (model));
  if (sniffed != NULL)
    {
      self->separator = sniffed->separator;
      self->id_column = g_strdup (sniffed->id);
      select_column (self, FIELD_SOURCE, sniffed->source);
      select_column (self, FIELD_TARGET, sniffed->target);
      select_column (self, FIELD_TYPE, sniffed->type);
      select_column (self, FIELD_SIGN, sniffed->sign);
      select_column (self, FIELD_WEIGHT, sniffed->weight);
      select_column (self, FIELD_SINCE, sniffed->since);
      select_column (self, FIELD_UNTIL, sniffed->until);
      select_column (self, FIELD_LABEL, sniffed->label);
    }
  for (guint f = 0; f < N_FIELDS; f++)
    g_signal_connect_swapped (self->rows[f], "notify::selected", G_CALLBACK (mapping_changed_cb), self);
  update (self);
}

/* ---- The object ---------------------------------------------------------- */

/* Destroying a window does not dispose of it while the import's task
 * holds it: stop the import when the window goes away. */
static void
ent_csv_import_dialog_unrealize (GtkWidget *widget)
{
  EntCsvImportDialog *self = ENT_CSV_IMPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  GTK_WIDGET_CLASS (ent_csv_import_dialog_parent_class)->unrealize (widget);
}

static void
ent_csv_import_dialog_dispose (GObject *object)
{
  EntCsvImportDialog *self = ENT_CSV_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  self->job = NULL;
  g_clear_object (&self->file);
  g_clear_pointer (&self->head, g_bytes_unref);
  g_clear_pointer (&self->header, g_strfreev);
  g_clear_pointer (&self->id_column, g_free);
  g_clear_pointer (&self->read_error, g_free);
  g_clear_pointer (&self->import_error, g_free);
  G_OBJECT_CLASS (ent_csv_import_dialog_parent_class)->dispose (object);
}

static void
ent_csv_import_dialog_class_init (EntCsvImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ent_csv_import_dialog_dispose;
  widget_class->unrealize = ent_csv_import_dialog_unrealize;

  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ENT_TYPE_WORLD);

  /* Referencing the resource keeps it linked in from the static library. */
  if (ent_ui_get_resource () == NULL)
    g_error ("The map's resources are missing");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/entente/Entente/ui/ent-csv-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EntCsvImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, EntCsvImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, EntCsvImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, EntCsvImportDialog, page);
  gtk_widget_class_bind_template_child (widget_class, EntCsvImportDialog, columns_group);
  for (guint f = 0; f < N_FIELDS; f++)
    gtk_widget_class_bind_template_child_full (widget_class, row_names[f], FALSE,
                                               G_STRUCT_OFFSET (EntCsvImportDialog, rows) + f * sizeof (gpointer));
  gtk_widget_class_bind_template_child (widget_class, EntCsvImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, EntCsvImportDialog, preview_placeholder);
  gtk_widget_class_bind_template_child (widget_class, EntCsvImportDialog, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, EntCsvImportDialog, problem_icon);
  gtk_widget_class_bind_template_child (widget_class, EntCsvImportDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, EntCsvImportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, EntCsvImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EntCsvImportDialog, progress_label);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ent_csv_import_dialog_init (EntCsvImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EntCsvImportDialog *
ent_csv_import_dialog_new (GtkWindow *parent,
                           GFile     *file)
{
  EntCsvImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (ENT_TYPE_CSV_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->file = g_object_ref (file);
  read_file (self);
  return self;
}
