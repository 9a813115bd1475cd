/* ent-history.c: undo and redo of edits to a world, as invertible commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-history"

#include "config.h"

#include <glib/gi18n.h>

#include "ent-history.h"

/*
 * A command is a list of primitive operations, each holding copies of the
 * item before and after. Doing a command applies its operations in order;
 * undoing it applies their inverses in reverse order, so every removal is
 * undone in the very state it was made in and its recorded index puts the
 * item back exactly where it was.
 */

typedef enum
{
  OP_ADD,         /* @after went to @index */
  OP_REMOVE,      /* @before was taken from @index */
  OP_UPDATE,      /* @before was replaced by @after */
  OP_MOVE,        /* actor @actor went from @from to @to */
} OpType;

typedef struct
{
  gboolean has_position;
  double   x;
  double   y;
  gboolean pinned;
} Position;

typedef struct
{
  OpType       type;
  EntItemKind  kind;
  guint        index;
  gpointer     before;
  gpointer     after;
  char        *actor;
  Position     from;
  Position     to;
} Op;

typedef struct
{
  char      *label;
  GPtrArray *ops;        /* (element-type Op) */
} Command;

struct _EntHistory
{
  GObject     parent_instance;

  EntWorld   *world;
  GPtrArray  *undo_stack;    /* (element-type Command), oldest first */
  GPtrArray  *redo_stack;    /* (element-type Command), next redo last */

  guint       group_depth;
  char       *group_label;
  Command    *open_command;  /* top of undo_stack while a group has edits */

  /* undo_stack->len at the saved point; -1 once it cannot be reached. */
  gint64      saved_depth;
  guint       max_depth;
  gboolean    applying;

  /* The values last notified, so that notify fires on real changes only. */
  gboolean    can_undo;
  gboolean    can_redo;
  gboolean    is_modified;
  char       *undo_label;
  char       *redo_label;
};

G_DEFINE_FINAL_TYPE (EntHistory, ent_history, G_TYPE_OBJECT)

G_DEFINE_QUARK (ent-history-error-quark, ent_history_error)

