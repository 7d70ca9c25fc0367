/* SPDX-License-Identifier: MIT */
/* Incidents: the check sheet's hand-worked cases and a brute-force model. */
#include <stdio.h>

#include "testlib.h"

#define H SLA_MS_PER_HOUR
#define MIN SLA_MS_PER_MINUTE
#define NONE SLA_TIME_NONE

static struct sla_incident incident(int64_t started, int64_t recovered)
{
    struct sla_incident x;
    memset(&x, 0, sizeof x);
    x.started = started;
    x.recovered = recovered;
    x.detected = x.acknowledged = x.notified = x.resolved = NONE;
    return x;
}

/* Repair times of 30 min, 2 h, 26 h and 45 min in an 8,760-hour year:
 * MTTR 7 h 18 min 45 s, one of a day or more, MTBF 2,182.6875 h, 99.6661%
 * implied. */
START_TEST(check_sheet_year)
{
    const int64_t year = 8760 * H;
    struct sla_incident x[4] = {
        incident(100 * H, 100 * H + 30 * MIN),
        incident(2000 * H, 2002 * H),
        incident(5000 * H, 5026 * H),
        incident(8000 * H, 8000 * H + 45 * MIN),
    };
    struct sla_incident_stats st;
    char pct[16];
    ck_assert_int_eq(sla_incidents_stats(&st, x, 4, 0, year, 4 * H, 24 * H,
                                         NULL), 0);
    ck_assert_int_eq(st.count, 4);
    ck_assert_int_eq(st.mttr_ms, 7 * H + 18 * MIN + 45 * SLA_MS_PER_SECOND);
    ck_assert_int_eq(st.long_count, 1);
    ck_assert_int_eq(st.mtbf_ms, INT64_C(7857675000)); /* 2,182.6875 h */
    snprintf(pct, sizeof pct, "%.4f", st.implied_availability * 100);
    ck_assert_str_eq(pct, "99.6661");
    /* Nearest rank of 30 min, 45 min, 2 h, 26 h: rank 2 and rank 4. */
    ck_assert_int_eq(st.median_ms, 45 * MIN);
    ck_assert_int_eq(st.p90_ms, 26 * H);
    ck_assert_int_eq(st.max_ms, 26 * H);
    /* RTO 4 h: three of four. */
    ck_assert_int_eq(st.rto_met, 3);
    ck_assert(st.rto_rate == 0.75);
    /* An incident belongs to the period it started in, whole. */
    ck_assert_int_eq(sla_incidents_stats(&st, x, 4, 5000 * H, 5001 * H,
                                         4 * H, 24 * H, NULL), 0);
    ck_assert_int_eq(st.count, 1);
    ck_assert_int_eq(st.mttr_ms, 26 * H);
    ck_assert_int_eq(st.mtbf_ms, 0); /* 1 h span, 26 h down: no uptime */
}
END_TEST

