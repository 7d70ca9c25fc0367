/* SPDX-License-Identifier: MIT */
/* Recurrence rules: parsing, errors, canonical text and expansion.
 *
 * Dates below were worked out by hand and checked with python3-dateutil
 * (where dateutil shares libsla's semantics; tests/rrule-oracle.py compares
 * thousands of random rules with it). */
#include <stdio.h>

#include "testlib.h"

/* A check for hot loops: Check's ck_assert records every assertion that
 * passes, which would dominate a loop of many cases. */
#define REQUIRE(cond, ...)                                                   \
    do {                                                                     \
        if (!(cond))                                                         \
            ck_abort_msg(__VA_ARGS__);                                       \
    } while (0)

static int scaled(int n)
{
    return getenv("SLA_TEST_VALGRIND") ? (n + 9) / 10 : n;
}

/* Parse all of text from an exact-size heap copy, so reading past its end
 * is caught by valgrind and AddressSanitizer. */
static int parse_exact(struct sla_rrule **out, const char *text, size_t n,
                       struct sla_error *err)
{
    char *copy = malloc(n ? n : 1);
    int rc;
    ck_assert_ptr_nonnull(copy);
    if (n)
        memcpy(copy, text, n);
    rc = sla_rrule_parse(out, copy, n, err);
    free(copy);
    return rc;
}

static struct sla_rrule *parse_ok(const char *text)
{
    struct sla_rrule *r = NULL;
    struct sla_error err;
    int rc;
    memset(&err, 0, sizeof err);
    rc = parse_exact(&r, text, strlen(text), &err);
    ck_assert_msg(rc == 0, "parse '%s': %d at %lld: %s", text, rc,
                  (long long)err.offset, err.message);
    ck_assert_ptr_nonnull(r);
    return r;
}

static struct sla_civil civil(int32_t y, int32_t mo, int32_t d, int32_t h,
                              int32_t mi, int32_t s)
{
    struct sla_civil c;
    c.year = y;
    c.month = mo;
    c.day = d;
    c.hour = h;
    c.minute = mi;
    c.second = s;
    c.millisecond = 0;
    return c;
}

static struct sla_civil civil_text(const char *text)
{
    struct sla_civil c;
    struct sla_error err;
    int rc = sla_civil_parse(&c, text, strlen(text), &err);
    ck_assert_msg(rc == 0, "bad start '%s' in the test", text);
    return c;
}

/* ---- expansion helpers ------------------------------------------------- */

static char expanded[1 << 16];

/* The first max occurrences of rule from start, separated by spaces, then
 * " $" if the iterator ended (SLA_ENOTFOUND) before max were found. */
static const char *expand(const char *rule, const char *start, int32_t flags,
                          size_t max)
{
    struct sla_rrule *r = parse_ok(rule);
    struct sla_rrule_iter *it = NULL;
    struct sla_civil s = civil_text(start), occ;
    size_t n = 0, i;
    int rc = sla_rrule_iter_new(&it, r, &s, flags);
    ck_assert_msg(rc == 0, "iter_new '%s' from %s: %d", rule, start, rc);
    expanded[0] = '\0';
    for (i = 0; i < max; i++) {
        char text[SLA_RFC3339_SIZE];
        rc = sla_rrule_iter_next(&occ, it);
        if (rc == SLA_ENOTFOUND) {
            n += (size_t)snprintf(expanded + n, sizeof expanded - n, "%s$",
                                  i ? " " : "");
            break;
        }
        ck_assert_msg(rc == 0, "next '%s' from %s: %d", rule, start, rc);
        ck_assert_int_gt(sla_civil_format(text, sizeof text, &occ), 0);
        n += (size_t)snprintf(expanded + n, sizeof expanded - n, "%s%s",
                              i ? " " : "", text);
        ck_assert_uint_lt(n, sizeof expanded - 64);
    }
    sla_rrule_iter_free(it);
    sla_rrule_free(r);
    return expanded;
}

/* Compare the expansion with want: dates (YYYY-MM-DD, at the start's time
 * of day) or date-times, separated by spaces, ending with "$" when the
 * rule must end right after them. */
static void check_seq(const char *rule, const char *start, int32_t flags,
                      const char *want)
{
    static char full[1 << 16];
    const char *p = want;
    size_t n = 0, count = 0;
    int ends = 0;
    full[0] = '\0';
    while (*p) {
        size_t k = strcspn(p, " ");
        if (k == 1 && *p == '$') {
            ends = 1;
            n += (size_t)snprintf(full + n, sizeof full - n, "%s$",
                                  count ? " " : "");
        } else {
            n += (size_t)snprintf(full + n, sizeof full - n, "%s%.*s%s",
                                  count ? " " : "", (int)k, p,
                                  k == 10 ? start + 10 : "");
            count++;
        }
        p += k;
        while (*p == ' ')
            p++;
    }
    ck_assert_msg(strcmp(expand(rule, start, flags, count + (size_t)ends),
                         full) == 0,
                  "%s from %s (flags %d):\n  got  %s\n  want %s", rule, start,
                  (int)flags, expanded, full);
}

/* ---- parsing and canonical text ----------------------------------------- */

static void check_format(const char *in, const char *want)
{
    struct sla_rrule *r = parse_ok(in), *again;
    char buf[SLA_RRULE_SIZE], buf2[SLA_RRULE_SIZE];
    int n = sla_rrule_format(buf, sizeof buf, r), n2;
    sla_rrule_free(r);
    ck_assert_msg(n == (int)strlen(want) && strcmp(buf, want) == 0,
                  "format of '%s': got '%s' (%d), want '%s'", in,
                  n >= 0 ? buf : "", n, want);
    again = parse_ok(buf);
    n2 = sla_rrule_format(buf2, sizeof buf2, again);
    sla_rrule_free(again);
    ck_assert_int_eq(n2, n);
    ck_assert_str_eq(buf2, buf);
}

START_TEST(format_canonical)
{
    check_format("byday=mo,-1su;freq=monthly", "FREQ=MONTHLY;BYDAY=MO,-1SU");
    check_format("FREQ=WEEKLY;BYDAY=SU", "FREQ=WEEKLY;BYDAY=SU");
    check_format("RRULE:FREQ=WEEKLY;BYDAY=SU", "FREQ=WEEKLY;BYDAY=SU");
    check_format("rrule:freq=weekly;byday=su;", "FREQ=WEEKLY;BYDAY=SU");
    check_format("FREQ=DAILY;", "FREQ=DAILY");
    /* Every part, out of order, values unsorted and repeated. */
    check_format("WKST=SU;BYSETPOS=2,-1,2;BYDAY=-1FR,FR,2MO,MO,+2MO;"
                 "BYMONTHDAY=15,-3,1,15;BYMONTH=12,1;"
                 "UNTIL=20301231T235959Z;INTERVAL=3;FREQ=YEARLY",
                 "FREQ=YEARLY;INTERVAL=3;UNTIL=20301231T235959Z;"
                 "BYMONTH=1,12;BYMONTHDAY=-3,1,15;BYDAY=MO,2MO,FR,-1FR;"
                 "BYSETPOS=-1,2;WKST=SU");
    /* Defaults are left out. */
    check_format("FREQ=DAILY;INTERVAL=1;WKST=MO;COUNT=10",
                 "FREQ=DAILY;COUNT=10");
    check_format("FREQ=WEEKLY;WKST=mo", "FREQ=WEEKLY");
    check_format("FREQ=WEEKLY;WKST=TU", "FREQ=WEEKLY;WKST=TU");
    /* The three forms of UNTIL keep their form. */
    check_format("freq=daily;until=20251231", "FREQ=DAILY;UNTIL=20251231");
    check_format("freq=daily;until=20251231t235959",
                 "FREQ=DAILY;UNTIL=20251231T235959");
    check_format("freq=daily;until=20251231t000000z",
                 "FREQ=DAILY;UNTIL=20251231T000000Z");
    check_format("FREQ=DAILY;UNTIL=00000101", "FREQ=DAILY;UNTIL=00000101");
    check_format("FREQ=MONTHLY;BYDAY=+2TU,2tu", "FREQ=MONTHLY;BYDAY=2TU");
    check_format("FREQ=MONTHLY;BYMONTHDAY=31,-31,1,-1",
                 "FREQ=MONTHLY;BYMONTHDAY=-31,-1,1,31");
    check_format("FREQ=YEARLY;BYDAY=53SU,-53MO,20MO",
                 "FREQ=YEARLY;BYDAY=-53MO,20MO,53SU");
    check_format("FREQ=YEARLY;COUNT=2147483647;INTERVAL=1000000",
                 "FREQ=YEARLY;INTERVAL=1000000;COUNT=2147483647");
    check_format("FREQ=MONTHLY;BYMONTH=1;BYSETPOS=366,-366",
                 "FREQ=MONTHLY;BYMONTH=1;BYSETPOS=-366,366");
    check_format("FREQ=DAILY;BYMONTH=2,3,4,5,6,7,8,9,10,11,12,1",
                 "FREQ=DAILY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12");
}
END_TEST

