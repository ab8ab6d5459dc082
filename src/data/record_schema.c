/* Schema tables: which CSV columns fill which record fields. */
#include "corridor/record.h"

#include <string.h>

#include "record_internal.h"

#define OBS(field) offsetof(struct cor_obs, field)

/* The columns every observation kind shares, behind its own key columns.
 * VALUE/ALIAS name the number column; UNITF/UNITD and CURF/CURD give the
 * unit and currency columns' flags and defaults. */
#define OBS_COLUMNS(VALUE, ALIAS, UNITF, UNITD, CURF, CURD)                                    \
    {"period", "year", COR_COL_PERIOD, COR_COL_REQUIRED | COR_COL_NONEMPTY, OBS(period), 0,   \
     NULL, NULL, "period covered (2024, 2024-Q1, 2024-H1, 2025-9M, 2024-01, 2025-01-31, "      \
     "2022..2026, undated)"},                                                                  \
    {VALUE, ALIAS, COR_COL_NUMBER, COR_COL_REQUIRED, OBS(value), OBS(decimals), NULL, NULL,    \
     "the published number, as printed (empty when qualifier is range)"},                      \
    {"lo", NULL, COR_COL_NUMBER, 0, OBS(lo), 0, NULL, NULL,                                    \
     "lower bound, only with qualifier range"},                                                \
    {"hi", NULL, COR_COL_NUMBER, 0, OBS(hi), 0, NULL, NULL,                                    \
     "upper bound, only with qualifier range"},                                                \
    {"unit", NULL, COR_COL_UNIT, UNITF, OBS(unit), 0, NULL, UNITD,                             \
     "unit of the number (see Units)"},                                                        \
    {"currency", NULL, COR_COL_CURRENCY, CURF, OBS(currency), 0, NULL, CURD,                   \
     "ISO 4217 code for money amounts; the unit is then a scale (1, thousand, million, "       \
     "billion)"},                                                                              \
    {"qualifier", NULL, COR_COL_QUALIFIER, 0, OBS(qualifier), 0, NULL, "exact",                \
     "how exact the printed figure is (see Qualifiers)"},                                      \
    {"status", NULL, COR_COL_STATUS, 0, OBS(status), 0, NULL, "actual",                        \
     "actual, estimate, projected, planned or claim"},                                         \
    {"source", NULL, COR_COL_TEXT, COR_COL_REQUIRED | COR_COL_NONEMPTY | COR_COL_SOURCEREF,    \
     OBS(source), OBS(origin.source_col), NULL, NULL,                                          \
     "id of the row in a sources table that states this figure"},                              \
    {"note", NULL, COR_COL_TEXT, 0, OBS(note), 0, NULL, NULL, "free text (how a figure was read)"}, \
    {"aggregate", NULL, COR_COL_TEXT, 0, OBS(aggregate), 0, NULL, NULL,                        \
     "the key column (or columns, comma-separated) whose value in this row is a total over "   \
     "other rows: World, a region, an income group (`entity` for a WDI region, `exporter` for " \
     "a Comtrade partner World). Shares and HHI by that column leave the row out unless "      \
     "asked"}

#define REQ (COR_COL_REQUIRED | COR_COL_NONEMPTY)

static const char *const flows[] = {"total", "import", "export", "transit", NULL};
static const char *const pipeline_commodities[] = {"crude", "gas", "condensate", "products", NULL};
static const char *const budget_bases[] = {"plan", "allocation", "executed", "sipri", NULL};
static const char *const price_bases[] = {"current", "constant", NULL};

static const struct cor_column port_cols[] = {
    {"port", NULL, COR_COL_TEXT, REQ | COR_COL_KEY, offsetof(struct cor_port_record, port), 0,
     NULL, NULL, "port name"},
    {"flow", NULL, COR_COL_WORD, COR_COL_KEY, offsetof(struct cor_port_record, flow), 0, flows,
     "total", "direction of the cargo"},
    {"origin", NULL, COR_COL_TEXT, COR_COL_KEY, offsetof(struct cor_port_record, origin), 0,
     NULL, NULL, "country the cargo comes from (empty: all origins)"},
    OBS_COLUMNS("value", NULL, REQ, NULL, 0, NULL),
};

