/* SPDX-License-Identifier: MIT */
/* Benchmark: recurring iCalendar events expanded to UTC instants, through
 * libsla (sla_ics_parse once, then an sla_schedule_iter per event) and
 * through libical 3.0 (icalparser_parse_string once, then per event an
 * icalrecur_iterator from DTSTART, EXDATEs through
 * icalproperty_recurrence_is_excluded and each occurrence converted to UTC
 * in the event's zone by icaltime_as_timet_with_zone), in one process, on
 * the same calendar and span. Parsing alone is timed too.
 *
 * The events start at 05:00-22:45 local, away from every daylight-saving
 * change of their zones, on a date their rule selects, in the part of the
 * RRULE language both libraries expand alike (tests/ics-libical.c lists
 * where libical 3.0 differs): both must give the same instants. */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libical/ical.h>

#include <sla.h>

#define NEVENTS 1000
#define YEARS 10
#define RUNS 3

static const char *const zone_names[] = {
    "UTC",           "Europe/Berlin",    "Europe/London",
    "Europe/Dublin", "America/New_York", "America/Los_Angeles",
    "America/Santiago", "America/Sao_Paulo", "America/St_Johns",
    "Australia/Sydney", "Australia/Lord_Howe", "Pacific/Auckland",
    "Pacific/Chatham", "Asia/Tokyo",   "Asia/Kolkata",
    "Asia/Kathmandu",  "Africa/Casablanca", "America/Phoenix",
};
#define NZONES ((int)(sizeof zone_names / sizeof zone_names[0]))

static const char *const wd_names[] = {"MO", "TU", "WE", "TH", "FR", "SA",
                                       "SU"};

/* ---- SplitMix64 --------------------------------------------------------- */

static uint64_t rng_state = UINT64_C(0xbe4c1ca1);

static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static int rnd(int lo, int hi)
{
    return lo + (int)(rng_next() % (uint64_t)(hi - lo + 1));
}

static int chance(int pct)
{
    return rnd(0, 99) < pct;
}

/* ---- the calendar ------------------------------------------------------- */

struct buf {
    char *s;
    size_t n, cap;
};

