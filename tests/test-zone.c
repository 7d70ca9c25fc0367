/* SPDX-License-Identifier: MIT */
/* Time zones: the documented edge cases with exact instants, every source
 * of a zone (names, directories, POSIX strings, offsets, TZif bytes built
 * here, every TZif file of the system), the 400-year cycle, the ends of the
 * int64_t range, reference counting and argument checks.
 *
 * Every expected instant was computed independently with Python's
 * zoneinfo and datetime (tzdata 2025b in /usr/share/zoneinfo), e.g.
 *   python3 -c "import datetime as d, zoneinfo as z; print(int(d.datetime(
 *     2025,3,9,2,30,tzinfo=z.ZoneInfo('America/New_York')).timestamp()))"
 * prints 1741505400 (07:30Z, fold=0). POSIX strings were checked the same
 * way through a TZif file with no transitions and the string as footer
 * (ZoneInfo.from_file), and instants beyond year 9999 with the plain
 * proleptic Gregorian day count (days_from_civil). Whole windows of years
 * (oracle_rows) are folded into FNV-1a hashes by the same code in C and
 * in Python, so that thousands of transitions and local times are checked
 * against Python without listing them here.
 *
 * Probes that could crash or hang run in a child process, so that they
 * fail their own test and not the runner, which runs in-process
 * (CK_FORK=no) under valgrind and the sanitizers. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"

/* An assertion for hot loops: Check's own macros record a mark point on
 * every success, which is slow over many checks. */
#define CHECK(cond, ...)                                                      \
    do {                                                                      \
        if (!(cond))                                                          \
            ck_abort_msg(__VA_ARGS__);                                        \
    } while (0)

#define HOUR SLA_MS_PER_HOUR
#define MINUTE SLA_MS_PER_MINUTE
#define DAY SLA_MS_PER_DAY
#define CYCLE (INT64_C(146097) * SLA_MS_PER_DAY) /* 400 Gregorian years */
#define SYS_TZDIR "/usr/share/zoneinfo"
#define I64 "%" PRId64

#define UNIQUE SLA_LOCAL_UNIQUE
#define GAP SLA_LOCAL_GAP
#define FOLD SLA_LOCAL_FOLD

/* Loops shrink under valgrind (about 30 times slower). */
static int under_valgrind(void)
{
    const char *v = getenv("SLA_TEST_VALGRIND");
    return v && *v && strcmp(v, "0") != 0;
}

static struct sla_error fresh_error(void)
{
    struct sla_error e;
    memset(&e, 0, sizeof e);
    e.offset = -12345;
    return e;
}

static struct sla_zone *zone_named(const char *name, int line)
{
    struct sla_zone *z = NULL;
    struct sla_error err = fresh_error();
    int rc = sla_zone_from_name(&z, name, SYS_TZDIR, &err);
    CHECK(rc == 0 && z != NULL, "line %d: zone %s: rc %d (%s)", line, name,
          rc, err.message);
    return z;
}
#define ZONE(name) zone_named((name), __LINE__)

static struct sla_zone *zone_posix(const char *tz, int line)
{
    struct sla_zone *z = NULL;
    struct sla_error err = fresh_error();
    int rc = sla_zone_from_posix(&z, tz, strlen(tz), &err);
    CHECK(rc == 0 && z != NULL, "line %d: POSIX '%s': rc %d (%s at " I64 ")",
          line, tz, rc, err.message, err.offset);
    return z;
}
#define POSIX(tz) zone_posix((tz), __LINE__)

/* An IANA name or offset through sla_zone_open(), a POSIX string through
 * sla_zone_from_posix() (sla_zone_open() refuses those with a '/': see
 * open_posix_with_slash). */
static struct sla_zone *zone_any(const char *spec, int line)
{
    struct sla_zone *z = NULL;
    struct sla_error err = fresh_error();
    int rc = strchr(spec, ',') ? sla_zone_from_posix(&z, spec, strlen(spec),
                                                     &err)
                               : sla_zone_open(&z, spec, SYS_TZDIR, &err);
    CHECK(rc == 0 && z != NULL, "line %d: zone '%s': rc %d (%s)", line, spec,
          rc, err.message);
    return z;
}
#define ANY(spec) zone_any((spec), __LINE__)

static struct sla_civil civ(int y, int mo, int d, int h, int mi, int s, int ms)
{
    struct sla_civil c;
    c.year = y;
    c.month = mo;
    c.day = d;
    c.hour = h;
    c.minute = mi;
    c.second = s;
    c.millisecond = ms;
    return c;
}

static int civil_eq(const struct sla_civil *a, const struct sla_civil *b)
{
    return a->year == b->year && a->month == b->month && a->day == b->day &&
           a->hour == b->hour && a->minute == b->minute &&
           a->second == b->second && a->millisecond == b->millisecond;
}

#define CIV_FMT "%d-%02d-%02d %02d:%02d:%02d.%03d"
#define CIV_ARGS(c)                                                           \
    (int)(c).year, (int)(c).month, (int)(c).day, (int)(c).hour,               \
        (int)(c).minute, (int)(c).second, (int)(c).millisecond

/* All four disambiguation modes of one civil time: the candidates and the
 * kind never depend on the mode; compatible takes the later candidate of a
 * gap and the earlier of a fold; reject fails on both but still fills the
 * resolution, with the compatible choice. */
static void expect_resolve_at(const struct sla_zone *z, struct sla_civil c,
                              int kind, int64_t earlier, int64_t later,
                              int line)
{
    int32_t mode;
    for (mode = SLA_DISAMBIGUATE_COMPATIBLE; mode <= SLA_DISAMBIGUATE_REJECT;
         mode++) {
        struct sla_zone_resolution r;
        int64_t compat = kind == GAP ? later : earlier, want;
        int want_rc = 0, rc;
        memset(&r, 0x5a, sizeof r);
        rc = sla_zone_to_instant(&r, z, &c, mode);
        switch (mode) {
        case SLA_DISAMBIGUATE_EARLIER: want = earlier; break;
        case SLA_DISAMBIGUATE_LATER: want = later; break;
        case SLA_DISAMBIGUATE_REJECT:
            want = compat;
            if (kind != UNIQUE)
                want_rc = SLA_EAMBIGUOUS;
            break;
        default: want = compat; break;
        }
        CHECK(rc == want_rc && r.kind == kind && r.earlier == earlier &&
                  r.later == later && r.instant == want && r.reserved == 0,
              "line %d: %s " CIV_FMT " mode %d: rc %d kind %d earlier " I64
              " later " I64 " instant " I64 "; expected rc %d kind %d "
              "earlier " I64 " later " I64 " instant " I64,
              line, sla_zone_name(z), CIV_ARGS(c), (int)mode, rc,
              (int)r.kind, r.earlier, r.later, r.instant, want_rc, kind,
              earlier, later, want);
    }
}
#define RESOLVE(z, y, mo, d, h, mi, s, ms, kind, earlier, later)              \
    expect_resolve_at((z), civ((y), (mo), (d), (h), (mi), (s), (ms)),         \
                      (kind), (earlier), (later), __LINE__)

/* The period holding t, and the same offset from sla_zone_offset() and
 * sla_zone_to_civil(). */
static void expect_period_at(const struct sla_zone *z, int64_t t,
                             int64_t start, int64_t end, int64_t off,
                             int is_dst, const char *abbr, int line)
{
    struct sla_zone_period p;
    int64_t o = -1;
    int rc;
    memset(&p, 0x5a, sizeof p);
    rc = sla_zone_period_at(&p, z, t);
    CHECK(rc == 0 && p.start == start && p.end == end &&
              p.utc_offset_ms == off && p.is_dst == is_dst &&
              p.reserved == 0 && strcmp(p.abbreviation, abbr) == 0,
          "line %d: %s period at " I64 ": rc %d [" I64 ", " I64 ") off " I64
          " dst %d '%s'; expected [" I64 ", " I64 ") off " I64 " dst %d '%s'",
          line, sla_zone_name(z), t, rc, p.start, p.end, p.utc_offset_ms,
          (int)p.is_dst, p.abbreviation, start, end, off, is_dst, abbr);
    rc = sla_zone_offset(&o, z, t);
    CHECK(rc == 0 && o == off, "line %d: offset at " I64 " is " I64, line, t,
          o);
}
#define PERIOD(z, t, start, end, off, dst, abbr)                              \
    expect_period_at((z), (t), (start), (end), (off), (dst), (abbr), __LINE__)

static void expect_civil_at(const struct sla_zone *z, int64_t t,
                            struct sla_civil want, int64_t want_off, int line)
{
    struct sla_civil c;
    int64_t off = -1;
    int rc;
    memset(&c, 0x5a, sizeof c);
    rc = sla_zone_to_civil(&c, &off, z, t);
    CHECK(rc == 0 && civil_eq(&c, &want) && off == want_off,
          "line %d: %s at " I64 ": rc %d " CIV_FMT " off " I64
          "; expected " CIV_FMT " off " I64,
          line, sla_zone_name(z), t, rc, CIV_ARGS(c), off, CIV_ARGS(want),
          want_off);
    /* The offset output is optional. */
    rc = sla_zone_to_civil(&c, NULL, z, t);
    CHECK(rc == 0 && civil_eq(&c, &want), "line %d: to_civil without offset",
          line);
}
#define CIVIL(z, t, y, mo, d, h, mi, s, ms, off)                              \
    expect_civil_at((z), (t), civ((y), (mo), (d), (h), (mi), (s), (ms)),      \
                    (off), __LINE__)

static void expect_next_at(const struct sla_zone *z, int64_t t, int want_rc,
                           int64_t want, int line)
{
    int64_t n = -777;
    int rc = sla_zone_next_transition(&n, z, t);
    CHECK(rc == want_rc && (rc != 0 || n == want),
          "line %d: %s next after " I64 ": rc %d, " I64 "; expected rc %d, " I64,
          line, sla_zone_name(z), t, rc, n, want_rc, want);
}
#define NEXT(z, t, want) expect_next_at((z), (t), 0, (want), __LINE__)
#define NO_NEXT(z, t) expect_next_at((z), (t), SLA_ENOTFOUND, 0, __LINE__)

static void expect_prev_at(const struct sla_zone *z, int64_t t, int want_rc,
                           int64_t want, int line)
{
    int64_t n = -777;
    int rc = sla_zone_prev_transition(&n, z, t);
    CHECK(rc == want_rc && (rc != 0 || n == want),
          "line %d: %s prev before " I64 ": rc %d, " I64 "; expected rc %d, " I64,
          line, sla_zone_name(z), t, rc, n, want_rc, want);
}
#define PREV(z, t, want) expect_prev_at((z), (t), 0, (want), __LINE__)
#define NO_PREV(z, t) expect_prev_at((z), (t), SLA_ENOTFOUND, 0, __LINE__)

/* ------------------------------------------------------------------ */
/* The edge cases of the issue.                                        */

/* 2025-03-09 02:00 EST became 03:00 EDT at 07:00Z. */
START_TEST(ny_spring_forward)
{
    struct sla_zone *z = ZONE("America/New_York");
    const int64_t t = INT64_C(1741503600000); /* 2025-03-09T07:00Z */
    RESOLVE(z, 2025, 3, 9, 2, 30, 0, 0, GAP, INT64_C(1741501800000),
            INT64_C(1741505400000)); /* 06:30Z, 07:30Z */
    RESOLVE(z, 2025, 3, 9, 2, 0, 0, 0, GAP, INT64_C(1741500000000),
            INT64_C(1741503600000));
    RESOLVE(z, 2025, 3, 9, 2, 59, 59, 999, GAP, INT64_C(1741503599999),
            INT64_C(1741507199999));
    RESOLVE(z, 2025, 3, 9, 1, 59, 59, 999, UNIQUE, INT64_C(1741503599999),
            INT64_C(1741503599999));
    RESOLVE(z, 2025, 3, 9, 3, 0, 0, 0, UNIQUE, t, t);
    RESOLVE(z, 2025, 7, 4, 12, 0, 0, 0, UNIQUE, INT64_C(1751644800000),
            INT64_C(1751644800000)); /* 16:00Z */

    /* The reject mode fails and still says why. */
    {
        struct sla_zone_resolution r;
        struct sla_civil c = civ(2025, 3, 9, 2, 30, 0, 0);
        memset(&r, 0, sizeof r);
        ck_assert_int_eq(
            sla_zone_to_instant(&r, z, &c, SLA_DISAMBIGUATE_REJECT),
            SLA_EAMBIGUOUS);
        ck_assert_int_eq(r.kind, SLA_LOCAL_GAP);
        ck_assert_int_eq(r.earlier, INT64_C(1741501800000));
        ck_assert_int_eq(r.later, INT64_C(1741505400000));
        ck_assert_int_eq(r.instant, INT64_C(1741505400000));
    }

    PERIOD(z, t - 1, INT64_C(1730613600000), t, -5 * HOUR, 0, "EST");
    PERIOD(z, t, t, INT64_C(1762063200000), -4 * HOUR, 1, "EDT");
    CIVIL(z, t - 1, 2025, 3, 9, 1, 59, 59, 999, -5 * HOUR);
    CIVIL(z, t, 2025, 3, 9, 3, 0, 0, 0, -4 * HOUR);
    NEXT(z, t - 1, t);
    NEXT(z, t, INT64_C(1762063200000)); /* strictly after */
    PREV(z, t + 1, t);
    PREV(z, t, INT64_C(1730613600000)); /* strictly before */
    PREV(z, INT64_C(1730613600000), INT64_C(1710054000000));
    sla_zone_unref(z);
}
END_TEST

/* 2025-11-02 02:00 EDT became 01:00 EST at 06:00Z. */
START_TEST(ny_fall_back)
{
    struct sla_zone *z = ZONE("America/New_York");
    const int64_t t = INT64_C(1762063200000); /* 2025-11-02T06:00Z */
    RESOLVE(z, 2025, 11, 2, 1, 30, 0, 0, FOLD, INT64_C(1762061400000),
            INT64_C(1762065000000)); /* 05:30Z, 06:30Z */
    RESOLVE(z, 2025, 11, 2, 1, 0, 0, 0, FOLD, INT64_C(1762059600000), t);
    RESOLVE(z, 2025, 11, 2, 1, 59, 59, 999, FOLD, INT64_C(1762063199999),
            INT64_C(1762066799999));
    RESOLVE(z, 2025, 11, 2, 0, 59, 59, 999, UNIQUE, INT64_C(1762059599999),
            INT64_C(1762059599999));
    RESOLVE(z, 2025, 11, 2, 2, 0, 0, 0, UNIQUE, INT64_C(1762066800000),
            INT64_C(1762066800000));
    {
        struct sla_zone_resolution r;
        struct sla_civil c = civ(2025, 11, 2, 1, 30, 0, 0);
        ck_assert_int_eq(
            sla_zone_to_instant(&r, z, &c, SLA_DISAMBIGUATE_REJECT),
            SLA_EAMBIGUOUS);
        ck_assert_int_eq(r.kind, SLA_LOCAL_FOLD);
        ck_assert_int_eq(r.instant, INT64_C(1762061400000));
    }
    CIVIL(z, INT64_C(1762061400000), 2025, 11, 2, 1, 30, 0, 0, -4 * HOUR);
    CIVIL(z, INT64_C(1762065000000), 2025, 11, 2, 1, 30, 0, 0, -5 * HOUR);
    PERIOD(z, t - 1, INT64_C(1741503600000), t, -4 * HOUR, 1, "EDT");
    PERIOD(z, t, t, INT64_C(1772953200000), -5 * HOUR, 0, "EST");
    NEXT(z, INT64_C(1741503600000), t);
    PREV(z, INT64_C(1772953200000), t);
    sla_zone_unref(z);
}
END_TEST

/* Lord Howe Island: +10:30 standard, +11 DST: 30-minute gaps and folds. */
START_TEST(lord_howe_half_hour)
{
    struct sla_zone *z = ZONE("Australia/Lord_Howe");
    const int64_t back = INT64_C(1743865200000);  /* 2025-04-05T15:00Z */
    const int64_t fwd = INT64_C(1759591800000);   /* 2025-10-04T15:30Z */
    RESOLVE(z, 2025, 10, 5, 2, 15, 0, 0, GAP, INT64_C(1759590900000),
            INT64_C(1759592700000));
    RESOLVE(z, 2025, 10, 5, 2, 0, 0, 0, GAP, INT64_C(1759590000000), fwd);
    RESOLVE(z, 2025, 10, 5, 2, 30, 0, 0, UNIQUE, fwd, fwd);
    RESOLVE(z, 2025, 10, 5, 1, 59, 59, 999, UNIQUE, INT64_C(1759591799999),
            INT64_C(1759591799999));
    RESOLVE(z, 2025, 4, 6, 1, 45, 0, 0, FOLD, INT64_C(1743864300000),
            INT64_C(1743866100000));
    RESOLVE(z, 2025, 4, 6, 1, 30, 0, 0, FOLD, INT64_C(1743863400000), back);
    RESOLVE(z, 2025, 4, 6, 2, 0, 0, 0, UNIQUE, INT64_C(1743867000000),
            INT64_C(1743867000000));
    PERIOD(z, back - 1, INT64_C(1728142200000), back, 11 * HOUR, 1, "+11");
    PERIOD(z, back, back, fwd, 10 * HOUR + 30 * MINUTE, 0, "+1030");
    PERIOD(z, fwd, fwd, INT64_C(1775314800000), 11 * HOUR, 1, "+11");
    CIVIL(z, fwd - 1, 2025, 10, 5, 1, 59, 59, 999, 10 * HOUR + 30 * MINUTE);
    CIVIL(z, fwd, 2025, 10, 5, 2, 30, 0, 0, 11 * HOUR);
    CIVIL(z, back - 1, 2025, 4, 6, 1, 59, 59, 999, 11 * HOUR);
    CIVIL(z, back, 2025, 4, 6, 1, 30, 0, 0, 10 * HOUR + 30 * MINUTE);
    NEXT(z, back, fwd);
    PREV(z, fwd, back);
    sla_zone_unref(z);
}
END_TEST

/* Troll station: +00 in winter, +02 in summer: two-hour gaps and folds. */
START_TEST(troll_two_hours)
{
    struct sla_zone *z = ZONE("Antarctica/Troll");
    const int64_t fwd = INT64_C(1743296400000);  /* 2025-03-30T01:00Z */
    const int64_t back = INT64_C(1761440400000); /* 2025-10-26T01:00Z */
    RESOLVE(z, 2025, 3, 30, 1, 0, 0, 0, GAP, INT64_C(1743289200000), fwd);
    RESOLVE(z, 2025, 3, 30, 2, 0, 0, 0, GAP, INT64_C(1743292800000),
            INT64_C(1743300000000));
    RESOLVE(z, 2025, 3, 30, 3, 0, 0, 0, UNIQUE, fwd, fwd);
    RESOLVE(z, 2025, 3, 30, 0, 59, 59, 999, UNIQUE, fwd - 1, fwd - 1);
    RESOLVE(z, 2025, 10, 26, 1, 0, 0, 0, FOLD, INT64_C(1761433200000), back);
    RESOLVE(z, 2025, 10, 26, 2, 0, 0, 0, FOLD, INT64_C(1761436800000),
            INT64_C(1761444000000));
    RESOLVE(z, 2025, 10, 26, 2, 59, 59, 999, FOLD, INT64_C(1761440399999),
            INT64_C(1761447599999));
    RESOLVE(z, 2025, 10, 26, 3, 0, 0, 0, UNIQUE, INT64_C(1761447600000),
            INT64_C(1761447600000));
    PERIOD(z, fwd - 1, INT64_C(1729990800000), fwd, 0, 0, "+00");
    PERIOD(z, fwd, fwd, back, 2 * HOUR, 1, "+02");
    PERIOD(z, back, back, INT64_C(1774746000000), 0, 0, "+00");
    /* Before the station opened (2005-02-12): "-00", time type 0. */
    PERIOD(z, 0, INT64_MIN, INT64_C(1108166400000), 0, 0, "-00");
    CIVIL(z, fwd, 2025, 3, 30, 3, 0, 0, 0, 2 * HOUR);
    CIVIL(z, back, 2025, 10, 26, 1, 0, 0, 0, 0);
    sla_zone_unref(z);
}
END_TEST

/* Dublin's winter time is the flagged one (GMT, saving -1 h), its summer
 * time the standard one (IST, +01:00). Offsets are right regardless. */
START_TEST(dublin_negative_dst)
{
    struct sla_zone *z = ZONE("Europe/Dublin");
    const int64_t fwd = INT64_C(1743296400000);  /* 2025-03-30T01:00Z */
    const int64_t back = INT64_C(1761440400000); /* 2025-10-26T01:00Z */
    PERIOD(z, INT64_C(1736899200000) /* 2025-01-15 */, INT64_C(1729990800000),
           fwd, 0, 1, "GMT");
    PERIOD(z, INT64_C(1751328000000) /* 2025-07-01 */, fwd, back, HOUR, 0,
           "IST");
    PERIOD(z, back, back, INT64_C(1774746000000), 0, 1, "GMT");
    RESOLVE(z, 2025, 3, 30, 1, 30, 0, 0, GAP, INT64_C(1743294600000),
            INT64_C(1743298200000));
    RESOLVE(z, 2025, 10, 26, 1, 30, 0, 0, FOLD, INT64_C(1761438600000),
            INT64_C(1761442200000));
    CIVIL(z, INT64_C(1751328000000), 2025, 7, 1, 1, 0, 0, 0, HOUR);
    CIVIL(z, INT64_C(1736899200000), 2025, 1, 15, 0, 0, 0, 0, 0);
    sla_zone_unref(z);
}
END_TEST

/* São Paulo switched at midnight: 2018-11-04 00:00 did not exist. */
START_TEST(sao_paulo_midnight)
{
    struct sla_zone *z = ZONE("America/Sao_Paulo");
    const int64_t fwd = INT64_C(1541300400000); /* 2018-11-04T03:00Z */
    RESOLVE(z, 2018, 11, 4, 0, 0, 0, 0, GAP, INT64_C(1541296800000), fwd);
    RESOLVE(z, 2018, 11, 4, 0, 30, 0, 0, GAP, INT64_C(1541298600000),
            INT64_C(1541302200000));
    RESOLVE(z, 2018, 11, 4, 1, 0, 0, 0, UNIQUE, fwd, fwd);
    RESOLVE(z, 2018, 11, 3, 23, 59, 59, 999, UNIQUE, fwd - 1, fwd - 1);
    RESOLVE(z, 2019, 2, 16, 23, 30, 0, 0, FOLD, INT64_C(1550367000000),
            INT64_C(1550370600000));
    RESOLVE(z, 2019, 2, 17, 0, 0, 0, 0, UNIQUE, INT64_C(1550372400000),
            INT64_C(1550372400000));
    CIVIL(z, fwd - 1, 2018, 11, 3, 23, 59, 59, 999, -3 * HOUR);
    CIVIL(z, fwd, 2018, 11, 4, 1, 0, 0, 0, -2 * HOUR);
    /* No DST since 2019: the last period never ends. */
    PERIOD(z, INT64_C(1750000000000), INT64_C(1550368800000), INT64_MAX,
           -3 * HOUR, 0, "-03");
    NO_NEXT(z, INT64_C(1750000000000));
    PREV(z, INT64_C(1750000000000), INT64_C(1550368800000));
    sla_zone_unref(z);
}
END_TEST

