#define _POSIX_C_SOURCE 200809L
/* The panel's CSV parse (src/panel/panel_csv.c) is libcsv's, byte for
 * byte: the same fields, records and errors (panel_csv_check.h), in every
 * delimiter, with the input cut in pieces of every size, on the shapes that
 * matter (quotes, doubled quotes, line ends inside quotes, CR, CRLF, blank
 * lines and lines of spaces, spaces and tabs around fields, empty fields,
 * quote errors, a quote never closed, no line end at the end), the
 * loader's every-chunk-size fixtures (tests/unit/test_csvread.c), every
 * panel and import fixture, and the panel's fuzz corpus. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "panel_csv_check.h"
#include "testutil.h"

static const char delims[] = {',', ';', '\t', '|'};

/* every delimiter, every piece size from 1 to n + 1 (to `most`) */
static void check_every_piece(const char *s, size_t n, size_t most)
{
    for (size_t d = 0; d < sizeof delims; d++)
        for (size_t piece = 1; piece <= n + 1 && piece <= most; piece++)
            if (!panel_csv_agrees(s, n, delims[d], piece)) {
                fprintf(stderr, "differs from libcsv (delimiter %d, pieces of %zu): %.*s\n",
                        delims[d], piece, (int)(n < 200 ? n : 200), s);
                fail();
            }
}

static void test_shapes(void **state)
{
    (void)state;
#define CASE(lit) {lit, sizeof lit - 1}
    static const struct {
        const char *s;
        size_t n;
    } cases[] = {
        CASE(""),
        CASE("a"),
        CASE("a,b\n"),
        CASE("a,b"),
        CASE("a,b\r\nc,d\r\n"),
        CASE("a,b\rc,d\r"),
        CASE("\n\r\n\r\r\n"),
        CASE("   \n \t \r\n\t\n"),
        CASE(" a , b \n\tc\t,\td\t\n"),
        CASE("a;b;c\n1;2;3\n"),
        CASE("a\tb\tc\n\t1\t \t\n"),
        CASE("a|b\n|\n||\n"),
        CASE(",\n,,\n , \n"),
        CASE("x,,z\r\n"),
        CASE("\"a\",\"b\"\n"),
        CASE("\"Korea, Rep.\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nx,,z\r\n"),
        CASE("a,\"b\nc\",d\ne,f\n"),
        CASE("a,b\n1,x\"y\n2,3\n"),
        CASE("a,\"b\"c\n"),
        CASE("a,\"open\nstill open\n"),
        CASE("a,\"b\"  ,c\n"),
        CASE("  \"q\"  ,r\n"),
        CASE("\"\"\n\"\"\"\"\n"),
        CASE("a,b\n\""),
        CASE("a,b\nlast, row without a line end "),
        CASE("12345678901234567890,12345678901234567890123,1234567890123456789012345678901\n"
        "abcdefghijklmnopqrstuvwxyz,\"quoted, with a comma, long enough to span blocks\"\n"
        "                                        \n"
        "x                                      ,                                   y\n"),
        CASE("a\0b,c\n\0\n"),
        CASE("\"a\"\"b\",\"\"\"\"\"\",\"x\"\"\"\n\"a\"\" \"\n"),
        CASE("\"x\" ,y\n\"x\"\t,y\n\"x\" \t \r\n\"x\"  \"y\"\n"),
        CASE("\"a\"b,c\n"),
        CASE("\"a\",b\"c\n"),
        CASE("\"a\",\"\"\n,\"\",\n\"\",,\"\"\r\n"),
        CASE("\"line\nbreak\",\"cr\rinside\",\"crlf\r\n\"\"inside\"\"\"\r\nz\n"),
        CASE("  \"lead\"  ;  \"semi;colon\"  ;plain  \n\t\"tab\"\t|\"pipe|\"\n"),
        CASE("a,\"many\",\"quoted\",\"fields\",\"in\",\"one\",\"record\",\"beyond\",\"a\",\"block\"\n"),
        /* the loader's every-chunk-size fixtures (tests/unit/test_csvread.c) */
        CASE("port,teu\nBaku,76775\n"),
        CASE("port,teu\n\n\nBaku,76775"),
        CASE("a,b,c\r\n\"Korea, Rep.\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nx,,z\r\n"),
        CASE("\xEF\xBB\xBFname,v\nT\xC3\xBCrkiye,1\n"),
        CASE("\xEFx,y\n"),
        CASE("a,b,c\n1,2\n3,4,5,6\n"),
        CASE("a,b\n1,x\"y\n"),
        CASE("a,b\n1,2\n3,\"open\nstill open\n"),
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        check_every_piece(cases[i].s, cases[i].n, (size_t)-1);   /* NUL bytes included */
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *b = NULL;
    size_t cap = 0;
    *n = 0;
    for (;;) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 4096;
            char *nb = realloc(b, cap);
            assert_non_null(nb);
            b = nb;
        }
        size_t got = fread(b + *n, 1, cap - *n, f);
        *n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    return b;
}

/* every file of dir (and of its subfolders, one level): every delimiter,
 * pieces of every size to 300 bytes and a few larger ones */
static size_t check_folder(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    size_t files = 0;
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        DIR *sub = depth > 0 ? opendir(path) : NULL;
        if (sub) {
            closedir(sub);
            files += check_folder(path, depth - 1);
            continue;
        }
        size_t n;
        char *s = slurp(path, &n);
        if (!s)
            continue;
        check_every_piece(s, n, 300);
        static const size_t big[] = {511, 1000, 4096, 65536};
        for (size_t dl = 0; dl < sizeof delims; dl++)
            for (size_t b = 0; b < sizeof big / sizeof *big; b++)
                if (!panel_csv_agrees(s, n, delims[dl], big[b])) {
                    fprintf(stderr, "%s differs from libcsv (pieces of %zu)\n", path, big[b]);
                    fail();
                }
        free(s);
        files++;
    }
    closedir(d);
    return files;
}

static void test_fixtures_and_corpus(void **state)
{
    (void)state;
    assert_true(check_folder(COR_TEST_DATA "/panel", 0) >= 10);
    assert_true(check_folder(COR_TEST_DATA "/import", 1) >= 8);
    assert_true(check_folder(COR_TEST_DATA "/../fuzz/corpus/panel", 0) >= 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shapes),
        cmocka_unit_test(test_fixtures_and_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
