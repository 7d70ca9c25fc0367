/* SPDX-License-Identifier: MIT */
/* ISO 8601 durations, calendar-aware addition, durations for readers.
 *
 * Fixed instants below were computed independently with Python's datetime
 * module. The random tests compare against expectations built here from
 * first principles (a naive calendar, snprintf-built text). */
#include <stdio.h>

#include "testlib.h"

/* A check for hot loops. Check's own ck_assert records every assertion
 * that passes, which would dominate a loop of 100,000 cases. */
#define REQUIRE(cond, ...)                                                   \
    do {                                                                     \
        if (!(cond))                                                         \
            ck_abort_msg(__VA_ARGS__);                                       \
    } while (0)

#define HOUR INT64_C(3600000)
#define MINUTE INT64_C(60000)
#define DAY INT64_C(86400000)

static int trials(int n)
{
    return getenv("SLA_TEST_VALGRIND") ? n / 10 : n;
}

static struct sla_duration dur(int64_t y, int64_t m, int64_t d, int64_t ms)
{
    struct sla_duration r;
    memset(&r, 0, sizeof r);
    r.years = y;
    r.months = m;
    r.days = d;
    r.ms = ms;
    return r;
}

static int dur_eq(const struct sla_duration *a, const struct sla_duration *b)
{
    return a->years == b->years && a->months == b->months &&
           a->days == b->days && a->ms == b->ms;
}

/* Parse all of text into an exact-size heap copy (reads past the end are
 * caught by valgrind and the sanitizers). */
static int parse_exact(struct sla_duration *out, const char *text, size_t n,
                       struct sla_error *err)
{
    char *copy = malloc(n ? n : 1);
    int rc;
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, text, n);
    rc = sla_duration_parse(out, copy, n, err);
    free(copy);
    return rc;
}

static void expect_parse(const char *text, int64_t y, int64_t m, int64_t d,
                         int64_t ms)
{
    struct sla_duration out = dur(11, 22, 33, 44), want = dur(y, m, d, ms);
    struct sla_error err, before;
    int rc;
    memset(&err, 0x5a, sizeof err);
    before = err;
    rc = parse_exact(&out, text, strlen(text), &err);
    ck_assert_msg(rc == 0, "'%s' returned %d (%s at %lld)", text, rc,
                  rc == SLA_EPARSE ? err.message : "", (long long)err.offset);
    ck_assert_msg(dur_eq(&out, &want),
                  "'%s' gave Y%lld M%lld D%lld ms%lld, expected "
                  "Y%lld M%lld D%lld ms%lld",
                  text, (long long)out.years, (long long)out.months,
                  (long long)out.days, (long long)out.ms, (long long)y,
                  (long long)m, (long long)d, (long long)ms);
    /* The record is filled only on failure. */
    ck_assert_int_eq(memcmp(&err, &before, sizeof err), 0);
}

static void expect_parse_error(const char *text, int64_t lo, int64_t hi,
                               const char *needle)
{
    struct sla_duration out;
    struct sla_error err;
    int rc;
    memset(&err, 0x5a, sizeof err);
    rc = parse_exact(&out, text, strlen(text), &err);
    ck_assert_msg(rc == SLA_EPARSE, "'%s' returned %d, expected SLA_EPARSE",
                  text, rc);
    sla_test_check_record(&err, SLA_EPARSE, text, lo, hi, needle);
    ck_assert_int_eq(sla_duration_parse(&out, text, strlen(text), NULL),
                     SLA_EPARSE);
}

static void expect_format(struct sla_duration d, const char *want)
{
    char buf[SLA_DURATION_SIZE];
    int n = sla_duration_format(buf, sizeof buf, &d);
    ck_assert_msg(n == (int)strlen(want), "format of '%s' returned %d", want,
                  n);
    ck_assert_str_eq(buf, want);
}

/* ---- sla_duration_parse --------------------------------------------- */

START_TEST(parse_issue_examples)
{
    expect_parse("PT2H", 0, 0, 0, 2 * HOUR);
    expect_parse("P1DT30M", 0, 0, 1, 30 * MINUTE);
    expect_parse("P6M", 0, 6, 0, 0);
    expect_parse("P1Y2M3DT4H5M6.5S", 1, 2, 3,
                 4 * HOUR + 5 * MINUTE + 6500);
    expect_parse("P30D", 0, 0, 30, 0);
    expect_parse("PT1M", 0, 0, 0, MINUTE);
    expect_parse("P1M", 0, 1, 0, 0);
    expect_parse("P1MT1M", 0, 1, 0, MINUTE);
    expect_parse("P1Y", 1, 0, 0, 0);
    expect_parse("PT0S", 0, 0, 0, 0);
    expect_parse("P0D", 0, 0, 0, 0);
    expect_parse("PT36H", 0, 0, 0, 36 * HOUR);
    expect_parse("PT90M", 0, 0, 0, 90 * MINUTE);
    expect_parse("PT100000S", 0, 0, 0, INT64_C(100000000));
    expect_parse("P0010Y", 10, 0, 0, 0);
}
END_TEST

START_TEST(parse_weeks)
{
    expect_parse("P2W", 0, 0, 14, 0);
    expect_parse("P1W", 0, 0, 7, 0);
    expect_parse("P1W1D", 0, 0, 8, 0);
    expect_parse("P1Y2M3W4DT5H", 1, 2, 25, 5 * HOUR);
    expect_parse("-P2W", 0, 0, -14, 0);
    expect_parse_error("P1D1W", 3, 4, "weeks");
}
END_TEST

START_TEST(parse_fractions)
{
    expect_parse("PT1,5S", 0, 0, 0, 1500);
    expect_parse("PT1.5S", 0, 0, 0, 1500);
    expect_parse("PT0.5H", 0, 0, 0, 1800000);
    expect_parse("PT0,5H", 0, 0, 0, 1800000);
    expect_parse("PT1.5M", 0, 0, 0, 90000);
    expect_parse("PT1.25H", 0, 0, 0, 4500000);
    /* 0.123456789 h = 444444.4404 ms, truncated. */
    expect_parse("PT0.123456789H", 0, 0, 0, 444444);
    /* 0.000000001 min = 0.00006 ms. */
    expect_parse("PT0.000000001M", 0, 0, 0, 0);
    expect_parse("PT0.99999M", 0, 0, 0, 59999);
    expect_parse("PT1H0.5M", 0, 0, 0, HOUR + 30000);
    expect_parse("P1DT1H1M1.001S", 0, 0, 1, HOUR + MINUTE + 1001);
    /* Seconds keep three digits and truncate the rest. */
    expect_parse("PT0.0019S", 0, 0, 0, 1);
    expect_parse("PT0.9999S", 0, 0, 0, 999);
    expect_parse("PT59.9999999999999999S", 0, 0, 0, 59999);
    expect_parse("PT0.0005S", 0, 0, 0, 0);
    expect_parse("PT0.05S", 0, 0, 0, 50);
    expect_parse("PT1.000000000001S", 0, 0, 0, 1000);
    /* More than 9 fraction digits on hours or minutes. */
    expect_parse_error("PT0.1234567891H", 4, 15, "9");
    expect_parse_error("PT1.0000000001M", 4, 15, "9");
    /* Only H, M and S take fractions. */
    expect_parse_error("P1.5D", 2, 4, "fraction");
    expect_parse_error("P0,5Y", 2, 4, "fraction");
    expect_parse_error("P1.5W", 2, 4, "fraction");
    expect_parse_error("P1.5M", 2, 4, "fraction");
    /* Only the last part may have one. */
    expect_parse_error("PT1.5H2M", 6, 6, "fraction");
    expect_parse_error("PT1.5M30S", 6, 6, "fraction");
    /* Digits on both sides. */
    expect_parse_error("PT1.S", 4, 4, "digits");
    expect_parse_error("PT.5S", 2, 2, "number");
}
END_TEST

