/* libFuzzer target for `corridor panel`: any bytes as a panel file, every
 * workload run with one thread and with two, on small reads (so that even a
 * short input is cut in two parts and copied back in many ranges). Both
 * runs must end the same way, report the same findings, and write the same
 * output but for the last bits of sums; never a crash, a leak or undefined
 * behaviour.
 *
 * The first byte chooses: bit 0, a header "reporter,partner,year,value"
 * put before the rest (in the chosen delimiter); bits 1-2, the delimiter
 * (, ; tab |); bit 3, decimal commas and thousands dots; bits 4-5, the read
 * size (64, 65, 100 or 4096 bytes). The rest is the file.
 *
 * The panel's own CSV parse (src/panel/panel_csv.c) must also give
 * libcsv's callbacks and errors byte for byte on the same bytes, read in
 * pieces of 1, 7 and 64 bytes and whole (tests/unit/panel_csv_check.h).
 *
 * Built with CORRIDOR_FUZZ=ON (tests/fuzz/CMakeLists.txt); a campaign:
 * scripts/fuzz panel SECONDS. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/panel_csv_check.h"
#include "corridor/panel.h"
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct outcome {
    enum cor_status st;
    char *out;
    size_t len;
    char *findings;   /* every finding, formatted, one a line */
    size_t flen;
};

static void run(const struct cor_panel_spec *sp, const char *path, struct outcome *o)
{
    FILE *out = open_memstream(&o->out, &o->len);
    FILE *fd_out = open_memstream(&o->findings, &o->flen);
    FUZZ_CHECK(out && fd_out);
    struct cor_diags d;
    cor_diags_init(&d);
    struct cor_error err = {0};
    o->st = cor_panel_run(sp, path, out, NULL, &d, &err);
    fclose(out);
    cor_diags_sort(&d);
    for (size_t i = 0; i < d.count; i++) {
        char line[1024];
        cor_diag_format(&d, i, line, sizeof line);
        fprintf(fd_out, "%s\n", line);
    }
    fclose(fd_out);
    cor_diags_fini(&d);
}

/* 1 if a and b are the same numbers to 1e-9 relative (1e-12 absolute), or
 * the same text. */
static int same_cell(const char *a, size_t na, const char *b, size_t nb)
{
    if (na == nb && memcmp(a, b, na) == 0)
        return 1;
    char x[64], y[64];
    if (na == 0 || nb == 0 || na >= sizeof x || nb >= sizeof y)
        return 0;
    memcpy(x, a, na);
    x[na] = '\0';
    memcpy(y, b, nb);
    y[nb] = '\0';
    char *ex, *ey;
    double u = strtod(x, &ex), v = strtod(y, &ey);
    if (*ex || *ey)
        return 0;
    return fabs(u - v) <= 1e-9 * fabs(v) + 1e-12 || (isinf(u) && u == v);
}

/* The outputs of the two runs agree line by line; a line that differs may
 * differ only in cells that are numbers close to each other. Cells are
 * split at the delimiter outside quotes. */
static int same_output(const struct outcome *a, const struct outcome *b, char delim)
{
    const char *p = a->out, *q = b->out, *pe = p + a->len, *qe = q + b->len;
    while (p < pe && q < qe) {
        int inq_p = 0, inq_q = 0;
        for (;;) {   /* one cell of each */
            const char *sp = p, *sq = q;
            while (p < pe && (inq_p || (*p != delim && *p != '\n')))
                inq_p ^= *p++ == '"';
            while (q < qe && (inq_q || (*q != delim && *q != '\n')))
                inq_q ^= *q++ == '"';
            if (!same_cell(sp, (size_t)(p - sp), sq, (size_t)(q - sq)))
                return 0;
            if (p == pe || q == qe || *p != *q)
                return p == pe && q == qe;
            if (*p++ == '\n') {
                q++;
                break;
            }
            q++;
        }
    }
    return p == pe && q == qe;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char delims[] = {',', ';', '\t', '|'};
    static const size_t chunks[] = {64, 65, 100, 4096};
    unsigned o = data[0];
    char delim = delims[(o >> 1) & 3];
    char head[32] = "";
    if (o & 1)
        snprintf(head, sizeof head, "reporter%cpartner%cyear%cvalue\n", delim, delim, delim);
    size_t hl = strlen(head);
    uint8_t *file = malloc(hl + size - 1 + 1);
    FUZZ_CHECK(file != NULL);
    memcpy(file, head, hl);
    memcpy(file + hl, data + 1, size - 1);
    const char *path = fuzz_write("panel.csv", file, hl + size - 1);
    static const size_t pieces[] = {1, 7, 64, (size_t)-1};
    for (size_t i = 0; i < sizeof pieces / sizeof *pieces; i++)
        FUZZ_CHECK(panel_csv_agrees((const char *)file, hl + size - 1, delim,
                                    pieces[i] == (size_t)-1 ? hl + size : pieces[i]));
    free(file);

    static const enum cor_panel_op ops[] = {COR_PANEL_SHARE, COR_PANEL_GROWTH, COR_PANEL_TREND,
                                            COR_PANEL_HHI};
    for (size_t w = 0; w < 4; w++) {
        struct cor_panel_spec sp;
        memset(&sp, 0, sizeof sp);
        sp.op = ops[w];
        sp.value = "value";
        sp.keys[0] = "reporter";
        sp.nkeys = 2;
        if (sp.op == COR_PANEL_SHARE || sp.op == COR_PANEL_HHI) {
            sp.keys[1] = "year";
            sp.part = sp.op == COR_PANEL_HHI ? "partner" : NULL;
        } else {
            sp.keys[1] = "partner";
            sp.time = "year";
        }
        sp.chunk = chunks[(o >> 4) & 3];
        cor_read_opts_init(&sp.read);
        sp.read.delimiter = delim;
        if (o & 8) {
            sp.read.decimal = ',';
            sp.read.thousands = '.';
        }
        struct outcome one, two;
        sp.threads = 1;
        run(&sp, path, &one);
        sp.threads = 2;
        run(&sp, path, &two);
        char out_delim = sp.op == COR_PANEL_SHARE || sp.op == COR_PANEL_GROWTH ? delim : ',';
        /* the thread count changes nothing but the last bits of sums */
        FUZZ_CHECK(one.st == two.st && one.flen == two.flen &&
                   memcmp(one.findings, two.findings, one.flen) == 0 &&
                   same_output(&one, &two, out_delim));
        /* no error once output has begun */
        FUZZ_CHECK(one.st == COR_OK || one.len == 0);
        free(one.out);
        free(two.out);
        free(one.findings);
        free(two.findings);
    }
    fuzz_clear();
    return 0;
}
