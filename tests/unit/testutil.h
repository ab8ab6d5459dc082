/* Shared test helpers. */
#ifndef CORRIDOR_TESTUTIL_H
#define CORRIDOR_TESTUTIL_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
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

#endif
