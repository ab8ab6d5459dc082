/* Large panels: a two-part parallel libcsv parse into compact per-row arrays
 * and per-group accumulators, then one workload. See panel.h. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE   /* madvise (MADV_HUGEPAGE) */

#include "corridor/panel.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_cdf.h>

#include "corridor/csvread.h"
#include "corridor/num.h"
#include "panel_out.h"

#define CHUNK (1u << 20)
#define MAX_COLS 256

/* ---- growable arrays and the group map ------------------------------------ */

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 1;
    size_t c = *cap ? *cap : 1024;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q)
        return 0;
    *p = q;
    *cap = c;
    return 1;
}

/* n zeroed bytes for a table read and written at random: written once here
 * (calloc's untouched pages would be mapped to the zero page on the first
 * probe and copied on the first store, and with two threads each copy stops
 * the other core to flush its TLB), on huge pages where the system allows. */
static void *big_zeroed(size_t n)
{
    void *p = NULL;
    size_t huge = (size_t)2 << 20;
    if (n < 2 * huge)
        p = malloc(n);
    else if (posix_memalign(&p, huge, (n + huge - 1) / huge * huge) != 0)
        p = NULL;
#ifdef MADV_HUGEPAGE
    else
        madvise(p, (n + huge - 1) / huge * huge, MADV_HUGEPAGE);
#endif
    if (p)
        memset(p, 0, n);
    return p;
}

/* The texts of one key column -> small ids (0, 1, ...), in order of first
 * appearance. */
struct gkey {
    uint64_t hash;
    uint64_t off;         /* of its text in gmap.text */
    uint32_t len;
};

struct gmap {
    uint32_t *slots;      /* id + 1; 0 = empty */
    size_t nslots;
    struct gkey *keys;    /* per id */
    size_t n, cap;
    char *text;
    size_t text_len, text_cap;
};

/* The n < 8 bytes at s as one word (fixed-size loads, overlapping: the
 * words of two equal strings are equal). */
static uint64_t short_word(const char *s, size_t n)
{
    uint32_t a, b;
    if (n >= 4) {
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        return a | (uint64_t)b << 32;
    }
    if (n == 0)
        return 0;
    return (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
           (uint64_t)(unsigned char)s[n - 1] << 16;
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    /* eight bytes at a time, each word multiplied in (keys are short); the
     * last word overlaps the one before */
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n, w;
    if (n < 8)
        w = short_word(s, n);
    else {
        const char *end = s + n - 8;
        for (; s < end; s += 8) {
            memcpy(&w, s, 8);
            h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
            h ^= h >> 29;
        }
        memcpy(&w, end, 8);
    }
    /* a full final mix: keys that differ only in their last bytes (Country
     * 105, Country 106...) differ in the high bits of w */
    h ^= w;
    h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDull;
    h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 33);
}

/* a[0..n) == b[0..n), without a call for short keys */
static int same_bytes(const char *a, const char *b, size_t n)
{
    if (n > 16)
        return memcmp(a, b, n) == 0;
    if (n < 8)
        return short_word(a, n) == short_word(b, n);
    uint64_t a0, a1, b0, b1;
    memcpy(&a0, a, 8);
    memcpy(&a1, a + n - 8, 8);
    memcpy(&b0, b, 8);
    memcpy(&b1, b + n - 8, 8);
    return a0 == b0 && a1 == b1;
}

static void gmap_free(struct gmap *m)
{
    free(m->slots);
    free(m->keys);
    free(m->text);
}

/* The text of id (*len bytes, not terminated). */
static const char *gmap_text(const struct gmap *m, uint32_t id, size_t *len)
{
    *len = m->keys[id].len;
    return m->text + m->keys[id].off;
}

static int gmap_rehash(struct gmap *m)
{
    size_t ns = m->nslots ? m->nslots * 2 : 4096;
    uint32_t *s = calloc(ns, sizeof *s);
    if (!s)
        return 0;
    for (size_t id = 0; id < m->n; id++) {
        size_t i = (size_t)m->keys[id].hash & (ns - 1);
        while (s[i])
            i = (i + 1) & (ns - 1);
        s[i] = (uint32_t)id + 1;
    }
    free(m->slots);
    m->slots = s;
    m->nslots = ns;
    return 1;
}

/* The id of key (n bytes), added if new; -1 when memory runs out. */
static long gmap_get(struct gmap *m, const char *key, size_t n)
{
    if ((m->n + 1) * 2 > m->nslots && !gmap_rehash(m))
        return -1;
    uint64_t h = hash_bytes(key, n);
    size_t i = (size_t)h & (m->nslots - 1);
    for (;;) {
        uint32_t s = m->slots[i];
        if (!s)
            break;
        const struct gkey *g = &m->keys[s - 1];
        if (g->hash == h && g->len == n && same_bytes(m->text + g->off, key, n))
            return s - 1;
        i = (i + 1) & (m->nslots - 1);
    }
    if (!grow((void **)&m->keys, &m->cap, m->n + 1, sizeof *m->keys) ||
        !grow((void **)&m->text, &m->text_cap, m->text_len + n, 1))
        return -1;
    memcpy(m->text + m->text_len, key, n);
    m->keys[m->n] = (struct gkey){h, m->text_len, (uint32_t)n};
    m->text_len += n;
    m->slots[i] = (uint32_t)m->n + 1;
    return (long)m->n++;
}

/* Tuples of per-column ids -> group, with the group's accumulators stored in
 * its slot: a row reads and writes one cache line. Slot layout: `payload`
 * doubles, then the k ids, then group id + 1 (0 = empty). */
struct tmap {
    unsigned char *slots;
    size_t nslots, k, payload, stride;
    uint32_t *tuples;     /* per group: its k ids */
    size_t n, cap;
};

static uint64_t hash_tuple(const uint32_t *t, size_t k)
{
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < k; i++) {
        h ^= t[i];
        h *= 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    return h;
}

static void tmap_init(struct tmap *m, size_t k, size_t payload)
{
    memset(m, 0, sizeof *m);
    m->k = k;
    m->payload = payload;
    m->stride = (payload * 8 + (k + 1) * 4 + 7) / 8 * 8;
}

static void tmap_free(struct tmap *m)
{
    free(m->slots);
    free(m->tuples);
}

static uint32_t *slot_ids(const struct tmap *m, unsigned char *slot)
{
    return (uint32_t *)(void *)(slot + m->payload * 8);
}

