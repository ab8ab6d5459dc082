/* Streaming CSV reader: libcsv parses, a mirror state machine tracks where
 * each field starts. Both see the same bytes in the same order, so the k-th
 * field libcsv reports is the k-th start the tracker recorded. */
#include "corridor/csvread.h"
#include "corridor/utf8.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum track_state {
    T_RECORD_START,   /* between records (blank lines are skipped) */
    T_FIELD_START,    /* just after a comma */
    T_UNQUOTED,
    T_QUOTED,
    T_QUOTE_SEEN      /* a quote inside a quoted field: escaped or closing */
};

struct pos {
    unsigned long line, col;
};

struct field_ref {
    size_t offset, len;
    struct pos at;
};

/* Invalid text found by the tracker, waiting for its row. */
struct bad_ref {
    size_t record;           /* the tracker's count, 1-based */
    struct pos field_at;     /* where its field began */
    struct cor_csv_bad bad;
};

struct cor_csv_reader {
    struct csv_parser parser;
    const char *path;
    cor_csv_row_fn fn;
    void *user;

    /* tracker */
    enum track_state state;
    struct pos pos;          /* position of the next byte */
    int prev_cr;
    struct pos *starts;      /* field starts not yet claimed by libcsv */
    size_t nstarts, starts_head, starts_cap;
    struct pos *ends;        /* record ends not yet claimed */
    size_t nends, ends_head, ends_cap;

    /* the row being assembled */
    char *text;
    size_t text_len, text_cap;
    struct field_ref *refs;
    size_t nrefs, refs_cap;
    struct cor_csv_field *fields;
    size_t fields_cap;
    size_t records;

    /* text check (check_text) */
    struct cor_utf8 utf8;    /* the character being decoded */
    struct pos char_at;      /* where it began */
    size_t trecord;          /* the record the tracker is in */
    struct pos field_at;     /* where the tracker's field began */
    struct bad_ref *bads;    /* not yet claimed by a row */
    size_t nbads, bads_head, bads_cap;
    struct cor_csv_bad *row_bad;
    size_t row_bad_cap;

    unsigned char bom[3];    /* BOM bytes matched so far at the start */
    size_t bom_len;
    int started;             /* past the BOM check */
    enum cor_status cb_status;
    struct cor_error *err;
    unsigned char delim;     /* the field separator: ',' unless set */
};

static int never_space(unsigned char c)
{
    (void)c;
    return 0;
}

struct cor_csv_reader *cor_csv_reader_new(const char *path, cor_csv_row_fn fn, void *user)
{
    struct cor_csv_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        free(r);
        return NULL;
    }
    /* keep spaces: the tracker and libcsv must agree on where fields start */
    csv_set_space_func(&r->parser, never_space);
    r->path = path ? path : "";
    r->fn = fn;
    r->user = user;
    r->pos = (struct pos){1, 1};
    r->state = T_RECORD_START;
    r->delim = ',';
    return r;
}

void cor_csv_reader_free(struct cor_csv_reader *r)
{
    if (!r)
        return;
    csv_free(&r->parser);
    free(r->starts);
    free(r->ends);
    free(r->text);
    free(r->refs);
    free(r->fields);
    free(r->bads);
    free(r->row_bad);
    free(r);
}

static int push_pos(struct pos **v, size_t *n, size_t *cap, struct pos p)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        struct pos *nv = realloc(*v, c * sizeof *nv);
        if (!nv)
            return 0;
        *v = nv;
        *cap = c;
    }
    (*v)[(*n)++] = p;
    return 1;
}

/* Moves p past byte c. */
static void advance(struct pos *p, int *prev_cr, unsigned char c)
{
    if (c == '\n') {
        if (!*prev_cr) {
            p->line++;
            p->col = 1;
        }
        *prev_cr = 0;
    } else if (c == '\r') {
        p->line++;
        p->col = 1;
        *prev_cr = 1;
    } else {
        if ((c & 0xC0) != 0x80)   /* not a UTF-8 continuation byte */
            p->col++;
        *prev_cr = 0;
    }
}

