/* corridor report: every claim's verdict, tables and charts, written to a
 * folder: index.html (one self-contained page), report.md, tables/, charts/. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chart_build.h"
#include "common.h"

enum { REPORT_CLAIMS = COMMON_COUNT };

static const struct cli_option report_options[] = {
    COMMON_OPTIONS,
    {"claims", 0, "PATH", "the claims file or folder (default: datasets/claims)"},
    {NULL, 0, NULL, NULL}};

static int report_extra(const struct cli_command *cmd, struct common *c, int opt,
                        const char *arg, void *user)
{
    (void)cmd, (void)c;
    if (opt == REPORT_CLAIMS)
        *(const char **)user = arg;
    return CLI_OK;
}

struct report {
    const struct cor_dataset *ds;
    const struct cor_verdicts *vs;
    const char *dir;
    char charts[8][64];          /* chart stems written (charts/NAME.png) */
    char chart_titles[8][160];
    int chart_ok[8];             /* rendered (else only the script) */
    size_t ncharts;
    char tables[8][64];          /* table stems written (tables/NAME.*) */
    char table_titles[8][160];
    struct cor_table *table_objs[8];
    size_t ntables;
};

static char *path_in(const char *dir, const char *sub, const char *name, const char *ext)
{
    size_t n = strlen(dir) + strlen(sub) + strlen(name) + strlen(ext) + 4;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s%s%s%s", dir, sub, *sub ? "/" : "", name, ext);
    return p;
}

static int make_dir(const char *path)
{
    if (mkdir(path, 0755) == 0 || errno == EEXIST)
        return 0;
    fprintf(stderr, "corridor: cannot create %s: %s\n", path, strerror(errno));
    return -1;
}

/* Writes a table in every format: tables/NAME.{csv,tsv,md,tex,html,json,txt}. */
static int write_table_files(struct report *r, const char *name, struct cor_table *t)
{
    static const struct {
        enum cor_format f;
        const char *ext;
    } fmts[] = {{COR_FMT_CSV, ".csv"},   {COR_FMT_TSV, ".tsv"},   {COR_FMT_MARKDOWN, ".md"},
                {COR_FMT_LATEX, ".tex"}, {COR_FMT_HTML, ".html"}, {COR_FMT_JSON, ".json"},
                {COR_FMT_TEXT, ".txt"}};
    for (size_t i = 0; i < sizeof fmts / sizeof *fmts; i++) {
        char *p = path_in(r->dir, "tables", name, fmts[i].ext);
        struct cor_error err = {0};
        struct cor_atomic *a = p ? cor_atomic_open(p, &err) : NULL;
        enum cor_status st = a ? cor_export_table(t, fmts[i].f, cor_atomic_stream(a)) : COR_EIO;
        if (a)
            st = st == COR_OK ? cor_atomic_commit(a, &err) : (cor_atomic_abort(a), st);
        if (st != COR_OK) {
            fprintf(stderr, "corridor: %s: %s\n", p ? p : name, err.message);
            free(p);
            return CLI_IO;
        }
        free(p);
    }
    if (r->ntables < 8) {
        snprintf(r->tables[r->ntables], sizeof r->tables[0], "%s", name);
        snprintf(r->table_titles[r->ntables], sizeof r->table_titles[0], "%s",
                 cor_table_title(t));
        r->table_objs[r->ntables++] = t;
    } else
        cor_table_free(t);
    return CLI_OK;
}

/* One chart: a selection drawn into charts/NAME.png (+ NAME.gp). */
struct chart_spec {
    const char *name, *title;
    enum cor_kind kind;
    const char *entity, *where[3], *unit, *currency, *by, *from;
    enum cor_chart_type type;
    double threshold;
    const char *threshold_label, *threshold2_label;
    double threshold2;
};

