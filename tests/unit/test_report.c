/* The report module: numbers for readers, shell words, chart building
 * (no cap on categories or series, marks, legends), the chart script
 * (marks side by side, thousands separators), rendering that fails
 * cleanly, the spec file and the automatic report. Expected values are
 * worked out by hand from the small datasets written here. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corridor.h"
#include "testutil.h"

/* ---- helpers --------------------------------------------------------------- */

static char tmpdir[64];

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/corridor-report-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Closes two memory streams, writes them as port.csv and sources.csv. */
static void write_port_and_sources(FILE *p, char **port, FILE *s, char **sources)
{
    fclose(p);
    fclose(s);
    write_file("port.csv", *port);
    write_file("sources.csv", *sources);
    free(*port);
    free(*sources);
}

static struct cor_dataset *load(void)
{
    struct cor_diags d;
    cor_diags_init(&d);
    struct cor_dataset *ds = cor_dataset_new();
    assert_int_equal(cor_dataset_load(ds, tmpdir, &d, NULL), COR_OK);
    assert_int_equal(cor_dataset_check(ds, &d, NULL), COR_OK);
    assert_int_equal(d.errors, 0);
    cor_diags_fini(&d);
    return ds;
}

static void select_port(const struct cor_dataset *ds, const char *vary, struct cor_series *s)
{
    struct cor_select sel;
    cor_select_init(&sel, COR_KIND_PORT);
    sel.entity = "P";
    sel.vary = vary;
    assert_int_equal(cor_series_select(ds, &sel, s, NULL), COR_OK);
}

/* The script of a chart, as text (caller frees). */
static char *script_of(const struct cor_chart *c)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(cor_chart_write(c, COR_TERM_PNG, "x.png", f, NULL), COR_OK);
    assert_true(ftell(f) > 0);
    return tu_slurp(f);
}

/* ---- numbers and words ------------------------------------------------------ */

static void test_report_number_readable(void **state)
{
    (void)state;
    char buf[64];
    int dec;
    cor_report_number(950000, 0, buf, sizeof buf, &dec);
    assert_string_equal(buf, "950,000");
    assert_int_equal(dec, 0);
    cor_report_number(1234567.89, 0, buf, sizeof buf, NULL);   /* 6 digits: the integer */
    assert_string_equal(buf, "1,234,568");
    cor_report_number(1.25, 0, buf, sizeof buf, &dec);
    assert_string_equal(buf, "1.25");
    assert_int_equal(dec, 2);
    cor_report_number(0.0123456789, 0, buf, sizeof buf, NULL);   /* 6 significant digits */
    assert_string_equal(buf, "0.0123457");
    cor_report_number(0.30250716, 1, buf, sizeof buf, &dec);   /* a fraction as % */
    assert_string_equal(buf, "30.25%");
    assert_int_equal(dec, 2);
    cor_report_number(0.6, 1, buf, sizeof buf, &dec);
    assert_string_equal(buf, "60%");
    assert_int_equal(dec, 0);
    cor_report_number(-0.0806, 1, buf, sizeof buf, NULL);
    assert_string_equal(buf, "-8.06%");
    cor_report_number(0, 0, buf, sizeof buf, NULL);
    assert_string_equal(buf, "0");
    cor_report_number(NAN, 0, buf, sizeof buf, NULL);
    assert_string_equal(buf, "NA");
}

static void test_report_shell_word(void **state)
{
    (void)state;
    char buf[64];
    assert_int_equal(cor_report_shell_word("datasets/claims", buf, sizeof buf), 15);
    assert_string_equal(buf, "datasets/claims");
    cor_report_shell_word("origin=", buf, sizeof buf);
    assert_string_equal(buf, "origin=");
    cor_report_shell_word("Port of X", buf, sizeof buf);
    assert_string_equal(buf, "'Port of X'");
    cor_report_shell_word("it's $HOME `x`", buf, sizeof buf);
    assert_string_equal(buf, "'it'\\''s $HOME `x`'");
    cor_report_shell_word("", buf, sizeof buf);
    assert_string_equal(buf, "''");
    /* too small: nothing rather than a word cut short */
    assert_int_equal(cor_report_shell_word("a b c", buf, 4), 7);
    assert_string_equal(buf, "");
}

