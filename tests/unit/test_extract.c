/* The extractor: one short sentence for every grammar rule and every
 * exclusion (the expected numbers worked out by hand), the reduction of
 * Markdown and HTML, errors, the draft and coverage tables, and the
 * precision and recall of the drafter on the hand labels of
 * tests/data/articles (labels.csv, written by reading the texts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/csvread.h"
#include "corridor/dataset.h"
#include "corridor/export.h"
#include "corridor/extract.h"
#include "corridor/num.h"
#include "testutil.h"

/* ---- helpers ------------------------------------------------------------- */

static struct cor_extract *run(const char *text, enum cor_text_format fmt, int year)
{
    struct cor_extract *ex = cor_extract_new();
    struct cor_extract_opts opts = {year};
    struct cor_error err = {0};
    assert_non_null(ex);
    if (cor_extract_run(ex, "t.txt", text, strlen(text), fmt, &opts, &err) != COR_OK) {
        print_error("%s\n", err.message);
        fail();
    }
    return ex;
}

static size_t figures(const struct cor_extract *ex)
{
    size_t n = 0;
    for (size_t i = 0; i < cor_extract_count(ex); i++)
        n += cor_extract_at(ex, i)->find == COR_FIND_FIGURE;
    return n;
}

/* The only figure of a text; fails unless there is exactly one. */
static struct cor_finding only(const char *text, int year)
{
    struct cor_extract *ex = run(text, COR_TEXT_PLAIN, year);
    struct cor_finding f;
    memset(&f, 0, sizeof f);
    if (figures(ex) != 1) {
        print_error("%zu figures in: %s\n", figures(ex), text);
        cor_extract_free(ex);
        fail();
    }
    for (size_t i = 0; i < cor_extract_count(ex); i++)
        if (cor_extract_at(ex, i)->find == COR_FIND_FIGURE)
            f = *cor_extract_at(ex, i);
    cor_extract_free(ex);
    return f;
}

static void period_is(const struct cor_finding *f, const char *want)
{
    char buf[64] = "";
    if (f->period.kind != COR_PERIOD_NONE)
        cor_period_format(&f->period, buf, sizeof buf);
    assert_string_equal(buf, want);
}

static void is_figure(const char *text, double value, enum cor_qualifier q, const char *unit,
                      const char *currency, enum cor_guess metric)
{
    struct cor_finding f = only(text, 0);
    if (f.qualifier != q || strcmp(f.unit, unit) != 0 || f.metric != metric) {
        print_error("%s: qualifier %s unit '%s' metric %s\n", text, cor_qualifier_name(f.qualifier),
                    f.unit, cor_guess_name(f.metric));
        fail();
    }
    assert_close(f.value, value, 1e-12);
    assert_string_equal(f.currency >= 0 ? cor_currency_name(f.currency) : "", currency);
}

/* No figure, and a finding of kind `find` whose words are `words`. */
static void not_figure(const char *text, enum cor_find find, const char *words)
{
    struct cor_extract *ex = run(text, COR_TEXT_PLAIN, 0);
    int seen = 0;
    const char *t = cor_extract_text(ex, NULL);
    for (size_t i = 0; i < cor_extract_count(ex); i++) {
        const struct cor_finding *f = cor_extract_at(ex, i);
        if (f->find == find && strlen(words) == f->end - f->start &&
            memcmp(t + f->start, words, f->end - f->start) == 0)
            seen = 1;
    }
    size_t n = figures(ex);
    cor_extract_free(ex);
    if (n || !seen) {
        print_error("%s: %zu figures, '%s' as %s %s\n", text, n, words, cor_find_name(find),
                    seen ? "found" : "not found");
        fail();
    }
}

/* ---- numbers, scales, units, currencies ------------------------------------ */

static void test_extract_numbers_and_units(void **state)
{
    (void)state;
    is_figure("Exports reached 1,250,000 tonnes.", 1250000, COR_Q_EXACT, "t", "", COR_GUESS_VALUE);
    is_figure("The port handled 2.7 million tons.", 2.7, COR_Q_EXACT, "Mt", "", COR_GUESS_VALUE);
    is_figure("Imports were 420,000 tons.", 420000, COR_Q_EXACT, "t", "", COR_GUESS_VALUE);
    is_figure("Investment totalled $150 billion.", 150, COR_Q_EXACT, "billion", "USD",
              COR_GUESS_VALUE);
    is_figure("The fund holds \xE2\x82\xAC" "300m.", 300, COR_Q_EXACT, "million", "EUR",
              COR_GUESS_VALUE);
    is_figure("Revenue reached AZN 8.7 billion.", 8.7, COR_Q_EXACT, "billion", "AZN",
              COR_GUESS_VALUE);
    is_figure("Sales were 900 million dollars.", 900, COR_Q_EXACT, "million", "USD",
              COR_GUESS_VALUE);
    is_figure("The debt hit $5 trillion.", 5000, COR_Q_EXACT, "billion", "USD", COR_GUESS_VALUE);
    is_figure("Output reached 575,000 b/d.", 575000, COR_Q_EXACT, "b/d", "", COR_GUESS_VALUE);
    is_figure("Output reached 1.2 million barrels per day.", 1.2, COR_Q_EXACT, "Mb/d", "",
              COR_GUESS_VALUE);
    is_figure("Flows reached 20 bcm.", 20, COR_Q_EXACT, "bcm", "", COR_GUESS_VALUE);
    is_figure("Flows reached 10 billion cubic meters.", 10, COR_Q_EXACT, "bcm", "",
              COR_GUESS_VALUE);
    is_figure("The port handled 100,000 TEUs.", 100000, COR_Q_EXACT, "TEU", "", COR_GUESS_VALUE);
    is_figure("The port handled 100\xC2\xA0" "000 TEU.", 100000, COR_Q_EXACT, "TEU", "",
              COR_GUESS_VALUE);
    is_figure("The war displaced 1 million people.", 1e6, COR_Q_EXACT, "persons", "",
              COR_GUESS_VALUE);
    struct cor_finding f = only("The port has 28 berths.", 0);
    assert_close(f.value, 28, 0);
    assert_string_equal(f.unit, "");
    assert_string_equal(f.counted, "berths");
    assert_non_null(strstr(f.note, "claim_unit"));
    /* a scaled count keeps the note about its printed precision */
    f = only("The city has 2.5 million residents.", 0);
    assert_close(f.value, 2.5e6, 1e-15);
    assert_non_null(strstr(f.note, "printed as '2.5 million'"));
}

