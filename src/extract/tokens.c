/* The tokenizer: sentences of the reduced text, and the tokens of one
 * sentence (numbers, words, symbols, dashes, punctuation, quotes). */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/num.h"
#include "extract_internal.h"

/* ---- sentences ----------------------------------------------------------- */

/* Words after which a '.' does not end a sentence. */
static const char *const abbreviations[] = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "adm", "sen", "rep",
    "gov", "pres", "st", "vs", "inc", "ltd", "co", "corp", "jr", "sr", "approx", "est", "fig",
    "al", "govt", "dept", "eg", "ie", "cf", "ca", "vol", "pp", NULL};

static int is_abbreviation(const char *t, size_t dot)
{
    size_t a = dot;
    while (a > 0 && isalpha((unsigned char)t[a - 1]))
        a--;
    size_t n = dot - a;
    if (n == 0)
        return 0;
    if (n == 1)   /* an initial: J. Smith, U.S. (not the s of 1990s) */
        return isupper((unsigned char)t[a]) && (a == 0 || !isalnum((unsigned char)t[a - 1]));
    if (a > 0 && t[a - 1] == '.')
        return 1;   /* e.g., i.e. */
    if (n > 5)
        return 0;
    char w[8];
    for (size_t k = 0; k < n; k++)
        w[k] = (char)tolower((unsigned char)t[a + k]);
    w[n] = '\0';
    if (strcmp(w, "no") == 0) {   /* No. 5 */
        size_t j = dot + 1;
        while (t[j] == ' ')
            j++;
        return isdigit((unsigned char)t[j]);
    }
    for (const char *const *p = abbreviations; *p; p++)
        if (strcmp(w, *p) == 0)
            return 1;
    return 0;
}

/* Skips white space (including no-break and thin spaces) from i. */
static size_t skip_space(const char *t, size_t len, size_t i, int stop_at_newline)
{
    while (i < len) {
        size_t j = i;
        long cp = cor_x_utf8_next(t, len, &j);
        if (cp < 0 || !cor_x_is_space(cp) || (stop_at_newline && cp == '\n'))
            break;
        i = j;
    }
    return i;
}

static int starts_block_marker(const char *t, size_t len, size_t i)
{
    if (i >= len)
        return 0;
    if (strchr("-*+#>|", t[i]) && (i + 1 >= len || t[i + 1] == ' ' || t[i] == '|' || t[i] == '#'))
        return 1;
    if (i + 2 < len && memcmp(t + i, "\xE2\x80\xA2", 3) == 0)   /* a bullet */
        return 1;
    size_t j = i;
    while (j < len && isdigit((unsigned char)t[j]))
        j++;
    return j > i && j + 1 < len && (t[j] == '.' || t[j] == ')') && t[j + 1] == ' ';
}

/* Does the line break at t[nl] end a sentence? The line before starts at a. */
static int break_ends_sentence(const char *t, size_t len, size_t a, size_t nl)
{
    size_t next = skip_space(t, len, nl + 1, 1);
    if (next >= len || t[next] == '\n')
        return 1;                        /* a blank line */
    if (starts_block_marker(t, len, next))
        return 1;
    unsigned char c = (unsigned char)t[next];
    if (islower(c) || isdigit(c) || c == '$' || c == '(' || c == '%')
        return 0;                        /* the sentence goes on */
    size_t e = nl;
    while (e > a && (t[e - 1] == ' ' || t[e - 1] == '\t' || (unsigned char)t[e - 1] >= 0x80))
        e--;                             /* trailing spaces (and no-break spaces) */
    size_t chars = 0;
    for (size_t k = a; k < e; k++)
        chars += ((unsigned char)t[k] & 0xC0) != 0x80;
    if (chars < 40 || e == a)
        return 1;                        /* a short line: a title or a heading */
    if (t[e - 1] == ',')
        return 0;
    size_t w = e;
    while (w > a && isalpha((unsigned char)t[w - 1]))
        w--;
    return !(w < e && islower((unsigned char)t[w]));   /* hard-wrapped after a lower-case word */
}

static enum cor_status add_sentence(struct cor_extract *ex, size_t a, size_t b)
{
    const char *t = ex->text;
    for (;;) {   /* leading space, bullets and table bars */
        size_t s = skip_space(t, b, a, 0);
        if (s < b && (t[s] == '|' || ((t[s] == '-' || t[s] == '*' || t[s] == '+') && s + 1 < b &&
                                      t[s + 1] == ' ')))
            a = s + 1;
        else if (s + 2 < b && memcmp(t + s, "\xE2\x80\xA2", 3) == 0)
            a = s + 3;
        else {
            a = s;
            break;
        }
    }
    while (b > a) {   /* trailing space */
        size_t k = b - 1;
        while (k > a && ((unsigned char)t[k] & 0xC0) == 0x80)
            k--;
        size_t j = k;
        long cp = cor_x_utf8_next(t, b, &j);
        if (cp < 0 || !cor_x_is_space(cp))
            break;
        b = k;
    }
    if (b <= a)
        return COR_OK;
    struct cor_sentence *all = cor_x_grow(ex->sent, &ex->sent_cap, ex->nsent, sizeof *all);
    if (!all)
        return COR_ENOMEM;
    ex->sent = all;
    struct cor_sentence *s = &ex->sent[ex->nsent++];
    s->start = a;
    s->end = b;
    cor_x_position(ex, ex->map[a], &s->line, &s->col);
    return COR_OK;
}

