/* A claim's card, built once from the library's verdict and written as
 * HTML and as Markdown: the quote and its article, labelled facts (claimed,
 * formula, ...), one row per piece of evidence, the sources in full, and
 * the commands that reproduce it. A new fact is one add_field() call. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/export.h"
#include "corridor/num.h"
#include "report_internal.h"

struct card_field {
    const char *label;
    char *text;
};

struct card_row {
    char *evidence;            /* "2025 vs 2024" */
    char **figs;               /* the figures used: "2024: 76,775 TEU" */
    size_t nfigs;
    char *computed, *margin, *sources;
    enum cor_verdict_kind verdict;
    enum cor_evidence_class evidence_class;   /* COR_EV_COUNT: found no figure */
    int decides;
};

struct cor_report_card {
    const struct cor_dataset *ds;
    const struct cor_verdict *v;
    struct card_field *fields;
    size_t nfields;
    struct card_row *rows;
    size_t nrows;
    cor_sym *sources;          /* every source used, once */
    size_t nsources;
    char **commands;           /* [0]: the check; then the figures of each piece of evidence */
    size_t ncommands;
    int failed;                /* memory ran out: the card is incomplete */
};

const char *cor_report_badge(enum cor_verdict_kind v)
{
    return v == COR_V_SUPPORTED      ? "supported"
           : v == COR_V_CONTRADICTED ? "contradicted"
           : v == COR_V_UNDECIDED    ? "undecided"
                                     : "nodata";
}

/* ---- numbers in their unit ------------------------------------------------ */

/* How values of a unit are shown: shares (fraction or %) as percentages. */
struct shown_unit {
    int percent;           /* 1: a share, shown as a percentage */
    double scale;          /* to a fraction: 1 (fraction), 0.01 (%) */
    char suffix[100];      /* " TEU", " billion USD", "" */
};

static void shown_unit(int unit, int currency, struct shown_unit *u)
{
    const struct cor_unit *un = unit >= 0 ? cor_unit_at(unit) : NULL;
    char name[96];
    u->percent = un && un->dim == COR_DIM_SHARE;
    u->scale = u->percent ? un->factor : 1;
    cor_series_unit_label(unit, currency, name, sizeof name);
    if (u->percent || !un)
        u->suffix[0] = '\0';
    else
        snprintf(u->suffix, sizeof u->suffix, " %s", name);
}

static void number(double v, const struct shown_unit *u, char *buf, size_t n, int *dec)
{
    cor_report_number(u->percent ? v * u->scale : v, u->percent, buf, n, dec);
}

/* "76,775 TEU", "more than 30.25%", "104,000 to 105,000 TEU", "38% to below
 * 40%"; *dec gets the most decimals shown. */
static void show_ival(struct cor_ival a, const struct shown_unit *u, struct cor_report_sb *b,
                      int *dec)
{
    char lo[64], hi[64];
    int dlo = 0, dhi = 0;
    *dec = 0;
    if (a.na) {
        cor_report_sb_printf(b, "NA (%s)", cor_na_reason(a.na));
        return;
    }
    number(a.lo, u, lo, sizeof lo, &dlo);
    number(a.hi, u, hi, sizeof hi, &dhi);
    if (a.lo == a.hi) {
        char v[64];
        number(a.value, u, v, sizeof v, dec);
        cor_report_sb_printf(b, "%s%s", v, u->suffix);
    } else if (isinf(a.hi) && a.hi > 0) {
        cor_report_sb_printf(b, "%s %s%s", a.lo_open ? "more than" : "at least", lo, u->suffix);
        *dec = dlo;
    } else if (isinf(a.lo) && a.lo < 0) {
        cor_report_sb_printf(b, "%s %s%s", a.hi_open ? "less than" : "at most", hi, u->suffix);
        *dec = dhi;
    } else {
        cor_report_sb_printf(b, "%s%s to %s%s%s", a.lo_open ? "above " : "", lo,
                             a.hi_open ? "below " : "", hi, u->suffix);
        *dec = dlo > dhi ? dlo : dhi;
    }
}

