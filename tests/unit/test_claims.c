/* Claims: the claimed intervals, the comparison, every metric and qualifier
 * on the synthetic fixture tests/data/claims_v2 (each value worked by hand in
 * the comments and in the fixture's note column), the evidence hierarchy and
 * the reasons for "no data". */
#include <stdlib.h>
#include <string.h>


#include "corridor.h"
#include "testutil.h"

static struct cor_dataset *ds;
static const struct cor_ival_opts five = {0.05};

static int setup(void **state)
{
    (void)state;
    struct cor_diags d;
    cor_diags_init(&d);
    ds = cor_dataset_new();
    int bad = cor_dataset_load(ds, COR_TEST_DATA "/claims_v2", &d, NULL) != COR_OK ||
              cor_dataset_check(ds, &d, NULL) != COR_OK || d.errors;
    cor_diags_fini(&d);
    return bad ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    cor_dataset_free(ds);
    return 0;
}

static struct cor_ival iv(double lo, double hi, int lo_open, int hi_open)
{
    return (struct cor_ival){(lo + hi) / 2, lo, hi, (unsigned char)lo_open,
                             (unsigned char)hi_open, COR_NA_NONE};
}

/* Evaluates claim `id` of the fixture. */
static void eval(const char *id, struct cor_verdict *v)
{
    cor_sym sym = cor_dataset_sym(ds, id);
    assert_true(sym != COR_SYM_ABSENT);
    assert_int_equal(cor_claims_evaluate(ds, sym, &five, v, NULL), COR_OK);
}

/* One alternative: its verdict, computed interval and margin (NaN: none). */
static void check_alt(const struct cor_alternative *a, enum cor_verdict_kind verdict, double lo,
                      double hi, double margin)
{
    assert_int_equal(a->verdict, verdict);
    assert_close(a->computed.lo, lo, 1e-12);
    assert_close(a->computed.hi, hi, 1e-12);
    if (isnan(margin))
        assert_true(isnan(a->margin));
    else
        assert_close(a->margin, margin, 1e-9);
}

/* A claim with one alternative. */
static void check_one(const char *id, enum cor_verdict_kind verdict, double lo, double hi,
                      double margin)
{
    struct cor_verdict v;
    eval(id, &v);
    assert_int_equal(v.nalts, 1);
    assert_int_equal(v.verdict, verdict);
    check_alt(&v.alts[0], verdict, lo, hi, margin);
    cor_verdict_fini(&v);
}

/* ---- intervals and the comparison -------------------------------------------- */

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
    /* below zero: -8.1% against "less than 5%" (-inf, 5) is inside, margin 13.1 */
    assert_int_equal(cor_claims_compare(iv(-8.1, -8.1, 0, 0), iv(-INFINITY, 5, 0, 1), &m),
                     COR_V_SUPPORTED);
    assert_close(m, 13.1, 1e-12);
}

static void test_claims_compare_open_ends(void **state)
{
    (void)state;
    /* (100000, inf) lies inside [100000, inf): "surpassing" satisfies "at least" */
    assert_int_equal(
        cor_claims_compare(iv(100000, INFINITY, 1, 0), iv(100000, INFINITY, 0, 0), NULL),
        COR_V_SUPPORTED);
    /* [100000, inf) is not inside (100000, inf): exactly 100000 is not "more than" */
    assert_int_equal(
        cor_claims_compare(iv(100000, INFINITY, 0, 0), iv(100000, INFINITY, 1, 0), NULL),
        COR_V_UNDECIDED);
    /* [x] at the open end of [a, x): disjoint, so contradicted */
    assert_int_equal(cor_claims_compare(iv(40, 40, 0, 0), iv(38, 40, 0, 1), NULL),
                     COR_V_CONTRADICTED);
    /* (0.3025, inf) against (1/3, inf): overlap, not inside */
    assert_int_equal(
        cor_claims_compare(iv(0.3025, INFINITY, 1, 0), iv(1.0 / 3, INFINITY, 1, 0), NULL),
        COR_V_UNDECIDED);
    /* [0] against "fell" (-inf, 0): the open end excludes it */
    assert_int_equal(cor_claims_compare(iv(0, 0, 0, 0), iv(-INFINITY, 0, 0, 1), NULL),
                     COR_V_CONTRADICTED);
}

