/* ent-world.c: the model, its validation, its igraph mirror and its queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-world"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ent-igraph.h"
#include "ent-items-private.h"
#include "ent-world.h"

/* A meeting's weight halves every this many days. */
#define MEETING_HALF_LIFE_DAYS 365.0

struct _EntWorld
{
  GObject          parent_instance;

  GPtrArray       *actors;       /* (element-type EntActor) */
  GPtrArray       *relations;    /* (element-type EntRelation) */
  GPtrArray       *meetings;     /* (element-type EntMeeting) */
  GPtrArray       *blocs;        /* (element-type EntBloc) */
  EntDocumentInfo  info;

  /* id -> index + 1 */
  GHashTable      *actor_index;
  GHashTable      *relation_index;
  GHashTable      *meeting_index;
  GHashTable      *bloc_index;

  igraph_t         graph;
  guint            next_relation_id;
  guint            next_meeting_id;
  guint            freeze_count;
  guint64          revision;
};

G_DEFINE_FINAL_TYPE (EntWorld, ent_world, G_TYPE_OBJECT)

enum {
  ITEM_CHANGED,
  CHANGED,
  MEETING_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (ent-world-error-quark, ent_world_error)

/* ---- Index maps -------------------------------------------------------- */

typedef const char *(*ItemIdFunc) (gconstpointer item);

static const char *actor_id (gconstpointer item) { return ((const EntActor *) item)->id; }
static const char *relation_id (gconstpointer item) { return ((const EntRelation *) item)->id; }
static const char *meeting_id (gconstpointer item) { return ((const EntMeeting *) item)->id; }
static const char *bloc_id (gconstpointer item) { return ((const EntBloc *) item)->id; }

/* The map's keys borrow the items' ids, so it is rebuilt whenever an item
 * is replaced or removed. */
static void
reindex (GHashTable *map,
         GPtrArray  *items,
         ItemIdFunc  get_id)
{
  g_hash_table_remove_all (map);
  for (guint i = 0; i < items->len; i++)
    g_hash_table_insert (map, (gpointer) get_id (g_ptr_array_index (items, i)), GUINT_TO_POINTER (i + 1));
}

static int
lookup_index (GHashTable *map,
              const char *id)
{
  gpointer value;

  if (id == NULL || !g_hash_table_lookup_extended (map, id, NULL, &value))
    return -1;
  return (int) GPOINTER_TO_UINT (value) - 1;
}

/* ---- The igraph mirror ------------------------------------------------- */

static gboolean
rebuild_graph (EntWorld  *self,
               GError   **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (ent_igraph_get_lock ());
  igraph_vector_int_t edges;
  igraph_t graph;
  igraph_error_t code;

  ent_igraph_init ();

  code = igraph_vector_int_init (&edges, 2 * (igraph_integer_t) self->relations->len);
  if (!ent_igraph_check (code, "Building the graph", error))
    return FALSE;
  for (guint i = 0; i < self->relations->len; i++)
    {
      const EntRelation *relation = g_ptr_array_index (self->relations, i);

      VECTOR (edges)[2 * i] = lookup_index (self->actor_index, relation->actor_a);
      VECTOR (edges)[2 * i + 1] = lookup_index (self->actor_index, relation->actor_b);
    }
  code = igraph_create (&graph, &edges, (igraph_integer_t) self->actors->len, IGRAPH_UNDIRECTED);
  igraph_vector_int_destroy (&edges);
  if (!ent_igraph_check (code, "Building the graph", error))
    return FALSE;

  igraph_destroy (&self->graph);
  self->graph = graph;
  return TRUE;
}

/* Incremental updates; on failure, fall back to a full rebuild. */
static void
graph_add_vertex (EntWorld *self)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (ent_igraph_get_lock ());

  if (self->freeze_count > 0)
    return;
  if (igraph_add_vertices (&self->graph, 1, NULL) != IGRAPH_SUCCESS)
    rebuild_graph (self, NULL);
}

static void
graph_sync (EntWorld *self)
{
  g_autoptr(GError) error = NULL;

  if (self->freeze_count > 0)
    return;
  if (!rebuild_graph (self, &error))
    g_warning ("Could not update the graph: %s", error->message);
}

/* ---- Signals ----------------------------------------------------------- */

static void
emit_change (EntWorld    *self,
             EntItemKind  kind,
             EntChangeOp  op,
             const char  *id)
{
  self->revision++;
  if (self->freeze_count > 0)
    return;
  g_signal_emit (self, signals[ITEM_CHANGED], 0, (guint) kind, (guint) op, id);
  if (kind == ENT_ITEM_MEETING && op == ENT_CHANGE_ADDED)
    g_signal_emit (self, signals[MEETING_ADDED], 0, id);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- GObject ----------------------------------------------------------- */

static void
ent_world_finalize (GObject *object)
{
  EntWorld *self = (EntWorld *) object;

  g_clear_pointer (&self->actor_index, g_hash_table_unref);
  g_clear_pointer (&self->relation_index, g_hash_table_unref);
  g_clear_pointer (&self->meeting_index, g_hash_table_unref);
  g_clear_pointer (&self->bloc_index, g_hash_table_unref);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  g_clear_pointer (&self->meetings, g_ptr_array_unref);
  g_clear_pointer (&self->blocs, g_ptr_array_unref);
  ent_document_info_clear (&self->info);
  g_rec_mutex_lock (ent_igraph_get_lock ());
  igraph_destroy (&self->graph);
  g_rec_mutex_unlock (ent_igraph_get_lock ());

  G_OBJECT_CLASS (ent_world_parent_class)->finalize (object);
}

static void
ent_world_class_init (EntWorldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ent_world_finalize;

  /**
   * EntWorld::item-changed:
   * @kind: an #EntItemKind
   * @op: an #EntChangeOp
   * @id: the item's id (for removals, the id it had)
   *
   * One item was added, removed, updated or moved.
   */
  signals[ITEM_CHANGED] =
    g_signal_new ("item-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);

  /**
   * EntWorld::changed:
   *
   * Emitted after every edit, and once after a thaw.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[MEETING_ADDED] =
    g_signal_new ("meeting-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ent_world_init (EntWorld *self)
{
  ent_igraph_init ();

  self->actors = g_ptr_array_new_with_free_func ((GDestroyNotify) ent_actor_free_packed);
  self->relations = g_ptr_array_new_with_free_func ((GDestroyNotify) ent_relation_free_packed);
  self->meetings = g_ptr_array_new_with_free_func ((GDestroyNotify) ent_meeting_free);
  self->blocs = g_ptr_array_new_with_free_func ((GDestroyNotify) ent_bloc_free);
  self->actor_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->relation_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->meeting_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->bloc_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_rec_mutex_lock (ent_igraph_get_lock ());
  if (igraph_empty (&self->graph, 0, IGRAPH_UNDIRECTED) != IGRAPH_SUCCESS)
    g_error ("Could not allocate an empty graph");
  g_rec_mutex_unlock (ent_igraph_get_lock ());
  self->next_relation_id = 1;
  self->next_meeting_id = 1;
}

EntWorld *
ent_world_new (void)
{
  return g_object_new (ENT_TYPE_WORLD, NULL);
}

/* ---- Reading ----------------------------------------------------------- */

guint
ent_world_get_n_actors (EntWorld *self)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), 0);
  return self->actors->len;
}

