/* The panel's parallel read: the header, the cut of the file in two parts
 * at a line end outside quotes, the libcsv parse of each part on its own
 * thread into per-row arrays and per-group accumulators, and the located
 * report of every problem, by the library's exact reader, when the fast one
 * refuses the file. The parse is cor_panel_csv (panel_csv.c, libcsv's
 * results). Where records end for the copy is cor_panel_scan_line
 * (panel_internal.h), shared with the copy.
 *
 * The fast reader keeps libcsv's defaults, which drop spaces around
 * unquoted fields (a space function would cost a call per byte); values and
 * years are trimmed here too, keys in the key map, so that a quoted
 * " China " is the key China. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "corridor/csvread.h"
#include "corridor/num.h"
#include "corridor/series.h"
#include "panel_internal.h"

/* ---- cells -------------------------------------------------------------------- */

static const char *trim(const char *s, size_t *n)
{
    cor_read_trim(&s, n);
    return s;
}

enum cell { CELL_OK, CELL_MISSING, CELL_BAD };

/* The value cell s[0..n): a number (*v), a missing word, or neither
 * (*st says why). One rule for the fast reader and the exact one. */
static enum cell value_cell(const struct cor_panel_run *R, const char *s, size_t n, double *v,
                            enum cor_status *st)
{
    s = trim(s, &n);
    *st = cor_read_number(&R->read, s, n, v, NULL);
    if (*st == COR_OK)
        return CELL_OK;
    return cor_read_is_na(&R->read, s, n) ? CELL_MISSING : CELL_BAD;
}

/* The year cell: a whole number from year_min to year_max; "2000.0" is
 * read as 2000. */
static int year_cell(const struct cor_panel_run *R, const char *s, size_t n, int32_t *y)
{
    double d;
    s = trim(s, &n);
    if (cor_read_number(&R->read, s, n, &d, NULL) != COR_OK || d != floor(d) ||
        d < (double)R->year_min || d > (double)R->year_max)
        return 0;
    *y = (int32_t)d;
    return 1;
}

/* ---- the fast parse of one part ---------------------------------------------------- */

/* The value cell when cor_num_parse refused it as it came: spaces, another
 * style, a missing word, or not a number. Out of line: the common case
 * keeps on_field small. */
static COR_PANEL_COLD void value_slow(struct cor_panel_part *P, const char *t, size_t len)
{
    enum cor_status st;
    enum cell c = value_cell(P->run, t, len, &P->value, &st);
    if (c == CELL_MISSING)
        P->value = NAN;
    else if (c == CELL_BAD)
        P->row_bad = 1;
}

static COR_PANEL_COLD void year_slow(struct cor_panel_part *P, const char *t, size_t len)
{
    if (!year_cell(P->run, t, len, &P->year))
        P->row_bad = 1;
}

/* s[0..n) as a whole number of at most nine digits with an optional sign. */
static int plain_year(const char *s, size_t n, long *out)
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

/* s[0..n) as [+-]digits[.digits] with at most 15 significant digits and
 * 22 decimals: cor_num_parse's fast path (Clinger's: the digits and the
 * power of ten are exact, so one division rounds correctly) in one pass,
 * giving the same double; 0 for anything else, which cor_num_parse reads. */
static int plain_value(const char *s, size_t n, double *out)
{
    static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    size_t i = 0, frac = 0;
    int neg = 0, digits = 0, dot = 0;
    uint64_t m = 0;
    if (n && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        i = 1;
    }
    size_t first = i;
    for (; i < n; i++) {
        unsigned d = (unsigned)(unsigned char)s[i] - '0';
        if (d < 10) {
            if (m || d) {   /* leading zeros are not significant */
                m = m * 10 + d;
                digits++;
            }
            frac += (size_t)dot;
        } else if (s[i] == '.' && !dot && i > first && i + 1 < n)
            dot = 1;
        else
            return 0;
    }
    if (i == first || digits > 15 || frac > 22)
        return 0;
    double v = (double)m / p10[frac];
    *out = neg ? -v : v;
    return 1;
}

