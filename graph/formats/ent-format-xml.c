/* ent-format-xml.c: a safe libxml2 reader and XML escaping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-format"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <string.h>

#include "ent-format-xml.h"

static char *
first_line (const char *message)
{
  return g_strndup (message, strcspn (message, "\n"));
}

static void
record_error_cb (void       *user_data,
                 xmlErrorPtr error)
{
  EntXmlReader *xml = user_data;

  if (xml->error != NULL || error == NULL || error->level < XML_ERR_ERROR)
    return;
  xml->error = g_strstrip (first_line (error->message ? error->message : "malformed XML"));
  xml->error_line = error->line > 0 ? (guint) error->line : 0;
}

/* Encoding errors bypass the reader's handler and go to the thread's
 * generic one: keep them off stderr and keep the first as the reason. */
static void
generic_error_cb (void       *user_data,
                  const char *format,
                  ...)
{
  EntXmlReader *xml = user_data;
  g_autofree char *message = NULL;
  va_list args;

  if (xml == NULL || xml->error != NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  message = g_strstrip (message);
  if (*message != '\0')
    xml->error = g_steal_pointer (&message);
}

static gpointer
init_parser_once (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

gboolean
ent_xml_reader_init (EntXmlReader  *xml,
                     GBytes        *bytes,
                     EntImport     *import,
                     GError       **error)
{
  static GOnce once = G_ONCE_INIT;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  gboolean utf16 = length >= 2 && ((guchar) data[0] == 0xFF || (guchar) data[0] == 0xFE);

  g_once (&once, init_parser_once, NULL);
  memset (xml, 0, sizeof *xml);
  if (!utf16 && memchr (data, '\0', length) != NULL)
    return ent_import_fail_code (import, error, ENT_FORMAT_ERROR_ENCODING,
                                 ent_format_line_at (data, (const char *) memchr (data, '\0', length) - data),
                                 _("the file contains a NUL byte; it is not a text file"));
  xmlSetGenericErrorFunc (xml, generic_error_cb);
  xmlSetStructuredErrorFunc (xml, record_error_cb);
  /* No XML_PARSE_NOENT (entities stay unexpanded unless predefined), no
   * XML_PARSE_DTDLOAD, and XML_PARSE_NONET: nothing is fetched. */
  xml->reader = xmlReaderForMemory (data, (int) MIN (length, G_MAXINT), NULL, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
  if (xml->reader == NULL)
    {
      xmlSetGenericErrorFunc (NULL, NULL);
      xmlSetStructuredErrorFunc (NULL, NULL);
      return ent_import_fail_code (import, error, ENT_FORMAT_ERROR_SYNTAX, 0,
                                   _("the XML is not well-formed: %s"),
                                   xml->error ? xml->error : _("the XML reader could not start"));
    }
  xmlTextReaderSetStructuredErrorHandler (xml->reader, record_error_cb, xml);
  return TRUE;
}

void
ent_xml_reader_clear (EntXmlReader *xml)
{
  if (xml->reader != NULL)
    {
      xmlSetGenericErrorFunc (NULL, NULL);
      xmlSetStructuredErrorFunc (NULL, NULL);
    }
  g_clear_pointer (&xml->reader, xmlFreeTextReader);
  g_clear_pointer (&xml->error, g_free);
}

guint
ent_xml_reader_line (EntXmlReader *xml)
{
  int line = xml->reader ? xmlTextReaderGetParserLineNumber (xml->reader) : 0;

  return line > 0 ? (guint) line : 0;
}

gboolean
ent_xml_reader_fail (EntXmlReader  *xml,
                     EntImport     *import,
                     GError       **error)
{
  guint line = xml->error_line ? xml->error_line : ent_xml_reader_line (xml);
  const char *reason = xml->error;

  if (reason == NULL || g_str_has_prefix (reason, "Extra content at the end") ||
      g_str_has_prefix (reason, "Premature end of data"))
    return ent_import_fail_code (import, error, ENT_FORMAT_ERROR_SYNTAX, line,
                                 _("the file ends before the XML document is complete; it may be truncated"));
  return ent_import_fail_code (import, error, ENT_FORMAT_ERROR_SYNTAX, line,
                               _("the XML is not well-formed: %s"), reason);
}

gboolean
ent_xml_reader_next (EntXmlReader  *xml,
                     EntImport     *import,
                     gboolean      *done,
                     GError       **error)
{
  int status = xmlTextReaderRead (xml->reader);

  *done = status == 0;
  if (status < 0 || xml->error != NULL)
    return ent_xml_reader_fail (xml, import, error);
  if (status == 0)
    return TRUE;
  return ent_import_tick (import, (gsize) MAX (0, xmlTextReaderByteConsumed (xml->reader)), error);
}

char *
ent_xml_get_attribute (EntXmlReader *xml,
                       const char   *name)
{
  char *result = NULL;

  if (xmlTextReaderMoveToFirstAttribute (xml->reader) != 1)
    return NULL;
  do
    {
      const char *local = (const char *) xmlTextReaderConstLocalName (xml->reader);

      if (local != NULL && g_str_equal (local, name))
        {
          result = g_strdup ((const char *) xmlTextReaderConstValue (xml->reader));
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (xml->reader) == 1);
  xmlTextReaderMoveToElement (xml->reader);
  return result;
}

const char *
ent_xml_local_name (EntXmlReader *xml)
{
  const char *name = (const char *) xmlTextReaderConstLocalName (xml->reader);

  return name ? name : "";
}

void
ent_xml_append_escaped (GString    *out,
                        const char *text)
{
  if (text == NULL)
    return;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&apos;");
          break;
        case '\t':
        case '\n':
        case '\r':
          g_string_append_printf (out, "&#%u;", c);
          break;
        default:
          if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF)
            g_string_append_unichar (out, c);
          break;
        }
    }
}
