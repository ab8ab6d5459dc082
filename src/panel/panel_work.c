/* The panel's workloads: each row into its group's accumulators (the
 * library's: cor_metrics_parts_* for share and HHI, cor_metrics_trend_*
 * for the trend), the second part's groups merged into the first's, then
 * the per-row results of share and growth. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "panel_internal.h"

size_t cor_panel_payload(enum cor_panel_op op)
{
    switch (op) {
    case COR_PANEL_SHARE:
        return sizeof(struct cor_parts_acc);
    case COR_PANEL_HHI:
        return sizeof(struct cor_panel_hhi_acc);
    case COR_PANEL_TREND:
        return sizeof(struct cor_trend_acc);
    case COR_PANEL_GROWTH:
        break;
    }
    return 0;
}

/* ---- rows into groups ---------------------------------------------------------- */

/* hhi: the tuple and hash of the marks of part p in group g. */
static uint64_t seen_tuple(uint32_t g, uint32_t p, uint32_t t[2])
{
    t[0] = g + 1;
    t[1] = p / 64 + 1;
    return cor_panel_tuple_hash(t, 2);
}

/* hhi: part p marked in group g (whose accumulators are h): 1 if it was
 * already (a repeat), 0 if not, -1 when memory runs out. */
static int see_part(struct cor_panel_part *P, struct cor_panel_hhi_acc *h, uint32_t g,
                    uint32_t p)
{
    uint64_t *bits = p < COR_PANEL_HHI_BITS ? &h->bits[p / 64] : NULL;
    if (!bits) {
        uint32_t t[2];
        bits = cor_panel_groups_get(&P->seen, t, seen_tuple(g, p, t), NULL);
        if (!bits)
            return -1;
    }
    uint64_t bit = (uint64_t)1 << (p % 64);
    int was = (*bits & bit) != 0;
    *bits |= bit;
    return was;
}

void cor_panel_flush_batch(struct cor_panel_part *P)
{
    enum cor_panel_op op = P->run->sp->op;
    size_t nb = P->nbatch;
    P->nbatch = 0;
    if (P->oom || P->too_many)
        return;
    if (P->nrows + nb >= UINT32_MAX) {   /* rows are numbered in 32 bits */
        P->too_many = 1;
        return;
    }
    size_t need = P->nrows + nb;
    if (P->run->copy && (!cor_panel_grow((void **)&P->gid, &P->cap_g, need, sizeof *P->gid) ||
                         !cor_panel_grow((void **)&P->val, &P->cap_v, need, sizeof *P->val) ||
                         (op == COR_PANEL_GROWTH &&
                          !cor_panel_grow((void **)&P->yr, &P->cap_y, need, sizeof *P->yr)))) {
        P->oom = 1;
        return;
    }
    /* hhi: the parts to mark outside their groups' slots, once the batch's
     * groups are known, their marks fetched meanwhile */
    struct {
        struct cor_panel_hhi_acc *h;
        uint32_t group, part;
    } mark[COR_PANEL_BATCH];
    size_t nmark = 0;
    for (size_t b = 0; b < nb; b++) {
        const struct cor_panel_pending *r = &P->batch[b];
        uint32_t id = 0;
        void *acc = cor_panel_groups_get(&P->groups, r->tuple, r->hash, &id);
        if (!acc) {
            P->oom = 1;
            return;
        }
        double v = r->value;
        int has = !isnan(v);   /* NaN: a missing word, left out of sums and fits */
        P->missing += !has;
        switch (op) {
        case COR_PANEL_SHARE:
        case COR_PANEL_GROWTH:
            P->gid[P->nrows] = id;
            P->val[P->nrows] = v;
            if (op == COR_PANEL_GROWTH)
                P->yr[P->nrows] = r->year;
            else if (has)
                cor_metrics_parts_add(acc, v);
            break;
        case COR_PANEL_HHI:
            if (has) {   /* a row without a value names no part */
                struct cor_panel_hhi_acc *h = acc;
                uint32_t part = r->tuple[P->nkeys] - 1, t[2];
                cor_metrics_parts_add(&h->parts, v);
                if (part < COR_PANEL_HHI_BITS)
                    P->nrepeat += (size_t)see_part(P, h, id, part);   /* in the slot: 0 or 1 */
                else {
                    mark[nmark].h = h;
                    mark[nmark].group = id;
                    mark[nmark++].part = part;
                    COR_PANEL_PREFETCH(cor_panel_groups_home(&P->seen, seen_tuple(id, part, t)));
                }
            }
            break;
        case COR_PANEL_TREND:
            /* the year is in the accumulator's range (the time column's rule) */
            if (has)
                cor_metrics_trend_add(acc, r->year, v);
            break;
        }
        P->nrows++;
    }
    for (size_t m = 0; m < nmark; m++) {
        int was = see_part(P, mark[m].h, mark[m].group, mark[m].part);
        if (was < 0) {
            P->oom = 1;
            return;
        }
        P->nrepeat += (size_t)was;
    }
}

