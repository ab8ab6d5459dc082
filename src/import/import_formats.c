/* The layouts import reads: where each format keeps its entity, period,
 * value and measure, its preamble and footnotes, and which rows are totals
 * over others (aggregates). Every row goes to imp_emit() as it is read. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"

/* ---- the header ------------------------------------------------------------ */

static char *dup_str(struct str s)
{
    char *d = malloc(s.n + 1);
    if (d) {
        memcpy(d, s.s, s.n);
        d[s.n] = '\0';
    }
    return d;
}

static struct str S(const char *s)
{
    return (struct str){s ? s : "", s ? strlen(s) : 0};
}

/* Reads a header row into the layout: names and years; every column -1. */
static int layout_read(struct imp *I, const struct cor_csv_row *row)
{
    struct layout *L = &I->L;
    char hint[200];
    if (row->nfields == 1 && cor_read_delimiter_hint(&I->o->read, row->fields[0].text,
                                                     row->fields[0].len, hint, sizeof hint)) {
        imp_diag(I, COR_SEV_ERROR, COR_D_UNKNOWN_KIND, row->line, row->fields[0].col,
                 "the header %s", hint);
        I->stopped = 1;
        return 0;
    }
    imp_layout_free(L);
    L->ncols = row->nfields;
    L->name = calloc(L->ncols ? L->ncols : 1, sizeof *L->name);
    L->year = calloc(L->ncols ? L->ncols : 1, sizeof *L->year);
    if (!L->name || !L->year) {
        I->fatal = COR_ENOMEM;
        return 0;
    }
    for (size_t i = 0; i < L->ncols; i++) {
        struct str c = imp_cell(row, (long)i);
        L->name[i] = dup_str(c);
        if (!L->name[i]) {
            I->fatal = COR_ENOMEM;
            return 0;
        }
        L->year[i] = imp_year_of(c);
    }
    long *cols[] = {&L->entity,  &L->code,          &L->measure, &L->mname,   &L->notes,
                    &L->period,  &L->value,         &L->reporter, &L->reporter_code,
                    &L->partner, &L->partner_code,  &L->flow,    &L->commodity, &L->netwgt,
                    &L->freq,    &L->partner2,      &L->mot,     &L->customs, &L->netwgt_est};
    for (size_t k = 0; k < sizeof cols / sizeof *cols; k++)
        *cols[k] = -1;
    return 1;
}

/* The first column named one of the '|'-separated names (case ignored), or -1. */
static long find_col(const struct layout *L, const char *names)
{
    for (size_t i = 0; i < L->ncols; i++) {
        const char *w = names;
        while (*w) {
            size_t len = strcspn(w, "|");
            char want[64];
            snprintf(want, sizeof want, "%.*s", (int)len, w);
            if (L->name[i][0] && imp_eq(S(L->name[i]), want))
                return (long)i;
            w += len;
            if (*w == '|')
                w++;
        }
    }
    return -1;
}

/* A column named by an option (--entity, --period ...): its index, or -1
 * after a finding at the header. */
static long option_col(struct imp *I, const struct cor_csv_row *row, const char *option,
                       const char *name)
{
    long c = find_col(&I->L, name);
    if (c < 0)
        imp_diag(I, COR_SEV_ERROR, COR_D_MISSING_COLUMN, row->line, 1,
                 "no column '%s' (--%s) in the header", name, option);
    return c;
}

/* Warns about the header's columns that no role takes (they are left out),
 * except year columns when `years` and unnamed columns. */
static void warn_unused(struct imp *I, const struct cor_csv_row *row, int years)
{
    const struct layout *L = &I->L;
    for (size_t i = 0; i < L->ncols; i++) {
        long c = (long)i;
        if (!L->name[i][0] || (years && L->year[i]) || c == L->entity || c == L->code ||
            c == L->measure || c == L->mname || c == L->notes || c == L->period ||
            c == L->value || c == L->reporter || c == L->reporter_code || c == L->partner ||
            c == L->partner_code || c == L->flow || c == L->commodity || c == L->netwgt ||
            c == L->freq || c == L->partner2 || c == L->mot || c == L->customs ||
            c == L->netwgt_est)
            continue;
        imp_diag(I, COR_SEV_WARNING, COR_D_UNKNOWN_COLUMN, row->line, row->fields[i].col,
                 "column '%s' is not read by the %s layout: left out", L->name[i],
                 cor_import_format_name(I->o->format));
    }
}

