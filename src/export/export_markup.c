/* Table writers for documents and programs: LaTeX (booktabs), HTML, JSON. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "corridor/export.h"
#include "corridor/num.h"
#include "export_internal.h"

/* ---- LaTeX ---------------------------------------------------------------- */

static void latex_text(const char *s, FILE *out)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': case '%': case '$': case '#': case '_': case '{': case '}':
            fputc('\\', out);
            fputc(*s, out);
            break;
        case '~': fputs("\\textasciitilde{}", out); break;
        case '<': fputs("\\textless{}", out); break;
        case '>': fputs("\\textgreater{}", out); break;
        case '|': fputs("\\textbar{}", out); break;
        case '^': fputs("\\textasciicircum{}", out); break;
        case '\\': fputs("\\textbackslash{}", out); break;
        case '\r': break;
        case '\n': fputc(' ', out); break;
        default: fputc(*s, out);
        }
    }
}

void cor_export_latex(const struct cor_table *t, FILE *out)
{
    size_t nc = cor_table_cols(t), nr = cor_table_rows(t);
    char buf[1024];
    fputs("% needs \\usepackage{booktabs}\n\\begin{table}[htbp]\n\\centering\n\\caption{", out);
    latex_text(cor_table_title(t), out);
    fputs("}\n\\begin{tabular}{", out);
    for (size_t c = 0; c < nc; c++)
        fputc(cor_table_col_type(t, c) == COR_CELL_NUMBER ? 'r' : 'l', out);
    fputs("}\n\\toprule\n", out);
    for (size_t c = 0; c < nc; c++) {
        cor_export_header(t, c, buf, sizeof buf);
        if (c)
            fputs(" & ", out);
        latex_text(buf, out);
    }
    fputs(" \\\\\n\\midrule\n", out);
    for (size_t r = 0; r < nr; r++) {
        for (size_t c = 0; c < nc; c++) {
            cor_export_cell(t, r, c, 1, buf, sizeof buf);
            if (c)
                fputs(" & ", out);
            latex_text(buf, out);
        }
        fputs(" \\\\\n", out);
    }
    fputs("\\bottomrule\n\\end{tabular}\n", out);
    if (cor_table_note_count(t) || cor_table_source_count(t)) {
        fputs("\\par\\smallskip\\footnotesize\n", out);
        for (size_t i = 0; i < cor_table_note_count(t); i++) {
            latex_text(cor_table_note(t, i), out);
            fputs("\\\\\n", out);
        }
        if (cor_table_source_count(t)) {
            fputs("Sources:", out);
            for (size_t i = 0; i < cor_table_source_count(t); i++) {
                fputc(' ', out);
                latex_text(cor_table_source(t, i), out);
            }
            fputc('\n', out);
        }
    }
    fputs("\\end{table}\n", out);
}

/* ---- HTML ----------------------------------------------------------------- */

/* 1 if s starts with prefix, ASCII letters compared without case (no locale). */
static int starts_nocase(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++) {
        char a = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
        if (a != *prefix)
            return 0;
    }
    return 1;
}

void cor_export_html_escaped(const char *s, FILE *out)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*s, out);
        }
    }
}

int cor_export_url_safe(const char *url)
{
    static const char *const schemes[] = {"http://", "https://", "mailto:"};
    size_t i = 0;
    for (; i < sizeof schemes / sizeof *schemes; i++)
        if (starts_nocase(url, schemes[i]))
            break;
    if (i == sizeof schemes / sizeof *schemes)
        return 0;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= 0x20 || *p == 0x7f || *p == '<' || *p == '>' || *p == '"' || *p == '`')
            return 0;
    return 1;
}

void cor_export_html_link(const char *url, const char *text, FILE *out)
{
    if (!url)
        url = "";
    if (!cor_export_url_safe(url)) {
        cor_export_html_escaped(text ? text : url, out);
        return;
    }
    fputs("<a href=\"", out);
    cor_export_html_escaped(url, out);
    fputs("\">", out);
    cor_export_html_escaped(text ? text : url, out);
    fputs("</a>", out);
}