static int tmap_rehash(struct tmap *m)
{
    size_t ns = m->nslots ? m->nslots * 2 : 4096;
    unsigned char *s = big_zeroed(ns * m->stride);
    if (!s)
        return 0;
    for (size_t i = 0; i < m->nslots; i++) {
        unsigned char *old = m->slots + i * m->stride;
        uint32_t *ids = slot_ids(m, old);
        if (!ids[m->k])
            continue;
        size_t j = (size_t)hash_tuple(ids, m->k) & (ns - 1);
        while (slot_ids(m, s + j * m->stride)[m->k])
            j = (j + 1) & (ns - 1);
        memcpy(s + j * m->stride, old, m->stride);
    }
    free(m->slots);
    m->slots = s;
    m->nslots = ns;
    return 1;
}

/* The slot where tuple hash h starts its probe, to prefetch. */
static const void *tmap_home(const struct tmap *m, uint64_t h)
{
    return m->nslots ? m->slots + ((size_t)h & (m->nslots - 1)) * m->stride : NULL;
}

/* The accumulators of tuple t's group (zeroed when new); its id in *gid.
 * h = hash_tuple(t, k). NULL when memory runs out. */
static double *tmap_get(struct tmap *m, const uint32_t *t, uint64_t h, long *gid)
{
    if ((m->n + 1) * 2 > m->nslots && !tmap_rehash(m))
        return NULL;
    size_t i = (size_t)h & (m->nslots - 1);
    for (;;) {
        unsigned char *slot = m->slots + i * m->stride;
        uint32_t *ids = slot_ids(m, slot);
        if (!ids[m->k])
            break;
        if (memcmp(ids, t, m->k * sizeof *t) == 0) {
            *gid = ids[m->k] - 1;
            return (double *)(void *)slot;
        }
        i = (i + 1) & (m->nslots - 1);
    }
    if (!grow((void **)&m->tuples, &m->cap, (m->n + 1) * m->k, sizeof *m->tuples))
        return NULL;
    memcpy(m->tuples + m->n * m->k, t, m->k * sizeof *t);
    unsigned char *slot = m->slots + i * m->stride;
    uint32_t *ids = slot_ids(m, slot);
    memcpy(ids, t, m->k * sizeof *t);
    ids[m->k] = (uint32_t)m->n + 1;
    *gid = (long)m->n++;
    return (double *)(void *)slot;   /* zeroed by big_zeroed: the accumulators start at 0 */
}

/* Accumulators per group, indexed by group id (after parsing). */
static double **tmap_payloads(const struct tmap *m)
{
    double **p = malloc((m->n ? m->n : 1) * sizeof *p);
    for (size_t i = 0; p && i < m->nslots; i++) {
        unsigned char *slot = m->slots + i * m->stride;
        uint32_t id = slot_ids(m, slot)[m->k];
        if (id)
            p[id - 1] = (double *)(void *)slot;
    }
    return p;
}

/* The accumulators of each workload, as offsets in a slot's payload. */
enum { A_SUM = 0 };                                        /* share */
enum { H_N = 0, H_SUM, H_SQ };                             /* hhi */
enum { T_R11 = 0, T_R12, T_R13, T_R22, T_R23, T_R33 };     /* trend: R of QR (T_R33: its square) */

/* Least squares of y on (1, x), one point at a time and stable: the upper
 * triangle R of the QR factorisation of the rows (1, x, y) is updated with
 * Givens rotations. Then r11^2 = n, the slope is r23 / r22 and the residual
 * sum of squares is r33^2, kept as such (no cancellation, unlike the one-pass
 * sums of squares). A row with leading zeros (a row of another R) merges two
 * factorisations; the third row of another R is merged by adding its r33^2. */
static void qr_add(double *R, double a0, double a1, double a2)
{
    /* column 1 (the constant) */
    if (a0 != 0) {
        double d = R[T_R11], r = sqrt(d * d + a0 * a0), inv = 1.0 / r;
        double c = d * inv, sn = a0 * inv, r12 = R[T_R12], r13 = R[T_R13];
        R[T_R11] = r;
        R[T_R12] = c * r12 + sn * a1;
        R[T_R13] = c * r13 + sn * a2;
        a1 = c * a1 - sn * r12;
        a2 = c * a2 - sn * r13;
    }
    /* column 2 (x) */
    if (a1 != 0) {
        double d = R[T_R22], r = sqrt(d * d + a1 * a1), inv = 1.0 / r;
        double c = d * inv, sn = a1 * inv, r23 = R[T_R23];
        R[T_R22] = r;
        R[T_R23] = c * r23 + sn * a2;
        a2 = c * a2 - sn * r23;
    }
    /* what is left of y is residual: r33^2 (kept squared) grows by it */
    R[T_R33] += a2 * a2;
}

static size_t payload_of(enum cor_panel_op op)
{
    return op == COR_PANEL_SHARE ? 1 : op == COR_PANEL_HHI ? 3 : op == COR_PANEL_TREND ? 6 : 0;
}

/* ---- per-part parse ------------------------------------------------------- */

/* Rows wait in a batch whose group slots are prefetched: with hundreds of
 * thousands of groups a slot is rarely in cache, and the batch lets the
 * memory fetches of many rows overlap instead of each stalling its row. */
#define BATCH 32

struct pending {
    uint32_t tuple[COR_PANEL_MAX_KEYS];
    uint64_t hash;
    double value;
    int32_t year;
};

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p, 1)
#else
#define PREFETCH(p) ((void)(p))
#endif

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Progress of the read, shown by the first part's thread on a terminal. */
struct progress {
    int on;
    double t0, shown;      /* start; last shown (0: never) */
    off_t total;
    atomic_size_t done[2]; /* bytes read by each part */
};

static void show_progress(struct progress *pr)
{
    double t = now();
    if (!pr->on || t - pr->t0 < 1.0 || t - pr->shown < 0.25)
        return;
    pr->shown = t;
    double d = (double)(atomic_load_explicit(&pr->done[0], memory_order_relaxed) +
                        atomic_load_explicit(&pr->done[1], memory_order_relaxed));
    fprintf(stderr, "\rcorridor: reading %3.0f%% of %.0f MB", 100.0 * d / (double)pr->total,
            (double)pr->total / 1e6);
}

/* A record boundary: `row` records of the part lie before byte `off`. */
struct checkpoint {
    off_t off;
    size_t row;
};

struct part {
    const struct cor_panel_spec *spec;
    int fd;
    off_t begin, end;
    size_t chunk;                   /* bytes per read */
    int key_col[MAX_COLS];          /* column -> key index, or -1 */
    int value_col, time_col, ncols;
    struct csv_parser p;
    /* the row being read */
    size_t field;
    uint32_t tuple[COR_PANEL_MAX_KEYS];
    double value;
    long year;
    int row_bad;
    struct pending batch[BATCH];
    size_t nbatch;
    /* results */
    struct gmap cols[COR_PANEL_MAX_KEYS];   /* per key column: text -> id */
    struct tmap groups;                     /* tuple of ids -> group and its accumulators */
    uint32_t *gid;                  /* share, growth: per row */
    double *val;
    int32_t *yr;
    size_t nrows, cap_g, cap_v, cap_y;
    struct checkpoint *cp;          /* share, growth: where the copy can be cut */
    size_t ncp, cap_cp;
    size_t bad;                     /* malformed rows */
    int csv_error, oom, io_error;
    struct progress *pr;
    int index;                      /* 0 or 1 */
};

