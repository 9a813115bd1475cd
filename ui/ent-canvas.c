/* ent-canvas.c: the live map, driven by the frame clock
 *
 * The canvas owns the layout of its world and steps it from a tick
 * callback only while the simulation is warm; once it settles the
 * callback removes itself, so a still map costs nothing. From
 * BACKGROUND_NODES actors on, the ticks run on the layout's worker thread
 * while the main thread draws the positions of the last finished tick.
 *
 * Drawing is the painter's, into an image surface that becomes the
 * snapshot's texture (or, with the cairo renderer, a cairo node's image).
 * When painting the whole map is slow (a big map), panning and zooming
 * move and scale the last frame, and the map is painted again once the
 * view rests.
 *
 * With ENTENTE_FRAME_LOG set to a file name, every frame appends a line
 * "MONOTONIC_USEC full|reuse PAINT_USEC N_ACTORS ANIMATING" to it, and a
 * settling map "MONOTONIC_USEC settled": the benchmark's window frame rate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-canvas"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ent-canvas.h"
#include "ent-compat.h"

/* Ticks per frame while warm: a cold start settles in about two seconds. */
#define TICKS_PER_FRAME  3
#define FIT_MARGIN       48.0
#define MIN_ZOOM         0.05
#define MAX_ZOOM         20.0
#define DRAG_ALPHA       0.3
#define GROWTH_USEC      (900 * 1000)
/* From here on, the simulation steps on a worker thread... */
#define BACKGROUND_NODES 2000
/* A job on the worker runs at most this long, and this many ticks. */
#define MAX_JOB_USEC     (100 * 1000)
#define MAX_JOB_TICKS    12
/* A full paint slower than this: pan and zoom reuse the last frame... */
#define SLOW_PAINT_USEC  (20 * 1000)
/* ...until the view has rested this long. */
#define VIEW_REST_USEC   (150 * 1000)

struct _EntCanvas
{
  GtkWidget    parent_instance;

  EntWorld    *world;
  EntLayout   *layout;
  EntPainter  *painter;
  EntDate      date;
  EntView      view;
  gboolean     view_placed;    /* the user panned or zoomed: stop fitting */

  double      *xy;
  guint        n_actors;

  guint        tick_id;
  guint64      ticks;
  gint64       last_frame_time;

  /* A meeting just added: its ties grow in. */
  GArray      *growing;        /* guint pairs */
  gint64       growth_start;   /* frame time, or 0 before the first frame */

  int          selected;
  int          hovered;

  /* Gestures */
  int          dragged;        /* actor under a drag, or -1 for a pan */
  double       drag_start_x;
  double       drag_start_y;
  double       drag_origin_x;  /* the view offset, or the actor's map spot */
  double       drag_origin_y;
  double       pinch_scale;
  double       pointer_x;
  double       pointer_y;

  /* The last fully painted frame and the view it shows. */
  cairo_surface_t *surfaces[2];
  cairo_surface_t *frame_image; /* the frame's pixels, which the texture wraps */
  GdkTexture  *frame;
  EntView      frame_view;
  gint64       paint_usec;     /* what the last full paint cost */
  gint64       view_moved;     /* when a pan or zoom last moved the view */
  gboolean     panning;        /* a pan's drag is under way */
  guint        rest_id;        /* paints in full once the view rests */
};

G_DEFINE_FINAL_TYPE (EntCanvas, ent_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORLD,
  PROP_SELECTED,
  N_PROPS
};

enum {
  ACTOR_ACTIVATED,
  ACTOR_MOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- Positions and animation ------------------------------------------ */

static void
refresh_positions (EntCanvas *self)
{
  guint n = self->layout ? ent_layout_get_n_nodes (self->layout) : 0;

  if (n != self->n_actors)
    {
      self->xy = g_renew (double, self->xy, 2 * MAX (n, 1));
      self->n_actors = n;
    }
  for (guint i = 0; i < n; i++)
    ent_layout_get_position (self->layout, i, &self->xy[2 * i], &self->xy[2 * i + 1]);
}

static void
fit_if_unplaced (EntCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->view_placed || width <= 0 || height <= 0 || self->n_actors == 0)
    return;
  self->view.width = width;
  self->view.height = height;
  ent_painter_fit_view (self->painter, &self->view, self->xy, self->n_actors, FIT_MARGIN);
}

