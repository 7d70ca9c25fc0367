/* SPDX-License-Identifier: MIT */
/* Business-hours calendars: hand cases and a minute-by-minute model. */
#include "testlib.h"

#define H SLA_MS_PER_HOUR
#define MIN SLA_MS_PER_MINUTE

static int64_t at(const char *text)
{
    int64_t t;
    ck_assert_int_eq(sla_rfc3339_parse(&t, NULL, text, strlen(text), NULL), 0);
    return t;
}

static struct sla_business *weekdays_9_18(const char *zname)
{
    struct sla_zone *z;
    struct sla_business *b;
    int32_t wd;
    ck_assert_int_eq(sla_zone_open(&z, zname, NULL, NULL), 0);
    ck_assert_int_eq(sla_business_new(&b, z), 0);
    sla_zone_unref(z);
    for (wd = 1; wd <= 5; wd++)
        ck_assert_int_eq(sla_business_add_hours(b, wd, 9 * H, 18 * H), 0);
    return b;
}

START_TEST(ticket_due_monday)
{
    /* Friday 17:30 Tokyo + 4 business hours = Monday 12:30. */
    struct sla_business *b = weekdays_9_18("Asia/Tokyo");
    int64_t due, len;
    ck_assert_int_eq(sla_business_add(&due, b, at("2026-11-27T17:30:00+09:00"),
                                      4 * H), 0);
    ck_assert_int_eq(due, at("2026-11-30T12:30:00+09:00"));
    ck_assert_int_eq(sla_business_length(&len, b, at("2026-11-27T17:30:00+09:00"),
                                         due), 0);
    ck_assert_int_eq(len, 4 * H);
    /* Exactly at closing: the next opening is the answer for a length
     * that ends there, and zero length is the start itself. */
    ck_assert_int_eq(sla_business_add(&due, b, at("2026-11-27T17:30:00+09:00"),
                                      30 * MIN), 0);
    ck_assert_int_eq(due, at("2026-11-27T18:00:00+09:00"));
    ck_assert_int_eq(sla_business_add(&due, b, at("2026-11-28T10:00:00+09:00"), 0), 0);
    ck_assert_int_eq(due, at("2026-11-28T10:00:00+09:00"));
    /* From a Saturday: Monday 09:00 + 1 h. */
    ck_assert_int_eq(sla_business_add(&due, b, at("2026-11-28T10:00:00+09:00"), H), 0);
    ck_assert_int_eq(due, at("2026-11-30T10:00:00+09:00"));
    sla_business_free(b);
}
END_TEST

START_TEST(holidays_and_breaks)
{
    struct sla_business *b = weekdays_9_18("Asia/Tokyo");
    struct sla_date hol = {2026, 11, 30};
    struct sla_intervals *set;
    int64_t due, len;
    ck_assert_int_eq(sla_business_add_holiday(b, &hol), 0);
    ck_assert_int_eq(sla_business_add_holiday(b, &hol), 0); /* twice is once */
    ck_assert_int_eq(sla_business_add(&due, b, at("2026-11-27T17:30:00+09:00"),
                                      4 * H), 0);
    ck_assert_int_eq(due, at("2026-12-01T12:30:00+09:00"));
    /* A week: 4 open days of 9 h. */
    ck_assert_int_eq(sla_business_length(&len, b, at("2026-11-30T00:00:00+09:00"),
                                         at("2026-12-07T00:00:00+09:00")), 0);
    ck_assert_int_eq(len, 36 * H);
    ck_assert_int_eq(sla_intervals_new(&set), 0);
    ck_assert_int_eq(sla_business_expand(set, b, at("2026-11-30T00:00:00+09:00"),
                                         at("2026-12-07T00:00:00+09:00")), 0);
    ck_assert_int_eq(sla_intervals_count(set), 4);
    sla_intervals_free(set);
    sla_business_free(b);

    /* Saturday 10:00-12:00 and 13:00-15:00: a lunch break. */
    b = weekdays_9_18("UTC");
    ck_assert_int_eq(sla_business_add_hours(b, 6, 13 * H, 15 * H), 0);
    ck_assert_int_eq(sla_business_add_hours(b, 6, 10 * H, 12 * H), 0);
    ck_assert_int_eq(sla_business_add_hours(b, 6, 11 * H, 14 * H), SLA_EINVAL);
    ck_assert_int_eq(sla_business_add(&due, b, at("2026-11-28T11:00:00Z"), 2 * H), 0);
    ck_assert_int_eq(due, at("2026-11-28T14:00:00Z"));
    /* Open until midnight (24:00). */
    ck_assert_int_eq(sla_business_add_hours(b, 7, 20 * H, 24 * H), 0);
    ck_assert_int_eq(sla_business_length(&len, b, at("2026-11-29T00:00:00Z"),
                                         at("2026-11-30T00:00:00Z")), 0);
    ck_assert_int_eq(len, 4 * H);
    sla_business_free(b);
}
END_TEST

START_TEST(dst_keeps_local_hours)
{
    /* New York, the Monday after the change: 9:00 EDT is 13:00Z. */
    struct sla_business *b = weekdays_9_18("America/New_York");
    struct sla_intervals *set;
    struct sla_interval iv;
    ck_assert_int_eq(sla_intervals_new(&set), 0);
    ck_assert_int_eq(sla_business_expand(set, b, at("2025-03-07T00:00:00Z"),
                                         at("2025-03-11T00:00:00Z")), 0);
    ck_assert_int_eq(sla_intervals_count(set), 2);
    ck_assert_int_eq(sla_intervals_get(&iv, set, 0), 0);
    ck_assert_int_eq(iv.start, at("2025-03-07T14:00:00Z"));
    ck_assert_int_eq(sla_intervals_get(&iv, set, 1), 0);
    ck_assert_int_eq(iv.start, at("2025-03-10T13:00:00Z"));
    ck_assert_int_eq(iv.end, at("2025-03-10T22:00:00Z"));
    sla_intervals_free(set);
    sla_business_free(b);
}
END_TEST

