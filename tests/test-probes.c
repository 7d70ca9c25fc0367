/* SPDX-License-Identifier: MIT */
/* Probe samples: confirmation, gaps, and a brute-force model. */
#include "testlib.h"

#define MIN SLA_MS_PER_MINUTE

static void ck_set(const struct sla_intervals *set, const int64_t *want,
                   size_t n)
{
    size_t count, i;
    const struct sla_interval *v = sla_intervals_view(set, &count);
    ck_assert_uint_eq(count, n);
    for (i = 0; i < n; i++) {
        ck_assert_int_eq(v[i].start, want[2 * i]);
        ck_assert_int_eq(v[i].end, want[2 * i + 1]);
    }
}

/* One-minute probes from 0: good, then failing at minutes 10-12 (three in
 * a row) and 20 (once), a gap after minute 30 until 35, failing again at
 * 40-41 and never good again up to minute 41. With three to confirm:
 * down 10-13 only; no data 31-35 and after 42. */
START_TEST(hand_worked)
{
    struct sla_probe p[64];
    struct sla_intervals *down, *nodata;
    size_t n = 0;
    int m;
    for (m = 0; m <= 41; m++) {
        if (m > 30 && m < 35)
            continue;
        p[n].at = m * MIN;
        p[n].ok = !((m >= 10 && m <= 12) || m == 20 || m >= 40);
        p[n].reserved = 0;
        n++;
    }
    ck_assert_int_eq(sla_intervals_new(&down), 0);
    ck_assert_int_eq(sla_intervals_new(&nodata), 0);
    ck_assert_int_eq(sla_probes_evaluate(down, nodata, p, n, MIN, 0, 3, 0,
                                         60 * MIN), 0);
    {
        static const int64_t d[] = {10 * MIN, 13 * MIN};
        static const int64_t g[] = {31 * MIN, 35 * MIN, 42 * MIN, 60 * MIN};
        ck_set(down, d, 1);
        ck_set(nodata, g, 2);
    }
    /* Confirming on two: minutes 40-41 count, to the end of what the
     * last sample vouches for. */
    sla_intervals_clear(down);
    sla_intervals_clear(nodata);
    ck_assert_int_eq(sla_probes_evaluate(down, nodata, p, n, MIN, 0, 2, 0,
                                         60 * MIN), 0);
    {
        static const int64_t d[] = {10 * MIN, 13 * MIN, 40 * MIN, 42 * MIN};
        ck_set(down, d, 2);
    }
    /* A probe 10 s late is a gap, unless 10 s of grace is allowed. */
    sla_intervals_clear(nodata);
    p[1].at += 70 * SLA_MS_PER_SECOND - MIN; /* minute 1 at 1:10 */
    ck_assert_int_eq(sla_probes_evaluate(down, nodata, p, n, MIN, 0, 3, 0,
                                         30 * MIN), 0);
    {
        static const int64_t g[] = {MIN, MIN + 10 * SLA_MS_PER_SECOND};
        ck_set(nodata, g, 1);
    }
    sla_intervals_clear(nodata);
    ck_assert_int_eq(sla_probes_evaluate(down, nodata, p, n, MIN,
                                         10 * SLA_MS_PER_SECOND, 3, 0,
                                         30 * MIN), 0);
    ck_assert_uint_eq(sla_intervals_count(nodata), 0);
    /* Arguments. */
    ck_assert_int_eq(sla_probes_evaluate(NULL, nodata, p, n, MIN, 0, 3, 0, 1),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_probes_evaluate(down, nodata, NULL, 1, MIN, 0, 3, 0,
                                         1), SLA_EINVAL);
    ck_assert_int_eq(sla_probes_evaluate(down, nodata, p, n, 0, 0, 3, 0, 1),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_probes_evaluate(down, nodata, p, n, MIN, -1, 3, 0,
                                         1), SLA_EINVAL);
    ck_assert_int_eq(sla_probes_evaluate(down, nodata, p, n, MIN, 0, 0, 0, 1),
                     SLA_EINVAL);
    ck_assert_int_eq(sla_probes_evaluate(down, nodata, p, n, MIN, 0, 1, 2, 1),
                     SLA_EINVAL);
    /* No samples at all: all no data. */
    sla_intervals_clear(nodata);
    ck_assert_int_eq(sla_probes_evaluate(down, nodata, NULL, 0, MIN, 0, 1, 5,
                                         9), 0);
    {
        static const int64_t g[] = {5, 9};
        ck_set(nodata, g, 1);
    }
    sla_intervals_free(down);
    sla_intervals_free(nodata);
}
END_TEST

