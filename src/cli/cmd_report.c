/* corridor report: every claim's verdict, the charts and tables of the
 * data's report spec (or the automatic report), written to a folder. The
 * work is the library's (corridor/report.h); this parses options, finds the
 * spec and the claims, and prints what happened. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common.h"

enum { R_DATA, R_CLAIMS, R_SPEC, R_AUTO, R_APPROX, R_OUTPUT, R_HELP };

static const struct cli_option report_options[] = {
    [R_DATA] = {"data", 'd', "PATH", "read this CSV file or folder (repeatable; default: the "
                                     "bundled datasets)"},
    [R_CLAIMS] = {"claims", 0, "PATH", "the claims file or folder (repeatable; default: the "
                                       "claims/ folder of each data folder that has one)"},
    [R_SPEC] = {"spec", 0, "FILE", "the report spec (repeatable; default: the report.ini of "
                                   "each data folder that has one)"},
    [R_AUTO] = {"auto", 0, NULL, "ignore any spec: one chart and one table per series found"},
    [R_APPROX] = {"approx", 0, "PCT", "relative tolerance of 'about' and 'nearly' figures "
                                      "(default 5)"},
    [R_OUTPUT] = {"output", 'o', "DIR", "the folder to write (default: out)"},
    [R_HELP] = {"help", 'h', NULL, "show this help and exit"},
    {NULL, 0, NULL, NULL}};

/* Paths given on the command line and found next to the data. */
struct report_args {
    struct common c;               /* the data paths and --approx */
    const char **claims, **specs;
    size_t nclaims, nspecs;
    int automatic;
    char **found;                  /* DIR/claims and DIR/report.ini found (owned) */
    size_t nfound;
};

static int push(const char ***list, size_t *n, const char *s)
{
    const char **p = realloc(*list, (*n + 1) * sizeof *p);
    if (!p)
        return -1;
    *list = p;
    p[(*n)++] = s;
    return 0;
}

static int report_option(const struct cli_command *cmd, int opt, const char *arg, void *user)
{
    struct report_args *a = user;
    int rc = CLI_OK;
    switch (opt) {
    case R_DATA: rc = common_option(cmd, &a->c, COMMON_DATA, arg); break;
    case R_APPROX: rc = common_option(cmd, &a->c, COMMON_APPROX, arg); break;
    case R_OUTPUT: a->c.output = arg; break;
    case R_AUTO: a->automatic = 1; break;
    case R_CLAIMS:
    case R_SPEC:
        if (push(opt == R_CLAIMS ? &a->claims : &a->specs,
                 opt == R_CLAIMS ? &a->nclaims : &a->nspecs, arg) != 0) {
            fprintf(stderr, "corridor: out of memory\n");
            rc = CLI_IO;
        }
        break;
    default: break;
    }
    return rc;
}

/* DIR/NAME if DIR is a folder holding NAME (a folder if want_dir, else a
 * file), else NULL. The caller owns the result. */
static char *beside(const char *dir, const char *name, int want_dir)
{
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return NULL;
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    if (p && (stat(p, &sb) != 0 || (want_dir ? !S_ISDIR(sb.st_mode) : !S_ISREG(sb.st_mode)))) {
        free(p);
        p = NULL;
    }
    return p;
}

/* The defaults: the claims/ folder and report.ini of each data folder. */
static int find_defaults(struct report_args *a)
{
    size_t ndata = a->c.ndata;
    for (size_t i = 0; i < ndata; i++) {
        for (int what = 0; what < 2; what++) {
            if ((what == 0 && a->nclaims) || (what == 1 && (a->nspecs || a->automatic)))
                continue;
            char *p = beside(a->c.data[i], what == 0 ? "claims" : cor_report_spec_file,
                             what == 0);
            if (!p)
                continue;
            char **f = realloc(a->found, (a->nfound + 1) * sizeof *f);
            if (!f) {
                free(p);
                return -1;
            }
            a->found = f;
            f[a->nfound++] = p;
        }
    }
    /* claims first found become the claims list, specs the spec list */
    size_t nclaims_given = a->nclaims, nspecs_given = a->nspecs;
    for (size_t i = 0; i < a->nfound; i++) {
        int is_spec = strcmp(strrchr(a->found[i], '/') + 1, cor_report_spec_file) == 0;
        if (is_spec ? nspecs_given : nclaims_given)
            continue;
        if (push(is_spec ? &a->specs : &a->claims, is_spec ? &a->nspecs : &a->nclaims,
                 a->found[i]) != 0)
            return -1;
    }
    return 0;
}

static void print_warning(void *user, const char *message)
{
    (void)user;
    fprintf(stderr, "corridor: warning: %s\n", message);
}

/* A spec's error as a compiler's: "FILE:LINE:COL: error: ..." */
static void print_error(const struct cor_error *e)
{
    if (e->path[0] && e->line)
        fprintf(stderr, "corridor: %s:%lu:%lu: error: %s\n", e->path, e->line, e->col,
                e->message);
    else
        cli_print_error(e, NULL);
}

