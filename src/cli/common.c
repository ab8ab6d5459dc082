/* Shared options of the metric commands: selection, format, output. */
#define _POSIX_C_SOURCE 200809L

#include "common.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void common_init(struct common *c)
{
    memset(c, 0, sizeof *c);
    cor_select_init(&c->sel, COR_KIND_PORT);
    cor_read_opts_init(&c->read);
    c->format = isatty(STDOUT_FILENO) ? COR_FMT_TEXT : COR_FMT_CSV;
}

int common_period(const struct cli_command *cmd, const char *text, struct cor_period *p)
{
    if (cor_period_parse(text, strlen(text), p) != COR_OK) {
        cli_usage_error(cmd, "malformed period '%s'", text);
        return 0;
    }
    return 1;
}

int common_unit(const struct cli_command *cmd, const char *arg)
{
    int u = cor_unit_lookup(arg, strlen(arg));
    if (u >= 0)
        return u;
    const char *best = cor_unit_closest(arg);
    if (best)
        cli_usage_error(cmd, "unknown unit '%s'; did you mean '%s'?", arg, best);
    else
        cli_usage_error(cmd, "unknown unit '%s' (corridor schema lists the units)", arg);
    return -1;
}

static int parse_positive(const struct cli_command *cmd, const char *name, const char *arg,
                          double *out)
{
    if (cor_num_parse(arg, strlen(arg), out, NULL) != COR_OK || !(*out > 0)) {
        cli_usage_error(cmd, "--%s needs a positive number, not '%s'", name, arg);
        return 0;
    }
    return 1;
}

int common_read_option(const struct cli_command *cmd, struct cor_read_opts *o, const char *name,
                       const char *arg)
{
    struct cor_read_opts next = *o;
    if (strcmp(name, "delimiter") == 0) {
        if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
            next.delimiter = '\t';
        else if (strlen(arg) == 1 && strchr(",;\t|", arg[0]))
            next.delimiter = arg[0];
        else
            return cli_usage_error(cmd, "--delimiter takes ',', ';', tab or '|', not '%s'", arg);
    } else if (strcmp(name, "decimal") == 0) {
        if (strlen(arg) != 1 || (arg[0] != '.' && arg[0] != ','))
            return cli_usage_error(cmd, "--decimal takes '.' or ',', not '%s'", arg);
        next.decimal = arg[0];
    } else if (strcmp(name, "thousands") == 0) {
        if (strcmp(arg, "space") == 0 || strcmp(arg, " ") == 0)
            next.thousands = ' ';
        else if (strcmp(arg, "none") == 0)
            next.thousands = 0;
        else if (strlen(arg) == 1 && (arg[0] == ',' || arg[0] == '.'))
            next.thousands = arg[0];
        else
            return cli_usage_error(cmd, "--thousands takes ',', '.', space or none, not '%s'",
                                   arg);
    } else if (strcmp(name, "na") == 0) {
        next.na = arg;
    }
    /* the decimal mark defaults to '.': --thousands . alone implies --decimal , */
    if (next.thousands == '.' && next.decimal == '.' && strcmp(name, "decimal") != 0)
        next.decimal = ',';
    struct cor_error err = {0};
    if (cor_read_opts_check(&next, &err) != COR_OK)
        return cli_usage_error(cmd, "%s", err.message);
    *o = next;
    return CLI_OK;
}

