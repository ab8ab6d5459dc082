/* corridor plot: a selection as a gnuplot chart (script + rendered image). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

enum {
    PLOT_TYPE = COMMON_COUNT, PLOT_BY, PLOT_TOTAL, PLOT_THRESHOLD, PLOT_TITLE, PLOT_TERMINAL,
    PLOT_SCRIPT
};

static const struct cli_option plot_options[] = {
    COMMON_OPTIONS,
    {"type", 't', "TYPE", "line (default), points, bar, grouped or stacked (100% shares)"},
    {"by", 0, "COLUMNS", "one series per value of these key columns (comma-separated; "
                         "source: one per publisher)"},
    {"total", 0, "NAME", "stacked: the value of --by that is the stated total (World); "
                         "default: the rows whose --by column is empty (all). The total and "
                         "aggregates are the 100%, never parts; the rest is other/unknown"},
    {"threshold", 0, "Y=LABEL", "draw a labelled horizontal line at Y (repeatable)"},
    {"title", 0, "TEXT", "the chart's title (default: entity and unit)"},
    {"terminal", 0, "TERM", "png, svg or pdf (default: from the --output extension)"},
    {"script-only", 0, NULL, "write the .gp script but do not run gnuplot"},
    {NULL, 0, NULL, NULL}};

struct plot_args {
    struct cor_report_figure_opts fig;
    struct cor_chart_threshold *thresholds;
    size_t nthresholds;
    int terminal;   /* -1: from the output's extension */
    int script_only;
};

static int plot_extra(const struct cli_command *cmd, struct common *c, int opt, const char *arg,
                      void *user)
{
    struct plot_args *a = user;
    switch (opt) {
    case PLOT_TYPE: {
        int t = cor_chart_type_lookup(arg);
        if (t < 0)
            return cli_usage_error(cmd, "unknown chart type '%s'", arg);
        a->fig.type = (enum cor_chart_type)t;
        break;
    }
    case PLOT_BY:
        a->fig.by = arg;
        c->sel.vary = arg;
        break;
    case PLOT_TOTAL: a->fig.total = arg; break;
    case PLOT_THRESHOLD: {
        const char *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
        double y;
        if (cor_num_parse(arg, len, &y, NULL) != COR_OK)
            return cli_usage_error(cmd, "--threshold needs Y=LABEL, not '%s'", arg);
        struct cor_chart_threshold *t =
            realloc(a->thresholds, (a->nthresholds + 1) * sizeof *t);
        if (!t) {
            fprintf(stderr, "corridor: out of memory\n");
            return CLI_IO;
        }
        a->thresholds = t;
        t[a->nthresholds++] = (struct cor_chart_threshold){y, eq ? eq + 1 : ""};
        break;
    }
    case PLOT_TITLE: a->fig.title = arg; break;
    case PLOT_TERMINAL: {
        int t = cor_terminal_lookup(arg);
        if (t < 0)
            return cli_usage_error(cmd, "unknown terminal '%s'", arg);
        a->terminal = t;
        break;
    }
    case PLOT_SCRIPT: a->script_only = 1; break;
    default: break;
    }
    return CLI_OK;
}