static int run(const struct cli_command *cmd, struct report_args *a)
{
    if (find_defaults(a) != 0) {
        fprintf(stderr, "corridor: out of memory\n");
        return CLI_IO;
    }
    /* the data, then the claims: one dataset */
    size_t ndata = a->c.ndata;
    for (size_t i = 0; i < a->nclaims; i++) {
        int rc = common_option(cmd, &a->c, COMMON_DATA, a->claims[i]);
        if (rc != CLI_OK)
            return rc;
    }
    struct cor_dataset *ds = NULL;
    int rc = common_load(cmd, &a->c, &ds);
    if (rc != CLI_OK)
        return rc;
    /* no file of the report may replace an input: none may lie in its folders */
    const char *dir = a->c.output ? a->c.output : "out";
    static const char *const subdirs[] = {"", "/tables", "/charts"};
    for (size_t i = 0; i < 3 && rc == CLI_OK; i++) {
        size_t n = strlen(dir) + strlen(subdirs[i]) + 1;
        char *p = malloc(n);
        struct cor_error gerr = {0};
        if (p)
            snprintf(p, n, "%s%s", dir, subdirs[i]);
        enum cor_status gst = p ? cor_atomic_check_dir(p, &gerr) : COR_ENOMEM;
        if (gst != COR_OK)
            rc = common_output_failed(p ? p : dir, &gerr, gst);
        free(p);
    }
    /* the specs are inputs too */
    for (size_t i = 0; i < a->nspecs && rc == CLI_OK; i++) {
        struct cor_error ierr = {0};
        if (cor_atomic_add_input(a->specs[i], &ierr) != COR_OK)
            rc = common_output_failed(a->specs[i], &ierr, ierr.status);
    }
    if (rc != CLI_OK) {
        cor_dataset_free(ds);
        return rc;
    }
    struct cor_report_spec spec;
    cor_report_spec_init(&spec);
    struct cor_error err = {0};
    enum cor_status st = COR_OK;
    for (size_t i = 0; st == COR_OK && !a->automatic && i < a->nspecs; i++)
        st = cor_report_spec_read(&spec, a->specs[i], &err);
    if (st == COR_OK && spec.n == 0)
        st = cor_report_spec_auto(&spec, ds, &err);
    struct cor_report_opts o;
    cor_report_opts_init(&o);
    o.dir = dir;
    o.data = a->c.data;
    o.ndata = ndata;
    o.claims = a->claims;
    o.nclaims = a->nclaims;
    o.ival = a->c.sel.ival;
    o.warn = print_warning;
    struct cor_report_result res;
    if (st == COR_OK)
        st = cor_report_write(ds, &spec, &o, &res, &err);
    if (st != COR_OK) {
        print_error(&err);
        rc = st == COR_EPARSE || st == COR_EDATA ? CLI_DATA : CLI_IO;
    } else {
        printf("%s/index.html: %zu claims (%zu supported, %zu contradicted, %zu undecided, %zu "
               "without data), %zu charts, %zu tables",
               o.dir, res.claims, res.verdicts[COR_V_SUPPORTED], res.verdicts[COR_V_CONTRADICTED],
               res.verdicts[COR_V_UNDECIDED], res.verdicts[COR_V_NO_DATA], res.charts,
               res.tables);
        if (res.skipped)
            printf(", %zu skipped (see the warnings)", res.skipped);
        printf("\n");
    }
    cor_report_spec_fini(&spec);
    cor_dataset_free(ds);
    return rc;
}

static int cmd_report(const struct cli_command *cmd, int argc, char **argv)
{
    struct report_args a;
    memset(&a, 0, sizeof a);
    common_init(&a.c);
    a.c.kind_set = 1;
    int rc = cli_parse_options(cmd, argc, argv, report_option, &a);
    if (rc < 0 && cli_operand_index() < argc)
        rc = cli_usage_error(cmd, "unexpected argument '%s'", argv[cli_operand_index()]);
    if (rc < 0 && a.automatic && a.nspecs)
        rc = cli_usage_error(cmd, "--auto and --spec contradict each other");
    if (rc < 0) {
        if (a.c.ndata == 0)
            a.c.data[a.c.ndata++] = cli_default_datasets();
        rc = run(cmd, &a);
    }
    for (size_t i = 0; i < a.nfound; i++)
        free(a.found[i]);
    free(a.found);
    free(a.claims);
    free(a.specs);
    return rc;
}

const struct cli_command cli_report = {
    "report", "",
    "write the whole report: verdicts, tables and charts, into a folder (default out/)",
    "Evaluates every claim (--claims; default: the claims/ folder of each data folder)\n"
    "against the data (--data; default: the bundled datasets) and writes into --output\n"
    "(default out/): index.html, one self-contained page that works offline (a summary of\n"
    "verdicts, a card per claim with the quote, its article, the figures used, the computed\n"
    "values against the claimed interval, the formula, the sources in full and the commands\n"
    "that reproduce it; the charts as inline SVG; the tables; every source) with a print\n"
    "stylesheet; report.md, the same in Markdown; tables/ in every format; charts/ with the\n"
    "gnuplot scripts and their PNG and SVG images. The charts and tables are those of the\n"
    "report spec (--spec; default: the report.ini of each data folder; its format:\n"
    "corridor schema report), or without one, one chart and one table per series found in\n"
    "the data. A chart or table that matches nothing is skipped with a warning. Every file\n"
    "is written whole.",
    report_options,
    "corridor report\n"
    "corridor report --data my_data/ --claims my_claims.csv -o my_report",
    cmd_report,
};
