/* Every claim's verdict, and the verdict tables (see claims.h). */
#include "corridor/claims.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims_internal.h"

enum cor_status cor_verdicts_evaluate(const struct cor_dataset *ds,
                                      const struct cor_ival_opts *opts, struct cor_verdicts *out,
                                      struct cor_error *err)
{
    memset(out, 0, sizeof *out);
    cor_sym *ids = NULL;
    size_t n = 0;
    enum cor_status st = cor_claims_ids(ds, &ids, &n, err);
    if (st != COR_OK)
        return st;
    out->v = calloc(n ? n : 1, sizeof *out->v);
    if (!out->v) {
        free(ids);
        return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        st = cor_claims_evaluate(ds, ids[i], opts, &out->v[i], err);
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

/* The text built, or COR_ENOMEM. */
static enum cor_status take_text(struct cor_claims_text *t, char **out, struct cor_error *err)
{
    *out = cor_claims_text_take(t);
    return *out ? COR_OK : cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
}

enum cor_status cor_verdict_sources(const struct cor_dataset *ds, const struct cor_alternative *a,
                                    char **out, struct cor_error *err)
{
    struct cor_claims_text t = {0};
    for (size_t k = 0; k < a->ninputs; k++) {
        const char *id = cor_dataset_str(ds, a->inputs[k]->source);
        int seen = 0;
        for (size_t j = 0; j < k && !seen; j++)
            seen = a->inputs[j]->source == a->inputs[k]->source;
        if (!seen)
            cor_claims_text_add(&t, "%s%s", t.len ? "; " : "", id);
        if (a->inputs[k]->fx_source)
            cor_claims_text_add(&t, "; fx %s", cor_dataset_str(ds, a->inputs[k]->fx_source));
    }
    return take_text(&t, out, err);
}

void cor_verdict_unit(const struct cor_dataset *ds, const struct cor_verdict *v, char *buf,
                      size_t n)
{
    const struct cor_unit *u = cor_unit_at(v->claim->claim_unit);
    (void)ds;
    if (u && u->dim == COR_DIM_MONEY && v->claim->currency >= 0)
        snprintf(buf, n, "%s %s", u->name, cor_currency_name(v->claim->currency));
    else
        snprintf(buf, n, "%s", u ? u->name : "");
}

enum cor_status cor_verdict_computed(const struct cor_verdict *v, char **out,
                                     struct cor_error *err)
{
    struct cor_claims_text t = {0};
    for (size_t i = 0; i < v->nalts; i++) {
        const struct cor_alternative *a = &v->alts[i];
        if (!a->decides)
            continue;
        char iv[96];
        cor_ival_format_sig(a->computed, 6, iv, sizeof iv);
        cor_claims_text_add(&t, "%s%s %s", t.len ? "; " : "", iv, cor_verdict_name(a->verdict));
    }
    return take_text(&t, out, err);
}

/* Sets a text cell from a text just built (st its status), or counts a
 * failed allocation. */
static void set_owned(struct cor_table *t, size_t col, enum cor_status st, char *text, int *oom)
{
    if (st != COR_OK)
        *oom = 1;
    cor_table_set_text(t, col, text ? text : "");
    free(text);
}

static void summary_row(struct cor_table *t, const struct cor_dataset *ds,
                        const struct cor_verdict *v, int *oom)
{
    char unit[64], claimed[96];
    size_t c = 0;
    cor_verdict_unit(ds, v, unit, sizeof unit);
    cor_ival_format_sig(v->claimed, 6, claimed, sizeof claimed);
    cor_table_add_row(t);
    cor_table_set_text(t, c++, cor_dataset_str(ds, v->claim->id));
    cor_table_set_text(t, c++, cor_verdict_name(v->verdict));
    cor_table_set_text(t, c++, cor_evidence_class_name(v->decided_by));
    cor_table_set_text(t, c++, claimed);
    if (v->verdict == COR_V_NO_DATA)
        cor_table_set_text(t, c++, v->problem);
    else
        {
        char *text = NULL;
        enum cor_status st = cor_verdict_computed(v, &text, NULL);
        set_owned(t, c++, st, text, oom);
    }
    cor_table_set_text(t, c++, unit);
    cor_table_set_text(t, c++, v->summary);
    cor_table_set_text(t, c++, cor_dataset_str(ds, v->claim->article));
    cor_table_set_text(t, c++, cor_dataset_str(ds, v->claim->quote));
}

static void detail_rows(struct cor_table *t, const struct cor_dataset *ds,
                        const struct cor_verdict *v, int *oom)
{
    char unit[64], claimed[96], iv[96];
    cor_verdict_unit(ds, v, unit, sizeof unit);
    cor_ival_format_sig(v->claimed, 6, claimed, sizeof claimed);
    const char *id = cor_dataset_str(ds, v->claim->id);
    const char *quote = cor_dataset_str(ds, v->claim->quote);
    for (size_t i = 0; i < v->nalts; i++) {   /* in the order of the evidence */
        const struct cor_alternative *a = &v->alts[i];
        size_t c = 0;
        cor_table_add_row(t);
        cor_table_set_text(t, c++, id);
        cor_table_set_text(t, c++, cor_verdict_name(a->verdict));
        struct cor_claims_text e = {0};
        cor_claims_text_add(&e, "%zu: %s", a->evidence + 1, a->detail);
        char *evidence = NULL;
        enum cor_status est = take_text(&e, &evidence, NULL);
        set_owned(t, c++, est, evidence, oom);
        cor_table_set_text(t, c++, cor_evidence_class_name(a->evidence_class));
        cor_table_set_text(t, c++, a->decides                      ? "yes"
                                   : a->verdict == COR_V_NO_DATA ? "no (no data)"
                                                                 : "no (a lower class)");
        cor_table_set_text(t, c++, claimed);
        cor_ival_format_sig(a->computed, 6, iv, sizeof iv);
        cor_table_set_text(t, c++, iv);
        cor_table_set_num(t, c++, a->margin);
        cor_table_set_num(t, c++, a->history_margin);
        cor_table_set_text(t, c++, unit);
        char *sources = NULL;
        enum cor_status sst = cor_verdict_sources(ds, a, &sources, NULL);
        set_owned(t, c++, sst, sources, oom);
        cor_table_set_text(t, c++, quote);
    }
}

enum cor_status cor_verdicts_table(const struct cor_dataset *ds, const struct cor_verdicts *vs,
                                   int detail, struct cor_table **out, struct cor_error *err)
{
    *out = NULL;
    struct cor_table *t = cor_table_new(detail ? "Claims: every piece of evidence"
                                               : "Claims and their verdicts");
    if (!t)
        return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    cor_table_add_col(t, "id", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "verdict", NULL, COR_CELL_TEXT, -1);
    if (detail) {
        cor_table_add_col(t, "evidence", NULL, COR_CELL_TEXT, -1);
        cor_table_add_col(t, "class", NULL, COR_CELL_TEXT, -1);
        cor_table_add_col(t, "decides", NULL, COR_CELL_TEXT, -1);
    } else
        cor_table_add_col(t, "decided_by", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "claimed", NULL, COR_CELL_TEXT, -1);
    cor_table_add_col(t, "computed", NULL, COR_CELL_TEXT, -1);
    if (detail) {
        cor_table_add_col(t, "margin", NULL, COR_CELL_NUMBER, -1);
        cor_table_add_col(t, "history_margin", NULL, COR_CELL_NUMBER, -1);
    }
    cor_table_add_col(t, "unit", NULL, COR_CELL_TEXT, -1);
    if (detail)
        cor_table_add_col(t, "sources", NULL, COR_CELL_TEXT, -1);
    else {
        cor_table_add_col(t, "summary", NULL, COR_CELL_TEXT, -1);
        cor_table_add_col(t, "article", NULL, COR_CELL_TEXT, -1);
    }
    cor_table_add_col(t, "quote", NULL, COR_CELL_TEXT, -1);
    int oom = 0;
    for (size_t i = 0; i < vs->n; i++) {
        if (detail)
            detail_rows(t, ds, &vs->v[i], &oom);
        else
            summary_row(t, ds, &vs->v[i], &oom);
    }
    cor_table_add_note(t, "supported: the computed interval lies inside the claimed one; "
                          "contradicted: they are disjoint; undecided: they overlap only partly, "
                          "or the figures disagree; no data: an input is missing.");
    cor_table_add_note(t, "Evidence is ranked by the status of its weakest figure: actual, then "
                          "estimate, then projected or planned, then statement (status claim). "
                          "The highest class with data decides (decided_by); lower classes keep "
                          "their own verdicts (summary) but decide nothing.");
    if (detail)
        cor_table_add_note(t, "margin: how far inside (> 0) or outside (< 0) the claimed interval "
                              "the computed one lies, in the claim's unit, for the test that "
                              "decided; history_margin: the same for the earlier figures of a "
                              "record, record_low or first_time claim.");
    cor_table_add_note(t, "%zu supported, %zu contradicted, %zu undecided, %zu without data.",
                       vs->count[COR_V_SUPPORTED], vs->count[COR_V_CONTRADICTED],
                       vs->count[COR_V_UNDECIDED], vs->count[COR_V_NO_DATA]);
    if (oom) {
        cor_table_free(t);
        return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    *out = t;
    return COR_OK;
}