/* Santiago changes at 24:00 on Saturdays, from the data and (2040) from
 * its footer <-04>4<-03>,M9.1.6/24,M4.1.6/24. */
START_TEST(santiago_midnight)
{
    struct sla_zone *z = ZONE("America/Santiago");
    RESOLVE(z, 2025, 9, 7, 0, 0, 0, 0, GAP, INT64_C(1757214000000),
            INT64_C(1757217600000));
    RESOLVE(z, 2025, 9, 7, 0, 30, 0, 0, GAP, INT64_C(1757215800000),
            INT64_C(1757219400000));
    RESOLVE(z, 2025, 9, 6, 23, 59, 0, 0, UNIQUE, INT64_C(1757217540000),
            INT64_C(1757217540000));
    RESOLVE(z, 2025, 4, 5, 23, 30, 0, 0, FOLD, INT64_C(1743906600000),
            INT64_C(1743910200000));
    RESOLVE(z, 2025, 4, 6, 0, 0, 0, 0, UNIQUE, INT64_C(1743912000000),
            INT64_C(1743912000000));
    RESOLVE(z, 2040, 9, 2, 0, 30, 0, 0, GAP, INT64_C(2230169400000),
            INT64_C(2230173000000));
    RESOLVE(z, 2040, 4, 7, 23, 30, 0, 0, FOLD, INT64_C(2217465000000),
            INT64_C(2217468600000));
    PERIOD(z, INT64_C(2220000000000), INT64_C(2217466800000),
           INT64_C(2230171200000), -4 * HOUR, 0, "-04");
    CIVIL(z, INT64_C(1757217600000), 2025, 9, 7, 1, 0, 0, 0, -3 * HOUR);
    CIVIL(z, INT64_C(1757217599999), 2025, 9, 6, 23, 59, 59, 999, -4 * HOUR);
    sla_zone_unref(z);
}
END_TEST

/* Samoa skipped 2011-12-30: 23:59:59 -10:00 on the 29th was followed by
 * 00:00:00 +14:00 on the 31st, at 2011-12-30T10:00Z. */
START_TEST(apia_skipped_day)
{
    struct sla_zone *z = ZONE("Pacific/Apia");
    const int64_t t = INT64_C(1325239200000);
    struct sla_civil c;
    int minute;
    for (minute = 0; minute < 24 * 60; minute++) {
        int64_t local;
        c = civ(2011, 12, 30, minute / 60, minute % 60, 0, 0);
        ck_assert_int_eq(sla_civil_to_instant(&local, &c, 0), 0);
        expect_resolve_at(z, c, GAP, local - 14 * HOUR, local + 10 * HOUR,
                          __LINE__);
    }
    RESOLVE(z, 2011, 12, 30, 0, 0, 0, 0, GAP, INT64_C(1325152800000), t);
    RESOLVE(z, 2011, 12, 30, 12, 0, 0, 0, GAP, INT64_C(1325196000000),
            INT64_C(1325282400000));
    RESOLVE(z, 2011, 12, 30, 23, 59, 59, 999, GAP, INT64_C(1325239199999),
            INT64_C(1325325599999));
    RESOLVE(z, 2011, 12, 29, 23, 59, 59, 0, UNIQUE, INT64_C(1325239199000),
            INT64_C(1325239199000));
    RESOLVE(z, 2011, 12, 29, 23, 59, 59, 999, UNIQUE, t - 1, t - 1);
    RESOLVE(z, 2011, 12, 31, 0, 0, 0, 0, UNIQUE, t, t);
    CIVIL(z, t - 1, 2011, 12, 29, 23, 59, 59, 999, -10 * HOUR);
    CIVIL(z, t, 2011, 12, 31, 0, 0, 0, 0, 14 * HOUR);
    PERIOD(z, t - 1, INT64_C(1316872800000), t, -10 * HOUR, 1, "-10");
    PERIOD(z, t, t, INT64_C(1333202400000), 14 * HOUR, 1, "+14");
    NEXT(z, INT64_C(1322697600000) /* 2011-12-01 */, t);
    NEXT(z, t - 1, t);
    PREV(z, t, INT64_C(1316872800000));
    PREV(z, t + 1, t);
    sla_zone_unref(z);
}
END_TEST

/* Tokyo's last transition was in 1951; its footer JST-9 governs for ever. */
START_TEST(tokyo_far_future)
{
    struct sla_zone *z = ZONE("Asia/Tokyo");
    const int64_t last = INT64_C(-577962000000); /* 1951-09-08T15:00Z */
    const int64_t y100000 = INT64_C(3093527980800000);
    struct sla_civil c;
    int64_t off;
    PERIOD(z, INT64_C(1750000000000), last, INT64_MAX, 9 * HOUR, 0, "JST");
    PERIOD(z, y100000, last, INT64_MAX, 9 * HOUR, 0, "JST");
    PERIOD(z, INT64_MAX - 1, last, INT64_MAX, 9 * HOUR, 0, "JST");
    NO_NEXT(z, last);
    NO_NEXT(z, INT64_C(1750000000000));
    PREV(z, INT64_MAX - 1, last);
    PREV(z, y100000, last);
    /* Time type 0 (LMT +09:18:59) before the first transition. */
    PERIOD(z, INT64_MIN, INT64_MIN, INT64_C(-2587712400000),
           INT64_C(33539000), 0, "LMT");
    NEXT(z, INT64_MIN, INT64_C(-2587712400000));
    NO_PREV(z, INT64_C(-2587712400000));
    CIVIL(z, INT64_C(1600966800000), 2020, 9, 25, 2, 0, 0, 0, 9 * HOUR);
    CIVIL(z, y100000 - 9 * HOUR, 100000, 1, 1, 0, 0, 0, 0, 9 * HOUR);
    RESOLVE(z, 100000, 1, 1, 0, 0, 0, 0, UNIQUE, y100000 - 9 * HOUR,
            y100000 - 9 * HOUR);
    RESOLVE(z, 9999, 12, 31, 8, 59, 59, 0, UNIQUE, INT64_C(253402214399000),
            INT64_C(253402214399000));
    /* 292278994-08-17T07:12:55.807Z is INT64_MAX: at +09:00 the readings
     * of the last 9 hours are past the range. (INT64_MAX itself: see
     * at_int64_max.) */
    CIVIL(z, INT64_MAX - 9 * HOUR, 292278994, 8, 17, 7, 12, 55, 807,
          9 * HOUR);
    ck_assert_int_eq(sla_zone_to_civil(&c, &off, z, INT64_MAX - 9 * HOUR + 1),
                     SLA_EOVERFLOW);
    ck_assert_int_eq(sla_zone_to_civil(&c, &off, z, INT64_MAX - 1),
                     SLA_EOVERFLOW);
    ck_assert_int_eq(sla_zone_offset(&off, z, INT64_MAX - 1), 0);
    ck_assert_int_eq(off, 9 * HOUR);
    /* INT64_MIN is -292275055-05-16T16:47:04.192Z; LMT is ahead of UTC. */
    CIVIL(z, INT64_MIN, -292275055, 5, 17, 2, 6, 3, 192, INT64_C(33539000));
    RESOLVE(z, 292278994, 8, 17, 7, 12, 55, 807, UNIQUE,
            INT64_MAX - 9 * HOUR, INT64_MAX - 9 * HOUR);
    sla_zone_unref(z);
}
END_TEST

/* After 2037 these zones come from their footers: Nuuk's
 * <-02>2<-01>,M3.5.0/-1,M10.5.0/0 (negative transition time) and
 * Jerusalem's IST-2IDT,M3.4.4/26,M10.5.0 (26:00 on Thursday), expanded up
 * to 2370 and then repeated every 400 years. */
struct year_transitions {
    const char *zone;
    int year;
    int64_t t0, dst_start, dst_end; /* Jan 1, and the two changes */
    int64_t std_off, dst_off;
    const char *std_abbr, *dst_abbr;
};

static const struct year_transitions footer_years[] = {
    {"America/Nuuk", 2040, INT64_C(2208988800000), INT64_C(2216250000000),
     INT64_C(2234998800000), -2 * HOUR, -1 * HOUR, "-02", "-01"},
    {"America/Nuuk", 2400, INT64_C(13569465600000), INT64_C(13576813200000),
     INT64_C(13595562000000), -2 * HOUR, -1 * HOUR, "-02", "-01"},
    {"America/Nuuk", 9000, INT64_C(221845392000000),
     INT64_C(221852998800000), INT64_C(221871142800000), -2 * HOUR,
     -1 * HOUR, "-02", "-01"},
    {"America/Nuuk", 9999, INT64_C(253370764800000),
     INT64_C(253378198800000), INT64_C(253396947600000), -2 * HOUR,
     -1 * HOUR, "-02", "-01"},
    {"Asia/Jerusalem", 2040, INT64_C(2208988800000), INT64_C(2216073600000),
     INT64_C(2234991600000), 2 * HOUR, 3 * HOUR, "IST", "IDT"},
    {"Asia/Jerusalem", 2400, INT64_C(13569465600000),
     INT64_C(13576636800000), INT64_C(13595554800000), 2 * HOUR, 3 * HOUR,
     "IST", "IDT"},
    {"Asia/Jerusalem", 9000, INT64_C(221845392000000),
     INT64_C(221852822400000), INT64_C(221871135600000), 2 * HOUR,
     3 * HOUR, "IST", "IDT"},
    {"Asia/Jerusalem", 9999, INT64_C(253370764800000),
     INT64_C(253378022400000), INT64_C(253396940400000), 2 * HOUR,
     3 * HOUR, "IST", "IDT"},
    {"America/New_York", 2040, INT64_C(2208988800000),
     INT64_C(2215062000000), INT64_C(2235621600000), -5 * HOUR, -4 * HOUR,
     "EST", "EDT"},
    {"America/New_York", 2400, INT64_C(13569465600000),
     INT64_C(13575625200000), INT64_C(13596184800000), -5 * HOUR,
     -4 * HOUR, "EST", "EDT"},
    {"America/New_York", 9000, INT64_C(221845392000000),
     INT64_C(221851206000000), INT64_C(221871765600000), -5 * HOUR,
     -4 * HOUR, "EST", "EDT"},
    {"America/New_York", 9999, INT64_C(253370764800000),
     INT64_C(253377010800000), INT64_C(253397570400000), -5 * HOUR,
     -4 * HOUR, "EST", "EDT"},
};

START_TEST(footer_future)
{
    size_t i;
    for (i = 0; i < sizeof footer_years / sizeof footer_years[0]; i++) {
        const struct year_transitions *y = &footer_years[i];
        struct sla_zone *z = ZONE(y->zone);
        int64_t n = 0;
        /* The two changes of the year, and nothing in between. */
        ck_assert_int_eq(sla_zone_next_transition(&n, z, y->t0), 0);
        CHECK(n == y->dst_start, "%s %d: DST starts at " I64 ", expected " I64,
              y->zone, y->year, n, y->dst_start);
        ck_assert_int_eq(sla_zone_next_transition(&n, z, n), 0);
        CHECK(n == y->dst_end, "%s %d: DST ends at " I64 ", expected " I64,
              y->zone, y->year, n, y->dst_end);
        PREV(z, y->dst_end, y->dst_start);
        PERIOD(z, y->dst_start, y->dst_start, y->dst_end, y->dst_off, 1,
               y->dst_abbr);
        PERIOD(z, y->dst_end - 1, y->dst_start, y->dst_end, y->dst_off, 1,
               y->dst_abbr);
        {
            struct sla_zone_period p;
            ck_assert_int_eq(sla_zone_period_at(&p, z, y->dst_end), 0);
            CHECK(p.start == y->dst_end && p.utc_offset_ms == y->std_off &&
                      p.is_dst == 0 && strcmp(p.abbreviation, y->std_abbr) == 0,
                  "%s %d: standard period after " I64, y->zone, y->year,
                  y->dst_end);
            ck_assert_int_eq(sla_zone_period_at(&p, z, y->dst_start - 1), 0);
            CHECK(p.end == y->dst_start && p.utc_offset_ms == y->std_off &&
                      p.is_dst == 0,
                  "%s %d: standard period before " I64, y->zone, y->year,
                  y->dst_start);
        }
        sla_zone_unref(z);
    }
}
END_TEST

/* Gaps and folds from the footers, against Python. */
START_TEST(footer_future_civil)
{
    struct sla_zone *nuuk = ZONE("America/Nuuk");
    struct sla_zone *jer = ZONE("Asia/Jerusalem");
    struct sla_zone *ny = ZONE("America/New_York");
    RESOLVE(nuuk, 2040, 3, 24, 23, 30, 0, 0, GAP, INT64_C(2216248200000),
            INT64_C(2216251800000));
    RESOLVE(nuuk, 2040, 3, 25, 0, 30, 0, 0, UNIQUE, INT64_C(2216251800000),
            INT64_C(2216251800000));
    RESOLVE(nuuk, 2040, 10, 27, 23, 30, 0, 0, FOLD, INT64_C(2234997000000),
            INT64_C(2235000600000));
    RESOLVE(jer, 2040, 3, 23, 2, 30, 0, 0, GAP, INT64_C(2216071800000),
            INT64_C(2216075400000));
    RESOLVE(jer, 2040, 10, 28, 1, 30, 0, 0, FOLD, INT64_C(2234989800000),
            INT64_C(2234993400000));
    RESOLVE(ny, 2400, 3, 12, 2, 30, 0, 0, GAP, INT64_C(13575623400000),
            INT64_C(13575627000000));
    RESOLVE(ny, 9000, 3, 9, 2, 30, 0, 0, GAP, INT64_C(221851204200000),
            INT64_C(221851207800000));
    RESOLVE(ny, 9000, 11, 2, 1, 30, 0, 0, FOLD, INT64_C(221871763800000),
            INT64_C(221871767400000));
    RESOLVE(ny, 9000, 3, 12, 2, 30, 0, 0, UNIQUE, INT64_C(221851463400000),
            INT64_C(221851463400000));
    sla_zone_unref(nuuk);
    sla_zone_unref(jer);
    sla_zone_unref(ny);
}
END_TEST

/* The Gregorian calendar repeats every 400 years, and so does a POSIX
 * rule: the transitions of 2040 + 400 k are those of 2040 shifted by k
 * cycles, as far as int64_t milliseconds reach (year 292,278,994). POSIX
 * zones repeat backwards too. */