static void test_extract_percentages(void **state)
{
    (void)state;
    is_figure("The share was 40%.", 40, COR_Q_EXACT, "%", "", COR_GUESS_SHARE);
    is_figure("The share was 40 percent.", 40, COR_Q_EXACT, "%", "", COR_GUESS_SHARE);
    is_figure("The share was 40 per cent.", 40, COR_Q_EXACT, "%", "", COR_GUESS_SHARE);
    /* percentage points: unit pp, metric pp_change, a fall negative */
    struct cor_finding f = only("The share rose 3 percentage points.", 0);
    assert_string_equal(f.unit, "pp");
    assert_int_equal(f.metric, COR_GUESS_PP_CHANGE);
    assert_string_equal(cor_guess_name(f.metric), "pp_change");
    assert_non_null(strstr(f.note, "percentage points"));
    is_figure("Its share fell by 2.5 percentage points.", -2.5, COR_Q_EXACT, "pp", "",
              COR_GUESS_PP_CHANGE);
    is_figure("The share rose 5 pp.", 5, COR_Q_EXACT, "pp", "", COR_GUESS_PP_CHANGE);
}

static void test_extract_fractions_in_words(void **state)
{
    (void)state;
    is_figure("Cargo rose by one-third.", 1.0 / 3, COR_Q_EXACT, "fraction", "", COR_GUESS_GROWTH);
    is_figure("A third of the cargo came from China.", 1.0 / 3, COR_Q_EXACT, "fraction", "",
              COR_GUESS_SHARE);
    is_figure("Half of the cargo came from China.", 0.5, COR_Q_EXACT, "fraction", "",
              COR_GUESS_SHARE);
    is_figure("Two-thirds of the oil goes to Europe.", 2.0 / 3, COR_Q_EXACT, "fraction", "",
              COR_GUESS_SHARE);
    is_figure("A quarter of the budget went to defence.", 0.25, COR_Q_EXACT, "fraction", "",
              COR_GUESS_SHARE);
    is_figure("One in five trucks runs empty.", 0.2, COR_Q_EXACT, "fraction", "",
              COR_GUESS_SHARE);
    is_figure("The city has half a million residents.", 5e5, COR_Q_EXACT, "", "",
              COR_GUESS_VALUE);
    /* "a third country" is an ordinal, not a fraction: no number at all */
    struct cor_extract *ex = run("Goods reach a third country.", COR_TEXT_PLAIN, 0);
    assert_int_equal(cor_extract_count(ex), 0);
    cor_extract_free(ex);
}

static void test_extract_multiples(void **state)
{
    (void)state;
    is_figure("Cargo increased fivefold.", 5, COR_Q_EXACT, "x", "", COR_GUESS_MULTIPLE);
    is_figure("Exports doubled.", 2, COR_Q_EXACT, "x", "", COR_GUESS_MULTIPLE);
    is_figure("Imports tripled.", 3, COR_Q_EXACT, "x", "", COR_GUESS_MULTIPLE);
    is_figure("Trade grew 2.6 times.", 2.6, COR_Q_EXACT, "x", "", COR_GUESS_MULTIPLE);
    is_figure("Revenue rose 28 times.", 28, COR_Q_EXACT, "x", "", COR_GUESS_MULTIPLE);
    is_figure("Volumes saw a 5-fold rise.", 5, COR_Q_EXACT, "x", "", COR_GUESS_MULTIPLE);
    is_figure("Traffic more than doubled.", 2, COR_Q_MORE_THAN, "x", "", COR_GUESS_MULTIPLE);
}

static void test_extract_ranges(void **state)
{
    (void)state;
    struct cor_finding f = only("Azerbaijan supplies 40% to 50% of the oil.", 0);
    assert_int_equal(f.qualifier, COR_Q_RANGE);
    assert_close(f.lo, 40, 0);
    assert_close(f.hi, 50, 0);
    assert_string_equal(f.unit, "%");
    f = only("Between 10 and 28 ships call each day.", 0);
    assert_int_equal(f.qualifier, COR_Q_RANGE);
    assert_close(f.lo, 10, 0);
    assert_close(f.hi, 28, 0);
    f = only("Damage is put at $10\xE2\x80\x93" "28 billion.", 0);
    assert_int_equal(f.qualifier, COR_Q_RANGE);
    assert_close(f.lo, 10, 0);
    assert_close(f.hi, 28, 0);
    assert_string_equal(f.unit, "billion");
    assert_string_equal(cor_currency_name(f.currency), "USD");
    /* a qualified range stays a range, and says so */
    f = only("Azerbaijan supplies roughly 40% to 50% of the oil.", 0);
    assert_int_equal(f.qualifier, COR_Q_RANGE);
    assert_non_null(strstr(f.note, "qualified by 'roughly'"));
}

