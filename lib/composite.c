/* SPDX-License-Identifier: MIT */
/* Burn-rate alerts and composite availability. */
#include <stdlib.h>
#include <string.h>

#include "sla-private.h"

SLA_EXPORT int sla_burn_default_rules(struct sla_burn_rule *out)
{
    static const struct sla_burn_rule rules[SLA_BURN_DEFAULT_RULES] = {
        {SLA_MS_PER_HOUR, 5 * SLA_MS_PER_MINUTE, 14400, 0},
        {6 * SLA_MS_PER_HOUR, 30 * SLA_MS_PER_MINUTE, 6000, 0},
        {3 * SLA_MS_PER_DAY, 6 * SLA_MS_PER_HOUR, 1000, 0},
    };
    if (!out)
        return SLA_EINVAL;
    memcpy(out, rules, sizeof rules);
    return 0;
}

/* Burn rate of one window's figures. */
static double rate(const struct sla_figures *f)
{
    if (!f->applicable || f->target_ppm >= SLA_PPM_ONE)
        return 0.0;
    return (double)f->downtime_ms /
           ((double)f->planned_ms * (SLA_PPM_ONE - f->target_ppm) /
            SLA_PPM_ONE);
}

SLA_EXPORT int sla_service_burn_alerts(struct sla_burn_alert *out,
                                       const struct sla_service *s,
                                       const struct sla_burn_rule *rules,
                                       size_t nrules,
                                       const struct sla_outage *o, size_t n,
                                       const struct sla_intervals *nodata,
                                       int64_t now)
{
    size_t i;
    int rc;
    if (!out || !s || (!rules && nrules))
        return SLA_EINVAL;
    for (i = 0; i < nrules; i++)
        if (rules[i].long_ms <= 0 || rules[i].short_ms <= 0 ||
            rules[i].short_ms > rules[i].long_ms ||
            rules[i].factor_milli <= 0 || now < INT64_MIN + rules[i].long_ms)
            return SLA_EINVAL;
    for (i = 0; i < nrules; i++) {
        struct sla_figures lf, sf;
        struct sla_burn_alert *a = &out[i];
        if ((rc = sla_service_compute(&lf, s, o, n, nodata,
                                      now - rules[i].long_ms, now,
                                      INT64_MAX)) ||
            (rc = sla_service_compute(&sf, s, o, n, nodata,
                                      now - rules[i].short_ms, now,
                                      INT64_MAX)))
            return rc;
        memset(a, 0, sizeof *a);
        a->rule = rules[i];
        a->long_rate = rate(&lf);
        a->short_rate = rate(&sf);
        /* The highest rate is 1 / (1 - target): all of the time down. */
        a->can_fire = lf.target_ppm < SLA_PPM_ONE &&
                      (int64_t)rules[i].factor_milli *
                              (SLA_PPM_ONE - lf.target_ppm) <=
                          INT64_C(1000) * SLA_PPM_ONE;
        a->fired = a->can_fire &&
                   a->long_rate * 1000 >= rules[i].factor_milli &&
                   a->short_rate * 1000 >= rules[i].factor_milli;
    }
    return 0;
}

SLA_EXPORT int sla_composite_down(struct sla_intervals *dst,
                                  const struct sla_intervals *const *members,
                                  size_t n, int32_t structure)
{
    struct sla_intervals *acc = NULL, *tmp = NULL;
    size_t i;
    int rc = 0;
    if (!dst || !members || n == 0 ||
        (structure != SLA_COMPOSITE_SERIES &&
         structure != SLA_COMPOSITE_PARALLEL))
        return SLA_EINVAL;
    for (i = 0; i < n; i++)
        if (!members[i])
            return SLA_EINVAL;
    /* Work in sets of our own: dst may be one of the members. */
    if ((rc = sla_intervals_new(&acc)) || (rc = sla_intervals_new(&tmp)))
        goto out;
    rc = sla_intervals_copy(acc, members[0]);
    for (i = 1; i < n && !rc; i++) {
        rc = structure == SLA_COMPOSITE_SERIES
                 ? sla_intervals_union(tmp, acc, members[i])
                 : sla_intervals_intersect(tmp, acc, members[i]);
        if (!rc)
            rc = sla_intervals_copy(acc, tmp);
    }
    if (!rc)
        rc = sla_intervals_copy(dst, acc);
out:
    sla_intervals_free(acc);
    sla_intervals_free(tmp);
    return rc;
}

SLA_EXPORT int sla_composite_availability(double *out,
                                          const double *availability,
                                          size_t n, int32_t structure)
{
    double p = 1.0;
    size_t i;
    if (!out || !availability || n == 0 ||
        (structure != SLA_COMPOSITE_SERIES &&
         structure != SLA_COMPOSITE_PARALLEL))
        return SLA_EINVAL;
    for (i = 0; i < n; i++) {
        double a = availability[i];
        if (!(a >= 0.0 && a <= 1.0))
            return SLA_EINVAL;
        p *= structure == SLA_COMPOSITE_SERIES ? a : 1.0 - a;
    }
    *out = structure == SLA_COMPOSITE_SERIES ? p : 1.0 - p;
    return 0;
}
