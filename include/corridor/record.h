/* corridor/record.h - record kinds, one C struct each, and the schema tables
 * that map CSV columns onto them.
 *
 * Every observation kind embeds a struct cor_obs (period, number, unit,
 * qualifier, status, source). Strings are interned in the dataset's pool
 * (cor_sym). Schemas are static tables; nothing here allocates. */
#ifndef CORRIDOR_RECORD_H
#define CORRIDOR_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "corridor/intern.h"
#include "corridor/names.h"
#include "corridor/period.h"

enum cor_kind {
    COR_KIND_PORT = 0,   /* port throughput */
    COR_KIND_PIPELINE,   /* pipeline flow */
    COR_KIND_TRADE,      /* trade flow: importer x exporter x commodity */
    COR_KIND_BUDGET,     /* defence budget */
    COR_KIND_DEAL,       /* asset deal */
    COR_KIND_INDICATOR,  /* any other published statistic */
    COR_KIND_SOURCE,     /* sources table */
    COR_KIND_FX,         /* exchange rates */
    COR_KIND_DEFLATOR,   /* deflators / GDP */
    COR_KIND_CLAIM,      /* claims to check, and expected values */
    COR_KIND_COUNT
};

/* Where a record came from. */
struct cor_origin {
    uint32_t file;       /* index into the dataset's file list */
    uint32_t line;       /* physical line of the row */
    uint32_t source_col; /* column of the source (or id) cell */
    uint32_t invalid;    /* 1 if the row had an error: kept only for the checks */
};

/* The part every observation shares. */
struct cor_obs {
    struct cor_period period;
    double value;        /* the published number (NaN for a range) */
    double lo, hi;       /* bounds for qualifier range (NaN otherwise) */
    int decimals;        /* digits printed after the decimal point */
    enum cor_qualifier qualifier;
    enum cor_obs_status status;
    int unit;            /* index in the unit table */
    int currency;        /* ISO 4217 index, -1 if not money */
    cor_sym source;      /* id in the sources table */
    cor_sym note;
    cor_sym aggregate;   /* key columns (comma-separated) whose value here is a total over
                          * other rows (World, a region, an income group); COR_SYM_NONE: none */
    struct cor_origin origin;
};

struct cor_port_record {
    struct cor_obs obs;
    cor_sym port, flow, origin; /* flow: total|import|export|transit; origin optional */
};

struct cor_pipeline_record {
    struct cor_obs obs;
    cor_sym pipeline, commodity, destination;
};

struct cor_trade_record {
    struct cor_obs obs;
    cor_sym importer, exporter, commodity;
    cor_sym flow;        /* who reported it: import, export, re-import, re-export ("": not said) */
};

struct cor_budget_record {
    struct cor_obs obs;
    cor_sym country, basis, price_basis;
    cor_sym vintage;     /* which version of a budget: "initial", "revised", ... */
};

struct cor_deal_record {
    struct cor_obs obs;  /* the price */
    cor_sym asset, buyer, seller;
    double stake;        /* fraction in (0, 1] */
    int stake_decimals;
    cor_sym stake_source;     /* source stating the stake, when not the price's */
    uint32_t stake_source_col;
};

struct cor_indicator_record {
    struct cor_obs obs;
    cor_sym entity, measure;
    cor_sym code;        /* the entity's code in its source (ISO 3166 alpha-3, WDI, OWID) */
};

struct cor_source_record {
    cor_sym id, publisher, title, url, quote, article, note;
    struct cor_period date;
    struct cor_period retrieved; /* when a bulk file was downloaded (kind NONE: not said) */
    struct cor_origin origin;
};

struct cor_fx_record {
    struct cor_obs obs;  /* rate: units of `to` per one unit of `from` */
    cor_sym from, to;
};

struct cor_deflator_record {
    struct cor_obs obs;  /* index value */
    cor_sym country;
    struct cor_period base;
};

/* A claim (or one piece of its evidence): what the words say, and how to
 * compute it from the data. Rows with the same id are one claim. */
