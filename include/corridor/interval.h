/* corridor/interval.h - numbers with the uncertainty of how they were
 * published, and explicit NA.
 *
 * A published figure becomes an interval through its qualifier (DESIGN.md):
 *   exact [x, x]; approx [x - w, x + w]; nearly [x - w, x) (for x < 0:
 *   (x, x + w], just short of x on the side of 0); more_than (x, +inf);
 *   at_least [x, +inf); less_than (-inf, x); at_most (-inf, x];
 *   range [lo, hi]
 * with w = max(rel |x|, half a unit of the last printed digit), rel = 5% by
 * default: the delta rule applied to the magnitude, so "about -8" is
 * [-8.5, -7.5]. Levels (throughput, money, shares) cannot be negative, so
 * for them a lower end below 0 stops at 0; quantities that can be negative
 * (growth, a change, CAGR, a change in percentage points) keep it.
 * Every metric takes intervals and returns intervals; an exact input gives a
 * zero-width one. Plain values; nothing here allocates. */
#ifndef CORRIDOR_INTERVAL_H
#define CORRIDOR_INTERVAL_H

#include "corridor/names.h"

/* Why a value is NA. COR_NA_NONE means it is a number. */
enum cor_na {
    COR_NA_NONE = 0,
    COR_NA_MISSING_PERIOD,   /* a period the formula needs has no figure */
    COR_NA_BASE_NONPOSITIVE, /* the base (denominator) is <= 0 */
    COR_NA_PARTIAL_PERIOD,   /* a partial period mixed with full years */
    COR_NA_TOO_FEW_POINTS,   /* fewer points than the method needs */
    COR_NA_TOO_MANY_GAPS,    /* more than half the years missing */
    COR_NA_INCOMPATIBLE_UNITS,
    COR_NA_AMBIGUOUS,        /* several figures for one period: choose a source */
    COR_NA_UNBOUNDED,        /* an input interval is unbounded where a bound is needed */
    COR_NA_NO_FIGURE,        /* the data has the row, with a missing value (empty, NA, ..) */
    COR_NA_ONE_PERIOD,       /* every point in one period: no slope */
    COR_NA_NEGATIVE_PART,    /* a part of a whole is negative: no share or HHI */
    COR_NA_OUT_OF_RANGE,     /* a sum or square beyond what a double holds (about 1e154
                              * and above, or below 1e-154 for a square) */
    COR_NA_COUNT
};

struct cor_ival {
    double value;            /* the point value (the printed figure, or its image) */
    double lo, hi;           /* bounds; -inf/+inf when unbounded */
    unsigned char lo_open, hi_open;
    enum cor_na na;
};

/* Relative tolerance for approx and nearly (default 0.05). */
struct cor_ival_opts {
    double approx_rel;
};

#define COR_IVAL_OPTS_DEFAULT {0.05}

/* The words of an NA reason ("missing period"), static storage. */
const char *cor_na_reason(enum cor_na na);

struct cor_ival cor_ival_exact(double x);
struct cor_ival cor_ival_na(enum cor_na why);

/* The interval of a published level (never negative: a lower end below 0
 * becomes a closed 0). value is the printed number, lo/hi the range bounds
 * (for COR_Q_RANGE), decimals the digits printed after the point, scale (> 0)
 * multiplies everything (unit conversion). */
struct cor_ival cor_ival_from_published(enum cor_qualifier q, double value, double lo, double hi,
                                        int decimals, double scale,
                                        const struct cor_ival_opts *opts);

/* The interval of a quantity that can be negative (a growth rate, a change):
 * the qualifier as written, not clipped. */
struct cor_ival cor_ival_from_signed(enum cor_qualifier q, double value, double lo, double hi,
                                     int decimals, const struct cor_ival_opts *opts);

/* a * k for k > 0. */
struct cor_ival cor_ival_scale(struct cor_ival a, double k);

/* a / b for a >= 0, b > 0: [a.lo/b.hi, a.hi/b.lo]; NA (base <= 0) if b can be 0 or less. */
struct cor_ival cor_ival_div(struct cor_ival a, struct cor_ival b);

/* a + b, a - b (the difference: [a.lo - b.hi, a.hi - b.lo]). */
struct cor_ival cor_ival_add(struct cor_ival a, struct cor_ival b);
struct cor_ival cor_ival_sub(struct cor_ival a, struct cor_ival b);

/* f(a) for an increasing function f; NaN-safe. */
struct cor_ival cor_ival_map_increasing(struct cor_ival a, double (*f)(double, double),
                                        double param);

/* 1 if the interval has zero width. */
int cor_ival_is_point(struct cor_ival a);

/* Writes "[0.30, 0.32)", "(100000, inf)" or "NA (missing period)" with the
 * given decimals (-1: shortest round-trip). */
int cor_ival_format(struct cor_ival a, int decimals, char *buf, size_t n);

/* The same with `digits` significant digits (display). */
int cor_ival_format_sig(struct cor_ival a, int digits, char *buf, size_t n);

#endif
