/* panel_internal.h - what the files of the panel module share. The module
 * reads a panel once into compact per-row arrays and per-group
 * accumulators, then runs one workload:
 *   panel.c       the run: open, read, compute, write (cor_panel_run)
 *   panel_keys.c  the key map: key texts -> ids, tuples of ids -> groups
 *                 and their accumulators, groups in key order
 *   panel_csv.c   the CSV parse: libcsv's results, many bytes at a time
 *   panel_read.c  the parallel read: the header, the cut in two parts, the
 *                 parse of each part, and the located report of what the
 *                 fast reader refused
 *   panel_work.c  the workloads: rows into groups, two parts into one,
 *                 share, growth
 *   panel_out.c   the output: buffered CSV, the ordered two-core copy of
 *                 the input rows, one row per group
 * Everything here is internal (cor_panel_ prefix, not installed). */
#ifndef CORRIDOR_PANEL_INTERNAL_H
#define CORRIDOR_PANEL_INTERNAL_H

#include <csv.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "corridor/metrics.h"
#include "corridor/panel.h"

/* Everything declared here is hidden: the shared library exports only the
 * public API (cor_panel_run, cor_panel_run_fd). */
#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

#define COR_PANEL_CHUNK (1u << 20)   /* bytes per read by default */

#if defined(__GNUC__)
#define COR_PANEL_PREFETCH(p) __builtin_prefetch(p, 1)
#define COR_PANEL_COLD __attribute__((noinline, cold))   /* keeps a hot caller small */
#else
#define COR_PANEL_PREFETCH(p) ((void)(p))
#define COR_PANEL_COLD
#endif

/* The index of the lowest bit set in x (x != 0). */
static inline unsigned cor_panel_lowest_bit(uint64_t x)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(x);
#else
    unsigned i = 0;
    while (!(x & 1)) {
        x >>= 1;
        i++;
    }
    return i;
#endif
}

/* ---- the key map (panel_keys.c) ---------------------------------------- */

/* *p grown to hold `need` items of `size` bytes (doubling); 0 when memory
 * runs out (*p unchanged). */
int cor_panel_grow(void **p, size_t *cap, size_t need, size_t size);

/* The texts of one key column -> ids 0, 1, ... in order of first appearance. */
struct cor_panel_key {
    uint64_t hash;
    size_t off, len;      /* of its text in text */
};

struct cor_panel_keys {
    uint32_t *slots;      /* id + 1; 0 = empty */
    size_t nslots;
    struct cor_panel_key *keys;   /* per id */
    size_t n, cap;
    char *text;
    size_t text_len, text_cap;
};

/* The id of s[0..n) trimmed of spaces and tabs, added if new; -1 when
 * memory runs out. */
long cor_panel_keys_get(struct cor_panel_keys *m, const char *s, size_t n);
const char *cor_panel_keys_text(const struct cor_panel_keys *m, uint32_t id, size_t *len);
void cor_panel_keys_free(struct cor_panel_keys *m);

/* Tuples of key ids -> groups, each group's accumulators (`payload` bytes)
 * stored in its slot with the tuple, so that a row reads and writes one
 * cache line. A tuple holds each key's id + 1 (0 marks an empty slot).
 * With `numbered`, groups also get ids 0, 1, ... (share and growth keep one
 * per row). Slot: payload, the k ids, [the group id]. */
struct cor_panel_groups {
    unsigned char *slots;
    size_t nslots, k, payload, stride;
    int numbered;
    size_t n;
    size_t mapped;        /* bytes of slots mapped with mmap (grown in place), or 0 */
    unsigned char *carry; /* the growth's scratch: one cluster of slots */
    size_t cap_carry;     /* its size in slots */
};

void cor_panel_groups_init(struct cor_panel_groups *g, size_t k, size_t payload, int numbered);
void cor_panel_groups_free(struct cor_panel_groups *g);

