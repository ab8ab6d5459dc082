/* The report's two pages: index.html (self-contained, charts as inline
 * SVG, a print stylesheet) and report.md (the same, charts as PNG). */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include "corridor/export.h"
#include "report_internal.h"

static const char css[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1100px;margin:2em "
    "auto;padding:0 1em;color:#222;line-height:1.45}"
    "h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ddd}"
    ".lead{color:#555}"
    ".summary td,.summary th{padding:.3em .6em;border-bottom:1px solid #eee;text-align:left;"
    "vertical-align:top}"
    ".badge{display:inline-block;padding:.1em .6em;border-radius:1em;font-size:.85em;"
    "font-weight:600;color:#fff;vertical-align:middle;white-space:nowrap}"
    ".supported{background:#2e7d32}.contradicted{background:#c62828}"
    ".undecided{background:#ef8f00}.nodata{background:#757575}"
    ".card{border:1px solid #ddd;border-radius:8px;padding:1em 1.2em;margin:1.2em 0;"
    "box-shadow:0 1px 2px rgba(0,0,0,.05)}"
    ".card h3{margin:.1em 0 .5em}"
    "blockquote{margin:.4em 0;padding:.2em .8em;border-left:4px solid #999;font-size:1.1em}"
    ".meta{color:#555;font-size:.9em}.label{font-weight:600;margin:.8em 0 .2em}"
    "table.ev,table.corridor{border-collapse:collapse;font-size:.88em;margin:.6em 0}"
    "table.ev td,table.ev th,table.corridor td,table.corridor th{border:1px solid #ddd;"
    "padding:.25em .5em;vertical-align:top}"
    "table.corridor caption{font-weight:600;text-align:left;padding:.3em 0}"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}"
    "code{background:#f4f4f4;padding:.1em .3em;border-radius:3px;font-size:.9em}"
    ".cmd{margin:.2em 0}.cmd code{display:block;white-space:pre-wrap;overflow-wrap:anywhere;"
    "font-size:.8em;padding:.3em .5em}"
    ".src li{margin:.3em 0}.note{color:#555;font-size:.9em}.url{overflow-wrap:anywhere}"
    "figure{margin:1.5em 0}figure svg,figure img{max-width:100%;height:auto;"
    "border:1px solid #eee}"
    ".tablewrap{overflow-x:auto}"
    "@media print{"
    "body{max-width:none;margin:0;padding:0;font-size:9.5pt;line-height:1.3}"
    "h2{break-after:avoid}h3{break-after:avoid}figure{break-inside:avoid}"
    ".card{box-shadow:none;padding:.5em .7em}"
    ".tablewrap{overflow:visible}"
    "table.ev,table.corridor,table.summary{width:100%;font-size:7.5pt;table-layout:auto}"
    "td,th{overflow-wrap:break-word}"
    "a{color:inherit;text-decoration:none}"
    ".badge{color:#000;border:1px solid #000;background:none}"
    "}";

static const char default_lead[] =
    "Every figure here comes from the data and cites its source: the publisher, the page, its "
    "date and the exact words that state it. Each figure enters as an interval "
    "(&ldquo;about&rdquo;, &ldquo;more than&rdquo;, ranges), every computation carries the "
    "intervals through, and a claim is <em>supported</em> when the computed interval lies "
    "inside the claimed one, <em>contradicted</em> when they are disjoint, <em>undecided</em> "
    "when they overlap only partly or the sources disagree, and has <em>no data</em> when an "
    "input is missing. The verdict is decided by the strongest class of evidence there is: "
    "actual figures, then estimates, then projections and plans, then statements by persons "
    "(status <em>claim</em>); the weaker classes are shown with their own verdicts.";

static void h(FILE *f, const char *s)
{
    cor_export_html_escaped(s ? s : "", f);
}

static void m(FILE *f, const char *s)
{
    cor_export_md_escaped(s ? s : "", f);
}

static const char *page_title(const struct cor_report_page *p)
{
    return p->spec->title ? p->spec->title : "What the data says";
}

static void base64(const char *path, FILE *out)
{
    static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    FILE *in = fopen(path, "rb");
    if (!in)
        return;
    unsigned char b[3];
    size_t n;
    while ((n = fread(b, 1, 3, in)) > 0) {
        unsigned v = (unsigned)b[0] << 16 | (n > 1 ? (unsigned)b[1] << 8 : 0) | (n > 2 ? b[2] : 0);
        fputc(tbl[v >> 18 & 63], out);
        fputc(tbl[v >> 12 & 63], out);
        fputc(n > 1 ? tbl[v >> 6 & 63] : '=', out);
        fputc(n > 2 ? tbl[v & 63] : '=', out);
    }
    fclose(in);
}

