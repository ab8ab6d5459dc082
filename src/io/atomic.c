/* Whole-or-nothing output files (a temporary file in the target's folder,
 * then rename), direct writes into devices, FIFOs and sockets, the inputs no
 * output may replace, and the removal of temporary files on a signal. */
#define _XOPEN_SOURCE 700

#include "corridor/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* ---- temporary files still open, for the signal handler ------------------
 * A list that only grows; a node is reused when free. The handler claims a
 * node (ON -> GONE) before reading its path, and the owner writes a path
 * only while it holds the node (BUSY), so the two never touch one path at
 * the same time. Nothing here takes a lock: it is async-signal-safe. */

enum { LIVE_FREE, LIVE_BUSY, LIVE_ON, LIVE_GONE };

struct live {
    atomic_int state;
    struct live *next;   /* set before the node is published, then fixed */
    size_t cap;
    char path[];
};

static _Atomic(struct live *) lives;

static struct live *live_add(const char *path)
{
    size_t n = strlen(path) + 1;
    for (struct live *l = atomic_load(&lives); l; l = l->next) {
        int want = LIVE_FREE;
        if (l->cap >= n && atomic_compare_exchange_strong(&l->state, &want, LIVE_BUSY)) {
            memcpy(l->path, path, n);
            atomic_store(&l->state, LIVE_ON);
            return l;
        }
    }
    struct live *l = malloc(sizeof *l + n);
    if (!l)
        return NULL;
    atomic_init(&l->state, LIVE_BUSY);
    l->cap = n;
    memcpy(l->path, path, n);
    l->next = atomic_load(&lives);
    while (!atomic_compare_exchange_weak(&lives, &l->next, l))
        ;
    atomic_store(&l->state, LIVE_ON);
    return l;
}

static void live_remove(struct live *l)
{
    int want = LIVE_ON;
    if (l)
        atomic_compare_exchange_strong(&l->state, &want, LIVE_FREE);
}

void cor_atomic_cleanup(void)
{
    for (struct live *l = atomic_load(&lives); l; l = l->next) {
        int want = LIVE_ON;
        if (atomic_compare_exchange_strong(&l->state, &want, LIVE_GONE))
            unlink(l->path);
    }
}

static void on_signal(int sig)
{
    int saved = errno;
    cor_atomic_cleanup();
    /* SA_RESETHAND restored the default action: it runs when we return */
    raise(sig);
    errno = saved;
}

static void install_handlers(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction old, sa;
        if (sigaction(sigs[i], NULL, &old) != 0 || (old.sa_flags & SA_SIGINFO) ||
            old.sa_handler != SIG_DFL)
            continue;   /* the program handles or ignores it */
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESETHAND;
        sigaction(sigs[i], &sa, NULL);
    }
}

/* ---- the inputs ----------------------------------------------------------- */

struct input {
    dev_t dev, dir_dev;
    ino_t ino, dir_ino;
    int dir_known;
    char *path;
};

static pthread_mutex_t inputs_lock = PTHREAD_MUTEX_INITIALIZER;
static struct input *inputs;
static size_t ninputs, inputs_cap;