/* A data row with as many fields as the header; or a footnote line (one or
 * two fields, as SIPRI and DataBank end their tables), skipped; or a
 * finding. Returns 1 to read the row. */
static int row_fits(struct imp *I, const struct cor_csv_row *row)
{
    /* a delimiter after the last field of each data row (UN Comtrade) ends the row */
    if (cor_csv_row_width(row, I->L.ncols) == I->L.ncols) {
        /* a cell under a column without a name would be lost */
        for (size_t i = 0; i < I->L.ncols; i++)
            if (!I->L.name[i][0] && imp_cell(row, (long)i).n && !imp_is_na(I, imp_cell(row, (long)i))) {
                imp_diag(I, COR_SEV_ERROR, COR_D_RAGGED_ROW, row->fields[i].line,
                         row->fields[i].col, "a value under a column without a name");
                return 0;
            }
        I->st.rows++;
        return 1;
    }
    if (row->nfields <= 2) {
        I->st.skipped++;   /* a note under the table */
        return 0;
    }
    unsigned long line = row->nfields > I->L.ncols ? row->fields[I->L.ncols].line : row->end_line;
    unsigned long col = row->nfields > I->L.ncols ? row->fields[I->L.ncols].col : row->end_col;
    imp_diag(I, COR_SEV_ERROR, COR_D_RAGGED_ROW, line, col, "row has %zu fields, the header has %zu",
             row->nfields, I->L.ncols);
    return 0;
}

/* The unit of the values: --unit, else what the label states. */
static void value_unit(const struct imp *I, struct str label, const char **unit,
                       const char **currency)
{
    if (I->o->unit) {
        *unit = I->o->unit;
        *currency = I->o->currency;
    } else
        imp_unit_of(label, unit, currency);
}