/* "hours and minutes accept up to 9 fraction digits": ten digits are
 * too many even when the tenth is a zero. */
START_TEST(parse_ten_digit_fraction_zeros)
{
    expect_parse_error("PT0.5000000000H", 4, 15, "9");
    expect_parse_error("PT0.0000000000M", 4, 15, "9");
    expect_parse_error("PT1.1234567890M", 4, 15, "9");
}
END_TEST

START_TEST(parse_signs)
{
    expect_parse("-P1D", 0, 0, -1, 0);
    expect_parse("+PT1S", 0, 0, 0, 1000);
    expect_parse("+P1D", 0, 0, 1, 0);
    expect_parse("-PT1H30M", 0, 0, 0, -90 * MINUTE);
    expect_parse("-P1Y2M3DT4H5M6.5S", -1, -2, -3,
                 -(4 * HOUR + 5 * MINUTE + 6500));
    expect_parse("-PT0.0019S", 0, 0, 0, -1);
    expect_parse("-PT0S", 0, 0, 0, 0);
    expect_parse_error("-", 1, 1, "'P'");
    expect_parse_error("--P1D", 0, 1, "'P'");
    expect_parse_error("P-1D", 1, 1, "number");
    expect_parse_error("PT-1H", 2, 2, "number");
    expect_parse_error(" P1D", 0, 0, "'P'");
}
END_TEST

START_TEST(parse_limits)
{
    /* A part equal to INT64_MAX fits in its int64_t field. */
    expect_parse("P9223372036854775807Y", INT64_MAX, 0, 0, 0);
    expect_parse("P9223372036854775807M", 0, INT64_MAX, 0, 0);
    expect_parse("P9223372036854775807D", 0, 0, INT64_MAX, 0);
    expect_parse("-P9223372036854775807D", 0, 0, -INT64_MAX, 0);
    expect_parse("P1317624576693539401W", 0, 0, INT64_MAX, 0);
}
END_TEST

START_TEST(parse_limits_ms)
{
    expect_parse("PT9223372036854775.807S", 0, 0, 0, INT64_MAX);
    expect_parse("PT2562047788015H12M55.807S", 0, 0, 0, INT64_MAX);
    expect_parse("-PT2562047788015H12M55.807S", 0, 0, 0, -INT64_MAX);
    expect_parse("PT153722867280912M55.807S", 0, 0, 0, INT64_MAX);
    expect_parse("PT00000000000000000000000001S", 0, 0, 0, 1000);
}
END_TEST

START_TEST(parse_overflow)
{
    /* Each number, and each sum, must fit int64_t. */
    expect_parse_error("P9223372036854775808D", 1, 20, "64");
    expect_parse_error("P9223372036854775808Y", 1, 20, "64");
    expect_parse_error("P99999999999999999999M", 1, 21, "64");
    expect_parse_error("PT9223372036854775807H", 2, 21, "64");
    expect_parse_error("PT9223372036854775807M", 2, 21, "64");
    expect_parse_error("PT9223372036854775807S", 2, 21, "64");
    expect_parse_error("PT9223372036854775808S", 2, 21, "64");
    expect_parse_error("PT9223372036854775.808S", 2, 22, "64");
    expect_parse_error("PT2562047788015H12M55.808S", 2, 25, "64");
    expect_parse_error("PT2562047788016H", 2, 15, "64");
    expect_parse_error("P1317624576693539402W", 1, 20, "64");
    expect_parse_error("P1W9223372036854775801D", 1, 22, "64");
}
END_TEST

START_TEST(parse_overflow_wrap)
{
    /* Numbers past 2^64 must not wrap: 2^64 + 4 is not 4 days, 2^64 is
     * not 0 years, 2^64 + 1 is not 1 second. */
    expect_parse_error("P18446744073709551620D", 1, 21, "64");
    expect_parse_error("P18446744073709551616Y", 1, 21, "64");
    expect_parse_error("PT18446744073709551617S", 2, 22, "64");
}
END_TEST

START_TEST(parse_errors)
{
    expect_parse_error("", 0, 0, "'P'");
    expect_parse_error("P", 1, 1, "part");
    expect_parse_error("PT", 1, 2, "after 'T'");
    expect_parse_error("P1", 2, 2, "Y, M, W or D");
    expect_parse_error("PT1", 3, 3, "H, M or S");
    expect_parse_error("1D", 0, 0, "'P'");
    expect_parse_error("P1H", 2, 2, "'T'");
    expect_parse_error("P1S", 2, 2, "'T'");
    expect_parse_error("PT1D", 3, 3, "H, M or S");
    expect_parse_error("PT1Y", 3, 3, "H, M or S");
    expect_parse_error("P1M1Y", 3, 4, "years");
    expect_parse_error("P1Y1Y", 3, 4, "years");
    expect_parse_error("PT1M1H", 4, 5, "hours");
    expect_parse_error("PT1H1H", 4, 5, "hours");
    expect_parse_error("PT1S1M", 4, 5, "minutes");
    expect_parse_error("PTT1H", 2, 2, "'T'");
    expect_parse_error("P1DTT1H", 4, 4, "'T'");
    expect_parse_error("PT1HT1M", 4, 4, "'T'");
    expect_parse_error("P1DT", 3, 4, "after 'T'");
    expect_parse_error("PT1Hx", 4, 4, "number");
    expect_parse_error("P1D ", 3, 3, "number");
    expect_parse_error("P1DZ", 3, 3, "number");
    expect_parse_error("pT1H", 0, 0, "'P'");
    expect_parse_error("PT1h", 3, 3, "H, M or S");
    expect_parse_error("P1d", 2, 2, "Y, M, W or D");
    expect_parse_error("T1H", 0, 0, "'P'");
    expect_parse_error("PD", 1, 1, "number");
    expect_parse_error("PTH", 2, 2, "number");
}
END_TEST