static int write_chart(struct report *r, const struct chart_spec *c)
{
    struct cor_select sel;
    cor_select_init(&sel, c->kind);
    sel.entity = c->entity;
    for (size_t i = 0; i < 3 && c->where[i]; i++) {
        static char cols[3][32];
        const char *eq = strchr(c->where[i], '=');
        snprintf(cols[i], sizeof cols[i], "%.*s", (int)(eq - c->where[i]), c->where[i]);
        sel.where[i].column = cols[i];
        sel.where[i].value = eq + 1;
        sel.nwhere = i + 1;
    }
    sel.unit = c->unit ? cor_unit_lookup(c->unit, strlen(c->unit)) : -1;
    sel.currency = c->currency ? cor_currency_lookup(c->currency, 3) : -1;
    sel.vary = c->by;
    if (c->from)
        cor_period_parse(c->from, strlen(c->from), &sel.from);
    struct cor_series s;
    struct cor_error err = {0};
    if (cor_series_select(r->ds, &sel, &s, &err) != COR_OK) {
        fprintf(stderr, "corridor: chart %s: %s\n", c->name, err.message);
        return CLI_DATA;
    }
    struct chart_request q;
    chart_request_init(&q);
    q.type = c->type;
    q.by = c->by;
    q.title = c->title;
    q.entity = c->entity;
    if (c->threshold_label)
        q.thresholds[q.nthresholds++] = (struct cor_chart_threshold){c->threshold,
                                                                     c->threshold_label};
    if (c->threshold2_label)
        q.thresholds[q.nthresholds++] = (struct cor_chart_threshold){c->threshold2,
                                                                     c->threshold2_label};
    char *png = path_in(r->dir, "charts", c->name, ".png");
    FILE *log = tmpfile();
    int rc = png && log ? chart_emit(&q, r->ds, c->kind, &s, png, log) : CLI_IO;
    char line[512] = "";
    if (log) {
        rewind(log);
        while (fgets(line, sizeof line, log))
            if (strstr(line, "not installed"))
                fputs(line, stderr);
        fclose(log);
    }
    struct stat sb;
    if (rc == CLI_OK && r->ncharts < 8) {
        snprintf(r->charts[r->ncharts], sizeof r->charts[0], "%s", c->name);
        snprintf(r->chart_titles[r->ncharts], sizeof r->chart_titles[0], "%s", c->title);
        r->chart_ok[r->ncharts] = stat(png, &sb) == 0 && sb.st_size > 0;
        r->ncharts++;
    }
    free(png);
    cor_series_fini(&s);
    return rc;
}

/* ---- the page ------------------------------------------------------------ */

static void h(FILE *f, const char *s)
{
    cor_export_html_escaped(s ? s : "", f);
}

static void base64_file(const char *path, FILE *out)
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

/* The command that shows one piece of evidence's figures. */
static void reproduce(const struct cor_dataset *ds, const struct cor_claim_record *c, char *buf,
                      size_t n)
{
    enum cor_claim_metric metric = cor_claims_metric(ds, c);
    char pt[32] = "";
    cor_period_format(&c->period, pt, sizeof pt);
    const char *cmd = metric == COR_CM_GROWTH  ? "growth"
                      : metric == COR_CM_SHARE ? "share"
                                               : "series";
    size_t used = (size_t)snprintf(buf, n, "corridor %s --kind %s", cmd,
                                   cor_dataset_str(ds, c->kind));
    if (c->entity && used < n)
        used += (size_t)snprintf(buf + used, n - used, " --entity '%s'",
                                 cor_dataset_str(ds, c->entity));
    const char *w = cor_dataset_str(ds, c->where);
    while (*w && used < n) {
        size_t len = strcspn(w, ";");
        used += (size_t)snprintf(buf + used, n - used, " --where '%.*s'", (int)len, w);
        w += len;
        if (*w == ';')
            w++;
    }
    if (c->unit >= 0 && used < n)
        used += (size_t)snprintf(buf + used, n - used, " --unit '%s'", cor_unit_at(c->unit)->name);
    if (c->currency >= 0 && used < n)
        used += (size_t)snprintf(buf + used, n - used, " --currency %s",
                                 cor_currency_name(c->currency));
    if (strcmp(cmd, "share") == 0 && used < n)
        used += (size_t)snprintf(buf + used, n - used, " --by %s --period %s --total '%s'",
                                 cor_dataset_str(ds, c->by), pt, cor_dataset_str(ds, c->total));
    if (used < n)
        snprintf(buf + used, n - used, " -f text");
}

