/* ent-format-native.c: reading and writing *.entente.json (docs/FORMAT.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-format"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ent-format-native.h"
#include "ent-format-native-private.h"

G_DEFINE_QUARK (ent-format-error-quark, ent_format_error)

/* ---- Reading: helpers that name where a problem is --------------------- */

typedef struct
{
  const char *file;      /* display name */
  char       *where;     /* "relations[3] (“r4”)" */
} Reader;

static void
reader_set_where (Reader     *reader,
                  const char *list,
                  guint       index,
                  JsonObject *object)
{
  const char *id = NULL;
  JsonNode *id_node;

  g_free (reader->where);
  id_node = object ? json_object_get_member (object, "id") : NULL;
  if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node) &&
      json_node_get_value_type (id_node) == G_TYPE_STRING)
    id = json_node_get_string (id_node);
  if (id != NULL)
    reader->where = g_strdup_printf ("%s[%u] (“%s”)", list, index, id);
  else
    reader->where = g_strdup_printf ("%s[%u]", list, index);
}

G_GNUC_PRINTF (3, 4)
static gboolean
reader_fail (Reader      *reader,
             GError     **error,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (reader->where != NULL)
    g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_INVALID,
                 "%s: %s: %s", reader->file, reader->where, message);
  else
    g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_INVALID,
                 "%s: %s", reader->file, message);
  return FALSE;
}

static gboolean
reader_fail_from (Reader  *reader,
                  GError **error,
                  GError  *cause)
{
  return reader_fail (reader, error, "%s", cause->message);
}

static gboolean
is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

