/* SPDX-License-Identifier: MIT */
/* iCalendar import: hand-worked calendars and every error's place. */
#include "testlib.h"

static int64_t at(const char *text)
{
    int64_t t;
    ck_assert_int_eq(sla_rfc3339_parse(&t, NULL, text, strlen(text), NULL), 0);
    return t;
}

/* Parse with Asia/Tokyo for floating times. */
static struct sla_ics *parse(const char *text)
{
    struct sla_ics *ics = NULL;
    struct sla_zone *tokyo;
    struct sla_error err;
    int rc;
    ck_assert_int_eq(sla_zone_open(&tokyo, "Asia/Tokyo", NULL, NULL), 0);
    rc = sla_ics_parse(&ics, text, strlen(text), tokyo, NULL, &err);
    sla_zone_unref(tokyo); /* the schedules keep their own references */
    ck_assert_msg(rc == 0, "parse: %d at %d:%d: %s", rc, (int)err.line,
                  (int)err.column, err.message);
    return ics;
}

struct want {
    const char *start, *end;
    int32_t flags;
};

/* The windows of event i over [from, to). */
static void expect(const struct sla_ics *ics, size_t i, const char *from,
                   const char *to, const struct want *w, size_t n)
{
    struct sla_schedule_iter *it;
    struct sla_window win;
    size_t k;
    ck_assert_ptr_nonnull(sla_ics_schedule(ics, i));
    ck_assert_int_eq(sla_schedule_iter_new(&it, sla_ics_schedule(ics, i),
                                           at(from), at(to)), 0);
    for (k = 0; k < n; k++) {
        ck_assert_int_eq(sla_schedule_iter_next(&win, it), 0);
        ck_assert_msg(win.start == at(w[k].start) && win.end == at(w[k].end) &&
                          win.flags == w[k].flags,
                      "event %zu window %zu: [%lld, %lld) flags %d, expected "
                      "%s/%s %d",
                      i, k, (long long)win.start, (long long)win.end,
                      win.flags, w[k].start, w[k].end, w[k].flags);
    }
    ck_assert_int_eq(sla_schedule_iter_next(&win, it), SLA_ENOTFOUND);
    sla_schedule_iter_free(it);
}

START_TEST(check_sheet_monthly_maintenance)
{
    /* Monthly 02:00-04:00 Japan time, as a calendar exports it: a
     * VTIMEZONE (skipped: the IANA zone is used), an alarm, CRLF line
     * ends, a folded description, the March window cancelled. */
    static const char text[] =
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//Example//Ops//EN\r\n"
        "BEGIN:VTIMEZONE\r\n"
        "TZID:Asia/Tokyo\r\n"
        "BEGIN:STANDARD\r\n"
        "DTSTART:19700101T000000\r\n"
        "TZOFFSETFROM:+0900\r\n"
        "TZOFFSETTO:+0900\r\n"
        "END:STANDARD\r\n"
        "END:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:maint-1@example.com\r\n"
        "DTSTAMP:20191201T000000Z\r\n"
        "SUMMARY:Planned maintenance\\, monthly\r\n"
        "DESCRIPTION:Database and OS patches. The service is unavailable\r\n"
        "  during the window.\r\n"
        "DTSTART;TZID=Asia/Tokyo:20200101T020000\r\n"
        "DTEND;TZID=Asia/Tokyo:20200101T040000\r\n"
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=1\r\n"
        "EXDATE;TZID=Asia/Tokyo:20200301T020000\r\n"
        "BEGIN:VALARM\r\n"
        "ACTION:DISPLAY\r\n"
        "TRIGGER:-PT15M\r\n"
        "END:VALARM\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n";
    static const struct want w[] = {
        {"2019-12-31T17:00:00Z", "2019-12-31T19:00:00Z", 0},
        {"2020-01-31T17:00:00Z", "2020-01-31T19:00:00Z", 0},
        {"2020-03-31T17:00:00Z", "2020-03-31T19:00:00Z", 0},
    };
    struct sla_ics *ics = parse(text);
    struct sla_intervals *set;
    int64_t total;
    ck_assert_uint_eq(sla_ics_count(ics), 1);
    ck_assert_str_eq(sla_ics_uid(ics, 0), "maint-1@example.com");
    ck_assert_str_eq(sla_ics_summary(ics, 0), "Planned maintenance, monthly");
    expect(ics, 0, "2019-12-31T15:00:00Z", "2020-04-30T15:00:00Z", w, 3);
    /* A Tokyo year: 11 windows of 2 hours (March's excluded). */
    ck_assert_int_eq(sla_intervals_new(&set), 0);
    ck_assert_int_eq(sla_ics_expand(set, ics, at("2019-12-31T15:00:00Z"),
                                    at("2020-12-31T15:00:00Z")), 0);
    ck_assert_int_eq(sla_intervals_measure(&total, set), 0);
    ck_assert_int_eq(total, 22 * SLA_MS_PER_HOUR);
    sla_intervals_free(set);
    ck_assert_ptr_null(sla_ics_schedule(ics, 1));
    ck_assert_ptr_null(sla_ics_uid(ics, 1));
    ck_assert_ptr_null(sla_ics_summary(ics, 1));
    sla_ics_free(ics);
}
END_TEST

