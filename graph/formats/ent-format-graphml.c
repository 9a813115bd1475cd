/* ent-format-graphml.c: GraphML import and export (docs/FORMATS.md)
 *
 * Reads plain GraphML as written by igraph, networkx, Gephi and graphology,
 * with or without the namespace, and the yEd / yFiles flavours, whose node
 * labels and positions live in structured <data> (y:NodeLabel, y:Geometry,
 * y:Label.Text, y:RectD).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-format"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "ent-format-xml.h"

/* ---- Reading ------------------------------------------------------------ */

typedef struct
{
  char         *id;
  char         *domain;      /* node, edge, graph, all … */
  char         *name;        /* attr.name, or the id when there is none */
  EntValueType  type;
  gboolean      typed;       /* attr.type was given */
  gboolean      structured;  /* yfiles.type: data holds elements, not a value */
  char         *default_text;
} Key;

typedef enum
{
  ITEM_NODE,
  ITEM_EDGE,
} ItemKind;

typedef struct
{
  ItemKind    kind;
  guint       line;
  char       *id;
  char       *source;
  char       *target;
  JsonObject *attributes;
  char       *structured_label;
  gboolean    has_geometry;
  double      x;
  double      y;
} Item;

typedef struct
{
  EntImport    *import;
  EntXmlReader  xml;
  GHashTable   *keys;         /* "domain:id" -> Key */
  GPtrArray    *key_list;
  GPtrArray    *stack;        /* (element-type Item): open nodes and edges */
  gboolean      seen_graph;
} GraphmlReader;

static void
key_free (gpointer data)
{
  Key *key = data;

  g_free (key->id);
  g_free (key->domain);
  g_free (key->name);
  g_free (key->default_text);
  g_free (key);
}

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->id);
  g_free (item->source);
  g_free (item->target);
  g_clear_pointer (&item->attributes, json_object_unref);
  g_free (item->structured_label);
  g_free (item);
}

static EntValueType
parse_type (const char *text)
{
  if (text == NULL)
    return ENT_VALUE_STRING;
  if (g_str_equal (text, "int") || g_str_equal (text, "long"))
    return ENT_VALUE_INT;
  if (g_str_equal (text, "float") || g_str_equal (text, "double"))
    return ENT_VALUE_DOUBLE;
  if (g_str_equal (text, "boolean"))
    return ENT_VALUE_BOOL;
  return ENT_VALUE_STRING;
}

