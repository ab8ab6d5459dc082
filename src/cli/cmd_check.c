/* corridor check: every claim's verdict; exit 1 unless all are supported. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common.h"

enum { CHECK_DETAIL = COMMON_COUNT, CHECK_JUNIT, CHECK_TAP, CHECK_FAIL_ON, CHECK_ARTICLE,
       CHECK_CLAIM };

static const struct cli_option check_options[] = {
    COMMON_OPTIONS,
    {"detail", 0, NULL, "one row per piece of evidence and published figure"},
    {"junit", 0, "FILE", "also write the verdicts as JUnit XML (for CI)"},
    {"tap", 0, "FILE", "also write the verdicts as TAP (for CI)"},
    {"fail-on", 0, "LIST", "exit 1 when a claim has one of these verdicts (comma-separated: "
                           "contradicted, undecided, no-data; default unsupported: any of "
                           "them)"},
    {"article", 0, "FILE", "instead of verdicts: which quantitative statements of the article "
                           "FILE have a claim row or a skip row (repeatable; exit 1 if one has "
                           "neither)"},
    {"claim", 0, "ID", "only the claim with this id"},
    {NULL, 0, NULL, NULL}};

struct check_args {
    int detail;
    unsigned fail_on;   /* 1 << enum cor_verdict_kind; 0: the default, unsupported */
    const char *junit, *tap;
    const char *articles[16];
    size_t narticles;
    const char *claim;
};

/* --fail-on: "unsupported" or verdicts ("no data" may be written no-data). */
static int parse_fail_on(const struct cli_command *cmd, const char *arg, unsigned *mask)
{
    if (!*arg)
        return cli_usage_error(cmd, "--fail-on needs a list: unsupported, contradicted, "
                                    "undecided or no-data");
    while (*arg) {
        size_t len = strcspn(arg, ",");
        if (cor_word_eq(arg, len, "unsupported"))
            *mask |= 1u << COR_V_CONTRADICTED | 1u << COR_V_UNDECIDED | 1u << COR_V_NO_DATA;
        else {
            int found = 0;
            for (int v = COR_V_CONTRADICTED; v < COR_V_COUNT && !found; v++)
                if (cor_word_eq(arg, len, cor_verdict_name((enum cor_verdict_kind)v))) {
                    *mask |= 1u << v;
                    found = 1;
                }
            if (!found)
                return cli_usage_error(cmd, "--fail-on takes unsupported, contradicted, "
                                            "undecided or no-data, not '%.*s'",
                                       (int)len, arg);
        }
        arg += len;
        if (*arg == ',')
            arg++;
    }
    return CLI_OK;
}

static int check_extra(const struct cli_command *cmd, struct common *c, int opt,
                       const char *arg, void *user)
{
    struct check_args *a = user;
    (void)c;
    switch (opt) {
    case CHECK_DETAIL: a->detail = 1; break;
    case CHECK_JUNIT: a->junit = arg; break;
    case CHECK_TAP: a->tap = arg; break;
    case CHECK_CLAIM: a->claim = arg; break;
    case CHECK_ARTICLE:
        if (a->narticles == sizeof a->articles / sizeof *a->articles)
            return cli_usage_error(cmd, "too many --article (at most 16)");
        a->articles[a->narticles++] = arg;
        break;
    case CHECK_FAIL_ON: return parse_fail_on(cmd, arg, &a->fail_on);
    default: break;
    }
    return CLI_OK;
}

static void xml_text(const char *s, FILE *out)
{
    cor_export_html_escaped(s, out);
}

/* The summary and, when there are figures, the computed intervals that decided. */
static void verdict_note(const struct cor_verdict *v, void (*put)(const char *, FILE *), FILE *f)
{
    put(v->summary, f);
    char *computed = v->verdict == COR_V_NO_DATA ? NULL : cor_verdict_computed(v);
    if (computed && *computed) {
        put(" (", f);
        put(computed, f);
        put(")", f);
    }
    free(computed);
}

static void plain_text(const char *s, FILE *out)
{
    fputs(s, out);
}

