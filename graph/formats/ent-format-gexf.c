/* ent-format-gexf.c: GEXF 1.0 to 1.3 import, GEXF 1.2 export (docs/FORMATS.md)
 *
 * Static and dynamic graphs: an edge's start/end attributes, or its first
 * spell, become the relation's since/until; attvalues become attributes
 * (a dynamic attribute keeps the value listed last); viz:position is the
 * position, viz:color and viz:size are kept as "color" and "size".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-format"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ent-format-xml.h"

/* ---- Reading ------------------------------------------------------------ */

typedef struct
{
  char         *title;
  EntValueType  type;
  char         *default_text;
} Attribute;

typedef struct
{
  gboolean    is_node;
  guint       line;
  char       *id;
  char       *source;
  char       *target;
  JsonObject *attributes;
  guint       n_spells;
  GString    *more_spells;
} Item;

typedef struct
{
  EntImport    *import;
  EntXmlReader  xml;
  GHashTable   *node_attributes;   /* id -> Attribute */
  GHashTable   *edge_attributes;
  GPtrArray    *stack;             /* (element-type Item) */
  gboolean      seen_graph;
} GexfReader;

static void
attribute_free (gpointer data)
{
  Attribute *attribute = data;

  g_free (attribute->title);
  g_free (attribute->default_text);
  g_free (attribute);
}

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->id);
  g_free (item->source);
  g_free (item->target);
  g_clear_pointer (&item->attributes, json_object_unref);
  if (item->more_spells != NULL)
    g_string_free (item->more_spells, TRUE);
  g_free (item);
}

static EntValueType
parse_type (const char *text)
{
  if (text == NULL)
    return ENT_VALUE_STRING;
  if (g_str_equal (text, "integer") || g_str_equal (text, "long") ||
      g_str_equal (text, "int") || g_str_equal (text, "short") || g_str_equal (text, "byte"))
    return ENT_VALUE_INT;
  if (g_str_equal (text, "float") || g_str_equal (text, "double"))
    return ENT_VALUE_DOUBLE;
  if (g_str_equal (text, "boolean"))
    return ENT_VALUE_BOOL;
  return ENT_VALUE_STRING;
}

static Item *
top_item (GexfReader *self)
{
  return self->stack->len ? g_ptr_array_index (self->stack, self->stack->len - 1) : NULL;
}

static void
set_text (JsonObject   *attributes,
          const char   *name,
          const char   *text,
          EntValueType  type)
{
  JsonNode *value = ent_value_parse (text, type);

  if (value == NULL)
    value = json_node_init_string (json_node_alloc (), text);
  json_object_set_member (attributes, name, value);
}

static void
read_attribute_declarations (GexfReader *self)
{
  g_autofree char *class = ent_xml_get_attribute (&self->xml, "class");
  GHashTable *table = g_strcmp0 (class, "edge") == 0 ? self->edge_attributes
                      : g_strcmp0 (class, "node") == 0 ? self->node_attributes : NULL;
  xmlNodePtr list;

  if (table == NULL || xmlTextReaderIsEmptyElement (self->xml.reader))
    return;
  list = xmlTextReaderExpand (self->xml.reader);
  for (xmlNodePtr child = list ? list->children : NULL; child != NULL; child = child->next)
    {
      Attribute *attribute;
      xmlChar *id, *title, *type;

      if (child->type != XML_ELEMENT_NODE || !g_str_equal ((const char *) child->name, "attribute"))
        continue;
      id = xmlGetProp (child, (const xmlChar *) "id");
      title = xmlGetProp (child, (const xmlChar *) "title");
      type = xmlGetProp (child, (const xmlChar *) "type");
      if (id != NULL)
        {
          attribute = g_new0 (Attribute, 1);
          attribute->title = g_strdup ((const char *) (title && *title ? title : id));
          attribute->type = parse_type ((const char *) type);
          /* GEXF allows one <default>; of several, the first counts. */
          for (xmlNodePtr d = child->children; d != NULL && attribute->default_text == NULL; d = d->next)
            if (d->type == XML_ELEMENT_NODE && g_str_equal ((const char *) d->name, "default"))
              {
                xmlChar *content = xmlNodeGetContent (d);

                attribute->default_text = g_strdup ((const char *) content);
                xmlFree (content);
              }
          g_hash_table_replace (table, g_strdup ((const char *) id), attribute);
        }
      xmlFree (id);
      xmlFree (title);
      xmlFree (type);
    }
}

