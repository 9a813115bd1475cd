/* test-format.c: the native *.entente.json format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ent-format-native.h"

#define VALID_HEAD "{\"format\": \"entente\", \"version\": 1, "

static const char *sample_document =
  "{\n"
  "  \"format\": \"entente\",\n"
  "  \"version\": 1,\n"
  "  \"title\": \"Sample\",\n"
  "  \"titles\": {\"ko\": \"견본\"},\n"
  "  \"author\": \"Tests\",\n"
  "  \"sources\": [\"Somewhere\"],\n"
  "  \"x-future-top\": {\"kept\": [1, 2, 3]},\n"
  "  \"actors\": [\n"
  "    {\"id\": \"KOR\", \"name\": \"South Korea\", \"names\": {\"ko\": \"대한민국\"},\n"
  "     \"region\": \"East Asia\", \"x-flag\": \"🇰🇷\",\n"
  "     \"leaders\": [{\"name\": \"Lee Jae-myung\", \"names\": {\"ko\": \"이재명\"}, \"title\": \"President\",\n"
  "                  \"titles\": {\"ko\": \"대통령\"},\n"
  "                  \"since\": \"2025-06-04\", \"x-party\": \"DP\"}],\n"
  "     \"position\": {\"x\": 12.5, \"y\": -3.25, \"pinned\": true}},\n"
  "    {\"id\": \"USA\", \"name\": \"United States\"},\n"
  "    {\"id\": \"ASEAN\", \"name\": \"ASEAN\", \"kind\": \"organisation\"}\n"
  "  ],\n"
  "  \"relations\": [\n"
  "    {\"id\": \"mdt\", \"actors\": [\"KOR\", \"USA\"], \"type\": \"alliance\", \"strength\": 0.9,\n"
  "     \"since\": \"1953-10-01\", \"label\": \"Mutual Defense Treaty\", \"labels\": {\"ko\": \"한미상호방위조약\"},\n"
  "     \"source\": \"Treaty text\", \"x-extra\": 7},\n"
  "    {\"actors\": [\"KOR\", \"ASEAN\"], \"type\": \"trade\", \"sign\": -1, \"since\": \"1989\", \"until\": \"2020-06\"}\n"
  "  ],\n"
  "  \"meetings\": [\n"
  "    {\"id\": \"m1\", \"date\": \"2025-10-29\", \"kind\": \"summit\", \"participants\": [\"KOR\", \"USA\"],\n"
  "     \"status\": \"planned\", \"outcome\": \"warmed\", \"title\": \"Summit\", \"titles\": {\"ko\": \"정상회담\"},\n"
  "     \"place\": \"Gyeongju\",\n"
  "     \"topics\": [\"trade\", \"tariffs\"], \"source\": \"News\", \"x-minutes\": null}\n"
  "  ],\n"
  "  \"blocs\": [\n"
  "    {\"id\": \"b\", \"name\": \"Bloc\", \"names\": {\"ko\": \"블록\", \"fr\": \"Bloc\"}, \"color\": \"#3584e4\",\n"
  "     \"members\": [\"KOR\", {\"actor\": \"USA\", \"since\": \"2023-08-18\"}], \"x-bloc\": true}\n"
  "  ]\n"
  "}\n";

static EntWorld *
load_string (const char  *text,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return ent_native_load_bytes (bytes, "sample.entente.json", error);
}

static void
test_format_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = load_string (sample_document, &error);
  const EntActor *kor;
  const EntRelation *second;
  const EntMeeting *meeting;
  const EntBloc *bloc;

  g_assert_no_error (error);
  g_assert_nonnull (world);
  g_assert_cmpstr (ent_world_get_info (world)->title, ==, "Sample");
  g_assert_cmpstr (g_hash_table_lookup (ent_world_get_info (world)->titles, "ko"), ==, "견본");
  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 3);

  kor = ent_world_lookup_actor (world, "KOR");
  g_assert_cmpstr (g_hash_table_lookup (kor->names, "ko"), ==, "대한민국");
  g_assert_cmpstr (((EntLeader *) g_ptr_array_index (kor->leaders, 0))->name, ==, "Lee Jae-myung");
  g_assert_true (kor->has_position);
  g_assert_cmpfloat (kor->x, ==, 12.5);
  g_assert_true (kor->pinned);
  g_assert_cmpint (ent_world_lookup_actor (world, "ASEAN")->kind, ==, ENT_ACTOR_ORGANISATION);

  /* The relation without an id got one; its explicit sign wins. */
  second = ent_world_get_relation (world, 1);
  g_assert_nonnull (second->id);
  g_assert_cmpint (second->sign, ==, -1);
  g_assert_cmpfloat (second->strength, ==, 0.5);

  meeting = ent_world_lookup_meeting (world, "m1");
  g_assert_cmpint (meeting->status, ==, ENT_MEETING_PLANNED);
  g_assert_cmpint (meeting->outcome, ==, ENT_OUTCOME_WARMED);
  g_assert_cmpstr (meeting->topics[1], ==, "tariffs");
  g_assert_cmpstr (g_hash_table_lookup (meeting->titles, "ko"), ==, "정상회담");
  g_assert_cmpstr (g_hash_table_lookup (ent_world_lookup_relation (world, "mdt")->labels, "ko"), ==, "한미상호방위조약");
  g_assert_false (json_object_has_member (ent_world_lookup_relation (world, "mdt")->extra, "labels"));

  bloc = ent_world_lookup_bloc (world, "b");
  g_assert_cmpuint (bloc->members->len, ==, 2);
  g_assert_cmpuint (g_hash_table_size (bloc->names), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (bloc->names, "ko"), ==, "블록");
  g_assert_cmpstr (g_hash_table_lookup (((EntLeader *) g_ptr_array_index (kor->leaders, 0))->names, "ko"), ==, "이재명");
  g_assert_cmpstr (g_hash_table_lookup (((EntLeader *) g_ptr_array_index (kor->leaders, 0))->titles, "ko"), ==, "대통령");
  g_assert_false (json_object_has_member (((EntLeader *) g_ptr_array_index (kor->leaders, 0))->extra, "titles"));
  /* Known fields, not kept twice as unknown ones. */
  g_assert_null (bloc->extra != NULL ? json_object_get_member (bloc->extra, "names") : NULL);
  g_assert_false (ent_bloc_has_member_at (bloc, "USA", (EntDate) { 2020, 1, 1 }));
  g_assert_true (ent_bloc_has_member_at (bloc, "KOR", (EntDate) { 2020, 1, 1 }));
}