static struct cor_claim_record claim(enum cor_qualifier q, double v, int decimals, int unit)
{
    struct cor_claim_record c;
    memset(&c, 0, sizeof c);
    c.claim_qualifier = q;
    c.claim_value = v;
    c.claim_lo = c.claim_hi = NAN;
    c.claim_decimals = decimals;
    c.claim_unit = unit;
    c.tolerance = NAN;
    return c;
}

static void test_claims_interval_levels(void **state)
{
    (void)state;
    int pct = cor_unit_lookup("%", 1);
    /* exact "20" (%): half a unit of the last digit either side */
    struct cor_claim_record c = claim(COR_Q_EXACT, 20, 0, pct);
    struct cor_ival k = cor_claims_interval(&c, COR_CM_VALUE, &five);
    assert_true(k.lo == 19.5 && k.hi == 20.5);
    /* about 900: 5% */
    c = claim(COR_Q_APPROX, 900, 0, pct);
    k = cor_claims_interval(&c, COR_CM_VALUE, &five);
    assert_close(k.lo, 855, 1e-15);
    assert_close(k.hi, 945, 1e-15);
    /* an expected value: its relative tolerance, whatever the qualifier */
    c = claim(COR_Q_EXACT, 0.75, 2, pct);
    c.tolerance = 1e-6;
    k = cor_claims_interval(&c, COR_CM_VALUE, &five);
    assert_close(k.lo, 0.75 - 0.75e-6, 1e-15);
    assert_close(k.hi, 0.75 + 0.75e-6, 1e-15);
    /* a range */
    c = claim(COR_Q_RANGE, NAN, 0, pct);
    c.claim_lo = 40;
    c.claim_hi = 50;
    k = cor_claims_interval(&c, COR_CM_SHARE, &five);
    assert_true(k.lo == 40 && k.hi == 50);
    /* a level is never negative: less than 5 is [0, 5), at most 58 is [0, 58] */
    c = claim(COR_Q_LESS_THAN, 5, 0, pct);
    k = cor_claims_interval(&c, COR_CM_VALUE, &five);
    assert_true(k.lo == 0 && !k.lo_open && k.hi == 5 && k.hi_open);
    c = claim(COR_Q_AT_MOST, 58, 0, pct);
    k = cor_claims_interval(&c, COR_CM_RECORD_LOW, &five);
    assert_true(k.lo == 0 && !k.lo_open && k.hi == 58 && !k.hi_open);
    /* a position: exact 2 is [1.5, 2.5] */
    c = claim(COR_Q_EXACT, 2, 0, -1);
    k = cor_claims_interval(&c, COR_CM_RANK, &five);
    assert_true(k.lo == 1.5 && k.hi == 2.5);
    assert_string_equal(cor_verdict_name(COR_V_NO_DATA), "no data");
}

