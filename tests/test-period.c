/* SPDX-License-Identifier: MIT */
/* Reporting periods: hand-worked spans and a model of what a period is. */
#include "testlib.h"

static struct sla_zone *zone(const char *name)
{
    struct sla_zone *z = NULL;
    ck_assert_int_eq(sla_zone_open(&z, name, NULL, NULL), 0);
    return z;
}

static int64_t at(const char *text)
{
    int64_t t;
    ck_assert_int_eq(sla_rfc3339_parse(&t, NULL, text, strlen(text), NULL), 0);
    return t;
}

static void expect(const char *zname, int32_t unit, const char *instant,
                   const char *start, const char *end)
{
    struct sla_zone *z = zone(zname);
    struct sla_interval p;
    ck_assert_int_eq(sla_period_at(&p, z, unit, at(instant)), 0);
    ck_assert_msg(p.start == at(start) && p.end == at(end),
                  "%s unit %d at %s: got [%lld, %lld)", zname, unit, instant,
                  (long long)p.start, (long long)p.end);
    sla_zone_unref(z);
}

START_TEST(hand_worked)
{
    /* A Tokyo month starts at 15:00Z the day before. */
    expect("Asia/Tokyo", SLA_PERIOD_MONTH, "2026-02-10T00:00:00Z",
           "2026-01-31T15:00:00Z", "2026-02-28T15:00:00Z");
    expect("Asia/Tokyo", SLA_PERIOD_MONTH, "2026-01-31T15:00:00Z",
           "2026-01-31T15:00:00Z", "2026-02-28T15:00:00Z");
    expect("Asia/Tokyo", SLA_PERIOD_MONTH, "2026-01-31T14:59:59.999Z",
           "2025-12-31T15:00:00Z", "2026-01-31T15:00:00Z");
    /* New York's spring-forward day has 23 hours, fall-back 25. */
    expect("America/New_York", SLA_PERIOD_DAY, "2025-03-09T12:00:00Z",
           "2025-03-09T05:00:00Z", "2025-03-10T04:00:00Z");
    expect("America/New_York", SLA_PERIOD_DAY, "2025-11-02T12:00:00Z",
           "2025-11-02T04:00:00Z", "2025-11-03T05:00:00Z");
    /* Sao Paulo 2018-11-04 had no midnight: the day starts at 01:00. */
    expect("America/Sao_Paulo", SLA_PERIOD_DAY, "2018-11-04T12:00:00Z",
           "2018-11-04T03:00:00Z", "2018-11-05T02:00:00Z");
    /* ISO weeks start on Monday: 2027-01-01 is a Friday of week 53. */
    expect("Europe/Berlin", SLA_PERIOD_WEEK, "2027-01-01T12:00:00Z",
           "2026-12-27T23:00:00Z", "2027-01-03T23:00:00Z");
    expect("UTC", SLA_PERIOD_QUARTER, "2026-05-15T00:00:00Z",
           "2026-04-01T00:00:00Z", "2026-07-01T00:00:00Z");
    expect("UTC", SLA_PERIOD_YEAR, "2024-12-31T23:59:59.999Z",
           "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z");
    /* Apia skipped 2011-12-30: the 29th ends where the 31st begins. */
    expect("Pacific/Apia", SLA_PERIOD_DAY, "2011-12-30T09:59:59Z",
           "2011-12-29T10:00:00Z", "2011-12-30T10:00:00Z");
    expect("Pacific/Apia", SLA_PERIOD_DAY, "2011-12-30T10:00:00Z",
           "2011-12-30T10:00:00Z", "2011-12-31T10:00:00Z");
}
END_TEST