START_TEST(cycle_repeats)
{
    static const int64_t ks[] = {1, 2, 3, 10, 1000, 123457, 700000, 730000};
    struct sla_zone *zones[3];
    size_t i, j;
    zones[0] = ZONE("America/New_York");
    zones[1] = ZONE("Asia/Jerusalem");
    zones[2] = POSIX("EST5EDT,M3.2.0,M11.1.0");
    for (i = 0; i < 3; i++) {
        int64_t base[4], t = INT64_C(2208988800000), n; /* 2040-01-01 */
        int k;
        for (k = 0; k < 4; k++) {
            ck_assert_int_eq(sla_zone_next_transition(&n, zones[i], t), 0);
            base[k] = t = n;
        }
        for (j = 0; j < sizeof ks / sizeof ks[0]; j++) {
            int64_t shift = ks[j] * CYCLE;
            t = INT64_C(2208988800000) + shift;
            for (k = 0; k < 4; k++) {
                int rc = sla_zone_next_transition(&n, zones[i], t);
                CHECK(rc == 0 && n == base[k] + shift,
                      "%s: transition %d of 2040 + 400 * " I64 ": rc %d " I64
                      ", expected " I64,
                      sla_zone_name(zones[i]), k, ks[j], rc, n,
                      base[k] + shift);
                t = n;
                PREV(zones[i], base[k] + shift + 1, base[k] + shift);
            }
            if (i == 2) {
                /* Backwards, for a zone that is all rule. */
                t = INT64_C(2208988800000) - shift;
                for (k = 0; k < 4; k++) {
                    int rc = sla_zone_next_transition(&n, zones[i], t);
                    CHECK(rc == 0 && n == base[k] - shift,
                          "POSIX: transition %d of 2040 - 400 * " I64
                          ": rc %d " I64 ", expected " I64,
                          k, ks[j], rc, n, base[k] - shift);
                    t = n;
                }
            }
        }
    }
    for (i = 0; i < 3; i++)
        sla_zone_unref(zones[i]);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Whole ranges against Python: every transition in a window (instant,   */
/* (2360-2380 holds the seam where the fat files' zones pass from their */
/* expanded table to the repeated 400-year cycle, on 2370-01-01.)       */
/* offset, flag, abbreviation) and the resolution of local times around */
/* each of them, folded into FNV-1a hashes by the same code in Python.  */

#define SRC_NAME 0
#define SRC_POSIX 1

struct oracle_row {
    int source;
    const char *spec;
    int64_t t0, t1;  /* transitions in (t0, t1) */
    int count;
    int64_t first, last;
    uint64_t hash;
    int locals, gaps, folds;
    uint64_t resolve_hash;
};

static const struct oracle_row oracle_rows[] = {
    {SRC_NAME, "America/New_York", INT64_C(-3786825600000), INT64_C(4102444800000), 360, INT64_C(-2717650800000), INT64_C(4097196000000), UINT64_C(0x9d7522f1e3202209), 6112, 1074, 1077, UINT64_C(0x09d52ade546e7c32)}, /* America/New_York 1850-2100 */
    {SRC_NAME, "America/New_York", INT64_C(12307161600000), INT64_C(12938313600000), 40, INT64_C(12313407600000), INT64_C(12933324000000), UINT64_C(0x3c507484c5f83ea3), 680, 120, 120, UINT64_C(0x10dd92a0535b961e)}, /* America/New_York 2360-2380 */
    {SRC_NAME, "Europe/Dublin", INT64_C(12307161600000), INT64_C(12938313600000), 40, INT64_C(12314595600000), INT64_C(12932701200000), UINT64_C(0x87f0ae0b83dcc331), 680, 120, 120, UINT64_C(0x7ddb25bc5ce54e51)}, /* Europe/Dublin 2360-2380 */
    {SRC_NAME, "Australia/Lord_Howe", INT64_C(12307161600000), INT64_C(12938313600000), 40, INT64_C(12315164400000), INT64_C(12930852600000), UINT64_C(0xe8b1a4069169011e), 600, 80, 80, UINT64_C(0xc861ed689550c821)}, /* Australia/Lord_Howe 2360-2380 */
    {SRC_NAME, "Antarctica/Troll", INT64_C(12307161600000), INT64_C(12938313600000), 40, INT64_C(12314595600000), INT64_C(12932701200000), UINT64_C(0x13a136edf5fc3d85), 840, 200, 200, UINT64_C(0x459acc28dde7ff87)}, /* Antarctica/Troll 2360-2380 */
    {SRC_NAME, "America/Santiago", INT64_C(12307161600000), INT64_C(12938313600000), 40, INT64_C(12315207600000), INT64_C(12927873600000), UINT64_C(0x68a243a980f58e44), 680, 120, 120, UINT64_C(0x32a8244c35d542db)}, /* America/Santiago 2360-2380 */
    {SRC_NAME, "America/Nuuk", INT64_C(12307161600000), INT64_C(12938313600000), 40, INT64_C(12314595600000), INT64_C(12932701200000), UINT64_C(0x4081e867b847c2ad), 680, 120, 120, UINT64_C(0x8cebafa73d118dda)}, /* America/Nuuk 2360-2380 */
    {SRC_NAME, "Asia/Jerusalem", INT64_C(12307161600000), INT64_C(12938313600000), 40, INT64_C(12314419200000), INT64_C(12932694000000), UINT64_C(0x18e89f97a559c7af), 680, 120, 120, UINT64_C(0x94a66be8aae14ebe)}, /* Asia/Jerusalem 2360-2380 */
    {SRC_NAME, "Europe/London", INT64_C(12307161600000), INT64_C(12938313600000), 40, INT64_C(12314595600000), INT64_C(12932701200000), UINT64_C(0xc5eb2321490157e5), 680, 120, 120, UINT64_C(0x7ddb25bc5ce54e51)}, /* Europe/London 2360-2380 */
    {SRC_NAME, "America/New_York", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13259919600000), INT64_C(13879836000000), UINT64_C(0xf78dc0dc35539a56), 680, 120, 120, UINT64_C(0x327cbcdd4ef3eba7)}, /* America/New_York 2390-2410 */
    {SRC_NAME, "America/New_York", INT64_C(221529859200000), INT64_C(222160924800000), 40, INT64_C(221536105200000), INT64_C(222156021600000), UINT64_C(0xd84ce2a0ed9946e3), 680, 120, 120, UINT64_C(0x1d3fa43b661183f3)}, /* America/New_York 8990-9010 */
    {SRC_NAME, "America/New_York", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253092754800000), INT64_C(253397570400000), UINT64_C(0xb6318e81ecf8ac2d), 340, 60, 60, UINT64_C(0x03fa43ab8617797d)}, /* America/New_York 9990-10000 */
    {SRC_NAME, "Europe/Dublin", INT64_C(-3786825600000), INT64_C(4102444800000), 352, INT64_C(-2821649679000), INT64_C(4096573200000), UINT64_C(0xff6ef395aea7ad2f), 5974, 1050, 1049, UINT64_C(0x9b895e2425468b6a)}, /* Europe/Dublin 1850-2100 */
    {SRC_NAME, "Europe/Dublin", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13261107600000), INT64_C(13879213200000), UINT64_C(0x97df1c9a6eea95f4), 680, 120, 120, UINT64_C(0x76b8c6f228f35fd3)}, /* Europe/Dublin 2390-2410 */
    {SRC_NAME, "Europe/Dublin", INT64_C(221529859200000), INT64_C(222160924800000), 40, INT64_C(221537293200000), INT64_C(222155398800000), UINT64_C(0x85be7d0662188c26), 680, 120, 120, UINT64_C(0x9d4b545b68ca0d3e)}, /* Europe/Dublin 8990-9010 */
    {SRC_NAME, "Europe/Dublin", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253093942800000), INT64_C(253396947600000), UINT64_C(0x6555b6a292683675), 340, 60, 60, UINT64_C(0xdc37fc69ab45ccae)}, /* Europe/Dublin 9990-10000 */
    {SRC_NAME, "Australia/Lord_Howe", INT64_C(-3786825600000), INT64_C(4102444800000), 239, INT64_C(-2364114980000), INT64_C(4094724600000), UINT64_C(0x0e1381b5b5d255f7), 3601, 488, 485, UINT64_C(0x86ec2c60a0e39034)}, /* Australia/Lord_Howe 1850-2100 */
    {SRC_NAME, "Australia/Lord_Howe", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13261676400000), INT64_C(13877364600000), UINT64_C(0xfb3a888dc76d1a71), 600, 80, 80, UINT64_C(0xe0d926f44033de98)}, /* Australia/Lord_Howe 2390-2410 */
    {SRC_NAME, "Australia/Lord_Howe", INT64_C(221529859200000), INT64_C(222160924800000), 40, INT64_C(221537862000000), INT64_C(222152945400000), UINT64_C(0x08da0a1b29fd1c0c), 600, 80, 80, UINT64_C(0xc74a765311290add)}, /* Australia/Lord_Howe 8990-9010 */
    {SRC_NAME, "Australia/Lord_Howe", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253094511600000), INT64_C(253394494200000), UINT64_C(0xb1b3debf95513dd8), 300, 40, 40, UINT64_C(0xa36626e5264bec28)}, /* Australia/Lord_Howe 9990-10000 */
    {SRC_NAME, "Antarctica/Troll", INT64_C(-3786825600000), INT64_C(4102444800000), 191, INT64_C(1108166400000), INT64_C(4096573200000), UINT64_C(0xb8bbc2a72cf63cb7), 4003, 950, 950, UINT64_C(0x37e76df97a08f176)}, /* Antarctica/Troll 1850-2100 */
    {SRC_NAME, "Antarctica/Troll", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13261107600000), INT64_C(13879213200000), UINT64_C(0xd722aa8eff670c38), 840, 200, 200, UINT64_C(0x4c2e9d73183a59f5)}, /* Antarctica/Troll 2390-2410 */
    {SRC_NAME, "Antarctica/Troll", INT64_C(221529859200000), INT64_C(222160924800000), 40, INT64_C(221537293200000), INT64_C(222155398800000), UINT64_C(0xcefa816f58ba0af6), 840, 200, 200, UINT64_C(0xaae5f01cc1d5558c)}, /* Antarctica/Troll 8990-9010 */
    {SRC_NAME, "Antarctica/Troll", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253093942800000), INT64_C(253396947600000), UINT64_C(0x8b5813eef2b5c2bd), 420, 100, 100, UINT64_C(0xfeb4f86f73b92ef2)}, /* Antarctica/Troll 9990-10000 */
    {SRC_NAME, "America/Sao_Paulo", INT64_C(-3786825600000), INT64_C(4102444800000), 91, INT64_C(-1767214412000), INT64_C(1550368800000), UINT64_C(0x31da6ac2ca1f99cb), 1543, 273, 270, UINT64_C(0xc6f4eb0c1945159c)}, /* America/Sao_Paulo 1850-2100 */
    {SRC_NAME, "America/Sao_Paulo", INT64_C(13253932800000), INT64_C(13885084800000), 0, INT64_C(0), INT64_C(0), UINT64_C(0xcbf29ce484222325), 0, 0, 0, UINT64_C(0xcbf29ce484222325)}, /* America/Sao_Paulo 2390-2410 */
    {SRC_NAME, "America/Santiago", INT64_C(-3786825600000), INT64_C(4102444800000), 283, INT64_C(-2524504635000), INT64_C(4092350400000), UINT64_C(0x4c65f3df158ea154), 4795, 848, 837, UINT64_C(0xd655dc11bb092042)}, /* America/Santiago 1850-2100 */
    {SRC_NAME, "America/Santiago", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13262324400000), INT64_C(13874990400000), UINT64_C(0xc7c1e9d3d199baae), 680, 120, 120, UINT64_C(0xb501c1a52c16dd3f)}, /* America/Santiago 2390-2410 */
    {SRC_NAME, "America/Santiago", INT64_C(221529859200000), INT64_C(222160924800000), 40, INT64_C(221537905200000), INT64_C(222150571200000), UINT64_C(0x895604602cae02bd), 680, 120, 120, UINT64_C(0xf5a8c39a7af68ca8)}, /* America/Santiago 8990-9010 */
    {SRC_NAME, "America/Santiago", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253095159600000), INT64_C(253392120000000), UINT64_C(0x4db88874f84419f0), 340, 60, 60, UINT64_C(0x1b4982c9122ce1a7)}, /* America/Santiago 9990-10000 */
    {SRC_NAME, "Pacific/Apia", INT64_C(-3786825600000), INT64_C(4102444800000), 26, INT64_C(-2445424384000), INT64_C(1617458400000), UINT64_C(0xf1808f3a68731e30), 620, 168, 167, UINT64_C(0xdd51f3501e037a33)}, /* Pacific/Apia 1850-2100 */
    {SRC_NAME, "Pacific/Apia", INT64_C(253086768000000), INT64_C(253402214400000), 0, INT64_C(0), INT64_C(0), UINT64_C(0xcbf29ce484222325), 0, 0, 0, UINT64_C(0xcbf29ce484222325)}, /* Pacific/Apia 9990-10000 */
    {SRC_NAME, "America/Nuuk", INT64_C(-3786825600000), INT64_C(4102444800000), 240, INT64_C(-1686083584000), INT64_C(4096573200000), UINT64_C(0xead08a4236e12369), 4077, 724, 714, UINT64_C(0xcd26dc5d1a1779c2)}, /* America/Nuuk 1850-2100 */
    {SRC_NAME, "America/Nuuk", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13261107600000), INT64_C(13879213200000), UINT64_C(0x6d94366155f1adf4), 680, 120, 120, UINT64_C(0x5280f7ef19115b01)}, /* America/Nuuk 2390-2410 */
    {SRC_NAME, "America/Nuuk", INT64_C(221529859200000), INT64_C(222160924800000), 40, INT64_C(221537293200000), INT64_C(222155398800000), UINT64_C(0xf446152528e5a4a6), 680, 120, 120, UINT64_C(0xcef0300b6e3a9374)}, /* America/Nuuk 8990-9010 */
    {SRC_NAME, "America/Nuuk", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253093942800000), INT64_C(253396947600000), UINT64_C(0xf579f5e719668709), 340, 60, 60, UINT64_C(0xe15ef4d2e6b20118)}, /* America/Nuuk 9990-10000 */
    {SRC_NAME, "Asia/Jerusalem", INT64_C(-3786825600000), INT64_C(4102444800000), 273, INT64_C(-2840149254000), INT64_C(4096566000000), UINT64_C(0x8175f1a6bf5d3d80), 4638, 814, 823, UINT64_C(0xadc02f54536f2f1e)}, /* Asia/Jerusalem 1850-2100 */
    {SRC_NAME, "Asia/Jerusalem", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13260931200000), INT64_C(13879206000000), UINT64_C(0xc3bedb2e59de45ea), 680, 120, 120, UINT64_C(0x791664fb95f4bdea)}, /* Asia/Jerusalem 2390-2410 */
    {SRC_NAME, "Asia/Jerusalem", INT64_C(221529859200000), INT64_C(222160924800000), 40, INT64_C(221537116800000), INT64_C(222155391600000), UINT64_C(0x785d9cb38856ee1f), 680, 120, 120, UINT64_C(0xf6b2eab20c9e0cc9)}, /* Asia/Jerusalem 8990-9010 */
    {SRC_NAME, "Asia/Jerusalem", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253093766400000), INT64_C(253396940400000), UINT64_C(0x96ed49d1aa9fdf31), 340, 60, 60, UINT64_C(0x25f860d3385f367f)}, /* Asia/Jerusalem 9990-10000 */
    {SRC_NAME, "Asia/Tokyo", INT64_C(-3786825600000), INT64_C(4102444800000), 9, INT64_C(-2587712400000), INT64_C(-577962000000), UINT64_C(0x611e72d978c18b76), 150, 24, 28, UINT64_C(0x644a417a9c3b2633)}, /* Asia/Tokyo 1850-2100 */
    {SRC_NAME, "Asia/Tokyo", INT64_C(253086768000000), INT64_C(253402214400000), 0, INT64_C(0), INT64_C(0), UINT64_C(0xcbf29ce484222325), 0, 0, 0, UINT64_C(0xcbf29ce484222325)}, /* Asia/Tokyo 9990-10000 */
    {SRC_NAME, "Africa/Casablanca", INT64_C(-3786825600000), INT64_C(4102444800000), 197, INT64_C(-1773012580000), INT64_C(3703456800000), UINT64_C(0xa51b84b379af3920), 3343, 593, 582, UINT64_C(0xfe15ec46b55cc8a8)}, /* Africa/Casablanca 1850-2100 */
    {SRC_NAME, "Africa/Casablanca", INT64_C(13253932800000), INT64_C(13885084800000), 0, INT64_C(0), INT64_C(0), UINT64_C(0xcbf29ce484222325), 0, 0, 0, UINT64_C(0xcbf29ce484222325)}, /* Africa/Casablanca 2390-2410 */
    {SRC_NAME, "Europe/London", INT64_C(-3786825600000), INT64_C(4102444800000), 365, INT64_C(-1691964000000), INT64_C(4096573200000), UINT64_C(0x298df49ec7f9aae0), 6201, 1092, 1092, UINT64_C(0x25c21fa9912eb75d)}, /* Europe/London 1850-2100 */
    {SRC_NAME, "Europe/London", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13261107600000), INT64_C(13879213200000), UINT64_C(0x82f8662ef0709d90), 680, 120, 120, UINT64_C(0x76b8c6f228f35fd3)}, /* Europe/London 2390-2410 */
    {SRC_NAME, "Europe/London", INT64_C(221529859200000), INT64_C(222160924800000), 40, INT64_C(221537293200000), INT64_C(222155398800000), UINT64_C(0xdd27f03bd5436742), 680, 120, 120, UINT64_C(0x9d4b545b68ca0d3e)}, /* Europe/London 8990-9010 */
    {SRC_NAME, "Europe/London", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253093942800000), INT64_C(253396947600000), UINT64_C(0x97a487268328e26d), 340, 60, 60, UINT64_C(0xdc37fc69ab45ccae)}, /* Europe/London 9990-10000 */
    {SRC_POSIX, "EST5EDT,M3.2.0,M11.1.0", INT64_C(-2208988800000), INT64_C(4102444800000), 400, INT64_C(-2203002000000), INT64_C(4097196000000), UINT64_C(0xdb0dc4b32699eda8), 6800, 1200, 1200, UINT64_C(0x66cb93fe524ef8d3)}, /* EST5EDT,M3.2.0,M11.1.0 1900-2100 */
    {SRC_POSIX, "EST5EDT,M3.2.0,M11.1.0", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13259919600000), INT64_C(13879836000000), UINT64_C(0xf78dc0dc35539a56), 680, 120, 120, UINT64_C(0x327cbcdd4ef3eba7)}, /* EST5EDT,M3.2.0,M11.1.0 2390-2410 */
    {SRC_POSIX, "EST5EDT,M3.2.0,M11.1.0", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253092754800000), INT64_C(253397570400000), UINT64_C(0xb6318e81ecf8ac2d), 340, 60, 60, UINT64_C(0x03fa43ab8617797d)}, /* EST5EDT,M3.2.0,M11.1.0 9990-10000 */
    {SRC_POSIX, "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1", INT64_C(-2208988800000), INT64_C(4102444800000), 400, INT64_C(-2201814000000), INT64_C(4096573200000), UINT64_C(0xeef57bb76a8d0e2f), 6800, 1200, 1200, UINT64_C(0x6b45b4e21206ea82)}, /* <-03>3<-02>,M3.5.0/-2,M10.5.0/-1 1900-2100 */
    {SRC_POSIX, "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13261107600000), INT64_C(13879213200000), UINT64_C(0x83803df34a3685cc), 680, 120, 120, UINT64_C(0xcb3e9a894246a83e)}, /* <-03>3<-02>,M3.5.0/-2,M10.5.0/-1 2390-2410 */
    {SRC_POSIX, "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253093942800000), INT64_C(253396947600000), UINT64_C(0x4c01189a778198a1), 340, 60, 60, UINT64_C(0xe57ff759c27501d9)}, /* <-03>3<-02>,M3.5.0/-2,M10.5.0/-1 9990-10000 */
    {SRC_POSIX, "IST-1GMT0,M10.5.0,M3.5.0/1", INT64_C(-2208988800000), INT64_C(4102444800000), 400, INT64_C(-2201814000000), INT64_C(4096573200000), UINT64_C(0xd8eebd8b78528f3f), 6800, 1200, 1200, UINT64_C(0xba6452fdc2f18bff)}, /* IST-1GMT0,M10.5.0,M3.5.0/1 1900-2100 */
    {SRC_POSIX, "IST-1GMT0,M10.5.0,M3.5.0/1", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13261107600000), INT64_C(13879213200000), UINT64_C(0x97df1c9a6eea95f4), 680, 120, 120, UINT64_C(0x76b8c6f228f35fd3)}, /* IST-1GMT0,M10.5.0,M3.5.0/1 2390-2410 */
    {SRC_POSIX, "IST-1GMT0,M10.5.0,M3.5.0/1", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253093942800000), INT64_C(253396947600000), UINT64_C(0x6555b6a292683675), 340, 60, 60, UINT64_C(0xdc37fc69ab45ccae)}, /* IST-1GMT0,M10.5.0,M3.5.0/1 9990-10000 */
    {SRC_POSIX, "IST-2IDT,M3.4.4/26,M10.5.0", INT64_C(-2208988800000), INT64_C(4102444800000), 400, INT64_C(-2201990400000), INT64_C(4096566000000), UINT64_C(0xb78b0dc140b20a25), 6800, 1200, 1200, UINT64_C(0xf1e6f7f2f76a18a0)}, /* IST-2IDT,M3.4.4/26,M10.5.0 1900-2100 */
    {SRC_POSIX, "IST-2IDT,M3.4.4/26,M10.5.0", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13260931200000), INT64_C(13879206000000), UINT64_C(0xc3bedb2e59de45ea), 680, 120, 120, UINT64_C(0x791664fb95f4bdea)}, /* IST-2IDT,M3.4.4/26,M10.5.0 2390-2410 */
    {SRC_POSIX, "IST-2IDT,M3.4.4/26,M10.5.0", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253093766400000), INT64_C(253396940400000), UINT64_C(0x96ed49d1aa9fdf31), 340, 60, 60, UINT64_C(0x25f860d3385f367f)}, /* IST-2IDT,M3.4.4/26,M10.5.0 9990-10000 */
    {SRC_POSIX, "<-04>4<-03>,M9.1.6/24,M4.1.6/24", INT64_C(-2208988800000), INT64_C(4102444800000), 400, INT64_C(-2200597200000), INT64_C(4092350400000), UINT64_C(0xd56ce50823f9398e), 6800, 1200, 1200, UINT64_C(0x24bddb0bded652b0)}, /* <-04>4<-03>,M9.1.6/24,M4.1.6/24 1900-2100 */
    {SRC_POSIX, "<-04>4<-03>,M9.1.6/24,M4.1.6/24", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13262324400000), INT64_C(13874990400000), UINT64_C(0xc7c1e9d3d199baae), 680, 120, 120, UINT64_C(0xb501c1a52c16dd3f)}, /* <-04>4<-03>,M9.1.6/24,M4.1.6/24 2390-2410 */
    {SRC_POSIX, "<-04>4<-03>,M9.1.6/24,M4.1.6/24", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253095159600000), INT64_C(253392120000000), UINT64_C(0x4db88874f84419f0), 340, 60, 60, UINT64_C(0x1b4982c9122ce1a7)}, /* <-04>4<-03>,M9.1.6/24,M4.1.6/24 9990-10000 */
    {SRC_POSIX, "AAA0BBB,J60/2,J300", INT64_C(-2208988800000), INT64_C(4102444800000), 400, INT64_C(-2203884000000), INT64_C(4096746000000), UINT64_C(0x546bcac073914adf), 6800, 1200, 1200, UINT64_C(0x8bd5ffd0c0cbcf43)}, /* AAA0BBB,J60/2,J300 1900-2100 */
    {SRC_POSIX, "AAA0BBB,J60/2,J300", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13259037600000), INT64_C(13879386000000), UINT64_C(0x9abea52a37da8785), 680, 120, 120, UINT64_C(0x5912f3bee6280909)}, /* AAA0BBB,J60/2,J300 2390-2410 */
    {SRC_POSIX, "AAA0BBB,J60/2,J300", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253091872800000), INT64_C(253396602000000), UINT64_C(0x195f6cb0451e75c0), 340, 60, 60, UINT64_C(0x8ed1f0638d55d580)}, /* AAA0BBB,J60/2,J300 9990-10000 */
    {SRC_POSIX, "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", INT64_C(-2208988800000), INT64_C(4102444800000), 400, INT64_C(-2201245200000), INT64_C(4094724600000), UINT64_C(0x679e5a647c633021), 6000, 800, 800, UINT64_C(0xb23d9899dffa1996)}, /* <+1030>-10:30<+11>-11,M10.1.0,M4.1.0 1900-2100 */
    {SRC_POSIX, "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13261676400000), INT64_C(13877364600000), UINT64_C(0xfb3a888dc76d1a71), 600, 80, 80, UINT64_C(0xe0d926f44033de98)}, /* <+1030>-10:30<+11>-11,M10.1.0,M4.1.0 2390-2410 */
    {SRC_POSIX, "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253094511600000), INT64_C(253394494200000), UINT64_C(0xb1b3debf95513dd8), 300, 40, 40, UINT64_C(0xa36626e5264bec28)}, /* <+1030>-10:30<+11>-11,M10.1.0,M4.1.0 9990-10000 */
    {SRC_POSIX, "XXX3YYY,M3.2.0/2:30:15,M11.1.0/-1:15", INT64_C(-2208988800000), INT64_C(4102444800000), 400, INT64_C(-2203007385000), INT64_C(4097177100000), UINT64_C(0x341181184cd7a098), 6800, 1200, 1200, UINT64_C(0x69e0deb571e95fa0)}, /* XXX3YYY,M3.2.0/2:30:15,M11.1.0/-1:15 1900-2100 */
    {SRC_POSIX, "XXX3YYY,M3.2.0/2:30:15,M11.1.0/-1:15", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13259914215000), INT64_C(13879817100000), UINT64_C(0x8b339df897109370), 680, 120, 120, UINT64_C(0x63f52682a08f0aa7)}, /* XXX3YYY,M3.2.0/2:30:15,M11.1.0/-1:15 2390-2410 */
    {SRC_POSIX, "XXX3YYY,M3.2.0/2:30:15,M11.1.0/-1:15", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253092749415000), INT64_C(253397551500000), UINT64_C(0x51e0309fb6dbb6b2), 340, 60, 60, UINT64_C(0x091c3b1f05756df4)}, /* XXX3YYY,M3.2.0/2:30:15,M11.1.0/-1:15 9990-10000 */
    {SRC_POSIX, "XXX0YYY,J1/167,J300/-167", INT64_C(-2208988800000), INT64_C(4102444800000), 400, INT64_C(-2208387600000), INT64_C(4096137600000), UINT64_C(0x0f7e5b202fc67213), 6800, 1200, 1200, UINT64_C(0xd6c6c30113d7b117)}, /* XXX0YYY,J1/167,J300/-167 1900-2100 */
    {SRC_POSIX, "XXX0YYY,J1/167,J300/-167", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13254534000000), INT64_C(13878777600000), UINT64_C(0x4f591c9c0b7ace2f), 680, 120, 120, UINT64_C(0x67446d37d14828c9)}, /* XXX0YYY,J1/167,J300/-167 2390-2410 */
    {SRC_POSIX, "XXX0YYY,J1/167,J300/-167", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253087369200000), INT64_C(253395993600000), UINT64_C(0xa1331f92cd536735), 340, 60, 60, UINT64_C(0xd9e9bc07fb23d8c2)}, /* XXX0YYY,J1/167,J300/-167 9990-10000 */
    {SRC_POSIX, "AAA-1BBB,M3.5.0,M10.5.0/3", INT64_C(-2208988800000), INT64_C(4102444800000), 400, INT64_C(-2201814000000), INT64_C(4096573200000), UINT64_C(0x132238bba029952f), 6800, 1200, 1200, UINT64_C(0xec36fcc58350b987)}, /* AAA-1BBB,M3.5.0,M10.5.0/3 1900-2100 */
    {SRC_POSIX, "AAA-1BBB,M3.5.0,M10.5.0/3", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13261107600000), INT64_C(13879213200000), UINT64_C(0xd8d5c33de0b2bba0), 680, 120, 120, UINT64_C(0xfffd22ed071e51fe)}, /* AAA-1BBB,M3.5.0,M10.5.0/3 2390-2410 */
    {SRC_POSIX, "AAA-1BBB,M3.5.0,M10.5.0/3", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253093942800000), INT64_C(253396947600000), UINT64_C(0xda56c478ece10d55), 340, 60, 60, UINT64_C(0x95b15b56a2490c64)}, /* AAA-1BBB,M3.5.0,M10.5.0/3 9990-10000 */
    {SRC_POSIX, "<+00>0<+02>-2,M3.5.0/1,M10.5.0/3", INT64_C(-2208988800000), INT64_C(4102444800000), 400, INT64_C(-2201814000000), INT64_C(4096573200000), UINT64_C(0x8e5ae73d5006673f), 8400, 2000, 2000, UINT64_C(0xb8bc0d820e211361)}, /* <+00>0<+02>-2,M3.5.0/1,M10.5.0/3 1900-2100 */
    {SRC_POSIX, "<+00>0<+02>-2,M3.5.0/1,M10.5.0/3", INT64_C(13253932800000), INT64_C(13885084800000), 40, INT64_C(13261107600000), INT64_C(13879213200000), UINT64_C(0xd722aa8eff670c38), 840, 200, 200, UINT64_C(0x4c2e9d73183a59f5)}, /* <+00>0<+02>-2,M3.5.0/1,M10.5.0/3 2390-2410 */
    {SRC_POSIX, "<+00>0<+02>-2,M3.5.0/1,M10.5.0/3", INT64_C(253086768000000), INT64_C(253402214400000), 20, INT64_C(253093942800000), INT64_C(253396947600000), UINT64_C(0x8b5813eef2b5c2bd), 420, 100, 100, UINT64_C(0xfeb4f86f73b92ef2)}, /* <+00>0<+02>-2,M3.5.0/1,M10.5.0/3 9990-10000 */
};

static uint64_t fnv_byte(uint64_t h, unsigned b)
{
    return (h ^ (b & 0xffu)) * UINT64_C(0x100000001b3);
}

/* Little-endian, as Python's struct.pack('<q'). */
static uint64_t fnv_i64(uint64_t h, int64_t v)
{
    uint64_t u = (uint64_t)v;
    int i;
    for (i = 0; i < 8; i++)
        h = fnv_byte(h, (unsigned)(u >> (8 * i)));
    return h;
}