START_TEST(notification_and_updates)
{
    /* Detected 23:30, notified 00:40, limit 1 h: 10 minutes late. */
    struct sla_incident x = incident(23 * H, 26 * H);
    static const int64_t upd[] = {10 * H + 20 * MIN, 10 * H + 45 * MIN,
                                  11 * H + 30 * MIN, 12 * H};
    struct sla_interval gaps[4];
    int64_t breach;
    size_t n;
    x.detected = 23 * H + 30 * MIN;
    x.notified = 24 * H + 40 * MIN;
    ck_assert_int_eq(sla_incident_notification(&breach, &x, H), 0);
    ck_assert_int_eq(breach, 10 * MIN);
    x.notified = 24 * H + 30 * MIN; /* exactly an hour: on time */
    ck_assert_int_eq(sla_incident_notification(&breach, &x, H), 0);
    ck_assert_int_eq(breach, 0);
    x.notified = NONE; /* never: late by recovery - due */
    ck_assert_int_eq(sla_incident_notification(&breach, &x, H), 0);
    ck_assert_int_eq(breach, 26 * H - (24 * H + 30 * MIN));
    /* Updates at 10:20, 10:45, 11:30 and 12:00 for an outage
     * 10:00-12:10: one breaching gap, 10:45-11:30; 30 minutes is fine. */
    x = incident(10 * H, 12 * H + 10 * MIN);
    x.updates = upd;
    x.nupdates = 4;
    ck_assert_int_eq(sla_incident_update_gaps(gaps, 4, &n, &x, 30 * MIN), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(gaps[0].start, 10 * H + 45 * MIN);
    ck_assert_int_eq(gaps[0].end, 11 * H + 30 * MIN);
    /* With a first notification at 10:05 the updates start from it. */
    x.notified = 10 * H + 5 * MIN;
    ck_assert_int_eq(sla_incident_update_gaps(gaps, 4, &n, &x, 10 * MIN), 0);
    ck_assert_uint_eq(n, 4); /* 10:05-10:20, 10:20-10:45, 10:45-11:30, 11:30-12:00 */
    ck_assert_int_eq(sla_incident_update_gaps(gaps, 2, &n, &x, 10 * MIN),
                     SLA_ENOSPC);
    ck_assert_uint_eq(n, 4);
    /* Nothing after the last update until recovery: that gap counts. */
    x.notified = NONE;
    x.nupdates = 1;
    ck_assert_int_eq(sla_incident_update_gaps(gaps, 4, &n, &x, 30 * MIN), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(gaps[0].start, 10 * H + 20 * MIN);
    ck_assert_int_eq(gaps[0].end, 12 * H + 10 * MIN);
}
END_TEST

START_TEST(impossible_orders)
{
    struct sla_incident x = incident(10 * H, 9 * H);
    struct sla_incident_stats st;
    struct sla_error err;
    static const int64_t upd[] = {11 * H, 10 * H + 30 * MIN};
    ck_assert_int_eq(sla_incident_check(&x, &err), SLA_EINVAL);
    ck_assert_str_eq(err.message, "record 1: recovered before started");
    x = incident(10 * H, 12 * H);
    x.detected = 9 * H;
    ck_assert_int_eq(sla_incident_check(&x, &err), SLA_EINVAL);
    ck_assert(strstr(err.message, "detected before started") != NULL);
    x.detected = 10 * H;
    x.acknowledged = 9 * H + 30 * MIN;
    ck_assert_int_eq(sla_incident_check(&x, &err), SLA_EINVAL);
    x.acknowledged = NONE;
    x.resolved = 11 * H;
    ck_assert_int_eq(sla_incident_check(&x, &err), SLA_EINVAL);
    x.resolved = NONE;
    x.updates = upd;
    x.nupdates = 2;
    ck_assert_int_eq(sla_incident_check(&x, &err), SLA_EINVAL);
    ck_assert(strstr(err.message, "time order") != NULL);
    x.nupdates = 1;
    ck_assert_int_eq(sla_incident_check(&x, &err), 0);
    /* The stats name the record. */
    {
        struct sla_incident two[2];
        two[0] = x;
        two[1] = incident(5 * H, 4 * H);
        ck_assert_int_eq(sla_incidents_stats(&st, two, 2, 0, 24 * H, H, H,
                                             &err), SLA_EINVAL);
        ck_assert_int_eq(err.offset, 1);
        ck_assert_str_eq(err.message, "record 2: recovered before started");
    }
    ck_assert_int_eq(sla_incidents_stats(&st, NULL, 0, 0, 24 * H, 0, H, NULL),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_incidents_stats(&st, NULL, 0, 0, 24 * H, H, H, NULL),
                     0);
    ck_assert_int_eq(st.count, 0);
    ck_assert(st.implied_availability == 0.0);
    /* Recovery times beyond int64_t: an overflow, not a number. */
    {
        struct sla_incident big = incident(-INT64_C(9000000000000000000),
                                           INT64_C(9000000000000000000));
        int64_t late;
        /* Outside the span it is not counted, so nothing overflows. */
        ck_assert_int_eq(sla_incidents_stats(&st, &big, 1, 0, H, H, H, NULL),
                         0);
        ck_assert_int_eq(sla_incidents_stats(&st, &big, 1, big.started,
                                             big.started + 1, H, H, NULL),
                         SLA_EOVERFLOW);
        ck_assert_int_eq(sla_incident_notification(&late, &big, H), 0);
        ck_assert_int_eq(late, INT64_MAX);
    }
}
END_TEST

static int cmp64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Random incident sets against a model that works the figures out
 * directly: counts, sums, rounded means, sorted ranks. */
START_TEST(brute_force_model)
{
    uint64_t rng = 4242;
    int round;
    for (round = 0; round < 500; round++) {
        struct sla_incident x[40];
        int64_t r[40], sorted[40], from = 0, to = 30 * 24 * H;
        int64_t sum = 0, longc = 0, met = 0, cnt = 0, rto = H, lng = 6 * H;
        int64_t sdet = 0, ndet = 0;
        struct sla_incident_stats st;
        size_t n = (size_t)sla_test_below(&rng, 40), i;
        for (i = 0; i < n; i++) {
            int64_t s = (int64_t)sla_test_below(&rng, 40 * 24) * H -
                        5 * 24 * H + (int64_t)sla_test_below(&rng, 3600000);
            int64_t len = (int64_t)sla_test_below(&rng, 30 * H);
            x[i] = incident(s, s + len);
            if (sla_test_below(&rng, 2))
                x[i].detected = s + (int64_t)sla_test_below(&rng,
                                                           (uint64_t)len + 1);
            r[i] = len;
        }
        ck_assert_int_eq(sla_incidents_stats(&st, x, n, from, to, rto, lng,
                                             NULL), 0);
        for (i = 0; i < n; i++) {
            if (x[i].started < from || x[i].started >= to)
                continue;
            sorted[cnt++] = r[i];
            sum += r[i];
            longc += r[i] >= lng;
            met += r[i] <= rto;
            if (x[i].detected != NONE) {
                sdet += x[i].detected - x[i].started;
                ndet++;
            }
        }
        qsort(sorted, (size_t)cnt, sizeof *sorted, cmp64);
        ck_assert_int_eq(st.count, cnt);
        ck_assert_int_eq(st.total_recovery_ms, sum);
        ck_assert_int_eq(st.long_count, longc);
        ck_assert_int_eq(st.rto_met, met);
        if (cnt) {
            /* (2 sum + cnt) / (2 cnt): the mean rounded half up */
            ck_assert_int_eq(st.mttr_ms, (2 * sum + cnt) / (2 * cnt));
            ck_assert_int_eq(st.median_ms, sorted[(cnt + 1) / 2 - 1]);
            ck_assert_int_eq(st.p90_ms, sorted[(9 * cnt + 9) / 10 - 1]);
            ck_assert_int_eq(st.max_ms, sorted[cnt - 1]);
            ck_assert_int_eq(st.mtbf_ms, to - from - sum > 0
                                             ? (2 * (to - from - sum) + cnt) /
                                                   (2 * cnt)
                                             : 0);
        }
        if (ndet)
            ck_assert_int_eq(st.mttd_ms, (2 * sdet + ndet) / (2 * ndet));
    }
}
END_TEST

int main(void)
{
    Suite *su = suite_create("incidents");
    TCase *tc = sla_tcase("incidents");
    tcase_add_test(tc, check_sheet_year);
    tcase_add_test(tc, notification_and_updates);
    tcase_add_test(tc, impossible_orders);
    tcase_add_test(tc, brute_force_model);
    suite_add_tcase(su, tc);
    return sla_run_suite(su);
}
