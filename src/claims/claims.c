/* Claims: the claimed interval, the comparison, and the verdict from the
 * alternatives by the evidence hierarchy (see claims.h); the evidence itself
 * is in evidence.c. */
#include "corridor/claims.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims_internal.h"

/* ---- names and intervals ---------------------------------------------------- */

const char *cor_verdict_name(enum cor_verdict_kind v)
{
    static const char *const names[COR_V_COUNT] = {"supported", "contradicted", "undecided",
                                                   "no data"};
    return (unsigned)v < COR_V_COUNT ? names[v] : "?";
}

const char *cor_evidence_class_name(enum cor_evidence_class c)
{
    static const char *const names[COR_EV_COUNT] = {"actual", "estimate", "projected",
                                                    "statement"};
    return (unsigned)c < COR_EV_COUNT ? names[c] : "none";
}

enum cor_evidence_class cor_evidence_class_of(enum cor_obs_status st)
{
    switch (st) {
    case COR_S_ACTUAL: return COR_EV_ACTUAL;
    case COR_S_ESTIMATE: return COR_EV_ESTIMATE;
    case COR_S_PROJECTED:
    case COR_S_PLANNED: return COR_EV_PROJECTED;
    default: return COR_EV_STATEMENT;
    }
}

enum cor_claim_metric cor_claims_metric(const struct cor_dataset *ds,
                                        const struct cor_claim_record *c)
{
    const char *m = cor_dataset_str(ds, c->metric);
    int k = cor_claim_metric_lookup(m, strlen(m));
    return k < 0 ? COR_CM_COUNT : (enum cor_claim_metric)k;
}

struct cor_ival cor_claims_interval(const struct cor_claim_record *c, enum cor_claim_metric m,
                                    const struct cor_ival_opts *opts)
{
    const struct cor_claim_metric_info *info = cor_claim_metric_info(m);
    int can_be_negative = info && info->can_be_negative;
    double v = c->claim_value;
    struct cor_ival r;
    if (!isnan(c->tolerance)) {
        /* an expected value: [v - tol |v|, v + tol |v|] */
        double d = c->tolerance * fabs(v);
        r = (struct cor_ival){v, v - d, v + d, 0, 0, COR_NA_NONE};
    } else if (m == COR_CM_DIRECTION && v == 0 &&
               (c->claim_qualifier == COR_Q_EXACT || c->claim_qualifier == COR_Q_APPROX)) {
        /* unchanged: the relative change within the approx tolerance */
        const struct cor_unit *u = cor_unit_at(c->claim_unit);
        double d = (opts ? opts->approx_rel : 0.05) / (u ? u->factor : 1.0);
        r = (struct cor_ival){0, -d, d, 0, 0, COR_NA_NONE};
    } else if (c->claim_qualifier == COR_Q_EXACT) {
        /* an exact figure holds to half a unit of its last printed digit */
        double half = 0.5 * pow(10.0, -c->claim_decimals);
        r = (struct cor_ival){v, v - half, v + half, 0, 0, COR_NA_NONE};
    } else
        r = cor_ival_from_signed(c->claim_qualifier, v, c->claim_lo, c->claim_hi,
                                 c->claim_decimals, opts);
    if (!can_be_negative && r.lo < 0) {
        /* a level cannot be negative */
        r.lo = 0;
        r.lo_open = 0;
    }
    return r;
}

/* lo end of a lies at or above lo end of b, as sets (openness counts). */
static int lo_inside(struct cor_ival a, struct cor_ival b)
{
    return a.lo > b.lo || (a.lo == b.lo && (!b.lo_open || a.lo_open));
}

static int hi_inside(struct cor_ival a, struct cor_ival b)
{
    return a.hi < b.hi || (a.hi == b.hi && (!b.hi_open || a.hi_open));
}

/* a lies entirely below b (no common point). */
static int below(struct cor_ival a, struct cor_ival b)
{
    return a.hi < b.lo || (a.hi == b.lo && (a.hi_open || b.lo_open));
}