static const char css[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1100px;margin:2em "
    "auto;padding:0 1em;color:#222;line-height:1.45}"
    "h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ddd}"
    ".lead{color:#555}"
    ".summary td,.summary th{padding:.3em .6em;border-bottom:1px solid #eee;text-align:left}"
    ".badge{display:inline-block;padding:.1em .6em;border-radius:1em;font-size:.85em;"
    "font-weight:600;color:#fff;vertical-align:middle}"
    ".supported{background:#2e7d32}.contradicted{background:#c62828}"
    ".undecided{background:#ef8f00}.nodata{background:#757575}"
    ".card{border:1px solid #ddd;border-radius:8px;padding:1em 1.2em;margin:1.2em 0;"
    "box-shadow:0 1px 2px rgba(0,0,0,.05)}"
    ".card h3{margin:.1em 0 .5em}"
    "blockquote{margin:.4em 0;padding:.2em .8em;border-left:4px solid #999;font-size:1.1em}"
    ".meta{color:#555;font-size:.9em}"
    "table.ev,table.corridor{border-collapse:collapse;font-size:.88em;margin:.6em 0}"
    "table.ev td,table.ev th,table.corridor td,table.corridor th{border:1px solid #ddd;"
    "padding:.25em .5em;vertical-align:top}"
    "table.corridor caption{font-weight:600;text-align:left;padding:.3em 0}"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}"
    "code{background:#f4f4f4;padding:.1em .3em;border-radius:3px;font-size:.9em}"
    "pre{background:#f4f4f4;padding:.6em;overflow-x:auto;font-size:.85em}"
    ".src li{margin:.3em 0}.note{color:#555;font-size:.9em}"
    "img{max-width:100%;border:1px solid #eee}"
    ".tablewrap{overflow-x:auto}";

static const char *badge_class(enum cor_verdict_kind v)
{
    return v == COR_V_SUPPORTED      ? "supported"
           : v == COR_V_CONTRADICTED ? "contradicted"
           : v == COR_V_UNDECIDED    ? "undecided"
                                     : "nodata";
}

static void source_item(const struct cor_dataset *ds, cor_sym id, FILE *f)
{
    const struct cor_source_record *s = cor_dataset_source(ds, id);
    fputs("<li>", f);
    if (!s) {
        h(f, cor_dataset_str(ds, id));
        fputs("</li>\n", f);
        return;
    }
    fputs("<strong>", f);
    h(f, cor_dataset_str(ds, s->publisher));
    fputs("</strong>", f);
    if (s->title) {
        fputs(", <em>", f);
        h(f, cor_dataset_str(ds, s->title));
        fputs("</em>", f);
    }
    if (s->date.kind != COR_PERIOD_NONE) {
        char d[32];
        cor_period_format(&s->date, d, sizeof d);
        fputs(", ", f);
        h(f, d);
    }
    fputs(": &ldquo;", f);
    h(f, cor_dataset_str(ds, s->quote));
    fputs("&rdquo;", f);
    const char *url = cor_dataset_str(ds, s->url);
    if (*url) {
        fputc(' ', f);
        cor_export_html_link(url, NULL, f);   /* http, https, mailto only */
    }
    fputs(" <span class=\"meta\">[", f);
    h(f, cor_dataset_str(ds, id));
    fputs("]</span></li>\n", f);
}

