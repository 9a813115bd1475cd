/* ent-format-builder.c: building a world from a foreign file, and flattening
 * one for export (the mapping is documented in docs/FORMATS.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-format"

#include "config.h"

#include <errno.h>
#include <float.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ent-format-private.h"

/* ---- Values ------------------------------------------------------------- */

static gboolean
parse_int (const char *text,
           gint64     *out)
{
  char *end = NULL;

  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;
  errno = 0;
  *out = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || end == text)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  return *end == '\0';
}

static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end = NULL;

  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;
  /* strtod also reads "inf", "nan" and hexadecimal: not numbers here. */
  if (!(g_ascii_isdigit (*text) || *text == '-' || *text == '+' || *text == '.'))
    return FALSE;
  if (strchr (text, 'x') != NULL || strchr (text, 'X') != NULL)
    return FALSE;
  errno = 0;
  *out = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (*out))
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  return *end == '\0';
}

static gboolean
parse_bool (const char *text,
            gboolean   *out)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *folded = g_ascii_strdown (trimmed, -1);

  if (g_str_equal (folded, "true") || g_str_equal (folded, "1") || g_str_equal (folded, "yes"))
    *out = TRUE;
  else if (g_str_equal (folded, "false") || g_str_equal (folded, "0") || g_str_equal (folded, "no"))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

JsonNode *
ent_value_parse (const char   *text,
                 EntValueType  type)
{
  JsonNode *node = json_node_alloc ();
  gint64 i;
  double d;
  gboolean b;

  g_return_val_if_fail (text != NULL, NULL);

  switch (type)
    {
    case ENT_VALUE_INT:
      if (parse_int (text, &i))
        return json_node_init_int (node, i);
      /* Some writers put 2.0 in an int column. */
      if (parse_double (text, &d) && d == floor (d) && fabs (d) < 9e15)
        return json_node_init_int (node, (gint64) d);
      break;
    case ENT_VALUE_DOUBLE:
      if (parse_double (text, &d))
        return json_node_init_double (node, d);
      break;
    case ENT_VALUE_BOOL:
      if (parse_bool (text, &b))
        return json_node_init_boolean (node, b);
      break;
    case ENT_VALUE_STRING:
    default:
      return json_node_init_string (node, text);
    }
  json_node_free (node);
  return NULL;
}

JsonNode *
ent_value_guess (const char *text)
{
  JsonNode *node = json_node_alloc ();
  gint64 i;
  double d;

  g_return_val_if_fail (text != NULL, NULL);

  if (parse_int (text, &i))
    {
      g_autofree char *back = g_strdup_printf ("%" G_GINT64_FORMAT, i);

      /* "007" stays text: a number would lose the zeros. */
      if (g_str_equal (back, text))
        return json_node_init_int (node, i);
    }
  else if (parse_double (text, &d) && !g_ascii_isspace (text[0]) &&
           !g_ascii_isspace (text[strlen (text) - 1]))
    {
      return json_node_init_double (node, d);
    }
  return json_node_init_string (node, text);
}

char *
ent_value_to_string (JsonNode *value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return g_strdup ("");
  switch (json_node_get_value_type (value))
    {
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (value);

        /* The shortest text that reads back as the same number. */
        g_ascii_formatd (buffer, sizeof buffer, "%.15g", d);
        if (g_ascii_strtod (buffer, NULL) != d)
          g_ascii_formatd (buffer, sizeof buffer, "%.17g", d);
        return g_strdup (buffer);
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (value) ? "true" : "false");
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (value));
    default:
      return g_strdup ("");
    }
}

const char *
ent_value_type_name (EntValueType type)
{
  switch (type)
    {
    case ENT_VALUE_INT:
      return "int";
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
node_to_double (JsonNode *value,
                double   *out)
{
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return FALSE;
  switch (json_node_get_value_type (value))
    {
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      *out = json_node_get_double (value);
      return isfinite (*out);
    case G_TYPE_STRING:
      return parse_double (json_node_get_string (value), out);
    default:
      return FALSE;
    }
}

gboolean
ent_value_to_date (JsonNode *value,
                   EntDate  *out)
{
  double number;

  *out = ENT_DATE_NONE;
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return FALSE;
  if (json_node_get_value_type (value) == G_TYPE_STRING)
    {
      g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (value)));
      gsize length = strlen (text);

      if (ent_date_parse (text, out, NULL))
        return TRUE;
      /* An xsd:dateTime: keep the day. */
      if (length > 10 && text[4] == '-' && text[7] == '-' && text[10] == 'T')
        {
          text[10] = '\0';
          return ent_date_parse (text, out, NULL);
        }
    }
  if (node_to_double (value, &number) && number >= 1.0 && number < 10000.0)
    {
      g_autofree char *year = g_strdup_printf ("%04d", (int) floor (number));

      return ent_date_parse (year, out, NULL);
    }
  return FALSE;
}

