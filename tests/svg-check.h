/* svg-check.h: what an SVG written by Entente must hold together, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <string.h>

typedef struct
{
  GHashTable *ids;
  GPtrArray  *references;
  guint       elements;
} SvgDocument;

static void
svg_add_references (SvgDocument *doc,
                    const char  *value)
{
  const char *p;

  if (g_str_has_prefix (value, "#"))
    g_ptr_array_add (doc->references, g_strdup (value + 1));
  for (p = strstr (value, "url(#"); p != NULL; p = strstr (p + 1, "url(#"))
    {
      const char *end = strchr (p, ')');

      g_assert_nonnull (end);
      g_ptr_array_add (doc->references, g_strndup (p + 5, end - p - 5));
    }
}

static void
svg_start_element (GMarkupParseContext  *context,
                   const char           *name,
                   const char          **names,
                   const char          **values,
                   gpointer              data,
                   GError              **error)
{
  SvgDocument *doc = data;

  doc->elements++;
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (strcmp (names[i], "id") == 0)
        {
          if (g_hash_table_contains (doc->ids, values[i]))
            g_error ("the id %s is used twice", values[i]);
          g_hash_table_add (doc->ids, g_strdup (values[i]));
        }
      else
        svg_add_references (doc, values[i]);
    }
}

/* Parses @svg, which must start with the XML declaration and <svg>:
 * every id is used once and every reference (href="#…", url(#…)) names
 * one. Returns the number of elements; @n_references, if not NULL, gets
 * the number of references. */
static G_GNUC_UNUSED guint
svg_check_document (const char *svg,
                    guint      *n_references)
{
  static const GMarkupParser parser = { svg_start_element, NULL, NULL, NULL, NULL };
  SvgDocument doc = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_ptr_array_new_with_free_func (g_free),
    0,
  };
  GMarkupParseContext *context = g_markup_parse_context_new (&parser, 0, &doc, NULL);
  GError *error = NULL;

  g_assert_true (g_str_has_prefix (svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
  g_assert_true (g_markup_parse_context_parse (context, strstr (svg, "<svg"), -1, &error) &&
                 g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  for (guint i = 0; i < doc.references->len; i++)
    if (!g_hash_table_contains (doc.ids, g_ptr_array_index (doc.references, i)))
      g_error ("#%s is referred to but not defined", (char *) g_ptr_array_index (doc.references, i));
  if (n_references != NULL)
    *n_references = doc.references->len;
  g_hash_table_destroy (doc.ids);
  g_ptr_array_free (doc.references, TRUE);
  return doc.elements;
}