static void on_field(void *s, size_t len, void *data)
{
    struct cor_panel_part *P = data;
    size_t f = P->field++;
    if (f >= P->ncols) {
        size_t n = len;   /* empty or spaces, quoted or not (the exact reader's rule) */
        if (s)
            trim(s, &n);
        P->extra_empty = f == P->ncols && n == 0;
        return;
    }
    const char *t = s ? s : "";
    int k = P->key_of[f];
    if (k >= 0) {
        long id = cor_panel_keys_get(&P->cols[k], t, len);
        if (id < 0)
            P->oom = 1;
        else
            P->tuple[k] = (uint32_t)id + 1;   /* 0 marks an empty slot */
    }
    if ((int)f == P->value_col && (!P->plain || (!plain_value(t, len, &P->value) &&
                                                 cor_num_parse(t, len, &P->value, NULL) != COR_OK)))
        value_slow(P, t, len);
    if ((int)f == P->time_col) {
        /* plain digits here, anything else (2000.0, spaces, decimal commas)
         * by year_cell, that is by the library's cor_read_number: read here,
         * a year costs some 30 instructions, against some 300 through
         * cor_num_parse (callgrind), on every row of growth and trend */
        long v;
        if (plain_year(t, len, &v) && v >= P->year_min && v <= P->year_max)
            P->year = (int32_t)v;
        else
            year_slow(P, t, len);
    }
}

/* Row `row` of the part (as val numbers them) is a wide one: the copy
 * writes its new cell in place of the empty last field. */
static COR_PANEL_COLD int mark_wide(struct cor_panel_part *P, size_t row)
{
    size_t w = row / 64 + 1, had = P->cap_w;
    if (!cor_panel_grow((void **)&P->wide, &P->cap_w, w, sizeof *P->wide))
        return 0;
    memset(P->wide + had, 0, (P->cap_w - had) * sizeof *P->wide);
    P->wide[row / 64] |= (uint64_t)1 << (row % 64);
    return 1;
}

static void on_record(int term, void *data)
{
    struct cor_panel_part *P = data;
    (void)term;
    /* a row one field wider than the header, the last field empty, is read
     * as the header's width (cor_csv_row_width: UN Comtrade ends every data
     * row with a delimiter) */
    int wide = P->field == P->ncols + 1 && P->extra_empty;
    if ((P->field != P->ncols && !wide) || P->row_bad) {
        P->bad++;
        P->field = 0;
        P->row_bad = 0;
        return;
    }
    P->field = 0;
    if (wide && P->run->copy && !mark_wide(P, P->nrows + P->nbatch))
        P->oom = 1;
    struct cor_panel_pending *r = &P->batch[P->nbatch++];
    memcpy(r->tuple, P->tuple, sizeof r->tuple);   /* fixed size: no call */
    r->hash = cor_panel_tuple_hash(r->tuple, P->nkeys);
    r->value = P->value;
    r->year = P->year;
    const char *home = cor_panel_groups_home(&P->groups, r->hash);
    COR_PANEL_PREFETCH(home);
    if (home && P->groups.stride > 64)   /* hhi's slots: marks and ids on the next line */
        COR_PANEL_PREFETCH(home + P->groups.stride - 1);
    if (P->nbatch == COR_PANEL_BATCH)
        cor_panel_flush_batch(P);
}

/* Where buf (n bytes, starting with quote parity *parity) can be cut
 * between records: just after its last CR or LF with an even count of
 * quotes before it; 0 if none. *parity becomes the parity at its end. */
static size_t record_cut(const char *buf, size_t n, int *parity)
{
    int q = *parity, after = 0;
    for (const char *s = buf, *e = buf + n; (s = memchr(s, '"', (size_t)(e - s))); s++)
        q ^= 1;
    *parity = q;
    size_t i = n;
    while (i > 0 && buf[i - 1] != '\n' && buf[i - 1] != '\r')
        after ^= buf[--i] == '"';
    return i > 0 && (q ^ after) == 0 ? i : 0;
}

static int add_checkpoint(struct cor_panel_part *P, off_t off, size_t row)
{
    if (!cor_panel_grow((void **)&P->cp, &P->cap_cp, P->ncp + 1, sizeof *P->cp))
        return 0;
    P->cp[P->ncp].off = off;
    P->cp[P->ncp++].row = row;
    return 1;
}

static int feed(struct cor_panel_part *P, const char *buf, size_t n)
{
    if (cor_panel_csv_parse(&P->p, buf, n) != n) {
        int e = cor_panel_csv_error(&P->p);
        if (e == CSV_ENOMEM || e == CSV_ETOOBIG)
            P->oom = 1;
        else
            P->csv_error = 1;
        return 0;
    }
    return 1;
}

