/* corridor/claims.h - verdicts on claims by interval logic.
 *
 * A claim states an interval (its qualifier applied to its number; an exact
 * number gets the tolerance of its last printed digit; an expected value
 * gets its relative tolerance). Levels are clipped at 0; quantities that can
 * be negative (growth, change, CAGR, pp_change, direction) are not. Each row
 * of the claim (a piece of evidence) computes its metric (enum
 * cor_claim_metric, corridor/names.h) from the data and yields one
 * alternative per combination of published figures, each with its computed
 * interval and verdict:
 *   supported     the computed interval lies inside the claimed one
 *   contradicted  the two are disjoint
 *   undecided     they overlap only partly (the data is too coarse)
 *   no data       an input is missing
 *
 * The evidence hierarchy: an alternative belongs to the class of its weakest
 * figure (actual, then estimate, then projected or planned, then statements:
 * status claim). The claim's verdict is decided by the highest class that
 * has an alternative with data: supported if one of its alternatives
 * supports the claim and none contradicts it, contradicted if one
 * contradicts and none supports, undecided otherwise. Lower classes keep
 * their own verdicts ("a projection supports it") but decide nothing. No
 * alternative with data: no data, and the verdict says why (with the closest
 * entity, value or period the data has).
 *
 * Ownership: cor_verdict_init() prepares a caller-allocated verdict that
 * cor_verdict_fini() releases; cor_claims_evaluate() fills it (every array
 * and string in it is its own, sized to what the claim needs).
 * cor_verdicts_evaluate() fills a caller-allocated struct cor_verdicts that
 * cor_verdicts_fini() releases; cor_verdicts_table() gives a table that
 * cor_table_free() releases; the texts of cor_verdict_computed() and
 * cor_verdict_sources(), and the ids of cor_claims_ids(), are the caller's
 * to free(). The dataset must
 * outlive the verdicts. */
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
    COR_V_NO_DATA,
    COR_V_COUNT
};

const char *cor_verdict_name(enum cor_verdict_kind v);

/* The classes of evidence, strongest first. */
enum cor_evidence_class {
    COR_EV_ACTUAL = 0,   /* every figure used is actual */
    COR_EV_ESTIMATE,     /* the weakest figure is an estimate */
    COR_EV_PROJECTED,    /* the weakest figure is projected or planned */
    COR_EV_STATEMENT,    /* the weakest figure is a statement (status claim) */
    COR_EV_COUNT         /* none: no evidence decided */
};

/* "actual", "estimate", "projected", "statement"; "none" for COR_EV_COUNT. */
const char *cor_evidence_class_name(enum cor_evidence_class c);
enum cor_evidence_class cor_evidence_class_of(enum cor_obs_status st);

/* Compares a computed interval with a claimed one; *margin (in claim units)
 * is how far inside (>= 0) or outside (< 0) the computed interval lies, NaN
 * when undecided or without data. */
enum cor_verdict_kind cor_claims_compare(struct cor_ival computed, struct cor_ival claimed,
                                         double *margin);

/* The metric a claim row names; COR_CM_COUNT if it names none. */
enum cor_claim_metric cor_claims_metric(const struct cor_dataset *ds,
                                        const struct cor_claim_record *c);

/* The claimed interval of a claim row read as metric m: clipped at 0 for
 * levels, as written for quantities that can be negative; for direction, an
 * exact (or about) 0 is "unchanged": within +/- opts->approx_rel. */
struct cor_ival cor_claims_interval(const struct cor_claim_record *c, enum cor_claim_metric m,
                                    const struct cor_ival_opts *opts);

struct cor_alternative {
    struct cor_ival computed;        /* in the claim's unit */
    enum cor_verdict_kind verdict;
    double margin;                   /* of the level test, when it decided (else NaN) */
    double history_margin;           /* of the history test (record, record_low,
                                      * first_time), when it decided (else NaN) */
    const struct cor_point **inputs; /* the figures used (the array is owned) */
    size_t ninputs;
    enum cor_evidence_class evidence_class; /* of its weakest figure; COR_EV_COUNT
                                             * for evidence that found no figure (then
                                             * detail says why) */
    int decides;                     /* its class decided the claim */
    size_t evidence;                 /* index of the claim row it comes from */
    char *detail;                    /* "2025 vs 2024", "2025; earlier highest 76775" */
};

struct cor_verdict {
    const struct cor_claim_record *claim;   /* the first row */
    const struct cor_claim_record **rows;   /* every row with the claim's id */
    size_t nrows;
    struct cor_ival claimed;
    enum cor_verdict_kind verdict;
    enum cor_evidence_class decided_by;     /* COR_EV_COUNT when no data */
    struct cor_alternative *alts;
    size_t nalts, cap;
    struct cor_series *series;              /* the inputs, one per row */
    char *formula;                          /* per evidence row when several */
    char *problem;                          /* why evidence found no figure ("" when
                                             * every piece of evidence found some) */
    char *summary;                          /* "undecided on actual figures; a projection
                                             * supports it" */
};

void cor_verdict_init(struct cor_verdict *v);
void cor_verdict_fini(struct cor_verdict *v);

/* Evaluates the claim with this id (every row with the id). */
enum cor_status cor_claims_evaluate(const struct cor_dataset *ds, cor_sym id,
                                    const struct cor_ival_opts *opts, struct cor_verdict *out,
                                    struct cor_error *err);

/* The claim ids of the dataset (valid rows, skip rows left out), in file
 * order, each once: *ids (the caller frees it) holds *n of them. COR_ENOMEM. */
enum cor_status cor_claims_ids(const struct cor_dataset *ds, cor_sym **ids, size_t *n,
                               struct cor_error *err);

/* Every claim of a dataset, evaluated in file order. */
struct cor_verdicts {
    struct cor_verdict *v;
    size_t n;
    size_t count[COR_V_COUNT];   /* by enum cor_verdict_kind */
    size_t expected;             /* rows with a tolerance (expected values) */
};

/* Evaluates every claim id in file order. On failure out holds the claims
 * evaluated so far (release it with cor_verdicts_fini()). */
enum cor_status cor_verdicts_evaluate(const struct cor_dataset *ds,
                                      const struct cor_ival_opts *opts, struct cor_verdicts *out,
                                      struct cor_error *err);
void cor_verdicts_fini(struct cor_verdicts *vs);

/* The sources of an alternative, "a; b" (exchange rates as "fx ID"), into
 * *out (the caller frees it). COR_ENOMEM (*out NULL). */
enum cor_status cor_verdict_sources(const struct cor_dataset *ds, const struct cor_alternative *a,
                                    char **out, struct cor_error *err);

/* The computed intervals of the alternatives that decided,
 * "[0.35, 0.37] supported; ...", into *out (the caller frees it; "" when
 * none decided). COR_ENOMEM (*out NULL). */
enum cor_status cor_verdict_computed(const struct cor_verdict *v, char **out,
                                     struct cor_error *err);

/* The unit of a claim, for display ("%", "billion USD"). */
void cor_verdict_unit(const struct cor_dataset *ds, const struct cor_verdict *v, char *buf,
                      size_t n);

/* A verdict table: one row per claim (with the class that decided and the
 * summary), or (detail) one per alternative (with its class, margins and
 * sources), into *out (cor_table_free() releases it). COR_ENOMEM (*out
 * NULL). */
enum cor_status cor_verdicts_table(const struct cor_dataset *ds, const struct cor_verdicts *vs,
                                   int detail, struct cor_table **out, struct cor_error *err);

#endif
