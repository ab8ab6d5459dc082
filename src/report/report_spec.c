/* The report spec: a report.ini file of [chart NAME] and [table NAME]
 * sections, read through one key table that also prints its documentation. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/num.h"
#include "report_internal.h"

const char cor_report_spec_file[] = "report.ini";

void cor_report_spec_init(struct cor_report_spec *spec)
{
    memset(spec, 0, sizeof *spec);
}

void cor_report_spec_fini(struct cor_report_spec *spec)
{
    if (!spec)
        return;
    for (size_t i = 0; i < spec->n; i++)
        free(spec->items[i].thresholds);
    for (size_t i = 0; i < spec->nstrings; i++)
        free(spec->strings[i]);
    for (size_t i = 0; i < spec->npaths; i++)
        free(spec->paths[i]);
    free(spec->items);
    free(spec->strings);
    free(spec->paths);
    memset(spec, 0, sizeof *spec);
}

char *cor_report_spec_own(struct cor_report_spec *spec, const char *s, size_t len)
{
    if (spec->nstrings == spec->capstrings) {
        size_t cap = spec->capstrings ? 2 * spec->capstrings : 32;
        char **p = realloc(spec->strings, cap * sizeof *p);
        if (!p)
            return NULL;
        spec->strings = p;
        spec->capstrings = cap;
    }
    char *c = malloc(len + 1);
    if (!c)
        return NULL;
    memcpy(c, s, len);
    c[len] = '\0';
    spec->strings[spec->nstrings++] = c;
    return c;
}

struct cor_report_item *cor_report_spec_add(struct cor_report_spec *spec,
                                        enum cor_report_item_type type)
{
    if (spec->n == spec->cap) {
        size_t cap = spec->cap ? 2 * spec->cap : 8;
        struct cor_report_item *p = realloc(spec->items, cap * sizeof *p);
        if (!p)
            return NULL;
        spec->items = p;
        spec->cap = cap;
    }
    struct cor_report_item *it = &spec->items[spec->n++];
    memset(it, 0, sizeof *it);
    it->type = type;
    cor_select_init(&it->sel, COR_KIND_PORT);
    it->sel.kind = COR_KIND_COUNT;   /* not given yet */
    it->chart = COR_CHART_LINE;
    return it;
}

/* ---- the keys ------------------------------------------------------------ */

enum section { SEC_REPORT = 1, SEC_CHART = 2, SEC_TABLE = 4 };

enum key {
    K_TITLE, K_LEAD, K_TYPE, K_METRIC, K_KIND, K_ENTITY, K_WHERE, K_UNIT, K_CURRENCY,
    K_STATUS, K_SOURCE, K_FROM, K_TO, K_BBL, K_BY, K_TOTAL, K_XLABEL, K_YLABEL, K_THRESHOLD
};