static char *
node_to_text (JsonNode *value)
{
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return NULL;
  switch (json_node_get_value_type (value))
    {
    case G_TYPE_STRING:
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return ent_value_to_string (value);
    default:
      return NULL;
    }
}

const char *
ent_format_skip_bom (const char *data,
                     gsize      *length)
{
  if (*length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      *length -= 3;
      return data + 3;
    }
  return data;
}

guint
ent_format_line_at (const char *data,
                    gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/* ---- The import builder ------------------------------------------------- */

typedef struct
{
  guint        line;
  EntRelation *relation;
  double       weight;      /* |weight| from the file, 0 when none */
  gboolean     mapped;      /* FALSE: added as given (ATOP, COW) */
} PendingEdge;

struct _EntImport
{
  char                  *format_id;
  char                  *file;
  gsize                  total;
  GCancellable          *cancellable;
  EntFormatProgressFunc  progress;
  gpointer               user_data;
  double                 reported;
  guint                  ticks;

  EntWorld              *world;
  GArray                *edges;          /* PendingEdge */
  GHashTable            *edge_ids;
  gboolean               directed;
  gboolean               signed_weights;
  JsonObject            *node_fields;    /* model field -> name in the file */
  JsonObject            *edge_fields;
  GHashTable            *unmapped_edge_fields;  /* fields the user chose no column for */
  JsonObject            *graph_attributes;
  guint                  n_self_loops;
  guint                  n_implicit_nodes;
  guint                  n_renamed_edges;
};

static void
pending_edge_clear (gpointer data)
{
  PendingEdge *edge = data;

  g_clear_pointer (&edge->relation, ent_relation_free);
}

EntImport *
ent_import_new (const char            *format_id,
                const char            *display_name,
                gsize                  total_bytes,
                GCancellable          *cancellable,
                EntFormatProgressFunc  progress,
                gpointer               user_data)
{
  EntImport *import = g_new0 (EntImport, 1);

  import->format_id = g_strdup (format_id);
  import->file = g_strdup (display_name ? display_name : "<data>");
  import->total = MAX (total_bytes, 1);
  import->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  import->progress = progress;
  import->user_data = user_data;
  import->reported = -1;
  import->world = ent_world_new ();
  ent_world_freeze (import->world);
  import->edges = g_array_new (FALSE, TRUE, sizeof (PendingEdge));
  g_array_set_clear_func (import->edges, pending_edge_clear);
  import->edge_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->node_fields = json_object_new ();
  import->edge_fields = json_object_new ();
  import->unmapped_edge_fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->graph_attributes = json_object_new ();
  return import;
}

void
ent_import_free (EntImport *import)
{
  if (import == NULL)
    return;
  g_free (import->format_id);
  g_free (import->file);
  g_clear_object (&import->cancellable);
  g_clear_object (&import->world);
  g_clear_pointer (&import->edges, g_array_unref);
  g_clear_pointer (&import->edge_ids, g_hash_table_unref);
  g_clear_pointer (&import->node_fields, json_object_unref);
  g_clear_pointer (&import->edge_fields, json_object_unref);
  g_clear_pointer (&import->unmapped_edge_fields, g_hash_table_unref);
  g_clear_pointer (&import->graph_attributes, json_object_unref);
  g_free (import);
}

const char *
ent_import_get_file (EntImport *import)
{
  return import->file;
}

EntWorld *
ent_import_peek_world (EntImport *import)
{
  return import->world;
}

static void
report (EntImport *import,
        double     fraction)
{
  if (import->progress == NULL)
    return;
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction - import->reported < 0.01 && fraction < 1.0)
    return;
  import->reported = fraction;
  import->progress (fraction, import->user_data);
}

static gboolean
check_cancelled (EntImport  *import,
                 GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_cancellable_set_error_if_cancelled (import->cancellable, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   _("%s: the import was cancelled"), import->file);
      return FALSE;
    }
  return TRUE;
}

gboolean
ent_import_tick (EntImport  *import,
                 gsize       offset,
                 GError    **error)
{
  if (++import->ticks % 64 != 0)
    return TRUE;
  report (import, 0.9 * (double) offset / (double) import->total);
  return check_cancelled (import, error);
}

static gboolean
fail_valist (EntImport   *import,
             GError     **error,
             int          code,
             guint        line,
             const char  *format,
             va_list      args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  if (line > 0)
    g_set_error (error, ENT_FORMAT_ERROR, code, "%s:%u: %s", import->file, line, message);
  else
    g_set_error (error, ENT_FORMAT_ERROR, code, "%s: %s", import->file, message);
  return FALSE;
}

gboolean
ent_import_fail (EntImport   *import,
                 GError     **error,
                 guint        line,
                 const char  *format,
                 ...)
{
  va_list args;

  va_start (args, format);
  fail_valist (import, error, ENT_FORMAT_ERROR_INVALID, line, format, args);
  va_end (args);
  return FALSE;
}

