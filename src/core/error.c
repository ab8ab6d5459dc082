/* Status strings, error details and the diagnostics list. */
#include "corridor/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum cor_status cor_error_set(struct cor_error *err, enum cor_status st,
                              const char *path, unsigned long line,
                              unsigned long col, const char *fmt, ...)
{
    if (!err)
        return st;
    err->status = st;
    snprintf(err->path, sizeof err->path, "%s", path ? path : "");
    err->line = line;
    err->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return st;
}

const char *cor_strerror(enum cor_status st)
{
    switch (st) {
    case COR_OK: return "success";
    case COR_ENOMEM: return "out of memory";
    case COR_EIO: return "input/output error";
    case COR_EPARSE: return "malformed text";
    case COR_EINVAL: return "invalid argument";
    case COR_EDATA: return "invalid data";
    case COR_ERANGE: return "value out of range";
    case COR_ENOTFOUND: return "not found";
    case COR_EGSL: return "numerical library error";
    case COR_EUNIT: return "incompatible units";
    }
    return "unknown status";
}

void cor_diags_init(struct cor_diags *d)
{
    memset(d, 0, sizeof *d);
}

void cor_diags_fini(struct cor_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++)
        free(d->items[i].message);
    for (size_t i = 0; i < d->nfiles; i++)
        free(d->files[i]);
    free(d->items);
    free(d->files);
    memset(d, 0, sizeof *d);
}

enum cor_status cor_diags_file(struct cor_diags *d, const char *path, size_t *index)
{
    for (size_t i = 0; i < d->nfiles; i++)
        if (strcmp(d->files[i], path) == 0) {
            *index = i;
            return COR_OK;
        }
    char **files = realloc(d->files, (d->nfiles + 1) * sizeof *files);
    if (!files)
        return COR_ENOMEM;
    d->files = files;
    size_t len = strlen(path) + 1;
    char *copy = malloc(len);
    if (!copy)
        return COR_ENOMEM;
    memcpy(copy, path, len);
    d->files[d->nfiles] = copy;
    *index = d->nfiles++;
    return COR_OK;
}

enum cor_status cor_diags_vadd(struct cor_diags *d, enum cor_severity sev,
                               enum cor_diag_code code, size_t file, unsigned long line,
                               unsigned long col, const char *fmt, va_list ap)
{
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        struct cor_diag *items = realloc(d->items, cap * sizeof *items);
        if (!items)
            return COR_ENOMEM;
        d->items = items;
        d->cap = cap;
    }
    va_list ap2;
    va_copy(ap2, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    char *msg = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (!msg) {
        va_end(ap2);
        return COR_ENOMEM;
    }
    vsnprintf(msg, (size_t)len + 1, fmt, ap2);
    va_end(ap2);
    d->items[d->count++] = (struct cor_diag){sev, code, file, line, col, msg};
    if (sev == COR_SEV_ERROR)
        d->errors++;
    else
        d->warnings++;
    return COR_OK;
}

enum cor_status cor_diags_add(struct cor_diags *d, enum cor_severity sev,
                              enum cor_diag_code code, size_t file,
                              unsigned long line, unsigned long col,
                              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    enum cor_status st = cor_diags_vadd(d, sev, code, file, line, col, fmt, ap);
    va_end(ap);
    return st;
}

/* Insertion order breaks ties, so the sort is stable: a merge sort on indices. */
static int diag_before(const struct cor_diag *a, size_t ia,
                       const struct cor_diag *b, size_t ib)
{
    if (a->file != b->file)
        return a->file < b->file;
    if (a->line != b->line)
        return a->line < b->line;
    if (a->col != b->col)
        return a->col < b->col;
    return ia < ib;
}

void cor_diags_sort(struct cor_diags *d)
{
    /* Findings number in the hundreds at most: insertion sort is enough and stable. */
    for (size_t i = 1; i < d->count; i++) {
        struct cor_diag key = d->items[i];
        size_t j = i;
        while (j > 0 && diag_before(&key, i, &d->items[j - 1], j - 1)) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = key;
    }
}

const char *cor_diag_code_name(enum cor_diag_code code, enum cor_severity sev)
{
    static const char *const errors[] = {
        "E000", "E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008", "E009", "E010",
        "E011", "E012", "E013", "E014", "E015", "E016", "E017", "E018", "E019", "E020",
        "E021", "E022"};
    static const char *const warnings[] = {
        "W000", "W001", "W002", "W003", "W004", "W005", "W006", "W007", "W008", "W009", "W010",
        "W011", "W012", "W013", "W014", "W015", "W016", "W017", "W018", "W019", "W020",
        "W021", "W022"};
    size_t i = (size_t)code;
    if (i >= sizeof errors / sizeof *errors)
        return "E???";
    return sev == COR_SEV_WARNING ? warnings[i] : errors[i];
}

void cor_diag_format(const struct cor_diags *d, size_t i, char *buf, size_t n)
{
    const struct cor_diag *g = &d->items[i];
    const char *path = g->file < d->nfiles ? d->files[g->file] : "?";
    const char *sev = g->severity == COR_SEV_ERROR ? "error" : "warning";
    const char *code = cor_diag_code_name(g->code, g->severity);
    if (g->line == 0)   /* a whole-file problem: no position */
        snprintf(buf, n, "%s: %s: %s [%s]", path, sev, g->message, code);
    else
        snprintf(buf, n, "%s:%lu:%lu: %s: %s [%s]", path, g->line, g->col, sev, g->message,
                 code);
}
