/* Table writers: text and CSV. */
#include "corridor/export.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/names.h"
#include "corridor/num.h"
#include "export_internal.h"

int cor_format_lookup(const char *name)
{
    if (cor_word_eq(name, strlen(name), "markdown"))
        return COR_FMT_MARKDOWN;
    for (int f = 0; f < COR_FMT_COUNT; f++)
        if (cor_word_eq(name, strlen(name), cor_format_name((enum cor_format)f)))
            return f;
    return -1;
}

const char *cor_format_name(enum cor_format f)
{
    static const char *const names[COR_FMT_COUNT] = {"text", "csv",   "tsv", "md",
                                                     "latex", "html", "json"};
    return (unsigned)f < COR_FMT_COUNT ? names[f] : "?";
}

void cor_export_cell(const struct cor_table *t, size_t r, size_t c, int human, char *buf,
                     size_t n)
{
    if (cor_table_col_type(t, c) == COR_CELL_TEXT) {
        snprintf(buf, n, "%s", cor_table_text(t, r, c));
        return;
    }
    double v = cor_table_num(t, r, c);
    int dec = cor_table_col_decimals(t, c);
    if (human && dec >= 0 && isfinite(v))
        cor_num_format_fixed(v, dec, buf, n);
    else if (human)
        cor_num_format_sig(v, 15, buf, n);
    else
        cor_num_format(v, buf, n);
}

/* Display width: UTF-8 code points. */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

void cor_export_header(const struct cor_table *t, size_t c, char *buf, size_t n)
{
    const char *unit = cor_table_col_unit(t, c);
    if (*unit)
        snprintf(buf, n, "%s (%s)", cor_table_col_name(t, c), unit);
    else
        snprintf(buf, n, "%s", cor_table_col_name(t, c));
}

/* Appends one aligned cell to line; numbers right-aligned. */
static void put_cell(char *line, size_t n, const char *text, size_t w, int right, int first)
{
    size_t used = strlen(line), pad = w - width(text);
    snprintf(line + used, n - used, "%s%*s%s%*s", first ? "" : "  ", right ? (int)pad : 0, "",
             text, right ? 0 : (int)pad, "");
}

static void put_line(char *line, FILE *out)
{
    size_t len = strlen(line);
    while (len && line[len - 1] == ' ')
        len--;   /* no trailing blanks */
    fprintf(out, "%.*s\n", (int)len, line);
    line[0] = '\0';
}

static void write_text(const struct cor_table *t, FILE *out)
{
    size_t nc = cor_table_cols(t), nr = cor_table_rows(t);
    size_t *w = calloc(nc ? nc : 1, sizeof *w);
    char buf[1024];
    size_t line_cap = 1;
    if (!w)
        return;
    for (size_t c = 0; c < nc; c++) {
        cor_export_header(t, c, buf, sizeof buf);
        w[c] = width(buf);
        for (size_t r = 0; r < nr; r++) {
            cor_export_cell(t, r, c, 1, buf, sizeof buf);
            if (width(buf) > w[c])
                w[c] = width(buf);
        }
        line_cap += w[c] * 4 + 2;   /* UTF-8: up to 4 bytes a character */
    }
    char *line = calloc(line_cap + sizeof buf, 1);
    if (!line) {
        free(w);
        return;
    }
    fprintf(out, "%s\n\n", cor_table_title(t));
    for (size_t c = 0; c < nc; c++) {
        cor_export_header(t, c, buf, sizeof buf);
        put_cell(line, line_cap + sizeof buf, buf, w[c],
                 cor_table_col_type(t, c) == COR_CELL_NUMBER, c == 0);
    }
    put_line(line, out);
    for (size_t r = 0; r < nr; r++) {
        for (size_t c = 0; c < nc; c++) {
            cor_export_cell(t, r, c, 1, buf, sizeof buf);
            put_cell(line, line_cap + sizeof buf, buf, w[c],
                     cor_table_col_type(t, c) == COR_CELL_NUMBER, c == 0);
        }
        put_line(line, out);
    }
    for (size_t i = 0; i < cor_table_note_count(t); i++)
        fprintf(out, "%s%s\n", i == 0 ? "\n" : "", cor_table_note(t, i));
    if (cor_table_source_count(t)) {
        fputs("Sources:", out);
        for (size_t i = 0; i < cor_table_source_count(t); i++)
            fprintf(out, " %s", cor_table_source(t, i));
        fputc('\n', out);
    }
    free(line);
    free(w);
}

