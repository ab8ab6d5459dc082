/* corridor import: a publisher's file layout into a dataset folder. */
#include <string.h>

#include "common.h"

enum {
    IMP_OUTPUT, IMP_URL, IMP_RETRIEVED, IMP_PUBLISHER, IMP_TITLE, IMP_ENTITY, IMP_PERIOD,
    IMP_VALUE, IMP_CODE, IMP_MEASURE, IMP_MEASURE_COL, IMP_UNIT, IMP_CURRENCY, IMP_AGGREGATE,
    IMP_REPLACE, IMP_DELIMITER, IMP_DECIMAL, IMP_THOUSANDS, IMP_NA, IMP_HELP
};

static const struct cli_option import_options[] = {
    {"output", 'o', "DIR", "the dataset folder to write (created if missing; default: imported)"},
    {"url", 0, "URL", "where the file was downloaded (the sources' url)"},
    {"retrieved", 0, "DATE", "when it was downloaded (2025-07-01)"},
    {"publisher", 0, "NAME", "who published the figures (required for long and wide)"},
    {"title", 0, "TEXT", "the dataset's title (default: the format's)"},
    {"entity", 0, "COL", "long: the entity column; wide: the entity column (default: the "
                         "first; the header is the first row with year columns)"},
    {"period", 0, "COL", "long: the period column"},
    {"value", 0, "COL", "long: the value column"},
    {"code", 0, "COL", "long, wide: a column with the entity's code"},
    {"measure", 0, "NAME", "long, wide: the measure's name (default: the value column's name; "
                           "wide: the file's name)"},
    {"measure-col", 0, "COL", "long, wide: a column naming each row's measure"},
    {"unit", 'u', "UNIT", "the unit of the values (default: from the header, else number)"},
    {"currency", 'c', "CODE", "the currency, with a money --unit (1, thousand, million, "
                              "billion)"},
    {"aggregate", 0, "LIST", "names or codes (comma-separated) of rows that are totals over "
                             "others (World, regions): flagged as aggregates"},
    {"replace", 0, NULL, "replace a records file of the same name and sources of the same id "
                         "that an earlier import left in DIR (default: add to them; a figure "
                         "already there is an error)"},
    READ_OPTIONS,
    {"help", 'h', NULL, "show this help and exit"},
    {NULL, 0, NULL, NULL},
};

const struct cli_command cli_import = {
    "import",
    "FORMAT FILE...",
    "turn a downloaded file (WDI, OWID, Comtrade, SIPRI, any table) into a dataset",
    "Reads each FILE in the layout FORMAT and writes a dataset folder that validates:\n"
    "DIR/NAME.csv with the typed records of each file and DIR/sources.csv with one source\n"
    "per measure (publisher, title, --url, --retrieved, and a quote naming the column or\n"
    "indicator and the file). FORMAT is:\n"
    "  wdi       World Bank WDI bulk/API CSV (4 preamble lines, Country Name, Country Code,\n"
    "            Indicator Name, Indicator Code, one column per year) or a DataBank export\n"
    "            ('..' for no figure). Give the download's Metadata_Country_*.csv too: its\n"
    "            rows without a region (World, regions, income groups) are flagged as\n"
    "            aggregates. -> indicator records, measure = the indicator code\n"
    "  owid      Our World in Data grapher CSV: Entity, Code, Year, one column per measure\n"
    "            (older files: Country, Year). Codes OWID_* and empty codes are flagged as\n"
    "            aggregates. -> indicator records, the unit from each header's brackets\n"
    "  comtrade  UN Comtrade CSV (refYear, reporterDesc, partnerDesc, flowCode, cmdCode,\n"
    "            primaryValue, netWgt; or the legacy Year, Reporter, Partner, TradeFlow,\n"
    "            Commodity Code, TradeValueUS, Netweightkg). Partner World (code 0) is\n"
    "            flagged. -> trade records in USD and kg, with their flow\n"
    "  sipri     a SIPRI Military Expenditure Database sheet in US$ saved as CSV (title\n"
    "            line, Country, Notes, one column per year, region headings, '...', '. .'\n"
    "            and 'xxx' for no figure, footnotes). -> budget records, basis sipri\n"
    "  long      one row per entity and period: --entity COL --period COL --value COL\n"
    "  wide      one row per entity, one column per year: --entity COL (default: first);\n"
    "            the header is the first row with year columns (a title and notes above\n"
    "            it, as SIPRI's sheets have, are skipped)\n"
    "A missing cell ('..', NA, empty) is a record with no figure, so that share and hhi\n"
    "name the part they leave out; left out and counted are the missing cells of a wide\n"
    "row before its first figure or after its last (a series not started or ended) and\n"
    "Comtrade's missing net weights. Rows are streamed: memory does not grow\n"
    "with the file. Nothing is written when any row has an error (exit 3). Importing into\n"
    "a folder that holds an earlier import adds to it: the records of a file of the same\n"
    "name are kept (a figure already there is an error) and so are its sources (one of\n"
    "the same id that says something else is an error); --replace replaces them.",
    import_options,
    "corridor import wdi API_NY.GDP.MKTP.CD_DS2_en_csv_v2.csv \\\n"
    "    Metadata_Country_API_NY.GDP.MKTP.CD_DS2_en_csv_v2.csv -o mydata \\\n"
    "    --retrieved 2025-07-01\n"
    "corridor import long prices.csv --entity country --period year --value price \\\n"
    "    --unit 1 --currency EUR --publisher Eurostat -o mydata",
    cmd_import,
};

