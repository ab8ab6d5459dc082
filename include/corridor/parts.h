/* corridor/parts.h - the parts of a total: the one definition of which
 * figures of a period are parts, which is the total, which are left out,
 * and the shares they make. `corridor share` and `hhi`, the claims' share,
 * pp_change and rank evidence, and the report's share tables and 100%
 * bars all use it.
 *
 * The figures of one period of a series (selected with `vary` = the `by`
 * column) are classified by their value of `by`:
 *   - the total: the value named by opts.total (World), or else, when the
 *     period has rows whose `by` cell is empty, those rows (an empty key
 *     means "all"); with neither, there is no stated total and the parts
 *     are divided by their own sum;
 *   - aggregates: rows flagged (column `aggregate`) as totals over other
 *     values of `by` (World, a region), left out unless opts.aggregates;
 *     rows with an empty `by` beside a stated total ("all") are left out too;
 *   - no figure: a part whose value is missing (NA "no figure"), left out
 *     of sums (the callers say so);
 *   - the parts: every other row.
 * The remainder of a stated total is "other/unknown", never a part. Shares
 * of money are by value, of any other dimension by volume: different
 * shares, and the output says which.
 *
 * How it relates to corridor/metrics.h: cor_parts_* (this header) decides
 * WHICH figures are parts, which is the total and which are left out;
 * the arithmetic on them is metrics.h's, each formula once: a share of a
 * stated total is cor_metrics_share(), a share of the parts' sum
 * cor_metrics_share_of_sum(), and the HHI cor_metrics_concentration() /
 * cor_metrics_concentration_in_total(), which (like `corridor panel`)
 * take their sums and squares from the numeric accumulator struct
 * cor_parts_acc (cor_metrics_parts_add/_share/_hhi). cor_parts_sum() and
 * cor_parts_remainder() are interval sums (cor_ival_add/_sub), for the
 * table's value_lo/value_hi and the remainder other/unknown.
 *
 * Ownership: cor_parts_at() fills a caller-allocated struct cor_parts that
 * cor_parts_fini() releases; its rows point into the series and the
 * dataset, which must outlive it. cor_parts_shares() returns an array the
 * caller frees with free(). */
#ifndef CORRIDOR_PARTS_H
#define CORRIDOR_PARTS_H

#include <stddef.h>

#include "corridor/dataset.h"
#include "corridor/error.h"
#include "corridor/interval.h"
#include "corridor/series.h"

struct cor_parts_opts {
    const char *by;        /* the key column that names the parts (required) */
    const char *total;     /* the value of `by` that is the stated total; NULL or "":
                            * the rows whose `by` is empty if the period has any,
                            * else none (the sum of the parts) */
    int aggregates;        /* 1: rows flagged as aggregates of `by` are parts */
};

enum cor_part_role {
    COR_PART,              /* a part */
    COR_PART_TOTAL,        /* the total: stated, or "all" (empty `by`) */
    COR_PART_AGGREGATE,    /* flagged as an aggregate of `by`: left out */
    COR_PART_NO_FIGURE     /* a part whose figure is missing: left out of sums */
};

struct cor_parts_row {
    const struct cor_point *pt;
    const char *name;      /* its value of `by` (the dataset's text; "" for "all") */
    enum cor_part_role role;
};

struct cor_parts {
    struct cor_parts_row *rows;   /* the figures of the period, in series order */
    size_t n;
    size_t count[4];              /* rows by enum cor_part_role */
    const char *total;            /* the total's name: the stated one, "" for "all", or
                                   * NULL: no total (the sum of the parts) */
    int by_value;                 /* 1: money, shares by value; 0: by volume */
};

/* Classifies the figures of series s (of record kind `kind`) in period p
 * (same form: a year, a 9-month period...). COR_ENOMEM. A period without
 * figures gives n == 0. */
enum cor_status cor_parts_at(const struct cor_dataset *ds, enum cor_kind kind,
                             const struct cor_series *s, const struct cor_period *p,
                             const struct cor_parts_opts *o, struct cor_parts *out,
                             struct cor_error *err);
void cor_parts_fini(struct cor_parts *P);

/* "by value" or "by volume". */
const char *cor_parts_basis(const struct cor_parts *P);

/* The first two rows of one name among the parts and the total (sources
 * that disagree, or a figure and a projection): 1 and *a, *b set, else 0. */
int cor_parts_duplicate(const struct cor_parts *P, size_t *a, size_t *b);

/* The sum of the parts' figures (rows COR_PART). */
struct cor_ival cor_parts_sum(const struct cor_parts *P);

/* What a stated total leaves to other/unknown: total - sum, its lower end
 * at least 0. */
struct cor_ival cor_parts_remainder(struct cor_ival total, struct cor_ival sum);

/* 1 when even the smallest sum of the parts exceeds the largest value of
 * the total (beyond a relative 1e-9): the parts hold an aggregate or a
 * double count. */
int cor_parts_exceed_total(struct cor_ival sum, struct cor_ival total);

/* 1 if a name reads as a total of other parts: World, Total, All. */
int cor_parts_looks_like_total(const char *name);

/* The value of `by` in the period closest to want (cor_closest() over every
 * row's name, aggregates included), or NULL. */
const char *cor_parts_closest(const struct cor_parts *P, const char *want);

/* One line of a share table: a part, or the remainder of a stated total. */
struct cor_share {
    const char *name;               /* the part; "other/unknown" for the remainder */
    const struct cor_point *pt;     /* the part's figure; NULL for the remainder */
    struct cor_ival amount;         /* in the series' unit */
    struct cor_ival share;          /* a fraction: of the stated total, or of the sum */
    int other;                      /* 1: the remainder */
};

/* The shares of the parts of P: part / the stated total (one figure), with
 * the remainder as a last line "other/unknown", or part / the sum of the
 * parts when there is no total. Each name must have one figure
 * (cor_parts_duplicate() finds the others: COR_EINVAL) and no part may be
 * NA but for "no figure" (left out; COR_EDATA for another NA, and for a
 * total without a figure). *out (free()) gets *n lines. */
enum cor_status cor_parts_shares(const struct cor_parts *P, struct cor_share **out, size_t *n,
                                 struct cor_error *err);

#endif
