/* cor_init: the process-wide settings the library needs (corridor/init.h). */
#include "corridor/init.h"

#include <gsl/gsl_errno.h>

void cor_init(void)
{
    gsl_set_error_handler_off();   /* GSL's default handler aborts */
}
