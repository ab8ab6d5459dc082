/* The rules each claim metric sets on its row (the table in names.c): the
 * period it needs, the unit of its claimed number, the columns of its parts. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "record_internal.h"

/* A..B compares two periods of one form that follow each other. */
static int check_two_periods(const struct cor_claim_record *c, const char *metric,
                             cor_claim_rule_fn found, void *user)
{
    struct cor_period a, b;
    if (!cor_period_span_ends(&c->period, &a, &b))
        return 1;   /* one period P: P a year earlier .. P */
    char pa[32], pb[32], msg[256];
    cor_period_format(&a, pa, sizeof pa);
    cor_period_format(&b, pb, sizeof pb);
    if (a.kind != b.kind || cor_period_months(&a) != cor_period_months(&b)) {
        snprintf(msg, sizeof msg,
                 "metric %s compares two periods of one form: %s and %s differ (a partial "
                 "period is compared only with the same partial period)",
                 metric, pa, pb);
        found(user, "period", COR_D_BAD_PERIOD, msg);
        return 0;
    }
    if (cor_period_compare(&a, &b) >= 0 || b.y0 * 12 + b.m0 < a.y1 * 12 + a.m1) {
        snprintf(msg, sizeof msg, "metric %s needs A..B with B after A, not %s..%s", metric,
                 pa, pb);
        found(user, "period", COR_D_BAD_PERIOD, msg);
        return 0;
    }
    return 1;
}

static int check_unit(const struct cor_claim_record *c, const char *metric,
                      enum cor_claim_unit_rule rule, cor_claim_rule_fn found, void *user)
{
    const struct cor_unit *u = cor_unit_at(c->claim_unit);
    int ok;
    const char *want;
    switch (rule) {
    case COR_CU_SHARE:
        ok = u && u->dim == COR_DIM_SHARE;
        want = "claim_unit % or fraction";
        break;
    case COR_CU_SHARE_OR_NONE:
        ok = !u || u->dim == COR_DIM_SHARE;
        want = "claim_unit % or fraction, or none";
        break;
    case COR_CU_TIMES:
        ok = u && strcmp(u->name, "x") == 0;
        want = "claim_unit x";
        break;
    case COR_CU_POINTS:
        ok = u && u->dim == COR_DIM_POINTS;
        want = "claim_unit pp";
        break;
    case COR_CU_NONE:
        ok = !u;
        want = "no claim_unit (a position has none)";
        break;
    case COR_CU_DATA:
    default:
        ok = u != NULL;
        want = "a claim_unit";
        break;
    }
    if (ok)
        return 1;
    char msg[256];
    snprintf(msg, sizeof msg, "metric %s takes %s, not '%s'", metric, want,
             u ? u->name : "");
    found(user, "claim_unit", u ? COR_D_UNKNOWN_UNIT : COR_D_MISSING_VALUE, msg);
    return 0;
}

int cor_claim_rules_check(const struct cor_claim_record *c, const char *metric,
                          cor_claim_rule_fn found, void *user)
{
    int m = cor_claim_metric_lookup(metric, strlen(metric));
    if (m < 0 || m == COR_CM_SKIP)
        return 1;   /* an unknown metric is the column's own error; skip computes nothing */
    const struct cor_claim_metric_info *info = cor_claim_metric_info(m);
    int ok = check_unit(c, metric, info->unit, found, user);
    char msg[256];
    if (info->needs_period && c->period.kind == COR_PERIOD_NONE) {
        snprintf(msg, sizeof msg, "metric %s needs a period%s", metric,
                 info->two_periods ? " (P, or A..B with A the base)" : "");
        found(user, "period", COR_D_MISSING_VALUE, msg);
        ok = 0;
    } else if (info->needs_period && c->period.kind == COR_PERIOD_UNDATED) {
        snprintf(msg, sizeof msg, "metric %s needs a dated period", metric);
        found(user, "period", COR_D_BAD_PERIOD, msg);
        ok = 0;
    } else if (info->two_periods)
        ok &= check_two_periods(c, metric, found, user);
    double lowest = c->claim_qualifier == COR_Q_RANGE ? c->claim_lo : c->claim_value;
    if (!info->can_be_negative && lowest < 0) {
        snprintf(msg, sizeof msg,
                 "metric %s is a level, which cannot be negative: a fall is a growth or a "
                 "change",
                 metric);
        found(user, c->claim_qualifier == COR_Q_RANGE ? "claim_lo" : "claim_value",
              COR_D_OUT_OF_RANGE, msg);
        ok = 0;
    }
    if (info->needs_parts && (c->by == COR_SYM_NONE || c->part == COR_SYM_NONE)) {
        snprintf(msg, sizeof msg, "metric %s needs the columns by and part", metric);
        found(user, c->by == COR_SYM_NONE ? "by" : "part", COR_D_MISSING_VALUE, msg);
        ok = 0;
    }
    return ok;
}