static void
read_attvalue (GexfReader *self,
               Item       *item)
{
  g_autofree char *id = ent_xml_get_attribute (&self->xml, "for");
  g_autofree char *value = ent_xml_get_attribute (&self->xml, "value");
  Attribute *attribute;

  if (id == NULL)
    id = ent_xml_get_attribute (&self->xml, "id");   /* GEXF 1.0 */
  if (id == NULL || value == NULL)
    return;
  attribute = g_hash_table_lookup (item->is_node ? self->node_attributes : self->edge_attributes, id);
  if (attribute != NULL)
    set_text (item->attributes, attribute->title, value, attribute->type);
  else
    json_object_set_member (item->attributes, id, ent_value_guess (value));
}

static void
read_time (GexfReader *self,
           JsonObject *attributes,
           const char *start_name,
           const char *end_name)
{
  static const char * const starts[] = { "start", "startopen", "datefrom", "timestamp", NULL };
  static const char * const ends[] = { "end", "endopen", "dateto", "timestamp", NULL };

  for (guint i = 0; starts[i] != NULL; i++)
    {
      g_autofree char *text = ent_xml_get_attribute (&self->xml, starts[i]);

      if (text != NULL)
        {
          json_object_set_member (attributes, start_name, ent_value_guess (text));
          break;
        }
    }
  for (guint i = 0; ends[i] != NULL; i++)
    {
      g_autofree char *text = ent_xml_get_attribute (&self->xml, ends[i]);

      if (text != NULL)
        {
          json_object_set_member (attributes, end_name, ent_value_guess (text));
          break;
        }
    }
}

static void
read_spell (GexfReader *self,
            Item       *item)
{
  if (item->n_spells++ == 0)
    {
      if (!json_object_has_member (item->attributes, "start") &&
          !json_object_has_member (item->attributes, "end"))
        read_time (self, item->attributes, "start", "end");
      return;
    }
  /* Further spells are kept as text: "[start, end]; …". */
  {
    g_autofree char *start = ent_xml_get_attribute (&self->xml, "start");
    g_autofree char *end = ent_xml_get_attribute (&self->xml, "end");

    if (item->more_spells == NULL)
      item->more_spells = g_string_new (NULL);
    else
      g_string_append (item->more_spells, "; ");
    g_string_append_printf (item->more_spells, "[%s, %s]", start ? start : "", end ? end : "");
  }
}

static void
read_viz (GexfReader *self,
          Item       *item,
          const char *name)
{
  if (g_str_equal (name, "position"))
    {
      g_autofree char *x = ent_xml_get_attribute (&self->xml, "x");
      g_autofree char *y = ent_xml_get_attribute (&self->xml, "y");

      if (x != NULL && y != NULL && !json_object_has_member (item->attributes, "x"))
        {
          set_text (item->attributes, "x", x, ENT_VALUE_DOUBLE);
          set_text (item->attributes, "y", y, ENT_VALUE_DOUBLE);
        }
    }
  else if (g_str_equal (name, "color"))
    {
      g_autofree char *r = ent_xml_get_attribute (&self->xml, "r");
      g_autofree char *g = ent_xml_get_attribute (&self->xml, "g");
      g_autofree char *b = ent_xml_get_attribute (&self->xml, "b");
      g_autofree char *hex = ent_xml_get_attribute (&self->xml, "hex");

      if (json_object_has_member (item->attributes, "color"))
        return;
      if (r != NULL && g != NULL && b != NULL)
        {
          g_autofree char *colour = g_strdup_printf ("#%02x%02x%02x",
                                                     (guint) CLAMP (g_ascii_strtoll (r, NULL, 10), 0, 255),
                                                     (guint) CLAMP (g_ascii_strtoll (g, NULL, 10), 0, 255),
                                                     (guint) CLAMP (g_ascii_strtoll (b, NULL, 10), 0, 255));

          json_object_set_string_member (item->attributes, "color", colour);
        }
      else if (hex != NULL)
        {
          json_object_set_string_member (item->attributes, "color", hex);
        }
    }
  else if (g_str_equal (name, "size") || g_str_equal (name, "thickness"))
    {
      g_autofree char *value = ent_xml_get_attribute (&self->xml, "value");

      if (value != NULL && !json_object_has_member (item->attributes, name))
        set_text (item->attributes, name, value, ENT_VALUE_DOUBLE);
    }
}

