#include <string.h>


#include "corridor/init.h"
#include "corridor/metrics.h"
#include "testutil.h"

static void test_metrics_growth_and_change(void **state)
{
    (void)state;
    /* Baku TEU 2024 over 2023: 76775 / 43900 - 1 = 32875 / 43900 */
    struct cor_ival g = cor_metrics_growth(cor_ival_exact(76775), cor_ival_exact(43900));
    assert_close(g.value, 32875.0 / 43900.0, 1e-14);
    assert_true(cor_ival_is_point(g));
    /* more than 100,000 after 76,775: (23225/76775, inf) */
    struct cor_ival more = {100000, 100000, INFINITY, 1, 0, COR_NA_NONE};
    g = cor_metrics_growth(more, cor_ival_exact(76775));
    assert_close(g.lo, 23225.0 / 76775.0, 1e-14);
    assert_true(g.lo_open && isinf(g.hi));
    assert_int_equal(cor_metrics_growth(cor_ival_exact(5), cor_ival_exact(0)).na,
                     COR_NA_BASE_NONPOSITIVE);
    assert_int_equal(cor_metrics_growth(cor_ival_exact(5), cor_ival_exact(-2)).na,
                     COR_NA_BASE_NONPOSITIVE);
    struct cor_ival c = cor_metrics_change(cor_ival_exact(76775), cor_ival_exact(43900));
    assert_true(c.value == 32875);
}

static void test_metrics_cagr_and_exp_rate(void **state)
{
    (void)state;
    /* 100 -> 121 over 2 years: (1.21)^(1/2) - 1 = 0.1; ln(1.21)/2 = ln 1.1 */
    struct cor_ival r = cor_metrics_cagr(cor_ival_exact(121), cor_ival_exact(100), 2);
    assert_close(r.value, 0.1, 1e-14);
    r = cor_metrics_exp_rate(cor_ival_exact(121), cor_ival_exact(100), 2);
    assert_close(r.value, 0.0953101798043249, 1e-13);
    /* an interval end: [121, 144] over [100] in 2 years -> [0.1, 0.2] */
    struct cor_ival end = {121, 121, 144, 0, 0, COR_NA_NONE};
    r = cor_metrics_cagr(end, cor_ival_exact(100), 2);
    assert_close(r.lo, 0.1, 1e-14);
    assert_close(r.hi, 0.2, 1e-14);
    assert_int_equal(cor_metrics_cagr(end, cor_ival_exact(100), 0).na, COR_NA_TOO_FEW_POINTS);
}

static void test_metrics_index_real_and_value(void **state)
{
    (void)state;
    assert_close(cor_metrics_index(cor_ival_exact(150), cor_ival_exact(120)).value, 125, 1e-15);
    /* 110 nominal at a deflator of 110 (base 100) is 100 real */
    struct cor_ival real = cor_metrics_real(cor_ival_exact(110), cor_ival_exact(110),
                                            cor_ival_exact(100));
    assert_close(real.value, 100, 1e-14);
    /* Tamar: 1.25 bn for 10% -> 12.5 bn; about 1 bn, [0.5, 1.5] -> [5, 15] */
    assert_close(cor_metrics_implied_value(cor_ival_exact(1.25), 0.10).value, 12.5, 1e-14);
    struct cor_ival about = {1, 0.5, 1.5, 0, 0, COR_NA_NONE};
    struct cor_ival v = cor_metrics_implied_value(about, 0.10);
    assert_close(v.lo, 5, 1e-14);
    assert_close(v.hi, 15, 1e-14);
    assert_int_equal(cor_metrics_implied_value(about, 0).na, COR_NA_BASE_NONPOSITIVE);
    assert_int_equal(cor_metrics_implied_value(about, 1.5).na, COR_NA_BASE_NONPOSITIVE);
}

