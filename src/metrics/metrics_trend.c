/* Least squares (GSL) and the World Bank least-squares growth rate. */
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

void cor_metrics_trend(const int *year, const double *value, size_t n, struct cor_trend *out)
{
    /* ln X_t = a + b t by OLS; r = e^b - 1 (World Bank, "Growth rates",
     * least-squares method); 95% interval from the Student t on k - 2 df. */
    double x[512], y[512];
    size_t k = 0;
    int first = 0, last = 0;
    for (size_t i = 0; i < n && k < 512; i++) {
        if (!(value[i] > 0))
            continue;   /* ln needs a positive value: the point is left out */
        if (k == 0 || year[i] < first)
            first = year[i];
        if (k == 0 || year[i] > last)
            last = year[i];
        x[k] = year[i];
        y[k] = log(value[i]);
        k++;
    }
    *out = (struct cor_trend){NAN, NAN, NAN, NAN, NAN, NAN, k, first, last, COR_NA_NONE};
    if (k < 3) {
        out->na = COR_NA_TOO_FEW_POINTS;
        return;
    }
    size_t span = (size_t)(last - first + 1);
    if ((span - k) * 2 > span) {
        out->na = COR_NA_TOO_MANY_GAPS;
        return;
    }
    struct cor_ols ols;
    if (cor_metrics_ols(x, y, k, &ols, NULL) != COR_OK) {
        out->na = COR_NA_TOO_FEW_POINTS;
        return;
    }
    double t = gsl_cdf_tdist_Pinv(0.975, (double)(k - 2));
    out->b = ols.b;
    out->se = ols.se_b;
    out->t = t;
    out->rate = expm1(ols.b);
    out->lo = expm1(ols.b - t * ols.se_b);
    out->hi = expm1(ols.b + t * ols.se_b);
}
