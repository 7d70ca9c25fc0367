/* SPDX-License-Identifier: MIT */
/* Checked arithmetic and the civil calendar, against a day-by-day model. */
#include "testlib.h"

/* ---- checked arithmetic ------------------------------------------------ */

START_TEST(add_sub_scale)
{
    int64_t r = 7;
    ck_assert_int_eq(sla_time_add(&r, 1600966800000, SLA_MS_PER_HOUR), 0);
    ck_assert_int_eq(r, 1600970400000);
    ck_assert_int_eq(sla_time_sub(&r, 1600970400000, 1600966800000), 0);
    ck_assert_int_eq(r, SLA_MS_PER_HOUR);
    ck_assert_int_eq(sla_time_scale(&r, SLA_MS_PER_DAY, 30), 0);
    ck_assert_int_eq(r, 2592000000);
    ck_assert_int_eq(sla_time_scale(&r, -5, -3), 0);
    ck_assert_int_eq(r, 15);
    ck_assert_int_eq(sla_time_add(&r, INT64_MAX, INT64_MIN), 0);
    ck_assert_int_eq(r, -1);
    ck_assert_int_eq(sla_time_sub(&r, -1, INT64_MAX), 0);
    ck_assert_int_eq(r, INT64_MIN);
}
END_TEST

START_TEST(overflow_is_an_error_and_leaves_out_alone)
{
    int64_t r = 42;
    ck_assert_int_eq(sla_time_add(&r, INT64_MAX, 1), SLA_EOVERFLOW);
    ck_assert_int_eq(sla_time_add(&r, INT64_MIN, -1), SLA_EOVERFLOW);
    ck_assert_int_eq(sla_time_sub(&r, INT64_MIN, 1), SLA_EOVERFLOW);
    ck_assert_int_eq(sla_time_sub(&r, 0, INT64_MIN), SLA_EOVERFLOW);
    ck_assert_int_eq(sla_time_sub(&r, INT64_MAX, -1), SLA_EOVERFLOW);
    ck_assert_int_eq(sla_time_scale(&r, INT64_MIN, -1), SLA_EOVERFLOW);
    ck_assert_int_eq(sla_time_scale(&r, INT64_MAX / 2 + 1, 2), SLA_EOVERFLOW);
    ck_assert_int_eq(sla_time_scale(&r, SLA_MS_PER_DAY, INT64_C(106751991167301)),
                     SLA_EOVERFLOW);
    ck_assert_int_eq(r, 42);
    ck_assert_int_eq(sla_time_add(NULL, 1, 2), SLA_EINVAL);
    ck_assert_int_eq(sla_time_sub(NULL, 1, 2), SLA_EINVAL);
    ck_assert_int_eq(sla_time_scale(NULL, 1, 2), SLA_EINVAL);
}
END_TEST

/* ---- the naive model: dates stepped one day at a time ------------------ */

static int model_leap(int64_t y)
{
    int64_t m4 = ((y % 4) + 4) % 4, m100 = ((y % 100) + 100) % 100,
            m400 = ((y % 400) + 400) % 400;
    return m400 == 0 || (m4 == 0 && m100 != 0);
}

static int model_month_len(int64_t y, int m)
{
    static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && model_leap(y) ? 29 : len[m - 1];
}

struct model_day {
    int64_t year;
    int month, day;
};

static void model_next(struct model_day *d)
{
    if (++d->day > model_month_len(d->year, d->month)) {
        d->day = 1;
        if (++d->month > 12) {
            d->month = 1;
            d->year++;
        }
    }
}

static void model_prev(struct model_day *d)
{
    if (--d->day < 1) {
        if (--d->month < 1) {
            d->month = 12;
            d->year--;
        }
        d->day = model_month_len(d->year, d->month);
    }
}

/* Walk every day from (1970 - years) to (1970 + years) and compare day
 * numbers, dates, weekdays and ISO weeks with the model. Day numbers and
 * weekdays come from counting steps from 1970-01-01, a Thursday; ISO weeks
 * from counting Mondays, restarting at 1 on the Monday whose Thursday is
 * among the first seven days of January. */