static xmlNodePtr
find_element (xmlNodePtr  node,
              const char *name)
{
  for (xmlNodePtr child = node ? node->children : NULL; child != NULL; child = child->next)
    {
      xmlNodePtr found;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (g_str_equal ((const char *) child->name, name))
        return child;
      found = find_element (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_element_children (xmlNodePtr node)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      return TRUE;
  return FALSE;
}

static char *
node_text (xmlNodePtr node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup (content ? (const char *) content : "");

  xmlFree (content);
  return text;
}

static char *
node_attribute (xmlNodePtr  node,
                const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *text = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return text;
}

static gboolean
read_number_attribute (xmlNodePtr  node,
                       const char *name,
                       double     *out)
{
  g_autofree char *text = node_attribute (node, name);
  g_autoptr(JsonNode) value = text ? ent_value_parse (text, ENT_VALUE_DOUBLE) : NULL;

  if (value == NULL)
    return FALSE;
  *out = json_node_get_double (value);
  return TRUE;
}

/* yEd's y:NodeLabel and y:Geometry; yFiles for HTML's y:Label.Text and y:RectD. */
static void
read_structured (Item       *item,
                 xmlNodePtr  data)
{
  static const char * const label_elements[] = { "NodeLabel", "EdgeLabel", "Label.Text", NULL };
  static const char * const geometry_elements[][5] = {
    { "Geometry", "x", "y", "width", "height" },
    { "RectD", "X", "Y", "Width", "Height" },
  };

  for (guint i = 0; item->structured_label == NULL && label_elements[i] != NULL; i++)
    {
      xmlNodePtr label = find_element (data, label_elements[i]);
      g_autofree char *text = label ? g_strstrip (node_text (label)) : NULL;

      if (text != NULL && *text != '\0')
        item->structured_label = g_steal_pointer (&text);
    }
  for (guint i = 0; !item->has_geometry && i < G_N_ELEMENTS (geometry_elements); i++)
    {
      xmlNodePtr geometry = find_element (data, geometry_elements[i][0]);
      double x, y, width = 0, height = 0;

      if (geometry == NULL ||
          !read_number_attribute (geometry, geometry_elements[i][1], &x) ||
          !read_number_attribute (geometry, geometry_elements[i][2], &y))
        continue;
      read_number_attribute (geometry, geometry_elements[i][3], &width);
      read_number_attribute (geometry, geometry_elements[i][4], &height);
      /* yEd gives the top-left corner; Entente places centres. */
      item->x = x + width / 2;
      item->y = y + height / 2;
      item->has_geometry = TRUE;
    }
}

static Key *
lookup_key (GraphmlReader *self,
            const char    *domain,
            const char    *id)
{
  g_autofree char *specific = g_strconcat (domain, ":", id, NULL);
  g_autofree char *general = g_strconcat ("all:", id, NULL);
  Key *key = g_hash_table_lookup (self->keys, specific);

  return key ? key : g_hash_table_lookup (self->keys, general);
}

static gboolean
read_key (GraphmlReader  *self,
          GError        **error)
{
  guint line = ent_xml_reader_line (&self->xml);
  g_autofree char *id = ent_xml_get_attribute (&self->xml, "id");
  g_autofree char *domain = ent_xml_get_attribute (&self->xml, "for");
  g_autofree char *name = ent_xml_get_attribute (&self->xml, "attr.name");
  g_autofree char *type = ent_xml_get_attribute (&self->xml, "attr.type");
  g_autofree char *yfiles = ent_xml_get_attribute (&self->xml, "yfiles.type");
  g_autofree char *table_key = NULL;
  Key *key;

  if (id == NULL)
    return ent_import_fail (self->import, error, line, _("a <key> has no “id”"));
  if (domain == NULL || *domain == '\0')
    {
      g_free (domain);
      domain = g_strdup ("all");
    }
  table_key = g_strconcat (domain, ":", id, NULL);
  if (g_hash_table_contains (self->keys, table_key))
    return ent_import_fail (self->import, error, line,
                            _("the key “%s” for %s is declared twice"), id, domain);

  key = g_new0 (Key, 1);
  key->id = g_strdup (id);
  key->domain = g_strdup (domain);
  key->name = g_strdup (name != NULL && *name != '\0' ? name : id);
  key->type = parse_type (type);
  key->typed = type != NULL;
  key->structured = yfiles != NULL;
  g_hash_table_insert (self->keys, g_steal_pointer (&table_key), key);
  g_ptr_array_add (self->key_list, key);

  if (!xmlTextReaderIsEmptyElement (self->xml.reader))
    {
      xmlNodePtr node = xmlTextReaderExpand (self->xml.reader);
      xmlNodePtr value = node ? find_element (node, "default") : NULL;

      if (node == NULL)
        return ent_xml_reader_fail (&self->xml, self->import, error);
      if (value != NULL)
        key->default_text = node_text (value);
    }
  return TRUE;
}

static JsonObject *
current_attributes (GraphmlReader *self,
                    const char   **domain)
{
  Item *item;

  if (self->stack->len == 0)
    {
      *domain = "graph";
      return NULL;
    }
  item = g_ptr_array_index (self->stack, self->stack->len - 1);
  *domain = item->kind == ITEM_NODE ? "node" : "edge";
  return item->attributes;
}

static gboolean
read_data (GraphmlReader  *self,
           GError        **error)
{
  guint line = ent_xml_reader_line (&self->xml);
  g_autofree char *key_id = ent_xml_get_attribute (&self->xml, "key");
  const char *domain;
  JsonObject *attributes = current_attributes (self, &domain);
  xmlNodePtr node;
  JsonNode *value;
  Key *key;
  g_autofree char *text = NULL;

  if (key_id == NULL)
    return ent_import_fail (self->import, error, line, _("a <data> element has no “key”"));
  key = lookup_key (self, domain, key_id);

  if (xmlTextReaderIsEmptyElement (self->xml.reader))
    {
      text = g_strdup ("");
      node = NULL;
    }
  else
    {
      node = xmlTextReaderExpand (self->xml.reader);
      if (node == NULL)
        return ent_xml_reader_fail (&self->xml, self->import, error);
      if ((key != NULL && key->structured) || has_element_children (node))
        {
          if (self->stack->len > 0)
            read_structured (g_ptr_array_index (self->stack, self->stack->len - 1), node);
          return TRUE;
        }
      text = node_text (node);
    }

  if (key == NULL)
    value = ent_value_guess (text);   /* an undeclared key: keep it anyway */
  else if ((value = ent_value_parse (text, key->type)) == NULL)
    value = json_node_init_string (json_node_alloc (), text);
  if (attributes != NULL)
    json_object_set_member (attributes, key ? key->name : key_id, value);
  else
    ent_import_set_graph_attribute (self->import, key ? key->name : key_id, value);
  return TRUE;
}

static void
apply_defaults (GraphmlReader *self,
                Item          *item)
{
  const char *domain = item->kind == ITEM_NODE ? "node" : "edge";

  for (guint i = 0; i < self->key_list->len; i++)
    {
      Key *key = g_ptr_array_index (self->key_list, i);
      JsonNode *value;

      if (key->default_text == NULL || key->structured ||
          !(g_str_equal (key->domain, domain) || g_str_equal (key->domain, "all")) ||
          json_object_has_member (item->attributes, key->name))
        continue;
      if ((value = ent_value_parse (key->default_text, key->type)) == NULL)
        value = json_node_init_string (json_node_alloc (), key->default_text);
      json_object_set_member (item->attributes, key->name, value);
    }
}

static gboolean
close_item (GraphmlReader  *self,
            GError        **error)
{
  Item *item = g_ptr_array_steal_index (self->stack, self->stack->len - 1);
  JsonObject *attributes;
  gboolean ok;

  apply_defaults (self, item);
  if (item->structured_label != NULL && !json_object_has_member (item->attributes, "label"))
    json_object_set_string_member (item->attributes, "label", item->structured_label);
  if (item->has_geometry && !json_object_has_member (item->attributes, "x") &&
      !json_object_has_member (item->attributes, "y"))
    {
      json_object_set_double_member (item->attributes, "x", item->x);
      json_object_set_double_member (item->attributes, "y", item->y);
    }
  attributes = g_steal_pointer (&item->attributes);
  if (item->kind == ITEM_NODE)
    ok = ent_import_add_node (self->import, item->line, item->id, attributes, error);
  else
    ok = ent_import_add_edge (self->import, item->line, item->id, item->source, item->target,
                              attributes, error);
  item_free (item);
  return ok;
}

static gboolean
open_item (GraphmlReader  *self,
           ItemKind        kind,
           GError        **error)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  item->line = ent_xml_reader_line (&self->xml);
  item->id = ent_xml_get_attribute (&self->xml, "id");
  item->attributes = json_object_new ();
  if (kind == ITEM_EDGE)
    {
      item->source = ent_xml_get_attribute (&self->xml, "source");
      item->target = ent_xml_get_attribute (&self->xml, "target");
    }
  else if (item->id == NULL || *item->id == '\0')
    {
      guint line = item->line;

      item_free (item);
      return ent_import_fail (self->import, error, line, _("a <node> has no “id”"));
    }
  g_ptr_array_add (self->stack, item);
  if (xmlTextReaderIsEmptyElement (self->xml.reader))
    return close_item (self, error);
  return TRUE;
}

static gboolean
read_element (GraphmlReader  *self,
              gboolean       *skip_subtree,
              GError        **error)
{
  const char *name = ent_xml_local_name (&self->xml);
  int depth = xmlTextReaderDepth (self->xml.reader);

  *skip_subtree = FALSE;
  if (depth == 0)
    {
      if (!g_str_equal (name, "graphml"))
        return ent_import_fail_code (self->import, error, ENT_FORMAT_ERROR_NOT_ENTENTE,
                                     ent_xml_reader_line (&self->xml),
                                     _("not a GraphML document (the top element is <%s>, expected <graphml>)"),
                                     name);
      return TRUE;
    }
  if (g_str_equal (name, "key"))
    {
      *skip_subtree = TRUE;
      return read_key (self, error);
    }
  if (g_str_equal (name, "graph"))
    {
      if (!self->seen_graph)
        {
          g_autofree char *edgedefault = ent_xml_get_attribute (&self->xml, "edgedefault");

          ent_import_set_directed (self->import, g_strcmp0 (edgedefault, "directed") == 0);
          self->seen_graph = TRUE;
        }
      return TRUE;
    }
  if (g_str_equal (name, "node"))
    return open_item (self, ITEM_NODE, error);
  if (g_str_equal (name, "edge"))
    return open_item (self, ITEM_EDGE, error);
  if (g_str_equal (name, "data"))
    {
      *skip_subtree = TRUE;
      return read_data (self, error);
    }
  /* Ports, hyperedges, descriptions and anything else: not part of the model. */
  *skip_subtree = !g_str_equal (name, "graphml");
  return TRUE;
}

EntWorld *
ent_graphml_load (GBytes     *bytes,
                  EntImport  *import,
                  GError    **error)
{
  GraphmlReader self = { import };
  gboolean done = FALSE, skip = FALSE, ok = TRUE, seen_root = FALSE;

  self.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, key_free);
  self.key_list = g_ptr_array_new ();
  self.stack = g_ptr_array_new_with_free_func (item_free);
  if (!ent_xml_reader_init (&self.xml, bytes, import, error))
    {
      ok = FALSE;
      goto out;
    }

  while (ok)
    {
      int type;

      if (skip)
        {
          int status = xmlTextReaderNext (self.xml.reader);

          skip = FALSE;
          if (status < 0 || self.xml.error != NULL)
            {
              ok = ent_xml_reader_fail (&self.xml, import, error);
              break;
            }
          if (status == 0)
            break;
        }
      else
        {
          if (!(ok = ent_xml_reader_next (&self.xml, import, &done, error)) || done)
            break;
        }

      type = xmlTextReaderNodeType (self.xml.reader);
      if (type == XML_READER_TYPE_ELEMENT)
        {
          seen_root = TRUE;
          ok = read_element (&self, &skip, error);
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          const char *name = ent_xml_local_name (&self.xml);

          if ((g_str_equal (name, "node") || g_str_equal (name, "edge")) && self.stack->len > 0)
            ok = close_item (&self, error);
        }
    }
  if (ok && !seen_root)
    ok = ent_import_fail_code (import, error, ENT_FORMAT_ERROR_SYNTAX, 0,
                               _("the file holds no XML elements"));

out:
  ent_xml_reader_clear (&self.xml);
  g_ptr_array_unref (self.stack);
  g_ptr_array_unref (self.key_list);
  g_hash_table_unref (self.keys);
  if (!ok)
    return NULL;
  return ent_import_finish (import, error);
}