static void card(const struct report *r, const struct cor_verdict *v, FILE *f)
{
    const struct cor_dataset *ds = r->ds;
    const struct cor_claim_record *c = v->claim;
    const char *id = cor_dataset_str(ds, c->id);
    char buf[2048], unit[64], claimed[96];
    cor_verdict_unit(ds, v, unit, sizeof unit);
    cor_ival_format_sig(v->claimed, 6, claimed, sizeof claimed);
    fprintf(f, "<section class=\"card\" id=\"");
    h(f, id);
    fputs("\">\n<h3>", f);
    h(f, id);
    fprintf(f, " <span class=\"badge %s\">%s</span></h3>\n<blockquote>&ldquo;",
            badge_class(v->verdict), cor_verdict_name(v->verdict));
    h(f, cor_dataset_str(ds, c->quote));
    fputs("&rdquo;</blockquote>\n", f);
    const struct cor_source_record *art = cor_dataset_source(ds, c->article);
    if (art) {
        fputs("<p class=\"meta\">&mdash; ", f);
        h(f, cor_dataset_str(ds, art->publisher));
        fputs(", <em>", f);
        h(f, cor_dataset_str(ds, art->title));
        fputs("</em> (", f);
        h(f, cor_dataset_str(ds, art->article));
        fputs(")</p>\n", f);
    }
    fputs("<p><strong>Claimed:</strong> ", f);
    h(f, claimed);
    fputs(" ", f);
    h(f, unit);
    fputs(" &middot; <strong>Formula:</strong> ", f);
    h(f, v->formula);
    fputs("</p>\n", f);
    if (v->verdict == COR_V_NO_DATA) {
        fputs("<p><strong>No data:</strong> ", f);
        h(f, v->problem);
        fputs("</p>\n", f);
    }
    if (v->nalts) {
        fputs("<table class=\"ev\"><tr><th>evidence</th><th>computed</th><th>verdict</th>"
              "<th>margin</th><th>status of the figures</th><th>decides</th><th>sources</th></tr>\n",
              f);
        for (size_t a = 0; a < v->nalts; a++) {
            const struct cor_alternative *alt = &v->alts[a];
            fputs("<tr><td>", f);
            h(f, alt->detail);
            fputs("</td><td class=\"num\">", f);
            cor_ival_format_sig(alt->computed, 6, buf, sizeof buf);
            h(f, buf);
            fprintf(f, "</td><td><span class=\"badge %s\">%s</span></td><td class=\"num\">",
                    badge_class(alt->verdict), cor_verdict_name(alt->verdict));
            cor_num_format_sig(alt->margin, 4, buf, sizeof buf);
            h(f, isnan(alt->margin) ? "" : buf);
            fputs("</td><td>", f);
            for (size_t k = 0; k < alt->ninputs; k++) {
                fputs(k ? ", " : "", f);
                h(f, cor_status_name(alt->inputs[k]->status));
            }
            fputs("</td><td>", f);
            fputs(alt->decides ? "yes" : "no", f);
            fputs("</td><td>", f);
            char *sources = cor_verdict_sources(ds, alt);
            h(f, sources ? sources : "");
            free(sources);
            fputs("</td></tr>\n", f);
        }
        fputs("</table>\n", f);
    }
    /* every source used, once */
    fputs("<details><summary>Sources</summary><ul class=\"src\">\n", f);
    cor_sym seen[64];
    size_t nseen = 0;
    for (size_t a = 0; a < v->nalts; a++)
        for (size_t k = 0; k < v->alts[a].ninputs; k++) {
            cor_sym ids[2] = {v->alts[a].inputs[k]->source, v->alts[a].inputs[k]->fx_source};
            for (int j = 0; j < 2; j++) {
                int dup = ids[j] == COR_SYM_NONE;
                for (size_t m = 0; m < nseen && !dup; m++)
                    dup = seen[m] == ids[j];
                if (!dup && nseen < 64) {
                    seen[nseen++] = ids[j];
                    source_item(ds, ids[j], f);
                }
            }
        }
    if (!nseen)
        fputs("<li>none: no figure matched</li>\n", f);
    fputs("</ul></details>\n<p class=\"note\">Reproduce: <code>corridor check --detail -f text",
          f);
    fputs("</code>", f);
    for (size_t row = 0; row < v->nrows; row++) {
        reproduce(ds, v->rows[row], buf, sizeof buf);
        fputs("<br><code>", f);
        h(f, buf);
        fputs("</code>", f);
    }
    fputs("</p>\n", f);
    for (size_t row = 0; row < v->nrows; row++)
        if (v->rows[row]->note) {
            fputs("<p class=\"note\">Note: ", f);
            h(f, cor_dataset_str(ds, v->rows[row]->note));
            fputs("</p>\n", f);
        }
    fputs("</section>\n", f);
}

