/* test-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ent-world.h"

static const struct {
  const char *text;
  gboolean    valid;
  guint       year, month, day;
} parse_cases[] = {
  { "1953", TRUE, 1953, 0, 0 },
  { "1953-07", TRUE, 1953, 7, 0 },
  { "1953-07-27", TRUE, 1953, 7, 27 },
  { "2024-02-29", TRUE, 2024, 2, 29 },
  { "2025-02-29", FALSE },
  { "2025-02-30", FALSE },
  { "2025-13-01", FALSE },
  { "2025-00-10", FALSE },
  { "2025-04-31", FALSE },
  { "2025-04-00", FALSE },
  { "0000", FALSE },
  { "99999", FALSE },
  { "95", FALSE },
  { "2025-1-1", FALSE },
  { "2025/01/01", FALSE },
  { "2025-01-01T00:00", FALSE },
  { "", FALSE },
  { " 2025", FALSE },
  { "９９９９", FALSE },
};

static void
test_date_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      EntDate date = { 9, 9, 9 };
      gboolean ok = ent_date_parse (parse_cases[i].text, &date, &error);

      g_test_message ("parsing “%s”", parse_cases[i].text);
      g_assert_cmpint (ok, ==, parse_cases[i].valid);
      if (ok)
        {
          g_autofree char *back = ent_date_to_string (date);

          g_assert_no_error (error);
          g_assert_cmpuint (date.year, ==, parse_cases[i].year);
          g_assert_cmpuint (date.month, ==, parse_cases[i].month);
          g_assert_cmpuint (date.day, ==, parse_cases[i].day);
          g_assert_cmpstr (back, ==, parse_cases[i].text);
        }
      else
        {
          g_assert_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_DATE);
          /* A rejected parse leaves the output alone. */
          g_assert_cmpuint (date.year, ==, 9);
        }
    }
}

static EntDate
d (const char *text)
{
  EntDate date;

  g_assert_true (ent_date_parse (text, &date, NULL));
  return date;
}

static void
test_date_keys (void)
{
  g_assert_cmpint (ent_date_start_key (d ("1953")), ==, 19530101);
  g_assert_cmpint (ent_date_end_key (d ("1953")), ==, 19531231);
  g_assert_cmpint (ent_date_end_key (d ("2024-02")), ==, 20240229);
  g_assert_cmpint (ent_date_end_key (d ("2025-02")), ==, 20250228);
  g_assert_cmpint (ent_date_start_key (ENT_DATE_NONE), ==, 0);
  g_assert_cmpint (ent_date_end_key (ENT_DATE_NONE), ==, G_MAXINT32);

  g_assert_cmpint (ent_date_compare (d ("1953"), d ("1953-07-27")), <, 0);
  g_assert_cmpint (ent_date_compare (d ("1953-07-27"), d ("1953-07-28")), <, 0);
  g_assert_cmpint (ent_date_compare (d ("2025-10-30"), d ("2025-10-30")), ==, 0);
  g_assert_cmpint (ent_date_compare (d ("2025-11-01"), d ("2025-10-31")), >, 0);
  g_assert_true (ent_date_equal (ent_date_from_key (20251101), d ("2025-11-01")));
}

static void
test_date_days (void)
{
  EntDate a = d ("2025-10-26"), b = d ("2025-11-01");

  g_assert_cmpint (ent_date_to_days (b) - ent_date_to_days (a), ==, 6);
  g_assert_cmpint (ent_date_to_days (d ("2025-01-01")) - ent_date_to_days (d ("2024-01-01")), ==, 366);
  g_assert_true (ent_date_equal (ent_date_from_days (ent_date_to_days (b)), b));
  g_assert_false (ent_date_is_set (ent_date_from_days (0)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse", test_date_parse);
  g_test_add_func ("/date/keys", test_date_keys);
  g_test_add_func ("/date/days", test_date_days);

  return g_test_run ();
}
