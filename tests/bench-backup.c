/* SPDX-License-Identifier: MIT */
/* Benchmark: a retention plan over a catalog of 1,000,000 backups (a full
 * every night in Europe/Berlin, differentials and incrementals every 10
 * minutes between, ~19 years, with some failures) under the check sheet's
 * rules and restic's (7 generations, fulls kept 6 months, --keep-daily
 * 30, --keep-weekly 52, --keep-monthly 24, --keep-within-daily 14d, 7
 * full cycles),
 * against a baseline in the same process: sorting the same entries by
 * capture time with qsort(). Resolving the catalog (bases, chains) and
 * planning are timed apart. Best of 3 runs. */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sla.h>

#define N 1000000
#define RUNS 3
#define STEP_MS (10 * 60 * 1000)
#define BASE_MS INT64_C(1104537600000) /* 2005-01-01T00:00:00Z */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_captured(const void *x, const void *y)
{
    const struct sla_backup *p = x, *q = y;
    return (p->captured > q->captured) - (p->captured < q->captured);
}

static void rule(struct sla_retention *r, int32_t type, int32_t count,
                 int32_t months, int32_t days, uint32_t kinds)
{
    struct sla_keep_rule k;
    memset(&k, 0, sizeof k);
    k.type = type;
    k.count = count;
    k.months = months;
    k.days = days;
    k.scope.kinds = kinds;
    if (sla_retention_add(r, &k)) {
        fprintf(stderr, "bench-backup: rule refused\n");
        exit(1);
    }
}

int main(void)
{
    struct sla_backup *v = malloc((size_t)N * sizeof *v),
                      *copy = malloc((size_t)N * sizeof *copy);
    struct sla_zone *z = NULL;
    struct sla_retention *r = NULL;
    double best_resolve = 1e300, best_plan = 1e300, best_sort = 1e300;
    size_t i, kept = 0, reasons = 0;
    int run;
    char id[32];

    if (!v || !copy || sla_zone_open(&z, "Europe/Berlin", NULL, NULL) ||
        sla_retention_new(&r, z)) {
        fprintf(stderr, "bench-backup: setup failed\n");
        return 1;
    }
    for (i = 0; i < N; i++) {
        memset(&v[i], 0, sizeof v[i]);
        v[i].captured = BASE_MS + (int64_t)i * STEP_MS;
        v[i].completed = v[i].captured + 4 * 60 * 1000;
        v[i].kind = i % 144 == 0 ? SLA_BACKUP_FULL
                    : i % 6 == 0 ? SLA_BACKUP_DIFFERENTIAL
                                 : SLA_BACKUP_INCREMENTAL;
        v[i].status = i % 997 == 5 ? SLA_BACKUP_FAILED : SLA_BACKUP_OK;
        v[i].location = v[i].kind == SLA_BACKUP_FULL;
        v[i].encrypted = 1;
        v[i].size = -1;
    }
    rule(r, SLA_KEEP_GENERATIONS, 7, 0, 0, 0);
    rule(r, SLA_KEEP_AGE, 0, 6, 0, 1u << SLA_BACKUP_FULL);
    rule(r, SLA_KEEP_DAILY, 30, 0, 0, 0);
    rule(r, SLA_KEEP_WEEKLY, 52, 0, 0, 0);
    rule(r, SLA_KEEP_MONTHLY, 24, 0, 0, 0);
    rule(r, SLA_KEEP_WITHIN_DAILY, 0, 0, 14, 0);
    rule(r, SLA_KEEP_CYCLES, 7, 0, 0, 0);

    for (run = 0; run < RUNS; run++) {
        struct sla_catalog *c = NULL;
        struct sla_plan *p = NULL;
        double t0, t1, t2;
        int64_t now = v[N - 1].completed + 3600 * 1000;
        /* the catalog as a program would fill it (not timed) */
        if (sla_catalog_new(&c)) {
            fprintf(stderr, "bench-backup: out of memory\n");
            return 1;
        }
        for (i = 0; i < N; i++) {
            snprintf(id, sizeof id, "b%zu", i);
            if (sla_catalog_add(c, &v[i], id, NULL, NULL, NULL)) {
                fprintf(stderr, "bench-backup: add failed\n");
                return 1;
            }
        }
        t0 = now_ms();
        if (sla_catalog_resolve(c, NULL)) {
            fprintf(stderr, "bench-backup: resolve failed\n");
            return 1;
        }
        t1 = now_ms();
        if (sla_retention_plan(&p, r, c, now, NULL)) {
            fprintf(stderr, "bench-backup: plan failed\n");
            return 1;
        }
        t2 = now_ms();
        if (t1 - t0 < best_resolve)
            best_resolve = t1 - t0;
        if (t2 - t1 < best_plan)
            best_plan = t2 - t1;
        kept = reasons = 0;
        for (i = 0; i < N; i++) {
            kept += sla_plan_keep(p, i) == 1;
            reasons += sla_plan_reason_count(p, i);
        }
        sla_plan_free(p);
        sla_catalog_free(c);

        /* baseline: the same entries, shuffled by a fixed stride so the
         * sort has work, sorted by capture time */
        for (i = 0; i < N; i++)
            copy[i] = v[(i * 7919) % N];
        t0 = now_ms();
        qsort(copy, N, sizeof *copy, cmp_captured);
        t1 = now_ms();
        if (t1 - t0 < best_sort)
            best_sort = t1 - t0;
    }
    printf("workload: %d backups every 10 min from 2005 (a full a night, "
           "differentials and incrementals, 1 in 997 failed), zone "
           "Europe/Berlin; 7 rules (7 generations, fulls 6 months, daily "
           "30, weekly 52, monthly 24, daily within 14d, 7 full cycles); "
           "best of %d runs\n",
           N, RUNS);
    printf("libsla:   resolve (bases, chains) %8.1f ms\n", best_resolve);
    printf("          plan (rules, closure)   %8.1f ms\n", best_plan);
    printf("          together                %8.1f ms  (%zu kept, %zu "
           "reasons)\n",
           best_resolve + best_plan, kept, reasons);
    printf("baseline: qsort by capture time   %8.1f ms\n", best_sort);
    printf("ratio (libsla resolve+plan / qsort): %.2fx\n",
           (best_resolve + best_plan) / best_sort);
    sla_retention_free(r);
    sla_zone_unref(z);
    free(v);
    free(copy);
    return kept > 0 ? 0 : 1;
}
