/* SPDX-License-Identifier: MIT */
/* The availability readers: outage CSV and the service-definition file,
 * with the place of every error. */
#include "testlib.h"

static int64_t at(const char *text)
{
    int64_t t;
    ck_assert_int_eq(sla_rfc3339_parse(&t, NULL, text, strlen(text), NULL), 0);
    return t;
}

START_TEST(outages_csv)
{
    /* Columns in any order and case, extra ones skipped, quotes with a
     * doubled quote and a line break inside, CRLF, blank lines. */
    static const char text[] =
        "\xEF\xBB\xBFid,END,Kind,start,note\r\n"
        "a,2025-01-01T00:10:00Z,,2025-01-01T00:00:00Z,\"plain, quoted\"\r\n"
        "\r\n"
        "b,2025-01-02T00:10:00+09:00,DEGRADED,2025-01-02T00:00:00+09:00,"
        "\"say \"\"slow\"\"\nover two lines\"\n"
        "c,2025-01-03T00:00:01Z,partial,2025-01-03T00:00:00Z,\n";
    struct sla_outage *o = NULL;
    size_t n = 99;
    struct sla_error err;
    ck_assert_int_eq(sla_outages_parse_csv(&o, &n, text, strlen(text), &err),
                     0);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(o[0].start, at("2025-01-01T00:00:00Z"));
    ck_assert_int_eq(o[0].end, at("2025-01-01T00:10:00Z"));
    ck_assert_int_eq(o[0].kind, SLA_OUTAGE_FULL);
    ck_assert_int_eq(o[1].start, at("2025-01-01T15:00:00Z"));
    ck_assert_int_eq(o[1].kind, SLA_OUTAGE_DEGRADED);
    ck_assert_int_eq(o[2].kind, SLA_OUTAGE_PARTIAL);
    ck_assert_int_eq(o[2].end - o[2].start, 1000);
    sla_outages_free(o);
    /* A header and nothing else: no outages. */
    ck_assert_int_eq(sla_outages_parse_csv(&o, &n, "start,end\n", 10, &err),
                     0);
    ck_assert_uint_eq(n, 0);
    sla_outages_free(o);
    sla_outages_free(NULL);
    ck_assert_int_eq(sla_outages_parse_csv(NULL, &n, "", 0, &err),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_outages_parse_csv(&o, NULL, "", 0, &err),
                     SLA_EINVAL);
}
END_TEST

struct bad {
    const char *text;
    int32_t line, column;
    const char *needle;
};

static const struct bad bad_csv[] = {
    {"", 1, 1, "header row"},
    {"begin,end\n", 1, 1, "header row"},
    {"start,end,start\n", 1, 11, "once"},
    {"start,end\n2025-01-01T00:00:00Z\n", 2, 21, "2 fields"},
    {"start,end\n2025-01-01T00:00:00Z,2025-01-01T01:00:00Z,x\n", 2, 43,
     "2 fields"},
    {"start,end\n2025-01-01T00:00:00,2025-01-01T01:00:00Z\n", 2, 20,
     "start:"},
    {"start,end\n2025-01-01T00:00:00Z,2025-13-01T01:00:00Z\n", 2, 27,
     "end:"},
    {"start,end\n2025-01-01T01:00:00Z,2025-01-01T01:00:00Z\n", 2, 22,
     "end after the start"},
    {"start,end,kind\n2025-01-01T00:00:00Z,2025-01-01T01:00:00Z,down\n", 2,
     43, "full, partial or degraded"},
    {"start,end\n\"2025-01-01T00:00:00Z,2025-01-01T01:00:00Z\n", 2, 1,
     "closing"},
    {"start,end\n\"2025-01-01T00:00:00Z\"x,2025-01-01T01:00:00Z\n", 2, 23,
     "after a closing quote"},
    {"start,end\n2025-01-01\"T00:00:00Z,2025-01-01T01:00:00Z\n", 2, 11,
     "whole field"},
    {"start,end\n2025-01-01T00:00:00Z,2025\x01-01-01\n", 2, 26,
     "control byte"},
};

