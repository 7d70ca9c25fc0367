/* SPDX-License-Identifier: MIT */
/* Incident figures: means, nearest-rank percentiles, deadlines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sla-private.h"

#define NONE SLA_TIME_NONE

static int bad(struct sla_error *err, size_t index, const char *what)
{
    if (err) {
        memset(err, 0, sizeof *err);
        err->code = SLA_EINVAL;
        err->offset = index <= INT64_MAX ? (int64_t)index : -1;
        snprintf(err->message, sizeof err->message, "record %zu: %s",
                 index + 1, what);
    }
    return SLA_EINVAL;
}

static int check(const struct sla_incident *x, size_t index,
                 struct sla_error *err)
{
    size_t i;
    int64_t first;
    if (x->started == NONE || x->recovered == NONE)
        return bad(err, index, "expected started and recovered");
    if (x->recovered < x->started)
        return bad(err, index, "recovered before started");
    if (x->detected != NONE && x->detected < x->started)
        return bad(err, index, "detected before started");
    if (x->detected != NONE && x->detected > x->recovered)
        return bad(err, index, "detected after recovered");
    if (x->acknowledged != NONE &&
        (x->acknowledged < (x->detected != NONE ? x->detected : x->started)))
        return bad(err, index, "acknowledged before detected");
    if (x->notified != NONE && x->notified < x->started)
        return bad(err, index, "notified before started");
    if (x->resolved != NONE && x->resolved < x->recovered)
        return bad(err, index, "resolved before recovered");
    if (x->nupdates && !x->updates)
        return bad(err, index, "updates missing");
    first = x->notified != NONE ? x->notified
            : x->detected != NONE ? x->detected
                                  : x->started;
    for (i = 0; i < x->nupdates; i++) {
        if (x->updates[i] == NONE || x->updates[i] < first)
            return bad(err, index, "an update before the first notification");
        if (i && x->updates[i] < x->updates[i - 1])
            return bad(err, index, "updates out of time order");
    }
    return 0;
}

SLA_EXPORT int sla_incident_check(const struct sla_incident *x,
                                  struct sla_error *err)
{
    if (!x)
        return bad(err, 0, "no record");
    return check(x, 0, err);
}

/* Round total / n to the nearest, halves up (n > 0, total >= 0). */
static int64_t mean(int64_t total, int64_t n)
{
    return n ? total / n + (total % n >= n - total % n) : 0;
}

static int cmp64(const void *pa, const void *pb)
{
    int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
    return (a > b) - (a < b);
}

/* Nearest rank: the value at rank ceil(p/100 x n), from 1. */
static int64_t rank(const int64_t *v, int64_t n, int p)
{
    int64_t r = (p * n + 99) / 100;
    return n ? v[(r < 1 ? 1 : r) - 1] : 0;
}

