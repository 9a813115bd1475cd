/* ent-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-timeline"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ent-style.h"
#include "ent-timeline.h"

#define MARGIN_X      18.0
#define TRACK_Y       30.0
#define HANDLE_RADIUS 7.0

typedef struct
{
  EntDate  date;
  guint    n_meetings;
  guint    n_changes;     /* relations or memberships beginning or ending */
  gboolean planned_only;
} Stop;

struct _EntTimeline
{
  GtkWidget  parent_instance;

  EntWorld  *world;
  GArray    *stops;       /* Stop, by date */
  int        current;     /* stop index; the last stop when nothing was chosen */
};

G_DEFINE_FINAL_TYPE (EntTimeline, ent_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATE_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Stops ------------------------------------------------------------- */

static int
compare_stops (gconstpointer a,
               gconstpointer b)
{
  gint32 x = ent_date_start_key (((const Stop *) a)->date);
  gint32 y = ent_date_start_key (((const Stop *) b)->date);

  return (x > y) - (x < y);
}

static void
add_stop (GHashTable *by_key,
          GArray     *stops,
          EntDate     date,
          gboolean    meeting,
          gboolean    planned)
{
  gint32 key = ent_date_start_key (date);
  gpointer found;
  Stop *stop;

  if (!ent_date_is_set (date))
    return;
  if (!g_hash_table_lookup_extended (by_key, GINT_TO_POINTER (key), NULL, &found))
    {
      Stop fresh = { .date = ent_date_from_key (key), .planned_only = TRUE };

      g_array_append_val (stops, fresh);
      found = GUINT_TO_POINTER (stops->len);
      g_hash_table_insert (by_key, GINT_TO_POINTER (key), found);
    }
  stop = &g_array_index (stops, Stop, GPOINTER_TO_UINT (found) - 1);
  if (meeting)
    {
      stop->n_meetings++;
      stop->planned_only = stop->planned_only && planned;
    }
  else
    stop->n_changes++;
}

/* A period shows as ended on the day after its last day. */
static EntDate
day_after (EntDate until)
{
  return ent_date_from_days (ent_date_to_days (ent_date_from_key (ent_date_end_key (until))) + 1);
}

static void
collect_stops (EntTimeline *self)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new (NULL, NULL);

  g_array_set_size (self->stops, 0);
  if (self->world == NULL)
    return;

  for (guint i = 0; i < ent_world_get_n_relations (self->world); i++)
    {
      const EntRelation *relation = ent_world_get_relation (self->world, i);

      add_stop (by_key, self->stops, relation->since, FALSE, FALSE);
      if (ent_date_is_set (relation->until))
        add_stop (by_key, self->stops, day_after (relation->until), FALSE, FALSE);
    }
  for (guint i = 0; i < ent_world_get_n_meetings (self->world); i++)
    {
      const EntMeeting *meeting = ent_world_get_meeting (self->world, i);

      if (meeting->status != ENT_MEETING_CANCELLED)
        add_stop (by_key, self->stops, meeting->date, TRUE, meeting->status == ENT_MEETING_PLANNED);
    }
  for (guint i = 0; i < ent_world_get_n_blocs (self->world); i++)
    {
      const EntBloc *bloc = ent_world_get_bloc (self->world, i);

      for (guint j = 0; j < bloc->members->len; j++)
        {
          const EntBlocMember *member = g_ptr_array_index (bloc->members, j);

          add_stop (by_key, self->stops, member->since, FALSE, FALSE);
          if (ent_date_is_set (member->until))
            add_stop (by_key, self->stops, day_after (member->until), FALSE, FALSE);
        }
    }
  g_array_sort (self->stops, compare_stops);
}

/* ---- The value ---------------------------------------------------------- */

static char *
date_text (EntTimeline *self)
{
  if (self->stops->len == 0)
    return g_strdup (_("No dates in this map"));
  return ent_date_to_string (g_array_index (self->stops, Stop, self->current).date);
}

static void
update_accessible (EntTimeline *self)
{
  g_autofree char *text = date_text (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) MAX (self->stops->len, 1) - 1,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) MAX (self->current, 0),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
set_current (EntTimeline *self,
             int          index)
{
  if (self->stops->len == 0)
    index = 0;
  else
    index = CLAMP (index, 0, (int) self->stops->len - 1);
  if (index == self->current)
    return;
  self->current = index;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_TEXT]);
}

EntDate
ent_timeline_get_date (EntTimeline *self)
{
  g_return_val_if_fail (ENT_IS_TIMELINE (self), ENT_DATE_NONE);

  if (self->stops->len == 0 || self->current == (int) self->stops->len - 1)
    return ENT_DATE_NONE;
  return g_array_index (self->stops, Stop, self->current).date;
}

