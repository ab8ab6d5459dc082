/* corridor validate: load files, report every problem, exit 3 on errors. */
#include <string.h>

#include "common.h"

enum { OPT_QUIET, OPT_DELIMITER, OPT_DECIMAL, OPT_THOUSANDS, OPT_NA, OPT_HELP };

static const struct cli_option validate_options[] = {
    {"quiet", 'q', NULL, "print only the problems, no summary line"},
    READ_OPTIONS,
    {"help", 'h', NULL, "show this help and exit"},
    {NULL, 0, NULL, NULL},
};

struct validate_args {
    int quiet;
    struct cor_read_opts read;
};

const struct cli_command cli_validate = {
    "validate",
    "[PATH]...",
    "check sourced CSV files and report every problem",
    "Loads each PATH (a CSV file, or every *.csv file of a folder; default: the bundled\n"
    "datasets) and reports every problem as FILE:LINE:COLUMN: error: MESSAGE [CODE] on\n"
    "standard error: malformed CSV, unknown or missing columns, numbers, periods,\n"
    "qualifiers, statuses, units and currencies that do not parse, values out of range,\n"
    "ranges with lo > hi, source ids missing from the sources table, and duplicate\n"
    "observations. A file's folder's sources.csv is loaded with it. Nothing is written.\n"
    "A missing value (an empty cell, NA, .., ...) is no figure, not an error: the summary\n"
    "counts them. A folder without CSV files is an error.\n"
    "Exit status 0 when there is no error (warnings allowed), 3 when there is one.",
    validate_options,
    "corridor validate\n"
    "corridor validate datasets/port_baku.csv",
    cmd_validate,
};

static int validate_option(const struct cli_command *cmd, int opt, const char *arg, void *user)
{
    struct validate_args *a = user;
    if (opt == OPT_QUIET)
        a->quiet = 1;
    else if (opt >= OPT_DELIMITER && opt <= OPT_NA)
        return common_read_option(cmd, &a->read, validate_options[opt].name, arg);
    return CLI_OK;
}

int cmd_validate(const struct cli_command *cmd, int argc, char **argv)
{
    struct validate_args a = {0};
    cor_read_opts_init(&a.read);
    int rc = cli_parse_options(cmd, argc, argv, validate_option, &a);
    if (rc >= 0)
        return rc;

    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_dataset *ds = cor_dataset_new();
    struct cor_error err = {0};
    rc = CLI_OK;
    if (!ds) {
        fputs("corridor: out of memory\n", stderr);
        return CLI_IO;
    }
    cor_dataset_set_read_opts(ds, &a.read);
    int first = cli_operand_index();
    enum cor_status st = COR_OK;
    if (first >= argc)
        st = cor_dataset_load(ds, cli_default_datasets(), &diags, &err);
    for (int i = first; i < argc && st == COR_OK; i++)
        st = cor_dataset_load(ds, argv[i], &diags, &err);
    if (st == COR_OK)
        st = cor_dataset_check(ds, &diags, &err);
    if (st != COR_OK) {
        cli_print_error(&err, NULL);
        rc = CLI_IO;
        goto out;
    }
    cor_diags_sort(&diags);
    cli_print_diags(&diags);
    int io_only = diags.errors > 0;
    for (size_t i = 0; i < diags.count; i++)
        if (diags.items[i].severity == COR_SEV_ERROR && diags.items[i].code != COR_D_IO)
            io_only = 0;
    if (diags.errors)
        rc = io_only ? CLI_IO : CLI_DATA;
    if (!a.quiet) {
        size_t records = 0;
        for (int k = 0; k < COR_KIND_COUNT; k++)
            for (size_t i = 0; i < cor_dataset_count(ds, (enum cor_kind)k); i++)
                records += !cor_record_origin((enum cor_kind)k,
                                              cor_dataset_record(ds, (enum cor_kind)k, i))
                                ->invalid;
        size_t missing = cor_dataset_missing(ds);
        char nas[64] = "";
        if (missing)
            snprintf(nas, sizeof nas, ", %zu missing value%s", missing, missing == 1 ? "" : "s");
        size_t files = cor_dataset_file_count(ds);
        printf("%zu file%s, %zu valid record%s%s, %zu error%s, %zu warning%s: %s\n", files,
               files == 1 ? "" : "s", records, records == 1 ? "" : "s", nas, diags.errors,
               diags.errors == 1 ? "" : "s", diags.warnings, diags.warnings == 1 ? "" : "s",
               diags.errors ? "invalid" : "valid");
    }
out:
    cor_dataset_free(ds);
    cor_diags_fini(&diags);
    return rc;
}
