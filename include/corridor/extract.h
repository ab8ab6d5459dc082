/* corridor/extract.h - the quantitative statements of a text: every figure
 * an article states, with its qualifier, unit, period and a guess of the
 * claim metric, and every other number with the reason it is not a figure.
 *
 * The text is UTF-8 (plain, Markdown or HTML; Markdown and HTML are reduced
 * to plain text first). A tokenizer cuts the text into sentences and tokens;
 * grammar tables (numbers and scale words, fractions, multiples, units,
 * currencies, qualifiers, direction words, period phrases, and the
 * exclusions: dates, times, names, ordinals, years, durations...) turn the
 * tokens into findings. Only the C library is used.
 *
 * What is a figure: a number in digits that is not a date, time, name,
 * ordinal, year, duration, reference mark, list number or part of an
 * address; a number in words with a scale word or a unit ("one million",
 * "five percent"); a fraction in words ("one-third", "a third", "half"); a
 * multiple ("fivefold", "doubled", "2.6 times"); a rank among the parts of a
 * market ("the largest supplier", "Israel's second-largest trading partner":
 * a superlative with a word naming a part). Counts written in words
 * without a unit ("three rounds of talks") and durations ("six weeks",
 * "three decades") are found and listed, not drafted.
 *
 * Ownership: cor_extract_new() returns an extraction that cor_extract_free()
 * releases (NULL is a no-op). Texts, sentences and findings returned by the
 * accessors live as long as the extraction (until the next
 * cor_extract_run() on it). cor_coverage_fini() releases what
 * cor_extract_coverage() filled. */
#ifndef CORRIDOR_EXTRACT_H
#define CORRIDOR_EXTRACT_H

#include <stddef.h>

#include "corridor/dataset.h"
#include "corridor/error.h"
#include "corridor/names.h"
#include "corridor/period.h"
#include "corridor/table.h"

enum cor_text_format {
    COR_TEXT_AUTO = 0,   /* by the file name (.md, .html), else by the content */
    COR_TEXT_PLAIN,
    COR_TEXT_MARKDOWN,
    COR_TEXT_HTML
};

/* What a number found in the text is. */
enum cor_find {
    COR_FIND_FIGURE = 0,  /* a quantitative statement: drafted */
    COR_FIND_DATE,        /* a calendar date: October 18, July 12-13, 2025-12-18 */
    COR_FIND_TIME,        /* a time of day: 19:25, 7 p.m. */
    COR_FIND_NAME,        /* part of a name: Section 907, Resolution 2728, F-16 */
    COR_FIND_ORDINAL,     /* 10th, second */
    COR_FIND_YEAR,        /* a year or decade: a date, or the period of a figure */
    COR_FIND_DURATION,    /* six weeks, three decades: a length of time */
    COR_FIND_PERIOD_PART, /* the nine of "the first nine months of 2024" */
    COR_FIND_COUNT_WORD,  /* a count in words without a unit: three rounds of talks */
    COR_FIND_REFERENCE,   /* a reference mark: [1] */
    COR_FIND_LIST,        /* a list or section number at the start of a line */
    COR_FIND_ADDRESS,     /* part of a web or mail address */
    COR_FIND_KINDS
};

/* The claim metric a figure most likely needs (a guess for the user). */
enum cor_guess {
    COR_GUESS_VALUE = 0,  /* the level itself */
    COR_GUESS_GROWTH,     /* "rose by 12%": a rate of change */
    COR_GUESS_MULTIPLE,   /* "fivefold", "doubled": X_B / X_A */
    COR_GUESS_SHARE,      /* "40% of": a part of a whole */
    COR_GUESS_CHANGE,     /* "rose by 5,000 TEU": a difference */
    COR_GUESS_RECORD,     /* "a record $5 billion" */
    COR_GUESS_FIRST_TIME, /* "for the first time" */
    COR_GUESS_RANK,       /* "the second-largest port": a part's position, the largest
                           * first (value 2; no unit) */
    COR_GUESS_CAGR,       /* "grew about 9% a year in 2019-2023": a compound annual rate
                           * over a span */
    COR_GUESS_PP_CHANGE,  /* "rose by 16 percentage points": a change of a share (unit pp) */
    COR_GUESS_KINDS
};

struct cor_sentence {
    size_t start, end;           /* bytes of cor_extract_text() */
    unsigned long line, col;     /* where it starts in the input (1-based; columns count
                                  * characters) */
};

struct cor_finding {
    enum cor_find find;
    const char *reason;          /* why it is or is not a figure (static text) */
    size_t start, end;           /* the number's words in cor_extract_text(): "$900 million",
                                  * "40% to 50%", "one-third" (no qualifier) */
    size_t sentence;             /* index of its sentence */
    unsigned long line, col;     /* where it starts in the input */
    /* figures only (find == COR_FIND_FIGURE): */
    enum cor_qualifier qualifier;
    double value;                /* the number as the claim states it (NaN for a range);
                                  * negative for a fall ("fell 8%": -8) */
    double lo, hi;               /* a range's bounds (NaN otherwise) */
    const char *unit;            /* claim unit: "%", "fraction", "x", "pp", "TEU", "t", "Mt",
                                  * "bcm", "b/d", a money scale ("million")...; "" when
                                  * the text names none (a count) */
    int currency;                /* ISO 4217 index for money, -1 otherwise */
    enum cor_guess metric;
    int direction;               /* +1 rose, -1 fell, 0 not said */
    struct cor_period period;    /* kind COR_PERIOD_NONE when the sentence gives none */
    char counted[48];            /* what a count counts ("vessels"), "" if not a count */
    char note[384];              /* what the user still has to decide */
};

