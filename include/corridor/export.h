/* corridor/export.h - writing result tables. Exporters format; they never
 * compute. Numbers are written the same in every locale: machine formats
 * (CSV, TSV, JSON) with every digit (shortest round-trip), NA as "NA" (JSON
 * null); the text format with each column's decimals.
 * Nothing is allocated that outlives a call. */
#ifndef CORRIDOR_EXPORT_H
#define CORRIDOR_EXPORT_H

#include <stdio.h>

#include "corridor/table.h"

enum cor_format {
    COR_FMT_TEXT = 0,   /* aligned columns for a terminal, with notes */
    COR_FMT_CSV,        /* RFC 4180, numbers unquoted, CRLF */
    COR_FMT_TSV,        /* tab-separated; tabs and line breaks in text become spaces */
    COR_FMT_MARKDOWN,   /* pipe table, numbers right-aligned, '|' escaped */
    COR_FMT_LATEX,      /* booktabs tabular; & % _ # $ { } ~ ^ \ escaped */
    COR_FMT_HTML,       /* a <table> with caption and source note, text escaped */
    COR_FMT_JSON,       /* {title, columns, rows, notes, sources}; NA is null;
                         * a column X with X_lo and X_hi becomes {value, lo, hi} */
    COR_FMT_COUNT
};

/* "text", "csv", "tsv", "md" (or "markdown"), "latex", "html", "json" ->
 * format; -1 if unknown. */
int cor_format_lookup(const char *name);
const char *cor_format_name(enum cor_format f);

/* Writes the table; COR_EIO if the stream reports an error. */
enum cor_status cor_export_table(const struct cor_table *t, enum cor_format f, FILE *out);

/* Writes s with the characters special to HTML and XML (& < > " ') escaped. */
void cor_export_html_escaped(const char *s, FILE *out);

/* 1 if url may become a link: an http:, https: or mailto: URL (the scheme in
 * any case) without spaces or control characters. */
int cor_export_url_safe(const char *url);

/* Writes <a href="URL">TEXT</a> (both escaped) when the URL is safe (see
 * cor_export_url_safe()); otherwise TEXT as escaped text, never a link
 * (a javascript: or data: URL stays inert). text NULL: the URL itself. */
void cor_export_html_link(const char *url, const char *text, FILE *out);

/* Writes s as Markdown prose that renders as the same text: the characters
 * that start markup (\ ` * _ [ ] | ! # ~; at the start, a list marker "- ",
 * "+ ", "1. " and a rule "--", "==") are backslash-escaped, < > & written as
 * entities (&lt; &gt; &amp;); line
 * breaks and control characters become spaces. No HTML, link, emphasis,
 * heading or block can come from data. */
void cor_export_md_escaped(const char *s, FILE *out);

/* Writes a URL as a Markdown autolink <URL> when it is safe (see
 * cor_export_url_safe()), else as escaped text. */
void cor_export_md_link(const char *url, FILE *out);

#endif
