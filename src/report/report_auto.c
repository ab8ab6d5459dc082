/* The automatic report: the series a dataset holds, found from its key
 * columns, each made a chart and a table (see cor_report_spec_auto()). */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

/* One series found: a kind, the values of its key columns, a dimension. */
struct ident {
    enum cor_kind kind;
    const char **vals;       /* per key column of the kind (the dataset's strings) */
    size_t nkeys;
    enum cor_dim dim;
    int currency;            /* money: the ISO 4217 index; else -1 */
    size_t *unit_count;      /* figures per unit index */
    char **periods;          /* distinct dated periods, sorted */
    size_t nperiods, years;
    int group;               /* index of its part group, -1: its own chart */
    const char *part_col;    /* the column its group varies */
    unsigned statuses;       /* 1 << enum cor_obs_status of its figures */
    int alternatives;        /* its group: versions of one figure (a plan and the
                              * outcome), not parts of a total */
};

struct finder {
    const struct cor_dataset *ds;
    struct ident *ids;
    size_t n, cap;
    size_t nunits;
};

static const struct cor_column *key_col(enum cor_kind kind, size_t k)
{
    const struct cor_schema *sc = cor_schema_get(kind);
    for (size_t i = 0, seen = 0; i < sc->ncols; i++)
        if (sc->cols[i].flags & COR_COL_KEY) {
            if (seen == k)
                return &sc->cols[i];
            seen++;
        }
    return NULL;
}

static size_t key_count(enum cor_kind kind)
{
    size_t n = 0;
    while (key_col(kind, n))
        n++;
    return n;
}

static void ident_fini(struct ident *d)
{
    free(d->vals);
    free(d->unit_count);
    for (size_t i = 0; i < d->nperiods; i++)
        free(d->periods[i]);
    free(d->periods);
}

static int same_ident(const struct ident *d, enum cor_kind kind, const char *const *vals,
                      enum cor_dim dim, int currency)
{
    if (d->kind != kind || d->dim != dim || d->currency != currency)
        return 0;
    for (size_t k = 0; k < d->nkeys; k++)
        if (strcmp(d->vals[k], vals[k]) != 0)
            return 0;
    return 1;
}

static int add_period(struct ident *d, const struct cor_period *p)
{
    char buf[64];
    cor_period_format(p, buf, sizeof buf);
    size_t at = 0;
    while (at < d->nperiods && strcmp(d->periods[at], buf) < 0)
        at++;
    if (at < d->nperiods && strcmp(d->periods[at], buf) == 0)
        return 0;
    char **ps = realloc(d->periods, (d->nperiods + 1) * sizeof *ps);
    if (!ps)
        return -1;
    d->periods = ps;
    char *c = strdup(buf);
    if (!c)
        return -1;
    memmove(ps + at + 1, ps + at, (d->nperiods - at) * sizeof *ps);
    ps[at] = c;
    d->nperiods++;
    d->years += cor_period_is_year(p);
    return 0;
}

/* Adds a record to its series (found or new). */
static enum cor_status take(struct finder *f, enum cor_kind kind, const struct cor_obs *o,
                            const char **vals, size_t nkeys)
{
    const struct cor_unit *u = cor_unit_at(o->unit);
    int currency = u->dim == COR_DIM_MONEY ? o->currency : -1;
    struct ident *d = NULL;
    for (size_t i = f->n; i-- > 0 && !d;)
        if (same_ident(&f->ids[i], kind, vals, u->dim, currency))
            d = &f->ids[i];
    if (!d) {
        if (f->n == f->cap) {
            size_t cap = f->cap ? 2 * f->cap : 16;
            struct ident *p = realloc(f->ids, cap * sizeof *p);
            if (!p)
                return COR_ENOMEM;
            f->ids = p;
            f->cap = cap;
        }
        d = &f->ids[f->n];
        memset(d, 0, sizeof *d);
        d->kind = kind;
        d->dim = u->dim;
        d->currency = currency;
        d->group = -1;
        d->nkeys = nkeys;
        d->vals = malloc(nkeys * sizeof *d->vals);
        d->unit_count = calloc(f->nunits, sizeof *d->unit_count);
        if (!d->vals || !d->unit_count) {
            ident_fini(d);
            return COR_ENOMEM;
        }
        memcpy(d->vals, vals, nkeys * sizeof *vals);
        f->n++;
    }
    d->unit_count[o->unit]++;
    d->statuses |= 1u << o->status;
    if (o->period.kind != COR_PERIOD_UNDATED && add_period(d, &o->period) != 0)
        return COR_ENOMEM;
    return COR_OK;
}

