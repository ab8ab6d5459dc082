/* Table writers: text, CSV, TSV and Markdown, and the Markdown escaping. */
#include "corridor/export.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/names.h"
#include "corridor/num.h"
#include "corridor/utf8.h"
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

const char *cor_export_cell(const struct cor_table *t, size_t r, size_t c, int human, char *buf,
                            size_t n)
{
    if (cor_table_col_type(t, c) == COR_CELL_TEXT)
        return cor_table_text(t, r, c);
    double v = cor_table_num(t, r, c);
    int dec = cor_table_col_decimals(t, c);
    if (human && dec >= 0 && isfinite(v))
        cor_num_format_fixed(v, dec, buf, n);
    else if (human)
        cor_num_format_sig(v, 15, buf, n);
    else
        cor_num_format(v, buf, n);
    return buf;
}

char *cor_export_header(const struct cor_table *t, size_t c)
{
    const char *name = cor_table_col_name(t, c), *unit = cor_table_col_unit(t, c);
    size_t n = strlen(name) + strlen(unit) + 4;
    char *h = malloc(n);
    if (h)
        snprintf(h, n, *unit ? "%s (%s)" : "%s", name, unit);
    return h;
}

static const char replacement[] = "\xEF\xBF\xBD";   /* U+FFFD */

/* Text for a terminal: invalid UTF-8 and control characters (an escape
 * sequence would command the terminal) as U+FFFD, tabs and line breaks as
 * spaces. Writes it when out is not NULL; returns its width (characters). */
static size_t term_text(const char *s, FILE *out)
{
    size_t n = strlen(s), w = 0;
    for (size_t i = 0, k; i < n; i += k, w++) {
        uint32_t cp;
        k = cor_utf8_next(s + i, n - i, &cp);
        if (!out)
            continue;
        if (cp == COR_UTF8_INVALID || cor_utf8_is_control(cp))
            fputs(replacement, out);
        else if (cp == '\t' || cp == '\n' || cp == '\r')
            fputc(' ', out);
        else
            fwrite(s + i, 1, k, out);
    }
    return w;
}

/* One line of aligned cells: blanks are held back until text follows, so
 * that no line ends in blanks. */
struct line {
    FILE *out;
    size_t blanks;
};

static void line_text(struct line *L, const char *s, size_t w)
{
    if (!w)
        return;
    fprintf(L->out, "%*s", (int)L->blanks, "");
    L->blanks = 0;
    term_text(s, L->out);
}

static void line_cell(struct line *L, const char *s, size_t width, int right, int first)
{
    size_t w = term_text(s, NULL);
    L->blanks += first ? 0 : 2;
    if (right)
        L->blanks += width - w;
    line_text(L, s, w);
    if (!right)
        L->blanks += width - w;
}

static void line_end(struct line *L)
{
    L->blanks = 0;
    fputc('\n', L->out);
}

/* How the text table writes the numbers of a column without fixed decimals:
 * one notation for the whole column, so that 0.000045016 never stands under
 * 142.09 as 4.5016e-05. */
enum notation {
    NOTE_COLUMN,   /* the column's own decimals (or a text column) */
    NOTE_PLAIN,    /* positional: 142.091499347, 0.000045016 */
    NOTE_SCI       /* every number as d.ddde+XX: some are too large or too small */
};

/* Positional notation at most 15 significant digits can read back as,
 * where 1e-6 <= |v| < 1e15 (or v is 0); 0 if v is outside that range. */
static int plain_ok(double v)
{
    double a = fabs(v);
    return !isfinite(v) || a == 0 || (a >= 1e-6 && a < 1e15);
}

static enum notation column_notation(const struct cor_table *t, size_t c)
{
    if (cor_table_col_type(t, c) != COR_CELL_NUMBER || cor_table_col_decimals(t, c) >= 0)
        return NOTE_COLUMN;
    for (size_t r = 0; r < cor_table_rows(t); r++)
        if (!plain_ok(cor_table_num(t, r, c)))
            return NOTE_SCI;
    return NOTE_PLAIN;
}

/* Drops trailing zeros after a decimal point (and the point). */
static void trim_zeros(char *buf)
{
    if (!strchr(buf, '.'))
        return;
    size_t n = strlen(buf);
    while (n && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n && buf[n - 1] == '.')
        buf[--n] = '\0';
}