/* Brute force, at whole seconds: for each second, the latest sample at or
 * before it (failures before successes at the same instant) vouches for
 * it if it is within the limit; the second is down if that sample failed
 * and its row of failures (consecutive samples, no gap) has at least
 * `confirm` of them. Samples come shuffled. */
START_TEST(brute_force_model)
{
    uint64_t rng = 5545;
    int round;
    for (round = 0; round < 300; round++) {
        enum { SPAN = 4 * 3600, MAXN = 400 };
        struct sla_probe p[MAXN], s[MAXN];
        int row_len[MAXN];
        struct sla_intervals *down, *nodata;
        int64_t limit_s, grace_s = (int64_t)sla_test_below(&rng, 3) * 5;
        int32_t confirm = (int32_t)sla_test_below(&rng, 4) + 1;
        size_t n = (size_t)sla_test_below(&rng, MAXN), i, j;
        int64_t t, from = (int64_t)sla_test_below(&rng, 600) - 300;
        int64_t to = from + SPAN - (int64_t)sla_test_below(&rng, 600);
        int fail_pct = (int)sla_test_below(&rng, 60);
        limit_s = 60 + grace_s;
        for (i = 0; i < n; i++) {
            p[i].at = ((int64_t)sla_test_below(&rng, SPAN + 600) - 300) * 1000;
            p[i].ok = (int)sla_test_below(&rng, 100) >= fail_pct;
            p[i].reserved = 0;
        }
        if (round % 2) {
            /* Half the rounds: regular one-minute probes, a few seconds
             * late at times, rarely failing or missing, in order; the
             * library's block-at-a-time path reads these. */
            n = 0;
            for (t = -5; t < SPAN / 60 + 5 && n < MAXN; t++) {
                if (sla_test_below(&rng, 50) == 0)
                    continue;
                p[n].at = (t * 60 + (int64_t)sla_test_below(&rng, 12)) * 1000;
                p[n].ok = sla_test_below(&rng, 100) >= (uint64_t)fail_pct / 8;
                p[n].reserved = 0;
                n++;
            }
        }
        /* The model's order: by time, failures first. */
        memcpy(s, p, n * sizeof *p);
        for (i = 1; i < n; i++)
            for (j = i; j > 0 && (s[j - 1].at > s[j].at ||
                                  (s[j - 1].at == s[j].at &&
                                   s[j - 1].ok > s[j].ok));
                 j--) {
                struct sla_probe x = s[j];
                s[j] = s[j - 1];
                s[j - 1] = x;
            }
        /* Rows of failures. */
        for (i = 0; i < n; i = j) {
            j = i + 1;
            if (s[i].ok) {
                row_len[i] = 0;
                continue;
            }
            while (j < n && !s[j].ok && s[j].at <= s[j - 1].at + limit_s * 1000)
                j++;
            {
                size_t k;
                for (k = i; k < j; k++)
                    row_len[k] = (int)(j - i);
            }
        }
        ck_assert_int_eq(sla_intervals_new(&down), 0);
        ck_assert_int_eq(sla_intervals_new(&nodata), 0);
        ck_assert_int_eq(sla_probes_evaluate(down, nodata, p, n, 60000,
                                             grace_s * 1000, confirm,
                                             from * 1000, to * 1000), 0);
        j = 0;
        for (t = from; t < to; t++) {
            int64_t ms = t * 1000;
            int is_down = 0, is_nodata;
            ptrdiff_t last = -1;
            while (j < n && s[j].at <= ms)
                j++;
            last = (ptrdiff_t)j - 1;
            is_nodata = last < 0 || ms >= s[last].at + limit_s * 1000;
            if (!is_nodata && !s[last].ok && row_len[last] >= confirm)
                is_down = 1;
            if (sla_intervals_contains(down, ms) != is_down ||
                sla_intervals_contains(nodata, ms) != is_nodata)
                ck_abort_msg("round %d, second %lld: down %d/%d, no data "
                             "%d/%d (confirm %d, grace %lld s)",
                             round, (long long)t,
                             sla_intervals_contains(down, ms), is_down,
                             sla_intervals_contains(nodata, ms), is_nodata,
                             confirm, (long long)grace_s);
        }
        sla_intervals_free(down);
        sla_intervals_free(nodata);
    }
}
END_TEST

int main(void)
{
    Suite *su = suite_create("probes");
    TCase *tc = sla_tcase("probes");
    tcase_add_test(tc, hand_worked);
    tcase_add_test(tc, brute_force_model);
    suite_add_tcase(su, tc);
    return sla_run_suite(su);
}