START_TEST(format_buffer)
{
    struct sla_rrule *r = parse_ok("FREQ=MONTHLY;BYDAY=MO,-1SU");
    const char *want = "FREQ=MONTHLY;BYDAY=MO,-1SU";
    size_t n = strlen(want);
    char buf[64];
    memset(buf, 'x', sizeof buf);
    ck_assert_int_eq(sla_rrule_format(buf, n + 1, r), (int)n);
    ck_assert_str_eq(buf, want);
    ck_assert_int_eq(sla_rrule_format(buf, n, r), SLA_ENOSPC);
    ck_assert_int_eq(sla_rrule_format(buf, 1, r), SLA_ENOSPC);
    ck_assert_int_eq(sla_rrule_format(buf, 0, r), SLA_ENOSPC);
    ck_assert_int_eq(sla_rrule_format(NULL, sizeof buf, r), SLA_EINVAL);
    ck_assert_int_eq(sla_rrule_format(buf, sizeof buf, NULL), SLA_EINVAL);
    sla_rrule_free(r);
    sla_rrule_free(NULL);
}
END_TEST

/* The longest rules the parser accepts: every ordinal weekday and every
 * set position. rrule.h: SLA_RRULE_SIZE "is always enough". */
START_TEST(format_longest_rule)
{
    static char text[16384], buf[SLA_RRULE_SIZE];
    size_t n;
    int w, k, len;
    struct sla_rrule *r, *again;
    static const char *const wd[] = {"MO", "TU", "WE", "TH", "FR", "SA",
                                     "SU"};
    n = (size_t)snprintf(text, sizeof text, "FREQ=YEARLY;BYDAY=");
    for (w = 0; w < 7; w++) {
        n += (size_t)snprintf(text + n, sizeof text - n, "%s%s",
                              w ? "," : "", wd[w]);
        for (k = -53; k <= 53; k++)
            if (k)
                n += (size_t)snprintf(text + n, sizeof text - n, ",%d%s", k,
                                      wd[w]);
    }
    n += (size_t)snprintf(text + n, sizeof text - n, ";BYSETPOS=");
    for (k = -366; k <= 366; k++)
        if (k)
            n += (size_t)snprintf(text + n, sizeof text - n, "%s%d",
                                  k == -366 ? "" : ",", k);
    ck_assert_uint_lt(n, sizeof text - 1);
    r = parse_ok(text);
    len = sla_rrule_format(buf, sizeof buf, r);
    sla_rrule_free(r);
    ck_assert_msg(len > 0,
                  "a rule of %zu bytes that parses does not format into "
                  "SLA_RRULE_SIZE (%d) bytes: %d", n, SLA_RRULE_SIZE, len);
    again = parse_ok(buf);
    sla_rrule_free(again);
}
END_TEST

/* ---- errors ------------------------------------------------------------- */

static void check_error(const char *text, int code, int64_t offset,
                        const char *needle)
{
    struct sla_rrule *r = NULL;
    struct sla_error err;
    int rc;
    memset(&err, 0x55, sizeof err);
    rc = parse_exact(&r, text, strlen(text), &err);
    if (rc == 0) {
        sla_rrule_free(r);
        r = NULL;
    }
    ck_assert_msg(rc == code && err.code == code && err.offset == offset,
                  "'%s': got %d (record %d) at %lld, want %d at %lld: %s",
                  text, rc, (int)err.code, (long long)err.offset, code,
                  (long long)offset, err.message);
    ck_assert_msg(memchr(err.message, '\0', sizeof err.message) != NULL,
                  "'%s': message not terminated", text);
    ck_assert_msg(strstr(err.message, needle) != NULL,
                  "'%s': message '%s' does not name '%s'", text, err.message,
                  needle);
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(err.column, (int32_t)offset + 1);
    /* Without a record, the same code. */
    ck_assert_int_eq(parse_exact(&r, text, strlen(text), NULL), code);
}

START_TEST(errors_unknown_and_unsupported)
{
    static const char *const parts[] = {"BYWEEKNO=20", "BYYEARDAY=100",
                                        "BYHOUR=3", "BYMINUTE=30",
                                        "BYSECOND=0", "RSCALE=GREGORIAN",
                                        "SKIP=FORWARD"};
    static const char *const names[] = {"BYWEEKNO", "BYYEARDAY", "BYHOUR",
                                        "BYMINUTE", "BYSECOND", "RSCALE",
                                        "SKIP"};
    char text[128];
    size_t i;
    check_error("FREQ=DAILY;FOO=1", SLA_EPARSE, 11, "unknown rule part 'FOO'");
    check_error("FREQ=DAILY;X-NAME=1", SLA_EPARSE, 11, "'X-NAME'");
    check_error("FREQ=DAILY;DTSTART=20250101", SLA_EPARSE, 11, "'DTSTART'");
    for (i = 0; i < sizeof parts / sizeof *parts; i++) {
        snprintf(text, sizeof text, "FREQ=MONTHLY;%s", parts[i]);
        check_error(text, SLA_EUNSUPPORTED, 13, names[i]);
        check_error(text, SLA_EUNSUPPORTED, 13, "not supported");
        /* Before FREQ, and in lower case: still named, still refused. */
        snprintf(text, sizeof text, "RRULE:%s;FREQ=YEARLY", parts[i]);
        check_error(text, SLA_EUNSUPPORTED, 6, names[i]);
    }
    check_error("FREQ=MONTHLY;byweekno=1", SLA_EUNSUPPORTED, 13, "BYWEEKNO");
    check_error("FREQ=HOURLY", SLA_EUNSUPPORTED, 5, "FREQ=HOURLY");
    check_error("FREQ=MINUTELY", SLA_EUNSUPPORTED, 5, "FREQ=MINUTELY");
    check_error("COUNT=2;FREQ=SECONDLY", SLA_EUNSUPPORTED, 13,
                "FREQ=SECONDLY");
    check_error("FREQ=FORTNIGHTLY", SLA_EPARSE, 5, "FREQ=DAILY, WEEKLY");
}
END_TEST

