/* corridor panel share|growth|trend|hhi: the large-panel workloads. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum { P_BY, P_SERIES, P_TIME, P_VALUE, P_PART, P_OUTPUT, P_THREADS, P_HELP };

static const struct cli_option panel_options[] = {
    [P_BY] = {"by", 0, "COLS", "share, hhi: the group columns (comma-separated)"},
    [P_SERIES] = {"series", 0, "COLS", "growth, trend: the series columns (comma-separated)"},
    [P_TIME] = {"time", 0, "COL", "growth, trend: the year column"},
    [P_VALUE] = {"value", 0, "COL", "the value column"},
    [P_PART] = {"part", 0, "COL", "hhi: the column that names the parts"},
    [P_OUTPUT] = {"output", 'o', "FILE", "write the CSV to FILE (whole, or not at all)"},
    [P_THREADS] = {"threads", 0, "N", "1 or 2 (default 2)"},
    [P_HELP] = {"help", 'h', NULL, "show this help and exit"},
    {NULL, 0, NULL, NULL}};

struct panel_args {
    struct cor_panel_spec spec;
    char keys[512];       /* the --by or --series list, cut at its commas */
    const char *by, *series, *output;
};

static int split_keys(const struct cli_command *cmd, const char *list, char *buf, size_t n,
                      struct cor_panel_spec *sp)
{
    snprintf(buf, n, "%s", list);
    sp->nkeys = 0;
    for (char *p = buf; *p;) {
        if (sp->nkeys == COR_PANEL_MAX_KEYS)
            return cli_usage_error(cmd, "at most %d key columns", COR_PANEL_MAX_KEYS);
        sp->keys[sp->nkeys++] = p;
        char *c = strchr(p, ',');
        if (!c)
            break;
        *c = '\0';
        p = c + 1;
    }
    return CLI_OK;
}

static int panel_option(const struct cli_command *cmd, int opt, const char *arg, void *user)
{
    struct panel_args *a = user;
    switch (opt) {
    case P_BY: a->by = arg; break;
    case P_SERIES: a->series = arg; break;
    case P_TIME: a->spec.time = arg; break;
    case P_VALUE: a->spec.value = arg; break;
    case P_PART: a->spec.part = arg; break;
    case P_OUTPUT: a->output = arg; break;
    case P_THREADS:
        if (strcmp(arg, "1") != 0 && strcmp(arg, "2") != 0)
            return cli_usage_error(cmd, "--threads takes 1 or 2");
        a->spec.threads = arg[0] - '0';
        break;
    default: break;
    }
    return CLI_OK;
}

static int cmd_panel(const struct cli_command *cmd, int argc, char **argv)
{
    static const char *const ops[] = {"share", "growth", "trend", "hhi"};
    if (argc < 2 || argv[1][0] == '-') {
        if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
            cli_print_help(cmd, stdout);
            return CLI_OK;
        }
        return cli_usage_error(cmd, "panel needs a workload: share, growth, trend or hhi");
    }
    struct panel_args a;
    memset(&a, 0, sizeof a);
    int op = -1;
    for (int i = 0; i < 4; i++)
        if (strcmp(argv[1], ops[i]) == 0)
            op = i;
    if (op < 0)
        return cli_usage_error(cmd, "unknown workload '%s' (share, growth, trend or hhi)", argv[1]);
    a.spec.op = (enum cor_panel_op)op;
    a.spec.progress = isatty(STDERR_FILENO);
    /* smaller reads exercise the two-part read and the ranged copy on small files (tests) */
    const char *chunk = getenv("CORRIDOR_PANEL_CHUNK");
    if (chunk && atol(chunk) >= 64)
        a.spec.chunk = (size_t)atol(chunk);
    int rc = cli_parse_options(cmd, argc - 1, argv + 1, panel_option, &a);
    if (rc >= 0)
        return rc;
    int grouped = op == COR_PANEL_SHARE || op == COR_PANEL_HHI;
    const char *keys = grouped ? a.by : a.series;
    if (!keys)
        return cli_usage_error(cmd, "panel %s needs %s", ops[op], grouped ? "--by" : "--series");
    if (!a.spec.value)
        return cli_usage_error(cmd, "panel %s needs --value", ops[op]);
    if (!grouped && !a.spec.time)
        return cli_usage_error(cmd, "panel %s needs --time", ops[op]);
    if (op == COR_PANEL_HHI && !a.spec.part)
        return cli_usage_error(cmd, "panel hhi needs --part");
    if ((rc = split_keys(cmd, keys, a.keys, sizeof a.keys, &a.spec)) != CLI_OK)
        return rc;
    int first = cli_operand_index() + 1;
    if (argc - first != 1)
        return cli_usage_error(cmd, "panel %s needs one FILE ('-' for standard input)", ops[op]);

    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_error err = {0};
    struct cor_atomic *at = NULL;
    FILE *out = stdout;
    if (a.output) {
        /* the output never replaces the input */
        if (strcmp(argv[first], "-") == 0)
            cor_atomic_add_input_fd(STDIN_FILENO, "standard input", &err);
        else
            cor_atomic_add_input(argv[first], &err);
        at = cor_atomic_open(a.output, &err);
        if (!at) {
            fprintf(stderr, "corridor: %s: %s\n", a.output, err.message);
            return err.status == COR_EINVAL ? CLI_USAGE : CLI_IO;
        }
        out = cor_atomic_stream(at);
    }
    enum cor_status st = cor_panel_run(&a.spec, argv[first], out, &diags, &err);
    if (at)
        st = st == COR_OK ? cor_atomic_commit(at, &err) : (cor_atomic_abort(at), st);
    cor_diags_sort(&diags);
    cli_print_diags(&diags);
    if (st == COR_EDATA || diags.errors)
        rc = CLI_DATA;
    else if (st != COR_OK) {
        fprintf(stderr, "corridor: %s\n", err.message);
        rc = CLI_IO;
    } else
        rc = fflush(stdout) == 0 ? CLI_OK : CLI_IO;
    cor_diags_fini(&diags);
    return rc;
}

const struct cli_command cli_panel = {
    "panel", "share|growth|trend|hhi FILE",
    "share, growth, trend and HHI over a large trade-flow panel",
    "share: every input row, in input order, plus share = value / sum of value in its\n"
    "  --by group (empty when that sum is 0).\n"
    "growth: every input row, in input order, plus growth = value_t / value_(t-1) - 1 in its\n"
    "  --series, by --time year (empty when year t-1 is absent or its value <= 0); two rows\n"
    "  of a series for one year are an error naming both lines.\n"
    "trend: one row per series, by key: n (points with value > 0), rate = e^b - 1 with b the\n"
    "  OLS slope of ln(value) on year (World Bank), se of b, lo and hi = e^(b -/+ t se) - 1\n"
    "  (t: Student 97.5% on n - 2 df); empty when n < 3.\n"
    "hhi: one row per --by group, by key: n (rows) and hhi = sum (value / group sum)^2 on\n"
    "  the 0-1 scale (empty when the sum is 0).\n"
    "Columns are named by the options, in any order. FILE '-' reads standard input. CSV goes\n"
    "to standard output or --output. Numbers read back to the same double. Malformed rows\n"
    "are reported with file, line and column (exit 3).",
    panel_options,
    "corridor panel share --by reporter,commodity,year --value value panel.csv\n"
    "corridor panel trend --series reporter,partner,commodity --time year --value value panel.csv",
    cmd_panel,
};
