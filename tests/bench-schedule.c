/* SPDX-License-Identifier: MIT */
/* Benchmark: 100 years of monthly 02:00-04:00 windows in every zone of
 * zone1970.tab, through libsla's schedules, against a naive loop of glibc
 * mktime calls (TZ set to the same zone) computing the same windows. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sla.h>

#define MAX_ZONES 600

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int read_zones(char names[][64], const char *dir)
{
    char path[512], line[512];
    FILE *f;
    int n = 0;
    snprintf(path, sizeof path, "%s/zone1970.tab", dir);
    f = fopen(path, "r");
    if (!f)
        return 0;
    while (n < MAX_ZONES && fgets(line, sizeof line, f)) {
        char *tok, *save = NULL;
        int col = 0;
        if (line[0] == '#')
            continue;
        for (tok = strtok_r(line, "\t\n", &save); tok;
             tok = strtok_r(NULL, "\t\n", &save), col++)
            if (col == 2) {
                snprintf(names[n++], 64, "%s", tok);
                break;
            }
    }
    fclose(f);
    return n;
}

/* libsla: windows of one zone over 100 years; returns their count. */
static long sla_windows(const char *zone_name, int64_t *checksum)
{
    struct sla_zone *z;
    struct sla_rrule *r;
    struct sla_schedule *s;
    struct sla_schedule_iter *it;
    struct sla_window w;
    struct sla_civil start = {2000, 1, 1, 2, 0, 0, 0};
    const char *rule = "FREQ=MONTHLY;BYMONTHDAY=1";
    long n = 0;
    if (sla_zone_open(&z, zone_name, NULL, NULL))
        return -1;
    sla_rrule_parse(&r, rule, strlen(rule), NULL);
    sla_schedule_new(&s, z, &start, r);
    sla_schedule_set_end_time(s, 4, 0, 0);
    /* From two days before 2000 to 2099-12-31T00:00Z: every window of
     * 2000-2099 in every zone, none of January 2100. */
    sla_schedule_iter_new(&it, s, INT64_C(946684800000) - 2 * SLA_MS_PER_DAY,
                          INT64_C(4102358400000));
    while (sla_schedule_iter_next(&w, it) == 0) {
        *checksum += w.start / 1000 + w.end / 1000;
        n++;
    }
    sla_schedule_iter_free(it);
    sla_schedule_free(s);
    sla_rrule_free(r);
    sla_zone_unref(z);
    return n;
}

/* The baseline: mktime on the same local starts and ends. */
static long glibc_windows(const char *zone_name, int64_t *checksum)
{
    char tz[80];
    int y, m;
    long n = 0;
    snprintf(tz, sizeof tz, ":%.63s", zone_name);
    setenv("TZ", tz, 1);
    tzset();
    for (y = 2000; y < 2100; y++)
        for (m = 0; m < 12; m++) {
            struct tm a = {0}, b = {0};
            a.tm_year = b.tm_year = y - 1900;
            a.tm_mon = b.tm_mon = m;
            a.tm_mday = b.tm_mday = 1;
            a.tm_hour = 2;
            b.tm_hour = 4;
            a.tm_isdst = b.tm_isdst = -1;
            *checksum += (int64_t)mktime(&a) + (int64_t)mktime(&b);
            n++;
        }
    return n;
}

int main(void)
{
    static char names[MAX_ZONES][64];
    const char *dir = getenv("TZDIR") ? getenv("TZDIR") : "/usr/share/zoneinfo";
    int nz = read_zones(names, dir), i, run;
    double best_sla = 1e18, best_libc = 1e18;
    long wins_sla = 0, wins_libc = 0;
    int64_t sum_sla = 0, sum_libc = 0;
    if (nz == 0) {
        printf("no zone1970.tab under %s: skipped\n", dir);
        return 77;
    }
    for (run = 0; run < 3; run++) {
        double t0 = now_ms(), t1;
        wins_sla = 0;
        sum_sla = 0;
        for (i = 0; i < nz; i++) {
            long n = sla_windows(names[i], &sum_sla);
            if (n > 0)
                wins_sla += n;
        }
        t1 = now_ms();
        if (t1 - t0 < best_sla)
            best_sla = t1 - t0;
        t0 = now_ms();
        wins_libc = 0;
        sum_libc = 0;
        for (i = 0; i < nz; i++)
            wins_libc += glibc_windows(names[i], &sum_libc);
        t1 = now_ms();
        if (t1 - t0 < best_libc)
            best_libc = t1 - t0;
    }
    printf("workload: monthly 02:00-04:00 windows, 2000-2099, in the %d zones "
           "of zone1970.tab (%ld windows); best of 3\n", nz, wins_sla);
    printf("  libsla schedules (rule expansion + zone resolution): %.1f ms, "
           "%.2f million windows/s\n", best_sla, wins_sla / best_sla / 1e3);
    printf("  glibc mktime, start and end of each window:          %.1f ms, "
           "%.2f million windows/s\n", best_libc, wins_libc / best_libc / 1e3);
    printf("ratio (glibc mktime / libsla): %.1fx\n", best_libc / best_sla);
    /* Informational: where 02:00 or 04:00 falls in a gap or fold, glibc's
     * mktime picks its own answer, so the sums may differ there. */
    printf("sum of window bounds: %s\n", sum_sla == sum_libc
               ? "equal to glibc's"
               : "differs from glibc's (windows in gaps or folds resolve "
                 "differently)");
    return wins_sla == wins_libc ? 0 : 1;
}