START_TEST(outages_csv_errors)
{
    const struct bad *b = &bad_csv[_i];
    struct sla_outage *o = (struct sla_outage *)&o;
    size_t n = 77;
    struct sla_error err;
    memset(&err, 0x5a, sizeof err);
    ck_assert_int_eq(sla_outages_parse_csv(&o, &n, b->text, strlen(b->text),
                                           &err), SLA_EPARSE);
    ck_assert_msg(err.code == SLA_EPARSE && err.line == b->line &&
                      err.column == b->column &&
                      strstr(err.message, b->needle) != NULL,
                  "case %d: %d:%d '%s'; expected %d:%d '%s'", _i,
                  (int)err.line, (int)err.column, err.message, (int)b->line,
                  (int)b->column, b->needle);
    ck_assert_ptr_eq(o, (struct sla_outage *)&o);
    ck_assert_uint_eq(n, 77);
}
END_TEST

START_TEST(probes_csv)
{
    static const char text[] =
        "probe,OK,At\n"
        "p1,1,2025-01-01T00:00:00Z\n"
        "p1,false,2025-01-01T00:01:00Z\n"
        "p1,up,2025-01-01T00:02:00.5Z\n";
    static const struct bad bad[] = {
        {"at\n", 1, 1, "at and ok"},
        {"at,ok,at\n", 1, 7, "once"},
        {"at,ok\n2025-01-01T00:00:00Z,maybe\n", 2, 22, "1 or 0"},
        {"at,ok\n2025-01-01T00:00:00,1\n", 2, 20, "at:"},
        {"ok,at\n1\n", 2, 2, "2 fields"},
    };
    struct sla_probe *p = NULL;
    size_t n = 0, i;
    struct sla_error err;
    ck_assert_int_eq(sla_probes_parse_csv(&p, &n, text, strlen(text), &err),
                     0);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(p[0].ok, 1);
    ck_assert_int_eq(p[1].ok, 0);
    ck_assert_int_eq(p[1].at, at("2025-01-01T00:01:00Z"));
    ck_assert_int_eq(p[2].at, at("2025-01-01T00:02:00Z") + 500);
    sla_probes_free(p);
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        memset(&err, 0x5a, sizeof err);
        ck_assert_int_eq(sla_probes_parse_csv(&p, &n, bad[i].text,
                                              strlen(bad[i].text), &err),
                         SLA_EPARSE);
        ck_assert_msg(err.line == bad[i].line && err.column == bad[i].column &&
                          strstr(err.message, bad[i].needle) != NULL,
                      "case %zu: %d:%d '%s'", i, (int)err.line,
                      (int)err.column, err.message);
    }
    ck_assert_int_eq(sla_probes_parse_csv(&p, NULL, "", 0, &err), SLA_EINVAL);
}
END_TEST

START_TEST(incidents_csv)
{
    static const char text[] =
        "Recovered,started,ID,updates,detected,severity\n"
        "2025-01-01T01:00:00Z,2025-01-01T00:00:00Z,a,"
        "2025-01-01T00:20:00Z 2025-01-01T00:40:00Z;2025-01-01T00:50:00Z,"
        "2025-01-01T00:10:00Z,2\n"
        "2025-01-02T01:00:00Z,2025-01-02T00:00:00Z,,,,\n";
    static const struct bad bad[] = {
        {"started\n", 1, 1, "started and"},
        {"started,recovered\n2025-01-01T00:00:00Z,2024-01-01T00:00:00Z\n", 2,
         1, "recovered before started"},
        {"started,recovered,updates\n2025-01-01T00:00:00Z,"
         "2025-01-01T01:00:00Z,2025-01-01T00:10:00Z x\n", 2, 64, "updates:"},
        {"started,recovered,severity\n2025-01-01T00:00:00Z,"
         "2025-01-01T01:00:00Z,high\n", 2, 43, "severity"},
        {"started,recovered,detected\n2025-01-01T00:00:00Z,"
         "2025-01-01T01:00:00Z,2025-01-01\n", 2, 53, "detected:"},
    };
    struct sla_incident_list *l = NULL;
    const struct sla_incident *x;
    struct sla_error err;
    size_t n = 0, i;
    ck_assert_int_eq(sla_incidents_parse_csv(&l, text, strlen(text), &err), 0);
    x = sla_incident_list_items(l, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(sla_incident_list_id(l, 0), "a");
    ck_assert_str_eq(sla_incident_list_id(l, 1), "");
    ck_assert_ptr_null(sla_incident_list_id(l, 2));
    ck_assert_uint_eq(x[0].nupdates, 3);
    ck_assert_int_eq(x[0].updates[2], at("2025-01-01T00:50:00Z"));
    ck_assert_int_eq(x[0].detected, at("2025-01-01T00:10:00Z"));
    ck_assert_int_eq(x[0].severity, 2);
    ck_assert_int_eq(x[1].detected, SLA_TIME_NONE);
    ck_assert_uint_eq(x[1].nupdates, 0);
    sla_incident_list_free(l);
    sla_incident_list_free(NULL);
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        memset(&err, 0x5a, sizeof err);
        ck_assert_int_eq(sla_incidents_parse_csv(&l, bad[i].text,
                                                 strlen(bad[i].text), &err),
                         SLA_EPARSE);
        ck_assert_msg(err.line == bad[i].line && err.column == bad[i].column &&
                          strstr(err.message, bad[i].needle) != NULL,
                      "case %zu: %d:%d '%s'", i, (int)err.line,
                      (int)err.column, err.message);
    }
}
END_TEST

