/* The grammar: the tokens of one sentence become findings. Passes, in
 * order: web addresses; dates, times and reference marks; period phrases
 * (years, spans, partial years, "since", "this year", "in seven years");
 * names, ordinals, list numbers and durations; then every number left is
 * read as a figure (number, scale, unit, currency, range), with the
 * qualifier before it, a direction word, the metric words of its clause,
 * and the period phrase that belongs to it. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_internal.h"
#include "grammar_tables.h"

#define N_OF(a) (sizeof(a) / sizeof *(a))

enum qkind { QK_DIGITS, QK_WORDS, QK_FRACTION, QK_MULTIPLE };

struct qty {
    size_t a, b;            /* tokens [a, b): the number, scale and unit */
    double v;               /* the printed number (a fraction's value) */
    double scale;           /* a scale word's value, 1 if none */
    const char *unit;       /* "" none */
    int currency;           /* -1: not money */
    enum qkind kind;
    int pp;                 /* percentage points */
    int time;               /* a unit of time follows: a duration */
};

struct phrase {             /* a period phrase of the sentence */
    size_t a, b;            /* tokens */
    struct cor_period p;    /* kind NONE until resolved */
    int y0, y1;             /* years stated (0: not stated) */
    int m0, m1;             /* months (0: none) */
    int ytd;                /* first n months */
    int quarter, half;
    int years;              /* "in seven years" */
    int past;               /* "the past seven years": ends at the text's year */
    int since;              /* since y0 */
    int relative;           /* this/last/next year: 1 */
    int offset;             /* 0 this year, -1 last year, +1 next year */
    int fuzzy_decade;       /* "the early 1990s" */
    const char *why;        /* why it could not be resolved */
    int used;               /* a figure's period */
};

struct pending {            /* a number that is not a figure */
    size_t a, b;
    enum cor_find find;
    const char *reason;
    long phrase;            /* its period phrase, -1 if none */
};

struct fig {
    size_t a, b;            /* the number's tokens (with its currency sign) */
    size_t qa;              /* first token of its qualifier (a if none) */
    struct cor_finding f;
    int pp, scaled_count, qualified_range, fell;
    int than;               /* +1 "more than in 2021" after it, -1 "less than in 2021" */
    size_t same_as;         /* 1 + the figure it restates in parentheses: "AZN 8.7bn ($5.1bn)" */
    char qualifier_words[32];
};

struct sent {
    struct cor_extract *ex;
    const struct tok *T;
    size_t n;
    unsigned char *used;
    int *clause;            /* clauses: between , ; ( ) [ ] dashes and colons */
    int *part;              /* parts: between semicolons */
    struct phrase *ph;
    size_t nph, phcap;
    struct pending *pend;
    size_t npend, pendcap;
    struct fig *fig;
    size_t nfig, figcap;
    size_t index;
    int fail;               /* out of memory */
};

/* ---- helpers ------------------------------------------------------------- */

static int is_word(const struct tok *t, const char *w)
{
    return t->type == TK_WORD && strcmp(t->w, w) == 0;
}

static int word_at(const struct sent *s, size_t i, const char *w)
{
    return i < s->n && is_word(&s->T[i], w);
}

static int lookup(const struct numword *tab, size_t n, const struct tok *t, double *v)
{
    if (t->type != TK_WORD || !t->w[0])
        return 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(tab[i].w, t->w) == 0) {
            if (v)
                *v = tab[i].v;
            return 1;
        }
    return 0;
}

/* The same for the token T[i] of the sentence, which may be past its end. */
static int lookup_at(const struct numword *tab, size_t n, const struct sent *s, size_t i,
                     double *v)
{
    return i < s->n && lookup(tab, n, &s->T[i], v);
}

static int in_list(const char *const *list, const char *w)
{
    for (; *list; list++)
        if (strcmp(*list, w) == 0)
            return 1;
    return 0;
}

static int elem_matches(const struct tok *t, const char *e, size_t len)
{
    if (len == 1 && e[0] == '-')
        return t->type == TK_DASH;
    if (len == 1 && e[0] == '/')
        return t->type == TK_SYM && t->sym == SYM_SLASH;
    if (len == 1 && e[0] == '%')
        return t->type == TK_SYM && t->sym == SYM_PERCENT;
    if (len == 1 && e[0] == '.')
        return t->type == TK_PUNCT && t->c == '.';
    return t->type == TK_WORD && strlen(t->w) == len && memcmp(t->w, e, len) == 0;
}

/* Tokens of phrase matched at T[i], or 0. */
static size_t phrase_at(const struct sent *s, size_t i, const char *phrase)
{
    size_t k = 0;
    const char *p = phrase;
    while (*p) {
        size_t len = strcspn(p, " ");
        if (i + k >= s->n || !elem_matches(&s->T[i + k], p, len))
            return 0;
        k++;
        p += len;
        while (*p == ' ')
            p++;
    }
    return k;
}

/* Tokens of phrase ending just before T[j], or 0. */
static size_t phrase_before(const struct sent *s, size_t j, const char *phrase)
{
    size_t words = 1;
    for (const char *p = phrase; *p; p++)
        words += *p == ' ';
    if (words > j)
        return 0;
    return phrase_at(s, j - words, phrase) == words ? words : 0;
}

static int glued(const struct sent *s, size_t i)
{
    return i < s->n && !s->T[i].space_before;
}

static int is_num(const struct sent *s, size_t i)
{
    return i < s->n && s->T[i].type == TK_NUM;
}

static int year_tok(const struct sent *s, size_t i)
{
    if (i >= s->n)
        return 0;
    const struct tok *t = &s->T[i];
    return t->type == TK_NUM && !t->grouped && t->decimals == 0 && t->digits == 4 &&
           t->v >= 1800 && t->v <= 2100;
}

static int day_tok(const struct sent *s, size_t i)
{
    if (i >= s->n)
        return 0;
    const struct tok *t = &s->T[i];
    return t->type == TK_NUM && !t->grouped && t->decimals == 0 && t->digits <= 2 &&
           t->v >= 1 && t->v <= 31;
}

static int punct(const struct sent *s, size_t i, char c)
{
    return i < s->n && s->T[i].type == TK_PUNCT && s->T[i].c == c;
}

/* A capitalised month word (and its '.' when abbreviated): tokens used, 0 if none. */
static size_t month_at(const struct sent *s, size_t i, int *m)
{
    double v;
    if (i >= s->n || !s->T[i].cap || !lookup_at(months, N_OF(months), s, i, &v))
        return 0;
    *m = (int)v;
    if (strlen(s->T[i].w) <= 4 && punct(s, i + 1, '.') && glued(s, i + 1))
        return 2;
    return 1;
}

static int currency_code(const struct tok *t)
{
    if (t->type != TK_WORD || !t->upper || strlen(t->w) != 3)
        return -1;
    char up[4];
    for (int k = 0; k < 3; k++)
        up[k] = (char)toupper((unsigned char)t->w[k]);
    up[3] = '\0';
    return cor_currency_lookup(up, 3);
}

static int currency_sign(const struct tok *t)
{
    if (t->type != TK_SYM)
        return -1;
    for (size_t k = 0; k < N_OF(currency_signs); k++)
        if (currency_signs[k].sym == t->sym)
            return cor_currency_lookup(currency_signs[k].code, 3);
    return -1;
}

static void mark(struct sent *s, size_t a, size_t b)
{
    for (size_t i = a; i < b && i < s->n; i++)
        s->used[i] = 1;
}

static void pend(struct sent *s, size_t a, size_t b, enum cor_find find, const char *reason,
                 long phrase)
{
    struct pending *p = cor_x_grow(s->pend, &s->pendcap, s->npend, sizeof *s->pend);
    if (!p) {
        s->fail = 1;
        return;
    }
    s->pend = p;
    s->pend[s->npend++] = (struct pending){a, b, find, reason, phrase};
    mark(s, a, b);
}

static long add_phrase(struct sent *s, size_t a, size_t b, struct phrase ph)
{
    struct phrase *p = cor_x_grow(s->ph, &s->phcap, s->nph, sizeof *s->ph);
    if (!p) {
        s->fail = 1;
        return -1;
    }
    s->ph = p;
    ph.a = a;
    ph.b = b;
    s->ph[s->nph] = ph;
    return (long)s->nph++;
}

/* ---- clauses and addresses ----------------------------------------------- */

static void clauses(struct sent *s)
{
    int c = 0, part = 0;
    for (size_t i = 0; i < s->n; i++) {
        const struct tok *t = &s->T[i];
        part += t->type == TK_PUNCT && t->c == ';';
        s->part[i] = part;
        int sep = (t->type == TK_PUNCT && strchr(",;()[]", t->c)) ||
                  (t->type == TK_DASH && (t->sym == DASH_EM ||
                                          (t->sym == DASH_EN && t->space_before &&
                                           i + 1 < s->n && s->T[i + 1].space_before))) ||
                  (t->type == TK_SYM && t->sym == SYM_COLON && i + 1 < s->n &&
                   s->T[i + 1].space_before);
        c += sep;
        s->clause[i] = c;
        c += sep;
    }
}

