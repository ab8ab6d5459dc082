/* corridor series | growth | cagr | trend | index: a series and its growth. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

/* ---- helpers ------------------------------------------------------------ */

static const struct cor_point **points_at(const struct cor_series *s, const struct cor_period *p,
                                          size_t *n)
{
    const struct cor_point **v = calloc(s->n ? s->n : 1, sizeof *v);
    *n = 0;
    if (!v)
        return NULL;
    for (size_t i = cor_series_next_at(s, p, 0); i < s->n; i = cor_series_next_at(s, p, i + 1))
        v[(*n)++] = &s->points[i];
    return v;
}

/* 1 if some point covers a different length of time starting in p's year. */
static int partial_in_year(const struct cor_series *s, const struct cor_period *p)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->points[i].period.y0 == p->y0 && !cor_period_equal(&s->points[i].period, p) &&
            s->points[i].period.kind != COR_PERIOD_UNDATED)
            return 1;
    return 0;
}

static void statuses(const struct cor_point *a, const struct cor_point *b, char *buf, size_t n)
{
    if (!b || a->status == b->status)
        snprintf(buf, n, "%s", cor_status_name(a->status));
    else
        snprintf(buf, n, "%s, %s", cor_status_name(b->status), cor_status_name(a->status));
}

static void set_ival(struct cor_table *t, size_t col, struct cor_ival v, int decimals)
{
    char buf[160];
    cor_table_set_num(t, col, v.na ? NAN : v.value);
    cor_table_set_num(t, col + 1, v.na ? NAN : v.lo);
    cor_table_set_num(t, col + 2, v.na ? NAN : v.hi);
    if (v.na)
        snprintf(buf, sizeof buf, "NA");
    else
        cor_ival_format(v, decimals, buf, sizeof buf);
    cor_table_set_text(t, col + 3, buf);
}

static void add_ival_cols(struct cor_table *t, const char *name, const char *unit, int decimals)
{
    char lo[64], hi[64], iv[64];
    snprintf(lo, sizeof lo, "%s_lo", name);
    snprintf(hi, sizeof hi, "%s_hi", name);
    snprintf(iv, sizeof iv, "%s_interval", name);
    cor_table_add_col(t, name, unit, COR_CELL_NUMBER, decimals);
    cor_table_add_col(t, lo, unit, COR_CELL_NUMBER, decimals);
    cor_table_add_col(t, hi, unit, COR_CELL_NUMBER, decimals);
    cor_table_add_col(t, iv, NULL, COR_CELL_TEXT, -1);
}

static void add_interval_note(struct cor_table *t, const struct common *c)
{
    char pct[32];
    cor_num_format(c->sel.ival.approx_rel * 100, pct, sizeof pct);
    cor_table_add_note(t, "Intervals come from the qualifiers: exact [x]; about x(1 +/- %s%%); "
                          "nearly [x(1 - %s%%), x); more than (x, inf); range [lo, hi].",
                       pct, pct);
}

static void period_text(const struct cor_period *p, char *buf, size_t n)
{
    cor_period_format(p, buf, n);
}

/* ---- series --------------------------------------------------------------- */

enum { SERIES_COUNT = COMMON_COUNT };
static const struct cli_option series_options[] = {COMMON_OPTIONS, {NULL, 0, NULL, NULL}};

static int cmd_series(const struct cli_command *cmd, int argc, char **argv)
{
    struct metric m;
    metric_init(&m);
    int rc = metric_begin(cmd, argc, argv, &m, NULL, NULL);
    if (rc >= 0)
        return rc;
    char unit[64], buf[256];
    common_unit_name(&m.s, unit, sizeof unit);
    snprintf(buf, sizeof buf, "%s: selected figures", cor_schema_get(m.c.sel.kind)->title);
    struct cor_table *t = cor_table_new(buf);
    cor_table_add_col(t, "period", NULL, COR_CELL_TEXT, -1);
    add_ival_cols(t, "value", unit, -1);
    cor_table_add_col(t, "qualifier", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "status", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "source", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "na_reason", NULL, COR_CELL_TEXT, -1);
    for (size_t i = 0; i < m.s.n; i++) {
        const struct cor_point *p = &m.s.points[i];
        cor_table_add_row(t);
        period_text(&p->period, buf, sizeof buf);
        cor_table_set_text(t, 0, buf);
        set_ival(t, 1, p->v, -1);
        cor_table_set_text(t, 5, cor_qualifier_name(p->qualifier));
        cor_table_set_text(t, 6, cor_status_name(p->status));
        common_sources(t, m.ds, &p, 1, buf, sizeof buf);
        cor_table_set_text(t, 7, buf);
        cor_table_set_text(t, 8, cor_na_reason(p->v.na));
    }
    add_interval_note(t, &m.c);
    return metric_finish(&m, t);
}

