/* corridor/metrics.h - growth, shares, concentration and valuation on
 * intervals (GSL for the regression and the Student-t quantile).
 *
 * Metric functions neither allocate nor print. Interval inputs give
 * interval outputs: the bounds are the images of the input bounds under
 * each formula (all formulas here are monotone in each input). NA is
 * explicit and carries its reason (corridor/interval.h). */
#ifndef CORRIDOR_METRICS_H
#define CORRIDOR_METRICS_H

#include <math.h>
#include <stddef.h>

#include "corridor/error.h"
#include "corridor/interval.h"

/* Growth: now / before - 1; NA (base <= 0) when before can be <= 0. */
struct cor_ival cor_metrics_growth(struct cor_ival now, struct cor_ival before);

/* Absolute change: now - before. */
struct cor_ival cor_metrics_change(struct cor_ival now, struct cor_ival before);

/* Compound annual growth: (end / start)^(1 / years) - 1, years > 0 elapsed. */
struct cor_ival cor_metrics_cagr(struct cor_ival end, struct cor_ival start, double years);

/* Exponential (log) growth rate: ln(end / start) / years. */
struct cor_ival cor_metrics_exp_rate(struct cor_ival end, struct cor_ival start, double years);

/* Index number: 100 * x / base. */
struct cor_ival cor_metrics_index(struct cor_ival x, struct cor_ival base);

/* Real value: nominal / (deflator / deflator_base). */
struct cor_ival cor_metrics_real(struct cor_ival nominal, struct cor_ival deflator,
                                 struct cor_ival deflator_base);

/* Value of 100% of an asset implied by a price paid for a stake in (0, 1]. */
struct cor_ival cor_metrics_implied_value(struct cor_ival price, double stake);

/* Share of a part in a stated total: part / total. */
struct cor_ival cor_metrics_share(struct cor_ival part, struct cor_ival total);

/* Share of parts[i] in the sum of all parts:
 * [lo_i / (lo_i + sum_j!=i hi_j), hi_i / (hi_i + sum_j!=i lo_j)]. */
struct cor_ival cor_metrics_share_of_sum(const struct cor_ival *parts, size_t n, size_t i);

/* Change of a share in percentage points: 100 * (now - before), shares as fractions. */
struct cor_ival cor_metrics_share_change_pp(struct cor_ival now, struct cor_ival before);

/* Sum of shares (fractions) and whether it is 1 within tol. */
int cor_metrics_shares_sum_to_one(const double *shares, size_t n, double tol, double *sum);

/* The parts of one whole, taken one at a time: the one accumulator behind
 * shares of a sum and the HHI (cor_metrics_share_of_sum,
 * cor_metrics_concentration, and `corridor panel share` and `hhi`). It
 * keeps their count, sum and sum of squares, and counts the negative parts:
 * a whole with a negative part has no shares and no HHI (NA, negative
 * part), nor has a whole of no parts (NA, missing period). An all-zero
 * struct is an empty accumulator. */
struct cor_parts_acc {
    double sum, sumsq;
    unsigned long long n, negative;
};

/* Why the parts have no shares (and no HHI) of base, their sum or a
 * stated total: COR_NA_MISSING_PERIOD (no part), COR_NA_NEGATIVE_PART,
 * COR_NA_BASE_NONPOSITIVE (base <= 0), COR_NA_OUT_OF_RANGE (the base is
 * infinite: a sum that left a double), or COR_NA_NONE. */
static inline enum cor_na cor_metrics_parts_na(const struct cor_parts_acc *acc, double base)
{
    if (acc->n == 0)
        return COR_NA_MISSING_PERIOD;
    if (acc->negative)
        return COR_NA_NEGATIVE_PART;
    if (!isfinite(base))
        return COR_NA_OUT_OF_RANGE;
    return base > 0 ? COR_NA_NONE : COR_NA_BASE_NONPOSITIVE;
}

/* Inline, as is cor_metrics_parts_share: a panel calls them once per row. */
static inline void cor_metrics_parts_add(struct cor_parts_acc *acc, double value)
{
    acc->n++;
    acc->sum += value;
    acc->sumsq += value * value;
    acc->negative += value < 0;
}

/* Adds the parts of b to acc (the whole of both). */
void cor_metrics_parts_merge(struct cor_parts_acc *acc, const struct cor_parts_acc *b);

/* The share of part in the whole: s_i = x_i / sum_j x_j. NaN, with *na set,
 * when the whole has no shares; *na is COR_NA_NONE otherwise. na may be
 * NULL. */
static inline double cor_metrics_parts_share(const struct cor_parts_acc *acc, double part,
                                             enum cor_na *na)
{
    enum cor_na why = cor_metrics_parts_na(acc, acc->sum);
    if (na)
        *na = why;
    return why == COR_NA_NONE ? part / acc->sum : (double)NAN;
}

/* HHI = sum (x_i / sum)^2 = sum x_i^2 / (sum x_i)^2 on the 0-1 scale; NaN,
 * with *na set, as for a share. */
