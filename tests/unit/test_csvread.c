#define _POSIX_C_SOURCE 200809L
/* The reader must give the same rows, texts and positions however the input
 * is cut into chunks: every fixture is fed at every chunk size. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/csvread.h"
#include "testutil.h"

#define MAX_FIELDS 64

struct seen {
    char text[MAX_FIELDS][64];
    unsigned long line[MAX_FIELDS], col[MAX_FIELDS];
    size_t row_of[MAX_FIELDS];
    size_t nfields, nrows;
    unsigned long end_line[16], end_col[16];
};

static enum cor_status collect(const struct cor_csv_row *row, void *user)
{
    struct seen *s = user;
    for (size_t i = 0; i < row->nfields && s->nfields < MAX_FIELDS; i++) {
        snprintf(s->text[s->nfields], sizeof s->text[0], "%s", row->fields[i].text);
        s->line[s->nfields] = row->fields[i].line;
        s->col[s->nfields] = row->fields[i].col;
        s->row_of[s->nfields] = row->index;
        s->nfields++;
    }
    if (s->nrows < 16) {
        s->end_line[s->nrows] = row->end_line;
        s->end_col[s->nrows] = row->end_col;
    }
    s->nrows++;
    return COR_OK;
}

/* Feeds input in chunks of `chunk` bytes; returns the final status. */
static enum cor_status feed(const char *input, size_t len, size_t chunk, struct seen *s,
                            struct cor_error *err)
{
    memset(s, 0, sizeof *s);
    struct cor_csv_reader *r = cor_csv_reader_new("t.csv", collect, s);
    assert_non_null(r);
    enum cor_status st = COR_OK;
    for (size_t at = 0; at < len && st == COR_OK; at += chunk) {
        size_t n = len - at < chunk ? len - at : chunk;
        st = cor_csv_reader_feed(r, input + at, n, err);
    }
    if (st == COR_OK)
        st = cor_csv_reader_finish(r, err);
    cor_csv_reader_free(r);
    return st;
}

struct expect {
    const char *text;
    size_t row;
    unsigned long line, col;
};

static void check_all_chunkings(const char *input, const struct expect *ex, size_t n,
                                size_t nrows)
{
    size_t len = strlen(input);
    for (size_t chunk = 1; chunk <= len + 1; chunk++) {
        struct seen s;
        struct cor_error err = {0};
        assert_int_equal(feed(input, len, chunk, &s, &err), COR_OK);
        assert_int_equal(s.nrows, nrows);
        assert_int_equal(s.nfields, n);
        for (size_t i = 0; i < n; i++) {
            assert_string_equal(s.text[i], ex[i].text);
            assert_int_equal(s.row_of[i], ex[i].row);
            assert_int_equal(s.line[i], ex[i].line);
            assert_int_equal(s.col[i], ex[i].col);
        }
    }
}

static void test_csvread_plain_rows(void **state)
{
    (void)state;
    const struct expect ex[] = {
        {"port", 1, 1, 1}, {"teu", 1, 1, 6},
        {"Baku", 2, 2, 1}, {"76775", 2, 2, 6},
    };
    check_all_chunkings("port,teu\nBaku,76775\n", ex, 4, 2);
    /* no newline at the end, blank lines skipped */
    check_all_chunkings("port,teu\n\n\nBaku,76775", (const struct expect[]){
        {"port", 1, 1, 1}, {"teu", 1, 1, 6}, {"Baku", 2, 4, 1}, {"76775", 2, 4, 6}}, 4, 2);
}

static void test_csvread_quotes_and_multiline(void **state)
{
    (void)state;
    /* a quoted comma, a doubled quote, a quoted CRLF line break, then a later row */
    const char *in = "a,b,c\r\n"
                     "\"Korea, Rep.\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n"
                     "x,,z\r\n";
    const struct expect ex[] = {
        {"a", 1, 1, 1}, {"b", 1, 1, 3}, {"c", 1, 1, 5},
        {"Korea, Rep.", 2, 2, 1}, {"say \"hi\"", 2, 2, 15}, {"two\r\nlines", 2, 2, 28},
        {"x", 3, 4, 1}, {"", 3, 4, 3}, {"z", 3, 4, 4},
    };
    check_all_chunkings(in, ex, 9, 3);
}

static void test_csvread_bom_and_utf8_columns(void **state)
{
    (void)state;
    /* BOM skipped; a two-byte character counts as one column */
    const char *in = "\xEF\xBB\xBFname,v\nT\xC3\xBCrkiye,1\n";
    const struct expect ex[] = {
        {"name", 1, 1, 1}, {"v", 1, 1, 6}, {"T\xC3\xBCrkiye", 2, 2, 1}, {"1", 2, 2, 9},
    };
    check_all_chunkings(in, ex, 4, 2);
    /* a file that starts like a BOM but is not one keeps its bytes */
    check_all_chunkings("\xEFx,y\n", (const struct expect[]){{"\xEFx", 1, 1, 1}, {"y", 1, 1, 4}},
                        2, 1);
}