#define FNV_BASIS UINT64_C(0xcbf29ce484222325)

struct oracle_sums {
    int count, locals, gaps, folds;
    int64_t first, last;
    uint64_t hash, resolve_hash;
};

static void oracle_local(const struct sla_zone *z, int64_t local,
                         struct oracle_sums *s)
{
    struct sla_civil c;
    struct sla_zone_resolution r;
    int rc;
    ck_assert_int_eq(sla_civil_from_instant(&c, local, 0), 0);
    rc = sla_zone_to_instant(&r, z, &c, SLA_DISAMBIGUATE_COMPATIBLE);
    CHECK(rc == 0, "%s: " CIV_FMT ": rc %d", sla_zone_name(z), CIV_ARGS(c),
          rc);
    s->locals++;
    s->gaps += r.kind == GAP;
    s->folds += r.kind == FOLD;
    s->resolve_hash = fnv_i64(s->resolve_hash, local);
    s->resolve_hash = fnv_byte(s->resolve_hash, (unsigned)r.kind);
    s->resolve_hash = fnv_i64(s->resolve_hash, r.earlier);
    s->resolve_hash = fnv_i64(s->resolve_hash, r.later);
}

static void oracle_walk(const struct sla_zone *z, int64_t t0, int64_t t1,
                        struct oracle_sums *s)
{
    int64_t t = t0, n;
    memset(s, 0, sizeof *s);
    s->hash = s->resolve_hash = FNV_BASIS;
    for (;;) {
        struct sla_zone_period p;
        int64_t before, l0, l1, lo, hi, l;
        const char *a;
        int rc = sla_zone_next_transition(&n, z, t);
        if (rc == SLA_ENOTFOUND || (rc == 0 && n >= t1))
            break;
        CHECK(rc == 0 && n > t, "%s: next after " I64 ": rc %d " I64,
              sla_zone_name(z), t, rc, n);
        ck_assert_int_eq(sla_zone_period_at(&p, z, n), 0);
        ck_assert_int_eq(sla_zone_offset(&before, z, n - 1), 0);
        if (!s->count)
            s->first = n;
        s->last = n;
        s->count++;
        s->hash = fnv_i64(s->hash, n);
        s->hash = fnv_i64(s->hash, p.utc_offset_ms);
        s->hash = fnv_byte(s->hash, (unsigned)p.is_dst);
        for (a = p.abbreviation;; a++) {
            s->hash = fnv_byte(s->hash, (unsigned char)*a);
            if (!*a)
                break;
        }
        l0 = n + before;
        l1 = n + p.utc_offset_ms;
        lo = (l0 < l1 ? l0 : l1) - HOUR;
        hi = (l0 < l1 ? l1 : l0) + HOUR;
        for (l = lo; l <= hi; l += 15 * MINUTE)
            oracle_local(z, l, s);
        oracle_local(z, l0 - 1, s);
        oracle_local(z, l0, s);
        oracle_local(z, l1 - 1, s);
        oracle_local(z, l1, s);
        t = n;
    }
}

START_TEST(oracle_tables)
{
    const struct oracle_row *row = &oracle_rows[_i];
    struct sla_zone *z = row->source == SRC_NAME ? ZONE(row->spec)
                                                 : POSIX(row->spec);
    struct oracle_sums s;
    oracle_walk(z, row->t0, row->t1, &s);
    CHECK(s.count == row->count && s.hash == row->hash &&
              (!s.count || (s.first == row->first && s.last == row->last)),
          "%s (" I64 ", " I64 "): %d transitions " I64 " .. " I64
          " hash %016" PRIx64 "; Python: %d, " I64 " .. " I64 " hash %016" PRIx64,
          row->spec, row->t0, row->t1, s.count, s.first, s.last, s.hash,
          row->count, row->first, row->last, row->hash);
    CHECK(s.locals == row->locals && s.gaps == row->gaps &&
              s.folds == row->folds && s.resolve_hash == row->resolve_hash,
          "%s (" I64 ", " I64 "): %d local times, %d gaps, %d folds, hash "
          "%016" PRIx64 "; Python: %d, %d, %d, %016" PRIx64,
          row->spec, row->t0, row->t1, s.locals, s.gaps, s.folds,
          s.resolve_hash, row->locals, row->gaps, row->folds,
          row->resolve_hash);
    sla_zone_unref(z);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The ends of the int64_t range.                                      */

static void expect_civil_rc(const struct sla_zone *z, int64_t t, int want_rc,
                            int line)
{
    struct sla_civil c;
    int64_t off = 0;
    int rc = sla_zone_to_civil(&c, &off, z, t);
    CHECK(rc == want_rc, "line %d: %s to_civil(" I64 ") rc %d, expected %d",
          line, sla_zone_name(z), t, rc, want_rc);
}
#define CIVIL_RC(z, t, rc) expect_civil_rc((z), (t), (rc), __LINE__)

static void expect_instant_rc(const struct sla_zone *z, struct sla_civil c,
                              int want_rc, int line)
{
    struct sla_zone_resolution r;
    int rc = sla_zone_to_instant(&r, z, &c, SLA_DISAMBIGUATE_COMPATIBLE);
    CHECK(rc == want_rc, "line %d: %s to_instant(" CIV_FMT ") rc %d, "
          "expected %d", line, sla_zone_name(z), CIV_ARGS(c), rc, want_rc);
}
#define INSTANT_RC(z, rc, y, mo, d, h, mi, s, ms)                             \
    expect_instant_rc((z), civ((y), (mo), (d), (h), (mi), (s), (ms)), (rc),   \
                      __LINE__)

/* What every zone must do at the ends, whatever its rules. */
static void generic_extremes(const struct sla_zone *z)
{
    struct sla_zone_period p;
    struct sla_civil c, want;
    int64_t n, off;
    int rc;

    ck_assert_int_eq(sla_zone_period_at(&p, z, INT64_MIN), 0);
    CHECK(p.start == INT64_MIN && p.end > INT64_MIN &&
              p.utc_offset_ms >= -SLA_ZONE_MAX_OFFSET_MS &&
              p.utc_offset_ms <= SLA_ZONE_MAX_OFFSET_MS && p.abbreviation[0],
          "%s: period at INT64_MIN [" I64 ", " I64 ") " I64, sla_zone_name(z),
          p.start, p.end, p.utc_offset_ms);
    off = p.utc_offset_ms;
    rc = sla_zone_to_civil(&c, NULL, z, INT64_MIN);
    if (off < 0) {
        CHECK(rc == SLA_EOVERFLOW, "%s: to_civil(INT64_MIN) rc %d",
              sla_zone_name(z), rc);
    } else {
        ck_assert_int_eq(sla_civil_from_instant(&want, INT64_MIN, off), 0);
        CHECK(rc == 0 && civil_eq(&c, &want), "%s: to_civil(INT64_MIN) rc %d",
              sla_zone_name(z), rc);
    }
    NO_PREV(z, INT64_MIN);
    rc = sla_zone_next_transition(&n, z, INT64_MIN);
    if (rc == 0) {
        struct sla_zone_period q;
        ck_assert_int_eq(n, p.end);
        ck_assert_int_eq(sla_zone_period_at(&q, z, n), 0);
        ck_assert_int_eq(q.start, n);
        NO_PREV(z, n);
        PREV(z, n + 1, n);
    } else {
        ck_assert_int_eq(rc, SLA_ENOTFOUND);
        ck_assert_int_eq(p.end, INT64_MAX);
    }

    /* The last millisecond but one: INT64_MAX itself is probed in a child
     * process by at_int64_max. */
    ck_assert_int_eq(sla_zone_period_at(&p, z, INT64_MAX - 1), 0);
    CHECK(p.end == INT64_MAX && p.start <= INT64_MAX - 1 &&
              p.utc_offset_ms >= -SLA_ZONE_MAX_OFFSET_MS &&
              p.utc_offset_ms <= SLA_ZONE_MAX_OFFSET_MS,
          "%s: period at INT64_MAX - 1 [" I64 ", " I64 ")", sla_zone_name(z),
          p.start, p.end);
    off = p.utc_offset_ms;
    rc = sla_zone_to_civil(&c, NULL, z, INT64_MAX - 1);
    if (off > 1) {
        CHECK(rc == SLA_EOVERFLOW, "%s: to_civil(INT64_MAX - 1) rc %d",
              sla_zone_name(z), rc);
    } else {
        ck_assert_int_eq(sla_civil_from_instant(&want, INT64_MAX - 1, off),
                         0);
        CHECK(rc == 0 && civil_eq(&c, &want),
              "%s: to_civil(INT64_MAX - 1) rc %d", sla_zone_name(z), rc);
    }
    NO_NEXT(z, INT64_MAX - 1);
    rc = sla_zone_prev_transition(&n, z, INT64_MAX - 1);
    if (rc == 0) {
        ck_assert_int_eq(n, p.start);
        NO_NEXT(z, n);
        NEXT(z, n - 1, n);
    } else {
        ck_assert_int_eq(rc, SLA_ENOTFOUND);
        ck_assert_int_eq(p.start, INT64_MIN);
    }
    /* Readings beyond the calendar's range never wrap. */
    INSTANT_RC(z, SLA_EOVERFLOW, 292278995, 1, 1, 0, 0, 0, 0);
    INSTANT_RC(z, SLA_EOVERFLOW, -292275056, 1, 1, 0, 0, 0, 0);
}

START_TEST(extremes)
{
    static const char *const specs[] = {
        "America/New_York", "Asia/Tokyo", "Australia/Lord_Howe",
        "Pacific/Apia", "Europe/Dublin", "UTC", "+05:30", "-03:00",
        "EST5EDT,M3.2.0,M11.1.0", "EST5EDT,0/0,J365/25",
        "<+00>0<+02>-2,M3.5.0/1,M10.5.0/3", "IST-1GMT0,M10.5.0,M3.5.0/1",
        "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1", "JST-9",
    };
    /* -9223372036854775808 is -292275055-05-16T16:47:04.192Z. The first
     * change of EST5EDT after it is 7 November of that year (the first
     * Sunday), 06:00Z; the last before INT64_MAX is 9 March 292278994. */
    const int64_t first_nov = INT64_C(-9223372021773600000);
    const int64_t last_mar = INT64_C(9223372022943600000);
    struct sla_zone *z, *plus, *minus;
    size_t i;

    for (i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        z = ANY(specs[i]);
        generic_extremes(z);
        sla_zone_unref(z);
    }

    z = POSIX("EST5EDT,M3.2.0,M11.1.0");
    PERIOD(z, INT64_MIN, INT64_MIN, first_nov, -4 * HOUR, 1, "EDT");
    PERIOD(z, INT64_MAX, last_mar, INT64_MAX, -4 * HOUR, 1, "EDT");
    NEXT(z, INT64_MIN, first_nov);
    PREV(z, INT64_MAX, last_mar);
    NO_NEXT(z, INT64_MAX);
    CIVIL_RC(z, INT64_MIN, SLA_EOVERFLOW);
    CIVIL(z, INT64_MIN + 4 * HOUR, -292275055, 5, 16, 16, 47, 4, 192,
          -4 * HOUR);
    CIVIL(z, INT64_MAX, 292278994, 8, 17, 3, 12, 55, 807, -4 * HOUR);
    sla_zone_unref(z);

    z = ZONE("America/New_York");
    PERIOD(z, INT64_MIN, INT64_MIN, INT64_C(-2717650800000),
           INT64_C(-17762000), 0, "LMT");
    PERIOD(z, INT64_MAX, last_mar, INT64_MAX, -4 * HOUR, 1, "EDT");
    CIVIL_RC(z, INT64_MIN, SLA_EOVERFLOW);
    CIVIL(z, INT64_MAX, 292278994, 8, 17, 3, 12, 55, 807, -4 * HOUR);
    RESOLVE(z, 292278994, 8, 17, 3, 12, 55, 806, UNIQUE, INT64_MAX - 1,
            INT64_MAX - 1);
    INSTANT_RC(z, SLA_EOVERFLOW, 292278994, 8, 17, 3, 12, 55, 808);
    sla_zone_unref(z);

    ck_assert_int_eq(sla_zone_open(&z, "UTC", NULL, NULL), 0);
    PERIOD(z, INT64_MIN, INT64_MIN, INT64_MAX, 0, 0, "UTC");
    PERIOD(z, INT64_MAX - 1, INT64_MIN, INT64_MAX, 0, 0, "UTC");
    NO_NEXT(z, INT64_MIN);
    NO_PREV(z, INT64_MAX - 1);
    CIVIL(z, INT64_MIN, -292275055, 5, 16, 16, 47, 4, 192, 0);
    CIVIL(z, INT64_MAX - 1, 292278994, 8, 17, 7, 12, 55, 806, 0);
    RESOLVE(z, 292278994, 8, 17, 7, 12, 55, 806, UNIQUE, INT64_MAX - 1,
            INT64_MAX - 1);
    RESOLVE(z, -292275055, 5, 16, 16, 47, 4, 192, UNIQUE, INT64_MIN,
            INT64_MIN);
    INSTANT_RC(z, SLA_EOVERFLOW, 292278994, 8, 17, 7, 12, 55, 808);
    INSTANT_RC(z, SLA_EOVERFLOW, -292275055, 5, 16, 16, 47, 4, 191);
    sla_zone_unref(z);

    /* The largest offsets: the readings run out within 26 hours. */
    ck_assert_int_eq(sla_zone_from_offset(&plus, SLA_ZONE_MAX_OFFSET_MS), 0);
    ck_assert_int_eq(sla_zone_from_offset(&minus, -SLA_ZONE_MAX_OFFSET_MS),
                     0);
    CIVIL(plus, INT64_MIN, -292275055, 5, 17, 18, 47, 4, 192, 26 * HOUR);
    CIVIL(plus, INT64_MAX - 26 * HOUR, 292278994, 8, 17, 7, 12, 55, 807,
          26 * HOUR);
    CIVIL_RC(plus, INT64_MAX - 26 * HOUR + 1, SLA_EOVERFLOW);
    CIVIL_RC(plus, INT64_MAX - 1, SLA_EOVERFLOW);
    CIVIL(minus, INT64_MAX - 1, 292278994, 8, 16, 5, 12, 55, 806,
          -26 * HOUR);
    CIVIL(minus, INT64_MIN + 26 * HOUR, -292275055, 5, 16, 16, 47, 4, 192,
          -26 * HOUR);
    CIVIL_RC(minus, INT64_MIN + 26 * HOUR - 1, SLA_EOVERFLOW);
    CIVIL_RC(minus, INT64_MIN, SLA_EOVERFLOW);
    RESOLVE(plus, -292275055, 5, 17, 18, 47, 4, 192, UNIQUE, INT64_MIN,
            INT64_MIN);
    INSTANT_RC(plus, SLA_EOVERFLOW, -292275055, 5, 17, 18, 47, 4, 191);
    INSTANT_RC(plus, SLA_EOVERFLOW, -292275055, 5, 16, 16, 47, 4, 192);
    RESOLVE(plus, 292278994, 8, 17, 7, 12, 55, 807, UNIQUE,
            INT64_MAX - 26 * HOUR, INT64_MAX - 26 * HOUR);
    RESOLVE(minus, 292278994, 8, 16, 5, 12, 55, 806, UNIQUE, INT64_MAX - 1,
            INT64_MAX - 1);
    INSTANT_RC(minus, SLA_EOVERFLOW, 292278994, 8, 16, 5, 12, 55, 808);
    INSTANT_RC(minus, SLA_EOVERFLOW, 292278994, 8, 17, 7, 12, 55, 807);
    sla_zone_unref(plus);
    sla_zone_unref(minus);
}
END_TEST

/* Same offset, flag and abbreviation. */
static int same_label(const struct sla_zone_period *a,
                      const struct sla_zone_period *b)
{
    return a->utc_offset_ms == b->utc_offset_ms && a->is_dst == b->is_dst &&
           strcmp(a->abbreviation, b->abbreviation) == 0;
}

/* The last instant, INT64_MAX, in every kind of zone: the period that
 * never ends holds it, its reading is the calendar's last (or past the
 * range with an offset east of UTC), and nothing comes after it. Probed
 * in a child process, so that a crash fails this test alone even when
 * Check runs in-process (CK_FORK=no under valgrind and the sanitizers). */
static const char *probe_int64_max(const struct sla_zone *z, char *msg,
                                   size_t size)
{
    struct sla_zone_period p, q;
    struct sla_civil c, want;
    int64_t o = 0, n = 0;
    int rc;
    if (sla_zone_period_at(&q, z, INT64_MAX - 1) != 0)
        return "period_at(INT64_MAX - 1) failed";
    rc = sla_zone_period_at(&p, z, INT64_MAX);
    if (rc != 0 || p.start != q.start || p.end != INT64_MAX ||
        !same_label(&p, &q)) {
        snprintf(msg, size, "period_at(INT64_MAX): rc %d [" I64 ", " I64
                 ") " I64, rc, p.start, p.end, p.utc_offset_ms);
        return msg;
    }
    rc = sla_zone_offset(&o, z, INT64_MAX);
    if (rc != 0 || o != q.utc_offset_ms) {
        snprintf(msg, size, "offset(INT64_MAX): rc %d " I64, rc, o);
        return msg;
    }
    rc = sla_zone_to_civil(&c, &o, z, INT64_MAX);
    if (q.utc_offset_ms > 0 ? rc != SLA_EOVERFLOW
                            : rc != 0 ||
                                  sla_civil_from_instant(&want, INT64_MAX,
                                                         q.utc_offset_ms) ||
                                  !civil_eq(&c, &want)) {
        snprintf(msg, size, "to_civil(INT64_MAX): rc %d", rc);
        return msg;
    }
    rc = sla_zone_next_transition(&n, z, INT64_MAX);
    if (rc != SLA_ENOTFOUND) {
        snprintf(msg, size, "next after INT64_MAX: rc %d " I64, rc, n);
        return msg;
    }
    rc = sla_zone_prev_transition(&n, z, INT64_MAX);
    if (q.start == INT64_MIN ? rc != SLA_ENOTFOUND
                             : rc != 0 || n != q.start) {
        snprintf(msg, size, "prev before INT64_MAX: rc %d " I64, rc, n);
        return msg;
    }
    return NULL;
}

/* Runs the probe in a child and returns NULL if it passed, else why not.
 * The child reports "ok" through a pipe: under valgrind its exit status
 * may also count leaks of the runner, which are not the probe's. */
static const char *run_probe(const struct sla_zone *z, char *out,
                             size_t size)
{
    char msg[256];
    int fds[2], status = 0;
    ssize_t got;
    pid_t pid;
    ck_assert_int_eq(pipe(fds), 0);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        const char *m;
        close(fds[0]);
        m = probe_int64_max(z, msg, sizeof msg);
        if (!m)
            m = "ok";
        if (write(fds[1], m, strlen(m)) < 0)
            _exit(3);
        _exit(0);
    }
    close(fds[1]);
    memset(msg, 0, sizeof msg);
    got = read(fds[0], msg, sizeof msg - 1);
    (void)got;
    close(fds[0]);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    if (WIFSIGNALED(status))
        snprintf(out, size, "crashed at INT64_MAX (signal %d)",
                 WTERMSIG(status));
    else if (strcmp(msg, "ok") != 0)
        snprintf(out, size, "%s", msg[0] ? msg : "the probe failed");
    else
        return NULL;
    return out;
}

static const char *const int64_max_specs[] = {
    "UTC", "+05:30", "-03:00", "JST-9", "Asia/Tokyo", "America/Sao_Paulo",
    "Pacific/Apia", "EST5EDT,0/0,J365/25", "America/New_York",
    "EST5EDT,M3.2.0,M11.1.0", "Europe/Dublin",
};

START_TEST(at_int64_max)
{
    const char *spec = int64_max_specs[_i];
    struct sla_zone *z = ANY(spec);
    char buf[300];
    const char *failure = run_probe(z, buf, sizeof buf);
    sla_zone_unref(z);
    CHECK(failure == NULL, "%s: %s", spec, failure);
}
END_TEST

/* A reading at the end of the range resolves to INT64_MAX itself, like
 * INT64_MIN at the start: sla_zone_to_instant() documents SLA_EOVERFLOW
 * only for instants outside int64_t. */
START_TEST(to_instant_int64_max)
{
    static const char *const specs[] = {"UTC", "America/New_York",
                                        "EST5EDT,M3.2.0,M11.1.0", "-03:00"};
    size_t i;
    for (i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        struct sla_zone *z = ANY(specs[i]);
        struct sla_zone_period p;
        struct sla_zone_resolution r;
        struct sla_civil c;
        int rc;
        ck_assert_int_eq(sla_zone_period_at(&p, z, INT64_MAX - 1), 0);
        ck_assert_int_eq(sla_civil_from_instant(&c, INT64_MAX - 1,
                                                p.utc_offset_ms), 0);
        expect_resolve_at(z, c, UNIQUE, INT64_MAX - 1, INT64_MAX - 1,
                          __LINE__);
        ck_assert_int_eq(sla_civil_from_instant(&c, INT64_MAX,
                                                p.utc_offset_ms), 0);
        memset(&r, 0, sizeof r);
        rc = sla_zone_to_instant(&r, z, &c, SLA_DISAMBIGUATE_COMPATIBLE);
        sla_zone_unref(z);
        CHECK(rc == 0 && r.kind == UNIQUE && r.instant == INT64_MAX &&
                  r.earlier == INT64_MAX && r.later == INT64_MAX,
              "%s: " CIV_FMT " (the reading of INT64_MAX): rc %d, instant "
              I64 "; expected rc 0, " I64, specs[i], CIV_ARGS(c), rc,
              r.instant, INT64_MAX);
    }
}
END_TEST

/* ------------------------------------------------------------------ */
/* Invariants at random instants, in many kinds of zone.               */