const struct cli_command cli_series = {
    "series", "",
    "list the figures a selection picks, as intervals in one unit",
    "Selects figures (--kind, --entity, --where, --status, --source, --from, --to) and\n"
    "lists each with its interval in one unit (--unit, --currency): the input of every\n"
    "metric command.",
    series_options,
    "corridor series --entity 'Port of Baku' --unit TEU",
    cmd_series,
};

/* ---- growth ---------------------------------------------------------------- */

enum { GROWTH_METHOD = COMMON_COUNT };
static const struct cli_option growth_options[] = {
    COMMON_OPTIONS,
    {"method", 'm', "METHOD", "yoy (same period a year before; default), pop (the period "
                              "before), or change (absolute change)"},
    {NULL, 0, NULL, NULL}};

struct growth_args {
    int method;   /* 0 yoy, 1 pop, 2 change */
};

static int growth_extra(const struct cli_command *cmd, struct common *c, int opt,
                        const char *arg, void *user)
{
    struct growth_args *g = user;
    (void)c;
    if (opt == GROWTH_METHOD) {
        if (strcmp(arg, "yoy") == 0)
            g->method = 0;
        else if (strcmp(arg, "pop") == 0)
            g->method = 1;
        else if (strcmp(arg, "change") == 0)
            g->method = 2;
        else
            return cli_usage_error(cmd, "unknown method '%s' (yoy, pop or change)", arg);
    }
    return CLI_OK;
}

static int cmd_growth(const struct cli_command *cmd, int argc, char **argv)
{
    struct metric m;
    metric_init(&m);
    struct growth_args g = {0};
    int rc = metric_begin(cmd, argc, argv, &m, growth_extra, &g);
    if (rc >= 0)
        return rc;
    char unit[64], buf[512];
    common_unit_name(&m.s, unit, sizeof unit);
    static const char *const titles[] = {"year-on-year growth", "period-on-period growth",
                                         "absolute change"};
    struct cor_table *t = metric_table(&m, titles[g.method]);
    cor_table_add_col(t, "period", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "previous", NULL, COR_CELL_TEXT, -1);
    add_ival_cols(t, g.method == 2 ? "change" : "growth", g.method == 2 ? unit : "fraction",
                  g.method == 2 ? -1 : 4);
    cor_table_add_col(t, "statuses", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "sources", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "na_reason", NULL, COR_CELL_TEXT, -1);
    for (size_t i = 0; i < m.s.n; i++) {
        const struct cor_point *p = &m.s.points[i];
        /* yoy: the same period a year earlier; pop: the period just before */
        int lag = g.method == 1 ? cor_period_months(&p->period) : 12;
        struct cor_period prev = g.method == 1 ? cor_period_shift(&p->period, -lag)
                                               : cor_period_year_earlier(&p->period);
        int pop = g.method == 1 && prev.kind != COR_PERIOD_NONE && lag > 0;
        size_t j = pop ? cor_series_next_at(&m.s, &prev, 0)
                   : g.method == 1 ? m.s.n
                                   : cor_series_year_earlier(&m.s, &p->period, 0);
        for (int first = 1; first || j < m.s.n; first = 0) {
            const struct cor_point *before = j < m.s.n ? &m.s.points[j] : NULL;
            struct cor_ival v;
            if (!before)
                v = cor_ival_na(prev.kind == COR_PERIOD_NONE || lag <= 0
                                    ? COR_NA_PARTIAL_PERIOD
                                    : COR_NA_MISSING_PERIOD);
            else if (g.method == 2)
                v = cor_metrics_change(p->v, before->v);
            else
                v = cor_metrics_growth(p->v, before->v);
            cor_table_add_row(t);
            period_text(&p->period, buf, sizeof buf);
            cor_table_set_text(t, 0, buf);
            if (prev.kind != COR_PERIOD_NONE) {
                period_text(&prev, buf, sizeof buf);
                cor_table_set_text(t, 1, buf);
            }
            set_ival(t, 2, v, g.method == 2 ? -1 : 4);
            statuses(p, before, buf, sizeof buf);
            cor_table_set_text(t, 6, buf);
            const struct cor_point *both[2] = {before, p};
            common_sources(t, m.ds, both, 2, buf, sizeof buf);
            cor_table_set_text(t, 7, buf);
            cor_table_set_text(t, 8, cor_na_reason(v.na));
            if (!before)
                break;
            j = pop ? cor_series_next_at(&m.s, &prev, j + 1)
                    : cor_series_year_earlier(&m.s, &p->period, j + 1);
        }
    }
    cor_table_add_note(t, g.method == 2   ? "Change = X_t - X_(t-1), by period."
                          : g.method == 1 ? "Growth = X_t / X_(t-1) - 1, t-1 the period before."
                                          : "Growth = X_t / X_(t-1) - 1, t-1 the same period a "
                                            "year before (a missing year gives NA, never a jump "
                                            "over the gap).");
    add_interval_note(t, &m.c);
    return metric_finish(&m, t);
}

