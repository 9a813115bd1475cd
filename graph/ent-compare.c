/* ent-compare.c: what changed between the world as of one date and another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-compare"

#include "config.h"

#include <string.h>

#include "ent-compare.h"

/* Sums of sign × strength closer to zero than this count as balanced. */
#define SIGN_EPSILON 1e-9

const char *
ent_tie_change_kind_to_string (EntTieChangeKind kind)
{
  switch (kind)
    {
    case ENT_TIE_APPEARED:
      return "appeared";
    case ENT_TIE_ENDED:
      return "ended";
    case ENT_TIE_SIGN_CHANGED:
      return "sign-changed";
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
tie_change_clear (gpointer data)
{
  EntTieChange *change = data;

  g_clear_pointer (&change->relation_id, g_free);
}

static gint64
pair_key (guint a,
          guint b)
{
  return ((gint64) MIN (a, b) << 32) | MAX (a, b);
}

static int
sign_of (double value)
{
  if (value > SIGN_EPSILON)
    return 1;
  if (value < -SIGN_EPSILON)
    return -1;
  return 0;
}

static void
append_change (GArray           *changes,
               guint             a,
               guint             b,
               EntTieKind        tie,
               EntTieChangeKind  kind,
               int               old_sign,
               int               new_sign,
               const char       *relation_id,
               EntDate           when,
               EntDate           from,
               EntDate           to)
{
  EntTieChange change = { 0 };

  change.a = MIN (a, b);
  change.b = MAX (a, b);
  change.tie = tie;
  change.change = kind;
  change.old_sign = old_sign;
  change.new_sign = new_sign;
  change.relation_id = g_strdup (relation_id);
  change.when = when;
  change.from = from;
  change.to = to;
  g_array_append_val (changes, change);
}

/* The relation is active at exactly one of the two dates; which of its
 * ends lies between them? */
static EntDate
relation_boundary (const EntRelation *relation,
                   EntDate            inactive_at)
{
  if (ent_date_is_set (relation->since) &&
      ent_date_start_key (relation->since) > ent_date_start_key (inactive_at))
    return relation->since;
  return relation->until;
}

/* pair key -> sum of sign × strength over the relations active at @at. */
static GHashTable *
relation_balance (EntWorld *world,
                  EntDate   at)
{
  GHashTable *balance = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < ent_world_get_n_relations (world); i++)
    {
      const EntRelation *relation = ent_world_get_relation (world, i);
      gint64 key;
      double *sum;

      if (!ent_relation_active_at (relation, at))
        continue;
      key = pair_key ((guint) ent_world_get_actor_index (world, relation->actor_a),
                      (guint) ent_world_get_actor_index (world, relation->actor_b));
      sum = g_hash_table_lookup (balance, &key);
      if (sum == NULL)
        {
          sum = g_new0 (double, 1);
          g_hash_table_insert (balance, g_memdup2 (&key, sizeof key), sum);
        }
      *sum += relation->sign * relation->strength;
    }
  return balance;
}

static void
compare_relations (EntWorld *world,
                   EntDate   a,
                   EntDate   b,
                   GArray   *changes)
{
  g_autoptr(GHashTable) balance_a = relation_balance (world, a);
  g_autoptr(GHashTable) balance_b = relation_balance (world, b);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < ent_world_get_n_relations (world); i++)
    {
      const EntRelation *relation = ent_world_get_relation (world, i);
      gboolean at_a = ent_relation_active_at (relation, a);
      gboolean at_b = ent_relation_active_at (relation, b);

      if (at_a == at_b)
        continue;
      append_change (changes,
                     (guint) ent_world_get_actor_index (world, relation->actor_a),
                     (guint) ent_world_get_actor_index (world, relation->actor_b),
                     ENT_TIE_RELATION, at_b ? ENT_TIE_APPEARED : ENT_TIE_ENDED,
                     at_a ? relation->sign : 0, at_b ? relation->sign : 0,
                     relation->id, relation_boundary (relation, at_b ? a : b), a, b);
    }

  g_hash_table_iter_init (&iter, balance_a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const double *sum_b = g_hash_table_lookup (balance_b, key);
      gint64 pair = *(const gint64 *) key;
      int old_sign = sign_of (*(const double *) value);
      int new_sign;

      if (sum_b == NULL)
        continue;
      new_sign = sign_of (*sum_b);
      if (old_sign != new_sign)
        append_change (changes, (guint) (pair >> 32), (guint) (pair & G_MAXUINT32),
                       ENT_TIE_RELATION, ENT_TIE_SIGN_CHANGED, old_sign, new_sign,
                       NULL, ENT_DATE_NONE, a, b);
    }
}

