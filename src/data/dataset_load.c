/* Loading: CSV rows -> typed records through the schema tables. Every cell
 * problem is reported where it is; rows with errors are left out. */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "corridor/csvread.h"
#include "corridor/num.h"
#include "corridor/series.h"
#include "dataset_internal.h"
#include "record_internal.h"

struct cor_dataset *cor_dataset_new(void)
{
    struct cor_dataset *ds = calloc(1, sizeof *ds);
    if (!ds)
        return NULL;
    cor_read_opts_init(&ds->ropts);
    ds->strings = cor_intern_new();
    if (!ds->strings) {
        free(ds);
        return NULL;
    }
    return ds;
}

void cor_dataset_free(struct cor_dataset *ds)
{
    if (!ds)
        return;
    cor_intern_free(ds->strings);
    for (int k = 0; k < COR_KIND_COUNT; k++)
        free(ds->records[k].data);
    for (size_t i = 0; i < ds->nfiles; i++) {
        free(ds->files[i]);
        free(ds->real[i]);
    }
    free(ds->files);
    free(ds->real);
    free(ds);
}

void cor_dataset_set_read_opts(struct cor_dataset *ds, const struct cor_read_opts *o)
{
    ds->ropts = *o;
}

size_t cor_dataset_missing(const struct cor_dataset *ds)
{
    return ds->missing;
}

/* State while one file is read. */
struct load {
    struct cor_dataset *ds;
    struct cor_diags *diags;
    size_t dfile;                 /* file index in diags */
    uint32_t file;                /* file index in ds */
    const struct cor_schema *schema;
    const struct cor_column **map; /* header position -> column (NULL: ignored); ncols entries */
    size_t ncols;
    unsigned char template_rec[512]; /* defaults for absent columns */
    enum cor_status fatal;        /* ENOMEM */
    int skip;                     /* header unusable: ignore the rest */
};

