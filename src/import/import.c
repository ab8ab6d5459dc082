/* Import: the run that the formats feed. Files are read once, row by row;
 * each record is written to a temporary file at once, so memory holds one
 * row and the sources. The outputs are renamed into place at the end, and
 * only when no input had an error. */
#define _POSIX_C_SOURCE 200809L

#include "import_internal.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "corridor/names.h"
#include "corridor/num.h"

static const char *const format_names[COR_IMPORT_COUNT] = {"wdi",   "owid", "comtrade",
                                                           "sipri", "long", "wide"};

int cor_import_format_lookup(const char *name)
{
    for (int f = 0; f < COR_IMPORT_COUNT; f++)
        if (strcmp(name, format_names[f]) == 0)
            return f;
    return -1;
}

const char *cor_import_format_name(enum cor_import_format f)
{
    return (unsigned)f < COR_IMPORT_COUNT ? format_names[f] : "?";
}

void cor_import_opts_init(struct cor_import_opts *o, enum cor_import_format f)
{
    memset(o, 0, sizeof *o);
    o->format = f;
    cor_read_opts_init(&o->read);
}

/* ---- helpers the formats share ------------------------------------------ */

void imp_diag(struct imp *I, enum cor_severity sev, enum cor_diag_code code, unsigned long line,
              unsigned long col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (cor_diags_vadd(I->diags, sev, code, I->dfile, line, col, fmt, ap) != COR_OK)
        I->fatal = COR_ENOMEM;
    va_end(ap);
}

struct str imp_cell(const struct cor_csv_row *row, long i)
{
    struct str s = {"", 0};
    if (i < 0 || (size_t)i >= row->nfields)
        return s;
    s.s = row->fields[i].text;
    s.n = row->fields[i].len;
    cor_read_trim(&s.s, &s.n);
    return s;
}

int imp_eq(struct str a, const char *b)
{
    return cor_read_same_nocase(a.s, a.n, b, strlen(b));
}

int imp_is_na(const struct imp *I, struct str s)
{
    if (cor_read_is_na(&I->o->read, s.s, s.n))
        return 1;
    /* SIPRI's sheets mark unavailable data ". ." and years before a state existed "xxx" */
    return I->o->format == COR_IMPORT_SIPRI && (imp_eq(s, ". .") || imp_eq(s, "xxx"));
}

int imp_year_of(struct str s)
{
    if (s.n < 4)
        return 0;
    int y = 0;
    for (size_t i = 0; i < 4; i++) {
        if (s.s[i] < '0' || s.s[i] > '9')
            return 0;
        y = y * 10 + (s.s[i] - '0');
    }
    struct str rest = {s.s + 4, s.n - 4};
    if (rest.n == 0 || imp_eq(rest, ".0"))
        return y;
    /* DataBank: "2000 [YR2000]" */
    char tag[16];
    snprintf(tag, sizeof tag, " [YR%04d]", y);
    return imp_eq(rest, tag) ? y : 0;
}

