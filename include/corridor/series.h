/* corridor/series.h - observations selected from a dataset and expressed in
 * one unit: the input of every metric.
 *
 * A selection names a record kind, an entity (the kind's first key column:
 * port, pipeline, importer, country, asset, entity...), any number of
 * column=value conditions, statuses, a source, a period range and the target
 * unit (and currency). Money in another currency is converted through the
 * dataset's exchange rates for the same year (the hull of all rates given).
 *
 * Ownership: cor_series_select() fills a caller-allocated struct cor_series
 * whose points cor_series_fini() releases. Points refer to the dataset's
 * records: the dataset must outlive the series. */
#ifndef CORRIDOR_SERIES_H
#define CORRIDOR_SERIES_H

#include <stddef.h>

#include "corridor/convert.h"
#include "corridor/dataset.h"
#include "corridor/interval.h"

/* At most this many conditions in one selection (cor_where_parse callers
 * report the limit by this name). */
#define COR_SELECT_MAX_WHERE 8

struct cor_select {
    enum cor_kind kind;
    const char *entity;          /* NULL: any */
    struct {
        const char *column, *value; /* value "" matches an empty cell; "A|B" matches A or B */
        int negate;              /* 1: keep rows whose column is none of the values */
    } where[COR_SELECT_MAX_WHERE];
    size_t nwhere;
    int unit;                    /* target unit index; -1: the rows' own (must be one) */
    int currency;                /* target ISO 4217 index for money; -1: the rows' own */
    unsigned status_mask;        /* 1 << status; 0 = every status */
    const char *source;          /* only this source id; NULL: any */
    struct cor_period from, to;  /* kind COR_PERIOD_NONE: open */
    double bbl_per_tonne;        /* for barrels <-> tonnes; 0: not stated */
    const char *vary;            /* key columns (comma-separated) allowed to take several
                                  * values: the parts of a share, the series of a chart */
    struct cor_ival_opts ival;
};

/* Splits a condition "COL=VALUE" or "COL!=VALUE" (VALUE may list
 * alternatives "A|B"): copies the column name into col (n bytes), points
 * *value into text. COR_EINVAL (err says why) when it has no '=' or no
 * column, or the column name does not fit. */
enum cor_status cor_where_parse(const char *text, char *col, size_t n, const char **value,
                                int *negate, struct cor_error *err);

/* Fills defaults: every kind field NULL/open, unit and currency -1, 5% approx. */
void cor_select_init(struct cor_select *sel, enum cor_kind kind);

struct cor_point {
    struct cor_period period;
    struct cor_ival v;           /* in the series' unit (NA if it could not be converted) */
    enum cor_obs_status status;
    enum cor_qualifier qualifier;
    const struct cor_obs *obs;   /* the record it comes from */
    cor_sym source;
    cor_sym fx_source;           /* exchange-rate source used, or COR_SYM_NONE */
};

struct cor_series {
    struct cor_point *points;    /* sorted by period, then by source id text */
    size_t n;
    int unit;                    /* unit index of every point */
    int currency;                /* currency index for money, else -1 */
};

/* Selects and converts. A row with a missing value ("no figure") becomes a
 * point whose value is NA (COR_NA_NO_FIGURE). COR_ENOTFOUND for an unknown
 * column in a condition,
 * COR_EUNIT when the rows have several dimensions and no target unit was
 * given, COR_EINVAL when a key column (flow, origin, basis...) that no
 * condition fixes takes several values: one series is one identity. An empty
 * selection is COR_OK with n == 0. */
enum cor_status cor_series_select(const struct cor_dataset *ds, const struct cor_select *sel,
                                  struct cor_series *out, struct cor_error *err);

void cor_series_fini(struct cor_series *s);

/* The candidate closest to want: first one equal ignoring case, spaces,
 * '-' and '_', else the one at the smallest edit distance (Levenshtein on
 * case-folded text) if it is within a third of want's length (at least 2);
 * NULL if none is close. */
const char *cor_closest(const char *want, const char *const *candidates, size_t n);

/* The unit name (of corridor schema's units) closest to want, as
 * cor_closest(): "TEUs" -> "TEU"; NULL if none is close. */
const char *cor_unit_closest(const char *want);

/* The value of column (a text, word or code column of sel->kind) closest to
 * want among the dataset's valid records of that kind that pass every
 * condition of sel before `column`'s own (sel may be NULL: all records).
 * NULL if none is close (a suggestion, not a failure: an unknown column or
 * condition has no suggestion either). The text is the dataset's. */
const char *cor_series_closest(const struct cor_dataset *ds, const struct cor_select *sel,
                               const char *column, const char *want);

/* Why a selection finds nothing, for a message: the first condition that
 * leaves no row, with the closest value the data has ("no port 'port of
 * baku'; did you mean 'Port of Baku'?", "no figures from 2030 to 2031: the
 * rows selected so far cover 2015 to 2025"). Writes "" when the selection
 * is not empty. The errors of cor_series_select (COR_ENOTFOUND for an
 * unknown column in a condition, COR_EINVAL for an unknown kind), buf "". */
enum cor_status cor_series_explain_empty(const struct cor_dataset *ds,
                                         const struct cor_select *sel, char *buf, size_t n,
                                         struct cor_error *err);

/* A unit as a user writes it, with its currency for money: "USD" (unit 1
 * of a currency), "million USD", "kt"; "?" for an unknown unit. Writes at
 * most n bytes (terminated). */
void cor_series_unit_label(int unit, int currency, char *buf, size_t n);

/* The entity column of a kind ("port", "importer", ...). */
const struct cor_column *cor_series_entity_column(enum cor_kind kind);

/* 1 if the observation says (column 'aggregate') that its value of `column`
 * is a total over other rows: World, a region. */
int cor_series_is_aggregate(const struct cor_dataset *ds, const struct cor_obs *o,
                            const char *column);

/* The text of a record's column (by name) for display; "" if none (or no
 * record). A point's: cor_series_text(ds, cor_record_of_obs(kind, p->obs), col). */
const char *cor_series_text(const struct cor_dataset *ds, struct cor_record_ref rec,
                            const char *column);

/* The index of the first point at or after `from` whose period is p (same
 * form, same days), or s->n when there is none:
 *   for (i = cor_series_next_at(s, p, 0); i < s->n; i = cor_series_next_at(s, p, i + 1)) */
size_t cor_series_next_at(const struct cor_series *s, const struct cor_period *p, size_t from);

/* The same for the same period a year before p (cor_period_year_earlier():
 * 2025-9M is matched with 2024-9M only); s->n for spans and undated p. The
 * one definition of "a year earlier" for growth, claims and the report. */
size_t cor_series_year_earlier(const struct cor_series *s, const struct cor_period *p,
                               size_t from);

#endif