/* v with at most 15 significant digits in the column's notation. */
static const char *text_number(double v, enum notation how, char *buf, size_t n)
{
    if (!isfinite(v) || v == 0) {
        cor_num_format_sig(v, 15, buf, n);
        return buf;
    }
    int e = (int)floor(log10(fabs(v)));
    if (how == NOTE_PLAIN) {
        int dec = 14 - e;
        cor_num_format_fixed(v, dec < 0 ? 0 : dec > 17 ? 17 : dec, buf, n);
        trim_zeros(buf);
        return buf;
    }
    /* mantissa and exponent: v = m 10^e with 1 <= |m| < 10 */
    char m[40];
    cor_num_format_fixed(v / pow(10, e), 14, m, sizeof m);
    if (strncmp(m + (m[0] == '-'), "10", 2) == 0 && m[2 + (m[0] == '-')] == '.') {
        e++;   /* 9.99999999999999995 rounded up to 10 */
        cor_num_format_fixed(v / pow(10, e), 14, m, sizeof m);
    }
    trim_zeros(m);
    snprintf(buf, n, "%se%s%02d", m, e < 0 ? "-" : "+", e < 0 ? -e : e);
    return buf;
}

/* A cell as the text table shows it. */
static const char *text_cell(const struct cor_table *t, size_t r, size_t c, enum notation how,
                             char *buf, size_t n)
{
    if (how == NOTE_COLUMN)
        return cor_export_cell(t, r, c, 1, buf, n);
    return text_number(cor_table_num(t, r, c), how, buf, n);
}

