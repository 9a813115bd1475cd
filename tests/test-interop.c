/* test-interop.c: import and export of GraphML, GML, GEXF, CSV, Pajek,
 * ATOP and COW files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ent-format.h"
#include "ent-format-csv.h"

/* ---- Helpers ------------------------------------------------------------ */

static EntWorld *
load_text (const char  *text,
           const char  *name,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return ent_format_load_bytes (NULL, bytes, name, NULL, NULL, NULL, error);
}

static EntWorld *
reload (EntWorld   *world,
        const char *format_id)
{
  const EntFormatInfo *format = ent_format_lookup (format_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = g_strconcat ("exported.", format->extensions[0], NULL);
  g_autoptr(GBytes) bytes = NULL;
  EntWorld *copy;
  gsize length;

  data = ent_format_to_data (format, world, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&data), length);
  copy = ent_format_load_bytes (NULL, bytes, name, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  return copy;
}

static JsonObject *
attributes_of (JsonObject *extra)
{
  JsonNode *node = extra ? json_object_get_member (extra, "attributes") : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
assert_attributes_equal (JsonObject *a,
                         JsonObject *b)
{
  g_autoptr(GList) members = NULL;

  g_assert_cmpuint (a ? json_object_get_size (a) : 0, ==, b ? json_object_get_size (b) : 0);
  if (a == NULL)
    return;
  members = json_object_get_members (a);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *x = json_object_get_member (a, l->data);
      JsonNode *y = json_object_get_member (b, l->data);

      g_assert_nonnull (y);
      if (!json_node_equal (x, y))
        {
          /* 2 and 2.0 are the same number. */
          g_assert_true (JSON_NODE_HOLDS_VALUE (x) && JSON_NODE_HOLDS_VALUE (y));
          g_assert_cmpfloat (json_node_get_double (x), ==, json_node_get_double (y));
        }
    }
}

/* Same actors, relations and attributes, item for item. */
static void
assert_worlds_equal (EntWorld *a,
                     EntWorld *b)
{
  g_assert_cmpuint (ent_world_get_n_actors (a), ==, ent_world_get_n_actors (b));
  g_assert_cmpuint (ent_world_get_n_relations (a), ==, ent_world_get_n_relations (b));
  for (guint i = 0; i < ent_world_get_n_actors (a); i++)
    {
      const EntActor *x = ent_world_get_actor (a, i);
      const EntActor *y = ent_world_lookup_actor (b, x->id);

      g_assert_nonnull (y);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->has_position, ==, y->has_position);
      if (x->has_position)
        {
          g_assert_cmpfloat_with_epsilon (x->x, y->x, 1e-9);
          g_assert_cmpfloat_with_epsilon (x->y, y->y, 1e-9);
        }
      assert_attributes_equal (attributes_of (x->extra), attributes_of (y->extra));
    }
  for (guint i = 0; i < ent_world_get_n_relations (a); i++)
    {
      const EntRelation *x = ent_world_get_relation (a, i);
      const EntRelation *y = ent_world_get_relation (b, i);

      g_assert_cmpstr (x->actor_a, ==, y->actor_a);
      g_assert_cmpstr (x->actor_b, ==, y->actor_b);
      g_assert_cmpint (x->type, ==, y->type);
      g_assert_cmpint (x->sign, ==, y->sign);
      g_assert_cmpfloat_with_epsilon (x->strength, y->strength, 1e-9);
      g_assert_true (ent_date_equal (x->since, y->since));
      g_assert_true (ent_date_equal (x->until, y->until));
      g_assert_cmpstr (x->label, ==, y->label);
      assert_attributes_equal (attributes_of (x->extra), attributes_of (y->extra));
    }
}

static const char *
attribute_string (JsonObject *extra,
                  const char *name)
{
  JsonObject *attributes = attributes_of (extra);

  return attributes && json_object_has_member (attributes, name)
         ? json_object_get_string_member (attributes, name) : NULL;
}

static gint64
attribute_int (JsonObject *extra,
               const char *name)
{
  JsonObject *attributes = attributes_of (extra);

  g_assert_nonnull (attributes);
  g_assert_true (json_object_has_member (attributes, name));
  return json_object_get_int_member (attributes, name);
}

/* ---- Samples ------------------------------------------------------------ */

static const char *graphml_sample =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
  "  <key id=\"d0\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
  "  <key id=\"d1\" for=\"node\" attr.name=\"population\" attr.type=\"long\"/>\n"
  "  <key id=\"d2\" for=\"node\" attr.name=\"nuclear\" attr.type=\"boolean\"><default>false</default></key>\n"
  "  <key id=\"d3\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
  "  <key id=\"d4\" for=\"edge\" attr.name=\"since\" attr.type=\"string\"/>\n"
  "  <key id=\"d5\" for=\"edge\" attr.name=\"treaty\" attr.type=\"string\"/>\n"
  "  <key id=\"d6\" for=\"node\" attr.name=\"x\" attr.type=\"double\"/>\n"
  "  <key id=\"d7\" for=\"node\" attr.name=\"y\" attr.type=\"double\"/>\n"
  "  <key id=\"d8\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
  "  <graph edgedefault=\"undirected\">\n"
  "    <node id=\"KOR\"><data key=\"d0\">South Korea</data><data key=\"d1\">51700000</data>\n"
  "      <data key=\"d6\">10.5</data><data key=\"d7\">-2</data></node>\n"
  "    <node id=\"USA\"><data key=\"d0\">United States &amp; co</data><data key=\"d2\">true</data></node>\n"
  "    <node id=\"JPN\"><data key=\"d0\">Japan</data></node>\n"
  "    <edge source=\"KOR\" target=\"USA\"><data key=\"d3\">0.9</data><data key=\"d4\">1953-10-01</data>\n"
  "      <data key=\"d5\">Mutual Defense Treaty</data><data key=\"d8\">alliance</data></edge>\n"
  "    <edge source=\"USA\" target=\"JPN\"><data key=\"d3\">0.8</data><data key=\"d4\">1960</data>\n"
  "      <data key=\"d8\">alliance</data></edge>\n"
  "    <edge source=\"KOR\" target=\"JPN\"><data key=\"d3\">0.4</data><data key=\"d8\">rivalry</data></edge>\n"
  "  </graph>\n"
  "</graphml>\n";

