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
#include <unistd.h>

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
    if (open < label.n) {
        /* a unit by its name in the brackets: "(%)", "(t)", "(tonnes)", "(TEU)", "(kg)"
         * (not a money scale: "(1)" or "(million)" names no currency) */
        const char *in = label.s + open + 1;
        size_t n = label.n - open - 1;
        if (n && in[n - 1] == ')')
            n--;
        while (n && (*in == ' ' || *in == '\t'))
            in++, n--;
        while (n && (in[n - 1] == ' ' || in[n - 1] == '\t'))
            n--;
        const struct cor_unit *named = cor_unit_at(cor_unit_lookup(in, n));
        if (named && named->dim != COR_DIM_MONEY && named->dim != COR_DIM_NUMBER) {
            *unit = named->name;
            return;
        }
    }
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

/* The columns of the records files import writes, by kind. */
static const char *const out_headers[COR_KIND_COUNT] = {
    [COR_KIND_INDICATOR] = "entity,code,measure,period,value,unit,currency,aggregate,note,source",
    [COR_KIND_TRADE] = "importer,exporter,commodity,flow,period,value,unit,currency,aggregate,"
                       "note,status,source",
    [COR_KIND_BUDGET] = "country,basis,price_basis,period,value,unit,currency,aggregate,note,"
                        "source",
};

/* The key columns of a kind's records: the first ones of its header. */
static size_t out_keys(enum cor_kind kind)
{
    return kind == COR_KIND_TRADE ? 4 : 3;
}

/* What makes a record the same figure as another: its keys, period, unit
 * and currency, joined by a separator no cell holds (0x1F). Returns the
 * length, 0 if it does not fit. */
static size_t identity(char *buf, size_t n, const struct str *parts, size_t nparts)
{
    size_t at = 0;
    for (size_t k = 0; k < nparts; k++) {
        if (at + parts[k].n + 1 > n)
            return 0;
        memcpy(buf + at, parts[k].s, parts[k].n);
        at += parts[k].n;
        buf[at++] = 0x1F;
    }
    return at;
}

static void put_field(FILE *f, const char *s, size_t n, int comma);

/* Copying the rows an earlier import left in the records file. */
struct earlier {
    struct imp *I;
    struct imp_out *out;
    FILE *f;
    size_t dfile;        /* the records file in diags */
    int header_done, bad;
};

static enum cor_status earlier_row(const struct cor_csv_row *row, void *user)
{
    struct earlier *e = user;
    struct imp_out *out = e->out;
    size_t nkeys = out_keys(out->kind);
    if (!e->header_done) {
        e->header_done = 1;
        char have[1024] = "";
        for (size_t i = 0; i < row->nfields; i++) {
            size_t used = strlen(have);
            snprintf(have + used, sizeof have - used, "%s%s", i ? "," : "", row->fields[i].text);
        }
        if (strcmp(have, out_headers[out->kind]) != 0) {
            e->bad = 1;
            return COR_EINVAL;
        }
        return COR_OK;
    }
    size_t nfields = row->nfields;
    /* keys, period, unit, currency */
    struct str parts[8] = {{"", 0}};
    size_t np = 0;
    for (size_t k = 0; k < nkeys + 4 && k < nfields; k++)
        if (k != nkeys + 1)   /* not the value */
            parts[np++] = (struct str){row->fields[k].text, row->fields[k].len};
    char key[2048];
    size_t klen = identity(key, sizeof key, parts, np);
    cor_sym id;
    if (klen && cor_intern_find(out->earlier, key, klen) == COR_SYM_ABSENT) {
        if (cor_intern_add(out->earlier, key, klen, &id) != COR_OK)
            return COR_ENOMEM;
        if (id >= out->nearlier) {
            size_t cap = out->nearlier ? out->nearlier * 2 : 256;
            while (cap <= id)
                cap *= 2;
            unsigned long *l = realloc(out->earlier_line, cap * sizeof *l);
            if (!l)
                return COR_ENOMEM;
            out->earlier_line = l;
            out->nearlier = cap;
        }
        out->earlier_line[id] = row->line;
    }
    for (size_t i = 0; i < nfields; i++)
        put_field(e->f, row->fields[i].text, row->fields[i].len, i > 0);
    fputc('\n', e->f);
    e->I->st.kept++;
    return COR_OK;
}

/* Copies the records of an earlier import in the file out->path (if there
 * is one, and unless --replace) into the new one, keeping their identities.
 * A file that holds other columns is a finding. */