/* fn(a), and fn(b) unless b is NULL: at once when two, b on a new thread. */
static void run2(void *(*fn)(void *), void *a, void *b, int two)
{
    pthread_t th;
    int threaded = b && two && pthread_create(&th, NULL, fn, b) == 0;
    fn(a);
    if (threaded)
        pthread_join(th, NULL);
    else if (b)
        fn(b);
}

/* ---- two parts into one ---------------------------------------------------------- */

static void merge_acc(void *a, const void *b, enum cor_panel_op op)
{
    if (op == COR_PANEL_SHARE || op == COR_PANEL_HHI)
        cor_metrics_parts_merge(a, b);   /* hhi's marks: merge_seen */
    else if (op == COR_PANEL_TREND)
        cor_metrics_trend_merge(a, b);   /* cannot overflow: fewer than 2^32 rows */
}

/* B's groups from..to into A's: each one found in A and merged there, its
 * id in A in remap; those A has not are left for the caller (missing). */
struct merge_job {
    struct cor_panel_run *R;
    void **bacc;                    /* B's groups by id */
    uint32_t *const *colmap;        /* per key: B's ids in A's numbering */
    uint32_t *remap;
    size_t from, to;
    uint32_t *missing;              /* B's group ids not in A */
    size_t nmissing;
};

/* B's group g's tuple, in A's ids. */
static void a_tuple(const struct merge_job *j, size_t g, uint32_t *t)
{
    const struct cor_panel_groups *BG = &j->R->parts[1].groups;
    const uint32_t *bt = cor_panel_groups_tuple(BG, j->bacc[g]);
    for (size_t k = 0; k < BG->k; k++)
        t[k] = j->colmap[k][bt[k] - 1] + 1;
}

static void *merge_part(void *data)
{
    struct merge_job *j = data;
    struct cor_panel_groups *AG = &j->R->parts[0].groups;
    enum cor_panel_op op = j->R->sp->op;
    enum { AHEAD = 16 };
    /* the tuples and hashes of the next AHEAD groups, whose slots in A are
     * being fetched */
    uint32_t t[AHEAD][COR_PANEL_MAX_KEYS];
    uint64_t h[AHEAD];
    for (size_t g = j->from; g < j->to + AHEAD; g++) {
        size_t i = g % AHEAD;
        if (g >= j->from + AHEAD) {   /* group g - AHEAD, fetched by now */
            size_t d = g - AHEAD;
            uint32_t id = 0;
            void *acc = cor_panel_groups_find(AG, t[i], h[i], &id);
            if (!acc)
                j->missing[j->nmissing++] = (uint32_t)d;
            else {
                merge_acc(acc, j->bacc[d], op);   /* distinct B groups: distinct A groups */
                j->remap[d] = id;   /* bacc is by group id when groups are numbered */
            }
        }
        if (g < j->to) {
            a_tuple(j, g, t[i]);
            h[i] = cor_panel_tuple_hash(t[i], AG->k);
            COR_PANEL_PREFETCH(cor_panel_groups_home(AG, h[i]));
        }
    }
    return NULL;
}

/* hhi: B's marked parts into A's, in A's group and part ids (a part of a
 * group marked in both is one more repeat), and B's repeats. */
