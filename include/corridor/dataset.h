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

struct cor_dataset *cor_dataset_new(void);
void cor_dataset_free(struct cor_dataset *ds);

/* Loads one CSV file, or every *.csv file of a directory in byte order of
 * their names. When a file's folder holds a sources.csv that is not loaded
 * yet, it is loaded too, so that a single file can be checked against its
 * sources. Findings go to diags. Returns
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