START_TEST(parse_not_nul_terminated)
{
    struct sla_duration out;
    struct sla_error err;
    const char text[] = "PT2H30M";
    ck_assert_int_eq(sla_duration_parse(&out, text, 4, &err), 0);
    ck_assert(out.ms == 2 * HOUR && out.days == 0);
    ck_assert_int_eq(sla_duration_parse(&out, "P1DT", 3, &err), 0);
    ck_assert(out.days == 1 && out.ms == 0);
    ck_assert_int_eq(parse_exact(&out, "PT1.5S", 4, &err), SLA_EPARSE);
    ck_assert_int_eq(err.offset, 4);
    ck_assert_int_eq(sla_duration_parse(&out, "P1D\0" "1D", 5, &err),
                     SLA_EPARSE);
    ck_assert_int_eq(err.offset, 3);
    ck_assert_int_eq(sla_duration_parse(&out, "PT1H", 0, &err), SLA_EPARSE);
    ck_assert_int_eq(err.offset, 0);
}
END_TEST

START_TEST(parse_null)
{
    struct sla_duration out = dur(1, 2, 3, 4), keep = dur(1, 2, 3, 4);
    struct sla_error err;
    ck_assert_int_eq(sla_duration_parse(NULL, "PT1H", 4, &err), SLA_EINVAL);
    ck_assert_int_eq(sla_duration_parse(&out, NULL, 4, &err), SLA_EINVAL);
    ck_assert_int_eq(err.code, SLA_EINVAL);
    ck_assert_int_eq(err.offset, -1);
    ck_assert_int_eq(sla_duration_parse(&out, NULL, 0, &err), SLA_EPARSE);
    ck_assert_int_eq(err.offset, 0);
    ck_assert(dur_eq(&out, &keep));
}
END_TEST

/* Every strict prefix of a valid duration either parses to what its text
 * says or fails inside the prefix; the ones that must fail do. */
START_TEST(parse_prefixes)
{
    static const char full[] = "-P1Y2M3W4DT5H6M7.25S";
    /* Prefixes that are complete durations. */
    static const int complete[] = {4, 6, 8, 10, 13, 15};
    size_t k, j;
    for (k = 0; k < sizeof full - 1; k++) {
        struct sla_duration out;
        struct sla_error err;
        int rc, ok = 0;
        memset(&err, 0x5a, sizeof err);
        rc = parse_exact(&out, full, k, &err);
        for (j = 0; j < sizeof complete / sizeof complete[0]; j++)
            ok |= complete[j] == (int)k;
        if (ok) {
            ck_assert_msg(rc == 0, "prefix %zu rejected", k);
        } else {
            ck_assert_msg(rc == SLA_EPARSE, "prefix %zu gave %d", k, rc);
            ck_assert_msg(err.offset >= 0 && err.offset <= (int64_t)k,
                          "prefix %zu: offset %lld", k,
                          (long long)err.offset);
            ck_assert_int_eq(err.column, err.offset + 1);
            ck_assert_int_eq(err.line, 1);
            ck_assert(err.message[0] != '\0');
        }
    }
    {
        struct sla_duration out;
        ck_assert_int_eq(parse_exact(&out, full, 10, NULL), 0);
        ck_assert(out.years == -1 && out.months == -2 && out.days == -25 &&
                  out.ms == 0);
    }
}
END_TEST

/* ---- sla_duration_format -------------------------------------------- */

START_TEST(format_canonical)
{
    expect_format(dur(0, 0, 0, 90 * MINUTE), "PT1H30M");
    expect_format(dur(0, 0, 0, 0), "PT0S");
    expect_format(dur(1, 0, 0, 0), "P1Y");
    expect_format(dur(0, 0, -1, -HOUR), "-P1DT1H");
    expect_format(dur(0, 0, 0, 2 * HOUR), "PT2H");
    expect_format(dur(0, 0, 1, 30 * MINUTE), "P1DT30M");
    expect_format(dur(0, 6, 0, 0), "P6M");
    expect_format(dur(0, 0, 30, 0), "P30D");
    expect_format(dur(0, 0, 14, 0), "P14D");
    expect_format(dur(1, 2, 3, 4 * HOUR + 5 * MINUTE + 6500),
                  "P1Y2M3DT4H5M6.5S");
    expect_format(dur(0, 0, 0, 6500), "PT6.5S");
    expect_format(dur(0, 0, 0, 1), "PT0.001S");
    expect_format(dur(0, 0, 0, 50), "PT0.05S");
    expect_format(dur(0, 0, 0, 1010), "PT1.01S");
    expect_format(dur(0, 0, 0, 61000), "PT1M1S");
    expect_format(dur(0, 0, 0, HOUR + 1), "PT1H0.001S");
    expect_format(dur(0, 0, 0, 36 * HOUR), "PT36H");
    expect_format(dur(0, 0, 0, -1500), "-PT1.5S");
    expect_format(dur(-1, -2, 0, 0), "-P1Y2M");
    expect_format(dur(0, 12, 0, 0), "P12M");
    expect_format(dur(0, 0, 0, INT64_MAX), "PT2562047788015H12M55.807S");
    expect_format(dur(0, 0, 0, -INT64_MAX), "-PT2562047788015H12M55.807S");
    expect_format(dur(-INT64_MAX, -INT64_MAX, -INT64_MAX, -INT64_MAX),
                  "-P9223372036854775807Y9223372036854775807M"
                  "9223372036854775807DT2562047788015H12M55.807S");
    {
        /* INT64_MIN has no positive counterpart, so the parser could not
         * read it back: formatting refuses it. */
        char buf[SLA_DURATION_SIZE] = "untouched";
        struct sla_duration d = dur(0, 0, 0, INT64_MIN);
        ck_assert_int_eq(sla_duration_format(buf, sizeof buf, &d), SLA_EINVAL);
        d = dur(INT64_MIN, 0, 0, 0);
        ck_assert_int_eq(sla_duration_format(buf, sizeof buf, &d), SLA_EINVAL);
        d = dur(0, INT64_MIN, 0, 0);
        ck_assert_int_eq(sla_duration_format(buf, sizeof buf, &d), SLA_EINVAL);
        d = dur(0, 0, INT64_MIN, 0);
        ck_assert_int_eq(sla_duration_format(buf, sizeof buf, &d), SLA_EINVAL);
        ck_assert_str_eq(buf, "untouched");
    }
    expect_format(dur(INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX),
                  "P9223372036854775807Y9223372036854775807M"
                  "9223372036854775807DT2562047788015H12M55.807S");
}
END_TEST