static void keep_earlier(struct imp *I, struct imp_out *out)
{
    struct stat sb;
    if (I->o->replace || stat(out->path, &sb) != 0)
        return;
    out->earlier = cor_intern_new();
    if (!out->earlier) {
        I->fatal = COR_ENOMEM;
        return;
    }
    struct earlier e = {I, out, cor_atomic_stream(out->a), 0, 0, 0};
    if (cor_diags_file(I->diags, out->path, &e.dfile) != COR_OK) {
        I->fatal = COR_ENOMEM;
        return;
    }
    struct cor_error rerr = {0};
    enum cor_status st = cor_csv_read_file(out->path, 0, earlier_row, &e, &rerr);
    if (st == COR_ENOMEM) {
        I->fatal = COR_ENOMEM;
    } else if (e.bad || (st == COR_OK && !e.header_done)) {
        if (cor_diags_add(I->diags, COR_SEV_ERROR, COR_D_DUPLICATE, e.dfile, 1, 1,
                          "the folder already has this file, and it is not an import of "
                          "%s records: import into another folder, or give --replace to "
                          "replace it",
                          cor_schema_get(out->kind)->name) != COR_OK)
            I->fatal = COR_ENOMEM;
    } else if (st != COR_OK) {
        if (cor_diags_add(I->diags, COR_SEV_ERROR,
                          st == COR_EPARSE ? COR_D_CSV_SYNTAX : COR_D_IO, e.dfile, rerr.line,
                          rerr.col, "%s", rerr.message) != COR_OK)
            I->fatal = COR_ENOMEM;
    }
}

