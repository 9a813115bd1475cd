/* ent-style.h: every colour, width, dash and font size of the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ent-world.h"

G_BEGIN_DECLS

/* A colour with components in [0, 1]; plain data, no GTK or cairo type. */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} EntRgba;

#define ENT_STYLE_MAX_DASHES 4
#define ENT_STYLE_N_PALETTE  9

/* How one kind of tie is stroked. Widths are in view pixels. */
typedef struct
{
  EntRgba  color;
  double   min_width;                     /* at the smallest strength */
  double   max_width;                     /* at strength 1 */
  double   dashes[ENT_STYLE_MAX_DASHES];  /* on, off, ... in units of the line width */
  guint    n_dashes;                      /* 0 for a solid line */
  gboolean round_caps;                    /* dots when a dash is 0 long */
} EntTieStyle;

/*
 * The palette of one appearance. All lengths are in view pixels
 * (device-independent), font sizes in pixels.
 */
typedef struct
{
  gboolean     dark;

  /* Canvas */
  EntRgba      background;
  EntRgba      foreground;               /* titles and legend text */
  EntRgba      dim_foreground;           /* date stamp, secondary text */

  /* Actors */
  EntRgba      actor_fill;               /* actors with no bloc or region */
  EntRgba      actor_outline;            /* mixed into the fill for the rim */
  double       actor_outline_mix;        /* how far the rim leans to actor_outline */
  double       actor_outline_width;
  double       actor_min_radius;
  double       actor_max_radius;
  double       organisation_corner;      /* corner radius as a share of the radius */
  EntRgba      selection;                /* selection ring */
  double       selection_width;
  double       selection_gap;
  EntRgba      highlight;                /* highlighted paths and triads */
  double       highlight_width;          /* extra width of the glow under a tie */
  double       dim_alpha;                /* opacity of what hovering pushes back */
  double       highlight_dim_alpha;      /* opacity of what a highlight pushes back */

  /* Labels */
  EntRgba      label;
  EntRgba      label_halo;
  double       label_halo_width;
  double       label_size;
  double       label_gap;                /* between a disc and its label */
  double       label_max_width;          /* wider names wrap to two lines, then are ellipsized */

  /* Ties */
  EntTieStyle  relation[ENT_N_RELATION_TYPES];
  EntTieStyle  meeting;                  /* held meetings */
  EntTieStyle  meeting_planned;          /* pairs that only have planned meetings */
  double       meeting_bend;             /* curve depth as a share of the length */
  double       parallel_spacing;         /* between ties of one pair */
  EntRgba      badge_fill;
  EntRgba      badge_text;
  double       badge_size;

  /* Blocs */
  EntRgba      bloc_palette[ENT_STYLE_N_PALETTE];    /* blocs with no colour */
  EntRgba      region_palette[ENT_STYLE_N_PALETTE];
  double       hull_padding;             /* beyond the largest member disc */
  double       hull_fill_alpha;
  double       hull_outline_alpha;
  double       hull_outline_width;
  double       hull_label_size;

  /* Legend, title and date stamp */
  EntRgba      legend_fill;
  EntRgba      legend_border;
  EntRgba      legend_shadow;
  double       legend_size;
  double       legend_padding;
  double       legend_corner;
  double       title_size;
  double       date_size;
  double       margin;                   /* from the view's edges */

  const char  *font_family;              /* a PangoFontDescription family list */
} EntStyle;

const EntStyle *ent_style_get             (gboolean        dark);

/* Parses "#rgb" or "#rrggbb"; returns FALSE and leaves @out alone otherwise. */
gboolean        ent_rgba_parse            (const char     *text,
                                           EntRgba        *out);
/* The straight mix (1 - t) * a + t * b of every component, alpha too. */
EntRgba         ent_rgba_mix              (const EntRgba  *a,
                                           const EntRgba  *b,
                                           double          t);

/* The colour of bloc number @index, whose own colour is @color (may be NULL). */
EntRgba         ent_style_get_bloc_color  (const EntStyle *style,
                                           guint           index,
                                           const char     *color);
EntRgba         ent_style_get_region_color (const EntStyle *style,
                                           guint           index);
/* The style of a relation of @type; an adversarial @sign on a cooperative
 * type borrows the rivalry colour so that hostility always reads red. */
const EntTieStyle *ent_style_get_relation (const EntStyle *style,
                                           EntRelationType type,
                                           int             sign);

G_END_DECLS
