/* Buffered CSV output for panels, and the ordered two-core copy of input
 * records with a number appended. See panel_out.h. */
#define _POSIX_C_SOURCE 200809L

#include "panel_out.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "corridor/num.h"

/* ---- the buffer ------------------------------------------------------------ */

int panel_buf_init(struct panel_buf *o, FILE *f, size_t cap)
{
    memset(o, 0, sizeof *o);
    o->f = f;
    o->cap = cap;
    o->b = malloc(cap);
    return o->b != NULL;
}

void panel_buf_free(struct panel_buf *o)
{
    free(o->b);
    o->b = NULL;
}

void panel_buf_flush(struct panel_buf *o)
{
    if (!o->f)
        return;   /* in memory: nothing to flush */
    if (o->n)
        fwrite(o->b, 1, o->n, o->f);
    o->n = 0;
}

void panel_buf_put(struct panel_buf *o, const char *s, size_t n)
{
    if (o->n + n > o->cap) {
        if (o->f) {
            panel_buf_flush(o);
            if (n > o->cap) {
                fwrite(s, 1, n, o->f);
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

void panel_buf_num(struct panel_buf *o, double v)
{
    char b[40];
    int n = isnan(v) ? 0 : cor_num_format_g17(v, b);
    panel_buf_put(o, b, (size_t)n);
}

void panel_buf_count(struct panel_buf *o, unsigned long long n)
{
    char b[24];
    size_t i = sizeof b;
    do
        b[--i] = (char)('0' + n % 10);
    while ((n /= 10) != 0);
    panel_buf_put(o, b + i, sizeof b - i);
}

void panel_buf_field(struct panel_buf *o, const char *s, size_t n)
{
    int q = 0;
    for (size_t i = 0; i < n && !q; i++)
        q = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!q) {
        panel_buf_put(o, s, n);
        return;
    }
    panel_buf_put(o, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            panel_buf_put(o, "\"", 1);
        panel_buf_put(o, s + i, 1);
    }
    panel_buf_put(o, "\"", 1);
}

int panel_quote_parity(const char *s, size_t n)
{
    int parity = 0;
    for (const char *e = s + n; (s = memchr(s, '"', (size_t)(e - s))); s++)
        parity ^= 1;
    return parity;
}

/* ---- one range ------------------------------------------------------------- */

/* Appends the records of r to o, each with its number. buf holds 2 * chunk
 * bytes. The range starts at a record, outside quotes; a line break inside
 * quotes (odd count of quotes since the record began) continues the record. */
static enum cor_status copy_range(int fd, const struct panel_range *r, char *buf, size_t chunk,
                                  struct panel_buf *o)
{
    size_t have = 0, row = 0, room = 2 * chunk;
    off_t at = r->from;
    int parity = 0;
    for (;;) {
        size_t want = room - have;
        if ((off_t)want > r->to - at)
            want = (size_t)(r->to - at);
        ssize_t got = want ? pread(fd, buf + have, want, at) : 0;
        if (got < 0 || (want && got == 0))
            return COR_EIO;
        at += got;
        size_t len = have + (size_t)got, start = 0, scan = 0;
        int last = at == r->to;
        for (;;) {
            char *nl = memchr(buf + scan, '\n', len - scan);
            size_t end = nl ? (size_t)(nl - buf) : len;
            if (!nl && !last)
                break;               /* the record continues in the next read */
            parity ^= panel_quote_parity(buf + scan, end - scan);
            if (nl && parity) {      /* a line break inside quotes */
                scan = end + 1;
                continue;
            }
            size_t rec_end = end;
            if (rec_end > start && buf[rec_end - 1] == '\r')
                rec_end--;
            if (rec_end > start) {   /* blank lines are not records */
                if (row == r->nrows)
                    return COR_EDATA;
                panel_buf_put(o, buf + start, rec_end - start);
                panel_buf_put(o, ",", 1);
                panel_buf_num(o, r->x[row]);
                panel_buf_put(o, "\n", 1);
                row++;
            }
            start = scan = nl ? end + 1 : len;
            if (!nl)
                break;
        }
        if (last)
            break;
        /* keep the unfinished record; its quotes are counted again from its start */
        memmove(buf, buf + start, len - start);
        have = len - start;
        parity = 0;
        if (have == room)            /* one record longer than the buffer */
            return COR_EDATA;
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
    int fd;
    FILE *out;
    const struct panel_range *ranges;
    size_t n, chunk;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t next_take, next_write;
    int writing;
    struct panel_buf slot[NSLOT];
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
        struct panel_buf *s = &c->slot[c->next_write % NSLOT];
        pthread_mutex_unlock(&c->mu);
        if (c->st == COR_OK)
            fwrite(s->b, 1, s->n, c->out);
        pthread_mutex_lock(&c->mu);
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
    char *buf = malloc(2 * c->chunk);
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
        enum cor_status st = copy_range(c->fd, &c->ranges[j], buf, c->chunk, &c->slot[j % NSLOT]);
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

enum cor_status panel_copy(int fd, const struct panel_range *ranges, size_t n, int threads,
                           size_t chunk, FILE *out, size_t *bad_range)
{
    struct copier c;
    memset(&c, 0, sizeof c);
    c.fd = fd;
    c.out = out;
    c.ranges = ranges;
    c.n = n;
    c.chunk = chunk;
    c.st = COR_OK;
    for (size_t i = 0; i < NSLOT; i++)
        if (!panel_buf_init(&c.slot[i], NULL, chunk + chunk / 2))
            c.st = COR_ENOMEM;
    pthread_mutex_init(&c.mu, NULL);
    pthread_cond_init(&c.cv, NULL);
    pthread_t th;
    int two = threads > 1 && n > 1 && c.st == COR_OK &&
              pthread_create(&th, NULL, copy_worker, &c) == 0;
    copy_worker(&c);
    if (two)
        pthread_join(th, NULL);
    pthread_cond_destroy(&c.cv);
    pthread_mutex_destroy(&c.mu);
    for (size_t i = 0; i < NSLOT; i++)
        panel_buf_free(&c.slot[i]);
    *bad_range = c.bad;
    return c.st;
}
