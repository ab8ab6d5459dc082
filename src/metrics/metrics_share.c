/* Shares and concentration, on one accumulator of the parts of a whole
 * (used by `corridor share`, `hhi` and `corridor panel share`, `hhi`). */
#include <float.h>
#include <math.h>

#include "corridor/metrics.h"

void cor_metrics_parts_merge(struct cor_parts_acc *a, const struct cor_parts_acc *b)
{
    a->n += b->n;
    a->sum += b->sum;
    a->sumsq += b->sumsq;
    a->negative += b->negative;
}

/* HHI = sum s_i^2 = sum x_i^2 / base^2 with s_i = x_i / base: the parts'
 * shares of their sum (DOJ/FTC Horizontal Merger Guidelines; here on the
 * 0-1 scale) or of a stated total. */
static double hhi_of(const struct cor_parts_acc *a, double base, enum cor_na *na)
{
    enum cor_na why = cor_metrics_parts_na(a, base);
    double b2 = base * base;
    if (why == COR_NA_NONE && (!isfinite(a->sumsq) || !isfinite(b2) || b2 < DBL_MIN))
        why = COR_NA_OUT_OF_RANGE;   /* squares that overflow, or lose their digits */
    if (na)
        *na = why;
    return why == COR_NA_NONE ? a->sumsq / b2 : NAN;
}

double cor_metrics_parts_hhi(const struct cor_parts_acc *a, enum cor_na *na)
{
    return hhi_of(a, a->sum, na);
}

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
    struct cor_parts_acc whole = {0};
    for (size_t j = 0; j < n; j++) {
        if (parts[j].na)
            return parts[j];
        cor_metrics_parts_add(&whole, parts[j].value);
        if (j != i)
            others = cor_ival_add(others, parts[j]);
    }
    struct cor_ival p = parts[i];
    enum cor_na na;
    struct cor_ival r = {cor_metrics_parts_share(&whole, p.value, &na), 0, 0, 0, 0, COR_NA_NONE};
    if (na)
        return cor_ival_na(na);
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
    struct cor_parts_acc whole = {0};
    double top[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        cor_metrics_parts_add(&whole, values[i]);
        double v = values[i];
        for (int k = 0; k < 3; k++)
            if (v > top[k]) {
                double t = top[k];
                top[k] = v;
                v = t;
            }
    }
    out->n = n;
    double base = total < 0 ? whole.sum : total, h = hhi_of(&whole, base, &out->na);
    if (out->na) {
        out->hhi = out->hhi_10000 = out->hhi_normalised = out->equivalent = NAN;
        out->cr1 = out->cr3 = NAN;
        return;
    }
    out->hhi = h;
    out->hhi_10000 = h * 10000.0;
    out->hhi_normalised = n > 1 ? (h - 1.0 / (double)n) / (1.0 - 1.0 / (double)n) : NAN;
    out->equivalent = 1.0 / h;
    out->cr1 = top[0] / base;
    out->cr3 = (top[0] + top[1] + top[2]) / base;
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