/* Reads an optional string member: absent or null leaves *out NULL. */
static gboolean
read_string (Reader      *reader,
             JsonObject  *object,
             const char  *member,
             gboolean     required,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (is_null (node))
    {
      if (required)
        return reader_fail (reader, error, _("“%s” is missing"), member);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return reader_fail (reader, error, _("“%s” must be a string"), member);
  *out = g_strdup (json_node_get_string (node));
  if (required && **out == '\0')
    return reader_fail (reader, error, _("“%s” must not be empty"), member);
  return TRUE;
}

static gboolean
read_date (Reader      *reader,
           JsonObject  *object,
           const char  *member,
           gboolean     required,
           EntDate     *out,
           GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  *out = ENT_DATE_NONE;
  if (!read_string (reader, object, member, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!ent_date_parse (text, out, &local_error))
    return reader_fail (reader, error, "“%s”: %s", member, local_error->message);
  return TRUE;
}

static gboolean
read_number (Reader      *reader,
             JsonObject  *object,
             const char  *member,
             double       fallback,
             double      *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  *out = fallback;
  if (is_null (node))
    return TRUE;
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return reader_fail (reader, error, _("“%s” must be a number"), member);
  *out = json_node_get_double (node);
  if (!isfinite (*out))
    return reader_fail (reader, error, _("“%s” must be a finite number"), member);
  return TRUE;
}

static gboolean
read_bool (Reader      *reader,
           JsonObject  *object,
           const char  *member,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = FALSE;
  if (is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return reader_fail (reader, error, _("“%s” must be true or false"), member);
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_string_array (Reader       *reader,
                   JsonObject   *object,
                   const char   *member,
                   GStrv        *out,
                   GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  *out = NULL;
  if (is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return reader_fail (reader, error, _("“%s” must be a list of strings"), member);
  array = json_node_get_array (node);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return reader_fail (reader, error, _("“%s” item %u must be a string"), member, i + 1);
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* Keeps the members this version does not know, for writing back. */
static JsonObject *
collect_extra (JsonObject         *object,
               const char * const *known)
{
  g_autoptr(GList) members = json_object_get_members (object);
  JsonObject *extra = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (g_strv_contains (known, l->data))
        continue;
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, l->data, json_node_copy (json_object_get_member (object, l->data)));
    }
  return extra;
}

static gboolean
read_enum (Reader      *reader,
           JsonObject  *object,
           const char  *member,
           gboolean     required,
           gboolean   (*from_string) (const char *, guint *),
           guint       *out,
           GError     **error)
{
  g_autofree char *text = NULL;

  if (!read_string (reader, object, member, required, &text, error))
    return FALSE;
  if (text != NULL && !from_string (text, out))
    return reader_fail (reader, error, _("unknown %s “%s”"), member, text);
  return TRUE;
}

#define ENUM_READER(fn) ((gboolean (*) (const char *, guint *)) (fn))

/* ---- Reading the four lists ------------------------------------------- */

/* An item's localised names ("names"; the "titles" of the document, a
 * leader or a meeting; a relation's "labels"): an object
 * of language codes and names, into @names (NULL while there are none). */
static gboolean
read_local_names (Reader      *reader,
                  JsonObject  *object,
                  const char  *member,
                  GHashTable **names,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gboolean titles = g_str_equal (member, "titles");
  gboolean labels = g_str_equal (member, "labels");
  g_autoptr(GList) languages = NULL;
  JsonObject *fields;

  if (is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return reader_fail (reader, error, "%s",
                        titles ? _("“titles” must be an object of language codes and titles")
                        : labels ? _("“labels” must be an object of language codes and labels")
                                 : _("“names” must be an object of language codes and names"));
  fields = json_node_get_object (node);
  languages = json_object_get_members (fields);
  for (GList *l = languages; l != NULL; l = l->next)
    {
      JsonNode *name = json_object_get_member (fields, l->data);

      if (!JSON_NODE_HOLDS_VALUE (name) || json_node_get_value_type (name) != G_TYPE_STRING)
        return reader_fail (reader, error,
                            titles ? _("the “%s” title must be a string")
                            : labels ? _("the “%s” label must be a string")
                                     : _("the “%s” name must be a string"),
                            (char *) l->data);
      if (*names == NULL)
        *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (*names, g_strdup (l->data), g_strdup (json_node_get_string (name)));
    }
  return TRUE;
}

static gboolean
read_names (Reader      *reader,
            JsonObject  *object,
            GHashTable **names,
            GError     **error)
{
  return read_local_names (reader, object, "names", names, error);
}

static const char * const actor_fields[] = {
  "id", "name", "names", "kind", "region", "leaders", "position", "note", NULL
};
static const char * const leader_fields[] = { "name", "names", "title", "titles", "since", "until", NULL };

static gboolean
read_actor (Reader      *reader,
            JsonObject  *object,
            EntWorld    *world,
            GError     **error)
{
  g_autoptr(EntActor) actor = ent_actor_new (NULL, NULL);
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;
  guint kind = ENT_ACTOR_STATE;

  if (!read_string (reader, object, "id", TRUE, &actor->id, error) ||
      !read_string (reader, object, "name", TRUE, &actor->name, error) ||
      !read_enum (reader, object, "kind", FALSE, ENUM_READER (ent_actor_kind_from_string), &kind, error) ||
      !read_string (reader, object, "region", FALSE, &actor->region, error) ||
      !read_string (reader, object, "note", FALSE, &actor->note, error))
    return FALSE;
  actor->kind = kind;

  if (!read_names (reader, object, &actor->names, error))
    return FALSE;

  node = json_object_get_member (object, "leaders");
  if (!is_null (node))
    {
      JsonArray *leaders;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return reader_fail (reader, error, _("“leaders” must be a list"));
      leaders = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (leaders); i++)
        {
          JsonNode *element = json_array_get_element (leaders, i);
          g_autoptr(EntLeader) leader = ent_leader_new (NULL, NULL);
          JsonObject *fields;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            return reader_fail (reader, error, _("leader %u must be an object"), i + 1);
          fields = json_node_get_object (element);
          if (!read_string (reader, fields, "name", TRUE, &leader->name, error) ||
              !read_string (reader, fields, "title", FALSE, &leader->title, error) ||
              !read_date (reader, fields, "since", FALSE, &leader->since, error) ||
              !read_date (reader, fields, "until", FALSE, &leader->until, error) ||
              !read_names (reader, fields, &leader->names, error) ||
              !read_local_names (reader, fields, "titles", &leader->titles, error))
            return FALSE;
          leader->extra = collect_extra (fields, leader_fields);
          g_ptr_array_add (actor->leaders, g_steal_pointer (&leader));
        }
    }

  node = json_object_get_member (object, "position");
  if (!is_null (node))
    {
      JsonObject *position;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return reader_fail (reader, error, _("“position” must be an object with “x” and “y”"));
      position = json_node_get_object (node);
      if (!json_object_has_member (position, "x") || !json_object_has_member (position, "y"))
        return reader_fail (reader, error, _("“position” needs both “x” and “y”"));
      if (!read_number (reader, position, "x", 0, &actor->x, error) ||
          !read_number (reader, position, "y", 0, &actor->y, error) ||
          !read_bool (reader, position, "pinned", &actor->pinned, error))
        return FALSE;
      actor->has_position = TRUE;
    }

  actor->extra = collect_extra (object, actor_fields);
  if (!ent_world_add_actor (world, actor, &local_error))
    return reader_fail_from (reader, error, local_error);
  return TRUE;
}

static const char * const relation_fields[] = {
  "id", "actors", "type", "sign", "strength", "since", "until", "label", "labels", "source", "note", NULL
};

static gboolean
read_relation (Reader      *reader,
               JsonObject  *object,
               EntWorld    *world,
               GError     **error)
{
  g_autoptr(EntRelation) relation = ent_relation_new (NULL, NULL, NULL, ENT_RELATION_PARTNERSHIP);
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) actors = NULL;
  guint type = 0;
  double sign = 0;
  JsonNode *sign_node;

  if (!read_string (reader, object, "id", FALSE, &relation->id, error) ||
      !read_string_array (reader, object, "actors", &actors, error) ||
      !read_enum (reader, object, "type", TRUE, ENUM_READER (ent_relation_type_from_string), &type, error) ||
      !read_number (reader, object, "strength", 0.5, &relation->strength, error) ||
      !read_date (reader, object, "since", FALSE, &relation->since, error) ||
      !read_date (reader, object, "until", FALSE, &relation->until, error) ||
      !read_string (reader, object, "label", FALSE, &relation->label, error) ||
      !read_local_names (reader, object, "labels", &relation->labels, error) ||
      !read_string (reader, object, "source", FALSE, &relation->source, error) ||
      !read_string (reader, object, "note", FALSE, &relation->note, error))
    return FALSE;
  if (actors == NULL || g_strv_length (actors) != 2)
    return reader_fail (reader, error, _("“actors” must list exactly two actor ids, found %u"),
                        actors ? g_strv_length (actors) : 0);
  relation->actor_a = g_strdup (actors[0]);
  relation->actor_b = g_strdup (actors[1]);
  relation->type = type;
  relation->sign = ent_relation_type_default_sign (type);

  sign_node = json_object_get_member (object, "sign");
  if (!is_null (sign_node))
    {
      if (!read_number (reader, object, "sign", 0, &sign, error))
        return FALSE;
      if (sign != 1.0 && sign != -1.0)
        return reader_fail (reader, error, _("“sign” must be 1 or -1"));
      relation->sign = (int) sign;
    }

  relation->extra = collect_extra (object, relation_fields);
  if (!ent_world_add_relation (world, relation, NULL, &local_error))
    return reader_fail_from (reader, error, local_error);
  return TRUE;
}

static const char * const meeting_fields[] = {
  "id", "date", "kind", "participants", "status", "outcome", "title", "titles", "place",
  "topics", "source", "note", NULL
};

static gboolean
read_meeting (Reader      *reader,
              JsonObject  *object,
              EntWorld    *world,
              GError     **error)
{
  g_autoptr(EntMeeting) meeting = ent_meeting_new (NULL, ENT_DATE_NONE, ENT_MEETING_BILATERAL, NULL);
  g_autoptr(GError) local_error = NULL;
  guint kind = 0, status = ENT_MEETING_HELD, outcome = ENT_OUTCOME_NEUTRAL;

  g_clear_pointer (&meeting->participants, g_strfreev);
  if (!read_string (reader, object, "id", FALSE, &meeting->id, error) ||
      !read_date (reader, object, "date", TRUE, &meeting->date, error) ||
      !read_enum (reader, object, "kind", TRUE, ENUM_READER (ent_meeting_kind_from_string), &kind, error) ||
      !read_string_array (reader, object, "participants", &meeting->participants, error) ||
      !read_enum (reader, object, "status", FALSE, ENUM_READER (ent_meeting_status_from_string), &status, error) ||
      !read_enum (reader, object, "outcome", FALSE, ENUM_READER (ent_meeting_outcome_from_string), &outcome, error) ||
      !read_string (reader, object, "title", FALSE, &meeting->title, error) ||
      !read_local_names (reader, object, "titles", &meeting->titles, error) ||
      !read_string (reader, object, "place", FALSE, &meeting->place, error) ||
      !read_string_array (reader, object, "topics", &meeting->topics, error) ||
      !read_string (reader, object, "source", FALSE, &meeting->source, error) ||
      !read_string (reader, object, "note", FALSE, &meeting->note, error))
    return FALSE;
  if (meeting->participants == NULL)
    return reader_fail (reader, error, _("“participants” is missing"));
  meeting->kind = kind;
  meeting->status = status;
  meeting->outcome = outcome;

  meeting->extra = collect_extra (object, meeting_fields);
  if (!ent_world_add_meeting (world, meeting, NULL, &local_error))
    return reader_fail_from (reader, error, local_error);
  return TRUE;
}

static const char * const bloc_fields[] = {
  "id", "name", "names", "members", "color", "description", "source", NULL
};

static gboolean
read_bloc (Reader      *reader,
           JsonObject  *object,
           EntWorld    *world,
           GError     **error)
{
  g_autoptr(EntBloc) bloc = ent_bloc_new (NULL, NULL);
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;
  JsonArray *members;

  if (!read_string (reader, object, "id", TRUE, &bloc->id, error) ||
      !read_string (reader, object, "name", TRUE, &bloc->name, error) ||
      !read_string (reader, object, "color", FALSE, &bloc->color, error) ||
      !read_string (reader, object, "description", FALSE, &bloc->description, error) ||
      !read_string (reader, object, "source", FALSE, &bloc->source, error) ||
      !read_names (reader, object, &bloc->names, error))
    return FALSE;

  node = json_object_get_member (object, "members");
  if (is_null (node) || !JSON_NODE_HOLDS_ARRAY (node))
    return reader_fail (reader, error, _("“members” must be a list of actor ids"));
  members = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonNode *element = json_array_get_element (members, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        {
          ent_bloc_add_member (bloc, json_node_get_string (element), ENT_DATE_NONE, ENT_DATE_NONE);
        }
      else if (JSON_NODE_HOLDS_OBJECT (element))
        {
          JsonObject *fields = json_node_get_object (element);
          g_autofree char *actor = NULL;
          EntDate since, until;

          if (!read_string (reader, fields, "actor", TRUE, &actor, error) ||
              !read_date (reader, fields, "since", FALSE, &since, error) ||
              !read_date (reader, fields, "until", FALSE, &until, error))
            return FALSE;
          ent_bloc_add_member (bloc, actor, since, until);
        }
      else
        {
          return reader_fail (reader, error, _("member %u must be an actor id or an object"), i + 1);
        }
    }

  bloc->extra = collect_extra (object, bloc_fields);
  if (!ent_world_add_bloc (world, bloc, &local_error))
    return reader_fail_from (reader, error, local_error);
  return TRUE;
}

typedef gboolean (*ReadItemFunc) (Reader *, JsonObject *, EntWorld *, GError **);

static gboolean
read_list (Reader        *reader,
           JsonObject    *root,
           const char    *list,
           ReadItemFunc   read_item,
           EntWorld      *world,
           GError       **error)
{
  JsonNode *node = json_object_get_member (root, list);
  JsonArray *array;

  if (is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return reader_fail (reader, error, _("“%s” must be a list"), list);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;

      reader_set_where (reader, list, i, object);
      if (object == NULL)
        return reader_fail (reader, error, _("must be an object"));
      if (!read_item (reader, object, world, error))
        return FALSE;
    }
  g_clear_pointer (&reader->where, g_free);
  return TRUE;
}

static const char * const top_fields[] = {
  "format", "version", "title", "titles", "description", "author", "sources",
  "actors", "relations", "meetings", "blocs", NULL
};

/* Everything but the lists: the format, its version, and the document's
 * own fields. */
static gboolean
read_head (Reader      *reader,
           JsonNode    *root_node,
           EntWorld    *world,
           GError     **error)
{
  g_auto(EntDocumentInfo) info = { 0 };
  g_autofree char *format = NULL;
  JsonObject *root;
  JsonNode *version;
  gint64 version_number;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_NOT_ENTENTE,
                   _("%s: not an Entente document (the top level must be an object)"), reader->file);
      return FALSE;
    }
  root = json_node_get_object (root_node);
  if (json_object_has_member (root, "format") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (root, "format")) &&
      json_node_get_value_type (json_object_get_member (root, "format")) == G_TYPE_STRING)
    format = g_strdup (json_object_get_string_member (root, "format"));
  else
    format = g_strdup ("");
  if (!g_str_equal (format, "entente"))
    {
      g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_NOT_ENTENTE,
                   _("%s: not an Entente document (“format” is “%s”, expected “entente”)"),
                   reader->file, format);
      return FALSE;
    }
  version = json_object_get_member (root, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
    {
      g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_INVALID,
                   _("%s: “version” must be a whole number"), reader->file);
      return FALSE;
    }
  version_number = json_node_get_int (version);
  if (version_number > ENT_NATIVE_FORMAT_VERSION)
    {
      g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_NEWER_VERSION,
                   _("%s: written by a newer Entente (format version %lld; this version reads up to %d). Please update Entente to open it."),
                   reader->file, (long long) version_number, ENT_NATIVE_FORMAT_VERSION);
      return FALSE;
    }
  if (version_number < 1)
    {
      g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_INVALID,
                   _("%s: “version” %lld is not a valid format version"),
                   reader->file, (long long) version_number);
      return FALSE;
    }

  if (!read_string (reader, root, "title", FALSE, &info.title, error) ||
      !read_local_names (reader, root, "titles", &info.titles, error) ||
      !read_string (reader, root, "description", FALSE, &info.description, error) ||
      !read_string (reader, root, "author", FALSE, &info.author, error) ||
      !read_string_array (reader, root, "sources", &info.sources, error))
    return FALSE;
  info.extra = collect_extra (root, top_fields);
  ent_world_set_info (world, &info);
  return TRUE;
}

