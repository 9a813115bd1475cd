/* test-realdata.c: every real file from other tools in $ENTENTE_REALDATA
 * either loads with the expected size or fails with a message naming the
 * file and the reason; none crashes or hangs.
 *
 * Expectations are for Entente's own importers (libxml2 2.9 for the XML
 * formats); see docs/FORMATS.md for why each malformed file fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ent-format.h"

typedef struct
{
  const char *path;        /* relative to $ENTENTE_REALDATA */
  guint       n_actors;
  guint       n_relations;
  const char *phrase;      /* NULL: loads; otherwise the error contains it */
} Expectation;

static const Expectation expectations[] = {
  { "WellitonAlt_Grafos/football.gml", 35, 118, NULL },
  { "bavla_Nets/data/Pajek/esna/world_trade.zip.extracted/world_trade.paj", 80, 1000, NULL },
  { "bavla_Nets/data/Pajek/soc/Samo/Stranke94.net", 10, 45, NULL },
  { "gephi_gephi-lite/packages/gephi-lite/src/core/graph/testGraphs/edge-dates.gexf", 8, 16, NULL },
  { "gephi_gexf/data/__dynamics.gexf", 87, 219, NULL },
  { "gephi_gexf/data/dynamics.gexf", 4, 5, NULL },
  { "gephi_gexf/data/dynamics_edgeweight.gexf", 4, 5, NULL },
  { "gephi_gexf/data/dynamics_openintervals.gexf", 2, 1, NULL },
  { "gephi_gexf/data/hierarchy1.gexf", 10, 9, NULL },
  { "gephi_gexf/data/photoviz-dynamic.gexf", 393, 621, NULL },
  { "gephi_gexf/data/phylogeny.gexf", 3, 0, NULL },
  { "glvn5150_correlates_of_war_and_IPE/majors2024.csv", 0, 0, "the first line must name the columns, wi" },
  { "gml4gtk_gml4gtk/data/abilene.gml", 11, 14, NULL },
  { "gml4gtk_gml4gtk/data/adjnoun.gml", 112, 425, NULL },
  { "gml4gtk_gml4gtk/data/dolphins.gml", 62, 159, NULL },
  { "gml4gtk_gml4gtk/data/gd01.gml", 311, 647, NULL },
  { "gml4gtk_gml4gtk/data/geant-20041125.gml", 23, 37, NULL },
  { "gml4gtk_gml4gtk/data/igraph.gml", 34, 78, NULL },
  { "gml4gtk_gml4gtk/data/leda.gml", 10, 11, NULL },
  { "gml4gtk_gml4gtk/data/lesmis.gml", 77, 254, NULL },
  { "gml4gtk_gml4gtk/data/polbooks.gml", 105, 441, NULL },
  { "graphology_graphology/src/gexf/test/resources/arctic.gexf", 1715, 6676, NULL },
  { "graphology_graphology/src/gexf/test/resources/case.gexf", 10, 20, NULL },
  { "graphology_graphology/src/gexf/test/resources/celegans.gexf", 306, 2345, NULL },
  { "graphology_graphology/src/gexf/test/resources/data.gexf", 4, 5, NULL },
  { "graphology_graphology/src/gexf/test/resources/edge_viz.gexf", 2, 1, NULL },
  { "graphology_graphology/src/gexf/test/resources/les_miserables.gexf", 77, 254, NULL },
  { "graphology_graphology/src/gexf/test/resources/liststring.gexf", 4, 5, NULL },
  { "graphology_graphology/src/gexf/test/resources/minimal.gexf", 2, 1, NULL },
  { "graphology_graphology/src/gexf/test/resources/missing_nodes.gexf", 6, 4, NULL },
  { "graphology_graphology/src/gexf/test/resources/mixed.gexf", 3, 3, NULL },
  { "graphology_graphology/src/gexf/test/resources/pedantic.gexf", 0, 0, NULL },
  { "graphology_graphology/src/gexf/test/resources/sanitized.gexf", 0, 0, NULL },
  { "graphology_graphology/src/gexf/test/resources/undeclared_attribute.gexf", 2, 1, NULL },
  { "graphology_graphology/src/gexf/test/resources/v1_3.gexf", 2, 1, NULL },
  { "graphology_graphology/src/gexf/test/resources/yeast.gexf", 2361, 6646, NULL },
  { "graphology_graphology/src/graphml/test/resources/attributes.graphml", 6, 7, NULL },
  { "graphology_graphology/src/graphml/test/resources/basic.graphml", 11, 12, NULL },
  { "graphology_graphology/src/graphml/test/resources/miserables.graphml", 77, 254, NULL },
  { "graphology_graphology/src/graphml/test/resources/miserables_broken.graphml", 77, 254, NULL },
  { "graphology_graphology/src/graphml/test/resources/missing_nodes.graphml", 51, 37, NULL },
  { "graphology_graphology/src/graphml/test/resources/mixed_multigraph.graphml", 6, 8, NULL },
  { "graphology_graphology/src/graphml/test/resources/multigraph.graphml", 6, 9, NULL },
  { "igraph_igraph/examples/simple/celegansneural.gml", 297, 2359, NULL },
  { "igraph_igraph/examples/simple/karate.gml", 34, 78, NULL },
  { "igraph_igraph/fuzzing/test_inputs/yfiles.graphml", 4, 3, NULL },
  { "igraph_igraph/tests/regression/bug_1970.graphml", 0, 0, "the key “one” for edge is declared twice" },
  { "igraph_igraph/tests/regression/bug_2497.gml", 0, 0, "a node has no id" },
  { "igraph_igraph/tests/regression/bug_2497.out", 2, 0, NULL },
  { "igraph_igraph/tests/regression/bug_2506_1.graphml", 0, 0, "the key “d3” for all is declared twice" },
  { "igraph_igraph/tests/regression/bug_2506_2.graphml", 0, 0, "the key “” for graph is declared twice" },
  { "igraph_igraph/tests/regression/bug_2506_3.graphml", 0, 0, NULL },
  { "igraph_igraph/tests/regression/cattr_bool_bug.graphml", 10, 9, NULL },
  { "igraph_igraph/tests/regression/cattr_bool_bug2.graphml", 0, 0, NULL },
  { "igraph_igraph/tests/regression/invalid1.gml", 34, 64, NULL },
  { "igraph_igraph/tests/regression/invalid1.graphml", 0, 0, "the XML is not well-formed: Input is not" },
  { "igraph_igraph/tests/regression/invalid2.gml", 0, 0, "not a GML graph: no “graph [ … ]” found" },
  { "igraph_igraph/tests/regression/invalid2.graphml", 0, 0, "the key “d1” for edge is declared twice" },
  { "igraph_igraph/tests/regression/invalid3.graphml", 0, 0, "the file is empty" },
  { "igraph_igraph/tests/regression/invalid4.gml", 0, 0, "“Version-0” has no value (found the end " },
  { "igraph_igraph/tests/regression/invalid4.graphml", 0, 0, "the file contains a NUL byte; it is not " },
  { "igraph_igraph/tests/regression/invalid5.gml", 0, 0, "a node has no id" },
  { "igraph_igraph/tests/regression/invalid5.graphml", 0, 0, "a <data> element has no “key”" },
  { "igraph_igraph/tests/regression/invalid6.gml", 0, 0, "expected a key, found 2" },
  { "igraph_igraph/tests/regression/invalid6.graphml", 0, 0, "the XML is not well-formed: Couldn't fin" },
  { "igraph_igraph/tests/regression/invalid_pajek1.net", 0, 0, "the first mode has 3 vertices, more than" },
  { "igraph_igraph/tests/regression/invalid_pajek2.net", 0, 0, "“0” is not a vertex number (they run fro" },
  { "igraph_igraph/tests/regression/invalid_pajek3.net", 0, 0, "“*Vertices” takes one or two numbers" },
  { "igraph_igraph/tests/unit/graphml-default-attrs.xml", 3, 2, NULL },
  { "igraph_igraph/tests/unit/graphml-hsa05010.xml", 26, 10, NULL },
  { "igraph_igraph/tests/unit/graphml-lenient.xml", 3, 2, NULL },
  { "igraph_igraph/tests/unit/graphml-namespace.xml", 3, 2, NULL },
  { "igraph_igraph/tests/unit/graphml-whitespace.xml", 5, 4, NULL },
  { "igraph_igraph/tests/unit/graphml-yed.xml", 3, 2, NULL },
  { "igraph_igraph/tests/unit/igraph_read_graph_graphml.out", 0, 0, "the first line must name the columns, wi" },
  { "igraph_igraph/tests/unit/pajek_bip.net", 15, 25, NULL },
  { "igraph_igraph/tests/unit/pajek_signed.net", 10, 45, NULL },
  { "igraph_igraph/tests/unit/test.graphml", 6, 7, NULL },
  { "igraph_igraph/tests/unit/utf8_with_bom.net", 10, 6, NULL },
  { "joshuaalley_arms-allies/data/atop-alliance-level.csv", 208, 9122, NULL },
  { "joshuaalley_arms-allies/data/atop-member-level.csv", 208, 11358, NULL },
  { "kluedemann_eurovision-voting-analysis/data/COW-country-codes.csv", 0, 0, "the first line must name the columns, wi" },
  { "networkx_networkx/examples/external/netscience.gml", 1589, 2742, NULL },
  { "polandll_llp-graph-examples/food/DGL/5.1-6.7_LOADING_DATA_EXAMPLES/GraphML/recipe_sample.gml", 0, 0, "the file ends before the XML document is" },
  { "vivekmithlesh_GSOC_MIC_TEST/states2016.csv", 0, 0, "the first line must name the columns, wi" },
};