static int contains(const char *a, size_t n, const char *sub)
{
    size_t k = strlen(sub);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(a + i, sub, k) == 0)
            return 1;
    return 0;
}

/* Numbers inside web or mail addresses (runs of tokens without spaces). */
static void addresses(struct sent *s)
{
    const char *text = s->ex->text;
    size_t i = 0;
    while (i < s->n) {
        size_t j = i + 1;
        while (j < s->n && !s->T[j].space_before)
            j++;
        const char *a = text + s->T[i].start;
        size_t len = s->T[j - 1].end - s->T[i].start;
        int addr = contains(a, len, "://") || contains(a, len, "www.") ||
                   (contains(a, len, "@") && contains(a, len, ".")) ||
                   contains(a, len, ".htm") || contains(a, len, ".php");
        if (addr)
            for (size_t k = i; k < j; k++)
                if (s->T[k].type == TK_NUM && !s->used[k])
                    pend(s, k, k + 1, COR_FIND_ADDRESS, "part of a web or mail address", -1);
        i = j;
    }
}

/* ---- dates, times, reference marks --------------------------------------- */

static size_t skip_ordinal_ending(const struct sent *s, size_t i)
{
    return i < s->n && s->T[i].type == TK_WORD && glued(s, i) &&
                   in_list(ordinal_endings, s->T[i].w)
               ? i + 1
               : i;
}

/* A date starting at T[i]: its end, or 0. */
static size_t date_at(const struct sent *s, size_t i)
{
    int m;
    size_t ml = month_at(s, i, &m), j;
    if (ml && day_tok(s, i + ml)) {   /* October 18, Oct. 10, 2020, July 12-13 */
        j = skip_ordinal_ending(s, i + ml + 1);
        if (j + 1 < s->n && s->T[j].type == TK_DASH && day_tok(s, j + 1))
            j = skip_ordinal_ending(s, j + 2);
        if (punct(s, j, ',') && year_tok(s, j + 1))
            j += 2;
        else if (year_tok(s, j))
            j++;
        return j;
    }
    if (day_tok(s, i)) {              /* 18 October 2025, 12-13 July */
        j = skip_ordinal_ending(s, i + 1);
        if (j + 1 < s->n && s->T[j].type == TK_DASH && day_tok(s, j + 1))
            j = skip_ordinal_ending(s, j + 2);
        if (word_at(s, j, "of"))
            j++;
        size_t l = month_at(s, j, &m);
        if (!l)
            return 0;
        j += l;
        if (punct(s, j, ',') && year_tok(s, j + 1))
            j += 2;
        else if (year_tok(s, j))
            j++;
        return j;
    }
    /* 2025-12-18 */
    if (year_tok(s, i) && i + 4 < s->n && s->T[i + 1].type == TK_DASH && glued(s, i + 1) &&
        is_num(s, i + 2) && glued(s, i + 2) && s->T[i + 2].digits == 2 &&
        s->T[i + 2].v >= 1 && s->T[i + 2].v <= 12 && s->T[i + 3].type == TK_DASH &&
        glued(s, i + 3) && day_tok(s, i + 4) && glued(s, i + 4))
        return i + 5;
    /* 18/12/2025, 12/18/25 */
    if (day_tok(s, i) && i + 4 < s->n && s->T[i + 1].type == TK_SYM &&
        s->T[i + 1].sym == SYM_SLASH && glued(s, i + 1) && day_tok(s, i + 2) && glued(s, i + 2) &&
        s->T[i + 3].type == TK_SYM && s->T[i + 3].sym == SYM_SLASH && glued(s, i + 3) &&
        is_num(s, i + 4) && glued(s, i + 4) &&
        (s->T[i + 4].digits == 2 || s->T[i + 4].digits == 4))
        return i + 5;
    return 0;
}

static size_t time_at(const struct sent *s, size_t i)
{
    const struct tok *t = &s->T[i];
    if (t->type != TK_NUM || t->grouped || t->decimals || t->digits > 2 || t->v > 24)
        return 0;
    size_t j = i + 1;
    if (j + 1 < s->n && s->T[j].type == TK_SYM && s->T[j].sym == SYM_COLON && glued(s, j) &&
        is_num(s, j + 1) && glued(s, j + 1) && s->T[j + 1].digits == 2 && s->T[j + 1].v < 60) {
        j += 2;
        if (j + 1 < s->n && s->T[j].type == TK_SYM && s->T[j].sym == SYM_COLON && glued(s, j) &&
            is_num(s, j + 1) && glued(s, j + 1) && s->T[j + 1].digits == 2)
            j += 2;
    } else if (t->v > 12)
        return 0;
    size_t k;
    if ((k = phrase_at(s, j, "a . m .")) || (k = phrase_at(s, j, "p . m .")) ||
        (k = phrase_at(s, j, "a . m")) || (k = phrase_at(s, j, "p . m")) ||
        (k = phrase_at(s, j, "am")) || (k = phrase_at(s, j, "pm")))
        return j + k;
    if (j > i + 1) {   /* 19:25, and a time zone */
        if (word_at(s, j, "gmt") || word_at(s, j, "utc"))
            j++;
        return j;
    }
    return 0;
}

static void dates_and_times(struct sent *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i])
            continue;
        size_t e;
        if ((e = date_at(s, i)) != 0) {
            pend(s, i, e, COR_FIND_DATE, "a date", -1);
            i = e - 1;
        } else if ((e = time_at(s, i)) != 0) {
            pend(s, i, e, COR_FIND_TIME, "a time of day", -1);
            i = e - 1;
        } else if (is_num(s, i) && i > 0 && punct(s, i - 1, '[') && punct(s, i + 1, ']') &&
                   glued(s, i) && glued(s, i + 1)) {
            pend(s, i, i + 1, COR_FIND_REFERENCE, "a reference mark [n]", -1);
        }
    }
}

/* ---- the number phrase ---------------------------------------------------- */

/* Is "a third" a fraction here (not "a third country")? */
static int fraction_context(const struct sent *s, size_t j)
{
    static const char *const ok[] = {"of", "more", "less", "higher", "lower", "larger",
                                     "smaller", "than", "increase", "rise", "drop", "fall",
                                     "decline", "jump", "gain", "in", "on", "at", "to", "from",
                                     "by", "and", "or", "since", "last", "this", NULL};
    if (j >= s->n)
        return 1;
    const struct tok *t = &s->T[j];
    return t->type == TK_PUNCT || t->type == TK_DASH || t->type == TK_QUOTE ||
           (t->type == TK_WORD && in_list(ok, t->w));
}

static int half_context(const struct sent *s, size_t i)
{
    static const char *const after[] = {"of", "the", "a", "an", "its", "their", "his", "her",
                                        "that", "as", "this", NULL};
    static const char *const before[] = {"by", "than", "a", "one", "to", "nearly", "almost",
                                         "about", "around", "roughly", "some", "over", NULL};
    if (i + 1 < s->n && s->T[i + 1].type == TK_DASH && glued(s, i + 1))
        return 0;   /* half-hearted */
    if (i + 1 >= s->n || s->T[i + 1].type == TK_PUNCT ||
        (s->T[i + 1].type == TK_WORD && in_list(after, s->T[i + 1].w)))
        return 1;
    return i > 0 && s->T[i - 1].type == TK_WORD && in_list(before, s->T[i - 1].w);
}

/* "one in five", "1 in 4": x in d, with d above x and at most 1000. */
static int one_in(const struct sent *s, size_t i, double x, double *v)
{
    double d = 0;
    if (!word_at(s, i + 1, "in") || i + 2 >= s->n)
        return 0;
    if (!lookup_at(cardinals, N_OF(cardinals), s, i + 2, &d) &&
        !(is_num(s, i + 2) && !s->T[i + 2].decimals && !s->T[i + 2].grouped &&
          (d = s->T[i + 2].v) > 0))
        return 0;
    if (!(x >= 1 && d > x && d <= 1000))
        return 0;
    *v = x / d;
    return 1;
}