static void test_claims_interval_below_zero(void **state)
{
    (void)state;
    int pct = cor_unit_lookup("%", 1);
    /* about -8%: w = max(5% of 8 = 0.4, half a unit 0.5) = 0.5 -> [-8.5, -7.5] */
    struct cor_claim_record c = claim(COR_Q_APPROX, -8, 0, pct);
    struct cor_ival k = cor_claims_interval(&c, COR_CM_GROWTH, &five);
    assert_close(k.lo, -8.5, 1e-15);
    assert_close(k.hi, -7.5, 1e-15);
    /* about -30%: w = 1.5 -> [-31.5, -28.5] */
    c = claim(COR_Q_APPROX, -30, 0, pct);
    k = cor_claims_interval(&c, COR_CM_CAGR, &five);
    assert_close(k.lo, -31.5, 1e-15);
    assert_close(k.hi, -28.5, 1e-15);
    /* fell: less than 0 is (-inf, 0) */
    c = claim(COR_Q_LESS_THAN, 0, 0, pct);
    k = cor_claims_interval(&c, COR_CM_GROWTH, &five);
    assert_true(isinf(k.lo) && k.lo < 0 && k.hi == 0 && k.hi_open);
    /* less than 5: (-inf, 5), so a fall is inside */
    c = claim(COR_Q_LESS_THAN, 5, 0, pct);
    k = cor_claims_interval(&c, COR_CM_GROWTH, &five);
    assert_true(isinf(k.lo) && k.hi == 5);
    assert_int_equal(cor_claims_compare(cor_ival_exact(-8.1), k, NULL), COR_V_SUPPORTED);
    /* at most -2 pp: (-inf, -2] */
    c = claim(COR_Q_AT_MOST, -2, 0, cor_unit_lookup("pp", 2));
    k = cor_claims_interval(&c, COR_CM_PP_CHANGE, &five);
    assert_true(isinf(k.lo) && k.hi == -2 && !k.hi_open);
    /* more than -5 and at least -5: (-5, inf) and [-5, inf) */
    c = claim(COR_Q_MORE_THAN, -5, 0, pct);
    k = cor_claims_interval(&c, COR_CM_GROWTH, &five);
    assert_true(k.lo == -5 && k.lo_open && isinf(k.hi));
    c = claim(COR_Q_AT_LEAST, -5, 0, pct);
    k = cor_claims_interval(&c, COR_CM_GROWTH, &five);
    assert_true(k.lo == -5 && !k.lo_open && isinf(k.hi));
    /* nearly -10.3: just short of it on the side of 0, w = 0.515 -> (-10.3, -9.785] */
    c = claim(COR_Q_NEARLY, -10.3, 1, pct);
    k = cor_claims_interval(&c, COR_CM_GROWTH, &five);
    assert_true(k.lo == -10.3 && k.lo_open && !k.hi_open);
    assert_close(k.hi, -9.785, 1e-12);
    /* a range below zero, and an exact negative number */
    c = claim(COR_Q_RANGE, NAN, 0, pct);
    c.claim_lo = -45;
    c.claim_hi = -35;
    k = cor_claims_interval(&c, COR_CM_GROWTH, &five);
    assert_true(k.lo == -45 && k.hi == -35);
    c = claim(COR_Q_EXACT, -200, 0, cor_unit_lookup("TEU", 3));
    k = cor_claims_interval(&c, COR_CM_CHANGE, &five);
    assert_true(k.lo == -200.5 && k.hi == -199.5);
    /* direction: exact 0 is "unchanged", within the approx tolerance: +/-5%, or
     * 0.05 as a fraction (no unit), +/-10% with --approx 10 */
    c = claim(COR_Q_EXACT, 0, 0, pct);
    k = cor_claims_interval(&c, COR_CM_DIRECTION, &five);
    assert_close(k.lo, -5, 1e-12);
    assert_close(k.hi, 5, 1e-12);
    c = claim(COR_Q_EXACT, 0, 0, -1);
    k = cor_claims_interval(&c, COR_CM_DIRECTION, &five);
    assert_close(k.hi, 0.05, 1e-12);
    const struct cor_ival_opts ten = {0.10};
    c = claim(COR_Q_EXACT, 0, 0, pct);
    k = cor_claims_interval(&c, COR_CM_DIRECTION, &ten);
    assert_close(k.lo, -10, 1e-12);
}

static void test_claims_metric_names(void **state)
{
    (void)state;
    /* one name table: every metric looks up to itself, and the list ends with NULL */
    for (int m = 0; m < COR_CM_COUNT; m++) {
        const char *name = cor_claim_metric_name((enum cor_claim_metric)m);
        assert_string_equal(cor_claim_metric_names[m], name);
        assert_int_equal(cor_claim_metric_lookup(name, strlen(name)), m);
        assert_non_null(cor_claim_metric_info((enum cor_claim_metric)m));
    }
    assert_null(cor_claim_metric_names[COR_CM_COUNT]);
    assert_int_equal(cor_claim_metric_lookup("record low", 10), COR_CM_RECORD_LOW);
    assert_int_equal(cor_claim_metric_lookup("guess", 5), -1);
    /* which metrics can be negative */
    assert_true(cor_claim_metric_info(COR_CM_GROWTH)->can_be_negative);
    assert_true(cor_claim_metric_info(COR_CM_PP_CHANGE)->can_be_negative);
    assert_false(cor_claim_metric_info(COR_CM_MULTIPLE)->can_be_negative);
    assert_false(cor_claim_metric_info(COR_CM_VALUE)->can_be_negative);
    /* the classes of evidence */
    assert_int_equal(cor_evidence_class_of(COR_S_PLANNED), COR_EV_PROJECTED);
    assert_int_equal(cor_evidence_class_of(COR_S_CLAIM), COR_EV_STATEMENT);
    assert_string_equal(cor_evidence_class_name(COR_EV_COUNT), "none");
}

