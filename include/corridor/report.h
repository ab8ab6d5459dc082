/* corridor/report.h - the report: what the data says, in one folder.
 *
 * cor_report_write() writes into a folder:
 *   index.html  one self-contained page (works offline): a summary of the
 *               verdicts, a card per claim, the charts as inline SVG, the
 *               tables; with a print stylesheet (every source and quote
 *               shows, tables fit the page)
 *   report.md   the same in Markdown, the charts as PNG
 *   tables/     every table as .csv .tsv .md .tex .html .json .txt
 *   charts/     every chart as a gnuplot script (.gp) and its .png and .svg
 *
 * What the charts and tables show comes from a spec: a report.ini file that
 * travels with the data (cor_report_spec_read(); its format is printed by
 * cor_report_spec_doc()), or, without one, from the data itself
 * (cor_report_spec_auto(): one chart and one table per series found). No
 * name of any dataset is built in.
 *
 * Chart building is here too: a selected series becomes a chart with one
 * line (or set of bars) per value of the `by` columns, marks by status, a
 * source line naming the publishers (cor_report_figure_*); `corridor plot`
 * draws one.
 *
 * The library never prints: what a caller should tell the user (a chart
 * skipped because its selection is empty, gnuplot missing) goes to the
 * warning callback.
 *
 * Ownership: cor_report_spec_init() prepares a caller-allocated spec that
 * cor_report_spec_fini() releases; the spec owns every string it holds
 * (its selections point into it). cor_report_figure_new() returns a figure
 * that cor_report_figure_free() releases; the figure copies what it needs
 * (the dataset may go after the call). */
#ifndef CORRIDOR_REPORT_H
#define CORRIDOR_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "corridor/chart.h"
#include "corridor/dataset.h"
#include "corridor/error.h"
#include "corridor/interval.h"
#include "corridor/series.h"

/* ---- the spec ------------------------------------------------------------ */

enum cor_report_item_type {
    COR_REPORT_CHART,    /* a chart: charts/NAME.gp, .png, .svg */
    COR_REPORT_TABLE     /* a table: tables/NAME.csv ... .txt */
};

/* What a table shows of its selection. */
enum cor_report_metric {
    COR_REPORT_FIGURES,  /* "figures": every figure with its interval, status and
                          * source, and the year-on-year growth (%) against the one
                          * figure of the same series a year before */
    COR_REPORT_SHARES    /* "shares": each period's parts (the values of the one `by`
                          * column, corridor/parts.h) with their share (%) of the
                          * stated total, and its remainder other/unknown, or of
                          * their sum; the total and aggregates shown, not parts */
};

/* One chart or table: a selection and how to show it. */
struct cor_report_item {
    enum cor_report_item_type type;
    char *name;                   /* file stem: letters, digits, '-' and '_' */
    char *title;                  /* NULL: the entity and unit */
    char *xlabel, *ylabel;        /* charts; NULL: "year" or "period", and the unit */
    struct cor_select sel;        /* its strings belong to the spec */
    char *by;                     /* key columns, comma-separated: one series per value;
                                   * "source" names each figure's publisher */
    char *total;                  /* shares and 100% bars: the value of `by` that is the
                                   * stated total (corridor/parts.h); NULL: the rows whose
                                   * `by` is empty (all), else the sum of the parts */
    enum cor_chart_type chart;    /* charts */
    enum cor_report_metric metric;/* tables */
    struct cor_chart_threshold *thresholds;   /* charts: labelled lines */
    size_t nthresholds;
    const char *path;             /* the spec file it comes from; NULL: automatic */
    unsigned long line;           /* its [section] line there */
};

struct cor_report_spec {
    char *title;                  /* the page's title; NULL: a default */
    char *lead;                   /* the paragraph under it; NULL: a default */
    struct cor_report_item *items;
    size_t n, cap;
    char **paths;                 /* the spec files read, in order */
    size_t npaths;
    char **strings;               /* every string the items point to (owned) */
    size_t nstrings, capstrings;
};

void cor_report_spec_init(struct cor_report_spec *spec);
void cor_report_spec_fini(struct cor_report_spec *spec);

/* Reads a spec file and appends its charts and tables to spec (a second
 * file adds to the first; its [report] title and lead replace earlier ones).
 * COR_EPARSE with path, line and column in err for a malformed line, an
 * unknown key, kind, unit, currency, status, chart type or metric, a name
 * used twice, or more conditions than a selection holds; COR_EIO if the file
 * cannot be read. On failure spec keeps what it held before the call. */
enum cor_status cor_report_spec_read(struct cor_report_spec *spec, const char *path,
                                     struct cor_error *err);

/* The name of the spec file a data folder may hold: "report.ini". */
extern const char cor_report_spec_file[];

/* Fills spec with the automatic report of a dataset: one chart per series
 * found (a record kind, an entity and every key column, in one dimension
 * and currency, drawn in its most frequent unit): a line chart when it has
 * two or more years, else bars. Series of one entity that differ in a
 * single key column and share a period are parts of one total: they become
 * one chart of bars grouped by period (stacked to 100% when they are
 * shares summing to 100%). One table per chart, of the same selection. */
enum cor_status cor_report_spec_auto(struct cor_report_spec *spec, const struct cor_dataset *ds,
                                     struct cor_error *err);

