/* Selection from the synthetic fixture tests/data/metrics (values by hand). */
#include <string.h>

#include "corridor.h"
#include "testutil.h"

static struct cor_dataset *ds;

static int setup(void **state)
{
    (void)state;
    struct cor_diags d;
    cor_diags_init(&d);
    ds = cor_dataset_new();
    if (cor_dataset_load(ds, COR_TEST_DATA "/metrics", &d, NULL) != COR_OK ||
        cor_dataset_check(ds, &d, NULL) != COR_OK || d.errors)
        return -1;
    cor_diags_fini(&d);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    cor_dataset_free(ds);
    return 0;
}

/* Testport, all origins, in TEU: 2019, 2020, 2022, 2023-9M, 2023, 2024-9M
 * (the Mt row is another dimension). */
static void select_testport_teu(struct cor_select *sel, struct cor_series *s)
{
    cor_select_init(sel, COR_KIND_PORT);
    sel->entity = "Testport";
    sel->unit = cor_unit_lookup("TEU", 3);
    sel->where[0].column = "origin";
    sel->where[0].value = "";
    sel->nwhere = 1;
    assert_int_equal(cor_series_select(ds, sel, s, NULL), COR_OK);
    assert_int_equal(s->n, 6);
}

static void test_series_selects_one_identity_in_one_unit(void **state)
{
    (void)state;
    struct cor_select sel;
    struct cor_series s;
    select_testport_teu(&sel, &s);
    assert_int_equal(s.points[0].period.y0, 2019);
    assert_true(s.points[0].v.value == 100);
    /* about 150: [142.5, 157.5] */
    assert_close(s.points[2].v.lo, 142.5, 1e-15);
    assert_close(s.points[2].v.hi, 157.5, 1e-15);
    /* ordered by start, shorter first: 2023-9M before 2023 */
    assert_int_equal(s.points[3].period.kind, COR_PERIOD_YTD);
    assert_int_equal(s.points[4].period.kind, COR_PERIOD_YEAR);
    cor_series_fini(&s);

    /* from/to keep periods inside the range */
    assert_int_equal(cor_period_parse("2020", 4, &sel.from), COR_OK);
    assert_int_equal(cor_period_parse("2023", 4, &sel.to), COR_OK);
    assert_int_equal(cor_series_select(ds, &sel, &s, NULL), COR_OK);
    assert_int_equal(s.n, 4);   /* 2020, 2022, 2023-9M, 2023 */
    cor_series_fini(&s);
}

static void test_series_refuses_mixtures(void **state)
{
    (void)state;
    struct cor_select sel;
    cor_select_init(&sel, COR_KIND_PORT);
    sel.entity = "Testport";
    struct cor_series s;
    struct cor_error err = {0};
    /* origin '' and 'China' in one series */
    sel.unit = cor_unit_lookup("TEU", 3);
    assert_int_equal(cor_series_select(ds, &sel, &s, &err), COR_EINVAL);
    assert_non_null(strstr(err.message, "mixes origin"));
    /* TEU and Mt without a unit */
    sel.unit = -1;
    sel.where[0].column = "origin";
    sel.where[0].value = "";
    sel.nwhere = 1;
    assert_int_equal(cor_series_select(ds, &sel, &s, &err), COR_EUNIT);
    assert_non_null(strstr(err.message, "--unit"));
    sel.where[0].column = "colour";
    assert_int_equal(cor_series_select(ds, &sel, &s, &err), COR_ENOTFOUND);
}

static void test_series_money_through_fx(void **state)
{
    (void)state;
    struct cor_select sel;
    cor_select_init(&sel, COR_KIND_BUDGET);
    sel.entity = "Testland";
    sel.unit = cor_unit_lookup("billion", 7);
    sel.currency = cor_currency_lookup("USD", 3);
    struct cor_series s;
    assert_int_equal(cor_series_select(ds, &sel, &s, NULL), COR_OK);
    assert_int_equal(s.n, 2);
    assert_close(s.points[0].v.value, 10, 1e-14);   /* 17 AZN bn / 1.7 AZN per USD */
    assert_true(s.points[0].fx_source != COR_SYM_NONE);
    assert_true(s.points[1].v.value == 20);
    cor_series_fini(&s);
    /* no rate for 2024 into AZN: NA with its reason */
    sel.currency = cor_currency_lookup("AZN", 3);
    assert_int_equal(cor_series_select(ds, &sel, &s, NULL), COR_OK);
    assert_true(s.points[0].v.value == 17);
    assert_int_equal(s.points[1].v.na, COR_NA_INCOMPATIBLE_UNITS);
    cor_series_fini(&s);
}