static int merge_seen(struct cor_panel_run *R, const uint32_t *remap, const uint32_t *partmap)
{
    struct cor_panel_part *A = &R->parts[0], *B = &R->parts[1];
    void **ag = cor_panel_groups_list(&A->groups), **bg = cor_panel_groups_list(&B->groups);
    void **seen = cor_panel_groups_list(&B->seen);
    int was = ag && bg && seen ? 0 : -1;
    A->nrepeat += B->nrepeat;
    /* the marks in B's slots, then those outside */
    for (size_t g = 0; was >= 0 && g < B->groups.n; g++) {
        const struct cor_panel_hhi_acc *b = bg[g];
        for (size_t w = 0; was >= 0 && w < COR_PANEL_HHI_BITS / 64; w++)
            for (uint64_t bits = b->bits[w]; was >= 0 && bits; bits &= bits - 1) {
                was = see_part(A, ag[remap[g]], remap[g],
                               partmap[w * 64 + cor_panel_lowest_bit(bits)]);
                A->nrepeat += was > 0;
            }
    }
    for (size_t i = 0; was >= 0 && i < B->seen.n; i++) {
        const uint32_t *t = cor_panel_groups_tuple(&B->seen, seen[i]);
        uint32_t g = remap[t[0] - 1];
        for (uint64_t bits = *(const uint64_t *)seen[i]; was >= 0 && bits; bits &= bits - 1) {
            was = see_part(A, ag[g], g, partmap[(t[1] - 1) * 64 + cor_panel_lowest_bit(bits)]);
            A->nrepeat += was > 0;
        }
    }
    free(ag);
    free(bg);
    free(seen);
    return was >= 0;
}

enum cor_status cor_panel_merge(struct cor_panel_run *R)
{
    const struct cor_panel_spec *sp = R->sp;
    struct cor_panel_part *A = &R->parts[0], *B = &R->parts[1];
    if (R->nparts < 2)
        return COR_OK;
    size_t nb = B->groups.n;
    uint32_t *remap = malloc((nb ? nb : 1) * sizeof *remap);
    uint32_t *missing = malloc((nb ? nb : 1) * sizeof *missing);
    uint32_t *colmap[COR_PANEL_MAX_COLS] = {NULL};
    void **bacc = NULL;
    int ok = remap && missing;
    for (size_t k = 0; k < R->ncols_keyed && ok; k++) {
        /* B's ids of each key column, in A's numbering */
        colmap[k] = malloc((B->cols[k].n ? B->cols[k].n : 1) * sizeof *colmap[k]);
        ok = colmap[k] != NULL;
        for (size_t c = 0; ok && c < B->cols[k].n; c++) {
            size_t n;
            const char *t = cor_panel_keys_text(&B->cols[k], (uint32_t)c, &n);
            long id = cor_panel_keys_get(&A->cols[k], t, n);
            ok = id >= 0;
            colmap[k][c] = (uint32_t)id;
        }
    }
    if (ok)
        ok = (bacc = cor_panel_groups_list(&B->groups)) != NULL;
    if (ok) {
        /* the groups A has, on both threads (A's table only read, and each
         * of its groups written by one thread); then, in order, the new ones */
        struct merge_job j[2];
        for (size_t i = 0; i < 2; i++)
            j[i] = (struct merge_job){R, bacc, colmap, remap, i ? nb / 2 : 0,
                                      i ? nb : nb / 2, missing + (i ? nb / 2 : 0), 0};
        run2(merge_part, &j[0], &j[1], R->two);
        for (size_t i = 0; ok && i < 2; i++)
            for (size_t m = 0; ok && m < j[i].nmissing; m++) {
                size_t g = j[i].missing[m];
                uint32_t t[COR_PANEL_MAX_KEYS], id = 0;
                a_tuple(&j[i], g, t);
                void *acc = cor_panel_groups_get(&A->groups, t,
                                                 cor_panel_tuple_hash(t, sp->nkeys), &id);
                ok = acc != NULL;
                if (ok) {
                    merge_acc(acc, bacc[g], sp->op);
                    remap[g] = id;
                }
            }
    }
    for (size_t r = 0; ok && R->copy && r < B->nrows; r++)
        B->gid[r] = remap[B->gid[r]];
    if (ok && sp->op == COR_PANEL_HHI)
        ok = merge_seen(R, remap, colmap[sp->nkeys]);
    free(bacc);
    free(remap);
    free(missing);
    for (size_t k = 0; k < R->ncols_keyed; k++)
        free(colmap[k]);
    return ok ? COR_OK : cor_panel_oom(R);
}

/* ---- share --------------------------------------------------------------------------- */

struct share_job {
    struct cor_panel_part *P;
    void *const *acc_of;
};

