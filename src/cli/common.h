/* Options shared by the commands that select data and print a table. */
#ifndef CORRIDOR_CLI_COMMON_H
#define CORRIDOR_CLI_COMMON_H

#include "cli.h"

/* The first entries of every metric command's option table, in this order. */
enum {
    COMMON_DATA, COMMON_KIND, COMMON_ENTITY, COMMON_WHERE, COMMON_UNIT, COMMON_CURRENCY,
    COMMON_STATUS, COMMON_SOURCE, COMMON_FROM, COMMON_TO, COMMON_BBL, COMMON_APPROX,
    COMMON_DELIMITER, COMMON_DECIMAL, COMMON_THOUSANDS, COMMON_NA,
    COMMON_FORMAT, COMMON_OUTPUT, COMMON_HELP, COMMON_COUNT
};

/* How the data files are read (shared with validate and import). */
#define READ_OPTIONS                                                                          \
    {"delimiter", 0, "CHAR", "field separator of the data files: ',' (default), ';', tab or "  \
                             "'|'"},                                                          \
    {"decimal", 0, "MARK", "decimal mark of numbers in the data files: '.' (default) or ','"}, \
    {"thousands", 0, "MARK", "digit-group mark of numbers in the data files: ',', '.' or "    \
                             "space (default: none)"},                                        \
    {"na", 0, "LIST", "comma-separated words that mean 'no figure' (default: "                \
                      "NA,N/A,..,...,-,n.a.,nan; an empty cell always does)"}

#define COMMON_OPTIONS                                                                        \
    {"data", 'd', "PATH", "read this CSV file or folder (repeatable; default: the bundled "   \
                          "datasets)"},                                                       \
    {"kind", 'k', "KIND", "record kind: port, pipeline, trade, budget, deal, indicator, fx"}, \
    {"entity", 'e', "NAME", "the port, pipeline, importer, country, asset or entity"},         \
    {"where", 'w', "COL=VALUE", "keep rows whose column COL is VALUE; COL=A|B: A or B; "     \
                                "COL!=VALUE: any other value (repeatable, at most 8)"},       \
    {"unit", 'u', "UNIT", "express values in UNIT (TEU, Mt, b/d, billion, %...)"},            \
    {"currency", 'c', "CODE", "express money in this currency (through the fx rates)"},       \
    {"status", 's', "LIST", "keep these statuses (comma-separated: actual,estimate,...)"},    \
    {"source", 0, "ID", "keep only figures from this source id"},                             \
    {"from", 0, "PERIOD", "first period (2017, 2024-Q1, ...)"},                               \
    {"to", 0, "PERIOD", "last period"},                                                       \
    {"bbl-per-tonne", 0, "N", "density factor for barrels <-> tonnes"},                       \
    {"approx", 0, "PCT", "relative tolerance of 'about' and 'nearly' figures (default 5)"},   \
    READ_OPTIONS,                                                                             \
    {"format", 'f', "FMT", "text, csv, tsv, md, latex, html or json (default: text on a "     \
                           "terminal, csv otherwise)"},                                       \
    {"output", 'o', "FILE", "write the table to FILE (whole, or not at all)"},                \
    {"help", 'h', NULL, "show this help and exit"}

/* At most this many --data paths (an error names the limit). */
#define COMMON_MAX_DATA 16

struct common {
    const char *data[COMMON_MAX_DATA];
    size_t ndata;
    struct cor_read_opts read;  /* --delimiter, --decimal, --thousands, --na */
    struct cor_select sel;
    int kind_set;
    enum cor_format format;
    int format_set;
    const char *output;
    char where_cols[COR_SELECT_MAX_WHERE][64];   /* the COLUMN parts of --where */
};

void common_init(struct common *c);

/* Sets one reading option (name: "delimiter", "decimal", "thousands", "na")
 * from its argument; a usage error (printed, CLI_USAGE) if malformed. */
int common_read_option(const struct cli_command *cmd, struct cor_read_opts *o, const char *name,
                       const char *arg);

/* Appends ", item" to a malloc'd list (NULL: empty); 0 when memory ran out. */
int common_list_add(char **list, const char *item);

/* Prints "corridor: CMD: no figures: WHY" for an empty selection and returns
 * CLI_USAGE. */
int common_empty_selection(const struct cli_command *cmd, const struct cor_dataset *ds,
                           const struct cor_select *sel);

