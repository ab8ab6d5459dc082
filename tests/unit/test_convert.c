#include <string.h>

#include "corridor/convert.h"
#include "testutil.h"

static int U(const char *name)
{
    int u = cor_unit_lookup(name, strlen(name));
    assert_true(u >= 0);
    return u;
}

static void test_convert_same_dimension(void **state)
{
    (void)state;
    double k;
    assert_int_equal(cor_convert_factor(U("Mt"), U("t"), NULL, &k, NULL), COR_OK);
    assert_true(k == 1e6);
    assert_int_equal(cor_convert_factor(U("kt"), U("Mt"), NULL, &k, NULL), COR_OK);
    assert_close(k, 1e-3, 1e-15);
    assert_int_equal(cor_convert_factor(U("billion"), U("million"), NULL, &k, NULL), COR_OK);
    assert_true(k == 1000);
    assert_int_equal(cor_convert_factor(U("bcm"), U("mcm"), NULL, &k, NULL), COR_OK);
    assert_true(k == 1000);
    /* 13.73 tcf = 388.79 bcm (the Tamar source rounds to 389) */
    assert_int_equal(cor_convert_factor(U("tcf"), U("bcm"), NULL, &k, NULL), COR_OK);
    assert_close(13.73 * k, 388.790303, 1e-6);
}

static void test_convert_refuses_incompatible(void **state)
{
    (void)state;
    double k;
    struct cor_error err = {0};
    assert_int_equal(cor_convert_factor(U("TEU"), U("t"), NULL, &k, &err), COR_EUNIT);
    assert_non_null(strstr(err.message, "cannot convert TEU"));
    assert_int_equal(cor_convert_factor(U("billion"), U("TEU"), NULL, &k, &err), COR_EUNIT);
    /* barrels and tonnes only with a stated density */
    assert_int_equal(cor_convert_factor(U("bbl"), U("t"), NULL, &k, &err), COR_EUNIT);
    assert_non_null(strstr(err.message, "density"));
    /* a daily rate only over a known period */
    assert_int_equal(cor_convert_factor(U("b/d"), U("bbl"), NULL, &k, &err), COR_EUNIT);
}

static void test_convert_bridges(void **state)
{
    (void)state;
    struct cor_convert_opts o = {7.33, 0, 0};
    double k;
    assert_int_equal(cor_convert_factor(U("bbl"), U("t"), &o, &k, NULL), COR_OK);
    assert_close(7.33 * k, 1.0, 1e-15);           /* 7.33 barrels make a tonne */
    assert_int_equal(cor_convert_factor(U("Mt"), U("Mbbl"), &o, &k, NULL), COR_OK);
    assert_close(k, 7.33, 1e-15);
    /* 617,658 b/d through 2022 (365 days) at 7.33 bbl/t = 225,445,170 bbl = 30.7565 Mt */
    struct cor_period y2022 = cor_period_year(2022);
    cor_convert_period(&o, &y2022);
    assert_true(o.days == 365);
    assert_int_equal(cor_convert_factor(U("b/d"), U("Mt"), &o, &k, NULL), COR_OK);
    assert_close(617658 * k, 225445170.0 / 7.33 / 1e6, 1e-14);
    /* 10.3 bcm/yr over a half year is 5.15 bcm */
    struct cor_period h1;
    assert_int_equal(cor_period_parse("2024-H1", 7, &h1), COR_OK);
    cor_convert_period(&o, &h1);
    assert_true(o.days == 182);                   /* 31+29+31+30+31+30 in 2024 */
    assert_int_equal(cor_convert_factor(U("bcm/yr"), U("bcm"), &o, &k, NULL), COR_OK);
    assert_close(10.3 * k, 5.15, 1e-14);
}

static void test_convert_period_lengths(void **state)
{
    (void)state;
    struct cor_convert_opts o;
    struct cor_period p;
    const struct {
        const char *text;
        double days;
    } cases[] = {{"2024", 366}, {"2023", 365}, {"2023-Q1", 90}, {"2025-9M", 273},
                 {"2024-02", 29}, {"2025-01-31", 1}, {"2022..2023", 730}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(cor_period_parse(cases[i].text, strlen(cases[i].text), &p), COR_OK);
        cor_convert_period(&o, &p);
        assert_true(o.days == cases[i].days);
    }
    assert_int_equal(cor_period_parse("undated", 7, &p), COR_OK);
    cor_convert_period(&o, &p);
    assert_true(o.days == 0 && o.years == 0);
}

static void test_convert_interval(void **state)
{
    (void)state;
    struct cor_ival a = {7.4, 7.03, 7.77, 0, 0, COR_NA_NONE}, out;
    assert_int_equal(cor_convert(a, U("Mt"), U("kt"), NULL, &out, NULL), COR_OK);
    assert_close(out.lo, 7030, 1e-14);
    assert_close(out.hi, 7770, 1e-14);
    assert_int_equal(cor_convert(a, U("Mt"), U("TEU"), NULL, &out, NULL), COR_EUNIT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_convert_same_dimension),
        cmocka_unit_test(test_convert_refuses_incompatible),
        cmocka_unit_test(test_convert_bridges),
        cmocka_unit_test(test_convert_period_lengths),
        cmocka_unit_test(test_convert_interval),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
