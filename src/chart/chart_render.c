/* Rendering: gnuplot run with an argument vector (no shell), its output
 * written through corridor/atomic.h: a temporary file that replaces the
 * target only on success. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "corridor/atomic.h"
#include "corridor/chart.h"

enum cor_status cor_chart_render(const char *script_path, const char *output_path,
                                 enum cor_terminal t, struct cor_error *err)
{
    return cor_chart_render_warnings(script_path, output_path, t, NULL, 0, err);
}

enum cor_status cor_chart_render_warnings(const char *script_path, const char *output_path,
                                          enum cor_terminal t, char *warnings, size_t wn,
                                          struct cor_error *err)
{
    if (warnings && wn)
        warnings[0] = '\0';
    /* the output is opened like any other (never an input, a device written
     * into directly); gnuplot writes the file that it names */
    struct cor_atomic *a = cor_atomic_open(output_path, err);
    if (!a)
        return err ? err->status : COR_EIO;
    const char *dest = cor_atomic_path(a);
    size_t n = strlen(dest);
    char *quoted = malloc(8 * n + 40), *expr = malloc(8 * n + 64);
    enum cor_status st = COR_OK;
    int pipefd[2] = {-1, -1};
    if (!quoted || !expr) {
        st = cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    /* the file name is quoted like any other text given to gnuplot */
    snprintf(expr, 8 * n + 64, "outfile='%s'; term='%s'", cor_chart_quote(dest, quoted, 8 * n + 40),
             cor_terminal_ext(t));
    if (pipe(pipefd) != 0) {
        st = cor_error_set(err, COR_EIO, NULL, 0, 0, "pipe: %s", strerror(errno));
        goto out;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        st = cor_error_set(err, COR_EIO, NULL, 0, 0, "fork: %s", strerror(errno));
        goto out;
    }
    if (pid == 0) {
        dup2(pipefd[1], STDERR_FILENO);
        dup2(pipefd[1], STDOUT_FILENO);
        close(pipefd[0]);
        close(pipefd[1]);
        char *const argv[] = {"gnuplot", "-e", expr, (char *)script_path, NULL};
        execvp("gnuplot", argv);
        _exit(errno == ENOENT ? 127 : 126);
    }
    close(pipefd[1]);
    pipefd[1] = -1;
    char msg[1024];
    size_t got = 0;
    ssize_t r;
    char sink[512];
    while ((r = read(pipefd[0], got < sizeof msg - 1 ? msg + got : sink,
                     got < sizeof msg - 1 ? sizeof msg - 1 - got : sizeof sink)) > 0)
        if (got < sizeof msg - 1)
            got += (size_t)r;
    msg[got] = '\0';
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    struct stat sb;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        st = cor_error_set(err, COR_ENOTFOUND, NULL, 0, 0,
                           "gnuplot is not installed: the script %s can be rendered with "
                           "'gnuplot %s'",
                           script_path, script_path);
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
               stat(dest, &sb) != 0 ||
               (S_ISREG(sb.st_mode) && sb.st_size == 0)) {
        st = cor_error_set(err, COR_EIO, script_path, 0, 0, "gnuplot failed: %s",
                           got ? msg : "no output");
    } else if (warnings && wn) {
        /* gnuplot succeeded but said something: a dropped legend, a bad range */
        size_t len = got;
        while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
            len--;
        for (size_t i = 0; i < len; i++)
            if (msg[i] == '\n')
                msg[i] = ' ';
        snprintf(warnings, wn, "%.*s", (int)len, msg);
    }
out:
    if (st == COR_OK)
        st = cor_atomic_commit(a, err);
    else
        cor_atomic_abort(a);
    if (pipefd[0] >= 0)
        close(pipefd[0]);
    if (pipefd[1] >= 0)
        close(pipefd[1]);
    free(quoted);
    free(expr);
    return st;
}