static int write_junit(const char *path, const struct cor_dataset *ds,
                       const struct cor_verdicts *vs)
{
    struct cor_error err = {0};
    struct cor_atomic *a = cor_atomic_open(path, &err);
    if (!a)
        return common_output_failed(path, &err, err.status);
    FILE *f = cor_atomic_stream(a);
    size_t failures = vs->n - vs->count[COR_V_SUPPORTED];
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<testsuite name=\"corridor check\" tests=\"%zu\" failures=\"%zu\">\n",
            vs->n, failures);
    for (size_t i = 0; i < vs->n; i++) {
        const struct cor_verdict *v = &vs->v[i];
        fputs("  <testcase classname=\"claims\" name=\"", f);
        xml_text(cor_dataset_str(ds, v->claim->id), f);
        fputs(": ", f);
        xml_text(cor_dataset_str(ds, v->claim->quote), f);
        fputs("\">", f);
        if (v->verdict != COR_V_SUPPORTED) {
            fprintf(f, "\n    <failure message=\"%s\">", cor_verdict_name(v->verdict));
            verdict_note(v, xml_text, f);
            fputs("</failure>\n  ", f);
        }
        fputs("</testcase>\n", f);
    }
    fputs("</testsuite>\n", f);
    if (cor_atomic_commit(a, &err) != COR_OK)
        return common_output_failed(path, &err, err.status);
    return CLI_OK;
}

static int write_tap(const char *path, const struct cor_dataset *ds, const struct cor_verdicts *vs)
{
    struct cor_error err = {0};
    struct cor_atomic *a = cor_atomic_open(path, &err);
    if (!a)
        return common_output_failed(path, &err, err.status);
    FILE *f = cor_atomic_stream(a);
    fprintf(f, "1..%zu\n", vs->n);
    for (size_t i = 0; i < vs->n; i++) {
        const struct cor_verdict *v = &vs->v[i];
        fprintf(f, "%s %zu - %s %s\n", v->verdict == COR_V_SUPPORTED ? "ok" : "not ok", i + 1,
                cor_dataset_str(ds, v->claim->id), cor_verdict_name(v->verdict));
        fputs("  # ", f);
        verdict_note(v, plain_text, f);
        fputs("\n", f);
    }
    if (cor_atomic_commit(a, &err) != COR_OK)
        return common_output_failed(path, &err, err.status);
    return CLI_OK;
}

