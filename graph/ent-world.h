/* ent-world.h: the model of actors, relations, meetings and blocs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>
#include <igraph.h>

#include "ent-date.h"

G_BEGIN_DECLS

#define ENT_WORLD_ERROR (ent_world_error_quark ())

typedef enum
{
  ENT_WORLD_ERROR_UNKNOWN_ID,
  ENT_WORLD_ERROR_DUPLICATE_ID,
  ENT_WORLD_ERROR_INVALID_ID,
  ENT_WORLD_ERROR_TOO_FEW_PARTICIPANTS,
  ENT_WORLD_ERROR_DATE_ORDER,
  ENT_WORLD_ERROR_INVALID_DATE,
  ENT_WORLD_ERROR_UNKNOWN_TYPE,
  ENT_WORLD_ERROR_INVALID_VALUE,
  ENT_WORLD_ERROR_SELF_RELATION,
  ENT_WORLD_ERROR_IN_USE,
  ENT_WORLD_ERROR_IGRAPH,
} EntWorldError;

GQuark ent_world_error_quark (void);

/* ---- Enumerations, with their file-format names ----------------------- */

typedef enum
{
  ENT_ACTOR_STATE,
  ENT_ACTOR_ORGANISATION,
  ENT_ACTOR_OTHER,
  ENT_N_ACTOR_KINDS
} EntActorKind;

typedef enum
{
  ENT_RELATION_ALLIANCE,
  ENT_RELATION_PARTNERSHIP,
  ENT_RELATION_TRADE,
  ENT_RELATION_MEMBERSHIP,
  ENT_RELATION_RIVALRY,
  ENT_RELATION_DISPUTE,
  ENT_RELATION_SANCTIONS,
  ENT_RELATION_ARMISTICE,
  ENT_RELATION_CONFLICT,
  ENT_N_RELATION_TYPES
} EntRelationType;

typedef enum
{
  ENT_MEETING_SUMMIT,
  ENT_MEETING_BILATERAL,
  ENT_MEETING_MULTILATERAL,
  ENT_MEETING_CALL,
  ENT_MEETING_VISIT,
  ENT_N_MEETING_KINDS
} EntMeetingKind;

typedef enum
{
  ENT_MEETING_HELD,
  ENT_MEETING_PLANNED,
  ENT_MEETING_CANCELLED,
  ENT_N_MEETING_STATUSES
} EntMeetingStatus;

typedef enum
{
  ENT_OUTCOME_NEUTRAL,
  ENT_OUTCOME_WARMED,
  ENT_OUTCOME_COOLED,
  ENT_N_OUTCOMES
} EntMeetingOutcome;

const char *ent_actor_kind_to_string        (EntActorKind       kind);
gboolean    ent_actor_kind_from_string      (const char        *text,
                                             EntActorKind      *out);
const char *ent_relation_type_to_string     (EntRelationType    type);
gboolean    ent_relation_type_from_string   (const char        *text,
                                             EntRelationType   *out);
/* +1 for cooperative types, -1 for adversarial ones. */
int         ent_relation_type_default_sign  (EntRelationType    type);
/* Translated, for people. */
const char *ent_relation_type_get_label     (EntRelationType    type);
const char *ent_meeting_kind_to_string      (EntMeetingKind     kind);
gboolean    ent_meeting_kind_from_string    (const char        *text,
                                             EntMeetingKind    *out);
const char *ent_meeting_kind_get_label      (EntMeetingKind     kind);
const char *ent_meeting_status_to_string    (EntMeetingStatus   status);
gboolean    ent_meeting_status_from_string  (const char        *text,
                                             EntMeetingStatus  *out);
const char *ent_meeting_outcome_to_string   (EntMeetingOutcome  outcome);
gboolean    ent_meeting_outcome_from_string (const char        *text,
                                             EntMeetingOutcome *out);