/* forward */
static struct sla_service *parse(const char *text);

START_TEST(announcements_and_events_csv)
{
    static const char ann[] =
        "id,kind,announced,event,note\r\n"
        "A1,maintenance,2025-01-10T10:00:00+09:00,2025-07-10T02:00:00+09:00,"
        "\"a, b\"\r\n"
        "A2,End-Of-Service,2025-02-01T00:00:00Z,2025-02-01T00:00:00Z,\r\n";
    static const char ev[] =
        "at,kind\n"
        "2025-01-14T02:00:00+09:00,patch\n"
        "2025-01-15T00:00:00Z,virus-pattern\n"
        "2025-02-11T02:00:00+09:00,PATCH\n";
    struct sla_announcement_list *al;
    struct sla_event_list *el;
    const struct sla_announcement *a;
    struct sla_error err;
    int64_t t[4];
    const char *kind, *id;
    size_t n;
    ck_assert_int_eq(sla_announcements_parse_csv(&al, ann, strlen(ann), &err),
                     0);
    a = sla_announcement_list_items(al, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(a[0].announced, at("2025-01-10T01:00:00Z"));
    ck_assert_int_eq(a[0].event, at("2025-07-09T17:00:00Z"));
    ck_assert_int_eq(a[1].event, a[1].announced);
    ck_assert_str_eq(sla_announcement_list_id(al, 0), "A1");
    ck_assert_int_eq(sla_announcement_list_line(al, 0), 2);
    ck_assert_int_eq(sla_announcement_list_line(al, 1), 3);
    ck_assert_int_eq(sla_announcement_list_line(al, 2), 0);
    ck_assert_str_eq(sla_announcement_list_kind(al, 1), "End-Of-Service");
    ck_assert_ptr_null(sla_announcement_list_kind(al, 2));
    ck_assert_ptr_null(sla_announcement_list_id(NULL, 0));
    sla_announcement_list_free(al);

    ck_assert_int_eq(sla_events_parse_csv(&el, ev, strlen(ev), &err), 0);
    ck_assert_uint_eq(sla_event_list_count(el), 3);
    ck_assert_int_eq(sla_event_list_get(el, 1, &t[0], &kind, &id), 0);
    ck_assert_int_eq(t[0], at("2025-01-15T00:00:00Z"));
    ck_assert_str_eq(kind, "virus-pattern");
    ck_assert_str_eq(id, "");
    ck_assert_int_eq(sla_event_list_get(el, 3, &t[0], &kind, &id),
                     SLA_EINVAL);
    /* kinds match without regard to case, in file order */
    ck_assert_uint_eq(sla_event_list_select(el, "Patch", t, 4), 2);
    ck_assert_int_eq(t[0], at("2025-01-13T17:00:00Z"));
    ck_assert_int_eq(t[1], at("2025-02-10T17:00:00Z"));
    ck_assert_uint_eq(sla_event_list_select(el, "patch", NULL, 0), 2);
    ck_assert_uint_eq(sla_event_list_select(el, "full-scan", t, 4), 0);
    sla_event_list_free(el);
    ck_assert_uint_eq(sla_event_list_count(NULL), 0);
}
END_TEST

START_TEST(announcements_and_events_errors)
{
    static const struct bad bad_ann[] = {
        {"", 1, 1, "kind, announced, event"},
        {"kind,announced\n", 1, 1, "kind, announced, event"},
        {"kind,announced,event,kind\n", 1, 22, "once"},
        {"kind,announced,event\n,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z\n",
         2, 1, "expected a kind"},
        {"kind,announced,event\nmy kind,2025-01-01T00:00:00Z,"
         "2025-02-01T00:00:00Z\n",
         2, 3, "without spaces"},
        {"kind,announced,event\nm,2025-01-01T00:00:00Z,2025-02-01\n", 2, 34,
         "event:"},
        {"kind,announced,event\nm,2025-02-01T00:00:00Z,2025-01-01T00:00:00Z\n",
         2, 24, "at or after"},
        {"kind,announced,event\nm,2025-02-01T00:00:00Z\n", 2, 23,
         "expected 3 fields"},
    };
    static const struct bad bad_ev[] = {
        {"at\n", 1, 1, "kind, at"},
        {"kind,at\npatch,2025-13-01T00:00:00Z\n", 2, 12, "at:"},
        {"kind,at\n\"\",2025-01-01T00:00:00Z\n", 2, 1, "expected a kind"},
        {"kind,at\npatch,2025-01-01T00:00:00Z,x\n", 2, 28, "expected 2"},
        {"kind,at\n"
         "a234567890123456789012345678901234567890123456789012345678901234,"
         "2025-01-01T00:00:00Z\n",
         2, 64, "at most 63 bytes"},
    };
    size_t i;
    for (i = 0; i < sizeof bad_ann / sizeof *bad_ann; i++) {
        struct sla_announcement_list *l = NULL;
        struct sla_error err;
        ck_assert_int_eq(sla_announcements_parse_csv(&l, bad_ann[i].text,
                                                     strlen(bad_ann[i].text),
                                                     &err),
                         SLA_EPARSE);
        ck_assert_ptr_null(l);
        ck_assert_msg(err.line == bad_ann[i].line &&
                          err.column == bad_ann[i].column &&
                          strstr(err.message, bad_ann[i].needle) != NULL,
                      "announcements %zu: %d:%d '%s'", i, (int)err.line,
                      (int)err.column, err.message);
    }
    for (i = 0; i < sizeof bad_ev / sizeof *bad_ev; i++) {
        struct sla_event_list *l = NULL;
        struct sla_error err;
        ck_assert_int_eq(sla_events_parse_csv(&l, bad_ev[i].text,
                                              strlen(bad_ev[i].text), &err),
                         SLA_EPARSE);
        ck_assert_ptr_null(l);
        ck_assert_msg(err.line == bad_ev[i].line &&
                          err.column == bad_ev[i].column &&
                          strstr(err.message, bad_ev[i].needle) != NULL,
                      "events %zu: %d:%d '%s'", i, (int)err.line,
                      (int)err.column, err.message);
    }
}
END_TEST

START_TEST(service_file_promises)
{
    static const char text[] =
        "[service]\nzone = Asia/Tokyo\ntarget = 99.99%\n"
        "[incidents]\nrto = PT4H\nnotify = PT1H\nupdates = PT30M\n"
        "long = P1D\n"
        "[notice]\nmaintenance = P6M\nEnd-Of-Service = P3M\n"
        "change = P1M\nurgent = PT72H\n"
        "a-kind-of-announcement-named-at-some-length-of-60-bytes-abcd = P2M\n"
        "[cadence]\npatch = month\nvirus-pattern = day\nfull-scan = WEEK\n";
    struct sla_service *s = parse(text);
    struct sla_incident_policy pol;
    const char *kind;
    int32_t months, unit;
    int64_t ms;
    ck_assert_int_eq(sla_service_incident_policy(s, &pol), 0);
    ck_assert_int_eq(pol.rto_ms, 4 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(pol.mttr_ms, 0);
    ck_assert_int_eq(pol.notify_ms, SLA_MS_PER_HOUR);
    ck_assert_int_eq(pol.update_ms, 30 * SLA_MS_PER_MINUTE);
    ck_assert_int_eq(pol.long_ms, SLA_MS_PER_DAY);
    ck_assert_int_eq(sla_service_notice(s, "MAINTENANCE", &months, &ms), 0);
    ck_assert_int_eq(months, 6);
    ck_assert_int_eq(ms, 0);
    ck_assert_int_eq(sla_service_notice(s, "end-of-service", &months, &ms),
                     0);
    ck_assert_int_eq(months, 3);
    ck_assert_int_eq(sla_service_notice(s, "urgent", &months, &ms), 0);
    ck_assert_int_eq(months, 0);
    ck_assert_int_eq(ms, 72 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(sla_service_notice(s, "other", &months, &ms),
                     SLA_ENOTFOUND);
    ck_assert_int_eq(sla_service_notice(
                         s,
                         "a-kind-of-announcement-named-at-some-length-of-60-"
                         "bytes-abcd",
                         &months, &ms),
                     0);
    ck_assert_int_eq(months, 2);
    ck_assert_uint_eq(sla_service_cadence_count(s), 3);
    ck_assert_int_eq(sla_service_cadence(s, 0, &kind, &unit), 0);
    ck_assert_str_eq(kind, "patch");
    ck_assert_int_eq(unit, SLA_PERIOD_MONTH);
    ck_assert_int_eq(sla_service_cadence(s, 2, &kind, &unit), 0);
    ck_assert_str_eq(kind, "full-scan");
    ck_assert_int_eq(unit, SLA_PERIOD_WEEK);
    ck_assert_int_eq(sla_service_cadence(s, 3, &kind, &unit), SLA_EINVAL);
    /* A second promise for a kind replaces the first. */
    ck_assert_int_eq(sla_service_add_cadence(s, "PATCH", SLA_PERIOD_WEEK), 0);
    ck_assert_uint_eq(sla_service_cadence_count(s), 3);
    ck_assert_int_eq(sla_service_cadence(s, 0, &kind, &unit), 0);
    ck_assert_str_eq(kind, "PATCH");
    ck_assert_int_eq(unit, SLA_PERIOD_WEEK);
    ck_assert_int_eq(sla_service_add_notice(s, "x", 1, 5), SLA_EINVAL);
    ck_assert_int_eq(sla_service_add_notice(s, "x", 0, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_service_add_notice(s, "", 1, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_service_add_cadence(s, "x", 7), SLA_EINVAL);
    pol.notify_ms = 0;
    ck_assert_int_eq(sla_service_set_incident_policy(s, &pol), SLA_EINVAL);
    sla_service_free(s);
    /* The defaults, when the file says nothing. */
    s = parse("[service]\nzone = UTC\ntarget = 99.9\n");
    ck_assert_int_eq(sla_service_incident_policy(s, &pol), 0);
    ck_assert_int_eq(pol.rto_ms, 0);
    ck_assert_int_eq(pol.notify_ms, SLA_MS_PER_HOUR);
    ck_assert_uint_eq(sla_service_cadence_count(s), 0);
    ck_assert_int_eq(sla_service_start(s, &ms), SLA_ENOTFOUND);
    ck_assert_int_eq(sla_service_set_start(s, 42), 0);
    ck_assert_int_eq(sla_service_start(s, &ms), 0);
    ck_assert_int_eq(ms, 42);
    ck_assert_int_eq(sla_service_start(s, NULL), SLA_EINVAL);
    sla_service_free(s);
}
END_TEST

static struct sla_service *parse(const char *text)
{
    struct sla_service *s = NULL;
    struct sla_error err;
    int rc = sla_service_parse(&s, text, strlen(text), NULL, NULL, &err);
    ck_assert_msg(rc == 0, "%d at %d:%d: %s", rc, (int)err.line,
                  (int)err.column, err.message);
    return s;
}

START_TEST(service_file)
{
    /* The month, written as a file: Tokyo, 99.99%, the 1st from
     * 02:00 to 04:00; business hours to show [hours]; credits. */
    static const char text[] =
        "# a comment\n"
        "[service]\n"
        "name = Example\n"
        "zone = Asia/Tokyo\n"
        "target = 99.99%\n"
        "\n"
        "[weights]\n"
        "degraded = 25%\n"
        "[maintenance]\n"
        "  start = 2020-01-01T02:00\n"
        "  rule = FREQ=MONTHLY;BYMONTHDAY=1\n"
        "  end-time = 04:00\n"
        "  exdate = 2020-03-01\n"
        "[credit]\n"
        "below = 99.99%\n"
        "credit = 10%\n";
    struct sla_service *s = parse(text);
    struct sla_outage o = {0, 0, SLA_OUTAGE_DEGRADED, 0};
    struct sla_figures f;
    ck_assert_str_eq(sla_service_name(s), "Example");
    ck_assert_str_eq(sla_zone_name(sla_service_zone(s)), "Asia/Tokyo");
    o.start = at("2020-01-05T00:00:00Z");
    o.end = o.start + 4 * SLA_MS_PER_MINUTE;
    ck_assert_int_eq(sla_service_compute(&f, s, &o, 1, NULL,
                                         at("2019-12-31T15:00:00Z"),
                                         at("2020-01-31T15:00:00Z"),
                                         INT64_MAX), 0);
    ck_assert_int_eq(f.planned_ms, INT64_C(2671200000));
    ck_assert_int_eq(f.downtime_ms, SLA_MS_PER_MINUTE);
    ck_assert_int_eq(f.credit_ppm, 0);
    ck_assert_int_eq(f.target_ppm, 999900);
    /* March's window is excluded by the exdate. */
    ck_assert_int_eq(sla_service_compute(&f, s, NULL, 0, NULL,
                                         at("2020-02-29T15:00:00Z"),
                                         at("2020-03-31T15:00:00Z"),
                                         INT64_MAX), 0);
    ck_assert_int_eq(f.maintenance_ms, 0);
    sla_service_free(s);

    /* Probe settings. */
    s = parse("[service]\nzone=UTC\ntarget=99.9\n[probes]\ninterval = PT30S\n"
              "grace = PT5S\nconfirm = 2\n");
    {
        int64_t iv, gr;
        int32_t cf;
        ck_assert_int_eq(sla_service_probes(s, &iv, &gr, &cf), 0);
        ck_assert_int_eq(iv, 30000);
        ck_assert_int_eq(gr, 5000);
        ck_assert_int_eq(cf, 2);
    }
    sla_service_free(s);

    /* Business hours, a start, no data counted down, an exclusion. */
    s = parse("[service]\nzone=UTC\ntarget=99.9\nstart=2025-01-06T00:00:00Z\n"
              "nodata=down\n[hours]\nmonday=09:00-12:00, 13:00-18:00\n"
              "tuesday = 09:00-24:00\nholiday = 2025-01-07\n"
              "[exclusion]\nname = move\nfrom = 2025-01-06T10:00:00Z\n"
              "to = 2025-01-06T11:00:00Z\n");
    ck_assert_int_eq(sla_service_compute(&f, s, NULL, 0, NULL,
                                         at("2025-01-01T00:00:00Z"),
                                         at("2025-01-15T00:00:00Z"),
                                         INT64_MAX), 0);
    /* Two Mondays of 8 hours and a Tuesday of 15 (the other is a
     * holiday), less the hour excluded. */
    ck_assert_int_eq(f.excluded_ms, SLA_MS_PER_HOUR);
    ck_assert_int_eq(f.planned_ms, 30 * SLA_MS_PER_HOUR);
    sla_service_free(s);
}
END_TEST

static const struct bad bad_ini[] = {
    {"", 1, 1, "'zone'"},
    {"zone = UTC\n", 1, 1, "section"},
    {"[service]\nzone = UTC\n", 3, 1, "'target'"},
    {"[service]\ntarget = 99.9\n[hours]\n", 3, 1, "'zone'"},
    {"[service]\nzone = Mars/Base\n", 2, 8, "zone:"},
    {"[service]\nzone = UTC\ntarget = 99.99995\n", 3, 17, "target:"},
    {"[service]\nzone = UTC\ntarget = 99.9\ncolour = red\n", 4, 1,
     "not 'colour'"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[holidays]\n", 4, 2,
     "section of"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[hours\n", 4, 7, "']'"},
    {"[service]\nzone = UTC\ntarget 99.9\n", 3, 8, "'key = value'"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[service]\n", 4, 1, "once"},
    {"[service]\nzone = UTC\ntarget = 99.9\nnodata = maybe\n", 4, 10,
     "exclude, up or down"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[weights]\npartial = 150%\n", 5,
     11, "partial:"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[hours]\nmonday = 9-17\n", 5, 10,
     "HH:MM"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[hours]\nmonday = 18:00-09:00\n",
     5, 10, "close after"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[maintenance]\nrule = "
     "FREQ=HOURLY\n",
     5, 13, "rule:"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[maintenance]\nrule = "
     "FREQ=DAILY\n",
     4, 1, "'start'"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[maintenance]\nstart = "
     "2025-01-01T02:00\nend-time = 04:00\nduration = PT1H\n",
     4, 1, "not both"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[maintenance]\nstart = "
     "2025-01-01T02:00\nduration = P1M\n",
     6, 12, "exact duration"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[maintenance]\nics = "
     "/nonexistent.ics\n",
     4, 1, "/nonexistent.ics"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[exclusion]\nfrom = "
     "2025-01-01T00:00:00Z\n",
     4, 1, "'from' and 'to'"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[credit]\nbelow = 99%\n", 4, 1,
     "'credit'"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[exclusion]\nfrom = yesterday\n",
     5, 8, "from:"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[probes]\nconfirm = 0\n", 5,
     11, "confirm"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[probes]\ninterval = P1M\n", 5,
     12, "interval:"},
    {"[service]\nzone = UTC\ntarget = 99.9\ntarget = 99.99\n", 4, 1,
     "once"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[hours]\nmonday =\n", 5, 9,
     "HH:MM-HH:MM"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[hours]\nmonday = 09:00-12:00,"
     "\n", 5, 22, "after ','"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[maintenance]\nics = x.ics\n"
     "clamp = true\n", 4, 1, "either ics"},
    {"[service]\nzone = UTC\ntarget = 99.9\nname = a\x01 b\n", 4, 9,
     "control byte"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[incidents]\nrto = P1M\n", 5,
     7, "rto:"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[incidents]\nnotify = PT0S\n",
     5, 10, "notify:"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[incidents]\nupdate = PT1H\n",
     5, 1, "a key of [incidents], not 'update'"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[notice]\nmaintenance = "
     "P1M2D\n", 5, 15, "not both"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[notice]\nchange = soon\n", 5,
     10, "change:"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[notice]\nchange = PT0S\n", 5,
     10, "above zero"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[cadence]\npatch = monthly\n",
     5, 9, "day, week, month"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[cadence]\npatch = month\n"
     "PATCH = week\n", 6, 1, "once"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[notices]\n", 4, 2,
     "cadence or backups"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[notice]\na = P1M\n[notice]\n",
     6, 1, "expected [notice] once"},
    {"[service]\nzone = UTC\ntarget = 99.9\n[notice]\n"
     "maintenance = P768614336404564651Y\n", 5, 15, "up to 1000 years"},
};

START_TEST(service_file_errors)
{
    const struct bad *b = &bad_ini[_i];
    struct sla_service *s = (struct sla_service *)&s;
    struct sla_error err;
    int rc;
    memset(&err, 0x5a, sizeof err);
    rc = sla_service_parse(&s, b->text, strlen(b->text), NULL, NULL, &err);
    ck_assert_msg(rc != 0 && err.code == rc && err.line == b->line &&
                      err.column == b->column &&
                      strstr(err.message, b->needle) != NULL,
                  "case %d: rc %d, %d:%d '%s'; expected %d:%d '%s'", _i, rc,
                  (int)err.line, (int)err.column, err.message, (int)b->line,
                  (int)b->column, b->needle);
    ck_assert_ptr_eq(s, (struct sla_service *)&s);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("readers");
    TCase *tc = sla_tcase("readers");
    tcase_add_test(tc, outages_csv);
    tcase_add_test(tc, announcements_and_events_csv);
    tcase_add_test(tc, announcements_and_events_errors);
    tcase_add_test(tc, service_file_promises);
    tcase_add_loop_test(tc, outages_csv_errors, 0,
                        (int)(sizeof bad_csv / sizeof *bad_csv));
    tcase_add_test(tc, probes_csv);
    tcase_add_test(tc, incidents_csv);
    tcase_add_test(tc, service_file);
    tcase_add_loop_test(tc, service_file_errors, 0,
                        (int)(sizeof bad_ini / sizeof *bad_ini));
    suite_add_tcase(su, tc);
    return sla_run_suite(su);
}
