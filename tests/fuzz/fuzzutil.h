/* Helpers shared by the fuzz targets: a private folder for files, output
 * into memory, checks that abort (libFuzzer reports the input). */
#ifndef CORRIDOR_FUZZUTIL_H
#define CORRIDOR_FUZZUTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A fresh private folder for this process (removed at exit). */
const char *fuzz_dir(void);

/* Writes bytes to DIR/name; aborts if it cannot. Returns the path (static). */
const char *fuzz_write(const char *name, const uint8_t *data, size_t len);

/* Removes every file of the folder. */
void fuzz_clear(void);

/* Aborts with a message when cond is false (a failed property). */
#define FUZZ_CHECK(cond) fuzz_check((cond), #cond, __FILE__, __LINE__)
void fuzz_check(int ok, const char *what, const char *file, int line);

/* 1 if s[0..n) is valid UTF-8. */
int fuzz_valid_utf8(const char *s, size_t n);

/* Writes t in every format into memory; the text, Markdown, HTML and JSON
 * must be valid UTF-8 (CSV and TSV keep the bytes, LaTeX writes '?'). */
struct cor_table;
void fuzz_write_formats(const struct cor_table *t);

/* fuzzutil.c defines LLVMFuzzerInitialize for every target: GSL's error
 * handler off (it aborts), the private folder made. */

#endif
