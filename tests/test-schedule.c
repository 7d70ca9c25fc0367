/* SPDX-License-Identifier: MIT */
/* Window schedules: the DST and calendar traps, with exact instants. */
#include "testlib.h"

static int64_t at(const char *text)
{
    int64_t t;
    ck_assert_int_eq(sla_rfc3339_parse(&t, NULL, text, strlen(text), NULL), 0);
    return t;
}

static struct sla_civil local(const char *text)
{
    struct sla_civil c;
    ck_assert_int_eq(sla_civil_parse(&c, text, strlen(text), NULL), 0);
    return c;
}

/* A schedule from a zone, rule (or NULL), local start, and end. */
static struct sla_schedule *make(const char *zname, const char *rule,
                                 const char *start)
{
    struct sla_zone *z = NULL;
    struct sla_rrule *r = NULL;
    struct sla_schedule *s = NULL;
    struct sla_civil c = local(start);
    ck_assert_int_eq(sla_zone_open(&z, zname, NULL, NULL), 0);
    if (rule)
        ck_assert_int_eq(sla_rrule_parse(&r, rule, strlen(rule), NULL), 0);
    ck_assert_int_eq(sla_schedule_new(&s, z, &c, r), 0);
    sla_rrule_free(r);  /* the schedule keeps its own copy */
    sla_zone_unref(z);  /* and its own reference */
    return s;
}

struct want {
    const char *start, *end;
    int32_t flags;
};

static void expect(struct sla_schedule *s, const char *from, const char *to,
                   const struct want *w, size_t n)
{
    struct sla_schedule_iter *it;
    struct sla_window win;
    size_t i;
    ck_assert_int_eq(sla_schedule_iter_new(&it, s, at(from), at(to)), 0);
    for (i = 0; i < n; i++) {
        ck_assert_int_eq(sla_schedule_iter_next(&win, it), 0);
        ck_assert_msg(win.start == at(w[i].start) && win.end == at(w[i].end) &&
                          win.flags == w[i].flags,
                      "window %zu: [%lld, %lld) flags %d, expected %s/%s %d",
                      i, (long long)win.start, (long long)win.end, win.flags,
                      w[i].start, w[i].end, w[i].flags);
    }
    ck_assert_int_eq(sla_schedule_iter_next(&win, it), SLA_ENOTFOUND);
    ck_assert_int_eq(sla_schedule_iter_next(&win, it), SLA_ENOTFOUND);
    sla_schedule_iter_free(it);
}

START_TEST(berlin_first_tuesday)
{
    /* The example: 03:00 local stays 03:00 across the change. */
    struct sla_schedule *s = make("Europe/Berlin", "FREQ=MONTHLY;BYDAY=1TU",
                                  "2025-01-07T03:00:00");
    static const struct want w[] = {
        {"2025-01-07T02:00:00Z", "2025-01-07T04:00:00Z", 0},
        {"2025-02-04T02:00:00Z", "2025-02-04T04:00:00Z", 0},
        {"2025-03-04T02:00:00Z", "2025-03-04T04:00:00Z", 0},
        {"2025-04-01T01:00:00Z", "2025-04-01T03:00:00Z", 0},
    };
    ck_assert_int_eq(sla_schedule_set_duration(s, 2 * SLA_MS_PER_HOUR), 0);
    expect(s, "2025-01-01T00:00:00Z", "2025-05-01T00:00:00Z", w, 4);
    sla_schedule_free(s);
}
END_TEST