static enum cor_status add_input(const struct stat *st, const char *path, const char *real,
                                 struct cor_error *err)
{
    struct input in = {st->st_dev, 0, st->st_ino, 0, 0, NULL};
    if (real) {
        /* the folder that holds it, for cor_atomic_check_dir() */
        char *dir = strdup(real);
        char *slash = dir ? strrchr(dir, '/') : NULL;
        struct stat ds;
        if (slash) {
            slash[slash == dir] = '\0';   /* "/x" -> "/" */
            if (stat(dir, &ds) == 0) {
                in.dir_dev = ds.st_dev;
                in.dir_ino = ds.st_ino;
                in.dir_known = 1;
            }
        }
        free(dir);
    }
    enum cor_status st_ = COR_OK;
    pthread_mutex_lock(&inputs_lock);
    for (size_t i = 0; i < ninputs; i++)
        if (inputs[i].dev == in.dev && inputs[i].ino == in.ino)
            goto out;   /* known under another name */
    if (ninputs == inputs_cap) {
        size_t cap = inputs_cap ? inputs_cap * 2 : 16;
        struct input *v = realloc(inputs, cap * sizeof *v);
        if (!v) {
            st_ = cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
            goto out;
        }
        inputs = v;
        inputs_cap = cap;
    }
    if (!(in.path = strdup(path))) {
        st_ = cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    inputs[ninputs++] = in;
out:
    pthread_mutex_unlock(&inputs_lock);
    return st_;
}

enum cor_status cor_atomic_add_input(const char *path, struct cor_error *err)
{
    struct stat st;
    if (!path || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return COR_OK;
    char *real = realpath(path, NULL);
    enum cor_status s = add_input(&st, path, real, err);
    free(real);
    return s;
}

enum cor_status cor_atomic_add_input_fd(int fd, const char *name, struct cor_error *err)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return COR_OK;
    return add_input(&st, name ? name : "standard input", NULL, err);
}

void cor_atomic_clear_inputs(void)
{
    pthread_mutex_lock(&inputs_lock);
    for (size_t i = 0; i < ninputs; i++)
        free(inputs[i].path);
    free(inputs);
    inputs = NULL;
    ninputs = inputs_cap = 0;
    pthread_mutex_unlock(&inputs_lock);
}

/* The input with this device and inode (dir = 0) or in this folder (dir = 1):
 * its path copied into buf, or 0. */
static int find_input(const struct stat *st, int dir, char *buf, size_t n)
{
    int found = 0;
    pthread_mutex_lock(&inputs_lock);
    for (size_t i = 0; i < ninputs && !found; i++) {
        const struct input *in = &inputs[i];
        found = dir ? in->dir_known && in->dir_dev == st->st_dev && in->dir_ino == st->st_ino
                    : in->dev == st->st_dev && in->ino == st->st_ino;
        if (found)
            snprintf(buf, n, "%s", in->path);
    }
    pthread_mutex_unlock(&inputs_lock);
    return found;
}

/* ---- the target ----------------------------------------------------------- */

/* Follows symbolic links from path to the file they name (which may not
 * exist yet). Returns that path (malloc'd) with *exists and its lstat in st,
 * or NULL with err filled. */
static char *resolve(const char *path, struct stat *st, int *exists, struct cor_error *err)
{
    char *cur = strdup(path);
    char link[PATH_MAX];
    for (int hops = 0; cur; hops++) {
        if (lstat(cur, st) != 0) {
            *exists = 0;   /* creating it will say why if it cannot be */
            return cur;
        }
        if (!S_ISLNK(st->st_mode)) {
            *exists = 1;
            return cur;
        }
        ssize_t len = hops < 40 ? readlink(cur, link, sizeof link) : -1;
        if (len < 0 || (size_t)len >= sizeof link) {
            cor_error_set(err, COR_EIO, path, 0, 0, "cannot follow the symbolic link: %s",
                          hops >= 40 ? strerror(ELOOP)
                          : len < 0  ? strerror(errno)
                                     : strerror(ENAMETOOLONG));
            free(cur);
            return NULL;
        }
        link[len] = '\0';
        const char *slash = strrchr(cur, '/');
        size_t keep = link[0] == '/' || !slash ? 0 : (size_t)(slash - cur) + 1;
        char *next = malloc(keep + (size_t)len + 1);
        if (next) {
            memcpy(next, cur, keep);
            memcpy(next + keep, link, (size_t)len + 1);
        }
        free(cur);
        cur = next;
    }
    cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
    return NULL;
}

static enum cor_status check_target(const char *path, const struct stat *st,
                                    struct cor_error *err)
{
    char in[PATH_MAX];
    if (find_input(st, 0, in, sizeof in))
        return cor_error_set(err, COR_EINVAL, path, 0, 0,
                             "refusing to overwrite the input '%s'", in);
    return COR_OK;
}

enum cor_status cor_atomic_check(const char *path, struct cor_error *err)
{
    struct stat st;
    int exists = 0;
    char *target = resolve(path, &st, &exists, err);
    if (!target)
        return err ? err->status : COR_EIO;
    free(target);
    return exists ? check_target(path, &st, err) : COR_OK;
}

enum cor_status cor_atomic_check_dir(const char *dir, struct cor_error *err)
{
    struct stat st;
    char in[PATH_MAX];
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode) && find_input(&st, 1, in, sizeof in))
        return cor_error_set(err, COR_EINVAL, dir, 0, 0,
                             "holds the input '%s': refusing to write into it", in);
    return COR_OK;
}

/* ---- writing -------------------------------------------------------------- */

struct cor_atomic {
    FILE *f;
    char *path;          /* as given, for messages */
    char *target;        /* after symbolic links */
    char *tmp;           /* NULL when writing into a device, FIFO or socket */
    struct live *live;
};

static void release(struct cor_atomic *a)
{
    free(a->path);
    free(a->target);
    free(a->tmp);
    free(a);
}