static int parse_long(const char *s, size_t n, long *out)
{
    size_t i = 0;
    int neg = 0;
    if (n && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        i = 1;
    }
    if (i == n || n - i > 9)
        return 0;
    long v = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = neg ? -v : v;
    return 1;
}

static void on_field(void *s, size_t len, void *data)
{
    struct part *P = data;
    size_t f = P->field++;
    if ((int)f >= P->ncols)
        return;
    const char *t = s ? s : "";
    int k = P->key_col[f];
    if (k >= 0) {
        long id = gmap_get(&P->cols[k], t, len);
        if (id < 0)
            P->oom = 1;
        else
            P->tuple[k] = (uint32_t)id;
    }
    if ((int)f == P->value_col && cor_num_parse(t, len, &P->value, NULL) != COR_OK)
        P->row_bad = 1;
    if ((int)f == P->time_col && !parse_long(t, len, &P->year))
        P->row_bad = 1;
}

/* The rows of the batch, in order, into their groups. */
static void flush_batch(struct part *P)
{
    const struct cor_panel_spec *sp = P->spec;
    size_t nb = P->nbatch;
    P->nbatch = 0;
    if (P->oom)
        return;
    if ((sp->op == COR_PANEL_SHARE || sp->op == COR_PANEL_GROWTH) &&
        (!grow((void **)&P->gid, &P->cap_g, P->nrows + nb, sizeof *P->gid) ||
         !grow((void **)&P->val, &P->cap_v, P->nrows + nb, sizeof *P->val) ||
         (sp->op == COR_PANEL_GROWTH &&
          !grow((void **)&P->yr, &P->cap_y, P->nrows + nb, sizeof *P->yr)))) {
        P->oom = 1;
        return;
    }
    for (size_t b = 0; b < nb; b++) {
        const struct pending *r = &P->batch[b];
        long g;
        double *acc = tmap_get(&P->groups, r->tuple, r->hash, &g);
        if (!acc) {
            P->oom = 1;
            return;
        }
        double v = r->value;
        switch (sp->op) {
        case COR_PANEL_SHARE:
        case COR_PANEL_GROWTH:
            P->gid[P->nrows] = (uint32_t)g;
            P->val[P->nrows] = v;
            if (sp->op == COR_PANEL_GROWTH)
                P->yr[P->nrows] = r->year;
            else
                acc[A_SUM] += v;
            break;
        case COR_PANEL_HHI:
            acc[H_N] += 1;
            acc[H_SUM] += v;
            acc[H_SQ] += v * v;
            break;
        case COR_PANEL_TREND:
            if (v > 0)   /* x = year (shifted: same slope, smaller numbers), y = ln value */
                qr_add(acc, 1.0, (double)r->year - 2000.0, log(v));
            break;
        }
        P->nrows++;
    }
}

static void on_record(int term, void *data)
{
    struct part *P = data;
    (void)term;
    if ((int)P->field != P->ncols || P->row_bad) {
        P->bad++;
        P->field = 0;
        P->row_bad = 0;
        return;
    }
    P->field = 0;
    struct pending *r = &P->batch[P->nbatch++];
    size_t k = P->spec->nkeys;
    memcpy(r->tuple, P->tuple, k * sizeof *r->tuple);
    r->hash = hash_tuple(r->tuple, k);
    r->value = P->value;
    r->year = (int32_t)P->year;
    PREFETCH(tmap_home(&P->groups, r->hash));
    if (P->nbatch == BATCH)
        flush_batch(P);
}

/* Where buf (n bytes, starting with quote parity *parity) can be cut
 * between records: just after its last line break with an even count of
 * quotes before it; 0 if none. *parity becomes the parity at its end. */
static size_t record_cut(const char *buf, size_t n, int *parity)
{
    int q = *parity ^ panel_quote_parity(buf, n), after = 0;
    *parity = q;
    size_t i = n;
    while (i > 0 && buf[i - 1] != '\n')
        after ^= buf[--i] == '"';
    return i > 0 && (q ^ after) == 0 ? i : 0;
}

static int add_checkpoint(struct part *P, off_t off, size_t row)
{
    if (!grow((void **)&P->cp, &P->cap_cp, P->ncp + 1, sizeof *P->cp))
        return 0;
    P->cp[P->ncp].off = off;
    P->cp[P->ncp++].row = row;
    return 1;
}

static int feed(struct part *P, const char *buf, size_t n)
{
    if (csv_parse(&P->p, buf, n, on_field, on_record, P) != n) {
        P->csv_error = 1;
        return 0;
    }
    return 1;
}

static void *parse_part(void *data)
{
    struct part *P = data;
    const struct cor_panel_spec *sp = P->spec;
    int copy = sp->op == COR_PANEL_SHARE || sp->op == COR_PANEL_GROWTH, parity = 0;
    char *buf = malloc(P->chunk);
    if (!buf || csv_init(&P->p, CSV_STRICT | CSV_STRICT_FINI) != 0 ||
        (copy && !add_checkpoint(P, P->begin, 0))) {
        P->oom = 1;
        free(buf);
        return NULL;
    }
    off_t at = P->begin;
    while (at < P->end && !P->oom) {
        size_t want = (size_t)(P->end - at) < P->chunk ? (size_t)(P->end - at) : P->chunk;
        ssize_t got = pread(P->fd, buf, want, at);
        if (got <= 0) {
            P->io_error = 1;
            break;
        }
        size_t cut = copy ? record_cut(buf, (size_t)got, &parity) : 0;
        if (cut) {   /* every record before the cut has been handed over */
            if (!feed(P, buf, cut))
                break;
            if (!add_checkpoint(P, at + (off_t)cut, P->nrows + P->nbatch + P->bad)) {
                P->oom = 1;
                break;
            }
            if (!feed(P, buf + cut, (size_t)got - cut))
                break;
        } else if (!feed(P, buf, (size_t)got))
            break;
        at += got;
        atomic_store_explicit(&P->pr->done[P->index], (size_t)(at - P->begin),
                              memory_order_relaxed);
        if (P->index == 0)
            show_progress(P->pr);
    }
    if (!P->csv_error && !P->io_error && csv_fini(&P->p, on_field, on_record, P) != 0)
        P->csv_error = 1;
    flush_batch(P);
    if (copy && !P->oom && !add_checkpoint(P, P->end, P->nrows + P->bad))
        P->oom = 1;
    csv_free(&P->p);
    free(buf);
    return NULL;
}