START_TEST(tokyo_monthly_maintenance)
{
    /* The check sheet: monthly, 02:00-04:00 Japan time. */
    struct sla_schedule *s = make("Asia/Tokyo", "FREQ=MONTHLY;BYMONTHDAY=1",
                                  "2020-01-01T02:00:00");
    static const struct want w[] = {
        {"2019-12-31T17:00:00Z", "2019-12-31T19:00:00Z", 0},
        {"2020-01-31T17:00:00Z", "2020-01-31T19:00:00Z", 0},
        {"2020-02-29T17:00:00Z", "2020-02-29T19:00:00Z", 0},
    };
    struct sla_intervals *set;
    int64_t total;
    ck_assert_int_eq(sla_schedule_set_end_time(s, 4, 0, 0), 0);
    expect(s, "2019-12-31T00:00:00Z", "2020-03-31T15:00:00Z", w, 3);
    /* A year of windows: 12 * 2 h, clipped to the span. */
    ck_assert_int_eq(sla_intervals_new(&set), 0);
    ck_assert_int_eq(sla_schedule_expand(set, s, at("2019-12-31T15:00:00Z"),
                                         at("2020-12-31T15:00:00Z")), 0);
    ck_assert_int_eq(sla_intervals_count(set), 12);
    ck_assert_int_eq(sla_intervals_measure(&total, set), 0);
    ck_assert_int_eq(total, 24 * SLA_MS_PER_HOUR);
    /* Clipping: a span starting inside the first window. */
    sla_intervals_clear(set);
    ck_assert_int_eq(sla_schedule_expand(set, s, at("2019-12-31T18:00:00Z"),
                                         at("2020-01-01T00:00:00Z")), 0);
    ck_assert_int_eq(sla_intervals_measure(&total, set), 0);
    ck_assert_int_eq(total, SLA_MS_PER_HOUR);
    sla_intervals_free(set);
    sla_schedule_free(s);
}
END_TEST

START_TEST(day_31_skip_or_clamp)
{
    struct sla_schedule *s = make("UTC", "FREQ=MONTHLY;BYMONTHDAY=31",
                                  "2025-01-31T02:00:00");
    struct sla_intervals *set;
    ck_assert_int_eq(sla_intervals_new(&set), 0);
    ck_assert_int_eq(sla_schedule_set_end_time(s, 4, 0, 0), 0);
    ck_assert_int_eq(sla_schedule_expand(set, s, at("2025-01-01T00:00:00Z"),
                                         at("2026-01-01T00:00:00Z")), 0);
    ck_assert_int_eq(sla_intervals_count(set), 7);
    ck_assert_int_eq(sla_schedule_set_options(s, SLA_DISAMBIGUATE_COMPATIBLE,
                                              SLA_SCHEDULE_CLAMP), 0);
    sla_intervals_clear(set);
    ck_assert_int_eq(sla_schedule_expand(set, s, at("2025-01-01T00:00:00Z"),
                                         at("2026-01-01T00:00:00Z")), 0);
    ck_assert_int_eq(sla_intervals_count(set), 12);
    sla_intervals_free(set);
    sla_schedule_free(s);
}
END_TEST

START_TEST(new_york_gap_and_fold)
{
    /* 02:30-03:30 daily: on 2025-03-09 02:30 does not exist. */
    struct sla_schedule *s = make("America/New_York", "FREQ=DAILY",
                                  "2025-03-08T02:30:00");
    static const struct want shifted[] = {
        {"2025-03-08T07:30:00Z", "2025-03-08T08:30:00Z", 0},
        {"2025-03-09T07:30:00Z", "2025-03-09T08:30:00Z", SLA_WINDOW_SHIFTED},
        {"2025-03-10T06:30:00Z", "2025-03-10T07:30:00Z", 0},
    };
    static const struct want skipped[] = {
        {"2025-03-08T07:30:00Z", "2025-03-08T08:30:00Z", 0},
        {"2025-03-10T06:30:00Z", "2025-03-10T07:30:00Z", 0},
    };
    static const struct want earlier[] = {
        {"2025-03-08T07:30:00Z", "2025-03-08T08:30:00Z", 0},
        {"2025-03-09T06:30:00Z", "2025-03-09T07:30:00Z", SLA_WINDOW_SHIFTED},
        {"2025-03-10T06:30:00Z", "2025-03-10T07:30:00Z", 0},
    };
    ck_assert_int_eq(sla_schedule_set_end_time(s, 3, 30, 0), 0);
    expect(s, "2025-03-08T00:00:00Z", "2025-03-11T00:00:00Z", shifted, 3);
    ck_assert_int_eq(sla_schedule_set_options(s, SLA_DISAMBIGUATE_COMPATIBLE,
                                              SLA_SCHEDULE_SKIP_GAPS), 0);
    expect(s, "2025-03-08T00:00:00Z", "2025-03-11T00:00:00Z", skipped, 2);
    ck_assert_int_eq(sla_schedule_set_options(s, SLA_DISAMBIGUATE_EARLIER, 0), 0);
    expect(s, "2025-03-08T00:00:00Z", "2025-03-11T00:00:00Z", earlier, 3);
    sla_schedule_free(s);

    /* 01:00-03:00 weekly on Sundays: the fall-back night is 3 hours, the
     * spring-forward night 1 hour; both are flagged. */
    s = make("America/New_York", "FREQ=WEEKLY;BYDAY=SU", "2025-03-02T01:00:00");
    {
        static const struct want w[] = {
            {"2025-03-09T06:00:00Z", "2025-03-09T07:00:00Z",
             SLA_WINDOW_DST_LENGTH},
        };
        static const struct want f[] = {
            {"2025-11-02T05:00:00Z", "2025-11-02T08:00:00Z",
             SLA_WINDOW_DST_LENGTH},
        };
        ck_assert_int_eq(sla_schedule_set_end_time(s, 3, 0, 0), 0);
        expect(s, "2025-03-08T00:00:00Z", "2025-03-10T00:00:00Z", w, 1);
        expect(s, "2025-11-01T00:00:00Z", "2025-11-03T00:00:00Z", f, 1);
    }
    sla_schedule_free(s);
}
END_TEST

