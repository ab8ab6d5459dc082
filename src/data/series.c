/* Series: selection of observations, conversion to one unit. */
#include "corridor/series.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_internal.h"

void cor_select_init(struct cor_select *sel, enum cor_kind kind)
{
    memset(sel, 0, sizeof *sel);
    sel->kind = kind;
    sel->unit = -1;
    sel->currency = -1;
    sel->ival.approx_rel = 0.05;
}

void cor_series_fini(struct cor_series *s)
{
    if (!s)
        return;
    free(s->points);
    memset(s, 0, sizeof *s);
}

const struct cor_column *cor_series_entity_column(enum cor_kind kind)
{
    const struct cor_schema *sc = cor_schema_get(kind);
    for (size_t i = 0; sc && i < sc->ncols; i++)
        if (sc->cols[i].flags & COR_COL_KEY)
            return &sc->cols[i];
    return NULL;
}

const char *cor_series_text(const struct cor_dataset *ds, struct cor_record_ref r,
                            const char *column)
{
    const void *rec = r.obs                       ? (const void *)r.obs
                      : r.kind == COR_KIND_SOURCE ? (const void *)r.source
                                                  : (const void *)r.claim;
    const struct cor_schema *sc = cor_schema_get(r.kind);
    if (!rec || !sc)
        return "";
    const struct cor_column *c = cor_schema_column(sc, column, strlen(column));
    if (!c || (c->type != COR_COL_TEXT && c->type != COR_COL_WORD && c->type != COR_COL_CODE))
        return "";
    return cor_dataset_str(ds, *(const cor_sym *)((const unsigned char *)rec + c->offset));
}

enum cor_status cor_where_parse(const char *text, char *col, size_t n, const char **value,
                                int *negate, struct cor_error *err)
{
    const char *eq = strchr(text, '=');
    if (!eq || eq == text || (eq == text + 1 && text[0] == '!'))
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                             "a condition is COLUMN=VALUE or COLUMN!=VALUE, not '%s'", text);
    *negate = eq[-1] == '!';
    size_t len = (size_t)(eq - text) - (size_t)*negate;
    if (len >= n)
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                             "column name too long in condition '%s'", text);
    memcpy(col, text, len);
    col[len] = '\0';
    *value = eq + 1;
    return COR_OK;
}

/* The text of column c in rec ("" for an empty cell). */
static const char *cell_text(const struct cor_dataset *ds, const struct cor_column *c,
                             const void *rec)
{
    if (c->type == COR_COL_CURRENCY) {
        int cur = *(const int *)((const unsigned char *)rec + c->offset);
        return cur < 0 ? "" : cor_currency_name(cur);
    }
    return cor_dataset_str(ds, *(const cor_sym *)((const unsigned char *)rec + c->offset));
}

/* The cell equals want (a word column ignores case). */
static int text_matches(const struct cor_dataset *ds, const struct cor_column *c, const void *rec,
                        const char *want, size_t len)
{
    const char *have = cell_text(ds, c, rec);
    if (c->type == COR_COL_WORD)
        return cor_word_eq(want, len, have);
    return strlen(have) == len && memcmp(have, want, len) == 0;
}

/* The cell is one of the '|'-separated alternatives of want. */
static int cell_in(const struct cor_dataset *ds, const struct cor_column *c, const void *rec,
                   const char *want)
{
    for (;;) {
        size_t len = strcspn(want, "|");
        if (text_matches(ds, c, rec, want, len))
            return 1;
        if (want[len] != '|')
            return 0;
        want += len + 1;
    }
}

static long day_key(int y, int m, int d)
{
    return ((long)y * 13 + m) * 32 + d;
}

/* p lies within [from, to]: it starts no earlier than `from` starts and ends
 * no later than `to` ends. Undated figures only pass an open range. */