/* ---- Writing ------------------------------------------------------------ */

static void
write_keys (GString    *out,
            GPtrArray  *columns,
            const char *domain,
            const char *prefix)
{
  for (guint i = 0; i < columns->len; i++)
    {
      EntColumn *column = g_ptr_array_index (columns, i);

      g_string_append_printf (out, "  <key id=\"%s%u\" for=\"%s\" attr.name=\"", prefix, i, domain);
      ent_xml_append_escaped (out, column->name);
      g_string_append_printf (out, "\" attr.type=\"%s\"/>\n", ent_value_type_name (column->type));
    }
}

static void
write_data (GString    *out,
            GPtrArray  *columns,
            JsonObject *values,
            const char *prefix,
            const char *indent)
{
  for (guint i = 0; i < columns->len; i++)
    {
      EntColumn *column = g_ptr_array_index (columns, i);
      JsonNode *value = json_object_get_member (values, column->name);
      g_autofree char *text = NULL;

      if (value == NULL)
        continue;
      text = ent_value_to_string (value);
      g_string_append_printf (out, "%s<data key=\"%s%u\">", indent, prefix, i);
      ent_xml_append_escaped (out, text);
      g_string_append (out, "</data>\n");
    }
}

/**
 * ent_graphml_to_data:
 *
 * Returns: (transfer full): @world as a GraphML document.
 */
