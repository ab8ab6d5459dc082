/* Reading options: field separator, number style, the words for "no figure". */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "corridor/dataset.h"
#include "corridor/names.h"
#include "corridor/num.h"

void cor_read_opts_init(struct cor_read_opts *o)
{
    o->delimiter = ',';
    o->decimal = '.';
    o->thousands = 0;
    o->na = NULL;
}

const char *cor_read_delimiter_name(char delimiter)
{
    switch (delimiter) {
    case ',': return "','";
    case ';': return "';'";
    case '\t': return "tab";
    case '|': return "'|'";
    default: return "?";
    }
}

enum cor_status cor_read_opts_check(const struct cor_read_opts *o, struct cor_error *err)
{
    if (!o->delimiter || !strchr(",;\t|", o->delimiter))
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                             "the delimiter must be ',', ';', tab or '|'");
    if (o->decimal != '.' && o->decimal != ',')
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0, "the decimal mark must be '.' or ','");
    if (o->thousands && !strchr(",. ", o->thousands))
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                             "the thousands mark must be ',', '.' or a space");
    if (o->thousands == o->decimal)
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                             "the decimal and thousands marks must differ");
    return COR_OK;
}

void cor_read_trim(const char **s, size_t *len)
{
    while (*len && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*len)--;
    }
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
}

int cor_read_same_nocase(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen)
        return 0;
    for (size_t i = 0; i < alen; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return 0;
    }
    return 1;
}

int cor_read_is_na(const struct cor_read_opts *o, const char *s, size_t len)
{
    if (len == 0)
        return 1;
    const char *w = o && o->na ? o->na : COR_NA_WORDS;
    while (*w) {
        size_t wl = strcspn(w, ",");
        const char *word = w;
        size_t wlen = wl;
        cor_read_trim(&word, &wlen);
        if (wlen && cor_read_same_nocase(s, len, word, wlen))
            return 1;
        w += wl;
        if (*w == ',')
            w++;
    }
    return 0;
}

enum cor_status cor_read_number(const struct cor_read_opts *o, const char *s, size_t len,
                                double *out, int *decimals)
{
    return cor_num_parse_style(s, len, o ? o->decimal : '.', o ? o->thousands : 0, out,
                               decimals);
}

const char *cor_read_number_hint(const struct cor_read_opts *o, const char *s, size_t len)
{
    struct cor_read_opts plain;
    if (!o) {
        cor_read_opts_init(&plain);
        o = &plain;
    }
    const char *comma = NULL, *dot = NULL;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ',')
            comma = s + i;
        else if (s[i] == '.')
            dot = s + i;
    }
    if (comma && dot) {
        /* both marks: the last one is the decimal mark, the other groups thousands */
        char decimal = comma > dot ? ',' : '.', thousands = comma > dot ? '.' : ',';
        if (o->decimal == decimal && o->thousands == thousands)
            return "";
        return decimal == ','
                   ? " (written with a decimal comma and '.' between thousands: read it with "
                     "--decimal , --thousands .)"
                   : " (written with a decimal point and ',' between thousands: read it with "
                     "--decimal . --thousands ,)";
    }
    if (comma && o->decimal != ',' && o->thousands != ',')
        return " (read a decimal comma with --decimal , or grouped digits with --thousands ,)";
    if (dot && o->decimal == ',' && o->thousands != '.')
        return " (with --decimal , a '.' is only read as a grouping mark with --thousands .)";
    if (memchr(s, ' ', len) && o->thousands != ' ')
        return " (read digits grouped by spaces with --thousands ' ')";
    return "";
}

char cor_read_other_delimiter(const struct cor_read_opts *o, const char *field, size_t len)
{
    static const char candidates[] = {';', '\t', '|', ','};
    char used = o ? o->delimiter : ',';
    char best = 0;
    size_t best_n = 0;
    for (size_t c = 0; c < sizeof candidates; c++) {
        if (candidates[c] == used)
            continue;
        size_t n = 0;
        for (size_t i = 0; i < len; i++)
            n += field[i] == candidates[c];
        if (n > best_n) {
            best = candidates[c];
            best_n = n;
        }
    }
    return best;
}

enum cor_status cor_read_period(const char *s, size_t len, struct cor_period *p)
{
    enum cor_status st = cor_period_parse(s, len, p);
    if (st == COR_OK || len < 6 || !memchr(s, '.', len))
        return st;
    double v;
    char year[16];
    if (cor_num_parse(s, len, &v, NULL) != COR_OK || v != floor(v) || v < 1 || v > 9999)
        return st;
    snprintf(year, sizeof year, "%d", (int)v);
    return cor_period_parse(year, strlen(year), p);
}

int cor_read_delimiter_hint(const struct cor_read_opts *o, const char *field, size_t len,
                            char *buf, size_t n)
{
    char other = cor_read_other_delimiter(o, field, len);
    if (!other)
        return 0;
    snprintf(buf, n,
             "looks %s-separated (read as %s-separated it is one field): read the file with "
             "--delimiter %s",
             cor_read_delimiter_name(other), cor_read_delimiter_name(o ? o->delimiter : ','),
             other == '\t' ? "tab" : cor_read_delimiter_name(other));
    return 1;
}
