/* ent-style.c: the light and dark palettes of the map
 *
 * Colours come from the GNOME palette and libadwaita's accent colours so
 * that the map sits well in an Adwaita window. Hostile ties are all in the
 * red and orange family and all dashed; cooperative ones are cool colours
 * and mostly solid, so the two read apart even in greyscale print.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-painter"

#include "config.h"

#include <string.h>

#include "ent-style.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }
#define RGBA(hex, a) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, (a) }

#define FONT_FAMILY "Cantarell, Noto Sans, Noto Sans CJK KR, sans-serif"

/* Automatic bloc colours start with blue and red, the usual two sides,
 * and keep purple, the colour of meeting ties, for late. */

/* Dashes are in pixels for a 2 px line and grow with thicker lines. */
#define SOLID      { 0 }, 0, FALSE
#define DASHED(on, off) { on, off }, 2, FALSE
#define DASH_DOT(on, off) { on, off, 1.5, off }, 4, FALSE
#define DOTTED(gap) { 0, gap }, 2, TRUE

static const EntStyle light_style = {
  .dark = FALSE,

  .background = RGB (0xffffff),
  .foreground = RGBA (0x000000, 0.8),
  .dim_foreground = RGBA (0x000000, 0.55),

  .actor_fill = RGB (0x9a9996),
  .actor_outline = RGB (0x000000),
  .actor_outline_mix = 0.3,
  .actor_outline_width = 1.25,
  .actor_min_radius = 5.0,
  .actor_max_radius = 18.0,
  .organisation_corner = 0.35,
  .selection = RGB (0x3584e4),
  .selection_width = 3.0,
  .selection_gap = 2.5,
  .highlight = RGBA (0xf5c211, 0.6),
  .highlight_width = 7.0,
  .dim_alpha = 0.16,
  .highlight_dim_alpha = 0.35,

  .label = RGBA (0x000000, 0.8),
  .label_halo = RGBA (0xffffff, 0.85),
  .label_halo_width = 3.0,
  .label_size = 12.0,
  .label_gap = 3.0,
  .label_max_width = 150.0,

  .relation = {
    [ENT_RELATION_ALLIANCE]    = { RGB (0x1c71d8), 1.5, 4.0, SOLID },
    [ENT_RELATION_PARTNERSHIP] = { RGB (0x26a269), 1.2, 3.0, SOLID },
    [ENT_RELATION_TRADE]       = { RGB (0xc88800), 1.2, 3.0, DASHED (7, 3) },
    [ENT_RELATION_MEMBERSHIP]  = { RGB (0x9a9996), 1.0, 2.0, DASHED (2, 3) },
    [ENT_RELATION_RIVALRY]     = { RGB (0xe01b24), 1.5, 3.5, DASHED (8, 4) },
    [ENT_RELATION_DISPUTE]     = { RGB (0xe66100), 1.2, 3.0, DASHED (4, 4) },
    [ENT_RELATION_SANCTIONS]   = { RGB (0xa51d2d), 1.2, 3.0, DASH_DOT (9, 3) },
    [ENT_RELATION_ARMISTICE]   = { RGB (0x865e3c), 1.2, 3.0, DASHED (3, 3) },
    [ENT_RELATION_CONFLICT]    = { RGB (0xc01c28), 2.0, 5.0, DASHED (12, 3) },
  },
  .meeting = { RGBA (0x9141ac, 0.9), 1.5, 3.0, DOTTED (5) },
  .meeting_planned = { RGBA (0x9141ac, 0.5), 1.2, 2.0, DASHED (4, 4) },
  .meeting_bend = 0.12,
  .parallel_spacing = 7.0,
  .badge_fill = RGB (0x9141ac),
  .badge_text = RGB (0xffffff),
  .badge_size = 10.0,

  .bloc_palette = {
    RGB (0x3584e4), RGB (0xe62d42), RGB (0x3a944a), RGB (0x2190a4), RGB (0xd56199),
    RGB (0xed5b00), RGB (0xc88800), RGB (0x9141ac), RGB (0x6f8396),
  },
  .region_palette = {
    RGB (0x2190a4), RGB (0xed5b00), RGB (0x9141ac), RGB (0x3a944a), RGB (0xd56199),
    RGB (0x3584e4), RGB (0xc88800), RGB (0xe62d42), RGB (0x6f8396),
  },
  .hull_padding = 12.0,
  .hull_fill_alpha = 0.09,
  .hull_outline_alpha = 0.45,
  .hull_outline_width = 1.5,
  .hull_label_size = 11.0,

  .legend_fill = RGBA (0xffffff, 0.94),
  .legend_border = RGBA (0x000000, 0.12),
  .legend_shadow = RGBA (0x000000, 0.07),
  .legend_size = 12.0,
  .legend_padding = 12.0,
  .legend_corner = 12.0,
  .title_size = 20.0,
  .date_size = 13.0,
  .margin = 16.0,

  .font_family = FONT_FAMILY,
};

