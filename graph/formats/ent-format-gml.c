/* ent-format-gml.c: GML import and export (docs/FORMATS.md)
 *
 * GML as igraph, networkx, Gephi and Mark Newman's datasets write it:
 *   graph [ directed 0 node [ id 1 label "x" graphics [ x 1 y 2 ] ]
 *           edge [ source 1 target 2 value 3 ] ]
 * with "#" comments, CRLF line ends, Creator/Version lines before the
 * graph, unquoted values (10G) and HTML character entities in strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-format"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "ent-format-private.h"

#define MAX_DEPTH 32
/* A node id from Entente that GML's integer ids cannot hold. */
#define ENTENTE_ID_KEY "entente_id"

/* ---- Tokens ------------------------------------------------------------- */

typedef enum
{
  TOKEN_END,
  TOKEN_WORD,      /* a key, or an unquoted value */
  TOKEN_INT,
  TOKEN_REAL,
  TOKEN_STRING,
  TOKEN_OPEN,
  TOKEN_CLOSE,
} TokenKind;

typedef struct
{
  TokenKind  kind;
  guint      line;
  char      *text;       /* WORD, STRING (decoded), INT, REAL */
} Token;

typedef struct
{
  EntImport   *import;
  const char  *data;
  gsize        length;
  gsize        pos;
  guint        line;
  Token        token;     /* the current token */
  GHashTable  *ids;       /* GML node id -> actor id */
} Parser;

static void
decode_entities (GString    *out,
                 const char *text,
                 gsize       length)
{
  static const struct { const char *name; gunichar c; } named[] = {
    { "amp", '&' }, { "quot", '"' }, { "lt", '<' }, { "gt", '>' }, { "apos", '\'' },
  };

  for (gsize i = 0; i < length; i++)
    {
      const char *semicolon;

      if (text[i] != '&' ||
          (semicolon = memchr (text + i, ';', MIN (length - i, 12))) == NULL)
        {
          g_string_append_c (out, text[i]);
          continue;
        }
      if (text[i + 1] == '#')
        {
          gboolean hex = text[i + 2] == 'x' || text[i + 2] == 'X';
          char *end = NULL;
          guint64 c = g_ascii_strtoull (text + i + (hex ? 3 : 2), &end, hex ? 16 : 10);

          if (end == semicolon && c > 0 && c <= 0x10FFFF && g_unichar_validate ((gunichar) c))
            {
              g_string_append_unichar (out, (gunichar) c);
              i = semicolon - text;
              continue;
            }
        }
      else
        {
          gboolean found = FALSE;

          for (guint k = 0; k < G_N_ELEMENTS (named); k++)
            if ((gsize) (semicolon - text - i - 1) == strlen (named[k].name) &&
                strncmp (text + i + 1, named[k].name, strlen (named[k].name)) == 0)
              {
                g_string_append_unichar (out, named[k].c);
                i = semicolon - text;
                found = TRUE;
                break;
              }
          if (found)
            continue;
        }
      g_string_append_c (out, text[i]);
    }
}

static gboolean
is_word_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
next_token (Parser  *self,
            GError **error)
{
  const char *data = self->data;

  g_clear_pointer (&self->token.text, g_free);
  for (;;)
    {
      while (self->pos < self->length && g_ascii_isspace (data[self->pos]))
        if (data[self->pos++] == '\n')
          self->line++;
      if (self->pos < self->length && data[self->pos] == '#')
        {
          while (self->pos < self->length && data[self->pos] != '\n')
            self->pos++;
          continue;
        }
      break;
    }
  self->token.line = self->line;
  if (self->pos >= self->length)
    {
      self->token.kind = TOKEN_END;
      return TRUE;
    }
  if (data[self->pos] == '[' || data[self->pos] == ']')
    {
      self->token.kind = data[self->pos] == '[' ? TOKEN_OPEN : TOKEN_CLOSE;
      self->pos++;
      return TRUE;
    }
  if (data[self->pos] == '"')
    {
      gsize start = ++self->pos;
      guint start_line = self->line;
      GString *text;

      while (self->pos < self->length && data[self->pos] != '"')
        if (data[self->pos++] == '\n')
          self->line++;
      if (self->pos >= self->length)
        return ent_import_fail_code (self->import, error, ENT_FORMAT_ERROR_SYNTAX, start_line,
                                     _("a string starts here but never ends (no closing quote)"));
      text = g_string_new (NULL);
      decode_entities (text, data + start, self->pos - start);
      self->pos++;
      self->token.kind = TOKEN_STRING;
      self->token.text = g_string_free (text, FALSE);
      return TRUE;
    }
  {
    gsize start = self->pos;
    g_autofree char *word = NULL;
    char *end = NULL;

    while (self->pos < self->length && !g_ascii_isspace (data[self->pos]) &&
           data[self->pos] != '[' && data[self->pos] != ']' && data[self->pos] != '"')
      self->pos++;
    word = g_strndup (data + start, self->pos - start);
    if (is_word_start (word[0]))
      {
        self->token.kind = TOKEN_WORD;
      }
    else
      {
        errno = 0;
        g_ascii_strtoll (word, &end, 10);
        if (*end == '\0' && errno == 0)
          {
            self->token.kind = TOKEN_INT;
          }
        else
          {
            g_ascii_strtod (word, &end);
            /* "10G": an unquoted value, kept as text. */
            self->token.kind = *end == '\0' ? TOKEN_REAL : TOKEN_WORD;
          }
      }
    self->token.text = g_steal_pointer (&word);
    return TRUE;
  }
}

