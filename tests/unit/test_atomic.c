/* Output files: written whole or not at all, never over an input, straight
 * into devices and FIFOs, through symbolic links, with the umask's mode;
 * temporary files removed by cor_atomic_cleanup(). */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <dirent.h>
#include <unistd.h>

#include "corridor/atomic.h"
#include "testutil.h"

/* Opens expecting a failure: the status returned is the one in err, and no
 * handle comes back. */
static void open_fails(const char *path, struct cor_error *err)
{
    struct cor_atomic *a = (struct cor_atomic *)&a;   /* must become NULL */
    enum cor_status st = cor_atomic_open(path, &a, err);
    assert_int_not_equal(st, COR_OK);
    assert_int_equal(st, err->status);
    assert_null(a);
}

static char dir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s/atomic-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(dir));
    cor_atomic_clear_inputs();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    DIR *d = opendir(dir);
    struct dirent *e;
    char p[512];
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.') {
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
    if (d)
        closedir(d);
    rmdir(dir);
    cor_atomic_clear_inputs();
    return 0;
}

static const char *in_dir(const char *name)
{
    static char p[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void assert_file(const char *path, const char *text)
{
    char buf[256] = "";
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_string_equal(buf, text);
}

/* Files in the folder (the temporary ones are FILE.tmp.XXXXXX). */
static int count_files(void)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d)))
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static void test_atomic_commit_replaces_whole(void **state)
{
    (void)state;
    const char *p = in_dir("out.csv");
    put(p, "old\n");
    struct cor_error err = {0};
    struct cor_atomic *a = NULL;
    assert_int_equal(cor_atomic_open(p, &a, &err), COR_OK);
    assert_non_null(a);
    const char *tmp = cor_atomic_path(a);
    assert_int_equal(strncmp(tmp, p, strlen(p)), 0);
    assert_int_equal(strncmp(tmp + strlen(p), ".tmp.", 5), 0);
    assert_int_equal(strlen(tmp), strlen(p) + 5 + 6);
    fputs("new\n", cor_atomic_stream(a));
    fflush(cor_atomic_stream(a));
    assert_file(p, "old\n");   /* nothing replaced before the commit */
    assert_int_equal(count_files(), 2);
    assert_int_equal(cor_atomic_commit(a, &err), COR_OK);
    assert_file(p, "new\n");
    assert_int_equal(count_files(), 1);
}

static void test_atomic_abort_keeps_old(void **state)
{
    (void)state;
    const char *p = in_dir("keep.csv");
    put(p, "old\n");
    struct cor_atomic *a = NULL;
    assert_int_equal(cor_atomic_open(p, &a, NULL), COR_OK);
    assert_non_null(a);
    fputs("half", cor_atomic_stream(a));
    cor_atomic_abort(a);
    cor_atomic_abort(NULL);
    assert_file(p, "old\n");
    assert_int_equal(count_files(), 1);
}

static void test_atomic_refuses_inputs(void **state)
{
    (void)state;
    const char *in = in_dir("in.csv"), *sym = in_dir("link.csv"), *hard = in_dir("hard.csv");
    put(in, "data\n");
    assert_int_equal(symlink("in.csv", sym), 0);
    assert_int_equal(link(in, hard), 0);
    assert_int_equal(cor_atomic_add_input(in, NULL), COR_OK);
    assert_int_equal(cor_atomic_add_input(in_dir("absent.csv"), NULL), COR_OK);   /* ignored */
    const char *names[] = {in, sym, hard};
    for (int i = 0; i < 3; i++) {
        struct cor_error err = {0};
        open_fails(names[i], &err);
        assert_int_equal(err.status, COR_EINVAL);
        assert_string_equal(err.path, names[i]);
        char want[600];
        snprintf(want, sizeof want, "refusing to overwrite the input '%s'", in);
        assert_string_equal(err.message, want);
        assert_int_equal(cor_atomic_check(names[i], NULL), COR_EINVAL);
    }
    assert_file(in, "data\n");
    assert_int_equal(cor_atomic_check(in_dir("other.csv"), NULL), COR_OK);
    /* the folder that holds an input */
    struct cor_error err = {0};
    assert_int_equal(cor_atomic_check_dir(dir, &err), COR_EINVAL);
    assert_non_null(strstr(err.message, "holds the input"));
    assert_int_equal(cor_atomic_check_dir("/", NULL), COR_OK);
    cor_atomic_clear_inputs();
    struct cor_atomic *a = NULL;   /* no longer an input */
    assert_int_equal(cor_atomic_open(hard, &a, NULL), COR_OK);
    assert_non_null(a);
    cor_atomic_abort(a);
}