/* The number at T[i] (digits or words): its end, or 0. */
static size_t number_core(const struct sent *s, size_t i, double *v, enum qkind *kind)
{
    const struct tok *T = s->T, *t = &T[i];
    double x, d;
    if (t->type == TK_NUM) {
        if (isnan(t->v))
            return 0;
        if (!t->decimals && one_in(s, i, t->v, v)) {
            *kind = QK_FRACTION;
            return i + 3;
        }
        *v = t->v;
        *kind = QK_DIGITS;
        return i + 1;
    }
    if (t->type != TK_WORD || !t->w[0])
        return 0;
    double num = 0;
    if (is_word(t, "a") || is_word(t, "an"))
        num = 1;
    else if (lookup(cardinals, N_OF(cardinals), t, &x) && x >= 1 && x <= 10)
        num = x;
    if (num > 0) {   /* one-third, a third, two-thirds, three quarters */
        size_t j = i + 1;
        int hyph = j + 1 < s->n && T[j].type == TK_DASH && glued(s, j) && glued(s, j + 1);
        j += (size_t)hyph;
        if (j < s->n && lookup_at(fractions, N_OF(fractions), s, j, &d) &&
            (hyph || fraction_context(s, j + 1)) && !(num == 1 && strlen(T[j].w) > 1 &&
                                                       T[j].w[strlen(T[j].w) - 1] == 's' &&
                                                       strcmp(T[j].w, "halves") != 0)) {
            *v = num / d;
            *kind = QK_FRACTION;
            return j + 1;
        }
    }
    if (is_word(t, "half") && half_context(s, i)) {
        *v = 0.5;
        *kind = QK_FRACTION;
        return i + 1;
    }
    if (lookup(multiples, N_OF(multiples), t, &x)) {
        if (is_word(t, "twice") && !word_at(s, i + 1, "as") && !word_at(s, i + 1, "the"))
            return 0;
        *v = x;
        *kind = QK_MULTIPLE;
        return i + 1;
    }
    size_t len = strlen(t->w);
    if (len > 4 && strcmp(t->w + len - 4, "fold") == 0) {   /* fivefold */
        struct tok pre = *t;
        pre.w[len - 4] = '\0';
        if (lookup(cardinals, N_OF(cardinals), &pre, &x) && x >= 2) {
            *v = x;
            *kind = QK_MULTIPLE;
            return i + 1;
        }
    }
    if (lookup(cardinals, N_OF(cardinals), t, &x) && one_in(s, i, x, v)) {
        *kind = QK_FRACTION;
        return i + 3;
    }
    if (lookup(cardinals, N_OF(cardinals), t, &x)) {
        size_t j = i + 1;
        if (x >= 20 && j + 1 < s->n && T[j].type == TK_DASH && glued(s, j) && glued(s, j + 1) &&
            lookup_at(cardinals, N_OF(cardinals), s, j + 1, &d) && d >= 1 && d <= 9) {
            x += d;
            j += 2;
        }
        if (word_at(s, j, "hundred")) {
            x *= 100;
            j++;
        }
        if (j + 1 < s->n && T[j].type == TK_DASH && glued(s, j) && word_at(s, j + 1, "fold")) {
            *v = x;
            *kind = QK_MULTIPLE;
            return j + 2;
        }
        *v = x;
        *kind = QK_WORDS;
        return j;
    }
    if ((is_word(t, "a") || is_word(t, "an")) && i + 1 < s->n &&
        lookup_at(scales, N_OF(scales), s, i + 1, &d) && d >= 1e3) {
        *v = 1;
        *kind = QK_WORDS;
        return i + 1;
    }
    return 0;
}

static const struct unitword *unit_at(const struct sent *s, size_t j, size_t *len)
{
    const struct unitword *best = NULL;
    *len = 0;
    for (size_t u = 0; u < N_OF(units); u++) {
        size_t k = phrase_at(s, j, units[u].phrase);
        if (k > *len) {
            *len = k;
            best = &units[u];
        }
    }
    return best;
}

/* The number phrase at T[i]: number, scale, unit or currency after it. */
static int quantity(const struct sent *s, size_t i, struct qty *q)
{
    const struct tok *T = s->T;
    memset(q, 0, sizeof *q);
    q->a = i;
    q->scale = 1;
    q->unit = "";
    q->currency = -1;
    size_t j = number_core(s, i, &q->v, &q->kind);
    double d;
    if (!j)
        return 0;
    if (q->kind == QK_MULTIPLE) {
        q->unit = "x";
        q->b = j;
        return 1;
    }
    if (q->kind == QK_FRACTION) {
        if (word_at(s, j, "a") && j + 1 < s->n && lookup_at(scales, N_OF(scales), s, j + 1, &d) &&
            d >= 1e3) {   /* half a million */
            q->scale = d;
            q->kind = QK_WORDS;
            j += 2;
        } else {
            q->unit = "fraction";
            q->b = j;
            return 1;
        }
    }
    if (q->kind == QK_DIGITS && j < s->n && T[j].type == TK_WORD && glued(s, j)) {
        if (is_word(&T[j], "x") || is_word(&T[j], "fold")) {
            q->unit = "x";
            q->kind = QK_MULTIPLE;
            q->b = j + 1;
            return 1;
        }
        if (lookup_at(glued_scales, N_OF(glued_scales), s, j, &d)) {
            q->scale = d;
            j++;
        }
    }
    if (q->kind == QK_DIGITS && j + 1 < s->n && T[j].type == TK_DASH && glued(s, j) &&
        word_at(s, j + 1, "fold")) {
        q->unit = "x";
        q->kind = QK_MULTIPLE;
        q->b = j + 2;
        return 1;
    }
    size_t len = 0;
    const struct unitword *u = q->scale == 1 ? unit_at(s, j, &len) : NULL;
    if (!u || (len == 1 && lookup_at(scales, N_OF(scales), s, j, NULL))) {
        while (j < s->n && lookup_at(scales, N_OF(scales), s, j, &d)) {
            q->scale *= d;
            j++;
        }
        u = unit_at(s, j, &len);
    }
    if (u) {
        q->unit = u->unit;
        q->scale *= u->factor;
        j += len;
    } else {
        for (const char *const *p = point_phrases; *p && !len; p++)
            if ((len = phrase_at(s, j, *p)) != 0 && (strcmp(*p, "points") != 0 || q->scale == 1)) {
                q->unit = "pp";
                q->pp = 1;
                j += len;
            }
        for (size_t c = 0; c < N_OF(currency_words) && q->currency < 0; c++)
            if ((len = phrase_at(s, j, currency_words[c].phrase)) != 0) {
                q->currency = cor_currency_lookup(currency_words[c].code, 3);
                j += len;
            }
        if (q->currency < 0 && j < s->n && currency_code(&T[j]) >= 0) {
            q->currency = currency_code(&T[j]);
            j++;
        }
    }
    if (!u && q->currency < 0 && !q->pp) {
        if (j < s->n && lookup_at(time_units, N_OF(time_units), s, j, NULL))
            q->time = 1;
        else if (j + 1 < s->n && T[j].type == TK_DASH && glued(s, j) && glued(s, j + 1) &&
                 lookup_at(time_units, N_OF(time_units), s, j + 1, NULL)) {
            q->time = 1;   /* six-week, 10-year */
            j += 2;
        }
    }
    q->b = j;
    return 1;
}

/* A currency sign or code just before T[i]: the currency and the first token. */
static int currency_before(const struct sent *s, size_t i, size_t *a)
{
    if (i == 0)
        return -1;
    const struct tok *p = &s->T[i - 1];
    int c = currency_sign(p);
    if (c >= 0) {
        *a = i - 1;
        if (i >= 2 && glued(s, i - 1) && is_word(&s->T[i - 2], "us"))
            *a = i - 2;   /* US$ */
        return c;
    }
    if ((c = currency_code(p)) >= 0 && s->T[i].space_before) {   /* USD 5 billion, not COP29 */
        *a = i - 1;
        return c;
    }
    return -1;
}

/* Is there a unit, scale, currency or percent after the number at T[i]
 * (so that it is an amount even if it looks like a year or a name)? */
static int has_measure(const struct sent *s, size_t i)
{
    struct qty q;
    size_t a;
    if (currency_before(s, i, &a) >= 0)
        return 1;
    if (!quantity(s, i, &q))
        return 0;
    return q.unit[0] || q.currency >= 0 || q.scale != 1;
}

/* ---- period phrases -------------------------------------------------------- */

static long year_phrase(struct sent *s, size_t a, size_t b, int y0, int y1)
{
    struct phrase ph;
    memset(&ph, 0, sizeof ph);
    ph.y0 = y0;
    ph.y1 = y1;
    return add_phrase(s, a, b, ph);
}

static void years_pending(struct sent *s, size_t a, size_t b, long ph)
{
    for (size_t k = a; k < b; k++)
        if (s->T[k].type == TK_NUM && !s->used[k])
            pend(s, k, k + 1, COR_FIND_YEAR, NULL, ph);
    mark(s, a, b);
}