static const EntStyle dark_style = {
  .dark = TRUE,

  .background = RGB (0x1e1e1e),
  .foreground = RGB (0xffffff),
  .dim_foreground = RGBA (0xffffff, 0.55),

  .actor_fill = RGB (0x77767b),
  .actor_outline = RGB (0x000000),
  .actor_outline_mix = 0.35,
  .actor_outline_width = 1.25,
  .actor_min_radius = 5.0,
  .actor_max_radius = 18.0,
  .organisation_corner = 0.35,
  .selection = RGB (0x78aeed),
  .selection_width = 3.0,
  .selection_gap = 2.5,
  .highlight = RGBA (0xf8e45c, 0.5),
  .highlight_width = 7.0,
  .dim_alpha = 0.18,
  .highlight_dim_alpha = 0.35,

  .label = RGB (0xffffff),
  .label_halo = RGBA (0x1e1e1e, 0.85),
  .label_halo_width = 3.0,
  .label_size = 12.0,
  .label_gap = 3.0,
  .label_max_width = 150.0,

  .relation = {
    [ENT_RELATION_ALLIANCE]    = { RGB (0x62a0ea), 1.5, 4.0, SOLID },
    [ENT_RELATION_PARTNERSHIP] = { RGB (0x57e389), 1.2, 3.0, SOLID },
    [ENT_RELATION_TRADE]       = { RGB (0xf6d32d), 1.2, 3.0, DASHED (7, 3) },
    [ENT_RELATION_MEMBERSHIP]  = { RGB (0x9a9996), 1.0, 2.0, DASHED (2, 3) },
    [ENT_RELATION_RIVALRY]     = { RGB (0xff7b63), 1.5, 3.5, DASHED (8, 4) },
    [ENT_RELATION_DISPUTE]     = { RGB (0xffa348), 1.2, 3.0, DASHED (4, 4) },
    [ENT_RELATION_SANCTIONS]   = { RGB (0xf66151), 1.2, 3.0, DASH_DOT (9, 3) },
    [ENT_RELATION_ARMISTICE]   = { RGB (0xcdab8f), 1.2, 3.0, DASHED (3, 3) },
    [ENT_RELATION_CONFLICT]    = { RGB (0xed333b), 2.0, 5.0, DASHED (12, 3) },
  },
  .meeting = { RGBA (0xdc8add, 0.9), 1.5, 3.0, DOTTED (5) },
  .meeting_planned = { RGBA (0xdc8add, 0.5), 1.2, 2.0, DASHED (4, 4) },
  .meeting_bend = 0.12,
  .parallel_spacing = 7.0,
  .badge_fill = RGB (0x813d9c),
  .badge_text = RGB (0xffffff),
  .badge_size = 10.0,

  .bloc_palette = {
    RGB (0x62a0ea), RGB (0xf66151), RGB (0x57e389), RGB (0x4fb7c9), RGB (0xf08fbf),
    RGB (0xffa348), RGB (0xf6d32d), RGB (0xc061cb), RGB (0x9fb1c4),
  },
  .region_palette = {
    RGB (0x4fb7c9), RGB (0xffa348), RGB (0xc061cb), RGB (0x57e389), RGB (0xf08fbf),
    RGB (0x62a0ea), RGB (0xf6d32d), RGB (0xf66151), RGB (0x9fb1c4),
  },
  .hull_padding = 12.0,
  .hull_fill_alpha = 0.13,
  .hull_outline_alpha = 0.55,
  .hull_outline_width = 1.5,
  .hull_label_size = 11.0,

  .legend_fill = RGBA (0x303030, 0.94),
  .legend_border = RGBA (0xffffff, 0.12),
  .legend_shadow = RGBA (0x000000, 0.3),
  .legend_size = 12.0,
  .legend_padding = 12.0,
  .legend_corner = 12.0,
  .title_size = 20.0,
  .date_size = 13.0,
  .margin = 16.0,

  .font_family = FONT_FAMILY,
};

/**
 * ent_style_get:
 * @dark: whether the dark appearance is wanted
 *
 * Returns: (transfer none): the palette; static, never freed.
 */
const EntStyle *
ent_style_get (gboolean dark)
{
  return dark ? &dark_style : &light_style;
}

static int
hex_digit (char c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

gboolean
ent_rgba_parse (const char *text,
                EntRgba    *out)
{
  int digits[6];
  gsize len;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || text[0] != '#')
    return FALSE;
  text++;
  len = strlen (text);
  if (len != 3 && len != 6)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if ((digits[i] = hex_digit (text[i])) < 0)
      return FALSE;

  if (len == 3)
    {
      out->red = digits[0] * 17 / 255.0;
      out->green = digits[1] * 17 / 255.0;
      out->blue = digits[2] * 17 / 255.0;
    }
  else
    {
      out->red = (digits[0] * 16 + digits[1]) / 255.0;
      out->green = (digits[2] * 16 + digits[3]) / 255.0;
      out->blue = (digits[4] * 16 + digits[5]) / 255.0;
    }
  out->alpha = 1.0;
  return TRUE;
}

EntRgba
ent_rgba_mix (const EntRgba *a,
              const EntRgba *b,
              double         t)
{
  EntRgba mixed = {
    a->red + (b->red - a->red) * t,
    a->green + (b->green - a->green) * t,
    a->blue + (b->blue - a->blue) * t,
    a->alpha + (b->alpha - a->alpha) * t,
  };

  return mixed;
}

EntRgba
ent_style_get_bloc_color (const EntStyle *style,
                          guint           index,
                          const char     *color)
{
  EntRgba rgba;

  g_return_val_if_fail (style != NULL, light_style.actor_fill);

  if (ent_rgba_parse (color, &rgba))
    return rgba;
  return style->bloc_palette[index % ENT_STYLE_N_PALETTE];
}

EntRgba
ent_style_get_region_color (const EntStyle *style,
                            guint           index)
{
  g_return_val_if_fail (style != NULL, light_style.actor_fill);

  return style->region_palette[index % ENT_STYLE_N_PALETTE];
}

const EntTieStyle *
ent_style_get_relation (const EntStyle  *style,
                        EntRelationType  type,
                        int              sign)
{
  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail ((guint) type < ENT_N_RELATION_TYPES, &style->relation[0]);

  if (sign < 0 && ent_relation_type_default_sign (type) > 0)
    return &style->relation[ENT_RELATION_RIVALRY];
  return &style->relation[type];
}