int imp_listed_aggregate(const struct imp *I, struct str name, struct str code)
{
    const char *w = I->o->aggregates;
    while (w && *w) {
        size_t len = strcspn(w, ",");
        struct str item = {w, len};
        cor_read_trim(&item.s, &item.n);
        if (item.n && ((item.n == name.n && memcmp(item.s, name.s, name.n) == 0) ||
                       (item.n == code.n && memcmp(item.s, code.s, code.n) == 0)))
            return 1;
        w += len;
        if (*w == ',')
            w++;
    }
    return 0;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

const char *imp_source(struct imp *I, const char *id, const char *publisher, const char *title,
                       const char *url, const char *date, const char *quote)
{
    cor_sym sym;
    if (cor_intern_add(I->ids, id, strlen(id), &sym) != COR_OK) {
        I->fatal = COR_ENOMEM;
        return NULL;
    }
    if (sym - 1 < I->nsrc)
        return I->src[sym - 1].id;
    if (I->nsrc == I->capsrc) {
        size_t cap = I->capsrc ? I->capsrc * 2 : 16;
        struct imp_source *s = realloc(I->src, cap * sizeof *s);
        if (!s) {
            I->fatal = COR_ENOMEM;
            return NULL;
        }
        I->src = s;
        I->capsrc = cap;
    }
    const struct cor_import_opts *o = I->o;
    struct imp_source *s = &I->src[I->nsrc];
    s->id = strdup(id);
    s->publisher = strdup(o->publisher ? o->publisher : publisher);
    s->title = strdup(o->title ? o->title : title);
    s->url = dup_or_null(o->url ? o->url : url);
    s->date = dup_or_null(date);
    s->quote = strdup(quote);
    if (!s->id || !s->publisher || !s->title || !s->quote || (!s->url && (o->url || url)) ||
        (!s->date && date)) {
        free(s->id), free(s->publisher), free(s->title), free(s->url), free(s->date),
            free(s->quote);
        I->fatal = COR_ENOMEM;
        return NULL;
    }
    I->nsrc++;
    I->st.sources++;
    return s->id;
}

void imp_unit_of(struct str label, const char **unit, const char **currency)
{
    *unit = "number";
    *currency = NULL;
    /* the last parenthesised part states the unit: "GDP (current US$)" */
    size_t open = label.n;
    for (size_t i = label.n; i-- > 0;)
        if (label.s[i] == '(') {
            open = i;
            break;
        }
    struct str u = open < label.n ? (struct str){label.s + open, label.n - open} : label;
    char text[256];
    snprintf(text, sizeof text, "%.*s", (int)(u.n < 255 ? u.n : 255), u.s);
    for (char *p = text; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    if (strstr(text, "us$") || strstr(text, "usd") || strstr(text, "us dollar")) {
        *currency = "USD";
        *unit = strstr(text, "billion")                                    ? "billion"
                : strstr(text, "million") || strstr(text, "us$ m")         ? "million"
                : strstr(text, "thousand") || strstr(text, "us$ k")        ? "thousand"
                                                                           : "1";
        if (strstr(text, "per capita") || strstr(text, "per person") || strstr(text, "ppp"))
            *currency = NULL, *unit = "number";
    } else if (strstr(text, "% of")) {
        *unit = "%";
    } else if ((strstr(text, "population") || strstr(text, "people") || strstr(text, "persons")) &&
               !strstr(text, "per ") && !strstr(text, "%")) {
        *unit = "persons";
    } else if (strstr(text, "tonnes") || strstr(text, "metric tons")) {
        *unit = strstr(text, "million") ? "Mt" : strstr(text, "thousand") ? "kt" : "t";
    } else if (strcmp(text, "(kg)") == 0) {
        *unit = "kg";
    }
}

enum cor_status imp_open_out(struct imp *I, enum cor_kind kind)
{
    static const char *const headers[COR_KIND_COUNT] = {
        [COR_KIND_INDICATOR] = "entity,code,measure",
        [COR_KIND_TRADE] = "importer,exporter,commodity,flow",
        [COR_KIND_BUDGET] = "country,basis,price_basis",
    };
    I->out = &I->outs[I->nouts - 1];
    I->out->kind = kind;
    struct cor_error err = {0};
    I->out->a = cor_atomic_open(I->out->path, &err);
    if (!I->out->a) {
        imp_diag(I, COR_SEV_ERROR, COR_D_IO, 0, 0, "%s", err.message);
        return COR_OK;
    }
    fprintf(cor_atomic_stream(I->out->a),
            "%s,period,value,unit,currency,aggregate,note,source\n", headers[kind]);
    return COR_OK;
}

/* Writes s as one CSV field (quoted when it holds a comma, a quote, a line
 * break or surrounding spaces). */
static void put_field(FILE *f, const char *s, size_t n, int comma)
{
    if (comma)
        fputc(',', f);
    int quote = n && (s[0] == ' ' || s[n - 1] == ' ');
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        fwrite(s, 1, n, f);
        return;
    }
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            fputc('"', f);
        fputc(s[i], f);
    }
    fputc('"', f);
}

