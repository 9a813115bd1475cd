/* ent-format-atop.c: ATOP alliance data, member level and alliance level
 * (docs/FORMATS.md)
 *
 * Each alliance becomes a relation between each pair of its members for
 * the time both belonged to it; an alliance of three or more members is
 * also a bloc. Types come from the obligations of the whole alliance (the
 * union over its members, as ATOP codes them per member):
 *   defense or offense                      -> alliance  (strength 0.9)
 *   neutrality, nonaggression or consult     -> partnership (strength 0.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-format"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "ent-format-private.h"

enum
{
  DEFENSE, OFFENSE, NEUTRAL, NONAGG, CONSUL, N_OBLIGATIONS
};

static const char * const obligation_names[N_OBLIGATIONS] = {
  "defense", "offense", "neutral", "nonagg", "consul"
};

typedef struct
{
  guint    line;
  int      ccode;
  char    *actor;
  int      phase;
  EntDate  since;
  EntDate  until;
} Membership;

typedef struct
{
  int        atopid;
  guint      line;
  gboolean   obligations[N_OBLIGATIONS];
  GArray    *members;      /* Membership */
} Alliance;

static void
membership_clear (gpointer data)
{
  Membership *membership = data;

  g_free (membership->actor);
}

static void
alliance_free (gpointer data)
{
  Alliance *alliance = data;

  g_array_unref (alliance->members);
  g_free (alliance);
}

static const char *
cell_at (GPtrArray *row,
         int        column)
{
  return column >= 0 && column < (int) row->len ? g_ptr_array_index (row, column) : NULL;
}

static int
number_at (GPtrArray *row,
           int        column)
{
  int value = 0;

  return ent_cow_parse_int (cell_at (row, column), &value) ? value : 0;
}

static int
column (GPtrArray  *header,
        const char *name)
{
  const char *names[] = { name, NULL };

  return ent_csv_find_column (header, names);
}

static Alliance *
get_alliance (GHashTable *alliances,
              GPtrArray  *order,
              int         atopid,
              guint       line)
{
  Alliance *alliance = g_hash_table_lookup (alliances, GINT_TO_POINTER (atopid));

  if (alliance == NULL)
    {
      alliance = g_new0 (Alliance, 1);
      alliance->atopid = atopid;
      alliance->line = line;
      alliance->members = g_array_new (FALSE, TRUE, sizeof (Membership));
      g_array_set_clear_func (alliance->members, membership_clear);
      g_hash_table_insert (alliances, GINT_TO_POINTER (atopid), alliance);
      g_ptr_array_add (order, alliance);
    }
  return alliance;
}

static gboolean
add_member (EntImport   *import,
            Alliance    *alliance,
            guint        line,
            int          ccode,
            int          phase,
            EntDate      since,
            EntDate      until,
            GError     **error)
{
  Membership membership = { line, ccode, NULL, phase, since, until };

  membership.actor = ent_cow_ensure_actor (import, line, ccode, NULL, error);
  if (membership.actor == NULL)
    return FALSE;
  if (ent_date_is_set (since) && ent_date_is_set (until) &&
      ent_date_end_key (until) < ent_date_start_key (since))
    membership.until = ENT_DATE_NONE;
  g_array_append_val (alliance->members, membership);
  return TRUE;
}

static EntDate
later (EntDate a,
       EntDate b)
{
  if (!ent_date_is_set (a))
    return b;
  if (!ent_date_is_set (b))
    return a;
  return ent_date_start_key (a) >= ent_date_start_key (b) ? a : b;
}

static EntDate
earlier_end (EntDate a,
             EntDate b)
{
  if (!ent_date_is_set (a))
    return b;
  if (!ent_date_is_set (b))
    return a;
  return ent_date_end_key (a) <= ent_date_end_key (b) ? a : b;
}

static JsonObject *
obligations_object (Alliance *alliance)
{
  JsonObject *attributes = json_object_new ();

  json_object_set_int_member (attributes, "atopid", alliance->atopid);
  for (guint i = 0; i < N_OBLIGATIONS; i++)
    json_object_set_int_member (attributes, obligation_names[i], alliance->obligations[i] ? 1 : 0);
  return attributes;
}