/* ---- Items --------------------------------------------------------------
 * Plain structs. The world keeps its own deep copies: what the getters
 * return is owned by the world and valid until the next edit. Edit through
 * the ent_world_* functions only. `extra` holds fields this version does
 * not know, so that saving keeps them (may be NULL).
 */

typedef struct
{
  char    *name;
  char    *title;
  EntDate     since;
  EntDate     until;
  GHashTable *names;        /* language code -> localised name; may be NULL */
  GHashTable *titles;       /* language code -> localised title; may be NULL */
  JsonObject *extra;
} EntLeader;

typedef struct
{
  char         *id;
  char         *name;
  EntActorKind  kind;
  char         *region;
  GHashTable   *names;         /* language code -> localised name; may be NULL */
  GPtrArray    *leaders;       /* (element-type EntLeader) */
  gboolean      has_position;
  double        x;
  double        y;
  gboolean      pinned;
  char         *note;
  JsonObject   *extra;
} EntActor;

typedef struct
{
  char            *id;
  char            *actor_a;
  char            *actor_b;
  EntRelationType  type;
  int              sign;       /* +1 cooperative, -1 adversarial */
  double           strength;   /* (0, 1] */
  EntDate          since;
  EntDate          until;
  char            *label;
  GHashTable      *labels;     /* language code -> localised label; may be NULL */
  char            *source;
  char            *note;
  JsonObject      *extra;
} EntRelation;

typedef struct
{
  char              *id;
  EntDate            date;
  EntMeetingKind     kind;
  EntMeetingStatus   status;
  EntMeetingOutcome  outcome;
  GStrv              participants;  /* actor ids, two or more */
  char              *title;
  GHashTable        *titles;        /* language code -> localised title; may be NULL */
  char              *place;
  GStrv              topics;        /* may be NULL */
  char              *source;
  char              *note;
  JsonObject        *extra;
} EntMeeting;

typedef struct
{
  char    *actor;
  EntDate  since;
  EntDate  until;
} EntBlocMember;

typedef struct
{
  char       *id;
  char       *name;
  char       *color;        /* "#rrggbb", or NULL for an automatic colour */
  GPtrArray  *members;      /* (element-type EntBlocMember) */
  char       *description;
  char       *source;
  GHashTable *names;        /* language code -> localised name; may be NULL */
  JsonObject *extra;
} EntBloc;

typedef struct
{
  char       *title;
  GHashTable *titles;       /* language code -> localised title; may be NULL */
  char       *description;
  char       *author;
  GStrv       sources;
  JsonObject *extra;        /* unknown top-level fields */
} EntDocumentInfo;

EntLeader       *ent_leader_new          (const char        *name,
                                          const char        *title);
EntLeader       *ent_leader_copy         (const EntLeader   *leader);
void             ent_leader_free         (EntLeader         *leader);
void             ent_leader_set_local_name (EntLeader       *leader,
                                          const char        *language,
                                          const char        *name);
/* The name in the first of the user's languages that has one. */
const char      *ent_leader_get_display_name (const EntLeader *leader);
void             ent_leader_set_local_title (EntLeader      *leader,
                                          const char        *language,
                                          const char        *title);
/* The title in the first of the user's languages that has one (NULL for a
 * leader with no title). */
const char      *ent_leader_get_display_title (const EntLeader *leader);

EntActor        *ent_actor_new           (const char        *id,
                                          const char        *name);
EntActor        *ent_actor_copy          (const EntActor    *actor);
void             ent_actor_free          (EntActor          *actor);
void             ent_actor_set_local_name (EntActor         *actor,
                                          const char        *language,
                                          const char        *name);
/* The name in the first of the user's languages that has one. */
const char      *ent_actor_get_display_name (const EntActor *actor);
const EntLeader *ent_actor_get_leader_at (const EntActor    *actor,
                                          EntDate            at);

EntRelation     *ent_relation_new        (const char        *id,
                                          const char        *actor_a,
                                          const char        *actor_b,
                                          EntRelationType    type);