/* pair key -> the meeting tie as of @at */
static GHashTable *
meeting_pairs (GArray *ties)
{
  GHashTable *pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < ties->len; i++)
    {
      EntTie *tie = &g_array_index (ties, EntTie, i);
      gint64 key;

      if (tie->kind != ENT_TIE_MEETINGS)
        continue;
      key = pair_key (tie->a, tie->b);
      g_hash_table_insert (pairs, g_memdup2 (&key, sizeof key), tie);
    }
  return pairs;
}

/* The first meeting of the pair that counts at @present but not at
 * @absent. */
static EntDate
first_meeting_between (EntWorld *world,
                       guint     a,
                       guint     b,
                       EntDate   present,
                       EntDate   absent)
{
  const char *id_a = ent_world_get_actor (world, a)->id;
  const char *id_b = ent_world_get_actor (world, b)->id;
  EntDate first = ENT_DATE_NONE;

  for (guint i = 0; i < ent_world_get_n_meetings (world); i++)
    {
      const EntMeeting *meeting = ent_world_get_meeting (world, i);

      if (!ent_meeting_involves (meeting, id_a) || !ent_meeting_involves (meeting, id_b) ||
          !ent_meeting_counts_at (meeting, present) || ent_meeting_counts_at (meeting, absent))
        continue;
      if (!ent_date_is_set (first) || ent_date_compare (meeting->date, first) < 0)
        first = meeting->date;
    }
  return first;
}

static void
compare_meetings_one_way (EntWorld         *world,
                          GHashTable       *present,
                          GHashTable       *absent,
                          EntTieChangeKind  kind,
                          EntDate           present_at,
                          EntDate           absent_at,
                          EntDate           a,
                          EntDate           b,
                          GArray           *changes)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, present);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const EntTie *tie = value;

      if (g_hash_table_contains (absent, key))
        continue;
      append_change (changes, tie->a, tie->b, ENT_TIE_MEETINGS, kind,
                     kind == ENT_TIE_ENDED ? tie->sign : 0,
                     kind == ENT_TIE_APPEARED ? tie->sign : 0,
                     NULL, first_meeting_between (world, tie->a, tie->b, present_at, absent_at),
                     a, b);
    }
}

static void
compare_meetings (EntWorld *world,
                  EntDate   a,
                  EntDate   b,
                  GArray   *changes)
{
  g_autoptr(GArray) ties_a = ent_world_get_ties (world, a);
  g_autoptr(GArray) ties_b = ent_world_get_ties (world, b);
  g_autoptr(GHashTable) pairs_a = meeting_pairs (ties_a);
  g_autoptr(GHashTable) pairs_b = meeting_pairs (ties_b);

  compare_meetings_one_way (world, pairs_b, pairs_a, ENT_TIE_APPEARED, b, a, a, b, changes);
  compare_meetings_one_way (world, pairs_a, pairs_b, ENT_TIE_ENDED, a, b, a, b, changes);
}

static int
compare_changes (gconstpointer p,
                 gconstpointer q)
{
  const EntTieChange *x = p;
  const EntTieChange *y = q;

  if (x->a != y->a)
    return x->a < y->a ? -1 : 1;
  if (x->b != y->b)
    return x->b < y->b ? -1 : 1;
  if (x->tie != y->tie)
    return x->tie == ENT_TIE_RELATION ? -1 : 1;
  if (x->change != y->change)
    return x->change < y->change ? -1 : 1;
  return 0;
}