static void put_text(FILE *f, const char *s, int comma)
{
    put_field(f, s ? s : "", s ? strlen(s) : 0, comma);
}

void imp_emit(struct imp *I, const struct str *keys, struct str period, struct str cell,
              const char *unit, const char *currency, const char *aggregate, struct str note,
              const char *source, const struct cor_csv_row *row, long value_col)
{
    unsigned long line = value_col >= 0 && (size_t)value_col < row->nfields
                             ? row->fields[value_col].line
                             : row->line;
    unsigned long col = value_col >= 0 && (size_t)value_col < row->nfields
                            ? row->fields[value_col].col
                            : 1;
    if (imp_is_na(I, cell)) {
        I->st.missing++;
        return;
    }
    double v;
    int dec;
    enum cor_status st = cor_read_number(&I->o->read, cell.s, cell.n, &v, &dec);
    if (st != COR_OK) {
        imp_diag(I, COR_SEV_ERROR, COR_D_BAD_NUMBER, line, col, "invalid number '%.*s'",
                 (int)(cell.n < 120 ? cell.n : 120), cell.s);
        return;
    }
    struct cor_period p;
    if (cor_read_period(period.s, period.n, &p) != COR_OK) {
        imp_diag(I, COR_SEV_ERROR, COR_D_BAD_PERIOD, line, col, "malformed period '%.*s'",
                 (int)(period.n < 60 ? period.n : 60), period.s);
        return;
    }
    const struct cor_unit *u = cor_unit_at(cor_unit_lookup(unit, strlen(unit)));
    char shown[40];
    int plain = I->o->read.decimal == '.' && !I->o->read.thousands;
    if (!plain || v < 0 || (u && u->dim == COR_DIM_SHARE))
        cor_num_format(v, shown, sizeof shown);
    if (u && v < 0 && u->dim != COR_DIM_NUMBER) {
        imp_diag(I, COR_SEV_ERROR, COR_D_OUT_OF_RANGE, line, col,
                 "negative value %s in unit '%s': import with --unit number", shown, unit);
        return;
    }
    if (u && u->dim == COR_DIM_SHARE && v * u->factor > 1.0) {
        imp_diag(I, COR_SEV_ERROR, COR_D_OUT_OF_RANGE, line, col,
                 "%s %s is above 100%%, not a share: import with --unit number", shown, unit);
        return;
    }
    if (!I->out || !I->out->a)
        return;
    FILE *f = cor_atomic_stream(I->out->a);
    size_t nkeys = I->out->kind == COR_KIND_TRADE ? 4 : 3;
    for (size_t k = 0; k < nkeys; k++)
        put_field(f, keys[k].s, keys[k].n, k > 0);
    char pt[32];
    cor_period_format(&p, pt, sizeof pt);
    put_text(f, pt, 1);
    /* the number as published when it is in the plain style (its digits state
     * its precision), else the shortest text that reads back the same */
    if (plain)
        put_field(f, cell.s, cell.n, 1);
    else
        put_text(f, shown, 1);
    put_text(f, unit, 1);
    put_text(f, currency, 1);
    put_text(f, aggregate, 1);
    put_field(f, note.s, note.n, 1);
    put_text(f, source, 1);
    fputc('\n', f);
    I->st.records++;
    I->st.aggregates += aggregate != NULL;
}

void imp_layout_free(struct layout *L)
{
    if (L->name)
        for (size_t i = 0; i < L->ncols; i++)
            free(L->name[i]);
    free(L->name);
    free(L->year);
    memset(L, 0, sizeof *L);
}

void imp_file_done(struct imp *I)
{
    if (!I->have_header && !I->metadata_file)
        imp_diag(I, COR_SEV_ERROR, COR_D_EMPTY_FILE, 1, 1,
                 "no header of the %s layout in this file", cor_import_format_name(I->o->format));
}

