/* The table writers and the escaping functions, against outputs worked
 * out by hand from each format's rules (RFC 4180, JSON, HTML, CommonMark,
 * LaTeX). */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/export.h"
#include "testutil.h"

typedef void (*text_fn)(const char *s, FILE *out);

static char *render(const struct cor_table *t, enum cor_format f)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&buf, &n);
    assert_non_null(out);
    assert_int_equal(cor_export_table(t, f, out), COR_OK);
    fclose(out);
    return buf;
}

static void assert_text(text_fn fn, const char *in, const char *want)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&buf, &n);
    fn(in, out);
    fclose(out);
    assert_string_equal(buf, want);
    free(buf);
}

static void assert_format(const struct cor_table *t, enum cor_format f, const char *want)
{
    char *got = render(t, f);
    assert_string_equal(got, want);
    free(got);
}

/* name (text), v (number, 2 decimals): three rows that need quoting */
static struct cor_table *quoting_table(void)
{
    struct cor_table *t = cor_table_new("T");
    cor_table_add_col(t, "name", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "v", NULL, COR_CELL_NUMBER, 2);
    const char *names[] = {"a,b", "say \"hi\"", "two\r\nlines"};
    double v[] = {1.5, NAN, 0.1};
    for (int i = 0; i < 3; i++) {
        cor_table_add_row(t);
        cor_table_set_text(t, 0, names[i]);
        cor_table_set_num(t, 1, v[i]);
    }
    return t;
}

static void test_export_csv_and_tsv(void **state)
{
    (void)state;
    struct cor_table *t = quoting_table();
    assert_format(t, COR_FMT_CSV,
                  "name,v\r\n\"a,b\",1.5\r\n\"say \"\"hi\"\"\",NA\r\n\"two\r\nlines\",0.1\r\n");
    assert_format(t, COR_FMT_TSV, "name\tv\na,b\t1.5\nsay \"hi\"\tNA\ntwo  lines\t0.1\n");
    cor_table_free(t);
}

static void test_export_json_valid_utf8(void **state)
{
    (void)state;
    struct cor_table *t = cor_table_new("T\x01\xC3\xA9\xFF");
    cor_table_add_col(t, "name", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "x", NULL, COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "x_lo", NULL, COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "x_hi", NULL, COR_CELL_NUMBER, -1);
    cor_table_add_row(t);
    cor_table_set_text(t, 0, "q\"\\\n\x1b\xC2\x9B\xE2\x82");
    cor_table_set_num(t, 1, 1);
    cor_table_set_num(t, 2, 0.5);
    cor_table_set_num(t, 3, INFINITY);
    cor_table_add_note(t, "n");
    cor_table_add_source(t, "s");
    assert_format(t, COR_FMT_JSON,
                  "{\n  \"title\": \"T\\u0001\xC3\xA9\\ufffd\",\n"
                  "  \"columns\": [{\"name\": \"name\", \"unit\": \"\"}, {\"name\": \"x\", "
                  "\"unit\": \"\"}, {\"name\": \"x_lo\", \"unit\": \"\"}, {\"name\": \"x_hi\", "
                  "\"unit\": \"\"}],\n"
                  "  \"rows\": [\n"
                  "    {\"name\": \"q\\\"\\\\\\n\\u001b\\u009b\\ufffd\", \"x\": {\"value\": 1, "
                  "\"lo\": 0.5, \"hi\": null}}\n"
                  "  ],\n  \"notes\": [\"n\"],\n  \"sources\": [\"s\"]\n}\n");
    cor_table_free(t);
}