int common_option(const struct cli_command *cmd, struct common *c, int opt, const char *arg)
{
    struct cor_select *s = &c->sel;
    switch (opt) {
    case COMMON_DATA:
        if (c->ndata == COMMON_MAX_DATA)
            return cli_usage_error(cmd, "too many --data: at most %d paths (give a folder "
                                        "instead: every *.csv file in it is read)",
                                   COMMON_MAX_DATA);
        c->data[c->ndata++] = arg;
        break;
    case COMMON_KIND: {
        const struct cor_schema *sc = cor_schema_lookup(arg, strlen(arg));
        if (!sc || !sc->has_obs)
            return cli_usage_error(cmd, "unknown kind '%s'", arg);
        s->kind = sc->kind;
        c->kind_set = 1;
        break;
    }
    case COMMON_ENTITY: s->entity = arg; break;
    case COMMON_WHERE: {
        if (s->nwhere == COR_SELECT_MAX_WHERE)
            return cli_usage_error(cmd, "too many --where: at most %d conditions",
                                   COR_SELECT_MAX_WHERE);
        struct cor_error err = {0};
        if (cor_where_parse(arg, c->where_cols[s->nwhere], sizeof c->where_cols[0],
                            &s->where[s->nwhere].value, &s->where[s->nwhere].negate,
                            &err) != COR_OK)
            return cli_usage_error(cmd, "--where: %s", err.message);
        s->where[s->nwhere].column = c->where_cols[s->nwhere];
        s->nwhere++;
        break;
    }
    case COMMON_UNIT:
        s->unit = common_unit(cmd, arg);
        if (s->unit < 0)
            return CLI_USAGE;
        break;
    case COMMON_CURRENCY:
        s->currency = cor_currency_lookup(arg, strlen(arg));
        if (s->currency < 0)
            return cli_usage_error(cmd, "unknown currency '%s'", arg);
        break;
    case COMMON_STATUS: {
        const char *p = arg;
        while (*p) {
            size_t len = strcspn(p, ",");
            int st = cor_status_lookup(p, len);
            if (st < 0)
                return cli_usage_error(cmd, "unknown status '%.*s'", (int)len, p);
            s->status_mask |= 1u << st;
            p += len;
            if (*p == ',')
                p++;
        }
        break;
    }
    case COMMON_SOURCE: s->source = arg; break;
    case COMMON_FROM:
        if (!common_period(cmd, arg, &s->from))
            return CLI_USAGE;
        break;
    case COMMON_TO:
        if (!common_period(cmd, arg, &s->to))
            return CLI_USAGE;
        break;
    case COMMON_BBL:
        if (!parse_positive(cmd, "bbl-per-tonne", arg, &s->bbl_per_tonne))
            return CLI_USAGE;
        break;
    case COMMON_APPROX: {
        double pct;
        if (!parse_positive(cmd, "approx", arg, &pct) || pct >= 100)
            return pct >= 100 ? cli_usage_error(cmd, "--approx must be below 100") : CLI_USAGE;
        s->ival.approx_rel = pct / 100.0;
        break;
    }
    case COMMON_DELIMITER: return common_read_option(cmd, &c->read, "delimiter", arg);
    case COMMON_DECIMAL: return common_read_option(cmd, &c->read, "decimal", arg);
    case COMMON_THOUSANDS: return common_read_option(cmd, &c->read, "thousands", arg);
    case COMMON_NA: return common_read_option(cmd, &c->read, "na", arg);
    case COMMON_FORMAT: {
        int f = cor_format_lookup(arg);
        if (f < 0)
            return cli_usage_error(cmd, "unknown format '%s'", arg);
        c->format = (enum cor_format)f;
        c->format_set = 1;
        break;
    }
    case COMMON_OUTPUT: c->output = arg; break;
    default: break;
    }
    return CLI_OK;
}

/* Kinds whose entity column holds `name`. A specific kind wins over the
 * generic indicator kind. */
static int guess_kind(const struct cor_dataset *ds, const char *name, enum cor_kind *kind,
                      char *found, size_t n)
{
    int hits = 0, specific = 0;
    enum cor_kind specific_kind = COR_KIND_INDICATOR;
    found[0] = '\0';
    for (int k = 0; k < COR_KIND_COUNT; k++) {
        const struct cor_column *ec = cor_series_entity_column((enum cor_kind)k);
        if (!ec || !cor_schema_get((enum cor_kind)k)->has_obs)
            continue;
        for (size_t i = 0; i < cor_dataset_count(ds, (enum cor_kind)k); i++) {
            struct cor_record_ref rec = cor_dataset_record(ds, (enum cor_kind)k, i);
            if (strcmp(cor_series_text(ds, rec, ec->name), name) == 0) {
                size_t used = strlen(found);
                snprintf(found + used, n - used, "%s%s", hits ? ", " : "",
                         cor_schema_get((enum cor_kind)k)->name);
                *kind = (enum cor_kind)k;
                hits++;
                if (k != COR_KIND_INDICATOR) {
                    specific++;
                    specific_kind = (enum cor_kind)k;
                }
                break;
            }
        }
    }
    if (hits > 1 && specific == 1) {
        *kind = specific_kind;
        return 1;
    }
    return hits;
}

