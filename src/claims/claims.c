/* Claims: evidence -> alternatives -> verdicts (see claims.h). */
#include "corridor/claims.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/convert.h"
#include "corridor/metrics.h"
#include "corridor/num.h"

const char *cor_verdict_name(enum cor_verdict_kind v)
{
    static const char *const names[] = {"supported", "contradicted", "undecided", "no data"};
    return (unsigned)v < 4 ? names[v] : "?";
}

void cor_verdict_init(struct cor_verdict *v)
{
    memset(v, 0, sizeof *v);
}

void cor_verdict_fini(struct cor_verdict *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->nrows; i++)
        cor_series_fini(&v->series[i]);
    free(v->alts);
    memset(v, 0, sizeof *v);
}

struct cor_ival cor_claims_interval(const struct cor_claim_record *c,
                                    const struct cor_ival_opts *opts)
{
    double v = c->claim_value;
    if (!isnan(c->tolerance)) {
        /* an expected value: [v - tol |v|, v + tol |v|] */
        double d = c->tolerance * fabs(v);
        return (struct cor_ival){v, v - d, v + d, 0, 0, COR_NA_NONE};
    }
    if (c->claim_qualifier == COR_Q_EXACT) {
        /* an exact figure holds to half a unit of its last printed digit */
        double half = 0.5 * pow(10.0, -c->claim_decimals);
        return (struct cor_ival){v, v - half, v + half, 0, 0, COR_NA_NONE};
    }
    return cor_ival_from_published(c->claim_qualifier, v, c->claim_lo, c->claim_hi,
                                   c->claim_decimals, 1.0, opts);
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

size_t cor_claims_ids(const struct cor_dataset *ds, cor_sym *ids, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < cor_dataset_count(ds, COR_KIND_CLAIM); i++) {
        const struct cor_claim_record *c = cor_dataset_record(ds, COR_KIND_CLAIM, i);
        if (c->origin.invalid || strcmp(cor_dataset_str(ds, c->metric), "skip") == 0)
            continue;   /* skip rows are statements left unchecked (check --article) */
        int seen = 0;
        for (size_t j = 0; j < n && !seen; j++)
            seen = ids[j] == c->id;
        if (!seen && n < max)
            ids[n++] = c->id;
    }
    return n;
}

/* ---- evidence ------------------------------------------------------------- */

struct where_buf {
    char cols[COR_SELECT_MAX_WHERE][64], vals[COR_SELECT_MAX_WHERE][128];
};

static void make_select(const struct cor_dataset *ds, const struct cor_claim_record *c,
                        const struct cor_ival_opts *opts, struct cor_select *sel,
                        struct where_buf *w)
{
    const char *kind = cor_dataset_str(ds, c->kind);
    const struct cor_schema *sc = cor_schema_lookup(kind, strlen(kind));
    cor_select_init(sel, sc ? sc->kind : COR_KIND_PORT);
    if (opts)
        sel->ival = *opts;
    sel->entity = c->entity ? cor_dataset_str(ds, c->entity) : NULL;
    sel->unit = c->unit;
    sel->currency = c->currency;
    const char *p = cor_dataset_str(ds, c->where);
    while (*p && sel->nwhere < COR_SELECT_MAX_WHERE) {
        size_t len = strcspn(p, ";");
        const char *eq = memchr(p, '=', len);
        if (eq) {
            snprintf(w->cols[sel->nwhere], sizeof w->cols[0], "%.*s", (int)(eq - p), p);
            snprintf(w->vals[sel->nwhere], sizeof w->vals[0], "%.*s", (int)(len - (size_t)(eq - p) - 1),
                     eq + 1);
            sel->where[sel->nwhere].column = w->cols[sel->nwhere];
            sel->where[sel->nwhere].value = w->vals[sel->nwhere];
            sel->nwhere++;
        }
        p += len;
        if (*p == ';')
            p++;
    }
    const char *st = cor_dataset_str(ds, c->status);
    while (*st) {
        size_t len = strcspn(st, ",");
        int s = cor_status_lookup(st, len);
        if (s >= 0)
            sel->status_mask |= 1u << s;
        st += len;
        if (*st == ',')
            st++;
    }
    if (c->by)
        sel->vary = cor_dataset_str(ds, c->by);
}

