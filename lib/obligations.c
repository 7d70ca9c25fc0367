/* SPDX-License-Identifier: MIT */
/* Notice periods in calendar months; cadences per calendar period. */
#include <stdlib.h>
#include <string.h>

#include "sla-private.h"

SLA_EXPORT int sla_notice_check(int64_t *short_ms, const struct sla_zone *z,
                                int64_t announced, int64_t event,
                                int32_t months, int64_t duration_ms)
{
    int64_t end;
    if (!short_ms || !z || months < 0 || duration_ms < 0)
        return SLA_EINVAL;
    if (months > 0) {
        if (sla__local_add_months(&end, z, announced, months))
            return SLA_EOVERFLOW;
    } else if (sla__add_overflow(announced, duration_ms, &end)) {
        return SLA_EOVERFLOW;
    }
    if (event >= end)
        *short_ms = 0;
    else if (sla__sub_overflow(end, event, short_ms))
        *short_ms = INT64_MAX;
    return 0;
}

int sla__local_add_months(int64_t *out, const struct sla_zone *z, int64_t t,
                          int64_t months)
{
    /* The same local date-time N months on, the day clamped. */
    struct sla_civil c;
    struct sla_date d;
    struct sla_zone_resolution r;
    if (sla_zone_to_civil(&c, NULL, z, t))
        return SLA_EOVERFLOW;
    d.year = c.year;
    d.month = c.month;
    d.day = c.day;
    if (sla_date_add_months(&d, &d, months))
        return SLA_EOVERFLOW;
    c.year = d.year;
    c.month = d.month;
    c.day = d.day;
    if (sla_zone_to_instant(&r, z, &c, SLA_DISAMBIGUATE_COMPATIBLE))
        return SLA_EOVERFLOW;
    *out = r.instant;
    return 0;
}

static int cmp64(const void *pa, const void *pb)
{
    int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
    return (a > b) - (a < b);
}

SLA_EXPORT int sla_cadence_missed(struct sla_interval *out, size_t cap,
                                  size_t *count, const struct sla_zone *z,
                                  int32_t unit, const int64_t *events,
                                  size_t n, int64_t from, int64_t to)
{
    int64_t *v = NULL, t = from;
    size_t k = 0, j = 0;
    int rc = 0;
    if ((!out && cap) || !count || !z || unit < SLA_PERIOD_DAY ||
        unit > SLA_PERIOD_YEAR || (!events && n) || from > to)
        return SLA_EINVAL;
    if (n) {
        if (n > SIZE_MAX / sizeof *v || !(v = malloc(n * sizeof *v)))
            return SLA_ENOMEM;
        memcpy(v, events, n * sizeof *v);
        qsort(v, n, sizeof *v, cmp64);
    }
    while (t < to) {
        struct sla_interval p;
        int64_t a, b;
        if ((rc = sla_period_at(&p, z, unit, t)))
            break;
        a = p.start > from ? p.start : from;
        b = p.end < to ? p.end : to;
        while (j < n && v[j] < a)
            j++;
        if (!(j < n && v[j] < b)) {
            if (k < cap) {
                out[k].start = a;
                out[k].end = b;
            }
            k++;
        }
        t = b;
    }
    free(v);
    if (rc)
        return rc;
    *count = k;
    return k > cap ? SLA_ENOSPC : 0;
}

SLA_EXPORT int sla_continuity_gaps(struct sla_interval *out, size_t cap,
                                   size_t *count, const int64_t *at, size_t n,
                                   int64_t limit_ms, int64_t from, int64_t to)
{
    int64_t *v = NULL, prev = from;
    size_t m = 0, k = 0, i;
    if ((!out && cap) || !count || (!at && n) || limit_ms <= 0 || from > to)
        return SLA_EINVAL;
    if (n) {
        if (n > SIZE_MAX / sizeof *v || !(v = malloc(n * sizeof *v)))
            return SLA_ENOMEM;
        for (i = 0; i < n; i++)
            if (at[i] >= from && at[i] <= to)
                v[m++] = at[i];
        qsort(v, m, sizeof *v, cmp64);
    }
    /* from, the instants, to: each spacing over the limit is a gap */
    for (i = 0; i <= m; i++) {
        int64_t t = i < m ? v[i] : to;
        int64_t d;
        if (sla__sub_overflow(t, prev, &d) || d > limit_ms) {
            if (k < cap) {
                out[k].start = prev;
                out[k].end = t;
            }
            k++;
        }
        prev = t;
    }
    free(v);
    *count = k;
    return k > cap ? SLA_ENOSPC : 0;
}
