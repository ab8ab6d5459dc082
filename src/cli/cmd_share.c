/* corridor share | hhi: parts of a total, and concentration. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

enum { SHARE_BY = COMMON_COUNT, SHARE_PERIOD, SHARE_TOTAL, SHARE_AGGREGATES };

static const struct cli_option share_options[] = {
    COMMON_OPTIONS,
    {"by", 0, "COLUMN", "the column that names the parts (exporter, origin, ...) (required)"},
    {"period", 'p', "PERIOD", "the period of the shares (required)"},
    {"total", 't', "NAME", "the part that is the stated total (World); the rest is "
                           "'other/unknown'. Default: the rows whose --by column is empty "
                           "(an empty key means all), else the sum of the parts"},
    {"aggregates", 0, NULL, "count rows flagged as aggregates of the --by column (World, "
                            "regions) as parts; by default they are left out"},
    {NULL, 0, NULL, NULL}};

/* How far from 100% the sum of the shares may be. */
#define SHARES_SUM_TOL 1e-9

struct share_args {
    const char *by, *total;
    struct cor_period period;
    int aggregates;
};

static int share_extra(const struct cli_command *cmd, struct common *c, int opt,
                       const char *arg, void *user)
{
    struct share_args *a = user;
    if (opt == SHARE_BY) {
        a->by = arg;
        c->sel.vary = arg;
    } else if (opt == SHARE_TOTAL)
        a->total = arg;
    else if (opt == SHARE_AGGREGATES)
        a->aggregates = 1;
    else if (opt == SHARE_PERIOD) {
        if (!common_period(cmd, arg, &a->period))
            return CLI_USAGE;
        c->sel.from = c->sel.to = a->period;
    }
    return CLI_OK;
}

/* The parts of the selected period (the library's one definition,
 * corridor/parts.h), their shares, and the stated total. */
struct parts {
    struct cor_parts P;
    struct cor_share *sh;            /* the parts, then other/unknown with a total */
    size_t nsh, n;                   /* lines; parts among them */
    const struct cor_point *total;   /* the total's row, or NULL */
    char *aggregates, *no_figure;    /* names left out, "a, b" (or NULL) */
};

static void parts_free(struct parts *P)
{
    if (!P)
        return;
    cor_parts_fini(&P->P);
    free(P->sh);
    free(P->aggregates);
    free(P->no_figure);
    free(P);
}

/* "no figures for 2030: the selection has 2015 to 2025" */
static int no_period(const struct cli_command *cmd, const struct cor_series *s,
                     const struct share_args *a)
{
    char want[32], lo[32] = "", hi[32] = "";
    cor_period_format(&a->period, want, sizeof want);
    if (s->n) {
        cor_period_format(&s->points[0].period, lo, sizeof lo);
        cor_period_format(&s->points[s->n - 1].period, hi, sizeof hi);
    }
    if (s->n)
        fprintf(stderr,
                "corridor: %s: the selection is empty: no figures for %s (the rows selected "
                "cover %s to %s)\n",
                cmd->name, want, lo, hi);
    else
        fprintf(stderr, "corridor: %s: the selection is empty: no figures for %s\n", cmd->name,
                want);
    return CLI_USAGE;
}