const struct cli_command cli_growth = {
    "growth", "",
    "growth by period (year-on-year, period-on-period) or absolute change",
    "Computes X_t / X_(t-1) - 1 for every selected figure, t-1 being the same period a\n"
    "year before (yoy) or the period before (pop); or X_t - X_(t-1) (change). A period\n"
    "without a figure gives NA (missing period); a 9-month figure is compared only with\n"
    "the 9 months of the year before. When several figures exist for a period (several\n"
    "sources), every pair gets its own row.",
    growth_options,
    "corridor growth --entity 'Port of Baku' --unit TEU --from 2017 --to 2024",
    cmd_growth,
};

/* ---- cagr ------------------------------------------------------------------ */

static int cmd_cagr(const struct cli_command *cmd, int argc, char **argv)
{
    struct metric m;
    metric_init(&m);
    int rc = metric_begin(cmd, argc, argv, &m, NULL, NULL);
    if (rc >= 0)
        return rc;
    if (m.c.sel.from.kind == COR_PERIOD_NONE || m.c.sel.to.kind == COR_PERIOD_NONE)
        return metric_refuse(cmd, &m, "cagr needs --from and --to");
    char buf[512];
    struct cor_table *t = metric_table(&m, "compound annual growth");
    cor_table_add_col(t, "start", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "end", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "years", NULL, COR_CELL_NUMBER, -1);
    add_ival_cols(t, "cagr", "fraction", 4);
    add_ival_cols(t, "exp_rate", "per year", 4);
    cor_table_add_col(t, "statuses", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "sources", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "na_reason", NULL, COR_CELL_TEXT, -1);
    size_t na, nb;
    const struct cor_point **a = points_at(&m.s, &m.c.sel.from, &na);
    const struct cor_point **b = points_at(&m.s, &m.c.sel.to, &nb);
    double years = (m.c.sel.to.y0 - m.c.sel.from.y0) + (m.c.sel.to.m0 - m.c.sel.from.m0) / 12.0;
    int same_length = cor_period_months(&m.c.sel.from) == cor_period_months(&m.c.sel.to);
    for (size_t i = 0; i < (na ? na : 1); i++)
        for (size_t j = 0; j < (nb ? nb : 1); j++) {
            const struct cor_point *pa = na ? a[i] : NULL, *pb = nb ? b[j] : NULL;
            struct cor_ival cg, er;
            if (!same_length || (!pa && partial_in_year(&m.s, &m.c.sel.from)) ||
                (!pb && partial_in_year(&m.s, &m.c.sel.to)))
                cg = er = cor_ival_na(COR_NA_PARTIAL_PERIOD);
            else if (!pa || !pb)
                cg = er = cor_ival_na(COR_NA_MISSING_PERIOD);
            else {
                cg = cor_metrics_cagr(pb->v, pa->v, years);
                er = cor_metrics_exp_rate(pb->v, pa->v, years);
            }
            cor_table_add_row(t);
            period_text(&m.c.sel.from, buf, sizeof buf);
            cor_table_set_text(t, 0, buf);
            period_text(&m.c.sel.to, buf, sizeof buf);
            cor_table_set_text(t, 1, buf);
            cor_table_set_num(t, 2, years);
            set_ival(t, 3, cg, 4);
            set_ival(t, 7, er, 4);
            if (pa && pb)
                statuses(pb, pa, buf, sizeof buf);
            else
                buf[0] = '\0';
            cor_table_set_text(t, 11, buf);
            const struct cor_point *both[2] = {pa, pb};
            common_sources(t, m.ds, both, 2, buf, sizeof buf);
            cor_table_set_text(t, 12, buf);
            cor_table_set_text(t, 13, cor_na_reason(cg.na));
        }
    free(a);
    free(b);
    cor_table_add_note(t, "CAGR = (X_end / X_start)^(1/n) - 1 and exponential rate = "
                          "ln(X_end / X_start) / n, n = years elapsed (World Bank).");
    add_interval_note(t, &m.c);
    return metric_finish(&m, t);
}

static const struct cli_option cagr_options[] = {COMMON_OPTIONS, {NULL, 0, NULL, NULL}};

