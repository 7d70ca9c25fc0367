/* SPDX-License-Identifier: MIT */
/* RFC 3339 timestamps, local date-times and dates as text.
 *
 * Fixed numbers below were computed independently with Python's datetime
 * module, e.g. 1985-04-12T23:20:50.52Z is 482196050520 ms. The random
 * tests compare against a naive day-counting calendar written here, which
 * shares no code with libsla. */
#include <stdio.h>

#include "testlib.h"

/* Instants of 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z. */
#define MIN_INSTANT INT64_C(-62167219200000)
#define MAX_INSTANT INT64_C(253402300799999)

/* A check for hot loops. Check's own ck_assert records every assertion
 * that passes, which would dominate a loop of 100,000 cases. */
#define REQUIRE(cond, ...)                                                   \
    do {                                                                     \
        if (!(cond))                                                         \
            ck_abort_msg(__VA_ARGS__);                                       \
    } while (0)

static int trials(int n)
{
    return getenv("SLA_TEST_VALGRIND") ? n / 10 : n;
}

/* ---- An independent, naive proleptic Gregorian calendar ------------- */

static int naive_leap(int y)
{
    if (y % 400 == 0)
        return 1;
    if (y % 100 == 0)
        return 0;
    return y % 4 == 0;
}

static int naive_dim(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    return m == 2 && naive_leap(y) ? 29 : len[m - 1];
}

/* year_start[y]: days from 0000-01-01 to y-01-01, by counting years. */
static int64_t year_start[10001];

static void naive_init(void)
{
    int y;
    year_start[0] = 0;
    for (y = 0; y < 10000; y++)
        year_start[y + 1] = year_start[y] + (naive_leap(y) ? 366 : 365);
}

/* Days since 1970-01-01, by counting months in the year. */
static int64_t naive_days(int y, int m, int d)
{
    int64_t days = year_start[y] - year_start[1970];
    int k;
    for (k = 1; k < m; k++)
        days += naive_dim(y, k);
    return days + d - 1;
}

static int64_t naive_instant(int y, int mo, int d, int h, int mi, int s,
                             int ms, int64_t offset_ms)
{
    return naive_days(y, mo, d) * 86400000 + h * INT64_C(3600000) +
           mi * INT64_C(60000) + s * INT64_C(1000) + ms - offset_ms;
}

struct fields {
    int y, mo, d, h, mi, s, ms;
};

/* The civil fields of a local millisecond count within years 0-9999. */
static void naive_fields(int64_t local, struct fields *f)
{
    int64_t days = local / 86400000, rem = local % 86400000;
    int lo = 0, hi = 10000;
    if (rem < 0) {
        rem += 86400000;
        days--;
    }
    days += year_start[1970];
    while (hi - lo > 1) { /* last year whose start is <= days */
        int mid = (lo + hi) / 2;
        if (year_start[mid] <= days)
            lo = mid;
        else
            hi = mid;
    }
    f->y = lo;
    days -= year_start[lo];
    f->mo = 1;
    while (days >= naive_dim(f->y, f->mo)) {
        days -= naive_dim(f->y, f->mo);
        f->mo++;
    }
    f->d = (int)days + 1;
    f->h = (int)(rem / 3600000);
    f->mi = (int)(rem / 60000 % 60);
    f->s = (int)(rem / 1000 % 60);
    f->ms = (int)(rem % 1000);
}

/* Canonical text of local fields plus an offset ("Z" when zulu). */
static int naive_text(char *buf, size_t size, const struct fields *f,
                      int64_t offset_ms, int zulu)
{
    int n = snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d", f->y, f->mo,
                     f->d, f->h, f->mi, f->s);
    int64_t a = offset_ms < 0 ? -offset_ms / 1000 : offset_ms / 1000;
    if (f->ms)
        n += snprintf(buf + n, size - (size_t)n, ".%03d", f->ms);
    if (zulu)
        n += snprintf(buf + n, size - (size_t)n, "Z");
    else if (a % 60)
        n += snprintf(buf + n, size - (size_t)n, "%c%02d:%02d:%02d",
                      offset_ms < 0 ? '-' : '+', (int)(a / 3600),
                      (int)(a / 60 % 60), (int)(a % 60));
    else
        n += snprintf(buf + n, size - (size_t)n, "%c%02d:%02d",
                      offset_ms < 0 ? '-' : '+', (int)(a / 3600),
                      (int)(a / 60 % 60));
    return n;
}

/* ---- Helpers -------------------------------------------------------- */

static int64_t parse_ok(const char *text, int64_t *offset)
{
    int64_t out = 0x5151, off = 0x5151;
    struct sla_error err;
    int rc;
    memset(&err, 0x5a, sizeof err);
    rc = sla_rfc3339_parse(&out, &off, text, strlen(text), &err);
    REQUIRE(rc == 0, "parse '%s' returned %d (%s at %lld)", text, rc,
                  rc == SLA_EPARSE ? err.message : "", (long long)err.offset);
    if (offset)
        *offset = off;
    return out;
}

/* The error record must be complete: code, place, and a sentence naming
 * what was expected. The offset must lie in [lo, hi]. */
/* Parse n bytes copied into an exact-size heap block, so that a read past
 * the end is caught by valgrind and the sanitizers. */
static int parse_exact(const char *text, size_t n, int64_t *out,
                       int64_t *offset, struct sla_error *err)
{
    char *copy = malloc(n ? n : 1);
    int rc;
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, text, n);
    rc = sla_rfc3339_parse(out, offset, copy, n, err);
    free(copy);
    return rc;
}

/* A bad field may be reported at its start or at its first bad byte;
 * where the two differ the test names both ends. */
static void expect_parse_error_in(const char *text, int64_t lo, int64_t hi,
                                  const char *needle)
{
    int64_t out = 0, off = 0;
    struct sla_error err;
    int rc;
    memset(&err, 0x5a, sizeof err);
    rc = parse_exact(text, strlen(text), &out, &off, &err);
    ck_assert_msg(rc == SLA_EPARSE, "'%s' returned %d, expected SLA_EPARSE",
                  text, rc);
    sla_test_check_record(&err, SLA_EPARSE, text, lo, hi, needle);
    /* A NULL error record is allowed and changes nothing else. */
    ck_assert_int_eq(sla_rfc3339_parse(&out, &off, text, strlen(text), NULL),
                     SLA_EPARSE);
}

static void expect_parse_error(const char *text, int64_t at,
                               const char *needle)
{
    expect_parse_error_in(text, at, at, needle);
}

/* Start of the token holding byte k: runs of digits are one token, any
 * other byte is a token of its own. */
static size_t token_start(const char *text, size_t k)
{
    if (text[k] < '0' || text[k] > '9')
        return k;
    while (k > 0 && text[k - 1] >= '0' && text[k - 1] <= '9')
        k--;
    return k;
}

/* ---- sla_rfc3339_parse: hand-worked values -------------------------- */

