/* libFuzzer target for the extractor: any bytes, read as plain text,
 * Markdown or HTML (the first byte chooses), must give findings whose
 * offsets lie inside the text and its sentences, and tables that build;
 * never a crash, a leak or undefined behaviour. Built with the other
 * targets when CORRIDOR_FUZZ=ON; run with scripts/fuzz extract SECONDS. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "corridor/extract.h"
#include "corridor/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const enum cor_text_format formats[] = {COR_TEXT_PLAIN, COR_TEXT_MARKDOWN,
                                                   COR_TEXT_HTML, COR_TEXT_AUTO};
    enum cor_text_format fmt = formats[data[0] % 4];
    struct cor_extract_opts opts = {data[0] & 4 ? 2025 : 0};
    struct cor_extract *ex = cor_extract_new();
    if (!ex)
        return 0;
    if (cor_extract_run(ex, "fuzz", (const char *)data + 1, size - 1, fmt, &opts, NULL) ==
        COR_OK) {
        size_t len;
        cor_extract_text(ex, &len);
        for (size_t i = 0; i < cor_extract_sentence_count(ex); i++) {
            const struct cor_sentence *s = cor_extract_sentence(ex, i);
            if (s->start >= s->end || s->end > len || s->line == 0 || s->col == 0)
                abort();
        }
        for (size_t i = 0; i < cor_extract_count(ex); i++) {
            const struct cor_finding *f = cor_extract_at(ex, i);
            const struct cor_sentence *s = cor_extract_sentence(ex, f->sentence);
            if (!s || f->start >= f->end || f->start < s->start || f->end > s->end ||
                f->line == 0 || f->col == 0 || !f->reason || !f->unit)
                abort();
            if (i > 0 && cor_extract_at(ex, i - 1)->start > f->start)
                abort();   /* in text order */
        }
        struct cor_table *t = cor_extract_draft_table();
        size_t id = 1;
        if (t)
            cor_extract_draft(ex, "fuzz", NULL, t, &id);
        cor_table_free(t);
        cor_table_free(cor_extract_list_table(ex, "fuzz"));
    }
    cor_extract_free(ex);
    return 0;
}