/* DTEND keeps the wall-clock end; DURATION is RFC 5545's: days on the
 * calendar, then exact time. Berlin, 2025-03-30: 02:00 CET -> 03:00 CEST. */
START_TEST(dtend_and_duration_across_dst)
{
    static const char text[] =
        "BEGIN:VCALENDAR\n"
        "BEGIN:VEVENT\n"
        "UID:night\n"
        "DTSTART;TZID=Europe/Berlin:20250329T220000\n"
        "DTEND;TZID=Europe/Berlin:20250330T040000\n"
        "RRULE:FREQ=DAILY;COUNT=2\n"
        "END:VEVENT\n"
        "BEGIN:VEVENT\n"
        "UID:p1d\n"
        "DTSTART;TZID=Europe/Berlin:20250329T120000\n"
        "DURATION:P1D\n"
        "END:VEVENT\n"
        "BEGIN:VEVENT\n"
        "UID:pt24h\n"
        "DTSTART;TZID=Europe/Berlin:20250329T120000\n"
        "DURATION:PT24H\n"
        "END:VEVENT\n"
        "BEGIN:VEVENT\n"
        "UID:utc-end\n"
        "DTSTART;TZID=Europe/Berlin:20250329T120000\n"
        "DTEND:20250329T130000Z\n"
        "END:VEVENT\n"
        "END:VCALENDAR\n";
    static const struct want night[] = {
        {"2025-03-29T21:00:00Z", "2025-03-30T02:00:00Z", SLA_WINDOW_DST_LENGTH},
        {"2025-03-30T20:00:00Z", "2025-03-31T02:00:00Z", 0},
    };
    static const struct want p1d[] = {
        {"2025-03-29T11:00:00Z", "2025-03-30T10:00:00Z", SLA_WINDOW_DST_LENGTH}};
    static const struct want pt24h[] = {
        {"2025-03-29T11:00:00Z", "2025-03-30T11:00:00Z", 0}};
    static const struct want utc_end[] = {
        {"2025-03-29T11:00:00Z", "2025-03-29T13:00:00Z", 0}};
    struct sla_ics *ics = parse(text);
    ck_assert_uint_eq(sla_ics_count(ics), 4);
    expect(ics, 0, "2025-03-01T00:00:00Z", "2025-05-01T00:00:00Z", night, 2);
    expect(ics, 1, "2025-03-01T00:00:00Z", "2025-05-01T00:00:00Z", p1d, 1);
    expect(ics, 2, "2025-03-01T00:00:00Z", "2025-05-01T00:00:00Z", pt24h, 1);
    expect(ics, 3, "2025-03-01T00:00:00Z", "2025-05-01T00:00:00Z", utc_end, 1);
    sla_ics_free(ics);
}
END_TEST