static void *share_part(void *data)
{
    struct share_job *j = data;
    struct cor_panel_part *P = j->P;
    for (size_t r = 0; r < P->nrows; r++)
        if (!isnan(P->val[r]))   /* share = value / group sum (NaN when NA) */
            P->val[r] = cor_metrics_parts_share(j->acc_of[P->gid[r]], P->val[r], NULL);
    return NULL;
}

enum cor_status cor_panel_share(struct cor_panel_run *R)
{
    void **acc_of = cor_panel_groups_list(&R->parts[0].groups);
    if (!acc_of)
        return cor_panel_oom(R);
    struct share_job j[2] = {{&R->parts[0], acc_of}, {&R->parts[1], acc_of}};
    run2(share_part, &j[0], R->nparts == 2 ? &j[1] : NULL, R->two);
    free(acc_of);
    return COR_OK;
}

/* ---- hhi: each part once in a group ---------------------------------------------------
 * The read and the merge count the repeats (see_part). When there are any,
 * the file is read again, exactly, in order: the parts marked afresh find
 * the first MAX_DUPS repeats, whatever the thread count, and a
 * second reading the line before each, of the same part of the same group. */
#define MAX_DUPS 32   /* repeats (of parts, of years) named one by one; the rest counted */

struct repeats {
    struct cor_panel_run *R;
    void **acc;            /* the first part's groups, by id */
    int second;            /* 0: the repeats; 1: the lines before them */
    size_t named;
    struct {
        uint32_t group, part;
        unsigned long line, before;
    } rep[MAX_DUPS];
};

static enum cor_status repeat_row(void *user, const char *const *text, const size_t *len,
                                  unsigned long line)
{
    struct repeats *x = user;
    struct cor_panel_part *A = &x->R->parts[0];
    size_t nk = x->R->sp->nkeys;
    uint32_t t[COR_PANEL_MAX_COLS], g = 0;
    for (size_t k = 0; k <= nk; k++) {
        long id = cor_panel_keys_get(&A->cols[k], text[k], len[k]);   /* known: found */
        if (id < 0)
            return COR_ENOMEM;
        t[k] = (uint32_t)id + 1;
    }
    if (!cor_panel_groups_find(&A->groups, t, cor_panel_tuple_hash(t, nk), &g))
        return COR_OK;   /* cannot be: the read saw every row */
    uint32_t p = t[nk] - 1;
    if (x->second) {
        for (size_t i = 0; i < x->named; i++)
            if (x->rep[i].group == g && x->rep[i].part == p && line < x->rep[i].line)
                x->rep[i].before = line;
        return line < x->rep[x->named - 1].line ? COR_OK : COR_EINVAL;
    }
    int was = see_part(A, x->acc[g], g, p);
    if (was < 0)
        return COR_ENOMEM;
    if (was) {
        x->rep[x->named].group = g;
        x->rep[x->named].part = p;
        x->rep[x->named++].line = line;
    }
    return x->named < MAX_DUPS ? COR_OK : COR_EINVAL;
}

enum cor_status cor_panel_hhi_parts(struct cor_panel_run *R)
{
    struct cor_panel_part *A = &R->parts[0];
    if (!A->nrepeat)
        return COR_OK;
    struct repeats *x = calloc(1, sizeof *x);
    void **acc = cor_panel_groups_list(&A->groups);
    if (!x || !acc) {
        free(x);
        free(acc);
        return cor_panel_oom(R);
    }
    x->R = R;
    x->acc = acc;
    /* every mark cleared, then set again in the file's order */
    for (size_t g = 0; g < A->groups.n; g++) {
        struct cor_panel_hhi_acc *h = acc[g];
        memset(h->bits, 0, sizeof h->bits);
    }
    cor_panel_groups_free(&A->seen);
    cor_panel_groups_init(&A->seen, 2, sizeof(uint64_t), 0);
    enum cor_status st = cor_panel_keyed_rows(R, repeat_row, x);
    if (st == COR_OK && x->named) {
        x->second = 1;
        st = cor_panel_keyed_rows(R, repeat_row, x);
    }
    if (st == COR_OK) {
        const struct cor_panel_keys *parts = &A->cols[R->sp->nkeys];
        for (size_t i = 0; i < x->named; i++) {
            size_t n;
            const char *p = cor_panel_keys_text(parts, x->rep[i].part, &n);
            cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_DUPLICATE, R->file, x->rep[i].line, 1,
                          "part '%.*s' of this group is also on line %lu (each part once in "
                          "a group: keep one flow, add the column that tells the rows apart "
                          "to the keys, or sum them first)",
                          (int)(n < 60 ? n : 60), p, x->rep[i].before);
        }
        size_t more = A->nrepeat - x->named;
        if (more)
            cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_DUPLICATE, R->file, 0, 0,
                          "%zu%s row%s a part of their group", more, x->named ? " more" : "",
                          more == 1 ? " repeats" : "s repeat");
        st = COR_EDATA;
    } else
        st = st == COR_ENOMEM ? cor_panel_oom(R)
                              : cor_error_set(R->err, COR_EIO, R->name, 0, 0, "read error");
    free(x);
    free(acc);
    return st;
}

