/* SPDX-License-Identifier: MIT */
/* Obligations: calendar-month notice edges, missed cadence periods and
 * gaps in monitoring. */
#include "testlib.h"

static int64_t at(const char *text)
{
    int64_t t;
    ck_assert_int_eq(sla_rfc3339_parse(&t, NULL, text, strlen(text), NULL), 0);
    return t;
}

START_TEST(notice_periods)
{
    struct sla_zone *tokyo;
    int64_t s;
    ck_assert_int_eq(sla_zone_open(&tokyo, "Asia/Tokyo", NULL, NULL), 0);
    /* Announced 2020-03-31 for an event on 2020-09-30: six calendar
     * months run to 2020-09-30 (September has no 31st), so it is enough,
     * counted forward as civil codes count months. */
    ck_assert_int_eq(sla_notice_check(&s, tokyo,
                                      at("2020-03-31T10:00:00+09:00"),
                                      at("2020-09-30T10:00:00+09:00"), 6, 0),
                     0);
    ck_assert_int_eq(s, 0);
    /* The day before: a day short. */
    ck_assert_int_eq(sla_notice_check(&s, tokyo,
                                      at("2020-03-31T10:00:00+09:00"),
                                      at("2020-09-29T10:00:00+09:00"), 6, 0),
                     0);
    ck_assert_int_eq(s, SLA_MS_PER_DAY);
    /* Earlier on the last day: the time of day counts too. */
    ck_assert_int_eq(sla_notice_check(&s, tokyo,
                                      at("2020-03-31T10:00:00+09:00"),
                                      at("2020-09-30T09:00:00+09:00"), 6, 0),
                     0);
    ck_assert_int_eq(s, SLA_MS_PER_HOUR);
    /* Months are Tokyo's: 2020-03-31T20:00Z is already April 1st there. */
    ck_assert_int_eq(sla_notice_check(&s, tokyo, at("2020-03-31T20:00:00Z"),
                                      at("2020-09-30T23:00:00Z"), 6, 0), 0);
    ck_assert_int_eq(s, 0);
    ck_assert_int_eq(sla_notice_check(&s, tokyo, at("2020-03-31T20:00:00Z"),
                                      at("2020-09-30T14:00:00Z"), 6, 0), 0);
    ck_assert_int_eq(s, 6 * SLA_MS_PER_HOUR);
    /* Three months for the end of the service; a month for a change. */
    ck_assert_int_eq(sla_notice_check(&s, tokyo, at("2020-11-30T00:00:00Z"),
                                      at("2021-02-28T00:00:00Z"), 3, 0), 0);
    ck_assert_int_eq(s, 0);
    /* An exact duration. */
    ck_assert_int_eq(sla_notice_check(&s, tokyo, 0, 10 * SLA_MS_PER_DAY, 0,
                                      14 * SLA_MS_PER_DAY), 0);
    ck_assert_int_eq(s, 4 * SLA_MS_PER_DAY);
    ck_assert_int_eq(sla_notice_check(&s, tokyo, 0, 1, -1, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_notice_check(NULL, tokyo, 0, 1, 1, 0), SLA_EINVAL);
    sla_zone_unref(tokyo);
}
END_TEST

START_TEST(cadences)
{
    struct sla_zone *tokyo;
    struct sla_interval miss[8];
    size_t n;
    /* Monthly patches in Tokyo over 2025, none in May; one on
     * 2025-06-30T16:00Z, which is July 1st in Tokyo. */
    static const char *const patches[] = {
        "2025-01-14T02:00:00+09:00", "2025-02-11T02:00:00+09:00",
        "2025-03-11T02:00:00+09:00", "2025-04-08T02:00:00+09:00",
        "2025-06-10T02:00:00+09:00", "2025-06-30T16:00:00Z",
        "2025-08-12T02:00:00+09:00", "2025-09-09T02:00:00+09:00",
        "2025-10-14T02:00:00+09:00", "2025-11-11T02:00:00+09:00",
        "2025-12-09T02:00:00+09:00"};
    int64_t ev[11];
    size_t i;
    for (i = 0; i < 11; i++)
        ev[10 - i] = at(patches[i]); /* in any order */
    ck_assert_int_eq(sla_zone_open(&tokyo, "Asia/Tokyo", NULL, NULL), 0);
    ck_assert_int_eq(sla_cadence_missed(miss, 8, &n, tokyo, SLA_PERIOD_MONTH,
                                        ev, 11,
                                        at("2025-01-01T00:00:00+09:00"),
                                        at("2026-01-01T00:00:00+09:00")), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(miss[0].start, at("2025-05-01T00:00:00+09:00"));
    ck_assert_int_eq(miss[0].end, at("2025-06-01T00:00:00+09:00"));
    /* Daily, over a week with the 3rd and 4th missing: two periods. */
    {
        int64_t d[5];
        d[0] = at("2025-03-01T12:00:00+09:00");
        d[1] = at("2025-03-02T12:00:00+09:00");
        d[2] = at("2025-03-05T00:00:00+09:00");
        d[3] = at("2025-03-06T23:59:59+09:00");
        d[4] = at("2025-03-07T00:00:00+09:00");
        ck_assert_int_eq(sla_cadence_missed(miss, 8, &n, tokyo,
                                            SLA_PERIOD_DAY, d, 5,
                                            at("2025-03-01T00:00:00+09:00"),
                                            at("2025-03-08T00:00:00+09:00")),
                         0);
        ck_assert_uint_eq(n, 2);
        ck_assert_int_eq(miss[0].start, at("2025-03-03T00:00:00+09:00"));
        ck_assert_int_eq(miss[1].start, at("2025-03-04T00:00:00+09:00"));
        /* Weekly: the ISO week of 2025-03-01 (a Saturday) is clipped to
         * the span, and holds events. */
        ck_assert_int_eq(sla_cadence_missed(miss, 8, &n, tokyo,
                                            SLA_PERIOD_WEEK, d, 5,
                                            at("2025-03-01T00:00:00+09:00"),
                                            at("2025-03-17T00:00:00+09:00")),
                         0);
        ck_assert_uint_eq(n, 1); /* the week of the 10th */
        ck_assert_int_eq(miss[0].start, at("2025-03-10T00:00:00+09:00"));
        ck_assert_int_eq(sla_cadence_missed(NULL, 0, &n, tokyo,
                                            SLA_PERIOD_DAY, NULL, 0,
                                            at("2025-03-01T00:00:00+09:00"),
                                            at("2025-03-08T00:00:00+09:00")),
                         SLA_ENOSPC);
        ck_assert_uint_eq(n, 7);
        ck_assert_int_eq(sla_cadence_missed(miss, 8, &n, tokyo, 9, d, 5, 0,
                                            1), SLA_EINVAL);
    }
    sla_zone_unref(tokyo);
}
END_TEST

START_TEST(continuity)
{
    struct sla_interval g[8];
    int64_t t0 = at("2025-11-01T10:00:00Z"), m = SLA_MS_PER_MINUTE;
    int64_t v[4];
    size_t n;
    /* 10:00, 10:01, 10:05 over [10:00, 10:06): one gap, 10:01 to 10:05;
     * the last sample is exactly a minute before the end, which is fine. */
    v[0] = t0 + 5 * m;
    v[1] = t0;
    v[2] = t0 + m;
    ck_assert_int_eq(sla_continuity_gaps(g, 8, &n, v, 3, m, t0, t0 + 6 * m),
                     0);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(g[0].start, t0 + m);
    ck_assert_int_eq(g[0].end, t0 + 5 * m);
    /* One millisecond more at the end is a gap of its own. */
    ck_assert_int_eq(sla_continuity_gaps(g, 8, &n, v, 3, m, t0,
                                         t0 + 6 * m + 1), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(g[1].start, t0 + 5 * m);
    ck_assert_int_eq(g[1].end, t0 + 6 * m + 1);
    /* The start counts as a sample: the first must come within the limit
     * of it; samples outside the span are not looked at. */
    v[3] = t0 - 2 * m;
    ck_assert_int_eq(sla_continuity_gaps(g, 8, &n, v, 4, m, t0 - m - 1,
                                         t0 + 6 * m), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(g[0].start, t0 - m - 1);
    ck_assert_int_eq(g[0].end, t0);
    ck_assert_int_eq(g[1].start, t0 + m);
    ck_assert_int_eq(sla_continuity_gaps(g, 8, &n, v, 4, m, t0 - m,
                                         t0 + 6 * m), 0);
    ck_assert_uint_eq(n, 1);
    /* No samples: the whole span, if longer than the limit. */
    ck_assert_int_eq(sla_continuity_gaps(g, 8, &n, NULL, 0, m, t0, t0 + m),
                     0);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(sla_continuity_gaps(NULL, 0, &n, NULL, 0, m, t0,
                                         t0 + m + 1), SLA_ENOSPC);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(sla_continuity_gaps(g, 8, &n, NULL, 0, m, INT64_MIN,
                                         INT64_MAX), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(sla_continuity_gaps(g, 8, &n, v, 3, 0, t0, t0),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_continuity_gaps(g, 8, &n, v, 3, m, t0, t0 - 1),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_continuity_gaps(g, 8, &n, NULL, 3, m, t0, t0),
                     SLA_EINVAL);
}
END_TEST

/* Brute force: an instant t in (from, to] is the end of a gap when the
 * newest point (sample or from) before it is more than the limit away,
 * and the gap is reported from that point to the next point (sample or
 * to); walk every millisecond of small random spans. */
START_TEST(continuity_model)
{
    uint64_t seed = 0x5eedc0ffeeULL;
    int round;
    for (round = 0; round < 400; round++) {
        int64_t v[12], pts[14], from = 1000, to, limit;
        struct sla_interval g[16];
        size_t n, ng, np = 0, i, j, k = 0;
        n = (size_t)(sla_test_rand(&seed) % 12);
        to = from + (int64_t)(sla_test_rand(&seed) % 300);
        limit = 1 + (int64_t)(sla_test_rand(&seed) % 60);
        for (i = 0; i < n; i++)
            v[i] = from - 20 + (int64_t)(sla_test_rand(&seed) %
                                         (uint64_t)(to - from + 40));
        ck_assert_int_eq(sla_continuity_gaps(g, 16, &ng, v, n, limit, from,
                                             to), 0);
        /* the points: from, the samples in [from, to], to; sorted */
        pts[np++] = from;
        for (i = 0; i < n; i++)
            if (v[i] >= from && v[i] <= to)
                pts[np++] = v[i];
        pts[np++] = to;
        for (i = 1; i < np; i++)
            for (j = i; j > 0 && pts[j - 1] > pts[j]; j--) {
                int64_t x = pts[j];
                pts[j] = pts[j - 1];
                pts[j - 1] = x;
            }
        /* every millisecond t of (from, to]: the newest point before t */
        {
            int64_t t, last_end = INT64_MIN;
            for (t = from + 1; t <= to; t++) {
                int64_t before = from, after = to;
                for (i = 0; i < np; i++)
                    if (pts[i] < t)
                        before = pts[i];
                for (i = np; i-- > 0;)
                    if (pts[i] >= t)
                        after = pts[i];
                if (after - before > limit && after != last_end) {
                    ck_assert_uint_lt(k, ng);
                    ck_assert_int_eq(g[k].start, before);
                    ck_assert_int_eq(g[k].end, after);
                    k++;
                    last_end = after;
                }
            }
        }
        ck_assert_uint_eq(k, ng);
    }
}
END_TEST

int main(void)
{
    Suite *su = suite_create("obligations");
    TCase *tc = sla_tcase("obligations");
    tcase_add_test(tc, notice_periods);
    tcase_add_test(tc, cadences);
    tcase_add_test(tc, continuity);
    tcase_add_test(tc, continuity_model);
    suite_add_tcase(su, tc);
    return sla_run_suite(su);
}