/* Eases the growth of new ties; TRUE while they are still growing. */
static gboolean
update_growth (EntCanvas     *self,
               GdkFrameClock *frame_clock)
{
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double t;

  if (self->growing->len == 0)
    return FALSE;
  if (self->growth_start == 0)
    self->growth_start = now;
  t = CLAMP ((double) (now - self->growth_start) / GROWTH_USEC, 0.0, 1.0);
  t = 1 - (1 - t) * (1 - t) * (1 - t);
  ent_painter_set_growth (self->painter, (const guint *) self->growing->data, self->growing->len / 2, t);
  if (t >= 1.0)
    {
      g_array_set_size (self->growing, 0);
      ent_painter_set_growth (self->painter, NULL, 0, 1.0);
      return FALSE;
    }
  return TRUE;
}

static FILE *
frame_log (void)
{
  static FILE *log = NULL;
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      const char *path = g_getenv ("ENTENTE_FRAME_LOG");

      if (path != NULL && *path != '\0')
        log = fopen (path, "a");
      g_once_init_leave (&once, 1);
    }
  return log;
}

/* On the worker, a job fills most of the time between two frames (a big
 * map's frames are slow), but no more than MAX_JOB_USEC: an edit waits
 * for it. */
static guint
ticks_per_frame (EntCanvas     *self,
                 GdkFrameClock *frame_clock)
{
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  gint64 interval = self->last_frame_time > 0 ? now - self->last_frame_time : 0;
  double per_tick;

  self->last_frame_time = now;
  if (!ent_layout_get_background (self->layout))
    return TICKS_PER_FRAME;
  per_tick = ent_layout_get_tick_usec (self->layout);
  if (per_tick <= 0 || interval <= 0)
    return 1;
  /* A job as long as the last interval would often end just after the
   * next frame has looked for it, and that frame would show nothing new:
   * two thirds of it end in time. */
  return (guint) CLAMP (MIN (interval, MAX_JOB_USEC) * 2 / 3 / per_tick, 1.0, (double) MAX_JOB_TICKS);
}