enum cor_status cor_x_sentences(struct cor_extract *ex)
{
    const char *t = ex->text;
    size_t len = ex->len, a = 0, line = 0;
    ex->nsent = 0;
    for (size_t i = 0; i < len; i++) {
        char c = t[i];
        size_t cut = 0, resume = 0;
        if (c == '\n') {
            if (break_ends_sentence(t, len, line, i))
                cut = i, resume = i + 1;
            line = i + 1;
        } else if (c == '|') {
            cut = i, resume = i + 1;
        } else if (c == '.' || c == '!' || c == '?') {
            size_t j = i + 1;
            while (j < len && (t[j] == '"' || t[j] == '\'' || t[j] == ')' || t[j] == ']' ||
                               (j + 2 < len && (memcmp(t + j, "\xE2\x80\x9D", 3) == 0 ||
                                                memcmp(t + j, "\xE2\x80\x99", 3) == 0)))) {
                j += (unsigned char)t[j] >= 0x80 ? 3 : 1;
            }
            size_t k = skip_space(t, len, j, 0);
            int spaced = k > j || j == len;
            unsigned char n = k < len ? (unsigned char)t[k] : 0;
            int starts = k >= len || isupper(n) || isdigit(n) || n == '"' || n == '(' ||
                         n == '[' || n == '$' || n >= 0x80;
            if (spaced && starts && !(c == '.' && is_abbreviation(t, i)))
                cut = j, resume = j;
        }
        if (resume) {
            enum cor_status st = add_sentence(ex, a, cut);
            if (st != COR_OK)
                return st;
            a = resume;
            i = resume - 1;
            if (c != '\n' && c != '|')
                continue;
        }
    }
    return add_sentence(ex, a, len);
}

/* ---- tokens -------------------------------------------------------------- */

static int push(struct cor_extract *ex, const struct tok *t)
{
    struct tok *all = cor_x_grow(ex->toks, &ex->toks_cap, ex->ntoks, sizeof *all);
    if (!all)
        return 0;
    ex->toks = all;
    ex->toks[ex->ntoks++] = *t;
    return 1;
}

/* Only white space and bullets between the start of the line and t[i]. */
static int at_line_start(const char *t, size_t i)
{
    while (i > 0) {
        unsigned char c = (unsigned char)t[i - 1];
        if (c == '\n')
            return 1;
        if (c == ' ' || c == '\t' || c == '-' || c == '*' || c == '+' || c == '#' || c == '>' ||
            c == '|' || c >= 0x80)
            i--;
        else
            return 0;
    }
    return 1;
}

static int is_letter_cp(long cp)
{
    if (cp < 0x80)
        return isalpha((int)cp);
    if (cor_x_is_space(cp) || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF))
        return 0;   /* spaces, punctuation, currency signs */
    return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7;
}

static int symbol_of(long cp)
{
    switch (cp) {
    case '$': return SYM_DOLLAR;
    case 0x20AC: return SYM_EURO;
    case 0xA3: return SYM_POUND;
    case 0x20BC: return SYM_MANAT;
    case 0x20BD: return SYM_RUBLE;
    case 0x20BA: return SYM_LIRA;
    case 0x20AA: return SYM_SHEKEL;
    case 0x20B9: return SYM_RUPEE;
    case 0xA5: return SYM_YEN;
    case '%': return SYM_PERCENT;
    case '/': return SYM_SLASH;
    case ':': return SYM_COLON;
    case '@': return SYM_AT;
    case '#': return SYM_HASH;
    case '+': return SYM_PLUS;
    case '&': return SYM_AMP;
    default: return -1;
    }
}

/* Reads a number at t[i]: digits, groups of three after ',' or a no-break or
 * thin space, a decimal part. */