struct import_args {
    struct cor_import_opts o;
    const char *dir;
};

static int import_option(const struct cli_command *cmd, int opt, const char *arg, void *user)
{
    struct import_args *a = user;
    struct cor_import_opts *o = &a->o;
    switch (opt) {
    case IMP_OUTPUT: a->dir = arg; break;
    case IMP_URL: o->url = arg; break;
    case IMP_RETRIEVED: {
        struct cor_period p;
        if (cor_period_parse(arg, strlen(arg), &p) != COR_OK)
            return cli_usage_error(cmd, "--retrieved: invalid date '%s' (write the day the "
                                        "file was downloaded as 2025-07-01)",
                                   arg);
        o->retrieved = arg;
        break;
    }
    case IMP_PUBLISHER: o->publisher = arg; break;
    case IMP_TITLE: o->title = arg; break;
    case IMP_ENTITY: o->entity = arg; break;
    case IMP_PERIOD: o->period = arg; break;
    case IMP_VALUE: o->value = arg; break;
    case IMP_CODE: o->code = arg; break;
    case IMP_MEASURE: o->measure = arg; break;
    case IMP_MEASURE_COL: o->measure_col = arg; break;
    case IMP_UNIT:
        if (common_unit(cmd, arg) < 0)
            return CLI_USAGE;
        o->unit = arg;
        break;
    case IMP_CURRENCY:
        if (cor_currency_lookup(arg, strlen(arg)) < 0)
            return cli_usage_error(cmd, "unknown currency '%s'", arg);
        o->currency = arg;
        break;
    case IMP_AGGREGATE: o->aggregates = arg; break;
    case IMP_REPLACE: o->replace = 1; break;
    case IMP_DELIMITER:
    case IMP_DECIMAL:
    case IMP_THOUSANDS:
    case IMP_NA: return common_read_option(cmd, &o->read, import_options[opt].name, arg);
    default: break;
    }
    return CLI_OK;
}

