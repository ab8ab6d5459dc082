/* Evidence: what each claim row computes from the data, one function per
 * metric, each giving alternatives (one per combination of figures); and why
 * a row gives none, with the closest text or period the data has. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims_internal.h"
#include "corridor/convert.h"
#include "corridor/metrics.h"
#include "corridor/num.h"
#include "corridor/parts.h"

/* ---- what every metric shares ------------------------------------------------ */

static struct cor_alternative *new_alt(struct cor_claims_row *x);

/* Says why this row found no figure: an alternative without figures, whose
 * detail is the reason. */
static void missing(struct cor_claims_row *x, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void missing(struct cor_claims_row *x, const char *fmt, ...)
{
    struct cor_alternative *a = new_alt(x);
    if (!a)
        return;
    a->computed = cor_ival_na(COR_NA_NO_FIGURE);
    struct cor_claims_text t = {0};
    va_list ap;
    va_start(ap, fmt);
    cor_claims_text_vadd(&t, fmt, ap);
    va_end(ap);
    a->detail = cor_claims_text_take(&t);
    if (!a->detail)
        x->st = COR_ENOMEM;
}

static int same_period(const struct cor_period *a, const struct cor_period *b)
{
    return a->kind == b->kind && cor_period_equal(a, b);
}

static const char *period_text(const struct cor_period *p, char *buf, size_t n)
{
    cor_period_format(p, buf, n);
    return buf;
}

/* The point of the series nearest to `want` in time, preferring the same form
 * of period; among the points whose `by` text is `part` when part is given. */
static const struct cor_point *closest_point(const struct cor_claims_row *x,
                                             const struct cor_period *want, const char *part)
{
    const struct cor_point *best = NULL;
    long best_d = 0;
    int best_same = 0;
    long w = (long)want->y0 * 12 + want->m0;
    for (size_t i = 0; i < x->s->n; i++) {
        const struct cor_point *p = &x->s->points[i];
        if (p->period.kind == COR_PERIOD_UNDATED)
            continue;
        if (part && strcmp(cor_series_text(x->ds, cor_record_of_obs(x->sel.kind, p->obs),
                                           cor_dataset_str(x->ds, x->c->by)),
                           part) != 0)
            continue;
        long d = labs((long)p->period.y0 * 12 + p->period.m0 - w);
        int same = p->period.kind == want->kind &&
                   cor_period_months(&p->period) == cor_period_months(want);
        if (!best || same > best_same || (same == best_same && d < best_d)) {
            best = p;
            best_d = d;
            best_same = same;
        }
    }
    return best;
}

/* "no figure for 2025 (closest in the data: 2024)". */
static void missing_period(struct cor_claims_row *x, const struct cor_period *want,
                           const char *part)
{
    char pt[32], near[32];
    const struct cor_point *p = closest_point(x, want, part);
    const char *by = cor_dataset_str(x->ds, x->c->by);
    if (p)
        period_text(&p->period, near, sizeof near);
    if (part)
        missing(x, "no figure for %s '%s' in %s%s%s%s", by, part, period_text(want, pt, sizeof pt),
                p ? " (closest in the data: " : "", p ? near : "", p ? ")" : "");
    else
        missing(x, "no figure for %s%s%s%s", period_text(want, pt, sizeof pt),
                p ? " (closest in the data: " : "", p ? near : "", p ? ")" : "");
}

/* Why the selection is empty, with the closest text the data has. */
static void missing_selection(struct cor_claims_row *x)
{
    char why[600];
    cor_series_explain_empty(x->ds, &x->sel, why, sizeof why, NULL);   /* "" on error */
    missing(x, "%s", why[0] ? why : "no figure in the data matches the selection");
}

/* Builds the selection of a claim row. Returns 0 (said why) when it cannot. */
static int make_select(struct cor_claims_row *x)
{
    const struct cor_claim_record *c = x->c;
    const char *kind = cor_dataset_str(x->ds, c->kind);
    const struct cor_schema *sc = cor_schema_lookup(kind, strlen(kind));
    cor_select_init(&x->sel, sc ? sc->kind : COR_KIND_PORT);
    if (x->opts)
        x->sel.ival = *x->opts;
    x->sel.entity = c->entity ? cor_dataset_str(x->ds, c->entity) : NULL;
    x->sel.unit = c->unit;
    x->sel.currency = c->currency;
    if (c->by)
        x->sel.vary = cor_dataset_str(x->ds, c->by);
    /* the conditions, split at ';' in a copy; their column names packed in a
     * second buffer of the same size */
    const char *where = cor_dataset_str(x->ds, c->where);
    size_t wlen = strlen(where) + 1;
    x->where = malloc(2 * wlen);
    if (!x->where) {
        x->st = COR_ENOMEM;
        return 0;
    }
    memcpy(x->where, where, wlen);
    char *cols = x->where + wlen;
    for (char *p = x->where; *p;) {
        size_t len = strcspn(p, ";");
        int last = p[len] == '\0';
        p[len] = '\0';
        if (x->sel.nwhere == COR_SELECT_MAX_WHERE) {
            missing(x, "more than %d conditions in column where (the most a selection takes)",
                    COR_SELECT_MAX_WHERE);
            return 0;
        }
        struct cor_error err = {0};
        int n = (int)x->sel.nwhere;
        if (cor_where_parse(p, cols, wlen - (size_t)(cols - (x->where + wlen)),
                            &x->sel.where[n].value, &x->sel.where[n].negate, &err) != COR_OK) {
            missing(x, "%s", err.message);
            return 0;
        }
        x->sel.where[n].column = cols;
        cols += strlen(cols) + 1;
        x->sel.nwhere++;
        p += len + !last;
    }
    const char *st = cor_dataset_str(x->ds, c->status);
    while (*st) {
        size_t len = strcspn(st, ",");
        int s = cor_status_lookup(st, len);
        if (s >= 0)
            x->sel.status_mask |= 1u << s;
        st += len;
        if (*st == ',')
            st++;
    }
    return 1;
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

/* A rate (a fraction) in the claim's unit: "%" or "fraction" (none: fraction). */
static struct cor_ival rate_to_claim_unit(struct cor_ival v, int claim_unit)
{
    const struct cor_unit *u = cor_unit_at(claim_unit);
    if (v.na || claim_unit < 0)
        return v;
    if (!u || u->dim != COR_DIM_SHARE)
        return cor_ival_na(COR_NA_INCOMPATIBLE_UNITS);
    return cor_ival_scale(v, 1.0 / u->factor);
}

/* A new alternative of this row; NULL (and x->st set) when memory runs out. */
static struct cor_alternative *new_alt(struct cor_claims_row *x)
{
    struct cor_verdict *v = x->v;
    if (v->nalts == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        struct cor_alternative *a = realloc(v->alts, cap * sizeof *a);
        if (!a) {
            x->st = COR_ENOMEM;
            return NULL;
        }
        v->alts = a;
        v->cap = cap;
    }
    struct cor_alternative *a = &v->alts[v->nalts++];
    memset(a, 0, sizeof *a);
    a->evidence = x->row;
    a->computed = cor_ival_na(COR_NA_MISSING_PERIOD);
    a->margin = a->history_margin = NAN;
    a->verdict = COR_V_NO_DATA;
    return a;
}

static void add_input(struct cor_claims_row *x, struct cor_alternative *a,
                      const struct cor_point *p)
{
    if (!p)
        return;
    for (size_t k = 0; k < a->ninputs; k++)
        if (a->inputs[k] == p)
            return;
    const struct cor_point **in = realloc(a->inputs, (a->ninputs + 1) * sizeof *in);
    if (!in) {
        x->st = COR_ENOMEM;
        return;
    }
    a->inputs = in;
    in[a->ninputs++] = p;
}

static void set_detail(struct cor_claims_row *x, struct cor_alternative *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void set_detail(struct cor_claims_row *x, struct cor_alternative *a, const char *fmt, ...)
{
    struct cor_claims_text t = {0};
    va_list ap;
    va_start(ap, fmt);
    cor_claims_text_vadd(&t, fmt, ap);
    va_end(ap);
    free(a->detail);
    a->detail = cor_claims_text_take(&t);
    if (!a->detail)
        x->st = COR_ENOMEM;
}

/* The two periods a comparison needs: A..B as written, or P a year earlier .. P. */
static void two_periods(const struct cor_claim_record *c, struct cor_period *a,
                        struct cor_period *b)
{
    if (!cor_period_span_ends(&c->period, a, b)) {
        *b = c->period;
        *a = cor_period_year_earlier(&c->period);
    }
}

/* ---- evidence: one function per metric ----------------------------------------- */

/* value, complement: the published figures themselves. */
static void ev_value(struct cor_claims_row *x)
{
    const struct cor_claim_record *c = x->c;
    int complement = x->metric == COR_CM_COMPLEMENT, has_period = c->period.kind != COR_PERIOD_NONE;
    char pt[32];
    size_t before = x->v->nalts;
    for (size_t i = 0; i < x->s->n; i++) {
        const struct cor_point *p = &x->s->points[i];
        if (has_period && !same_period(&p->period, &c->period))
            continue;
        struct cor_alternative *a = new_alt(x);
        if (!a)
            return;
        add_input(x, a, p);
        if (complement) {
            /* 100% - share, the share as a fraction first */
            struct cor_ival frac = to_claim_unit(p->v, x->s->unit, cor_unit_lookup("fraction", 8));
            a->computed = rate_to_claim_unit(cor_ival_sub(cor_ival_exact(1.0), frac),
                                             c->claim_unit);
        } else
            a->computed = to_claim_unit(p->v, x->s->unit, c->claim_unit);
        set_detail(x, a, "%s", period_text(&p->period, pt, sizeof pt));
    }
    if (has_period && x->v->nalts == before)
        missing_period(x, &c->period, NULL);
    cor_claims_text_add(&x->formula, complement ? "100%% - the published share"
                                                : "the published figure");
}

/* A direction in words, from the sign of the computed change. */
static const char *direction_word(struct cor_ival d)
{
    if (d.na)
        return "";
    if (d.lo > 0 || (d.lo == 0 && d.lo_open))
        return "rose";
    if (d.hi < 0 || (d.hi == 0 && d.hi_open))
        return "fell";
    if (d.lo == 0 && d.hi == 0)
        return "unchanged";
    return d.lo >= 0 ? "rose or unchanged" : d.hi <= 0 ? "fell or unchanged" : "rose or fell";
}

/* X_B against X_A by the row's metric, in the claim's unit. */
static struct cor_ival compare_two(const struct cor_claims_row *x, struct cor_ival b,
                                   struct cor_ival a, double years)
{
    int cu = x->c->claim_unit;
    switch (x->metric) {
    case COR_CM_MULTIPLE: {
        /* X_B / X_A in times */
        const struct cor_unit *u = cor_unit_at(cu);
        if (!u || strcmp(u->name, "x") != 0)
            return cor_ival_na(COR_NA_INCOMPATIBLE_UNITS);
        return cor_ival_div(b, a);
    }
    case COR_CM_CHANGE: return to_claim_unit(cor_metrics_change(b, a), x->s->unit, cu);
    case COR_CM_CAGR: return rate_to_claim_unit(cor_metrics_cagr(b, a, years), cu);
    case COR_CM_GROWTH:
    case COR_CM_DIRECTION:
    default: return rate_to_claim_unit(cor_metrics_growth(b, a), cu);
    }
}

/* growth, multiple, change, cagr, direction: every pair of a figure for B and
 * one for A. */
static void ev_two_periods(struct cor_claims_row *x)
{
    struct cor_period pa, pb;
    two_periods(x->c, &pa, &pb);
    char ta[32], tb[32];
    period_text(&pa, ta, sizeof ta);
    period_text(&pb, tb, sizeof tb);
    /* years elapsed between the starts (World Bank: n = end - start) */
    double years = (pb.y0 - pa.y0) + (pb.m0 - pa.m0) / 12.0;
    size_t before = x->v->nalts;
    const struct cor_series *s = x->s;
    for (size_t i = cor_series_next_at(s, &pb, 0); i < s->n;
         i = cor_series_next_at(s, &pb, i + 1)) {
        const struct cor_point *p = &s->points[i];
        int found = 0;
        for (size_t j = cor_series_next_at(s, &pa, 0); j < s->n;
             j = cor_series_next_at(s, &pa, j + 1)) {
            const struct cor_point *q = &s->points[j];
            struct cor_alternative *a = new_alt(x);
            if (!a)
                return;
            found = 1;
            add_input(x, a, q);
            add_input(x, a, p);
            a->computed = compare_two(x, p->v, q->v, years);
            if (x->metric == COR_CM_DIRECTION)
                set_detail(x, a, "%s vs %s: %s", tb, ta, direction_word(a->computed));
            else
                set_detail(x, a, "%s vs %s", tb, ta);
        }
        if (!found) {
            struct cor_alternative *a = new_alt(x);
            if (!a)
                return;
            add_input(x, a, p);
            const struct cor_point *near = closest_point(x, &pa, NULL);
            char nt[32];
            if (near)
                period_text(&near->period, nt, sizeof nt);
            set_detail(x, a, "%s vs %s: no figure for %s%s%s%s", tb, ta, ta,
                       near ? " (closest in the data: " : "", near ? nt : "", near ? ")" : "");
        }
    }
    if (x->v->nalts == before && s->n)
        missing_period(x, &pb, NULL);
    switch (x->metric) {
    case COR_CM_MULTIPLE: cor_claims_text_add(&x->formula, "X_%s / X_%s", tb, ta); break;
    case COR_CM_CHANGE: cor_claims_text_add(&x->formula, "X_%s - X_%s", tb, ta); break;
    case COR_CM_CAGR: {
        char n[32];
        cor_num_format(years, n, sizeof n);
        cor_claims_text_add(&x->formula, "(X_%s / X_%s)^(1/%s) - 1", tb, ta, n);
        break;
    }
    case COR_CM_DIRECTION: {
        char d[32];
        cor_num_format((x->opts ? x->opts->approx_rel : 0.05) * 100, d, sizeof d);
        cor_claims_text_add(&x->formula,
                            "X_%s / X_%s - 1 against 0 (rose above 0, fell below it, unchanged "
                            "within +/-%s%%)",
                            tb, ta, d);
        break;
    }
    default: cor_claims_text_add(&x->formula, "X_%s / X_%s - 1", tb, ta); break;
    }
}

/* ---- parts of a group: share, pp_change, rank ----------------------------------- */

/* The figures of one period grouped by the `by` column. */
struct group {
    const struct cor_point **pts;    /* the figures of the period */
    const char **names;              /* their `by` text */
    size_t n;
    const char *total;               /* the name of the total, NULL: the sum of the parts */
};

static void group_fini(struct group *g)
{
    free(g->pts);
    free(g->names);
    memset(g, 0, sizeof *g);
}

/* The figures of period p that are parts or the total, as corridor/parts.h
 * defines them (the one definition: rows flagged as aggregates of `by` are
 * not parts, as in corridor share). The total is the part named by the
 * total column, or else the rows whose `by` cell is empty (an empty key
 * means "all"), or else none: the sum of the parts. A part without a figure
 * stays, so that the verdict says so. Returns 0 when memory runs out. */
static int group_at(struct cor_claims_row *x, const struct cor_period *p, struct group *g)
{
    memset(g, 0, sizeof *g);
    struct cor_parts_opts o = {cor_dataset_str(x->ds, x->c->by),
                               cor_dataset_str(x->ds, x->c->total), 0};
    struct cor_parts P;
    size_t n = x->s->n ? x->s->n : 1;
    g->pts = malloc(n * sizeof *g->pts);
    g->names = malloc(n * sizeof *g->names);
    if (!g->pts || !g->names || cor_parts_at(x->ds, x->sel.kind, x->s, p, &o, &P, NULL) != COR_OK) {
        x->st = COR_ENOMEM;
        group_fini(g);
        return 0;
    }
    for (size_t i = 0; i < P.n; i++) {
        if (P.rows[i].role == COR_PART_AGGREGATE)
            continue;
        g->pts[g->n] = P.rows[i].pt;
        g->names[g->n] = P.rows[i].name;
        g->n++;
    }
    g->total = P.total;
    cor_parts_fini(&P);
    return 1;
}

/* Without a stated total, a part named like a total of the others (World,
 * Total, All) would make every share and rank wrong: it is refused with
 * its reason (corridor share warns about the same part). Returns 1 then. */
static int total_as_part(struct cor_claims_row *x, const struct group *g)
{
    if (g->total)
        return 0;
    for (size_t i = 0; i < g->n; i++)
        if (cor_parts_looks_like_total(g->names[i])) {
            const char *by = cor_dataset_str(x->ds, x->c->by);
            missing(x, "part '%s' looks like a total of the other parts: give it as the total, "
                       "flag it in the column 'aggregate', or leave it out with %s!=%s in where",
                    g->names[i], by, g->names[i]);
            return 1;
        }
    return 0;
}

/* The hull of the figures of one part (sources that disagree widen it). */
static struct cor_ival part_hull(const struct group *g, const char *name)
{
    struct cor_ival h = cor_ival_na(COR_NA_MISSING_PERIOD);
    int first = 1;
    for (size_t i = 0; i < g->n; i++) {
        if (strcmp(g->names[i], name) != 0)
            continue;
        struct cor_ival v = g->pts[i]->v;
        if (v.na || first) {
            h = v;
            first = 0;
            if (v.na)
                return v;
            continue;
        }
        if (v.lo < h.lo || (v.lo == h.lo && !v.lo_open)) {
            h.lo_open = v.lo_open;
            h.lo = v.lo;
        }
        if (v.hi > h.hi || (v.hi == h.hi && !v.hi_open)) {
            h.hi_open = v.hi_open;
            h.hi = v.hi;
        }
        h.value = (h.lo + h.hi) / 2;
    }
    return h;
}

/* 1 if names[i] is the first figure of its part in the group. */
static int first_of_part(const struct group *g, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (strcmp(g->names[j], g->names[i]) == 0)
            return 0;
    return 1;
}

/* A share of the part: part / total, or part / the sum of the parts. */
struct share_alt {
    struct cor_ival v;               /* a fraction */
    const struct cor_point **in;
    size_t nin;
};

struct shares {
    struct share_alt *a;
    size_t n;
    char *total;                     /* what the part is divided by, in words */
    int all;                         /* the total is the rows with an empty `by` */
};

static void shares_fini(struct shares *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->a[i].in);
    free(s->a);
    free(s->total);
    memset(s, 0, sizeof *s);
}

static struct share_alt *new_share(struct cor_claims_row *x, struct shares *s, size_t nin)
{
    struct share_alt *a = realloc(s->a, (s->n + 1) * sizeof *a);
    if (!a) {
        x->st = COR_ENOMEM;
        return NULL;
    }
    s->a = a;
    a = &s->a[s->n];
    a->in = malloc((nin ? nin : 1) * sizeof *a->in);
    if (!a->in) {
        x->st = COR_ENOMEM;
        return NULL;
    }
    a->nin = 0;
    s->n++;
    return a;
}

/* The shares of the part in period p (one per combination of figures; the
 * other parts of a sum as hulls). Says why when there is none. */
static void shares_at(struct cor_claims_row *x, const struct cor_period *p, struct shares *out)
{
    memset(out, 0, sizeof *out);
    const char *part = cor_dataset_str(x->ds, x->c->part);
    struct group g;
    if (!group_at(x, p, &g))
        return;
    size_t nparts = 0, ntotal = 0, nnames = 0;
    for (size_t i = 0; i < g.n; i++) {
        nparts += strcmp(g.names[i], part) == 0;
        ntotal += g.total && strcmp(g.names[i], g.total) == 0;
        nnames += first_of_part(&g, i) && !(g.total && strcmp(g.names[i], g.total) == 0);
    }
    if (!nparts) {
        missing_period(x, p, part);
        group_fini(&g);
        return;
    }
    if (total_as_part(x, &g)) {
        group_fini(&g);
        return;
    }
    if (g.total && !ntotal) {
        char pt[32];
        missing(x, "no figure for the total (%s '%s') in %s", cor_dataset_str(x->ds, x->c->by),
                g.total, period_text(p, pt, sizeof pt));
        group_fini(&g);
        return;
    }
    /* the total in words: "World", "all", or the sum "(A + B + C)" */
    struct cor_claims_text tt = {0};
    if (g.total)
        cor_claims_text_add(&tt, "%s", *g.total ? g.total : "all");
    for (size_t i = 0; i < g.n && !g.total; i++)
        if (first_of_part(&g, i))
            cor_claims_text_add(&tt, "%s%s", tt.len ? " + " : "(", g.names[i]);
    if (!g.total)
        cor_claims_text_add(&tt, ")");
    out->all = g.total && !*g.total;
    out->total = cor_claims_text_take(&tt);
    if (!out->total)
        x->st = COR_ENOMEM;
    for (size_t i = 0; i < g.n && x->st == COR_OK; i++) {
        if (strcmp(g.names[i], part) != 0)
            continue;
        if (g.total) {
            for (size_t j = 0; j < g.n; j++) {
                if (strcmp(g.names[j], g.total) != 0)
                    continue;
                struct share_alt *a = new_share(x, out, 2);
                if (!a)
                    break;
                a->in[a->nin++] = g.pts[i];
                a->in[a->nin++] = g.pts[j];
                a->v = cor_metrics_share(g.pts[i]->v, g.pts[j]->v);
            }
            continue;
        }
        /* the sum of the parts: this figure, and every other part's hull */
        struct cor_ival *parts = malloc((nnames ? nnames : 1) * sizeof *parts);
        struct share_alt *a = parts ? new_share(x, out, g.n) : NULL;
        if (!a) {
            x->st = COR_ENOMEM;
            free(parts);
            break;
        }
        size_t k = 0;
        parts[k++] = g.pts[i]->v;
        a->in[a->nin++] = g.pts[i];
        for (size_t j = 0; j < g.n; j++) {
            if (strcmp(g.names[j], part) == 0)
                continue;
            a->in[a->nin++] = g.pts[j];
            if (first_of_part(&g, j))
                parts[k++] = part_hull(&g, g.names[j]);
        }
        a->v = cor_metrics_share_of_sum(parts, k, 0);
        free(parts);
    }
    group_fini(&g);
}

/* "China / all (by volume, 2025)": what the part was divided by. */
static void share_formula(struct cor_claims_row *x, const struct shares *sh, const char *period)
{
    const char *by = cor_dataset_str(x->ds, x->c->by), *part = cor_dataset_str(x->ds, x->c->part),
               *total = cor_dataset_str(x->ds, x->c->total);
    const struct cor_unit *u = cor_unit_at(x->s->unit);
    const char *basis = u && u->dim == COR_DIM_MONEY ? "by value" : "by volume";
    if (sh && sh->total && sh->all)
        cor_claims_text_add(&x->formula, "%s / all (the rows with %s empty) (%s, %s)", part, by,
                            basis, period);
    else if (sh && sh->total && !*total)
        cor_claims_text_add(&x->formula, "%s / the sum of the values of %s (%s, %s)", part, by,
                            basis, period);
    else if (*total)
        cor_claims_text_add(&x->formula, "%s / %s (%s, %s)", part, total, basis, period);
    else
        cor_claims_text_add(&x->formula,
                            "%s / all (the rows with %s empty), or else the sum of the values of "
                            "%s (%s, %s)",
                            part, by, by, basis, period);
}

/* Copies a share's figures into an alternative. */
static void add_share_inputs(struct cor_claims_row *x, struct cor_alternative *a,
                             const struct share_alt *s)
{
    for (size_t k = 0; k < s->nin; k++)
        add_input(x, a, s->in[k]);
}

/* share: part / total in the period. */
static void ev_share(struct cor_claims_row *x)
{
    char pt[32];
    period_text(&x->c->period, pt, sizeof pt);
    struct shares sh;
    shares_at(x, &x->c->period, &sh);
    const char *part = cor_dataset_str(x->ds, x->c->part);
    for (size_t i = 0; i < sh.n && x->st == COR_OK; i++) {
        struct cor_alternative *a = new_alt(x);
        if (!a)
            break;
        add_share_inputs(x, a, &sh.a[i]);
        a->computed = rate_to_claim_unit(sh.a[i].v, x->c->claim_unit);
        set_detail(x, a, "%s / %s, %s", part, sh.total, pt);
    }
    share_formula(x, &sh, pt);
    shares_fini(&sh);
}

/* pp_change: share in B - share in A, in percentage points. */
static void ev_pp_change(struct cor_claims_row *x)
{
    struct cor_period pa, pb;
    two_periods(x->c, &pa, &pb);
    char ta[32], tb[32], both[72];
    period_text(&pa, ta, sizeof ta);
    period_text(&pb, tb, sizeof tb);
    struct shares sa, sb;
    shares_at(x, &pa, &sa);
    shares_at(x, &pb, &sb);
    const struct cor_unit *u = cor_unit_at(x->c->claim_unit);
    for (size_t i = 0; i < sb.n && x->st == COR_OK; i++)
        for (size_t j = 0; j < sa.n && x->st == COR_OK; j++) {
            struct cor_alternative *a = new_alt(x);
            if (!a)
                break;
            add_share_inputs(x, a, &sa.a[j]);
            add_share_inputs(x, a, &sb.a[i]);
            /* 100 (s_B - s_A) with the shares as fractions */
            a->computed = u && u->dim == COR_DIM_POINTS
                              ? cor_ival_scale(cor_metrics_share_change_pp(sb.a[i].v, sa.a[j].v),
                                               1.0 / u->factor)
                              : cor_ival_na(COR_NA_INCOMPATIBLE_UNITS);
            set_detail(x, a, "share %s vs %s", tb, ta);
        }
    snprintf(both, sizeof both, "%s and %s", ta, tb);
    cor_claims_text_add(&x->formula, "100 (share_%s - share_%s), the shares: ", tb, ta);
    share_formula(x, sb.n ? &sb : &sa, both);
    shares_fini(&sa);
    shares_fini(&sb);
}

/* rank: 1 + the parts above the part, the largest first. With a total (or,
 * for parts that are shares, the whole of 100%) the rest may hide parts that
 * are larger: as many as could each reach the part's lower end. */
static void ev_rank(struct cor_claims_row *x)
{
    const char *by = cor_dataset_str(x->ds, x->c->by), *part = cor_dataset_str(x->ds, x->c->part);
    char pt[32];
    period_text(&x->c->period, pt, sizeof pt);
    struct group g;
    if (!group_at(x, &x->c->period, &g))
        return;
    size_t nparts = 0, nmembers = 0, ntotal = 0;
    int with_total = g.total != NULL;
    const struct cor_unit *u = cor_unit_at(x->s->unit);
    int of_whole = !with_total && u && u->dim == COR_DIM_SHARE;
    for (size_t i = 0; i < g.n; i++) {
        int is_total = g.total && strcmp(g.names[i], g.total) == 0;
        nparts += strcmp(g.names[i], part) == 0;
        ntotal += is_total;
        nmembers += first_of_part(&g, i) && !is_total;
    }
    if (!nparts)
        missing_period(x, &x->c->period, part);
    else if (with_total && !ntotal)
        missing(x, "no figure for the total (%s '%s') in %s", by, g.total, pt);
    if (!nparts || (with_total && !ntotal) || total_as_part(x, &g)) {
        group_fini(&g);
        return;
    }
    for (size_t i = 0; i < g.n && x->st == COR_OK; i++) {
        if (strcmp(g.names[i], part) != 0)
            continue;
        struct cor_ival p = g.pts[i]->v;
        for (size_t t = 0; t < (g.total ? g.n : 1) && x->st == COR_OK; t++) {
            if (g.total && strcmp(g.names[t], g.total) != 0)
                continue;
            struct cor_alternative *a = new_alt(x);
            if (!a)
                break;
            add_input(x, a, g.pts[i]);
            double certain = 0, possible = 0, others_lo = 0;
            int na = p.na;
            for (size_t j = 0; j < g.n; j++) {
                if (strcmp(g.names[j], part) == 0 ||
                    (g.total && strcmp(g.names[j], g.total) == 0) || !first_of_part(&g, j))
                    continue;
                /* every figure of the other part above this one: certainly above;
                 * any figure that can reach it: possibly above (a tie shares a place) */
                int all_above = 1, any_reach = 0;
                for (size_t k = j; k < g.n; k++) {
                    if (strcmp(g.names[k], g.names[j]) != 0)
                        continue;
                    struct cor_ival q = g.pts[k]->v;
                    add_input(x, a, g.pts[k]);
                    na |= q.na;
                    all_above &= q.lo > p.hi || (q.lo == p.hi && (q.lo_open || p.hi_open));
                    any_reach |= !(q.hi < p.lo || (q.hi == p.lo && (q.hi_open || p.lo_open)));
                }
                certain += all_above;
                possible += any_reach;
                others_lo += part_hull(&g, g.names[j]).lo;
            }
            double hidden = 0, whole = NAN;
            if (g.total) {
                struct cor_ival tot = g.pts[t]->v;
                add_input(x, a, g.pts[t]);
                na |= tot.na;
                whole = tot.hi;
            } else if (of_whole)
                whole = 1.0 / u->factor;   /* 100% in the series' unit */
            if (!isnan(whole)) {
                /* parts not in the data share the rest; each that could reach this
                 * part's lower end could be above it */
                double rest = whole - others_lo - p.lo;
                hidden = rest <= 0 ? 0 : p.lo > 0 ? floor(rest / p.lo) : INFINITY;
            }
            if (na)
                a->computed = cor_ival_na(COR_NA_MISSING_PERIOD);
            else
                a->computed = (struct cor_ival){1 + certain, 1 + certain, 1 + possible + hidden,
                                                0, 0, COR_NA_NONE};
            char extra[96] = "";
            if (hidden > 0) {
                char h[32];
                cor_num_format(hidden, h, sizeof h);
                snprintf(extra, sizeof extra, "; the rest of %s could hold %s larger %s",
                         g.total ? "the total" : "100%", isinf(hidden) ? "any number of" : h,
                         hidden == 1 ? "part" : "parts");
            }
            set_detail(x, a, "%s '%s' among %zu %s in %s%s", by, part, nmembers,
                       nmembers == 1 ? "part" : "parts", pt, extra);
        }
    }
    group_fini(&g);
    cor_claims_text_add(&x->formula,
                        "1 + the number of values of %s above %s in %s, the largest first%s", by,
                        part, pt,
                        with_total ? " (with the parts the rest of the total could hold)"
                        : of_whole ? " (with the parts the rest of 100% could hold)"
                                   : " (the parts in the data are the whole group)");
}

/* ---- history: record, record_low, first_time ------------------------------------ */

/* An earlier figure of the same form, wholly before the period. */
static int earlier_like(const struct cor_period *a, const struct cor_period *target)
{
    return a->kind == target->kind && cor_period_months(a) == cor_period_months(target) &&
           (a->y1 < target->y0 || (a->y1 == target->y0 && a->m1 < target->m0));
}

/* Sets the history test of a record, record_low or first_time alternative:
 * its verdict (kept in a->verdict until the level test joins it) and its
 * margin. */
static void history_test(const struct cor_claims_row *x, struct cor_alternative *a, double ext_lo,
                         double ext_hi, int any)
{
    struct cor_ival v = a->computed, claimed = x->v->claimed;
    double m = NAN;
    enum cor_verdict_kind h;
    if (v.na)
        h = COR_V_NO_DATA;
    else if (!any)
        h = COR_V_UNDECIDED;   /* no earlier figure: nothing to be above */
    else if (x->metric == COR_CM_RECORD) {
        /* above every earlier figure: ext = the highest earlier [lo, hi] */
        h = v.lo > ext_hi ? COR_V_SUPPORTED : v.hi <= ext_lo ? COR_V_CONTRADICTED
                                                             : COR_V_UNDECIDED;
        m = h == COR_V_SUPPORTED ? v.lo - ext_hi : h == COR_V_CONTRADICTED ? v.hi - ext_lo : NAN;
    } else if (x->metric == COR_CM_RECORD_LOW) {
        /* below every earlier figure: ext = the lowest earlier [lo, hi] */
        h = v.hi < ext_lo ? COR_V_SUPPORTED : v.lo >= ext_hi ? COR_V_CONTRADICTED
                                                             : COR_V_UNDECIDED;
        m = h == COR_V_SUPPORTED ? ext_lo - v.hi : h == COR_V_CONTRADICTED ? ext_hi - v.lo : NAN;
    } else {
        /* first time: every earlier figure below the level the claim crosses */
        int below_all = ext_hi < claimed.lo || (ext_hi == claimed.lo && claimed.lo_open);
        int one_above = ext_lo > claimed.lo || (ext_lo == claimed.lo && !claimed.lo_open);
        h = below_all ? COR_V_SUPPORTED : one_above ? COR_V_CONTRADICTED : COR_V_UNDECIDED;
        m = h == COR_V_SUPPORTED       ? claimed.lo - ext_hi
            : h == COR_V_CONTRADICTED ? claimed.lo - ext_lo
                                      : NAN;
    }
    a->verdict = h;
    a->history_margin = m;
}

static void ev_history(struct cor_claims_row *x)
{
    const struct cor_claim_record *c = x->c;
    int low = x->metric == COR_CM_RECORD_LOW;
    /* the earlier figures' extreme: for a record the highest certain (lo) and
     * possible (hi) levels, for a record low the lowest */
    double ext_lo = low ? INFINITY : -INFINITY, ext_hi = ext_lo;
    const struct cor_point *by_lo = NULL, *by_hi = NULL;
    for (size_t j = 0; j < x->s->n; j++) {
        const struct cor_point *q = &x->s->points[j];
        if (!earlier_like(&q->period, &c->period) || q->v.na)
            continue;
        struct cor_ival u = to_claim_unit(q->v, x->s->unit, c->claim_unit);
        if (u.na)
            continue;
        if (low ? u.lo < ext_lo : u.lo > ext_lo) {
            ext_lo = u.lo;
            by_lo = q;
        }
        if (low ? u.hi < ext_hi : u.hi > ext_hi) {
            ext_hi = u.hi;
            by_hi = q;
        }
    }
    char pt[32], ex[96], text[160];
    period_text(&c->period, pt, sizeof pt);
    if (!by_lo)
        snprintf(text, sizeof text, "no earlier figure in the data");
    else {
        /* where the highest (lowest) earlier level lies */
        struct cor_ival e = {ext_lo, fmin(ext_lo, ext_hi), fmax(ext_lo, ext_hi), 0, 0,
                             COR_NA_NONE};
        cor_ival_format_sig(e, 6, ex, sizeof ex);
        snprintf(text, sizeof text, "earlier %s %s%s", low ? "lowest" : "highest", ex,
                 !low && isinf(ext_hi) ? " (an earlier figure has no upper bound)" : "");
    }
    size_t before = x->v->nalts;
    for (size_t i = cor_series_next_at(x->s, &c->period, 0); i < x->s->n;
         i = cor_series_next_at(x->s, &c->period, i + 1)) {
        const struct cor_point *p = &x->s->points[i];
        struct cor_alternative *a = new_alt(x);
        if (!a)
            return;
        add_input(x, a, p);
        add_input(x, a, by_lo);
        add_input(x, a, by_hi);
        a->computed = to_claim_unit(p->v, x->s->unit, c->claim_unit);
        history_test(x, a, ext_lo, ext_hi, by_lo != NULL);
        set_detail(x, a, "%s; %s", pt, text);
    }
    if (x->v->nalts == before && x->s->n)
        missing_period(x, &c->period, NULL);
    cor_claims_text_add(&x->formula,
                        x->metric == COR_CM_FIRST_TIME
                            ? "X_%s in the claimed interval, and every earlier figure below its "
                              "lower end"
                        : low ? "X_%s in the claimed interval, and below every earlier figure"
                              : "X_%s in the claimed interval, and above every earlier figure",
                        pt);
}

typedef void (*evidence_fn)(struct cor_claims_row *x);

static const evidence_fn evidence_of[COR_CM_COUNT] = {
    [COR_CM_VALUE] = ev_value,
    [COR_CM_COMPLEMENT] = ev_value,
    [COR_CM_GROWTH] = ev_two_periods,
    [COR_CM_MULTIPLE] = ev_two_periods,
    [COR_CM_CHANGE] = ev_two_periods,
    [COR_CM_CAGR] = ev_two_periods,
    [COR_CM_DIRECTION] = ev_two_periods,
    [COR_CM_SHARE] = ev_share,
    [COR_CM_PP_CHANGE] = ev_pp_change,
    [COR_CM_RANK] = ev_rank,
    [COR_CM_RECORD] = ev_history,
    [COR_CM_RECORD_LOW] = ev_history,
    [COR_CM_FIRST_TIME] = ev_history,
};


/* ---- a row ------------------------------------------------------------------- */

void cor_claims_row_evidence(struct cor_claims_row *x)
{
    x->metric = cor_claims_metric(x->ds, x->c);
    x->s = &x->v->series[x->row];
    if (x->metric == COR_CM_COUNT) {
        missing(x, "unknown metric '%s'", cor_dataset_str(x->ds, x->c->metric));
        return;
    }
    if (!make_select(x))
        return;
    struct cor_error why = {0};
    enum cor_status st = cor_series_select(x->ds, &x->sel, x->s, &why);
    if (st == COR_ENOMEM) {
        x->st = st;
        return;
    }
    if (st != COR_OK) {
        missing(x, "%s", why.message);   /* a selection that does not work is "no data" */
        return;
    }
    if (x->s->n == 0) {
        missing_selection(x);
        return;
    }
    evidence_of[x->metric](x);
}

void cor_claims_row_fini(struct cor_claims_row *x)
{
    free(x->where);
    x->where = NULL;
    cor_claims_text_fini(&x->formula);
}
