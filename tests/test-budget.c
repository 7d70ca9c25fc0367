/* SPDX-License-Identifier: MIT */
/* Targets in parts per million and the downtime they allow. */
#include <stdio.h>

#include "testlib.h"

/* A check for hot loops. Check's own ck_assert records every assertion
 * that passes, which would dominate a loop of a million cases. */
#define REQUIRE(cond, ...)                                                   \
    do {                                                                     \
        if (!(cond))                                                         \
            ck_abort_msg(__VA_ARGS__);                                       \
    } while (0)

#define DAY INT64_C(86400000)

__extension__ typedef unsigned __int128 u128;

static int trials(int n)
{
    return getenv("SLA_TEST_VALGRIND") ? n / 10 : n;
}

/* ---- sla_ppm_parse_percent ------------------------------------------ */

static int parse_exact(int32_t *out, const char *text, size_t n,
                       struct sla_error *err)
{
    char *copy = malloc(n ? n : 1);
    int rc;
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, text, n);
    rc = sla_ppm_parse_percent(out, copy, n, err);
    free(copy);
    return rc;
}

static void expect_ppm(const char *text, int32_t want)
{
    int32_t out = -42;
    struct sla_error err, before;
    int rc;
    memset(&err, 0x5a, sizeof err);
    before = err;
    rc = parse_exact(&out, text, strlen(text), &err);
    ck_assert_msg(rc == 0, "'%s' returned %d (%s)", text, rc,
                  rc == SLA_EPARSE ? err.message : "");
    ck_assert_msg(out == want, "'%s' gave %d, expected %d", text, (int)out,
                  (int)want);
    ck_assert_int_eq(memcmp(&err, &before, sizeof err), 0);
}

static void expect_ppm_error(const char *text, int64_t lo, int64_t hi,
                             const char *needle)
{
    int32_t out = -42;
    struct sla_error err;
    int rc;
    memset(&err, 0x5a, sizeof err);
    rc = parse_exact(&out, text, strlen(text), &err);
    ck_assert_msg(rc == SLA_EPARSE, "'%s' returned %d (value %d)", text, rc,
                  (int)out);
    sla_test_check_record(&err, SLA_EPARSE, text, lo, hi, needle);
    ck_assert_int_eq(sla_ppm_parse_percent(&out, text, strlen(text), NULL),
                     SLA_EPARSE);
}

START_TEST(parse_values)
{
    expect_ppm("99.99", 999900);
    expect_ppm("99.9", 999000);
    expect_ppm("100", 1000000);
    expect_ppm("0", 0);
    expect_ppm("99.99%", 999900);
    expect_ppm("99.990000", 999900);
    expect_ppm("99.9999", 999999);
    expect_ppm("100%", 1000000);
    expect_ppm("100.0000", 1000000);
    expect_ppm("100.000000000", 1000000);
    expect_ppm("0.0001", 1);
    expect_ppm("0.0005", 5);
    expect_ppm("0%", 0);
    expect_ppm("0.0", 0);
    expect_ppm("50", 500000);
    expect_ppm("7", 70000);
    expect_ppm("12.3456", 123456);
    expect_ppm("12.3456%", 123456);
    expect_ppm("00099.5", 995000);
    expect_ppm("99.9000", 999000);
}
END_TEST

START_TEST(parse_errors)
{
    expect_ppm_error("99.99995", 7, 7, "decimals");
    expect_ppm_error("99.00001", 7, 7, "decimals");
    expect_ppm_error("0.00001", 6, 6, "decimals");
    expect_ppm_error("100.0001", 0, 7, "100");
    expect_ppm_error("100.5", 0, 4, "100");
    expect_ppm_error("101", 0, 2, "100");
    expect_ppm_error("1000", 0, 3, "100");
    expect_ppm_error("999999999999999999999999", 0, 3, "100");
    expect_ppm_error("", 0, 0, "percentage");
    expect_ppm_error(".5", 0, 0, "percentage");
    expect_ppm_error("5.", 2, 2, "digits");
    expect_ppm_error("5.%", 2, 2, "digits");
    expect_ppm_error("abc", 0, 0, "percentage");
    expect_ppm_error("99.99 ", 5, 5, "end");
    expect_ppm_error(" 99.99", 0, 0, "percentage");
    expect_ppm_error("99.99%%", 6, 6, "end");
    expect_ppm_error("99.99% ", 6, 6, "end");
    expect_ppm_error("%", 0, 0, "percentage");
    expect_ppm_error("-1", 0, 0, "percentage");
    expect_ppm_error("+5", 0, 0, "percentage");
    expect_ppm_error("1e2", 1, 1, "end");
    expect_ppm_error("99,99", 2, 2, "end");
    expect_ppm_error("99.9.9", 4, 4, "end");
    expect_ppm_error("99.99x", 5, 5, "end");
}
END_TEST

