/* Series -> chart description -> script and image. */
#define _POSIX_C_SOURCE 200809L
#include "chart_build.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

void chart_request_init(struct chart_request *r)
{
    memset(r, 0, sizeof *r);
    r->type = COR_CHART_LINE;
    r->terminal = -1;
}

int chart_type_lookup(const char *name, enum cor_chart_type *type)
{
    static const struct {
        const char *name;
        enum cor_chart_type type;
    } types[] = {{"line", COR_CHART_LINE},       {"points", COR_CHART_POINTS},
                 {"bar", COR_CHART_BAR},         {"grouped", COR_CHART_GROUPED},
                 {"stacked", COR_CHART_STACKED100}};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (strcmp(types[i].name, name) == 0) {
            *type = types[i].type;
            return 0;
        }
    return -1;
}

/* The series label of a point: the values of the --by columns. */
static void label_of(const struct cor_dataset *ds, enum cor_kind kind, const struct cor_point *p,
                     const char *by, char *buf, size_t n)
{
    buf[0] = '\0';
    while (by && *by) {
        size_t len = strcspn(by, ",");
        char col[64];
        snprintf(col, sizeof col, "%.*s", (int)len, by);
        const char *v = cor_series_text(ds, kind, p->obs, col);
        size_t used = strlen(buf);
        if (*v)
            snprintf(buf + used, n - used, "%s%s", used ? ", " : "", v);
        by += len;
        if (*by == ',')
            by++;
    }
}

static enum cor_mark mark_of(enum cor_obs_status st)
{
    if (st == COR_S_ACTUAL)
        return COR_MARK_ACTUAL;
    return st == COR_S_PROJECTED || st == COR_S_PLANNED ? COR_MARK_PROJECTED : COR_MARK_ESTIMATE;
}

struct built {
    struct cor_chart chart;
    struct cor_chart_series series[16];
    struct cor_chart_point *points[16];
    char labels[16][128];
    char *categories[64];
    size_t ncat;
    char title[256], ylabel[96], source[400];
    char left_out[400];
};

static size_t category_of(struct built *b, const char *period)
{
    for (size_t i = 0; i < b->ncat; i++)
        if (strcmp(b->categories[i], period) == 0)
            return i;
    if (b->ncat == 64)
        return 63;
    b->categories[b->ncat] = strdup(period);
    return b->ncat++;
}

static void built_fini(struct built *b)
{
    for (size_t i = 0; i < 16; i++)
        free(b->points[i]);
    for (size_t i = 0; i < b->ncat; i++)
        free(b->categories[i]);
}

/* Publishers of the points, for the source line. */
static void source_line(const struct cor_dataset *ds, const struct cor_series *s, char *buf,
                        size_t n)
{
    snprintf(buf, n, "Source: ");
    for (size_t i = 0; i < s->n; i++) {
        const struct cor_source_record *src = cor_dataset_source(ds, s->points[i].source);
        const char *pub = src ? cor_dataset_str(ds, src->publisher) : "?";
        if (strstr(buf, pub))
            continue;
        size_t used = strlen(buf);
        if (used + strlen(pub) + 8 >= n) {
            snprintf(buf + used, n - used, ", ...");
            break;
        }
        snprintf(buf + used, n - used, "%s%s", used > 8 ? ", " : "", pub);
    }
    size_t used = strlen(buf);
    snprintf(buf + used, n - used, ". Figures as published; chart by corridor.");
}

