/* The import module on the real excerpts of tests/data/import (values by hand
 * from the excerpts, see BY_HAND.md there). */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "corridor.h"
#include "testutil.h"

static char dir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s/corridor-import-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[512];
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.') {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    if (d)
        closedir(d);
    rmdir(dir);
    return 0;
}

static size_t csv_files(void)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += strlen(e->d_name) > 4 && strcmp(e->d_name + strlen(e->d_name) - 4, ".csv") == 0;
    if (d)
        closedir(d);
    return n;
}

/* The folder written, loaded and checked: it must validate. */
static struct cor_dataset *load_output(void)
{
    struct cor_diags d;
    cor_diags_init(&d);
    struct cor_dataset *ds = cor_dataset_new();
    assert_int_equal(cor_dataset_load(ds, dir, &d, NULL), COR_OK);
    assert_int_equal(cor_dataset_check(ds, &d, NULL), COR_OK);
    assert_int_equal(d.errors, 0);
    cor_diags_fini(&d);
    return ds;
}

static void test_import_wdi_validates_and_keeps_provenance(void **state)
{
    (void)state;
    struct cor_import_opts o;
    cor_import_opts_init(&o, COR_IMPORT_WDI);
    o.retrieved = "2017-06-20";
    const char *files[] = {COR_TEST_DATA "/import/wdi/API_SP.POP.TOTL_DS2_en_csv_v2.csv"};
    struct cor_diags d;
    cor_diags_init(&d);
    struct cor_import_stats st;
    assert_int_equal(cor_import(&o, files, 1, dir, &st, &d, NULL), COR_OK);
    assert_int_equal(d.errors, 0);
    /* 1960-2015 have figures, 2016 is empty */
    assert_int_equal(st.records, 56);
    assert_int_equal(st.missing, 1);
    assert_int_equal(st.aggregates_unknown, 1);
    cor_diags_fini(&d);

    struct cor_dataset *ds = load_output();
    assert_int_equal(cor_dataset_count(ds, COR_KIND_INDICATOR), 56);
    const struct cor_indicator_record *r = cor_dataset_record(ds, COR_KIND_INDICATOR, 55);
    assert_string_equal(cor_dataset_str(ds, r->entity), "Aruba");
    assert_string_equal(cor_dataset_str(ds, r->code), "ABW");
    assert_string_equal(cor_dataset_str(ds, r->measure), "SP.POP.TOTL");
    assert_int_equal(r->obs.period.y0, 2015);
    assert_true(r->obs.value == 103889);
    const struct cor_source_record *s = cor_dataset_source(ds, r->obs.source);
    assert_non_null(s);
    assert_string_equal(cor_dataset_str(ds, s->publisher), "World Bank");
    assert_string_equal(cor_dataset_str(ds, s->title), "World Development Indicators: Population, total");
    assert_int_equal(s->date.y0, 2017);
    assert_int_equal(s->date.m0, 6);
    assert_int_equal(s->retrieved.d0, 20);
    assert_non_null(strstr(cor_dataset_str(ds, s->quote), "SP.POP.TOTL, Population, total"));
    cor_dataset_free(ds);
}

static void test_import_merges_sources_and_flags_aggregates(void **state)
{
    (void)state;
    struct cor_import_opts o;
    cor_import_opts_init(&o, COR_IMPORT_WDI);
    const char *gdp[] = {COR_TEST_DATA "/import/wdi_gdp/API_NY.GDP.MKTP.CD_excerpt.csv",
                         COR_TEST_DATA "/import/wdi_gdp/Metadata_Country_API_NY.GDP.MKTP.CD_excerpt.csv"};
    struct cor_diags d;
    cor_diags_init(&d);
    struct cor_import_stats st;
    assert_int_equal(cor_import(&o, gdp, 2, dir, &st, &d, NULL), COR_OK);
    /* AFE and AFW have no region in the metadata: 65 years each */
    assert_int_equal(st.aggregates, 130);
    assert_int_equal(st.files, 1);
    cor_import_opts_init(&o, COR_IMPORT_OWID);
    const char *owid[] = {COR_TEST_DATA "/import/owid/total-gdp-maddison.csv"};
    assert_int_equal(cor_import(&o, owid, 1, dir, &st, &d, NULL), COR_OK);
    assert_int_equal(d.errors, 0);
    cor_diags_fini(&d);
    /* both imports' sources are in the one sources.csv */
    struct cor_dataset *ds = load_output();
    assert_int_equal(cor_dataset_count(ds, COR_KIND_SOURCE), 2);
    size_t flagged = 0;
    for (size_t i = 0; i < cor_dataset_count(ds, COR_KIND_INDICATOR); i++) {
        const struct cor_indicator_record *r = cor_dataset_record(ds, COR_KIND_INDICATOR, i);
        flagged += strcmp(cor_dataset_str(ds, r->obs.aggregate), "entity") == 0;
    }
    assert_int_equal(flagged, 130);
    cor_dataset_free(ds);
}

