/* ent-format-pajek.c: Pajek .net and .paj import (docs/FORMATS.md)
 *
 * *Vertices (labels, coordinates), *Edges, *Arcs, *Edgeslist, *Arcslist,
 * *Matrix (signed values too), *Partition and *Vector (kept as custom
 * node attributes), % comments, a UTF-8 byte order mark. A .paj project
 * may hold several networks: the first is read, with the partitions and
 * vectors that follow it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-format"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ent-format-private.h"

/* Pajek draws in the unit square; Entente's map units are larger. */
#define COORDINATE_SCALE 1000.0
/* A hostile "*Vertices 999999999" must not allocate that much. */
#define MAX_VERTICES 5000000
#define MIN_DECLARED_VERTICES 100000

typedef enum
{
  SECTION_NONE,
  SECTION_VERTICES,
  SECTION_EDGES,
  SECTION_ARCS,
  SECTION_EDGESLIST,
  SECTION_ARCSLIST,
  SECTION_MATRIX,
  SECTION_PARTITION,
  SECTION_VECTOR,
  SECTION_SKIP,
} Section;

typedef struct
{
  EntImport   *import;
  gsize        length;          /* of the file, to bound what it may declare */
  guint        n_vertices;
  guint        n_rows;          /* two-mode networks: the first mode */
  GPtrArray   *labels;          /* per vertex, may hold NULL */
  GArray      *has_position;
  GArray      *xs;
  GArray      *ys;
  GPtrArray   *attributes;      /* (element-type JsonObject) per vertex */
  gboolean     vertices_added;
  gboolean     network_done;
  guint        matrix_row;
  GArray      *matrix;          /* double, n_rows x n_cols, filled as read */
  guint        matrix_line;
  char        *partition_name;
  guint        partition_index;
} Pajek;

/* Splits a line into words; "quoted words" may hold spaces. */
static GPtrArray *
split_words (const char *line)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = line;

  for (;;)
    {
      const char *start;

      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == '\0')
        break;
      if (*p == '"')
        {
          start = ++p;
          while (*p != '\0' && *p != '"')
            p++;
          g_ptr_array_add (words, g_strndup (start, p - start));
          if (*p == '"')
            p++;
        }
      else
        {
          start = p;
          while (*p != '\0' && *p != ' ' && *p != '\t')
            p++;
          g_ptr_array_add (words, g_strndup (start, p - start));
        }
    }
  return words;
}

static char *
join_words (GPtrArray *words,
            guint      from)
{
  GString *out = g_string_new (NULL);

  for (guint i = from; i < words->len; i++)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, g_ptr_array_index (words, i));
    }
  return g_string_free (out, FALSE);
}