static void
apply_defaults (GexfReader *self,
                Item       *item)
{
  GHashTableIter iter;
  Attribute *attribute;

  g_hash_table_iter_init (&iter, item->is_node ? self->node_attributes : self->edge_attributes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &attribute))
    if (attribute->default_text != NULL && !json_object_has_member (item->attributes, attribute->title))
      set_text (item->attributes, attribute->title, attribute->default_text, attribute->type);
}

static gboolean
close_item (GexfReader  *self,
            GError     **error)
{
  Item *item = g_ptr_array_steal_index (self->stack, self->stack->len - 1);
  gboolean ok;

  apply_defaults (self, item);
  if (item->more_spells != NULL)
    json_object_set_string_member (item->attributes, "spells", item->more_spells->str);
  if (item->is_node && ent_import_has_node (self->import, item->id))
    ok = TRUE;   /* Gephi 0.7's dynamic files list a node once per period */
  else if (item->is_node)
    ok = ent_import_add_node (self->import, item->line, item->id,
                              g_steal_pointer (&item->attributes), error);
  else
    ok = ent_import_add_edge (self->import, item->line, item->id, item->source, item->target,
                              g_steal_pointer (&item->attributes), error);
  item_free (item);
  return ok;
}

static gboolean
open_item (GexfReader  *self,
           gboolean     is_node,
           GError     **error)
{
  Item *item = g_new0 (Item, 1);
  g_autofree char *label = ent_xml_get_attribute (&self->xml, "label");

  item->is_node = is_node;
  item->line = ent_xml_reader_line (&self->xml);
  item->id = ent_xml_get_attribute (&self->xml, "id");
  item->attributes = json_object_new ();
  if (label != NULL)
    json_object_set_string_member (item->attributes, "label", label);
  read_time (self, item->attributes, "start", "end");
  if (is_node)
    {
      if (item->id == NULL || *item->id == '\0')
        {
          guint line = item->line;

          item_free (item);
          return ent_import_fail (self->import, error, line, _("a <node> has no “id”"));
        }
    }
  else
    {
      g_autofree char *weight = ent_xml_get_attribute (&self->xml, "weight");
      g_autofree char *kind = ent_xml_get_attribute (&self->xml, "kind");

      item->source = ent_xml_get_attribute (&self->xml, "source");
      item->target = ent_xml_get_attribute (&self->xml, "target");
      if (weight != NULL)
        set_text (item->attributes, "weight", weight, ENT_VALUE_DOUBLE);
      if (kind != NULL)
        json_object_set_string_member (item->attributes, "kind", kind);
    }
  g_ptr_array_add (self->stack, item);
  if (xmlTextReaderIsEmptyElement (self->xml.reader))
    return close_item (self, error);
  return TRUE;
}

static gboolean
read_element (GexfReader  *self,
              gboolean    *skip_subtree,
              GError     **error)
{
  const char *name = ent_xml_local_name (&self->xml);
  Item *item = top_item (self);

  *skip_subtree = FALSE;
  if (xmlTextReaderDepth (self->xml.reader) == 0)
    {
      if (!g_str_equal (name, "gexf"))
        return ent_import_fail_code (self->import, error, ENT_FORMAT_ERROR_NOT_ENTENTE,
                                     ent_xml_reader_line (&self->xml),
                                     _("not a GEXF document (the top element is <%s>, expected <gexf>)"),
                                     name);
      return TRUE;
    }
  if (g_str_equal (name, "graph"))
    {
      if (!self->seen_graph)
        {
          g_autofree char *type = ent_xml_get_attribute (&self->xml, "defaultedgetype");

          ent_import_set_directed (self->import, g_strcmp0 (type, "directed") == 0);
          self->seen_graph = TRUE;
        }
      return TRUE;
    }
  if (g_str_equal (name, "attributes"))
    {
      *skip_subtree = TRUE;
      read_attribute_declarations (self);
      return TRUE;
    }
  if (g_str_equal (name, "node"))
    return open_item (self, TRUE, error);
  if (g_str_equal (name, "edge"))
    return open_item (self, FALSE, error);
  if (g_str_equal (name, "meta"))
    {
      *skip_subtree = TRUE;
      return TRUE;
    }
  if (item != NULL && g_str_equal (name, "attvalue"))
    read_attvalue (self, item);
  else if (item != NULL && g_str_equal (name, "spell"))
    read_spell (self, item);
  else if (item != NULL && (g_str_equal (name, "position") || g_str_equal (name, "color") ||
                            g_str_equal (name, "size") || g_str_equal (name, "thickness")))
    read_viz (self, item, name);
  else if (g_str_equal (name, "parents"))
    *skip_subtree = TRUE;
  return TRUE;
}

