/* corridor/csvread.h - streaming RFC 4180 reader on libcsv that knows where
 * every field starts in the file.
 *
 * libcsv reports neither lines nor columns, so the reader runs a small
 * tracker over the same bytes: lines and columns are physical positions
 * (a quoted field may span lines; CRLF, LF and CR each end one line),
 * columns count characters (UTF-8 code points) from 1. A UTF-8 byte-order
 * mark at the start is skipped. Empty lines are skipped. Memory is per row.
 * Text must be UTF-8 without NUL bytes or control characters (other than
 * tab and line breaks): the row says where it is not (cor_csv_row.bad), so
 * that the caller can report every such place and leave the row out.
 *
 * Ownership: cor_csv_reader_new() returns a reader that
 * cor_csv_reader_free() releases (NULL is a no-op). A row passed to the
 * callback, and its field texts, are valid only during the call. */
#ifndef CORRIDOR_CSVREAD_H
#define CORRIDOR_CSVREAD_H

#include <stddef.h>

#include "corridor/error.h"

struct cor_csv_field {
    const char *text;        /* NUL-terminated copy; quotes removed, "" unescaped */
    size_t len;
    unsigned long line, col; /* where the field starts */
};

/* A place where the text of a row is not valid: the first one in a field. */
struct cor_csv_bad {
    unsigned long line, col; /* the offending character */
    const char *what;        /* "invalid UTF-8", "NUL byte", "control character" */
    unsigned long cp;        /* the control character's code point */
};

struct cor_csv_row {
    const struct cor_csv_field *fields;
    size_t nfields;
    size_t index;            /* 1-based record number (the header is record 1) */
    unsigned long line;      /* line of the first field */
    unsigned long end_line, end_col; /* where the row ends (its line break) */
    const struct cor_csv_bad *bad; /* fields whose text is not valid (see above) */
    size_t nbad;
};

/* Called once per record. Any status other than COR_OK stops the reader,
 * which then returns that status. */
typedef enum cor_status (*cor_csv_row_fn)(const struct cor_csv_row *row, void *user);

struct cor_csv_reader;

/* path is used in error messages only. */
struct cor_csv_reader *cor_csv_reader_new(const char *path, cor_csv_row_fn fn, void *user);
void cor_csv_reader_free(struct cor_csv_reader *r);

/* Fields are separated by delim (',' until set), for example ';' or '\t';
 * before the first feed. */
void cor_csv_reader_set_delimiter(struct cor_csv_reader *r, char delim);

/* Feeds the next n bytes (any chunking gives the same rows). COR_EPARSE
 * with err located at the offending character for malformed quoting. */
enum cor_status cor_csv_reader_feed(struct cor_csv_reader *r, const char *buf, size_t n,
                                    struct cor_error *err);

/* Ends the input: flushes the last row, reports an unterminated quote. */
enum cor_status cor_csv_reader_finish(struct cor_csv_reader *r, struct cor_error *err);

/* The field separator (',' by default; ';', '\t' or '|' for other files).
 * Call before the first feed. */
void cor_csv_reader_set_delimiter(struct cor_csv_reader *r, char delim);

/* The number of fields of row to read against a header of `header` fields:
 * header when the row has exactly one field more and that last field is
 * empty (a delimiter at the end of every data row but not of the header, as
 * UN Comtrade's downloads are written), else row->nfields. */
size_t cor_csv_row_width(const struct cor_csv_row *row, size_t header);

/* Reads a whole file ("-" = standard input) in chunks of chunk bytes
 * (0 = 64 KiB). COR_EIO if it cannot be read. */
enum cor_status cor_csv_read_file(const char *path, size_t chunk, cor_csv_row_fn fn,
                                  void *user, struct cor_error *err);

/* The same with another field separator. */
enum cor_status cor_csv_read_file_delim(const char *path, size_t chunk, char delim,
                                        cor_csv_row_fn fn, void *user, struct cor_error *err);

#endif