/* ---- the header and the split --------------------------------------------- */

struct header {
    char names[MAX_COLS][128];
    size_t n;
};

static enum cor_status header_row(const struct cor_csv_row *row, void *user)
{
    struct header *h = user;
    if (row->index > 1)
        return COR_EINVAL;   /* stop after the header */
    for (size_t i = 0; i < row->nfields && i < MAX_COLS; i++)
        snprintf(h->names[i], sizeof h->names[i], "%s", row->fields[i].text);
    h->n = row->nfields < MAX_COLS ? row->nfields : MAX_COLS;
    return COR_OK;
}

/* Byte offset just after the first line break outside quotes at or after
 * `from`, the quote parity there being `parity`; the file size if none. */
static off_t line_end(int fd, off_t from, off_t size, int parity)
{
    char *buf = malloc(CHUNK);
    off_t at = from, found = size;
    while (buf && at < size && found == size) {
        ssize_t got = pread(fd, buf, CHUNK, at);
        if (got <= 0)
            break;
        for (ssize_t i = 0; i < got; i++) {
            if (buf[i] == '"')
                parity ^= 1;
            else if (buf[i] == '\n' && !parity) {
                found = at + i + 1;
                break;
            }
        }
        at += got;
    }
    free(buf);
    return found;
}

/* Parity of the count of quotes in [from, to). */
static int quote_parity(int fd, off_t from, off_t to)
{
    char *buf = malloc(CHUNK);
    int parity = 0;
    for (off_t at = from; buf && at < to;) {
        size_t want = (size_t)(to - at) < CHUNK ? (size_t)(to - at) : CHUNK;
        ssize_t got = pread(fd, buf, want, at);
        if (got <= 0)
            break;
        parity ^= panel_quote_parity(buf, (size_t)got);
        at += got;
    }
    free(buf);
    return parity;
}

/* ---- the exact pass, for reporting ---------------------------------------- */

struct exact {
    struct cor_diags *diags;
    size_t file;
    int ncols, value_col, time_col;
};

static enum cor_status exact_row(const struct cor_csv_row *row, void *user)
{
    struct exact *x = user;
    if (row->index == 1)
        return COR_OK;
    if ((int)row->nfields != x->ncols) {
        int more = (int)row->nfields > x->ncols;
        return cor_diags_add(x->diags, COR_SEV_ERROR, COR_D_RAGGED_ROW, x->file,
                             more ? row->fields[x->ncols].line : row->end_line,
                             more ? row->fields[x->ncols].col : row->end_col,
                             "row has %zu fields, the header has %d", row->nfields, x->ncols);
    }
    const struct cor_csv_field *v = &row->fields[x->value_col];
    double d;
    if (cor_num_parse(v->text, v->len, &d, NULL) != COR_OK &&
        cor_diags_add(x->diags, COR_SEV_ERROR, COR_D_BAD_NUMBER, x->file, v->line, v->col,
                      "invalid number '%.60s' in the value column", v->text) != COR_OK)
        return COR_ENOMEM;
    if (x->time_col >= 0) {
        const struct cor_csv_field *t = &row->fields[x->time_col];
        long y;
        if (!parse_long(t->text, t->len, &y) &&
            cor_diags_add(x->diags, COR_SEV_ERROR, COR_D_BAD_PERIOD, x->file, t->line, t->col,
                          "invalid year '%.60s' in the time column (a whole number)",
                          t->text) != COR_OK)
            return COR_ENOMEM;
    }
    return COR_OK;
}

/* Line of each wanted data row (0-based indices, ascending), by reading. */
struct row_lines {
    const size_t *want;
    size_t nwant, next;
    unsigned long *line;
};

static enum cor_status lines_row(const struct cor_csv_row *row, void *user)
{
    struct row_lines *r = user;
    size_t idx = row->index - 2;   /* data rows from 0 */
    while (row->index >= 2 && r->next < r->nwant && r->want[r->next] == idx)
        r->line[r->next++] = row->line;
    return r->next == r->nwant ? COR_EINVAL : COR_OK;
}

/* ---- groups in key order -------------------------------------------------- */

/* Key fields of a group as CSV fields. */
static void put_key(struct panel_buf *o, const struct gmap *cols, const uint32_t *tuple, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        if (i)
            panel_buf_put(o, ",", 1);
        size_t n;
        const char *t = gmap_text(&cols[i], tuple[i], &n);
        panel_buf_field(o, t, n);
    }
}

/* Sorting groups by key, byte order, field by field: each column's ids are
 * ranked once by their text, then tuples compare as ranks. */
static const struct gmap *rank_col;
static const uint32_t *const *sort_rank;
static const uint32_t *sort_tuples;
static size_t sort_k;

static int text_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    size_t n, m;
    const char *tx = gmap_text(rank_col, x, &n), *ty = gmap_text(rank_col, y, &m);
    int c = memcmp(tx, ty, n < m ? n : m);
    return c ? c : (n > m) - (n < m);
}

static int key_cmp(const void *a, const void *b)
{
    const uint32_t *x = sort_tuples + *(const uint32_t *)a * sort_k;
    const uint32_t *y = sort_tuples + *(const uint32_t *)b * sort_k;
    for (size_t i = 0; i < sort_k; i++)
        if (x[i] != y[i]) {
            uint32_t rx = sort_rank[i][x[i]], ry = sort_rank[i][y[i]];
            return rx < ry ? -1 : 1;
        }
    return 0;
}

/* The group ids in key order; NULL when memory runs out. */
static uint32_t *groups_by_key(const struct part *A, size_t nkeys)
{
    size_t ng = A->groups.n;
    uint32_t *order = malloc((ng ? ng : 1) * sizeof *order);
    uint32_t *rank[COR_PANEL_MAX_KEYS] = {NULL};
    int ok = order != NULL;
    for (size_t k = 0; k < nkeys && ok; k++) {
        size_t nc = A->cols[k].n;
        uint32_t *ids = malloc((nc ? nc : 1) * sizeof *ids);
        rank[k] = malloc((nc ? nc : 1) * sizeof *rank[k]);
        ok = ids && rank[k];
        for (size_t c = 0; ok && c < nc; c++)
            ids[c] = (uint32_t)c;
        if (ok) {
            rank_col = &A->cols[k];
            qsort(ids, nc, sizeof *ids, text_cmp);
            for (size_t c = 0; c < nc; c++)
                rank[k][ids[c]] = (uint32_t)c;
        }
        free(ids);
    }
    if (ok) {
        for (size_t g = 0; g < ng; g++)
            order[g] = (uint32_t)g;
        sort_rank = (const uint32_t *const *)rank;
        sort_tuples = A->groups.tuples;
        sort_k = nkeys;
        qsort(order, ng, sizeof *order, key_cmp);
    }
    for (size_t k = 0; k < nkeys; k++)
        free(rank[k]);
    if (!ok) {
        free(order);
        return NULL;
    }
    return order;
}