START_TEST(parse_rfc_examples)
{
    int64_t off;
    /* RFC 3339 section 5.8. */
    ck_assert_int_eq(parse_ok("1985-04-12T23:20:50.52Z", &off),
                     INT64_C(482196050520));
    ck_assert_int_eq(off, 0);
    ck_assert_int_eq(parse_ok("1996-12-19T16:39:57-08:00", &off),
                     INT64_C(851042397000));
    ck_assert_int_eq(off, -8 * INT64_C(3600000));
    ck_assert_int_eq(parse_ok("1937-01-01T12:00:27.87+00:20", &off),
                     INT64_C(-1041337172130));
    ck_assert_int_eq(off, 20 * INT64_C(60000));
    /* The check sheet's date. */
    ck_assert_int_eq(parse_ok("2020-09-24T17:00:00Z", &off),
                     INT64_C(1600966800000));
    ck_assert_int_eq(off, 0);
    ck_assert_int_eq(parse_ok("1970-01-01T00:00:00Z", NULL), 0);
    ck_assert_int_eq(parse_ok("1969-12-31T23:59:59.999Z", NULL), -1);
    ck_assert_int_eq(parse_ok("2020-09-25T02:00:00+09:00", &off),
                     INT64_C(1600966800000));
    ck_assert_int_eq(off, INT64_C(32400000));
}
END_TEST

START_TEST(parse_leap_second_rejected)
{
    expect_parse_error("1990-12-31T23:59:60Z", 17, "second");
    expect_parse_error("1990-12-31T15:59:60-08:00", 17, "second");
    expect_parse_error("1990-12-31T23:59:61Z", 17, "second");
}
END_TEST

START_TEST(parse_separators_and_case)
{
    const int64_t t = INT64_C(1600966800000);
    ck_assert_int_eq(parse_ok("2020-09-24t17:00:00Z", NULL), t);
    ck_assert_int_eq(parse_ok("2020-09-24T17:00:00z", NULL), t);
    ck_assert_int_eq(parse_ok("2020-09-24t17:00:00z", NULL), t);
    ck_assert_int_eq(parse_ok("2020-09-24 17:00:00Z", NULL), t);
    ck_assert_int_eq(parse_ok("2020-09-24 17:00:00+00:00", NULL), t);
    expect_parse_error("2020-09-24_17:00:00Z", 10, "'T'");
    expect_parse_error("2020-09-24x17:00:00Z", 10, "'T'");
    expect_parse_error("2020-09-24T17:00:00X", 19, "offset");
    expect_parse_error("2020-09-24T17:00:00+09-00", 22, "':'");
    expect_parse_error("2020-09-24T17-00:00Z", 13, "':'");
    expect_parse_error("2020/09/24T17:00:00Z", 4, "'-'");
}
END_TEST

START_TEST(parse_minus_zero_offset)
{
    int64_t off = 77;
    ck_assert_int_eq(parse_ok("2020-09-24T17:00:00-00:00", &off),
                     INT64_C(1600966800000));
    ck_assert_int_eq(off, 0);
    off = 77;
    ck_assert_int_eq(parse_ok("2020-09-24T17:00:00+00:00", &off),
                     INT64_C(1600966800000));
    ck_assert_int_eq(off, 0);
}
END_TEST

START_TEST(parse_fraction_truncated)
{
    const int64_t t = INT64_C(1600966800000);
    ck_assert_int_eq(parse_ok("2020-09-24T17:00:00.9999Z", NULL), t + 999);
    ck_assert_int_eq(parse_ok("2020-09-24T17:00:59.9999999Z", NULL),
                     t + 59999);
    ck_assert_int_eq(parse_ok("2020-09-24T17:00:00.0005Z", NULL), t);
    ck_assert_int_eq(parse_ok("2020-09-24T17:00:00.0009Z", NULL), t);
    ck_assert_int_eq(parse_ok("2020-09-24T17:00:00.001Z", NULL), t + 1);
    ck_assert_int_eq(parse_ok("2020-09-24T17:00:00.5Z", NULL), t + 500);
    ck_assert_int_eq(parse_ok("2020-09-24T17:00:00.05Z", NULL), t + 50);
    ck_assert_int_eq(parse_ok("2020-09-24T17:00:00.000Z", NULL), t);
    ck_assert_int_eq(parse_ok("2020-09-24T17:00:00.0Z", NULL), t);
    ck_assert_int_eq(
        parse_ok("2020-09-24T17:00:00.123456789012345678901234567890123456"
                 "789012345678901234567890Z",
                 NULL),
        t + 123);
    /* 23:59:59.9999 on the last day stays in 9999. */
    ck_assert_int_eq(parse_ok("9999-12-31T23:59:59.99999999+00:00", NULL),
                     MAX_INSTANT);
    /* A fraction needs digits, and only '.' introduces it. */
    expect_parse_error("2020-09-24T17:00:00.Z", 20, "digit");
    expect_parse_error("2020-09-24T17:00:00.", 20, "digit");
    expect_parse_error("2020-09-24T17:00:00,5Z", 19, "offset");
}
END_TEST

START_TEST(parse_offset_seconds)
{
    int64_t off = 0;
    /* +09:18:59 is 33539 s east. */
    ck_assert_int_eq(parse_ok("2024-02-29T12:34:56.789+09:18:59", &off),
                     INT64_C(1709176557789));
    ck_assert_int_eq(off, INT64_C(33539000));
    ck_assert_int_eq(parse_ok("2024-02-29T12:34:56.789-09:18:59", &off),
                     INT64_C(1709176557789) + 2 * INT64_C(33539000));
    ck_assert_int_eq(off, -INT64_C(33539000));
    ck_assert_int_eq(parse_ok("1970-01-01T00:00:00+00:00:01", &off), -1000);
    ck_assert_int_eq(off, 1000);
    ck_assert_int_eq(parse_ok("1970-01-01T00:00:00-23:59:59", &off),
                     INT64_C(86399000));
    ck_assert_int_eq(off, -INT64_C(86399000));
    expect_parse_error("1970-01-01T00:00:00+00:00:60", 26, "offset seconds");
    expect_parse_error_in("1970-01-01T00:00:00+00:00:5", 26, 27,
                          "offset seconds");
    expect_parse_error("1970-01-01T00:00:00+00:00:", 26, "offset seconds");
    expect_parse_error("1970-01-01T00:00:00+00:00:00:00", 28, "end");
}
END_TEST

START_TEST(parse_offset_output_optional)
{
    int64_t out = 0, off = 123;
    struct sla_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(sla_rfc3339_parse(&out, NULL, "2020-09-25T02:00:00+09:00",
                                       25, &err),
                     0);
    ck_assert_int_eq(out, INT64_C(1600966800000));
    ck_assert_int_eq(sla_rfc3339_parse(&out, &off, "2020-09-25T02:00:00+09:00",
                                       25, NULL),
                     0);
    ck_assert_int_eq(off, INT64_C(32400000));
    out = 5;
    ck_assert_int_eq(sla_rfc3339_parse(&out, &off, "2020-09-24T17:00:00Z", 20,
                                       NULL),
                     0);
    ck_assert_int_eq(off, 0);
    ck_assert_int_eq(out, INT64_C(1600966800000));
}
END_TEST

