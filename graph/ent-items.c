/* ent-items.c: the plain item structs of the world, and their enumerations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-world"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "ent-items-private.h"

/* ---- Enumerations ------------------------------------------------------ */

static const char * const actor_kind_names[ENT_N_ACTOR_KINDS] = {
  "state", "organisation", "other",
};

static const char * const relation_type_names[ENT_N_RELATION_TYPES] = {
  "alliance", "partnership", "trade", "membership",
  "rivalry", "dispute", "sanctions", "armistice", "conflict",
};

static const char * const meeting_kind_names[ENT_N_MEETING_KINDS] = {
  "summit", "bilateral", "multilateral", "call", "visit",
};

static const char * const meeting_status_names[ENT_N_MEETING_STATUSES] = {
  "held", "planned", "cancelled",
};

static const char * const outcome_names[ENT_N_OUTCOMES] = {
  "neutral", "warmed", "cooled",
};

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *text,
             guint              *out)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    if (g_str_equal (names[i], text))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

#define DEFINE_ENUM_STRINGS(Type, prefix, table, count)                 \
  const char *                                                          \
  prefix##_to_string (Type value)                                       \
  {                                                                     \
    g_return_val_if_fail ((guint) value < count, NULL);                 \
    return table[value];                                                \
  }                                                                     \
  gboolean                                                              \
  prefix##_from_string (const char *text,                               \
                        Type       *out)                                \
  {                                                                     \
    guint i;                                                            \
    if (!lookup_name (table, count, text, &i))                          \
      return FALSE;                                                     \
    *out = (Type) i;                                                    \
    return TRUE;                                                        \
  }

DEFINE_ENUM_STRINGS (EntActorKind, ent_actor_kind, actor_kind_names, ENT_N_ACTOR_KINDS)
DEFINE_ENUM_STRINGS (EntRelationType, ent_relation_type, relation_type_names, ENT_N_RELATION_TYPES)
DEFINE_ENUM_STRINGS (EntMeetingKind, ent_meeting_kind, meeting_kind_names, ENT_N_MEETING_KINDS)
DEFINE_ENUM_STRINGS (EntMeetingStatus, ent_meeting_status, meeting_status_names, ENT_N_MEETING_STATUSES)
DEFINE_ENUM_STRINGS (EntMeetingOutcome, ent_meeting_outcome, outcome_names, ENT_N_OUTCOMES)

int
ent_relation_type_default_sign (EntRelationType type)
{
  switch (type)
    {
    case ENT_RELATION_ALLIANCE:
    case ENT_RELATION_PARTNERSHIP:
    case ENT_RELATION_TRADE:
    case ENT_RELATION_MEMBERSHIP:
      return 1;
    case ENT_RELATION_RIVALRY:
    case ENT_RELATION_DISPUTE:
    case ENT_RELATION_SANCTIONS:
    case ENT_RELATION_ARMISTICE:
    case ENT_RELATION_CONFLICT:
    case ENT_N_RELATION_TYPES:
    default:
      return -1;
    }
}

