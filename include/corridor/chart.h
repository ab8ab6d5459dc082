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

enum cor_terminal { COR_TERM_PNG, COR_TERM_SVG, COR_TERM_PDF };

/* How a point was published: actual points are filled, the others hollow
 * and joined by dashed segments. */
enum cor_mark { COR_MARK_ACTUAL, COR_MARK_ESTIMATE, COR_MARK_PROJECTED };

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

/* "png", "svg", "pdf" -> terminal; -1 if unknown. And the file extension. */
int cor_terminal_lookup(const char *name);
const char *cor_terminal_ext(enum cor_terminal t);

/* Writes a self-contained script that renders `c` on terminal `t` into the
 * file named by the gnuplot variable `outfile`, defaulting to output_name.
 * COR_EINVAL for an output name that starts with '|' or '<'. */
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

/* Runs gnuplot (fork and exec, no shell) on script_path, writing the image
 * to a temporary file next to output_path that is renamed over it only when
 * gnuplot succeeds. COR_ENOTFOUND if gnuplot is not installed; COR_EIO with
 * gnuplot's own messages in err when it fails. */
enum cor_status cor_chart_render(const char *script_path, const char *output_path,
                                 struct cor_error *err);

#endif