/* load -> save -> load gives an equal world, and saving is stable. */
static void
test_format_round_trip (void)
{
  g_autoptr(EntWorld) first = load_string (sample_document, NULL);
  g_autofree char *saved = ent_native_to_data (first, NULL);
  g_autoptr(EntWorld) second = load_string (saved, NULL);
  g_autofree char *saved_again = ent_native_to_data (second, NULL);

  g_assert_nonnull (second);
  g_assert_cmpstr (saved, ==, saved_again);
  g_assert_cmpuint (ent_world_get_n_relations (second), ==, 2);
  g_assert_cmpstr (ent_world_get_relation (second, 1)->id, ==, ent_world_get_relation (first, 1)->id);
  g_assert_cmpstr (g_hash_table_lookup (ent_world_get_info (second)->titles, "ko"), ==, "견본");
  g_assert_cmpstr (g_hash_table_lookup (ent_world_lookup_meeting (second, "m1")->titles, "ko"), ==, "정상회담");
  g_assert_cmpstr (g_hash_table_lookup (ent_world_lookup_relation (second, "mdt")->labels, "ko"), ==, "한미상호방위조약");
  /* Localised names, sorted by language. */
  g_assert_nonnull (strstr (saved, "\"names\" : {\n        \"fr\" : \"Bloc\",\n        \"ko\" : \"블록\"\n      }"));
  g_assert_cmpstr (g_hash_table_lookup (ent_world_lookup_bloc (second, "b")->names, "ko"), ==, "블록");
  g_assert_cmpstr (g_hash_table_lookup (((EntLeader *) g_ptr_array_index (ent_world_lookup_actor (second, "KOR")->leaders, 0))->names,
                                        "ko"), ==, "이재명");
  g_assert_cmpstr (g_hash_table_lookup (((EntLeader *) g_ptr_array_index (ent_world_lookup_actor (second, "KOR")->leaders, 0))->titles,
                                        "ko"), ==, "대통령");
}