static void test_extract_qualifiers(void **state)
{
    (void)state;
    static const struct {
        const char *words;
        enum cor_qualifier q;
    } table[] = {
        {"approximately", COR_Q_APPROX}, {"about", COR_Q_APPROX},       {"around", COR_Q_APPROX},
        {"roughly", COR_Q_APPROX},       {"some", COR_Q_APPROX},        {"close to", COR_Q_APPROX},
        {"nearly", COR_Q_NEARLY},        {"almost", COR_Q_NEARLY},      {"more than", COR_Q_MORE_THAN},
        {"over", COR_Q_MORE_THAN},       {"above", COR_Q_MORE_THAN},    {"exceeding", COR_Q_MORE_THAN},
        {"topping", COR_Q_MORE_THAN},    {"surpassing", COR_Q_MORE_THAN}, {"at least", COR_Q_AT_LEAST},
        {"up to", COR_Q_AT_MOST},        {"at most", COR_Q_AT_MOST},    {"less than", COR_Q_LESS_THAN},
        {"under", COR_Q_LESS_THAN},      {"below", COR_Q_LESS_THAN},    {"an estimated", COR_Q_APPROX},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        char text[128];
        snprintf(text, sizeof text, "The port handled %s 100,000 TEU.", table[i].words);
        is_figure(text, 100000, table[i].q, "TEU", "", COR_GUESS_VALUE);
    }
    is_figure("Exports hit a record $5 billion.", 5, COR_Q_EXACT, "billion", "USD",
              COR_GUESS_RECORD);
    is_figure("Traffic surpassed 100,000 TEU for the first time.", 100000, COR_Q_MORE_THAN, "TEU",
              "", COR_GUESS_FIRST_TIME);
}

static void test_extract_directions(void **state)
{
    (void)state;
    static const char *const up[] = {"rose", "increased", "grew", "surged"};
    static const char *const down[] = {"fell", "declined", "dropped"};
    char text[128];
    for (size_t i = 0; i < 4; i++) {
        snprintf(text, sizeof text, "Exports %s 12%%.", up[i]);
        is_figure(text, 12, COR_Q_EXACT, "%", "", COR_GUESS_GROWTH);
    }
    for (size_t i = 0; i < 3; i++) {
        snprintf(text, sizeof text, "Exports %s 8%%.", down[i]);
        is_figure(text, -8, COR_Q_EXACT, "%", "", COR_GUESS_GROWTH);
    }
    /* a fall "by more than 8%" is a growth below -8% */
    is_figure("Exports fell by more than 8%.", -8, COR_Q_LESS_THAN, "%", "", COR_GUESS_GROWTH);
    is_figure("Exports rose by 5,000 TEU.", 5000, COR_Q_EXACT, "TEU", "", COR_GUESS_CHANGE);
    is_figure("Exports rose to 5,000 TEU.", 5000, COR_Q_EXACT, "TEU", "", COR_GUESS_VALUE);
    is_figure("Exports posted a 12% increase.", 12, COR_Q_EXACT, "%", "", COR_GUESS_GROWTH);
    /* "make up" is not a rise */
    is_figure("Minorities make up more than 60% of the population.", 60, COR_Q_MORE_THAN, "%", "",
              COR_GUESS_SHARE);
}

/* ---- periods ------------------------------------------------------------- */

/* Ranks: a superlative with a word naming a part, after "the" or an owner. */
static void test_extract_ranks(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        double position;
    } ranked[] = {
        {"Azerbaijan is the largest supplier.", 1},
        {"Baku is the second-largest port on the Caspian.", 2},
        {"Turkey is Israel's third biggest trading partner.", 3},
        {"Kazakhstan is its 2nd largest crude oil supplier.", 2},
    };
    for (size_t i = 0; i < sizeof ranked / sizeof *ranked; i++)
        is_figure(ranked[i].text, ranked[i].position, COR_Q_EXACT, "", "", COR_GUESS_RANK);
    struct cor_finding f = only("Azerbaijan was the largest supplier in 2023.", 0);
    period_is(&f, "2023");
    assert_non_null(strstr(f.note, "by = the column that names each supplier"));
    assert_null(strstr(f.note, "claim_unit"));   /* a rank takes no unit */
    /* no one position, or no part of a market */
    static const char *const none[] = {
        "It is one of the largest ports in the region.",
        "It is among the largest suppliers.",
        "Azerbaijanis are the largest group.",
        "The largest share went to Baku.",
        "A largest port is not a claim.",
    };
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        struct cor_extract *ex = run(none[i], COR_TEXT_PLAIN, 0);
        if (figures(ex)) {
            print_error("a figure in: %s\n", none[i]);
            fail();
        }
        cor_extract_free(ex);
    }
    assert_string_equal(cor_guess_name(COR_GUESS_RANK), "rank");
}

/* A new user's article (tests/data/trial3): a difference with a base year,
 * a rate per year over a span, a first time in a sentence naming a span, a
 * percentage more than in a base year. */
