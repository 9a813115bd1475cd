/* ent-actor-list.c: the sidebar's actors as a list model
 *
 * One item per actor of the world, in the world's order, describing it as
 * of a date. Items are made when a view or a filter first asks for them
 * and kept until the world or date changes: a list view draws only the
 * rows on screen, so a map of 100,000 actors costs what a screenful does
 * until somebody searches it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-actor-list"

#include "config.h"

#include <string.h>

#include "ent-actor-list.h"

/* ---- EntActorItem -------------------------------------------------------- */

struct _EntActorItem
{
  GObject  parent_instance;

  guint    index;
  char    *title;
  char    *subtitle;
  char    *id;
  char    *names;         /* the English names of the actor, leader and blocs */
  char    *search_text;   /* folded; made by the first search */
};

G_DEFINE_FINAL_TYPE (EntActorItem, ent_actor_item, G_TYPE_OBJECT)

static void
ent_actor_item_finalize (GObject *object)
{
  EntActorItem *self = ENT_ACTOR_ITEM (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->id);
  g_free (self->names);
  g_free (self->search_text);
  G_OBJECT_CLASS (ent_actor_item_parent_class)->finalize (object);
}

static void
ent_actor_item_class_init (EntActorItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ent_actor_item_finalize;
}

static void
ent_actor_item_init (EntActorItem *self)
{
}

/* The leader as of @at and the blocs, as the row's second line. */
/* The subtitle: the leader as of @at and the blocs, in the user's
 * language; and into @names, their names in English, which a search
 * matches too. */
static char *
describe_actor (EntWorld       *world,
                const EntActor *actor,
                EntDate         at,
                char          **names)
{
  g_autoptr(GPtrArray) blocs = ent_world_get_blocs_of (world, actor->id, at);
  const EntLeader *leader = ent_actor_get_leader_at (actor, at);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) english = g_string_new (actor->name);

  if (leader != NULL)
    {
      g_string_append (text, ent_leader_get_display_name (leader));
      g_string_append_printf (english, " %s", leader->name ? leader->name : "");
    }
  for (guint i = 0; i < blocs->len; i++)
    {
      const EntBloc *bloc = g_ptr_array_index (blocs, i);

      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, ent_bloc_get_display_name (bloc));
      g_string_append_printf (english, " %s", bloc->name ? bloc->name : "");
    }
  *names = g_string_free (g_steal_pointer (&english), FALSE);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static EntActorItem *
ent_actor_item_new (EntWorld *world,
                    guint     index,
                    EntDate   at)
{
  const EntActor *actor = ent_world_get_actor (world, index);
  EntActorItem *self = g_object_new (ENT_TYPE_ACTOR_ITEM, NULL);
  self->index = index;
  self->title = g_strdup (ent_actor_get_display_name (actor));
  self->subtitle = describe_actor (world, actor, at, &self->names);
  /* Everything a search may match, folded once when first searched
   * rather than per key. */
  self->id = g_strdup (actor->id);
  return self;
}

guint
ent_actor_item_get_index (EntActorItem *self)
{
  g_return_val_if_fail (ENT_IS_ACTOR_ITEM (self), 0);
  return self->index;
}

const char *
ent_actor_item_get_title (EntActorItem *self)
{
  g_return_val_if_fail (ENT_IS_ACTOR_ITEM (self), NULL);
  return self->title;
}

const char *
ent_actor_item_get_subtitle (EntActorItem *self)
{
  g_return_val_if_fail (ENT_IS_ACTOR_ITEM (self), NULL);
  return self->subtitle;
}

/* @folded_query: g_utf8_casefold()ed; empty or NULL matches everything. */
gboolean
ent_actor_item_matches (EntActorItem *self,
                        const char   *folded_query)
{
  g_return_val_if_fail (ENT_IS_ACTOR_ITEM (self), FALSE);

  if (folded_query == NULL || *folded_query == '\0')
    return TRUE;
  if (self->search_text == NULL)
    {
      g_autofree char *text = g_strjoin (" ", self->id, self->title, self->subtitle, self->names, NULL);

      self->search_text = g_utf8_casefold (text, -1);
    }
  return strstr (self->search_text, folded_query) != NULL;
}