static const char * const list_fields[] = { "actors", "relations", "meetings", "blocs", NULL };
static const ReadItemFunc list_readers[] = { read_actor, read_relation, read_meeting, read_bloc };

static gboolean
read_document (Reader      *reader,
               JsonNode    *root_node,
               EntWorld    *world,
               GError     **error)
{
  JsonObject *root;

  if (!read_head (reader, root_node, world, error))
    return FALSE;
  root = json_node_get_object (root_node);
  for (guint i = 0; list_fields[i] != NULL; i++)
    if (!read_list (reader, root, list_fields[i], list_readers[i], world, error))
      return FALSE;
  return TRUE;
}

/* ---- Checks before parsing -------------------------------------------- */

static void
offset_to_line_column (const char *data,
                       gsize       offset,
                       guint      *line,
                       guint      *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) data[i] & 0xC0) != 0x80)
        {
          (*column)++;
        }
    }
}

/* json-glib parses recursively: refuse deep nesting before it can exhaust
 * the stack. Brackets inside strings do not count.
 *
 * Also refuse a list or object that follows a complete top-level value
 * ("{…}{…}", "2{…}"): json-glib 1.6 reads it as a second statement, keeps
 * the first value and leaks the second without an error. For this scan to
 * see the tokens json-glib sees, refuse what json-glib accepts beyond
 * JSON: comments and single-quoted strings. */
