#define _POSIX_C_SOURCE 200809L
/* The panel's group table (src/panel/panel_keys.c): every group stored is
 * found again, with its accumulators, after the table has grown from 4,096
 * slots past the size where it is mapped and doubled in place (Linux), with
 * groups that cluster at the table's end and wrap to its start (their homes
 * picked by searching the hash), and with tuples of one key and of three.
 * What is checked is what was stored: no value comes from the table. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/panel/panel_internal.h"
#include "testutil.h"

/* Each group's accumulator: its tuple's first id and a count of gets. */
struct acc {
    uint64_t tag;
    uint64_t gets;
    double pad[4];   /* trend's accumulator size (48 bytes) */
};

/* Stores every tuple of t (n tuples of k ids), each `times` times, then
 * finds each: its tag, its count, its id when numbered, every group listed
 * once. */
static void store_and_find(const uint32_t *t, size_t n, size_t k, int numbered, int times)
{
    struct cor_panel_groups g;
    cor_panel_groups_init(&g, k, sizeof(struct acc), numbered);
    for (int r = 0; r < times; r++)
        for (size_t i = 0; i < n; i++) {
            uint32_t id = UINT32_MAX;
            struct acc *a = cor_panel_groups_get(&g, t + i * k, cor_panel_tuple_hash(t + i * k, k),
                                                 &id);
            assert_non_null(a);
            if (r == 0) {
                assert_int_equal(a->gets, 0);   /* a new group's accumulator is zeroed */
                a->tag = i + 1;
            }
            assert_int_equal(a->tag, i + 1);
            a->gets++;
            if (numbered)
                assert_int_equal(id, i);   /* numbered in order of first get */
        }
    assert_int_equal(g.n, n);
    for (size_t i = 0; i < n; i++) {
        uint32_t id = UINT32_MAX;
        const struct acc *a =
            cor_panel_groups_find(&g, t + i * k, cor_panel_tuple_hash(t + i * k, k), &id);
        assert_non_null(a);
        assert_int_equal(a->tag, i + 1);
        assert_int_equal(a->gets, (uint64_t)times);
        assert_memory_equal(cor_panel_groups_tuple(&g, a), t + i * k, k * sizeof *t);
        if (numbered)
            assert_int_equal(id, i);
    }
    void **list = cor_panel_groups_list(&g);
    assert_non_null(list);
    unsigned char *seen = calloc(n, 1);
    assert_non_null(seen);
    for (size_t i = 0; i < n; i++) {
        const struct acc *a = list[i];
        assert_true(a->tag >= 1 && a->tag <= n);
        assert_int_equal(seen[a->tag - 1], 0);
        seen[a->tag - 1] = 1;
        if (numbered)
            assert_int_equal(a->tag, i + 1);
    }
    free(seen);
    free(list);
    cor_panel_groups_free(&g);
}

/* 300,000 groups of three keys, got twice each: the table grows 4,096 ->
 * 1,048,576 slots, the last sizes mapped and doubled in place. */
static void test_groups_three_keys(void **state)
{
    (void)state;
    size_t n = 300000;
    uint32_t *t = malloc(n * 3 * sizeof *t);
    assert_non_null(t);
    for (size_t i = 0; i < n; i++) {
        t[3 * i] = (uint32_t)(i % 60 + 1);
        t[3 * i + 1] = (uint32_t)(i / 60 % 200 + 1);
        t[3 * i + 2] = (uint32_t)(i / 12000 + 1);
    }
    store_and_find(t, n, 3, 0, 2);
    store_and_find(t, n, 3, 1, 2);
    free(t);
}

/* Ids whose home is among the last 48 slots (or the first 16) of every
 * table up to 2^19 slots: they pile up at the end and wrap to the start at
 * every size. At each doubling the ones at the end move to the new half and
 * those at the start stay; at the last (2^19 -> 2^20) about half of each
 * move. Then as many ordinary ids as make the table grow to 2^20 slots. */
static void test_groups_wrapping_clusters(void **state)
{
    (void)state;
    size_t want_edge = 1500, n_ordinary = 400000, n = 0;
    uint32_t *t = malloc((want_edge + n_ordinary) * sizeof *t);
    assert_non_null(t);
    uint32_t id = 1;
    size_t edge = 0, moving = 0;
    for (; edge < want_edge && id < (1u << 30); id++) {
        uint64_t h = cor_panel_tuple_hash(&id, 1), low = h & ((1u << 19) - 1);
        if (low >= (1u << 19) - 48 || low < 16) {
            t[n++] = id;
            edge++;
            moving += (h >> 19 & 1) != 0;
        }
    }
    assert_int_equal(edge, want_edge);
    assert_true(moving > 100 && moving < edge);   /* both kinds */
    for (uint32_t next = id; n < want_edge + n_ordinary; next++)
        t[n++] = next;
    store_and_find(t, n, 1, 0, 1);
    store_and_find(t, n, 1, 1, 3);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_groups_three_keys),
        cmocka_unit_test(test_groups_wrapping_clusters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