/* The series' value in the claim's unit. */
static struct cor_ival to_claim_unit(struct cor_ival v, int from, int claim_unit)
{
    if (v.na)
        return v;
    double k;
    if (cor_convert_factor(from, claim_unit, NULL, &k, NULL) != COR_OK)
        return cor_ival_na(COR_NA_INCOMPATIBLE_UNITS);
    return cor_ival_scale(v, k);
}

/* A rate (a fraction) in the claim's unit: "%" or "fraction". */
static struct cor_ival rate_to_claim_unit(struct cor_ival v, int claim_unit)
{
    const struct cor_unit *u = cor_unit_at(claim_unit);
    if (v.na)
        return v;
    if (!u || u->dim != COR_DIM_SHARE)
        return cor_ival_na(COR_NA_INCOMPATIBLE_UNITS);
    return cor_ival_scale(v, 1.0 / u->factor);
}

static int same_period(const struct cor_period *a, const struct cor_period *b)
{
    return a->kind == b->kind && cor_period_equal(a, b);
}

static struct cor_alternative *new_alt(struct cor_verdict *v, size_t row)
{
    if (v->nalts == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        struct cor_alternative *a = realloc(v->alts, cap * sizeof *a);
        if (!a)
            return NULL;
        v->alts = a;
        v->cap = cap;
    }
    struct cor_alternative *a = &v->alts[v->nalts++];
    memset(a, 0, sizeof *a);
    a->evidence = row;
    a->computed = cor_ival_na(COR_NA_MISSING_PERIOD);
    return a;
}

static void add_input(struct cor_alternative *a, const struct cor_point *p)
{
    if (p && a->ninputs < COR_ALT_MAX_INPUTS)
        a->inputs[a->ninputs++] = p;
}

/* Combines two tests that must both hold. */
static enum cor_verdict_kind both(enum cor_verdict_kind a, enum cor_verdict_kind b)
{
    if (a == COR_V_CONTRADICTED || b == COR_V_CONTRADICTED)
        return COR_V_CONTRADICTED;
    if (a == COR_V_NO_DATA || b == COR_V_NO_DATA)
        return COR_V_NO_DATA;
    if (a == COR_V_SUPPORTED && b == COR_V_SUPPORTED)
        return COR_V_SUPPORTED;
    return COR_V_UNDECIDED;
}

static int earlier(const struct cor_period *a, const struct cor_period *target)
{
    return a->kind != COR_PERIOD_UNDATED &&
           (a->y1 < target->y0 || (a->y1 == target->y0 && a->m1 < target->m0));
}

static enum cor_status evidence(const struct cor_dataset *ds, struct cor_verdict *v, size_t row,
                                const struct cor_ival_opts *opts, char *formula, size_t flen,
                                struct cor_error *err)
{
    const struct cor_claim_record *c = v->rows[row];
    struct cor_select sel;
    struct where_buf w;
    make_select(ds, c, opts, &sel, &w);
    struct cor_series *s = &v->series[row];
    struct cor_error why = {0};
    (void)err;
    if (cor_series_select(ds, &sel, s, &why) != COR_OK) {
        snprintf(v->problem, sizeof v->problem, "%.250s", why.message);
        return COR_OK;   /* a selection that does not work is "no data", said why */
    }
    const char *metric = cor_dataset_str(ds, c->metric);
    int has_period = c->period.kind != COR_PERIOD_NONE;
    char pt[32];
    cor_period_format(&c->period, pt, sizeof pt);