gboolean
ent_import_fail_code (EntImport   *import,
                      GError     **error,
                      int          code,
                      guint        line,
                      const char  *format,
                      ...)
{
  va_list args;

  va_start (args, format);
  fail_valist (import, error, code, line, format, args);
  va_end (args);
  return FALSE;
}

void
ent_import_set_directed (EntImport *import,
                         gboolean   directed)
{
  import->directed = directed;
}

void
ent_import_set_graph_attribute (EntImport  *import,
                                const char *name,
                                JsonNode   *value)
{
  json_object_set_member (import->graph_attributes, name, value);
}

void
ent_import_name_field (EntImport  *import,
                       gboolean    edge,
                       const char *field,
                       const char *name)
{
  json_object_set_string_member (edge ? import->edge_fields : import->node_fields, field, name);
}

void
ent_import_unmap_edge_field (EntImport  *import,
                             const char *field)
{
  g_hash_table_add (import->unmapped_edge_fields, g_strdup (field));
}

static gboolean
maps_edge_field (EntImport  *import,
                 const char *field)
{
  return !g_hash_table_contains (import->unmapped_edge_fields, field);
}

gboolean
ent_import_has_node (EntImport  *import,
                     const char *id)
{
  return ent_world_lookup_actor (import->world, id) != NULL;
}

/* The member of @attributes named like one of @names (any case), in the
 * order of @names. */
static const char *
find_member (JsonObject         *attributes,
             const char * const *names)
{
  g_autoptr(GList) members = NULL;

  if (attributes == NULL)
    return NULL;
  members = json_object_get_members (attributes);
  for (guint i = 0; names[i] != NULL; i++)
    for (GList *l = members; l != NULL; l = l->next)
      if (g_ascii_strcasecmp (l->data, names[i]) == 0)
        return l->data;
  return NULL;
}

static void
note_field (JsonObject *fields,
            const char *field,
            const char *name)
{
  if (!json_object_has_member (fields, field))
    json_object_set_string_member (fields, field, name);
}

/* Takes the text of the first of @names, removing it from @attributes. */
static char *
take_text (JsonObject         *attributes,
           JsonObject         *fields,
           const char         *field,
           const char * const *names)
{
  const char *name = find_member (attributes, names);
  char *text;

  if (name == NULL)
    return NULL;
  text = node_to_text (json_object_get_member (attributes, name));
  if (text == NULL || *text == '\0')
    {
      g_free (text);
      return NULL;
    }
  note_field (fields, field, name);
  json_object_remove_member (attributes, name);
  return text;
}

static const char * const label_names[] = { "label", "name", NULL };
static const char * const x_names[] = { "x", NULL };
static const char * const y_names[] = { "y", NULL };
static const char * const kind_names[] = { "kind", NULL };
static const char * const region_names[] = { "region", NULL };
static const char * const note_names[] = { "note", NULL };

static JsonObject *
make_extra (JsonObject *attributes)
{
  JsonObject *extra;

  if (attributes == NULL || json_object_get_size (attributes) == 0)
    return NULL;
  extra = json_object_new ();
  json_object_set_object_member (extra, ENT_FORMAT_ATTRIBUTES_KEY, json_object_ref (attributes));
  return extra;
}

static gboolean
add_actor (EntImport  *import,
           guint       line,
           EntActor   *actor,
           GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!ent_world_add_actor (import->world, actor, &local_error))
    return ent_import_fail (import, error, line, "%s", local_error->message);
  return TRUE;
}

gboolean
ent_import_add_node (EntImport   *import,
                     guint        line,
                     const char  *id,
                     JsonObject  *attributes,
                     GError     **error)
{
  g_autoptr(JsonObject) owned = attributes;
  g_autoptr(EntActor) actor = NULL;
  const char *x_name, *y_name, *kind_name;
  double x, y;
  g_autofree char *kind = NULL;

  if (id == NULL || *id == '\0')
    return ent_import_fail (import, error, line, _("a node has no id"));
  if (!g_utf8_validate (id, -1, NULL))
    return ent_import_fail (import, error, line, _("a node id is not valid UTF-8 text"));

  actor = ent_actor_new (id, NULL);
  if (owned != NULL)
    {
      actor->name = take_text (owned, import->node_fields, "name", label_names);
      x_name = find_member (owned, x_names);
      y_name = find_member (owned, y_names);
      if (x_name != NULL && y_name != NULL &&
          node_to_double (json_object_get_member (owned, x_name), &x) &&
          node_to_double (json_object_get_member (owned, y_name), &y))
        {
          actor->has_position = TRUE;
          actor->x = x;
          actor->y = y;
          note_field (import->node_fields, "x", x_name);
          note_field (import->node_fields, "y", y_name);
          json_object_remove_member (owned, x_name);
          json_object_remove_member (owned, y_name);
        }
      kind_name = find_member (owned, kind_names);
      kind = kind_name ? node_to_text (json_object_get_member (owned, kind_name)) : NULL;
      if (kind != NULL && ent_actor_kind_from_string (kind, &actor->kind))
        {
          note_field (import->node_fields, "kind", kind_name);
          json_object_remove_member (owned, kind_name);
        }
      actor->region = take_text (owned, import->node_fields, "region", region_names);
      actor->note = take_text (owned, import->node_fields, "note", note_names);
      actor->extra = make_extra (owned);
    }
  if (actor->name == NULL)
    actor->name = g_strdup (id);
  if (!add_actor (import, line, actor, error))
    return FALSE;
  return ent_import_tick (import, 0, error);
}

