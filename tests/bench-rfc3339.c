/* SPDX-License-Identifier: MIT */
/* Benchmark: sla_rfc3339_parse against glibc strptime + timegm.
 *
 * One million random UTC timestamps without a fraction
 * ("2021-03-04T05:06:07Z", years 1970-2100, fixed seed), which both can
 * read, are parsed by each; every instant must agree. Each side is timed
 * best of three with CLOCK_MONOTONIC. A second workload, with fractions
 * and offsets that strptime cannot read, times libsla alone. */
#define _GNU_SOURCE 1
#define _DEFAULT_SOURCE 1

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sla.h>

#define COUNT 1000000
#define RUNS 3
/* Room for "YYYY-MM-DDTHH:MM:SS.mmm+HH:MM" and a NUL. */
#define WIDTH 32

static uint64_t rng_state = UINT64_C(0x5eed0f5a1a2b3c4d);

/* splitmix64 */
static uint64_t rng(void)
{
    uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static int rand_range(int lo, int hi)
{
    return lo + (int)(rng() % (uint64_t)(hi - lo + 1));
}

static char *put_digits(char *p, int v, int width)
{
    int i;
    for (i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

/* A random existing civil time; fills tm as timegm wants it. */
static void random_civil(struct tm *tm)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
    int year = rand_range(1970, 2100), month = rand_range(1, 12), dim;
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    dim = month == 2 && leap ? 29 : mdays[month - 1];
    memset(tm, 0, sizeof *tm);
    tm->tm_year = year - 1900;
    tm->tm_mon = month - 1;
    tm->tm_mday = rand_range(1, dim);
    tm->tm_hour = rand_range(0, 23);
    tm->tm_min = rand_range(0, 59);
    tm->tm_sec = rand_range(0, 59);
}

/* "YYYY-MM-DDTHH:MM:SS" of tm; returns the end. */
static char *put_civil(char *p, const struct tm *tm)
{
    p = put_digits(p, tm->tm_year + 1900, 4);
    *p++ = '-';
    p = put_digits(p, tm->tm_mon + 1, 2);
    *p++ = '-';
    p = put_digits(p, tm->tm_mday, 2);
    *p++ = 'T';
    p = put_digits(p, tm->tm_hour, 2);
    *p++ = ':';
    p = put_digits(p, tm->tm_min, 2);
    *p++ = ':';
    return put_digits(p, tm->tm_sec, 2);
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Parse every string with libsla; the elapsed ns, or -1 on a failure. */
static double run_libsla(const char *text, const size_t *len, int64_t *out)
{
    double t0 = now_ns();
    size_t i;
    for (i = 0; i < COUNT; i++)
        if (sla_rfc3339_parse(&out[i], NULL, text + i * WIDTH, len[i], NULL))
            return -1;
    return now_ns() - t0;
}

/* Parse every string with strptime + timegm; the elapsed ns, or -1. */
static double run_strptime(const char *text, int64_t *out)
{
    double t0 = now_ns();
    size_t i;
    for (i = 0; i < COUNT; i++) {
        struct tm tm;
        const char *end;
        memset(&tm, 0, sizeof tm);
        end = strptime(text + i * WIDTH, "%Y-%m-%dT%H:%M:%SZ", &tm);
        if (!end || *end != '\0')
            return -1;
        out[i] = (int64_t)timegm(&tm) * 1000;
    }
    return now_ns() - t0;
}

int main(void)
{
    char *text = malloc((size_t)COUNT * WIDTH);
    size_t *len = malloc(COUNT * sizeof *len);
    int64_t *want = malloc(COUNT * sizeof *want);
    int64_t *got_sla = malloc(COUNT * sizeof *got_sla);
    int64_t *got_tm = malloc(COUNT * sizeof *got_tm);
    double best_sla = 0, best_tm = 0, t;
    size_t i;
    int run, status = 1;

    if (!text || !len || !want || !got_sla || !got_tm) {
        fprintf(stderr, "bench-rfc3339: out of memory\n");
        goto out;
    }

    /* Workload 1: UTC, whole seconds. */
    for (i = 0; i < COUNT; i++) {
        struct tm tm;
        char *p = text + i * WIDTH, *e;
        random_civil(&tm);
        e = put_civil(p, &tm);
        *e++ = 'Z';
        *e = '\0';
        len[i] = (size_t)(e - p);
    }
    printf("workload: %d random RFC 3339 timestamps, UTC, whole seconds, "
           "years 1970-2100 (e.g. %s)\n",
           COUNT, text);
    for (run = 0; run < RUNS; run++) {
        t = run_libsla(text, len, got_sla);
        if (t < 0) {
            fprintf(stderr, "bench-rfc3339: libsla refused a timestamp\n");
            goto out;
        }
        if (run == 0 || t < best_sla)
            best_sla = t;
        t = run_strptime(text, got_tm);
        if (t < 0) {
            fprintf(stderr, "bench-rfc3339: strptime refused a timestamp\n");
            goto out;
        }
        if (run == 0 || t < best_tm)
            best_tm = t;
    }
    for (i = 0; i < COUNT; i++) {
        if (got_sla[i] != got_tm[i]) {
            fprintf(stderr,
                    "bench-rfc3339: %s: libsla %lld ms, strptime+timegm "
                    "%lld ms\n",
                    text + i * WIDTH, (long long)got_sla[i],
                    (long long)got_tm[i]);
            goto out;
        }
    }
    printf("  libsla sla_rfc3339_parse:      %7.1f ns per timestamp "
           "(best of %d)\n",
           best_sla / COUNT, RUNS);
    printf("  glibc strptime + timegm:       %7.1f ns per timestamp "
           "(best of %d)\n",
           best_tm / COUNT, RUNS);
    printf("  all %d instants agree\n", COUNT);
    printf("ratio (strptime+timegm / libsla): %.1fx\n", best_tm / best_sla);

    /* Workload 2, for information: fractions and offsets, libsla only. */
    for (i = 0; i < COUNT; i++) {
        struct tm tm;
        char *p = text + i * WIDTH, *e;
        int ms = rand_range(0, 999), off = rand_range(-14 * 60, 14 * 60);
        int a = off < 0 ? -off : off;
        random_civil(&tm);
        e = put_civil(p, &tm);
        *e++ = '.';
        e = put_digits(e, ms, 3);
        *e++ = off < 0 ? '-' : '+';
        e = put_digits(e, a / 60, 2);
        *e++ = ':';
        e = put_digits(e, a % 60, 2);
        *e = '\0';
        len[i] = (size_t)(e - p);
        want[i] = ((int64_t)timegm(&tm) - (int64_t)off * 60) * 1000 + ms;
    }
    printf("workload (libsla only): %d timestamps with milliseconds and "
           "offsets (e.g. %s)\n",
           COUNT, text);
    for (run = 0; run < RUNS; run++) {
        t = run_libsla(text, len, got_sla);
        if (t < 0) {
            fprintf(stderr, "bench-rfc3339: libsla refused a timestamp\n");
            goto out;
        }
        if (run == 0 || t < best_sla)
            best_sla = t;
    }
    for (i = 0; i < COUNT; i++) {
        if (got_sla[i] != want[i]) {
            fprintf(stderr, "bench-rfc3339: %s: libsla %lld ms, expected "
                            "%lld ms\n",
                    text + i * WIDTH, (long long)got_sla[i],
                    (long long)want[i]);
            goto out;
        }
    }
    printf("  libsla sla_rfc3339_parse:      %7.1f ns per timestamp "
           "(best of %d)\n",
           best_sla / COUNT, RUNS);
    status = 0;
out:
    free(text);
    free(len);
    free(want);
    free(got_sla);
    free(got_tm);
    return status;
}
