/* The panel's key map: the texts of each key column become small ids, a
 * tuple of ids names a group, and each group's accumulators live in its
 * hash-table slot. Then the groups in key order, for the output.
 *
 * Why not the library's string pool (cor_intern): it hashes with FNV-1a a
 * byte at a time and compares through memcmp; every key field of every row
 * goes through this map, and with cor_intern `panel hhi` ran 8% more
 * instructions on the 1M-row benchmark panel (3.21e9 against 2.97e9,
 * callgrind). Here keys are hashed eight bytes at a time, each id keeps its
 * hash, and short keys compare as one or two words. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE   /* madvise (MADV_HUGEPAGE) */
#define _GNU_SOURCE       /* mremap (Linux): the group table grows in place */

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "panel_internal.h"

int cor_panel_grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 1;
    size_t c = *cap ? *cap : 1024;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q)
        return 0;
    *p = q;
    *cap = c;
    return 1;
}

/* n zeroed bytes for a table read and written at random: written once here
 * (calloc's untouched pages would be mapped to the zero page on the first
 * probe and copied on the first store, and with two threads each copy stops
 * the other core to flush its TLB), on huge pages where the system allows. */
static void *big_zeroed(size_t n)
{
    void *p = NULL;
    size_t huge = (size_t)2 << 20;
    if (n < 2 * huge)
        p = malloc(n);
    else if (posix_memalign(&p, huge, (n + huge - 1) / huge * huge) != 0)
        p = NULL;
#ifdef MADV_HUGEPAGE
    else
        madvise(p, (n + huge - 1) / huge * huge, MADV_HUGEPAGE);
#endif
    if (p)
        memset(p, 0, n);
    return p;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* ---- key texts -> ids ------------------------------------------------------ */

/* The n < 8 bytes at s as one word (fixed-size loads, overlapping: the
 * words of two equal strings are equal). */
static uint64_t short_word(const char *s, size_t n)
{
    uint32_t a, b;
    if (n >= 4) {
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        return a | (uint64_t)b << 32;
    }
    if (n == 0)
        return 0;
    return (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
           (uint64_t)(unsigned char)s[n - 1] << 16;
}

static inline uint64_t hash_bytes(const char *s, size_t n)
{
    /* eight bytes at a time, each word multiplied in (keys are short); the
     * last word overlaps the one before */
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n, w;
    if (n < 8)
        w = short_word(s, n);
    else {
        const char *end = s + n - 8;
        for (; s < end; s += 8) {
            memcpy(&w, s, 8);
            h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
            h ^= h >> 29;
        }
        memcpy(&w, end, 8);
    }
    /* a full final mix: keys that differ only in their last bytes (Country
     * 105, Country 106...) differ in the high bits of w */
    h ^= w;
    h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDull;
    h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 33);
}

/* a[0..n) == b[0..n), without a call for short keys */
static int same_bytes(const char *a, const char *b, size_t n)
{
    if (n > 16)
        return memcmp(a, b, n) == 0;
    if (n < 8)
        return short_word(a, n) == short_word(b, n);
    uint64_t a0, a1, b0, b1;
    memcpy(&a0, a, 8);
    memcpy(&a1, a + n - 8, 8);
    memcpy(&b0, b, 8);
    memcpy(&b1, b + n - 8, 8);
    return a0 == b0 && a1 == b1;
}

void cor_panel_keys_free(struct cor_panel_keys *m)
{
    free(m->slots);
    free(m->keys);
    free(m->text);
}

const char *cor_panel_keys_text(const struct cor_panel_keys *m, uint32_t id, size_t *len)
{
    *len = m->keys[id].len;
    return m->text ? m->text + m->keys[id].off : "";
}

static int keys_rehash(struct cor_panel_keys *m)
{
    size_t ns = m->nslots ? m->nslots * 2 : 4096;
    uint32_t *s = calloc(ns, sizeof *s);
    if (!s)
        return 0;
    for (size_t id = 0; id < m->n; id++) {
        size_t i = (size_t)m->keys[id].hash & (ns - 1);
        while (s[i])
            i = (i + 1) & (ns - 1);
        s[i] = (uint32_t)id + 1;
    }
    free(m->slots);
    m->slots = s;
    m->nslots = ns;
    return 1;
}

/* The id of key, or where it would go: *slot. */
static inline long keys_find(const struct cor_panel_keys *m, const char *key, size_t n, uint64_t h,
                      size_t *slot)
{
    size_t i = (size_t)h & (m->nslots - 1);
    for (;;) {
        uint32_t s = m->slots[i];
        if (!s)
            break;
        const struct cor_panel_key *g = &m->keys[s - 1];
        if (g->hash == h && g->len == n && same_bytes(m->text + g->off, key, n))
            return s - 1;
        i = (i + 1) & (m->nslots - 1);
    }
    *slot = i;
    return -1;
}

/* A new text: trimmed (it may be a known key with spaces around it), then
 * added if still new. Out of line: the common case, a known key, pays
 * nothing for the trimming (libcsv already drops the spaces around
 * unquoted fields). */
static COR_PANEL_COLD long keys_add(struct cor_panel_keys *m, const char *key, size_t n,
                                    size_t slot)
{
    if (n && (is_blank(key[0]) || is_blank(key[n - 1]))) {
        while (n && is_blank(*key)) {
            key++;
            n--;
        }
        while (n && is_blank(key[n - 1]))
            n--;
        uint64_t h = hash_bytes(key, n);
        long id = keys_find(m, key, n, h, &slot);
        if (id >= 0)
            return id;
    }
    if (m->n >= UINT32_MAX - 1 ||
        !cor_panel_grow((void **)&m->keys, &m->cap, m->n + 1, sizeof *m->keys) ||
        !cor_panel_grow((void **)&m->text, &m->text_cap, m->text_len + n + 1, 1))
        return -1;
    if (n)
        memcpy(m->text + m->text_len, key, n);
    m->keys[m->n] = (struct cor_panel_key){hash_bytes(key, n), m->text_len, n};
    m->text_len += n;
    m->slots[slot] = (uint32_t)m->n + 1;
    return (long)m->n++;
}

long cor_panel_keys_get(struct cor_panel_keys *m, const char *key, size_t n)
{
    if ((m->n + 1) * 2 > m->nslots && !keys_rehash(m))
        return -1;
    size_t slot = 0;
    long id = keys_find(m, key, n, hash_bytes(key, n), &slot);
    return id >= 0 ? id : keys_add(m, key, n, slot);
}

/* ---- tuples -> groups -------------------------------------------------------- */

void cor_panel_groups_init(struct cor_panel_groups *g, size_t k, size_t payload, int numbered)
{
    memset(g, 0, sizeof *g);
    g->k = k;
    g->payload = payload;
    g->numbered = numbered;
    g->stride = (payload + (k + (numbered ? 1 : 0)) * 4 + 7) / 8 * 8;
}

/* ---- the group table's memory ------------------------------------------------
 * A big table is mapped on its own (Linux: mmap), aligned for huge pages,
 * and doubled in place: mremap moves its pages, without copying them, to
 * the front of a region twice the size, and only the new half is faulted in
 * and zeroed. Rehashing into a new table instead would fault in and zero
 * every size on the way (twice the final table) and hold the old table and
 * the new at once. Elsewhere, and for small tables, a new table is
 * allocated and the groups rehashed into it. */
#define HUGE_PAGE ((size_t)2 << 20)

#if defined(__linux__) && defined(MREMAP_MAYMOVE) && defined(MREMAP_FIXED)
#define GROW_IN_PLACE 1

/* n bytes rounded up to whole huge pages. */
static size_t mapped_size(size_t n)
{
    return (n + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
}

/* A region of n bytes (a multiple of HUGE_PAGE) aligned to HUGE_PAGE, not
 * yet touched; NULL if none. */
static unsigned char *map_aligned(size_t n)
{
    unsigned char *p = mmap(NULL, n + HUGE_PAGE, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    size_t lead = (HUGE_PAGE - (uintptr_t)p % HUGE_PAGE) % HUGE_PAGE;
    if (lead)
        munmap(p, lead);
    munmap(p + lead + n, HUGE_PAGE - lead);
#ifdef MADV_HUGEPAGE
    madvise(p + lead, n, MADV_HUGEPAGE);
#endif
    return p + lead;
}

/* The mapped table p (old bytes) as the front of a zeroed region of n
 * bytes (a multiple of HUGE_PAGE), aligned as it was (its huge pages move
 * whole); NULL if there is no such region (p is then unchanged). */
static unsigned char *remap_grown(unsigned char *p, size_t old, size_t n)
{
    unsigned char *q = map_aligned(n);
    if (!q)
        return NULL;
    void *r = mremap(p, old, old, MREMAP_MAYMOVE | MREMAP_FIXED, q);
    if (r == MAP_FAILED) {
        munmap(q, n);
        return NULL;
    }
    memset(q + old, 0, n - old);   /* faulted in here, not at random by the probes */
    return q;
}
#else
#define GROW_IN_PLACE 0
#endif

void cor_panel_groups_free(struct cor_panel_groups *g)
{
#if GROW_IN_PLACE
    if (g->mapped) {
        munmap(g->slots, g->mapped);
        g->mapped = 0;
    } else
#endif
        free(g->slots);
    g->slots = NULL;
    free(g->carry);
    g->carry = NULL;
    g->cap_carry = 0;
}

static uint32_t *slot_ids(const struct cor_panel_groups *g, unsigned char *slot)
{
    return (uint32_t *)(void *)(slot + g->payload);
}

/* 1 if slot i of the table holds a group. */
static int occupied(const struct cor_panel_groups *g, size_t i)
{
    return slot_ids(g, g->slots + i * g->stride)[0] != 0;
}

static size_t slot_home(const struct cor_panel_groups *g, unsigned char *slot, size_t ns)
{
    return (size_t)cor_panel_tuple_hash(slot_ids(g, slot), g->k) & (ns - 1);
}

/* Puts the group in slot `from` (outside s) at its place in s (ns slots). */
static void place(const struct cor_panel_groups *g, unsigned char *s, size_t ns,
                  const unsigned char *from)
{
    size_t j = slot_home(g, (unsigned char *)(uintptr_t)from, ns);
    while (slot_ids(g, s + j * g->stride)[0])
        j = (j + 1) & (ns - 1);
    memcpy(s + j * g->stride, from, g->stride);
}

/* Every group of the table (nslots, any layout) rehashed into s, a zeroed
 * table of ns slots (mapped: its mapped bytes, or 0), which replaces it. */
static void rehash_into(struct cor_panel_groups *g, unsigned char *s, size_t ns, size_t mapped)
{
    for (size_t i = 0; i < g->nslots; i++)
        if (occupied(g, i))
            place(g, s, ns, g->slots + i * g->stride);
    cor_panel_groups_free(g);
    g->slots = s;
    g->nslots = ns;
    g->mapped = mapped;
}

static int rehash_copy(struct cor_panel_groups *g, size_t ns)
{
    unsigned char *s = big_zeroed(ns * g->stride);
    if (s)
        rehash_into(g, s, ns, 0);
    return s != NULL;
}

#if GROW_IN_PLACE
/* 1 if every group of the table (ns slots) is found from its home: no
 * empty slot between the two. */
static int all_reachable(const struct cor_panel_groups *g, size_t ns)
{
    size_t z = 0;   /* an empty slot: offsets count from it */
    while (occupied(g, z))
        z++;
    size_t last_empty = 0;
    for (size_t o = 1; o < ns; o++) {
        unsigned char *slot = g->slots + ((z + o) & (ns - 1)) * g->stride;
        if (!slot_ids(g, slot)[0]) {
            last_empty = o;
            continue;
        }
        size_t home = (slot_home(g, slot, ns) - z) & (ns - 1);
        if (home <= last_empty || home > o)
            return 0;
    }
    return 1;
}

/* The cluster (the run of groups) at slots from, from + 1, ... (len, with
 * wrapping at the old size n) taken out and put back with the doubled
 * table's homes. The new home of a group at old home i is i or i + n:
 * those at i land within the cluster's slots, as before (the wrapping
 * cluster's may go on into the new half's start); those at i + n land in
 * the new half as they lay in the old, among groups already put back, and
 * the wrapping cluster's go on into the start it has just left. Taking a
 * whole cluster out never cuts another group's path to its slot. */
static int replace_cluster(struct cor_panel_groups *g, size_t from, size_t len, size_t n)
{
    if (len > g->cap_carry) {
        unsigned char *c = realloc(g->carry, len * g->stride);
        if (!c)
            return 0;
        g->carry = c;
        g->cap_carry = len;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char *slot = g->slots + ((from + i) & (n - 1)) * g->stride;
        memcpy(g->carry + i * g->stride, slot, g->stride);
        memset(slot, 0, g->stride);
    }
    for (size_t i = 0; i < len; i++)
        place(g, g->slots, 2 * n, g->carry + i * g->stride);
    return 1;
}

/* The mapped table doubled in place (see above); 0 when it cannot be. */
static int grow_in_place(struct cor_panel_groups *g)
{
    size_t n = g->nslots, bytes = mapped_size(2 * n * g->stride);
    unsigned char *q = remap_grown(g->slots, g->mapped, bytes);
    if (!q)
        return 0;
    g->slots = q;
    g->mapped = bytes;
    /* the clusters of the old table, the one wrapping from its end to its
     * start first (its groups then leave the start, where the new half's
     * wrapping paths go on), then the others in order */
    size_t e = 0;   /* the first empty slot (the table was at most half full) */
    while (occupied(g, e))
        e++;
    size_t s = n;   /* where the wrapping cluster starts */
    while (s > e + 1 && occupied(g, s - 1))
        s--;
    if ((s < n || e > 0) && !replace_cluster(g, s, n - s + e, n))
        return -1;
    for (size_t i = e + 1; i < s;) {
        if (!occupied(g, i)) {
            i++;
            continue;
        }
        size_t len = 0;
        while (i + len < s && occupied(g, i + len))
            len++;
        if (!replace_cluster(g, i, len, n))
            return -1;
        i += len;
    }
    g->nslots = 2 * n;
    /* the order above keeps every group's path whole (replace_cluster);
     * one pass checks it, and should a layout ever break it, the table is
     * rehashed the usual way (the test's mutations take this path) */
    if (!all_reachable(g, 2 * n))
        return rehash_copy(g, 2 * n) ? 1 : -1;
    return 1;
}
#endif

static int groups_rehash(struct cor_panel_groups *g)
{
    size_t ns = g->nslots ? g->nslots * 2 : 4096;
#if GROW_IN_PLACE
    if (g->mapped) {
        int r = grow_in_place(g);
        if (r)
            return r > 0;
    } else if (ns * g->stride >= 4 * HUGE_PAGE) {   /* big from now on: mapped */
        size_t bytes = mapped_size(ns * g->stride);
        unsigned char *q = map_aligned(bytes);
        if (q) {
            memset(q, 0, ns * g->stride);   /* faulted in here (see big_zeroed) */
            rehash_into(g, q, ns, bytes);
            return 1;
        }
    }
#endif
    return rehash_copy(g, ns);
}

/* The slot of tuple t's group, or of the empty slot where it would go
 * (*found says which). */
static unsigned char *groups_probe(const struct cor_panel_groups *g, const uint32_t *t,
                                   uint64_t h, int *found)
{
    size_t i = (size_t)h & (g->nslots - 1);
    for (;;) {
        unsigned char *slot = g->slots + i * g->stride;
        uint32_t *ids = slot_ids(g, slot);
        if (!ids[0])
            break;
        size_t k = 0;
        while (k < g->k && ids[k] == t[k])   /* a few ids: no call to memcmp */
            k++;
        if (k == g->k) {
            *found = 1;
            return slot;
        }
        i = (i + 1) & (g->nslots - 1);
    }
    *found = 0;
    return g->slots + i * g->stride;
}

void *cor_panel_groups_find(const struct cor_panel_groups *g, const uint32_t *t, uint64_t h,
                            uint32_t *id)
{
    int found = 0;
    unsigned char *slot = g->nslots ? groups_probe(g, t, h, &found) : NULL;
    if (!found)
        return NULL;
    if (g->numbered)
        *id = slot_ids(g, slot)[g->k];
    return slot;
}

void *cor_panel_groups_get(struct cor_panel_groups *g, const uint32_t *t, uint64_t h,
                           uint32_t *id)
{
    if ((g->n + 1) * 2 > g->nslots && !groups_rehash(g))
        return NULL;
    int found;
    unsigned char *slot = groups_probe(g, t, h, &found);
    uint32_t *ids = slot_ids(g, slot);
    if (!found) {
        memcpy(ids, t, g->k * sizeof *t);
        if (g->numbered)
            ids[g->k] = (uint32_t)g->n;
        g->n++;   /* the slot was zeroed by big_zeroed: an empty accumulator */
    }
    if (g->numbered)
        *id = ids[g->k];
    return slot;
}

const uint32_t *cor_panel_groups_tuple(const struct cor_panel_groups *g, const void *acc)
{
    return slot_ids(g, (unsigned char *)(uintptr_t)acc);
}

void **cor_panel_groups_list(const struct cor_panel_groups *g)
{
    void **p = malloc((g->n ? g->n : 1) * sizeof *p);
    size_t j = 0;
    for (size_t i = 0; p && i < g->nslots; i++) {
        unsigned char *slot = g->slots + i * g->stride;
        const uint32_t *ids = slot_ids(g, slot);
        if (ids[0])
            p[g->numbered ? ids[g->k] : j++] = slot;
    }
    return p;
}

/* ---- groups in key order ------------------------------------------------------ */

struct ranked {
    const char *s;
    size_t len;
    uint32_t id;
};

static int text_cmp(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* rank[id] = the place of key id's text among the column's texts. */
static int rank_texts(const struct cor_panel_keys *m, uint32_t *rank)
{
    struct ranked *r = malloc((m->n ? m->n : 1) * sizeof *r);
    if (!r)
        return 0;
    for (size_t i = 0; i < m->n; i++) {
        r[i].s = cor_panel_keys_text(m, (uint32_t)i, &r[i].len);
        r[i].id = (uint32_t)i;
    }
    qsort(r, m->n, sizeof *r, text_cmp);
    for (size_t i = 0; i < m->n; i++)
        rank[r[i].id] = (uint32_t)i;
    free(r);
    return 1;
}

void **cor_panel_groups_sorted(const struct cor_panel_groups *g,
                               const struct cor_panel_keys *cols)
{
    /* a least-significant-key-first radix sort: a stable counting sort of
     * the groups by the rank of each key, the last key first */
    size_t ng = g->n;
    void **order = cor_panel_groups_list(g), **tmp = malloc((ng ? ng : 1) * sizeof *tmp);
    uint32_t *rank = NULL;
    size_t *count = NULL;
    int ok = order && tmp;
    for (size_t k = g->k; ok && k-- > 0;) {
        size_t nc = cols[k].n;
        uint32_t *r = realloc(rank, (nc ? nc : 1) * sizeof *r);
        size_t *c = r ? realloc(count, (nc + 1) * sizeof *c) : NULL;
        if (r)
            rank = r;
        if (c)
            count = c;
        if (!(ok = r && c && rank_texts(&cols[k], rank)))
            break;
        memset(count, 0, (nc + 1) * sizeof *count);
        for (size_t i = 0; i < ng; i++)
            count[rank[cor_panel_groups_tuple(g, order[i])[k] - 1] + 1]++;
        for (size_t i = 0; i < nc; i++)
            count[i + 1] += count[i];
        for (size_t i = 0; i < ng; i++)
            tmp[count[rank[cor_panel_groups_tuple(g, order[i])[k] - 1]]++] = order[i];
        void **t = order;
        order = tmp;
        tmp = t;
    }
    free(rank);
    free(count);
    free(tmp);
    if (!ok) {
        free(order);
        return NULL;
    }
    return order;
}
