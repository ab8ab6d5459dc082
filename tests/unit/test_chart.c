/* Chart building (corridor/chart.h): labels quoted for gnuplot, names
 * looked up, and the numbers of a chart as they reach the script's
 * datablocks. Expected values worked out by hand from the header's rules;
 * the report's figures (series -> chart) are tested in test_report.c. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/chart.h"
#include "testutil.h"

static char *script_of(const struct cor_chart *c, enum cor_status want)
{
    FILE *out = tmpfile();
    assert_non_null(out);
    assert_int_equal(cor_chart_write(c, COR_TERM_SVG, "x.svg", out, NULL), want);
    return tu_slurp(out);
}

/* The first four numbers of each row of datablock $S<k>, written as text
 * ("2020 10 NaN NaN"), one row a line, into buf. */
static void datablock(const char *script, int k, size_t ncols, char *buf, size_t n)
{
    char head[32];
    snprintf(head, sizeof head, "$S%d << ", k);
    const char *p = strstr(script, head);
    assert_non_null(p);
    p += strlen(head);
    char marker[32];
    size_t m = strcspn(p, "\n");
    assert_true(m < sizeof marker);
    memcpy(marker, p, m);
    marker[m] = '\0';
    p += m + 1;
    buf[0] = '\0';
    size_t used = 0;
    while (strncmp(p, marker, m) != 0 || p[m] != '\n') {
        const char *eol = strchr(p, '\n');
        assert_non_null(eol);
        const char *q = p;
        for (size_t col = 0; col < ncols; col++) {
            size_t w = strcspn(q, " \n");
            used += (size_t)snprintf(buf + used, n - used, "%s%.*s", col ? " " : "", (int)w, q);
            q += w + (q[w] == ' ');
        }
        used += (size_t)snprintf(buf + used, n - used, "\n");
        p = eol + 1;
    }
}

static void test_chart_quote(void **state)
{
    (void)state;
    char buf[128];
    /* a quote closes the string, adds sprintf('%c',39) and reopens it */
    assert_string_equal(cor_chart_quote("it's", buf, sizeof buf), "it'.sprintf('%c',39).'s");
    /* a line break or a tab would end a command: a space */
    assert_string_equal(cor_chart_quote("a\nb\tc", buf, sizeof buf), "a b c");
    /* invalid UTF-8 is U+FFFD; backquotes and @ stay text (single quotes) */
    assert_string_equal(cor_chart_quote("x\xff`y`@z", buf, sizeof buf), "x\xEF\xBF\xBD`y`@z");
    /* cut at a whole character: the quote needs 20 bytes, 5 hold "ab" */
    assert_string_equal(cor_chart_quote("ab'c", buf, 5), "ab");
    assert_string_equal(cor_chart_quote("\xC3\xA9\xC3\xA9", buf, 4), "\xC3\xA9");
    assert_string_equal(cor_chart_quote(NULL, buf, sizeof buf), "");
}

static void test_chart_lookups(void **state)
{
    (void)state;
    assert_int_equal(cor_chart_type_lookup("line"), COR_CHART_LINE);
    assert_int_equal(cor_chart_type_lookup("stacked"), COR_CHART_STACKED100);
    assert_int_equal(cor_chart_type_lookup("pie"), -1);
    assert_string_equal(cor_chart_type_name(COR_CHART_GROUPED), "grouped");
    assert_int_equal(cor_terminal_lookup("pdf"), COR_TERM_PDF);
    assert_int_equal(cor_terminal_lookup("jpeg"), -1);
    assert_string_equal(cor_terminal_ext(COR_TERM_PNG), "png");
}

/* A line: 2020 and 2021 joined, 2023 after a missing year (an undefined
 * row breaks the line), an interval's bounds, a "more than" (hi = inf). */
static void test_chart_line_datablock(void **state)
{
    (void)state;
    const struct cor_chart_point pts[] = {
        {2020, 10, NAN, NAN, COR_MARK_ACTUAL},
        {2021, 12, 11, 13, COR_MARK_ACTUAL},
        {2023, 15, 15, INFINITY, COR_MARK_ESTIMATE},
    };
    const struct cor_chart_series s = {"Port 'A'", pts, 3};
    const struct cor_chart c = {.type = COR_CHART_LINE, .title = "T", .xlabel = "year",
                                .ylabel = "TEU", .series = &s, .nseries = 1};
    char *script = script_of(&c, COR_OK);
    char rows[512];
    datablock(script, 1, 2, rows, sizeof rows);
    assert_string_equal(rows, "2020 10\n2021 12\nNaN NaN\n2023 15\n");
    datablock(script, 1, 4, rows, sizeof rows);
    assert_non_null(strstr(rows, "2020 10 NaN NaN\n2021 12 11 13\n"));
    /* the label from data is single-quoted, its quote as sprintf */
    assert_non_null(strstr(script, "'Port '.sprintf('%c',39).'A'.sprintf('%c',39).''"));
    assert_null(strstr(script, "$S2 << "));
    free(script);
}

/* 100% stacked bars: each category's bar is scaled to 100. At category 0
 * the parts are 30 and 10 (total 40): the first runs 0 to 75, the second
 * 75 to 100; at category 1 only the second has a figure (5): 0 to 100. */
static void test_chart_stacked_shares(void **state)
{
    (void)state;
    const struct cor_chart_point a[] = {{0, 30, NAN, NAN, COR_MARK_ACTUAL}};
    const struct cor_chart_point b[] = {{0, 10, NAN, NAN, COR_MARK_ACTUAL},
                                        {1, 5, NAN, NAN, COR_MARK_ACTUAL}};
    const struct cor_chart_series s[] = {{"a", a, 1}, {"b", b, 2}};
    const char *const cats[] = {"2023", "2024"};
    const struct cor_chart c = {.type = COR_CHART_STACKED100, .title = "T", .ylabel = "%",
                                .series = s, .nseries = 2, .categories = cats,
                                .ncategories = 2};
    char *script = script_of(&c, COR_OK);
    char rows[256];
    datablock(script, 1, 3, rows, sizeof rows);
    assert_string_equal(rows, "0 0 75\n");
    datablock(script, 2, 3, rows, sizeof rows);
    assert_string_equal(rows, "0 75 100\n1 0 100\n");
    assert_non_null(strstr(script, "'2023'"));
    assert_non_null(strstr(script, "'2024'"));
    free(script);
}

/* An output name that would make gnuplot run a command is refused. */
static void test_chart_refuses_pipe_output(void **state)
{
    (void)state;
    const struct cor_chart_point p[] = {{2020, 1, NAN, NAN, COR_MARK_ACTUAL}};
    const struct cor_chart_series s = {"a", p, 1};
    const struct cor_chart c = {.type = COR_CHART_LINE, .series = &s, .nseries = 1};
    const char *bad[] = {"|rm -rf x", "<cat /etc/passwd"};
    for (int i = 0; i < 2; i++) {
        FILE *out = tmpfile();
        assert_non_null(out);
        struct cor_error err = {0};
        assert_int_equal(cor_chart_write(&c, COR_TERM_PNG, bad[i], out, &err), COR_EINVAL);
        fclose(out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chart_quote),
        cmocka_unit_test(test_chart_lookups),
        cmocka_unit_test(test_chart_line_datablock),
        cmocka_unit_test(test_chart_stacked_shares),
        cmocka_unit_test(test_chart_refuses_pipe_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
