/* UTF-8 decoding by Unicode 15, table 3-7 (well-formed byte sequences):
 *   00..7F | C2..DF 80..BF | E0 A0..BF 80..BF | E1..EC,EE..EF (80..BF){2}
 *   | ED 80..9F 80..BF | F0 90..BF (80..BF){2} | F1..F3 (80..BF){3}
 *   | F4 80..8F (80..BF){2} */
#include "corridor/utf8.h"

void cor_utf8_reset(struct cor_utf8 *d)
{
    d->cp = 0;
    d->need = 0;
    d->lo = 0x80;
    d->hi = 0xBF;
}

enum cor_utf8_step cor_utf8_feed(struct cor_utf8 *d, unsigned char b, uint32_t *cp)
{
    if (d->need) {
        if (b < d->lo || b > d->hi) {
            cor_utf8_reset(d);
            return COR_UTF8_BAD_AGAIN;
        }
        d->cp = d->cp << 6 | (uint32_t)(b & 0x3F);
        d->lo = 0x80;
        d->hi = 0xBF;
        if (--d->need)
            return COR_UTF8_MORE;
        *cp = d->cp;
        return COR_UTF8_CHAR;
    }
    cor_utf8_reset(d);
    if (b < 0x80) {
        *cp = b;
        return COR_UTF8_CHAR;
    }
    if (b >= 0xC2 && b <= 0xDF) {
        d->need = 1;
        d->cp = b & 0x1Fu;
    } else if (b >= 0xE0 && b <= 0xEF) {
        d->need = 2;
        d->cp = b & 0x0Fu;
        d->lo = b == 0xE0 ? 0xA0 : 0x80;   /* no overlong forms */
        d->hi = b == 0xED ? 0x9F : 0xBF;   /* no surrogates */
    } else if (b >= 0xF0 && b <= 0xF4) {
        d->need = 3;
        d->cp = b & 0x07u;
        d->lo = b == 0xF0 ? 0x90 : 0x80;   /* no overlong forms */
        d->hi = b == 0xF4 ? 0x8F : 0xBF;   /* nothing above U+10FFFF */
    } else
        return COR_UTF8_BAD;   /* 80..C1, F5..FF never start a character */
    return COR_UTF8_MORE;
}

size_t cor_utf8_next(const char *s, size_t n, uint32_t *cp)
{
    struct cor_utf8 d;
    cor_utf8_reset(&d);
    for (size_t i = 0; i < n; i++) {
        switch (cor_utf8_feed(&d, (unsigned char)s[i], cp)) {
        case COR_UTF8_CHAR: return i + 1;
        case COR_UTF8_MORE: break;
        case COR_UTF8_BAD: *cp = COR_UTF8_INVALID; return i + 1;
        case COR_UTF8_BAD_AGAIN: *cp = COR_UTF8_INVALID; return i;
        }
    }
    *cp = COR_UTF8_INVALID;   /* cut short by the end */
    return n ? n : 1;
}

int cor_utf8_is_control(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F);
}

size_t cor_utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}
