/* The report: verdicts, charts and tables into a folder, and the two
 * pages that show them (see report.h). */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "corridor/atomic.h"
#include "corridor/export.h"
#include "report_internal.h"

void cor_report_opts_init(struct cor_report_opts *o)
{
    memset(o, 0, sizeof *o);
    o->dir = "out";
    o->ival.approx_rel = 0.05;
}

/* What one cor_report_write() call carries along. */
struct run {
    const struct cor_dataset *ds;
    const struct cor_report_opts *o;
    struct cor_report_page page;
    struct cor_report_result *res;
    int gnuplot_missing;       /* warned once */
    struct cor_error *err;
};

static void warn(struct run *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void warn(struct run *r, const char *fmt, ...)
{
    if (!r->o->warn)
        return;
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = need >= 0 ? malloc((size_t)need + 1) : NULL;
    if (msg) {
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)need + 1, fmt, ap);
        va_end(ap);
    }
    r->o->warn(r->o->warn_user, msg ? msg : "a chart or table was skipped (out of memory)");
    free(msg);
}

static enum cor_status nomem(struct run *r)
{
    return cor_error_set(r->err, COR_ENOMEM, NULL, 0, 0, "out of memory");
}

/* DIR/SUB/NAME.EXT, or NULL. */
static char *path_in(const char *dir, const char *sub, const char *name, const char *ext)
{
    struct cor_report_sb b = {0};
    cor_report_sb_printf(&b, "%s/%s%s%s%s", dir, sub, *sub ? "/" : "", name, ext);
    if (b.failed) {
        cor_report_sb_fini(&b);
        return NULL;
    }
    return b.s;
}

static enum cor_status make_dir(const char *path, struct cor_error *err)
{
    struct stat sb;
    if (mkdir(path, 0777) == 0 || (errno == EEXIST && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)))
        return COR_OK;
    return cor_error_set(err, COR_EIO, path, 0, 0, "cannot create the folder: %s",
                         errno == EEXIST ? "a file has that name" : strerror(errno));
}

static void add_source(struct run *r, cor_sym id)
{
    struct cor_report_page *p = &r->page;
    if (id == COR_SYM_NONE || id == COR_SYM_ABSENT || !cor_dataset_source(r->ds, id))
        return;
    for (size_t i = 0; i < p->nsources; i++)
        if (p->sources[i] == id)
            return;
    cor_sym *s = realloc(p->sources, (p->nsources + 1) * sizeof *s);
    if (!s)
        return;   /* the list of sources at the end is shorter; the cards still cite them */
    p->sources = s;
    s[p->nsources++] = id;
}

/* "chart 'NAME' (FILE:LINE): MESSAGE: skipped", warned. */
static void skipped(struct run *r, const struct cor_report_item *it, const char *message)
{
    const char *what = it->type == COR_REPORT_CHART ? "chart" : "table";
    if (it->path)
        warn(r, "%s '%s' (%s:%lu): %s: skipped", what, it->name, it->path, it->line, message);
    else
        warn(r, "%s '%s': %s: skipped", what, it->name, message);
    r->res->skipped++;
}

/* ---- tables -------------------------------------------------------------- */

/* tables/NAME in every format; the page keeps the table (t is taken). */
static enum cor_status add_table(struct run *r, const char *name, struct cor_table *t)
{
    static const struct {
        enum cor_format f;
        const char *ext;
    } fmts[] = {{COR_FMT_CSV, ".csv"},   {COR_FMT_TSV, ".tsv"},   {COR_FMT_MARKDOWN, ".md"},
                {COR_FMT_LATEX, ".tex"}, {COR_FMT_HTML, ".html"}, {COR_FMT_JSON, ".json"},
                {COR_FMT_TEXT, ".txt"}};
    struct cor_report_page *p = &r->page;
    struct cor_report_page_table *tabs = realloc(p->tables, (p->ntables + 1) * sizeof *tabs);
    char *nm = strdup(name);
    if (!t || !tabs || !nm) {
        if (tabs)
            p->tables = tabs;
        free(nm);
        cor_table_free(t);
        return nomem(r);
    }
    p->tables = tabs;
    tabs[p->ntables++] = (struct cor_report_page_table){nm, t};
    for (size_t i = 0; i < sizeof fmts / sizeof *fmts; i++) {
        char *path = path_in(r->o->dir, "tables", name, fmts[i].ext);
        struct cor_atomic *a = path ? cor_atomic_open(path, r->err) : NULL;
        enum cor_status st = !path ? nomem(r) : !a ? r->err ? r->err->status : COR_EIO
                                            : cor_export_table(t, fmts[i].f, cor_atomic_stream(a));
        if (a && st == COR_OK)
            st = cor_atomic_commit(a, r->err);
        else if (a) {
            cor_atomic_abort(a);
            cor_error_set(r->err, st, path, 0, 0, "cannot write: %s", cor_strerror(st));
        }
        free(path);
        if (st != COR_OK)
            return st;
    }
    for (size_t i = 0; i < cor_table_source_count(t); i++)
        add_source(r, cor_dataset_sym(r->ds, cor_table_source(t, i)));
    r->res->tables++;
    return COR_OK;
}

