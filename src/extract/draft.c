/* Findings into tables: the draft claims file, the list of every number,
 * and the entity of a dataset that a sentence names (see extract.h). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/num.h"
#include "corridor/series.h"
#include "data/record_internal.h"
#include "extract_internal.h"

/* ---- entities ------------------------------------------------------------ */

struct ename {
    enum cor_kind kind;
    const char *name;
};

struct enames {
    struct ename *v;
    size_t n, cap;
};

/* Every distinct (kind, entity) of the observation kinds of ds. */
static enum cor_status entity_names(const struct cor_dataset *ds, struct enames *out)
{
    memset(out, 0, sizeof *out);
    struct cor_intern *seen = cor_intern_new();
    if (!seen)
        return COR_ENOMEM;
    enum cor_status st = COR_OK;
    for (int k = 0; k < COR_KIND_COUNT && st == COR_OK; k++) {
        const struct cor_schema *sc = cor_schema_get((enum cor_kind)k);
        const struct cor_column *ec = cor_series_entity_column((enum cor_kind)k);
        if (!sc->has_obs || !ec || ec->type != COR_COL_TEXT)
            continue;
        for (size_t i = 0; i < cor_dataset_count(ds, (enum cor_kind)k) && st == COR_OK; i++) {
            struct cor_record_ref rec = cor_dataset_record(ds, (enum cor_kind)k, i);
            if (rec.origin->invalid)
                continue;
            const char *name = cor_series_text(ds, rec, ec->name);
            char key[512];
            int len = snprintf(key, sizeof key, "%d\x1f%s", k, name);
            if (!*name || len < 0 || (size_t)len >= sizeof key)
                continue;
            size_t before = cor_intern_count(seen);
            cor_sym id;
            if ((st = cor_intern_add(seen, key, (size_t)len, &id)) != COR_OK)
                break;
            if (cor_intern_count(seen) == before)
                continue;
            struct ename *v = cor_x_grow(out->v, &out->cap, out->n, sizeof *v);
            if (!v) {
                st = COR_ENOMEM;
                break;
            }
            out->v = v;
            out->v[out->n++] = (struct ename){(enum cor_kind)k, name};
        }
    }
    cor_intern_free(seen);
    if (st != COR_OK) {
        free(out->v);
        memset(out, 0, sizeof *out);
    }
    return st;
}

static int word_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

/* name occurs in s as whole words ("Kenya" in "Kenya's", not in "Kenyan"). */
static int names_in(const char *s, size_t len, const char *name)
{
    size_t k = strlen(name);
    for (size_t i = 0; k && i + k <= len; i++) {
        if (memcmp(s + i, name, k) != 0)
            continue;
        int before = i > 0 && word_char((unsigned char)s[i - 1]);
        int after = i + k < len && word_char((unsigned char)s[i + k]) &&
                    !(i + k + 3 <= len && memcmp(s + i + k, "\xE2\x80\x99", 3) == 0);
        if (!before && !after)
            return 1;
    }
    return 0;
}

static int pick_entity(const struct enames *names, const char *s, size_t len, const char *unit,
                       enum cor_kind *kind, const char **entity, char *candidates, size_t n)
{
    int u = unit && *unit ? cor_unit_lookup(unit, strlen(unit)) : -1;
    const struct cor_unit *cu = cor_unit_at(u);
    size_t hits = 0;
    const struct ename *found = NULL;
    if (candidates && n)
        candidates[0] = '\0';
    for (size_t i = 0; i < names->n; i++) {
        const struct ename *e = &names->v[i];
        if (cu && !cor_schema_accepts_dim(e->kind, cu->dim))
            continue;
        if (!names_in(s, len, e->name))
            continue;
        if (candidates && n) {
            size_t used = strlen(candidates);
            snprintf(candidates + used, n - used, "%s%s (%s)", hits ? ", " : "", e->name,
                     cor_schema_get(e->kind)->name);
        }
        if (hits++ == 0)
            found = e;
    }
    if (hits != 1)
        return 0;
    *kind = found->kind;
    *entity = found->name;
    return 1;
}

enum cor_status cor_extract_entity(const struct cor_dataset *ds, const char *s, size_t len,
                                   const char *unit, enum cor_kind *kind, const char **entity,
                                   char *candidates, size_t n, struct cor_error *err)
{
    struct enames names;
    *entity = NULL;
    if (candidates && n)
        candidates[0] = '\0';
    if (entity_names(ds, &names) != COR_OK)
        return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    if (!pick_entity(&names, s, len, unit, kind, entity, candidates, n))
        *entity = NULL;
    free(names.v);
    return COR_OK;
}