static int in_range(const struct cor_period *p, const struct cor_select *sel)
{
    if (p->kind == COR_PERIOD_UNDATED)
        return sel->from.kind == COR_PERIOD_NONE && sel->to.kind == COR_PERIOD_NONE;
    if (sel->from.kind != COR_PERIOD_NONE &&
        day_key(p->y0, p->m0, p->d0) < day_key(sel->from.y0, sel->from.m0, sel->from.d0))
        return 0;
    if (sel->to.kind != COR_PERIOD_NONE &&
        day_key(p->y1, p->m1, p->d1) > day_key(sel->to.y1, sel->to.m1, sel->to.d1))
        return 0;
    return 1;
}

/* Exchange rate from currency `from` to `to` for the year of p: the hull of
 * every rate the dataset gives (direct or inverted). NA if none. */
static struct cor_ival fx_rate(const struct cor_dataset *ds, int from, int to,
                               const struct cor_period *p, const struct cor_select *sel,
                               cor_sym *source)
{
    struct cor_ival hull = cor_ival_na(COR_NA_INCOMPATIBLE_UNITS);
    const char *fname = cor_currency_name(from), *tname = cor_currency_name(to);
    for (size_t i = 0; i < cor_dataset_count(ds, COR_KIND_FX); i++) {
        const struct cor_fx_record *r = cor_dataset_rec(ds, COR_KIND_FX, i);
        if (r->obs.origin.invalid || r->obs.period.y0 != p->y0 || r->obs.period.y1 != p->y0)
            continue;
        const char *rf = cor_dataset_str(ds, r->from), *rt = cor_dataset_str(ds, r->to);
        struct cor_ival rate = cor_ival_from_published(r->obs.qualifier, r->obs.value, r->obs.lo,
                                                       r->obs.hi, r->obs.decimals, 1.0, &sel->ival);
        if (strcmp(rf, fname) == 0 && strcmp(rt, tname) == 0) {
            /* as given */
        } else if (strcmp(rf, tname) == 0 && strcmp(rt, fname) == 0) {
            rate = cor_ival_div(cor_ival_exact(1.0), rate);
        } else
            continue;
        if (rate.na)
            continue;
        if (hull.na) {
            hull = rate;
            *source = r->obs.source;
        } else {
            hull.lo = fmin(hull.lo, rate.lo);
            hull.hi = fmax(hull.hi, rate.hi);
            hull.value = (hull.lo + hull.hi) / 2;
        }
    }
    return hull;
}

/* 1 if name is one of the comma-separated words of list (spaces around a word
 * ignored). */
static int in_list(const char *list, const char *name)
{
    size_t n = strlen(name);
    while (*list) {
        size_t len = strcspn(list, ",");
        const char *w = list;
        size_t wl = len;
        cor_read_trim(&w, &wl);
        if (wl == n && strncmp(w, name, n) == 0)
            return 1;
        list += len;
        if (*list == ',')
            list++;
    }
    return 0;
}

int cor_series_is_aggregate(const struct cor_dataset *ds, const struct cor_obs *o,
                            const char *column)
{
    return in_list(cor_dataset_str(ds, o->aggregate), column);
}

/* Every key column that no condition fixes has one value across a series. */
static enum cor_status same_identity(const struct cor_dataset *ds, const struct cor_schema *sc,
                                     const struct cor_select *sel, const void *a, const void *b,
                                     struct cor_error *err)
{
    for (size_t c = 0; c < sc->ncols; c++) {
        const struct cor_column *col = &sc->cols[c];
        if (!(col->flags & COR_COL_KEY))
            continue;
        if (sel->vary && in_list(sel->vary, col->name))
            continue;
        cor_sym x = *(const cor_sym *)((const unsigned char *)a + col->offset);
        cor_sym y = *(const cor_sym *)((const unsigned char *)b + col->offset);
        if (x != y)
            return cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                                 "the selection mixes %s '%s' and '%s': choose one with "
                                 "--where %s=VALUE ('%s=' for the empty value)%s",
                                 col->name, cor_dataset_str(ds, x), cor_dataset_str(ds, y),
                                 col->name, col->name, c == 0 ? " or --entity" : "");
    }
    return COR_OK;
}

