/* Input text to plain text: UTF-8 checked, Markdown and HTML reduced, and
 * every byte of the result mapped back to its place in the input. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/utf8.h"
#include "extract_internal.h"

long cor_x_utf8_next(const char *s, size_t len, size_t *i)
{
    uint32_t cp;
    size_t n = cor_utf8_next(s + *i, len - *i, &cp);
    if (cp == COR_UTF8_INVALID)
        return -1;
    *i += n;
    return (long)cp;
}

int cor_x_is_space(long cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000 || cp == 0xFEFF;
}

static int is_dash_cp(long cp)
{
    return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

size_t cor_x_normalise(const char *text, size_t len, char *out, size_t *map, size_t cap)
{
    size_t i = 0, k = 0;
    int pending_space = 0;
    while (i < len && k + 4 < cap) {
        size_t at = i;
        long cp = cor_x_utf8_next(text, len, &i);
        if (cp < 0) {
            i = at + 1;
            cp = 0xFFFD;
        }
        if (cor_x_is_space(cp)) {
            pending_space = k > 0;
            continue;
        }
        if (pending_space) {
            if (map)
                map[k] = at;
            out[k++] = ' ';
            pending_space = 0;
        }
        char c = 0;
        if (cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x2032)
            c = '\'';
        else if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x2033)
            c = '"';
        else if (is_dash_cp(cp))
            c = '-';
        if (c) {
            if (map)
                map[k] = at;
            out[k++] = c;
            continue;
        }
        for (size_t b = at; b < i; b++) {
            if (map)
                map[k] = at;
            out[k++] = text[b];
        }
    }
    out[k] = '\0';
    return k;
}

/* ---- output buffer ------------------------------------------------------- */

static int put(struct cor_extract *ex, const char *s, size_t n, size_t in_off)
{
    if (ex->len + n + 1 > ex->cap) {
        size_t cap = ex->cap ? ex->cap : 4096;
        while (ex->len + n + 1 > cap)
            cap *= 2;
        char *t = realloc(ex->text, cap);
        if (!t)
            return 0;
        ex->text = t;
        size_t *m = realloc(ex->map, cap * sizeof *m);
        if (!m)
            return 0;
        ex->map = m;
        ex->cap = cap;
    }
    for (size_t k = 0; k < n; k++) {
        ex->text[ex->len] = s[k];
        ex->map[ex->len++] = in_off;
    }
    ex->text[ex->len] = '\0';
    return 1;
}

/* Copies input bytes [a, b), each mapped to itself; line breaks as '\n'. */
static int put_span(struct cor_extract *ex, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        char c = ex->in[i];
        if (c == '\r') {
            if (i + 1 < b && ex->in[i + 1] == '\n')
                continue;
            c = '\n';
        }
        if (!put(ex, &c, 1, i))
            return 0;
    }
    return 1;
}

/* ---- positions ----------------------------------------------------------- */

static int index_lines(struct cor_extract *ex)
{
    size_t n = 1;
    for (size_t i = 0; i < ex->in_len; i++)
        n += ex->in[i] == '\n' || (ex->in[i] == '\r' && (i + 1 == ex->in_len || ex->in[i + 1] != '\n'));
    free(ex->lines);
    ex->lines = malloc(n * sizeof *ex->lines);
    if (!ex->lines)
        return 0;
    ex->nlines = 0;
    ex->lines[ex->nlines++] = 0;
    for (size_t i = 0; i < ex->in_len; i++)
        if (ex->in[i] == '\n' ||
            (ex->in[i] == '\r' && (i + 1 == ex->in_len || ex->in[i + 1] != '\n')))
            ex->lines[ex->nlines++] = i + 1;
    return 1;
}