static const struct cor_column pipeline_cols[] = {
    {"pipeline", NULL, COR_COL_TEXT, REQ | COR_COL_KEY,
     offsetof(struct cor_pipeline_record, pipeline), 0, NULL, NULL, "pipeline name"},
    {"commodity", NULL, COR_COL_WORD, REQ | COR_COL_KEY,
     offsetof(struct cor_pipeline_record, commodity), 0, pipeline_commodities, NULL,
     "what flows"},
    {"destination", NULL, COR_COL_TEXT, COR_COL_KEY,
     offsetof(struct cor_pipeline_record, destination), 0, NULL, NULL,
     "where the flow goes (empty: all)"},
    OBS_COLUMNS("value", NULL, REQ, NULL, 0, NULL),
};

static const struct cor_column trade_cols[] = {
    {"importer", "reporter", COR_COL_TEXT, REQ | COR_COL_KEY,
     offsetof(struct cor_trade_record, importer), 0, NULL, NULL, "importing country"},
    {"exporter", "partner", COR_COL_TEXT, REQ | COR_COL_KEY,
     offsetof(struct cor_trade_record, exporter), 0, NULL, NULL, "supplying country"},
    {"commodity", NULL, COR_COL_TEXT, REQ | COR_COL_KEY,
     offsetof(struct cor_trade_record, commodity), 0, NULL, NULL,
     "commodity name or HS code (2709 = crude oil)"},
    {"flow", NULL, COR_COL_TEXT, COR_COL_KEY, offsetof(struct cor_trade_record, flow), 0, NULL,
     NULL,
     "who reported the figure: import (the importer's customs), export (the exporter's), "
     "re-import, re-export; empty when not said. Mirror figures differ: choose one with "
     "--where flow=..."},
    OBS_COLUMNS("value", NULL, COR_COL_ABSENT_DEFAULT, "1", COR_COL_ABSENT_DEFAULT, "USD"),
};

static const struct cor_column budget_cols[] = {
    {"country", NULL, COR_COL_TEXT, REQ | COR_COL_KEY,
     offsetof(struct cor_budget_record, country), 0, NULL, NULL, "country"},
    {"basis", NULL, COR_COL_WORD, REQ | COR_COL_KEY, offsetof(struct cor_budget_record, basis),
     0, budget_bases, NULL,
     "plan = budget law or draft, allocation = funds allocated, executed = spent, "
     "sipri = SIPRI military expenditure"},
    {"price_basis", NULL, COR_COL_WORD, COR_COL_KEY,
     offsetof(struct cor_budget_record, price_basis), 0, price_bases, "current",
     "prices of each year (current) or of a base year (constant)"},
    {"vintage", NULL, COR_COL_TEXT, COR_COL_KEY, offsetof(struct cor_budget_record, vintage), 0,
     NULL, NULL, "which version of the budget (initial, revised, draft...); empty if one"},
    OBS_COLUMNS("value", NULL, REQ, NULL, REQ, NULL),
};

static const struct cor_column deal_cols[] = {
    {"asset", NULL, COR_COL_TEXT, REQ | COR_COL_KEY, offsetof(struct cor_deal_record, asset), 0,
     NULL, NULL, "what was bought"},
    {"buyer", NULL, COR_COL_TEXT, REQ | COR_COL_KEY, offsetof(struct cor_deal_record, buyer), 0,
     NULL, NULL, "who bought it"},
    {"seller", NULL, COR_COL_TEXT, COR_COL_KEY, offsetof(struct cor_deal_record, seller), 0,
     NULL, NULL, "who sold it"},
    {"stake", NULL, COR_COL_NUMBER, REQ, offsetof(struct cor_deal_record, stake),
     offsetof(struct cor_deal_record, stake_decimals), NULL, NULL,
     "share of the asset bought, as a fraction in (0, 1]"},
    {"stake_source", NULL, COR_COL_TEXT, COR_COL_SOURCEREF,
     offsetof(struct cor_deal_record, stake_source),
     offsetof(struct cor_deal_record, stake_source_col), NULL, NULL,
     "source stating the stake, when it is not the price's source"},
    OBS_COLUMNS("price", "value", REQ, NULL, REQ, NULL),
};