START_TEST(errors_structure)
{
    struct sla_rrule *r = NULL;
    struct sla_error err;
    /* Missing FREQ: the end of the text. */
    check_error("", SLA_EPARSE, 0, "FREQ");
    check_error("RRULE:", SLA_EPARSE, 6, "FREQ");
    check_error("COUNT=3", SLA_EPARSE, 7, "FREQ");
    check_error("INTERVAL=2;BYDAY=MO;", SLA_EPARSE, 20, "FREQ");
    /* Parts that are not NAME=VALUE. */
    check_error("FREQ", SLA_EPARSE, 0, "NAME=VALUE");
    check_error("FREQ=", SLA_EPARSE, 0, "NAME=VALUE");
    check_error("=DAILY", SLA_EPARSE, 0, "NAME=VALUE");
    check_error("FREQ=DAILY;;COUNT=1", SLA_EPARSE, 11, "NAME=VALUE");
    check_error("FREQ=DAILY;COUNT", SLA_EPARSE, 11, "NAME=VALUE");
    check_error("FREQ=DAILY;;", SLA_EPARSE, 11, "NAME=VALUE");
    check_error(";FREQ=DAILY", SLA_EPARSE, 0, "NAME=VALUE");
    check_error("RRULE:RRULE:FREQ=DAILY", SLA_EPARSE, 6, "unknown rule part");
    /* A part given twice: at the second one. */
    check_error("FREQ=YEARLY;COUNT=1;COUNT=2", SLA_EPARSE, 20,
                "COUNT only once");
    check_error("FREQ=DAILY;freq=WEEKLY", SLA_EPARSE, 11, "FREQ only once");
    check_error("FREQ=MONTHLY;BYDAY=MO;byday=TU", SLA_EPARSE, 22,
                "BYDAY only once");
    check_error("FREQ=WEEKLY;WKST=MO;WKST=MO", SLA_EPARSE, 20,
                "WKST only once");
    /* RFC 5545's forbidden combinations: the rule as a whole. */
    check_error("FREQ=DAILY;COUNT=2;UNTIL=20250101", SLA_EPARSE, 0,
                "COUNT or UNTIL, not both");
    check_error("UNTIL=20250101T000000Z;FREQ=WEEKLY;COUNT=2", SLA_EPARSE, 0,
                "not both");
    check_error("FREQ=DAILY;BYDAY=1MO", SLA_EPARSE, 0, "ordinals");
    check_error("FREQ=WEEKLY;BYDAY=MO,-1FR", SLA_EPARSE, 0, "ordinals");
    check_error("FREQ=WEEKLY;BYMONTHDAY=1", SLA_EPARSE, 0,
                "no BYMONTHDAY with FREQ=WEEKLY");
    check_error("FREQ=MONTHLY;BYSETPOS=1", SLA_EPARSE, 0,
                "BYSETPOS with another BY part");
    check_error("FREQ=YEARLY;WKST=SU;INTERVAL=2;BYSETPOS=-1", SLA_EPARSE, 0,
                "BYSETPOS");
    /* NULL and lengths (error.h): a NULL text of length 0 is the empty
     * text; a NULL output or a NULL text with a length is SLA_EINVAL at
     * offset -1. */
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(sla_rrule_parse(&r, NULL, 0, &err), SLA_EPARSE);
    ck_assert_int_eq(err.offset, 0);
    ck_assert_ptr_nonnull(strstr(err.message, "FREQ"));
    ck_assert_int_eq(sla_rrule_parse(&r, NULL, 4, &err), SLA_EINVAL);
    ck_assert_int_eq(err.code, SLA_EINVAL);
    ck_assert_int_eq(err.offset, -1);
    ck_assert_int_eq(sla_rrule_parse(NULL, "FREQ=DAILY", 10, &err),
                     SLA_EINVAL);
    ck_assert_int_eq(err.offset, -1);
    ck_assert_int_eq(sla_rrule_parse(NULL, "FREQ=DAILY", 10, NULL),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_rrule_parse(&r, NULL, 1, NULL), SLA_EINVAL);
    /* The length is what counts, not a NUL. */
    ck_assert_int_eq(sla_rrule_parse(&r, "FREQ=DAILY;COUNT=1", 10, NULL), 0);
    sla_rrule_free(r);
    r = NULL;
    ck_assert_int_eq(sla_rrule_parse(&r, "FREQ=DAILY\0;COUNT=1", 18, &err),
                     SLA_EPARSE);
    /* A successful parse leaves the record alone. */
    memset(&err, 0x5a, sizeof err);
    ck_assert_int_eq(sla_rrule_parse(&r, "FREQ=DAILY", 10, &err), 0);
    ck_assert_int_eq(err.code, 0x5a5a5a5a);
    sla_rrule_free(r);
}
END_TEST

START_TEST(errors_values)
{
    /* FREQ=DAILY; is 11 bytes: values of the second part start at 11 plus
     * the name and '='. */
    check_error("FREQ=DAILY;INTERVAL=0", SLA_EPARSE, 20, "INTERVAL");
    check_error("FREQ=DAILY;INTERVAL=1000001", SLA_EPARSE, 20, "INTERVAL");
    check_error("FREQ=DAILY;INTERVAL=-2", SLA_EPARSE, 20, "INTERVAL");
    check_error("FREQ=DAILY;INTERVAL=2x", SLA_EPARSE, 20, "INTERVAL");
    check_error("FREQ=DAILY;INTERVAL=99999999999", SLA_EPARSE, 20,
                "INTERVAL");
    check_error("FREQ=DAILY;COUNT=0", SLA_EPARSE, 17, "COUNT");
    check_error("FREQ=DAILY;COUNT=2147483648", SLA_EPARSE, 17, "COUNT");
    check_error("FREQ=DAILY;COUNT=-1", SLA_EPARSE, 17, "COUNT");
    check_error("FREQ=DAILY;UNTIL=2025", SLA_EPARSE, 17, "UNTIL");
    check_error("FREQ=DAILY;UNTIL=2025-01-01", SLA_EPARSE, 21, "UNTIL");
    check_error("FREQ=DAILY;UNTIL=20250230", SLA_EPARSE, 17, "exist");
    check_error("FREQ=DAILY;UNTIL=20251301", SLA_EPARSE, 17, "exist");
    check_error("FREQ=DAILY;UNTIL=20250101T240000", SLA_EPARSE, 17, "exist");
    check_error("FREQ=DAILY;UNTIL=20250101T235960", SLA_EPARSE, 17, "exist");
    check_error("FREQ=DAILY;UNTIL=20250101X000000", SLA_EPARSE, 25, "UNTIL");
    check_error("FREQ=DAILY;UNTIL=20250101T000000Y", SLA_EPARSE, 32,
                "UNTIL");
    check_error("FREQ=DAILY;UNTIL=20250101T0000", SLA_EPARSE, 17, "UNTIL");
    check_error("FREQ=DAILY;UNTIL=20250101T000000Z1", SLA_EPARSE, 17,
                "UNTIL");
    check_error("FREQ=WEEKLY;WKST=XX", SLA_EPARSE, 17, "WKST");
    check_error("FREQ=WEEKLY;WKST=MON", SLA_EPARSE, 17, "WKST");
    check_error("FREQ=MONTHLY;BYMONTH=13", SLA_EPARSE, 21, "BYMONTH");
    check_error("FREQ=MONTHLY;BYMONTH=1,0", SLA_EPARSE, 23, "BYMONTH");
    check_error("FREQ=MONTHLY;BYMONTH=1,", SLA_EPARSE, 23, "BYMONTH");
    check_error("FREQ=MONTHLY;BYMONTHDAY=32", SLA_EPARSE, 24, "BYMONTHDAY");
    check_error("FREQ=MONTHLY;BYMONTHDAY=0", SLA_EPARSE, 24, "BYMONTHDAY");
    check_error("FREQ=MONTHLY;BYMONTHDAY=1,-32", SLA_EPARSE, 26,
                "BYMONTHDAY");
    check_error("FREQ=MONTHLY;BYDAY=XX", SLA_EPARSE, 19, "weekday");
    check_error("FREQ=MONTHLY;BYDAY=MO,1", SLA_EPARSE, 22, "weekday");
    check_error("FREQ=MONTHLY;BYDAY=MO,,TU", SLA_EPARSE, 22, "weekday");
    check_error("FREQ=MONTHLY;BYDAY=0MO", SLA_EPARSE, 19, "ordinal");
    check_error("FREQ=MONTHLY;BYDAY=54MO", SLA_EPARSE, 19, "ordinal");
    check_error("FREQ=MONTHLY;BYDAY=-54MO", SLA_EPARSE, 19, "ordinal");
    check_error("FREQ=MONTHLY;BYDAY=MO,XMO", SLA_EPARSE, 22, "ordinal");
    check_error("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", SLA_EPARSE, 31,
                "BYSETPOS");
    check_error("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=367", SLA_EPARSE, 31,
                "BYSETPOS");
    check_error("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1,-367", SLA_EPARSE, 33,
                "BYSETPOS");
}
END_TEST

