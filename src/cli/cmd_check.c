/* corridor check: every claim's verdict; exit 1 unless all are supported. */
#include <math.h>
#include <string.h>

#include "common.h"

enum { CHECK_DETAIL = COMMON_COUNT, CHECK_JUNIT, CHECK_TAP, CHECK_FAIL_ON, CHECK_ARTICLE };

static const struct cli_option check_options[] = {
    COMMON_OPTIONS,
    {"detail", 0, NULL, "one row per piece of evidence and published figure"},
    {"junit", 0, "FILE", "also write the verdicts as JUnit XML (for CI)"},
    {"tap", 0, "FILE", "also write the verdicts as TAP (for CI)"},
    {"fail-on", 0, "WHAT", "unsupported (default: exit 1 unless every claim is supported) "
                           "or contradicted (exit 1 only on a contradiction)"},
    {"article", 0, "FILE", "instead of verdicts: which quantitative statements of the article "
                           "FILE have a claim row or a skip row (repeatable; exit 1 if one has "
                           "neither)"},
    {NULL, 0, NULL, NULL}};

struct check_args {
    int detail, fail_on_contradicted, fail_on_set;
    const char *junit, *tap;
    const char *articles[16];
    size_t narticles;
};

static int check_extra(const struct cli_command *cmd, struct common *c, int opt,
                       const char *arg, void *user)
{
    struct check_args *a = user;
    (void)c;
    switch (opt) {
    case CHECK_DETAIL: a->detail = 1; break;
    case CHECK_JUNIT: a->junit = arg; break;
    case CHECK_TAP: a->tap = arg; break;
    case CHECK_ARTICLE:
        if (a->narticles == sizeof a->articles / sizeof *a->articles)
            return cli_usage_error(cmd, "too many --article (at most 16)");
        a->articles[a->narticles++] = arg;
        break;
    case CHECK_FAIL_ON:
        a->fail_on_set = 1;
        if (strcmp(arg, "contradicted") == 0)
            a->fail_on_contradicted = 1;
        else if (strcmp(arg, "unsupported") != 0)
            return cli_usage_error(cmd, "--fail-on takes unsupported or contradicted");
        break;
    default: break;
    }
    return CLI_OK;
}

static void xml_text(const char *s, FILE *out)
{
    cor_export_html_escaped(s, out);
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
    char buf[2048];
    for (size_t i = 0; i < vs->n; i++) {
        const struct cor_verdict *v = &vs->v[i];
        fputs("  <testcase classname=\"claims\" name=\"", f);
        xml_text(cor_dataset_str(ds, v->claim->id), f);
        fputs(": ", f);
        xml_text(cor_dataset_str(ds, v->claim->quote), f);
        fputs("\">", f);
        if (v->verdict != COR_V_SUPPORTED) {
            fprintf(f, "\n    <failure message=\"%s\">", cor_verdict_name(v->verdict));
            cor_verdict_computed(ds, v, buf, sizeof buf);
            xml_text(v->verdict == COR_V_NO_DATA ? v->problem : buf, f);
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
    char buf[2048];
    for (size_t i = 0; i < vs->n; i++) {
        const struct cor_verdict *v = &vs->v[i];
        fprintf(f, "%s %zu - %s %s\n", v->verdict == COR_V_SUPPORTED ? "ok" : "not ok", i + 1,
                cor_dataset_str(ds, v->claim->id), cor_verdict_name(v->verdict));
        cor_verdict_computed(ds, v, buf, sizeof buf);
        fprintf(f, "  # %s\n", v->verdict == COR_V_NO_DATA ? v->problem : buf);
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
    struct check_args a = {0};
    struct cor_dataset *ds = NULL;
    int rc = common_parse(cmd, argc, argv, &c, check_extra, &a);
    if (rc >= 0)
        return rc;
    /* the data (default: the bundled datasets), then the claims (default: datasets/claims) */
    static char claims_dir[4096];
    if (a.narticles && (c.ndata || a.detail || a.junit || a.tap || a.fail_on_set))
        return cli_usage_error(cmd, "--article reports coverage from the claims alone: "
                                    "--data, --detail, --junit, --tap and --fail-on do not apply");
    if (c.ndata == 0 && !a.narticles)
        c.data[c.ndata++] = cli_default_datasets();
    int first = cli_operand_index();
    if (first >= argc) {
        snprintf(claims_dir, sizeof claims_dir, "%s/claims", cli_default_datasets());
        c.data[c.ndata++] = claims_dir;
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
    struct cor_table *t = rc == CLI_OK ? cor_verdicts_table(ds, &vs, a.detail) : NULL;
    if (rc == CLI_OK && vs.n == 0) {
        fprintf(stderr, "corridor: no claims found (a claims file has a claim_qualifier "
                        "column)\n");
        rc = CLI_DATA;
    }
    if (rc == CLI_OK)
        rc = common_emit(&c, t);
    if (rc == CLI_OK && a.junit)
        rc = write_junit(a.junit, ds, &vs);
    if (rc == CLI_OK && a.tap)
        rc = write_tap(a.tap, ds, &vs);
    if (rc == CLI_OK) {
        int failed = a.fail_on_contradicted ? vs.count[COR_V_CONTRADICTED] > 0
                                            : vs.count[COR_V_SUPPORTED] < vs.n;
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
    "Evaluates every claim in the CLAIMS files or folders (default: the bundled claims,\n"
    "datasets/claims) against the data (--data; default: the bundled datasets) and prints\n"
    "one row per claim: its verdict, the claimed interval and the computed ones (--detail:\n"
    "one row per piece of evidence and published figure, with the margin and the sources).\n"
    "A claims file with a tolerance column pins expected values: a row passes when the\n"
    "computed value is within the relative tolerance. Exit status 0 when every claim is\n"
    "supported, 1 otherwise (--fail-on contradicted: only when one is contradicted).\n"
    "With --article FILE, check gives no verdicts: it lists every quantitative statement of\n"
    "the article (as corridor claims draft finds them) with the claim row that checks it or\n"
    "the skip row that leaves it out, and exits 1 when one has neither.",
    check_options,
    "corridor check --detail -f text\n"
    "corridor check my_claims.csv --data my_data/ --junit claims.xml\n"
    "corridor check --article article.txt my_claims.csv",
    cmd_check,
};
