/* Internals shared by dataset_load.c and dataset_validate.c. */
#ifndef CORRIDOR_DATASET_INTERNAL_H
#define CORRIDOR_DATASET_INTERNAL_H

#include "corridor/dataset.h"
#include "record_internal.h"

struct cor_record_array {
    unsigned char *data;
    size_t count, cap;     /* in records */
};

struct cor_dataset {
    struct cor_intern *strings;
    struct cor_record_array records[COR_KIND_COUNT];
    char **files;          /* paths as given */
    char **real;           /* canonical paths, to load each file once */
    size_t nfiles;
    struct cor_read_opts ropts; /* how the next files are read */
    size_t missing;        /* observations with a missing value */
};

/* Record i of a kind as a pointer to its struct (NULL out of range): the
 * untyped form behind cor_dataset_record(), for the loops of this module
 * that treat every observation kind alike. */
const void *cor_dataset_rec(const struct cor_dataset *ds, enum cor_kind kind, size_t i);

#endif