const EntActor *
ent_world_get_actor (EntWorld *self,
                     guint     index)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), NULL);
  g_return_val_if_fail (index < self->actors->len, NULL);
  return g_ptr_array_index (self->actors, index);
}

int
ent_world_get_actor_index (EntWorld   *self,
                           const char *id)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), -1);
  return lookup_index (self->actor_index, id);
}

const EntActor *
ent_world_lookup_actor (EntWorld   *self,
                        const char *id)
{
  int index;

  g_return_val_if_fail (ENT_IS_WORLD (self), NULL);
  index = lookup_index (self->actor_index, id);
  return index < 0 ? NULL : g_ptr_array_index (self->actors, index);
}

guint
ent_world_get_n_relations (EntWorld *self)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), 0);
  return self->relations->len;
}

const EntRelation *
ent_world_get_relation (EntWorld *self,
                        guint     index)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), NULL);
  g_return_val_if_fail (index < self->relations->len, NULL);
  return g_ptr_array_index (self->relations, index);
}

int
ent_world_get_relation_index (EntWorld   *self,
                              const char *id)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), -1);
  return lookup_index (self->relation_index, id);
}

const EntRelation *
ent_world_lookup_relation (EntWorld   *self,
                           const char *id)
{
  int index;

  g_return_val_if_fail (ENT_IS_WORLD (self), NULL);
  index = lookup_index (self->relation_index, id);
  return index < 0 ? NULL : g_ptr_array_index (self->relations, index);
}

guint
ent_world_get_n_meetings (EntWorld *self)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), 0);
  return self->meetings->len;
}

const EntMeeting *
ent_world_get_meeting (EntWorld *self,
                       guint     index)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), NULL);
  g_return_val_if_fail (index < self->meetings->len, NULL);
  return g_ptr_array_index (self->meetings, index);
}

const EntMeeting *
ent_world_lookup_meeting (EntWorld   *self,
                          const char *id)
{
  int index;

  g_return_val_if_fail (ENT_IS_WORLD (self), NULL);
  index = lookup_index (self->meeting_index, id);
  return index < 0 ? NULL : g_ptr_array_index (self->meetings, index);
}

guint
ent_world_get_n_blocs (EntWorld *self)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), 0);
  return self->blocs->len;
}

const EntBloc *
ent_world_get_bloc (EntWorld *self,
                    guint     index)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), NULL);
  g_return_val_if_fail (index < self->blocs->len, NULL);
  return g_ptr_array_index (self->blocs, index);
}

const EntBloc *
ent_world_lookup_bloc (EntWorld   *self,
                       const char *id)
{
  int index;

  g_return_val_if_fail (ENT_IS_WORLD (self), NULL);
  index = lookup_index (self->bloc_index, id);
  return index < 0 ? NULL : g_ptr_array_index (self->blocs, index);
}

const EntDocumentInfo *
ent_world_get_info (EntWorld *self)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), NULL);
  return &self->info;
}

guint64
ent_world_get_revision (EntWorld *self)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), 0);
  return self->revision;
}

const igraph_t *
ent_world_get_graph (EntWorld *self)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), NULL);
  return &self->graph;
}

/* ---- Validation -------------------------------------------------------- */

