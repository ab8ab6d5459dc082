/* Internals shared by the report's files: a growing string, and the
 * pieces of the page that several files write. */
#ifndef CORRIDOR_REPORT_INTERNAL_H
#define CORRIDOR_REPORT_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "corridor/claims.h"
#include "corridor/report.h"
#include "corridor/table.h"

/* A string that grows as it is written; `failed` once memory ran out (the
 * text is then cut, never invalid). */
struct cor_report_sb {
    char *s;
    size_t n, cap;
    int failed;
};

void cor_report_sb_printf(struct cor_report_sb *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
const char *cor_report_sb_str(const struct cor_report_sb *b);   /* "" when empty */
void cor_report_sb_fini(struct cor_report_sb *b);

/* A copy of s[0..len) that the spec owns; NULL when memory runs out. */
char *cor_report_spec_own(struct cor_report_spec *spec, const char *s, size_t len);

/* A new chart or table at the end of the spec: zeroed, its selection
 * initialised with kind COR_KIND_COUNT (not given); NULL on ENOMEM. */
struct cor_report_item *cor_report_spec_add(struct cor_report_spec *spec,
                                            enum cor_report_item_type type);

/* The label of a point's series in a chart or table: the values of the
 * `by` columns joined by ", " ("source": the publisher); "all" when every
 * one is empty (an empty key means all); "" without `by`. */
void cor_report_series_label(const struct cor_dataset *ds, enum cor_kind kind,
                             const struct cor_point *p, const char *by, struct cor_report_sb *b);

/* The publisher of a source id (the id when it has none). */
const char *cor_report_publisher(const struct cor_dataset *ds, cor_sym source);

/* A table of an item's selection (see enum cor_report_metric). NULL with
 * err filled when the selection fails or is empty (COR_EDATA). */
struct cor_table *cor_report_item_table(const struct cor_dataset *ds,
                                        const struct cor_report_item *it, struct cor_error *err);

/* A claim's card: what the page and report.md show about one verdict. */
struct cor_report_card;

/* The commands on a card come from the data and claims paths of o. */
struct cor_report_card *cor_report_card_new(const struct cor_dataset *ds,
                                            const struct cor_verdict *v,
                                            const struct cor_report_opts *o);
void cor_report_card_free(struct cor_report_card *c);
void cor_report_card_html(const struct cor_report_card *c, FILE *f);
void cor_report_card_md(const struct cor_report_card *c, FILE *f);

/* A source in full (publisher, title, date, quote, link, [id]) as an HTML
 * list item or a Markdown list line. */
void cor_report_source_html(const struct cor_dataset *ds, cor_sym id, FILE *f);
void cor_report_source_md(const struct cor_dataset *ds, cor_sym id, FILE *f);

/* The sources a card cites. */
size_t cor_report_card_sources(const struct cor_report_card *c, const cor_sym **ids);

/* What the page shows: built by cor_report_write(), written by
 * cor_report_page_html() and cor_report_page_md(). */
struct cor_report_page_chart {
    char *name, *title, *left_out;
    char *svg;                 /* the SVG to inline (from "<svg"), or NULL */
    int png;                   /* charts/NAME.png was rendered */
};

struct cor_report_page_table {
    char *name;
    struct cor_table *t;
};

struct cor_report_page {
    const struct cor_dataset *ds;
    const struct cor_report_spec *spec;
    const struct cor_report_opts *o;
    const struct cor_verdicts *vs;
    struct cor_report_card **cards;        /* one per verdict */
    struct cor_report_page_chart *charts;
    size_t ncharts;
    struct cor_report_page_table *tables;
    size_t ntables;
    cor_sym *sources;                      /* every source the page cites, once */
    size_t nsources;
};

void cor_report_page_html(const struct cor_report_page *p, FILE *f);
void cor_report_page_md(const struct cor_report_page *p, FILE *f);

/* The verdict's CSS class: supported, contradicted, undecided, nodata. */
const char *cor_report_badge(enum cor_verdict_kind v);

#endif