    if (strcmp(metric, "value") == 0 || strcmp(metric, "complement") == 0) {
        int complement = metric[0] == 'c';
        for (size_t i = 0; i < s->n; i++) {
            const struct cor_point *p = &s->points[i];
            if (has_period && !same_period(&p->period, &c->period))
                continue;
            struct cor_alternative *a = new_alt(v, row);
            if (!a)
                return COR_ENOMEM;
            add_input(a, p);
            if (complement) {
                /* 100% - share, the share as a fraction first */
                struct cor_ival frac = to_claim_unit(p->v, s->unit, cor_unit_lookup("fraction", 8));
                a->computed = rate_to_claim_unit(cor_ival_sub(cor_ival_exact(1.0), frac),
                                                 c->claim_unit);
            } else
                a->computed = to_claim_unit(p->v, s->unit, c->claim_unit);
            cor_period_format(&p->period, a->detail, sizeof a->detail);
        }
        snprintf(formula, flen,
                 complement ? "100%% - the published share" : "the published figure");
    } else if (strcmp(metric, "growth") == 0) {
        struct cor_period prev = cor_period_shift(&c->period, -12);
        char pp[32];
        cor_period_format(&prev, pp, sizeof pp);
        for (size_t i = 0; i < s->n; i++) {
            const struct cor_point *p = &s->points[i];
            if (!same_period(&p->period, &c->period))
                continue;
            int found = 0;
            for (size_t j = 0; j < s->n; j++) {
                const struct cor_point *q = &s->points[j];
                if (!same_period(&q->period, &prev))
                    continue;
                found = 1;
                struct cor_alternative *a = new_alt(v, row);
                if (!a)
                    return COR_ENOMEM;
                add_input(a, q);
                add_input(a, p);
                a->computed = rate_to_claim_unit(cor_metrics_growth(p->v, q->v), c->claim_unit);
                snprintf(a->detail, sizeof a->detail, "%s vs %s", pt, pp);
            }
            if (!found) {
                struct cor_alternative *a = new_alt(v, row);
                if (!a)
                    return COR_ENOMEM;
                add_input(a, p);
                snprintf(a->detail, sizeof a->detail, "no figure for %s", pp);
            }
        }
        snprintf(formula, flen, "X_%s / X_%s - 1", pt, pp);
    } else if (strcmp(metric, "share") == 0) {
        const char *by = cor_dataset_str(ds, c->by), *part = cor_dataset_str(ds, c->part),
                   *total = cor_dataset_str(ds, c->total);
        for (size_t i = 0; i < s->n; i++) {
            const struct cor_point *p = &s->points[i];
            if (!same_period(&p->period, &c->period) ||
                strcmp(cor_series_text(ds, sel.kind, p->obs, by), part) != 0)
                continue;
            for (size_t j = 0; j < s->n; j++) {
                const struct cor_point *q = &s->points[j];
                if (!same_period(&q->period, &c->period) ||
                    strcmp(cor_series_text(ds, sel.kind, q->obs, by), total) != 0)
                    continue;
                struct cor_alternative *a = new_alt(v, row);
                if (!a)
                    return COR_ENOMEM;
                add_input(a, p);
                add_input(a, q);
                a->computed = rate_to_claim_unit(cor_metrics_share(p->v, q->v), c->claim_unit);
                snprintf(a->detail, sizeof a->detail, "%s / %s, %s", part, total, pt);
            }
        }
        snprintf(formula, flen, "%s / %s (%s)", part,
                 *total ? total : "the total (the rows whose value is empty)",
                 cor_unit_at(s->unit) && cor_unit_at(s->unit)->dim == COR_DIM_MONEY ? "by value"
                                                                                   : "by volume");
    } else {   /* record, first_time */
        int first_time = strcmp(metric, "first_time") == 0;
        struct cor_ival claimed = v->claimed;
        /* the earlier figures: their highest certain and highest possible level */
        double max_lo = -INFINITY, max_hi = -INFINITY;
        const struct cor_point *top = NULL;
        for (size_t j = 0; j < s->n; j++) {
            const struct cor_point *q = &s->points[j];
            if (!earlier(&q->period, &c->period) || q->v.na)
                continue;
            struct cor_ival u = to_claim_unit(q->v, s->unit, c->claim_unit);
            if (u.lo > max_lo) {
                max_lo = u.lo;
                top = q;
            }
            max_hi = fmax(max_hi, u.hi);
        }
        for (size_t i = 0; i < s->n; i++) {
            const struct cor_point *p = &s->points[i];
            if (!same_period(&p->period, &c->period))
                continue;
            struct cor_alternative *a = new_alt(v, row);
            if (!a)
                return COR_ENOMEM;
            add_input(a, p);
            add_input(a, top);
            a->computed = to_claim_unit(p->v, s->unit, c->claim_unit);
            enum cor_verdict_kind history;
            char mx[40], top_text[96];
            cor_num_format(max_lo, mx, sizeof mx);
            snprintf(top_text, sizeof top_text, "%s%s", top ? mx : "none",
                     isinf(max_hi) ? "; an earlier figure has no upper bound" : "");
            if (first_time) {
                /* every earlier figure below the level the claim crosses */
                history = max_hi < claimed.lo   ? COR_V_SUPPORTED
                          : max_lo >= claimed.lo ? COR_V_CONTRADICTED
                                                 : COR_V_UNDECIDED;
                snprintf(a->detail, sizeof a->detail, "%.31s; earlier highest %.95s", pt, top_text);
            } else {
                /* above every earlier figure */
                history = a->computed.na          ? COR_V_NO_DATA
                          : a->computed.lo > max_hi ? COR_V_SUPPORTED
                          : a->computed.hi <= max_lo ? COR_V_CONTRADICTED
                                                     : COR_V_UNDECIDED;
                snprintf(a->detail, sizeof a->detail, "%.31s; earlier highest %.95s", pt, top_text);
            }
            a->verdict = history;   /* combined with the level test below */
            a->margin = NAN;
        }
        snprintf(formula, flen,
                 first_time ? "X_%s in the claimed interval, and every earlier figure below its "
                              "lower end"
                            : "X_%s in the claimed interval, and above every earlier figure",
                 pt);
    }
    return COR_OK;
}