/* ---- the run ---------------------------------------------------------------- */

struct run {
    const struct cor_panel_spec *sp;
    const char *path;
    size_t file;                    /* in diags */
    int fd, spooled;
    off_t size, data_start;
    size_t chunk;
    int two;                        /* two threads */
    struct part parts[2];
    size_t nparts;
    double **acc_of;                /* group id -> its accumulators (in part 0's map) */
    struct progress pr;
    struct cor_diags *diags;
    struct cor_error *err;
};

static enum cor_status oom(struct run *R)
{
    return cor_error_set(R->err, COR_ENOMEM, R->path, 0, 0, "out of memory");
}

/* fn(a), and fn(b) unless b is NULL: at once when two, b on a new thread. */
static void run2(void *(*fn)(void *), void *a, void *b, int two)
{
    pthread_t th;
    int threaded = b && two && pthread_create(&th, NULL, fn, b) == 0;
    fn(a);
    if (threaded)
        pthread_join(th, NULL);
    else if (b)
        fn(b);
}

static void merge_acc(double *a, const double *b, enum cor_panel_op op)
{
    if (op == COR_PANEL_SHARE)
        a[A_SUM] += b[A_SUM];
    else if (op == COR_PANEL_HHI) {
        a[H_N] += b[H_N];
        a[H_SUM] += b[H_SUM];
        a[H_SQ] += b[H_SQ];
    } else if (op == COR_PANEL_TREND) {
        /* the QR of both parts: B's rows of R rotated into A's R */
        qr_add(a, b[T_R11], b[T_R12], b[T_R13]);
        qr_add(a, 0, b[T_R22], b[T_R23]);
        a[T_R33] += b[T_R33];
    }
}

static int find_col(const struct header *h, const char *name)
{
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->names[i], name) == 0)
            return (int)i;
    return -1;
}

/* Opens the input; standard input is copied to a temporary file first (the
 * panel is read twice). */
static enum cor_status open_input(struct run *R, char *spool)
{
    if (strcmp(R->path, "-") == 0) {
        R->fd = mkstemp(spool);
        if (R->fd < 0)
            return cor_error_set(R->err, COR_EIO, spool, 0, 0, "cannot create: %s", strerror(errno));
        R->spooled = 1;
        char *buf = malloc(CHUNK);
        size_t got;
        if (!buf)
            return oom(R);
        while ((got = fread(buf, 1, CHUNK, stdin)) > 0)
            if (write(R->fd, buf, got) != (ssize_t)got) {
                free(buf);
                return cor_error_set(R->err, COR_EIO, spool, 0, 0, "write error");
            }
        free(buf);
        R->path = spool;
    } else if ((R->fd = open(R->path, O_RDONLY)) < 0)
        return cor_error_set(R->err, COR_EIO, R->path, 0, 0, "cannot open: %s", strerror(errno));
    struct stat sb;
    if (fstat(R->fd, &sb) != 0)
        return cor_error_set(R->err, COR_EIO, R->path, 0, 0, "cannot read: %s", strerror(errno));
    R->size = sb.st_size;
    return COR_OK;
}

/* Reads the header exactly and finds the columns of the spec; the parts get
 * their column roles. */
static enum cor_status read_header(struct run *R)
{
    const struct cor_panel_spec *sp = R->sp;
    struct header h;
    memset(&h, 0, sizeof h);
    struct cor_csv_reader *r = cor_csv_reader_new(R->path, header_row, &h);
    char *buf = malloc(65536);
    ssize_t got = buf && r ? pread(R->fd, buf, 65536, 0) : -1;
    struct cor_error e2 = {0};
    if (got > 0 && cor_csv_reader_feed(r, buf, (size_t)got, &e2) == COR_OK)
        cor_csv_reader_finish(r, &e2);
    cor_csv_reader_free(r);
    free(buf);
    if (h.n == 0) {
        cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_EMPTY_FILE, R->file, 1, 1,
                      "empty file: no header line");
        return COR_EDATA;
    }
    R->data_start = line_end(R->fd, 0, R->size, 0);
    int value_col = find_col(&h, sp->value), time_col = sp->time ? find_col(&h, sp->time) : -1;
    const char *missing = value_col < 0 ? sp->value : (sp->time && time_col < 0) ? sp->time : NULL;
    int key_col[MAX_COLS];
    for (size_t i = 0; i < MAX_COLS; i++)
        key_col[i] = -1;
    for (size_t k = 0; k < sp->nkeys && !missing; k++) {
        int c = find_col(&h, sp->keys[k]);
        if (c < 0)
            missing = sp->keys[k];
        else
            key_col[c] = (int)k;
    }
    if (!missing && sp->part && find_col(&h, sp->part) < 0)
        missing = sp->part;
    if (missing) {
        cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_MISSING_COLUMN, R->file, 1, 1,
                      "no column '%s' in the header", missing);
        return COR_EDATA;
    }
    for (size_t i = 0; i < 2; i++) {
        struct part *P = &R->parts[i];
        memcpy(P->key_col, key_col, sizeof key_col);
        P->value_col = value_col;
        P->time_col = time_col;
        P->ncols = (int)h.n;
    }
    return COR_OK;
}

/* Every problem of a file the fast reader refused, found by the exact one. */
static enum cor_status report_malformed(struct run *R)
{
    const struct part *P = &R->parts[0];
    struct exact x = {R->diags, R->file, P->ncols, P->value_col, P->time_col};
    struct cor_error e2 = {0};
    if (cor_csv_read_file(R->path, 0, exact_row, &x, &e2) == COR_EPARSE)
        cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_CSV_SYNTAX, R->file, e2.line, e2.col, "%s",
                      e2.message);
    if (R->diags->errors == 0)
        cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_CSV_SYNTAX, R->file, 1, 1,
                      "malformed CSV (a line break inside a field the fast reader cannot "
                      "follow)");
    return COR_EDATA;
}