/* Options a format does not read are refused, not ignored. */
static int check_format_options(const struct cli_command *cmd, const struct import_args *a)
{
    const struct cor_import_opts *o = &a->o;
    int table = o->format == COR_IMPORT_LONG || o->format == COR_IMPORT_WIDE;
    const char *table_only = !table && (o->entity || o->code || o->measure || o->measure_col)
                                 ? (o->entity ? "--entity" : o->code ? "--code"
                                                        : o->measure ? "--measure"
                                                                     : "--measure-col")
                                 : NULL;
    if (table_only)
        return cli_usage_error(cmd, "%s is for the long and wide layouts, not %s", table_only,
                               cor_import_format_name(o->format));
    if (o->format != COR_IMPORT_LONG && (o->period || o->value))
        return cli_usage_error(cmd, "--%s is for the long layout", o->period ? "period" : "value");
    if (o->format == COR_IMPORT_LONG && (!o->entity || !o->period || !o->value))
        return cli_usage_error(cmd, "import long needs --entity COL, --period COL and --value COL");
    if (table && !o->publisher)
        return cli_usage_error(cmd, "import %s needs --publisher (who published the figures)",
                               cor_import_format_name(o->format));
    if (o->currency && !o->unit)
        return cli_usage_error(cmd, "--currency goes with a money --unit (1, thousand, million, "
                                    "billion)");
    if (o->unit) {
        int money = cor_unit_at(cor_unit_lookup(o->unit, strlen(o->unit)))->dim == COR_DIM_MONEY;
        if (money && !o->currency)
            return cli_usage_error(cmd, "--unit %s is a money scale: give --currency too",
                                   o->unit);
        if (!money && o->currency)
            return cli_usage_error(cmd, "--currency goes with a money --unit, not '%s'", o->unit);
    }
    return CLI_OK;
}

int cmd_import(const struct cli_command *cmd, int argc, char **argv)
{
    struct import_args a;
    cor_import_opts_init(&a.o, COR_IMPORT_WDI);
    a.dir = "imported";
    int rc = cli_parse_options(cmd, argc, argv, import_option, &a);
    if (rc >= 0)
        return rc;
    int first = cli_operand_index();
    if (first >= argc)
        return cli_usage_error(cmd, "which format? wdi, owid, comtrade, sipri, long or wide");
    int f = cor_import_format_lookup(argv[first]);
    if (f < 0)
        return cli_usage_error(cmd, "unknown format '%s' (wdi, owid, comtrade, sipri, long or "
                                    "wide)",
                               argv[first]);
    a.o.format = (enum cor_import_format)f;
    if (first + 1 >= argc)
        return cli_usage_error(cmd, "no FILE to import");
    rc = check_format_options(cmd, &a);
    if (rc != CLI_OK)
        return rc;

    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_import_stats st;
    struct cor_error err = {0};
    enum cor_status s = cor_import(&a.o, (const char *const *)argv + first + 1,
                                   (size_t)(argc - first - 1), a.dir, &st, &diags, &err);
    cor_diags_sort(&diags);
    cli_print_diags(&diags);
    if (s == COR_EINVAL) {
        rc = cli_usage_error(cmd, "%s%s%s", err.path[0] ? err.path : "",
                             err.path[0] ? ": " : "", err.message);
    } else if (s != COR_OK) {
        fprintf(stderr, "corridor: %s%s%s\n", err.path[0] ? err.path : "",
                err.path[0] ? ": " : "", err.message);
        rc = CLI_IO;
    } else if (diags.errors) {
        int io_only = 1;
        for (size_t i = 0; i < diags.count; i++)
            if (diags.items[i].severity == COR_SEV_ERROR && diags.items[i].code != COR_D_IO)
                io_only = 0;
        fprintf(stderr, "corridor: %zu error%s: nothing written\n", diags.errors,
                diags.errors == 1 ? "" : "s");
        rc = io_only ? CLI_IO : CLI_DATA;
    } else {
        if (st.aggregates_unknown)
            fprintf(stderr, "corridor: warning: no Metadata_Country file: aggregates (World, "
                            "regions, income groups) are not flagged; import the download's "
                            "Metadata_Country_*.csv with the data, or name them with "
                            "--aggregate\n");
        printf("%zu file%s, %zu rows: %zu records (%zu flagged as aggregates, %zu with no "
               "figure), %zu missing values left out, %zu rows skipped (headings, notes, "
               "breakdowns), %zu sources; wrote %zu files into %s/",
               st.files, st.files == 1 ? "" : "s", st.rows, st.records, st.aggregates,
               st.no_figure, st.missing, st.skipped, st.sources, st.outputs, a.dir);
        if (st.kept)
            printf(" (with the %zu records an earlier import left there)", st.kept);
        putchar('\n');
        rc = CLI_OK;
    }
    cor_diags_fini(&diags);
    return rc;
}
