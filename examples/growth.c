/* growth: a small program built on libcorridor, as a user would write it.
 *
 *   growth DATA KIND ENTITY UNIT [COLUMN=VALUE]...
 *
 * Loads and validates the dataset folder DATA, selects ENTITY's figures of
 * record kind KIND in UNIT (the conditions fix the other key columns), and
 * prints the year-on-year growth of every full year whose previous year has
 * exactly one figure, as a CSV table on standard output.
 * Exit status: 0, 2 usage, 3 invalid data or an unusable selection. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <corridor.h>

/* The one full-year point of `year`, or NULL (none, or several). */
static const struct cor_point *year_point(const struct cor_series *s, int year)
{
    const struct cor_point *found = NULL;
    for (size_t i = 0; i < s->n; i++)
        if (cor_period_is_year(&s->points[i].period) && s->points[i].period.y0 == year) {
            if (found)
                return NULL;
            found = &s->points[i];
        }
    return found;
}

static int run(struct cor_dataset *ds, struct cor_diags *diags, int argc, char **argv)
{
    struct cor_error err = {0};
    if (cor_dataset_load(ds, argv[1], diags, &err) != COR_OK ||
        cor_dataset_check(ds, diags, &err) != COR_OK || diags->errors) {
        char line[1024];
        for (size_t i = 0; i < diags->count; i++) {
            cor_diag_format(diags, i, line, sizeof line);
            fprintf(stderr, "growth: %s\n", line);
        }
        return 3;
    }
    const struct cor_schema *kind = cor_schema_lookup(argv[2], strlen(argv[2]));
    if (!kind) {
        fprintf(stderr, "growth: unknown record kind '%s'\n", argv[2]);
        return 2;
    }
    struct cor_select sel;
    cor_select_init(&sel, kind->kind);
    sel.entity = argv[3];
    sel.unit = cor_unit_lookup(argv[4], strlen(argv[4]));
    for (int i = 5; i < argc && sel.nwhere < COR_SELECT_MAX_WHERE; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq) {
            fprintf(stderr, "growth: expected COLUMN=VALUE, got '%s'\n", argv[i]);
            return 2;
        }
        *eq = '\0';
        sel.where[sel.nwhere].column = argv[i];
        sel.where[sel.nwhere++].value = eq + 1;
    }
    struct cor_series s;
    if (cor_series_select(ds, &sel, &s, &err) != COR_OK) {
        fprintf(stderr, "growth: %s\n", err.message);
        return 3;
    }
    struct cor_table *t = cor_table_new("year-on-year growth");
    cor_table_add_col(t, "year", NULL, COR_CELL_NUMBER, 0);
    cor_table_add_col(t, "growth", "fraction", COR_CELL_NUMBER, 4);
    for (size_t i = 0; i < s.n; i++) {
        const struct cor_point *now = &s.points[i];
        const struct cor_point *before = year_point(&s, now->period.y0 - 1);
        if (!cor_period_is_year(&now->period) || !before)
            continue;
        struct cor_ival g = cor_metrics_growth(now->v, before->v);
        cor_table_add_row(t);
        cor_table_set_num(t, 0, now->period.y0);
        cor_table_set_num(t, 1, g.na ? NAN : g.value);
    }
    enum cor_status st = cor_export_table(t, COR_FMT_CSV, stdout);
    cor_table_free(t);
    cor_series_fini(&s);
    return st == COR_OK ? 0 : 3;
}

int main(int argc, char **argv)
{
    cor_init();   /* GSL errors become statuses, not aborts */
    if (argc < 5) {
        fprintf(stderr, "usage: growth DATA KIND ENTITY UNIT [COLUMN=VALUE]...\n");
        return 2;
    }
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_dataset *ds = cor_dataset_new();
    int rc = ds ? run(ds, &diags, argc, argv) : 3;
    cor_dataset_free(ds);
    cor_diags_fini(&diags);
    return rc;
}
