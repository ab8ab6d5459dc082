/* corridor claims draft: every quantitative statement of a text as a draft
 * claims file (or, --list, every number with the decision made about it);
 * and the coverage report of `corridor check --article`. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include "common.h"

enum { CL_OUTPUT, CL_DATA, CL_LIST, CL_FORMAT, CL_DATE, CL_INPUT, CL_HELP };

static const struct cli_option claims_options[] = {
    [CL_OUTPUT] = {"output", 'o', "FILE", "write the draft (or the list) to FILE, whole or not "
                                          "at all (default: standard output)"},
    [CL_DATA] = {"data", 'd', "PATH", "fill kind and entity when a sentence names exactly one "
                                      "entity of this data (repeatable)"},
    [CL_LIST] = {"list", 0, NULL, "print every number found, with the decision made about it "
                                  "and the reason, instead of the draft"},
    [CL_FORMAT] = {"format", 'f', "FMT", "with --list: text, csv, tsv, md, latex, html or json "
                                         "(default: text on a terminal, csv otherwise); the "
                                         "draft is always CSV"},
    [CL_DATE] = {"date", 0, "YEAR", "the year 'this year' means, also the end of 'since 2019' "
                                    "(default: from a date line of the text)"},
    [CL_INPUT] = {"input", 0, "FMT", "read the files as plain, markdown or html (default: by "
                                     "the file name, then the content)"},
    [CL_HELP] = {"help", 'h', NULL, "show this help and exit"},
    {NULL, 0, NULL, NULL},
};

struct claims_args {
    struct common c;             /* --data, --format, --output */
    int list;
    struct cor_extract_opts opts;
    enum cor_text_format input;
};

static int claims_option(const struct cli_command *cmd, int opt, const char *arg, void *user)
{
    struct claims_args *a = user;
    switch (opt) {
    case CL_OUTPUT: return common_option(cmd, &a->c, COMMON_OUTPUT, arg);
    case CL_DATA: return common_option(cmd, &a->c, COMMON_DATA, arg);
    case CL_FORMAT: return common_option(cmd, &a->c, COMMON_FORMAT, arg);
    case CL_LIST: a->list = 1; break;
    case CL_DATE: {
        struct cor_period p;
        if (cor_period_parse(arg, strlen(arg), &p) != COR_OK ||
            (p.kind != COR_PERIOD_YEAR && p.kind != COR_PERIOD_MONTH && p.kind != COR_PERIOD_DAY))
            return cli_usage_error(cmd, "--date takes a year or a date (2025, 2025-12-18), "
                                        "not '%s'", arg);
        a->opts.year = p.y0;
        break;
    }
    case CL_INPUT:
        if (strcmp(arg, "plain") == 0)
            a->input = COR_TEXT_PLAIN;
        else if (strcmp(arg, "markdown") == 0 || strcmp(arg, "md") == 0)
            a->input = COR_TEXT_MARKDOWN;
        else if (strcmp(arg, "html") == 0)
            a->input = COR_TEXT_HTML;
        else
            return cli_usage_error(cmd, "--input takes plain, markdown or html, not '%s'", arg);
        break;
    default: break;
    }
    return CLI_OK;
}

/* The article's name in the claims file: the file name without its folders. */
static const char *article_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Reads one article; prints the error and returns its exit code on failure. */
/* Registers the texts read, so that no output replaces one. */
static int register_texts(const char *const *paths, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct cor_error err = {0};
        enum cor_status st = strcmp(paths[i], "-") == 0
                                 ? cor_atomic_add_input_fd(0, "standard input", &err)
                                 : cor_atomic_add_input(paths[i], &err);
        if (st != COR_OK) {
            fprintf(stderr, "corridor: %s\n", err.message);
            return CLI_IO;
        }
    }
    return CLI_OK;
}

static int read_article(struct cor_extract *ex, const char *path,
                        const struct claims_args *a)
{
    struct cor_error err = {0};
    enum cor_status st = cor_extract_file(ex, path, a->input, &a->opts, &err);
    if (st == COR_OK)
        return CLI_OK;
    if (st == COR_EPARSE) {
        fprintf(stderr, "corridor: %s:%lu:%lu: error: %s\n", path, err.line, err.col,
                err.message);
        return CLI_DATA;
    }
    fprintf(stderr, "corridor: %s: %s\n", path, err.message);
    return CLI_IO;
}

/* Appends the rows of src to dst (tables with the same columns). */
static enum cor_status append_rows(struct cor_table *dst, const struct cor_table *src)
{
    for (size_t r = 0; r < cor_table_rows(src); r++) {
        enum cor_status st = cor_table_add_row(dst);
        for (size_t c = 0; c < cor_table_cols(src) && st == COR_OK; c++)
            st = cor_table_col_type(src, c) == COR_CELL_TEXT
                     ? cor_table_set_text(dst, c, cor_table_text(src, r, c))
                     : cor_table_set_num(dst, c, cor_table_num(src, r, c));
        if (st != COR_OK)
            return st;
    }
    return COR_OK;
}