START_TEST(parse_year_ends)
{
    ck_assert_int_eq(parse_ok("0000-01-01T00:00:00Z", NULL), MIN_INSTANT);
    ck_assert_int_eq(parse_ok("0001-01-01T00:00:00Z", NULL),
                     INT64_C(-62135596800000));
    ck_assert_int_eq(parse_ok("9999-12-31T23:59:59.999Z", NULL), MAX_INSTANT);
    /* The offset may carry the instant outside 0000-9999. */
    ck_assert_int_eq(parse_ok("0000-01-01T00:00:00+00:01", NULL),
                     MIN_INSTANT - 60000);
    ck_assert_int_eq(parse_ok("9999-12-31T23:59:59.999-23:59", NULL),
                     MAX_INSTANT + 23 * INT64_C(3600000) +
                         59 * INT64_C(60000));
    /* Year 0 is a leap year. */
    ck_assert_int_eq(parse_ok("0000-02-29T00:00:00Z", NULL),
                     MIN_INSTANT + 59 * INT64_C(86400000));
    ck_assert_int_eq(parse_ok("0000-03-01T00:00:00Z", NULL),
                     MIN_INSTANT + 60 * INT64_C(86400000));
    /* Years have exactly four digits. */
    expect_parse_error("10000-01-01T00:00:00Z", 4, "'-'");
    expect_parse_error("-0001-01-01T00:00:00Z", 0, "year");
    expect_parse_error("+2020-01-01T00:00:00Z", 0, "year");
    expect_parse_error_in("202-01-01T00:00:00Z", 0, 3, "year");
}
END_TEST

START_TEST(parse_feb_29)
{
    ck_assert_int_eq(parse_ok("2000-02-29T00:00:00Z", NULL),
                     INT64_C(951782400000));
    ck_assert_int_eq(parse_ok("1900-02-28T00:00:00Z", NULL),
                     INT64_C(-2203977600000));
    ck_assert_int_eq(parse_ok("1900-03-01T00:00:00Z", NULL),
                     INT64_C(-2203891200000));
    ck_assert_int_eq(parse_ok("2024-02-29T00:00:00Z", NULL),
                     INT64_C(1709164800000));
    ck_assert_int_eq(parse_ok("2400-02-29T00:00:00Z", NULL),
                     INT64_C(13574563200000));
    expect_parse_error("1900-02-29T00:00:00Z", 8, "day");
    expect_parse_error("2100-02-29T00:00:00Z", 8, "day");
    expect_parse_error("2023-02-29T00:00:00Z", 8, "day");
    expect_parse_error("2024-02-30T00:00:00Z", 8, "day");
    expect_parse_error("2024-04-31T00:00:00Z", 8, "day");
    expect_parse_error("2024-06-31T00:00:00Z", 8, "day");
}
END_TEST

/* ---- sla_rfc3339_parse: errors -------------------------------------- */

START_TEST(parse_field_errors)
{
    expect_parse_error("", 0, "year");
    expect_parse_error("2026-13-01T00:00:00Z", 5, "month");
    expect_parse_error("2026-00-01T00:00:00Z", 5, "month");
    expect_parse_error_in("2026-1-01T00:00:00Z", 5, 6, "month");
    expect_parse_error("2026-01-32T00:00:00Z", 8, "day");
    expect_parse_error("2026-01-00T00:00:00Z", 8, "day");
    expect_parse_error("2021-02-30T00:00:00Z", 8, "day");
    expect_parse_error("2026-01-01T24:00:00Z", 11, "hour");
    expect_parse_error("2026-01-01T99:00:00Z", 11, "hour");
    expect_parse_error("2026-01-01T00:60:00Z", 14, "minute");
    expect_parse_error("2026-01-01T00:00:60Z", 17, "second");
    expect_parse_error_in("2026-01-01T00:00:6Z", 17, 18, "second");
    expect_parse_error("2026-01-01T00:00:00", 19, "offset");
    expect_parse_error("2026-01-01T00:00:00.5", 21, "offset");
    expect_parse_error("2026-01-01T00:00:00+24:00", 20, "offset hour");
    expect_parse_error("2026-01-01T00:00:00-24:00", 20, "offset hour");
    expect_parse_error("2026-01-01T00:00:00+09:60", 23, "offset minutes");
    expect_parse_error("2026-01-01T00:00:00+0900", 22, "':'");
    expect_parse_error_in("2026-01-01T00:00:00+9:00", 20, 21, "offset hour");
    expect_parse_error("2026-01-01T00:00:00ZZ", 20, "end");
    expect_parse_error("2026-01-01T00:00:00Z ", 20, "end");
    expect_parse_error("2026-01-01T00:00:00+09:00x", 25, "end");
    expect_parse_error("2026-01-01T00:00:00.5Zjunk", 22, "end");
    expect_parse_error(" 2026-01-01T00:00:00Z", 0, "year");
    expect_parse_error("2026-01-01", 10, "'T'");
    expect_parse_error("2026-01-01T", 11, "hour");
}
END_TEST

START_TEST(parse_every_strict_prefix_fails)
{
    static const char *const full[] = {
        "1996-12-19T16:39:57.25-08:00",
        "2020-09-24T17:00:00Z",
        "0000-02-29 23:59:59.999999+23:59",
        "9999-12-31t23:59:59-00:00",
    };
    size_t i, k;
    for (i = 0; i < sizeof full / sizeof full[0]; i++) {
        size_t len = strlen(full[i]);
        int64_t out = 0, off = 0;
        struct sla_error err;
        ck_assert_int_eq(parse_exact(full[i], len, &out, &off, &err), 0);
        for (k = 0; k < len; k++) {
            char shown[64];
            int rc;
            memcpy(shown, full[i], k);
            shown[k] = '\0';
            memset(&err, 0x5a, sizeof err);
            rc = parse_exact(full[i], k, &out, &off, &err);
            ck_assert_msg(rc == SLA_EPARSE, "prefix '%s' returned %d", shown,
                          rc);
            /* The failure is at the end of the text or at the start of
             * the field that the end cut short. */
            sla_test_check_record(&err, SLA_EPARSE, shown, (int64_t)token_start(full[i], k),
                         (int64_t)k, NULL);
        }
    }
}
END_TEST

START_TEST(parse_not_nul_terminated)
{
    const char buf[] = "2020-09-24T17:00:00Z+09:00 and more";
    const char zeros[] = "2020-09-24T17:00:00.12345Z";
    const char embedded[] = "2020-09-24T17:00:00\0Z";
    int64_t out = 0, off = 5;
    struct sla_error err;
    ck_assert_int_eq(sla_rfc3339_parse(&out, &off, buf, 20, &err), 0);
    ck_assert_int_eq(out, INT64_C(1600966800000));
    ck_assert_int_eq(off, 0);
    /* The same bytes with len cut before the 'Z'. */
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(sla_rfc3339_parse(&out, &off, buf, 19, &err),
                     SLA_EPARSE);
    sla_test_check_record(&err, SLA_EPARSE, "len 19", 19, 19, "offset");
    /* The fraction stops at len too: ".12" then the end. */
    ck_assert_int_eq(sla_rfc3339_parse(&out, &off, zeros, 22, &err),
                     SLA_EPARSE);
    sla_test_check_record(&err, SLA_EPARSE, "len 22", 22, 22, "offset");
    /* Exact-size heap copies, so reading past len is caught. */
    ck_assert_int_eq(parse_exact(buf, 20, &out, &off, &err), 0);
    ck_assert_int_eq(out, INT64_C(1600966800000));
    ck_assert_int_eq(parse_exact("2020-09-24T17:00:00+09:00", 25, &out, &off,
                                 &err),
                     0);
    ck_assert_int_eq(off, INT64_C(32400000));
    /* An embedded NUL is an ordinary bad byte. */
    ck_assert_int_eq(sla_rfc3339_parse(&out, &off, embedded,
                                       sizeof embedded - 1, &err),
                     SLA_EPARSE);
    sla_test_check_record(&err, SLA_EPARSE, "embedded NUL", 19, 19, "offset");
}
END_TEST

