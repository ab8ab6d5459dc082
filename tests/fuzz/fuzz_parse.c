/* libFuzzer target: the parsers of what users type, with round trips.
 *
 * The whole input is given to each parser:
 * - numbers: a number that parses equals C's strtod in the "C" locale, bit
 *   for bit (the fast path must round as strtod does); too large is +-inf,
 *   too small to represent is 0 from a text with a non-zero digit; the
 *   shortest text reads back to the same double; the 17-digit writer
 *   matches printf's "%.17g";
 * - periods: a period that parses prints a text that parses to the same
 *   period; months, shifts and comparisons stay defined;
 * - qualifiers, statuses, units and currencies: a name that is found
 *   prints a canonical name that is found again, as the same entry;
 * - UTF-8: each well-formed character re-encodes to the same bytes. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corridor.h"
#include "fuzzutil.h"

static locale_t c_locale;

static void numbers(const char *s, size_t len)
{
    double v = 12345.0;
    int dec = -1;
    enum cor_status st = cor_num_parse(s, len, &v, &dec);
    if (st == COR_EPARSE || st == COR_ENOMEM)
        return;
    char *copy = malloc(len + 1);
    FUZZ_CHECK(copy != NULL);
    memcpy(copy, s, len);
    copy[len] = '\0';
    locale_t saved = uselocale(c_locale);
    char *end = NULL;
    errno = 0;
    double ref = strtod(copy, &end);
    uselocale(saved);
    FUZZ_CHECK(end == copy + len);   /* the grammar is a subset of strtod's */
    free(copy);
    if (st == COR_ERANGE) {
        FUZZ_CHECK(isinf(v) || v == 0);
        FUZZ_CHECK(isinf(v) ? ref == v : ref == 0);
        return;
    }
    FUZZ_CHECK(st == COR_OK);
    FUZZ_CHECK(memcmp(&v, &ref, sizeof v) == 0);
    FUZZ_CHECK(dec >= 0);
    char buf[64], g[40], want[40];
    cor_num_format(v, buf, sizeof buf);
    double back = 0;
    FUZZ_CHECK(cor_num_parse(buf, strlen(buf), &back, NULL) == COR_OK);
    FUZZ_CHECK(back == v);
    cor_num_format_g17(v, g);
    saved = uselocale(c_locale);
    snprintf(want, sizeof want, "%.17g", v);
    uselocale(saved);
    FUZZ_CHECK(strcmp(g, want) == 0);
    cor_num_format_sig(v, 6, buf, sizeof buf);
    cor_num_format_fixed(v, (int)(len % 18), buf, sizeof buf);
}

static void periods(const char *s, size_t len)
{
    struct cor_period p, q;
    if (cor_period_parse(s, len, &p) != COR_OK)
        return;
    char buf[64];
    int n = cor_period_format(&p, buf, sizeof buf);
    FUZZ_CHECK(n > 0 && (size_t)n < sizeof buf);
    FUZZ_CHECK(cor_period_parse(buf, (size_t)n, &q) == COR_OK);
    FUZZ_CHECK(cor_period_equal(&p, &q) && p.kind == q.kind);
    FUZZ_CHECK(p.start_kind == q.start_kind && p.end_kind == q.end_kind);
    FUZZ_CHECK(cor_period_compare(&p, &q) == 0);
    FUZZ_CHECK(cor_period_months(&p) >= -1);
    struct cor_period a = cor_period_shift(&p, -12), b = cor_period_shift(&a, 12);
    if (a.kind != COR_PERIOD_NONE && p.kind != COR_PERIOD_DAY)
        FUZZ_CHECK(cor_period_equal(&b, &p));
}

static void names(const char *s, size_t len)
{
    int q = cor_qualifier_lookup(s, len);
    if (q >= 0) {
        const char *name = cor_qualifier_name((enum cor_qualifier)q);
        FUZZ_CHECK(cor_qualifier_lookup(name, strlen(name)) == q);
    }
    int st = cor_status_lookup(s, len);
    if (st >= 0) {
        const char *name = cor_status_name((enum cor_obs_status)st);
        FUZZ_CHECK(cor_status_lookup(name, strlen(name)) == st);
    }
    int u = cor_unit_lookup(s, len);
    if (u >= 0) {
        FUZZ_CHECK((size_t)u < cor_unit_count());
        const char *name = cor_unit_at(u)->name;
        FUZZ_CHECK(cor_unit_lookup(name, strlen(name)) == u);
    }
    int c = cor_currency_lookup(s, len);
    if (c >= 0) {
        const char *name = cor_currency_name(c);
        FUZZ_CHECK(strlen(name) == 3 && cor_currency_lookup(name, 3) == c);
    }
}

static void utf8(const char *s, size_t len)
{
    for (size_t i = 0, k; i < len; i += k) {
        uint32_t cp;
        k = cor_utf8_next(s + i, len - i, &cp);
        FUZZ_CHECK(k >= 1 && k <= 4 && i + k <= len);
        if (cp != COR_UTF8_INVALID) {
            char out[4];
            FUZZ_CHECK(cor_utf8_encode(cp, out) == k && memcmp(out, s + i, k) == 0);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    if (c_locale == (locale_t)0)
        c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    const char *s = (const char *)data;
    numbers(s, len);
    periods(s, len);
    names(s, len);
    utf8(s, len);
    return 0;
}