/* The hash of a tuple of k ids (inline: once per row). */
static inline uint64_t cor_panel_tuple_hash(const uint32_t *t, size_t k)
{
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < k; i++) {
        h ^= t[i];
        h *= 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    return h;
}

/* The slot where hash h starts its probe, to prefetch. */
static inline const void *cor_panel_groups_home(const struct cor_panel_groups *g, uint64_t h)
{
    return g->nslots ? g->slots + ((size_t)h & (g->nslots - 1)) * g->stride : NULL;
}
/* The accumulators of tuple t's group (zeroed when new: an empty
 * accumulator); its id in *id when numbered. h = cor_panel_tuple_hash(t,
 * k). NULL when memory runs out. */
void *cor_panel_groups_get(struct cor_panel_groups *g, const uint32_t *t, uint64_t h,
                           uint32_t *id);
/* The same, or NULL when t has no group (nothing is added: threads may
 * look up at once). */
void *cor_panel_groups_find(const struct cor_panel_groups *g, const uint32_t *t, uint64_t h,
                            uint32_t *id);
/* The tuple of the group whose accumulators are at acc. */
const uint32_t *cor_panel_groups_tuple(const struct cor_panel_groups *g, const void *acc);
/* Every group's accumulators: by group id when numbered, else in slot
 * order. NULL when memory runs out. */
void **cor_panel_groups_list(const struct cor_panel_groups *g);
/* The same in key order (byte order of the texts, key by key). */
void **cor_panel_groups_sorted(const struct cor_panel_groups *g,
                               const struct cor_panel_keys *cols);

/* ---- where records end (the header, the copy) ------------------------- */

/* Records end where libcsv ends them: at a CR or LF outside quotes. A line
 * of spaces (and tabs, unless tab is the delimiter) is no record. The
 * state carries from one piece of text to the next. */
struct cor_panel_scan {
    int quoted;           /* inside a quoted field */
    int begun;            /* a record has begun since the last line end */
    int tab_is_space;
};

/* The offset of the next CR or LF outside quotes in s[0..n), or n; the
 * state then says (begun) whether a record ends there. has_cr: s holds a
 * CR (with 0, CRs are not looked for). Inline: the copy calls it once per
 * record. */
/* 1 if s[0..n) holds a byte that is not a space (see cor_panel_scan). */
static inline int cor_panel_scan_begins(const struct cor_panel_scan *st, const char *s, size_t n)
{
    for (size_t j = 0; j < n; j++)
        if (s[j] != ' ' && (s[j] != '\t' || !st->tab_is_space))
            return 1;
    return 0;
}

static inline size_t cor_panel_scan_line(struct cor_panel_scan *st, const char *s, size_t n,
                                         int has_cr)
{
    size_t i = 0, lf = 0;   /* lf: the next LF at or after i, once looked for */
    for (;;) {
        if (st->quoted) {   /* to the closing quote ("" closes and reopens) */
            const char *q = memchr(s + i, '"', n - i);
            if (!q)
                return n;
            i = (size_t)(q - s) + 1;
            st->quoted = 0;
        }
        /* outside quotes: the first quote, CR or LF */
        if (lf <= i) {
            const char *p = memchr(s + i, '\n', n - i);
            lf = p ? (size_t)(p - s) : n;
        }
        size_t e = lf;
        const char *q = memchr(s + i, '"', e - i);
        if (q)
            e = (size_t)(q - s);
        if (has_cr) {
            const char *cr = memchr(s + i, '\r', e - i);
            if (cr)
                e = (size_t)(cr - s);
        }
        if (!st->begun)
            st->begun = cor_panel_scan_begins(st, s + i, e - i);
        if (e == n || s[e] != '"')
            return e;   /* a CR or LF, or the end */
        st->quoted = st->begun = 1;
        i = e + 1;
    }
}

/* ---- the CSV parse (panel_csv.c) --------------------------------------- */