enum {
  PROP_0,
  PROP_WORLD,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_IS_MODIFIED,
  PROP_MAX_DEPTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Items of any kind ------------------------------------------------- */

static gpointer
item_copy (EntItemKind   kind,
           gconstpointer item)
{
  switch (kind)
    {
    case ENT_ITEM_ACTOR:
      return ent_actor_copy (item);
    case ENT_ITEM_RELATION:
      return ent_relation_copy (item);
    case ENT_ITEM_MEETING:
      return ent_meeting_copy (item);
    case ENT_ITEM_BLOC:
      return ent_bloc_copy (item);
    case ENT_ITEM_INFO:
    default:
      g_assert_not_reached ();
    }
}

static void
item_free (EntItemKind kind,
           gpointer    item)
{
  if (item == NULL)
    return;
  switch (kind)
    {
    case ENT_ITEM_ACTOR:
      ent_actor_free (item);
      break;
    case ENT_ITEM_RELATION:
      ent_relation_free (item);
      break;
    case ENT_ITEM_MEETING:
      ent_meeting_free (item);
      break;
    case ENT_ITEM_BLOC:
      ent_bloc_free (item);
      break;
    case ENT_ITEM_INFO:
    default:
      g_assert_not_reached ();
    }
}

static const char *
item_id (EntItemKind   kind,
         gconstpointer item)
{
  switch (kind)
    {
    case ENT_ITEM_ACTOR:
      return ((const EntActor *) item)->id;
    case ENT_ITEM_RELATION:
      return ((const EntRelation *) item)->id;
    case ENT_ITEM_MEETING:
      return ((const EntMeeting *) item)->id;
    case ENT_ITEM_BLOC:
      return ((const EntBloc *) item)->id;
    case ENT_ITEM_INFO:
    default:
      g_assert_not_reached ();
    }
}

static guint
world_count (EntWorld    *world,
             EntItemKind  kind)
{
  switch (kind)
    {
    case ENT_ITEM_ACTOR:
      return ent_world_get_n_actors (world);
    case ENT_ITEM_RELATION:
      return ent_world_get_n_relations (world);
    case ENT_ITEM_MEETING:
      return ent_world_get_n_meetings (world);
    case ENT_ITEM_BLOC:
      return ent_world_get_n_blocs (world);
    case ENT_ITEM_INFO:
    default:
      g_assert_not_reached ();
    }
}

static gconstpointer
world_get (EntWorld    *world,
           EntItemKind  kind,
           guint        index)
{
  switch (kind)
    {
    case ENT_ITEM_ACTOR:
      return ent_world_get_actor (world, index);
    case ENT_ITEM_RELATION:
      return ent_world_get_relation (world, index);
    case ENT_ITEM_MEETING:
      return ent_world_get_meeting (world, index);
    case ENT_ITEM_BLOC:
      return ent_world_get_bloc (world, index);
    case ENT_ITEM_INFO:
    default:
      g_assert_not_reached ();
    }
}

static gconstpointer
world_lookup (EntWorld    *world,
              EntItemKind  kind,
              const char  *id)
{
  switch (kind)
    {
    case ENT_ITEM_ACTOR:
      return ent_world_lookup_actor (world, id);
    case ENT_ITEM_RELATION:
      return ent_world_lookup_relation (world, id);
    case ENT_ITEM_MEETING:
      return ent_world_lookup_meeting (world, id);
    case ENT_ITEM_BLOC:
      return ent_world_lookup_bloc (world, id);
    case ENT_ITEM_INFO:
    default:
      g_assert_not_reached ();
    }
}

/* The index of the item with @id, or -1. */
static int
world_index_of (EntWorld    *world,
                EntItemKind  kind,
                const char  *id)
{
  gconstpointer item = world_lookup (world, kind, id);
  guint n = world_count (world, kind);

  if (item == NULL)
    return -1;
  for (guint i = 0; i < n; i++)
    if (world_get (world, kind, i) == item)
      return (int) i;
  g_assert_not_reached ();
  return -1;
}

static gboolean
world_insert (EntWorld       *world,
              EntItemKind     kind,
              guint           index,
              gconstpointer   item,
              GError        **error)
{
  switch (kind)
    {
    case ENT_ITEM_ACTOR:
      return ent_world_insert_actor (world, index, item, error);
    case ENT_ITEM_RELATION:
      return ent_world_insert_relation (world, index, item, error);
    case ENT_ITEM_MEETING:
      return ent_world_insert_meeting (world, index, item, error);
    case ENT_ITEM_BLOC:
      return ent_world_insert_bloc (world, index, item, error);
    case ENT_ITEM_INFO:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
world_update (EntWorld       *world,
              EntItemKind     kind,
              gconstpointer   item,
              GError        **error)
{
  switch (kind)
    {
    case ENT_ITEM_ACTOR:
      return ent_world_update_actor (world, item, error);
    case ENT_ITEM_RELATION:
      return ent_world_update_relation (world, item, error);
    case ENT_ITEM_MEETING:
      return ent_world_update_meeting (world, item, error);
    case ENT_ITEM_BLOC:
      return ent_world_update_bloc (world, item, error);
    case ENT_ITEM_INFO:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
world_remove (EntWorld     *world,
              EntItemKind   kind,
              const char   *id,
              GError      **error)
{
  switch (kind)
    {
    case ENT_ITEM_ACTOR:
      return ent_world_remove_actor (world, id, error);
    case ENT_ITEM_RELATION:
      return ent_world_remove_relation (world, id, error);
    case ENT_ITEM_MEETING:
      return ent_world_remove_meeting (world, id, error);
    case ENT_ITEM_BLOC:
      return ent_world_remove_bloc (world, id, error);
    case ENT_ITEM_INFO:
    default:
      g_assert_not_reached ();
    }
}

/* ---- Operations and commands ------------------------------------------- */

static Op *
op_new (OpType       type,
        EntItemKind  kind,
        guint        index,
        gpointer     before,
        gpointer     after)
{
  Op *op = g_new0 (Op, 1);

  op->type = type;
  op->kind = kind;
  op->index = index;
  op->before = before;
  op->after = after;
  return op;
}

static Op *
op_new_move (const char     *actor,
             const Position *from,
             const Position *to)
{
  Op *op = op_new (OP_MOVE, ENT_ITEM_ACTOR, 0, NULL, NULL);

  op->actor = g_strdup (actor);
  op->from = *from;
  op->to = *to;
  return op;
}

static void
op_free (Op *op)
{
  item_free (op->kind, op->before);
  item_free (op->kind, op->after);
  g_free (op->actor);
  g_free (op);
}

static gboolean
op_apply (const Op  *op,
          EntWorld  *world,
          gboolean   forward,
          GError   **error)
{
  const Position *position;

  switch (op->type)
    {
    case OP_ADD:
      if (forward)
        return world_insert (world, op->kind, op->index, op->after, error);
      return world_remove (world, op->kind, item_id (op->kind, op->after), error);
    case OP_REMOVE:
      if (forward)
        return world_remove (world, op->kind, item_id (op->kind, op->before), error);
      return world_insert (world, op->kind, op->index, op->before, error);
    case OP_UPDATE:
      return world_update (world, op->kind, forward ? op->after : op->before, error);
    case OP_MOVE:
      position = forward ? &op->to : &op->from;
      return ent_world_set_actor_position (world, op->actor, position->has_position,
                                           position->x, position->y, position->pinned, error);
    default:
      g_assert_not_reached ();
    }
}

/* Applies @ops (forwards in order, or backwards in reverse order). If one
 * fails, the ones already applied are reverted, so the world is as it was. */
static gboolean
ops_apply (GPtrArray  *ops,
           EntWorld   *world,
           gboolean    forward,
           GError    **error)
{
  guint n = ops->len;

  for (guint step = 0; step < n; step++)
    {
      guint i = forward ? step : n - 1 - step;

      if (op_apply (g_ptr_array_index (ops, i), world, forward, error))
        continue;
      while (step-- > 0)
        {
          g_autoptr(GError) local_error = NULL;

          i = forward ? step : n - 1 - step;
          if (!op_apply (g_ptr_array_index (ops, i), world, !forward, &local_error))
            g_warning ("Could not revert a partly applied edit: %s", local_error->message);
        }
      return FALSE;
    }
  return TRUE;
}

static Command *
command_new (const char *label)
{
  Command *command = g_new0 (Command, 1);

  command->label = g_strdup (label);
  command->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) op_free);
  return command;
}

static void
command_free (Command *command)
{
  g_ptr_array_unref (command->ops);
  g_free (command->label);
  g_free (command);
}

/* Takes @op. A move right after a move of the same actor extends it. */
static void
command_append (Command *command,
                Op      *op)
{
  if (op->type == OP_MOVE && command->ops->len > 0)
    {
      Op *last = g_ptr_array_index (command->ops, command->ops->len - 1);

      if (last->type == OP_MOVE && g_str_equal (last->actor, op->actor))
        {
          last->to = op->to;
          op_free (op);
          return;
        }
    }
  g_ptr_array_add (command->ops, op);
}

/* ---- State and notification -------------------------------------------- */

static const char *
top_label (GPtrArray *stack)
{
  if (stack->len == 0)
    return NULL;
  return ((Command *) g_ptr_array_index (stack, stack->len - 1))->label;
}

static void
update_state (EntHistory *self)
{
  gboolean can_undo = self->undo_stack->len > 0;
  gboolean can_redo = self->redo_stack->len > 0;
  gboolean is_modified = self->saved_depth != (gint64) self->undo_stack->len;
  const char *undo_label = top_label (self->undo_stack);
  const char *redo_label = top_label (self->redo_stack);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->can_undo != can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (self->can_redo != can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  if (self->is_modified != is_modified)
    {
      self->is_modified = is_modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_MODIFIED]);
    }
  if (g_strcmp0 (self->undo_label, undo_label) != 0)
    {
      g_free (self->undo_label);
      self->undo_label = g_strdup (undo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
    }
  if (g_strcmp0 (self->redo_label, redo_label) != 0)
    {
      g_free (self->redo_label);
      self->redo_label = g_strdup (redo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
trim_to_depth (EntHistory *self)
{
  while (self->undo_stack->len > self->max_depth)
    {
      g_assert (g_ptr_array_index (self->undo_stack, 0) != self->open_command);
      g_ptr_array_remove_index (self->undo_stack, 0);
      /* A saved point before the dropped step can no longer be reached. */
      if (self->saved_depth >= 0)
        self->saved_depth--;
    }
}

/* Takes @command. A new step makes the redo list, and a saved point in
 * it, unreachable. */
static void
push_command (EntHistory *self,
              Command    *command)
{
  if (self->saved_depth > (gint64) self->undo_stack->len)
    self->saved_depth = -1;
  g_ptr_array_set_size (self->redo_stack, 0);
  g_ptr_array_add (self->undo_stack, command);
  trim_to_depth (self);
}

/* Takes @ops, applied already. Inside a group they join its command. */
static void
record_ops (EntHistory *self,
            const char *label,
            GPtrArray  *ops)
{
  Command *command;

  if (self->group_depth > 0 && self->open_command != NULL)
    {
      /* The saved state, if it is the one just before this edit, lies
       * inside the open step now: undo cannot stop there. */
      if (self->saved_depth == (gint64) self->undo_stack->len)
        self->saved_depth = -1;
      command = self->open_command;
    }
  else
    {
      command = command_new (self->group_depth > 0 ? self->group_label : label);
      push_command (self, command);
      if (self->group_depth > 0)
        self->open_command = command;
    }

  for (guint i = 0; i < ops->len; i++)
    command_append (command, g_ptr_array_index (ops, i));
  g_ptr_array_set_free_func (ops, NULL);
  g_ptr_array_unref (ops);
  update_state (self);
}

static GPtrArray *
ops_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) op_free);
}

static void
record_op (EntHistory *self,
           const char *label,
           Op         *op)
{
  GPtrArray *ops = ops_new ();

  g_ptr_array_add (ops, op);
  record_ops (self, label, ops);
}

/* ---- GObject ----------------------------------------------------------- */

static void
ent_history_finalize (GObject *object)
{
  EntHistory *self = (EntHistory *) object;

  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->group_label, g_free);
  g_clear_pointer (&self->undo_label, g_free);
  g_clear_pointer (&self->redo_label, g_free);
  g_clear_object (&self->world);

  G_OBJECT_CLASS (ent_history_parent_class)->finalize (object);
}

static void
ent_history_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EntHistory *self = ENT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_WORLD:
      g_value_set_object (value, self->world);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, ent_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, ent_history_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, ent_history_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, ent_history_get_redo_label (self));
      break;
    case PROP_IS_MODIFIED:
      g_value_set_boolean (value, ent_history_get_is_modified (self));
      break;
    case PROP_MAX_DEPTH:
      g_value_set_uint (value, self->max_depth);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ent_history_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  EntHistory *self = ENT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_WORLD:
      self->world = g_value_dup_object (value);
      break;
    case PROP_MAX_DEPTH:
      ent_history_set_max_depth (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ent_history_class_init (EntHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ent_history_finalize;
  object_class->get_property = ent_history_get_property;
  object_class->set_property = ent_history_set_property;

  properties[PROP_WORLD] =
    g_param_spec_object ("world", NULL, NULL, ENT_TYPE_WORLD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_MODIFIED] =
    g_param_spec_boolean ("is-modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_DEPTH] =
    g_param_spec_uint ("max-depth", NULL, NULL, 1, G_MAXUINT, ENT_HISTORY_DEFAULT_MAX_DEPTH,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ent_history_init (EntHistory *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  self->max_depth = ENT_HISTORY_DEFAULT_MAX_DEPTH;
}

EntHistory *
ent_history_new (EntWorld *world)
{
  g_return_val_if_fail (ENT_IS_WORLD (world), NULL);

  return g_object_new (ENT_TYPE_HISTORY, "world", world, NULL);
}

/**
 * ent_history_get_world:
 *
 * Returns: (transfer none): the world whose edits this history records
 */
EntWorld *
ent_history_get_world (EntHistory *self)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), NULL);
  return self->world;
}

/* ---- Edits: one of each kind ------------------------------------------- */

/* Records the item the world just put at @index. */
static void
record_added (EntHistory  *self,
              const char  *label,
              EntItemKind  kind,
              guint        index)
{
  gpointer after = item_copy (kind, world_get (self->world, kind, index));

  record_op (self, label, op_new (OP_ADD, kind, index, NULL, after));
}

static gboolean
update_item (EntHistory     *self,
             const char     *label,
             EntItemKind     kind,
             gconstpointer   item,
             GError        **error)
{
  const char *id = item_id (kind, item);
  gconstpointer current = world_lookup (self->world, kind, id);
  gpointer before = current != NULL ? item_copy (kind, current) : NULL;
  gpointer after;

  if (!world_update (self->world, kind, item, error))
    {
      item_free (kind, before);
      return FALSE;
    }
  after = item_copy (kind, world_lookup (self->world, kind, id));
  record_op (self, label, op_new (OP_UPDATE, kind, 0, before, after));
  return TRUE;
}

static gboolean
remove_item (EntHistory   *self,
             const char   *label,
             EntItemKind   kind,
             const char   *id,
             GError      **error)
{
  int index = world_index_of (self->world, kind, id);
  gpointer before = index >= 0 ? item_copy (kind, world_get (self->world, kind, (guint) index)) : NULL;

  if (!world_remove (self->world, kind, id, error))
    {
      item_free (kind, before);
      return FALSE;
    }
  record_op (self, label, op_new (OP_REMOVE, kind, (guint) index, before, NULL));
  return TRUE;
}

gboolean
ent_history_add_actor (EntHistory      *self,
                       const EntActor  *actor,
                       GError         **error)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (!self->applying, FALSE);

  if (!ent_world_add_actor (self->world, actor, error))
    return FALSE;
  record_added (self, _("Add Actor"), ENT_ITEM_ACTOR, ent_world_get_n_actors (self->world) - 1);
  return TRUE;
}

gboolean
ent_history_update_actor (EntHistory      *self,
                          const EntActor  *actor,
                          GError         **error)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (!self->applying, FALSE);