START_TEST(dates_floating_and_utc)
{
    static const char text[] =
        "\xEF\xBB\xBF" /* a byte-order mark */
        "begin:vcalendar\n"
        "begin:vevent\n"
        "uid:holiday\n"
        "dtstart;value=date:20251231\n"
        "rrule:FREQ=YEARLY;COUNT=2\n"
        "end:vevent\n"
        "BEGIN:VEVENT\n"
        "UID:freeze\n"
        "DTSTART;VALUE=DATE:20251229\n"
        "DTEND;VALUE=DATE:20260102\n"
        "END:VEVENT\n"
        "BEGIN:VEVENT\n"
        "UID:floating\n"
        "DTSTART:20260105T220000\n"
        "DURATION:PT30M\n"
        "END:VEVENT\n"
        "BEGIN:VEVENT\n"
        "UID:utc\n"
        "DTSTART:20260105T220000Z\n"
        "DURATION:P1W\n"
        "RRULE:FREQ=WEEKLY;UNTIL=20260112T220000Z\n"
        "END:VEVENT\n"
        "END:VCALENDAR\n";
    /* Dates without a TZID are days of the floating zone (Tokyo here). */
    static const struct want holiday[] = {
        {"2025-12-30T15:00:00Z", "2025-12-31T15:00:00Z", 0},
        {"2026-12-30T15:00:00Z", "2026-12-31T15:00:00Z", 0},
    };
    static const struct want freeze[] = {
        {"2025-12-28T15:00:00Z", "2026-01-01T15:00:00Z", 0}};
    static const struct want floating[] = {
        {"2026-01-05T13:00:00Z", "2026-01-05T13:30:00Z", 0}};
    static const struct want utc[] = {
        {"2026-01-05T22:00:00Z", "2026-01-12T22:00:00Z", 0},
        {"2026-01-12T22:00:00Z", "2026-01-19T22:00:00Z", 0},
    };
    struct sla_ics *ics = parse(text);
    ck_assert_uint_eq(sla_ics_count(ics), 4);
    ck_assert_str_eq(sla_ics_uid(ics, 0), "holiday");
    ck_assert_str_eq(sla_ics_summary(ics, 0), "");
    expect(ics, 0, "2025-01-01T00:00:00Z", "2028-01-01T00:00:00Z", holiday, 2);
    expect(ics, 1, "2025-01-01T00:00:00Z", "2028-01-01T00:00:00Z", freeze, 1);
    expect(ics, 2, "2025-01-01T00:00:00Z", "2028-01-01T00:00:00Z", floating,
           1);
    expect(ics, 3, "2025-01-01T00:00:00Z", "2028-01-01T00:00:00Z", utc, 2);
    sla_ics_free(ics);
}
END_TEST

START_TEST(exdates_rdates_and_periods)
{
    static const char text[] =
        "BEGIN:VCALENDAR\n"
        "BEGIN:VEVENT\n"
        "UID:sunday\n"
        "DTSTART;TZID=America/New_York:20250105T030000\n"
        "DTEND;TZID=America/New_York:20250105T050000\n"
        "RRULE:FREQ=WEEKLY;BYDAY=SU;COUNT=4\n"
        /* one in UTC (08:00Z is 03:00 EST), one as a whole day */
        "EXDATE:20250112T080000Z\n"
        "EXDATE;VALUE=DATE:20250119\n"
        /* an extra start, and a rule's own start again */
        "RDATE;TZID=America/New_York:20250108T220000,20250126T030000\n"
        "RDATE;VALUE=PERIOD:20250201T000000Z/20250201T013000Z,\n"
        " 20250202T000000Z/PT45M\n"
        "END:VEVENT\n"
        "END:VCALENDAR\n";
    static const struct want w[] = {
        {"2025-01-05T08:00:00Z", "2025-01-05T10:00:00Z", 0},
        {"2025-01-09T03:00:00Z", "2025-01-09T05:00:00Z", SLA_WINDOW_ONE_OFF},
        {"2025-01-26T08:00:00Z", "2025-01-26T10:00:00Z", 0},
        {"2025-02-01T00:00:00Z", "2025-02-01T01:30:00Z", SLA_WINDOW_ONE_OFF},
        {"2025-02-02T00:00:00Z", "2025-02-02T00:45:00Z", SLA_WINDOW_ONE_OFF},
    };
    struct sla_ics *ics = parse(text);
    ck_assert_uint_eq(sla_ics_count(ics), 1);
    expect(ics, 0, "2025-01-01T00:00:00Z", "2025-03-01T00:00:00Z", w, 5);
    sla_ics_free(ics);
}
END_TEST

