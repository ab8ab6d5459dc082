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
    COR_FMT_MARKDOWN,   /* pipe table, numbers right-aligned, markup escaped */
    COR_FMT_LATEX,      /* booktabs tabular; & % _ # $ { } ~ ^ \ < > | [ ] escaped */
    COR_FMT_HTML,       /* a <table> with caption and source note, text escaped */
    COR_FMT_JSON,       /* {title, columns, rows, notes, sources}; NA is null;
                         * an interval column (cor_table_set_interval) is
                         * {value, lo, hi} */
    COR_FMT_COUNT
};

/* "text", "csv", "tsv", "md" (or "markdown"), "latex", "html", "json" ->
 * format; -1 if unknown. */
int cor_format_lookup(const char *name);
const char *cor_format_name(enum cor_format f);

/* Writes the table; COR_EIO if the stream reports an error, COR_ENOMEM if
 * memory ran out (text and Markdown measure their columns). */
enum cor_status cor_export_table(const struct cor_table *t, enum cor_format f, FILE *out);

/* Every writer takes text from data as it is, whatever it holds, and keeps
 * it inert: invalid UTF-8 becomes U+FFFD (JSON, HTML, Markdown, text; '?'
 * in LaTeX), so JSON is always valid UTF-8; control characters become
 * U+FFFD (text, HTML), are escaped (JSON: \u001b) or dropped (LaTeX,
 * Markdown); CSV and TSV keep the bytes (a machine format: the text reads
 * back as it was). */

/* Writes s for HTML and XML text or attribute values: & < > " ' escaped,
 * invalid UTF-8 and control characters (other than tab and line breaks) as
 * &#xFFFD;. */
void cor_export_html_escaped(const char *s, FILE *out);

/* 1 if url may be a link: it starts with http://, https:// or mailto: (in
 * any case) and holds no space, control character, invalid UTF-8 or any of
 * < > " ` \ (which a URL percent-encodes). 0 for anything else
 * (javascript:, data:, vbscript:, relative links...). */
int cor_export_url_allowed(const char *url);

/* <a href="URL">TEXT</a> when the URL is allowed, else TEXT alone; both
 * escaped. text NULL shows the URL itself. */
void cor_export_html_link(const char *url, const char *text, FILE *out);

/* Markdown prose from data (a title, a quote, a publisher, a note): the
 * characters that start markup are escaped - \ ` * _ [ ] # ! with a
 * backslash, & < > ~ as entities, so that no HTML, link, image or emphasis
 * can form; a leading - + or "1." cannot start a list; line breaks and
 * tabs become spaces; leading blanks (an indented code block) and control
 * characters are dropped; invalid UTF-8 is U+FFFD. Safe after "> ", "## ",
 * "- " or inside a paragraph. */
void cor_export_md_escaped(const char *s, FILE *out);

/* [TEXT](<URL>) when the URL is allowed, else TEXT alone; TEXT escaped as
 * above (NULL shows the URL). */
void cor_export_md_link(const char *url, const char *text, FILE *out);

#endif