enum cor_status cor_claims_evaluate(const struct cor_dataset *ds, cor_sym id,
                                    const struct cor_ival_opts *opts, struct cor_verdict *out,
                                    struct cor_error *err)
{
    cor_verdict_init(out);
    for (size_t i = 0; i < cor_dataset_count(ds, COR_KIND_CLAIM); i++) {
        const struct cor_claim_record *c = cor_dataset_record(ds, COR_KIND_CLAIM, i);
        if (c->id == id && !c->origin.invalid && out->nrows < 16 &&
            strcmp(cor_dataset_str(ds, c->metric), "skip") != 0)
            out->rows[out->nrows++] = c;
    }
    if (!out->nrows)
        return cor_error_set(err, COR_ENOTFOUND, NULL, 0, 0, "no claim '%s'",
                             cor_dataset_str(ds, id));
    out->claim = out->rows[0];
    out->claimed = cor_claims_interval(out->claim, opts);
    for (size_t r = 0; r < out->nrows; r++) {
        size_t before = out->nalts;
        const char *metric = cor_dataset_str(ds, out->rows[r]->metric);
        int history = strcmp(metric, "record") == 0 || strcmp(metric, "first_time") == 0;
        char formula[256] = "";
        enum cor_status st = evidence(ds, out, r, opts, formula, sizeof formula, err);
        if (st != COR_OK)
            return cor_error_set(err, st, NULL, 0, 0, "out of memory");
        size_t used = strlen(out->formula);
        if (out->nrows == 1)
            snprintf(out->formula, sizeof out->formula, "%s", formula);
        else if (formula[0])
            snprintf(out->formula + used, sizeof out->formula - used, "%s%zu: %s",
                     used ? "; " : "", r + 1, formula);
        for (size_t a = before; a < out->nalts; a++) {
            struct cor_alternative *alt = &out->alts[a];
            enum cor_verdict_kind level = cor_claims_compare(alt->computed, out->claimed,
                                                             &alt->margin);
            alt->verdict = history ? both(level, alt->verdict) : level;
            alt->statements_only = alt->ninputs > 0;
            for (size_t k = 0; k < alt->ninputs; k++)
                alt->statements_only &= alt->inputs[k]->status == COR_S_CLAIM;
        }
    }
    /* the claim's verdict, from measurements first */
    int decisive = 0;
    for (size_t a = 0; a < out->nalts; a++)
        decisive |= !out->alts[a].statements_only && out->alts[a].verdict != COR_V_NO_DATA;
    int sup = 0, con = 0, und = 0;
    for (size_t a = 0; a < out->nalts; a++) {
        const struct cor_alternative *alt = &out->alts[a];
        if (decisive && alt->statements_only)
            continue;
        sup += alt->verdict == COR_V_SUPPORTED;
        con += alt->verdict == COR_V_CONTRADICTED;
        und += alt->verdict == COR_V_UNDECIDED;
    }
    out->verdict = sup && !con   ? COR_V_SUPPORTED
                   : con && !sup ? COR_V_CONTRADICTED
                   : sup || con || und ? COR_V_UNDECIDED
                                       : COR_V_NO_DATA;
    if (out->verdict == COR_V_NO_DATA && !out->problem[0])
        snprintf(out->problem, sizeof out->problem, "%s",
                 out->nalts ? "an input is missing" : "no figure in the data matches the claim");
    return COR_OK;
}
