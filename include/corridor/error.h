/* corridor/error.h - status codes, error details and located diagnostics.
 *
 * Ownership: struct cor_error is caller-allocated and holds no heap memory.
 * struct cor_diags is caller-allocated; cor_diags_init() prepares it and
 * cor_diags_fini() releases what it collected. Every function that takes a
 * `struct cor_error *err` accepts NULL. */
#ifndef CORRIDOR_ERROR_H
#define CORRIDOR_ERROR_H

#include <stdarg.h>
#include <stddef.h>

enum cor_status {
    COR_OK = 0,
    COR_ENOMEM,     /* out of memory */
    COR_EIO,        /* a file could not be read or written */
    COR_EPARSE,     /* malformed text */
    COR_EINVAL,     /* invalid argument */
    COR_EDATA,      /* input data failed validation */
    COR_ERANGE,     /* value outside its domain */
    COR_ENOTFOUND,  /* unknown name or key */
    COR_EGSL,       /* GSL reported an error */
    COR_EUNIT       /* incompatible or unknown units */
};

struct cor_error {
    enum cor_status status;
    char path[256];         /* file concerned, "" if none */
    unsigned long line;     /* 1-based physical line, 0 if none */
    unsigned long col;      /* 1-based column (characters), 0 if none */
    char message[512];
};

/* Fills err (if not NULL) and returns st. The message is printf-formatted. */
enum cor_status cor_error_set(struct cor_error *err, enum cor_status st,
                              const char *path, unsigned long line,
                              unsigned long col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* A short English description of a status code (static storage). */
const char *cor_strerror(enum cor_status st);

enum cor_severity { COR_SEV_ERROR, COR_SEV_WARNING };

/* Stable diagnostic codes, listed in the README. New codes go last. */
enum cor_diag_code {
    COR_D_CSV_SYNTAX = 1,   /* E001 malformed CSV (quote handling) */
    COR_D_EMPTY_FILE,       /* E002 no header line */
    COR_D_UNKNOWN_KIND,     /* E003 header matches no record kind */
    COR_D_MISSING_COLUMN,   /* E004 required column absent from the header */
    COR_D_UNKNOWN_COLUMN,   /* W005 column not in the schema (warning) */
    COR_D_DUP_COLUMN,       /* E006 the same column twice in a header */
    COR_D_RAGGED_ROW,       /* E007 row with a different number of fields */
    COR_D_MISSING_VALUE,    /* E008 required cell empty */
    COR_D_BAD_NUMBER,       /* E009 cell is not a number */
    COR_D_OUT_OF_RANGE,     /* E010 value outside its allowed range */
    COR_D_BAD_PERIOD,       /* E011 malformed period */
    COR_D_UNKNOWN_QUALIFIER,/* E012 */
    COR_D_UNKNOWN_STATUS,   /* E013 */
    COR_D_UNKNOWN_CURRENCY, /* E014 */
    COR_D_UNKNOWN_UNIT,     /* E015 unknown unit, or a unit of the wrong dimension */
    COR_D_UNKNOWN_VALUE,    /* E016 value not in the column's list */
    COR_D_RANGE_ORDER,      /* E017 range with lo > hi, or range cells misused */
    COR_D_UNKNOWN_SOURCE,   /* E018 source id not in any sources table */
    COR_D_DUPLICATE,        /* E019 duplicate observation or source id */
    COR_D_IO,               /* E020 file could not be read */
    COR_D_NO_DATA,          /* E021 a folder without CSV files */
    COR_D_BAD_TEXT          /* E022 text that is not UTF-8, a NUL byte, a control character */
};

struct cor_diag {
    enum cor_severity severity;
    enum cor_diag_code code;
    size_t file;            /* index into cor_diags.files */
    unsigned long line, col;
    char *message;
};

struct cor_diags {
    struct cor_diag *items;
    size_t count, cap;
    char **files;           /* paths, owned */
    size_t nfiles;
    size_t errors, warnings;
};

void cor_diags_init(struct cor_diags *d);
void cor_diags_fini(struct cor_diags *d);

/* The index of path in d->files into *index, adding a copy if new;
 * COR_ENOMEM. */
enum cor_status cor_diags_file(struct cor_diags *d, const char *path, size_t *index);

/* Records one finding. Returns COR_ENOMEM if it could not be stored. */
enum cor_status cor_diags_add(struct cor_diags *d, enum cor_severity sev,
                              enum cor_diag_code code, size_t file,
                              unsigned long line, unsigned long col,
                              const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/* The same with a va_list. */
enum cor_status cor_diags_vadd(struct cor_diags *d, enum cor_severity sev,
                               enum cor_diag_code code, size_t file, unsigned long line,
                               unsigned long col, const char *fmt, va_list ap);

/* Orders findings by file (first seen first), line, column, then insertion. */
void cor_diags_sort(struct cor_diags *d);

/* "E009" / "W005": the stable code as printed. Static storage. */
const char *cor_diag_code_name(enum cor_diag_code code, enum cor_severity sev);

/* Writes "PATH:LINE:COL: error: MESSAGE [E009]" into buf (always terminated);
 * "PATH: error: ..." for a finding about a whole file (line 0). */
void cor_diag_format(const struct cor_diags *d, size_t i, char *buf, size_t n);

#endif