/* ---- growth -------------------------------------------------------------------------
 * The rows of each series gathered (a counting sort by series, each part
 * scattering its own rows), sorted by year within the series, then each
 * row's value becomes its growth over the year before. */
struct rec {
    uint32_t row;          /* in the file: part 1's rows after part 0's */
    int32_t yr;
};

struct growth_job {
    struct cor_panel_part *P;
    size_t row0;           /* the part's first row in the file */
    uint32_t *pos;         /* per series: where its next row goes */
    struct rec *recs;
    const uint32_t *start; /* per series: its first rec; start[ng] = all */
    size_t g0, g1;         /* the series this job finishes */
    struct cor_panel_part *parts;
    size_t dups;           /* rows repeating a year of their series */
    struct {
        uint32_t row[2];
        int32_t yr;
    } dup[MAX_DUPS];
};

static void *count_part(void *data)
{
    struct growth_job *j = data;
    for (size_t r = 0; r < j->P->nrows; r++)
        j->pos[j->P->gid[r]]++;
    return NULL;
}

static void *scatter_part(void *data)
{
    struct growth_job *j = data;
    const struct cor_panel_part *P = j->P;
    for (size_t r = 0; r < P->nrows; r++) {
        struct rec *x = &j->recs[j->pos[P->gid[r]]++];
        x->row = (uint32_t)(j->row0 + r);
        x->yr = P->yr[r];
    }
    return NULL;
}

static int rec_cmp(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->yr != y->yr)
        return x->yr < y->yr ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

static void *growth_series(void *data)
{
    struct growth_job *j = data;
    size_t n0 = j->parts[0].nrows;
    for (size_t g = j->g0; g < j->g1; g++) {
        struct rec *s = j->recs + j->start[g];
        size_t n = j->start[g + 1] - j->start[g];
        if (n > 32)
            qsort(s, n, sizeof *s, rec_cmp);
        else
            for (size_t i = 1; i < n; i++) {   /* series are short: insertion sort */
                struct rec x = s[i];
                size_t k = i;
                for (; k > 0 && rec_cmp(&s[k - 1], &x) > 0; k--)
                    s[k] = s[k - 1];
                s[k] = x;
            }
        /* in year order, each value is read, then replaced by its growth */
        double prev = NAN;
        for (size_t i = 0; i < n; i++) {
            uint32_t r = s[i].row;
            double *v = r < n0 ? &j->parts[0].val[r] : &j->parts[1].val[r - n0];
            double growth = NAN;
            if (i > 0 && s[i - 1].yr == s[i].yr) {
                if (j->dups < MAX_DUPS) {
                    j->dup[j->dups].row[0] = s[i - 1].row;
                    j->dup[j->dups].row[1] = r;
                    j->dup[j->dups].yr = s[i].yr;
                }
                j->dups++;
            } else if (i > 0 && s[i - 1].yr == s[i].yr - 1 && prev > 0)
                growth = *v / prev - 1.0;   /* v_t / v_(t-1) - 1; NaN when v_t is missing */
            prev = *v;
            *v = growth;
        }
    }
    return NULL;
}

