/* ports: the README's first example. Lists the valid port figures of a
 * dataset folder or file, one a line: PORT YEAR VALUE UNIT.
 *
 *   ports DATA
 *
 * Exit status: 0, 2 usage, 3 invalid data, 4 out of memory. */
#include <stdio.h>

#include <corridor.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: ports DATA\n");
        return 2;
    }
    cor_init();   /* once, first: GSL errors become statuses, not aborts */
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_error err = {0};
    struct cor_dataset *ds = cor_dataset_new();   /* NULL: out of memory */
    int rc = 0;
    if (!ds || cor_dataset_load(ds, argv[1], &diags, &err) != COR_OK ||
        cor_dataset_check(ds, &diags, &err) != COR_OK) {
        fprintf(stderr, "ports: %s\n", ds ? err.message : "out of memory");
        rc = 4;
    } else if (diags.errors) {
        char line[1024];
        for (size_t i = 0; i < diags.count; i++) {
            cor_diag_format(&diags, i, line, sizeof line);
            fprintf(stderr, "%s\n", line);
        }
        rc = 3;
    } else {
        for (size_t i = 0; i < cor_dataset_count(ds, COR_KIND_PORT); i++) {
            struct cor_record_ref r = cor_dataset_record(ds, COR_KIND_PORT, i);
            if (!r.origin->invalid)
                printf("%s %d %g %s\n", cor_dataset_str(ds, r.port->port),
                       r.obs->period.y0, r.obs->value, cor_unit_at(r.obs->unit)->name);
        }
    }
    cor_dataset_free(ds);
    cor_diags_fini(&diags);
    return rc;
}