static void *parse_part(void *data)
{
    struct cor_panel_part *P = data;
    struct cor_panel_run *R = P->run;
    int parity = 0;
    char *buf = malloc(R->chunk);
    if (!buf || cor_panel_csv_init(&P->p, R->delim, on_field, on_record, P) != 0 ||
        (R->copy && !add_checkpoint(P, P->begin, 0))) {
        P->oom = 1;
        free(buf);
        cor_panel_csv_free(&P->p);
        return NULL;
    }
    off_t at = P->begin;
    while (at < P->end && !P->oom && !P->too_many) {
        size_t want = (size_t)(P->end - at) < R->chunk ? (size_t)(P->end - at) : R->chunk;
        ssize_t got = pread(R->fd, buf, want, at);
        if (got <= 0) {
            P->io_error = 1;
            break;
        }
        size_t cut = R->copy ? record_cut(buf, (size_t)got, &parity) : 0;
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
        atomic_store_explicit(&R->done[P->index], (unsigned long long)(at - P->begin),
                              memory_order_relaxed);
        if (P->index == 0 && R->sp->progress)
            R->sp->progress(R->sp->progress_user,
                            atomic_load_explicit(&R->done[0], memory_order_relaxed) +
                                atomic_load_explicit(&R->done[1], memory_order_relaxed),
                            (unsigned long long)(R->size - R->data_start));
    }
    if (!P->csv_error && !P->io_error && !P->oom && !P->too_many &&
        cor_panel_csv_fini(&P->p) != 0)
        P->csv_error = 1;
    cor_panel_flush_batch(P);
    if (R->copy && !P->oom && !add_checkpoint(P, P->end, P->nrows + P->bad))
        P->oom = 1;
    cor_panel_csv_free(&P->p);
    free(buf);
    return NULL;
}

static enum cor_status report_malformed(struct cor_panel_run *R);

/* ---- the header ------------------------------------------------------------------- */

struct names {
    char **name;
    size_t n, cap;
    int oom;
};

static void on_name(void *s, size_t len, void *data)
{
    struct names *h = data;
    const char *t = trim(s ? s : "", &len);
    if (h->n == h->cap) {
        size_t c = h->cap ? h->cap * 2 : 16;
        char **nn = realloc(h->name, c * sizeof *nn);
        if (!nn) {
            h->oom = 1;
            return;
        }
        h->name = nn;
        h->cap = c;
    }
    char *copy = malloc(len + 1);
    if (!copy) {
        h->oom = 1;
        return;
    }
    memcpy(copy, t, len);
    copy[len] = '\0';
    h->name[h->n++] = copy;
}

static void names_free(struct names *h)
{
    for (size_t i = 0; i < h->n; i++)
        free(h->name[i]);
    free(h->name);
    memset(h, 0, sizeof *h);
}

/* The header record's fields, split at delim. 0 when it is not valid CSV. */
static int split_header(const char *text, size_t n, char delim, struct names *h)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return h->oom = 1, 0;
    csv_set_delim(&p, (unsigned char)delim);
    int ok = csv_parse(&p, text, n, on_name, NULL, h) == n &&
             csv_fini(&p, on_name, NULL, h) == 0 && !h->oom;
    csv_free(&p);
    return ok;
}

static long find_name(const struct names *h, const char *name)
{
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->name[i], name) == 0)
            return (long)i;
    return -1;
}

/* The bytes [from, to) of the file, NUL-terminated; NULL on error. */
static char *read_bytes(struct cor_panel_run *R, off_t from, off_t to)
{
    size_t n = (size_t)(to - from);
    char *b = malloc(n + 1);
    for (size_t got = 0; b && got < n;) {
        ssize_t r = pread(R->fd, b + got, n - got, from + (off_t)got);
        if (r <= 0) {
            free(b);
            return NULL;
        }
        got += (size_t)r;
    }
    if (b)
        b[n] = '\0';
    return b;
}

/* Each spec column missing from the header reported, with the closest
 * name the header has; 0 if there is none. */
