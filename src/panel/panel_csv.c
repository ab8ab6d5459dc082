/* The panel's CSV parse: libcsv's results, found many bytes at a time.
 *
 * libcsv reads a byte at a time through a state machine and copies every
 * byte of every field into its own buffer; on the panel that was the floor
 * (a bare libcsv parse of 10M rows took longer than corridor's whole hhi on
 * two cores). Most records of a panel hold no quote, and for those libcsv's
 * rules are few: a record ends at a CR or LF; a line of spaces (and tabs,
 * unless tab is the delimiter) is no record; fields are split at the
 * delimiter and lose the spaces around them. Such a record is found here
 * with a search for CR, LF or '"' sixteen bytes at a time (SSE2, which
 * every x86-64 has; eight at a time on other little-endian machines; a
 * byte at a time elsewhere), split with a search for the delimiter, and
 * its fields are handed over in place, without a copy. A record that holds
 * a quote goes whole, from its first byte to its line end outside quotes,
 * to libcsv itself (with CSV_STRICT | CSV_STRICT_FINI): quoting, its
 * errors, and the end of the input inside quotes are libcsv's own; but a
 * record of the plain shape (quoted fields with "" for a quote, spaces
 * around, nothing else after the closing quote) is read here too, its
 * fields in place unless a "" must become one quote.
 *
 * So the callbacks see what libcsv's would, in the same order, whatever
 * the pieces the input comes in: tests/unit/test_panel_csv.c and
 * tests/fuzz/fuzz_panel.c compare the two byte for byte. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "panel_internal.h"

/* ---- searches ------------------------------------------------------------
 * The offset of the first byte of s[i..n) equal to a, b, c or d (find4),
 * to a, b or c (find3), to a (find1), or n. Bytes up to s[lim) (lim >= n)
 * may be read: a search can look at whole blocks past n without leaving
 * the buffer. */

#if defined(__SSE2__) && defined(__GNUC__)
#define BLOCK 16
typedef unsigned mask;
static inline mask block4(const char *s, char a, char b, char c, char d)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(a)),
                                          _mm_cmpeq_epi8(v, _mm_set1_epi8(b))),
                             _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(c)),
                                          _mm_cmpeq_epi8(v, _mm_set1_epi8(d))));
    return (unsigned)_mm_movemask_epi8(m);
}
#define FIRST(m) ((size_t)__builtin_ctz(m))
#elif defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define BLOCK 8
typedef uint64_t mask;
/* the high bit of each byte of w equal to x; the lowest one exact (a false
 * one can only follow a true one, by the borrow) */
static inline uint64_t eq8(uint64_t w, char x)
{
    uint64_t y = w ^ (0x0101010101010101ull * (unsigned char)x);
    return (y - 0x0101010101010101ull) & ~y & 0x8080808080808080ull;
}
static inline mask block4(const char *s, char a, char b, char c, char d)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return eq8(w, a) | eq8(w, b) | eq8(w, c) | eq8(w, d);
}
#define FIRST(m) ((size_t)__builtin_ctzll(m) / 8)
#endif

static inline size_t find4(const char *s, size_t i, size_t n, size_t lim, char a, char b, char c,
                           char d)
{
#ifdef BLOCK
    for (; i < n && i + BLOCK <= lim; i += BLOCK) {
        mask m = block4(s + i, a, b, c, d);
        if (m) {
            size_t r = i + FIRST(m);
            return r < n ? r : n;
        }
    }
#else
    (void)lim;
#endif
    for (; i < n; i++)
        if (s[i] == a || s[i] == b || s[i] == c || s[i] == d)
            return i;
    return n;
}

static inline size_t find3(const char *s, size_t i, size_t n, size_t lim, char a, char b, char c)
{
    return find4(s, i, n, lim, a, b, c, c);
}

static inline size_t find1(const char *s, size_t i, size_t n, size_t lim, char a)
{
    return find4(s, i, n, lim, a, a, a, a);
}

/* ---- records -------------------------------------------------------------- */

static inline int is_space(const struct cor_panel_csv *c, char x)
{
    return x == ' ' || (x == '\t' && c->delim != '\t');
}

/* The quote-free record s[0..n) (bytes to s[lim) readable), ended by term:
 * its fields, trimmed, then the record; nothing for a line of spaces. */
