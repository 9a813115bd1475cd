/* ent-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-date"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "ent-date.h"
#include "ent-world.h"

static gboolean
parse_number (const char **p,
              guint        digits_min,
              guint        digits_max,
              guint       *out)
{
  guint n = 0;
  guint value = 0;

  while (g_ascii_isdigit (**p) && n < digits_max)
    {
      value = value * 10 + (guint) (**p - '0');
      (*p)++;
      n++;
    }
  *out = value;
  return n >= digits_min && !g_ascii_isdigit (**p);
}

/**
 * ent_date_parse:
 * @text: "YYYY", "YYYY-MM" or "YYYY-MM-DD"
 *
 * Returns: %TRUE and fills @out, or %FALSE with %ENT_WORLD_ERROR_INVALID_DATE.
 */
gboolean
ent_date_parse (const char  *text,
                EntDate     *out,
                GError     **error)
{
  const char *p = text;
  guint year = 0, month = 0, day = 0;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_DATE,
                   _("empty date; expected YYYY, YYYY-MM or YYYY-MM-DD"));
      return FALSE;
    }

  if (!parse_number (&p, 4, 4, &year))
    goto malformed;
  if (*p == '-')
    {
      p++;
      if (!parse_number (&p, 2, 2, &month))
        goto malformed;
      if (*p == '-')
        {
          p++;
          if (!parse_number (&p, 2, 2, &day))
            goto malformed;
        }
    }
  if (*p != '\0')
    goto malformed;

  if (year < 1)
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_DATE,
                   _("“%s” is not a valid date: years start at 0001"), text);
      return FALSE;
    }
  if (p - text > 4 && (month < 1 || month > 12))
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_DATE,
                   _("“%s” is not a valid date: there is no month %u"), text, month);
      return FALSE;
    }
  if (p - text > 7 && (day < 1 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year)))
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_DATE,
                   _("“%s” is not a valid date: that month has no day %u"), text, day);
      return FALSE;
    }

  out->year = (guint16) year;
  out->month = (guint8) month;
  out->day = (guint8) day;
  return TRUE;

malformed:
  g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_DATE,
               _("“%s” is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"), text);
  return FALSE;
}

char *
ent_date_to_string (EntDate date)
{
  if (date.year == 0)
    return NULL;
  if (date.month == 0)
    return g_strdup_printf ("%04u", date.year);
  if (date.day == 0)
    return g_strdup_printf ("%04u-%02u", date.year, date.month);
  return g_strdup_printf ("%04u-%02u-%02u", date.year, date.month, date.day);
}

gboolean
ent_date_is_set (EntDate date)
{
  return date.year != 0;
}

gboolean
ent_date_equal (EntDate a,
                EntDate b)
{
  return a.year == b.year && a.month == b.month && a.day == b.day;
}

gint32
ent_date_start_key (EntDate date)
{
  if (date.year == 0)
    return 0;
  return date.year * 10000 + MAX (date.month, 1) * 100 + MAX (date.day, 1);
}

gint32
ent_date_end_key (EntDate date)
{
  guint month, day;

  if (date.year == 0)
    return G_MAXINT32;
  month = date.month ? date.month : 12;
  day = date.day ? date.day : g_date_get_days_in_month ((GDateMonth) month, (GDateYear) date.year);
  return date.year * 10000 + (gint32) month * 100 + (gint32) day;
}

int
ent_date_compare (EntDate a,
                  EntDate b)
{
  gint32 ka = ent_date_start_key (a);
  gint32 kb = ent_date_start_key (b);

  if (ka != kb)
    return ka < kb ? -1 : 1;
  /* A more precise date sorts after the coarse one it falls in. */
  if (a.month != b.month)
    return a.month < b.month ? -1 : 1;
  if (a.day != b.day)
    return a.day < b.day ? -1 : 1;
  return 0;
}

EntDate
ent_date_from_key (gint32 key)
{
  EntDate d = ENT_DATE_NONE;

  if (key <= 0 || key == G_MAXINT32)
    return d;
  d.year = (guint16) (key / 10000);
  d.month = (guint8) ((key / 100) % 100);
  d.day = (guint8) (key % 100);
  return d;
}

gint32
ent_date_to_days (EntDate date)
{
  GDate g;

  if (date.year == 0)
    return 0;
  g_date_clear (&g, 1);
  g_date_set_dmy (&g, MAX (date.day, 1), MAX (date.month, 1), date.year);
  return (gint32) g_date_get_julian (&g);
}

EntDate
ent_date_from_days (gint32 days)
{
  GDate g;
  EntDate d = ENT_DATE_NONE;

  if (days <= 0 || !g_date_valid_julian ((guint32) days))
    return d;
  g_date_clear (&g, 1);
  g_date_set_julian (&g, (guint32) days);
  d.year = g_date_get_year (&g);
  d.month = g_date_get_month (&g);
  d.day = g_date_get_day (&g);
  return d;
}

EntDate
ent_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  EntDate d;

  d.year = (guint16) g_date_time_get_year (now);
  d.month = (guint8) g_date_time_get_month (now);
  d.day = (guint8) g_date_time_get_day_of_month (now);
  return d;
}
