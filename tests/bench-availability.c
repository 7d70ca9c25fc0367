/* SPDX-License-Identifier: MIT */
/* Benchmarks of availability:
 *
 * 1. A year of one-minute probe samples for 100 services (52.6 million
 *    samples, 16 bytes each) to monthly availability in Asia/Tokyo
 *    (sla_probes_evaluate per service, then sla_service_compute for each
 *    of its 12 months), in samples per second, against a plain loop that
 *    only sums the same arrays in the same run. Target: at least half the
 *    plain loop's speed.
 * 2. A million outages over ten years against ten years of daily
 *    maintenance windows: the ten-year figures and the 120 monthly ones,
 *    against the floor any exact method pays, qsort of the outages and
 *    one merging pass, in the same run. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sla.h>

#define SERVICES 100
#define SAMPLES (365 * 24 * 60)
#define OUTAGES 1000000

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static uint64_t rng = 42;

static uint64_t next(void)
{
    uint64_t z = (rng += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static int cmp_iv(const void *pa, const void *pb)
{
    const struct sla_interval *a = pa, *b = pb;
    return (a->start > b->start) - (a->start < b->start);
}

static int die(const char *what)
{
    fprintf(stderr, "bench-availability: %s\n", what);
    return 1;
}

int main(void)
{
    /* 2025 in Tokyo. */
    const int64_t year_from = INT64_C(1735657200000);
    const int64_t year_to = INT64_C(1767193200000);
    struct sla_zone *tokyo;
    struct sla_service *svc;
    struct sla_probe **samples;
    struct sla_intervals *down, *nodata;
    struct sla_outage *o;
    double t0, t1, lib_ms, loop_ms, best_lib = 1e30, best_loop = 1e30;
    double eval_ms, best_eval = 1e30;
    int64_t sum = 0, checksum = 0;
    size_t s, i;
    int rep;

    if (sla_zone_open(&tokyo, "Asia/Tokyo", NULL, NULL) ||
        sla_service_new(&svc, tokyo, 999900) || sla_intervals_new(&down) ||
        sla_intervals_new(&nodata))
        return die("setup");
    sla_service_set_probes(svc, SLA_MS_PER_MINUTE, 10 * SLA_MS_PER_SECOND, 3);

    /* 1. Probes: 100 services, each its own array; about one sample in
     * 2,000 fails, in runs of 1 to 6, and one sample in 20,000 is
     * missing. */
    samples = malloc(SERVICES * sizeof *samples);
    if (!samples)
        return die("out of memory");
    for (s = 0; s < SERVICES; s++) {
        size_t n = 0;
        int fail = 0;
        samples[s] = malloc(SAMPLES * sizeof **samples);
        if (!samples[s])
            return die("out of memory");
        for (i = 0; i < SAMPLES; i++) {
            uint64_t r = next();
            if (r % 20000 == 0)
                continue;
            if (fail == 0 && r % 2000 == 1)
                fail = 1 + (int)((r >> 32) % 6);
            samples[s][n].at = year_from + (int64_t)i * SLA_MS_PER_MINUTE +
                               (int64_t)(r >> 40) % 5000;
            samples[s][n].ok = fail == 0;
            samples[s][n].reserved = 0;
            if (fail)
                fail--;
            n++;
        }
        for (; n < SAMPLES; n++) { /* pad with good samples at the end */
            samples[s][n] = samples[s][n - 1];
            samples[s][n].ok = 1;
        }
    }
    for (rep = 0; rep < 3; rep++) {
        /* The plain loop: sum every sample's fields. */
        t0 = now_ms();
        for (s = 0; s < SERVICES; s++)
            for (i = 0; i < SAMPLES; i++)
                sum += samples[s][i].at + samples[s][i].ok;
        loop_ms = now_ms() - t0;
        /* libsla: samples to downtime and no data, then 12 months. */
        t0 = now_ms();
        eval_ms = 0;
        for (s = 0; s < SERVICES; s++) {
            int64_t m = year_from;
            struct sla_outage *out;
            const struct sla_interval *v;
            size_t count;
            sla_intervals_clear(down);
            sla_intervals_clear(nodata);
            t1 = now_ms();
            if (sla_probes_evaluate(down, nodata, samples[s], SAMPLES,
                                    SLA_MS_PER_MINUTE,
                                    10 * SLA_MS_PER_SECOND, 3, year_from,
                                    year_to))
                return die("evaluate");
            eval_ms += now_ms() - t1;
            v = sla_intervals_view(down, &count);
            out = malloc((count + 1) * sizeof *out);
            if (!out)
                return die("out of memory");
            for (i = 0; i < count; i++) {
                memset(&out[i], 0, sizeof out[i]);
                out[i].start = v[i].start;
                out[i].end = v[i].end;
            }
            while (m < year_to) {
                struct sla_interval iv;
                struct sla_figures f;
                if (sla_period_at(&iv, tokyo, SLA_PERIOD_MONTH, m) ||
                    sla_service_compute(&f, svc, out, count, nodata,
                                        iv.start, iv.end, INT64_MAX))
                    return die("compute");
                checksum += f.downtime_ms;
                m = iv.end;
            }
            free(out);
        }
        lib_ms = now_ms() - t0;
        if (lib_ms < best_lib)
            best_lib = lib_ms;
        if (eval_ms < best_eval)
            best_eval = eval_ms;
        if (loop_ms < best_loop)
            best_loop = loop_ms;
    }
    printf("workload: a year of one-minute probe samples for %d services "
           "(%.1f million samples, %zu bytes each) to monthly availability "
           "in Asia/Tokyo; best of 3\n",
           SERVICES, SERVICES * (double)SAMPLES / 1e6, sizeof **samples);
    printf("  libsla  sla_probes_evaluate + 12 x sla_service_compute: "
           "%8.1f ms, %6.0f million samples/s\n",
           best_lib, SERVICES * (double)SAMPLES / best_lib / 1e3);
    printf("    of which sla_probes_evaluate:                       "
           "%8.1f ms\n",
           best_eval);
    printf("  plain loop summing the same arrays:                   "
           "%8.1f ms, %6.0f million samples/s\n",
           best_loop, SERVICES * (double)SAMPLES / best_loop / 1e3);
    printf("ratio (libsla speed / plain loop speed): %.2f (target >= "
           "0.5)  [checksums %lld %lld]\n",
           best_loop / best_lib, (long long)(checksum / 3),
           (long long)(sum % 1000));
    for (s = 0; s < SERVICES; s++)
        free(samples[s]);
    free(samples);

    /* 2. A million outages over ten years, daily windows 02:00-04:00. */
    {
        const int64_t from = INT64_C(1577804400000); /* 2020 in Tokyo */
        const int64_t to = from + INT64_C(3653) * SLA_MS_PER_DAY;
        struct sla_schedule *daily;
        struct sla_rrule *rule;
        struct sla_civil start = {2020, 1, 1, 2, 0, 0, 0};
        struct sla_interval *iv;
        struct sla_figures f;
        double best_base = 1e30, best_whole = 1e30, best_months = 1e30;
        int64_t merged = 0;
        if (sla_rrule_parse(&rule, "FREQ=DAILY", 10, NULL) ||
            sla_schedule_new(&daily, tokyo, &start, rule) ||
            sla_schedule_set_end_time(daily, 4, 0, 0) ||
            sla_service_add_maintenance(svc, daily))
            return die("schedule");
        o = malloc(OUTAGES * sizeof *o);
        iv = malloc(OUTAGES * sizeof *iv);
        if (!o || !iv)
            return die("out of memory");
        for (i = 0; i < OUTAGES; i++) {
            uint64_t r = next();
            memset(&o[i], 0, sizeof o[i]);
            o[i].start = from + (int64_t)(r % (uint64_t)(to - from));
            o[i].end = o[i].start + 1000 + (int64_t)(r >> 44) % 600000;
        }
        for (rep = 0; rep < 3; rep++) {
            int64_t m = from, end = INT64_MIN;
            t0 = now_ms();
            for (i = 0; i < OUTAGES; i++) {
                iv[i].start = o[i].start;
                iv[i].end = o[i].end;
            }
            qsort(iv, OUTAGES, sizeof *iv, cmp_iv);
            merged = 0;
            for (i = 0; i < OUTAGES; i++) {
                if (iv[i].start > end)
                    merged++;
                if (iv[i].end > end)
                    end = iv[i].end;
            }
            loop_ms = now_ms() - t0;
            if (loop_ms < best_base)
                best_base = loop_ms;
            t0 = now_ms();
            if (sla_service_compute(&f, svc, o, OUTAGES, NULL, from, to,
                                    INT64_MAX))
                return die("compute");
            lib_ms = now_ms() - t0;
            if (lib_ms < best_whole)
                best_whole = lib_ms;
            t0 = now_ms();
            while (m < to) {
                struct sla_interval p;
                struct sla_figures g;
                if (sla_period_at(&p, tokyo, SLA_PERIOD_MONTH, m) ||
                    sla_service_compute(&g, svc, o, OUTAGES, NULL, p.start,
                                        p.end < to ? p.end : to, INT64_MAX))
                    return die("compute");
                m = p.end;
            }
            lib_ms = now_ms() - t0;
            if (lib_ms < best_months)
                best_months = lib_ms;
        }
        printf("workload: %d random outages (1 s to 10 min) over ten "
               "years, daily 02:00-04:00 windows in Asia/Tokyo (3653 "
               "windows); best of 3\n",
               OUTAGES);
        printf("  libsla  ten-year figures:                 %8.1f ms "
               "(planned %lld s, downtime %lld s)\n",
               best_whole, (long long)(f.planned_ms / 1000),
               (long long)(f.downtime_ms / 1000));
        printf("  libsla  120 monthly figures:              %8.1f ms\n",
               best_months);
        printf("  baseline qsort + one merging pass:        %8.1f ms "
               "(%lld merged outages)\n",
               best_base, (long long)merged);
        printf("ratio (baseline / libsla), ten-year figures: %.2f; monthly "
               "figures: %.2f\n",
               best_base / best_whole, best_base / best_months);
        free(o);
        free(iv);
        sla_schedule_unref(daily);
        sla_rrule_free(rule);
    }
    sla_intervals_free(down);
    sla_intervals_free(nodata);
    sla_service_free(svc);
    sla_zone_unref(tokyo);
    return 0;
}