gboolean
ent_import_add_actor (EntImport  *import,
                      guint       line,
                      EntActor   *actor,
                      GError    **error)
{
  g_autoptr(EntActor) owned = actor;

  return add_actor (import, line, owned, error);
}

gboolean
ent_import_add_bloc (EntImport  *import,
                     guint       line,
                     EntBloc    *bloc,
                     GError    **error)
{
  g_autoptr(EntBloc) owned = bloc;
  g_autoptr(GError) local_error = NULL;

  if (!ent_world_add_bloc (import->world, owned, &local_error))
    return ent_import_fail (import, error, line, "%s", local_error->message);
  return TRUE;
}

static const char * const weight_names[] = { "weight", "value", "strength", NULL };
static const char * const sign_names[] = { "sign", NULL };
static const char * const type_names[] = { "type", "relation", "relation_type", NULL };
static const char * const since_names[] = { "since", "start", "begin", "date", "start_date", "createdAt", NULL };
static const char * const until_names[] = { "until", "end", "end_date", NULL };
static const char * const reference_names[] = { "reference", "citation", NULL };

static gboolean
read_sign (JsonNode *value,
           int      *out)
{
  double number;

  if (node_to_double (value, &number) && (number == 1 || number == -1))
    {
      *out = (int) number;
      return TRUE;
    }
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
      json_node_get_value_type (value) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (value);

      if (g_str_equal (text, "+") || g_ascii_strcasecmp (text, "positive") == 0)
        *out = 1;
      else if (g_str_equal (text, "-") || g_ascii_strcasecmp (text, "negative") == 0)
        *out = -1;
      else
        return FALSE;
      return TRUE;
    }
  return FALSE;
}

static EntRelationType
default_type (int sign)
{
  return sign < 0 ? ENT_RELATION_RIVALRY : ENT_RELATION_PARTNERSHIP;
}

/* Maps what the model knows from @attributes onto @relation. */
static void
map_relation (EntImport   *import,
              EntRelation *relation,
              JsonObject  *attributes,
              double      *weight)
{
  const char *name;
  g_autofree char *type = NULL;
  const char *since_name, *until_name;
  EntDate since = ENT_DATE_NONE, until = ENT_DATE_NONE;
  gboolean has_sign = FALSE, has_type = FALSE;
  double number;
  int sign = 1;

  *weight = 0;
  if (maps_edge_field (import, "label"))
    relation->label = take_text (attributes, import->edge_fields, "label", label_names);

  name = maps_edge_field (import, "strength") ? find_member (attributes, weight_names) : NULL;
  if (name != NULL && node_to_double (json_object_get_member (attributes, name), &number) && number != 0)
    {
      *weight = fabs (number);
      if (number < 0)
        {
          sign = -1;
          import->signed_weights = TRUE;
        }
      note_field (import->edge_fields, "strength", name);
      json_object_remove_member (attributes, name);
    }

  name = maps_edge_field (import, "sign") ? find_member (attributes, sign_names) : NULL;
  if (name != NULL && read_sign (json_object_get_member (attributes, name), &sign))
    {
      has_sign = TRUE;
      note_field (import->edge_fields, "sign", name);
      json_object_remove_member (attributes, name);
    }

  name = maps_edge_field (import, "type") ? find_member (attributes, type_names) : NULL;
  if (name != NULL)
    {
      type = node_to_text (json_object_get_member (attributes, name));
      if (type != NULL)
        {
          g_autofree char *folded = g_ascii_strdown (type, -1);

          if (ent_relation_type_from_string (folded, &relation->type))
            {
              has_type = TRUE;
              note_field (import->edge_fields, "type", name);
              json_object_remove_member (attributes, name);
            }
        }
    }
  if (!has_type)
    relation->type = default_type (sign);
  relation->sign = has_sign || sign < 0 ? sign : ent_relation_type_default_sign (relation->type);

  /* Dates are taken only as a pair that makes sense. */
  since_name = maps_edge_field (import, "since") ? find_member (attributes, since_names) : NULL;
  until_name = maps_edge_field (import, "until") ? find_member (attributes, until_names) : NULL;
  if (since_name != NULL && !ent_value_to_date (json_object_get_member (attributes, since_name), &since))
    since_name = NULL;
  if (until_name != NULL && !ent_value_to_date (json_object_get_member (attributes, until_name), &until))
    until_name = NULL;
  if (since_name != NULL && until_name != NULL &&
      ent_date_end_key (until) < ent_date_start_key (since))
    since_name = until_name = NULL;
  if (since_name != NULL)
    {
      relation->since = since;
      note_field (import->edge_fields, "since", since_name);
      json_object_remove_member (attributes, since_name);
    }
  if (until_name != NULL)
    {
      relation->until = until;
      note_field (import->edge_fields, "until", until_name);
      json_object_remove_member (attributes, until_name);
    }

  relation->source = take_text (attributes, import->edge_fields, "source", reference_names);
  relation->note = take_text (attributes, import->edge_fields, "note", note_names);
}

