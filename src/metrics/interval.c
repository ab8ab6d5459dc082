/* Intervals from qualifiers (levels clipped at 0, signed quantities as written), and
 * interval arithmetic. */
#include "corridor/interval.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "corridor/num.h"

const char *cor_na_reason(enum cor_na na)
{
    static const char *const reasons[COR_NA_COUNT] = {
        [COR_NA_NONE] = "",
        [COR_NA_MISSING_PERIOD] = "missing period",
        [COR_NA_BASE_NONPOSITIVE] = "base <= 0",
        [COR_NA_PARTIAL_PERIOD] = "partial period mixed with full years",
        [COR_NA_TOO_FEW_POINTS] = "too few points",
        [COR_NA_TOO_MANY_GAPS] = "more than half the years missing",
        [COR_NA_INCOMPATIBLE_UNITS] = "incompatible units",
        [COR_NA_AMBIGUOUS] = "several figures for one period",
        [COR_NA_UNBOUNDED] = "unbounded input",
        [COR_NA_NO_FIGURE] = "no figure",
        [COR_NA_ONE_PERIOD] = "every point in one year",
        [COR_NA_NEGATIVE_PART] = "a negative part",
        [COR_NA_OUT_OF_RANGE] = "out of range",
    };
    return (unsigned)na < COR_NA_COUNT ? reasons[na] : "?";
}

struct cor_ival cor_ival_exact(double x)
{
    return (struct cor_ival){x, x, x, 0, 0, COR_NA_NONE};
}

struct cor_ival cor_ival_na(enum cor_na why)
{
    return (struct cor_ival){NAN, NAN, NAN, 0, 0, why};
}

/* The interval of a qualifier as written: about x is x -/+ w with
 * w = max(rel |x|, half a unit of the last printed digit) (the delta rule
 * on the magnitude, so "about -8" is [-8.5, -7.5]); nearly x lies within w
 * of x on the side of 0; the open ends are as written. */
static struct cor_ival as_written(enum cor_qualifier q, double value, double lo, double hi,
                                  int decimals, const struct cor_ival_opts *opts)
{
    double rel = opts ? opts->approx_rel : 0.05;
    struct cor_ival r = cor_ival_exact(value);
    double w = fmax(rel * fabs(value), 0.5 * pow(10.0, -decimals));
    switch (q) {
    case COR_Q_EXACT: break;
    case COR_Q_APPROX:
        r.lo = value - w;
        r.hi = value + w;
        break;
    case COR_Q_NEARLY:
        /* just short of x: [x - w, x) above 0, (x, x + w] below it */
        if (value < 0) {
            r.lo_open = 1;
            r.hi = value + w;
        } else {
            r.lo = value - w;
            r.hi_open = 1;
        }
        break;
    case COR_Q_MORE_THAN:
        r.lo_open = 1;
        r.hi = INFINITY;
        break;
    case COR_Q_AT_LEAST: r.hi = INFINITY; break;
    case COR_Q_LESS_THAN:
        r.lo = -INFINITY;
        r.hi_open = 1;
        break;
    case COR_Q_AT_MOST: r.lo = -INFINITY; break;
    case COR_Q_RANGE:
        r.lo = lo;
        r.hi = hi;
        r.value = (lo + hi) / 2;   /* the midpoint stands for the range */
        break;
    case COR_Q_COUNT: break;
    }
    return r;
}

struct cor_ival cor_ival_from_published(enum cor_qualifier q, double value, double lo, double hi,
                                        int decimals, double scale,
                                        const struct cor_ival_opts *opts)
{
    struct cor_ival r = as_written(q, value, lo, hi, decimals, opts);
    if (r.lo < 0) {
        /* a level cannot be negative: its open lower end stops at 0 */
        r.lo = 0;
        r.lo_open = 0;
    }
    return cor_ival_scale(r, scale);
}

