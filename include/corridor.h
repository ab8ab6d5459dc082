/* corridor.h - everything corridor offers, in one include.
 *
 * Conventions of every header (README, "Using the library"):
 * - Call cor_init() (corridor/init.h) once, first: it switches off GSL's
 *   error handler, which would abort().
 * - A function that can fail returns enum cor_status and fills the struct
 *   cor_error it is given (NULL allowed); results come back through out
 *   parameters, last. Only three kinds of function return something else:
 *   cor_*_new() constructors (NULL only when memory runs out), name lookups
 *   (-1 for an unknown name: an answer, not a failure) and arithmetic on
 *   intervals and metrics (an NA with its reason is a result).
 * - Ownership is stated in each header's first comment: _new/_free,
 *   _init/_fini; what comes back through a char ** or struct cor_table **
 *   is the caller's.
 * - Records are typed: cor_dataset_record() returns a struct cor_record_ref. */
#ifndef CORRIDOR_H
#define CORRIDOR_H

#include "corridor/atomic.h"
#include "corridor/chart.h"
#include "corridor/claims.h"
#include "corridor/convert.h"
#include "corridor/csvread.h"
#include "corridor/dataset.h"
#include "corridor/error.h"
#include "corridor/extract.h"
#include "corridor/export.h"
#include "corridor/intern.h"
#include "corridor/import.h"
#include "corridor/init.h"
#include "corridor/interval.h"
#include "corridor/metrics.h"
#include "corridor/names.h"
#include "corridor/num.h"
#include "corridor/panel.h"
#include "corridor/parts.h"
#include "corridor/period.h"
#include "corridor/record.h"
#include "corridor/report.h"
#include "corridor/series.h"
#include "corridor/table.h"
#include "corridor/utf8.h"

#endif
