/* corridor/dataset.h - typed records loaded from sourced CSV files, and
 * their validation.
 *
 * A dataset holds the records of every kind from any number of files, their
 * interned strings, and the list of files they came from. Loading never
 * stops at the first problem: every finding goes into a struct cor_diags,
 * located by file, line and column. Rows with errors are kept, marked
 * invalid in their origin, so that the checks across files see them too;
 * users of the data skip them (cor_record_origin()->invalid).
 * Inputs are only read.
 *
 * Ownership: cor_dataset_new() returns a dataset that cor_dataset_free()
 * releases (NULL is a no-op). Record pointers and strings returned by the
 * accessors stay valid until the next load into the same dataset or its
 * release. */
#ifndef CORRIDOR_DATASET_H
#define CORRIDOR_DATASET_H

#include <stddef.h>

#include "corridor/error.h"
#include "corridor/record.h"

struct cor_dataset;

/* How a table's text is read: its field separator, its number style and the
 * words that mean "no figure". Plain values; the na text is borrowed. */
struct cor_read_opts {
    char delimiter;      /* ',' (default), ';', '\t' or '|' */
    char decimal;        /* '.' (default) or ',' */
    char thousands;      /* digit-group mark: 0 (none, default), ',', '.' or ' ' */
    const char *na;      /* comma-separated words that mean "no figure" (an empty
                          * cell always does); NULL: COR_NA_WORDS */
};

/* The default "no figure" words (compared ignoring case). */
#define COR_NA_WORDS "NA,N/A,..,...,-,n.a.,nan"

/* Fills the defaults: ',' '.' no grouping, COR_NA_WORDS. */
void cor_read_opts_init(struct cor_read_opts *o);

/* COR_EINVAL (err says why) for a delimiter other than , ; tab |, a decimal
 * mark other than . or ,, a grouping mark other than , . space, or the same
 * mark for both (a mark may be the delimiter in quoted cells: "1,234"). */
enum cor_status cor_read_opts_check(const struct cor_read_opts *o, struct cor_error *err);

/* 1 if the cell (already trimmed) is empty or one of the "no figure" words. */
int cor_read_is_na(const struct cor_read_opts *o, const char *s, size_t len);

/* A number in the options' style (cor_num_parse_style). */
enum cor_status cor_read_number(const struct cor_read_opts *o, const char *s, size_t len,
                                double *out, int *decimals);

/* Why a cell that is not a number in the options' style may be one in
 * another: " (written with a decimal comma and '.' between thousands: read
 * it with --decimal , --thousands .)" for "52.902,70" when those are not the
 * options, and the like for "1,234.5", "7,4" or "1 234"; "" when its marks
 * suggest no other style. Static storage. */
const char *cor_read_number_hint(const struct cor_read_opts *o, const char *s, size_t len);

/* When a header read as one field plainly uses another separator: that
 * separator (';', '\t', '|' or ','), else 0. */
char cor_read_other_delimiter(const struct cor_read_opts *o, const char *header_field,
                              size_t len);

/* When a one-field header plainly uses another separator: writes "looks
 * ';'-separated (read as ','-separated it is one field): read the file with
 * --delimiter ';'" into buf and returns 1; else 0. */
int cor_read_delimiter_hint(const struct cor_read_opts *o, const char *header_field, size_t len,
                            char *buf, size_t n);

/* How a delimiter is written in a message or an option: "','", "tab". */
const char *cor_read_delimiter_name(char delimiter);

/* A period cell: cor_period_parse, and a year written as an integral number
 * ("2000.0", as spreadsheets save years) read as that year. */
enum cor_status cor_read_period(const char *s, size_t len, struct cor_period *out);

/* 1 if the texts are equal ignoring ASCII case. */
int cor_read_same_nocase(const char *a, size_t alen, const char *b, size_t blen);

/* Removes spaces and tabs around a cell. */
void cor_read_trim(const char **s, size_t *len);

struct cor_dataset *cor_dataset_new(void);
void cor_dataset_free(struct cor_dataset *ds);

/* The reading options for the files loaded after this call (copied; the na
 * text must outlive the loads). */
void cor_dataset_set_read_opts(struct cor_dataset *ds, const struct cor_read_opts *o);

/* Loads one CSV file, or every *.csv file of a directory in byte order of
 * their names. When a file's folder holds a sources.csv that is not loaded
 * yet, it is loaded too, so that a single file can be checked against its
 * sources. A folder without any *.csv file is a finding (E021).
 * Findings go to diags. Returns
 * COR_OK unless memory ran out (a file that cannot be read is a finding). */
enum cor_status cor_dataset_load(struct cor_dataset *ds, const char *path,
                                 struct cor_diags *diags, struct cor_error *err);

/* The checks that span files: every source id is defined once and every
 * observation cites a defined source; no observation is stated twice (same
 * kind, key columns, period, dimension, currency and source). Call after the
 * last load. */
enum cor_status cor_dataset_check(struct cor_dataset *ds, struct cor_diags *diags,
                                  struct cor_error *err);

size_t cor_dataset_count(const struct cor_dataset *ds, enum cor_kind kind);

/* Observations loaded with a missing value ("no figure": empty, NA, ..). They
 * are valid records; a metric that needs them gets an explicit NA. */
size_t cor_dataset_missing(const struct cor_dataset *ds);
const void *cor_dataset_record(const struct cor_dataset *ds, enum cor_kind kind, size_t i);

/* Interned text of a symbol; the symbol of a text (COR_SYM_ABSENT if none). */
const char *cor_dataset_str(const struct cor_dataset *ds, cor_sym sym);
cor_sym cor_dataset_sym(const struct cor_dataset *ds, const char *text);

/* The sources-table row with this id, or NULL. */
const struct cor_source_record *cor_dataset_source(const struct cor_dataset *ds, cor_sym id);

/* Path of a loaded file, as it was given. */
const char *cor_dataset_file(const struct cor_dataset *ds, uint32_t file);
size_t cor_dataset_file_count(const struct cor_dataset *ds);

#endif