/* RFC 4180: quote a field that holds a comma, quote, CR or LF; double quotes. */
static void csv_field(const char *s, FILE *out)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* CSV and TSV: a header of column names, then every cell with every digit. */
static void write_delimited(const struct cor_table *t, char sep, const char *eol,
                            void (*field)(const char *, FILE *), FILE *out)
{
    size_t nc = cor_table_cols(t), nr = cor_table_rows(t);
    char buf[1024];
    for (size_t c = 0; c < nc; c++) {
        if (c)
            fputc(sep, out);
        field(cor_table_col_name(t, c), out);
    }
    fputs(eol, out);
    for (size_t r = 0; r < nr; r++) {
        for (size_t c = 0; c < nc; c++) {
            if (c)
                fputc(sep, out);
            if (cor_table_col_type(t, c) == COR_CELL_TEXT) {
                field(cor_table_text(t, r, c), out);   /* whole, however long */
                continue;
            }
            cor_export_cell(t, r, c, 0, buf, sizeof buf);
            field(buf, out);
        }
        fputs(eol, out);
    }
}

/* TSV: a tab, CR or LF inside a cell becomes a space. */
static void tsv_field(const char *s, FILE *out)
{
    for (; *s; s++)
        fputc(*s == '\t' || *s == '\r' || *s == '\n' ? ' ' : *s, out);
}

/* Markdown cell text: '|' and the characters that start markup (\ ` * _ [ ] < >)
 * backslash-escaped, line breaks as spaces; returns its width. */
static size_t md_escape(const char *s, char *buf, size_t n)
{
    size_t k = 0;
    for (; *s && k + 3 < n; s++) {
        if (strchr("|\\`*_[]<>", *s))
            buf[k++] = '\\';
        buf[k++] = *s == '\r' || *s == '\n' ? ' ' : *s;
    }
    buf[k] = '\0';
    return width(buf);
}

static void write_markdown(const struct cor_table *t, FILE *out)
{
    size_t nc = cor_table_cols(t), nr = cor_table_rows(t);
    size_t *w = calloc(nc ? nc : 1, sizeof *w);
    char raw[1024], buf[2100];
    if (!w)
        return;
    for (size_t c = 0; c < nc; c++) {
        cor_export_header(t, c, raw, sizeof raw);
        w[c] = md_escape(raw, buf, sizeof buf);
        if (w[c] < 3)
            w[c] = 3;
        for (size_t r = 0; r < nr; r++) {
            cor_export_cell(t, r, c, 1, raw, sizeof raw);
            size_t cw = md_escape(raw, buf, sizeof buf);
            if (cw > w[c])
                w[c] = cw;
        }
    }
    fprintf(out, "**%s**\n\n", cor_table_title(t));
    for (int part = 0; part < 2; part++) {
        fputc('|', out);
        for (size_t c = 0; c < nc; c++) {
            int right = cor_table_col_type(t, c) == COR_CELL_NUMBER;
            if (part == 0) {
                cor_export_header(t, c, raw, sizeof raw);
                size_t cw = md_escape(raw, buf, sizeof buf);
                fprintf(out, " %*s%s%*s |", right ? (int)(w[c] - cw) : 0, "", buf,
                        right ? 0 : (int)(w[c] - cw), "");
            } else {
                fputc(' ', out);
                for (size_t k = 0; k + 1 < w[c]; k++)
                    fputc('-', out);
                fprintf(out, "%c |", right ? ':' : '-');
            }
        }
        fputc('\n', out);
    }
    for (size_t r = 0; r < nr; r++) {
        fputc('|', out);
        for (size_t c = 0; c < nc; c++) {
            int right = cor_table_col_type(t, c) == COR_CELL_NUMBER;
            cor_export_cell(t, r, c, 1, raw, sizeof raw);
            size_t cw = md_escape(raw, buf, sizeof buf);
            fprintf(out, " %*s%s%*s |", right ? (int)(w[c] - cw) : 0, "", buf,
                    right ? 0 : (int)(w[c] - cw), "");
        }
        fputc('\n', out);
    }
    for (size_t i = 0; i < cor_table_note_count(t); i++)
        fprintf(out, "%s%s\n", i == 0 ? "\n" : "", cor_table_note(t, i));
    if (cor_table_source_count(t)) {
        fputs("\nSources:", out);
        for (size_t i = 0; i < cor_table_source_count(t); i++)
            fprintf(out, " %s", cor_table_source(t, i));
        fputc('\n', out);
    }
    free(w);
}

enum cor_status cor_export_table(const struct cor_table *t, enum cor_format f, FILE *out)
{
    switch (f) {
    case COR_FMT_TEXT: write_text(t, out); break;
    case COR_FMT_CSV: write_delimited(t, ',', "\r\n", csv_field, out); break;
    case COR_FMT_TSV: write_delimited(t, '\t', "\n", tsv_field, out); break;
    case COR_FMT_MARKDOWN: write_markdown(t, out); break;
    case COR_FMT_LATEX: cor_export_latex(t, out); break;
    case COR_FMT_HTML: cor_export_html(t, out); break;
    case COR_FMT_JSON: cor_export_json(t, out); break;
    default: return COR_EINVAL;
    }
    return ferror(out) ? COR_EIO : COR_OK;
}
