/* ent-format-native-private.h: test hooks of the native format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* For tests only: make every following ent_native_save_file() fail with
 * G_IO_ERROR_NO_SPACE once @fail_after_bytes bytes have been written to
 * the file (0 fails the first write). A negative value turns the fault
 * off. Process-wide; not thread-safe. */
void ent_native_set_save_fault (gssize fail_after_bytes);

/* For tests only: with @whole_tree, documents are read as one json-glib
 * tree only, never a piece at a time. Process-wide; not thread-safe. */
void  ent_native_set_whole_tree_only (gboolean whole_tree);
/* How many documents were read a piece at a time so far. */
guint ent_native_get_n_read_in_pieces (void);

G_END_DECLS
