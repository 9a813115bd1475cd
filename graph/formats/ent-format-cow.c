/* ent-format-cow.c: Correlates of War country codes, and the COW Formal
 * Alliances v4.1 dyadic file (docs/FORMATS.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "entente-format"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "ent-format-private.h"

/* ---- Country codes ------------------------------------------------------
 * COW state numbers with an id and an English name. States that exist today
 * get their ISO 3166-1 alpha-3 code (what Entente's own documents use);
 * former states their ISO 3166-3 code where there is one (CSK, DDR, YUG,
 * YMD), otherwise an id of our own that no ISO code uses (FRG, AUH, BAV,
 * COR for the Korean Empire …). Written from public knowledge of the COW
 * state list.
 */
typedef struct
{
  int         ccode;
  const char *id;
  const char *name;
} State;

static const State states[] = {
  { 2, "USA", "United States of America" },
  { 20, "CAN", "Canada" },
  { 31, "BHS", "Bahamas" },
  { 40, "CUB", "Cuba" },
  { 41, "HTI", "Haiti" },
  { 42, "DOM", "Dominican Republic" },
  { 51, "JAM", "Jamaica" },
  { 52, "TTO", "Trinidad and Tobago" },
  { 53, "BRB", "Barbados" },
  { 54, "DMA", "Dominica" },
  { 55, "GRD", "Grenada" },
  { 56, "LCA", "Saint Lucia" },
  { 57, "VCT", "Saint Vincent and the Grenadines" },
  { 58, "ATG", "Antigua and Barbuda" },
  { 60, "KNA", "Saint Kitts and Nevis" },
  { 70, "MEX", "Mexico" },
  { 80, "BLZ", "Belize" },
  { 89, "UPC", "United Provinces of Central America" },
  { 90, "GTM", "Guatemala" },
  { 91, "HND", "Honduras" },
  { 92, "SLV", "El Salvador" },
  { 93, "NIC", "Nicaragua" },
  { 94, "CRI", "Costa Rica" },
  { 95, "PAN", "Panama" },
  { 99, "GCL", "Great Colombia" },
  { 100, "COL", "Colombia" },
  { 101, "VEN", "Venezuela" },
  { 110, "GUY", "Guyana" },
  { 115, "SUR", "Suriname" },
  { 130, "ECU", "Ecuador" },
  { 135, "PER", "Peru" },
  { 140, "BRA", "Brazil" },
  { 145, "BOL", "Bolivia" },
  { 150, "PRY", "Paraguay" },
  { 155, "CHL", "Chile" },
  { 160, "ARG", "Argentina" },
  { 165, "URY", "Uruguay" },
  { 200, "GBR", "United Kingdom" },
  { 205, "IRL", "Ireland" },
  { 210, "NLD", "Netherlands" },
  { 211, "BEL", "Belgium" },
  { 212, "LUX", "Luxembourg" },
  { 220, "FRA", "France" },
  { 221, "MCO", "Monaco" },
  { 223, "LIE", "Liechtenstein" },
  { 225, "CHE", "Switzerland" },
  { 230, "ESP", "Spain" },
  { 232, "AND", "Andorra" },
  { 235, "PRT", "Portugal" },
  { 240, "HAN", "Hanover" },
  { 245, "BAV", "Bavaria" },
  { 255, "DEU", "Germany" },
  { 260, "FRG", "German Federal Republic" },
  { 265, "DDR", "German Democratic Republic" },
  { 267, "BAD", "Baden" },
  { 269, "SAX", "Saxony" },
  { 271, "WRT", "Württemberg" },
  { 273, "HSE", "Hesse-Kassel" },
  { 275, "HSG", "Hesse-Darmstadt" },
  { 280, "MEC", "Mecklenburg-Schwerin" },
  { 290, "POL", "Poland" },
  { 300, "AUH", "Austria-Hungary" },
  { 305, "AUT", "Austria" },
  { 310, "HUN", "Hungary" },
  { 315, "CSK", "Czechoslovakia" },
  { 316, "CZE", "Czech Republic" },
  { 317, "SVK", "Slovakia" },
  { 325, "ITA", "Italy" },
  { 327, "PAP", "Papal States" },
  { 329, "SIC", "Two Sicilies" },
  { 331, "SMR", "San Marino" },
  { 332, "MOD", "Modena" },
  { 335, "PMA", "Parma" },
  { 337, "TUS", "Tuscany" },
  { 338, "MLT", "Malta" },
  { 339, "ALB", "Albania" },
  { 341, "MNE", "Montenegro" },
  { 343, "MKD", "North Macedonia" },
  { 344, "HRV", "Croatia" },
  { 345, "YUG", "Yugoslavia" },
  { 346, "BIH", "Bosnia and Herzegovina" },
  { 347, "XKX", "Kosovo" },
  { 349, "SVN", "Slovenia" },
  { 350, "GRC", "Greece" },
  { 352, "CYP", "Cyprus" },
  { 355, "BGR", "Bulgaria" },
  { 359, "MDA", "Moldova" },
  { 360, "ROU", "Romania" },
  { 365, "RUS", "Russia" },
  { 366, "EST", "Estonia" },
  { 367, "LVA", "Latvia" },
  { 368, "LTU", "Lithuania" },
  { 369, "UKR", "Ukraine" },
  { 370, "BLR", "Belarus" },
  { 371, "ARM", "Armenia" },
  { 372, "GEO", "Georgia" },
  { 373, "AZE", "Azerbaijan" },
  { 375, "FIN", "Finland" },
  { 380, "SWE", "Sweden" },
  { 385, "NOR", "Norway" },
  { 390, "DNK", "Denmark" },
  { 395, "ISL", "Iceland" },
  { 402, "CPV", "Cape Verde" },
  { 403, "STP", "São Tomé and Príncipe" },
  { 404, "GNB", "Guinea-Bissau" },
  { 411, "GNQ", "Equatorial Guinea" },
  { 420, "GMB", "Gambia" },
  { 432, "MLI", "Mali" },
  { 433, "SEN", "Senegal" },
  { 434, "BEN", "Benin" },
  { 435, "MRT", "Mauritania" },
  { 436, "NER", "Niger" },
  { 437, "CIV", "Côte d’Ivoire" },
  { 438, "GIN", "Guinea" },
  { 439, "BFA", "Burkina Faso" },
  { 450, "LBR", "Liberia" },
  { 451, "SLE", "Sierra Leone" },
  { 452, "GHA", "Ghana" },
  { 461, "TGO", "Togo" },
  { 471, "CMR", "Cameroon" },
  { 475, "NGA", "Nigeria" },
  { 481, "GAB", "Gabon" },
  { 482, "CAF", "Central African Republic" },
  { 483, "TCD", "Chad" },
  { 484, "COG", "Congo" },
  { 490, "COD", "Democratic Republic of the Congo" },
  { 500, "UGA", "Uganda" },
  { 501, "KEN", "Kenya" },
  { 510, "TZA", "Tanzania" },
  { 511, "ZAN", "Zanzibar" },
  { 516, "BDI", "Burundi" },
  { 517, "RWA", "Rwanda" },
  { 520, "SOM", "Somalia" },
  { 522, "DJI", "Djibouti" },
  { 530, "ETH", "Ethiopia" },
  { 531, "ERI", "Eritrea" },
  { 540, "AGO", "Angola" },
  { 541, "MOZ", "Mozambique" },
  { 551, "ZMB", "Zambia" },
  { 552, "ZWE", "Zimbabwe" },
  { 553, "MWI", "Malawi" },
  { 560, "ZAF", "South Africa" },
  { 565, "NAM", "Namibia" },
  { 570, "LSO", "Lesotho" },
  { 571, "BWA", "Botswana" },
  { 572, "SWZ", "Eswatini" },
  { 580, "MDG", "Madagascar" },
  { 581, "COM", "Comoros" },
  { 590, "MUS", "Mauritius" },
  { 591, "SYC", "Seychelles" },
  { 600, "MAR", "Morocco" },
  { 615, "DZA", "Algeria" },
  { 616, "TUN", "Tunisia" },
  { 620, "LBY", "Libya" },
  { 625, "SDN", "Sudan" },
  { 626, "SSD", "South Sudan" },
  { 630, "IRN", "Iran" },
  { 640, "TUR", "Turkey" },
  { 645, "IRQ", "Iraq" },
  { 651, "EGY", "Egypt" },
  { 652, "SYR", "Syria" },
  { 660, "LBN", "Lebanon" },
  { 663, "JOR", "Jordan" },
  { 666, "ISR", "Israel" },
  { 670, "SAU", "Saudi Arabia" },
  { 678, "YAR", "Yemen Arab Republic" },
  { 679, "YEM", "Yemen" },
  { 680, "YMD", "Yemen People's Republic" },
  { 690, "KWT", "Kuwait" },
  { 692, "BHR", "Bahrain" },
  { 694, "QAT", "Qatar" },
  { 696, "ARE", "United Arab Emirates" },
  { 698, "OMN", "Oman" },
  { 700, "AFG", "Afghanistan" },
  { 701, "TKM", "Turkmenistan" },
  { 702, "TJK", "Tajikistan" },
  { 703, "KGZ", "Kyrgyzstan" },
  { 704, "UZB", "Uzbekistan" },
  { 705, "KAZ", "Kazakhstan" },
  { 710, "CHN", "China" },
  { 712, "MNG", "Mongolia" },
  { 713, "TWN", "Taiwan" },
  { 730, "COR", "Korea" },
  { 731, "PRK", "North Korea" },
  { 732, "KOR", "South Korea" },
  { 740, "JPN", "Japan" },
  { 750, "IND", "India" },
  { 760, "BTN", "Bhutan" },
  { 770, "PAK", "Pakistan" },
  { 771, "BGD", "Bangladesh" },
  { 775, "MMR", "Myanmar" },
  { 780, "LKA", "Sri Lanka" },
  { 781, "MDV", "Maldives" },
  { 790, "NPL", "Nepal" },
  { 800, "THA", "Thailand" },
  { 811, "KHM", "Cambodia" },
  { 812, "LAO", "Laos" },
  { 816, "VNM", "Vietnam" },
  { 817, "RVN", "Republic of Vietnam" },
  { 820, "MYS", "Malaysia" },
  { 830, "SGP", "Singapore" },
  { 835, "BRN", "Brunei" },
  { 840, "PHL", "Philippines" },
  { 850, "IDN", "Indonesia" },
  { 860, "TLS", "East Timor" },
  { 900, "AUS", "Australia" },
  { 910, "PNG", "Papua New Guinea" },
  { 920, "NZL", "New Zealand" },
  { 935, "VUT", "Vanuatu" },
  { 940, "SLB", "Solomon Islands" },
  { 946, "KIR", "Kiribati" },
  { 947, "TUV", "Tuvalu" },
  { 950, "FJI", "Fiji" },
  { 955, "TON", "Tonga" },
  { 970, "NRU", "Nauru" },
  { 983, "MHL", "Marshall Islands" },
  { 986, "PLW", "Palau" },
  { 987, "FSM", "Micronesia" },
  { 990, "WSM", "Samoa" },
};

