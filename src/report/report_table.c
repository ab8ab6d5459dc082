/* The tables of a report: a selection's figures with their growth, or
 * with their shares of each period's total (enum cor_report_metric). */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/metrics.h"
#include "corridor/parts.h"
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

/* Columns NAME, NAME_lo and NAME_hi: an interval. */
static void ival_cols(struct cor_table *t, const char *name, const char *unit, int decimals)
{
    char lo[64], hi[64];
    snprintf(lo, sizeof lo, "%s_lo", name);
    snprintf(hi, sizeof hi, "%s_hi", name);
    cor_table_add_col(t, name, unit, COR_CELL_NUMBER, decimals);
    cor_table_add_col(t, lo, unit, COR_CELL_NUMBER, decimals);
    cor_table_add_col(t, hi, unit, COR_CELL_NUMBER, decimals);
}

/* The provenance columns: qualifier, status, source. */
static void provenance_cols(struct cor_table *t)
{
    cor_table_add_col(t, "qualifier", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "status", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "source", NULL, COR_CELL_TEXT, -1);
}

/* value, value_lo, value_hi from column c on. */
static void set_ival(struct cor_table *t, size_t c, struct cor_ival v)
{
    cor_table_set_num(t, c, v.na ? NAN : v.value);
    cor_table_set_num(t, c + 1, v.na ? NAN : v.lo);
    cor_table_set_num(t, c + 2, v.na ? NAN : v.hi);
}

static void set_provenance(struct cor_table *t, const struct cor_dataset *ds, size_t c,
                           const struct cor_point *p)
{
    cor_table_set_text(t, c, p ? cor_qualifier_name(p->qualifier) : "");
    cor_table_set_text(t, c + 1, p ? cor_status_name(p->status) : "");
    cor_table_set_text(t, c + 2, p ? cor_dataset_str(ds, p->source) : "");
    if (p) {
        cor_table_add_source(t, cor_dataset_str(ds, p->source));
        if (p->fx_source)
            cor_table_add_source(t, cor_dataset_str(ds, p->fx_source));
    }
}

/* figures: every figure with its year-on-year growth. */
static int figures_table(const struct cor_dataset *ds, const struct cor_report_item *it,
                         const struct cor_series *s, const char *unit, struct cor_table *t)
{
    char **labels = calloc(s->n + 1, sizeof *labels);
    int ok = labels != NULL;
    for (size_t i = 0; ok && i < s->n; i++) {
        struct cor_report_sb b = {0};
        cor_report_series_label(ds, it->sel.kind, &s->points[i], it->by, &b);
        labels[i] = b.s ? b.s : strdup("");
        ok = labels[i] && !b.failed;
    }
    int by = it->by && *it->by;
    size_t c = 1, col_series = 0;
    if (ok) {
        cor_table_add_col(t, "period", NULL, COR_CELL_TEXT, -1);
        if (by) {
            col_series = c++;
            cor_table_add_col(t, "series", NULL, COR_CELL_TEXT, -1);
        }
        ival_cols(t, "value", unit, -1);
        ival_cols(t, "growth", "%", 2);
        provenance_cols(t);
    }
    char buf[64];
    for (size_t i = 0; ok && i < s->n; i++) {
        const struct cor_point *p = &s->points[i];
        ok = cor_table_add_row(t) == COR_OK;
        cor_period_format(&p->period, buf, sizeof buf);
        cor_table_set_text(t, 0, buf);
        if (by)
            cor_table_set_text(t, col_series, labels[i]);
        set_ival(t, c, p->v);
        set_ival(t, c + 3, growth(s, labels, i));
        set_provenance(t, ds, c + 6, p);
    }
    if (ok)
        cor_table_add_note(t, "growth = 100 x (X_t / X_(t-1) - 1) against the one figure of the "
                              "same series and the same period a year before (NA when there is "
                              "none, or several); growth_lo and growth_hi carry the intervals of "
                              "the figures through");
    for (size_t i = 0; labels && i < s->n; i++)
        free(labels[i]);
    free(labels);
    return ok;
}

/* The name a row of a share table shows for its role. */
static void role_label(const struct cor_parts_row *r, struct cor_report_sb *b)
{
    switch (r->role) {
    case COR_PART_TOTAL:
        cor_report_sb_printf(b, "%s (total)", *r->name ? r->name : "all");
        break;
    case COR_PART_AGGREGATE:
        cor_report_sb_printf(b, "%s (aggregate: not a part)", *r->name ? r->name : "all");
        break;
    default: cor_report_sb_printf(b, "%s", r->name); break;
    }
}

/* shares: each period's parts (corridor/parts.h) with their share of the
 * stated total (and the remainder, other/unknown), or of their sum. */
