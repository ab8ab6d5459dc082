/* corridor panel share|growth|trend|hhi: the large-panel workloads. The
 * library does the work; here the options, the input (standard input and
 * other files that are not regular are first copied to an unlinked
 * temporary file: the panel is read twice), progress and statistics on
 * standard error, and the testing knobs CORRIDOR_PANEL_CHUNK and
 * CORRIDOR_PANEL_TIMING. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "common.h"

enum {
    P_BY, P_SERIES, P_TIME, P_VALUE, P_PART, P_OUTPUT, P_THREADS, P_DELIMITER, P_DECIMAL,
    P_THOUSANDS, P_NA, P_HELP
};

static const struct cli_option panel_options[] = {
    [P_BY] = {"by", 0, "COLS", "share, hhi: the group columns (comma-separated)"},
    [P_SERIES] = {"series", 0, "COLS", "growth, trend: the series columns (comma-separated)"},
    [P_TIME] = {"time", 0, "COL", "growth, trend: the year column"},
    [P_VALUE] = {"value", 0, "COL", "the value column"},
    [P_PART] = {"part", 0, "COL", "hhi: the column that names the parts"},
    [P_OUTPUT] = {"output", 'o', "FILE", "write the CSV to FILE (whole, or not at all)"},
    [P_THREADS] = {"threads", 0, "N", "1 or 2 (default 2)"},
    READ_OPTIONS, /* P_DELIMITER .. P_NA, in this order */
    [P_HELP] = {"help", 'h', NULL, "show this help and exit"},
    {NULL, 0, NULL, NULL}};

struct panel_args {
    struct cor_panel_spec spec;
    char *keys;           /* a copy of the --by or --series list, cut at its commas */
    const char *by, *series, *output;
};

static int split_keys(const struct cli_command *cmd, const char *opt, const char *list,
                      struct panel_args *a)
{
    struct cor_panel_spec *sp = &a->spec;
    a->keys = malloc(strlen(list) + 1);
    if (!a->keys) {
        fprintf(stderr, "corridor: out of memory\n");
        return CLI_IO;
    }
    strcpy(a->keys, list);
    sp->nkeys = 0;
    for (char *p = a->keys;;) {
        if (sp->nkeys == COR_PANEL_MAX_KEYS)
            return cli_usage_error(cmd, "--%s: at most %d key columns", opt, COR_PANEL_MAX_KEYS);
        char *c = strchr(p, ',');
        if (c)
            *c = '\0';
        if (!*p)
            return cli_usage_error(cmd, "--%s: an empty column name in '%s'", opt, list);
        sp->keys[sp->nkeys++] = p;
        if (!c)
            return CLI_OK;
        p = c + 1;
    }
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
    case P_DELIMITER:
    case P_DECIMAL:
    case P_THOUSANDS:
    case P_NA:
        return common_read_option(cmd, &a->spec.read, panel_options[opt].name, arg);
    default: break;
    }
    return CLI_OK;
}

/* ---- the input ------------------------------------------------------------------ */

/* Copies fd `from` into an unlinked temporary file in $TMPDIR (or /tmp)
 * and returns it, or -1 after printing why. */
static int spool(int from, const char *name)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    size_t n = strlen(dir) + 32;
    char *tmpl = malloc(n);
    if (!tmpl) {
        fprintf(stderr, "corridor: out of memory\n");
        return -1;
    }
    snprintf(tmpl, n, "%s/corridor-panel-XXXXXX", dir);
    int fd = mkstemp(tmpl);
    if (fd < 0) {
        fprintf(stderr, "corridor: %s: cannot create a temporary file to read %s: %s\n", dir,
                name, strerror(errno));
        free(tmpl);
        return -1;
    }
    unlink(tmpl);   /* gone when closed, whatever happens */
    free(tmpl);
    size_t cap = 1 << 20;
    char *buf = malloc(cap);
    ssize_t got = 0;
    while (buf && (got = read(from, buf, cap)) > 0)
        for (ssize_t done = 0; done < got;) {
            ssize_t w = write(fd, buf + done, (size_t)(got - done));
            if (w < 0) {
                fprintf(stderr, "corridor: %s: cannot copy %s: %s\n", dir, name,
                        strerror(errno));
                free(buf);
                close(fd);
                return -1;
            }
            done += w;
        }
    free(buf);
    if (!buf || got < 0) {
        fprintf(stderr, "corridor: %s: %s\n", name, buf ? strerror(errno) : "out of memory");
        close(fd);
        return -1;
    }
    return fd;
}

/* The file to read as a regular file: *fd (close it when *owned), or -1
 * after printing why. */
