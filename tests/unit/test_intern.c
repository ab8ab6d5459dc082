#include <stdio.h>
#include <string.h>

#include "corridor/intern.h"
#include "testutil.h"

static void test_intern_same_text_same_id(void **state)
{
    (void)state;
    struct cor_intern *p = cor_intern_new();
    assert_non_null(p);
    cor_sym a, b, c, e;
    assert_int_equal(cor_intern_add(p, "Baku", 4, &a), COR_OK);
    assert_int_equal(cor_intern_add(p, "Bakuvian", 4, &b), COR_OK);   /* first 4 bytes */
    assert_int_equal(cor_intern_add(p, "Aktau", 5, &c), COR_OK);
    assert_int_equal(cor_intern_add(p, "", 0, &e), COR_OK);
    assert_int_equal(a, b);
    assert_int_not_equal(a, c);
    assert_int_equal(e, COR_SYM_NONE);
    assert_string_equal(cor_intern_str(p, a), "Baku");
    assert_int_equal(cor_intern_find(p, "Aktau", 5), c);
    assert_int_equal(cor_intern_find(p, "Poti", 4), COR_SYM_ABSENT);
    assert_int_equal(cor_intern_count(p), 3);   /* "", Baku, Aktau */
    assert_string_equal(cor_intern_str(p, 999), "");
    cor_intern_free(p);
    cor_intern_free(NULL);
}

static void test_intern_many_strings(void **state)
{
    (void)state;
    struct cor_intern *p = cor_intern_new();
    char buf[32];
    for (int i = 0; i < 20000; i++) {
        snprintf(buf, sizeof buf, "name-%d", i);
        cor_sym id;
        assert_int_equal(cor_intern_add(p, buf, strlen(buf), &id), COR_OK);
        assert_int_equal(id, (cor_sym)(i + 1));
    }
    for (int i = 0; i < 20000; i += 997) {
        snprintf(buf, sizeof buf, "name-%d", i);
        assert_int_equal(cor_intern_find(p, buf, strlen(buf)), (cor_sym)(i + 1));
        assert_string_equal(cor_intern_str(p, (cor_sym)(i + 1)), buf);
    }
    cor_intern_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intern_same_text_same_id),
        cmocka_unit_test(test_intern_many_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