/* Notes invalid text at `at`: the first problem of each field. */
static int note_bad(struct cor_csv_reader *r, struct pos at, const char *what, uint32_t cp)
{
    if (r->nstarts)
        r->field_at = r->starts[r->nstarts - 1];   /* where this field (or, at a
                                                    * record's first byte, the
                                                    * one before) began */
    if (r->nbads > r->bads_head && r->bads[r->nbads - 1].record == r->trecord &&
        r->bads[r->nbads - 1].field_at.line == r->field_at.line &&
        r->bads[r->nbads - 1].field_at.col == r->field_at.col)
        return 1;
    if (r->nbads == r->bads_cap) {
        size_t cap = r->bads_cap ? r->bads_cap * 2 : 16;
        struct bad_ref *v = realloc(r->bads, cap * sizeof *v);
        if (!v)
            return 0;
        r->bads = v;
        r->bads_cap = cap;
    }
    r->bads[r->nbads++] = (struct bad_ref){r->trecord, r->field_at, {at.line, at.col, what, cp}};
    return 1;
}

/* The text check: every byte goes through a UTF-8 decoder; invalid UTF-8,
 * NUL and control characters other than tab and line breaks are noted where
 * they are. */
static int check_text(struct cor_csv_reader *r, unsigned char c, struct pos here)
{
    uint32_t cp = 0;
    if (r->utf8.need == 0)
        r->char_at = here;
    enum cor_utf8_step s = cor_utf8_feed(&r->utf8, c, &cp);
    if (s == COR_UTF8_BAD_AGAIN) {
        if (!note_bad(r, r->char_at, "invalid UTF-8", 0))
            return 0;
        r->char_at = here;
        s = cor_utf8_feed(&r->utf8, c, &cp);
    }
    if (s == COR_UTF8_BAD)
        return note_bad(r, r->char_at, "invalid UTF-8", 0);
    if (s == COR_UTF8_CHAR && cor_utf8_is_control(cp))
        return note_bad(r, r->char_at, cp == 0 ? "NUL byte" : "control character", cp);
    return 1;
}

static int track(struct cor_csv_reader *r, const unsigned char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = buf[i];
        int term = c == '\n' || c == '\r';
        struct pos here = r->pos;
        if (r->state == T_RECORD_START && !term)
            r->trecord++;   /* a record begins */
        if (!check_text(r, c, here))
            return 0;
        switch (r->state) {
        case T_RECORD_START:
            if (term)
                break;
            if (!push_pos(&r->starts, &r->nstarts, &r->starts_cap, here))
                return 0;
            r->state = T_FIELD_START; /* this byte begins the first field */
            /* fall through */
        case T_FIELD_START:
            if (c == '"')
                r->state = T_QUOTED;
            else if (c == r->delim) {
                struct pos next = {here.line, here.col + 1};
                if (!push_pos(&r->starts, &r->nstarts, &r->starts_cap, next))
                    return 0;
                r->state = T_FIELD_START;
            } else if (term) {
                if (!push_pos(&r->ends, &r->nends, &r->ends_cap, here))
                    return 0;
                r->state = T_RECORD_START;
            } else
                r->state = T_UNQUOTED;
            break;
        case T_UNQUOTED:
        case T_QUOTE_SEEN:
            if (r->state == T_QUOTE_SEEN && c == '"') {
                r->state = T_QUOTED;      /* "" inside quotes */
            } else if (c == r->delim) {
                struct pos next = {here.line, here.col + 1};
                if (!push_pos(&r->starts, &r->nstarts, &r->starts_cap, next))
                    return 0;
                r->state = T_FIELD_START;
            } else if (term) {
                if (!push_pos(&r->ends, &r->nends, &r->ends_cap, here))
                    return 0;
                r->state = T_RECORD_START;
            } else
                r->state = T_UNQUOTED;
            break;
        case T_QUOTED:
            if (c == '"')
                r->state = T_QUOTE_SEEN;
            break;
        }
        advance(&r->pos, &r->prev_cr, c);
    }
    return 1;
}

static void on_field(void *s, size_t len, void *data)
{
    struct cor_csv_reader *r = data;
    if (r->cb_status != COR_OK)
        return;
    if (r->text_len + len + 1 > r->text_cap) {
        size_t cap = r->text_cap ? r->text_cap : 256;
        while (cap < r->text_len + len + 1)
            cap *= 2;
        char *t = realloc(r->text, cap);
        if (!t) {
            r->cb_status = COR_ENOMEM;
            return;
        }
        r->text = t;
        r->text_cap = cap;
    }
    if (r->nrefs == r->refs_cap) {
        size_t cap = r->refs_cap ? r->refs_cap * 2 : 16;
        struct field_ref *refs = realloc(r->refs, cap * sizeof *refs);
        if (!refs) {
            r->cb_status = COR_ENOMEM;
            return;
        }
        r->refs = refs;
        r->refs_cap = cap;
    }
    struct pos at = {0, 0};
    if (r->starts_head < r->nstarts)
        at = r->starts[r->starts_head++];
    if (len)
        memcpy(r->text + r->text_len, s, len);
    r->text[r->text_len + len] = '\0';
    r->refs[r->nrefs++] = (struct field_ref){r->text_len, len, at};
    r->text_len += len + 1;
}