EntRelation     *ent_relation_copy       (const EntRelation *relation);
void             ent_relation_free       (EntRelation       *relation);
void             ent_relation_set_local_label (EntRelation *relation,
                                          const char        *language,
                                          const char        *label);
/* The label in the first of the user's languages that has one, or NULL. */
const char      *ent_relation_get_display_label (const EntRelation *relation);
gboolean         ent_relation_active_at  (const EntRelation *relation,
                                          EntDate            at);
gboolean         ent_relation_involves   (const EntRelation *relation,
                                          const char        *actor);

EntMeeting      *ent_meeting_new         (const char        *id,
                                          EntDate            date,
                                          EntMeetingKind     kind,
                                          const char * const *participants);
EntMeeting      *ent_meeting_copy        (const EntMeeting  *meeting);
void             ent_meeting_free        (EntMeeting        *meeting);
void             ent_meeting_set_local_title (EntMeeting     *meeting,
                                          const char        *language,
                                          const char        *title);
/* The title in the first of the user's languages that has one, or NULL. */
const char      *ent_meeting_get_display_title (const EntMeeting *meeting);
gboolean         ent_meeting_involves    (const EntMeeting  *meeting,
                                          const char        *actor);
/* Held or planned on or before @at (cancelled meetings never count). */
gboolean         ent_meeting_counts_at   (const EntMeeting  *meeting,
                                          EntDate            at);

EntBlocMember   *ent_bloc_member_new     (const char        *actor,
                                          EntDate            since,
                                          EntDate            until);
EntBlocMember   *ent_bloc_member_copy    (const EntBlocMember *member);
void             ent_bloc_member_free    (EntBlocMember     *member);
EntBloc         *ent_bloc_new            (const char        *id,
                                          const char        *name);
EntBloc         *ent_bloc_copy           (const EntBloc     *bloc);
void             ent_bloc_free           (EntBloc           *bloc);
/* A copy of an item's localised names (NULL for NULL or none). */
GHashTable      *ent_local_names_copy    (GHashTable        *names);
/* The title in the first of the user's languages that has one, or NULL
 * for an untitled document. */
const char      *ent_document_info_get_display_title (const EntDocumentInfo *info);
void             ent_bloc_set_local_name (EntBloc           *bloc,
                                          const char        *language,
                                          const char        *name);
/* The name in the first of the user's languages that has one (the id for
 * a bloc with no name). */
const char      *ent_bloc_get_display_name (const EntBloc   *bloc);
void             ent_bloc_add_member     (EntBloc           *bloc,
                                          const char        *actor,
                                          EntDate            since,
                                          EntDate            until);
gboolean         ent_bloc_has_member_at  (const EntBloc     *bloc,
                                          const char        *actor,
                                          EntDate            at);

void             ent_document_info_clear (EntDocumentInfo   *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EntLeader, ent_leader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EntActor, ent_actor_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EntRelation, ent_relation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EntMeeting, ent_meeting_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EntBlocMember, ent_bloc_member_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EntBloc, ent_bloc_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EntDocumentInfo, ent_document_info_clear)

/* ---- The world ------------------------------------------------------- */

typedef enum
{
  ENT_ITEM_ACTOR,
  ENT_ITEM_RELATION,
  ENT_ITEM_MEETING,
  ENT_ITEM_BLOC,
  ENT_ITEM_INFO,
} EntItemKind;

typedef enum
{
  ENT_CHANGE_ADDED,
  ENT_CHANGE_REMOVED,
  ENT_CHANGE_UPDATED,
  ENT_CHANGE_MOVED,          /* an actor's saved position or pin changed */
} EntChangeOp;

/*
 * A tie is one undirected edge of the world as of a date: either one
 * relation active on that date, or all meetings of a pair up to it.
 */
typedef enum
{
  ENT_TIE_RELATION,
  ENT_TIE_MEETINGS,
} EntTieKind;