START_TEST(parse_null_arguments)
{
    int64_t out = 42, off = 43;
    struct sla_error err;
    ck_assert_int_eq(sla_rfc3339_parse(NULL, &off, "2020-09-24T17:00:00Z", 20,
                                       &err),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_rfc3339_parse(&out, &off, NULL, 20, &err),
                     SLA_EINVAL);
    ck_assert_int_eq(err.code, SLA_EINVAL);
    ck_assert_int_eq(err.offset, -1);
    ck_assert_str_eq(err.message,
                     "invalid argument: the text is NULL with a length");
    /* NULL with length 0 is the empty text (C++ string_view{}, Go nil). */
    ck_assert_int_eq(sla_rfc3339_parse(&out, &off, NULL, 0, &err),
                     SLA_EPARSE);
    ck_assert_int_eq(err.code, SLA_EPARSE);
    ck_assert_int_eq(err.offset, 0);
    ck_assert_int_eq(sla_rfc3339_parse(NULL, NULL, NULL, 0, &err),
                     SLA_EINVAL);
    ck_assert_str_eq(err.message,
                     "invalid argument: the output pointer is NULL");
    ck_assert_int_eq(sla_rfc3339_parse(NULL, NULL, NULL, 0, NULL),
                     SLA_EINVAL);
    ck_assert_int_eq(out, 42);
    ck_assert_int_eq(off, 43);
}
END_TEST

START_TEST(parse_success_leaves_error_record)
{
    struct sla_error err, before;
    int64_t out;
    memset(&err, 0x3c, sizeof err);
    before = err;
    ck_assert_int_eq(sla_rfc3339_parse(&out, NULL, "2020-09-24T17:00:00Z", 20,
                                       &err),
                     0);
    ck_assert_int_eq(memcmp(&err, &before, sizeof err), 0);
}
END_TEST

/* ---- sla_rfc3339_format / sla_rfc3339_format_offset ------------------ */

static void expect_format(int64_t instant, const char *want)
{
    char buf[SLA_RFC3339_SIZE];
    int n = sla_rfc3339_format(buf, sizeof buf, instant);
    ck_assert_msg(n == (int)strlen(want), "format %lld returned %d",
                  (long long)instant, n);
    ck_assert_str_eq(buf, want);
}

static void expect_format_offset(int64_t instant, int64_t off,
                                 const char *want)
{
    char buf[SLA_RFC3339_SIZE];
    int n = sla_rfc3339_format_offset(buf, sizeof buf, instant, off);
    ck_assert_msg(n == (int)strlen(want), "format %lld at %lld returned %d",
                  (long long)instant, (long long)off, n);
    ck_assert_str_eq(buf, want);
}

START_TEST(format_utc)
{
    expect_format(INT64_C(1600966800000), "2020-09-24T17:00:00Z");
    expect_format(INT64_C(1600966800250), "2020-09-24T17:00:00.250Z");
    expect_format(INT64_C(1600966800001), "2020-09-24T17:00:00.001Z");
    expect_format(INT64_C(1600966800010), "2020-09-24T17:00:00.010Z");
    expect_format(INT64_C(482196050520), "1985-04-12T23:20:50.520Z");
    expect_format(0, "1970-01-01T00:00:00Z");
    expect_format(-1, "1969-12-31T23:59:59.999Z");
    expect_format(INT64_C(-2203891200000), "1900-03-01T00:00:00Z");
    expect_format(INT64_C(951782400000), "2000-02-29T00:00:00Z");
    expect_format(MIN_INSTANT, "0000-01-01T00:00:00Z");
    expect_format(MAX_INSTANT, "9999-12-31T23:59:59.999Z");
}
END_TEST

START_TEST(format_with_offset)
{
    expect_format_offset(INT64_C(1600966800000), INT64_C(32400000),
                         "2020-09-25T02:00:00+09:00");
    expect_format_offset(INT64_C(1600966800000), 0,
                         "2020-09-24T17:00:00+00:00");
    expect_format_offset(INT64_C(851042397000), -8 * INT64_C(3600000),
                         "1996-12-19T16:39:57-08:00");
    expect_format_offset(INT64_C(-1041337172130), 20 * INT64_C(60000),
                         "1937-01-01T12:00:27.870+00:20");
    expect_format_offset(INT64_C(1709176557789), INT64_C(33539000),
                         "2024-02-29T12:34:56.789+09:18:59");
    expect_format_offset(0, -(5 * INT64_C(3600000) + 30 * INT64_C(60000) +
                              15000),
                         "1969-12-31T18:29:45-05:30:15");
    expect_format_offset(0, -1000, "1969-12-31T23:59:59-00:00:01");
    expect_format_offset(0, INT64_C(86399000), "1970-01-01T23:59:59+23:59:59");
    expect_format_offset(0, -INT64_C(86399000),
                         "1969-12-31T00:00:01-23:59:59");
    expect_format_offset(0, 30 * INT64_C(60000), "1970-01-01T00:30:00+00:30");
    expect_format_offset(0, -30 * INT64_C(60000),
                         "1969-12-31T23:30:00-00:30");
}
END_TEST

START_TEST(format_offset_validation)
{
    char buf[SLA_RFC3339_SIZE];
    static const int64_t bad[] = {1,
                                  -1,
                                  999,
                                  1500,
                                  -1500,
                                  INT64_C(32400001),
                                  INT64_C(86400000),
                                  -INT64_C(86400000),
                                  INT64_C(86401000),
                                  INT64_C(172800000),
                                  INT64_MAX,
                                  INT64_MIN};
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(sla_rfc3339_format_offset(buf, sizeof buf, 0, bad[i]) ==
                          SLA_EINVAL,
                      "offset %lld accepted", (long long)bad[i]);
    }
    ck_assert_int_eq(sla_rfc3339_format_offset(buf, sizeof buf, 0,
                                               INT64_C(86399000)),
                     28);
    ck_assert_int_eq(sla_rfc3339_format_offset(buf, sizeof buf, 0,
                                               -INT64_C(86399000)),
                     28);
}
END_TEST

START_TEST(format_year_range)
{
    char buf[SLA_RFC3339_SIZE];
    ck_assert_int_eq(sla_rfc3339_format(buf, sizeof buf, MAX_INSTANT + 1),
                     SLA_ERANGE);
    ck_assert_int_eq(sla_rfc3339_format(buf, sizeof buf, MIN_INSTANT - 1),
                     SLA_ERANGE);
    ck_assert_int_eq(sla_rfc3339_format(buf, sizeof buf, INT64_MAX),
                     SLA_ERANGE);
    ck_assert_int_eq(sla_rfc3339_format(buf, sizeof buf, INT64_MIN),
                     SLA_ERANGE);
    ck_assert_int_eq(sla_rfc3339_format_offset(buf, sizeof buf, INT64_MAX,
                                               INT64_C(3600000)),
                     SLA_ERANGE);
    ck_assert_int_eq(sla_rfc3339_format_offset(buf, sizeof buf, INT64_MIN,
                                               -INT64_C(3600000)),
                     SLA_ERANGE);
    /* The local year decides, not the UTC one. */
    ck_assert_int_eq(sla_rfc3339_format_offset(buf, sizeof buf, MAX_INSTANT,
                                               1000),
                     SLA_ERANGE);
    ck_assert_int_eq(sla_rfc3339_format_offset(buf, sizeof buf, MIN_INSTANT,
                                               -1000),
                     SLA_ERANGE);
    expect_format_offset(MAX_INSTANT + 1, -1000,
                         "9999-12-31T23:59:59-00:00:01");
    expect_format_offset(MIN_INSTANT - 1, 1000,
                         "0000-01-01T00:00:00.999+00:00:01");
}
END_TEST

