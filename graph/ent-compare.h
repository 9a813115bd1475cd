/* ent-compare.h: what changed between the world as of one date and another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ent-world.h"

G_BEGIN_DECLS

typedef enum
{
  ENT_TIE_APPEARED,        /* a tie at B that was not there at A */
  ENT_TIE_ENDED,           /* a tie at A that is gone at B */
  ENT_TIE_SIGN_CHANGED,    /* a pair tied by relations at both dates whose
                            * overall sign differs */
} EntTieChangeKind;

/*
 * One change between the world as of A and as of B (B may be earlier
 * than A: then a relation that began in between "ended").
 *
 * Relation ties are compared one relation at a time. Meeting ties are
 * compared per pair of actors: a pair's meeting tie appears when the
 * pair first meets. A pair's overall relation sign is the sign of the sum
 * of sign × strength over its active relations (0 when they balance);
 * ENT_TIE_SIGN_CHANGED reports a pair whose overall sign differs between
 * two dates at which it has relations.
 */
typedef struct
{
  guint             a;             /* actor indices, a < b */
  guint             b;
  EntTieKind        tie;
  EntTieChangeKind  change;
  int               old_sign;      /* at A; 0 when there was no tie */
  int               new_sign;      /* at B; 0 when there is no tie */
  char             *relation_id;   /* for a relation's change; NULL otherwise */
  EntDate           when;          /* the date the change happened, when known */
  EntDate           from;          /* A */
  EntDate           to;            /* B */
} EntTieChange;

const char *ent_tie_change_kind_to_string (EntTieChangeKind kind);

/* Returns: (transfer full) (element-type EntTieChange): the changes,
 * sorted by actor pair, relation ties before meeting ties, then by kind
 * of change and the relations' order in the world. Freeing the array
 * frees the entries' strings. An unset date means "no date limit". */
GArray     *ent_compare_dates             (EntWorld         *world,
                                           EntDate           a,
                                           EntDate           b);

/* Appends @changes as CSV (RFC 4180: a header row, CRLF line ends, fields
 * quoted when they hold a comma, quote or line break). Columns: change,
 * tie, actor_a, actor_a_name, actor_b, actor_b_name, old_sign, new_sign,
 * relation, relation_label, when, from, to. @changes must come from
 * @world as it is now. */
gboolean    ent_compare_write_csv         (GArray           *changes,
                                           EntWorld         *world,
                                           GString          *out);

G_END_DECLS