/* "from DATA": the footer's note on where the figures come from. */
static void provenance(const struct cor_report_page *p, FILE *f, void (*esc)(FILE *, const char *))
{
    if (p->o->source_note) {
        esc(f, p->o->source_note);
        return;
    }
    fputs("from ", f);
    for (size_t i = 0; i < p->o->ndata; i++) {
        fputs(i ? ", " : "", f);
        esc(f, p->o->data[i]);
    }
    for (size_t i = 0; i < p->o->nclaims; i++) {
        fputs(i || p->o->ndata ? ", " : "", f);
        esc(f, p->o->claims[i]);
    }
    if (!p->o->ndata && !p->o->nclaims)
        fputs("the data given", f);
}

static void summary_html(const struct cor_report_page *p, FILE *f)
{
    const struct cor_verdicts *vs = p->vs;
    fprintf(f, "<h2>Summary</h2>\n<p>%zu claims: <span class=\"badge supported\">%zu "
               "supported</span> <span class=\"badge contradicted\">%zu contradicted</span> "
               "<span class=\"badge undecided\">%zu undecided</span> <span class=\"badge "
               "nodata\">%zu no data</span></p>\n",
            vs->n, vs->count[COR_V_SUPPORTED], vs->count[COR_V_CONTRADICTED],
            vs->count[COR_V_UNDECIDED], vs->count[COR_V_NO_DATA]);
    fputs("<table class=\"summary\"><tr><th>claim</th><th>verdict</th><th>words</th></tr>\n", f);
    for (size_t i = 0; i < vs->n; i++) {
        const struct cor_verdict *v = &vs->v[i];
        const char *id = cor_dataset_str(p->ds, v->claim->id);
        fputs("<tr><td><a href=\"#", f);
        h(f, id);
        fputs("\">", f);
        h(f, id);
        fprintf(f, "</a></td><td><span class=\"badge %s\">%s</span></td><td>",
                cor_report_badge(v->verdict), cor_verdict_name(v->verdict));
        h(f, cor_dataset_str(p->ds, v->claim->quote));
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

/* " · <a href="charts/NAME.EXT">LABEL</a>" */
static void file_link(FILE *f, const char *name, const char *ext, const char *label)
{
    fputs(" &middot; <a href=\"charts/", f);
    h(f, name);
    fprintf(f, "%s\">%s</a>", ext, label);
}

static void chart_html(const struct cor_report_page *p, const struct cor_report_page_chart *c,
                       FILE *f)
{
    fputs("<figure id=\"chart-", f);
    h(f, c->name);
    fputs("\">\n", f);
    if (c->svg)
        fputs(c->svg, f);
    else if (c->png) {
        fputs("<img alt=\"", f);
        h(f, c->title);
        fputs("\" src=\"data:image/png;base64,", f);
        struct cor_report_sb path = {0};
        cor_report_sb_printf(&path, "%s/charts/%s.png", p->o->dir, c->name);
        base64(cor_report_sb_str(&path), f);
        cor_report_sb_fini(&path);
        fputs("\">", f);
    } else
        fputs("<p class=\"note\">gnuplot is not installed: render the script below.</p>", f);
    fputs("\n<figcaption>", f);
    h(f, c->title);
    file_link(f, c->name, ".gp", "gnuplot script");
    if (c->svg)
        file_link(f, c->name, ".svg", "SVG");
    if (c->png)
        file_link(f, c->name, ".png", "PNG");
    if (c->left_out && *c->left_out) {
        fputs(" &middot; left out (not a full year, undated or NA): ", f);
        h(f, c->left_out);
    }
    fputs("</figcaption>\n</figure>\n", f);
}

static void table_html(const struct cor_report_page_table *t, FILE *f)
{
    static const char *const exts[][2] = {{"csv", "CSV"},     {"tsv", "TSV"},  {"md", "Markdown"},
                                          {"tex", "LaTeX"},   {"html", "HTML"}, {"json", "JSON"},
                                          {"txt", "text"}};
    fputs("<div class=\"tablewrap\">\n", f);
    cor_export_table(t->t, COR_FMT_HTML, f);
    fputs("</div>\n<p class=\"note\">Also as ", f);
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        fputs(i ? ", <a href=\"tables/" : "<a href=\"tables/", f);
        h(f, t->name);
        fprintf(f, ".%s\">%s</a>", exts[i][0], exts[i][1]);
    }
    fputs(".</p>\n", f);
}

void cor_report_page_html(const struct cor_report_page *p, FILE *f)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    h(f, page_title(p));
    fputs("</title>\n<style>", f);
    fputs(css, f);
    fputs("</style>\n</head>\n<body>\n<h1>", f);
    h(f, page_title(p));
    fputs("</h1>\n<p class=\"lead\">", f);
    if (p->spec->lead)
        h(f, p->spec->lead);
    else
        fputs(default_lead, f);
    fputs("</p>\n", f);
    if (p->vs->n) {
        summary_html(p, f);
        fputs("<h2>The claims</h2>\n", f);
        for (size_t i = 0; i < p->vs->n; i++)
            cor_report_card_html(p->cards[i], f);
    } else
        fputs("<p class=\"note\">No claims were given: a claims file (<code>--claims</code>) "
              "has each of its claims checked here.</p>\n",
              f);
    fputs("<h2>Charts</h2>\n", f);
    for (size_t i = 0; i < p->ncharts; i++)
        chart_html(p, &p->charts[i], f);
    if (!p->ncharts)
        fputs("<p class=\"note\">No chart.</p>\n", f);
    fputs("<h2>Tables</h2>\n", f);
    for (size_t i = 0; i < p->ntables; i++)
        table_html(&p->tables[i], f);
    fputs("<h2>Sources</h2>\n<ul class=\"src\">\n", f);
    for (size_t i = 0; i < p->nsources; i++)
        cor_report_source_html(p->ds, p->sources[i], f);
    fputs("</ul>\n<p class=\"note\">Generated by corridor ", f);
    provenance(p, f, h);
    fputs("; every figure cites its source. Also: <a href=\"report.md\">report.md</a>.</p>\n"
          "</body>\n</html>\n",
          f);
}

