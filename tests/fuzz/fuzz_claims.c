/* libFuzzer target: a claims file, checked against the bundled datasets.
 * The input is written as a claims file next to nothing else, loaded with
 * the data, validated, and when it is valid every claim gets a verdict; the
 * verdict tables (one row per claim, and per alternative) are then written
 * in every format: the JSON must be valid UTF-8 and every count must add
 * up. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include "corridor.h"
#include "fuzzutil.h"

#ifndef COR_FUZZ_DATASETS
#error "COR_FUZZ_DATASETS: the bundled datasets folder"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    fuzz_clear();
    const char *path = fuzz_write("claims.csv", data, len);
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_dataset *ds = cor_dataset_new();
    struct cor_error err = {0};
    FUZZ_CHECK(ds != NULL);
    enum cor_status st = cor_dataset_load(ds, COR_FUZZ_DATASETS, &diags, &err);
    if (st == COR_OK)
        st = cor_dataset_load(ds, path, &diags, &err);
    if (st == COR_OK)
        st = cor_dataset_check(ds, &diags, &err);
    FUZZ_CHECK(st == COR_OK);
    if (diags.errors == 0) {
        struct cor_ival_opts opts = COR_IVAL_OPTS_DEFAULT;
        struct cor_verdicts vs;
        st = cor_verdicts_evaluate(ds, &opts, &vs, &err);
        FUZZ_CHECK(st == COR_OK || st == COR_ENOMEM || st == COR_EGSL);
        if (st == COR_OK) {
            size_t total = 0;
            for (int k = 0; k < 4; k++)
                total += vs.count[k];
            FUZZ_CHECK(total == vs.n);
            for (int detail = 0; detail < 2; detail++) {
                struct cor_table *t = NULL;
                FUZZ_CHECK(cor_verdicts_table(ds, &vs, detail, &t, NULL) == COR_OK);
                FUZZ_CHECK(t != NULL);
                fuzz_write_formats(t);
                cor_table_free(t);
            }
        }
        cor_verdicts_fini(&vs);
    }
    cor_dataset_free(ds);
    cor_diags_fini(&diags);
    return 0;
}