void cor_series_unit_label(int unit, int currency, char *buf, size_t n)
{
    const struct cor_unit *u = cor_unit_at(unit);
    if (!u)
        snprintf(buf, n, "?");
    else if (u->dim == COR_DIM_MONEY && currency >= 0)
        snprintf(buf, n, "%s%s%s", strcmp(u->name, "1") ? u->name : "",
                 strcmp(u->name, "1") ? " " : "", cor_currency_name(currency));
    else
        snprintf(buf, n, "%s", u->name);
}

static int compare_points(const void *a, const void *b)
{
    const struct cor_point *p = a, *q = b;
    int c = cor_period_compare(&p->period, &q->period);
    if (c)
        return c;
    return p->obs->origin.line < q->obs->origin.line   ? -1
           : p->obs->origin.line > q->obs->origin.line ? 1
                                                       : 0;
}

/* The conditions of a selection, in the order they are applied: the row is
 * valid, the entity, each --where, the statuses, the source, the periods.
 * passes(..., k) applies the first k of them; f.all is every one. */
struct filter {
    const struct cor_column *entity;
    const struct cor_column *where[COR_SELECT_MAX_WHERE];
    cor_sym source;
    size_t all;
};

/* passes(..., k) applies conditions 1..k: valid, entity, where 0..n-1, status,
 * source, period */
enum { STAGE_VALID = 1, STAGE_ENTITY, STAGE_WHERE };

/* "kind 'trade' has no column 'exportr'; did you mean 'exporter'?" */
static enum cor_status no_column(const struct cor_schema *sc, const char *name, size_t len,
                                 struct cor_error *err)
{
    const char *names[64];
    size_t n = 0;
    for (size_t k = 0; k < sc->ncols && n < sizeof names / sizeof *names; k++)
        names[n++] = sc->cols[k].name;
    char want[128];
    snprintf(want, sizeof want, "%.*s", (int)(len < 127 ? len : 127), name);
    const char *best = cor_closest(want, names, n);
    return cor_error_set(err, COR_ENOTFOUND, NULL, 0, 0, "kind '%s' has no column '%s'%s%s%s",
                         sc->name, want, best ? "; did you mean '" : "", best ? best : "",
                         best ? "'?" : "");
}

static enum cor_status filter_init(const struct cor_dataset *ds, const struct cor_select *sel,
                                   struct filter *f, struct cor_error *err)
{
    const struct cor_schema *sc = cor_schema_get(sel->kind);
    memset(f, 0, sizeof *f);
    for (size_t w = 0; w < sel->nwhere; w++) {
        f->where[w] = cor_schema_column(sc, sel->where[w].column, strlen(sel->where[w].column));
        if (!f->where[w])
            return no_column(sc, sel->where[w].column, strlen(sel->where[w].column), err);
    }
    for (const char *v = sel->vary; v && *v;) {
        size_t len = strcspn(v, ",");
        const char *name = v;
        size_t nlen = len;
        cor_read_trim(&name, &nlen);
        if (nlen && !cor_schema_column(sc, name, nlen))
            return no_column(sc, name, nlen, err);
        v += len;
        if (*v == ',')
            v++;
    }
    f->entity = cor_series_entity_column(sel->kind);
    f->source = sel->source ? cor_dataset_sym(ds, sel->source) : COR_SYM_NONE;
    f->all = STAGE_WHERE + sel->nwhere + 2;
    return COR_OK;
}

static int passes(const struct cor_dataset *ds, const struct cor_select *sel,
                  const struct filter *f, const void *rec, size_t stages)
{
    const struct cor_obs *o = rec;
    size_t w0 = STAGE_WHERE, status = w0 + sel->nwhere, source = status + 1, period = source + 1;
    if (stages >= STAGE_VALID && o->origin.invalid)
        return 0;
    if (stages >= STAGE_ENTITY && sel->entity &&
        !text_matches(ds, f->entity, rec, sel->entity, strlen(sel->entity)))
        return 0;
    for (size_t w = 0; w < sel->nwhere && w0 + w <= stages; w++)
        if (cell_in(ds, f->where[w], rec, sel->where[w].value) == sel->where[w].negate)
            return 0;
    if (stages >= status && sel->status_mask && !(sel->status_mask & (1u << o->status)))
        return 0;
    if (stages >= source && sel->source && o->source != f->source)
        return 0;
    if (stages >= period && !in_range(&o->period, sel))
        return 0;
    return 1;
}