static const struct cor_column indicator_cols[] = {
    {"entity", NULL, COR_COL_TEXT, REQ | COR_COL_KEY,
     offsetof(struct cor_indicator_record, entity), 0, NULL, NULL,
     "what the figure is about (country, asset, region)"},
    {"measure", NULL, COR_COL_TEXT, REQ | COR_COL_KEY,
     offsetof(struct cor_indicator_record, measure), 0, NULL, NULL,
     "what is measured (snake_case name, or the publisher's indicator code)"},
    {"code", NULL, COR_COL_TEXT, 0, offsetof(struct cor_indicator_record, code), 0, NULL, NULL,
     "the entity's code at its publisher (ISO 3166 alpha-3, WDI or OWID code)"},
    OBS_COLUMNS("value", NULL, REQ, NULL, 0, NULL),
};

static const struct cor_column source_cols[] = {
    {"id", NULL, COR_COL_TEXT, REQ, offsetof(struct cor_source_record, id),
     offsetof(struct cor_source_record, origin.source_col), NULL, NULL,
     "unique id, cited by the source column of data rows"},
    {"publisher", NULL, COR_COL_TEXT, REQ, offsetof(struct cor_source_record, publisher), 0,
     NULL, NULL, "who published it"},
    {"title", NULL, COR_COL_TEXT, COR_COL_REQUIRED, offsetof(struct cor_source_record, title), 0,
     NULL, NULL, "title of the page or article"},
    {"url", NULL, COR_COL_TEXT, 0, offsetof(struct cor_source_record, url), 0, NULL, NULL,
     "address of the page"},
    {"date", NULL, COR_COL_PERIOD, 0, offsetof(struct cor_source_record, date), 0, NULL, NULL,
     "publication date (empty when the page shows none)"},
    {"retrieved", NULL, COR_COL_PERIOD, 0, offsetof(struct cor_source_record, retrieved), 0, NULL,
     NULL, "when a bulk file was downloaded (empty when not said)"},
    {"quote", NULL, COR_COL_TEXT, REQ, offsetof(struct cor_source_record, quote), 0, NULL, NULL,
     "the exact words that state the figure"},
    {"article", NULL, COR_COL_TEXT, 0, offsetof(struct cor_source_record, article), 0, NULL,
     NULL, "the article file in seeds/ when the figure is one of the articles' own"},
    {"note", NULL, COR_COL_TEXT, 0, offsetof(struct cor_source_record, note), 0, NULL, NULL,
     "free text"},
};

static const struct cor_column fx_cols[] = {
    {"from", NULL, COR_COL_CODE, REQ | COR_COL_KEY, offsetof(struct cor_fx_record, from), 0,
     NULL, NULL, "ISO 4217 code of the currency priced"},
    {"to", NULL, COR_COL_CODE, REQ | COR_COL_KEY, offsetof(struct cor_fx_record, to), 0, NULL,
     NULL, "ISO 4217 code of the currency it is priced in"},
    OBS_COLUMNS("rate", "value", 0, "ratio", 0, NULL),
};

static const struct cor_column deflator_cols[] = {
    {"country", NULL, COR_COL_TEXT, REQ | COR_COL_KEY,
     offsetof(struct cor_deflator_record, country), 0, NULL, NULL, "country"},
    {"base_period", NULL, COR_COL_PERIOD, REQ, offsetof(struct cor_deflator_record, base), 0,
     NULL, NULL, "period in which the index is 100"},
    OBS_COLUMNS("index", "value", 0, "ratio", 0, NULL),
};