static const char *file_base(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

/* Emits one record per year column of a wide row. A missing cell between
 * two figures of the row is a record without a figure (a gap the table
 * lists); missing cells before the first figure or after the last (a series
 * not started yet, or ended) are left out and counted. */
static void emit_years(struct imp *I, const struct cor_csv_row *row, const struct str *keys,
                       const char *unit, const char *currency, const char *aggregate,
                       struct str note, const char *source)
{
    size_t first = I->L.ncols, last = 0;
    for (size_t i = 0; i < I->L.ncols; i++)
        if (I->L.year[i] && !imp_is_na(I, imp_cell(row, (long)i))) {
            if (first == I->L.ncols)
                first = i;
            last = i;
        }
    for (size_t i = 0; i < I->L.ncols; i++) {
        if (!I->L.year[i])
            continue;
        if (i < first || i > last) {
            I->st.missing++;
            continue;
        }
        char y[8];
        snprintf(y, sizeof y, "%d", I->L.year[i]);
        imp_emit(I, keys, S(y), imp_cell(row, (long)i), unit, currency, aggregate, note, NULL,
                 source, row, (long)i);
    }
}

/* ---- World Bank WDI ----------------------------------------------------------- */

static enum cor_status wdi_metadata_row(struct imp *I, const struct cor_csv_row *row)
{
    if (!I->have_header) {
        if (!layout_read(I, row))
            return I->fatal;
        I->L.code = find_col(&I->L, "Country Code");
        I->L.notes = find_col(&I->L, "Region");
        I->have_header = 1;
        return COR_OK;
    }
    struct str code = imp_cell(row, I->L.code), region = imp_cell(row, I->L.notes);
    cor_sym id;
    /* an aggregate (a region, an income group, World) has no region of its own */
    if (code.n && !region.n && cor_intern_add(I->agg, code.s, code.n, &id) != COR_OK)
        I->fatal = COR_ENOMEM;
    return I->fatal;
}

static enum cor_status wdi_header(struct imp *I, const struct cor_csv_row *row)
{
    struct layout *L = &I->L;
    struct str c0 = imp_cell(row, 0);
    char **keep = imp_eq(c0, "Last Updated Date") ? &I->date
                  : imp_eq(c0, "Data Source")     ? &I->title
                                                  : NULL;
    if (keep) {   /* the preamble */
        free(*keep);
        *keep = dup_str(imp_cell(row, 1));
        return *keep ? COR_OK : COR_ENOMEM;
    }
    if (!layout_read(I, row))
        return I->fatal;
    L->entity = find_col(L, "Country Name");
    L->code = find_col(L, "Country Code");
    L->measure = find_col(L, "Indicator Code|Series Code");
    L->mname = find_col(L, "Indicator Name|Series Name");
    if (L->entity < 0 || L->code < 0 || L->measure < 0)
        return COR_OK;   /* not yet the header */
    I->have_header = 1;
    warn_unused(I, row, 1);
    return imp_open_out(I, COR_KIND_INDICATOR);
}

static enum cor_status wdi_data(struct imp *I, const struct cor_csv_row *row)
{
    struct layout *L = &I->L;
    struct str entity = imp_cell(row, L->entity), code = imp_cell(row, L->code);
    struct str measure = imp_cell(row, L->measure), name = imp_cell(row, L->mname);
    if (!entity.n && !measure.n) {
        I->st.skipped++;   /* DataBank's empty lines before its notes */
        return COR_OK;
    }
    const char *unit, *currency;
    value_unit(I, name, &unit, &currency);
    char id[512], title[700], quote[900], url[400];
    snprintf(id, sizeof id, "%s:%.*s", I->stem, (int)measure.n, measure.s);
    snprintf(title, sizeof title, "%s: %.*s", I->title ? I->title : "World Development Indicators",
             (int)name.n, name.s);
    snprintf(quote, sizeof quote, "%.*s, %.*s (file %s)", (int)measure.n, measure.s,
             (int)name.n, name.s, file_base(I->path));
    snprintf(url, sizeof url, "https://data.worldbank.org/indicator/%.*s", (int)measure.n,
             measure.s);
    const char *source = imp_source(I, id, "World Bank", title, url, I->date, quote);
    if (!source)
        return I->fatal;
    int aggregate = cor_intern_find(I->agg, code.s, code.n) != COR_SYM_ABSENT ||
                    imp_listed_aggregate(I, entity, code);
    struct str keys[3] = {entity, code, measure};
    emit_years(I, row, keys, unit, currency, aggregate ? "entity" : NULL, S(NULL), source);
    return I->fatal;
}

/* A note under a WDI table. DataBank ends its exports with "Last Updated:
 * 12/16/2024" (month/day/year): the date of the file's sources. */
static enum cor_status wdi_note(struct imp *I, const struct cor_csv_row *row)
{
    struct str c0 = imp_cell(row, 0);
    static const char tag[] = "Last Updated:";
    if (c0.n <= sizeof tag - 1 || !imp_eq((struct str){c0.s, sizeof tag - 1}, tag))
        return COR_OK;
    struct str d = {c0.s + sizeof tag - 1, c0.n - (sizeof tag - 1)};
    cor_read_trim(&d.s, &d.n);
    char text[16];
    if (d.n >= sizeof text)
        return COR_OK;
    memcpy(text, d.s, d.n);
    text[d.n] = '\0';
    int m, day, y, used = 0;
    if (sscanf(text, "%2d/%2d/%4d%n", &m, &day, &y, &used) != 3 || (size_t)used != d.n)
        return COR_OK;
    char iso[16];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, day);
    struct cor_period p;
    if (y < 1000 || cor_period_parse(iso, strlen(iso), &p) != COR_OK)
        return COR_OK;   /* not a date: left as a note */
    return imp_file_date(I, iso);
}

/* ---- Our World in Data --------------------------------------------------------- */