static int collect_parts(const struct cli_command *cmd, const struct cor_dataset *ds,
                         const struct common *c, const struct cor_series *s,
                         const struct share_args *a, struct parts *out)
{
    const struct cor_schema *sc = cor_schema_get(c->sel.kind);
    if (!a->by || a->period.kind == COR_PERIOD_NONE)
        return cli_usage_error(cmd, "%s needs --by COLUMN and --period PERIOD", cmd->name);
    if (!cor_schema_column(sc, a->by, strlen(a->by)))
        return cli_usage_error(cmd, "kind '%s' has no column '%s'", sc->name, a->by);
    struct cor_parts_opts po = {a->by, a->total, a->aggregates};
    struct cor_error err = {0};
    if (cor_parts_at(ds, c->sel.kind, s, &a->period, &po, &out->P, &err) != COR_OK) {
        fputs("corridor: out of memory\n", stderr);
        return CLI_IO;
    }
    const struct cor_parts *P = &out->P;
    if (P->n == 0)
        return no_period(cmd, s, a);
    size_t i, j;
    if (cor_parts_duplicate(P, &i, &j))
        return cli_usage_error(cmd,
                               "several figures for '%s' in this period (sources %s and "
                               "%s): choose with --source or --status",
                               P->rows[i].name, cor_dataset_str(ds, P->rows[i].pt->source),
                               cor_dataset_str(ds, P->rows[j].pt->source));
    for (i = 0; i < P->n; i++) {
        const struct cor_parts_row *r = &P->rows[i];
        if (r->role == COR_PART_TOTAL)
            out->total = r->pt;
        if (r->role == COR_PART_AGGREGATE &&
            !common_list_add(&out->aggregates, *r->name ? r->name : "all (empty)"))
            return CLI_IO;
        if (r->role == COR_PART_NO_FIGURE && !common_list_add(&out->no_figure, r->name))
            return CLI_IO;
        if (r->role == COR_PART_TOTAL && r->pt->v.na) {
            fprintf(stderr, "corridor: the total '%s' has no figure for this period\n",
                    *r->name ? r->name : "all");
            return CLI_DATA;
        }
        if (r->role == COR_PART && r->pt->v.na) {
            fprintf(stderr, "corridor: the figure for '%s' is NA (%s)\n", r->name,
                    cor_na_reason(r->pt->v.na));
            return CLI_DATA;
        }
    }
    if (a->total && *a->total && !out->total) {
        const char *best = cor_parts_closest(P, a->total);
        if (best)
            return cli_usage_error(cmd, "no part named '%s' in that period; did you mean '%s'?",
                                   a->total, best);
        return cli_usage_error(cmd, "no part named '%s' in that period", a->total);
    }
    if (P->count[COR_PART] == 0) {
        fprintf(stderr, "corridor: %s: no parts left for that period%s%s%s%s\n", cmd->name,
                out->aggregates ? " (aggregates left out: " : "",
                out->aggregates ? out->aggregates : "", out->aggregates ? ")" : "",
                out->no_figure ? " (rows without a figure)" : "");
        return CLI_DATA;
    }
    if (cor_parts_shares(P, &out->sh, &out->nsh, &err) != COR_OK) {
        cli_print_error(&err, NULL);
        return err.status == COR_ENOMEM ? CLI_IO : CLI_DATA;
    }
    out->n = P->count[COR_PART];
    return CLI_OK;
}

static int compare_desc(const void *x, const void *y)
{
    const struct cor_share *a = *(const struct cor_share *const *)x;
    const struct cor_share *b = *(const struct cor_share *const *)y;
    return a->amount.value < b->amount.value ? 1 : a->amount.value > b->amount.value ? -1 : 0;
}

/* The parts must not add up to more than the stated total: when even their
 * smallest sum exceeds the total's largest value, the parts hold aggregates
 * or double counts; refused, naming the largest parts. */
static int check_parts_within_total(const struct cli_command *cmd, const struct parts *P,
                                    const struct share_args *args, const char *unit)
{
    struct cor_ival sum = cor_parts_sum(&P->P);
    struct cor_ival t = P->total->v;
    if (!cor_parts_exceed_total(sum, t))
        return CLI_OK;
    const struct cor_share **order = malloc(P->n * sizeof *order);
    if (!order)
        return CLI_IO;
    for (size_t i = 0; i < P->n; i++)
        order[i] = &P->sh[i];
    qsort(order, P->n, sizeof *order, compare_desc);
    char a[40], b[40], list[600] = "";
    cor_num_format(sum.lo, a, sizeof a);
    cor_num_format(t.hi, b, sizeof b);
    for (size_t k = 0; k < P->n && k < 3; k++) {
        char v[40];
        cor_num_format(order[k]->amount.value, v, sizeof v);
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s'%s' (%s)", k ? ", " : "", order[k]->name,
                 v);
    }
    free(order);
    fprintf(stderr,
            "corridor: %s: the parts add up to %s %s, more than the total '%s' (%s %s): the "
            "largest parts are %s. Some parts are likely aggregates or counted twice: leave "
            "them out with --where '%s!=NAME|NAME', or flag them in the column 'aggregate'\n",
            cmd->name, a, unit, *P->P.total ? P->P.total : "all", b, unit, list, args->by);
    return CLI_DATA;
}

/* Warns about parts that read as a total of the others when no total was given. */
static void warn_aggregate_parts(const struct cor_dataset *ds, const struct parts *P,
                                 const struct share_args *a)
{
    if (P->total)
        return;
    for (size_t i = 0; i < P->n; i++) {
        const char *name = P->sh[i].name;
        int flagged = cor_series_is_aggregate(ds, P->sh[i].pt->obs, a->by);
        if (flagged || cor_parts_looks_like_total(name))
            fprintf(stderr,
                    "corridor: warning: part '%s' %s: give --total '%s' to divide by it, or "
                    "leave it out with --where '%s!=%s'\n",
                    name,
                    flagged ? "is flagged as an aggregate (column 'aggregate')"
                            : "looks like a total of the other parts",
                    name, a->by, name);
    }
}

