/* corridor/convert.h - unit conversions. Units of one dimension convert by
 * their factors; a few bridges need a stated number (a density factor, the
 * length of the period); anything else is refused, never added.
 * Plain functions; nothing here allocates. */
#ifndef CORRIDOR_CONVERT_H
#define CORRIDOR_CONVERT_H

#include "corridor/error.h"
#include "corridor/interval.h"
#include "corridor/period.h"

struct cor_convert_opts {
    double bbl_per_tonne;   /* barrels per tonne of the crude (0: not stated) */
    double days;            /* days in the period, for per-day rates (0: not known) */
    double years;           /* years in the period, for per-year rates (0: not known) */
};

/* Fills days and years from a period (a day counts 1 day; undated: 0). */
void cor_convert_period(struct cor_convert_opts *opts, const struct cor_period *p);

/* The factor that turns a value in unit `from` into unit `to` (unit-table
 * indices). Bridges: barrels <-> tonnes with bbl_per_tonne; b/d -> barrels
 * or tonnes over `days`; bcm/yr -> bcm over `years`. COR_EUNIT (with the
 * reason in err) for anything else, including money scales to non-money. */
enum cor_status cor_convert_factor(int from, int to, const struct cor_convert_opts *opts,
                                   double *factor, struct cor_error *err);

/* a in `from` expressed in `to`. */
enum cor_status cor_convert(struct cor_ival a, int from, int to,
                            const struct cor_convert_opts *opts, struct cor_ival *out,
                            struct cor_error *err);

#endif
