/* The grammar as tables: every word the extractor understands, and what it
 * means. Included once, by grammar.c. Phrases are lower-case words separated
 * by spaces; "-" stands for a dash, "/" for a slash, "%" for the percent
 * sign, "." for a full stop. */
#ifndef CORRIDOR_GRAMMAR_TABLES_H
#define CORRIDOR_GRAMMAR_TABLES_H

#include "corridor/names.h"

struct numword {
    const char *w;
    double v;
};

/* Cardinal numbers in words ("twenty-five" is twenty, a dash, five). */
static const struct numword cardinals[] = {
    {"zero", 0},      {"one", 1},        {"two", 2},        {"three", 3},     {"four", 4},
    {"five", 5},      {"six", 6},        {"seven", 7},      {"eight", 8},     {"nine", 9},
    {"ten", 10},      {"eleven", 11},    {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14},
    {"fifteen", 15},  {"sixteen", 16},   {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
    {"twenty", 20},   {"thirty", 30},    {"forty", 40},     {"fifty", 50},    {"sixty", 60},
    {"seventy", 70},  {"eighty", 80},    {"ninety", 90},
};

/* Scale words after a number: "1.5 billion", "$900 million", "5bn". */
static const struct numword scales[] = {
    {"hundred", 1e2}, {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9},
    {"trillion", 1e12}, {"mn", 1e6},     {"mln", 1e6},     {"bn", 1e9},
    {"tn", 1e12},     {"trn", 1e12},
};

/* Scale letters written against the number: "$5m", "3k", "$2.5b". */
static const struct numword glued_scales[] = {
    {"k", 1e3}, {"m", 1e6}, {"mn", 1e6}, {"b", 1e9}, {"bn", 1e9}, {"tn", 1e12},
};

/* Fractions in words: numerator (one, a, two...) then the denominator word. */
static const struct numword fractions[] = {
    {"half", 2},   {"halves", 2}, {"third", 3},  {"thirds", 3},  {"quarter", 4},
    {"quarters", 4}, {"fifth", 5}, {"fifths", 5}, {"tenth", 10}, {"tenths", 10},
};

/* Multiples in one word ("fivefold" is a cardinal before "fold"). */
static const struct numword multiples[] = {
    {"doubled", 2},    {"doubling", 2},    {"tripled", 3}, {"tripling", 3}, {"trebled", 3},
    {"quadrupled", 4}, {"quadrupling", 4}, {"halved", 0.5}, {"halving", 0.5}, {"twice", 2},
};

/* Units after a number (after its scale word, or with the scale in the
 * phrase). factor multiplies the printed number into the unit. */
struct unitword {
    const char *phrase;
    const char *unit;     /* a unit of names.c, "x" (times), or "%" */
    double factor;
};
static const struct unitword units[] = {
    {"%", "%", 1},
    {"percent", "%", 1},
    {"per cent", "%", 1},
    {"pct", "%", 1},
    {"teu", "TEU", 1},
    {"teus", "TEU", 1},
    {"twenty - foot equivalent units", "TEU", 1},
    {"twenty - foot equivalent unit", "TEU", 1},
    {"tonnes", "t", 1},
    {"tonne", "t", 1},
    {"tons", "t", 1},
    {"ton", "t", 1},
    {"metric tons", "t", 1},
    {"metric tonnes", "t", 1},
    {"t", "t", 1},
    {"kt", "kt", 1},
    {"thousand tonnes", "kt", 1},
    {"thousand tons", "kt", 1},
    {"thousand metric tons", "kt", 1},
    {"mt", "Mt", 1},
    {"mmt", "Mt", 1},
    {"million tonnes", "Mt", 1},
    {"million tons", "Mt", 1},
    {"million metric tons", "Mt", 1},
    {"million metric tonnes", "Mt", 1},
    {"barrels per day", "b/d", 1},
    {"barrels a day", "b/d", 1},
    {"barrels of oil per day", "b/d", 1},
    {"b / d", "b/d", 1},
    {"bpd", "b/d", 1},
    {"bbl / d", "b/d", 1},
    {"thousand barrels per day", "kb/d", 1},
    {"thousand barrels a day", "kb/d", 1},
    {"kb / d", "kb/d", 1},
    {"million barrels per day", "Mb/d", 1},
    {"million barrels a day", "Mb/d", 1},
    {"mb / d", "Mb/d", 1},
    {"barrels", "bbl", 1},
    {"barrels of oil", "bbl", 1},
    {"bbl", "bbl", 1},
    {"thousand barrels", "kbbl", 1},
    {"million barrels", "Mbbl", 1},
    {"bcm", "bcm", 1},
    {"billion cubic meters", "bcm", 1},
    {"billion cubic metres", "bcm", 1},
    {"bcm / y", "bcm/yr", 1},
    {"bcm / yr", "bcm/yr", 1},
    {"bcm per year", "bcm/yr", 1},
    {"bcm a year", "bcm/yr", 1},
    {"billion cubic meters per year", "bcm/yr", 1},
    {"billion cubic metres per year", "bcm/yr", 1},
    {"billion cubic meters a year", "bcm/yr", 1},
    {"billion cubic metres a year", "bcm/yr", 1},
    {"mcm", "mcm", 1},
    {"million cubic meters", "mcm", 1},
    {"million cubic metres", "mcm", 1},
    {"cubic meters", "m3", 1},
    {"cubic metres", "m3", 1},
    {"tcf", "tcf", 1},
    {"trillion cubic feet", "tcf", 1},
    {"people", "persons", 1},
    {"persons", "persons", 1},
    {"trains", "trains", 1},
    {"containers", "boxes", 1},
    {"boxes", "boxes", 1},
    {"times", "x", 1},
};

/* Percentage points: a change of a share, in %. */
static const char *const point_phrases[] = {"percentage points", "percentage point", "pp",
                                            "points", NULL};

struct curword {
    const char *phrase;
    const char *code;
};
/* Currency words after the number ("900 million dollars"). */
static const struct curword currency_words[] = {
    {"us dollars", "USD"}, {"u . s . dollars", "USD"}, {"dollars", "USD"}, {"dollar", "USD"},
    {"euros", "EUR"},      {"euro", "EUR"},            {"manats", "AZN"},  {"manat", "AZN"},
    {"rubles", "RUB"},     {"roubles", "RUB"},         {"shekels", "ILS"}, {"yuan", "CNY"},
    {"liras", "TRY"},      {"lira", "TRY"},            {"pounds sterling", "GBP"},
};
/* Currency signs before the number. */
static const struct {
    int sym;
    const char *code;
} currency_signs[] = {
    {SYM_DOLLAR, "USD"}, {SYM_EURO, "EUR"},  {SYM_POUND, "GBP"},  {SYM_MANAT, "AZN"},
    {SYM_RUBLE, "RUB"},  {SYM_LIRA, "TRY"},  {SYM_SHEKEL, "ILS"}, {SYM_RUPEE, "INR"},
    {SYM_YEN, "JPY"},
};

/* Qualifiers: the words just before the number; the longest match wins. */
struct qualword {
    const char *phrase;
    enum cor_qualifier q;
};
static const struct qualword qualifiers[] = {
    {"approximately", COR_Q_APPROX},  {"about", COR_Q_APPROX},
    {"around", COR_Q_APPROX},         {"roughly", COR_Q_APPROX},
    {"some", COR_Q_APPROX},           {"close to", COR_Q_APPROX},
    {"circa", COR_Q_APPROX},          {"an estimated", COR_Q_APPROX},
    {"estimated at", COR_Q_APPROX},   {"estimated", COR_Q_APPROX},
    {"nearly", COR_Q_NEARLY},         {"almost", COR_Q_NEARLY},
    {"just under", COR_Q_NEARLY},     {"just below", COR_Q_NEARLY},
    {"just shy of", COR_Q_NEARLY},
    {"more than", COR_Q_MORE_THAN},   {"over", COR_Q_MORE_THAN},
    {"above", COR_Q_MORE_THAN},       {"exceeding", COR_Q_MORE_THAN},
    {"exceeded", COR_Q_MORE_THAN},    {"exceeds", COR_Q_MORE_THAN},
    {"topping", COR_Q_MORE_THAN},     {"topped", COR_Q_MORE_THAN},
    {"tops", COR_Q_MORE_THAN},        {"surpassing", COR_Q_MORE_THAN},
    {"surpassed", COR_Q_MORE_THAN},   {"surpasses", COR_Q_MORE_THAN},
    {"passed", COR_Q_MORE_THAN},      {"passing", COR_Q_MORE_THAN},
    {"crossed", COR_Q_MORE_THAN},     {"crossing", COR_Q_MORE_THAN},
    {"in excess of", COR_Q_MORE_THAN}, {"upwards of", COR_Q_MORE_THAN},
    {"just over", COR_Q_MORE_THAN},   {"well over", COR_Q_MORE_THAN},
    {"well above", COR_Q_MORE_THAN},  {"higher than", COR_Q_MORE_THAN},
    {"greater than", COR_Q_MORE_THAN}, {"larger than", COR_Q_MORE_THAN},
    {"at least", COR_Q_AT_LEAST},     {"no less than", COR_Q_AT_LEAST},
    {"not less than", COR_Q_AT_LEAST}, {"a minimum of", COR_Q_AT_LEAST},
    {"up to", COR_Q_AT_MOST},         {"at most", COR_Q_AT_MOST},
    {"no more than", COR_Q_AT_MOST},  {"not more than", COR_Q_AT_MOST},
    {"as much as", COR_Q_AT_MOST},    {"as many as", COR_Q_AT_MOST},
    {"a maximum of", COR_Q_AT_MOST},
    {"less than", COR_Q_LESS_THAN},   {"fewer than", COR_Q_LESS_THAN},
    {"under", COR_Q_LESS_THAN},       {"below", COR_Q_LESS_THAN},
    {"lower than", COR_Q_LESS_THAN},  {"smaller than", COR_Q_LESS_THAN},
};

/* Direction words: +1 up, -1 down. */
struct dirword {
    const char *w;
    int dir;
};
static const struct dirword directions[] = {
    {"rose", 1},      {"rise", 1},       {"rises", 1},      {"rising", 1},     {"risen", 1},
    {"increased", 1}, {"increase", 1},   {"increases", 1},  {"increasing", 1}, {"grew", 1},
    {"grow", 1},      {"grows", 1},      {"growing", 1},    {"grown", 1},      {"growth", 1},
    {"surged", 1},    {"surge", 1},      {"surges", 1},     {"surging", 1},    {"jumped", 1},
    {"jump", 1},      {"jumps", 1},      {"climbed", 1},    {"climb", 1},      {"climbs", 1},
    {"soared", 1},    {"soaring", 1},    {"gained", 1},     {"gain", 1},       {"gains", 1},
    {"expanded", 1},  {"expansion", 1},  {"up", 1},         {"higher", 1},     {"boosted", 1},
    {"fell", -1},     {"fall", -1},      {"falls", -1},     {"falling", -1},   {"fallen", -1},
    {"declined", -1}, {"decline", -1},   {"declines", -1},  {"declining", -1}, {"dropped", -1},
    {"drop", -1},     {"drops", -1},     {"dropping", -1},  {"decreased", -1}, {"decrease", -1},
    {"decreases", -1}, {"slumped", -1},  {"slump", -1},     {"plunged", -1},   {"plunge", -1},
    {"shrank", -1},   {"shrunk", -1},    {"contracted", -1}, {"contraction", -1},
    {"down", -1},     {"lower", -1},     {"slid", -1},      {"tumbled", -1},   {"reduction", -1},
};

/* Direction words that may follow the figure: "a 12% increase". */
static const char *const direction_nouns[] = {
    "increase", "rise", "jump", "gain", "surge", "growth", "expansion", "higher", "drop",
    "decline", "fall", "slump", "contraction", "reduction", "lower", "decrease", "plunge", NULL};

/* Months (capitalised in the text). */
static const struct numword months[] = {
    {"january", 1}, {"jan", 1},  {"february", 2}, {"feb", 2},  {"march", 3},     {"mar", 3},
    {"april", 4},   {"apr", 4},  {"may", 5},      {"june", 6}, {"jun", 6},       {"july", 7},
    {"jul", 7},     {"august", 8}, {"aug", 8},    {"september", 9}, {"sep", 9},  {"sept", 9},
    {"october", 10}, {"oct", 10}, {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12},
};

/* Units of time: a number before one is a duration, not a figure. */
static const struct numword time_units[] = {
    {"day", 1.0 / 365},   {"days", 1.0 / 365},   {"week", 7.0 / 365}, {"weeks", 7.0 / 365},
    {"month", 1.0 / 12},  {"months", 1.0 / 12},  {"year", 1},         {"years", 1},
    {"decade", 10},       {"decades", 10},       {"century", 100},    {"centuries", 100},
    {"hour", 0},          {"hours", 0},          {"minute", 0},       {"minutes", 0},
};

/* Words that name a thing by its number: "Section 907", "Resolution 2728". */
static const char *const name_words[] = {
    "section", "sections", "article", "articles", "resolution", "resolutions", "chapter",
    "paragraph", "clause", "rule", "law", "decree", "order", "act", "bill", "amendment",
    "protocol", "annex", "appendix", "table", "figure", "fig", "flight", "route", "highway",
    "line", "terminal", "berth", "pier", "gate", "block", "phase", "stage", "unit", "platform",
    "no", "number", "vol", "volume", "page", "part", "title", "item", "model", "type", "class",
    "series", "version", "division", "brigade", "regiment", "battalion", "district", "sector",
    "zone", "lot", "case", "room", "level", NULL};

/* Capitalised words that do not make a name with the number after them. */
static const char *const not_names[] = {
    "in", "on", "at", "by", "for", "from", "since", "over", "of", "to", "with", "between",
    "under", "after", "before", "during", "until", "through", "than", "and", "or", "the", "a",
    "an", "about", "around", "nearly", "almost", "some", "more", "less", "up", "down", "only",
    "just", "roughly", "approximately", "above", "below", "top", "topping", "surpassing",
    "exceeding", "estimated", "record", "its", "their", "all", "each", "every", "last", "this",
    "that", "these", "those", "some", "another", "also", NULL};

/* Ordinal endings after digits. */
static const char *const ordinal_endings[] = {"st", "nd", "rd", "th", NULL};

/* The record metric: the word "record" within three tokens before the
 * figure, or one of these just after it ("12.9 bcm, a record"). */
static const char *const record_after[] = {"a record", "record", "on record", "a record high",
                                           "an all - time high", "all - time high", NULL};
/* The first_time metric: one of these in the figure's clause. */
static const char *const first_time_phrases[] = {"for the first time", "first time",
                                                 "first - ever", "never before", NULL};

/* Ranks: an ordinal (or none: 1), a superlative, then within three words a
 * word naming a part of a market or a network: "the largest supplier",
 * "Kenya's second-largest trading partner", "the third biggest port".
 * After "one of the" or "among the" it is no rank. */
static const struct numword rank_ordinals[] = {
    {"second", 2}, {"third", 3},   {"fourth", 4}, {"fifth", 5},  {"sixth", 6},
    {"seventh", 7}, {"eighth", 8}, {"ninth", 9},  {"tenth", 10},
};
static const char *const superlatives[] = {"largest", "biggest", "greatest", NULL};
static const char *const rank_parts[] = {
    "supplier", "suppliers", "exporter", "exporters", "importer", "importers", "buyer",
    "buyers", "customer", "customers", "partner", "partners", "port", "ports", "producer",
    "producers", "source", "sources", "market", "markets", "investor", "investors",
    "shareholder", "shareholders", "consumer", "consumers", "destination", "destinations",
    "seller", "sellers", "vendor", "vendors", "recipient", "recipients", "donor", "donors",
    "lender", "lenders", "creditor", "creditors", "purchaser", "purchasers", "provider",
    "providers", "operator", "operators", "economy", "economies", "hub", "hubs", NULL};
static const char *const rank_owners[] = {"the", "its", "their", "his", "her", "our", NULL};

/* Between a multiple and a year, the words that make the year its base:
 * "nine times its size in 2004" is 2004..(the sentence's year). */
/* A comparison with a base year after a figure: "44,000 TEU more than in
 * 2021", "35% more than in 2021" (more: +1, less: -1). */
static const struct {
    const char *w;
    int dir;
} than_words[] = {{"more", 1},  {"higher", 1}, {"larger", 1}, {"bigger", 1}, {"greater", 1},
                  {"above", 1}, {"less", -1},  {"fewer", -1}, {"lower", -1}, {"smaller", -1},
                  {"below", -1}};

/* A rate per year: "9% a year", "an average annual 9%", "9% annually". The
 * words "a/each/every/per year" do not count when a word of year_after
 * follows them ("a year earlier" is a base, not a rate). */
static const char *const per_year_phrases[] = {
    "a year", "per year", "each year", "every year", "per annum", "a year on average",
    "annually", "annual average", "average annual", "compound annual", "annualised",
    "annualized", "cagr", NULL};
static const char *const year_after[] = {"earlier", "ago", "before", "later", "after",
                                         "prior", "on", NULL};

static const char *const base_phrases[] = {
    "its size", "its level", "its value", "their size", "their level", "their value",
    "the size", "the level", "what it was", "what they were", "that of", "than",
    "compared with", "compared to", "relative to", NULL};

#endif