/* A load slower than this is a hang as far as a student is concerned. */
#define MAX_SECONDS 30.0

static const char *
realdata_dir (void)
{
  return g_getenv ("ENTENTE_REALDATA");
}

static gboolean
have_realdata (void)
{
  const char *dir = realdata_dir ();

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip_printf ("the real-data folder is absent (ENTENTE_REALDATA=%s)", dir ? dir : "(unset)");
      return FALSE;
    }
  return TRUE;
}

static void
test_file (gconstpointer data)
{
  const Expectation *expectation = data;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = NULL;
  g_autoptr(GTimer) timer = NULL;

  if (!have_realdata ())
    return;
  path = g_build_filename (realdata_dir (), expectation->path, NULL);
  file = g_file_new_for_path (path);
  timer = g_timer_new ();
  world = ent_format_load_file (file, NULL, NULL, NULL, &error);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, MAX_SECONDS);

  if (expectation->phrase == NULL)
    {
      g_assert_no_error (error);
      g_assert_cmpuint (ent_world_get_n_actors (world), ==, expectation->n_actors);
      g_assert_cmpuint (ent_world_get_n_relations (world), ==, expectation->n_relations);
    }
  else
    {
      g_autofree char *basename = g_path_get_basename (path);

      g_assert_null (world);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, basename));
      g_assert_nonnull (strstr (error->message, expectation->phrase));
    }
}

