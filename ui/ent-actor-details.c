/* ent-actor-details.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-details"

#include "config.h"

#include <glib/gi18n.h>

#include "ent-actor-details.h"
#include "ent-ui-resources.h"

struct _EntActorDetails
{
  GtkWidget             parent_instance;

  GtkScrolledWindow    *scroller;
  GtkLabel             *name_label;
  GtkLabel             *summary_label;
  AdwPreferencesGroup  *leader_group;
  AdwPreferencesGroup  *bloc_group;
  AdwPreferencesGroup  *attribute_group;
  AdwPreferencesGroup  *relation_group;
  AdwPreferencesGroup  *meeting_group;

  /* The rows added to each group, to take them out again. */
  GPtrArray            *rows;
  guint                 n_relations;
  guint                 n_meetings;
  guint                 n_attributes;
};

G_DEFINE_FINAL_TYPE (EntActorDetails, ent_actor_details, GTK_TYPE_WIDGET)

static void
clear_rows (EntActorDetails *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  self->n_relations = 0;
  self->n_meetings = 0;
  self->n_attributes = 0;
}

/* @action (may be NULL) edits the item @target names, from a button at
 * the end of the row; the window installs the action. */
static void
add_row (EntActorDetails     *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *action,
         const char          *target)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  /* Subtitles carry sources, which people copy. */
  gtk_widget_set_tooltip_text (row, subtitle);
  if (action != NULL)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Edit"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Edit"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static const char *
actor_name (EntWorld   *world,
            const char *id)
{
  const EntActor *actor = ent_world_lookup_actor (world, id);

  return actor ? ent_actor_get_display_name (actor) : id;
}

static char *
period_text (EntDate since,
             EntDate until)
{
  g_autofree char *s = ent_date_to_string (since);
  g_autofree char *u = ent_date_to_string (until);

  if (s != NULL && u != NULL)
    return g_strdup_printf (_("%s to %s"), s, u);
  if (s != NULL)
    return g_strdup_printf (_("since %s"), s);
  if (u != NULL)
    return g_strdup_printf (_("until %s"), u);
  return NULL;
}

static void
append_part (GString    *text,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (text->len > 0)
    g_string_append (text, " · ");
  g_string_append (text, part);
}

/* Attributes another program gave the actor, which the model has no field
 * for (see docs/FORMATS.md), as "name: value". */
static void
show_attributes (EntActorDetails *self,
                 const EntActor  *actor)
{
  JsonObject *attributes = NULL;
  g_autoptr(GList) names = NULL;
  guint shown = 0;

  if (actor->extra != NULL && json_object_has_member (actor->extra, "attributes") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (actor->extra, "attributes")))
    attributes = json_object_get_object_member (actor->extra, "attributes");
  if (attributes != NULL)
    names = json_object_get_members (attributes);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (attributes, l->data);
      g_autofree char *text = NULL;

      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (value));
      else
        text = json_to_string (value, FALSE);
      add_row (self, self->attribute_group, l->data, text, NULL, NULL);
      shown++;
    }
  self->n_attributes = shown;
  gtk_widget_set_visible (GTK_WIDGET (self->attribute_group), shown > 0);
}

static void
show_relations (EntActorDetails *self,
                EntWorld        *world,
                const EntActor  *actor,
                EntDate          at)
{
  g_autoptr(GPtrArray) relations = ent_world_get_relations_of (world, actor->id, at);

  for (guint i = 0; i < relations->len; i++)
    {
      const EntRelation *relation = g_ptr_array_index (relations, i);
      const char *other = g_str_equal (relation->actor_a, actor->id) ? relation->actor_b : relation->actor_a;
      g_autofree char *title = g_strdup_printf (_("%s with %s"), ent_relation_type_get_label (relation->type),
                                                actor_name (world, other));
      g_autofree char *period = period_text (relation->since, relation->until);
      g_autofree char *source = relation->source ? g_strdup_printf (_("Source: %s"), relation->source) : NULL;
      g_autoptr(GString) subtitle = g_string_new (NULL);

      append_part (subtitle, ent_relation_get_display_label (relation));
      append_part (subtitle, period);
      append_part (subtitle, relation->sign < 0 ? _("adversarial") : _("cooperative"));
      append_part (subtitle, source);
      add_row (self, self->relation_group, title, subtitle->str, "win.edit-relation", relation->id);
      self->n_relations++;
    }
  if (relations->len == 0)
    add_row (self, self->relation_group, _("No relations on this date"), NULL, NULL, NULL);
}

