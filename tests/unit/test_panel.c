#define _POSIX_C_SOURCE 200809L
/* The panel workloads through the library (cor_panel_run), on small panels
 * whose results are worked by hand in the comments: every workload, with
 * one thread and two, with reads of 64 bytes (so that even these files are
 * cut in two parts and copied back in many ranges), missing values, the NA
 * reasons, the errors, the statistics, the progress callback, and two runs
 * at once. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include "corridor/init.h"
#include "corridor/panel.h"
#include "testutil.h"

/* A file holding text, for the run; removed by unlink_file. */
static char *write_file(const char *text)
{
    char *path = malloc(64);
    assert_non_null(path);
    snprintf(path, 64, "/tmp/test_panel_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
    return path;
}

static void unlink_file(char *path)
{
    unlink(path);
    free(path);
}

static struct cor_panel_spec spec_of(enum cor_panel_op op, int threads, size_t chunk)
{
    struct cor_panel_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.op = op;
    sp.value = "value";
    sp.threads = threads;
    sp.chunk = chunk;
    if (op == COR_PANEL_SHARE || op == COR_PANEL_HHI) {
        sp.keys[0] = "reporter";
        sp.keys[1] = "year";
        sp.nkeys = 2;
        sp.part = op == COR_PANEL_HHI ? "partner" : NULL;
    } else {
        sp.keys[0] = "reporter";
        sp.keys[1] = "partner";
        sp.nkeys = 2;
        sp.time = "year";
    }
    return sp;
}

struct result {
    enum cor_status st;
    char out[4096];
    struct cor_panel_stats stats;
    size_t errors;
    unsigned long line, col;   /* of the first finding */
    char message[600];
};

/* Runs spec on the text; the output and what else came back in *r. */
static void run(const struct cor_panel_spec *sp, const char *text, struct result *r)
{
    char *path = write_file(text);
    FILE *out = tmpfile();
    assert_non_null(out);
    struct cor_diags d;
    cor_diags_init(&d);
    struct cor_error err = {0};
    memset(r, 0, sizeof *r);
    r->st = cor_panel_run(sp, path, out, &r->stats, &d, &err);
    rewind(out);
    size_t n = fread(r->out, 1, sizeof r->out - 1, out);
    r->out[n] = '\0';
    fclose(out);
    r->errors = d.errors;
    if (d.count) {
        cor_diags_sort(&d);
        r->line = d.items[0].line;
        r->col = d.items[0].col;
        snprintf(r->message, sizeof r->message, "%s", d.items[0].message);
    } else
        snprintf(r->message, sizeof r->message, "%s", err.message);
    cor_diags_fini(&d);
    unlink_file(path);
}

/* Three reporters over three years; Chile's 2021 value and Korea-Japan's
 * are missing. 313 bytes after the header: more than 4 reads of 64. */
static const char *const PANEL =
    "reporter,partner,year,value\n"
    "Korea,China,2020,100\n"
    "Korea,Japan,2020,300\n"
    "Chile,China,2020,50\n"
    "Korea,China,2021,110\n"
    "Korea,Japan,2021,NA\n"
    "Chile,China,2021,\n"
    "Korea,China,2022,121\n"
    "Korea,Japan,2022,363\n"
    "Chile,China,2022,60.5\n"
    "Peru,China,2020,10\n"
    "Peru,Japan,2020,30\n"
    "Peru,China,2021,20\n"
    "Peru,Japan,2021,20\n"
    "Peru,China,2022,40\n";

static void test_panel_share(void **state)
{
    (void)state;
    /* Korea 2020: 100 / (100 + 300) = 0.25, 300 / 400 = 0.75; Chile 2020: 1;
     * Korea 2021: 110 alone (Japan missing): 1, Japan empty; Chile 2021:
     * missing, empty; Korea 2022: 121 / 484 = 0.25, 363 / 484 = 0.75;
     * Chile 2022: 1; Peru 2020: 10 / 40, 30 / 40; Peru 2021: 20 / 40 each;
     * Peru 2022: 1. Every row, in input order, as it was. */
    const char *want = "reporter,partner,year,value,share\n"
                       "Korea,China,2020,100,0.25\n"
                       "Korea,Japan,2020,300,0.75\n"
                       "Chile,China,2020,50,1\n"
                       "Korea,China,2021,110,1\n"
                       "Korea,Japan,2021,NA,\n"
                       "Chile,China,2021,,\n"
                       "Korea,China,2022,121,0.25\n"
                       "Korea,Japan,2022,363,0.75\n"
                       "Chile,China,2022,60.5,1\n"
                       "Peru,China,2020,10,0.25\n"
                       "Peru,Japan,2020,30,0.75\n"
                       "Peru,China,2021,20,0.5\n"
                       "Peru,Japan,2021,20,0.5\n"
                       "Peru,China,2022,40,1\n";
    for (int t = 1; t <= 2; t++)
        for (size_t chunk = 0; chunk <= 64; chunk += 64) {
            struct cor_panel_spec sp = spec_of(COR_PANEL_SHARE, t, chunk);
            struct result r;
            run(&sp, PANEL, &r);
            assert_int_equal(r.st, COR_OK);
            assert_string_equal(r.out, want);
            assert_true(r.stats.rows == 14 && r.stats.missing == 2 && r.stats.groups == 9);
            /* 64-byte reads on two threads: the file is read in two parts */
            assert_int_equal(r.stats.parts, t == 2 && chunk == 64 ? 2 : 1);
        }
}

static void test_panel_growth(void **state)
{
    (void)state;
    /* Korea-China: 110 / 100 - 1 = 0.1 (0.10000000000000009 as printed,
     * 110/100 being the double above 1.1); 121 / 110 - 1 = 0.1 (the double
     * 1.1 exactly, less 1: 0.10000000000000009); Korea-Japan 2021 missing:
     * empty, and 2022 follows a missing year: empty; Chile 2022 follows a
     * missing year: empty; Peru-China 20 / 10 - 1 = 1, 40 / 20 - 1 = 1;
     * Peru-Japan 20 / 30 - 1 = -1/3 (-0.33333333333333337: 20/30 is the
     * double below 2/3). */
    const char *want = "reporter,partner,year,value,growth\n"
                       "Korea,China,2020,100,\n"
                       "Korea,Japan,2020,300,\n"
                       "Chile,China,2020,50,\n"
                       "Korea,China,2021,110,0.10000000000000009\n"
                       "Korea,Japan,2021,NA,\n"
                       "Chile,China,2021,,\n"
                       "Korea,China,2022,121,0.10000000000000009\n"
                       "Korea,Japan,2022,363,\n"
                       "Chile,China,2022,60.5,\n"
                       "Peru,China,2020,10,\n"
                       "Peru,Japan,2020,30,\n"
                       "Peru,China,2021,20,1\n"
                       "Peru,Japan,2021,20,-0.33333333333333337\n"
                       "Peru,China,2022,40,1\n";
    for (int t = 1; t <= 2; t++) {
        struct cor_panel_spec sp = spec_of(COR_PANEL_GROWTH, t, 64);
        struct result r;
        run(&sp, PANEL, &r);
        assert_int_equal(r.st, COR_OK);
        assert_string_equal(r.out, want);
    }
}

/* Parses the trend output row of key into n, rate, se and the reason. */
static void trend_row(const char *out, const char *key, unsigned *n, double *rate, double *se,
                      char *why)
{
    const char *p = strstr(out, key);
    assert_non_null(p);
    p += strlen(key);
    char rs[64] = "", ss[64] = "";
    why[0] = '\0';
    int got = sscanf(p, "%u,%63[^,],%63[^,],%*[^,],%*[^,],%63[^\n]", n, rs, ss, why);
    if (got < 3) {   /* empty rate ... hi, then the reason */
        assert_int_equal(sscanf(p, "%u,,,,,%63[^\n]", n, why), 2);
        *rate = *se = NAN;
        return;
    }
    *rate = atof(rs);
    *se = atof(ss);
}

static void test_panel_trend(void **state)
{
    (void)state;
    /* Korea-China: 100, 110, 121 over 2020-2022: ln values on a line of
     * slope ln 1.1, so rate = 0.1 and se = 0 (to rounding). Korea-Japan: two
     * points (300, 363; 2021 missing): too few. Chile: 50 and 60.5: too
     * few. Peru-China: 10, 20, 40: rate 1 (doubling), se 0. Series by key:
     * Chile first. */
    const char *panel2 = "reporter,partner,year,value\n"
                         "A,X,2000,1\nA,X,2001,2\nA,X,2009,4\n"      /* 7 of 10 years missing */
                         "B,X,2000,5\nB,X,2000,6\nB,X,2000,7\n"      /* every point in 2000 */
                         "C,X,2000,-1\nC,X,2001,0\nC,X,2002,8\n";    /* one point > 0 */
    for (int t = 1; t <= 2; t++) {
        struct cor_panel_spec sp = spec_of(COR_PANEL_TREND, t, 64);
        struct result r;
        run(&sp, PANEL, &r);
        assert_int_equal(r.st, COR_OK);
        assert_non_null(strstr(r.out, "reporter,partner,n,rate,se,lo,hi,na_reason\nChile,"));
        unsigned n;
        double rate, se;
        char why[64];
        trend_row(r.out, "Korea,China,", &n, &rate, &se, why);
        assert_int_equal(n, 3);
        assert_close(rate, 0.1, 1e-14);
        assert_true(se < 1e-15);
        trend_row(r.out, "Korea,Japan,", &n, &rate, &se, why);
        assert_int_equal(n, 2);
        assert_string_equal(why, "too few points");
        trend_row(r.out, "Chile,China,", &n, &rate, &se, why);
        assert_true(n == 2 && isnan(rate));
        trend_row(r.out, "Peru,China,", &n, &rate, &se, why);
        assert_int_equal(n, 3);
        assert_close(rate, 1.0, 1e-14);
        assert_true(se < 1e-15 && why[0] == '\0');

        run(&sp, panel2, &r);
        assert_int_equal(r.st, COR_OK);
        trend_row(r.out, "A,X,", &n, &rate, &se, why);
        assert_true(n == 3 && isnan(rate));
        assert_string_equal(why, "more than half the years missing");
        trend_row(r.out, "B,X,", &n, &rate, &se, why);
        assert_int_equal(n, 3);
        assert_string_equal(why, "every point in one year");
        trend_row(r.out, "C,X,", &n, &rate, &se, why);
        assert_int_equal(n, 1);
        assert_string_equal(why, "too few points");
    }
}

static void test_panel_hhi(void **state)
{
    (void)state;
    /* Korea 2020: (100^2 + 300^2) / 400^2 = 100000 / 160000 = 0.625;
     * Korea 2021: one part with a value (Japan missing): 1; Chile 2021: no
     * part with a value: NA (missing period); Korea 2022: (121^2 + 363^2) /
     * 484^2 = 0.625; Peru 2020: (10^2 + 30^2) / 40^2 = 0.625, 2021: (400 +
     * 400) / 1600 = 0.5, 2022: 1; a group with a negative part: NA. By key:
     * Chile, Korea, Peru. */
    const char *want = "reporter,year,n,hhi,na_reason\n"
                       "Chile,2020,1,1,\n"
                       "Chile,2021,0,,missing period\n"
                       "Chile,2022,1,1,\n"
                       "Korea,2020,2,0.625,\n"
                       "Korea,2021,1,1,\n"
                       "Korea,2022,2,0.625,\n"
                       "Peru,2020,2,0.625,\n"
                       "Peru,2021,2,0.5,\n"
                       "Peru,2022,1,1,\n";
    for (int t = 1; t <= 2; t++) {
        struct cor_panel_spec sp = spec_of(COR_PANEL_HHI, t, 64);
        struct result r;
        run(&sp, PANEL, &r);
        assert_int_equal(r.st, COR_OK);
        assert_string_equal(r.out, want);
        run(&sp, "reporter,partner,year,value\nA,X,2020,5\nA,Y,2020,-1\n", &r);
        assert_string_equal(r.out, "reporter,year,n,hhi,na_reason\nA,2020,2,,a negative part\n");
        /* a part named twice in a group is refused, both lines named (taken
         * as two parts, X 10, X 10, Y 20 would give 600 / 1600 = 0.375, not
         * the 0.5 of X 20, Y 20); a repeat without a value names no part:
         * B 2020 is X 5, Y 7, (25 + 49) / 144 = 0.51388... */
        const char *twice = "reporter,partner,year,value\n"
                            "A,X,2020,10\nB,Y,2020,NA\nA,X,2020,10\nA,Y,2020,20\n"
                            "B,X,2020,5\nB,Y,2020,7\nC,Y,2020,1\nC,Y,2021,1\n";
        run(&sp, twice, &r);
        assert_int_equal(r.st, COR_EDATA);
        assert_int_equal(r.errors, 1);
        assert_true(r.line == 4 && r.col == 1);
        assert_non_null(strstr(r.message, "part 'X' of this group is also on line 2"));
        assert_string_equal(r.out, "");   /* nothing written */
        run(&sp,
            "reporter,partner,year,value\nB,Y,2020,NA\nB,X,2020,5\nB,Y,2020,7\n"
            "C,Y,2020,1\nC,Y,2021,1\n",
            &r);
        assert_int_equal(r.st, COR_OK);
        char want2[200];
        snprintf(want2, sizeof want2,
                 "reporter,year,n,hhi,na_reason\nB,2020,2,%.17g,\nC,2020,1,1,\nC,2021,1,1,\n",
                 74.0 / 144.0);
        assert_string_equal(r.out, want2);
    }
}

static void test_panel_reading_options(void **state)
{
    (void)state;
    /* ';'-separated, decimal commas, thousands dots, spaces around cells,
     * "-" for no figure: 1.234,5 / (1.234,5 + 765,5) = 1234.5 / 2000 =
     * 0.61725 (printed 0.61724999999999997, the double nearest) and 765.5 /
     * 2000 = 0.38275 (0.38274999999999998); the header's names trimmed */
    struct cor_panel_spec sp = spec_of(COR_PANEL_SHARE, 2, 0);
    cor_read_opts_init(&sp.read);
    sp.read.delimiter = ';';
    sp.read.decimal = ',';
    sp.read.thousands = '.';
    struct result r;
    run(&sp,
        " reporter ;partner;year;value\n"
        "Korea ; China;2020;1.234,5\n"
        "Korea;Japan; 2020 ;\"765,5\"\n"
        "Korea;Peru;2020;-\n",
        &r);
    assert_int_equal(r.st, COR_OK);
    assert_string_equal(r.out, " reporter ;partner;year;value;share\n"
                               "Korea ; China;2020;1.234,5;0.61724999999999997\n"
                               "Korea;Japan; 2020 ;\"765,5\";0.38274999999999998\n"
                               "Korea;Peru;2020;-;\n");
    assert_true(r.stats.missing == 1 && r.stats.groups == 1);
    /* a year written 2020,0 is 2020 (as time): 1.100 / 1.000 - 1 = 0.1,
     * 0.10000000000000009 as the double */
    struct cor_panel_spec g = spec_of(COR_PANEL_GROWTH, 1, 0);
    g.read = sp.read;
    run(&g, "reporter;partner;year;value\nKorea;China;2020,0;1.000\nKorea;China;2021;1.100\n", &r);
    assert_int_equal(r.st, COR_OK);
    assert_non_null(strstr(r.out, "Korea;China;2021;1.100;0.10000000000000009\n"));
    /* a semicolon file read with commas: the error names the option */
    sp.read.delimiter = ',';
    sp.read.decimal = '.';
    sp.read.thousands = 0;
    run(&sp, "reporter;partner;year;value\nKorea;China;2020;1\n", &r);
    assert_int_equal(r.st, COR_EDATA);
    assert_true(r.line == 1 && r.col == 1);
    assert_non_null(strstr(r.message, "--delimiter ';'"));
}

static void test_panel_errors(void **state)
{
    (void)state;
    struct cor_panel_spec sp = spec_of(COR_PANEL_GROWTH, 2, 64);
    struct result r;
    /* a year twice in a series: both lines named */
    run(&sp, "reporter,partner,year,value\nA,X,2020,1\nA,Y,2020,2\nA,X,2020,3\n", &r);
    assert_int_equal(r.st, COR_EDATA);
    assert_int_equal(r.line, 4);
    assert_string_equal(r.message, "year 2020 of this series is also on line 2");
    assert_string_equal(r.out, "");   /* nothing written */
    /* the lines of a repeat are counted as the fast reader reads the file
     * (once a false read error): a space after a closing quote, a quoted
     * line break, CRLF, a blank line, a lone CR; the repeat on line 7 */
    const char *odd = "reporter,partner,year,value\r\n\"A\r\nB\",X,2020,\"1\" \r\n\r\n"
                      "C,X,2020,2\rC,Y,2021,4\r\n\"A\r\nB\",X,2020,3\n";
    run(&sp, odd, &r);
    assert_int_equal(r.st, COR_EDATA);
    assert_int_equal(r.errors, 1);
    assert_true(r.line == 7 && r.col == 1);
    assert_string_equal(r.message, "year 2020 of this series is also on line 2");
    struct cor_panel_spec hp = spec_of(COR_PANEL_HHI, 2, 64);
    run(&hp, odd, &r);
    assert_int_equal(r.st, COR_EDATA);
    assert_true(r.errors == 1 && r.line == 7);
    assert_non_null(strstr(r.message, "part 'X' of this group is also on line 2"));
    /* a last cell of quoted spaces past the header's width is the empty one
     * UN Comtrade adds (as spaces or "" are): the new cell takes its place */
    struct cor_panel_spec sh = spec_of(COR_PANEL_SHARE, 2, 64);
    run(&sh, "reporter,partner,year,value\nA,X,2020,1,\" \"\nA,Y,2020,3,\"\"\n", &r);
    assert_int_equal(r.st, COR_OK);
    assert_string_equal(r.out, "reporter,partner,year,value,share\nA,X,2020,1,0.25\n"
                               "A,Y,2020,3,0.75\n");
    /* every column the header lacks is named */
    sh.value = "valu";
    sh.keys[0] = "reporterr";
    run(&sh, "reporter,partner,year,value\nA,X,2020,1\n", &r);
    assert_int_equal(r.st, COR_EDATA);
    assert_int_equal(r.errors, 2);
    /* a value that is no number, and a ragged row: every one located */
    run(&sp, "reporter,partner,year,value\nA,X,2020,1x\nA,X,2021\n", &r);
    assert_int_equal(r.st, COR_EDATA);
    assert_int_equal(r.errors, 2);
    assert_true(r.line == 2 && r.col == 10);
    assert_string_equal(r.out, "");
    /* a year that is not whole */
    run(&sp, "reporter,partner,year,value\nA,X,2020.5,1\n", &r);
    assert_int_equal(r.st, COR_EDATA);
    assert_true(r.line == 2 && r.col == 5);
    /* the first key empty (once a memcpy from NULL): a key like any other */
    run(&sp, "reporter,partner,year,value\n,X,2020,1\n,X,2021,2\n", &r);
    assert_int_equal(r.st, COR_OK);
    assert_string_equal(r.out, "reporter,partner,year,value,growth\n,X,2020,1,\n,X,2021,2,1\n");
    /* a directory, a file that is not there: I/O errors naming the path */
    struct cor_diags d;
    cor_diags_init(&d);
    struct cor_error err = {0};
    assert_int_equal(cor_panel_run(&sp, "/tmp", stdout, NULL, &d, &err), COR_EIO);
    assert_string_equal(err.path, "/tmp");
    assert_string_equal(err.message, "is a directory");
    assert_int_equal(cor_panel_run(&sp, "/nonexistent/p.csv", stdout, NULL, &d, &err), COR_EIO);
    assert_string_equal(err.path, "/nonexistent/p.csv");
    /* a spec that cannot work: no key; a key named twice (once a crash: a
     * row had no id for the first); hhi's part among the keys; a part
     * column for another workload */
    sp.nkeys = 0;
    assert_int_equal(cor_panel_run(&sp, "/tmp", stdout, NULL, &d, &err), COR_EINVAL);
    sp.nkeys = 2;
    sp.keys[1] = sp.keys[0];
    assert_int_equal(cor_panel_run(&sp, "/tmp", stdout, NULL, &d, &err), COR_EINVAL);
    assert_string_equal(err.message, "panel: the key column 'reporter' is named twice");
    struct cor_panel_spec h = spec_of(COR_PANEL_HHI, 2, 0);
    h.part = h.keys[1];
    assert_int_equal(cor_panel_run(&h, "/tmp", stdout, NULL, &d, &err), COR_EINVAL);
    assert_string_equal(err.message, "panel: the key column 'year' is also the part column");
    h = spec_of(COR_PANEL_SHARE, 2, 0);
    h.part = "partner";
    assert_int_equal(cor_panel_run(&h, "/tmp", stdout, NULL, &d, &err), COR_EINVAL);
    cor_diags_fini(&d);
}

struct seen {
    unsigned long long last_done, last_total;
    int calls;
};

static void progress(void *user, unsigned long long done, unsigned long long total)
{
    struct seen *s = user;
    s->last_done = done;
    s->last_total = total;
    s->calls++;
}

static void test_panel_progress(void **state)
{
    (void)state;
    struct cor_panel_spec sp = spec_of(COR_PANEL_HHI, 1, 64);
    struct seen s = {0, 0, 0};
    sp.progress = progress;
    sp.progress_user = &s;
    struct result r;
    run(&sp, PANEL, &r);
    /* every 64-byte read, then the end: done = total = the bytes after the header */
    size_t body = strlen(PANEL) - strlen("reporter,partner,year,value\n");
    assert_true(s.calls >= (int)(body / 64));
    assert_true(s.last_done == body && s.last_total == body);
}

/* Two runs at once share nothing (the sorts take no file-level state). */
static void *trend_thread(void *arg)
{
    struct result *r = arg;
    struct cor_panel_spec sp = spec_of(COR_PANEL_TREND, 2, 64);
    run(&sp, PANEL, r);
    return NULL;
}

static void test_panel_two_runs_at_once(void **state)
{
    (void)state;
    struct result *r = calloc(8, sizeof *r);
    assert_non_null(r);
    pthread_t th[8];
    for (int i = 0; i < 8; i++)
        assert_int_equal(pthread_create(&th[i], NULL, trend_thread, &r[i]), 0);
    for (int i = 0; i < 8; i++)
        pthread_join(th[i], NULL);
    for (int i = 1; i < 8; i++) {
        assert_int_equal(r[i].st, COR_OK);
        assert_string_equal(r[i].out, r[0].out);
    }
    free(r);
}

int main(void)
{
    cor_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_panel_share),
        cmocka_unit_test(test_panel_growth),
        cmocka_unit_test(test_panel_trend),
        cmocka_unit_test(test_panel_hhi),
        cmocka_unit_test(test_panel_reading_options),
        cmocka_unit_test(test_panel_errors),
        cmocka_unit_test(test_panel_progress),
        cmocka_unit_test(test_panel_two_runs_at_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