/* ---- chart building ------------------------------------------------------------- */

#define SOURCES "id,publisher,title,quote\n"

/* 70 monthly figures as bars: 70 categories (the old builder kept 64 and
 * drew the rest at x = 63), in period order. */
static void test_report_figure_many_categories(void **state)
{
    (void)state;
    char *port = NULL, *sources = NULL;
    size_t np = 0, ns = 0;
    FILE *p = open_memstream(&port, &np), *s = open_memstream(&sources, &ns);
    fputs("port,period,value,unit,source\n", p);
    fputs(SOURCES "src,Publisher A,t,q\n", s);
    for (int i = 0; i < 70; i++)
        fprintf(p, "P,%d-%02d,%d,TEU,src\n", 2015 + i / 12, i % 12 + 1, 100 + i);
    write_port_and_sources(p, &port, s, &sources);
    struct cor_dataset *ds = load();
    struct cor_series ser;
    select_port(ds, NULL, &ser);
    assert_int_equal(ser.n, 70);
    struct cor_report_figure_opts o = {.type = COR_CHART_BAR, .entity = "P"};
    struct cor_report_figure *f = NULL;
    assert_int_equal(cor_report_figure_new(ds, COR_KIND_PORT, &ser, &o, &f, NULL), COR_OK);
    const struct cor_chart *c = cor_report_figure_chart(f);
    assert_int_equal(c->ncategories, 70);
    assert_int_equal(c->nseries, 1);
    assert_int_equal(c->series[0].n, 70);
    assert_string_equal(c->categories[0], "2015-01");
    assert_string_equal(c->categories[69], "2020-10");
    for (size_t i = 0; i < 70; i++) {
        assert_close(c->series[0].points[i].x, (double)i, 0);
        assert_close(c->series[0].points[i].y, 100.0 + (double)i, 0);
    }
    assert_string_equal(c->title, "P: TEU");
    assert_string_equal(c->source, "Source: Publisher A. Figures as published; chart by corridor.");
    cor_report_figure_free(f);
    cor_series_fini(&ser);
    cor_dataset_free(ds);
}

/* 20 sources in one year, one series each: 20 series (the old builder
 * dropped all after 16), labelled by publisher, never by source id. */
static void test_report_figure_many_series(void **state)
{
    (void)state;
    char *port = NULL, *sources = NULL;
    size_t np = 0, ns = 0;
    FILE *p = open_memstream(&port, &np), *s = open_memstream(&sources, &ns);
    fputs("port,period,value,unit,status,source\n", p);
    fputs(SOURCES, s);
    for (int i = 0; i < 20; i++) {
        fprintf(p, "P,2020,%d,TEU,%s,id%d\n", 10 + i, i == 0 ? "claim" : i == 1 ? "projected"
                                                           : i == 2 ? "estimate" : "actual", i);
        fprintf(s, "id%d,Publisher %02d,t,q\n", i, i);
    }
    write_port_and_sources(p, &port, s, &sources);
    struct cor_dataset *ds = load();
    struct cor_series ser;
    select_port(ds, NULL, &ser);
    struct cor_report_figure_opts o = {.type = COR_CHART_POINTS, .by = "source", .entity = "P"};
    struct cor_report_figure *f = NULL;
    assert_int_equal(cor_report_figure_new(ds, COR_KIND_PORT, &ser, &o, &f, NULL), COR_OK);
    const struct cor_chart *c = cor_report_figure_chart(f);
    assert_int_equal(c->nseries, 20);
    for (size_t k = 0; k < 20; k++) {
        char want[32];
        snprintf(want, sizeof want, "Publisher %02zu", k);
        assert_string_equal(c->series[k].label, want);
        assert_int_equal(c->series[k].n, 1);
    }
    /* the marks follow the status: a statement is a statement */
    assert_int_equal(c->series[0].points[0].mark, COR_MARK_STATEMENT);
    assert_int_equal(c->series[1].points[0].mark, COR_MARK_PROJECTED);
    assert_int_equal(c->series[2].points[0].mark, COR_MARK_ESTIMATE);
    assert_int_equal(c->series[3].points[0].mark, COR_MARK_ACTUAL);
    /* in the script the 20 marks of 2020 stay at 2020: the values are 1
     * apart and a marker is 0.03 of the height (0 to 29 x 1.12 = 32.48,
     * legend outside: 0.97), so none covers another */
    char *script = script_of(c);
    assert_non_null(strstr(script, "(a statement, not a measurement)"));
    for (int k = 0; k < 20; k++) {
        char block[64], line[64];
        snprintf(block, sizeof block, "$S%d << EOD\n", k + 1);
        const char *b = strstr(script, block);
        assert_non_null(b);
        double x = 0;
        assert_int_equal(sscanf(b + strlen(block), "%63s", line), 1);
        x = strtod(line, NULL);
        assert_close(x, 2020, 0);
    }
    free(script);
    cor_report_figure_free(f);
    cor_series_fini(&ser);
    cor_dataset_free(ds);
}

