/* SPDX-License-Identifier: MIT */
/* Benchmark: libsla time-zone conversions against glibc.
 *
 * One million random instants (whole seconds, uniform over 1970-2037 UTC,
 * fixed seed) are converted, in America/New_York, Asia/Tokyo and
 * Europe/Dublin, by
 *  (a) UTC to offset: sla_zone_offset    vs localtime_r (tm_gmtoff);
 *  (b) UTC to civil:  sla_zone_to_civil  vs localtime_r;
 *  (c) civil to UTC:  sla_zone_to_instant (compatible) vs mktime with
 *      tm_isdst = -1, on the civil times of (b).
 * glibc reads the same TZif file, through TZ=":Zone/Name". Offsets and
 * civil times must agree everywhere; instants must agree for civil times
 * that are neither skipped nor repeated (the civil times of (b) are never
 * skipped; in a repeated hour the two libraries may choose differently,
 * which is counted and reported, not a failure). Any other disagreement
 * fails the benchmark (exit 1). Each side is timed best of three with
 * CLOCK_MONOTONIC; the ratios are printed with the targets (5x localtime_r,
 * 3x mktime), which machines too noisy to meet do not fail. Without the
 * zone files the benchmark is skipped (exit 77). */
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
/* 1970-01-01T00:00:00Z to 2038-01-01T00:00:00Z, in seconds. */
#define FIRST_SECOND INT64_C(0)
#define END_SECOND INT64_C(2145916800)
#define TARGET_LOCALTIME 5.0
#define TARGET_MKTIME 3.0

static const char *const zones[] = {"America/New_York", "Asia/Tokyo",
                                    "Europe/Dublin"};
#define NZONES (sizeof zones / sizeof zones[0])

static uint64_t rng_state = UINT64_C(0x2d0e5eed1970a037);