const struct cli_command cli_cagr = {
    "cagr", "",
    "compound annual growth and exponential rate between two periods",
    "Computes (X_end / X_start)^(1/n) - 1 and ln(X_end / X_start) / n between the figures\n"
    "for --from and --to, n the years elapsed (not the number of points). A partial\n"
    "period against a full year gives NA. Every pair of figures gets its own row.",
    cagr_options,
    "corridor cagr --entity 'Port of Baku' --unit TEU --from 2017 --to 2024",
    cmd_cagr,
};

/* ---- trend ----------------------------------------------------------------- */

/* cor_metrics_trend fits at most this many points (its arrays): more is refused. */
#define TREND_MAX_POINTS 512

static int cmd_trend(const struct cli_command *cmd, int argc, char **argv)
{
    struct metric m;
    metric_init(&m);
    int rc = metric_begin(cmd, argc, argv, &m, NULL, NULL);
    if (rc >= 0)
        return rc;
    char buf[2048];
    struct cor_table *t = metric_table(&m, "least-squares growth");
    cor_table_add_col(t, "first", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "last", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "n", NULL, COR_CELL_NUMBER, 0);
    cor_table_add_col(t, "rate", "fraction", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "rate_lo95", "fraction", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "rate_hi95", "fraction", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "b", "ln per year", COR_CELL_NUMBER, 6);
    cor_table_add_col(t, "se_b", "ln per year", COR_CELL_NUMBER, 6);
    cor_table_add_col(t, "t975", NULL, COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "sources", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "na_reason", NULL, COR_CELL_TEXT, -1);

    int *years = calloc(m.s.n ? m.s.n : 1, sizeof *years);
    double *values = calloc(m.s.n ? m.s.n : 1, sizeof *values);
    const struct cor_point **used = calloc(m.s.n ? m.s.n : 1, sizeof *used);
    size_t k = 0;
    enum cor_na na = COR_NA_NONE;
    char *left_out = NULL, *ambiguous = NULL;   /* lists for the notes */
    int listed = 1, last_ambiguous = 0;
    for (size_t i = 0; i < m.s.n && years && values && used && listed; i++) {
        const struct cor_point *p = &m.s.points[i];
        char pt[32];
        period_text(&p->period, pt, sizeof pt);
        if (!cor_period_is_year(&p->period) || p->v.na) {
            listed = common_list_add(&left_out, pt);
            continue;
        }
        if (k && years[k - 1] == p->period.y0) {
            na = COR_NA_AMBIGUOUS;
            if (!ambiguous || last_ambiguous != p->period.y0)
                listed = common_list_add(&ambiguous, pt);
            last_ambiguous = p->period.y0;
            continue;
        }
        years[k] = p->period.y0;
        values[k] = p->v.value;
        used[k++] = p;
    }
    if (!listed || !years || !values || !used) {
        free(years), free(values), free(used), free(left_out), free(ambiguous);
        cor_table_free(t);
        metric_free(&m);
        fputs("corridor: out of memory\n", stderr);
        return CLI_IO;
    }
    if (k > TREND_MAX_POINTS) {
        free(years), free(values), free(used), free(left_out), free(ambiguous);
        cor_table_free(t);
        return metric_refuse(cmd, &m, "trend fits at most %d yearly points (the least-squares "
                                      "routine's limit); this selection has %zu: narrow it with "
                                      "--from and --to",
                             TREND_MAX_POINTS, k);
    }
    struct cor_trend tr;
    cor_metrics_trend(years, values, k, &tr);
    if (na)
        tr.na = na;
    cor_table_add_row(t);
    snprintf(buf, sizeof buf, "%d", k ? years[0] : 0);
    cor_table_set_text(t, 0, k ? buf : "");
    snprintf(buf, sizeof buf, "%d", k ? years[k - 1] : 0);
    cor_table_set_text(t, 1, k ? buf : "");
    cor_table_set_num(t, 2, (double)tr.n);
    int ok = tr.na == COR_NA_NONE;
    cor_table_set_num(t, 3, ok ? tr.rate : NAN);
    cor_table_set_num(t, 4, ok ? tr.lo : NAN);
    cor_table_set_num(t, 5, ok ? tr.hi : NAN);
    cor_table_set_num(t, 6, ok ? tr.b : NAN);
    cor_table_set_num(t, 7, ok ? tr.se : NAN);
    cor_table_set_num(t, 8, ok ? tr.t : NAN);
    common_sources(t, m.ds, used, k, buf, sizeof buf);
    cor_table_set_text(t, 9, buf);
    cor_table_set_text(t, 10, cor_na_reason(tr.na));
    cor_table_add_note(t, "Least-squares growth (World Bank): ln X_t = a + b t by OLS "
                          "(QR, Givens), rate = e^b - 1, 95%% interval e^(b -/+ t975 se_b) "
                          "- 1 with t975 the Student-t quantile on n - 2 degrees of freedom; "
                          "needs 3 positive points and no more than half the years missing.");
    if (left_out)
        cor_table_add_note(t, "Left out (not a full year, or NA): %s.", left_out);
    if (ambiguous)
        cor_table_add_note(t, "Several figures for %s: choose with --source or --status.",
                           ambiguous);
    free(left_out);
    free(ambiguous);
    cor_table_add_note(t, "Figures enter at their printed value (a range at its midpoint).");
    rc = common_emit(&m.c, t);
    free(years);
    free(values);
    free(used);
    cor_table_free(t);
    metric_free(&m);
    return rc;
}