enum cor_verdict_kind cor_claims_compare(struct cor_ival computed, struct cor_ival claimed,
                                         double *margin)
{
    double m = NAN;
    enum cor_verdict_kind v;
    if (computed.na || claimed.na)
        v = COR_V_NO_DATA;
    else if (lo_inside(computed, claimed) && hi_inside(computed, claimed)) {
        v = COR_V_SUPPORTED;
        double a = computed.lo - claimed.lo, b = claimed.hi - computed.hi;
        m = isinf(a) ? b : isinf(b) ? a : fmin(a, b);
    } else if (below(computed, claimed)) {
        v = COR_V_CONTRADICTED;
        m = computed.hi - claimed.lo;
    } else if (below(claimed, computed)) {
        v = COR_V_CONTRADICTED;
        m = claimed.hi - computed.lo;
    } else
        v = COR_V_UNDECIDED;
    if (margin)
        *margin = m;
    return v;
}

enum cor_status cor_claims_ids(const struct cor_dataset *ds, cor_sym **out, size_t *nout,
                               struct cor_error *err)
{
    size_t n = 0, max = cor_dataset_count(ds, COR_KIND_CLAIM);
    cor_sym *ids = malloc((max ? max : 1) * sizeof *ids);   /* at most one id a row */
    *out = NULL;
    *nout = 0;
    if (!ids)
        return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < max; i++) {
        const struct cor_claim_record *c = cor_dataset_record(ds, COR_KIND_CLAIM, i).claim;
        if (c->origin.invalid || cor_claims_metric(ds, c) == COR_CM_SKIP)
            continue;   /* skip rows are statements left unchecked (check --article) */
        int seen = 0;
        for (size_t j = 0; j < n && !seen; j++)
            seen = ids[j] == c->id;
        if (!seen)
            ids[n++] = c->id;
    }
    *out = ids;
    *nout = n;
    return COR_OK;
}

/* ---- the verdict ------------------------------------------------------------ */

void cor_verdict_init(struct cor_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->decided_by = COR_EV_COUNT;
}

void cor_verdict_fini(struct cor_verdict *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->nalts; i++) {
        free(v->alts[i].inputs);
        free(v->alts[i].detail);
    }
    free(v->alts);
    for (size_t i = 0; v->series && i < v->nrows; i++)
        cor_series_fini(&v->series[i]);
    free(v->series);
    free(v->rows);
    free(v->formula);
    free(v->problem);
    free(v->summary);
    cor_verdict_init(v);
}

/* ---- the verdict from the alternatives ------------------------------------------ */

static int is_history(enum cor_claim_metric m)
{
    return m == COR_CM_RECORD || m == COR_CM_RECORD_LOW || m == COR_CM_FIRST_TIME;
}

/* The level test joined with the history test: both must hold. A margin is
 * shown for each test that decided the verdict. */
static void join_tests(struct cor_alternative *a, enum cor_verdict_kind level, double level_margin)
{
    enum cor_verdict_kind history = a->verdict, v;
    if (level == COR_V_CONTRADICTED || history == COR_V_CONTRADICTED)
        v = COR_V_CONTRADICTED;
    else if (level == COR_V_NO_DATA || history == COR_V_NO_DATA)
        v = COR_V_NO_DATA;
    else if (level == COR_V_SUPPORTED && history == COR_V_SUPPORTED)
        v = COR_V_SUPPORTED;
    else
        v = COR_V_UNDECIDED;
    a->verdict = v;
    a->margin = level == v ? level_margin : NAN;
    if (history != v)
        a->history_margin = NAN;
}

/* supported if one supports and none contradicts, contradicted if one
 * contradicts and none supports, undecided otherwise. */
static enum cor_verdict_kind combine(size_t sup, size_t con, size_t und)
{
    return sup && !con ? COR_V_SUPPORTED
           : con && !sup ? COR_V_CONTRADICTED
           : sup || con || und ? COR_V_UNDECIDED
                               : COR_V_NO_DATA;
}

