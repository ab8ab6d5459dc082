/* Coverage of an article's figures by the rows of a claims file (see
 * extract.h): the row's quote around the figure, and its number. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract_internal.h"

/* The row belongs to the article (file name `article`). */
static int row_of_article(const struct cor_dataset *ds, const struct cor_claim_record *c,
                          const char *article)
{
    const char *id = cor_dataset_str(ds, c->article);
    if (!*id || strcmp(id, article) == 0)
        return 1;
    const struct cor_source_record *src = cor_dataset_source(ds, c->article);
    return src && strcmp(cor_dataset_str(ds, src->article), article) == 0;
}

/* A number in the base unit of its dimension (40 % -> 0.4, 900 million -> 9e8). */
static double base(double v, const char *unit)
{
    int u = unit && *unit ? cor_unit_lookup(unit, strlen(unit)) : -1;
    const struct cor_unit *cu = cor_unit_at(u);
    return cu ? v * cu->factor : v;
}

static int same_number(double a, double b)
{
    a = fabs(a);
    b = fabs(b);   /* a fall may be written as -8 or 8 */
    return fabs(a - b) <= 1e-9 * fmax(a, b);
}

static int dims_agree(const char *fig_unit, int row_unit)
{
    int u = *fig_unit ? cor_unit_lookup(fig_unit, strlen(fig_unit)) : -1;
    const struct cor_unit *a = cor_unit_at(u), *b = cor_unit_at(row_unit);
    return !a || !b || a->dim == b->dim;
}

/* The row states the figure's number (in the base unit). Percentage points
 * ("16 percentage points", drafted in pp) are stated by a row in pp, or by
 * a row written in % as drafts were before the unit pp: the same number. */
static int number_matches(const struct cor_claim_record *c, const struct cor_finding *f)
{
    const struct cor_unit *ru = cor_unit_at(c->claim_unit);
    const char *rname = ru ? ru->name : "";
    if (strcmp(f->unit, "pp") == 0 && ru && strcmp(rname, "%") == 0)
        rname = "pp";
    else if (!dims_agree(f->unit, c->claim_unit))
        return 0;
    if (f->qualifier == COR_Q_RANGE)
        return c->claim_qualifier == COR_Q_RANGE &&
               same_number(base(c->claim_lo, rname), base(f->lo, f->unit)) &&
               same_number(base(c->claim_hi, rname), base(f->hi, f->unit));
    return c->claim_qualifier != COR_Q_RANGE && !isnan(c->claim_value) &&
           same_number(base(c->claim_value, rname), base(f->value, f->unit));
}

static int is_skip(const struct cor_dataset *ds, const struct cor_claim_record *c)
{
    const char *m = cor_dataset_str(ds, c->metric);
    return cor_claim_metric_lookup(m, strlen(m)) == COR_CM_SKIP;
}

/* First normalised offset at or after text offset off (map is nondecreasing). */
static size_t norm_at(const size_t *map, size_t n, size_t off)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (map[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Does the quote (normalised, qn bytes) occur in the normalised text around [a, b)? */
static int quote_covers(const char *norm, size_t n, const char *q, size_t qn, size_t a, size_t b)
{
    if (qn == 0 || b - a > qn)
        return 0;
    size_t first = b > qn ? b - qn : 0;
    for (size_t at = first; at <= a && at + qn <= n; at++)
        if (memcmp(norm + at, q, qn) == 0)
            return 1;
    return 0;
}

enum cor_status cor_extract_coverage(const struct cor_extract *ex, const char *article,
                                     const struct cor_dataset *ds, struct cor_coverage *out,
                                     struct cor_error *err)
{
    memset(out, 0, sizeof *out);
    size_t nrows = cor_dataset_count(ds, COR_KIND_CLAIM);
    char *norm = malloc(ex->len + 8);
    size_t *map = malloc((ex->len + 8) * sizeof *map);
    char **quotes = calloc(nrows ? nrows : 1, sizeof *quotes);
    size_t *qlen = calloc(nrows ? nrows : 1, sizeof *qlen);
    out->items = calloc(ex->nf ? ex->nf : 1, sizeof *out->items);
    enum cor_status st = norm && map && quotes && qlen && out->items ? COR_OK : COR_ENOMEM;
    size_t n = 0;
    if (st == COR_OK)
        n = cor_x_normalise(ex->text ? ex->text : "", ex->len, norm, map, ex->len + 8);
    for (size_t r = 0; r < nrows && st == COR_OK; r++) {
        const struct cor_claim_record *c = cor_dataset_record(ds, COR_KIND_CLAIM, r).claim;
        const char *q = cor_dataset_str(ds, c->quote);
        if (c->origin.invalid || !*q || !row_of_article(ds, c, article))
            continue;
        size_t len = strlen(q);
        if (!(quotes[r] = malloc(len + 8)))
            st = COR_ENOMEM;
        else
            qlen[r] = cor_x_normalise(q, len, quotes[r], NULL, len + 8);
    }
    for (size_t i = 0; i < ex->nf && st == COR_OK; i++) {
        const struct cor_finding *f = &ex->f[i];
        if (f->find != COR_FIND_FIGURE)
            continue;
        size_t a = norm_at(map, n, f->start), b = norm_at(map, n, f->end);
        struct cor_coverage_item it = {i, COR_COVER_MISSING, NULL};
        for (size_t r = 0; r < nrows && it.cover != COR_COVER_CLAIM; r++) {
            const struct cor_claim_record *c = cor_dataset_record(ds, COR_KIND_CLAIM, r).claim;
            if (!quotes[r] || !quote_covers(norm, n, quotes[r], qlen[r], a, b))
                continue;
            if (!is_skip(ds, c) && number_matches(c, f))
                it.cover = COR_COVER_CLAIM, it.row = c;
            else if (is_skip(ds, c) && it.cover == COR_COVER_MISSING &&
                     ((isnan(c->claim_value) && isnan(c->claim_lo) && isnan(c->claim_hi)) ||
                      number_matches(c, f)))
                it.cover = COR_COVER_SKIP, it.row = c;
        }
        out->items[out->n++] = it;
        out->count[it.cover]++;
    }
    for (size_t r = 0; quotes && r < nrows; r++)
        free(quotes[r]);
    free(quotes);
    free(qlen);
    free(norm);
    free(map);
    if (st != COR_OK) {
        cor_coverage_fini(out);
        return cor_error_set(err, st, NULL, 0, 0, "out of memory");
    }
    return COR_OK;
}

void cor_coverage_fini(struct cor_coverage *cov)
{
    if (!cov)
        return;
    free(cov->items);
    memset(cov, 0, sizeof *cov);
}
