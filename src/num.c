/* Locale-independent number parsing and formatting.
 *
 * The grammar is checked here; the conversion itself is strtod/snprintf run
 * under a private "C" locale (uselocale), so the result is correctly rounded
 * and never depends on LC_NUMERIC. */
#define _POSIX_C_SOURCE 200809L

#include "corridor/num.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static locale_t c_locale(void)
{
    static locale_t loc = (locale_t)0;
    if (loc == (locale_t)0)
        loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    return loc;
}

/* Runs under the C locale for the duration of one conversion. */
struct locale_guard {
    locale_t saved;
    int active;
};

static struct locale_guard enter_c(void)
{
    struct locale_guard g = {(locale_t)0, 0};
    locale_t c = c_locale();
    if (c != (locale_t)0) {
        g.saved = uselocale(c);
        g.active = 1;
    }
    return g;
}

static void leave_c(struct locale_guard g)
{
    if (g.active)
        uselocale(g.saved);
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

enum cor_status cor_num_parse(const char *s, size_t len, double *out, int *decimals)
{
    char tmp[128];
    size_t i = 0;
    int frac = 0, int_digits = 0, exp_val = 0;

    if (len == 0 || len >= sizeof tmp)
        return COR_EPARSE;
    if (s[i] == '+' || s[i] == '-')
        i++;
    while (i < len && is_digit(s[i])) {
        i++;
        int_digits++;
    }
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && is_digit(s[i])) {
            i++;
            frac++;
        }
    }
    if (int_digits + frac == 0)
        return COR_EPARSE;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int esign = 1, edigits = 0;
        if (i < len && (s[i] == '+' || s[i] == '-')) {
            esign = s[i] == '-' ? -1 : 1;
            i++;
        }
        while (i < len && is_digit(s[i])) {
            if (exp_val < 10000)
                exp_val = exp_val * 10 + (s[i] - '0');
            i++;
            edigits++;
        }
        if (edigits == 0)
            return COR_EPARSE;
        exp_val *= esign;
    }
    if (i != len)
        return COR_EPARSE;

    memcpy(tmp, s, len);
    tmp[len] = '\0';
    struct locale_guard g = enter_c();
    errno = 0;
    char *end = NULL;
    double v = strtod(tmp, &end);
    int saved_errno = errno;
    leave_c(g);
    if (end != tmp + len)
        return COR_EPARSE;
    if (saved_errno == ERANGE && isinf(v))
        return COR_ERANGE;
    *out = v;
    if (decimals) {
        int d = frac - exp_val;
        *decimals = d < 0 ? 0 : d;
    }
    return COR_OK;
}

static int format_c(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct locale_guard g = enter_c();
    int r = vsnprintf(buf, n, fmt, ap);
    leave_c(g);
    va_end(ap);
    return r;
}

static int format_special(double v, char *buf, size_t n)
{
    if (isnan(v))
        return snprintf(buf, n, "NA");
    return snprintf(buf, n, "%s", v < 0 ? "-inf" : "inf");
}

int cor_num_format(double v, char *buf, size_t n)
{
    if (!isfinite(v))
        return format_special(v, buf, n);
    if (v == 0.0)
        return snprintf(buf, n, "0");   /* also for -0.0: one spelling of zero */
    char tmp[40];
    for (int prec = 15; prec <= 17; prec++) {
        format_c(tmp, sizeof tmp, "%.*g", prec, v);
        double back = 0.0;
        if (cor_num_parse(tmp, strlen(tmp), &back, NULL) == COR_OK && back == v)
            break;
    }
    return snprintf(buf, n, "%s", tmp);
}

int cor_num_format_sig(double v, int digits, char *buf, size_t n)
{
    if (!isfinite(v))
        return format_special(v, buf, n);
    if (v == 0.0)
        return snprintf(buf, n, "0");
    if (digits < 1)
        digits = 1;
    if (digits > 17)
        digits = 17;
    return format_c(buf, n, "%.*g", digits, v);
}

int cor_num_format_fixed(double v, int decimals, char *buf, size_t n)
{
    if (!isfinite(v))
        return format_special(v, buf, n);
    if (decimals < 0)
        decimals = 0;
    if (decimals > 17)
        decimals = 17;
    int r = format_c(buf, n, "%.*f", decimals, v);
    /* "-0.00" reads as a sign that the data does not have */
    if (r > 0 && buf[0] == '-' && n > 0) {
        int all_zero = 1;
        for (const char *p = buf + 1; *p; p++)
            if (*p != '0' && *p != '.')
                all_zero = 0;
        if (all_zero) {
            memmove(buf, buf + 1, strlen(buf));
            r--;
        }
    }
    return r;
}