static const char *gml_sample =
  "Creator \"igraph version 0.10\"\r\n"
  "Version 1\r\n"
  "graph\r\n"
  "[\r\n"
  "  directed 0\r\n"
  "  node [ id 1 label \"Seoul &amp; Busan\" region \"East Asia\" graphics [ x 1.5 y -3 fill \"#ff0000\" ] ]\r\n"
  "  node [ id 2 label \"Tokyo\" capacity 10G ]\r\n"
  "  node [ id 3 label \"Beijing\" ]\r\n"
  "  # a comment\r\n"
  "  edge [ source 1 target 2 value 3 note \"x\" ]\r\n"
  "  edge [ source 2 target 3 value 6 ]\r\n"
  "  edge [ source 3 target 3 value 1 ]\r\n"
  "]";

static const char *gexf_sample =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n"
  "  <graph mode=\"dynamic\" defaultedgetype=\"undirected\" timeformat=\"date\">\n"
  "    <attributes class=\"node\"><attribute id=\"0\" title=\"bloc\" type=\"string\"/>\n"
  "      <attribute id=\"1\" title=\"gdp\" type=\"double\"/></attributes>\n"
  "    <attributes class=\"edge\"><attribute id=\"0\" title=\"basis\" type=\"string\"/></attributes>\n"
  "    <nodes>\n"
  "      <node id=\"a\" label=\"Alpha\"><attvalues><attvalue for=\"0\" value=\"north\"/>\n"
  "        <attvalue for=\"1\" value=\"2.5\"/></attvalues><viz:position x=\"1\" y=\"2\" z=\"0\"/></node>\n"
  "      <node id=\"b\" label=\"Beta\"/>\n"
  "      <node id=\"c\" label=\"Gamma\"/>\n"
  "    </nodes>\n"
  "    <edges>\n"
  "      <edge id=\"e1\" source=\"a\" target=\"b\" weight=\"2\" start=\"1950-06-25\" end=\"1953-07-27\">\n"
  "        <attvalues><attvalue for=\"0\" value=\"war\"/></attvalues></edge>\n"
  "      <edge id=\"e2\" source=\"b\" target=\"c\" weight=\"4\"><spells><spell start=\"1991\" end=\"2001\"/>\n"
  "        <spell start=\"2005\"/></spells></edge>\n"
  "    </edges>\n"
  "  </graph>\n"
  "</gexf>\n";

/* ---- GraphML ------------------------------------------------------------ */

static void
test_graphml_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = load_text (graphml_sample, "sample.graphml", &error);
  const EntActor *kor, *usa;
  const EntRelation *mdt;

  g_assert_no_error (error);
  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 3);
  g_assert_cmpuint (ent_world_get_n_relations (world), ==, 3);
  kor = ent_world_lookup_actor (world, "KOR");
  usa = ent_world_lookup_actor (world, "USA");
  g_assert_cmpstr (kor->name, ==, "South Korea");
  g_assert_cmpstr (usa->name, ==, "United States & co");
  g_assert_true (kor->has_position);
  g_assert_cmpfloat (kor->x, ==, 10.5);
  g_assert_cmpint (attribute_int (kor->extra, "population"), ==, 51700000);
  /* The key's default fills in where a node has no value. */
  g_assert_false (json_object_get_boolean_member (attributes_of (kor->extra), "nuclear"));
  g_assert_true (json_object_get_boolean_member (attributes_of (usa->extra), "nuclear"));

  mdt = ent_world_get_relation (world, 0);
  g_assert_cmpint (mdt->type, ==, ENT_RELATION_ALLIANCE);
  g_assert_cmpfloat (mdt->strength, ==, 0.9);
  g_assert_cmpint (mdt->since.year, ==, 1953);
  g_assert_cmpint (mdt->since.day, ==, 1);
  g_assert_cmpstr (attribute_string (mdt->extra, "treaty"), ==, "Mutual Defense Treaty");
  g_assert_cmpint (ent_world_get_relation (world, 2)->type, ==, ENT_RELATION_RIVALRY);
  g_assert_cmpint (ent_world_get_relation (world, 2)->sign, ==, -1);
}

static void
test_graphml_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = load_text (graphml_sample, "sample.graphml", &error);
  g_autoptr(EntWorld) copy = NULL;
  g_autoptr(EntWorld) again = NULL;

  g_assert_no_error (error);
  copy = reload (world, "graphml");
  assert_worlds_equal (world, copy);
  /* Stable: a second trip changes nothing either. */
  again = reload (copy, "graphml");
  assert_worlds_equal (copy, again);
}

