/* corridor/num.h - numbers in and out of text, the same in every locale.
 *
 * Numbers are always written with '.' as the decimal point and no grouping,
 * whatever LC_NUMERIC says. No function here allocates. */
#ifndef CORRIDOR_NUM_H
#define CORRIDOR_NUM_H

#include <stddef.h>

#include "corridor/error.h"

/* Parses a decimal number: [+-]digits[.digits][(e|E)[+-]digits], or the same
 * starting with '.'. No spaces, grouping, hex, inf or nan. s need not be
 * NUL-terminated. On success stores the value and, if decimals is not NULL,
 * the number of digits written after the decimal point (the stated
 * precision: 7.4 -> 1, 43900 -> 0; an exponent shifts it: 1.5e3 -> 0).
 * Returns COR_EPARSE for malformed text, COR_ERANGE on overflow. */
enum cor_status cor_num_parse(const char *s, size_t len, double *out, int *decimals);

/* How a file writes its numbers. A thousands separator stands between
 * groups of three digits before the decimal mark ("1.234.567,5" with
 * decimal ',' and thousands '.'; "1 234,5" with thousands ' ', which also
 * matches a no-break space U+00A0 or U+202F). */
struct cor_num_style {
    char decimal;    /* '.' or ',' (0: '.') */
    char thousands;  /* 0 (none), ',', '.' or ' ' */
};

/* cor_num_parse for a number written in style st (NULL: plain), spaces
 * around it ignored. COR_EPARSE for misplaced separators (so that "1.5"
 * with thousands '.' is refused, not read as 15), COR_EINVAL when the
 * decimal mark and the separator are the same. */
enum cor_status cor_num_parse_style(const char *s, size_t len, const struct cor_num_style *st,
                                    double *out, int *decimals);

/* The words that mean "no figure" in a cell by default: the empty cell, NA,
 * N/A, .., ..., -, n.a. and nan. A list of such words is comma-separated;
 * an empty word in it stands for the empty cell. */
#define COR_NUM_MISSING_DEFAULT ",NA,N/A,..,...,-,n.a.,nan"

/* 1 if s[0..len), spaces around it ignored, is one of the words of list
 * (NULL: COR_NUM_MISSING_DEFAULT), ASCII letters compared without case. */
int cor_num_is_missing(const char *list, const char *s, size_t len);

/* Writes v as C's "%.17g" does in the "C" locale (17 significant digits,
 * trailing zeros dropped: it reads back to the same double), fast: exact
 * 128-bit arithmetic for the usual magnitudes, snprintf otherwise. buf must
 * hold 32 bytes. NaN gives "NA". Returns the length. */
int cor_num_format_g17(double v, char *buf);

/* Writes the shortest text that reads back to exactly v ("%.17g" at most),
 * "NA" for NaN, "inf"/"-inf" for infinities. Returns the length written,
 * or the length needed if n is too small (as snprintf). */
int cor_num_format(double v, char *buf, size_t n);

/* Writes v with at most `digits` significant digits (1..17), trailing zeros
 * dropped ("%.*g" in the "C" locale); for display, where 0.1 + 0.2 should
 * read 0.3. NaN gives "NA". */
int cor_num_format_sig(double v, int digits, char *buf, size_t n);

/* Writes v with a fixed number of decimals (0..17), correctly rounded from
 * the exact binary value (as C's printf in the "C" locale); never "-0".
 * NaN gives "NA". */
int cor_num_format_fixed(double v, int decimals, char *buf, size_t n);

#endif
