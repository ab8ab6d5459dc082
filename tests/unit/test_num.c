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
    assert_true(isinf(v) && v > 0);   /* too large */
    assert_int_equal(cor_num_parse("-1e400", 6, &v, NULL), COR_ERANGE);
    assert_true(isinf(v) && v < 0);
    /* the length bounds the text: "12" out of "123" */
    assert_int_equal(cor_num_parse("123", 2, &v, NULL), COR_OK);
    assert_true(v == 12.0);
}

/* A number that would round to zero is refused (it is not zero); one that
 * rounds to a subnormal is kept; zero written any way is zero. */
static void test_num_parse_underflow_refused(void **state)
{
    (void)state;
    double v = 1;
    assert_int_equal(cor_num_parse("1e-400", 6, &v, NULL), COR_ERANGE);
    assert_true(v == 0);
    assert_int_equal(cor_num_parse("-0.0001e-320", 12, &v, NULL), COR_ERANGE);
    assert_int_equal(cor_num_parse("2e-324", 6, &v, NULL), COR_ERANGE);   /* below half of 2^-1074 */
    assert_int_equal(cor_num_parse("4.9406564584124654e-324", 23, &v, NULL), COR_OK);
    assert_true(v == ldexp(1, -1074));   /* the smallest subnormal */
    assert_int_equal(cor_num_parse("1e-310", 6, &v, NULL), COR_OK);
    assert_true(v > 0 && v < 2.2250738585072014e-308);
    const char *zeros[] = {"0e-400", "0.000e-999", "-0", "0.0"};
    for (size_t i = 0; i < sizeof zeros / sizeof *zeros; i++) {
        assert_int_equal(cor_num_parse(zeros[i], strlen(zeros[i]), &v, NULL), COR_OK);
        assert_true(v == 0);
    }
}

/* No length limit: a number of 200 characters is read, correctly rounded. */
static void test_num_parse_long_text(void **state)
{
    (void)state;
    char buf[256] = "0.";
    memset(buf + 2, '3', 198);
    buf[200] = '\0';
    double v = 0;
    assert_int_equal(cor_num_parse(buf, 200, &v, NULL), COR_OK);
    assert_true(v == 1.0 / 3.0);   /* 1/3 - v < 1e-198, far below half an ulp */
    char big[200] = "1";
    memset(big + 1, '0', 150);
    big[151] = '\0';
    assert_int_equal(cor_num_parse(big, 151, &v, NULL), COR_OK);
    assert_true(v == 1e150);
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

static void test_num_parse_style_decimal_and_thousands(void **state)
{
    (void)state;
    double v;
    int dec;
    /* decimal comma, '.' between thousands: 1.234,5 = 1234.5 with one decimal */
    assert_int_equal(cor_num_parse_style("1.234,5", 7, ',', '.', &v, &dec), COR_OK);
    assert_true(v == 1234.5 && dec == 1);
    assert_int_equal(cor_num_parse_style("-12.345.678", 11, ',', '.', &v, &dec), COR_OK);
    assert_true(v == -12345678 && dec == 0);
    assert_int_equal(cor_num_parse_style("1,234,567.25", 12, '.', ',', &v, &dec), COR_OK);
    assert_true(v == 1234567.25 && dec == 2);
    /* a space, and the UTF-8 no-break spaces U+00A0 and U+202F */
    assert_int_equal(cor_num_parse_style("1 234,5", 7, ',', ' ', &v, NULL), COR_OK);
    assert_true(v == 1234.5);
    assert_int_equal(cor_num_parse_style("1\xc2\xa0" "234", 6, '.', ' ', &v, NULL), COR_OK);
    assert_true(v == 1234);
    assert_int_equal(cor_num_parse_style("12\xe2\x80\xaf" "345", 8, '.', ' ', &v, NULL), COR_OK);
    assert_true(v == 12345);
    /* a decimal comma alone */
    assert_int_equal(cor_num_parse_style("7,4", 3, ',', 0, &v, &dec), COR_OK);
    assert_true(v == 7.4 && dec == 1);
    /* malformed grouping, and marks where they do not belong */
    static const char *const bad[] = {"1,23", "1,2345", "12345,678", ",123", "1,234,", "1.5",
                                      "1,234.5,6"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(cor_num_parse_style(bad[i], strlen(bad[i]), i == 5 ? ',' : '.',
                                             i == 5 ? 0 : ',', &v, NULL),
                         COR_EPARSE);
    assert_int_equal(cor_num_parse_style("1,5", 3, ',', ',', &v, NULL), COR_EINVAL);
    /* the plain style is cor_num_parse */
    assert_int_equal(cor_num_parse_style("1,5", 3, '.', 0, &v, NULL), COR_EPARSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_num_parse_values_and_decimals),
        cmocka_unit_test(test_num_parse_rejects_malformed),
        cmocka_unit_test(test_num_parse_underflow_refused),
        cmocka_unit_test(test_num_parse_long_text),
        cmocka_unit_test(test_num_format_shortest_round_trip),
        cmocka_unit_test(test_num_format_significant),
        cmocka_unit_test(test_num_format_fixed),
        cmocka_unit_test(test_num_format_grouped),
        cmocka_unit_test(test_num_same_in_every_locale),
        cmocka_unit_test(test_num_g17_matches_printf),
        cmocka_unit_test(test_num_parse_style_decimal_and_thousands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
