/* libFuzzer target: the dataset loader and its validation.
 *
 * 1. The CSV reader, fed in chunks of every size up to 16 bytes and of
 *    eight larger sizes, must give what it gives for the whole input at
 *    once: the same rows, fields, positions and invalid-text findings, and
 *    the same error where it stops.
 * 2. The input, cut at each form feed (\f) into up to four files of one
 *    folder, is loaded (cor_dataset_load: every kind, sources across files)
 *    and checked (cor_dataset_check); every finding must lie inside its
 *    file. The loader reads through the same reader, row by row, so the
 *    chunk sizes of step 1 cover it. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include "corridor.h"
#include "fuzzutil.h"

/* Everything the reader reports, written out as text. */
static enum cor_status record(const struct cor_csv_row *row, void *user)
{
    FILE *f = user;
    fprintf(f, "row %zu line %lu end %lu:%lu\n", row->index, row->line, row->end_line,
            row->end_col);
    for (size_t i = 0; i < row->nfields; i++) {
        fprintf(f, " field %lu:%lu %zu ", row->fields[i].line, row->fields[i].col,
                row->fields[i].len);
        fwrite(row->fields[i].text, 1, row->fields[i].len, f);
        fputc('\n', f);
    }
    for (size_t i = 0; i < row->nbad; i++)
        fprintf(f, " bad %lu:%lu %s %lx\n", row->bad[i].line, row->bad[i].col, row->bad[i].what,
                row->bad[i].cp);
    return COR_OK;
}

static char *read_chunked(const uint8_t *data, size_t len, size_t chunk, size_t *out_len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, out_len);
    FUZZ_CHECK(f != NULL);
    struct cor_csv_reader *r = cor_csv_reader_new("f.csv", record, f);
    FUZZ_CHECK(r != NULL);
    struct cor_error err = {0};
    enum cor_status st = COR_OK;
    for (size_t at = 0; at < len && st == COR_OK; at += chunk)
        st = cor_csv_reader_feed(r, (const char *)data + at, len - at < chunk ? len - at : chunk,
                                 &err);
    if (st == COR_OK)
        st = cor_csv_reader_finish(r, &err);
    fprintf(f, "status %d at %lu:%lu %s\n", (int)st, err.line, err.col,
            st == COR_OK ? "" : err.message);
    cor_csv_reader_free(r);
    fclose(f);
    return buf;
}

static void reader_every_chunk(const uint8_t *data, size_t len)
{
    size_t ref_len = 0;
    char *ref = read_chunked(data, len, len ? len : 1, &ref_len);
    /* every chunk size up to 16 bytes (where a BOM, a CRLF, a quote pair or a
     * UTF-8 character is cut), then eight more spread over the input */
    for (size_t k = 1; k <= 24 && k < len; k++) {
        size_t chunk = k <= 16 ? k : 16 + (k - 16) * (len - 16) / 9;
        if (chunk < 1 || chunk >= len)
            continue;
        size_t n = 0;
        char *got = read_chunked(data, len, chunk, &n);
        if (n != ref_len || memcmp(got, ref, n) != 0) {
            fprintf(stderr, "chunk %zu differs from the whole input:\n%s\n---\n%s\n", chunk, got,
                    ref);
            abort();
        }
        free(got);
    }
    free(ref);
}

/* Lines in a file, counting CRLF, LF and CR as one break each (as the reader). */
static unsigned long count_lines(const uint8_t *d, size_t n)
{
    unsigned long lines = 1;
    for (size_t i = 0; i < n; i++)
        if (d[i] == '\n' || (d[i] == '\r' && !(i + 1 < n && d[i + 1] == '\n')))
            lines++;
    return lines;
}

static void load_folder(const uint8_t *data, size_t len)
{
    fuzz_clear();
    unsigned long lines[4] = {0};
    char names[4][16];
    size_t nfiles = 0, start = 0;
    while (nfiles < 4) {
        size_t end = start;
        while (end < len && (data[end] != '\f' || nfiles == 3))
            end++;   /* the fourth file takes the rest */
        snprintf(names[nfiles], sizeof names[0], "f%zu.csv", nfiles);
        fuzz_write(names[nfiles], data + start, end - start);
        lines[nfiles] = count_lines(data + start, end - start);
        nfiles++;
        if (end >= len)
            break;
        start = end + 1;
    }
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_dataset *ds = cor_dataset_new();
    struct cor_error err = {0};
    FUZZ_CHECK(ds != NULL);
    enum cor_status st = cor_dataset_load(ds, fuzz_dir(), &diags, &err);
    if (st == COR_OK)
        st = cor_dataset_check(ds, &diags, &err);
    FUZZ_CHECK(st == COR_OK || st == COR_ENOMEM);
    cor_diags_sort(&diags);
    char line[2048];
    for (size_t i = 0; i < diags.count; i++) {
        const struct cor_diag *d = &diags.items[i];
        FUZZ_CHECK(d->file < diags.nfiles);
        cor_diag_format(&diags, i, line, sizeof line);
        const char *base = strrchr(diags.files[d->file], '/');
        base = base ? base + 1 : diags.files[d->file];
        for (size_t k = 0; k < nfiles; k++)
            if (strcmp(base, names[k]) == 0)
                FUZZ_CHECK(d->line <= lines[k] && (d->line == 0 || d->col >= 1));
    }
    /* every record readable, every period printable */
    for (int k = 0; k < COR_KIND_COUNT; k++)
        for (size_t i = 0; i < cor_dataset_count(ds, (enum cor_kind)k); i++) {
            struct cor_record_ref rec = cor_dataset_record(ds, (enum cor_kind)k, i);
            FUZZ_CHECK(rec.kind == (enum cor_kind)k);
            FUZZ_CHECK(rec.origin->file < cor_dataset_file_count(ds));
        }
    cor_dataset_free(ds);
    cor_diags_fini(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    reader_every_chunk(data, len);
    load_folder(data, len);
    return 0;
}