/* Both parts (or one), read at once; a malformed file is then reported. */
static enum cor_status parse(struct run *R)
{
    off_t cut = R->size;
    if (R->two && R->size - R->data_start > 4 * (off_t)R->chunk) {
        off_t mid = R->data_start + (R->size - R->data_start) / 2;
        cut = line_end(R->fd, mid, R->size, quote_parity(R->fd, R->data_start, mid));
        R->nparts = cut < R->size ? 2 : 1;
    }
    for (size_t i = 0; i < R->nparts; i++) {
        struct part *P = &R->parts[i];
        P->spec = R->sp;
        tmap_init(&P->groups, R->sp->nkeys, payload_of(R->sp->op));
        P->fd = R->fd;
        P->chunk = R->chunk;
        P->pr = &R->pr;
        P->index = (int)i;
        P->begin = i == 0 ? R->data_start : cut;
        P->end = i == 0 ? cut : R->size;
    }
    run2(parse_part, &R->parts[0], R->nparts == 2 ? &R->parts[1] : NULL, R->two);
    for (size_t i = 0; i < R->nparts; i++) {
        if (R->parts[i].oom)
            return oom(R);
        if (R->parts[i].io_error)
            return cor_error_set(R->err, COR_EIO, R->path, 0, 0, "read error");
    }
    for (size_t i = 0; i < R->nparts; i++)
        if (R->parts[i].bad || R->parts[i].csv_error)
            return report_malformed(R);
    return COR_OK;
}

/* Part 2's key texts and groups into part 1's maps; part 2's rows take the
 * merged group ids. */
static enum cor_status merge(struct run *R)
{
    const struct cor_panel_spec *sp = R->sp;
    struct part *A = &R->parts[0], *B = &R->parts[1];
    if (R->nparts < 2)
        return COR_OK;
    uint32_t *remap = malloc((B->groups.n ? B->groups.n : 1) * sizeof *remap);
    uint32_t *colmap[COR_PANEL_MAX_KEYS] = {NULL};
    double **bacc = NULL;
    int ok = remap != NULL;
    for (size_t k = 0; k < sp->nkeys && ok; k++) {
        /* B's ids of each key column, in A's numbering */
        colmap[k] = malloc((B->cols[k].n ? B->cols[k].n : 1) * sizeof *colmap[k]);
        ok = colmap[k] != NULL;
        for (size_t c = 0; ok && c < B->cols[k].n; c++) {
            size_t n;
            const char *t = gmap_text(&B->cols[k], (uint32_t)c, &n);
            long id = gmap_get(&A->cols[k], t, n);
            ok = id >= 0;
            colmap[k][c] = (uint32_t)id;
        }
    }
    if (ok)
        ok = (bacc = tmap_payloads(&B->groups)) != NULL;
    for (size_t g = 0; ok && g < B->groups.n; g++) {
        uint32_t t[COR_PANEL_MAX_KEYS];
        for (size_t k = 0; k < sp->nkeys; k++)
            t[k] = colmap[k][B->groups.tuples[g * sp->nkeys + k]];
        long id;
        double *acc = tmap_get(&A->groups, t, hash_tuple(t, sp->nkeys), &id);
        ok = acc != NULL;
        if (ok) {
            merge_acc(acc, bacc[g], sp->op);
            remap[g] = (uint32_t)id;
        }
    }
    for (size_t r = 0; ok && r < B->nrows && B->gid; r++)
        B->gid[r] = remap[B->gid[r]];
    free(bacc);
    free(remap);
    for (size_t k = 0; k < sp->nkeys; k++)
        free(colmap[k]);
    return ok ? COR_OK : oom(R);
}

/* share: each row's value becomes its share of its group's sum. */
struct share_job {
    struct part *P;
    double **acc_of;
};

static void *share_part(void *data)
{
    struct share_job *j = data;
    struct part *P = j->P;
    for (size_t r = 0; r < P->nrows; r++) {
        double sum = j->acc_of[P->gid[r]][A_SUM];
        P->val[r] = sum != 0 ? P->val[r] / sum : NAN;   /* share = value / group sum */
    }
    return NULL;
}

/* growth: the rows of each series gathered (a counting sort by series, each
 * part scattering its own rows), sorted by year within the series, then
 * each row's value becomes its growth over the year before. */
struct rec {
    uint32_t row;          /* in the file: part 1's rows after part 0's */
    int32_t yr;
};

#define MAX_DUPS 32

struct growth_job {
    struct part *P;
    size_t row0;           /* the part's first row in the file */
    uint32_t *pos;         /* per series: where its next row goes */
    struct rec *recs;
    const uint32_t *start; /* per series: its first rec; start[ng] = all */
    size_t g0, g1;         /* the series this job finishes */
    struct part *parts;
    size_t dups;           /* rows repeating a year of their series */
    struct {
        uint32_t row[2];
        int32_t yr;
    } dup[MAX_DUPS];
};

static void *count_part(void *data)
{
    struct growth_job *j = data;
    for (size_t r = 0; r < j->P->nrows; r++)
        j->pos[j->P->gid[r]]++;
    return NULL;
}

static void *scatter_part(void *data)
{
    struct growth_job *j = data;
    const struct part *P = j->P;
    for (size_t r = 0; r < P->nrows; r++) {
        struct rec *x = &j->recs[j->pos[P->gid[r]]++];
        x->row = (uint32_t)(j->row0 + r);
        x->yr = P->yr[r];
    }
    return NULL;
}

static int rec_cmp(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->yr != y->yr)
        return x->yr < y->yr ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

static void *growth_series(void *data)
{
    struct growth_job *j = data;
    size_t n0 = j->parts[0].nrows;
    for (size_t g = j->g0; g < j->g1; g++) {
        struct rec *s = j->recs + j->start[g];
        size_t n = j->start[g + 1] - j->start[g];
        if (n > 32)
            qsort(s, n, sizeof *s, rec_cmp);
        else
            for (size_t i = 1; i < n; i++) {   /* series are short: insertion sort */
                struct rec x = s[i];
                size_t k = i;
                for (; k > 0 && rec_cmp(&s[k - 1], &x) > 0; k--)
                    s[k] = s[k - 1];
                s[k] = x;
            }
        /* in year order, each value is read, then replaced by its growth */
        double prev = NAN;
        for (size_t i = 0; i < n; i++) {
            uint32_t r = s[i].row;
            double *v = r < n0 ? &j->parts[0].val[r] : &j->parts[1].val[r - n0];
            double growth = NAN;
            if (i > 0 && s[i - 1].yr == s[i].yr) {
                if (j->dups < MAX_DUPS) {
                    j->dup[j->dups].row[0] = s[i - 1].row;
                    j->dup[j->dups].row[1] = r;
                    j->dup[j->dups].yr = s[i].yr;
                }
                j->dups++;
            } else if (i > 0 && s[i - 1].yr == s[i].yr - 1 && prev > 0)
                growth = *v / prev - 1.0;   /* v_t / v_(t-1) - 1 */
            prev = *v;
            *v = growth;
        }
    }
    return NULL;
}

