/* corridor/period.h - the period an observation covers.
 *
 * Text forms (ISO 8601 style):
 *   2024          a calendar year
 *   2024-Q1       a quarter            2024-H1   a half year
 *   2025-9M       the first 9 months (1M..11M: year to date)
 *   2024-01       a month              2025-01-31 a day
 *   2022..2026    a span between two periods of any of the forms above
 *                 (year-to-date ends only in pairs of one length:
 *                 2024-9M..2025-9M; claims read A..B as two periods)
 *   undated       the source gives no date (never compared with a dated period)
 * Periods are plain values; nothing here allocates. */
#ifndef CORRIDOR_PERIOD_H
#define CORRIDOR_PERIOD_H

#include <stddef.h>

#include "corridor/error.h"

enum cor_period_kind {
    COR_PERIOD_NONE = 0,  /* not set */
    COR_PERIOD_YEAR,
    COR_PERIOD_QUARTER,
    COR_PERIOD_HALF,
    COR_PERIOD_YTD,       /* first n months of a year, n in 1..11 */
    COR_PERIOD_MONTH,
    COR_PERIOD_DAY,
    COR_PERIOD_SPAN,      /* start..end, each of the forms above */
    COR_PERIOD_UNDATED
};

struct cor_period {
    enum cor_period_kind kind;
    enum cor_period_kind start_kind, end_kind; /* for spans: the form of each end */
    int y0, m0, d0;   /* first day covered */
    int y1, m1, d1;   /* last day covered */
};

/* Parses one of the forms above (s need not be NUL-terminated).
 * Returns COR_EPARSE if malformed, COR_ERANGE for a span that ends before it starts. */
enum cor_status cor_period_parse(const char *s, size_t len, struct cor_period *out);

/* Writes the canonical text form; returns what snprintf returns. */
int cor_period_format(const struct cor_period *p, char *buf, size_t n);

/* A whole calendar year. */
struct cor_period cor_period_year(int year);

/* 1 if p is exactly one calendar year. */
int cor_period_is_year(const struct cor_period *p);

/* Number of months covered (a day counts as 0); -1 when undated. */
int cor_period_months(const struct cor_period *p);

/* The same period moved by `months` (negative: earlier); spans and undated
 * periods are returned unchanged with kind COR_PERIOD_NONE. */
struct cor_period cor_period_shift(const struct cor_period *p, int months);

/* The same period a year earlier: 2025 -> 2024, 2025-9M -> 2024-9M,
 * 2024-Q1 -> 2023-Q1 (kind COR_PERIOD_NONE for spans and undated periods). */
struct cor_period cor_period_year_earlier(const struct cor_period *p);

/* The two ends of a span as periods of their own forms: 2021..2024 gives
 * 2021 and 2024, 2024-9M..2025-9M gives 2024-9M and 2025-9M. Returns 0 (and
 * leaves a and b alone) when p is not a span. */
int cor_period_span_ends(const struct cor_period *p, struct cor_period *a, struct cor_period *b);

/* Orders periods by start, then end; undated sorts last. */
int cor_period_compare(const struct cor_period *a, const struct cor_period *b);

/* 1 if both periods cover the same days. */
int cor_period_equal(const struct cor_period *a, const struct cor_period *b);

#endif