START_TEST(format_errors)
{
    char buf[SLA_DURATION_SIZE];
    struct sla_duration d = dur(1, 2, 3, 4 * HOUR + 5 * MINUTE + 6500);
    static const struct sla_duration mixed[] = {
        {1, -1, 0, 0, {0, 0}}, {0, 0, 1, -1, {0, 0}}, {-1, 0, 0, 1, {0, 0}},
        {0, 1, 0, -HOUR, {0, 0}}, {INT64_MIN, 0, 0, 1, {0, 0}},
        {0, 0, -5, INT64_MAX, {0, 0}},
    };
    size_t i, size;
    for (i = 0; i < sizeof mixed / sizeof mixed[0]; i++)
        ck_assert_msg(sla_duration_format(buf, sizeof buf, &mixed[i]) ==
                          SLA_EINVAL,
                      "mixed signs %zu accepted", i);
    ck_assert_int_eq(sla_duration_format(NULL, sizeof buf, &d), SLA_EINVAL);
    ck_assert_int_eq(sla_duration_format(buf, sizeof buf, NULL), SLA_EINVAL);
    /* "P1Y2M3DT4H5M6.5S" is 16 bytes. */
    for (size = 0; size <= 16; size++)
        ck_assert_int_eq(sla_duration_format(buf, size, &d), SLA_ENOSPC);
    {
        char *exact = malloc(17);
        ck_assert_ptr_nonnull(exact);
        ck_assert_int_eq(sla_duration_format(exact, 17, &d), 16);
        ck_assert_str_eq(exact, "P1Y2M3DT4H5M6.5S");
        free(exact);
    }
    d = dur(0, 0, 0, 0);
    ck_assert_int_eq(sla_duration_format(buf, 4, &d), SLA_ENOSPC);
    ck_assert_int_eq(sla_duration_format(buf, 5, &d), 4);
    ck_assert_str_eq(buf, "PT0S");
}
END_TEST

/* ---- sla_duration_to_ms --------------------------------------------- */

static void expect_to_ms(struct sla_duration d, int rc_want, int64_t want)
{
    int64_t out = 0x5151;
    int rc = sla_duration_to_ms(&out, &d);
    ck_assert_msg(rc == rc_want, "Y%lld M%lld D%lld ms%lld: rc %d, want %d",
                  (long long)d.years, (long long)d.months, (long long)d.days,
                  (long long)d.ms, rc, rc_want);
    if (rc == 0)
        ck_assert_int_eq(out, want);
}

START_TEST(to_ms)
{
    struct sla_duration d;
    struct sla_error err;
    int64_t out;
    ck_assert_int_eq(sla_duration_parse(&d, "P30D", 4, &err), 0);
    ck_assert_int_eq(sla_duration_to_ms(&out, &d), 0);
    ck_assert_int_eq(out, INT64_C(2592000000));
    ck_assert_int_eq(sla_duration_parse(&d, "P1M", 3, &err), 0);
    ck_assert_int_eq(sla_duration_to_ms(&out, &d), SLA_EINVAL);
    ck_assert_int_eq(sla_duration_parse(&d, "P2W", 3, &err), 0);
    ck_assert_int_eq(sla_duration_to_ms(&out, &d), 0);
    ck_assert_int_eq(out, 14 * DAY);
    ck_assert_int_eq(sla_duration_parse(&d, "P1DT30M", 7, &err), 0);
    ck_assert_int_eq(sla_duration_to_ms(&out, &d), 0);
    ck_assert_int_eq(out, DAY + 30 * MINUTE);
    expect_to_ms(dur(1, 0, 0, 0), SLA_EINVAL, 0);
    expect_to_ms(dur(0, -1, 0, 0), SLA_EINVAL, 0);
    expect_to_ms(dur(-1, 12, 0, 0), SLA_EINVAL, 0);
    expect_to_ms(dur(0, 0, 0, 0), 0, 0);
    expect_to_ms(dur(0, 0, -1, 0), 0, -DAY);
    expect_to_ms(dur(0, 0, 1, -1), 0, DAY - 1);
    expect_to_ms(dur(0, 0, INT64_C(106751991167), 25975807), 0, INT64_MAX);
    expect_to_ms(dur(0, 0, INT64_C(106751991167), 25975808), SLA_EOVERFLOW,
                 0);
    expect_to_ms(dur(0, 0, INT64_C(106751991168), 0), SLA_EOVERFLOW, 0);
    expect_to_ms(dur(0, 0, INT64_C(-106751991168), 60424191), SLA_EOVERFLOW,
                 0);
    expect_to_ms(dur(0, 0, INT64_MAX, 0), SLA_EOVERFLOW, 0);
    expect_to_ms(dur(0, 0, INT64_MIN, INT64_MAX), SLA_EOVERFLOW, 0);
    expect_to_ms(dur(0, 0, 1, INT64_MAX), SLA_EOVERFLOW, 0);
    expect_to_ms(dur(0, 0, -1, INT64_MIN), SLA_EOVERFLOW, 0);
    expect_to_ms(dur(0, 0, -1, INT64_MAX), 0, INT64_MAX - DAY);
    expect_to_ms(dur(0, 0, 0, INT64_MIN), 0, INT64_MIN);
    ck_assert_int_eq(sla_duration_to_ms(NULL, &d), SLA_EINVAL);
    ck_assert_int_eq(sla_duration_to_ms(&out, NULL), SLA_EINVAL);
}
END_TEST

/* Days whose product alone leaves int64_t while the sum stays inside:
 * the length is representable, so it is not an overflow. */
START_TEST(to_ms_sum_in_range)
{
    /* -106751991168 days + 60424192 ms is exactly INT64_MIN. */
    expect_to_ms(dur(0, 0, INT64_C(-106751991168), 60424192), 0, INT64_MIN);
    /* 106751991168 days - 1 day is 106751991167 days. */
    expect_to_ms(dur(0, 0, INT64_C(106751991168), -DAY), 0,
                 INT64_C(106751991167) * DAY);
}
END_TEST

/* ---- sla_time_add_duration ------------------------------------------ */

static void expect_add(int64_t instant, struct sla_duration d,
                       int64_t offset, int rc_want, int64_t want)
{
    int64_t out = 0x5151;
    int rc = sla_time_add_duration(&out, instant, &d, offset);
    ck_assert_msg(rc == rc_want,
                  "%lld + Y%lld M%lld D%lld ms%lld at %lld: rc %d, want %d",
                  (long long)instant, (long long)d.years,
                  (long long)d.months, (long long)d.days, (long long)d.ms,
                  (long long)offset, rc, rc_want);
    if (rc == 0)
        ck_assert_msg(out == want,
                      "%lld + Y%lld M%lld D%lld ms%lld at %lld: %lld, want "
                      "%lld",
                      (long long)instant, (long long)d.years,
                      (long long)d.months, (long long)d.days,
                      (long long)d.ms, (long long)offset, (long long)out,
                      (long long)want);
}

START_TEST(add_documented_example)
{
    /* 2026-01-30T15:00:00Z is Jan 31 00:00 in Tokyo; plus P1M is Feb 28
     * 00:00 in Tokyo, 2026-02-27T15:00:00Z. In UTC it is Feb 28 15:00. */
    expect_add(INT64_C(1769785200000), dur(0, 1, 0, 0), 9 * HOUR, 0,
               INT64_C(1772204400000));
    expect_add(INT64_C(1769785200000), dur(0, 1, 0, 0), 0, 0,
               INT64_C(1772204400000) + DAY);
    /* At -05:00, 2023-03-01T03:00Z is Feb 28 22:00: plus P1M is Mar 28
     * 22:00 local, 2023-03-29T03:00Z (in UTC: Apr 1 03:00). */
    expect_add(INT64_C(1677639600000), dur(0, 1, 0, 0), -5 * HOUR, 0,
               INT64_C(1680058800000));
    expect_add(INT64_C(1677639600000), dur(0, 1, 0, 0), 0, 0,
               INT64_C(1677639600000) + 31 * DAY);
}
END_TEST