static int
compare_state (const void *key,
               const void *element)
{
  return *(const int *) key - ((const State *) element)->ccode;
}

char *
ent_cow_state_id (int    ccode,
                  char **name)
{
  const State *state = bsearch (&ccode, states, G_N_ELEMENTS (states), sizeof (State), compare_state);

  if (state == NULL)
    {
      if (name != NULL)
        *name = g_strdup_printf (_("COW state %d"), ccode);
      return g_strdup_printf ("COW%d", ccode);
    }
  if (name != NULL)
    *name = g_strdup (state->name);
  return g_strdup (state->id);
}

char *
ent_cow_ensure_actor (EntImport   *import,
                      guint        line,
                      int          ccode,
                      const char  *name,
                      GError     **error)
{
  g_autofree char *known_name = NULL;
  g_autofree char *id = ent_cow_state_id (ccode, &known_name);
  EntActor *actor;

  if (ent_import_has_node (import, id))
    return g_steal_pointer (&id);
  /* The table's name unless the code is unknown and the file names it. */
  actor = ent_actor_new (id, g_str_has_prefix (id, "COW") && name && *name ? name : known_name);
  actor->kind = ENT_ACTOR_STATE;
  actor->extra = json_object_new ();
  {
    JsonObject *attributes = json_object_new ();

    json_object_set_int_member (attributes, "ccode", ccode);
    json_object_set_object_member (actor->extra, ENT_FORMAT_ATTRIBUTES_KEY, attributes);
  }
  if (!ent_import_add_actor (import, line, actor, error))
    return NULL;
  return g_steal_pointer (&id);
}

