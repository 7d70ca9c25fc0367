/* SPDX-License-Identifier: MIT */
/* Business-hours calendars, resolved day by day in their zone. */
#include <stdlib.h>
#include <string.h>

#include "sla-private.h"

#define MAX_RANGES 8

struct range {
    int64_t open, close;
};

struct sla_business {
    struct sla_zone *zone;
    struct range hours[8][MAX_RANGES]; /* [weekday 1..7] sorted by open */
    int nhours[8];
    int64_t *holidays; /* sorted day numbers */
    size_t nhol, caphol;
};

SLA_EXPORT int sla_business_new(struct sla_business **out,
                                struct sla_zone *zone)
{
    struct sla_business *b;
    if (!out || !zone)
        return SLA_EINVAL;
    b = calloc(1, sizeof *b);
    if (!b)
        return SLA_ENOMEM;
    b->zone = sla_zone_ref(zone);
    *out = b;
    return 0;
}

SLA_EXPORT void sla_business_free(struct sla_business *b)
{
    if (b) {
        sla_zone_unref(b->zone);
        free(b->holidays);
        free(b);
    }
}

SLA_EXPORT int sla_business_add_hours(struct sla_business *b, int32_t wd,
                                      int64_t open_ms, int64_t close_ms)
{
    int i, n;
    if (!b || wd < 1 || wd > 7 || open_ms < 0 || close_ms <= open_ms ||
        close_ms > SLA_MS_PER_DAY)
        return SLA_EINVAL;
    n = b->nhours[wd];
    if (n == MAX_RANGES)
        return SLA_EINVAL;
    for (i = 0; i < n; i++)
        if (open_ms < b->hours[wd][i].close && b->hours[wd][i].open < close_ms)
            return SLA_EINVAL;
    /* Insert in order of opening. */
    for (i = n; i > 0 && b->hours[wd][i - 1].open > open_ms; i--)
        b->hours[wd][i] = b->hours[wd][i - 1];
    b->hours[wd][i].open = open_ms;
    b->hours[wd][i].close = close_ms;
    b->nhours[wd]++;
    return 0;
}

static int is_holiday(const struct sla_business *b, int64_t day)
{
    size_t lo = 0, hi = b->nhol;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->holidays[mid] < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < b->nhol && b->holidays[lo] == day;
}

SLA_EXPORT int sla_business_add_holiday(struct sla_business *b,
                                        const struct sla_date *date)
{
    int64_t day;
    size_t i;
    if (!b || sla_date_to_days(&day, date))
        return SLA_EINVAL;
    if (is_holiday(b, day))
        return 0; /* already closed */
    if (sla__grow((void **)&b->holidays, &b->caphol, b->nhol + 1,
                  sizeof *b->holidays))
        return SLA_ENOMEM;
    for (i = b->nhol; i > 0 && b->holidays[i - 1] > day; i--)
        b->holidays[i] = b->holidays[i - 1];
    b->holidays[i] = day;
    b->nhol++;
    return 0;
}

/* The instant a local time of day begins on a day (24:00 is the next
 * day's midnight); a time in a gap moves forward. */
static int local_instant(int64_t *out, const struct sla_business *b,
                         int64_t day, int64_t ms)
{
    struct sla_civil c;
    struct sla_zone_resolution r;
    int64_t y;
    int rc;
    if (ms == SLA_MS_PER_DAY) {
        day++;
        ms = 0;
    }
    if (day < SLA_DAYS_MIN || day > SLA_DAYS_MAX)
        return SLA_EOVERFLOW;
    sla__civil_from_days(day, &y, &c.month, &c.day);
    c.year = (int32_t)y;
    c.hour = (int32_t)(ms / SLA_MS_PER_HOUR);
    c.minute = (int32_t)(ms / SLA_MS_PER_MINUTE % 60);
    c.second = (int32_t)(ms / 1000 % 60);
    c.millisecond = (int32_t)(ms % 1000);
    rc = sla_zone_to_instant(&r, b->zone, &c, SLA_DISAMBIGUATE_COMPATIBLE);
    if (rc)
        return rc == SLA_EINVAL ? SLA_EOVERFLOW : rc;
    *out = r.instant;
    return 0;
}