START_TEST(exdates_and_one_offs)
{
    struct sla_schedule *s = make("UTC", "FREQ=WEEKLY;BYDAY=SU",
                                  "2026-01-04T03:00:00");
    struct sla_civil ex1 = local("2026-01-11T03:00:00");
    struct sla_civil ex2 = local("2026-01-18T00:00:00");
    struct sla_civil miss = local("2026-01-25T04:00:00");
    static const struct want w[] = {
        {"2026-01-04T03:00:00Z", "2026-01-04T05:00:00Z", 0},
        {"2026-01-20T10:00:00Z", "2026-01-20T12:00:00Z", SLA_WINDOW_ONE_OFF},
        {"2026-01-25T03:00:00Z", "2026-01-25T05:00:00Z", 0},
    };
    ck_assert_int_eq(sla_schedule_set_duration(s, 2 * SLA_MS_PER_HOUR), 0);
    ck_assert_int_eq(sla_schedule_add_exdate(s, &ex1, 0), 0);  /* exact */
    ck_assert_int_eq(sla_schedule_add_exdate(s, &ex2, 1), 0);  /* whole day */
    ck_assert_int_eq(sla_schedule_add_exdate(s, &miss, 0), 0); /* no match */
    ck_assert_int_eq(sla_schedule_add_window(s, at("2026-01-20T10:00:00Z"),
                                             at("2026-01-20T12:00:00Z")), 0);
    expect(s, "2026-01-01T00:00:00Z", "2026-01-31T00:00:00Z", w, 3);
    sla_schedule_free(s);
}
END_TEST

START_TEST(single_window_and_spans)
{
    struct sla_schedule *s = make("Asia/Tokyo", NULL, "2026-03-01T02:00:00");
    static const struct want w[] = {
        {"2026-02-28T17:00:00Z", "2026-02-28T18:00:00Z", 0}};
    expect(s, "2026-02-28T00:00:00Z", "2026-03-01T00:00:00Z", w, 1);
    /* A span that ends at the window's start, or starts at its end. */
    expect(s, "2026-02-28T00:00:00Z", "2026-02-28T17:00:00Z", NULL, 0);
    expect(s, "2026-02-28T18:00:00Z", "2026-03-01T00:00:00Z", NULL, 0);
    sla_schedule_free(s);
}
END_TEST

/* Every occurrence falls in a gap and is skipped: the iterator must still
 * end when the rule passes the span, not walk to the calendar's end. */