/* A line chart draws years: a 9-month figure is left out and named. */
static void test_report_figure_left_out_and_empty(void **state)
{
    (void)state;
    write_file("port.csv", "port,period,value,qualifier,unit,source\n"
                           "P,2023,100,exact,TEU,a\nP,2024,150,more_than,TEU,a\n"
                           "P,2025-9M,120,exact,TEU,a\n");
    write_file("sources.csv", SOURCES "a,Pub,t,q\n");
    struct cor_dataset *ds = load();
    struct cor_series ser;
    select_port(ds, NULL, &ser);
    struct cor_report_figure_opts o = {.type = COR_CHART_LINE, .entity = "P",
                                       .thresholds = (struct cor_chart_threshold[]){{125, "x"}},
                                       .nthresholds = 1};
    struct cor_report_figure *f = NULL;
    assert_int_equal(cor_report_figure_new(ds, COR_KIND_PORT, &ser, &o, &f, NULL), COR_OK);
    assert_string_equal(cor_report_figure_left_out(f), "2025-9M");
    const struct cor_chart *c = cor_report_figure_chart(f);
    assert_int_equal(c->series[0].n, 2);
    /* "more than 150" is drawn at its bound, open above */
    assert_close(c->series[0].points[1].y, 150, 0);
    assert_true(isinf(c->series[0].points[1].hi));
    /* y from 0 to 150 + 12% = 168, under a legend band of 2 entries (an actual
     * figure, a bound: 0.05 + 2 x 0.045 = 0.14 of the height): top = 168 / 0.86
     * = 195.3; a sixth of it, 32.6, rounds up to a step of 50 */
    char *script = script_of(c);
    assert_non_null(strstr(script, "set ytics ('0' 0, '50' 50, '100' 100, '150' 150)\n"));
    cor_report_figure_free(f);
    cor_series_fini(&ser);
    /* nothing selected: nothing to draw */
    struct cor_select sel;
    cor_select_init(&sel, COR_KIND_PORT);
    sel.entity = "nowhere";
    assert_int_equal(cor_series_select(ds, &sel, &ser, NULL), COR_OK);
    struct cor_error err = {0};
    assert_int_equal(cor_report_figure_new(ds, COR_KIND_PORT, &ser, &o, &f, &err), COR_EDATA);
    assert_null(f);
    assert_non_null(strstr(err.message, "nothing to draw"));
    cor_series_fini(&ser);
    free(script);
    cor_dataset_free(ds);
}

