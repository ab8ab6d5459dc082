/* Periods: parsing, formatting, ordering. */
#include "corridor/period.h"

#include <stdio.h>
#include <string.h>

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

/* Reads exactly `width` digits at s[*i]. */
static int read_digits(const char *s, size_t len, size_t *i, int width, int *out)
{
    int v = 0;
    for (int k = 0; k < width; k++) {
        if (*i >= len || s[*i] < '0' || s[*i] > '9')
            return 0;
        v = v * 10 + (s[*i] - '0');
        (*i)++;
    }
    *out = v;
    return 1;
}

static void set_range(struct cor_period *p, int y0, int m0, int y1, int m1)
{
    p->y0 = y0;
    p->m0 = m0;
    p->d0 = 1;
    p->y1 = y1;
    p->m1 = m1;
    p->d1 = days_in_month(y1, m1);
}

/* One period that is not a span. */
static enum cor_status parse_simple(const char *s, size_t len, struct cor_period *p)
{
    size_t i = 0;
    int y = 0;
    memset(p, 0, sizeof *p);
    if (!read_digits(s, len, &i, 4, &y) || y < 1000)
        return COR_EPARSE;
    if (i == len) {
        p->kind = COR_PERIOD_YEAR;
        set_range(p, y, 1, y, 12);
        return COR_OK;
    }
    if (s[i++] != '-' || i >= len)
        return COR_EPARSE;
    char c = s[i];
    if ((c == 'Q' || c == 'q' || c == 'H' || c == 'h') && len == i + 2) {
        int n = s[i + 1] - '0';
        if (c == 'Q' || c == 'q') {
            if (n < 1 || n > 4)
                return COR_EPARSE;
            p->kind = COR_PERIOD_QUARTER;
            set_range(p, y, 3 * n - 2, y, 3 * n);
        } else {
            if (n < 1 || n > 2)
                return COR_EPARSE;
            p->kind = COR_PERIOD_HALF;
            set_range(p, y, 6 * n - 5, y, 6 * n);
        }
        return COR_OK;
    }
    /* n M: year to date */
    if (len >= i + 2 && (s[len - 1] == 'M' || s[len - 1] == 'm')) {
        int n = 0;
        size_t j = i;
        while (j < len - 1 && s[j] >= '0' && s[j] <= '9') {
            if (n <= 11)   /* beyond 11 the count is refused: it need not grow */
                n = n * 10 + (s[j] - '0');
            j++;
        }
        if (j != len - 1 || j == i || n < 1 || n > 11)
            return COR_EPARSE;
        p->kind = COR_PERIOD_YTD;
        set_range(p, y, 1, y, n);
        return COR_OK;
    }
    int m = 0;
    if (!read_digits(s, len, &i, 2, &m) || m < 1 || m > 12)
        return COR_EPARSE;
    if (i == len) {
        p->kind = COR_PERIOD_MONTH;
        set_range(p, y, m, y, m);
        return COR_OK;
    }
    int d = 0;
    if (s[i++] != '-' || !read_digits(s, len, &i, 2, &d) || i != len)
        return COR_EPARSE;
    if (d < 1 || d > days_in_month(y, m))
        return COR_EPARSE;
    p->kind = COR_PERIOD_DAY;
    p->y0 = p->y1 = y;
    p->m0 = p->m1 = m;
    p->d0 = p->d1 = d;
    return COR_OK;
}

static long day_key(int y, int m, int d)
{
    return ((long)y * 13 + m) * 32 + d;
}

enum cor_status cor_period_parse(const char *s, size_t len, struct cor_period *out)
{
    if (len == 7 && memcmp(s, "undated", 7) == 0) {
        memset(out, 0, sizeof *out);
        out->kind = COR_PERIOD_UNDATED;
        return COR_OK;
    }
    for (size_t i = 0; i + 1 < len; i++) {
        if (s[i] == '.' && s[i + 1] == '.') {
            struct cor_period a, b;
            if (parse_simple(s, i, &a) != COR_OK ||
                parse_simple(s + i + 2, len - i - 2, &b) != COR_OK)
                return COR_EPARSE;
            /* year-to-date ends only as a pair of like periods: 2024-9M..2025-9M */
            if ((a.kind == COR_PERIOD_YTD || b.kind == COR_PERIOD_YTD) &&
                (a.kind != b.kind || a.m1 != b.m1))
                return COR_EPARSE;
            if (day_key(b.y1, b.m1, b.d1) < day_key(a.y0, a.m0, a.d0))
                return COR_ERANGE;
            memset(out, 0, sizeof *out);
            out->kind = COR_PERIOD_SPAN;
            out->start_kind = a.kind;
            out->end_kind = b.kind;
            out->y0 = a.y0;
            out->m0 = a.m0;
            out->d0 = a.d0;
            out->y1 = b.y1;
            out->m1 = b.m1;
            out->d1 = b.d1;
            return COR_OK;
        }
    }
    return parse_simple(s, len, out);
}

struct cor_period cor_period_year(int year)
{
    struct cor_period p;
    memset(&p, 0, sizeof p);
    p.kind = COR_PERIOD_YEAR;
    set_range(&p, year, 1, year, 12);
    return p;
}

int cor_period_is_year(const struct cor_period *p)
{
    return p->kind == COR_PERIOD_YEAR;
}

int cor_period_months(const struct cor_period *p)
{
    if (p->kind == COR_PERIOD_UNDATED || p->kind == COR_PERIOD_NONE)
        return -1;
    if (p->kind == COR_PERIOD_DAY)
        return 0;
    return (p->y1 - p->y0) * 12 + p->m1 - p->m0 + 1;
}