static gboolean
queue_edge (EntImport   *import,
            guint        line,
            EntRelation *relation,
            double       weight,
            gboolean     mapped,
            GError     **error)
{
  PendingEdge edge = { line, relation, weight, mapped };

  if (g_str_equal (relation->actor_a, relation->actor_b))
    {
      /* The model has no ties of an actor with itself. */
      import->n_self_loops++;
      ent_relation_free (relation);
      return ent_import_tick (import, 0, error);
    }
  if (relation->id != NULL)
    {
      if (g_hash_table_contains (import->edge_ids, relation->id))
        {
          g_clear_pointer (&relation->id, g_free);
          import->n_renamed_edges++;
        }
      else
        {
          g_hash_table_add (import->edge_ids, g_strdup (relation->id));
        }
    }
  g_array_append_val (import->edges, edge);
  return ent_import_tick (import, 0, error);
}

gboolean
ent_import_add_edge (EntImport   *import,
                     guint        line,
                     const char  *id,
                     const char  *source,
                     const char  *target,
                     JsonObject  *attributes,
                     GError     **error)
{
  g_autoptr(JsonObject) owned = attributes;
  EntRelation *relation;
  double weight = 0;

  if (source == NULL || *source == '\0' || target == NULL || *target == '\0')
    return ent_import_fail (import, error, line, _("an edge needs both a source and a target"));
  if (!g_utf8_validate (source, -1, NULL) || !g_utf8_validate (target, -1, NULL))
    return ent_import_fail (import, error, line, _("an edge names a node that is not valid UTF-8 text"));

  relation = ent_relation_new (id != NULL && *id != '\0' ? id : NULL, source, target, ENT_RELATION_PARTNERSHIP);
  if (owned != NULL)
    {
      map_relation (import, relation, owned, &weight);
      relation->extra = make_extra (owned);
    }
  return queue_edge (import, line, relation, weight, TRUE, error);
}

gboolean
ent_import_add_relation (EntImport    *import,
                         guint         line,
                         EntRelation  *relation,
                         GError      **error)
{
  return queue_edge (import, line, relation, 0, FALSE, error);
}

static gboolean
ensure_actor (EntImport   *import,
              guint        line,
              const char  *id,
              GError     **error)
{
  g_autoptr(EntActor) actor = NULL;

  if (ent_world_lookup_actor (import->world, id) != NULL)
    return TRUE;
  /* An edge to a node the file never declared: declare it. */
  import->n_implicit_nodes++;
  actor = ent_actor_new (id, id);
  return add_actor (import, line, actor, error);
}

static void
record_import (EntImport *import,
               double     scale)
{
  g_auto(EntDocumentInfo) info = { 0 };
  const EntDocumentInfo *old = ent_world_get_info (import->world);
  JsonObject *record = json_object_new ();

  json_object_set_string_member (record, "format", import->format_id);
  json_object_set_boolean_member (record, "directed", import->directed);
  json_object_set_object_member (record, "node_fields", json_object_ref (import->node_fields));
  json_object_set_object_member (record, "edge_fields", json_object_ref (import->edge_fields));
  if (scale != 1.0)
    json_object_set_double_member (record, "weight_scale", scale);
  if (import->signed_weights)
    json_object_set_boolean_member (record, "signed_weights", TRUE);
  if (import->n_self_loops > 0)
    json_object_set_int_member (record, "skipped_self_loops", import->n_self_loops);
  if (import->n_implicit_nodes > 0)
    json_object_set_int_member (record, "implicit_nodes", import->n_implicit_nodes);
  if (import->n_renamed_edges > 0)
    json_object_set_int_member (record, "renamed_duplicate_edge_ids", import->n_renamed_edges);

  info.title = g_strdup (old->title);
  info.titles = ent_local_names_copy (old->titles);
  info.description = g_strdup (old->description);
  info.author = g_strdup (old->author);
  info.sources = g_strdupv (old->sources);
  info.extra = old->extra ? json_object_ref (old->extra) : json_object_new ();
  json_object_set_object_member (info.extra, ENT_FORMAT_IMPORT_KEY, record);
  if (json_object_get_size (import->graph_attributes) > 0)
    json_object_set_object_member (info.extra, ENT_FORMAT_ATTRIBUTES_KEY,
                                   json_object_ref (import->graph_attributes));
  ent_world_set_info (import->world, &info);
}