static void write_index(const struct report *r, FILE *f)
{
    const struct cor_verdicts *vs = r->vs;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>corridor: what the data says about the articles' numbers</title>\n<style>",
          f);
    fputs(css, f);
    fputs("</style>\n</head>\n<body>\n<h1>What the data says about the articles' numbers</h1>\n"
          "<p class=\"lead\">Every quantitative statement of the articles, checked by "
          "<code>corridor</code> against published figures. Each figure enters as an interval "
          "(&ldquo;about&rdquo;, &ldquo;more than&rdquo;, ranges), every computation carries "
          "the intervals through, and a claim is <em>supported</em> when the computed interval "
          "lies inside the claimed one, <em>contradicted</em> when they are disjoint, "
          "<em>undecided</em> when they overlap only partly or the sources disagree, and has "
          "<em>no data</em> when an input is missing. Statements by persons (status "
          "<em>claim</em>) are shown but decide nothing when measurements exist.</p>\n",
          f);
    fprintf(f, "<h2>Summary</h2>\n<p>%zu claims: <span class=\"badge supported\">%zu "
               "supported</span> <span class=\"badge contradicted\">%zu contradicted</span> "
               "<span class=\"badge undecided\">%zu undecided</span> <span class=\"badge "
               "nodata\">%zu no data</span></p>\n",
            vs->n, vs->count[COR_V_SUPPORTED], vs->count[COR_V_CONTRADICTED],
            vs->count[COR_V_UNDECIDED], vs->count[COR_V_NO_DATA]);
    fputs("<table class=\"summary\"><tr><th>claim</th><th>verdict</th><th>words</th></tr>\n", f);
    for (size_t i = 0; i < vs->n; i++) {
        const struct cor_verdict *v = &vs->v[i];
        const char *id = cor_dataset_str(r->ds, v->claim->id);
        fputs("<tr><td><a href=\"#", f);
        h(f, id);
        fputs("\">", f);
        h(f, id);
        fprintf(f, "</a></td><td><span class=\"badge %s\">%s</span></td><td>",
                badge_class(v->verdict), cor_verdict_name(v->verdict));
        h(f, cor_dataset_str(r->ds, v->claim->quote));
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n<h2>The claims</h2>\n", f);
    for (size_t i = 0; i < vs->n; i++)
        card(r, &vs->v[i], f);
    fputs("<h2>Charts</h2>\n", f);
    for (size_t i = 0; i < r->ncharts; i++) {
        fputs("<figure>\n", f);
        if (r->chart_ok[i]) {
            fputs("<img alt=\"", f);
            h(f, r->chart_titles[i]);
            fputs("\" src=\"data:image/png;base64,", f);
            char *png = path_in(r->dir, "charts", r->charts[i], ".png");
            if (png)
                base64_file(png, f);
            free(png);
            fputs("\">\n", f);
        } else
            fputs("<p class=\"note\">gnuplot is not installed: render the script below.</p>\n",
                  f);
        fputs("<figcaption>", f);
        h(f, r->chart_titles[i]);
        fprintf(f, " &middot; <a href=\"charts/%s.gp\">gnuplot script</a>", r->charts[i]);
        if (r->chart_ok[i])
            fprintf(f, " &middot; <a href=\"charts/%s.png\">PNG</a>", r->charts[i]);
        fputs("</figcaption>\n</figure>\n", f);
    }
    fputs("<h2>Tables</h2>\n", f);
    for (size_t i = 0; i < r->ntables; i++) {
        fputs("<div class=\"tablewrap\">\n", f);
        cor_export_table(r->table_objs[i], COR_FMT_HTML, f);
        fprintf(f, "</div>\n<p class=\"note\">Also as <a href=\"tables/%s.csv\">CSV</a>, "
                   "<a href=\"tables/%s.tsv\">TSV</a>, <a href=\"tables/%s.md\">Markdown</a>, "
                   "<a href=\"tables/%s.tex\">LaTeX</a>, <a href=\"tables/%s.html\">HTML</a>, "
                   "<a href=\"tables/%s.json\">JSON</a>, <a href=\"tables/%s.txt\">text</a>.</p>\n",
                r->tables[i], r->tables[i], r->tables[i], r->tables[i], r->tables[i],
                r->tables[i], r->tables[i]);
    }
    fputs("<p class=\"note\">Generated by corridor from the bundled datasets; every figure "
          "cites its source. Also: <a href=\"report.md\">report.md</a>.</p>\n</body>\n</html>\n",
          f);
}

