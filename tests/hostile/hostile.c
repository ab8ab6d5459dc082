/* Renders a hostile corpus through the library's writers directly (the
 * loader refuses invalid UTF-8 and control characters, the writers must be
 * safe anyway): a table in every format, Markdown prose, HTML and Markdown
 * links, and gnuplot charts. tests/check_hostile.sh checks the results with
 * real parsers. Usage: hostile_render DIR CANARY_PREFIX
 * Writes DIR/corpus.bin (the strings, NUL-separated) and DIR/urls.bin so
 * that the checker works from the same strings. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corridor.h"

static char *corpus[64];
static size_t ncorpus;

static void add_raw(const char *s)
{
    corpus[ncorpus++] = strdup(s);
}

static void add(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void add(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    add_raw(buf);
}

static const char *const urls[] = {
    "http://example.org/a?b=1&c=2",
    "HTTPS://Example.org/Path",
    "mailto:someone@example.org",
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript&#58;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example.org/",
    "relative/page.html",
    "http://example.org/\"onmouseover=\"alert(1)",
    "https://example.org/<script>",
    "http://example.org/a b",
    "http://example.org/\x1b[31m",
    "https://example.org/\xff",
    "https:",
    "",
};

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(2);
    }
    return f;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: hostile_render DIR CANARY_PREFIX\n");
        return 2;
    }
    const char *dir = argv[1], *c = argv[2];
    /* gnuplot: backquotes, system(), a line break and !, quote runs, the
     * datablock end marker, macros */
    add("`touch %s.backquote`", c);
    add("system(\"touch %s.system\")", c);
    add("x\n!touch %s.bang", c);
    add_raw("'");
    add_raw("''");
    add_raw("'''a");
    add_raw("a''b");
    add_raw("it's");
    add("x'; system('touch %s.quote'); '", c);
    add_raw("EOD");
    add("\nEOD\n!touch %s.eod\n", c);
    add_raw("@outfile");
    add("@x; print \"%s.macro\"", c);
    /* HTML and Markdown */
    add_raw("<script>alert(1)</script>");
    add_raw("<img src=x onerror=alert(1)>");
    add_raw("javascript:alert(1)");
    add_raw("[click](javascript:alert(1))");
    add_raw("![x](javascript:alert(1))");
    add_raw("<http://evil.example.org>");
    add_raw("# heading");
    add_raw("- item");
    add_raw("+ item");
    add_raw("1. one");
    add_raw("2024) two");
    add_raw("    indented code");
    add_raw("***");
    add_raw("---");
    add_raw("> quote");
    add_raw("**bold** _em_ `code` ~~strike~~");
    add_raw("&lt;entity&gt; &amp; &#60;script&#62;");
    add_raw("a|b|c");
    add_raw("| --- |");
    add_raw("back\\slash \\* \\");
    add_raw("line1  \nline2\r\nline3");
    /* LaTeX */
    add("\\write18{touch %s.write18}", c);
    add_raw("\\input{/etc/passwd} \\def\\x{y}");
    add_raw("$x^2$ & % # _ { } ~ ^ \\ < >");
    add_raw("[0.5, 1.5]");
    add("^^5cwrite18{touch %s.caret}", c);
    /* control characters and invalid UTF-8 */
    add_raw("bell\a esc\x1b[31m red\x7f del \xc2\x9b csi\tTab\x0c ff");
    add_raw("bad\xff\xfe bytes \xe2\x82 cut \xed\xa0\x80 surrogate \xc0\xaf overlong \xf4\x90\x80\x80");
    add_raw("T\xc3\xbcrkiye \xe2\x80\x99 \xe2\x82\xac");

    FILE *f = open_out(dir, "corpus.bin");
    for (size_t i = 0; i < ncorpus; i++)
        fwrite(corpus[i], 1, strlen(corpus[i]) + 1, f);
    fclose(f);
    f = open_out(dir, "urls.bin");
    for (size_t i = 0; i < sizeof urls / sizeof *urls; i++)
        fwrite(urls[i], 1, strlen(urls[i]) + 1, f);
    fclose(f);

    /* a table: title, a text column with a hostile unit, one row per
     * string, a number column, every string as a note and a source */
    struct cor_table *t = cor_table_new(corpus[13]);
    cor_table_add_col(t, "n", NULL, COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "text", "<b>u|n`i*t</b>", COR_CELL_TEXT, -1);
    for (size_t i = 0; i < ncorpus; i++) {
        cor_table_add_row(t);
        cor_table_set_num(t, 0, (double)i);
        cor_table_set_text(t, 1, corpus[i]);
        cor_table_add_note(t, "%s", corpus[i]);
        cor_table_add_source(t, corpus[i]);
    }
    static const char *const ext[COR_FMT_COUNT] = {"txt", "csv", "tsv", "md", "tex", "html", "json"};
    for (int fmt = 0; fmt < COR_FMT_COUNT; fmt++) {
        char name[32];
        snprintf(name, sizeof name, "table.%s", ext[fmt]);
        f = open_out(dir, name);
        if (cor_export_table(t, (enum cor_format)fmt, f) != COR_OK)
            return 1;
        fclose(f);
    }
    cor_table_free(t);

    /* Markdown prose: each string as a heading and as a block quote */
    f = open_out(dir, "prose.md");
    for (size_t i = 0; i < ncorpus; i++) {
        fputs("## ", f);
        cor_export_md_escaped(corpus[i], f);
        fputs("\n\n> ", f);
        cor_export_md_escaped(corpus[i], f);
        fputs("\n\n", f);
    }
    fclose(f);

    /* links: one paragraph each */
    FILE *h = open_out(dir, "links.html"), *m = open_out(dir, "links.md");
    for (size_t i = 0; i < sizeof urls / sizeof *urls; i++) {
        char label[32];
        snprintf(label, sizeof label, "link %zu", i);
        fputs("<p>", h);
        cor_export_html_link(urls[i], label, h);
        fputs("</p>\n", h);
        cor_export_md_link(urls[i], label, m);
        fputs("\n\n", m);
    }
    fclose(h);
    fclose(m);

    /* charts: every string as a series label, the title, a threshold label
     * and a category */
    struct cor_chart_point pts[2] = {{2020, 1, NAN, NAN, COR_MARK_ACTUAL},
                                     {2021, 2, NAN, NAN, COR_MARK_ESTIMATE}};
    struct cor_chart_series series[64];
    struct cor_chart_threshold thr[64];
    for (size_t i = 0; i < ncorpus; i++) {
        series[i] = (struct cor_chart_series){corpus[i], pts, 2};
        thr[i] = (struct cor_chart_threshold){1.5, corpus[i]};
    }
    struct cor_chart ch = {COR_CHART_LINE, corpus[0], corpus[3], corpus[5], corpus[11],
                           series, ncorpus, NULL, 0, thr, ncorpus, 1600, 1200};
    struct cor_error err = {0};
    f = open_out(dir, "line.gp");
    if (cor_chart_write(&ch, COR_TERM_SVG, "line.svg", f, &err) != COR_OK)
        return 1;
    fclose(f);
    struct cor_chart_point bars[64];
    for (size_t i = 0; i < ncorpus; i++)
        bars[i] = (struct cor_chart_point){(double)i, (double)i + 1, NAN, NAN, COR_MARK_ACTUAL};
    struct cor_chart_series one = {corpus[6], bars, ncorpus};
    struct cor_chart bar = {COR_CHART_BAR, corpus[4], corpus[7], corpus[8], corpus[10], &one, 1,
                            (const char *const *)corpus, ncorpus, NULL, 0, 1600, 1200};
    f = open_out(dir, "bar.gp");
    if (cor_chart_write(&bar, COR_TERM_SVG, "bar.svg", f, &err) != COR_OK)
        return 1;
    fclose(f);
    for (size_t i = 0; i < ncorpus; i++)
        free(corpus[i]);
    return 0;
}