/* ---- every metric, every qualifier ---------------------------------------------- */

static void test_claims_growth_each_qualifier(void **state)
{
    (void)state;
    /* G1 exact 50%: 150/100 - 1 = 50% in [49.5, 50.5], margin 0.5 */
    check_one("G1", COR_V_SUPPORTED, 50, 50, 0.5);
    /* G2 2017..2021 more than 300%: 500/100 - 1 = 400%, margin 400 - 300 = 100 */
    check_one("G2", COR_V_SUPPORTED, 400, 400, 100);
    /* G3 9M on 9M, about -10%: 360/400 - 1 = -10% in [-10.5, -9.5], margin 0.5 */
    check_one("G3", COR_V_SUPPORTED, -10, -10, 0.5);
    /* G4 fell (less than 0): about 300 = [285, 315]; /500 - 1 = [-43%, -37%];
     * margin 0 - (-37) = 37 (the other side is unbounded) */
    check_one("G4", COR_V_SUPPORTED, -43, -37, 37);
    /* G5 less than 5%: the same fall, margin 5 - (-37) = 42 */
    check_one("G5", COR_V_SUPPORTED, -43, -37, 42);
    /* G6 nearly -10.3% (2021-9M..2022-9M): -10 in (-10.3, -9.785],
     * margin min(-10 - -10.3, -9.785 - -10) = 0.215 */
    check_one("G6", COR_V_SUPPORTED, -10, -10, 0.215);
    /* G7 range -45..-35: [-43, -37] inside, margin 2 */
    check_one("G7", COR_V_SUPPORTED, -43, -37, 2);
}

static void test_claims_multiple_change_cagr(void **state)
{
    (void)state;
    /* M1 fivefold, at least 5 x: 500/100 = 5 in [5, inf), margin 0 */
    check_one("M1", COR_V_SUPPORTED, 5, 5, 0);
    /* M2 about 1.5 x in 2018: 150/100 = 1.5 in [1.425, 1.575], margin 0.075 */
    check_one("M2", COR_V_SUPPORTED, 1.5, 1.5, 0.075);
    /* CH1 exact 400 TEU: 500 - 100 = 400 in [399.5, 400.5], margin 0.5 */
    check_one("CH1", COR_V_SUPPORTED, 400, 400, 0.5);
    /* CH2 about -200 TEU = [-210, -190]; [285, 315] - 500 = [-215, -185]: undecided */
    check_one("CH2", COR_V_UNDECIDED, -215, -185, NAN);
    /* CA1 about 50% a year 2017..2021: 5^(1/4) - 1 = 0.49534878122122054 -> 49.534878...%
     * in [47.5, 52.5], margin 49.534878... - 47.5 */
    double cagr = pow(5.0, 0.25) * 100 - 100;
    check_one("CA1", COR_V_SUPPORTED, cagr, cagr, cagr - 47.5);
    /* CA2 at most -5% a year over 9M 2021..2022: (360/400)^1 - 1 = -10%, margin 5 */
    check_one("CA2", COR_V_SUPPORTED, -10, -10, 5);
}

static void test_claims_direction(void **state)
{
    (void)state;
    struct cor_verdict v;
    /* D1 unchanged (exact 0, no unit: a fraction): 120/120 - 1 = 0 in [-0.05, 0.05] */
    check_one("D1", COR_V_SUPPORTED, 0, 0, 0.05);
    eval("D1", &v);
    assert_string_equal(v.alts[0].detail, "2020 vs 2019: unchanged");
    cor_verdict_fini(&v);
    /* D2 rose (more than 0) 2018..2019: 120/150 - 1 = -0.2, margin -0.2 - 0 */
    check_one("D2", COR_V_CONTRADICTED, -0.2, -0.2, -0.2);
    eval("D2", &v);
    assert_string_equal(v.alts[0].detail, "2019 vs 2018: fell");
    cor_verdict_fini(&v);
    /* D3 fell (less than 0, in %): [-43, -37], margin 37 */
    check_one("D3", COR_V_SUPPORTED, -43, -37, 37);
}

