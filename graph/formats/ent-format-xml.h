/* ent-format-xml.h: what the XML formats (GraphML, GEXF) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/xmlreader.h>

#include "ent-format-private.h"

G_BEGIN_DECLS

typedef struct
{
  xmlTextReaderPtr  reader;
  char             *error;        /* the parser's first complaint */
  guint             error_line;
} EntXmlReader;

/* A reader that never touches the network and never loads external
 * entities or DTDs. */
gboolean  ent_xml_reader_init    (EntXmlReader  *xml,
                                  GBytes        *bytes,
                                  EntImport     *import,
                                  GError       **error);
void      ent_xml_reader_clear   (EntXmlReader  *xml);
guint     ent_xml_reader_line    (EntXmlReader  *xml);
/* Reads the next node; FALSE at the end, or with @error when the XML is
 * not well-formed. */
gboolean  ent_xml_reader_next    (EntXmlReader  *xml,
                                  EntImport     *import,
                                  gboolean      *done,
                                  GError       **error);
/* Sets @error from the parser's complaint; returns FALSE. */
gboolean  ent_xml_reader_fail    (EntXmlReader  *xml,
                                  EntImport     *import,
                                  GError       **error);
/* The attribute as a new string, by local name, ignoring its prefix. */
char     *ent_xml_get_attribute  (EntXmlReader  *xml,
                                  const char    *name);
const char *ent_xml_local_name   (EntXmlReader  *xml);
/* Appends @text escaped for XML, leaving out characters XML 1.0 forbids. */
void      ent_xml_append_escaped (GString       *out,
                                  const char    *text);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EntXmlReader, ent_xml_reader_clear)

G_END_DECLS
