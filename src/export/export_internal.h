/* Internals shared by the table writers. */
#ifndef CORRIDOR_EXPORT_INTERNAL_H
#define CORRIDOR_EXPORT_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "corridor/table.h"

/* The text of one cell; human = 1 uses the column's decimals (display),
 * 0 writes every digit (machine formats). NA is "NA". */
void cor_export_cell(const struct cor_table *t, size_t r, size_t c, int human, char *buf,
                     size_t n);

/* "name (unit)" or "name". */
void cor_export_header(const struct cor_table *t, size_t c, char *buf, size_t n);

void cor_export_latex(const struct cor_table *t, FILE *out);
void cor_export_html(const struct cor_table *t, FILE *out);
void cor_export_json(const struct cor_table *t, FILE *out);


#endif