static void check_invariants(const struct sla_zone *z, int64_t t)
{
    const char *name = sla_zone_name(z);
    struct sla_zone_period p, q;
    struct sla_civil c, want;
    int64_t n, o = 0;
    int rc;

    rc = sla_zone_period_at(&p, z, t);
    CHECK(rc == 0 && p.start <= t && (t < p.end || p.end == INT64_MAX) &&
              p.utc_offset_ms >= -SLA_ZONE_MAX_OFFSET_MS &&
              p.utc_offset_ms <= SLA_ZONE_MAX_OFFSET_MS &&
              (p.is_dst == 0 || p.is_dst == 1) && p.reserved == 0 &&
              p.abbreviation[0] != '\0' &&
              memchr(p.abbreviation, '\0', sizeof p.abbreviation),
          "%s: period at " I64 ": rc %d [" I64 ", " I64 ") " I64, name, t, rc,
          p.start, p.end, p.utc_offset_ms);
    rc = sla_zone_offset(&o, z, t);
    CHECK(rc == 0 && o == p.utc_offset_ms, "%s: offset at " I64 ": " I64
          " vs period " I64, name, t, o, p.utc_offset_ms);

    /* The neighbours differ: transitions that change nothing are gone. */
    rc = sla_zone_next_transition(&n, z, t);
    if (p.end == INT64_MAX) {
        CHECK(rc == SLA_ENOTFOUND, "%s: next after " I64 " rc %d with no end",
              name, t, rc);
    } else {
        CHECK(rc == 0 && n == p.end, "%s: next after " I64 ": rc %d " I64
              ", period ends " I64, name, t, rc, n, p.end);
        ck_assert_int_eq(sla_zone_period_at(&q, z, p.end), 0);
        CHECK(q.start == p.end && !same_label(&p, &q),
              "%s: period after " I64 " starts " I64 " and is the same",
              name, p.end, q.start);
    }
    rc = sla_zone_prev_transition(&n, z, t);
    if (p.start == INT64_MIN) {
        CHECK(rc == SLA_ENOTFOUND, "%s: prev before " I64 " rc %d", name, t,
              rc);
    } else {
        ck_assert_int_eq(sla_zone_period_at(&q, z, p.start - 1), 0);
        CHECK(q.end == p.start && !same_label(&p, &q),
              "%s: period before " I64 " ends " I64 " and is the same", name,
              p.start, q.end);
        if (t != p.start) {
            CHECK(rc == 0 && n == p.start, "%s: prev before " I64 ": rc %d "
                  I64 ", period starts " I64, name, t, rc, n, p.start);
        } else if (q.start == INT64_MIN) {
            CHECK(rc == SLA_ENOTFOUND, "%s: prev before " I64 " rc %d", name,
                  t, rc);
        } else {
            CHECK(rc == 0 && n == q.start, "%s: prev before the transition "
                  I64 ": rc %d " I64 ", expected " I64, name, t, rc, n,
                  q.start);
        }
    }

    /* The reading, and back: the instant is one of the candidates. */
    rc = sla_zone_to_civil(&c, &o, z, t);
    if (rc == SLA_EOVERFLOW) {
        CHECK((t < INT64_MIN + DAY + DAY / 12 && p.utc_offset_ms < 0) ||
                  (t > INT64_MAX - DAY - DAY / 12 && p.utc_offset_ms > 0),
              "%s: to_civil(" I64 ") overflows", name, t);
        return;
    }
    ck_assert_int_eq(sla_civil_from_instant(&want, t, p.utc_offset_ms), 0);
    CHECK(rc == 0 && o == p.utc_offset_ms && civil_eq(&c, &want),
          "%s: to_civil(" I64 "): rc %d " CIV_FMT, name, t, rc, CIV_ARGS(c));
    {
        struct sla_zone_resolution r;
        /* t itself reads c, so c always resolves, even at the ends. */
        rc = sla_zone_to_instant(&r, z, &c, SLA_DISAMBIGUATE_EARLIER);
        CHECK(rc == 0 && r.kind != GAP &&
                  (r.kind == UNIQUE ? r.earlier == t && r.later == t
                                    : (r.earlier == t || r.later == t) &&
                                          r.earlier < r.later),
              "%s: " I64 " reads " CIV_FMT ", which resolves to rc %d kind "
              "%d " I64 " / " I64, name, t, CIV_ARGS(c), rc, (int)r.kind,
              r.earlier, r.later);
    }
}

static int64_t random_instant(const struct sla_zone *z, uint64_t *seed)
{
    int64_t t, n;
    switch (sla_test_below(seed, 5)) {
    case 0: /* 1800 to 2500 */
        return INT64_C(-5364662400000) +
               (int64_t)sla_test_below(seed, UINT64_C(22090320000000));
    case 1: /* anywhere but INT64_MAX */
        t = (int64_t)sla_test_rand(seed);
        return t == INT64_MAX ? 0 : t;
    case 2: /* at or next to a transition */
        t = INT64_C(-5364662400000) +
            (int64_t)sla_test_below(seed, UINT64_C(22090320000000));
        if (sla_zone_next_transition(&n, z, t) != 0)
            return t;
        return n + (int64_t)sla_test_below(seed, 5) - 2;
    case 3: /* near the ends (INT64_MAX itself: at_int64_max) */
        t = (int64_t)sla_test_below(seed, (uint64_t)(40 * DAY));
        return sla_test_below(seed, 2) ? INT64_MIN + t : INT64_MAX - 1 - t;
    default: /* the far future, where the cycle governs */
        return (int64_t)(sla_test_rand(seed) >> 2) * 2;
    }
}

START_TEST(invariants)
{
    static const char *const specs[] = {
        "America/New_York", "Australia/Lord_Howe", "Antarctica/Troll",
        "Europe/Dublin", "Pacific/Apia", "America/Nuuk", "Asia/Jerusalem",
        "Africa/Casablanca", "Asia/Tokyo", "America/Sao_Paulo",
        "America/Santiago", "Pacific/Chatham", "Asia/Kolkata",
        "EST5EDT,M3.2.0,M11.1.0", "EST5EDT,0/0,J365/25",
        "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1", "IST-1GMT0,M10.5.0,M3.5.0/1",
        "XXX0YYY,J1/167,J300/-167", "UTC", "+05:30",
    };
    const int per_zone = under_valgrind() ? 200 : 4000;
    uint64_t seed = 2025;
    size_t i;
    for (i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        struct sla_zone *z = ANY(specs[i]);
        int k;
        check_invariants(z, INT64_MIN);
        check_invariants(z, INT64_MAX - 1); /* INT64_MAX: at_int64_max */
        check_invariants(z, 0);
        for (k = 0; k < per_zone; k++)
            check_invariants(z, random_instant(z, &seed));
        sla_zone_unref(z);
    }
}
END_TEST

/* ------------------------------------------------------------------ */
/* sla_zone_open(): each reading in turn.                              */

static void expect_fixed_zone(const struct sla_zone *z, const char *name,
                              int64_t off, const char *abbr, int line)
{
    CHECK(strcmp(sla_zone_name(z), name) == 0,
          "line %d: zone named '%s', expected '%s'", line, sla_zone_name(z),
          name);
    expect_period_at(z, 0, INT64_MIN, INT64_MAX, off, 0, abbr, line);
    expect_period_at(z, INT64_MAX - 1, INT64_MIN, INT64_MAX, off, 0, abbr,
                     line);
    expect_next_at(z, INT64_MIN, SLA_ENOTFOUND, 0, line);
    expect_prev_at(z, INT64_MAX - 1, SLA_ENOTFOUND, 0, line);
}

static void expect_open_fixed(const char *spec, const char *name, int64_t off,
                              const char *abbr, int line)
{
    struct sla_zone *z = NULL;
    struct sla_error err = fresh_error();
    int rc = sla_zone_open(&z, spec, SYS_TZDIR, &err);
    CHECK(rc == 0 && z, "line %d: open '%s': rc %d (%s)", line, spec, rc,
          err.message);
    expect_fixed_zone(z, name, off, abbr, line);
    sla_zone_unref(z);
}
#define OPEN_FIXED(spec, name, off, abbr)                                     \
    expect_open_fixed((spec), (name), (off), (abbr), __LINE__)

/* A failure with its code, in the return value and the record, and a
 * sentence. */
static void expect_error_record(const struct sla_error *err, int code,
                                const char *what, int line)
{
    CHECK(err->code == code, "line %d: %s: err.code %d, expected %d", line,
          what, (int)err->code, code);
    CHECK(memchr(err->message, '\0', sizeof err->message) != NULL &&
              err->message[0] != '\0',
          "line %d: %s: no message", line, what);
}

static void expect_open_error(const char *spec, const char *tzdir, int code,
                              int line)
{
    struct sla_zone *z = NULL;
    struct sla_error err = fresh_error();
    int rc = sla_zone_open(&z, spec, tzdir, &err);
    CHECK(rc == code, "line %d: open '%s': rc %d, expected %d (%s)", line,
          spec, rc, code, err.message);
    expect_error_record(&err, code, spec, line);
}
#define OPEN_ERROR(spec, tzdir, code)                                         \
    expect_open_error((spec), (tzdir), (code), __LINE__)

START_TEST(open_utc_and_offsets)
{
    OPEN_FIXED("UTC", "UTC", 0, "UTC");
    OPEN_FIXED("utc", "UTC", 0, "UTC");
    OPEN_FIXED("Z", "UTC", 0, "UTC");
    OPEN_FIXED("z", "UTC", 0, "UTC");
    OPEN_FIXED("+09:00", "+09:00", 9 * HOUR, "+09");
    OPEN_FIXED("-05:30", "-05:30", -(5 * HOUR + 30 * MINUTE), "-0530");
    OPEN_FIXED("+0530", "+05:30", 5 * HOUR + 30 * MINUTE, "+0530");
    OPEN_FIXED("+09", "+09:00", 9 * HOUR, "+09");
    OPEN_FIXED("-03", "-03:00", -3 * HOUR, "-03");
    OPEN_FIXED("+09:00:00", "+09:00", 9 * HOUR, "+09");
    OPEN_FIXED("+05:30:15", "+05:30:15", 5 * HOUR + 30 * MINUTE + 15000,
               "+053015");
    OPEN_FIXED("+25:59:59", "+25:59:59", 26 * HOUR - 1000, "+255959");
}
END_TEST

/* zone.h: "UTC, Z (any case)". */
START_TEST(open_utc_any_case)
{
    OPEN_FIXED("Utc", "UTC", 0, "UTC");
    OPEN_FIXED("uTC", "UTC", 0, "UTC");
    OPEN_FIXED("utC", "UTC", 0, "UTC");
}
END_TEST

/* The largest offset a zone may have is 26 hours, and "+HH:MM" is read as
 * a fixed offset: +26:00 is allowed, as sla_zone_from_offset() allows it. */
START_TEST(open_offset_26h)
{
    OPEN_FIXED("+26:00", "+26:00", 26 * HOUR, "+26");
    OPEN_FIXED("-26:00", "-26:00", -26 * HOUR, "-26");
}
END_TEST

/* Beyond 26 hours no reading applies. */
START_TEST(open_offset_beyond)
{
    static const char *const specs[] = {"+26:00:01", "+26:01", "+27:00",
                                        "-27", "+99:00", "-2600:01"};
    size_t i;
    for (i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        struct sla_zone *z = NULL;
        struct sla_error err = fresh_error();
        int rc = sla_zone_open(&z, specs[i], SYS_TZDIR, &err);
        CHECK(rc == SLA_EINVAL || rc == SLA_EPARSE || rc == SLA_ENOTFOUND,
              "open '%s': rc %d", specs[i], rc);
        expect_error_record(&err, rc, specs[i], __LINE__);
    }
}
END_TEST

/* zone.h: sla_zone_open() reads "a POSIX TZ string" after the names; the
 * footers of Jerusalem and Santiago are POSIX TZ strings with a '/'. */
START_TEST(open_posix_with_slash)
{
    static const char *const specs[] = {
        "IST-2IDT,M3.4.4/26,M10.5.0", "<-04>4<-03>,M9.1.6/24,M4.1.6/24",
        "EST5EDT,M3.2.0/2,M11.1.0/2", "EST5EDT,0/0,J365/25",
    };
    size_t i;
    for (i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        struct sla_zone *z = NULL;
        struct sla_error err = fresh_error();
        int rc = sla_zone_open(&z, specs[i], SYS_TZDIR, &err);
        CHECK(rc == 0, "open '%s': rc %d (%s)", specs[i], rc, err.message);
        ck_assert_str_eq(sla_zone_name(z), specs[i]);
        sla_zone_unref(z);
    }
}
END_TEST

START_TEST(open_names_and_rules)
{
    struct sla_zone *z = NULL;
    struct sla_error err = fresh_error();

    ck_assert_int_eq(sla_zone_open(&z, "Asia/Tokyo", SYS_TZDIR, &err), 0);
    ck_assert_str_eq(sla_zone_name(z), "Asia/Tokyo");
    PERIOD(z, INT64_C(1750000000000), INT64_C(-577962000000), INT64_MAX,
           9 * HOUR, 0, "JST");
    sla_zone_unref(z);

    /* EST5EDT is the file of that name (a POSIX string with a DST name
     * and no rule would be refused): it knows war time. */
    ck_assert_int_eq(sla_zone_open(&z, "EST5EDT", SYS_TZDIR, &err), 0);
    ck_assert_str_eq(sla_zone_name(z), "EST5EDT");
    {
        struct sla_zone_period p;
        ck_assert_int_eq(sla_zone_period_at(&p, z, INT64_C(-839030400000)), 0);
        ck_assert_int_eq(p.utc_offset_ms, -4 * HOUR);
        ck_assert_str_eq(p.abbreviation, "EWT");
    }
    sla_zone_unref(z);

    /* No file JST-9: the POSIX string. */
    ck_assert_int_eq(sla_zone_open(&z, "JST-9", SYS_TZDIR, &err), 0);
    expect_fixed_zone(z, "JST-9", 9 * HOUR, "JST", __LINE__);
    sla_zone_unref(z);

    ck_assert_int_eq(
        sla_zone_open(&z, "EST5EDT,M3.2.0,M11.1.0", SYS_TZDIR, &err), 0);
    ck_assert_str_eq(sla_zone_name(z), "EST5EDT,M3.2.0,M11.1.0");
    NEXT(z, INT64_C(1735689600000), INT64_C(1741503600000));
    sla_zone_unref(z);

    ck_assert_int_eq(sla_zone_open(&z, "<+0330>-3:30", NULL, &err), 0);
    expect_fixed_zone(z, "<+0330>-3:30", 3 * HOUR + 30 * MINUTE, "+0330",
                      __LINE__);
    sla_zone_unref(z);

    OPEN_ERROR("Nowhere/Atlantis", SYS_TZDIR, SLA_ENOTFOUND);
    OPEN_ERROR("NoSuchZone", SYS_TZDIR, SLA_ENOTFOUND);
    OPEN_ERROR("America", SYS_TZDIR, SLA_ENOTFOUND);
    OPEN_ERROR("Asia/Tokyo", "/nonexistent-sla-zone-dir", SLA_ENOTFOUND);
    OPEN_ERROR("../etc/passwd", SYS_TZDIR, SLA_EINVAL);
    OPEN_ERROR("/etc/passwd", SYS_TZDIR, SLA_EINVAL);
    OPEN_ERROR("Asia//Tokyo", SYS_TZDIR, SLA_EINVAL);
    OPEN_ERROR("Asia/./Tokyo", SYS_TZDIR, SLA_EINVAL);
    {
        err = fresh_error();
        ck_assert_int_eq(
            sla_zone_open(&z, "EST5EDT,M13.2.0,M11.1.0", SYS_TZDIR, &err),
            SLA_EPARSE);
        expect_error_record(&err, SLA_EPARSE, "bad month", __LINE__);
        CHECK(err.offset >= 9 && err.offset <= 11, "offset " I64, err.offset);
    }
    /* The error record is optional. */
    ck_assert_int_eq(sla_zone_open(&z, "NoSuchZone", SYS_TZDIR, NULL),
                     SLA_ENOTFOUND);
    ck_assert_int_eq(sla_zone_open(&z, "../x", SYS_TZDIR, NULL), SLA_EINVAL);
}
END_TEST

/* ------------------------------------------------------------------ */
/* sla_zone_from_name(): a directory of TZif files.                    */

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f)
        return NULL;
    for (;;) {
        size_t r;
        if (n == cap) {
            uint8_t *b = realloc(buf, cap = cap ? cap * 2 : 4096);
            ck_assert_ptr_nonnull(b);
            buf = b;
        }
        r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    fclose(f);
    *len = n;
    return buf;
}

static void spit(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL, "cannot create %s: %s", path, strerror(errno));
    CHECK(fwrite(data, 1, len, f) == len, "cannot write %s", path);
    CHECK(fclose(f) == 0, "cannot close %s", path);
}

static void copy_file(const char *from, const char *to)
{
    size_t len = 0;
    uint8_t *d = slurp(from, &len);
    CHECK(d != NULL, "cannot read %s", from);
    spit(to, d, len);
    free(d);
}

static void make_dir(const char *path)
{
    CHECK(mkdir(path, 0755) == 0 || errno == EEXIST, "mkdir %s: %s", path,
          strerror(errno));
}

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* A scratch directory: root/zones holds the zones, root/x lies outside. */
struct scratch {
    char root[64];
    char zones[96];
};

static void scratch_make(struct scratch *s)
{
    char path[512];
    strcpy(s->root, "/tmp/sla-test-zone-XXXXXX");
    CHECK(mkdtemp(s->root) != NULL, "mkdtemp: %s", strerror(errno));
    snprintf(s->zones, sizeof s->zones, "%s/zones", s->root);
    make_dir(s->zones);
    snprintf(path, sizeof path, "%s/Test", s->zones);
    make_dir(path);
    snprintf(path, sizeof path, "%s/Test/Zone", s->zones);
    copy_file(SYS_TZDIR "/Asia/Tokyo", path);
    snprintf(path, sizeof path, "%s/x", s->root);
    copy_file(SYS_TZDIR "/Asia/Tokyo", path);
}

static void expect_name_error(const char *name, const char *dir, int code,
                              int line)
{
    struct sla_zone *z = NULL;
    struct sla_error err = fresh_error();
    int rc = sla_zone_from_name(&z, name, dir, &err);
    CHECK(rc == code, "line %d: name '%.40s': rc %d, expected %d (%s)", line,
          name, rc, code, err.message);
    expect_error_record(&err, code, name, line);
}
#define NAME_ERROR(name, dir, code)                                           \
    expect_name_error((name), (dir), (code), __LINE__)

static void expect_name_ok(const char *name, const char *dir, int line)
{
    struct sla_zone *z = NULL;
    struct sla_error err = fresh_error();
    int rc = sla_zone_from_name(&z, name, dir, &err);
    CHECK(rc == 0 && z, "line %d: name '%.40s' in %s: rc %d (%s)", line,
          name, dir ? dir : "(default)", rc, err.message);
    CHECK(strcmp(sla_zone_name(z), name) == 0, "line %d: named '%s'", line,
          sla_zone_name(z));
    /* Every file here is a copy of Asia/Tokyo. */
    expect_period_at(z, INT64_C(1750000000000), INT64_C(-577962000000),
                     INT64_MAX, 9 * HOUR, 0, "JST", line);
    sla_zone_unref(z);
}
#define NAME_OK(name, dir) expect_name_ok((name), (dir), __LINE__)

START_TEST(from_name_directory)
{
    struct scratch s;
    char path[512];
    uint8_t *big;
    scratch_make(&s);

    NAME_OK("Test/Zone", s.zones);
    /* A link, as the IANA data has many. */
    snprintf(path, sizeof path, "%s/Link", s.zones);
    CHECK(symlink("Test/Zone", path) == 0, "symlink: %s", strerror(errno));
    NAME_OK("Link", s.zones);
    /* Names may hold letters, digits and "/_-+.". */
    snprintf(path, sizeof path, "%s/Etc_GMT-1.x+y", s.zones);
    copy_file(SYS_TZDIR "/Asia/Tokyo", path);
    NAME_OK("Etc_GMT-1.x+y", s.zones);

    NAME_ERROR("Missing", s.zones, SLA_ENOTFOUND);
    NAME_ERROR("Test/Missing", s.zones, SLA_ENOTFOUND);
    NAME_ERROR("Test/Zone/Below", s.zones, SLA_ENOTFOUND);
    NAME_ERROR("Test", s.zones, SLA_ENOTFOUND); /* a directory */
    NAME_ERROR("America", SYS_TZDIR, SLA_ENOTFOUND);
    NAME_ERROR("Test/Zone", "/nonexistent-sla-zone-dir", SLA_ENOTFOUND);

    /* Files that are not TZif: the message names the zone. */
    snprintf(path, sizeof path, "%s/Bad", s.zones);
    spit(path, "hello, world\n", 13);
    {
        struct sla_zone *z = NULL;
        struct sla_error err = fresh_error();
        ck_assert_int_eq(sla_zone_from_name(&z, "Bad", s.zones, &err),
                         SLA_EPARSE);
        expect_error_record(&err, SLA_EPARSE, "Bad", __LINE__);
        CHECK(strncmp(err.message, "Bad: ", 5) == 0, "message '%s'",
              err.message);
    }
    snprintf(path, sizeof path, "%s/Empty", s.zones);
    spit(path, "", 0);
    NAME_ERROR("Empty", s.zones, SLA_EPARSE);
    /* Larger than any TZif file. */
    big = calloc(1, 1024 * 1024 + 1);
    ck_assert_ptr_nonnull(big);
    memcpy(big, "TZif2", 5);
    snprintf(path, sizeof path, "%s/Big", s.zones);
    spit(path, big, 1024 * 1024 + 1);
    free(big);
    NAME_ERROR("Big", s.zones, SLA_EPARSE);
    /* Leap seconds. */
    if (access(SYS_TZDIR "/right/Asia/Tokyo", R_OK) == 0) {
        struct sla_zone *z = NULL;
        struct sla_error err = fresh_error();
        snprintf(path, sizeof path, "%s/Right", s.zones);
        copy_file(SYS_TZDIR "/right/Asia/Tokyo", path);
        ck_assert_int_eq(sla_zone_from_name(&z, "Right", s.zones, &err),
                         SLA_EUNSUPPORTED);
        expect_error_record(&err, SLA_EUNSUPPORTED, "Right", __LINE__);
        CHECK(strncmp(err.message, "Right: ", 7) == 0, "message '%s'",
              err.message);
        NAME_ERROR("right/Asia/Tokyo", SYS_TZDIR, SLA_EUNSUPPORTED);
    }
    /* A file that cannot be read (root reads anything). */
    if (geteuid() != 0) {
        snprintf(path, sizeof path, "%s/Locked", s.zones);
        copy_file(SYS_TZDIR "/Asia/Tokyo", path);
        ck_assert_int_eq(chmod(path, 0), 0);
        NAME_ERROR("Locked", s.zones, SLA_EIO);
    }
    remove_tree(s.root);
}
END_TEST

/* A name that is a FIFO is no zone file: it must be refused, not waited
 * on (open(2) of a FIFO blocks until a writer comes). Probed in a child
 * with an alarm, so that a hang fails this test instead of the suite. */
