/* Loading and validation: a fixture that provokes every diagnostic, located
 * by hand; a good fixture read back field by field; and the bundled datasets
 * with every numeric cell spoiled, which must be reported cell by cell. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corridor.h"
#include "testutil.h"

static char *found[256];
static size_t nfound;

static void collect_diags(const struct cor_diags *d)
{
    nfound = 0;
    for (size_t i = 0; i < d->count && nfound < 256; i++) {
        const char *path = d->files[d->items[i].file];
        const char *base = strrchr(path, '/');
        char buf[256];
        snprintf(buf, sizeof buf, "%s:%lu:%lu:%s", base ? base + 1 : path, d->items[i].line,
                 d->items[i].col, cor_diag_code_name(d->items[i].code, d->items[i].severity));
        found[nfound++] = strdup(buf);
    }
}

static void free_found(void)
{
    for (size_t i = 0; i < nfound; i++)
        free(found[i]);
    nfound = 0;
}

static int has(const char *s)
{
    for (size_t i = 0; i < nfound; i++)
        if (strcmp(found[i], s) == 0)
            return 1;
    return 0;
}

static void test_dataset_every_error_code_located(void **state)
{
    (void)state;
    /* file:line:column:code, each counted by hand in tests/data/bad */
    static const char *const expected[] = {
        "budget.csv:2:34:E014",  "budget.csv:3:34:E008",   "deal.csv:2:13:E010",
        "dupcol.csv:1:31:E006",  "empty.csv:1:1:E002",     "indicator.csv:2:19:E010",
        "missingcol.csv:1:1:E004", "nokind.csv:1:1:E003",  "port.csv:1:59:W005",
        "port.csv:3:42:E019",    "port.csv:4:17:E009",     "port.csv:5:6:E011",
        "port.csv:5:17:E010",    "port.csv:5:26:E012",     "port.csv:5:32:E013",
        "port.csv:6:11:E016",    "port.csv:6:24:E015",     "port.csv:6:46:E018",
        "port.csv:7:17:E017",    "port.csv:8:17:E008",     "port.csv:9:40:E007",
        "port.csv:10:1:E008",    "quote.csv:2:1:E001",     "sources.csv:3:1:E019",
        "sources.csv:4:4:E008",  "nothere.csv:0:0:E020",
    };
    size_t n = sizeof expected / sizeof *expected;
    struct cor_diags d;
    cor_diags_init(&d);
    struct cor_dataset *ds = cor_dataset_new();
    struct cor_error err = {0};
    assert_int_equal(cor_dataset_load(ds, COR_TEST_DATA "/bad", &d, &err), COR_OK);
    assert_int_equal(cor_dataset_load(ds, COR_TEST_DATA "/nothere.csv", &d, &err), COR_OK);
    assert_int_equal(cor_dataset_check(ds, &d, &err), COR_OK);
    collect_diags(&d);
    for (size_t i = 0; i < n; i++) {
        if (!has(expected[i]))
            print_error("missing finding %s\n", expected[i]);
        assert_true(has(expected[i]));
    }
    assert_int_equal(nfound, n);        /* and nothing else */
    assert_int_equal(d.warnings, 1);
    free_found();
    cor_dataset_free(ds);
    cor_diags_fini(&d);
}