static int open_input(const char *path, const char **name, int *owned)
{
    int fd = 0;
    *owned = 0;
    *name = path;
    if (strcmp(path, "-") == 0)
        *name = "<stdin>";
    else if ((fd = open(path, O_RDONLY)) < 0) {
        fprintf(stderr, "corridor: %s: cannot open: %s\n", path, strerror(errno));
        return -1;
    } else
        *owned = 1;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || S_ISDIR(sb.st_mode)) {
        fprintf(stderr, "corridor: %s: %s\n", *name,
                S_ISDIR(sb.st_mode) ? "is a directory" : strerror(errno));
        if (*owned)
            close(fd);
        return -1;
    }
    if (S_ISREG(sb.st_mode) && lseek(fd, 0, SEEK_CUR) == 0)
        return fd;
    /* a pipe, a device, or standard input part read: copied first */
    int copy = spool(fd, *name);
    if (*owned)
        close(fd);
    *owned = copy >= 0;
    return copy;
}

/* ---- progress on a terminal ------------------------------------------------------- */

struct progress {
    double t0, shown;     /* start; last shown (0: never) */
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void show_progress(void *user, unsigned long long done, unsigned long long total)
{
    struct progress *pr = user;
    double t = now();
    if (done == total) {
        if (pr->shown != 0)
            fprintf(stderr, "\rcorridor: read %.0f MB in %.1f s; computing and writing...",
                    (double)total / 1e6, t - pr->t0);
        return;
    }
    if (t - pr->t0 < 1.0 || t - pr->shown < 0.25)
        return;
    pr->shown = t;
    fprintf(stderr, "\rcorridor: reading %3.0f%% of %.0f MB",
            100.0 * (double)done / (double)(total ? total : 1), (double)total / 1e6);
}

/* ---- the command --------------------------------------------------------------------- */

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
    cor_read_opts_init(&a.spec.read);
    /* smaller reads exercise the two-part read and the ranged copy on small files (tests) */
    const char *chunk = getenv("CORRIDOR_PANEL_CHUNK");
    if (chunk && *chunk) {
        char *end;
        unsigned long long c = strtoull(chunk, &end, 10);
        if (*end || (c < 64 && c != 0) || chunk[0] == '-')
            return cli_usage_error(cmd, "CORRIDOR_PANEL_CHUNK is a number of bytes, 64 or more "
                                        "(0: the default)");
        a.spec.chunk = (size_t)c;
    }
    int rc = cli_parse_options(cmd, argc - 1, argv + 1, panel_option, &a);
    if (rc >= 0)
        return rc;
    int grouped = op == COR_PANEL_SHARE || op == COR_PANEL_HHI;
    const char *keys = grouped ? a.by : a.series;
    if (!keys)
        return cli_usage_error(cmd, "panel %s needs %s", ops[op], grouped ? "--by" : "--series");
    if ((grouped ? a.series : a.by) != NULL)
        return cli_usage_error(cmd, "panel %s takes %s, not %s", ops[op],
                               grouped ? "--by" : "--series", grouped ? "--series" : "--by");
    if (!a.spec.value)
        return cli_usage_error(cmd, "panel %s needs --value", ops[op]);
    if (!grouped && !a.spec.time)
        return cli_usage_error(cmd, "panel %s needs --time", ops[op]);
    if (grouped && a.spec.time)
        return cli_usage_error(cmd, "panel %s takes no --time", ops[op]);
    if (op == COR_PANEL_HHI && !a.spec.part)
        return cli_usage_error(cmd, "panel hhi needs --part");
    if (op != COR_PANEL_HHI && a.spec.part)
        return cli_usage_error(cmd, "panel %s takes no --part", ops[op]);
    int first = cli_operand_index() + 1;
    if (argc - first != 1)
        return cli_usage_error(cmd, "panel %s needs one FILE ('-' for standard input)", ops[op]);
    if ((rc = split_keys(cmd, grouped ? "by" : "series", keys, &a)) != CLI_OK) {
        free(a.keys);
        return rc;
    }

    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_error err = {0};
    struct cor_atomic *at = NULL;
    FILE *out = stdout;
    if (a.output) {
        /* the output never replaces the input; opened first, so that an
         * interrupted copy of standard input leaves no temporary file */
        if (strcmp(argv[first], "-") == 0)
            cor_atomic_add_input_fd(STDIN_FILENO, "standard input", &err);
        else
            cor_atomic_add_input(argv[first], &err);
        if (cor_atomic_open(a.output, &at, &err) != COR_OK) {
            fprintf(stderr, "corridor: %s: %s\n", a.output, err.message);
            free(a.keys);
            return err.status == COR_EINVAL ? CLI_USAGE : CLI_IO;
        }
        out = cor_atomic_stream(at);
    }
    const char *name;
    int owned, fd = open_input(argv[first], &name, &owned);
    if (fd < 0) {
        cor_atomic_abort(at);
        free(a.keys);
        return CLI_IO;
    }
    struct progress pr = {now(), 0};
    if (isatty(STDERR_FILENO)) {
        a.spec.progress = show_progress;
        a.spec.progress_user = &pr;
    }
    enum cor_status st = COR_OK;
    struct cor_panel_stats stats;
    memset(&stats, 0, sizeof stats);
    if (st == COR_OK)
        st = cor_panel_run_fd(&a.spec, fd, name, out, &stats, &diags, &err);
    if (at)
        st = st == COR_OK ? cor_atomic_commit(at, &err) : (cor_atomic_abort(at), st);
    if (pr.shown != 0)
        fprintf(stderr, "\rcorridor: %s in %.1f s%30s\n", st == COR_OK ? "done" : "stopped",
                now() - pr.t0, "");
    cor_diags_sort(&diags);
    cli_print_diags(&diags);
    if (st == COR_OK && stats.missing)
        fprintf(stderr,
                "corridor: %s: %llu of %llu rows have no value (a missing word: --na): "
                "left out of sums and fits, their results empty\n",
                name, stats.missing, stats.rows);
    if (getenv("CORRIDOR_PANEL_TIMING"))
        fprintf(stderr, "corridor: read %.3f s (%u parts), compute %.3f s, write %.3f s\n",
                stats.t_read, stats.parts, stats.t_compute, stats.t_write);
    if (st == COR_EDATA || diags.errors) {
        fprintf(stderr, "corridor: %zu error%s in %s: nothing written\n", diags.errors,
                diags.errors == 1 ? "" : "s", name);
        rc = CLI_DATA;
    } else if (st != COR_OK) {
        if (err.path[0])
            fprintf(stderr, "corridor: %s: %s\n", err.path, err.message);
        else
            fprintf(stderr, "corridor: %s%s%s\n", a.output && st == COR_EIO ? a.output : "",
                    a.output && st == COR_EIO ? ": " : "", err.message);
        rc = st == COR_EINVAL ? CLI_USAGE : CLI_IO;   /* a spec the library refused */
    } else
        rc = fflush(stdout) == 0 ? CLI_OK : CLI_IO;
    cor_diags_fini(&diags);
    if (owned)
        close(fd);
    free(a.keys);
    return rc;
}