START_TEST(from_name_fifo)
{
    struct scratch s;
    char path[512], msg[64];
    int fds[2], status = 0;
    ssize_t got;
    pid_t pid;
    scratch_make(&s);
    snprintf(path, sizeof path, "%s/Fifo", s.zones);
    ck_assert_int_eq(mkfifo(path, 0644), 0);
    ck_assert_int_eq(pipe(fds), 0);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        struct sla_zone *z = NULL;
        int rc;
        close(fds[0]);
        /* Check's own SIGALRM handler would end the whole test. */
        signal(SIGALRM, SIG_DFL);
        alarm(2);
        rc = sla_zone_from_name(&z, "Fifo", s.zones, NULL);
        snprintf(msg, sizeof msg, "%d", rc);
        if (write(fds[1], msg, strlen(msg)) < 0)
            _exit(3);
        _exit(0);
    }
    close(fds[1]);
    memset(msg, 0, sizeof msg);
    got = read(fds[0], msg, sizeof msg - 1);
    (void)got;
    close(fds[0]);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    remove_tree(s.root);
    CHECK(!WIFSIGNALED(status), "sla_zone_from_name() of a FIFO did not "
          "return within 2 s (signal %d)", WTERMSIG(status));
    CHECK(strcmp(msg, "-7") == 0 || strcmp(msg, "-9") == 0,
          "sla_zone_from_name() of a FIFO returned %s, expected "
          "SLA_ENOTFOUND or SLA_EIO", msg);
}
END_TEST

/* error.h: the record is left alone when the call succeeds, also when
 * sla_zone_open() reaches its reading after others failed. */
START_TEST(error_left_alone_on_success)
{
    static const char *const specs[] = {
        "UTC", "+09:00", "Asia/Tokyo", "EST5EDT,M3.2.0,M11.1.0", "JST-9",
        "<+0330>-3:30",
    };
    size_t i;
    for (i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        struct sla_zone *z = NULL;
        struct sla_error err = fresh_error();
        int rc;
        strcpy(err.message, "untouched");
        rc = sla_zone_open(&z, specs[i], SYS_TZDIR, &err);
        if (rc == 0)
            sla_zone_unref(z);
        CHECK(rc == 0 && err.code == 0 && err.offset == -12345 &&
                  strcmp(err.message, "untouched") == 0,
              "open '%s': rc %d, and the record says code %d offset " I64
              " '%s'", specs[i], rc, (int)err.code, err.offset, err.message);
    }
}
END_TEST

/* Names that could leave the directory are refused before any file is
 * opened: each of these names an existing TZif file. */
START_TEST(from_name_validation)
{
    static const char *const bad[] = {
        "../x", "Test/../Test/Zone", "Test/../../x", "/etc/passwd",
        SYS_TZDIR "/Asia/Tokyo", "Test/./Zone", "./Test/Zone", "Test//Zone",
        "Test/Zone/", "Test/", "", ".", "..", "Te st/Zone", "Test\\Zone",
        "Test:Zone", "Test/Zone\n", "T\xc3\xa9st", "Test/Zone~", "Test*",
    };
    struct scratch s;
    char name[300], path[700];
    size_t i;
    scratch_make(&s);
    NAME_OK("Test/Zone", s.zones);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        NAME_ERROR(bad[i], s.zones, SLA_EINVAL);
        /* sla_zone_open() refuses those with a '/' as names too. */
        if (strchr(bad[i], '/'))
            OPEN_ERROR(bad[i], s.zones, SLA_EINVAL);
    }

    /* 255 bytes is the longest name, 256 too long, even if the file is
     * there: 125 directories "d" and a file. */
    strcpy(path, s.zones);
    name[0] = '\0';
    for (i = 0; i < 125; i++) {
        strcat(name, "d/");
        strcat(path, "/d");
        make_dir(path);
    }
    strcat(name, "abcde");
    ck_assert_uint_eq(strlen(name), 255);
    snprintf(path, sizeof path, "%s/%s", s.zones, name);
    copy_file(SYS_TZDIR "/Asia/Tokyo", path);
    NAME_OK(name, s.zones);
    strcat(name, "f");
    ck_assert_uint_eq(strlen(name), 256);
    snprintf(path, sizeof path, "%s/%s", s.zones, name);
    copy_file(SYS_TZDIR "/Asia/Tokyo", path);
    NAME_ERROR(name, s.zones, SLA_EINVAL);
    {
        char longname[400];
        memset(longname, 'A', sizeof longname - 1);
        longname[sizeof longname - 1] = '\0';
        NAME_ERROR(longname, s.zones, SLA_EINVAL);
    }
    remove_tree(s.root);
}
END_TEST

/* With no directory argument: $TZDIR, else /usr/share/zoneinfo. */
START_TEST(from_name_tzdir_env)
{
    struct scratch s;
    const char *old = getenv("TZDIR");
    char *saved = old ? strdup(old) : NULL;
    struct sla_zone *z = NULL;
    scratch_make(&s);

    ck_assert_int_eq(setenv("TZDIR", s.zones, 1), 0);
    NAME_OK("Test/Zone", NULL);
    NAME_ERROR("Asia/Tokyo", NULL, SLA_ENOTFOUND);
    /* An explicit directory wins over $TZDIR. */
    NAME_OK("Asia/Tokyo", SYS_TZDIR);
    NAME_ERROR("Test/Zone", SYS_TZDIR, SLA_ENOTFOUND);
    ck_assert_int_eq(sla_zone_open(&z, "Test/Zone", NULL, NULL), 0);
    ck_assert_str_eq(sla_zone_name(z), "Test/Zone");
    sla_zone_unref(z);

    ck_assert_int_eq(unsetenv("TZDIR"), 0);
    NAME_OK("Asia/Tokyo", NULL);
    NAME_ERROR("Test/Zone", NULL, SLA_ENOTFOUND);
    ck_assert_int_eq(sla_zone_open(&z, "Asia/Tokyo", NULL, NULL), 0);
    sla_zone_unref(z);

    if (saved) {
        setenv("TZDIR", saved, 1);
        free(saved);
    }
    remove_tree(s.root);
}
END_TEST

/* ------------------------------------------------------------------ */
/* sla_zone_from_posix().                                              */

START_TEST(posix_fixed)
{
    struct sla_zone *z;
    z = POSIX("JST-9");
    expect_fixed_zone(z, "JST-9", 9 * HOUR, "JST", __LINE__);
    sla_zone_unref(z);
    z = POSIX("<+09>-9");
    expect_fixed_zone(z, "<+09>-9", 9 * HOUR, "+09", __LINE__);
    sla_zone_unref(z);
    z = POSIX("<-0330>3:30");
    expect_fixed_zone(z, "<-0330>3:30", -(3 * HOUR + 30 * MINUTE), "-0330",
                      __LINE__);
    sla_zone_unref(z);
    z = POSIX("LMT-0:19:32");
    expect_fixed_zone(z, "LMT-0:19:32", INT64_C(1172000), "LMT", __LINE__);
    sla_zone_unref(z);
    z = POSIX("UTC0");
    expect_fixed_zone(z, "UTC0", 0, "UTC", __LINE__);
    sla_zone_unref(z);
    z = POSIX("EST+5");
    expect_fixed_zone(z, "EST+5", -5 * HOUR, "EST", __LINE__);
    sla_zone_unref(z);
    z = POSIX("ABCDEFGHIJKLMNO-24");
    expect_fixed_zone(z, "ABCDEFGHIJKLMNO-24", 24 * HOUR, "ABCDEFGHIJKLMNO",
                      __LINE__);
    sla_zone_unref(z);
    /* The string need not be NUL-terminated: only len bytes are read. */
    ck_assert_int_eq(sla_zone_from_posix(&z, "JST-9:30 and more", 5, NULL), 0);
    expect_fixed_zone(z, "JST-9", 9 * HOUR, "JST", __LINE__);
    sla_zone_unref(z);
}
END_TEST

START_TEST(posix_rules)
{
    struct sla_zone *z;

    z = POSIX("EST5EDT,M3.2.0,M11.1.0"); /* New York since 2007 */
    ck_assert_str_eq(sla_zone_name(z), "EST5EDT,M3.2.0,M11.1.0");
    PERIOD(z, INT64_C(1750000000000), INT64_C(1741503600000),
           INT64_C(1762063200000), -4 * HOUR, 1, "EDT");
    PERIOD(z, INT64_C(1762063200000), INT64_C(1762063200000),
           INT64_C(1772953200000), -5 * HOUR, 0, "EST");
    RESOLVE(z, 2025, 3, 9, 2, 30, 0, 0, GAP, INT64_C(1741501800000),
            INT64_C(1741505400000));
    RESOLVE(z, 2025, 11, 2, 1, 30, 0, 0, FOLD, INT64_C(1762061400000),
            INT64_C(1762065000000));
    /* New York in 2400 springs forward on 12 March at 07:00Z. */
    NEXT(z, INT64_C(13569465600000), INT64_C(13575625200000));
    sla_zone_unref(z);

    /* An explicit DST offset, here half an hour (Lord Howe). */
    z = POSIX("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0");
    PERIOD(z, INT64_C(1750000000000), INT64_C(1743865200000),
           INT64_C(1759591800000), 10 * HOUR + 30 * MINUTE, 0, "+1030");
    PERIOD(z, INT64_C(1759591800000), INT64_C(1759591800000),
           INT64_C(1775314800000), 11 * HOUR, 1, "+11");
    sla_zone_unref(z);
    z = POSIX("EST5EDT4,M3.2.0/2,M11.1.0/2:00:00");
    PERIOD(z, INT64_C(1750000000000), INT64_C(1741503600000),
           INT64_C(1762063200000), -4 * HOUR, 1, "EDT");
    sla_zone_unref(z);

    /* Jn counts 1-365 and never February 29: J60 is March 1, always. */
    z = POSIX("AAA0BBB,J60/2,J300");
    NEXT(z, INT64_C(1704067200000), INT64_C(1709258400000)); /* 2024-03-01T02Z */
    NEXT(z, INT64_C(1735689600000), INT64_C(1740794400000)); /* 2025-03-01T02Z */
    sla_zone_unref(z);
    /* n counts 0-365 with February 29: day 59 is Feb 29 in leap years.
     * (Python's zoneinfo reads n as 1-based and says Feb 28; POSIX and
     * glibc's tzset say Feb 29 and Mar 1, checked with TZ=AAA0BBB,59,299.) */
    z = POSIX("AAA0BBB,59,299");
    NEXT(z, INT64_C(1704067200000), INT64_C(1709172000000)); /* 2024-02-29T02Z */
    NEXT(z, INT64_C(1735689600000), INT64_C(1740794400000)); /* 2025-03-01T02Z */
    sla_zone_unref(z);
}
END_TEST

/* RFC 8536 section 3.3.1: hours from -167 to 167, DST all year, and DST
 * behind standard time. */
START_TEST(posix_extensions)
{
    struct sla_zone *z;
    int64_t t;

    /* DST from January 1 00:00 to December 31 25:00: all year. */
    z = POSIX("EST5EDT,0/0,J365/25");
    for (t = INT64_C(1704067200000) - 7 * DAY;
         t < INT64_C(1767225600000) + 7 * DAY; t += HOUR) {
        struct sla_zone_period p;
        ck_assert_int_eq(sla_zone_period_at(&p, z, t), 0);
        CHECK(p.start == INT64_MIN && p.end == INT64_MAX &&
                  p.utc_offset_ms == -4 * HOUR && p.is_dst == 1 &&
                  strcmp(p.abbreviation, "EDT") == 0,
              "all-year DST at " I64 ": [" I64 ", " I64 ") " I64 " %s", t,
              p.start, p.end, p.utc_offset_ms, p.abbreviation);
    }
    NO_NEXT(z, INT64_MIN);
    NO_PREV(z, INT64_MAX - 1);
    RESOLVE(z, 2025, 1, 1, 0, 30, 0, 0, UNIQUE, INT64_C(1735705800000),
            INT64_C(1735705800000));
    sla_zone_unref(z);

    /* Nuuk's footer of 2023: changes at -2:00 and -1:00 local time. */
    z = POSIX("<-03>3<-02>,M3.5.0/-2,M10.5.0/-1");
    NEXT(z, INT64_C(2208988800000), INT64_C(2216250000000));
    NEXT(z, INT64_C(2216250000000), INT64_C(2234998800000));
    PERIOD(z, INT64_C(2216250000000), INT64_C(2216250000000),
           INT64_C(2234998800000), -2 * HOUR, 1, "-02");
    PERIOD(z, INT64_C(2216249999999), INT64_C(2203549200000),
           INT64_C(2216250000000), -3 * HOUR, 0, "-03");
    CIVIL(z, INT64_C(2216250000000), 2040, 3, 24, 23, 0, 0, 0, -2 * HOUR);
    CIVIL(z, INT64_C(2234998800000), 2040, 10, 27, 22, 0, 0, 0, -3 * HOUR);
    sla_zone_unref(z);

    /* Jerusalem: 26:00 on the Thursday is 02:00 on the Friday. */
    z = POSIX("IST-2IDT,M3.4.4/26,M10.5.0");
    NEXT(z, INT64_C(2208988800000), INT64_C(2216073600000));
    NEXT(z, INT64_C(2216073600000), INT64_C(2234991600000));
    sla_zone_unref(z);

    /* Santiago: 24:00 on Saturdays. */
    z = POSIX("<-04>4<-03>,M9.1.6/24,M4.1.6/24");
    RESOLVE(z, 2040, 9, 2, 0, 30, 0, 0, GAP, INT64_C(2230169400000),
            INT64_C(2230173000000));
    RESOLVE(z, 2040, 4, 7, 23, 30, 0, 0, FOLD, INT64_C(2217465000000),
            INT64_C(2217468600000));
    sla_zone_unref(z);

    /* Negative DST: Dublin's footer. Winter is "DST" at +00:00. */
    z = POSIX("IST-1GMT0,M10.5.0,M3.5.0/1");
    PERIOD(z, INT64_C(1736899200000), INT64_C(1729990800000),
           INT64_C(1743296400000), 0, 1, "GMT");
    PERIOD(z, INT64_C(1751328000000), INT64_C(1743296400000),
           INT64_C(1761440400000), HOUR, 0, "IST");
    RESOLVE(z, 2025, 3, 30, 1, 30, 0, 0, GAP, INT64_C(1743294600000),
            INT64_C(1743298200000));
    RESOLVE(z, 2025, 10, 26, 1, 30, 0, 0, FOLD, INT64_C(1761438600000),
            INT64_C(1761442200000));
    sla_zone_unref(z);

    /* Minutes and seconds in the times, and the largest hours. */
    z = POSIX("XXX3YYY,M3.2.0/2:30:15,M11.1.0/-1:15");
    NEXT(z, INT64_C(1735689600000), INT64_C(1741498215000));
    sla_zone_unref(z);
    z = POSIX("XXX0YYY,J1/167,J300/-167");
    NEXT(z, INT64_C(1735689600000), INT64_C(1736290800000));
    sla_zone_unref(z);
}
END_TEST

struct posix_error_case {
    const char *tz;
    int64_t lo, hi; /* where err.offset may point */
};

static const struct posix_error_case posix_errors[] = {
    {"", 0, 0},                               /* no name */
    {"JS-9", 0, 0},                           /* 2 letters */
    {"J1T-9", 0, 1},                          /* digit in a name */
    {"JST", 3, 3},                            /* no offset */
    {"JST-", 4, 4},                           /* sign alone */
    {"JST-25", 4, 6},                         /* hours 0-24 */
    {"JST-123", 4, 7},                        /* 3 digits */
    {"JST-9:6", 6, 7},                        /* one digit of minutes */
    {"JST-9:60", 6, 8},                       /* minute 60 */
    {"JST-9:00:60", 9, 11},                   /* second 60 */
    {"JST-9 ", 5, 5},                         /* trailing space */
    {"<+09-9", 6, 6},                         /* unclosed quote */
    {"<+0>-9", 0, 4},                         /* 2 characters */
    {"<+09 >-9", 4, 4},                       /* space in a quote */
    {"<ABCDEFGHIJKLMNOP>1", 1, 18},           /* 16 characters */
    {"ABCDEFGHIJKLMNOP1", 0, 16},             /* 16 letters */
    {"EST5EDT", 7, 7},                        /* DST name, no rule */
    {"EST5EDT4", 8, 8},                       /* DST offset, no rule */
    {"EST5EDT25,M3.2.0,M11.1.0", 7, 9},       /* DST offset 25 h */
    {"EST5EDT,", 8, 8},                       /* no date */
    {"EST5EDT,M13.2.0,M11.1.0", 9, 11},       /* month 13 */
    {"EST5EDT,M0.2.0,M11.1.0", 9, 10},        /* month 0 */
    {"EST5EDT,M3.6.0,M11.1.0", 11, 12},       /* week 6 */
    {"EST5EDT,M3.0.0,M11.1.0", 11, 12},       /* week 0 */
    {"EST5EDT,M3.2.7,M11.1.0", 13, 14},       /* weekday 7 */
    {"EST5EDT,M3.2,M11.1.0", 12, 12},         /* no weekday */
    {"EST5EDT,M3,M11.1.0", 10, 10},           /* no week */
    {"EST5EDT,M.2.0,M11.1.0", 9, 9},          /* no month */
    {"EST5EDT,M3.2.0", 14, 14},               /* no end date */
    {"EST5EDT,M3.2.0,", 15, 15},              /* empty end date */
    {"EST5EDT,M3.2.0.0,M11.1.0", 14, 14},     /* junk after a date */
    {"EST5EDT,M3.2.0,M11.1.0x", 22, 22},      /* junk at the end */
    {"EST5EDT,M3.2.0,M11.1.0,", 22, 22},      /* a third date */
    {"EST5EDT,M3.2.0,M11.1.0/", 23, 23},      /* time missing */
    {"EST5EDT,M3.2.0/,M11.1.0", 15, 15},      /* time missing */
    {"EST5EDT,M3.2.0/168,M11.1.0", 15, 18},   /* past 167 h */
    {"EST5EDT,M3.2.0/-168,M11.1.0", 15, 19},  /* before -167 h */
    {"EST5EDT,M3.2.0/1000,M11.1.0", 15, 19},  /* 4 digits */
    {"EST5EDT,M3.2.0/2:60,M11.1.0", 17, 19},  /* minute 60 */
    {"EST5EDT,J0,J365", 9, 10},               /* J0 */
    {"EST5EDT,J366,J1", 9, 12},               /* J366 */
    {"EST5EDT,366,1", 8, 11},                 /* day 366 */
    {"EST5EDT,X,1", 8, 8},                    /* not a date */
    {"EST5EDT;M3.2.0,M11.1.0", 7, 7},         /* ';' */
};

START_TEST(posix_errors_with_offsets)
{
    const struct posix_error_case *c = &posix_errors[_i];
    size_t len = strlen(c->tz);
    /* An exact-size copy, so that a read past the end is caught. */
    char *copy = malloc(len ? len : 1);
    struct sla_zone *z = NULL;
    struct sla_error err = fresh_error();
    int rc;
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, c->tz, len);
    rc = sla_zone_from_posix(&z, copy, len, &err);
    CHECK(rc == SLA_EPARSE, "'%s': rc %d, expected SLA_EPARSE", c->tz, rc);
    expect_error_record(&err, SLA_EPARSE, c->tz, __LINE__);
    CHECK(err.offset >= c->lo && err.offset <= c->hi,
          "'%s': err.offset " I64 " not in [" I64 ", " I64 "] (%s)", c->tz,
          err.offset, c->lo, c->hi, err.message);
    CHECK(err.line == 1 && err.column == err.offset + 1,
          "'%s': line %d column %d", c->tz, (int)err.line, (int)err.column);
    /* Without a record, the same code. */
    ck_assert_int_eq(sla_zone_from_posix(&z, copy, len, NULL), SLA_EPARSE);
    free(copy);
}
END_TEST

/* ------------------------------------------------------------------ */
/* sla_zone_from_offset().                                             */

START_TEST(from_offset_cases)
{
    struct sla_zone *z;
    static const int64_t bad[] = {
        SLA_ZONE_MAX_OFFSET_MS + 1000, -SLA_ZONE_MAX_OFFSET_MS - 1000,
        500, -1, HOUR + 1, INT64_MIN, INT64_MAX, 30 * HOUR,
    };
    size_t i;
    ck_assert_int_eq(sla_zone_from_offset(&z, 0), 0);
    expect_fixed_zone(z, "UTC", 0, "UTC", __LINE__);
    sla_zone_unref(z);
    ck_assert_int_eq(sla_zone_from_offset(&z, 9 * HOUR), 0);
    expect_fixed_zone(z, "+09:00", 9 * HOUR, "+09", __LINE__);
    sla_zone_unref(z);
    ck_assert_int_eq(sla_zone_from_offset(&z, 5 * HOUR + 30 * MINUTE), 0);
    expect_fixed_zone(z, "+05:30", 5 * HOUR + 30 * MINUTE, "+0530", __LINE__);
    sla_zone_unref(z);
    ck_assert_int_eq(sla_zone_from_offset(&z, -3 * HOUR), 0);
    expect_fixed_zone(z, "-03:00", -3 * HOUR, "-03", __LINE__);
    sla_zone_unref(z);
    ck_assert_int_eq(sla_zone_from_offset(&z, -(9 * HOUR + 30 * MINUTE)), 0);
    expect_fixed_zone(z, "-09:30", -(9 * HOUR + 30 * MINUTE), "-0930",
                      __LINE__);
    sla_zone_unref(z);
    /* Seconds. */
    ck_assert_int_eq(sla_zone_from_offset(&z, INT64_C(1172000)), 0);
    expect_fixed_zone(z, "+00:19:32", INT64_C(1172000), "+001932", __LINE__);
    sla_zone_unref(z);
    ck_assert_int_eq(sla_zone_from_offset(&z, -INT64_C(17762000)), 0);
    expect_fixed_zone(z, "-04:56:02", -INT64_C(17762000), "-045602",
                      __LINE__);
    sla_zone_unref(z);
    /* The limits are allowed. */
    ck_assert_int_eq(sla_zone_from_offset(&z, SLA_ZONE_MAX_OFFSET_MS), 0);
    expect_fixed_zone(z, "+26:00", 26 * HOUR, "+26", __LINE__);
    sla_zone_unref(z);
    ck_assert_int_eq(sla_zone_from_offset(&z, -SLA_ZONE_MAX_OFFSET_MS), 0);
    expect_fixed_zone(z, "-26:00", -26 * HOUR, "-26", __LINE__);
    sla_zone_unref(z);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        z = NULL;
        CHECK(sla_zone_from_offset(&z, bad[i]) == SLA_EINVAL,
              "offset " I64 " accepted", bad[i]);
    }
    ck_assert_int_eq(sla_zone_from_offset(NULL, 0), SLA_EINVAL);
}
END_TEST

/* ------------------------------------------------------------------ */
/* sla_zone_from_tzif(): files built here (RFC 8536 section 3).        */

struct tzb_type {
    int32_t utoff;
    uint8_t isdst;
    uint8_t abbr; /* index into the abbreviation bytes */
};

struct tzb {
    char version; /* 0, '2', '3' or '4' */
    size_t timecnt;
    const int64_t *times;
    const uint8_t *idx;
    size_t typecnt;
    const struct tzb_type *types;
    size_t charcnt;
    const char *chars;
    int indicators;      /* write isstd and isut arrays (all 0) */
    uint32_t leapcnt;    /* leap-second records */
    const char *footer;  /* version 2+: the text between the newlines */
    const struct tzb *v1; /* version 2+: the version 1 block */
};