EntWorld *
ent_gexf_load (GBytes     *bytes,
               EntImport  *import,
               GError    **error)
{
  GexfReader self = { import };
  gboolean done = FALSE, skip = FALSE, ok = TRUE, seen_root = FALSE;

  self.node_attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, attribute_free);
  self.edge_attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, attribute_free);
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
      else if (!(ok = ent_xml_reader_next (&self.xml, import, &done, error)) || done)
        {
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
  g_hash_table_unref (self.node_attributes);
  g_hash_table_unref (self.edge_attributes);
  if (!ok)
    return NULL;
  return ent_import_finish (import, error);
}

/* ---- Writing ------------------------------------------------------------ */

static const char *
gexf_type (EntValueType type)
{
  switch (type)
    {
    case ENT_VALUE_INT:
      return "long";
    case ENT_VALUE_DOUBLE:
      return "double";
    case ENT_VALUE_BOOL:
      return "boolean";
    case ENT_VALUE_STRING:
    default:
      return "string";
    }
}

static gboolean
is_attvalue (EntColumn *column)
{
  return column->role == ENT_COLUMN_CUSTOM || column->role == ENT_COLUMN_MODEL;
}

static void
write_declarations (GString    *out,
                    GPtrArray  *columns,
                    const char *class)
{
  gboolean any = FALSE;

  for (guint i = 0; i < columns->len; i++)
    any |= is_attvalue (g_ptr_array_index (columns, i));
  if (!any)
    return;
  g_string_append_printf (out, "    <attributes class=\"%s\">\n", class);
  for (guint i = 0; i < columns->len; i++)
    {
      EntColumn *column = g_ptr_array_index (columns, i);

      if (!is_attvalue (column))
        continue;
      g_string_append_printf (out, "      <attribute id=\"%u\" title=\"", i);
      ent_xml_append_escaped (out, column->name);
      g_string_append_printf (out, "\" type=\"%s\"/>\n", gexf_type (column->type));
    }
  g_string_append (out, "    </attributes>\n");
}

static void
append_attribute (GString    *out,
                  const char *name,
                  JsonNode   *value)
{
  g_autofree char *text = NULL;

  if (value == NULL)
    return;
  text = ent_value_to_string (value);
  g_string_append_printf (out, " %s=\"", name);
  ent_xml_append_escaped (out, text);
  g_string_append_c (out, '"');
}

static JsonNode *
value_of_role (GPtrArray     *columns,
               JsonObject    *values,
               EntColumnRole  role)
{
  for (guint i = 0; i < columns->len; i++)
    {
      EntColumn *column = g_ptr_array_index (columns, i);

      if (column->role == role)
        return json_object_get_member (values, column->name);
    }
  return NULL;
}