/* Exact instants in a fold: New York repeats 01:00-02:00 on 2025-11-02.
 * A UTC RDATE or EXDATE names one of the two 01:30s, not both. */
START_TEST(exact_instants_in_a_fold)
{
#define NY_DAILY                                                            \
    "DTSTART;TZID=America/New_York:20251101T013000\n"                       \
    "DTEND;TZID=America/New_York:20251101T023000\n"                         \
    "RRULE:FREQ=DAILY;COUNT=3\n"
    static const char text[] =
        "BEGIN:VCALENDAR\n"
        "BEGIN:VEVENT\nUID:a\n" NY_DAILY
        "RDATE:20251102T063000Z\n" /* the second 01:30 */
        "END:VEVENT\n"
        "BEGIN:VEVENT\nUID:b\n" NY_DAILY
        "EXDATE:20251102T063000Z\n" /* the second 01:30: no occurrence */
        "END:VEVENT\n"
        "BEGIN:VEVENT\nUID:c\n" NY_DAILY
        "EXDATE;TZID=Europe/Berlin:20251102T063000\n" /* = 05:30Z */
        "END:VEVENT\n"
        "END:VCALENDAR\n";
#undef NY_DAILY
    static const struct want a[] = {
        {"2025-11-01T05:30:00Z", "2025-11-01T06:30:00Z", 0},
        /* the first 01:30 (EDT) to 02:30 EST: two hours */
        {"2025-11-02T05:30:00Z", "2025-11-02T07:30:00Z", SLA_WINDOW_DST_LENGTH},
        {"2025-11-02T06:30:00Z", "2025-11-02T07:30:00Z", SLA_WINDOW_ONE_OFF},
        {"2025-11-03T06:30:00Z", "2025-11-03T07:30:00Z", 0},
    };
    static const struct want c[] = {
        {"2025-11-01T05:30:00Z", "2025-11-01T06:30:00Z", 0},
        {"2025-11-03T06:30:00Z", "2025-11-03T07:30:00Z", 0},
    };
    static const struct want b[] = {
        {"2025-11-01T05:30:00Z", "2025-11-01T06:30:00Z", 0},
        {"2025-11-02T05:30:00Z", "2025-11-02T07:30:00Z", SLA_WINDOW_DST_LENGTH},
        {"2025-11-03T06:30:00Z", "2025-11-03T07:30:00Z", 0},
    };
    struct sla_ics *ics = parse(text);
    ck_assert_uint_eq(sla_ics_count(ics), 3);
    expect(ics, 0, "2025-10-01T00:00:00Z", "2025-12-01T00:00:00Z", a, 4);
    expect(ics, 1, "2025-10-01T00:00:00Z", "2025-12-01T00:00:00Z", b, 3);
    expect(ics, 2, "2025-10-01T00:00:00Z", "2025-12-01T00:00:00Z", c, 2);
    sla_ics_free(ics);
}
END_TEST