START_TEST(format_buffer_sizes)
{
    static const struct {
        int64_t instant, offset;
        int zulu;
        const char *want;
    } cases[] = {
        {INT64_C(1600966800000), 0, 1, "2020-09-24T17:00:00Z"},
        {INT64_C(1600966800250), 0, 1, "2020-09-24T17:00:00.250Z"},
        {INT64_C(1709176557789), INT64_C(33539000), 0,
         "2024-02-29T12:34:56.789+09:18:59"},
        {INT64_C(1600966800000), INT64_C(32400000), 0,
         "2020-09-25T02:00:00+09:00"},
    };
    size_t i, size;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len = strlen(cases[i].want);
        for (size = 0; size <= len + 1; size++) {
            char *buf = malloc(size ? size : 1);
            int n;
            ck_assert_ptr_nonnull(buf);
            n = cases[i].zulu
                    ? sla_rfc3339_format(buf, size, cases[i].instant)
                    : sla_rfc3339_format_offset(buf, size, cases[i].instant,
                                                cases[i].offset);
            if (size <= len) {
                ck_assert_msg(n == SLA_ENOSPC, "size %zu for '%s' gave %d",
                              size, cases[i].want, n);
            } else {
                ck_assert_int_eq(n, (int)len);
                ck_assert_str_eq(buf, cases[i].want);
            }
            free(buf);
        }
    }
    /* NULL buf, whatever the size. */
    ck_assert_int_eq(sla_rfc3339_format(NULL, SLA_RFC3339_SIZE, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_rfc3339_format(NULL, 0, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_rfc3339_format_offset(NULL, SLA_RFC3339_SIZE, 0, 0),
                     SLA_EINVAL);
}
END_TEST

START_TEST(format_longest_fits)
{
    /* The longest text: milliseconds and an offset with seconds. */
    char buf[SLA_RFC3339_SIZE];
    ck_assert_int_eq(sla_rfc3339_format_offset(buf, sizeof buf,
                                               MAX_INSTANT - INT64_C(86399000),
                                               INT64_C(86399000)),
                     32);
    ck_assert_str_eq(buf, "9999-12-31T23:59:59.999+23:59:59");
    ck_assert_int_eq(sla_rfc3339_format_offset(buf, sizeof buf,
                                               MIN_INSTANT + INT64_C(86399001),
                                               -INT64_C(86399000)),
                     32);
    ck_assert_str_eq(buf, "0000-01-01T00:00:00.001-23:59:59");
}
END_TEST

/* ---- Civil date-times and dates ------------------------------------- */

static void expect_civil_error(const char *text, int64_t at,
                               const char *needle)
{
    struct sla_civil c;
    struct sla_error err;
    char *copy = malloc(strlen(text) + 1);
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, text, strlen(text));
    memset(&err, 0x5a, sizeof err);
    ck_assert_msg(sla_civil_parse(&c, copy, strlen(text), &err) ==
                      SLA_EPARSE,
                  "civil '%s' accepted", text);
    sla_test_check_record(&err, SLA_EPARSE, text, at, at, needle);
    free(copy);
}

static void expect_date_error(const char *text, int64_t at,
                              const char *needle)
{
    struct sla_date d;
    struct sla_error err;
    char *copy = malloc(strlen(text) + 1);
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, text, strlen(text));
    memset(&err, 0x5a, sizeof err);
    ck_assert_msg(sla_date_parse(&d, copy, strlen(text), &err) == SLA_EPARSE,
                  "date '%s' accepted", text);
    sla_test_check_record(&err, SLA_EPARSE, text, at, at, needle);
    free(copy);
}

START_TEST(civil_parse_values)
{
    struct sla_civil c;
    struct sla_error err;
    memset(&c, 0, sizeof c);
    ck_assert_int_eq(sla_civil_parse(&c, "2020-09-24T17:05:09.5", 21, &err),
                     0);
    ck_assert_int_eq(c.year, 2020);
    ck_assert_int_eq(c.month, 9);
    ck_assert_int_eq(c.day, 24);
    ck_assert_int_eq(c.hour, 17);
    ck_assert_int_eq(c.minute, 5);
    ck_assert_int_eq(c.second, 9);
    ck_assert_int_eq(c.millisecond, 500);
    ck_assert_int_eq(sla_civil_parse(&c, "0000-02-29 00:00:00", 19, &err), 0);
    ck_assert_int_eq(c.year, 0);
    ck_assert_int_eq(c.month, 2);
    ck_assert_int_eq(c.day, 29);
    ck_assert_int_eq(c.millisecond, 0);
    ck_assert_int_eq(sla_civil_parse(&c, "9999-12-31t23:59:59.99999", 25,
                                     &err),
                     0);
    ck_assert_int_eq(c.year, 9999);
    ck_assert_int_eq(c.hour, 23);
    ck_assert_int_eq(c.millisecond, 999);
    /* Bytes after len are not read. */
    ck_assert_int_eq(sla_civil_parse(&c, "2020-09-24T17:05:09Z", 19, &err), 0);
    ck_assert_int_eq(c.second, 9);
    ck_assert_int_eq(sla_civil_parse(NULL, "2020-09-24T17:05:09", 19, &err),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_civil_parse(&c, NULL, 19, &err), SLA_EINVAL);
}
END_TEST

START_TEST(civil_parse_errors)
{
    static const char full[] = "2020-09-24T17:05:09.5";
    size_t k;
    expect_civil_error("2020-09-24T17:05:09Z", 19, "end");
    expect_civil_error("2020-09-24T17:05:09+09:00", 19, "end");
    expect_civil_error("2020-09-24T17:05:09.5Z", 21, "end");
    expect_civil_error("2020-13-24T17:05:09", 5, "month");
    expect_civil_error("2023-02-29T17:05:09", 8, "day");
    expect_civil_error("2020-09-24T24:05:09", 11, "hour");
    expect_civil_error("2020-09-24T17:60:09", 14, "minute");
    expect_civil_error("2020-09-24T17:05:60", 17, "second");
    expect_civil_error("2020-09-24T17:05:09.", 20, "digit");
    expect_civil_error("", 0, "year");
    /* Every strict prefix but the one without the fraction fails. */
    for (k = 0; k < sizeof full - 1; k++) {
        struct sla_civil c;
        struct sla_error err;
        char *copy = malloc(k ? k : 1);
        int rc;
        ck_assert_ptr_nonnull(copy);
        memcpy(copy, full, k);
        rc = sla_civil_parse(&c, copy, k, &err);
        free(copy);
        if (k == 19) {
            ck_assert_int_eq(rc, 0);
            continue;
        }
        ck_assert_msg(rc == SLA_EPARSE, "civil prefix %zu accepted", k);
        sla_test_check_record(&err, SLA_EPARSE, "civil prefix", (int64_t)token_start(full, k),
                     (int64_t)k, NULL);
    }
}
END_TEST