static void emit_record(struct cor_panel_csv *c, const char *s, size_t n, size_t lim, int term)
{
    size_t at = 0;
    int first = 1;
    for (;;) {
        size_t d = find1(s, at, n, lim, c->delim), a = at, b = d;
        while (a < b && is_space(c, s[a]))
            a++;
        while (b > a && is_space(c, s[b - 1]))
            b--;
        if (first && d == n && a == b)
            return;   /* a blank line: libcsv ends no record */
        first = 0;
        c->on_field((void *)(uintptr_t)(s + a), b - a, c->user);
        if (d == n)
            break;
        at = d + 1;
    }
    c->on_record(term, c->user);
}

/* Room for one more field of a quoted record (c->spans), or for n more
 * bytes of unescaped text (c->scratch). 0 when memory runs out. */
static int span_room(struct cor_panel_csv *c, size_t nf)
{
    if (cor_panel_grow((void **)&c->spans, &c->cap_spans, nf + 1, sizeof *c->spans))
        return 1;
    c->error = CSV_ENOMEM;
    return 0;
}

static int scratch_put(struct cor_panel_csv *c, const char *s, size_t n)
{
    if (!cor_panel_grow((void **)&c->scratch, &c->cap_scratch, c->nscratch + n + 1, 1)) {
        c->error = CSV_ENOMEM;
        return 0;
    }
    memcpy(c->scratch + c->nscratch, s, n);
    c->nscratch += n;
    return 1;
}

/* The record at s[i..n) that holds a quote, read here when it is of the
 * shape libcsv reads without a doubt and ends before n: fields unquoted
 * (without a quote) or quoted ("" for a quote inside, any byte else, spaces
 * around), each followed by a delimiter, CR or LF. Its fields and the
 * record are handed over and the offset after its line end returned; 0
 * (nothing handed over) leaves the record to libcsv: anything else, its
 * errors included, and a record not ended before n. */
static size_t quoted_record(struct cor_panel_csv *c, const char *s, size_t i, size_t n)
{
    size_t nf = 0, at = i;
    c->nscratch = 0;
    for (;;) {
        while (at < n && is_space(c, s[at]))
            at++;
        if (at == n || !span_room(c, nf))
            return 0;
        struct cor_panel_span *f = &c->spans[nf++];
        if (s[at] == '"') {
            size_t a = ++at, from = a;
            int esc = 0;
            for (;;) {
                size_t q = find1(s, at, n, n, '"');
                if (q + 1 >= n)
                    return 0;   /* what follows the quote is not here */
                if (s[q + 1] == '"') {   /* "" is one quote: the text is copied */
                    if (!esc)
                        f->off = c->nscratch;
                    esc = 1;
                    if (!scratch_put(c, s + from, q + 1 - from))
                        return 0;
                    at = from = q + 2;
                    continue;
                }
                if (esc) {
                    if (!scratch_put(c, s + from, q - from))
                        return 0;
                    f->len = c->nscratch - f->off;
                } else {
                    f->off = a;
                    f->len = q - a;
                }
                f->copied = esc;
                at = q + 1;
                break;
            }
            while (at < n && is_space(c, s[at]))
                at++;   /* spaces after the closing quote are dropped */
            if (at == n || (s[at] != c->delim && s[at] != '\n' && s[at] != '\r'))
                return 0;
        } else {
            size_t e = find4(s, at, n, n, c->delim, '\n', '\r', '"');
            if (e == n || s[e] == '"')
                return 0;   /* a quote inside an unquoted field: libcsv's error */
            size_t b = e;
            while (b > at && is_space(c, s[b - 1]))
                b--;
            f->off = at;
            f->len = b - at;
            f->copied = 0;
            at = e;
        }
        if (s[at] != c->delim)
            break;
        at++;
    }
    for (size_t k = 0; k < nf; k++) {
        const char *base = c->spans[k].copied ? c->scratch : s;
        c->on_field((void *)(uintptr_t)(base + c->spans[k].off), c->spans[k].len, c->user);
    }
    c->on_record((unsigned char)s[at], c->user);
    return at + 1;
}