/* libcsv's parse (CSV_STRICT | CSV_STRICT_FINI, spaces around unquoted
 * fields dropped), with its callbacks, its results and its errors, found
 * many bytes at a time: quote-free records are split here and their fields
 * handed over in place; a record holding a quote goes whole to libcsv. */
typedef void (*cor_panel_field_fn)(void *text, size_t len, void *user);
typedef void (*cor_panel_record_fn)(int term, void *user);

/* A field of a record that holds a quote: at off in the input, or in the
 * scratch text when its "" became one quote. */
struct cor_panel_span {
    size_t off, len;
    int copied;
};

struct cor_panel_csv {
    struct csv_parser p;          /* the records that hold a quote, but the plainest */
    char delim;
    int slow;                     /* inside a record libcsv is reading */
    int quoted;                   /* ... inside quotes there */
    char *carry;                  /* a quote-free record begun in an earlier piece */
    size_t ncarry, cap;
    struct cor_panel_span *spans; /* a quoted record's fields */
    size_t cap_spans;
    char *scratch;
    size_t nscratch, cap_scratch;
    int error;                    /* libcsv's CSV_E* code, 0 if none */
    cor_panel_field_fn on_field;
    cor_panel_record_fn on_record;
    void *user;
};

/* 0, or -1 when memory runs out. */
int cor_panel_csv_init(struct cor_panel_csv *c, char delim, cor_panel_field_fn on_field,
                       cor_panel_record_fn on_record, void *user);
/* Reads the next n bytes (any cut gives the same callbacks): n, or fewer on
 * an error (then cor_panel_csv_error says which, as csv_error would). */
size_t cor_panel_csv_parse(struct cor_panel_csv *c, const char *s, size_t n);
/* Ends the input (the last record without a line end): 0, or -1 on an
 * error (a quote never closed). */
int cor_panel_csv_fini(struct cor_panel_csv *c);
int cor_panel_csv_error(const struct cor_panel_csv *c);
void cor_panel_csv_free(struct cor_panel_csv *c);

/* ---- the run ---------------------------------------------------------- */

#define COR_PANEL_BATCH 32

/* The key columns a row is read for: the group's, then hhi's part column,
 * read as one more key (a text -> id map of its own, not in the group's
 * tuple). */
#define COR_PANEL_MAX_COLS (COR_PANEL_MAX_KEYS + 1)

/* hhi's accumulators: the parts' sums, and a bit for each part of the
 * group whose id is below COR_PANEL_HHI_BITS (the others are marked in the
 * part's `seen`). */
#define COR_PANEL_HHI_BITS 256

struct cor_panel_hhi_acc {
    struct cor_parts_acc parts;   /* first: the output reads it as a cor_parts_acc */
    uint64_t bits[COR_PANEL_HHI_BITS / 64];
};

/* A row waiting in a batch for its group slot, prefetched. */
struct cor_panel_pending {
    uint32_t tuple[COR_PANEL_MAX_COLS];   /* the group's ids, then the part's */
    uint64_t hash;
    double value;         /* NaN: missing */
    int32_t year;
};

/* A record boundary: `row` records of the part lie before byte `off`. */
struct cor_panel_checkpoint {
    off_t off;
    size_t row;
};

struct cor_panel_run;