void
ent_timeline_set_date (EntTimeline *self,
                       EntDate      date)
{
  int index = (int) self->stops->len - 1;

  g_return_if_fail (ENT_IS_TIMELINE (self));

  /* The last stop on or before the date. */
  if (ent_date_is_set (date))
    {
      index = 0;
      for (guint i = 0; i < self->stops->len; i++)
        if (ent_date_start_key (g_array_index (self->stops, Stop, i).date) <= ent_date_start_key (date))
          index = (int) i;
    }
  set_current (self, index);
}

guint
ent_timeline_get_n_stops (EntTimeline *self)
{
  g_return_val_if_fail (ENT_IS_TIMELINE (self), 0);
  return self->stops->len;
}

EntDate
ent_timeline_get_stop (EntTimeline *self,
                       guint        index)
{
  g_return_val_if_fail (ENT_IS_TIMELINE (self), ENT_DATE_NONE);
  g_return_val_if_fail (index < self->stops->len, ENT_DATE_NONE);
  return g_array_index (self->stops, Stop, index).date;
}

gboolean
ent_timeline_step_meeting (EntTimeline *self,
                           int          direction)
{
  g_return_val_if_fail (ENT_IS_TIMELINE (self), FALSE);

  for (int i = self->current + (direction < 0 ? -1 : 1); i >= 0 && i < (int) self->stops->len;
       i += direction < 0 ? -1 : 1)
    if (g_array_index (self->stops, Stop, i).n_meetings > 0)
      {
        set_current (self, i);
        return TRUE;
      }
  return FALSE;
}

static void
world_changed_cb (EntTimeline *self)
{
  gboolean at_end = self->stops->len == 0 || self->current == (int) self->stops->len - 1;
  EntDate date = at_end ? ENT_DATE_NONE : g_array_index (self->stops, Stop, self->current).date;

  collect_stops (self);
  self->current = -1;
  /* Stay on the same date, or at the end when that is where we were. */
  ent_timeline_set_date (self, date);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ent_timeline_set_world (EntTimeline *self,
                        EntWorld    *world)
{
  g_return_if_fail (ENT_IS_TIMELINE (self));

  if (self->world != NULL)
    g_signal_handlers_disconnect_by_func (self->world, world_changed_cb, self);
  g_set_object (&self->world, world);
  if (world != NULL)
    g_signal_connect_object (world, "changed", G_CALLBACK (world_changed_cb), self, G_CONNECT_SWAPPED);
  collect_stops (self);
  self->current = -1;
  set_current (self, (int) self->stops->len - 1);
}

/* ---- Drawing ----------------------------------------------------------- */

static double
stop_x (EntTimeline *self,
        guint        index)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN_X;

  if (self->stops->len < 2)
    return MARGIN_X + width;
  return MARGIN_X + width * index / (self->stops->len - 1);
}

static int
stop_at (EntTimeline *self,
         double       x)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN_X;

  if (self->stops->len < 2 || width <= 0)
    return (int) self->stops->len - 1;
  return (int) round ((x - MARGIN_X) / width * (self->stops->len - 1));
}

static void
set_rgba (cairo_t       *cr,
          const EntRgba *color,
          double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
show_text (cairo_t       *cr,
           PangoLayout   *layout,
           const char    *text,
           double         x,
           double         y,
           double         max_x,
           const EntRgba *color)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  x = CLAMP (x - w / 2.0, 0, MAX (0, max_x - w));
  cairo_move_to (cr, x, y);
  set_rgba (cr, color, 1.0);
  pango_cairo_show_layout (cr, layout);
}

