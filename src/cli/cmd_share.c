/* corridor share | hhi: parts of a total, and concentration. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

enum { SHARE_BY = COMMON_COUNT, SHARE_PERIOD, SHARE_TOTAL };

static const struct cli_option share_options[] = {
    COMMON_OPTIONS,
    {"by", 0, "COLUMN", "the column that names the parts (exporter, origin, ...) (required)"},
    {"period", 'p', "PERIOD", "the period of the shares (required)"},
    {"total", 't', "NAME", "the part that is the stated total (World); the rest is "
                           "'other/unknown'. Default: the sum of the parts"},
    {NULL, 0, NULL, NULL}};

struct share_args {
    const char *by, *total;
    struct cor_period period;
};

static int share_extra(const struct cli_command *cmd, struct common *c, int opt,
                       const char *arg, void *user)
{
    struct share_args *a = user;
    if (opt == SHARE_BY) {
        a->by = arg;
        c->sel.vary = arg;
    }
    else if (opt == SHARE_TOTAL)
        a->total = arg;
    else if (opt == SHARE_PERIOD) {
        if (!common_period(cmd, arg, &a->period))
            return CLI_USAGE;
        c->sel.from = c->sel.to = a->period;
    }
    return CLI_OK;
}

/* The parts of the selected period: one point per name, or NULL (usage error printed). */
struct parts {
    const char *name[256];
    const struct cor_point *pt[256];
    struct cor_ival v[256];
    size_t n;
};

static int collect_parts(const struct cli_command *cmd, const struct cor_dataset *ds,
                         const struct common *c, const struct cor_series *s,
                         const struct share_args *a, struct parts *out)
{
    const struct cor_schema *sc = cor_schema_get(c->sel.kind);
    if (!a->by || a->period.kind == COR_PERIOD_NONE)
        return cli_usage_error(cmd, "%s needs --by COLUMN and --period PERIOD", cmd->name);
    if (!cor_schema_column(sc, a->by, strlen(a->by)))
        return cli_usage_error(cmd, "kind '%s' has no column '%s'", sc->name, a->by);
    out->n = 0;
    for (size_t i = 0; i < s->n; i++) {
        const struct cor_point *p = &s->points[i];
        if (!cor_period_equal(&p->period, &a->period) || p->period.kind != a->period.kind)
            continue;
        const char *name = cor_series_text(ds, c->sel.kind, p->obs, a->by);
        for (size_t j = 0; j < out->n; j++)
            if (strcmp(out->name[j], name) == 0)
                return cli_usage_error(cmd,
                                       "several figures for '%s' in this period (sources %s and "
                                       "%s): choose with --source or --status",
                                       name, cor_dataset_str(ds, out->pt[j]->source),
                                       cor_dataset_str(ds, p->source));
        if (out->n == 256)
            return cli_usage_error(cmd, "more than 256 parts");
        if (p->v.na) {
            fprintf(stderr, "corridor: the figure for '%s' is NA (%s)\n", name,
                    cor_na_reason(p->v.na));
            return CLI_DATA;
        }
        out->name[out->n] = name;
        out->pt[out->n] = p;
        out->v[out->n] = p->v;
        out->n++;
    }
    if (out->n == 0) {
        fprintf(stderr, "corridor: no figures for that period\n");
        return CLI_DATA;
    }
    return CLI_OK;
}

/* Options, data, series and parts: what share and hhi both start with.
 * Returns -1 to go on (then *P is set), or an exit code. */
static int parts_prologue(const struct cli_command *cmd, int argc, char **argv, struct metric *m,
                          struct share_args *a, struct parts **P)
{
    metric_init(m);
    memset(a, 0, sizeof *a);
    *P = NULL;
    int rc = metric_begin(cmd, argc, argv, m, share_extra, a);
    if (rc >= 0)
        return rc;
    *P = calloc(1, sizeof **P);
    rc = *P ? collect_parts(cmd, m->ds, &m->c, &m->s, a, *P) : CLI_IO;
    if (rc == CLI_OK)
        return -1;
    free(*P);
    *P = NULL;
    metric_free(m);
    return rc;
}

