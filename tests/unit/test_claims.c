/* Interval verdicts and the claimed intervals, case by case. */
#include "corridor/claims.h"
#include "testutil.h"

static struct cor_ival iv(double lo, double hi, int lo_open, int hi_open)
{
    return (struct cor_ival){(lo + hi) / 2, lo, hi, (unsigned char)lo_open,
                             (unsigned char)hi_open, COR_NA_NONE};
}

static void test_claims_compare_each_verdict(void **state)
{
    (void)state;
    double m;
    /* inside: supported, margin = the smaller room on either side */
    assert_int_equal(cor_claims_compare(iv(20, 20, 0, 0), iv(19.5, 20.5, 0, 0), &m),
                     COR_V_SUPPORTED);
    assert_close(m, 0.5, 1e-15);
    /* disjoint: contradicted, margin = minus the gap */
    assert_int_equal(cor_claims_compare(iv(180, 180, 0, 0), iv(200, INFINITY, 1, 0), &m),
                     COR_V_CONTRADICTED);
    assert_close(m, -20, 1e-15);
    assert_int_equal(cor_claims_compare(iv(1250, 1250, 0, 0), iv(855, 945, 0, 0), &m),
                     COR_V_CONTRADICTED);
    assert_close(m, -305, 1e-15);
    /* partial overlap: undecided */
    assert_int_equal(cor_claims_compare(iv(14.3, 26.3, 0, 0), iv(19, 21, 0, 0), &m),
                     COR_V_UNDECIDED);
    assert_true(isnan(m));
    /* NA: no data */
    assert_int_equal(cor_claims_compare(cor_ival_na(COR_NA_MISSING_PERIOD), iv(1, 2, 0, 0), &m),
                     COR_V_NO_DATA);
}

static void test_claims_compare_open_ends(void **state)
{
    (void)state;
    /* (100000, inf) lies inside [100000, inf): "surpassing" satisfies "at least" */
    assert_int_equal(cor_claims_compare(iv(100000, INFINITY, 1, 0), iv(100000, INFINITY, 0, 0), NULL),
                     COR_V_SUPPORTED);
    /* [100000, inf) is not inside (100000, inf): exactly 100000 is not "more than" */
    assert_int_equal(cor_claims_compare(iv(100000, INFINITY, 0, 0), iv(100000, INFINITY, 1, 0), NULL),
                     COR_V_UNDECIDED);
    /* [x] at the open end of [a, x): disjoint, so contradicted */
    assert_int_equal(cor_claims_compare(iv(40, 40, 0, 0), iv(38, 40, 0, 1), NULL),
                     COR_V_CONTRADICTED);
    /* (0.3025, inf) against (1/3, inf): overlap, not inside */
    assert_int_equal(cor_claims_compare(iv(0.3025, INFINITY, 1, 0), iv(1.0 / 3, INFINITY, 1, 0), NULL),
                     COR_V_UNDECIDED);
}

static void test_claims_interval_rules(void **state)
{
    (void)state;
    struct cor_claim_record c = {0};
    const struct cor_ival_opts five = {0.05};
    /* exact "20" (%): half a unit of the last digit either side */
    c.claim_qualifier = COR_Q_EXACT;
    c.claim_value = 20;
    c.claim_decimals = 0;
    c.tolerance = NAN;
    struct cor_ival k = cor_claims_interval(&c, COR_CM_VALUE, &five);
    assert_true(k.lo == 19.5 && k.hi == 20.5);
    /* about 900: 5% */
    c.claim_qualifier = COR_Q_APPROX;
    c.claim_value = 900;
    k = cor_claims_interval(&c, COR_CM_VALUE, &five);
    assert_close(k.lo, 855, 1e-15);
    assert_close(k.hi, 945, 1e-15);
    /* an expected value: its relative tolerance, whatever the qualifier */
    c.claim_qualifier = COR_Q_EXACT;
    c.claim_value = 0.75;
    c.tolerance = 1e-6;
    k = cor_claims_interval(&c, COR_CM_VALUE, &five);
    assert_close(k.lo, 0.75 - 0.75e-6, 1e-15);
    assert_close(k.hi, 0.75 + 0.75e-6, 1e-15);
    /* a range */
    c.tolerance = NAN;
    c.claim_qualifier = COR_Q_RANGE;
    c.claim_lo = 40;
    c.claim_hi = 50;
    k = cor_claims_interval(&c, COR_CM_VALUE, &five);
    assert_true(k.lo == 40 && k.hi == 50);
    assert_string_equal(cor_verdict_name(COR_V_NO_DATA), "no data");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_claims_compare_each_verdict),
        cmocka_unit_test(test_claims_compare_open_ends),
        cmocka_unit_test(test_claims_interval_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
