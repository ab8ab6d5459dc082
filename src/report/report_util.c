/* Small pieces the report's files share: a growing string, units and
 * numbers for readers, shell words. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/num.h"
#include "report_internal.h"

void cor_report_sb_printf(struct cor_report_sb *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0) {
        b->failed = 1;
        return;
    }
    if (b->n + (size_t)need + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->n + (size_t)need + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
    va_end(ap);
    b->n += (size_t)need;
}

const char *cor_report_sb_str(const struct cor_report_sb *b)
{
    return b->s ? b->s : "";
}

void cor_report_sb_fini(struct cor_report_sb *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}

void cor_report_number(double v, int percent, char *buf, size_t n, int *decimals)
{
    int dec = 0;
    if (!isfinite(v)) {
        snprintf(buf, n, "%s", isnan(v) ? "NA" : v > 0 ? "∞" : "−∞");
    } else {
        double x = percent ? 100 * v : v;
        /* 6 significant digits (percentages: 4, at most 2 decimals), trailing
         * zeros dropped */
        int mag = x == 0 ? 0 : (int)floor(log10(fabs(x)));
        dec = (percent ? 3 : 5) - mag;
        if (dec < 0)
            dec = 0;
        if (percent && dec > 2)
            dec = 2;
        if (dec > 12)
            dec = 12;
        char text[64];
        cor_num_format_fixed(x, dec, text, sizeof text);
        while (dec > 0 && text[strlen(text) - 1] == '0') {
            text[strlen(text) - 1] = '\0';
            dec--;
        }
        cor_num_format_grouped(x, dec, buf, n);
        if (percent && strlen(buf) + 2 <= n)
            strcat(buf, "%");
    }
    if (decimals)
        *decimals = dec;
}

size_t cor_report_shell_word(const char *s, char *buf, size_t n)
{
    int plain = *s != '\0';
    size_t need = 2;
    for (const char *p = s; *p; p++) {
        plain &= (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                 (*p >= '0' && *p <= '9') || strchr("_-./,:=+@%", *p) != NULL;
        need += *p == '\'' ? 4 : 1;
    }
    if (plain)
        need = strlen(s);
    if (need + 1 > n) {
        if (n)
            buf[0] = '\0';   /* never a word cut short */
        return need;
    }
    if (plain) {
        memcpy(buf, s, need + 1);
        return need;
    }
    size_t k = 0;
    buf[k++] = '\'';
    for (; *s; s++) {
        if (*s == '\'') {
            memcpy(buf + k, "'\\''", 4);
            k += 4;
        } else
            buf[k++] = *s;
    }
    buf[k++] = '\'';
    buf[k] = '\0';
    return need;
}
