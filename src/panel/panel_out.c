/* The panel's output: a buffer for CSV text, the ordered two-core copy of
 * the input rows with one number appended (share, growth), and one row per
 * group in key order (trend, hhi). */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "corridor/interval.h"
#include "corridor/num.h"
#include "panel_internal.h"

/* ---- the buffer ------------------------------------------------------------ */

/* Output bytes gathered in b: flushed to f when full, or, with f NULL, kept
 * in memory (b grows; `failed` is set when it cannot). */
struct buf {
    FILE *f;
    char *b;
    size_t n, cap;
    int failed;
};

static int buf_init(struct buf *o, FILE *f, size_t cap)
{
    memset(o, 0, sizeof *o);
    o->f = f;
    o->cap = cap;
    o->b = malloc(cap);
    return o->b != NULL;
}

static void buf_free(struct buf *o)
{
    free(o->b);
    o->b = NULL;
}

static void buf_flush(struct buf *o)
{
    if (o->f && o->n && fwrite(o->b, 1, o->n, o->f) != o->n)
        o->failed = 1;
    if (o->f)
        o->n = 0;
}

static void buf_put(struct buf *o, const char *s, size_t n)
{
    if (o->n + n > o->cap) {
        if (o->f) {
            buf_flush(o);
            if (n > o->cap) {
                if (fwrite(s, 1, n, o->f) != n)
                    o->failed = 1;
                return;
            }
        } else {
            size_t c = o->cap * 2;
            while (c < o->n + n)
                c *= 2;
            char *b = realloc(o->b, c);
            if (!b) {
                o->failed = 1;
                return;
            }
            o->b = b;
            o->cap = c;
        }
    }
    memcpy(o->b + o->n, s, n);
    o->n += n;
}

/* one byte, without a call while there is room */
static inline void buf_byte(struct buf *o, char c)
{
    if (o->n < o->cap)
        o->b[o->n++] = c;
    else
        buf_put(o, &c, 1);
}

/* v as "%.17g"; nothing for NaN (an empty field) */
static void buf_num(struct buf *o, double v)
{
    char b[40];
    int n = isnan(v) ? 0 : cor_num_format_g17(v, b);
    buf_put(o, b, (size_t)n);
}

static void buf_count(struct buf *o, unsigned long long n)
{
    char b[24];
    size_t i = sizeof b;
    do
        b[--i] = (char)('0' + n % 10);
    while ((n /= 10) != 0);
    buf_put(o, b + i, sizeof b - i);
}

/* s as a comma-separated CSV field, quoted when it must be */
static void buf_field(struct buf *o, const char *s, size_t n)
{
    int q = 0;
    for (size_t i = 0; i < n && !q; i++)
        q = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!q) {
        buf_put(o, s, n);
        return;
    }
    buf_put(o, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            buf_put(o, "\"", 1);
        buf_put(o, s + i, 1);
    }
    buf_put(o, "\"", 1);
}

/* ---- one range of records ------------------------------------------------------
 * Whole records of the file in bytes [from, to) (cut at the parse's
 * checkpoints), and the number to append to each: x[0], x[1], ... */
struct range {
    off_t from, to;
    const double *x;
    size_t nrows;
    const uint64_t *wide;   /* the part's wide rows (NULL: none), nwide words */
    size_t nwide;
    size_t row0;            /* the part's index of the range's first row */
};

/* The length of the wide record s[0..n) (one field more than the header,
 * that field empty: the parse said so) cut just after its last delimiter:
 * the new cell takes the empty field's place and stays under its header.
 * The empty field is nothing, spaces, or "" with spaces around it. 0 if
 * the text is not of that shape (the file changed). */
static size_t wide_cut(const char *s, size_t n, char delim, int tab_is_space)
{
    int quotes = 0;
    while (n > 0) {
        char c = s[n - 1];
        if (c == delim)
            return n;
        if (c == '"' && quotes < 2)
            quotes++;
        else if (c != ' ' && (c != '\t' || !tab_is_space))
            return 0;
        n--;
    }
    return 0;
}

