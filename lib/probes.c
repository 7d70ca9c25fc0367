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

#define BLOCK 16

/* Returns 0, <0 on error, or 1 if the samples are not sorted. */
static int evaluate(struct sla_intervals *down, struct sla_intervals *nodata,
                    const struct sla_probe *p, size_t n, int64_t limit,
                    int32_t confirm, int64_t from, int64_t to)
{
    int64_t cover = INT64_MIN; /* end of what the samples vouch for */
    int64_t run_first = 0, down_start = 0, prev = INT64_MIN;
    const int64_t last = INT64_MAX - limit; /* t + limit fits up to here */
    int32_t run = 0;
    int in_down = 0, rc;
    size_t i;
    for (i = 0; i < n; i++) {
        int64_t t = p[i].at;
        /* The common case, a run of good samples on time while up: a
         * block of them is checked without a branch per sample. */
        if (!in_down && i + BLOCK <= n && p[i].ok && t > prev &&
            t <= cover) {
            size_t k;
            unsigned bad = p[i + BLOCK - 1].at > last;
            /* Ask for the memory a few blocks ahead. */
            if (n - i > 8 * BLOCK)
                __builtin_prefetch(p + i + 8 * BLOCK);
            for (k = 1; k < BLOCK; k++) {
                /* a < b <= a + limit, in one unsigned comparison */
                uint64_t step = (uint64_t)p[i + k].at - (uint64_t)p[i + k - 1].at;
                bad |= (unsigned)(step - 1 > (uint64_t)limit - 1) |
                       (unsigned)(p[i + k].ok == 0);
            }
            if (!bad) {
                run = 0;
                prev = p[i + BLOCK - 1].at;
                cover = prev + limit;
                i += BLOCK - 1;
                continue;
            }
        }
        /* One good sample on time while up. */
        if (p[i].ok && !in_down && t > prev && t <= cover && t <= last) {
            run = 0;
            cover = t + limit;
            prev = t;
            continue;
        }
        prev = t;
        /* Out of order (a later instant, or a failure after a success at
         * the same one): the caller sorts and starts again. */
        if (i && (t < p[i - 1].at ||
                  (t == p[i - 1].at && p[i].ok < p[i - 1].ok)))
            return 1;
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
    struct sla_intervals *d = NULL, *g = NULL;
    const struct sla_interval *v;
    size_t count;
    int64_t limit;
    int rc;
    if (!down || (!samples && n) || interval_ms <= 0 || grace_ms < 0 ||
        confirm < 1 || from > to ||
        sla__add_overflow(interval_ms, grace_ms, &limit))
        return SLA_EINVAL;
    /* One pass, into sets of our own, on the samples as given; only if
     * they turn out unsorted, again on a sorted copy. */
    if (sla_intervals_new(&d) || sla_intervals_new(&g)) {
        rc = SLA_ENOMEM;
        goto out;
    }
    rc = evaluate(d, g, samples, n, limit, confirm, from, to);
    if (rc == 1) {
        if (n > SIZE_MAX / sizeof *sorted ||
            !(sorted = malloc(n * sizeof *sorted))) {
            rc = SLA_ENOMEM;
            goto out;
        }
        memcpy(sorted, samples, n * sizeof *sorted);
        qsort(sorted, n, sizeof *sorted, cmp_at);
        sla_intervals_clear(d);
        sla_intervals_clear(g);
        rc = evaluate(d, g, sorted, n, limit, confirm, from, to);
    }
    if (rc == 0) {
        v = sla_intervals_view(d, &count);
        rc = sla_intervals_add_many(down, v, count);
    }
    if (rc == 0 && nodata) {
        v = sla_intervals_view(g, &count);
        rc = sla_intervals_add_many(nodata, v, count);
    }
out:
    sla_intervals_free(d);
    sla_intervals_free(g);
    free(sorted);
    return rc;
}