static void
test_graphml_flavours (void)
{
  static const char *namespaced =
    "<ns3:graphml xmlns:ns3=\"http://graphml.graphdrawing.org/xmlns\"><ns3:graph edgedefault=\"directed\">"
    "<ns3:node id=\"0\"/><ns3:node id=\"1\"/><ns3:edge source=\"1\" target=\"0\"/></ns3:graph></ns3:graphml>";
  static const char *yed =
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:y=\"http://www.yworks.com/xml/graphml\">"
    "<key id=\"d6\" for=\"node\" yfiles.type=\"nodegraphics\"/><graph edgedefault=\"directed\">"
    "<node id=\"n0\"><data key=\"d6\"><y:ShapeNode><y:Geometry height=\"30\" width=\"40\" x=\"100\" y=\"50\"/>"
    "<y:NodeLabel>Seoul</y:NodeLabel></y:ShapeNode></data></node>"
    "<node id=\"n1\"/><edge source=\"n0\" target=\"n1\"/><edge source=\"n1\" target=\"n2\"/></graph></graphml>";
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = load_text (namespaced, "ns.graphml", &error);
  g_autoptr(EntWorld) yed_world = NULL;
  const EntActor *seoul;

  g_assert_no_error (error);
  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 2);
  g_assert_cmpuint (ent_world_get_n_relations (world), ==, 1);

  yed_world = load_text (yed, "yed.graphml", &error);
  g_assert_no_error (error);
  seoul = ent_world_lookup_actor (yed_world, "n0");
  g_assert_cmpstr (seoul->name, ==, "Seoul");
  g_assert_cmpfloat (seoul->x, ==, 120);
  g_assert_cmpfloat (seoul->y, ==, 65);
  /* An edge to an undeclared node declares it. */
  g_assert_nonnull (ent_world_lookup_actor (yed_world, "n2"));
}

static void
test_graphml_errors (void)
{
  static const struct { const char *text; const char *name; const char *phrase; } cases[] = {
    { "<graphml><graph><node id=\"a\"></graph></graphml>", "bad.graphml", "bad.graphml:1:" },
    /* Wrong extension and truncated: sniffed as GraphML. */
    { "<?xml version=\"1.0\"?>\n<graphml>\n<graph>\n<node id=\"a\"/>\n", "recipe.gml", "truncated" },
    { "<graphml><key id=\"k\" for=\"edge\"/><key id=\"k\" for=\"edge\"/></graphml>", "dup.graphml",
      "declared twice" },
    { "<graphml><graph><node/></graph></graphml>", "noid.graphml", "has no “id”" },
    { "<svg></svg>", "picture.graphml", "not a GraphML document" },
    { "<!DOCTYPE graphml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><graphml><graph>"
      "<node id=\"&x;\"/></graph></graphml>", "xxe.graphml", "xxe.graphml" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EntWorld) world = load_text (cases[i].text, cases[i].name, &error);

      if (world != NULL)
        {
          /* An external entity is never loaded: no node named after the file's text. */
          g_assert_cmpstr (cases[i].name, ==, "xxe.graphml");
          for (guint a = 0; a < ent_world_get_n_actors (world); a++)
            g_assert_null (strstr (ent_world_get_actor (world, a)->id, "root:"));
          continue;
        }
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].name));
      g_assert_nonnull (strstr (error->message, cases[i].phrase));
    }
}

/* ---- GML ---------------------------------------------------------------- */

static void
test_gml_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = load_text (gml_sample, "sample.gml", &error);
  const EntActor *seoul;
  const EntRelation *first;
  JsonObject *record;

  g_assert_no_error (error);
  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 3);
  /* The self-loop is left out: the model has no tie of an actor with itself. */
  g_assert_cmpuint (ent_world_get_n_relations (world), ==, 2);
  seoul = ent_world_lookup_actor (world, "1");
  g_assert_cmpstr (seoul->name, ==, "Seoul & Busan");
  g_assert_cmpstr (seoul->region, ==, "East Asia");
  g_assert_cmpfloat (seoul->x, ==, 1.5);
  g_assert_cmpfloat (seoul->y, ==, -3);
  g_assert_cmpstr (attribute_string (seoul->extra, "graphics.fill"), ==, "#ff0000");
  g_assert_cmpstr (attribute_string (ent_world_lookup_actor (world, "2")->extra, "capacity"), ==, "10G");
  /* Weights 3 and 6 are scaled by the largest into (0, 1]. */
  first = ent_world_get_relation (world, 0);
  g_assert_cmpfloat (first->strength, ==, 0.5);
  g_assert_cmpstr (first->note, ==, "x");
  record = json_object_get_object_member (ent_world_get_info (world)->extra, "import");
  g_assert_cmpfloat (json_object_get_double_member (record, "weight_scale"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (record, "skipped_self_loops"), ==, 1);
}

static void
test_gml_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = load_text (gml_sample, "sample.gml", &error);
  g_autoptr(EntWorld) copy = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_assert_no_error (error);
  copy = reload (world, "gml");
  assert_worlds_equal (world, copy);
  /* The weight goes back under its own name, unscaled. */
  data = ent_format_to_data (ent_format_lookup ("gml"), world, &length, &error);
  g_assert_nonnull (strstr (data, "value 3\n"));
  g_assert_nonnull (strstr (data, "value 6\n"));
}