/* The figure's script next to the image (FILE.gp), then the image. */
static int draw(const struct cor_report_figure *fig, const struct plot_args *a, const char *output)
{
    const char *ext = strrchr(output, '.'), *base = strrchr(output, '/');
    if (ext && base && ext < base)
        ext = NULL;
    int term = a->terminal >= 0 ? a->terminal : ext ? cor_terminal_lookup(ext + 1) : -1;
    if (term < 0) {
        fprintf(stderr, "corridor: %s: give the image a .png, .svg or .pdf name, or --terminal\n",
                output);
        return CLI_USAGE;
    }
    size_t stem = ext ? (size_t)(ext - output) : strlen(output);
    char *script = malloc(stem + 4);
    if (!script) {
        fprintf(stderr, "corridor: out of memory\n");
        return CLI_IO;
    }
    memcpy(script, output, stem);
    memcpy(script + stem, ".gp", 4);
    struct cor_error err = {0};
    enum cor_status st = cor_report_figure_script(fig, (enum cor_terminal)term, script,
                                                  base ? base + 1 : output, &err);
    int rc = CLI_OK;
    if (st != COR_OK) {
        fprintf(stderr, "corridor: %s: %s\n", script, err.message);
        free(script);
        return st == COR_EINVAL ? CLI_USAGE : CLI_IO;
    }
    if (*cor_report_figure_left_out(fig))
        printf("left out of the chart (not a full year, undated or NA): %s\n",
               cor_report_figure_left_out(fig));
    if (*cor_report_figure_notes(fig))
        printf("note: %s\n", cor_report_figure_notes(fig));
    if (a->script_only) {
        printf("wrote %s (render it with: gnuplot -e \"outfile='%s'\" %s)\n", script, output,
               script);
    } else {
        char said[1024];
        st = cor_chart_render_warnings(script, output, (enum cor_terminal)term, said,
                                       sizeof said, &err);
        if (st == COR_OK && *said)
            fprintf(stderr, "corridor: warning: gnuplot: %s\n", said);
        if (st == COR_ENOTFOUND)
            printf("wrote %s; %s\n", script, err.message);
        else if (st != COR_OK) {
            cli_print_error(&err, output);
            rc = st == COR_EINVAL ? CLI_USAGE : CLI_IO;
        } else
            printf("wrote %s and %s\n", script, output);
    }
    free(script);
    return rc;
}

static int cmd_plot(const struct cli_command *cmd, int argc, char **argv)
{
    struct metric m;
    metric_init(&m);
    struct plot_args a = {.fig = {.type = COR_CHART_LINE}, .terminal = -1};
    int rc = metric_begin(cmd, argc, argv, &m, plot_extra, &a);
    if (rc >= 0) {
        free(a.thresholds);
        return rc;
    }
    if (!m.c.output) {
        rc = cli_usage_error(cmd, "plot needs --output FILE (the image; the script is FILE "
                                  "with .gp)");
    } else {
        a.fig.entity = m.c.sel.entity;
        a.fig.thresholds = a.thresholds;
        a.fig.nthresholds = a.nthresholds;
        struct cor_report_figure *fig = NULL;
        struct cor_error err = {0};
        enum cor_status st = cor_report_figure_new(m.ds, m.c.sel.kind, &m.s, &a.fig, &fig, &err);
        if (st != COR_OK) {
            fprintf(stderr, "corridor: %s\n", err.message);
            rc = st == COR_EDATA ? CLI_DATA : st == COR_EINVAL ? CLI_USAGE : CLI_IO;
        } else {
            rc = draw(fig, &a, m.c.output);
        }
        cor_report_figure_free(fig);
    }
    free(a.thresholds);
    metric_free(&m);
    return rc;
}

const struct cli_command cli_plot = {
    "plot", "",
    "draw a selection as a chart: a gnuplot script and its PNG, SVG or PDF",
    "Writes FILE.gp, a self-contained gnuplot script with the data inline, and renders it\n"
    "with gnuplot into FILE (--output; the terminal follows its extension). Lines or\n"
    "markers per series (--by), estimated and projected figures as hollow markers joined\n"
    "by dashed lines, statements (status claim) as hollow diamonds, intervals as error\n"
    "bars, 'more than' figures as arrows up from the bound, and --threshold lines. Marks\n"
    "of one period sit side by side; the y axis has thousands separators. Every chart has\n"
    "a title, axis labels with units and a source line naming the publishers. Labels from\n"
    "data are quoted and can never run as gnuplot code. Without gnuplot, the script is\n"
    "written and the command says how to render it.",
    plot_options,
    "corridor plot --data my_data/ --entity 'Port X' --unit TEU --where origin= \\\n"
    "    --threshold '100000=100,000 TEU' -o port_x.png",
    cmd_plot,
};