static void test_series_filters_status_and_source(void **state)
{
    (void)state;
    struct cor_select sel;
    cor_select_init(&sel, COR_KIND_BUDGET);
    sel.entity = "Testland";
    sel.unit = cor_unit_lookup("billion", 7);
    sel.currency = cor_currency_lookup("USD", 3);
    sel.status_mask = 1u << COR_S_ACTUAL;
    struct cor_series s;
    assert_int_equal(cor_series_select(ds, &sel, &s, NULL), COR_OK);
    assert_int_equal(s.n, 0);                        /* both are planned */
    cor_series_fini(&s);
    sel.status_mask = 0;
    sel.source = "syn-a";
    assert_int_equal(cor_series_select(ds, &sel, &s, NULL), COR_OK);
    assert_int_equal(s.n, 0);
    cor_series_fini(&s);
}

static void test_series_same_period_a_year_earlier(void **state)
{
    (void)state;
    struct cor_select sel;
    struct cor_series s;
    select_testport_teu(&sel, &s);
    /* 0: 2019, 1: 2020, 2: 2022, 3: 2023-9M, 4: 2023, 5: 2024-9M */
    /* 2020 -> 2019 (index 0), and nothing after it */
    size_t i = cor_series_year_earlier(&s, &s.points[1].period, 0);
    assert_int_equal(i, 0);
    assert_int_equal(cor_series_year_earlier(&s, &s.points[1].period, i + 1), s.n);
    /* 2024-9M -> 2023-9M (index 3), never the year 2023 */
    assert_int_equal(cor_series_year_earlier(&s, &s.points[5].period, 0), 3);
    /* 2022 -> 2021: none */
    assert_int_equal(cor_series_year_earlier(&s, &s.points[2].period, 0), s.n);
    /* a period by form: 2023 is index 4, not the 2023-9M at 3 */
    struct cor_period y;
    assert_int_equal(cor_period_parse("2023", 4, &y), COR_OK);
    assert_int_equal(cor_series_next_at(&s, &y, 0), 4);
    assert_int_equal(cor_series_next_at(&s, &y, 5), s.n);
    cor_series_fini(&s);
}

static void test_series_where_parse_and_match(void **state)
{
    (void)state;
    char col[16];
    const char *value;
    int neg;
    assert_int_equal(cor_where_parse("origin!=China", col, sizeof col, &value, &neg, NULL), COR_OK);
    assert_string_equal(col, "origin");
    assert_string_equal(value, "China");
    assert_int_equal(neg, 1);
    assert_int_equal(cor_where_parse("flow=total|import", col, sizeof col, &value, &neg, NULL),
                     COR_OK);
    assert_true(strcmp(col, "flow") == 0 && strcmp(value, "total|import") == 0 && neg == 0);
    assert_int_equal(cor_where_parse("origin", col, sizeof col, &value, &neg, NULL), COR_EINVAL);
    assert_int_equal(cor_where_parse("=x", col, sizeof col, &value, &neg, NULL), COR_EINVAL);
    assert_int_equal(cor_where_parse("!=x", col, sizeof col, &value, &neg, NULL), COR_EINVAL);
    assert_int_equal(cor_where_parse("a_very_long_column_name=1", col, sizeof col, &value, &neg,
                                     NULL),
                     COR_EINVAL);
    /* Testport TEU within 2023 (tests/data/metrics): 180 and 140 (9 months) with no
     * origin, 60 from China */
    struct cor_select sel;
    cor_select_init(&sel, COR_KIND_PORT);
    sel.entity = "Testport";
    sel.unit = cor_unit_lookup("TEU", 3);
    sel.vary = "origin";
    cor_period_parse("2023", 4, &sel.from);
    sel.to = sel.from;
    sel.where[0].column = "origin";
    sel.where[0].value = "|China";
    sel.nwhere = 1;
    struct cor_series s;
    assert_int_equal(cor_series_select(ds, &sel, &s, NULL), COR_OK);
    assert_int_equal(s.n, 3);
    cor_series_fini(&s);
    sel.where[0].value = "";
    sel.where[0].negate = 1;   /* every origin but the empty one */
    assert_int_equal(cor_series_select(ds, &sel, &s, NULL), COR_OK);
    assert_int_equal(s.n, 1);
    assert_true(s.points[0].v.value == 60);
    cor_series_fini(&s);
}