/* ---- tables -------------------------------------------------------------- */

static size_t col_index(const struct cor_table *t, const char *name)
{
    for (size_t c = 0; c < cor_table_cols(t); c++)
        if (strcmp(cor_table_col_name(t, c), name) == 0)
            return c;
    return (size_t)-1;
}

static enum cor_status set(struct cor_table *t, const char *col, const char *text)
{
    size_t c = col_index(t, col);
    return c == (size_t)-1 ? COR_EINVAL : cor_table_set_text(t, c, text);
}

static enum cor_status set_num(struct cor_table *t, const char *col, double v)
{
    char buf[40] = "";
    if (!isnan(v))
        cor_num_format(v, buf, sizeof buf);
    return set(t, col, buf);
}

struct cor_table *cor_extract_draft_table(void)
{
    struct cor_table *t = cor_table_new("Draft claims");
    const struct cor_schema *sc = cor_schema_get(COR_KIND_CLAIM);
    for (size_t i = 0; t && i < sc->ncols; i++)
        if (cor_table_add_col(t, sc->cols[i].name, NULL, COR_CELL_TEXT, -1) != COR_OK) {
            cor_table_free(t);
            return NULL;
        }
    return t;
}

/* The sentence, with its line breaks as spaces. */
static char *sentence_text(const struct cor_extract *ex, const struct cor_finding *f)
{
    const struct cor_sentence *s = cor_extract_sentence(ex, f->sentence);
    size_t n = s->end - s->start;
    char *q = malloc(n + 1);
    if (!q)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char c = ex->text[s->start + i];
        q[i] = c == '\n' || c == '\r' || c == '\t' ? ' ' : c;
    }
    q[n] = '\0';
    return q;
}

static int level_metric(enum cor_guess g)
{
    return g == COR_GUESS_VALUE || g == COR_GUESS_RECORD || g == COR_GUESS_FIRST_TIME;
}

enum cor_status cor_extract_draft(const struct cor_extract *ex, const char *article,
                                  const struct cor_dataset *ds, struct cor_table *t,
                                  size_t *next_id)
{
    struct enames names = {0};
    enum cor_status st = ds ? entity_names(ds, &names) : COR_OK;
    for (size_t i = 0; i < ex->nf && st == COR_OK; i++) {
        const struct cor_finding *f = &ex->f[i];
        if (f->find != COR_FIND_FIGURE)
            continue;
        char *quote = sentence_text(ex, f);
        if (!quote || (st = cor_table_add_row(t)) != COR_OK) {
            free(quote);
            st = COR_ENOMEM;
            break;
        }
        char buf[64], note[1024], cands[256] = "";
        snprintf(buf, sizeof buf, "D%zu", (*next_id)++);
        st = set(t, "id", buf);
        if (st == COR_OK)
            st = set(t, "article", article);
        if (st == COR_OK)
            st = set(t, "quote", quote);
        free(quote);
        if (st == COR_OK)
            st = set(t, "metric", cor_guess_name(f->metric));
        int money = f->currency >= 0;
        const char *data_unit = money || level_metric(f->metric) ? f->unit : "";
        if (strcmp(data_unit, "x") == 0 || strcmp(data_unit, "%") == 0 ||
            strcmp(data_unit, "fraction") == 0)
            data_unit = "";
        enum cor_kind kind = COR_KIND_INDICATOR;
        const char *entity = NULL;
        int found = ds && pick_entity(&names, ex->text + ex->sent[f->sentence].start,
                                      ex->sent[f->sentence].end - ex->sent[f->sentence].start,
                                      level_metric(f->metric) ? f->unit : "", &kind, &entity,
                                      cands, sizeof cands);
        if (found) {
            if (st == COR_OK)
                st = set(t, "kind", cor_schema_get(kind)->name);
            if (st == COR_OK)
                st = set(t, "entity", entity);
            snprintf(note, sizeof note, "kind and entity from the data: %s; to fill in: where",
                     cands);
        } else if (cands[0])
            snprintf(note, sizeof note, "to fill in: kind, entity (the sentence names %s), where",
                     cands);
        else
            snprintf(note, sizeof note, "to fill in: kind, entity, where");
        if (!money && !data_unit[0] && f->metric != COR_GUESS_MULTIPLE &&
            f->metric != COR_GUESS_RANK)
            strncat(note, ", unit of the data", sizeof note - strlen(note) - 1);
        if (f->note[0]) {
            strncat(note, "; ", sizeof note - strlen(note) - 1);
            strncat(note, f->note, sizeof note - strlen(note) - 1);
        }
        if (st == COR_OK && f->period.kind != COR_PERIOD_NONE) {
            cor_period_format(&f->period, buf, sizeof buf);
            st = set(t, "period", buf);
        }
        if (st == COR_OK)
            st = set(t, "unit", data_unit);
        if (st == COR_OK && money)
            st = set(t, "currency", cor_currency_name(f->currency));
        if (st == COR_OK)
            st = set(t, "claim_qualifier", cor_qualifier_name(f->qualifier));
        if (st == COR_OK)
            st = set_num(t, "claim_value", f->value);
        if (st == COR_OK)
            st = set_num(t, "claim_lo", f->lo);
        if (st == COR_OK)
            st = set_num(t, "claim_hi", f->hi);
        if (st == COR_OK)
            st = set(t, "claim_unit", f->unit);
        if (st == COR_OK)
            st = set(t, "note", note);
    }
    free(names.v);
    return st;
}

