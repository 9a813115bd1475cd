/* ent-form.h: helpers shared by the editing dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ent-world.h"

G_BEGIN_DECLS

/* The editable's text without surrounding spaces, or NULL when that is
 * empty. */
char      *ent_form_dup_text          (GtkEditable    *editable);
/* Sets the text, "" for NULL. */
void       ent_form_set_text          (GtkEditable    *editable,
                                       const char     *text);
/* Reads a date typed as YYYY, YYYY-MM or YYYY-MM-DD. An empty field gives
 * ENT_DATE_NONE when @optional, and an error naming @field otherwise. */
gboolean   ent_form_read_date         (GtkEditable    *editable,
                                       const char     *field,
                                       gboolean        optional,
                                       EntDate        *out,
                                       GError        **error);
/* "30 Oct 2025", "Oct 2025" or "2025", in the user's locale. */
char      *ent_form_format_date       (EntDate         date);
/* Shows @error's message as a sentence in @label inside @revealer, or
 * hides it when @error is NULL. */
void       ent_form_show_problem      (GtkRevealer    *revealer,
                                       GtkLabel       *label,
                                       const GError   *error);
/* Whether @actor matches what was typed in a search entry: its names,
 * localised names and id, ignoring case. */
gboolean   ent_form_actor_matches     (const EntActor *actor,
                                       const char     *search);
/* A list row for @actor with a check button in front (returned in
 * @out_check, owned by the row). */
GtkWidget *ent_form_actor_check_row   (const EntActor *actor,
                                       GtkCheckButton **out_check);
/* "South Korea–Japan" from actor ids. */
char      *ent_form_join_actor_names  (EntWorld       *world,
                                       const char * const *ids);

G_END_DECLS