enum cor_status cor_series_select(const struct cor_dataset *ds, const struct cor_select *sel,
                                  struct cor_series *out, struct cor_error *err)
{
    const struct cor_schema *sc = cor_schema_get(sel->kind);
    memset(out, 0, sizeof *out);
    out->unit = sel->unit;
    out->currency = sel->currency;
    if (!sc || !sc->has_obs)
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0, "not a kind of observation");
    struct filter f;
    enum cor_status fst = filter_init(ds, sel, &f, err);
    if (fst != COR_OK)
        return fst;
    size_t n = cor_dataset_count(ds, sel->kind);
    struct cor_point *pts = calloc(n ? n : 1, sizeof *pts);
    if (!pts)
        return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    size_t k = 0;
    enum cor_status st = COR_OK;
    const void *first_rec = NULL;
    for (size_t i = 0; i < n; i++) {
        const void *rec = cor_dataset_rec(ds, sel->kind, i);
        const struct cor_obs *o = rec;
        if (!passes(ds, sel, &f, rec, f.all))
            continue;
        const struct cor_unit *u = cor_unit_at(o->unit);
        if (sel->unit >= 0 && cor_unit_at(sel->unit)->dim != u->dim)
            continue;   /* a row of another dimension than the one asked for */
        if (first_rec && (st = same_identity(ds, sc, sel, first_rec, rec, err)) != COR_OK)
            break;
        first_rec = first_rec ? first_rec : rec;
        /* without a target unit, the first row's unit decides; others must match it */
        if (out->unit < 0) {
            out->unit = o->unit;
            if (u->dim == COR_DIM_MONEY && out->currency < 0)
                out->currency = o->currency;
        }
        const struct cor_unit *target = cor_unit_at(out->unit);
        if (target->dim != u->dim && sel->unit < 0) {
            char a[64], b[64];
            cor_series_unit_label(out->unit, out->currency, a, sizeof a);
            cor_series_unit_label(o->unit, o->currency, b, sizeof b);
            st = cor_error_set(err, COR_EUNIT, NULL, 0, 0,
                               "the selection mixes %s (%s) and %s (%s): choose one with --unit",
                               a, cor_dim_name(target->dim), b, cor_dim_name(u->dim));
            break;
        }
        if (target->dim == COR_DIM_MONEY && out->currency < 0)
            out->currency = o->currency;
        struct cor_point *p = &pts[k];
        p->period = o->period;
        p->status = o->status;
        p->qualifier = o->qualifier;
        p->obs = o;
        p->source = o->source;
        struct cor_ival v = cor_ival_from_published(o->qualifier, o->value, o->lo, o->hi,
                                                    o->decimals, 1.0, &sel->ival);
        struct cor_convert_opts conv = {sel->bbl_per_tonne, 0, 0};
        cor_convert_period(&conv, &o->period);
        if (cor_convert(v, o->unit, out->unit, &conv, &v, NULL) != COR_OK) {
            if (sel->unit >= 0)
                continue;   /* a row of another dimension than the one asked for */
            v = cor_ival_na(COR_NA_INCOMPATIBLE_UNITS);
        }
        if (isnan(o->value) && o->qualifier != COR_Q_RANGE)
            v = cor_ival_na(COR_NA_NO_FIGURE);
        if (!v.na && target->dim == COR_DIM_MONEY && o->currency != out->currency) {
            struct cor_ival rate = fx_rate(ds, o->currency, out->currency, &o->period, sel,
                                           &p->fx_source);
            if (rate.na)
                v = rate;
            else {
                v.value *= rate.value;
                v.lo *= rate.lo;
                v.hi *= rate.hi;
            }
        }
        p->v = v;
        k++;
    }
    if (st != COR_OK) {
        free(pts);
        return st;
    }
    qsort(pts, k, sizeof *pts, compare_points);
    out->points = pts;
    out->n = k;
    return COR_OK;
}