/* m is the month that names the period: its last month for YTD, any month
 * inside it for quarters and halves. */
static int format_end(enum cor_period_kind kind, int y, int m, int d, char *buf, size_t n)
{
    switch (kind) {
    case COR_PERIOD_YEAR: return snprintf(buf, n, "%04d", y);
    case COR_PERIOD_QUARTER: return snprintf(buf, n, "%04d-Q%d", y, (m - 1) / 3 + 1);
    case COR_PERIOD_HALF: return snprintf(buf, n, "%04d-H%d", y, (m - 1) / 6 + 1);
    case COR_PERIOD_YTD: return snprintf(buf, n, "%04d-%dM", y, m);
    case COR_PERIOD_MONTH: return snprintf(buf, n, "%04d-%02d", y, m);
    case COR_PERIOD_DAY: return snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
    default: break;
    }
    return snprintf(buf, n, "?");
}

int cor_period_format(const struct cor_period *p, char *buf, size_t n)
{
    switch (p->kind) {
    case COR_PERIOD_NONE: return snprintf(buf, n, "%s", "");
    case COR_PERIOD_UNDATED: return snprintf(buf, n, "undated");
    case COR_PERIOD_SPAN: {
        char a[24], b[24];
        /* a span's ends keep their own form: 2023-10..2024-07, 2022..2026;
         * a year-to-date start has the end's months (2024-9M..2025-9M) */
        format_end(p->start_kind, p->y0, p->start_kind == COR_PERIOD_YTD ? p->m1 : p->m0,
                   p->d0, a, sizeof a);
        format_end(p->end_kind, p->y1, p->m1, p->d1, b, sizeof b);
        return snprintf(buf, n, "%s..%s", a, b);
    }
    default:
        return format_end(p->kind, p->y0, p->kind == COR_PERIOD_YTD ? p->m1 : p->m0,
                          p->d0, buf, n);
    }
}

int cor_period_compare(const struct cor_period *a, const struct cor_period *b)
{
    int ua = a->kind == COR_PERIOD_UNDATED, ub = b->kind == COR_PERIOD_UNDATED;
    if (ua || ub)
        return ua - ub;
    long a0 = day_key(a->y0, a->m0, a->d0), b0 = day_key(b->y0, b->m0, b->d0);
    if (a0 != b0)
        return a0 < b0 ? -1 : 1;
    long a1 = day_key(a->y1, a->m1, a->d1), b1 = day_key(b->y1, b->m1, b->d1);
    if (a1 != b1)
        return a1 < b1 ? -1 : 1;
    return 0;
}

int cor_period_equal(const struct cor_period *a, const struct cor_period *b)
{
    if (a->kind == COR_PERIOD_UNDATED || b->kind == COR_PERIOD_UNDATED)
        return a->kind == b->kind;
    return cor_period_compare(a, b) == 0;
}

static void shift_month(int *y, int *m, int months)
{
    int idx = *y * 12 + (*m - 1) + months;
    *y = idx / 12;
    *m = idx % 12 + 1;
}

struct cor_period cor_period_shift(const struct cor_period *p, int months)
{
    struct cor_period r = *p;
    if (p->kind == COR_PERIOD_SPAN || p->kind == COR_PERIOD_UNDATED ||
        p->kind == COR_PERIOD_NONE) {
        r.kind = COR_PERIOD_NONE;
        return r;
    }
    shift_month(&r.y0, &r.m0, months);
    shift_month(&r.y1, &r.m1, months);
    if (p->kind == COR_PERIOD_DAY) {
        if (r.d0 > days_in_month(r.y0, r.m0))
            r.d0 = r.d1 = days_in_month(r.y0, r.m0);
    } else {
        r.d0 = 1;
        r.d1 = days_in_month(r.y1, r.m1);
    }
    return r;
}

struct cor_period cor_period_year_earlier(const struct cor_period *p)
{
    return cor_period_shift(p, -12);
}

/* The period of form `kind` that starts at (y, m, d) (from_end 0) or ends at
 * it (from_end 1); `ytd_months` gives a year-to-date period's length. */
static struct cor_period end_period(enum cor_period_kind kind, int y, int m, int d, int from_end,
                                    int ytd_months)
{
    struct cor_period r;
    memset(&r, 0, sizeof r);
    r.kind = kind;
    int months = kind == COR_PERIOD_YEAR      ? 12
                 : kind == COR_PERIOD_HALF    ? 6
                 : kind == COR_PERIOD_QUARTER ? 3
                                              : 1;
    switch (kind) {
    case COR_PERIOD_DAY:
        r.y0 = r.y1 = y;
        r.m0 = r.m1 = m;
        r.d0 = r.d1 = d;
        return r;
    case COR_PERIOD_YTD: set_range(&r, y, 1, y, ytd_months); return r;
    default: break;
    }
    if (from_end) {
        int m0 = m - months + 1;
        set_range(&r, y, m0, y, m);
    } else
        set_range(&r, y, m, y, m + months - 1);
    return r;
}

int cor_period_span_ends(const struct cor_period *p, struct cor_period *a, struct cor_period *b)
{
    if (p->kind != COR_PERIOD_SPAN)
        return 0;
    *a = end_period(p->start_kind, p->y0, p->m0, p->d0, 0, p->m1);
    *b = end_period(p->end_kind, p->y1, p->m1, p->d1, 1, p->m1);
    return 1;
}