static enum cor_status spec_table(struct run *r, const struct cor_report_item *it)
{
    struct cor_error e = {0};
    struct cor_table *t = cor_report_item_table(r->ds, it, &e);
    if (!t && e.status == COR_ENOMEM)
        return nomem(r);
    if (!t) {
        skipped(r, it, e.message);
        return COR_OK;
    }
    return add_table(r, it->name, t);
}

/* ---- charts -------------------------------------------------------------- */

static int contains_nocase(const char *s, const char *word)
{
    size_t n = strlen(word);
    for (; *s; s++) {
        size_t i = 0;
        while (i < n && s[i] && (s[i] | 0x20) == word[i])
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

/* The SVG gnuplot wrote, from "<svg" on, to go inline into the page; NULL
 * when it cannot be read or holds anything active (gnuplot escapes text,
 * so this is a second lock). */
static char *inline_svg(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct cor_report_sb b = {0};
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf - 1, f)) > 0) {
        buf[n] = '\0';
        if (memchr(buf, '\0', n))
            b.failed = 1;
        cor_report_sb_printf(&b, "%s", buf);
    }
    fclose(f);
    const char *svg = b.s ? strstr(b.s, "<svg") : NULL;
    char *out = NULL;
    if (!b.failed && svg && !contains_nocase(svg, "<script") &&
        !contains_nocase(svg, "javascript:") && !contains_nocase(svg, "<foreignobject"))
        out = strdup(svg);
    cor_report_sb_fini(&b);
    return out;
}

/* Renders the script on one terminal; 1 if the image was written. */
static int render(struct run *r, const char *script, const char *image, enum cor_terminal t,
                  enum cor_status *st)
{
    struct cor_error e = {0};
    enum cor_status rs = cor_chart_render(script, image, t, &e);
    if (rs == COR_ENOTFOUND) {
        if (!r->gnuplot_missing)
            warn(r, "%s; the charts are scripts only", e.message);
        r->gnuplot_missing = 1;
        return 0;
    }
    if (rs != COR_OK) {
        *st = rs;
        if (r->err)
            *r->err = e;
        return 0;
    }
    return 1;
}

static enum cor_status spec_chart(struct run *r, const struct cor_report_item *it)
{
    struct cor_series s;
    struct cor_error e = {0};
    if (cor_series_select(r->ds, &it->sel, &s, &e) != COR_OK) {
        if (e.status == COR_ENOMEM)
            return nomem(r);
        skipped(r, it, e.message);
        return COR_OK;
    }
    struct cor_report_figure_opts fo = {.type = it->chart,
                                        .by = it->by,
                                        .total = it->total,
                                        .title = it->title,
                                        .xlabel = it->xlabel,
                                        .ylabel = it->ylabel,
                                        .entity = it->sel.entity,
                                        .thresholds = it->thresholds,
                                        .nthresholds = it->nthresholds};
    struct cor_report_figure *fig = NULL;
    enum cor_status st = cor_report_figure_new(r->ds, it->sel.kind, &s, &fo, &fig, &e);
    if (st != COR_OK) {
        cor_series_fini(&s);
        if (st == COR_ENOMEM)
            return nomem(r);
        skipped(r, it, e.message);
        return COR_OK;
    }
    for (size_t i = 0; i < s.n; i++) {
        add_source(r, s.points[i].source);
        add_source(r, s.points[i].fx_source);
    }
    cor_series_fini(&s);
    struct cor_report_page *p = &r->page;
    struct cor_report_page_chart *ch = realloc(p->charts, (p->ncharts + 1) * sizeof *ch);
    char *gp = path_in(r->o->dir, "charts", it->name, ".gp");
    char *png = path_in(r->o->dir, "charts", it->name, ".png");
    char *svg = path_in(r->o->dir, "charts", it->name, ".svg");
    struct cor_report_sb image = {0};   /* the script's own default output */
    cor_report_sb_printf(&image, "%s.png", it->name);
    if (ch)
        p->charts = ch;
    struct cor_report_page_chart c = {strdup(it->name),
                                      strdup(cor_report_figure_chart(fig)->title),
                                      strdup(cor_report_figure_left_out(fig)), NULL, 0};
    if (!ch || !gp || !png || !svg || image.failed || !c.name || !c.title || !c.left_out)
        st = nomem(r);
    if (st == COR_OK)
        st = cor_report_figure_script(fig, COR_TERM_PNG, gp, cor_report_sb_str(&image), r->err);
    if (st == COR_OK && !r->gnuplot_missing)
        c.png = render(r, gp, png, COR_TERM_PNG, &st);
    if (st == COR_OK && c.png && render(r, gp, svg, COR_TERM_SVG, &st))
        c.svg = inline_svg(svg);
    if (st == COR_OK) {
        p->charts[p->ncharts++] = c;
        r->res->charts++;
        r->res->rendered += (size_t)c.png;
    } else {
        free(c.name);
        free(c.title);
        free(c.left_out);
        free(c.svg);
    }
    free(gp);
    free(png);
    free(svg);
    cor_report_sb_fini(&image);
    cor_report_figure_free(fig);
    return st;
}

