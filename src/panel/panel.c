/* The panel run: check the spec, open the file, read its header, read both
 * parts (panel_read.c), merge them and compute (panel_work.c), write
 * (panel_out.c). See corridor/panel.h. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "panel_internal.h"

enum cor_status cor_panel_oom(struct cor_panel_run *R)
{
    return cor_error_set(R->err, COR_ENOMEM, R->name, 0, 0, "out of memory");
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* COR_EINVAL for a spec that cannot work; *read gets the reading options
 * with their defaults. */
static enum cor_status check_spec(const struct cor_panel_spec *sp, struct cor_read_opts *read,
                                  struct cor_error *err)
{
    int grouped = sp->op == COR_PANEL_SHARE || sp->op == COR_PANEL_HHI;
    const char *why = NULL;
    *read = sp->read;
    if (!read->delimiter)
        read->delimiter = ',';
    if (!read->decimal)
        read->decimal = '.';
    if ((unsigned)sp->op > COR_PANEL_HHI)
        why = "unknown workload";
    else if (sp->nkeys < 1 || sp->nkeys > COR_PANEL_MAX_KEYS)
        why = "from 1 to 8 key columns";
    else if (!sp->value)
        why = "no value column";
    else if (!grouped && !sp->time)
        why = "growth and trend need a time column";
    else if (sp->op == COR_PANEL_HHI && !sp->part)
        why = "hhi needs a part column";
    else if (sp->threads < 0 || sp->threads > 2)
        why = "1 or 2 threads";
    else if (sp->chunk != 0 && sp->chunk < 64)
        why = "reads of 64 bytes or more";
    else if (sp->op != COR_PANEL_HHI && sp->part)
        why = "only hhi takes a part column";
    for (size_t k = 0; !why && k < sp->nkeys; k++)
        if (!sp->keys[k])
            why = "a key column without a name";
    /* each key column once (a row has one id per column), and hhi's parts
     * are not a key (a group would hold one part) */
    for (size_t k = 0; !why && k < sp->nkeys; k++) {
        const char *twice = NULL;
        for (size_t j = k + 1; j < sp->nkeys; j++)
            if (sp->keys[j] && strcmp(sp->keys[k], sp->keys[j]) == 0)
                twice = "is named twice";
        if (sp->part && strcmp(sp->keys[k], sp->part) == 0)
            twice = "is also the part column";
        if (twice)
            return cor_error_set(err, COR_EINVAL, NULL, 0, 0, "panel: the key column '%s' %s",
                                 sp->keys[k], twice);
    }
    if (why)
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0, "panel: %s", why);
    return cor_read_opts_check(read, err);
}

enum cor_status cor_panel_run_fd(const struct cor_panel_spec *sp, int fd, const char *name,
                                 FILE *out, struct cor_panel_stats *stats,
                                 struct cor_diags *diags, struct cor_error *err)
{
    struct cor_panel_stats unused;
    if (!stats)
        stats = &unused;
    memset(stats, 0, sizeof *stats);
    struct cor_panel_run R;
    memset(&R, 0, sizeof R);
    enum cor_status st = check_spec(sp, &R.read, err);
    if (st != COR_OK)
        return st;
    R.sp = sp;
    R.name = name;
    R.fd = fd;
    R.nparts = 1;
    R.chunk = sp->chunk ? sp->chunk : COR_PANEL_CHUNK;
    R.delim = R.read.delimiter;
    R.two = sp->threads != 1;
    R.copy = sp->op == COR_PANEL_SHARE || sp->op == COR_PANEL_GROWTH;
    R.plain = R.read.decimal == '.' && !R.read.thousands;
    R.value_col = R.time_col = -1;
    /* trend: the years of the library's accumulator; growth: nine digits */
    R.year_min = sp->op == COR_PANEL_TREND ? SHRT_MIN : -999999999L;
    R.year_max = sp->op == COR_PANEL_TREND ? SHRT_MAX : 999999999L;
    atomic_init(&R.done[0], 0);
    atomic_init(&R.done[1], 0);
    R.diags = diags;
    R.err = err;
    if (cor_diags_file(diags, name, &R.file) != COR_OK)
        return cor_panel_oom(&R);
    struct stat sb;
    if (fstat(fd, &sb) != 0)
        return cor_error_set(err, COR_EIO, name, 0, 0, "cannot read: %s", strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return cor_error_set(err, COR_EIO, name, 0, 0, "is a directory");
    if (!S_ISREG(sb.st_mode))
        return cor_error_set(err, COR_EIO, name, 0, 0,
                             "not a regular file (the panel is read twice)");
    R.size = sb.st_size;

    double t0 = now();
    st = cor_panel_read_header(&R);
    if (st == COR_OK)
        st = cor_panel_read(&R);
    double t_read = now();
    if (st == COR_OK)
        st = cor_panel_merge(&R);
    if (st == COR_OK && sp->op == COR_PANEL_SHARE)
        st = cor_panel_share(&R);
    else if (st == COR_OK && sp->op == COR_PANEL_GROWTH)
        st = cor_panel_growth(&R);
    else if (st == COR_OK && sp->op == COR_PANEL_HHI)
        st = cor_panel_hhi_parts(&R);
    double t_computed = now();
    /* nothing is written before this point: a malformed file writes nothing */
    if (st == COR_OK)
        st = R.copy ? cor_panel_copy_out(&R, out) : cor_panel_groups_out(&R, out);
    if (st == COR_OK && (fflush(out) != 0 || ferror(out)))
        st = cor_error_set(err, COR_EIO, NULL, 0, 0, "write error: %s", strerror(errno));
    stats->parts = (unsigned)R.nparts;
    stats->groups = R.parts[0].groups.n;
    for (size_t i = 0; i < R.nparts; i++) {
        stats->rows += R.parts[i].nrows;
        stats->missing += R.parts[i].missing;
    }
    stats->t_read = t_read - t0;
    stats->t_compute = t_computed - t_read;
    stats->t_write = now() - t_computed;
    free(R.key_of);
    for (size_t i = 0; i < 2; i++) {
        struct cor_panel_part *P = &R.parts[i];
        cor_panel_groups_free(&P->groups);
        for (size_t k = 0; k < COR_PANEL_MAX_COLS; k++)
            cor_panel_keys_free(&P->cols[k]);
        free(P->gid);
        cor_panel_groups_free(&P->seen);
        free(P->val);
        free(P->yr);
        free(P->cp);
        free(P->wide);
    }
    return st;
}

enum cor_status cor_panel_run(const struct cor_panel_spec *sp, const char *path, FILE *out,
                              struct cor_panel_stats *stats, struct cor_diags *diags,
                              struct cor_error *err)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return cor_error_set(err, COR_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    enum cor_status st = cor_panel_run_fd(sp, fd, path, out, stats, diags, err);
    close(fd);
    return st;
}