static gboolean
check_id (const char  *id,
          const char  *what,
          GError     **error)
{
  if (id == NULL || *id == '\0' || !g_utf8_validate (id, -1, NULL))
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_ID,
                   _("%s needs a non-empty id"), what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_period (EntDate      since,
              EntDate      until,
              const char  *who,
              GError     **error)
{
  if (ent_date_is_set (since) && ent_date_is_set (until) &&
      ent_date_end_key (until) < ent_date_start_key (since))
    {
      g_autofree char *s = ent_date_to_string (since);
      g_autofree char *u = ent_date_to_string (until);

      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_DATE_ORDER,
                   _("%s ends (%s) before it begins (%s)"), who, u, s);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_date_valid (EntDate      date,
                  GError     **error)
{
  g_autofree char *text = NULL;
  EntDate parsed;

  if (!ent_date_is_set (date))
    return TRUE;
  text = ent_date_to_string (date);
  return ent_date_parse (text, &parsed, error);
}

static gboolean
validate_actor (EntWorld        *self,
                const EntActor  *actor,
                GError         **error)
{
  if (!check_id (actor->id, _("An actor"), error))
    return FALSE;
  if (actor->name == NULL || *actor->name == '\0')
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_VALUE,
                   _("actor “%s” needs a name"), actor->id);
      return FALSE;
    }
  if ((guint) actor->kind >= ENT_N_ACTOR_KINDS)
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_TYPE,
                   _("actor “%s” has an unknown kind"), actor->id);
      return FALSE;
    }
  if (actor->has_position && (!isfinite (actor->x) || !isfinite (actor->y)))
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_VALUE,
                   _("actor “%s” has a position that is not a finite number"), actor->id);
      return FALSE;
    }
  for (guint i = 0; actor->leaders != NULL && i < actor->leaders->len; i++)
    {
      const EntLeader *leader = g_ptr_array_index (actor->leaders, i);
      g_autofree char *who = NULL;

      if (leader->name == NULL || *leader->name == '\0')
        {
          g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_VALUE,
                       _("actor “%s” has a leader with no name"), actor->id);
          return FALSE;
        }
      who = g_strdup_printf (_("the term of leader “%s”"), leader->name);
      if (!check_date_valid (leader->since, error) || !check_date_valid (leader->until, error) ||
          !check_period (leader->since, leader->until, who, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_actor_exists (EntWorld    *self,
                    const char  *actor,
                    const char  *who,
                    GError     **error)
{
  if (lookup_index (self->actor_index, actor) < 0)
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID,
                   _("%s names an unknown actor “%s”"), who, actor ? actor : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_relation (EntWorld           *self,
                   const EntRelation  *relation,
                   GError            **error)
{
  g_autofree char *who = relation->id ? g_strdup_printf (_("relation “%s”"), relation->id)
                                      : g_strdup (_("the relation"));

  if ((guint) relation->type >= ENT_N_RELATION_TYPES)
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_TYPE,
                   _("%s has an unknown type"), who);
      return FALSE;
    }
  if (!check_actor_exists (self, relation->actor_a, who, error) ||
      !check_actor_exists (self, relation->actor_b, who, error))
    return FALSE;
  if (g_str_equal (relation->actor_a, relation->actor_b))
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_SELF_RELATION,
                   _("%s needs two different actors, but names “%s” twice"),
                   who, relation->actor_a);
      return FALSE;
    }
  if (relation->sign != 1 && relation->sign != -1)
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_VALUE,
                   _("%s has sign %d; it must be 1 (cooperative) or -1 (adversarial)"),
                   who, relation->sign);
      return FALSE;
    }
  if (!(relation->strength > 0.0 && relation->strength <= 1.0))
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_VALUE,
                   _("%s has strength %g; it must be more than 0 and at most 1"),
                   who, relation->strength);
      return FALSE;
    }
  return check_date_valid (relation->since, error) &&
         check_date_valid (relation->until, error) &&
         check_period (relation->since, relation->until, who, error);
}

static gboolean
validate_meeting (EntWorld          *self,
                  const EntMeeting  *meeting,
                  GError           **error)
{
  g_autofree char *who = meeting->id ? g_strdup_printf (_("meeting “%s”"), meeting->id)
                                     : g_strdup (_("the meeting"));
  guint n = meeting->participants ? g_strv_length (meeting->participants) : 0;

  if ((guint) meeting->kind >= ENT_N_MEETING_KINDS ||
      (guint) meeting->status >= ENT_N_MEETING_STATUSES ||
      (guint) meeting->outcome >= ENT_N_OUTCOMES)
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_TYPE,
                   _("%s has an unknown kind, status or outcome"), who);
      return FALSE;
    }
  if (!ent_date_is_set (meeting->date))
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_DATE,
                   _("%s needs a date"), who);
      return FALSE;
    }
  if (!check_date_valid (meeting->date, error))
    return FALSE;
  if (n < 2)
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_TOO_FEW_PARTICIPANTS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s needs at least two participants, found %u",
                                "%s needs at least two participants, found %u", n),
                   who, n);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      if (!check_actor_exists (self, meeting->participants[i], who, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_str_equal (meeting->participants[i], meeting->participants[j]))
          {
            g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_DUPLICATE_ID,
                         _("%s lists participant “%s” twice"), who, meeting->participants[i]);
            return FALSE;
          }
    }
  return TRUE;
}

static gboolean
is_colour (const char *text)
{
  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
validate_bloc (EntWorld       *self,
               const EntBloc  *bloc,
               GError        **error)
{
  g_autofree char *who = NULL;

  if (!check_id (bloc->id, _("A bloc"), error))
    return FALSE;
  who = g_strdup_printf (_("bloc “%s”"), bloc->id);
  if (bloc->name == NULL || *bloc->name == '\0')
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_VALUE,
                   _("bloc “%s” needs a name"), bloc->id);
      return FALSE;
    }
  if (bloc->color != NULL && !is_colour (bloc->color))
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_VALUE,
                   _("bloc “%s” has colour “%s”; expected #rrggbb"), bloc->id, bloc->color);
      return FALSE;
    }
  for (guint i = 0; i < bloc->members->len; i++)
    {
      const EntBlocMember *member = g_ptr_array_index (bloc->members, i);

      if (!check_actor_exists (self, member->actor, who, error) ||
          !check_date_valid (member->since, error) ||
          !check_date_valid (member->until, error) ||
          !check_period (member->since, member->until, who, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_unique (GHashTable  *map,
              const char  *id,
              const char  *what,
              GError     **error)
{
  if (lookup_index (map, id) >= 0)
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_DUPLICATE_ID,
                   _("there is already %s with id “%s”"), what, id);
      return FALSE;
    }
  return TRUE;
}

static int
require_index (GHashTable  *map,
               const char  *id,
               const char  *what,
               GError     **error)
{
  int index = lookup_index (map, id);

  if (index < 0)
    g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID,
                 _("there is no %s with id “%s”"), what, id ? id : "");
  return index;
}

static char *
fresh_id (GHashTable *map,
          const char *prefix,
          guint      *counter)
{
  for (;;)
    {
      char *id = g_strdup_printf ("%s%u", prefix, (*counter)++);

      if (lookup_index (map, id) < 0)
        return id;
      g_free (id);
    }
}

/* ---- Actors ------------------------------------------------------------ */

gboolean
ent_world_add_actor (EntWorld        *self,
                     const EntActor  *actor,
                     GError         **error)
{
  EntActor *copy;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (!validate_actor (self, actor, error) ||
      !check_unique (self->actor_index, actor->id, _("an actor"), error))
    return FALSE;

  copy = ent_actor_copy_packed (actor, NULL);
  g_ptr_array_add (self->actors, copy);
  g_hash_table_insert (self->actor_index, copy->id, GUINT_TO_POINTER (self->actors->len));
  graph_add_vertex (self);
  emit_change (self, ENT_ITEM_ACTOR, ENT_CHANGE_ADDED, copy->id);
  return TRUE;
}