/* ---- expansion: hand cases ------------------------------------------- */

START_TEST(monthly_weekdays)
{
    /* The worked example. */
    check_seq("FREQ=MONTHLY;BYDAY=1TU", "2025-01-07T03:00:00", 0,
              "2025-01-07 2025-02-04 2025-03-04 2025-04-01");
    /* A start the rule does not select is not an occurrence. */
    check_seq("FREQ=MONTHLY;BYDAY=1TU", "2025-01-08T03:00:00", 0,
              "2025-02-04 2025-03-04");
    /* ... nor a selected date earlier on the start's day? Same day, same
     * time of day: the start itself. */
    check_seq("FREQ=MONTHLY;BYDAY=2TU", "2025-01-01T00:00:00", 0,
              "2025-01-14 2025-02-11 2025-03-11 2025-04-08 2025-05-13");
    check_seq("FREQ=MONTHLY;BYDAY=-1SU", "2025-01-01T02:00:00", 0,
              "2025-01-26 2025-02-23 2025-03-30 2025-04-27");
    check_seq("FREQ=MONTHLY;BYDAY=5FR", "2025-01-01T02:00:00", 0,
              "2025-01-31 2025-05-30 2025-08-29 2025-10-31");
    check_seq("FREQ=MONTHLY;BYDAY=-5MO", "2025-01-01T02:00:00", 0,
              "2025-03-03 2025-06-02 2025-09-01 2025-12-01");
    /* Last working day of the month. */
    check_seq("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
              "2025-01-01T22:00:00", 0,
              "2025-01-31 2025-02-28 2025-03-31 2025-04-30 2025-05-30 "
              "2025-06-30 2025-07-31 2025-08-29");
    /* RFC 5545: the third instance of Tuesday, Wednesday or Thursday. */
    check_seq("FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3",
              "1997-09-04T09:00:00", 0,
              "1997-09-04 1997-10-07 1997-11-06 $");
    /* RFC 5545: the second-to-last weekday of the month. */
    check_seq("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
              "1997-09-29T09:00:00", 0,
              "1997-09-29 1997-10-30 1997-11-27 1997-12-30");
    /* RFC 5545: every Friday the 13th. */
    check_seq("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "1997-09-02T09:00:00", 0,
              "1998-02-13 1998-03-13 1998-11-13 1999-08-13 2000-10-13");
    /* BYDAY with and without an ordinal: a date matching either. */
    check_seq("FREQ=MONTHLY;BYDAY=1MO,FR", "2025-01-01T00:00:00", 0,
              "2025-01-03 2025-01-06 2025-01-10 2025-01-17 2025-01-24 "
              "2025-01-31 2025-02-03 2025-02-07");
}
END_TEST

/* "Saturday after Patch Tuesday" (the second Tuesday). The Saturday after
 * a second Tuesday (8th to 14th) falls on the 12th to the 18th. */
START_TEST(saturday_after_patch_tuesday)
{
    struct sla_rrule *sat, *tue;
    struct sla_rrule_iter *it_sat = NULL, *it_tue = NULL;
    struct sla_civil start = civil(2001, 1, 1, 4, 0, 0), a, b;
    int i;
    /* As the brief and docs/calendar.md write it: the Saturday among the
     * 13th to the 19th. */
    check_seq("FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=13,14,15,16,17,18,19",
              "2025-01-01T04:00:00", 0,
              "2025-01-18 2025-02-15 2025-03-15 2025-04-19 2025-05-17 "
              "2025-06-14 2025-07-19 2025-08-16 2025-09-13 2025-10-18 "
              "2025-11-15 2025-12-13");
    /* The Saturday four days after each 2TU, for 28 years (every
     * calendar): BYMONTHDAY=12..18. */
    sat = parse_ok("FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=12,13,14,15,16,17,18");
    tue = parse_ok("FREQ=MONTHLY;BYDAY=2TU");
    ck_assert_int_eq(sla_rrule_iter_new(&it_sat, sat, &start, 0), 0);
    ck_assert_int_eq(sla_rrule_iter_new(&it_tue, tue, &start, 0), 0);
    for (i = 0; i < 28 * 12; i++) {
        struct sla_date d = {0, 0, 0}, t;
        ck_assert_int_eq(sla_rrule_iter_next(&a, it_sat), 0);
        ck_assert_int_eq(sla_rrule_iter_next(&b, it_tue), 0);
        t.year = b.year;
        t.month = b.month;
        t.day = b.day;
        ck_assert_int_eq(sla_date_add_days(&d, &t, 4), 0);
        REQUIRE(a.year == d.year && a.month == d.month && a.day == d.day &&
                    a.hour == 4,
                "%d-%02d-%02d is not 4 days after %d-%02d-%02d", a.year,
                a.month, a.day, b.year, b.month, b.day);
    }
    sla_rrule_iter_free(it_sat);
    sla_rrule_iter_free(it_tue);
    sla_rrule_free(sat);
    sla_rrule_free(tue);
}
END_TEST