static void put(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void put(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    for (;;) {
        va_start(ap, fmt);
        n = vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
        va_end(ap);
        if (n >= 0 && (size_t)n < b->cap - b->n)
            break;
        b->cap = b->cap ? b->cap * 2 : 1 << 16;
        b->s = realloc(b->s, b->cap);
        if (!b->s) {
            fprintf(stderr, "out of memory\n");
            exit(99);
        }
    }
    b->n += (size_t)n;
}

static void fmt_civil(char *out, size_t size, const struct sla_civil *c)
{
    snprintf(out, size, "%04d%02d%02dT%02d%02d%02d", (int)c->year,
             (int)c->month, (int)c->day, (int)c->hour, (int)c->minute,
             (int)c->second);
}

/* A rule libical 3.0 and libsla read alike (no WEEKLY BYSETPOS, no
 * negative BYMONTHDAY with DAILY, YEARLY BYMONTHDAY only with BYMONTH). */
static void gen_rule(char *out, size_t size)
{
    int f = rnd(0, 99);
    size_t n;
    if (f < 15) {
        n = (size_t)snprintf(out, size, "FREQ=DAILY;INTERVAL=%d", rnd(1, 7));
        if (chance(30))
            snprintf(out + n, size - n, ";BYDAY=MO,TU,WE,TH,FR");
    } else if (f < 45) {
        int d = rnd(0, 4);
        n = (size_t)snprintf(out, size, "FREQ=WEEKLY;INTERVAL=%d;BYDAY=%s",
                             rnd(1, 2), wd_names[d]);
        if (chance(50))
            snprintf(out + n, size - n, ",%s", wd_names[rnd(d + 1, 6)]);
    } else if (f < 65) {
        snprintf(out, size, "FREQ=MONTHLY;BYMONTHDAY=%d", rnd(1, 28));
    } else if (f < 80) {
        int nth = chance(75) ? rnd(1, 4) : -1;
        snprintf(out, size, "FREQ=MONTHLY;BYDAY=%d%s", nth,
                 wd_names[rnd(0, 6)]);
    } else if (f < 90) {
        snprintf(out, size,
                 "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=%d",
                 chance(50) ? 1 : -1);
    } else {
        /* One rnd() an argument list: the order of arguments is open. */
        int m1 = rnd(1, 6), m2 = rnd(7, 12);
        snprintf(out, size, "FREQ=YEARLY;BYMONTH=%d,%d;BYMONTHDAY=%d", m1,
                 m2, rnd(1, 28));
    }
}

/* The calendar: NEVENTS events starting in 2016. */
static void make_calendar(struct buf *b)
{
    int i;
    put(b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
           "PRODID:-//libsla//bench-ics//EN\r\n");
    for (i = 0; i < NEVENTS; i++) {
        const char *zone = zone_names[rnd(0, NZONES - 1)];
        char rule[256], a[32], c[32];
        struct sla_civil start = {2016, 1, 1, 0, 0, 0, 0}, end, occ[40];
        struct sla_rrule *r;
        struct sla_rrule_iter *it;
        size_t nocc = 0;
        int64_t t;
        start.month = rnd(1, 12);
        start.day = rnd(1, 28);
        start.hour = rnd(5, 21);
        start.minute = 15 * rnd(0, 3);
        gen_rule(rule, sizeof rule);
        /* DTSTART on the rule's first date, where RFC 5545 wants it. */
        if (sla_rrule_parse(&r, rule, strlen(rule), NULL) == 0) {
            if (sla_rrule_iter_new(&it, r, &start, 0) == 0) {
                while (nocc < 40 && sla_rrule_iter_next(&occ[nocc], it) == 0)
                    nocc++;
                sla_rrule_iter_free(it);
            }
            sla_rrule_free(r);
        }
        if (nocc)
            start = occ[0];
        sla_civil_to_instant(&t, &start, 0);
        sla_civil_from_instant(&end, t + (int64_t)rnd(1, 8) * 15 * 60000, 0);
        if (end.hour >= 23 || end.day != start.day)
            end = start, end.hour = 23;
        fmt_civil(a, sizeof a, &start);
        fmt_civil(c, sizeof c, &end);
        put(b, "BEGIN:VEVENT\r\nUID:bench-%d@libsla\r\n"
               "DTSTAMP:20250101T000000Z\r\nSUMMARY:window %d\r\n"
               "DTSTART;TZID=%s:%s\r\nDTEND;TZID=%s:%s\r\n",
            i, i, zone, a, zone, c);
        if (chance(20))
            put(b, "RRULE:%s;COUNT=%d\r\n", rule, rnd(10, 200));
        else
            put(b, "RRULE:%s\r\n", rule);
        if (nocc > 2 && chance(25)) {
            fmt_civil(a, sizeof a, &occ[rnd(1, (int)nocc - 1)]);
            fmt_civil(c, sizeof c, &occ[rnd(1, (int)nocc - 1)]);
            put(b, "EXDATE;TZID=%s:%s,%s\r\n", zone, a, c);
        }
        put(b, "END:VEVENT\r\n");
    }
    put(b, "END:VCALENDAR\r\n");
}

/* ---- the two expansions ------------------------------------------------- */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static long sla_expand(const struct sla_ics *ics, int64_t from, int64_t to,
                       int64_t *sum)
{
    size_t i;
    long n = 0;
    for (i = 0; i < sla_ics_count(ics); i++) {
        struct sla_schedule_iter *it;
        struct sla_window w;
        if (sla_schedule_iter_new(&it, sla_ics_schedule(ics, i), from, to))
            return -1;
        while (sla_schedule_iter_next(&w, it) == 0) {
            *sum += w.start / 1000;
            n++;
        }
        sla_schedule_iter_free(it);
    }
    return n;
}

static long ical_expand(icalcomponent *cal, time_t from, time_t to,
                        int64_t *sum)
{
    icalcomponent *ev;
    long n = 0;
    for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
         ev; ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        struct icaltimetype ds = icalcomponent_get_dtstart(ev), t;
        icalproperty *p =
            icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
        int has_exdate =
            icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY) != NULL;
        icalrecur_iterator *it;
        if (!p || !ds.zone)
            return -1;
        it = icalrecur_iterator_new(icalproperty_get_rrule(p), ds);
        if (!it)
            continue;
        while (!icaltime_is_null_time(t = icalrecur_iterator_next(it))) {
            time_t u = icaltime_as_timet_with_zone(t, ds.zone);
            if (u >= to)
                break;
            if (u < from ||
                (has_exdate && icalproperty_recurrence_is_excluded(ev, &ds, &t)))
                continue;
            *sum += (int64_t)u;
            n++;
        }
        icalrecur_iterator_free(it);
    }
    return n;
}

