/* From a selected series to a chart: grouping into series, marks, the
 * source line; then the script (written whole) and the rendered image.
 * Used by `plot` and `report`. */
#ifndef CORRIDOR_CLI_CHART_BUILD_H
#define CORRIDOR_CLI_CHART_BUILD_H

#include "cli.h"

#define CHART_MAX_THRESHOLDS 4

struct chart_request {
    enum cor_chart_type type;
    const char *by;            /* comma-separated key columns: one series per value */
    const char *title;         /* NULL: entity and unit */
    const char *entity;
    int terminal;              /* -1: from the output's extension */
    int script_only;
    struct cor_chart_threshold thresholds[CHART_MAX_THRESHOLDS];
    size_t nthresholds;
};

void chart_request_init(struct chart_request *r);
int chart_type_lookup(const char *name, enum cor_chart_type *type);

/* Builds the chart of series s, writes OUTPUT.gp (minus the image
 * extension) and renders OUTPUT; reports what it wrote on `log`. Returns an
 * exit code. */
int chart_emit(const struct chart_request *r, const struct cor_dataset *ds, enum cor_kind kind,
               const struct cor_series *s, const char *output, FILE *log);

#endif