static enum cor_status find_series(struct finder *f)
{
    for (int k = 0; k < COR_KIND_COUNT; k++) {
        enum cor_kind kind = (enum cor_kind)k;
        const struct cor_schema *sc = cor_schema_get(kind);
        if (!sc->has_obs || kind == COR_KIND_FX || kind == COR_KIND_DEFLATOR)
            continue;
        size_t nkeys = key_count(kind);
        const char **vals = calloc(nkeys + 1, sizeof *vals);
        if (!vals)
            return COR_ENOMEM;
        for (size_t i = 0; i < cor_dataset_count(f->ds, kind); i++) {
            const void *rec = cor_dataset_record(f->ds, kind, i);
            const struct cor_obs *o = rec;
            if (o->origin.invalid)
                continue;
            for (size_t c = 0; c < nkeys; c++)
                vals[c] = cor_series_text(f->ds, kind, rec, key_col(kind, c)->name);
            if (take(f, kind, o, vals, nkeys) != COR_OK) {
                free(vals);
                return COR_ENOMEM;
            }
        }
        free(vals);
    }
    return COR_OK;
}

static int share_period(const struct ident *a, const struct ident *b)
{
    for (size_t i = 0; i < a->nperiods; i++)
        for (size_t j = 0; j < b->nperiods; j++)
            if (strcmp(a->periods[i], b->periods[j]) == 0)
                return 1;
    return 0;
}

/* a and b differ only in key column c (the entity being column 0). */
static int differ_only_in(const struct ident *a, const struct ident *b, size_t c)
{
    if (a->kind != b->kind || a->dim != b->dim || a->currency != b->currency)
        return 0;
    for (size_t k = 0; k < a->nkeys; k++)
        if ((k == c) == (strcmp(a->vals[k], b->vals[k]) == 0))
            return 0;
    return 1;
}

/* Series of one entity that differ in one key column and share a period
 * are parts of one total: one group each, the later columns tried first. */
static void find_parts(struct finder *f)
{
    int groups = 0;
    for (size_t i = 0; i < f->n; i++) {
        struct ident *a = &f->ids[i];
        for (size_t c = a->nkeys; c-- > 1 && a->group < 0;)
            for (size_t j = i + 1; j < f->n; j++) {
                struct ident *b = &f->ids[j];
                if (b->group >= 0 || !differ_only_in(a, b, c))
                    continue;
                /* b joins a's group if it shares a period with a member */
                int shares = share_period(a, b);
                for (size_t m = 0; m < j && !shares; m++)
                    shares = f->ids[m].group >= 0 && f->ids[m].group == a->group &&
                             share_period(&f->ids[m], b);
                if (!shares)
                    continue;
                if (a->group < 0) {
                    a->group = groups++;
                    a->part_col = key_col(a->kind, c)->name;
                }
                b->group = a->group;
                b->part_col = a->part_col;
            }
    }
}

/* The most frequent unit of a series (the first in the unit table on a tie). */
static int main_unit(const struct finder *f, const struct ident *d)
{
    int best = -1;
    for (size_t u = 0; u < f->nunits; u++)
        if (d->unit_count[u] && (best < 0 || d->unit_count[u] > d->unit_count[best]))
            best = (int)u;
    return best;
}