static size_t read_number(const char *t, size_t end, size_t i, struct tok *k)
{
    char buf[48];
    size_t n = 0, j = i;
    int first = 0;
    while (j < end && isdigit((unsigned char)t[j])) {
        if (n < 40)
            buf[n++] = t[j];
        j++, first++;
    }
    k->digits = first;
    for (;;) {   /* thousands separators: exactly three digits after each */
        size_t sep = 0;
        if (j < end && t[j] == ',')
            sep = 1;
        else if (j + 1 < end && memcmp(t + j, "\xC2\xA0", 2) == 0)
            sep = 2;
        else if (j + 2 < end && (memcmp(t + j, "\xE2\x80\xAF", 3) == 0 ||
                                 memcmp(t + j, "\xE2\x80\x89", 3) == 0))
            sep = 3;
        if (!sep || first > 3 || j + sep + 3 > end)
            break;
        size_t d = j + sep;
        if (!isdigit((unsigned char)t[d]) || !isdigit((unsigned char)t[d + 1]) ||
            !isdigit((unsigned char)t[d + 2]) || (d + 3 < end && isdigit((unsigned char)t[d + 3])))
            break;
        for (int q = 0; q < 3; q++)
            if (n < 40)
                buf[n++] = t[d + (size_t)q];
        k->digits += 3;
        k->grouped = 1;
        j = d + 3;
    }
    k->decimals = 0;
    if (j + 1 < end && t[j] == '.' && isdigit((unsigned char)t[j + 1])) {
        if (n < 40)
            buf[n++] = '.';
        j++;
        while (j < end && isdigit((unsigned char)t[j])) {
            if (n < 40)
                buf[n++] = t[j];
            j++, k->decimals++;
        }
    }
    k->v = (double)NAN;
    if (n < 40 && k->digits <= 30)
        cor_num_parse(buf, n, &k->v, NULL);
    return j;
}

enum cor_status cor_x_tokenize(struct cor_extract *ex, size_t start, size_t end)
{
    const char *t = ex->text;
    ex->ntoks = 0;
    size_t i = start;
    int space = 1;
    while (i < end) {
        size_t at = i;
        long cp = cor_x_utf8_next(t, end, &i);
        if (cp < 0) {
            i = at + 1;
            continue;
        }
        if (cor_x_is_space(cp)) {
            space = 1;
            continue;
        }
        struct tok k;
        memset(&k, 0, sizeof k);
        k.start = at;
        k.space_before = (unsigned char)space;
        k.line_start = (unsigned char)at_line_start(t, at);
        space = 0;
        if (cp < 0x80 && isdigit((int)cp)) {
            k.type = TK_NUM;
            i = read_number(t, end, at, &k);
        } else if (is_letter_cp(cp)) {
            k.type = TK_WORD;
            size_t n = 0, j = at;
            int ascii = 1;
            k.cap = (unsigned char)(cp < 0x80 && isupper((int)cp));
            int all_upper = 1, letters = 0;
            i = at;
            while (i < end) {
                size_t q = i;
                long c = cor_x_utf8_next(t, end, &q);
                int apos = c == '\'' || c == 0x2019;
                if (apos) {   /* inside a word only: isn't, Shi'a; 's is a possessive */
                    size_t r = q;
                    long d = r < end ? cor_x_utf8_next(t, end, &r) : -1;
                    if (d < 0 || !is_letter_cp(d))
                        break;
                    size_t r2 = r;
                    long e = r2 < end ? cor_x_utf8_next(t, end, &r2) : -1;
                    if ((d == 's' || d == 'S') && (e < 0 || !is_letter_cp(e))) {
                        k.poss = 1;
                        j = i;
                        i = r;
                        goto word_done;
                    }
                    if (n < sizeof k.w - 1)
                        k.w[n++] = '\'';
                    i = q;
                    continue;
                }
                if (c < 0 || !is_letter_cp(c))
                    break;
                if (c >= 0x80)
                    ascii = 0;
                else if (n < sizeof k.w - 1)
                    k.w[n++] = (char)tolower((int)c);
                else
                    ascii = 0;
                if (c < 0x80 && islower((int)c))
                    all_upper = 0;
                letters++;
                i = q;
            }
            j = i;
        word_done:
            k.w[n] = '\0';
            if (!ascii)
                k.w[0] = '\0';
            k.upper = (unsigned char)(all_upper && letters >= 2 && ascii);
            k.end = j;
            if (!push(ex, &k))
                return COR_ENOMEM;
            continue;
        } else if ((cp < 0x80 && cp == '-') || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) {
            k.type = TK_DASH;
            k.sym = cp == '-' || cp == 0x2010 || cp == 0x2011 ? DASH_HYPHEN
                    : cp == 0x2012 || cp == 0x2013          ? DASH_EN
                    : cp == 0x2212                          ? DASH_MINUS
                                                            : DASH_EM;
            k.c = '-';
        } else if (symbol_of(cp) >= 0) {
            k.type = TK_SYM;
            k.sym = symbol_of(cp);
            k.c = cp < 0x80 ? (char)cp : '$';
        } else if (cp == '\'' || cp == '"' || (cp >= 0x2018 && cp <= 0x201F) || cp == 0xAB ||
                   cp == 0xBB) {
            k.type = TK_QUOTE;
            k.c = cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x201B
                      ? '\''
                      : '"';
            if (k.c == '\'' && ex->ntoks && !k.space_before && i < end &&
                (t[i] == 's' || t[i] == 'S') && (i + 1 >= end || !isalpha((unsigned char)t[i + 1]))) {
                ex->toks[ex->ntoks - 1].poss = 1;   /* 2025's */
                i++;
                continue;
            }
        } else {
            k.type = TK_PUNCT;
            k.c = cp < 0x80 ? (char)cp : cp == 0x2026 ? '.' : '?';
        }
        k.end = i;
        if (!push(ex, &k))
            return COR_ENOMEM;
    }
    return COR_OK;
}