static int shares_table(const struct cor_dataset *ds, const struct cor_report_item *it,
                        const struct cor_series *s, const char *unit, struct cor_table *t,
                        struct cor_error *err)
{
    struct cor_parts_opts po = {it->by, it->total, 0};
    cor_table_add_col(t, "period", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, it->by, NULL, COR_CELL_TEXT, -1);
    ival_cols(t, "value", unit, -1);
    ival_cols(t, "share", "%", 2);
    provenance_cols(t);
    struct cor_report_sb unshared = {0}, left = {0};
    int ok = 1, of_total = 0, of_sum = 0, by_value = 0;
    for (size_t i = 0; ok && i < s->n; i++) {
        const struct cor_period *p = &s->points[i].period;
        if (i && cor_period_equal(p, &s->points[i - 1].period) &&
            p->kind == s->points[i - 1].period.kind)
            continue;   /* one pass a period */
        struct cor_parts P;
        if (cor_parts_at(ds, it->sel.kind, s, p, &po, &P, err) != COR_OK)
            return 0;
        by_value = P.by_value;
        char pt[64];
        cor_period_format(p, pt, sizeof pt);
        struct cor_share *sh = NULL;
        size_t nsh = 0;
        struct cor_error why = {0};
        if (P.count[COR_PART] &&
            cor_parts_shares(&P, &sh, &nsh, &why) != COR_OK && why.status == COR_ENOMEM)
            ok = 0;
        if (P.count[COR_PART] && !sh)
            cor_report_sb_printf(&unshared, "%s%s: %s", unshared.n ? "; " : "", pt,
                                 why.message);
        of_total |= sh && P.count[COR_PART_TOTAL];
        of_sum |= sh && !P.count[COR_PART_TOTAL];
        /* the total first, then the parts as the data gives them, then the rest */
        for (int pass = 0; ok && pass < 2; pass++)
            for (size_t r = 0; ok && r < P.n; r++) {
                const struct cor_parts_row *row = &P.rows[r];
                if ((row->role == COR_PART_TOTAL) != (pass == 0))
                    continue;
                struct cor_ival share = cor_ival_na(COR_NA_MISSING_PERIOD);
                for (size_t k = 0; sh && k < nsh; k++)
                    if (sh[k].pt == row->pt)
                        share = sh[k].share;
                if (row->role == COR_PART_TOTAL && sh)
                    share = cor_ival_exact(1);
                if (row->role == COR_PART_AGGREGATE)
                    cor_report_sb_printf(&left, "%s%s %s", left.n ? ", " : "", pt,
                                         *row->name ? row->name : "all");
                struct cor_report_sb name = {0};
                role_label(row, &name);
                ok = cor_table_add_row(t) == COR_OK && !name.failed;
                cor_table_set_text(t, 0, pt);
                cor_table_set_text(t, 1, cor_report_sb_str(&name));
                cor_report_sb_fini(&name);
                set_ival(t, 2, row->pt->v);
                set_ival(t, 5, share.na ? share : cor_ival_scale(share, 100));
                set_provenance(t, ds, 8, row->pt);
            }
        for (size_t k = 0; ok && sh && k < nsh; k++)
            if (sh[k].other) {
                ok = cor_table_add_row(t) == COR_OK;
                cor_table_set_text(t, 0, pt);
                cor_table_set_text(t, 1, sh[k].name);
                set_ival(t, 2, sh[k].amount);
                set_ival(t, 5, cor_ival_scale(sh[k].share, 100));
                set_provenance(t, ds, 8, NULL);
            }
        free(sh);
        cor_parts_fini(&P);
    }
    if (ok) {
        cor_table_add_note(t, "share = 100 x part / %s (%s, %s); the remainder of a stated total "
                              "is other/unknown; intervals from the figures' qualifiers",
                           of_total && of_sum ? "the total where the period has one, else the "
                                                "sum of the parts"
                           : of_sum           ? "the sum of the parts"
                           : it->total && *it->total ? "the stated total"
                                                     : "the total (the rows with an empty key: "
                                                       "all)",
                           by_value ? "by value" : "by volume", unit);
        if (left.n)
            cor_table_add_note(t, "Not parts (flagged as aggregates in the column 'aggregate', or "
                                  "'all' beside a stated total): %s.",
                               left.s);
        if (unshared.n)
            cor_table_add_note(t, "No share computed for %s.", unshared.s);
    }
    ok &= !unshared.failed && !left.failed;
    cor_report_sb_fini(&unshared);
    cor_report_sb_fini(&left);
    if (!ok)
        cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    return ok;
}

struct cor_table *cor_report_item_table(const struct cor_dataset *ds,
                                        const struct cor_report_item *it, struct cor_error *err)
{
    int shares = it->metric == COR_REPORT_SHARES;
    if (shares && (!it->by || !*it->by || strchr(it->by, ',')))
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                             "metric shares needs one column naming the parts: by = COLUMN"),
               NULL;
    struct cor_series s;
    if (cor_series_select(ds, &it->sel, &s, err) != COR_OK)
        return NULL;
    if (s.n == 0) {
        char why[512];
        cor_series_explain_empty(ds, &it->sel, why, sizeof why);
        cor_error_set(err, COR_EDATA, NULL, 0, 0, "%s", *why ? why : "no figure matches the "
                                                                   "selection");
        cor_series_fini(&s);
        return NULL;
    }
    char unit[96];
    cor_series_unit_label(s.unit, s.currency, unit, sizeof unit);
    struct cor_report_sb title = {0};
    if (!it->title)
        cor_report_sb_printf(&title, "%s%s%s", it->sel.entity ? it->sel.entity : "",
                             it->sel.entity ? ": " : "", unit);
    struct cor_table *t = cor_table_new(it->title ? it->title : cor_report_sb_str(&title));
    cor_report_sb_fini(&title);
    int ok = t && (shares ? shares_table(ds, it, &s, unit, t, err)
                          : figures_table(ds, it, &s, unit, t));
    cor_series_fini(&s);
    if (!ok) {
        cor_table_free(t);
        if (!err || err->status == COR_OK)
            cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    return t;
}
