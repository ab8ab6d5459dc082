/* The tables of a report: a selection's figures with their growth, or
 * with their shares of each period's total (enum cor_report_metric). */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/metrics.h"
#include "report_internal.h"

/* The year-on-year growth of point i (an interval, in %): against the one
 * figure of the same series (label) and the same period a year before; NA
 * when there is none, or several. */
static struct cor_ival growth(const struct cor_series *s, char *const *labels, size_t i)
{
    const struct cor_point *p = &s->points[i], *q = NULL;
    int count = 0;
    for (size_t j = cor_series_year_earlier(s, &p->period, 0); j < s->n;
         j = cor_series_year_earlier(s, &p->period, j + 1))
        if (strcmp(labels[j], labels[i]) == 0) {
            q = &s->points[j];
            count++;
        }
    if (count != 1)
        return cor_ival_na(COR_NA_MISSING_PERIOD);
    struct cor_ival g = cor_metrics_growth(p->v, q->v);
    return g.na ? g : cor_ival_scale(g, 100);
}

/* The share of point i in the sum of its period's figures, from the point
 * values (a range's midpoint, a "more than" figure's bound). */
static double share(const struct cor_series *s, size_t i)
{
    double sum = 0;
    for (size_t j = 0; j < s->n; j++)
        if (cor_period_equal(&s->points[j].period, &s->points[i].period))
            sum += s->points[j].v.value;
    return isfinite(sum) && sum > 0 ? 100 * s->points[i].v.value / sum : NAN;
}

struct cor_table *cor_report_item_table(const struct cor_dataset *ds,
                                        const struct cor_report_item *it, struct cor_error *err)
{
    struct cor_series s;
    if (cor_series_select(ds, &it->sel, &s, err) != COR_OK)
        return NULL;
    if (s.n == 0) {
        cor_error_set(err, COR_EDATA, NULL, 0, 0, "no figure matches the selection");
        cor_series_fini(&s);
        return NULL;
    }
    char unit[96];
    cor_report_unit_name(s.unit, s.currency, unit, sizeof unit);
    struct cor_report_sb title = {0};
    if (!it->title)
        cor_report_sb_printf(&title, "%s%s%s", it->sel.entity ? it->sel.entity : "",
                             it->sel.entity ? ": " : "", unit);
    struct cor_table *t = cor_table_new(it->title ? it->title : cor_report_sb_str(&title));
    cor_report_sb_fini(&title);
    char **labels = calloc(s.n + 1, sizeof *labels);
    int ok = t && labels;
    for (size_t i = 0; ok && i < s.n; i++) {
        struct cor_report_sb b = {0};
        cor_report_label(ds, it->sel.kind, &s.points[i], it->by, &b);
        labels[i] = b.s ? b.s : strdup("");
        ok = labels[i] && !b.failed;
    }
    int by = it->by && *it->by, shares = it->metric == COR_REPORT_SHARES;
    size_t c = 0, col_series = 0, col_value = 0, col_extra = 0, col_text = 0;
    if (ok) {
        cor_table_add_col(t, "period", NULL, COR_CELL_TEXT, -1);
        c++;
        if (by) {
            col_series = c++;
            cor_table_add_col(t, "series", NULL, COR_CELL_TEXT, -1);
        }
        col_value = c;
        cor_table_add_interval_cols(t, "value", unit, -1);
        col_extra = c + 3;
        if (shares)
            cor_table_add_col(t, "share", "%", COR_CELL_NUMBER, 2);
        else {
            cor_table_add_interval_cols(t, "growth", "%", 2);
        }
        col_text = col_extra + (shares ? 1 : 3);
        cor_table_add_col(t, "qualifier", NULL, COR_CELL_TEXT, -1);
        cor_table_add_col(t, "status", NULL, COR_CELL_TEXT, -1);
        cor_table_add_col(t, "source", NULL, COR_CELL_TEXT, -1);
    }
    char buf[64];
    for (size_t i = 0; ok && i < s.n; i++) {
        const struct cor_point *p = &s.points[i];
        ok = cor_table_add_row(t) == COR_OK;
        cor_period_format(&p->period, buf, sizeof buf);
        cor_table_set_text(t, 0, buf);
        if (by)
            cor_table_set_text(t, col_series, labels[i]);
        cor_table_set_num(t, col_value, p->v.na ? NAN : p->v.value);
        cor_table_set_num(t, col_value + 1, p->v.na ? NAN : p->v.lo);
        cor_table_set_num(t, col_value + 2, p->v.na ? NAN : p->v.hi);
        if (shares)
            cor_table_set_num(t, col_extra, share(&s, i));
        else {
            struct cor_ival g = growth(&s, labels, i);
            cor_table_set_num(t, col_extra, g.na ? NAN : g.value);
            cor_table_set_num(t, col_extra + 1, g.na ? NAN : g.lo);
            cor_table_set_num(t, col_extra + 2, g.na ? NAN : g.hi);
        }
        cor_table_set_text(t, col_text, cor_qualifier_name(p->qualifier));
        cor_table_set_text(t, col_text + 1, cor_status_name(p->status));
        cor_table_set_text(t, col_text + 2, cor_dataset_str(ds, p->source));
        cor_table_add_source(t, cor_dataset_str(ds, p->source));
        if (p->fx_source)
            cor_table_add_source(t, cor_dataset_str(ds, p->fx_source));
    }
    if (ok && shares)
        cor_table_add_note(t, "share = 100 x value / the sum of the values of the same period, "
                              "from the point values (a range's midpoint, a 'more than' figure's "
                              "bound; NA when a value is NA)");
    else if (ok)
        cor_table_add_note(t, "growth = 100 x (X_t / X_(t-1) - 1) against the one figure of the "
                              "same series and the same period a year before (NA when there is "
                              "none, or several); growth_lo and growth_hi carry the intervals of "
                              "the figures through");
    for (size_t i = 0; labels && i < s.n; i++)
        free(labels[i]);
    free(labels);
    cor_series_fini(&s);
    if (!ok) {
        cor_table_free(t);
        cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    return t;
}