START_TEST(overrides_and_cancellations)
{
    static const char text[] =
        "BEGIN:VCALENDAR\n"
        /* the override comes before its series */
        "BEGIN:VEVENT\n"
        "UID:weekly\n"
        "RECURRENCE-ID;TZID=Europe/London:20250115T020000\n"
        "DTSTART;TZID=Europe/London:20250116T010000\n"
        "DTEND;TZID=Europe/London:20250116T020000\n"
        "SUMMARY:moved\n"
        "END:VEVENT\n"
        "BEGIN:VEVENT\n"
        "UID:weekly\n"
        "DTSTART;TZID=Europe/London:20250108T020000\n"
        "DTEND;TZID=Europe/London:20250108T030000\n"
        "RRULE:FREQ=WEEKLY;COUNT=4\n"
        "END:VEVENT\n"
        "BEGIN:VEVENT\n"
        "UID:weekly\n"
        "RECURRENCE-ID;TZID=Europe/London:20250122T020000\n"
        "STATUS:CANCELLED\n"
        "DTSTART;TZID=Europe/London:20250122T020000\n"
        "DTEND;TZID=Europe/London:20250122T030000\n"
        "END:VEVENT\n"
        "BEGIN:VEVENT\n"
        "UID:gone\n"
        "STATUS:CANCELLED\n"
        "DTSTART:20250101T000000Z\n"
        "DURATION:PT1H\n"
        "RRULE:FREQ=DAILY\n"
        "END:VEVENT\n"
        "BEGIN:VEVENT\n"
        "UID:gone\n"
        "RECURRENCE-ID:20250102T000000Z\n"
        "DTSTART:20250102T050000Z\n"
        "DURATION:PT1H\n"
        "END:VEVENT\n"
        "END:VCALENDAR\n";
    static const struct want moved[] = {
        {"2025-01-16T01:00:00Z", "2025-01-16T02:00:00Z", 0}};
    static const struct want series[] = {
        {"2025-01-08T02:00:00Z", "2025-01-08T03:00:00Z", 0},
        {"2025-01-29T02:00:00Z", "2025-01-29T03:00:00Z", 0},
    };
    struct sla_ics *ics = parse(text);
    /* The moved occurrence and the series; the cancelled ones are gone. */
    ck_assert_uint_eq(sla_ics_count(ics), 2);
    ck_assert_str_eq(sla_ics_summary(ics, 0), "moved");
    expect(ics, 0, "2025-01-01T00:00:00Z", "2025-03-01T00:00:00Z", moved, 1);
    expect(ics, 1, "2025-01-01T00:00:00Z", "2025-03-01T00:00:00Z", series, 2);
    sla_ics_free(ics);
}
END_TEST

START_TEST(folding_and_parameters)
{
    /* Folds with a space or a tab, inside a name, a parameter and a
     * value; a quoted TZID; unknown properties and components. */
    static const char text[] =
        "BEGIN:VCALENDAR\r\n"
        "X-WR-CALNAME:Ops\r\n"
        "BEGIN:VTODO\r\n"
        "DTSTART:garbage is not looked at here\r\n"
        "END:VTODO\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:fol\r\n"
        " ded\r\n"
        "DTST\r\n"
        "\tART;TZID=\"Australia/Lord_How\r\n"
        " e\":20251005T020000\r\n"
        "DURATION:PT1H\r\n"
        "ATTENDEE;CN=\"Ops, night shift\";ROLE=REQ-PARTICIPANT:mailto:o@e.x\r\n"
        "X-MS-OLK-CONFTYPE:0\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n";
    /* Lord Howe's clocks go from 02:00 to 02:30 on 2025-10-05: 02:00 is
     * in the half-hour gap and moves to 02:30 (+11:00). */
    static const struct want w[] = {
        {"2025-10-04T15:30:00Z", "2025-10-04T16:30:00Z", SLA_WINDOW_SHIFTED}};
    struct sla_ics *ics = parse(text);
    ck_assert_uint_eq(sla_ics_count(ics), 1);
    ck_assert_str_eq(sla_ics_uid(ics, 0), "folded");
    expect(ics, 0, "2025-10-01T00:00:00Z", "2025-11-01T00:00:00Z", w, 1);
    /* Options reach every schedule: skipping gaps drops it. */
    ck_assert_int_eq(sla_ics_set_options(ics, SLA_DISAMBIGUATE_COMPATIBLE,
                                         SLA_SCHEDULE_SKIP_GAPS), 0);
    expect(ics, 0, "2025-10-01T00:00:00Z", "2025-11-01T00:00:00Z", NULL, 0);
    ck_assert_int_eq(sla_ics_set_options(ics, SLA_DISAMBIGUATE_REJECT, 0),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_ics_set_options(NULL, 0, 0), SLA_EINVAL);
    sla_ics_free(ics);
}
END_TEST

struct bad {
    const char *text;
    int code;
    int32_t line, column;
    const char *needle;
};

#define CAL(body) "BEGIN:VCALENDAR\n" body "END:VCALENDAR\n"
#define EV(body) CAL("BEGIN:VEVENT\n" body "END:VEVENT\n")
#define TOKYO_2H "DTSTART;TZID=Asia/Tokyo:20200101T020000\nDURATION:PT2H\n"