static const struct spec_key {
    enum key key;
    const char *name;
    unsigned sections;       /* where it may appear */
    int repeat;              /* may be given several times */
    const char *value;       /* what it takes */
    const char *doc;
} keys[] = {
    {K_TITLE, "title", SEC_REPORT | SEC_CHART | SEC_TABLE, 0, "text",
     "the page's title ([report]), or the chart's or table's (default: the entity and unit)"},
    {K_LEAD, "lead", SEC_REPORT, 0, "text", "the paragraph under the page's title"},
    {K_TYPE, "type", SEC_CHART, 0, "chart type",
     "`line` (time series, the default), `points`, `bar`, `grouped` or `stacked` (100% "
     "shares)"},
    {K_METRIC, "metric", SEC_TABLE, 0, "metric",
     "`figures` (the default: every figure with its interval, status and source, and the "
     "year-on-year growth in %) or `shares` (each period's parts, the values of the one `by` "
     "column, with their share in % of the total and the remainder other/unknown, or of "
     "their sum when there is no total: see `total`)"},
    {K_KIND, "kind", SEC_CHART | SEC_TABLE, 0, "record kind",
     "the record kind: `port`, `pipeline`, `trade`, `budget`, `deal`, `indicator`, ... "
     "(required)"},
    {K_ENTITY, "entity", SEC_CHART | SEC_TABLE, 0, "text",
     "the port, pipeline, importer, country, asset or entity"},
    {K_WHERE, "where", SEC_CHART | SEC_TABLE, 1, "COLUMN=VALUE",
     "keep rows whose column is VALUE (`origin=` for an empty cell; values joined by a "
     "vertical bar for any of them), or with `!=` rows whose column is none of them "
     "(`origin!=`: a non-empty cell)"},
    {K_UNIT, "unit", SEC_CHART | SEC_TABLE, 0, "unit", "express every value in this unit"},
    {K_CURRENCY, "currency", SEC_CHART | SEC_TABLE, 0, "ISO 4217 code",
     "express money in this currency (through the `fx` rates of the same year)"},
    {K_STATUS, "status", SEC_CHART | SEC_TABLE, 0, "statuses",
     "keep these statuses, comma-separated (`actual,estimate`)"},
    {K_SOURCE, "source", SEC_CHART | SEC_TABLE, 0, "source id", "keep one source's figures"},
    {K_FROM, "from", SEC_CHART | SEC_TABLE, 0, "period", "the first period kept"},
    {K_TO, "to", SEC_CHART | SEC_TABLE, 0, "period", "the last period kept"},
    {K_BBL, "bbl-per-tonne", SEC_CHART | SEC_TABLE, 0, "number",
     "density factor for barrels and tonnes"},
    {K_BY, "by", SEC_CHART | SEC_TABLE, 0, "columns",
     "one series per value of these key columns, comma-separated (`basis,vintage`); "
     "`source` gives one series per publisher"},
    {K_TOTAL, "total", SEC_CHART | SEC_TABLE, 0, "value",
     "for `metric = shares` and `type = stacked`: the value of the one `by` column that is "
     "the stated total (`World`); default: the rows whose `by` column is empty (all), else "
     "the sum of the parts. The total and rows flagged as aggregates are never parts"},
    {K_XLABEL, "xlabel", SEC_CHART, 0, "text", "the x axis label (default: year, or period)"},
    {K_YLABEL, "ylabel", SEC_CHART, 0, "text", "the y axis label (default: the unit)"},
    {K_THRESHOLD, "threshold", SEC_CHART, 1, "Y=LABEL", "a labelled horizontal line at Y"},
};

static const char *const metric_names[] = {"figures", "shares"};

static const struct spec_key *key_lookup(const char *s, size_t len)
{
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (strlen(keys[i].name) == len && strncmp(keys[i].name, s, len) == 0)
            return &keys[i];
    return NULL;
}

void cor_report_spec_doc(FILE *out)
{
    fprintf(out,
            "## The report spec: `%s`\n\n"
            "`corridor report` draws the charts and writes the tables that a file named "
            "`%s` in a data folder lists; without one, it finds the series in the data "
            "itself (one chart and one table per series). The file is plain text: "
            "`[section]` lines, then `key = value` lines; blank lines and lines starting "
            "with `#` or `;` are ignored; a value runs to the end of its line.\n\n"
            "| section | what |\n|---|---|\n"
            "| `[report]` | the page: its title and lead paragraph |\n"
            "| `[chart NAME]` | a chart, written as `charts/NAME.gp`, `.png` and `.svg` "
            "(NAME: letters, digits, `-`, `_`) |\n"
            "| `[table NAME]` | a table, written as `tables/NAME.csv` ... `.txt` |\n\n"
            "| key | in | value | meaning |\n|---|---|---|---|\n",
            cor_report_spec_file, cor_report_spec_file);
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        const struct spec_key *k = &keys[i];
        fprintf(out, "| `%s` | %s%s%s%s | %s | %s%s |\n", k->name,
                k->sections & SEC_REPORT ? "report" : "",
                (k->sections & SEC_REPORT) && (k->sections & SEC_CHART) ? ", " : "",
                k->sections & SEC_CHART ? "chart" : "",
                k->sections & SEC_TABLE ? (k->sections & ~SEC_TABLE ? ", table" : "table") : "",
                k->value, k->doc, k->repeat ? " (repeatable)" : "");
    }
    fprintf(out,
            "\nA chart or table whose selection matches no figure is skipped with a warning "
            "that names it; the rest of the report is still written.\n\nExample:\n\n"
            "```ini\n[report]\ntitle = Ports of the region\n\n[chart teu]\n"
            "title = Port of Example: containers\nkind = port\nentity = Port of Example\n"
            "where = origin=\nunit = TEU\ntype = line\nthreshold = 100000=100,000 TEU "
            "(capacity)\n\n[table teu]\nkind = port\nentity = Port of Example\n"
            "where = origin=\nunit = TEU\n```\n\n");
}

