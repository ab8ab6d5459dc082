/* corridor/chart.h - charts as self-contained gnuplot scripts, and their
 * rendering by gnuplot.
 *
 * A generated script is code that gnuplot executes, so text from data never
 * becomes code: numbers go into an inline datablock whose end marker no data
 * line starts with; every label taken from data is single-quoted (a quote
 * from data is written '.sprintf('%c',39).'), stripped of control characters, and
 * printed `noenhanced`;
 * nothing from data reaches system, !, load, call, '< cmd' or '| cmd'.
 * Single-quoted strings are never subject to backquote substitution.
 *
 * Ownership: the chart is a caller-allocated description (strings are
 * borrowed for the duration of a call); nothing here keeps a pointer. */
#ifndef CORRIDOR_CHART_H
#define CORRIDOR_CHART_H

#include <stddef.h>
#include <stdio.h>

#include "corridor/error.h"

enum cor_chart_type {
    COR_CHART_LINE,        /* time series: x numeric (years), lines and markers */
    COR_CHART_POINTS,      /* markers only (estimates from several sources) */
    COR_CHART_BAR,         /* one series, one bar per category */
    COR_CHART_GROUPED,     /* several series side by side per category */
    COR_CHART_STACKED100   /* shares: each category's bar scaled to 100% */
};

/* "line", "points", "bar", "grouped", "stacked" -> type; -1 if unknown. */
int cor_chart_type_lookup(const char *name);
const char *cor_chart_type_name(enum cor_chart_type t);

enum cor_terminal { COR_TERM_PNG, COR_TERM_SVG, COR_TERM_PDF };

/* How a point was published: actual points are filled and joined by a
 * line; estimates, projections and plans hollow and joined by dashed
 * segments (to the figure before them, actual or not); statements (a
 * person's words, status claim) hollow diamonds, never joined. */
enum cor_mark {
    COR_MARK_ACTUAL,
    COR_MARK_ESTIMATE,
    COR_MARK_PROJECTED,
    COR_MARK_STATEMENT,
    COR_MARK_PLANNED       /* a plan or budget: drawn as a projection, named a plan */
};

struct cor_chart_point {
    double x;              /* year (line, points) or category index (bars) */
    double y;              /* the value (for "more than" figures: the bound) */
    double lo, hi;         /* interval; NaN: none; hi = +inf: "more than lo" */
    enum cor_mark mark;
};

struct cor_chart_series {
    const char *label;     /* from data: quoted, never code */
    const struct cor_chart_point *points;
    size_t n;
};

struct cor_chart_threshold {
    double y;
    const char *label;
};

struct cor_chart {
    enum cor_chart_type type;
    const char *title, *xlabel, *ylabel;  /* axis labels carry units */
    const char *source;                   /* "Source: ..." line under the chart */
    const struct cor_chart_series *series;
    size_t nseries;
    const char *const *categories;        /* bar charts: one label per index */
    size_t ncategories;
    const struct cor_chart_threshold *thresholds;
    size_t nthresholds;
    int width, height;                    /* pixels (PDF: 1/100 inch); 0: 1000 x 600 */
};

/* Every series of a chart gets its own look (a colour, and on line and
 * points charts a marker shape): at most this many series for a chart type
 * (bars: 20 colours; line and points: 20 colours x 4 shapes).
 * cor_chart_write() refuses more (COR_EINVAL). */
size_t cor_chart_max_series(enum cor_chart_type t);

/* Labels longer than this many characters are shortened for display in a
 * legend (the last shown character an ellipsis, U+2026); the caller keeps
 * the full text elsewhere (a table). Bar categories: COR_CHART_TIC_CHARS. */
#define COR_CHART_LABEL_CHARS 40
#define COR_CHART_TIC_CHARS 24

/* How many characters the legend of chart c shows of a label: 40, or 28
 * when so many entries need two columns. */
size_t cor_chart_label_chars(const struct cor_chart *c);

/* s shortened to at most max characters (UTF-8 aware; an ellipsis ends a
 * shortened one) into buf (n bytes). Returns 1 if it was shortened. */
int cor_chart_shorten(const char *s, size_t max, char *buf, size_t n);

/* "png", "svg", "pdf" -> terminal; -1 if unknown. And the file extension. */
int cor_terminal_lookup(const char *name);
const char *cor_terminal_ext(enum cor_terminal t);

/* Writes a self-contained script that renders `c` into the file named by
 * the gnuplot variable `outfile` (default output_name; '-' for standard
 * output) on the terminal named by the variable `term` ("png", "svg" or
 * "pdf"; default t). Marks that would sit on top of each other (the same x
 * and close values, or overlapping intervals) are nudged apart by a
 * marker's width, lines still passing through the true x; bars of one
 * category stand side by side, centred on it; the y axis is labelled with
 * thousands separators (100,000); bar labels are thinned (and turned)
 * when they would overlap; labels are shortened (cor_chart_shorten) and
 * the legend is laid out to fit (the image grows taller for a long one).
 * COR_EINVAL for an output name that starts with '|' or '<', or more series
 * than cor_chart_max_series(); COR_ENOMEM. */
enum cor_status cor_chart_write(const struct cor_chart *c, enum cor_terminal t,
                                const char *output_name, FILE *out, struct cor_error *err);

/* Copies s to buf as the inside of a gnuplot single-quoted string: control
 * characters as spaces, invalid UTF-8 as U+FFFD, each ' as
 * '.sprintf('%c',39).' (close, a quote, reopen: gnuplot 5.4 misreads '' at
 * the start of a string and '''' anywhere). '%s' around the result is a
 * string expression. Cut at a whole character if buf (n bytes) is too
 * small; a quote takes 23 bytes.
 * Returns buf. */
char *cor_chart_quote(const char *s, char *buf, size_t n);

/* Runs gnuplot (fork and exec, no shell) on a script of cor_chart_write()
 * with terminal t; the image is written through corridor/atomic.h like every
 * output (whole; never over an input; a device written into directly), so a
 * failed render keeps any earlier image. COR_ENOTFOUND if gnuplot is not installed; COR_EIO with gnuplot's
 * own messages in err when it fails. */
enum cor_status cor_chart_render(const char *script_path, const char *output_path,
                                 enum cor_terminal t, struct cor_error *err);

/* The same; on success, what gnuplot printed (its warnings, such as a
 * legend it could not fit and dropped) goes to warnings (n bytes, "" when
 * it printed nothing), so that no part of a chart vanishes silently. */
enum cor_status cor_chart_render_warnings(const char *script_path, const char *output_path,
                                          enum cor_terminal t, char *warnings, size_t n,
                                          struct cor_error *err);

#endif
