/* Name tables: qualifiers, statuses, units, currencies. */
#include "corridor/names.h"

#include <string.h>

/* Lower case, and ' ' and '-' read as '_' ("more than" = "more_than"). */
static char fold(char c)
{
    if (c >= 'A' && c <= 'Z')
        return (char)(c - 'A' + 'a');
    return c == ' ' || c == '-' ? '_' : c;
}

int cor_word_eq(const char *s, size_t len, const char *word)
{
    size_t i = 0;
    for (; i < len && word[i]; i++) {
        char a = fold(s[i]), b = fold(word[i]);
        if (a != b)
            return 0;
    }
    return i == len && word[i] == '\0';
}

static const struct cor_name_info qualifiers[COR_Q_COUNT] = {
    [COR_Q_EXACT] = {"exact", "", "the figure as printed: [x, x]"},
    [COR_Q_APPROX] = {"approx", "about roughly around approximately",
                      "[x(1-d), x(1+d)], d = max(5%, half a unit of the last printed digit)"},
    [COR_Q_NEARLY] = {"nearly", "almost", "[x(1-d), x): just below x"},
    [COR_Q_MORE_THAN] = {"more_than", "over surpassing above exceeding", "(x, +inf)"},
    [COR_Q_AT_LEAST] = {"at_least", "", "[x, +inf)"},
    [COR_Q_LESS_THAN] = {"less_than", "under below", "(-inf, x)"},
    [COR_Q_AT_MOST] = {"at_most", "", "(-inf, x]"},
    [COR_Q_RANGE] = {"range", "between", "[lo, hi], from the lo and hi columns"},
};

static const struct cor_name_info statuses[COR_S_COUNT] = {
    [COR_S_ACTUAL] = {"actual", "", "a measured outcome"},
    [COR_S_ESTIMATE] = {"estimate", "estimated", "an estimate of an outcome"},
    [COR_S_PROJECTED] = {"projected", "forecast", "a forecast of a future outcome"},
    [COR_S_PLANNED] = {"planned", "plan", "a plan or budget not yet executed"},
    [COR_S_CLAIM] = {"claim", "", "a statement by a person, not a measurement"},
};

/* Matches s against name and each space-separated alias. */
static int info_matches(const struct cor_name_info *info, const char *s, size_t len)
{
    if (cor_word_eq(s, len, info->name))
        return 1;
    const char *a = info->aliases;
    while (*a) {
        const char *end = strchr(a, ' ');
        size_t alen = end ? (size_t)(end - a) : strlen(a);
        char word[32];
        if (alen < sizeof word) {
            memcpy(word, a, alen);
            word[alen] = '\0';
            if (cor_word_eq(s, len, word))
                return 1;
        }
        a += alen;
        while (*a == ' ')
            a++;
    }
    return 0;
}

static int info_lookup(const struct cor_name_info *table, int count, const char *s, size_t len)
{
    for (int i = 0; i < count; i++)
        if (info_matches(&table[i], s, len))
            return i;
    return -1;
}

int cor_qualifier_lookup(const char *s, size_t len)
{
    return info_lookup(qualifiers, COR_Q_COUNT, s, len);
}

int cor_status_lookup(const char *s, size_t len)
{
    return info_lookup(statuses, COR_S_COUNT, s, len);
}

const char *cor_qualifier_name(enum cor_qualifier q)
{
    return (unsigned)q < COR_Q_COUNT ? qualifiers[q].name : "?";
}

const char *cor_status_name(enum cor_obs_status st)
{
    return (unsigned)st < COR_S_COUNT ? statuses[st].name : "?";
}

const struct cor_name_info *cor_qualifier_info(enum cor_qualifier q)
{
    return (unsigned)q < COR_Q_COUNT ? &qualifiers[q] : NULL;
}

const struct cor_name_info *cor_status_info(enum cor_obs_status st)
{
    return (unsigned)st < COR_S_COUNT ? &statuses[st] : NULL;
}