static void test_metrics_shares(void **state)
{
    (void)state;
    /* Azerbaijan's 1.7 of Israel's 9.8 bn USD: 17/98 */
    struct cor_ival s = cor_metrics_share(cor_ival_exact(1.7), cor_ival_exact(9.8));
    assert_close(s.value, 17.0 / 98.0, 1e-14);
    /* parts [1], [2], [1, 3]: part 0 between 1/(1+2+3) and 1/(1+2+1); point 1/5 */
    struct cor_ival parts[3] = {cor_ival_exact(1), cor_ival_exact(2),
                                {2, 1, 3, 0, 0, COR_NA_NONE}};
    s = cor_metrics_share_of_sum(parts, 3, 0);
    assert_close(s.lo, 1.0 / 6.0, 1e-15);
    assert_close(s.hi, 1.0 / 4.0, 1e-15);
    assert_close(s.value, 0.2, 1e-15);
    s = cor_metrics_share_of_sum(parts, 3, 2);
    assert_close(s.lo, 1.0 / 4.0, 1e-15);   /* 1 / (1 + 1 + 2) */
    assert_close(s.hi, 3.0 / 6.0, 1e-15);   /* 3 / (3 + 1 + 2) */
    struct cor_ival pp = cor_metrics_share_change_pp(cor_ival_exact(0.30), cor_ival_exact(0.25));
    assert_close(pp.value, 5, 1e-12);
    double sum;
    const double ok[] = {0.5, 0.3, 0.2}, short_[] = {0.5, 0.3};
    assert_true(cor_metrics_shares_sum_to_one(ok, 3, 1e-9, &sum));
    assert_false(cor_metrics_shares_sum_to_one(short_, 2, 1e-9, &sum));
    assert_close(sum, 0.8, 1e-15);
}

static void test_metrics_concentration(void **state)
{
    (void)state;
    /* 50/30/20: HHI .25 + .09 + .04 = .38; normalised (.38 - 1/3)/(2/3) = .07 */
    const double v[] = {30, 50, 20};
    struct cor_concentration k;
    cor_metrics_concentration(v, 3, &k);
    assert_close(k.hhi, 0.38, 1e-14);
    assert_close(k.hhi_10000, 3800, 1e-14);
    assert_close(k.hhi_normalised, 0.07, 1e-13);
    assert_close(k.equivalent, 1 / 0.38, 1e-14);
    assert_close(k.cr1, 0.5, 1e-15);
    assert_close(k.cr3, 1.0, 1e-15);
    const double four[] = {1, 1, 1, 1};
    cor_metrics_concentration(four, 4, &k);
    assert_close(k.hhi, 0.25, 1e-15);
    assert_close(k.hhi_normalised + 1, 1, 1e-15);   /* 0 */
    assert_close(k.cr3, 0.75, 1e-15);
    const double one[] = {7};
    cor_metrics_concentration(one, 1, &k);
    assert_true(k.hhi == 1 && isnan(k.hhi_normalised));
    const double zero[] = {0, 0};
    cor_metrics_concentration(zero, 2, &k);
    assert_int_equal(k.na, COR_NA_BASE_NONPOSITIVE);
}

/* NIST StRD "Norris" (lower difficulty, linear): certified values. */
static const double norris_x[] = {
    0.2, 337.4, 118.2, 884.6, 10.1, 226.5, 666.3, 996.3, 448.6, 777.0, 558.2, 0.4,
    0.6, 775.5, 666.9, 338.0, 447.5, 11.6, 556.0, 228.1, 995.8, 887.6, 120.2, 0.3,
    0.3, 556.8, 339.1, 887.2, 999.0, 779.0, 11.1, 118.3, 229.2, 669.1, 448.9, 0.5};
static const double norris_y[] = {
    0.1, 338.8, 118.1, 888.0, 9.2, 228.1, 668.5, 998.5, 449.1, 778.9, 559.2, 0.3,
    0.1, 778.1, 668.8, 339.3, 448.9, 10.8, 557.7, 228.3, 998.0, 888.8, 119.6, 0.3,
    0.6, 557.6, 339.3, 888.0, 998.5, 778.9, 10.2, 117.6, 228.9, 668.4, 449.2, 0.2};

static void test_metrics_ols_norris(void **state)
{
    (void)state;
    struct cor_ols o;
    assert_int_equal(cor_metrics_ols(norris_x, norris_y, 36, &o, NULL), COR_OK);
    assert_close(o.a, -0.262323073774029, 1e-9);
    assert_close(o.b, 1.00211681802045, 1e-9);
    assert_close(o.se_a, 0.232818234301152, 1e-9);
    assert_close(o.se_b, 0.429796848199937e-03, 1e-9);
    assert_close(sqrt(o.rss / 34), 0.884796396144373, 1e-9);   /* residual SD */
}