/* "a projection", "estimates", "projections and plans"... */
static void class_words(const struct cor_verdict *v, enum cor_evidence_class cls, size_t n,
                        struct cor_claims_text *t)
{
    int projected = 0, planned = 0;
    for (size_t i = 0; i < v->nalts; i++) {
        const struct cor_alternative *a = &v->alts[i];
        if (a->evidence_class != cls || a->verdict == COR_V_NO_DATA)
            continue;
        for (size_t k = 0; k < a->ninputs; k++) {
            projected |= a->inputs[k]->status == COR_S_PROJECTED;
            planned |= a->inputs[k]->status == COR_S_PLANNED;
        }
    }
    switch (cls) {
    case COR_EV_ACTUAL: cor_claims_text_add(t, n == 1 ? "an actual figure" : "actual figures");
        break;
    case COR_EV_ESTIMATE: cor_claims_text_add(t, n == 1 ? "an estimate" : "estimates"); break;
    case COR_EV_PROJECTED:
        if (projected && planned)
            cor_claims_text_add(t, "projections and plans");
        else if (planned)
            cor_claims_text_add(t, n == 1 ? "a plan" : "plans");
        else
            cor_claims_text_add(t, n == 1 ? "a projection" : "projections");
        break;
    default: cor_claims_text_add(t, n == 1 ? "a statement" : "statements"); break;
    }
}

/* The verdict by the evidence hierarchy, and its summary in words. */
static void decide(struct cor_verdict *v, struct cor_claims_text *summary)
{
    size_t sup[COR_EV_COUNT] = {0}, con[COR_EV_COUNT] = {0}, und[COR_EV_COUNT] = {0};
    for (size_t i = 0; i < v->nalts; i++) {
        const struct cor_alternative *a = &v->alts[i];
        if (a->evidence_class == COR_EV_COUNT)
            continue;   /* no figures: no data */
        sup[a->evidence_class] += a->verdict == COR_V_SUPPORTED;
        con[a->evidence_class] += a->verdict == COR_V_CONTRADICTED;
        und[a->evidence_class] += a->verdict == COR_V_UNDECIDED;
    }
    v->verdict = COR_V_NO_DATA;
    v->decided_by = COR_EV_COUNT;
    for (int c = 0; c < COR_EV_COUNT; c++) {
        enum cor_verdict_kind k = combine(sup[c], con[c], und[c]);
        if (k == COR_V_NO_DATA)
            continue;
        size_t n = sup[c] + con[c] + und[c];
        if (v->decided_by == COR_EV_COUNT) {
            v->verdict = k;
            v->decided_by = (enum cor_evidence_class)c;
            cor_claims_text_add(summary, "%s on ", cor_verdict_name(k));
            class_words(v, (enum cor_evidence_class)c, 2, summary);
            continue;
        }
        cor_claims_text_add(summary, "; ");
        class_words(v, (enum cor_evidence_class)c, n, summary);
        cor_claims_text_add(summary, " %s",
                            k == COR_V_SUPPORTED      ? (n == 1 ? "supports it" : "support it")
                            : k == COR_V_CONTRADICTED ? (n == 1 ? "contradicts it"
                                                                : "contradict it")
                                                      : "cannot decide it");
    }
    for (size_t i = 0; i < v->nalts; i++)
        v->alts[i].decides = v->alts[i].evidence_class == v->decided_by &&
                             v->alts[i].verdict != COR_V_NO_DATA;
}

/* Each new alternative of a row: its verdict (the level test, joined with the
 * history test for record, record_low and first_time) and its class. */
static void judge(struct cor_verdict *v, enum cor_claim_metric metric, size_t from)
{
    for (size_t i = from; i < v->nalts; i++) {
        struct cor_alternative *a = &v->alts[i];
        double m;
        enum cor_verdict_kind level = cor_claims_compare(a->computed, v->claimed, &m);
        if (is_history(metric))
            join_tests(a, level, m);
        else {
            a->verdict = level;
            a->margin = m;
        }
        /* the class of its weakest figure; none without figures */
        a->evidence_class = a->ninputs ? COR_EV_ACTUAL : COR_EV_COUNT;
        for (size_t k = 0; k < a->ninputs; k++) {
            enum cor_evidence_class c = cor_evidence_class_of(a->inputs[k]->status);
            if (c > a->evidence_class)
                a->evidence_class = c;
        }
    }
}