static void diag(struct load *L, enum cor_severity sev, enum cor_diag_code code,
                 unsigned long line, unsigned long col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static void diag(struct load *L, enum cor_severity sev, enum cor_diag_code code,
                 unsigned long line, unsigned long col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (cor_diags_vadd(L->diags, sev, code, L->dfile, line, col, fmt, ap) != COR_OK)
        L->fatal = COR_ENOMEM;
    va_end(ap);
}

/* A word of a column's allowed list, case-insensitive; stored in its canonical case. */
static const char *allowed_word(const struct cor_column *c, const char *s, size_t len)
{
    for (const char *const *w = c->allowed; *w; w++)
        if (cor_word_eq(s, len, *w))
            return *w;
    return NULL;
}

static void list_allowed(const struct cor_column *c, char *buf, size_t n)
{
    buf[0] = '\0';
    for (const char *const *w = c->allowed; *w; w++) {
        size_t used = strlen(buf);
        snprintf(buf + used, n - used, "%s%s", used ? ", " : "", *w);
    }
}

/* Parses one cell of column c into rec. Returns 0 and reports if invalid. */
static int set_cell(struct load *L, const struct cor_column *c, unsigned char *rec,
                    const char *s, size_t len, unsigned long line, unsigned long col)
{
    void *field = rec + c->offset;
    char shown[160];
    snprintf(shown, sizeof shown, "%.*s", (int)(len < 120 ? len : 120), s);

    switch (c->type) {
    case COR_COL_TEXT: {
        cor_sym id;
        if (cor_intern_add(L->ds->strings, s, len, &id) != COR_OK) {
            L->fatal = COR_ENOMEM;
            return 0;
        }
        *(cor_sym *)field = id;
        return 1;
    }
    case COR_COL_WORD: {
        const char *w = allowed_word(c, s, len);
        if (!w) {
            char list[200];
            list_allowed(c, list, sizeof list);
            diag(L, COR_SEV_ERROR, COR_D_UNKNOWN_VALUE, line, col,
                 "unknown value '%s' in column '%s' (expected one of: %s)", shown, c->name, list);
            return 0;
        }
        cor_sym id;
        if (cor_intern_add(L->ds->strings, w, strlen(w), &id) != COR_OK) {
            L->fatal = COR_ENOMEM;
            return 0;
        }
        *(cor_sym *)field = id;
        return 1;
    }
    case COR_COL_NUMBER: {
        double v;
        int dec = 0;
        enum cor_status st = cor_read_number(&L->ds->ropts, s, len, &v, &dec);
        if (st != COR_OK) {
            diag(L, COR_SEV_ERROR, COR_D_BAD_NUMBER, line, col,
                 st != COR_ERANGE ? "invalid number '%s' in column '%s'%s"
                 : isinf(v)       ? "number '%s' in column '%s' is too large%s"
                                  : "number '%s' in column '%s' is too small to represent%s",
                 shown, c->name,
                 st != COR_ERANGE ? cor_read_number_hint(&L->ds->ropts, s, len) : "");
            return 0;
        }
        *(double *)field = v;
        if (c->decimals_offset)
            *(int *)(rec + c->decimals_offset) = dec;
        return 1;
    }
    case COR_COL_PERIOD: {
        enum cor_status st = cor_read_period(s, len, field);
        if (st != COR_OK) {
            /* a span whose ends are periods of different forms, one a part-year */
            const char *dots = len > 2 ? strstr(shown, "..") : NULL;
            struct cor_period a, b;
            int ends = dots && cor_read_period(shown, (size_t)(dots - shown), &a) == COR_OK &&
                       cor_read_period(dots + 2, strlen(dots + 2), &b) == COR_OK;
            if (st != COR_ERANGE && ends &&
                (a.kind == COR_PERIOD_YTD || b.kind == COR_PERIOD_YTD)) {
                diag(L, COR_SEV_ERROR, COR_D_BAD_PERIOD, line, col,
                     "period '%s' in column '%s' joins %s and %s: a part of a year is "
                     "compared only with the same part of another year (2024-9M..2025-9M)",
                     shown, c->name, a.kind == COR_PERIOD_YTD ? "a part-year" : "a whole period",
                     b.kind == COR_PERIOD_YTD ? "a part-year" : "a whole period");
                return 0;
            }
            diag(L, COR_SEV_ERROR, COR_D_BAD_PERIOD, line, col,
                 st == COR_ERANGE ? "period '%s' in column '%s' ends before it starts"
                                  : "malformed period '%s' in column '%s'",
                 shown, c->name);
            return 0;
        }
        return 1;
    }
    case COR_COL_QUALIFIER: {
        int q = cor_qualifier_lookup(s, len);
        if (q < 0) {
            diag(L, COR_SEV_ERROR, COR_D_UNKNOWN_QUALIFIER, line, col,
                 "unknown qualifier '%s' in column '%s'", shown, c->name);
            return 0;
        }
        *(enum cor_qualifier *)field = (enum cor_qualifier)q;
        return 1;
    }
    case COR_COL_STATUS: {
        int st = cor_status_lookup(s, len);
        if (st < 0) {
            diag(L, COR_SEV_ERROR, COR_D_UNKNOWN_STATUS, line, col,
                 "unknown status '%s' in column '%s'", shown, c->name);
            return 0;
        }
        *(enum cor_obs_status *)field = (enum cor_obs_status)st;
        return 1;
    }
    case COR_COL_UNIT: {
        int u = cor_unit_lookup(s, len);
        if (u < 0) {
            const char *best = cor_unit_closest(shown);
            diag(L, COR_SEV_ERROR, COR_D_UNKNOWN_UNIT, line, col,
                 "unknown unit '%s' in column '%s'%s%s%s", shown, c->name,
                 best ? "; did you mean '" : "", best ? best : "", best ? "'?" : "");
            return 0;
        }
        *(int *)field = u;
        return 1;
    }
    case COR_COL_CURRENCY:
    case COR_COL_CODE: {
        int cur = cor_currency_lookup(s, len);
        if (cur < 0) {
            diag(L, COR_SEV_ERROR, COR_D_UNKNOWN_CURRENCY, line, col,
                 "unknown currency '%s' in column '%s' (expected an ISO 4217 code)", shown,
                 c->name);
            return 0;
        }
        if (c->type == COR_COL_CURRENCY) {
            *(int *)field = cur;
            return 1;
        }
        cor_sym id;
        if (cor_intern_add(L->ds->strings, s, len, &id) != COR_OK) {
            L->fatal = COR_ENOMEM;
            return 0;
        }
        *(cor_sym *)field = id;
        return 1;
    }
    }
    return 0;
}

/* The value a column has when its cell is empty or (absent = 1) the column absent. */
static void set_empty(struct load *L, const struct cor_column *c, unsigned char *rec, int absent)
{
    void *field = rec + c->offset;
    if (c->deflt && (absent || !(c->flags & COR_COL_ABSENT_DEFAULT))) {
        set_cell(L, c, rec, c->deflt, strlen(c->deflt), 0, 0);
        return;
    }
    switch (c->type) {
    case COR_COL_NUMBER: *(double *)field = NAN; break;
    case COR_COL_UNIT:
    case COR_COL_CURRENCY: *(int *)field = -1; break;
    case COR_COL_PERIOD: memset(field, 0, sizeof(struct cor_period)); break;
    default: *(cor_sym *)field = COR_SYM_NONE; break;
    }
}

/* Maps the header's columns onto the schema of the kind it names. */
static enum cor_status header_columns(struct load *L, const struct cor_csv_row *row,
                                      const char *const *names, size_t n)
{
    L->schema = cor_schema_detect(names, n);
    char hint[200];
    if (!L->schema && n <= 2 &&
        cor_read_delimiter_hint(&L->ds->ropts, row->fields[0].text, row->fields[0].len, hint,
                                sizeof hint)) {
        diag(L, COR_SEV_ERROR, COR_D_UNKNOWN_KIND, row->line, row->fields[0].col,
             "cannot tell the record kind from the header, which %s", hint);
        L->skip = 1;
        return L->fatal;
    }
    if (!L->schema) {
        diag(L, COR_SEV_ERROR, COR_D_UNKNOWN_KIND, row->line, row->fields[0].col,
             "cannot tell the record kind from the header: expected a column 'port', "
             "'pipeline', 'importer' (or 'reporter'), 'basis', 'asset', 'measure', "
             "'publisher', 'rate' or 'base_period'");
        L->skip = 1;
        return L->fatal;
    }
    L->ncols = n;
    for (size_t i = 0; i < n; i++) {
        const struct cor_column *c = cor_schema_column(L->schema, names[i], strlen(names[i]));
        if (!c) {
            diag(L, COR_SEV_WARNING, COR_D_UNKNOWN_COLUMN, row->line, row->fields[i].col,
                 "unknown column '%s' for kind '%s' is ignored", names[i], L->schema->name);
            continue;
        }
        for (size_t j = 0; j < i; j++)
            if (L->map[j] == c) {
                diag(L, COR_SEV_ERROR, COR_D_DUP_COLUMN, row->line, row->fields[i].col,
                     "column '%s' appears twice in the header", c->name);
                L->skip = 1;
            }
        L->map[i] = c;
    }
    memset(L->template_rec, 0, sizeof L->template_rec);
    for (size_t k = 0; k < L->schema->ncols; k++) {
        const struct cor_column *c = &L->schema->cols[k];
        int present = 0;
        for (size_t i = 0; i < n; i++)
            present |= L->map[i] == c;
        if (!present && (c->flags & COR_COL_REQUIRED)) {
            diag(L, COR_SEV_ERROR, COR_D_MISSING_COLUMN, row->line, row->fields[0].col,
                 "missing required column '%s' for kind '%s'", c->name, L->schema->name);
            L->skip = 1;
        }
        set_empty(L, c, L->template_rec, !present);
    }
    return L->fatal;
}

static enum cor_status on_header(struct load *L, const struct cor_csv_row *row)
{
    size_t n = row->nfields;
    const char **names = calloc(n ? n : 1, sizeof *names);
    size_t total = 1;
    for (size_t i = 0; i < n; i++)
        total += row->fields[i].len + 1;
    char *text = malloc(total);
    L->map = calloc(n ? n : 1, sizeof *L->map);
    if (!names || !text || !L->map) {
        free(names);
        free(text);
        L->fatal = COR_ENOMEM;
        return L->fatal;
    }
    /* the trimmed names, each NUL-terminated, in one block */
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = row->fields[i].text;
        size_t len = row->fields[i].len;
        cor_read_trim(&s, &len);
        memcpy(text + at, s, len);
        text[at + len] = '\0';
        names[i] = text + at;
        at += len + 1;
    }
    enum cor_status st = header_columns(L, row, names, n);
    free(names);
    free(text);
    return st;
}

