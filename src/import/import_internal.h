/* Internals of the import module: the run (outputs, sources, findings) that
 * import.c keeps, and the per-format row handlers of import_formats.c. */
#ifndef CORRIDOR_IMPORT_INTERNAL_H
#define CORRIDOR_IMPORT_INTERNAL_H

#include <stdio.h>

#include "corridor/atomic.h"
#include "corridor/csvread.h"
#include "corridor/import.h"
#include "corridor/intern.h"

/* A piece of a cell: not NUL-terminated. */
struct str {
    const char *s;
    size_t n;
};

struct imp_source {
    char *id, *publisher, *title, *url, *date, *quote;
};

/* One records file being written. When the folder already has a file of
 * that name (an earlier import), its rows are copied first and their
 * identities kept in `earlier`, so that a figure imported twice is refused. */
struct imp_out {
    char *path;
    struct cor_atomic *a;
    enum cor_kind kind;
    struct cor_intern *earlier; /* identity (keys, period, unit, currency) of each row kept */
    unsigned long *earlier_line; /* earlier_line[sym - 1]: its line in the file */
    size_t nearlier;
};

/* Where each column of the header is, -1 if absent. */
struct layout {
    size_t ncols;
    long entity, code, measure, mname, notes, period, value;
    long reporter, reporter_code, partner, partner_code, flow, commodity, netwgt, freq;
    long partner2, mot, customs, netwgt_est;
    int *year;               /* per column: the year it holds, or 0 */
    char **name;             /* per column: its trimmed name */
};

struct imp {
    const struct cor_import_opts *o;
    struct cor_diags *diags;
    struct cor_import_stats st;
    struct imp_source *src; /* src[i] has id i + 1 in the pool ids */
    size_t nsrc, capsrc;
    struct cor_intern *ids;
    struct imp_out *outs;
    size_t nouts;
    struct cor_intern *agg;  /* codes that the WDI country metadata marks as aggregates */
    int have_metadata;
    enum cor_status fatal;   /* ENOMEM: stop */
    int created_dir;         /* the output folder was made by this run */
    struct cor_error *err;   /* the caller's, for a refusal that stops the run */

    /* the file being read */
    const char *path;
    size_t dfile;            /* its index in diags */
    char *stem;              /* its name without folder and extension */
    struct imp_out *out;
    int have_header, metadata_file;
    int stopped;             /* the header was unreadable: the rest is not read */
    size_t file_src0;        /* the first source this file defined (I->src index) */
    char *hint;              /* wide: the delimiter hint of a first line in one field */
    struct layout L;
    char *title, *date;      /* from a preamble (WDI, SIPRI) */
    const char *unit_name;   /* SIPRI: the sheet's unit */
    const char *price_basis; /* SIPRI: current or constant */
};

/* Records a finding at line/col of the current file. */
void imp_diag(struct imp *I, enum cor_severity sev, enum cor_diag_code code, unsigned long line,
              unsigned long col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* The trimmed text of field i of a row ("" if the row is shorter). */
struct str imp_cell(const struct cor_csv_row *row, long i);

/* 1 if the two texts are equal ignoring case. */
int imp_eq(struct str a, const char *b);

/* 1 if the cell means "no figure" (the options' words, and for SIPRI ". ."
 * and "xxx"). */
int imp_is_na(const struct imp *I, struct str s);

/* The year a header cell names ("2000", "2000 [YR2000]", "2000.0"), or 0. */
int imp_year_of(struct str s);

/* The source with this id, added if new (publisher, url and date from the
 * options when given). Returns its id, or NULL when memory ran out. */
const char *imp_source(struct imp *I, const char *id, const char *publisher, const char *title,
                       const char *url, const char *date, const char *quote);

/* Opens the records file of the current file for kind (its header written). */
enum cor_status imp_open_out(struct imp *I, enum cor_kind kind);

/* The unit (and currency) a label states: "GDP (current US$)" -> 1 USD. */
void imp_unit_of(struct str label, const char **unit, const char **currency);

/* 1 if name or code is one of --aggregate's entries. */
int imp_listed_aggregate(const struct imp *I, struct str name, struct str code);

/* One record. keys are the kind's key columns in order (indicator: entity,
 * code, measure; trade: importer, exporter, commodity, flow; budget:
 * country, basis, price_basis); cell is the value's cell (for findings).
 * status is NULL (actual) or "estimate" (trade records only). Checks the
 * value against the unit and against the records an earlier import left in
 * the file; counts. */
void imp_emit(struct imp *I, const struct str *keys, struct str period, struct str cell,
              const char *unit, const char *currency, const char *aggregate, struct str note,
              const char *status, const char *source, const struct cor_csv_row *row,
              long value_col);

/* Frees the layout of the current file. */
void imp_layout_free(struct layout *L);

/* The row handler: the header, then the data rows, of the run's format
 * (and the WDI country metadata files). */
enum cor_status imp_row(const struct cor_csv_row *row, void *user);

/* The end of a file: a finding if its header never came. */
void imp_file_done(struct imp *I);

/* Sets the date of the sources the current file defined that have none
 * (a date found under the table, as DataBank writes it). */
enum cor_status imp_file_date(struct imp *I, const char *date);

#endif