/* ---- the run -------------------------------------------------------------- */

/* "DIR/STEM.csv" for the input path; the stem of its file name. */
static char *output_path(const char *dir, const char *path, char **stem)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 4 && strcmp(base + n - 4, ".csv") == 0)
        n -= 4;
    *stem = malloc(n + 1);
    char *out = malloc(strlen(dir) + n + 16);
    if (!*stem || !out) {
        free(*stem);
        free(out);
        *stem = NULL;
        return NULL;
    }
    memcpy(*stem, base, n);
    (*stem)[n] = '\0';
    /* a data file must not take the name of the sources table */
    snprintf(out, strlen(dir) + n + 16, "%s/%s%s.csv", dir, *stem,
             strcmp(*stem, "sources") == 0 ? "_data" : "");
    return out;
}

/* The existing DIR/sources.csv rows that this import does not redefine. */
struct merge {
    struct imp *I;
    FILE *out;
    long col[9];     /* position of id publisher title url date retrieved quote article note */
    int header_done;
    enum cor_status st;
};

static const char *const source_cols[9] = {"id",        "publisher", "title",
                                           "url",       "date",      "retrieved",
                                           "quote",     "article",   "note"};

static enum cor_status merge_row(const struct cor_csv_row *row, void *user)
{
    struct merge *m = user;
    if (!m->header_done) {
        m->header_done = 1;
        for (size_t k = 0; k < 9; k++)
            m->col[k] = -1;
        for (size_t i = 0; i < row->nfields; i++) {
            struct str name = imp_cell(row, (long)i);
            size_t k = 0;
            while (k < 9 && !imp_eq(name, source_cols[k]))
                k++;
            if (k == 9) {
                m->st = COR_EINVAL;   /* a column this writer would drop */
                return COR_EINVAL;
            }
            m->col[k] = (long)i;
        }
        return COR_OK;
    }
    struct str id = imp_cell(row, m->col[0]);
    if (cor_intern_find(m->I->ids, id.s, id.n) != COR_SYM_ABSENT)
        return COR_OK;   /* redefined by this import */
    for (size_t k = 0; k < 9; k++) {
        struct str v = imp_cell(row, m->col[k]);
        put_field(m->out, v.s, v.n, k > 0);
    }
    fputc('\n', m->out);
    return COR_OK;
}

/* Writes DIR/sources.csv: the rows already there that this import does not
 * redefine, then this import's. */
static enum cor_status write_sources(struct imp *I, const char *dir, struct cor_error *err)
{
    char *path = malloc(strlen(dir) + 16);
    if (!path)
        return cor_error_set(err, COR_ENOMEM, dir, 0, 0, "out of memory");
    snprintf(path, strlen(dir) + 16, "%s/sources.csv", dir);
    struct cor_atomic *a = cor_atomic_open(path, err);
    if (!a) {
        free(path);
        return err ? err->status : COR_EIO;
    }
    FILE *f = cor_atomic_stream(a);
    for (size_t k = 0; k < 9; k++)
        put_text(f, source_cols[k], k > 0);
    fputc('\n', f);
    struct stat sb;
    enum cor_status st = COR_OK;
    if (stat(path, &sb) == 0) {
        struct merge m = {I, f, {0}, 0, COR_OK};
        struct cor_error rerr = {0};
        st = cor_csv_read_file(path, 0, merge_row, &m, &rerr);
        if (m.st == COR_EINVAL)
            st = cor_error_set(err, COR_EIO, path, 0, 0,
                               "has columns that import does not know: import into a new folder");
        else if (st != COR_OK)
            st = cor_error_set(err, st, path, rerr.line, rerr.col, "%s", rerr.message);
    }
    for (size_t i = 0; i < I->nsrc && st == COR_OK; i++) {
        const struct imp_source *s = &I->src[i];
        const char *cells[9] = {s->id, s->publisher, s->title, s->url, s->date,
                                I->o->retrieved, s->quote, NULL, NULL};
        for (size_t k = 0; k < 9; k++)
            put_text(f, cells[k], k > 0);
        fputc('\n', f);
    }
    if (st == COR_OK)
        st = cor_atomic_commit(a, err);
    else
        cor_atomic_abort(a);
    if (st == COR_OK)
        I->st.outputs++;
    free(path);
    return st;
}