/* One part of the file, read by one thread. */
struct cor_panel_part {
    struct cor_panel_run *run;
    int index;                      /* 0 or 1 */
    size_t ncols, nkeys;            /* copies of the run's, for on_field */
    const int *key_of;
    int value_col, time_col, plain;
    long year_min, year_max;
    off_t begin, end;
    struct cor_panel_csv p;
    /* the row being read */
    size_t field;
    uint32_t tuple[COR_PANEL_MAX_COLS];
    double value;
    int32_t year;
    int row_bad;
    int extra_empty;                /* the row has a field after the last column, empty */
    struct cor_panel_pending batch[COR_PANEL_BATCH];
    size_t nbatch;
    /* results */
    struct cor_panel_keys cols[COR_PANEL_MAX_COLS];   /* per key column: text -> id */
    struct cor_panel_groups groups;
    uint32_t *gid;                  /* share, growth: per row */
    double *val;                    /* share, growth: per row (NaN: missing) */
    int32_t *yr;                    /* growth: per row */
    uint64_t *wide;                 /* share, growth: a bit per row, set for a row
                                     * ending with a delimiter the header has not
                                     * (cor_csv_row_width); NULL while there is none */
    size_t nrows, cap_g, cap_v, cap_y, cap_w;
    struct cor_panel_groups seen;   /* hhi: (group id + 1, part id / 64 + 1) -> a bit
                                     * for each of those 64 parts the group has (ids
                                     * from COR_PANEL_HHI_BITS up) */
    size_t nrepeat;                 /* hhi: rows naming a part their group had */
    struct cor_panel_checkpoint *cp;   /* share, growth: where the copy can be cut */
    size_t ncp, cap_cp;
    size_t bad, missing;            /* malformed rows; rows without a value */
    int csv_error, oom, io_error, too_many;
};

struct cor_panel_run {
    const struct cor_panel_spec *sp;
    const char *name;               /* in messages */
    size_t file;                    /* in diags */
    int fd;
    off_t size;
    off_t head_start, head_end;     /* the header record, without its line end */
    off_t data_start;               /* just after its line end */
    size_t chunk;
    struct cor_read_opts read;      /* the spec's, with its defaults */
    char delim;
    int two;                        /* two threads */
    int copy;                       /* share, growth: rows are copied back */
    int plain;                      /* numbers in the plain style (cor_num_parse) */
    size_t ncols;
    int *key_of;                    /* per column: key index (hhi's part: nkeys),
                                     * or -1 */
    size_t ncols_keyed;             /* the key columns read: nkeys, + 1 for hhi */
    int value_col, time_col;
    long year_min, year_max;
    struct cor_panel_part parts[2];
    size_t nparts;
    void **acc_of;                  /* share: group id -> its accumulators */
    atomic_ullong done[2];          /* bytes read by each part */
    struct cor_diags *diags;
    struct cor_error *err;
};

enum cor_status cor_panel_oom(struct cor_panel_run *R);

/* panel_read.c */
enum cor_status cor_panel_read_header(struct cor_panel_run *R);
enum cor_status cor_panel_read(struct cor_panel_run *R);
/* Reads the file again, as the fast reader reads it (libcsv, the same
 * record ends), and calls fn for each data row that has a value, with the
 * trimmed texts of its key columns (the keys, then hhi's part) and its
 * line; fn returns COR_OK to go on, COR_EINVAL to stop (then
 * COR_OK is returned), or an error, returned. */
typedef enum cor_status (*cor_panel_keyed_fn)(void *user, const char *const *text,
                                              const size_t *len, unsigned long line);
enum cor_status cor_panel_keyed_rows(struct cor_panel_run *R, cor_panel_keyed_fn fn,
                                     void *user);
/* The line of each wanted data row (0-based indices, ascending). */
enum cor_status cor_panel_row_lines(struct cor_panel_run *R, const size_t *want, size_t nwant,
                                    unsigned long *line);

/* panel_work.c */
size_t cor_panel_payload(enum cor_panel_op op);
void cor_panel_flush_batch(struct cor_panel_part *P);
enum cor_status cor_panel_merge(struct cor_panel_run *R);
enum cor_status cor_panel_share(struct cor_panel_run *R);
enum cor_status cor_panel_growth(struct cor_panel_run *R);
/* hhi: COR_EDATA when a part is named twice in a group (the first
 * repeats in the file named with both lines, the others counted), or
 * COR_OK. */
enum cor_status cor_panel_hhi_parts(struct cor_panel_run *R);

/* panel_out.c */
enum cor_status cor_panel_copy_out(struct cor_panel_run *R, FILE *out);
enum cor_status cor_panel_groups_out(struct cor_panel_run *R, FILE *out);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