START_TEST(month_days)
{
    /* Day 31 exists in 7 months a year; RFC 5545 skips the others. */
    check_seq("FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=20251231T235959",
              "2025-01-01T02:00:00", 0,
              "2025-01-31 2025-03-31 2025-05-31 2025-07-31 2025-08-31 "
              "2025-10-31 2025-12-31 $");
    check_seq("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=7", "2025-01-01T02:00:00", 0,
              "2025-01-31 2025-03-31 2025-05-31 2025-07-31 2025-08-31 "
              "2025-10-31 2025-12-31 $");
    /* With SLA_RRULE_CLAMP, the month's last day: 12 a year. */
    check_seq("FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=20251231T235959",
              "2025-01-01T02:00:00", SLA_RRULE_CLAMP,
              "2025-01-31 2025-02-28 2025-03-31 2025-04-30 2025-05-31 "
              "2025-06-30 2025-07-31 2025-08-31 2025-09-30 2025-10-31 "
              "2025-11-30 2025-12-31 $");
    check_seq("FREQ=MONTHLY;BYMONTHDAY=30;BYMONTH=1,2,3", "2024-01-01T02:00:00",
              SLA_RRULE_CLAMP,
              "2024-01-30 2024-02-29 2024-03-30 2025-01-30 2025-02-28");
    /* Two days clamped onto the same last day: one occurrence. */
    check_seq("FREQ=MONTHLY;BYMONTHDAY=29,30,31;BYMONTH=2", "2023-01-01T00:00:00",
              SLA_RRULE_CLAMP, "2023-02-28 2024-02-29 2025-02-28");
    check_seq("FREQ=MONTHLY;BYMONTHDAY=29,30,31;BYMONTH=2", "2023-01-01T00:00:00",
              0, "2024-02-29 2028-02-29");
    /* Negative days count from the end; beyond the start they clamp to
     * the first day. */
    check_seq("FREQ=MONTHLY;BYMONTHDAY=-1", "2024-01-01T00:00:00", 0,
              "2024-01-31 2024-02-29 2024-03-31 2024-04-30 2024-05-31");
    check_seq("FREQ=MONTHLY;BYMONTHDAY=-31", "2025-01-01T00:00:00", 0,
              "2025-01-01 2025-03-01 2025-05-01");
    check_seq("FREQ=MONTHLY;BYMONTHDAY=-31", "2025-01-01T00:00:00",
              SLA_RRULE_CLAMP,
              "2025-01-01 2025-02-01 2025-03-01 2025-04-01 2025-05-01");
    /* CLAMP moves only the days a month lacks: the 15th stays the 15th,
     * whatever the month's length. */
    check_seq("FREQ=MONTHLY;BYMONTHDAY=15", "2025-01-01T00:00:00",
              SLA_RRULE_CLAMP, "2025-01-15 2025-02-15 2025-03-15 2025-04-15");
    check_seq("FREQ=MONTHLY;BYMONTHDAY=-15", "2025-01-01T00:00:00",
              SLA_RRULE_CLAMP, "2025-01-17 2025-02-14 2025-03-17 2025-04-16");
    check_seq("FREQ=MONTHLY;BYMONTHDAY=1,-1", "2025-01-01T00:00:00",
              SLA_RRULE_CLAMP,
              "2025-01-01 2025-01-31 2025-02-01 2025-02-28 2025-03-01 "
              "2025-03-31");
    check_seq("FREQ=YEARLY;BYMONTHDAY=10", "2025-01-01T00:00:00",
              SLA_RRULE_CLAMP,
              "2025-01-10 2025-02-10 2025-03-10 2025-04-10 2025-05-10");
    /* The month-day taken from the start is clamped too: monthly from the
     * 31st is the last day of every month. */
    check_seq("FREQ=MONTHLY", "2025-01-31T01:00:00", 0,
              "2025-01-31 2025-03-31 2025-05-31");
    check_seq("FREQ=MONTHLY", "2025-01-31T01:00:00", SLA_RRULE_CLAMP,
              "2025-01-31 2025-02-28 2025-03-31 2025-04-30");
}
END_TEST

START_TEST(weekly_wkst)
{
    /* RFC 5545: WKST changes which weeks an INTERVAL=2 rule keeps. */
    check_seq("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
              "1997-08-05T09:00:00", 0,
              "1997-08-05 1997-08-10 1997-08-19 1997-08-24 $");
    check_seq("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
              "1997-08-05T09:00:00", 0,
              "1997-08-05 1997-08-17 1997-08-19 1997-08-31 $");
    /* Weekly on the start's weekday. */
    check_seq("FREQ=WEEKLY", "2025-01-01T03:00:00", 0,
              "2025-01-01 2025-01-08 2025-01-15 2025-01-22");
    check_seq("FREQ=WEEKLY;INTERVAL=3", "2025-01-01T03:00:00", 0,
              "2025-01-01 2025-01-22 2025-02-12");
    check_seq("FREQ=WEEKLY;BYDAY=MO,FR", "2025-01-01T03:00:00", 0,
              "2025-01-03 2025-01-06 2025-01-10 2025-01-13 2025-01-17");
    /* BYSETPOS picks from the whole week (the interval), even the week
     * the start falls in: Monday 2024-12-30 is the first of that week. */
    check_seq("FREQ=WEEKLY;BYDAY=MO,FR;BYSETPOS=1", "2025-01-01T03:00:00", 0,
              "2025-01-06 2025-01-13 2025-01-20");
    check_seq("FREQ=WEEKLY;BYDAY=MO,FR;BYSETPOS=-1", "2025-01-01T03:00:00",
              0, "2025-01-03 2025-01-10 2025-01-17");
    /* A week across the new year, with BYMONTH. */
    check_seq("FREQ=WEEKLY;BYDAY=TU,TH;BYMONTH=1", "2024-12-25T00:00:00", 0,
              "2025-01-02 2025-01-07 2025-01-09");
}
END_TEST

START_TEST(yearly)
{
    /* RFC 5545: Monday of week... the 20th Monday of the year. */
    check_seq("FREQ=YEARLY;BYDAY=20MO", "1997-05-19T09:00:00", 0,
              "1997-05-19 1998-05-18 1999-05-17");
    check_seq("FREQ=YEARLY;BYDAY=-1MO", "2025-01-01T00:00:00", 0,
              "2025-12-29 2026-12-28 2027-12-27");
    check_seq("FREQ=YEARLY;BYDAY=53FR", "2025-01-01T00:00:00", 0,
              "2027-12-31 2032-12-31 2038-12-31");
    /* With BYMONTH the ordinal counts in the month. */
    check_seq("FREQ=YEARLY;BYMONTH=1,7;BYDAY=-1MO", "2025-01-01T00:00:00", 0,
              "2025-01-27 2025-07-28 2026-01-26 2026-07-27");
    check_seq("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "2025-01-01T12:00:00", 0,
              "2025-11-27 2026-11-26 2027-11-25");
    /* February 29: only leap years (2100 is not one). */
    check_seq("FREQ=YEARLY", "2024-02-29T01:00:00", 0,
              "2024-02-29 2028-02-29 2032-02-29 2036-02-29");
    check_seq("FREQ=YEARLY", "2096-02-29T01:00:00", 0, "2096-02-29 2104-02-29");
    check_seq("FREQ=YEARLY;INTERVAL=4", "2096-02-29T01:00:00", 0,
              "2096-02-29 2104-02-29 2108-02-29");
    check_seq("FREQ=YEARLY", "2024-02-29T01:00:00", SLA_RRULE_CLAMP,
              "2024-02-29 2025-02-28 2026-02-28 2027-02-28 2028-02-29");
    /* Rare but real: February 29 on a Monday. */
    check_seq("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
              "2025-01-01T00:00:00", 0,
              "2044-02-29 2072-02-29 2112-02-29 2140-02-29");
    /* Yearly from the start's month and day; BYMONTH alone keeps the
     * start's day. */
    check_seq("FREQ=YEARLY;BYMONTH=1,3", "2025-01-31T00:00:00", 0,
              "2025-01-31 2025-03-31 2026-01-31");
    check_seq("FREQ=YEARLY;INTERVAL=2;COUNT=3", "2025-06-15T08:30:00", 0,
              "2025-06-15 2027-06-15 2029-06-15 $");
    /* BYSETPOS over a whole year: the last day of the year that is a
     * weekday. */
    check_seq("FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
              "2025-01-01T00:00:00", 0, "2025-12-31 2026-12-31 2027-12-31 "
              "2028-12-29");
}
END_TEST

START_TEST(daily)
{
    check_seq("FREQ=DAILY;COUNT=3", "2025-02-27T02:30:00", 0,
              "2025-02-27 2025-02-28 2025-03-01 $");
    check_seq("FREQ=DAILY;INTERVAL=3;COUNT=3", "2024-02-27T02:30:00", 0,
              "2024-02-27 2024-03-01 2024-03-04 $");
    check_seq("FREQ=DAILY;BYDAY=SA,SU;COUNT=3", "2025-01-01T00:00:00", 0,
              "2025-01-04 2025-01-05 2025-01-11 $");
    check_seq("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", "2025-01-01T00:00:00", 0,
              "2028-02-29 2032-02-29");
    check_seq("FREQ=DAILY;BYMONTHDAY=1,-1;BYMONTH=3", "2025-01-01T00:00:00", 0,
              "2025-03-01 2025-03-31 2026-03-01");
}
END_TEST