static void test_dataset_good_file_read_back(void **state)
{
    (void)state;
    struct cor_diags d;
    cor_diags_init(&d);
    struct cor_dataset *ds = cor_dataset_new();
    /* loading the port file alone brings in sources.csv from its folder */
    assert_int_equal(cor_dataset_load(ds, COR_TEST_DATA "/good/port.csv", &d, NULL), COR_OK);
    assert_int_equal(cor_dataset_check(ds, &d, NULL), COR_OK);
    assert_int_equal(d.count, 0);
    assert_int_equal(cor_dataset_count(ds, COR_KIND_PORT), 3);
    assert_int_equal(cor_dataset_count(ds, COR_KIND_SOURCE), 3);

    const struct cor_port_record *r = cor_dataset_record(ds, COR_KIND_PORT, 0).port;
    assert_string_equal(cor_dataset_str(ds, r->port), "Baku");
    assert_string_equal(cor_dataset_str(ds, r->flow), "total");   /* default: column absent */
    assert_true(r->obs.value == 76775.0);
    assert_int_equal(r->obs.decimals, 0);
    assert_string_equal(cor_unit_at(r->obs.unit)->name, "TEU");
    assert_int_equal(r->obs.qualifier, COR_Q_EXACT);
    assert_int_equal(r->obs.status, COR_S_ACTUAL);
    assert_true(cor_period_is_year(&r->obs.period) && r->obs.period.y0 == 2024);
    assert_string_equal(cor_dataset_str(ds, r->obs.note), "a note, with a comma\r\nand a line break");
    assert_int_equal(r->obs.origin.line, 2);

    /* the typed reference: kind, origin and obs point into the same record;
     * the text of a column through it; out of range is no record */
    struct cor_record_ref ref = cor_dataset_record(ds, COR_KIND_PORT, 0);
    assert_int_equal(ref.kind, COR_KIND_PORT);
    assert_ptr_equal(ref.obs, &r->obs);
    assert_ptr_equal(ref.origin, &r->obs.origin);
    assert_string_equal(cor_series_text(ds, ref, "port"), "Baku");
    assert_string_equal(cor_series_text(ds, cor_record_of_obs(COR_KIND_PORT, &r->obs), "flow"),
                        "total");
    assert_string_equal(cor_series_text(ds, ref, "no_such_column"), "");
    const struct cor_source_record *src = cor_dataset_record(ds, COR_KIND_SOURCE, 0).source;
    ref = cor_dataset_record(ds, COR_KIND_SOURCE, 0);
    assert_null(ref.obs);   /* a source is not an observation */
    assert_ptr_equal(ref.origin, &src->origin);
    assert_string_equal(cor_series_text(ds, ref, "id"), cor_dataset_str(ds, src->id));
    ref = cor_dataset_record(ds, COR_KIND_PORT, 3);
    assert_int_equal(ref.kind, COR_KIND_COUNT);
    assert_null(ref.obs);
    assert_null(ref.origin);
    assert_null(ref.port);
    assert_string_equal(cor_series_text(ds, ref, "port"), "");
    assert_int_equal(cor_record_of_obs(COR_KIND_CLAIM, &r->obs).kind, COR_KIND_COUNT);

    r = cor_dataset_record(ds, COR_KIND_PORT, 1).port;
    assert_int_equal(r->obs.qualifier, COR_Q_MORE_THAN);          /* "more than" */
    assert_int_equal(r->obs.origin.line, 4);                      /* after the 2-line note */
    r = cor_dataset_record(ds, COR_KIND_PORT, 2).port;
    assert_int_equal(r->obs.qualifier, COR_Q_RANGE);
    assert_true(r->obs.lo == 104000.0 && r->obs.hi == 105000.0);
    assert_true(isnan(r->obs.value));
    assert_int_equal(r->obs.status, COR_S_PROJECTED);

    const struct cor_source_record *s = cor_dataset_source(ds, r->obs.source);
    assert_non_null(s);
    assert_string_equal(cor_dataset_str(ds, s->quote), "reaching approximately 104,000-105,000 TEU");
    assert_null(cor_dataset_source(ds, cor_dataset_sym(ds, "Baku")));
    cor_dataset_free(ds);
    cor_dataset_free(NULL);
    cor_diags_fini(&d);
}

/* --- spoil every numeric cell of the bundled datasets ------------------- */

/* Splits one physical line of CSV (no line breaks inside quotes in the
 * bundled files) into field start offsets. */
static size_t split_line(const char *line, size_t *starts, size_t max)
{
    size_t n = 0;
    int quoted = 0;
    starts[n++] = 0;
    for (size_t i = 0; line[i] && line[i] != '\n'; i++) {
        if (line[i] == '"')
            quoted = !quoted;
        else if (line[i] == ',' && !quoted && n < max)
            starts[n++] = i + 1;
    }
    return n;
}

static unsigned long chars_before(const char *line, size_t offset)
{
    unsigned long col = 1;
    for (size_t i = 0; i < offset; i++)
        if (((unsigned char)line[i] & 0xC0) != 0x80)
            col++;
    return col;
}

static int numeric_column(const char *name, size_t len)
{
    const char *cols[] = {"value", "lo", "hi", "rate", "price", "stake", "index"};
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++)
        if (strlen(cols[i]) == len && memcmp(cols[i], name, len) == 0)
            return 1;
    return 0;
}