struct cor_extract_opts {
    int year;                    /* the year "this year" means; 0: from a date line of
                                  * the text (if any) */
};

struct cor_extract;

struct cor_extract *cor_extract_new(void);
void cor_extract_free(struct cor_extract *ex);

/* The format a file most likely has: .md/.markdown is Markdown, .htm/.html
 * HTML; otherwise HTML when the text starts with a tag (<!DOCTYPE, <html,
 * <p...), else plain. path may be NULL. */
enum cor_text_format cor_extract_guess_format(const char *path, const char *text, size_t len);

/* Reads text (len bytes of UTF-8; a byte-order mark is skipped) and finds
 * every number in it. path is used in messages only. Returns COR_EPARSE
 * with err located (line, column) for bytes that are not UTF-8 or a NUL
 * byte, COR_ENOMEM when memory runs out. opts may be NULL. */
enum cor_status cor_extract_run(struct cor_extract *ex, const char *path, const char *text,
                                size_t len, enum cor_text_format fmt,
                                const struct cor_extract_opts *opts, struct cor_error *err);

/* The same for the file at path ("-": standard input), read whole; fmt
 * COR_TEXT_AUTO guesses from the name and the content. COR_EIO (err says
 * why) if it cannot be read. */
enum cor_status cor_extract_file(struct cor_extract *ex, const char *path,
                                 enum cor_text_format fmt, const struct cor_extract_opts *opts,
                                 struct cor_error *err);

/* The text after reduction to plain text (NUL-terminated); *len if not NULL. */
const char *cor_extract_text(const struct cor_extract *ex, size_t *len);

size_t cor_extract_sentence_count(const struct cor_extract *ex);
const struct cor_sentence *cor_extract_sentence(const struct cor_extract *ex, size_t i);

/* Every number found, in text order: figures and the rest. */
size_t cor_extract_count(const struct cor_extract *ex);
const struct cor_finding *cor_extract_at(const struct cor_extract *ex, size_t i);

/* The year "this year" resolved to (from opts or a date line), 0 if none. */
int cor_extract_year(const struct cor_extract *ex);

/* "figure", "date", "time", "name", ... (static). */
const char *cor_find_name(enum cor_find f);
/* "value", "growth", "multiple", "share", "change", "record", "first_time",
 * "rank", "cagr", "pp_change": the claim metric of that name. */
const char *cor_guess_name(enum cor_guess g);

/* ---- with a dataset ------------------------------------------------------ */

/* The entity of ds that the text s (len bytes) names: the names of the
 * entity column of every observation kind (port, pipeline, importer,
 * country, asset, entity) are looked for as whole words. Sets *kind and
 * *entity (the dataset's string) when exactly one (kind, entity) is named
 * and, if unit is not empty, accepts the unit; otherwise *entity is NULL
 * and the candidates ("Israel (trade), Israel (indicator)", "" if none) are
 * in candidates. COR_ENOMEM (*entity NULL). */
enum cor_status cor_extract_entity(const struct cor_dataset *ds, const char *s, size_t len,
                                   const char *unit, enum cor_kind *kind, const char **entity,
                                   char *candidates, size_t n, struct cor_error *err);

/* A claims table (the columns of the claims file, in the order of
 * `corridor schema claims`) to which cor_extract_draft() adds rows. NULL
 * when memory runs out; cor_table_free() releases it. */
struct cor_table *cor_extract_draft_table(void);

/* Adds one draft claim row per figure of ex to t: id "D<n>" counting from
 * *next_id (advanced), the article name, the sentence as quote, the
 * qualifier, the number, the unit, the metric, the period, and a note of
 * what is left to fill in. With ds (may be NULL), kind and entity are filled
 * when cor_extract_entity() finds one. */
enum cor_status cor_extract_draft(const struct cor_extract *ex, const char *article,
                                  const struct cor_dataset *ds, struct cor_table *t,
                                  size_t *next_id);

/* A table of every number found (figures and the rest): article, line,
 * column, the words, the decision and its reason, and for figures the
 * qualifier, number, unit, metric and period. NULL when memory runs out. */
struct cor_table *cor_extract_list_table(const struct cor_extract *ex, const char *article);

/* ---- coverage of an article by a claims file ----------------------------- */

enum cor_cover {
    COR_COVER_CLAIM = 0,  /* a claim row quotes it and states its number */
    COR_COVER_SKIP,       /* a row with metric skip quotes it (out of scope, with a reason) */
    COR_COVER_MISSING     /* no row */
};

struct cor_coverage_item {
    size_t finding;                      /* index in the extraction */
    enum cor_cover cover;
    const struct cor_claim_record *row;  /* the row that covers it, NULL if missing */
};

struct cor_coverage {
    struct cor_coverage_item *items;     /* one per figure, in text order */
    size_t n;
    size_t count[3];                     /* by enum cor_cover */
};

/* Which claim rows of ds cover each figure of ex. A row covers a figure when
 * it belongs to the article (its article column is empty, is the article's
 * file name, or is the id of a sources row whose article column is that
 * file name), its quote occurs in the text around the figure (compared with
 * runs of white space as one space, curly quotes as straight ones and
 * dashes as '-'), and either its claimed number is the figure's (value, or
 * both ends of a range, in the base unit: 40% = 0.4 fraction, 900 million =
 * 9e8) or its metric is skip (with no number, or the figure's). Rows that
 * failed validation are ignored. */
enum cor_status cor_extract_coverage(const struct cor_extract *ex, const char *article,
                                     const struct cor_dataset *ds, struct cor_coverage *out,
                                     struct cor_error *err);
void cor_coverage_fini(struct cor_coverage *cov);

#endif