/* A margin with the decimals of its interval, in the claim's unit
 * (percentage points for shares). */
static void show_margin(double m, int dec, const struct shown_unit *u, struct cor_report_sb *b)
{
    if (isnan(m))
        return;
    char text[64];
    cor_num_format_grouped(u->percent ? 100 * u->scale * m : m, dec, text, sizeof text);
    cor_report_sb_printf(b, "%s%s", text, u->percent ? " pp" : u->suffix);
}

/* ---- building ------------------------------------------------------------ */

static char *take(struct cor_report_card *c, struct cor_report_sb *b)
{
    if (b->failed || !b->s) {
        c->failed |= b->failed;
        cor_report_sb_fini(b);
        return strdup("");
    }
    char *s = b->s;
    memset(b, 0, sizeof *b);
    return s;
}

/* Adds a labelled fact ("Claimed", "Formula"...) to the card. */
static void add_field(struct cor_report_card *c, const char *label, struct cor_report_sb *text)
{
    struct card_field *f = realloc(c->fields, (c->nfields + 1) * sizeof *f);
    if (!f) {
        c->failed = 1;
        cor_report_sb_fini(text);
        return;
    }
    c->fields = f;
    f[c->nfields++] = (struct card_field){label, take(c, text)};
}

static void add_source(struct cor_report_card *c, cor_sym id)
{
    if (id == COR_SYM_NONE)
        return;
    for (size_t i = 0; i < c->nsources; i++)
        if (c->sources[i] == id)
            return;
    cor_sym *s = realloc(c->sources, (c->nsources + 1) * sizeof *s);
    if (!s) {
        c->failed = 1;
        return;
    }
    c->sources = s;
    s[c->nsources++] = id;
}

static void add_command(struct cor_report_card *c, struct cor_report_sb *cmd)
{
    for (size_t i = 0; i < c->ncommands && cmd->s; i++)
        if (strcmp(c->commands[i], cmd->s) == 0) {
            cor_report_sb_fini(cmd);
            return;
        }
    char **p = realloc(c->commands, (c->ncommands + 1) * sizeof *p);
    if (!p) {
        c->failed = 1;
        cor_report_sb_fini(cmd);
        return;
    }
    c->commands = p;
    p[c->ncommands++] = take(c, cmd);
}

/* " WORD", shell-quoted. */
static void word(struct cor_report_sb *b, const char *s)
{
    size_t need = cor_report_shell_word(s, NULL, 0) + 1;
    char *w = malloc(need);
    if (!w) {
        b->failed = 1;
        return;
    }
    cor_report_shell_word(s, w, need);
    cor_report_sb_printf(b, " %s", w);
    free(w);
}

/* --data PATH... and the options every command shares. */
static void data_options(struct cor_report_sb *b, const struct cor_report_opts *o)
{
    for (size_t i = 0; i < o->ndata; i++) {
        cor_report_sb_printf(b, " --data");
        word(b, o->data[i]);
    }
    if (o->ival.approx_rel != 0.05) {
        char pct[40];
        cor_num_format(100 * o->ival.approx_rel, pct, sizeof pct);
        cor_report_sb_printf(b, " --approx %s", pct);
    }
}

/* 1 if the claim row's `where` fixes this column. */
static int fixed_by_row(const char *where, const char *col)
{
    size_t n = strlen(col);
    while (*where) {
        size_t len = strcspn(where, ";");
        if (len > n && where[n] == '=' && strncmp(where, col, n) == 0)
            return 1;
        where += len + (where[len] == ';');
    }
    return 0;
}

/* The command that lists the figures of one series an evidence row used:
 * its selection, with every key column the row leaves open pinned to the
 * figure's value, over the periods of the figures. */
