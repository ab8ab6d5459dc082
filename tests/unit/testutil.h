/* Shared test helpers. */
#ifndef CORRIDOR_TESTUTIL_H
#define CORRIDOR_TESTUTIL_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

/* cmocka 1.1.5 compares floats as float: compare doubles with a relative tolerance. */
#define assert_close(actual, expected, rel) \
    assert_close_impl((actual), (expected), (rel), __FILE__, __LINE__)

static inline void assert_close_impl(double a, double e, double rel, const char *file, int line)
{
    double tol = rel * fabs(e);
    if (!(fabs(a - e) <= tol) && !(a == e)) {
        print_error("%.17g is not within %g (relative) of %.17g\n", a, rel, e);
        _fail(file, line);
    }
}

/* What was written to the temporary file f, as a string (free()); closes f. */
static inline char *tu_slurp(FILE *f)
{
    long n = ftell(f);
    assert_true(n >= 0);
    char *text = malloc((size_t)n + 1);
    assert_non_null(text);
    rewind(f);
    assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
    text[n] = '\0';
    fclose(f);
    return text;
}

#endif