START_TEST(count_and_until)
{
    /* COUNT counts occurrences, from the first one at or after the start. */
    check_seq("FREQ=MONTHLY;BYDAY=1TU;COUNT=2", "2025-01-08T03:00:00", 0,
              "2025-02-04 2025-03-04 $");
    check_seq("FREQ=DAILY;COUNT=1", "2025-01-08T03:00:00", 0,
              "2025-01-08 $");
    /* A date-only UNTIL includes that whole day. */
    check_seq("FREQ=DAILY;UNTIL=20250103", "2025-01-01T23:59:59", 0,
              "2025-01-01 2025-01-02 2025-01-03 $");
    check_seq("FREQ=WEEKLY;UNTIL=20250115", "2025-01-01T12:00:00", 0,
              "2025-01-01 2025-01-08 2025-01-15 $");
    /* A local date-time UNTIL is inclusive, to the second. */
    check_seq("FREQ=DAILY;UNTIL=20250103T023000", "2025-01-01T02:30:00", 0,
              "2025-01-01 2025-01-02 2025-01-03 $");
    check_seq("FREQ=DAILY;UNTIL=20250103T022959", "2025-01-01T02:30:00", 0,
              "2025-01-01 2025-01-02 $");
    check_seq("FREQ=DAILY;UNTIL=20250103T000000", "2025-01-01T02:30:00", 0,
              "2025-01-01 2025-01-02 $");
    /* A UTC UNTIL compares with the civil times read as UTC. */
    check_seq("FREQ=DAILY;UNTIL=20250103T023000Z", "2025-01-01T02:30:00", 0,
              "2025-01-01 2025-01-02 2025-01-03 $");
    check_seq("FREQ=DAILY;UNTIL=20250103T022959Z", "2025-01-01T02:30:00", 0,
              "2025-01-01 2025-01-02 $");
    /* UNTIL before the start, or before the first occurrence. */
    check_seq("FREQ=DAILY;UNTIL=20241231", "2025-01-01T00:00:00", 0, "$");
    check_seq("FREQ=MONTHLY;BYDAY=1TU;UNTIL=20250203T235959",
              "2025-01-08T03:00:00", 0, "$");
    check_seq("FREQ=MONTHLY;BYDAY=1TU;UNTIL=20250204", "2025-01-08T03:00:00",
              0, "2025-02-04 $");
    /* Milliseconds of the start: a whole-second UNTIL still bounds. */
    check_seq("FREQ=DAILY;UNTIL=20250102T000000", "2025-01-01T00:00:00.500",
              0, "2025-01-01T00:00:00.500 $");
}
END_TEST

/* Rules that select nothing end with SLA_ENOTFOUND (after one 400-year
 * cycle of empty periods), never loop. */
START_TEST(never_matching)
{
    static const char *const rules[] = {
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=YEARLY;BYMONTH=4,6,9,11;BYMONTHDAY=31",
        "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=-30",
        "FREQ=MONTHLY;BYDAY=6MO",
        "FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=8,9,10",
        "FREQ=YEARLY;BYMONTH=2;BYDAY=5MO;BYMONTHDAY=1,2,3,4,5,6,7,8",
        "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6",
        "FREQ=WEEKLY;BYMONTH=2;BYDAY=MO;BYSETPOS=2",
        "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31",
        "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=MONTHLY;INTERVAL=2;BYMONTH=2,4,6,8,10,12",
    };
    struct sla_civil start = civil(2001, 1, 1, 0, 0, 0), occ;
    size_t i;
    for (i = 0; i < sizeof rules / sizeof *rules; i++) {
        struct sla_rrule *r = parse_ok(rules[i]);
        struct sla_rrule_iter *it = NULL;
        ck_assert_int_eq(sla_rrule_iter_new(&it, r, &start, 0), 0);
        ck_assert_msg(sla_rrule_iter_next(&occ, it) == SLA_ENOTFOUND,
                      "%s from 2001-01-01 gave %d-%02d-%02d", rules[i],
                      occ.year, occ.month, occ.day);
        ck_assert_int_eq(sla_rrule_iter_next(&occ, it), SLA_ENOTFOUND);
        sla_rrule_iter_free(it);
        sla_rrule_free(r);
    }
    /* With CLAMP the first one matches: the last day of February. */
    check_seq("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "2001-01-01T00:00:00",
              SLA_RRULE_CLAMP, "2001-02-28 2002-02-28 2003-02-28 2004-02-29");
}
END_TEST

/* Dates come from the calendar, never from adding seconds: every
 * occurrence keeps the start's time of day, to the millisecond, across
 * years, and daily steps are exactly one calendar day. */
START_TEST(time_of_day_kept)
{
    static const struct {
        const char *rule;
        int days; /* calendar days between occurrences, 0: not fixed */
    } cases[] = {
        {"FREQ=DAILY", 1},
        {"FREQ=DAILY;INTERVAL=3", 3},
        {"FREQ=WEEKLY", 7},
        {"FREQ=MONTHLY;BYDAY=-1SU", 0},
        {"FREQ=YEARLY", 0},
    };
    static const struct sla_civil starts[] = {
        {2024, 3, 31, 2, 30, 0, 250},
        {1970, 1, 1, 23, 59, 59, 999},
        {2025, 10, 26, 0, 0, 0, 0},
        {1999, 12, 31, 12, 0, 1, 1},
    };
    size_t c, s;
    int i, n = scaled(3000);
    for (c = 0; c < sizeof cases / sizeof *cases; c++)
        for (s = 0; s < sizeof starts / sizeof *starts; s++) {
            struct sla_rrule *r = parse_ok(cases[c].rule);
            struct sla_rrule_iter *it = NULL;
            struct sla_civil occ;
            int64_t prev = 0, day;
            ck_assert_int_eq(sla_rrule_iter_new(&it, r, &starts[s], 0), 0);
            for (i = 0; i < n; i++) {
                struct sla_date d;
                ck_assert_int_eq(sla_rrule_iter_next(&occ, it), 0);
                REQUIRE(occ.hour == starts[s].hour &&
                            occ.minute == starts[s].minute &&
                            occ.second == starts[s].second &&
                            occ.millisecond == starts[s].millisecond,
                        "%s: occurrence %d at %02d:%02d:%02d.%03d", cases[c].rule,
                        i, occ.hour, occ.minute, occ.second, occ.millisecond);
                d.year = occ.year;
                d.month = occ.month;
                d.day = occ.day;
                ck_assert_int_eq(sla_date_to_days(&day, &d), 0);
                if (i > 0 && cases[c].days)
                    REQUIRE(day - prev == cases[c].days,
                            "%s: %lld days between occurrences", cases[c].rule,
                            (long long)(day - prev));
                REQUIRE(i == 0 || day > prev, "%s: not increasing",
                        cases[c].rule);
                prev = day;
            }
            sla_rrule_iter_free(it);
            sla_rrule_free(r);
        }
}
END_TEST

/* ---- iterator arguments and the calendar's edges ------------------------ */