/* Drops the claimed entries [0, head) of a queue once they are at least half
 * of it (amortised O(1) per entry). */
static void compact(struct pos *v, size_t *head, size_t *n)
{
    if (*head == *n) {
        *head = *n = 0;
    } else if (*head >= 1024 && *head * 2 >= *n) {
        memmove(v, v + *head, (*n - *head) * sizeof *v);
        *n -= *head;
        *head = 0;
    }
}

static void on_record(int term, void *data)
{
    struct cor_csv_reader *r = data;
    (void)term;
    struct pos end = r->pos;
    if (r->ends_head < r->nends)
        end = r->ends[r->ends_head++];
    if (r->cb_status == COR_OK) {
        if (r->nrefs > r->fields_cap) {
            struct cor_csv_field *f = realloc(r->fields, r->nrefs * sizeof *f);
            if (!f)
                r->cb_status = COR_ENOMEM;
            else {
                r->fields = f;
                r->fields_cap = r->nrefs;
            }
        }
    }
    /* the invalid text of this record (the tracker is ahead of libcsv) */
    size_t nbad = 0;
    while (r->cb_status == COR_OK && r->bads_head < r->nbads &&
           r->bads[r->bads_head].record <= r->records + 1) {
        if (nbad == r->row_bad_cap) {
            size_t cap = r->row_bad_cap ? r->row_bad_cap * 2 : 4;
            struct cor_csv_bad *v = realloc(r->row_bad, cap * sizeof *v);
            if (!v) {
                r->cb_status = COR_ENOMEM;
                break;
            }
            r->row_bad = v;
            r->row_bad_cap = cap;
        }
        r->row_bad[nbad++] = r->bads[r->bads_head++].bad;
    }
    if (r->bads_head == r->nbads)
        r->bads_head = r->nbads = 0;
    if (r->cb_status == COR_OK) {
        for (size_t i = 0; i < r->nrefs; i++)
            r->fields[i] = (struct cor_csv_field){r->text + r->refs[i].offset, r->refs[i].len,
                                                  r->refs[i].at.line, r->refs[i].at.col};
        struct cor_csv_row row = {r->fields, r->nrefs, ++r->records,
                                  r->nrefs ? r->refs[0].at.line : end.line,
                                  end.line, end.col, r->row_bad, nbad};
        r->cb_status = r->fn(&row, r->user);
    }
    r->nrefs = 0;
    r->text_len = 0;
    /* claimed positions belong to finished rows: drop them, so that the
     * queues hold one chunk's positions, not the whole file's */
    compact(r->starts, &r->starts_head, &r->nstarts);
    compact(r->ends, &r->ends_head, &r->nends);
}

/* Position of byte `offset` of a chunk that began at `start`. */
static struct pos locate(struct pos start, int prev_cr, const unsigned char *buf, size_t offset)
{
    for (size_t i = 0; i < offset; i++)
        advance(&start, &prev_cr, buf[i]);
    return start;
}

/* A field separator as the --delimiter option writes it. */
static const char *separator_name(unsigned char c)
{
    return c == '\t' ? "tab" : c == ',' ? "','" : c == ';' ? "';'" : "'|'";
}

static enum cor_status feed_raw(struct cor_csv_reader *r, const unsigned char *buf, size_t n,
                                struct cor_error *err)
{
    struct pos chunk_start = r->pos;
    int chunk_prev_cr = r->prev_cr;
    if (!track(r, buf, n))
        return cor_error_set(err, COR_ENOMEM, r->path, 0, 0, "out of memory");
    size_t done = csv_parse(&r->parser, buf, n, on_field, on_record, r);
    if (r->cb_status != COR_OK)
        return r->cb_status;
    if (done != n) {
        if (csv_error(&r->parser) == CSV_ENOMEM || csv_error(&r->parser) == CSV_ETOOBIG)
            return cor_error_set(err, COR_ENOMEM, r->path, 0, 0, "out of memory");
        struct pos at = locate(chunk_start, chunk_prev_cr, buf, done);
        unsigned char c = buf[done];
        if (c != '"' && c != r->delim && c && strchr(",;\t|", c)) {
            /* "a","b" read with --delimiter ';': the file uses another separator */
            const char *d = separator_name(c);
            return cor_error_set(err, COR_EPARSE, r->path, at.line, at.col,
                                 "unexpected %s after a closing quote: the file looks "
                                 "%s-separated: read it with --delimiter %s",
                                 d, d, d);
        }
        return cor_error_set(err, COR_EPARSE, r->path, at.line, at.col,
                             c == '"'
                                 ? "stray quote in an unquoted field (quote the whole field and double the quote)"
                                 : "unexpected character after a closing quote");
    }
    return COR_OK;
}

