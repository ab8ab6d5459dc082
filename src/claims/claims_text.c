/* A growing text for the claims' messages, formulas and summaries. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims_internal.h"

void cor_claims_text_vadd(struct cor_claims_text *t, const char *fmt, va_list ap)
{
    if (t->oom)
        return;
    va_list ap2;
    va_copy(ap2, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    if (len < 0 || t->len + (size_t)len + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 64;
        while (len >= 0 && t->len + (size_t)len + 1 > cap)
            cap *= 2;
        char *s = len < 0 ? NULL : realloc(t->s, cap);
        if (!s) {
            t->oom = 1;
            va_end(ap2);
            return;
        }
        t->s = s;
        t->cap = cap;
    }
    vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap2);
    va_end(ap2);
    t->len += (size_t)len;
}

void cor_claims_text_add(struct cor_claims_text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cor_claims_text_vadd(t, fmt, ap);
    va_end(ap);
}

char *cor_claims_text_take(struct cor_claims_text *t)
{
    char *s = t->oom ? NULL : t->s ? t->s : calloc(1, 1);
    if (t->oom)
        free(t->s);
    memset(t, 0, sizeof *t);
    return s;
}

void cor_claims_text_fini(struct cor_claims_text *t)
{
    free(t->s);
    memset(t, 0, sizeof *t);
}