/* Fields this version does not know survive a round trip, wherever they are. */
static void
test_format_unknown_fields (void)
{
  g_autoptr(EntWorld) world = load_string (sample_document, NULL);
  g_autofree char *saved = ent_native_to_data (world, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_assert_true (json_parser_load_from_data (parser, saved, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (
      json_object_get_object_member (root, "x-future-top"), "kept")), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (
      json_array_get_object_element (json_object_get_array_member (root, "actors"), 0), "x-flag"), ==, "🇰🇷");
  g_assert_cmpstr (json_object_get_string_member (
      json_array_get_object_element (json_object_get_array_member (
          json_array_get_object_element (json_object_get_array_member (root, "actors"), 0), "leaders"), 0),
      "x-party"), ==, "DP");
  g_assert_cmpint (json_object_get_int_member (
      json_array_get_object_element (json_object_get_array_member (root, "relations"), 0), "x-extra"), ==, 7);
  g_assert_true (json_object_has_member (
      json_array_get_object_element (json_object_get_array_member (root, "meetings"), 0), "x-minutes"));
  g_assert_true (json_object_get_boolean_member (
      json_array_get_object_element (json_object_get_array_member (root, "blocs"), 0), "x-bloc"));
}

static const struct {
  const char *name;
  const char *text;
  int         code;
  const char *words;    /* what the message must say */
} bad_documents[] = {
  { "empty", "", ENT_FORMAT_ERROR_EMPTY, "sample.entente.json: the file is empty" },
  { "blank", " \n\t\n", ENT_FORMAT_ERROR_EMPTY, "empty" },
  { "truncated", VALID_HEAD "\n\"actors\": [\n  {\"id\": \"KOR\"", ENT_FORMAT_ERROR_SYNTAX, "sample.entente.json:3:" },
  { "not json", "hello", ENT_FORMAT_ERROR_SYNTAX, "sample.entente.json:1:" },
  { "array at top", "[1, 2]", ENT_FORMAT_ERROR_NOT_ENTENTE, "top level" },
  { "wrong format", "{\"format\": \"gephi\", \"version\": 1}", ENT_FORMAT_ERROR_NOT_ENTENTE, "“gephi”" },
  { "format not string", "{\"format\": 5, \"version\": 1}", ENT_FORMAT_ERROR_NOT_ENTENTE, "entente" },
  { "newer version", "{\"format\": \"entente\", \"version\": 2}", ENT_FORMAT_ERROR_NEWER_VERSION, "newer Entente" },
  { "no version", "{\"format\": \"entente\"}", ENT_FORMAT_ERROR_INVALID, "version" },
  { "latin-1", VALID_HEAD "\"title\": \"S\xe9oul\"}", ENT_FORMAT_ERROR_ENCODING, "sample.entente.json:1:" },
  { "missing actor", VALID_HEAD "\"actors\": [{\"id\": \"KOR\", \"name\": \"K\"}],"
    "\"relations\": [{\"id\": \"r9\", \"actors\": [\"KOR\", \"ATL\"], \"type\": \"alliance\"}]}",
    ENT_FORMAT_ERROR_INVALID, "relations[0] (“r9”): relation “r9” names an unknown actor “ATL”" },
  { "duplicate actor", VALID_HEAD "\"actors\": [{\"id\": \"KOR\", \"name\": \"K\"}, {\"id\": \"KOR\", \"name\": \"K2\"}]}",
    ENT_FORMAT_ERROR_INVALID, "actors[1] (“KOR”)" },
  { "duplicate meeting", VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}, {\"id\": \"B\", \"name\": \"B\"}],"
    "\"meetings\": [{\"id\": \"m\", \"date\": \"2025\", \"kind\": \"call\", \"participants\": [\"A\", \"B\"]},"
    "{\"id\": \"m\", \"date\": \"2025\", \"kind\": \"call\", \"participants\": [\"A\", \"B\"]}]}",
    ENT_FORMAT_ERROR_INVALID, "meetings[1] (“m”)" },
  { "impossible date", VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}, {\"id\": \"B\", \"name\": \"B\"}],"
    "\"meetings\": [{\"date\": \"2025-02-30\", \"kind\": \"call\", \"participants\": [\"A\", \"B\"]}]}",
    ENT_FORMAT_ERROR_INVALID, "meetings[0]: “date”: “2025-02-30” is not a valid date" },
  { "year 99999", VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\", \"leaders\": [{\"name\": \"X\", \"since\": \"99999\"}]}]}",
    ENT_FORMAT_ERROR_INVALID, "99999" },
  { "one participant", VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}],"
    "\"meetings\": [{\"date\": \"2025\", \"kind\": \"call\", \"participants\": [\"A\"]}]}",
    ENT_FORMAT_ERROR_INVALID, "at least two participants" },
  { "unknown type", VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}, {\"id\": \"B\", \"name\": \"B\"}],"
    "\"relations\": [{\"actors\": [\"A\", \"B\"], \"type\": \"friendship\"}]}",
    ENT_FORMAT_ERROR_INVALID, "unknown type “friendship”" },
  { "bloc names not an object", VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}],"
    "\"blocs\": [{\"id\": \"b\", \"name\": \"B\", \"names\": \"블록\", \"members\": [\"A\"]}]}",
    ENT_FORMAT_ERROR_INVALID, "sample.entente.json: blocs[0] (“b”): “names” must be an object" },
  { "titles not an object", VALID_HEAD "\"title\": \"T\", \"titles\": [\"제목\"]}",
    ENT_FORMAT_ERROR_INVALID, "sample.entente.json: “titles” must be an object of language codes and titles" },
  { "title not a string", VALID_HEAD "\"title\": \"T\", \"titles\": {\"ko\": null}}",
    ENT_FORMAT_ERROR_INVALID, "the “ko” title must be a string" },
  { "leader titles not an object", VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\","
    "\"leaders\": [{\"name\": \"X\", \"titles\": 1}]}]}",
    ENT_FORMAT_ERROR_INVALID, "actors[0] (“A”): “titles” must be an object of language codes and titles" },
  { "labels not an object", VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}, {\"id\": \"B\", \"name\": \"B\"}],"
    "\"relations\": [{\"id\": \"r\", \"actors\": [\"A\", \"B\"], \"type\": \"trade\", \"label\": \"L\", \"labels\": true}]}",
    ENT_FORMAT_ERROR_INVALID, "relations[0] (“r”): “labels” must be an object of language codes and labels" },
  { "meeting title not a string", VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}, {\"id\": \"B\", \"name\": \"B\"}],"
    "\"meetings\": [{\"id\": \"m\", \"date\": \"2025\", \"kind\": \"call\", \"participants\": [\"A\", \"B\"],"
    "\"title\": \"T\", \"titles\": {\"ko\": [1]}}]}",
    ENT_FORMAT_ERROR_INVALID, "meetings[0] (“m”): the “ko” title must be a string" },
  { "leader name not a string", VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\","
    "\"leaders\": [{\"name\": \"X\", \"names\": {\"ko\": 5}}]}]}",
    ENT_FORMAT_ERROR_INVALID, "actors[0] (“A”): the “ko” name must be a string" },
  { "three ends", VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}],"
    "\"relations\": [{\"actors\": [\"A\", \"B\", \"C\"], \"type\": \"trade\"}]}",
    ENT_FORMAT_ERROR_INVALID, "exactly two" },
  { "until before since", VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}, {\"id\": \"B\", \"name\": \"B\"}],"
    "\"relations\": [{\"actors\": [\"A\", \"B\"], \"type\": \"trade\", \"since\": \"2000\", \"until\": \"1999\"}]}",
    ENT_FORMAT_ERROR_INVALID, "ends (1999) before it begins (2000)" },
  { "name not string", VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": 12}]}",
    ENT_FORMAT_ERROR_INVALID, "actors[0] (“A”): “name” must be a string" },
  { "infinite position", VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\", \"position\": {\"x\": 1e999, \"y\": 0}}]}",
    ENT_FORMAT_ERROR_INVALID, "finite" },
  { "actors not a list", VALID_HEAD "\"actors\": {\"A\": 1}}", ENT_FORMAT_ERROR_INVALID, "“actors” must be a list" },
  { "bad sign", VALID_HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}, {\"id\": \"B\", \"name\": \"B\"}],"
    "\"relations\": [{\"actors\": [\"A\", \"B\"], \"type\": \"trade\", \"sign\": 0.5}]}",
    ENT_FORMAT_ERROR_INVALID, "“sign” must be 1 or -1" },
};