gboolean
ent_world_update_actor (EntWorld        *self,
                        const EntActor  *actor,
                        GError         **error)
{
  EntActor *old;
  int index;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  index = require_index (self->actor_index, actor->id, _("actor"), error);
  if (index < 0 || !validate_actor (self, actor, error))
    return FALSE;

  old = g_ptr_array_index (self->actors, index);
  g_ptr_array_index (self->actors, index) = ent_actor_copy_packed (actor, NULL);
  /* The old copy goes only after the index no longer borrows its id. */
  reindex (self->actor_index, self->actors, actor_id);
  ent_actor_free_packed (old);
  emit_change (self, ENT_ITEM_ACTOR, ENT_CHANGE_UPDATED, actor->id);
  return TRUE;
}

static guint
count_uses (EntWorld   *self,
            const char *id)
{
  guint uses = 0;

  for (guint i = 0; i < self->relations->len; i++)
    uses += ent_relation_involves (g_ptr_array_index (self->relations, i), id);
  for (guint i = 0; i < self->meetings->len; i++)
    uses += ent_meeting_involves (g_ptr_array_index (self->meetings, i), id);
  for (guint i = 0; i < self->blocs->len; i++)
    {
      const EntBloc *bloc = g_ptr_array_index (self->blocs, i);

      for (guint j = 0; j < bloc->members->len; j++)
        uses += g_str_equal (((EntBlocMember *) g_ptr_array_index (bloc->members, j))->actor, id);
    }
  return uses;
}

gboolean
ent_world_remove_actor (EntWorld    *self,
                        const char  *id,
                        GError     **error)
{
  g_autofree char *removed_id = NULL;
  guint uses;
  int index;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);

  index = require_index (self->actor_index, id, _("actor"), error);
  if (index < 0)
    return FALSE;
  uses = count_uses (self, id);
  if (uses > 0)
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_IN_USE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "actor “%s” is still named by %u relation, meeting or bloc",
                                "actor “%s” is still named by %u relations, meetings or blocs", uses),
                   id, uses);
      return FALSE;
    }

  removed_id = g_strdup (id);
  g_ptr_array_remove_index (self->actors, (guint) index);
  reindex (self->actor_index, self->actors, actor_id);
  graph_sync (self);
  emit_change (self, ENT_ITEM_ACTOR, ENT_CHANGE_REMOVED, removed_id);
  return TRUE;
}

/* An id the world has means an update, which validates like adding minus
 * the uniqueness check; so both come down to the same checks. */
gboolean
ent_world_check_actor (EntWorld        *self,
                       const EntActor  *actor,
                       GError         **error)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  return validate_actor (self, actor, error);
}

gboolean
ent_world_set_actor_position (EntWorld    *self,
                              const char  *id,
                              gboolean     has_position,
                              double       x,
                              double       y,
                              gboolean     pinned,
                              GError     **error)
{
  EntActor *actor;
  int index;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);

  index = require_index (self->actor_index, id, _("actor"), error);
  if (index < 0)
    return FALSE;
  if (has_position && (!isfinite (x) || !isfinite (y)))
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_INVALID_VALUE,
                   _("actor “%s” cannot move to a position that is not a finite number"), id);
      return FALSE;
    }

  actor = g_ptr_array_index (self->actors, index);
  if (actor->has_position == has_position && actor->x == x && actor->y == y && actor->pinned == pinned)
    return TRUE;
  actor->has_position = has_position;
  actor->x = has_position ? x : 0.0;
  actor->y = has_position ? y : 0.0;
  actor->pinned = has_position && pinned;
  emit_change (self, ENT_ITEM_ACTOR, ENT_CHANGE_MOVED, actor->id);
  return TRUE;
}

/* Like ent_world_add_actor, but at @index (0 .. n): the undo history puts
 * a removed actor back where it was. Later actors' indices shift. */
gboolean
ent_world_insert_actor (EntWorld        *self,
                        guint            index,
                        const EntActor  *actor,
                        GError         **error)
{
  EntActor *copy;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (index <= self->actors->len, FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (!validate_actor (self, actor, error) ||
      !check_unique (self->actor_index, actor->id, _("an actor"), error))
    return FALSE;

  copy = ent_actor_copy_packed (actor, NULL);
  g_ptr_array_insert (self->actors, (int) index, copy);
  reindex (self->actor_index, self->actors, actor_id);
  /* Edges name vertices by index, so every later vertex moves. */
  graph_sync (self);
  emit_change (self, ENT_ITEM_ACTOR, ENT_CHANGE_ADDED, copy->id);
  return TRUE;
}

/* ---- Relations --------------------------------------------------------- */

gboolean
ent_world_add_relation (EntWorld           *self,
                        const EntRelation  *relation,
                        char              **out_id,
                        GError            **error)
{
  g_autofree char *id = NULL;
  EntRelation *copy;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (relation != NULL, FALSE);

  if (relation->id != NULL &&
      (!check_id (relation->id, _("A relation"), error) ||
       !check_unique (self->relation_index, relation->id, _("a relation"), error)))
    return FALSE;
  if (!validate_relation (self, relation, error))
    return FALSE;

  if (relation->id == NULL)
    id = fresh_id (self->relation_index, "r", &self->next_relation_id);
  copy = ent_relation_copy_packed (relation, id);
  g_ptr_array_add (self->relations, copy);
  g_hash_table_insert (self->relation_index, copy->id, GUINT_TO_POINTER (self->relations->len));

  if (self->freeze_count == 0)
    {
      g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (ent_igraph_get_lock ());
      igraph_integer_t a = lookup_index (self->actor_index, copy->actor_a);
      igraph_integer_t b = lookup_index (self->actor_index, copy->actor_b);

      if (igraph_add_edge (&self->graph, a, b) != IGRAPH_SUCCESS)
        graph_sync (self);
    }
  if (out_id != NULL)
    *out_id = g_strdup (copy->id);
  emit_change (self, ENT_ITEM_RELATION, ENT_CHANGE_ADDED, copy->id);
  return TRUE;
}

gboolean
ent_world_update_relation (EntWorld           *self,
                           const EntRelation  *relation,
                           GError            **error)
{
  EntRelation *old;
  gboolean ends_changed;
  int index;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (relation != NULL, FALSE);

  index = require_index (self->relation_index, relation->id, _("relation"), error);
  if (index < 0 || !validate_relation (self, relation, error))
    return FALSE;

  old = g_ptr_array_index (self->relations, index);
  ends_changed = !g_str_equal (old->actor_a, relation->actor_a) ||
                 !g_str_equal (old->actor_b, relation->actor_b);
  g_ptr_array_index (self->relations, index) = ent_relation_copy_packed (relation, NULL);
  reindex (self->relation_index, self->relations, relation_id);
  ent_relation_free_packed (old);
  if (ends_changed)
    graph_sync (self);
  emit_change (self, ENT_ITEM_RELATION, ENT_CHANGE_UPDATED, relation->id);
  return TRUE;
}

gboolean
ent_world_remove_relation (EntWorld    *self,
                           const char  *id,
                           GError     **error)
{
  g_autofree char *removed_id = NULL;
  int index;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);

  index = require_index (self->relation_index, id, _("relation"), error);
  if (index < 0)
    return FALSE;

  removed_id = g_strdup (id);
  g_ptr_array_remove_index (self->relations, (guint) index);
  reindex (self->relation_index, self->relations, relation_id);
  if (self->freeze_count == 0)
    {
      g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (ent_igraph_get_lock ());

      if (igraph_delete_edges (&self->graph, igraph_ess_1 (index)) != IGRAPH_SUCCESS)
        graph_sync (self);
    }
  emit_change (self, ENT_ITEM_RELATION, ENT_CHANGE_REMOVED, removed_id);
  return TRUE;
}