static void
show_meetings (EntActorDetails *self,
               EntWorld        *world,
               const EntActor  *actor,
               EntDate          at)
{
  g_autoptr(GPtrArray) meetings = ent_world_get_meetings_of (world, actor->id, at);

  for (guint i = 0; i < meetings->len; i++)
    {
      const EntMeeting *meeting = g_ptr_array_index (meetings, i);
      g_autofree char *date = ent_date_to_string (meeting->date);
      g_autoptr(GString) others = g_string_new (NULL);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *title = NULL;
      g_autofree char *topics = meeting->topics ? g_strjoinv (", ", meeting->topics) : NULL;
      g_autofree char *source = meeting->source ? g_strdup_printf (_("Source: %s"), meeting->source) : NULL;

      for (guint p = 0; meeting->participants[p] != NULL; p++)
        if (!g_str_equal (meeting->participants[p], actor->id))
          append_part (others, actor_name (world, meeting->participants[p]));
      title = g_strdup_printf ("%s · %s", date,
                               meeting->title ? ent_meeting_get_display_title (meeting)
                                              : ent_meeting_kind_get_label (meeting->kind));
      append_part (subtitle, others->str);
      if (meeting->status == ENT_MEETING_PLANNED)
        append_part (subtitle, _("planned"));
      else if (meeting->status == ENT_MEETING_CANCELLED)
        append_part (subtitle, _("cancelled"));
      append_part (subtitle, meeting->place);
      append_part (subtitle, topics);
      append_part (subtitle, source);
      add_row (self, self->meeting_group, title, subtitle->str, "win.edit-meeting", meeting->id);
      self->n_meetings++;
    }
  if (meetings->len == 0)
    add_row (self, self->meeting_group, _("No meetings up to this date"), NULL, NULL, NULL);
}

void
ent_actor_details_show (EntActorDetails *self,
                        EntWorld        *world,
                        int              index,
                        EntDate          at)
{
  const EntActor *actor;
  const EntLeader *leader;
  g_autoptr(GPtrArray) blocs = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);

  g_return_if_fail (ENT_IS_ACTOR_DETAILS (self));

  clear_rows (self);
  if (world == NULL || index < 0 || (guint) index >= ent_world_get_n_actors (world))
    {
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->summary_label, "");
      return;
    }

  actor = ent_world_get_actor (world, (guint) index);
  gtk_label_set_text (self->name_label, ent_actor_get_display_name (actor));
  if (!g_str_equal (ent_actor_get_display_name (actor), actor->name))
    append_part (summary, actor->name);
  append_part (summary, actor->kind == ENT_ACTOR_ORGANISATION ? _("Organisation") : NULL);
  append_part (summary, actor->region);
  gtk_label_set_text (self->summary_label, summary->str);

  leader = ent_actor_get_leader_at (actor, at);
  if (leader != NULL)
    {
      g_autofree char *period = period_text (leader->since, leader->until);
      g_autoptr(GString) subtitle = g_string_new (NULL);

      append_part (subtitle, ent_leader_get_display_title (leader));
      append_part (subtitle, period);
      if (!g_str_equal (ent_leader_get_display_name (leader), leader->name))
        append_part (subtitle, leader->name);
      add_row (self, self->leader_group, ent_leader_get_display_name (leader), subtitle->str, NULL, NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->leader_group), leader != NULL);

  blocs = ent_world_get_blocs_of (world, actor->id, at);
  for (guint i = 0; i < blocs->len; i++)
    {
      const EntBloc *bloc = g_ptr_array_index (blocs, i);

      add_row (self, self->bloc_group, ent_bloc_get_display_name (bloc), bloc->source ? bloc->source : bloc->description,
               "win.edit-bloc", bloc->id);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->bloc_group), blocs->len > 0);

  show_attributes (self, actor);
  show_relations (self, world, actor, at);
  show_meetings (self, world, actor, at);
}

guint
ent_actor_details_get_n_relations (EntActorDetails *self)
{
  g_return_val_if_fail (ENT_IS_ACTOR_DETAILS (self), 0);
  return self->n_relations;
}

guint
ent_actor_details_get_n_attributes (EntActorDetails *self)
{
  g_return_val_if_fail (ENT_IS_ACTOR_DETAILS (self), 0);
  return self->n_attributes;
}

guint
ent_actor_details_get_n_meetings (EntActorDetails *self)
{
  g_return_val_if_fail (ENT_IS_ACTOR_DETAILS (self), 0);
  return self->n_meetings;
}

const char *
ent_actor_details_get_name (EntActorDetails *self)
{
  g_return_val_if_fail (ENT_IS_ACTOR_DETAILS (self), NULL);
  return gtk_label_get_text (self->name_label);
}

static void
ent_actor_details_dispose (GObject *object)
{
  EntActorDetails *self = ENT_ACTOR_DETAILS (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ENT_TYPE_ACTOR_DETAILS);
  G_OBJECT_CLASS (ent_actor_details_parent_class)->dispose (object);
}

static void
ent_actor_details_class_init (EntActorDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ent_actor_details_dispose;

  /* Referencing the resource keeps it linked in from the static library. */
  if (ent_ui_get_resource () == NULL)
    g_error ("The map's resources are missing");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/entente/Entente/ui/ent-actor-details.ui");
  gtk_widget_class_bind_template_child (widget_class, EntActorDetails, scroller);
  gtk_widget_class_bind_template_child (widget_class, EntActorDetails, name_label);
  gtk_widget_class_bind_template_child (widget_class, EntActorDetails, summary_label);
  gtk_widget_class_bind_template_child (widget_class, EntActorDetails, leader_group);
  gtk_widget_class_bind_template_child (widget_class, EntActorDetails, bloc_group);
  gtk_widget_class_bind_template_child (widget_class, EntActorDetails, attribute_group);
  gtk_widget_class_bind_template_child (widget_class, EntActorDetails, relation_group);
  gtk_widget_class_bind_template_child (widget_class, EntActorDetails, meeting_group);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ent_actor_details_init (EntActorDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

GtkWidget *
ent_actor_details_new (void)
{
  return g_object_new (ENT_TYPE_ACTOR_DETAILS, NULL);
}
