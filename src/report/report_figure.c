/* From a selected series to a chart: one chart series per value of the
 * `by` columns, marks by status, categories for bars, the source line;
 * then the script, written whole. Used by the report and by `plot`. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/atomic.h"
#include "corridor/parts.h"
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
    struct cor_report_sb left_out, notes;
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
    cor_report_sb_fini(&f->notes);
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

const char *cor_report_figure_notes(const struct cor_report_figure *f)
{
    return cor_report_sb_str(&f->notes);
}

const char *cor_report_publisher(const struct cor_dataset *ds, cor_sym source)
{
    const struct cor_source_record *src = cor_dataset_source(ds, source);
    const char *pub = src ? cor_dataset_str(ds, src->publisher) : "";
    return *pub ? pub : cor_dataset_str(ds, source);
}

void cor_report_series_label(const struct cor_dataset *ds, enum cor_kind kind,
                             const struct cor_point *p, const char *by, struct cor_report_sb *b)
{
    size_t start = b->n;
    int any = by && *by;
    while (by && *by) {
        size_t len = strcspn(by, ",");
        char col[64];
        snprintf(col, sizeof col, "%.*s", (int)len, by);
        const char *v = strcmp(col, "source") == 0 ? cor_report_publisher(ds, p->source)
                                                    : cor_series_text(ds, kind, p->obs, col);
        if (*v)
            cor_report_sb_printf(b, "%s%s", b->n > start ? ", " : "", v);
        by += len;
        if (*by == ',')
            by++;
    }
    if (any && b->n == start)
        cor_report_sb_printf(b, "all");
}


static enum cor_mark mark_of(enum cor_obs_status st)
{
    switch (st) {
    case COR_S_ACTUAL: return COR_MARK_ACTUAL;
    case COR_S_CLAIM: return COR_MARK_STATEMENT;
    case COR_S_PROJECTED: return COR_MARK_PROJECTED;
    case COR_S_PLANNED: return COR_MARK_PLANNED;
    default: return COR_MARK_ESTIMATE;
    }
}

/* Appends the publishers of the sources, each once, to about 150
 * characters: "a, b and 3 others". */
static void publishers(struct cor_report_sb *b, const struct cor_dataset *ds,
                       const cor_sym *ids, size_t n)
{
    size_t shown = 0, more = 0, start = b->n;
    for (size_t i = 0; i < n; i++) {
        if (ids[i] == COR_SYM_NONE)
            continue;
        const char *pub = cor_report_publisher(ds, ids[i]);
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = ids[j] != COR_SYM_NONE && strcmp(cor_report_publisher(ds, ids[j]), pub) == 0;
        if (seen)
            continue;
        if (b->n - start + strlen(pub) > 150 && shown) {
            more++;
            continue;
        }
        cor_report_sb_printf(b, "%s%s", shown ? ", " : "", pub);
        shown++;
    }
    if (more)
        cor_report_sb_printf(b, " and %zu other%s", more, more > 1 ? "s" : "");
}

/* "Source: a, b. Exchange rates: c. Figures as published; chart by
 * corridor.": the publishers of the figures, and of the rates that
 * converted them into another currency. */
