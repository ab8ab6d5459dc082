/* String pool: open addressing on FNV-1a hashes, texts in one growing buffer. */
#include "corridor/intern.h"

#include <stdlib.h>
#include <string.h>

struct cor_intern {
    char *text;          /* all strings, NUL-terminated, back to back */
    size_t text_len, text_cap;
    size_t *offset;      /* id -> offset in text */
    uint32_t *len;       /* id -> length */
    size_t count, count_cap;
    cor_sym *slots;      /* hash table of ids; COR_SYM_ABSENT = empty slot */
    size_t nslots;       /* power of two */
};

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;       /* FNV-1a, 64 bit */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static int grow_slots(struct cor_intern *p)
{
    size_t n = p->nslots ? p->nslots * 2 : 256;
    cor_sym *slots = malloc(n * sizeof *slots);
    if (!slots)
        return 0;
    for (size_t i = 0; i < n; i++)
        slots[i] = COR_SYM_ABSENT;
    for (size_t id = 0; id < p->count; id++) {
        size_t h = (size_t)hash_bytes(p->text + p->offset[id], p->len[id]) & (n - 1);
        while (slots[h] != COR_SYM_ABSENT)
            h = (h + 1) & (n - 1);
        slots[h] = (cor_sym)id;
    }
    free(p->slots);
    p->slots = slots;
    p->nslots = n;
    return 1;
}

struct cor_intern *cor_intern_new(void)
{
    struct cor_intern *p = calloc(1, sizeof *p);
    cor_sym empty;
    if (!p || cor_intern_add(p, "", 0, &empty) != COR_OK) {
        cor_intern_free(p);
        return NULL;
    }
    return p;
}

void cor_intern_free(struct cor_intern *p)
{
    if (!p)
        return;
    free(p->text);
    free(p->offset);
    free(p->len);
    free(p->slots);
    free(p);
}

static size_t find_slot(const struct cor_intern *p, const char *s, size_t len)
{
    size_t h = (size_t)hash_bytes(s, len) & (p->nslots - 1);
    for (;;) {
        cor_sym id = p->slots[h];
        if (id == COR_SYM_ABSENT ||
            (p->len[id] == len && memcmp(p->text + p->offset[id], s, len) == 0))
            return h;
        h = (h + 1) & (p->nslots - 1);
    }
}

cor_sym cor_intern_find(const struct cor_intern *p, const char *s, size_t len)
{
    if (!p->nslots)
        return COR_SYM_ABSENT;
    return p->slots[find_slot(p, s, len)];
}

enum cor_status cor_intern_add(struct cor_intern *p, const char *s, size_t len, cor_sym *id)
{
    if (len > UINT32_MAX || p->count >= UINT32_MAX - 1)
        return COR_ERANGE;
    if ((p->count + 1) * 2 > p->nslots && !grow_slots(p))
        return COR_ENOMEM;
    size_t slot = find_slot(p, s, len);
    if (p->slots[slot] != COR_SYM_ABSENT) {
        *id = p->slots[slot];
        return COR_OK;
    }
    if (p->text_len + len + 1 > p->text_cap) {
        size_t cap = p->text_cap ? p->text_cap : 4096;
        while (cap < p->text_len + len + 1)
            cap *= 2;
        char *text = realloc(p->text, cap);
        if (!text)
            return COR_ENOMEM;
        p->text = text;
        p->text_cap = cap;
    }
    if (p->count == p->count_cap) {
        size_t cap = p->count_cap ? p->count_cap * 2 : 256;
        size_t *offset = realloc(p->offset, cap * sizeof *offset);
        if (!offset)
            return COR_ENOMEM;
        p->offset = offset;
        uint32_t *lens = realloc(p->len, cap * sizeof *lens);
        if (!lens)
            return COR_ENOMEM;
        p->len = lens;
        p->count_cap = cap;
    }
    if (len)
        memcpy(p->text + p->text_len, s, len);
    p->text[p->text_len + len] = '\0';
    p->offset[p->count] = p->text_len;
    p->len[p->count] = (uint32_t)len;
    p->text_len += len + 1;
    p->slots[slot] = (cor_sym)p->count;
    *id = (cor_sym)p->count++;
    return COR_OK;
}

const char *cor_intern_str(const struct cor_intern *p, cor_sym id)
{
    if (!p || id >= p->count)
        return "";
    return p->text + p->offset[id];
}

size_t cor_intern_count(const struct cor_intern *p)
{
    return p->count;
}