const struct cli_command cli_panel = {
    "panel", "share|growth|trend|hhi FILE",
    "share, growth, trend and HHI over a large trade-flow panel",
    "share: every input row, in input order, plus share = value / sum of value in its\n"
    "  --by group (empty when that sum is <= 0, a value in the group is negative, or the\n"
    "  row has no value).\n"
    "growth: every input row, in input order, plus growth = value_t / value_(t-1) - 1 in its\n"
    "  --series, by --time year (empty when year t-1 is absent or its value <= 0 or\n"
    "  missing); two rows of a series for one year are an error naming both lines.\n"
    "trend: one row per series, by key: n (points with value > 0), rate = e^b - 1 with b the\n"
    "  OLS slope of ln(value) on year (World Bank), se of b, lo and hi = e^(b -/+ t se) - 1\n"
    "  (t: Student 97.5% on n - 2 df), and na_reason; empty with a reason when n < 3, when\n"
    "  every point is in one year, or when more than half the years are missing (as\n"
    "  `corridor trend`). Years go from -32768 to 32767.\n"
    "hhi: one row per --by group, by key: n (parts with a value), hhi = sum (value / group\n"
    "  sum)^2 on the 0-1 scale, and na_reason (empty when the sum is <= 0 or a part is\n"
    "  negative); a --part named on two rows of a group is an error naming both lines.\n"
    "An empty value, or one of the --na words, has no figure: its row stays in the share and\n"
    "growth output with an empty result and is left out of sums and fits; the count is\n"
    "printed on standard error. Cells and header names are trimmed of spaces; a year\n"
    "written 2000.0 is 2000. Columns are named by the options, in any order. FILE '-' reads\n"
    "standard input. CSV goes to standard output or --output: share and growth in the\n"
    "file's delimiter, trend and hhi comma-separated; numbers with a '.' and read back to\n"
    "the same double. Malformed rows are reported with file, line and column (exit 3),\n"
    "before anything is written.",
    panel_options,
    "corridor panel share --by reporter,commodity,year --value value panel.csv\n"
    "corridor panel trend --series reporter,partner,commodity --time year --value value panel.csv\n"
    "corridor panel hhi --by year --part country --value value --delimiter ';' --decimal , \\\n"
    "    eu.csv",
    cmd_panel,
};
