/* corridor/import.h - files in a publisher's layout (World Bank WDI, Our
 * World in Data, UN Comtrade, SIPRI, or any long or wide table) turned into
 * a dataset folder that validates: typed records and their sources.
 *
 * The input is streamed: each row is written out as it is read, so memory
 * holds one row and the list of sources, never a copy of the file. Every
 * problem is a finding located at its file, line and column. The outputs
 * (one records file per input file, and sources.csv) are temporary files
 * renamed into place only when no input had an error: an import writes
 * everything or nothing, and a folder it created is removed again when it
 * writes nothing. The inputs are only read.
 *
 * Importing into a folder that already holds an import adds to it: a records
 * file of the same name keeps its rows and gets the new ones after them (a
 * figure it already has, same keys, period and unit, is an error E019), and
 * sources.csv keeps the sources it has. A source of the same id that says
 * something else (another publisher, title, URL, date or quote) is an error,
 * never replaced silently. With `replace`, the records file of the same name
 * and the sources of the same id are replaced instead.
 *
 * Ownership: struct cor_import_opts and struct cor_import_stats are
 * caller-allocated plain values; the strings they point to are borrowed. */
#ifndef CORRIDOR_IMPORT_H
#define CORRIDOR_IMPORT_H

#include <stddef.h>

#include "corridor/dataset.h"
#include "corridor/error.h"

enum cor_import_format {
    COR_IMPORT_WDI = 0,   /* World Bank bulk/API CSV or DataBank export -> indicator */
    COR_IMPORT_OWID,      /* Our World in Data grapher CSV -> indicator */
    COR_IMPORT_COMTRADE,  /* UN Comtrade API/bulk CSV (and its legacy layout) -> trade */
    COR_IMPORT_SIPRI,     /* a SIPRI Military Expenditure Database sheet saved as CSV -> budget */
    COR_IMPORT_LONG,      /* one row per entity and period, columns named by options */
    COR_IMPORT_WIDE,      /* one row per entity, one column per year; the header is the
                           * first row with year columns (a title and notes above it
                           * are skipped) */
    COR_IMPORT_COUNT
};

/* The format called name ("wdi", "owid"...), or -1. */
int cor_import_format_lookup(const char *name);
const char *cor_import_format_name(enum cor_import_format f);

struct cor_import_opts {
    enum cor_import_format format;
    struct cor_read_opts read;   /* delimiter, number style, "no figure" words */
    const char *url;             /* the download's address (sources column url) */
    const char *retrieved;       /* when it was downloaded (a period: 2025-07-01) */
    const char *publisher;       /* overrides the format's publisher; required for long/wide */
    const char *title;           /* overrides the dataset title */
    /* long: the columns holding the entity, the period and the value; wide:
     * the entity column (default: the first). Names as in the header. */
    const char *entity, *period, *value;
    const char *code;            /* long/wide: a column with the entity's code */
    const char *measure;         /* long/wide: the measure's name (default: the value
                                  * column's name, or the file's name for wide) */
    const char *measure_col;     /* long/wide: a column naming the measure of each row */
    const char *unit;            /* the unit of the values (default: from the header, else
                                  * "number"); overrides a format's own */
    const char *currency;        /* ISO 4217 code when unit is a money scale */
    const char *aggregates;      /* names or codes (comma-separated) of entities that are
                                  * totals over others: flagged in the records */
    int replace;                 /* 1: replace a records file of the same name and sources
                                  * of the same id; 0: add to them (see above) */
};

/* Defaults for a format: ',' '.' no grouping, the default "no figure" words,
 * every column option NULL. */
void cor_import_opts_init(struct cor_import_opts *o, enum cor_import_format f);

struct cor_import_stats {
    size_t files;        /* data files read (WDI country metadata files not counted) */
    size_t rows;         /* data rows read */
    size_t records;      /* records written */
    size_t no_figure;    /* records written without a figure: a missing cell ("..",
                          * "NA", empty...) the table lists (see cor_import_files) */
    size_t missing;      /* missing cells left out: before a wide row's first figure or
                          * after its last (the series has not started or has ended) */
    size_t aggregates;   /* records flagged as aggregates */
    size_t skipped;      /* rows left out: region headings, footnotes, sub-totals */
    size_t sources;      /* sources rows written by this import */
    size_t outputs;      /* files written (records files and sources.csv) */
    size_t kept;         /* records of earlier imports kept in the files written */
    int aggregates_unknown; /* 1: the format's aggregates could not be told apart (WDI
                             * without its Metadata_Country file or --aggregates) */
};

/* Imports files[0..n) into the folder dir (created if missing). Findings go
 * to diags; when there is an error nothing is written. Returns COR_OK
 * unless memory ran out or an output could not be written (COR_EIO, err
 * located at the path). stats may be NULL. */
enum cor_status cor_import(const struct cor_import_opts *o, const char *const *files, size_t n,
                           const char *dir, struct cor_import_stats *stats,
                           struct cor_diags *diags, struct cor_error *err);

#endif
