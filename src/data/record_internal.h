/* Internals shared by the record and dataset modules. */
#ifndef CORRIDOR_RECORD_INTERNAL_H
#define CORRIDOR_RECORD_INTERNAL_H

#include "corridor/record.h"

/* 1 if observations of this kind may carry a unit of this dimension. */
int cor_schema_accepts_dim(enum cor_kind kind, enum cor_dim dim);

#endif