struct cor_ival cor_ival_from_signed(enum cor_qualifier q, double value, double lo, double hi,
                                     int decimals, const struct cor_ival_opts *opts)
{
    return as_written(q, value, lo, hi, decimals, opts);
}

struct cor_ival cor_ival_scale(struct cor_ival a, double k)
{
    if (a.na)
        return a;
    a.value *= k;
    a.lo *= k;
    a.hi *= k;
    return a;
}

struct cor_ival cor_ival_div(struct cor_ival a, struct cor_ival b)
{
    if (a.na)
        return a;
    if (b.na)
        return b;
    if (!(b.value > 0) || b.lo < 0 || (b.lo == 0 && !b.lo_open))
        return cor_ival_na(COR_NA_BASE_NONPOSITIVE);
    struct cor_ival r = {a.value / b.value, 0, 0, 0, 0, COR_NA_NONE};
    /* lower end a.lo / b.hi: not reached when either end is not */
    r.lo = isinf(b.hi) ? 0 : a.lo / b.hi;
    r.lo_open = a.lo_open || (a.lo > 0 && (b.hi_open || isinf(b.hi)));
    /* upper end a.hi / b.lo */
    r.hi = (b.lo == 0 || isinf(a.hi)) ? (a.hi > 0 ? INFINITY : 0) : a.hi / b.lo;
    r.hi_open = !isinf(r.hi) && (a.hi_open || (a.hi > 0 && b.lo_open));
    return r;
}

struct cor_ival cor_ival_add(struct cor_ival a, struct cor_ival b)
{
    if (a.na)
        return a;
    if (b.na)
        return b;
    return (struct cor_ival){a.value + b.value, a.lo + b.lo, a.hi + b.hi,
                             (unsigned char)(a.lo_open || b.lo_open),
                             (unsigned char)(a.hi_open || b.hi_open), COR_NA_NONE};
}

struct cor_ival cor_ival_sub(struct cor_ival a, struct cor_ival b)
{
    if (a.na)
        return a;
    if (b.na)
        return b;
    return (struct cor_ival){a.value - b.value, a.lo - b.hi, a.hi - b.lo,
                             (unsigned char)(a.lo_open || b.hi_open),
                             (unsigned char)(a.hi_open || b.lo_open), COR_NA_NONE};
}

struct cor_ival cor_ival_map_increasing(struct cor_ival a, double (*f)(double, double),
                                        double param)
{
    if (a.na)
        return a;
    a.value = f(a.value, param);
    a.lo = f(a.lo, param);
    a.hi = f(a.hi, param);
    return a;
}

int cor_ival_is_point(struct cor_ival a)
{
    return !a.na && a.lo == a.hi;
}

/* decimals >= 0: fixed; -1: shortest round-trip; <= -2: -decimals significant digits */
static int format_bound(double v, int decimals, char *buf, size_t n)
{
    if (decimals <= -2)
        return cor_num_format_sig(v, -decimals, buf, n);
    return decimals < 0 ? cor_num_format(v, buf, n) : cor_num_format_fixed(v, decimals, buf, n);
}

int cor_ival_format_sig(struct cor_ival a, int digits, char *buf, size_t n)
{
    return cor_ival_format(a, -(digits < 2 ? 2 : digits), buf, n);
}

int cor_ival_format(struct cor_ival a, int decimals, char *buf, size_t n)
{
    if (a.na)
        return snprintf(buf, n, "NA (%s)", cor_na_reason(a.na));
    char lo[48], hi[48];
    format_bound(a.lo, decimals, lo, sizeof lo);
    format_bound(a.hi, decimals, hi, sizeof hi);
    if (a.lo == a.hi)
        return snprintf(buf, n, "[%s]", lo);
    return snprintf(buf, n, "%c%s, %s%c", a.lo_open || isinf(a.lo) ? '(' : '[', lo, hi,
                    a.hi_open || isinf(a.hi) ? ')' : ']');
}