static const unsigned char bom_bytes[3] = {0xEF, 0xBB, 0xBF};

enum cor_status cor_csv_reader_feed(struct cor_csv_reader *r, const char *buf, size_t n,
                                    struct cor_error *err)
{
    const unsigned char *b = (const unsigned char *)buf;
    while (!r->started && n > 0) {
        if (b[0] == bom_bytes[r->bom_len]) {
            r->bom[r->bom_len++] = b[0];
            b++;
            n--;
            if (r->bom_len == 3) {
                r->started = 1;   /* a whole BOM: drop it */
                r->bom_len = 0;
            }
        } else {
            r->started = 1;       /* not a BOM: replay what was held back */
            if (r->bom_len) {
                size_t held = r->bom_len;
                r->bom_len = 0;
                enum cor_status st = feed_raw(r, r->bom, held, err);
                if (st != COR_OK)
                    return st;
            }
        }
    }
    if (n == 0)
        return COR_OK;
    return feed_raw(r, b, n, err);
}

enum cor_status cor_csv_reader_finish(struct cor_csv_reader *r, struct cor_error *err)
{
    if (!r->started && r->bom_len) {
        size_t held = r->bom_len;
        r->started = 1;
        r->bom_len = 0;
        enum cor_status st = feed_raw(r, r->bom, held, err);
        if (st != COR_OK)
            return st;
    }
    if (r->utf8.need && !note_bad(r, r->char_at, "invalid UTF-8", 0))
        return cor_error_set(err, COR_ENOMEM, r->path, 0, 0, "out of memory");
    cor_utf8_reset(&r->utf8);
    if (r->state == T_QUOTED) {
        struct pos at = r->nstarts ? r->starts[r->nstarts - 1] : r->pos;
        return cor_error_set(err, COR_EPARSE, r->path, at.line, at.col,
                             "quoted field is never closed");
    }
    if (r->state != T_RECORD_START &&
        !push_pos(&r->ends, &r->nends, &r->ends_cap, r->pos))
        return cor_error_set(err, COR_ENOMEM, r->path, 0, 0, "out of memory");
    if (csv_fini(&r->parser, on_field, on_record, r) != 0 && r->cb_status == COR_OK)
        return cor_error_set(err, COR_EPARSE, r->path, r->pos.line, r->pos.col,
                             "malformed CSV at end of file");
    r->state = T_RECORD_START;
    return r->cb_status;
}

size_t cor_csv_row_width(const struct cor_csv_row *row, size_t header)
{
    if (row->nfields == header + 1 && row->fields[header].len == 0)
        return header;
    return row->nfields;
}

void cor_csv_reader_set_delimiter(struct cor_csv_reader *r, char delim)
{
    r->delim = (unsigned char)delim;
    csv_set_delim(&r->parser, r->delim);
}

enum cor_status cor_csv_read_file(const char *path, size_t chunk, cor_csv_row_fn fn,
                                  void *user, struct cor_error *err)
{
    return cor_csv_read_file_delim(path, chunk, ',', fn, user, err);
}

enum cor_status cor_csv_read_file_delim(const char *path, size_t chunk, char delim,
                                        cor_csv_row_fn fn, void *user, struct cor_error *err)
{
    int use_stdin = strcmp(path, "-") == 0;
    FILE *f = use_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return cor_error_set(err, COR_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    if (chunk == 0)
        chunk = 64 * 1024;
    enum cor_status st = COR_OK;
    char *buf = malloc(chunk);
    struct cor_csv_reader *r = cor_csv_reader_new(use_stdin ? "<stdin>" : path, fn, user);
    if (!buf || !r) {
        st = cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    cor_csv_reader_set_delimiter(r, delim);
    size_t n;
    while ((n = fread(buf, 1, chunk, f)) > 0) {
        st = cor_csv_reader_feed(r, buf, n, err);
        if (st != COR_OK)
            goto out;
    }
    if (ferror(f)) {
        st = cor_error_set(err, COR_EIO, path, 0, 0, "read error: %s", strerror(errno));
        goto out;
    }
    st = cor_csv_reader_finish(r, err);
out:
    cor_csv_reader_free(r);
    free(buf);
    if (!use_stdin)
        fclose(f);
    return st;
}