/**
 * ent_compare_dates:
 * @world: the world
 * @a: the first date
 * @b: the second date
 *
 * Returns: (transfer full) (element-type EntTieChange): the ties that
 * appeared, ended or changed sign from @a to @b
 */
GArray *
ent_compare_dates (EntWorld *world,
                   EntDate   a,
                   EntDate   b)
{
  GArray *changes;

  g_return_val_if_fail (ENT_IS_WORLD (world), NULL);

  changes = g_array_new (FALSE, TRUE, sizeof (EntTieChange));
  g_array_set_clear_func (changes, tie_change_clear);
  compare_relations (world, a, b, changes);
  compare_meetings (world, a, b, changes);
  /* Stable: a pair's relation changes keep the world's relation order. */
  g_array_sort (changes, compare_changes);
  return changes;
}

/* ---- CSV --------------------------------------------------------------- */

static void
append_field (GString    *out,
              const char *text,
              gboolean    last)
{
  if (text == NULL)
    text = "";
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *c = text; *c != '\0'; c++)
        {
          if (*c == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *c);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

static void
append_date (GString *out,
             EntDate  date,
             gboolean last)
{
  g_autofree char *text = ent_date_is_set (date) ? ent_date_to_string (date) : NULL;

  append_field (out, text, last);
}

static void
append_int (GString *out,
            int      value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%d", value);
  append_field (out, text, FALSE);
}

/**
 * ent_compare_write_csv:
 * @changes: (element-type EntTieChange): from ent_compare_dates()
 * @world: the world they were computed from
 * @out: where to append the CSV text
 *
 * Returns: %FALSE, having written nothing, if a change names an actor the
 * world does not have.
 */
gboolean
ent_compare_write_csv (GArray   *changes,
                       EntWorld *world,
                       GString  *out)
{
  guint n_actors;

  g_return_val_if_fail (changes != NULL, FALSE);
  g_return_val_if_fail (ENT_IS_WORLD (world), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  n_actors = ent_world_get_n_actors (world);
  for (guint i = 0; i < changes->len; i++)
    {
      const EntTieChange *change = &g_array_index (changes, EntTieChange, i);

      if (change->a >= n_actors || change->b >= n_actors)
        return FALSE;
    }

  g_string_append (out, "change,tie,actor_a,actor_a_name,actor_b,actor_b_name,"
                        "old_sign,new_sign,relation,relation_label,when,from,to\r\n");
  for (guint i = 0; i < changes->len; i++)
    {
      const EntTieChange *change = &g_array_index (changes, EntTieChange, i);
      const EntActor *actor_a = ent_world_get_actor (world, change->a);
      const EntActor *actor_b = ent_world_get_actor (world, change->b);
      const EntRelation *relation = change->relation_id != NULL
                                      ? ent_world_lookup_relation (world, change->relation_id)
                                      : NULL;

      append_field (out, ent_tie_change_kind_to_string (change->change), FALSE);
      append_field (out, change->tie == ENT_TIE_RELATION ? "relation" : "meetings", FALSE);
      append_field (out, actor_a->id, FALSE);
      append_field (out, ent_actor_get_display_name (actor_a), FALSE);
      append_field (out, actor_b->id, FALSE);
      append_field (out, ent_actor_get_display_name (actor_b), FALSE);
      append_int (out, change->old_sign);
      append_int (out, change->new_sign);
      append_field (out, change->relation_id, FALSE);
      append_field (out, relation != NULL ? ent_relation_get_display_label (relation) : NULL, FALSE);
      append_date (out, change->when, FALSE);
      append_date (out, change->from, FALSE);
      append_date (out, change->to, TRUE);
    }
  return TRUE;
}
