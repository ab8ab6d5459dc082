/* corridor plot: a selection as a gnuplot chart (script + rendered image). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_build.h"
#include "common.h"

enum { PLOT_TYPE = COMMON_COUNT, PLOT_BY, PLOT_THRESHOLD, PLOT_TITLE, PLOT_TERMINAL, PLOT_SCRIPT };

static const struct cli_option plot_options[] = {
    COMMON_OPTIONS,
    {"type", 't', "TYPE", "line (default), points, bar, grouped or stacked (100% shares)"},
    {"by", 0, "COLUMNS", "one series per value of these key columns (comma-separated)"},
    {"threshold", 0, "Y=LABEL", "draw a labelled horizontal line at Y (repeatable)"},
    {"title", 0, "TEXT", "the chart's title (default: entity and unit)"},
    {"terminal", 0, "TERM", "png, svg or pdf (default: from the --output extension)"},
    {"script-only", 0, NULL, "write the .gp script but do not run gnuplot"},
    {NULL, 0, NULL, NULL}};

static int plot_extra(const struct cli_command *cmd, struct common *c, int opt, const char *arg,
                      void *user)
{
    struct chart_request *r = user;
    switch (opt) {
    case PLOT_TYPE:
        if (chart_type_lookup(arg, &r->type) != 0)
            return cli_usage_error(cmd, "unknown chart type '%s'", arg);
        break;
    case PLOT_BY:
        r->by = arg;
        c->sel.vary = arg;
        break;
    case PLOT_THRESHOLD: {
        if (r->nthresholds == CHART_MAX_THRESHOLDS)
            return cli_usage_error(cmd, "too many --threshold");
        const char *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
        double y;
        if (cor_num_parse(arg, len, &y, NULL) != COR_OK)
            return cli_usage_error(cmd, "--threshold needs Y=LABEL, not '%s'", arg);
        r->thresholds[r->nthresholds++] = (struct cor_chart_threshold){y, eq ? eq + 1 : ""};
        break;
    }
    case PLOT_TITLE: r->title = arg; break;
    case PLOT_TERMINAL: {
        int t = cor_terminal_lookup(arg);
        if (t < 0)
            return cli_usage_error(cmd, "unknown terminal '%s'", arg);
        r->terminal = t;
        break;
    }
    case PLOT_SCRIPT: r->script_only = 1; break;
    default: break;
    }
    return CLI_OK;
}

static int cmd_plot(const struct cli_command *cmd, int argc, char **argv)
{
    struct metric m;
    metric_init(&m);
    struct chart_request r;
    chart_request_init(&r);
    int rc = metric_begin(cmd, argc, argv, &m, plot_extra, &r);
    if (rc >= 0)
        return rc;
    if (!m.c.output) {
        rc = cli_usage_error(cmd, "plot needs --output FILE (the image; the script is FILE "
                                  "with .gp)");
    } else {
        r.entity = m.c.sel.entity;
        rc = chart_emit(&r, m.ds, m.c.sel.kind, &m.s, m.c.output, stdout);
    }
    metric_free(&m);
    return rc;
}

const struct cli_command cli_plot = {
    "plot", "",
    "draw a selection as a chart: a gnuplot script and its PNG, SVG or PDF",
    "Writes FILE.gp, a self-contained gnuplot script with the data inline, and renders it\n"
    "with gnuplot into FILE (--output; the terminal follows its extension). Lines or\n"
    "markers per series (--by), estimated and projected figures as hollow markers joined\n"
    "by dashed lines, intervals as error bars, 'more than' figures as arrows up from the\n"
    "bound, and --threshold lines. Every chart has a title, axis labels with units and a\n"
    "source line. Labels from data are quoted and can never run as gnuplot code. Without\n"
    "gnuplot, the script is written and the command says how to render it.",
    plot_options,
    "corridor plot --entity 'Port of Baku' --unit TEU --where origin= --from 2017 \\\n"
    "    --threshold '100000=100,000 TEU' -o baku_teu.png",
    cmd_plot,
};