/* ---- EntActorList -------------------------------------------------------- */

struct _EntActorList
{
  GObject    parent_instance;

  EntWorld  *world;
  EntDate    at;
  guint      n_items;
  GPtrArray *items;     /* (element-type EntActorItem) (nullable): made on demand */
};

static void ent_actor_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EntActorList, ent_actor_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ent_actor_list_model_init))

static GType
ent_actor_list_get_item_type (GListModel *model)
{
  return ENT_TYPE_ACTOR_ITEM;
}

static guint
ent_actor_list_get_n_items (GListModel *model)
{
  return ENT_ACTOR_LIST (model)->n_items;
}

static gpointer
ent_actor_list_get_item (GListModel *model,
                         guint       position)
{
  EntActorList *self = ENT_ACTOR_LIST (model);
  EntActorItem *item;

  if (position >= self->n_items)
    return NULL;
  item = g_ptr_array_index (self->items, position);
  if (item == NULL)
    {
      item = ent_actor_item_new (self->world, position, self->at);
      g_ptr_array_index (self->items, position) = item;
    }
  return g_object_ref (item);
}

static void
ent_actor_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ent_actor_list_get_item_type;
  iface->get_n_items = ent_actor_list_get_n_items;
  iface->get_item = ent_actor_list_get_item;
}

static void
ent_actor_list_finalize (GObject *object)
{
  EntActorList *self = ENT_ACTOR_LIST (object);

  g_ptr_array_unref (self->items);
  g_clear_object (&self->world);
  G_OBJECT_CLASS (ent_actor_list_parent_class)->finalize (object);
}

static void
ent_actor_list_class_init (EntActorListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ent_actor_list_finalize;
}

static void
clear_item (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static void
ent_actor_list_init (EntActorList *self)
{
  self->items = g_ptr_array_new_with_free_func (clear_item);
}

EntActorList *
ent_actor_list_new (void)
{
  return g_object_new (ENT_TYPE_ACTOR_LIST, NULL);
}

/* How many items have been made so far: the rows shown, and every item
 * once a search has run. */
guint
ent_actor_list_get_n_made (EntActorList *self)
{
  guint made = 0;

  g_return_val_if_fail (ENT_IS_ACTOR_LIST (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    made += g_ptr_array_index (self->items, i) != NULL;
  return made;
}

EntWorld *
ent_actor_list_get_world (EntActorList *self)
{
  g_return_val_if_fail (ENT_IS_ACTOR_LIST (self), NULL);
  return self->world;
}

EntDate
ent_actor_list_get_date (EntActorList *self)
{
  g_return_val_if_fail (ENT_IS_ACTOR_LIST (self), ENT_DATE_NONE);
  return self->at;
}

guint
ent_actor_list_get_n (EntActorList *self)
{
  g_return_val_if_fail (ENT_IS_ACTOR_LIST (self), 0);
  return self->n_items;
}

/* Every item is made again: names, leaders and blocs may all have
 * changed. */
void
ent_actor_list_set_world (EntActorList *self,
                          EntWorld     *world,
                          EntDate       at)
{
  guint removed;

  g_return_if_fail (ENT_IS_ACTOR_LIST (self));
  g_return_if_fail (world == NULL || ENT_IS_WORLD (world));

  removed = self->n_items;
  g_set_object (&self->world, world);
  self->at = at;
  g_ptr_array_unref (self->items);
  self->n_items = world != NULL ? ent_world_get_n_actors (world) : 0;
  self->items = g_ptr_array_new_full (self->n_items, clear_item);
  g_ptr_array_set_size (self->items, self->n_items);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_items);
}