static gboolean
check_depth (const char  *data,
             gsize        length,
             const char  *file,
             GError     **error)
{
  gboolean in_string = FALSE;
  gboolean top_level_seen = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        {
          in_string = TRUE;
          top_level_seen = TRUE;
        }
      else if (c == '/' || c == '\'')
        {
          guint line, column;

          offset_to_line_column (data, i, &line, &column);
          g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_SYNTAX,
                       _("%s:%u:%u: unexpected “%c” (comments and single-quoted strings are not JSON)"),
                       file, line, column, c);
          return FALSE;
        }
      else if (c == '[' || c == '{')
        {
          if (depth == 0 && top_level_seen)
            {
              guint line, column;

              offset_to_line_column (data, i, &line, &column);
              g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_SYNTAX,
                           _("%s:%u:%u: unexpected content after the end of the document"),
                           file, line, column);
              return FALSE;
            }
          top_level_seen = TRUE;
          if (++depth > ENT_NATIVE_MAX_DEPTH)
            {
              guint line, column;

              offset_to_line_column (data, i, &line, &column);
              g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_TOO_DEEP,
                           _("%s:%u:%u: lists and objects are nested more than %d levels deep"),
                           file, line, column, ENT_NATIVE_MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
      else if (depth == 0 && (guchar) c < 0x80 && !g_ascii_isspace (c))
        top_level_seen = TRUE;
    }
  return TRUE;
}

static gboolean
check_encoding (const char  *data,
                gsize        length,
                const char  *file,
                GError     **error)
{
  const char *end;
  guint line, column;

  if (g_utf8_validate_len (data, length, &end))
    return TRUE;
  offset_to_line_column (data, (gsize) (end - data), &line, &column);
  if (end - data < (gssize) length && *end == '\0')
    g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_ENCODING,
                 _("%s:%u:%u: the file contains a NUL byte; it is not a text file"), file, line, column);
  else
    g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_ENCODING,
                 _("%s:%u:%u: the file is not valid UTF-8 text (byte 0x%02X); save it as UTF-8"),
                 file, line, column, (guchar) *end);
  return FALSE;
}