/* "first nine months", "first half", "third quarter", "Q1", "9M": the end, or 0. */
static size_t partial_at(struct sent *s, size_t i, struct phrase *ph)
{
    double x;
    size_t j = i;
    if (word_at(s, j, "the"))
        j++;
    if (word_at(s, j, "first") && j + 2 < s->n &&
        (is_num(s, j + 1) || lookup_at(cardinals, N_OF(cardinals), s, j + 1, NULL)) &&
        (word_at(s, j + 2, "months"))) {
        x = is_num(s, j + 1) ? s->T[j + 1].v : 0;
        if (!is_num(s, j + 1))
            lookup_at(cardinals, N_OF(cardinals), s, j + 1, &x);
        if (x < 1 || x > 12 || x != floor(x))
            return 0;
        ph->ytd = (int)x;
        return j + 3;
    }
    static const char *const ords[] = {"first", "second", "third", "fourth", NULL};
    for (int k = 0; ords[k]; k++)
        if (word_at(s, j, ords[k])) {
            if (word_at(s, j + 1, "quarter")) {
                ph->quarter = k + 1;
                return j + 2;
            }
            if (word_at(s, j + 1, "half") && k < 2) {
                ph->half = k + 1;
                return j + 2;
            }
        }
    const struct tok *t = &s->T[i];
    if (t->type == TK_WORD && t->cap && (is_word(t, "q") || is_word(t, "h")) && is_num(s, i + 1) &&
        glued(s, i + 1) && !s->T[i + 1].decimals) {
        double v = s->T[i + 1].v;
        if (is_word(t, "q") && v >= 1 && v <= 4)
            ph->quarter = (int)v;
        else if (is_word(t, "h") && v >= 1 && v <= 2)
            ph->half = (int)v;
        else
            return 0;
        return i + 2;
    }
    if (is_num(s, i) && !s->T[i].decimals && s->T[i].v >= 1 && s->T[i].v <= 11 &&
        word_at(s, i + 1, "m") && glued(s, i + 1) && s->T[i + 1].cap == 0 &&
        s->ex->text[s->T[i + 1].start] == 'M') {
        ph->ytd = (int)s->T[i].v;   /* 9M */
        return i + 2;
    }
    return 0;
}

static void period_phrases(struct sent *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i])
            continue;
        struct phrase ph;
        memset(&ph, 0, sizeof ph);
        size_t e;
        int m0, m1;
        size_t l0, l1;
        /* a span of years: between 2021 and 2024, from 2021 to 2024, 2021-2024, 2024-25 */
        if (year_tok(s, i) && !has_measure(s, i)) {
            int y0 = (int)s->T[i].v, y1 = 0;
            size_t a = i, b = 0;
            if (i > 0 && (word_at(s, i - 1, "between") || word_at(s, i - 1, "from")) &&
                !s->used[i - 1])
                a = i - 1;
            if (i + 2 < s->n && year_tok(s, i + 2) &&
                (s->T[i + 1].type == TK_DASH || word_at(s, i + 1, "to") ||
                 word_at(s, i + 1, "through") || (a < i && word_at(s, i + 1, "and")))) {
                y1 = (int)s->T[i + 2].v;
                b = i + 3;
            } else if (i + 2 < s->n && s->T[i + 1].type == TK_DASH && glued(s, i + 1) &&
                       is_num(s, i + 2) && glued(s, i + 2) && s->T[i + 2].digits == 2) {
                y1 = y0 / 100 * 100 + (int)s->T[i + 2].v;   /* 2024-25 */
                b = i + 3;
            }
            if (b && y1 > y0) {
                long p = year_phrase(s, a, b, y0, y1);
                years_pending(s, a, b, p);
                i = b - 1;
                continue;
            }
        }
        /* first nine months (of 2024), first half, Q1 2025, 9M 2025 */
        if ((e = partial_at(s, i, &ph)) != 0) {
            size_t a = i;
            if (word_at(s, e, "of") && year_tok(s, e + 1)) {
                ph.y0 = (int)s->T[e + 1].v;
                e += 2;
            } else if (year_tok(s, e)) {
                ph.y0 = (int)s->T[e].v;
                e++;
            }
            long p = add_phrase(s, a, e, ph);
            for (size_t k = a; k < e; k++)
                if (!s->used[k] && (s->T[k].type == TK_NUM ||
                                    lookup_at(cardinals, N_OF(cardinals), s, k, NULL)))
                    pend(s, k, k + 1, year_tok(s, k) ? COR_FIND_YEAR : COR_FIND_PERIOD_PART,
                         year_tok(s, k) ? NULL : "part of a period (the first n months, Q1)",
                         p);
            mark(s, a, e);
            i = e - 1;
            continue;
        }
        /* month ranges: January-September (2024), between May and July */
        size_t a = i;
        if ((word_at(s, i, "between") || word_at(s, i, "from")) && !s->used[i])
            a = i + 1;
        if ((l0 = month_at(s, a, &m0)) != 0) {
            size_t j = a + l0;
            int sep = j < s->n && (s->T[j].type == TK_DASH || word_at(s, j, "to") ||
                                   word_at(s, j, "through") || word_at(s, j, "and") ||
                                   word_at(s, j, "until"));
            if (sep && (l1 = month_at(s, j + 1, &m1)) != 0 && m1 >= m0 && !day_tok(s, j + 1 + l1)) {
                ph.m0 = m0;
                ph.m1 = m1;
                e = j + 1 + l1;
                if (year_tok(s, e)) {
                    ph.y0 = (int)s->T[e].v;
                    e++;
                }
                long p = add_phrase(s, i, e, ph);
                years_pending(s, i, e, p);
                i = e - 1;
                continue;
            }
            if (a == i && year_tok(s, j)) {   /* January 2024 */
                ph.m0 = ph.m1 = m0;
                ph.y0 = (int)s->T[j].v;
                long p = add_phrase(s, i, j + 1, ph);
                years_pending(s, i, j + 1, p);
                i = j;
                continue;
            }
        }
        /* since 2019 */
        if (word_at(s, i, "since") && year_tok(s, i + 1) && !s->used[i + 1]) {
            ph.since = 1;
            ph.y0 = (int)s->T[i + 1].v;
            long p = add_phrase(s, i, i + 2, ph);
            years_pending(s, i, i + 2, p);
            i++;
            continue;
        }
        /* in seven years, over the past three years, in the past decade */
        {
            static const char *const preps[] = {"in", "over", "within", "during", "for",
                                                "across", NULL};
            size_t j = i;
            if (s->T[j].type == TK_WORD && in_list(preps, s->T[j].w)) {
                j++;
                if (word_at(s, j, "the"))
                    j++;
                int past = 0;
                if (word_at(s, j, "past") || word_at(s, j, "last")) {
                    past = 1;
                    j++;
                }
                double x = 0;
                size_t numtok = j;
                int have = 0;
                if (is_num(s, j) && !s->T[j].decimals && !s->used[j]) {
                    x = s->T[j].v;
                    have = 1;
                    j++;
                } else if (lookup_at(cardinals, N_OF(cardinals), s, j, &x)) {
                    have = 1;
                    j++;
                }
                int unit = word_at(s, j, "years") || word_at(s, j, "year") ? 1
                           : word_at(s, j, "decades") || word_at(s, j, "decade") ? 10
                                                                                  : 0;
                if (unit && (have || (past && word_at(s, j, "decade")))) {
                    ph.years = (int)((have ? x : 1) * unit);
                    ph.past = past;
                    long p = add_phrase(s, i, j + 1, ph);
                    if (have)
                        pend(s, numtok, numtok + 1, COR_FIND_DURATION,
                             "a duration: the length of a period", p);
                    mark(s, i, j + 1);
                    i = j;
                    continue;
                }
            }
        }
        /* this year, last year, next year */
        if ((word_at(s, i, "this") || word_at(s, i, "last") || word_at(s, i, "next")) &&
            word_at(s, i + 1, "year") && !(i + 2 < s->n && s->T[i + 2].type == TK_QUOTE)) {
            ph.relative = 1;
            ph.offset = word_at(s, i, "this") ? 0 : word_at(s, i, "last") ? -1 : 1;
            add_phrase(s, i, i + 2, ph);
            mark(s, i, i + 2);
            i++;
            continue;
        }
        /* the 1990s, the early 1990s */
        if (is_num(s, i) && s->T[i].digits == 4 && !s->T[i].grouped && !s->T[i].decimals &&
            (int)s->T[i].v % 10 == 0 && s->T[i].v >= 1800 && s->T[i].v <= 2090 &&
            word_at(s, i + 1, "s") && glued(s, i + 1)) {
            size_t a2 = i;
            if (i > 0 && (word_at(s, i - 1, "early") || word_at(s, i - 1, "mid") ||
                          word_at(s, i - 1, "late")))
                ph.fuzzy_decade = 1, a2 = i - 1;
            else if (i > 1 && s->T[i - 1].type == TK_DASH && word_at(s, i - 2, "mid"))
                ph.fuzzy_decade = 1, a2 = i - 2;
            ph.y0 = (int)s->T[i].v;
            ph.y1 = ph.y0 + 9;
            long p = add_phrase(s, a2, i + 2, ph);
            pend(s, i, i + 2, COR_FIND_YEAR, NULL, p);
            i++;
            continue;
        }
        /* a year: in 2025, 2025's, mid-2025 */
        if (year_tok(s, i) && !has_measure(s, i)) {
            long p = year_phrase(s, i, i + 1, (int)s->T[i].v, 0);
            pend(s, i, i + 1, COR_FIND_YEAR, NULL, p);
        }
    }
}

/* ---- names, ordinals, list numbers, durations ---------------------------- */