EntWorld *
ent_import_finish (EntImport  *import,
                   GError    **error)
{
  g_autoptr(EntWorld) world = NULL;
  g_autoptr(GError) local_error = NULL;
  double scale = 0;

  for (guint i = 0; i < import->edges->len; i++)
    scale = MAX (scale, g_array_index (import->edges, PendingEdge, i).weight);
  if (scale <= 1.0)
    scale = 1.0;

  for (guint i = 0; i < import->edges->len; i++)
    {
      PendingEdge *edge = &g_array_index (import->edges, PendingEdge, i);

      if (i % 256 == 0)
        {
          report (import, 0.9 + 0.1 * i / import->edges->len);
          if (!check_cancelled (import, error))
            return NULL;
        }
      if (edge->mapped && edge->weight > 0)
        edge->relation->strength = MAX (edge->weight / scale, DBL_MIN);
      if (!ensure_actor (import, edge->line, edge->relation->actor_a, error) ||
          !ensure_actor (import, edge->line, edge->relation->actor_b, error))
        return NULL;
      if (!ent_world_add_relation (import->world, edge->relation, NULL, &local_error))
        {
          ent_import_fail (import, error, edge->line, "%s", local_error->message);
          return NULL;
        }
    }
  g_array_set_size (import->edges, 0);
  if (!check_cancelled (import, error))
    return NULL;

  record_import (import, scale);
  world = g_steal_pointer (&import->world);
  if (!ent_world_thaw (world, &local_error))
    {
      ent_import_fail (import, error, 0, "%s", local_error->message);
      return NULL;
    }
  report (import, 1.0);
  return g_steal_pointer (&world);
}

/* ---- The export table --------------------------------------------------- */

static void
column_free (gpointer data)
{
  EntColumn *column = data;

  g_free (column->name);
  g_free (column);
}

static void
item_free (gpointer data)
{
  EntExportItem *item = data;

  g_free (item->id);
  g_free (item->source);
  g_free (item->target);
  g_clear_pointer (&item->values, json_object_unref);
  g_free (item);
}

void
ent_export_table_free (EntExportTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->node_columns, g_ptr_array_unref);
  g_clear_pointer (&table->edge_columns, g_ptr_array_unref);
  g_clear_pointer (&table->graph_columns, g_ptr_array_unref);
  g_clear_pointer (&table->nodes, g_ptr_array_unref);
  g_clear_pointer (&table->edges, g_ptr_array_unref);
  g_clear_pointer (&table->graph_values, json_object_unref);
  g_free (table->title);
  g_free (table);
}

static const char *
field_name (JsonObject *fields,
            const char *field,
            const char *fallback)
{
  if (fields != NULL && json_object_has_member (fields, field) &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (fields, field)))
    return json_object_get_string_member (fields, field);
  return fallback;
}

static EntColumn *
find_column (GPtrArray  *columns,
             const char *name)
{
  for (guint i = 0; i < columns->len; i++)
    {
      EntColumn *column = g_ptr_array_index (columns, i);

      if (g_str_equal (column->name, name))
        return column;
    }
  return NULL;
}

static void
add_column (GPtrArray     *columns,
            const char    *name,
            EntColumnRole  role)
{
  EntColumn *column;

  if (find_column (columns, name) != NULL)
    return;
  column = g_new0 (EntColumn, 1);
  column->name = g_strdup (name);
  column->role = role;
  g_ptr_array_add (columns, column);
}

/* Which JSON value types a column holds decides its type. */
static void
type_columns (GPtrArray *columns,
              GPtrArray *items)
{
  for (guint c = 0; c < columns->len; c++)
    {
      EntColumn *column = g_ptr_array_index (columns, c);
      gboolean any_string = FALSE, any_double = FALSE, any_int = FALSE, any_bool = FALSE;

      for (guint i = 0; i < items->len; i++)
        {
          EntExportItem *item = g_ptr_array_index (items, i);
          JsonNode *value = json_object_get_member (item->values, column->name);

          if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
            continue;
          switch (json_node_get_value_type (value))
            {
            case G_TYPE_INT64:
              any_int = TRUE;
              break;
            case G_TYPE_DOUBLE:
              any_double = TRUE;
              break;
            case G_TYPE_BOOLEAN:
              any_bool = TRUE;
              break;
            default:
              any_string = TRUE;
              break;
            }
        }
      if (any_string || (any_bool && (any_int || any_double)))
        column->type = ENT_VALUE_STRING;
      else if (any_double)
        column->type = ENT_VALUE_DOUBLE;
      else if (any_int)
        column->type = ENT_VALUE_INT;
      else if (any_bool)
        column->type = ENT_VALUE_BOOL;
      else
        column->type = ENT_VALUE_STRING;
    }
}

static void
add_custom (EntExportItem *item,
            GPtrArray     *columns,
            JsonObject    *extra)
{
  JsonNode *node;
  JsonObject *attributes;
  g_autoptr(GList) members = NULL;

  if (extra == NULL)
    return;
  node = json_object_get_member (extra, ENT_FORMAT_ATTRIBUTES_KEY);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  attributes = json_node_get_object (node);
  members = json_object_get_members (attributes);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (attributes, l->data);

      if (!JSON_NODE_HOLDS_VALUE (value))
        continue;
      add_column (columns, l->data, ENT_COLUMN_CUSTOM);
      json_object_set_member (item->values, l->data, json_node_copy (value));
    }
}

