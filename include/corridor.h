/* corridor.h - everything corridor offers, in one include. */
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