gboolean
ent_world_check_relation (EntWorld           *self,
                          const EntRelation  *relation,
                          GError            **error)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (relation != NULL, FALSE);

  /* A new relation's id, when it has one, must be usable. */
  if (relation->id != NULL && lookup_index (self->relation_index, relation->id) < 0 &&
      !check_id (relation->id, _("A relation"), error))
    return FALSE;
  return validate_relation (self, relation, error);
}

/* Like ent_world_add_relation, but at @index (0 .. n). A relation with no
 * id gets a fresh one. */
gboolean
ent_world_insert_relation (EntWorld           *self,
                           guint               index,
                           const EntRelation  *relation,
                           GError            **error)
{
  g_autofree char *id = NULL;
  EntRelation *copy;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (index <= self->relations->len, FALSE);
  g_return_val_if_fail (relation != NULL, FALSE);

  if (relation->id != NULL &&
      (!check_id (relation->id, _("A relation"), error) ||
       !check_unique (self->relation_index, relation->id, _("a relation"), error)))
    return FALSE;
  if (!validate_relation (self, relation, error))
    return FALSE;

  if (relation->id == NULL)
    id = fresh_id (self->relation_index, "r", &self->next_relation_id);
  copy = ent_relation_copy_packed (relation, id);
  g_ptr_array_insert (self->relations, (int) index, copy);
  reindex (self->relation_index, self->relations, relation_id);
  /* Edges are relations index for index. */
  graph_sync (self);
  emit_change (self, ENT_ITEM_RELATION, ENT_CHANGE_ADDED, copy->id);
  return TRUE;
}

/* ---- Meetings ---------------------------------------------------------- */

gboolean
ent_world_add_meeting (EntWorld          *self,
                       const EntMeeting  *meeting,
                       char             **out_id,
                       GError           **error)
{
  EntMeeting *copy;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (meeting != NULL, FALSE);

  if (meeting->id != NULL &&
      (!check_id (meeting->id, _("A meeting"), error) ||
       !check_unique (self->meeting_index, meeting->id, _("a meeting"), error)))
    return FALSE;
  if (!validate_meeting (self, meeting, error))
    return FALSE;

  copy = ent_meeting_copy (meeting);
  if (copy->id == NULL)
    copy->id = fresh_id (self->meeting_index, "m", &self->next_meeting_id);
  g_ptr_array_add (self->meetings, copy);
  g_hash_table_insert (self->meeting_index, copy->id, GUINT_TO_POINTER (self->meetings->len));
  if (out_id != NULL)
    *out_id = g_strdup (copy->id);
  emit_change (self, ENT_ITEM_MEETING, ENT_CHANGE_ADDED, copy->id);
  return TRUE;
}

gboolean
ent_world_update_meeting (EntWorld          *self,
                          const EntMeeting  *meeting,
                          GError           **error)
{
  EntMeeting *old;
  int index;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (meeting != NULL, FALSE);

  index = require_index (self->meeting_index, meeting->id, _("meeting"), error);
  if (index < 0 || !validate_meeting (self, meeting, error))
    return FALSE;

  old = g_ptr_array_index (self->meetings, index);
  g_ptr_array_index (self->meetings, index) = ent_meeting_copy (meeting);
  reindex (self->meeting_index, self->meetings, meeting_id);
  ent_meeting_free (old);
  emit_change (self, ENT_ITEM_MEETING, ENT_CHANGE_UPDATED, meeting->id);
  return TRUE;
}

gboolean
ent_world_remove_meeting (EntWorld    *self,
                          const char  *id,
                          GError     **error)
{
  g_autofree char *removed_id = NULL;
  int index;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);

  index = require_index (self->meeting_index, id, _("meeting"), error);
  if (index < 0)
    return FALSE;

  removed_id = g_strdup (id);
  g_ptr_array_remove_index (self->meetings, (guint) index);
  reindex (self->meeting_index, self->meetings, meeting_id);
  emit_change (self, ENT_ITEM_MEETING, ENT_CHANGE_REMOVED, removed_id);
  return TRUE;
}

gboolean
ent_world_check_meeting (EntWorld          *self,
                         const EntMeeting  *meeting,
                         GError           **error)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (meeting != NULL, FALSE);

  /* A new meeting's id, when it has one, must be usable. */
  if (meeting->id != NULL && lookup_index (self->meeting_index, meeting->id) < 0 &&
      !check_id (meeting->id, _("A meeting"), error))
    return FALSE;
  return validate_meeting (self, meeting, error);
}

/* Like ent_world_add_meeting, but at @index (0 .. n). A meeting with no
 * id gets a fresh one. */