static void write_markdown(const struct report *r, FILE *f)
{
    const struct cor_verdicts *vs = r->vs;
    char unit[64], claimed[96];
    fprintf(f, "# What the data says about the articles' numbers\n\n%zu claims: %zu supported, "
               "%zu contradicted, %zu undecided, %zu without data.\n\n",
            vs->n, vs->count[COR_V_SUPPORTED], vs->count[COR_V_CONTRADICTED],
            vs->count[COR_V_UNDECIDED], vs->count[COR_V_NO_DATA]);
    for (size_t i = 0; i < vs->n; i++) {
        const struct cor_verdict *v = &vs->v[i];
        cor_verdict_unit(r->ds, v, unit, sizeof unit);
        cor_ival_format_sig(v->claimed, 6, claimed, sizeof claimed);
        fprintf(f, "## %s: %s\n\n> %s\n\n", cor_dataset_str(r->ds, v->claim->id),
                cor_verdict_name(v->verdict), cor_dataset_str(r->ds, v->claim->quote));
        const struct cor_source_record *art = cor_dataset_source(r->ds, v->claim->article);
        if (art)
            fprintf(f, "— %s, *%s* (%s)\n\n", cor_dataset_str(r->ds, art->publisher),
                    cor_dataset_str(r->ds, art->title), cor_dataset_str(r->ds, art->article));
        fprintf(f, "Claimed: %s %s. Formula: %s.\n\n", claimed, unit, v->formula);
        if (v->verdict == COR_V_NO_DATA)
            fprintf(f, "No data: %s.\n\n", v->problem);
        for (size_t a = 0; a < v->nalts; a++) {
            const struct cor_alternative *alt = &v->alts[a];
            cor_ival_format_sig(alt->computed, 6, claimed, sizeof claimed);
            char *sources = cor_verdict_sources(r->ds, alt);
            fprintf(f, "- %s: %s, **%s**, %s%s (%s)\n", alt->detail, claimed,
                    cor_verdict_name(alt->verdict), cor_evidence_class_name(alt->evidence_class),
                    alt->decides ? "" : ", does not decide", sources ? sources : "");
            free(sources);
        }
        fputs("\n", f);
    }
    fputs("## Charts\n\n", f);
    for (size_t i = 0; i < r->ncharts; i++)
        fprintf(f, "![%s](charts/%s.png)\n\n", r->chart_titles[i], r->charts[i]);
    fputs("## Tables\n\n", f);
    for (size_t i = 0; i < r->ntables; i++)
        fprintf(f, "- [%s](tables/%s.md)\n", r->table_titles[i], r->tables[i]);
}

static int write_page(const struct report *r, const char *name,
                      void (*fn)(const struct report *, FILE *))
{
    char *p = path_in(r->dir, "", name, "");
    struct cor_error err = {0};
    struct cor_atomic *a = p ? cor_atomic_open(p, &err) : NULL;
    if (a)
        fn(r, cor_atomic_stream(a));
    enum cor_status st = a ? cor_atomic_commit(a, &err) : COR_EIO;
    if (st != COR_OK)
        fprintf(stderr, "corridor: %s: %s\n", p ? p : name, err.message);
    free(p);
    return st == COR_OK ? CLI_OK : CLI_IO;
}