double cor_metrics_parts_hhi(const struct cor_parts_acc *acc, enum cor_na *na);

/* Ordinary least squares y = a + b x (gsl_fit_linear), with standard errors
 * from s^2 = RSS / (n - 2). */
struct cor_ols {
    double a, b;         /* intercept, slope */
    double se_a, se_b;
    double cov_ab;
    double rss;          /* residual sum of squares */
    size_t n;
};

/* COR_EINVAL for n < 3, x constant (GSL would return inf/NaN) or a value
 * that is not finite; COR_EGSL if GSL fails. */
enum cor_status cor_metrics_ols(const double *x, const double *y, size_t n, struct cor_ols *out,
                                struct cor_error *err);

/* Least-squares growth rate (World Bank WDI): OLS of ln(value) on year over
 * the points with value > 0; rate = e^b - 1; 95% interval
 * e^(b -/+ t se) - 1 with t = the 97.5% Student-t quantile on n - 2 degrees
 * of freedom. NA (too few points) below 3 positive points, NA (one period)
 * when they all share one year, NA (too many gaps) when more than half of
 * the years in [first, last] are missing (last - first + 1 - n of them). */
struct cor_trend {
    double rate, lo, hi; /* e^b - 1 and its 95% interval */
    double b, se;        /* slope of ln(value) per year and its standard error */
    double t;            /* the Student-t quantile used */
    size_t n;            /* points used (value > 0) */
    int first, last;     /* years spanned */
    enum cor_na na;
};

/* COR_ERANGE (out NA, unbounded input) for a year outside -32768..32767. */
enum cor_status cor_metrics_trend(const int *year, const double *value, size_t n,
                                  struct cor_trend *out);

/* The same trend taken one point at a time: the one implementation behind
 * cor_metrics_trend and `corridor panel trend`. The fit is kept as the QR
 * factor of the rows (1, year - 2000, ln value), updated by Givens rotations
 * (the residual sum of squares never comes from a subtraction), with the
 * years spanned. An all-zero struct is an empty accumulator. Points with
 * value <= 0 (or NaN) are left out, as in cor_metrics_trend; a year given
 * twice counts as two points. Years go from -32768 to 32767 (16 bits keep
 * the accumulator at 48 bytes: a panel series and its keys fill one 64-byte
 * cache line) and a fit takes at most 2^32 - 1 points: COR_ERANGE, the
 * point not added, beyond either. */
struct cor_trend_acc {
    double sx, sy;          /* sums of x = year - 2000 and of y = ln value */
    double r22, r23, r33sq; /* the QR factor past its first row; r33sq is r33^2 */
    unsigned int n;         /* points */
    short first, last;      /* years spanned (when n > 0) */
};

enum cor_status cor_metrics_trend_add(struct cor_trend_acc *acc, int year, double value);

/* Adds the points of b to acc (the fit of both sets of points). */
enum cor_status cor_metrics_trend_merge(struct cor_trend_acc *acc, const struct cor_trend_acc *b);

/* 97.5% Student-t quantiles, computed once per degrees of freedom below 64
 * (gsl_cdf_tdist_Pinv costs more than a fit): zero it, and keep one per
 * thread. */
struct cor_t975_memo {
    double t[64];
};

/* The trend of acc's points, with the rules of cor_metrics_trend and one
 * more: NA (one period) when every point is in one year. memo may be NULL. */
void cor_metrics_trend_result(const struct cor_trend_acc *acc, struct cor_t975_memo *memo,
                              struct cor_trend *out);

/* Concentration of a market from its parts' values (>= 0).
 * HHI = sum s_i^2 with s_i = x_i / sum x (0-1 scale), the same times 10,000,
 * normalised (HHI - 1/N) / (1 - 1/N) (NaN for N = 1), the equivalent number
 * of suppliers 1 / HHI, and the shares of the largest one and three (CR1,
 * CR3). NA (base <= 0) when the sum is <= 0, NA (negative part) when a
 * value is negative (cor_metrics_parts_hhi). */
struct cor_concentration {
    double hhi, hhi_10000, hhi_normalised, equivalent, cr1, cr3;
    size_t n;
    enum cor_na na;
};

void cor_metrics_concentration(const double *values, size_t n, struct cor_concentration *out);

/* The same with the shares taken of a stated total T (World) rather than of
 * the sum S of the values: s_i = x_i / T, so HHI_T = HHI_S (S/T)^2 and
 * CR_T = CR_S S/T. The remainder T - S is not a part: when there is one
 * (T > S), the normalised HHI and the equivalent number 1/HHI are NaN
 * (neither N nor 1/HHI_T describe parts that leave a share unallocated;
 * take them from cor_metrics_concentration over the parts' own sum). NA
 * (base <= 0) when T <= 0. */
void cor_metrics_concentration_in_total(const double *values, size_t n, double total,
                                        struct cor_concentration *out);

#endif