static void note_left_out(struct cor_table *t, const struct parts *P)
{
    if (P->aggregates)
        cor_table_add_note(t, "Left out as aggregates of the parts (column 'aggregate', or an "
                              "empty key beside a stated total): %s. --aggregates counts the "
                              "flagged ones as parts.",
                           P->aggregates);
    if (P->no_figure)
        cor_table_add_note(t, "Left out (no figure for this period): %s.", P->no_figure);
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
    if (rc == CLI_OK && (*P)->total) {
        char unit[64];
        common_unit_name(&m->s, unit, sizeof unit);
        rc = check_parts_within_total(cmd, *P, a, unit);
    }
    if (rc == CLI_OK) {
        warn_aggregate_parts(m->ds, *P, a);
        return -1;
    }
    parts_free(*P);
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
    char unit[64], buf[1024], pt[32];
    common_unit_name(&m.s, unit, sizeof unit);
    cor_period_format(&a.period, pt, sizeof pt);
    snprintf(buf, sizeof buf, "Shares by %s, %s, %s (%s)", a.by, pt, cor_parts_basis(&P->P),
             unit);
    struct cor_table *t = cor_table_new(buf);
    double *shares = malloc((P->nsh + 1) * sizeof *shares);
    if (!t || !shares) {
        free(shares);
        parts_free(P);
        return metric_finish(&m, t);
    }
    cor_table_add_col(t, a.by, NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "amount", unit, COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "amount_lo", unit, COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "amount_hi", unit, COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "share", "fraction", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "share_lo", "fraction", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "share_hi", "fraction", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "basis", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "sources", NULL, COR_CELL_TEXT, -1);
    size_t ns = 0;
    for (size_t i = 0; i < P->nsh; i++) {
        const struct cor_share *sh = &P->sh[i];
        cor_table_add_row(t);
        cor_table_set_text(t, 0, sh->name);
        cor_table_set_num(t, 1, sh->amount.value);
        cor_table_set_num(t, 2, sh->amount.lo);
        cor_table_set_num(t, 3, sh->amount.hi);
        cor_table_set_num(t, 4, sh->share.na ? NAN : sh->share.value);
        cor_table_set_num(t, 5, sh->share.na ? NAN : sh->share.lo);
        cor_table_set_num(t, 6, sh->share.na ? NAN : sh->share.hi);
        cor_table_set_text(t, 7, cor_parts_basis(&P->P));
        const struct cor_point *src[2] = {sh->pt, P->total};
        common_sources(t, m.ds, src, 2, buf, sizeof buf);
        cor_table_set_text(t, 8, buf);
        shares[ns++] = sh->share.value;
    }
    double sum;
    int ok = cor_metrics_shares_sum_to_one(shares, ns, SHARES_SUM_TOL, &sum);
    char sums[40];
    cor_num_format_fixed(sum * 100, 6, sums, sizeof sums);
    cor_table_add_note(t, "Share = part / %s; intervals from the parts' qualifiers. The shares "
                          "sum to %s%% (%s).",
                       !P->total          ? "the sum of the parts"
                       : *P->P.total      ? "the stated total"
                                          : "the total (the rows with an empty key: all)",
                       sums,
                       ok ? "100% within 1e-9" : "NOT 100%");
    note_left_out(t, P);
    free(shares);
    parts_free(P);
    return metric_finish(&m, t);
}

