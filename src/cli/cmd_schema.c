/* corridor schema: the data dictionary, printed from the schema tables. */
#include <string.h>

#include "cli.h"

enum { OPT_HELP };

static const struct cli_option schema_options[] = {
    [OPT_HELP] = {"help", 'h', NULL, "show this help and exit"},
    {NULL, 0, NULL, NULL},
};

const struct cli_command cli_schema = {
    "schema",
    "[KIND]",
    "print the data dictionary: every record kind and column",
    "Prints, as Markdown, every record kind (or only KIND: port, pipeline, trade, budget,\n"
    "deal, indicator, sources, fx, deflator) with its columns, their types, defaults and\n"
    "meaning, an example row, and the qualifiers, statuses and units a dataset may use;\n"
    "then the format of the report spec (report.ini; only that: KIND 'report').\n"
    "datasets/README.md is this output.",
    schema_options,
    "corridor schema port",
    cmd_schema,
};

static const char *type_name(const struct cor_column *c)
{
    switch (c->type) {
    case COR_COL_TEXT: return "text";
    case COR_COL_WORD: return "word";
    case COR_COL_NUMBER: return "number";
    case COR_COL_PERIOD: return "period";
    case COR_COL_QUALIFIER: return "qualifier";
    case COR_COL_STATUS: return "status";
    case COR_COL_UNIT: return "unit";
    case COR_COL_CURRENCY:
    case COR_COL_CODE: return "currency";
    }
    return "?";
}

static void print_kind(const struct cor_schema *sc)
{
    printf("## `%s`: %s\n\n", sc->name, sc->title);
    printf("Recognised by a column named ");
    const char *w = sc->signature;
    int first = 1;
    while (*w) {
        size_t len = strcspn(w, " ");
        printf("%s`%.*s`", first ? "" : " or ", (int)len, w);
        first = 0;
        w += len;
        w += strspn(w, " ");
    }
    printf(".\n\n| column | type | required | default | meaning |\n|---|---|---|---|---|\n");
    for (size_t i = 0; i < sc->ncols; i++) {
        const struct cor_column *c = &sc->cols[i];
        const char *req = (c->flags & COR_COL_NONEMPTY)   ? "yes"
                          : (c->flags & COR_COL_REQUIRED) ? "column"
                                                          : "no";
        printf("| `%s`", c->name);
        if (c->alias)
            printf(" (or `%s`)", c->alias);
        printf(" | %s | %s | %s%s%s | %s", type_name(c), req, c->deflt ? "`" : "",
               c->deflt ? c->deflt : "", c->deflt ? "`" : "", c->doc);
        if (c->allowed) {
            printf(": ");
            for (const char *const *a = c->allowed; *a; a++)
                printf("%s`%s`", a == c->allowed ? "" : ", ", *a);
        }
        printf(" |\n");
    }
    printf("\nExample:\n\n```csv\n%s\n%s\n```\n\n", sc->example_header, sc->example_row);
}

static void print_vocabulary(void)
{
    printf("## Qualifiers\n\n| qualifier | also written | interval |\n|---|---|---|\n");
    for (int q = 0; q < COR_Q_COUNT; q++) {
        const struct cor_name_info *i = cor_qualifier_info((enum cor_qualifier)q);
        printf("| `%s` | %s | %s |\n", i->name, i->aliases, i->meaning);
    }
    printf("\nWords are matched ignoring case, with ' ' and '-' read as '_' "
           "(`more than` = `more_than`).\n\n");
    printf("## Statuses\n\n| status | also written | meaning |\n|---|---|---|\n");
    for (int s = 0; s < COR_S_COUNT; s++) {
        const struct cor_name_info *i = cor_status_info((enum cor_obs_status)s);
        printf("| `%s` | %s | %s |\n", i->name, i->aliases, i->meaning);
    }
    printf("\n## Units\n\nUnits are case-sensitive. Only units of one dimension convert into "
           "each other.\n\n| unit | dimension | factor to the dimension's base | meaning "
           "|\n|---|---|---|---|\n");
    for (size_t u = 0; u < cor_unit_count(); u++) {
        const struct cor_unit *x = cor_unit_at((int)u);
        char f[40];
        cor_num_format(x->factor, f, sizeof f);
        printf("| `%s` | %s | %s | %s |\n", x->name, cor_dim_name(x->dim), f, x->title);
    }
    printf("\nAliases: `teu` = `TEU`, `tonnes` = `t`, `MMbbl` = `Mbbl`, `bcm/y` = `bcm/yr`, "
           "`percent` = `%%`, `k` = `thousand`, `m` and `mn` = `million`, `bn` = `billion`, "
           "`index` = `ratio`.\n\nMoney amounts name their currency (ISO 4217) in the "
           "`currency` column; their unit is then a scale: `1`, `thousand`, `million`, "
           "`billion`.\n\n");
    printf("## Periods\n\n`2024` (a year), `2024-Q1`, `2024-H1`, `2025-9M` (the first nine "
           "months; 1M to 11M), `2024-01` (a month), `2025-01-31` (a day), `2022..2026` or "
           "`2023-10..2024-07` (a span), `undated` (the source gives no date). Partial "
           "periods are never compared with full years.\n");
}

int cmd_schema(const struct cli_command *cmd, int argc, char **argv)
{
    int rc = cli_parse_options(cmd, argc, argv, NULL, NULL);
    if (rc >= 0)
        return rc;
    int first = cli_operand_index();
    if (first < argc) {
        if (first + 1 < argc)
            return cli_usage_error(cmd, "one KIND at most");
        if (strcmp(argv[first], "report") == 0) {   /* the report spec, not a kind */
            cor_report_spec_doc(stdout);
            return CLI_OK;
        }
        const struct cor_schema *sc = cor_schema_lookup(argv[first], strlen(argv[first]));
        if (!sc)
            return cli_usage_error(cmd, "unknown kind '%s'", argv[first]);
        print_kind(sc);
        return CLI_OK;
    }
    printf("# Data dictionary\n\n"
           "Every dataset is a CSV file (RFC 4180, UTF-8, a header line, columns in any "
           "order). Its kind is recognised from its header. Every observation carries a "
           "period, a number with its unit, a qualifier, a status and the id of the source "
           "that states it; the sources table holds each source's exact words. "
           "Generated by `corridor schema`.\n\n");
    for (int k = 0; k < COR_KIND_COUNT; k++)
        print_kind(cor_schema_get((enum cor_kind)k));
    print_vocabulary();
    printf("\n");
    cor_report_spec_doc(stdout);
    return CLI_OK;
}