static void figures_command(struct cor_report_card *c, const struct cor_report_opts *o,
                            size_t row, const struct cor_point *const *pts, size_t n)
{
    const struct cor_dataset *ds = c->ds;
    const struct cor_claim_record *r = c->v->rows[row];
    const struct cor_series *s = &c->v->series[row];
    const struct cor_schema *sc = cor_schema_lookup(cor_dataset_str(ds, r->kind),
                                                    strlen(cor_dataset_str(ds, r->kind)));
    if (!sc || !sc->has_obs || n == 0)
        return;
    struct cor_report_sb b = {0};
    cor_report_sb_printf(&b, "corridor series");
    data_options(&b, o);
    cor_report_sb_printf(&b, " --kind %s", sc->name);
    if (r->entity != COR_SYM_NONE) {
        cor_report_sb_printf(&b, " --entity");
        word(&b, cor_dataset_str(ds, r->entity));
    }
    const char *where = cor_dataset_str(ds, r->where);
    for (const char *w = where; *w;) {
        size_t len = strcspn(w, ";");
        char *cond = strndup(w, len);
        if (!cond) {
            b.failed = 1;
            break;
        }
        cor_report_sb_printf(&b, " --where");
        word(&b, cond);
        free(cond);
        w += len + (w[len] == ';');
    }
    const struct cor_column *entity = cor_series_entity_column(sc->kind);
    for (size_t k = 0; k < sc->ncols; k++) {
        const struct cor_column *col = &sc->cols[k];
        if (!(col->flags & COR_COL_KEY) || col == entity || fixed_by_row(where, col->name))
            continue;
        struct cor_report_sb cond = {0};
        cor_report_sb_printf(&cond, "%s=%s", col->name,
                             cor_series_text(ds, sc->kind, pts[0]->obs, col->name));
        cor_report_sb_printf(&b, " --where");
        word(&b, cor_report_sb_str(&cond));
        b.failed |= cond.failed;
        cor_report_sb_fini(&cond);
    }
    const struct cor_unit *u = s->unit >= 0 ? cor_unit_at(s->unit) : NULL;
    if (u) {
        cor_report_sb_printf(&b, " --unit");
        word(&b, u->name);
    }
    if (u && u->dim == COR_DIM_MONEY && s->currency >= 0)
        cor_report_sb_printf(&b, " --currency %s", cor_currency_name(s->currency));
    const char *status = cor_dataset_str(ds, r->status);
    if (*status) {
        cor_report_sb_printf(&b, " --status");
        word(&b, status);
    }
    /* the periods of the figures (an undated one passes only an open range) */
    const struct cor_period *first = NULL, *last = NULL;
    int undated = 0;
    for (size_t i = 0; i < n; i++) {
        const struct cor_period *p = &pts[i]->period;
        undated |= p->kind == COR_PERIOD_UNDATED;
        if (!first || cor_period_compare(p, first) < 0)
            first = p;
        if (!last || p->y1 > last->y1 || (p->y1 == last->y1 && (p->m1 > last->m1 ||
                                                               (p->m1 == last->m1 &&
                                                                p->d1 > last->d1))))
            last = p;
    }
    if (!undated) {
        char from[64], to[64];
        cor_period_format(first, from, sizeof from);
        cor_period_format(last, to, sizeof to);
        cor_report_sb_printf(&b, " --from %s --to %s", from, to);
    }
    add_command(c, &b);
}

/* The figures commands of evidence row `row`: one per series its
 * alternatives drew on (the key columns the row leaves open). */