/* "no records for entity 'X'; did you mean 'Y'?" over every kind's entities. */
static int no_entity(const struct cli_command *cmd, const struct cor_dataset *ds,
                     const char *name)
{
    const char *best[COR_KIND_COUNT];
    size_t n = 0;
    for (int k = 0; k < COR_KIND_COUNT; k++) {
        const struct cor_column *ec = cor_series_entity_column((enum cor_kind)k);
        if (!ec || !cor_schema_get((enum cor_kind)k)->has_obs)
            continue;
        struct cor_select sel;
        cor_select_init(&sel, (enum cor_kind)k);
        const char *b = cor_series_closest(ds, &sel, ec->name, name);
        if (b)
            best[n++] = b;
    }
    const char *b = cor_closest(name, best, n);
    if (b)
        return cli_usage_error(cmd, "no records for entity '%s'; did you mean '%s'?", name, b);
    return cli_usage_error(cmd, "no records for entity '%s'", name);
}

int common_list_add(char **list, const char *item)
{
    size_t have = *list ? strlen(*list) : 0, add = strlen(item);
    char *l = realloc(*list, have + add + 3);
    if (!l)
        return 0;
    if (have) {
        memcpy(l + have, ", ", 2);
        have += 2;
    }
    memcpy(l + have, item, add + 1);
    *list = l;
    return 1;
}

int common_empty_selection(const struct cli_command *cmd, const struct cor_dataset *ds,
                           const struct cor_select *sel)
{
    char why[1024];
    cor_series_explain_empty(ds, sel, why, sizeof why, NULL);   /* "" on error */
    fprintf(stderr, "corridor: %s: the selection is empty: %s\n", cmd->name,
            why[0] ? why : "no figures");
    return CLI_USAGE;
}

/* 1 if the dataset read claim rows from the file at path. */
static int is_claims_file(const struct cor_dataset *ds, const char *path)
{
    for (size_t i = 0; i < cor_dataset_count(ds, COR_KIND_CLAIM); i++) {
        const struct cor_origin *o = cor_dataset_record(ds, COR_KIND_CLAIM, i).origin;
        if (strcmp(cor_dataset_file(ds, o->file), path) == 0)
            return 1;
    }
    return 0;
}

/* The last line when loading failed: what the errors are in ("3 errors in the
 * claims (claims.csv)", "no CSV files in my_data"), not "the data". */
static void load_errors(const struct cli_command *cmd, const struct cor_dataset *ds,
                        const struct cor_diags *d)
{
    enum { IN_DATA, IN_CLAIMS, NO_CSV, NWHERE };
    size_t count[NWHERE] = {0};
    char *files[NWHERE] = {NULL, NULL, NULL};
    for (size_t f = 0; f < d->nfiles; f++) {
        size_t errors = 0;
        int where = IN_DATA;
        for (size_t i = 0; i < d->count; i++)
            if (d->items[i].file == f && d->items[i].severity == COR_SEV_ERROR) {
                errors++;
                if (d->items[i].code == COR_D_NO_DATA)
                    where = NO_CSV;
            }
        if (!errors)
            continue;
        if (where != NO_CSV && is_claims_file(ds, d->files[f]))
            where = IN_CLAIMS;
        count[where] += errors;
        const char *base = strrchr(d->files[f], '/');
        common_list_add(&files[where], base && base[1] ? base + 1 : d->files[f]);
    }
    const char *what = strcmp(cmd->name, "check") == 0 ? "checked" : "computed";
    fputs("corridor: ", stderr);
    const char *sep = "";
    if (count[NO_CSV]) {
        fprintf(stderr, "no CSV files in %s", files[NO_CSV] ? files[NO_CSV] : "the folder");
        sep = "; ";
    }
    if (count[IN_CLAIMS]) {
        fprintf(stderr, "%s%zu error%s in the claims (%s)", sep, count[IN_CLAIMS],
                count[IN_CLAIMS] == 1 ? "" : "s", files[IN_CLAIMS] ? files[IN_CLAIMS] : "");
        sep = "; ";
    }
    if (count[IN_DATA])
        fprintf(stderr, "%s%zu error%s in the data (%s)", sep, count[IN_DATA],
                count[IN_DATA] == 1 ? "" : "s", files[IN_DATA] ? files[IN_DATA] : "");
    fprintf(stderr, ": nothing %s\n", what);
    for (int k = 0; k < NWHERE; k++)
        free(files[k]);
}