static void test_claims_shares(void **state)
{
    (void)state;
    struct cor_verdict v;
    /* S1 no total: the sum of the parts, 50 / (50 + 30 + 20) = 50% in [49.5, 50.5] */
    check_one("S1", COR_V_SUPPORTED, 50, 50, 0.5);
    eval("S1", &v);
    assert_string_equal(v.alts[0].detail, "A / (A + B + C), 2023");
    cor_verdict_fini(&v);
    /* S2 the stated total World: 50 / 125 = 40% in [38, 42], margin 2 */
    check_one("S2", COR_V_SUPPORTED, 40, 40, 2);
    /* S3 no total, World flagged as an aggregate of exporter: not a part,
     * 60 / (60 + 40) = 60% in [59.5, 60.5] (with it, 60 / 200 would be 30%) */
    check_one("S3", COR_V_SUPPORTED, 60, 60, 0.5);
    eval("S3", &v);
    assert_string_equal(v.alts[0].detail, "A / (A + B), 2023");
    cor_verdict_fini(&v);
    /* PP1 100 (50/100 - 40/100) = +10 pp in [9.5, 10.5], margin 0.5 */
    check_one("PP1", COR_V_SUPPORTED, 10, 10, 0.5);
    /* PP2 B: 100 (30/100 - 40/100) = -10 pp in (-inf, -5), margin 5 */
    check_one("PP2", COR_V_SUPPORTED, -10, -10, 5);
}

static void test_claims_rank(void **state)
{
    (void)state;
    /* R1 A = 50 above B = 30 and C = 20, no total: position 1 in [0.5, 1.5] */
    check_one("R1", COR_V_SUPPORTED, 1, 1, 0.5);
    /* R2 B with the total 125: A above, C below; the rest 125 - 50 - 20 - 30 = 25
     * cannot hold a supplier above 30: position 2 in [1.5, 2.5] */
    check_one("R2", COR_V_SUPPORTED, 2, 2, 0.5);
    /* R3 C = 20: A and B above; the rest 125 - 50 - 30 - 20 = 25 holds at most
     * floor(25 / 20) = 1 supplier above it: position [3, 4] against [2.5, 3.5] */
    check_one("R3", COR_V_UNDECIDED, 3, 4, NAN);
    /* parts that are shares (%) of a whole of 100%: R4 g1 = 40 above g2 = 25, the
     * rest 100 - 25 - 40 = 35 is below 40: position 1 */
    check_one("R4", COR_V_SUPPORTED, 1, 1, 0.5);
    /* R5 g2 = 25: g1 above; the rest 100 - 40 - 25 = 35 could hold floor(35 / 25) = 1
     * group above it: position [2, 3] against [1.5, 2.5] */
    check_one("R5", COR_V_UNDECIDED, 2, 3, NAN);
}

static void test_claims_history(void **state)
{
    (void)state;
    struct cor_verdict v;
    /* L1 record low 70 (2021) below the lowest earlier 80: history margin 80 - 70 = 10,
     * level margin 70 - 0 = 70 (at least 0) */
    eval("L1", &v);
    check_alt(&v.alts[0], COR_V_SUPPORTED, 70, 70, 70);
    assert_close(v.alts[0].history_margin, 10, 1e-15);
    cor_verdict_fini(&v);
    /* L2 120 (2019) is not below 100 (2017): contradicted by the history, margin
     * 100 - 120 = -20; the level test (supported) did not decide: no level margin */
    eval("L2", &v);
    check_alt(&v.alts[0], COR_V_CONTRADICTED, 120, 120, NAN);
    assert_close(v.alts[0].history_margin, -20, 1e-15);
    cor_verdict_fini(&v);
    /* RC1 a record 120: the level holds ([114, 126]) but 150 (2018) is higher:
     * contradicted, history margin 120 - 150 = -30, and no positive margin shown */
    eval("RC1", &v);
    assert_int_equal(v.verdict, COR_V_CONTRADICTED);
    check_alt(&v.alts[0], COR_V_CONTRADICTED, 120, 120, NAN);
    assert_close(v.alts[0].history_margin, -30, 1e-15);
    cor_verdict_fini(&v);
    /* F1 first time above 85 in 2019 with no earlier figure: the history cannot tell */
    eval("F1", &v);
    check_alt(&v.alts[0], COR_V_UNDECIDED, 90, 90, NAN);
    assert_true(isnan(v.alts[0].history_margin));
    assert_string_equal(v.alts[0].detail, "2019; no earlier figure in the data");
    cor_verdict_fini(&v);
}