static void row_commands(struct cor_report_card *c, const struct cor_report_opts *o, size_t row)
{
    const struct cor_verdict *v = c->v;
    const struct cor_claim_record *r = v->rows[row];
    const struct cor_schema *sc = cor_schema_lookup(cor_dataset_str(c->ds, r->kind),
                                                    strlen(cor_dataset_str(c->ds, r->kind)));
    size_t total = 0;
    for (size_t a = 0; a < v->nalts; a++)
        total += v->alts[a].evidence == row ? v->alts[a].ninputs : 0;
    const struct cor_point **pts = calloc(total + 1, sizeof *pts);
    int *done = calloc(total + 1, sizeof *done);
    if (!pts || !done || !sc) {
        c->failed |= !pts || !done;
        free(pts);
        free(done);
        return;
    }
    size_t n = 0;
    for (size_t a = 0; a < v->nalts; a++)
        for (size_t k = 0; v->alts[a].evidence == row && k < v->alts[a].ninputs; k++)
            pts[n++] = v->alts[a].inputs[k];
    const struct cor_column *entity = cor_series_entity_column(sc->kind);
    const char *where = cor_dataset_str(c->ds, r->where);
    const struct cor_point **group = calloc(n + 1, sizeof *group);
    for (size_t i = 0; group && i < n; i++) {
        if (done[i])
            continue;
        size_t g = 0;
        for (size_t j = i; j < n; j++) {
            int same = 1;
            for (size_t k = 0; k < sc->ncols && same; k++) {
                const struct cor_column *col = &sc->cols[k];
                if ((col->flags & COR_COL_KEY) && col != entity &&
                    !fixed_by_row(where, col->name))
                    same = strcmp(cor_series_text(c->ds, sc->kind, pts[i]->obs, col->name),
                                  cor_series_text(c->ds, sc->kind, pts[j]->obs, col->name)) == 0;
            }
            if (same && !done[j]) {
                done[j] = 1;
                group[g++] = pts[j];
            }
        }
        figures_command(c, o, row, group, g);
    }
    c->failed |= !group;
    free(group);
    free(pts);
    free(done);
}

static void build_rows(struct cor_report_card *c)
{
    const struct cor_verdict *v = c->v;
    const struct cor_dataset *ds = c->ds;
    struct shown_unit cu;
    shown_unit(v->claim->claim_unit, v->claim->currency, &cu);
    c->rows = calloc(v->nalts + 1, sizeof *c->rows);
    if (!c->rows) {
        c->failed = 1;
        return;
    }
    for (size_t a = 0; a < v->nalts; a++) {
        const struct cor_alternative *alt = &v->alts[a];
        struct card_row *row = &c->rows[c->nrows++];
        struct cor_report_sb b = {0};
        if (v->nrows > 1)
            cor_report_sb_printf(&b, "%zu: ", alt->evidence + 1);
        cor_report_sb_printf(&b, "%s", alt->detail);
        row->evidence = take(c, &b);
        int dec;
        show_ival(alt->computed, &cu, &b, &dec);
        row->computed = take(c, &b);
        /* the margin of the level test, and of the history test (record,
         * first time), each when it decided */
        show_margin(alt->margin, dec, &cu, &b);
        if (!isnan(alt->history_margin)) {
            cor_report_sb_printf(&b, "%s", isnan(alt->margin) ? "" : "; ");
            show_margin(alt->history_margin, dec, &cu, &b);
            cor_report_sb_printf(&b, " (history)");
        }
        row->margin = take(c, &b);
        row->verdict = alt->verdict;
        row->decides = alt->decides;
        row->evidence_class = alt->evidence_class;
        row->figs = calloc(alt->ninputs + 1, sizeof *row->figs);
        const struct cor_series *s = &v->series[alt->evidence];
        struct shown_unit su;
        shown_unit(s->unit, s->currency, &su);
        for (size_t k = 0; row->figs && k < alt->ninputs; k++) {
            const struct cor_point *p = alt->inputs[k];
            char period[64];
            cor_period_format(&p->period, period, sizeof period);
            cor_report_sb_printf(&b, "%s: ", period);
            show_ival(p->v, &su, &b, &dec);
            cor_report_sb_printf(&b, " (%s)", p->status == COR_S_CLAIM
                                                  ? "a statement"
                                                  : cor_status_name(p->status));
            row->figs[row->nfigs++] = take(c, &b);
            add_source(c, p->source);
            add_source(c, p->fx_source);
        }
        c->failed |= !row->figs;
        row->sources = cor_verdict_sources(ds, alt);
        c->failed |= !row->sources;
    }
}

