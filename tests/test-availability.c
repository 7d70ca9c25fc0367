/* SPDX-License-Identifier: MIT */
/* Availability: the check sheet's hand-worked cases, then a brute-force
 * model that walks every second of random scenarios. */
#include <stdio.h>

#include "testlib.h"

static int64_t at(const char *text)
{
    int64_t t;
    ck_assert_int_eq(sla_rfc3339_parse(&t, NULL, text, strlen(text), NULL), 0);
    return t;
}

static struct sla_zone *zone(const char *name)
{
    struct sla_zone *z;
    ck_assert_int_eq(sla_zone_open(&z, name, NULL, NULL), 0);
    return z;
}

/* A daily or monthly maintenance schedule, 02:00-04:00 local. */
static struct sla_schedule *window(struct sla_zone *z, const char *rule,
                                   const char *start)
{
    struct sla_schedule *s;
    struct sla_rrule *r;
    struct sla_civil c;
    ck_assert_int_eq(sla_civil_parse(&c, start, strlen(start), NULL), 0);
    ck_assert_int_eq(sla_rrule_parse(&r, rule, strlen(rule), NULL), 0);
    ck_assert_int_eq(sla_schedule_new(&s, z, &c, r), 0);
    ck_assert_int_eq(sla_schedule_set_end_time(s, 4, 0, 0), 0);
    sla_rrule_free(r);
    return s;
}

static struct sla_service *service(const char *zname, int32_t ppm)
{
    struct sla_zone *z = zone(zname);
    struct sla_service *s;
    ck_assert_int_eq(sla_service_new(&s, z, ppm), 0);
    sla_zone_unref(z);
    return s;
}

static struct sla_outage outage(const char *a, const char *b, int32_t kind)
{
    struct sla_outage o;
    memset(&o, 0, sizeof o);
    o.start = at(a);
    o.end = at(b);
    o.kind = kind;
    return o;
}

/* The figure as the report prints it: a percentage to 6 places. */
static void ck_percent(double availability, const char *want)
{
    char got[32];
    snprintf(got, sizeof got, "%.6f", availability * 100);
    ck_assert_str_eq(got, want);
}

