/* The floor for the loader: a bare libcsv parse of a panel, summing the
 * value column (the 5th) with strtod. Built and run by bench/run.sh. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

struct state {
    unsigned long long rows;
    size_t col;
    double sum;
};

static void field(void *s, size_t n, void *data)
{
    struct state *st = data;
    if (st->col++ == 4 && st->rows > 0)
        st->sum += strtod(s, NULL);
    (void)n;
}

static void record(int c, void *data)
{
    struct state *st = data;
    (void)c;
    st->rows++;
    st->col = 0;
}

int main(int argc, char **argv)
{
    static char buf[1 << 20];
    struct csv_parser p;
    struct state st = {0, 0, 0};
    FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
    if (!f || csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
        return 1;
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (csv_parse(&p, buf, n, field, record, &st) != n)
            return 1;
    csv_fini(&p, field, record, &st);
    printf("rows=%llu sum=%.17g\n", st.rows - 1, st.sum);
    return 0;
}