static size_t missing_columns(struct cor_panel_run *R, const struct names *h)
{
    const struct cor_panel_spec *sp = R->sp;
    const char *want[COR_PANEL_MAX_KEYS + 3] = {sp->value, sp->time, sp->part};
    size_t n = 3, missing = 0;
    for (size_t k = 0; k < sp->nkeys; k++)
        want[n++] = sp->keys[k];
    char hint[200] = "";
    if (h->n == 1 && cor_read_delimiter_hint(&R->read, h->name[0], strlen(h->name[0]),
                                             hint + 8, sizeof hint - 8))
        memcpy(hint, ", which ", 8);   /* ", which looks ';'-separated (...)" */
    for (size_t i = 0; i < n; i++) {
        if (!want[i] || find_name(h, want[i]) >= 0)
            continue;
        const char *best =
            *hint ? NULL : cor_closest(want[i], (const char *const *)h->name, h->n);
        cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_MISSING_COLUMN, R->file, 1, 1,
                      "no column '%s' in the header%s%s%s%s", want[i], hint,
                      best ? "; did you mean '" : "", best ? best : "", best ? "'?" : "");
        missing++;
        if (*hint)
            break;   /* the delimiter is wrong: every column would be missing */
    }
    return missing;
}

enum cor_status cor_panel_read_header(struct cor_panel_run *R)
{
    const struct cor_panel_spec *sp = R->sp;
    /* where the header record lies: after a byte-order mark, to the first
     * line end outside quotes after a byte that is not a space */
    char *buf = malloc(R->chunk);
    if (!buf)
        return cor_panel_oom(R);
    struct cor_panel_scan st = {0, 0, R->delim != '\t'};
    off_t at = 0, start = -1, end = R->size;
    int found = 0;
    while (at < R->size && !found) {
        size_t want = (size_t)(R->size - at) < R->chunk ? (size_t)(R->size - at) : R->chunk;
        ssize_t got = pread(R->fd, buf, want, at);
        if (got <= 0) {
            free(buf);
            return cor_error_set(R->err, COR_EIO, R->name, 0, 0, "read error: %s",
                                 got < 0 ? strerror(errno) : "the file is shorter than it was");
        }
        size_t i = 0, n = (size_t)got;
        if (at == 0 && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
            i = 3;   /* no byte-order mark in the header's names, nor in the output */
        while (i < n) {
            size_t e = i + cor_panel_scan_line(&st, buf + i, n - i, 1);
            if (start < 0 && st.begun)
                start = at + (off_t)i;
            if (e == n)
                break;
            if (st.begun) {
                end = at + (off_t)e;
                found = 1;
                break;
            }
            i = e + 1;   /* a blank line before the header */
            start = -1;
        }
        at += got;
    }
    free(buf);
    if (start < 0) {
        cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_EMPTY_FILE, R->file, 1, 1,
                      "empty file: no header line");
        return COR_EDATA;
    }
    R->head_start = start;
    R->head_end = end;
    R->data_start = found ? end + 1 : R->size;
    char *text = read_bytes(R, start, end);
    if (!text)
        return cor_error_set(R->err, COR_EIO, R->name, 0, 0, "read error");
    struct names h = {0};
    enum cor_status ret = COR_OK;
    if (!split_header(text, (size_t)(end - start), R->delim, &h)) {
        /* malformed: the exact reader locates the problem */
        ret = h.oom ? cor_panel_oom(R) : report_malformed(R);
        goto out;
    }
    if (missing_columns(R, &h)) {
        ret = COR_EDATA;
        goto out;
    }
    R->ncols = h.n;
    R->key_of = malloc(h.n * sizeof *R->key_of);
    if (!R->key_of) {
        ret = cor_panel_oom(R);
        goto out;
    }
    for (size_t i = 0; i < h.n; i++)
        R->key_of[i] = -1;
    for (size_t k = 0; k < sp->nkeys; k++)
        R->key_of[find_name(&h, sp->keys[k])] = (int)k;
    R->ncols_keyed = sp->nkeys;
    if (sp->op == COR_PANEL_HHI)   /* the part, read as one more key */
        R->key_of[find_name(&h, sp->part)] = (int)R->ncols_keyed++;
    R->value_col = (int)find_name(&h, sp->value);
    R->time_col = sp->time ? (int)find_name(&h, sp->time) : -1;
out:
    names_free(&h);
    free(text);
    return ret;
}

/* ---- the exact pass, for reporting ------------------------------------------------- */