static void walk_years(int64_t years)
{
    struct model_day d = {1970, 1, 1}, ahead;
    int64_t n = 0, checked_weeks = 0;
    int weekday, iso_week = 0, i;
    int64_t iso_year = 0;

    while (d.year > 1970 - years - 1 || d.month != 1 || d.day != 1) {
        model_prev(&d);
        n--;
    }
    weekday = (int)(((n % 7) + 7 + 3) % 7) + 1; /* day 0 is Thursday (4) */
    ahead = d;
    for (i = 0; i < 3; i++)
        model_next(&ahead);

    while (d.year <= 1970 + years) {
        struct sla_date date = {(int32_t)d.year, d.month, d.day}, back;
        int64_t days;
        int32_t wd, wy, wk;

        if (sla_date_to_days(&days, &date) != 0 || days != n)
            ck_abort_msg("%lld-%02d-%02d: day number %lld, model %lld",
                         (long long)d.year, d.month, d.day, (long long)days,
                         (long long)n);
        if (sla_date_from_days(&back, n) != 0 || back.year != date.year || back.month != date.month ||
            back.day != date.day)
            ck_abort_msg("day %lld: %d-%d-%d, model %lld-%d-%d", (long long)n,
                         back.year, back.month, back.day, (long long)d.year,
                         d.month, d.day);
        if (sla_date_weekday(&wd, &date) != 0 || wd != weekday)
            ck_abort_msg("%lld-%02d-%02d: weekday %d, model %d",
                         (long long)d.year, d.month, d.day, wd, weekday);

        if (weekday == 1) {
            /* ahead is this week's Thursday. */
            if (ahead.month == 1 && ahead.day <= 7) {
                iso_week = 1;
                iso_year = ahead.year;
            } else if (iso_week) {
                iso_week++;
            }
        }
        if (iso_week) {
            if (sla_date_iso_week(&wy, &wk, &date) != 0 || wy != iso_year || wk != iso_week)
                ck_abort_msg("%lld-%02d-%02d: ISO week %d-W%02d, model "
                             "%lld-W%02d",
                             (long long)d.year, d.month, d.day, wy, wk,
                             (long long)iso_year, iso_week);
            checked_weeks++;
        }
        model_next(&d);
        model_next(&ahead);
        n++;
        weekday = weekday == 7 ? 1 : weekday + 1;
    }
    ck_assert_int_gt(checked_weeks, (2 * years) * 364);
}

START_TEST(every_day_of_twenty_thousand_years)
{
    /* ±10,000 years around 1970: 7.3 million days. Under valgrind the
     * same walk over ±1,000 years keeps the run short. */
    walk_years(getenv("SLA_TEST_VALGRIND") ? 1000 : 10000);
}
END_TEST

/* ---- hand-worked dates ----------------------------------------------- */

/* The calendar has a fast path for years -400000 to about +2.5 million:
 * walk across both of its edges day by day and check each step. */
START_TEST(fast_path_edges)
{
    const int64_t edges[] = {-(719468 + INT64_C(146097) * 1000),
                             (INT64_C(1) << 30) - (719468 + INT64_C(146097) * 1000)};
    size_t e;
    for (e = 0; e < 2; e++) {
        struct sla_date prev, d;
        int64_t n, back;
        ck_assert_int_eq(sla_date_from_days(&prev, edges[e] - 800), 0);
        for (n = edges[e] - 799; n <= edges[e] + 800; n++) {
            struct model_day m = {prev.year, prev.month, prev.day};
            model_next(&m);
            if (sla_date_from_days(&d, n) != 0 || d.year != m.year ||
                d.month != m.month || d.day != m.day ||
                sla_date_to_days(&back, &d) != 0 || back != n)
                ck_abort_msg("day %lld: %d-%d-%d after %d-%d-%d", (long long)n,
                             d.year, d.month, d.day, prev.year, prev.month,
                             prev.day);
            prev = d;
        }
    }
}
END_TEST