static void test_dataset_spoiled_numbers_all_reported(void **state)
{
    (void)state;
    char dir[] = "/tmp/corridor-spoiled-XXXXXX";
    assert_non_null(mkdtemp(dir));
    DIR *src = opendir(COR_DATASETS);
    assert_non_null(src);
    char *expected[512];
    size_t nexp = 0;
    struct dirent *e;
    while ((e = readdir(src)) != NULL) {
        size_t nl = strlen(e->d_name);
        if (nl < 5 || strcmp(e->d_name + nl - 4, ".csv") != 0)
            continue;
        char in_path[1024], out_path[1024];
        snprintf(in_path, sizeof in_path, "%s/%s", COR_DATASETS, e->d_name);
        snprintf(out_path, sizeof out_path, "%s/%s", dir, e->d_name);
        FILE *in = fopen(in_path, "r"), *out = fopen(out_path, "w");
        assert_non_null(in);
        assert_non_null(out);
        char line[4096], header[4096] = "";
        size_t hstarts[64], nh = 0;
        unsigned long lineno = 0;
        while (fgets(line, sizeof line, in)) {
            lineno++;
            if (lineno == 1) {
                strcpy(header, line);
                nh = split_line(header, hstarts, 64);
                fputs(line, out);
                continue;
            }
            size_t starts[64];
            size_t nf = split_line(line, starts, 64);
            size_t at = 0;
            unsigned long inserted = 0;   /* 'x's written earlier on this line */
            for (size_t f = 0; f < nf && f < nh; f++) {
                size_t hend = f + 1 < nh ? hstarts[f + 1] - 1 : strcspn(header, "\r\n");
                int numeric = numeric_column(header + hstarts[f], hend - hstarts[f]);
                size_t end = f + 1 < nf ? starts[f + 1] - 1 : strcspn(line, "\r\n");
                fwrite(line + at, 1, starts[f] - at, out);
                at = starts[f];
                if (numeric && end > starts[f]) {
                    fputc('x', out);   /* "76775" becomes "x76775" */
                    char buf[600];
                    snprintf(buf, sizeof buf, "%s:%lu:%lu:E009", e->d_name, lineno,
                             chars_before(line, starts[f]) + inserted);
                    expected[nexp++] = strdup(buf);
                    inserted++;
                }
            }
            fputs(line + at, out);
        }
        fclose(in);
        fclose(out);
    }
    closedir(src);
    assert_true(nexp > 100);    /* the bundle holds 111 numbers (Python csv count) */

    struct cor_diags d;
    cor_diags_init(&d);
    struct cor_dataset *ds = cor_dataset_new();
    assert_int_equal(cor_dataset_load(ds, dir, &d, NULL), COR_OK);
    assert_int_equal(cor_dataset_check(ds, &d, NULL), COR_OK);
    collect_diags(&d);
    size_t e009 = 0;
    for (size_t i = 0; i < nfound; i++)
        e009 += strstr(found[i], ":E009") != NULL;
    for (size_t i = 0; i < nexp; i++) {
        if (!has(expected[i]))
            print_error("not reported: %s\n", expected[i]);
        assert_true(has(expected[i]));
        free(expected[i]);
    }
    assert_int_equal(e009, nexp);
    free_found();
    cor_dataset_free(ds);
    cor_diags_fini(&d);
    /* clean up */
    DIR *t = opendir(dir);
    while ((e = readdir(t)) != NULL) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (e->d_name[0] != '.')
            remove(p);
    }
    closedir(t);
    rmdir(dir);
}

static void test_dataset_bundled_is_valid(void **state)
{
    (void)state;
    struct cor_diags d;
    cor_diags_init(&d);
    struct cor_dataset *ds = cor_dataset_new();
    assert_int_equal(cor_dataset_load(ds, COR_DATASETS, &d, NULL), COR_OK);
    assert_int_equal(cor_dataset_check(ds, &d, NULL), COR_OK);
    for (size_t i = 0; i < d.count; i++) {
        char buf[512];
        cor_diag_format(&d, i, buf, sizeof buf);
        print_error("%s\n", buf);
    }
    assert_int_equal(d.count, 0);
    /* every observation cites a source that has a quote */
    for (int k = 0; k < COR_KIND_COUNT; k++) {
        if (!cor_schema_get((enum cor_kind)k)->has_obs)
            continue;
        for (size_t i = 0; i < cor_dataset_count(ds, (enum cor_kind)k); i++) {
            const struct cor_obs *o = cor_dataset_record(ds, (enum cor_kind)k, i).obs;
            const struct cor_source_record *s = cor_dataset_source(ds, o->source);
            assert_non_null(s);
            assert_true(strlen(cor_dataset_str(ds, s->quote)) > 0);
        }
    }
    cor_dataset_free(ds);
    cor_diags_fini(&d);
}

