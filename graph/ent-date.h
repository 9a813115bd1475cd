/* ent-date.h: calendar dates with year, month or day precision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * An EntDate is a proleptic Gregorian date that may be known only to the
 * year ("1953") or the month ("1953-07"). month and day are 0 when unknown.
 * year 0 means "no date". Years run from 1 to 9999.
 */
typedef struct
{
  guint16 year;
  guint8  month;
  guint8  day;
} EntDate;

#define ENT_DATE_NONE ((EntDate) { 0, 0, 0 })

gboolean  ent_date_parse        (const char  *text,
                                 EntDate     *out,
                                 GError     **error);
char     *ent_date_to_string    (EntDate      date);
gboolean  ent_date_is_set       (EntDate      date);
gboolean  ent_date_equal        (EntDate      a,
                                 EntDate      b);
/* Sortable keys (yyyymmdd). A partial date starts on its first day and
 * ends on its last: 1953 spans 19530101 .. 19531231. */
gint32    ent_date_start_key    (EntDate      date);
gint32    ent_date_end_key      (EntDate      date);
int       ent_date_compare      (EntDate      a,
                                 EntDate      b);
EntDate   ent_date_from_key     (gint32       key);
/* Days from 0001-01-01 to the date's first day (for weighting by age). */
gint32    ent_date_to_days      (EntDate      date);
EntDate   ent_date_from_days    (gint32       days);
EntDate   ent_date_today        (void);

G_END_DECLS