static void test_export_html_escapes_and_links(void **state)
{
    (void)state;
    assert_text(cor_export_html_escaped, "a&b<c>\"d'e\x07\xFF",
                "a&amp;b&lt;c&gt;&quot;d&#39;e&#xFFFD;&#xFFFD;");
    char *buf = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&buf, &n);
    cor_export_html_link("https://x.org/?a=1&b=2", "go", out);
    fputc('|', out);
    cor_export_html_link("javascript:alert(1)", NULL, out);
    fputc('|', out);
    cor_export_html_link("JAVASCRIPT:x", "<b>", out);
    fputc('|', out);
    cor_export_html_link("mailto:a@b.org", NULL, out);
    fclose(out);
    assert_string_equal(buf, "<a href=\"https://x.org/?a=1&amp;b=2\">go</a>|javascript:alert(1)|"
                             "&lt;b&gt;|<a href=\"mailto:a@b.org\">mailto:a@b.org</a>");
    free(buf);
}

static void test_export_url_allowed(void **state)
{
    (void)state;
    const char *yes[] = {"http://a.org", "HTTPS://A.ORG/x?y=1#z", "mailto:x@y.org",
                         "https://a.org/\xC3\xA9"};
    const char *no[] = {"javascript:alert(1)", "JavaScript:x", " http://a.org", "http://a.org/ x",
                        "java\tscript:x", "data:text/html,x", "vbscript:x", "//a.org", "a.html",
                        "http://a.org/\"x", "http://a.org/<x>", "http://a.org/\x1b", "ftp://a.org",
                        "http:/a.org", "https://a.org/\xFF", "", "mailto"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        assert_true(cor_export_url_allowed(yes[i]));
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_false(cor_export_url_allowed(no[i]));
}

static void test_export_md_prose(void **state)
{
    (void)state;
    assert_text(cor_export_md_escaped, "# Title *x* [a](b) <i>&amp;",
                "\\# Title \\*x\\* \\[a\\](b) &lt;i&gt;&amp;amp;");
    assert_text(cor_export_md_escaped, "- item", "\\- item");
    assert_text(cor_export_md_escaped, "+ x", "\\+ x");
    assert_text(cor_export_md_escaped, "12. x", "12\\. x");
    assert_text(cor_export_md_escaped, "12) x", "12\\) x");
    assert_text(cor_export_md_escaped, "x - 1. y", "x - 1. y");   /* only at the start */
    assert_text(cor_export_md_escaped, "   lead", "lead");
    assert_text(cor_export_md_escaped, "a\nb\r\nc\td", "a b  c d");
    assert_text(cor_export_md_escaped, "~~s~~", "&#126;&#126;s&#126;&#126;");
    assert_text(cor_export_md_escaped, "back\\slash `c` !x _u_",
                "back\\\\slash \\`c\\` \\!x \\_u\\_");
    assert_text(cor_export_md_escaped, "a|b", "a|b");   /* prose: no table */
    assert_text(cor_export_md_escaped, "bad\xFFx\x1b", "bad\xEF\xBF\xBDx");
    char *buf = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&buf, &n);
    cor_export_md_link("http://a.org/c", "t", out);
    fputc(' ', out);
    cor_export_md_link("javascript:x", "t[1]", out);
    fclose(out);
    assert_string_equal(buf, "[t](<http://a.org/c>) t\\[1\\]");
    free(buf);
}

static void test_export_md_table(void **state)
{
    (void)state;
    struct cor_table *t = cor_table_new("T|1");
    cor_table_add_col(t, "name", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "v", NULL, COR_CELL_NUMBER, 1);
    cor_table_add_row(t);
    cor_table_set_text(t, 0, "a|b");
    cor_table_set_num(t, 1, 2);
    cor_table_add_row(t);
    cor_table_set_text(t, 0, "<x>");
    assert_format(t, COR_FMT_MARKDOWN,
                  "**T|1**\n\n"
                  "| name      |   v |\n"
                  "| --------- | --: |\n"
                  "| a\\|b      | 2.0 |\n"
                  "| &lt;x&gt; |  NA |\n");
    cor_table_free(t);
}

/* A table titled `title` with one text column "name" and these rows. */
static struct cor_table *names_table(const char *title, const char *const *rows, size_t n)
{
    struct cor_table *t = cor_table_new(title);
    cor_table_add_col(t, "name", NULL, COR_CELL_TEXT, -1);
    for (size_t i = 0; i < n; i++) {
        cor_table_add_row(t);
        cor_table_set_text(t, 0, rows[i]);
    }
    return t;
}