/* The local day number of an instant. */
static int local_day(int64_t *out, const struct sla_business *b, int64_t t)
{
    struct sla_civil c;
    if (sla_zone_to_civil(&c, NULL, b->zone, t))
        return SLA_EOVERFLOW;
    *out = sla__days_from_civil(c.year, c.month, c.day);
    return 0;
}

/* Calls fn for each open interval of a local day, in order; stops early
 * when fn returns non-zero and passes that on. */
typedef int (*range_fn)(void *ctx, int64_t start, int64_t end);

static int each_range(const struct sla_business *b, int64_t day, range_fn fn,
                      void *ctx)
{
    int wd = sla__weekday(day), i, rc;
    if (is_holiday(b, day))
        return 0;
    for (i = 0; i < b->nhours[wd]; i++) {
        int64_t s, e;
        if ((rc = local_instant(&s, b, day, b->hours[wd][i].open)) ||
            (rc = local_instant(&e, b, day, b->hours[wd][i].close)))
            return rc;
        if (s < e && (rc = fn(ctx, s, e)))
            return rc;
    }
    return 0;
}

struct span_ctx {
    int64_t from, to, total;
    struct sla_intervals *dst;
};

static int span_visit(void *p, int64_t s, int64_t e)
{
    struct span_ctx *c = p;
    if (s < c->from)
        s = c->from;
    if (e > c->to)
        e = c->to;
    if (s >= e)
        return 0;
    if (c->dst)
        return sla_intervals_add(c->dst, s, e);
    c->total += e - s;
    return 0;
}

/* Visit every open interval meeting [from, to), clipped. */
static int over_span(const struct sla_business *b, struct span_ctx *c)
{
    int64_t d0, d1, d;
    int rc;
    if (c->from == c->to)
        return 0;
    if (local_day(&d0, b, c->from) || local_day(&d1, b, c->to - 1))
        return SLA_EOVERFLOW;
    /* A day's hours may start before its date in UTC terms only through
     * the zone offset, so one day on each side is enough. */
    for (d = d0 - 1; d <= d1 + 1; d++)
        if ((rc = each_range(b, d, span_visit, c)))
            return rc;
    return 0;
}

SLA_EXPORT int sla_business_expand(struct sla_intervals *dst,
                                   const struct sla_business *b, int64_t from,
                                   int64_t to)
{
    struct span_ctx c = {from, to, 0, dst};
    if (!dst || !b || from > to)
        return SLA_EINVAL;
    return over_span(b, &c);
}

SLA_EXPORT int sla_business_length(int64_t *out, const struct sla_business *b,
                                   int64_t from, int64_t to)
{
    struct span_ctx c = {from, to, 0, NULL};
    int rc;
    if (!out || !b || from > to)
        return SLA_EINVAL;
    if ((rc = over_span(b, &c)))
        return rc;
    *out = c.total;
    return 0;
}

struct add_ctx {
    int64_t start, left, result;
};

static int add_visit(void *p, int64_t s, int64_t e)
{
    struct add_ctx *c = p;
    if (e <= c->start)
        return 0;
    if (s < c->start)
        s = c->start;
    if (e - s >= c->left) {
        c->result = s + c->left;
        return 1; /* found */
    }
    c->left -= e - s;
    return 0;
}

SLA_EXPORT int sla_business_add(int64_t *out, const struct sla_business *b,
                                int64_t start, int64_t length_ms)
{
    struct add_ctx c = {start, length_ms, 0};
    int64_t d, quiet = 0;
    int rc;
    if (!out || !b || length_ms < 0)
        return SLA_EINVAL;
    if (length_ms == 0) {
        *out = start;
        return 0;
    }
    if (local_day(&d, b, start))
        return SLA_EOVERFLOW;
    /* Days without business time can only be holidays or closed
     * weekdays: more of them in a row than that means never. */
    for (d = d - 1;; d++) {
        int64_t before = c.left;
        rc = each_range(b, d, add_visit, &c);
        if (rc == 1) {
            *out = c.result;
            return 0;
        }
        if (rc)
            return rc;
        quiet = c.left == before ? quiet + 1 : 0;
        if (quiet > (int64_t)b->nhol + 8)
            return SLA_ENOTFOUND;
    }
}
