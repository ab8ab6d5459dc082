#include <string.h>

#include "corridor/period.h"
#include "testutil.h"

static struct cor_period parse(const char *s)
{
    struct cor_period p;
    assert_int_equal(cor_period_parse(s, strlen(s), &p), COR_OK);
    return p;
}

static void expect_range(const char *s, enum cor_period_kind kind, int y0, int m0, int d0,
                         int y1, int m1, int d1)
{
    struct cor_period p = parse(s);
    assert_int_equal(p.kind, kind);
    assert_int_equal(p.y0, y0);
    assert_int_equal(p.m0, m0);
    assert_int_equal(p.d0, d0);
    assert_int_equal(p.y1, y1);
    assert_int_equal(p.m1, m1);
    assert_int_equal(p.d1, d1);
    char buf[64];
    cor_period_format(&p, buf, sizeof buf);
    assert_string_equal(buf, s);               /* canonical forms round-trip */
}

static void test_period_forms(void **state)
{
    (void)state;
    expect_range("2024", COR_PERIOD_YEAR, 2024, 1, 1, 2024, 12, 31);
    expect_range("2023-Q1", COR_PERIOD_QUARTER, 2023, 1, 1, 2023, 3, 31);
    expect_range("2023-Q4", COR_PERIOD_QUARTER, 2023, 10, 1, 2023, 12, 31);
    expect_range("2024-H1", COR_PERIOD_HALF, 2024, 1, 1, 2024, 6, 30);
    expect_range("2024-H2", COR_PERIOD_HALF, 2024, 7, 1, 2024, 12, 31);
    expect_range("2025-9M", COR_PERIOD_YTD, 2025, 1, 1, 2025, 9, 30);
    expect_range("2023-11M", COR_PERIOD_YTD, 2023, 1, 1, 2023, 11, 30);
    expect_range("2024-02", COR_PERIOD_MONTH, 2024, 2, 1, 2024, 2, 29);   /* leap year */
    expect_range("2023-02", COR_PERIOD_MONTH, 2023, 2, 1, 2023, 2, 28);
    expect_range("2025-01-31", COR_PERIOD_DAY, 2025, 1, 31, 2025, 1, 31);
    expect_range("2022..2026", COR_PERIOD_SPAN, 2022, 1, 1, 2026, 12, 31);
    expect_range("2023-10..2024-07", COR_PERIOD_SPAN, 2023, 10, 1, 2024, 7, 31);
    struct cor_period u = parse("undated");
    assert_int_equal(u.kind, COR_PERIOD_UNDATED);
}

static void test_period_rejects_malformed(void **state)
{
    (void)state;
    const char *bad[] = {"", "24", "20x4", "2024-Q5", "2024-Q0", "2024-H3", "2024-13",
                         "2024-00", "2023-02-29", "2024-04-31", "2024-12M", "2024-0M",
                         "2024-", "2024..", "..2024", "2025-9M..2026", "2024-6M..2025-9M",
                         "2024 ", "Undated"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct cor_period p;
        assert_int_equal(cor_period_parse(bad[i], strlen(bad[i]), &p), COR_EPARSE);
    }
    struct cor_period p;
    assert_int_equal(cor_period_parse("2026..2022", 10, &p), COR_ERANGE);
    assert_int_equal(cor_period_parse("2024-02-29", 10, &p), COR_OK);   /* leap day */
    /* regression (libFuzzer, issue 15): a month count that overflowed int */
    assert_int_equal(cor_period_parse("2025-99999999999M", 17, &p), COR_EPARSE);
    assert_int_equal(cor_period_parse("2025-99999999999999999999M", 26, &p), COR_EPARSE);
    assert_int_equal(cor_period_parse("2025-011M", 9, &p), COR_OK);
    assert_int_equal(p.kind, COR_PERIOD_YTD);
    assert_int_equal(p.m1, 11);
}

static void test_period_months_and_order(void **state)
{
    (void)state;
    struct cor_period y = parse("2025"), m9 = parse("2025-9M"), q = parse("2025-Q1");
    struct cor_period sp = parse("2022..2026"), d = parse("2025-01-31"), u = parse("undated");
    assert_int_equal(cor_period_months(&y), 12);
    assert_int_equal(cor_period_months(&m9), 9);
    assert_int_equal(cor_period_months(&q), 3);
    assert_int_equal(cor_period_months(&sp), 60);
    assert_int_equal(cor_period_months(&d), 0);
    assert_int_equal(cor_period_months(&u), -1);
    assert_true(cor_period_is_year(&y));
    assert_false(cor_period_is_year(&m9));
    /* same start: the shorter period first */
    assert_true(cor_period_compare(&q, &m9) < 0);
    assert_true(cor_period_compare(&m9, &y) < 0);
    assert_true(cor_period_compare(&y, &u) < 0);          /* undated last */
    struct cor_period y2 = cor_period_year(2025);
    assert_true(cor_period_equal(&y, &y2));
    assert_false(cor_period_equal(&y, &m9));
}

static void expect_period(const struct cor_period *p, const char *text)
{
    char buf[32];
    cor_period_format(p, buf, sizeof buf);
    assert_string_equal(buf, text);
}

static void test_period_pairs_and_a_year_earlier(void **state)
{
    (void)state;
    struct cor_period a, b;
    /* A..B: the two ends in their own forms */
    struct cor_period p = parse("2021..2024");
    assert_true(cor_period_span_ends(&p, &a, &b));
    expect_period(&a, "2021");
    expect_period(&b, "2024");
    assert_int_equal(cor_period_months(&a), 12);
    /* a pair of year-to-date periods of one length: 9 months each */
    p = parse("2024-9M..2025-9M");
    expect_period(&p, "2024-9M..2025-9M");
    assert_true(cor_period_span_ends(&p, &a, &b));
    assert_int_equal(a.kind, COR_PERIOD_YTD);
    expect_period(&a, "2024-9M");
    expect_period(&b, "2025-9M");
    assert_int_equal(a.m0, 1);
    assert_int_equal(a.m1, 9);
    /* quarters and halves keep their months */
    p = parse("2023-Q2..2024-Q2");
    assert_true(cor_period_span_ends(&p, &a, &b));
    assert_true(a.m0 == 4 && a.m1 == 6 && b.m0 == 4 && b.m1 == 6 && b.y0 == 2024);
    p = parse("2023-H2..2024-H1");
    assert_true(cor_period_span_ends(&p, &a, &b));
    assert_true(a.m0 == 7 && a.m1 == 12 && b.m0 == 1 && b.m1 == 6);
    /* not a span */
    p = parse("2024");
    assert_false(cor_period_span_ends(&p, &a, &b));
    /* the same period a year earlier */
    struct cor_period e = cor_period_year_earlier(&p);
    expect_period(&e, "2023");
    p = parse("2025-9M");
    e = cor_period_year_earlier(&p);
    expect_period(&e, "2024-9M");
    p = parse("2024-Q1");
    e = cor_period_year_earlier(&p);
    expect_period(&e, "2023-Q1");
    p = parse("2024-02-29");
    e = cor_period_year_earlier(&p);
    expect_period(&e, "2023-02-28");
    p = parse("2022..2026");
    assert_int_equal(cor_period_year_earlier(&p).kind, COR_PERIOD_NONE);
    p = parse("undated");
    assert_int_equal(cor_period_year_earlier(&p).kind, COR_PERIOD_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_period_forms),
        cmocka_unit_test(test_period_rejects_malformed),
        cmocka_unit_test(test_period_months_and_order),
        cmocka_unit_test(test_period_pairs_and_a_year_earlier),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
