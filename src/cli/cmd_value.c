/* corridor value | convert: implied valuation of deals; unit conversion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

static const struct cli_option value_options[] = {COMMON_OPTIONS, {NULL, 0, NULL, NULL}};

static int cmd_value(const struct cli_command *cmd, int argc, char **argv)
{
    struct metric m;
    metric_init(&m);
    m.c.sel.kind = COR_KIND_DEAL;
    m.c.kind_set = 1;
    m.c.sel.vary = "asset,buyer,seller";   /* a list of deals, one row each */
    int rc = metric_begin(cmd, argc, argv, &m, NULL, NULL);
    if (rc >= 0)
        return rc;
    if (m.c.sel.kind != COR_KIND_DEAL)
        return metric_refuse(cmd, &m, "value works on deal records");
    char unit[64], buf[1024];
    common_unit_name(&m.s, unit, sizeof unit);
    struct cor_table *t = cor_table_new("Implied value of 100% of each asset");
    cor_table_add_col(t, "asset", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "buyer", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "period", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "stake", "fraction", COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "price", unit, COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "price_qualifier", NULL, COR_CELL_TEXT, -1);
    cor_table_add_interval_cols(t, "implied", unit, 4);
    cor_table_add_col(t, "sources", NULL, COR_CELL_TEXT, -1);
    for (size_t i = 0; i < m.s.n; i++) {
        const struct cor_point *p = &m.s.points[i];
        const struct cor_deal_record *d = (const struct cor_deal_record *)p->obs;
        struct cor_ival v = cor_metrics_implied_value(p->v, d->stake);
        cor_table_add_row(t);
        cor_table_set_text(t, 0, cor_dataset_str(m.ds, d->asset));
        cor_table_set_text(t, 1, cor_dataset_str(m.ds, d->buyer));
        cor_period_format(&p->period, buf, sizeof buf);
        cor_table_set_text(t, 2, buf);
        cor_table_set_num(t, 3, d->stake);
        cor_table_set_num(t, 4, p->v.value);
        cor_table_set_text(t, 5, cor_qualifier_name(p->qualifier));
        cor_table_set_num(t, 6, v.na ? NAN : v.value);
        cor_table_set_num(t, 7, v.na ? NAN : v.lo);
        cor_table_set_num(t, 8, v.na ? NAN : v.hi);
        common_sources(t, m.ds, &p, 1, buf, sizeof buf);
        if (d->stake_source) {
            size_t l = strlen(buf);
            snprintf(buf + l, sizeof buf - l, "; stake %s", cor_dataset_str(m.ds, d->stake_source));
            cor_table_add_source(t, cor_dataset_str(m.ds, d->stake_source));
        }
        cor_table_set_text(t, 9, buf);
    }
    cor_table_add_note(t, "Implied value V = P / s for a price P paid for a stake s; "
                          "its interval is the price's divided by s.");
    return metric_finish(&m, t);
}

const struct cli_command cli_value = {
    "value", "",
    "implied value of a whole asset from a deal's price and stake",
    "For every selected deal row, divides the price (an interval from its qualifier) by\n"
    "the stake: the value of 100% of the asset that the price implies.",
    value_options,
    "corridor value --entity 'Tamar gas field'",
    cmd_value,
};

/* ---- convert ------------------------------------------------------------- */

enum { CONV_BBL, CONV_PERIOD, CONV_FORMAT, CONV_OUTPUT, CONV_HELP };
static const struct cli_option convert_options[] = {
    [CONV_BBL] = {"bbl-per-tonne", 0, "N", "density factor for barrels <-> tonnes"},
    [CONV_PERIOD] = {"period", 'p', "PERIOD", "the period a rate runs over (b/d -> barrels)"},
    [CONV_FORMAT] = {"format", 'f', "FMT", "text, csv, tsv, md, latex, html or json"},
    [CONV_OUTPUT] = {"output", 'o', "FILE", "write the table to FILE"},
    [CONV_HELP] = {"help", 'h', NULL, "show this help and exit"},
    {NULL, 0, NULL, NULL}};

struct convert_args {
    struct common c;
    struct cor_convert_opts conv;
};

static int convert_option(const struct cli_command *cmd, int opt, const char *arg, void *user)
{
    struct convert_args *a = user;
    struct cor_period period;
    int rc = CLI_OK;
    switch (opt) {
    case CONV_BBL:
        rc = common_option(cmd, &a->c, COMMON_BBL, arg);
        a->conv.bbl_per_tonne = a->c.sel.bbl_per_tonne;
        break;
    case CONV_PERIOD:
        if (!common_period(cmd, arg, &period))
            return CLI_USAGE;
        cor_convert_period(&a->conv, &period);
        break;
    case CONV_FORMAT: rc = common_option(cmd, &a->c, COMMON_FORMAT, arg); break;
    case CONV_OUTPUT: a->c.output = arg; break;
    default: break;
    }
    return rc;
}

static int cmd_convert(const struct cli_command *cmd, int argc, char **argv)
{
    struct convert_args a;
    common_init(&a.c);
    a.conv = (struct cor_convert_opts){0, 0, 0};
    int rc = cli_parse_options(cmd, argc, argv, convert_option, &a);
    if (rc >= 0)
        return rc;
    struct cor_convert_opts conv = a.conv;
    int first = cli_operand_index();
    if (argc - first != 3)
        return cli_usage_error(cmd, "convert needs VALUE FROM TO");
    double v;
    if (cor_num_parse(argv[first], strlen(argv[first]), &v, NULL) != COR_OK)
        return cli_usage_error(cmd, "invalid number '%s'", argv[first]);
    int from = cor_unit_lookup(argv[first + 1], strlen(argv[first + 1]));
    int to = cor_unit_lookup(argv[first + 2], strlen(argv[first + 2]));
    if (from < 0 || to < 0)
        return cli_usage_error(cmd, "unknown unit '%s'", argv[from < 0 ? first + 1 : first + 2]);
    double k;
    struct cor_error err = {0};
    if (cor_convert_factor(from, to, &conv, &k, &err) != COR_OK) {
        fprintf(stderr, "corridor: %s\n", err.message);
        return CLI_DATA;
    }
    struct cor_table *t = cor_table_new("Unit conversion");
    cor_table_add_col(t, "value", cor_unit_at(from)->name, COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "result", cor_unit_at(to)->name, COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "factor", NULL, COR_CELL_NUMBER, -1);
    cor_table_add_row(t);
    cor_table_set_num(t, 0, v);
    cor_table_set_num(t, 1, v * k);
    cor_table_set_num(t, 2, k);
    if (conv.bbl_per_tonne > 0)
        cor_table_add_note(t, "Density: %g barrels per tonne (stated).", conv.bbl_per_tonne);
    if (conv.days > 0)
        cor_table_add_note(t, "Period: %g days.", conv.days);
    rc = common_emit(&a.c, t);
    cor_table_free(t);
    return rc;
}

const struct cli_command cli_convert = {
    "convert", "VALUE FROM TO",
    "convert a number between units (TEU; t, kt, Mt; bbl, b/d; bcm, mcm; ...)",
    "Converts VALUE from unit FROM to unit TO. Units of one dimension convert by their\n"
    "factors; barrels and tonnes only with a stated --bbl-per-tonne; a daily rate into an\n"
    "amount only over a --period. Incompatible units are refused (exit 3).",
    convert_options,
    "corridor convert 617658 b/d Mt --period 2022 --bbl-per-tonne 7.33",
    cmd_convert,
};