static const char *
describe (Token *token)
{
  switch (token->kind)
    {
    case TOKEN_END:
      return _("the end of the file");
    case TOKEN_OPEN:
      return "“[”";
    case TOKEN_CLOSE:
      return "“]”";
    default:
      return token->text;
    }
}

/* ---- Values ------------------------------------------------------------- */

static JsonNode *
token_value (Token *token)
{
  JsonNode *node = json_node_alloc ();

  switch (token->kind)
    {
    case TOKEN_INT:
      {
        gint64 value = g_ascii_strtoll (token->text, NULL, 10);

        return json_node_init_int (node, value);
      }
    case TOKEN_REAL:
      return json_node_init_double (node, g_ascii_strtod (token->text, NULL));
    default:
      return json_node_init_string (node, token->text);
    }
}

static gboolean is_value_token (Token *token)
{
  return token->kind == TOKEN_WORD || token->kind == TOKEN_INT ||
         token->kind == TOKEN_REAL || token->kind == TOKEN_STRING;
}

/* Reads "key value" pairs up to the closing bracket into @into. Nested
 * lists become "outer.inner" names, except graphics x and y, which are
 * the position. With @into NULL the list is skipped. */
static gboolean
read_list (Parser      *self,
           JsonObject  *into,
           const char  *prefix,
           guint        depth,
           GError     **error)
{
  if (depth > MAX_DEPTH)
    return ent_import_fail_code (self->import, error, ENT_FORMAT_ERROR_TOO_DEEP, self->token.line,
                                 _("lists are nested more than %d levels deep"), MAX_DEPTH);
  for (;;)
    {
      g_autofree char *key = NULL;
      guint line;

      if (!next_token (self, error))
        return FALSE;
      if (self->token.kind == TOKEN_CLOSE)
        return TRUE;
      if (self->token.kind == TOKEN_END)
        return ent_import_fail_code (self->import, error, ENT_FORMAT_ERROR_SYNTAX, self->token.line,
                                     _("the file ends inside a list (a “]” is missing)"));
      if (self->token.kind != TOKEN_WORD)
        return ent_import_fail_code (self->import, error, ENT_FORMAT_ERROR_SYNTAX, self->token.line,
                                     _("expected a key, found %s"), describe (&self->token));
      key = g_steal_pointer (&self->token.text);
      line = self->token.line;
      if (!next_token (self, error))
        return FALSE;
      if (self->token.kind == TOKEN_OPEN)
        {
          g_autofree char *inner = NULL;

          if (into != NULL && prefix == NULL && g_str_equal (key, "graphics"))
            inner = g_strdup ("");
          else if (into != NULL)
            inner = prefix && *prefix ? g_strconcat (prefix, ".", key, NULL) : g_strdup (key);
          if (!read_list (self, into, inner, depth + 1, error))
            return FALSE;
        }
      else if (is_value_token (&self->token))
        {
          if (into != NULL)
            {
              g_autofree char *name = NULL;

              if (prefix != NULL && *prefix == '\0')
                /* graphics [ x y ] is the position; the rest keeps its origin. */
                name = g_str_equal (key, "x") || g_str_equal (key, "y")
                       ? g_strdup (key) : g_strconcat ("graphics.", key, NULL);
              else
                name = prefix ? g_strconcat (prefix, ".", key, NULL) : g_strdup (key);
              json_object_set_member (into, name, token_value (&self->token));
            }
        }
      else
        {
          return ent_import_fail_code (self->import, error, ENT_FORMAT_ERROR_SYNTAX, line,
                                       _("“%s” has no value (found %s)"), key, describe (&self->token));
        }
      if (!ent_import_tick (self->import, self->pos, error))
        return FALSE;
    }
}