static void
ent_timeline_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  EntTimeline *self = ENT_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  const EntStyle *style = ent_style_get (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  PangoLayout *layout;
  double last_label_end = -G_MAXDOUBLE;
  cairo_t *cr;

  if (width <= 2 * MARGIN_X)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  layout = gtk_widget_create_pango_layout (widget, NULL);

  /* The track, filled up to the chosen date. */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, 4);
  set_rgba (cr, &style->dim_foreground, 0.35);
  cairo_move_to (cr, MARGIN_X, TRACK_Y);
  cairo_line_to (cr, width - MARGIN_X, TRACK_Y);
  cairo_stroke (cr);
  if (self->stops->len > 0)
    {
      set_rgba (cr, &style->selection, 1.0);
      cairo_move_to (cr, MARGIN_X, TRACK_Y);
      cairo_line_to (cr, stop_x (self, (guint) self->current), TRACK_Y);
      cairo_stroke (cr);
    }

  /* Meetings stand tall; other changes are small ticks. Years below. */
  for (guint i = 0; i < self->stops->len; i++)
    {
      const Stop *stop = &g_array_index (self->stops, Stop, i);
      double x = stop_x (self, i);

      cairo_set_line_width (cr, stop->n_meetings > 0 ? 2.5 : 1.5);
      if (stop->n_meetings > 0)
        set_rgba (cr, &style->meeting.color, stop->planned_only ? 0.55 : 1.0);
      else
        set_rgba (cr, &style->dim_foreground, 0.8);
      cairo_move_to (cr, x, TRACK_Y - (stop->n_meetings > 0 ? 12 : 6));
      cairo_line_to (cr, x, TRACK_Y + (stop->n_meetings > 0 ? 6 : 3));
      cairo_stroke (cr);

      if (i == 0 || stop->date.year != g_array_index (self->stops, Stop, i - 1).date.year)
        {
          g_autofree char *year = g_strdup_printf ("%u", stop->date.year);
          int w, h;

          pango_layout_set_text (layout, year, -1);
          pango_layout_get_pixel_size (layout, &w, &h);
          if (x - w / 2.0 > last_label_end + 6)
            {
              show_text (cr, layout, year, x, TRACK_Y + 8, width, &style->dim_foreground);
              last_label_end = x + w / 2.0;
            }
        }
    }

  /* The handle and the date it stands on. */
  if (self->stops->len > 0)
    {
      double x = stop_x (self, (guint) self->current);
      g_autofree char *text = date_text (self);

      cairo_arc (cr, x, TRACK_Y, HANDLE_RADIUS, 0, 2 * G_PI);
      set_rgba (cr, &style->background, 1.0);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 3);
      set_rgba (cr, &style->selection, 1.0);
      cairo_stroke (cr);
      if (gtk_widget_has_visible_focus (widget))
        {
          cairo_arc (cr, x, TRACK_Y, HANDLE_RADIUS + 4, 0, 2 * G_PI);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      show_text (cr, layout, text, x, 0, width, &style->foreground);
    }

  g_object_unref (layout);
  cairo_destroy (cr);
}

static void
ent_timeline_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 600;
    }
  else
    *minimum = *natural = 56;
}

/* ---- Input ------------------------------------------------------------- */

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            EntTimeline     *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  set_current (self, stop_at (self, x));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                EntTimeline    *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  set_current (self, stop_at (self, x + dx));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                EntTimeline           *self)
{
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      set_current (self, self->current - 1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      set_current (self, self->current + 1);
      return TRUE;
    case GDK_KEY_Page_Up:
      ent_timeline_step_meeting (self, -1);
      return TRUE;
    case GDK_KEY_Page_Down:
      ent_timeline_step_meeting (self, 1);
      return TRUE;
    case GDK_KEY_Home:
      set_current (self, 0);
      return TRUE;
    case GDK_KEY_End:
      set_current (self, (int) self->stops->len - 1);
      return TRUE;
    default:
      return FALSE;
    }
}

/* ---- GObject ----------------------------------------------------------- */

static void
ent_timeline_dispose (GObject *object)
{
  EntTimeline *self = ENT_TIMELINE (object);

  if (self->world != NULL)
    g_signal_handlers_disconnect_by_func (self->world, world_changed_cb, self);
  g_clear_object (&self->world);
  G_OBJECT_CLASS (ent_timeline_parent_class)->dispose (object);
}

static void
ent_timeline_finalize (GObject *object)
{
  EntTimeline *self = ENT_TIMELINE (object);

  g_array_unref (self->stops);
  G_OBJECT_CLASS (ent_timeline_parent_class)->finalize (object);
}

static void
ent_timeline_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EntTimeline *self = ENT_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_DATE_TEXT:
      g_value_take_string (value, date_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ent_timeline_class_init (EntTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ent_timeline_dispose;
  object_class->finalize = ent_timeline_finalize;
  object_class->get_property = ent_timeline_get_property;
  widget_class->snapshot = ent_timeline_snapshot;
  widget_class->measure = ent_timeline_measure;

  /**
   * EntTimeline:date-text:
   *
   * The chosen date as text; notified whenever the date changes.
   */
  properties[PROP_DATE_TEXT] =
    g_param_spec_string ("date-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "enttimeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
ent_timeline_init (EntTimeline *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->stops = g_array_new (FALSE, TRUE, sizeof (Stop));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("The map as of a date: drag, or use the arrow keys (Page Up and Page Down jump between meetings)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Date shown on the map"),
                                  -1);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
ent_timeline_new (void)
{
  return g_object_new (ENT_TYPE_TIMELINE, NULL);
}