static void
update_background (EntCanvas *self)
{
  if (self->layout != NULL)
    ent_layout_set_background (self->layout, ent_layout_get_n_nodes (self->layout) >= BACKGROUND_NODES);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  EntCanvas *self = ENT_CANVAS (widget);
  gboolean growing = update_growth (self, frame_clock);

  guint ran = ent_layout_step (self->layout, ticks_per_frame (self, frame_clock));

  self->ticks += ran;
  /* In the background, 0 ticks: the worker has not finished a job yet. */
  if (ran > 0 || !ent_layout_get_background (self->layout) || growing)
    {
      refresh_positions (self);
      fit_if_unplaced (self);
      gtk_widget_queue_draw (widget);
    }

  if (ent_layout_is_settled (self->layout) && self->dragged < 0 && !growing)
    {
      /* Ticks the last job ran are reported by one more call. */
      self->ticks += ent_layout_step (self->layout, 0);
      refresh_positions (self);
      gtk_widget_queue_draw (widget);
      if (frame_log () != NULL)
        {
          fprintf (frame_log (), "%" G_GINT64_FORMAT " settled\n", g_get_monotonic_time ());
          fflush (frame_log ());
        }
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
animate (EntCanvas *self)
{
  if (self->tick_id != 0 || self->layout == NULL)
    return;
  if (ent_layout_is_settled (self->layout) && self->dragged < 0 && self->growing->len == 0)
    return;
  self->last_frame_time = 0;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
}

static void
set_drag_alpha_target (EntCanvas *self,
                       double     target)
{
  EntForceSim *sim = ent_layout_get_sim (self->layout);
  EntForceParams params;

  ent_force_sim_get_params (sim, &params);
  params.alpha_target = target;
  ent_force_sim_set_params (sim, &params);
  if (target > 0)
    ent_layout_reheat (self->layout, target);
}

/* ---- The world -------------------------------------------------------- */

static void
world_changed_cb (EntCanvas *self,
                  EntWorld  *world)
{
  int n = (int) ent_world_get_n_actors (world);

  ent_layout_sync (self->layout, self->date);
  update_background (self);
  refresh_positions (self);
  if (self->selected >= n)
    ent_canvas_set_selected (self, -1);
  if (self->hovered >= n)
    {
      self->hovered = -1;
      ent_painter_set_hovered (self->painter, -1);
    }
  animate (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Ties between every two participants of the new meeting grow in. */
static void
meeting_added_cb (EntCanvas  *self,
                  const char *id,
                  EntWorld   *world)
{
  const EntMeeting *meeting = ent_world_lookup_meeting (world, id);

  if (meeting == NULL || !ent_meeting_counts_at (meeting, self->date))
    return;
  g_array_set_size (self->growing, 0);
  for (guint p = 0; meeting->participants[p] != NULL; p++)
    for (guint q = p + 1; meeting->participants[q] != NULL; q++)
      {
        guint pair[2] = {
          (guint) ent_world_get_actor_index (world, meeting->participants[p]),
          (guint) ent_world_get_actor_index (world, meeting->participants[q]),
        };

        g_array_append_vals (self->growing, pair, 2);
      }
  self->growth_start = 0;
  ent_painter_set_growth (self->painter, (const guint *) self->growing->data, self->growing->len / 2, 0.0);
  animate (self);
}

gboolean
ent_canvas_is_growing (EntCanvas *self)
{
  g_return_val_if_fail (ENT_IS_CANVAS (self), FALSE);
  return self->growing->len > 0;
}

void
ent_canvas_set_world (EntCanvas *self,
                      EntWorld  *world)
{
  g_return_if_fail (ENT_IS_CANVAS (self));
  g_return_if_fail (world == NULL || ENT_IS_WORLD (world));

  if (self->world == world)
    return;

  if (self->world != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->world, world_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->world, meeting_added_cb, self);
    }
  g_array_set_size (self->growing, 0);
  ent_painter_set_growth (self->painter, NULL, 0, 1.0);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_object (&self->layout);
  g_set_object (&self->world, world);

  self->selected = -1;
  self->hovered = -1;
  self->dragged = -1;
  self->view_placed = FALSE;
  ent_painter_set_selected (self->painter, -1);
  ent_painter_set_hovered (self->painter, -1);

  if (world != NULL)
    {
      self->layout = ent_layout_new_for_world (world, 1);
      ent_layout_set_date (self->layout, self->date);
      update_background (self);
      g_signal_connect_object (world, "changed", G_CALLBACK (world_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (world, "meeting-added", G_CALLBACK (meeting_added_cb), self, G_CONNECT_SWAPPED);
    }
  refresh_positions (self);
  fit_if_unplaced (self);
  animate (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORLD]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

EntWorld *
ent_canvas_get_world (EntCanvas *self)
{
  g_return_val_if_fail (ENT_IS_CANVAS (self), NULL);
  return self->world;
}

EntLayout *
ent_canvas_get_layout (EntCanvas *self)
{
  g_return_val_if_fail (ENT_IS_CANVAS (self), NULL);
  return self->layout;
}

EntPainter *
ent_canvas_get_painter (EntCanvas *self)
{
  g_return_val_if_fail (ENT_IS_CANVAS (self), NULL);
  return self->painter;
}

void
ent_canvas_set_date (EntCanvas *self,
                     EntDate    date)
{
  g_return_if_fail (ENT_IS_CANVAS (self));

  if (ent_date_equal (self->date, date))
    return;
  self->date = date;
  if (self->layout != NULL)
    {
      ent_layout_set_date (self->layout, date);
      animate (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

EntDate
ent_canvas_get_date (EntCanvas *self)
{
  g_return_val_if_fail (ENT_IS_CANVAS (self), ENT_DATE_NONE);
  return self->date;
}

const EntView *
ent_canvas_get_view (EntCanvas *self)
{
  g_return_val_if_fail (ENT_IS_CANVAS (self), NULL);
  return &self->view;
}

const double *
ent_canvas_get_positions (EntCanvas *self,
                          guint     *n_actors)
{
  g_return_val_if_fail (ENT_IS_CANVAS (self), NULL);
  if (n_actors != NULL)
    *n_actors = self->n_actors;
  return self->xy;
}

guint64
ent_canvas_get_ticks (EntCanvas *self)
{
  g_return_val_if_fail (ENT_IS_CANVAS (self), 0);
  return self->ticks;
}

gboolean
ent_canvas_is_animating (EntCanvas *self)
{
  g_return_val_if_fail (ENT_IS_CANVAS (self), FALSE);
  return self->tick_id != 0;
}

/* ---- Selection -------------------------------------------------------- */

static char *
describe_actor (EntCanvas *self,
                int        index)
{
  const EntActor *actor = ent_world_get_actor (self->world, (guint) index);
  const EntLeader *leader = ent_actor_get_leader_at (actor, self->date);
  g_autoptr(GArray) neighbours = ent_world_get_neighbours (self->world, (guint) index, self->date);

  if (leader != NULL)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, led by %s, %u tie", "%s, led by %s, %u ties",
                                         neighbours->len),
                            ent_actor_get_display_name (actor), ent_leader_get_display_name (leader), neighbours->len);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u tie", "%s, %u ties", neighbours->len),
                          ent_actor_get_display_name (actor), neighbours->len);
}

void
ent_canvas_set_selected (EntCanvas *self,
                         int        actor)
{
  g_return_if_fail (ENT_IS_CANVAS (self));

  if (actor < -1 || actor >= (int) self->n_actors)
    actor = -1;
  if (self->selected == actor)
    return;
  self->selected = actor;
  ent_painter_set_selected (self->painter, actor);
  if (actor >= 0)
    {
      g_autofree char *text = describe_actor (self, actor);
      g_autofree char *message = g_strdup_printf (_("Selected %s"), text);

      ent_compat_announce (GTK_WIDGET (self), message);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

int
ent_canvas_get_selected (EntCanvas *self)
{
  g_return_val_if_fail (ENT_IS_CANVAS (self), -1);
  return self->selected;
}

static int
hit (EntCanvas *self,
     double     x,
     double     y)
{
  if (self->world == NULL || self->n_actors == 0)
    return -1;
  return ent_painter_hit_actor (self->painter, self->world, self->xy, &self->view, x, y);
}

/* ---- View ------------------------------------------------------------- */

static gboolean
view_rested_cb (gpointer user_data)
{
  EntCanvas *self = user_data;

  self->rest_id = 0;
  /* A pan that holds still is not over: its end paints. */
  if (!self->panning)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* A pan or zoom: a slow map shows its last frame moved until the view
 * rests, then paints again. */
static void
view_moved (EntCanvas *self)
{
  self->view_moved = g_get_monotonic_time ();
  if (self->paint_usec < SLOW_PAINT_USEC)
    return;
  g_clear_handle_id (&self->rest_id, g_source_remove);
  self->rest_id = g_timeout_add (VIEW_REST_USEC / 1000, view_rested_cb, self);
}

void
ent_canvas_zoom_at (EntCanvas *self,
                    double     px,
                    double     py,
                    double     factor)
{
  double target;

  g_return_if_fail (ENT_IS_CANVAS (self));

  target = CLAMP (self->view.zoom * factor, MIN_ZOOM, MAX_ZOOM);
  if (target == self->view.zoom)
    return;
  ent_view_zoom_at (&self->view, px, py, target / self->view.zoom);
  self->view_placed = TRUE;
  view_moved (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ent_canvas_fit (EntCanvas *self)
{
  g_return_if_fail (ENT_IS_CANVAS (self));

  self->view_placed = FALSE;
  fit_if_unplaced (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_dark_cb (EntCanvas *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  if (self->view.dark != dark)
    {
      self->view.dark = dark;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* ---- Drawing ---------------------------------------------------------- */

/* One of two image surfaces no texture still holds, or a new one; a new
 * reference either way. */
static cairo_surface_t *
frame_surface (EntCanvas *self,
               int        pixel_width,
               int        pixel_height)
{
  int free_slot = -1;

  for (guint i = 0; i < G_N_ELEMENTS (self->surfaces); i++)
    {
      cairo_surface_t *surface = self->surfaces[i];

      if (surface == NULL)
        free_slot = free_slot < 0 ? (int) i : free_slot;
      else if (cairo_surface_get_reference_count (surface) == 1)
        {
          if (cairo_image_surface_get_width (surface) == pixel_width &&
              cairo_image_surface_get_height (surface) == pixel_height)
            return cairo_surface_reference (surface);
          free_slot = (int) i;
        }
    }
  if (free_slot < 0)
    return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, pixel_height);
  g_clear_pointer (&self->surfaces[free_slot], cairo_surface_destroy);
  self->surfaces[free_slot] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, pixel_height);
  return cairo_surface_reference (self->surfaces[free_slot]);
}

/* The texture holds a reference on the surface until it is freed; the
 * surface returns to frame_surface() then. */
static GdkTexture *
texture_for_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;
  int stride = cairo_image_surface_get_stride (surface);
  int height = cairo_image_surface_get_height (surface);

  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy, cairo_surface_reference (surface));
  return gdk_memory_texture_new (cairo_image_surface_get_width (surface), height,
                                 GDK_MEMORY_DEFAULT, bytes, stride);
}

/* The cairo renderer paints a cairo node's image straight onto the
 * window, but copies a texture's pixels first (6 ms a frame at 1920x1080);
 * a GL renderer uploads a texture as it is, but would paint a cairo node
 * into an image of its own first. */
static gboolean
renders_with_cairo (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
}

/* A cairo node records what is drawn into it, and a surface drawn there
 * is recorded as a snapshot of it, which cairo copies (a whole frame) as
 * soon as the next frame is painted into the same image. The frame goes
 * in as a raster source instead, read when GTK renders the node; the
 * pattern and its copies in the recording hold a reference on the image,
 * so frame_surface() never paints into one a node can still show. */
static cairo_surface_t *
frame_source_acquire (cairo_pattern_t             *pattern,
                      void                        *data,
                      cairo_surface_t             *target,
                      const cairo_rectangle_int_t *extents)
{
  return cairo_surface_reference (data);
}

static void
frame_source_release (cairo_pattern_t *pattern,
                      void            *data,
                      cairo_surface_t *surface)
{
  cairo_surface_destroy (surface);
}

static cairo_status_t
frame_source_copy (cairo_pattern_t       *pattern,
                   void                  *data,
                   const cairo_pattern_t *other)
{
  cairo_surface_reference (data);
  return CAIRO_STATUS_SUCCESS;
}

static void
frame_source_finish (cairo_pattern_t *pattern,
                     void            *data)
{
  cairo_surface_destroy (data);
}

/* Sets @surface, a frame painted at its device scale, as the source at
 * the user space's origin, as cairo_set_source_surface() would. */
static void
set_source_frame (cairo_t         *cr,
                  cairo_surface_t *surface)
{
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  double sx, sy;

  pattern = cairo_pattern_create_raster_source (cairo_surface_reference (surface), CAIRO_CONTENT_COLOR_ALPHA,
                                                cairo_image_surface_get_width (surface),
                                                cairo_image_surface_get_height (surface));
  cairo_raster_source_pattern_set_acquire (pattern, frame_source_acquire, frame_source_release);
  cairo_raster_source_pattern_set_copy (pattern, frame_source_copy);
  cairo_raster_source_pattern_set_finish (pattern, frame_source_finish);
  cairo_surface_get_device_scale (surface, &sx, &sy);
  cairo_matrix_init_scale (&matrix, sx, sy);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_set_source (cr, pattern);
  cairo_pattern_destroy (pattern);
}

static void
append_frame (GtkWidget       *widget,
              GtkSnapshot     *snapshot,
              cairo_surface_t *surface,
              GdkTexture      *texture,
              int              width,
              int              height)
{
  if (renders_with_cairo (widget))
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

      set_source_frame (cr, surface);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  else
    gtk_snapshot_append_texture (snapshot, texture, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static gboolean
can_reuse_frame (EntCanvas *self,
                 gint64     now)
{
  return self->frame != NULL &&
         self->paint_usec >= SLOW_PAINT_USEC &&
         (self->panning || now - self->view_moved < VIEW_REST_USEC) &&
         self->frame_view.width == self->view.width &&
         self->frame_view.height == self->view.height &&
         self->frame_view.scale_factor == self->view.scale_factor &&
         self->frame_view.dark == self->view.dark;
}

/* The last frame, moved and scaled to the current view: a point at map
 * m was at (m - o0) z0 + w/2 and is now at (m - o1) z1 + w/2. */
static void
snapshot_moved_frame (EntCanvas   *self,
                      GtkSnapshot *snapshot)
{
  const EntView *old = &self->frame_view;
  const EntView *now = &self->view;
  const EntRgba *background = &ent_style_get (now->dark)->background;
  GdkRGBA color = { background->red, background->green, background->blue, 1.0 };
  double s = now->zoom / old->zoom;
  double tx = now->width / 2 * (1 - s) + (old->offset_x - now->offset_x) * now->zoom;
  double ty = now->height / 2 * (1 - s) + (old->offset_y - now->offset_y) * now->zoom;

  if (renders_with_cairo (GTK_WIDGET (self)))
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, now->width, now->height));

      /* The image's device scale maps it to the old view's size. */
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_paint (cr);
      cairo_translate (cr, tx, ty);
      cairo_scale (cr, s, s);
      set_source_frame (cr, self->frame_image);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
      cairo_paint (cr);
      cairo_destroy (cr);
      return;
    }
  gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (0, 0, now->width, now->height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, now->width, now->height));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (tx, ty));
  gtk_snapshot_scale (snapshot, s, s);
  gtk_snapshot_append_texture (snapshot, self->frame, &GRAPHENE_RECT_INIT (0, 0, old->width, old->height));
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_restore (snapshot);
}

static void
ent_canvas_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  EntCanvas *self = ENT_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  gint64 start = g_get_monotonic_time ();
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean reuse;

  if (width <= 0 || height <= 0 || self->world == NULL)
    return;

  self->view.width = width;
  self->view.height = height;
  self->view.scale_factor = scale;

  reuse = can_reuse_frame (self, start);
  if (reuse)
    snapshot_moved_frame (self, snapshot);
  else
    {
      surface = frame_surface (self, width * scale, height * scale);
      cairo_surface_set_device_scale (surface, scale, scale);
      cr = cairo_create (surface);
      /* The last frame of a settling map is drawn in full detail. */
      ent_painter_set_moving (self->painter, self->tick_id != 0 && !ent_layout_is_settled (self->layout));
      ent_painter_draw (self->painter, cr, self->world, self->date, self->xy, &self->view);
      cairo_destroy (cr);
      g_clear_object (&self->frame);
      self->frame = texture_for_surface (surface);
      self->frame_view = self->view;
      g_clear_pointer (&self->frame_image, cairo_surface_destroy);
      self->frame_image = cairo_surface_reference (surface);
      append_frame (widget, snapshot, surface, self->frame, width, height);
      cairo_surface_destroy (surface);
      self->paint_usec = g_get_monotonic_time () - start;
    }

  if (frame_log () != NULL)
    {
      fprintf (frame_log (), "%" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT " %u %d\n",
               start, reuse ? "reuse" : "full", g_get_monotonic_time () - start,
               self->n_actors, self->tick_id != 0);
      fflush (frame_log ());
    }
}

static void
ent_canvas_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  EntCanvas *self = ENT_CANVAS (widget);

  if (!self->view_placed)
    fit_if_unplaced (self);
  else
    {
      self->view.width = width;
      self->view.height = height;
    }
}

/* ---- Pointer ---------------------------------------------------------- */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           EntCanvas                *self)
{
  int actor;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->dragged >= 0)
    return;
  actor = hit (self, x, y);
  if (actor != self->hovered)
    {
      self->hovered = actor;
      ent_painter_set_hovered (self->painter, actor);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), actor >= 0 ? "pointer" : "default");
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          EntCanvas                *self)
{
  if (self->hovered >= 0 && self->dragged < 0)
    {
      self->hovered = -1;
      ent_painter_set_hovered (self->painter, -1);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  EntCanvas  *self)
{
  int actor = keyboard_mode ? self->selected : hit (self, x, y);
  g_autofree char *text = NULL;

  if (actor < 0)
    return FALSE;
  text = describe_actor (self, actor);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  EntCanvas       *self)
{
  int actor = hit (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  ent_canvas_set_selected (self, actor);
  if (n_press == 2 && actor >= 0)
    g_signal_emit (self, signals[ACTOR_ACTIVATED], 0, actor);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               EntCanvas      *self)
{
  int actor = hit (self, x, y);

  self->drag_start_x = x;
  self->drag_start_y = y;
  if (actor >= 0 && self->layout != NULL)
    {
      self->dragged = actor;
      ent_layout_get_position (self->layout, (guint) actor, &self->drag_origin_x, &self->drag_origin_y);
      set_drag_alpha_target (self, DRAG_ALPHA);
      animate (self);
    }
  else
    {
      self->dragged = -1;
      self->panning = TRUE;
      self->drag_origin_x = self->view.offset_x;
      self->drag_origin_y = self->view.offset_y;
    }
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                EntCanvas      *self)
{
  if (self->dragged >= 0)
    {
      double x = self->drag_origin_x + dx / self->view.zoom;
      double y = self->drag_origin_y + dy / self->view.zoom;

      ent_layout_pin (self->layout, (guint) self->dragged, x, y);
      refresh_positions (self);
      animate (self);
    }
  else
    {
      self->view.offset_x = self->drag_origin_x - dx / self->view.zoom;
      self->view.offset_y = self->drag_origin_y - dy / self->view.zoom;
      self->view_placed = TRUE;
      view_moved (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             EntCanvas      *self)
{
  int actor = self->dragged;
  double x, y;

  if (actor < 0)
    {
      self->panning = FALSE;
      view_moved (self);
      return;
    }
  self->dragged = -1;
  set_drag_alpha_target (self, 0.0);
  if (dx == 0 && dy == 0)
    return;
  /* The map keeps the actor where it was dropped. */
  ent_layout_get_position (self->layout, (guint) actor, &x, &y);
  g_signal_emit (self, signals[ACTOR_MOVED], 0, actor, x, y);
  animate (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           EntCanvas                *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GdkScrollUnit unit = gtk_event_controller_scroll_get_unit (controller);

  /* A wheel zooms; a touchpad pans, and zooms with Ctrl held. */
  if (unit == GDK_SCROLL_UNIT_WHEEL || (state & GDK_CONTROL_MASK))
    {
      double steps = unit == GDK_SCROLL_UNIT_WHEEL ? dy : dy / 10.0;

      ent_canvas_zoom_at (self, self->pointer_x, self->pointer_y, pow (1.15, -steps));
    }
  else
    {
      self->view.offset_x += dx / self->view.zoom;
      self->view.offset_y += dy / self->view.zoom;
      self->view_placed = TRUE;
      view_moved (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  return TRUE;
}

static void
pinch_begin_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                EntCanvas        *self)
{
  self->pinch_scale = 1.0;
}

static void
pinch_scale_changed_cb (GtkGestureZoom *gesture,
                        double          scale,
                        EntCanvas      *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  ent_canvas_zoom_at (self, x, y, scale / self->pinch_scale);
  self->pinch_scale = scale;
}

/* ---- Keyboard --------------------------------------------------------- */

/* The nearest actor whose direction from the selection is within 60° of
 * (dx, dy); the first actor when nothing is selected. */
static int
actor_in_direction (EntCanvas *self,
                    double     dx,
                    double     dy)
{
  double best = G_MAXDOUBLE;
  int found = -1;
  double sx, sy;

  if (self->n_actors == 0)
    return -1;
  if (self->selected < 0)
    return 0;
  sx = self->xy[2 * self->selected];
  sy = self->xy[2 * self->selected + 1];
  for (guint i = 0; i < self->n_actors; i++)
    {
      double vx = self->xy[2 * i] - sx;
      double vy = self->xy[2 * i + 1] - sy;
      double distance = hypot (vx, vy);
      double cosine;

      if ((int) i == self->selected || distance == 0)
        continue;
      cosine = (vx * dx + vy * dy) / distance;
      if (cosine < 0.5)
        continue;
      /* Prefer what lies straight ahead over what is merely close. */
      distance /= cosine;
      if (distance < best)
        {
          best = distance;
          found = (int) i;
        }
    }
  return found >= 0 ? found : self->selected;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                EntCanvas             *self)
{
  int n = (int) self->n_actors;

  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (n == 0 || (state & GDK_CONTROL_MASK))
        return FALSE;
      if ((state & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab)
        ent_canvas_set_selected (self, self->selected <= 0 ? n - 1 : self->selected - 1);
      else
        ent_canvas_set_selected (self, (self->selected + 1) % n);
      return TRUE;
    case GDK_KEY_Left:
      ent_canvas_set_selected (self, actor_in_direction (self, -1, 0));
      return TRUE;
    case GDK_KEY_Right:
      ent_canvas_set_selected (self, actor_in_direction (self, 1, 0));
      return TRUE;
    case GDK_KEY_Up:
      ent_canvas_set_selected (self, actor_in_direction (self, 0, -1));
      return TRUE;
    case GDK_KEY_Down:
      ent_canvas_set_selected (self, actor_in_direction (self, 0, 1));
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->selected < 0)
        return FALSE;
      g_signal_emit (self, signals[ACTOR_ACTIVATED], 0, self->selected);
      return TRUE;
    case GDK_KEY_Escape:
      ent_canvas_set_selected (self, -1);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      ent_canvas_zoom_at (self, self->view.width / 2, self->view.height / 2, 1.25);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      ent_canvas_zoom_at (self, self->view.width / 2, self->view.height / 2, 1 / 1.25);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      ent_canvas_fit (self);
      return TRUE;
    default:
      return FALSE;
    }
}

/* ---- Actions ---------------------------------------------------------- */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EntCanvas *self = ENT_CANVAS (widget);

  if (g_str_equal (action_name, "canvas.zoom-in"))
    ent_canvas_zoom_at (self, self->view.width / 2, self->view.height / 2, 1.25);
  else if (g_str_equal (action_name, "canvas.zoom-out"))
    ent_canvas_zoom_at (self, self->view.width / 2, self->view.height / 2, 1 / 1.25);
  else
    ent_canvas_fit (self);
}

/* ---- GObject ---------------------------------------------------------- */

static void
ent_canvas_dispose (GObject *object)
{
  EntCanvas *self = ENT_CANVAS (object);

  if (self->world != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->world, world_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->world, meeting_added_cb, self);
    }
  g_clear_object (&self->layout);
  g_clear_object (&self->world);
  g_clear_object (&self->painter);
  g_clear_handle_id (&self->rest_id, g_source_remove);
  g_clear_object (&self->frame);
  g_clear_pointer (&self->frame_image, cairo_surface_destroy);
  for (guint i = 0; i < G_N_ELEMENTS (self->surfaces); i++)
    g_clear_pointer (&self->surfaces[i], cairo_surface_destroy);

  G_OBJECT_CLASS (ent_canvas_parent_class)->dispose (object);
}

static void
ent_canvas_finalize (GObject *object)
{
  EntCanvas *self = ENT_CANVAS (object);

  g_free (self->xy);
  g_array_unref (self->growing);
  G_OBJECT_CLASS (ent_canvas_parent_class)->finalize (object);
}

static void
ent_canvas_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EntCanvas *self = ENT_CANVAS (object);

  switch (prop_id)
    {
    case PROP_WORLD:
      g_value_set_object (value, self->world);
      break;
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ent_canvas_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EntCanvas *self = ENT_CANVAS (object);

  switch (prop_id)
    {
    case PROP_WORLD:
      ent_canvas_set_world (self, g_value_get_object (value));
      break;
    case PROP_SELECTED:
      ent_canvas_set_selected (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ent_canvas_class_init (EntCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ent_canvas_dispose;
  object_class->finalize = ent_canvas_finalize;
  object_class->get_property = ent_canvas_get_property;
  object_class->set_property = ent_canvas_set_property;

  widget_class->snapshot = ent_canvas_snapshot;
  widget_class->size_allocate = ent_canvas_size_allocate;

  properties[PROP_WORLD] =
    g_param_spec_object ("world", NULL, NULL, ENT_TYPE_WORLD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EntCanvas::actor-activated:
   * @actor: the actor index
   *
   * Double click or Enter on an actor: show its details.
   */
  signals[ACTOR_ACTIVATED] =
    g_signal_new ("actor-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * EntCanvas::actor-moved:
   * @actor: the actor index
   * @x: (type double): where it was dropped, in map units
   * @y: (type double):
   *
   * The user dragged an actor and let go; it stays pinned there. The
   * owner records the move in the document (and its undo history).
   */
  signals[ACTOR_MOVED] =
    g_signal_new ("actor-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.fit", NULL, zoom_action);

  gtk_widget_class_set_css_name (widget_class, "entcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ent_canvas_init (EntCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  self->painter = ent_painter_new ();
  self->growing = g_array_new (FALSE, FALSE, sizeof (guint));
  self->selected = -1;
  self->hovered = -1;
  self->dragged = -1;
  self->xy = g_new0 (double, 2);
  ent_view_init (&self->view, 1, 1);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_widget_set_vexpand (widget, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map of alliances and meetings"),
                                  -1);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (widget, controller);

  g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_dark_cb), self, G_CONNECT_SWAPPED);
  update_dark_cb (self);
}

GtkWidget *
ent_canvas_new (void)
{
  return g_object_new (ENT_TYPE_CANVAS, NULL);
}