static enum cor_status add_record(struct load *L, const unsigned char *rec)
{
    struct cor_record_array *a = &L->ds->records[L->schema->kind];
    size_t size = L->schema->record_size;
    if (a->count == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 64;
        unsigned char *data = realloc(a->data, cap * size);
        if (!data)
            return COR_ENOMEM;
        a->data = data;
        a->cap = cap;
    }
    memcpy(a->data + a->count * size, rec, size);
    a->count++;
    return COR_OK;
}

/* Column of the cell of the schema column called name in this row (the
 * row's first column if the file has no such column). */
static unsigned long col_of(const struct load *L, const struct cor_csv_row *row, const char *name)
{
    for (size_t i = 0; i < L->ncols; i++)
        if (L->map[i] && strcmp(L->map[i]->name, name) == 0)
            return row->fields[i].col;
    return row->fields[0].col;
}

/* Checks that involve several cells of one observation. Cells that failed to
 * parse (bad_number: value, lo or hi; bad_unit: unit, currency or qualifier)
 * are not judged again. */
static int check_obs(struct load *L, const struct cor_obs *o, const struct cor_csv_row *row,
                     int bad_number, int bad_unit)
{
    unsigned long line = row->line;
    unsigned long value_col = col_of(L, row, L->schema->cols[0].name);
    unsigned long unit_col = col_of(L, row, "unit");
    for (size_t k = 0; k < L->schema->ncols; k++)
        if (L->schema->cols[k].offset == offsetof(struct cor_obs, value) &&
            L->schema->cols[k].type == COR_COL_NUMBER)
            value_col = col_of(L, row, L->schema->cols[k].name);
    const struct cor_unit *u = cor_unit_at(o->unit);
    int ok = 1;
    if (o->period.kind == COR_PERIOD_SPAN && o->period.start_kind == COR_PERIOD_YTD) {
        diag(L, COR_SEV_ERROR, COR_D_BAD_PERIOD, line, col_of(L, row, "period"),
             "a pair of year-to-date periods (2024-9M..2025-9M) is for claims that compare "
             "them; a figure covers one stretch: write it in months (2024-01..2025-09)");
        ok = 0;
    }
    if (bad_number || bad_unit) {
        /* only what does not depend on the failed cells */
    } else if (o->qualifier == COR_Q_RANGE) {
        if (isnan(o->lo) || isnan(o->hi)) {
            diag(L, COR_SEV_ERROR, COR_D_RANGE_ORDER, line, value_col,
                 "qualifier range needs both lo and hi");
            ok = 0;
        } else if (o->lo > o->hi) {
            char a[40], b[40];
            cor_num_format(o->lo, a, sizeof a);
            cor_num_format(o->hi, b, sizeof b);
            diag(L, COR_SEV_ERROR, COR_D_RANGE_ORDER, line, value_col,
                 "range lo %s is above hi %s", a, b);
            ok = 0;
        } else if (!isnan(o->value)) {
            diag(L, COR_SEV_ERROR, COR_D_RANGE_ORDER, line, value_col,
                 "a range takes its bounds from lo and hi: leave the value empty");
            ok = 0;
        }
    } else {
        if (isnan(o->value) && o->qualifier != COR_Q_EXACT) {
            diag(L, COR_SEV_ERROR, COR_D_MISSING_VALUE, line, value_col,
                 "missing value (qualifier %s needs a number)",
                 cor_qualifier_name(o->qualifier));
            ok = 0;
        }
        if (!isnan(o->lo) || !isnan(o->hi)) {
            diag(L, COR_SEV_ERROR, COR_D_RANGE_ORDER, line, value_col,
                 "lo and hi are only for qualifier range, not %s",
                 cor_qualifier_name(o->qualifier));
            ok = 0;
        }
    }
    double vals[3] = {o->value, o->lo, o->hi};
    for (int i = 0; i < 3; i++) {
        if (isnan(vals[i]))
            continue;
        char a[40];
        cor_num_format(vals[i], a, sizeof a);
        if (vals[i] < 0 && !(u && u->dim == COR_DIM_NUMBER)) {
            diag(L, COR_SEV_ERROR, COR_D_OUT_OF_RANGE, line, value_col, "negative value %s", a);
            ok = 0;
            break;
        }
        if (!u || bad_unit)
            continue;
        if (u->dim == COR_DIM_SHARE && vals[i] * u->factor > 1.0) {
            diag(L, COR_SEV_ERROR, COR_D_OUT_OF_RANGE, line, value_col,
                 "share %s %s is above 100%%", a, u->name);
            ok = 0;
            break;
        }
        if (u->dim == COR_DIM_RATIO && vals[i] == 0) {
            diag(L, COR_SEV_ERROR, COR_D_OUT_OF_RANGE, line, value_col,
                 "a rate or index of %s is not possible", a);
            ok = 0;
            break;
        }
    }
    if (bad_unit)
        return 0;
    if (!u) {
        diag(L, COR_SEV_ERROR, COR_D_MISSING_VALUE, line, unit_col, "missing unit");
        ok = 0;
    } else if (!cor_schema_accepts_dim(L->schema->kind, u->dim)) {
        diag(L, COR_SEV_ERROR, COR_D_UNKNOWN_UNIT, line, unit_col,
             "unit '%s' (%s) is not a unit for this kind of record", u->name, cor_dim_name(u->dim));
        ok = 0;
    } else if (u->dim == COR_DIM_MONEY && o->currency < 0) {
        diag(L, COR_SEV_ERROR, COR_D_UNKNOWN_CURRENCY, line, unit_col,
             "unit '%s' is a money scale: the currency column must name a currency", u->name);
        ok = 0;
    } else if (u->dim != COR_DIM_MONEY && o->currency >= 0) {
        diag(L, COR_SEV_ERROR, COR_D_UNKNOWN_UNIT, line, unit_col,
             "currency %s given with unit '%s': money amounts take a scale (1, thousand, "
             "million, billion)",
             cor_currency_name(o->currency), u->name);
        ok = 0;
    }
    return ok;
}

