/* corridor/atomic.h - output files written whole or not at all: a temporary
 * file in the target's folder, renamed over the target when complete. A
 * failed or abandoned write leaves any earlier file in place.
 *
 * Ownership: cor_atomic_open() returns a handle that exactly one of
 * cor_atomic_commit() or cor_atomic_abort() releases. */
#ifndef CORRIDOR_ATOMIC_H
#define CORRIDOR_ATOMIC_H

#include <stdio.h>

#include "corridor/error.h"

struct cor_atomic;

/* NULL (err filled) if the temporary file cannot be created; refuses a path
 * that starts with '|' or '<' (never a pipe). */
struct cor_atomic *cor_atomic_open(const char *path, struct cor_error *err);
FILE *cor_atomic_stream(struct cor_atomic *a);
enum cor_status cor_atomic_commit(struct cor_atomic *a, struct cor_error *err);
void cor_atomic_abort(struct cor_atomic *a);

#endif