  return update_item (self, _("Edit Actor"), ENT_ITEM_ACTOR, actor, error);
}

gboolean
ent_history_remove_actor (EntHistory  *self,
                          const char  *id,
                          GError     **error)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (!self->applying, FALSE);

  return remove_item (self, _("Remove Actor"), ENT_ITEM_ACTOR, id, error);
}

/* Applies @op and, if that worked, adds it to @ops; otherwise frees it. */
static gboolean
apply_and_collect (GPtrArray  *ops,
                   Op         *op,
                   EntWorld   *world,
                   GError    **error)
{
  if (!op_apply (op, world, TRUE, error))
    {
      op_free (op);
      return FALSE;
    }
  g_ptr_array_add (ops, op);
  return TRUE;
}

static GStrv
strv_without (const char * const *strv,
              const char         *drop)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv result;

  for (guint i = 0; strv[i] != NULL; i++)
    if (!g_str_equal (strv[i], drop))
      g_strv_builder_add (builder, strv[i]);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

/* Collects into @ops, applied, the edits that leave no item naming @id. */
static gboolean
untie_actor (EntWorld    *world,
             const char  *id,
             GPtrArray   *ops,
             GError     **error)
{
  for (guint i = 0; i < ent_world_get_n_relations (world);)
    {
      const EntRelation *relation = ent_world_get_relation (world, i);

      if (!ent_relation_involves (relation, id))
        {
          i++;
          continue;
        }
      if (!apply_and_collect (ops, op_new (OP_REMOVE, ENT_ITEM_RELATION, i, ent_relation_copy (relation), NULL),
                              world, error))
        return FALSE;
    }

  for (guint i = 0; i < ent_world_get_n_meetings (world);)
    {
      const EntMeeting *meeting = ent_world_get_meeting (world, i);
      EntMeeting *after;

      if (!ent_meeting_involves (meeting, id))
        {
          i++;
          continue;
        }
      if (g_strv_length (meeting->participants) <= 2)
        {
          if (!apply_and_collect (ops, op_new (OP_REMOVE, ENT_ITEM_MEETING, i, ent_meeting_copy (meeting), NULL),
                                  world, error))
            return FALSE;
          continue;
        }
      after = ent_meeting_copy (meeting);
      g_strfreev (after->participants);
      after->participants = strv_without ((const char * const *) meeting->participants, id);
      if (!apply_and_collect (ops, op_new (OP_UPDATE, ENT_ITEM_MEETING, i, ent_meeting_copy (meeting), after),
                              world, error))
        return FALSE;
      i++;
    }

  for (guint i = 0; i < ent_world_get_n_blocs (world); i++)
    {
      const EntBloc *bloc = ent_world_get_bloc (world, i);
      EntBloc *after = NULL;

      for (guint j = bloc->members->len; j-- > 0;)
        {
          const EntBlocMember *member = g_ptr_array_index (bloc->members, j);

          if (!g_str_equal (member->actor, id))
            continue;
          if (after == NULL)
            after = ent_bloc_copy (bloc);
          g_ptr_array_remove_index (after->members, j);
        }
      if (after != NULL &&
          !apply_and_collect (ops, op_new (OP_UPDATE, ENT_ITEM_BLOC, i, ent_bloc_copy (bloc), after),
                              world, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ent_history_remove_actor_with_ties (EntHistory  *self,
                                    const char  *id,
                                    GError     **error)
{
  g_autoptr(GPtrArray) ops = NULL;
  g_autofree char *actor_id = NULL;
  const char *label;
  int index;

  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (!self->applying, FALSE);

  index = ent_world_get_actor_index (self->world, id);
  if (index < 0)
    {
      g_set_error (error, ENT_WORLD_ERROR, ENT_WORLD_ERROR_UNKNOWN_ID,
                   _("there is no actor with id “%s”"), id ? id : "");
      return FALSE;
    }

  /* @id may belong to an item about to be replaced. */
  actor_id = g_strdup (id);
  ops = ops_new ();
  if (!untie_actor (self->world, actor_id, ops, error) ||
      !apply_and_collect (ops, op_new (OP_REMOVE, ENT_ITEM_ACTOR, (guint) index,
                                       ent_actor_copy (ent_world_get_actor (self->world, (guint) index)), NULL),
                          self->world, error))
    {
      ops_apply (ops, self->world, FALSE, NULL);
      return FALSE;
    }

  label = ops->len > 1 ? _("Remove Actor and Its Ties") : _("Remove Actor");
  record_ops (self, label, g_steal_pointer (&ops));
  return TRUE;
}

static void
get_position (const EntActor *actor,
              Position       *position)
{
  position->has_position = actor->has_position;
  position->x = actor->x;
  position->y = actor->y;
  position->pinned = actor->pinned;
}

static gboolean
position_equal (const Position *p,
                const Position *q)
{
  return p->has_position == q->has_position && p->x == q->x && p->y == q->y && p->pinned == q->pinned;
}

gboolean
ent_history_set_actor_position (EntHistory  *self,
                                const char  *id,
                                gboolean     has_position,
                                double       x,
                                double       y,
                                gboolean     pinned,
                                GError     **error)
{
  const EntActor *actor;
  Position from, to;
  const char *label;

  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (!self->applying, FALSE);

  actor = ent_world_lookup_actor (self->world, id);
  if (actor != NULL)
    get_position (actor, &from);
  if (!ent_world_set_actor_position (self->world, id, has_position, x, y, pinned, error))
    return FALSE;

  /* Read back what the world stored: it forgets x, y and the pin of an
   * actor without a position. */
  actor = ent_world_lookup_actor (self->world, id);
  get_position (actor, &to);
  if (position_equal (&from, &to))
    return TRUE;

  if (from.has_position == to.has_position && from.x == to.x && from.y == to.y)
    label = to.pinned ? _("Pin Actor") : _("Unpin Actor");
  else
    label = _("Move Actor");
  record_op (self, label, op_new_move (actor->id, &from, &to));
  return TRUE;
}

gboolean
ent_history_add_relation (EntHistory         *self,
                          const EntRelation  *relation,
                          char              **out_id,
                          GError            **error)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (relation != NULL, FALSE);
  g_return_val_if_fail (!self->applying, FALSE);

  if (!ent_world_add_relation (self->world, relation, out_id, error))
    return FALSE;
  record_added (self, _("Add Relation"), ENT_ITEM_RELATION, ent_world_get_n_relations (self->world) - 1);
  return TRUE;
}

gboolean
ent_history_update_relation (EntHistory         *self,
                             const EntRelation  *relation,
                             GError            **error)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (relation != NULL, FALSE);
  g_return_val_if_fail (!self->applying, FALSE);

  return update_item (self, _("Edit Relation"), ENT_ITEM_RELATION, relation, error);
}

gboolean
ent_history_remove_relation (EntHistory  *self,
                             const char  *id,
                             GError     **error)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (!self->applying, FALSE);

  return remove_item (self, _("Remove Relation"), ENT_ITEM_RELATION, id, error);
}

gboolean
ent_history_add_meeting (EntHistory        *self,
                         const EntMeeting  *meeting,
                         char             **out_id,
                         GError           **error)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (meeting != NULL, FALSE);
  g_return_val_if_fail (!self->applying, FALSE);

  if (!ent_world_add_meeting (self->world, meeting, out_id, error))
    return FALSE;
  record_added (self, _("Add Meeting"), ENT_ITEM_MEETING, ent_world_get_n_meetings (self->world) - 1);
  return TRUE;
}