/* json-glib says "<data>:LINE:COL: Parse error: …"; name the file instead. */
static void
set_syntax_error (GError     **error,
                  const char  *file,
                  GError      *cause)
{
  const char *message = cause->message;

  if (g_str_has_prefix (message, "<data>:"))
    message += strlen ("<data>:");
  g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_SYNTAX, "%s:%s", file, message);
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

/* ---- Reading a large document a piece at a time ------------------------ */

/* json-glib builds the whole document as a tree before anything is read
 * from it: a 40 MB file of 100,000 actors takes half a gigabyte. So a
 * document is first read one list element at a time: a scan finds where
 * each top-level member and each element of the four lists begins and
 * ends, json-glib parses each piece on its own, and the piece is freed
 * once read. The scan only splits; json-glib still checks every byte.
 * Anything the scan does not expect, and any error at all, sends the
 * document to the whole-tree reader, so that the world read and every
 * error message are exactly the same either way. */

typedef struct
{
  gsize key_start;   /* the key's text, without its quotes */
  gsize key_end;
  gsize value_start;
  gsize value_end;
} Member;

static gsize
skip_space (const char *data,
            gsize       length,
            gsize       pos)
{
  while (pos < length && (data[pos] == ' ' || data[pos] == '\t' || data[pos] == '\n' || data[pos] == '\r'))
    pos++;
  return pos;
}

/* The end of the string starting at @pos (its opening quote), or 0. */
static gsize
skip_string (const char *data,
             gsize       length,
             gsize       pos)
{
  for (pos++; pos < length; pos++)
    {
      if (data[pos] == '\\')
        pos++;
      else if (data[pos] == '"')
        return pos + 1;
    }
  return 0;
}

/* The end of the value starting at @pos, or 0 when the scan is unsure. */
static gsize
skip_value (const char *data,
            gsize       length,
            gsize       pos)
{
  guint depth = 0;

  if (pos >= length)
    return 0;
  if (data[pos] == '"')
    return skip_string (data, length, pos);
  if (data[pos] != '{' && data[pos] != '[')
    {
      gsize start = pos;

      while (pos < length && (g_ascii_isalnum (data[pos]) || data[pos] == '-' ||
                              data[pos] == '+' || data[pos] == '.'))
        pos++;
      return pos > start ? pos : 0;
    }
  for (; pos < length; pos++)
    {
      char c = data[pos];

      if (c == '"')
        {
          gsize end = skip_string (data, length, pos);

          if (end == 0)
            return 0;
          pos = end - 1;
        }
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth == 0)
        return pos + 1;
    }
  return 0;
}

/* The top-level object's members, in order; FALSE when the scan is
 * unsure of anything (a repeated or escaped key included). */
static gboolean
scan_members (const char *data,
              gsize       length,
              GArray     *members)
{
  gsize pos = skip_space (data, length, 0);

  if (pos >= length || data[pos] != '{')
    return FALSE;
  pos = skip_space (data, length, pos + 1);
  if (pos < length && data[pos] == '}')
    return skip_space (data, length, pos + 1) == length;
  for (;;)
    {
      Member m;

      if (pos >= length || data[pos] != '"')
        return FALSE;
      m.key_start = pos + 1;
      m.key_end = skip_string (data, length, pos);
      if (m.key_end == 0)
        return FALSE;
      m.key_end--;
      if (memchr (data + m.key_start, '\\', m.key_end - m.key_start) != NULL)
        return FALSE;
      for (guint i = 0; i < members->len; i++)
        {
          const Member *other = &g_array_index (members, Member, i);

          if (other->key_end - other->key_start == m.key_end - m.key_start &&
              memcmp (data + other->key_start, data + m.key_start, m.key_end - m.key_start) == 0)
            return FALSE;
        }
      pos = skip_space (data, length, m.key_end + 1);
      if (pos >= length || data[pos] != ':')
        return FALSE;
      m.value_start = skip_space (data, length, pos + 1);
      m.value_end = skip_value (data, length, m.value_start);
      if (m.value_end == 0)
        return FALSE;
      g_array_append_val (members, m);
      pos = skip_space (data, length, m.value_end);
      if (pos < length && data[pos] == ',')
        pos = skip_space (data, length, pos + 1);
      else if (pos < length && data[pos] == '}')
        return skip_space (data, length, pos + 1) == length;
      else
        return FALSE;
    }
}

static const Member *
find_member (const char *data,
             GArray     *members,
             const char *key)
{
  gsize key_length = strlen (key);

  for (guint i = 0; i < members->len; i++)
    {
      const Member *m = &g_array_index (members, Member, i);

      if (m->key_end - m->key_start == key_length && memcmp (data + m->key_start, key, key_length) == 0)
        return m;
    }
  return NULL;
}

/* One list, an element at a time. */
static gboolean
read_list_pieces (Reader        *reader,
                  JsonParser    *parser,
                  const char    *data,
                  const Member  *member,
                  const char    *list,
                  ReadItemFunc   read_item,
                  EntWorld      *world)
{
  gsize pos = member->value_start;
  gsize end = member->value_end;

  if (end - pos == 4 && memcmp (data + pos, "null", 4) == 0)
    return TRUE;
  if (data[pos] != '[')
    return FALSE;
  pos = skip_space (data, end, pos + 1);
  if (data[pos] == ']')
    return TRUE;
  for (guint i = 0;; i++)
    {
      gsize element_end = skip_value (data, end, pos);
      JsonNode *root;

      if (element_end == 0 || data[pos] != '{' ||
          !json_parser_load_from_data (parser, data + pos, (gssize) (element_end - pos), NULL))
        return FALSE;
      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        return FALSE;
      reader_set_where (reader, list, i, json_node_get_object (root));
      if (!read_item (reader, json_node_get_object (root), world, NULL))
        return FALSE;
      pos = skip_space (data, end, element_end);
      if (data[pos] == ',')
        pos = skip_space (data, end, pos + 1);
      else if (data[pos] == ']' && pos + 1 == end)
        break;
      else
        return FALSE;
    }
  g_clear_pointer (&reader->where, g_free);
  return TRUE;
}