/* 1 if the claim row's metric is skip (a statement left unchecked). */
static int is_skip(const struct load *L, const struct cor_claim_record *c)
{
    const char *m = cor_intern_str(L->ds->strings, c->metric);
    return cor_claim_metric_lookup(m, strlen(m)) == COR_CM_SKIP;
}

/* A claim row fills kind, claim_qualifier and claim_unit (unless its metric
 * takes none: rank, direction), unless its metric is skip, which needs its
 * reason in note. */
static int check_claim_cells(struct load *L, const struct cor_claim_record *c,
                             const struct cor_csv_row *row)
{
    const char *m = cor_intern_str(L->ds->strings, c->metric);
    int metric = cor_claim_metric_lookup(m, strlen(m));
    const struct cor_claim_metric_info *info =
        metric < 0 ? NULL : cor_claim_metric_info((enum cor_claim_metric)metric);
    int unitless = info && (info->unit == COR_CU_NONE || info->unit == COR_CU_SHARE_OR_NONE);
    static const char *const needed[] = {"kind", "claim_qualifier", "claim_unit"};
    size_t nneeded = unitless ? 2 : 3;
    int skip = is_skip(L, c), ok = 1;
    int note = 0;
    for (size_t i = 0; i < L->ncols; i++) {
        const struct cor_column *col = L->map[i];
        const char *s = row->fields[i].text;
        size_t len = row->fields[i].len;
        cor_read_trim(&s, &len);
        note |= col && strcmp(col->name, "note") == 0;
        if (!col || len)
            continue;
        for (size_t k = 0; k < nneeded && !skip; k++)
            if (strcmp(col->name, needed[k]) == 0) {
                diag(L, COR_SEV_ERROR, COR_D_MISSING_VALUE, row->fields[i].line,
                     row->fields[i].col, "empty cell in required column '%s'", col->name);
                ok = 0;
            }
        if (skip && strcmp(col->name, "note") == 0) {
            diag(L, COR_SEV_ERROR, COR_D_MISSING_VALUE, row->fields[i].line, row->fields[i].col,
                 "a skip row gives its reason in column 'note'");
            ok = 0;
        }
    }
    if (skip && !note) {
        diag(L, COR_SEV_ERROR, COR_D_MISSING_VALUE, row->line, row->fields[0].col,
             "a skip row gives its reason in column 'note'");
        ok = 0;
    }
    return ok;
}