/* Where the parts of the block that is read (the 32-bit one of a version
 * 1 file, the 64-bit one otherwise) were written. */
struct tzb_layout {
    size_t hdr, times, idx, types, chars, leaps, isstd, isut, end, footer,
        len;
};

#define TZB_MAX 8192

static void put_be(uint8_t *p, uint64_t v, int n)
{
    int i;
    for (i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
}

static size_t tzb_block(uint8_t *buf, size_t at, const struct tzb *b,
                        char version, int tsize, struct tzb_layout *lay)
{
    size_t i, ind = b->indicators ? b->typecnt : 0;
    size_t need = 44 + b->timecnt * (size_t)(tsize + 1) + b->typecnt * 6 +
                  b->charcnt + b->leapcnt * (size_t)(tsize + 4) + 2 * ind;
    ck_assert_uint_lt(at + need, TZB_MAX - 300);
    lay->hdr = at;
    memcpy(buf + at, "TZif", 4);
    buf[at + 4] = (uint8_t)version;
    memset(buf + at + 5, 0, 15);
    put_be(buf + at + 20, ind, 4);
    put_be(buf + at + 24, ind, 4);
    put_be(buf + at + 28, b->leapcnt, 4);
    put_be(buf + at + 32, b->timecnt, 4);
    put_be(buf + at + 36, b->typecnt, 4);
    put_be(buf + at + 40, b->charcnt, 4);
    at += 44;
    lay->times = at;
    for (i = 0; i < b->timecnt; i++, at += (size_t)tsize)
        put_be(buf + at, (uint64_t)b->times[i], tsize);
    lay->idx = at;
    if (b->timecnt)
        memcpy(buf + at, b->idx, b->timecnt);
    at += b->timecnt;
    lay->types = at;
    for (i = 0; i < b->typecnt; i++, at += 6) {
        put_be(buf + at, (uint32_t)b->types[i].utoff, 4);
        buf[at + 4] = b->types[i].isdst;
        buf[at + 5] = b->types[i].abbr;
    }
    lay->chars = at;
    memcpy(buf + at, b->chars, b->charcnt);
    at += b->charcnt;
    lay->leaps = at;
    for (i = 0; i < b->leapcnt; i++) {
        put_be(buf + at, (uint64_t)(78796800 + 15897600 * (int64_t)i), tsize);
        at += (size_t)tsize;
        put_be(buf + at, (uint32_t)(i + 1), 4);
        at += 4;
    }
    lay->isstd = at;
    memset(buf + at, 0, ind);
    at += ind;
    lay->isut = at;
    memset(buf + at, 0, ind);
    at += ind;
    lay->end = at;
    return at;
}

static size_t tzb_build(uint8_t *buf, const struct tzb *b,
                        struct tzb_layout *lay)
{
    struct tzb_layout l1;
    size_t at, n;
    if (!b->version) {
        at = tzb_block(buf, 0, b, 0, 4, lay);
        lay->footer = lay->len = at;
        return at;
    }
    at = tzb_block(buf, 0, b->v1 ? b->v1 : b, b->version, 4, &l1);
    at = tzb_block(buf, at, b, b->version, 8, lay);
    lay->footer = at;
    n = b->footer ? strlen(b->footer) : 0;
    ck_assert_uint_lt(at + n + 2, TZB_MAX);
    buf[at++] = '\n';
    memcpy(buf + at, b->footer ? b->footer : "", n);
    at += n;
    buf[at++] = '\n';
    lay->len = at;
    return at;
}

/* Load from an exact-size heap copy, freed at once: a read past the end
 * is caught by the sanitizers, and a zone must not keep the caller's
 * bytes. */
static int tzif_load(struct sla_zone **z, const uint8_t *data, size_t len,
                     const char *name, struct sla_error *err)
{
    uint8_t *copy = malloc(len ? len : 1);
    int rc;
    ck_assert_ptr_nonnull(copy);
    if (len)
        memcpy(copy, data, len);
    rc = sla_zone_from_tzif(z, copy, len, name, err);
    memset(copy, 0xee, len);
    free(copy);
    return rc;
}

static void expect_tzif_error(const uint8_t *data, size_t len, int code,
                              int64_t offset, const char *what, int line)
{
    struct sla_zone *z = NULL;
    struct sla_error err = fresh_error();
    int rc = tzif_load(&z, data, len, "bad", &err);
    CHECK(rc == code, "line %d: %s: rc %d, expected %d (%s at " I64 ")", line,
          what, rc, code, err.message, err.offset);
    expect_error_record(&err, code, what, line);
    CHECK(offset < 0 || err.offset == offset,
          "line %d: %s: err.offset " I64 ", expected " I64 " (%s)", line,
          what, err.offset, offset, err.message);
    if (rc == 0)
        sla_zone_unref(z);
}
#define TZIF_ERROR(data, len, code, offset, what)                            \
    expect_tzif_error((data), (len), (code), (offset), (what), __LINE__)

/* Version 1: AAA +01:00 and BBB +02:00 (DST), three 32-bit transitions,
 * with the isstd and isut indicators. */
static const int64_t v1_times[] = {-2000000000, 1000000000, 2000000000};
static const uint8_t v1_idx[] = {1, 0, 1};
static const struct tzb_type v1_types[] = {{3600, 0, 0}, {7200, 1, 4}};
static const struct tzb good_v1 = {0,       3,  v1_times,  v1_idx,
                                   2,       v1_types,      8,
                                   "AAA\0BBB", 1, 0,       NULL,
                                   NULL};

/* Version 2: LMT +00:30 until -3e9 s (before 1902, out of 32-bit reach),
 * then AAA +01:00 and BBB +02:00 (DST) until 3e9 s (2065, also out of
 * reach), then the footer's EU-like rule. The version 1 block says
 * something else (XXX +05:00), and must be ignored. */
static const int64_t v2_times[] = {-3000000000, 1000000000, 1020000000,
                                   2000000000, 3000000000};
static const uint8_t v2_idx[] = {1, 2, 1, 2, 1};
static const struct tzb_type v2_types[] = {
    {1800, 0, 0}, {3600, 0, 4}, {7200, 1, 8}};
static const struct tzb_type v2_v1types[] = {{18000, 0, 0}};
static const struct tzb good_v2_v1 = {'2', 0, NULL, NULL, 1, v2_v1types,
                                      4,   "XXX", 0, 0, NULL, NULL};
static const struct tzb good_v2 = {'2', 5, v2_times, v2_idx, 3, v2_types,
                                   12,  "LMT\0AAA\0BBB", 1, 0,
                                   "AAA-1BBB,M3.5.0,M10.5.0/3", &good_v2_v1};

/* Version 3: no transitions, the footer governs: Nuuk's rule of 2023. */
static const struct tzb_type v3_types[] = {{0, 0, 0}};
static const struct tzb good_v3 = {'3', 0, NULL, NULL, 1, v3_types, 4, "XXX",
                                   0,   0, "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1",
                                   NULL};

START_TEST(tzif_good_v1)
{
    uint8_t buf[TZB_MAX];
    struct tzb_layout lay;
    size_t len = tzb_build(buf, &good_v1, &lay);
    struct sla_zone *z = NULL;
    struct sla_error err = fresh_error();
    ck_assert_int_eq(tzif_load(&z, buf, len, NULL, &err), 0);
    ck_assert_str_eq(sla_zone_name(z), "TZif");
    /* Type 0 before the first transition, the last type after the last. */
    PERIOD(z, INT64_MIN, INT64_MIN, INT64_C(-2000000000000), HOUR, 0, "AAA");
    PERIOD(z, 0, INT64_C(-2000000000000), INT64_C(1000000000000), 2 * HOUR,
           1, "BBB");
    PERIOD(z, INT64_C(1500000000000), INT64_C(1000000000000),
           INT64_C(2000000000000), HOUR, 0, "AAA");
    PERIOD(z, INT64_MAX - 1, INT64_C(2000000000000), INT64_MAX, 2 * HOUR, 1,
           "BBB");
    NEXT(z, INT64_MIN, INT64_C(-2000000000000));
    NO_NEXT(z, INT64_C(2000000000000));
    PREV(z, INT64_C(2000000000000), INT64_C(1000000000000));
    /* 2001-09-09T01:46:40Z: 03:46:40 BBB became 02:46:40 AAA. */
    RESOLVE(z, 2001, 9, 9, 3, 0, 0, 0, FOLD, INT64_C(999997200000),
            INT64_C(1000000800000));
    RESOLVE(z, 2001, 9, 9, 2, 46, 39, 999, UNIQUE, INT64_C(999996399999),
            INT64_C(999996399999));
    sla_zone_unref(z);
}
END_TEST

START_TEST(tzif_good_v2)
{
    /* Python's zoneinfo, reading the same bytes: */
    static const int64_t want[] = {
        INT64_C(-3000000000000), INT64_C(1000000000000),
        INT64_C(1020000000000),  INT64_C(2000000000000),
        INT64_C(3000000000000),  INT64_C(3005514000000),
        INT64_C(3023658000000),  INT64_C(3036963600000),
        INT64_C(3055712400000),  INT64_C(3068413200000),
        INT64_C(3087162000000),  INT64_C(3099862800000),
    };
    uint8_t buf[TZB_MAX];
    struct tzb_layout lay;
    size_t len = tzb_build(buf, &good_v2, &lay), i;
    struct sla_zone *z = NULL;
    struct sla_error err = fresh_error();
    int64_t t = INT64_MIN, n;
    ck_assert_int_eq(tzif_load(&z, buf, len, "Custom/Name", &err), 0);
    ck_assert_str_eq(sla_zone_name(z), "Custom/Name");
    for (i = 0; i < sizeof want / sizeof want[0]; i++) {
        ck_assert_int_eq(sla_zone_next_transition(&n, z, t), 0);
        CHECK(n == want[i], "transition %zu at " I64 ", expected " I64, i, n,
              want[i]);
        t = n;
    }
    PERIOD(z, INT64_MIN, INT64_MIN, want[0], 1800000, 0, "LMT");
    PERIOD(z, 0, want[0], want[1], HOUR, 0, "AAA");
    PERIOD(z, want[1], want[1], want[2], 2 * HOUR, 1, "BBB");
    PERIOD(z, want[4], want[4], want[5], HOUR, 0, "AAA");
    PERIOD(z, want[5], want[5], want[6], 2 * HOUR, 1, "BBB");
    PREV(z, want[5], want[4]);
    PREV(z, want[4], want[3]);
    sla_zone_unref(z);

    /* The same data as versions 3 and 4. */
    {
        struct tzb b = good_v2;
        b.version = '3';
        len = tzb_build(buf, &b, &lay);
        ck_assert_int_eq(tzif_load(&z, buf, len, NULL, &err), 0);
        NEXT(z, want[4], want[5]);
        sla_zone_unref(z);
        b.version = '4';
        len = tzb_build(buf, &b, &lay);
        ck_assert_int_eq(tzif_load(&z, buf, len, NULL, &err), 0);
        NEXT(z, want[4], want[5]);
        sla_zone_unref(z);
    }
}
END_TEST

START_TEST(tzif_good_v3_footer_only)
{
    uint8_t buf[TZB_MAX];
    struct tzb_layout lay;
    size_t len = tzb_build(buf, &good_v3, &lay);
    struct sla_zone *z = NULL;
    struct sla_error err = fresh_error();
    ck_assert_int_eq(tzif_load(&z, buf, len, NULL, &err), 0);
    /* Python, for the same bytes: 2040-03-25T01:00Z and 2040-10-28T01:00Z. */
    NEXT(z, INT64_C(2208988800000), INT64_C(2216250000000));
    NEXT(z, INT64_C(2216250000000), INT64_C(2234998800000));
    PERIOD(z, INT64_C(2216250000000), INT64_C(2216250000000),
           INT64_C(2234998800000), -2 * HOUR, 1, "-02");
    sla_zone_unref(z);

    /* A fixed footer with no transitions governs everything too. */
    {
        struct tzb b = good_v3;
        b.footer = "JST-9";
        len = tzb_build(buf, &b, &lay);
        ck_assert_int_eq(tzif_load(&z, buf, len, NULL, &err), 0);
        PERIOD(z, 0, INT64_MIN, INT64_MAX, 9 * HOUR, 0, "JST");
        sla_zone_unref(z);
    }
}
END_TEST

/* Transition times outside the int64_t millisecond range. */
START_TEST(tzif_clamps)
{
    static const struct tzb_type types[] = {
        {0, 0, 0}, {3600, 0, 4}, {7200, 0, 8}};
    const int64_t big_bang[] = {-(INT64_C(1) << 59), 0};
    const int64_t far[] = {0, INT64_C(1) << 62};
    static const uint8_t idx[] = {1, 2};
    uint8_t buf[TZB_MAX];
    struct tzb_layout lay;
    struct tzb b = {'2', 2, big_bang, idx, 3, types, 12, "AAA\0BBB\0CCC",
                    0, 0, "CCC-2", NULL};
    struct sla_zone *z = NULL;
    size_t len;

    /* zic's "big bang" at -2^59 s: the type in force from the start. */
    len = tzb_build(buf, &b, &lay);
    ck_assert_int_eq(tzif_load(&z, buf, len, NULL, NULL), 0);
    PERIOD(z, INT64_MIN, INT64_MIN, 0, HOUR, 0, "BBB");
    PERIOD(z, INT64_MAX - 1, 0, INT64_MAX, 2 * HOUR, 0, "CCC");
    NEXT(z, INT64_MIN, 0);
    sla_zone_unref(z);

    /* After the range: dropped, and the footer never applies. */
    b.times = far;
    len = tzb_build(buf, &b, &lay);
    ck_assert_int_eq(tzif_load(&z, buf, len, NULL, NULL), 0);
    PERIOD(z, INT64_MIN, INT64_MIN, 0, 0, 0, "AAA");
    PERIOD(z, INT64_MAX - 1, 0, INT64_MAX, HOUR, 0, "BBB");
    NO_NEXT(z, 0);
    sla_zone_unref(z);

    /* An empty footer keeps the last type. */
    b.times = big_bang;
    b.footer = "";
    len = tzb_build(buf, &b, &lay);
    ck_assert_int_eq(tzif_load(&z, buf, len, NULL, NULL), 0);
    PERIOD(z, INT64_MAX - 1, 0, INT64_MAX, 2 * HOUR, 0, "CCC");
    sla_zone_unref(z);

    /* Entries that change nothing are no transitions. */
    {
        static const int64_t times[] = {0, 1000, 2000, 3000};
        static const uint8_t same[] = {1, 3, 1, 2};
        static const struct tzb_type dup[] = {
            {0, 0, 0}, {3600, 0, 4}, {7200, 0, 8}, {3600, 0, 4}};
        struct tzb d = {'2', 4, times, same, 4, dup, 12, "AAA\0BBB\0CCC",
                        0, 0, "CCC-2", NULL};
        len = tzb_build(buf, &d, &lay);
        ck_assert_int_eq(tzif_load(&z, buf, len, NULL, NULL), 0);
        PERIOD(z, 1500000, 0, 3000000, HOUR, 0, "BBB");
        NEXT(z, 0, 3000000);
        PREV(z, 3000000, 0);
        sla_zone_unref(z);
    }
}
END_TEST

/* A last transition late in 2369: the footer's rule is expanded up to the
 * cycle boundary a year or more later (2770), then repeated. Python's
 * zoneinfo, for the same bytes, around both seams: */
START_TEST(tzif_near_cycle_boundary)
{
    static const int64_t times[] = {-3000000000, 1000000000, 1020000000,
                                    INT64_C(12618720000)};
    static const uint8_t idx[] = {1, 2, 1, 1};
    static const int64_t want2370[] = {
        INT64_C(12630301200000), INT64_C(12648445200000),
        INT64_C(12661750800000), INT64_C(12680499600000)};
    static const int64_t want2770[] = {
        INT64_C(25221632400000), INT64_C(25239776400000),
        INT64_C(25253082000000), INT64_C(25271226000000),
        INT64_C(25284531600000), INT64_C(25303280400000)};
    uint8_t buf[TZB_MAX];
    struct tzb_layout lay;
    struct tzb b = good_v2;
    struct sla_zone *z = NULL;
    int64_t t, n;
    size_t i, len;
    b.timecnt = 4;
    b.times = times;
    b.idx = idx;
    len = tzb_build(buf, &b, &lay);
    ck_assert_int_eq(tzif_load(&z, buf, len, NULL, NULL), 0);
    t = INT64_C(12591244800000); /* 2369-01-01 */
    for (i = 0; i < sizeof want2370 / sizeof want2370[0]; i++) {
        ck_assert_int_eq(sla_zone_next_transition(&n, z, t), 0);
        CHECK(n == want2370[i], "2370: transition %zu at " I64 ", expected "
              I64, i, n, want2370[i]);
        PREV(z, n, i ? want2370[i - 1] : INT64_C(1020000000000));
        t = n;
    }
    NEXT(z, t, INT64_C(12693200400000)); /* 2372-03-26T01:00Z */
    PERIOD(z, INT64_C(12591244800000), INT64_C(1020000000000),
           want2370[0], HOUR, 0, "AAA");
    t = INT64_C(25214025600000); /* 2769-01-01 */
    for (i = 0; i < sizeof want2770 / sizeof want2770[0]; i++) {
        ck_assert_int_eq(sla_zone_next_transition(&n, z, t), 0);
        CHECK(n == want2770[i], "2770: transition %zu at " I64 ", expected "
              I64, i, n, want2770[i]);
        if (i)
            PREV(z, n, want2770[i - 1]);
        t = n;
    }
    sla_zone_unref(z);
}
END_TEST

/* INT64_MAX in zones from TZif bytes: with no footer (version 1), and
 * with a fixed footer. */
START_TEST(tzif_at_int64_max)
{
    uint8_t buf[TZB_MAX];
    struct tzb_layout lay;
    struct sla_zone *z = NULL;
    struct tzb b = good_v2;
    char msg[300];
    const char *f1, *f2;
    size_t len = tzb_build(buf, &good_v1, &lay);
    ck_assert_int_eq(tzif_load(&z, buf, len, NULL, NULL), 0);
    f1 = run_probe(z, msg, sizeof msg);
    sla_zone_unref(z);
    CHECK(f1 == NULL, "version 1, no footer: %s", f1);
    b.footer = "AAA-1";
    len = tzb_build(buf, &b, &lay);
    ck_assert_int_eq(tzif_load(&z, buf, len, NULL, NULL), 0);
    f2 = run_probe(z, msg, sizeof msg);
    sla_zone_unref(z);
    CHECK(f2 == NULL, "fixed footer: %s", f2);
}
END_TEST

/* Every strict prefix of a valid file is refused cleanly. */
START_TEST(tzif_every_prefix)
{
    const struct tzb *files[] = {&good_v1, &good_v2, &good_v3};
    uint8_t buf[TZB_MAX];
    struct tzb_layout lay;
    size_t f;
    for (f = 0; f < sizeof files / sizeof files[0]; f++) {
        size_t len = tzb_build(buf, files[f], &lay), cut;
        struct sla_zone *z = NULL;
        ck_assert_int_eq(tzif_load(&z, buf, len, NULL, NULL), 0);
        sla_zone_unref(z);
        for (cut = 0; cut < len; cut++) {
            struct sla_error err = fresh_error();
            int rc;
            z = NULL;
            rc = tzif_load(&z, buf, cut, NULL, &err);
            CHECK(rc == SLA_EPARSE && err.code == SLA_EPARSE &&
                      err.message[0] != '\0' && err.offset >= 0 &&
                      err.offset <= (int64_t)cut,
                  "file %zu cut to %zu of %zu bytes: rc %d offset " I64
                  " (%s)",
                  f, cut, len, rc, err.offset, err.message);
        }
    }
    {
        struct sla_zone *z = NULL;
        struct sla_error err = fresh_error();
        ck_assert_int_eq(sla_zone_from_tzif(&z, NULL, 0, NULL, &err),
                         SLA_EPARSE);
        expect_error_record(&err, SLA_EPARSE, "no data", __LINE__);
    }
}
END_TEST

START_TEST(tzif_malformed_headers)
{
    uint8_t buf[TZB_MAX], b2[TZB_MAX];
    struct tzb_layout l1, l2;
    size_t n1 = tzb_build(buf, &good_v1, &l1);
    size_t n2 = tzb_build(b2, &good_v2, &l2);
    uint8_t t[TZB_MAX];

#define PATCH(src, at, value)                                                 \
    do {                                                                      \
        memcpy(t, (src), sizeof t);                                           \
        t[(at)] = (uint8_t)(value);                                           \
    } while (0)
#define PATCH32(src, at, value)                                               \
    do {                                                                      \
        memcpy(t, (src), sizeof t);                                           \
        put_be(t + (at), (uint32_t)(value), 4);                               \
    } while (0)

    PATCH(buf, 0, 't');
    TZIF_ERROR(t, n1, SLA_EPARSE, 0, "bad magic");
    PATCH(b2, l2.hdr + 3, 'F');
    TZIF_ERROR(t, n2, SLA_EPARSE, (int64_t)l2.hdr, "bad second magic");
    PATCH(buf, 4, '1');
    TZIF_ERROR(t, n1, SLA_EPARSE, 4, "version '1'");
    PATCH(buf, 4, 'A');
    TZIF_ERROR(t, n1, SLA_EPARSE, 4, "version 'A'");
    PATCH(buf, 4, 1);
    TZIF_ERROR(t, n1, SLA_EPARSE, 4, "version 1 as a byte");
    PATCH(b2, 4, '/');
    TZIF_ERROR(t, n2, SLA_EPARSE, 4, "version '/'");
    PATCH(b2, l2.hdr + 4, 0);
    TZIF_ERROR(t, n2, SLA_EPARSE, (int64_t)l2.hdr + 4,
               "second header of version 1");

    PATCH32(buf, 36, 0);
    TZIF_ERROR(t, n1, SLA_EPARSE, 36, "typecnt 0");
    PATCH32(buf, 36, 257);
    TZIF_ERROR(t, n1, SLA_EPARSE, 36, "typecnt 257");
    PATCH32(b2, l2.hdr + 36, 0);
    TZIF_ERROR(t, n2, SLA_EPARSE, (int64_t)l2.hdr + 36, "v2 typecnt 0");
    PATCH32(b2, 36, 0);
    TZIF_ERROR(t, n2, SLA_EPARSE, 36, "v2 first typecnt 0");
    PATCH32(buf, 40, 0);
    TZIF_ERROR(t, n1, SLA_EPARSE, 40, "charcnt 0");
    PATCH32(b2, l2.hdr + 40, 0);
    TZIF_ERROR(t, n2, SLA_EPARSE, (int64_t)l2.hdr + 40, "v2 charcnt 0");
    PATCH32(buf, 20, 1);
    TZIF_ERROR(t, n1, SLA_EPARSE, 20, "isutcnt 1 of 2");
    PATCH32(buf, 20, 3);
    TZIF_ERROR(t, n1, SLA_EPARSE, 20, "isutcnt 3 of 2");
    PATCH32(buf, 24, 1);
    TZIF_ERROR(t, n1, SLA_EPARSE, 24, "isstdcnt 1 of 2");
    PATCH32(b2, l2.hdr + 24, 2);
    TZIF_ERROR(t, n2, SLA_EPARSE, (int64_t)l2.hdr + 24, "v2 isstdcnt 2 of 3");

    /* Counts that run past the end. */
    PATCH32(buf, 32, 0xffffffffu);
    TZIF_ERROR(t, n1, SLA_EPARSE, -1, "timecnt 2^32-1");
    PATCH32(buf, 40, 0xffffffffu);
    TZIF_ERROR(t, n1, SLA_EPARSE, -1, "charcnt 2^32-1");
    PATCH32(b2, 32, 0xffffffffu);
    TZIF_ERROR(t, n2, SLA_EPARSE, -1, "v1 block timecnt 2^32-1");
    PATCH32(b2, l2.hdr + 32, 6);
    TZIF_ERROR(t, n2, SLA_EPARSE, -1, "v2 timecnt one too many");
    PATCH32(buf, 32, 2);
    TZIF_ERROR(t, n1, SLA_EPARSE, -1, "v1 timecnt one too few");

    /* Leap seconds: refused, in either header. */
    {
        struct tzb b = good_v1;
        size_t n;
        b.leapcnt = 2;
        n = tzb_build(t, &b, &l1);
        TZIF_ERROR(t, n, SLA_EUNSUPPORTED, 28, "leap seconds v1");
        b = good_v2;
        b.leapcnt = 1;
        n = tzb_build(t, &b, &l1);
        TZIF_ERROR(t, n, SLA_EUNSUPPORTED, (int64_t)l1.hdr + 28,
                   "leap seconds v2");
    }
#undef PATCH
#undef PATCH32
}
END_TEST

START_TEST(tzif_malformed_data)
{
    uint8_t buf[TZB_MAX];
    struct tzb_layout lay;
    size_t n;
    struct tzb b;

    /* A transition type index past the types. */
    {
        static const uint8_t idx[] = {1, 2, 1};
        b = good_v1;
        b.idx = idx;
        n = tzb_build(buf, &b, &lay);
        TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.idx + 1, "index 2 of 2");
        b = good_v2;
        b.idx = (const uint8_t[]){1, 2, 1, 2, 3};
        n = tzb_build(buf, &b, &lay);
        TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.idx + 4, "v2 index 3 of 3");
    }
    /* Transitions that do not increase. */
    {
        static const int64_t same[] = {-2000000000, 1000000000, 1000000000};
        static const int64_t back[] = {-2000000000, 1000000000, 999999999};
        b = good_v1;
        b.times = same;
        n = tzb_build(buf, &b, &lay);
        TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.times + 8, "equal times");
        b.times = back;
        n = tzb_build(buf, &b, &lay);
        TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.times + 8,
                   "decreasing times");
        b = good_v2;
        b.times = (const int64_t[]){-3000000000, 1000000000, 1020000000,
                                    1020000000, 3000000000};
        n = tzb_build(buf, &b, &lay);
        TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.times + 3 * 8,
                   "v2 equal times");
    }
    /* Abbreviations. */
    {
        static const struct tzb_type past[] = {{3600, 0, 0}, {7200, 1, 8}};
        b = good_v1;
        b.types = past;
        n = tzb_build(buf, &b, &lay);
        TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.types + 6 + 5,
                   "abbreviation index 8 of 8");
        b = good_v1;
        b.chars = "AAA\0BBBB";
        n = tzb_build(buf, &b, &lay);
        TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.chars + 7,
                   "abbreviations without a final NUL");
        b = good_v1;
        b.chars = "AAA\0ABCDEFGHIJKLMNOP";
        b.charcnt = 21;
        n = tzb_build(buf, &b, &lay);
        TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.chars + 4,
                   "abbreviation of 16 bytes");
        b.chars = "AAA\0ABCDEFGHIJKLMNO";
        b.charcnt = 20;
        n = tzb_build(buf, &b, &lay);
        {
            struct sla_zone *z = NULL;
            ck_assert_int_eq(tzif_load(&z, buf, n, NULL, NULL), 0);
            PERIOD(z, 0, INT64_C(-2000000000000), INT64_C(1000000000000),
                   2 * HOUR, 1, "ABCDEFGHIJKLMNO");
            sla_zone_unref(z);
        }
    }
    /* Offsets within 26 hours; DST flags 0 or 1; indicators 0 or 1. */
    {
        struct tzb_type ty[2] = {{3600, 0, 0}, {93601, 1, 4}};
        b = good_v1;
        b.types = ty;
        n = tzb_build(buf, &b, &lay);
        TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.types + 6, "utoff 93601");
        ty[1].utoff = -93601;
        n = tzb_build(buf, &b, &lay);
        TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.types + 6, "utoff -93601");
        ty[1].utoff = INT32_MIN;
        n = tzb_build(buf, &b, &lay);
        TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.types + 6, "utoff -2^31");
        ty[1].utoff = 93600;
        n = tzb_build(buf, &b, &lay);
        {
            struct sla_zone *z = NULL;
            ck_assert_int_eq(tzif_load(&z, buf, n, NULL, NULL), 0);
            PERIOD(z, 0, INT64_C(-2000000000000), INT64_C(1000000000000),
                   26 * HOUR, 1, "BBB");
            sla_zone_unref(z);
        }
        ty[1].utoff = -93600;
        n = tzb_build(buf, &b, &lay);
        {
            struct sla_zone *z = NULL;
            ck_assert_int_eq(tzif_load(&z, buf, n, NULL, NULL), 0);
            sla_zone_unref(z);
        }
        ty[1].utoff = 7200;
        ty[1].isdst = 2;
        n = tzb_build(buf, &b, &lay);
        TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.types + 6 + 4, "isdst 2");
        ty[1].isdst = 1;
        n = tzb_build(buf, &b, &lay);
        buf[lay.isstd + 1] = 2;
        TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.isstd + 1, "isstd 2");
        n = tzb_build(buf, &b, &lay);
        buf[lay.isut] = 2;
        TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.isut, "isut 2");
    }
    /* What follows the data. */
    n = tzb_build(buf, &good_v1, &lay);
    buf[n] = 0;
    TZIF_ERROR(buf, n + 1, SLA_EPARSE, (int64_t)n, "v1 trailing byte");
    n = tzb_build(buf, &good_v2, &lay);
    buf[n] = 'X';
    TZIF_ERROR(buf, n + 1, SLA_EPARSE, (int64_t)n, "trailing garbage");
    buf[n] = '\n';
    TZIF_ERROR(buf, n + 1, SLA_EPARSE, (int64_t)n, "trailing newline");
    TZIF_ERROR(buf, n - 1, SLA_EPARSE, (int64_t)n - 1,
               "no newline ending the footer");
    TZIF_ERROR(buf, lay.footer, SLA_EPARSE, (int64_t)lay.footer,
               "no footer at all");
    buf[lay.footer] = ' ';
    TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.footer,
               "no newline starting the footer");
    /* Malformed footers: the offset is in the file. */
    b = good_v2;
    b.footer = "JST";
    n = tzb_build(buf, &b, &lay);
    TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.footer + 1 + 3,
               "footer without an offset");
    b.footer = "EST5EDT";
    n = tzb_build(buf, &b, &lay);
    TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.footer + 1 + 7,
               "footer without a rule");
    b.footer = "AAA-1BBB,M3.5.0,M10.5.0/3 ";
    n = tzb_build(buf, &b, &lay);
    TZIF_ERROR(buf, n, SLA_EPARSE, (int64_t)lay.footer + 1 + 25,
               "footer with a space");
    {
        struct sla_zone *z = NULL;
        struct sla_error err = fresh_error();
        b.footer = "AAA-1BBB,M13.5.0,M10.5.0/3";
        n = tzb_build(buf, &b, &lay);
        ck_assert_int_eq(tzif_load(&z, buf, n, NULL, &err), SLA_EPARSE);
        expect_error_record(&err, SLA_EPARSE, "footer month 13", __LINE__);
        CHECK(err.offset >= (int64_t)lay.footer + 1 + 10 &&
                  err.offset <= (int64_t)lay.footer + 1 + 12,
              "footer month 13 at " I64 ", footer at %zu", err.offset,
              lay.footer);
    }
    TZIF_ERROR((const uint8_t *)"TZif", 4, SLA_EPARSE, -1, "magic alone");
}
END_TEST