static gboolean whole_tree_only;
static guint n_read_in_pieces;

void
ent_native_set_whole_tree_only (gboolean whole_tree)
{
  whole_tree_only = whole_tree;
}

guint
ent_native_get_n_read_in_pieces (void)
{
  return g_atomic_int_get (&n_read_in_pieces);
}

/* The world, or NULL when the document must go to the whole-tree reader
 * (which then names what is wrong, if anything is). */
static EntWorld *
load_in_pieces (const char *data,
                gsize       length,
                Reader     *reader)
{
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (Member));
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) head = g_string_new ("{");
  g_autoptr(EntWorld) world = NULL;
  gboolean ok = TRUE;

  if (whole_tree_only || !scan_members (data, length, members))
    return NULL;

  /* The head: every member but the lists, as written. */
  for (guint i = 0; i < members->len; i++)
    {
      const Member *m = &g_array_index (members, Member, i);
      gboolean is_list = FALSE;

      for (guint k = 0; list_fields[k] != NULL; k++)
        is_list |= m->key_end - m->key_start == strlen (list_fields[k]) &&
                   memcmp (data + m->key_start, list_fields[k], m->key_end - m->key_start) == 0;
      if (is_list)
        continue;
      if (head->len > 1)
        g_string_append_c (head, ',');
      g_string_append_len (head, data + m->key_start - 1, (gssize) (m->key_end - m->key_start + 2));
      g_string_append_c (head, ':');
      g_string_append_len (head, data + m->value_start, (gssize) (m->value_end - m->value_start));
    }
  g_string_append_c (head, '}');

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, head->str, (gssize) head->len, NULL) ||
      json_parser_get_root (parser) == NULL)
    return NULL;
  world = ent_world_new ();
  ent_world_freeze (world);
  if (!read_head (reader, json_parser_get_root (parser), world, NULL))
    ok = FALSE;
  for (guint k = 0; ok && list_fields[k] != NULL; k++)
    {
      const Member *m = find_member (data, members, list_fields[k]);

      ok = m == NULL || read_list_pieces (reader, parser, data, m, list_fields[k], list_readers[k], world);
    }
  g_clear_pointer (&reader->where, g_free);
  if (!ent_world_thaw (world, NULL) || !ok)
    return NULL;
  g_atomic_int_inc (&n_read_in_pieces);
  return g_steal_pointer (&world);
}

/**
 * ent_native_load_bytes:
 *
 * Returns: (transfer full): a new world, or %NULL with @error naming the
 * file, and where possible the line and column, and the reason.
 */
EntWorld *
ent_native_load_bytes (GBytes      *bytes,
                       const char  *display_name,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(EntWorld) world = NULL;
  g_autoptr(GError) local_error = NULL;
  Reader reader = { display_name ? display_name : "<data>", NULL };
  const char *data;
  gsize length;
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (length > ENT_NATIVE_MAX_BYTES)
    {
      g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_TOO_LARGE,
                   _("%s: the file is %lld MB; Entente opens documents up to %d MB"),
                   reader.file, (long long) (length / (1024 * 1024)), ENT_NATIVE_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (is_blank (data, length))
    {
      g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_EMPTY,
                   _("%s: the file is empty"), reader.file);
      return NULL;
    }
  if (!check_encoding (data, length, reader.file, error) ||
      !check_depth (data, length, reader.file, error))
    return NULL;

  world = load_in_pieces (data, length, &reader);
  if (world != NULL)
    return g_steal_pointer (&world);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      set_syntax_error (error, reader.file, local_error);
      return NULL;
    }
  /* json-glib skips a byte-order mark of its own, so a file of two marks
   * parses as nothing at all. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_EMPTY,
                   _("%s: the file is empty"), reader.file);
      return NULL;
    }

  world = ent_world_new ();
  ent_world_freeze (world);
  ok = read_document (&reader, json_parser_get_root (parser), world, error);
  g_free (reader.where);
  if (!ent_world_thaw (world, ok ? error : NULL) || !ok)
    return NULL;
  return g_steal_pointer (&world);
}

EntWorld *
ent_native_load_file (GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("%s: is a folder, not a file"), name);
      return NULL;
    }
  /* Refuse a huge file before reading it into memory. */
  if (g_file_info_get_size (info) > ENT_NATIVE_MAX_BYTES)
    {
      g_set_error (error, ENT_FORMAT_ERROR, ENT_FORMAT_ERROR_TOO_LARGE,
                   _("%s: the file is %lld MB; Entente opens documents up to %d MB"),
                   name, (long long) (g_file_info_get_size (info) / (1024 * 1024)), ENT_NATIVE_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", name, local_error->message);
      return NULL;
    }
  return ent_native_load_bytes (bytes, name, error);
}

/* ---- Writing ----------------------------------------------------------- */