static int cmd_claims(const struct cli_command *cmd, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        if (argc < 2)
            return cli_usage_error(cmd, "missing subcommand (draft)");
        cli_print_help(cmd, stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "draft") != 0)
        return cli_usage_error(cmd, "unknown subcommand '%s' (expected draft)", argv[1]);
    struct claims_args a;
    memset(&a, 0, sizeof a);
    common_init(&a.c);
    a.c.kind_set = 1;
    int rc = cli_parse_options(cmd, argc - 1, argv + 1, claims_option, &a);
    if (rc >= 0)
        return rc;
    int first = cli_operand_index() + 1;
    if (first >= argc)
        return cli_usage_error(cmd, "no text to read: give one or more FILEs");
    if (!a.list && a.c.format_set && a.c.format != COR_FMT_CSV)
        return cli_usage_error(cmd, "the draft is a claims file, always CSV: --format is for "
                                    "--list");
    if (!a.list)
        a.c.format = COR_FMT_CSV;
    if ((rc = register_texts((const char *const *)argv + first, (size_t)(argc - first))) !=
        CLI_OK)
        return rc;
    if (a.c.output && (rc = common_check_output(a.c.output)) != CLI_OK)
        return rc;
    struct cor_dataset *ds = NULL;
    if (a.c.ndata && (rc = common_load(cmd, &a.c, &ds)) != CLI_OK)
        return rc;
    struct cor_table *t = a.list ? cor_table_new("Every number found, with the decision and its reason")
                                 : cor_extract_draft_table();
    struct cor_extract *ex = cor_extract_new();
    rc = t && ex ? CLI_OK : CLI_IO;
    size_t next_id = 1;
    for (int i = first; i < argc && rc == CLI_OK; i++) {
        if ((rc = read_article(ex, argv[i], &a)) != CLI_OK)
            break;
        const char *name = article_name(argv[i]);
        size_t figures = 0, n = cor_extract_count(ex);
        for (size_t k = 0; k < n; k++)
            figures += cor_extract_at(ex, k)->find == COR_FIND_FIGURE;
        enum cor_status st;
        if (a.list) {
            struct cor_table *one = cor_extract_list_table(ex, name);
            if (one && cor_table_cols(t) == 0)
                for (size_t c = 0; c < cor_table_cols(one); c++)
                    cor_table_add_col(t, cor_table_col_name(one, c), NULL,
                                      cor_table_col_type(one, c), c < 3 ? 0 : -1);
            st = one ? append_rows(t, one) : COR_ENOMEM;
            cor_table_free(one);
        } else
            st = cor_extract_draft(ex, name, ds, t, &next_id);
        if (st != COR_OK) {
            fprintf(stderr, "corridor: %s: %s\n", argv[i], cor_strerror(st));
            rc = CLI_IO;
            break;
        }
        fprintf(stderr, "corridor: %s: %zu figures drafted, %zu other numbers not drafted%s\n",
                argv[i], figures, n - figures,
                a.list ? "" : " (--list shows every number and why)");
    }
    if (rc == CLI_OK)
        rc = common_emit(&a.c, t);
    cor_extract_free(ex);
    cor_table_free(t);
    cor_dataset_free(ds);
    return rc;
}

const struct cli_command cli_claims = {
    "claims",
    "draft FILE...",
    "draft a claims file from the quantitative statements of articles",
    "claims draft reads each FILE (UTF-8 text; Markdown and HTML are reduced to text) and\n"
    "writes a claims file with one row per quantitative statement: the sentence as quote,\n"
    "the file name as article, the qualifier (about, nearly, more than, at least, up to...),\n"
    "the number or range and its unit (%, fraction, x, TEU, t/kt/Mt, bcm, b/d, or a money\n"
    "scale with its currency), a guess of the metric (value, growth, multiple, share,\n"
    "change, record, first_time, rank), the period the sentence states, and a note of\n"
    "what is left to fill in. Dates, times, names with numbers (Section 907), ordinals, years,\n"
    "durations and counts written in words are not drafted; --list shows every number with\n"
    "the decision and its reason. Fill in kind, entity and where, then run corridor check;\n"
    "corridor check --article FILE shows which statements still lack a claim row.",
    claims_options,
    "corridor claims draft article.txt -o article_claims.csv\n"
    "corridor claims draft --list article.txt\n"
    "corridor claims draft -d datasets article.txt",
    cmd_claims,
};

/* ---- check --article -------------------------------------------------------- */