static int is_grammar_word(const struct tok *t)
{
    double v;
    if (lookup(months, N_OF(months), t, &v) || lookup(scales, N_OF(scales), t, &v) ||
        currency_code(t) >= 0 || in_list(not_names, t->w))
        return 1;
    for (size_t k = 0; k < N_OF(qualifiers); k++)
        if (strcmp(qualifiers[k].phrase, t->w) == 0)
            return 1;
    for (size_t k = 0; k < N_OF(directions); k++)
        if (strcmp(directions[k].w, t->w) == 0)
            return 1;
    return 0;
}

static void names_and_more(struct sent *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i] || s->T[i].type != TK_NUM)
            continue;
        const struct tok *t = &s->T[i], *p = i > 0 ? &s->T[i - 1] : NULL;
        if (i + 1 < s->n && s->T[i + 1].type == TK_WORD && glued(s, i + 1) &&
            in_list(ordinal_endings, s->T[i + 1].w)) {
            pend(s, i, i + 2, COR_FIND_ORDINAL, "an ordinal (10th): a rank, not an amount", -1);
            continue;
        }
        if (t->digits > 15) {
            pend(s, i, i + 1, COR_FIND_NAME, "a code or identifier (too many digits)", -1);
            continue;
        }
        if (p && p->type == TK_WORD && !t->space_before && !has_measure(s, i)) {
            pend(s, i, i + 1, COR_FIND_NAME, "part of a name (letters and digits: COP29, G7)", -1);
            continue;
        }
        if (p && p->type == TK_DASH && !t->space_before && i >= 2 &&
            s->T[i - 2].type == TK_WORD && !p->space_before && s->T[i - 2].cap) {
            pend(s, i, i + 1, COR_FIND_NAME, "part of a name (F-16, COVID-19)", -1);
            continue;
        }
        if (p && ((p->type == TK_SYM && p->sym == SYM_HASH) ||
                  (p->type == TK_WORD && in_list(name_words, p->w)) ||
                  (p->type == TK_PUNCT && p->c == '.' && i >= 2 && is_word(&s->T[i - 2], "no")))) {
            if (!has_measure(s, i)) {
                pend(s, i, i + 1, COR_FIND_NAME,
                     "part of a name (Section 907, Resolution 2728)", -1);
                continue;
            }
        }
        if (p && p->type == TK_WORD && p->cap && i >= 2 && !t->grouped && !t->decimals &&
            !is_grammar_word(p) && !has_measure(s, i)) {
            pend(s, i, i + 1, COR_FIND_NAME, "part of a name (a capitalised word and a number)",
                 -1);
            continue;
        }
        if (t->line_start && !has_measure(s, i) && !t->grouped &&
            (((punct(s, i + 1, '.') || punct(s, i + 1, ')')) && glued(s, i + 1)) ||
             (i + 1 < s->n && s->T[i + 1].type == TK_WORD && s->T[i + 1].cap))) {
            pend(s, i, i + 1, COR_FIND_LIST, "a list or section number", -1);
            continue;
        }
        struct qty q;
        if (quantity(s, i, &q) && q.time) {
            pend(s, i, i + 1, COR_FIND_DURATION, "a duration, not an amount", -1);
            mark(s, i, q.b);
        }
    }
}

/* ---- figures ------------------------------------------------------------- */

/* "more than in 2021" (or "less than 2021") just after a figure ending at
 * T[b]: +1 or -1, 0 if none. */
static int than_after(const struct sent *s, size_t b)
{
    if (b + 2 >= s->n || !word_at(s, b + 1, "than") || s->T[b].type != TK_WORD)
        return 0;
    size_t y = b + 2;
    if (word_at(s, y, "in") || word_at(s, y, "for"))
        y++;
    if (y >= s->n || !year_tok(s, y))
        return 0;
    for (size_t k = 0; k < N_OF(than_words); k++)
        if (strcmp(s->T[b].w, than_words[k].w) == 0)
            return than_words[k].dir;
    return 0;
}

/* A rate per year in the clause of T[a]: "9% a year", "average annual". */
static int per_year(const struct sent *s, size_t a)
{
    int c = s->clause[a];
    size_t i = a;
    while (i > 0 && s->clause[i - 1] == c)
        i--;
    for (; i < s->n && s->clause[i] == c; i++)
        for (const char *const *p = per_year_phrases; *p; p++) {
            size_t len = phrase_at(s, i, *p);
            if (!len)
                continue;
            int after = i + len < s->n && s->T[i + len].type == TK_WORD &&
                        in_list(year_after, s->T[i + len].w);
            int in = i > 0 && (word_at(s, i - 1, "in") || word_at(s, i - 1, "within") ||
                               word_at(s, i - 1, "than"));
            if (!after && !in)
                return 1;
        }
    return 0;
}

static int unit_is_share(const char *u)
{
    return strcmp(u, "%") == 0 || strcmp(u, "fraction") == 0;
}

/* Writes the money unit for a scale: the value in that scale. */
static void money_unit(struct qty *q)
{
    if (q->scale >= 1e12) {
        q->v *= q->scale / 1e9;
        q->unit = "billion";
    } else if (q->scale >= 1e9)
        q->unit = "billion", q->v *= q->scale / 1e9;
    else if (q->scale >= 1e6)
        q->unit = "million", q->v *= q->scale / 1e6;
    else if (q->scale >= 1e3)
        q->unit = "thousand", q->v *= q->scale / 1e3;
    else
        q->unit = "1", q->v *= q->scale;
    q->scale = 1;
}

/* The figure's number in its unit. */
static void settle(struct qty *q)
{
    if (q->currency >= 0 && (!q->unit[0] || strcmp(q->unit, "x") != 0))
        money_unit(q);
    else if (q->scale != 1) {
        q->v *= q->scale;
        q->scale = 1;
    }
}