typedef struct
{
  guint       a;             /* actor indices, a < b */
  guint       b;
  EntTieKind  kind;
  int         sign;
  double      weight;        /* relation strength, or the meetings' recency weight */
  guint       relation;      /* relation index, for ENT_TIE_RELATION */
  guint       n_meetings;    /* for ENT_TIE_MEETINGS */
  gboolean    planned_only;  /* every meeting of the pair is still planned */
} EntTie;

#define ENT_TYPE_WORLD (ent_world_get_type ())
G_DECLARE_FINAL_TYPE (EntWorld, ent_world, ENT, WORLD, GObject)

EntWorld            *ent_world_new                (void);

/* Reading. Indices are stable until the next removal. */
guint                ent_world_get_n_actors       (EntWorld          *self);
const EntActor      *ent_world_get_actor          (EntWorld          *self,
                                                   guint              index);
const EntActor      *ent_world_lookup_actor       (EntWorld          *self,
                                                   const char        *id);
int                  ent_world_get_actor_index    (EntWorld          *self,
                                                   const char        *id);
guint                ent_world_get_n_relations    (EntWorld          *self);
const EntRelation   *ent_world_get_relation       (EntWorld          *self,
                                                   guint              index);
const EntRelation   *ent_world_lookup_relation    (EntWorld          *self,
                                                   const char        *id);
int                  ent_world_get_relation_index (EntWorld          *self,
                                                   const char        *id);
guint                ent_world_get_n_meetings     (EntWorld          *self);
const EntMeeting    *ent_world_get_meeting        (EntWorld          *self,
                                                   guint              index);
const EntMeeting    *ent_world_lookup_meeting     (EntWorld          *self,
                                                   const char        *id);
guint                ent_world_get_n_blocs        (EntWorld          *self);
const EntBloc       *ent_world_get_bloc           (EntWorld          *self,
                                                   guint              index);
const EntBloc       *ent_world_lookup_bloc        (EntWorld          *self,
                                                   const char        *id);
const EntDocumentInfo *ent_world_get_info         (EntWorld          *self);
/* A number that changes with every change to the world, frozen or not:
 * what is worked out from it can be kept while it stays the same. */
guint64              ent_world_get_revision       (EntWorld          *self);

/* Vertices are actors and edges are relations, index for index. */
const igraph_t      *ent_world_get_graph          (EntWorld          *self);

/* Editing: one function per kind of change. Each validates first and
 * leaves the world untouched when it fails. Items are copied. */
gboolean             ent_world_add_actor          (EntWorld          *self,
                                                   const EntActor    *actor,
                                                   GError           **error);
gboolean             ent_world_update_actor       (EntWorld          *self,
                                                   const EntActor    *actor,
                                                   GError           **error);
/* Fails with ENT_WORLD_ERROR_IN_USE while relations, meetings or blocs
 * still name the actor. */
gboolean             ent_world_remove_actor       (EntWorld          *self,
                                                   const char        *id,
                                                   GError           **error);
gboolean             ent_world_set_actor_position (EntWorld          *self,
                                                   const char        *id,
                                                   gboolean           has_position,
                                                   double             x,
                                                   double             y,
                                                   gboolean           pinned,
                                                   GError           **error);
/* A relation or meeting with no id gets a fresh one; @out_id (optional)
 * receives the id used. */
gboolean             ent_world_add_relation       (EntWorld          *self,
                                                   const EntRelation *relation,
                                                   char             **out_id,
                                                   GError           **error);
gboolean             ent_world_update_relation    (EntWorld          *self,
                                                   const EntRelation *relation,
                                                   GError           **error);
gboolean             ent_world_remove_relation    (EntWorld          *self,
                                                   const char        *id,
                                                   GError           **error);
gboolean             ent_world_add_meeting        (EntWorld          *self,
                                                   const EntMeeting  *meeting,
                                                   char             **out_id,
                                                   GError           **error);
gboolean             ent_world_update_meeting     (EntWorld          *self,
                                                   const EntMeeting  *meeting,
                                                   GError           **error);