/* The aggregate cell names key columns of the kind. */
static int check_aggregate(struct load *L, const struct cor_obs *o, const struct cor_csv_row *row)
{
    const char *list = cor_intern_str(L->ds->strings, o->aggregate);
    int ok = 1;
    while (*list) {
        size_t len = strcspn(list, ",");
        const char *name = list;
        size_t nlen = len;
        cor_read_trim(&name, &nlen);
        const struct cor_column *c = cor_schema_column(L->schema, name, nlen);
        if (!c || !(c->flags & COR_COL_KEY)) {
            diag(L, COR_SEV_ERROR, COR_D_UNKNOWN_VALUE, row->line, col_of(L, row, "aggregate"),
                 "'%.*s' in column 'aggregate' is not a key column of kind '%s'", (int)nlen,
                 name, L->schema->name);
            ok = 0;
        }
        list += len;
        if (*list == ',')
            list++;
    }
    return ok;
}

struct claim_rule_ctx {
    struct load *L;
    const struct cor_csv_row *row;
};

static void claim_rule_found(void *user, const char *column, enum cor_diag_code code,
                             const char *message)
{
    struct claim_rule_ctx *x = user;
    diag(x->L, COR_SEV_ERROR, code, x->row->line, col_of(x->L, x->row, column), "%s", message);
}

/* A claim row names a known kind, its claimed number fits its qualifier, and
 * it follows the rules of its metric (claim_rules.c). */