enum cor_status imp_open_out(struct imp *I, enum cor_kind kind)
{
    I->out = &I->outs[I->nouts - 1];
    I->out->kind = kind;
    struct cor_error err = {0};
    if (cor_atomic_open(I->out->path, &I->out->a, &err) != COR_OK) {
        imp_diag(I, COR_SEV_ERROR, COR_D_IO, 0, 0, "%s", err.message);
        return COR_OK;
    }
    fprintf(cor_atomic_stream(I->out->a), "%s\n", out_headers[kind]);
    keep_earlier(I, I->out);
    return I->fatal;
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
              const char *status, const char *source, const struct cor_csv_row *row,
              long value_col)
{
    unsigned long line = value_col >= 0 && (size_t)value_col < row->nfields
                             ? row->fields[value_col].line
                             : row->line;
    unsigned long col = value_col >= 0 && (size_t)value_col < row->nfields
                            ? row->fields[value_col].col
                            : 1;
    /* a missing cell the caller keeps is a record without a figure: its value
     * empty, the note saying how the source wrote it */
    int na = imp_is_na(I, cell);
    char na_note[400];
    if (na) {
        snprintf(na_note, sizeof na_note, "no figure in the source (%s%.*s%s)%s%.*s",
                 cell.n ? "'" : "an empty cell", (int)(cell.n < 20 ? cell.n : 20),
                 cell.n ? cell.s : "", cell.n ? "'" : "", note.n ? "; " : "",
                 (int)(note.n < 300 ? note.n : 300), note.n ? note.s : "");
        note = (struct str){na_note, strlen(na_note)};
    }
    double v = 0;
    int dec;
    enum cor_status st = na ? COR_OK : cor_read_number(&I->o->read, cell.s, cell.n, &v, &dec);
    if (st != COR_OK) {
        imp_diag(I, COR_SEV_ERROR, COR_D_BAD_NUMBER, line, col, "invalid number '%.*s'%s",
                 (int)(cell.n < 120 ? cell.n : 120), cell.s,
                 cor_read_number_hint(&I->o->read, cell.s, cell.n));
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
    size_t nkeys = out_keys(I->out->kind);
    char pt[32];
    cor_period_format(&p, pt, sizeof pt);
    if (I->out->earlier) {
        /* the same figure already in the file from an earlier import */
        struct str parts[7];
        size_t np = 0;
        for (size_t k = 0; k < nkeys; k++)
            parts[np++] = keys[k];
        parts[np++] = (struct str){pt, strlen(pt)};
        parts[np++] = (struct str){unit, strlen(unit)};
        parts[np++] = (struct str){currency ? currency : "", currency ? strlen(currency) : 0};
        char key[2048];
        size_t klen = identity(key, sizeof key, parts, np);
        cor_sym id = klen ? cor_intern_find(I->out->earlier, key, klen) : COR_SYM_ABSENT;
        if (id != COR_SYM_ABSENT) {
            char what[400] = "";
            for (size_t k = 0; k < nkeys; k++) {
                size_t used = strlen(what);
                if (keys[k].n)
                    snprintf(what + used, sizeof what - used, "%.*s, ",
                             (int)(keys[k].n < 80 ? keys[k].n : 80), keys[k].s);
            }
            imp_diag(I, COR_SEV_ERROR, COR_D_DUPLICATE, line, col,
                     "this figure (%s%s) is already in %s:%lu from an earlier import: import "
                     "into another folder, or give --replace to replace that file",
                     what, pt, I->out->path, I->out->earlier_line[id]);
            return;
        }
    }
    FILE *f = cor_atomic_stream(I->out->a);
    for (size_t k = 0; k < nkeys; k++)
        put_field(f, keys[k].s, keys[k].n, k > 0);
    put_text(f, pt, 1);
    /* the number as published when it is in the plain style (its digits state
     * its precision), else the shortest text that reads back the same */
    if (na)
        put_text(f, "", 1);
    else if (plain)
        put_field(f, cell.s, cell.n, 1);
    else
        put_text(f, shown, 1);
    put_text(f, unit, 1);
    put_text(f, currency, 1);
    put_text(f, aggregate, 1);
    put_field(f, note.s, note.n, 1);
    if (I->out->kind == COR_KIND_TRADE)
        put_text(f, status, 1);
    put_text(f, source, 1);
    fputc('\n', f);
    I->st.records++;
    I->st.no_figure += (size_t)na;
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
    if (I->have_header || I->metadata_file)
        return;
    if (I->hint)
        imp_diag(I, COR_SEV_ERROR, COR_D_UNKNOWN_KIND, 1, 1, "the header %s", I->hint);
    else if (I->o->format == COR_IMPORT_WIDE)
        imp_diag(I, COR_SEV_ERROR, COR_D_EMPTY_FILE, 1, 1,
                 "no header of the wide layout in this file: no row has year columns (2000, "
                 "2000.0 or 2000 [YR2000])");
    else
        imp_diag(I, COR_SEV_ERROR, COR_D_EMPTY_FILE, 1, 1,
                 "no header of the %s layout in this file", cor_import_format_name(I->o->format));
}

enum cor_status imp_file_date(struct imp *I, const char *date)
{
    for (size_t i = I->file_src0; i < I->nsrc; i++)
        if (!I->src[i].date && !(I->src[i].date = strdup(date)))
            return I->fatal = COR_ENOMEM;
    return COR_OK;
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
    const char *path;
    size_t dfile;    /* sources.csv in diags */
    long col[9];     /* position of id publisher title url date retrieved quote article note */
    int header_done;
    enum cor_status st;
};

static const char *const source_cols[9] = {"id",        "publisher", "title",
                                           "url",       "date",      "retrieved",
                                           "quote",     "article",   "note"};

/* A source of this import whose id the folder's sources.csv already has:
 * the same source (it is replaced, with the new retrieval date), or another
 * one, which is a finding unless --replace. */
static void same_source(struct merge *m, const struct cor_csv_row *row, cor_sym sym)
{
    const struct imp_source *s = &m->I->src[sym - 1];
    const char *ours[5] = {s->publisher, s->title, s->url, s->date, s->quote};
    static const size_t col[5] = {1, 2, 3, 4, 6};
    for (size_t k = 0; k < 5 && !m->I->o->replace; k++) {
        struct str have = imp_cell(row, m->col[col[k]]);
        const char *want = ours[k] ? ours[k] : "";
        if (have.n == strlen(want) && memcmp(have.s, want, have.n) == 0)
            continue;
        if (cor_diags_add(m->I->diags, COR_SEV_ERROR, COR_D_DUPLICATE, m->dfile, row->line, 1,
                          "source '%s' is already here with another %s ('%.*s'; this import: "
                          "'%s'): its records would lose their source. Import into another "
                          "folder, rename the file (the id is the file's name), or give "
                          "--replace to replace it",
                          s->id, source_cols[col[k]], (int)(have.n < 120 ? have.n : 120),
                          have.s, want) != COR_OK)
            m->I->fatal = COR_ENOMEM;
        return;
    }
}

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
    cor_sym sym = cor_intern_find(m->I->ids, id.s, id.n);
    if (sym != COR_SYM_ABSENT) {
        same_source(m, row, sym);
        return m->I->fatal;   /* redefined by this import */
    }
    for (size_t k = 0; k < 9; k++) {
        struct str v = imp_cell(row, m->col[k]);
        put_field(m->out, v.s, v.n, k > 0);
    }
    fputc('\n', m->out);
    return COR_OK;
}

/* Writes DIR/sources.csv to a temporary file: the rows already there that
 * this import does not redefine, then this import's. A source of the same
 * id that says something else is a finding. Returns the output to commit,
 * or NULL (err set, or a finding). */
