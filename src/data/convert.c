/* Unit conversions by dimension factors and stated bridges. */
#include "corridor/convert.h"

#include <math.h>

#include "corridor/names.h"

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

void cor_convert_period(struct cor_convert_opts *opts, const struct cor_period *p)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    opts->days = 0;
    opts->years = 0;
    if (p->kind == COR_PERIOD_UNDATED || p->kind == COR_PERIOD_NONE)
        return;
    if (p->kind == COR_PERIOD_DAY) {
        opts->days = 1;
        opts->years = 1.0 / (is_leap(p->y0) ? 366 : 365);
        return;
    }
    double days = 0;
    for (int y = p->y0, m = p->m0; y < p->y1 || (y == p->y1 && m <= p->m1);) {
        days += mdays[m - 1] + (m == 2 && is_leap(y));
        if (++m > 12) {
            m = 1;
            y++;
        }
    }
    opts->days = days;
    opts->years = cor_period_months(p) / 12.0;
}

enum cor_status cor_convert_factor(int from, int to, const struct cor_convert_opts *opts,
                                   double *factor, struct cor_error *err)
{
    const struct cor_unit *f = cor_unit_at(from), *t = cor_unit_at(to);
    if (!f || !t)
        return cor_error_set(err, COR_EUNIT, NULL, 0, 0, "unknown unit");
    double k = f->factor;   /* now in the base unit of f's dimension */
    enum cor_dim dim = f->dim;
    double bpt = opts ? opts->bbl_per_tonne : 0;
    double days = opts ? opts->days : 0, years = opts ? opts->years : 0;

    /* rates over a period become amounts */
    if (dim == COR_DIM_OIL_RATE && t->dim != COR_DIM_OIL_RATE) {
        if (!(days > 0))
            return cor_error_set(err, COR_EUNIT, NULL, 0, 0,
                                 "%s to %s needs the length of the period", f->name, t->name);
        k *= days;   /* bbl/d * days = bbl */
        dim = COR_DIM_OIL_VOLUME;
    }
    if (dim == COR_DIM_GAS_RATE && t->dim == COR_DIM_GAS_VOLUME) {
        if (!(years > 0))
            return cor_error_set(err, COR_EUNIT, NULL, 0, 0,
                                 "%s to %s needs the length of the period", f->name, t->name);
        k *= years;
        dim = COR_DIM_GAS_VOLUME;
    }
    /* barrels <-> tonnes: only with a stated density factor */
    if ((dim == COR_DIM_OIL_VOLUME && t->dim == COR_DIM_MASS) ||
        (dim == COR_DIM_MASS && t->dim == COR_DIM_OIL_VOLUME)) {
        if (!(bpt > 0))
            return cor_error_set(err, COR_EUNIT, NULL, 0, 0,
                                 "%s to %s needs a stated density (barrels per tonne)", f->name,
                                 t->name);
        k = dim == COR_DIM_OIL_VOLUME ? k / bpt : k * bpt;
        dim = t->dim;
    }
    if (dim != t->dim)
        return cor_error_set(err, COR_EUNIT, NULL, 0, 0, "cannot convert %s (%s) to %s (%s)",
                             f->name, cor_dim_name(f->dim), t->name, cor_dim_name(t->dim));
    *factor = k / t->factor;
    return COR_OK;
}

enum cor_status cor_convert(struct cor_ival a, int from, int to,
                            const struct cor_convert_opts *opts, struct cor_ival *out,
                            struct cor_error *err)
{
    double k = NAN;
    enum cor_status st = cor_convert_factor(from, to, opts, &k, err);
    if (st != COR_OK)
        return st;
    *out = cor_ival_scale(a, k);
    return COR_OK;
}