static int check_claim(struct load *L, const struct cor_claim_record *c,
                       const struct cor_csv_row *row)
{
    int ok = 1;
    if (is_skip(L, c))
        return 1;   /* nothing to compute: check_claim_cells saw its reason */
    const char *kind = cor_intern_str(L->ds->strings, c->kind);
    const struct cor_schema *sc = cor_schema_lookup(kind, strlen(kind));
    if (!sc || !sc->has_obs) {
        diag(L, COR_SEV_ERROR, COR_D_UNKNOWN_VALUE, row->line, col_of(L, row, "kind"),
             "unknown kind '%s' in column 'kind'", kind);
        ok = 0;
    }
    /* each ';'-separated condition read by the one parser of --where:
     * COLUMN=VALUE, COLUMN!=VALUE, VALUE listing alternatives A|B */
    const char *where = cor_intern_str(L->ds->strings, c->where);
    size_t wlen = strlen(where);
    char *cond = malloc(2 * wlen + 2);
    if (!cond) {
        L->fatal = COR_ENOMEM;
        return 0;
    }
    char *col = cond + wlen + 1;
    while (*where) {
        size_t len = strcspn(where, ";");
        memcpy(cond, where, len);
        cond[len] = '\0';
        const char *value;
        int negate;
        struct cor_error err = {0};
        if (cor_where_parse(cond, col, wlen + 1, &value, &negate, &err) != COR_OK) {
            diag(L, COR_SEV_ERROR, COR_D_UNKNOWN_VALUE, row->line, col_of(L, row, "where"),
                 "column 'where': %s", err.message);
            ok = 0;
        } else if (sc && !cor_schema_column(sc, col, strlen(col))) {
            diag(L, COR_SEV_ERROR, COR_D_UNKNOWN_VALUE, row->line, col_of(L, row, "where"),
                 "kind '%s' has no column '%s'", sc->name, col);
            ok = 0;
        }
        where += len;
        if (*where == ';')
            where++;
    }
    free(cond);
    int range = c->claim_qualifier == COR_Q_RANGE;
    if (range ? (isnan(c->claim_lo) || isnan(c->claim_hi) || c->claim_lo > c->claim_hi)
              : isnan(c->claim_value)) {
        diag(L, COR_SEV_ERROR, COR_D_RANGE_ORDER, row->line, col_of(L, row, "claim_value"),
             range ? "a range claim needs claim_lo <= claim_hi"
                   : "the claim needs claim_value for qualifier %s",
             cor_qualifier_name(c->claim_qualifier));
        ok = 0;
    }
    struct claim_rule_ctx x = {L, row};
    ok &= cor_claim_rules_check(c, cor_intern_str(L->ds->strings, c->metric), claim_rule_found,
                                &x);
    return ok;
}

/* A row whose text is not valid is reported where it is and left out; a
 * header that is not valid leaves the whole file out. */
static enum cor_status bad_text(struct load *L, const struct cor_csv_row *row)
{
    for (size_t i = 0; i < row->nbad; i++) {
        const struct cor_csv_bad *b = &row->bad[i];
        if (b->cp)
            diag(L, COR_SEV_ERROR, COR_D_BAD_TEXT, b->line, b->col, "%s U+%04lX in a field",
                 b->what, b->cp);
        else
            diag(L, COR_SEV_ERROR, COR_D_BAD_TEXT, b->line, b->col, "%s in a field", b->what);
    }
    L->skip = row->index == 1;
    return L->fatal;
}