static struct cor_atomic *write_sources(struct imp *I, const char *dir, struct cor_error *err)
{
    char *path = malloc(strlen(dir) + 16);
    if (!path) {
        cor_error_set(err, COR_ENOMEM, dir, 0, 0, "out of memory");
        return NULL;
    }
    snprintf(path, strlen(dir) + 16, "%s/sources.csv", dir);
    struct cor_atomic *a = NULL;
    if (cor_atomic_open(path, &a, err) != COR_OK) {
        free(path);
        return NULL;
    }
    FILE *f = cor_atomic_stream(a);
    for (size_t k = 0; k < 9; k++)
        put_text(f, source_cols[k], k > 0);
    fputc('\n', f);
    struct stat sb;
    enum cor_status st = COR_OK;
    size_t errors = I->diags->errors;
    if (stat(path, &sb) == 0) {
        struct merge m = {I, f, path, 0, {0}, 0, COR_OK};
        struct cor_error rerr = {0};
        st = cor_diags_file(I->diags, path, &m.dfile);
        if (st == COR_OK)
            st = cor_csv_read_file(path, 0, merge_row, &m, &rerr);
        if (m.st == COR_EINVAL)
            st = cor_error_set(err, COR_EIO, path, 0, 0,
                               "has columns that import does not know: import into a new folder");
        else if (st == COR_ENOMEM || I->fatal == COR_ENOMEM)
            st = cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
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
    free(path);
    if (st != COR_OK || I->diags->errors > errors) {
        cor_atomic_abort(a);
        return NULL;
    }
    return a;
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
    free(I->hint);
    I->stem = I->title = I->date = I->hint = NULL;
    I->out = NULL;
    I->have_header = I->metadata_file = I->stopped = 0;
}

static enum cor_status read_one(struct imp *I, const char *path, const char *dir, int metadata)
{
    I->path = path;
    if (cor_diags_file(I->diags, path, &I->dfile) != COR_OK)
        return COR_ENOMEM;
    I->metadata_file = metadata;
    I->file_src0 = I->nsrc;
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
        cor_intern_free(I->outs[i].earlier);
        free(I->outs[i].earlier_line);
    }
    free(I->outs);
    cor_intern_free(I->agg);
    cor_intern_free(I->ids);
}

/* Frees the run; a folder it created and wrote nothing into is removed
 * (rmdir removes only an empty folder). */
static void finish_run(struct imp *I, const char *dir)
{
    int wrote = I->st.outputs > 0;
    free_run(I);
    if (I->created_dir && !wrote)
        rmdir(dir);
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
        finish_run(&I, dir);
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
    for (size_t i = 0; i < n && st == COR_OK; i++) {
        struct stat sb;
        if (stat(files[i], &sb) == 0 && S_ISDIR(sb.st_mode))
            st = cor_error_set(err, COR_EINVAL, files[i], 0, 0,
                               "is a folder: name the files to import (%s/*.csv)", files[i]);
    }
    if (st == COR_OK && mkdir(dir, 0777) == 0)
        I.created_dir = 1;
    else if (st == COR_OK && errno != EEXIST)
        st = cor_error_set(err, COR_EIO, dir, 0, 0, "cannot create the folder: %s",
                           strerror(errno));
    if (st == COR_OK && !(meta = calloc(n ? n : 1, sizeof *meta)))
        st = cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    if (st != COR_OK) {
        finish_run(&I, dir);
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
    /* everything or nothing: the sources first (a source of the same id that
     * says something else is a finding), then every file */
    struct cor_atomic *sources = NULL;
    if (st == COR_OK && diags->errors == 0) {
        sources = write_sources(&I, dir, err);
        if (!sources && diags->errors == 0)
            st = err && err->status != COR_OK ? err->status : COR_EIO;
    }
    if (sources) {
        for (size_t i = 0; i < I.nouts && st == COR_OK; i++) {
            if (!I.outs[i].a)
                continue;
            st = cor_atomic_commit(I.outs[i].a, err);
            I.outs[i].a = NULL;
            if (st == COR_OK)
                I.st.outputs++;
        }
        if (st == COR_OK && (st = cor_atomic_commit(sources, err)) == COR_OK)
            I.st.outputs++;
        else if (st != COR_OK)
            cor_atomic_abort(sources);
    }
    I.st.aggregates_unknown = o->format == COR_IMPORT_WDI && !I.have_metadata && !o->aggregates;
    if (stats)
        *stats = I.st;
    finish_run(&I, dir);
    return st;
}
