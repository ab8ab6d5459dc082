/* corridor/panel.h - share, growth, trend and HHI over large trade-flow
 * panels (importer x partner x commodity x year: the UN Comtrade shape).
 *
 * The panel is read once (libcsv's reading, found many bytes at a time),
 * on two cores (the file is cut at a line end outside any quoted field),
 * keeping per row only what the
 * workload needs; share and growth then re-emit every input row as it was,
 * by copying its bytes, with the new column (formatted on two cores,
 * written in order). Shares, HHI and trends come from the accumulators of
 * corridor/metrics.h (cor_metrics_parts_*, cor_metrics_trend_*), so they
 * follow the same rules as `corridor share`, `hhi` and `trend`. The output
 * depends only on the file and the thread count, and two threads differ
 * from one only in the last bits of sums. Numbers print as "%.17g" (they
 * read back to the same double).
 *
 * A value that is empty or one of the "no figure" words (cor_read_is_na) has
 * no figure: its row stays in the share and growth output with an empty
 * result and is left out of sums and fits (counted in the stats).
 * Malformed input stops the work before any output is written, and every
 * problem is reported with its line and column; once output has begun only
 * an I/O error can stop it.
 *
 * The library prints nothing and reads no environment: progress goes to a
 * callback, figures to struct cor_panel_stats. Calls share no state: two
 * may run at once.
 *
 * Ownership: nothing returned needs freeing; the caller's diags receive the
 * findings. */
#ifndef CORRIDOR_PANEL_H
#define CORRIDOR_PANEL_H

#include <stddef.h>
#include <stdio.h>

#include "corridor/dataset.h"
#include "corridor/error.h"

enum cor_panel_op {
    COR_PANEL_SHARE,   /* every row + share = value / sum of value in its --by group */
    COR_PANEL_GROWTH,  /* every row + growth = value_t / value_(t-1) - 1 in its series */
    COR_PANEL_TREND,   /* per series: n, least-squares rate, se, 95% lo and hi, NA reason */
    COR_PANEL_HHI      /* per group: n, HHI = sum (value / group sum)^2, NA reason */
};

#define COR_PANEL_MAX_KEYS 8

/* Called now and then while the file is read (from a worker thread: keep
 * it short), and once at the end of the read with done == total. */
typedef void (*cor_panel_progress_fn)(void *user, unsigned long long done,
                                      unsigned long long total);

struct cor_panel_spec {
    enum cor_panel_op op;
    const char *keys[COR_PANEL_MAX_KEYS]; /* --by (share, hhi) or --series (growth, trend),
                                           * each named once */
    size_t nkeys;
    const char *time;     /* growth, trend: the year column */
    const char *value;    /* the value column */
    const char *part;     /* hhi: the part column, not a key (each part once in a
                           * group: a repeat is COR_EDATA, both lines named);
                           * NULL for the other workloads */
    int threads;          /* 1 or 2 (0: 2) */
    size_t chunk;         /* bytes per read (0: 1 MiB; at least 64); the file is cut in
                           * two parts above 4 reads, and copied back in ranges of
                           * about 4 reads */
    struct cor_read_opts read;   /* delimiter, number style, "no figure" words; all
                                  * zero: ',' '.', no grouping, COR_NA_WORDS */
    cor_panel_progress_fn progress;   /* NULL: none */
    void *progress_user;
};

/* What a run found and how long it took. */
struct cor_panel_stats {
    unsigned long long rows;      /* data rows */
    unsigned long long missing;   /* rows whose value is a missing word */
    unsigned long long groups;    /* groups or series */
    unsigned int parts;           /* 1 or 2: the parts the file was read in */
    double t_read, t_compute, t_write;   /* seconds */
};

/* Runs the workload on the CSV file at path and writes CSV to out: share
 * and growth in the file's delimiter (each row as it was, plus the new
 * column), trend and hhi comma-separated. COR_EDATA when the input is
 * malformed (every problem is in diags), COR_EIO when it cannot be read or
 * written (err names the path; a directory or any other file that is not
 * a regular file is refused: the panel is read twice), COR_EINVAL for a
 * spec that cannot work. stats may be NULL. */
enum cor_status cor_panel_run(const struct cor_panel_spec *spec, const char *path, FILE *out,
                              struct cor_panel_stats *stats, struct cor_diags *diags,
                              struct cor_error *err);

/* The same on a regular file open for reading at fd (read with pread from
 * offset 0; left open), named `name` in messages. */
enum cor_status cor_panel_run_fd(const struct cor_panel_spec *spec, int fd, const char *name,
                                 FILE *out, struct cor_panel_stats *stats,
                                 struct cor_diags *diags, struct cor_error *err);

#endif