const struct cli_command cli_share = {
    "share", "",
    "shares of parts in a total, by value or by volume",
    "Divides each part of --period (the rows grouped by --by) by the stated total\n"
    "(--total NAME; without it, the rows whose --by column is empty: all), whose remainder\n"
    "becomes 'other/unknown', or, with neither, by the sum of the parts.\n"
    "Shares by value and by volume are different shares: the table says which. The sum\n"
    "of the shares is checked against 100%. Rows flagged as aggregates of --by (column\n"
    "'aggregate': World, regions) are left out unless --aggregates; parts that add up to\n"
    "more than the stated total are refused (exit 3), naming the largest; a part that\n"
    "looks like a total when no --total is given gets a warning.",
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
    double *values = malloc((P->n + 1) * sizeof *values);
    const struct cor_point **pts = calloc(P->n + 2, sizeof *pts);
    if (!values || !pts) {
        free(values);
        free(pts);
        parts_free(P);
        return metric_finish(&m, NULL);
    }
    for (size_t i = 0; i < P->n; i++) {
        values[i] = P->sh[i].amount.value;
        pts[i] = P->sh[i].pt;
    }
    struct cor_concentration k;
    if (P->total)
        cor_metrics_concentration_in_total(values, P->n, P->total->v.value, &k);
    else
        cor_metrics_concentration(values, P->n, &k);
    free(values);
    char buf[1024], pt[32];
    cor_period_format(&a.period, pt, sizeof pt);
    snprintf(buf, sizeof buf, "Concentration by %s, %s", a.by, pt);
    struct cor_table *t = cor_table_new(buf);
    cor_table_add_col(t, "parts", NULL, COR_CELL_NUMBER, 0);
    cor_table_add_col(t, "hhi", "0-1", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "hhi_10000", "0-10,000", COR_CELL_NUMBER, 0);
    cor_table_add_col(t, "hhi_normalised", "0-1", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "equivalent_parts", NULL, COR_CELL_NUMBER, 2);
    cor_table_add_col(t, "cr1", "fraction", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "cr3", "fraction", COR_CELL_NUMBER, 4);
    cor_table_add_col(t, "other_share", "fraction", COR_CELL_NUMBER, 4);
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
    /* other/unknown: the last line of cor_parts_shares() with a stated total */
    double other = P->total && P->nsh > P->n && P->sh[P->nsh - 1].other
                       ? P->sh[P->nsh - 1].share.value
                       : NAN;
    cor_table_set_num(t, 7, other);
    /* the parts' sources and the total's */
    pts[P->n] = P->total;
    common_sources(t, m.ds, pts, P->n + (P->total != NULL), buf, sizeof buf);
    free(pts);
    cor_table_set_text(t, 8, buf);
    /* a stated total with a remainder: the library leaves these two NA */
    int partial = k.na == COR_NA_NONE && P->total && isnan(k.equivalent);
    cor_table_set_text(t, 9, partial ? "hhi_normalised and equivalent_parts: part of the "
                                       "total is unallocated"
                                     : cor_na_reason(k.na));
    cor_table_add_note(t, "HHI = sum of squared shares s_i = x_i / %s: 0-1 scale, and x 10,000 "
                          "as in the DOJ/FTC Merger Guidelines; normalised (HHI - 1/N) / (1 - "
                          "1/N); equivalent number of parts 1/HHI; CR1, CR3 = shares of the "
                          "largest one and three. Computed on the printed values.",
                       P->total ? "the stated total" : "sum x");
    if (P->total) {
        char r[40];
        cor_num_format_fixed(other, 4, r, sizeof r);
        cor_table_add_note(t, "The total is '%s'; other/unknown (share %s) is not a part: it "
                              "would add between 0 (many small parts) and its square (one "
                              "part) to the HHI.",
                           *P->P.total ? P->P.total : "all (the rows with an empty key)", r);
        if (partial)
            cor_table_add_note(t, "hhi_normalised and equivalent_parts are NA: with a share "
                                  "of the total unallocated, neither the number of parts N "
                                  "nor 1/HHI describes the market (1/HHI can count more "
                                  "parts than there are). Without --total they are computed "
                                  "over the parts' own sum.");
    } else
        cor_table_add_note(t, "No stated total (--total): other_share is NA.");
    note_left_out(t, P);
    parts_free(P);
    return metric_finish(&m, t);
}

const struct cli_command cli_hhi = {
    "hhi", "",
    "concentration: HHI (0-1 and 0-10,000), normalised HHI, 1/HHI, CR1, CR3",
    "Computes the Herfindahl-Hirschman index of the parts of --period (rows grouped by\n"
    "--by) on both scales, its normalised form, the equivalent number of parts and the\n"
    "concentration ratios CR1 and CR3. With --total NAME (or rows whose --by column is\n"
    "empty: all) the shares are of that stated total (which is not a part) and\n"
    "other_share is what the parts leave of it. Rows\n"
    "flagged as aggregates of --by are left out unless --aggregates; parts that add up to\n"
    "more than the total are refused (exit 3).",
    share_options,
    "corridor hhi --data my_suppliers.csv --kind trade --by exporter --period 2023",
    cmd_hhi,
};