struct cor_claim_record {
    cor_sym id, article, quote, metric;
    cor_sym kind, entity, where, status, part, total, by;
    cor_sym note;
    struct cor_period period;
    int unit, currency;          /* the unit the data is expressed in (-1: its own) */
    enum cor_qualifier claim_qualifier;
    double claim_value, claim_lo, claim_hi;
    int claim_decimals;
    int claim_unit;              /* the unit of the claimed value ("%", "fraction", "TEU") */
    double tolerance;            /* expected values: relative tolerance (NaN: a claim) */
    struct cor_origin origin;
};

enum cor_col_type {
    COR_COL_TEXT,        /* free text, interned */
    COR_COL_WORD,        /* one of col->allowed, interned (lower case) */
    COR_COL_NUMBER,      /* double; with decimals_offset */
    COR_COL_PERIOD,
    COR_COL_QUALIFIER,
    COR_COL_STATUS,
    COR_COL_UNIT,
    COR_COL_CURRENCY,
    COR_COL_CODE         /* a currency code stored as an interned symbol */
};

enum {
    COR_COL_REQUIRED = 1u << 0,  /* the column must be in the header */
    COR_COL_NONEMPTY = 1u << 1,  /* and every cell must be filled */
    COR_COL_KEY = 1u << 2,       /* part of the observation's identity */
    COR_COL_SOURCEREF = 1u << 3, /* cites a sources-table id (checked) */
    COR_COL_ABSENT_DEFAULT = 1u << 4 /* deflt applies to an absent column, not an empty cell */
};

struct cor_column {
    const char *name;
    const char *alias;           /* another accepted header name, or NULL */
    enum cor_col_type type;
    unsigned flags;
    size_t offset;               /* into the record struct */
    size_t decimals_offset;      /* numbers: where to store decimals; text: where to
                                  * store the cell's column (uint32_t); or 0 */
    const char *const *allowed;  /* for COR_COL_WORD: NULL-terminated list */
    const char *deflt;           /* text used when the column is absent, or NULL */
    const char *doc;             /* for the data dictionary */
};

struct cor_schema {
    enum cor_kind kind;
    const char *name;            /* as typed: "port", "sources", ... */
    const char *title;
    const char *signature;       /* column names (space-separated) only this kind has */
    size_t record_size;
    int has_obs;                 /* struct starts with a struct cor_obs */
    const struct cor_column *cols;
    size_t ncols;
    const char *example_header;
    const char *example_row;
};

const struct cor_schema *cor_schema_get(enum cor_kind kind);

/* A typed reference to one record: its kind, where it came from, the part
 * every observation shares, and the record itself through the member named
 * after its kind (r.port for COR_KIND_PORT, r.claim for COR_KIND_CLAIM...:
 * a union, so read only the member of r.kind). A plain value: it points into the dataset,
 * which must outlive it. Kind COR_KIND_COUNT (every pointer NULL): no
 * record. */
struct cor_record_ref {
    enum cor_kind kind;
    const struct cor_origin *origin;   /* file, line; invalid: 1 if the row had an error */
    const struct cor_obs *obs;         /* observation kinds; NULL for sources and claims */
    union {
        const struct cor_port_record *port;
        const struct cor_pipeline_record *pipeline;
        const struct cor_trade_record *trade;
        const struct cor_budget_record *budget;
        const struct cor_deal_record *deal;
        const struct cor_indicator_record *indicator;
        const struct cor_source_record *source;
        const struct cor_fx_record *fx;
        const struct cor_deflator_record *deflator;
        const struct cor_claim_record *claim;
    };
};

/* The reference of the observation o of kind `kind` (a series point's
 * record: cor_record_of_obs(sel.kind, point->obs)); no record (kind
 * COR_KIND_COUNT) for a kind without observations or o NULL. */
struct cor_record_ref cor_record_of_obs(enum cor_kind kind, const struct cor_obs *o);

/* The kind named s, or NULL. */
const struct cor_schema *cor_schema_lookup(const char *s, size_t len);

/* The kind whose signature column is in the header (names already trimmed), or NULL. */
const struct cor_schema *cor_schema_detect(const char *const *header, size_t n);

/* The column called s (name or alias), or NULL. */
const struct cor_column *cor_schema_column(const struct cor_schema *sc, const char *s, size_t len);

#endif