EntDate
ent_cow_make_date (int year,
                   int month,
                   int day)
{
  g_autofree char *text = NULL;
  EntDate date = ENT_DATE_NONE;

  if (year <= 0 || year > 9999)
    return ENT_DATE_NONE;
  if (month >= 1 && month <= 12 && day >= 1 && day <= 31)
    {
      text = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
      if (ent_date_parse (text, &date, NULL))
        return date;
      g_clear_pointer (&text, g_free);
    }
  if (month >= 1 && month <= 12)
    text = g_strdup_printf ("%04d-%02d", year, month);
  else
    text = g_strdup_printf ("%04d", year);
  ent_date_parse (text, &date, NULL);
  return date;
}

gboolean
ent_cow_parse_int (const char *cell,
                   int        *out)
{
  char *end = NULL;
  gint64 value;

  if (cell == NULL || *cell == '\0')
    return FALSE;
  errno = 0;
  value = g_ascii_strtoll (cell, &end, 10);
  /* "1951.0" as some exports write years. */
  if (end != cell && *end == '.' && strspn (end + 1, "0") == strlen (end + 1))
    end += strlen (end);
  if (errno != 0 || end == cell || *end != '\0' || value < G_MININT || value > G_MAXINT)
    return FALSE;
  *out = (int) value;
  return TRUE;
}