/* ---- reading ------------------------------------------------------------- */

struct reader {
    struct cor_report_spec *spec;
    const char *path;
    unsigned long line;
    unsigned section;
    struct cor_report_item *item;   /* the current [chart] or [table] */
    unsigned long where_line[COR_SELECT_MAX_WHERE];
    unsigned long by_line, kind_line;
    struct cor_error *err;
};

static enum cor_status fail(struct reader *r, size_t col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static enum cor_status fail(struct reader *r, size_t col, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cor_error_set(r->err, COR_EPARSE, r->path, r->line, (unsigned long)col, "%s", msg);
}

static enum cor_status nomem(struct reader *r)
{
    return cor_error_set(r->err, COR_ENOMEM, r->path, r->line, 0, "out of memory");
}

static int name_ok(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
            return 0;
    return 1;
}

/* The checks that need the whole section: a kind, and columns it has. */
static enum cor_status end_section(struct reader *r)
{
    struct cor_report_item *it = r->item;
    if (!it)
        return COR_OK;
    const char *what = it->type == COR_REPORT_CHART ? "chart" : "table";
    unsigned long line = r->line;
    r->line = it->line;
    enum cor_status st = COR_OK;
    if (it->sel.kind == COR_KIND_COUNT) {
        st = fail(r, 1, "%s '%s' needs a kind (kind = port, pipeline, ...)", what, it->name);
        goto out;
    }
    const struct cor_schema *sc = cor_schema_get(it->sel.kind);
    for (size_t w = 0; w < it->sel.nwhere; w++)
        if (!cor_schema_column(sc, it->sel.where[w].column, strlen(it->sel.where[w].column))) {
            r->line = r->where_line[w];
            st = fail(r, 1, "kind '%s' has no column '%s'", sc->name, it->sel.where[w].column);
            goto out;
        }
    for (const char *b = it->by; b && *b;) {
        size_t len = strcspn(b, ",");
        const struct cor_column *c = cor_schema_column(sc, b, len);
        if (!(len == 6 && strncmp(b, "source", 6) == 0) && (!c || !(c->flags & COR_COL_KEY))) {
            r->line = r->by_line;
            st = fail(r, 1, "'%.*s' is not a key column of kind '%s' (nor 'source')", (int)len,
                      b, sc->name);
            goto out;
        }
        b += len + (b[len] == ',');
    }
out:
    if (st == COR_OK)
        r->line = line;
    r->item = NULL;
    return st;
}

static enum cor_status start_section(struct reader *r, const char *s, size_t len)
{
    enum cor_status st = end_section(r);
    if (st != COR_OK)
        return st;
    size_t word = 0, at;
    while (word < len && s[word] != ' ' && s[word] != '\t')
        word++;
    for (at = word; at < len && (s[at] == ' ' || s[at] == '\t');)
        at++;
    const char *name = s + at;
    size_t nlen = len - at;
    while (nlen && (name[nlen - 1] == ' ' || name[nlen - 1] == '\t'))
        nlen--;
    if (word == 6 && strncmp(s, "report", 6) == 0 && nlen == 0) {
        r->section = SEC_REPORT;
        return COR_OK;
    }
    enum cor_report_item_type type;
    if (word == 5 && strncmp(s, "chart", 5) == 0)
        type = COR_REPORT_CHART;
    else if (word == 5 && strncmp(s, "table", 5) == 0)
        type = COR_REPORT_TABLE;
    else
        return fail(r, 2, "unknown section '[%.*s]': [report], [chart NAME] or [table NAME]",
                    (int)len, s);
    if (!name_ok(name, nlen))
        return fail(r, (size_t)(name - s) + 2,
                    "a %s needs a name of letters, digits, '-' and '_': [%.*s NAME]",
                    type == COR_REPORT_CHART ? "chart" : "table", (int)word, s);
    for (size_t i = 0; i < r->spec->n; i++)
        if (r->spec->items[i].type == type && strlen(r->spec->items[i].name) == nlen &&
            strncmp(r->spec->items[i].name, name, nlen) == 0)
            return fail(r, (size_t)(name - s) + 2, "%s '%.*s' is defined twice",
                        type == COR_REPORT_CHART ? "chart" : "table", (int)nlen, name);
    struct cor_report_item *it = cor_report_spec_add(r->spec, type);
    if (!it || !(it->name = cor_report_spec_own(r->spec, name, nlen)))
        return nomem(r);
    it->line = r->line;
    if (!(it->path = cor_report_spec_own(r->spec, r->path, strlen(r->path))))
        return nomem(r);
    r->item = it;
    r->section = type == COR_REPORT_CHART ? SEC_CHART : SEC_TABLE;
    return COR_OK;
}

/* One key = value line; col is the column of the value. */
static enum cor_status set_key(struct reader *r, const struct spec_key *k, const char *v,
                               size_t vlen, size_t col)
{
    struct cor_report_spec *spec = r->spec;
    struct cor_report_item *it = r->item;
    char *text = cor_report_spec_own(spec, v, vlen);
    if (!text)
        return nomem(r);
    if (r->section == SEC_REPORT) {
        if (k->key == K_TITLE)
            spec->title = text;
        else
            spec->lead = text;
        return COR_OK;
    }
    struct cor_select *sel = &it->sel;
    switch (k->key) {
    case K_TITLE: it->title = text; break;
    case K_XLABEL: it->xlabel = text; break;
    case K_YLABEL: it->ylabel = text; break;
    case K_LEAD: break;
    case K_TYPE: {
        int t = cor_chart_type_lookup(text);
        if (t < 0)
            return fail(r, col, "unknown chart type '%s': line, points, bar, grouped or stacked",
                        text);
        it->chart = (enum cor_chart_type)t;
        break;
    }
    case K_METRIC: {
        size_t m = 0;
        while (m < sizeof metric_names / sizeof *metric_names && strcmp(metric_names[m], text))
            m++;
        if (m == sizeof metric_names / sizeof *metric_names)
            return fail(r, col, "unknown metric '%s': figures or shares", text);
        it->metric = (enum cor_report_metric)m;
        break;
    }
    case K_KIND: {
        const struct cor_schema *sc = cor_schema_lookup(text, vlen);
        if (!sc || !sc->has_obs)
            return fail(r, col, "unknown kind '%s'", text);
        sel->kind = sc->kind;
        r->kind_line = r->line;
        break;
    }
    case K_ENTITY: sel->entity = text; break;
    case K_WHERE: {
        /* COLUMN=VALUE or COLUMN!=VALUE, VALUE may be A|B: as --where */
        char column[128];
        const char *value;
        int negate;
        struct cor_error why = {0};
        if (cor_where_parse(text, column, sizeof column, &value, &negate, &why) != COR_OK)
            return fail(r, col, "where: %s", why.message);
        if (sel->nwhere == COR_SELECT_MAX_WHERE)
            return fail(r, col, "too many 'where' (a selection holds at most %d)",
                        COR_SELECT_MAX_WHERE);
        text[strlen(column)] = '\0';   /* the column, in the spec's own copy */
        r->where_line[sel->nwhere] = r->line;
        sel->where[sel->nwhere].column = text;
        sel->where[sel->nwhere].value = value;
        sel->where[sel->nwhere].negate = negate;
        sel->nwhere++;
        break;
    }
    case K_UNIT:
        if ((sel->unit = cor_unit_lookup(text, vlen)) < 0)
            return fail(r, col, "unknown unit '%s'", text);
        break;
    case K_CURRENCY:
        if ((sel->currency = cor_currency_lookup(text, vlen)) < 0)
            return fail(r, col, "unknown currency '%s'", text);
        break;
    case K_STATUS:
        for (const char *p = text; *p;) {
            size_t len = strcspn(p, ",");
            int st = cor_status_lookup(p, len);
            if (st < 0)
                return fail(r, col + (size_t)(p - text), "unknown status '%.*s'", (int)len, p);
            sel->status_mask |= 1u << st;
            p += len + (p[len] == ',');
        }
        break;
    case K_SOURCE: sel->source = text; break;
    case K_FROM:
    case K_TO:
        if (cor_period_parse(text, vlen, k->key == K_FROM ? &sel->from : &sel->to) != COR_OK)
            return fail(r, col, "malformed period '%s'", text);
        break;
    case K_BBL:
        if (cor_num_parse(text, vlen, &sel->bbl_per_tonne, NULL) != COR_OK ||
            !(sel->bbl_per_tonne > 0))
            return fail(r, col, "bbl-per-tonne needs a positive number, not '%s'", text);
        break;
    case K_TOTAL: it->total = text; break;
    case K_BY:
        it->by = text;
        sel->vary = text;
        r->by_line = r->line;
        break;
    case K_THRESHOLD: {
        char *eq = strchr(text, '=');
        double y;
        if (!eq || cor_num_parse(text, (size_t)(eq - text), &y, NULL) != COR_OK)
            return fail(r, col, "threshold needs Y=LABEL, not '%s'", text);
        struct cor_chart_threshold *t =
            realloc(it->thresholds, (it->nthresholds + 1) * sizeof *t);
        if (!t)
            return nomem(r);
        it->thresholds = t;
        t[it->nthresholds++] = (struct cor_chart_threshold){y, eq + 1};
        break;
    }
    }
    return COR_OK;
}

static enum cor_status read_line(struct reader *r, const char *s, size_t len, unsigned *seen)
{
    size_t lead = strspn(s, " \t");
    s += lead;
    len -= lead;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        len--;
    if (len == 0 || s[0] == '#' || s[0] == ';')
        return COR_OK;
    if (s[0] == '[') {
        if (s[len - 1] != ']')
            return fail(r, lead + len, "a section line ends with ']'");
        *seen = 0;
        return start_section(r, s + 1, len - 2);
    }
    const char *eq = memchr(s, '=', len);
    if (!eq)
        return fail(r, lead + 1, "expected 'key = value' or '[section]'");
    size_t klen = (size_t)(eq - s);
    while (klen && (s[klen - 1] == ' ' || s[klen - 1] == '\t'))
        klen--;
    if (!r->section)
        return fail(r, lead + 1, "'%.*s' before any [section]", (int)klen, s);
    const struct spec_key *k = key_lookup(s, klen);
    if (!k || !(k->sections & r->section))
        return fail(r, lead + 1, "unknown key '%.*s' in [%s]", (int)klen, s,
                    r->section == SEC_REPORT ? "report"
                    : r->section == SEC_CHART ? "chart" : "table");
    unsigned bit = 1u << k->key;
    if ((*seen & bit) && !k->repeat)
        return fail(r, lead + 1, "'%s' given twice", k->name);
    *seen |= bit;
    const char *v = eq + 1;
    v += strspn(v, " \t");
    size_t vlen = len - (size_t)(v - s);
    return set_key(r, k, v, vlen, lead + (size_t)(v - s) + 1);
}

enum cor_status cor_report_spec_read(struct cor_report_spec *spec, const char *path,
                                     struct cor_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return cor_error_set(err, COR_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    /* on failure the spec is put back as it was */
    size_t n0 = spec->n, nstr0 = spec->nstrings;
    char *title0 = spec->title, *lead0 = spec->lead;
    struct reader r = {spec, path, 0, 0, NULL, {0}, 0, 0, err};
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    unsigned seen = 0;
    enum cor_status st = COR_OK;
    while (st == COR_OK && (got = getline(&line, &cap, f)) >= 0) {
        r.line++;
        /* a UTF-8 byte order mark (Windows editors) starts the first line */
        size_t bom = r.line == 1 && got >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        if (memchr(line, '\0', (size_t)got))
            st = fail(&r, 1, "a NUL byte in the line");
        else
            st = read_line(&r, line + bom, (size_t)got - bom - (got && line[got - 1] == '\n'),
                           &seen);
    }
    free(line);
    if (st == COR_OK && ferror(f))
        st = cor_error_set(err, COR_EIO, path, 0, 0, "read error");
    fclose(f);
    if (st == COR_OK && !r.section)
        st = cor_error_set(err, COR_EPARSE, path, 1, 1,
                           "no [report], [chart] or [table] section: the report spec is %s "
                           "(its format: corridor schema report)",
                           r.line ? "only comments and blank lines" : "empty");
    if (st == COR_OK)
        st = end_section(&r);
    char *p = NULL;
    char **paths = NULL;
    if (st == COR_OK && (!(p = strdup(path)) ||
                         !(paths = realloc(spec->paths, (spec->npaths + 1) * sizeof *paths)))) {
        free(p);
        st = cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
    }
    if (st == COR_OK) {
        spec->paths = paths;
        spec->paths[spec->npaths++] = p;
        return COR_OK;
    }
    for (size_t i = n0; i < spec->n; i++)
        free(spec->items[i].thresholds);
    for (size_t i = nstr0; i < spec->nstrings; i++)
        free(spec->strings[i]);
    spec->n = n0;
    spec->nstrings = nstr0;
    spec->title = title0;
    spec->lead = lead0;
    return st;
}