/* 1 tcf = 1e12 ft3 = 1e12 * 0.028316846592 m3 (the foot is exactly 0.3048 m). */
static const struct cor_unit units[] = {
    {"TEU", COR_DIM_CONTAINERS, 1.0, "TEU"},
    {"t", COR_DIM_MASS, 1.0, "tonnes"},
    {"kt", COR_DIM_MASS, 1e3, "thousand tonnes"},
    {"Mt", COR_DIM_MASS, 1e6, "million tonnes"},
    {"bbl", COR_DIM_OIL_VOLUME, 1.0, "barrels"},
    {"kbbl", COR_DIM_OIL_VOLUME, 1e3, "thousand barrels"},
    {"Mbbl", COR_DIM_OIL_VOLUME, 1e6, "million barrels"},
    {"b/d", COR_DIM_OIL_RATE, 1.0, "barrels per day"},
    {"kb/d", COR_DIM_OIL_RATE, 1e3, "thousand barrels per day"},
    {"Mb/d", COR_DIM_OIL_RATE, 1e6, "million barrels per day"},
    {"m3", COR_DIM_GAS_VOLUME, 1.0, "cubic metres"},
    {"mcm", COR_DIM_GAS_VOLUME, 1e6, "million cubic metres"},
    {"bcm", COR_DIM_GAS_VOLUME, 1e9, "billion cubic metres"},
    {"tcf", COR_DIM_GAS_VOLUME, 28316846592.0, "trillion cubic feet"},
    {"mcm/yr", COR_DIM_GAS_RATE, 1e6, "million cubic metres per year"},
    {"bcm/yr", COR_DIM_GAS_RATE, 1e9, "billion cubic metres per year"},
    {"%", COR_DIM_SHARE, 0.01, "percent"},
    {"fraction", COR_DIM_SHARE, 1.0, "fraction"},
    {"persons", COR_DIM_PERSONS, 1.0, "persons"},
    {"trains", COR_DIM_TRAINS, 1.0, "trains"},
    {"boxes", COR_DIM_BOXES, 1.0, "containers (boxes)"},
    {"1", COR_DIM_MONEY, 1.0, ""},
    {"thousand", COR_DIM_MONEY, 1e3, "thousand"},
    {"million", COR_DIM_MONEY, 1e6, "million"},
    {"billion", COR_DIM_MONEY, 1e9, "billion"},
    {"ratio", COR_DIM_RATIO, 1.0, ""},
    {"kg", COR_DIM_MASS, 1e-3, "kilograms"},
    {"number", COR_DIM_NUMBER, 1.0, "in the unit the measure names"},
};

static const struct {
    const char *alias, *name;
} unit_aliases[] = {
    {"teu", "TEU"}, {"tonnes", "t"}, {"MMbbl", "Mbbl"}, {"bcm/y", "bcm/yr"},
    {"percent", "%"}, {"k", "thousand"}, {"mn", "million"}, {"m", "million"},
    {"bn", "billion"}, {"index", "ratio"},
};

int cor_unit_lookup(const char *s, size_t len)
{
    size_t n = sizeof units / sizeof *units;
    for (size_t i = 0; i < n; i++)
        if (strlen(units[i].name) == len && memcmp(units[i].name, s, len) == 0)
            return (int)i;
    for (size_t a = 0; a < sizeof unit_aliases / sizeof *unit_aliases; a++)
        if (strlen(unit_aliases[a].alias) == len && memcmp(unit_aliases[a].alias, s, len) == 0)
            return cor_unit_lookup(unit_aliases[a].name, strlen(unit_aliases[a].name));
    return -1;
}

size_t cor_unit_count(void)
{
    return sizeof units / sizeof *units;
}

const struct cor_unit *cor_unit_at(int i)
{
    if (i < 0 || (size_t)i >= cor_unit_count())
        return NULL;
    return &units[i];
}

const char *cor_dim_name(enum cor_dim d)
{
    static const char *const names[COR_DIM_COUNT] = {
        "containers", "mass", "oil volume", "oil flow rate", "gas volume", "gas flow rate",
        "share", "persons", "trains", "boxes", "money", "ratio", "number"};
    return (unsigned)d < COR_DIM_COUNT ? names[d] : "?";
}

/* ISO 4217 active codes, sorted. */
static const char *const currencies[] = {
    "ISO", "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM",
    "BBD", "BDT", "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN",
    "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP",
    "COU", "CRC", "CUC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN",
    "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD",
    "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
    "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP",
    "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU",
    "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR",
    "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
    "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS",
    "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY",
    "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED",
    "VES", "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD",
    "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW",
    "ZWL",
};

int cor_currency_lookup(const char *s, size_t len)
{
    if (len != 3)
        return -1;
    for (size_t i = 0; i < sizeof currencies / sizeof *currencies; i++)
        if (memcmp(currencies[i], s, 3) == 0)
            return (int)i;
    return -1;
}

const char *cor_currency_name(int i)
{
    if (i < 0 || (size_t)i >= sizeof currencies / sizeof *currencies)
        return "?";
    return currencies[i];
}
