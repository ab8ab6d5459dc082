/* Least squares (GSL) and the World Bank least-squares growth rate, as one
 * accumulator that takes the points one at a time (used by `corridor trend`
 * through cor_metrics_trend and by `corridor panel trend`). */
#include <limits.h>
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>

#include "corridor/metrics.h"

enum cor_status cor_metrics_ols(const double *x, const double *y, size_t n, struct cor_ols *out,
                                struct cor_error *err)
{
    /* gsl_fit_linear reports success for n <= 2 or a constant x and returns
     * inf/NaN: check first. */
    if (n < 3)
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0, "least squares needs 3 points or more");
    int constant = 1;
    for (size_t i = 1; i < n; i++)
        constant &= x[i] == x[0];
    if (constant)
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0, "least squares needs x to vary");
    double c0, c1, cov00, cov01, cov11, sumsq;
    int st = gsl_fit_linear(x, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
    if (st != GSL_SUCCESS)
        return cor_error_set(err, COR_EGSL, NULL, 0, 0, "gsl_fit_linear: %s", gsl_strerror(st));
    /* GSL's covariance uses s^2 = sumsq / (n - 2) */
    *out = (struct cor_ols){c0, c1, sqrt(cov00), sqrt(cov11), cov01, sumsq, n};
    return COR_OK;
}

/* ---- the accumulator ----------------------------------------------------
 * Least squares of y = ln value on (1, x), x = year - 2000, kept as the
 * upper triangle R of the QR factorisation of the rows (1, x, y):
 *   r11 = sqrt(n), r12 = sx / sqrt(n), r13 = sy / sqrt(n)   (kept as n, sx, sy)
 *   r22, r23, and r33^2 = the residual sum of squares.
 * Then b = r23 / r22 and se(b) = sqrt(r33^2 / (n - 2)) / r22. A new row is
 * rotated in by Givens rotations (Golub and Van Loan, Matrix Computations,
 * 5.1.8 and 6.5.3): against the first row of R it leaves
 *   (x - sx / n, y - sy / n) * sqrt(n / (n + 1)),
 * which a second rotation takes into (r22, r23), the rest going to r33^2.
 * Nothing is ever subtracted from the residual sum of squares, unlike the
 * one-pass sums of squares. */

/* Rotates the row (0, a1, a2) into R. */
static void rotate_in(struct cor_trend_acc *a, double a1, double a2)
{
    if (a1 != 0) {
        double d = a->r22, r = sqrt(d * d + a1 * a1), inv = 1.0 / r;
        double c = d * inv, s = a1 * inv, r23 = a->r23;
        a->r22 = r;
        a->r23 = c * r23 + s * a2;
        a2 = c * a2 - s * r23;
    }
    a->r33sq += a2 * a2;
}

enum cor_status cor_metrics_trend_add(struct cor_trend_acc *a, int year, double value)
{
    if (!(value > 0))
        return COR_OK;   /* ln needs a positive value: the point is left out */
    if (year < SHRT_MIN || year > SHRT_MAX || a->n == UINT_MAX)
        return COR_ERANGE;
    double x = (double)year - 2000.0, y = log(value);
    if (a->n == 0) {
        a->sx = x;
        a->sy = y;
        a->n = 1;
        a->first = a->last = (short)year;
        return COR_OK;
    }
    double n = (double)a->n, f = sqrt(n / (n + 1.0));
    rotate_in(a, (x - a->sx / n) * f, (y - a->sy / n) * f);
    a->sx += x;
    a->sy += y;
    a->n++;
    if (year < a->first)
        a->first = (short)year;
    if (year > a->last)
        a->last = (short)year;
    return COR_OK;
}

enum cor_status cor_metrics_trend_merge(struct cor_trend_acc *a, const struct cor_trend_acc *b)
{
    if (b->n == 0)
        return COR_OK;
    if (a->n > UINT_MAX - b->n)
        return COR_ERANGE;
    if (a->n == 0) {
        *a = *b;
        return COR_OK;
    }
    /* the first rows of both factors rotate into one, leaving the difference
     * of the means times sqrt(na nb / (na + nb)); then b's second row */
    double na = (double)a->n, nb = (double)b->n, g = sqrt(na * nb / (na + nb));
    rotate_in(a, (b->sx / nb - a->sx / na) * g, (b->sy / nb - a->sy / na) * g);
    rotate_in(a, b->r22, b->r23);
    a->r33sq += b->r33sq;
    a->sx += b->sx;
    a->sy += b->sy;
    a->n += b->n;
    if (b->first < a->first)
        a->first = b->first;
    if (b->last > a->last)
        a->last = b->last;
    return COR_OK;
}

static double t975(struct cor_t975_memo *memo, unsigned int df)
{
    size_t nt = memo ? sizeof memo->t / sizeof memo->t[0] : 0;
    if (df < nt && memo->t[df] != 0)
        return memo->t[df];
    double t = gsl_cdf_tdist_Pinv(0.975, (double)df);
    if (df < nt)
        memo->t[df] = t;
    return t;
}

void cor_metrics_trend_result(const struct cor_trend_acc *a, struct cor_t975_memo *memo,
                              struct cor_trend *out)
{
    /* ln X_t = a + b t by OLS; r = e^b - 1 (World Bank, "Growth rates",
     * least-squares method); 95% interval from the Student t on n - 2 df.
     * Every NA rule reads exact integers (n, first, last), so a fit is NA
     * or not whatever the order in which its points were added. */
    *out = (struct cor_trend){NAN, NAN, NAN, NAN, NAN, NAN, a->n, a->first, a->last, COR_NA_NONE};
    if (a->n < 3) {
        out->na = COR_NA_TOO_FEW_POINTS;
        return;
    }
    if (a->first == a->last || !(a->r22 > 0)) {
        out->na = COR_NA_ONE_PERIOD;
        return;
    }
    long span = (long)a->last - a->first + 1, missing = span - (long)a->n;
    if (missing * 2 > span) {
        out->na = COR_NA_TOO_MANY_GAPS;
        return;
    }
    double b = a->r23 / a->r22, se = sqrt(a->r33sq / (double)(a->n - 2)) / a->r22;
    double t = t975(memo, a->n - 2);
    out->b = b;
    out->se = se;
    out->t = t;
    out->rate = expm1(b);
    out->lo = expm1(b - t * se);
    out->hi = expm1(b + t * se);
}

enum cor_status cor_metrics_trend(const int *year, const double *value, size_t n,
                                  struct cor_trend *out)
{
    struct cor_trend_acc acc = {0};
    for (size_t i = 0; i < n; i++)
        if (cor_metrics_trend_add(&acc, year[i], value[i]) != COR_OK) {
            *out = (struct cor_trend){NAN, NAN, NAN, NAN, NAN, NAN, 0, 0, 0, COR_NA_UNBOUNDED};
            return COR_ERANGE;
        }
    cor_metrics_trend_result(&acc, NULL, out);
    return COR_OK;
}
