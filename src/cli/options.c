/* The command table's consumers: option parsing, --help and the man page. */
#define _POSIX_C_SOURCE 200809L

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#ifndef COR_VERSION
#define COR_VERSION "0"
#endif
#ifndef COR_DATASETS_DIR
#define COR_DATASETS_DIR "datasets"
#endif
#ifndef COR_INSTALLED_DATASETS_DIR
#define COR_INSTALLED_DATASETS_DIR "/usr/local/share/corridor/datasets"
#endif
#ifndef COR_BIN_TO_DATASETS
#define COR_BIN_TO_DATASETS "../share/corridor/datasets"
#endif

const struct cli_command *const cli_commands[] = {
    &cli_validate, &cli_import, &cli_schema, &cli_series, &cli_growth, &cli_cagr, &cli_trend,
    &cli_index,    &cli_share,  &cli_hhi,    &cli_value,  &cli_convert, &cli_plot,
    &cli_check,    &cli_report, &cli_panel, &cli_claims, NULL};

#define MAX_OPTS 32

int cli_next_option(const struct cli_command *cmd, int argc, char **argv, const char **arg)
{
    struct option longopts[MAX_OPTS + 1];
    char shortopts[MAX_OPTS * 2 + 2];
    size_t n = 0, s = 0;
    for (const struct cli_option *o = cmd->options; o->name && n < MAX_OPTS; o++, n++) {
        longopts[n] = (struct option){o->name, o->arg ? required_argument : no_argument, NULL,
                                      0x100 + (int)n};
        if (o->short_name) {
            shortopts[s++] = (char)o->short_name;
            if (o->arg)
                shortopts[s++] = ':';
        }
    }
    shortopts[s] = '\0';
    longopts[n] = (struct option){NULL, 0, NULL, 0};
    opterr = 0;
    int c = getopt_long(argc, argv, shortopts, longopts, NULL);
    if (c == -1)
        return -1;
    if (c == '?') {
        if (optopt >= 0x100)
            return cli_usage_error(cmd, "option '%s' needs an argument", argv[optind - 1]),
                   -2;
        if (optopt)
            return cli_usage_error(cmd, "unknown option '-%c'", optopt), -2;
        return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]), -2;
    }
    if (c == ':')
        return cli_usage_error(cmd, "option '%s' needs an argument", argv[optind - 1]), -2;
    int index = -1;
    if (c >= 0x100)
        index = c - 0x100;
    else
        for (size_t i = 0; i < n; i++)
            if (cmd->options[i].short_name == c)
                index = (int)i;
    *arg = optarg;
    return index;
}

void cli_reset_options(void)
{
    optind = 0;   /* glibc: 0 re-initialises getopt's internal state */
}

int cli_parse_options(const struct cli_command *cmd, int argc, char **argv, cli_option_fn fn,
                      void *user)
{
    const char *arg;
    int opt;
    cli_reset_options();
    while ((opt = cli_next_option(cmd, argc, argv, &arg)) != -1) {
        if (opt == -2)
            return CLI_USAGE;
        if (strcmp(cmd->options[opt].name, "help") == 0) {
            cli_print_help(cmd, stdout);
            return CLI_OK;
        }
        int rc = fn ? fn(cmd, opt, arg, user) : CLI_OK;
        if (rc != CLI_OK)
            return rc;
    }
    return -1;
}

int cli_operand_index(void)
{
    return optind;
}

int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("corridor: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (cmd)
        fprintf(stderr, "\nTry 'corridor %s --help'.\n", cmd->name);
    else
        fputs("\nTry 'corridor --help'.\n", stderr);
    return CLI_USAGE;
}

static void print_options(const struct cli_option *opts, FILE *out)
{
    for (const struct cli_option *o = opts; o->name; o++) {
        char left[64];
        if (o->short_name)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->name,
                     o->arg ? " " : "", o->arg ? o->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        fprintf(out, "  %-26s %s\n", left, o->help);
    }
}

static void print_indented(const char *text, const char *indent, FILE *out)
{
    const char *p = text;
    while (*p) {
        size_t len = strcspn(p, "\n");
        fprintf(out, "%s%.*s\n", len ? indent : "", (int)len, p);
        p += len;
        if (*p == '\n')
            p++;
    }
}

void cli_print_help(const struct cli_command *cmd, FILE *out)
{
    fprintf(out, "Usage: corridor %s [OPTION]... %s\n", cmd->name, cmd->args);
    fprintf(out, "%s\n\n", cmd->summary);
    print_indented(cmd->description, "", out);
    fputs("\nOptions:\n", out);
    print_options(cmd->options, out);
    fputs("\nExample:\n", out);
    print_indented(cmd->example, "  ", out);
}

static const char exit_text[] =
    "  0  success\n"
    "  1  a check found claims not supported, or expected values drifted\n"
    "  2  usage error\n"
    "  3  invalid data (every problem is reported as FILE:LINE:COLUMN)\n"
    "  4  input/output or internal error\n";

