/* Rendering: gnuplot run with an argument vector (no shell), printing the
 * image on its standard output, which goes into an output file written
 * whole (temporary file renamed over the target only on success). */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "corridor/atomic.h"
#include "corridor/chart.h"

enum cor_status cor_chart_render(const char *script_path, const char *output_path,
                                 enum cor_terminal t, struct cor_error *err)
{
    if (!output_path || output_path[0] == '|' || output_path[0] == '<')
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0, "refusing output name");
    char expr[64];
    snprintf(expr, sizeof expr, "outfile='-'; term='%s'", cor_terminal_ext(t));
    FILE *messages = tmpfile();   /* gnuplot's standard error */
    int pipefd[2] = {-1, -1};
    struct cor_atomic *a = NULL;
    enum cor_status st = COR_OK;
    if (!messages || pipe(pipefd) != 0) {
        st = cor_error_set(err, COR_EIO, NULL, 0, 0, "cannot run gnuplot: %s", strerror(errno));
        goto out;
    }
    a = cor_atomic_open(output_path, err);
    if (!a) {
        st = err ? err->status : COR_EIO;
        goto out;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        st = cor_error_set(err, COR_EIO, NULL, 0, 0, "fork: %s", strerror(errno));
        goto out;
    }
    if (pid == 0) {
        dup2(pipefd[1], STDOUT_FILENO);
        dup2(fileno(messages), STDERR_FILENO);
        close(pipefd[0]);
        close(pipefd[1]);
        char *const argv[] = {"gnuplot", "-e", expr, (char *)script_path, NULL};
        execvp("gnuplot", argv);
        _exit(errno == ENOENT ? 127 : 126);
    }
    close(pipefd[1]);
    pipefd[1] = -1;
    FILE *image = cor_atomic_stream(a);
    char buf[65536];
    ssize_t r;
    size_t got = 0;
    while ((r = read(pipefd[0], buf, sizeof buf)) != 0) {
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            break;
        fwrite(buf, 1, (size_t)r, image);
        got += (size_t)r;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    char msg[1024];
    rewind(messages);
    size_t nmsg = fread(msg, 1, sizeof msg - 1, messages);
    msg[nmsg] = '\0';
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        st = cor_error_set(err, COR_ENOTFOUND, NULL, 0, 0,
                           "gnuplot is not installed: the script %s can be rendered with "
                           "'gnuplot %s'",
                           script_path, script_path);
    else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || got == 0)
        st = cor_error_set(err, COR_EIO, script_path, 0, 0, "gnuplot failed: %s",
                           nmsg ? msg : "no output");
    if (st == COR_OK) {
        st = cor_atomic_commit(a, err);
        a = NULL;
    }
out:
    if (a)
        cor_atomic_abort(a);
    if (pipefd[0] >= 0)
        close(pipefd[0]);
    if (pipefd[1] >= 0)
        close(pipefd[1]);
    if (messages)
        fclose(messages);
    return st;
}
