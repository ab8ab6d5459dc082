/* memprobe: what memory costs on this machine, the two figures that bound
 * the panel's group tables (README, "The benchmark"):
 *   - first touch: writing N MiB just allocated (page faults and zeroing by
 *     the kernel, and on a VM the host's own faults), on huge pages or not,
 *     against writing the same memory again;
 *   - random access: read-modify-write of one random 64-byte line of an N MiB
 *     table per access, with 32 accesses prefetched at a time or none.
 *   cc -O2 -o memprobe memprobe.c && ./memprobe [MIB]   (default 64)
 * Synthetic: it measures the machine, not corridor. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static char *table(size_t n, int huge)
{
    void *p = NULL;
    if (posix_memalign(&p, (size_t)2 << 20, n) != 0) {
        perror("memprobe");
        exit(1);
    }
    madvise(p, n, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    return p;
}

static void first_touch(size_t n, int huge)
{
    char *p = table(n, huge);
    double t0 = now();
    memset(p, 0, n);
    double t1 = now();
    memset(p, 1, n);
    double t2 = now();
    printf("first touch, %s pages: %.0f ms (%.2f GB/s); again: %.1f ms\n",
           huge ? "huge" : "4 KiB", (t1 - t0) * 1e3, (double)n / (t1 - t0) / 1e9,
           (t2 - t1) * 1e3);
    free(p);
}

static void random_access(size_t n, int batch)
{
    char *p = table(n, 1);
    memset(p, 0, n);
    size_t lines = n / 64, total = 20000000, idx[32];
    uint64_t x = 88172645463325252ull, sum = 0;
    double t0 = now();
    for (size_t i = 0; i < total; i += (size_t)batch) {
        for (int b = 0; b < batch; b++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            idx[b] = (size_t)(x % lines) * 64;
            if (batch > 1)
                __builtin_prefetch(p + idx[b], 1);
        }
        for (int b = 0; b < batch; b++) {
            double *d = (double *)(void *)(p + idx[b]);
            d[0] += 1;
            d[1] += d[0];
            sum += (uint64_t)d[1];
        }
    }
    printf("random access, %s: %.1f ns a line (%llu)\n",
           batch > 1 ? "32 prefetched at a time" : "no prefetch",
           (now() - t0) / (double)total * 1e9, (unsigned long long)(sum & 1));
    free(p);
}

int main(int argc, char **argv)
{
    size_t mib = argc > 1 ? strtoul(argv[1], NULL, 10) : 64;
    if (mib == 0)
        mib = 64;
    size_t n = mib << 20;
    printf("%zu MiB\n", mib);
    first_touch(n, 1);
    first_touch(n, 1);
    first_touch(n, 0);
    random_access(n, 32);
    random_access(n, 1);
    return 0;
}