struct cor_report_card *cor_report_card_new(const struct cor_dataset *ds,
                                            const struct cor_verdict *v,
                                            const struct cor_report_opts *o)
{
    struct cor_report_card *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->ds = ds;
    c->v = v;
    struct shown_unit cu;
    shown_unit(v->claim->claim_unit, v->claim->currency, &cu);
    struct cor_report_sb b = {0};
    int dec;
    show_ival(v->claimed, &cu, &b, &dec);
    add_field(c, "Claimed", &b);
    cor_report_sb_printf(&b, "%s", v->formula ? v->formula : "");
    add_field(c, "Formula", &b);
    if (v->decided_by != COR_EV_COUNT) {
        cor_report_sb_printf(&b, "%s figures", cor_evidence_class_name(v->decided_by));
        add_field(c, "Decided by", &b);
    }
    if (v->summary && *v->summary) {
        cor_report_sb_printf(&b, "%s", v->summary);
        add_field(c, "In short", &b);
    }
    if (v->verdict == COR_V_NO_DATA && v->problem && *v->problem) {
        cor_report_sb_printf(&b, "%s", v->problem);
        add_field(c, "No data", &b);
    }
    build_rows(c);
    /* the check, then the figures behind each piece of evidence */
    cor_report_sb_printf(&b, "corridor check --detail --claim");
    word(&b, cor_dataset_str(ds, v->claim->id));
    data_options(&b, o);
    for (size_t i = 0; i < o->nclaims; i++)
        word(&b, o->claims[i]);
    add_command(c, &b);
    for (size_t row = 0; row < v->nrows; row++)
        row_commands(c, o, row);
    return c;
}

size_t cor_report_card_sources(const struct cor_report_card *c, const cor_sym **ids)
{
    *ids = c->sources;
    return c->nsources;
}

void cor_report_card_free(struct cor_report_card *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nfields; i++)
        free(c->fields[i].text);
    for (size_t i = 0; i < c->nrows; i++) {
        struct card_row *r = &c->rows[i];
        for (size_t k = 0; k < r->nfigs; k++)
            free(r->figs[k]);
        free(r->figs);
        free(r->evidence);
        free(r->computed);
        free(r->margin);
        free(r->sources);
    }
    for (size_t i = 0; i < c->ncommands; i++)
        free(c->commands[i]);
    free(c->fields);
    free(c->rows);
    free(c->sources);
    free(c->commands);
    free(c);
}

/* ---- HTML ---------------------------------------------------------------- */

static void h(FILE *f, const char *s)
{
    cor_export_html_escaped(s ? s : "", f);
}

void cor_report_source_html(const struct cor_dataset *ds, cor_sym id, FILE *f)
{
    const struct cor_source_record *s = cor_dataset_source(ds, id);
    fputs("<li>", f);
    if (s) {
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
            fputs(" <span class=\"url\">", f);
            cor_export_html_link(url, NULL, f);
            fputs("</span>", f);
        }
    }
    fputs(" <span class=\"meta\">[", f);
    h(f, cor_dataset_str(ds, id));
    fputs("]</span></li>\n", f);
}

