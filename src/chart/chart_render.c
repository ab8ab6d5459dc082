/* Rendering: gnuplot run with an argument vector (no shell), its output
 * written to a temporary file that replaces the target only on success. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "corridor/chart.h"

enum cor_status cor_chart_render(const char *script_path, const char *output_path,
                                 struct cor_error *err)
{
    if (!output_path || output_path[0] == '|' || output_path[0] == '<')
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0, "refusing output name");
    size_t n = strlen(output_path);
    char *tmp = malloc(n + 16), *quoted = malloc(2 * n + 40), *expr = malloc(2 * n + 64);
    enum cor_status st = COR_OK;
    int pipefd[2] = {-1, -1};
    if (!tmp || !quoted || !expr) {
        st = cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    memcpy(tmp, output_path, n);
    memcpy(tmp + n, ".tmp.XXXXXX", 12);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        st = cor_error_set(err, COR_EIO, output_path, 0, 0, "cannot create: %s",
                           strerror(errno));
        goto out;
    }
    close(fd);
    /* the temporary name is quoted like any other text given to gnuplot */
    snprintf(expr, 2 * n + 64, "outfile='%s'", cor_chart_quote(tmp, quoted, 2 * n + 40));
    if (pipe(pipefd) != 0) {
        st = cor_error_set(err, COR_EIO, NULL, 0, 0, "pipe: %s", strerror(errno));
        goto out_unlink;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        st = cor_error_set(err, COR_EIO, NULL, 0, 0, "fork: %s", strerror(errno));
        goto out_unlink;
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
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || stat(tmp, &sb) != 0 ||
               sb.st_size == 0) {
        st = cor_error_set(err, COR_EIO, script_path, 0, 0, "gnuplot failed: %s",
                           got ? msg : "no output");
    } else if (rename(tmp, output_path) != 0) {
        st = cor_error_set(err, COR_EIO, output_path, 0, 0, "cannot rename: %s",
                           strerror(errno));
    } else
        goto out;   /* rendered: nothing to remove */
out_unlink:
    unlink(tmp);
out:
    if (pipefd[0] >= 0)
        close(pipefd[0]);
    if (pipefd[1] >= 0)
        close(pipefd[1]);
    free(tmp);
    free(quoted);
    free(expr);
    return st;
}