/* Appends the records of r to o, each as it is in the file (without its
 * line end) + delim + its number + "\n" (a wide row: its number in place
 * of its empty last field). Records end where the parse ended
 * them (cor_panel_scan_line); a record longer than a read is gathered in o
 * across reads. COR_EDATA when the range holds another number of records
 * than the parse counted there (the file changed), COR_EIO on a read
 * error, COR_ENOMEM. */
static enum cor_status copy_range(const struct cor_panel_run *R, const struct range *r,
                                  char *buf, struct buf *o)
{
    struct cor_panel_scan st = {0, 0, R->delim != '\t'};
    size_t row = 0, partial = 0;   /* partial: bytes of an unfinished record in o */
    for (off_t at = r->from; at < r->to;) {
        size_t want = (size_t)(r->to - at) < R->chunk ? (size_t)(r->to - at) : R->chunk;
        ssize_t got = pread(R->fd, buf, want, at);
        if (got <= 0)
            return COR_EIO;
        at += got;
        size_t n = (size_t)got, start = 0;
        int has_cr = memchr(buf, '\r', n) != NULL;
        for (;;) {
            size_t e = start + cor_panel_scan_line(&st, buf + start, n - start, has_cr);
            if (e == n && at < r->to) {   /* the record goes on in the next read */
                buf_put(o, buf + start, n - start);
                partial += n - start;
                break;
            }
            if (st.begun) {
                if (row == r->nrows)
                    return COR_EDATA;
                buf_put(o, buf + start, e - start);
                size_t at_row = r->row0 + row;
                if (at_row / 64 < r->nwide && (r->wide[at_row / 64] >> (at_row % 64) & 1)) {
                    size_t len = partial + (e - start), cut = 0;
                    if (!o->failed &&
                        (cut = wide_cut(o->b + o->n - len, len, R->delim, st.tab_is_space)) == 0)
                        return COR_EDATA;
                    o->n -= len - cut;
                } else
                    buf_byte(o, R->delim);
                buf_num(o, r->x[row++]);
                buf_byte(o, '\n');
            } else if (!o->failed)
                o->n -= partial;   /* a line of spaces: no record */
            if (o->failed)
                return COR_ENOMEM;
            partial = 0;
            st.begun = 0;
            if (e == n)
                break;
            start = e + 1;
        }
    }
    if (o->failed)
        return COR_ENOMEM;
    return row == r->nrows ? COR_OK : COR_EDATA;
}

/* ---- the ordered copy ---------------------------------------------------------
 * Ranges are taken in order by the threads; range j is formatted into slot
 * j % NSLOT, and whichever thread finds the next range to write ready writes
 * it (and the ones ready after it). A thread waits for a slot only while the
 * range NSLOT before has not been written. */
#define NSLOT 4

struct copier {
    const struct cor_panel_run *R;
    FILE *out;
    const struct range *ranges;
    size_t n;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t next_take, next_write;
    int writing;
    struct buf slot[NSLOT];
    int ready[NSLOT];
    enum cor_status st;
    size_t bad;
};

/* Called with the lock held: writes the ranges that are ready, in order,
 * unless another thread is doing so. */
static void write_ready(struct copier *c)
{
    if (c->writing)
        return;
    c->writing = 1;
    while (c->next_write < c->n && c->ready[c->next_write % NSLOT]) {
        struct buf *s = &c->slot[c->next_write % NSLOT];
        pthread_mutex_unlock(&c->mu);
        int werr = c->st == COR_OK && s->n && fwrite(s->b, 1, s->n, c->out) != s->n;
        pthread_mutex_lock(&c->mu);
        if (werr && c->st == COR_OK)
            c->st = COR_EIO;
        s->n = 0;
        c->ready[c->next_write % NSLOT] = 0;
        c->next_write++;
        pthread_cond_broadcast(&c->cv);
    }
    c->writing = 0;
}

