#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "corridor/num.h"
#include "testutil.h"

static double parse_ok(const char *s, int *dec)
{
    double v = -1;
    assert_int_equal(cor_num_parse(s, strlen(s), &v, dec), COR_OK);
    return v;
}

static void test_num_parse_values_and_decimals(void **state)
{
    (void)state;
    int dec = -1;
    assert_true(parse_ok("43900", &dec) == 43900.0);
    assert_int_equal(dec, 0);
    assert_true(parse_ok("7.4", &dec) == 7.4);
    assert_int_equal(dec, 1);
    assert_true(parse_ok("3787.8", &dec) == 3787.8);
    assert_int_equal(dec, 1);
    assert_true(parse_ok("-0.5", &dec) == -0.5);
    assert_true(parse_ok("+2", &dec) == 2.0);
    assert_true(parse_ok(".25", &dec) == 0.25);
    assert_int_equal(dec, 2);
    assert_true(parse_ok("1.5e3", &dec) == 1500.0);
    assert_int_equal(dec, 0);                 /* 1.5e3 is stated to the unit */
    assert_true(parse_ok("1.25E-2", &dec) == 0.0125);
    assert_int_equal(dec, 4);
    assert_true(parse_ok("0.10", &dec) == 0.1);
    assert_int_equal(dec, 2);
}

static void test_num_parse_rejects_malformed(void **state)
{
    (void)state;
    const char *bad[] = {"", "l2.5", "1,5", " 1", "1 ", "1e", "1e+", "inf", "nan", "0x10",
                         "--1", "+", ".", "1.2.3", "12a", "1_000"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        double v = 0;
        assert_int_equal(cor_num_parse(bad[i], strlen(bad[i]), &v, NULL), COR_EPARSE);
    }
    double v;
    assert_int_equal(cor_num_parse("1e999", 5, &v, NULL), COR_ERANGE);
    /* the length bounds the text: "12" out of "123" */
    assert_int_equal(cor_num_parse("123", 2, &v, NULL), COR_OK);
    assert_true(v == 12.0);
}

static void test_num_format_shortest_round_trip(void **state)
{
    (void)state;
    char buf[64];
    cor_num_format(0.1, buf, sizeof buf);
    assert_string_equal(buf, "0.1");
    cor_num_format(76775, buf, sizeof buf);
    assert_string_equal(buf, "76775");
    cor_num_format(1.0 / 3.0, buf, sizeof buf);
    assert_string_equal(buf, "0.3333333333333333");    /* 16 digits read back exactly */
    cor_num_format(0.1 + 0.2, buf, sizeof buf);
    assert_string_equal(buf, "0.30000000000000004");   /* 17 digits needed */
    cor_num_format(1e21, buf, sizeof buf);
    assert_string_equal(buf, "1e+21");
    cor_num_format(NAN, buf, sizeof buf);
    assert_string_equal(buf, "NA");
    cor_num_format(-0.0, buf, sizeof buf);
    assert_string_equal(buf, "0");
    cor_num_format(-INFINITY, buf, sizeof buf);
    assert_string_equal(buf, "-inf");
}

static void test_num_format_significant(void **state)
{
    (void)state;
    char buf[64];
    cor_num_format_sig(9.8 - 1.7, 15, buf, sizeof buf);
    assert_string_equal(buf, "8.1");            /* shortest round-trip would be 8.100000000000001 */
    cor_num_format_sig(76775, 15, buf, sizeof buf);
    assert_string_equal(buf, "76775");
    cor_num_format_sig(1.0 / 3.0, 3, buf, sizeof buf);
    assert_string_equal(buf, "0.333");
    cor_num_format_sig(NAN, 15, buf, sizeof buf);
    assert_string_equal(buf, "NA");
}

static void test_num_format_fixed(void **state)
{
    (void)state;
    char buf[64];
    cor_num_format_fixed(0.3025, 2, buf, sizeof buf);
    assert_string_equal(buf, "0.30");
    cor_num_format_fixed(-0.001, 2, buf, sizeof buf);
    assert_string_equal(buf, "0.00");          /* never "-0.00" */
    cor_num_format_fixed(1234.5678, 1, buf, sizeof buf);
    assert_string_equal(buf, "1234.6");
    cor_num_format_fixed(NAN, 3, buf, sizeof buf);
    assert_string_equal(buf, "NA");
}

