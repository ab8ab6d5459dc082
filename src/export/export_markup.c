/* Table writers for documents and programs: LaTeX (booktabs), HTML, JSON. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/export.h"
#include "corridor/num.h"
#include "corridor/utf8.h"
#include "export_internal.h"

/* ---- LaTeX ---------------------------------------------------------------- */

/* LaTeX text: the special characters escaped; [ and ] braced (after \\ a
 * row starting with [ would be read as a length); line breaks and tabs as
 * spaces; control characters dropped (pdflatex refuses them); invalid UTF-8
 * as '?' (inputenc refuses it, and has no U+FFFD). */
static void latex_text(const char *s, FILE *out)
{
    size_t n = strlen(s);
    for (size_t i = 0, k; i < n; i += k) {
        uint32_t cp;
        k = cor_utf8_next(s + i, n - i, &cp);
        switch (cp) {
        case '&': case '%': case '$': case '#': case '_': case '{': case '}':
            fputc('\\', out);
            fputc((int)cp, out);
            break;
        case '[': fputs("{[}", out); break;
        case ']': fputs("{]}", out); break;
        case '~': fputs("\\textasciitilde{}", out); break;
        case '<': fputs("\\textless{}", out); break;
        case '>': fputs("\\textgreater{}", out); break;
        case '|': fputs("\\textbar{}", out); break;
        case '^': fputs("\\textasciicircum{}", out); break;
        case '\\': fputs("\\textbackslash{}", out); break;
        case '\t': case '\r': case '\n': fputc(' ', out); break;
        case COR_UTF8_INVALID: fputc('?', out); break;
        default:
            if (!cor_utf8_is_control(cp))
                fwrite(s + i, 1, k, out);
        }
    }
}

void cor_export_latex(const struct cor_table *t, FILE *out)
{
    size_t nc = cor_table_cols(t), nr = cor_table_rows(t);
    char buf[64];
    fputs("% needs \\usepackage{booktabs}\n\\begin{table}[htbp]\n\\centering\n\\caption{", out);
    latex_text(cor_table_title(t), out);
    fputs("}\n\\begin{tabular}{", out);
    for (size_t c = 0; c < nc; c++)
        fputc(cor_table_col_type(t, c) == COR_CELL_NUMBER ? 'r' : 'l', out);
    fputs("}\n\\toprule\n", out);
    for (size_t c = 0; c < nc; c++) {
        if (c)
            fputs(" & ", out);
        latex_text(cor_table_col_name(t, c), out);
        if (*cor_table_col_unit(t, c)) {
            fputs(" (", out);
            latex_text(cor_table_col_unit(t, c), out);
            fputc(')', out);
        }
    }
    fputs(" \\\\\n\\midrule\n", out);
    for (size_t r = 0; r < nr; r++) {
        for (size_t c = 0; c < nc; c++) {
            if (c)
                fputs(" & ", out);
            latex_text(cor_export_cell(t, r, c, 1, buf, sizeof buf), out);
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

static const char *const url_schemes[] = {"http://", "https://", "mailto:"};

void cor_export_html_escaped(const char *s, FILE *out)
{
    size_t n = strlen(s);
    for (size_t i = 0, k; i < n; i += k) {
        uint32_t cp;
        k = cor_utf8_next(s + i, n - i, &cp);
        switch (cp) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        case COR_UTF8_INVALID: fputs("&#xFFFD;", out); break;
        default:
            if (cor_utf8_is_control(cp))
                fputs("&#xFFFD;", out);
            else
                fwrite(s + i, 1, k, out);
        }
    }
}

int cor_export_url_allowed(const char *url)
{
    int scheme = 0;
    for (size_t i = 0; i < sizeof url_schemes / sizeof *url_schemes && !scheme; i++) {
        size_t len = strlen(url_schemes[i]), j = 0;
        while (j < len && url[j] && (url[j] | 0x20) == url_schemes[i][j])
            j++;
        scheme = j == len;   /* ':' and '/' are unchanged by | 0x20 */
    }
    if (!scheme)
        return 0;
    size_t n = strlen(url);
    for (size_t i = 0, k; i < n; i += k) {
        uint32_t cp;
        k = cor_utf8_next(url + i, n - i, &cp);
        if (cp == COR_UTF8_INVALID || cp <= ' ' || cor_utf8_is_control(cp) ||
            (cp < 0x80 && strchr("<>\"`\\", (int)cp)))
            return 0;
    }
    return 1;
}

void cor_export_html_link(const char *url, const char *text, FILE *out)
{
    if (!url)
        url = "";
    if (!cor_export_url_allowed(url)) {
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
    char buf[64];
    fputs("<table class=\"corridor\">\n<caption>", out);
    cor_export_html_escaped(cor_table_title(t), out);
    fputs("</caption>\n<thead>\n<tr>", out);
    for (size_t c = 0; c < nc; c++) {
        fputs("<th scope=\"col\">", out);
        cor_export_html_escaped(cor_table_col_name(t, c), out);
        if (*cor_table_col_unit(t, c)) {
            fputs(" (", out);
            cor_export_html_escaped(cor_table_col_unit(t, c), out);
            fputc(')', out);
        }
        fputs("</th>", out);
    }
    fputs("</tr>\n</thead>\n<tbody>\n", out);
    for (size_t r = 0; r < nr; r++) {
        fputs("<tr>", out);
        for (size_t c = 0; c < nc; c++) {
            fputs(cor_table_col_type(t, c) == COR_CELL_NUMBER ? "<td class=\"num\">" : "<td>",
                  out);
            cor_export_html_escaped(cor_export_cell(t, r, c, 1, buf, sizeof buf), out);
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

/* ---- JSON ----------------------------------------------------------------- */

/* A JSON string, always valid UTF-8: invalid bytes as \ufffd, control
 * characters (C0, DEL, C1) as \u00XX. */
static void json_string(const char *s, FILE *out)
{
    size_t n = strlen(s);
    fputc('"', out);
    for (size_t i = 0, k; i < n; i += k) {
        uint32_t cp;
        k = cor_utf8_next(s + i, n - i, &cp);
        if (cp == '"' || cp == '\\')
            fprintf(out, "\\%c", (int)cp);
        else if (cp == '\n')
            fputs("\\n", out);
        else if (cp == '\r')
            fputs("\\r", out);
        else if (cp == '\t')
            fputs("\\t", out);
        else if (cp == COR_UTF8_INVALID)
            fputs("\\ufffd", out);
        else if (cor_utf8_is_control(cp))
            fprintf(out, "\\u%04x", (unsigned)cp);
        else
            fwrite(s + i, 1, k, out);
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
            if (cor_table_col_is_bound(t, c))
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
            size_t lo, hi;
            if (!cor_table_col_interval(t, c, &lo, &hi)) {
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