/* A WDI country metadata file ("Country Code","Region",...) is read before
 * the data files. Returns 1 if path is one (and reads it). */
static enum cor_status sniff_row(const struct cor_csv_row *row, void *user)
{
    int *is = user;
    int code = 0, region = 0;
    for (size_t i = 0; i < row->nfields; i++) {
        struct str c = imp_cell(row, (long)i);
        code |= imp_eq(c, "Country Code");
        region |= imp_eq(c, "Region");
    }
    *is = code && region;
    return COR_EINVAL;   /* the first row is enough */
}

static int is_wdi_metadata(const struct imp *I, const char *path)
{
    int is = 0;
    cor_csv_read_file_delim(path, 0, I->o->read.delimiter, sniff_row, &is, NULL);
    return is;
}

static void end_file(struct imp *I)
{
    imp_layout_free(&I->L);
    free(I->stem);
    free(I->title);
    free(I->date);
    I->stem = I->title = I->date = NULL;
    I->out = NULL;
    I->have_header = I->metadata_file = I->stopped = 0;
}

static enum cor_status read_one(struct imp *I, const char *path, const char *dir, int metadata)
{
    I->path = path;
    I->dfile = cor_diags_file(I->diags, path);
    if (I->dfile == (size_t)-1)
        return COR_ENOMEM;
    I->metadata_file = metadata;
    if (!metadata) {
        struct imp_out *outs = realloc(I->outs, (I->nouts + 1) * sizeof *outs);
        if (!outs)
            return COR_ENOMEM;
        I->outs = outs;
        memset(&I->outs[I->nouts], 0, sizeof *I->outs);
        I->outs[I->nouts].path = output_path(dir, path, &I->stem);
        if (!I->outs[I->nouts++].path)
            return COR_ENOMEM;
        /* never over an input (the same file by any name) */
        if (cor_atomic_check(I->outs[I->nouts - 1].path, I->err) != COR_OK) {
            end_file(I);
            return COR_EINVAL;
        }
        for (size_t k = 0; k + 1 < I->nouts; k++)
            if (strcmp(I->outs[k].path, I->outs[I->nouts - 1].path) == 0)
                imp_diag(I, COR_SEV_ERROR, COR_D_DUPLICATE, 0, 0,
                         "another input has the same file name: both would be written to %s",
                         I->outs[k].path);
        I->st.files++;
    } else {
        const char *base = strrchr(path, '/');
        I->stem = strdup(base ? base + 1 : path);
        if (!I->stem)
            return COR_ENOMEM;
    }
    struct cor_error rerr = {0};
    enum cor_status st = cor_csv_read_file_delim(path, 0, I->o->read.delimiter,
                                                 imp_row, I, &rerr);
    if (st == COR_ENOMEM || I->fatal == COR_ENOMEM) {
        end_file(I);
        return COR_ENOMEM;
    }
    if (st == COR_EPARSE || st == COR_EIO)
        imp_diag(I, COR_SEV_ERROR, st == COR_EPARSE ? COR_D_CSV_SYNTAX : COR_D_IO, rerr.line,
                 rerr.col, "%s", rerr.message);
    else if (!I->stopped)
        imp_file_done(I);
    end_file(I);
    return I->fatal;
}

static void free_run(struct imp *I)
{
    for (size_t i = 0; i < I->nsrc; i++) {
        struct imp_source *s = &I->src[i];
        free(s->id), free(s->publisher), free(s->title), free(s->url), free(s->date),
            free(s->quote);
    }
    free(I->src);
    for (size_t i = 0; i < I->nouts; i++) {
        if (I->outs[i].a)
            cor_atomic_abort(I->outs[i].a);
        free(I->outs[i].path);
    }
    free(I->outs);
    cor_intern_free(I->agg);
    cor_intern_free(I->ids);
}