START_TEST(date_parse_values)
{
    static const char full[] = "2020-09-24";
    struct sla_date d;
    struct sla_error err;
    size_t k;
    ck_assert_int_eq(sla_date_parse(&d, full, 10, &err), 0);
    ck_assert_int_eq(d.year, 2020);
    ck_assert_int_eq(d.month, 9);
    ck_assert_int_eq(d.day, 24);
    ck_assert_int_eq(sla_date_parse(&d, "2000-02-29T00", 10, &err), 0);
    ck_assert_int_eq(d.year, 2000);
    ck_assert_int_eq(d.month, 2);
    ck_assert_int_eq(d.day, 29);
    ck_assert_int_eq(sla_date_parse(&d, "0000-01-01", 10, NULL), 0);
    ck_assert_int_eq(d.year, 0);
    ck_assert_int_eq(sla_date_parse(&d, "9999-12-31", 10, NULL), 0);
    ck_assert_int_eq(d.year, 9999);
    ck_assert_int_eq(d.month, 12);
    ck_assert_int_eq(d.day, 31);
    ck_assert_int_eq(sla_date_parse(NULL, full, 10, &err), SLA_EINVAL);
    ck_assert_int_eq(sla_date_parse(&d, NULL, 10, &err), SLA_EINVAL);
    expect_date_error("2020-09-24T", 10, "end");
    expect_date_error("2020-09-24 ", 10, "end");
    expect_date_error("1900-02-29", 8, "day");
    expect_date_error("2020-09-31", 8, "day");
    expect_date_error("2020-13-01", 5, "month");
    expect_date_error("2020-00-01", 5, "month");
    expect_date_error("2020-09-00", 8, "day");
    expect_date_error("20200924", 4, "'-'");
    for (k = 0; k < 10; k++) {
        char *copy = malloc(k ? k : 1);
        int rc;
        ck_assert_ptr_nonnull(copy);
        memcpy(copy, full, k);
        memset(&err, 0x5a, sizeof err);
        rc = sla_date_parse(&d, copy, k, &err);
        free(copy);
        ck_assert_msg(rc == SLA_EPARSE, "date prefix %zu accepted", k);
        sla_test_check_record(&err, SLA_EPARSE, "date prefix", (int64_t)token_start(full, k),
                     (int64_t)k, NULL);
    }
}
END_TEST

START_TEST(civil_format_values)
{
    char buf[SLA_RFC3339_SIZE];
    struct sla_civil c = {2020, 9, 24, 17, 5, 9, 0};
    size_t size;
    ck_assert_int_eq(sla_civil_format(buf, sizeof buf, &c), 19);
    ck_assert_str_eq(buf, "2020-09-24T17:05:09");
    c.millisecond = 5;
    ck_assert_int_eq(sla_civil_format(buf, sizeof buf, &c), 23);
    ck_assert_str_eq(buf, "2020-09-24T17:05:09.005");
    c.millisecond = 999;
    ck_assert_int_eq(sla_civil_format(buf, sizeof buf, &c), 23);
    ck_assert_str_eq(buf, "2020-09-24T17:05:09.999");
    for (size = 0; size <= 23; size++)
        ck_assert_int_eq(sla_civil_format(buf, size, &c), SLA_ENOSPC);
    ck_assert_int_eq(sla_civil_format(buf, 24, &c), 23);
    ck_assert_str_eq(buf, "2020-09-24T17:05:09.999");
    {
        struct sla_civil lo = {0, 1, 1, 0, 0, 0, 0};
        struct sla_civil hi = {9999, 12, 31, 23, 59, 59, 999};
        ck_assert_int_eq(sla_civil_format(buf, sizeof buf, &lo), 19);
        ck_assert_str_eq(buf, "0000-01-01T00:00:00");
        ck_assert_int_eq(sla_civil_format(buf, sizeof buf, &hi), 23);
        ck_assert_str_eq(buf, "9999-12-31T23:59:59.999");
    }
}
END_TEST

START_TEST(civil_format_errors)
{
    static const struct sla_civil bad[] = {
        {2020, 0, 1, 0, 0, 0, 0},   {2020, 13, 1, 0, 0, 0, 0},
        {2020, 1, 0, 0, 0, 0, 0},   {2023, 2, 29, 0, 0, 0, 0},
        {1900, 2, 29, 0, 0, 0, 0},  {2020, 4, 31, 0, 0, 0, 0},
        {2020, 1, 1, 24, 0, 0, 0},  {2020, 1, 1, -1, 0, 0, 0},
        {2020, 1, 1, 0, 60, 0, 0},  {2020, 1, 1, 0, 0, 60, 0},
        {2020, 1, 1, 0, 0, -1, 0},  {2020, 1, 1, 0, 0, 0, 1000},
        {2020, 1, 1, 0, 0, 0, -1},
    };
    static const struct sla_civil far[] = {
        {-1, 12, 31, 23, 59, 59, 999},
        {10000, 1, 1, 0, 0, 0, 0},
        {INT32_MAX, 1, 1, 0, 0, 0, 0},
        {INT32_MIN, 1, 1, 0, 0, 0, 0},
    };
    char buf[SLA_RFC3339_SIZE];
    struct sla_civil ok = {2000, 2, 29, 0, 0, 0, 0};
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(sla_civil_format(buf, sizeof buf, &bad[i]) ==
                          SLA_EINVAL,
                      "bad civil %zu accepted", i);
    for (i = 0; i < sizeof far / sizeof far[0]; i++)
        ck_assert_msg(sla_civil_format(buf, sizeof buf, &far[i]) ==
                          SLA_ERANGE,
                      "far civil %zu not ERANGE", i);
    ck_assert_int_eq(sla_civil_format(buf, sizeof buf, NULL), SLA_EINVAL);
    ck_assert_int_eq(sla_civil_format(NULL, sizeof buf, &ok), SLA_EINVAL);
    ck_assert_int_eq(sla_civil_format(buf, sizeof buf, &ok), 19);
    ck_assert_str_eq(buf, "2000-02-29T00:00:00");
}
END_TEST

START_TEST(date_format_values)
{
    char buf[11];
    struct sla_date d = {2020, 9, 24};
    struct sla_date bad1 = {2023, 2, 29}, bad2 = {2020, 13, 1};
    struct sla_date bad3 = {2020, 1, 0}, far1 = {10000, 1, 1};
    struct sla_date far2 = {-1, 12, 31}, leap = {0, 2, 29};
    size_t size;
    ck_assert_int_eq(sla_date_format(buf, sizeof buf, &d), 10);
    ck_assert_str_eq(buf, "2020-09-24");
    for (size = 0; size <= 10; size++)
        ck_assert_int_eq(sla_date_format(buf, size, &d), SLA_ENOSPC);
    ck_assert_int_eq(sla_date_format(buf, sizeof buf, &leap), 10);
    ck_assert_str_eq(buf, "0000-02-29");
    ck_assert_int_eq(sla_date_format(buf, sizeof buf, &bad1), SLA_EINVAL);
    ck_assert_int_eq(sla_date_format(buf, sizeof buf, &bad2), SLA_EINVAL);
    ck_assert_int_eq(sla_date_format(buf, sizeof buf, &bad3), SLA_EINVAL);
    ck_assert_int_eq(sla_date_format(buf, sizeof buf, NULL), SLA_EINVAL);
    ck_assert_int_eq(sla_date_format(NULL, sizeof buf, &d), SLA_EINVAL);
    ck_assert_int_eq(sla_date_format(buf, sizeof buf, &far1), SLA_ERANGE);
    ck_assert_int_eq(sla_date_format(buf, sizeof buf, &far2), SLA_ERANGE);
}
END_TEST