/* "port_x_total_teu": a file stem from a title ("Port X, total (TEU)"). */
static void slug(const char *title, char *buf, size_t n)
{
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)title; *p && k + 1 < n && k < 60; p++) {
        int alnum = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');
        if (*p >= 'A' && *p <= 'Z')
            buf[k++] = (char)(*p - 'A' + 'a');
        else if (alnum)
            buf[k++] = (char)*p;
        else if (k && buf[k - 1] != '_')
            buf[k++] = '_';
    }
    while (k && buf[k - 1] == '_')
        k--;
    if (k == 0 && n > 6)
        k = (size_t)snprintf(buf, n, "series");
    buf[k] = '\0';
}

/* A name no chart of the spec has yet: the stem, else stem_2, stem_3... */
static char *unique_name(struct cor_report_spec *spec, const char *stem)
{
    char buf[128];
    for (unsigned k = 1;; k++) {
        if (k == 1)
            snprintf(buf, sizeof buf, "%s", stem);
        else
            snprintf(buf, sizeof buf, "%s_%u", stem, k);
        int taken = 0;
        for (size_t i = 0; i < spec->n && !taken; i++)
            taken = spec->items[i].name && strcmp(spec->items[i].name, buf) == 0;
        if (!taken)
            break;
    }
    return cor_report_spec_own(spec, buf, strlen(buf));
}

/* 100% bars: the parts are shares and each period's sum is 100% (+-1). */
static int sums_to_whole(const struct cor_dataset *ds, const struct cor_select *sel)
{
    const struct cor_unit *u = cor_unit_at(sel->unit);
    if (!u || u->dim != COR_DIM_SHARE)
        return 0;
    struct cor_series s;
    if (cor_series_select(ds, sel, &s, NULL) != COR_OK)
        return 0;
    int ok = s.n > 0;
    for (size_t i = 0; i < s.n && ok; i++) {
        double sum = 0;
        for (size_t j = 0; j < s.n; j++)
            if (cor_period_equal(&s.points[j].period, &s.points[i].period))
                sum += s.points[j].v.value;
        ok = isfinite(sum) && fabs(sum * u->factor - 1) <= 0.01;
    }
    cor_series_fini(&s);
    return ok;
}

/* A group whose members have no status in common (one all planned, one
 * all actual: a budget's plan and its outcome) holds versions of one
 * figure, not parts of a total: never 100% bars or shares. */
static void find_alternatives(struct finder *f)
{
    for (size_t i = 0; i < f->n; i++)
        for (size_t j = i + 1; j < f->n && f->ids[i].group >= 0; j++)
            if (f->ids[j].group == f->ids[i].group &&
                !(f->ids[i].statuses & f->ids[j].statuses))
                for (size_t k = 0; k < f->n; k++)
                    f->ids[k].alternatives |= f->ids[k].group == f->ids[i].group;
}