enum cor_status cor_claims_evaluate(const struct cor_dataset *ds, cor_sym id,
                                    const struct cor_ival_opts *opts, struct cor_verdict *out,
                                    struct cor_error *err)
{
    cor_verdict_init(out);
    size_t n = 0, total = cor_dataset_count(ds, COR_KIND_CLAIM);
    for (size_t i = 0; i < total; i++) {
        const struct cor_claim_record *c = cor_dataset_record(ds, COR_KIND_CLAIM, i).claim;
        n += c->id == id && !c->origin.invalid && cor_claims_metric(ds, c) != COR_CM_SKIP;
    }
    if (!n)
        return cor_error_set(err, COR_ENOTFOUND, NULL, 0, 0, "no claim '%s'",
                             cor_dataset_str(ds, id));
    out->rows = malloc(n * sizeof *out->rows);
    out->series = calloc(n, sizeof *out->series);
    if (!out->rows || !out->series)
        return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < total; i++) {
        const struct cor_claim_record *c = cor_dataset_record(ds, COR_KIND_CLAIM, i).claim;
        if (c->id == id && !c->origin.invalid && cor_claims_metric(ds, c) != COR_CM_SKIP)
            out->rows[out->nrows++] = c;
    }
    out->claim = out->rows[0];
    out->claimed = cor_claims_interval(out->claim, cor_claims_metric(ds, out->claim), opts);
    struct cor_claims_text formula = {0}, why = {0}, summary = {0};
    enum cor_status st = COR_OK;
    for (size_t r = 0; r < out->nrows && st == COR_OK; r++) {
        struct cor_claims_row x = {0};
        x.ds = ds;
        x.v = out;
        x.row = r;
        x.c = out->rows[r];
        x.opts = opts;
        size_t before = out->nalts;
        cor_claims_row_evidence(&x);
        st = x.st;
        if (st == COR_OK)
            judge(out, x.metric, before);
        char *f = cor_claims_text_take(&x.formula);
        if (!f)
            st = COR_ENOMEM;
        else if (out->nrows == 1)
            cor_claims_text_add(&formula, "%s", f);
        else if (*f)
            cor_claims_text_add(&formula, "%s%zu: %s", formula.len ? "; " : "", r + 1, f);
        free(f);
        cor_claims_row_fini(&x);
    }
    if (st == COR_OK) {
        decide(out, &summary);
        /* why: the alternatives without data, each with its reason */
        for (size_t a = 0; a < out->nalts; a++) {
            const struct cor_alternative *alt = &out->alts[a];
            if (alt->verdict != COR_V_NO_DATA)
                continue;
            enum cor_na na = alt->computed.na;
            int said = na == COR_NA_MISSING_PERIOD || na == COR_NA_NO_FIGURE;
            if (why.len)
                cor_claims_text_add(&why, "; ");
            if (out->nrows > 1)
                cor_claims_text_add(&why, "evidence %zu: ", alt->evidence + 1);
            cor_claims_text_add(&why, "%s%s%s", alt->detail, said ? "" : ": ",
                                said ? "" : cor_na_reason(na));
        }
        if (out->verdict == COR_V_NO_DATA) {
            if (!why.len)
                cor_claims_text_add(&why, "no figure in the data matches the claim");
            cor_claims_text_add(&summary, "no data: %s", why.s);
        }
        out->formula = cor_claims_text_take(&formula);
        out->problem = cor_claims_text_take(&why);
        out->summary = cor_claims_text_take(&summary);
        if (!out->formula || !out->problem || !out->summary)
            st = COR_ENOMEM;
    }
    cor_claims_text_fini(&formula);
    cor_claims_text_fini(&why);
    cor_claims_text_fini(&summary);
    if (st != COR_OK)
        return cor_error_set(err, st, NULL, 0, 0, "out of memory");
    return COR_OK;
}
