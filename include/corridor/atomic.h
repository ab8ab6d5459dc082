/* corridor/atomic.h - output files written whole or not at all, and the
 * inputs that no output may replace.
 *
 * A regular file (or a new one) is written to a temporary file next to it,
 * PATH.tmp.XXXXXX (six random letters and digits), which is renamed over
 * PATH when complete: a failed or abandoned write leaves any earlier file in
 * place. A new file gets mode 0666 minus the umask (0644 under umask 022);
 * a replaced file keeps its permission bits. When PATH is a symbolic link,
 * the file it points to is written (the link stays). A character device, a
 * FIFO or a Unix socket is written into directly (there is nothing to
 * rename); a directory or a block device is refused.
 *
 * Inputs: a program registers the files it reads (cor_atomic_add_input);
 * from then on an output that is one of them - the same device and inode,
 * after symbolic links are followed, so another name or a hard link is
 * caught too - is refused with COR_EINVAL, and nothing is written.
 *
 * Signals: the first cor_atomic_open() installs a handler for SIGINT,
 * SIGTERM and SIGHUP, for each one whose disposition is still the default:
 * it removes every temporary file still open, then lets the signal kill the
 * process as it would have. A program with its own handlers calls
 * cor_atomic_cleanup() from them instead. (SIGKILL cannot be caught: a
 * killed run can leave PATH.tmp.XXXXXX behind.)
 *
 * Ownership: cor_atomic_open() returns a handle that exactly one of
 * cor_atomic_commit() or cor_atomic_abort() releases. The input list is one
 * per process, guarded by a lock; cor_atomic_clear_inputs() empties it. */
#ifndef CORRIDOR_ATOMIC_H
#define CORRIDOR_ATOMIC_H

#include <stdio.h>

#include "corridor/error.h"

struct cor_atomic;

/* Opens an output into *out. When it cannot be opened (*out NULL, err
 * filled): COR_EINVAL for a name that starts with '|' or '<' (never a
 * pipe), an input (see above), a block device; COR_EIO for a directory or a
 * file that cannot be created; COR_ENOMEM. */
enum cor_status cor_atomic_open(const char *path, struct cor_atomic **out,
                                struct cor_error *err);
FILE *cor_atomic_stream(struct cor_atomic *a);

/* Where the bytes go: the temporary file, or the device, FIFO or socket
 * itself. For a program that writes the file by name (gnuplot). */
const char *cor_atomic_path(const struct cor_atomic *a);

/* Flushes and closes; renames the temporary file over the target. COR_EIO
 * (with the path and the reason) on any write error, and then the target
 * is untouched and the temporary file removed. */
enum cor_status cor_atomic_commit(struct cor_atomic *a, struct cor_error *err);

/* Closes and removes the temporary file. NULL is a no-op. */
void cor_atomic_abort(struct cor_atomic *a);

/* Registers a file the program reads. A path that does not exist, or is
 * not a regular file (a FIFO, a terminal), is ignored: there is nothing to
 * overwrite. COR_ENOMEM if the list cannot grow. */
enum cor_status cor_atomic_add_input(const char *path, struct cor_error *err);

/* The same for an open descriptor (standard input); name is for messages. */
enum cor_status cor_atomic_add_input_fd(int fd, const char *name, struct cor_error *err);

/* Forgets every registered input. */
void cor_atomic_clear_inputs(void);

/* COR_EINVAL (err: "refusing to overwrite the input 'IN'") when writing
 * path would replace a registered input; COR_OK otherwise (also when path
 * does not exist). cor_atomic_open() makes the same check. */
enum cor_status cor_atomic_check(const char *path, struct cor_error *err);

/* COR_EINVAL when the folder dir directly holds a registered input (for a
 * program that writes several files into dir); COR_OK otherwise. */
enum cor_status cor_atomic_check_dir(const char *dir, struct cor_error *err);

/* Removes every temporary file still open. Async-signal-safe; handles still
 * open afterwards fail to commit. */
void cor_atomic_cleanup(void);

#endif
