/* Large panels: a two-part parallel libcsv parse into compact per-row arrays
 * and per-group accumulators, then one workload. See panel.h. */
#define _POSIX_C_SOURCE 200809L

#include "corridor/panel.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_cdf.h>

#include "corridor/csvread.h"
#include "corridor/num.h"

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

/* Groups: a key (its fields, each as a 2-byte length and the bytes) -> id. */
struct gmap {
    uint32_t *slots;      /* id + 1; 0 = empty */
    size_t nslots;
    uint64_t *hash;       /* per id */
    uint64_t *off;        /* per id: offset of the key in text */
    uint32_t *len;
    size_t n, cap;
    char *text;
    size_t text_len, text_cap;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

static void gmap_free(struct gmap *m)
{
    free(m->slots);
    free(m->hash);
    free(m->off);
    free(m->len);
    free(m->text);
}

static int gmap_rehash(struct gmap *m)
{
    size_t ns = m->nslots ? m->nslots * 2 : 4096;
    uint32_t *s = calloc(ns, sizeof *s);
    if (!s)
        return 0;
    for (size_t id = 0; id < m->n; id++) {
        size_t i = (size_t)m->hash[id] & (ns - 1);
        while (s[i])
            i = (i + 1) & (ns - 1);
        s[i] = (uint32_t)id + 1;
    }
    free(m->slots);
    m->slots = s;
    m->nslots = ns;
    return 1;
}

/* The id of key (n bytes), added if new (*added = 1); -1 when memory runs out. */
static long gmap_get(struct gmap *m, const char *key, size_t n, int *added)
{
    *added = 0;
    if ((m->n + 1) * 2 > m->nslots && !gmap_rehash(m))
        return -1;
    uint64_t h = hash_bytes(key, n);
    size_t i = (size_t)h & (m->nslots - 1);
    for (;;) {
        uint32_t s = m->slots[i];
        if (!s)
            break;
        uint32_t id = s - 1;
        if (m->hash[id] == h && m->len[id] == n && memcmp(m->text + m->off[id], key, n) == 0)
            return id;
        i = (i + 1) & (m->nslots - 1);
    }
    if (!grow((void **)&m->hash, &m->cap, m->n + 1, sizeof *m->hash))
        return -1;
    size_t cap2 = m->cap;   /* the three per-id arrays grow together */
    uint64_t *off = realloc(m->off, cap2 * sizeof *off);
    uint32_t *len = off ? realloc(m->len, cap2 * sizeof *len) : NULL;
    if (!off || !len) {
        if (off)
            m->off = off;
        return -1;
    }
    m->off = off;
    m->len = len;
    if (!grow((void **)&m->text, &m->text_cap, m->text_len + n, 1))
        return -1;
    memcpy(m->text + m->text_len, key, n);
    m->hash[m->n] = h;
    m->off[m->n] = m->text_len;
    m->len[m->n] = (uint32_t)n;
    m->text_len += n;
    m->slots[i] = (uint32_t)m->n + 1;
    *added = 1;
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
    unsigned char *s = calloc(ns, m->stride);
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

/* The accumulators of tuple t's group (zeroed when new); its id in *gid.
 * NULL when memory runs out. */
static double *tmap_get(struct tmap *m, const uint32_t *t, long *gid)
{
    if ((m->n + 1) * 2 > m->nslots && !tmap_rehash(m))
        return NULL;
    size_t i = (size_t)hash_tuple(t, m->k) & (m->nslots - 1);
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
    return (double *)(void *)slot;   /* calloc'd: the accumulators start at 0 */
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

struct part {
    const struct cor_panel_spec *spec;
    int fd;
    off_t begin, end;
    int key_col[MAX_COLS];          /* column -> key index, or -1 */
    int value_col, time_col, ncols;
    struct csv_parser p;
    /* the row being read */
    size_t field;
    uint32_t tuple[COR_PANEL_MAX_KEYS];
    double value;
    long year;
    int row_bad;
    /* results */
    struct gmap cols[COR_PANEL_MAX_KEYS];   /* per key column: text -> id */
    struct tmap groups;                     /* tuple of ids -> group and its accumulators */
    uint32_t *gid;                  /* share, growth: per row */
    double *val;
    int32_t *yr;
    size_t nrows, cap_g, cap_v, cap_y;
    size_t bad;                     /* malformed rows */
    int csv_error, oom, io_error;
    /* progress */
    volatile size_t done;
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
        int added;
        long id = gmap_get(&P->cols[k], t, len, &added);
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

static void on_record(int term, void *data)
{
    struct part *P = data;
    (void)term;
    const struct cor_panel_spec *sp = P->spec;
    if ((int)P->field != P->ncols || P->row_bad) {
        P->bad++;
        P->field = 0;
        P->row_bad = 0;
        return;
    }
    P->field = 0;
    long g;
    double *acc = tmap_get(&P->groups, P->tuple, &g);
    if (!acc) {
        P->oom = 1;
        return;
    }
    double v = P->value;
    switch (sp->op) {
    case COR_PANEL_SHARE:
    case COR_PANEL_GROWTH:
        if (!grow((void **)&P->gid, &P->cap_g, P->nrows + 1, sizeof *P->gid) ||
            !grow((void **)&P->val, &P->cap_v, P->nrows + 1, sizeof *P->val) ||
            (sp->op == COR_PANEL_GROWTH &&
             !grow((void **)&P->yr, &P->cap_y, P->nrows + 1, sizeof *P->yr))) {
            P->oom = 1;
            return;
        }
        P->gid[P->nrows] = (uint32_t)g;
        P->val[P->nrows] = v;
        if (sp->op == COR_PANEL_GROWTH)
            P->yr[P->nrows] = (int32_t)P->year;
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
            qr_add(acc, 1.0, (double)P->year - 2000.0, log(v));
        break;
    }
    P->nrows++;
}

static void *parse_part(void *data)
{
    struct part *P = data;
    char *buf = malloc(CHUNK);
    if (!buf || csv_init(&P->p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        P->oom = 1;
        free(buf);
        return NULL;
    }
    off_t at = P->begin;
    while (at < P->end && !P->oom) {
        size_t want = (size_t)(P->end - at) < CHUNK ? (size_t)(P->end - at) : CHUNK;
        ssize_t got = pread(P->fd, buf, want, at);
        if (got <= 0) {
            P->io_error = 1;
            break;
        }
        if (csv_parse(&P->p, buf, (size_t)got, on_field, on_record, P) != (size_t)got) {
            P->csv_error = 1;
            break;
        }
        at += got;
        P->done = (size_t)(at - P->begin);
    }
    if (!P->csv_error && !P->io_error && csv_fini(&P->p, on_field, on_record, P) != 0)
        P->csv_error = 1;
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
 * `from` (quote parity counted from `parity`); file size if none. Adds the
 * line breaks passed to *lines. */
static off_t line_end(int fd, off_t from, off_t size, int *parity, size_t *lines)
{
    char *buf = malloc(CHUNK);
    off_t at = from, found = size;
    while (buf && at < size && found == size) {
        ssize_t got = pread(fd, buf, CHUNK, at);
        if (got <= 0)
            break;
        for (ssize_t i = 0; i < got; i++) {
            if (buf[i] == '"')
                *parity ^= 1;
            else if (buf[i] == '\n') {
                if (lines)
                    (*lines)++;
                if (!*parity) {
                    found = at + i + 1;
                    break;
                }
            }
        }
        at += got;
    }
    free(buf);
    return found;
}

/* Quote parity and line breaks of [from, to). */
static void scan_range(int fd, off_t from, off_t to, int *parity, size_t *lines)
{
    char *buf = malloc(CHUNK);
    for (off_t at = from; buf && at < to;) {
        size_t want = (size_t)(to - at) < CHUNK ? (size_t)(to - at) : CHUNK;
        ssize_t got = pread(fd, buf, want, at);
        if (got <= 0)
            break;
        for (const char *p = buf, *e = buf + got; (p = memchr(p, '"', (size_t)(e - p))); p++)
            *parity ^= 1;
        for (const char *p = buf, *e = buf + got; (p = memchr(p, '\n', (size_t)(e - p))); p++)
            (*lines)++;
        at += got;
    }
    free(buf);
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

/* ---- output ---------------------------------------------------------------- */

struct outbuf {
    FILE *f;
    char *b;
    size_t n;
};

static void ob_flush(struct outbuf *o)
{
    if (o->n)
        fwrite(o->b, 1, o->n, o->f);
    o->n = 0;
}

static void ob_put(struct outbuf *o, const char *s, size_t n)
{
    if (o->n + n > CHUNK) {
        ob_flush(o);
        if (n > CHUNK) {
            fwrite(s, 1, n, o->f);
            return;
        }
    }
    memcpy(o->b + o->n, s, n);
    o->n += n;
}

static void ob_num(struct outbuf *o, double v)
{
    char b[40];
    int n = isnan(v) ? 0 : cor_num_format_g17(v, b);
    ob_put(o, b, (size_t)n);
}

/* A CSV field, quoted when it must be. */
static void ob_field(struct outbuf *o, const char *s, size_t n)
{
    int q = 0;
    for (size_t i = 0; i < n && !q; i++)
        q = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!q) {
        ob_put(o, s, n);
        return;
    }
    ob_put(o, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            ob_put(o, "\"", 1);
        ob_put(o, s + i, 1);
    }
    ob_put(o, "\"", 1);
}

/* Copies every data record of the file with ",X" appended, X from extra(row). */
static enum cor_status copy_rows(int fd, off_t from, off_t size, const double *extra,
                                 size_t nrows, struct outbuf *o, size_t *copied)
{
    char *buf = malloc(2 * (size_t)CHUNK);
    size_t have = 0, row = 0;
    off_t at = from;
    int parity = 0;
    if (!buf)
        return COR_ENOMEM;
    for (;;) {
        ssize_t got = at < size ? pread(fd, buf + have, 2 * (size_t)CHUNK - have, at) : 0;
        if (got < 0) {
            free(buf);
            return COR_EIO;
        }
        at += got;
        size_t len = have + (size_t)got, start = 0, scan = 0;
        int eof = got == 0;
        for (;;) {
            char *nl = memchr(buf + scan, '\n', len - scan);
            size_t end = nl ? (size_t)(nl - buf) : len;
            if (!nl && !eof)
                break;               /* the record continues in the next read */
            /* quotes of this segment, counted once: parity tells if the break is inside quotes */
            for (const char *p = buf + scan, *e = buf + end; (p = memchr(p, '"', (size_t)(e - p))); p++)
                parity ^= 1;
            if (nl && parity) {      /* a line break inside quotes */
                scan = end + 1;
                continue;
            }
            size_t rec_end = end;
            if (rec_end > start && buf[rec_end - 1] == '\r')
                rec_end--;
            if (rec_end > start) {   /* blank lines are not records */
                ob_put(o, buf + start, rec_end - start);
                ob_put(o, ",", 1);
                if (row < nrows)
                    ob_num(o, extra[row]);
                ob_put(o, "\n", 1);
                row++;
            }
            start = scan = nl ? end + 1 : len;
            if (!nl)
                break;
        }
        if (eof)
            break;
        memmove(buf, buf + start, len - start);
        have = len - start;
        /* the quotes of the kept part were counted in full segments only: recount from start */
        parity = 0;
        if (have == 2 * (size_t)CHUNK) {   /* one record longer than the buffer */
            free(buf);
            return COR_EDATA;
        }
    }
    free(buf);
    *copied = row;
    return COR_OK;
}

/* Key fields of a group as CSV fields. */
static void ob_key(struct outbuf *o, const struct gmap *cols, const uint32_t *tuple, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        if (i)
            ob_put(o, ",", 1);
        ob_field(o, cols[i].text + cols[i].off[tuple[i]], cols[i].len[tuple[i]]);
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
    size_t n = rank_col->len[x], m = rank_col->len[y];
    int c = memcmp(rank_col->text + rank_col->off[x], rank_col->text + rank_col->off[y],
                   n < m ? n : m);
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

/* ---- the run ---------------------------------------------------------------- */

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

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int find_col(const struct header *h, const char *name)
{
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->names[i], name) == 0)
            return (int)i;
    return -1;
}

enum cor_status cor_panel_run(const struct cor_panel_spec *sp, const char *path, FILE *out,
                              struct cor_diags *diags, struct cor_error *err)
{
    enum cor_status st = COR_OK;
    char spool[] = "/tmp/corridor-panel-XXXXXX";
    int spooled = 0, fd = -1;
    struct part parts[2];
    memset(parts, 0, sizeof parts);
    size_t nparts = 1;
    struct outbuf ob = {out, malloc(CHUNK), 0};
    double *extra = NULL;
    uint32_t *order = NULL;
    double **acc_of = NULL;
    size_t file = cor_diags_file(diags, strcmp(path, "-") == 0 ? "<stdin>" : path);
    if (!ob.b || file == (size_t)-1)
        return cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");

    if (strcmp(path, "-") == 0) {   /* standard input is read twice: keep a copy */
        fd = mkstemp(spool);
        if (fd < 0) {
            st = cor_error_set(err, COR_EIO, spool, 0, 0, "cannot create: %s", strerror(errno));
            goto out;
        }
        spooled = 1;
        char *buf = malloc(CHUNK);
        size_t got;
        while (buf && (got = fread(buf, 1, CHUNK, stdin)) > 0)
            if (write(fd, buf, got) != (ssize_t)got) {
                st = cor_error_set(err, COR_EIO, spool, 0, 0, "write error");
                break;
            }
        free(buf);
        if (st != COR_OK)
            goto out;
        path = spool;
    } else if ((fd = open(path, O_RDONLY)) < 0) {
        st = cor_error_set(err, COR_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
        goto out;
    }
    struct stat sb;
    fstat(fd, &sb);
    off_t size = sb.st_size;

    /* the header: read exactly, then locate its end */
    struct header h;
    memset(&h, 0, sizeof h);
    {
        struct cor_csv_reader *r = cor_csv_reader_new(path, header_row, &h);
        char *buf = malloc(65536);
        ssize_t got = buf && r ? pread(fd, buf, 65536, 0) : -1;
        struct cor_error e2 = {0};
        if (got > 0) {
            if (cor_csv_reader_feed(r, buf, (size_t)got, &e2) == COR_OK)
                cor_csv_reader_finish(r, &e2);
        }
        cor_csv_reader_free(r);
        free(buf);
    }
    if (h.n == 0) {
        cor_diags_add(diags, COR_SEV_ERROR, COR_D_EMPTY_FILE, file, 1, 1, "empty file: no header line");
        st = COR_EDATA;
        goto out;
    }
    int parity = 0;
    size_t header_lines = 0;
    off_t data_start = line_end(fd, 0, size, &parity, &header_lines);
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
        cor_diags_add(diags, COR_SEV_ERROR, COR_D_MISSING_COLUMN, file, 1, 1,
                      "no column '%s' in the header", missing);
        st = COR_EDATA;
        goto out;
    }

    /* two parts, cut at a line break outside quotes */
    off_t cut = size;
    if ((sp->threads == 0 || sp->threads > 1) && size - data_start > 4 * (off_t)CHUNK) {
        int par = 0;
        size_t lines = 0;
        off_t mid = data_start + (size - data_start) / 2;
        scan_range(fd, data_start, mid, &par, &lines);
        cut = line_end(fd, mid, size, &par, NULL);
        if (cut < size)
            nparts = 2;
    }
    for (size_t i = 0; i < nparts; i++) {
        struct part *P = &parts[i];
        P->spec = sp;
        tmap_init(&P->groups, sp->nkeys, payload_of(sp->op));
        P->fd = fd;
        P->begin = i == 0 ? data_start : cut;
        P->end = i == 0 ? cut : size;
        memcpy(P->key_col, key_col, sizeof key_col);
        P->value_col = value_col;
        P->time_col = time_col;
        P->ncols = (int)h.n;
    }
    pthread_t th;
    int threaded = nparts == 2 && pthread_create(&th, NULL, parse_part, &parts[1]) == 0;
    if (nparts == 2 && !threaded)
        parse_part(&parts[1]);
    double t0 = now();
    parse_part(&parts[0]);
    if (threaded)
        pthread_join(th, NULL);
    double t_parsed = now();
    if (sp->progress && now() - t0 > 1.0)
        fprintf(stderr, "\rcorridor: read %.0f MB in %.1f s\n", (double)size / 1e6, now() - t0);
    for (size_t i = 0; i < nparts; i++) {
        if (parts[i].oom) {
            st = cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
            goto out;
        }
        if (parts[i].io_error) {
            st = cor_error_set(err, COR_EIO, path, 0, 0, "read error");
            goto out;
        }
    }
    if (parts[0].bad || parts[0].csv_error || (nparts == 2 && (parts[1].bad || parts[1].csv_error))) {
        /* the exact reader finds and places every problem */
        struct exact x = {diags, file, (int)h.n, value_col, time_col};
        struct cor_error e2 = {0};
        enum cor_status rs = cor_csv_read_file(path, 0, exact_row, &x, &e2);
        if (rs == COR_EPARSE)
            cor_diags_add(diags, COR_SEV_ERROR, COR_D_CSV_SYNTAX, file, e2.line, e2.col, "%s",
                          e2.message);
        if (diags->errors == 0)
            cor_diags_add(diags, COR_SEV_ERROR, COR_D_CSV_SYNTAX, file, 1, 1,
                          "malformed CSV (a line break inside a field the fast reader cannot "
                          "follow)");
        st = COR_EDATA;
        goto out;
    }

    /* merge part 2 into part 1 */
    struct part *A = &parts[0];
    if (nparts == 2) {
        struct part *B = &parts[1];
        uint32_t *remap = malloc((B->groups.n ? B->groups.n : 1) * sizeof *remap);
        uint32_t *colmap[COR_PANEL_MAX_KEYS] = {NULL};
        int ok = remap != NULL;
        for (size_t k = 0; k < sp->nkeys && ok; k++) {
            /* B's ids of each key column, in A's numbering */
            colmap[k] = malloc((B->cols[k].n ? B->cols[k].n : 1) * sizeof *colmap[k]);
            ok = colmap[k] != NULL;
            for (size_t c = 0; ok && c < B->cols[k].n; c++) {
                int added;
                long id = gmap_get(&A->cols[k], B->cols[k].text + B->cols[k].off[c],
                                   B->cols[k].len[c], &added);
                ok = id >= 0;
                colmap[k][c] = (uint32_t)id;
            }
        }
        if (!ok) {
            free(remap);
            for (size_t k = 0; k < sp->nkeys; k++)
                free(colmap[k]);
            st = cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
            goto out;
        }
        double **bacc = tmap_payloads(&B->groups);
        int merged = bacc != NULL;
        for (size_t g = 0; merged && g < B->groups.n; g++) {
            uint32_t t[COR_PANEL_MAX_KEYS];
            for (size_t k = 0; k < sp->nkeys; k++)
                t[k] = colmap[k][B->groups.tuples[g * sp->nkeys + k]];
            long id;
            double *acc = tmap_get(&A->groups, t, &id);
            merged = acc != NULL;
            if (merged) {
                merge_acc(acc, bacc[g], sp->op);
                remap[g] = (uint32_t)id;
            }
        }
        free(bacc);
        if (!merged) {
            free(remap);
            for (size_t k = 0; k < sp->nkeys; k++)
                free(colmap[k]);
            st = cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
            goto out;
        }
        for (size_t r = 0; r < B->nrows && B->gid; r++)
            B->gid[r] = remap[B->gid[r]];
        free(remap);
        for (size_t k = 0; k < sp->nkeys; k++)
            free(colmap[k]);
    }
    size_t nrows = A->nrows + (nparts == 2 ? parts[1].nrows : 0);
    acc_of = tmap_payloads(&A->groups);
    if (!acc_of) {
        st = cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }

    if (sp->op == COR_PANEL_SHARE || sp->op == COR_PANEL_GROWTH) {
        extra = malloc((nrows ? nrows : 1) * sizeof *extra);
        if (!extra) {
            st = cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
            goto out;
        }
    }
    /* the values of all rows, in order, whichever part read them */
#define ROW_GID(r) ((r) < A->nrows ? A->gid[r] : parts[1].gid[(r) - A->nrows])
#define ROW_VAL(r) ((r) < A->nrows ? A->val[r] : parts[1].val[(r) - A->nrows])
#define ROW_YR(r) ((r) < A->nrows ? A->yr[r] : parts[1].yr[(r) - A->nrows])
    if (sp->op == COR_PANEL_SHARE) {
        for (size_t r = 0; r < nrows; r++) {
            double sum = acc_of[ROW_GID(r)][A_SUM];
            extra[r] = sum != 0 ? ROW_VAL(r) / sum : NAN;   /* share = value / group sum */
        }
    } else if (sp->op == COR_PANEL_GROWTH) {
        /* rows by series (counting sort), then by year within a series */
        size_t ng = A->groups.n;
        uint32_t *start = calloc(ng + 1, sizeof *start);
        order = malloc((nrows ? nrows : 1) * sizeof *order);
        if (!start || !order) {
            free(start);
            st = cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
            goto out;
        }
        for (size_t r = 0; r < nrows; r++)
            start[ROW_GID(r) + 1]++;
        for (size_t g = 0; g < ng; g++)
            start[g + 1] += start[g];
        for (size_t r = 0; r < nrows; r++)
            order[start[ROW_GID(r)]++] = (uint32_t)r;
        size_t dups = 0;
        size_t want[64];
        for (size_t g = 0, b = 0; g < ng; g++) {
            size_t e = start[g];   /* after the fill, start[g] is the end of group g */
            for (size_t i = b + 1; i < e; i++) {   /* insertion sort by year: series are short */
                uint32_t x = order[i];
                size_t j = i;
                while (j > b && ROW_YR(order[j - 1]) > ROW_YR(x)) {
                    order[j] = order[j - 1];
                    j--;
                }
                order[j] = x;
            }
            for (size_t i = b; i < e; i++) {
                uint32_t r = order[i];
                extra[r] = NAN;
                if (i > b && ROW_YR(order[i - 1]) == ROW_YR(r)) {
                    if (dups < 32) {
                        want[2 * dups] = order[i - 1] < r ? order[i - 1] : r;
                        want[2 * dups + 1] = order[i - 1] < r ? r : order[i - 1];
                    }
                    dups++;
                } else if (i > b && ROW_YR(order[i - 1]) == ROW_YR(r) - 1 &&
                           ROW_VAL(order[i - 1]) > 0)
                    extra[r] = ROW_VAL(r) / ROW_VAL(order[i - 1]) - 1.0;   /* v_t / v_(t-1) - 1 */
            }
            b = e;
        }
        free(start);
        if (dups) {
            /* name both lines of each duplicate (the first 32) */
            size_t nd = dups < 32 ? dups : 32;
            size_t sorted[64];
            memcpy(sorted, want, 2 * nd * sizeof *sorted);
            for (size_t i = 1; i < 2 * nd; i++)
                for (size_t j = i; j > 0 && sorted[j - 1] > sorted[j]; j--) {
                    size_t t = sorted[j];
                    sorted[j] = sorted[j - 1];
                    sorted[j - 1] = t;
                }
            unsigned long lines[64];
            struct row_lines rl = {sorted, 2 * nd, 0, lines};
            cor_csv_read_file(path, 0, lines_row, &rl, NULL);
            for (size_t d = 0; d < nd; d++) {
                unsigned long la = 0, lb = 0;
                for (size_t i = 0; i < 2 * nd; i++) {
                    if (sorted[i] == want[2 * d])
                        la = lines[i];
                    if (sorted[i] == want[2 * d + 1])
                        lb = lines[i];
                }
                cor_diags_add(diags, COR_SEV_ERROR, COR_D_DUPLICATE, file, lb, 1,
                              "year %ld of this series is also on line %lu",
                              (long)ROW_YR(want[2 * d + 1]), la);
            }
            if (dups > nd)
                cor_diags_add(diags, COR_SEV_ERROR, COR_D_DUPLICATE, file, 0, 0,
                              "%zu more rows repeat a year of their series", dups - nd);
            st = COR_EDATA;
            goto out;
        }
    }

    if (sp->op == COR_PANEL_SHARE || sp->op == COR_PANEL_GROWTH) {
        /* the header as it was (without its line break) + the new column */
        char *hb = malloc((size_t)data_start + 1);
        if (!hb || pread(fd, hb, (size_t)data_start, 0) != (ssize_t)data_start) {
            free(hb);
            st = cor_error_set(err, COR_EIO, path, 0, 0, "read error");
            goto out;
        }
        size_t hl = (size_t)data_start, skip = 0;
        while (hl && (hb[hl - 1] == '\n' || hb[hl - 1] == '\r'))
            hl--;
        if (hl >= 3 && memcmp(hb, "\xEF\xBB\xBF", 3) == 0)
            skip = 3;   /* no byte-order mark in the output */
        ob_put(&ob, hb + skip, hl - skip);
        ob_put(&ob, sp->op == COR_PANEL_SHARE ? ",share\n" : ",growth\n",
               sp->op == COR_PANEL_SHARE ? 7 : 8);
        free(hb);
        size_t copied = 0;
        st = copy_rows(fd, data_start, size, extra, nrows, &ob, &copied);
        if (st == COR_OK && copied != nrows)
            st = COR_EDATA;
        if (st != COR_OK) {
            if (st == COR_EDATA)
                cor_diags_add(diags, COR_SEV_ERROR, COR_D_CSV_SYNTAX, file, 0, 0,
                              "the rows could not be copied back (%zu read, %zu copied): a "
                              "line ending other than LF or CRLF?",
                              nrows, copied);
            else
                cor_error_set(err, st, path, 0, 0, "read error");
            goto out;
        }
    } else {
        /* one row per group, by key */
        size_t ng = A->groups.n;
        order = malloc((ng ? ng : 1) * sizeof *order);
        if (!order) {
            st = cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
            goto out;
        }
        for (size_t g = 0; g < ng; g++)
            order[g] = (uint32_t)g;
        uint32_t *rank[COR_PANEL_MAX_KEYS] = {NULL};
        int ok = 1;
        for (size_t k = 0; k < sp->nkeys && ok; k++) {
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
            sort_rank = (const uint32_t *const *)rank;
            sort_tuples = A->groups.tuples;
            sort_k = sp->nkeys;
            qsort(order, ng, sizeof *order, key_cmp);
        }
        for (size_t k = 0; k < sp->nkeys; k++)
            free(rank[k]);
        if (!ok) {
            st = cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
            goto out;
        }
        for (size_t k = 0; k < sp->nkeys; k++) {
            if (k)
                ob_put(&ob, ",", 1);
            ob_field(&ob, sp->keys[k], strlen(sp->keys[k]));
        }
        if (sp->op == COR_PANEL_HHI)
            ob_put(&ob, ",n,hhi\n", 7);
        else
            ob_put(&ob, ",n,rate,se,lo,hi\n", 17);
        double tq[64] = {0};
        for (size_t i = 0; i < ng; i++) {
            const double *a = acc_of[order[i]];
            char b[48];
            ob_key(&ob, A->cols, A->groups.tuples + (size_t)order[i] * sp->nkeys, sp->nkeys);
            double n = sp->op == COR_PANEL_HHI ? a[H_N] : round(a[T_R11] * a[T_R11]);
            ob_put(&ob, b, (size_t)sprintf(b, ",%.0f,", n));
            if (sp->op == COR_PANEL_HHI) {
                /* HHI = sum v^2 / (sum v)^2 = sum of squared shares */
                if (a[H_SUM] != 0)
                    ob_num(&ob, a[H_SQ] / (a[H_SUM] * a[H_SUM]));
            } else if (n >= 3 && a[T_R22] > 0) {
                /* OLS of ln v on year from R: b = r23 / r22, RSS = r33^2,
                 * se = sqrt(RSS / (n - 2)) / r22; rate = e^b - 1 (World Bank) */
                double bslope = a[T_R23] / a[T_R22];
                double se = sqrt(a[T_R33] / (n - 2)) / a[T_R22];
                size_t df = (size_t)n - 2;
                double t = df < 64 && tq[df] != 0 ? tq[df] : gsl_cdf_tdist_Pinv(0.975, (double)df);
                if (df < 64)
                    tq[df] = t;
                ob_num(&ob, expm1(bslope));
                ob_put(&ob, ",", 1);
                ob_num(&ob, se);
                ob_put(&ob, ",", 1);
                ob_num(&ob, expm1(bslope - t * se));
                ob_put(&ob, ",", 1);
                ob_num(&ob, expm1(bslope + t * se));
            } else
                ob_put(&ob, ",,,", 3);
            ob_put(&ob, "\n", 1);
        }
    }
    ob_flush(&ob);
    if (ferror(out))
        st = cor_error_set(err, COR_EIO, NULL, 0, 0, "write error");
    if (getenv("CORRIDOR_PANEL_TIMING"))
        fprintf(stderr, "corridor: parse %.3f s (%zu parts), the rest %.3f s\n", t_parsed - t0,
                nparts, now() - t_parsed);
out:
    free(acc_of);
    for (size_t i = 0; i < 2; i++) {
        tmap_free(&parts[i].groups);
        for (size_t k = 0; k < COR_PANEL_MAX_KEYS; k++)
            gmap_free(&parts[i].cols[k]);
        free(parts[i].gid);
        free(parts[i].val);
        free(parts[i].yr);
    }
    free(extra);
    free(order);
    free(ob.b);
    if (fd >= 0)
        close(fd);
    if (spooled)
        unlink(spool);
    return st;
}