static char *
take_id (JsonObject *object,
         const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  text = ent_value_to_string (node);
  json_object_remove_member (object, name);
  return text;
}

static gboolean
read_node (Parser      *self,
           guint        line,
           GError     **error)
{
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *actor_id = NULL;

  if (!read_list (self, attributes, NULL, 2, error))
    return FALSE;
  id = take_id (attributes, "id");
  if (id == NULL)
    return ent_import_fail (self->import, error, line, _("a node has no id"));
  actor_id = take_id (attributes, ENTENTE_ID_KEY);
  if (actor_id == NULL)
    actor_id = g_strdup (id);
  if (g_hash_table_contains (self->ids, id))
    return ent_import_fail (self->import, error, line, _("there is already a node with id “%s”"), id);
  g_hash_table_insert (self->ids, g_strdup (id), g_strdup (actor_id));
  return ent_import_add_node (self->import, line, actor_id, g_steal_pointer (&attributes), error);
}

static gboolean
read_edge (Parser      *self,
           guint        line,
           GError     **error)
{
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autofree char *source = NULL;
  g_autofree char *target = NULL;
  g_autofree char *id = NULL;
  const char *a, *b;

  if (!read_list (self, attributes, NULL, 2, error))
    return FALSE;
  source = take_id (attributes, "source");
  target = take_id (attributes, "target");
  id = take_id (attributes, "id");
  if (source == NULL || target == NULL)
    return ent_import_fail (self->import, error, line, _("an edge needs both a “source” and a “target”"));
  a = g_hash_table_lookup (self->ids, source);
  b = g_hash_table_lookup (self->ids, target);
  return ent_import_add_edge (self->import, line, id, a ? a : source, b ? b : target,
                              g_steal_pointer (&attributes), error);
}

static gboolean
read_graph (Parser  *self,
            GError **error)
{
  for (;;)
    {
      g_autofree char *key = NULL;
      guint line;

      if (!next_token (self, error))
        return FALSE;
      if (self->token.kind == TOKEN_CLOSE)
        return TRUE;
      if (self->token.kind == TOKEN_END)
        return ent_import_fail_code (self->import, error, ENT_FORMAT_ERROR_SYNTAX, self->token.line,
                                     _("the file ends inside the graph (a “]” is missing)"));
      if (self->token.kind != TOKEN_WORD)
        return ent_import_fail_code (self->import, error, ENT_FORMAT_ERROR_SYNTAX, self->token.line,
                                     _("expected a key, found %s"), describe (&self->token));
      key = g_steal_pointer (&self->token.text);
      line = self->token.line;
      if (!next_token (self, error))
        return FALSE;
      if (self->token.kind == TOKEN_OPEN)
        {
          gboolean ok;

          if (g_str_equal (key, "node"))
            ok = read_node (self, line, error);
          else if (g_str_equal (key, "edge"))
            ok = read_edge (self, line, error);
          else
            ok = read_list (self, NULL, NULL, 2, error);
          if (!ok)
            return FALSE;
        }
      else if (is_value_token (&self->token))
        {
          if (g_str_equal (key, "directed"))
            ent_import_set_directed (self->import, g_strcmp0 (self->token.text, "0") != 0);
          else if (g_str_equal (key, "multigraph"))
            ;   /* parallel ties are always allowed */
          else
            ent_import_set_graph_attribute (self->import, key, token_value (&self->token));
        }
      else
        {
          return ent_import_fail_code (self->import, error, ENT_FORMAT_ERROR_SYNTAX, line,
                                       _("“%s” has no value (found %s)"), key, describe (&self->token));
        }
    }
}

