/* Checks across files: source ids defined once and cited correctly, no
 * observation stated twice. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/num.h"
#include "dataset_internal.h"

/* Identity of an observation: kind, its key columns, period, dimension,
 * currency and source, written as text so that one string pool can act as a
 * hash set. */
static size_t obs_key(const struct cor_dataset *ds, enum cor_kind kind, const void *rec,
                      char *buf, size_t n)
{
    const struct cor_schema *sc = cor_schema_get(kind);
    const struct cor_obs *o = rec;
    const struct cor_unit *u = cor_unit_at(o->unit);
    char period[64];
    cor_period_format(&o->period, period, sizeof period);
    size_t used = (size_t)snprintf(buf, n, "%s", sc->name);
    for (size_t i = 0; i < sc->ncols && used < n; i++) {
        const struct cor_column *c = &sc->cols[i];
        if (!(c->flags & COR_COL_KEY))
            continue;
        cor_sym sym = *(const cor_sym *)((const unsigned char *)rec + c->offset);
        used += (size_t)snprintf(buf + used, n - used, "\x1f%s", cor_dataset_str(ds, sym));
    }
    if (used < n)
        used += (size_t)snprintf(buf + used, n - used, "\x1f%s\x1f%d\x1f%d\x1f%s", period,
                                 u ? (int)u->dim : -1, o->currency,
                                 cor_dataset_str(ds, o->source));
    return used < n ? used : n - 1;
}

static enum cor_status report(struct cor_diags *diags, const struct cor_dataset *ds,
                              enum cor_diag_code code, struct cor_origin at, const char *fmt,
                              ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static enum cor_status report(struct cor_diags *diags, const struct cor_dataset *ds,
                              enum cor_diag_code code, struct cor_origin at, const char *fmt,
                              ...)
{
    size_t dfile;
    if (cor_diags_file(diags, cor_dataset_file(ds, at.file), &dfile) != COR_OK)
        return COR_ENOMEM;
    va_list ap;
    va_start(ap, fmt);
    enum cor_status st =
        cor_diags_vadd(diags, COR_SEV_ERROR, code, dfile, at.line, at.source_col, fmt, ap);
    va_end(ap);
    return st;
}

/* Every source-reference cell of a record names a defined source. */
static enum cor_status check_refs(const struct cor_dataset *ds, struct cor_diags *diags,
                                  enum cor_kind kind, const struct cor_obs *o)
{
    const struct cor_schema *sc = cor_schema_get(kind);
    const unsigned char *rec = (const unsigned char *)o;
    for (size_t c = 0; c < sc->ncols; c++) {
        const struct cor_column *col = &sc->cols[c];
        if (!(col->flags & COR_COL_SOURCEREF))
            continue;
        cor_sym id = *(const cor_sym *)(rec + col->offset);
        if (id == COR_SYM_NONE || cor_dataset_source(ds, id))
            continue;
        struct cor_origin at = o->origin;
        at.source_col = *(const uint32_t *)(rec + col->decimals_offset);
        enum cor_status st = report(diags, ds, COR_D_UNKNOWN_SOURCE, at,
                                    "source '%s' in column '%s' is not in any sources table",
                                    cor_dataset_str(ds, id), col->name);
        if (st != COR_OK)
            return st;
    }
    return COR_OK;
}

enum cor_status cor_dataset_check(struct cor_dataset *ds, struct cor_diags *diags,
                                  struct cor_error *err)
{
    enum cor_status st = COR_OK;
    struct cor_intern *seen = cor_intern_new();
    struct cor_origin *first = NULL;
    size_t first_cap = 0;
    if (!seen)
        return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");

    /* source ids: defined once */
    size_t nsrc = cor_dataset_count(ds, COR_KIND_SOURCE);
    for (size_t i = 0; i < nsrc && st == COR_OK; i++) {
        const struct cor_source_record *s = cor_dataset_rec(ds, COR_KIND_SOURCE, i);
        const struct cor_source_record *def = cor_dataset_source(ds, s->id);
        if (def != s)
            st = report(diags, ds, COR_D_DUPLICATE, s->origin,
                        "duplicate source id '%s' (first defined at %s:%lu)",
                        cor_dataset_str(ds, s->id), cor_dataset_file(ds, def->origin.file),
                        (unsigned long)def->origin.line);
    }

    for (int k = 0; k < COR_KIND_COUNT && st == COR_OK; k++) {
        if (!cor_schema_get((enum cor_kind)k)->has_obs)
            continue;
        size_t n = cor_dataset_count(ds, (enum cor_kind)k);
        for (size_t i = 0; i < n && st == COR_OK; i++) {
            const struct cor_obs *o = cor_dataset_rec(ds, (enum cor_kind)k, i);
            st = check_refs(ds, diags, (enum cor_kind)k, o);
            if (st != COR_OK)
                break;
            if (o->origin.invalid)
                continue;   /* its key may hold cells that did not parse */
            char key[1024];
            size_t len = obs_key(ds, (enum cor_kind)k, o, key, sizeof key);
            size_t before = cor_intern_count(seen);
            cor_sym id;
            st = cor_intern_add(seen, key, len, &id);
            if (st != COR_OK)
                break;
            if (cor_intern_count(seen) > before) {
                if (id >= first_cap) {
                    size_t cap = first_cap ? first_cap * 2 : 256;
                    while (cap <= id)
                        cap *= 2;
                    struct cor_origin *f = realloc(first, cap * sizeof *f);
                    if (!f) {
                        st = COR_ENOMEM;
                        break;
                    }
                    first = f;
                    first_cap = cap;
                }
                first[id] = o->origin;
            } else {
                st = report(diags, ds, COR_D_DUPLICATE, o->origin,
                            "duplicate observation: the same figure from the same source as "
                            "%s:%lu",
                            cor_dataset_file(ds, first[id].file),
                            (unsigned long)first[id].line);
            }
        }
    }
    free(first);
    cor_intern_free(seen);
    if (st != COR_OK)
        return cor_error_set(err, st, NULL, 0, 0, "out of memory");
    return COR_OK;
}