START_TEST(iterator_arguments)
{
    struct sla_rrule *r = parse_ok("FREQ=DAILY;COUNT=2");
    struct sla_rrule_iter *it = NULL, *it2 = NULL;
    struct sla_civil start = civil(2025, 1, 1, 0, 0, 0), bad, occ;
    static const int32_t bad_flags[] = {2, 3, -1, 4, 0x100, INT32_MIN,
                                        INT32_MAX};
    size_t i;
    ck_assert_int_eq(sla_rrule_iter_new(NULL, r, &start, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_rrule_iter_new(&it, NULL, &start, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_rrule_iter_new(&it, r, NULL, 0), SLA_EINVAL);
    for (i = 0; i < sizeof bad_flags / sizeof *bad_flags; i++)
        ck_assert_int_eq(sla_rrule_iter_new(&it, r, &start, bad_flags[i]),
                         SLA_EINVAL);
    bad = civil(2025, 2, 29, 0, 0, 0);
    ck_assert_int_eq(sla_rrule_iter_new(&it, r, &bad, 0), SLA_EINVAL);
    bad = civil(2025, 13, 1, 0, 0, 0);
    ck_assert_int_eq(sla_rrule_iter_new(&it, r, &bad, 0), SLA_EINVAL);
    bad = civil(2025, 1, 1, 24, 0, 0);
    ck_assert_int_eq(sla_rrule_iter_new(&it, r, &bad, 0), SLA_EINVAL);
    bad = civil(2025, 1, 1, 0, 60, 0);
    ck_assert_int_eq(sla_rrule_iter_new(&it, r, &bad, 0), SLA_EINVAL);
    bad = civil(2025, 1, 1, 0, 0, 60);
    ck_assert_int_eq(sla_rrule_iter_new(&it, r, &bad, 0), SLA_EINVAL);
    bad = civil(2025, 1, 1, 0, 0, 0);
    bad.millisecond = 1000;
    ck_assert_int_eq(sla_rrule_iter_new(&it, r, &bad, 0), SLA_EINVAL);
    bad.millisecond = -1;
    ck_assert_int_eq(sla_rrule_iter_new(&it, r, &bad, 0), SLA_EINVAL);
    ck_assert_ptr_null(it);

    ck_assert_int_eq(sla_rrule_iter_new(&it, r, &start, 0), 0);
    ck_assert_int_eq(sla_rrule_iter_new(&it2, r, &start, SLA_RRULE_CLAMP), 0);
    ck_assert_int_eq(sla_rrule_iter_next(NULL, it), SLA_EINVAL);
    ck_assert_int_eq(sla_rrule_iter_next(&occ, NULL), SLA_EINVAL);
    /* Two iterators of one rule are independent. */
    ck_assert_int_eq(sla_rrule_iter_next(&occ, it), 0);
    ck_assert_int_eq(occ.day, 1);
    ck_assert_int_eq(sla_rrule_iter_next(&occ, it), 0);
    ck_assert_int_eq(occ.day, 2);
    ck_assert_int_eq(sla_rrule_iter_next(&occ, it2), 0);
    ck_assert_int_eq(occ.day, 1);
    /* The end is sticky. */
    ck_assert_int_eq(sla_rrule_iter_next(&occ, it), SLA_ENOTFOUND);
    ck_assert_int_eq(sla_rrule_iter_next(&occ, it), SLA_ENOTFOUND);
    ck_assert_int_eq(sla_rrule_iter_next(&occ, it2), 0);
    ck_assert_int_eq(occ.day, 2);
    ck_assert_int_eq(sla_rrule_iter_next(&occ, it2), SLA_ENOTFOUND);
    sla_rrule_iter_free(it);
    sla_rrule_iter_free(it2);
    sla_rrule_iter_free(NULL);
    sla_rrule_free(r);
}
END_TEST

/* Expand to the end, checking each occurrence against the expected one. */
static void check_tail(const char *rule, struct sla_civil start,
                       const struct sla_civil *want, size_t n)
{
    struct sla_rrule *r = parse_ok(rule);
    struct sla_rrule_iter *it = NULL;
    struct sla_civil occ;
    char why[256] = "";
    size_t i;
    int rc;
    ck_assert_int_eq(sla_rrule_iter_new(&it, r, &start, 0), 0);
    for (i = 0; i < n && !why[0]; i++) {
        memset(&occ, 0, sizeof occ);
        rc = sla_rrule_iter_next(&occ, it);
        if (rc != 0 || occ.year != want[i].year ||
            occ.month != want[i].month || occ.day != want[i].day)
            snprintf(why, sizeof why,
                     "%s occurrence %zu: code %d, %d-%02d-%02d, want "
                     "%d-%02d-%02d", rule, i, rc, occ.year, occ.month,
                     occ.day, want[i].year, want[i].month, want[i].day);
    }
    if (!why[0]) {
        memset(&occ, 0, sizeof occ);
        rc = sla_rrule_iter_next(&occ, it);
        if (rc != SLA_ENOTFOUND)
            snprintf(why, sizeof why,
                     "%s: code %d, %d-%02d-%02d after the last %zu "
                     "occurrences, want SLA_ENOTFOUND", rule, rc, occ.year,
                     occ.month, occ.day, n);
    }
    sla_rrule_iter_free(it);
    sla_rrule_free(r);
    ck_assert_msg(!why[0], "%s", why);
}

/* At the end of the calendar's range (2147483647-12-31) the iteration
 * ends with SLA_ENOTFOUND, after the last dates that exist. One test per
 * frequency (a loop test). */
START_TEST(calendar_end)
{
    const int32_t Y = INT32_MAX;
    struct sla_civil want[7];
    int i;
    switch (_i) {
    case 0:
        for (i = 0; i < 7; i++)
            want[i] = civil(Y, 12, 25 + i, 6, 0, 0);
        check_tail("FREQ=DAILY", civil(Y, 12, 25, 6, 0, 0), want, 7);
        break;
    case 1:
        for (i = 0; i < 7; i++)
            want[i] = civil(Y, 12, 25 + i, 0, 0, 0);
        check_tail("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU",
                   civil(Y, 12, 25, 0, 0, 0), want, 7);
        break;
    case 2:
        want[0] = civil(Y, 10, 15, 0, 0, 0);
        want[1] = civil(Y, 11, 15, 0, 0, 0);
        want[2] = civil(Y, 12, 15, 0, 0, 0);
        check_tail("FREQ=MONTHLY", civil(Y, 10, 15, 0, 0, 0), want, 3);
        break;
    default:
        for (i = 0; i < 4; i++)
            want[i] = civil(Y - 3 + i, 6, 15, 0, 0, 0);
        check_tail("FREQ=YEARLY", civil(Y - 3, 6, 15, 0, 0, 0), want, 4);
        break;
    }
}
END_TEST

START_TEST(far_years)
{
    /* Year 0 is a leap year; negative years work as well. */
    check_seq("FREQ=DAILY;COUNT=3", "0000-02-28T00:00:00", 0,
              "0000-02-28 0000-02-29 0000-03-01 $");
    {
        struct sla_rrule *r = parse_ok("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1");
        struct sla_rrule_iter *it = NULL;
        struct sla_civil start = civil(-5, 1, 1, 0, 0, 0), occ;
        ck_assert_int_eq(sla_rrule_iter_new(&it, r, &start, 0), 0);
        ck_assert_int_eq(sla_rrule_iter_next(&occ, it), 0);
        ck_assert(occ.year == -5 && occ.month == 2 && occ.day == 28);
        ck_assert_int_eq(sla_rrule_iter_next(&occ, it), 0);
        ck_assert(occ.year == -4 && occ.month == 2 && occ.day == 29);
        sla_rrule_iter_free(it);
        sla_rrule_free(r);
    }
}
END_TEST

/* ---- random rules: canonical text round trips --------------------------- */

static const char *const wd_names[] = {"MO", "TU", "WE", "TH", "FR", "SA",
                                       "SU"};

static size_t random_rule(char *buf, size_t size, uint64_t *st)
{
    static const char *const freqs[] = {"DAILY", "WEEKLY", "MONTHLY",
                                        "YEARLY"};
    int f = (int)sla_test_below(st, 4);
    size_t n = (size_t)snprintf(buf, size, "FREQ=%s", freqs[f]);
    int k, m;
    if (sla_test_below(st, 3) == 0)
        n += (size_t)snprintf(buf + n, size - n, ";INTERVAL=%d",
                              1 + (int)sla_test_below(st, 5));
    switch (sla_test_below(st, 4)) {
    case 0:
        n += (size_t)snprintf(buf + n, size - n, ";COUNT=%d",
                              1 + (int)sla_test_below(st, 50));
        break;
    case 1:
        n += (size_t)snprintf(buf + n, size - n, ";UNTIL=20%02d0%d1%d%s",
                              30 + (int)sla_test_below(st, 10),
                              1 + (int)sla_test_below(st, 9),
                              (int)sla_test_below(st, 3),
                              sla_test_below(st, 2) ? "T120000" : "");
        break;
    default:
        break;
    }
    if (sla_test_below(st, 3) == 0) {
        n += (size_t)snprintf(buf + n, size - n, ";BYMONTH=");
        for (k = 0, m = 1 + (int)sla_test_below(st, 3); k < m; k++)
            n += (size_t)snprintf(buf + n, size - n, "%s%d", k ? "," : "",
                                  1 + (int)sla_test_below(st, 12));
    }
    if (f != 1 && sla_test_below(st, 3) == 0) {
        n += (size_t)snprintf(buf + n, size - n, ";BYMONTHDAY=");
        for (k = 0, m = 1 + (int)sla_test_below(st, 3); k < m; k++) {
            int d = 1 + (int)sla_test_below(st, 31);
            n += (size_t)snprintf(buf + n, size - n, "%s%d", k ? "," : "",
                                  sla_test_below(st, 3) ? d : -d);
        }
    }
    if (sla_test_below(st, 2) == 0) {
        n += (size_t)snprintf(buf + n, size - n, ";BYDAY=");
        for (k = 0, m = 1 + (int)sla_test_below(st, 3); k < m; k++) {
            int ord = f >= 2 && sla_test_below(st, 2)
                          ? 1 + (int)sla_test_below(st, 5) : 0;
            if (ord && sla_test_below(st, 3) == 0)
                ord = -ord;
            if (ord)
                n += (size_t)snprintf(buf + n, size - n, "%s%d%s",
                                      k ? "," : "", ord,
                                      wd_names[sla_test_below(st, 7)]);
            else
                n += (size_t)snprintf(buf + n, size - n, "%s%s",
                                      k ? "," : "",
                                      wd_names[sla_test_below(st, 7)]);
        }
    }
    if (sla_test_below(st, 4) == 0 && strstr(buf, ";BY"))
        n += (size_t)snprintf(buf + n, size - n, ";BYSETPOS=%d",
                              sla_test_below(st, 2)
                                  ? 1 + (int)sla_test_below(st, 3)
                                  : -1 - (int)sla_test_below(st, 3));
    if (sla_test_below(st, 4) == 0)
        n += (size_t)snprintf(buf + n, size - n, ";WKST=%s",
                              wd_names[sla_test_below(st, 7)]);
    return n;
}

START_TEST(random_round_trips)
{
    uint64_t st = 5545;
    int i, n = scaled(600), parsed = 0;
    for (i = 0; i < n; i++) {
        char text[512], canon[SLA_RRULE_SIZE], again_text[SLA_RRULE_SIZE];
        struct sla_rrule *r = NULL, *again;
        struct sla_rrule_iter *a = NULL, *b = NULL;
        struct sla_civil start, x, y;
        int len, j, rc_a, rc_b;
        size_t tl = random_rule(text, sizeof text, &st);
        if (parse_exact(&r, text, tl, NULL) != 0)
            continue; /* an impossible combination */
        parsed++;
        len = sla_rrule_format(canon, sizeof canon, r);
        REQUIRE(len > 0, "format '%s': %d", text, len);
        again = parse_ok(canon);
        REQUIRE(sla_rrule_format(again_text, sizeof again_text, again) == len &&
                    strcmp(canon, again_text) == 0,
                "'%s': canonical '%s' formats again as '%s'", text, canon,
                again_text);
        start = civil(1995 + (int)sla_test_below(&st, 40),
                      1 + (int)sla_test_below(&st, 12),
                      1 + (int)sla_test_below(&st, 28),
                      (int)sla_test_below(&st, 4), 0, 0);
        ck_assert_int_eq(sla_rrule_iter_new(&a, r, &start, (int32_t)(i & 1)),
                         0);
        ck_assert_int_eq(
            sla_rrule_iter_new(&b, again, &start, (int32_t)(i & 1)), 0);
        for (j = 0; j < 20; j++) {
            rc_a = sla_rrule_iter_next(&x, a);
            rc_b = sla_rrule_iter_next(&y, b);
            REQUIRE(rc_a == rc_b && (rc_a || memcmp(&x, &y, sizeof x) == 0),
                    "'%s' and '%s' expand differently", text, canon);
            if (rc_a)
                break;
        }
        sla_rrule_iter_free(a);
        sla_rrule_iter_free(b);
        sla_rrule_free(again);
        sla_rrule_free(r);
    }
    ck_assert_int_gt(parsed, n / 2);
}
END_TEST

/* Mutated rules: every outcome is a rule or a documented error with a
 * place inside the text and a message. */
START_TEST(random_mutations)
{
    uint64_t st = 20251;
    int i, n = scaled(10000);
    static const char alphabet[] = "=;,:-+0123456789TZ FREQDAILYMOSUBYSETPOS";
    for (i = 0; i < n; i++) {
        char text[512];
        struct sla_rrule *r = NULL;
        struct sla_error err;
        size_t tl = random_rule(text, sizeof text, &st);
        int k, muts = 1 + (int)sla_test_below(&st, 3), rc;
        for (k = 0; k < muts; k++) {
            size_t at = (size_t)sla_test_below(&st, tl);
            switch (sla_test_below(&st, 3)) {
            case 0:
                text[at] = alphabet[sla_test_below(&st, sizeof alphabet - 1)];
                break;
            case 1:
                tl = at; /* truncate */
                break;
            default:
                text[at] = (char)sla_test_below(&st, 256);
                break;
            }
            if (tl == 0)
                break;
        }
        memset(&err, 0, sizeof err);
        rc = parse_exact(&r, text, tl, &err);
        if (rc == 0) {
            char canon[SLA_RRULE_SIZE];
            REQUIRE(sla_rrule_format(canon, sizeof canon, r) > 0,
                    "a parsed mutation does not format");
            sla_rrule_free(r);
            continue;
        }
        REQUIRE(rc == SLA_EPARSE || rc == SLA_EUNSUPPORTED,
                "mutation: code %d", rc);
        REQUIRE(err.code == rc && err.offset >= 0 &&
                    err.offset <= (int64_t)tl && err.message[0] != '\0',
                "mutation: code %d, offset %lld of %zu", rc,
                (long long)err.offset, tl);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rrule");
    TCase *parse = sla_tcase("parse");
    TCase *expand_tc = sla_tcase("expand");
    TCase *iter = sla_tcase("iterator");
    TCase *random = sla_tcase("random");

    tcase_add_test(parse, format_canonical);
    tcase_add_test(parse, format_buffer);
    tcase_add_test(parse, format_longest_rule);
    tcase_add_test(parse, errors_unknown_and_unsupported);
    tcase_add_test(parse, errors_structure);
    tcase_add_test(parse, errors_values);
    suite_add_tcase(s, parse);

    tcase_add_test(expand_tc, monthly_weekdays);
    tcase_add_test(expand_tc, saturday_after_patch_tuesday);
    tcase_add_test(expand_tc, month_days);
    tcase_add_test(expand_tc, weekly_wkst);
    tcase_add_test(expand_tc, yearly);
    tcase_add_test(expand_tc, daily);
    tcase_add_test(expand_tc, count_and_until);
    tcase_add_test(expand_tc, never_matching);
    tcase_add_test(expand_tc, time_of_day_kept);
    suite_add_tcase(s, expand_tc);

    tcase_add_test(iter, iterator_arguments);
    tcase_add_loop_test(iter, calendar_end, 0, 4);
    tcase_add_test(iter, far_years);
    suite_add_tcase(s, iter);

    tcase_add_test(random, random_round_trips);
    tcase_add_test(random, random_mutations);
    suite_add_tcase(s, random);
    return sla_run_suite(s);
}
