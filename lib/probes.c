/* SPDX-License-Identifier: MIT */
/* Probe samples to downtime and no-data intervals, in one pass. */
#include <stdlib.h>
#include <string.h>

#include "sla-private.h"

static int cmp_at(const void *pa, const void *pb)
{
    const struct sla_probe *a = pa, *b = pb;
    if (a->at != b->at)
        return a->at < b->at ? -1 : 1;
    return (a->ok > b->ok) - (a->ok < b->ok); /* failures first */
}

/* Add [a, b) clipped to [from, to), if anything is left. */
static int add(struct sla_intervals *set, int64_t a, int64_t b, int64_t from,
               int64_t to)
{
    if (!set)
        return 0;
    if (a < from)
        a = from;
    if (b > to)
        b = to;
    return a < b ? sla_intervals_add(set, a, b) : 0;
}

static int evaluate(struct sla_intervals *down, struct sla_intervals *nodata,
                    const struct sla_probe *p, size_t n, int64_t limit,
                    int32_t confirm, int64_t from, int64_t to)
{
    int64_t cover = INT64_MIN; /* end of what the samples vouch for */
    int64_t run_first = 0, down_start = 0;
    int32_t run = 0;
    int in_down = 0, rc;
    size_t i;
    for (i = 0; i < n; i++) {
        int64_t t = p[i].at;
        if (t > cover) {
            /* A gap (or the first sample): no data until t, and the row
             * of failures, if any, ends with it. */
            if ((rc = add(nodata, cover == INT64_MIN ? from : cover, t, from,
                          to)))
                return rc;
            if (in_down && (rc = add(down, down_start, cover, from, to)))
                return rc;
            in_down = 0;
            run = 0;
        }
        if (p[i].ok) {
            if (in_down && (rc = add(down, down_start, t, from, to)))
                return rc;
            in_down = 0;
            run = 0;
        } else {
            if (run == 0)
                run_first = t;
            if (run < confirm)
                run++;
            if (!in_down && run >= confirm) {
                in_down = 1;
                down_start = run_first;
            }
        }
        if (sla__add_overflow(t, limit, &cover))
            return SLA_EOVERFLOW;
    }
    if (in_down && (rc = add(down, down_start, cover, from, to)))
        return rc;
    return add(nodata, cover == INT64_MIN ? from : cover, to, from, to);
}

SLA_EXPORT int sla_probes_evaluate(struct sla_intervals *down,
                                   struct sla_intervals *nodata,
                                   const struct sla_probe *samples, size_t n,
                                   int64_t interval_ms, int64_t grace_ms,
                                   int32_t confirm, int64_t from, int64_t to)
{
    struct sla_probe *sorted = NULL;
    int64_t limit;
    size_t i;
    int rc;
    if (!down || (!samples && n) || interval_ms <= 0 || grace_ms < 0 ||
        confirm < 1 || from > to ||
        sla__add_overflow(interval_ms, grace_ms, &limit))
        return SLA_EINVAL;
    for (i = 1; i < n; i++)
        if (samples[i].at < samples[i - 1].at ||
            (samples[i].at == samples[i - 1].at &&
             samples[i].ok < samples[i - 1].ok))
            break;
    if (i < n) {
        if (n > SIZE_MAX / sizeof *sorted ||
            !(sorted = malloc(n * sizeof *sorted)))
            return SLA_ENOMEM;
        memcpy(sorted, samples, n * sizeof *sorted);
        qsort(sorted, n, sizeof *sorted, cmp_at);
        samples = sorted;
    }
    rc = evaluate(down, nodata, samples, n, limit, confirm, from, to);
    free(sorted);
    return rc;
}