/* The metric tables of the report. */
static struct cor_table *series_table(const struct cor_dataset *ds, const char *title,
                                      struct cor_select *sel)
{
    struct cor_series s;
    if (cor_series_select(ds, sel, &s, NULL) != COR_OK)
        return NULL;
    struct cor_table *t = cor_table_new(title);
    char unit[64], buf[256];
    common_unit_name(&s, unit, sizeof unit);
    cor_table_add_col(t, "period", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "value", unit, COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "value_lo", unit, COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "value_hi", unit, COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "growth", "fraction", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "qualifier", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "status", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "source", NULL, COR_CELL_TEXT, -1);
    for (size_t i = 0; i < s.n; i++) {
        const struct cor_point *p = &s.points[i];
        cor_table_add_row(t);
        cor_period_format(&p->period, buf, sizeof buf);
        cor_table_set_text(t, 0, buf);
        cor_table_set_num(t, 1, p->v.value);
        cor_table_set_num(t, 2, p->v.lo);
        cor_table_set_num(t, 3, p->v.hi);
        /* year-on-year growth against the one figure of the year before, if unique */
        struct cor_period prev = cor_period_shift(&p->period, -12);
        const struct cor_point *q = NULL;
        int count = 0;
        for (size_t j = 0; j < s.n; j++)
            if (s.points[j].period.kind == prev.kind && cor_period_equal(&s.points[j].period, &prev)) {
                q = &s.points[j];
                count++;
            }
        struct cor_ival g = count == 1 ? cor_metrics_growth(p->v, q->v) : cor_ival_na(COR_NA_MISSING_PERIOD);
        cor_table_set_num(t, 4, g.na ? NAN : g.value);
        cor_table_set_text(t, 5, cor_qualifier_name(p->qualifier));
        cor_table_set_text(t, 6, cor_status_name(p->status));
        cor_table_set_text(t, 7, cor_dataset_str(ds, p->source));
        cor_table_add_source(t, cor_dataset_str(ds, p->source));
    }
    cor_table_add_note(t, "growth = X_t / X_(t-1) - 1 against the one figure of the same period "
                          "a year before (NA when there is none, or several)");
    cor_series_fini(&s);
    return t;
}