static void test_export_latex(void **state)
{
    (void)state;
    const char *rows[] = {"\\write18{x}~^", "bad\xFF\x07"};
    struct cor_table *t = names_table("50% & [x]", rows, 2);
    assert_format(t, COR_FMT_LATEX,
                  "% needs \\usepackage{booktabs}\n\\begin{table}[htbp]\n\\centering\n"
                  "\\caption{50\\% \\& {[}x{]}}\n\\begin{tabular}{l}\n\\toprule\nname \\\\\n"
                  "\\midrule\n"
                  "\\textbackslash{}write18\\{x\\}\\textasciitilde{}\\textasciicircum{} \\\\\n"
                  "bad? \\\\\n\\bottomrule\n\\end{tabular}\n\\end{table}\n");
    cor_table_free(t);
}

static void test_export_text_controls(void **state)
{
    (void)state;
    const char *rows[] = {"a\tb\x07"};
    struct cor_table *t = names_table("T\x1b[2J", rows, 1);
    assert_format(t, COR_FMT_TEXT, "T\xEF\xBF\xBD[2J\n\nname\na b\xEF\xBF\xBD\n");
    cor_table_free(t);
}

/* One notation per column in the text table: the amounts of a share table in
 * billion USD (Bermuda's 45016 USD is 0.000045016 billion) are all positional,
 * right-aligned, never 4.5016e-05 under 142.091499347; a column with a number
 * below 1e-6 is all in scientific notation. */
static void test_export_text_one_notation(void **state)
{
    (void)state;
    struct cor_table *t = cor_table_new("T");
    cor_table_add_col(t, "v", NULL, COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "w", NULL, COR_CELL_NUMBER, -1);
    const double v[] = {142.091499347, 0.000045016, NAN};
    const double w[] = {2500, 0.0000000012, 0};
    for (int i = 0; i < 3; i++) {
        cor_table_add_row(t);
        cor_table_set_num(t, 0, v[i]);
        cor_table_set_num(t, 1, w[i]);
    }
    assert_format(t, COR_FMT_TEXT,
                  "T\n\n"
                  "            v        w\n"
                  "142.091499347  2.5e+03\n"
                  "  0.000045016  1.2e-09\n"
                  "           NA        0\n");
    cor_table_free(t);
}

/* A long cell is written whole in every format (no fixed buffer cuts it). */
static void test_export_long_cell_whole(void **state)
{
    (void)state;
    char *big = malloc(5001);
    memset(big, 'x', 5000);
    big[5000] = '\0';
    const char *rows[] = {big};
    struct cor_table *t = names_table("T", rows, 1);
    for (int f = 0; f < COR_FMT_COUNT; f++) {
        char *got = render(t, (enum cor_format)f);
        assert_non_null(strstr(got, big));
        free(got);
    }
    cor_table_free(t);
    free(big);
}

static void test_export_stream_error(void **state)
{
    (void)state;
    struct cor_table *t = quoting_table();
    FILE *ro = fopen("/dev/null", "r");
    assert_non_null(ro);
    assert_int_equal(cor_export_table(t, COR_FMT_CSV, ro), COR_EIO);
    fclose(ro);
    assert_int_equal(cor_export_table(t, (enum cor_format)99, stdout), COR_EINVAL);
    cor_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_csv_and_tsv),
        cmocka_unit_test(test_export_json_valid_utf8),
        cmocka_unit_test(test_export_html_escapes_and_links),
        cmocka_unit_test(test_export_url_allowed),
        cmocka_unit_test(test_export_md_prose),
        cmocka_unit_test(test_export_md_table),
        cmocka_unit_test(test_export_latex),
        cmocka_unit_test(test_export_text_controls),
        cmocka_unit_test(test_export_text_one_notation),
        cmocka_unit_test(test_export_long_cell_whole),
        cmocka_unit_test(test_export_stream_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