static void append(char *note, size_t n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Adds a part to a note ("; " between parts). */
static void append(char *note, size_t n, const char *fmt, ...)
{
    size_t used = strlen(note);
    if (used && used + 2 < n) {
        memcpy(note + used, "; ", 3);
        used += 2;
    }
    if (used + 1 >= n)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(note + used, n - used, fmt, ap);
    va_end(ap);
}

static void words_of(const struct sent *s, size_t a, size_t b, char *buf, size_t n)
{
    size_t start = s->T[a].start, end = s->T[b - 1].end;
    snprintf(buf, n, "%.*s", (int)(end - start), s->ex->text + start);
}

/* One of the phrases of list is in the clause of T[a]. */
static int in_clause_phrase(const struct sent *s, size_t a, const char *const *list)
{
    int c = s->clause[a];
    size_t i = a;
    while (i > 0 && s->clause[i - 1] == c)
        i--;
    for (; i < s->n && s->clause[i] == c; i++)
        for (const char *const *p = list; *p; p++)
            if (phrase_at(s, i, *p))
                return 1;
    return 0;
}

static int direction_of(const struct tok *t)
{
    for (size_t k = 0; k < N_OF(directions); k++)
        if (t->type == TK_WORD && strcmp(directions[k].w, t->w) == 0)
            return directions[k].dir;
    return 0;
}

/* The qualifier ending just before T[a]: its length (0 if none). */
static size_t qualifier_before(const struct sent *s, size_t a, enum cor_qualifier *q)
{
    size_t best = 0;
    for (size_t k = 0; k < N_OF(qualifiers); k++) {
        size_t len = phrase_before(s, a, qualifiers[k].phrase);
        if (len > best) {
            best = len;
            *q = qualifiers[k].q;
        }
    }
    return best;
}

static void flip(struct cor_finding *f)
{
    static const enum cor_qualifier flipped[COR_Q_COUNT] = {
        [COR_Q_EXACT] = COR_Q_EXACT,         [COR_Q_APPROX] = COR_Q_APPROX,
        [COR_Q_NEARLY] = COR_Q_NEARLY,       [COR_Q_MORE_THAN] = COR_Q_LESS_THAN,
        [COR_Q_AT_LEAST] = COR_Q_AT_MOST,    [COR_Q_LESS_THAN] = COR_Q_MORE_THAN,
        [COR_Q_AT_MOST] = COR_Q_AT_LEAST,    [COR_Q_RANGE] = COR_Q_RANGE};
    f->qualifier = flipped[f->qualifier];
    f->value = -f->value;
    double lo = f->lo;
    f->lo = -f->hi;
    f->hi = -lo;
}

static const char *figure_reason(const struct cor_finding *f, int range)
{
    if (range)
        return "a range";
    if (strcmp(f->unit, "x") == 0)
        return "a multiple";
    if (strcmp(f->unit, "fraction") == 0)
        return "a fraction";
    if (strcmp(f->unit, "%") == 0)
        return "a percentage";
    if (strcmp(f->unit, "pp") == 0)
        return "a change in percentage points";
    if (f->currency >= 0)
        return "an amount of money";
    if (f->unit[0])
        return "a quantity with its unit";
    return "a count";
}

/* A range after the quantity q ("40% to 50%", "$10-28 billion", "between 10
 * and 28"): merges it into q and returns 1. */
static int range_after(struct sent *s, struct qty *q, int between, struct qty *q2)
{
    const struct tok *T = s->T;
    size_t j = q->b;
    if (j >= s->n)
        return 0;
    int sep = (T[j].type == TK_DASH && (T[j].sym == DASH_HYPHEN || T[j].sym == DASH_EN) &&
               (q->kind == QK_DIGITS)) ||
              word_at(s, j, "to") || (between && word_at(s, j, "and"));
    if (!sep)
        return 0;
    size_t k = j + 1;
    int cur2 = k < s->n ? currency_sign(&T[k]) : -1;
    if (cur2 >= 0)
        k++;
    if (k >= s->n || s->used[k] || !quantity(s, k, q2) || q2->time ||
        q2->kind == QK_MULTIPLE || q2->kind == QK_FRACTION)
        return 0;
    if (cur2 >= 0)
        q2->currency = cur2;
    if (!q->unit[0] && q->scale == 1 && (q->currency < 0 || q2->currency < 0 ||
                                         q->currency == q2->currency)) {
        q->unit = q2->unit;
        q->scale = q2->scale;
        q->pp = q2->pp;
        if (q->currency < 0)
            q->currency = q2->currency;
    } else if (!q2->unit[0] && q2->scale == 1 && q2->currency < 0) {
        q2->unit = q->unit;
        q2->scale = q->scale;
        q2->currency = q->currency;
    }
    if (q2->currency < 0)
        q2->currency = q->currency;
    if (strcmp(q->unit, q2->unit) != 0 || q->currency != q2->currency)
        return 0;
    if (!(q->v * q->scale < q2->v * q2->scale))
        return 0;
    return 1;
}

static struct fig *new_fig(struct sent *s)
{
    struct fig *fs = cor_x_grow(s->fig, &s->figcap, s->nfig, sizeof *s->fig);
    if (!fs) {
        s->fail = 1;
        return NULL;
    }
    s->fig = fs;
    struct fig *g = &s->fig[s->nfig++];
    memset(g, 0, sizeof *g);
    g->f.find = COR_FIND_FIGURE;
    g->f.lo = g->f.hi = (double)NAN;
    g->f.currency = -1;
    g->f.unit = "";
    return g;
}

/* The counted noun after a count: "1 million Azerbaijanis". */
static void counted(const struct sent *s, size_t b, char *buf, size_t n)
{
    buf[0] = '\0';
    if (b < s->n && s->T[b].type == TK_WORD && !in_list(not_names, s->T[b].w))
        words_of(s, b, b + 1, buf, n);
}

/* The record metric (record_after in the tables). */
static int record_near(const struct sent *s, size_t qa, size_t b)
{
    for (size_t k = qa; k > 0 && qa - k < 3; k--)
        if (word_at(s, k - 1, "record"))
            return 1;
    size_t m = b < s->n && ((s->T[b].type == TK_PUNCT && s->T[b].c == ',') ||
                            s->T[b].type == TK_DASH)
                   ? b + 1
                   : b;   /* "12.9 bcm, a record", "$4.6 billion - a record" */
    for (const char *const *p = record_after; *p; p++)
        if (phrase_at(s, m, *p))
            return 1;
    return 0;
}

/* Is T[i] part of a figure already read? */
static int in_figure(const struct sent *s, size_t i)
{
    for (size_t g = 0; g < s->nfig; g++)
        if (i >= s->fig[g].a && i < s->fig[g].b)
            return 1;
    return 0;
}

static void figures(struct sent *s)
{
    const struct tok *T = s->T;
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i])
            continue;
        struct qty q, q2;
        if (!quantity(s, i, &q))
            continue;
        if (q.kind == QK_WORDS && !q.time && !q.unit[0] && q.currency < 0 && q.scale == 1) {
            size_t a = i, b = q.b;
            size_t c0;
            int cur = currency_before(s, a, &c0);
            if (cur < 0) {
                pend(s, a, b, COR_FIND_COUNT_WORD, "a count in words without a unit", -1);
                i = b - 1;
                continue;
            }
        }
        if (q.time) {
            pend(s, i, q.b, COR_FIND_DURATION, "a duration, not an amount", -1);
            i = q.b - 1;
            continue;
        }
        size_t a = i, ca;
        int cur = currency_before(s, i, &ca);
        if (cur >= 0 && !s->used[ca]) {
            a = ca;
            if (q.currency < 0)
                q.currency = cur;
        }
        int minus = a > 0 && T[a - 1].type == TK_DASH && glued(s, a) && !s->used[a - 1] &&
                    (T[a - 1].sym == DASH_MINUS || T[a - 1].space_before || a == 1);
        if (minus)
            a--;   /* -8%: a negative number */
        int between = a > 0 && word_at(s, a - 1, "between");
        int from = a > 0 && word_at(s, a - 1, "from");
        int dir_before = 0;
        for (size_t k = a; k > 0 && a - k < 6 && s->clause[k - 1] == s->clause[a]; k--)
            if ((dir_before = direction_of(&T[k - 1])) != 0)
                break;
        int range = !(from && dir_before) && range_after(s, &q, between, &q2);
        struct fig *g = new_fig(s);
        if (!g)
            return;
        g->a = a;
        g->b = range ? q2.b : q.b;
        g->pp = q.pp;
        struct cor_finding *f = &g->f;
        if (range) {
            settle(&q);
            settle(&q2);
            f->qualifier = COR_Q_RANGE;
            f->lo = q.v;
            f->hi = q2.v;
            f->value = (double)NAN;
        } else {
            double printed_scale = q.scale;
            settle(&q);
            f->qualifier = COR_Q_EXACT;
            f->value = q.v;
            g->scaled_count = !q.unit[0] && q.currency < 0 && printed_scale >= 1e3;
        }
        f->unit = q.unit;
        f->currency = q.currency;
        if (minus && range)
            f->lo = -f->lo;   /* -5 to 5 */
        else if (minus)
            f->value = -f->value;
        if (between)
            a--;
        /* the qualifier */
        enum cor_qualifier qual = COR_Q_EXACT;
        size_t ql = qualifier_before(s, a, &qual);
        g->qa = a - ql;
        if (ql) {
            words_of(s, a - ql, a, g->qualifier_words, sizeof g->qualifier_words);
            if (range)
                g->qualified_range = 1;
            else
                f->qualifier = qual;
        } else if (a >= 2 && punct(s, a - 1, '(') && s->nfig >= 2 &&
                   s->fig[s->nfig - 2].b == a - 1) {
            /* the same amount in another unit, in parentheses: its qualifier and period */
            g->same_as = s->nfig - 1;
            if (!range && s->fig[s->nfig - 2].f.qualifier != COR_Q_RANGE)
                f->qualifier = s->fig[s->nfig - 2].f.qualifier;
        }
        /* the direction and how it connects: "rose by", "rose to", "a 12% increase" */
        size_t k = g->qa;
        int level = k > 0 && (word_at(s, k - 1, "to") || word_at(s, k - 1, "from") ||
                              word_at(s, k - 1, "at"));
        int dir = 0;
        for (size_t p = k; p > 0 && k - p < 6 && s->clause[p - 1] == s->clause[g->a]; p--) {
            if (in_figure(s, p - 1))
                break;   /* another figure in between */
            int d = direction_of(&T[p - 1]);
            if (d && (is_word(&T[p - 1], "up") || is_word(&T[p - 1], "down"))) {
                /* "up 5%", but not "make up 60%" */
                int verb = p >= 2 && (word_at(s, p - 2, "make") || word_at(s, p - 2, "makes") ||
                                      word_at(s, p - 2, "made") || word_at(s, p - 2, "making"));
                if (p != k || verb)
                    d = 0;
            }
            if ((dir = d) != 0)
                break;
        }
        if (!dir && !level)
            for (size_t m = g->b; m < s->n && m < g->b + 2 && !dir; m++)
                if (T[m].type == TK_WORD && in_list(direction_nouns, T[m].w))
                    dir = direction_of(&T[m]);
        if (level)
            dir = 0;
        f->direction = dir;
        /* the metric */
        if (strcmp(f->unit, "x") == 0)
            f->metric = COR_GUESS_MULTIPLE;
        else if (in_clause_phrase(s, g->a, first_time_phrases))
            f->metric = COR_GUESS_FIRST_TIME;
        else if (record_near(s, g->qa, g->b))
            f->metric = COR_GUESS_RECORD;
        else if (g->pp)
            f->metric = COR_GUESS_PP_CHANGE;
        else if (unit_is_share(f->unit) && per_year(s, g->a))
            f->metric = COR_GUESS_CAGR;
        else if ((g->than = than_after(s, g->b)) != 0) {
            /* "35% more than in 2021": a growth; "44,000 TEU more": a change */
            f->metric = unit_is_share(f->unit) ? COR_GUESS_GROWTH : COR_GUESS_CHANGE;
            if (!dir)
                dir = g->than;
        } else if (dir)
            f->metric = unit_is_share(f->unit) ? COR_GUESS_GROWTH : COR_GUESS_CHANGE;
        else if (unit_is_share(f->unit))
            f->metric = COR_GUESS_SHARE;
        else
            f->metric = COR_GUESS_VALUE;
        if ((f->metric == COR_GUESS_GROWTH || f->metric == COR_GUESS_CHANGE ||
             f->metric == COR_GUESS_PP_CHANGE || f->metric == COR_GUESS_CAGR) && dir < 0) {
            flip(f);
            g->fell = 1;
        }
        if (!f->unit[0])
            counted(s, g->b, f->counted, sizeof f->counted);
        f->reason = figure_reason(f, range);
        mark(s, g->a, g->b);
        i = g->b - 1;
    }
}