static int cmd_report(const struct cli_command *cmd, int argc, char **argv)
{
    struct common c;
    common_init(&c);
    c.kind_set = 1;
    const char *claims = NULL;
    int rc = common_parse(cmd, argc, argv, &c, report_extra, &claims);
    if (rc >= 0)
        return rc;
    if (cli_operand_index() < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[cli_operand_index()]);
    static char claims_dir[4096];
    if (c.ndata == 0)
        c.data[c.ndata++] = cli_default_datasets();
    if (!claims) {
        snprintf(claims_dir, sizeof claims_dir, "%s/claims", cli_default_datasets());
        claims = claims_dir;
    }
    c.data[c.ndata++] = claims;
    const char *dir = c.output ? c.output : "out";
    struct cor_dataset *ds = NULL;
    rc = common_load(cmd, &c, &ds);
    if (rc != CLI_OK)
        return rc;
    /* no file of the report may replace an input: none may lie in its folders */
    static const char *const subdirs[] = {"", "tables", "charts"};
    for (size_t i = 0; i < 3 && rc == CLI_OK; i++) {
        char *p = path_in(dir, "", subdirs[i], "");
        struct cor_error gerr = {0};
        enum cor_status gst = p ? cor_atomic_check_dir(*subdirs[i] ? p : dir, &gerr) : COR_ENOMEM;
        if (gst != COR_OK)
            rc = common_output_failed(dir, &gerr, gst);
        free(p);
    }
    if (rc != CLI_OK) {
        cor_dataset_free(ds);
        return rc;
    }
    struct cor_verdicts vs;
    struct report r;
    memset(&r, 0, sizeof r);
    r.ds = ds;
    r.vs = &vs;
    r.dir = dir;
    struct cor_error verr = {0};
    rc = CLI_OK;
    if (cor_verdicts_evaluate(ds, &c.sel.ival, &vs, &verr) != COR_OK) {
        fprintf(stderr, "corridor: %s\n", verr.message);
        rc = CLI_IO;
    }
    char *charts = path_in(dir, "", "charts", ""), *tables = path_in(dir, "", "tables", "");
    if (rc == CLI_OK && (!charts || !tables || make_dir(dir) || make_dir(charts) ||
                         make_dir(tables)))
        rc = CLI_IO;
    free(charts);
    free(tables);
    if (rc == CLI_OK)
        rc = write_table_files(&r, "verdicts", cor_verdicts_table(ds, &vs, 0));
    if (rc == CLI_OK)
        rc = write_table_files(&r, "evidence", cor_verdicts_table(ds, &vs, 1));
    struct cor_select sel;
    cor_select_init(&sel, COR_KIND_PORT);
    sel.entity = "Port of Baku";
    sel.where[0].column = "origin";
    sel.where[0].value = "";
    sel.nwhere = 1;
    sel.unit = cor_unit_lookup("TEU", 3);
    struct cor_table *t = rc == CLI_OK ? series_table(ds, "Port of Baku: containers (TEU)", &sel) : NULL;
    if (t)
        rc = write_table_files(&r, "baku_teu", t);
    cor_select_init(&sel, COR_KIND_BUDGET);
    sel.entity = "Azerbaijan";
    sel.where[0].column = "basis";
    sel.where[0].value = "sipri";
    sel.nwhere = 1;
    sel.unit = cor_unit_lookup("billion", 7);
    sel.currency = cor_currency_lookup("USD", 3);
    t = rc == CLI_OK ? series_table(ds, "Azerbaijan: SIPRI military expenditure (billion USD)", &sel)
                     : NULL;
    if (t)
        rc = write_table_files(&r, "sipri_milex", t);
    static const struct chart_spec specs[] = {
        {"baku_teu", "Port of Baku: container throughput, 2017-2025", COR_KIND_PORT,
         "Port of Baku", {"origin=", NULL, NULL}, "TEU", NULL, NULL, "2017", COR_CHART_LINE,
         100000, "100,000 TEU (the port's stated capacity)", NULL, 0},
        {"israel_oil_share", "Azerbaijan's share of Israel's oil supply: published figures",
         COR_KIND_INDICATOR, "Israel", {"measure=oil_supply_share_azerbaijan", NULL, NULL}, "%",
         NULL, "source", NULL, COR_CHART_POINTS, 40, "40% (low end of the article's 40-50%)",
         "50% (high end)", 50},
        {"defence_budget", "Azerbaijan: defence budget by basis (figures published in USD)",
         COR_KIND_BUDGET, "Azerbaijan", {"currency=USD", NULL, NULL}, "billion", "USD",
         "basis,vintage", NULL, COR_CHART_LINE, 0, NULL, NULL, 0},
    };
    for (size_t i = 0; rc == CLI_OK && i < sizeof specs / sizeof *specs; i++)
        rc = write_chart(&r, &specs[i]);
    if (rc == CLI_OK)
        rc = write_page(&r, "index.html", write_index);
    if (rc == CLI_OK)
        rc = write_page(&r, "report.md", write_markdown);
    if (rc == CLI_OK)
        printf("%s/index.html: %zu claims (%zu supported, %zu contradicted, %zu undecided, %zu "
               "without data), %zu charts, %zu tables\n",
               dir, vs.n, vs.count[COR_V_SUPPORTED], vs.count[COR_V_CONTRADICTED],
               vs.count[COR_V_UNDECIDED], vs.count[COR_V_NO_DATA], r.ncharts, r.ntables);
    for (size_t i = 0; i < r.ntables; i++)
        cor_table_free(r.table_objs[i]);
    cor_verdicts_fini(&vs);
    cor_dataset_free(ds);
    return rc;
}

const struct cli_command cli_report = {
    "report", "",
    "write the whole report: verdicts, tables and charts, into a folder (default out/)",
    "Evaluates every claim (--claims; default datasets/claims) against the data (--data;\n"
    "default the bundled datasets) and writes into --output (default out/): index.html,\n"
    "one self-contained page that works offline (a summary of verdicts, a card per claim\n"
    "with the quote, its article, the computed values against the claimed interval, the\n"
    "formula, the sources with links and dates and the commands that reproduce it; the\n"
    "charts embedded; the tables); report.md; tables/ in every format; charts/ with the\n"
    "gnuplot scripts and their PNG images. Every file is written whole.",
    report_options,
    "corridor report\n"
    "corridor report --data my_data/ --claims my_claims.csv -o my_report",
    cmd_report,
};
