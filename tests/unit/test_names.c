#include <string.h>

#include "corridor/names.h"
#include "testutil.h"

#define LOOK(fn, s) fn(s, strlen(s))

static void test_names_qualifiers_and_aliases(void **state)
{
    (void)state;
    assert_int_equal(LOOK(cor_qualifier_lookup, "exact"), COR_Q_EXACT);
    assert_int_equal(LOOK(cor_qualifier_lookup, "about"), COR_Q_APPROX);
    assert_int_equal(LOOK(cor_qualifier_lookup, "Roughly"), COR_Q_APPROX);
    assert_int_equal(LOOK(cor_qualifier_lookup, "almost"), COR_Q_NEARLY);
    assert_int_equal(LOOK(cor_qualifier_lookup, "surpassing"), COR_Q_MORE_THAN);
    assert_int_equal(LOOK(cor_qualifier_lookup, "over"), COR_Q_MORE_THAN);
    assert_int_equal(LOOK(cor_qualifier_lookup, "at_least"), COR_Q_AT_LEAST);
    assert_int_equal(LOOK(cor_qualifier_lookup, "more than"), COR_Q_MORE_THAN);
    assert_int_equal(LOOK(cor_qualifier_lookup, "At-Most"), COR_Q_AT_MOST);
    assert_int_equal(LOOK(cor_qualifier_lookup, "under"), COR_Q_LESS_THAN);
    assert_int_equal(LOOK(cor_qualifier_lookup, "at_most"), COR_Q_AT_MOST);
    assert_int_equal(LOOK(cor_qualifier_lookup, "between"), COR_Q_RANGE);
    assert_int_equal(LOOK(cor_qualifier_lookup, "fuzzy"), -1);
    assert_int_equal(LOOK(cor_qualifier_lookup, "abou"), -1);
    assert_int_equal(LOOK(cor_qualifier_lookup, ""), -1);
    assert_string_equal(cor_qualifier_name(COR_Q_MORE_THAN), "more_than");
}

static void test_names_statuses(void **state)
{
    (void)state;
    assert_int_equal(LOOK(cor_status_lookup, "actual"), COR_S_ACTUAL);
    assert_int_equal(LOOK(cor_status_lookup, "estimate"), COR_S_ESTIMATE);
    assert_int_equal(LOOK(cor_status_lookup, "projected"), COR_S_PROJECTED);
    assert_int_equal(LOOK(cor_status_lookup, "planned"), COR_S_PLANNED);
    assert_int_equal(LOOK(cor_status_lookup, "claim"), COR_S_CLAIM);
    assert_int_equal(LOOK(cor_status_lookup, "rumour"), -1);
}

static void test_names_units(void **state)
{
    (void)state;
    const struct cor_unit *mt = cor_unit_at(LOOK(cor_unit_lookup, "Mt"));
    assert_non_null(mt);
    assert_int_equal(mt->dim, COR_DIM_MASS);
    assert_true(mt->factor == 1e6);
    assert_int_equal(LOOK(cor_unit_lookup, "mt"), -1);     /* units are case-sensitive */
    const struct cor_unit *bn = cor_unit_at(LOOK(cor_unit_lookup, "bn"));
    assert_non_null(bn);
    assert_string_equal(bn->name, "billion");
    assert_int_equal(bn->dim, COR_DIM_MONEY);
    const struct cor_unit *pct = cor_unit_at(LOOK(cor_unit_lookup, "%"));
    assert_true(pct->factor == 0.01);
    const struct cor_unit *tcf = cor_unit_at(LOOK(cor_unit_lookup, "tcf"));
    /* 13.73 tcf is given as 389 bcm in the Tamar source: 13.73 * 28.3168 = 388.79 */
    assert_close(13.73 * tcf->factor / 1e9, 388.790303, 1e-6);
    assert_null(cor_unit_at(-1));
    assert_null(cor_unit_at((int)cor_unit_count()));
}

static void test_names_currencies(void **state)
{
    (void)state;
    int azn = LOOK(cor_currency_lookup, "AZN");
    assert_true(azn >= 0);
    assert_string_equal(cor_currency_name(azn), "AZN");
    assert_true(LOOK(cor_currency_lookup, "USD") >= 0);
    assert_true(LOOK(cor_currency_lookup, "ILS") >= 0);
    assert_int_equal(LOOK(cor_currency_lookup, "usd"), -1);
    assert_int_equal(LOOK(cor_currency_lookup, "XYZ"), -1);
    assert_int_equal(LOOK(cor_currency_lookup, "US"), -1);
    assert_string_equal(cor_currency_name(-1), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_qualifiers_and_aliases),
        cmocka_unit_test(test_names_statuses),
        cmocka_unit_test(test_names_units),
        cmocka_unit_test(test_names_currencies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