/* ---- ranks --------------------------------------------------------------- */

/* "the largest supplier", "Kenya's second-largest trading partner", "its
 * 3rd biggest port": a rank figure, its value the position (1 without an
 * ordinal), its words the ordinal and the superlative. */
static void ranks(struct sent *s)
{
    const struct tok *T = s->T;
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i])
            continue;
        size_t a = i, k = i;
        double pos = 1;
        if (lookup(rank_ordinals, N_OF(rank_ordinals), &T[k], &pos))
            k++;
        else if (T[k].type == TK_NUM && !T[k].decimals && T[k].v >= 2 && T[k].v <= 1000 &&
                 k + 1 < s->n && T[k + 1].type == TK_WORD && glued(s, k + 1) &&
                 in_list(ordinal_endings, T[k + 1].w)) {
            pos = T[k].v;   /* 2nd */
            k += 2;
        }
        if (k > a && k < s->n && T[k].type == TK_DASH && T[k].sym == DASH_HYPHEN)
            k++;   /* second-largest */
        if (k >= s->n || T[k].type != TK_WORD || !in_list(superlatives, T[k].w))
            continue;
        size_t sup = k, end = 0;
        for (size_t m = sup + 1; m < s->n && m <= sup + 3 && T[m].type == TK_WORD; m++)
            if (in_list(rank_parts, T[m].w)) {
                end = m + 1;
                break;
            }
        const struct tok *owner = a > 0 ? &T[a - 1] : NULL;
        if (!end || !owner || owner->type != TK_WORD ||
            !(owner->poss || in_list(rank_owners, owner->w)))
            continue;
        if (is_word(owner, "the") && a >= 2 &&
            (word_at(s, a - 2, "of") || word_at(s, a - 2, "among")))
            continue;   /* "one of the largest": no one position */
        int taken = 0;
        for (size_t m = a; m < end; m++)
            taken |= s->used[m];
        if (taken)
            continue;
        struct fig *g = new_fig(s);
        if (!g)
            return;
        g->a = g->qa = a;
        g->b = sup + 1;
        struct cor_finding *f = &g->f;
        f->qualifier = COR_Q_EXACT;
        f->value = pos;
        f->unit = "";
        f->currency = -1;
        f->metric = COR_GUESS_RANK;
        f->reason = "a rank among parts (the largest first)";
        words_of(s, end - 1, end, f->counted, sizeof f->counted);
        mark(s, a, end);
        i = end - 1;
    }
}

/* ---- periods of the figures ---------------------------------------------- */

static void resolve(struct sent *s)
{
    int year = s->ex->year;
    int sentence_year = 0, latest = 0;
    for (size_t k = 0; k < s->nph; k++) {
        struct phrase *p = &s->ph[k];
        if (p->y0 && !p->m0 && !p->ytd && !p->quarter && !p->half && !p->since &&
            !p->fuzzy_decade) {
            sentence_year = sentence_year ? -1 : p->y0;
            if ((p->y1 ? p->y1 : p->y0) > latest)
                latest = p->y1 ? p->y1 : p->y0;
        }
    }
    for (size_t k = 0; k < s->nph; k++) {
        struct phrase *p = &s->ph[k];
        char text[64];
        int y = p->y0 ? p->y0 : year ? year : sentence_year > 0 ? sentence_year : 0;
        if (p->fuzzy_decade) {
            p->why = "'the early/mid/late ...0s' is not a period of the claims file";
            continue;
        }
        if (p->relative) {
            int off = p->offset;
            if (!year) {
                p->why = "'this/last/next year' but the text has no date line (give --date)";
                continue;
            }
            snprintf(text, sizeof text, "%d", year + off);
        } else if (p->since) {
            if (!year) {
                p->why = "'since' a year: the end is the text's date, which it does not give "
                         "(give --date)";
                continue;
            }
            snprintf(text, sizeof text, "%d..%d", p->y0, year);
        } else if (p->years) {
            int end = latest ? latest : p->past ? year : 0;
            if (!end) {
                p->why = "a span of several years whose end the sentence does not give: write "
                         "it as A..B";
                continue;
            }
            snprintf(text, sizeof text, "%d..%d", end - p->years, end);
        } else if (p->ytd || p->quarter || p->half || p->m0) {
            if (!y) {
                p->why = "a part of a year whose year the sentence does not give";
                continue;
            }
            int m0 = p->m0, m1 = p->m1;
            if (p->ytd)
                m0 = 1, m1 = p->ytd;
            else if (p->quarter)
                m0 = 3 * p->quarter - 2, m1 = 3 * p->quarter;
            else if (p->half)
                m0 = 6 * p->half - 5, m1 = 6 * p->half;
            if (m0 == 1 && m1 == 12)
                snprintf(text, sizeof text, "%d", y);
            else if (m0 == 1 && m1 == 6)
                snprintf(text, sizeof text, "%d-H1", y);
            else if (m0 == 7 && m1 == 12)
                snprintf(text, sizeof text, "%d-H2", y);
            else if ((m0 - 1) % 3 == 0 && m1 == m0 + 2)
                snprintf(text, sizeof text, "%d-Q%d", y, (m0 + 2) / 3);
            else if (m0 == m1)
                snprintf(text, sizeof text, "%d-%02d", y, m0);
            else if (m0 == 1)
                snprintf(text, sizeof text, "%d-%dM", y, m1);
            else
                snprintf(text, sizeof text, "%d-%02d..%d-%02d", y, m0, y, m1);
        } else if (p->y1)
            snprintf(text, sizeof text, "%d..%d", p->y0, p->y1);
        else
            snprintf(text, sizeof text, "%d", p->y0);
        if (cor_period_parse(text, strlen(text), &p->p) != COR_OK)
            p->why = "a period the claims file cannot state";
    }
}

/* A period phrase after a figure belongs to it when a preposition
 * introduces it ("in 2025", "for 2026", "by 2030", "in the first nine
 * months") or it is "this year"; not "its 2010 peak". */
static int attached(const struct sent *s, const struct phrase *p)
{
    static const char *const preps[] = {"in", "for", "by", "during", "over", "through", "until",
                                        "to", "since", "between", "from", "within", "across",
                                        "as", "of", NULL};
    size_t a = p->a;
    if (p->relative || (s->T[a].type == TK_WORD && in_list(preps, s->T[a].w)))
        return 1;
    if (a > 0 && is_word(&s->T[a - 1], "the"))
        a--;
    return a > 0 && s->T[a - 1].type == TK_WORD && in_list(preps, s->T[a - 1].w);
}

/* A phrase that names one whole year: "in 2004". */
static int plain_year(const struct phrase *p)
{
    return p->y0 && !p->y1 && !p->m0 && !p->ytd && !p->quarter && !p->half && !p->years &&
           !p->since && !p->relative && !p->fuzzy_decade;
}

/* Words in tokens [a, b) that make a year the base of a comparison: "its
 * size in 2004", "than in 2004". */
static int base_between(const struct sent *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        for (size_t k = 0; base_phrases[k]; k++)
            if (phrase_at(s, i, base_phrases[k]))
                return 1;
    return 0;
}

/* A multiple of the size in a base year ("nine times its size in 2004")
 * compares that year with the sentence's year ("In 2014 ...") or, when the
 * sentence names none after it, the text's date: the span base..end. */
static void base_span(struct sent *s, struct fig *fg, long base)
{
    int y = s->ph[base].y0, end = 0;
    const char *from = "the sentence's year";
    for (size_t k = 0; k < s->nph; k++)
        if ((long)k != base && plain_year(&s->ph[k]) && s->ph[k].y0 > y && s->ph[k].y0 > end)
            end = s->ph[k].y0;
    if (!end && s->ex->year > y) {
        end = s->ex->year;
        from = "the text's date";
    }
    char text[32];
    snprintf(text, sizeof text, "%d..%d", y, end);
    if (!end || cor_period_parse(text, strlen(text), &fg->f.period) != COR_OK) {
        append(fg->f.note, sizeof fg->f.note,
               "period: compared with %d, up to a year the sentence does not give: write it "
               "as %d..B",
               y, y);
        return;
    }
    append(fg->f.note, sizeof fg->f.note, "period: compared with %d, up to %s (%d)", y, from,
           end);
}

