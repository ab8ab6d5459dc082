#include <string.h>

#include "corridor/interval.h"
#include "testutil.h"

static const struct cor_ival_opts five = {0.05};

static void test_interval_from_each_qualifier(void **state)
{
    (void)state;
    struct cor_ival v;
    v = cor_ival_from_published(COR_Q_EXACT, 76775, NAN, NAN, 0, 1, &five);
    assert_true(v.lo == 76775 && v.hi == 76775 && cor_ival_is_point(v));
    /* about 7.4: d = max(5%, 0.05/7.4 = 0.68%) = 5% -> [7.03, 7.77] */
    v = cor_ival_from_published(COR_Q_APPROX, 7.4, NAN, NAN, 1, 1, &five);
    assert_close(v.lo, 7.03, 1e-12);
    assert_close(v.hi, 7.77, 1e-12);
    /* about 1 (billion): half a unit of the last digit is 0.5 -> d = 50% -> [0.5, 1.5] */
    v = cor_ival_from_published(COR_Q_APPROX, 1, NAN, NAN, 0, 1, &five);
    assert_close(v.lo, 0.5, 1e-12);
    assert_close(v.hi, 1.5, 1e-12);
    /* almost 52,300: [49685, 52300) */
    v = cor_ival_from_published(COR_Q_NEARLY, 52300, NAN, NAN, 0, 1, &five);
    assert_close(v.lo, 49685, 1e-12);
    assert_true(v.hi == 52300 && v.hi_open && !v.lo_open);
    v = cor_ival_from_published(COR_Q_MORE_THAN, 100000, NAN, NAN, 0, 1, &five);
    assert_true(v.lo == 100000 && v.lo_open && isinf(v.hi));
    v = cor_ival_from_published(COR_Q_AT_LEAST, 2.4, NAN, NAN, 1, 1, &five);
    assert_true(v.lo == 2.4 && !v.lo_open && isinf(v.hi));
    v = cor_ival_from_published(COR_Q_LESS_THAN, 25, NAN, NAN, 0, 1, &five);
    assert_true(v.lo == 0 && v.hi == 25 && v.hi_open);
    v = cor_ival_from_published(COR_Q_AT_MOST, 58, NAN, NAN, 0, 1, &five);
    assert_true(v.lo == 0 && v.hi == 58 && !v.hi_open);
    v = cor_ival_from_published(COR_Q_RANGE, NAN, 104000, 105000, 0, 1, &five);
    assert_true(v.lo == 104000 && v.hi == 105000 && v.value == 104500);
    /* a scale applies to every end: 7.4 Mt in t */
    v = cor_ival_from_published(COR_Q_APPROX, 7.4, NAN, NAN, 1, 1e6, &five);
    assert_close(v.lo, 7.03e6, 1e-12);
    /* a wider tolerance */
    const struct cor_ival_opts ten = {0.10};
    v = cor_ival_from_published(COR_Q_APPROX, 40, NAN, NAN, 0, 1, &ten);
    assert_close(v.lo, 36, 1e-12);
    assert_close(v.hi, 44, 1e-12);
}

static void test_interval_signed_quantities(void **state)
{
    (void)state;
    struct cor_ival v;
    /* about -8 (%): w = max(0.05 * 8, 0.5) = 0.5 -> [-8.5, -7.5], not clipped */
    v = cor_ival_from_signed(COR_Q_APPROX, -8, NAN, NAN, 0, &five);
    assert_close(v.lo, -8.5, 1e-15);
    assert_close(v.hi, -7.5, 1e-15);
    /* about -16.5: w = max(0.825, 0.05) = 0.825 -> [-17.325, -15.675] */
    v = cor_ival_from_signed(COR_Q_APPROX, -16.5, NAN, NAN, 1, &five);
    assert_close(v.lo, -17.325, 1e-12);
    assert_close(v.hi, -15.675, 1e-12);
    /* nearly -8: just short of -8 towards 0: (-8, -7.5] */
    v = cor_ival_from_signed(COR_Q_NEARLY, -8, NAN, NAN, 0, &five);
    assert_true(v.lo == -8 && v.lo_open && !v.hi_open);
    assert_close(v.hi, -7.5, 1e-15);
    /* less than 0 and at most -2: unbounded below */
    v = cor_ival_from_signed(COR_Q_LESS_THAN, 0, NAN, NAN, 0, &five);
    assert_true(isinf(v.lo) && v.lo < 0 && v.hi == 0 && v.hi_open);
    v = cor_ival_from_signed(COR_Q_AT_MOST, -2, NAN, NAN, 0, &five);
    assert_true(isinf(v.lo) && v.hi == -2 && !v.hi_open);
    v = cor_ival_from_signed(COR_Q_MORE_THAN, -5, NAN, NAN, 0, &five);
    assert_true(v.lo == -5 && v.lo_open && isinf(v.hi));
    v = cor_ival_from_signed(COR_Q_RANGE, NAN, -10, -5, 0, &five);
    assert_true(v.lo == -10 && v.hi == -5 && v.value == -7.5);
    /* about 0: half a unit of the last digit either side */
    v = cor_ival_from_signed(COR_Q_APPROX, 0, NAN, NAN, 1, &five);
    assert_close(v.lo, -0.05, 1e-15);
    assert_close(v.hi, 0.05, 1e-15);
    /* a level stops at 0: less than 25 is [0, 25), closed at 0 */
    v = cor_ival_from_published(COR_Q_LESS_THAN, 25, NAN, NAN, 0, 1, &five);
    assert_true(v.lo == 0 && !v.lo_open);
}