START_TEST(known_day_numbers)
{
    static const struct {
        struct sla_date date;
        int64_t days;
        int32_t weekday;
    } cases[] = {
        {{1970, 1, 1}, 0, 4},
        {{1969, 12, 31}, -1, 3},
        {{2000, 2, 29}, 11016, 2},
        {{2000, 3, 1}, 11017, 3},
        {{2020, 9, 24}, 18529, 4},   /* the check sheet's last update */
        {{1, 1, 1}, -719162, 1},
        {{0, 12, 31}, -719163, 7},
        {{0, 2, 29}, -719468 - 1, 2}, /* year 0 is a leap year */
        {{-1, 12, 31}, -719529, 5},
        {{0, 1, 1}, -719528, 6},
        {{9999, 12, 31}, 2932896, 5},
        {{1900, 3, 1}, -25508, 4},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t days;
        int32_t wd;
        struct sla_date back;
        ck_assert_int_eq(sla_date_to_days(&days, &cases[i].date), 0);
        ck_assert_int_eq(days, cases[i].days);
        ck_assert_int_eq(sla_date_weekday(&wd, &cases[i].date), 0);
        ck_assert_int_eq(wd, cases[i].weekday);
        ck_assert_int_eq(sla_date_from_days(&back, cases[i].days), 0);
        ck_assert_int_eq(back.year, cases[i].date.year);
        ck_assert_int_eq(back.month, cases[i].date.month);
        ck_assert_int_eq(back.day, cases[i].date.day);
    }
}
END_TEST

