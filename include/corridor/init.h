/* corridor/init.h - setting up the library once per process.
 *
 * GSL's default error handler calls abort(). The library checks GSL's
 * preconditions before each call and turns GSL's results into a status, but
 * GSL's handler is one process-wide setting that the library cannot own
 * per call: call cor_init() once, before any other cor_ function and
 * before starting threads. It switches GSL's handler off
 * (gsl_set_error_handler_off()), so that a GSL error becomes a return
 * value (COR_EGSL, or an NA) instead of an abort. A program that wants its
 * own GSL handler installs it after cor_init(); it must return, not abort,
 * for the library's error paths to work. Calling cor_init() again is
 * harmless. Nothing to release. */
#ifndef CORRIDOR_INIT_H
#define CORRIDOR_INIT_H

void cor_init(void);

#endif