static int build(const struct chart_request *r, const struct cor_dataset *ds, enum cor_kind kind,
                 const struct cor_series *s, struct built *b)
{
    memset(b, 0, sizeof *b);
    int bars = r->type != COR_CHART_LINE && r->type != COR_CHART_POINTS;
    size_t nseries = 0;
    for (size_t i = 0; i < s->n; i++) {
        const struct cor_point *p = &s->points[i];
        char period[32], label[128];
        cor_period_format(&p->period, period, sizeof period);
        if (p->v.na || p->period.kind == COR_PERIOD_UNDATED || p->period.kind == COR_PERIOD_SPAN ||
            (!bars && !cor_period_is_year(&p->period))) {
            size_t used = strlen(b->left_out);
            snprintf(b->left_out + used, sizeof b->left_out - used, "%s%.31s",
                     used ? ", " : "", period);
            continue;
        }
        label_of(ds, kind, p, r->by, label, sizeof label);
        if (!label[0])
            snprintf(label, sizeof label, "%s", r->entity ? r->entity : "value");
        size_t k = 0;
        while (k < nseries && strcmp(b->labels[k], label) != 0)
            k++;
        if (k == nseries) {
            if (nseries == 16)
                continue;
            snprintf(b->labels[nseries], sizeof b->labels[0], "%s", label);
            b->points[nseries] = calloc(s->n, sizeof *b->points[0]);
            if (!b->points[nseries])
                return CLI_IO;
            b->series[nseries].label = b->labels[nseries];
            b->series[nseries].points = b->points[nseries];
            nseries++;
        }
        struct cor_chart_point *cp = &b->points[k][b->series[k].n++];
        cp->x = bars ? (double)category_of(b, period) : p->period.y0;
        int one_sided = isinf(p->v.hi);
        cp->y = one_sided ? p->v.lo : p->v.value;
        cp->lo = cor_ival_is_point(p->v) ? NAN : p->v.lo;
        cp->hi = cor_ival_is_point(p->v) ? NAN : p->v.hi;
        cp->mark = mark_of(p->status);
    }
    b->chart.type = r->type;
    b->chart.series = b->series;
    b->chart.nseries = nseries;
    b->chart.categories = (const char *const *)b->categories;
    b->chart.ncategories = b->ncat;
    b->chart.thresholds = r->thresholds;
    b->chart.nthresholds = r->nthresholds;
    common_unit_name(s, b->ylabel, sizeof b->ylabel);
    if (r->type == COR_CHART_STACKED100)
        snprintf(b->ylabel, sizeof b->ylabel, "share of the total (%%)");
    if (r->title)
        snprintf(b->title, sizeof b->title, "%s", r->title);
    else
        snprintf(b->title, sizeof b->title, "%s%s%s", r->entity ? r->entity : "",
                 r->entity ? ": " : "", b->ylabel);
    source_line(ds, s, b->source, sizeof b->source);
    b->chart.title = b->title;
    b->chart.xlabel = bars ? "period" : "year";
    b->chart.ylabel = b->ylabel;
    b->chart.source = b->source;
    return nseries ? CLI_OK : CLI_DATA;
}

int chart_emit(const struct chart_request *r, const struct cor_dataset *ds, enum cor_kind kind,
               const struct cor_series *s, const char *output, FILE *log)
{
    struct built *b = calloc(1, sizeof *b);
    if (!b)
        return CLI_IO;
    int rc = build(r, ds, kind, s, b);
    if (rc == CLI_DATA)
        fprintf(stderr, "corridor: nothing to draw: the selection has no dated figures\n");
    const char *ext = strrchr(output, '.');
    int term = r->terminal >= 0 ? r->terminal : ext ? cor_terminal_lookup(ext + 1) : -1;
    if (rc == CLI_OK && term < 0) {
        fprintf(stderr, "corridor: %s: give the image a .png, .svg or .pdf name, or "
                        "--terminal\n",
                output);
        rc = CLI_USAGE;
    }
    char *script = NULL;
    if (rc == CLI_OK) {
        size_t stem = ext ? (size_t)(ext - output) : strlen(output);
        script = malloc(stem + 4);
        if (!script)
            rc = CLI_IO;
        else {
            memcpy(script, output, stem);
            memcpy(script + stem, ".gp", 4);
        }
    }
    struct cor_error err = {0};
    if (rc == CLI_OK) {
        const char *base = strrchr(output, '/');
        struct cor_atomic *a = cor_atomic_open(script, &err);
        enum cor_status st = a ? cor_chart_write(&b->chart, (enum cor_terminal)term,
                                                 base ? base + 1 : output,
                                                 cor_atomic_stream(a), &err)
                               : err.status;
        if (a)
            st = st == COR_OK ? cor_atomic_commit(a, &err) : (cor_atomic_abort(a), st);
        if (st != COR_OK) {
            fprintf(stderr, "corridor: %s: %s\n", script, err.message);
            rc = st == COR_EINVAL ? CLI_USAGE : CLI_IO;
        }
    }
    if (rc == CLI_OK && b->left_out[0])
        fprintf(log, "left out of the chart (not a full year, undated or NA): %s\n", b->left_out);
    if (rc == CLI_OK && r->script_only)
        fprintf(log, "wrote %s (render it with: gnuplot -e \"outfile='%s'\" %s)\n", script,
                output, script);
    else if (rc == CLI_OK) {
        enum cor_status st = cor_chart_render(script, output, &err);
        if (st == COR_ENOTFOUND)
            fprintf(log, "wrote %s; %s\n", script, err.message);
        else if (st != COR_OK) {
            cli_print_error(&err, output);
            rc = st == COR_EINVAL ? CLI_USAGE : CLI_IO;
        } else
            fprintf(log, "wrote %s and %s\n", script, output);
    }
    free(script);
    built_fini(b);
    free(b);
    return rc;
}