static void test_dataset_read_options(void **state)
{
    (void)state;
    struct cor_read_opts o;
    cor_read_opts_init(&o);
    assert_int_equal(cor_read_opts_check(&o, NULL), COR_OK);
    /* the default words for "no figure", any case; an empty cell always */
    static const char *const na[] = {"", "NA", "n/a", "..", "...", "-", "N.A.", "NaN"};
    for (size_t i = 0; i < sizeof na / sizeof *na; i++)
        assert_true(cor_read_is_na(&o, na[i], strlen(na[i])));
    assert_false(cor_read_is_na(&o, "0", 1));
    assert_false(cor_read_is_na(&o, "-5", 2));
    o.na = "x, missing";
    assert_true(cor_read_is_na(&o, "missing", 7));
    assert_false(cor_read_is_na(&o, "NA", 2));
    /* the separator a one-field header plainly uses */
    assert_int_equal(cor_read_other_delimiter(&o, "port;period;value", 17), ';');
    assert_int_equal(cor_read_other_delimiter(&o, "port\tperiod", 11), '\t');
    assert_int_equal(cor_read_other_delimiter(&o, "port", 4), 0);
    o.delimiter = ';';
    assert_int_equal(cor_read_other_delimiter(&o, "port,period", 11), ',');
    o.delimiter = ':';
    assert_int_equal(cor_read_opts_check(&o, NULL), COR_EINVAL);
    o.delimiter = ',';
    o.decimal = ',';
    o.thousands = ',';
    assert_int_equal(cor_read_opts_check(&o, NULL), COR_EINVAL);
    /* a year saved as 2000.0 */
    struct cor_period p;
    assert_int_equal(cor_read_period("2000.0", 6, &p), COR_OK);
    assert_int_equal(p.y0, 2000);
    assert_int_equal(cor_read_period("2000.5", 6, &p), COR_EPARSE);
}

static void test_dataset_empty_folder_and_missing_values(void **state)
{
    (void)state;
    struct cor_diags d;
    cor_diags_init(&d);
    struct cor_dataset *ds = cor_dataset_new();
    assert_int_equal(cor_dataset_load(ds, COR_TEST_DATA "/empty_folder", &d, NULL), COR_OK);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.items[0].code, COR_D_NO_DATA);
    assert_string_equal(cor_diag_code_name(d.items[0].code, COR_SEV_ERROR), "E021");
    /* 2020 is '..' and 2021 'NA': two missing values, valid records */
    assert_int_equal(cor_dataset_load(ds, COR_TEST_DATA "/styles/missing", &d, NULL), COR_OK);
    assert_int_equal(d.errors, 1);
    assert_int_equal(cor_dataset_missing(ds), 2);
    assert_int_equal(cor_dataset_count(ds, COR_KIND_PORT), 4);
    for (size_t i = 0; i < 4; i++) {
        const struct cor_port_record *r = cor_dataset_record(ds, COR_KIND_PORT, i).port;
        assert_false(r->obs.origin.invalid);
        assert_true(isnan(r->obs.value) == (i == 1 || i == 2));
    }
    /* the same series in a European spreadsheet's style */
    struct cor_read_opts o;
    cor_read_opts_init(&o);
    o.delimiter = ';';
    o.decimal = ',';
    o.thousands = '.';
    cor_dataset_set_read_opts(ds, &o);
    assert_int_equal(cor_dataset_load(ds, COR_TEST_DATA "/styles/semicolon", &d, NULL), COR_OK);
    assert_int_equal(d.errors, 1);
    const struct cor_port_record *r = cor_dataset_record(ds, COR_KIND_PORT, 7).port;
    assert_true(r->obs.value == 1234.5);
    assert_int_equal(r->obs.decimals, 1);
    cor_dataset_free(ds);
    cor_diags_fini(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dataset_every_error_code_located),
        cmocka_unit_test(test_dataset_read_options),
        cmocka_unit_test(test_dataset_empty_folder_and_missing_values),
        cmocka_unit_test(test_dataset_good_file_read_back),
        cmocka_unit_test(test_dataset_spoiled_numbers_all_reported),
        cmocka_unit_test(test_dataset_bundled_is_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
