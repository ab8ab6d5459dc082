/* The corridor command-line tool: commands, their option table, exit codes.
 * The tool uses only the library's public headers. */
#ifndef CORRIDOR_CLI_H
#define CORRIDOR_CLI_H

#include <stdio.h>

#include "corridor.h"

/* Exit codes, one set for every command (README "Exit codes"). */
enum cli_exit {
    CLI_OK = 0,          /* success */
    CLI_UNSUPPORTED = 1, /* a check found claims not supported, or values drifted */
    CLI_USAGE = 2,       /* the command line is wrong */
    CLI_DATA = 3,        /* the input data is invalid */
    CLI_IO = 4           /* input/output or internal error */
};

struct cli_option {
    const char *name;    /* long name, without dashes */
    int short_name;      /* 0 if none */
    const char *arg;     /* argument name, NULL for a flag */
    const char *help;
};

struct cli_command {
    const char *name;
    const char *args;        /* synopsis after the options */
    const char *summary;     /* one line */
    const char *description; /* paragraphs, '\n'-separated */
    const struct cli_option *options;
    const char *example;     /* lines of shell, '\n'-separated */
    int (*run)(const struct cli_command *cmd, int argc, char **argv);
};

/* All commands, NULL-terminated. */
extern const struct cli_command *const cli_commands[];

/* getopt_long over cmd's option table. Returns the option's index in the
 * table, -1 at the end, or -2 after printing a usage error. *arg gets the
 * argument of an option that takes one. --help is handled by the caller
 * (it is in every table). */
int cli_next_option(const struct cli_command *cmd, int argc, char **argv, const char **arg);

/* Starts option parsing afresh (call before the first cli_next_option). */
void cli_reset_options(void);

/* The option loop of every command: calls fn for each option other than
 * --help (which prints the help). Returns -1 when the command should go on,
 * else the exit code (CLI_OK after --help, CLI_USAGE, or what fn returned). */
typedef int (*cli_option_fn)(const struct cli_command *cmd, int opt, const char *arg,
                             void *user);
int cli_parse_options(const struct cli_command *cmd, int argc, char **argv, cli_option_fn fn,
                      void *user);

/* Index of the first operand after option parsing. */
int cli_operand_index(void);

void cli_print_help(const struct cli_command *cmd, FILE *out);
void cli_print_main_help(FILE *out);
void cli_print_man_page(FILE *out);
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The bundled datasets folder: $CORRIDOR_DATASETS, else ./datasets if it
 * exists, else the source tree this binary was built from, else the
 * installed copy (PREFIX/share/corridor/datasets). */
const char *cli_default_datasets(void);

/* Prints an error as "corridor: PATH: MESSAGE" (with :LINE:COL when it has
 * them) to stderr: the path is the error's own, else `path` (may be NULL). */
void cli_print_error(const struct cor_error *err, const char *path);

/* Prints every finding as "corridor: FILE:LINE:COL: error: ..." to stderr. */
void cli_print_diags(const struct cor_diags *d);

int cmd_validate(const struct cli_command *cmd, int argc, char **argv);
int cmd_schema(const struct cli_command *cmd, int argc, char **argv);
int cmd_import(const struct cli_command *cmd, int argc, char **argv);

extern const struct cli_command cli_validate, cli_schema, cli_series, cli_growth, cli_cagr,
    cli_trend, cli_index, cli_share, cli_hhi, cli_value, cli_convert, cli_plot, cli_check, cli_report, cli_panel,
    cli_import, cli_claims;

#endif
