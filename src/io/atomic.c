/* Whole-or-nothing output files: mkstemp in the target folder, then rename. */
#define _POSIX_C_SOURCE 200809L

#include "corridor/atomic.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct cor_atomic {
    FILE *f;
    char *path, *tmp;
};

struct cor_atomic *cor_atomic_open(const char *path, struct cor_error *err)
{
    if (!path || !*path || path[0] == '|' || path[0] == '<') {
        cor_error_set(err, COR_EINVAL, path, 0, 0, "refusing output name '%s'", path ? path : "");
        return NULL;
    }
    struct cor_atomic *a = calloc(1, sizeof *a);
    size_t n = strlen(path);
    if (a) {
        a->path = strdup(path);
        a->tmp = malloc(n + 16);
    }
    if (!a || !a->path || !a->tmp) {
        if (a) {
            free(a->path);
            free(a->tmp);
        }
        free(a);
        cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    /* the temporary file sits next to the target, so rename() is atomic */
    memcpy(a->tmp, path, n);
    memcpy(a->tmp + n, ".tmp.XXXXXX", 12);
    int fd = mkstemp(a->tmp);
    if (fd < 0 || !(a->f = fdopen(fd, "w"))) {
        cor_error_set(err, COR_EIO, path, 0, 0, "cannot create: %s", strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(a->tmp);
        }
        free(a->path);
        free(a->tmp);
        free(a);
        return NULL;
    }
    fchmod(fd, 0644);
    return a;
}

FILE *cor_atomic_stream(struct cor_atomic *a)
{
    return a->f;
}

static void release(struct cor_atomic *a)
{
    free(a->path);
    free(a->tmp);
    free(a);
}

enum cor_status cor_atomic_commit(struct cor_atomic *a, struct cor_error *err)
{
    enum cor_status st = COR_OK;
    int bad = ferror(a->f) || fflush(a->f) != 0 || fsync(fileno(a->f)) != 0;
    int saved = errno;
    if (fclose(a->f) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    if (bad) {
        st = cor_error_set(err, COR_EIO, a->path, 0, 0, "write error: %s", strerror(saved));
        unlink(a->tmp);
    } else if (rename(a->tmp, a->path) != 0) {
        st = cor_error_set(err, COR_EIO, a->path, 0, 0, "cannot rename: %s", strerror(errno));
        unlink(a->tmp);
    }
    release(a);
    return st;
}

void cor_atomic_abort(struct cor_atomic *a)
{
    if (!a)
        return;
    fclose(a->f);
    unlink(a->tmp);
    release(a);
}