/* splitmix64 */
static uint64_t rng(void)
{
    uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* The arrays of one zone's workload. */
struct work {
    const struct sla_zone *zone;
    const time_t *secs;     /* the instants, seconds */
    const int64_t *ms;      /* the same, milliseconds */
    int64_t *off_sla;       /* (a) */
    long *off_tm;
    struct sla_civil *civ;  /* (b) */
    struct tm *tm;
    struct sla_zone_resolution *res; /* (c) */
    int64_t *back_tm;
};

/* Each runner returns the elapsed nanoseconds, or -1 when a call fails. */

static double run_sla_offset(struct work *w)
{
    double t0 = now_ns();
    size_t i;
    for (i = 0; i < COUNT; i++)
        if (sla_zone_offset(&w->off_sla[i], w->zone, w->ms[i]) != 0)
            return -1;
    return now_ns() - t0;
}

static double run_tm_offset(struct work *w)
{
    double t0 = now_ns();
    size_t i;
    for (i = 0; i < COUNT; i++) {
        struct tm tm;
        if (!localtime_r(&w->secs[i], &tm))
            return -1;
        w->off_tm[i] = tm.tm_gmtoff;
    }
    return now_ns() - t0;
}

static double run_sla_civil(struct work *w)
{
    double t0 = now_ns();
    size_t i;
    for (i = 0; i < COUNT; i++)
        if (sla_zone_to_civil(&w->civ[i], NULL, w->zone, w->ms[i]) != 0)
            return -1;
    return now_ns() - t0;
}

static double run_tm_civil(struct work *w)
{
    double t0 = now_ns();
    size_t i;
    for (i = 0; i < COUNT; i++)
        if (!localtime_r(&w->secs[i], &w->tm[i]))
            return -1;
    return now_ns() - t0;
}

static double run_sla_instant(struct work *w)
{
    double t0 = now_ns();
    size_t i;
    for (i = 0; i < COUNT; i++)
        if (sla_zone_to_instant(&w->res[i], w->zone, &w->civ[i],
                                SLA_DISAMBIGUATE_COMPATIBLE) != 0)
            return -1;
    return now_ns() - t0;
}

static double run_tm_instant(struct work *w)
{
    double t0 = now_ns();
    size_t i;
    for (i = 0; i < COUNT; i++) {
        struct tm tm = w->tm[i];
        time_t t;
        tm.tm_isdst = -1;
        t = mktime(&tm);
        if (t == (time_t)-1)
            return -1;
        w->back_tm[i] = (int64_t)t * 1000;
    }
    return now_ns() - t0;
}

static int same_civil(const struct sla_civil *c, const struct tm *tm)
{
    return c->year == tm->tm_year + 1900 && c->month == tm->tm_mon + 1 &&
           c->day == tm->tm_mday && c->hour == tm->tm_hour &&
           c->minute == tm->tm_min && c->second == tm->tm_sec &&
           c->millisecond == 0;
}

static void print_ratio(const char *what, double base, double sla,
                        double target, int *missed)
{
    double r = base / sla;
    printf("  %s: %.1fx (target >= %.0fx: %s)\n", what, r, target,
           r >= target ? "met" : "MISSED");
    if (r < target)
        (*missed)++;
}

/* Run and check one zone; 0, 1 on a disagreement or failure. */
static int bench_zone(const char *name, struct work *w, int *missed)
{
    struct sla_zone *zone = NULL;
    struct sla_error err;
    char tz[300];
    double best[6] = {0, 0, 0, 0, 0, 0};
    size_t i;
    long unique = 0, fold = 0, fold_differ = 0, gap = 0, gap_differ = 0;
    int run, k, rc;

    rc = sla_zone_from_name(&zone, name, NULL, &err);
    if (rc != 0) {
        fprintf(stderr, "bench-zone: %s: %s\n", name,
                rc == SLA_EPARSE ? err.message : sla_strerror(rc));
        return 1;
    }
    snprintf(tz, sizeof tz, ":%s", name);
    if (setenv("TZ", tz, 1) != 0) {
        fprintf(stderr, "bench-zone: setenv TZ failed\n");
        sla_zone_unref(zone);
        return 1;
    }
    tzset();
    w->zone = zone;

    for (run = 0; run < RUNS; run++) {
        double t[6];
        t[0] = run_sla_offset(w);
        t[1] = run_tm_offset(w);
        t[2] = run_sla_civil(w);
        t[3] = run_tm_civil(w);
        t[4] = run_sla_instant(w);
        t[5] = run_tm_instant(w);
        for (k = 0; k < 6; k++) {
            if (t[k] < 0) {
                fprintf(stderr, "bench-zone: %s: a call failed (%s)\n", name,
                        k % 2 ? "glibc" : "libsla");
                sla_zone_unref(zone);
                return 1;
            }
            if (run == 0 || t[k] < best[k])
                best[k] = t[k];
        }
    }

    for (i = 0; i < COUNT; i++) {
        if (w->off_sla[i] != (int64_t)w->off_tm[i] * 1000) {
            fprintf(stderr,
                    "bench-zone: %s: at %lld s libsla's offset is %lld ms, "
                    "localtime_r's %ld s\n",
                    name, (long long)w->secs[i], (long long)w->off_sla[i],
                    w->off_tm[i]);
            goto fail;
        }
        if (!same_civil(&w->civ[i], &w->tm[i])) {
            fprintf(stderr,
                    "bench-zone: %s: at %lld s libsla reads "
                    "%04d-%02d-%02dT%02d:%02d:%02d, localtime_r "
                    "%04d-%02d-%02dT%02d:%02d:%02d\n",
                    name, (long long)w->secs[i], w->civ[i].year,
                    w->civ[i].month, w->civ[i].day, w->civ[i].hour,
                    w->civ[i].minute, w->civ[i].second,
                    w->tm[i].tm_year + 1900, w->tm[i].tm_mon + 1,
                    w->tm[i].tm_mday, w->tm[i].tm_hour, w->tm[i].tm_min,
                    w->tm[i].tm_sec);
            goto fail;
        }
        switch (w->res[i].kind) {
        case SLA_LOCAL_UNIQUE:
            unique++;
            if (w->res[i].instant != w->ms[i] ||
                w->back_tm[i] != w->res[i].instant) {
                fprintf(stderr,
                        "bench-zone: %s: the civil time of %lld s is "
                        "unique, yet libsla gives %lld ms and mktime "
                        "%lld ms\n",
                        name, (long long)w->secs[i],
                        (long long)w->res[i].instant,
                        (long long)w->back_tm[i]);
                goto fail;
            }
            break;
        case SLA_LOCAL_FOLD:
            fold++;
            /* The instant read this civil time: it is one of the two. */
            if (w->ms[i] != w->res[i].earlier && w->ms[i] != w->res[i].later) {
                fprintf(stderr,
                        "bench-zone: %s: %lld s is not a candidate of its "
                        "own civil time\n",
                        name, (long long)w->secs[i]);
                goto fail;
            }
            if (w->back_tm[i] != w->res[i].instant)
                fold_differ++;
            break;
        default:
            /* A civil time read by an instant is never skipped. */
            gap++;
            if (w->back_tm[i] != w->res[i].instant)
                gap_differ++;
            break;
        }
    }
    if (gap) {
        fprintf(stderr,
                "bench-zone: %s: %ld civil times read by an instant were "
                "called skipped\n",
                name, gap);
        goto fail;
    }

    printf("zone %s:\n", name);
    printf("  (a) UTC to offset   sla_zone_offset     %6.1f ns   "
           "localtime_r (tm_gmtoff)  %6.1f ns\n",
           best[0] / COUNT, best[1] / COUNT);
    printf("  (b) UTC to civil    sla_zone_to_civil   %6.1f ns   "
           "localtime_r              %6.1f ns\n",
           best[2] / COUNT, best[3] / COUNT);
    printf("  (c) civil to UTC    sla_zone_to_instant %6.1f ns   "
           "mktime (tm_isdst = -1)   %6.1f ns\n",
           best[4] / COUNT, best[5] / COUNT);
    printf("  agree: all %d offsets and civil times; civil to UTC: %ld "
           "unique (all agree), %ld in folds (%ld differ from mktime), "
           "%ld in gaps (%ld differ)\n",
           COUNT, unique, fold, fold_differ, gap, gap_differ);
    print_ratio("localtime_r / sla_zone_offset", best[1], best[0],
                TARGET_LOCALTIME, missed);
    print_ratio("localtime_r / sla_zone_to_civil", best[3], best[2],
                TARGET_LOCALTIME, missed);
    print_ratio("mktime / sla_zone_to_instant", best[5], best[4],
                TARGET_MKTIME, missed);
    sla_zone_unref(zone);
    return 0;
fail:
    sla_zone_unref(zone);
    return 1;
}

int main(void)
{
    time_t *secs = malloc(COUNT * sizeof *secs);
    int64_t *ms = malloc(COUNT * sizeof *ms);
    int64_t *off_sla = malloc(COUNT * sizeof *off_sla);
    long *off_tm = malloc(COUNT * sizeof *off_tm);
    struct sla_civil *civ = malloc(COUNT * sizeof *civ);
    struct tm *tm = malloc(COUNT * sizeof *tm);
    struct sla_zone_resolution *res = malloc(COUNT * sizeof *res);
    int64_t *back_tm = malloc(COUNT * sizeof *back_tm);
    struct work w;
    size_t i, z;
    int status = 1, missed = 0;

    if (!secs || !ms || !off_sla || !off_tm || !civ || !tm || !res ||
        !back_tm) {
        fprintf(stderr, "bench-zone: out of memory\n");
        goto out;
    }
    /* A machine without the zone files skips the benchmark (77). */
    for (z = 0; z < NZONES; z++) {
        struct sla_zone *zone = NULL;
        if (sla_zone_from_name(&zone, zones[z], NULL, NULL) ==
            SLA_ENOTFOUND) {
            printf("bench-zone: no TZif file for %s (under $TZDIR or "
                   "/usr/share/zoneinfo): skipped\n",
                   zones[z]);
            status = 77;
            goto out;
        }
        sla_zone_unref(zone);
    }
    for (i = 0; i < COUNT; i++) {
        int64_t s = FIRST_SECOND +
                    (int64_t)(rng() % (uint64_t)(END_SECOND - FIRST_SECOND));
        secs[i] = (time_t)s;
        ms[i] = s * 1000;
    }
    w.zone = NULL;
    w.secs = secs;
    w.ms = ms;
    w.off_sla = off_sla;
    w.off_tm = off_tm;
    w.civ = civ;
    w.tm = tm;
    w.res = res;
    w.back_tm = back_tm;

    printf("workload: %d random instants, whole seconds, uniform over "
           "1970-01-01..2037-12-31 UTC (fixed seed), in each zone; glibc "
           "reads the same TZif files (TZ=\":Zone/Name\"); best of %d runs, "
           "ns per call\n",
           COUNT, RUNS);
    for (z = 0; z < NZONES; z++)
        if (bench_zone(zones[z], &w, &missed) != 0)
            goto out;
    if (missed)
        printf("%d of %d speed targets missed on this machine (not a "
               "failure: timings are noisy)\n",
               missed, (int)(3 * NZONES));
    else
        printf("all %d speed targets met\n", (int)(3 * NZONES));
    status = 0;
out:
    free(secs);
    free(ms);
    free(off_sla);
    free(off_tm);
    free(civ);
    free(tm);
    free(res);
    free(back_tm);
    return status;
}