static void
set_string (JsonObject *object,
            const char *member,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

static void
set_date (JsonObject *object,
          const char *member,
          EntDate     date)
{
  g_autofree char *text = ent_date_to_string (date);

  set_string (object, member, text);
}

static void
set_strv (JsonObject         *object,
          const char         *member,
          const char * const *values)
{
  JsonArray *array;

  if (values == NULL)
    return;
  array = json_array_new ();
  for (guint i = 0; values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_object_set_array_member (object, member, array);
}

static void
add_extra (JsonObject *object,
           JsonObject *extra)
{
  g_autoptr(GList) members = NULL;

  if (extra == NULL)
    return;
  members = json_object_get_members (extra);
  for (GList *l = members; l != NULL; l = l->next)
    if (!json_object_has_member (object, l->data))
      json_object_set_member (object, l->data, json_node_copy (json_object_get_member (extra, l->data)));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* A node that takes over @object's reference (json_node_init_object()
 * would add one of its own, and the object would never be freed). */
static JsonNode *
take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/* @names as the item's @member ("names", or the document's "titles"),
 * sorted, so that saving twice gives the same bytes; nothing for none. */
static void
set_local_names (JsonObject *object,
                 const char *member,
                 GHashTable *names)
{
  g_autofree gpointer *languages = NULL;
  JsonObject *fields;
  guint n_languages;

  if (names == NULL || g_hash_table_size (names) == 0)
    return;
  languages = g_hash_table_get_keys_as_array (names, &n_languages);
  fields = json_object_new ();
  qsort (languages, n_languages, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n_languages; i++)
    json_object_set_string_member (fields, languages[i], g_hash_table_lookup (names, languages[i]));
  json_object_set_object_member (object, member, fields);
}

static void
set_names (JsonObject *object,
           GHashTable *names)
{
  set_local_names (object, "names", names);
}

static JsonNode *
write_actor (const EntActor *actor)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", actor->id);
  json_object_set_string_member (object, "name", actor->name);
  set_names (object, actor->names);
  json_object_set_string_member (object, "kind", ent_actor_kind_to_string (actor->kind));
  set_string (object, "region", actor->region);
  if (actor->leaders->len > 0)
    {
      JsonArray *leaders = json_array_new ();

      for (guint i = 0; i < actor->leaders->len; i++)
        {
          const EntLeader *leader = g_ptr_array_index (actor->leaders, i);
          JsonObject *fields = json_object_new ();

          json_object_set_string_member (fields, "name", leader->name);
          set_names (fields, leader->names);
          set_string (fields, "title", leader->title);
          set_local_names (fields, "titles", leader->titles);
          set_date (fields, "since", leader->since);
          set_date (fields, "until", leader->until);
          add_extra (fields, leader->extra);
          json_array_add_object_element (leaders, fields);
        }
      json_object_set_array_member (object, "leaders", leaders);
    }
  if (actor->has_position)
    {
      JsonObject *position = json_object_new ();

      json_object_set_double_member (position, "x", actor->x);
      json_object_set_double_member (position, "y", actor->y);
      json_object_set_boolean_member (position, "pinned", actor->pinned);
      json_object_set_object_member (object, "position", position);
    }
  set_string (object, "note", actor->note);
  add_extra (object, actor->extra);
  return take_object (object);
}

static JsonNode *
write_relation (const EntRelation *relation)
{
  JsonObject *object = json_object_new ();
  const char *actors[] = { relation->actor_a, relation->actor_b, NULL };

  json_object_set_string_member (object, "id", relation->id);
  set_strv (object, "actors", actors);
  json_object_set_string_member (object, "type", ent_relation_type_to_string (relation->type));
  json_object_set_int_member (object, "sign", relation->sign);
  json_object_set_double_member (object, "strength", relation->strength);
  set_date (object, "since", relation->since);
  set_date (object, "until", relation->until);
  set_string (object, "label", relation->label);
  set_local_names (object, "labels", relation->labels);
  set_string (object, "source", relation->source);
  set_string (object, "note", relation->note);
  add_extra (object, relation->extra);
  return take_object (object);
}

static JsonNode *
write_meeting (const EntMeeting *meeting)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", meeting->id);
  set_date (object, "date", meeting->date);
  json_object_set_string_member (object, "kind", ent_meeting_kind_to_string (meeting->kind));
  set_strv (object, "participants", (const char * const *) meeting->participants);
  json_object_set_string_member (object, "status", ent_meeting_status_to_string (meeting->status));
  json_object_set_string_member (object, "outcome", ent_meeting_outcome_to_string (meeting->outcome));
  set_string (object, "title", meeting->title);
  set_local_names (object, "titles", meeting->titles);
  set_string (object, "place", meeting->place);
  set_strv (object, "topics", (const char * const *) meeting->topics);
  set_string (object, "source", meeting->source);
  set_string (object, "note", meeting->note);
  add_extra (object, meeting->extra);
  return take_object (object);
}

static JsonNode *
write_bloc (const EntBloc *bloc)
{
  JsonObject *object = json_object_new ();
  JsonArray *members = json_array_new ();

  json_object_set_string_member (object, "id", bloc->id);
  json_object_set_string_member (object, "name", bloc->name);
  set_names (object, bloc->names);
  for (guint i = 0; i < bloc->members->len; i++)
    {
      const EntBlocMember *member = g_ptr_array_index (bloc->members, i);

      if (!ent_date_is_set (member->since) && !ent_date_is_set (member->until))
        {
          json_array_add_string_element (members, member->actor);
        }
      else
        {
          JsonObject *fields = json_object_new ();

          json_object_set_string_member (fields, "actor", member->actor);
          set_date (fields, "since", member->since);
          set_date (fields, "until", member->until);
          json_array_add_object_element (members, fields);
        }
    }
  json_object_set_array_member (object, "members", members);
  set_string (object, "color", bloc->color);
  set_string (object, "description", bloc->description);
  set_string (object, "source", bloc->source);
  add_extra (object, bloc->extra);
  return take_object (object);
}

