/* Internals shared by the table writers. */
#ifndef CORRIDOR_EXPORT_INTERNAL_H
#define CORRIDOR_EXPORT_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "corridor/table.h"

/* The text of one cell: a text cell's own text, whole; a number written
 * into buf (n >= 40): human = 1 uses the column's decimals (display), 0
 * writes every digit (machine formats). NA is "NA". */
const char *cor_export_cell(const struct cor_table *t, size_t r, size_t c, int human, char *buf,
                            size_t n);

/* "name (unit)" or "name", malloc'd; NULL when memory runs out. */
char *cor_export_header(const struct cor_table *t, size_t c);

/* Markdown text (see cor_export_md_escaped); in a table cell (cell = 1) '|'
 * is escaped too. Writes it when out is not NULL; returns its width in
 * characters as written (for aligning the columns of the raw text). */
size_t cor_export_md_text(const char *s, int cell, FILE *out);

void cor_export_latex(const struct cor_table *t, FILE *out);
void cor_export_html(const struct cor_table *t, FILE *out);
void cor_export_json(const struct cor_table *t, FILE *out);

#endif