START_TEST(skipped_occurrences_end)
{
    struct sla_schedule *s = make("Europe/Dublin",
                                  "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                                  "2009-03-29T01:47:00");
    ck_assert_int_eq(sla_schedule_set_end_time(s, 3, 45, 0), 0);
    ck_assert_int_eq(sla_schedule_set_options(s, SLA_DISAMBIGUATE_LATER,
                                              SLA_SCHEDULE_SKIP_GAPS), 0);
    expect(s, "2009-07-12T08:28:35Z", "2010-09-12T22:27:27Z", NULL, 0);
    sla_schedule_free(s);
}
END_TEST

/* DTEND-style wall-clock lengths and DURATION-style nominal days across
 * Berlin's change to summer time (2025-03-30, 02:00 CET -> 03:00 CEST). */
START_TEST(local_length_and_nominal_days)
{
    struct sla_schedule *s = make("Europe/Berlin", "FREQ=DAILY;COUNT=2",
                                  "2025-03-29T22:00:00");
    static const struct want night[] = {
        {"2025-03-29T21:00:00Z", "2025-03-30T02:00:00Z", SLA_WINDOW_DST_LENGTH},
        {"2025-03-30T20:00:00Z", "2025-03-31T02:00:00Z", 0},
    };
    static const struct want p1d[] = {
        {"2025-03-29T11:00:00Z", "2025-03-30T10:00:00Z", SLA_WINDOW_DST_LENGTH}};
    static const struct want p1dt1h[] = {
        {"2025-03-29T11:00:00Z", "2025-03-30T11:00:00Z", SLA_WINDOW_DST_LENGTH}};
    static const struct want pt24h[] = {
        {"2025-03-29T11:00:00Z", "2025-03-30T11:00:00Z", 0}};
    /* 22:00 plus 6 wall-clock hours is 04:00 local: 5 hours that night. */
    ck_assert_int_eq(sla_schedule_set_local_length(s, 6 * SLA_MS_PER_HOUR), 0);
    expect(s, "2025-03-29T00:00:00Z", "2025-04-01T00:00:00Z", night, 2);
    sla_schedule_free(s);
    s = make("Europe/Berlin", NULL, "2025-03-29T12:00:00");
    ck_assert_int_eq(sla_schedule_set_nominal_duration(s, 1, 0), 0);
    expect(s, "2025-03-29T00:00:00Z", "2025-04-01T00:00:00Z", p1d, 1);
    ck_assert_int_eq(sla_schedule_set_nominal_duration(s, 1, SLA_MS_PER_HOUR),
                     0);
    expect(s, "2025-03-29T00:00:00Z", "2025-04-01T00:00:00Z", p1dt1h, 1);
    ck_assert_int_eq(sla_schedule_set_nominal_duration(s, 0,
                                                       24 * SLA_MS_PER_HOUR),
                     0);
    expect(s, "2025-03-29T00:00:00Z", "2025-04-01T00:00:00Z", pt24h, 1);
    ck_assert_int_eq(sla_schedule_set_nominal_duration(s, 0, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_set_nominal_duration(s, -1, 5), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_set_nominal_duration(s, 1, -1), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_set_local_length(s, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_set_local_length(NULL, 1), SLA_EINVAL);
    sla_schedule_free(s);
}
END_TEST

START_TEST(rdates)
{
    struct sla_schedule *s = make("UTC", "FREQ=WEEKLY;BYDAY=SU;COUNT=2",
                                  "2026-01-04T03:00:00");
    static const char *const add[] = {
        "2026-01-20T03:00:00", /* after the COUNT: still a window */
        "2026-01-07T10:00:00", /* a Wednesday, out of order */
        "2026-01-11T03:00:00", /* the rule's own occurrence: one window */
        "2026-01-14T05:00:00", /* excluded below */
        "2026-01-02T00:00:00", /* before the rule's first */
        "2026-01-07T10:00:00", /* again: added once */
    };
    static const struct want w[] = {
        {"2026-01-02T00:00:00Z", "2026-01-02T02:00:00Z", SLA_WINDOW_ONE_OFF},
        {"2026-01-04T03:00:00Z", "2026-01-04T05:00:00Z", 0},
        {"2026-01-07T10:00:00Z", "2026-01-07T12:00:00Z", SLA_WINDOW_ONE_OFF},
        {"2026-01-11T03:00:00Z", "2026-01-11T05:00:00Z", 0},
        {"2026-01-20T03:00:00Z", "2026-01-20T05:00:00Z", SLA_WINDOW_ONE_OFF},
    };
    struct sla_civil ex = local("2026-01-14T00:00:00"), bad = ex;
    size_t i;
    for (i = 0; i < sizeof add / sizeof *add; i++) {
        struct sla_civil c = local(add[i]);
        ck_assert_int_eq(sla_schedule_add_rdate(s, &c), 0);
    }
    ck_assert_int_eq(sla_schedule_add_exdate(s, &ex, 1), 0);
    ck_assert_int_eq(sla_schedule_set_duration(s, 2 * SLA_MS_PER_HOUR), 0);
    expect(s, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", w, 5);
    /* A span holding only the middle ones. */
    expect(s, "2026-01-05T00:00:00Z", "2026-01-12T00:00:00Z", w + 2, 2);
    bad.day = 32;
    ck_assert_int_eq(sla_schedule_add_rdate(s, &bad), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_add_rdate(NULL, &ex), SLA_EINVAL);
    sla_schedule_free(s);
}
END_TEST

/* A UTC UNTIL bounds the start instants, not the local times read as UTC:
 * east of Greenwich that keeps an occurrence, west of it drops one. */
START_TEST(utc_until_in_a_zone)
{
    struct sla_schedule *s = make("Asia/Tokyo",
                                  "FREQ=DAILY;UNTIL=20200102T170000Z",
                                  "2020-01-01T02:00:00");
    static const struct want tokyo[] = {
        {"2019-12-31T17:00:00Z", "2019-12-31T18:00:00Z", 0},
        {"2020-01-01T17:00:00Z", "2020-01-01T18:00:00Z", 0},
        {"2020-01-02T17:00:00Z", "2020-01-02T18:00:00Z", 0},
    };
    expect(s, "2019-12-01T00:00:00Z", "2020-02-01T00:00:00Z", tokyo, 3);
    sla_schedule_free(s);
    s = make("America/Los_Angeles", "FREQ=DAILY;UNTIL=20200101T170000Z",
             "2020-01-01T10:00:00");
    expect(s, "2019-12-01T00:00:00Z", "2020-02-01T00:00:00Z", NULL, 0);
    sla_schedule_free(s);
}
END_TEST

/* A reference keeps the schedule alive after its creator drops its own
 * (the sanitizer and valgrind setups see a use after free). */
START_TEST(reference_counting)
{
    struct sla_schedule *s = make("Asia/Tokyo", NULL, "2026-03-01T02:00:00");
    static const struct want w[] = {
        {"2026-02-28T17:00:00Z", "2026-02-28T18:00:00Z", 0}};
    ck_assert_ptr_eq(sla_schedule_ref(s), s);
    sla_schedule_free(s);
    expect(s, "2026-02-28T00:00:00Z", "2026-03-01T00:00:00Z", w, 1);
    sla_schedule_unref(s);
    ck_assert_ptr_null(sla_schedule_ref(NULL));
    sla_schedule_unref(NULL);
}
END_TEST

START_TEST(errors)
{
    struct sla_zone *z;
    struct sla_schedule *s = NULL;
    struct sla_schedule_iter *it = NULL;
    struct sla_window w;
    struct sla_civil c = local("2026-01-01T00:00:00"), bad = c;
    bad.month = 13;
    ck_assert_int_eq(sla_zone_open(&z, "UTC", NULL, NULL), 0);
    ck_assert_int_eq(sla_schedule_new(NULL, z, &c, NULL), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_new(&s, NULL, &c, NULL), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_new(&s, z, &bad, NULL), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_new(&s, z, &c, NULL), 0);
    ck_assert_int_eq(sla_schedule_set_end_time(s, 24, 0, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_set_end_time(NULL, 1, 0, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_set_duration(s, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_set_options(s, SLA_DISAMBIGUATE_REJECT, 0),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_set_options(s, 0, 4), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_add_exdate(s, &bad, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_add_exdate(s, &c, 2), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_add_window(s, 5, 5), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_iter_new(&it, s, 2, 1), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_iter_new(NULL, s, 1, 2), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_iter_next(&w, NULL), SLA_EINVAL);
    ck_assert_int_eq(sla_schedule_expand(NULL, s, 1, 2), SLA_EINVAL);
    sla_schedule_free(s);
    sla_schedule_free(NULL);
    sla_schedule_iter_free(NULL);
    sla_zone_unref(z);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("schedule");
    TCase *tc = sla_tcase("schedule");
    tcase_add_test(tc, berlin_first_tuesday);
    tcase_add_test(tc, tokyo_monthly_maintenance);
    tcase_add_test(tc, day_31_skip_or_clamp);
    tcase_add_test(tc, new_york_gap_and_fold);
    tcase_add_test(tc, exdates_and_one_offs);
    tcase_add_test(tc, single_window_and_spans);
    tcase_add_test(tc, skipped_occurrences_end);
    tcase_add_test(tc, local_length_and_nominal_days);
    tcase_add_test(tc, rdates);
    tcase_add_test(tc, utc_until_in_a_zone);
    tcase_add_test(tc, reference_counting);
    tcase_add_test(tc, errors);
    suite_add_tcase(su, tc);
    return sla_run_suite(su);
}