/* Feeds the exact reader (delimiter R->delim) the whole file. */
static enum cor_status read_exact(struct cor_panel_run *R, cor_csv_row_fn fn, void *user,
                                  struct cor_error *e)
{
    struct cor_csv_reader *r = cor_csv_reader_new(R->name, fn, user);
    char *buf = malloc(R->chunk);
    enum cor_status st = r && buf ? COR_OK : COR_ENOMEM;
    if (r)
        cor_csv_reader_set_delimiter(r, R->delim);
    for (off_t at = 0; st == COR_OK && at < R->size;) {
        size_t want = (size_t)(R->size - at) < R->chunk ? (size_t)(R->size - at) : R->chunk;
        ssize_t got = pread(R->fd, buf, want, at);
        if (got <= 0)
            st = cor_error_set(e, COR_EIO, R->name, 0, 0, "read error");
        else
            st = cor_csv_reader_feed(r, buf, (size_t)got, e);
        at += got > 0 ? got : 0;
    }
    if (st == COR_OK)
        st = cor_csv_reader_finish(r, e);
    cor_csv_reader_free(r);
    free(buf);
    return st;
}

/* A record the fast reader skips: one field of spaces (libcsv drops it as
 * a blank line; the exact reader keeps spaces). */
static int blank_record(const struct cor_csv_row *row)
{
    if (row->nfields != 1)
        return 0;
    size_t n = row->fields[0].len;
    trim(row->fields[0].text, &n);
    return n == 0;
}

/* A row one field wider than the header whose last field is spaces: the
 * fast reader, which trims every cell, reads it as cor_csv_row_width reads
 * an empty one. */
static int wide_row(const struct cor_csv_row *row, size_t ncols)
{
    if (row->nfields != ncols + 1)
        return 0;
    size_t n = row->fields[ncols].len;
    trim(row->fields[ncols].text, &n);
    return n == 0;
}

struct exact {
    struct cor_panel_run *R;
    int header_seen;
};

static enum cor_status exact_row(const struct cor_csv_row *row, void *user)
{
    struct exact *x = user;
    struct cor_panel_run *R = x->R;
    if (blank_record(row))
        return COR_OK;
    if (!x->header_seen) {
        x->header_seen = 1;
        return COR_OK;
    }
    if (!R->key_of)
        return COR_EINVAL;   /* the header was refused: nothing to check the rows against */
    if (cor_csv_row_width(row, R->ncols) != R->ncols && !wide_row(row, R->ncols)) {
        int more = row->nfields > R->ncols;
        return cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_RAGGED_ROW, R->file,
                             more ? row->fields[R->ncols].line : row->end_line,
                             more ? row->fields[R->ncols].col : row->end_col,
                             "row has %zu fields, the header has %zu", row->nfields, R->ncols);
    }
    const struct cor_csv_field *v = &row->fields[R->value_col];
    double d;
    enum cor_status st;
    if (value_cell(R, v->text, v->len, &d, &st) == CELL_BAD &&
        cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_BAD_NUMBER, R->file, v->line, v->col,
                      st == COR_ERANGE ? "number '%.60s' in the value column is out of range"
                                       : "invalid number '%.60s' in the value column "
                                         "(not a number, nor a missing word)",
                      v->text) != COR_OK)
        return COR_ENOMEM;
    if (R->time_col >= 0) {
        const struct cor_csv_field *t = &row->fields[R->time_col];
        int32_t y;
        if (!year_cell(R, t->text, t->len, &y) &&
            cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_BAD_PERIOD, R->file, t->line, t->col,
                          "invalid year '%.60s' in the time column (a whole number from %ld "
                          "to %ld)",
                          t->text, R->year_min, R->year_max) != COR_OK)
            return COR_ENOMEM;
    }
    return COR_OK;
}

/* Every problem of a file the fast reader refused, found by the exact one. */
static enum cor_status report_malformed(struct cor_panel_run *R)
{
    struct exact x = {R, 0};
    struct cor_error e2 = {0};
    enum cor_status st = read_exact(R, exact_row, &x, &e2);
    if (st == COR_EPARSE)
        cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_CSV_SYNTAX, R->file, e2.line, e2.col, "%s",
                      e2.message);
    else if (st == COR_ENOMEM)
        return cor_panel_oom(R);
    else if (st == COR_EIO)
        return cor_error_set(R->err, COR_EIO, R->name, 0, 0, "read error");
    if (R->diags->errors == 0)
        cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_CSV_SYNTAX, R->file, 1, 1,
                      "malformed CSV (a line break inside a field the fast reader cannot "
                      "follow)");
    return COR_EDATA;
}