/* Every TZif file on the system loads (regular files; the links name the
 * same files again); right/ files have leap seconds and are refused. */
static struct {
    int tzif, loaded, right, failed;
    char failure[300];
} sys_walk;

static int visit_zone(const char *path, const struct stat *st, int flag,
                      struct FTW *ftw)
{
    uint8_t *data;
    size_t len = 0;
    struct sla_zone *z = NULL;
    struct sla_error err = fresh_error();
    const char *name = path + strlen(SYS_TZDIR) + 1;
    int rc, right;
    (void)ftw;
    if (flag != FTW_F || !S_ISREG(st->st_mode))
        return 0;
    data = slurp(path, &len);
    if (!data)
        return 0;
    if (len < 4 || memcmp(data, "TZif", 4) != 0) {
        free(data);
        return 0;
    }
    sys_walk.tzif++;
    right = strncmp(name, "right/", 6) == 0;
    rc = sla_zone_from_tzif(&z, data, len, name, &err);
    free(data);
    if (right && rc == SLA_EUNSUPPORTED && err.message[0]) {
        sys_walk.right++;
        return 0;
    }
    if (!right && rc == 0) {
        struct sla_zone_period p;
        int64_t n;
        sys_walk.loaded++;
        if (strcmp(sla_zone_name(z), name) != 0 ||
            sla_zone_period_at(&p, z, INT64_C(1750000000000)) != 0 ||
            p.abbreviation[0] == '\0' ||
            (sla_zone_next_transition(&n, z, INT64_C(1750000000000)) == 0 &&
             n <= INT64_C(1750000000000))) {
            sys_walk.failed++;
            snprintf(sys_walk.failure, sizeof sys_walk.failure,
                     "%s: inconsistent after loading", name);
        }
        sla_zone_unref(z);
        return 0;
    }
    if (rc == 0)
        sla_zone_unref(z);
    if (!sys_walk.failed++)
        snprintf(sys_walk.failure, sizeof sys_walk.failure, "%s: rc %d (%s)",
                 name, rc, err.message);
    return 0;
}

START_TEST(system_zones)
{
    memset(&sys_walk, 0, sizeof sys_walk);
    ck_assert_int_eq(nftw(SYS_TZDIR, visit_zone, 32, FTW_PHYS), 0);
    printf("zone: %d TZif files under " SYS_TZDIR ": %d loaded, %d right/ "
           "refused (leap seconds), %d failed\n",
           sys_walk.tzif, sys_walk.loaded, sys_walk.right, sys_walk.failed);
    fflush(stdout);
    CHECK(sys_walk.failed == 0, "%d files failed; first: %s", sys_walk.failed,
          sys_walk.failure);
    ck_assert_int_gt(sys_walk.loaded, 300);
    ck_assert_int_eq(sys_walk.tzif, sys_walk.loaded + sys_walk.right);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Objects: references, names, arguments.                              */

START_TEST(refcount)
{
    struct sla_zone *z = NULL, *extra[100];
    const char *name;
    int i;
    ck_assert_ptr_null(sla_zone_ref(NULL));
    sla_zone_unref(NULL);

    z = ZONE("America/New_York");
    name = sla_zone_name(z);
    for (i = 0; i < 100; i++) {
        extra[i] = sla_zone_ref(z);
        ck_assert_ptr_eq(extra[i], z);
    }
    /* Drop the first reference: the others keep the zone alive. */
    sla_zone_unref(z);
    for (i = 0; i < 99; i++)
        sla_zone_unref(extra[i]);
    ck_assert_str_eq(name, "America/New_York");
    NEXT(extra[99], INT64_C(1741503599999), INT64_C(1741503600000));
    RESOLVE(extra[99], 2025, 3, 9, 2, 30, 0, 0, GAP, INT64_C(1741501800000),
            INT64_C(1741505400000));
    sla_zone_unref(extra[99]); /* the last: freed (valgrind checks) */

    /* Every source gives one reference. */
    ck_assert_int_eq(sla_zone_from_offset(&z, HOUR), 0);
    ck_assert_ptr_eq(sla_zone_ref(z), z);
    sla_zone_unref(z);
    sla_zone_unref(z);
}
END_TEST

START_TEST(names_of_sources)
{
    struct sla_zone *z;
    uint8_t buf[TZB_MAX];
    struct tzb_layout lay;
    size_t n;
    char longtz[400];

    ck_assert_str_eq(sla_zone_name(NULL), "");
    z = ZONE("Europe/Dublin");
    ck_assert_str_eq(sla_zone_name(z), "Europe/Dublin");
    sla_zone_unref(z);
    z = POSIX("IST-1GMT0,M10.5.0,M3.5.0/1");
    ck_assert_str_eq(sla_zone_name(z), "IST-1GMT0,M10.5.0,M3.5.0/1");
    sla_zone_unref(z);
    ck_assert_int_eq(sla_zone_from_offset(&z, -(5 * HOUR + 30 * MINUTE)), 0);
    ck_assert_str_eq(sla_zone_name(z), "-05:30");
    sla_zone_unref(z);
    n = tzb_build(buf, &good_v2, &lay);
    ck_assert_int_eq(tzif_load(&z, buf, n, NULL, NULL), 0);
    ck_assert_str_eq(sla_zone_name(z), "TZif");
    sla_zone_unref(z);
    ck_assert_int_eq(tzif_load(&z, buf, n, "My/Zone", NULL), 0);
    ck_assert_str_eq(sla_zone_name(z), "My/Zone");
    sla_zone_unref(z);
    ck_assert_int_eq(sla_zone_open(&z, "Z", NULL, NULL), 0);
    ck_assert_str_eq(sla_zone_name(z), "UTC");
    sla_zone_unref(z);
    ck_assert_int_eq(sla_zone_open(&z, "Asia/Kolkata", SYS_TZDIR, NULL), 0);
    ck_assert_str_eq(sla_zone_name(z), "Asia/Kolkata");
    sla_zone_unref(z);
    /* A quoted name of the longest length. */
    memset(longtz, 0, sizeof longtz);
    longtz[0] = '<';
    memset(longtz + 1, 'A', 15);
    strcat(longtz, ">-1");
    ck_assert_int_eq(sla_zone_from_posix(&z, longtz, strlen(longtz), NULL), 0);
    ck_assert_str_eq(sla_zone_name(z), longtz);
    sla_zone_unref(z);
}
END_TEST

START_TEST(null_arguments)
{
    struct sla_zone *z = ZONE("America/New_York"), *out = NULL;
    struct sla_zone_period p;
    struct sla_zone_resolution r;
    struct sla_civil c = civ(2025, 1, 1, 0, 0, 0, 0);
    struct sla_error err = fresh_error();
    int64_t v;
    uint8_t byte = 0;

    ck_assert_int_eq(sla_zone_open(NULL, "UTC", NULL, &err), SLA_EINVAL);
    ck_assert_int_eq(sla_zone_open(&out, NULL, NULL, &err), SLA_EINVAL);
    ck_assert_int_eq(sla_zone_from_name(NULL, "Asia/Tokyo", SYS_TZDIR, &err),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_zone_from_name(&out, NULL, SYS_TZDIR, &err),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_zone_from_tzif(NULL, &byte, 1, NULL, &err),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_zone_from_tzif(&out, NULL, 44, NULL, &err),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_zone_from_posix(NULL, "JST-9", 5, &err), SLA_EINVAL);
    ck_assert_int_eq(sla_zone_from_posix(&out, NULL, 5, &err), SLA_EINVAL);
    /* error.h: a NULL text of length 0 is the empty text. */
    ck_assert_int_eq(sla_zone_from_posix(&out, NULL, 0, &err), SLA_EPARSE);
    ck_assert_int_eq(err.offset, 0);
    err = fresh_error();
    ck_assert_int_eq(sla_zone_from_posix(&out, NULL, 5, &err), SLA_EINVAL);
    ck_assert_int_eq(err.code, SLA_EINVAL);
    ck_assert_int_eq(err.offset, -1);
    ck_assert_int_eq(sla_zone_from_offset(NULL, 0), SLA_EINVAL);
    ck_assert_ptr_null(out);

    ck_assert_int_eq(sla_zone_period_at(NULL, z, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_zone_period_at(&p, NULL, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_zone_offset(NULL, z, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_zone_offset(&v, NULL, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_zone_to_civil(NULL, &v, z, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_zone_to_civil(&c, &v, NULL, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_zone_to_instant(NULL, z, &c, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_zone_to_instant(&r, NULL, &c, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_zone_to_instant(&r, z, NULL, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_zone_next_transition(NULL, z, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_zone_next_transition(&v, NULL, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_zone_prev_transition(NULL, z, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_zone_prev_transition(&v, NULL, 0), SLA_EINVAL);
    sla_zone_unref(z);
}
END_TEST

START_TEST(disambiguation_values)
{
    static const int32_t bad_modes[] = {-1, 4, 5, 100, INT32_MIN, INT32_MAX};
    static const struct sla_civil bad_civil[] = {
        {2025, 2, 29, 0, 0, 0, 0},  {2025, 13, 1, 0, 0, 0, 0},
        {2025, 0, 1, 0, 0, 0, 0},   {2025, 4, 31, 0, 0, 0, 0},
        {2025, 1, 0, 0, 0, 0, 0},   {2025, 1, 1, 24, 0, 0, 0},
        {2025, 1, 1, 0, 60, 0, 0},  {2025, 1, 1, 0, 0, 60, 0},
        {2025, 1, 1, 0, 0, 0, 1000}, {2025, 1, 1, -1, 0, 0, 0},
        {2025, 1, 1, 0, 0, 0, -1},
    };
    struct sla_zone *z = ZONE("America/New_York");
    struct sla_civil gap = civ(2025, 3, 9, 2, 30, 0, 0);
    struct sla_civil plain = civ(2025, 7, 4, 12, 0, 0, 0);
    struct sla_zone_resolution r;
    size_t i;
    for (i = 0; i < sizeof bad_modes / sizeof bad_modes[0]; i++) {
        ck_assert_int_eq(sla_zone_to_instant(&r, z, &gap, bad_modes[i]),
                         SLA_EINVAL);
        ck_assert_int_eq(sla_zone_to_instant(&r, z, &plain, bad_modes[i]),
                         SLA_EINVAL);
    }
    for (i = 0; i < sizeof bad_civil / sizeof bad_civil[0]; i++) {
        int32_t mode;
        for (mode = 0; mode <= SLA_DISAMBIGUATE_REJECT; mode++)
            CHECK(sla_zone_to_instant(&r, z, &bad_civil[i], mode) ==
                      SLA_EINVAL,
                  "civil %zu mode %d accepted", i, (int)mode);
    }
    /* Leap day in a leap year is fine. */
    RESOLVE(z, 2024, 2, 29, 12, 0, 0, 0, UNIQUE, INT64_C(1709226000000),
            INT64_C(1709226000000));
    sla_zone_unref(z);
}
END_TEST

/* ------------------------------------------------------------------ */

int main(void)
{
    Suite *s = suite_create("zone");
    TCase *edges = sla_tcase("edges");
    TCase *oracle = sla_tcase("oracle");
    TCase *sources = sla_tcase("sources");
    TCase *tzif = sla_tcase("tzif");
    TCase *objects = sla_tcase("objects");

    tcase_add_test(edges, ny_spring_forward);
    tcase_add_test(edges, ny_fall_back);
    tcase_add_test(edges, lord_howe_half_hour);
    tcase_add_test(edges, troll_two_hours);
    tcase_add_test(edges, dublin_negative_dst);
    tcase_add_test(edges, sao_paulo_midnight);
    tcase_add_test(edges, santiago_midnight);
    tcase_add_test(edges, apia_skipped_day);
    tcase_add_test(edges, tokyo_far_future);
    tcase_add_test(edges, footer_future);
    tcase_add_test(edges, footer_future_civil);
    tcase_add_test(edges, cycle_repeats);
    tcase_add_test(edges, extremes);
    tcase_add_loop_test(edges, at_int64_max, 0,
                        (int)(sizeof int64_max_specs /
                              sizeof int64_max_specs[0]));
    tcase_add_test(edges, to_instant_int64_max);
    tcase_add_test(edges, invariants);
    suite_add_tcase(s, edges);

    tcase_add_loop_test(oracle, oracle_tables, 0,
                        (int)(sizeof oracle_rows / sizeof oracle_rows[0]));
    suite_add_tcase(s, oracle);

    tcase_add_test(sources, open_utc_and_offsets);
    tcase_add_test(sources, open_utc_any_case);
    tcase_add_test(sources, open_offset_26h);
    tcase_add_test(sources, open_offset_beyond);
    tcase_add_test(sources, open_names_and_rules);
    tcase_add_test(sources, open_posix_with_slash);
    tcase_add_test(sources, from_name_directory);
    tcase_add_test(sources, from_name_validation);
    tcase_add_test(sources, from_name_tzdir_env);
    tcase_add_test(sources, from_name_fifo);
    tcase_add_test(sources, error_left_alone_on_success);
    tcase_add_test(sources, posix_fixed);
    tcase_add_test(sources, posix_rules);
    tcase_add_test(sources, posix_extensions);
    tcase_add_loop_test(sources, posix_errors_with_offsets, 0,
                        (int)(sizeof posix_errors / sizeof posix_errors[0]));
    tcase_add_test(sources, from_offset_cases);
    suite_add_tcase(s, sources);

    tcase_add_test(tzif, tzif_good_v1);
    tcase_add_test(tzif, tzif_good_v2);
    tcase_add_test(tzif, tzif_good_v3_footer_only);
    tcase_add_test(tzif, tzif_clamps);
    tcase_add_test(tzif, tzif_near_cycle_boundary);
    tcase_add_test(tzif, tzif_at_int64_max);
    tcase_add_test(tzif, tzif_every_prefix);
    tcase_add_test(tzif, tzif_malformed_headers);
    tcase_add_test(tzif, tzif_malformed_data);
    tcase_add_test(tzif, system_zones);
    suite_add_tcase(s, tzif);

    tcase_add_test(objects, refcount);
    tcase_add_test(objects, names_of_sources);
    tcase_add_test(objects, null_arguments);
    tcase_add_test(objects, disambiguation_values);
    suite_add_tcase(s, objects);

    return sla_run_suite(s);
}