static void test_metrics_ols_preconditions(void **state)
{
    (void)state;
    struct cor_ols o;
    const double x2[] = {1, 2}, y2[] = {1, 2}, xc[] = {5, 5, 5}, yc[] = {1, 2, 3};
    struct cor_error err = {0};
    assert_int_equal(cor_metrics_ols(x2, y2, 2, &o, &err), COR_EINVAL);
    assert_int_equal(cor_metrics_ols(xc, yc, 3, &o, &err), COR_EINVAL);
    assert_non_null(strstr(err.message, "x to vary"));
}

static void test_metrics_trend(void **state)
{
    (void)state;
    struct cor_trend t;
    /* exact 10% a year: rate 0.1, no residual, so the interval has no width */
    const int y4[] = {2000, 2001, 2002, 2003};
    const double v4[] = {100, 110, 121, 133.1};
    cor_metrics_trend(y4, v4, 4, &t);
    assert_int_equal(t.na, COR_NA_NONE);
    assert_close(t.rate, 0.1, 1e-12);
    assert_close(t.lo, 0.1, 1e-9);
    assert_close(t.hi, 0.1, 1e-9);
    /* by hand: ln values 1, 3, 2 at t = 1, 2, 3: b = 0.5, RSS = 1.5,
     * se_b = sqrt(1.5 / 1 / 2) = sqrt(0.75); t(0.975, 1 df) = 12.7062047361747 */
    const int y3[] = {1, 2, 3};
    const double v3[] = {exp(1.0), exp(3.0), exp(2.0)};
    cor_metrics_trend(y3, v3, 3, &t);
    assert_close(t.b, 0.5, 1e-12);
    assert_close(t.se, sqrt(0.75), 1e-12);
    assert_close(t.t, 12.7062047361747, 1e-12);
    assert_close(t.rate, exp(0.5) - 1, 1e-12);
    assert_close(t.lo, exp(0.5 - 12.7062047361747 * sqrt(0.75)) - 1, 1e-9);
    assert_close(t.hi, exp(0.5 + 12.7062047361747 * sqrt(0.75)) - 1, 1e-9);
    /* a non-positive value is left out: 100, 0, 121, 133.1 still gives 10% on 3 points */
    const double vz[] = {100, 0, 121, 133.1};
    cor_metrics_trend(y4, vz, 4, &t);
    assert_int_equal(t.n, 3);
    assert_close(t.rate, 0.1, 1e-12);
    /* NA reasons */
    cor_metrics_trend(y4, v4, 2, &t);
    assert_int_equal(t.na, COR_NA_TOO_FEW_POINTS);
    const int gaps[] = {2000, 2001, 2010};
    cor_metrics_trend(gaps, v4, 3, &t);   /* 8 of 11 years missing */
    assert_int_equal(t.na, COR_NA_TOO_MANY_GAPS);
    const int half[] = {2000, 2002, 2004};
    cor_metrics_trend(half, v4, 3, &t);   /* 2 of 5 missing: allowed */
    assert_int_equal(t.na, COR_NA_NONE);
}