gboolean
ent_history_update_meeting (EntHistory        *self,
                            const EntMeeting  *meeting,
                            GError           **error)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (meeting != NULL, FALSE);
  g_return_val_if_fail (!self->applying, FALSE);

  return update_item (self, _("Edit Meeting"), ENT_ITEM_MEETING, meeting, error);
}

gboolean
ent_history_remove_meeting (EntHistory  *self,
                            const char  *id,
                            GError     **error)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (!self->applying, FALSE);

  return remove_item (self, _("Remove Meeting"), ENT_ITEM_MEETING, id, error);
}

gboolean
ent_history_add_bloc (EntHistory     *self,
                      const EntBloc  *bloc,
                      GError        **error)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (bloc != NULL, FALSE);
  g_return_val_if_fail (!self->applying, FALSE);

  if (!ent_world_add_bloc (self->world, bloc, error))
    return FALSE;
  record_added (self, _("Add Bloc"), ENT_ITEM_BLOC, ent_world_get_n_blocs (self->world) - 1);
  return TRUE;
}

gboolean
ent_history_update_bloc (EntHistory     *self,
                         const EntBloc  *bloc,
                         GError        **error)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (bloc != NULL, FALSE);
  g_return_val_if_fail (!self->applying, FALSE);

  return update_item (self, _("Edit Bloc"), ENT_ITEM_BLOC, bloc, error);
}