static void test_series_closest_and_empty(void **state)
{
    (void)state;
    static const char *const names[] = {"Port of Baku", "Port of Aktau", "Poti"};
    assert_string_equal(cor_closest("port of baku", names, 3), "Port of Baku");
    assert_string_equal(cor_closest("Port-of-Aktau", names, 3), "Port of Aktau");
    assert_string_equal(cor_closest("Port of Bak", names, 3), "Port of Baku");
    assert_string_equal(cor_closest("Pati", names, 3), "Poti");
    assert_null(cor_closest("Rotterdam", names, 3));
    assert_null(cor_closest("x", names, 0));
    struct cor_select sel;
    cor_select_init(&sel, COR_KIND_PORT);
    assert_string_equal(cor_series_closest(ds, &sel, "port", "testport"), "Testport");
    assert_string_equal(cor_series_closest(ds, NULL, "port", "Testpor"), "Testport");
    char why[300];
    sel.entity = "testport";
    cor_series_explain_empty(ds, &sel, why, sizeof why);
    assert_string_equal(why, "no port 'testport' in the 'port' records; did you mean 'Testport'?");
    sel.entity = "Testport";
    sel.unit = cor_unit_lookup("TEU", 3);
    cor_period_parse("2030", 4, &sel.from);
    cor_series_explain_empty(ds, &sel, why, sizeof why);
    assert_string_equal(why, "no figures from 2030: they cover 2019 to 2024-9M");
    memset(&sel.from, 0, sizeof sel.from);
    sel.where[0].column = "origin";
    sel.where[0].value = "";
    sel.nwhere = 1;
    cor_series_explain_empty(ds, &sel, why, sizeof why);
    assert_string_equal(why, "");   /* not empty */
}

/* Units as a user types them, and a column that is not one named with the
 * closest that is. */
static void test_series_unit_labels_and_columns(void **state)
{
    (void)state;
    char buf[64];
    int one = cor_unit_lookup("1", 1), million = cor_unit_lookup("million", 7);
    int usd = cor_currency_lookup("USD", 3), kt = cor_unit_lookup("kt", 2);
    cor_series_unit_label(one, usd, buf, sizeof buf);
    assert_string_equal(buf, "USD");
    cor_series_unit_label(million, usd, buf, sizeof buf);
    assert_string_equal(buf, "million USD");
    cor_series_unit_label(kt, -1, buf, sizeof buf);
    assert_string_equal(buf, "kt");
    cor_series_unit_label(-1, -1, buf, sizeof buf);
    assert_string_equal(buf, "?");
    struct cor_select sel;
    cor_select_init(&sel, COR_KIND_TRADE);
    sel.vary = "exportr";
    struct cor_series s;
    struct cor_error err = {0};
    assert_int_equal(cor_series_select(ds, &sel, &s, &err), COR_ENOTFOUND);
    assert_string_equal(err.message,
                        "kind 'trade' has no column 'exportr'; did you mean 'exporter'?");
    sel.vary = NULL;
    sel.where[0].column = "mesure";
    sel.where[0].value = "x";
    sel.nwhere = 1;
    sel.kind = COR_KIND_INDICATOR;
    assert_int_equal(cor_series_select(ds, &sel, &s, &err), COR_ENOTFOUND);
    assert_string_equal(err.message,
                        "kind 'indicator' has no column 'mesure'; did you mean 'measure'?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_series_same_period_a_year_earlier),
        cmocka_unit_test(test_series_selects_one_identity_in_one_unit),
        cmocka_unit_test(test_series_refuses_mixtures),
        cmocka_unit_test(test_series_money_through_fx),
        cmocka_unit_test(test_series_filters_status_and_source),
        cmocka_unit_test(test_series_where_parse_and_match),
        cmocka_unit_test(test_series_closest_and_empty),
        cmocka_unit_test(test_series_unit_labels_and_columns),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
