/* test-native-pieces.c: a document read a piece at a time is read exactly
 * as the whole json-glib tree reads it, errors included
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-test-native-pieces"

#include "config.h"

#include <string.h>

#include "ent-format-native.h"
#include "ent-format-native-private.h"

#define HEAD "{\"format\": \"entente\", \"version\": 1, "
#define AB "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}, {\"id\": \"B\", \"name\": \"B\"}]"

/* Valid documents, written in many ways. */
static const char *valid[] = {
  HEAD AB "}",
  "{\"format\":\"entente\",\"version\":1,\"actors\":[{\"id\":\"A\",\"name\":\"A\"},{\"id\":\"B\",\"name\":\"B\"}],"
  "\"relations\":[{\"actors\":[\"A\",\"B\"],\"type\":\"alliance\",\"strength\":1e-1}]}",
  /* Lists first, before the format; the head's fields after them. */
  "{\"blocs\": [{\"id\": \"b\", \"name\": \"B\", \"members\": [\"A\"]}],\n"
  " \"actors\": [ {\"id\": \"A\", \"name\": \"A [x] {y} \\\"q\\\" \\\\\"} ],\n"
  " \"format\": \"entente\", \"version\": 1, \"title\": \"T\", \"x-top\": {\"a\": [1, {\"b\": null}]}}",
  /* Null and empty lists, unknown fields everywhere, odd spacing. */
  "\r\n\t{ \"format\" : \"entente\" ,\"version\":1 , \"actors\" : [ ] , \"relations\" : null ,"
  " \"meetings\": [], \"x-z\": -0.5e+3, \"x-t\": true, \"x-n\": null }\n\n",
  HEAD AB ", \"meetings\": [{\"id\": \"m\", \"date\": \"2025-10-29\", \"kind\": \"summit\","
  " \"participants\": [\"A\", \"B\"], \"x-notes\": {\"deep\": [[[\"]\"]]]}}]}",
  HEAD "\"title\": \"\\u00e9\\u3131 \\/\", \"actors\": [{\"id\": \"\\u0041\", \"name\": \"\\t\"}]}",
};

/* Valid documents the scan leaves to the whole tree: an escaped key. */
static const char *valid_whole_only[] = {
  "{\"form\\u0061t\": \"entente\", \"version\": 1, " AB "}",
};

/* Malformed or invalid documents: the same error either way. */
static const char *invalid[] = {
  /* Syntax errors inside a list, after valid elements. */
  HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}, {\"id\": \"B\" \"name\": \"B\"}]}",
  HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"} {\"id\": \"B\", \"name\": \"B\"}]}",
  HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"},]}",
  HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}, 5]}",
  HEAD "\"actors\": [{\"id\": \"A\", \"name\": tru}]}",
  HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}]",
  HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}]} x",
  HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}], }",
  HEAD "\"actors\" [{\"id\": \"A\", \"name\": \"A\"}]}",
  /* A semantic error before a syntax error: the syntax error is named. */
  HEAD "\"actors\": [{\"id\": \"A\", \"name\": 5}, {\"id\": \"B\", \"name\": }]}",
  /* Semantic errors. */
  HEAD AB ", \"relations\": [{\"actors\": [\"A\", \"C\"], \"type\": \"trade\"}]}",
  HEAD "\"actors\": [{\"id\": \"A\", \"name\": \"A\"}, {\"id\": \"A\", \"name\": \"A\"}]}",
  HEAD "\"actors\": {\"A\": 1}}",
  HEAD "\"actors\": 5}",
  HEAD "\"version\": 2}",
  "{\"format\": \"entente\", \"version\": 1, \"version\": 2}",
  "{\"format\": \"entente\", \"actors\": [], \"actors\": [{\"id\": \"A\"}], \"version\": 1}",
  "[1, 2]",
  "\"entente\"",
  "{}",
};

static char *
load (const char  *text,
      gboolean     whole_tree,
      GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(EntWorld) world = NULL;
  gsize length;

  ent_native_set_whole_tree_only (whole_tree);
  world = ent_native_load_bytes (bytes, "doc.entente.json", error);
  ent_native_set_whole_tree_only (FALSE);
  return world != NULL ? ent_native_to_data (world, &length) : NULL;
}

/* @text reads to the same document both ways; @in_pieces: whether the
 * piecewise reader, not the whole tree behind it, read it. */
static void
assert_same_both_ways (const char *text,
                       gboolean    in_pieces)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *pieces = NULL;
  guint before = ent_native_get_n_read_in_pieces ();

  whole = load (text, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ent_native_get_n_read_in_pieces (), ==, before);
  pieces = load (text, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ent_native_get_n_read_in_pieces (), ==, before + (in_pieces ? 1 : 0));
  g_assert_cmpstr (pieces, ==, whole);
}

static void
test_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_test_message ("valid document %u", i);
      assert_same_both_ways (valid[i], TRUE);
    }
}

static void
test_valid_whole_only (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_whole_only); i++)
    assert_same_both_ways (valid_whole_only[i], FALSE);
}

static void
test_dataset (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                 "northeast-asia-2025.entente.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *pieces = NULL;
  guint before = ent_native_get_n_read_in_pieces ();

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  whole = load (text, TRUE, &error);
  g_assert_no_error (error);
  pieces = load (text, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ent_native_get_n_read_in_pieces (), ==, before + 1);
  g_assert_cmpstr (pieces, ==, whole);
  /* Written by us, read back in pieces, written again: the same bytes. */
  g_clear_pointer (&whole, g_free);
  whole = load (pieces, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (whole, ==, pieces);
}

static void
test_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) whole_error = NULL;
      g_autoptr(GError) pieces_error = NULL;
      g_autofree char *whole = NULL;
      g_autofree char *pieces = NULL;

      g_test_message ("invalid document %u: %s", i, invalid[i]);
      whole = load (invalid[i], TRUE, &whole_error);
      pieces = load (invalid[i], FALSE, &pieces_error);
      g_assert_null (whole);
      g_assert_null (pieces);
      g_assert_nonnull (whole_error);
      g_assert_nonnull (pieces_error);
      g_test_message ("  -> %s", pieces_error->message);
      g_assert_cmpint (pieces_error->code, ==, whole_error->code);
      g_assert_cmpstr (pieces_error->message, ==, whole_error->message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/native-pieces/valid", test_valid);
  g_test_add_func ("/native-pieces/valid-whole-only", test_valid_whole_only);
  g_test_add_func ("/native-pieces/dataset", test_dataset);
  g_test_add_func ("/native-pieces/invalid", test_invalid);

  return g_test_run ();
}
