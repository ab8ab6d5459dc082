/* From a selected series to a chart: one chart series per value of the
 * `by` columns, marks by status, categories for bars, the source line;
 * then the script, written whole. Used by the report and by `plot`. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/atomic.h"
#include "report_internal.h"

struct cor_report_figure {
    struct cor_chart chart;
    struct cor_chart_series *series;
    char **labels;
    struct cor_chart_point **points;
    size_t nseries;
    char **categories;
    size_t ncat;
    struct cor_chart_threshold *thresholds;
    size_t nthresholds;
    char *title, *xlabel, *ylabel, *source;
    struct cor_report_sb left_out;
};

void cor_report_figure_free(struct cor_report_figure *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->nseries; i++) {
        free(f->labels[i]);
        free(f->points[i]);
    }
    for (size_t i = 0; i < f->ncat; i++)
        free(f->categories[i]);
    for (size_t i = 0; i < f->nthresholds; i++)
        free((char *)f->thresholds[i].label);
    free(f->series);
    free(f->labels);
    free(f->points);
    free(f->categories);
    free(f->thresholds);
    free(f->title);
    free(f->xlabel);
    free(f->ylabel);
    free(f->source);
    cor_report_sb_fini(&f->left_out);
    free(f);
}

const struct cor_chart *cor_report_figure_chart(const struct cor_report_figure *f)
{
    return &f->chart;
}

const char *cor_report_figure_left_out(const struct cor_report_figure *f)
{
    return cor_report_sb_str(&f->left_out);
}

const char *cor_report_publisher(const struct cor_dataset *ds, cor_sym source)
{
    const struct cor_source_record *src = cor_dataset_source(ds, source);
    const char *pub = src ? cor_dataset_str(ds, src->publisher) : "";
    return *pub ? pub : cor_dataset_str(ds, source);
}

void cor_report_label(const struct cor_dataset *ds, enum cor_kind kind, const struct cor_point *p,
                     const char *by, struct cor_report_sb *b)
{
    while (by && *by) {
        size_t len = strcspn(by, ",");
        char col[64];
        snprintf(col, sizeof col, "%.*s", (int)len, by);
        const char *v = strcmp(col, "source") == 0 ? cor_report_publisher(ds, p->source)
                                                    : cor_series_text(ds, cor_record_of_obs(kind, p->obs), col);
        if (*v)
            cor_report_sb_printf(b, "%s%s", b->n ? ", " : "", v);
        by += len;
        if (*by == ',')
            by++;
    }
}

static enum cor_mark mark_of(enum cor_obs_status st)
{
    switch (st) {
    case COR_S_ACTUAL: return COR_MARK_ACTUAL;
    case COR_S_CLAIM: return COR_MARK_STATEMENT;
    case COR_S_PROJECTED:
    case COR_S_PLANNED: return COR_MARK_PROJECTED;
    default: return COR_MARK_ESTIMATE;
    }
}

/* "Source: a, b and 3 others. ...": the publishers of the points, each
 * once; a line under the chart holds about 150 characters. */
static char *source_line(const struct cor_dataset *ds, const struct cor_series *s)
{
    struct cor_report_sb b = {0};
    size_t shown = 0, more = 0;
    cor_report_sb_printf(&b, "Source: ");
    for (size_t i = 0; i < s->n; i++) {
        const char *pub = cor_report_publisher(ds, s->points[i].source);
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(cor_report_publisher(ds, s->points[j].source), pub) == 0;
        if (seen)
            continue;
        if (b.n + strlen(pub) > 150 && shown) {
            more++;
            continue;
        }
        cor_report_sb_printf(&b, "%s%s", shown ? ", " : "", pub);
        shown++;
    }
    if (more)
        cor_report_sb_printf(&b, " and %zu other%s", more, more > 1 ? "s" : "");
    cor_report_sb_printf(&b, ". Figures as published; chart by corridor.");
    if (b.failed) {
        cor_report_sb_fini(&b);
        return NULL;
    }
    return b.s;
}

static char *dup_or(const char *s, const char *fallback)
{
    return strdup(s ? s : fallback);
}