static void
test_gml_errors (void)
{
  static const struct { const char *text; const char *phrase; } cases[] = {
    { "graph [ node [ id 1 ] edge [ source 1 ", "sample.gml:1: the file ends inside a list" },
    { "graph [\n node [ label \"x\" ]\n]", "sample.gml:2: a node has no id" },
    { "graph [\n node [ id 1 label \"never closed ]\n]", "sample.gml:2: a string starts here" },
    { "Version 1\n", "no “graph" },
    { "graph [ node [ id 1 ] node [ id 1 ] ]", "already a node" },
    { "graph [ 12 ]", "expected a key" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_bytes_new (cases[i].text, strlen (cases[i].text));
      g_autoptr(EntWorld) world = ent_format_load_bytes (ent_format_lookup ("gml"), bytes, "sample.gml",
                                                          NULL, NULL, NULL, &error);

      g_assert_null (world);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].phrase));
    }
}

/* ---- GEXF --------------------------------------------------------------- */

static void
test_gexf_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = load_text (gexf_sample, "sample.gexf", &error);
  const EntActor *alpha;
  const EntRelation *war, *second;

  g_assert_no_error (error);
  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 3);
  g_assert_cmpuint (ent_world_get_n_relations (world), ==, 2);
  alpha = ent_world_lookup_actor (world, "a");
  g_assert_cmpstr (alpha->name, ==, "Alpha");
  g_assert_cmpfloat (alpha->x, ==, 1);
  g_assert_cmpstr (attribute_string (alpha->extra, "bloc"), ==, "north");
  war = ent_world_lookup_relation (world, "e1");
  g_assert_cmpint (war->since.year, ==, 1950);
  g_assert_cmpint (war->until.year, ==, 1953);
  g_assert_cmpint (war->until.month, ==, 7);
  g_assert_cmpfloat (war->strength, ==, 0.5);
  g_assert_cmpstr (attribute_string (war->extra, "basis"), ==, "war");
  /* The first spell is the period; the others are kept as text. */
  second = ent_world_lookup_relation (world, "e2");
  g_assert_cmpint (second->since.year, ==, 1991);
  g_assert_cmpint (second->until.year, ==, 2001);
  g_assert_cmpstr (attribute_string (second->extra, "spells"), ==, "[2005, ]");
}

static void
test_gexf_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = load_text (gexf_sample, "sample.gexf", &error);
  g_autoptr(EntWorld) copy = NULL;

  g_assert_no_error (error);
  copy = reload (world, "gexf");
  assert_worlds_equal (world, copy);
}

/* An attribute declared with two <default>s keeps the first, as the
 * reader keeps a node's first position and colour (the second once leaked,
 * tests/data/fuzz-regressions/gexf-repeated-default.gexf). */
static void
test_gexf_repeated_default (void)
{
  static const char *text =
    "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\"><graph>\n"
    "  <attributes class=\"node\"><attribute id=\"0\" title=\"bloc\" type=\"string\">\n"
    "    <default>west</default><default>east</default></attribute></attributes>\n"
    "  <nodes><node id=\"a\" label=\"Alpha\"/>\n"
    "    <node id=\"b\" label=\"Beta\"><attvalues><attvalue for=\"0\" value=\"north\"/></attvalues></node>\n"
    "  </nodes>\n"
    "</graph></gexf>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = load_text (text, "defaults.gexf", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (attribute_string (ent_world_lookup_actor (world, "a")->extra, "bloc"), ==, "west");
  g_assert_cmpstr (attribute_string (ent_world_lookup_actor (world, "b")->extra, "bloc"), ==, "north");
}

/* ---- Exports read back -------------------------------------------------- */