static void test_claims_partial_periods(void **state)
{
    (void)state;
    struct cor_verdict v;
    /* G3 names 2022-9M: only 2021-9M is its base (360/400), never the year 2021 (500) */
    eval("G3", &v);
    assert_int_equal(v.nalts, 1);
    assert_int_equal(v.alts[0].ninputs, 2);
    assert_int_equal(v.alts[0].inputs[0]->period.kind, COR_PERIOD_YTD);
    assert_int_equal(v.alts[0].inputs[1]->period.kind, COR_PERIOD_YTD);
    assert_string_equal(v.alts[0].detail, "2022-9M vs 2021-9M");
    cor_verdict_fini(&v);
    /* G4 names the year 2022: the 9M figures stay out ([285, 315] / 500, not 360 / 400) */
    eval("G4", &v);
    assert_int_equal(v.nalts, 1);
    assert_int_equal(v.alts[0].inputs[0]->period.kind, COR_PERIOD_YEAR);
    cor_verdict_fini(&v);
}

/* ---- the evidence hierarchy ------------------------------------------------------ */

static void test_claims_hierarchy_actual_undecided_projection_supports(void **state)
{
    (void)state;
    struct cor_verdict v;
    /* H1 more than 30% in 2023: actual (120, inf) / 100 - 1 = (20%, inf) undecided;
     * projected [140, 150] / 100 - 1 = [40%, 50%] supported: the actual figures decide */
    eval("H1", &v);
    assert_int_equal(v.nalts, 2);
    assert_int_equal(v.verdict, COR_V_UNDECIDED);
    assert_int_equal(v.decided_by, COR_EV_ACTUAL);
    assert_int_equal(v.alts[0].evidence_class, COR_EV_ACTUAL);
    assert_true(v.alts[0].decides);
    check_alt(&v.alts[0], COR_V_UNDECIDED, 20, INFINITY, NAN);
    assert_int_equal(v.alts[1].evidence_class, COR_EV_PROJECTED);
    assert_false(v.alts[1].decides);
    check_alt(&v.alts[1], COR_V_SUPPORTED, 40, 50, 10);
    assert_string_equal(v.summary, "undecided on actual figures; a projection supports it");
    cor_verdict_fini(&v);
}

static void test_claims_hierarchy_actual_supports_projection_contradicts(void **state)
{
    (void)state;
    struct cor_verdict v;
    /* H2 at least 180 in 2024: actual 200 supports (margin 20), projected 130
     * contradicts (margin -50): supported, decided by the actual figure */
    eval("H2", &v);
    assert_int_equal(v.verdict, COR_V_SUPPORTED);
    assert_int_equal(v.decided_by, COR_EV_ACTUAL);
    check_alt(&v.alts[0], COR_V_SUPPORTED, 200, 200, 20);
    check_alt(&v.alts[1], COR_V_CONTRADICTED, 130, 130, -50);
    assert_false(v.alts[1].decides);
    assert_string_equal(v.summary, "supported on actual figures; a projection contradicts it");
    char *computed = NULL;
    assert_int_equal(cor_verdict_computed(&v, &computed, NULL), COR_OK);
    assert_string_equal(computed, "[200] supported");
    free(computed);
    cor_verdict_fini(&v);
}

/* ---- no data, and why ------------------------------------------------------------ */

