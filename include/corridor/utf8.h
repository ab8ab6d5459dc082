/* corridor/utf8.h - UTF-8, one byte at a time or one character at a time.
 *
 * Well-formed UTF-8 is what Unicode's table 3-7 allows: no overlong forms,
 * no surrogates (U+D800..U+DFFF), nothing above U+10FFFF. The reader uses
 * the byte decoder to find invalid text wherever a chunk ends; the writers
 * use cor_utf8_next() to replace what is invalid. Nothing here allocates. */
#ifndef CORRIDOR_UTF8_H
#define CORRIDOR_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* A byte decoder's state; zero-initialise it (or cor_utf8_reset). */
struct cor_utf8 {
    uint32_t cp;            /* the code point so far */
    unsigned char need;     /* continuation bytes still expected */
    unsigned char lo, hi;   /* the range the next continuation byte must be in */
};

enum cor_utf8_step {
    COR_UTF8_CHAR = 1,      /* *cp is a complete character */
    COR_UTF8_MORE = 0,      /* the byte was taken; more are needed */
    COR_UTF8_BAD = -1,      /* the byte was taken; the sequence is invalid */
    COR_UTF8_BAD_AGAIN = -2 /* the sequence before this byte was cut short: it
                             * is invalid, and the byte must be fed again */
};

void cor_utf8_reset(struct cor_utf8 *d);

/* Feeds one byte. After COR_UTF8_BAD or COR_UTF8_BAD_AGAIN the state is
 * reset. */
enum cor_utf8_step cor_utf8_feed(struct cor_utf8 *d, unsigned char b, uint32_t *cp);

/* The character at s[0..n) (n >= 1): returns its length in bytes and stores
 * the code point, or, for invalid bytes, returns how many to skip (>= 1: the
 * longest invalid prefix, as U+FFFD replaces it) and stores
 * COR_UTF8_INVALID. */
#define COR_UTF8_INVALID 0xFFFFFFFFu
size_t cor_utf8_next(const char *s, size_t n, uint32_t *cp);

/* 1 for a character that is not text: C0 controls other than tab, line
 * feed and carriage return, DEL and the C1 controls (U+0080..U+009F). */
int cor_utf8_is_control(uint32_t cp);

/* Writes cp as UTF-8 into out (4 bytes at most); returns the length. */
size_t cor_utf8_encode(uint32_t cp, char *out);

#endif