EntWorld *
ent_gml_load (GBytes     *bytes,
              EntImport  *import,
              GError    **error)
{
  Parser self = { import };
  g_autofree char *converted = NULL;
  gboolean seen_graph = FALSE, ok = TRUE;

  self.data = g_bytes_get_data (bytes, &self.length);
  self.data = ent_format_skip_bom (self.data, &self.length);
  self.line = 1;
  /* GML is Latin-1 by its definition; most files today are UTF-8. */
  if (!g_utf8_validate_len (self.data, self.length, NULL))
    {
      gsize written = 0;

      if (memchr (self.data, '\0', self.length) != NULL)
        {
          ent_import_fail_code (import, error, ENT_FORMAT_ERROR_ENCODING, 0,
                                _("the file contains a NUL byte; it is not a text file"));
          return NULL;
        }
      converted = g_convert (self.data, self.length, "UTF-8", "ISO-8859-1", NULL, &written, NULL);
      if (converted == NULL)
        {
          ent_import_fail_code (import, error, ENT_FORMAT_ERROR_ENCODING, 0,
                                _("the file is neither UTF-8 nor Latin-1 text"));
          return NULL;
        }
      self.data = converted;
      self.length = written;
    }
  self.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* Creator "…", Version 1 … graph [ … ]: only the first graph counts. */
  while (ok)
    {
      g_autofree char *key = NULL;
      guint line;

      if (!(ok = next_token (&self, error)) || self.token.kind == TOKEN_END)
        break;
      if (self.token.kind != TOKEN_WORD)
        {
          ok = ent_import_fail_code (import, error, ENT_FORMAT_ERROR_SYNTAX, self.token.line,
                                     _("expected a key such as “graph”, found %s"), describe (&self.token));
          break;
        }
      key = g_steal_pointer (&self.token.text);
      line = self.token.line;
      if (!(ok = next_token (&self, error)))
        break;
      if (self.token.kind == TOKEN_OPEN)
        {
          if (g_str_equal (key, "graph") && !seen_graph)
            {
              seen_graph = TRUE;
              ok = read_graph (&self, error);
            }
          else
            {
              ok = read_list (&self, NULL, NULL, 1, error);
            }
        }
      else if (!is_value_token (&self.token))
        {
          ok = ent_import_fail_code (import, error, ENT_FORMAT_ERROR_SYNTAX, line,
                                     _("“%s” has no value (found %s)"), key, describe (&self.token));
        }
    }
  if (ok && !seen_graph)
    ok = ent_import_fail_code (import, error, ENT_FORMAT_ERROR_SYNTAX, 0,
                               _("not a GML graph: no “graph [ … ]” found"));
  g_clear_pointer (&self.token.text, g_free);
  g_hash_table_unref (self.ids);
  if (!ok)
    return NULL;
  return ent_import_finish (import, error);
}

/* ---- Writing ------------------------------------------------------------ */

/* GML keys are letters and digits starting with a letter. */
static char *
gml_key (const char *name)
{
  GString *key = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    g_string_append_c (key, g_ascii_isalnum (*p) || *p == '_' ? *p : '_');
  if (key->len == 0 || !is_word_start (key->str[0]))
    g_string_prepend (key, "a");
  return g_string_free (key, FALSE);
}