static void test_csvread_empty_and_header_only(void **state)
{
    (void)state;
    check_all_chunkings("", NULL, 0, 0);
    check_all_chunkings("\n\r\n", NULL, 0, 0);
    check_all_chunkings("a,b\n", (const struct expect[]){{"a", 1, 1, 1}, {"b", 1, 1, 3}}, 2, 1);
}

static void test_csvread_ragged_rows_and_row_ends(void **state)
{
    (void)state;
    const char *in = "a,b,c\n1,2\n3,4,5,6\n";
    size_t len = strlen(in);
    for (size_t chunk = 1; chunk <= len; chunk++) {
        struct seen s;
        assert_int_equal(feed(in, len, chunk, &s, NULL), COR_OK);
        assert_int_equal(s.nrows, 3);
        assert_int_equal(s.nfields, 9);
        assert_int_equal(s.end_line[1], 2);    /* "1,2" ends at its line break, col 4 */
        assert_int_equal(s.end_col[1], 4);
        assert_int_equal(s.col[8], 7);          /* the extra field "6" */
    }
}

static void test_csvread_syntax_errors_located(void **state)
{
    (void)state;
    const char *stray = "a,b\n1,x\"y\n";
    const char *unterminated = "a,b\n1,2\n3,\"open\nstill open\n";
    for (size_t chunk = 1; chunk <= strlen(unterminated); chunk++) {
        struct seen s;
        struct cor_error err = {0};
        if (chunk <= strlen(stray)) {
            assert_int_equal(feed(stray, strlen(stray), chunk, &s, &err), COR_EPARSE);
            assert_int_equal(err.line, 2);
            assert_int_equal(err.col, 4);     /* the quote inside x"y */
        }
        memset(&err, 0, sizeof err);
        assert_int_equal(feed(unterminated, strlen(unterminated), chunk, &s, &err), COR_EPARSE);
        assert_int_equal(err.line, 3);
        assert_int_equal(err.col, 3);         /* where the quoted field opens */
        assert_non_null(strstr(err.message, "never closed"));
    }
}

/* A row's width against its header: UN Comtrade ends every data row (not
 * the header) with a delimiter, a trailing empty field; only that is
 * dropped. */
static enum cor_status widths(const struct cor_csv_row *row, void *user)
{
    size_t *w = user;
    w[row->index - 1] = cor_csv_row_width(row, 2);
    return COR_OK;
}

static void test_csvread_row_width_trailing_delimiter(void **state)
{
    (void)state;
    const char *in = "a,b\n1,2,\n1,2\n1,2,3\n1,2,,\n1,\n";
    size_t w[6] = {0};
    struct cor_csv_reader *r = cor_csv_reader_new("t.csv", widths, w);
    assert_int_equal(cor_csv_reader_feed(r, in, strlen(in), NULL), COR_OK);
    assert_int_equal(cor_csv_reader_finish(r, NULL), COR_OK);
    cor_csv_reader_free(r);
    assert_int_equal(w[1], 2);   /* 1,2,   trailing empty field: the header's 2 */
    assert_int_equal(w[2], 2);   /* 1,2 */
    assert_int_equal(w[3], 3);   /* 1,2,3  a value: still 3 */
    assert_int_equal(w[4], 4);   /* 1,2,,  two more: still 4 */
    assert_int_equal(w[5], 2);   /* 1,     an empty second field: 2 as it is */
}

/* "a","b" read as ';'-separated: the character after the closing quote is
 * another delimiter, and the error names the option. */
static void test_csvread_other_delimiter_after_quote(void **state)
{
    (void)state;
    const char *in = "\"a\",\"b\"\n";
    struct seen s;
    memset(&s, 0, sizeof s);
    struct cor_csv_reader *r = cor_csv_reader_new("t.csv", collect, &s);
    cor_csv_reader_set_delimiter(r, ';');
    struct cor_error err = {0};
    assert_int_equal(cor_csv_reader_feed(r, in, strlen(in), &err), COR_EPARSE);
    cor_csv_reader_free(r);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.col, 4);
    assert_string_equal(err.message, "unexpected ',' after a closing quote: the file looks "
                                     "','-separated: read it with --delimiter ','");
}

static void test_csvread_file_and_missing_file(void **state)
{
    (void)state;
    struct seen s;
    memset(&s, 0, sizeof s);
    struct cor_error err = {0};
    assert_int_equal(cor_csv_read_file(COR_TEST_DATA "/no-such-file.csv", 0, collect, &s, &err),
                     COR_EIO);
    assert_non_null(strstr(err.message, "cannot open"));
    char path[] = "/tmp/corridor-csvread-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("x,y\n1,2\n", f);
    fclose(f);
    for (size_t chunk = 1; chunk < 10; chunk++) {
        memset(&s, 0, sizeof s);
        assert_int_equal(cor_csv_read_file(path, chunk, collect, &s, &err), COR_OK);
        assert_int_equal(s.nrows, 2);
        assert_string_equal(s.text[3], "2");
    }
    remove(path);
}