static void test_extract_bases_and_rates(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int year;           /* --date, 0: none */
        double value;
        const char *unit;
        enum cor_guess metric;
        const char *period;
    } table[] = {
        {"That was some 44,000 TEUs more than in 2021.", 2025, 44000, "TEU", COR_GUESS_CHANGE,
         "2021..2025"},
        {"In 2023 the port handled 3,000 TEUs fewer than in 2020.", 0, -3000, "TEU",
         COR_GUESS_CHANGE, "2020..2023"},
        {"Revenue reached a level in 2023 about 35% more than in 2021.", 0, 35, "%",
         COR_GUESS_GROWTH, "2021..2023"},
        {"Exports were 12% lower than in 2019.", 2024, -12, "%", COR_GUESS_GROWTH,
         "2019..2024"},
        {"Tonnage grew about 9% a year in 2019\xE2\x80\x93" "2023.", 0, 9, "%", COR_GUESS_CAGR,
         "2019..2023"},
        {"Exports rose at an average annual 4.5% between 2015 and 2020.", 0, 4.5, "%",
         COR_GUESS_CAGR, "2015..2020"},
        {"Imports fell 3% per year in 2010\xE2\x80\x93" "2014.", 0, -3, "%", COR_GUESS_CAGR,
         "2010..2014"},
        {"Throughput doubled between 2019 and 2023, topping 100,000 TEUs for the first time.",
         0, 100000, "TEU", COR_GUESS_FIRST_TIME, "2023"},
        {"Between 2015 and 2022, it handled a record 5 Mt.", 0, 5, "Mt", COR_GUESS_RECORD,
         "2022"},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        struct cor_extract *ex = run(table[i].text, COR_TEXT_PLAIN, table[i].year);
        const struct cor_finding *f = NULL;
        for (size_t k = 0; k < cor_extract_count(ex); k++) {
            const struct cor_finding *g = cor_extract_at(ex, k);
            if (g->find == COR_FIND_FIGURE && strcmp(g->unit, table[i].unit) == 0)
                f = g;
        }
        if (!f || f->metric != table[i].metric) {
            print_error("%s: metric %s\n", table[i].text, f ? cor_guess_name(f->metric) : "none");
            fail();
        }
        assert_close(f->value, table[i].value, 1e-12);
        period_is(f, table[i].period);
        cor_extract_free(ex);
    }
    /* "a year earlier" is a base, not a rate per year */
    is_figure("Exports were down 7% on a year earlier.", -7, COR_Q_EXACT, "%", "",
              COR_GUESS_GROWTH);
    assert_string_equal(cor_guess_name(COR_GUESS_CAGR), "cagr");
}

static void test_extract_periods(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int year;           /* --date, 0: none */
        const char *period;
    } table[] = {
        {"Exports rose 12% in 2025.", 0, "2025"},
        {"Exports rose 12% in the first nine months of 2024.", 0, "2024-9M"},
        {"Exports rose 12% in January\xE2\x80\x93September 2024.", 0, "2024-9M"},
        {"Exports rose 12% in January\xE2\x80\x93September.", 2024, "2024-9M"},
        {"Exports rose 12% in the first half of 2024.", 0, "2024-H1"},
        {"Exports rose 12% in Q3 2024.", 0, "2024-Q3"},
        {"Exports rose 12% in January 2024.", 0, "2024-01"},
        {"Cargo increased fivefold in seven years to 2024.", 0, "2017..2024"},
        {"Cargo more than doubled between 2021 and 2024.", 0, "2021..2024"},
        {"Cargo doubled in 2021\xE2\x80\x93" "2024.", 0, "2021..2024"},
        {"Cargo grew 2.6 times since 2019.", 2025, "2019..2025"},
        {"In 2025, SOCAR bought a 10% stake.", 0, "2025"},   /* named before it */
        {"Exports rose 5% last year.", 2025, "2024"},
        /* a multiple of the size in a base year: from it to the sentence's year, or to
         * the text's date */
        {"By 2014 the economy was almost nine times its size in 2004.", 0, "2004..2014"},
        {"GDP was almost nine times its size in 2004.", 2016, "2004..2016"},
        {"Exports were three times their level in 2010.", 2020, "2010..2020"},
        {"Exports in 2023 were two times what they were in 2015.", 0, "2015..2023"},
        {"Exports in 2023 were 2.5 times higher than in 2015.", 0, "2015..2023"},
        {"Exports tripled in 2024.", 0, "2024"},   /* a year earlier against 2024 */
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        struct cor_finding g = only(table[i].text, table[i].year);
        period_is(&g, table[i].period);
    }
    struct cor_finding f = only("Cargo grew 2.6 times since 2019.", 0);
    period_is(&f, "");
    assert_non_null(strstr(f.note, "give --date"));
    /* the base year without an end year: no period, and the note says what to write */
    f = only("GDP was almost nine times its size in 2004.", 0);
    period_is(&f, "");
    assert_non_null(strstr(f.note, "2004..B"));
    /* "this year" from the text's date line, or flagged */
    struct cor_extract *ex =
        run("December 18, 2025\n\nExports rose 5% this year.", COR_TEXT_PLAIN, 0);
    assert_int_equal(cor_extract_year(ex), 2025);
    for (size_t i = 0; i < cor_extract_count(ex); i++)
        if (cor_extract_at(ex, i)->find == COR_FIND_FIGURE)
            period_is(cor_extract_at(ex, i), "2025");
    cor_extract_free(ex);
    f = only("Exports rose 5% this year.", 0);
    period_is(&f, "");
    assert_non_null(strstr(f.note, "no date line"));
}

/* ---- what is not a figure ----------------------------------------------------- */