/* ---- the data records again, one by one -----------------------------------------------
 * For the lines that a repeat's message names: each data record where the
 * fast reader finds it (cor_panel_scan_line: libcsv's record ends), with the
 * line it starts on (CR, LF and CRLF each end a line, inside quotes too, as
 * the library's reader counts them), and, when asked, its cells as libcsv
 * reads them (a file the fast reader took is read the same way again). */
struct walk {
    struct cor_panel_run *R;
    int fields;                     /* parse each record's cells */
    struct csv_parser p;
    char *rec, *text;               /* a record over several reads; its cells' texts */
    size_t nrec, cap_rec, ntext, cap_text;
    struct cor_panel_span *cell;    /* per cell: its text in text */
    size_t ncells, cap_cells;
    int oom;
};

static void walk_cell(void *s, size_t len, void *data)
{
    struct walk *w = data;
    if (!cor_panel_grow((void **)&w->text, &w->cap_text, w->ntext + len + 1, 1) ||
        !cor_panel_grow((void **)&w->cell, &w->cap_cells, w->ncells + 1, sizeof *w->cell)) {
        w->oom = 1;
        return;
    }
    if (len)
        memcpy(w->text + w->ntext, s, len);
    w->cell[w->ncells++] = (struct cor_panel_span){w->ntext, len, 1};
    w->ntext += len + 1;
}

typedef enum cor_status (*walk_fn)(struct walk *w, unsigned long line, void *user);

/* s[0..n) kept: the part of a record that one read holds. 0 when memory
 * runs out. */
static int walk_keep(struct walk *w, const char *s, size_t n)
{
    if (!w->fields || !n)
        return 1;
    if (!cor_panel_grow((void **)&w->rec, &w->cap_rec, w->nrec + n, 1))
        return 0;
    memcpy(w->rec + w->nrec, s, n);
    w->nrec += n;
    return 1;
}

/* The record starting on line whose bytes end with s[0..n) (after those
 * kept): parsed when asked, then fn. */
static enum cor_status walk_record(struct walk *w, const char *s, size_t n, unsigned long line,
                                   walk_fn fn, void *user)
{
    w->ncells = w->ntext = 0;
    if (w->fields) {
        if (w->nrec) {   /* begun in an earlier read */
            if (!walk_keep(w, s, n))
                return COR_ENOMEM;
            s = w->rec;
            n = w->nrec;
        }
        w->nrec = 0;
        if (csv_parse(&w->p, s, n, walk_cell, NULL, w) != n ||
            csv_fini(&w->p, walk_cell, NULL, w) != 0)
            return w->oom ? COR_ENOMEM : COR_EIO;   /* the fast reader took it: cannot be */
        if (w->oom)
            return COR_ENOMEM;
    }
    return fn(w, line, user);
}

/* fn for each data record, in order, until it returns COR_EINVAL (then
 * COR_OK) or an error. */