#define CLM(field) offsetof(struct cor_claim_record, field)
static const struct cor_column claim_cols[] = {
    {"id", NULL, COR_COL_TEXT, REQ, CLM(id), CLM(origin.source_col), NULL, NULL,
     "claim id; several rows with one id are several pieces of evidence for one claim"},
    {"article", NULL, COR_COL_TEXT, COR_COL_SOURCEREF, CLM(article), 0, NULL, NULL,
     "id of the article (in a sources table) that makes the claim"},
    {"quote", NULL, COR_COL_TEXT, 0, CLM(quote), 0, NULL, NULL,
     "the claim's exact words (on the claim's first row)"},
    {"metric", NULL, COR_COL_WORD, REQ, CLM(metric), 0, cor_claim_metric_names, NULL,
     "what the words claim (the README's Claims section gives each metric's formula); skip: "
     "a statement left unchecked on purpose, the reason in note (kind, claim_qualifier and "
     "claim_unit may then be empty)"},
    {"kind", NULL, COR_COL_TEXT, COR_COL_REQUIRED, CLM(kind), 0, NULL, NULL,
     "record kind of the data (required unless metric is skip)"},
    {"entity", NULL, COR_COL_TEXT, 0, CLM(entity), 0, NULL, NULL, "the entity (as --entity)"},
    {"where", NULL, COR_COL_TEXT, 0, CLM(where), 0, NULL, NULL,
     "conditions COL=VALUE separated by ';' (as --where)"},
    {"period", NULL, COR_COL_PERIOD, 0, CLM(period), 0, NULL, NULL,
     "the period the claim is about (empty: every figure selected); A..B for the metrics "
     "that compare two periods (A the base)"},
    {"unit", NULL, COR_COL_UNIT, 0, CLM(unit), 0, NULL, NULL, "express the data in this unit"},
    {"currency", NULL, COR_COL_CURRENCY, 0, CLM(currency), 0, NULL, NULL,
     "express money in this currency"},
    {"status", NULL, COR_COL_TEXT, 0, CLM(status), 0, NULL, NULL,
     "keep these statuses (comma-separated)"},
    {"by", NULL, COR_COL_TEXT, 0, CLM(by), 0, NULL, NULL, "share: the column naming the parts"},
    {"part", NULL, COR_COL_TEXT, 0, CLM(part), 0, NULL, NULL, "share: the part (a value of `by`)"},
    {"total", NULL, COR_COL_TEXT, 0, CLM(total), 0, NULL, NULL,
     "share: the part that is the total (empty: the sum of the parts)"},
    {"claim_qualifier", NULL, COR_COL_QUALIFIER, COR_COL_REQUIRED, CLM(claim_qualifier), 0, NULL,
     NULL,
     "how the words qualify the number: exact, about, nearly, more_than, at_least, range... "
     "(required unless metric is skip)"},
    {"claim_value", NULL, COR_COL_NUMBER, 0, CLM(claim_value), CLM(claim_decimals), NULL, NULL,
     "the number the words state (one-third: 0.3333333333333333; a fall: negative)"},
    {"claim_lo", NULL, COR_COL_NUMBER, 0, CLM(claim_lo), 0, NULL, NULL, "range: lower bound"},
    {"claim_hi", NULL, COR_COL_NUMBER, 0, CLM(claim_hi), 0, NULL, NULL, "range: upper bound"},
    {"claim_unit", NULL, COR_COL_UNIT, COR_COL_REQUIRED, CLM(claim_unit), 0, NULL, NULL,
     "unit of the claimed number: % or fraction for rates and shares, x for multiples, pp "
     "for pp_change, empty for rank, else a data unit"},
    {"tolerance", NULL, COR_COL_NUMBER, 0, CLM(tolerance), 0, NULL, NULL,
     "expected values only: relative tolerance; the row passes when the computed value is "
     "within it"},
    {"note", NULL, COR_COL_TEXT, 0, CLM(note), 0, NULL, NULL,
     "free text; for metric skip, the reason (required)"},
};

#define COLS(a) a, sizeof a / sizeof *a
#define DIMS(x) (1u << (x))