static gboolean
is_listed (const char *relative)
{
  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    if (g_str_equal (expectations[i].path, relative))
      return TRUE;
  return FALSE;
}

static void
walk (const char *root,
      const char *relative,
      GPtrArray  *missing)
{
  g_autofree char *path = relative ? g_build_filename (root, relative, NULL) : g_strdup (root);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = relative ? g_build_filename (relative, name, NULL) : g_strdup (name);
      g_autofree char *full = g_build_filename (root, child, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        walk (root, child, missing);
      else if (!g_str_equal (name, "SHA256SUMS") && !g_str_equal (name, "SOURCES.md") &&
               !g_str_has_suffix (name, ".zip") && !is_listed (child))
        g_ptr_array_add (missing, g_steal_pointer (&child));
    }
}

/* A file added to the folder must be added to the table too. */
static void
test_every_file_listed (void)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);

  if (!have_realdata ())
    return;
  walk (realdata_dir (), NULL, missing);
  for (guint i = 0; i < missing->len; i++)
    g_test_message ("not in the table: %s", (char *) g_ptr_array_index (missing, i));
  g_assert_cmpuint (missing->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/realdata/every-file-listed", test_every_file_listed);
  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    {
      g_autofree char *name = g_strconcat ("/realdata/file/", expectations[i].path, NULL);

      g_test_add_data_func (name, &expectations[i], test_file);
    }
  return g_test_run ();
}