static gboolean
parse_uint (const char *text,
            guint      *out)
{
  int value;

  if (!ent_cow_parse_int (text, &value) || value < 0)
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static gboolean
parse_double (const char *text,
              double     *out)
{
  g_autoptr(JsonNode) value = ent_value_parse (text, ENT_VALUE_DOUBLE);

  if (value == NULL)
    return FALSE;
  *out = json_node_get_double (value);
  return TRUE;
}

static gboolean
set_vertex_count (Pajek       *self,
                  GPtrArray   *words,
                  guint        line,
                  GError     **error)
{
  guint n = 0, n1 = 0;

  if (words->len < 2 || !parse_uint (g_ptr_array_index (words, 1), &n))
    return ent_import_fail (self->import, error, line, _("“*Vertices” must be followed by the number of vertices"));
  if (words->len > 3)
    return ent_import_fail (self->import, error, line, _("“*Vertices” takes one or two numbers"));
  if (words->len == 3 && !parse_uint (g_ptr_array_index (words, 2), &n1))
    return ent_import_fail (self->import, error, line, _("the size of the first mode must be a number"));
  if (n > MAX_VERTICES)
    return ent_import_fail_code (self->import, error, ENT_FORMAT_ERROR_TOO_LARGE, line,
                                 _("%u vertices is more than Entente imports (%d)"), n, MAX_VERTICES);
  /* Vertices need not be listed, so a tiny file could declare millions:
   * a file may declare up to 100,000, or 16 per byte it holds. */
  if (n > MAX (MIN_DECLARED_VERTICES, 16 * self->length))
    return ent_import_fail_code (self->import, error, ENT_FORMAT_ERROR_TOO_LARGE, line,
                                 _("the file declares %u vertices but holds only %lu bytes; Entente takes up "
                                   "to %u vertices from a file this size"),
                                 n, (unsigned long) self->length,
                                 (guint) MAX (MIN_DECLARED_VERTICES, 16 * self->length));
  if (n1 > n)
    return ent_import_fail (self->import, error, line,
                            _("the first mode has %u vertices, more than the %u of the whole network"), n1, n);
  self->n_vertices = n;
  self->n_rows = n1;
  g_ptr_array_set_size (self->labels, n);
  g_array_set_size (self->has_position, n);
  g_array_set_size (self->xs, n);
  g_array_set_size (self->ys, n);
  g_ptr_array_set_size (self->attributes, n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_index (self->attributes, i) = json_object_new ();
  return TRUE;
}

static gboolean
read_vertex_number (Pajek       *self,
                    const char  *text,
                    guint        line,
                    guint       *out,
                    GError     **error)
{
  if (!parse_uint (text, out) || *out < 1 || *out > self->n_vertices)
    return ent_import_fail (self->import, error, line,
                            _("“%s” is not a vertex number (they run from 1 to %u)"), text, self->n_vertices);
  return TRUE;
}

static gboolean
read_vertex (Pajek       *self,
             GPtrArray   *words,
             guint        line,
             GError     **error)
{
  guint v;
  double x, y;

  if (!read_vertex_number (self, g_ptr_array_index (words, 0), line, &v, error))
    return FALSE;
  /* A vertex listed twice keeps its last label. */
  if (words->len >= 2)
    {
      g_free (g_ptr_array_index (self->labels, v - 1));
      g_ptr_array_index (self->labels, v - 1) = g_strdup (g_ptr_array_index (words, 1));
    }
  if (words->len >= 4 && parse_double (g_ptr_array_index (words, 2), &x) &&
      parse_double (g_ptr_array_index (words, 3), &y))
    {
      g_array_index (self->has_position, gboolean, v - 1) = TRUE;
      g_array_index (self->xs, double, v - 1) = x * COORDINATE_SCALE;
      g_array_index (self->ys, double, v - 1) = y * COORDINATE_SCALE;
    }
  return TRUE;
}

static char *
vertex_id (guint v)
{
  return g_strdup_printf ("%u", v);
}

/* Vertices are added once their section is over, with what the later
 * partitions and vectors said about them. */
static gboolean
add_vertices (Pajek   *self,
              GError **error)
{
  if (self->vertices_added)
    return TRUE;
  self->vertices_added = TRUE;
  for (guint i = 0; i < self->n_vertices; i++)
    {
      g_autofree char *id = vertex_id (i + 1);
      JsonObject *attributes = g_ptr_array_index (self->attributes, i);
      const char *label = g_ptr_array_index (self->labels, i);

      g_ptr_array_index (self->attributes, i) = NULL;
      if (label != NULL)
        json_object_set_string_member (attributes, "label", label);
      if (g_array_index (self->has_position, gboolean, i))
        {
          json_object_set_double_member (attributes, "x", g_array_index (self->xs, double, i));
          json_object_set_double_member (attributes, "y", g_array_index (self->ys, double, i));
        }
      if (self->n_rows > 0)
        json_object_set_int_member (attributes, "mode", i < self->n_rows ? 1 : 2);
      if (!ent_import_add_node (self->import, 0, id, attributes, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_tie (Pajek       *self,
         guint        line,
         guint        a,
         guint        b,
         double       weight,
         gboolean     has_weight,
         const char  *label,
         GError     **error)
{
  g_autofree char *source = vertex_id (a);
  g_autofree char *target = vertex_id (b);
  JsonObject *attributes = json_object_new ();

  if (has_weight)
    json_object_set_double_member (attributes, "weight", weight);
  if (label != NULL)
    json_object_set_string_member (attributes, "label", label);
  return ent_import_add_edge (self->import, line, NULL, source, target, attributes, error);
}

static gboolean
read_edge (Pajek       *self,
           GPtrArray   *words,
           guint        line,
           GError     **error)
{
  guint a, b;
  double weight = 1;
  gboolean has_weight = FALSE;
  const char *label = NULL;

  if (words->len < 2)
    return ent_import_fail (self->import, error, line, _("a line of ties needs two vertex numbers"));
  if (!read_vertex_number (self, g_ptr_array_index (words, 0), line, &a, error) ||
      !read_vertex_number (self, g_ptr_array_index (words, 1), line, &b, error))
    return FALSE;
  if (words->len >= 3)
    {
      if (!parse_double (g_ptr_array_index (words, 2), &weight))
        return ent_import_fail (self->import, error, line, _("the weight “%s” is not a number"),
                                (char *) g_ptr_array_index (words, 2));
      has_weight = TRUE;
    }
  for (guint i = 3; i + 1 < words->len; i++)
    if (g_str_equal (g_ptr_array_index (words, i), "l"))
      label = g_ptr_array_index (words, i + 1);
  return add_tie (self, line, a, b, weight, has_weight, label, error);
}

static gboolean
read_list (Pajek       *self,
           GPtrArray   *words,
           guint        line,
           GError     **error)
{
  guint a;

  if (!read_vertex_number (self, g_ptr_array_index (words, 0), line, &a, error))
    return FALSE;
  for (guint i = 1; i < words->len; i++)
    {
      guint b;

      if (!read_vertex_number (self, g_ptr_array_index (words, i), line, &b, error) ||
          !add_tie (self, line, a, b, 1, FALSE, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static guint
matrix_columns (Pajek *self)
{
  return self->n_rows > 0 ? self->n_vertices - self->n_rows : self->n_vertices;
}

static guint
matrix_rows (Pajek *self)
{
  return self->n_rows > 0 ? self->n_rows : self->n_vertices;
}

static gboolean
read_matrix_row (Pajek       *self,
                 GPtrArray   *words,
                 guint        line,
                 GError     **error)
{
  guint n_cols = matrix_columns (self);

  if (self->matrix_row >= matrix_rows (self))
    return ent_import_fail (self->import, error, line, _("the matrix has more than %u rows"), matrix_rows (self));
  if (words->len != n_cols)
    return ent_import_fail (self->import, error, line, _("a matrix row needs %u numbers, found %u"),
                            n_cols, words->len);
  for (guint j = 0; j < n_cols; j++)
    {
      double value;

      if (!parse_double (g_ptr_array_index (words, j), &value))
        return ent_import_fail (self->import, error, line, _("“%s” in the matrix is not a number"),
                                (char *) g_ptr_array_index (words, j));
      g_array_append_val (self->matrix, value);
    }
  self->matrix_row++;
  return TRUE;
}

/* A symmetric square matrix is an undirected network: each pair once. */
static gboolean
flush_matrix (Pajek   *self,
              GError **error)
{
  guint rows = self->matrix_row, cols = matrix_columns (self);
  gboolean two_mode = self->n_rows > 0, symmetric = !two_mode && rows == cols;
  double *m = (double *) self->matrix->data;

  if (self->matrix->len == 0)
    return TRUE;
  for (guint i = 0; symmetric && i < rows; i++)
    for (guint j = 0; symmetric && j < i; j++)
      symmetric = m[i * cols + j] == m[j * cols + i];
  if (!symmetric && !two_mode)
    ent_import_set_directed (self->import, TRUE);
  for (guint i = 0; i < rows; i++)
    for (guint j = symmetric ? i + 1 : 0; j < cols; j++)
      {
        double value = m[i * cols + j];
        guint b = two_mode ? self->n_rows + j + 1 : j + 1;

        if (value == 0 || i + 1 == b)
          continue;
        if (!add_tie (self, self->matrix_line, i + 1, b, value, TRUE, NULL, error))
          return FALSE;
      }
  g_array_set_size (self->matrix, 0);
  return TRUE;
}

static gboolean
read_partition_value (Pajek       *self,
                      Section      section,
                      GPtrArray   *words,
                      guint        line,
                      GError     **error)
{
  JsonObject *attributes;
  JsonNode *value;

  if (self->vertices_added || self->partition_index >= self->n_vertices)
    return TRUE;   /* a partition of another network, or too many values */
  value = ent_value_parse (g_ptr_array_index (words, 0),
                           section == SECTION_PARTITION ? ENT_VALUE_INT : ENT_VALUE_DOUBLE);
  if (value == NULL)
    return ent_import_fail (self->import, error, line, _("“%s” is not a number"),
                            (char *) g_ptr_array_index (words, 0));
  attributes = g_ptr_array_index (self->attributes, self->partition_index++);
  json_object_set_member (attributes, self->partition_name, value);
  return TRUE;
}

static Section
section_of (const char *keyword)
{
  static const struct { const char *name; Section section; } sections[] = {
    { "*vertices", SECTION_VERTICES }, { "*edges", SECTION_EDGES }, { "*arcs", SECTION_ARCS },
    { "*edgeslist", SECTION_EDGESLIST }, { "*arcslist", SECTION_ARCSLIST }, { "*matrix", SECTION_MATRIX },
    { "*partition", SECTION_PARTITION }, { "*vector", SECTION_VECTOR }, { "*network", SECTION_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_ascii_strcasecmp (keyword, sections[i].name) == 0)
      return sections[i].section;
  return SECTION_SKIP;
}

static void
free_object (gpointer data)
{
  if (data != NULL)
    json_object_unref (data);
}

static void
pajek_clear (Pajek *self)
{
  g_ptr_array_unref (self->labels);
  g_array_unref (self->has_position);
  g_array_unref (self->xs);
  g_array_unref (self->ys);
  g_ptr_array_unref (self->attributes);
  g_array_unref (self->matrix);
  g_free (self->partition_name);
}

static gboolean
read_lines (Pajek       *self,
            const char  *data,
            gsize        length,
            GError     **error)
{
  Section section = SECTION_NONE;
  gboolean seen_vertices = FALSE;
  gsize pos = 0;
  guint line = 0;

  while (pos < length)
    {
      gsize end = pos;
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) words = NULL;
      const char *first;

      while (end < length && data[end] != '\n')
        end++;
      text = g_strndup (data + pos, end - pos);
      pos = end + 1;
      line++;
      g_strchomp (text);
      if (!ent_import_tick (self->import, pos, error))
        return FALSE;
      if (text[0] == '%' || text[strspn (text, " \t")] == '\0')
        continue;
      words = split_words (text);
      first = g_ptr_array_index (words, 0);

      if (first[0] == '*')
        {
          Section next = section_of (first);

          if (section == SECTION_MATRIX && !flush_matrix (self, error))
            return FALSE;
          if (next == SECTION_NONE && seen_vertices)
            self->network_done = TRUE;   /* a second network of a project */
          if (next == SECTION_VERTICES && (section == SECTION_PARTITION || section == SECTION_VECTOR))
            continue;                   /* "*Vertices N" heading a partition's values */
          if (next == SECTION_VERTICES)
            {
              if (seen_vertices)
                {
                  self->network_done = TRUE;
                  section = SECTION_SKIP;
                  continue;
                }
              seen_vertices = TRUE;
              if (!set_vertex_count (self, words, line, error))
                return FALSE;
            }
          else if (next == SECTION_PARTITION || next == SECTION_VECTOR)
            {
              g_free (self->partition_name);
              self->partition_name = words->len > 1 ? join_words (words, 1)
                                                    : g_strdup (next == SECTION_PARTITION ? "partition" : "vector");
              self->partition_index = 0;
            }
          else if (next != SECTION_NONE && next != SECTION_SKIP && !seen_vertices)
            {
              return ent_import_fail (self->import, error, line, _("ties are listed before “*Vertices”"));
            }
          if (next == SECTION_ARCS || next == SECTION_ARCSLIST)
            ent_import_set_directed (self->import, TRUE);
          if (next == SECTION_MATRIX)
            {
              self->matrix_row = 0;
              self->matrix_line = line;
            }
          section = self->network_done && next != SECTION_PARTITION && next != SECTION_VECTOR
                    ? SECTION_SKIP : next;
          continue;
        }

      switch (section)
        {
        case SECTION_VERTICES:
          if (!read_vertex (self, words, line, error))
            return FALSE;
          break;
        case SECTION_EDGES:
        case SECTION_ARCS:
          if (!read_edge (self, words, line, error))
            return FALSE;
          break;
        case SECTION_EDGESLIST:
        case SECTION_ARCSLIST:
          if (!read_list (self, words, line, error))
            return FALSE;
          break;
        case SECTION_MATRIX:
          if (!read_matrix_row (self, words, line, error))
            return FALSE;
          break;
        case SECTION_PARTITION:
        case SECTION_VECTOR:
          if (!read_partition_value (self, section, words, line, error))
            return FALSE;
          break;
        case SECTION_NONE:
          return ent_import_fail (self->import, error, line,
                                  _("expected a section such as “*Vertices”, found “%s”"), first);
        case SECTION_SKIP:
        default:
          break;
        }
    }
  if (section == SECTION_MATRIX && !flush_matrix (self, error))
    return FALSE;
  if (!seen_vertices)
    return ent_import_fail (self->import, error, 0, _("not a Pajek network: there is no “*Vertices” line"));
  return TRUE;
}

EntWorld *
ent_pajek_load (GBytes     *bytes,
                EntImport  *import,
                GError    **error)
{
  Pajek self = { import };
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autofree char *converted = NULL;
  gboolean ok;

  data = ent_format_skip_bom (data, &length);
  /* Old Pajek files are Windows-1250/1252; read them as Latin-1. */
  if (!g_utf8_validate_len (data, length, NULL))
    {
      gsize written = 0;

      if (memchr (data, '\0', length) != NULL)
        {
          ent_import_fail_code (import, error, ENT_FORMAT_ERROR_ENCODING, 0,
                                _("the file contains a NUL byte; it is not a text file"));
          return NULL;
        }
      converted = g_convert (data, length, "UTF-8", "ISO-8859-1", NULL, &written, NULL);
      if (converted == NULL)
        {
          ent_import_fail_code (import, error, ENT_FORMAT_ERROR_ENCODING, 0, _("the file is not text"));
          return NULL;
        }
      data = converted;
      length = written;
    }

  self.length = length;
  self.labels = g_ptr_array_new_with_free_func (g_free);
  self.has_position = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self.xs = g_array_new (FALSE, TRUE, sizeof (double));
  self.ys = g_array_new (FALSE, TRUE, sizeof (double));
  self.attributes = g_ptr_array_new_with_free_func (free_object);
  self.matrix = g_array_new (FALSE, FALSE, sizeof (double));
  ok = read_lines (&self, data, length, error) && add_vertices (&self, error);
  pajek_clear (&self);
  if (!ok)
    return NULL;
  return ent_import_finish (import, error);
}
