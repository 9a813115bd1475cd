/* test-reliability.c: data safety under failure, and hostile input limits
 *
 * Saving that fails part-way (a fault injected after N bytes) leaves the
 * old file byte for byte and no temporary file; loading never changes the
 * file it reads; inputs built to exhaust time or memory are refused or
 * loaded within bounds; every input the fuzzers found a problem with
 * (tests/data/fuzz-regressions) loads or fails with a clean error.
 * docs/RELIABILITY.md lists what each test proves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-test"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include "ent-format.h"
#include "ent-format-native.h"
#include "ent-format-native-private.h"

/* A hang guard, not a performance target: far beyond what any of these
 * takes on a slow machine, so that only a loop that never ends fails. */
#define HANG_GUARD_SECONDS 120.0

#define VALID_HEAD "{\"format\": \"entente\", \"version\": 1, "

static const char *small_document =
  VALID_HEAD
  "\"title\": \"Reliability\",\n"
  "\"actors\": [{\"id\": \"KOR\", \"name\": \"South Korea\", \"position\": {\"x\": 1.5, \"y\": 2}},\n"
  "             {\"id\": \"JPN\", \"name\": \"Japan\"}, {\"id\": \"USA\", \"name\": \"United States\"}],\n"
  "\"relations\": [{\"id\": \"r1\", \"actors\": [\"KOR\", \"USA\"], \"type\": \"alliance\", \"since\": \"1953-10-01\"},\n"
  "                {\"id\": \"r2\", \"actors\": [\"JPN\", \"USA\"], \"type\": \"alliance\", \"since\": \"1960\"}],\n"
  "\"meetings\": [{\"id\": \"m1\", \"date\": \"2025-10-29\", \"kind\": \"summit\", \"participants\": [\"KOR\", \"USA\"]}],\n"
  "\"blocs\": [{\"id\": \"b\", \"name\": \"Allies\", \"members\": [\"KOR\", \"JPN\", \"USA\"]}]\n"
  "}\n";

/* Heavy inputs are skipped under valgrind (./dev valgrind sets this):
 * they prove limits, not memory safety, and would take hours there. */
static gboolean
heavy_tests_skipped (void)
{
  if (g_getenv ("ENTENTE_VALGRIND") == NULL)
    return FALSE;
  g_test_skip ("heavy input: skipped under valgrind");
  return TRUE;
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("entente-reliability-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes @dir and the files in it (no subfolders are made here). */
static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_chmod (dir, 0700);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* The names in @dir, sorted and joined with spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static EntWorld *
load_string (const char  *text,
             gsize        length,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);

  return ent_native_load_bytes (bytes, "hostile.entente.json", error);
}

static EntWorld *
load_small_document (void)
{
  g_autoptr(GError) error = NULL;
  EntWorld *world = load_string (small_document, strlen (small_document), &error);

  g_assert_no_error (error);
  return world;
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* ---- Saving with a fault after N bytes --------------------------------- */

static void
test_save_fault_injection (void)
{
  const char *original = "{\"format\": \"entente\", \"version\": 1, \"title\": \"the old file\"}\n";
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.entente.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EntWorld) world = load_small_document ();
  gsize length = 0;
  g_autofree char *expected = ent_native_to_data (world, &length);
  g_autofree char *contents = NULL;
  gssize faults[] = { 0, 1, 2, 17, 64, 1000, 0, 0, 0 };
  guint n_faults = 6;

  g_assert_cmpuint (length, >, 1100);
  faults[n_faults++] = (gssize) length / 2;
  faults[n_faults++] = (gssize) length - 1;

  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  for (guint i = 0; i < n_faults; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      g_autofree char *listing = NULL;

      ent_native_set_save_fault (faults[i]);
      g_assert_false (ent_native_save_file (world, file, NULL, &error));
      ent_native_set_save_fault (-1);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, original);
      listing = list_dir (dir);
      g_assert_cmpstr (listing, ==, "map.entente.json");
    }

  /* A budget of the whole document is no fault at all. */
  ent_native_set_save_fault ((gssize) length);
  g_assert_true (ent_native_save_file (world, file, NULL, NULL));
  ent_native_set_save_fault (-1);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);

  remove_dir (dir);
}