START_TEST(errors)
{
    struct sla_zone *z;
    struct sla_business *b;
    int64_t out;
    struct sla_date bad = {2026, 2, 30};
    ck_assert_int_eq(sla_zone_open(&z, "UTC", NULL, NULL), 0);
    ck_assert_int_eq(sla_business_new(NULL, z), SLA_EINVAL);
    ck_assert_int_eq(sla_business_new(&b, NULL), SLA_EINVAL);
    ck_assert_int_eq(sla_business_new(&b, z), 0);
    ck_assert_int_eq(sla_business_add_hours(b, 0, 0, H), SLA_EINVAL);
    ck_assert_int_eq(sla_business_add_hours(b, 8, 0, H), SLA_EINVAL);
    ck_assert_int_eq(sla_business_add_hours(b, 1, H, H), SLA_EINVAL);
    ck_assert_int_eq(sla_business_add_hours(b, 1, -1, H), SLA_EINVAL);
    ck_assert_int_eq(sla_business_add_hours(b, 1, 0, SLA_MS_PER_DAY + 1), SLA_EINVAL);
    ck_assert_int_eq(sla_business_add_holiday(b, &bad), SLA_EINVAL);
    ck_assert_int_eq(sla_business_add_holiday(b, NULL), SLA_EINVAL);
    /* Never open: no answer, quickly. */
    ck_assert_int_eq(sla_business_add(&out, b, 0, H), SLA_ENOTFOUND);
    ck_assert_int_eq(sla_business_add(&out, b, 0, -1), SLA_EINVAL);
    ck_assert_int_eq(sla_business_length(&out, b, 2, 1), SLA_EINVAL);
    ck_assert_int_eq(sla_business_length(&out, b, 0, SLA_MS_PER_DAY), 0);
    ck_assert_int_eq(out, 0);
    ck_assert_int_eq(sla_business_expand(NULL, b, 0, 1), SLA_EINVAL);
    sla_business_free(b);
    sla_business_free(NULL);
    sla_zone_unref(z);
}
END_TEST

/* Random calendars in UTC over four weeks, against minute cells. */
START_TEST(model_random)
{
    enum { DAYS = 28, CELLS = DAYS * 1440 };
    static unsigned char open[CELLS];
    uint64_t seed = 424242;
    int trial, trials = getenv("SLA_TEST_VALGRIND") ? 20 : 200;
    const int64_t base = at("2026-01-05T00:00:00Z"); /* a Monday */
    struct sla_zone *z;
    ck_assert_int_eq(sla_zone_open(&z, "UTC", NULL, NULL), 0);
    for (trial = 0; trial < trials; trial++) {
        struct sla_business *b;
        int wd, d, k, cell;
        ck_assert_int_eq(sla_business_new(&b, z), 0);
        memset(open, 0, sizeof open);
        for (wd = 1; wd <= 7; wd++) {
            int from = (int)sla_test_below(&seed, 1440);
            int to = from + 1 + (int)sla_test_below(&seed, (uint64_t)(1440 - from));
            if (sla_test_below(&seed, 4) == 0)
                continue; /* closed that weekday */
            ck_assert_int_eq(sla_business_add_hours(b, wd, from * MIN, to * MIN), 0);
            for (d = 0; d < DAYS; d++)
                if (d % 7 == wd - 1)
                    for (k = from; k < to; k++)
                        open[d * 1440 + k] = 1;
        }
        for (k = 0; k < 3; k++) {
            int hd = (int)sla_test_below(&seed, DAYS);
            struct sla_date date;
            sla_date_add_days(&date, &(struct sla_date){2026, 1, 5}, hd);
            ck_assert_int_eq(sla_business_add_holiday(b, &date), 0);
            memset(open + hd * 1440, 0, 1440);
        }
        for (k = 0; k < 20; k++) {
            int a = (int)sla_test_below(&seed, CELLS / 2);
            int e = a + (int)sla_test_below(&seed, CELLS / 2);
            int64_t want = 0, len, need, due;
            for (cell = a; cell < e; cell++)
                want += open[cell];
            if (sla_business_length(&len, b, base + a * MIN, base + e * MIN) != 0 ||
                len != want * MIN)
                ck_abort_msg("trial %d: length [%d, %d) = %lld, model %lld min",
                             trial, a, e, (long long)len, (long long)want);
            /* The due time of 'need' minutes from a: the end of the
             * need-th open minute. */
            need = (int64_t)sla_test_below(&seed, 600) + 1;
            for (cell = a; cell < CELLS && need > 0; cell++)
                need -= open[cell];
            if (need > 0)
                continue; /* beyond the modelled weeks */
            need = 0;
            for (d = a; d < cell; d++)
                need += open[d];
            if (sla_business_add(&due, b, base + a * MIN, need * MIN) != 0 ||
                due != base + cell * MIN)
                ck_abort_msg("trial %d: %lld min from %d due %lld, model %lld",
                             trial, (long long)need, a,
                             (long long)((due - base) / MIN), (long long)cell);
        }
        sla_business_free(b);
    }
    sla_zone_unref(z);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("business");
    TCase *tc = sla_tcase("business");
    tcase_add_test(tc, ticket_due_monday);
    tcase_add_test(tc, holidays_and_breaks);
    tcase_add_test(tc, dst_keeps_local_hours);
    tcase_add_test(tc, errors);
    tcase_add_test(tc, model_random);
    suite_add_tcase(s, tc);
    return sla_run_suite(s);
}