/* The y axis has thousands separators whatever gnuplot's locale. */
static void test_report_chart_thousands(void **state)
{
    (void)state;
    struct cor_chart_point pts[] = {{2020, 50000, NAN, NAN, COR_MARK_ACTUAL},
                                    {2021, 120000, NAN, NAN, COR_MARK_ACTUAL}};
    struct cor_chart_series S = {"s", pts, 2};
    struct cor_chart c = {.type = COR_CHART_LINE, .title = "t", .xlabel = "x", .ylabel = "y",
                          .source = "s", .series = &S, .nseries = 1};
    /* 120,000 + 12% = 134,400 under a band of one entry (0.095): top 148,508;
     * a sixth, 24,751, rounds to a step of 25,000 */
    char *script = script_of(&c);
    assert_non_null(strstr(script, "set ytics ('0' 0, '25,000' 25000, '50,000' 50000, "
                                   "'75,000' 75000, '100,000' 100000, '125,000' 125000)\n"));
    free(script);
}

/* A 100% bar holds one figure a series and period. */
static void test_report_figure_stacked_refuses_two_figures(void **state)
{
    (void)state;
    write_file("port.csv", "port,origin,period,value,unit,source\n"
                           "P,A,2023,1,TEU,a\nP,A,2023,2,TEU,b\nP,B,2023,3,TEU,a\n");
    write_file("sources.csv", SOURCES "a,Pub,t,q\nb,Pub B,t,q\n");
    struct cor_dataset *ds = load();
    struct cor_series ser;
    select_port(ds, "origin", &ser);
    struct cor_report_figure_opts o = {.type = COR_CHART_STACKED100, .by = "origin"};
    struct cor_report_figure *f = NULL;
    struct cor_error err = {0};
    assert_int_equal(cor_report_figure_new(ds, COR_KIND_PORT, &ser, &o, &f, &err), COR_EINVAL);
    assert_non_null(strstr(err.message, "two figures for 2023 in 'A'"));
    /* grouped bars show both, side by side in A's slot (0.8 / 2 = 0.4 wide,
     * centred at -0.2): x -0.3 and -0.1, each 0.2 wide */
    o.type = COR_CHART_GROUPED;
    assert_int_equal(cor_report_figure_new(ds, COR_KIND_PORT, &ser, &o, &f, NULL), COR_OK);
    char *script = script_of(cor_report_figure_chart(f));
    assert_non_null(strstr(script, "$S1 << EOD\n-0.3 1 NaN NaN 0 0 0.2 0\n-0.1 2 NaN NaN 0 0 0.2 0\n"));
    assert_non_null(strstr(script, "$S2 << EOD\n0.2 3 NaN NaN 0 0 0.4 0\n"));
    free(script);
    cor_report_figure_free(f);
    cor_series_fini(&ser);
    cor_dataset_free(ds);
}

/* A script gnuplot refuses: the render fails with gnuplot's words, keeps
 * the earlier image and leaves no temporary file. */
static void test_report_render_failure_keeps_image(void **state)
{
    (void)state;
    if (system("command -v gnuplot > /dev/null 2>&1") != 0) {
        print_message("gnuplot is not installed: skipped\n");
        return;
    }
    write_file("bad.gp", "set terminal pngcairo\nthis is not gnuplot\n");
    write_file("keep.png", "an earlier image");
    char script[256], image[256];
    snprintf(script, sizeof script, "%s/bad.gp", tmpdir);
    snprintf(image, sizeof image, "%s/keep.png", tmpdir);
    struct cor_error err = {0};
    assert_int_equal(cor_chart_render(script, image, COR_TERM_PNG, &err), COR_EIO);
    assert_non_null(strstr(err.message, "gnuplot failed"));
    FILE *f = fopen(image, "r");
    char text[64] = "";
    assert_non_null(fgets(text, sizeof text, f));
    fclose(f);
    assert_string_equal(text, "an earlier image");
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ls '%s' | grep -q tmp", tmpdir);
    assert_int_not_equal(system(cmd), 0);
}

/* ---- the spec ------------------------------------------------------------------- */

static enum cor_status read_spec(const char *text, struct cor_report_spec *spec,
                                 struct cor_error *err)
{
    write_file("report.ini", text);
    char path[256];
    snprintf(path, sizeof path, "%s/report.ini", tmpdir);
    return cor_report_spec_read(spec, path, err);
}