void cor_report_card_html(const struct cor_report_card *c, FILE *f)
{
    const struct cor_dataset *ds = c->ds;
    const struct cor_verdict *v = c->v;
    const char *id = cor_dataset_str(ds, v->claim->id);
    fputs("<section class=\"card\" id=\"", f);
    h(f, id);
    fputs("\">\n<h3>", f);
    h(f, id);
    fprintf(f, " <span class=\"badge %s\">%s</span></h3>\n<blockquote>&ldquo;",
            cor_report_badge(v->verdict), cor_verdict_name(v->verdict));
    h(f, cor_dataset_str(ds, v->claim->quote));
    fputs("&rdquo;</blockquote>\n", f);
    const struct cor_source_record *art = cor_dataset_source(ds, v->claim->article);
    if (art) {
        fputs("<p class=\"meta\">&mdash; ", f);
        h(f, cor_dataset_str(ds, art->publisher));
        fputs(", <em>", f);
        h(f, cor_dataset_str(ds, art->title));
        fputs("</em>", f);
        if (art->article) {
            fputs(" (", f);
            h(f, cor_dataset_str(ds, art->article));
            fputs(")", f);
        }
        fputs("</p>\n", f);
    }
    fputs("<p class=\"facts\">", f);
    for (size_t i = 0; i < c->nfields; i++) {
        fprintf(f, "%s<strong>", i ? " &middot; " : "");
        h(f, c->fields[i].label);
        fputs(":</strong> ", f);
        h(f, c->fields[i].text);
    }
    fputs("</p>\n", f);
    if (c->nrows) {
        fputs("<div class=\"tablewrap\"><table class=\"ev\"><tr><th>evidence</th><th>figures "
              "used</th><th>computed</th><th>verdict</th><th>margin</th><th>class</th>"
              "<th>decides</th><th>sources</th></tr>\n",
              f);
        for (size_t i = 0; i < c->nrows; i++) {
            const struct card_row *r = &c->rows[i];
            fputs("<tr><td>", f);
            h(f, r->evidence);
            fputs("</td><td>", f);
            for (size_t k = 0; k < r->nfigs; k++) {
                fputs(k ? "<br><span class=\"fig\">" : "<span class=\"fig\">", f);
                h(f, r->figs[k]);
                fputs("</span>", f);
            }
            fputs("</td><td class=\"num computed\">", f);
            h(f, r->computed);
            fprintf(f, "</td><td><span class=\"badge %s\">%s</span></td><td class=\"num\">",
                    cor_report_badge(r->verdict), cor_verdict_name(r->verdict));
            h(f, r->margin);
            fprintf(f, "</td><td>%s</td><td>%s</td><td>", cor_evidence_class_name(r->evidence_class),
                    r->decides ? "yes" : "no");
            h(f, r->sources);
            fputs("</td></tr>\n", f);
        }
        fputs("</table></div>\n", f);
    }
    fputs("<div class=\"sources\"><p class=\"label\">Sources</p><ul class=\"src\">\n", f);
    for (size_t i = 0; i < c->nsources; i++)
        cor_report_source_html(ds, c->sources[i], f);
    if (!c->nsources)
        fputs("<li>none: no figure matched</li>\n", f);
    fputs("</ul></div>\n<p class=\"label\">Reproduce</p>\n", f);
    for (size_t i = 0; i < c->ncommands; i++) {
        fputs("<div class=\"cmd\"><code>", f);
        h(f, c->commands[i]);
        fputs("</code></div>\n", f);
    }
    for (size_t row = 0; row < v->nrows; row++)
        if (v->rows[row]->note) {
            fputs("<p class=\"note\">Note: ", f);
            h(f, cor_dataset_str(ds, v->rows[row]->note));
            fputs("</p>\n", f);
        }
    if (c->failed)
        fputs("<p class=\"note\">This card is incomplete: memory ran out.</p>\n", f);
    fputs("</section>\n", f);
}

/* ---- Markdown ------------------------------------------------------------ */

static void m(FILE *f, const char *s)
{
    cor_export_md_escaped(s ? s : "", f);
}

void cor_report_source_md(const struct cor_dataset *ds, cor_sym id, FILE *f)
{
    const struct cor_source_record *s = cor_dataset_source(ds, id);
    fputs("- ", f);
    if (s) {
        fputs("**", f);
        m(f, cor_dataset_str(ds, s->publisher));
        fputs("**", f);
        if (s->title) {
            fputs(", *", f);
            m(f, cor_dataset_str(ds, s->title));
            fputs("*", f);
        }
        if (s->date.kind != COR_PERIOD_NONE) {
            char d[32];
            cor_period_format(&s->date, d, sizeof d);
            fputs(", ", f);
            m(f, d);
        }
        fputs(": “", f);
        m(f, cor_dataset_str(ds, s->quote));
        fputs("”", f);
        if (s->url) {
            fputs(" ", f);
            cor_export_md_link(cor_dataset_str(ds, s->url), NULL, f);
        }
    }
    fputs(" \\[", f);
    m(f, cor_dataset_str(ds, id));
    fputs("\\]\n", f);
}

