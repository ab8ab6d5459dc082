/* Internals shared by the record and dataset modules. */
#ifndef CORRIDOR_RECORD_INTERNAL_H
#define CORRIDOR_RECORD_INTERNAL_H

#include "corridor/record.h"

/* Where a record of this kind (rec points at its struct) came from. */
const struct cor_origin *cor_record_origin(enum cor_kind kind, const void *rec);

/* The typed reference of the record rec of this kind (NULL: no record). */
struct cor_record_ref cor_record_ref_make(enum cor_kind kind, const void *rec);

/* 1 if observations of this kind may carry a unit of this dimension. */
int cor_schema_accepts_dim(enum cor_kind kind, enum cor_dim dim);

/* The rules of a claim row's metric (the table in corridor/names.h): the
 * period it needs (A..B: two periods of one form, B after A), the unit of its
 * claimed number, the by and part columns. Calls found(user, column, code,
 * message) for each broken rule; returns 1 when the row follows them all (or
 * names no known metric: that is the metric column's own error). */
typedef void (*cor_claim_rule_fn)(void *user, const char *column, enum cor_diag_code code,
                                  const char *message);
int cor_claim_rules_check(const struct cor_claim_record *c, const char *metric,
                          cor_claim_rule_fn found, void *user);

#endif
