/* corridor/names.h - the name tables for everything a user types in a
 * dataset: qualifiers, statuses, units and currencies. One lookup function
 * each; all tables are static and nothing here allocates.
 *
 * Lookups take a (pointer, length) pair and are case-sensitive for units
 * and currencies (Mt is not mt); words ignore case and read ' ' and '-' as
 * '_' ("more than" is more_than). */
#ifndef CORRIDOR_NAMES_H
#define CORRIDOR_NAMES_H

#include <stddef.h>

/* How exact a published figure is (DESIGN.md, "Records"). */
enum cor_qualifier {
    COR_Q_EXACT = 0,  /* the figure as printed: [x, x] */
    COR_Q_APPROX,     /* "about", "roughly", "around": x(1 +/- delta) */
    COR_Q_NEARLY,     /* "nearly", "almost": [x(1 - delta), x) */
    COR_Q_MORE_THAN,  /* "more than", "over", "surpassing": (x, +inf) */
    COR_Q_AT_LEAST,   /* [x, +inf) */
    COR_Q_LESS_THAN,  /* "less than", "under": (-inf, x) */
    COR_Q_AT_MOST,    /* (-inf, x] */
    COR_Q_RANGE,      /* "between lo and hi": [lo, hi] */
    COR_Q_COUNT
};

/* What kind of figure it is. */
enum cor_obs_status {
    COR_S_ACTUAL = 0, /* a measured outcome */
    COR_S_ESTIMATE,   /* an estimate of an outcome */
    COR_S_PROJECTED,  /* a forecast */
    COR_S_PLANNED,    /* a plan or budget not yet executed */
    COR_S_CLAIM,      /* a statement by a person, not a measurement */
    COR_S_COUNT
};

/* Physical dimension of a unit: only units of one dimension convert. */
enum cor_dim {
    COR_DIM_CONTAINERS,  /* twenty-foot equivalent units */
    COR_DIM_MASS,        /* tonnes */
    COR_DIM_OIL_VOLUME,  /* barrels */
    COR_DIM_OIL_RATE,    /* barrels per day */
    COR_DIM_GAS_VOLUME,  /* cubic metres */
    COR_DIM_GAS_RATE,    /* cubic metres per year */
    COR_DIM_SHARE,       /* fraction of a whole */
    COR_DIM_PERSONS,
    COR_DIM_TRAINS,
    COR_DIM_BOXES,       /* containers counted as boxes, not TEU */
    COR_DIM_MONEY,       /* an amount of the row's currency */
    COR_DIM_RATIO,       /* a pure number: exchange rate, index */
    COR_DIM_NUMBER,      /* a quantity in the unit its measure names (any sign): imported statistics */
    COR_DIM_COUNT
};

struct cor_unit {
    const char *name;    /* canonical spelling */
    enum cor_dim dim;
    double factor;       /* value in the dimension's base unit (t, bbl, m3, ...) */
    const char *title;   /* for tables and charts */
};

struct cor_name_info {
    const char *name;
    const char *aliases;  /* space-separated, may be "" */
    const char *meaning;
};

/* Each returns the enum value, or -1 if the word is unknown. Aliases accepted. */
int cor_qualifier_lookup(const char *s, size_t len);
int cor_status_lookup(const char *s, size_t len);
const char *cor_qualifier_name(enum cor_qualifier q);
const char *cor_status_name(enum cor_obs_status st);
const struct cor_name_info *cor_qualifier_info(enum cor_qualifier q);
const struct cor_name_info *cor_status_info(enum cor_obs_status st);

/* Units: index into the static table, or -1. cor_unit_at(i) for i < cor_unit_count(). */
int cor_unit_lookup(const char *s, size_t len);
size_t cor_unit_count(void);
const struct cor_unit *cor_unit_at(int i);
const char *cor_dim_name(enum cor_dim d);

/* ISO 4217 codes (active list): index, or -1. */
int cor_currency_lookup(const char *s, size_t len);
const char *cor_currency_name(int i);

/* Compares a (pointer, length) with a NUL-terminated word, ignoring case and
 * reading ' ' and '-' as '_'. */
int cor_word_eq(const char *s, size_t len, const char *word);

#endif