static void *copy_worker(void *data)
{
    struct copier *c = data;
    char *buf = malloc(c->R->chunk);
    pthread_mutex_lock(&c->mu);
    if (!buf && c->st == COR_OK)
        c->st = COR_ENOMEM;
    while (c->st == COR_OK && c->next_take < c->n) {
        size_t j = c->next_take++;
        while (j >= c->next_write + NSLOT && c->st == COR_OK)
            pthread_cond_wait(&c->cv, &c->mu);
        if (c->st != COR_OK)
            break;
        pthread_mutex_unlock(&c->mu);
        enum cor_status st = copy_range(c->R, &c->ranges[j], buf, &c->slot[j % NSLOT]);
        pthread_mutex_lock(&c->mu);
        if (st != COR_OK && c->st == COR_OK) {
            c->st = st;
            c->bad = j;
        }
        c->ready[j % NSLOT] = 1;
        write_ready(c);
    }
    pthread_cond_broadcast(&c->cv);   /* a thread waiting for a slot sees the error */
    pthread_mutex_unlock(&c->mu);
    free(buf);
    return NULL;
}

/* Writes the records of every range, in order, formatted on R's threads. */
static enum cor_status copy_ranges(const struct cor_panel_run *R, const struct range *ranges,
                                   size_t n, FILE *out, size_t *bad_range)
{
    struct copier c;
    memset(&c, 0, sizeof c);
    c.R = R;
    c.out = out;
    c.ranges = ranges;
    c.n = n;
    c.st = COR_OK;
    for (size_t i = 0; i < NSLOT; i++)
        if (!buf_init(&c.slot[i], NULL, R->chunk + R->chunk / 2))
            c.st = COR_ENOMEM;
    pthread_mutex_init(&c.mu, NULL);
    pthread_cond_init(&c.cv, NULL);
    pthread_t th;
    int two = R->two && n > 1 && c.st == COR_OK && pthread_create(&th, NULL, copy_worker, &c) == 0;
    copy_worker(&c);
    if (two)
        pthread_join(th, NULL);
    pthread_cond_destroy(&c.cv);
    pthread_mutex_destroy(&c.mu);
    for (size_t i = 0; i < NSLOT; i++)
        buf_free(&c.slot[i]);
    *bad_range = c.bad;
    return c.st;
}

enum cor_status cor_panel_copy_out(struct cor_panel_run *R, FILE *out)
{
    /* the header as it was, with the new column */
    size_t hl = (size_t)(R->head_end - R->head_start);
    char *hb = malloc(hl + 1);
    ssize_t got = hb ? pread(R->fd, hb, hl, R->head_start) : -1;
    if (got != (ssize_t)hl) {
        free(hb);
        return hb ? cor_error_set(R->err, COR_EIO, R->name, 0, 0, "read error")
                  : cor_panel_oom(R);
    }
    const char *name = R->sp->op == COR_PANEL_SHARE ? "share" : "growth";
    int werr = fwrite(hb, 1, hl, out) != hl || fputc(R->delim, out) == EOF ||
               fputs(name, out) == EOF || fputc('\n', out) == EOF;
    free(hb);
    if (werr)
        return cor_error_set(R->err, COR_EIO, NULL, 0, 0, "write error: %s", strerror(errno));

    /* the records, in ranges of at least 4 reads cut at the checkpoints */
    size_t ncp = R->parts[0].ncp + R->parts[1].ncp, nr = 0;
    struct range *ranges = malloc((ncp ? ncp : 1) * sizeof *ranges);
    if (!ranges)
        return cor_panel_oom(R);
    for (size_t i = 0; i < R->nparts; i++) {
        const struct cor_panel_part *P = &R->parts[i];
        for (size_t c = 0; c + 1 < P->ncp;) {
            size_t e = c + 1;
            while (e + 1 < P->ncp && P->cp[e].off - P->cp[c].off < 4 * (off_t)R->chunk)
                e++;
            if (P->cp[e].off > P->cp[c].off) {
                ranges[nr].from = P->cp[c].off;
                ranges[nr].to = P->cp[e].off;
                ranges[nr].x = P->val ? P->val + P->cp[c].row : NULL;
                ranges[nr].nrows = P->cp[e].row - P->cp[c].row;
                ranges[nr].wide = P->wide;
                ranges[nr].nwide = P->wide ? P->cap_w : 0;
                ranges[nr].row0 = P->cp[c].row;
                nr++;
            }
            c = e;
        }
    }
    size_t bad = 0;
    enum cor_status st = copy_ranges(R, ranges, nr, out, &bad);
    if (st == COR_EDATA)   /* the parse counted these rows: only a change can differ */
        st = cor_error_set(R->err, COR_EIO, R->name, 0, 0,
                           "the file changed while it was read (bytes %lld-%lld)",
                           (long long)ranges[bad].from, (long long)ranges[bad].to);
    else if (st == COR_EIO)
        st = cor_error_set(R->err, COR_EIO, R->name, 0, 0, "read or write error");
    else if (st != COR_OK)
        st = cor_panel_oom(R);
    free(ranges);
    return st;
}