/* Names both lines of each repeated year (the first MAX_DUPS). */
static enum cor_status report_dups(struct run *R, struct growth_job *jobs, size_t njobs)
{
    size_t want[2 * MAX_DUPS], nd = 0, total = 0;
    int32_t year[MAX_DUPS];
    for (size_t i = 0; i < njobs; i++) {
        for (size_t d = 0; d < jobs[i].dups && d < MAX_DUPS && nd < MAX_DUPS; d++, nd++) {
            want[2 * nd] = jobs[i].dup[d].row[0];
            want[2 * nd + 1] = jobs[i].dup[d].row[1];
            year[nd] = jobs[i].dup[d].yr;
        }
        total += jobs[i].dups;
    }
    size_t sorted[2 * MAX_DUPS];
    memcpy(sorted, want, 2 * nd * sizeof *sorted);
    for (size_t i = 1; i < 2 * nd; i++)
        for (size_t k = i; k > 0 && sorted[k - 1] > sorted[k]; k--) {
            size_t t = sorted[k];
            sorted[k] = sorted[k - 1];
            sorted[k - 1] = t;
        }
    unsigned long lines[2 * MAX_DUPS] = {0};
    struct row_lines rl = {sorted, 2 * nd, 0, lines};
    cor_csv_read_file(R->path, 0, lines_row, &rl, NULL);
    for (size_t d = 0; d < nd; d++) {
        unsigned long la = 0, lb = 0;
        for (size_t i = 0; i < 2 * nd; i++) {
            if (sorted[i] == want[2 * d])
                la = lines[i];
            if (sorted[i] == want[2 * d + 1])
                lb = lines[i];
        }
        cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_DUPLICATE, R->file, lb, 1,
                      "year %ld of this series is also on line %lu", (long)year[d], la);
    }
    if (total > nd)
        cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_DUPLICATE, R->file, 0, 0,
                      "%zu more rows repeat a year of their series", total - nd);
    return COR_EDATA;
}

static enum cor_status growth(struct run *R)
{
    struct part *A = &R->parts[0], *B = R->nparts == 2 ? &R->parts[1] : NULL;
    size_t ng = A->groups.n, n = A->nrows + (B ? B->nrows : 0);
    struct growth_job jobs[2];
    memset(jobs, 0, sizeof jobs);
    uint32_t *start = calloc(ng + 1, sizeof *start);
    struct rec *recs = malloc((n ? n : 1) * sizeof *recs);
    jobs[0].pos = calloc(ng ? ng : 1, sizeof *jobs[0].pos);
    jobs[1].pos = B ? calloc(ng ? ng : 1, sizeof *jobs[1].pos) : NULL;
    if (!start || !recs || !jobs[0].pos || (B && !jobs[1].pos)) {
        free(start);
        free(recs);
        free(jobs[0].pos);
        free(jobs[1].pos);
        return oom(R);
    }
    for (size_t i = 0; i < 2; i++) {
        jobs[i].P = &R->parts[i];
        jobs[i].row0 = i ? A->nrows : 0;
        jobs[i].recs = recs;
        jobs[i].start = start;
        jobs[i].parts = R->parts;
    }
    /* each part's rows of each series, then where they go: a series' rows of
     * part 0 before its rows of part 1 (input order within a year) */
    run2(count_part, &jobs[0], B ? &jobs[1] : NULL, R->two);
    for (size_t g = 0; g < ng; g++) {
        uint32_t c0 = jobs[0].pos[g], c1 = B ? jobs[1].pos[g] : 0;
        start[g + 1] = start[g] + c0 + c1;
        jobs[0].pos[g] = start[g];
        if (B)
            jobs[1].pos[g] = start[g] + c0;
    }
    run2(scatter_part, &jobs[0], B ? &jobs[1] : NULL, R->two);
    free(jobs[0].pos);
    free(jobs[1].pos);
    for (size_t i = 0; i < R->nparts; i++) {   /* the recs hold what is left to know */
        free(R->parts[i].gid);
        free(R->parts[i].yr);
        R->parts[i].gid = NULL;
        R->parts[i].yr = NULL;
    }
    /* the series in two halves of about as many rows */
    size_t half = 0;
    while (half < ng && start[half] < n / 2)
        half++;
    jobs[0].g0 = 0;
    jobs[0].g1 = R->two ? half : ng;
    jobs[1].g0 = jobs[0].g1;
    jobs[1].g1 = ng;
    run2(growth_series, &jobs[0], &jobs[1], R->two);
    free(recs);
    free(start);
    if (jobs[0].dups || jobs[1].dups)
        return report_dups(R, jobs, 2);
    return COR_OK;
}

/* share, growth: the header and every record as it was, with the new column;
 * the records are copied in ranges cut at the parse's checkpoints. */
static enum cor_status copy_out(struct run *R, FILE *out)
{
    const struct cor_panel_spec *sp = R->sp;
    size_t hl = (size_t)R->data_start, skip = 0;
    char *hb = malloc(hl + 1);
    if (!hb || pread(R->fd, hb, hl, 0) != (ssize_t)hl) {
        free(hb);
        return cor_error_set(R->err, COR_EIO, R->path, 0, 0, "read error");
    }
    while (hl && (hb[hl - 1] == '\n' || hb[hl - 1] == '\r'))
        hl--;
    if (hl >= 3 && memcmp(hb, "\xEF\xBB\xBF", 3) == 0)
        skip = 3;   /* no byte-order mark in the output */
    fwrite(hb + skip, 1, hl - skip, out);
    fputs(sp->op == COR_PANEL_SHARE ? ",share\n" : ",growth\n", out);
    free(hb);

    size_t ncp = R->parts[0].ncp + R->parts[1].ncp, nr = 0;
    struct panel_range *ranges = malloc((ncp ? ncp : 1) * sizeof *ranges);
    if (!ranges)
        return oom(R);
    for (size_t i = 0; i < R->nparts; i++) {
        const struct part *P = &R->parts[i];
        for (size_t c = 0; c + 1 < P->ncp;) {   /* ranges of at least 4 reads */
            size_t e = c + 1;
            while (e + 1 < P->ncp && P->cp[e].off - P->cp[c].off < 4 * (off_t)R->chunk)
                e++;
            if (P->cp[e].off > P->cp[c].off) {
                ranges[nr].from = P->cp[c].off;
                ranges[nr].to = P->cp[e].off;
                ranges[nr].x = P->val ? P->val + P->cp[c].row : NULL;
                ranges[nr].nrows = P->cp[e].row - P->cp[c].row;
                nr++;
            }
            c = e;
        }
    }
    size_t bad = 0;
    enum cor_status st = panel_copy(R->fd, ranges, nr, R->two ? 2 : 1, R->chunk, out, &bad);
    if (st == COR_EDATA)
        cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_CSV_SYNTAX, R->file, 0, 0,
                      "the rows in bytes %lld-%lld could not be copied back (%zu expected): "
                      "a line ending other than LF or CRLF?",
                      (long long)ranges[bad].from, (long long)ranges[bad].to, ranges[bad].nrows);
    else if (st == COR_EIO)
        cor_error_set(R->err, st, R->path, 0, 0, "read error");
    else if (st != COR_OK)
        oom(R);
    free(ranges);
    return st;
}