static void test_claims_no_data_says_why(void **state)
{
    (void)state;
    struct cor_verdict v;
    eval("N1", &v);
    assert_int_equal(v.verdict, COR_V_NO_DATA);
    assert_int_equal(v.decided_by, COR_EV_COUNT);
    assert_string_equal(v.problem,
                        "no port 'Testprot' in the 'port' records; did you mean 'Testport'?");
    cor_verdict_fini(&v);
    eval("N2", &v);
    assert_string_equal(v.problem, "no flow 'totl' among the rows selected before it; did you "
                                   "mean 'total'?");
    cor_verdict_fini(&v);
    /* the nearest period of the same form: 2022 (not 2022-9M) */
    eval("N3", &v);
    assert_string_equal(v.problem, "no figure for 2024 (closest in the data: 2022)");
    assert_string_equal(v.summary, "no data: no figure for 2024 (closest in the data: 2022)");
    cor_verdict_fini(&v);
}

static void test_claims_evidence_without_figures_is_said(void **state)
{
    (void)state;
    struct cor_verdict v;
    /* V1: evidence 1 finds 100 (supported); evidence 2 finds no 2016 figure: an
     * alternative without figures says so and decides nothing */
    eval("V1", &v);
    assert_int_equal(v.nrows, 2);
    assert_int_equal(v.nalts, 2);
    assert_int_equal(v.verdict, COR_V_SUPPORTED);
    assert_int_equal(v.alts[1].verdict, COR_V_NO_DATA);
    assert_int_equal(v.alts[1].evidence, 1);
    assert_int_equal(v.alts[1].ninputs, 0);
    assert_int_equal(v.alts[1].evidence_class, COR_EV_COUNT);
    assert_false(v.alts[1].decides);
    assert_int_equal(v.alts[1].computed.na, COR_NA_NO_FIGURE);
    assert_string_equal(v.alts[1].detail, "no figure for 2016 (closest in the data: 2017)");
    assert_string_equal(v.problem, "evidence 2: no figure for 2016 (closest in the data: 2017)");
    assert_string_equal(v.summary, "supported on actual figures");
    cor_verdict_fini(&v);
}

static void test_claims_every_claim_in_a_table(void **state)
{
    (void)state;
    struct cor_verdicts vs;
    assert_int_equal(cor_verdicts_evaluate(ds, &five, &vs, NULL), COR_OK);
    /* 36 claims: 3 without data (N1-N3); undecided CH2, R3, R5, F1, H1; contradicted D2,
     * L2, RC1; the other 25 supported */
    assert_int_equal(vs.n, 36);
    assert_int_equal(vs.count[COR_V_NO_DATA], 3);
    assert_int_equal(vs.count[COR_V_UNDECIDED], 5);
    assert_int_equal(vs.count[COR_V_CONTRADICTED], 3);
    assert_int_equal(vs.count[COR_V_SUPPORTED], 25);
    struct cor_table *t = NULL;
    assert_int_equal(cor_verdicts_table(ds, &vs, 0, &t, NULL), COR_OK);
    assert_non_null(t);
    assert_int_equal(cor_table_rows(t), 36);
    cor_table_free(t);
    assert_int_equal(cor_verdicts_table(ds, &vs, 1, &t, NULL), COR_OK);
    /* one row per alternative (H1 and H2 have two), and one per piece of evidence
     * without any (N1-N3, the second of V1) */
    assert_int_equal(cor_table_rows(t), 39);
    cor_table_free(t);
    cor_verdicts_fini(&vs);
}

int main(void)
{
    cor_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_claims_compare_each_verdict),
        cmocka_unit_test(test_claims_compare_open_ends),
        cmocka_unit_test(test_claims_interval_levels),
        cmocka_unit_test(test_claims_interval_below_zero),
        cmocka_unit_test(test_claims_metric_names),
        cmocka_unit_test(test_claims_growth_each_qualifier),
        cmocka_unit_test(test_claims_multiple_change_cagr),
        cmocka_unit_test(test_claims_direction),
        cmocka_unit_test(test_claims_shares),
        cmocka_unit_test(test_claims_rank),
        cmocka_unit_test(test_claims_history),
        cmocka_unit_test(test_claims_partial_periods),
        cmocka_unit_test(test_claims_hierarchy_actual_undecided_projection_supports),
        cmocka_unit_test(test_claims_hierarchy_actual_supports_projection_contradicts),
        cmocka_unit_test(test_claims_no_data_says_why),
        cmocka_unit_test(test_claims_evidence_without_figures_is_said),
        cmocka_unit_test(test_claims_every_claim_in_a_table),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
