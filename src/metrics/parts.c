/* The parts of a total (see corridor/parts.h): one classification of the
 * figures of a period, and the shares they make. */
#include "corridor/parts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/metrics.h"
#include "corridor/names.h"

/* The relative excess of the parts over a stated total that is refused. */
#define PARTS_OVER_TOTAL_TOL 1e-9

void cor_parts_fini(struct cor_parts *P)
{
    if (!P)
        return;
    free(P->rows);
    memset(P, 0, sizeof *P);
}

enum cor_status cor_parts_at(const struct cor_dataset *ds, enum cor_kind kind,
                             const struct cor_series *s, const struct cor_period *p,
                             const struct cor_parts_opts *o, struct cor_parts *out,
                             struct cor_error *err)
{
    memset(out, 0, sizeof *out);
    const struct cor_unit *u = s->unit >= 0 ? cor_unit_at(s->unit) : NULL;
    out->by_value = u && u->dim == COR_DIM_MONEY;
    out->rows = calloc(s->n + 1, sizeof *out->rows);
    if (!out->rows)
        return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    const char *stated = o->total && *o->total ? o->total : NULL;
    int empty_seen = 0;
    for (size_t i = cor_series_next_at(s, p, 0); i < s->n; i = cor_series_next_at(s, p, i + 1)) {
        const struct cor_point *pt = &s->points[i];
        struct cor_parts_row *r = &out->rows[out->n++];
        r->pt = pt;
        r->name = cor_series_text(ds, kind, pt->obs, o->by);
        empty_seen |= !*r->name;
    }
    /* the total: the stated one, else "all" (an empty key), else none */
    out->total = stated ? stated : empty_seen ? "" : NULL;
    for (size_t i = 0; i < out->n; i++) {
        struct cor_parts_row *r = &out->rows[i];
        if (out->total && strcmp(r->name, out->total) == 0)
            r->role = COR_PART_TOTAL;
        else if (!*r->name ||
                 (!o->aggregates && cor_series_is_aggregate(ds, r->pt->obs, o->by)))
            r->role = COR_PART_AGGREGATE;   /* "all" beside a stated total is no part */
        else if (r->pt->v.na == COR_NA_NO_FIGURE)
            r->role = COR_PART_NO_FIGURE;
        else
            r->role = COR_PART;
        out->count[r->role]++;
    }
    return COR_OK;
}

const char *cor_parts_basis(const struct cor_parts *P)
{
    return P->by_value ? "by value" : "by volume";
}

int cor_parts_duplicate(const struct cor_parts *P, size_t *a, size_t *b)
{
    for (size_t i = 0; i < P->n; i++) {
        enum cor_part_role ri = P->rows[i].role;
        if (ri != COR_PART && ri != COR_PART_TOTAL)
            continue;
        for (size_t j = i + 1; j < P->n; j++)
            if (P->rows[j].role == ri && strcmp(P->rows[i].name, P->rows[j].name) == 0) {
                *a = i;
                *b = j;
                return 1;
            }
    }
    return 0;
}

struct cor_ival cor_parts_sum(const struct cor_parts *P)
{
    struct cor_ival sum = cor_ival_exact(0);
    for (size_t i = 0; i < P->n; i++)
        if (P->rows[i].role == COR_PART)
            sum = cor_ival_add(sum, P->rows[i].pt->v);
    return sum;
}

struct cor_ival cor_parts_remainder(struct cor_ival total, struct cor_ival sum)
{
    /* other/unknown = total - sum of the parts; a level is never below 0 */
    struct cor_ival r = cor_ival_sub(total, sum);
    if (!r.na && r.lo < 0) {
        r.lo = 0;
        r.lo_open = 0;
        if (r.value < 0)
            r.value = 0;
    }
    return r;
}

int cor_parts_exceed_total(struct cor_ival sum, struct cor_ival total)
{
    return !sum.na && !total.na && sum.lo > total.hi * (1 + PARTS_OVER_TOTAL_TOL);
}

int cor_parts_looks_like_total(const char *name)
{
    static const char *const words[] = {"world", "total", "world total", "all", "grand total"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (cor_word_eq(name, strlen(name), words[i]))
            return 1;
    return 0;
}

const char *cor_parts_closest(const struct cor_parts *P, const char *want)
{
    const char **names = malloc((P->n + 1) * sizeof *names);
    if (!names)
        return NULL;
    for (size_t i = 0; i < P->n; i++)
        names[i] = P->rows[i].name;
    const char *best = cor_closest(want, names, P->n);
    free(names);
    return best;
}

enum cor_status cor_parts_shares(const struct cor_parts *P, struct cor_share **out, size_t *n,
                                 struct cor_error *err)
{
    *out = NULL;
    *n = 0;
    size_t a, b;
    if (cor_parts_duplicate(P, &a, &b))
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                             "several figures for '%s' in this period", P->rows[a].name);
    const struct cor_point *total = NULL;
    size_t nparts = 0;
    for (size_t i = 0; i < P->n; i++) {
        const struct cor_parts_row *r = &P->rows[i];
        if (r->role == COR_PART_TOTAL)
            total = r->pt;
        if ((r->role == COR_PART || r->role == COR_PART_TOTAL) && r->pt->v.na)
            return cor_error_set(err, COR_EDATA, NULL, 0, 0, "the figure for '%s' is NA (%s)",
                                 *r->name ? r->name : "all", cor_na_reason(r->pt->v.na));
        nparts += r->role == COR_PART;
    }
    struct cor_ival *v = malloc((nparts + 1) * sizeof *v);
    struct cor_share *sh = calloc(nparts + 2, sizeof *sh);
    if (!v || !sh) {
        free(v);
        free(sh);
        return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    size_t k = 0;
    for (size_t i = 0; i < P->n; i++)
        if (P->rows[i].role == COR_PART) {
            sh[k] = (struct cor_share){P->rows[i].name, P->rows[i].pt, P->rows[i].pt->v,
                                       cor_ival_na(COR_NA_MISSING_PERIOD), 0};
            v[k++] = P->rows[i].pt->v;
        }
    /* share = part / the stated total, or part / the sum of the parts */
    for (size_t i = 0; i < k; i++)
        sh[i].share = total ? cor_metrics_share(v[i], total->v) : cor_metrics_share_of_sum(v, k, i);
    if (total) {
        struct cor_ival rest = cor_parts_remainder(total->v, cor_parts_sum(P));
        sh[k] = (struct cor_share){"other/unknown", NULL, rest, cor_metrics_share(rest, total->v),
                                   1};
        k++;
    }
    free(v);
    *out = sh;
    *n = k;
    return COR_OK;
}