size_t cor_series_next_at(const struct cor_series *s, const struct cor_period *p, size_t from)
{
    for (size_t i = from; i < s->n; i++)
        if (s->points[i].period.kind == p->kind && cor_period_equal(&s->points[i].period, p))
            return i;
    return s->n;
}

size_t cor_series_year_earlier(const struct cor_series *s, const struct cor_period *p,
                               size_t from)
{
    struct cor_period prev = cor_period_year_earlier(p);
    return prev.kind == COR_PERIOD_NONE ? s->n : cor_series_next_at(s, &prev, from);
}

/* ---- closest match and why a selection is empty ---------------------------- */

static char fold_char(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Equal ignoring case, spaces, '-' and '_'. */
static int loosely_equal(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ' || *a == '-' || *a == '_')
            a++;
        while (*b == ' ' || *b == '-' || *b == '_')
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        if (fold_char(*a) != fold_char(*b))
            return 0;
        a++;
        b++;
    }
}

/* Levenshtein distance of the case-folded texts, stopping at limit + 1. */
static size_t edit_distance(const char *a, const char *b, size_t limit)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 256 || lb > 256)
        return limit + 1;
    if ((la > lb ? la - lb : lb - la) > limit)
        return limit + 1;
    size_t row[257];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0], best = row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = fold_char(a[i - 1]) != fold_char(b[j - 1]);
            size_t v = diag + cost;
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return limit + 1;
    }
    return row[lb];
}

/* Running best candidate: exact-but-for-case first, then the nearest. */
struct closest {
    const char *want;
    size_t limit;
    const char *best;
    size_t best_d;
    int loose;
};

static void closest_init(struct closest *c, const char *want)
{
    size_t len = strlen(want);
    c->want = want;
    c->limit = len / 3 > 2 ? len / 3 : 2;
    c->best = NULL;
    c->best_d = c->limit + 1;
    c->loose = 0;
}

static void closest_offer(struct closest *c, const char *cand)
{
    if (c->loose || !*cand || (c->best && strcmp(c->best, cand) == 0))
        return;
    if (loosely_equal(c->want, cand)) {
        c->best = cand;
        c->loose = 1;
        return;
    }
    size_t d = edit_distance(c->want, cand, c->limit);
    if (d < c->best_d) {
        c->best = cand;
        c->best_d = d;
    }
}

const char *cor_closest(const char *want, const char *const *candidates, size_t n)
{
    struct closest c;
    closest_init(&c, want);
    for (size_t i = 0; i < n; i++)
        closest_offer(&c, candidates[i]);
    return c.best;
}

const char *cor_unit_closest(const char *want)
{
    struct closest c;
    closest_init(&c, want);
    for (size_t i = 0; i < cor_unit_count(); i++)
        closest_offer(&c, cor_unit_at((int)i)->name);
    return c.best;
}

/* The closest value of column c among the records that pass `stages`. */
static const char *closest_in(const struct cor_dataset *ds, const struct cor_select *sel,
                              const struct filter *f, size_t stages,
                              const struct cor_column *c, const char *want)
{
    struct closest cl;
    closest_init(&cl, want);
    size_t n = cor_dataset_count(ds, sel->kind);
    for (size_t i = 0; i < n; i++) {
        const void *rec = cor_dataset_rec(ds, sel->kind, i);
        if (passes(ds, sel, f, rec, stages))
            closest_offer(&cl, cell_text(ds, c, rec));
    }
    return cl.best;
}