int cli_check_articles(const struct cli_command *cmd, struct common *c,
                       const char *const *articles, size_t narticles)
{
    int rc = register_texts(articles, narticles);   /* checked against -o by common_load */
    if (rc != CLI_OK)
        return rc;
    struct cor_dataset *ds = NULL;
    if ((rc = common_load(cmd, c, &ds)) != CLI_OK)
        return rc;
    static const char *const cols[] = {"article", "line", "column", "words", "covered", "row",
                                       "reason", "sentence"};
    struct cor_table *t = cor_table_new("Quantitative statements and the claim rows that "
                                        "cover them");
    struct cor_extract *ex = cor_extract_new();
    rc = t && ex ? CLI_OK : CLI_IO;
    for (size_t k = 0; k < sizeof cols / sizeof *cols && rc == CLI_OK; k++)
        if (cor_table_add_col(t, cols[k], NULL, k == 1 || k == 2 ? COR_CELL_NUMBER : COR_CELL_TEXT,
                              k == 1 || k == 2 ? 0 : -1) != COR_OK)
            rc = CLI_IO;
    struct claims_args a;
    memset(&a, 0, sizeof a);
    size_t count[3] = {0, 0, 0};
    for (size_t i = 0; i < narticles && rc == CLI_OK; i++) {
        if ((rc = read_article(ex, articles[i], &a)) != CLI_OK)
            break;
        const char *name = article_name(articles[i]);
        struct cor_coverage cov;
        struct cor_error err = {0};
        if (cor_extract_coverage(ex, name, ds, &cov, &err) != COR_OK) {
            fprintf(stderr, "corridor: %s\n", err.message);
            rc = CLI_IO;
            break;
        }
        const char *text = cor_extract_text(ex, NULL);
        enum cor_status st = COR_OK;
        for (size_t k = 0; k < cov.n && st == COR_OK; k++) {
            const struct cor_coverage_item *it = &cov.items[k];
            const struct cor_finding *f = cor_extract_at(ex, it->finding);
            const struct cor_sentence *s = cor_extract_sentence(ex, f->sentence);
            static const char *const how[] = {"claim", "skip", "MISSING"};
            char words[512], *sentence = strndup(text + s->start, s->end - s->start);
            snprintf(words, sizeof words, "%.*s", (int)(f->end - f->start), text + f->start);
            for (char *p = sentence; p && *p; p++)
                if (*p == '\n' || *p == '\r' || *p == '\t')
                    *p = ' ';
            st = sentence ? cor_table_add_row(t) : COR_ENOMEM;
            if (st == COR_OK)
                st = cor_table_set_text(t, 0, name);
            if (st == COR_OK)
                st = cor_table_set_num(t, 1, (double)f->line);
            if (st == COR_OK)
                st = cor_table_set_num(t, 2, (double)f->col);
            if (st == COR_OK)
                st = cor_table_set_text(t, 3, words);
            if (st == COR_OK)
                st = cor_table_set_text(t, 4, how[it->cover]);
            if (st == COR_OK)
                st = cor_table_set_text(t, 5, it->row ? cor_dataset_str(ds, it->row->id) : "");
            if (st == COR_OK)
                st = cor_table_set_text(t, 6, it->cover == COR_COVER_SKIP
                                                  ? cor_dataset_str(ds, it->row->note)
                                              : it->cover == COR_COVER_MISSING
                                                  ? "no claim row quotes it with its number, "
                                                    "and no skip row"
                                                  : "");
            if (st == COR_OK)
                st = cor_table_set_text(t, 7, sentence);
            free(sentence);
        }
        for (int k = 0; k < 3; k++)
            count[k] += cov.count[k];
        if (cov.count[COR_COVER_MISSING])
            fprintf(stderr, "corridor: %s: %zu of %zu quantitative statements have no claim row "
                            "and no skip row\n",
                    articles[i], cov.count[COR_COVER_MISSING], cov.n);
        cor_coverage_fini(&cov);
        if (st != COR_OK)
            rc = CLI_IO;
    }
    if (rc == CLI_OK) {
        cor_table_add_note(t, "%zu quantitative statements: %zu checked by a claim row, %zu "
                              "skipped with a reason, %zu missing.",
                           count[0] + count[1] + count[2], count[0], count[1], count[2]);
        cor_table_add_note(t, "A row covers a statement when its quote is in the sentence "
                              "around the figure and it states the figure's number (or its "
                              "metric is skip).");
        rc = common_emit(c, t);
    }
    if (rc == CLI_OK && count[COR_COVER_MISSING])
        rc = CLI_UNSUPPORTED;
    cor_extract_free(ex);
    cor_table_free(t);
    cor_dataset_free(ds);
    return rc;
}