/* ASCII only, with entities, as networkx and igraph read it. */
static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"')
        g_string_append (out, "&quot;");
      else if (c == '&')
        g_string_append (out, "&amp;");
      else if (c >= 0x80 || c < 0x20)
        g_string_append_printf (out, "&#%u;", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
append_value (GString      *out,
              const char   *indent,
              const char   *name,
              JsonNode     *value,
              EntValueType  type)
{
  g_autofree char *key = gml_key (name);
  g_autofree char *text = ent_value_to_string (value);

  g_string_append_printf (out, "%s%s ", indent, key);
  if (json_node_get_value_type (value) == G_TYPE_STRING || type == ENT_VALUE_STRING)
    {
      append_string (out, text);
    }
  else if (json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    {
      g_string_append (out, json_node_get_boolean (value) ? "1" : "0");
    }
  else if (type == ENT_VALUE_DOUBLE && strpbrk (text, ".eE") == NULL)
    {
      /* Keep a real a real, so it reads back as one. */
      g_string_append_printf (out, "%s.0", text);
    }
  else
    {
      g_string_append (out, text);
    }
  g_string_append_c (out, '\n');
}

static void
write_values (GString    *out,
              GPtrArray  *columns,
              JsonObject *values)
{
  gboolean any_graphics = FALSE;

  for (guint i = 0; i < columns->len; i++)
    {
      EntColumn *column = g_ptr_array_index (columns, i);
      JsonNode *value = json_object_get_member (values, column->name);

      if (value == NULL)
        continue;
      if (column->role == ENT_COLUMN_X || column->role == ENT_COLUMN_Y ||
          g_str_has_prefix (column->name, "graphics."))
        {
          any_graphics = TRUE;
          continue;
        }
      append_value (out, "    ", column->name, value, column->type);
    }
  if (!any_graphics)
    return;
  g_string_append (out, "    graphics\n    [\n");
  for (guint i = 0; i < columns->len; i++)
    {
      EntColumn *column = g_ptr_array_index (columns, i);
      JsonNode *value = json_object_get_member (values, column->name);

      if (value == NULL)
        continue;
      if (column->role == ENT_COLUMN_X)
        append_value (out, "      ", "x", value, column->type);
      else if (column->role == ENT_COLUMN_Y)
        append_value (out, "      ", "y", value, column->type);
      else if (g_str_has_prefix (column->name, "graphics."))
        append_value (out, "      ", column->name + strlen ("graphics."), value, column->type);
    }
  g_string_append (out, "    ]\n");
}

static gboolean
is_gml_integer (const char *id)
{
  if (*id == '\0' || strlen (id) > 9)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return id[0] != '0' || id[1] == '\0';
}

/* networkx refuses parallel edges unless the graph says "multigraph 1". */
static gboolean
has_parallel_edges (EntExportTable *table)
{
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < table->edges->len; i++)
    {
      EntExportItem *edge = g_ptr_array_index (table->edges, i);
      gboolean ordered = table->directed || g_strcmp0 (edge->source, edge->target) < 0;
      char *pair = g_strconcat (ordered ? edge->source : edge->target, "\n",
                                ordered ? edge->target : edge->source, NULL);

      if (!g_hash_table_add (pairs, pair))
        return TRUE;
    }
  return FALSE;
}

/**
 * ent_gml_to_data:
 *
 * Node ids are kept when they are all whole numbers; otherwise nodes are
 * numbered from 0 and the Entente id is written as `entente_id`.
 *
 * Returns: (transfer full): @world as GML.
 */
char *
ent_gml_to_data (EntWorld *world,
                 gsize    *length)
{
  g_autoptr(EntExportTable) table = ent_export_table_new (world);
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);
  GString *out = g_string_new ("Creator \"Entente\"\ngraph\n[\n");
  gboolean integer_ids = TRUE;

  for (guint i = 0; i < table->nodes->len; i++)
    integer_ids &= is_gml_integer (((EntExportItem *) g_ptr_array_index (table->nodes, i))->id);

  g_string_append_printf (out, "  directed %d\n", table->directed ? 1 : 0);
  if (has_parallel_edges (table))
    g_string_append (out, "  multigraph 1\n");
  for (guint i = 0; i < table->graph_columns->len; i++)
    {
      EntColumn *column = g_ptr_array_index (table->graph_columns, i);
      JsonNode *value = json_object_get_member (table->graph_values, column->name);

      if (value != NULL && !g_str_equal (column->name, "directed"))
        append_value (out, "  ", column->name, value, column->type);
    }
  for (guint i = 0; i < table->nodes->len; i++)
    {
      EntExportItem *node = g_ptr_array_index (table->nodes, i);

      g_string_append (out, "  node\n  [\n");
      if (integer_ids)
        {
          g_string_append_printf (out, "    id %s\n", node->id);
        }
      else
        {
          g_string_append_printf (out, "    id %u\n    " ENTENTE_ID_KEY " ", i);
          append_string (out, node->id);
          g_string_append_c (out, '\n');
          g_hash_table_insert (numbers, node->id, GUINT_TO_POINTER (i));
        }
      write_values (out, table->node_columns, node->values);
      g_string_append (out, "  ]\n");
    }
  for (guint i = 0; i < table->edges->len; i++)
    {
      EntExportItem *edge = g_ptr_array_index (table->edges, i);

      g_string_append (out, "  edge\n  [\n");
      if (integer_ids)
        g_string_append_printf (out, "    source %s\n    target %s\n", edge->source, edge->target);
      else
        g_string_append_printf (out, "    source %u\n    target %u\n",
                                GPOINTER_TO_UINT (g_hash_table_lookup (numbers, edge->source)),
                                GPOINTER_TO_UINT (g_hash_table_lookup (numbers, edge->target)));
      write_values (out, table->edge_columns, edge->values);
      g_string_append (out, "  ]\n");
    }
  g_string_append (out, "]\n");
  *length = out->len;
  return g_string_free (out, FALSE);
}