static void
set_date_value (JsonObject *values,
                const char *name,
                EntDate     date)
{
  g_autofree char *text = ent_date_to_string (date);

  if (text != NULL)
    json_object_set_string_member (values, name, text);
}

static void
flatten_nodes (EntExportTable *table,
               EntWorld       *world,
               JsonObject     *fields)
{
  guint n = ent_world_get_n_actors (world);
  const char *label = field_name (fields, "name", "label");
  const char *x = field_name (fields, "x", "x");
  const char *y = field_name (fields, "y", "y");
  const char *kind = field_name (fields, "kind", "kind");
  const char *region = field_name (fields, "region", "region");
  const char *note = field_name (fields, "note", "note");
  gboolean any_label = fields != NULL && json_object_has_member (fields, "name");
  gboolean any_position = FALSE, any_kind = FALSE, any_region = FALSE, any_note = FALSE;

  for (guint i = 0; i < n; i++)
    {
      const EntActor *actor = ent_world_get_actor (world, i);

      any_label |= g_strcmp0 (actor->name, actor->id) != 0;
      any_position |= actor->has_position;
      any_kind |= actor->kind != ENT_ACTOR_STATE;
      any_region |= actor->region != NULL;
      any_note |= actor->note != NULL;
    }
  if (any_label)
    add_column (table->node_columns, label, ENT_COLUMN_LABEL);
  if (any_position)
    {
      add_column (table->node_columns, x, ENT_COLUMN_X);
      add_column (table->node_columns, y, ENT_COLUMN_Y);
    }
  if (any_kind)
    add_column (table->node_columns, kind, ENT_COLUMN_MODEL);
  if (any_region)
    add_column (table->node_columns, region, ENT_COLUMN_MODEL);
  if (any_note)
    add_column (table->node_columns, note, ENT_COLUMN_MODEL);

  for (guint i = 0; i < n; i++)
    {
      const EntActor *actor = ent_world_get_actor (world, i);
      EntExportItem *item = g_new0 (EntExportItem, 1);

      item->id = g_strdup (actor->id);
      item->values = json_object_new ();
      if (any_label)
        json_object_set_string_member (item->values, label, actor->name);
      if (actor->has_position)
        {
          json_object_set_double_member (item->values, x, actor->x);
          json_object_set_double_member (item->values, y, actor->y);
        }
      if (any_kind)
        json_object_set_string_member (item->values, kind, ent_actor_kind_to_string (actor->kind));
      if (actor->region != NULL)
        json_object_set_string_member (item->values, region, actor->region);
      if (actor->note != NULL)
        json_object_set_string_member (item->values, note, actor->note);
      add_custom (item, table->node_columns, actor->extra);
      g_ptr_array_add (table->nodes, item);
    }
}