static int carry_put(struct cor_panel_csv *c, const char *s, size_t n)
{
    if (n == 0)
        return 1;
    if (!cor_panel_grow((void **)&c->carry, &c->cap, c->ncarry + n, 1)) {
        c->error = CSV_ENOMEM;
        return 0;
    }
    memcpy(c->carry + c->ncarry, s, n);
    c->ncarry += n;
    return 1;
}

/* libcsv reads s[0..n); 0 on an error (c->error says which). */
static int slow_feed(struct cor_panel_csv *c, const char *s, size_t n)
{
    if (csv_parse(&c->p, s, n, c->on_field, c->on_record, c->user) == n)
        return 1;
    c->error = csv_error(&c->p);
    return 0;
}

int cor_panel_csv_init(struct cor_panel_csv *c, char delim, cor_panel_field_fn on_field,
                       cor_panel_record_fn on_record, void *user)
{
    memset(c, 0, sizeof *c);
    c->delim = delim;
    c->on_field = on_field;
    c->on_record = on_record;
    c->user = user;
    if (csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return -1;
    csv_set_delim(&c->p, (unsigned char)delim);
    /* libcsv grows a field's buffer by this much at a time (128 bytes by
     * default): a field of megabytes would be copied over and over */
    csv_set_blk_size(&c->p, 1 << 16);
    return 0;
}

size_t cor_panel_csv_parse(struct cor_panel_csv *c, const char *s, size_t n)
{
    size_t i = 0;
    if (c->error)
        return 0;
    while (i < n) {
        if (c->slow) {
            /* to the line end outside quotes ("" closes and reopens): libcsv
             * reads the record to there, its line end included */
            size_t j = i;
            for (;;) {
                if (c->quoted) {
                    size_t q = find1(s, j, n, n, '"');
                    if (q == n) {
                        j = n;
                        break;
                    }
                    c->quoted = 0;
                    j = q + 1;
                }
                size_t k = find3(s, j, n, n, '\n', '\r', '"');
                if (k == n) {
                    j = n;
                    break;
                }
                j = k + 1;
                if (s[k] == '"')
                    c->quoted = 1;
                else {
                    c->slow = 0;
                    break;
                }
            }
            if (!slow_feed(c, s + i, j - i))
                return i;
            i = j;
            continue;
        }
        size_t k = find3(s, i, n, n, '\n', '\r', '"');
        if (c->ncarry) {   /* a record begun in an earlier piece */
            if (k < n && s[k] == '"') {
                c->slow = 1;   /* it holds a quote: libcsv reads it from its start */
                c->quoted = 0;
                size_t had = c->ncarry;
                c->ncarry = 0;
                if (!slow_feed(c, c->carry, had))
                    return i;
                continue;
            }
            if (!carry_put(c, s + i, k - i))
                return i;
            if (k == n)
                return n;
            emit_record(c, c->carry, c->ncarry, c->ncarry, (unsigned char)s[k]);
            c->ncarry = 0;
            i = k + 1;
            continue;
        }
        if (k == n)
            return carry_put(c, s + i, n - i) ? n : i;
        if (s[k] == '"') {
            size_t e = quoted_record(c, s, i, n);
            if (c->error)
                return i;
            if (e) {
                i = e;
                continue;
            }
            c->slow = 1;   /* libcsv reads it from its start */
            c->quoted = 0;
            continue;
        }
        emit_record(c, s + i, k - i, n - i, (unsigned char)s[k]);
        i = k + 1;
    }
    return n;
}

int cor_panel_csv_fini(struct cor_panel_csv *c)
{
    if (c->error)
        return -1;
    if (c->ncarry) {   /* the last record, without a line end */
        emit_record(c, c->carry, c->ncarry, c->ncarry, -1);
        c->ncarry = 0;
    }
    if (csv_fini(&c->p, c->on_field, c->on_record, c->user) != 0) {
        c->error = csv_error(&c->p);
        return -1;
    }
    return 0;
}

int cor_panel_csv_error(const struct cor_panel_csv *c)
{
    return c->error;
}

void cor_panel_csv_free(struct cor_panel_csv *c)
{
    csv_free(&c->p);
    free(c->carry);
    free(c->spans);
    free(c->scratch);
    c->carry = c->scratch = NULL;
    c->spans = NULL;
}
