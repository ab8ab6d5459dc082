/* corridor: dispatches to a command. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#ifndef COR_VERSION
#define COR_VERSION "0"
#endif

/* A write error on standard output (a full disk, /dev/full) is an I/O
 * error, after any command. */
static int finish(int rc)
{
    if (fflush(stdout) != 0 && rc == CLI_OK) {
        perror("corridor: standard output");
        return CLI_IO;
    }
    return rc;
}

int main(int argc, char **argv)
{
    cor_init();   /* GSL's default error handler would abort */
    if (argc < 2)
        return cli_usage_error(NULL, "missing command");
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        cli_print_main_help(stdout);
        return finish(CLI_OK);
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("corridor %s\n", COR_VERSION);
        return finish(CLI_OK);
    }
    if (strcmp(name, "--man-page") == 0) {
        cli_print_man_page(stdout);
        return finish(CLI_OK);
    }
    for (const struct cli_command *const *c = cli_commands; *c; c++)
        if (strcmp((*c)->name, name) == 0) {
            return finish((*c)->run(*c, argc - 1, argv + 1));
        }
    return cli_usage_error(NULL, "unknown command '%s'", name);
}
