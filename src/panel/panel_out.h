/* panel_out.h - internal to the panel module: buffered CSV output, and the
 * ordered copy of input records with one number appended, on two cores. */
#ifndef CORRIDOR_PANEL_OUT_H
#define CORRIDOR_PANEL_OUT_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "corridor/error.h"

/* Output bytes gathered in b: flushed to f when full, or, with f NULL, kept
 * in memory (b grows; `failed` is set when it cannot). */
struct panel_buf {
    FILE *f;
    char *b;
    size_t n, cap;
    int failed;
};

int panel_buf_init(struct panel_buf *o, FILE *f, size_t cap);
void panel_buf_free(struct panel_buf *o);
void panel_buf_flush(struct panel_buf *o);
void panel_buf_put(struct panel_buf *o, const char *s, size_t n);
/* v as "%.17g"; nothing for NaN (an empty field) */
void panel_buf_num(struct panel_buf *o, double v);
/* n in decimal */
void panel_buf_count(struct panel_buf *o, unsigned long long n);
/* s as a CSV field, quoted when it must be */
void panel_buf_field(struct panel_buf *o, const char *s, size_t n);

/* 1 if s[0..n) holds an odd number of quotes: a line break after it is
 * inside a quoted field when the text before s was outside one. */
int panel_quote_parity(const char *s, size_t n);

/* Whole records of the file in bytes [from, to), and the number to append to
 * each: x[0], x[1], ... (nrows of them). */
struct panel_range {
    off_t from, to;
    const double *x;
    size_t nrows;
};

/* Writes the records of every range, in order, each as it is in the file
 * (without its line end) + "," + its number + "\n", to out. The ranges are
 * formatted on `threads` threads (1 or 2) and written in order. COR_EDATA
 * when a range holds another number of records than it says (*bad_range is
 * its index), COR_EIO on a read error, COR_ENOMEM. */
enum cor_status panel_copy(int fd, const struct panel_range *ranges, size_t n, int threads,
                           size_t chunk, FILE *out, size_t *bad_range);

#endif