static void test_report_spec_read(void **state)
{
    (void)state;
    struct cor_report_spec spec;
    cor_report_spec_init(&spec);
    assert_int_equal(read_spec("# a comment\n[report]\ntitle = T\n\n[chart c1]\nkind = port\n"
                               "entity = P\nwhere = origin=\nwhere = flow=total\nunit = TEU\n"
                               "type = grouped\nby = origin\nthreshold = 1e5=100,000 TEU\n"
                               "threshold = 5=five\n[table t1]\nkind = budget\nmetric = shares\n"
                               "currency = USD\nstatus = actual,estimate\nfrom = 2017\n",
                               &spec, NULL),
                     COR_OK);
    assert_string_equal(spec.title, "T");
    assert_int_equal(spec.n, 2);
    const struct cor_report_item *c = &spec.items[0], *t = &spec.items[1];
    assert_int_equal(c->type, COR_REPORT_CHART);
    assert_string_equal(c->name, "c1");
    assert_int_equal(c->line, 5);
    assert_int_equal(c->sel.kind, COR_KIND_PORT);
    assert_int_equal(c->sel.nwhere, 2);
    assert_string_equal(c->sel.where[0].column, "origin");
    assert_string_equal(c->sel.where[0].value, "");
    assert_string_equal(c->sel.where[1].value, "total");
    assert_int_equal(c->chart, COR_CHART_GROUPED);
    assert_string_equal(c->sel.vary, "origin");
    assert_int_equal(c->nthresholds, 2);
    assert_close(c->thresholds[0].y, 100000, 0);
    assert_string_equal(c->thresholds[0].label, "100,000 TEU");
    assert_int_equal(t->type, COR_REPORT_TABLE);
    assert_int_equal(t->metric, COR_REPORT_SHARES);
    assert_int_equal(t->sel.status_mask, (1u << COR_S_ACTUAL) | (1u << COR_S_ESTIMATE));
    assert_int_equal(t->sel.from.y0, 2017);
    cor_report_spec_fini(&spec);
}

static void test_report_spec_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        unsigned long line, col;
        const char *message;
    } cases[] = {
        {"kind = port\n", 1, 1, "'kind' before any [section]"},
        {"[chart a]\nkind = port\nunit = TEUX\n", 3, 8, "unknown unit 'TEUX'"},
        {"[chart a]\nkind = port\ncolour = red\n", 3, 1, "unknown key 'colour' in [chart]"},
        {"[chart a]\nunit = TEU\n", 1, 1, "chart 'a' needs a kind"},
        {"[chart a]\nkind = port\n[chart a]\nkind = port\n", 3, 8, "chart 'a' is defined twice"},
        {"[chart a b]\n", 1, 8, "a chart needs a name"},
        {"[chart a]\nkind = port\nwhere = colour=red\n", 3, 1, "kind 'port' has no column 'colour'"},
        {"[chart a]\nkind = port\nby = unit\n", 3, 1, "'unit' is not a key column"},
        {"[table a]\nkind = port\nmetric = mean\n", 3, 10, "unknown metric 'mean'"},
        {"[chart a]\nkind = port\ntype = pie\n", 3, 8, "unknown chart type 'pie'"},
        {"[chart a]\nkind = port\nthreshold = high\n", 3, 13, "threshold needs Y=LABEL"},
        {"[chart a]\nkind = port\nkind = pipeline\n", 3, 1, "'kind' given twice"},
        {"[graph a]\n", 1, 2, "unknown section '[graph a]'"},
        {"[report]\nmetric = x\n", 2, 1, "unknown key 'metric' in [report]"},
        {"[chart a]\nkind = port\nstatus = actual,guess\n", 3, 17, "unknown status 'guess'"},
        {"", 1, 1, "the report spec is empty"},
        {"# a comment\n\n", 1, 1, "the report spec is only comments and blank lines"},
        {"[chart a]\nkind = port\nwhere = !=x\n", 3, 9, "where: a condition is COLUMN=VALUE"},
        {"\xEF\xBB\xBF[chart a]\nkind = port\nunit = TEUX\n", 3, 8, "unknown unit 'TEUX'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct cor_report_spec spec;
        cor_report_spec_init(&spec);
        struct cor_error err = {0};
        assert_int_equal(read_spec(cases[i].text, &spec, &err), COR_EPARSE);
        if (err.line != cases[i].line || err.col != cases[i].col ||
            !strstr(err.message, cases[i].message))
            fail_msg("case %zu: %lu:%lu %s", i, err.line, err.col, err.message);
        assert_int_equal(spec.n, 0);   /* nothing kept of a failed file */
        cor_report_spec_fini(&spec);
    }
}