static EntWorld *
load_dataset (void)
{
  const char *root = g_getenv ("ENTENTE_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  EntWorld *world;

  path = root ? g_build_filename (root, "data", "datasets", "northeast-asia-2025.entente.json", NULL)
              : g_test_build_filename (G_TEST_DIST, "..", "data", "datasets", "northeast-asia-2025.entente.json", NULL);
  file = g_file_new_for_path (path);
  world = ent_format_load_file (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return world;
}

static void
test_exports_read_back (void)
{
  static const char * const formats[] = { "graphml", "gml", "gexf", "csv" };
  g_autoptr(EntWorld) world = load_dataset ();

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(EntWorld) copy = reload (world, formats[f]);

      g_test_message ("%s", formats[f]);
      g_assert_cmpuint (ent_world_get_n_actors (copy), ==, ent_world_get_n_actors (world));
      g_assert_cmpuint (ent_world_get_n_relations (copy), ==, ent_world_get_n_relations (world));
      for (guint i = 0; i < ent_world_get_n_relations (world); i++)
        {
          const EntRelation *x = ent_world_get_relation (world, i);
          const EntRelation *y = ent_world_get_relation (copy, i);

          g_assert_cmpint (x->type, ==, y->type);
          g_assert_cmpint (x->sign, ==, y->sign);
          g_assert_cmpfloat_with_epsilon (x->strength, y->strength, 1e-9);
          g_assert_true (ent_date_equal (x->since, y->since));
          g_assert_true (ent_date_equal (x->until, y->until));
          g_assert_cmpstr (x->label, ==, y->label);
        }
      /* A CSV edge list read alone has no node list, hence no names. */
      for (guint i = 0; !g_str_equal (formats[f], "csv") && i < ent_world_get_n_actors (world); i++)
        g_assert_cmpstr (ent_world_get_actor (world, i)->name, ==,
                         ent_world_lookup_actor (copy, ent_world_get_actor (world, i)->id)->name);
    }
}

static void
test_save_files (void)
{
  g_autoptr(EntWorld) world = load_dataset ();
  g_autofree char *dir = g_dir_make_tmp ("entente-interop-XXXXXX", NULL);
  static const char * const names[] = { "w.graphml", "w.gml", "w.gexf", "w.csv", "w.entente.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(EntWorld) copy = NULL;

      g_assert_true (ent_format_save_file (world, file, &error));
      g_assert_no_error (error);
      copy = ent_format_load_file (file, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ent_world_get_n_actors (copy), ==, ent_world_get_n_actors (world));
      g_assert_cmpuint (ent_world_get_n_relations (copy), ==, ent_world_get_n_relations (world));
      for (guint a = 0; a < ent_world_get_n_actors (world); a++)
        g_assert_cmpstr (ent_world_get_actor (world, a)->name, ==,
                         ent_world_lookup_actor (copy, ent_world_get_actor (world, a)->id)->name);
      g_unlink (path);
    }
  {
    g_autofree char *nodes = g_build_filename (dir, "w.nodes.csv", NULL);
    g_autofree char *bad = g_build_filename (dir, "w.net", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (bad);
    g_autoptr(GError) error = NULL;

    g_assert_true (g_file_test (nodes, G_FILE_TEST_EXISTS));
    g_unlink (nodes);
    g_assert_false (ent_format_save_file (world, file, &error));
    g_assert_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_UNSUPPORTED);
  }
  g_rmdir (dir);
}

/* ---- CSV ---------------------------------------------------------------- */

static void
test_csv_mapping (void)
{
  static const char *header = "\xEF\xBB\xBF" "From;To;Kind;Strength;Date;Until;Name;Comment\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(EntCsvMapping) mapping = ent_csv_mapping_sniff (header, strlen (header), &error);
  g_autoptr(EntCsvMapping) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (mapping->separator, ==, ';');
  g_assert_cmpstr (mapping->source, ==, "From");
  g_assert_cmpstr (mapping->target, ==, "To");
  g_assert_null (mapping->type);          /* "Kind" is not a relation type column */
  g_assert_cmpstr (mapping->weight, ==, "Strength");
  g_assert_cmpstr (mapping->since, ==, "Date");
  g_assert_cmpstr (mapping->until, ==, "Until");
  g_assert_cmpstr (mapping->label, ==, "Name");

  none = ent_csv_mapping_sniff ("a\tb\tc\n", 6, &error);
  g_assert_null (none);
  g_assert_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_INVALID);
}

static void
test_csv_import (void)
{
  static const char *edges =
    "source,target,type,weight,since,until,label,treaty\r\n"
    "KOR,USA,alliance,0.9,1953-10-01,,\"Mutual Defense Treaty, 1953\",\"He said \"\"yes\"\"\"\r\n"
    "\r\n"
    "KOR,JPN,rivalry,0.3,1965,2025-06,,\"two\nlines\"\r\n"
    "CHN,PRK,alliance,1,1961-07-11,,Treaty of Friendship,";
  static const char *nodes = "id\tlabel\tregion\tpopulation\nKOR\tSouth Korea\tEast Asia\t51700000\nZZZ\tLonely\t\t\n";
  g_autoptr(GBytes) edge_bytes = g_bytes_new_static (edges, strlen (edges));
  g_autoptr(GBytes) node_bytes = g_bytes_new_static (nodes, strlen (nodes));
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = ent_csv_load_bytes (edge_bytes, node_bytes, NULL, "ties.csv", NULL, NULL, NULL, &error);
  g_autoptr(EntWorld) copy = NULL;
  const EntRelation *mdt, *rivalry;
  const EntActor *kor;

  g_assert_no_error (error);
  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 6);
  g_assert_cmpuint (ent_world_get_n_relations (world), ==, 3);
  kor = ent_world_lookup_actor (world, "KOR");
  g_assert_cmpstr (kor->name, ==, "South Korea");
  g_assert_cmpstr (kor->region, ==, "East Asia");
  g_assert_cmpint (attribute_int (kor->extra, "population"), ==, 51700000);
  mdt = ent_world_get_relation (world, 0);
  g_assert_cmpstr (mdt->label, ==, "Mutual Defense Treaty, 1953");
  g_assert_cmpstr (attribute_string (mdt->extra, "treaty"), ==, "He said \"yes\"");
  g_assert_cmpint (mdt->type, ==, ENT_RELATION_ALLIANCE);
  rivalry = ent_world_get_relation (world, 1);
  g_assert_cmpint (rivalry->sign, ==, -1);
  g_assert_cmpint (rivalry->until.month, ==, 6);
  g_assert_cmpstr (attribute_string (rivalry->extra, "treaty"), ==, "two\nlines");

  copy = reload (world, "csv");
  /* The edge list alone: actors only from the edges, the rest intact. */
  g_assert_cmpuint (ent_world_get_n_relations (copy), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const EntRelation *x = ent_world_get_relation (world, i);
      const EntRelation *y = ent_world_get_relation (copy, i);

      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpfloat (x->strength, ==, y->strength);
      assert_attributes_equal (attributes_of (x->extra), attributes_of (y->extra));
    }
}