static enum cor_status write_text(const struct cor_table *t, FILE *out)
{
    enum cor_status st = COR_ENOMEM;
    size_t nc = cor_table_cols(t), nr = cor_table_rows(t);
    size_t *w = calloc(nc ? nc : 1, sizeof *w);
    char **head = calloc(nc ? nc : 1, sizeof *head);
    enum notation *how = calloc(nc ? nc : 1, sizeof *how);
    char buf[64];
    if (!w || !head || !how)
        goto out;
    for (size_t c = 0; c < nc; c++) {
        if (!(head[c] = cor_export_header(t, c)))
            goto out;
        how[c] = column_notation(t, c);
        w[c] = term_text(head[c], NULL);
        for (size_t r = 0; r < nr; r++) {
            size_t cw = term_text(text_cell(t, r, c, how[c], buf, sizeof buf), NULL);
            if (cw > w[c])
                w[c] = cw;
        }
    }
    term_text(cor_table_title(t), out);
    fputs("\n\n", out);
    struct line L = {out, 0};
    for (size_t c = 0; c < nc; c++)
        line_cell(&L, head[c], w[c], cor_table_col_type(t, c) == COR_CELL_NUMBER, c == 0);
    line_end(&L);
    for (size_t r = 0; r < nr; r++) {
        for (size_t c = 0; c < nc; c++)
            line_cell(&L, text_cell(t, r, c, how[c], buf, sizeof buf), w[c],
                      cor_table_col_type(t, c) == COR_CELL_NUMBER, c == 0);
        line_end(&L);
    }
    for (size_t i = 0; i < cor_table_note_count(t); i++) {
        fputs(i == 0 ? "\n" : "", out);
        term_text(cor_table_note(t, i), out);
        fputc('\n', out);
    }
    if (cor_table_source_count(t)) {
        fputs("Sources:", out);
        for (size_t i = 0; i < cor_table_source_count(t); i++) {
            fputc(' ', out);
            term_text(cor_table_source(t, i), out);
        }
        fputc('\n', out);
    }
    st = COR_OK;
out:
    for (size_t c = 0; head && c < nc; c++)
        free(head[c]);
    free(head);
    free(how);
    free(w);
    return st;
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
    char buf[64];
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
            field(cor_export_cell(t, r, c, 0, buf, sizeof buf), out);
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

/* ---- Markdown --------------------------------------------------------------
 * Escapes that CommonMark, GitHub and Python-Markdown all read back as the
 * character: a backslash before \ ` * _ [ ] # ! (Python-Markdown knows few
 * backslash escapes), entities for & < > ~ (so that no HTML or
 * strikethrough forms), \| in a table cell; in prose, a backslash before a
 * leading - or + or the . or ) after leading digits (no list). */

static size_t md_put(FILE *out, const char *s, size_t n)
{
    if (out)
        fwrite(s, 1, n, out);
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

size_t cor_export_md_text(const char *s, int cell, FILE *out)
{
    size_t n = strlen(s), w = 0;
    int lead = 0;   /* 0: nothing written yet; 1: only digits so far; 2: more */
    for (size_t i = 0, k; i < n; i += k) {
        uint32_t cp;
        k = cor_utf8_next(s + i, n - i, &cp);
        char esc[2] = {'\\', (char)cp};
        if (cp == COR_UTF8_INVALID)
            w += md_put(out, replacement, 3);
        else if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
            if (lead)   /* leading blanks would indent a code block */
                w += md_put(out, " ", 1);
            continue;
        } else if (cor_utf8_is_control(cp))
            continue;
        else if (cp == '&')
            w += md_put(out, "&amp;", 5);
        else if (cp == '<')
            w += md_put(out, "&lt;", 4);
        else if (cp == '>')
            w += md_put(out, "&gt;", 4);
        else if (cp == '~')
            w += md_put(out, "&#126;", 6);
        else if ((cp < 0x80 && strchr("\\`*_[]#!", (int)cp)) || (cp == '|' && cell) ||
                 (!cell && lead == 0 && (cp == '-' || cp == '+')) ||
                 (!cell && lead == 1 && (cp == '.' || cp == ')')))
            w += md_put(out, esc, 2);
        else
            w += md_put(out, s + i, k);
        lead = cp >= '0' && cp <= '9' && lead < 2 ? 1 : 2;
    }
    return w;
}

void cor_export_md_escaped(const char *s, FILE *out)
{
    cor_export_md_text(s ? s : "", 0, out);
}

void cor_export_md_link(const char *url, const char *text, FILE *out)
{
    if (!url)
        url = "";
    if (!cor_export_url_allowed(url)) {
        cor_export_md_escaped(text ? text : url, out);
        return;
    }
    fputc('[', out);
    cor_export_md_escaped(text ? text : url, out);
    fprintf(out, "](<%s>)", url);   /* allowed: no space, < > \ or line break */
}

/* A cell padded to width w (numbers right-aligned). */
static void md_cell(const char *s, size_t w, int right, FILE *out)
{
    size_t cw = cor_export_md_text(s, 1, NULL);
    fprintf(out, " %*s", right ? (int)(w - cw) : 0, "");
    cor_export_md_text(s, 1, out);
    fprintf(out, "%*s |", right ? 0 : (int)(w - cw), "");
}

static enum cor_status write_markdown(const struct cor_table *t, FILE *out)
{
    enum cor_status st = COR_ENOMEM;
    size_t nc = cor_table_cols(t), nr = cor_table_rows(t);
    size_t *w = calloc(nc ? nc : 1, sizeof *w);
    char **head = calloc(nc ? nc : 1, sizeof *head);
    char buf[64];
    if (!w || !head)
        goto out;
    for (size_t c = 0; c < nc; c++) {
        if (!(head[c] = cor_export_header(t, c)))
            goto out;
        w[c] = cor_export_md_text(head[c], 1, NULL);
        if (w[c] < 3)
            w[c] = 3;
        for (size_t r = 0; r < nr; r++) {
            size_t cw = cor_export_md_text(cor_export_cell(t, r, c, 1, buf, sizeof buf), 1, NULL);
            if (cw > w[c])
                w[c] = cw;
        }
    }
    if (cor_export_md_text(cor_table_title(t), 0, NULL)) {
        fputs("**", out);
        cor_export_md_text(cor_table_title(t), 0, out);
        fputs("**\n\n", out);
    }
    fputc('|', out);
    for (size_t c = 0; c < nc; c++)
        md_cell(head[c], w[c], cor_table_col_type(t, c) == COR_CELL_NUMBER, out);
    fputs("\n|", out);
    for (size_t c = 0; c < nc; c++) {
        fputc(' ', out);
        for (size_t k = 0; k + 1 < w[c]; k++)
            fputc('-', out);
        fprintf(out, "%c |", cor_table_col_type(t, c) == COR_CELL_NUMBER ? ':' : '-');
    }
    fputc('\n', out);
    for (size_t r = 0; r < nr; r++) {
        fputc('|', out);
        for (size_t c = 0; c < nc; c++)
            md_cell(cor_export_cell(t, r, c, 1, buf, sizeof buf), w[c],
                    cor_table_col_type(t, c) == COR_CELL_NUMBER, out);
        fputc('\n', out);
    }
    for (size_t i = 0; i < cor_table_note_count(t); i++) {
        fputs(i == 0 ? "\n" : "", out);
        cor_export_md_text(cor_table_note(t, i), 0, out);
        fputc('\n', out);
    }
    if (cor_table_source_count(t)) {
        fputs("\nSources:", out);
        for (size_t i = 0; i < cor_table_source_count(t); i++) {
            fputc(' ', out);
            cor_export_md_text(cor_table_source(t, i), 0, out);
        }
        fputc('\n', out);
    }
    st = COR_OK;
out:
    for (size_t c = 0; head && c < nc; c++)
        free(head[c]);
    free(head);
    free(w);
    return st;
}

enum cor_status cor_export_table(const struct cor_table *t, enum cor_format f, FILE *out)
{
    enum cor_status st = COR_OK;
    switch (f) {
    case COR_FMT_TEXT: st = write_text(t, out); break;
    case COR_FMT_CSV: write_delimited(t, ',', "\r\n", csv_field, out); break;
    case COR_FMT_TSV: write_delimited(t, '\t', "\n", tsv_field, out); break;
    case COR_FMT_MARKDOWN: st = write_markdown(t, out); break;
    case COR_FMT_LATEX: cor_export_latex(t, out); break;
    case COR_FMT_HTML: cor_export_html(t, out); break;
    case COR_FMT_JSON: cor_export_json(t, out); break;
    default: return COR_EINVAL;
    }
    return st != COR_OK ? st : ferror(out) ? COR_EIO : COR_OK;
}