static int cmd_check(const struct cli_command *cmd, int argc, char **argv)
{
    struct common c;
    common_init(&c);
    c.kind_set = 1;
    c.sel.kind = COR_KIND_COUNT;   /* tells whether --kind was given */
    struct check_args a = {0};
    struct cor_dataset *ds = NULL;
    int rc = common_parse(cmd, argc, argv, &c, check_extra, &a);
    if (rc >= 0)
        return rc;
    const struct cor_select *s = &c.sel;
    if (s->kind != COR_KIND_COUNT || s->entity || s->nwhere || s->unit >= 0 || s->currency >= 0 ||
        s->status_mask || s->source || s->from.kind || s->to.kind || s->bbl_per_tonne > 0)
        return cli_usage_error(cmd, "each claim row gives its own selection: --kind, --entity, "
                                    "--where, --unit, --currency, --status, --source, --from, "
                                    "--to and --bbl-per-tonne do not apply to check");
    /* the data (default: the bundled datasets), then the claims (default: datasets/claims) */
    static char claims_dir[4096];
    if (a.narticles && (c.ndata || a.detail || a.junit || a.tap || a.fail_on))
        return cli_usage_error(cmd, "--article reports coverage from the claims alone: "
                                    "--data, --detail, --junit, --tap and --fail-on do not apply");
    if (a.narticles && a.claim)
        return cli_usage_error(cmd, "--article and --claim do not go together");
    int first = cli_operand_index(), data_given = c.ndata > 0;
    if (c.ndata == 0 && !a.narticles)
        c.data[c.ndata++] = cli_default_datasets();
    if (first >= argc && !data_given) {
        snprintf(claims_dir, sizeof claims_dir, "%s/claims", cli_default_datasets());
        c.data[c.ndata++] = claims_dir;
    }
    /* with --data and no CLAIMS: the claims in that data, and the claims/
     * folder of each data folder that has one */
    static char found[COMMON_MAX_DATA][4096];
    for (size_t i = 0, nd = c.ndata; first >= argc && data_given && i < nd; i++) {
        struct stat sb;
        int len = snprintf(found[i], sizeof found[i], "%s/claims", c.data[i]);
        if (len < 0 || (size_t)len >= sizeof found[i] || stat(found[i], &sb) != 0 ||
            !S_ISDIR(sb.st_mode))
            continue;
        if (c.ndata == COMMON_MAX_DATA)
            return cli_usage_error(cmd, "too many files (at most %d, with each data folder's "
                                        "claims/)",
                                   COMMON_MAX_DATA);
        c.data[c.ndata++] = found[i];
    }
    for (int i = first; i < argc; i++) {
        if (c.ndata == sizeof c.data / sizeof *c.data)
            return cli_usage_error(cmd, "too many files");
        c.data[c.ndata++] = argv[i];
    }
    if (a.narticles)
        return cli_check_articles(cmd, &c, a.articles, a.narticles);
    rc = common_load(cmd, &c, &ds);
    if (rc == CLI_OK && a.junit)
        rc = common_check_output(a.junit);
    if (rc == CLI_OK && a.tap)
        rc = common_check_output(a.tap);
    if (rc != CLI_OK) {
        cor_dataset_free(ds);
        return rc;
    }
    struct cor_verdicts vs;
    struct cor_error verr = {0};
    rc = CLI_OK;
    if (cor_verdicts_evaluate(ds, &c.sel.ival, &vs, &verr) != COR_OK) {
        fprintf(stderr, "corridor: %s\n", verr.message);
        rc = CLI_IO;
    }
    if (rc == CLI_OK && a.claim) {   /* one claim: the others are dropped */
        size_t keep = 0;
        for (size_t i = 0; i < vs.n; i++) {
            if (strcmp(cor_dataset_str(ds, vs.v[i].claim->id), a.claim) != 0) {
                vs.count[vs.v[i].verdict]--;
                cor_verdict_fini(&vs.v[i]);
            } else
                vs.v[keep++] = vs.v[i];
        }
        vs.n = keep;
        if (keep == 0) {
            fprintf(stderr, "corridor: no claim with id '%s'\n", a.claim);
            rc = CLI_USAGE;
        }
    }
    struct cor_table *t = rc == CLI_OK ? cor_verdicts_table(ds, &vs, a.detail) : NULL;
    if (rc == CLI_OK && vs.n == 0) {
        fputs("corridor: no claims found in", stderr);
        for (size_t i = 0; i < c.ndata; i++)
            fprintf(stderr, "%s %s", i ? "," : "", c.data[i]);
        fprintf(stderr, " (a claims file has a claim_qualifier column)%s\n",
                data_given && first >= argc ? ": name the claims file, corridor check "
                                              "CLAIMS.csv --data DIR" : "");
        rc = CLI_DATA;
    }
    if (rc == CLI_OK)
        rc = common_emit(&c, t);
    if (rc == CLI_OK && a.junit)
        rc = write_junit(a.junit, ds, &vs);
    if (rc == CLI_OK && a.tap)
        rc = write_tap(a.tap, ds, &vs);
    if (rc == CLI_OK) {
        unsigned fail_on = a.fail_on ? a.fail_on
                                     : 1u << COR_V_CONTRADICTED | 1u << COR_V_UNDECIDED |
                                           1u << COR_V_NO_DATA;
        int failed = 0;
        for (int v = 0; v < COR_V_COUNT; v++)
            failed |= (fail_on >> v & 1u) && vs.count[v] > 0;
        rc = failed ? CLI_UNSUPPORTED : CLI_OK;
    }
    cor_table_free(t);
    cor_verdicts_fini(&vs);
    cor_dataset_free(ds);
    return rc;
}

const struct cli_command cli_check = {
    "check", "[CLAIMS]...",
    "give every claim a verdict: supported, contradicted, undecided or no data",
    "Evaluates every claim in the CLAIMS files or folders (default: the claims in the --data\n"
    "given and in the claims/ folder of each --data folder, else the bundled claims,\n"
    "datasets/claims) against the data (--data; default: the\n"
    "bundled datasets; --claim ID: that claim only) and prints one row per claim: its\n"
    "verdict, the class of evidence that decided it (actual, then estimate, then projected\n"
    "or planned, then statement), the claimed interval, the computed ones and a summary\n"
    "with the lower classes' verdicts (--detail: one row per piece of evidence and\n"
    "published figure, with its class, margins and sources). A claims file with a\n"
    "tolerance column pins expected values: a row passes when the\n"
    "computed value is within the relative tolerance. Exit status 0 when every claim is\n"
    "supported, 1 otherwise (--fail-on: only for the verdicts listed).\n"
    "With --article FILE, check gives no verdicts: it lists every quantitative statement of\n"
    "the article (as corridor claims draft finds them) with the claim row that checks it or\n"
    "the skip row that leaves it out, and exits 1 when one has neither.",
    check_options,
    "corridor check --detail -f text\n"
    "corridor check my_claims.csv --data my_data/ --junit claims.xml\n"
    "corridor check --fail-on contradicted,no-data\n"
    "corridor check --article article.txt my_claims.csv",
    cmd_check,
};