static void
test_csv_errors (void)
{
  static const struct { const char *text; const char *phrase; } cases[] = {
    { "source,target\nA,B\nC,\"D\n", "ties.csv:3: a quoted field" },
    { "source,target\nA,B,C\n", "ties.csv:2: the record has 3 fields" },
    { "source,target\nA,\n", "ties.csv:2: an edge needs both" },
    { "a,b\nA,B\n", "ties.csv:1: the first line must name" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(GError) error = NULL;
      g_autoptr(EntWorld) world = ent_csv_load_bytes (bytes, NULL, NULL, "ties.csv", NULL, NULL, NULL, &error);

      g_assert_null (world);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].phrase));
    }
}

/* ---- Pajek -------------------------------------------------------------- */

static void
test_pajek (void)
{
  static const char *net =
    "\xEF\xBB\xBF%% a comment\n*Network test\n*Vertices 4\n1 \"Seoul\" 0.1 0.2\n2 Tokyo\n3 \"New York\"\n"
    "*Matrix\n0 1 -1 0\n1 0 0 0\n-1 0 0 0\n0 0 0 0\n*Partition bloc\n*Vertices 4\n1\n1\n2\n2\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = load_text (net, "test.net", &error);
  const EntRelation *negative;

  g_assert_no_error (error);
  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 4);
  /* Symmetric: each pair once. */
  g_assert_cmpuint (ent_world_get_n_relations (world), ==, 2);
  g_assert_cmpstr (ent_world_lookup_actor (world, "1")->name, ==, "Seoul");
  g_assert_cmpstr (ent_world_lookup_actor (world, "3")->name, ==, "New York");
  g_assert_cmpstr (ent_world_lookup_actor (world, "4")->name, ==, "4");
  g_assert_cmpfloat (ent_world_lookup_actor (world, "1")->x, ==, 100);
  g_assert_cmpint (attribute_int (ent_world_lookup_actor (world, "3")->extra, "bloc"), ==, 2);
  negative = ent_world_get_relation (world, 1);
  g_assert_cmpint (negative->sign, ==, -1);
  g_assert_cmpint (negative->type, ==, ENT_RELATION_RIVALRY);

  g_clear_object (&world);
  world = load_text ("*Vertices 2\n1 a\n2 b\n*Edges\n1 3\n", "bad.net", &error);
  g_assert_null (world);
  g_assert_nonnull (strstr (error->message, "bad.net:5: “3” is not a vertex number"));
  g_clear_error (&error);

  /* Found by fuzzing: a vertex listed twice leaked its first label. It
   * keeps the last one (run under LeakSanitizer to see the leak). */
  world = load_text ("*Vertices 2\n1 \"a\"\n1 \"b\"\n*Edges\n1 2\n", "twice.net", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ent_world_lookup_actor (world, "1")->name, ==, "b");
  g_assert_cmpuint (ent_world_get_n_relations (world), ==, 1);
  g_clear_object (&world);

  /* Found by fuzzing: 18 bytes declaring a million vertices made a million
   * actors. A file may declare 100,000, or 16 per byte it holds. */
  world = load_text ("*Vertices 1000000\n", "huge.net", &error);
  g_assert_null (world);
  g_assert_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.net:1: the file declares 1000000 vertices"));
  g_clear_error (&error);
  world = load_text ("*Vertices 50000\n*Edges\n1 2\n", "many.net", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 50000);
}

/* ---- Alliance datasets -------------------------------------------------- */

static const EntRelation *
find_relation (EntWorld   *world,
               const char *a,
               const char *b,
               int         since_year)
{
  for (guint i = 0; i < ent_world_get_n_relations (world); i++)
    {
      const EntRelation *relation = ent_world_get_relation (world, i);

      if (((g_str_equal (relation->actor_a, a) && g_str_equal (relation->actor_b, b)) ||
           (g_str_equal (relation->actor_a, b) && g_str_equal (relation->actor_b, a))) &&
          relation->since.year == since_year)
        return relation;
    }
  return NULL;
}

static void
test_cow_dyadic (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cow-dyadic-sample.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = ent_format_load_file (file, NULL, NULL, NULL, &error);
  const EntRelation *relation;

  g_assert_no_error (error);
  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 6);
  g_assert_cmpuint (ent_world_get_n_relations (world), ==, 5);
  g_assert_cmpstr (ent_world_lookup_actor (world, "KOR")->name, ==, "South Korea");
  g_assert_cmpstr (ent_world_lookup_actor (world, "PRK")->name, ==, "North Korea");
  relation = find_relation (world, "USA", "KOR", 1953);
  g_assert_nonnull (relation);
  g_assert_cmpint (relation->type, ==, ENT_RELATION_ALLIANCE);
  g_assert_cmpint (relation->since.month, ==, 10);
  g_assert_false (ent_date_is_set (relation->until));
  relation = find_relation (world, "RUS", "CHN", 1950);
  g_assert_cmpint (relation->until.year, ==, 1980);
  relation = find_relation (world, "RUS", "JPN", 1941);
  g_assert_cmpint (relation->type, ==, ENT_RELATION_PARTNERSHIP);
  g_assert_cmpint (relation->until.year, ==, 1945);
  g_assert_cmpint (attribute_int (relation->extra, "neutrality"), ==, 1);
}