static const struct cli_option trend_options[] = {COMMON_OPTIONS, {NULL, 0, NULL, NULL}};

const struct cli_command cli_trend = {
    "trend", "",
    "least-squares growth rate (World Bank) with its 95% interval",
    "Fits ln X_t = a + b t by ordinary least squares over the full years selected and\n"
    "reports e^b - 1 with the standard error of b and a 95% interval from the Student t\n"
    "distribution on n - 2 degrees of freedom. Needs at least 3 positive points and no\n"
    "more than half of the years missing; several figures for one year give NA.",
    trend_options,
    "corridor trend --entity 'Port of Baku' --unit TEU --from 2017 --to 2024",
    cmd_trend,
};

/* ---- index ----------------------------------------------------------------- */

enum { INDEX_BASE = COMMON_COUNT };
static const struct cli_option index_options[] = {
    COMMON_OPTIONS, {"base", 'b', "PERIOD", "the period whose value is 100 (required)"},
    {NULL, 0, NULL, NULL}};

static int index_extra(const struct cli_command *cmd, struct common *c, int opt, const char *arg,
                       void *user)
{
    (void)c;
    if (opt == INDEX_BASE && !common_period(cmd, arg, user))
        return CLI_USAGE;
    return CLI_OK;
}

static int cmd_index(const struct cli_command *cmd, int argc, char **argv)
{
    struct metric m;
    metric_init(&m);
    struct cor_period base = {0};
    int rc = metric_begin(cmd, argc, argv, &m, index_extra, &base);
    if (rc >= 0)
        return rc;
    if (base.kind == COR_PERIOD_NONE)
        return metric_refuse(cmd, &m, "index needs --base PERIOD");
    char buf[512], bt[32], what[64];
    period_text(&base, bt, sizeof bt);
    snprintf(what, sizeof what, "index, %s = 100", bt);
    struct cor_table *t = metric_table(&m, what);
    cor_table_add_col(t, "period", NULL, COR_CELL_TEXT, -1);
    add_ival_cols(t, "index", NULL, 2);
    cor_table_add_col(t, "sources", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "na_reason", NULL, COR_CELL_TEXT, -1);
    size_t nb;
    const struct cor_point **b = points_at(&m.s, &base, &nb);
    for (size_t i = 0; i < m.s.n; i++)
        for (size_t j = 0; j < (nb ? nb : 1); j++) {
            const struct cor_point *p = &m.s.points[i], *pb = nb ? b[j] : NULL;
            struct cor_ival v = !pb ? cor_ival_na(COR_NA_MISSING_PERIOD)
                                : p->period.kind != base.kind
                                    ? cor_ival_na(COR_NA_PARTIAL_PERIOD)
                                    : cor_metrics_index(p->v, pb->v);
            cor_table_add_row(t);
            period_text(&p->period, buf, sizeof buf);
            cor_table_set_text(t, 0, buf);
            set_ival(t, 1, v, 2);
            const struct cor_point *both[2] = {pb, p};
            common_sources(t, m.ds, both, 2, buf, sizeof buf);
            cor_table_set_text(t, 5, buf);
            cor_table_set_text(t, 6, cor_na_reason(v.na));
        }
    free(b);
    cor_table_add_note(t, "Index = 100 X_t / X_base; to rebase an index series, select it and "
                          "give the new --base.");
    return metric_finish(&m, t);
}

const struct cli_command cli_index = {
    "index", "",
    "index numbers (base period = 100), or rebasing an index",
    "Computes 100 X_t / X_base for every selected figure; on an index series this rebases\n"
    "it to --base.",
    index_options,
    "corridor index --entity 'Port of Baku' --unit TEU --base 2017",
    cmd_index,
};