/* ---- one row per group ------------------------------------------------------------ */

enum cor_status cor_panel_groups_out(struct cor_panel_run *R, FILE *out)
{
    const struct cor_panel_spec *sp = R->sp;
    const struct cor_panel_part *A = &R->parts[0];
    const struct cor_panel_groups *G = &A->groups;
    int hhi = sp->op == COR_PANEL_HHI;
    void **order = cor_panel_groups_sorted(G, A->cols);
    struct buf ob;
    if (!order || !buf_init(&ob, out, COR_PANEL_CHUNK)) {
        free(order);
        return cor_panel_oom(R);
    }
    static const char *const trend_cols[] = {"n", "rate", "se", "lo", "hi", "na_reason"};
    static const char *const hhi_cols[] = {"n", "hhi", "na_reason"};
    const char *const *cols = hhi ? hhi_cols : trend_cols;
    size_t ncols = hhi ? 3 : 6;
    for (size_t k = 0; k < sp->nkeys; k++) {
        buf_field(&ob, sp->keys[k], strlen(sp->keys[k]));
        buf_put(&ob, ",", 1);
    }
    for (size_t c = 0; c < ncols; c++) {
        buf_put(&ob, cols[c], strlen(cols[c]));
        buf_put(&ob, c + 1 < ncols ? "," : "\n", 1);
    }
    struct cor_t975_memo memo;
    memset(&memo, 0, sizeof memo);
    size_t ng = G->n;
    for (size_t i = 0; i < ng; i++) {
        /* groups in key order are at random places: fetch a few ahead */
        if (i + 8 < ng)
            COR_PANEL_PREFETCH(order[i + 8]);
        const void *acc = order[i];
        const uint32_t *t = cor_panel_groups_tuple(G, acc);
        for (size_t k = 0; k < sp->nkeys; k++) {
            size_t n;
            const char *s = cor_panel_keys_text(&A->cols[k], t[k] - 1, &n);
            buf_field(&ob, s, n);
            buf_put(&ob, ",", 1);
        }
        enum cor_na na;
        if (hhi) {
            const struct cor_parts_acc *p = &((const struct cor_panel_hhi_acc *)acc)->parts;
            double h = cor_metrics_parts_hhi(p, &na);
            buf_count(&ob, p->n);
            buf_put(&ob, ",", 1);
            buf_num(&ob, h);
        } else {
            struct cor_trend tr;
            cor_metrics_trend_result(acc, &memo, &tr);
            na = tr.na;
            buf_count(&ob, tr.n);
            double v[4] = {tr.rate, tr.se, tr.lo, tr.hi};
            for (size_t c = 0; c < 4; c++) {
                buf_put(&ob, ",", 1);
                buf_num(&ob, v[c]);
            }
        }
        buf_put(&ob, ",", 1);
        const char *why = cor_na_reason(na);
        buf_field(&ob, why, strlen(why));
        buf_put(&ob, "\n", 1);
    }
    buf_flush(&ob);
    int failed = ob.failed;
    buf_free(&ob);
    free(order);
    return failed ? cor_error_set(R->err, COR_EIO, NULL, 0, 0, "write error: %s", strerror(errno))
                  : COR_OK;
}
