/* SPDX-License-Identifier: MIT */
/* Calendar-aligned reporting periods in a time zone. */
#include "sla-private.h"

/* The instant a local date begins: its midnight, or after a gap over it. */
static int day_start(int64_t *out, const struct sla_zone *zone,
                     const struct sla_date *d)
{
    struct sla_civil c = {d->year, d->month, d->day, 0, 0, 0, 0};
    struct sla_zone_resolution r;
    int rc = sla_zone_to_instant(&r, zone, &c, SLA_DISAMBIGUATE_COMPATIBLE);
    if (rc)
        return rc == SLA_EINVAL ? SLA_EOVERFLOW : rc;
    *out = r.instant;
    return 0;
}

/* First day of the period of a unit holding a date, and of the next. */
static int first_days(struct sla_date *first, struct sla_date *next,
                      const struct sla_date *d, int32_t unit)
{
    int32_t wd;
    *first = *d;
    switch (unit) {
    case SLA_PERIOD_DAY:
        return sla_date_add_days(next, first, 1);
    case SLA_PERIOD_WEEK:
        sla_date_weekday(&wd, d);
        if (sla_date_add_days(first, d, 1 - wd))
            return SLA_ERANGE;
        return sla_date_add_days(next, first, 7);
    case SLA_PERIOD_MONTH:
        first->day = 1;
        return sla_date_add_months(next, first, 1);
    case SLA_PERIOD_QUARTER:
        first->day = 1;
        first->month = (d->month - 1) / 3 * 3 + 1;
        return sla_date_add_months(next, first, 3);
    default:
        first->day = 1;
        first->month = 1;
        return sla_date_add_months(next, first, 12);
    }
}

SLA_EXPORT int sla_period_at(struct sla_interval *out,
                             const struct sla_zone *zone, int32_t unit,
                             int64_t instant)
{
    struct sla_civil c;
    struct sla_date d, first, next;
    int64_t start, end;
    int tries;
    if (!out || !zone || unit < SLA_PERIOD_DAY || unit > SLA_PERIOD_YEAR)
        return SLA_EINVAL;
    if (sla_zone_to_civil(&c, NULL, zone, instant))
        return SLA_EOVERFLOW;
    d.year = c.year;
    d.month = c.month;
    d.day = c.day;
    /* Where clocks were set back over midnight, an instant can read a date
     * whose period, by its midnights, lies next to it: step once. */
    for (tries = 0; tries < 3; tries++) {
        if (first_days(&first, &next, &d, unit) ||
            day_start(&start, zone, &first) || day_start(&end, zone, &next))
            return SLA_EOVERFLOW;
        if (instant < start) {
            if (sla_date_add_days(&d, &first, -1))
                return SLA_EOVERFLOW;
        } else if (instant >= end) {
            d = next;
        } else {
            out->start = start;
            out->end = end;
            return 0;
        }
    }
    return SLA_EOVERFLOW;
}