/* ---- The independent calendar itself, and against libsla ------------ */

START_TEST(oracle_sanity)
{
    struct fields f;
    naive_init();
    /* Constants from Python: 0001-01-01 is day -719162 and year 0 has
     * 366 days; 2000-01-01 is day 10957. */
    ck_assert_int_eq(year_start[1970], 719528);
    ck_assert_int_eq(year_start[2000] - year_start[1970], 10957);
    ck_assert_int_eq(year_start[10000], INT64_C(3652425));
    ck_assert_int_eq(naive_instant(2020, 9, 24, 17, 0, 0, 0, 0),
                     INT64_C(1600966800000));
    naive_fields(-1, &f);
    ck_assert_int_eq(f.y, 1969);
    ck_assert_int_eq(f.mo, 12);
    ck_assert_int_eq(f.d, 31);
    ck_assert_int_eq(f.ms, 999);
    naive_fields(MAX_INSTANT, &f);
    ck_assert_int_eq(f.y, 9999);
    naive_fields(MIN_INSTANT, &f);
    ck_assert_int_eq(f.y, 0);
    ck_assert_int_eq(f.mo, 1);
    ck_assert_int_eq(f.d, 1);
}
END_TEST

/* Every day of a few centuries, against the naive calendar. */
START_TEST(every_day_against_oracle)
{
    int y, m, d;
    naive_init();
    for (y = 1895; y <= 2405; y++) {
        for (m = 1; m <= 12; m++) {
            for (d = 1; d <= naive_dim(y, m); d++) {
                char text[64], out[SLA_RFC3339_SIZE];
                int64_t want = naive_instant(y, m, d, 12, 34, 56, 7, 0);
                snprintf(text, sizeof text, "%04d-%02d-%02dT12:34:56.007Z", y,
                         m, d);
                REQUIRE(parse_ok(text, NULL) == want, "'%s'", text);
                REQUIRE(sla_rfc3339_format(out, sizeof out, want) == 24 &&
                            strcmp(out, text) == 0,
                        "%lld gave '%s', expected '%s'", (long long)want, out,
                        text);
            }
        }
    }
}
END_TEST

/* Format then parse random instants in 0000-9999, in UTC. */
START_TEST(random_utc_round_trip)
{
    uint64_t state = UINT64_C(0x3339);
    int i, n = trials(100000);
    naive_init();
    for (i = 0; i < n; i++) {
        int64_t instant, back, off = 99;
        char buf[SLA_RFC3339_SIZE], want[64];
        struct fields f;
        int len;
        switch (i % 4) {
        case 0: /* anywhere */
            instant = MIN_INSTANT + (int64_t)sla_test_below(
                                        &state, (uint64_t)(MAX_INSTANT -
                                                           MIN_INSTANT + 1));
            break;
        case 1: /* whole seconds */
            instant = MIN_INSTANT +
                      (int64_t)sla_test_below(
                          &state, (uint64_t)(MAX_INSTANT - MIN_INSTANT) /
                                      1000) *
                          1000;
            break;
        case 2: /* near the ends */
            instant = (i & 8) ? MAX_INSTANT -
                                    (int64_t)sla_test_below(&state, 1000000)
                              : MIN_INSTANT +
                                    (int64_t)sla_test_below(&state, 1000000);
            break;
        default: /* around 1970 */
            instant = (int64_t)sla_test_below(&state, 200000000000) -
                      100000000000;
        }
        naive_fields(instant, &f);
        naive_text(want, sizeof want, &f, 0, 1);
        len = sla_rfc3339_format(buf, sizeof buf, instant);
        REQUIRE(len == (int)strlen(want) && strcmp(buf, want) == 0,
                "format %lld: '%s' (%d), expected '%s'", (long long)instant,
                buf, len, want);
        REQUIRE(sla_rfc3339_parse(&back, &off, buf, (size_t)len, NULL) == 0 &&
                    back == instant && off == 0,
                "'%s' parsed back as %lld at %lld", buf, (long long)back,
                (long long)off);
    }
}
END_TEST

/* Format then parse random instants at random offsets. */
START_TEST(random_offset_round_trip)
{
    uint64_t state = UINT64_C(0x0FF5E7);
    int i, n = trials(100000);
    naive_init();
    for (i = 0; i < n; i++) {
        int64_t instant, offset, local, back, off;
        char buf[SLA_RFC3339_SIZE], want[64];
        struct fields f;
        int len;
        instant = MIN_INSTANT - INT64_C(86400000) +
                  (int64_t)sla_test_below(&state,
                                          (uint64_t)(MAX_INSTANT -
                                                     MIN_INSTANT) +
                                              2 * 86400000);
        if (i % 16 == 0)
            instant = (i & 16) ? MAX_INSTANT : MIN_INSTANT;
        if (i % 2)
            offset = ((int64_t)sla_test_below(&state, 2 * 1439 + 1) - 1439) *
                     60000;
        else
            offset = ((int64_t)sla_test_below(&state, 2 * 86399 + 1) -
                      86399) *
                     1000;
        local = instant + offset;
        len = sla_rfc3339_format_offset(buf, sizeof buf, instant, offset);
        if (local < MIN_INSTANT || local > MAX_INSTANT) {
            REQUIRE(len == SLA_ERANGE,
                          "%lld at %lld (local %lld) gave %d",
                          (long long)instant, (long long)offset,
                          (long long)local, len);
            continue;
        }
        naive_fields(local, &f);
        naive_text(want, sizeof want, &f, offset, 0);
        REQUIRE(len == (int)strlen(want) && strcmp(buf, want) == 0,
                "format %lld at %lld: '%s' (%d), expected '%s'",
                (long long)instant, (long long)offset, buf, len, want);
        REQUIRE(sla_rfc3339_parse(&back, &off, buf, (size_t)len, NULL) == 0 &&
                    back == instant && off == offset,
                "'%s' parsed back as %lld at %lld", buf, (long long)back,
                (long long)off);
    }
}
END_TEST

/* Parse random valid text in every spelling, then check the instant with
 * the naive calendar and the canonical text that formatting gives back. */