enum cor_status cor_import(const struct cor_import_opts *o, const char *const *files, size_t n,
                           const char *dir, struct cor_import_stats *stats,
                           struct cor_diags *diags, struct cor_error *err)
{
    struct imp I;
    memset(&I, 0, sizeof I);
    I.o = o;
    I.diags = diags;
    I.err = err;
    enum cor_status st = cor_read_opts_check(&o->read, err);
    if (st != COR_OK)
        return st;
    I.ids = cor_intern_new();
    I.agg = cor_intern_new();
    if (!I.ids || !I.agg) {
        free_run(&I);
        return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    int *meta = NULL;
    int unit = o->unit ? cor_unit_lookup(o->unit, strlen(o->unit)) : -1;
    int table = o->format == COR_IMPORT_LONG || o->format == COR_IMPORT_WIDE;
    if ((unsigned)o->format >= COR_IMPORT_COUNT)
        st = cor_error_set(err, COR_EINVAL, NULL, 0, 0, "unknown import format");
    else if (o->unit && unit < 0)
        st = cor_error_set(err, COR_EINVAL, NULL, 0, 0, "unknown unit '%s'", o->unit);
    else if (unit >= 0 && (cor_unit_at(unit)->dim == COR_DIM_MONEY) != (o->currency != NULL))
        st = cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                           o->currency ? "a currency goes with a money scale (1, thousand, "
                                         "million, billion), not unit '%s'"
                                       : "unit '%s' is a money scale: give the currency too",
                           o->unit);
    else if (o->currency && !o->unit)
        st = cor_error_set(err, COR_EINVAL, NULL, 0, 0, "a currency needs a unit (a money scale)");
    else if (table && !o->publisher)
        st = cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                           "the %s layout needs the publisher of the figures",
                           cor_import_format_name(o->format));
    else if (o->format == COR_IMPORT_LONG && (!o->entity || !o->period || !o->value))
        st = cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                           "the long layout needs the entity, period and value columns");
    else if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        st = cor_error_set(err, COR_EIO, dir, 0, 0, "cannot create the folder: %s",
                           strerror(errno));
    else if (!(meta = calloc(n ? n : 1, sizeof *meta)))
        st = cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    if (st != COR_OK) {
        free_run(&I);
        return st;
    }
    /* the inputs: no output may replace one */
    for (size_t i = 0; i < n && st == COR_OK; i++)
        st = cor_atomic_add_input(files[i], err);
    /* the WDI country metadata first: it says which codes are aggregates */
    for (size_t i = 0; i < n && st == COR_OK; i++)
        if (o->format == COR_IMPORT_WDI && is_wdi_metadata(&I, files[i])) {
            meta[i] = 1;
            I.have_metadata = 1;
            st = read_one(&I, files[i], dir, 1);
        }
    for (size_t i = 0; i < n && st == COR_OK; i++)
        if (!meta[i])
            st = read_one(&I, files[i], dir, 0);
    free(meta);
    if (st == COR_OK && I.st.files == 0)
        st = cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                           "no data file to import (only country metadata)");
    else if (st == COR_ENOMEM)
        cor_error_set(err, st, NULL, 0, 0, "out of memory");
    /* everything or nothing */
    if (st == COR_OK && diags->errors == 0) {
        for (size_t i = 0; i < I.nouts && st == COR_OK; i++) {
            if (!I.outs[i].a)
                continue;
            st = cor_atomic_commit(I.outs[i].a, err);
            I.outs[i].a = NULL;
            if (st == COR_OK)
                I.st.outputs++;
        }
        if (st == COR_OK)
            st = write_sources(&I, dir, err);
    }
    I.st.aggregates_unknown = o->format == COR_IMPORT_WDI && !I.have_metadata && !o->aggregates;
    if (stats)
        *stats = I.st;
    free_run(&I);
    return st;
}