START_TEST(add_month_ends)
{
    /* Jan 31 + P1M clamps to the end of February. */
    expect_add(INT64_C(1675159200000), dur(0, 1, 0, 0), 0, 0,
               INT64_C(1677578400000));
    expect_add(INT64_C(1706695200000), dur(0, 1, 0, 0), 0, 0,
               INT64_C(1709200800000));
    /* 2024-02-29 + P1Y = 2025-02-28; + P4Y = 2028-02-29; 2124 and 1924
     * are leap years too; + P12M is the same as + P1Y. */
    expect_add(INT64_C(1709164800000), dur(1, 0, 0, 0), 0, 0,
               INT64_C(1740700800000));
    expect_add(INT64_C(1709164800000), dur(4, 0, 0, 0), 0, 0,
               INT64_C(1835395200000));
    expect_add(INT64_C(1709164800000), dur(100, 0, 0, 0), 0, 0,
               INT64_C(4864838400000));
    expect_add(INT64_C(1709164800000), dur(-100, 0, 0, 0), 0, 0,
               INT64_C(-1446595200000));
    expect_add(INT64_C(1709164800000), dur(0, 12, 0, 0), 0, 0,
               INT64_C(1740700800000));
    /* 2024-03-31 - P1M = 2024-02-29. */
    expect_add(INT64_C(1711843200000), dur(0, -1, 0, 0), 0, 0,
               INT64_C(1709164800000));
    /* 2023-01-31 + P1M + P1M = Mar 28, + P2M = Mar 31. */
    {
        int64_t t;
        struct sla_duration m1 = dur(0, 1, 0, 0);
        ck_assert_int_eq(sla_time_add_duration(&t, INT64_C(1675123200000),
                                               &m1, 0),
                         0);
        ck_assert_int_eq(sla_time_add_duration(&t, t, &m1, 0), 0);
        ck_assert_int_eq(t, INT64_C(1679961600000));
    }
    expect_add(INT64_C(1675123200000), dur(0, 2, 0, 0), 0, 0,
               INT64_C(1680220800000));
}
END_TEST

START_TEST(add_order)
{
    /* Months before days: 2023-01-30 + P1M1D = Feb 28 + 1 = Mar 1
     * (days first would give Jan 31 + 1M = Feb 28). */
    expect_add(INT64_C(1675036800000), dur(0, 1, 1, 0), 0, 0,
               INT64_C(1677628800000));
    /* Calendar parts before exact ones: 2023-01-30T23:00Z + P1MT2H =
     * Feb 28 23:00 + 2 h = Mar 1 01:00 (exact first: Feb 28 01:00). */
    expect_add(INT64_C(1675119600000), dur(0, 1, 0, 2 * HOUR), 0, 0,
               INT64_C(1677632400000));
    /* Years and months together: +1Y -12M is no move at all, even from
     * Feb 29 (one after the other would give Feb 28). */
    expect_add(INT64_C(1709164800000), dur(1, -12, 0, 0), 0, 0,
               INT64_C(1709164800000));
    expect_add(INT64_C(1709164800000), dur(-1, 12, 0, 0), 0, 0,
               INT64_C(1709164800000));
    /* Negative parts: 2024-05-04T04:00Z - P1Y2M3DT4H = 2023-03-01T00:00Z. */
    expect_add(INT64_C(1714795200000), dur(-1, -2, -3, -4 * HOUR), 0, 0,
               INT64_C(1677628800000));
    /* -P1D from 2024-03-01T12:00Z is Feb 29 12:00. */
    expect_add(INT64_C(1709294400000), dur(0, 0, -1, 0), 0, 0,
               INT64_C(1709208000000));
    /* Days and exact time at a fixed offset are plain arithmetic. */
    expect_add(INT64_C(1709294400000), dur(0, 0, 3, 5), 9 * HOUR, 0,
               INT64_C(1709294400000) + 3 * DAY + 5);
    expect_add(0, dur(0, 0, 0, 0), 0, 0, 0);
    expect_add(-1, dur(0, 0, 0, 0), 13 * HOUR, 0, -1);
}
END_TEST

START_TEST(add_overflow)
{
    expect_add(INT64_MAX, dur(0, 0, 0, 0), 0, 0, INT64_MAX);
    expect_add(INT64_MIN, dur(0, 0, 0, 0), 0, 0, INT64_MIN);
    expect_add(INT64_MAX, dur(0, 0, 0, 1), 0, SLA_EOVERFLOW, 0);
    expect_add(INT64_MAX, dur(0, 0, 0, -1), 0, 0, INT64_MAX - 1);
    expect_add(INT64_MIN, dur(0, 0, 0, -1), 0, SLA_EOVERFLOW, 0);
    expect_add(INT64_MIN, dur(0, 0, 0, INT64_MAX), 0, 0, -1);
    expect_add(INT64_MAX - 1000, dur(0, 0, 1, 0), 0, SLA_EOVERFLOW, 0);
    expect_add(INT64_MAX - 2 * DAY, dur(0, 0, 1, 0), 0, 0,
               INT64_MAX - DAY);
    expect_add(INT64_MIN + 2 * DAY, dur(0, 0, -1, 0), 0, 0,
               INT64_MIN + DAY);
    expect_add(INT64_MIN + 1000, dur(0, 0, -1, 0), 0, SLA_EOVERFLOW, 0);
    expect_add(INT64_MAX - 2 * DAY, dur(0, 0, 1, 2 * DAY), 0, SLA_EOVERFLOW,
               0);
    /* The calendar ends with int64_t: a year on from the last year. */
    expect_add(INT64_MAX - 2 * DAY, dur(1, 0, 0, 0), 0, SLA_EOVERFLOW, 0);
    expect_add(INT64_MIN + 2 * DAY, dur(0, -1200, 0, 0), 0, SLA_EOVERFLOW,
               0);
    /* Huge calendar parts. */
    expect_add(0, dur(INT64_MAX, 0, 0, 0), 0, SLA_EOVERFLOW, 0);
    expect_add(0, dur(INT64_MIN, 0, 0, 0), 0, SLA_EOVERFLOW, 0);
    expect_add(0, dur(INT64_MAX / 12, 12, 0, 0), 0, SLA_EOVERFLOW, 0);
    expect_add(0, dur(0, INT64_MAX, 0, 0), 0, SLA_EOVERFLOW, 0);
    expect_add(0, dur(0, INT64_MIN, 0, 0), 0, SLA_EOVERFLOW, 0);
    expect_add(0, dur(0, 0, INT64_MAX, 0), 0, SLA_EOVERFLOW, 0);
    expect_add(0, dur(0, 0, INT64_MIN, 0), 0, SLA_EOVERFLOW, 0);
    expect_add(0, dur(300000000, 0, 0, 0), 0, SLA_EOVERFLOW, 0);
    expect_add(0, dur(0, 0, INT64_C(106751991167) * 2, 0), 0, SLA_EOVERFLOW,
               0);
}
END_TEST