/* Writes the spec format (Markdown: every section and key, from the table
 * that drives the parser) to out. */
void cor_report_spec_doc(FILE *out);

/* ---- charts from series -------------------------------------------------- */

struct cor_report_figure_opts {
    enum cor_chart_type type;
    const char *by;               /* key columns: one chart series per value ("source":
                                   * the publisher of each figure) */
    const char *total;            /* stacked: the value of the one `by` column that is
                                   * the stated total (NULL: see corridor/parts.h) */
    const char *title;            /* NULL: "ENTITY: UNIT" */
    const char *xlabel, *ylabel;  /* NULL: "year" (line, points) or "period", the unit */
    const char *entity;           /* for the default title and series label */
    const struct cor_chart_threshold *thresholds;
    size_t nthresholds;
};

struct cor_report_figure;

/* Builds the chart of series s (selected from ds with kind `kind`):
 * actual figures filled, estimates and plans hollow, statements (status
 * claim) as statements, intervals as error bars, "more than" as an arrow up
 * from the bound; a source line with the publishers (and of the exchange
 * rates, for converted money). Line and points charts draw full years,
 * bars any dated period; bars of full years stand at their year (a missing
 * year leaves a gap). Other figures (partial years on a line, undated, NA)
 * are left out and listed by cor_report_figure_left_out(). A 100% stacked
 * bar with one `by` column stacks the parts of each period
 * (corridor/parts.h): the total and aggregates are the 100%, not parts, and
 * the remainder of a stated total is drawn as other/unknown. Grouped bars
 * of a single period become one bar per series, labelled on the x axis.
 * What the reader should know (labels shortened, parts left out) is in
 * cor_report_figure_notes(). COR_EDATA ("nothing to draw") when no figure
 * is left; COR_EINVAL when a 100% stacked bar would hold two figures of one
 * series and period, when a bar chart would hold several series, or more
 * series than a chart tells apart (cor_chart_max_series); COR_ENOMEM. */
enum cor_status cor_report_figure_new(const struct cor_dataset *ds, enum cor_kind kind,
                                      const struct cor_series *s,
                                      const struct cor_report_figure_opts *o,
                                      struct cor_report_figure **out, struct cor_error *err);
void cor_report_figure_free(struct cor_report_figure *f);

const struct cor_chart *cor_report_figure_chart(const struct cor_report_figure *f);

/* The periods left out of the chart, "2025-9M, undated" ("" if none). */
const char *cor_report_figure_left_out(const struct cor_report_figure *f);

/* Sentences on what the chart shows differently from the data ("" if
 * none): labels shortened (in full in the table), the total and aggregates
 * not drawn as parts, periods without parts. */
const char *cor_report_figure_notes(const struct cor_report_figure *f);

/* Writes the figure's gnuplot script to script_path, whole (a temporary
 * file renamed into place); it renders into image_name by default, on
 * terminal t. */
enum cor_status cor_report_figure_script(const struct cor_report_figure *f, enum cor_terminal t,
                                         const char *script_path, const char *image_name,
                                         struct cor_error *err);

/* ---- the report ---------------------------------------------------------- */

typedef void (*cor_report_warn_fn)(void *user, const char *message);

struct cor_report_opts {
    const char *dir;                   /* the output folder (created if missing) */
    const char *const *data;           /* the data paths as the user gave them, and */
    size_t ndata;
    const char *const *claims;         /* the claims paths: for the Reproduce commands */
    size_t nclaims;
    struct cor_ival_opts ival;         /* the tolerance of "about" (default 5%) */
    const char *source_note;           /* the footer's "from ..." (NULL: the data paths) */
    cor_report_warn_fn warn;           /* NULL: warnings are dropped */
    void *warn_user;
};

void cor_report_opts_init(struct cor_report_opts *o);

struct cor_report_result {
    size_t claims;                     /* claims on the page, and by verdict */
    size_t verdicts[4];                /* by enum cor_verdict_kind */
    size_t charts, tables;             /* written */
    size_t rendered;                   /* charts gnuplot rendered (0 without gnuplot) */
    size_t skipped;                    /* charts and tables skipped (each warned) */
};

/* Evaluates every claim of ds and writes the report of spec into o->dir.
 * A chart or table whose selection is empty or invalid is skipped with a
 * warning that names it; the page is still written. COR_EDATA when the
 * dataset has no figure and no claim (nothing to report); COR_EIO when a
 * file cannot be written (err names it); COR_ENOMEM. */
enum cor_status cor_report_write(const struct cor_dataset *ds, const struct cor_report_spec *spec,
                                 const struct cor_report_opts *o, struct cor_report_result *res,
                                 struct cor_error *err);

/* ---- for readers --------------------------------------------------------- */

/* A number as readers see it: at most 6 significant digits, thousands
 * grouped (950,000), never an exponent; percent = 1 shows a fraction as a
 * percentage with at most 2 decimals (0.30251 -> "30.25%"). *decimals (if
 * not NULL) gets the decimals shown. */
void cor_report_number(double v, int percent, char *buf, size_t n, int *decimals);

/* A shell word: s unchanged when it holds only characters no shell reads
 * specially, else single-quoted (a ' written '\''). Returns its length;
 * when n is too small buf gets "" (never a word cut short). */
size_t cor_report_shell_word(const char *s, char *buf, size_t n);

#endif