/* `where` as --where: != keeps rows whose column is none of the values;
 * a byte order mark before the first line is no part of it. */
static void test_report_spec_where_not_and_bom(void **state)
{
    (void)state;
    struct cor_report_spec spec;
    cor_report_spec_init(&spec);
    assert_int_equal(read_spec("\xEF\xBB\xBF[chart c]\nkind = port\nentity = P\n"
                               "where = origin!=\nwhere = flow=import|export\n",
                               &spec, NULL),
                     COR_OK);
    assert_int_equal(spec.n, 1);
    const struct cor_report_item *c = &spec.items[0];
    assert_string_equal(c->name, "c");
    assert_int_equal(c->sel.nwhere, 2);
    assert_string_equal(c->sel.where[0].column, "origin");
    assert_string_equal(c->sel.where[0].value, "");
    assert_int_equal(c->sel.where[0].negate, 1);
    assert_string_equal(c->sel.where[1].column, "flow");
    assert_string_equal(c->sel.where[1].value, "import|export");
    assert_int_equal(c->sel.where[1].negate, 0);
    /* and it selects so: P has origin '' 10 and 20, A 3, B 4 (2020): != ''
     * keeps A and B */
    write_file("port.csv", "port,origin,period,value,unit,source\n"
                           "P,,2020,10,TEU,a\nP,A,2020,3,TEU,a\nP,B,2020,4,TEU,a\n");
    write_file("sources.csv", SOURCES "a,Pub,t,q\n");
    struct cor_dataset *ds = load();
    struct cor_select sel = c->sel;
    sel.nwhere = 1;
    sel.vary = "origin";
    struct cor_series ser;
    assert_int_equal(cor_series_select(ds, &sel, &ser, NULL), COR_OK);
    assert_int_equal(ser.n, 2);
    assert_close(ser.points[0].v.value + ser.points[1].v.value, 7, 0);
    cor_series_fini(&ser);
    cor_dataset_free(ds);
    cor_report_spec_fini(&spec);
}

/* A budget's plan (status planned) and its outcome (actual) differ in one
 * key column, basis, but are versions of one figure, not parts: a line of
 * each and a table of figures, never 100% bars or shares. Origins of a
 * port, all actual, stay parts. */
static void test_report_spec_auto_alternatives(void **state)
{
    (void)state;
    write_file("budget.csv", "country,basis,period,value,unit,currency,status,source\n"
                             "L,plan,2021,100,million,USD,planned,a\n"
                             "L,plan,2022,110,million,USD,planned,a\n"
                             "L,executed,2021,90,million,USD,actual,a\n"
                             "L,executed,2022,95,million,USD,actual,a\n");
    write_file("port.csv", "port,origin,period,value,unit,status,source\n"
                           "P,A,2021,30,TEU,actual,a\nP,B,2021,70,TEU,actual,a\n");
    write_file("sources.csv", SOURCES "a,Pub,t,q\n");
    struct cor_dataset *ds = load();
    struct cor_report_spec spec;
    cor_report_spec_init(&spec);
    assert_int_equal(cor_report_spec_auto(&spec, ds, NULL), COR_OK);
    assert_int_equal(spec.n, 4);
    const struct cor_report_item *it = spec.items;
    size_t b = strcmp(it[0].sel.entity, "L") == 0 ? 0 : 2, p = 2 - b;
    assert_string_equal(it[b].by, "basis");
    assert_int_equal(it[b].chart, COR_CHART_LINE);
    assert_int_equal(it[b + 1].metric, COR_REPORT_FIGURES);
    assert_string_equal(it[p].by, "origin");
    assert_int_equal(it[p].chart, COR_CHART_GROUPED);
    assert_int_equal(it[p + 1].metric, COR_REPORT_SHARES);
    cor_report_spec_fini(&spec);
    cor_dataset_free(ds);
}