/* ---- The dyadic alliance file -------------------------------------------- */

static const char * const ccode1_names[] = { "ccode1", NULL };
static const char * const ccode2_names[] = { "ccode2", NULL };
static const char * const name1_names[] = { "state_name1", NULL };
static const char * const name2_names[] = { "state_name2", NULL };
static const char * const id_names[] = { "version4id", "id", NULL };
static const char * const columns[][2] = {
  { "dyad_st_year", NULL }, { "dyad_st_month", NULL }, { "dyad_st_day", NULL },
  { "dyad_end_year", NULL }, { "dyad_end_month", NULL }, { "dyad_end_day", NULL },
  { "defense", NULL }, { "neutrality", NULL }, { "nonaggression", NULL }, { "entente", NULL },
  { "left_censor", NULL }, { "right_censor", NULL },
};

enum
{
  ST_YEAR, ST_MONTH, ST_DAY, END_YEAR, END_MONTH, END_DAY,
  DEFENSE, NEUTRALITY, NONAGGRESSION, ENTENTE, LEFT_CENSOR, RIGHT_CENSOR, N_COLUMNS
};

static const char *
cell_at (GPtrArray *row,
         int        column)
{
  return column >= 0 && column < (int) row->len ? g_ptr_array_index (row, column) : NULL;
}

static int
flag_at (GPtrArray *row,
         int        column)
{
  int value = 0;

  return ent_cow_parse_int (cell_at (row, column), &value) ? value : 0;
}

static int
number_at (GPtrArray *row,
           int        column)
{
  int value = 0;

  return ent_cow_parse_int (cell_at (row, column), &value) ? value : 0;
}

/*
 * One relation per row: defense -> alliance (strength 0.9); neutrality,
 * nonaggression or entente only -> partnership (0.5). The dyad's start
 * and end dates are since and until; an end year of 0, empty or NA, or a
 * right-censored dyad, is still in force.
 */