static enum cor_status on_row(const struct cor_csv_row *row, void *user)
{
    struct load *L = user;
    if (L->skip)
        return L->fatal;
    if (row->nbad)
        return bad_text(L, row);
    if (row->index == 1)
        return on_header(L, row);
    /* a delimiter after the last field of each data row (UN Comtrade) ends the row */
    if (cor_csv_row_width(row, L->ncols) != L->ncols) {
        unsigned long col = row->nfields > L->ncols ? row->fields[L->ncols].col : row->end_col;
        unsigned long line = row->nfields > L->ncols ? row->fields[L->ncols].line : row->end_line;
        diag(L, COR_SEV_ERROR, COR_D_RAGGED_ROW, line, col,
             "row has %zu fields, the header has %zu", row->nfields, L->ncols);
        return L->fatal;
    }
    unsigned char rec[sizeof L->template_rec];
    memcpy(rec, L->template_rec, sizeof rec);
    int ok = 1, bad_number = 0, bad_unit = 0, bad_period = 0;
    for (size_t i = 0; i < L->ncols; i++) {
        const struct cor_column *c = L->map[i];
        if (!c)
            continue;
        const char *s = row->fields[i].text;
        size_t len = row->fields[i].len;
        unsigned long col = row->fields[i].col;
        cor_read_trim(&s, &len);
        if (c->type == COR_COL_TEXT && c->decimals_offset)
            *(uint32_t *)(rec + c->decimals_offset) = (uint32_t)col;
        if (c->type == COR_COL_NUMBER && len && cor_read_is_na(&L->ds->ropts, s, len))
            len = 0;   /* "no figure" */
        if (len == 0) {
            if (c->flags & COR_COL_NONEMPTY) {
                diag(L, COR_SEV_ERROR, COR_D_MISSING_VALUE, row->fields[i].line, col,
                     "empty cell in required column '%s'", c->name);
                ok = 0;
                bad_unit |= c->type == COR_COL_UNIT || c->type == COR_COL_CURRENCY;
            } else
                set_empty(L, c, rec, 0);
            continue;
        }
        if (!set_cell(L, c, rec, s, len, row->fields[i].line, col)) {
            ok = 0;
            bad_number |= c->type == COR_COL_NUMBER;
            bad_unit |= c->type == COR_COL_UNIT || c->type == COR_COL_CURRENCY ||
                        c->type == COR_COL_QUALIFIER;
            bad_period |= c->type == COR_COL_PERIOD;
        }
    }
    if (L->fatal != COR_OK)
        return L->fatal;
    if (L->schema->has_obs) {
        const struct cor_obs *o = (const struct cor_obs *)rec;
        ok &= check_obs(L, o, row, bad_number, bad_unit);
        ok &= check_aggregate(L, o, row);
        if (ok && isnan(o->value) && o->qualifier == COR_Q_EXACT)
            L->ds->missing++;
    }
    if (!bad_number && L->schema->kind == COR_KIND_DEAL) {
        const struct cor_deal_record *d = (const struct cor_deal_record *)rec;
        if (!(d->stake > 0 && d->stake <= 1)) {
            char a[40];
            cor_num_format(d->stake, a, sizeof a);
            diag(L, COR_SEV_ERROR, COR_D_OUT_OF_RANGE, row->line, col_of(L, row, "stake"),
                 "stake %s is outside (0, 1]: write 10%% as 0.10", a);
            ok = 0;
        }
    }
    if (L->schema->kind == COR_KIND_CLAIM) {
        int cells = check_claim_cells(L, (const struct cor_claim_record *)rec, row);
        if (cells && !bad_number && !bad_unit && !bad_period)
            ok &= check_claim(L, (const struct cor_claim_record *)rec, row);
        ok &= cells;
    }
    struct cor_origin *origin = (struct cor_origin *)cor_record_origin(L->schema->kind, rec);
    origin->file = L->file;
    origin->line = (uint32_t)row->line;
    origin->invalid = !ok;
    return add_record(L, rec);
}

static int already_loaded(const struct cor_dataset *ds, const char *real)
{
    for (size_t i = 0; i < ds->nfiles; i++)
        if (strcmp(ds->real[i], real) == 0)
            return 1;
    return 0;
}

static enum cor_status add_file(struct cor_dataset *ds, const char *path, const char *real)
{
    char **files = realloc(ds->files, (ds->nfiles + 1) * sizeof *files);
    if (!files)
        return COR_ENOMEM;
    ds->files = files;
    char **reals = realloc(ds->real, (ds->nfiles + 1) * sizeof *reals);
    if (!reals)
        return COR_ENOMEM;
    ds->real = reals;
    char *p = strdup(path), *r = strdup(real);
    if (!p || !r) {
        free(p);
        free(r);
        return COR_ENOMEM;
    }
    ds->files[ds->nfiles] = p;
    ds->real[ds->nfiles] = r;
    ds->nfiles++;
    return COR_OK;
}

static enum cor_status load_file(struct cor_dataset *ds, const char *path,
                                 struct cor_diags *diags, struct cor_error *err)
{
    size_t dfile;
    if (cor_diags_file(diags, path, &dfile) != COR_OK)
        return cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
    char *real = realpath(path, NULL);
    if (!real) {
        if (cor_diags_add(diags, COR_SEV_ERROR, COR_D_IO, dfile, 0, 0, "cannot read: %s",
                          strerror(errno)) != COR_OK)
            return cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
        return COR_OK;
    }
    if (already_loaded(ds, real)) {
        free(real);
        return COR_OK;
    }
    enum cor_status st = add_file(ds, path, real);
    free(real);
    if (st != COR_OK)
        return cor_error_set(err, st, path, 0, 0, "out of memory");

    struct load L;
    memset(&L, 0, sizeof L);
    L.ds = ds;
    L.diags = diags;
    L.dfile = dfile;
    L.file = (uint32_t)(ds->nfiles - 1);
    struct cor_error rerr;
    size_t before = diags->count;
    st = cor_csv_read_file_delim(path, 0, ds->ropts.delimiter, on_row, &L, &rerr);
    free(L.map);
    if (st == COR_ENOMEM || L.fatal == COR_ENOMEM)
        return cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
    if (st == COR_EPARSE || st == COR_EIO) {
        enum cor_diag_code code = st == COR_EPARSE ? COR_D_CSV_SYNTAX : COR_D_IO;
        if (cor_diags_add(diags, COR_SEV_ERROR, code, dfile, rerr.line, rerr.col, "%s",
                          rerr.message) != COR_OK)
            return cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
    } else if (st == COR_OK && !L.schema && diags->count == before) {
        if (cor_diags_add(diags, COR_SEV_ERROR, COR_D_EMPTY_FILE, dfile, 1, 1,
                          "empty file: no header line") != COR_OK)
            return cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
    }
    return COR_OK;
}