static const struct bad bad[] = {
    {"", SLA_EPARSE, 1, 1, "BEGIN:VCALENDAR"},
    {"\n\n", SLA_EPARSE, 3, 1, "BEGIN:VCALENDAR"},
    {"BEGIN:VEVENT\n", SLA_EPARSE, 1, 7, "BEGIN:VCALENDAR"},
    {"VERSION:2.0\n", SLA_EPARSE, 1, 1, "BEGIN:VCALENDAR"},
    {"BEGIN:VCALENDAR\nBEGIN:VEVENT\n", SLA_EPARSE, 3, 1, "END:VEVENT"},
    {CAL("BEGIN:VEVENT\nEND:VTODO\n"), SLA_EPARSE, 3, 5, "END:VEVENT"},
    {"END:VCALENDAR\n", SLA_EPARSE, 1, 5, "END:VCALENDAR"},
    {CAL("BEGIN:VEVENT\nDURATION:PT1H\nEND:VEVENT\n"), SLA_EPARSE, 2, 1,
     "DTSTART"},
    {EV("DTSTART:20250230T020000Z\nDURATION:PT1H\n"), SLA_EPARSE, 3, 9,
     "exist"},
    {EV("DTSTART:20250101T020060Z\nDURATION:PT1H\n"), SLA_EPARSE, 3, 9,
     "exist"},
    {EV("DTSTART:2025-01-01T02:00:00Z\nDURATION:PT1H\n"), SLA_EPARSE, 3, 9,
     "YYYYMMDD"},
    {EV("DTSTART:20250101T0200Z\nDURATION:PT1H\n"), SLA_EPARSE, 3, 9,
     "YYYYMMDDTHHMMSS"},
    {EV("DTSTART;VALUE=DATE:20250101T020000Z\nDURATION:PT1H\n"), SLA_EPARSE,
     3, 20, "VALUE=DATE"},
    {EV("DTSTART;VALUE=PERIOD:20250101T020000Z\nDURATION:PT1H\n"), SLA_EPARSE,
     3, 15, "DATE or DATE-TIME"},
    {EV("DTSTART;VALUE=TIME:20250101T020000Z\nDURATION:PT1H\n"), SLA_EPARSE,
     3, 15, "VALUE=DATE"},
    {EV("DTSTART:20250101T020000Z\n"), SLA_EPARSE, 3, 9, "DTEND or DURATION"},
    {EV("DTSTART:20250101T020000Z\nDTEND:20250101T020000Z\n"), SLA_EPARSE, 4,
     7, "after DTSTART"},
    {EV("DTSTART:20250101T020000Z\nDTEND;VALUE=DATE:20250102\n"), SLA_EPARSE,
     4, 18, "same kind"},
    {EV("DTSTART:20250101T020000Z\nDTEND:20250101T030000Z\nDURATION:PT1H\n"),
     SLA_EPARSE, 5, 1, "not both"},
    {EV("DTSTART:20250101T020000Z\nDURATION:-PT1H\n"), SLA_EPARSE, 4, 10,
     "positive"},
    {EV("DTSTART:20250101T020000Z\nDURATION:PT0S\n"), SLA_EPARSE, 4, 10,
     "longer than zero"},
    {EV("DTSTART:20250101T020000Z\nDURATION:PT1M1H\n"), SLA_EPARSE, 4, 15,
     "RFC 5545 duration"},
    {EV("DTSTART:20250101T020000Z\nDURATION:P1Y\n"), SLA_EPARSE, 4, 12,
     "RFC 5545 duration"},
    {EV("DTSTART:20250101T020000Z\nDTSTART:20250101T020000Z\n"), SLA_EPARSE,
     4, 1, "one DTSTART"},
    {EV(TOKYO_2H "RRULE:FREQ=HOURLY\n"), SLA_EPARSE, 5, 12, "HOURLY"},
    {EV(TOKYO_2H "RRULE:FREQ=DAILY;\n BYWEEKNO=1\n"), SLA_EPARSE, 6, 2,
     "BYWEEKNO"},
    {EV(TOKYO_2H "RRULE:FREQ=DAILY\nRRULE:FREQ=WEEKLY\n"), SLA_EPARSE, 6, 1,
     "one RRULE"},
    {EV(TOKYO_2H "EXRULE:FREQ=DAILY\n"), SLA_EPARSE, 5, 1, "EXRULE"},
    {EV(TOKYO_2H "RECURRENCE-ID;RANGE=THISANDFUTURE:20200101T020000\n"),
     SLA_EPARSE, 5, 21, "THISANDFUTURE"},
    {EV(TOKYO_2H "RECURRENCE-ID:20200101T020000\nRRULE:FREQ=DAILY\n"),
     SLA_EPARSE, 5, 15, "no RRULE"},
    {CAL("CALSCALE:CHINESE\n"), SLA_EPARSE, 2, 10, "GREGORIAN"},
    {EV("DTSTART;TZID=Mars/Olympus_Mons:20200101T020000\nDURATION:PT1H\n"),
     SLA_ENOTFOUND, 3, 14, "Mars/Olympus_Mons"},
    {EV("DTSTART;TZID=W. Europe Standard Time:20200101T020000\n"
        "DURATION:PT1H\n"),
     SLA_ENOTFOUND, 3, 14, "IANA"},
    {EV("DTSTART;TZID=Asia/Tokyo,Europe/Paris:20200101T020000\n"),
     SLA_EPARSE, 3, 14, "one TZID"},
    {EV("DTSTART;TZID=Asia/Tokyo:20200101T020000Z\n"), SLA_EPARSE, 3, 25,
     "not a UTC time"},
    {EV("DTSTART:20200101T020000\nDURATION:PT1H\n"), SLA_EPARSE, 3, 9,
     "floating"},
    {EV("DTSTART;TZID=\"Asia/Tokyo:20200101T020000\n"), SLA_EPARSE, 3, 14,
     "closing"},
    {EV("DTSTART;TZID=Asia\"/Tokyo:20200101T020000\n"), SLA_EPARSE, 3, 18,
     "whole parameter value"},
    {EV("DTSTART\n"), SLA_EPARSE, 3, 8, "':' or ';'"},
    {EV(":20200101\n"), SLA_EPARSE, 3, 1, "property name"},
    {EV("DTSTART;=x:20200101\n"), SLA_EPARSE, 3, 9, "parameter name"},
    {EV("DTSTART;TZID:20200101\n"), SLA_EPARSE, 3, 13, "'='"},
    {EV("SUMMARY:tab\tok, bell \a not\n"), SLA_EPARSE, 3, 22, "0x07"},
    {EV("SUMMARY:a\rb\n"), SLA_EPARSE, 3, 10, "0x0d"},
    {EV(TOKYO_2H "RDATE;VALUE=DATE:20200105\n"), SLA_EPARSE, 5, 18,
     "same kind"},
    {EV(TOKYO_2H "RDATE;VALUE=PERIOD:20200105T000000Z\n"), SLA_EPARSE, 5, 20,
     "start/end"},
    {EV(TOKYO_2H "RDATE;VALUE=PERIOD:20200105T010000Z/20200105T000000Z\n"),
     SLA_EPARSE, 5, 20, "ends after"},
    {EV(TOKYO_2H "RDATE;VALUE=PERIOD:20200105T010000Z/20200105T020000\n"),
     SLA_EPARSE, 5, 37, "same kind"},
    {EV(TOKYO_2H "EXDATE;VALUE=PERIOD:20200105T010000Z/PT1H\n"), SLA_EPARSE,
     5, 14, "DATE or DATE-TIME"},
    {EV(TOKYO_2H "EXDATE:20200105T010000Z,2020\n"), SLA_EPARSE, 5, 25,
     "YYYYMMDD"},
    {"BEGIN:VCALENDAR\nBEGIN:A\nBEGIN:B\nBEGIN:C\nBEGIN:D\nBEGIN:E\n"
     "BEGIN:F\nBEGIN:G\nBEGIN:H\nBEGIN:I\nBEGIN:J\nBEGIN:K\nBEGIN:L\n"
     "BEGIN:M\nBEGIN:N\nBEGIN:O\nBEGIN:P\n",
     SLA_EPARSE, 17, 1, "16 deep"},
    {CAL("BEGIN:\n"), SLA_EPARSE, 2, 7, "component name"},
    {CAL("BEGIN:V EVENT\n"), SLA_EPARSE, 2, 8, "component name"},
};