/* Six random letters and digits (unpredictable enough: O_EXCL decides). */
static void random_suffix(char *out)
{
    static const char set[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static atomic_uint_fast64_t counter;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t x = (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 30 ^ (uint64_t)getpid() << 42 ^
                 atomic_fetch_add(&counter, 1) * 0x9E3779B97F4A7C15ull;
    x ^= (uint64_t)(uintptr_t)out;
    /* splitmix64 finaliser */
    x = (x ^ x >> 30) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ x >> 27) * 0x94D049BB133111EBull;
    x ^= x >> 31;
    for (int i = 0; i < 6; i++, x /= 62)
        out[i] = set[x % 62];
    out[6] = '\0';
}

/* The temporary file next to the target: O_EXCL, mode 0666 less the umask. */
static int create_temp(struct cor_atomic *a)
{
    size_t n = strlen(a->target);
    a->tmp = malloc(n + 12);
    if (!a->tmp) {
        errno = ENOMEM;
        return -1;
    }
    memcpy(a->tmp, a->target, n);
    memcpy(a->tmp + n, ".tmp.", 5);
    for (int attempt = 0; attempt < 100; attempt++) {
        random_suffix(a->tmp + n + 5);
        int fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

/* A Unix socket: connect to it as a stream. */
static int connect_socket(const char *path)
{
    struct sockaddr_un sa;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof sa.sun_path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(sa.sun_path, path, strlen(path) + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd >= 0 && connect(fd, (const struct sockaddr *)&sa, sizeof sa) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        fd = -1;
    }
    return fd;
}

static pthread_once_t handlers_once = PTHREAD_ONCE_INIT;

enum cor_status cor_atomic_open(const char *path, struct cor_atomic **out,
                                struct cor_error *err)
{
    struct cor_error local;
    if (!err)
        err = &local;   /* the status comes back from err */
    *out = NULL;
    if (!path || !*path || path[0] == '|' || path[0] == '<')
        return cor_error_set(err, COR_EINVAL, path, 0, 0, "refusing output name '%s'",
                             path ? path : "");
    pthread_once(&handlers_once, install_handlers);
    struct cor_atomic *a = calloc(1, sizeof *a);
    struct stat st;
    int exists = 0, fd = -1;
    if (!a || !(a->path = strdup(path))) {
        cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
        goto fail;
    }
    if (!(a->target = resolve(path, &st, &exists, err)))
        goto fail;
    if (exists && check_target(path, &st, err) != COR_OK)
        goto fail;
    if (exists && (S_ISDIR(st.st_mode) || S_ISBLK(st.st_mode))) {
        if (S_ISDIR(st.st_mode))
            cor_error_set(err, COR_EIO, path, 0, 0, "cannot write: %s", strerror(EISDIR));
        else
            cor_error_set(err, COR_EINVAL, path, 0, 0, "is a block device: refusing to write it");
        goto fail;
    }
    if (exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
        /* nothing to rename: the bytes go straight in */
        fd = S_ISSOCK(st.st_mode) ? connect_socket(a->target)
                                  : open(a->target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (fd < 0) {
            cor_error_set(err, COR_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
            goto fail;
        }
    } else {
        if ((fd = create_temp(a)) < 0) {
            cor_error_set(err, COR_EIO, path, 0, 0, "cannot create: %s", strerror(errno));
            goto fail;
        }
        if (!(a->live = live_add(a->tmp))) {
            cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
            goto fail;
        }
        if (exists)
            fchmod(fd, st.st_mode & 0777);   /* a replaced file keeps its permissions */
    }
    if (!(a->f = fdopen(fd, "w"))) {
        cor_error_set(err, COR_ENOMEM, path, 0, 0, "out of memory");
        goto fail;
    }
    *out = a;
    return COR_OK;
fail:
    if (fd >= 0)
        close(fd);
    if (a && a->tmp && fd >= 0)
        unlink(a->tmp);
    if (a) {
        live_remove(a->live);
        release(a);
    }
    return err->status;
}

FILE *cor_atomic_stream(struct cor_atomic *a)
{
    return a->f;
}

const char *cor_atomic_path(const struct cor_atomic *a)
{
    return a->tmp ? a->tmp : a->target;
}

enum cor_status cor_atomic_commit(struct cor_atomic *a, struct cor_error *err)
{
    enum cor_status st = COR_OK;
    int bad = ferror(a->f) || fflush(a->f) != 0 || (a->tmp && fsync(fileno(a->f)) != 0);
    int saved = errno;
    if (fclose(a->f) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    if (bad)
        st = cor_error_set(err, COR_EIO, a->path, 0, 0, "write error: %s", strerror(saved));
    else if (a->tmp && rename(a->tmp, a->target) != 0)
        st = cor_error_set(err, COR_EIO, a->path, 0, 0, "cannot rename: %s", strerror(errno));
    if (st != COR_OK && a->tmp)
        unlink(a->tmp);
    live_remove(a->live);   /* after the rename: a signal now finds no file */
    release(a);
    return st;
}

void cor_atomic_abort(struct cor_atomic *a)
{
    if (!a)
        return;
    fclose(a->f);
    if (a->tmp)
        unlink(a->tmp);
    live_remove(a->live);
    release(a);
}