static enum cor_status owid_header(struct imp *I, const struct cor_csv_row *row)
{
    struct layout *L = &I->L;
    L->entity = find_col(L, "Entity|Country");
    L->code = find_col(L, "Code");
    L->period = find_col(L, "Year|Day|Date");
    if (L->entity < 0 || L->period < 0) {
        imp_diag(I, COR_SEV_ERROR, COR_D_MISSING_COLUMN, row->line, 1,
                 "not the Our World in Data layout: expected the columns Entity (or "
                 "Country), Code and Year");
        return I->fatal;
    }
    return imp_open_out(I, COR_KIND_INDICATOR);
}

static enum cor_status owid_data(struct imp *I, const struct cor_csv_row *row)
{
    struct layout *L = &I->L;
    struct str entity = imp_cell(row, L->entity), code = imp_cell(row, L->code);
    struct str year = imp_cell(row, L->period);
    if (year.n && year.s[0] == '-') {
        I->st.skipped++;   /* a year before the common era: no period for it */
        return COR_OK;
    }
    /* OWID's own codes (OWID_WRL...) and rows without a code are its regions */
    int aggregate = (L->code >= 0 && (!code.n || (code.n > 5 && memcmp(code.s, "OWID_", 5) == 0))) ||
                    imp_listed_aggregate(I, entity, code);
    for (size_t i = 0; i < L->ncols; i++) {
        long c = (long)i;
        if (c == L->entity || c == L->code || c == L->period || !L->name[i][0])
            continue;
        const char *unit, *currency;
        value_unit(I, S(L->name[i]), &unit, &currency);
        char id[512], quote[700];
        snprintf(id, sizeof id, "%s:%s", I->stem, L->name[i]);
        snprintf(quote, sizeof quote, "column '%s' of %s", L->name[i], file_base(I->path));
        char url[400];
        snprintf(url, sizeof url, "https://ourworldindata.org/grapher/%s", I->stem);
        const char *source = imp_source(I, id, "Our World in Data", L->name[i], url, NULL, quote);
        if (!source)
            return I->fatal;
        struct str keys[3] = {entity, code, S(L->name[i])};
        imp_emit(I, keys, year, imp_cell(row, c), unit, currency, aggregate ? "entity" : NULL,
                 S(NULL), NULL, source, row, c);
    }
    return I->fatal;
}

/* ---- UN Comtrade ----------------------------------------------------------------- */

/* The direction of a flow code or description: 1 import, 2 export, 0 unknown;
 * its name in the records. */
static int flow_of(struct str f, const char **name)
{
    static const struct {
        const char *code, *desc, *name;
        int dir;
    } flows[] = {{"M", "Import", "import", 1},
                 {"X", "Export", "export", 2},
                 {"RM", "Re-Import", "re-import", 1},
                 {"RX", "Re-Export", "re-export", 2},
                 {"1", "Imports", "import", 1},
                 {"2", "Exports", "export", 2}};
    for (size_t i = 0; i < sizeof flows / sizeof *flows; i++)
        if (imp_eq(f, flows[i].code) || imp_eq(f, flows[i].desc)) {
            *name = flows[i].name;
            return flows[i].dir;
        }
    return 0;
}

/* A breakdown column (second partner, mode of transport, customs procedure)
 * holds its total: empty, 0, or C00. */
static int is_total_code(struct str s)
{
    return !s.n || imp_eq(s, "0") || imp_eq(s, "C00") || imp_eq(s, "TOTAL") || imp_eq(s, "World");
}