static void
test_atop_small (void)
{
  static const char *member_level =
    "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul\n"
    "9001,2,1951,9,8,1960,1,19,0,1,0,0,0,1\n"
    "9001,740,1951,9,8,1960,1,19,0,0,0,0,0,1\n"
    "9002,710,1961,7,11,0,0,0,0,0,0,0,0,1\n"
    "9002,731,1961,7,11,0,0,0,0,0,0,0,0,1\n"
    "9002,365,1970,0,0,1975,0,0,0,0,0,0,0,1\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = load_text (member_level, "atop.csv", &error);
  const EntRelation *relation;

  g_assert_no_error (error);
  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 5);
  g_assert_cmpuint (ent_world_get_n_relations (world), ==, 4);
  relation = find_relation (world, "USA", "JPN", 1951);
  /* The U.S. side's defense obligation makes it an alliance. */
  g_assert_cmpint (relation->type, ==, ENT_RELATION_ALLIANCE);
  g_assert_cmpint (relation->until.year, ==, 1960);
  relation = find_relation (world, "CHN", "RUS", 1970);
  g_assert_cmpint (relation->type, ==, ENT_RELATION_PARTNERSHIP);
  g_assert_cmpint (relation->until.year, ==, 1975);
  g_assert_cmpuint (ent_world_get_n_blocs (world), ==, 1);
  g_assert_cmpstr (ent_world_get_bloc (world, 0)->id, ==, "atop9002");
}

static void
test_atop_real (void)
{
  const char *realdata = g_getenv ("ENTENTE_REALDATA");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = NULL;
  const EntRelation *usa_jpn_1951, *usa_jpn_1960, *usa_kor;

  path = g_build_filename (realdata ? realdata : "", "joshuaalley_arms-allies", "data", "atop-member-level.csv", NULL);
  if (realdata == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip_printf ("the ATOP member-level file is not at %s", path);
      return;
    }
  file = g_file_new_for_path (path);
  world = ent_format_load_file (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* ATOP 3220 (Security Treaty, 1951-09-08 to 1960-01-19), 3375 (Treaty
   * of Mutual Cooperation and Security, 1960-01-19) and 3240 (Mutual
   * Defense Treaty, 1953-10-01). */
  usa_jpn_1951 = find_relation (world, "USA", "JPN", 1951);
  usa_jpn_1960 = find_relation (world, "USA", "JPN", 1960);
  usa_kor = find_relation (world, "USA", "KOR", 1953);
  g_assert_nonnull (usa_jpn_1951);
  g_assert_nonnull (usa_jpn_1960);
  g_assert_nonnull (usa_kor);
  g_assert_cmpint (usa_jpn_1951->type, ==, ENT_RELATION_ALLIANCE);
  g_assert_cmpint (usa_jpn_1951->since.month, ==, 9);
  g_assert_cmpint (usa_jpn_1951->since.day, ==, 8);
  g_assert_cmpint (usa_jpn_1951->until.year, ==, 1960);
  g_assert_cmpint (usa_jpn_1960->type, ==, ENT_RELATION_ALLIANCE);
  g_assert_false (ent_date_is_set (usa_jpn_1960->until));
  g_assert_cmpint (usa_kor->type, ==, ENT_RELATION_ALLIANCE);
  g_assert_cmpint (usa_kor->since.month, ==, 10);
  g_assert_cmpint (usa_kor->since.day, ==, 1);
  g_assert_cmpint (attribute_int (usa_kor->extra, "atopid"), ==, 3240);
  g_assert_cmpstr (ent_world_lookup_actor (world, "KOR")->name, ==, "South Korea");
}

/* ---- Cancellation and progress ------------------------------------------ */

typedef struct
{
  GCancellable *cancellable;
  guint         calls;
  double        last;
} Progress;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpfloat (fraction, >=, progress->last);
  progress->last = fraction;
  progress->calls++;
  if (progress->cancellable != NULL && fraction > 0.3)
    g_cancellable_cancel (progress->cancellable);
}

static GBytes *
big_gml (void)
{
  GString *text = g_string_new ("graph [\n");

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "  node [ id %u label \"n%u\" ]\n", i, i);
  for (guint i = 0; i < 60000; i++)
    g_string_append_printf (text, "  edge [ source %u target %u weight %u ]\n", i % 20000, (i * 7 + 1) % 20000, i % 5 + 1);
  g_string_append (text, "]\n");
  return g_string_free_to_bytes (text);
}

static void
test_cancel (void)
{
  g_autoptr(GBytes) bytes = big_gml ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress progress = { cancellable, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = NULL;

  world = ent_format_load_bytes (NULL, bytes, "big.gml", cancellable, progress_cb, &progress, &error);
  g_assert_null (world);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, "big.gml"));
  g_assert_cmpuint (progress.calls, >, 1);
  g_assert_cmpfloat (progress.last, <, 1.0);
}

