/* corridor/panel.h - share, growth, trend and HHI over large trade-flow
 * panels (importer x partner x commodity x year: the UN Comtrade shape).
 *
 * The panel is read once with libcsv, on two cores (the file is cut at a line
 * break outside any quoted field), keeping per row only what the workload
 * needs; share and growth then re-emit every input row as it was, by
 * copying its bytes, with the new column (formatted on two cores, written in
 * order). The output depends only on the file and the thread count. Numbers print as "%.17g" (they read
 * back to the same double). Malformed input stops the work and every problem
 * is reported with its line and column.
 *
 * Ownership: nothing returned needs freeing; the caller's diags receive the
 * findings. */
#ifndef CORRIDOR_PANEL_H
#define CORRIDOR_PANEL_H

#include <stddef.h>
#include <stdio.h>

#include "corridor/error.h"

enum cor_panel_op {
    COR_PANEL_SHARE,   /* every row + share = value / sum of value in its --by group */
    COR_PANEL_GROWTH,  /* every row + growth = value_t / value_(t-1) - 1 in its series */
    COR_PANEL_TREND,   /* per series: n, least-squares rate, se, 95% lo and hi */
    COR_PANEL_HHI      /* per group: n, HHI = sum (value / group sum)^2 */
};

#define COR_PANEL_MAX_KEYS 8

struct cor_panel_spec {
    enum cor_panel_op op;
    const char *keys[COR_PANEL_MAX_KEYS]; /* --by (share, hhi) or --series (growth, trend) */
    size_t nkeys;
    const char *time;     /* growth, trend: the year column */
    const char *value;    /* the value column */
    const char *part;     /* hhi: the part column (must exist; rows are counted) */
    int threads;          /* 1 or 2 (0: 2) */
    int progress;         /* report progress on standard error */
    size_t chunk;         /* bytes per read (0: 1 MiB); the file is cut in two parts above
                           * 4 reads, and copied back in ranges of about 4 reads */
};

/* Runs the workload on the CSV file at path ("-": standard input) and writes
 * CSV to out. COR_EDATA when the input is malformed (every problem is in
 * diags), COR_EIO when it cannot be read or written. */
enum cor_status cor_panel_run(const struct cor_panel_spec *spec, const char *path, FILE *out,
                              struct cor_diags *diags, struct cor_error *err);

#endif