gboolean
ent_history_remove_bloc (EntHistory  *self,
                         const char  *id,
                         GError     **error)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (!self->applying, FALSE);

  return remove_item (self, _("Remove Bloc"), ENT_ITEM_BLOC, id, error);
}

/* ---- Grouping ---------------------------------------------------------- */

void
ent_history_begin_group (EntHistory *self,
                         const char *label)
{
  g_return_if_fail (ENT_IS_HISTORY (self));
  g_return_if_fail (label != NULL);

  if (self->group_depth++ == 0)
    {
      g_free (self->group_label);
      self->group_label = g_strdup (label);
      self->open_command = NULL;
    }
}

void
ent_history_end_group (EntHistory *self)
{
  g_return_if_fail (ENT_IS_HISTORY (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth == 0)
    {
      self->open_command = NULL;
      g_clear_pointer (&self->group_label, g_free);
    }
}

/* ---- Undo and redo ----------------------------------------------------- */

gboolean
ent_history_get_can_undo (EntHistory *self)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
ent_history_get_can_redo (EntHistory *self)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  return self->redo_stack->len > 0;
}

guint
ent_history_get_n_undo (EntHistory *self)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), 0);
  return self->undo_stack->len;
}

guint
ent_history_get_n_redo (EntHistory *self)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), 0);
  return self->redo_stack->len;
}