void cor_report_page_md(const struct cor_report_page *p, FILE *f)
{
    const struct cor_verdicts *vs = p->vs;
    fputs("# ", f);
    m(f, page_title(p));
    fputs("\n\n", f);
    if (p->spec->lead)
        m(f, p->spec->lead);
    else
        fputs("Every figure here comes from the data and cites its source. Each figure is an "
              "interval; a claim is *supported* when the computed interval lies inside the "
              "claimed one, *contradicted* when they are disjoint, *undecided* when they "
              "overlap only partly or the sources disagree, and has *no data* when an input is "
              "missing.",
              f);
    fputs("\n\n", f);
    if (vs->n) {
        fprintf(f, "## Summary\n\n%zu claims: %zu supported, %zu contradicted, %zu undecided, "
                   "%zu without data.\n\n| claim | verdict | words |\n|---|---|---|\n",
                vs->n, vs->count[COR_V_SUPPORTED], vs->count[COR_V_CONTRADICTED],
                vs->count[COR_V_UNDECIDED], vs->count[COR_V_NO_DATA]);
        for (size_t i = 0; i < vs->n; i++) {
            fputs("| ", f);
            m(f, cor_dataset_str(p->ds, vs->v[i].claim->id));
            fprintf(f, " | %s | ", cor_verdict_name(vs->v[i].verdict));
            m(f, cor_dataset_str(p->ds, vs->v[i].claim->quote));
            fputs(" |\n", f);
        }
        fputs("\n## The claims\n\n", f);
        for (size_t i = 0; i < vs->n; i++)
            cor_report_card_md(p->cards[i], f);
    } else
        fputs("No claims were given: a claims file (`--claims`) has each of its claims "
              "checked here.\n\n",
              f);
    fputs("## Charts\n\n", f);
    for (size_t i = 0; i < p->ncharts; i++) {
        const struct cor_report_page_chart *c = &p->charts[i];
        if (c->png) {
            fputs("![", f);
            m(f, c->title);
            fprintf(f, "](charts/%s.png)\n\n", c->name);   /* names: [A-Za-z0-9_-] */
        }
        fputs("*", f);
        m(f, c->title);
        fprintf(f, "* (charts/%s.gp%s)", c->name,
                c->png ? "" : "; gnuplot is not installed: render the script");
        if (c->left_out && *c->left_out) {
            fputs("; left out (not a full year, undated or NA): ", f);
            m(f, c->left_out);
        }
        fputs("\n\n", f);
    }
    fputs("## Tables\n\n", f);
    for (size_t i = 0; i < p->ntables; i++) {
        cor_export_table(p->tables[i].t, COR_FMT_MARKDOWN, f);
        fprintf(f, "\nAlso as tables/%s.csv, .tsv, .md, .tex, .html, .json and .txt.\n\n",
                p->tables[i].name);
    }
    fputs("## Sources\n\n", f);
    for (size_t i = 0; i < p->nsources; i++)
        cor_report_source_md(p->ds, p->sources[i], f);
    fputs("\nGenerated by corridor ", f);
    provenance(p, f, m);
    fputs("; every figure cites its source.\n", f);
}
