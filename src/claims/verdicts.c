/* Every claim's verdict, and the verdict tables (see claims.h). */
#include "corridor/claims.h"

#include <stdio.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum cor_status cor_verdicts_evaluate(const struct cor_dataset *ds,
                                      const struct cor_ival_opts *opts, struct cor_verdicts *out,
                                      struct cor_error *err)
{
    memset(out, 0, sizeof *out);
    size_t max = cor_dataset_count(ds, COR_KIND_CLAIM);
    cor_sym *ids = calloc(max ? max : 1, sizeof *ids);
    out->v = calloc(max ? max : 1, sizeof *out->v);
    if (!ids || !out->v) {
        free(ids);
        return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    size_t n = cor_claims_ids(ds, ids, max);
    for (size_t i = 0; i < n; i++) {
        enum cor_status st = cor_claims_evaluate(ds, ids[i], opts, &out->v[i], err);
        if (st != COR_OK) {
            out->n = i + 1;
            free(ids);
            return st;
        }
        out->count[out->v[i].verdict]++;
        out->expected += !isnan(out->v[i].claim->tolerance);
    }
    out->n = n;
    free(ids);
    return COR_OK;
}

void cor_verdicts_fini(struct cor_verdicts *vs)
{
    for (size_t i = 0; i < vs->n; i++)
        cor_verdict_fini(&vs->v[i]);
    free(vs->v);
    memset(vs, 0, sizeof *vs);
}

void cor_verdict_sources(const struct cor_dataset *ds, const struct cor_alternative *a, char *buf,
                      size_t n)
{
    buf[0] = '\0';
    for (size_t k = 0; k < a->ninputs; k++) {
        const char *id = cor_dataset_str(ds, a->inputs[k]->source);
        if (strstr(buf, id))
            continue;
        size_t used = strlen(buf);
        snprintf(buf + used, n - used, "%s%s", used ? "; " : "", id);
        if (a->inputs[k]->fx_source) {
            used = strlen(buf);
            snprintf(buf + used, n - used, "; fx %s",
                     cor_dataset_str(ds, a->inputs[k]->fx_source));
        }
    }
}

void cor_verdict_unit(const struct cor_dataset *ds, const struct cor_verdict *v, char *buf, size_t n)
{
    const struct cor_unit *u = cor_unit_at(v->claim->claim_unit);
    (void)ds;
    if (u && u->dim == COR_DIM_MONEY && v->claim->currency >= 0)
        snprintf(buf, n, "%s %s", u->name, cor_currency_name(v->claim->currency));
    else
        snprintf(buf, n, "%s", u ? u->name : "");
}

static int deciding(const struct cor_verdict *v, const struct cor_alternative *a)
{
    int decisive = 0;
    for (size_t i = 0; i < v->nalts; i++)
        decisive |= !v->alts[i].statements_only && v->alts[i].verdict != COR_V_NO_DATA;
    return !(decisive && a->statements_only);
}

void cor_verdict_computed(const struct cor_dataset *ds, const struct cor_verdict *v, char *buf,
                       size_t n)
{
    (void)ds;
    buf[0] = '\0';
    for (size_t i = 0; i < v->nalts; i++) {
        const struct cor_alternative *a = &v->alts[i];
        if (!deciding(v, a))
            continue;
        char iv[96];
        cor_ival_format_sig(a->computed, 6, iv, sizeof iv);
        size_t used = strlen(buf);
        snprintf(buf + used, n - used, "%s%s %s", used ? "; " : "", iv,
                 cor_verdict_name(a->verdict));
    }
}

struct cor_table *cor_verdicts_table(const struct cor_dataset *ds, const struct cor_verdicts *vs,
                                 int detail)
{
    struct cor_table *t = cor_table_new(detail ? "Claims: every piece of evidence"
                                               : "Claims and their verdicts");
    if (!t)
        return NULL;
    cor_table_add_col(t, "id", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "verdict", NULL, COR_CELL_TEXT, -1);
    if (detail) {
        cor_table_add_col(t, "evidence", NULL, COR_CELL_TEXT, -1);
        cor_table_add_col(t, "decides", NULL, COR_CELL_TEXT, -1);
    }
    cor_table_add_col(t, "claimed", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "computed", NULL, COR_CELL_TEXT, -1);
    if (detail)
        cor_table_add_col(t, "margin", NULL, COR_CELL_NUMBER, -1);
    cor_table_add_col(t, "unit", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, detail ? "sources" : "article", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "quote", NULL, COR_CELL_TEXT, -1);
    char buf[2048], unit[64], claimed[96];
    for (size_t i = 0; i < vs->n; i++) {
        const struct cor_verdict *v = &vs->v[i];
        cor_verdict_unit(ds, v, unit, sizeof unit);
        cor_ival_format_sig(v->claimed, 6, claimed, sizeof claimed);
        const char *quote = cor_dataset_str(ds, v->claim->quote);
        for (size_t a = 0; a < (detail ? (v->nalts ? v->nalts : 1) : 1); a++) {
            size_t c = 0;
            cor_table_add_row(t);
            cor_table_set_text(t, c++, cor_dataset_str(ds, v->claim->id));
            if (!detail) {
                cor_table_set_text(t, c++, cor_verdict_name(v->verdict));
                cor_table_set_text(t, c++, claimed);
                if (v->verdict == COR_V_NO_DATA)
                    snprintf(buf, sizeof buf, "%s", v->problem);
                else
                    cor_verdict_computed(ds, v, buf, sizeof buf);
                cor_table_set_text(t, c++, buf);
                cor_table_set_text(t, c++, unit);
                cor_table_set_text(t, c++, cor_dataset_str(ds, v->claim->article));
                cor_table_set_text(t, c++, quote);
                continue;
            }
            const struct cor_alternative *alt = v->nalts ? &v->alts[a] : NULL;
            cor_table_set_text(t, c++, cor_verdict_name(alt ? alt->verdict : COR_V_NO_DATA));
            snprintf(buf, sizeof buf, "%zu: %s", alt ? alt->evidence + 1 : 1,
                     alt ? alt->detail : v->problem);
            cor_table_set_text(t, c++, buf);
            cor_table_set_text(t, c++, !alt ? "" : deciding(v, alt) ? "yes" : "no (statement)");
            cor_table_set_text(t, c++, claimed);
            if (alt)
                cor_ival_format_sig(alt->computed, 6, buf, sizeof buf);
            cor_table_set_text(t, c++, alt ? buf : "");
            cor_table_set_num(t, c++, alt ? alt->margin : NAN);
            cor_table_set_text(t, c++, unit);
            if (alt)
                cor_verdict_sources(ds, alt, buf, sizeof buf);
            cor_table_set_text(t, c++, alt ? buf : "");
            cor_table_set_text(t, c++, quote);
        }
    }
    cor_table_add_note(t, "supported: the computed interval lies inside the claimed one; "
                          "contradicted: they are disjoint; undecided: they overlap only partly, "
                          "or the sources disagree; no data: an input is missing. Figures that "
                          "are only statements (status claim) decide nothing when measurements "
                          "exist.");
    cor_table_add_note(t, "%zu supported, %zu contradicted, %zu undecided, %zu without data.",
                       vs->count[COR_V_SUPPORTED], vs->count[COR_V_CONTRADICTED],
                       vs->count[COR_V_UNDECIDED], vs->count[COR_V_NO_DATA]);
    return t;
}