/* ---- the automatic report ------------------------------------------------------- */

/* By hand: port P has TEU for origin '' (2022-2024) and origin X (2024):
 * they differ only in origin and share 2024, so one chart of grouped bars
 * by origin; P in t (2024 only): its own chart, one year, bars; pipeline
 * Q (2020, 2021): a line; an undated indicator: no chart. */
static void test_report_spec_auto(void **state)
{
    (void)state;
    write_file("port.csv", "port,origin,period,value,unit,source\n"
                           "P,,2022,10,TEU,a\nP,,2023,12,TEU,a\nP,,2024,15,TEU,a\n"
                           "P,X,2024,5,TEU,a\nP,,2024,3,kt,a\nP,,2024,3100,t,b\n");
    write_file("pipeline.csv", "pipeline,commodity,period,value,unit,source\n"
                               "Q,crude,2020,1,Mt,a\nQ,crude,2021,2,Mt,a\n");
    write_file("indicator.csv", "entity,measure,period,value,unit,source\nZ,m,undated,1,%,a\n");
    write_file("sources.csv", SOURCES "a,Pub,t,q\nb,Pub B,t,q\n");
    struct cor_dataset *ds = load();
    struct cor_report_spec spec;
    cor_report_spec_init(&spec);
    assert_int_equal(cor_report_spec_auto(&spec, ds, NULL), COR_OK);
    assert_int_equal(spec.n, 6);   /* three charts, each with its table */
    const struct cor_report_item *it = spec.items;
    assert_int_equal(it[0].type, COR_REPORT_CHART);
    assert_string_equal(it[0].title, "P, total (TEU, by origin)");
    assert_string_equal(it[0].name, "p_total_teu_by_origin");
    assert_int_equal(it[0].chart, COR_CHART_GROUPED);
    assert_string_equal(it[0].by, "origin");
    assert_int_equal(it[1].type, COR_REPORT_TABLE);
    assert_string_equal(it[1].name, "p_total_teu_by_origin");
    assert_int_equal(it[1].metric, COR_REPORT_SHARES);
    /* t and kt: one dimension, drawn in the more frequent unit (one each: the
     * first in the unit table, t) */
    assert_string_equal(it[2].title, "P, total (t)");
    assert_int_equal(it[2].chart, COR_CHART_BAR);
    assert_string_equal(it[4].title, "Q, crude (Mt)");
    assert_int_equal(it[4].chart, COR_CHART_LINE);
    assert_string_equal(it[4].sel.entity, "Q");
    assert_int_equal(it[4].sel.nwhere, 2);   /* commodity and destination fixed */
    /* each selection gives its series */
    struct cor_series s;
    assert_int_equal(cor_series_select(ds, &it[2].sel, &s, NULL), COR_OK);
    assert_int_equal(s.n, 2);
    assert_close(s.points[0].v.value + s.points[1].v.value, 6100, 1e-12);
    cor_series_fini(&s);
    cor_report_spec_fini(&spec);
    cor_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_report_number_readable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_shell_word, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_figure_many_categories, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_figure_many_series, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_figure_left_out_and_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_chart_thousands, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_figure_stacked_refuses_two_figures, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_report_render_failure_keeps_image, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_spec_read, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_spec_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_spec_where_not_and_bom, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_spec_auto_alternatives, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_spec_auto, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
