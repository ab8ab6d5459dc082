/* panel_csv_check.h - the panel's CSV parse (cor_panel_csv, src/panel/
 * panel_csv.c) against libcsv itself: both read the same bytes, in pieces
 * of a given size, and write a transcript of their callbacks (each field's
 * length and bytes, each record's line end) and of their error; the two
 * transcripts must be the same byte for byte. For tests/unit/
 * test_panel_csv.c and tests/fuzz/fuzz_panel.c. */
#ifndef COR_PANEL_CSV_CHECK_H
#define COR_PANEL_CSV_CHECK_H

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/panel/panel_internal.h"

struct transcript {
    char *b;
    size_t n, cap;
};

static void transcript_put(struct transcript *t, const void *s, size_t n)
{
    if (t->n + n > t->cap) {
        size_t c = t->cap ? t->cap * 2 : 256;
        while (c < t->n + n)
            c *= 2;
        char *b = realloc(t->b, c);
        if (!b)
            abort();
        t->b = b;
        t->cap = c;
    }
    if (n)
        memcpy(t->b + t->n, s, n);
    t->n += n;
}

static void transcript_field(void *s, size_t n, void *user)
{
    struct transcript *t = user;
    transcript_put(t, "F", 1);
    transcript_put(t, &n, sizeof n);
    transcript_put(t, s, s ? n : 0);
}

static void transcript_record(int term, void *user)
{
    struct transcript *t = user;
    transcript_put(t, "R", 1);
    transcript_put(t, &term, sizeof term);
}

static void transcript_error(struct transcript *t, int code)
{
    transcript_put(t, "E", 1);
    transcript_put(t, &code, sizeof code);
}

/* libcsv (as the panel read with it: CSV_STRICT | CSV_STRICT_FINI) */
static void transcript_libcsv(const char *s, size_t n, char delim, size_t piece,
                              struct transcript *t)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        abort();
    csv_set_delim(&p, (unsigned char)delim);
    int err = 0;
    for (size_t at = 0; at < n && !err; at += piece) {
        size_t k = n - at < piece ? n - at : piece;
        if (csv_parse(&p, s + at, k, transcript_field, transcript_record, t) != k)
            err = 1;
    }
    if (err || csv_fini(&p, transcript_field, transcript_record, t) != 0)
        transcript_error(t, csv_error(&p));
    csv_free(&p);
}

static void transcript_panel(const char *s, size_t n, char delim, size_t piece,
                             struct transcript *t)
{
    struct cor_panel_csv c;
    if (cor_panel_csv_init(&c, delim, transcript_field, transcript_record, t) != 0)
        abort();
    int err = 0;
    for (size_t at = 0; at < n && !err; at += piece) {
        size_t k = n - at < piece ? n - at : piece;
        /* each piece in a buffer of its own size: a search past it would
         * be caught by the sanitizers */
        char *own = malloc(k);
        if (!own)
            abort();
        memcpy(own, s + at, k);
        if (cor_panel_csv_parse(&c, own, k) != k)
            err = 1;
        free(own);
    }
    if (err || cor_panel_csv_fini(&c) != 0)
        transcript_error(t, cor_panel_csv_error(&c));
    cor_panel_csv_free(&c);
}

/* 1 when the panel's parse of s[0..n) in pieces of `piece` bytes gives
 * libcsv's callbacks and error (libcsv reading it whole). */
static int panel_csv_agrees(const char *s, size_t n, char delim, size_t piece)
{
    struct transcript a = {0}, b = {0};
    transcript_libcsv(s, n, delim, n ? n : 1, &a);
    transcript_panel(s, n, delim, piece, &b);
    int same = a.n == b.n && (a.n == 0 || memcmp(a.b, b.b, a.n) == 0);
    free(a.b);
    free(b.b);
    return same;
}

#endif