int main(void)
{
    struct buf text = {NULL, 0, 0};
    struct sla_ics *ics = NULL;
    icalcomponent *cal = NULL;
    struct sla_error err;
    /* 2016-01-01T00:00Z to 2026-01-01T00:00Z */
    const int64_t from = INT64_C(1451606400000), to = INT64_C(1767225600000);
    double best_sla = 1e18, best_ical = 1e18, best_psla = 1e18,
           best_pical = 1e18;
    long occ_sla = 0, occ_ical = 0;
    int64_t sum_sla = 0, sum_ical = 0;
    int run;
    icalerror_set_errors_are_fatal(0);
    make_calendar(&text);
    for (run = 0; run < RUNS; run++) {
        double t0 = now_ms(), t1;
        sla_ics_free(ics);
        ics = NULL;
        if (sla_ics_parse(&ics, text.s, text.n, NULL, NULL, &err)) {
            printf("sla_ics_parse: %d:%d: %s\n", (int)err.line,
                   (int)err.column, err.message);
            return 1;
        }
        t1 = now_ms();
        if (t1 - t0 < best_psla)
            best_psla = t1 - t0;
        t0 = now_ms();
        if (cal)
            icalcomponent_free(cal);
        cal = icalparser_parse_string(text.s);
        if (!cal) {
            printf("icalparser_parse_string failed\n");
            return 1;
        }
        t1 = now_ms();
        if (t1 - t0 < best_pical)
            best_pical = t1 - t0;
    }
    /* libical loads each zone on first use; so does libsla's parser, so
     * both expansions start with their zones loaded. */
    sum_ical = 0;
    if (ical_expand(cal, (time_t)(from / 1000), (time_t)(from / 1000) + 1,
                    &sum_ical) < 0) {
        printf("libical found no zone or rule in an event\n");
        return 1;
    }
    for (run = 0; run < RUNS; run++) {
        double t0 = now_ms(), t1;
        sum_sla = 0;
        occ_sla = sla_expand(ics, from, to, &sum_sla);
        t1 = now_ms();
        if (t1 - t0 < best_sla)
            best_sla = t1 - t0;
        t0 = now_ms();
        sum_ical = 0;
        occ_ical =
            ical_expand(cal, (time_t)(from / 1000), (time_t)(to / 1000),
                        &sum_ical);
        t1 = now_ms();
        if (t1 - t0 < best_ical)
            best_ical = t1 - t0;
    }
    printf("workload: %d recurring VEVENTs (DAILY/WEEKLY/MONTHLY/YEARLY, "
           "BYDAY, BYMONTHDAY, BYSETPOS, COUNT, EXDATE) in %d zones, "
           "expanded to UTC start instants over %d years "
           "(2016-2025), %ld occurrences; %zu bytes of .ics; best of %d\n",
           NEVENTS, NZONES, YEARS, occ_sla, text.n, RUNS);
    printf("  libsla  sla_schedule_iter (start and end):          %8.1f ms, "
           "%6.2f million occurrences/s\n",
           best_sla, occ_sla / best_sla / 1e3);
    printf("  libical icalrecur_iterator + as_timet_with_zone:    %8.1f ms, "
           "%6.2f million occurrences/s\n",
           best_ical, occ_ical / best_ical / 1e3);
    printf("ratio (libical / libsla), expansion: %.1fx\n", best_ical / best_sla);
    printf("parse alone, the same %zu bytes: sla_ics_parse %.1f ms (zone "
           "files opened included), icalparser_parse_string %.1f ms (zones "
           "found later, at icalcomponent_get_dtstart); ratio (libical / "
           "libsla): %.1fx\n",
           text.n, best_psla, best_pical, best_pical / best_psla);
    printf("occurrences: libsla %ld, libical %ld; sum of start instants: "
           "%s\n",
           occ_sla, occ_ical,
           sum_sla == sum_ical ? "equal" : "DIFFERENT");
    sla_ics_free(ics);
    icalcomponent_free(cal);
    icaltimezone_free_builtin_timezones();
    free(text.s);
    return occ_sla == occ_ical && sum_sla == sum_ical ? 0 : 1;
}