const char *cor_series_closest(const struct cor_dataset *ds, const struct cor_select *sel,
                               const char *column, const char *want)
{
    struct cor_select all;
    if (!sel) {
        cor_select_init(&all, COR_KIND_PORT);
        sel = &all;
    }
    const struct cor_schema *sc = cor_schema_get(sel->kind);
    const struct cor_column *c = sc ? cor_schema_column(sc, column, strlen(column)) : NULL;
    struct filter f;
    if (!c || filter_init(ds, sel, &f, NULL) != COR_OK)
        return NULL;
    /* the rows that pass the conditions before this column's own */
    size_t stages = STAGE_VALID;
    for (size_t w = 0; w < sel->nwhere; w++)
        if (f.where[w] == c) {
            stages = STAGE_WHERE + w;
            break;
        }
    return closest_in(ds, sel, &f, stages, c, want);
}

static size_t count_passing(const struct cor_dataset *ds, const struct cor_select *sel,
                            const struct filter *f, size_t stages)
{
    size_t k = 0, n = cor_dataset_count(ds, sel->kind);
    for (size_t i = 0; i < n; i++)
        k += passes(ds, sel, f, cor_dataset_rec(ds, sel->kind, i), stages);
    return k;
}

/* "; did you mean 'X'?" or "". */
static void suggest(const char *best, char *buf, size_t n)
{
    if (best)
        snprintf(buf, n, "; did you mean '%s'?", best);
    else
        buf[0] = '\0';
}

/* The first and last period of the records that pass `stages`. */
static void period_span(const struct cor_dataset *ds, const struct cor_select *sel,
                        const struct filter *f, size_t stages, char *buf, size_t n)
{
    const struct cor_period *lo = NULL, *hi = NULL;
    size_t count = cor_dataset_count(ds, sel->kind);
    for (size_t i = 0; i < count; i++) {
        const struct cor_obs *o = cor_dataset_rec(ds, sel->kind, i);
        if (!passes(ds, sel, f, o, stages) || o->period.kind == COR_PERIOD_UNDATED)
            continue;
        if (!lo || cor_period_compare(&o->period, lo) < 0)
            lo = &o->period;
        if (!hi || cor_period_compare(&o->period, hi) > 0)
            hi = &o->period;
    }
    char a[32], b[32];
    if (!lo) {
        snprintf(buf, n, "they are undated");
        return;
    }
    cor_period_format(lo, a, sizeof a);
    cor_period_format(hi, b, sizeof b);
    snprintf(buf, n, "they cover %s to %s", a, b);
}