START_TEST(parse_not_nul_terminated)
{
    int32_t out = -1;
    struct sla_error err;
    ck_assert_int_eq(sla_ppm_parse_percent(&out, "99.99xyz", 5, &err), 0);
    ck_assert_int_eq(out, 999900);
    ck_assert_int_eq(sla_ppm_parse_percent(&out, "99.995", 5, &err), 0);
    ck_assert_int_eq(out, 999900);
    ck_assert_int_eq(sla_ppm_parse_percent(&out, "100", 2, &err), 0);
    ck_assert_int_eq(out, 100000);
    ck_assert_int_eq(sla_ppm_parse_percent(&out, "99.99", 3, &err),
                     SLA_EPARSE);
    ck_assert_int_eq(err.offset, 3);
    ck_assert_int_eq(sla_ppm_parse_percent(&out, "99", 0, &err), SLA_EPARSE);
    ck_assert_int_eq(err.offset, 0);
    ck_assert_int_eq(sla_ppm_parse_percent(&out, "9\0" "9", 3, &err),
                     SLA_EPARSE);
    ck_assert_int_eq(err.offset, 1);
    ck_assert_int_eq(parse_exact(&out, "99.9%", 5, &err), 0);
    ck_assert_int_eq(out, 999000);
}
END_TEST

START_TEST(parse_null)
{
    int32_t out = 77;
    struct sla_error err;
    ck_assert_int_eq(sla_ppm_parse_percent(NULL, "99.99", 5, &err),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_ppm_parse_percent(&out, NULL, 5, &err), SLA_EINVAL);
    ck_assert_int_eq(err.code, SLA_EINVAL);
    ck_assert_int_eq(err.offset, -1);
    ck_assert_int_eq(sla_ppm_parse_percent(&out, NULL, 0, &err), SLA_EPARSE);
    ck_assert_int_eq(out, 77);
}
END_TEST

/* ---- sla_ppm_format_percent ----------------------------------------- */

static void expect_percent(int32_t ppm, const char *want)
{
    char buf[SLA_PERCENT_SIZE];
    int n = sla_ppm_format_percent(buf, sizeof buf, ppm);
    ck_assert_msg(n == (int)strlen(want), "%d returned %d", (int)ppm, n);
    ck_assert_str_eq(buf, want);
}

START_TEST(format_values)
{
    char buf[SLA_PERCENT_SIZE];
    size_t size;
    expect_percent(999900, "99.99");
    expect_percent(1000000, "100");
    expect_percent(5, "0.0005");
    expect_percent(0, "0");
    expect_percent(999000, "99.9");
    expect_percent(999999, "99.9999");
    expect_percent(123456, "12.3456");
    expect_percent(10000, "1");
    expect_percent(100, "0.01");
    expect_percent(1, "0.0001");
    expect_percent(500000, "50");
    expect_percent(990010, "99.001");
    ck_assert_int_eq(sla_ppm_format_percent(buf, sizeof buf, -1), SLA_EINVAL);
    ck_assert_int_eq(sla_ppm_format_percent(buf, sizeof buf, 1000001),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_ppm_format_percent(buf, sizeof buf, INT32_MIN),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_ppm_format_percent(buf, sizeof buf, INT32_MAX),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_ppm_format_percent(NULL, sizeof buf, 999900),
                     SLA_EINVAL);
    /* "99.9999" is 7 bytes. */
    for (size = 0; size <= 7; size++)
        ck_assert_int_eq(sla_ppm_format_percent(buf, size, 999999),
                         SLA_ENOSPC);
    {
        char *exact = malloc(8);
        ck_assert_ptr_nonnull(exact);
        ck_assert_int_eq(sla_ppm_format_percent(exact, 8, 999999), 7);
        ck_assert_str_eq(exact, "99.9999");
        free(exact);
    }
    ck_assert_int_eq(sla_ppm_format_percent(buf, 3, 1000000), SLA_ENOSPC);
    ck_assert_int_eq(sla_ppm_format_percent(buf, 4, 1000000), 3);
    ck_assert_str_eq(buf, "100");
    ck_assert_int_eq(sla_ppm_format_percent(buf, 1, 0), SLA_ENOSPC);
    ck_assert_int_eq(sla_ppm_format_percent(buf, 2, 0), 1);
    ck_assert_str_eq(buf, "0");
}
END_TEST