START_TEST(random_text_canonical)
{
    uint64_t state = UINT64_C(0x7E47);
    int i, n = trials(100000);
    naive_init();
    for (i = 0; i < n; i++) {
        struct fields f;
        char text[96], canon[64], buf[SLA_RFC3339_SIZE];
        int len, digits, k, kind;
        int64_t offset = 0, fracv = 0, instant, off = 77;
        struct sla_civil c;
        f.y = (int)sla_test_below(&state, 10000);
        f.mo = 1 + (int)sla_test_below(&state, 12);
        f.d = 1 + (int)sla_test_below(&state, (uint64_t)naive_dim(f.y, f.mo));
        f.h = (int)sla_test_below(&state, 24);
        f.mi = (int)sla_test_below(&state, 60);
        f.s = (int)sla_test_below(&state, 60);
        len = snprintf(text, sizeof text, "%04d-%02d-%02d%c%02d:%02d:%02d",
                       f.y, f.mo, f.d, "TtT "[sla_test_below(&state, 4)],
                       f.h, f.mi, f.s);
        digits = (int)sla_test_below(&state, 14); /* 0: no fraction */
        if (digits) {
            text[len++] = '.';
            for (k = 0; k < digits; k++) {
                int dg = (int)sla_test_below(&state, 10);
                if (k < 3)
                    fracv = fracv * 10 + dg;
                text[len++] = (char)('0' + dg);
            }
            for (k = digits; k < 3; k++)
                fracv *= 10;
        }
        f.ms = (int)fracv;
        kind = (int)sla_test_below(&state, 6);
        if (kind == 0) {
            text[len++] = 'Z';
        } else if (kind == 1) {
            text[len++] = 'z';
        } else if (kind == 2) {
            len += snprintf(text + len, sizeof text - (size_t)len, "-00:00");
        } else {
            int oh = (int)sla_test_below(&state, 24);
            int om = (int)sla_test_below(&state, 60);
            int os = kind == 5 ? (int)sla_test_below(&state, 60) : 0;
            char sign = sla_test_below(&state, 2) ? '-' : '+';
            if (kind == 5)
                len += snprintf(text + len, sizeof text - (size_t)len,
                                "%c%02d:%02d:%02d", sign, oh, om, os);
            else
                len += snprintf(text + len, sizeof text - (size_t)len,
                                "%c%02d:%02d", sign, oh, om);
            offset = (oh * INT64_C(3600) + om * 60 + os) * 1000;
            if (sign == '-')
                offset = -offset;
        }
        text[len] = '\0'; /* for messages only; len is passed */
        REQUIRE(sla_rfc3339_parse(&instant, &off, text, (size_t)len, NULL) ==
                    0,
                "'%s' rejected", text);
        REQUIRE(instant == naive_instant(f.y, f.mo, f.d, f.h, f.mi, f.s, f.ms,
                                         offset) &&
                    off == offset,
                "'%s' gave %lld at %lld", text, (long long)instant,
                (long long)off);
        naive_text(canon, sizeof canon, &f, offset, 0);
        REQUIRE(sla_rfc3339_format_offset(buf, sizeof buf, instant, off) ==
                        (int)strlen(canon) &&
                    strcmp(buf, canon) == 0,
                "'%s' formatted as '%s', expected '%s'", text, buf, canon);
        if (offset == 0) {
            naive_text(canon, sizeof canon, &f, 0, 1);
            REQUIRE(sla_rfc3339_format(buf, sizeof buf, instant) ==
                            (int)strlen(canon) &&
                        strcmp(buf, canon) == 0,
                    "'%s' formatted as '%s', expected '%s'", text, buf,
                    canon);
        }
        /* The local part alone, as a civil time and a date. */
        REQUIRE(sla_civil_parse(&c, text,
                                (size_t)(19 + (digits ? 1 : 0) + digits),
                                NULL) == 0,
                "civil '%s' rejected", text);
        REQUIRE(c.year == f.y && c.month == f.mo && c.day == f.d &&
                    c.hour == f.h && c.minute == f.mi && c.second == f.s &&
                    c.millisecond == f.ms,
                "civil '%s' misread", text);
        REQUIRE(sla_civil_format(buf, sizeof buf, &c) == (f.ms ? 23 : 19) &&
                    strncmp(buf, canon, f.ms ? 23 : 19) == 0,
                "civil '%s' formatted as '%s'", text, buf);
        {
            struct sla_date d;
            REQUIRE(sla_date_parse(&d, text, 10, NULL) == 0 &&
                        d.year == f.y && d.month == f.mo && d.day == f.d,
                    "date of '%s' misread", text);
            REQUIRE(sla_date_format(buf, 11, &d) == 10 &&
                        strncmp(buf, canon, 10) == 0,
                    "date of '%s' formatted as '%s'", text, buf);
        }
    }
}
END_TEST

/* Random invalid dates and times are refused at the right field. */
START_TEST(random_invalid_fields)
{
    uint64_t state = UINT64_C(0xBAD);
    int i, n = trials(20000);
    naive_init();
    for (i = 0; i < n; i++) {
        int y = (int)sla_test_below(&state, 10000);
        int mo = 1 + (int)sla_test_below(&state, 12);
        int d = 1 + (int)sla_test_below(&state, 28);
        int h = (int)sla_test_below(&state, 24);
        int mi = (int)sla_test_below(&state, 60);
        int s = (int)sla_test_below(&state, 60);
        int which = (int)sla_test_below(&state, 5);
        int64_t at;
        const char *needle;
        char text[96];
        int64_t out;
        struct sla_error err;
        switch (which) {
        case 0:
            mo = 13 + (int)sla_test_below(&state, 87);
            at = 5;
            needle = "month";
            break;
        case 1:
            d = naive_dim(y, mo) + 1 +
                (int)sla_test_below(&state, (uint64_t)(99 - naive_dim(y, mo)));
            at = 8;
            needle = "day";
            break;
        case 2:
            h = 24 + (int)sla_test_below(&state, 76);
            at = 11;
            needle = "hour";
            break;
        case 3:
            mi = 60 + (int)sla_test_below(&state, 40);
            at = 14;
            needle = "minute";
            break;
        default:
            s = 60 + (int)sla_test_below(&state, 40);
            at = 17;
            needle = "second";
        }
        snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo,
                 d, h, mi, s);
        memset(&err, 0x5a, sizeof err);
        REQUIRE(sla_rfc3339_parse(&out, NULL, text, 20, &err) == SLA_EPARSE,
                "'%s' accepted", text);
        sla_test_check_record(&err, SLA_EPARSE, text, at, at, needle);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rfc3339");
    TCase *tc = sla_tcase("parse");
    tcase_add_test(tc, parse_rfc_examples);
    tcase_add_test(tc, parse_leap_second_rejected);
    tcase_add_test(tc, parse_separators_and_case);
    tcase_add_test(tc, parse_minus_zero_offset);
    tcase_add_test(tc, parse_fraction_truncated);
    tcase_add_test(tc, parse_offset_seconds);
    tcase_add_test(tc, parse_offset_output_optional);
    tcase_add_test(tc, parse_year_ends);
    tcase_add_test(tc, parse_feb_29);
    suite_add_tcase(s, tc);

    tc = sla_tcase("parse-errors");
    tcase_add_test(tc, parse_field_errors);
    tcase_add_test(tc, parse_every_strict_prefix_fails);
    tcase_add_test(tc, parse_not_nul_terminated);
    tcase_add_test(tc, parse_null_arguments);
    tcase_add_test(tc, parse_success_leaves_error_record);
    suite_add_tcase(s, tc);

    tc = sla_tcase("format");
    tcase_add_test(tc, format_utc);
    tcase_add_test(tc, format_with_offset);
    tcase_add_test(tc, format_offset_validation);
    tcase_add_test(tc, format_year_range);
    tcase_add_test(tc, format_buffer_sizes);
    tcase_add_test(tc, format_longest_fits);
    suite_add_tcase(s, tc);

    tc = sla_tcase("civil");
    tcase_add_test(tc, civil_parse_values);
    tcase_add_test(tc, civil_parse_errors);
    tcase_add_test(tc, date_parse_values);
    tcase_add_test(tc, civil_format_values);
    tcase_add_test(tc, civil_format_errors);
    tcase_add_test(tc, date_format_values);
    suite_add_tcase(s, tc);

    tc = sla_tcase("oracle");
    tcase_add_test(tc, oracle_sanity);
    tcase_add_test(tc, every_day_against_oracle);
    tcase_add_test(tc, random_utc_round_trip);
    tcase_add_test(tc, random_offset_round_trip);
    tcase_add_test(tc, random_text_canonical);
    tcase_add_test(tc, random_invalid_fields);
    suite_add_tcase(s, tc);
    return sla_run_suite(s);
}