static void test_extract_exclusions(void **state)
{
    (void)state;
    not_figure("On October 18, the ministers met.", COR_FIND_DATE, "October 18");
    not_figure("The summit took place on July 12\xE2\x80\x93" "13.", COR_FIND_DATE,
               "July 12\xE2\x80\x93" "13");
    not_figure("The photo was taken on Oct. 10, 2020.", COR_FIND_DATE, "Oct. 10, 2020");
    not_figure("The report is dated 2025-12-18.", COR_FIND_DATE, "2025-12-18");
    not_figure("The plane landed at 19:25.", COR_FIND_TIME, "19:25");
    not_figure("Congress kept Section 907 in force.", COR_FIND_NAME, "907");
    not_figure("The council adopted Resolution 2728.", COR_FIND_NAME, "2728");
    not_figure("The F-16 jets arrived.", COR_FIND_NAME, "16");
    not_figure("Leaders met at COP29 in Baku.", COR_FIND_NAME, "29");
    not_figure("They marked the 10th anniversary.", COR_FIND_ORDINAL, "10th");
    not_figure("The war ended in 2020.", COR_FIND_YEAR, "2020");
    not_figure("The refugees fled in the 1990s.", COR_FIND_YEAR, "1990s");
    not_figure("The fighting lasted six weeks.", COR_FIND_DURATION, "six");
    not_figure("It was a six-week war.", COR_FIND_DURATION, "six-week");
    not_figure("The contract runs for 25 years.", COR_FIND_DURATION, "25");
    not_figure("Three rounds of talks were held.", COR_FIND_COUNT_WORD, "Three");
    not_figure("See the report [1].", COR_FIND_REFERENCE, "1");
    not_figure("- 1 ABSTRACT", COR_FIND_LIST, "1");
    not_figure("Read https://example.org/news/4131496.html for more.", COR_FIND_ADDRESS,
               "4131496");
}

/* ---- reduction, sentences, positions, errors -------------------------------- */

static void test_extract_html_and_markdown(void **state)
{
    (void)state;
    struct cor_extract *ex =
        run("<html><head><title>T</title><style>p{margin:2em}</style></head><body>"
            "<p>Exports rose 5%.</p><script>var a = 7;</script>"
            "<p>The budget is &#36;4.6&nbsp;billion &ndash; a record.</p></body></html>",
            COR_TEXT_AUTO, 0);
    assert_int_equal(figures(ex), 2);   /* not the 2 of the style, not the 7 of the script */
    const char *t = cor_extract_text(ex, NULL);
    const struct cor_finding *f = cor_extract_at(ex, 1);
    assert_int_equal(f->find, COR_FIND_FIGURE);
    assert_close(f->value, 4.6, 0);
    assert_string_equal(f->unit, "billion");
    assert_int_equal(f->metric, COR_GUESS_RECORD);
    assert_non_null(strstr(t, "$4.6\xC2\xA0" "billion \xE2\x80\x93 a record."));
    cor_extract_free(ex);
    assert_int_equal(cor_extract_guess_format("a.md", "x", 1), COR_TEXT_MARKDOWN);
    assert_int_equal(cor_extract_guess_format("a.HTML", "x", 1), COR_TEXT_HTML);
    assert_int_equal(cor_extract_guess_format(NULL, "  <!DOCTYPE html>", 17), COR_TEXT_HTML);
    assert_int_equal(cor_extract_guess_format("a.txt", "Exports", 7), COR_TEXT_PLAIN);

    ex = run("# Exports in 2024\n\n**Exports** rose [12%](http://x.org/7) in 2024.\n",
             COR_TEXT_MARKDOWN, 0);
    assert_int_equal(figures(ex), 1);
    assert_string_equal(cor_extract_text(ex, NULL),
                        "\nExports in 2024\n\n\nExports rose 12% in 2024.\n");
    f = cor_extract_at(ex, 1);
    assert_close(f->value, 12, 0);
    assert_int_equal(f->line, 3);   /* where "12%" is in the Markdown file */
    assert_int_equal(f->col, 19);
    cor_extract_free(ex);
}

static void test_extract_sentences_and_positions(void **state)
{
    (void)state;
    /* curly quotes, an abbreviation, a decade before a full stop, a line break */
    struct cor_extract *ex =
        run("\xE2\x80\x9C" "Exports rose 12%,\xE2\x80\x9D he said on Oct. 10. It fled in the 1990s. "
            "Then\nimports fell 3%.",
            COR_TEXT_PLAIN, 0);
    assert_int_equal(cor_extract_sentence_count(ex), 3);
    const struct cor_sentence *s = cor_extract_sentence(ex, 2);
    assert_int_equal(s->line, 1);
    const struct cor_finding *last = cor_extract_at(ex, cor_extract_count(ex) - 1);
    assert_int_equal(last->find, COR_FIND_FIGURE);
    assert_close(last->value, -3, 0);
    assert_int_equal(last->line, 2);
    assert_int_equal(last->col, 14);
    cor_extract_free(ex);
}

static void test_extract_errors(void **state)
{
    (void)state;
    struct cor_extract *ex = cor_extract_new();
    struct cor_error err = {0};
    assert_int_equal(cor_extract_run(ex, "a.txt", "ok\nbad \xFF here", 13, COR_TEXT_PLAIN, NULL,
                                     &err),
                     COR_EPARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 5);
    assert_non_null(strstr(err.message, "0xFF"));
    assert_int_equal(cor_extract_run(ex, "a.txt", "a\0b", 3, COR_TEXT_PLAIN, NULL, &err),
                     COR_EPARSE);
    assert_non_null(strstr(err.message, "NUL"));
    assert_int_equal(cor_extract_count(ex), 0);
    assert_int_equal(cor_extract_file(ex, "/nonexistent/a.txt", COR_TEXT_AUTO, NULL, &err),
                     COR_EIO);
    /* empty text: nothing, and no error */
    assert_int_equal(cor_extract_run(ex, "a.txt", "", 0, COR_TEXT_AUTO, NULL, &err), COR_OK);
    assert_int_equal(cor_extract_count(ex), 0);
    cor_extract_free(ex);
    cor_extract_free(NULL);
}

/* ---- tables and data ------------------------------------------------------- */