struct cor_table *cor_extract_list_table(const struct cor_extract *ex, const char *article)
{
    static const struct {
        const char *name;
        enum cor_cell_type type;
    } cols[] = {{"article", COR_CELL_TEXT},   {"line", COR_CELL_NUMBER},
                {"column", COR_CELL_NUMBER},  {"words", COR_CELL_TEXT},
                {"decision", COR_CELL_TEXT},  {"reason", COR_CELL_TEXT},
                {"qualifier", COR_CELL_TEXT}, {"value", COR_CELL_NUMBER},
                {"lo", COR_CELL_NUMBER},      {"hi", COR_CELL_NUMBER},
                {"unit", COR_CELL_TEXT},      {"currency", COR_CELL_TEXT},
                {"metric", COR_CELL_TEXT},    {"period", COR_CELL_TEXT},
                {"note", COR_CELL_TEXT}};
    struct cor_table *t = cor_table_new("Every number found, with the decision and its reason");
    enum cor_status st = t ? COR_OK : COR_ENOMEM;
    for (size_t c = 0; c < sizeof cols / sizeof *cols && st == COR_OK; c++)
        st = cor_table_add_col(t, cols[c].name, NULL, cols[c].type,
                               cols[c].type == COR_CELL_NUMBER && c < 3 ? 0 : -1);
    for (size_t i = 0; i < ex->nf && st == COR_OK; i++) {
        const struct cor_finding *f = &ex->f[i];
        int fig = f->find == COR_FIND_FIGURE;
        char words[512], period[64] = "";
        size_t n = f->end - f->start;
        snprintf(words, sizeof words, "%.*s", (int)n, ex->text + f->start);
        for (char *p = words; *p; p++)
            if (*p == '\n' || *p == '\t' || *p == '\r')
                *p = ' ';
        if (fig && f->period.kind != COR_PERIOD_NONE)
            cor_period_format(&f->period, period, sizeof period);
        st = cor_table_add_row(t);
        if (st == COR_OK)
            st = set(t, "article", article);
        if (st == COR_OK)
            st = cor_table_set_num(t, col_index(t, "line"), (double)f->line);
        if (st == COR_OK)
            st = cor_table_set_num(t, col_index(t, "column"), (double)f->col);
        if (st == COR_OK)
            st = set(t, "words", words);
        if (st == COR_OK)
            st = set(t, "decision", fig ? "drafted" : cor_find_name(f->find));
        if (st == COR_OK)
            st = set(t, "reason", f->reason ? f->reason : "");
        if (!fig)
            continue;
        if (st == COR_OK)
            st = set(t, "qualifier", cor_qualifier_name(f->qualifier));
        if (st == COR_OK)
            st = cor_table_set_num(t, col_index(t, "value"), f->value);
        if (st == COR_OK)
            st = cor_table_set_num(t, col_index(t, "lo"), f->lo);
        if (st == COR_OK)
            st = cor_table_set_num(t, col_index(t, "hi"), f->hi);
        if (st == COR_OK)
            st = set(t, "unit", f->unit);
        if (st == COR_OK)
            st = set(t, "currency", f->currency >= 0 ? cor_currency_name(f->currency) : "");
        if (st == COR_OK)
            st = set(t, "metric", cor_guess_name(f->metric));
        if (st == COR_OK)
            st = set(t, "period", period);
        if (st == COR_OK)
            st = set(t, "note", f->note);
    }
    if (st != COR_OK) {
        cor_table_free(t);
        return NULL;
    }
    return t;
}