START_TEST(add_null)
{
    int64_t out = 7;
    struct sla_duration d = dur(0, 0, 0, 1);
    ck_assert_int_eq(sla_time_add_duration(NULL, 0, &d, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_time_add_duration(&out, 0, NULL, 0), SLA_EINVAL);
    ck_assert_int_eq(out, 7);
}
END_TEST

/* ---- sla_time_format_seconds / sla_time_format_human ------------------ */

static void expect_seconds(int64_t ms, const char *want)
{
    char buf[32];
    int n = sla_time_format_seconds(buf, sizeof buf, ms);
    ck_assert_msg(n == (int)strlen(want), "%lld returned %d", (long long)ms,
                  n);
    ck_assert_str_eq(buf, want);
}

static void expect_human(int64_t ms, const char *want)
{
    char buf[64];
    int n = sla_time_format_human(buf, sizeof buf, ms);
    ck_assert_msg(n == (int)strlen(want), "%lld returned %d", (long long)ms,
                  n);
    ck_assert_str_eq(buf, want);
}

START_TEST(format_seconds)
{
    expect_seconds(259200, "259.2");
    expect_seconds(60000, "60");
    expect_seconds(-1500, "-1.5");
    expect_seconds(7, "0.007");
    expect_seconds(-7, "-0.007");
    expect_seconds(0, "0");
    expect_seconds(1, "0.001");
    expect_seconds(10, "0.01");
    expect_seconds(1010, "1.01");
    expect_seconds(-1000, "-1");
    expect_seconds(INT64_C(2678400), "2678.4");
    expect_seconds(INT64_MAX, "9223372036854775.807");
    expect_seconds(INT64_MIN, "-9223372036854775.808");
    expect_seconds(INT64_MIN + 192, "-9223372036854775.616");
    expect_seconds(-INT64_C(9223372036854775000), "-9223372036854775");
}
END_TEST

START_TEST(format_human)
{
    expect_human(259200, "4 min 19.2 s");
    expect_human(93784005, "1 d 2 h 3 min 4.005 s");
    expect_human(3600000, "1 h");
    expect_human(0, "0 s");
    expect_human(-259200, "-4 min 19.2 s");
    expect_human(-93784005, "-1 d 2 h 3 min 4.005 s");
    expect_human(-3600000, "-1 h");
    expect_human(-1, "-0.001 s");
    expect_human(1, "0.001 s");
    expect_human(999, "0.999 s");
    expect_human(60000, "1 min");
    expect_human(86400000, "1 d");
    expect_human(86400001, "1 d 0.001 s");
    expect_human(90061001, "1 d 1 h 1 min 1.001 s");
    expect_human(2678400, "44 min 38.4 s");
    expect_human(3 * DAY + 5 * MINUTE, "3 d 5 min");
    expect_human(INT64_C(267120), "4 min 27.12 s");
    expect_human(INT64_MAX, "106751991167 d 7 h 12 min 55.807 s");
    expect_human(INT64_MIN, "-106751991167 d 7 h 12 min 55.808 s");
}
END_TEST

START_TEST(format_small_buffers)
{
    static const int64_t values[] = {259200, -1500, 0, INT64_MIN, INT64_MAX,
                                     93784005, -1};
    size_t i, size;
    for (i = 0; i < sizeof values / sizeof values[0]; i++) {
        char want[64], *buf;
        int len;
        len = sla_time_format_seconds(want, 32, values[i]);
        ck_assert_int_gt(len, 0);
        for (size = 0; size <= (size_t)len + 1; size++) {
            buf = malloc(size ? size : 1);
            ck_assert_ptr_nonnull(buf);
            if (size <= (size_t)len) {
                ck_assert_int_eq(sla_time_format_seconds(buf, size, values[i]),
                                 SLA_ENOSPC);
            } else {
                ck_assert_int_eq(sla_time_format_seconds(buf, size, values[i]),
                                 len);
                ck_assert_str_eq(buf, want);
            }
            free(buf);
        }
        len = sla_time_format_human(want, 64, values[i]);
        ck_assert_int_gt(len, 0);
        for (size = 0; size <= (size_t)len + 1; size++) {
            buf = malloc(size ? size : 1);
            ck_assert_ptr_nonnull(buf);
            if (size <= (size_t)len) {
                ck_assert_int_eq(sla_time_format_human(buf, size, values[i]),
                                 SLA_ENOSPC);
            } else {
                ck_assert_int_eq(sla_time_format_human(buf, size, values[i]),
                                 len);
                ck_assert_str_eq(buf, want);
            }
            free(buf);
        }
    }
    ck_assert_int_eq(sla_time_format_seconds(NULL, 32, 1), SLA_EINVAL);
    ck_assert_int_eq(sla_time_format_human(NULL, 64, 1), SLA_EINVAL);
}
END_TEST

/* ---- Random trials --------------------------------------------------- */

static uint64_t magnitude(int64_t v)
{
    return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/* Milliseconds as seconds with a trimmed fraction, written another way. */
static int seconds_text(char *buf, size_t size, uint64_t ms)
{
    int n = snprintf(buf, size, "%llu.%03llu", (unsigned long long)(ms / 1000),
                     (unsigned long long)(ms % 1000));
    while (buf[n - 1] == '0' && buf[n - 2] != '.')
        buf[--n] = '\0';
    if (buf[n - 1] == '0' && buf[n - 2] == '.')
        buf[n -= 2] = '\0';
    return n;
}

/* The canonical text of a same-signed duration. */
static void canonical_text(char *buf, size_t size,
                           const struct sla_duration *d)
{
    int neg = d->years < 0 || d->months < 0 || d->days < 0 || d->ms < 0;
    uint64_t ms = magnitude(d->ms);
    size_t n = (size_t)snprintf(buf, size, "%sP", neg ? "-" : "");
    if (d->years)
        n += (size_t)snprintf(buf + n, size - n, "%lluY",
                              (unsigned long long)magnitude(d->years));
    if (d->months)
        n += (size_t)snprintf(buf + n, size - n, "%lluM",
                              (unsigned long long)magnitude(d->months));
    if (d->days)
        n += (size_t)snprintf(buf + n, size - n, "%lluD",
                              (unsigned long long)magnitude(d->days));
    if (ms == 0 && (d->years || d->months || d->days))
        return;
    n += (size_t)snprintf(buf + n, size - n, "T");
    if (ms / 3600000)
        n += (size_t)snprintf(buf + n, size - n, "%lluH",
                              (unsigned long long)(ms / 3600000));
    if (ms / 60000 % 60)
        n += (size_t)snprintf(buf + n, size - n, "%lluM",
                              (unsigned long long)(ms / 60000 % 60));
    if (ms % 60000 || ms == 0) {
        n += (size_t)seconds_text(buf + n, size - n, ms % 60000);
        snprintf(buf + n, size - n, "S");
    }
}

static int64_t random_part(uint64_t *state, int neg)
{
    /* A random bit length, so that small and huge values both occur;
     * never INT64_MIN, which has no positive text. */
    int64_t v = (int64_t)(sla_test_rand(state) >> 1 >>
                          sla_test_below(state, 63));
    if (sla_test_below(state, 4) == 0)
        v = 0;
    return neg ? -v : v;
}

START_TEST(random_format_parse_round_trip)
{
    uint64_t state = UINT64_C(0xD0D0);
    int i, n = trials(100000);
    for (i = 0; i < n; i++) {
        int neg = (int)sla_test_below(&state, 2);
        struct sla_duration d, back;
        char buf[SLA_DURATION_SIZE], want[SLA_DURATION_SIZE + 16];
        struct sla_error err;
        int len;
        d.years = random_part(&state, neg);
        d.months = random_part(&state, neg);
        d.days = random_part(&state, neg);
        d.ms = random_part(&state, neg);
        if (i % 7 == 0)
            d.ms = (neg ? -1 : 1) * (int64_t)sla_test_below(&state, 5 * DAY);
        if (i % 11 == 0)
            d.ms = neg ? -INT64_MAX : INT64_MAX;
        canonical_text(want, sizeof want, &d);
        len = sla_duration_format(buf, sizeof buf, &d);
        REQUIRE(len == (int)strlen(want) && strcmp(buf, want) == 0,
                "Y%lld M%lld D%lld ms%lld: '%s' (%d), expected '%s'",
                (long long)d.years, (long long)d.months, (long long)d.days,
                (long long)d.ms, buf, len, want);
        REQUIRE(sla_duration_parse(&back, buf, (size_t)len, &err) == 0,
                "'%s' rejected: %s", buf, err.message);
        REQUIRE(dur_eq(&back, &d), "'%s' parsed back differently", buf);
    }
}
END_TEST

/* Random text with every part, weeks, fractions and signs, against a
 * struct computed here. */
START_TEST(random_text_parse)
{
    uint64_t state = UINT64_C(0x1508601);
    static const int64_t unit[3] = {3600000, 60000, 1000};
    int i, n = trials(100000);
    for (i = 0; i < n; i++) {
        char text[160];
        size_t len = 0;
        int k, any = 0, sign = (int)sla_test_below(&state, 3);
        int64_t v[7], mul = sign == 1 ? -1 : 1;
        struct sla_duration want = dur(0, 0, 0, 0), got;
        struct sla_error err;
        int frac_part = -1, frac_digits = 0;
        char frac[24];
        if (sign)
            text[len++] = sign == 1 ? '-' : '+';
        text[len++] = 'P';
        for (k = 0; k < 7; k++)
            v[k] = sla_test_below(&state, 3) == 0
                       ? -1
                       : (int64_t)sla_test_below(&state, 1000000);
        for (k = 6; k >= 0; k--)
            if (v[k] >= 0)
                break;
        if (k < 0) {
            v[6] = (int64_t)sla_test_below(&state, 1000000);
            k = 6;
        }
        if (k >= 4 && sla_test_below(&state, 2)) {
            frac_part = k;
            frac_digits = 1 + (int)sla_test_below(&state, k == 6 ? 20 : 9);
            for (k = 0; k < frac_digits; k++)
                frac[k] = (char)('0' + sla_test_below(&state, 10));
            frac[frac_digits] = '\0';
        }
        for (k = 0; k < 7; k++) {
            if (v[k] < 0)
                continue;
            if (k >= 4 && !any) {
                text[len++] = 'T';
                any = 1;
            }
            len += (size_t)snprintf(text + len, sizeof text - len, "%lld",
                                    (long long)v[k]);
            if (k == frac_part)
                len += (size_t)snprintf(text + len, sizeof text - len,
                                        "%c%s",
                                        sla_test_below(&state, 2) ? '.' : ',',
                                        frac);
            text[len++] = "YMWDHMS"[k];
            switch (k) {
            case 0: want.years = v[k] * mul; break;
            case 1: want.months = v[k] * mul; break;
            case 2: want.days += 7 * v[k] * mul; break;
            case 3: want.days += v[k] * mul; break;
            default: {
                int64_t ms = v[k] * unit[k - 4];
                if (k == frac_part) {
                    /* At most nine digits count for H and M; for S the
                     * first three do. Truncated either way. */
                    int64_t num = 0, den = 1;
                    int j, keep = k == 6 ? 3 : frac_digits;
                    for (j = 0; j < keep; j++) {
                        num = num * 10 + (j < frac_digits ? frac[j] - '0' : 0);
                        den *= 10;
                    }
                    ms += num * unit[k - 4] / den;
                }
                want.ms += ms * mul;
            }
            }
        }
        REQUIRE(sla_duration_parse(&got, text, len, &err) == 0,
                "'%.*s' rejected: %s", (int)len, text, err.message);
        REQUIRE(dur_eq(&got, &want),
                "'%.*s' gave Y%lld M%lld D%lld ms%lld, expected ms%lld",
                (int)len, text, (long long)got.years, (long long)got.months,
                (long long)got.days, (long long)got.ms, (long long)want.ms);
        /* Without its last designator the text is a bare number. */
        REQUIRE(sla_duration_parse(&got, text, len - 1, &err) == SLA_EPARSE &&
                    err.offset == (int64_t)len - 1,
                "'%.*s' accepted", (int)len - 1, text);
    }
}
END_TEST

/* Human and seconds text of random values against text built here. */
START_TEST(random_human_and_seconds)
{
    uint64_t state = UINT64_C(0x4E4E);
    int i, n = trials(100000);
    for (i = 0; i < n; i++) {
        int64_t v = (int64_t)sla_test_rand(&state);
        char got[64], want[96], sec[40];
        uint64_t a;
        size_t w = 0;
        int len;
        switch (i % 4) {
        case 0: v >>= sla_test_below(&state, 63); break;
        case 1: v %= 10 * DAY; break;
        case 2: v = (v % 1000) * 60000; break; /* whole minutes */
        default: break;
        }
        a = magnitude(v);
        if (v < 0)
            want[w++] = '-';
        if (a / 86400000)
            w += (size_t)snprintf(want + w, sizeof want - w, "%llu d ",
                                  (unsigned long long)(a / 86400000));
        if (a / 3600000 % 24)
            w += (size_t)snprintf(want + w, sizeof want - w, "%llu h ",
                                  (unsigned long long)(a / 3600000 % 24));
        if (a / 60000 % 60)
            w += (size_t)snprintf(want + w, sizeof want - w, "%llu min ",
                                  (unsigned long long)(a / 60000 % 60));
        if (a % 60000 || a == 0) {
            w += (size_t)seconds_text(want + w, sizeof want - w, a % 60000);
            w += (size_t)snprintf(want + w, sizeof want - w, " s ");
        }
        want[w - 1] = '\0'; /* the last space */
        len = sla_time_format_human(got, sizeof got, v);
        REQUIRE(len == (int)strlen(want) && strcmp(got, want) == 0,
                "human %lld: '%s', expected '%s'", (long long)v, got, want);
        w = 0;
        if (v < 0)
            sec[w++] = '-';
        seconds_text(sec + w, sizeof sec - w, a);
        len = sla_time_format_seconds(got, 32, v);
        REQUIRE(len == (int)strlen(sec) && strcmp(got, sec) == 0,
                "seconds %lld: '%s', expected '%s'", (long long)v, got, sec);
    }
}
END_TEST

/* A naive calendar for the oracle of sla_time_add_duration. */
static int naive_leap(int64_t y)
{
    return y % 400 == 0 || (y % 4 == 0 && y % 100 != 0);
}

static int naive_dim(int64_t y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    return m == 2 && naive_leap(y) ? 29 : len[m - 1];
}

static int64_t year_start[10001]; /* days from 0000-01-01 */

static void naive_init(void)
{
    int y;
    for (y = 0; y < 10000; y++)
        year_start[y + 1] = year_start[y] + (naive_leap(y) ? 366 : 365);
}

static int64_t naive_days(int64_t y, int m, int d)
{
    int64_t days = year_start[y] - year_start[1970];
    int k;
    for (k = 1; k < m; k++)
        days += naive_dim(y, k);
    return days + d - 1;
}

static void naive_date(int64_t days, int64_t *y, int *m, int *d)
{
    int64_t lo = 0, hi = 10000;
    days += year_start[1970];
    while (hi - lo > 1) {
        int64_t mid = (lo + hi) / 2;
        if (year_start[mid] <= days)
            lo = mid;
        else
            hi = mid;
    }
    *y = lo;
    days -= year_start[lo];
    *m = 1;
    while (days >= naive_dim(lo, *m))
        days -= naive_dim(lo, (*m)++);
    *d = (int)days + 1;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b < 0);
}

START_TEST(random_add_duration)
{
    uint64_t state = UINT64_C(0xADD);
    int i, n = trials(100000);
    /* 0500-01-01 to 9500-01-01 */
    const int64_t lo = INT64_C(-46388678400000), hi = INT64_C(237629462400000);
    naive_init();
    ck_assert_int_eq(naive_days(2026, 1, 30), 20483);
    for (i = 0; i < n; i++) {
        int64_t instant = lo + (int64_t)sla_test_below(&state,
                                                       (uint64_t)(hi - lo));
        int64_t offset = ((int64_t)sla_test_below(&state, 2 * 1439 + 1) -
                          1439) *
                         MINUTE;
        struct sla_duration d;
        int64_t local, days, tod, y, months, want, got;
        int m, day, dim;
        d.years = (int64_t)sla_test_below(&state, 201) - 100;
        d.months = (int64_t)sla_test_below(&state, 2401) - 1200;
        d.days = (int64_t)sla_test_below(&state, 200001) - 100000;
        d.ms = (int64_t)sla_test_below(&state, 200000000001) - 100000000000;
        switch (i % 5) {
        case 0: d.years = d.months = 0; break;
        case 1: d.days = 0; break;
        case 2: d.ms = 0; break;
        default: break;
        }
        /* The oracle: read at the offset, move the month, clamp the
         * day, add days, back to an instant, add the exact part. */
        local = instant + offset;
        days = floor_div(local, DAY);
        tod = local - days * DAY;
        naive_date(days, &y, &m, &day);
        months = y * 12 + (m - 1) + d.years * 12 + d.months;
        y = floor_div(months, 12);
        m = (int)(months - y * 12) + 1;
        dim = naive_dim(y, m);
        if (day > dim)
            day = dim;
        want = (naive_days(y, m, day) + d.days) * DAY + tod - offset + d.ms;
        REQUIRE(sla_time_add_duration(&got, instant, &d, offset) == 0,
                "%lld + Y%lld M%lld D%lld ms%lld failed", (long long)instant,
                (long long)d.years, (long long)d.months, (long long)d.days,
                (long long)d.ms);
        REQUIRE(got == want,
                "%lld + Y%lld M%lld D%lld ms%lld at %lld: %lld, want %lld",
                (long long)instant, (long long)d.years, (long long)d.months,
                (long long)d.days, (long long)d.ms, (long long)offset,
                (long long)got, (long long)want);
        /* Without calendar months the result is plain arithmetic. */
        if (d.years == 0 && d.months == 0) {
            int64_t ms;
            REQUIRE(sla_duration_to_ms(&ms, &d) == 0 && ms == d.days * DAY +
                                                                  d.ms &&
                        got == instant + ms,
                    "to_ms disagrees for D%lld ms%lld", (long long)d.days,
                    (long long)d.ms);
        }
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("duration");
    TCase *tc = sla_tcase("parse");
    tcase_add_test(tc, parse_issue_examples);
    tcase_add_test(tc, parse_weeks);
    tcase_add_test(tc, parse_fractions);
    tcase_add_test(tc, parse_signs);
    tcase_add_test(tc, parse_limits);
    tcase_add_test(tc, parse_limits_ms);
    tcase_add_test(tc, parse_overflow);
    tcase_add_test(tc, parse_overflow_wrap);
    tcase_add_test(tc, parse_ten_digit_fraction_zeros);
    tcase_add_test(tc, parse_errors);
    tcase_add_test(tc, parse_not_nul_terminated);
    tcase_add_test(tc, parse_null);
    tcase_add_test(tc, parse_prefixes);
    suite_add_tcase(s, tc);

    tc = sla_tcase("format");
    tcase_add_test(tc, format_canonical);
    tcase_add_test(tc, format_errors);
    tcase_add_test(tc, to_ms);
    tcase_add_test(tc, to_ms_sum_in_range);
    suite_add_tcase(s, tc);

    tc = sla_tcase("add");
    tcase_add_test(tc, add_documented_example);
    tcase_add_test(tc, add_month_ends);
    tcase_add_test(tc, add_order);
    tcase_add_test(tc, add_overflow);
    tcase_add_test(tc, add_null);
    suite_add_tcase(s, tc);

    tc = sla_tcase("text");
    tcase_add_test(tc, format_seconds);
    tcase_add_test(tc, format_human);
    tcase_add_test(tc, format_small_buffers);
    suite_add_tcase(s, tc);

    tc = sla_tcase("random");
    tcase_add_test(tc, random_format_parse_round_trip);
    tcase_add_test(tc, random_text_parse);
    tcase_add_test(tc, random_human_and_seconds);
    tcase_add_test(tc, random_add_duration);
    suite_add_tcase(s, tc);
    return sla_run_suite(s);
}