static gboolean
emit_alliance (EntImport  *import,
               Alliance   *alliance,
               GError    **error)
{
  gboolean military = alliance->obligations[DEFENSE] || alliance->obligations[OFFENSE];
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_pairs = 0;

  for (guint i = 0; i < alliance->members->len; i++)
    g_hash_table_add (distinct, g_array_index (alliance->members, Membership, i).actor);

  for (guint i = 0; i < alliance->members->len; i++)
    for (guint j = i + 1; j < alliance->members->len; j++)
      {
        Membership *a = &g_array_index (alliance->members, Membership, i);
        Membership *b = &g_array_index (alliance->members, Membership, j);
        EntRelation *relation;
        EntDate since, until;

        /* Phases are separate versions of the treaty: pair within one. */
        if (a->phase != b->phase || g_str_equal (a->actor, b->actor))
          continue;
        since = later (a->since, b->since);
        until = earlier_end (a->until, b->until);
        if (ent_date_is_set (since) && ent_date_is_set (until) &&
            ent_date_end_key (until) < ent_date_start_key (since))
          continue;   /* never members at the same time */
        relation = ent_relation_new (NULL, a->actor, b->actor,
                                     military ? ENT_RELATION_ALLIANCE : ENT_RELATION_PARTNERSHIP);
        relation->strength = military ? 0.9 : 0.5;
        relation->since = since;
        relation->until = until;
        relation->label = g_strdup_printf (_("ATOP alliance %d"), alliance->atopid);
        relation->source = g_strdup ("ATOP v4 (Leeds et al. 2002)");
        relation->extra = json_object_new ();
        json_object_set_object_member (relation->extra, ENT_FORMAT_ATTRIBUTES_KEY, obligations_object (alliance));
        if (!ent_import_add_relation (import, MIN (a->line, b->line), relation, error))
          return FALSE;
        n_pairs++;
      }

  if (g_hash_table_size (distinct) >= 3)
    {
      g_autofree char *id = g_strdup_printf ("atop%d", alliance->atopid);
      g_autofree char *name = g_strdup_printf (_("ATOP alliance %d"), alliance->atopid);
      EntBloc *bloc = ent_bloc_new (id, name);

      for (guint i = 0; i < alliance->members->len; i++)
        {
          Membership *m = &g_array_index (alliance->members, Membership, i);

          ent_bloc_add_member (bloc, m->actor, m->since, m->until);
        }
      bloc->source = g_strdup ("ATOP v4 (Leeds et al. 2002)");
      bloc->extra = json_object_new ();
      json_object_set_object_member (bloc->extra, ENT_FORMAT_ATTRIBUTES_KEY, obligations_object (alliance));
      if (!ent_import_add_bloc (import, alliance->line, bloc, error))
        return FALSE;
    }
  return TRUE;
}

/* atopid, member, yrent/moent/dayent, yrexit/moexit/dayexit, phase and the
 * obligation flags: one row per member and phase. */
static gboolean
read_member_level (EntImport     *import,
                   EntCsvReader  *reader,
                   GPtrArray     *header,
                   GHashTable    *alliances,
                   GPtrArray     *order,
                   GError       **error)
{
  int atopid = column (header, "atopid"), member = column (header, "member");
  int yrent = column (header, "yrent"), moent = column (header, "moent"), dayent = column (header, "dayent");
  int yrexit = column (header, "yrexit"), moexit = column (header, "moexit"), dayexit = column (header, "dayexit");
  int phase = column (header, "phase");
  int flags[N_OBLIGATIONS];
  GPtrArray *row;
  guint line;

  for (guint i = 0; i < N_OBLIGATIONS; i++)
    flags[i] = column (header, obligation_names[i]);
  if (yrent < 0)
    return ent_import_fail (import, error, 1, _("not ATOP member-level data: the column “yrent” is missing"));

  while ((row = ent_csv_reader_next (reader, &line, import, error)) != NULL)
    {
      Alliance *alliance;
      int id, ccode, exit_year;
      EntDate since, until = ENT_DATE_NONE;

      if (!ent_cow_parse_int (cell_at (row, atopid), &id) || !ent_cow_parse_int (cell_at (row, member), &ccode))
        return ent_import_fail (import, error, line, _("“atopid” and “member” must be numbers"));
      alliance = get_alliance (alliances, order, id, line);
      for (guint i = 0; i < N_OBLIGATIONS; i++)
        alliance->obligations[i] |= number_at (row, flags[i]) != 0;
      since = ent_cow_make_date (number_at (row, yrent), number_at (row, moent), number_at (row, dayent));
      exit_year = number_at (row, yrexit);
      if (exit_year > 0)   /* 0: still in force */
        until = ent_cow_make_date (exit_year, number_at (row, moexit), number_at (row, dayexit));
      if (!add_member (import, alliance, line, ccode, number_at (row, phase), since, until, error))
        return FALSE;
      if (!ent_import_tick (import, ent_csv_reader_offset (reader), error))
        return FALSE;
    }
  return !ent_csv_reader_failed (reader);
}