gboolean
ent_world_insert_meeting (EntWorld          *self,
                          guint              index,
                          const EntMeeting  *meeting,
                          GError           **error)
{
  EntMeeting *copy;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (index <= self->meetings->len, FALSE);
  g_return_val_if_fail (meeting != NULL, FALSE);

  if (meeting->id != NULL &&
      (!check_id (meeting->id, _("A meeting"), error) ||
       !check_unique (self->meeting_index, meeting->id, _("a meeting"), error)))
    return FALSE;
  if (!validate_meeting (self, meeting, error))
    return FALSE;

  copy = ent_meeting_copy (meeting);
  if (copy->id == NULL)
    copy->id = fresh_id (self->meeting_index, "m", &self->next_meeting_id);
  g_ptr_array_insert (self->meetings, (int) index, copy);
  reindex (self->meeting_index, self->meetings, meeting_id);
  emit_change (self, ENT_ITEM_MEETING, ENT_CHANGE_ADDED, copy->id);
  return TRUE;
}

/* ---- Blocs ------------------------------------------------------------- */

gboolean
ent_world_add_bloc (EntWorld       *self,
                    const EntBloc  *bloc,
                    GError        **error)
{
  EntBloc *copy;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (bloc != NULL, FALSE);

  if (!validate_bloc (self, bloc, error) ||
      !check_unique (self->bloc_index, bloc->id, _("a bloc"), error))
    return FALSE;

  copy = ent_bloc_copy (bloc);
  g_ptr_array_add (self->blocs, copy);
  g_hash_table_insert (self->bloc_index, copy->id, GUINT_TO_POINTER (self->blocs->len));
  emit_change (self, ENT_ITEM_BLOC, ENT_CHANGE_ADDED, copy->id);
  return TRUE;
}

gboolean
ent_world_update_bloc (EntWorld       *self,
                       const EntBloc  *bloc,
                       GError        **error)
{
  EntBloc *old;
  int index;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (bloc != NULL, FALSE);

  index = require_index (self->bloc_index, bloc->id, _("bloc"), error);
  if (index < 0 || !validate_bloc (self, bloc, error))
    return FALSE;

  old = g_ptr_array_index (self->blocs, index);
  g_ptr_array_index (self->blocs, index) = ent_bloc_copy (bloc);
  reindex (self->bloc_index, self->blocs, bloc_id);
  ent_bloc_free (old);
  emit_change (self, ENT_ITEM_BLOC, ENT_CHANGE_UPDATED, bloc->id);
  return TRUE;
}

gboolean
ent_world_remove_bloc (EntWorld    *self,
                       const char  *id,
                       GError     **error)
{
  g_autofree char *removed_id = NULL;
  int index;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);

  index = require_index (self->bloc_index, id, _("bloc"), error);
  if (index < 0)
    return FALSE;

  removed_id = g_strdup (id);
  g_ptr_array_remove_index (self->blocs, (guint) index);
  reindex (self->bloc_index, self->blocs, bloc_id);
  emit_change (self, ENT_ITEM_BLOC, ENT_CHANGE_REMOVED, removed_id);
  return TRUE;
}

gboolean
ent_world_check_bloc (EntWorld       *self,
                      const EntBloc  *bloc,
                      GError        **error)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (bloc != NULL, FALSE);

  return validate_bloc (self, bloc, error);
}

/* Like ent_world_add_bloc, but at @index (0 .. n). */
gboolean
ent_world_insert_bloc (EntWorld       *self,
                       guint           index,
                       const EntBloc  *bloc,
                       GError        **error)
{
  EntBloc *copy;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (index <= self->blocs->len, FALSE);
  g_return_val_if_fail (bloc != NULL, FALSE);

  if (!validate_bloc (self, bloc, error) ||
      !check_unique (self->bloc_index, bloc->id, _("a bloc"), error))
    return FALSE;

  copy = ent_bloc_copy (bloc);
  g_ptr_array_insert (self->blocs, (int) index, copy);
  reindex (self->bloc_index, self->blocs, bloc_id);
  emit_change (self, ENT_ITEM_BLOC, ENT_CHANGE_ADDED, copy->id);
  return TRUE;
}

void
ent_world_set_info (EntWorld              *self,
                    const EntDocumentInfo *info)
{
  EntDocumentInfo copy = { 0 };

  g_return_if_fail (ENT_IS_WORLD (self));
  g_return_if_fail (info != NULL);

  copy.title = g_strdup (info->title);
  copy.titles = ent_local_names_copy (info->titles);
  copy.description = g_strdup (info->description);
  copy.author = g_strdup (info->author);
  copy.sources = g_strdupv (info->sources);
  copy.extra = info->extra ? json_object_ref (info->extra) : NULL;
  ent_document_info_clear (&self->info);
  self->info = copy;
  emit_change (self, ENT_ITEM_INFO, ENT_CHANGE_UPDATED, NULL);
}

/* ---- Bulk loading ------------------------------------------------------ */

void
ent_world_freeze (EntWorld *self)
{
  g_return_if_fail (ENT_IS_WORLD (self));
  self->freeze_count++;
}

gboolean
ent_world_thaw (EntWorld  *self,
                GError   **error)
{
  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (self->freeze_count > 0, FALSE);

  if (--self->freeze_count > 0)
    return TRUE;
  self->revision++;
  if (!rebuild_graph (self, error))
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* ---- Queries ----------------------------------------------------------- */

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

GArray *
ent_world_get_neighbours (EntWorld *self,
                          guint     actor,
                          EntDate   at)
{
  g_autoptr(GArray) ties = NULL;
  GArray *result;

  g_return_val_if_fail (ENT_IS_WORLD (self), NULL);
  g_return_val_if_fail (actor < self->actors->len, NULL);

  ties = ent_world_get_ties (self, at);
  result = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < ties->len; i++)
    {
      const EntTie *tie = &g_array_index (ties, EntTie, i);
      guint other;

      if (tie->a == actor)
        other = tie->b;
      else if (tie->b == actor)
        other = tie->a;
      else
        continue;
      g_array_append_val (result, other);
    }
  g_array_sort (result, compare_uint);
  for (guint i = 1; i < result->len;)
    {
      if (g_array_index (result, guint, i) == g_array_index (result, guint, i - 1))
        g_array_remove_index (result, i);
      else
        i++;
    }
  return result;
}

/**
 * ent_world_get_relations_between:
 *
 * Returns: (transfer container): the relations between the two actors
 * active at @at, borrowed from the world.
 */