static enum cor_status walk_records(struct cor_panel_run *R, int fields, walk_fn fn, void *user)
{
    struct walk w;
    memset(&w, 0, sizeof w);
    w.R = R;
    w.fields = fields;
    char *buf = malloc(R->chunk);
    if (!buf || csv_init(&w.p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        free(buf);
        return COR_ENOMEM;
    }
    enum cor_status st = COR_OK;
    csv_set_delim(&w.p, (unsigned char)R->delim);
    csv_set_blk_size(&w.p, 1 << 16);   /* as the fast reader's: long fields grow fast */
    struct cor_panel_scan sc = {0, 0, R->delim != '\t'};
    unsigned long line = 1, seg_line = 1;
    int prev_cr = 0, in_data = 0;
    off_t seg = R->data_start, rec = -1;
    unsigned long rec_line = 0;
    /* the lines before the data, then the data record by record */
    for (off_t at = 0; st == COR_OK && at < R->size;) {
        size_t want = (size_t)(R->size - at) < R->chunk ? (size_t)(R->size - at) : R->chunk;
        ssize_t got = pread(R->fd, buf, want, at);
        if (got <= 0) {
            st = COR_EIO;
            break;
        }
        size_t n = (size_t)got, i = 0;
        if (!in_data) {   /* count the line ends before the data */
            size_t end = at + (off_t)n <= R->data_start ? n : (size_t)(R->data_start - at);
            for (; i < end; i++) {
                line += buf[i] == '\r' || (buf[i] == '\n' && !prev_cr);
                prev_cr = buf[i] == '\r';
            }
            if (at + (off_t)i < R->data_start) {
                at += got;
                continue;
            }
            in_data = 1;
            seg_line = line;
        }
        while (st == COR_OK && i < n) {
            size_t e = i + cor_panel_scan_line(&sc, buf + i, n - i, 1);
            if (sc.begun && rec < 0) {
                rec = seg;
                rec_line = seg_line;
            }
            for (size_t j = i; j < e; j++) {   /* line ends inside quotes */
                line += buf[j] == '\r' || (buf[j] == '\n' && !prev_cr);
                prev_cr = buf[j] == '\r';
            }
            if (e == n) {   /* the record goes on in the next read */
                size_t from = rec > at ? (size_t)(rec - at) : 0;
                if (rec >= 0 && !walk_keep(&w, buf + from, n - from))
                    st = COR_ENOMEM;
                break;
            }
            /* a CR or LF outside quotes: it ends the record, if one began */
            line += buf[e] == '\r' || (buf[e] == '\n' && !prev_cr);
            prev_cr = buf[e] == '\r';
            if (rec >= 0) {
                size_t from = rec > at ? (size_t)(rec - at) : 0;
                st = walk_record(&w, buf + from, e - from, rec_line, fn, user);
            }
            rec = -1;
            sc.begun = 0;
            i = e + 1;
            seg = at + (off_t)i;
            seg_line = line;
        }
        at += got;
    }
    if (st == COR_OK && rec >= 0)   /* the last record, without a line end (all kept) */
        st = walk_record(&w, "", 0, rec_line, fn, user);
    csv_free(&w.p);
    free(buf);
    free(w.rec);
    free(w.text);
    free(w.cell);
    return st == COR_EINVAL ? COR_OK : st;
}

struct row_lines {
    const size_t *want;
    size_t nwant, next, index;   /* index: of the next data row */
    unsigned long *line;
};

static enum cor_status lines_row(struct walk *w, unsigned long line, void *user)
{
    struct row_lines *r = user;
    (void)w;
    while (r->next < r->nwant && r->want[r->next] == r->index)
        r->line[r->next++] = line;
    r->index++;
    return r->next == r->nwant ? COR_EINVAL : COR_OK;   /* EINVAL: stop, all found */
}

enum cor_status cor_panel_row_lines(struct cor_panel_run *R, const size_t *want, size_t nwant,
                                    unsigned long *line)
{
    struct row_lines rl = {want, nwant, 0, 0, line};
    for (size_t i = 0; i < nwant; i++)
        line[i] = 0;
    return nwant ? walk_records(R, 0, lines_row, &rl) : COR_OK;
}

struct keyed_rows {
    cor_panel_keyed_fn fn;
    void *user;
};

static enum cor_status keyed_row(struct walk *w, unsigned long line, void *user)
{
    struct keyed_rows *x = user;
    const struct cor_panel_run *R = w->R;
    if (w->ncells < R->ncols)
        return COR_OK;   /* cannot be: the fast reader refused any ragged row */
    double d;
    enum cor_status st;
    size_t vc = (size_t)R->value_col;
    if (value_cell(R, w->text + w->cell[vc].off, w->cell[vc].len, &d, &st) != CELL_OK ||
        isnan(d))
        return COR_OK;   /* a row without a value */
    const char *text[COR_PANEL_MAX_COLS];
    size_t len[COR_PANEL_MAX_COLS];
    for (size_t c = 0; c < R->ncols; c++) {
        int k = R->key_of[c];
        if (k >= 0) {
            len[k] = w->cell[c].len;
            text[k] = trim(w->text + w->cell[c].off, &len[k]);
        }
    }
    return x->fn(x->user, text, len, line);
}

enum cor_status cor_panel_keyed_rows(struct cor_panel_run *R, cor_panel_keyed_fn fn, void *user)
{
    struct keyed_rows x = {fn, user};
    return walk_records(R, 1, keyed_row, &x);
}

/* ---- both parts ----------------------------------------------------------------------- */

/* Byte offset just after the first CR or LF outside quotes at or after
 * `from`, the quote parity there being `parity`; the file size if none. */
static off_t line_end(struct cor_panel_run *R, char *buf, off_t from, int parity)
{
    for (off_t at = from; at < R->size;) {
        size_t want = (size_t)(R->size - at) < R->chunk ? (size_t)(R->size - at) : R->chunk;
        ssize_t got = pread(R->fd, buf, want, at);
        if (got <= 0)
            break;
        for (ssize_t i = 0; i < got; i++) {
            if (buf[i] == '"')
                parity ^= 1;
            else if ((buf[i] == '\n' || buf[i] == '\r') && !parity)
                return at + i + 1;
        }
        at += got;
    }
    return R->size;
}

/* Parity of the count of quotes in [from, to). */
static int quote_parity(struct cor_panel_run *R, char *buf, off_t from, off_t to)
{
    int parity = 0;
    for (off_t at = from; at < to;) {
        size_t want = (size_t)(to - at) < R->chunk ? (size_t)(to - at) : R->chunk;
        ssize_t got = pread(R->fd, buf, want, at);
        if (got <= 0)
            break;
        for (const char *s = buf, *e = buf + got; (s = memchr(s, '"', (size_t)(e - s))); s++)
            parity ^= 1;
        at += got;
    }
    return parity;
}

enum cor_status cor_panel_read(struct cor_panel_run *R)
{
    off_t cut = R->size;
    if (R->two && R->size - R->data_start > 4 * (off_t)R->chunk) {
        char *buf = malloc(R->chunk);
        if (!buf)
            return cor_panel_oom(R);
        off_t mid = R->data_start + (R->size - R->data_start) / 2;
        cut = line_end(R, buf, mid, quote_parity(R, buf, R->data_start, mid));
        free(buf);
    }
    R->nparts = cut < R->size ? 2 : 1;
    for (size_t i = 0; i < 2; i++) {
        struct cor_panel_part *P = &R->parts[i];
        P->run = R;
        P->index = (int)i;
        P->ncols = R->ncols;   /* what on_field reads, at hand */
        P->nkeys = R->sp->nkeys;
        P->key_of = R->key_of;
        P->value_col = R->value_col;
        P->time_col = R->time_col;
        P->plain = R->plain;
        P->year_min = R->year_min;
        P->year_max = R->year_max;
        /* numbered: share and growth keep a group per row, hhi marks its parts */
        cor_panel_groups_init(&P->groups, R->sp->nkeys, cor_panel_payload(R->sp->op),
                              R->copy || R->sp->op == COR_PANEL_HHI);
        cor_panel_groups_init(&P->seen, 2, sizeof(uint64_t), 0);
        P->begin = i == 0 ? R->data_start : cut;
        P->end = i == 0 ? cut : R->size;
    }
    pthread_t th;
    int threaded = R->nparts == 2 && pthread_create(&th, NULL, parse_part, &R->parts[1]) == 0;
    parse_part(&R->parts[0]);
    if (threaded)
        pthread_join(th, NULL);
    else if (R->nparts == 2)
        parse_part(&R->parts[1]);
    if (R->sp->progress)
        R->sp->progress(R->sp->progress_user, (unsigned long long)(R->size - R->data_start),
                        (unsigned long long)(R->size - R->data_start));
    size_t rows = 0;
    for (size_t i = 0; i < R->nparts; i++) {
        const struct cor_panel_part *P = &R->parts[i];
        if (P->oom)
            return cor_panel_oom(R);
        if (P->io_error)
            return cor_error_set(R->err, COR_EIO, R->name, 0, 0, "read error");
        rows += P->nrows + P->bad;
    }
    if (rows >= UINT32_MAX || R->parts[0].too_many || R->parts[1].too_many)
        return cor_error_set(R->err, COR_ERANGE, R->name, 0, 0,
                             "more than %lu data rows: the panel's limit",
                             (unsigned long)UINT32_MAX - 1);
    for (size_t i = 0; i < R->nparts; i++)
        if (R->parts[i].bad || R->parts[i].csv_error)
            return report_malformed(R);
    return COR_OK;
}
