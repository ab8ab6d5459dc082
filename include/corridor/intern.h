/* corridor/intern.h - a string pool: each distinct string is stored once and
 * named by a small integer id.
 *
 * Ownership: cor_intern_new() returns a pool that cor_intern_free() releases
 * (free(NULL)-like: NULL is a no-op). Pointers from cor_intern_str() stay
 * valid until the next cor_intern_add() or the pool is freed. Id 0 is
 * always the empty string. */
#ifndef CORRIDOR_INTERN_H
#define CORRIDOR_INTERN_H

#include <stddef.h>
#include <stdint.h>

#include "corridor/error.h"

typedef uint32_t cor_sym;
#define COR_SYM_NONE ((cor_sym)0)          /* the empty string */
#define COR_SYM_ABSENT ((cor_sym)UINT32_MAX) /* returned by find for unknown text */

struct cor_intern;

struct cor_intern *cor_intern_new(void);
void cor_intern_free(struct cor_intern *pool);

/* Stores s (len bytes, need not be NUL-terminated) if new; sets *id. */
enum cor_status cor_intern_add(struct cor_intern *pool, const char *s, size_t len, cor_sym *id);

/* The id of s, or COR_SYM_ABSENT. */
cor_sym cor_intern_find(const struct cor_intern *pool, const char *s, size_t len);

/* The NUL-terminated text of id ("" for an unknown id). */
const char *cor_intern_str(const struct cor_intern *pool, cor_sym id);

/* Number of distinct strings, including the empty one. */
size_t cor_intern_count(const struct cor_intern *pool);

#endif