static void
write_item_body (GString    *out,
                 GPtrArray  *columns,
                 JsonObject *values,
                 gboolean    is_node)
{
  gboolean any = FALSE;
  JsonNode *x, *y;

  for (guint i = 0; i < columns->len; i++)
    {
      EntColumn *column = g_ptr_array_index (columns, i);
      JsonNode *value = json_object_get_member (values, column->name);
      g_autofree char *text = NULL;

      if (value == NULL || !is_attvalue (column))
        continue;
      if (!any)
        g_string_append (out, "        <attvalues>\n");
      any = TRUE;
      text = ent_value_to_string (value);
      g_string_append_printf (out, "          <attvalue for=\"%u\" value=\"", i);
      ent_xml_append_escaped (out, text);
      g_string_append (out, "\"/>\n");
    }
  if (any)
    g_string_append (out, "        </attvalues>\n");
  x = value_of_role (columns, values, ENT_COLUMN_X);
  y = value_of_role (columns, values, ENT_COLUMN_Y);
  if (is_node && x != NULL && y != NULL)
    {
      g_string_append (out, "        <viz:position");
      append_attribute (out, "x", x);
      append_attribute (out, "y", y);
      g_string_append (out, " z=\"0.0\"/>\n");
    }
}

/**
 * ent_gexf_to_data:
 *
 * Returns: (transfer full): @world as a GEXF 1.2 document.
 */
char *
ent_gexf_to_data (EntWorld *world,
                  gsize    *length)
{
  g_autoptr(EntExportTable) table = ent_export_table_new (world);
  GString *out = g_string_new (NULL);
  gboolean dynamic = FALSE;

  for (guint i = 0; i < table->edge_columns->len; i++)
    {
      EntColumn *column = g_ptr_array_index (table->edge_columns, i);

      dynamic |= column->role == ENT_COLUMN_SINCE || column->role == ENT_COLUMN_UNTIL;
    }
  g_string_append (out,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<gexf xmlns=\"http://www.gexf.net/1.2draft\" "
                   "xmlns:viz=\"http://www.gexf.net/1.2draft/viz\" version=\"1.2\">\n"
                   "  <meta>\n    <creator>Entente</creator>\n");
  if (table->title != NULL)
    {
      g_string_append (out, "    <description>");
      ent_xml_append_escaped (out, table->title);
      g_string_append (out, "</description>\n");
    }
  g_string_append (out, "  </meta>\n");
  g_string_append_printf (out, "  <graph mode=\"%s\" defaultedgetype=\"%s\"%s>\n",
                          dynamic ? "dynamic" : "static",
                          table->directed ? "directed" : "undirected",
                          dynamic ? " timeformat=\"date\"" : "");
  write_declarations (out, table->node_columns, "node");
  write_declarations (out, table->edge_columns, "edge");

  g_string_append (out, "    <nodes>\n");
  for (guint i = 0; i < table->nodes->len; i++)
    {
      EntExportItem *node = g_ptr_array_index (table->nodes, i);

      g_string_append (out, "      <node id=\"");
      ent_xml_append_escaped (out, node->id);
      g_string_append_c (out, '"');
      append_attribute (out, "label", value_of_role (table->node_columns, node->values, ENT_COLUMN_LABEL));
      g_string_append (out, ">\n");
      write_item_body (out, table->node_columns, node->values, TRUE);
      g_string_append (out, "      </node>\n");
    }
  g_string_append (out, "    </nodes>\n    <edges>\n");
  for (guint i = 0; i < table->edges->len; i++)
    {
      EntExportItem *edge = g_ptr_array_index (table->edges, i);

      g_string_append (out, "      <edge id=\"");
      ent_xml_append_escaped (out, edge->id);
      g_string_append (out, "\" source=\"");
      ent_xml_append_escaped (out, edge->source);
      g_string_append (out, "\" target=\"");
      ent_xml_append_escaped (out, edge->target);
      g_string_append_c (out, '"');
      append_attribute (out, "label", value_of_role (table->edge_columns, edge->values, ENT_COLUMN_LABEL));
      append_attribute (out, "weight", value_of_role (table->edge_columns, edge->values, ENT_COLUMN_WEIGHT));
      append_attribute (out, "start", value_of_role (table->edge_columns, edge->values, ENT_COLUMN_SINCE));
      append_attribute (out, "end", value_of_role (table->edge_columns, edge->values, ENT_COLUMN_UNTIL));
      g_string_append (out, ">\n");
      write_item_body (out, table->edge_columns, edge->values, FALSE);
      g_string_append (out, "      </edge>\n");
    }
  g_string_append (out, "    </edges>\n  </graph>\n</gexf>\n");
  *length = out->len;
  return g_string_free (out, FALSE);
}