static void
test_progress (void)
{
  g_autoptr(GBytes) bytes = big_gml ();
  Progress progress = { NULL, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = NULL;

  world = ent_format_load_bytes (NULL, bytes, "big.gml", NULL, progress_cb, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ent_world_get_n_actors (world), ==, 20000);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  g_assert_cmpuint (progress.calls, >, 10);
  g_assert_cmpuint (progress.calls, <, 500);
}

/* ---- The registry ------------------------------------------------------- */

static void
test_registry (void)
{
  const EntFormatInfo * const *formats = ent_format_list ();
  guint n = 0;

  for (; formats[n] != NULL; n++)
    {
      g_assert_nonnull (formats[n]->name);
      g_assert_nonnull (formats[n]->extensions[0]);
      g_assert_nonnull (formats[n]->mime_types[0]);
      g_assert_true (ent_format_lookup (formats[n]->id) == formats[n]);
    }
  g_assert_cmpuint (n, >=, 8);
  g_assert_cmpstr (ent_format_for_filename ("A.GraphML")->id, ==, "graphml");
  g_assert_cmpstr (ent_format_for_filename ("x.entente.json")->id, ==, "entente");
  g_assert_cmpstr (ent_format_for_filename ("x.paj")->id, ==, "pajek");
  g_assert_null (ent_format_for_filename ("x.docx"));
  g_assert_cmpstr (ent_format_sniff ("x.gml", "<?xml?><graphml>", 16)->id, ==, "graphml");
  g_assert_cmpstr (ent_format_sniff ("x.txt", "<gexf version=\"1.3\">", 20)->id, ==, "gexf");
  g_assert_cmpstr (ent_format_sniff (NULL, "Creator \"x\"\ngraph\n[", 19)->id, ==, "gml");
  g_assert_cmpstr (ent_format_sniff (NULL, "%c\n*Vertices 3\n", 15)->id, ==, "pajek");
  g_assert_cmpstr (ent_format_sniff (NULL, "atopid,member,yrent\n", 20)->id, ==, "atop");
  g_assert_cmpstr (ent_format_sniff (NULL, "ccode1,ccode2\n", 14)->id, ==, "cow");
  g_assert_cmpstr (ent_format_sniff ("x.csv", "source,target\n", 14)->id, ==, "csv");
  g_assert_cmpstr (ent_format_sniff ("x.gexf", "{\"format\":", 10)->id, ==, "entente");
}

static void
test_empty_and_binary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = load_text ("  \n", "empty.graphml", &error);
  static const char binary[] = { '<', 0, 0, 'g', 'r' };
  g_autoptr(GBytes) bytes = g_bytes_new_static (binary, sizeof binary);

  g_assert_null (world);
  g_assert_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_EMPTY);
  g_clear_error (&error);
  world = ent_format_load_bytes (NULL, bytes, "binary.graphml", NULL, NULL, NULL, &error);
  g_assert_null (world);
  g_assert_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_ENCODING);
  g_clear_error (&error);
  world = load_text ("just some words", "words.txt", &error);
  g_assert_null (world);
  g_assert_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_UNSUPPORTED);
}

/* A column the user maps to nothing stays a custom attribute, even when
 * its name is one the model would otherwise take ("weight"). */
static void
test_csv_unmapped_column (void)
{
  static const char csv[] = "source,target,weight,type\nA,B,3,alliance\nB,C,1,rivalry\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, sizeof csv - 1);
  g_autoptr(EntCsvMapping) mapping = ent_csv_mapping_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EntWorld) world = NULL;
  const EntRelation *relation;

  mapping->source = g_strdup ("source");
  mapping->target = g_strdup ("target");
  mapping->type = g_strdup ("type");
  world = ent_csv_load_bytes (bytes, NULL, mapping, "unmapped.csv", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  relation = ent_world_get_relation (world, 0);
  g_assert_cmpint (relation->type, ==, ENT_RELATION_ALLIANCE);
  g_assert_cmpfloat (relation->strength, ==, 0.5);
  g_assert_cmpint (attribute_int (relation->extra, "weight"), ==, 3);

  /* Mapped, the same column is the strength. */
  g_clear_object (&world);
  mapping->weight = g_strdup ("weight");
  world = ent_csv_load_bytes (bytes, NULL, mapping, "mapped.csv", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (ent_world_get_relation (world, 0)->strength, ==, 1.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/interop/csv/unmapped-column", test_csv_unmapped_column);
  g_test_add_func ("/interop/registry", test_registry);
  g_test_add_func ("/interop/empty-and-binary", test_empty_and_binary);
  g_test_add_func ("/interop/graphml/import", test_graphml_import);
  g_test_add_func ("/interop/graphml/round-trip", test_graphml_round_trip);
  g_test_add_func ("/interop/graphml/flavours", test_graphml_flavours);
  g_test_add_func ("/interop/graphml/errors", test_graphml_errors);
  g_test_add_func ("/interop/gml/import", test_gml_import);
  g_test_add_func ("/interop/gml/round-trip", test_gml_round_trip);
  g_test_add_func ("/interop/gml/errors", test_gml_errors);
  g_test_add_func ("/interop/gexf/import", test_gexf_import);
  g_test_add_func ("/interop/gexf/round-trip", test_gexf_round_trip);
  g_test_add_func ("/interop/gexf/repeated-default", test_gexf_repeated_default);
  g_test_add_func ("/interop/csv/mapping", test_csv_mapping);
  g_test_add_func ("/interop/csv/import", test_csv_import);
  g_test_add_func ("/interop/csv/errors", test_csv_errors);
  g_test_add_func ("/interop/pajek", test_pajek);
  g_test_add_func ("/interop/cow/dyadic", test_cow_dyadic);
  g_test_add_func ("/interop/atop/small", test_atop_small);
  g_test_add_func ("/interop/atop/real", test_atop_real);
  g_test_add_func ("/interop/exports-read-back", test_exports_read_back);
  g_test_add_func ("/interop/save-files", test_save_files);
  g_test_add_func ("/interop/cancel", test_cancel);
  g_test_add_func ("/interop/progress", test_progress);

  return g_test_run ();
}
