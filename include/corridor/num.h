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
 * Returns COR_EPARSE for malformed text; COR_ERANGE when the number is too
 * large (*out is then +-inf) or too small to represent (it would round to 0:
 * 1e-400; *out is then 0). A number that rounds to a subnormal is kept. */
enum cor_status cor_num_parse(const char *s, size_t len, double *out, int *decimals);

/* The same for numbers written in another style: `decimal` is the decimal
 * mark ('.' or ','), `thousands` the digit-group separator (0: none; ',',
 * '.', ' ' or '\'' ; ' ' also accepts the UTF-8 no-break spaces U+00A0 and
 * U+202F). Groups are checked: 1 to 3 digits, then groups of exactly 3
 * ("1,234,567.8"; "1,23" is malformed). decimals counts the digits after the
 * decimal mark. COR_EINVAL when decimal and thousands are the same mark. */
enum cor_status cor_num_parse_style(const char *s, size_t len, char decimal, char thousands,
                                    double *out, int *decimals);

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

/* Writes v for readers: a fixed number of decimals (0..17, as
 * cor_num_format_fixed()), with the digits before the point grouped by
 * thousands with ',' ("950,000", "1,250.5"); never an exponent. NaN gives
 * "NA", infinities "inf"/"-inf". Returns the length written, or needed (as
 * snprintf). */
int cor_num_format_grouped(double v, int decimals, char *buf, size_t n);

#endif
