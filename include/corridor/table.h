/* corridor/table.h - result tables: typed columns with units, rows of cells,
 * and the provenance (method, sources) that goes with them. Metrics fill
 * tables; exporters write them; exporters never compute.
 *
 * Ownership: cor_table_new() returns a table that cor_table_free() releases
 * (NULL is a no-op); the table copies every text it is given. */
#ifndef CORRIDOR_TABLE_H
#define CORRIDOR_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "corridor/error.h"

enum cor_cell_type { COR_CELL_TEXT, COR_CELL_NUMBER };

struct cor_table;

struct cor_table *cor_table_new(const char *title);
void cor_table_free(struct cor_table *t);

/* Adds a column. unit may be NULL; decimals is how many digits the text
 * format shows (-1: shortest round-trip); machine formats always write
 * every digit. */
enum cor_status cor_table_add_col(struct cor_table *t, const char *name, const char *unit,
                                  enum cor_cell_type type, int decimals);

/* Declares that the number columns lo and hi hold the bounds of the
 * interval whose value is number column `value` (an interval column): JSON
 * writes {"value", "lo", "hi"} under value's name, and the bounds are not
 * written on their own; the other formats write the three columns as they
 * are. Names play no part: "x_lo" is a plain column unless declared here.
 * COR_EINVAL when a column does not exist or is not a number column, two
 * are the same, or one already belongs to an interval. */
enum cor_status cor_table_set_interval(struct cor_table *t, size_t value, size_t lo, size_t hi);

/* Adds the number columns NAME, NAME_lo and NAME_hi (unit and decimals as
 * for cor_table_add_col) and declares them one interval column. */
enum cor_status cor_table_add_interval_cols(struct cor_table *t, const char *name,
                                            const char *unit, int decimals);

/* 1 if col holds an interval's value: its bounds' columns in *lo and *hi
 * (either may be NULL); 0 otherwise. */
int cor_table_col_interval(const struct cor_table *t, size_t col, size_t *lo, size_t *hi);

/* 1 if col is the lower or upper bound of an interval column. */
int cor_table_col_is_bound(const struct cor_table *t, size_t col);

/* Appends an empty row (text "", number NA) and makes it current. */
enum cor_status cor_table_add_row(struct cor_table *t);

/* Sets a cell of the current row by column index. A NaN number is NA. */
enum cor_status cor_table_set_text(struct cor_table *t, size_t col, const char *text);
enum cor_status cor_table_set_num(struct cor_table *t, size_t col, double v);

/* Lines printed under the table (method, formula, NA reasons); sources are
 * kept as a list of ids. */
enum cor_status cor_table_add_note(struct cor_table *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
enum cor_status cor_table_add_source(struct cor_table *t, const char *id);

size_t cor_table_rows(const struct cor_table *t);
size_t cor_table_cols(const struct cor_table *t);
const char *cor_table_title(const struct cor_table *t);
const char *cor_table_col_name(const struct cor_table *t, size_t col);
const char *cor_table_col_unit(const struct cor_table *t, size_t col);
enum cor_cell_type cor_table_col_type(const struct cor_table *t, size_t col);
int cor_table_col_decimals(const struct cor_table *t, size_t col);
const char *cor_table_text(const struct cor_table *t, size_t row, size_t col);
double cor_table_num(const struct cor_table *t, size_t row, size_t col);
size_t cor_table_note_count(const struct cor_table *t);
const char *cor_table_note(const struct cor_table *t, size_t i);
size_t cor_table_source_count(const struct cor_table *t);
const char *cor_table_source(const struct cor_table *t, size_t i);

#endif