START_TEST(leap_years_and_month_lengths)
{
    ck_assert_int_eq(sla_year_is_leap(2024), 1);
    ck_assert_int_eq(sla_year_is_leap(2023), 0);
    ck_assert_int_eq(sla_year_is_leap(1900), 0);
    ck_assert_int_eq(sla_year_is_leap(2000), 1);
    ck_assert_int_eq(sla_year_is_leap(0), 1);
    ck_assert_int_eq(sla_year_is_leap(-4), 1);
    ck_assert_int_eq(sla_year_is_leap(-100), 0);
    ck_assert_int_eq(sla_year_is_leap(-400), 1);
    ck_assert_int_eq(sla_year_is_leap(-1), 0);
    ck_assert_int_eq(sla_year_is_leap(INT32_MIN), 1); /* = 352 (mod 400) */
    ck_assert_int_eq(sla_year_is_leap(INT32_MAX), 0);
    ck_assert_int_eq(sla_month_days(2024, 2), 29);
    ck_assert_int_eq(sla_month_days(2023, 2), 28);
    ck_assert_int_eq(sla_month_days(2023, 4), 30);
    ck_assert_int_eq(sla_month_days(2023, 12), 31);
    ck_assert_int_eq(sla_month_days(2023, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_month_days(2023, 13), SLA_EINVAL);
}
END_TEST

START_TEST(dates_that_do_not_exist)
{
    static const struct sla_date bad[] = {
        {2023, 2, 29}, {1900, 2, 29}, {2024, 2, 30}, {2024, 4, 31},
        {2024, 0, 1},  {2024, 13, 1}, {2024, 1, 0},  {2024, 1, 32},
        {2024, -1, 1}, {2024, 1, -1},
    };
    size_t i;
    int64_t days = 99;
    int32_t a = 99, b = 99;
    struct sla_date out;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(sla_date_check(&bad[i]), SLA_EINVAL);
        ck_assert_int_eq(sla_date_to_days(&days, &bad[i]), SLA_EINVAL);
        ck_assert_int_eq(sla_date_weekday(&a, &bad[i]), SLA_EINVAL);
        ck_assert_int_eq(sla_date_iso_week(&a, &b, &bad[i]), SLA_EINVAL);
        ck_assert_int_eq(sla_date_add_days(&out, &bad[i], 1), SLA_EINVAL);
        ck_assert_int_eq(sla_date_add_months(&out, &bad[i], 1), SLA_EINVAL);
    }
    ck_assert_int_eq(days, 99);
    ck_assert_int_eq(sla_date_check(NULL), SLA_EINVAL);
    ck_assert_int_eq(sla_date_to_days(NULL, &(struct sla_date){2024, 1, 1}),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_date_to_days(&days, NULL), SLA_EINVAL);
    ck_assert_int_eq(sla_date_from_days(NULL, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_date_weekday(NULL, &(struct sla_date){2024, 1, 1}),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_date_iso_week(NULL, &b, &(struct sla_date){2024, 1, 1}),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_date_iso_week(&a, NULL, &(struct sla_date){2024, 1, 1}),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_date_add_days(NULL, &(struct sla_date){2024, 1, 1}, 1),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_date_add_months(NULL, &(struct sla_date){2024, 1, 1}, 1),
                     SLA_EINVAL);
}
END_TEST

START_TEST(iso_weeks)
{
    static const struct {
        struct sla_date date;
        int32_t year, week;
    } cases[] = {
        {{2021, 1, 3}, 2020, 53},  {{2021, 1, 4}, 2021, 1},
        {{2024, 12, 30}, 2025, 1}, {{2024, 12, 29}, 2024, 52},
        {{2026, 11, 26}, 2026, 48}, {{2015, 12, 31}, 2015, 53},
        {{2016, 1, 3}, 2015, 53},  {{2008, 12, 29}, 2009, 1},
        {{2010, 1, 3}, 2009, 53},  {{2000, 1, 1}, 1999, 52},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int32_t y, w;
        ck_assert_int_eq(sla_date_iso_week(&y, &w, &cases[i].date), 0);
        ck_assert_int_eq(y, cases[i].year);
        ck_assert_int_eq(w, cases[i].week);
    }
}
END_TEST

/* The calendar repeats every 400 years (146097 days, a whole number of
 * weeks): INT32_MAX = 2047 (mod 400) and INT32_MIN = 1952 (mod 400), and
 * 2047-12-31 and 1952-01-01 are both Tuesdays. */
START_TEST(range_ends)
{
    struct sla_date first = {INT32_MIN, 1, 1}, last = {INT32_MAX, 12, 31};
    struct sla_date out = {7, 7, 7};
    int64_t days;
    int32_t wd, y, w;

    ck_assert_int_eq(sla_date_to_days(&days, &first), 0);
    ck_assert_int_eq(days, SLA_DAYS_MIN);
    ck_assert_int_eq(sla_date_to_days(&days, &last), 0);
    ck_assert_int_eq(days, SLA_DAYS_MAX);
    ck_assert_int_eq(sla_date_from_days(&out, SLA_DAYS_MIN), 0);
    ck_assert(out.year == INT32_MIN && out.month == 1 && out.day == 1);
    ck_assert_int_eq(sla_date_from_days(&out, SLA_DAYS_MAX), 0);
    ck_assert(out.year == INT32_MAX && out.month == 12 && out.day == 31);

    out.year = 7;
    ck_assert_int_eq(sla_date_from_days(&out, SLA_DAYS_MIN - 1), SLA_ERANGE);
    ck_assert_int_eq(sla_date_from_days(&out, SLA_DAYS_MAX + 1), SLA_ERANGE);
    ck_assert_int_eq(sla_date_from_days(&out, INT64_MIN), SLA_ERANGE);
    ck_assert_int_eq(sla_date_from_days(&out, INT64_MAX), SLA_ERANGE);
    ck_assert_int_eq(out.year, 7);

    ck_assert_int_eq(sla_date_weekday(&wd, &first), 0);
    ck_assert_int_eq(wd, 2);
    ck_assert_int_eq(sla_date_weekday(&wd, &last), 0);
    ck_assert_int_eq(wd, 2);
    ck_assert_int_eq(sla_date_iso_week(&y, &w, &first), 0);
    ck_assert(y == INT32_MIN && w == 1);
    ck_assert_int_eq(sla_date_iso_week(&y, &w, &(struct sla_date){INT32_MAX, 12, 29}), 0);
    ck_assert(y == INT32_MAX && w == 52);
    /* Dec 30 and 31 belong to week 1 of a year past INT32_MAX. */
    ck_assert_int_eq(sla_date_iso_week(&y, &w, &last), SLA_ERANGE);
    ck_assert_int_eq(sla_date_iso_week(&y, &w, &(struct sla_date){INT32_MAX, 12, 30}),
                     SLA_ERANGE);

    ck_assert_int_eq(sla_date_add_days(&out, &last, 1), SLA_ERANGE);
    ck_assert_int_eq(sla_date_add_days(&out, &first, -1), SLA_ERANGE);
    ck_assert_int_eq(sla_date_add_days(&out, &first, INT64_MIN), SLA_ERANGE);
    ck_assert_int_eq(sla_date_add_days(&out, &last, INT64_MAX), SLA_ERANGE);
    ck_assert_int_eq(sla_date_add_days(&out, &first, SLA_DAYS_MAX - SLA_DAYS_MIN), 0);
    ck_assert(out.year == INT32_MAX && out.month == 12 && out.day == 31);
}
END_TEST

/* ---- calendar months ------------------------------------------------- */

START_TEST(add_months_clamps_to_month_end)
{
    static const struct {
        struct sla_date from;
        int64_t months;
        struct sla_date to;
    } cases[] = {
        {{2024, 1, 31}, 1, {2024, 2, 29}},
        {{2023, 1, 31}, 1, {2023, 2, 28}},
        {{2024, 3, 31}, -1, {2024, 2, 29}},
        {{2023, 1, 31}, 2, {2023, 3, 31}},
        {{2023, 3, 31}, 1, {2023, 4, 30}},
        {{2023, 12, 15}, 1, {2024, 1, 15}},
        {{2024, 1, 15}, -1, {2023, 12, 15}},
        {{2024, 2, 29}, 12, {2025, 2, 28}},
        {{2024, 2, 29}, 48, {2028, 2, 29}},
        {{2026, 5, 10}, 6, {2026, 11, 10}},  /* 6 months' notice */
        {{2026, 8, 31}, -6, {2026, 2, 28}},
        {{2000, 1, 1}, -24001, {-1, 12, 1}},
        {{1, 1, 1}, -1, {0, 12, 1}},
        {{2026, 11, 26}, 0, {2026, 11, 26}},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct sla_date out;
        ck_assert_int_eq(sla_date_add_months(&out, &cases[i].from, cases[i].months), 0);
        if (out.year != cases[i].to.year || out.month != cases[i].to.month ||
            out.day != cases[i].to.day)
            ck_abort_msg("case %zu: got %d-%d-%d", i, out.year, out.month,
                         out.day);
    }
}
END_TEST

START_TEST(add_months_is_not_associative)
{
    struct sla_date d = {2023, 1, 31}, a, b;
    ck_assert_int_eq(sla_date_add_months(&a, &d, 1), 0);
    ck_assert_int_eq(sla_date_add_months(&a, &a, 1), 0);
    ck_assert_int_eq(sla_date_add_months(&b, &d, 2), 0);
    ck_assert(a.year == 2023 && a.month == 3 && a.day == 28);
    ck_assert(b.year == 2023 && b.month == 3 && b.day == 31);
}
END_TEST

START_TEST(add_months_range)
{
    struct sla_date out = {5, 5, 5};
    ck_assert_int_eq(sla_date_add_months(&out, &(struct sla_date){INT32_MAX, 1, 31}, 11), 0);
    ck_assert(out.year == INT32_MAX && out.month == 12 && out.day == 31);
    ck_assert_int_eq(sla_date_add_months(&out, &(struct sla_date){INT32_MAX, 12, 1}, 1),
                     SLA_ERANGE);
    ck_assert_int_eq(sla_date_add_months(&out, &(struct sla_date){INT32_MIN, 1, 1}, -1),
                     SLA_ERANGE);
    ck_assert_int_eq(sla_date_add_months(&out, &(struct sla_date){2024, 1, 1}, INT64_MAX),
                     SLA_ERANGE);
    ck_assert_int_eq(sla_date_add_months(&out, &(struct sla_date){2024, 1, 1}, INT64_MIN),
                     SLA_ERANGE);
    ck_assert_int_eq(sla_date_add_months(&out, &(struct sla_date){INT32_MIN, 1, 1},
                                         (int64_t)UINT32_MAX * 12 + 11),
                     0);
    ck_assert(out.year == INT32_MAX && out.month == 12 && out.day == 1);
}
END_TEST

/* add_months against the model: step month by month and clamp by hand. */
START_TEST(add_months_random)
{
    uint64_t seed = 20261126;
    int i;
    for (i = 0; i < 50000; i++) {
        struct sla_date d, out;
        int64_t months = (int64_t)sla_test_below(&seed, 2401) - 1200;
        int64_t y, m;
        int expect_day;
        d.year = (int32_t)sla_test_below(&seed, 4000) - 1000;
        d.month = (int32_t)sla_test_below(&seed, 12) + 1;
        d.day = (int32_t)sla_test_below(&seed, (uint64_t)model_month_len(d.year, d.month)) + 1;
        y = d.year;
        m = d.month;
        if (months >= 0) {
            int64_t k;
            for (k = 0; k < months; k++)
                if (++m > 12) { m = 1; y++; }
        } else {
            int64_t k;
            for (k = 0; k < -months; k++)
                if (--m < 1) { m = 12; y--; }
        }
        expect_day = d.day < model_month_len(y, (int)m) ? d.day : model_month_len(y, (int)m);
        if (sla_date_add_months(&out, &d, months) != 0 || out.year != y ||
            out.month != m || out.day != expect_day)
            ck_abort_msg("%d-%d-%d + %lld months: got %d-%d-%d", d.year,
                         d.month, d.day, (long long)months, out.year,
                         out.month, out.day);
    }
}
END_TEST

/* ---- civil times and instants ----------------------------------------- */

static void assert_civil(const struct sla_civil *c, int32_t y, int32_t mo,
                         int32_t d, int32_t h, int32_t mi, int32_t s,
                         int32_t ms)
{
    if (c->year != y || c->month != mo || c->day != d || c->hour != h ||
        c->minute != mi || c->second != s || c->millisecond != ms)
        ck_abort_msg("got %d-%02d-%02d %02d:%02d:%02d.%03d, expected "
                     "%d-%02d-%02d %02d:%02d:%02d.%03d",
                     c->year, c->month, c->day, c->hour, c->minute, c->second,
                     c->millisecond, y, mo, d, h, mi, s, ms);
}

START_TEST(civil_known_instants)
{
    struct sla_civil c;
    int64_t t;
    ck_assert_int_eq(sla_civil_from_instant(&c, 0, 0), 0);
    assert_civil(&c, 1970, 1, 1, 0, 0, 0, 0);
    ck_assert_int_eq(sla_civil_from_instant(&c, -1, 0), 0);
    assert_civil(&c, 1969, 12, 31, 23, 59, 59, 999);
    /* 2020-09-24T17:00:00Z is 2020-09-25 02:00 in Japan (+09:00). */
    ck_assert_int_eq(sla_civil_from_instant(&c, 1600966800000, 9 * SLA_MS_PER_HOUR), 0);
    assert_civil(&c, 2020, 9, 25, 2, 0, 0, 0);
    ck_assert_int_eq(sla_civil_to_instant(&t, &c, 9 * SLA_MS_PER_HOUR), 0);
    ck_assert_int_eq(t, 1600966800000);
    ck_assert_int_eq(sla_civil_from_instant(&c, 1600966800000, -(4 * SLA_MS_PER_HOUR + 30 * SLA_MS_PER_MINUTE)), 0);
    assert_civil(&c, 2020, 9, 24, 12, 30, 0, 0);
    ck_assert_int_eq(sla_civil_from_instant(&c, 951782400123, 0), 0);
    assert_civil(&c, 2000, 2, 29, 0, 0, 0, 123);
}
END_TEST

START_TEST(civil_range_ends)
{
    struct sla_civil c;
    int64_t t = 5;
    /* INT64_MIN ms is -292275055-05-16T16:47:04.192Z. */
    ck_assert_int_eq(sla_civil_from_instant(&c, INT64_MIN, 0), 0);
    assert_civil(&c, -292275055, 5, 16, 16, 47, 4, 192);
    ck_assert_int_eq(sla_civil_to_instant(&t, &c, 0), 0);
    ck_assert_int_eq(t, INT64_MIN);
    /* INT64_MAX ms is 292278994-08-17T07:12:55.807Z. */
    ck_assert_int_eq(sla_civil_from_instant(&c, INT64_MAX, 0), 0);
    assert_civil(&c, 292278994, 8, 17, 7, 12, 55, 807);
    ck_assert_int_eq(sla_civil_to_instant(&t, &c, 0), 0);
    ck_assert_int_eq(t, INT64_MAX);
    t = 5;
    c.millisecond = 808;
    ck_assert_int_eq(sla_civil_to_instant(&t, &c, 0), SLA_EOVERFLOW);
    ck_assert_int_eq(sla_civil_to_instant(&t, &c, 1), 0);
    ck_assert_int_eq(t, INT64_MAX);
    ck_assert_int_eq(sla_civil_from_instant(&c, INT64_MAX, 1), SLA_EOVERFLOW);
    ck_assert_int_eq(sla_civil_from_instant(&c, INT64_MIN, -1), SLA_EOVERFLOW);
    c = (struct sla_civil){INT32_MAX, 12, 31, 23, 59, 59, 999};
    ck_assert_int_eq(sla_civil_to_instant(&t, &c, 0), SLA_EOVERFLOW);
    c = (struct sla_civil){INT32_MIN, 1, 1, 0, 0, 0, 0};
    ck_assert_int_eq(sla_civil_to_instant(&t, &c, 0), SLA_EOVERFLOW);
    ck_assert_int_eq(t, INT64_MAX);
}
END_TEST

START_TEST(civil_invalid_fields)
{
    static const struct sla_civil bad[] = {
        {2023, 2, 29, 0, 0, 0, 0}, {2024, 1, 1, 24, 0, 0, 0},
        {2024, 1, 1, -1, 0, 0, 0}, {2024, 1, 1, 0, 60, 0, 0},
        {2024, 1, 1, 0, -1, 0, 0}, {2024, 1, 1, 0, 0, 60, 0},
        {2024, 1, 1, 0, 0, -1, 0}, {2024, 1, 1, 0, 0, 0, 1000},
        {2024, 1, 1, 0, 0, 0, -1}, {2024, 13, 1, 0, 0, 0, 0},
    };
    size_t i;
    int64_t t = 3;
    struct sla_civil ok = {2024, 2, 29, 23, 59, 59, 999};
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(sla_civil_check(&bad[i]), SLA_EINVAL);
        ck_assert_int_eq(sla_civil_to_instant(&t, &bad[i], 0), SLA_EINVAL);
    }
    ck_assert_int_eq(t, 3);
    ck_assert_int_eq(sla_civil_check(&ok), 0);
    ck_assert_int_eq(sla_civil_check(NULL), SLA_EINVAL);
    ck_assert_int_eq(sla_civil_to_instant(NULL, &ok, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_civil_to_instant(&t, NULL, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_civil_from_instant(NULL, 0, 0), SLA_EINVAL);
}
END_TEST

/* Random instants over the whole int64 range: civil and back is exact, and
 * the civil date agrees with floor division into days. */
START_TEST(civil_round_trip_random)
{
    uint64_t seed = 3339;
    int i;
    for (i = 0; i < 300000; i++) {
        int64_t t = (int64_t)sla_test_rand(&seed), back, days, ms, dn;
        int64_t offset = (int64_t)sla_test_below(&seed, 2 * 26 * 3600 + 1) * 1000 -
                         26 * SLA_MS_PER_HOUR;
        struct sla_civil c;
        int64_t local;
        if (i % 3 == 0)
            t /= 1000000; /* within ±300 years of 1970 too */
        if (__builtin_add_overflow(t, offset, &local)) {
            if (sla_civil_from_instant(&c, t, offset) != SLA_EOVERFLOW)
                ck_abort_msg("%lld at %lld: no overflow error",
                             (long long)t, (long long)offset);
            continue;
        }
        if (sla_civil_from_instant(&c, t, offset) != 0 ||
            sla_civil_to_instant(&back, &c, offset) != 0 || back != t)
            ck_abort_msg("%lld at %lld: round trip failed", (long long)t,
                         (long long)offset);
        days = local / SLA_MS_PER_DAY;
        ms = local % SLA_MS_PER_DAY;
        if (ms < 0) {
            days--;
            ms += SLA_MS_PER_DAY;
        }
        if (sla_date_to_days(&dn, &(struct sla_date){c.year, c.month, c.day}) != 0 ||
            dn != days ||
            ((c.hour * 60 + c.minute) * 60 + c.second) * INT64_C(1000) + c.millisecond != ms)
            ck_abort_msg("%lld at %lld: civil time disagrees with floor "
                         "division", (long long)t, (long long)offset);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("time");
    TCase *tc = sla_tcase("arithmetic");
    tcase_add_test(tc, add_sub_scale);
    tcase_add_test(tc, overflow_is_an_error_and_leaves_out_alone);
    suite_add_tcase(s, tc);

    tc = sla_tcase("dates");
    tcase_add_test(tc, every_day_of_twenty_thousand_years);
    tcase_add_test(tc, known_day_numbers);
    tcase_add_test(tc, fast_path_edges);
    tcase_add_test(tc, leap_years_and_month_lengths);
    tcase_add_test(tc, dates_that_do_not_exist);
    tcase_add_test(tc, iso_weeks);
    tcase_add_test(tc, range_ends);
    suite_add_tcase(s, tc);

    tc = sla_tcase("months");
    tcase_add_test(tc, add_months_clamps_to_month_end);
    tcase_add_test(tc, add_months_is_not_associative);
    tcase_add_test(tc, add_months_range);
    tcase_add_test(tc, add_months_random);
    suite_add_tcase(s, tc);

    tc = sla_tcase("civil");
    tcase_add_test(tc, civil_known_instants);
    tcase_add_test(tc, civil_range_ends);
    tcase_add_test(tc, civil_invalid_fields);
    tcase_add_test(tc, civil_round_trip_random);
    suite_add_tcase(s, tc);
    return sla_run_suite(s);
}