EntWorld *
ent_cow_load (GBytes     *bytes,
              EntImport  *import,
              GError    **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(EntCsvReader) reader = ent_csv_reader_new (data, length, 0);
  g_autoptr(GPtrArray) header = NULL;
  int ccode1, ccode2, name1, name2, id_column, column[N_COLUMNS];
  GPtrArray *row;
  guint line;

  row = ent_csv_reader_next (reader, &line, import, error);
  if (row == NULL)
    {
      if (!ent_csv_reader_failed (reader))
        ent_import_fail_code (import, error, ENT_FORMAT_ERROR_EMPTY, 0, _("the file is empty"));
      return NULL;
    }
  header = g_ptr_array_copy (row, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  g_ptr_array_set_free_func (header, g_free);
  ccode1 = ent_csv_find_column (header, ccode1_names);
  ccode2 = ent_csv_find_column (header, ccode2_names);
  name1 = ent_csv_find_column (header, name1_names);
  name2 = ent_csv_find_column (header, name2_names);
  id_column = ent_csv_find_column (header, id_names);
  for (guint i = 0; i < N_COLUMNS; i++)
    column[i] = ent_csv_find_column (header, columns[i]);
  if (ccode1 < 0 || ccode2 < 0 || column[ST_YEAR] < 0)
    {
      ent_import_fail (import, error, line,
                       _("not a COW dyadic alliance file: the columns ccode1, ccode2 and dyad_st_year are needed"));
      return NULL;
    }

  while ((row = ent_csv_reader_next (reader, &line, import, error)) != NULL)
    {
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      g_autoptr(EntRelation) relation = NULL;
      JsonObject *attributes;
      int code_a, code_b, end_year;
      gboolean defense = flag_at (row, column[DEFENSE]) != 0;

      if (!ent_cow_parse_int (cell_at (row, ccode1), &code_a) ||
          !ent_cow_parse_int (cell_at (row, ccode2), &code_b))
        {
          ent_import_fail (import, error, line, _("ccode1 and ccode2 must be country code numbers"));
          return NULL;
        }
      a = ent_cow_ensure_actor (import, line, code_a, cell_at (row, name1), error);
      if (a == NULL)
        return NULL;
      b = ent_cow_ensure_actor (import, line, code_b, cell_at (row, name2), error);
      if (b == NULL)
        return NULL;

      relation = ent_relation_new (NULL, a, b, defense ? ENT_RELATION_ALLIANCE : ENT_RELATION_PARTNERSHIP);
      relation->strength = defense ? 0.9 : 0.5;
      relation->since = ent_cow_make_date (number_at (row, column[ST_YEAR]), number_at (row, column[ST_MONTH]),
                                           number_at (row, column[ST_DAY]));
      end_year = number_at (row, column[END_YEAR]);
      if (end_year > 0 && flag_at (row, column[RIGHT_CENSOR]) == 0)
        relation->until = ent_cow_make_date (end_year, number_at (row, column[END_MONTH]),
                                             number_at (row, column[END_DAY]));
      if (ent_date_is_set (relation->until) && ent_date_is_set (relation->since) &&
          ent_date_end_key (relation->until) < ent_date_start_key (relation->since))
        relation->until = ENT_DATE_NONE;
      relation->source = g_strdup ("COW Formal Alliances v4.1 (Gibler 2009)");
      attributes = json_object_new ();
      if (cell_at (row, id_column) != NULL)
        json_object_set_member (attributes, "cow_alliance", ent_value_guess (cell_at (row, id_column)));
      json_object_set_int_member (attributes, "defense", flag_at (row, column[DEFENSE]));
      json_object_set_int_member (attributes, "neutrality", flag_at (row, column[NEUTRALITY]));
      json_object_set_int_member (attributes, "nonaggression", flag_at (row, column[NONAGGRESSION]));
      json_object_set_int_member (attributes, "entente", flag_at (row, column[ENTENTE]));
      relation->extra = json_object_new ();
      json_object_set_object_member (relation->extra, ENT_FORMAT_ATTRIBUTES_KEY, attributes);
      relation->label = g_strdup (defense ? _("Defense pact") :
                                  flag_at (row, column[NEUTRALITY]) ? _("Neutrality pact") :
                                  flag_at (row, column[NONAGGRESSION]) ? _("Non-aggression pact") :
                                  _("Entente"));
      if (!ent_import_add_relation (import, line, g_steal_pointer (&relation), error))
        return NULL;
      if (!ent_import_tick (import, ent_csv_reader_offset (reader), error))
        return NULL;
    }
  if (ent_csv_reader_failed (reader))
    return NULL;
  return ent_import_finish (import, error);
}