static char *source_line(const struct cor_dataset *ds, const struct cor_series *s)
{
    struct cor_report_sb b = {0};
    cor_sym *ids = calloc(s->n + 1, sizeof *ids), *fx = calloc(s->n + 1, sizeof *fx);
    size_t nfx = 0;
    for (size_t i = 0; ids && fx && i < s->n; i++) {
        ids[i] = s->points[i].source;
        if (s->points[i].fx_source != COR_SYM_NONE)
            fx[nfx++] = s->points[i].fx_source;
    }
    cor_report_sb_printf(&b, "Source: ");
    if (ids)
        publishers(&b, ds, ids, s->n);
    if (nfx) {
        cor_report_sb_printf(&b, ". Exchange rates: ");
        publishers(&b, ds, fx, nfx);
    }
    cor_report_sb_printf(&b, ". Figures as published%s; chart by corridor.",
                         nfx ? ", converted at the rate of their year" : "");
    free(ids);
    free(fx);
    if (b.failed || !ids || !fx) {
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

/* What the chart draws: a value of a series in a period. */
struct item {
    char *label;                 /* its series */
    struct cor_period period;
    struct cor_ival v;
    enum cor_mark mark;
};

struct items {
    struct item *a;
    size_t n, cap;
};

static void items_fini(struct items *it)
{
    for (size_t i = 0; i < it->n; i++)
        free(it->a[i].label);
    free(it->a);
}

static int item_add(struct items *it, const char *label, const struct cor_period *p,
                    struct cor_ival v, enum cor_mark mark)
{
    if (it->n == it->cap) {
        size_t cap = it->cap ? 2 * it->cap : 16;
        struct item *a = realloc(it->a, cap * sizeof *a);
        if (!a)
            return 0;
        it->a = a;
        it->cap = cap;
    }
    char *l = strdup(label);
    if (!l)
        return 0;
    it->a[it->n++] = (struct item){l, *p, v, mark};
    return 1;
}

/* Adds "NAME" to a note's list once ("2019, 2020"). */
static void list_once(struct cor_report_sb *b, const char *name)
{
    const char *s = cor_report_sb_str(b);
    size_t len = strlen(name);
    for (const char *p = s; (p = strstr(p, name)) != NULL; p += len)
        if ((p == s || p[-1] == ' ') && (p[len] == ',' || p[len] == '\0'))
            return;
    cor_report_sb_printf(b, "%s%s", b->n ? ", " : "", name);
}

/* Each drawable figure, in its series (the `by` label). */
static int plain_items(struct cor_report_figure *f, const struct cor_dataset *ds,
                       enum cor_kind kind, const struct cor_series *s,
                       const struct cor_report_figure_opts *o, int bars, struct items *out)
{
    for (size_t i = 0; i < s->n; i++) {
        const struct cor_point *p = &s->points[i];
        char period[32];
        cor_period_format(&p->period, period, sizeof period);
        if (!drawable(p, bars)) {
            list_once(&f->left_out, period);
            continue;
        }
        struct cor_report_sb label = {0};
        cor_report_series_label(ds, kind, p, o->by, &label);
        int ok = !label.failed &&
                 item_add(out, label.n ? label.s : o->entity ? o->entity : "value", &p->period,
                          p->v, mark_of(p->status));
        cor_report_sb_fini(&label);
        if (!ok)
            return 0;
    }
    return 1;
}

/* 100% bars of one `by` column: the parts of each period (corridor/parts.h)
 * and the remainder of a stated total; the total and aggregates are the
 * whole, not parts. */
static enum cor_status part_items(struct cor_report_figure *f, const struct cor_dataset *ds,
                                  enum cor_kind kind, const struct cor_series *s,
                                  const struct cor_report_figure_opts *o, struct items *out,
                                  struct cor_error *err)
{
    struct cor_parts_opts po = {o->by, o->total, 0};
    struct cor_report_sb wholes = {0}, aggregates = {0}, bare = {0}, over = {0};
    enum cor_status st = COR_OK;
    for (size_t i = 0; i < s->n && st == COR_OK; i++) {
        const struct cor_point *p = &s->points[i];
        char period[32];
        cor_period_format(&p->period, period, sizeof period);
        if (!drawable(p, 1)) {
            list_once(&f->left_out, period);
            continue;
        }
        if (i && cor_period_equal(&p->period, &s->points[i - 1].period) &&
            p->period.kind == s->points[i - 1].period.kind)
            continue;   /* one pass a period */
        struct cor_parts P;
        if ((st = cor_parts_at(ds, kind, s, &p->period, &po, &P, err)) != COR_OK)
            break;
        const struct cor_parts_row *total = NULL;
        for (size_t r = 0; r < P.n; r++) {
            const struct cor_parts_row *row = &P.rows[r];
            if (row->role == COR_PART_TOTAL) {
                list_once(&wholes, *row->name ? row->name : "all");
                total = total ? NULL : row;   /* two figures for the total: no remainder */
            } else if (row->role == COR_PART_AGGREGATE)
                list_once(&aggregates, *row->name ? row->name : "all");
            else if (row->role == COR_PART && drawable(row->pt, 1) &&
                     !item_add(out, row->name, &row->pt->period, row->pt->v,
                               mark_of(row->pt->status)))
                st = nomem(err);
        }
        if (P.count[COR_PART] == 0)
            list_once(&bare, period);
        if (st == COR_OK && total && P.count[COR_PART_TOTAL] == 1 && P.count[COR_PART] &&
            !total->pt->v.na) {
            struct cor_ival sum = cor_parts_sum(&P);
            struct cor_ival rest = cor_parts_remainder(total->pt->v, sum);
            if (cor_parts_exceed_total(sum, total->pt->v))
                list_once(&over, period);
            else if (!rest.na && rest.value > 1e-9 * fabs(total->pt->v.value) &&
                     !item_add(out, "other/unknown", &p->period, rest, mark_of(total->pt->status)))
                st = nomem(err);
        }
        cor_parts_fini(&P);
    }
    if (wholes.n)
        cor_report_sb_printf(&f->notes, "%sThe total (%s) is the 100%%: not a part.",
                             f->notes.n ? " " : "", wholes.s);
    if (aggregates.n)
        cor_report_sb_printf(&f->notes, "%sAggregates left out (not parts): %s.",
                             f->notes.n ? " " : "", aggregates.s);
    if (bare.n)
        cor_report_sb_printf(&f->notes, "%sNo parts for %s.", f->notes.n ? " " : "", bare.s);
    if (over.n)
        cor_report_sb_printf(&f->notes, "%sThe parts exceed the total in %s: each bar is their "
                                        "sum.",
                             f->notes.n ? " " : "", over.s);
    if (wholes.failed || aggregates.failed || bare.failed || over.failed)
        st = nomem(err);
    cor_report_sb_fini(&wholes);
    cor_report_sb_fini(&aggregates);
    cor_report_sb_fini(&bare);
    cor_report_sb_fini(&over);
    return st;
}

/* 1 if every item is of a full year: bars then stand at their year. */
static int all_years(const struct items *it)
{
    for (size_t i = 0; i < it->n; i++)
        if (!cor_period_is_year(&it->a[i].period))
            return 0;
    return it->n > 0;
}

/* The series, the categories and the points of the chart. Bars of full
 * years: a category for every year from the first to the last, so that a
 * missing year shows as a gap; other bars: one category per period. */
static enum cor_status fill_points(struct cor_report_figure *f, const struct items *it, int bars,
                                   int stacked, struct cor_error *err)
{
    size_t *which = calloc(it->n + 1, sizeof *which);
    if (!which)
        return nomem(err);
    for (size_t i = 0; i < it->n; i++)
        if ((which[i] = find_or_add(&f->labels, &f->nseries, it->a[i].label)) == (size_t)-1) {
            free(which);
            return nomem(err);
        }
    int years = bars && all_years(it);
    int y0 = 0;
    if (years) {
        int y1 = y0 = it->a[0].period.y0;
        for (size_t i = 0; i < it->n; i++) {
            y0 = it->a[i].period.y0 < y0 ? it->a[i].period.y0 : y0;
            y1 = it->a[i].period.y0 > y1 ? it->a[i].period.y0 : y1;
        }
        for (int y = y0; y <= y1; y++) {
            char name[16];
            snprintf(name, sizeof name, "%d", y);
            if (find_or_add(&f->categories, &f->ncat, name) == (size_t)-1) {
                free(which);
                return nomem(err);
            }
        }
    }
    f->series = calloc(f->nseries + 1, sizeof *f->series);
    f->points = calloc(f->nseries + 1, sizeof *f->points);
    size_t *count = calloc(f->nseries + 1, sizeof *count);
    if (!f->series || !f->points || !count) {
        free(which);
        free(count);
        return nomem(err);
    }
    for (size_t i = 0; i < it->n; i++)
        count[which[i]]++;
    enum cor_status st = COR_OK;
    for (size_t k = 0; k < f->nseries && st == COR_OK; k++) {
        f->points[k] = calloc(count[k] + 1, sizeof *f->points[k]);
        f->series[k].label = f->labels[k];
        f->series[k].points = f->points[k];
        if (!f->points[k])
            st = nomem(err);
    }
    free(count);
    for (size_t i = 0; i < it->n && st == COR_OK; i++) {
        const struct item *p = &it->a[i];
        struct cor_chart_series *S = &f->series[which[i]];
        struct cor_chart_point *cp = &f->points[which[i]][S->n];
        char period[32];
        cor_period_format(&p->period, period, sizeof period);
        if (years)
            cp->x = p->period.y0 - y0;
        else if (bars) {
            size_t cat = find_or_add(&f->categories, &f->ncat, period);
            if (cat == (size_t)-1) {
                st = nomem(err);
                break;
            }
            cp->x = (double)cat;
        } else
            cp->x = p->period.y0;
        for (size_t j = 0; stacked && j < S->n; j++)
            if (S->points[j].x == cp->x)
                st = cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                                   "two figures for %s in '%s': a 100%% bar holds one figure a "
                                   "series (choose a source, or another type)",
                                   period, S->label);
        /* a "more than" figure is drawn at its bound */
        cp->y = isinf(p->v.hi) ? p->v.lo : p->v.value;
        cp->lo = cor_ival_is_point(p->v) ? NAN : p->v.lo;
        cp->hi = cor_ival_is_point(p->v) ? NAN : p->v.hi;
        cp->mark = p->mark;
        S->n++;
    }
    free(which);
    return st;
}

/* Grouped bars of a single period: one bar per series, named on the x
 * axis (a legend of twelve colours for twelve bars side by side tells the
 * reader less). The chart becomes a bar chart of one series: the period. */
static enum cor_status one_period_bars(struct cor_report_figure *f, struct cor_error *err)
{
    size_t n = f->nseries;
    struct cor_chart_point *pts = calloc(n + 1, sizeof *pts);
    char *label = f->ncat ? strdup(f->categories[0]) : strdup("");
    if (!pts || !label) {
        free(pts);
        free(label);
        return nomem(err);
    }
    for (size_t k = 0; k < n; k++) {
        pts[k] = f->points[k][0];
        pts[k].x = (double)k;
    }
    for (size_t i = 0; i < f->ncat; i++)
        free(f->categories[i]);
    free(f->categories);
    /* the series' labels become the categories, the period the series */
    f->categories = f->labels;
    f->ncat = n;
    for (size_t k = 0; k < n; k++)
        free(f->points[k]);
    f->labels = malloc(sizeof *f->labels);
    if (!f->labels) {
        free(pts);
        free(label);
        f->nseries = 0;
        return nomem(err);
    }
    f->labels[0] = label;
    f->points[0] = pts;
    f->nseries = 1;
    f->series[0] = (struct cor_chart_series){label, pts, n};
    return COR_OK;
}

/* Notes on labels the chart shortens (the table has them in full). */
static void note_shortened(struct cor_report_figure *f)
{
    size_t n = 0, max = cor_chart_label_chars(&f->chart);
    char buf[4 * COR_CHART_LABEL_CHARS + 8];
    for (size_t k = 0; k < f->nseries; k++)
        n += (size_t)cor_chart_shorten(f->labels[k], max, buf, sizeof buf);
    for (size_t k = 0; k < f->ncat; k++)
        n += (size_t)cor_chart_shorten(f->categories[k], COR_CHART_TIC_CHARS, buf, sizeof buf);
    if (n)
        cor_report_sb_printf(&f->notes, "%s%zu long label%s shortened on the chart (with …); "
                                        "the table gives %s in full.",
                             f->notes.n ? " " : "", n, n > 1 ? "s" : "", n > 1 ? "them" : "it");
}

enum cor_status cor_report_figure_new(const struct cor_dataset *ds, enum cor_kind kind,
                                      const struct cor_series *s,
                                      const struct cor_report_figure_opts *o,
                                      struct cor_report_figure **out, struct cor_error *err)
{
    *out = NULL;
    struct cor_report_figure *f = calloc(1, sizeof *f);
    if (!f)
        return nomem(err);
    int bars = o->type != COR_CHART_LINE && o->type != COR_CHART_POINTS;
    int stacked = o->type == COR_CHART_STACKED100;
    /* 100% bars of one column (not "source"): the parts of a total */
    int parts = stacked && o->by && *o->by && !strchr(o->by, ',') && strcmp(o->by, "source");
    struct items it = {0};
    enum cor_status st = COR_OK;
    if (parts)
        st = part_items(f, ds, kind, s, o, &it, err);
    else if (!plain_items(f, ds, kind, s, o, bars, &it))
        st = nomem(err);
    if (st == COR_OK)
        st = fill_points(f, &it, bars, stacked, err);
    items_fini(&it);
    if (st == COR_OK && f->nseries == 0)
        st = cor_error_set(err, COR_EDATA, NULL, 0, 0, "nothing to draw: %s",
                           !s->n ? "no figure matches the selection"
                           : parts ? "no period has parts (the figures are totals or "
                                     "aggregates)"
                                   : "no figure of a full year with a value (line and points "
                                     "charts draw years; try type bar)");
    if (st == COR_OK && o->type == COR_CHART_BAR && f->nseries > 1)
        /* one bar per category: several series would hide one another */
        st = cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                           "a bar chart draws one series, and the selection has %zu ('%s', "
                           "'%s'%s): draw them with type grouped (side by side) or stacked "
                           "(shares of 100%%), or select one",
                           f->nseries, f->labels[0], f->labels[1], f->nseries > 2 ? ", ..." : "");
    enum cor_chart_type type = o->type;
    int one_each = 1;
    for (size_t k = 0; st == COR_OK && k < f->nseries; k++)
        one_each &= f->series[k].n == 1;
    if (st == COR_OK && type == COR_CHART_GROUPED && f->ncat == 1 && f->nseries > 1 && one_each) {
        st = one_period_bars(f, err);
        type = COR_CHART_BAR;
    }
    if (st == COR_OK && f->nseries > cor_chart_max_series(type))
        st = cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                           "%zu series ('%s', '%s', ...) are more than a %s chart can tell "
                           "apart (%zu): select fewer%s",
                           f->nseries, f->labels[0], f->labels[1], cor_chart_type_name(type),
                           cor_chart_max_series(type),
                           bars ? ", or draw them as a line chart" : "");
    char unit[96];
    cor_series_unit_label(s->unit, s->currency, unit, sizeof unit);
    if (stacked)
        snprintf(unit, sizeof unit, "share of the total (%%)");
    struct cor_report_sb title = {0};
    if (st == COR_OK && !o->title)
        cor_report_sb_printf(&title, "%s%s%s", o->entity ? o->entity : "",
                             o->entity ? ": " : "", unit);
    if (st == COR_OK) {
        f->title = dup_or(o->title ? o->title : title.s, "");
        /* one period's bars are named by the `by` columns */
        f->xlabel = dup_or(o->xlabel, type != o->type && o->by ? o->by : bars ? "period" : "year");
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
    f->chart = (struct cor_chart){.type = type,
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
    note_shortened(f);
    if (f->left_out.failed || f->notes.failed) {
        cor_report_figure_free(f);
        return nomem(err);
    }
    *out = f;
    return COR_OK;
}

enum cor_status cor_report_figure_script(const struct cor_report_figure *f, enum cor_terminal t,
                                         const char *script_path, const char *image_name,
                                         struct cor_error *err)
{
    struct cor_atomic *a = cor_atomic_open(script_path, err);
    if (!a)
        return err ? err->status : COR_EIO;
    enum cor_status st = cor_chart_write(&f->chart, t, image_name, cor_atomic_stream(a), err);
    if (st == COR_OK)
        return cor_atomic_commit(a, err);
    cor_atomic_abort(a);
    return st;
}