SLA_EXPORT int sla_incidents_stats(struct sla_incident_stats *out,
                                   const struct sla_incident *x, size_t n,
                                   int64_t from, int64_t to, int64_t rto_ms,
                                   int64_t long_ms, struct sla_error *err)
{
    struct sla_incident_stats st;
    int64_t *rec = NULL, span, up;
    int64_t sum_repair = 0, n_repair = 0, sum_resolve = 0, n_resolve = 0;
    int64_t sum_detect = 0, n_detect = 0, sum_ack = 0, n_ack = 0;
    size_t i;
    if (!out || (!x && n) || from > to || rto_ms <= 0 || long_ms <= 0)
        return SLA_EINVAL;
    if (sla__sub_overflow(to, from, &span))
        return SLA_EOVERFLOW;
    for (i = 0; i < n; i++)
        if (check(&x[i], i, err))
            return SLA_EINVAL;
    if (n > SIZE_MAX / sizeof *rec || !(rec = malloc((n ? n : 1) * sizeof *rec)))
        return SLA_ENOMEM;
    memset(&st, 0, sizeof st);
    for (i = 0; i < n; i++) {
        const struct sla_incident *e = &x[i];
        int64_t r, d;
        if (e->started < from || e->started >= to)
            continue;
        if (sla__sub_overflow(e->recovered, e->started, &r) ||
            sla__add_overflow(st.total_recovery_ms, r, &st.total_recovery_ms))
            goto overflow;
        rec[st.count++] = r;
        st.long_count += r >= long_ms;
        st.rto_met += r <= rto_ms;
        if (e->detected != NONE) {
            if (sla__sub_overflow(e->recovered, e->detected, &d) ||
                sla__add_overflow(sum_repair, d, &sum_repair) ||
                sla__sub_overflow(e->detected, e->started, &d) ||
                sla__add_overflow(sum_detect, d, &sum_detect))
                goto overflow;
            n_repair++;
            n_detect++;
            if (e->acknowledged != NONE) {
                if (sla__sub_overflow(e->acknowledged, e->detected, &d) ||
                    sla__add_overflow(sum_ack, d, &sum_ack))
                    goto overflow;
                n_ack++;
            }
        }
        if (e->resolved != NONE) {
            if (sla__sub_overflow(e->resolved, e->started, &d) ||
                sla__add_overflow(sum_resolve, d, &sum_resolve))
                goto overflow;
            n_resolve++;
        }
    }
    qsort(rec, (size_t)st.count, sizeof *rec, cmp64);
    st.mttr_ms = mean(st.total_recovery_ms, st.count);
    st.mean_repair_ms = mean(sum_repair, n_repair);
    st.mean_resolve_ms = mean(sum_resolve, n_resolve);
    st.mttd_ms = mean(sum_detect, n_detect);
    st.mtta_ms = mean(sum_ack, n_ack);
    st.median_ms = rank(rec, st.count, 50);
    st.p90_ms = rank(rec, st.count, 90);
    st.max_ms = st.count ? rec[st.count - 1] : 0;
    /* Uptime over failures; a recovery that runs past the span still
     * counts whole, as the incident does. */
    up = span - st.total_recovery_ms;
    if (up < 0)
        up = 0;
    st.mtbf_ms = mean(up, st.count);
    if (st.count) {
        double mtbf = (double)up / (double)st.count;
        double mttr = (double)st.total_recovery_ms / (double)st.count;
        st.rto_rate = (double)st.rto_met / (double)st.count;
        st.implied_availability =
            mtbf + mttr > 0 ? mtbf / (mtbf + mttr) : 0.0;
    }
    free(rec);
    *out = st;
    return 0;
overflow:
    free(rec);
    return SLA_EOVERFLOW;
}

SLA_EXPORT int sla_incident_notification(int64_t *breach_ms,
                                         const struct sla_incident *x,
                                         int64_t limit_ms)
{
    int64_t base, due, at;
    if (!breach_ms || !x || limit_ms < 0 || check(x, 0, NULL))
        return SLA_EINVAL;
    base = x->detected != NONE ? x->detected : x->started;
    if (sla__add_overflow(base, limit_ms, &due))
        due = INT64_MAX;
    at = x->notified != NONE ? x->notified : x->recovered;
    if (at <= due)
        *breach_ms = 0;
    else if (sla__sub_overflow(at, due, breach_ms))
        *breach_ms = INT64_MAX;
    return 0;
}

SLA_EXPORT int sla_incident_update_gaps(struct sla_interval *out, size_t cap,
                                        size_t *count,
                                        const struct sla_incident *x,
                                        int64_t limit_ms)
{
    int64_t prev;
    size_t i = 0, k = 0;
    if ((!out && cap) || !count || !x || limit_ms <= 0 || check(x, 0, NULL))
        return SLA_EINVAL;
    if (x->notified != NONE)
        prev = x->notified;
    else if (x->nupdates)
        prev = x->updates[i++];
    else {
        *count = 0;
        return 0; /* never notified: sla_incident_notification says so */
    }
    for (;; i++) {
        int64_t next = i < x->nupdates ? x->updates[i] : x->recovered;
        if (next > x->recovered)
            next = x->recovered;
        if (next > prev &&
            (uint64_t)next - (uint64_t)prev > (uint64_t)limit_ms) {
            if (k < cap) {
                out[k].start = prev;
                out[k].end = next;
            }
            k++;
        }
        if (next > prev)
            prev = next;
        if (i >= x->nupdates)
            break;
    }
    *count = k;
    return k > cap ? SLA_ENOSPC : 0;
}
