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
#include <stdint.h>
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
    char small[128];
    size_t i = 0;
    int frac = 0, int_digits = 0, exp_val = 0, nonzero = 0;

    if (len == 0)
        return COR_EPARSE;
    if (s[i] == '+' || s[i] == '-')
        i++;
    while (i < len && is_digit(s[i])) {
        nonzero |= s[i] != '0';
        i++;
        int_digits++;
    }
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && is_digit(s[i])) {
            nonzero |= s[i] != '0';
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

    /* Clinger's fast path: up to 15 digits and a power of ten up to 22 are both
     * exact doubles, so one multiplication or division rounds correctly. */
    {
        uint64_t m = 0;
        int digits = 0, neg = s[0] == '-';
        for (size_t k = 0; k < len && s[k] != 'e' && s[k] != 'E'; k++)
            if (is_digit(s[k])) {
                if (m == 0 && s[k] == '0')
                    continue;   /* leading zeros are not significant */
                m = m * 10 + (uint64_t)(s[k] - '0');
                if (++digits > 15)
                    break;
            }
        int e10 = exp_val - frac;
        if (digits <= 15 && e10 >= -22 && e10 <= 22) {
            static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                         1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                         1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
            double v = (double)m;
            v = e10 >= 0 ? v * p10[e10] : v / p10[-e10];
            *out = neg ? -v : v;
            if (decimals) {
                int d = frac - exp_val;
                *decimals = d < 0 ? 0 : d;
            }
            return COR_OK;
        }
    }
    /* strtod needs a terminated copy: on the stack, or (a long number) the heap */
    char *tmp = len < sizeof small ? small : malloc(len + 1);
    if (!tmp)
        return COR_ENOMEM;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    struct locale_guard g = enter_c();
    errno = 0;
    char *end = NULL;
    double v = strtod(tmp, &end);
    int saved_errno = errno;
    leave_c(g);
    int whole = end == tmp + len;
    if (tmp != small)
        free(tmp);
    if (!whole)
        return COR_EPARSE;
    if ((saved_errno == ERANGE && isinf(v)) || (v == 0 && nonzero)) {
        *out = v;   /* +-inf: too large; 0: too small to represent */
        return COR_ERANGE;
    }
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

/* "%.17g" by exact integer arithmetic: |v| = m 2^e; N = round(|v| 10^k) with
 * 17 digits, computed as m 5^k shifted by e + k with round-half-even on the
 * exact remainder. Holds while 5^k fits 64 bits (k <= 27) and the shift fits
 * 128 bits; other magnitudes use snprintf. */
__extension__ typedef unsigned __int128 u128;

/* 5^0 .. 5^27 (5^27 < 2^63) */
static const uint64_t pow5[28] = {
    1ull, 5ull, 25ull, 125ull, 625ull, 3125ull, 15625ull, 78125ull, 390625ull, 1953125ull,
    9765625ull, 48828125ull, 244140625ull, 1220703125ull, 6103515625ull, 30517578125ull,
    152587890625ull, 762939453125ull, 3814697265625ull, 19073486328125ull,
    95367431640625ull, 476837158203125ull, 2384185791015625ull, 11920928955078125ull,
    59604644775390625ull, 298023223876953125ull, 1490116119384765625ull,
    7450580596923828125ull};

int cor_num_format_g17(double v, char *buf)
{
    if (!isfinite(v))
        return format_special(v, buf, 32);
    if (v == 0.0)
        return sprintf(buf, "%s", signbit(v) ? "-0" : "0");   /* as printf prints */
    int neg = v < 0;
    double a = fabs(v);
    int e2;
    uint64_t m, bits;
    memcpy(&bits, &a, sizeof bits);
    if (bits >> 52) {   /* normal: a = (2^52 + fraction) 2^(exponent - 1075), read off the bits */
        m = (bits & ((1ull << 52) - 1)) | 1ull << 52;
        e2 = (int)(bits >> 52) - 1075;
    } else {            /* subnormal */
        double fr = frexp(a, &e2);         /* a = fr 2^e2, fr in [0.5, 1) */
        m = (uint64_t)ldexp(fr, 53);       /* exact: a = m 2^(e2 - 53) */
        e2 -= 53;
    }
    /* the decimal exponent, from the binary one: a in [2^(e2+52), 2^(e2+53)),
     * so d is this or one more (the loop below settles it) */
    int d = (int)floor((double)(e2 + 52) * 0.30102999566398120);
    u128 n = 0;
    int ok = 0;
    for (int attempt = 0; attempt < 3; attempt++) {
        int k = 16 - d;
        if (k < 0 || k > 27)
            break;
        u128 x = (u128)m * pow5[k];
        int s = e2 + k;
        if (s >= 0) {
            if (s > 10)
                break;
            n = x << s;
        } else {
            int r = -s;
            if (r >= 127)
                break;
            u128 q = x >> r, rem = x - (q << r), half = (u128)1 << (r - 1);
            if (rem > half || (rem == half && (q & 1)))
                q++;
            n = q;
        }
        const u128 lo = 10000000000000000ull, hi = lo * 10;
        if (n >= hi)
            d++;
        else if (n < lo)
            d--;
        else {
            ok = 1;
            break;
        }
    }
    if (!ok)
        return format_c(buf, 32, "%.17g", v);
    char digits[18];
    uint64_t nn = (uint64_t)n;
    for (int i = 16; i >= 0; i--) {
        digits[i] = (char)('0' + nn % 10);
        nn /= 10;
    }
    int nd = 17;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    char *p = buf;
    if (neg)
        *p++ = '-';
    if (d < -4 || d >= 17) {               /* %g: scientific */
        *p++ = digits[0];
        if (nd > 1) {
            *p++ = '.';
            memcpy(p, digits + 1, (size_t)nd - 1);
            p += nd - 1;
        }
        int ad = d < 0 ? -d : d;           /* "e%c%02d" */
        *p++ = 'e';
        *p++ = d < 0 ? '-' : '+';
        if (ad >= 100)
            *p++ = (char)('0' + ad / 100);
        *p++ = (char)('0' + ad / 10 % 10);
        *p++ = (char)('0' + ad % 10);
    } else if (d < 0) {                    /* 0.000ddd */
        *p++ = '0';
        *p++ = '.';
        for (int i = -1; i > d; i--)
            *p++ = '0';
        memcpy(p, digits, (size_t)nd);
        p += nd;
    } else {                               /* ddd.ddd */
        int intd = d + 1;
        for (int i = 0; i < intd; i++)
            *p++ = i < nd ? digits[i] : '0';
        if (nd > intd) {
            *p++ = '.';
            memcpy(p, digits + intd, (size_t)(nd - intd));
            p += nd - intd;
        }
    }
    *p = '\0';
    return (int)(p - buf);
}

int cor_num_format_grouped(double v, int decimals, char *buf, size_t n)
{
    char plain[400];
    int len = cor_num_format_fixed(v, decimals, plain, sizeof plain);
    if (len < 0 || (size_t)len >= sizeof plain || !isfinite(v))
        return snprintf(buf, n, "%s", len < 0 ? "" : plain);
    const char *digits = plain + (plain[0] == '-');
    size_t intd = strcspn(digits, ".");
    char out[560];
    size_t k = 0;
    if (digits != plain)
        out[k++] = '-';
    for (size_t i = 0; i < intd; i++) {
        if (i > 0 && (intd - i) % 3 == 0)
            out[k++] = ',';
        out[k++] = digits[i];
    }
    snprintf(out + k, sizeof out - k, "%s", digits + intd);
    return snprintf(buf, n, "%s", out);
}

/* Length of a digit-group separator at s (0 if none): the mark itself, or for
 * a space also the UTF-8 no-break spaces U+00A0 and U+202F. */
static size_t group_mark(const char *s, size_t len, char thousands)
{
    if (len >= 1 && s[0] == thousands)
        return 1;
    if (thousands == ' ' && len >= 2 && (unsigned char)s[0] == 0xC2 &&
        (unsigned char)s[1] == 0xA0)
        return 2;
    if (thousands == ' ' && len >= 3 && (unsigned char)s[0] == 0xE2 &&
        (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0xAF)
        return 3;
    return 0;
}

enum cor_status cor_num_parse_style(const char *s, size_t len, char decimal, char thousands,
                                    double *out, int *decimals)
{
    if (decimal != '.' && decimal != ',')
        return COR_EINVAL;
    if (thousands == decimal)
        return COR_EINVAL;
    if (decimal == '.' && !thousands)
        return cor_num_parse(s, len, out, decimals);
    /* rewrite into the plain grammar: marks out, the decimal mark as '.' */
    char tmp[128];
    size_t i = 0, k = 0;
    if (len >= sizeof tmp)
        return COR_EPARSE;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        tmp[k++] = s[i++];
    size_t group = 0, groups = 0;
    while (i < len) {
        size_t mark = thousands ? group_mark(s + i, len - i, thousands) : 0;
        if (mark) {
            /* a mark follows 1 to 3 digits (first group) or exactly 3 */
            if (group == 0 || group > 3 || (groups > 0 && group != 3))
                return COR_EPARSE;
            groups++;
            group = 0;
            i += mark;
            continue;
        }
        if (!is_digit(s[i]))
            break;
        tmp[k++] = s[i++];
        group++;
    }
    if (groups > 0 && group != 3)
        return COR_EPARSE;   /* "1,2" or a trailing mark */
    if (i < len && s[i] == decimal) {
        tmp[k++] = '.';
        i++;
    } else if (i < len && s[i] == '.' && decimal != '.')
        return COR_EPARSE;   /* a '.' where ',' is the decimal mark */
    while (i < len && k < sizeof tmp - 1) {
        if (s[i] == ',' || s[i] == '.' || group_mark(s + i, len - i, thousands ? thousands : 1))
            return COR_EPARSE;
        tmp[k++] = s[i++];
    }
    return cor_num_parse(tmp, k, out, decimals);
}