static const struct cor_schema schemas[COR_KIND_COUNT] = {
    [COR_KIND_PORT] = {COR_KIND_PORT, "port", "port throughput", "port",
                       sizeof(struct cor_port_record), 1, COLS(port_cols),
                       "port,period,flow,origin,value,unit,qualifier,status,source",
                       "Port of Baku,2024,total,,76775,TEU,exact,actual,seanews-2025-teu-2024"},
    [COR_KIND_PIPELINE] = {COR_KIND_PIPELINE, "pipeline", "pipeline flow", "pipeline",
                           sizeof(struct cor_pipeline_record), 1, COLS(pipeline_cols),
                           "pipeline,period,commodity,value,unit,source",
                           "BTC,2017,crude,33.76,Mt,azernews-126807-2017"},
    [COR_KIND_TRADE] = {COR_KIND_TRADE, "trade", "trade flow", "importer reporter",
                        sizeof(struct cor_trade_record), 1, COLS(trade_cols),
                        "importer,exporter,commodity,period,value,unit,currency,source",
                        "Israel,Azerbaijan,crude oil,2023-11M,2.245,Mt,,isranomics-2023"},
    [COR_KIND_BUDGET] = {COR_KIND_BUDGET, "budget", "defence budget", "basis",
                         sizeof(struct cor_budget_record), 1, COLS(budget_cols),
                         "country,period,basis,value,unit,currency,status,source",
                         "Azerbaijan,2026,plan,8714.8,million,AZN,planned,bakuws-2026"},
    [COR_KIND_DEAL] = {COR_KIND_DEAL, "deal", "asset deal", "asset",
                       sizeof(struct cor_deal_record), 1, COLS(deal_cols),
                       "asset,buyer,seller,stake,period,price,unit,currency,qualifier,source",
                       "Tamar gas field,SOCAR,Union Energy,0.10,2025,1,billion,USD,approx,anews-480686"},
    [COR_KIND_INDICATOR] = {COR_KIND_INDICATOR, "indicator", "published statistic", "measure",
                            sizeof(struct cor_indicator_record), 1, COLS(indicator_cols),
                            "entity,measure,period,value,unit,qualifier,status,source",
                            "Iran,azerbaijani_share_population,2014,16,%,exact,estimate,worldofcultures-iran"},
    [COR_KIND_SOURCE] = {COR_KIND_SOURCE, "sources", "sources table", "publisher",
                         sizeof(struct cor_source_record), 0, COLS(source_cols),
                         "id,publisher,title,url,date,quote",
                         "trend-4131496,trend.az,,https://www.trend.az/business/4131496.html,"
                         "2025-12-18,\"annual container throughput surpassing 100,000 TEU for "
                         "the first time\""},
    [COR_KIND_FX] = {COR_KIND_FX, "fx", "exchange rates", "rate", sizeof(struct cor_fx_record),
                     1, COLS(fx_cols), "from,to,period,rate,qualifier,status,source",
                     "USD,AZN,2023,1.7097,approx,estimate,azernews-199536"},
    [COR_KIND_DEFLATOR] = {COR_KIND_DEFLATOR, "deflator", "deflators / GDP", "base_period",
                           sizeof(struct cor_deflator_record), 1, COLS(deflator_cols),
                           "country,period,base_period,index,source",
                           "Testland,2024,2020,110,my-source (illustrative: no deflator is bundled)"},
    [COR_KIND_CLAIM] = {COR_KIND_CLAIM, "claims", "claims and expected values", "claim_qualifier",
                        sizeof(struct cor_claim_record), 0, COLS(claim_cols),
                        "id,article,quote,metric,kind,entity,where,unit,period,claim_qualifier,"
                        "claim_value,claim_unit",
                        "C1,medialine-001,\"rose by more than one-third in 2025\",growth,port,"
                        "Port of Baku,origin=,TEU,2025,more_than,0.3333333333333333,fraction"},
};

/* Unit dimensions each kind accepts. */
static const unsigned kind_dims[COR_KIND_COUNT] = {
    [COR_KIND_PORT] = DIMS(COR_DIM_CONTAINERS) | DIMS(COR_DIM_MASS) | DIMS(COR_DIM_BOXES) |
                      DIMS(COR_DIM_TRAINS),
    [COR_KIND_PIPELINE] = DIMS(COR_DIM_MASS) | DIMS(COR_DIM_OIL_VOLUME) |
                          DIMS(COR_DIM_OIL_RATE) | DIMS(COR_DIM_GAS_VOLUME) |
                          DIMS(COR_DIM_GAS_RATE),
    [COR_KIND_TRADE] = DIMS(COR_DIM_MONEY) | DIMS(COR_DIM_MASS) | DIMS(COR_DIM_OIL_VOLUME) |
                       DIMS(COR_DIM_OIL_RATE) | DIMS(COR_DIM_GAS_VOLUME) | DIMS(COR_DIM_SHARE),
    [COR_KIND_BUDGET] = DIMS(COR_DIM_MONEY),
    [COR_KIND_DEAL] = DIMS(COR_DIM_MONEY),
    [COR_KIND_INDICATOR] = ~0u,
    [COR_KIND_SOURCE] = 0,
    [COR_KIND_FX] = DIMS(COR_DIM_RATIO),
    [COR_KIND_DEFLATOR] = DIMS(COR_DIM_RATIO),
    [COR_KIND_CLAIM] = 0,
};