static enum cor_status comtrade_header(struct imp *I, const struct cor_csv_row *row)
{
    struct layout *L = &I->L;
    L->period = find_col(L, "refYear|Year|Period");
    L->freq = find_col(L, "freqCode");
    L->entity = find_col(L, "period");   /* monthly: YYYYMM */
    L->reporter = find_col(L, "reporterDesc|Reporter");
    L->reporter_code = find_col(L, "reporterCode|Reporter Code");
    L->partner = find_col(L, "partnerDesc|Partner");
    L->partner_code = find_col(L, "partnerCode|Partner Code");
    L->flow = find_col(L, "flowCode|TradeFlow|Trade Flow|flowDesc");
    L->commodity = find_col(L, "cmdCode|Commodity Code");
    L->value = find_col(L, "primaryValue|TradeValueUS|Trade Value (US$)|TradeValue");
    L->netwgt = find_col(L, "netWgt|Netweightkg|Netweight (kg)");
    L->netwgt_est = find_col(L, "isNetWgtEstimated");
    L->partner2 = find_col(L, "partner2Code|2nd Partner Code");
    L->mot = find_col(L, "motCode|Mode of Transport Code");
    L->customs = find_col(L, "customsCode|Customs Proc. Code");
    if (L->period < 0 || L->reporter < 0 || L->partner < 0 || L->flow < 0 ||
        L->commodity < 0 || L->value < 0) {
        imp_diag(I, COR_SEV_ERROR, COR_D_MISSING_COLUMN, row->line, 1,
                 "not the UN Comtrade layout: expected the columns refYear (or Year), "
                 "reporterDesc (or Reporter), partnerDesc (or Partner), flowCode (or "
                 "TradeFlow), cmdCode (or Commodity Code) and primaryValue (or "
                 "TradeValueUS)");
        return I->fatal;
    }
    return imp_open_out(I, COR_KIND_TRADE);
}

static enum cor_status comtrade_data(struct imp *I, const struct cor_csv_row *row)
{
    struct layout *L = &I->L;
    if (!is_total_code(imp_cell(row, L->partner2)) || !is_total_code(imp_cell(row, L->mot)) ||
        !is_total_code(imp_cell(row, L->customs))) {
        I->st.skipped++;   /* a breakdown of a total that is also in the file */
        return COR_OK;
    }
    struct str reporter = imp_cell(row, L->reporter), partner = imp_cell(row, L->partner);
    struct str flow = imp_cell(row, L->flow);
    const char *flow_name = NULL;
    int dir = flow_of(flow, &flow_name);
    if (!dir) {
        imp_diag(I, COR_SEV_ERROR, COR_D_UNKNOWN_VALUE, row->fields[L->flow].line,
                 row->fields[L->flow].col,
                 "flow '%.*s' is neither an import nor an export (M, X, RM, RX)", (int)flow.n,
                 flow.s);
        return I->fatal;
    }
    /* monthly files: period YYYYMM */
    char month[16] = "";
    struct str period = imp_cell(row, L->period);
    struct str p = imp_cell(row, L->entity);
    if (imp_eq(imp_cell(row, L->freq), "M") && p.n == 6) {
        snprintf(month, sizeof month, "%.4s-%.2s", p.s, p.s + 4);
        period = S(month);
    }
    int partner_world = imp_eq(imp_cell(row, L->partner_code), "0") || imp_eq(partner, "World") ||
                        imp_listed_aggregate(I, partner, imp_cell(row, L->partner_code));
    int reporter_world = imp_eq(imp_cell(row, L->reporter_code), "0") ||
                         imp_eq(reporter, "World") ||
                         imp_listed_aggregate(I, reporter, imp_cell(row, L->reporter_code));
    /* an import is reported by the importer, an export by the exporter */
    struct str importer = dir == 1 ? reporter : partner, exporter = dir == 1 ? partner : reporter;
    int imp_agg = dir == 1 ? reporter_world : partner_world;
    int exp_agg = dir == 1 ? partner_world : reporter_world;
    const char *aggregate = imp_agg && exp_agg ? "importer,exporter"
                            : imp_agg          ? "importer"
                            : exp_agg          ? "exporter"
                                               : NULL;
    struct str keys[4] = {importer, exporter, imp_cell(row, L->commodity), S(flow_name)};
    long cols[2] = {L->value, L->netwgt};
    const char *what[2] = {"value", "netWgt"};
    const char *units[2] = {"1", "kg"}, *currencies[2] = {"USD", NULL};
    /* Comtrade states when it estimated a net weight (isNetWgtEstimated): an
     * estimate is kept with status estimate, but an estimated 0, as it gives
     * for commodity totals (TOTAL) whose weight it does not add up, is no
     * figure, never a measured 0 kg */
    int wgt_estimated = imp_eq(imp_cell(row, L->netwgt_est), "true") ||
                        imp_eq(imp_cell(row, L->netwgt_est), "1");
    for (int k = 0; k < 2; k++) {
        if (cols[k] < 0)
            continue;
        struct str cell = imp_cell(row, cols[k]);
        double v;
        /* a missing trade value is a record without a figure (the flow is listed);
         * a missing net weight is left out and counted: many reporters state
         * none, and a file may have no weights at all */
        if (k == 1 && (imp_is_na(I, cell) ||
                       (wgt_estimated &&
                        cor_read_number(&I->o->read, cell.s, cell.n, &v, NULL) == COR_OK &&
                        v == 0))) {
            I->st.missing++;
            continue;
        }
        char id[512], quote[700];
        snprintf(id, sizeof id, "%s:%s", I->stem, what[k]);
        snprintf(quote, sizeof quote, "column '%s' of %s", I->L.name[cols[k]],
                 file_base(I->path));
        const char *source = imp_source(I, id, "United Nations Statistics Division",
                                        "UN Comtrade Database", "https://comtradeplus.un.org/",
                                        NULL, quote);
        if (!source)
            return I->fatal;
        imp_emit(I, keys, period, cell, units[k], currencies[k], aggregate, S(NULL),
                 k == 1 && wgt_estimated ? "estimate" : NULL, source, row, cols[k]);
    }
    return I->fatal;
}

