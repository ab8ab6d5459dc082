/* Result tables: storage only; the writers are in export_*.c. */
#include "corridor/table.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum col_role { ROLE_PLAIN, ROLE_VALUE, ROLE_BOUND };

struct col {
    char *name, *unit;
    enum cor_cell_type type;
    int decimals;
    enum col_role role;      /* ROLE_VALUE: an interval's value, bounds in lo and hi */
    size_t lo, hi;
};

struct cell {
    char *text;
    double num;
};

struct cor_table {
    char *title;
    struct col *cols;
    size_t ncols;
    struct cell *cells;      /* rows * ncols */
    size_t nrows, cap_rows;
    char **notes;
    size_t nnotes;
    char **sources;
    size_t nsources;
};

static char *dup_text(const char *s)
{
    size_t n = strlen(s ? s : "") + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s ? s : "", n);
    return d;
}

struct cor_table *cor_table_new(const char *title)
{
    struct cor_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->title = dup_text(title);
    if (!t->title) {
        free(t);
        return NULL;
    }
    return t;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void cor_table_free(struct cor_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i].text);
    for (size_t c = 0; c < t->ncols; c++) {
        free(t->cols[c].name);
        free(t->cols[c].unit);
    }
    free(t->cols);
    free(t->cells);
    free_list(t->notes, t->nnotes);
    free_list(t->sources, t->nsources);
    free(t->title);
    free(t);
}

enum cor_status cor_table_add_col(struct cor_table *t, const char *name, const char *unit,
                                  enum cor_cell_type type, int decimals)
{
    if (t->nrows)
        return COR_EINVAL;   /* columns come before rows */
    struct col *cols = realloc(t->cols, (t->ncols + 1) * sizeof *cols);
    if (!cols)
        return COR_ENOMEM;
    t->cols = cols;
    struct col c = {dup_text(name), dup_text(unit), type, decimals, ROLE_PLAIN, 0, 0};
    if (!c.name || !c.unit) {
        free(c.name);
        free(c.unit);
        return COR_ENOMEM;
    }
    t->cols[t->ncols++] = c;
    return COR_OK;
}

enum cor_status cor_table_set_interval(struct cor_table *t, size_t value, size_t lo, size_t hi)
{
    size_t c3[3] = {value, lo, hi};
    for (size_t i = 0; i < 3; i++)
        if (c3[i] >= t->ncols || t->cols[c3[i]].type != COR_CELL_NUMBER ||
            t->cols[c3[i]].role != ROLE_PLAIN)
            return COR_EINVAL;
    if (value == lo || value == hi || lo == hi)
        return COR_EINVAL;
    t->cols[value].role = ROLE_VALUE;
    t->cols[value].lo = lo;
    t->cols[value].hi = hi;
    t->cols[lo].role = t->cols[hi].role = ROLE_BOUND;
    return COR_OK;
}

enum cor_status cor_table_add_interval_cols(struct cor_table *t, const char *name,
                                            const char *unit, int decimals)
{
    size_t n = strlen(name) + 4, at = t->ncols;
    char *buf = malloc(n);
    if (!buf)
        return COR_ENOMEM;
    enum cor_status st = cor_table_add_col(t, name, unit, COR_CELL_NUMBER, decimals);
    snprintf(buf, n, "%s_lo", name);
    if (st == COR_OK)
        st = cor_table_add_col(t, buf, unit, COR_CELL_NUMBER, decimals);
    snprintf(buf, n, "%s_hi", name);
    if (st == COR_OK)
        st = cor_table_add_col(t, buf, unit, COR_CELL_NUMBER, decimals);
    free(buf);
    if (st == COR_OK)
        st = cor_table_set_interval(t, at, at + 1, at + 2);
    return st;
}

int cor_table_col_interval(const struct cor_table *t, size_t col, size_t *lo, size_t *hi)
{
    if (col >= t->ncols || t->cols[col].role != ROLE_VALUE)
        return 0;
    if (lo)
        *lo = t->cols[col].lo;
    if (hi)
        *hi = t->cols[col].hi;
    return 1;
}

int cor_table_col_is_bound(const struct cor_table *t, size_t col)
{
    return col < t->ncols && t->cols[col].role == ROLE_BOUND;
}

enum cor_status cor_table_add_row(struct cor_table *t)
{
    if (t->nrows == t->cap_rows) {
        size_t cap = t->cap_rows ? t->cap_rows * 2 : 16;
        struct cell *cells = realloc(t->cells, cap * t->ncols * sizeof *cells);
        if (!cells)
            return COR_ENOMEM;
        t->cells = cells;
        t->cap_rows = cap;
    }
    for (size_t c = 0; c < t->ncols; c++)
        t->cells[t->nrows * t->ncols + c] = (struct cell){NULL, NAN};
    t->nrows++;
    return COR_OK;
}

static struct cell *current(struct cor_table *t, size_t col)
{
    if (!t->nrows || col >= t->ncols)
        return NULL;
    return &t->cells[(t->nrows - 1) * t->ncols + col];
}

enum cor_status cor_table_set_text(struct cor_table *t, size_t col, const char *text)
{
    struct cell *c = current(t, col);
    if (!c)
        return COR_EINVAL;
    char *d = dup_text(text);
    if (!d)
        return COR_ENOMEM;
    free(c->text);
    c->text = d;
    return COR_OK;
}

enum cor_status cor_table_set_num(struct cor_table *t, size_t col, double v)
{
    struct cell *c = current(t, col);
    if (!c)
        return COR_EINVAL;
    c->num = v;
    return COR_OK;
}

static enum cor_status push(char ***v, size_t *n, char *s)
{
    if (!s)
        return COR_ENOMEM;
    char **nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv) {
        free(s);
        return COR_ENOMEM;
    }
    *v = nv;
    (*v)[(*n)++] = s;
    return COR_OK;
}

enum cor_status cor_table_add_note(struct cor_table *t, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (s)
        vsnprintf(s, (size_t)len + 1, fmt, ap2);
    va_end(ap2);
    return push(&t->notes, &t->nnotes, s);
}

enum cor_status cor_table_add_source(struct cor_table *t, const char *id)
{
    for (size_t i = 0; i < t->nsources; i++)
        if (strcmp(t->sources[i], id) == 0)
            return COR_OK;
    return push(&t->sources, &t->nsources, dup_text(id));
}

size_t cor_table_rows(const struct cor_table *t) { return t->nrows; }
size_t cor_table_cols(const struct cor_table *t) { return t->ncols; }
const char *cor_table_title(const struct cor_table *t) { return t->title; }
const char *cor_table_col_name(const struct cor_table *t, size_t c) { return t->cols[c].name; }
const char *cor_table_col_unit(const struct cor_table *t, size_t c) { return t->cols[c].unit; }
enum cor_cell_type cor_table_col_type(const struct cor_table *t, size_t c) { return t->cols[c].type; }
int cor_table_col_decimals(const struct cor_table *t, size_t c) { return t->cols[c].decimals; }
size_t cor_table_note_count(const struct cor_table *t) { return t->nnotes; }
const char *cor_table_note(const struct cor_table *t, size_t i) { return t->notes[i]; }
size_t cor_table_source_count(const struct cor_table *t) { return t->nsources; }
const char *cor_table_source(const struct cor_table *t, size_t i) { return t->sources[i]; }

const char *cor_table_text(const struct cor_table *t, size_t row, size_t col)
{
    const char *s = t->cells[row * t->ncols + col].text;
    return s ? s : "";
}

double cor_table_num(const struct cor_table *t, size_t row, size_t col)
{
    return t->cells[row * t->ncols + col].num;
}