/* Names both lines of each repeated year (the first MAX_DUPS). */
static enum cor_status report_dups(struct cor_panel_run *R, struct growth_job *jobs)
{
    size_t want[2 * MAX_DUPS], nd = 0, total = 0;
    int32_t year[MAX_DUPS];
    for (size_t i = 0; i < 2; i++) {
        for (size_t d = 0; d < jobs[i].dups && d < MAX_DUPS && nd < MAX_DUPS; d++, nd++) {
            want[2 * nd] = jobs[i].dup[d].row[0];
            want[2 * nd + 1] = jobs[i].dup[d].row[1];
            year[nd] = jobs[i].dup[d].yr;
        }
        total += jobs[i].dups;
    }
    size_t sorted[2 * MAX_DUPS];
    memcpy(sorted, want, 2 * nd * sizeof *sorted);
    for (size_t i = 1; i < 2 * nd; i++)
        for (size_t k = i; k > 0 && sorted[k - 1] > sorted[k]; k--) {
            size_t t = sorted[k];
            sorted[k] = sorted[k - 1];
            sorted[k - 1] = t;
        }
    unsigned long lines[2 * MAX_DUPS];
    enum cor_status st = cor_panel_row_lines(R, sorted, 2 * nd, lines);
    if (st != COR_OK)
        return st == COR_ENOMEM ? cor_panel_oom(R)
                                : cor_error_set(R->err, COR_EIO, R->name, 0, 0, "read error");
    for (size_t d = 0; d < nd; d++) {
        unsigned long la = 0, lb = 0;
        for (size_t i = 0; i < 2 * nd; i++) {
            if (sorted[i] == want[2 * d])
                la = lines[i];
            if (sorted[i] == want[2 * d + 1])
                lb = lines[i];
        }
        cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_DUPLICATE, R->file, lb, 1,
                      "year %ld of this series is also on line %lu", (long)year[d], la);
    }
    if (total > nd)
        cor_diags_add(R->diags, COR_SEV_ERROR, COR_D_DUPLICATE, R->file, 0, 0,
                      "%zu more row%s a year of their series", total - nd,
                      total - nd == 1 ? " repeats" : "s repeat");
    return COR_EDATA;
}

enum cor_status cor_panel_growth(struct cor_panel_run *R)
{
    struct cor_panel_part *A = &R->parts[0], *B = R->nparts == 2 ? &R->parts[1] : NULL;
    size_t ng = A->groups.n, n = A->nrows + (B ? B->nrows : 0);
    struct growth_job jobs[2];
    memset(jobs, 0, sizeof jobs);
    uint32_t *start = calloc(ng + 1, sizeof *start);
    struct rec *recs = malloc((n ? n : 1) * sizeof *recs);
    jobs[0].pos = calloc(ng ? ng : 1, sizeof *jobs[0].pos);
    jobs[1].pos = B ? calloc(ng ? ng : 1, sizeof *jobs[1].pos) : NULL;
    if (!start || !recs || !jobs[0].pos || (B && !jobs[1].pos)) {
        free(start);
        free(recs);
        free(jobs[0].pos);
        free(jobs[1].pos);
        return cor_panel_oom(R);
    }
    for (size_t i = 0; i < 2; i++) {
        jobs[i].P = &R->parts[i];
        jobs[i].row0 = i ? A->nrows : 0;
        jobs[i].recs = recs;
        jobs[i].start = start;
        jobs[i].parts = R->parts;
    }
    /* each part's rows of each series, then where they go: a series' rows of
     * part 0 before its rows of part 1 (input order within a year) */
    run2(count_part, &jobs[0], B ? &jobs[1] : NULL, R->two);
    for (size_t g = 0; g < ng; g++) {
        uint32_t c0 = jobs[0].pos[g], c1 = B ? jobs[1].pos[g] : 0;
        start[g + 1] = start[g] + c0 + c1;
        jobs[0].pos[g] = start[g];
        if (B)
            jobs[1].pos[g] = start[g] + c0;
    }
    run2(scatter_part, &jobs[0], B ? &jobs[1] : NULL, R->two);
    free(jobs[0].pos);
    free(jobs[1].pos);
    for (size_t i = 0; i < R->nparts; i++) {   /* the recs hold what is left to know */
        free(R->parts[i].gid);
        free(R->parts[i].yr);
        R->parts[i].gid = NULL;
        R->parts[i].yr = NULL;
    }
    /* the series in two halves of about as many rows */
    size_t half = 0;
    while (half < ng && start[half] < n / 2)
        half++;
    jobs[0].g0 = 0;
    jobs[0].g1 = R->two ? half : ng;
    jobs[1].g0 = jobs[0].g1;
    jobs[1].g1 = ng;
    run2(growth_series, &jobs[0], &jobs[1], R->two);
    free(recs);
    free(start);
    if (jobs[0].dups || jobs[1].dups)
        return report_dups(R, jobs);
    return COR_OK;
}