/* Index of s in the list, appending a copy if new; (size_t)-1 when memory
 * runs out. The series labels and the bar categories. */
static size_t find_or_add(char ***list, size_t *n, const char *s)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*list)[i], s) == 0)
            return i;
    char **grown = realloc(*list, (*n + 1) * sizeof *grown);
    if (!grown)
        return (size_t)-1;
    *list = grown;
    if (!(grown[*n] = strdup(s)))
        return (size_t)-1;
    return (*n)++;
}

/* 1 if the chart draws this point: line and points charts draw full years,
 * bars any dated period (a span "2022..2026" is a category like another). */
static int drawable(const struct cor_point *p, int bars)
{
    return !p->v.na && p->period.kind != COR_PERIOD_UNDATED &&
           (bars || cor_period_is_year(&p->period));
}

static enum cor_status nomem(struct cor_error *err)
{
    return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
}

/* Which chart series each drawn point goes to ((size_t)-1: left out). */
static enum cor_status assign(struct cor_report_figure *f, const struct cor_dataset *ds,
                              enum cor_kind kind, const struct cor_series *s,
                              const struct cor_report_figure_opts *o, int bars, size_t *which,
                              struct cor_error *err)
{
    for (size_t i = 0; i < s->n; i++) {
        const struct cor_point *p = &s->points[i];
        which[i] = (size_t)-1;
        if (!drawable(p, bars)) {
            char period[32];
            cor_period_format(&p->period, period, sizeof period);
            if (!strstr(cor_report_sb_str(&f->left_out), period))
                cor_report_sb_printf(&f->left_out, "%s%s", f->left_out.n ? ", " : "", period);
            continue;
        }
        struct cor_report_sb label = {0};
        cor_report_label(ds, kind, p, o->by, &label);
        int failed = label.failed;
        which[i] = find_or_add(&f->labels, &f->nseries,
                               label.n ? label.s : o->entity ? o->entity : "value");
        cor_report_sb_fini(&label);
        if (which[i] == (size_t)-1 || failed)
            return nomem(err);
    }
    return f->left_out.failed ? nomem(err) : COR_OK;
}

static enum cor_status fill_points(struct cor_report_figure *f, const struct cor_series *s,
                                   const size_t *which, int bars, int stacked,
                                   struct cor_error *err)
{
    f->series = calloc(f->nseries + 1, sizeof *f->series);
    f->points = calloc(f->nseries + 1, sizeof *f->points);
    if (!f->series || !f->points)
        return nomem(err);
    size_t *count = calloc(f->nseries + 1, sizeof *count);
    if (!count)
        return nomem(err);
    for (size_t i = 0; i < s->n; i++)
        if (which[i] != (size_t)-1)
            count[which[i]]++;
    for (size_t k = 0; k < f->nseries; k++) {
        f->points[k] = calloc(count[k] + 1, sizeof *f->points[k]);
        f->series[k].label = f->labels[k];
        f->series[k].points = f->points[k];
        if (!f->points[k]) {
            free(count);
            return nomem(err);
        }
    }
    free(count);
    for (size_t i = 0; i < s->n; i++) {
        if (which[i] == (size_t)-1)
            continue;
        const struct cor_point *p = &s->points[i];
        struct cor_chart_series *S = &f->series[which[i]];
        struct cor_chart_point *cp = &f->points[which[i]][S->n];
        char period[32];
        cor_period_format(&p->period, period, sizeof period);
        if (bars) {
            size_t cat = find_or_add(&f->categories, &f->ncat, period);
            if (cat == (size_t)-1)
                return nomem(err);
            cp->x = (double)cat;
            for (size_t j = 0; stacked && j < S->n; j++)
                if (S->points[j].x == cp->x)
                    return cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                                         "two figures for %s in '%s': a 100%% bar holds one "
                                         "figure a series (choose a source, or another type)",
                                         period, S->label);
        } else
            cp->x = p->period.y0;
        /* a "more than" figure is drawn at its bound */
        cp->y = isinf(p->v.hi) ? p->v.lo : p->v.value;
        cp->lo = cor_ival_is_point(p->v) ? NAN : p->v.lo;
        cp->hi = cor_ival_is_point(p->v) ? NAN : p->v.hi;
        cp->mark = mark_of(p->status);
        S->n++;
    }
    return COR_OK;
}