START_TEST(errors)
{
    struct sla_zone *z = zone("UTC");
    struct sla_interval p = {1, 2};
    ck_assert_int_eq(sla_period_at(NULL, z, SLA_PERIOD_DAY, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_period_at(&p, NULL, SLA_PERIOD_DAY, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_period_at(&p, z, -1, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_period_at(&p, z, 5, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_period_at(&p, z, SLA_PERIOD_YEAR, INT64_MAX),
                     SLA_EOVERFLOW);
    ck_assert_int_eq(sla_period_at(&p, z, SLA_PERIOD_YEAR, INT64_MIN),
                     SLA_EOVERFLOW);
    ck_assert_int_eq(p.start, 1);
    sla_zone_unref(z);
}
END_TEST

/* The model: a period holds the instant, starts where its first day
 * starts (local midnight, or the end of a gap over it) and ends where the
 * next period starts; its first day is the unit's first day. */
START_TEST(model_random)
{
    static const char *const zones[] = {
        "UTC", "Asia/Tokyo", "America/New_York", "Europe/Dublin",
        "Australia/Lord_Howe", "America/Sao_Paulo", "Pacific/Apia",
        "Antarctica/Troll", "America/Santiago", "Asia/Kolkata"};
    uint64_t seed = 20261126;
    size_t zi;
    int i, n = getenv("SLA_TEST_VALGRIND") ? 300 : 3000;
    for (zi = 0; zi < sizeof zones / sizeof *zones; zi++) {
        struct sla_zone *z = zone(zones[zi]);
        for (i = 0; i < n; i++) {
            int64_t t = (int64_t)sla_test_below(&seed, UINT64_C(4102444800000)) -
                        INT64_C(946684800000); /* 1940-2100 */
            int32_t unit = (int32_t)sla_test_below(&seed, 5);
            struct sla_interval p, q;
            struct sla_civil c, e;
            int32_t wd;
            if (sla_period_at(&p, z, unit, t) != 0 || !(p.start <= t && t < p.end))
                ck_abort_msg("%s unit %d: %lld not in [%lld, %lld)", zones[zi],
                             unit, (long long)t, (long long)p.start, (long long)p.end);
            /* The next period starts where this one ends. */
            if (sla_period_at(&q, z, unit, p.end) != 0 || q.start != p.end)
                ck_abort_msg("%s unit %d: periods do not tile at %lld",
                             zones[zi], unit, (long long)p.end);
            /* The start reads as the unit's first day, at midnight unless
             * clocks jumped over midnight (then just after the jump). */
            sla_zone_to_civil(&c, NULL, z, p.start);
            sla_zone_to_civil(&e, NULL, z, p.start - 1);
            if (c.hour != 0 || c.minute != 0 || c.second != 0 || c.millisecond != 0) {
                struct sla_zone_period zp;
                sla_zone_period_at(&zp, z, p.start);
                if (zp.start != p.start)
                    ck_abort_msg("%s unit %d: start %lld is not a midnight "
                                 "nor a transition", zones[zi], unit,
                                 (long long)p.start);
            }
            sla_date_weekday(&wd, &(struct sla_date){c.year, c.month, c.day});
            if ((unit == SLA_PERIOD_WEEK && wd != 1) ||
                (unit >= SLA_PERIOD_MONTH && c.day != 1) ||
                (unit == SLA_PERIOD_QUARTER && (c.month - 1) % 3 != 0) ||
                (unit == SLA_PERIOD_YEAR && c.month != 1))
                ck_abort_msg("%s unit %d: starts on %d-%d-%d", zones[zi], unit,
                             c.year, c.month, c.day);
            /* The instant before reads an earlier date. */
            if (e.year == c.year && e.month == c.month && e.day == c.day)
                ck_abort_msg("%s unit %d: the day before the start reads the "
                             "same date", zones[zi], unit);
        }
        sla_zone_unref(z);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("period");
    TCase *tc = sla_tcase("period");
    tcase_add_test(tc, hand_worked);
    tcase_add_test(tc, errors);
    tcase_add_test(tc, model_random);
    suite_add_tcase(s, tc);
    return sla_run_suite(s);
}