void cli_print_main_help(FILE *out)
{
    fputs("Usage: corridor COMMAND [OPTION]... [ARG]...\n"
          "       corridor --help | --version\n"
          "Corridor and logistics economics: sourced figures, metrics, claim checks.\n\n"
          "Commands:\n",
          out);
    for (const struct cli_command *const *c = cli_commands; *c; c++)
        fprintf(out, "  %-12s %s\n", (*c)->name, (*c)->summary);
    fputs("\nOptions:\n"
          "  -h, --help     show this help and exit\n"
          "  -V, --version  show the version and exit\n\n"
          "Run 'corridor COMMAND --help' for a command's options.\n\n"
          "Exit status:\n",
          out);
    fputs(exit_text, out);
}

/* roff: a leading '.' or '\'' would be a request, and '\\' and '-' need escapes. */
static void man_text(const char *s, FILE *out)
{
    int bol = 1;
    for (; *s; s++) {
        if (bol && (*s == '.' || *s == '\''))
            fputs("\\&", out);
        if (*s == '\\')
            fputs("\\e", out);
        else if (*s == '-')
            fputs("\\-", out);
        else
            fputc(*s, out);
        bol = *s == '\n';
    }
}

static void man_options(const struct cli_option *opts, FILE *out)
{
    for (const struct cli_option *o = opts; o->name; o++) {
        fputs(".TP\n", out);
        if (o->short_name)
            fprintf(out, "\\fB\\-%c\\fR, ", o->short_name);
        fprintf(out, "\\fB\\-\\-");
        man_text(o->name, out);
        fputs("\\fR", out);
        if (o->arg) {
            fputs(" \\fI", out);
            man_text(o->arg, out);
            fputs("\\fR", out);
        }
        fputs("\n", out);
        man_text(o->help, out);
        fputs("\n", out);
    }
}

void cli_print_man_page(FILE *out)
{
    fprintf(out, ".TH CORRIDOR 1 \"\" \"corridor %s\" \"User Commands\"\n", COR_VERSION);
    fputs(".SH NAME\ncorridor \\- corridor and logistics economics: sourced figures, metrics, "
          "claim checks\n.SH SYNOPSIS\n",
          out);
    for (const struct cli_command *const *c = cli_commands; *c; c++) {
        fprintf(out, ".B corridor %s\n[\\fIOPTION\\fR]... ", (*c)->name);
        man_text((*c)->args, out);
        fputs("\n.br\n", out);
    }
    fputs(".B corridor\n\\-\\-help | \\-\\-version\n", out);
    fputs(".SH DESCRIPTION\ncorridor loads sourced CSV figures (port throughput, pipeline flows, "
          "trade flows, defence budgets, asset deals) into typed records, checks them, and "
          "computes metrics from them.\n",
          out);
    fputs(".SH COMMANDS\n", out);
    for (const struct cli_command *const *c = cli_commands; *c; c++) {
        fprintf(out, ".SS \"corridor %s\"\n", (*c)->name);
        man_text((*c)->summary, out);
        fputs("\n.PP\n", out);
        man_text((*c)->description, out);
        fputs("\n", out);
        man_options((*c)->options, out);
        fputs(".PP\nExample:\n.PP\n.nf\n", out);
        man_text((*c)->example, out);
        fputs("\n.fi\n", out);
    }
    fputs(".SH OPTIONS\n.TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nshow help and exit\n"
          ".TP\n\\fB\\-V\\fR, \\fB\\-\\-version\\fR\nshow the version and exit\n",
          out);
    fputs(".SH \"EXIT STATUS\"\n.nf\n", out);
    man_text(exit_text, out);
    fputs(".fi\n.SH ENVIRONMENT\n.TP\n.B CORRIDOR_DATASETS\nfolder of the bundled datasets "
          "used when no path is given\n.SH \"SEE ALSO\"\nThe README of the corridor project.\n",
          out);
}

static int is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* PREFIX/share/corridor/datasets for this binary's PREFIX/bin: wherever
 * the installation was moved or which prefix it was installed under. */
static const char *datasets_beside_binary(void)
{
    static char path[4096];
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    int len = snprintf(path, sizeof path, "%s/%s", exe, COR_BIN_TO_DATASETS);
    return len > 0 && (size_t)len < sizeof path && is_dir(path) ? path : NULL;
}

const char *cli_default_datasets(void)
{
    const char *env = getenv("CORRIDOR_DATASETS");
    if (env && *env)
        return env;
    if (is_dir("datasets"))
        return "datasets";
    const char *installed = datasets_beside_binary();
    if (installed)
        return installed;
    if (is_dir(COR_DATASETS_DIR))
        return COR_DATASETS_DIR;   /* the source tree this binary was built from */
    return COR_INSTALLED_DATASETS_DIR;
}

void cli_print_error(const struct cor_error *err, const char *path)
{
    const char *msg = err->message[0] ? err->message : cor_strerror(err->status);
    if (err->path[0])
        path = err->path;
    if (path && err->line)
        fprintf(stderr, "corridor: %s:%lu:%lu: %s\n", path, err->line, err->col, msg);
    else if (path)
        fprintf(stderr, "corridor: %s: %s\n", path, msg);
    else
        fprintf(stderr, "corridor: %s\n", msg);
}

void cli_print_diags(const struct cor_diags *d)
{
    char line[2048];
    for (size_t i = 0; i < d->count; i++) {
        cor_diag_format(d, i, line, sizeof line);
        fprintf(stderr, "corridor: %s\n", line);
    }
}
