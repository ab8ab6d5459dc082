/* The extraction: reduce, cut into sentences, read each sentence (see
 * extract.h). */
#include "corridor/extract.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_internal.h"

void *cor_x_grow(void *p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return p;
    size_t c = *cap ? *cap * 2 : 16;
    void *q = realloc(p, c * size);
    if (q)
        *cap = c;
    return q;
}

struct cor_extract *cor_extract_new(void)
{
    return calloc(1, sizeof(struct cor_extract));
}

void cor_extract_free(struct cor_extract *ex)
{
    if (!ex)
        return;
    free(ex->text);
    free(ex->map);
    free(ex->lines);
    free(ex->sent);
    free(ex->f);
    free(ex->toks);
    free(ex);
}

enum cor_status cor_extract_run(struct cor_extract *ex, const char *path, const char *text,
                                size_t len, enum cor_text_format fmt,
                                const struct cor_extract_opts *opts, struct cor_error *err)
{
    ex->nsent = ex->nf = ex->len = 0;
    ex->year = ex->year_from_text = 0;
    ex->in = text ? text : "";
    ex->in_len = text ? len : 0;
    if (fmt == COR_TEXT_AUTO)
        fmt = cor_extract_guess_format(path, ex->in, ex->in_len);
    enum cor_status st = cor_x_reduce(ex, path, fmt, err);
    if (st == COR_OK && (st = cor_x_sentences(ex)) != COR_OK)
        cor_error_set(err, st, path, 0, 0, "out of memory");
    if (st == COR_OK) {
        ex->year_from_text = cor_x_date_line_year(ex);
        ex->year = opts && opts->year ? opts->year : ex->year_from_text;
        for (size_t i = 0; i < ex->nsent && st == COR_OK; i++) {
            st = cor_x_tokenize(ex, ex->sent[i].start, ex->sent[i].end);
            if (st == COR_OK)
                st = cor_x_grammar(ex, i);
        }
        if (st != COR_OK)
            cor_error_set(err, st, path, 0, 0, "out of memory");
    }
    ex->in = NULL;
    ex->in_len = 0;
    if (st != COR_OK)
        ex->nsent = ex->nf = 0;
    return st;
}

enum cor_status cor_extract_file(struct cor_extract *ex, const char *path,
                                 enum cor_text_format fmt, const struct cor_extract_opts *opts,
                                 struct cor_error *err)
{
    int std = strcmp(path, "-") == 0;
    FILE *f = std ? stdin : fopen(path, "rb");
    if (!f)
        return cor_error_set(err, COR_EIO, path, 0, 0, "cannot read: %s", strerror(errno));
    char *buf = NULL;
    size_t len = 0, cap = 0;
    enum cor_status st = COR_OK;
    for (;;) {
        if (len == cap) {
            size_t c = cap ? cap * 2 : 65536;
            char *b = realloc(buf, c);
            if (!b) {
                st = cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
                break;
            }
            buf = b;
            cap = c;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f))
                st = cor_error_set(err, COR_EIO, path, 0, 0, "cannot read: %s",
                                   strerror(errno));
            break;
        }
    }
    if (!std)
        fclose(f);
    if (st == COR_OK)
        st = cor_extract_run(ex, path, buf, len,
                             fmt == COR_TEXT_AUTO ? cor_extract_guess_format(path, buf, len) : fmt,
                             opts, err);
    free(buf);
    return st;
}

const char *cor_extract_text(const struct cor_extract *ex, size_t *len)
{
    if (len)
        *len = ex->len;
    return ex->text ? ex->text : "";
}

size_t cor_extract_sentence_count(const struct cor_extract *ex)
{
    return ex->nsent;
}

const struct cor_sentence *cor_extract_sentence(const struct cor_extract *ex, size_t i)
{
    return i < ex->nsent ? &ex->sent[i] : NULL;
}

size_t cor_extract_count(const struct cor_extract *ex)
{
    return ex->nf;
}

const struct cor_finding *cor_extract_at(const struct cor_extract *ex, size_t i)
{
    return i < ex->nf ? &ex->f[i] : NULL;
}

int cor_extract_year(const struct cor_extract *ex)
{
    return ex->year;
}

const char *cor_find_name(enum cor_find f)
{
    static const char *const names[COR_FIND_KINDS] = {
        "figure", "date", "time", "name", "ordinal", "year", "duration", "period part",
        "count in words", "reference", "list number", "address"};
    return (unsigned)f < COR_FIND_KINDS ? names[f] : "?";
}

const char *cor_guess_name(enum cor_guess g)
{
    static const char *const names[COR_GUESS_KINDS] = {
        "value", "growth", "multiple", "share", "change", "record", "first_time", "rank",
        "cagr", "pp_change"};
    return (unsigned)g < COR_GUESS_KINDS ? names[g] : "?";
}