static void test_extract_draft_table(void **state)
{
    (void)state;
    struct cor_extract *ex = run("In 2025, SOCAR bought a 10% stake for about $900 million.",
                                 COR_TEXT_PLAIN, 0);
    struct cor_table *t = cor_extract_draft_table();
    size_t next = 7;
    assert_int_equal(cor_extract_draft(ex, "a.txt", NULL, t, &next), COR_OK);
    assert_int_equal(next, 9);
    assert_int_equal(cor_table_rows(t), 2);
    /* the columns of the claims file, in its order */
    const struct cor_schema *sc = cor_schema_get(COR_KIND_CLAIM);
    assert_int_equal(cor_table_cols(t), sc->ncols);
    for (size_t c = 0; c < sc->ncols; c++)
        assert_string_equal(cor_table_col_name(t, c), sc->cols[c].name);
    static const char *const want[][6] = {
        /* id, metric, period, claim_qualifier, claim_value, claim_unit */
        {"D7", "share", "2025", "exact", "10", "%"},
        {"D8", "value", "2025", "approx", "900", "million"},
    };
    static const char *const cols[] = {"id", "metric", "period", "claim_qualifier", "claim_value",
                                       "claim_unit"};
    for (size_t r = 0; r < 2; r++)
        for (size_t k = 0; k < 6; k++)
            for (size_t c = 0; c < sc->ncols; c++)
                if (strcmp(sc->cols[c].name, cols[k]) == 0)
                    assert_string_equal(cor_table_text(t, r, c), want[r][k]);
    for (size_t c = 0; c < sc->ncols; c++) {
        if (strcmp(sc->cols[c].name, "quote") == 0)
            assert_string_equal(cor_table_text(t, 1, c),
                                "In 2025, SOCAR bought a 10% stake for about $900 million.");
        if (strcmp(sc->cols[c].name, "currency") == 0)
            assert_string_equal(cor_table_text(t, 1, c), "USD");
    }
    cor_table_free(t);
    t = cor_extract_list_table(ex, "a.txt");
    assert_int_equal(cor_table_rows(t), 3);   /* the year, the stake, the price */
    cor_table_free(t);
    cor_extract_free(ex);
}

/* A sentence longer than any buffer is written whole into the CSV draft. */
static void test_extract_long_sentence_whole_in_csv(void **state)
{
    (void)state;
    size_t n = 3000;
    char *text = malloc(n + 64);
    assert_non_null(text);
    strcpy(text, "Exports rose 12%");
    size_t k = strlen(text);
    for (; k < n; k++)
        text[k] = k % 7 ? 'a' : ' ';
    strcpy(text + k, " in 2024.");
    struct cor_extract *ex = run(text, COR_TEXT_PLAIN, 0);
    struct cor_table *t = cor_extract_draft_table();
    size_t next = 1;
    assert_int_equal(cor_extract_draft(ex, "a.txt", NULL, t, &next), COR_OK);
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(cor_export_table(t, COR_FMT_CSV, f), COR_OK);
    long size = ftell(f);
    char *out = malloc((size_t)size + 1);
    rewind(f);
    assert_int_equal(fread(out, 1, (size_t)size, f), (size_t)size);
    out[size] = '\0';
    assert_non_null(strstr(out, text));
    free(out);
    fclose(f);
    cor_table_free(t);
    cor_extract_free(ex);
    free(text);
}

static struct cor_dataset *load(const char *path)
{
    struct cor_dataset *ds = cor_dataset_new();
    struct cor_diags d;
    cor_diags_init(&d);
    assert_int_equal(cor_dataset_load(ds, path, &d, NULL), COR_OK);
    assert_int_equal(d.errors, 0);
    cor_diags_fini(&d);
    return ds;
}

static void test_extract_entity_from_data(void **state)
{
    (void)state;
    struct cor_dataset *ds = load(COR_TEST_DATA "/metrics");
    enum cor_kind kind = COR_KIND_COUNT;
    const char *entity = NULL;
    char cands[256];
    const char *s = "Testport handled 180 TEU in 2023.";
    assert_int_equal(cor_extract_entity(ds, s, strlen(s), "TEU", &kind, &entity, cands,
                                        sizeof cands, NULL),
                     COR_OK);
    assert_non_null(entity);
    assert_int_equal(kind, COR_KIND_PORT);
    assert_string_equal(entity, "Testport");
    /* Testland is an importer (trade) and a country (budget): not decided */
    s = "Testland's budget reached $20 billion.";
    assert_int_equal(cor_extract_entity(ds, s, strlen(s), "billion", &kind, &entity, cands,
                                        sizeof cands, NULL),
                     COR_OK);
    assert_null(entity);
    assert_string_equal(cands, "Testland (trade), Testland (budget)");
    /* no kind of Testland holds TEU */
    s = "Testland handled 50 TEU.";
    assert_int_equal(cor_extract_entity(ds, s, strlen(s), "TEU", &kind, &entity, cands,
                                        sizeof cands, NULL),
                     COR_OK);
    assert_null(entity);
    assert_string_equal(cands, "");
    /* a whole word only */
    s = "Testports handled 50 TEU.";
    assert_int_equal(cor_extract_entity(ds, s, strlen(s), "", &kind, &entity, cands,
                                        sizeof cands, NULL),
                     COR_OK);
    assert_null(entity);
    cor_dataset_free(ds);
}

