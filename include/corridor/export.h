/* corridor/export.h - writing result tables. Exporters format; they never
 * compute. Numbers are written the same in every locale: machine formats
 * (CSV, TSV, JSON) with every digit (shortest round-trip), NA as "NA" (JSON
 * null); the text format with each column's decimals.
 * Nothing is allocated that outlives a call. */
#ifndef CORRIDOR_EXPORT_H
#define CORRIDOR_EXPORT_H

#include <stdio.h>

#include "corridor/table.h"

enum cor_format {
    COR_FMT_TEXT = 0,   /* aligned columns for a terminal, with notes */
    COR_FMT_CSV,        /* RFC 4180, numbers unquoted */
    COR_FMT_COUNT
};

/* "text", "csv" -> format; -1 if unknown. */
int cor_format_lookup(const char *name);
const char *cor_format_name(enum cor_format f);

/* Writes the table; COR_EIO if the stream reports an error. */
enum cor_status cor_export_table(const struct cor_table *t, enum cor_format f, FILE *out);

#endif