void cor_export_html(const struct cor_table *t, FILE *out)
{
    size_t nc = cor_table_cols(t), nr = cor_table_rows(t);
    char buf[1024];
    fputs("<table class=\"corridor\">\n<caption>", out);
    cor_export_html_escaped(cor_table_title(t), out);
    fputs("</caption>\n<thead>\n<tr>", out);
    for (size_t c = 0; c < nc; c++) {
        cor_export_header(t, c, buf, sizeof buf);
        fputs("<th scope=\"col\">", out);
        cor_export_html_escaped(buf, out);
        fputs("</th>", out);
    }
    fputs("</tr>\n</thead>\n<tbody>\n", out);
    for (size_t r = 0; r < nr; r++) {
        fputs("<tr>", out);
        for (size_t c = 0; c < nc; c++) {
            cor_export_cell(t, r, c, 1, buf, sizeof buf);
            fputs(cor_table_col_type(t, c) == COR_CELL_NUMBER ? "<td class=\"num\">" : "<td>",
                  out);
            cor_export_html_escaped(buf, out);
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
    for (size_t i = 0; i < cor_table_note_count(t); i++) {
        fputs("<p class=\"note\">", out);
        cor_export_html_escaped(cor_table_note(t, i), out);
        fputs("</p>\n", out);
    }
    if (cor_table_source_count(t)) {
        fputs("<p class=\"source\">Sources:", out);
        for (size_t i = 0; i < cor_table_source_count(t); i++) {
            fputc(' ', out);
            cor_export_html_escaped(cor_table_source(t, i), out);
        }
        fputs("</p>\n", out);
    }
}

/* ---- Markdown prose ------------------------------------------------------- */

void cor_export_md_escaped(const char *s, FILE *out)
{
    for (const char *p = s ? s : ""; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == 0x7f)
            fputc(' ', out);   /* a line break would start a new block */
        else if (c == '<' || c == '>' || c == '&')   /* as entities: every renderer decodes them */
            fputs(c == '<' ? "&lt;" : c == '>' ? "&gt;" : "&amp;", out);
        else if (strchr("\\`*_[]|!#~", c) ||
                 (p == s && strchr("-+=", c) && (!p[1] || p[1] == ' ' || p[1] == c)))
            fprintf(out, "\\%c", c);   /* "- " "+ " a list, "--" "==" a rule or heading */
        else if (p == s && c >= '0' && c <= '9') {
            /* "1. " or "1) " at the start would open a list */
            size_t d = strspn(p, "0123456789");
            fwrite(p, 1, d, out);
            if ((p[d] == '.' || p[d] == ')') && (!p[d + 1] || p[d + 1] == ' '))
                fprintf(out, "\\%c", p[d++]);
            p += d - 1;
        } else
            fputc(c, out);
    }
}

void cor_export_md_link(const char *url, FILE *out)
{
    if (url && cor_export_url_safe(url))
        fprintf(out, "<%s>", url);
    else
        cor_export_md_escaped(url, out);
}

/* ---- JSON ----------------------------------------------------------------- */

static void json_string(const char *s, FILE *out)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\r')
            fputs("\\r", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* A number, or null for NA and for an unbounded end. */
static void json_number(double v, FILE *out)
{
    char buf[40];
    if (!isfinite(v)) {
        fputs("null", out);
        return;
    }
    cor_num_format(v, buf, sizeof buf);
    fputs(buf, out);
}

/* Index of the column called `name` + suffix, or (size_t)-1. */
static size_t find_col(const struct cor_table *t, const char *name, const char *suffix)
{
    size_t len = strlen(name);
    for (size_t c = 0; c < cor_table_cols(t); c++) {
        const char *col = cor_table_col_name(t, c);
        if (strncmp(col, name, len) == 0 && strcmp(col + len, suffix) == 0 &&
            cor_table_col_type(t, c) == COR_CELL_NUMBER)
            return c;
    }
    return (size_t)-1;
}

/* Column c is the _lo or _hi of an interval column (folded into it). */
static int folded(const struct cor_table *t, size_t c)
{
    const char *name = cor_table_col_name(t, c);
    size_t n = strlen(name);
    if (n < 4 || cor_table_col_type(t, c) != COR_CELL_NUMBER)
        return 0;
    if (strcmp(name + n - 3, "_lo") != 0 && strcmp(name + n - 3, "_hi") != 0)
        return 0;
    char base[160];
    snprintf(base, sizeof base, "%.*s", (int)(n - 3), name);
    return find_col(t, base, "") != (size_t)-1 && find_col(t, base, "_lo") != (size_t)-1 &&
           find_col(t, base, "_hi") != (size_t)-1;
}

void cor_export_json(const struct cor_table *t, FILE *out)
{
    size_t nc = cor_table_cols(t), nr = cor_table_rows(t);
    fputs("{\n  \"title\": ", out);
    json_string(cor_table_title(t), out);
    fputs(",\n  \"columns\": [", out);
    for (size_t c = 0; c < nc; c++) {
        fputs(c ? ", {\"name\": " : "{\"name\": ", out);
        json_string(cor_table_col_name(t, c), out);
        fputs(", \"unit\": ", out);
        json_string(cor_table_col_unit(t, c), out);
        fputs("}", out);
    }
    fputs("],\n  \"rows\": [", out);
    for (size_t r = 0; r < nr; r++) {
        fputs(r ? ",\n    {" : "\n    {", out);
        int first = 1;
        for (size_t c = 0; c < nc; c++) {
            if (folded(t, c))
                continue;
            const char *name = cor_table_col_name(t, c);
            fputs(first ? "" : ", ", out);
            first = 0;
            json_string(name, out);
            fputs(": ", out);
            if (cor_table_col_type(t, c) == COR_CELL_TEXT) {
                json_string(cor_table_text(t, r, c), out);
                continue;
            }
            size_t lo = find_col(t, name, "_lo"), hi = find_col(t, name, "_hi");
            if (lo == (size_t)-1 || hi == (size_t)-1) {
                json_number(cor_table_num(t, r, c), out);
                continue;
            }
            fputs("{\"value\": ", out);
            json_number(cor_table_num(t, r, c), out);
            fputs(", \"lo\": ", out);
            json_number(cor_table_num(t, r, lo), out);
            fputs(", \"hi\": ", out);
            json_number(cor_table_num(t, r, hi), out);
            fputs("}", out);
        }
        fputs("}", out);
    }
    fputs(nr ? "\n  ],\n  \"notes\": [" : "],\n  \"notes\": [", out);
    for (size_t i = 0; i < cor_table_note_count(t); i++) {
        fputs(i ? ", " : "", out);
        json_string(cor_table_note(t, i), out);
    }
    fputs("],\n  \"sources\": [", out);
    for (size_t i = 0; i < cor_table_source_count(t); i++) {
        fputs(i ? ", " : "", out);
        json_string(cor_table_source(t, i), out);
    }
    fputs("]\n}\n", out);
}
