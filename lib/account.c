/* SPDX-License-Identifier: MIT */
/* A running account of state changes: closed outages and gaps in arrays
 * appended in time order, the open state kept apart. */
#include <stdlib.h>
#include <string.h>

#include "sla-private.h"

struct sla_account {
    const struct sla_service *svc;
    int64_t start, since;
    int32_t state;
    struct sla_outage *out;
    size_t n, cap;
    struct sla_intervals *nodata;
};

SLA_EXPORT int sla_account_new(struct sla_account **out,
                               const struct sla_service *svc, int64_t start,
                               int32_t state)
{
    struct sla_account *a;
    if (!out || !svc || state < SLA_STATE_UP || state > SLA_STATE_UNKNOWN)
        return SLA_EINVAL;
    if (!(a = calloc(1, sizeof *a)))
        return SLA_ENOMEM;
    if (sla_intervals_new(&a->nodata)) {
        free(a);
        return SLA_ENOMEM;
    }
    a->svc = svc;
    a->start = a->since = start;
    a->state = state;
    *out = a;
    return 0;
}

SLA_EXPORT void sla_account_free(struct sla_account *a)
{
    if (!a)
        return;
    sla_intervals_free(a->nodata);
    free(a->out);
    free(a);
}

/* Close the current state's interval at `at`. */
static int close_state(struct sla_account *a, int64_t at)
{
    if (at <= a->since || a->state == SLA_STATE_UP)
        return 0;
    if (a->state == SLA_STATE_UNKNOWN)
        return sla_intervals_add(a->nodata, a->since, at);
    if (sla__grow((void **)&a->out, &a->cap, a->n + 1, sizeof *a->out))
        return SLA_ENOMEM;
    memset(&a->out[a->n], 0, sizeof a->out[a->n]);
    a->out[a->n].start = a->since;
    a->out[a->n].end = at;
    a->out[a->n].kind = a->state - 1;
    a->n++;
    return 0;
}

SLA_EXPORT int sla_account_set(struct sla_account *a, int64_t at,
                               int32_t state)
{
    int rc;
    if (!a || state < SLA_STATE_UP || state > SLA_STATE_UNKNOWN ||
        at < a->since)
        return SLA_EINVAL;
    if (state == a->state)
        return 0;
    if ((rc = close_state(a, at)))
        return rc;
    a->state = state;
    a->since = at;
    return 0;
}

SLA_EXPORT int sla_account_figures(struct sla_figures *out,
                                   const struct sla_account *a, int64_t from,
                                   int64_t to, int64_t now)
{
    struct sla_intervals *nodata = NULL;
    struct sla_outage *o = NULL;
    size_t n;
    int rc;
    if (!out || !a || from > to || now < a->since)
        return SLA_EINVAL;
    /* The records so far, plus the open state up to now. */
    n = a->n;
    if (a->state != SLA_STATE_UP && a->state != SLA_STATE_UNKNOWN &&
        now > a->since)
        n++;
    if (n && !(o = malloc(n * sizeof *o)))
        return SLA_ENOMEM;
    if (a->n)
        memcpy(o, a->out, a->n * sizeof *o);
    if (n > a->n) {
        memset(&o[a->n], 0, sizeof *o);
        o[a->n].start = a->since;
        o[a->n].end = now;
        o[a->n].kind = a->state - 1;
    }
    if ((rc = sla_intervals_new(&nodata)) == 0 &&
        (rc = sla_intervals_copy(nodata, a->nodata)) == 0 &&
        (a->state != SLA_STATE_UNKNOWN || now <= a->since ||
         (rc = sla_intervals_add(nodata, a->since, now)) == 0) &&
        (from >= a->start ||
         (rc = sla_intervals_add(nodata, from, a->start < to ? a->start
                                                              : to)) == 0))
        rc = sla_service_compute(out, a->svc, o, n, nodata, from, to, now);
    sla_intervals_free(nodata);
    free(o);
    return rc;
}
