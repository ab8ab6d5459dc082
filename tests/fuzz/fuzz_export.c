/* libFuzzer target: the writers, on any bytes (the loader refuses invalid
 * text; a library user may not). The input, cut at its first NUL, is used
 * as a title, a cell, a unit, a note and a source of a table written in
 * every format, and given to the escaping functions:
 * - JSON, HTML, Markdown and text output are valid UTF-8; the JSON text
 *   and the HTML hold no raw '<' from the data;
 * - Markdown prose holds no line break and no unescaped [ ] < or `;
 * - an HTML link is made only for an allowed URL, and only for http:,
 *   https: and mailto: ones;
 * - a gnuplot label, read back as gnuplot 5.4 reads single-quoted strings
 *   joined by .sprintf('%c',39)., gives the label with control characters
 *   as spaces and invalid UTF-8 as U+FFFD. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "corridor.h"
#include "fuzzutil.h"

typedef void (*writer)(const char *s, FILE *out);

static char *capture(writer w, const char *s, size_t *n)
{
    char *buf = NULL;
    FILE *out = open_memstream(&buf, n);
    FUZZ_CHECK(out != NULL);
    w(s, out);
    fclose(out);
    return buf;
}

static void md_link(const char *s, FILE *out)
{
    cor_export_md_link(s, "x", out);
}

static void html_link(const char *s, FILE *out)
{
    cor_export_html_link(s, "x", out);
}

static void table(const char *s)
{
    struct cor_table *t = cor_table_new(s);
    FUZZ_CHECK(t != NULL);
    cor_table_add_col(t, s, s, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "v", s, COR_CELL_NUMBER, 2);
    cor_table_add_row(t);
    cor_table_set_text(t, 0, s);
    cor_table_set_num(t, 1, (double)strlen(s));
    cor_table_add_note(t, "%s", s);
    cor_table_add_source(t, s);
    fuzz_write_formats(t);
    cor_table_free(t);
}

/* gnuplot 5.4's reading of '...'.sprintf('%c',39).'...': the strings
 * joined; -1 if it is not that shape. */
static long read_gnuplot(const char *q, char *out)
{
    static const char join[] = ".sprintf('%c',39).";
    size_t k = 0;
    for (;;) {
        if (*q++ != '\'')
            return -1;
        while (*q && *q != '\'')
            out[k++] = *q++;   /* no '' pairs inside: they are never written */
        if (*q++ != '\'')
            return -1;
        if (!*q)
            return (long)k;
        if (strncmp(q, join, sizeof join - 1) != 0)
            return -1;
        out[k++] = '\'';
        q += sizeof join - 1;
    }
}

static void gnuplot_label(const char *s)
{
    size_t n = strlen(s);
    char *q = malloc(23 * n + 3), *got = malloc(23 * n + 3), *want = malloc(3 * n + 1);
    FUZZ_CHECK(q && got && want);
    q[0] = '\'';
    cor_chart_quote(s, q + 1, 23 * n + 1);
    strcat(q, "'");
    long len = read_gnuplot(q, got);
    FUZZ_CHECK(len >= 0);
    size_t w = 0;
    for (size_t i = 0, k; i < n; i += k) {
        uint32_t cp;
        k = cor_utf8_next(s + i, n - i, &cp);
        if (cp == COR_UTF8_INVALID) {
            memcpy(want + w, "\xEF\xBF\xBD", 3);
            w += 3;
        } else if (cp < 0x20 || cor_utf8_is_control(cp))
            want[w++] = ' ';
        else {
            memcpy(want + w, s + i, k);
            w += k;
        }
    }
    FUZZ_CHECK((size_t)len == w && memcmp(got, want, w) == 0);
    free(q);
    free(got);
    free(want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    char *s = malloc(len + 1);
    FUZZ_CHECK(s != NULL);
    memcpy(s, data, len);
    s[len] = '\0';   /* C text ends at the first NUL */
    size_t n;
    table(s);

    char *h = capture(cor_export_html_escaped, s, &n);
    FUZZ_CHECK(fuzz_valid_utf8(h, n) && !memchr(h, '<', n) && !memchr(h, '"', n));
    free(h);

    char *m = capture(cor_export_md_escaped, s, &n);
    FUZZ_CHECK(fuzz_valid_utf8(m, n) && !memchr(m, '\n', n) && !memchr(m, '\r', n) &&
               !memchr(m, '<', n));
    for (size_t i = 0; i < n; i++)
        if (strchr("[]`*_", m[i]) && m[i])
            FUZZ_CHECK(i > 0 && m[i - 1] == '\\');
    free(m);

    int allowed = cor_export_url_allowed(s);
    if (allowed)
        FUZZ_CHECK(strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0 ||
                   strncasecmp(s, "mailto:", 7) == 0);
    h = capture(html_link, s, &n);
    FUZZ_CHECK((strstr(h, "<a href=") != NULL) == allowed);
    free(h);
    m = capture(md_link, s, &n);
    FUZZ_CHECK((strstr(m, "](<") != NULL) == allowed);
    free(m);

    gnuplot_label(s);
    free(s);
    return 0;
}