const char *
ent_history_get_undo_label (EntHistory *self)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), NULL);
  return top_label (self->undo_stack);
}

const char *
ent_history_get_redo_label (EntHistory *self)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), NULL);
  return top_label (self->redo_stack);
}

char *
ent_history_dup_undo_text (EntHistory *self)
{
  const char *label;

  g_return_val_if_fail (ENT_IS_HISTORY (self), NULL);

  label = top_label (self->undo_stack);
  /* Translators: %s names an edit, such as "Add Meeting". */
  return label != NULL ? g_strdup_printf (_("Undo %s"), label) : g_strdup (_("Undo"));
}

char *
ent_history_dup_redo_text (EntHistory *self)
{
  const char *label;

  g_return_val_if_fail (ENT_IS_HISTORY (self), NULL);

  label = top_label (self->redo_stack);
  /* Translators: %s names an edit, such as "Add Meeting". */
  return label != NULL ? g_strdup_printf (_("Redo %s"), label) : g_strdup (_("Redo"));
}

/* Moves the top command of @from onto @to, applying it forwards or back. */
static gboolean
replay (EntHistory  *self,
        GPtrArray   *from,
        GPtrArray   *to,
        gboolean     forward,
        GError     **error)
{
  Command *command = g_ptr_array_index (from, from->len - 1);
  gboolean ok;

  self->applying = TRUE;
  ok = ops_apply (command->ops, self->world, forward, error);
  self->applying = FALSE;
  if (!ok)
    return FALSE;

  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  update_state (self);
  return TRUE;
}