/* The check sheet: a 31-day month with one 2-hour window, at 99.99%. */
START_TEST(month_with_a_maintenance_window)
{
    struct sla_service *s = service("Asia/Tokyo", 999900);
    struct sla_schedule *m = window((struct sla_zone *)sla_service_zone(s),
                                    "FREQ=MONTHLY;BYMONTHDAY=1",
                                    "2020-01-01T02:00:00");
    /* 03:30-04:20 Tokyo against the 02:00-04:00 window: 20 minutes. */
    struct sla_outage o = outage("2019-12-31T18:30:00Z",
                                 "2019-12-31T19:20:00Z", SLA_OUTAGE_FULL);
    struct sla_figures f;
    const int64_t jan = at("2019-12-31T15:00:00Z");
    const int64_t feb = at("2020-01-31T15:00:00Z");
    ck_assert_int_eq(sla_service_add_maintenance(s, m), 0);
    sla_schedule_unref(m); /* the service holds its own reference */
    ck_assert_int_eq(sla_service_compute(&f, s, NULL, 0, NULL, jan, feb,
                                         INT64_MAX), 0);
    ck_assert_int_eq(f.span_ms, 31 * SLA_MS_PER_DAY);
    ck_assert_int_eq(f.maintenance_ms, 2 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(f.planned_ms, INT64_C(2671200000));
    ck_assert_int_eq(f.budget_ms, 267120);
    ck_assert_int_eq(f.downtime_ms, 0);
    ck_assert_int_eq(f.met, 1);
    ck_assert(f.availability == 1.0);
    ck_assert_int_eq(sla_service_compute(&f, s, &o, 1, NULL, jan, feb,
                                         INT64_MAX), 0);
    ck_assert_int_eq(f.downtime_ms, 1200000);
    ck_percent(f.availability, "99.955076");
    ck_assert_int_eq(f.met, 0);
    ck_assert_int_eq(f.remaining_ms, 267120 - 1200000);
    /* Halfway through the month, at 2020-01-16T15:00Z (Tokyo midnight). */
    ck_assert_int_eq(sla_service_compute(&f, s, &o, 1, NULL, jan, feb,
                                         at("2020-01-16T15:00:00Z")), 0);
    ck_assert_int_eq(f.planned_to_date_ms, 16 * SLA_MS_PER_DAY -
                                               2 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(f.downtime_to_date_ms, 1200000);
    ck_assert_int_eq(f.allowed_now_ms, 267120 - 1200000);
    /* burn = (1200 / 1375200) / 0.0001 */
    {
        double d = f.burn_rate - 1200.0 / 1375200.0 / 0.0001;
        ck_assert(d < 1e-9 && d > -1e-9);
    }
    sla_service_free(s);
}
END_TEST

/* UTC months, no maintenance: one outage split across a month boundary. */
START_TEST(outage_across_months)
{
    struct sla_service *s = service("UTC", 999900);
    struct sla_outage o = outage("2025-01-31T23:50:00Z",
                                 "2025-02-01T00:20:00Z", SLA_OUTAGE_FULL);
    struct sla_figures jan, feb;
    ck_assert_int_eq(sla_service_compute(&jan, s, &o, 1, NULL,
                                         at("2025-01-01T00:00:00Z"),
                                         at("2025-02-01T00:00:00Z"),
                                         INT64_MAX), 0);
    ck_assert_int_eq(sla_service_compute(&feb, s, &o, 1, NULL,
                                         at("2025-02-01T00:00:00Z"),
                                         at("2025-03-01T00:00:00Z"),
                                         INT64_MAX), 0);
    ck_assert_int_eq(jan.downtime_ms, 600000);
    ck_assert_int_eq(feb.downtime_ms, 1200000);
    ck_percent(jan.availability, "99.977599");
    ck_percent(feb.availability, "99.950397");
    sla_service_free(s);
}
END_TEST

/* Berlin, daily 02:00-04:00: March 2024 loses an hour to summer time and
 * its last window is one hour; October gains one and its last window is
 * three. Both months have 682 hours of planned time. */
START_TEST(berlin_dst_months)
{
    struct sla_service *s = service("Europe/Berlin", 999900);
    struct sla_schedule *m = window((struct sla_zone *)sla_service_zone(s),
                                    "FREQ=DAILY", "2024-01-01T02:00:00");
    struct sla_figures mar, oct;
    ck_assert_int_eq(sla_service_add_maintenance(s, m), 0);
    sla_schedule_unref(m);
    ck_assert_int_eq(sla_service_compute(&mar, s, NULL, 0, NULL,
                                         at("2024-02-29T23:00:00Z"),
                                         at("2024-03-31T22:00:00Z"),
                                         INT64_MAX), 0);
    ck_assert_int_eq(sla_service_compute(&oct, s, NULL, 0, NULL,
                                         at("2024-09-30T22:00:00Z"),
                                         at("2024-10-31T23:00:00Z"),
                                         INT64_MAX), 0);
    ck_assert_int_eq(mar.span_ms, 743 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(mar.maintenance_ms, 61 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(mar.planned_ms, INT64_C(2455200000));
    ck_assert_int_eq(oct.span_ms, 745 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(oct.maintenance_ms, 63 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(oct.planned_ms, INT64_C(2455200000));
    sla_service_free(s);
}
END_TEST

/* Credit bands "less than 99.99%: 10%", "less than 99%: 25%": exactly
 * the target earns nothing. 10,000 s of planned time. */
START_TEST(credit_band_edges)
{
    struct sla_service *s = service("UTC", 999900);
    const int64_t a = 0, b = 10000 * SLA_MS_PER_SECOND;
    static const struct {
        int64_t down_ms;
        int32_t met, credit;
    } cases[] = {
        {0, 1, 0},          {1000, 1, 0},        /* 99.99% exactly */
        {1001, 0, 100000},  {100000, 0, 100000}, /* 99% exactly */
        {100001, 0, 250000}, {10000000, 0, 250000},
    };
    size_t i;
    ck_assert_int_eq(sla_service_add_credit(s, 999900, 100000), 0);
    ck_assert_int_eq(sla_service_add_credit(s, 990000, 250000), 0);
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct sla_outage o = {0, 0, SLA_OUTAGE_FULL, 0};
        struct sla_figures f;
        o.end = cases[i].down_ms;
        ck_assert_int_eq(sla_service_compute(&f, s, &o, o.end > 0, NULL, a,
                                             b, INT64_MAX), 0);
        ck_assert_msg(f.met == cases[i].met && f.credit_ppm == cases[i].credit,
                      "downtime %lld ms: met %d credit %d", 
                      (long long)cases[i].down_ms, f.met, f.credit_ppm);
    }
    sla_service_free(s);
}
END_TEST

/* Overlapping reports count once; a full outage inside a degraded one
 * counts in full; partial outages need a declared weight. */
START_TEST(overlaps_and_weights)
{
    struct sla_service *s = service("UTC", 999000);
    struct sla_outage o[] = {
        outage("2025-01-01T10:00:00Z", "2025-01-01T11:00:00Z",
               SLA_OUTAGE_FULL),
        outage("2025-01-01T10:30:00Z", "2025-01-01T11:30:00Z",
               SLA_OUTAGE_FULL),
        outage("2025-01-01T11:00:00Z", "2025-01-01T13:00:00Z",
               SLA_OUTAGE_DEGRADED),
        outage("2025-01-01T14:00:00Z", "2025-01-01T14:00:01Z",
               SLA_OUTAGE_PARTIAL),
    };
    struct sla_figures f;
    const int64_t a = at("2025-01-01T00:00:00Z"), b = a + SLA_MS_PER_DAY;
    /* Degraded unweighted: refused. */
    ck_assert_int_eq(sla_service_compute(&f, s, o, 3, NULL, a, b, INT64_MAX),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_service_set_weight(s, SLA_OUTAGE_DEGRADED, 250000),
                     0);
    /* 10:00-11:30 full (1.5 h), 11:30-13:00 degraded at 1/4 (22.5 min). */
    ck_assert_int_eq(sla_service_compute(&f, s, o, 3, NULL, a, b, INT64_MAX),
                     0);
    ck_assert_int_eq(f.downtime_ms, 90 * SLA_MS_PER_MINUTE +
                                        90 * SLA_MS_PER_MINUTE / 4);
    /* A partial second at 1/3: 333.33... ms, rounded up. */
    ck_assert_int_eq(sla_service_set_weight(s, SLA_OUTAGE_PARTIAL, 333333),
                     0);
    ck_assert_int_eq(sla_service_compute(&f, s, o + 3, 1, NULL, a, b,
                                         INT64_MAX), 0);
    ck_assert_int_eq(f.downtime_ms, 334);
    /* Budget 86.4 s; the remainder is exact, then rounded down. */
    ck_assert_int_eq(f.budget_ms, 86400);
    ck_assert_int_eq(f.remaining_ms, 86066);
    sla_service_free(s);
}
END_TEST

/* Time with no data: excluded (the default), up, or down. */
START_TEST(no_data_policies)
{
    struct sla_service *s = service("UTC", 999900);
    struct sla_intervals *gap;
    struct sla_outage o = outage("2025-01-01T01:00:00Z",
                                 "2025-01-01T03:00:00Z", SLA_OUTAGE_FULL);
    struct sla_figures f;
    const int64_t a = at("2025-01-01T00:00:00Z"), b = a + SLA_MS_PER_DAY;
    ck_assert_int_eq(sla_intervals_new(&gap), 0);
    ck_assert_int_eq(sla_intervals_add(gap, at("2025-01-01T02:00:00Z"),
                                       at("2025-01-01T06:00:00Z")), 0);
    ck_assert_int_eq(sla_service_compute(&f, s, &o, 1, gap, a, b, INT64_MAX),
                     0);
    ck_assert_int_eq(f.nodata_ms, 4 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(f.planned_ms, 20 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(f.downtime_ms, SLA_MS_PER_HOUR);
    ck_assert_int_eq(sla_service_set_nodata(s, SLA_NODATA_UP), 0);
    ck_assert_int_eq(sla_service_compute(&f, s, &o, 1, gap, a, b, INT64_MAX),
                     0);
    ck_assert_int_eq(f.planned_ms, 24 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(f.downtime_ms, 2 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(sla_service_set_nodata(s, SLA_NODATA_DOWN), 0);
    ck_assert_int_eq(sla_service_compute(&f, s, &o, 1, gap, a, b, INT64_MAX),
                     0);
    ck_assert_int_eq(f.planned_ms, 24 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(f.downtime_ms, 5 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(sla_service_set_nodata(s, 3), SLA_EINVAL);
    sla_intervals_free(gap);
    sla_service_free(s);
}
END_TEST

/* Nothing planned: not applicable, never 100%. */
START_TEST(not_applicable)
{
    struct sla_service *s = service("UTC", 999900);
    struct sla_figures f;
    struct sla_outage o = {1000, 2000, SLA_OUTAGE_FULL, 0};
    ck_assert_int_eq(sla_service_set_start(s, at("2030-01-01T00:00:00Z")), 0);
    ck_assert_int_eq(sla_service_add_credit(s, 999900, 100000), 0);
    ck_assert_int_eq(sla_service_compute(&f, s, &o, 1, NULL, 0,
                                         SLA_MS_PER_DAY, INT64_MAX), 0);
    ck_assert_int_eq(f.planned_ms, 0);
    ck_assert_int_eq(f.outside_ms, SLA_MS_PER_DAY);
    ck_assert_int_eq(f.applicable, 0);
    ck_assert_int_eq(f.met, -1);
    ck_assert_int_eq(f.credit_ppm, 0);
    ck_assert(f.availability == 0.0);
    /* An empty span too. */
    ck_assert_int_eq(sla_service_compute(&f, s, NULL, 0, NULL, 5, 5, 5), 0);
    ck_assert_int_eq(f.applicable, 0);
    sla_service_free(s);
}
END_TEST

START_TEST(arguments)
{
    struct sla_service *s = NULL;
    struct sla_zone *z = zone("UTC");
    struct sla_figures f;
    struct sla_outage bad = {5, 5, SLA_OUTAGE_FULL, 0};
    ck_assert_int_eq(sla_service_new(&s, NULL, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_service_new(&s, z, -1), SLA_EINVAL);
    ck_assert_int_eq(sla_service_new(&s, z, 1000001), SLA_EINVAL);
    ck_assert_int_eq(sla_service_new(NULL, z, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_service_new(&s, z, 1000000), 0);
    sla_zone_unref(z);
    ck_assert_int_eq(sla_service_compute(&f, s, &bad, 1, NULL, 0, 10, 0),
                     SLA_EINVAL);
    bad.end = 6;
    bad.kind = 3;
    ck_assert_int_eq(sla_service_compute(&f, s, &bad, 1, NULL, 0, 10, 0),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_service_compute(&f, s, NULL, 1, NULL, 0, 10, 0),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_service_compute(&f, s, NULL, 0, NULL, 10, 0, 0),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_service_compute(NULL, s, NULL, 0, NULL, 0, 10, 0),
                     SLA_EINVAL);
    /* A span longer than int64_t milliseconds, even with nothing
     * planned. */
    ck_assert_int_eq(sla_service_set_start(s, INT64_C(5000000000000000000)),
                     0);
    ck_assert_int_eq(sla_service_compute(&f, s, NULL, 0, NULL,
                                         -INT64_C(5000000000000000000),
                                         INT64_C(5000000000000000000), 0),
                     SLA_EOVERFLOW);
    ck_assert_int_eq(sla_service_set_start(s, INT64_MIN), 0);
    {
        int32_t w;
        ck_assert_int_eq(sla_service_weight(s, SLA_OUTAGE_FULL, &w), 0);
        ck_assert_int_eq(w, 1000000);
        ck_assert_int_eq(sla_service_weight(s, SLA_OUTAGE_PARTIAL, &w),
                         SLA_ENOTFOUND);
        ck_assert_int_eq(sla_service_weight(s, 3, &w), SLA_EINVAL);
    }
    /* Spans too long for exact ppm figures. */
    ck_assert_int_eq(sla_service_compute(&f, s, NULL, 0, NULL, 0,
                                         INT64_C(10000000000000), 0),
                     SLA_EOVERFLOW);
    ck_assert_int_eq(sla_service_add_exclusion(s, 5, 5), SLA_EINVAL);
    ck_assert_int_eq(sla_service_add_maintenance(s, NULL), SLA_EINVAL);
    ck_assert_int_eq(sla_service_set_weight(s, 3, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_service_set_weight(s, 1, 1000001), SLA_EINVAL);
    ck_assert_int_eq(sla_service_add_credit(s, 0, 1), SLA_EINVAL);
    ck_assert_int_eq(sla_service_add_credit(s, 1, -1), SLA_EINVAL);
    ck_assert_int_eq(sla_service_set_hours(NULL, NULL), SLA_EINVAL);
    ck_assert_int_eq(sla_service_set_start(NULL, 0), SLA_EINVAL);
    /* A 100% target: any downtime misses it, the budget is zero. */
    {
        struct sla_outage o = {0, 1, SLA_OUTAGE_FULL, 0};
        ck_assert_int_eq(sla_service_compute(&f, s, &o, 1, NULL, 0, 10, 10),
                         0);
        ck_assert_int_eq(f.budget_ms, 0);
        ck_assert_int_eq(f.met, 0);
        ck_assert(f.burn_rate == 0.0);
    }
    sla_service_free(s);
    sla_service_free(NULL);
}
END_TEST

/* The SRE Workbook's alerts at 99.9%: a 10-minute outage that has just
 * ended fires all three rules; ten minutes later the fast rule's short
 * window has cleared and it stops; at 90% a 14.4x rule can never fire. */
START_TEST(burn_rate_alerts)
{
    struct sla_service *s = service("UTC", 999000);
    struct sla_burn_rule r[SLA_BURN_DEFAULT_RULES];
    struct sla_burn_alert a[SLA_BURN_DEFAULT_RULES];
    const int64_t now = at("2025-03-01T12:00:00Z");
    struct sla_outage o = {0, 0, SLA_OUTAGE_FULL, 0};
    ck_assert_int_eq(sla_burn_default_rules(r), 0);
    ck_assert_int_eq(r[0].long_ms, SLA_MS_PER_HOUR);
    ck_assert_int_eq(r[0].short_ms, 5 * SLA_MS_PER_MINUTE);
    ck_assert_int_eq(r[0].factor_milli, 14400);
    ck_assert_int_eq(r[2].long_ms, 3 * SLA_MS_PER_DAY);
    o.start = now - 10 * SLA_MS_PER_MINUTE;
    o.end = now;
    ck_assert_int_eq(sla_service_burn_alerts(a, s, r, 3, &o, 1, NULL, now), 0);
    ck_assert(a[0].fired && a[1].fired && a[2].fired);
    ck_assert(a[0].can_fire && a[1].can_fire && a[2].can_fire);
    /* 600 s of 3,600 at a 0.1% budget: 166.67x; 300 of 300: 1000x. */
    ck_assert(a[0].long_rate > 166.66 && a[0].long_rate < 166.67);
    ck_assert(a[0].short_rate > 999.99 && a[0].short_rate < 1000.01);
    ck_assert_int_eq(sla_service_burn_alerts(a, s, r, 3, &o, 1, NULL,
                                             now + 10 * SLA_MS_PER_MINUTE),
                     0);
    ck_assert(!a[0].fired && a[1].fired && a[2].fired);
    ck_assert(a[0].short_rate == 0.0);
    sla_service_free(s);
    /* At 90% the highest rate is 10x. */
    s = service("UTC", 900000);
    ck_assert_int_eq(sla_service_burn_alerts(a, s, r, 3, &o, 1, NULL, now), 0);
    ck_assert(!a[0].can_fire && !a[0].fired && a[1].can_fire && a[2].can_fire);
    sla_service_free(s);
    s = service("UTC", 1000000);
    ck_assert_int_eq(sla_service_burn_alerts(a, s, r, 3, &o, 1, NULL, now), 0);
    ck_assert(!a[0].can_fire && !a[1].can_fire && !a[2].can_fire);
    ck_assert(!a[2].fired && a[2].long_rate == 0.0);
    r[0].short_ms = 2 * SLA_MS_PER_HOUR; /* longer than the long window */
    ck_assert_int_eq(sla_service_burn_alerts(a, s, r, 3, &o, 1, NULL, now),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_burn_default_rules(NULL), SLA_EINVAL);
    sla_service_free(s);
}
END_TEST

/* A redundant pair is down only while both are; a chain while either. */
START_TEST(composite)
{
    struct sla_intervals *m[2], *d;
    const struct sla_intervals *members[2];
    static const double av[] = {0.999, 0.99};
    double out;
    int64_t total;
    ck_assert_int_eq(sla_intervals_new(&m[0]), 0);
    ck_assert_int_eq(sla_intervals_new(&m[1]), 0);
    ck_assert_int_eq(sla_intervals_new(&d), 0);
    sla_intervals_add(m[0], 0, 10);
    sla_intervals_add(m[0], 20, 30);
    sla_intervals_add(m[1], 5, 25);
    members[0] = m[0];
    members[1] = m[1];
    ck_assert_int_eq(sla_composite_down(d, members, 2, SLA_COMPOSITE_SERIES),
                     0);
    ck_assert_uint_eq(sla_intervals_count(d), 1);
    ck_assert_int_eq(sla_intervals_measure(&total, d), 0);
    ck_assert_int_eq(total, 30);
    ck_assert_int_eq(sla_composite_down(d, members, 2,
                                        SLA_COMPOSITE_PARALLEL), 0);
    ck_assert_uint_eq(sla_intervals_count(d), 2);
    ck_assert_int_eq(sla_intervals_measure(&total, d), 0);
    ck_assert_int_eq(total, 10);
    /* The destination may be one of the members. */
    ck_assert_int_eq(sla_composite_down(m[1], members, 2,
                                        SLA_COMPOSITE_PARALLEL), 0);
    ck_assert_int_eq(sla_intervals_measure(&total, m[1]), 0);
    ck_assert_int_eq(total, 10);
    ck_assert_int_eq(sla_composite_down(d, members, 0, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_composite_down(d, members, 2, 2), SLA_EINVAL);
    ck_assert_int_eq(sla_composite_availability(&out, av, 2,
                                                SLA_COMPOSITE_SERIES), 0);
    ck_assert(out > 0.98901 - 1e-12 && out < 0.98901 + 1e-12);
    ck_assert_int_eq(sla_composite_availability(&out, av, 2,
                                                SLA_COMPOSITE_PARALLEL), 0);
    ck_assert(out > 0.99999 - 1e-12 && out < 0.99999 + 1e-12);
    {
        static const double bad[] = {1.5};
        ck_assert_int_eq(sla_composite_availability(&out, bad, 1, 0),
                         SLA_EINVAL);
    }
    sla_intervals_free(m[0]);
    sla_intervals_free(m[1]);
    sla_intervals_free(d);
}
END_TEST

/* ---- brute force --------------------------------------------------------
 * Random scenarios over a few days in UTC, at whole seconds: every second
 * is classified on its own (service hours, start, daily windows, one-off
 * exclusions, no data, the largest weight of the outages covering it) and
 * summed; the library must agree with every figure exactly. */

#define BF_DAYS 4
#define BF_SECONDS (BF_DAYS * 86400)
#define BF_MAX 12

struct scenario {
    int business, policy, nwin, nexcl, ngap, nout, ncredit;
    int64_t start_s;
    int32_t target, weight[3];
    int32_t win_at[BF_MAX], win_len[BF_MAX]; /* daily, seconds of day */
    int64_t excl[BF_MAX][2], gap[BF_MAX][2];
    struct sla_outage out[BF_MAX];
    int32_t below[3], credit[3];
};

static int64_t pick(uint64_t *rng, int64_t lo, int64_t hi)
{
    return lo + (int64_t)sla_test_below(rng, (uint64_t)(hi - lo + 1));
}

/* 2025-01-06 is a Monday. */
static const int64_t bf_base = INT64_C(1736121600000);

static void make_scenario(struct scenario *sc, uint64_t *rng)
{
    int i;
    memset(sc, 0, sizeof *sc);
    sc->business = (int)pick(rng, 0, 2) == 0;
    sc->policy = (int)pick(rng, 0, 2);
    sc->start_s = pick(rng, 0, 3) ? -1 : pick(rng, 0, BF_SECONDS);
    sc->target = (int32_t)pick(rng, 0, 3) == 0 ? 999900
                                               : (int32_t)pick(rng, 0, 1000000);
    sc->weight[0] = SLA_PPM_ONE;
    sc->weight[1] = (int32_t)pick(rng, 0, SLA_PPM_ONE);
    sc->weight[2] = (int32_t)pick(rng, 0, SLA_PPM_ONE);
    sc->nwin = (int)pick(rng, 0, 2);
    for (i = 0; i < sc->nwin; i++) {
        sc->win_at[i] = (int32_t)pick(rng, 0, 86399);
        sc->win_len[i] = (int32_t)pick(rng, 1, 6 * 3600);
    }
    sc->nexcl = (int)pick(rng, 0, 3);
    for (i = 0; i < sc->nexcl; i++) {
        sc->excl[i][0] = pick(rng, -3600, BF_SECONDS);
        sc->excl[i][1] = sc->excl[i][0] + pick(rng, 1, 20000);
    }
    sc->ngap = (int)pick(rng, 0, 3);
    for (i = 0; i < sc->ngap; i++) {
        sc->gap[i][0] = pick(rng, -3600, BF_SECONDS);
        sc->gap[i][1] = sc->gap[i][0] + pick(rng, 1, 20000);
    }
    sc->nout = (int)pick(rng, 0, BF_MAX);
    for (i = 0; i < sc->nout; i++) {
        int64_t a = pick(rng, -7200, BF_SECONDS);
        sc->out[i].start = bf_base + a * 1000;
        sc->out[i].end = sc->out[i].start + pick(rng, 1, 30000) * 1000;
        sc->out[i].kind = (int32_t)pick(rng, 0, 2);
    }
    sc->ncredit = (int)pick(rng, 0, 3);
    for (i = 0; i < sc->ncredit; i++) {
        sc->below[i] = (int32_t)pick(rng, 900000, 1000000);
        sc->credit[i] = (int32_t)pick(rng, 0, 500000);
    }
}

static int in_any(int64_t t, const int64_t (*iv)[2], int n)
{
    int i;
    for (i = 0; i < n; i++)
        if (t >= iv[i][0] && t < iv[i][1])
            return 1;
    return 0;
}

static struct sla_service *build_scenario(const struct scenario *sc,
                                          struct sla_business **hoursp,
                                          struct sla_intervals **gapsp)
{
    struct sla_service *s = service("UTC", sc->target);
    struct sla_business *hours = NULL;
    struct sla_intervals *gaps;
    int i, wd;

    ck_assert_int_eq(sla_intervals_new(&gaps), 0);
    if (sc->business) {
        ck_assert_int_eq(sla_business_new(&hours,
                                          (struct sla_zone *)sla_service_zone(s)),
                         0);
        for (wd = 1; wd <= 5; wd++)
            ck_assert_int_eq(sla_business_add_hours(hours, wd,
                                                    9 * SLA_MS_PER_HOUR,
                                                    18 * SLA_MS_PER_HOUR), 0);
        ck_assert_int_eq(sla_service_set_hours(s, hours), 0);
    }
    if (sc->start_s >= 0)
        sla_service_set_start(s, bf_base + sc->start_s * 1000);
    sla_service_set_weight(s, 1, sc->weight[1]);
    sla_service_set_weight(s, 2, sc->weight[2]);
    sla_service_set_nodata(s, sc->policy);
    for (i = 0; i < sc->nwin; i++) {
        struct sla_schedule *m;
        struct sla_rrule *r;
        struct sla_civil c;
        ck_assert_int_eq(sla_rrule_parse(&r, "FREQ=DAILY", 10, NULL), 0);
        ck_assert_int_eq(sla_civil_from_instant(&c, bf_base - SLA_MS_PER_DAY +
                                                        sc->win_at[i] * 1000,
                                                0), 0);
        ck_assert_int_eq(sla_schedule_new(&m, (struct sla_zone *)
                                                  sla_service_zone(s),
                                          &c, r), 0);
        ck_assert_int_eq(sla_schedule_set_duration(m, sc->win_len[i] * 1000),
                         0);
        ck_assert_int_eq(sla_service_add_maintenance(s, m), 0);
        sla_schedule_unref(m);
        sla_rrule_free(r);
    }
    for (i = 0; i < sc->nexcl; i++)
        sla_service_add_exclusion(s, bf_base + sc->excl[i][0] * 1000,
                                  bf_base + sc->excl[i][1] * 1000);
    for (i = 0; i < sc->ngap; i++)
        sla_intervals_add(gaps, bf_base + sc->gap[i][0] * 1000,
                          bf_base + sc->gap[i][1] * 1000);
    for (i = 0; i < sc->ncredit; i++)
        sla_service_add_credit(s, sc->below[i], sc->credit[i]);
    *hoursp = hours;
    *gapsp = gaps;
    return s;
}

static void check_scenario(const struct scenario *sc, int round)
{
    struct sla_business *hours;
    struct sla_intervals *gaps;
    struct sla_service *s = build_scenario(sc, &hours, &gaps);
    struct sla_figures f;
    int64_t t, outside = 0, maint = 0, excl = 0, nodata = 0, planned = 0;
    int64_t w = 0, allow, lost;
    int32_t credit = 0;
    int i;

    ck_assert_int_eq(sla_service_compute(&f, s, sc->out, (size_t)sc->nout,
                                         gaps, bf_base,
                                         bf_base + BF_SECONDS * SLA_MS_PER_SECOND,
                                         INT64_MAX), 0);

    for (t = 0; t < BF_SECONDS; t++) {
        int64_t day = t / 86400, sod = t % 86400, ms = bf_base + t * 1000;
        int in_hours = !sc->business ||
                       (day % 7 < 5 && sod >= 9 * 3600 && sod < 18 * 3600);
        int in_win = 0, gap;
        int32_t wt = 0;
        if (!in_hours || (sc->start_s >= 0 && t < sc->start_s)) {
            outside++;
            continue;
        }
        for (i = 0; i < sc->nwin; i++) {
            /* windows start every day at win_at, from the day before */
            int64_t k;
            for (k = -1; k <= day; k++) {
                int64_t ws = k * 86400 + sc->win_at[i];
                if (t >= ws && t < ws + sc->win_len[i])
                    in_win = 1;
            }
        }
        if (in_win) {
            maint++;
            continue;
        }
        if (in_any(t, sc->excl, sc->nexcl)) {
            excl++;
            continue;
        }
        gap = in_any(t, sc->gap, sc->ngap);
        if (gap) {
            nodata++;
            if (sc->policy == SLA_NODATA_EXCLUDE)
                continue;
        }
        planned++;
        if (gap && sc->policy == SLA_NODATA_DOWN)
            wt = SLA_PPM_ONE;
        for (i = 0; i < sc->nout; i++)
            if (ms >= sc->out[i].start && ms < sc->out[i].end &&
                sc->weight[sc->out[i].kind] > wt)
                wt = sc->weight[sc->out[i].kind];
        w += (int64_t)wt * 1000;
    }
    allow = planned * 1000 * (SLA_PPM_ONE - sc->target);
    lost = planned * 1000 * SLA_PPM_ONE - w;
    for (i = 0; i < sc->ncredit; i++)
        if (planned && lost < (int64_t)sc->below[i] * planned * 1000 &&
            sc->credit[i] > credit)
            credit = sc->credit[i];
    if (f.outside_ms != outside * 1000 || f.maintenance_ms != maint * 1000 ||
        f.excluded_ms != excl * 1000 || f.nodata_ms != nodata * 1000 ||
        f.planned_ms != planned * 1000 ||
        f.downtime_ms != (w + SLA_PPM_ONE - 1) / SLA_PPM_ONE ||
        f.met != (planned ? w <= allow : -1) || f.credit_ppm != credit ||
        f.budget_ms != allow / SLA_PPM_ONE)
        ck_abort_msg("round %d: library outside %lld maint %lld excl %lld "
                     "nodata %lld planned %lld down %lld met %d credit %d; "
                     "model %lld %lld %lld %lld %lld %lld %d %d",
                     round, (long long)f.outside_ms, (long long)f.maintenance_ms,
                     (long long)f.excluded_ms, (long long)f.nodata_ms,
                     (long long)f.planned_ms, (long long)f.downtime_ms, f.met,
                     f.credit_ppm, (long long)outside * 1000,
                     (long long)maint * 1000, (long long)excl * 1000,
                     (long long)nodata * 1000, (long long)planned * 1000,
                     (long long)((w + SLA_PPM_ONE - 1) / SLA_PPM_ONE),
                     planned ? w <= allow : -1, credit);
    sla_intervals_free(gaps);
    sla_service_free(s);
    sla_business_free(hours);
}

START_TEST(brute_force_model)
{
    uint64_t rng = 20261126;
    struct scenario sc;
    int round;
    for (round = 0; round < 60; round++) {
        make_scenario(&sc, &rng);
        check_scenario(&sc, round);
    }
}
END_TEST

/* Accumulators of the pieces of a span, merged in any order of
 * neighbours, equal the accumulator of the whole span, field for field;
 * so do their figures. Random services and cuts, fixed seed. */
START_TEST(merge_equals_whole)
{
    uint64_t rng = 7;
    int round;
    for (round = 0; round < 200; round++) {
        struct scenario sc;
        struct sla_service *s;
        struct sla_business *hours = NULL;
        struct sla_intervals *gaps;
        struct sla_accum whole, piece[4];
        struct sla_figures fw, fm;
        int64_t cut[5];
        int k, npieces = 1 + (int)pick(&rng, 0, 3), i;
        make_scenario(&sc, &rng);
        s = build_scenario(&sc, &hours, &gaps);
        cut[0] = bf_base;
        cut[npieces] = bf_base + BF_SECONDS * SLA_MS_PER_SECOND;
        for (k = 1; k < npieces; k++) /* any millisecond, in order */
            cut[k] = cut[k - 1] +
                     pick(&rng, 0, (cut[npieces] - cut[k - 1]) / 2);
        ck_assert_int_eq(sla_service_accumulate(&whole, s, sc.out,
                                                (size_t)sc.nout, gaps,
                                                cut[0], cut[npieces]), 0);
        for (k = 0; k < npieces; k++)
            ck_assert_int_eq(sla_service_accumulate(&piece[k], s, sc.out,
                                                    (size_t)sc.nout, gaps,
                                                    cut[k], cut[k + 1]), 0);
        /* Merge neighbours in a random order until one is left. */
        while (npieces > 1) {
            i = (int)pick(&rng, 0, npieces - 2);
            if (pick(&rng, 0, 1))
                ck_assert_int_eq(sla_accum_merge(&piece[i], &piece[i],
                                                 &piece[i + 1]), 0);
            else
                ck_assert_int_eq(sla_accum_merge(&piece[i], &piece[i + 1],
                                                 &piece[i]), 0);
            for (k = i + 1; k + 1 < npieces; k++)
                piece[k] = piece[k + 1];
            npieces--;
        }
        ck_assert_msg(memcmp(&whole, &piece[0], sizeof whole) == 0,
                      "round %d: merged planned %lld down %lld, whole %lld "
                      "%lld",
                      round, (long long)piece[0].planned_ms,
                      (long long)piece[0].downtime_ppm_ms,
                      (long long)whole.planned_ms,
                      (long long)whole.downtime_ppm_ms);
        ck_assert_int_eq(sla_accum_figures(&fm, &piece[0], s), 0);
        ck_assert_int_eq(sla_service_compute(&fw, s, sc.out, (size_t)sc.nout,
                                             gaps, whole.from, whole.to,
                                             INT64_MAX), 0);
        ck_assert(memcmp(&fw, &fm, sizeof fw) == 0);
        sla_intervals_free(gaps);
        sla_service_free(s);
        sla_business_free(hours);
    }
}
END_TEST

/* The saved form: fixed little-endian bytes; every torn or corrupted
 * buffer refused. */
START_TEST(saved_accumulators)
{
    struct sla_accum a, b;
    struct sla_error err;
    uint8_t buf[SLA_ACCUM_SIZE + 8], bad[SLA_ACCUM_SIZE + 8];
    size_t i, len;
    int bit;
    static const uint8_t head[8] = {'S', 'L', 'A', 'A', 1, 0, 84, 0};
    memset(&a, 0, sizeof a);
    a.from = at("2020-01-01T00:00:00Z"); /* 1577836800000 = 0x16f5e66e800 */
    a.to = a.from + 31 * SLA_MS_PER_DAY;
    a.maintenance_ms = 2 * SLA_MS_PER_HOUR;
    a.planned_ms = 31 * SLA_MS_PER_DAY - 2 * SLA_MS_PER_HOUR;
    a.downtime_ppm_ms = INT64_C(1200000) * SLA_PPM_ONE;
    a.target_ppm = 999900;
    ck_assert_int_eq(sla_accum_save(buf, SLA_ACCUM_SIZE - 1, &a), SLA_ENOSPC);
    ck_assert_int_eq(sla_accum_save(buf, sizeof buf, &a), SLA_ACCUM_SIZE);
    ck_assert(memcmp(buf, head, 8) == 0);
    /* from, least significant byte first, on every machine */
    ck_assert_int_eq(buf[8], 0x00);
    ck_assert_int_eq(buf[9], 0xe8);
    ck_assert_int_eq(buf[10], 0x66);
    ck_assert_int_eq(buf[11], 0x5e);
    ck_assert_int_eq(buf[12], 0x6f);
    ck_assert_int_eq(buf[13], 0x01);
    ck_assert_int_eq(buf[14], 0x00);
    /* target 999900 = 0x000f41dc at byte 72 */
    ck_assert_int_eq(buf[72], 0xdc);
    ck_assert_int_eq(buf[73], 0x41);
    ck_assert_int_eq(buf[74], 0x0f);
    ck_assert_int_eq(buf[75], 0x00);
    ck_assert_int_eq(sla_accum_load(&b, buf, SLA_ACCUM_SIZE, &err), 0);
    ck_assert(memcmp(&a, &b, sizeof a) == 0);
    /* Every single flipped bit is caught. */
    for (i = 0; i < SLA_ACCUM_SIZE; i++)
        for (bit = 0; bit < 8; bit++) {
            int rc;
            memcpy(bad, buf, SLA_ACCUM_SIZE);
            bad[i] ^= (uint8_t)(1u << bit);
            rc = sla_accum_load(&b, bad, SLA_ACCUM_SIZE, &err);
            if (rc != SLA_EPARSE && rc != SLA_EUNSUPPORTED)
                ck_abort_msg("byte %zu bit %d: %d", i, bit, rc);
        }
    /* Torn: every shorter length, and a longer one. */
    for (len = 0; len < SLA_ACCUM_SIZE; len++)
        ck_assert_int_eq(sla_accum_load(&b, buf, len, &err), SLA_EPARSE);
    ck_assert_int_eq(sla_accum_load(&b, buf, SLA_ACCUM_SIZE + 1, &err),
                     SLA_EPARSE);
    ck_assert_str_eq(err.message, "expected 84 bytes, not 85 (a torn buffer)");
    /* A later version says so. */
    memcpy(bad, buf, SLA_ACCUM_SIZE);
    bad[4] = 2;
    ck_assert_int_eq(sla_accum_load(&b, bad, SLA_ACCUM_SIZE, &err),
                     SLA_EUNSUPPORTED);
    /* Impossible figures, even with a good checksum, are refused. */
    b = a;
    b.planned_ms = 32 * SLA_MS_PER_DAY;
    ck_assert_int_eq(sla_accum_save(bad, sizeof bad, &b), SLA_EINVAL);
    /* Merging: neighbours only, the same target. */
    b = a;
    b.from = a.to;
    b.to = a.to + SLA_MS_PER_DAY;
    b.maintenance_ms = 0;
    b.planned_ms = SLA_MS_PER_DAY;
    b.downtime_ppm_ms = 0;
    ck_assert_int_eq(sla_accum_merge(&b, &a, &b), 0);
    ck_assert_int_eq(b.to - b.from, 32 * SLA_MS_PER_DAY);
    ck_assert_int_eq(sla_accum_merge(&b, &a, &a), SLA_EINVAL);
    b.target_ppm = 999000;
    ck_assert_int_eq(sla_accum_merge(&b, &a, &b), SLA_EINVAL);
    ck_assert_int_eq(sla_accum_load(NULL, buf, 84, &err), SLA_EINVAL);
    /* An empty span merges with the neighbour that starts where it is, in
     * either order. */
    b = a;
    b.to = b.from;
    b.maintenance_ms = b.planned_ms = b.downtime_ppm_ms = 0;
    {
        struct sla_accum m1, m2;
        ck_assert_int_eq(sla_accum_merge(&m1, &a, &b), 0);
        ck_assert_int_eq(sla_accum_merge(&m2, &b, &a), 0);
        ck_assert(memcmp(&m1, &a, sizeof a) == 0);
        ck_assert(memcmp(&m2, &a, sizeof a) == 0);
    }
    /* Downtime beyond planned time, even by less than a millisecond, is
     * impossible: refused by figures and save, and when loaded. */
    b = a;
    b.downtime_ppm_ms = b.planned_ms * SLA_PPM_ONE + 1;
    {
        struct sla_figures f;
        ck_assert_int_eq(sla_accum_figures(&f, &b, NULL), SLA_EINVAL);
    }
    ck_assert_int_eq(sla_accum_save(bad, sizeof bad, &b), SLA_EINVAL);
    /* Two halves of a span longer than int64_t: an overflow. */
    {
        struct sla_accum lo, hi, m;
        memset(&lo, 0, sizeof lo);
        lo.from = -INT64_C(4700000000000000000);
        lo.to = 0;
        lo.outside_ms = -lo.from;
        hi = lo;
        hi.from = 0;
        hi.to = -lo.from;
        ck_assert_int_eq(sla_accum_merge(&m, &lo, &hi), SLA_EOVERFLOW);
    }
}
END_TEST

/* A running account: a hand-worked day, then random streams of changes
 * against the same history given as records. */
START_TEST(running_account)
{
    struct sla_service *s = service("UTC", 999000);
    struct sla_account *acc;
    struct sla_figures f, g;
    const int64_t day = at("2025-01-01T00:00:00Z");
    uint64_t rng = 99;
    int round;
    ck_assert_int_eq(sla_service_set_weight(s, SLA_OUTAGE_DEGRADED, 500000),
                     0);
    ck_assert_int_eq(sla_account_new(&acc, s, day, SLA_STATE_UP), 0);
    /* Down 10:00-10:30, degraded 10:30-11:00, up, unknown 12:00-13:00,
     * up, down from 20:00 and still down at 20:10. */
    ck_assert_int_eq(sla_account_set(acc, day + 10 * SLA_MS_PER_HOUR,
                                     SLA_STATE_DOWN), 0);
    ck_assert_int_eq(sla_account_set(acc, day + 10 * SLA_MS_PER_HOUR +
                                              30 * SLA_MS_PER_MINUTE,
                                     SLA_STATE_DEGRADED), 0);
    ck_assert_int_eq(sla_account_set(acc, day + 11 * SLA_MS_PER_HOUR,
                                     SLA_STATE_UP), 0);
    ck_assert_int_eq(sla_account_set(acc, day + 12 * SLA_MS_PER_HOUR,
                                     SLA_STATE_UNKNOWN), 0);
    ck_assert_int_eq(sla_account_set(acc, day + 13 * SLA_MS_PER_HOUR,
                                     SLA_STATE_UP), 0);
    ck_assert_int_eq(sla_account_set(acc, day + 13 * SLA_MS_PER_HOUR,
                                     SLA_STATE_UP), 0); /* no change */
    ck_assert_int_eq(sla_account_set(acc, day + 20 * SLA_MS_PER_HOUR,
                                     SLA_STATE_DOWN), 0);
    ck_assert_int_eq(sla_account_set(acc, day, SLA_STATE_UP), SLA_EINVAL);
    ck_assert_int_eq(sla_account_figures(&f, acc, day, day + SLA_MS_PER_DAY,
                                         day + 20 * SLA_MS_PER_HOUR +
                                             10 * SLA_MS_PER_MINUTE), 0);
    ck_assert_int_eq(f.nodata_ms, SLA_MS_PER_HOUR);
    ck_assert_int_eq(f.planned_ms, 23 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(f.downtime_ms, 55 * SLA_MS_PER_MINUTE);
    ck_assert_int_eq(f.budget_ms, 82800);
    ck_assert_int_eq(sla_account_figures(&f, acc, day, day + SLA_MS_PER_DAY,
                                         day), SLA_EINVAL);
    sla_account_free(acc);
    sla_account_free(NULL);

    for (round = 0; round < 200; round++) {
        struct sla_outage rec[64];
        struct sla_intervals *gaps;
        int64_t t = day + pick(&rng, 0, 3600000), since = t, now;
        int32_t st = (int32_t)pick(&rng, 0, 4), first = st;
        int nrec = 0, k, changes = (int)pick(&rng, 0, 60);
        int64_t start = t;
        ck_assert_int_eq(sla_intervals_new(&gaps), 0);
        ck_assert_int_eq(sla_account_new(&acc, s, start, first), 0);
        for (k = 0; k < changes; k++) {
            int32_t nx = (int32_t)pick(&rng, 0, 4);
            t += pick(&rng, 0, 3600000);
            ck_assert_int_eq(sla_account_set(acc, t, nx), 0);
            if (nx == st)
                continue;
            if (t > since && st == SLA_STATE_UNKNOWN)
                sla_intervals_add(gaps, since, t);
            else if (t > since && st != SLA_STATE_UP) {
                rec[nrec].start = since;
                rec[nrec].end = t;
                rec[nrec].kind = st - 1;
                rec[nrec].reserved = 0;
                nrec++;
            }
            st = nx;
            since = t;
        }
        now = t + pick(&rng, 0, 7200000);
        if (now > since && st == SLA_STATE_UNKNOWN)
            sla_intervals_add(gaps, since, now);
        else if (now > since && st != SLA_STATE_UP) {
            rec[nrec].start = since;
            rec[nrec].end = now;
            rec[nrec].kind = st - 1;
            rec[nrec].reserved = 0;
            nrec++;
        }
        sla_intervals_add(gaps, day - SLA_MS_PER_DAY, start);
        ck_assert_int_eq(sla_service_set_weight(s, SLA_OUTAGE_PARTIAL,
                                                (int32_t)pick(&rng, 0,
                                                              1000000)), 0);
        ck_assert_int_eq(sla_account_figures(&f, acc, day - SLA_MS_PER_DAY,
                                             day + 3 * SLA_MS_PER_DAY, now),
                         0);
        ck_assert_int_eq(sla_service_compute(&g, s, rec, (size_t)nrec, gaps,
                                             day - SLA_MS_PER_DAY,
                                             day + 3 * SLA_MS_PER_DAY, now),
                         0);
        ck_assert_msg(memcmp(&f, &g, sizeof f) == 0,
                      "round %d: account down %lld nodata %lld, records %lld "
                      "%lld",
                      round, (long long)f.downtime_ms, (long long)f.nodata_ms,
                      (long long)g.downtime_ms, (long long)g.nodata_ms);
        sla_account_free(acc);
        sla_intervals_free(gaps);
    }
    sla_service_free(s);
}
END_TEST

/* Evidence adds up to the figures: outages (and no data counted down) to
 * the exact weighted downtime, windows to maintenance, exclusions to
 * excluded time; on random scenarios, and by hand. */
START_TEST(evidence_adds_up)
{
    uint64_t rng = 314;
    int round;
    for (round = 0; round < 200; round++) {
        struct scenario sc;
        struct sla_business *hours;
        struct sla_intervals *gaps;
        struct sla_service *s;
        struct sla_accum acc;
        struct sla_evidence ev[256];
        size_t count = 0, i;
        int64_t down = 0, maint = 0, excl = 0;
        const int64_t to = bf_base + BF_SECONDS * SLA_MS_PER_SECOND;
        make_scenario(&sc, &rng);
        s = build_scenario(&sc, &hours, &gaps);
        ck_assert_int_eq(sla_service_accumulate(&acc, s, sc.out,
                                                (size_t)sc.nout, gaps,
                                                bf_base, to), 0);
        ck_assert_int_eq(sla_service_evidence(ev, 256, &count, s, sc.out,
                                              (size_t)sc.nout, gaps, bf_base,
                                              to), 0);
        for (i = 0; i < count; i++) {
            switch (ev[i].source) {
            case SLA_EVIDENCE_OUTAGE:
            case SLA_EVIDENCE_NODATA: down += ev[i].counted_ppm_ms; break;
            case SLA_EVIDENCE_MAINTENANCE: maint += ev[i].counted_ms; break;
            default: excl += ev[i].counted_ms; break;
            }
            ck_assert(ev[i].start <= ev[i].end);
        }
        ck_assert_msg(down == acc.downtime_ppm_ms &&
                          maint == acc.maintenance_ms &&
                          excl == acc.excluded_ms,
                      "round %d: evidence %lld %lld %lld, figures %lld %lld "
                      "%lld",
                      round, (long long)down, (long long)maint,
                      (long long)excl, (long long)acc.downtime_ppm_ms,
                      (long long)acc.maintenance_ms,
                      (long long)acc.excluded_ms);
        /* Too little room: ENOSPC and the count. */
        if (count > 0) {
            size_t c2 = 0;
            ck_assert_int_eq(sla_service_evidence(ev, count - 1, &c2, s,
                                                  sc.out, (size_t)sc.nout,
                                                  gaps, bf_base, to),
                             SLA_ENOSPC);
            ck_assert_uint_eq(c2, count);
        }
        sla_intervals_free(gaps);
        sla_service_free(s);
        sla_business_free(hours);
    }
}
END_TEST

START_TEST(evidence_by_hand)
{
    /* Two reports of one outage, the first counts where they overlap; a
     * degraded hour under a full half hour; an outage in a window. */
    struct sla_service *s = service("UTC", 999000);
    struct sla_schedule *m = window((struct sla_zone *)sla_service_zone(s),
                                    "FREQ=DAILY", "2025-01-01T02:00:00");
    struct sla_outage o[] = {
        outage("2025-01-01T14:05:00Z", "2025-01-01T14:40:00Z",
               SLA_OUTAGE_FULL),
        outage("2025-01-01T14:10:00Z", "2025-01-01T14:52:00Z",
               SLA_OUTAGE_FULL),
        outage("2025-01-01T16:00:00Z", "2025-01-01T17:00:00Z",
               SLA_OUTAGE_DEGRADED),
        outage("2025-01-01T16:15:00Z", "2025-01-01T16:45:00Z",
               SLA_OUTAGE_FULL),
        outage("2025-01-01T03:00:00Z", "2025-01-01T03:30:00Z",
               SLA_OUTAGE_FULL),
    };
    struct sla_evidence ev[8];
    size_t count;
    const int64_t a = at("2025-01-01T00:00:00Z");
    ck_assert_int_eq(sla_service_add_maintenance(s, m), 0);
    sla_schedule_unref(m);
    ck_assert_int_eq(sla_service_set_weight(s, SLA_OUTAGE_DEGRADED, 500000),
                     0);
    ck_assert_int_eq(sla_service_evidence(ev, 8, &count, s, o, 5, NULL, a,
                                          a + SLA_MS_PER_DAY), 0);
    ck_assert_uint_eq(count, 6);
    ck_assert_int_eq(ev[0].counted_ms, 35 * SLA_MS_PER_MINUTE);
    ck_assert_int_eq(ev[1].counted_ms, 12 * SLA_MS_PER_MINUTE);
    ck_assert_int_eq(ev[2].counted_ms, 15 * SLA_MS_PER_MINUTE); /* 30 of 60 at 1/2 */
    ck_assert_int_eq(ev[3].counted_ms, 30 * SLA_MS_PER_MINUTE);
    ck_assert_int_eq(ev[4].counted_ms, 0); /* inside the window */
    ck_assert_int_eq(ev[5].source, SLA_EVIDENCE_MAINTENANCE);
    ck_assert_int_eq(ev[5].index, 0);
    ck_assert_int_eq(ev[5].counted_ms, 2 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(sla_service_evidence(NULL, 0, &count, s, o, 5, NULL, a,
                                          a + SLA_MS_PER_DAY), SLA_ENOSPC);
    ck_assert_uint_eq(count, 6);
    ck_assert_int_eq(sla_service_evidence(ev, 8, NULL, s, o, 5, NULL, a, a),
                     SLA_EINVAL);
    sla_service_free(s);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("availability");
    TCase *tc = sla_tcase("availability");
    tcase_add_test(tc, month_with_a_maintenance_window);
    tcase_add_test(tc, outage_across_months);
    tcase_add_test(tc, berlin_dst_months);
    tcase_add_test(tc, credit_band_edges);
    tcase_add_test(tc, overlaps_and_weights);
    tcase_add_test(tc, no_data_policies);
    tcase_add_test(tc, not_applicable);
    tcase_add_test(tc, arguments);
    tcase_add_test(tc, burn_rate_alerts);
    tcase_add_test(tc, composite);
    tcase_add_test(tc, brute_force_model);
    tcase_add_test(tc, merge_equals_whole);
    tcase_add_test(tc, running_account);
    tcase_add_test(tc, evidence_adds_up);
    tcase_add_test(tc, evidence_by_hand);
    tcase_add_test(tc, saved_accumulators);
    suite_add_tcase(su, tc);
    return sla_run_suite(su);
}