static int has_csv_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".csv") == 0 && name[0] != '.';
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join_path(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    char *p = malloc(dl + nl + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, dl);
    size_t at = dl;
    if (dl && dir[dl - 1] != '/')
        p[at++] = '/';
    memcpy(p + at, name, nl + 1);
    return p;
}

static enum cor_status load_dir(struct cor_dataset *ds, const char *path,
                                struct cor_diags *diags, struct cor_error *err)
{
    DIR *d = opendir(path);
    if (!d) {
        size_t dfile;
        if (cor_diags_file(diags, path, &dfile) != COR_OK || cor_diags_add(diags, COR_SEV_ERROR, COR_D_IO, dfile, 0, 0,
                                                 "cannot read: %s", strerror(errno)) != COR_OK)
            return cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
        return COR_OK;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    enum cor_status st = COR_OK;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!has_csv_suffix(e->d_name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) {
                st = COR_ENOMEM;
                goto out;
            }
            names = nn;
        }
        names[n] = strdup(e->d_name);
        if (!names[n]) {
            st = COR_ENOMEM;
            goto out;
        }
        n++;
    }
    if (n == 0) {
        size_t dfile;
        if (cor_diags_file(diags, path, &dfile) != COR_OK ||
            cor_diags_add(diags, COR_SEV_ERROR, COR_D_NO_DATA, dfile, 0, 0,
                          "no CSV files in this folder: nothing to read") != COR_OK)
            st = COR_ENOMEM;
        goto out;
    }
    qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n && st == COR_OK; i++) {
        char *full = join_path(path, names[i]);
        if (!full) {
            st = COR_ENOMEM;
            break;
        }
        st = load_file(ds, full, diags, err);
        free(full);
    }
out:
    closedir(d);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (st == COR_ENOMEM)
        return cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
    return st;
}

enum cor_status cor_dataset_load(struct cor_dataset *ds, const char *path,
                                 struct cor_diags *diags, struct cor_error *err)
{
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return load_dir(ds, path, diags, err);
    enum cor_status st = load_file(ds, path, diags, err);
    if (st != COR_OK)
        return st;
    /* the sources table next to the file, so that its citations can be checked */
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, (size_t)(slash - path + 1)) : strdup("");
    if (!dir)
        return cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
    char *sources = join_path(dir, "sources.csv");
    free(dir);
    if (!sources)
        return cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
    if (stat(sources, &sb) == 0 && S_ISREG(sb.st_mode))
        st = load_file(ds, sources, diags, err);
    free(sources);
    return st;
}

size_t cor_dataset_count(const struct cor_dataset *ds, enum cor_kind kind)
{
    return (unsigned)kind < COR_KIND_COUNT ? ds->records[kind].count : 0;
}

const void *cor_dataset_rec(const struct cor_dataset *ds, enum cor_kind kind, size_t i)
{
    if ((unsigned)kind >= COR_KIND_COUNT || i >= ds->records[kind].count)
        return NULL;
    return ds->records[kind].data + i * cor_schema_get(kind)->record_size;
}

struct cor_record_ref cor_dataset_record(const struct cor_dataset *ds, enum cor_kind kind,
                                         size_t i)
{
    return cor_record_ref_make(kind, cor_dataset_rec(ds, kind, i));
}

const char *cor_dataset_str(const struct cor_dataset *ds, cor_sym sym)
{
    return cor_intern_str(ds->strings, sym);
}

cor_sym cor_dataset_sym(const struct cor_dataset *ds, const char *text)
{
    return cor_intern_find(ds->strings, text, strlen(text));
}

const struct cor_source_record *cor_dataset_source(const struct cor_dataset *ds, cor_sym id)
{
    const struct cor_record_array *a = &ds->records[COR_KIND_SOURCE];
    const struct cor_source_record *s = (const struct cor_source_record *)a->data;
    for (size_t i = 0; i < a->count; i++)
        if (s[i].id == id)
            return &s[i];
    return NULL;
}

const char *cor_dataset_file(const struct cor_dataset *ds, uint32_t file)
{
    return file < ds->nfiles ? ds->files[file] : "";
}

size_t cor_dataset_file_count(const struct cor_dataset *ds)
{
    return ds->nfiles;
}