/* ---- SIPRI ----------------------------------------------------------------------- */

/* The unit and price basis a sheet's title states, or a finding. */
static int sipri_title(struct imp *I, const struct cor_csv_row *row)
{
    char t[512];
    snprintf(t, sizeof t, "%s", I->title ? I->title : "");
    for (char *p = t; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    if (strstr(t, "percentage") || strstr(t, "share") || strstr(t, "per capita") ||
        strstr(t, "local currency")) {
        imp_diag(I, COR_SEV_ERROR, COR_D_UNKNOWN_UNIT, row->line, 1,
                 "this SIPRI sheet ('%s') is not in US$, and the sipri format reads the sheets "
                 "in US$: import it with 'corridor import wide --entity Country --unit UNIT "
                 "--publisher SIPRI --na \". .,xxx,...\"' (--unit fraction for a share of GDP)",
                 I->title);
        return 0;
    }
    if (!strstr(t, "us$") && !strstr(t, "us dollar")) {
        imp_diag(I, COR_SEV_ERROR, COR_D_UNKNOWN_UNIT, row->line, 1,
                 "cannot tell the unit from the sheet's title%s%s%s: expected 'US$ m.' or "
                 "'millions of US$'",
                 I->title ? " ('" : "", I->title ? I->title : "", I->title ? "')" : "");
        return 0;
    }
    I->unit_name = strstr(t, "billion") ? "billion" : "million";
    I->price_basis = strstr(t, "constant") ? "constant" : "current";
    return 1;
}

static enum cor_status sipri_header(struct imp *I, const struct cor_csv_row *row)
{
    struct layout *L = &I->L;
    struct str c0 = imp_cell(row, 0);
    if (!imp_eq(c0, "Country")) {
        if (!I->title && c0.n) {   /* the first line is the sheet's title */
            I->title = dup_str(c0);
            if (!I->title)
                return COR_ENOMEM;
        }
        return COR_OK;
    }
    if (!layout_read(I, row))
        return I->fatal;
    I->have_header = 1;
    L->entity = 0;
    L->notes = find_col(L, "Notes");
    if (!sipri_title(I, row))
        return I->fatal;
    warn_unused(I, row, 1);
    return imp_open_out(I, COR_KIND_BUDGET);
}

static enum cor_status sipri_data(struct imp *I, const struct cor_csv_row *row)
{
    struct layout *L = &I->L;
    struct str country = imp_cell(row, L->entity);
    int values = 0;
    for (size_t i = 0; i < L->ncols; i++)
        values += L->year[i] && imp_cell(row, (long)i).n;
    if (!country.n || !values) {
        I->st.skipped++;   /* a region heading, an empty line or a note */
        return COR_OK;
    }
    char id[512], title[700], quote[900];
    snprintf(id, sizeof id, "%s:milex", I->stem);
    snprintf(title, sizeof title, "SIPRI Military Expenditure Database: %s", I->title);
    snprintf(quote, sizeof quote, "%s (file %s)", I->title, file_base(I->path));
    const char *source = imp_source(I, id, "Stockholm International Peace Research Institute",
                                    title, "https://www.sipri.org/databases/milex", NULL, quote);
    if (!source)
        return I->fatal;
    const char *unit = I->o->unit ? I->o->unit : I->unit_name;
    const char *currency = I->o->unit ? I->o->currency : "USD";
    struct str keys[3] = {country, S("sipri"), S(I->price_basis)};
    emit_years(I, row, keys, unit, currency,
               imp_listed_aggregate(I, country, S(NULL)) ? "country" : NULL,
               imp_cell(row, L->notes), source);
    return I->fatal;
}

/* ---- any long or wide table -------------------------------------------------------- */

/* The measure of a row: --measure-col's cell, --measure, or a default. */
static struct str row_measure(const struct imp *I, const struct cor_csv_row *row, const char *deflt)
{
    if (I->L.measure >= 0)
        return imp_cell(row, I->L.measure);
    return S(I->o->measure ? I->o->measure : deflt);
}

static const char *table_source(struct imp *I, struct str measure, const char *column)
{
    char id[512], quote[700];
    snprintf(id, sizeof id, "%s:%.*s", I->stem, (int)measure.n, measure.s);
    snprintf(quote, sizeof quote, "%s%s%s%.*s in %s", column ? "column '" : "",
             column ? column : "", column ? "', " : "", (int)measure.n, measure.s,
             file_base(I->path));
    return imp_source(I, id, I->o->publisher ? I->o->publisher : "?", file_base(I->path),
                      I->o->url, NULL, quote);
}

static enum cor_status long_header(struct imp *I, const struct cor_csv_row *row)
{
    struct layout *L = &I->L;
    const struct cor_import_opts *o = I->o;
    L->entity = option_col(I, row, "entity", o->entity);
    L->period = option_col(I, row, "period", o->period);
    L->value = option_col(I, row, "value", o->value);
    if (o->code)
        L->code = option_col(I, row, "code", o->code);
    if (o->measure_col)
        L->measure = option_col(I, row, "measure-col", o->measure_col);
    if (L->entity < 0 || L->period < 0 || L->value < 0 || (o->code && L->code < 0) ||
        (o->measure_col && L->measure < 0))
        return I->fatal;
    warn_unused(I, row, 0);
    return imp_open_out(I, COR_KIND_INDICATOR);
}

static enum cor_status long_data(struct imp *I, const struct cor_csv_row *row)
{
    struct layout *L = &I->L;
    struct str entity = imp_cell(row, L->entity), code = imp_cell(row, L->code);
    struct str measure = row_measure(I, row, L->name[L->value]);
    const char *source = table_source(I, measure, L->name[L->value]);
    if (!source)
        return I->fatal;
    const char *unit, *currency;
    value_unit(I, S(L->name[L->value]), &unit, &currency);
    struct str keys[3] = {entity, code, measure};
    imp_emit(I, keys, imp_cell(row, L->period), imp_cell(row, L->value), unit, currency,
             imp_listed_aggregate(I, entity, code) ? "entity" : NULL, S(NULL), NULL, source,
             row, L->value);
    return I->fatal;
}

static enum cor_status wide_header(struct imp *I, const struct cor_csv_row *row)
{
    struct layout *L = &I->L;
    const struct cor_import_opts *o = I->o;
    /* the header is the first row with year columns: a title and notes above
     * it (as SIPRI's sheets have) are skipped */
    char hint[200];
    if (row->index == 1 && row->nfields == 1 &&
        cor_read_delimiter_hint(&o->read, row->fields[0].text, row->fields[0].len, hint,
                                sizeof hint) &&
        !(I->hint = strdup(hint)))
        return I->fatal = COR_ENOMEM;
    int years = 0;
    for (size_t i = 0; i < row->nfields; i++)
        years += imp_year_of(imp_cell(row, (long)i)) != 0;
    if (!years) {
        I->st.skipped++;
        return COR_OK;
    }
    free(I->hint);
    I->hint = NULL;
    if (!layout_read(I, row))
        return I->fatal;
    I->have_header = 1;
    L->entity = o->entity ? option_col(I, row, "entity", o->entity) : 0;
    if (o->code)
        L->code = option_col(I, row, "code", o->code);
    if (o->measure_col)
        L->measure = option_col(I, row, "measure-col", o->measure_col);
    if (L->entity < 0 || (o->code && L->code < 0) || (o->measure_col && L->measure < 0))
        return I->fatal;
    years = 0;
    for (size_t i = 0; i < L->ncols; i++)
        years += L->year[i] != 0 && (long)i != L->entity;
    if (!years) {
        imp_diag(I, COR_SEV_ERROR, COR_D_MISSING_COLUMN, row->line, 1,
                 "no year columns (2000, 2000.0 or 2000 [YR2000]) in the header");
        return I->fatal;
    }
    warn_unused(I, row, 1);
    return imp_open_out(I, COR_KIND_INDICATOR);
}

static enum cor_status wide_data(struct imp *I, const struct cor_csv_row *row)
{
    struct layout *L = &I->L;
    const struct cor_import_opts *o = I->o;
    struct str entity = imp_cell(row, L->entity), code = imp_cell(row, L->code);
    int cells = 0;
    for (size_t i = 0; i < L->ncols; i++)
        cells += L->year[i] && (long)i != L->entity && imp_cell(row, (long)i).n;
    if (!entity.n || !cells) {
        I->st.skipped++;   /* a heading (a region) or a note under the table */
        return COR_OK;
    }
    struct str measure = row_measure(I, row, I->stem);
    const char *source = table_source(I, measure, NULL);
    if (!source)
        return I->fatal;
    const char *unit = o->unit ? o->unit : "number", *currency = o->unit ? o->currency : NULL;
    struct str keys[3] = {entity, code, measure};
    emit_years(I, row, keys, unit, currency,
               imp_listed_aggregate(I, entity, code) ? "entity" : NULL, S(NULL), source);
    return I->fatal;
}

/* ---- every layout ---------------------------------------------------------- */

static const struct {
    enum cor_status (*header)(struct imp *I, const struct cor_csv_row *row);
    enum cor_status (*data)(struct imp *I, const struct cor_csv_row *row);
    enum cor_status (*note)(struct imp *I, const struct cor_csv_row *row); /* or NULL */
    int preamble;   /* lines before the header: the format finds its header itself */
} layouts[COR_IMPORT_COUNT] = {
    [COR_IMPORT_WDI] = {wdi_header, wdi_data, wdi_note, 1},
    [COR_IMPORT_OWID] = {owid_header, owid_data, NULL, 0},
    [COR_IMPORT_COMTRADE] = {comtrade_header, comtrade_data, NULL, 0},
    [COR_IMPORT_SIPRI] = {sipri_header, sipri_data, NULL, 1},
    [COR_IMPORT_LONG] = {long_header, long_data, NULL, 0},
    [COR_IMPORT_WIDE] = {wide_header, wide_data, NULL, 1},
};

enum cor_status imp_row(const struct cor_csv_row *row, void *user)
{
    struct imp *I = user;
    if (I->stopped)
        return COR_OK;
    if (I->metadata_file)
        return wdi_metadata_row(I, row);
    const enum cor_import_format f = I->o->format;
    if (!I->have_header) {
        if (!layouts[f].preamble) {
            if (!layout_read(I, row))
                return I->fatal;
            I->have_header = 1;
        }
        /* a header that is not the layout's stops the file at that one finding:
         * its rows cannot be read */
        size_t errors = I->diags->errors;
        enum cor_status st = layouts[f].header(I, row);
        if (I->diags->errors > errors)
            I->stopped = 1;
        return st;
    }
    if (!row_fits(I, row))
        return layouts[f].note && row->nfields <= 2 ? layouts[f].note(I, row) : I->fatal;
    return layouts[f].data(I, row);
}