/* Every target: format, compare with text built here, parse back; and
 * the untrimmed four-decimal text with a '%' parses to the same ppm. */
START_TEST(every_ppm_round_trip)
{
    int32_t ppm;
    for (ppm = 0; ppm <= SLA_PPM_ONE; ppm++) {
        char buf[SLA_PERCENT_SIZE], want[32], full[32];
        int32_t back = -1;
        int n, w;
        snprintf(full, sizeof full, "%d.%04d%%", (int)(ppm / 10000),
                 (int)(ppm % 10000));
        w = snprintf(want, sizeof want, "%d.%04d", (int)(ppm / 10000),
                     (int)(ppm % 10000));
        while (want[w - 1] == '0')
            want[--w] = '\0';
        if (want[w - 1] == '.')
            want[--w] = '\0';
        n = sla_ppm_format_percent(buf, sizeof buf, ppm);
        REQUIRE(n == w && strcmp(buf, want) == 0,
                "%d formatted as '%s' (%d), expected '%s'", (int)ppm, buf, n,
                want);
        REQUIRE(sla_ppm_parse_percent(&back, buf, (size_t)n, NULL) == 0 &&
                    back == ppm,
                "'%s' parsed back as %d, expected %d", buf, (int)back,
                (int)ppm);
        back = -1;
        REQUIRE(sla_ppm_parse_percent(&back, full, strlen(full), NULL) == 0 &&
                    back == ppm,
                "'%s' parsed as %d, expected %d", full, (int)back, (int)ppm);
    }
}
END_TEST

/* ---- sla_budget_compute --------------------------------------------- */

static int64_t oracle(int64_t span, int32_t ppm)
{
    return (int64_t)((u128)span * (u128)(SLA_PPM_ONE - ppm) / SLA_PPM_ONE);
}

static void expect_allowed(int64_t span, int32_t ppm, int64_t want)
{
    int64_t out = -42;
    ck_assert_int_eq(sla_budget_compute(&out, span, ppm), 0);
    ck_assert_msg(out == want, "span %lld at %d ppm: %lld, expected %lld",
                  (long long)span, (int)ppm, (long long)out,
                  (long long)want);
}

START_TEST(allowed_check_sheet)
{
    /* 99.99% of 30 days: 259.2 s. */
    expect_allowed(30 * DAY, 999900, 259200);
    /* A 31-day month minus a 2-hour window: 2,671,200 s planned. */
    expect_allowed(31 * DAY - 2 * INT64_C(3600000), 999900, 267120);
    ck_assert_int_eq(31 * DAY - 2 * INT64_C(3600000), INT64_C(2671200000));
    /* 99.9% of 31 days: 44 min 38.4 s. */
    expect_allowed(31 * DAY, 999000, 2678400);
    /* Rounded down. */
    expect_allowed(1, 999900, 0);
    expect_allowed(9999, 999900, 0);
    expect_allowed(10000, 999900, 1);
    expect_allowed(19999, 999900, 1);
    expect_allowed(999999, 999999, 0);
    expect_allowed(1000000, 999999, 1);
    expect_allowed(1999999, 999999, 1);
    /* The ends of the target range. */
    expect_allowed(12345, SLA_PPM_ONE, 0);
    expect_allowed(12345, 0, 12345);
    expect_allowed(INT64_MAX, 0, INT64_MAX);
    expect_allowed(INT64_MAX, SLA_PPM_ONE, 0);
    expect_allowed(0, 0, 0);
    expect_allowed(0, 999900, 0);
    /* INT64_MAX * 100 / 1e6 = 922337203685477.5807. */
    expect_allowed(INT64_MAX, 999900, INT64_C(922337203685477));
    /* INT64_MAX * 999999 / 1e6 = 9223362813482738952.224193 (Python). */
    expect_allowed(INT64_MAX, 1, INT64_C(9223362813482738952));
}
END_TEST

