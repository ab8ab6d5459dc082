/* Evaluating every claim of a dataset, for `check` and `report`. */
#ifndef CORRIDOR_CLI_VERDICTS_H
#define CORRIDOR_CLI_VERDICTS_H

#include "cli.h"

struct verdicts {
    struct cor_verdict *v;
    size_t n;
    size_t count[4];     /* by enum cor_verdict_kind */
    size_t expected;     /* rows with a tolerance (expected values) */
};

/* Evaluates every claim id in file order. CLI_OK or CLI_IO. */
int verdicts_evaluate(const struct cor_dataset *ds, const struct cor_ival_opts *opts,
                      struct verdicts *out);
void verdicts_fini(struct verdicts *vs);

/* The sources of an alternative, "a; b". */
void verdicts_sources(const struct cor_dataset *ds, const struct cor_alternative *a, char *buf,
                      size_t n);

/* Computed intervals of the deciding alternatives, "[0.35, 0.37] (projected); ..." */
void verdicts_computed(const struct cor_dataset *ds, const struct cor_verdict *v, char *buf,
                       size_t n);

/* The unit of a claim, for display ("%", "billion USD"). */
void verdicts_unit(const struct cor_dataset *ds, const struct cor_verdict *v, char *buf, size_t n);

/* A verdict table: one row per claim, or (detail) one per alternative. */
struct cor_table *verdicts_table(const struct cor_dataset *ds, const struct verdicts *vs,
                                 int detail);

#endif
