/* Helpers shared by the fuzz targets. */
#define _POSIX_C_SOURCE 200809L

#include "fuzzutil.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include "corridor/init.h"
#include "corridor/export.h"
#include "corridor/utf8.h"

static char dir[256];

static void remove_dir(void)
{
    fuzz_clear();
    rmdir(dir);
}

const char *fuzz_dir(void)
{
    if (!dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/corridor-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(dir)) {
            perror(dir);
            abort();
        }
        atexit(remove_dir);
    }
    return dir;
}

const char *fuzz_write(const char *name, const uint8_t *data, size_t len)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        abort();
    }
    return path;
}

void fuzz_clear(void)
{
    DIR *d = opendir(fuzz_dir());
    struct dirent *e;
    char path[512];
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    if (d)
        closedir(d);
}

void fuzz_check(int ok, const char *what, const char *file, int line)
{
    if (!ok) {
        fprintf(stderr, "%s:%d: property failed: %s\n", file, line, what);
        abort();
    }
}

int fuzz_valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0, k; i < n; i += k) {
        uint32_t cp;
        k = cor_utf8_next(s + i, n - i, &cp);
        if (cp == COR_UTF8_INVALID)
            return 0;
    }
    return 1;
}

void fuzz_write_formats(const struct cor_table *t)
{
    for (int f = 0; f < COR_FMT_COUNT; f++) {
        char *buf = NULL;
        size_t n = 0;
        FILE *out = open_memstream(&buf, &n);
        FUZZ_CHECK(out != NULL);
        FUZZ_CHECK(cor_export_table(t, (enum cor_format)f, out) == COR_OK);
        fclose(out);
        if (f != COR_FMT_CSV && f != COR_FMT_TSV && f != COR_FMT_LATEX)
            FUZZ_CHECK(fuzz_valid_utf8(buf, n));
        free(buf);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    cor_init();
    fuzz_dir();
    return 0;
}