static void test_import_error_writes_nothing(void **state)
{
    (void)state;
    struct cor_import_opts o;
    cor_import_opts_init(&o, COR_IMPORT_WIDE);
    o.publisher = "synthetic";
    const char *files[] = {COR_TEST_DATA "/import_tables/widgets.csv",
                           COR_TEST_DATA "/import_tables/bad_wide.csv"};
    struct cor_diags d;
    cor_diags_init(&d);
    assert_int_equal(cor_import(&o, files, 2, dir, NULL, &d, NULL), COR_OK);
    assert_int_equal(d.errors, 2);
    assert_int_equal(csv_files(), 0);   /* not even the good file */
    cor_diags_fini(&d);
    /* options a layout needs */
    cor_diags_init(&d);
    o.publisher = NULL;
    assert_int_equal(cor_import(&o, files, 1, dir, NULL, &d, NULL), COR_EINVAL);
    o.publisher = "synthetic";
    o.unit = "million";   /* a money scale without its currency */
    assert_int_equal(cor_import(&o, files, 1, dir, NULL, &d, NULL), COR_EINVAL);
    o.unit = "furlongs";
    assert_int_equal(cor_import(&o, files, 1, dir, NULL, &d, NULL), COR_EINVAL);
    cor_diags_fini(&d);
    assert_int_equal(cor_import_format_lookup("sipri"), COR_IMPORT_SIPRI);
    assert_int_equal(cor_import_format_lookup("xls"), -1);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* SIPRI sheets not in US$ (share of GDP, per capita, local currency) and a
 * title that names no unit: one error at the header, no record, and no
 * folder left (the run made it). They used to crash (a NULL unit). */
static void test_import_sipri_not_usd_refused(void **state)
{
    (void)state;
    static const char *const titles[] = {
        "Military expenditure by country as percentage of gross domestic product, 1949-2019",
        "Military expenditure per capita by country, in current US$, 1988-2019",
        "Military expenditure by country, in local currency",
        "Some other title",
    };
    char in[512], out[512];
    snprintf(in, sizeof in, "%s/sheet.csv", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    for (size_t i = 0; i < sizeof titles / sizeof *titles; i++) {
        char text[512];
        snprintf(text, sizeof text, "\"%s\"\nCountry,Notes,2018,2019\nRussia,,0.037,0.038\n",
                 titles[i]);
        write_file(in, text);
        struct cor_import_opts o;
        cor_import_opts_init(&o, COR_IMPORT_SIPRI);
        const char *files[] = {in};
        struct cor_diags d;
        cor_diags_init(&d);
        struct cor_import_stats st;
        assert_int_equal(cor_import(&o, files, 1, out, &st, &d, NULL), COR_OK);
        assert_int_equal(d.errors, 1);
        assert_int_equal(d.items[0].code, COR_D_UNKNOWN_UNIT);
        assert_int_equal(d.items[0].line, 2);
        assert_int_equal(st.records, 0);
        assert_int_equal(access(out, F_OK), -1);
        cor_diags_fini(&d);
    }
    unlink(in);
}

/* Importing into a folder that holds an earlier import adds to it; the same
 * figure again is an error that writes nothing; --replace replaces the file. */
static void test_import_adds_to_folder(void **state)
{
    (void)state;
    struct cor_import_opts o;
    cor_import_opts_init(&o, COR_IMPORT_LONG);
    o.publisher = "synthetic";
    o.entity = "country";
    o.period = "year";
    const char *files[] = {COR_TEST_DATA "/import_tables/two_measures.csv"};
    const char *cols[] = {"gdp", "milex", "gdp"};
    size_t errors[] = {0, 0, 2}, kept[] = {0, 2, 0};
    struct cor_import_stats st;
    for (int k = 0; k < 3; k++) {
        o.value = o.measure = cols[k];
        struct cor_diags d;
        cor_diags_init(&d);
        assert_int_equal(cor_import(&o, files, 1, dir, &st, &d, NULL), COR_OK);
        assert_int_equal(d.errors, errors[k]);
        for (size_t i = 0; i < d.count; i++)   /* the warnings are about the other column */
            assert_int_equal(d.items[i].code,
                             d.items[i].severity == COR_SEV_ERROR ? COR_D_DUPLICATE
                                                                  : COR_D_UNKNOWN_COLUMN);
        if (!errors[k])
            assert_int_equal(st.kept, kept[k]);
        cor_diags_fini(&d);
    }
    struct cor_dataset *ds = load_output();
    assert_int_equal(cor_dataset_count(ds, COR_KIND_INDICATOR), 4);   /* gdp and milex */
    assert_int_equal(cor_dataset_count(ds, COR_KIND_SOURCE), 2);
    cor_dataset_free(ds);
    o.replace = 1;
    struct cor_diags d;
    cor_diags_init(&d);
    assert_int_equal(cor_import(&o, files, 1, dir, &st, &d, NULL), COR_OK);
    assert_int_equal(d.errors, 0);
    cor_diags_fini(&d);
    ds = load_output();
    assert_int_equal(cor_dataset_count(ds, COR_KIND_INDICATOR), 2);   /* gdp only */
    cor_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_import_wdi_validates_and_keeps_provenance, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_import_merges_sources_and_flags_aggregates, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_import_error_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_adds_to_folder, setup, teardown),
        /* last: its input is removed, and the process keeps refusing to write
         * over it (a file that reuses its inode would look like it) */
        cmocka_unit_test_setup_teardown(test_import_sipri_not_usd_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
