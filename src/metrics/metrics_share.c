/* Shares and concentration. */
#include <math.h>

#include "corridor/metrics.h"

struct cor_ival cor_metrics_share(struct cor_ival part, struct cor_ival total)
{
    return cor_ival_div(part, total);
}

struct cor_ival cor_metrics_share_of_sum(const struct cor_ival *parts, size_t n, size_t i)
{
    /* s_i = x_i / sum_j x_j: increasing in x_i, decreasing in every other x_j */
    if (i >= n)
        return cor_ival_na(COR_NA_MISSING_PERIOD);
    struct cor_ival others = cor_ival_exact(0.0);
    for (size_t j = 0; j < n; j++) {
        if (parts[j].na)
            return parts[j];
        if (j != i)
            others = cor_ival_add(others, parts[j]);
    }
    struct cor_ival p = parts[i];
    double total = p.value + others.value;
    if (!(total > 0))
        return cor_ival_na(COR_NA_BASE_NONPOSITIVE);
    struct cor_ival r = {p.value / total, 0, 0, 0, 0, COR_NA_NONE};
    double lo_den = p.lo + others.hi, hi_den = p.hi + others.lo;
    r.lo = isinf(lo_den) ? 0 : (lo_den > 0 ? p.lo / lo_den : 0);
    r.hi = isinf(p.hi) ? 1 : (hi_den > 0 ? p.hi / hi_den : 1);
    r.lo_open = (p.lo_open || others.hi_open || isinf(others.hi)) && r.lo > 0;
    r.hi_open = (p.hi_open || others.lo_open) && r.hi < 1;
    return r;
}

struct cor_ival cor_metrics_share_change_pp(struct cor_ival now, struct cor_ival before)
{
    return cor_ival_scale(cor_ival_sub(now, before), 100.0);
}

int cor_metrics_shares_sum_to_one(const double *shares, size_t n, double tol, double *sum)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += shares[i];
    if (sum)
        *sum = s;
    return fabs(s - 1.0) <= tol;
}

/* s_i = x_i / total; total < 0 means the sum of the values. */
static void concentration(const double *values, size_t n, double total,
                          struct cor_concentration *out)
{
    /* HHI = sum s_i^2 (DOJ/FTC Horizontal Merger Guidelines, on the 0-10,000 scale) */
    double sum = 0, top[3] = {0, 0, 0};
    out->n = n;
    for (size_t i = 0; i < n; i++) {
        sum += values[i];
        double v = values[i];
        for (int k = 0; k < 3; k++)
            if (v > top[k]) {
                double t = top[k];
                top[k] = v;
                v = t;
            }
    }
    if (total < 0)
        total = sum;
    if (!(total > 0)) {
        out->hhi = out->hhi_10000 = out->hhi_normalised = out->equivalent = NAN;
        out->cr1 = out->cr3 = NAN;
        out->na = COR_NA_BASE_NONPOSITIVE;
        return;
    }
    double h = 0;
    for (size_t i = 0; i < n; i++) {
        double s = values[i] / total;
        h += s * s;
    }
    out->na = COR_NA_NONE;
    out->hhi = h;
    out->hhi_10000 = h * 10000.0;
    out->hhi_normalised = n > 1 ? (h - 1.0 / (double)n) / (1.0 - 1.0 / (double)n) : NAN;
    out->equivalent = 1.0 / h;
    out->cr1 = top[0] / total;
    out->cr3 = (top[0] + top[1] + top[2]) / total;
}

void cor_metrics_concentration(const double *values, size_t n, struct cor_concentration *out)
{
    concentration(values, n, -1, out);
}

void cor_metrics_concentration_in_total(const double *values, size_t n, double total,
                                        struct cor_concentration *out)
{
    /* shares of the stated total: s_i = x_i / T */
    if (total > 0) {
        concentration(values, n, total, out);
        /* a remainder T - S that is not a part is neither one more part nor
         * several: N and 1/HHI (at least 1/HHI_T > N parts can hold) lose
         * their meaning, so the normalised HHI and the equivalent number are NA */
        double sum = 0;
        for (size_t i = 0; i < n; i++)
            sum += values[i];
        if (total > sum * (1 + 1e-9))
            out->hhi_normalised = out->equivalent = NAN;
    } else {
        concentration(values, n, -1, out);
        out->hhi = out->hhi_10000 = out->hhi_normalised = out->equivalent = NAN;
        out->cr1 = out->cr3 = NAN;
        out->na = COR_NA_BASE_NONPOSITIVE;
    }
}
