/* corridor/claims.h - verdicts on claims by interval logic.
 *
 * A claim states an interval (its qualifier applied to its number; an exact
 * number gets the tolerance of its last printed digit; an expected value
 * gets its relative tolerance). Each piece of evidence yields one or more
 * alternatives, one per combination of published figures, each with its
 * computed interval and verdict:
 *   supported     the computed interval lies inside the claimed one
 *   contradicted  the two are disjoint
 *   undecided     they overlap only partly (the data is too coarse)
 *   no data       an input is missing
 * The claim's verdict: supported if an alternative supports it and none
 * contradicts it, contradicted if one contradicts and none supports,
 * undecided when they disagree or all are undecided, no data when there is
 * no alternative. Alternatives computed only from statements (status
 * claim) are shown but decide only when nothing else exists.
 *
 * Ownership: cor_verdict_init() prepares a caller-allocated verdict that
 * cor_verdict_fini() releases; cor_claims_evaluate() fills it.
 * cor_verdicts_evaluate() fills a caller-allocated struct cor_verdicts that
 * cor_verdicts_fini() releases; cor_verdicts_table() returns a table that
 * cor_table_free() releases. The dataset must outlive the verdicts. */
#ifndef CORRIDOR_CLAIMS_H
#define CORRIDOR_CLAIMS_H

#include <stddef.h>

#include "corridor/dataset.h"
#include "corridor/interval.h"
#include "corridor/series.h"
#include "corridor/table.h"

enum cor_verdict_kind {
    COR_V_SUPPORTED = 0,
    COR_V_CONTRADICTED,
    COR_V_UNDECIDED,
    COR_V_NO_DATA
};

const char *cor_verdict_name(enum cor_verdict_kind v);

/* Compares a computed interval with a claimed one; *margin (in claim units)
 * is how far inside (>= 0) or outside (< 0) the computed interval lies. */
enum cor_verdict_kind cor_claims_compare(struct cor_ival computed, struct cor_ival claimed,
                                         double *margin);

/* The claimed interval of a claim row. */
struct cor_ival cor_claims_interval(const struct cor_claim_record *c,
                                    const struct cor_ival_opts *opts);

#define COR_ALT_MAX_INPUTS 4

struct cor_alternative {
    struct cor_ival computed;        /* in the claim's unit */
    enum cor_verdict_kind verdict;
    double margin;
    const struct cor_point *inputs[COR_ALT_MAX_INPUTS];  /* the figures used */
    size_t ninputs;
    int statements_only;             /* every input has status claim */
    size_t evidence;                 /* index of the claim row it comes from */
    char detail[200];                /* e.g. "2025 vs 2024", "earlier highest 76775" */
};

struct cor_verdict {
    const struct cor_claim_record *claim;   /* the first row */
    const struct cor_claim_record *rows[16];
    size_t nrows;
    struct cor_ival claimed;
    enum cor_verdict_kind verdict;
    struct cor_alternative *alts;
    size_t nalts, cap;
    struct cor_series series[16];           /* the inputs, per row (owned) */
    char formula[512];                      /* per evidence row when several */
    char problem[256];                      /* why there is no data, if so */
};

void cor_verdict_init(struct cor_verdict *v);
void cor_verdict_fini(struct cor_verdict *v);

/* Evaluates the claim with this id (every row with the id). */
enum cor_status cor_claims_evaluate(const struct cor_dataset *ds, cor_sym id,
                                    const struct cor_ival_opts *opts, struct cor_verdict *out,
                                    struct cor_error *err);

/* The claim ids of the dataset, in file order, each once. Returns how many
 * were written (at most max). */
size_t cor_claims_ids(const struct cor_dataset *ds, cor_sym *ids, size_t max);

/* Every claim of a dataset, evaluated in file order. */
struct cor_verdicts {
    struct cor_verdict *v;
    size_t n;
    size_t count[4];     /* by enum cor_verdict_kind */
    size_t expected;     /* rows with a tolerance (expected values) */
};

/* Evaluates every claim id in file order. On failure out holds the claims
 * evaluated so far (release it with cor_verdicts_fini()). */
enum cor_status cor_verdicts_evaluate(const struct cor_dataset *ds,
                                      const struct cor_ival_opts *opts, struct cor_verdicts *out,
                                      struct cor_error *err);
void cor_verdicts_fini(struct cor_verdicts *vs);

/* The sources of an alternative, "a; b" (exchange rates as "fx ID"). */
void cor_verdict_sources(const struct cor_dataset *ds, const struct cor_alternative *a,
                         char *buf, size_t n);

/* Computed intervals of the deciding alternatives, "[0.35, 0.37] supported; ..." */
void cor_verdict_computed(const struct cor_dataset *ds, const struct cor_verdict *v, char *buf,
                          size_t n);

/* The unit of a claim, for display ("%", "billion USD"). */
void cor_verdict_unit(const struct cor_dataset *ds, const struct cor_verdict *v, char *buf,
                      size_t n);

/* A verdict table: one row per claim, or (detail) one per alternative.
 * NULL when memory runs out. */
struct cor_table *cor_verdicts_table(const struct cor_dataset *ds, const struct cor_verdicts *vs,
                                     int detail);

#endif