START_TEST(allowed_errors)
{
    int64_t out = 5;
    ck_assert_int_eq(sla_budget_compute(&out, -1, 999900), SLA_EINVAL);
    ck_assert_int_eq(sla_budget_compute(&out, INT64_MIN, 999900), SLA_EINVAL);
    ck_assert_int_eq(sla_budget_compute(&out, 1000, -1), SLA_EINVAL);
    ck_assert_int_eq(sla_budget_compute(&out, 1000, 1000001), SLA_EINVAL);
    ck_assert_int_eq(sla_budget_compute(&out, 1000, INT32_MIN), SLA_EINVAL);
    ck_assert_int_eq(sla_budget_compute(&out, 1000, INT32_MAX), SLA_EINVAL);
    ck_assert_int_eq(sla_budget_compute(NULL, 1000, 999900), SLA_EINVAL);
    ck_assert_int_eq(out, 5);
}
END_TEST

/* The largest span with every target, against 128-bit arithmetic. */
START_TEST(allowed_max_span_every_target)
{
    int32_t ppm;
    for (ppm = 0; ppm <= SLA_PPM_ONE; ppm++) {
        int64_t out = -1, want = oracle(INT64_MAX, ppm);
        REQUIRE(sla_budget_compute(&out, INT64_MAX, ppm) == 0 && out == want,
                "INT64_MAX at %d ppm: %lld, expected %lld", (int)ppm,
                (long long)out, (long long)want);
        REQUIRE(sla_budget_compute(&out, INT64_MAX - 999999, ppm) == 0 &&
                    out == oracle(INT64_MAX - 999999, ppm),
                "INT64_MAX - 999999 at %d ppm: %lld", (int)ppm,
                (long long)out);
    }
}
END_TEST

START_TEST(allowed_random)
{
    uint64_t state = UINT64_C(0xB0D6E7);
    int i, n = trials(200000);
    for (i = 0; i < n; i++) {
        int64_t span, out = -1, want;
        int32_t ppm;
        switch (i % 4) {
        case 0: /* any size */
            span = (int64_t)(sla_test_rand(&state) >> 1 >>
                             sla_test_below(&state, 63));
            break;
        case 1: /* huge */
            span = INT64_MAX - (int64_t)sla_test_below(&state, 1u << 30);
            break;
        case 2: /* near a multiple of a million */
            span = (int64_t)sla_test_below(&state, UINT64_C(9223372036854)) *
                       SLA_PPM_ONE +
                   (int64_t)sla_test_below(&state, 3) - 1;
            if (span < 0)
                span = 0;
            break;
        default: /* up to a year */
            span = (int64_t)sla_test_below(&state, 366 * (uint64_t)DAY);
        }
        switch (i % 3) {
        case 0: ppm = (int32_t)sla_test_below(&state, SLA_PPM_ONE + 1); break;
        case 1: /* common targets: 9, 99, 99.9, 99.95 ... */
            ppm = SLA_PPM_ONE - (int32_t)sla_test_below(&state, 1001);
            break;
        default:
            ppm = (int32_t)sla_test_below(&state, 2) ? SLA_PPM_ONE - 1 : 1;
        }
        want = oracle(span, ppm);
        REQUIRE(sla_budget_compute(&out, span, ppm) == 0 && out == want,
                "span %lld at %d ppm: %lld, expected %lld", (long long)span,
                (int)ppm, (long long)out, (long long)want);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("budget");
    TCase *tc = sla_tcase("parse");
    tcase_add_test(tc, parse_values);
    tcase_add_test(tc, parse_errors);
    tcase_add_test(tc, parse_not_nul_terminated);
    tcase_add_test(tc, parse_null);
    suite_add_tcase(s, tc);

    tc = sla_tcase("format");
    tcase_add_test(tc, format_values);
    tcase_add_test(tc, every_ppm_round_trip);
    suite_add_tcase(s, tc);

    tc = sla_tcase("allowed");
    tcase_add_test(tc, allowed_check_sheet);
    tcase_add_test(tc, allowed_errors);
    tcase_add_test(tc, allowed_max_span_every_target);
    tcase_add_test(tc, allowed_random);
    suite_add_tcase(s, tc);
    return sla_run_suite(s);
}