GPtrArray *
ent_world_get_relations_between (EntWorld   *self,
                                 const char *actor_a,
                                 const char *actor_b,
                                 EntDate     at)
{
  GPtrArray *result;

  g_return_val_if_fail (ENT_IS_WORLD (self), NULL);

  result = g_ptr_array_new ();
  for (guint i = 0; i < self->relations->len; i++)
    {
      const EntRelation *relation = g_ptr_array_index (self->relations, i);

      if (ent_relation_involves (relation, actor_a) && ent_relation_involves (relation, actor_b) &&
          ent_relation_active_at (relation, at))
        g_ptr_array_add (result, (gpointer) relation);
    }
  return result;
}

GPtrArray *
ent_world_get_relations_of (EntWorld   *self,
                            const char *actor,
                            EntDate     at)
{
  GPtrArray *result;

  g_return_val_if_fail (ENT_IS_WORLD (self), NULL);

  result = g_ptr_array_new ();
  for (guint i = 0; i < self->relations->len; i++)
    {
      const EntRelation *relation = g_ptr_array_index (self->relations, i);

      if (ent_relation_involves (relation, actor) && ent_relation_active_at (relation, at))
        g_ptr_array_add (result, (gpointer) relation);
    }
  return result;
}

static int
compare_meetings_by_date (gconstpointer a,
                          gconstpointer b)
{
  const EntMeeting *x = *(const EntMeeting * const *) a;
  const EntMeeting *y = *(const EntMeeting * const *) b;

  return ent_date_compare (x->date, y->date);
}

/**
 * ent_world_get_meetings_of:
 *
 * Returns: (transfer container): the actor's meetings that count at @at,
 * oldest first (stable for meetings on the same day).
 */
GPtrArray *
ent_world_get_meetings_of (EntWorld   *self,
                           const char *actor,
                           EntDate     at)
{
  GPtrArray *result;

  g_return_val_if_fail (ENT_IS_WORLD (self), NULL);

  result = g_ptr_array_new ();
  for (guint i = 0; i < self->meetings->len; i++)
    {
      const EntMeeting *meeting = g_ptr_array_index (self->meetings, i);

      if (ent_meeting_involves (meeting, actor) && ent_meeting_counts_at (meeting, at))
        g_ptr_array_add (result, (gpointer) meeting);
    }
  g_ptr_array_sort (result, compare_meetings_by_date);
  return result;
}

GPtrArray *
ent_world_get_blocs_of (EntWorld   *self,
                        const char *actor,
                        EntDate     at)
{
  GPtrArray *result;

  g_return_val_if_fail (ENT_IS_WORLD (self), NULL);

  result = g_ptr_array_new ();
  for (guint i = 0; i < self->blocs->len; i++)
    {
      const EntBloc *bloc = g_ptr_array_index (self->blocs, i);

      if (ent_bloc_has_member_at (bloc, actor, at))
        g_ptr_array_add (result, (gpointer) bloc);
    }
  return result;
}

GArray *
ent_world_get_bloc_members (EntWorld *self,
                            guint     bloc_index,
                            EntDate   at)
{
  const EntBloc *bloc;
  GArray *result;

  g_return_val_if_fail (ENT_IS_WORLD (self), NULL);
  g_return_val_if_fail (bloc_index < self->blocs->len, NULL);

  bloc = g_ptr_array_index (self->blocs, bloc_index);
  result = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < bloc->members->len; i++)
    {
      const EntBlocMember *member = g_ptr_array_index (bloc->members, i);
      guint index;

      if (!ent_bloc_has_member_at (bloc, member->actor, at))
        continue;
      index = (guint) lookup_index (self->actor_index, member->actor);
      /* A member listed twice for two periods appears once. */
      for (guint j = 0; j < result->len; j++)
        if (g_array_index (result, guint, j) == index)
          goto next;
      g_array_append_val (result, index);
    next:
      ;
    }
  return result;
}

static EntDate
latest_meeting_date (EntWorld *self)
{
  EntDate latest = ENT_DATE_NONE;

  for (guint i = 0; i < self->meetings->len; i++)
    {
      const EntMeeting *meeting = g_ptr_array_index (self->meetings, i);

      if (ent_date_compare (meeting->date, latest) > 0)
        latest = meeting->date;
    }
  return latest;
}

static double
meeting_weight (const EntMeeting *meeting,
                gint32            reference_days)
{
  double age = MAX (0, reference_days - ent_date_to_days (meeting->date));
  double weight = pow (0.5, age / MEETING_HALF_LIFE_DAYS);

  if (meeting->status == ENT_MEETING_PLANNED)
    weight *= 0.5;
  if (meeting->outcome == ENT_OUTCOME_WARMED)
    weight *= 1.25;
  else if (meeting->outcome == ENT_OUTCOME_COOLED)
    weight *= 0.5;
  return weight;
}

/**
 * ent_world_get_ties:
 * @at: the date, or unset for everything
 *
 * Returns: (transfer full) (element-type EntTie): the relations active at
 * @at in the world's order, then one tie per pair of actors that met on or
 * before @at, in order of their first meeting.
 */