/* Under a locale whose decimal point is ',' the results do not change. */
static void test_num_format_grouped(void **state)
{
    (void)state;
    char buf[64];
    cor_num_format_grouped(950000, 0, buf, sizeof buf);
    assert_string_equal(buf, "950,000");
    cor_num_format_grouped(1250.5, 1, buf, sizeof buf);
    assert_string_equal(buf, "1,250.5");
    cor_num_format_grouped(-1234567.891, 2, buf, sizeof buf);
    assert_string_equal(buf, "-1,234,567.89");
    cor_num_format_grouped(999.996, 2, buf, sizeof buf);   /* rounds up into a new group */
    assert_string_equal(buf, "1,000.00");
    cor_num_format_grouped(12, 0, buf, sizeof buf);
    assert_string_equal(buf, "12");
    cor_num_format_grouped(NAN, 0, buf, sizeof buf);
    assert_string_equal(buf, "NA");
    cor_num_format_grouped(INFINITY, 0, buf, sizeof buf);
    assert_string_equal(buf, "inf");
}

static void test_num_same_in_every_locale(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "de_DE.UTF-8")) {
        print_message("de_DE.UTF-8 not available (tests/make_locale.sh makes it)\n");
        skip();
    }
    char buf[64];
    snprintf(buf, sizeof buf, "%.1f", 7.4);
    assert_string_equal(buf, "7,4");           /* the locale is in force */
    double v = 0;
    assert_int_equal(cor_num_parse("7.4", 3, &v, NULL), COR_OK);
    assert_true(v == 7.4);
    assert_int_equal(cor_num_parse("7,4", 3, &v, NULL), COR_EPARSE);
    cor_num_format(7.4, buf, sizeof buf);
    assert_string_equal(buf, "7.4");
    cor_num_format_fixed(2.5, 2, buf, sizeof buf);
    assert_string_equal(buf, "2.50");
    setlocale(LC_ALL, "C");
}

/* The fast "%.17g" agrees with the C library's on a million doubles of every
 * magnitude, and the fast parse path agrees with strtod. */
static void test_num_g17_matches_printf(void **state)
{
    (void)state;
    uint64_t x = 88172645463325252ull;   /* xorshift64 */
    char a[40], b[40];
    for (int i = 0; i < 1000000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double v;
        if (i % 3 == 0)
            v = (double)(x >> 11) / 9007199254740992.0;          /* [0, 1) */
        else if (i % 3 == 1)
            v = (double)(x % 100000000) / 100.0;                 /* two decimals */
        else {
            memcpy(&v, &x, sizeof v);                            /* any bit pattern */
            if (!isfinite(v))
                continue;
        }
        cor_num_format_g17(v, a);
        snprintf(b, sizeof b, "%.17g", v);
        if (strcmp(a, b) != 0)
            print_error("%s != %s\n", a, b);
        assert_string_equal(a, b);
        double back;
        assert_int_equal(cor_num_parse(b, strlen(b), &back, NULL), COR_OK);
        assert_true(back == v);
    }
    /* around every power of ten and two, where the decimal exponent changes */
    for (int e = -40; e <= 40; e++) {
        double c[2] = {pow(10.0, e), ldexp(1.0, 3 * e)};
        for (int j = 0; j < 2; j++) {
            double v[3] = {nextafter(c[j], 0), c[j], nextafter(c[j], INFINITY)};
            for (int i = 0; i < 3; i++) {
                cor_num_format_g17(v[i], a);
                snprintf(b, sizeof b, "%.17g", v[i]);
                assert_string_equal(a, b);
            }
        }
    }
    cor_num_format_g17(0.0, a);
    assert_string_equal(a, "0");
    cor_num_format_g17(1e21, a);
    assert_string_equal(a, "1e+21");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_num_parse_values_and_decimals),
        cmocka_unit_test(test_num_parse_rejects_malformed),
        cmocka_unit_test(test_num_format_shortest_round_trip),
        cmocka_unit_test(test_num_format_significant),
        cmocka_unit_test(test_num_format_fixed),
        cmocka_unit_test(test_num_format_grouped),
        cmocka_unit_test(test_num_same_in_every_locale),
        cmocka_unit_test(test_num_g17_matches_printf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