int common_load(const struct cli_command *cmd, struct common *c, struct cor_dataset **dsp)
{
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_dataset *ds = cor_dataset_new();
    struct cor_error err = {0};
    enum cor_status st = ds ? COR_OK : COR_ENOMEM;
    if (ds)
        cor_dataset_set_read_opts(ds, &c->read);
    if (c->ndata == 0 && st == COR_OK)
        st = cor_dataset_load(ds, cli_default_datasets(), &diags, &err);
    for (size_t i = 0; i < c->ndata && st == COR_OK; i++)
        st = cor_dataset_load(ds, c->data[i], &diags, &err);
    if (st == COR_OK)
        st = cor_dataset_check(ds, &diags, &err);
    int rc = CLI_OK;
    if (st != COR_OK) {
        cli_print_error(&err, NULL);
        rc = CLI_IO;
    } else if (diags.errors) {
        cor_diags_sort(&diags);
        cli_print_diags(&diags);
        load_errors(cmd, ds, &diags);
        rc = CLI_DATA;
    }
    cor_diags_fini(&diags);
    if (rc == CLI_OK)
        rc = common_inputs(ds);
    if (rc == CLI_OK && c->output)
        rc = common_check_output(c->output);
    if (rc == CLI_OK && !c->kind_set) {
        char found[200];
        int hits = c->sel.entity ? guess_kind(ds, c->sel.entity, &c->sel.kind, found,
                                              sizeof found)
                                 : 0;
        if (hits != 1) {
            if (hits > 1)
                rc = cli_usage_error(cmd, "entity '%s' is in %s records: choose one with --kind",
                                     c->sel.entity, found);
            else if (c->sel.entity)
                rc = no_entity(cmd, ds, c->sel.entity);
            else
                rc = cli_usage_error(cmd, "which data? give --kind or --entity");
        }
    }
    if (rc != CLI_OK) {
        cor_dataset_free(ds);
        return rc;
    }
    *dsp = ds;
    return CLI_OK;
}

void common_sources(struct cor_table *t, const struct cor_dataset *ds,
                    const struct cor_point *const *pts, size_t n, char *buf, size_t len)
{
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (!pts[i])
            continue;
        const char *id = cor_dataset_str(ds, pts[i]->source);
        int seen = 0;
        for (size_t j = 0; j < i; j++)
            seen |= pts[j] && pts[j]->source == pts[i]->source;
        if (seen)
            continue;
        size_t used = strlen(buf);
        snprintf(buf + used, len - used, "%s%s", used ? "; " : "", id);
        cor_table_add_source(t, id);
        if (pts[i]->fx_source) {
            used = strlen(buf);
            const char *fx = cor_dataset_str(ds, pts[i]->fx_source);
            snprintf(buf + used, len - used, "; fx %s", fx);
            cor_table_add_source(t, fx);
        }
    }
}

void common_unit_name(const struct cor_series *s, char *buf, size_t n)
{
    cor_series_unit_label(s->unit, s->currency, buf, n);
}

int common_inputs(const struct cor_dataset *ds)
{
    struct cor_error err = {0};
    for (uint32_t i = 0; i < cor_dataset_file_count(ds); i++)
        if (cor_atomic_add_input(cor_dataset_file(ds, i), &err) != COR_OK) {
            cli_print_error(&err, NULL);
            return CLI_IO;
        }
    return CLI_OK;
}

int common_output_failed(const char *path, const struct cor_error *err, enum cor_status st)
{
    struct cor_error e = *err;
    if (!e.message[0])
        e.status = st;   /* a stream error: only the status says what */
    cli_print_error(&e, path);
    return st == COR_EINVAL ? CLI_USAGE : CLI_IO;
}

int common_check_output(const char *path)
{
    struct cor_error err = {0};
    enum cor_status st = cor_atomic_check(path, &err);
    return st == COR_OK ? CLI_OK : common_output_failed(path, &err, st);
}

