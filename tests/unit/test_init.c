/* cor_init(): GSL errors come back as values, never as abort(). This
 * executable never calls gsl_set_error_handler_off() itself: without
 * cor_init() GSL's default handler would abort it (a test that can fail). */
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "corridor/init.h"
#include "corridor/metrics.h"
#include "testutil.h"

static int calls;

static void counting_handler(const char *reason, const char *file, int line, int gsl_errno)
{
    (void)reason, (void)file, (void)line, (void)gsl_errno;
    calls++;
}

/* GSL's Student t quantile on 0 degrees of freedom is a domain error
 * (gamma.c): GSL calls its handler, which aborts by default. After
 * cor_init() the call returns NaN. */
static void test_init_gsl_domain_error_returns(void **state)
{
    (void)state;
    cor_init();
    double t = gsl_cdf_tdist_Pinv(0.975, 0.0);
    assert_true(isnan(t));
    /* and a handler a program installs after cor_init() is kept */
    gsl_error_handler_t *old = gsl_set_error_handler(counting_handler);
    calls = 0;
    t = gsl_cdf_tdist_Pinv(0.975, 0.0);
    assert_true(calls > 0);
    gsl_set_error_handler(old);
    cor_init();
}

/* Bad input to the library's GSL calls is an error status, not an abort
 * and not a NaN result: a NaN, an infinity, too few points, x constant. */
static void test_init_library_gsl_bad_input(void **state)
{
    (void)state;
    cor_init();
    struct cor_ols o;
    struct cor_error err = {0};
    const double x[] = {1, 2, 3, 4}, ynan[] = {1, NAN, 3, 4}, yinf[] = {1, 2, INFINITY, 4};
    assert_int_equal(cor_metrics_ols(x, ynan, 4, &o, &err), COR_EINVAL);
    assert_non_null(strstr(err.message, "point 2 is not"));
    assert_int_equal(cor_metrics_ols(x, yinf, 4, &o, &err), COR_EINVAL);
    assert_non_null(strstr(err.message, "point 3 is not"));
    assert_int_equal(cor_metrics_ols(yinf, x, 4, &o, &err), COR_EINVAL);
    /* a good fit still works: y = 2x + 1 exactly */
    const double y[] = {3, 5, 7, 9};
    assert_int_equal(cor_metrics_ols(x, y, 4, &o, &err), COR_OK);
    assert_close(o.b, 2.0, 1e-12);
    assert_close(o.a, 1.0, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_gsl_domain_error_returns),
        cmocka_unit_test(test_init_library_gsl_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