static void test_interval_division(void **state)
{
    (void)state;
    struct cor_ival a = {3, 2, 4, 0, 0, COR_NA_NONE}, b = {1.5, 1, 2, 0, 0, COR_NA_NONE};
    struct cor_ival r = cor_ival_div(a, b);   /* [2/2, 4/1] */
    assert_true(r.lo == 1 && r.hi == 4 && r.value == 2);
    /* (100000, inf) / [76775] = (1.3025..., inf) */
    struct cor_ival more = {100000, 100000, INFINITY, 1, 0, COR_NA_NONE};
    r = cor_ival_div(more, cor_ival_exact(76775));
    assert_close(r.lo, 100000.0 / 76775.0, 1e-15);
    assert_true(r.lo_open && isinf(r.hi));
    /* [43900] / [49685, 52300): the lower end 43900/52300 is not reached */
    struct cor_ival nearly = {52300, 49685, 52300, 0, 1, COR_NA_NONE};
    r = cor_ival_div(cor_ival_exact(43900), nearly);
    assert_true(r.lo_open && !r.hi_open);
    assert_close(r.hi, 43900.0 / 49685.0, 1e-15);
    /* a base that can be 0 */
    r = cor_ival_div(cor_ival_exact(1), cor_ival_exact(0));
    assert_int_equal(r.na, COR_NA_BASE_NONPOSITIVE);
    struct cor_ival to_zero = {1, 0, 1, 0, 0, COR_NA_NONE};
    assert_int_equal(cor_ival_div(cor_ival_exact(1), to_zero).na, COR_NA_BASE_NONPOSITIVE);
    /* NA passes through with its reason */
    r = cor_ival_div(cor_ival_na(COR_NA_MISSING_PERIOD), cor_ival_exact(2));
    assert_int_equal(r.na, COR_NA_MISSING_PERIOD);
}

static void test_interval_sum_and_difference(void **state)
{
    (void)state;
    struct cor_ival a = {1.5, 1, 2, 0, 1, COR_NA_NONE}, b = {4, 3, 5, 1, 0, COR_NA_NONE};
    struct cor_ival s = cor_ival_add(a, b), d = cor_ival_sub(a, b);
    assert_true(s.lo == 4 && s.hi == 7 && s.lo_open && s.hi_open);
    assert_true(d.lo == -4 && d.hi == -1);    /* [1-5, 2-3] */
    assert_true(!d.lo_open);   /* 1 - 5: both ends reached */
    assert_true(d.hi_open);    /* 2 - 3: neither a = 2 nor b = 3 is reached */
}

static void test_interval_format(void **state)
{
    (void)state;
    char buf[64];
    struct cor_ival v = {0.3025, 0.3025, INFINITY, 1, 0, COR_NA_NONE};
    cor_ival_format(v, 2, buf, sizeof buf);
    assert_string_equal(buf, "(0.30, inf)");
    cor_ival_format(cor_ival_exact(12.5), -1, buf, sizeof buf);
    assert_string_equal(buf, "[12.5]");
    struct cor_ival h = {1, 0.5, 1.5, 0, 1, COR_NA_NONE};
    cor_ival_format(h, 1, buf, sizeof buf);
    assert_string_equal(buf, "[0.5, 1.5)");
    cor_ival_format(cor_ival_na(COR_NA_MISSING_PERIOD), 2, buf, sizeof buf);
    assert_string_equal(buf, "NA (missing period)");
    assert_string_equal(cor_na_reason(COR_NA_PARTIAL_PERIOD), "partial period mixed with full years");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_interval_from_each_qualifier),
        cmocka_unit_test(test_interval_signed_quantities),
        cmocka_unit_test(test_interval_division),
        cmocka_unit_test(test_interval_sum_and_difference),
        cmocka_unit_test(test_interval_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