/* trend, hhi: one row per group, by key. */
static enum cor_status groups_out(struct run *R, FILE *out)
{
    const struct cor_panel_spec *sp = R->sp;
    const struct part *A = &R->parts[0];
    uint32_t *order = groups_by_key(A, sp->nkeys);
    struct panel_buf ob;
    if (!order || !panel_buf_init(&ob, out, CHUNK)) {
        free(order);
        return oom(R);
    }
    for (size_t k = 0; k < sp->nkeys; k++) {
        if (k)
            panel_buf_put(&ob, ",", 1);
        panel_buf_field(&ob, sp->keys[k], strlen(sp->keys[k]));
    }
    if (sp->op == COR_PANEL_HHI)
        panel_buf_put(&ob, ",n,hhi\n", 7);
    else
        panel_buf_put(&ob, ",n,rate,se,lo,hi\n", 17);
    double tq[64] = {0};
    size_t ng = A->groups.n;
    for (size_t i = 0; i < ng; i++) {
        /* groups in key order are at random places: fetch a few ahead */
        if (i + 16 < ng)
            PREFETCH(&R->acc_of[order[i + 16]]);
        if (i + 8 < ng) {
            PREFETCH(R->acc_of[order[i + 8]]);
            PREFETCH(A->groups.tuples + (size_t)order[i + 8] * sp->nkeys);
        }
        const double *a = R->acc_of[order[i]];
        put_key(&ob, A->cols, A->groups.tuples + (size_t)order[i] * sp->nkeys, sp->nkeys);
        double n = sp->op == COR_PANEL_HHI ? a[H_N] : round(a[T_R11] * a[T_R11]);
        panel_buf_put(&ob, ",", 1);
        panel_buf_count(&ob, (unsigned long long)n);
        panel_buf_put(&ob, ",", 1);
        if (sp->op == COR_PANEL_HHI) {
            /* HHI = sum v^2 / (sum v)^2 = sum of squared shares */
            if (a[H_SUM] != 0)
                panel_buf_num(&ob, a[H_SQ] / (a[H_SUM] * a[H_SUM]));
        } else if (n >= 3 && a[T_R22] > 0) {
            /* OLS of ln v on year from R: b = r23 / r22, RSS = r33^2,
             * se = sqrt(RSS / (n - 2)) / r22; rate = e^b - 1 (World Bank) */
            double bslope = a[T_R23] / a[T_R22];
            double se = sqrt(a[T_R33] / (n - 2)) / a[T_R22];
            size_t df = (size_t)n - 2;
            double t = df < 64 && tq[df] != 0 ? tq[df] : gsl_cdf_tdist_Pinv(0.975, (double)df);
            if (df < 64)
                tq[df] = t;
            panel_buf_num(&ob, expm1(bslope));
            panel_buf_put(&ob, ",", 1);
            panel_buf_num(&ob, se);
            panel_buf_put(&ob, ",", 1);
            panel_buf_num(&ob, expm1(bslope - t * se));
            panel_buf_put(&ob, ",", 1);
            panel_buf_num(&ob, expm1(bslope + t * se));
        } else
            panel_buf_put(&ob, ",,,", 3);
        panel_buf_put(&ob, "\n", 1);
    }
    panel_buf_flush(&ob);
    panel_buf_free(&ob);
    free(order);
    return COR_OK;
}

enum cor_status cor_panel_run(const struct cor_panel_spec *sp, const char *path, FILE *out,
                              struct cor_diags *diags, struct cor_error *err)
{
    struct run R;
    memset(&R, 0, sizeof R);
    R.sp = sp;
    R.path = path;
    R.fd = -1;
    R.nparts = 1;
    R.chunk = sp->chunk ? sp->chunk : CHUNK;
    R.two = sp->threads != 1;
    R.diags = diags;
    R.err = err;
    R.file = cor_diags_file(diags, strcmp(path, "-") == 0 ? "<stdin>" : path);
    if (R.file == (size_t)-1)
        return oom(&R);
    char spool[] = "/tmp/corridor-panel-XXXXXX";
    double t0 = now(), t_parsed = t0;
    R.pr.on = sp->progress;
    R.pr.t0 = t0;
    enum cor_status st = open_input(&R, spool);
    R.pr.total = R.size ? R.size : 1;
    if (st == COR_OK)
        st = read_header(&R);
    if (st == COR_OK)
        st = parse(&R);
    t_parsed = now();
    if (R.pr.shown != 0)
        fprintf(stderr, "\rcorridor: read %.0f MB in %.1f s; %s...", (double)R.size / 1e6,
                t_parsed - t0, st == COR_OK ? "computing and writing" : "reporting");
    if (st == COR_OK)
        st = merge(&R);
    if (st == COR_OK && !(R.acc_of = tmap_payloads(&R.parts[0].groups)))
        st = oom(&R);
    if (st == COR_OK && sp->op == COR_PANEL_SHARE) {
        struct share_job j[2] = {{&R.parts[0], R.acc_of}, {&R.parts[1], R.acc_of}};
        run2(share_part, &j[0], R.nparts == 2 ? &j[1] : NULL, R.two);
    } else if (st == COR_OK && sp->op == COR_PANEL_GROWTH)
        st = growth(&R);
    double t_computed = now();
    if (st == COR_OK)
        st = sp->op == COR_PANEL_SHARE || sp->op == COR_PANEL_GROWTH ? copy_out(&R, out)
                                                                     : groups_out(&R, out);
    if (st == COR_OK && (fflush(out) != 0 || ferror(out)))
        st = cor_error_set(err, COR_EIO, NULL, 0, 0, "write error");
    if (R.pr.shown != 0)
        fprintf(stderr, "\rcorridor: %s in %.1f s%30s\n", st == COR_OK ? "done" : "stopped",
                now() - t0, "");
    if (getenv("CORRIDOR_PANEL_TIMING"))
        fprintf(stderr, "corridor: read %.3f s (%zu parts), compute %.3f s, write %.3f s\n",
                t_parsed - t0, R.nparts, t_computed - t_parsed, now() - t_computed);
    free(R.acc_of);
    for (size_t i = 0; i < 2; i++) {
        struct part *P = &R.parts[i];
        tmap_free(&P->groups);
        for (size_t k = 0; k < COR_PANEL_MAX_KEYS; k++)
            gmap_free(&P->cols[k]);
        free(P->gid);
        free(P->val);
        free(P->yr);
        free(P->cp);
    }
    if (R.fd >= 0)
        close(R.fd);
    if (R.spooled)
        unlink(spool);
    return st;
}