GArray *
ent_world_get_ties (EntWorld *self,
                    EntDate   at)
{
  g_autoptr(GHashTable) pair_ties = NULL;
  GArray *ties;
  gint32 reference_days;
  guint first_meeting_tie;
  gboolean mirror;

  g_return_val_if_fail (ENT_IS_WORLD (self), NULL);

  /* Edge i of the mirror joins relation i's actors: cheaper than two
   * lookups by id, which a map of 100,000 actors redrawn every frame
   * notices. Not while frozen: the mirror catches up at the thaw. */
  mirror = self->freeze_count == 0 &&
           igraph_ecount (&self->graph) == (igraph_integer_t) self->relations->len &&
           igraph_vcount (&self->graph) == (igraph_integer_t) self->actors->len;
  ties = g_array_new (FALSE, TRUE, sizeof (EntTie));
  for (guint i = 0; i < self->relations->len; i++)
    {
      const EntRelation *relation = g_ptr_array_index (self->relations, i);
      EntTie tie = { 0 };
      guint a, b;

      if (!ent_relation_active_at (relation, at))
        continue;
      if (mirror)
        {
          a = (guint) IGRAPH_FROM (&self->graph, i);
          b = (guint) IGRAPH_TO (&self->graph, i);
        }
      else
        {
          a = (guint) lookup_index (self->actor_index, relation->actor_a);
          b = (guint) lookup_index (self->actor_index, relation->actor_b);
        }
      tie.a = MIN (a, b);
      tie.b = MAX (a, b);
      tie.kind = ENT_TIE_RELATION;
      tie.sign = relation->sign;
      tie.weight = relation->strength;
      tie.relation = i;
      g_array_append_val (ties, tie);
    }

  first_meeting_tie = ties->len;
  reference_days = ent_date_to_days (ent_date_is_set (at) ? at : latest_meeting_date (self));
  pair_ties = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < self->meetings->len; i++)
    {
      const EntMeeting *meeting = g_ptr_array_index (self->meetings, i);
      double weight;

      if (!ent_meeting_counts_at (meeting, at))
        continue;
      weight = meeting_weight (meeting, reference_days);
      for (guint p = 0; meeting->participants[p] != NULL; p++)
        for (guint q = p + 1; meeting->participants[q] != NULL; q++)
          {
            guint a = (guint) lookup_index (self->actor_index, meeting->participants[p]);
            guint b = (guint) lookup_index (self->actor_index, meeting->participants[q]);
            gint64 key = ((gint64) MIN (a, b) << 32) | MAX (a, b);
            gpointer found;
            EntTie *tie;

            if (!g_hash_table_lookup_extended (pair_ties, &key, NULL, &found))
              {
                EntTie fresh = { 0 };

                fresh.a = MIN (a, b);
                fresh.b = MAX (a, b);
                fresh.kind = ENT_TIE_MEETINGS;
                fresh.sign = 1;
                fresh.planned_only = TRUE;
                g_array_append_val (ties, fresh);
                found = GUINT_TO_POINTER (ties->len);
                g_hash_table_insert (pair_ties, g_memdup2 (&key, sizeof key), found);
              }
            tie = &g_array_index (ties, EntTie, GPOINTER_TO_UINT (found) - 1);
            tie->weight += weight;
            tie->n_meetings++;
            tie->planned_only = tie->planned_only && meeting->status == ENT_MEETING_PLANNED;
          }
    }
  /* Squash the sum of recency weights into (0, 1): more and more recent
   * meetings give a stronger tie, with diminishing returns. */
  for (guint i = first_meeting_tie; i < ties->len; i++)
    {
      EntTie *tie = &g_array_index (ties, EntTie, i);

      tie->weight = 1.0 - exp (-tie->weight);
    }
  return ties;
}

void
ent_world_get_date_range (EntWorld *self,
                          EntDate  *first,
                          EntDate  *last)
{
  gint32 lo = G_MAXINT32, hi = 0;

  g_return_if_fail (ENT_IS_WORLD (self));

#define CONSIDER(d) G_STMT_START {                                  \
    if (ent_date_is_set (d))                                        \
      {                                                             \
        lo = MIN (lo, ent_date_start_key (d));                      \
        hi = MAX (hi, ent_date_start_key (d));                      \
      }                                                             \
  } G_STMT_END

  for (guint i = 0; i < self->relations->len; i++)
    {
      const EntRelation *relation = g_ptr_array_index (self->relations, i);

      CONSIDER (relation->since);
      CONSIDER (relation->until);
    }
  for (guint i = 0; i < self->meetings->len; i++)
    CONSIDER (((const EntMeeting *) g_ptr_array_index (self->meetings, i))->date);
  for (guint i = 0; i < self->blocs->len; i++)
    {
      const EntBloc *bloc = g_ptr_array_index (self->blocs, i);

      for (guint j = 0; j < bloc->members->len; j++)
        {
          const EntBlocMember *member = g_ptr_array_index (bloc->members, j);

          CONSIDER (member->since);
          CONSIDER (member->until);
        }
    }
#undef CONSIDER

  if (first != NULL)
    *first = hi == 0 ? ENT_DATE_NONE : ent_date_from_key (lo);
  if (last != NULL)
    *last = hi == 0 ? ENT_DATE_NONE : ent_date_from_key (hi);
}

gboolean
ent_world_build_tie_graph (EntWorld            *self,
                           EntDate              at,
                           igraph_t            *graph,
                           igraph_vector_t     *weights,
                           igraph_vector_int_t *signs,
                           GError             **error)
{
  g_autoptr(GArray) ties = NULL;
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (ent_igraph_get_lock ());
  igraph_vector_int_t edges;
  igraph_error_t code;

  g_return_val_if_fail (ENT_IS_WORLD (self), FALSE);
  g_return_val_if_fail (graph != NULL, FALSE);

  ent_igraph_init ();
  ties = ent_world_get_ties (self, at);

  code = igraph_vector_int_init (&edges, 2 * (igraph_integer_t) ties->len);
  if (!ent_igraph_check (code, "Building the tie graph", error))
    return FALSE;
  for (guint i = 0; i < ties->len; i++)
    {
      const EntTie *tie = &g_array_index (ties, EntTie, i);

      VECTOR (edges)[2 * i] = tie->a;
      VECTOR (edges)[2 * i + 1] = tie->b;
    }
  code = igraph_create (graph, &edges, (igraph_integer_t) self->actors->len, IGRAPH_UNDIRECTED);
  igraph_vector_int_destroy (&edges);
  if (!ent_igraph_check (code, "Building the tie graph", error))
    return FALSE;

  if (weights != NULL)
    {
      code = igraph_vector_init (weights, (igraph_integer_t) ties->len);
      if (!ent_igraph_check (code, "Building the tie weights", error))
        goto fail_graph;
      for (guint i = 0; i < ties->len; i++)
        VECTOR (*weights)[i] = g_array_index (ties, EntTie, i).weight;
    }
  if (signs != NULL)
    {
      code = igraph_vector_int_init (signs, (igraph_integer_t) ties->len);
      if (!ent_igraph_check (code, "Building the tie signs", error))
        goto fail_weights;
      for (guint i = 0; i < ties->len; i++)
        VECTOR (*signs)[i] = g_array_index (ties, EntTie, i).sign;
    }
  return TRUE;

fail_weights:
  if (weights != NULL)
    igraph_vector_destroy (weights);
fail_graph:
  igraph_destroy (graph);
  return FALSE;
}