const char *
ent_relation_type_get_label (EntRelationType type)
{
  switch (type)
    {
    case ENT_RELATION_ALLIANCE: return _("Alliance");
    case ENT_RELATION_PARTNERSHIP: return _("Partnership");
    case ENT_RELATION_TRADE: return _("Trade");
    case ENT_RELATION_MEMBERSHIP: return _("Membership");
    case ENT_RELATION_RIVALRY: return _("Rivalry");
    case ENT_RELATION_DISPUTE: return _("Dispute");
    case ENT_RELATION_SANCTIONS: return _("Sanctions");
    case ENT_RELATION_ARMISTICE: return _("Armistice");
    case ENT_RELATION_CONFLICT: return _("Conflict");
    case ENT_N_RELATION_TYPES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
ent_meeting_kind_get_label (EntMeetingKind kind)
{
  switch (kind)
    {
    case ENT_MEETING_SUMMIT: return _("Summit");
    case ENT_MEETING_BILATERAL: return _("Bilateral talks");
    case ENT_MEETING_MULTILATERAL: return _("Multilateral meeting");
    case ENT_MEETING_CALL: return _("Call");
    case ENT_MEETING_VISIT: return _("Visit");
    case ENT_N_MEETING_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static JsonObject *
copy_extra (JsonObject *extra)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;

  if (extra == NULL)
    return NULL;
  node = json_node_init_object (json_node_alloc (), extra);
  copy = json_node_copy (node);
  return json_node_dup_object (copy);
}

/* A copy of the @struct_size bytes at @item in one block with the strings
 * its members at @offsets point at, which then point into the block. */
static gpointer
pack_strings (gconstpointer  item,
              gsize          struct_size,
              const gsize   *offsets,
              guint          n_offsets)
{
  gsize lengths[8];
  gsize size = struct_size;
  char *block;
  char *p;

  g_assert (n_offsets <= G_N_ELEMENTS (lengths));
  for (guint i = 0; i < n_offsets; i++)
    {
      const char *text = G_STRUCT_MEMBER (const char *, item, offsets[i]);

      lengths[i] = text != NULL ? strlen (text) + 1 : 0;
      size += lengths[i];
    }
  block = g_malloc (size);
  memcpy (block, item, struct_size);
  p = block + struct_size;
  for (guint i = 0; i < n_offsets; i++)
    {
      const char *text = G_STRUCT_MEMBER (const char *, item, offsets[i]);

      if (text == NULL)
        continue;
      memcpy (p, text, lengths[i]);
      G_STRUCT_MEMBER (char *, block, offsets[i]) = p;
      p += lengths[i];
    }
  return block;
}

/* ---- Localised names ----------------------------------------------------
 * An item's names in other languages: language code -> name, NULL while
 * it has none. English is the base name of every item. */

static void
names_set (GHashTable **names,
           const char  *language,
           const char  *name)
{
  if (*names == NULL)
    *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (name == NULL)
    g_hash_table_remove (*names, language);
  else
    g_hash_table_insert (*names, g_strdup (language), g_strdup (name));
}

static GHashTable *
names_copy (GHashTable *names)
{
  GHashTable *copy = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (names == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &key, &value))
    names_set (&copy, key, value);
  return copy;
}

GHashTable *
ent_local_names_copy (GHashTable *names)
{
  return names_copy (names);
}

/* The name in the first of the user's languages that has one, or @base. */
static const char *
names_display (GHashTable *names,
               const char *base)
{
  const char * const *languages;

  if (names == NULL || g_hash_table_size (names) == 0)
    return base;

  /* The names the user reads, most preferred first: "ko_KR.UTF-8", "ko_KR",
   * "ko", ..., "C". English is the base name. */
  languages = g_get_language_names ();
  for (guint i = 0; languages[i] != NULL; i++)
    {
      const char *local;

      if (g_str_equal (languages[i], "C") || g_str_has_prefix (languages[i], "en"))
        break;
      local = g_hash_table_lookup (names, languages[i]);
      if (local != NULL)
        return local;
    }
  return base;
}

/* ---- Leaders ----------------------------------------------------------- */

EntLeader *
ent_leader_new (const char *name,
                const char *title)
{
  EntLeader *leader = g_new0 (EntLeader, 1);

  leader->name = g_strdup (name);
  leader->title = g_strdup (title);
  return leader;
}

EntLeader *
ent_leader_copy (const EntLeader *leader)
{
  EntLeader *copy;

  g_return_val_if_fail (leader != NULL, NULL);

  copy = ent_leader_new (leader->name, leader->title);
  copy->since = leader->since;
  copy->until = leader->until;
  copy->names = names_copy (leader->names);
  copy->titles = names_copy (leader->titles);
  copy->extra = copy_extra (leader->extra);
  return copy;
}

void
ent_leader_free (EntLeader *leader)
{
  if (leader == NULL)
    return;
  g_free (leader->name);
  g_free (leader->title);
  g_clear_pointer (&leader->names, g_hash_table_unref);
  g_clear_pointer (&leader->titles, g_hash_table_unref);
  g_clear_pointer (&leader->extra, json_object_unref);
  g_free (leader);
}

void
ent_leader_set_local_name (EntLeader  *leader,
                           const char *language,
                           const char *name)
{
  g_return_if_fail (leader != NULL);
  g_return_if_fail (language != NULL);

  names_set (&leader->names, language, name);
}

const char *
ent_leader_get_display_name (const EntLeader *leader)
{
  g_return_val_if_fail (leader != NULL, NULL);

  return names_display (leader->names, leader->name);
}

void
ent_leader_set_local_title (EntLeader  *leader,
                            const char *language,
                            const char *title)
{
  g_return_if_fail (leader != NULL);
  g_return_if_fail (language != NULL);

  names_set (&leader->titles, language, title);
}

const char *
ent_leader_get_display_title (const EntLeader *leader)
{
  g_return_val_if_fail (leader != NULL, NULL);

  if (leader->title == NULL)
    return NULL;
  return names_display (leader->titles, leader->title);
}

/* ---- Actors ------------------------------------------------------------ */

EntActor *
ent_actor_new (const char *id,
               const char *name)
{
  EntActor *actor = g_new0 (EntActor, 1);

  actor->id = g_strdup (id);
  actor->name = g_strdup (name);
  actor->kind = ENT_ACTOR_STATE;
  actor->leaders = g_ptr_array_new_with_free_func ((GDestroyNotify) ent_leader_free);
  return actor;
}

EntActor *
ent_actor_copy (const EntActor *actor)
{
  EntActor *copy;

  g_return_val_if_fail (actor != NULL, NULL);

  copy = ent_actor_new (actor->id, actor->name);
  copy->kind = actor->kind;
  copy->region = g_strdup (actor->region);
  copy->names = names_copy (actor->names);
  for (guint i = 0; actor->leaders != NULL && i < actor->leaders->len; i++)
    g_ptr_array_add (copy->leaders, ent_leader_copy (g_ptr_array_index (actor->leaders, i)));
  copy->has_position = actor->has_position;
  copy->x = actor->x;
  copy->y = actor->y;
  copy->pinned = actor->pinned;
  copy->note = g_strdup (actor->note);
  copy->extra = copy_extra (actor->extra);
  return copy;
}

void
ent_actor_free (EntActor *actor)
{
  if (actor == NULL)
    return;
  g_free (actor->id);
  g_free (actor->name);
  g_free (actor->region);
  g_clear_pointer (&actor->names, g_hash_table_unref);
  g_clear_pointer (&actor->leaders, g_ptr_array_unref);
  g_free (actor->note);
  g_clear_pointer (&actor->extra, json_object_unref);
  g_free (actor);
}

EntActor *
ent_actor_copy_packed (const EntActor *actor,
                       const char     *id)
{
  static const gsize strings[] = {
    G_STRUCT_OFFSET (EntActor, id), G_STRUCT_OFFSET (EntActor, name),
    G_STRUCT_OFFSET (EntActor, region), G_STRUCT_OFFSET (EntActor, note),
  };
  g_autoptr(EntActor) copy = NULL;
  EntActor packed;

  g_return_val_if_fail (actor != NULL, NULL);

  /* The deep copy owns the leaders, names and extra members; the block
   * takes them over and only its strings are copied again. */
  copy = ent_actor_copy (actor);
  packed = *copy;
  if (id != NULL)
    packed.id = (char *) id;
  copy->names = NULL;
  copy->leaders = NULL;
  copy->extra = NULL;
  return pack_strings (&packed, sizeof packed, strings, G_N_ELEMENTS (strings));
}

void
ent_actor_free_packed (EntActor *actor)
{
  if (actor == NULL)
    return;
  g_clear_pointer (&actor->names, g_hash_table_unref);
  g_clear_pointer (&actor->leaders, g_ptr_array_unref);
  g_clear_pointer (&actor->extra, json_object_unref);
  g_free (actor);
}

void
ent_actor_set_local_name (EntActor   *actor,
                          const char *language,
                          const char *name)
{
  g_return_if_fail (actor != NULL);
  g_return_if_fail (language != NULL);

  names_set (&actor->names, language, name);
}

const char *
ent_actor_get_display_name (const EntActor *actor)
{
  g_return_val_if_fail (actor != NULL, NULL);

  return names_display (actor->names, actor->name ? actor->name : actor->id);
}

const EntLeader *
ent_actor_get_leader_at (const EntActor *actor,
                         EntDate         at)
{
  const EntLeader *best = NULL;

  g_return_val_if_fail (actor != NULL, NULL);

  for (guint i = 0; i < actor->leaders->len; i++)
    {
      const EntLeader *leader = g_ptr_array_index (actor->leaders, i);

      if (ent_date_is_set (at))
        {
          if (ent_date_is_set (leader->since) && ent_date_start_key (leader->since) > ent_date_start_key (at))
            continue;
          if (ent_date_is_set (leader->until) && ent_date_end_key (leader->until) < ent_date_start_key (at))
            continue;
        }
      else if (ent_date_is_set (leader->until))
        continue;

      /* Of several who match (a hand-over day), the later one. */
      if (best == NULL || ent_date_compare (leader->since, best->since) >= 0)
        best = leader;
    }
  return best;
}

/* ---- Relations --------------------------------------------------------- */

EntRelation *
ent_relation_new (const char      *id,
                  const char      *actor_a,
                  const char      *actor_b,
                  EntRelationType  type)
{
  EntRelation *relation = g_new0 (EntRelation, 1);

  relation->id = g_strdup (id);
  relation->actor_a = g_strdup (actor_a);
  relation->actor_b = g_strdup (actor_b);
  relation->type = type;
  relation->sign = ent_relation_type_default_sign (type);
  relation->strength = 0.5;
  return relation;
}

EntRelation *
ent_relation_copy (const EntRelation *relation)
{
  EntRelation *copy;

  g_return_val_if_fail (relation != NULL, NULL);

  copy = ent_relation_new (relation->id, relation->actor_a, relation->actor_b, relation->type);
  copy->sign = relation->sign;
  copy->strength = relation->strength;
  copy->since = relation->since;
  copy->until = relation->until;
  copy->label = g_strdup (relation->label);
  copy->labels = names_copy (relation->labels);
  copy->source = g_strdup (relation->source);
  copy->note = g_strdup (relation->note);
  copy->extra = copy_extra (relation->extra);
  return copy;
}

void
ent_relation_free (EntRelation *relation)
{
  if (relation == NULL)
    return;
  g_free (relation->id);
  g_free (relation->actor_a);
  g_free (relation->actor_b);
  g_free (relation->label);
  g_clear_pointer (&relation->labels, g_hash_table_unref);
  g_free (relation->source);
  g_free (relation->note);
  g_clear_pointer (&relation->extra, json_object_unref);
  g_free (relation);
}

EntRelation *
ent_relation_copy_packed (const EntRelation *relation,
                          const char        *id)
{
  static const gsize strings[] = {
    G_STRUCT_OFFSET (EntRelation, id), G_STRUCT_OFFSET (EntRelation, actor_a),
    G_STRUCT_OFFSET (EntRelation, actor_b), G_STRUCT_OFFSET (EntRelation, label),
    G_STRUCT_OFFSET (EntRelation, source), G_STRUCT_OFFSET (EntRelation, note),
  };
  EntRelation packed;

  g_return_val_if_fail (relation != NULL, NULL);

  packed = *relation;
  if (id != NULL)
    packed.id = (char *) id;
  packed.labels = names_copy (relation->labels);
  packed.extra = copy_extra (relation->extra);
  return pack_strings (&packed, sizeof packed, strings, G_N_ELEMENTS (strings));
}

void
ent_relation_free_packed (EntRelation *relation)
{
  if (relation == NULL)
    return;
  g_clear_pointer (&relation->labels, g_hash_table_unref);
  g_clear_pointer (&relation->extra, json_object_unref);
  g_free (relation);
}

void
ent_relation_set_local_label (EntRelation *relation,
                              const char  *language,
                              const char  *label)
{
  g_return_if_fail (relation != NULL);
  g_return_if_fail (language != NULL);

  names_set (&relation->labels, language, label);
}

const char *
ent_relation_get_display_label (const EntRelation *relation)
{
  g_return_val_if_fail (relation != NULL, NULL);

  if (relation->label == NULL)
    return NULL;
  return names_display (relation->labels, relation->label);
}

gboolean
ent_relation_active_at (const EntRelation *relation,
                        EntDate            at)
{
  g_return_val_if_fail (relation != NULL, FALSE);

  if (!ent_date_is_set (at))
    return TRUE;
  if (ent_date_is_set (relation->since) && ent_date_start_key (relation->since) > ent_date_start_key (at))
    return FALSE;
  if (ent_date_is_set (relation->until) && ent_date_end_key (relation->until) < ent_date_start_key (at))
    return FALSE;
  return TRUE;
}

gboolean
ent_relation_involves (const EntRelation *relation,
                       const char        *actor)
{
  g_return_val_if_fail (relation != NULL, FALSE);

  return g_strcmp0 (relation->actor_a, actor) == 0 || g_strcmp0 (relation->actor_b, actor) == 0;
}

/* ---- Meetings ---------------------------------------------------------- */

EntMeeting *
ent_meeting_new (const char         *id,
                 EntDate             date,
                 EntMeetingKind      kind,
                 const char * const *participants)
{
  EntMeeting *meeting = g_new0 (EntMeeting, 1);

  meeting->id = g_strdup (id);
  meeting->date = date;
  meeting->kind = kind;
  meeting->status = ENT_MEETING_HELD;
  meeting->outcome = ENT_OUTCOME_NEUTRAL;
  meeting->participants = participants ? g_strdupv ((char **) participants) : g_new0 (char *, 1);
  return meeting;
}

EntMeeting *
ent_meeting_copy (const EntMeeting *meeting)
{
  EntMeeting *copy;

  g_return_val_if_fail (meeting != NULL, NULL);

  copy = ent_meeting_new (meeting->id, meeting->date, meeting->kind,
                          (const char * const *) meeting->participants);
  copy->status = meeting->status;
  copy->outcome = meeting->outcome;
  copy->title = g_strdup (meeting->title);
  copy->titles = names_copy (meeting->titles);
  copy->place = g_strdup (meeting->place);
  copy->topics = g_strdupv (meeting->topics);
  copy->source = g_strdup (meeting->source);
  copy->note = g_strdup (meeting->note);
  copy->extra = copy_extra (meeting->extra);
  return copy;
}

void
ent_meeting_free (EntMeeting *meeting)
{
  if (meeting == NULL)
    return;
  g_free (meeting->id);
  g_strfreev (meeting->participants);
  g_free (meeting->title);
  g_clear_pointer (&meeting->titles, g_hash_table_unref);
  g_free (meeting->place);
  g_strfreev (meeting->topics);
  g_free (meeting->source);
  g_free (meeting->note);
  g_clear_pointer (&meeting->extra, json_object_unref);
  g_free (meeting);
}

void
ent_meeting_set_local_title (EntMeeting *meeting,
                             const char *language,
                             const char *title)
{
  g_return_if_fail (meeting != NULL);
  g_return_if_fail (language != NULL);

  names_set (&meeting->titles, language, title);
}

const char *
ent_meeting_get_display_title (const EntMeeting *meeting)
{
  g_return_val_if_fail (meeting != NULL, NULL);

  if (meeting->title == NULL)
    return NULL;
  return names_display (meeting->titles, meeting->title);
}

gboolean
ent_meeting_involves (const EntMeeting *meeting,
                      const char       *actor)
{
  g_return_val_if_fail (meeting != NULL, FALSE);

  return actor != NULL && g_strv_contains ((const char * const *) meeting->participants, actor);
}

gboolean
ent_meeting_counts_at (const EntMeeting *meeting,
                       EntDate           at)
{
  g_return_val_if_fail (meeting != NULL, FALSE);

  if (meeting->status == ENT_MEETING_CANCELLED)
    return FALSE;
  if (!ent_date_is_set (at))
    return TRUE;
  return ent_date_start_key (meeting->date) <= ent_date_start_key (at);
}

/* ---- Blocs ------------------------------------------------------------- */

EntBlocMember *
ent_bloc_member_new (const char *actor,
                     EntDate     since,
                     EntDate     until)
{
  EntBlocMember *member = g_new0 (EntBlocMember, 1);

  member->actor = g_strdup (actor);
  member->since = since;
  member->until = until;
  return member;
}

EntBlocMember *
ent_bloc_member_copy (const EntBlocMember *member)
{
  g_return_val_if_fail (member != NULL, NULL);

  return ent_bloc_member_new (member->actor, member->since, member->until);
}

void
ent_bloc_member_free (EntBlocMember *member)
{
  if (member == NULL)
    return;
  g_free (member->actor);
  g_free (member);
}

EntBloc *
ent_bloc_new (const char *id,
              const char *name)
{
  EntBloc *bloc = g_new0 (EntBloc, 1);

  bloc->id = g_strdup (id);
  bloc->name = g_strdup (name);
  bloc->members = g_ptr_array_new_with_free_func ((GDestroyNotify) ent_bloc_member_free);
  return bloc;
}

EntBloc *
ent_bloc_copy (const EntBloc *bloc)
{
  EntBloc *copy;

  g_return_val_if_fail (bloc != NULL, NULL);

  copy = ent_bloc_new (bloc->id, bloc->name);
  copy->color = g_strdup (bloc->color);
  for (guint i = 0; i < bloc->members->len; i++)
    g_ptr_array_add (copy->members, ent_bloc_member_copy (g_ptr_array_index (bloc->members, i)));
  copy->description = g_strdup (bloc->description);
  copy->source = g_strdup (bloc->source);
  copy->names = names_copy (bloc->names);
  copy->extra = copy_extra (bloc->extra);
  return copy;
}

void
ent_bloc_free (EntBloc *bloc)
{
  if (bloc == NULL)
    return;
  g_free (bloc->id);
  g_free (bloc->name);
  g_free (bloc->color);
  g_clear_pointer (&bloc->members, g_ptr_array_unref);
  g_free (bloc->description);
  g_free (bloc->source);
  g_clear_pointer (&bloc->names, g_hash_table_unref);
  g_clear_pointer (&bloc->extra, json_object_unref);
  g_free (bloc);
}

void
ent_bloc_set_local_name (EntBloc    *bloc,
                         const char *language,
                         const char *name)
{
  g_return_if_fail (bloc != NULL);
  g_return_if_fail (language != NULL);

  names_set (&bloc->names, language, name);
}

const char *
ent_bloc_get_display_name (const EntBloc *bloc)
{
  g_return_val_if_fail (bloc != NULL, NULL);

  return names_display (bloc->names, bloc->name && *bloc->name ? bloc->name : bloc->id);
}

void
ent_bloc_add_member (EntBloc    *bloc,
                     const char *actor,
                     EntDate     since,
                     EntDate     until)
{
  g_return_if_fail (bloc != NULL);
  g_return_if_fail (actor != NULL);

  g_ptr_array_add (bloc->members, ent_bloc_member_new (actor, since, until));
}

gboolean
ent_bloc_has_member_at (const EntBloc *bloc,
                        const char    *actor,
                        EntDate        at)
{
  g_return_val_if_fail (bloc != NULL, FALSE);

  for (guint i = 0; i < bloc->members->len; i++)
    {
      const EntBlocMember *member = g_ptr_array_index (bloc->members, i);

      if (g_strcmp0 (member->actor, actor) != 0)
        continue;
      if (!ent_date_is_set (at))
        return TRUE;
      if (ent_date_is_set (member->since) && ent_date_start_key (member->since) > ent_date_start_key (at))
        continue;
      if (ent_date_is_set (member->until) && ent_date_end_key (member->until) < ent_date_start_key (at))
        continue;
      return TRUE;
    }
  return FALSE;
}

const char *
ent_document_info_get_display_title (const EntDocumentInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (info->title == NULL)
    return NULL;
  return names_display (info->titles, info->title);
}

void
ent_document_info_clear (EntDocumentInfo *info)
{
  g_return_if_fail (info != NULL);

  g_clear_pointer (&info->title, g_free);
  g_clear_pointer (&info->titles, g_hash_table_unref);
  g_clear_pointer (&info->description, g_free);
  g_clear_pointer (&info->author, g_free);
  g_clear_pointer (&info->sources, g_strfreev);
  g_clear_pointer (&info->extra, json_object_unref);
}
