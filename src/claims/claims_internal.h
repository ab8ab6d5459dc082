/* Internals shared by the claims sources: a growing text, and one row of a
 * claim being evaluated. */
#ifndef CORRIDOR_CLAIMS_INTERNAL_H
#define CORRIDOR_CLAIMS_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

#include "corridor/claims.h"

/* A text that grows as it is written; after a failed allocation it stops
 * growing and remembers it (oom). Zero-initialise it. */
struct cor_claims_text {
    char *s;
    size_t len, cap;
    int oom;
};

void cor_claims_text_add(struct cor_claims_text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

void cor_claims_text_vadd(struct cor_claims_text *t, const char *fmt, va_list ap);

/* The text, which the caller then owns ("" when nothing was written), or
 * NULL when memory ran out. t is empty afterwards. */
char *cor_claims_text_take(struct cor_claims_text *t);

void cor_claims_text_fini(struct cor_claims_text *t);

/* One row of a claim (a piece of evidence) being evaluated. The caller sets
 * ds, v (with v->claimed and v->series sized to its rows), row, c and opts;
 * cor_claims_row_evidence() fills the rest and appends the row's
 * alternatives to v (computed intervals; for history metrics the history
 * test's verdict and margin). What it could not find becomes an alternative
 * without figures (computed NA, no inputs) whose detail says why.
 * cor_claims_row_fini() releases what it holds. */
struct cor_claims_row {
    const struct cor_dataset *ds;
    struct cor_verdict *v;
    size_t row;
    const struct cor_claim_record *c;
    const struct cor_ival_opts *opts;
    enum cor_claim_metric metric;
    struct cor_select sel;
    char *where;                     /* the where conditions, split in place */
    struct cor_series *s;            /* &v->series[row] */
    struct cor_claims_text formula;  /* this row's formula */
    enum cor_status st;              /* COR_ENOMEM once memory ran out */
};

void cor_claims_row_evidence(struct cor_claims_row *x);
void cor_claims_row_fini(struct cor_claims_row *x);

#endif