static void assign_periods(struct sent *s)
{
    for (size_t g = 0; g < s->nfig; g++) {
        struct fig *fg = &s->fig[g];
        long pick = -1;
        if (fg->same_as) {
            fg->f.period = s->fig[fg->same_as - 1].f.period;
            continue;
        }
        int c = s->clause[fg->b - 1];
        size_t next_fig = s->n;
        for (size_t h = 0; h < s->nfig; h++)
            if (s->fig[h].a >= fg->b && s->fig[h].a < next_fig)
                next_fig = s->fig[h].a;
        for (size_t k = 0; k < s->nph && pick < 0; k++)   /* after it, in its clause */
            if (s->ph[k].a >= fg->b && s->ph[k].a < next_fig && s->clause[s->ph[k].a] == c &&
                attached(s, &s->ph[k]))
                pick = (long)k;
        for (size_t k = 0; k < s->nph; k++)               /* before it, in its clause */
            if (pick < 0 && s->ph[k].b <= fg->qa && s->clause[s->ph[k].b - 1] == s->clause[fg->a]) {
                long last = (long)k;
                for (size_t m = k + 1; m < s->nph; m++)
                    if (s->ph[m].b <= fg->qa && s->clause[s->ph[m].b - 1] == s->clause[fg->a])
                        last = (long)m;
                pick = last;
            }
        if (pick < 0) {   /* "In 2025, ...": the one period named before it */
            long first = -1;
            int several = 0;
            for (size_t k = 0; k < s->nph; k++) {
                if (s->ph[k].b > fg->qa || s->part[s->ph[k].a] != s->part[fg->a])
                    continue;
                if (first < 0)
                    first = (long)k;
                else if (s->ph[k].p.kind == COR_PERIOD_NONE ||
                         !cor_period_equal(&s->ph[k].p, &s->ph[first].p))
                    several = 1;
            }
            if (first >= 0 && !several)
                pick = first;
            else if (several)
                append(fg->f.note, sizeof fg->f.note,
                       "period: the sentence names several before it; choose one");
            else if (s->nph)
                append(fg->f.note, sizeof fg->f.note,
                       "period: none in its clause or before it in the sentence");
        }
        if (pick < 0) {
            if (!s->nph)
                append(fg->f.note, sizeof fg->f.note, "period: the sentence states none");
            continue;
        }
        struct phrase *p = &s->ph[pick];
        p->used = 1;
        if (p->why) {
            char words[96];
            words_of(s, p->a, p->b, words, sizeof words);
            append(fg->f.note, sizeof fg->f.note, "period '%s': %s", words, p->why);
        } else if ((fg->f.metric == COR_GUESS_MULTIPLE || fg->than) && plain_year(p) &&
                   base_between(s, fg->b, p->b))
            base_span(s, fg, pick);
        else if ((fg->f.metric == COR_GUESS_FIRST_TIME || fg->f.metric == COR_GUESS_RECORD) &&
                 p->p.kind == COR_PERIOD_SPAN && p->p.m0 == 1 && p->p.m1 == 12 &&
                 p->p.y1 > p->p.y0) {
            /* a first time or a record is the figure of one year: the span's end */
            char text[16], words[96];
            snprintf(text, sizeof text, "%d", p->p.y1);
            cor_period_parse(text, strlen(text), &fg->f.period);
            words_of(s, p->a, p->b, words, sizeof words);
            append(fg->f.note, sizeof fg->f.note, "period: the end of '%s' (a %s is one year's "
                   "figure)", words, fg->f.metric == COR_GUESS_RECORD ? "record" : "first time");
        } else
            fg->f.period = p->p;
    }
}

static void figure_notes(struct sent *s)
{
    for (size_t g = 0; g < s->nfig; g++) {
        struct fig *fg = &s->fig[g];
        struct cor_finding *f = &fg->f;
        char words[96];
        if (fg->qualified_range)
            append(f->note, sizeof f->note,
                   "the range is qualified by '%s': written as the range itself",
                   fg->qualifier_words);
        if (fg->fell)
            append(f->note, sizeof f->note, "a fall: written as a negative number");
        if (fg->pp)
            append(f->note, sizeof f->note,
                   "percentage points: a change of a share; by = the column that names "
                   "the parts, part = the one whose share changed");
        if (f->metric == COR_GUESS_RANK) {
            append(f->note, sizeof f->note,
                   "rank: by = the column that names each %s, part = the one ranked",
                   f->counted);
            f->counted[0] = '\0';
        } else if (!f->unit[0]) {
            if (f->counted[0])
                append(f->note, sizeof f->note, "claim_unit: the unit of this count of '%s'",
                       f->counted);
            else
                append(f->note, sizeof f->note, "claim_unit: the unit of this count");
        }
        if (fg->scaled_count && f->qualifier == COR_Q_EXACT) {
            words_of(s, fg->a, fg->b, words, sizeof words);
            append(f->note, sizeof f->note,
                   "printed as '%s': an exact claim of the full number holds only to half a "
                   "unit",
                   words);
        }
    }
}

/* ---- output -------------------------------------------------------------- */

static int add_finding(struct cor_extract *ex, const struct cor_finding *f)
{
    struct cor_finding *fs = cor_x_grow(ex->f, &ex->f_cap, ex->nf, sizeof *ex->f);
    if (!fs)
        return 0;
    ex->f = fs;
    ex->f[ex->nf++] = *f;
    return 1;
}

static void locate(const struct sent *s, struct cor_finding *f, size_t a, size_t b)
{
    f->start = s->T[a].start;
    f->end = s->T[b - 1].end;
    f->sentence = s->index;
    cor_x_position(s->ex, s->ex->map[f->start], &f->line, &f->col);
}

static int by_start(const void *a, const void *b)
{
    const struct cor_finding *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int emit(struct sent *s)
{
    size_t first = s->ex->nf;
    for (size_t g = 0; g < s->nfig; g++) {
        struct cor_finding f = s->fig[g].f;
        locate(s, &f, s->fig[g].a, s->fig[g].b);
        if (!add_finding(s->ex, &f))
            return 0;
    }
    for (size_t k = 0; k < s->npend; k++) {
        const struct pending *p = &s->pend[k];
        struct cor_finding f;
        memset(&f, 0, sizeof f);
        f.find = p->find;
        f.reason = p->reason;
        f.value = f.lo = f.hi = (double)NAN;
        f.currency = -1;
        f.unit = "";
        if (p->find == COR_FIND_YEAR)
            f.reason = p->phrase >= 0 && s->ph[p->phrase].used
                           ? "a year: the period of a figure of the sentence"
                           : "a year used as a date";
        else if (p->find == COR_FIND_DURATION && p->phrase >= 0 && s->ph[p->phrase].used)
            f.reason = "a duration: the period of a figure of the sentence";
        locate(s, &f, p->a, p->b);
        if (!add_finding(s->ex, &f))
            return 0;
    }
    if (s->ex->nf - first > 1)
        qsort(s->ex->f + first, s->ex->nf - first, sizeof *s->ex->f, by_start);
    return 1;
}

enum cor_status cor_x_grammar(struct cor_extract *ex, size_t sentence)
{
    struct sent s;
    memset(&s, 0, sizeof s);
    s.ex = ex;
    s.T = ex->toks;
    s.n = ex->ntoks;
    s.index = sentence;
    if (s.n == 0)
        return COR_OK;
    s.used = calloc(s.n, 1);
    s.clause = calloc(s.n, sizeof *s.clause);
    s.part = calloc(s.n, sizeof *s.part);
    int ok = s.used && s.clause && s.part;
    if (ok) {
        clauses(&s);
        addresses(&s);
        dates_and_times(&s);
        period_phrases(&s);
        ranks(&s);
        names_and_more(&s);
        figures(&s);
        resolve(&s);
        assign_periods(&s);
        figure_notes(&s);
        ok = !s.fail && emit(&s);
    }
    free(s.used);
    free(s.clause);
    free(s.part);
    free(s.ph);
    free(s.pend);
    free(s.fig);
    return ok ? COR_OK : COR_ENOMEM;
}

/* ---- the date line ------------------------------------------------------- */

int cor_x_date_line_year(struct cor_extract *ex)
{
    size_t a = 0;
    for (int line = 0; line < 15 && a < ex->len;) {
        size_t b = a;
        while (b < ex->len && ex->text[b] != '\n')
            b++;
        size_t chars = 0, blank = 1;
        for (size_t k = a; k < b; k++) {
            chars += ((unsigned char)ex->text[k] & 0xC0) != 0x80;
            blank &= ex->text[k] == ' ' || ex->text[k] == '\t';
        }
        line += !blank;
        if (!blank && chars <= 80 && cor_x_tokenize(ex, a, b) == COR_OK) {
            struct sent s;
            memset(&s, 0, sizeof s);
            s.ex = ex;
            s.T = ex->toks;
            s.n = ex->ntoks;
            for (size_t i = 0; i < s.n; i++) {
                size_t e = date_at(&s, i);
                if (e && year_tok(&s, e - 1))
                    return (int)s.T[e - 1].v;
                if (e && e == i + 5 && s.T[i].digits == 4)
                    return (int)s.T[i].v;
            }
        }
        a = b + 1;
    }
    return 0;
}
