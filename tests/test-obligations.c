/* SPDX-License-Identifier: MIT */
/* Obligations: calendar-month notice edges and missed cadence periods. */
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

int main(void)
{
    Suite *su = suite_create("obligations");
    TCase *tc = sla_tcase("obligations");
    tcase_add_test(tc, notice_periods);
    tcase_add_test(tc, cadences);
    suite_add_tcase(su, tc);
    return sla_run_suite(su);
}