gboolean             ent_world_remove_meeting     (EntWorld          *self,
                                                   const char        *id,
                                                   GError           **error);
gboolean             ent_world_add_bloc           (EntWorld          *self,
                                                   const EntBloc     *bloc,
                                                   GError           **error);
gboolean             ent_world_update_bloc        (EntWorld          *self,
                                                   const EntBloc     *bloc,
                                                   GError           **error);
gboolean             ent_world_remove_bloc        (EntWorld          *self,
                                                   const char        *id,
                                                   GError           **error);
/* Like the add functions, but at @index (0 .. n, where n appends), so
 * that undoing a removal puts the item back in its place. */
gboolean             ent_world_insert_actor       (EntWorld          *self,
                                                   guint              index,
                                                   const EntActor    *actor,
                                                   GError           **error);
gboolean             ent_world_insert_relation    (EntWorld          *self,
                                                   guint              index,
                                                   const EntRelation *relation,
                                                   GError           **error);
gboolean             ent_world_insert_meeting     (EntWorld          *self,
                                                   guint              index,
                                                   const EntMeeting  *meeting,
                                                   GError           **error);
gboolean             ent_world_insert_bloc        (EntWorld          *self,
                                                   guint              index,
                                                   const EntBloc     *bloc,
                                                   GError           **error);
void                 ent_world_set_info           (EntWorld          *self,
                                                   const EntDocumentInfo *info);
/* Validation without editing, for forms: each runs the checks of the add
 * function, or of the update function when the world already has an item
 * with that id, and changes nothing. */
gboolean             ent_world_check_actor        (EntWorld          *self,
                                                   const EntActor    *actor,
                                                   GError           **error);
gboolean             ent_world_check_relation     (EntWorld          *self,
                                                   const EntRelation *relation,
                                                   GError           **error);
gboolean             ent_world_check_meeting      (EntWorld          *self,
                                                   const EntMeeting  *meeting,
                                                   GError           **error);
gboolean             ent_world_check_bloc         (EntWorld          *self,
                                                   const EntBloc     *bloc,
                                                   GError           **error);

/* Bulk loading: while frozen, the igraph mirror and signals wait; thaw
 * rebuilds the graph once and emits "changed". */
void                 ent_world_freeze             (EntWorld          *self);
gboolean             ent_world_thaw               (EntWorld          *self,
                                                   GError           **error);

/* Queries. An unset @at means "no date limit". */
GArray              *ent_world_get_neighbours     (EntWorld          *self,
                                                   guint              actor,
                                                   EntDate            at);
GPtrArray           *ent_world_get_relations_between (EntWorld       *self,
                                                   const char        *actor_a,
                                                   const char        *actor_b,
                                                   EntDate            at);
GPtrArray           *ent_world_get_relations_of   (EntWorld          *self,
                                                   const char        *actor,
                                                   EntDate            at);
GPtrArray           *ent_world_get_meetings_of    (EntWorld          *self,
                                                   const char        *actor,
                                                   EntDate            at);
GPtrArray           *ent_world_get_blocs_of       (EntWorld          *self,
                                                   const char        *actor,
                                                   EntDate            at);
GArray              *ent_world_get_bloc_members   (EntWorld          *self,
                                                   guint              bloc,
                                                   EntDate            at);
GArray              *ent_world_get_ties           (EntWorld          *self,
                                                   EntDate            at);
/* The first and last date named anywhere in the data (unset if none). */
void                 ent_world_get_date_range     (EntWorld          *self,
                                                   EntDate           *first,
                                                   EntDate           *last);
/* Fills the caller-initialised-by-us @graph (call igraph_destroy later)
 * with the ties as of @at, and their weights and signs. */
gboolean             ent_world_build_tie_graph    (EntWorld          *self,
                                                   EntDate            at,
                                                   igraph_t          *graph,
                                                   igraph_vector_t   *weights,
                                                   igraph_vector_int_t *signs,
                                                   GError           **error);

G_END_DECLS