/* atopid, begyr/begmo/begday, endyr/endmo/endday, the obligation flags and
 * mem1 … memN: one row per alliance. */
static gboolean
read_alliance_level (EntImport     *import,
                     EntCsvReader  *reader,
                     GPtrArray     *header,
                     GHashTable    *alliances,
                     GPtrArray     *order,
                     GError       **error)
{
  int atopid = column (header, "atopid");
  int begyr = column (header, "begyr"), begmo = column (header, "begmo"), begday = column (header, "begday");
  int endyr = column (header, "endyr"), endmo = column (header, "endmo"), endday = column (header, "endday");
  g_autoptr(GArray) member_columns = g_array_new (FALSE, FALSE, sizeof (int));
  int flags[N_OBLIGATIONS];
  GPtrArray *row;
  guint line;

  for (guint i = 0; i < N_OBLIGATIONS; i++)
    flags[i] = column (header, obligation_names[i]);
  for (guint i = 0; i < header->len; i++)
    {
      const char *name = g_ptr_array_index (header, i);
      int n;

      if (g_ascii_strncasecmp (name, "mem", 3) == 0 && ent_cow_parse_int (name + 3, &n))
        g_array_append_val (member_columns, i);
    }
  if (begyr < 0 || member_columns->len == 0)
    return ent_import_fail (import, error, 1,
                            _("not ATOP alliance-level data: the columns “begyr” and “mem1” … are missing"));

  while ((row = ent_csv_reader_next (reader, &line, import, error)) != NULL)
    {
      Alliance *alliance;
      int id, end_year;
      EntDate since, until = ENT_DATE_NONE;

      if (!ent_cow_parse_int (cell_at (row, atopid), &id))
        return ent_import_fail (import, error, line, _("“atopid” must be a number"));
      alliance = get_alliance (alliances, order, id, line);
      for (guint i = 0; i < N_OBLIGATIONS; i++)
        alliance->obligations[i] |= number_at (row, flags[i]) != 0;
      since = ent_cow_make_date (number_at (row, begyr), number_at (row, begmo), number_at (row, begday));
      end_year = number_at (row, endyr);
      if (end_year > 0)
        until = ent_cow_make_date (end_year, number_at (row, endmo), number_at (row, endday));
      for (guint m = 0; m < member_columns->len; m++)
        {
          int ccode;

          if (!ent_cow_parse_int (cell_at (row, g_array_index (member_columns, int, m)), &ccode) || ccode <= 0)
            continue;
          if (!add_member (import, alliance, line, ccode, 0, since, until, error))
            return FALSE;
        }
      if (!ent_import_tick (import, ent_csv_reader_offset (reader), error))
        return FALSE;
    }
  return !ent_csv_reader_failed (reader);
}

EntWorld *
ent_atop_load (GBytes     *bytes,
               EntImport  *import,
               GError    **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(EntCsvReader) reader = ent_csv_reader_new (data, length, 0);
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GHashTable) alliances = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (alliance_free);
  GPtrArray *row;
  guint line;
  gboolean ok;

  row = ent_csv_reader_next (reader, &line, import, error);
  if (row == NULL)
    {
      if (!ent_csv_reader_failed (reader))
        ent_import_fail_code (import, error, ENT_FORMAT_ERROR_EMPTY, 0, _("the file is empty"));
      return NULL;
    }
  header = g_ptr_array_copy (row, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  g_ptr_array_set_free_func (header, g_free);
  if (column (header, "atopid") < 0)
    {
      ent_import_fail (import, error, 1, _("not ATOP data: the column “atopid” is missing"));
      return NULL;
    }
  if (column (header, "member") >= 0)
    ok = read_member_level (import, reader, header, alliances, order, error);
  else
    ok = read_alliance_level (import, reader, header, alliances, order, error);
  if (!ok)
    return NULL;

  for (guint i = 0; i < order->len; i++)
    if (!emit_alliance (import, g_ptr_array_index (order, i), error))
      return NULL;
  return ent_import_finish (import, error);
}