/* Handles a common option; returns CLI_OK or a usage error code (printed). */
int common_option(const struct cli_command *cmd, struct common *c, int opt, const char *arg);

/* Loads and validates the data; on invalid data prints every finding and
 * returns CLI_DATA. Guesses the kind from --entity when --kind is absent. */
int common_load(const struct cli_command *cmd, struct common *c, struct cor_dataset **ds);

/* Parses a period argument; prints a usage error and returns 0 if malformed. */
int common_period(const struct cli_command *cmd, const char *text, struct cor_period *p);

/* --unit: the unit's index, or -1 after a usage error naming the closest
 * unit ("unknown unit 'bilion'; did you mean 'billion'?"). */
int common_unit(const struct cli_command *cmd, const char *arg);

/* Registers every file ds read (sources.csv and claims files included) as
 * an input of this command, which no output may replace. CLI_OK, or CLI_IO
 * (printed). common_load() calls it, then common_check_output(--output). */
int common_inputs(const struct cor_dataset *ds);

/* CLI_OK, or CLI_USAGE (printed: "corridor: OUT: refusing to overwrite the
 * input 'IN'") when writing path would replace an input. */
int common_check_output(const char *path);

/* Prints why an output failed ("corridor: PATH: MESSAGE"); returns the exit
 * code: CLI_USAGE for a refused name (COR_EINVAL), else CLI_IO. */
int common_output_failed(const char *path, const struct cor_error *err, enum cor_status st);

/* Writes the table to stdout or --output (whole or not at all). */
int common_emit(struct common *c, const struct cor_table *t);

/* "a; b" of the source ids of points; also adds them to the table's list. */
void common_sources(struct cor_table *t, const struct cor_dataset *ds,
                    const struct cor_point *const *pts, size_t n, char *buf, size_t len);

/* A table with the series' unit named: "TEU", "billion USD". */
void common_unit_name(const struct cor_series *s, char *buf, size_t n);

/* Runs the common prologue of a metric command: option loop (calling
 * `extra` for the command's own options), data loading, series selection.
 * Returns -1 to continue, or an exit code. */
typedef int (*extra_option_fn)(const struct cli_command *cmd, struct common *c, int opt,
                               const char *arg, void *user);

/* The option loop of a metric command (common options, then `extra`); no
 * loading. Returns -1 to continue, or an exit code. */
int common_parse(const struct cli_command *cmd, int argc, char **argv, struct common *c,
                 extra_option_fn extra, void *user);

/* An extra_option_fn for commands without options of their own. */
int common_no_extra(const struct cli_command *cmd, struct common *c, int opt, const char *arg,
                    void *user);

/* "ENTITY, UNIT: WHAT" (without the entity when none was given). */
void common_title(const struct common *c, const struct cor_series *s, const char *what,
                  char *buf, size_t n);

/* Writes the table, then frees it, the series and the dataset; returns the exit code. */
int common_finish(struct common *c, struct cor_table *t, struct cor_series *s,
                  struct cor_dataset *ds);
int common_prologue(const struct cli_command *cmd, int argc, char **argv, struct common *c,
                    extra_option_fn extra, void *user, struct cor_dataset **ds,
                    struct cor_series *series);

/* What a metric command works on: its options, the data, the selected series. */
struct metric {
    struct common c;
    struct cor_dataset *ds;
    struct cor_series s;
};

/* Before the command sets defaults in m->c. */
void metric_init(struct metric *m);

/* common_prologue into m: returns -1 to continue, or an exit code. */
int metric_begin(const struct cli_command *cmd, int argc, char **argv, struct metric *m,
                 extra_option_fn extra, void *user);

/* A table titled "ENTITY, UNIT: WHAT". */
struct cor_table *metric_table(const struct metric *m, const char *what);

/* Frees m's series and data. */
void metric_free(struct metric *m);

/* Frees m's series and data and refuses the command (a usage error). */
int metric_refuse(const struct cli_command *cmd, struct metric *m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes t (then frees it) and frees m's series and data: the exit code. */
int metric_finish(struct metric *m, struct cor_table *t);

/* check --article (cmd_claims.c): loads the claims in c->data and reports
 * which quantitative statements of each article a row covers; exit 1 when
 * one has neither a claim row nor a skip row. */
int cli_check_articles(const struct cli_command *cmd, struct common *c,
                       const char *const *articles, size_t narticles);

#endif