const struct cor_schema *cor_schema_get(enum cor_kind kind)
{
    return (unsigned)kind < COR_KIND_COUNT ? &schemas[kind] : NULL;
}

const struct cor_origin *cor_record_origin(enum cor_kind kind, const void *rec)
{
    if (kind == COR_KIND_SOURCE)
        return &((const struct cor_source_record *)rec)->origin;
    if (kind == COR_KIND_CLAIM)
        return &((const struct cor_claim_record *)rec)->origin;
    return &((const struct cor_obs *)rec)->origin;
}

struct cor_record_ref cor_record_ref_make(enum cor_kind kind, const void *rec)
{
    struct cor_record_ref r = {COR_KIND_COUNT, NULL, NULL, {NULL}};
    if (!rec || (unsigned)kind >= COR_KIND_COUNT)
        return r;
    r.kind = kind;
    r.origin = cor_record_origin(kind, rec);
    if (kind != COR_KIND_SOURCE && kind != COR_KIND_CLAIM)
        r.obs = rec;   /* every observation struct starts with its struct cor_obs */
    switch (kind) {
    case COR_KIND_PORT: r.port = rec; break;
    case COR_KIND_PIPELINE: r.pipeline = rec; break;
    case COR_KIND_TRADE: r.trade = rec; break;
    case COR_KIND_BUDGET: r.budget = rec; break;
    case COR_KIND_DEAL: r.deal = rec; break;
    case COR_KIND_INDICATOR: r.indicator = rec; break;
    case COR_KIND_SOURCE: r.source = rec; break;
    case COR_KIND_FX: r.fx = rec; break;
    case COR_KIND_DEFLATOR: r.deflator = rec; break;
    case COR_KIND_CLAIM: r.claim = rec; break;
    case COR_KIND_COUNT: break;
    }
    return r;
}

struct cor_record_ref cor_record_of_obs(enum cor_kind kind, const struct cor_obs *o)
{
    if (kind == COR_KIND_SOURCE || kind == COR_KIND_CLAIM)
        return cor_record_ref_make(COR_KIND_COUNT, NULL);
    return cor_record_ref_make(kind, o);
}

const struct cor_schema *cor_schema_lookup(const char *s, size_t len)
{
    for (int k = 0; k < COR_KIND_COUNT; k++)
        if (cor_word_eq(s, len, schemas[k].name))
            return &schemas[k];
    return NULL;
}

static int column_named(const struct cor_column *c, const char *s, size_t len)
{
    return cor_word_eq(s, len, c->name) || (c->alias && cor_word_eq(s, len, c->alias));
}

const struct cor_column *cor_schema_column(const struct cor_schema *sc, const char *s, size_t len)
{
    for (size_t i = 0; i < sc->ncols; i++)
        if (column_named(&sc->cols[i], s, len))
            return &sc->cols[i];
    return NULL;
}

const struct cor_schema *cor_schema_detect(const char *const *header, size_t n)
{
    /* the first kind, in table order, one of whose signature words is a column */
    for (int k = 0; k < COR_KIND_COUNT; k++) {
        const char *w = schemas[k].signature;
        while (*w) {
            size_t wlen = strcspn(w, " ");
            for (size_t i = 0; i < n; i++)
                if (strlen(header[i]) == wlen && cor_word_eq(w, wlen, header[i]))
                    return &schemas[k];
            w += wlen;
            w += strspn(w, " ");
        }
    }
    return NULL;
}

int cor_schema_accepts_dim(enum cor_kind kind, enum cor_dim dim)
{
    return (unsigned)kind < COR_KIND_COUNT && (kind_dims[kind] & DIMS(dim)) != 0;
}