gboolean
ent_history_undo (EntHistory  *self,
                  GError     **error)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->group_depth == 0, FALSE);
  g_return_val_if_fail (!self->applying, FALSE);

  if (self->undo_stack->len == 0)
    {
      g_set_error_literal (error, ENT_HISTORY_ERROR, ENT_HISTORY_ERROR_NOTHING_TO_UNDO,
                           _("There is nothing to undo"));
      return FALSE;
    }
  return replay (self, self->undo_stack, self->redo_stack, FALSE, error);
}

gboolean
ent_history_redo (EntHistory  *self,
                  GError     **error)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->group_depth == 0, FALSE);
  g_return_val_if_fail (!self->applying, FALSE);

  if (self->redo_stack->len == 0)
    {
      g_set_error_literal (error, ENT_HISTORY_ERROR, ENT_HISTORY_ERROR_NOTHING_TO_REDO,
                           _("There is nothing to redo"));
      return FALSE;
    }
  return replay (self, self->redo_stack, self->undo_stack, TRUE, error);
}

/* ---- Saved point and depth --------------------------------------------- */

void
ent_history_mark_saved (EntHistory *self)
{
  g_return_if_fail (ENT_IS_HISTORY (self));

  self->saved_depth = self->undo_stack->len;
  update_state (self);
}

gboolean
ent_history_get_is_modified (EntHistory *self)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), FALSE);
  return self->saved_depth != (gint64) self->undo_stack->len;
}

guint
ent_history_get_max_depth (EntHistory *self)
{
  g_return_val_if_fail (ENT_IS_HISTORY (self), 0);
  return self->max_depth;
}

void
ent_history_set_max_depth (EntHistory *self,
                           guint       max_depth)
{
  g_return_if_fail (ENT_IS_HISTORY (self));
  g_return_if_fail (max_depth >= 1);

  if (self->max_depth == max_depth)
    return;
  self->max_depth = max_depth;
  trim_to_depth (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_DEPTH]);
  update_state (self);
}