enum cor_status cor_report_figure_new(const struct cor_dataset *ds, enum cor_kind kind,
                                      const struct cor_series *s,
                                      const struct cor_report_figure_opts *o,
                                      struct cor_report_figure **out, struct cor_error *err)
{
    *out = NULL;
    struct cor_report_figure *f = calloc(1, sizeof *f);
    size_t *which = calloc(s->n + 1, sizeof *which);
    if (!f || !which) {
        free(f);
        free(which);
        return nomem(err);
    }
    int bars = o->type != COR_CHART_LINE && o->type != COR_CHART_POINTS;
    enum cor_status st = assign(f, ds, kind, s, o, bars, which, err);
    if (st == COR_OK)
        st = fill_points(f, s, which, bars, o->type == COR_CHART_STACKED100, err);
    free(which);
    if (st == COR_OK && f->nseries == 0)
        st = cor_error_set(err, COR_EDATA, NULL, 0, 0, "nothing to draw: %s",
                           s->n ? "no figure of a full year with a value (line and points "
                                  "charts draw years; try --type bar)"
                                : "no figure matches the selection");
    if (st == COR_OK && o->type == COR_CHART_BAR && f->nseries > 1)
        /* one bar per category: several series would hide one another */
        st = cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                           "a bar chart draws one series, and the selection has %zu ('%s', "
                           "'%s'%s): draw them with type grouped (side by side) or stacked "
                           "(shares of 100%%), or select one",
                           f->nseries, f->labels[0], f->labels[1], f->nseries > 2 ? ", ..." : "");
    char unit[96];
    cor_report_unit_name(s->unit, s->currency, unit, sizeof unit);
    if (o->type == COR_CHART_STACKED100)
        snprintf(unit, sizeof unit, "share of the total (%%)");
    struct cor_report_sb title = {0};
    if (st == COR_OK && !o->title)
        cor_report_sb_printf(&title, "%s%s%s", o->entity ? o->entity : "",
                             o->entity ? ": " : "", unit);
    if (st == COR_OK) {
        f->title = dup_or(o->title ? o->title : title.s, "");
        f->xlabel = dup_or(o->xlabel, bars ? "period" : "year");
        f->ylabel = dup_or(o->ylabel, unit);
        f->source = source_line(ds, s);
        f->thresholds = calloc(o->nthresholds + 1, sizeof *f->thresholds);
        if (!f->title || !f->xlabel || !f->ylabel || !f->source || !f->thresholds || title.failed)
            st = nomem(err);
    }
    cor_report_sb_fini(&title);
    for (size_t i = 0; st == COR_OK && i < o->nthresholds; i++) {
        f->thresholds[i].y = o->thresholds[i].y;
        f->thresholds[i].label = strdup(o->thresholds[i].label ? o->thresholds[i].label : "");
        if (!f->thresholds[i].label)
            st = nomem(err);
        else
            f->nthresholds++;
    }
    if (st != COR_OK) {
        cor_report_figure_free(f);
        return st;
    }
    f->chart = (struct cor_chart){.type = o->type,
                                  .title = f->title,
                                  .xlabel = f->xlabel,
                                  .ylabel = f->ylabel,
                                  .source = f->source,
                                  .series = f->series,
                                  .nseries = f->nseries,
                                  .categories = (const char *const *)f->categories,
                                  .ncategories = f->ncat,
                                  .thresholds = f->thresholds,
                                  .nthresholds = f->nthresholds};
    *out = f;
    return COR_OK;
}

enum cor_status cor_report_figure_script(const struct cor_report_figure *f, enum cor_terminal t,
                                         const char *script_path, const char *image_name,
                                         struct cor_error *err)
{
    struct cor_atomic *a = NULL;
    enum cor_status st = cor_atomic_open(script_path, &a, err);
    if (st != COR_OK)
        return st;
    st = cor_chart_write(&f->chart, t, image_name, cor_atomic_stream(a), err);
    if (st == COR_OK)
        return cor_atomic_commit(a, err);
    cor_atomic_abort(a);
    return st;
}