/* The chart and the table of one series (or one group of parts). */
static enum cor_status emit(struct cor_report_spec *spec, const struct finder *f,
                            const struct ident *d, const struct cor_dataset *ds)
{
    const struct cor_schema *sc = cor_schema_get(d->kind);
    struct cor_select sel;
    cor_select_init(&sel, d->kind);
    sel.entity = d->vals[0];
    sel.unit = main_unit(f, d);
    sel.currency = d->currency;
    struct cor_report_sb title = {0};
    cor_report_sb_printf(&title, "%s", d->vals[0]);
    for (size_t k = 1; k < d->nkeys; k++) {
        const char *col = key_col(d->kind, k)->name;
        if (d->part_col && strcmp(col, d->part_col) == 0)
            continue;
        if (sel.nwhere == COR_SELECT_MAX_WHERE)
            return COR_EINVAL;
        sel.where[sel.nwhere].column = col;
        sel.where[sel.nwhere++].value = d->vals[k];
        if (*d->vals[k])
            cor_report_sb_printf(&title, ", %s", d->vals[k]);
    }
    if (d->currency >= 0 && cor_schema_column(sc, "currency", 8)) {
        if (sel.nwhere == COR_SELECT_MAX_WHERE)
            return COR_EINVAL;
        sel.where[sel.nwhere].column = "currency";
        sel.where[sel.nwhere++].value = cor_currency_name(d->currency);
    }
    char unit[96];
    cor_series_unit_label(sel.unit, sel.currency, unit, sizeof unit);
    cor_report_sb_printf(&title, " (%s%s%s)", unit, d->part_col ? ", by " : "",
                         d->part_col ? d->part_col : "");
    sel.vary = d->part_col;
    enum cor_chart_type type = d->part_col && d->alternatives
                                   ? (d->years >= 2 ? COR_CHART_LINE : COR_CHART_GROUPED)
                               : d->part_col   ? (sums_to_whole(ds, &sel) ? COR_CHART_STACKED100
                                                                          : COR_CHART_GROUPED)
                               : d->years >= 2 ? COR_CHART_LINE
                                               : COR_CHART_BAR;
    char stem[96];
    slug(title.s ? title.s : "", stem, sizeof stem);
    enum cor_status st = title.failed ? COR_ENOMEM : COR_OK;
    for (int t = 0; t < 2 && st == COR_OK; t++) {
        struct cor_report_item *it = cor_report_spec_add(spec, t ? COR_REPORT_TABLE
                                                                 : COR_REPORT_CHART);
        if (!it || !(it->name = t ? spec->items[spec->n - 2].name : unique_name(spec, stem)) ||
            !(it->title = cor_report_spec_own(spec, title.s, title.n))) {
            st = COR_ENOMEM;
            break;
        }
        it->sel = sel;
        /* the selection's strings, owned by the spec */
        if (!(it->sel.entity = cor_report_spec_own(spec, sel.entity, strlen(sel.entity))))
            st = COR_ENOMEM;
        for (size_t w = 0; w < sel.nwhere && st == COR_OK; w++)
            if (!(it->sel.where[w].column =
                      cor_report_spec_own(spec, sel.where[w].column, strlen(sel.where[w].column))) ||
                !(it->sel.where[w].value =
                      cor_report_spec_own(spec, sel.where[w].value, strlen(sel.where[w].value))))
                st = COR_ENOMEM;
        if (st == COR_OK && sel.vary &&
            !(it->by = cor_report_spec_own(spec, sel.vary, strlen(sel.vary))))
            st = COR_ENOMEM;
        it->sel.vary = it->by;
        it->chart = type;
        it->metric = d->part_col && !d->alternatives ? COR_REPORT_SHARES : COR_REPORT_FIGURES;
    }
    cor_report_sb_fini(&title);
    return st;
}

enum cor_status cor_report_spec_auto(struct cor_report_spec *spec, const struct cor_dataset *ds,
                                     struct cor_error *err)
{
    struct finder f = {ds, NULL, 0, 0, cor_unit_count()};
    enum cor_status st = find_series(&f);
    if (st == COR_OK) {
        find_parts(&f);
        find_alternatives(&f);
    }
    for (size_t i = 0; i < f.n && st == COR_OK; i++) {
        const struct ident *d = &f.ids[i];
        if (d->nperiods == 0)
            continue;   /* undated figures: nothing to draw */
        /* a group of parts is one chart: made at its first member */
        int first = 1;
        for (size_t j = 0; j < i && d->group >= 0; j++)
            first &= f.ids[j].group != d->group;
        if (first)
            st = emit(spec, &f, d, ds);
    }
    for (size_t i = 0; i < f.n; i++)
        ident_fini(&f.ids[i]);
    free(f.ids);
    if (st == COR_EINVAL)
        return cor_error_set(err, st, NULL, 0, 0,
                             "a series has more key columns than a selection holds (%d)",
                             COR_SELECT_MAX_WHERE);
    return st == COR_OK ? COR_OK : cor_error_set(err, st, NULL, 0, 0, "out of memory");
}
