/* Internals of the extractor: the reduced text, its tokens, and the
 * functions shared by the reduction, tokenizer and grammar files. */
#ifndef CORRIDOR_EXTRACT_INTERNAL_H
#define CORRIDOR_EXTRACT_INTERNAL_H

#include <stddef.h>

#include "corridor/extract.h"

enum tok_type {
    TK_NUM,     /* digits, with grouping and decimals: 100,000  2.6 */
    TK_WORD,    /* letters (any script), apostrophes inside: isn't */
    TK_SYM,     /* $ % / : and the like; see enum sym */
    TK_DASH,    /* - (hyphen), en dash, em dash, minus sign */
    TK_PUNCT,   /* , ; . ! ? ( ) [ ] | ... */
    TK_QUOTE    /* ' " and the curly quotes */
};

enum sym {
    SYM_OTHER = 0, SYM_DOLLAR, SYM_EURO, SYM_POUND, SYM_MANAT, SYM_RUBLE, SYM_LIRA,
    SYM_SHEKEL, SYM_RUPEE, SYM_YEN, SYM_PERCENT, SYM_SLASH, SYM_COLON, SYM_AT, SYM_HASH,
    SYM_PLUS, SYM_AMP
};

enum dash { DASH_HYPHEN = 1, DASH_EN, DASH_EM, DASH_MINUS };

struct tok {
    enum tok_type type;
    size_t start, end;           /* bytes of the reduced text */
    unsigned char space_before;   /* white space between this token and the previous */
    unsigned char line_start;     /* first token of its line (after bullets) */
    unsigned char cap;            /* a word starting with an upper-case letter */
    unsigned char upper;          /* a word of upper-case letters only (USD, TEU) */
    unsigned char poss;           /* a word followed by 's (its w has no 's) */
    char w[24];                  /* WORD: lower case ASCII ("" if longer or not ASCII) */
    char c;                      /* PUNCT/QUOTE: the character (ASCII stand-in) */
    int sym;                     /* SYM: enum sym; DASH: enum dash */
    /* TK_NUM */
    double v;
    int decimals;                /* digits after the point */
    int digits;                  /* digits before the point */
    int grouped;                 /* written with thousands separators */
};

struct cor_extract {
    char *text;                  /* the reduced text, NUL-terminated */
    size_t len, cap;
    size_t *map;                 /* input offset of each byte of text */
    const char *in;              /* the input during a run (not owned) */
    size_t in_len;
    size_t *lines;               /* input offsets where lines start */
    size_t nlines;
    struct cor_sentence *sent;
    size_t nsent, sent_cap;
    struct cor_finding *f;
    size_t nf, f_cap;
    int year;                    /* "this year" */
    int year_from_text;          /* the date line's year (0: none) */
    struct tok *toks;            /* the current sentence's tokens */
    size_t ntoks, toks_cap;
};

/* text.c: reduction of plain, Markdown or HTML input to ex->text and
 * ex->map; UTF-8 checked first. */
enum cor_status cor_x_reduce(struct cor_extract *ex, const char *path,
                             enum cor_text_format fmt, struct cor_error *err);
/* Line and column (1-based, characters) of an input offset. */
void cor_x_position(const struct cor_extract *ex, size_t in_off, unsigned long *line,
                    unsigned long *col);

/* tokens.c: sentences of ex->text, and the tokens of one sentence. */
enum cor_status cor_x_sentences(struct cor_extract *ex);
enum cor_status cor_x_tokenize(struct cor_extract *ex, size_t start, size_t end);

/* grammar.c: the findings of the current sentence (ex->toks); the date
 * line's year (a line of at most 80 characters among the first 15 that
 * holds a full date), 0 if none. */
enum cor_status cor_x_grammar(struct cor_extract *ex, size_t sentence);
int cor_x_date_line_year(struct cor_extract *ex);

/* Room for element n of an array of `size`-byte elements with *cap slots:
 * the array (moved when it grew), or NULL when memory runs out (the old
 * array is then still valid and *cap unchanged). */
void *cor_x_grow(void *p, size_t *cap, size_t n, size_t size);

/* UTF-8: the code point at s[*i] (advancing *i), or -1 for a malformed one. */
long cor_x_utf8_next(const char *s, size_t len, size_t *i);

/* White space, including no-break and thin spaces. */
int cor_x_is_space(long cp);

/* Compares text (len bytes) with a normalised copy: runs of white space as
 * one space, curly quotes straight, dashes '-'. Writes into out (cap bytes)
 * and, if map is not NULL, the offset in text of each byte written.
 * Returns the length written. */
size_t cor_x_normalise(const char *text, size_t len, char *out, size_t *map, size_t cap);

#endif