/* A fenced block longer than any run of backquotes in the commands. */
static size_t fence_length(char *const *lines, size_t n)
{
    size_t longest = 0;
    for (size_t i = 0; i < n; i++)
        for (const char *p = lines[i]; *p; p++) {
            size_t run = strspn(p, "`");
            if (run > longest)
                longest = run;
            p += run ? run - 1 : 0;
        }
    return longest < 3 ? 3 : longest + 1;
}

void cor_report_card_md(const struct cor_report_card *c, FILE *f)
{
    const struct cor_dataset *ds = c->ds;
    const struct cor_verdict *v = c->v;
    fputs("### ", f);
    m(f, cor_dataset_str(ds, v->claim->id));
    fprintf(f, ": %s\n\n> “", cor_verdict_name(v->verdict));
    m(f, cor_dataset_str(ds, v->claim->quote));
    fputs("”\n\n", f);
    const struct cor_source_record *art = cor_dataset_source(ds, v->claim->article);
    if (art) {
        fputs("— ", f);
        m(f, cor_dataset_str(ds, art->publisher));
        fputs(", *", f);
        m(f, cor_dataset_str(ds, art->title));
        fputs("*", f);
        if (art->article) {
            fputs(" (", f);
            m(f, cor_dataset_str(ds, art->article));
            fputs(")", f);
        }
        fputs("\n\n", f);
    }
    for (size_t i = 0; i < c->nfields; i++) {
        fputs(i ? " · **" : "**", f);
        m(f, c->fields[i].label);
        fputs(":** ", f);
        m(f, c->fields[i].text);
    }
    fputs("\n\n", f);
    if (c->nrows) {
        fputs("| evidence | figures used | computed | verdict | margin | class | decides | sources |\n"
              "|---|---|--:|---|--:|---|---|---|\n",
              f);
        for (size_t i = 0; i < c->nrows; i++) {
            const struct card_row *r = &c->rows[i];
            fputs("| ", f);
            m(f, r->evidence);
            fputs(" | ", f);
            for (size_t k = 0; k < r->nfigs; k++) {
                fputs(k ? "; " : "", f);
                m(f, r->figs[k]);
            }
            fputs(" | ", f);
            m(f, r->computed);
            fprintf(f, " | **%s** | ", cor_verdict_name(r->verdict));
            m(f, r->margin);
            fprintf(f, " | %s | %s | ", cor_evidence_class_name(r->evidence_class),
                    r->decides ? "yes" : "no");
            m(f, r->sources);
            fputs(" |\n", f);
        }
        fputs("\n", f);
    }
    fputs("Sources:\n\n", f);
    for (size_t i = 0; i < c->nsources; i++)
        cor_report_source_md(ds, c->sources[i], f);
    if (!c->nsources)
        fputs("- none: no figure matched\n", f);
    size_t fence = fence_length(c->commands, c->ncommands);
    fputs("\nReproduce:\n\n", f);
    for (size_t i = 0; i < fence; i++)
        fputc('`', f);
    fputs("sh\n", f);
    for (size_t i = 0; i < c->ncommands; i++) {
        /* a line break inside a quoted path stays inside the block */
        fputs(c->commands[i], f);
        fputc('\n', f);
    }
    for (size_t i = 0; i < fence; i++)
        fputc('`', f);
    fputs("\n\n", f);
    for (size_t row = 0; row < v->nrows; row++)
        if (v->rows[row]->note) {
            fputs("Note: ", f);
            m(f, cor_dataset_str(ds, v->rows[row]->note));
            fputs("\n\n", f);
        }
    if (c->failed)
        fputs("This card is incomplete: memory ran out.\n\n", f);
}