static enum cor_status stop_at_second(const struct cor_csv_row *row, void *user)
{
    (void)user;
    return row->index == 2 ? COR_EDATA : COR_OK;
}

static void test_csvread_callback_status_stops(void **state)
{
    (void)state;
    struct cor_csv_reader *r = cor_csv_reader_new("t.csv", stop_at_second, NULL);
    assert_int_equal(cor_csv_reader_feed(r, "a\nb\nc\n", 6, NULL), COR_EDATA);
    cor_csv_reader_free(r);
    cor_csv_reader_free(NULL);
}

/* ---- text that is not valid: where, at every chunk size ---- */

struct bad_seen {
    size_t row[16];
    unsigned long line[16], col[16], cp[16];
    char what[16][32];
    size_t n, rows;
};

static enum cor_status collect_bad(const struct cor_csv_row *row, void *user)
{
    struct bad_seen *b = user;
    for (size_t i = 0; i < row->nbad && b->n < 16; i++, b->n++) {
        b->row[b->n] = row->index;
        b->line[b->n] = row->bad[i].line;
        b->col[b->n] = row->bad[i].col;
        b->cp[b->n] = row->bad[i].cp;
        snprintf(b->what[b->n], sizeof b->what[0], "%s", row->bad[i].what);
    }
    b->rows++;
    return COR_OK;
}

struct bad_expect {
    size_t row;
    unsigned long line, col;
    const char *what;
    unsigned long cp;
};

static void check_bad_all_chunkings(const char *input, size_t len, const struct bad_expect *ex,
                                    size_t n, size_t nrows)
{
    for (size_t chunk = 1; chunk <= len + 1; chunk++) {
        struct bad_seen b;
        memset(&b, 0, sizeof b);
        struct cor_csv_reader *r = cor_csv_reader_new("t.csv", collect_bad, &b);
        assert_non_null(r);
        enum cor_status st = COR_OK;
        for (size_t at = 0; at < len && st == COR_OK; at += chunk)
            st = cor_csv_reader_feed(r, input + at, len - at < chunk ? len - at : chunk, NULL);
        if (st == COR_OK)
            st = cor_csv_reader_finish(r, NULL);
        cor_csv_reader_free(r);
        assert_int_equal(st, COR_OK);
        assert_int_equal(b.rows, nrows);
        assert_int_equal(b.n, n);
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(b.row[i], ex[i].row);
            assert_int_equal(b.line[i], ex[i].line);
            assert_int_equal(b.col[i], ex[i].col);
            assert_string_equal(b.what[i], ex[i].what);
            assert_int_equal(b.cp[i], ex[i].cp);
        }
    }
}

static void test_csvread_bad_text_located(void **state)
{
    (void)state;
    /* valid: a 4-byte character (U+1F600), a tab, a quoted line break */
    const char ok[] = "a,b\n\xF0\x9F\x98\x80" "x,\"t\tu\nv\"\n";
    check_bad_all_chunkings(ok, sizeof ok - 1, NULL, 0, 2);
    /* (a byte that cannot start a character takes no column, as in the
     * column count of valid text)
     * row 2: a lone continuation byte (col 3), in the next field a NUL (col 6),
     *        in the third a lone continuation byte (col 10);
     * row 3: a sequence cut short by the comma (col 1), an overlong "/" (col 3),
     *        then ESC inside a quoted field on its second line;
     * row 4: a surrogate (ED A0 80), and a sequence cut short by the end */
    const char in[] = "h1,h2,h3\n"
                      "ab\x80" "c,d\0e,f\x80\n"
                      "\xE2\x82" ",\xC0\xAF" ",\"x\ny\x1B" "\"\n"
                      "\xED\xA0\x80" ",ok,z\xE2\x82";
    const struct bad_expect ex[] = {
        {2, 2, 3, "invalid UTF-8", 0}, {2, 2, 6, "NUL byte", 0}, {2, 2, 10, "invalid UTF-8", 0},
        {3, 3, 1, "invalid UTF-8", 0}, {3, 3, 3, "invalid UTF-8", 0},
        {3, 4, 2, "control character", 0x1B},
        {4, 5, 1, "invalid UTF-8", 0}, {4, 5, 7, "invalid UTF-8", 0},
    };
    check_bad_all_chunkings(in, sizeof in - 1, ex, sizeof ex / sizeof *ex, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csvread_plain_rows),
        cmocka_unit_test(test_csvread_quotes_and_multiline),
        cmocka_unit_test(test_csvread_bom_and_utf8_columns),
        cmocka_unit_test(test_csvread_empty_and_header_only),
        cmocka_unit_test(test_csvread_ragged_rows_and_row_ends),
        cmocka_unit_test(test_csvread_syntax_errors_located),
        cmocka_unit_test(test_csvread_row_width_trailing_delimiter),
        cmocka_unit_test(test_csvread_other_delimiter_after_quote),
        cmocka_unit_test(test_csvread_file_and_missing_file),
        cmocka_unit_test(test_csvread_callback_status_stops),
        cmocka_unit_test(test_csvread_bad_text_located),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