static int cmd_share(const struct cli_command *cmd, int argc, char **argv)
{
    struct metric m;
    struct share_args a;
    struct parts *P;
    int rc = parts_prologue(cmd, argc, argv, &m, &a, &P);
    if (rc >= 0)
        return rc;
    struct cor_table *t = NULL;
    size_t total_i = P->n;
    if (a.total) {
        for (size_t i = 0; i < P->n; i++)
            if (strcmp(P->name[i], a.total) == 0)
                total_i = i;
        if (total_i == P->n) {
            free(P);
            return metric_refuse(cmd, &m, "no part named '%s' in that period", a.total);
        }
    }
    char unit[64], buf[1024], pt[32];
    common_unit_name(&m.s, unit, sizeof unit);
    cor_period_format(&a.period, pt, sizeof pt);
    int by_value = cor_unit_at(m.s.unit)->dim == COR_DIM_MONEY;
    snprintf(buf, sizeof buf, "Shares by %s, %s, %s (%s)", a.by, pt,
             by_value ? "by value" : "by volume", unit);
    t = cor_table_new(buf);
    cor_table_add_col(t, a.by, NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "amount", unit, COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "amount_lo", unit, COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "amount_hi", unit, COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "share", "fraction", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "share_lo", "fraction", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "share_hi", "fraction", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "basis", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "sources", NULL, COR_CELL_TEXT, -1);
    double shares[257];
    size_t ns = 0;
    struct cor_ival named = cor_ival_exact(0);
    for (size_t i = 0; i <= P->n; i++) {
        int other = i == P->n;
        if (other && total_i == P->n)
            break;   /* no stated total: no remainder */
        if (i == total_i)
            continue;
        struct cor_ival amount, share;
        if (other) {
            amount = cor_ival_sub(P->v[total_i], named);
            if (amount.lo < 0)
                amount.lo = 0;
            share = cor_metrics_share(amount, P->v[total_i]);
        } else {
            amount = P->v[i];
            named = cor_ival_add(named, amount);
            share = total_i < P->n ? cor_metrics_share(amount, P->v[total_i])
                                   : cor_metrics_share_of_sum(P->v, P->n, i);
        }
        cor_table_add_row(t);
        cor_table_set_text(t, 0, other ? "other/unknown" : P->name[i]);
        cor_table_set_num(t, 1, amount.value);
        cor_table_set_num(t, 2, amount.lo);
        cor_table_set_num(t, 3, amount.hi);
        cor_table_set_num(t, 4, share.na ? NAN : share.value);
        cor_table_set_num(t, 5, share.na ? NAN : share.lo);
        cor_table_set_num(t, 6, share.na ? NAN : share.hi);
        cor_table_set_text(t, 7, by_value ? "by value" : "by volume");
        const struct cor_point *src[2] = {other ? NULL : P->pt[i],
                                          total_i < P->n ? P->pt[total_i] : NULL};
        common_sources(t, m.ds, src, 2, buf, sizeof buf);
        cor_table_set_text(t, 8, buf);
        shares[ns++] = share.value;
    }
    double sum;
    int ok = cor_metrics_shares_sum_to_one(shares, ns, 1e-9, &sum);
    char sums[40];
    cor_num_format_fixed(sum * 100, 6, sums, sizeof sums);
    cor_table_add_note(t, "Share = part / %s; intervals from the parts' qualifiers. The shares "
                          "sum to %s%% (%s).",
                       total_i < P->n ? "the stated total" : "the sum of the parts", sums,
                       ok ? "100% within 1e-9" : "NOT 100%");
    free(P);
    return metric_finish(&m, t);
}

const struct cli_command cli_share = {
    "share", "",
    "shares of parts in a total, by value or by volume",
    "Divides each part of --period (the rows grouped by --by) by the stated total\n"
    "(--total NAME, whose remainder becomes 'other/unknown') or by the sum of the parts.\n"
    "Shares by value and by volume are different shares: the table says which. The sum\n"
    "of the shares is checked against 100%.",
    share_options,
    "corridor share --kind trade --where importer=Israel --by exporter --period 2022 \\\n"
    "    --total World --unit billion --currency USD",
    cmd_share,
};

static int cmd_hhi(const struct cli_command *cmd, int argc, char **argv)
{
    struct metric m;
    struct share_args a;
    struct parts *P;
    int rc = parts_prologue(cmd, argc, argv, &m, &a, &P);
    if (rc >= 0)
        return rc;
    struct cor_table *t = NULL;
    double values[256];
    for (size_t i = 0; i < P->n; i++)
        values[i] = P->v[i].value;
    struct cor_concentration k;
    cor_metrics_concentration(values, P->n, &k);
    char buf[1024], pt[32];
    cor_period_format(&a.period, pt, sizeof pt);
    snprintf(buf, sizeof buf, "Concentration by %s, %s", a.by, pt);
    t = cor_table_new(buf);
    cor_table_add_col(t, "parts", NULL, COR_CELL_NUMBER, 0);
    cor_table_add_col(t, "hhi", "0-1", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "hhi_10000", "0-10,000", COR_CELL_NUMBER, 0);
    cor_table_add_col(t, "hhi_normalised", "0-1", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "equivalent_parts", NULL, COR_CELL_NUMBER, 2);
    cor_table_add_col(t, "cr1", "fraction", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "cr3", "fraction", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "sources", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "na_reason", NULL, COR_CELL_TEXT, -1);
    cor_table_add_row(t);
    cor_table_set_num(t, 0, (double)k.n);
    cor_table_set_num(t, 1, k.hhi);
    cor_table_set_num(t, 2, k.hhi_10000);
    cor_table_set_num(t, 3, k.hhi_normalised);
    cor_table_set_num(t, 4, k.equivalent);
    cor_table_set_num(t, 5, k.cr1);
    cor_table_set_num(t, 6, k.cr3);
    common_sources(t, m.ds, P->pt, P->n, buf, sizeof buf);
    cor_table_set_text(t, 7, buf);
    cor_table_set_text(t, 8, cor_na_reason(k.na));
    cor_table_add_note(t, "HHI = sum of squared shares s_i = x_i / sum x: 0-1 scale, and x 10,000 "
                          "as in the DOJ/FTC Merger Guidelines; normalised (HHI - 1/N) / (1 - "
                          "1/N); equivalent number of parts 1/HHI; CR1, CR3 = shares of the "
                          "largest one and three. Computed on the printed values.");
    free(P);
    return metric_finish(&m, t);
}

const struct cli_command cli_hhi = {
    "hhi", "",
    "concentration: HHI (0-1 and 0-10,000), normalised HHI, 1/HHI, CR1, CR3",
    "Computes the Herfindahl-Hirschman index of the parts of --period (rows grouped by\n"
    "--by) on both scales, its normalised form, the equivalent number of parts and the\n"
    "concentration ratios CR1 and CR3.",
    share_options,
    "corridor hhi --data my_suppliers.csv --kind trade --by exporter --period 2023",
    cmd_hhi,
};
