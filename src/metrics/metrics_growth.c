/* Growth rates, index numbers, valuation. */
#include <math.h>

#include "corridor/metrics.h"

struct cor_ival cor_metrics_growth(struct cor_ival now, struct cor_ival before)
{
    /* X_t / X_{t-1} - 1 */
    return cor_ival_sub(cor_ival_div(now, before), cor_ival_exact(1.0));
}

struct cor_ival cor_metrics_change(struct cor_ival now, struct cor_ival before)
{
    return cor_ival_sub(now, before);
}

static double root_minus_one(double ratio, double years)
{
    return isinf(ratio) ? INFINITY : pow(ratio, 1.0 / years) - 1.0;
}

static double log_per_year(double ratio, double years)
{
    return ratio == 0 ? -INFINITY : log(ratio) / years;
}

struct cor_ival cor_metrics_cagr(struct cor_ival end, struct cor_ival start, double years)
{
    /* CAGR = (X_end / X_start)^(1/n) - 1, n = years elapsed (World Bank) */
    if (!(years > 0))
        return cor_ival_na(COR_NA_TOO_FEW_POINTS);
    return cor_ival_map_increasing(cor_ival_div(end, start), root_minus_one, years);
}

struct cor_ival cor_metrics_exp_rate(struct cor_ival end, struct cor_ival start, double years)
{
    /* r = ln(X_end / X_start) / n */
    if (!(years > 0))
        return cor_ival_na(COR_NA_TOO_FEW_POINTS);
    return cor_ival_map_increasing(cor_ival_div(end, start), log_per_year, years);
}

struct cor_ival cor_metrics_index(struct cor_ival x, struct cor_ival base)
{
    /* I_t = 100 X_t / X_base */
    return cor_ival_scale(cor_ival_div(x, base), 100.0);
}

struct cor_ival cor_metrics_real(struct cor_ival nominal, struct cor_ival deflator,
                                 struct cor_ival deflator_base)
{
    /* real = nominal / (D_t / D_base) */
    return cor_ival_div(nominal, cor_ival_div(deflator, deflator_base));
}

struct cor_ival cor_metrics_implied_value(struct cor_ival price, double stake)
{
    /* V = P / s for a stake s in (0, 1] */
    if (!(stake > 0 && stake <= 1))
        return cor_ival_na(COR_NA_BASE_NONPOSITIVE);
    return cor_ival_div(price, cor_ival_exact(stake));
}