enum cor_status cor_series_explain_empty(const struct cor_dataset *ds,
                                         const struct cor_select *sel, char *buf, size_t n,
                                         struct cor_error *err)
{
    buf[0] = '\0';
    const struct cor_schema *sc = cor_schema_get(sel->kind);
    if (!sc)
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0, "unknown record kind %d",
                             (int)sel->kind);
    struct filter f;
    enum cor_status fst = filter_init(ds, sel, &f, err);
    if (fst != COR_OK)
        return fst;
    char hint[300];
    size_t stage = STAGE_VALID;
    for (; stage <= f.all; stage++)
        if (count_passing(ds, sel, &f, stage) == 0)
            break;
    if (stage == STAGE_VALID) {
        snprintf(buf, n, "the data has no valid '%s' records", sc->name);
    } else if (stage == STAGE_ENTITY) {
        suggest(closest_in(ds, sel, &f, stage - 1, f.entity, sel->entity), hint, sizeof hint);
        snprintf(buf, n, "no %s '%s' in the '%s' records%s", f.entity->name, sel->entity,
                 sc->name, hint);
    } else if (stage < STAGE_WHERE + sel->nwhere) {
        size_t w = stage - STAGE_WHERE;
        const char *v = sel->where[w].value;
        if (sel->where[w].negate) {
            snprintf(buf, n, "no rows left once %s is not '%s'", sel->where[w].column, v);
        } else {
            /* the first alternative that the data does not have */
            char one[200];
            size_t len = strcspn(v, "|");
            snprintf(one, sizeof one, "%.*s", (int)len, v);
            suggest(closest_in(ds, sel, &f, stage - 1, f.where[w], one), hint, sizeof hint);
            snprintf(buf, n, "no %s '%s'%s%s", sel->where[w].column, v,
                     sel->entity || w > 0 ? " among the rows selected before it" : "", hint);
        }
    } else if (stage == STAGE_WHERE + sel->nwhere) {
        unsigned have = 0;
        size_t count = cor_dataset_count(ds, sel->kind), used = 0;
        for (size_t i = 0; i < count; i++) {
            const struct cor_obs *o = cor_dataset_rec(ds, sel->kind, i);
            if (passes(ds, sel, &f, o, stage - 1))
                have |= 1u << o->status;
        }
        hint[0] = '\0';
        for (int st = 0; st < COR_S_COUNT; st++)
            if (have & (1u << st))
                used += (size_t)snprintf(hint + used, sizeof hint - used, "%s%s",
                                         used ? ", " : "", cor_status_name((enum cor_obs_status)st));
        snprintf(buf, n, "no figures with the statuses asked for: the rows have %s", hint);
    } else if (stage == STAGE_WHERE + sel->nwhere + 1) {
        struct closest cl;
        closest_init(&cl, sel->source);
        size_t count = cor_dataset_count(ds, sel->kind);
        for (size_t i = 0; i < count; i++) {
            const struct cor_obs *o = cor_dataset_rec(ds, sel->kind, i);
            if (passes(ds, sel, &f, o, stage - 1))
                closest_offer(&cl, cor_dataset_str(ds, o->source));
        }
        suggest(cl.best, hint, sizeof hint);
        snprintf(buf, n, "no figures from source '%s'%s", sel->source, hint);
    } else if (stage == STAGE_WHERE + sel->nwhere + 2) {
        char a[32] = "", b[32] = "";
        if (sel->from.kind != COR_PERIOD_NONE)
            cor_period_format(&sel->from, a, sizeof a);
        if (sel->to.kind != COR_PERIOD_NONE)
            cor_period_format(&sel->to, b, sizeof b);
        period_span(ds, sel, &f, stage - 1, hint, sizeof hint);
        snprintf(buf, n, "no figures %s%s%s%s: %s", a[0] ? "from " : "", a,
                 b[0] ? (a[0] ? " to " : "up to ") : "", b, hint);
    } else {
        /* every condition leaves rows: empty only if they all have units of
         * another dimension than the one asked for */
        const struct cor_unit *want = cor_unit_at(sel->unit);
        int seen[32][2];   /* the (unit, currency) pairs listed */
        size_t nseen = 0;
        size_t used = 0, count = cor_dataset_count(ds, sel->kind);
        hint[0] = '\0';
        for (size_t i = 0; i < count; i++) {
            const struct cor_obs *r = cor_dataset_rec(ds, sel->kind, i);
            const struct cor_unit *u = cor_unit_at(r->unit);
            if (!u || !passes(ds, sel, &f, r, f.all))
                continue;
            if (!want || u->dim == want->dim)
                return COR_OK;   /* not empty */
            int dup = 0;
            for (size_t j = 0; j < nseen && !dup; j++)
                dup = seen[j][0] == r->unit && seen[j][1] == r->currency;
            if (dup)
                continue;
            if (nseen < sizeof seen / sizeof *seen) {
                seen[nseen][0] = r->unit;
                seen[nseen++][1] = r->currency;
            }
            char label[64];
            cor_series_unit_label(r->unit, r->currency, label, sizeof label);
            used += (size_t)snprintf(hint + used, used < sizeof hint ? sizeof hint - used : 0,
                                     "%s%s (%s)", used ? ", " : "", label,
                                     cor_dim_name(u->dim));
            if (used >= sizeof hint)
                break;
        }
        char wanted[64];
        cor_series_unit_label(sel->unit, sel->currency, wanted, sizeof wanted);
        if (want)
            snprintf(buf, n, "no figures in %s (%s): the rows selected are in %s", wanted,
                     cor_dim_name(want->dim), hint);
    }
    return COR_OK;
}