/* ---- the whole ----------------------------------------------------------- */

static size_t figure_count(const struct cor_dataset *ds)
{
    size_t n = 0;
    for (int k = 0; k < COR_KIND_COUNT; k++)
        if (cor_schema_get((enum cor_kind)k)->has_obs)
            n += cor_dataset_count(ds, (enum cor_kind)k);
    return n;
}

static enum cor_status write_page(struct run *r, const char *name,
                                  void (*fn)(const struct cor_report_page *, FILE *))
{
    char *path = path_in(r->o->dir, "", name, "");
    if (!path)
        return nomem(r);
    struct cor_atomic *a = cor_atomic_open(path, r->err);
    enum cor_status st = a ? COR_OK : r->err ? r->err->status : COR_EIO;
    if (a) {
        fn(&r->page, cor_atomic_stream(a));
        st = cor_atomic_commit(a, r->err);
    }
    free(path);
    return st;
}

enum cor_status cor_report_write(const struct cor_dataset *ds, const struct cor_report_spec *spec,
                                 const struct cor_report_opts *o, struct cor_report_result *res,
                                 struct cor_error *err)
{
    memset(res, 0, sizeof *res);
    if (figure_count(ds) == 0 && cor_dataset_count(ds, COR_KIND_CLAIM) == 0)
        return cor_error_set(err, COR_EDATA, NULL, 0, 0,
                             "nothing to report: the data holds no figure and no claim");
    struct cor_verdicts vs;
    struct run r = {ds, o, {0}, res, 0, err};
    r.page = (struct cor_report_page){ds, spec, o, &vs, NULL, NULL, 0, NULL, 0, NULL, 0};
    enum cor_status st = cor_verdicts_evaluate(ds, &o->ival, &vs, err);
    char *charts = path_in(o->dir, "", "charts", ""), *tables = path_in(o->dir, "", "tables", "");
    if (st == COR_OK && (!charts || !tables))
        st = nomem(&r);
    if (st == COR_OK)
        st = make_dir(o->dir, err);
    if (st == COR_OK)
        st = make_dir(charts, err);
    if (st == COR_OK)
        st = make_dir(tables, err);
    free(charts);
    free(tables);
    if (st == COR_OK && !(r.page.cards = calloc(vs.n + 1, sizeof *r.page.cards)))
        st = nomem(&r);
    for (size_t i = 0; st == COR_OK && i < vs.n; i++) {
        if (!(r.page.cards[i] = cor_report_card_new(ds, &vs.v[i], o)))
            st = nomem(&r);
        const cor_sym *ids = NULL;
        size_t n = st == COR_OK ? cor_report_card_sources(r.page.cards[i], &ids) : 0;
        for (size_t k = 0; k < n; k++)
            add_source(&r, ids[k]);
    }
    if (st == COR_OK && vs.n)
        st = add_table(&r, "verdicts", cor_verdicts_table(ds, &vs, 0));
    if (st == COR_OK && vs.n)
        st = add_table(&r, "evidence", cor_verdicts_table(ds, &vs, 1));
    for (size_t i = 0; st == COR_OK && i < spec->n; i++)
        st = spec->items[i].type == COR_REPORT_CHART ? spec_chart(&r, &spec->items[i])
                                                     : spec_table(&r, &spec->items[i]);
    if (st == COR_OK)
        st = write_page(&r, "index.html", cor_report_page_html);
    if (st == COR_OK)
        st = write_page(&r, "report.md", cor_report_page_md);
    res->claims = vs.n;
    memcpy(res->verdicts, vs.count, sizeof res->verdicts);
    for (size_t i = 0; r.page.cards && i < vs.n; i++)
        cor_report_card_free(r.page.cards[i]);
    for (size_t i = 0; i < r.page.ncharts; i++) {
        free(r.page.charts[i].name);
        free(r.page.charts[i].title);
        free(r.page.charts[i].left_out);
        free(r.page.charts[i].svg);
    }
    for (size_t i = 0; i < r.page.ntables; i++) {
        free(r.page.tables[i].name);
        cor_table_free(r.page.tables[i].t);
    }
    free(r.page.cards);
    free(r.page.charts);
    free(r.page.tables);
    free(r.page.sources);
    cor_verdicts_fini(&vs);
    return st;
}
