/* SPDX-License-Identifier: MIT */
/* Benchmark: normalising 10,000,000 random intervals with libsla
 * (sla_intervals_add_many into a reserved set, then
 * sorting and merging inside sla_intervals_add_many) against a baseline in
 * the same process: a copy
 * of the same array, qsort() with a comparison function, a linear merge.
 * Best of 3 runs of each. Exit status 1 if the two disagree. */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sla.h>

#define N 10000000
#define RUNS 3
#define SEED UINT64_C(0x5EED1E5)
#define YEAR_MS (INT64_C(365) * 24 * 3600 * 1000)
#define MAX_LEN_MS INT64_C(5000)
#define BASE_MS INT64_C(1767225600000) /* 2026-01-01T00:00:00Z */

/* SplitMix64, as in the tests. */
static uint64_t next_rand(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_start(const void *x, const void *y)
{
    const struct sla_interval *p = x, *q = y;
    return (p->start > q->start) - (p->start < q->start);
}

/* Merge sorted intervals that overlap or touch, in place. */
static size_t merge(struct sla_interval *v, size_t n)
{
    size_t i, w = 0;
    for (i = 0; i < n; i++) {
        if (v[i].start == v[i].end)
            continue;
        if (w > 0 && v[i].start <= v[w - 1].end) {
            if (v[i].end > v[w - 1].end)
                v[w - 1].end = v[i].end;
        } else {
            v[w++] = v[i];
        }
    }
    return w;
}

static void print_figure(const char *what, double ms)
{
    printf("  %-36s %9.1f ms  %6.1f ns/interval\n", what, ms,
           ms * 1e6 / (double)N);
}

int main(void)
{
    struct sla_interval *src = malloc((size_t)N * sizeof *src);
    struct sla_interval *copy = malloc((size_t)N * sizeof *copy);
    struct sla_intervals *set = NULL;
    uint64_t rng = SEED, total = 0;
    double lib_add = 1e300, lib_norm = 1e300, lib_total = 1e300;
    double base_copy = 1e300, base_sort_merge = 1e300, base_total = 1e300;
    size_t i, lib_count = 0, base_count = 0;
    int64_t lib_measure = -1;
    int run, rc, same = 1;

    if (!src || !copy || sla_intervals_new(&set) ||
        sla_intervals_reserve(set, N)) {
        fprintf(stderr, "bench-intervals: out of memory\n");
        return 1;
    }
    for (i = 0; i < N; i++) {
        src[i].start = BASE_MS + (int64_t)(next_rand(&rng) % (uint64_t)YEAR_MS);
        src[i].end = src[i].start + 1 +
                     (int64_t)(next_rand(&rng) % (uint64_t)MAX_LEN_MS);
    }

    for (run = 0; run < RUNS; run++) {
        double t0, t1, t2, t3;

        /* libsla */
        sla_intervals_clear(set);
        t0 = now_ms();
        rc = sla_intervals_add_many(set, src, N);
        t1 = now_ms();
        t2 = t1;
        if (rc) {
            fprintf(stderr, "bench-intervals: add_many returned %d\n", rc);
            return 1;
        }
        if (t1 - t0 < lib_add)
            lib_add = t1 - t0;
        if (t2 - t1 < lib_norm)
            lib_norm = t2 - t1;
        if (t2 - t0 < lib_total)
            lib_total = t2 - t0;

        /* baseline */
        t0 = now_ms();
        memcpy(copy, src, (size_t)N * sizeof *copy);
        t1 = now_ms();
        qsort(copy, N, sizeof *copy, cmp_start);
        base_count = merge(copy, N);
        t3 = now_ms();
        if (t1 - t0 < base_copy)
            base_copy = t1 - t0;
        if (t3 - t1 < base_sort_merge)
            base_sort_merge = t3 - t1;
        if (t3 - t0 < base_total)
            base_total = t3 - t0;
    }

    lib_count = sla_intervals_count(set);
    rc = sla_intervals_measure(&lib_measure, set);
    for (i = 0; i < base_count; i++) {
        struct sla_interval iv;
        total += (uint64_t)(copy[i].end - copy[i].start);
        if (sla_intervals_get(&iv, set, i) || iv.start != copy[i].start ||
            iv.end != copy[i].end)
            same = 0;
    }

    printf("workload: %d random intervals (seed 0x%" PRIx64 "), starts "
           "uniform over 365 days of ms, lengths 1 ms..5 s (partly overlapping), random order; "
           "best of %d runs\n", N, SEED, RUNS);
    printf("libsla:\n");
    print_figure("add_many (copy, sort, merge)", lib_total);
    printf("baseline:\n");
    print_figure("memcpy + qsort + merge", base_total);
    print_figure("memcpy", base_copy);
    print_figure("qsort + merge", base_sort_merge);
    printf("result: libsla %zu intervals, measure %" PRId64 " ms; "
           "baseline %zu intervals, measure %" PRIu64 " ms\n",
           lib_count, lib_measure, base_count, total);
    printf("ratio (qsort+merge / libsla): %.2fx  "
           "(memcpy+qsort+merge vs add_many)\n",
           base_total / lib_total);
    printf("memory: %zu bytes per interval in the set (%zu MB for %d "
           "intervals, reserved up front; the sort needs no more); "
           "the baseline's copy needs as much again\n",
           sizeof(struct sla_interval),
           (size_t)N * sizeof(struct sla_interval) / 1000000, N);

    sla_intervals_free(set);
    free(src);
    free(copy);
    if (rc || !same || lib_count != base_count ||
        (uint64_t)lib_measure != total) {
        printf("MISMATCH: libsla and the baseline disagree\n");
        return 1;
    }
    return 0;
}