/* Saving a new file that fails leaves nothing behind, not half a file. */
static void
test_save_fault_new_file (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "new.entente.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EntWorld) world = load_small_document ();
  gssize faults[] = { 0, 1, 500 };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *listing = NULL;

      ent_native_set_save_fault (faults[i]);
      g_assert_false (ent_native_save_file (world, file, NULL, &error));
      ent_native_set_save_fault (-1);
      g_assert_nonnull (error);
      listing = list_dir (dir);
      g_assert_cmpstr (listing, ==, "");
    }
  remove_dir (dir);
}

/* A cancelled save is a failed save: the old file stays. */
static void
test_save_cancelled (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.entente.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EntWorld) world = load_small_document ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (ent_native_save_file (world, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "old");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "map.entente.json");
  remove_dir (dir);
}

/* A place that cannot be written: a read-only folder, which root may
 * write anyway, so also a folder of /proc, which nobody may create files
 * in. Either way the error names the file and the old file stays. */
static void
test_save_read_only (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.entente.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) proc_file = g_file_new_for_path ("/proc/self/map.entente.json");
  g_autoptr(EntWorld) world = load_small_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (path, "original", -1, NULL));
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  if (geteuid () != 0)
    {
      g_autofree char *listing = NULL;

      g_assert_false (ent_native_save_file (world, file, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, "original");
      listing = list_dir (dir);
      g_assert_cmpstr (listing, ==, "map.entente.json");
      g_clear_error (&error);
    }
  else
    {
      g_test_message ("running as root, who may write to a folder of mode 0500: "
                      "checking a folder of /proc instead");
    }

  g_assert_false (ent_native_save_file (world, proc_file, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("/proc: %s", error->message);
  g_assert_nonnull (strstr (error->message, "/proc/self/map.entente.json"));
  g_assert_true (g_str_has_prefix (error->message, "Could not save "));
  remove_dir (dir);
}

/* ---- Loading leaves the file alone ------------------------------------ */

static void
test_load_does_not_touch_file (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *good = g_build_filename (dir, "good.entente.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.entente.json", NULL);
  const char *paths[] = { good, bad };
  const char *bad_document = VALID_HEAD "\"actors\": [{\"id\": \"A\"}]}";

  g_assert_true (g_file_set_contents (good, small_document, -1, NULL));
  g_assert_true (g_file_set_contents (bad, bad_document, -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(EntWorld) world = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      struct utimbuf old_times = { 1000000000, 1000000000 };   /* 2001 */
      GStatBuf st_before, st_after;

      g_assert_cmpint (g_utime (paths[i], &old_times), ==, 0);
      g_assert_true (g_file_get_contents (paths[i], &before, NULL, NULL));
      g_assert_cmpint (g_stat (paths[i], &st_before), ==, 0);
      world = ent_native_load_file (file, NULL, &error);
      g_assert_true ((world != NULL) == (i == 0));
      g_assert_cmpint (g_stat (paths[i], &st_after), ==, 0);
      g_assert_true (g_file_get_contents (paths[i], &after, NULL, NULL));
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpint (st_after.st_mtime, ==, 1000000000);
      g_assert_cmpint (st_after.st_mtime, ==, st_before.st_mtime);
      g_assert_cmpint (st_after.st_size, ==, st_before.st_size);
      g_assert_cmpint (st_after.st_mode, ==, st_before.st_mode);
    }
  remove_dir (dir);
}

/* ---- Hostile input limits ---------------------------------------------- */

static void
test_limit_huge_file (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "huge.entente.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = NULL;
  FILE *stream = fopen (path, "w");
  gint64 start;
  double seconds;

  g_assert_nonnull (stream);
  /* Sparse: 200 MB on paper, a block on disk. */
  g_assert_cmpint (fseek (stream, 200 * 1024 * 1024 - 1, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc (' ', stream), ==, ' ');
  fclose (stream);

  start = g_get_monotonic_time ();
  world = ent_native_load_file (file, NULL, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_message ("200 MB file refused in %.4f s", seconds);
  g_assert_null (world);
  g_assert_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.entente.json"));
  g_assert_nonnull (strstr (error->message, "200 MB"));
  g_assert_nonnull (strstr (error->message, "64 MB"));
  /* Refused from its size alone, before reading a byte. */
  g_assert_cmpfloat (seconds, <, 10.0);
  remove_dir (dir);
}

static void
test_limit_deep_nesting (void)
{
  const char *openers[] = { "[", "{\"a\": " };
  const char *closers[] = { "]", "}" };

  for (guint k = 0; k < G_N_ELEMENTS (openers); k++)
    {
      g_autoptr(GString) text = g_string_new (VALID_HEAD "\"x\": ");
      g_autoptr(GError) error = NULL;
      g_autoptr(EntWorld) world = NULL;

      for (guint i = 0; i < 100000; i++)
        g_string_append (text, openers[k]);
      g_string_append (text, "1");
      for (guint i = 0; i < 100000; i++)
        g_string_append (text, closers[k]);
      g_string_append (text, "}");
      world = load_string (text->str, text->len, &error);
      g_assert_null (world);
      g_assert_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_TOO_DEEP);
      g_assert_nonnull (strstr (error->message, "64"));
    }
}

/* A million-character name loads: names have no length limit of their
 * own; the 64 MB file limit bounds them. */
static void
test_limit_long_name (void)
{
  const gsize n = 1000000;
  g_autoptr(GString) text = g_string_new (VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"");
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = NULL;
  g_autoptr(EntWorld) again = NULL;
  g_autofree char *saved = NULL;
  gsize saved_length;
  const EntActor *actor;

  for (gsize i = 0; i < n / 2; i++)
    g_string_append (text, "é");          /* two bytes, one character */
  g_string_append (text, "\"}]}");
  world = load_string (text->str, text->len, &error);
  g_assert_no_error (error);
  actor = ent_world_get_actor (world, 0);
  g_assert_cmpuint (g_utf8_strlen (actor->name, -1), ==, n / 2);
  g_assert_cmpuint (strlen (actor->name), ==, n);

  saved = ent_native_to_data (world, &saved_length);
  again = load_string (saved, saved_length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ent_world_get_actor (again, 0)->name, ==, actor->name);
}

/* A million relations between the same two actors: a 30 MB file, under
 * the 64 MB limit, so it loads; this measures what that costs. */
static void
test_limit_duplicate_edges (void)
{
  const guint n = 1000000;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = NULL;
  gint64 start;
  double seconds, rss_before;

  if (heavy_tests_skipped ())
    return;

  text = g_string_sized_new (n * 40);
  g_string_append (text, VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}, {\"id\": \"B\", \"name\": \"B\"}],\n\"relations\": [\n");
  for (guint i = 0; i < n; i++)
    g_string_append (text, i == 0 ? "{\"actors\":[\"A\",\"B\"],\"type\":\"trade\"}"
                                  : ",\n{\"actors\":[\"A\",\"B\"],\"type\":\"trade\"}");
  g_string_append (text, "]}");
  g_assert_cmpuint (text->len, <, ENT_NATIVE_MAX_BYTES);

  rss_before = peak_rss_mb ();
  start = g_get_monotonic_time ();
  world = load_string (text->str, text->len, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_message ("1e6 duplicate relations (%.1f MB file): loaded in %.2f s, peak RSS %.0f MB (%.0f MB before)",
                  text->len / 1e6, seconds, peak_rss_mb (), rss_before);
  g_assert_no_error (error);
  g_assert_cmpuint (ent_world_get_n_relations (world), ==, n);
  g_assert_cmpfloat (seconds, <, HANG_GUARD_SECONDS);
}

static void
test_limit_non_finite (void)
{
  const char *documents[] = {
    VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\", \"position\": {\"x\": 1e999, \"y\": 0}}]}",
    VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\", \"position\": {\"x\": 0, \"y\": -1e999}}]}",
    VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}, {\"id\": \"B\", \"name\": \"B\"}],"
               "\"relations\": [{\"actors\": [\"A\", \"B\"], \"type\": \"trade\", \"strength\": 1e400}]}",
  };
  const char *not_json[] = {
    VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\", \"position\": {\"x\": NaN, \"y\": 0}}]}",
    VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\", \"position\": {\"x\": Infinity, \"y\": 0}}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EntWorld) world = load_string (documents[i], strlen (documents[i]), &error);

      g_assert_null (world);
      g_assert_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "finite"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_json); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EntWorld) world = load_string (not_json[i], strlen (not_json[i]), &error);

      g_assert_null (world);
      g_assert_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_SYNTAX);
    }
}

static void
test_limit_far_dates (void)
{
  const char *dates[] = { "99999", "99999-01-01", "10000", "0000", "-0001", "2025-13", "2025-02-30" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *text = g_strdup_printf (VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"},"
                                               " {\"id\": \"B\", \"name\": \"B\"}], \"relations\": "
                                               "[{\"actors\": [\"A\", \"B\"], \"type\": \"trade\", \"since\": \"%s\"}]}",
                                               dates[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(EntWorld) world = load_string (text, strlen (text), &error);

      g_assert_null (world);
      g_assert_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "since"));
    }
}

/* ---- Inputs the fuzzers found problems with ---------------------------- */

/* tests/data/fuzz-regressions/FORMAT-NAME: each must load, or fail with
 * an error that says why; under ASan and valgrind, without a leak. */
static void
test_fuzz_regressions (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "fuzz-regressions", NULL);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (handle == NULL)
    {
      g_test_skip ("no tests/data/fuzz-regressions");
      return;
    }
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *format_id = g_strndup (name, strcspn (name, "-"));
      g_autoptr(GError) error = NULL;
      g_autoptr(EntWorld) world = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *data = NULL;
      const EntFormatInfo *format;
      gsize length;
      gint64 start = g_get_monotonic_time ();

      if (g_str_has_suffix (name, ".md"))
        continue;
      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      bytes = g_bytes_new_take (g_steal_pointer (&data), length);
      if (g_str_equal (format_id, "native"))
        {
          world = ent_native_load_bytes (bytes, name, &error);
        }
      else
        {
          format = ent_format_lookup (format_id);
          g_assert_nonnull (format);
          world = ent_format_load_bytes (format, bytes, name, NULL, NULL, NULL, &error);
        }
      g_test_message ("%s: %s", name, world ? "loads" : error->message);
      g_assert_true ((world == NULL) != (error == NULL));
      /* Every native one is a file that must be refused. */
      if (g_str_equal (format_id, "native"))
        g_assert_null (world);
      if (error != NULL)
        {
          g_assert_nonnull (strstr (error->message, name));
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
        }
      g_assert_cmpfloat ((g_get_monotonic_time () - start) / 1e6, <, HANG_GUARD_SECONDS);
      n++;
    }
  g_test_message ("%u regression inputs", n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reliability/save/fault-injection", test_save_fault_injection);
  g_test_add_func ("/reliability/save/fault-new-file", test_save_fault_new_file);
  g_test_add_func ("/reliability/save/cancelled", test_save_cancelled);
  g_test_add_func ("/reliability/save/read-only", test_save_read_only);
  g_test_add_func ("/reliability/load/does-not-touch-file", test_load_does_not_touch_file);
  g_test_add_func ("/reliability/limits/huge-file", test_limit_huge_file);
  g_test_add_func ("/reliability/limits/deep-nesting", test_limit_deep_nesting);
  g_test_add_func ("/reliability/limits/long-name", test_limit_long_name);
  g_test_add_func ("/reliability/limits/duplicate-edges", test_limit_duplicate_edges);
  g_test_add_func ("/reliability/limits/non-finite", test_limit_non_finite);
  g_test_add_func ("/reliability/limits/far-dates", test_limit_far_dates);
  g_test_add_func ("/reliability/fuzz-regressions", test_fuzz_regressions);

  return g_test_run ();
}