START_TEST(errors_name_line_and_column)
{
    const struct bad *b = &bad[_i];
    struct sla_ics *ics = (struct sla_ics *)&ics;
    struct sla_zone *utc;
    struct sla_error err;
    int rc;
    /* A floating zone only where a case is not about floating times. */
    ck_assert_int_eq(sla_zone_open(&utc, "UTC", NULL, NULL), 0);
    memset(&err, 0x5a, sizeof err);
    rc = sla_ics_parse(&ics, b->text, strlen(b->text),
                       strstr(b->needle, "floating") ? NULL : utc, NULL, &err);
    sla_zone_unref(utc);
    ck_assert_msg(rc == b->code && err.code == b->code && err.line == b->line &&
                      err.column == b->column &&
                      strstr(err.message, b->needle) != NULL,
                  "case %d: rc %d, %d:%d '%s'; expected %d, %d:%d '%s'", _i,
                  rc, (int)err.line, (int)err.column, err.message, b->code,
                  (int)b->line, (int)b->column, b->needle);
    ck_assert_int_ge(err.offset, 0);
    ck_assert_int_le(err.offset, (int64_t)strlen(b->text));
    /* The output is left alone on failure. */
    ck_assert_ptr_eq(ics, (struct sla_ics *)&ics);
}
END_TEST