void cor_x_position(const struct cor_extract *ex, size_t in_off, unsigned long *line,
                    unsigned long *col)
{
    size_t lo = 0, hi = ex->nlines;   /* the last line start <= in_off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (ex->lines[mid] <= in_off)
            lo = mid;
        else
            hi = mid;
    }
    unsigned long c = 1;
    for (size_t i = ex->lines[lo]; i < in_off && i < ex->in_len; i++)
        c += ((unsigned char)ex->in[i] & 0xC0) != 0x80;
    *line = (unsigned long)lo + 1;
    *col = c;
}

/* ---- entities ------------------------------------------------------------ */

static const struct {
    const char *name;
    long cp;
} entities[] = {
    {"amp", '&'},     {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
    {"apos", '\''},   {"nbsp", 0xA0},    {"ndash", 0x2013}, {"mdash", 0x2014},
    {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
    {"hellip", 0x2026}, {"euro", 0x20AC}, {"pound", 0xA3},   {"yen", 0xA5},
    {"cent", 0xA2},   {"percnt", '%'},   {"dollar", '$'},   {"minus", 0x2212},
    {"thinsp", 0x2009}, {"ensp", 0x2002}, {"emsp", 0x2003}, {"shy", 0xAD},
    {"times", 0xD7},  {"frac12", 0xBD},  {"frac14", 0xBC},  {"frac34", 0xBE},
};

/* An entity at in[i] ('&'): the code point and its length, or 0. */
static size_t entity_at(const char *s, size_t n, size_t i, long *cp)
{
    size_t j = i + 1;
    if (j < n && s[j] == '#') {
        j++;
        int hex = j < n && (s[j] == 'x' || s[j] == 'X');
        j += (size_t)hex;
        long v = 0;
        size_t d = 0;
        while (j < n && d < 7 && (hex ? isxdigit((unsigned char)s[j]) : isdigit((unsigned char)s[j]))) {
            int x = isdigit((unsigned char)s[j]) ? s[j] - '0' : (tolower((unsigned char)s[j]) - 'a' + 10);
            v = v * (hex ? 16 : 10) + x;
            j++, d++;
        }
        if (d == 0 || j >= n || s[j] != ';' || v <= 0 || v > 0x10FFFF ||
            (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        *cp = v;
        return j + 1 - i;
    }
    for (size_t e = 0; e < sizeof entities / sizeof *entities; e++) {
        size_t len = strlen(entities[e].name);
        if (j + len < n && memcmp(s + j, entities[e].name, len) == 0 && s[j + len] == ';') {
            *cp = entities[e].cp;
            return len + 2;
        }
    }
    return 0;
}

/* Writes the entity at in[i] if it is one; returns the input bytes used (0 if not one). */
static size_t put_entity(struct cor_extract *ex, size_t i, int *ok)
{
    long cp;
    size_t used = entity_at(ex->in, ex->in_len, i, &cp);
    if (used) {
        char buf[4];
        if (cp == 0xAD)
            return used;   /* a soft hyphen is not text */
        *ok = put(ex, buf, cor_utf8_encode((uint32_t)cp, buf), i);
    }
    return used;
}

/* ---- HTML ---------------------------------------------------------------- */

static int name_in(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(name, *list) == 0)
            return 1;
    return 0;
}

static const char *const html_blocks[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "title", "pre", "hr", "dd", "dt",
    "dl", "figcaption", "figure", "main", "nav", "aside", "caption", "thead", "tbody",
    "body", "head", "html", "address", NULL};
static const char *const html_skipped[] = {"script", "style", "noscript", "template", NULL};

/* The end of the tag that starts at s[i] ('<'): the index after '>', or n. */
static size_t tag_end(const char *s, size_t n, size_t i)
{
    char quote = 0;
    for (size_t j = i + 1; j < n; j++) {
        if (quote) {
            if (s[j] == quote)
                quote = 0;
        } else if (s[j] == '"' || s[j] == '\'')
            quote = s[j];
        else if (s[j] == '>')
            return j + 1;
    }
    return n;
}

/* A tag at s[i] ('<'): its lower-case name (closing: *closing = 1); 0 if s[i]
 * does not start a tag. */
static int tag_name(const char *s, size_t n, size_t i, char *name, size_t cap, int *closing)
{
    size_t j = i + 1, k = 0;
    *closing = j < n && s[j] == '/';
    j += (size_t)*closing;
    if (j >= n || !isalpha((unsigned char)s[j]))
        return 0;
    while (j < n && isalnum((unsigned char)s[j]) && k + 1 < cap)
        name[k++] = (char)tolower((unsigned char)s[j++]);
    name[k] = '\0';
    return 1;
}

/* Skips to after "</name ...>" from i; n if absent. */
static size_t skip_element(const char *s, size_t n, size_t i, const char *name)
{
    size_t len = strlen(name);
    for (size_t j = i; j + 2 + len <= n; j++)
        if (s[j] == '<' && s[j + 1] == '/') {
            size_t k = 0;
            while (k < len && tolower((unsigned char)s[j + 2 + k]) == name[k])
                k++;
            if (k == len)
                return tag_end(s, n, j);
        }
    return n;
}

/* Handles a tag or comment at in[i] ('<'); returns the input bytes used (0: a plain '<'). */
static size_t html_tag(struct cor_extract *ex, size_t i, int *ok)
{
    const char *s = ex->in;
    size_t n = ex->in_len;
    if (i + 3 < n && memcmp(s + i, "<!--", 4) == 0) {
        const char *e = NULL;
        for (size_t j = i + 4; j + 3 <= n && !e; j++)
            if (memcmp(s + j, "-->", 3) == 0)
                e = s + j + 3;
        return (e ? (size_t)(e - s) : n) - i;
    }
    if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?'))
        return tag_end(s, n, i) - i;
    char name[16];
    int closing;
    if (!tag_name(s, n, i, name, sizeof name, &closing))
        return 0;
    size_t end = tag_end(s, n, i);
    if (!closing && name_in(name, html_skipped))
        return skip_element(s, n, end, name) - i;
    if (name_in(name, html_blocks))
        *ok = put(ex, "\n\n", 2, i);
    else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
        *ok = put(ex, closing ? " " : " | ", closing ? 1 : 3, i);
    else if (strcmp(name, "br") == 0)
        *ok = put(ex, "\n", 1, i);
    return end - i;
}

static int reduce_html(struct cor_extract *ex, size_t start)
{
    int ok = 1;
    size_t i = start;
    while (i < ex->in_len && ok) {
        char c = ex->in[i];
        size_t used = 0;
        if (c == '<')
            used = html_tag(ex, i, &ok);
        else if (c == '&')
            used = put_entity(ex, i, &ok);
        if (used) {
            i += used;
            continue;
        }
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';   /* layout: the structure comes from the tags */
        ok = put(ex, &c, 1, i);
        i++;
    }
    return ok;
}

/* ---- Markdown ------------------------------------------------------------ */

static int is_word_byte(char c)
{
    return isalnum((unsigned char)c) || ((unsigned char)c & 0x80);
}

/* A table separator line: only | - : and spaces, with a '-'. */
static int table_rule(const char *s, size_t n)
{
    int dash = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '-')
            dash = 1;
        else if (!strchr("|: \t", s[i]))
            return 0;
    }
    return dash && memchr(s, '|', n) != NULL;
}

/* Inline Markdown of in[a, b): emphasis markers, code ticks and link
 * targets dropped, tags stripped, entities decoded. */
static int md_inline(struct cor_extract *ex, size_t a, size_t b)
{
    const char *s = ex->in;
    int ok = 1;
    size_t i = a;
    while (i < b && ok) {
        char c = s[i];
        if (c == '\\' && i + 1 < b && ispunct((unsigned char)s[i + 1])) {
            ok = put(ex, s + i + 1, 1, i + 1);
            i += 2;
        } else if (c == '`') {
            i++;
        } else if (c == '*' || c == '_' || c == '~') {
            size_t j = i;
            while (j < b && s[j] == c)
                j++;
            int before = i > a && is_word_byte(s[i - 1]);
            int after = j < b && is_word_byte(s[j]);
            int spaced_before = i == a || s[i - 1] == ' ' || s[i - 1] == '\t';
            int spaced_after = j == b || s[j] == ' ' || s[j] == '\t';
            int marker = (c == '_') ? !(before && after) && (before || after)
                                    : !(spaced_before && spaced_after);
            if (c == '~' && j - i < 2)
                marker = 0;
            if (!marker)
                ok = put_span(ex, i, j);
            i = j;
        } else if (c == ']' && i + 1 < b && s[i + 1] == '(') {
            size_t j = i + 2;   /* drop the link target */
            while (j < b && s[j] != ')')
                j++;
            i = j < b ? j + 1 : b;
        } else if (c == ']' && i + 1 < b && s[i + 1] == '[') {
            size_t j = i + 2;
            while (j < b && s[j] != ']')
                j++;
            i = j < b ? j + 1 : b;
        } else if (c == '!' && i + 1 < b && s[i + 1] == '[') {
            i++;
        } else if (c == '[') {
            i++;
        } else if (c == '<') {
            size_t used = html_tag(ex, i, &ok);
            if (!used && i + 1 < b && (s[i + 1] == 'h' || s[i + 1] == 'm')) {
                size_t j = i + 1;   /* an autolink <https://...> */
                while (j < b && s[j] != '>' && s[j] != ' ')
                    j++;
                if (j < b && s[j] == '>') {
                    ok = put_span(ex, i + 1, j);
                    used = j + 1 - i;
                }
            }
            if (!used)
                ok = put(ex, "<", 1, i), used = 1;
            i += used;
        } else if (c == '&') {
            size_t used = put_entity(ex, i, &ok);
            if (!used)
                ok = put(ex, "&", 1, i), used = 1;
            i += used;
        } else {
            ok = put_span(ex, i, i + 1);
            i++;
        }
    }
    return ok;
}

static int reduce_markdown(struct cor_extract *ex, size_t start)
{
    const char *s = ex->in;
    size_t n = ex->in_len, i = start;
    int code = 0, ok = 1;
    while (i < n && ok) {
        size_t e = i;
        while (e < n && s[e] != '\n' && s[e] != '\r')
            e++;
        size_t next = e < n && s[e] == '\r' && e + 1 < n && s[e + 1] == '\n' ? e + 2
                      : e < n                                              ? e + 1
                                                                           : e;
        size_t a = i;
        while (a < e && a - i < 3 && s[a] == ' ')
            a++;
        if (e - a >= 3 && (memcmp(s + a, "```", 3) == 0 || memcmp(s + a, "~~~", 3) == 0)) {
            code = !code;
            ok = put(ex, "\n", 1, e < n ? e : (n ? n - 1 : 0));
            i = next;
            continue;
        }
        if (code) {
            ok = put_span(ex, i, e) && put(ex, "\n", 1, e < n ? e : n - 1);
            i = next;
            continue;
        }
        if (table_rule(s + a, e - a)) {
            ok = put(ex, "\n", 1, a);
            i = next;
            continue;
        }
        int heading = 0;
        while (a < e && s[a] == '>') {          /* block quotes */
            a++;
            while (a < e && s[a] == ' ')
                a++;
        }
        if (a < e && s[a] == '#') {
            size_t h = a;
            while (h < e && s[h] == '#')
                h++;
            if (h - a <= 6 && (h == e || s[h] == ' ')) {
                heading = 1;
                a = h;
                while (a < e && s[a] == ' ')
                    a++;
                while (e > a && (s[e - 1] == '#' || s[e - 1] == ' '))
                    e--;
            }
        }
        if (heading)
            ok = put(ex, "\n", 1, a);
        ok = ok && md_inline(ex, a, e);
        if (ok)
            ok = put(ex, heading ? "\n\n" : "\n", heading ? 2 : 1, e < n ? e : (n ? n - 1 : 0));
        i = next;
    }
    return ok;
}

/* ---- the reduction ------------------------------------------------------- */

enum cor_status cor_x_reduce(struct cor_extract *ex, const char *path, enum cor_text_format fmt,
                             struct cor_error *err)
{
    if (!index_lines(ex))
        return cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
    size_t i = 0;
    while (i < ex->in_len) {
        size_t at = i;
        long cp = cor_x_utf8_next(ex->in, ex->in_len, &i);
        if (cp <= 0) {
            unsigned long line, col;
            cor_x_position(ex, at, &line, &col);
            if (cp == 0)
                return cor_error_set(err, COR_EPARSE, path, line, col,
                                     "a NUL byte: this is not a text file");
            return cor_error_set(err, COR_EPARSE, path, line, col,
                                 "byte 0x%02X is not UTF-8 (save the text as UTF-8)",
                                 (unsigned)(unsigned char)ex->in[at]);
        }
    }
    size_t start = ex->in_len >= 3 && memcmp(ex->in, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    ex->len = 0;
    if (!put(ex, "", 0, 0))
        return cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
    if (fmt == COR_TEXT_AUTO)
        fmt = cor_extract_guess_format(NULL, ex->in + start, ex->in_len - start);
    int ok = fmt == COR_TEXT_HTML       ? reduce_html(ex, start)
             : fmt == COR_TEXT_MARKDOWN ? reduce_markdown(ex, start)
                                        : put_span(ex, start, ex->in_len);
    if (!ok)
        return cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
    return COR_OK;
}

static int ends_with(const char *path, const char *suffix)
{
    size_t n = strlen(path), k = strlen(suffix);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (tolower((unsigned char)path[n - k + i]) != suffix[i])
            return 0;
    return 1;
}

enum cor_text_format cor_extract_guess_format(const char *path, const char *text, size_t len)
{
    if (path && (ends_with(path, ".md") || ends_with(path, ".markdown")))
        return COR_TEXT_MARKDOWN;
    if (path && (ends_with(path, ".html") || ends_with(path, ".htm") ||
                 ends_with(path, ".xhtml")))
        return COR_TEXT_HTML;
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && isspace((unsigned char)text[i]))
        i++;
    if (i < len && text[i] == '<' && i + 1 < len &&
        (isalpha((unsigned char)text[i + 1]) || text[i + 1] == '!'))
        return COR_TEXT_HTML;
    return COR_TEXT_PLAIN;
}