static void test_metrics_trend_acc_merge_and_rules(void **state)
{
    (void)state;
    /* ln values 1, 3, 2 at years 2001, 2002, 2003 (b = 0.5, RSS = 1.5 by hand,
     * as above), added in two accumulators of one and two points and merged,
     * in both orders: the same fit */
    struct cor_trend_acc a = {0}, b = {0};
    assert_int_equal(cor_metrics_trend_add(&a, 2002, exp(3.0)), COR_OK);
    assert_int_equal(cor_metrics_trend_add(&b, 2003, exp(2.0)), COR_OK);
    assert_int_equal(cor_metrics_trend_add(&b, 2001, exp(1.0)), COR_OK);
    struct cor_trend_acc ab = a, ba = b;
    assert_int_equal(cor_metrics_trend_merge(&ab, &b), COR_OK);
    assert_int_equal(cor_metrics_trend_merge(&ba, &a), COR_OK);
    struct cor_t975_memo memo = {{0}};
    struct cor_trend t, u;
    cor_metrics_trend_result(&ab, &memo, &t);
    cor_metrics_trend_result(&ba, &memo, &u);
    assert_int_equal(t.na, COR_NA_NONE);
    assert_int_equal(t.n, 3);
    assert_int_equal(t.first, 2001);
    assert_int_equal(t.last, 2003);
    assert_close(t.b, 0.5, 1e-14);
    assert_close(t.se, sqrt(0.75), 1e-14);
    assert_close(t.t, 12.7062047361747, 1e-12);
    assert_close(memo.t[1], 12.7062047361747, 1e-12);   /* kept for the next fit */
    assert_close(u.b, 0.5, 1e-14);
    assert_close(u.se, sqrt(0.75), 1e-14);
    /* every point in one year: NA with its reason, whichever way they were
     * gathered (issue 15: once a rate of 0 with one thread, NA with two) */
    struct cor_trend_acc one = {0}, half1 = {0}, half2 = {0};
    const double v[] = {100, 110, 121, 133.1};
    for (int i = 0; i < 4; i++) {
        cor_metrics_trend_add(&one, 2020, v[i]);
        cor_metrics_trend_add(i < 2 ? &half1 : &half2, 2020, v[i]);
    }
    cor_metrics_trend_merge(&half1, &half2);
    cor_metrics_trend_result(&one, NULL, &t);
    assert_int_equal(t.na, COR_NA_ONE_PERIOD);
    assert_true(isnan(t.rate) && isnan(t.se));
    cor_metrics_trend_result(&half1, NULL, &t);
    assert_int_equal(t.na, COR_NA_ONE_PERIOD);
    assert_int_equal(t.n, 4);
    /* 3 points over 2000..2006: 4 of 7 years missing, more than half */
    struct cor_trend_acc gaps = {0};
    cor_metrics_trend_add(&gaps, 2000, 1);
    cor_metrics_trend_add(&gaps, 2003, 2);
    cor_metrics_trend_add(&gaps, 2006, 3);
    cor_metrics_trend_result(&gaps, NULL, &t);
    assert_int_equal(t.na, COR_NA_TOO_MANY_GAPS);
    /* the limits are errors, not silent: a year beyond 16 bits */
    assert_int_equal(cor_metrics_trend_add(&gaps, 40000, 1), COR_ERANGE);
    const int far[] = {2000, 2001, 40000};
    assert_int_equal(cor_metrics_trend(far, v, 3, &t), COR_ERANGE);
    assert_int_equal(t.na, COR_NA_UNBOUNDED);
}

static void test_metrics_parts_acc(void **state)
{
    (void)state;
    /* parts 110 and 90 (sum 200) merged with 0: shares 0.55, 0.45, 0;
     * HHI = (110^2 + 90^2) / 200^2 = 20200 / 40000 = 0.505 */
    struct cor_parts_acc a = {0}, b = {0};
    cor_metrics_parts_add(&a, 110);
    cor_metrics_parts_add(&b, 90);
    cor_metrics_parts_add(&b, 0);
    cor_metrics_parts_merge(&a, &b);
    enum cor_na na = COR_NA_COUNT;
    assert_true(a.n == 3);
    assert_close(cor_metrics_parts_share(&a, 110, &na), 0.55, 1e-15);
    assert_int_equal(na, COR_NA_NONE);
    assert_close(cor_metrics_parts_hhi(&a, &na), 0.505, 1e-15);
    /* a negative part: no share and no HHI, even though the sum is positive */
    cor_metrics_parts_add(&a, -5);
    assert_true(isnan(cor_metrics_parts_share(&a, 110, &na)));
    assert_int_equal(na, COR_NA_NEGATIVE_PART);
    assert_true(isnan(cor_metrics_parts_hhi(&a, &na)));
    /* a sum of 0 */
    struct cor_parts_acc z = {0};
    cor_metrics_parts_add(&z, 0);
    assert_true(isnan(cor_metrics_parts_share(&z, 0, &na)));
    assert_int_equal(na, COR_NA_BASE_NONPOSITIVE);
    struct cor_concentration k;
    const double neg[] = {5, -1, 10};
    cor_metrics_concentration(neg, 3, &k);
    assert_int_equal(k.na, COR_NA_NEGATIVE_PART);
    assert_true(isnan(k.hhi));
    /* no part at all */
    cor_metrics_concentration(neg, 0, &k);
    assert_int_equal(k.na, COR_NA_MISSING_PERIOD);
    /* beyond a double: 1e160 and 3e160 (HHI 0.625 by hand, but their
     * squares overflow), 1e-170 and 3e-170 (squares below the smallest
     * double), and a sum that overflows (1.7e308 twice, shares 0.5 by hand):
     * NA out of range, never inf, 0 or a wrong share */
    const double sets[3][2] = {{1e160, 3e160}, {1e-170, 3e-170}, {1.7e308, 1.7e308}};
    for (int i = 0; i < 3; i++) {
        struct cor_parts_acc o = {0};
        cor_metrics_parts_add(&o, sets[i][0]);
        cor_metrics_parts_add(&o, sets[i][1]);
        na = COR_NA_COUNT;
        assert_true(isnan(cor_metrics_parts_hhi(&o, &na)));
        assert_int_equal(na, COR_NA_OUT_OF_RANGE);
        double sh = cor_metrics_parts_share(&o, sets[i][0], &na);
        assert_true(i == 2 ? isnan(sh) && na == COR_NA_OUT_OF_RANGE
                           : fabs(sh - 0.25) < 1e-15 && na == COR_NA_NONE);
    }
    assert_string_equal(cor_na_reason(COR_NA_OUT_OF_RANGE), "out of range");
}