START_TEST(arguments)
{
    struct sla_ics *ics = NULL;
    struct sla_intervals *set;
    struct sla_error err;
    static const char text[] = EV(TOKYO_2H);
    ck_assert_int_eq(sla_ics_parse(NULL, text, strlen(text), NULL, NULL, &err),
                     SLA_EINVAL);
    ck_assert_int_eq(err.code, SLA_EINVAL);
    ck_assert_int_eq(sla_ics_parse(&ics, NULL, 5, NULL, NULL, &err),
                     SLA_EINVAL);
    /* NULL and no length is the empty text: no calendar in it. */
    ck_assert_int_eq(sla_ics_parse(&ics, NULL, 0, NULL, NULL, &err),
                     SLA_EPARSE);
    /* A calendar with no events is fine and empty. */
    ck_assert_int_eq(sla_ics_parse(&ics, CAL(""), strlen(CAL("")), NULL, NULL,
                                   NULL), 0);
    ck_assert_uint_eq(sla_ics_count(ics), 0);
    sla_ics_free(ics);
    /* Two calendars in one file. */
    {
        static const char two[] = EV(TOKYO_2H) EV(TOKYO_2H);
        ck_assert_int_eq(sla_ics_parse(&ics, two, strlen(two), NULL, NULL,
                                       NULL), 0);
        ck_assert_uint_eq(sla_ics_count(ics), 2);
    }
    ck_assert_int_eq(sla_intervals_new(&set), 0);
    ck_assert_int_eq(sla_ics_expand(set, ics, 2, 1), SLA_EINVAL);
    ck_assert_int_eq(sla_ics_expand(NULL, ics, 1, 2), SLA_EINVAL);
    ck_assert_int_eq(sla_ics_expand(set, NULL, 1, 2), SLA_EINVAL);
    sla_intervals_free(set);
    sla_ics_free(ics);
    sla_ics_free(NULL);
    ck_assert_uint_eq(sla_ics_count(NULL), 0);
    ck_assert_ptr_null(sla_ics_schedule(NULL, 0));
}
END_TEST

int main(void)
{
    Suite *su = suite_create("ics");
    TCase *tc = sla_tcase("ics");
    tcase_add_test(tc, check_sheet_monthly_maintenance);
    tcase_add_test(tc, dtend_and_duration_across_dst);
    tcase_add_test(tc, dates_floating_and_utc);
    tcase_add_test(tc, exdates_rdates_and_periods);
    tcase_add_test(tc, exact_instants_in_a_fold);
    tcase_add_test(tc, overrides_and_cancellations);
    tcase_add_test(tc, folding_and_parameters);
    tcase_add_loop_test(tc, errors_name_line_and_column, 0,
                        (int)(sizeof bad / sizeof *bad));
    tcase_add_test(tc, arguments);
    suite_add_tcase(su, tc);
    return sla_run_suite(su);
}