static void test_extract_coverage(void **state)
{
    (void)state;
    struct cor_dataset *ds = load(COR_TEST_DATA "/coverage");
    struct cor_extract *ex = cor_extract_new();
    struct cor_error err = {0};
    assert_int_equal(cor_extract_file(ex, COR_TEST_DATA "/coverage/article.txt", COR_TEXT_AUTO,
                                      NULL, &err),
                     COR_OK);
    struct cor_coverage cov;
    assert_int_equal(cor_extract_coverage(ex, "article.txt", ds, &cov, &err), COR_OK);
    /* 12% (K1), $5 billion (K2 through the sources row), a third (K3 states 0.4, so
     * the skip row S2), 100,000 TEU (K4 is another article's), 80,000 TEU (S1);
     * 4 percentage points (K5 in pp), 3 percentage points (K6, written in % as
     * drafts were before the unit pp), 7% (K7 states 7 pp: a percentage is not
     * percentage points) */
    static const struct {
        enum cor_cover cover;
        const char *row;
    } want[] = {{COR_COVER_CLAIM, "K1"},   {COR_COVER_CLAIM, "K2"}, {COR_COVER_SKIP, "S2"},
                {COR_COVER_MISSING, NULL}, {COR_COVER_SKIP, "S1"},  {COR_COVER_CLAIM, "K5"},
                {COR_COVER_CLAIM, "K6"},   {COR_COVER_MISSING, NULL}};
    assert_int_equal(cov.n, 8);
    for (size_t i = 0; i < 8; i++) {
        assert_int_equal(cov.items[i].cover, want[i].cover);
        if (want[i].row)
            assert_string_equal(cor_dataset_str(ds, cov.items[i].row->id), want[i].row);
        else
            assert_null(cov.items[i].row);
    }
    assert_int_equal(cov.count[COR_COVER_CLAIM], 4);
    assert_int_equal(cov.count[COR_COVER_SKIP], 2);
    assert_int_equal(cov.count[COR_COVER_MISSING], 2);
    cor_coverage_fini(&cov);
    cor_coverage_fini(NULL);
    cor_extract_free(ex);
    cor_dataset_free(ds);
}

/* ---- precision and recall on the hand labels --------------------------------- */

struct label {
    char article[64], words[160], qualifier[16], unit[16], currency[8], period[32], metric[16];
    double value, lo, hi;
    int used;
};

struct labels {
    struct label v[128];
    size_t n;
    int error;
};

static double parse_value(const char *s)
{
    if (!*s)
        return NAN;
    const char *slash = strchr(s, '/');
    double a, b;
    if (slash) {   /* 1/3 */
        if (cor_num_parse(s, (size_t)(slash - s), &a, NULL) != COR_OK ||
            cor_num_parse(slash + 1, strlen(slash + 1), &b, NULL) != COR_OK)
            return NAN;
        return a / b;
    }
    return cor_num_parse(s, strlen(s), &a, NULL) == COR_OK ? a : NAN;
}

static enum cor_status on_label(const struct cor_csv_row *row, void *user)
{
    struct labels *L = user;
    if (row->index == 1)
        return COR_OK;
    if (row->nfields != 11 || L->n == sizeof L->v / sizeof *L->v) {
        L->error = 1;
        return COR_OK;
    }
    struct label *l = &L->v[L->n++];
    memset(l, 0, sizeof *l);
    snprintf(l->article, sizeof l->article, "%s", row->fields[0].text);
    snprintf(l->words, sizeof l->words, "%s", row->fields[1].text);
    l->value = parse_value(row->fields[2].text);
    l->lo = parse_value(row->fields[3].text);
    l->hi = parse_value(row->fields[4].text);
    snprintf(l->qualifier, sizeof l->qualifier, "%s", row->fields[5].text);
    snprintf(l->unit, sizeof l->unit, "%s", row->fields[6].text);
    snprintf(l->currency, sizeof l->currency, "%s", row->fields[7].text);
    snprintf(l->period, sizeof l->period, "%s", row->fields[8].text);
    snprintf(l->metric, sizeof l->metric, "%s", row->fields[9].text);
    return COR_OK;
}

/* Collapses white space (and no-break spaces) to single spaces. */
static void squash(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; i < n && k + 2 < cap; i++) {
        int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ||
                 (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0);
        if (sp) {
            if ((unsigned char)s[i] == 0xC2)
                i++;
            space = 1;
            continue;
        }
        if (space && k)
            out[k++] = ' ';
        space = 0;
        out[k++] = s[i];
    }
    out[k] = '\0';
}

static int same(double a, double b)
{
    return (isnan(a) && isnan(b)) || fabs(a - b) <= 1e-12 * fmax(fabs(a), fabs(b));
}

struct score {
    size_t drafted, labels, right, period_ok, metric_ok, matched;
};

/* Scores one article: a drafted figure matches the label whose words are in
 * its sentence and whose number it states; it is right when the qualifier,
 * unit and currency (and, strict, the period) agree too. */
