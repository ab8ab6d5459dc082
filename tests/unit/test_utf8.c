/* UTF-8 decoding against Unicode's table 3-7, byte by byte and character
 * by character; the expected code points are worked out by hand from the
 * bit patterns (110xxxxx 10xxxxxx ...). */
#include <string.h>

#include "corridor/utf8.h"
#include "testutil.h"

struct dec {
    const char *bytes;
    size_t len;
    uint32_t cp;       /* COR_UTF8_INVALID for an invalid start */
    size_t used;       /* bytes cor_utf8_next takes */
};

static void test_utf8_next_valid_and_invalid(void **state)
{
    (void)state;
    const struct dec cases[] = {
        {"A", 1, 0x41, 1},
        {"\xC3\xBC", 2, 0xFC, 2},                 /* u-umlaut: 00011 111100 */
        {"\xE2\x82\xAC", 3, 0x20AC, 3},           /* euro sign */
        {"\xF0\x9F\x98\x80", 4, 0x1F600, 4},      /* U+1F600 */
        {"\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4},     /* the last code point */
        {"\xED\x9F\xBF", 3, 0xD7FF, 3},           /* just below the surrogates */
        {"\x80", 1, COR_UTF8_INVALID, 1},         /* a lone continuation byte */
        {"\xC0\xAF", 2, COR_UTF8_INVALID, 1},     /* overlong '/': C0 never starts */
        {"\xE0\x80\xAF", 3, COR_UTF8_INVALID, 1}, /* overlong: E0 needs A0..BF next */
        {"\xED\xA0\x80", 3, COR_UTF8_INVALID, 1}, /* a surrogate, U+D800 */
        {"\xF4\x90\x80\x80", 4, COR_UTF8_INVALID, 1}, /* above U+10FFFF */
        {"\xF5\x80", 2, COR_UTF8_INVALID, 1},
        {"\xFF", 1, COR_UTF8_INVALID, 1},
        {"\xE2\x82" "A", 3, COR_UTF8_INVALID, 2}, /* cut short: A is the next character */
        {"\xE2\x82", 2, COR_UTF8_INVALID, 2},     /* cut short by the end */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        uint32_t cp = 0;
        assert_int_equal(cor_utf8_next(cases[i].bytes, cases[i].len, &cp), cases[i].used);
        assert_int_equal(cp, cases[i].cp);
    }
}

static void test_utf8_feed_again_after_a_cut(void **state)
{
    (void)state;
    struct cor_utf8 d;
    cor_utf8_reset(&d);
    uint32_t cp = 0;
    assert_int_equal(cor_utf8_feed(&d, 0xE2, &cp), COR_UTF8_MORE);
    assert_int_equal(cor_utf8_feed(&d, 'x', &cp), COR_UTF8_BAD_AGAIN);
    assert_int_equal(cor_utf8_feed(&d, 'x', &cp), COR_UTF8_CHAR);
    assert_int_equal(cp, 'x');
    assert_int_equal(cor_utf8_feed(&d, 0xBF, &cp), COR_UTF8_BAD);
    assert_int_equal(cor_utf8_feed(&d, 0xC3, &cp), COR_UTF8_MORE);
    assert_int_equal(cor_utf8_feed(&d, 0xA9, &cp), COR_UTF8_CHAR);
    assert_int_equal(cp, 0xE9);
}

static void test_utf8_controls_and_encode(void **state)
{
    (void)state;
    assert_true(cor_utf8_is_control(0));
    assert_true(cor_utf8_is_control(0x1B));
    assert_true(cor_utf8_is_control(0x7F));
    assert_true(cor_utf8_is_control(0x9B));   /* C1 CSI */
    assert_false(cor_utf8_is_control('\t'));
    assert_false(cor_utf8_is_control('\n'));
    assert_false(cor_utf8_is_control('\r'));
    assert_false(cor_utf8_is_control(' '));
    assert_false(cor_utf8_is_control(0xA0));
    const uint32_t cps[] = {0x24, 0xA2, 0x939, 0x20AC, 0xD55C, 0x10348, 0xFFFD};
    const char *want[] = {"$", "\xC2\xA2", "\xE0\xA4\xB9", "\xE2\x82\xAC", "\xED\x95\x9C",
                          "\xF0\x90\x8D\x88", "\xEF\xBF\xBD"};
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
        char out[4];
        size_t n = cor_utf8_encode(cps[i], out);
        assert_int_equal(n, strlen(want[i]));
        assert_memory_equal(out, want[i], n);
        uint32_t back = 0;
        assert_int_equal(cor_utf8_next(out, n, &back), n);
        assert_int_equal(back, cps[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_next_valid_and_invalid),
        cmocka_unit_test(test_utf8_feed_again_after_a_cut),
        cmocka_unit_test(test_utf8_controls_and_encode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