static void
test_format_bad_documents (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_documents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EntWorld) world = NULL;

      g_test_message ("bad document: %s", bad_documents[i].name);
      world = load_string (bad_documents[i].text, &error);
      g_assert_null (world);
      g_assert_error (error, ENT_FORMAT_ERROR, bad_documents[i].code);
      g_test_message ("  -> %s", error->message);
      g_assert_nonnull (strstr (error->message, bad_documents[i].words));
      g_assert_true (g_str_has_prefix (error->message, "sample.entente.json"));
    }
}

static void
test_format_nul_byte (void)
{
  static const char text[] = VALID_HEAD "\"title\": \"a\0b\"}";
  g_autoptr(GBytes) bytes = g_bytes_new (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = ent_native_load_bytes (bytes, "nul.json", &error);

  g_assert_null (world);
  g_assert_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_ENCODING);
}

static void
test_format_deep_nesting (void)
{
  const gsize depth = 100000;
  g_autoptr(GString) text = g_string_new (VALID_HEAD "\"x\": ");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = NULL;

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  world = ent_native_load_bytes (bytes, "deep.json", &error);
  g_assert_null (world);
  g_assert_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_TOO_DEEP);
  g_assert_true (g_str_has_prefix (error->message, "deep.json:1:"));
}

/* Brackets inside strings are text, not nesting. */
static void
test_format_brackets_in_strings (void)
{
  g_autoptr(GString) text = g_string_new (VALID_HEAD "\"title\": \"");
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = NULL;

  for (guint i = 0; i < 500; i++)
    g_string_append (text, "[{\\\"");
  g_string_append (text, "\"}");
  world = load_string (text->str, &error);
  g_assert_no_error (error);
  g_assert_nonnull (world);
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("entente-format-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* A 100 MB file is refused from its size, without reading it. */
static void
test_format_huge_file (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "huge.entente.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = NULL;
  FILE *stream = fopen (path, "w");

  g_assert_nonnull (stream);
  /* Sparse: 100 MB on paper, nothing on disk. */
  g_assert_cmpint (fseek (stream, 100 * 1024 * 1024 - 1, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc (' ', stream), ==, ' ');
  fclose (stream);

  world = ent_native_load_file (file, NULL, &error);
  g_assert_null (world);
  g_assert_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.entente.json"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_format_save_atomic (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.entente.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EntWorld) world = load_string (sample_document, NULL);
  g_autoptr(EntWorld) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = ent_native_to_data (world, NULL);
  g_autofree char *on_disk = NULL;
  g_autofree char *after_load = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;

  g_assert_true (ent_native_save_file (world, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, expected);

  /* Loading never changes the file it reads. */
  reloaded = ent_native_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &after_load, NULL, NULL));
  g_assert_cmpstr (after_load, ==, on_disk);

  /* Saving over the file leaves no temporary file behind. */
  g_assert_true (ent_native_save_file (reloaded, file, NULL, &error));
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

/* Saving where it cannot write fails with the reason, and the file that
 * was there is untouched. */
static void
test_format_save_fails_cleanly (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.entente.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "folder", "map.entente.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(EntWorld) world = load_string (sample_document, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "original", -1, NULL));
  g_assert_false (ent_native_save_file (world, missing_file, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "map.entente.json"));
  g_clear_error (&error);

  /* A read-only folder (root may write anyway: then only check the file). */
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  if (!ent_native_save_file (world, file, NULL, &error))
    g_assert_nonnull (error->message);
  else
    g_test_message ("running as a user who may write to read-only folders");
  g_chmod (dir, 0700);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  if (error != NULL)
    g_assert_cmpstr (contents, ==, "original");

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_format_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/entente/map.entente.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = ent_native_load_file (file, NULL, &error);

  g_assert_null (world);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/entente/map.entente.json"));
}

static void
test_format_bom (void)
{
  g_autofree char *text = g_strconcat ("\xEF\xBB\xBF", sample_document, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = load_string (text, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/load", test_format_load);
  g_test_add_func ("/format/round-trip", test_format_round_trip);
  g_test_add_func ("/format/unknown-fields", test_format_unknown_fields);
  g_test_add_func ("/format/bad-documents", test_format_bad_documents);
  g_test_add_func ("/format/nul-byte", test_format_nul_byte);
  g_test_add_func ("/format/deep-nesting", test_format_deep_nesting);
  g_test_add_func ("/format/brackets-in-strings", test_format_brackets_in_strings);
  g_test_add_func ("/format/huge-file", test_format_huge_file);
  g_test_add_func ("/format/save-atomic", test_format_save_atomic);
  g_test_add_func ("/format/save-fails-cleanly", test_format_save_fails_cleanly);
  g_test_add_func ("/format/missing-file", test_format_missing_file);
  g_test_add_func ("/format/bom", test_format_bom);

  return g_test_run ();
}