int common_emit(struct common *c, const struct cor_table *t)
{
    if (!c->output) {
        if (cor_export_table(t, c->format, stdout) != COR_OK || fflush(stdout) != 0) {
            fprintf(stderr, "corridor: standard output: %s\n", strerror(errno));
            return CLI_IO;
        }
        return CLI_OK;
    }
    struct cor_error err = {0};
    struct cor_atomic *a = NULL;
    if (cor_atomic_open(c->output, &a, &err) != COR_OK)
        return common_output_failed(c->output, &err, err.status);
    enum cor_status st = cor_export_table(t, c->format, cor_atomic_stream(a));
    if (st == COR_OK)
        st = cor_atomic_commit(a, &err);
    else
        cor_atomic_abort(a);
    return st == COR_OK ? CLI_OK : common_output_failed(c->output, &err, st);
}

struct prologue {
    struct common *c;
    extra_option_fn extra;
    void *user;
};

static int prologue_option(const struct cli_command *cmd, int opt, const char *arg, void *user)
{
    struct prologue *p = user;
    return opt < COMMON_COUNT ? common_option(cmd, p->c, opt, arg)
                              : p->extra(cmd, p->c, opt, arg, p->user);
}

int common_no_extra(const struct cli_command *cmd, struct common *c, int opt, const char *arg,
                    void *user)
{
    (void)cmd, (void)c, (void)opt, (void)arg, (void)user;
    return CLI_OK;
}

void common_title(const struct common *c, const struct cor_series *s, const char *what,
                  char *buf, size_t n)
{
    char unit[64];
    common_unit_name(s, unit, sizeof unit);
    snprintf(buf, n, "%s%s%s: %s", c->sel.entity ? c->sel.entity : "", c->sel.entity ? ", " : "",
             unit, what);
}

int common_finish(struct common *c, struct cor_table *t, struct cor_series *s,
                  struct cor_dataset *ds)
{
    int rc = t ? common_emit(c, t) : CLI_IO;
    cor_table_free(t);
    cor_series_fini(s);
    cor_dataset_free(ds);
    return rc;
}

int common_parse(const struct cli_command *cmd, int argc, char **argv, struct common *c,
                 extra_option_fn extra, void *user)
{
    struct prologue p = {c, extra ? extra : common_no_extra, user};
    return cli_parse_options(cmd, argc, argv, prologue_option, &p);
}

int common_prologue(const struct cli_command *cmd, int argc, char **argv, struct common *c,
                    extra_option_fn extra, void *user, struct cor_dataset **ds,
                    struct cor_series *series)
{
    int rc = common_parse(cmd, argc, argv, c, extra, user);
    if (rc >= 0)
        return rc;
    if (cli_operand_index() < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[cli_operand_index()]);
    rc = common_load(cmd, c, ds);
    if (rc != CLI_OK)
        return rc;
    struct cor_error err = {0};
    if (cor_series_select(*ds, &c->sel, series, &err) != COR_OK) {
        fprintf(stderr, "corridor: %s\n", err.message);
        cor_dataset_free(*ds);
        *ds = NULL;
        return CLI_USAGE;
    }
    if (series->n == 0) {
        rc = common_empty_selection(cmd, *ds, &c->sel);
        cor_series_fini(series);
        cor_dataset_free(*ds);
        *ds = NULL;
        return rc;
    }
    return -1;
}

void metric_init(struct metric *m)
{
    memset(m, 0, sizeof *m);
    common_init(&m->c);
}

int metric_begin(const struct cli_command *cmd, int argc, char **argv, struct metric *m,
                 extra_option_fn extra, void *user)
{
    return common_prologue(cmd, argc, argv, &m->c, extra, user, &m->ds, &m->s);
}

struct cor_table *metric_table(const struct metric *m, const char *what)
{
    char buf[2048];
    common_title(&m->c, &m->s, what, buf, sizeof buf);
    return cor_table_new(buf);
}

void metric_free(struct metric *m)
{
    cor_series_fini(&m->s);
    cor_dataset_free(m->ds);
    m->ds = NULL;
}

int metric_refuse(const struct cli_command *cmd, struct metric *m, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    metric_free(m);
    return cli_usage_error(cmd, "%s", msg);
}

int metric_finish(struct metric *m, struct cor_table *t)
{
    return common_finish(&m->c, t, &m->s, m->ds);
}
