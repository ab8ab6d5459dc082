/* Series: selection of observations, conversion to one unit. */
#include "corridor/series.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

const char *cor_series_text(const struct cor_dataset *ds, enum cor_kind kind, const void *rec,
                            const char *column)
{
    const struct cor_column *c =
        cor_schema_column(cor_schema_get(kind), column, strlen(column));
    if (!c || (c->type != COR_COL_TEXT && c->type != COR_COL_WORD && c->type != COR_COL_CODE))
        return "";
    return cor_dataset_str(ds, *(const cor_sym *)((const unsigned char *)rec + c->offset));
}

static int text_matches(const struct cor_dataset *ds, const struct cor_column *c, const void *rec,
                        const char *want)
{
    if (c->type == COR_COL_CURRENCY) {
        int cur = *(const int *)((const unsigned char *)rec + c->offset);
        return cur < 0 ? *want == '\0' : strcmp(cor_currency_name(cur), want) == 0;
    }
    const char *have = cor_dataset_str(ds, *(const cor_sym *)((const unsigned char *)rec + c->offset));
    if (c->type == COR_COL_WORD)
        return cor_word_eq(want, strlen(want), have);
    return strcmp(have, want) == 0;
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
        const struct cor_fx_record *r = cor_dataset_record(ds, COR_KIND_FX, i);
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

/* 1 if name is one of the comma-separated words of list. */
static int in_list(const char *list, const char *name)
{
    size_t n = strlen(name);
    while (*list) {
        size_t len = strcspn(list, ",");
        if (len == n && strncmp(list, name, n) == 0)
            return 1;
        list += len;
        if (*list == ',')
            list++;
    }
    return 0;
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

enum cor_status cor_series_select(const struct cor_dataset *ds, const struct cor_select *sel,
                                  struct cor_series *out, struct cor_error *err)
{
    const struct cor_schema *sc = cor_schema_get(sel->kind);
    memset(out, 0, sizeof *out);
    out->unit = sel->unit;
    out->currency = sel->currency;
    if (!sc || !sc->has_obs)
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0, "not a kind of observation");
    const struct cor_column *where[COR_SELECT_MAX_WHERE];
    for (size_t w = 0; w < sel->nwhere; w++) {
        where[w] = cor_schema_column(sc, sel->where[w].column, strlen(sel->where[w].column));
        if (!where[w])
            return cor_error_set(err, COR_ENOTFOUND, NULL, 0, 0,
                                 "kind '%s' has no column '%s'", sc->name, sel->where[w].column);
    }
    const struct cor_column *entity = cor_series_entity_column(sel->kind);
    cor_sym source = sel->source ? cor_dataset_sym(ds, sel->source) : COR_SYM_NONE;
    size_t n = cor_dataset_count(ds, sel->kind);
    struct cor_point *pts = calloc(n ? n : 1, sizeof *pts);
    if (!pts)
        return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    size_t k = 0;
    enum cor_status st = COR_OK;
    const void *first_rec = NULL;
    for (size_t i = 0; i < n; i++) {
        const void *rec = cor_dataset_record(ds, sel->kind, i);
        const struct cor_obs *o = rec;
        if (o->origin.invalid)
            continue;
        if (sel->entity && !text_matches(ds, entity, rec, sel->entity))
            continue;
        int ok = 1;
        for (size_t w = 0; w < sel->nwhere && ok; w++)
            ok = text_matches(ds, where[w], rec, sel->where[w].value);
        if (!ok || (sel->status_mask && !(sel->status_mask & (1u << o->status))))
            continue;
        if (sel->source && o->source != source)
            continue;
        if (!in_range(&o->period, sel))
            continue;
        if (first_rec && (st = same_identity(ds, sc, sel, first_rec, rec, err)) != COR_OK)
            break;
        first_rec = first_rec ? first_rec : rec;
        const struct cor_unit *u = cor_unit_at(o->unit);
        /* without a target unit, the first row's unit decides; others must match it */
        if (out->unit < 0) {
            out->unit = o->unit;
            if (u->dim == COR_DIM_MONEY && out->currency < 0)
                out->currency = o->currency;
        }
        const struct cor_unit *target = cor_unit_at(out->unit);
        if (target->dim != u->dim && sel->unit < 0) {
            st = cor_error_set(err, COR_EUNIT, NULL, 0, 0,
                               "the selection mixes %s (%s) and %s (%s): choose one with --unit",
                               target->name, cor_dim_name(target->dim), u->name,
                               cor_dim_name(u->dim));
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

/* Levenshtein distance ignoring case, keeping one row of the table; SIZE_MAX
 * when memory runs out. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *row = malloc((lb + 1) * sizeof *row);
    if (!row)
        return (size_t)-1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            int same = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
            size_t best = diag + !same;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    size_t d = row[lb];
    free(row);
    return d;
}

/* 1 if the record passes the entity and the conditions before index `upto`. */
static int passes_before(const struct cor_dataset *ds, const struct cor_select *sel,
                         const void *rec, size_t upto)
{
    const struct cor_column *ent = cor_series_entity_column(sel->kind);
    if (sel->entity && ent && strcmp(cor_series_text(ds, sel->kind, rec, ent->name), sel->entity))
        return 0;
    for (size_t w = 0; w < upto && w < sel->nwhere; w++) {
        const char *have = cor_series_text(ds, sel->kind, rec, sel->where[w].column);
        if (!cor_word_eq(have, strlen(have), sel->where[w].value))
            return 0;
    }
    return 1;
}

const char *cor_series_closest(const struct cor_dataset *ds, const struct cor_select *sel,
                               const char *column, const char *want)
{
    enum cor_kind kind = sel ? sel->kind : COR_KIND_PORT;
    const struct cor_schema *sc = cor_schema_get(kind);
    const struct cor_column *c = sc ? cor_schema_column(sc, column, strlen(column)) : NULL;
    if (!c)
        return NULL;
    /* the records that pass the conditions before this column's own; the
     * entity's own column looks at every record */
    const struct cor_column *ent = cor_series_entity_column(kind);
    size_t upto = 0;
    int filter = sel && c != ent;
    for (size_t w = 0; filter && w < sel->nwhere; w++)
        if (cor_schema_column(sc, sel->where[w].column, strlen(sel->where[w].column)) == c) {
            upto = w;
            break;
        }
    const char *best = NULL, *last = NULL;
    size_t best_d = (size_t)-1, len = strlen(want);
    size_t limit = len / 3 > 2 ? len / 3 : 2;   /* close: within a third of its length */
    for (size_t i = 0; i < cor_dataset_count(ds, kind); i++) {
        const void *rec = cor_dataset_record(ds, kind, i);
        if (cor_record_origin(kind, rec)->invalid || (filter && !passes_before(ds, sel, rec, upto)))
            continue;
        const char *have = cor_series_text(ds, kind, rec, column);
        if (!*have || have == last)
            continue;   /* interned: one pointer per text, and runs repeat */
        last = have;
        if (cor_word_eq(have, strlen(have), want))
            return have;   /* equal but for case, spaces, '-' and '_' */
        size_t d = edit_distance(want, have);
        if (d < best_d) {
            best_d = d;
            best = have;
        }
    }
    return best_d <= limit ? best : NULL;
}