static void test_atomic_refuses_input_fd(void **state)
{
    (void)state;
    const char *in = in_dir("stdin.csv");
    put(in, "x\n");
    int fd = open(in, O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(cor_atomic_add_input_fd(fd, "standard input", NULL), COR_OK);
    struct cor_error err = {0};
    open_fails(in, &err);
    assert_string_equal(err.message, "refusing to overwrite the input 'standard input'");
    close(fd);
}

/* A character device: our own node when we may make one (root), else the
 * system's, if it is one; NULL if neither. */
static const char *device(const char *name, unsigned minor, const char *system)
{
    const char *p = in_dir(name);
    struct stat st;
    if (mknod(p, S_IFCHR | 0666, makedev(1, minor)) == 0)
        return p;
    return stat(system, &st) == 0 && S_ISCHR(st.st_mode) ? system : NULL;
}

static void test_atomic_devices_written_directly(void **state)
{
    (void)state;
    struct cor_error err = {0};
    struct stat st;
    const char *null = device("null", 3, "/dev/null");
    if (null) {
        struct cor_atomic *a = NULL;
        assert_int_equal(cor_atomic_open(null, &a, &err), COR_OK);
        assert_non_null(a);
        assert_string_equal(cor_atomic_path(a), null);
        fputs("gone", cor_atomic_stream(a));
        assert_int_equal(cor_atomic_commit(a, &err), COR_OK);
        assert_int_equal(stat(null, &st), 0);
        assert_true(S_ISCHR(st.st_mode));
    }
    const char *full = device("full", 7, "/dev/full");
    if (full && access(full, W_OK) == 0) {
        struct cor_atomic *a = NULL;
        assert_int_equal(cor_atomic_open(full, &a, &err), COR_OK);
        assert_non_null(a);
        for (int i = 0; i < 10000; i++)
            fputs("no room ", cor_atomic_stream(a));
        assert_int_equal(cor_atomic_commit(a, &err), COR_EIO);
        assert_string_equal(err.path, full);
        assert_non_null(strstr(err.message, strerror(ENOSPC)));
        assert_int_equal(stat(full, &st), 0);
        assert_true(S_ISCHR(st.st_mode));
    }
    if (!null && !full)
        skip();
}

static void test_atomic_fifo_written_directly(void **state)
{
    (void)state;
    const char *fifo = in_dir("out.fifo");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {   /* the reader: what it gets is its exit status */
        char buf[64] = "";
        FILE *f = fopen(fifo, "r");
        size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
        _exit(n == 6 && memcmp(buf, "hello\n", 6) == 0 ? 0 : 1);
    }
    struct cor_atomic *a = NULL;
    assert_int_equal(cor_atomic_open(fifo, &a, NULL), COR_OK);
    assert_non_null(a);
    assert_string_equal(cor_atomic_path(a), fifo);
    fputs("hello\n", cor_atomic_stream(a));
    assert_int_equal(cor_atomic_commit(a, NULL), COR_OK);
    int status = 0;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    struct stat st;
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
}

static void test_atomic_symlink_target_written(void **state)
{
    (void)state;
    const char *target = in_dir("target.csv"), *sym = in_dir("link.csv"),
               *dangling = in_dir("dangling.csv");
    put(target, "old\n");
    assert_int_equal(symlink("target.csv", sym), 0);
    assert_int_equal(symlink("new.csv", dangling), 0);
    const char *names[] = {sym, dangling};
    for (int i = 0; i < 2; i++) {
        struct cor_atomic *a = NULL;
        assert_int_equal(cor_atomic_open(names[i], &a, NULL), COR_OK);
        assert_non_null(a);
        fputs("new\n", cor_atomic_stream(a));
        assert_int_equal(cor_atomic_commit(a, NULL), COR_OK);
        struct stat st;
        assert_int_equal(lstat(names[i], &st), 0);
        assert_true(S_ISLNK(st.st_mode));
    }
    assert_file(target, "new\n");
    assert_file(in_dir("new.csv"), "new\n");
    /* a loop of links is an error, not a hang */
    assert_int_equal(symlink("loop2", in_dir("loop1")), 0);
    assert_int_equal(symlink("loop1", in_dir("loop2")), 0);
    struct cor_error err = {0};
    open_fails(in_dir("loop1"), &err);
    assert_int_equal(err.status, COR_EIO);
}

static mode_t mode_of(const char *p)
{
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    return st.st_mode & 0777;
}

static void write_file(const char *p)
{
    struct cor_atomic *a = NULL;
    assert_int_equal(cor_atomic_open(p, &a, NULL), COR_OK);
    assert_non_null(a);
    assert_int_equal(cor_atomic_commit(a, NULL), COR_OK);
}

static void test_atomic_mode_follows_umask(void **state)
{
    (void)state;
    mode_t old = umask(022);
    write_file(in_dir("a.csv"));
    assert_int_equal(mode_of(in_dir("a.csv")), 0644);
    umask(077);
    write_file(in_dir("b.csv"));
    assert_int_equal(mode_of(in_dir("b.csv")), 0600);
    umask(022);
    assert_int_equal(chmod(in_dir("a.csv"), 0640), 0);
    write_file(in_dir("a.csv"));   /* a replaced file keeps its mode */
    assert_int_equal(mode_of(in_dir("a.csv")), 0640);
    umask(old);
}

static void test_atomic_refused_names(void **state)
{
    (void)state;
    const char *bad[] = {"", "|touch x", "<x"};
    for (size_t i = 0; i < 3; i++) {
        struct cor_error err = {0};
        open_fails(bad[i], &err);
        assert_int_equal(err.status, COR_EINVAL);
    }
    struct cor_error err = {0};
    open_fails(dir, &err);   /* a folder */
    assert_int_equal(err.status, COR_EIO);
    assert_string_equal(err.path, dir);
    open_fails(in_dir("no/such/folder.csv"), &err);
    assert_int_equal(err.status, COR_EIO);
    assert_non_null(strstr(err.message, "cannot create"));
    assert_int_equal(count_files(), 0);
}

static void test_atomic_cleanup_removes_temporaries(void **state)
{
    (void)state;
    struct cor_atomic *a = NULL, *b = NULL;
    assert_int_equal(cor_atomic_open(in_dir("x.csv"), &a, NULL), COR_OK);
    assert_int_equal(cor_atomic_open(in_dir("y.csv"), &b, NULL), COR_OK);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(count_files(), 2);
    cor_atomic_cleanup();   /* what the signal handler does */
    assert_int_equal(count_files(), 0);
    assert_int_equal(cor_atomic_commit(a, NULL), COR_EIO);   /* its file is gone */
    cor_atomic_abort(b);
    /* later outputs work (and reuse the bookkeeping) */
    write_file(in_dir("z.csv"));
    assert_int_equal(count_files(), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_atomic_commit_replaces_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_atomic_abort_keeps_old, setup, teardown),
        cmocka_unit_test_setup_teardown(test_atomic_refuses_inputs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_atomic_refuses_input_fd, setup, teardown),
        cmocka_unit_test_setup_teardown(test_atomic_devices_written_directly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_atomic_fifo_written_directly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_atomic_symlink_target_written, setup, teardown),
        cmocka_unit_test_setup_teardown(test_atomic_mode_follows_umask, setup, teardown),
        cmocka_unit_test_setup_teardown(test_atomic_refused_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_atomic_cleanup_removes_temporaries, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