char *
ent_graphml_to_data (EntWorld *world,
                     gsize    *length)
{
  g_autoptr(EntExportTable) table = ent_export_table_new (world);
  GString *out = g_string_new (NULL);

  g_string_append (out,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
                   "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                   "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                   "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
                   "  <!-- Written by Entente -->\n");
  write_keys (out, table->graph_columns, "graph", "g");
  write_keys (out, table->node_columns, "node", "n");
  write_keys (out, table->edge_columns, "edge", "e");
  g_string_append_printf (out, "  <graph id=\"G\" edgedefault=\"%s\">\n",
                          table->directed ? "directed" : "undirected");
  write_data (out, table->graph_columns, table->graph_values, "g", "    ");
  for (guint i = 0; i < table->nodes->len; i++)
    {
      EntExportItem *node = g_ptr_array_index (table->nodes, i);

      g_string_append (out, "    <node id=\"");
      ent_xml_append_escaped (out, node->id);
      g_string_append (out, "\">\n");
      write_data (out, table->node_columns, node->values, "n", "      ");
      g_string_append (out, "    </node>\n");
    }
  for (guint i = 0; i < table->edges->len; i++)
    {
      EntExportItem *edge = g_ptr_array_index (table->edges, i);

      g_string_append (out, "    <edge id=\"");
      ent_xml_append_escaped (out, edge->id);
      g_string_append (out, "\" source=\"");
      ent_xml_append_escaped (out, edge->source);
      g_string_append (out, "\" target=\"");
      ent_xml_append_escaped (out, edge->target);
      g_string_append (out, "\">\n");
      write_data (out, table->edge_columns, edge->values, "e", "      ");
      g_string_append (out, "    </edge>\n");
    }
  g_string_append (out, "  </graph>\n</graphml>\n");
  *length = out->len;
  return g_string_free (out, FALSE);
}