/**
 * ent_native_to_data:
 *
 * Returns: (transfer full): the document as pretty-printed UTF-8 JSON.
 */
char *
ent_native_to_data (EntWorld *world,
                    gsize    *length)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  const EntDocumentInfo *info;
  JsonObject *object;
  JsonArray *list;
  char *data;

  g_return_val_if_fail (ENT_IS_WORLD (world), NULL);

  info = ent_world_get_info (world);
  object = json_object_new ();
  json_object_set_string_member (object, "format", "entente");
  json_object_set_int_member (object, "version", ENT_NATIVE_FORMAT_VERSION);
  set_string (object, "title", info->title);
  set_local_names (object, "titles", info->titles);
  set_string (object, "description", info->description);
  set_string (object, "author", info->author);
  set_strv (object, "sources", (const char * const *) info->sources);

  list = json_array_new ();
  for (guint i = 0; i < ent_world_get_n_actors (world); i++)
    json_array_add_element (list, write_actor (ent_world_get_actor (world, i)));
  json_object_set_array_member (object, "actors", list);
  list = json_array_new ();
  for (guint i = 0; i < ent_world_get_n_relations (world); i++)
    json_array_add_element (list, write_relation (ent_world_get_relation (world, i)));
  json_object_set_array_member (object, "relations", list);
  list = json_array_new ();
  for (guint i = 0; i < ent_world_get_n_meetings (world); i++)
    json_array_add_element (list, write_meeting (ent_world_get_meeting (world, i)));
  json_object_set_array_member (object, "meetings", list);
  list = json_array_new ();
  for (guint i = 0; i < ent_world_get_n_blocs (world); i++)
    json_array_add_element (list, write_bloc (ent_world_get_bloc (world, i)));
  json_object_set_array_member (object, "blocs", list);
  add_extra (object, info->extra);

  root = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, length);
  return data;
}

/* ---- Saving through a stream that a test can make fail ----------------- */

/* A filter stream that passes @budget bytes through and then fails, as a
 * full disk or a pulled USB stick would: the test hook of
 * ent_native_set_save_fault(). */
#define ENT_TYPE_FAULT_STREAM (ent_fault_stream_get_type ())
G_DECLARE_FINAL_TYPE (EntFaultStream, ent_fault_stream, ENT, FAULT_STREAM, GFilterOutputStream)

struct _EntFaultStream
{
  GFilterOutputStream parent_instance;
  gsize               budget;
};

G_DEFINE_FINAL_TYPE (EntFaultStream, ent_fault_stream, G_TYPE_FILTER_OUTPUT_STREAM)

static gssize
ent_fault_stream_write (GOutputStream  *stream,
                        const void     *buffer,
                        gsize           count,
                        GCancellable   *cancellable,
                        GError        **error)
{
  EntFaultStream *self = ENT_FAULT_STREAM (stream);
  GOutputStream *base = g_filter_output_stream_get_base_stream (G_FILTER_OUTPUT_STREAM (stream));
  gssize written;

  if (self->budget == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           "No space left on device (injected fault)");
      return -1;
    }
  written = g_output_stream_write (base, buffer, MIN (count, self->budget), cancellable, error);
  if (written > 0)
    self->budget -= (gsize) written;
  return written;
}

static void
ent_fault_stream_class_init (EntFaultStreamClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = ent_fault_stream_write;
}

static void
ent_fault_stream_init (EntFaultStream *self)
{
}

static gssize save_fault_after = -1;

void
ent_native_set_save_fault (gssize fail_after_bytes)
{
  save_fault_after = fail_after_bytes;
}

/**
 * ent_native_save_file:
 *
 * Writes to a temporary file beside @file (g_file_replace() with
 * %G_FILE_CREATE_REPLACE_DESTINATION) and renames it over @file when
 * closing, so the old file stays whole if anything fails: on an error the
 * stream is closed with a cancelled #GCancellable, which makes GIO delete
 * the temporary file instead of renaming it.
 */
gboolean
ent_native_save_file (EntWorld      *world,
                      GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileOutputStream) file_stream = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GCancellable) discard = NULL;
  gboolean existed;
  gsize length;

  g_return_val_if_fail (ENT_IS_WORLD (world), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = ent_native_to_data (world, &length);
  existed = g_file_query_exists (file, cancellable);
  file_stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                cancellable, &local_error);
  if (file_stream == NULL)
    goto failed;

  if (save_fault_after >= 0)
    stream = g_object_new (ENT_TYPE_FAULT_STREAM,
                           "base-stream", file_stream,
                           "close-base-stream", FALSE,
                           NULL);
  else
    stream = G_OUTPUT_STREAM (g_object_ref (file_stream));
  if (save_fault_after >= 0)
    ENT_FAULT_STREAM (stream)->budget = (gsize) save_fault_after;

  if (!g_output_stream_write_all (stream, data, length, NULL, cancellable, &local_error) ||
      !g_output_stream_close (stream, cancellable, &local_error))
    {
      /* Closing with a cancelled cancellable drops the temporary file. */
      discard = g_cancellable_new ();
      g_cancellable_cancel (discard);
      g_output_stream_close (G_OUTPUT_STREAM (file_stream), discard, NULL);
      /* With no file to replace, GIO writes the new file in place: remove
       * what was written rather than leave half a document. */
      if (!existed)
        g_file_delete (file, NULL, NULL);
      goto failed;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (file_stream), cancellable, &local_error))
    goto failed;
  return TRUE;

failed:
  name = g_file_get_parse_name (file);
  g_set_error (error, local_error->domain, local_error->code,
               _("Could not save %s: %s"), name, local_error->message);
  return FALSE;
}