static void
flatten_edges (EntExportTable *table,
               EntWorld       *world,
               JsonObject     *record)
{
  JsonObject *fields = NULL;
  guint n = ent_world_get_n_relations (world);
  double scale = 1.0;
  gboolean signed_weights = FALSE;
  gboolean any_label = FALSE, any_weight, any_sign, any_type, any_since = FALSE;
  gboolean any_until = FALSE, any_source = FALSE, any_note = FALSE;
  const char *label, *weight, *sign, *type, *since, *until, *source, *note;

  if (record != NULL)
    {
      if (json_object_has_member (record, "edge_fields"))
        fields = json_object_get_object_member (record, "edge_fields");
      if (json_object_has_member (record, "weight_scale"))
        scale = json_object_get_double_member (record, "weight_scale");
      if (!isfinite (scale) || scale <= 0)
        scale = 1.0;
      if (json_object_has_member (record, "signed_weights"))
        signed_weights = json_object_get_boolean_member (record, "signed_weights");
    }
  label = field_name (fields, "label", "label");
  weight = field_name (fields, "strength", "weight");
  sign = field_name (fields, "sign", "sign");
  type = field_name (fields, "type", "type");
  since = field_name (fields, "since", "since");
  until = field_name (fields, "until", "until");
  source = field_name (fields, "source", "reference");
  note = field_name (fields, "note", "note");
  any_weight = fields != NULL && json_object_has_member (fields, "strength");
  any_sign = fields != NULL && json_object_has_member (fields, "sign");
  any_type = fields != NULL && json_object_has_member (fields, "type");

  for (guint i = 0; i < n; i++)
    {
      const EntRelation *relation = ent_world_get_relation (world, i);

      any_label |= relation->label != NULL;
      any_weight |= relation->strength != 0.5;
      any_type |= relation->type != default_type (relation->sign);
      if (!signed_weights)
        any_sign |= relation->sign != ent_relation_type_default_sign (relation->type);
      any_since |= ent_date_is_set (relation->since);
      any_until |= ent_date_is_set (relation->until);
      any_source |= relation->source != NULL;
      any_note |= relation->note != NULL;
    }
  /* With signed weights the weight carries the sign. */
  if (signed_weights && !(fields != NULL && json_object_has_member (fields, "sign")))
    {
      any_sign = FALSE;
      any_weight = TRUE;
    }
  if (any_label)
    add_column (table->edge_columns, label, ENT_COLUMN_LABEL);
  if (any_weight)
    add_column (table->edge_columns, weight, ENT_COLUMN_WEIGHT);
  if (any_sign)
    add_column (table->edge_columns, sign, ENT_COLUMN_MODEL);
  if (any_type)
    add_column (table->edge_columns, type, ENT_COLUMN_MODEL);
  if (any_since)
    add_column (table->edge_columns, since, ENT_COLUMN_SINCE);
  if (any_until)
    add_column (table->edge_columns, until, ENT_COLUMN_UNTIL);
  if (any_source)
    add_column (table->edge_columns, source, ENT_COLUMN_MODEL);
  if (any_note)
    add_column (table->edge_columns, note, ENT_COLUMN_MODEL);

  for (guint i = 0; i < n; i++)
    {
      const EntRelation *relation = ent_world_get_relation (world, i);
      EntExportItem *item = g_new0 (EntExportItem, 1);

      item->id = g_strdup (relation->id);
      item->source = g_strdup (relation->actor_a);
      item->target = g_strdup (relation->actor_b);
      item->values = json_object_new ();
      if (relation->label != NULL)
        json_object_set_string_member (item->values, label, relation->label);
      if (any_weight)
        {
          double value = relation->strength * scale;

          if (signed_weights && !any_sign)
            value *= relation->sign;
          /* Whole numbers stay whole, as most files have them. */
          if (value == floor (value) && fabs (value) < 9e15)
            json_object_set_int_member (item->values, weight, (gint64) value);
          else
            json_object_set_double_member (item->values, weight, value);
        }
      if (any_sign)
        json_object_set_int_member (item->values, sign, relation->sign);
      if (any_type)
        json_object_set_string_member (item->values, type, ent_relation_type_to_string (relation->type));
      set_date_value (item->values, since, relation->since);
      set_date_value (item->values, until, relation->until);
      if (relation->source != NULL)
        json_object_set_string_member (item->values, source, relation->source);
      if (relation->note != NULL)
        json_object_set_string_member (item->values, note, relation->note);
      add_custom (item, table->edge_columns, relation->extra);
      g_ptr_array_add (table->edges, item);
    }
}

/**
 * ent_export_table_new:
 *
 * Returns: (transfer full): @world's actors and relations as typed rows.
 */
EntExportTable *
ent_export_table_new (EntWorld *world)
{
  EntExportTable *table = g_new0 (EntExportTable, 1);
  const EntDocumentInfo *info = ent_world_get_info (world);
  JsonObject *record = NULL;
  JsonObject *node_fields = NULL;
  JsonNode *node;

  table->node_columns = g_ptr_array_new_with_free_func (column_free);
  table->edge_columns = g_ptr_array_new_with_free_func (column_free);
  table->graph_columns = g_ptr_array_new_with_free_func (column_free);
  table->nodes = g_ptr_array_new_with_free_func (item_free);
  table->edges = g_ptr_array_new_with_free_func (item_free);
  table->graph_values = json_object_new ();
  table->title = g_strdup (info->title);

  if (info->extra != NULL)
    {
      node = json_object_get_member (info->extra, ENT_FORMAT_IMPORT_KEY);
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        record = json_node_get_object (node);
      node = json_object_get_member (info->extra, ENT_FORMAT_ATTRIBUTES_KEY);
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *attributes = json_node_get_object (node);
          g_autoptr(GList) members = json_object_get_members (attributes);

          for (GList *l = members; l != NULL; l = l->next)
            {
              JsonNode *value = json_object_get_member (attributes, l->data);

              if (!JSON_NODE_HOLDS_VALUE (value))
                continue;
              add_column (table->graph_columns, l->data, ENT_COLUMN_CUSTOM);
              json_object_set_member (table->graph_values, l->data, json_node_copy (value));
            }
        }
    }
  if (record != NULL)
    {
      node = json_object_get_member (record, "node_fields");
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        node_fields = json_node_get_object (node);
      node = json_object_get_member (record, "directed");
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        table->directed = json_node_get_boolean (node);
    }

  flatten_nodes (table, world, node_fields);
  flatten_edges (table, world, record);
  type_columns (table->node_columns, table->nodes);
  type_columns (table->edge_columns, table->edges);
  if (table->graph_columns->len > 0)
    {
      EntExportItem graph = { .values = table->graph_values };
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      g_ptr_array_add (one, &graph);
      type_columns (table->graph_columns, one);
    }
  return table;
}