static void test_metrics_concentration_in_total(void **state)
{
    (void)state;
    /* parts 50, 30, 15 of a stated total 100 (tests/data/shares_total):
     * s = 0.5, 0.3, 0.15; HHI = 0.25 + 0.09 + 0.0225 = 0.3625 */
    const double v[] = {50, 30, 15};
    struct cor_concentration k;
    cor_metrics_concentration_in_total(v, 3, 100, &k);
    assert_int_equal(k.na, COR_NA_NONE);
    assert_close(k.hhi, 0.3625, 1e-15);
    assert_close(k.hhi_10000, 3625, 1e-15);
    assert_close(k.cr1, 0.5, 1e-15);
    assert_close(k.cr3, 0.95, 1e-15);
    /* 5 of the 100 are unallocated: (0.3625 - 1/3) / (1 - 1/3) = 0.04375 and
     * 1/0.3625 = 2.76 parts would describe three parts that fill the total */
    assert_true(isnan(k.hhi_normalised));
    assert_true(isnan(k.equivalent));
    /* parts that fill their total: 60, 40 of 100, HHI 0.36 + 0.16 = 0.52,
     * normalised (0.52 - 1/2) / (1 - 1/2) = 0.04, 1/HHI = 1/0.52 */
    const double full[] = {60, 40};
    cor_metrics_concentration_in_total(full, 2, 100, &k);
    assert_close(k.hhi, 0.52, 1e-15);
    assert_close(k.hhi_normalised, 0.04, 1e-13);
    assert_close(k.equivalent, 1 / 0.52, 1e-15);
    /* of their own sum 95 instead: (50/95)^2 + (30/95)^2 + (15/95)^2 */
    cor_metrics_concentration(v, 3, &k);
    assert_close(k.hhi, (2500.0 + 900 + 225) / 9025, 1e-15);
    cor_metrics_concentration_in_total(v, 3, 0, &k);
    assert_int_equal(k.na, COR_NA_BASE_NONPOSITIVE);
    assert_true(isnan(k.hhi));
}

int main(void)
{
    cor_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_metrics_growth_and_change),
        cmocka_unit_test(test_metrics_cagr_and_exp_rate),
        cmocka_unit_test(test_metrics_index_real_and_value),
        cmocka_unit_test(test_metrics_shares),
        cmocka_unit_test(test_metrics_concentration),
        cmocka_unit_test(test_metrics_ols_norris),
        cmocka_unit_test(test_metrics_ols_preconditions),
        cmocka_unit_test(test_metrics_trend),
        cmocka_unit_test(test_metrics_trend_acc_merge_and_rules),
        cmocka_unit_test(test_metrics_parts_acc),
        cmocka_unit_test(test_metrics_concentration_in_total),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
