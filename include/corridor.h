/* corridor.h - everything corridor offers, in one include. */
#ifndef CORRIDOR_H
#define CORRIDOR_H

#include "corridor/csvread.h"
#include "corridor/dataset.h"
#include "corridor/error.h"
#include "corridor/intern.h"
#include "corridor/names.h"
#include "corridor/num.h"
#include "corridor/period.h"
#include "corridor/record.h"

#endif