static void score_article(struct labels *L, const char *file, int strict, struct score *sc)
{
    char path[512];
    snprintf(path, sizeof path, "%s/articles/%s", COR_TEST_DATA, file);
    struct cor_extract *ex = cor_extract_new();
    struct cor_error err = {0};
    assert_int_equal(cor_extract_file(ex, path, COR_TEXT_AUTO, NULL, &err), COR_OK);
    const char *text = cor_extract_text(ex, NULL);
    for (size_t k = 0; k < L->n; k++)
        sc->labels += strcmp(L->v[k].article, file) == 0;
    for (size_t i = 0; i < cor_extract_count(ex); i++) {
        const struct cor_finding *f = cor_extract_at(ex, i);
        if (f->find != COR_FIND_FIGURE)
            continue;
        sc->drafted++;
        const struct cor_sentence *s = cor_extract_sentence(ex, f->sentence);
        char sent[4096], words[256], period[64] = "";
        squash(text + s->start, s->end - s->start, sent, sizeof sent);
        if (f->period.kind != COR_PERIOD_NONE)
            cor_period_format(&f->period, period, sizeof period);
        struct label *hit = NULL;
        for (size_t k = 0; k < L->n && !hit; k++) {
            struct label *l = &L->v[k];
            squash(l->words, strlen(l->words), words, sizeof words);
            if (!l->used && strcmp(l->article, file) == 0 && strstr(sent, words) &&
                same(l->value, f->value) && same(l->lo, f->lo) && same(l->hi, f->hi))
                hit = l;
        }
        const char *cur = f->currency >= 0 ? cor_currency_name(f->currency) : "";
        if (!hit) {
            printf("  %s:%lu:%lu: drafted, no label: %.*s\n", file, f->line, f->col,
                   (int)(f->end - f->start), text + f->start);
            continue;
        }
        hit->used = 1;
        sc->matched++;
        int period_ok = strcmp(hit->period, period) == 0;
        int metric_ok = strcmp(hit->metric, cor_guess_name(f->metric)) == 0;
        sc->period_ok += (size_t)period_ok;
        sc->metric_ok += (size_t)metric_ok;
        int right = strcmp(hit->qualifier, cor_qualifier_name(f->qualifier)) == 0 &&
                    strcmp(hit->unit, f->unit) == 0 && strcmp(hit->currency, cur) == 0 &&
                    (!strict || period_ok);
        sc->right += (size_t)right;
        if (!right || !period_ok || !metric_ok)
            printf("  %s:%lu:%lu: '%s': drafted %s %s %s period '%s' metric %s; label %s %s %s "
                   "period '%s' metric %s%s\n",
                   file, f->line, f->col, hit->words, cor_qualifier_name(f->qualifier), f->unit,
                   cur, period, cor_guess_name(f->metric), hit->qualifier, hit->unit,
                   hit->currency, hit->period, hit->metric, right ? "" : "  <- wrong");
    }
    for (size_t k = 0; k < L->n; k++)
        if (!L->v[k].used && strcmp(L->v[k].article, file) == 0)
            printf("  %s: label not drafted: %s\n", file, L->v[k].words);
    cor_extract_free(ex);
}

static void test_extract_precision_recall_on_labels(void **state)
{
    (void)state;
    static struct labels L;
    memset(&L, 0, sizeof L);
    struct cor_error err = {0};
    assert_int_equal(cor_csv_read_file(COR_TEST_DATA "/articles/labels.csv", 0, on_label, &L, &err),
                     COR_OK);
    assert_false(L.error);
    static const char *const seeds[] = {"000_b644028322403218.txt", "001_a2a3287658cc28eb.txt",
                                        "002_b0244c9580d39161.txt", "003_336d8aef706f0d6d.txt",
                                        "004_ddd12444190b9e3c.txt"};
    static const char *const synthetic[] = {"synthetic_1.txt", "synthetic_2.md",
                                            "synthetic_3.html", "synthetic_4.txt"};
    struct score a = {0}, b = {0};
    printf("The five articles (right: number, qualifier, unit, currency and period):\n");
    for (size_t i = 0; i < 5; i++)
        score_article(&L, seeds[i], 1, &a);
    printf("The synthetic texts (right: number, qualifier, unit and currency):\n");
    for (size_t i = 0; i < 4; i++)
        score_article(&L, synthetic[i], 0, &b);
    for (size_t k = 0; k < L.n; k++) {   /* every label names a text scored above */
        int known = 0;
        for (size_t i = 0; i < 5; i++)
            known |= strcmp(L.v[k].article, seeds[i]) == 0;
        for (size_t i = 0; i < 4; i++)
            known |= strcmp(L.v[k].article, synthetic[i]) == 0;
        assert_true(known);
    }
    double pa = (double)a.right / (double)a.drafted, ra = (double)a.right / (double)a.labels;
    double pb = (double)b.right / (double)b.drafted, rb = (double)b.right / (double)b.labels;
    printf("articles:  %zu labels, %zu drafted, %zu right: precision %.3f, recall %.3f; "
           "metric as labelled %zu of %zu\n",
           a.labels, a.drafted, a.right, pa, ra, a.metric_ok, a.matched);
    printf("synthetic: %zu labels, %zu drafted, %zu right: precision %.3f, recall %.3f; "
           "period as labelled %zu of %zu, metric %zu of %zu\n",
           b.labels, b.drafted, b.right, pb, rb, b.period_ok, b.matched, b.metric_ok, b.matched);
    assert_true(a.labels == 19);   /* the labels of the five articles, counted by hand */
    assert_true(ra == 1.0);
    assert_true(pa >= 0.9);
    assert_true(rb == 1.0);
    assert_true(pb >= 0.9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_extract_numbers_and_units),
        cmocka_unit_test(test_extract_percentages),
        cmocka_unit_test(test_extract_fractions_in_words),
        cmocka_unit_test(test_extract_multiples),
        cmocka_unit_test(test_extract_ranks),
        cmocka_unit_test(test_extract_ranges),
        cmocka_unit_test(test_extract_qualifiers),
        cmocka_unit_test(test_extract_directions),
        cmocka_unit_test(test_extract_periods),
        cmocka_unit_test(test_extract_bases_and_rates),
        cmocka_unit_test(test_extract_exclusions),
        cmocka_unit_test(test_extract_html_and_markdown),
        cmocka_unit_test(test_extract_sentences_and_positions),
        cmocka_unit_test(test_extract_errors),
        cmocka_unit_test(test_extract_draft_table),
        cmocka_unit_test(test_extract_long_sentence_whole_in_csv),
        cmocka_unit_test(test_extract_entity_from_data),
        cmocka_unit_test(test_extract_coverage),
        cmocka_unit_test(test_extract_precision_recall_on_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
